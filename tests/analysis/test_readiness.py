"""Readiness: which pending measures can go ahead now, and what holds the others."""

from __future__ import annotations

from dprk_cli.analysis.sequencing import readiness

from .build import m, nodes


def test_measure_without_constraints_is_ready():
    states = readiness(nodes(m("a")))
    assert states["a"].ready and states["a"].waiting_for == []


def test_only_pending_measures_are_judged():
    states = readiness(nodes(m("a", status="implemented"), m("b", status="withdrawn"), m("c")))
    assert set(states) == {"c"}


def test_after_is_met_once_the_prerequisite_has_acted():
    states = readiness(nodes(m("a", status="implemented"), m("b", after=["a"])))
    assert states["b"].ready


def test_after_a_pending_measure_is_blocked_with_the_demanding_party():
    states = readiness(nodes(m("a"), m("b", after=["a"], demands={"a": "B"})))
    assert not states["b"].ready
    assert states["b"].waiting_for == ["a"]
    assert states["b"].demanded_by == ["B"]
    assert not states["b"].deadlocked


def test_verified_requirement_needs_a_verification_not_a_claim():
    implemented = readiness(nodes(m("a", status="implemented"), m("b", verified_after=["a"])))
    assert not implemented["b"].ready and implemented["b"].waiting_for == ["a"]
    verified = readiness(nodes(m("a", status="verified"), m("b", verified_after=["a"])))
    assert verified["b"].ready


def test_disputed_prerequisite_has_acted_but_is_not_verified():
    states = readiness(
        nodes(m("a", status="disputed"), m("b", after=["a"]), m("c", verified_after=["a"]))
    )
    assert states["b"].ready and not states["c"].ready


def test_withdrawn_reversed_or_unknown_prerequisites_cannot_be_met():
    states = readiness(
        nodes(
            m("a", status="withdrawn"),
            m("r", status="reversed"),
            m("b", after=["a"]),
            m("c", after=["r"]),
            m("d", after=["ghost"]),
        )
    )
    for ident in "bcd":
        assert not states[ident].ready
    assert states["d"].waits[0].prerequisite_status is None
    assert all(states[i].waits[0].impossible for i in "bcd")


def test_with_partners_are_ready_together():
    states = readiness(nodes(m("a", together=["b"]), m("b", together=["a"], after=["c"]), m("c")))
    assert not states["a"].ready and not states["b"].ready
    assert states["a"].waiting_for == ["c"]


def test_two_sided_demand_is_a_deadlock():
    states = readiness(
        nodes(
            m("a", after=["b"], demands={"b": "A"}, actor="A"),
            m("b", after=["a"], demands={"a": "B"}, actor="B"),
            m("c"),
        )
    )
    assert states["a"].deadlocked and states["b"].deadlocked
    assert states["c"].ready and not states["c"].deadlocked
