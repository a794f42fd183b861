"""The phased plan and deadlocks, on small ledgers whose answers are known by hand."""

from __future__ import annotations

import random

from dprk_cli.analysis.sequencing import (
    deadlock_text,
    find_deadlocks,
    next_steps,
    phased_plan,
)
from dprk_cli.facts import nodes_of
from dprk_cli.model import Constraint, Ledger, Measure
from dprk_cli.store import parse_bytes
from dprk_cli.vocab import Require, Status
from tests.conftest import EXAMPLE

from .build import m, nodes


def phases(plan) -> list[tuple[list[str], list[str]]]:
    return [(p.measures, p.verify) for p in plan.phases]


def test_strict_phases_put_each_step_after_the_one_before():
    plan = phased_plan(
        nodes(m("freeze"), m("relief", after=["freeze"]), m("talks", after=["relief"]))
    )
    assert phases(plan) == [(["freeze"], []), (["relief"], []), (["talks"], [])]
    assert [p.number for p in plan.phases] == [1, 2, 3]
    assert plan.deadlocks == [] and plan.blocked == []


def test_verification_gated_relief_comes_after_the_phase_that_verifies():
    plan = phased_plan(
        nodes(
            m("freeze", actor="A"),
            m("relief", actor="B", verified_after=["freeze"], demands={"freeze": "B"}),
            m("talks", actor="B"),
        )
    )
    assert phases(plan) == [(["freeze", "talks"], []), ([], ["freeze"]), (["relief"], [])]


def test_verification_of_a_measure_that_has_acted_is_a_phase_one_step():
    plan = phased_plan(
        nodes(m("closure", status="implemented"), m("relief", verified_after=["closure"]))
    )
    assert phases(plan) == [([], ["closure"]), (["relief"], [])]


def test_verified_prerequisite_gates_nothing():
    plan = phased_plan(
        nodes(m("closure", status="verified"), m("relief", verified_after=["closure"]))
    )
    assert phases(plan) == [(["relief"], [])]


def test_action_for_action_puts_paired_steps_in_one_phase():
    plan = phased_plan(
        nodes(
            m("inventory", actor="A", together=["declaration"]),
            m("declaration", actor="B", together=["inventory"]),
            m("inspections", actor="A", after=["declaration"]),
        )
    )
    assert phases(plan) == [(["declaration", "inventory"], []), (["inspections"], [])]


def test_a_with_group_waits_for_what_any_member_waits_for():
    plan = phased_plan(
        nodes(
            m("first"),
            m("x", together=["y"]),
            m("y", together=["x"], after=["first"]),
        )
    )
    assert phases(plan) == [(["first"], []), (["x", "y"], [])]


def test_phase_is_the_longest_chain_not_the_first_reached():
    plan = phased_plan(nodes(m("a"), m("b", after=["a"]), m("c", after=["a", "b"])))
    assert phases(plan) == [(["a"], []), (["b"], []), (["c"], [])]


def test_acted_and_closed_measures_are_not_planned():
    plan = phased_plan(
        nodes(
            m("done", status="implemented"),
            m("dropped", status="withdrawn"),
            m("next", after=["done"]),
        )
    )
    assert phases(plan) == [(["next"], [])]


def test_two_party_deadlock_names_each_demand_and_its_party():
    plan = phased_plan(
        nodes(
            m("inventory", actor="A", after=["declaration"], demands={"declaration": "A"}),
            m("declaration", actor="B", after=["inventory"], demands={"inventory": "B"}),
        )
    )
    assert plan.phases == []
    [d] = plan.deadlocks
    assert d.measures == ["declaration", "inventory"]
    assert [(w.measure, w.after, w.demanded_by) for w in d.demands] == [
        ("inventory", "declaration", "A"),
        ("declaration", "inventory", "B"),
    ]
    assert d.suggestions == []  # not exchanged for each other
    assert deadlock_text(d) == (
        "inventory waits for declaration (demanded by A); "
        "declaration waits for inventory (demanded by B)"
    )


def test_a_deadlock_names_each_demand_whose_drop_alone_breaks_it():
    """A deadlock of measures not exchanged for each other offered no way out: each demand
    of a circle of two breaks it, dropped. In a deadlock of two circles (a after b, b
    after c, c after a; and b after a), only the demand both pass does; in two circles
    that share a measure and no demand, none does alone."""
    [two] = find_deadlocks(
        nodes(
            m("inventory", actor="A", after=["declaration"], demands={"declaration": "A"}),
            m("declaration", actor="B", after=["inventory"], demands={"inventory": "B"}),
        )
    )
    assert [(w.measure, w.after, w.demanded_by) for w in two.drops] == [
        ("inventory", "declaration", "A"),
        ("declaration", "inventory", "B"),
    ]
    [eight] = find_deadlocks(
        nodes(m("a", after=["b"]), m("b", after=["c", "a"]), m("c", after=["a"]))
    )
    assert [(w.measure, w.after) for w in eight.drops] == [("a", "b")]
    [shared] = find_deadlocks(
        nodes(m("a", after=["b"]), m("b", after=["a", "c"]), m("c", after=["b"]))
    )
    assert shared.drops == []
    plan = phased_plan(nodes(m("a", after=["b"]), m("b", after=["c", "a"]), m("c", after=["a"])))
    assert [(w.measure, w.after) for w in plan.deadlocks[0].drops] == [("a", "b")]


def test_deadlock_between_exchanged_measures_suggests_carrying_them_out_together():
    [d] = find_deadlocks(
        nodes(
            m("inventory", actor="A", after=["declaration"], exchange=["declaration"]),
            m("declaration", actor="B", after=["inventory"], exchange=["inventory"]),
        )
    )
    assert d.suggestions == ["dprk sequence inventory --with declaration"]
    assert "(agreed by all)" in deadlock_text(d)


def test_three_measure_cycle_is_reported_in_cycle_order():
    [d] = find_deadlocks(
        nodes(
            m("a", after=["c"], demands={"c": "A"}),
            m("b", after=["a"], demands={"a": "B"}),
            m("c", after=["b"], demands={"b": "C"}),
        )
    )
    assert d.measures == ["a", "b", "c"]
    assert [(w.measure, w.after) for w in d.demands] == [("b", "a"), ("c", "b"), ("a", "c")]
    assert deadlock_text(d) == (
        "b waits for a (demanded by B); c waits for b (demanded by C); "
        "a waits for c (demanded by A)"
    )


def test_deadlock_beside_measures_that_can_still_proceed():
    plan = phased_plan(
        nodes(
            m("x", after=["y"], demands={"y": "A"}),
            m("y", after=["x"], demands={"x": "B"}),
            m("free"),
            m("later", after=["free"]),
            m("behind", after=["x"]),
            m("further", after=["behind"]),
        )
    )
    assert phases(plan) == [(["free"], []), (["later"], [])]
    assert [d.measures for d in plan.deadlocks] == [["x", "y"]]
    held = {b.id: [(h.wait.after, h.reason) for h in b.holds] for b in plan.blocked}
    assert held == {"behind": [("x", "deadlocked")], "further": [("behind", "blocked")]}


def test_prerequisite_that_cannot_act_blocks_without_a_deadlock():
    plan = phased_plan(
        nodes(
            m("gone", status="withdrawn"),
            m("undone", status="reversed"),
            m("a", after=["gone"]),
            m("b", verified_after=["undone"]),
            m("c", after=["nowhere"]),
        )
    )
    assert plan.phases == [] and plan.deadlocks == []
    held = {b.id: [(h.wait.after, h.reason) for h in b.holds] for b in plan.blocked}
    assert held == {
        "a": [("gone", "withdrawn")],
        "b": [("undone", "reversed")],
        "c": [("nowhere", "unknown")],
    }


def test_waiting_for_a_partner_one_goes_together_with_is_a_deadlock():
    [d] = find_deadlocks(nodes(m("a", together=["b"]), m("b", together=["a"], after=["a"])))
    assert d.measures == ["a", "b"]
    assert d.together == [["a", "b"]]
    assert "are to be carried out together" in deadlock_text(d)


def test_cycle_through_a_verification_is_a_deadlock():
    [d] = find_deadlocks(nodes(m("a", verified_after=["b"]), m("b", after=["a"])))
    assert d.measures == ["a", "b"]
    assert {(w.measure, w.after, w.require) for w in d.demands} == {
        ("a", "b", Require.verified),
        ("b", "a", Require.acted),
    }
    assert "a waits for b to be verified" in deadlock_text(d)


def test_two_separate_deadlocks_are_two_reports():
    found = find_deadlocks(
        nodes(m("a", after=["b"]), m("b", after=["a"]), m("c", after=["d"]), m("d", after=["c"]))
    )
    assert [d.measures for d in found] == [["a", "b"], ["c", "d"]]


def test_next_steps_lists_ready_blocked_and_verifications_wanted():
    steps = next_steps(
        nodes(
            m("closure", actor="A", status="implemented"),
            m("relief", actor="B", verified_after=["closure"], demands={"closure": "A"}),
            m("talks", actor="B"),
        )
    )
    assert [r.id for r in steps.ready] == ["talks"]
    assert [(r.id, r.waiting_for, r.demanded_by) for r in steps.blocked] == [
        ("relief", ["closure"], ["A"])
    ]
    assert [(v.id, v.unblocks) for v in steps.verify] == [("closure", ["relief"])]
    only_a = next_steps(steps_ledger := nodes(m("x", actor="A"), m("y", actor="B")), "A")
    assert [r.id for r in only_a.ready] == ["x"]
    assert steps_ledger.measures  # the filter does not change the ledger


def test_plan_phase_one_is_exactly_what_next_calls_ready():
    lg = nodes(
        m("a"),
        m("b", after=["a"]),
        m("c", together=["d"]),
        m("d", together=["c"], after=["b"]),
        m("e", after=["f"]),
        m("f", after=["e"]),
        m("g", status="implemented"),
        m("h", verified_after=["g"]),
    )
    first = phased_plan(lg).phases[0].measures
    assert first == sorted(r.id for r in next_steps(lg).ready)


def test_korea_2018_plan_reports_the_inventory_deadlock():
    plan = phased_plan(nodes_of(parse_bytes(EXAMPLE.read_bytes(), "example")))
    [d] = plan.deadlocks
    assert d.measures == ["end-of-war-declaration", "inventory-submission"]
    assert {(w.measure, w.after, w.demanded_by) for w in d.demands} == {
        ("inventory-submission", "end-of-war-declaration", "DPRK"),
        ("end-of-war-declaration", "inventory-submission", "US"),
    }
    assert deadlock_text(d) == (
        "inventory-submission waits for end-of-war-declaration (demanded by DPRK); "
        "end-of-war-declaration waits for inventory-submission (demanded by US)"
    )
    assert d.suggestions == ["dprk sequence inventory-submission --with end-of-war-declaration"]
    planned = {i for p in plan.phases for i in p.measures}
    assert "second-summit" in planned and "inventory-submission" not in planned


def _big_ledger(
    n: int, seed: int, *, acted_share: float = 0.1, cycle: bool = False
) -> tuple[Ledger, list[tuple[str, str, Require]]]:
    """n measures with about 2n `after` constraints, all pointing backwards (no cycle,
    unless `cycle` makes the first wait for the last), built without validation."""
    rng = random.Random(seed)
    edges = []
    measures = []
    for i in range(n):
        targets = {i - 1, rng.randrange(i)} if i else ({n - 1} if cycle else set())
        constraints = []
        for j in sorted(targets):
            require = Require.verified if rng.random() < 0.05 else Require.acted
            constraints.append(
                Constraint.model_construct(
                    after=f"m{j}", with_=None, require=require, demanded_by="A"
                )
            )
            edges.append((f"m{i}", f"m{j}", require))
        status = Status.implemented if rng.random() < acted_share else Status.proposed
        measures.append(
            Measure.model_construct(
                id=f"m{i}",
                title=f"measure {i}",
                actor="A",
                status=status,
                in_exchange_for=[],
                constraints=constraints,
                verifications=[],
                history=[],
            )
        )
    return Ledger.model_construct(schema_=1, title="big", parties=["A"], measures=measures), edges


def test_large_plan_respects_every_constraint():
    # 10,000 measures and about 20,000 constraints: the plan must be complete and correct.
    lg, edges = _big_ledger(10_000, seed=3)
    assert len(edges) > 19_000
    plan = phased_plan(nodes_of(lg))
    assert plan.deadlocks == [] and plan.blocked == []
    act_phase = {i: p.number for p in plan.phases for i in p.measures}
    verify_phase = {i: p.number for p in plan.phases for i in p.verify}
    index = lg.index()
    pending = {i for i, mm in index.items() if mm.status == Status.proposed}
    assert set(act_phase) == pending
    for waiting, first, require in edges:
        if waiting not in pending:
            continue
        if require == Require.verified:
            assert verify_phase[first] < act_phase[waiting]
            if first in pending:
                assert act_phase[first] < verify_phase[first]
        elif first in pending:
            assert act_phase[first] < act_phase[waiting]


def test_large_cycle_is_found_without_looping():
    lg, _ = _big_ledger(10_000, seed=4, acted_share=0.0, cycle=True)
    plan = phased_plan(nodes_of(lg))
    [d] = plan.deadlocks
    assert len(d.measures) == 10_000 and plan.phases == []
    # The demands open with one closed chain: each waits for the one named before it.
    chain = [d.demands[0]]
    while chain[-1].measure != chain[0].after:
        following = d.demands[len(chain)]
        assert following.after == chain[-1].measure
        chain.append(following)
    assert len(chain) >= 2
