"""`plan --assume` on the ledger as it stands starts from the kept plan and draws again
only the steps the assumptions can move (`sequencing.plan_after`): the changed measures
and the pending measures behind them. What it shows is what drawing the whole plan of
the assumed ledger shows, byte for byte; it reads the nodes of a few measures, not of
every one."""

from __future__ import annotations

import contextlib
import io
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.generate import build
from dprk_cli import facts, store
from dprk_cli.analysis import sequencing
from dprk_cli.analysis.overview import Around
from dprk_cli.analysis.sequencing import phased_plan, plan_after
from dprk_cli.analysis.whatif import Assumption, assume, plan_assuming
from dprk_cli.cli.app import main
from dprk_cli.facts import Link, Nodes
from dprk_cli.model import Constraint
from dprk_cli.vocab import Extent, Require, Status, default_extent, done_in_part, references

from .analysis.build import ledger as ledger_of
from .analysis.build import m, nodes

DAY = date(2026, 1, 1)


def _around(ledger: Nodes) -> Around:
    index = ledger.index()
    links = [(n.id, n.part_of, sorted(references(n))) for n in ledger.measures]
    return Around(links, lambda ids: {i: index[i] for i in ids if i in index})


def _full(ledger: Nodes, assumptions: list[Assumption]) -> list[str]:
    return phased_plan(assume(ledger, assumptions, DAY)).kept()


# --- the analysis: every small ledger, every assumption ----------------------------------

IDS = ["a", "b", "c", "d", "e", "f", "g"]
STATUSES = list(Status)
PENDING_HEAVY = st.sampled_from([Status.proposed, Status.agreed, *STATUSES])
# (reversed and exchanged for another: carried out again while it owes, `_again`)
OR_REVERSED = st.sampled_from([Status.proposed, Status.agreed, Status.reversed, *STATUSES])

constraint = st.tuples(
    st.sampled_from(["after", "verified", "with"]), st.sampled_from([*IDS, "ghost"])
)
measure = st.tuples(
    OR_REVERSED,
    st.sampled_from(["A", "B"]),
    st.lists(constraint, max_size=3),
    st.sampled_from([None, None, None, *IDS]),  # part of
    st.lists(st.sampled_from(IDS), max_size=2),  # exchanged for
)
assumption = st.tuples(
    st.sampled_from(IDS), st.sampled_from(STATUSES), st.sampled_from([None, *Extent])
)


def _constraints(ident: str, links: list[tuple[str, str]]) -> list[Constraint]:
    return [
        Constraint(with_=other)
        if kind == "with"
        else Constraint(
            after=other, require=Require.verified if kind == "verified" else Require.acted
        )
        for kind, other in links
        if other != ident
    ]


def _ledger(
    specs: list[tuple[Status, str, list[tuple[str, str]], str | None, list[str]]],
    one_sided: bool = False,
) -> Nodes:
    """The ledger of `specs`, each measure exchanged for those it names and (unless
    `one_sided`, a hand-edited file's mistake that the balance still counts) named by."""
    present = IDS[: len(specs)]
    exchanged: dict[str, set[str]] = {i: set() for i in present}
    for ident, spec in zip(present, specs, strict=False):
        for other in spec[4]:
            if other != ident and other in exchanged:
                exchanged[ident].add(other)
                if not one_sided:
                    exchanged[other].add(ident)
    made = []
    for ident, (status, actor, links, whole, _) in zip(present, specs, strict=False):
        part_of = {"part_of": whole} if whole not in (None, ident) else {}
        made.append(
            m(ident, actor, status.value, exchange=sorted(exchanged[ident]), **part_of).model_copy(
                update={"constraints": _constraints(ident, links)}
            )
        )
    return nodes(*made, parties=("A", "B"))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(measure, min_size=1, max_size=len(IDS)),
    st.lists(assumption, min_size=1, max_size=3),
    st.booleans(),
)
def test_a_what_if_drawn_where_it_moves_is_the_whole_plan_drawn(specs, picks, one_sided):
    ledger = _ledger(specs, one_sided)
    known = {n.id: n for n in ledger.measures}
    wanted = [Assumption(i, s, e or default_extent(s)) for i, s, e in picks if i in known]
    if not wanted:
        return
    base = phased_plan(ledger)
    found = plan_assuming(base, wanted, DAY, _around(ledger))
    if any(known[a.id].part_of is not None for a in wanted):
        assert found is None  # (its wholes stand as all their parts say: drawn whole)
        return
    if found is None:  # (a measure made of parts met, or a rest held: drawn from every one)
        assumed = [known[a.id].replace(status=a.status, extent=a.extent) for a in wanted]
        assert any(n.part_of is not None for n in ledger.measures) or _rest_held(
            [*ledger.measures, *assumed]
        )
        return
    assert found.kept() == _full(ledger, wanted)


def _rest_held(measures: list) -> bool:
    """Whether one of `measures` is done in part with an order of its own, which may hold
    its rest: `plan_after` leaves that to the whole plan."""
    return any(done_in_part(n) and any(c.after for c in n.constraints) for n in measures)


change = st.tuples(st.sampled_from(IDS), OR_REVERSED, st.lists(constraint, max_size=3))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(measure, min_size=1, max_size=len(IDS)),
    st.lists(change, min_size=1, max_size=3),
    st.booleans(),
)
def test_any_measures_changed_the_plan_drawn_where_they_move_is_the_whole_plan(
    specs, changes, one_sided
):
    """`plan_after` for measures whose status and constraints changed (a `with` or an
    `after` gone, or new): what a write would ask of it."""
    ledger = _ledger(specs, one_sided)
    index = ledger.index()
    changed = {}
    for ident, status, links in changes:
        if ident in index:
            changed[ident] = index[ident].replace(
                status=status, constraints=tuple(map(Link.of, _constraints(ident, links)))
            )
    if not changed:
        return
    found = plan_after(phased_plan(ledger), changed, _around(ledger))
    if found is None:  # (a measure made of parts met, or a rest held: drawn from every one)
        assert any(n.part_of is not None for n in ledger.measures) or _rest_held(
            [*ledger.measures, *changed.values()]
        )
        return
    whole = ledger.with_measures([changed.get(n.id, n) for n in ledger.measures])
    assert found.kept() == phased_plan(whole).kept()


def test_a_measure_behind_a_deadlock_it_is_not_part_of_is_held_by_it():
    ledger = nodes(
        m("inventory", "A", after=["declaration"]),
        m("declaration", "B", after=["inventory"]),
        m("relief", "B", "agreed", after=["inventory", "talks"]),
        m("talks", "A", "withdrawn"),
    )
    wanted = [Assumption("relief", Status.proposed, Extent.not_initiated)]
    found = plan_assuming(phased_plan(ledger), wanted, DAY, _around(ledger))
    assert found is not None and found.kept() == _full(ledger, wanted)
    [held] = found.blocked
    assert [(h.wait.after, h.reason) for h in held.holds] == [
        ("inventory", "deadlocked"),
        ("talks", "withdrawn"),
    ]


def test_a_deadlock_the_assumption_breaks_is_dissolved_and_what_it_held_is_planned():
    ledger = nodes(
        m("inventory", "A", after=["declaration"], demands={"declaration": "A"}),
        m("declaration", "B", after=["inventory"], demands={"inventory": "B"}),
        m("relief", "B", verified_after=["inventory"]),
        m("talks", "A", after=["relief"]),
        m("aside", "A"),
    )
    wanted = [Assumption("declaration", Status.implemented, Extent.full)]
    base = phased_plan(ledger)
    assert [d.measures for d in base.deadlocks] == [["declaration", "inventory"]]
    found = plan_assuming(base, wanted, DAY, _around(ledger))
    assert found is not None and found.kept() == _full(ledger, wanted)
    assert found.deadlocks == [] and found.blocked == []
    assert [(p.number, p.measures, p.verify) for p in found.phases] == [
        (1, ["aside", "inventory"], []),
        (2, [], ["inventory"]),
        (3, ["relief"], []),
        (4, ["talks"], []),
    ]


def test_a_verification_still_wanted_by_a_measure_not_drawn_again_stays():
    ledger = nodes(
        m("inspection", "A", "implemented"),
        m("relief", "B", verified_after=["inspection"]),
        m("aid", "B", verified_after=["inspection"]),
    )
    base = phased_plan(ledger)
    for ident, verify in (("relief", ["inspection"]), ("inspection", [])):
        wanted = [Assumption(ident, Status.verified, Extent.full)]
        found = plan_assuming(base, wanted, DAY, _around(ledger))
        assert found is not None and found.kept() == _full(ledger, wanted)
        assert found.phases[0].verify == verify


@pytest.mark.parametrize(
    "waiter, verify",
    [
        # (blocked behind one withdrawn: none planned waits for the verification)
        (m("b", "B", verified_after=["t"], after=["w"]), []),
        # (carried out in part: its rest, planned, waits for the verification)
        (m("b", "B", "implemented", extent="minimal", verified_after=["t"]), [["t"], []]),
    ],
)
def test_a_verification_stays_while_a_planned_measure_not_drawn_again_waits_for_it(waiter, verify):
    """A verification the kept plan lists stayed while any pending measure not drawn again
    waited for it, though that one was blocked (the whole plan lists a verification a
    planned step waits for alone), and went though the rest of one carried out in part,
    planned, waited for it."""
    ledger = nodes(
        m("t", "A", "implemented"),
        m("a", "B", verified_after=["t"]),
        waiter,
        m("w", "A", "withdrawn"),
    )
    wanted = [Assumption("a", Status.withdrawn, Extent.not_initiated)]
    found = plan_assuming(phased_plan(ledger), wanted, DAY, _around(ledger))
    assert found is not None and found.kept() == _full(ledger, wanted)
    assert [p.verify for p in found.phases] == verify


def _exchanged(
    gift: str = "implemented",
    aid: str = "proposed",
    relief_after: tuple[str, ...] = ("freeze", "talks"),
    freeze_after: tuple[str, ...] = (),
):
    """A freeze reversed (on 2020-01-01), given for a gift and for aid: carried out again
    while one of them has acted (`balance.owing`); relief waits for it."""
    return [
        m("aid", "B", aid, exchange=["freeze"]),
        m("aside", "A"),
        m("freeze", "A", "reversed", exchange=["aid", "gift"], after=list(freeze_after)),
        m("gift", "B", gift, exchange=["freeze"]),
        m("relief", "B", after=list(relief_after)),
        m("talks", "A"),
    ]


REVERSED_ON = date(2020, 1, 1)


@pytest.mark.parametrize(
    "made, assumed, drawn",
    [
        # (owed: carried out again in phase 1, what waits for it after it)
        (
            {},
            "talks=implemented",
            [(1, ["aid", "aside", "freeze"], ["freeze"]), (2, ["relief"], [])],
        ),
        # (owed by nobody: reversed, it holds what waits for it)
        ({"gift": "proposed"}, "talks=implemented", "relief"),
        # (owed, but blocked behind one withdrawn, and so what waits for it)
        ({"freeze_after": ("talks",)}, "talks=withdrawn", "freeze relief"),
        # (its counterpart acts: it is owed now, carried out again)
        (
            {"gift": "proposed"},
            "aid=implemented",
            [(1, ["aside", "freeze", "gift", "talks"], ["freeze"]), (2, ["relief"], [])],
        ),
        # (its counterpart is reversed too, or offered again: owed no more)
        ({}, "gift=reversed", "relief"),
        ({}, "gift=proposed", "relief"),
        # (owed, in a deadlock with what waits for it; the deadlock drawn again)
        ({"freeze_after": ("relief",)}, "talks=implemented", ["freeze", "relief"]),
        # (owed no more: the deadlock through it ends; come to be owed: one begins)
        ({"freeze_after": ("relief",)}, "gift=proposed", "relief"),
        (
            {"gift": "proposed", "freeze_after": ("relief",)},
            "aid=implemented",
            ["freeze", "relief"],
        ),
    ],
)
def test_a_reversed_measure_exchanged_is_drawn_again_as_the_whole_plan_draws_it(
    made, assumed, drawn
):
    """One reversed and exchanged for another is carried out again while it owes: the plan
    drawn around what an assumption changes judges that from its counterparts, as the
    whole plan does, instead of drawing every measure again."""
    ledger = nodes(*_exchanged(**made), parties=("A", "B"))
    ident, status = assumed.split("=")
    wanted = [Assumption(ident, Status(status), default_extent(Status(status)))]
    found = plan_assuming(phased_plan(ledger), wanted, DAY, _around(ledger))
    assert found is not None
    assert found.kept() == _full(ledger, wanted)
    if isinstance(drawn, str):  # (the measures blocked)
        assert [b.id for b in found.blocked] == drawn.split()
        assert not found.deadlocks
    elif isinstance(drawn[0], str):  # (the measures of the one deadlock)
        assert [d.measures for d in found.deadlocks] == [drawn]
    else:
        assert [(p.number, p.measures, list(p.again)) for p in found.phases] == drawn
        assert found.phases[0].again == {"freeze": REVERSED_ON}


# --- the command: the same bytes, from a few measures' nodes -----------------------------


def _generated(folder: Path, size: int = 300) -> Path:
    path = folder / "dprk-ledger.toml"
    store.create(path, build(size, seed=11, cycles=3).ledger, force=True)
    return path


def _run(path: Path, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["--ledger", str(path), *args])
    return code, out.getvalue()


def test_plan_assume_reads_a_few_nodes_and_shows_what_drawing_every_one_shows(
    tmp_path, monkeypatch
):
    path = _generated(tmp_path)
    assert _run(path, "plan")[0] == 0  # (the plan as it stands, kept)
    code, out = _run(path, "status", "--format", "ids")
    ids = out.split()
    code, out = _run(path, "status", "--pending", "--format", "ids")
    pending = out.split()
    today = date.today().isoformat()
    rows: list[int] = []
    real = facts.nodes_from_rows
    monkeypatch.setattr(
        facts, "nodes_from_rows", lambda found: rows.append(len(found)) or real(found)
    )
    before = path.read_bytes()
    checked = 0
    for ident in pending[:3] + ids[:2] + ids[-2:]:
        for status in ("implemented", "verified", "proposed", "withdrawn"):
            what_if = ["--assume", f"{ident}={status}"]
            for fmt in ("json", "table") if status == "implemented" else ("json",):
                rows.clear()
                drawn = _run(path, "plan", *what_if, "--format", fmt)
                if fmt == "json":
                    assert 0 < sum(rows) < len(ids) // 4, (ident, status, rows)  # (not every node)
                whole = _run(path, "plan", "--as-of", today, *what_if, "--format", fmt)
                assert drawn == whole, (ident, status, fmt)
                assert drawn[0] == 0
                assert ("Hypothetical" in drawn[1]) == (fmt == "table")
                checked += 1
    assert checked == 7 * 5
    assert path.read_bytes() == before  # (nothing is written)


@pytest.mark.parametrize(
    "assumed, again",
    [
        ("talks=implemented", True),  # (what waits for the freeze, owed, moves)
        ("gift=proposed", False),  # (its counterpart offered again: owed no more)
        ("gift=reversed", False),
        ("aid=implemented", True),
        ("freeze=implemented", False),  # (carried out again: done)
    ],
)
def test_plan_assume_near_a_reversed_measure_exchanged_draws_a_few_measures(
    tmp_path, monkeypatch, assumed, again
):
    """Near a measure reversed and exchanged for another (carried out again while it
    owes) `plan --assume` drew every measure again; it draws those around what changed,
    judging from the freeze's counterparts whether it owes, and shows what drawing
    every one shows."""
    path = tmp_path / "dprk-ledger.toml"
    others = [m(f"other-{k:02}", "A", after=["aside"]) for k in range(40)]
    store.create(path, ledger_of(*_exchanged(), *others, parties=("A", "B")), force=True)
    assert _run(path, "plan")[0] == 0  # (the plan as it stands, kept)
    graphs: list[int] = []  # (how many measures each plan drawn is drawn from)

    class Counted(sequencing._Graph):
        def __init__(self, ledger: Nodes) -> None:
            graphs.append(len(ledger.measures))
            super().__init__(ledger)

    monkeypatch.setattr(sequencing, "_Graph", Counted)
    before = path.read_bytes()
    what_if = ["--assume", assumed, "--format", "json"]
    code, out = _run(path, "plan", *what_if)
    assert code == 0
    assert graphs and max(graphs) < 10, graphs  # (not from the 46 measures)
    graphs.clear()
    assert (code, out) == _run(path, "plan", "--as-of", date.today().isoformat(), *what_if)
    phases = json.loads(out)["phases"]
    assert any(a["id"] == "freeze" for p in phases for a in p["again"]) == again
    assert path.read_bytes() == before


def test_plan_assume_with_a_deadlock_shows_it_dissolved(tmp_path):
    path = _generated(tmp_path)
    code, out = _run(path, "plan", "--format", "json")
    import json

    stuck = json.loads(out)["deadlocks"]
    assert stuck, "the generated ledger has deadlocks"
    ident = stuck[0]["measures"][0]
    today = date.today().isoformat()
    what_if = ["--assume", f"{ident}=implemented"]
    drawn = _run(path, "plan", *what_if)
    assert drawn == _run(path, "plan", "--as-of", today, *what_if)
    assert "Dissolves" in drawn[1] and ident in drawn[1]


@pytest.mark.parametrize(
    "assumed, message, code",
    [
        ("ghost=implemented", "--assume: no measure with id 'ghost'", 1),
        # (an id that cannot be one is a usage error, as everywhere: it was exit 1)
        ("Bad/Id=implemented", "--assume: 'Bad/Id' is not a valid id", 2),
        ("x", "--assume: 'x' is not ID=STATUS[:EXTENT]", 2),
        # (an extent left out after its colon was taken as none given)
        ("m00001=implemented:", "--assume: 'm00001=implemented:' is not ID=STATUS[:EXTENT]", 2),
        ("m00001=proposed:minimal", "an extent goes with a measure that has acted", 2),
        ("m00001=implemented:not-initiated", "'not-initiated' is not an extent", 2),
    ],
)
def test_a_mistaken_assumption_is_one_line_and_writes_nothing(
    dprk, tmp_path, assumed, message, code
):
    path = _generated(tmp_path, 60)
    assert _run(path, "plan")[0] == 0
    before = path.read_bytes()
    result = dprk("--ledger", str(path), "plan", "--assume", assumed)
    assert (result.code, result.out) == (code, "")
    assert len(result.err.splitlines()) == 1 and message in result.err
    assert path.read_bytes() == before


def test_one_measure_assumed_two_ways_is_a_usage_error(dprk, korea):
    """Assumed implemented, then agreed: the last won without a word, while the output
    listed both. The same assumption twice counts once."""
    before = korea.read_bytes()
    two = [
        "--assume",
        "inventory-submission=implemented",
        "--assume",
        "inventory-submission=agreed",
    ]
    for command in ("status", "plan", "next", "balance"):
        result = dprk(command, *two, "--format", "json")
        assert (result.code, result.out) == (2, "")
        assert result.err == (
            "dprk: error: --assume: measure 'inventory-submission' is assumed two ways "
            "('inventory-submission=implemented' and 'inventory-submission=agreed'); give one\n"
        )
    same = ["--assume", "inventory-submission=implemented"] * 2
    result = dprk("status", *same, "--format", "json")
    assert result.code == 0
    assert json.loads(result.out)["assumed"] == ["inventory-submission=implemented"]
    assert korea.read_bytes() == before
