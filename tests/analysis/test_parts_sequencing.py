"""Sequencing through parts, against a plain simulation: every small ledger with
measures made of parts (of parts), any constraints, any statuses.

The simulation plays the talks round by round. In each round every group of
pending measures (joined by `with`; a `with` on a measure made of parts joins each
of its pending parts, whether or not another has acted, and one with no part left
to act ties nothing, as a withdrawn measure does) acts once every constraint of its members, and of what
they are part of, is met by the end of the round before: a measure that acted, or
was verified, in an earlier round. A measure acted in round k is verified in round
k + 1 (one that acted before the talks, in round 1). A measure made of parts acted
in the round of its first part, and is verified in the round of its last part's
verification. The plan must place each measure in the round the simulation gives
it, and leave out exactly those that never act.
"""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dprk_cli.analysis.sequencing import (
    deadlocks_through,
    find_deadlocks,
    next_steps,
    phased_plan,
    readiness,
)
from dprk_cli.facts import Nodes
from dprk_cli.model import Constraint
from dprk_cli.vocab import (
    ACTED,
    PENDING,
    Require,
    State,
    Status,
    default_extent,
    derive_from_parts,
    parts_by_whole,
)

from .build import m, nodes

IDS = ["a", "b", "c", "d", "e", "f", "g", "h"]
STATUS = st.sampled_from([Status.proposed, Status.agreed, Status.proposed, Status.agreed, *Status])
constraint = st.tuples(
    st.sampled_from(["after", "after", "verified", "with"]), st.sampled_from([*IDS, "ghost"])
)
# Each measure may be part of one listed before it: parts of parts, and no cycle.
measure = st.tuples(STATUS, st.lists(constraint, max_size=3), st.integers(-3, len(IDS) - 1))


def _ledger(specs: list[tuple[Status, list[tuple[str, str]], int]]) -> Nodes:
    ids = IDS[: len(specs)]
    whole_of = {
        ident: ids[k] if 0 <= k < i else None
        for i, (ident, (_, _, k)) in enumerate(zip(ids, specs, strict=True))
    }
    parts = parts_by_whole(whole_of.items())
    states: dict[str, State] = {}
    for ident, (status, _, _) in reversed(list(zip(ids, specs, strict=True))):
        own = State(status, default_extent(status))
        states[ident] = derive_from_parts(own, [states[p] for p in parts.get(ident, [])])
    together = {  # (each side of a `with` records it, as the ledger's rules want)
        pair
        for ident, (_, links, _) in zip(ids, specs, strict=True)
        for kind, other in links
        if kind == "with" and other in ids and other != ident
        for pair in ((ident, other), (other, ident))
    }
    made = []
    for ident, (_, links, _) in zip(ids, specs, strict=True):
        constraints = [
            Constraint(
                after=other, require=Require.verified if kind == "verified" else Require.acted
            )
            for kind, other in links
            if other != ident and kind != "with"
        ]
        constraints += [Constraint(with_=b) for a, b in sorted(together) if a == ident]
        whole = {"part_of": whole_of[ident]} if whole_of[ident] else {}
        made.append(
            m(ident, "A", states[ident].status.value, **whole).model_copy(
                update={"constraints": constraints, "extent": states[ident].extent}
            )
        )
    return nodes(*made, parties=("A",))


def _simulate(ledger: Nodes) -> tuple[dict[str, int | None], dict[str, int | None]]:
    """Each measure's round of acting and of being verified (0: before the talks; None:
    never), as the module's docstring plays them."""
    index = ledger.index()
    # (a part that stands rejected counts for nothing in its whole: as if no part of it)
    parts = parts_by_whole(
        (n.id, n.part_of)
        for n in index.values()
        if n.part_of in index and n.status != Status.rejected
    )
    pending = {i for i, n in index.items() if n.status in PENDING}
    wholes = {i for i in pending if i in parts}
    # Made of parts and yet to act, pending or not: it acts once a part does.
    to_act = {i for i in parts if index[i].status not in ACTED}

    def pending_parts(ident: str) -> set[str]:  # (whatever the measure stands at)
        found = set()
        for p in parts.get(ident, []):
            if p in parts:
                found |= pending_parts(p)
            elif p in pending:
                found.add(p)
        return found

    doers = pending - wholes
    group = {i: {i} for i in doers}
    for n in index.values():
        if n.id not in doers and n.id not in parts:
            continue
        for c in n.constraints:
            if c.with_ is None or c.with_ == n.id:
                continue
            sides = [pending_parts(x) if x in parts else {x} & doers for x in (n.id, c.with_)]
            if not all(sides):
                continue  # a side with no part left to act ties nothing, as a withdrawn one
            merged = set().union(*(group[x] for side in sides for x in side))
            for x in merged:
                group[x] = merged

    def chain(ident: str) -> list[str]:
        """The measure, then what it is part of, and so on up."""
        found = [ident]
        while index[found[-1]].part_of is not None:
            found.append(index[found[-1]].part_of)
        return found

    acts: dict[str, int | None] = {i: 0 if index[i].status in ACTED else None for i in index}

    def verified(ident: str) -> int | None:
        n = index[ident]
        if n.status == Status.verified:
            return 0
        if ident in parts:
            rounds = [verified(p) for p in parts[ident]]
            return None if None in rounds else max(r for r in rounds if r is not None)
        if n.status not in PENDING and n.status not in ACTED:
            return None  # withdrawn, rejected or reversed: it meets no constraint
        if n.status in ACTED:
            return 1
        done = acts[ident] if n.status in PENDING else None
        return None if done is None else done + 1

    def acted(ident: str) -> int | None:
        return acts.get(ident)

    for _ in range(4 * len(index) + 4):
        before = dict(acts)
        for ident in to_act:
            ways = [p for p in parts[ident] if p in pending or p in to_act]
            acts[ident] = min((acts[p] for p in ways if acts[p] is not None), default=None)
        for ident in doers:
            latest = 0
            for member in group[ident]:
                holders = chain(member)
                for k, holder in enumerate(holders):
                    for c in index[holder].constraints:
                        if c.after is None or c.after in holders[: k + 1]:
                            continue  # (itself, or what the waiting part is part of)
                        if c.after not in index:
                            latest = None
                            break
                        r = verified(c.after) if c.require == Require.verified else acted(c.after)
                        if r is None:
                            latest = None
                            break
                        latest = max(latest, r)
                    if latest is None:
                        break
                if latest is None:
                    break
            acts[ident] = None if latest is None else latest + 1
        if acts == before:
            break
    return acts, {i: verified(i) for i in index}


SETTINGS = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.lists(measure, min_size=1, max_size=len(IDS)))
@example(  # a with e, and e, a part of a, has only a withdrawn part: it ties nothing
    [(Status.proposed, [], 0)] * 3
    + [(Status.proposed, [("after", "a")], 0), (Status.proposed, [("with", "a")], 0)]
    + [(Status.withdrawn, [], 4)]
)
def test_the_plan_is_the_simulation(specs):
    ledger = _ledger(specs)
    index = ledger.index()
    acts, verifies = _simulate(ledger)
    plan = phased_plan(ledger)
    phase_of = {i: p.number for p in plan.phases for i in p.measures}
    pending = {i for i, n in index.items() if n.pending}
    made_of = {  # (a part that stands rejected counts for nothing in its whole)
        n.part_of for n in index.values() if n.part_of in index and n.status != Status.rejected
    }
    wholes = pending & made_of
    for ident in pending - wholes:
        assert phase_of.get(ident) == acts[ident], ident
    assert set(phase_of) <= pending - wholes
    for p in plan.phases:
        for ident in p.verify:
            assert verifies[ident] == p.number, ident
            assert ident not in index or ident not in made_of

    stuck = {i for d in plan.deadlocks for i in d.measures}
    blocked = {b.id for b in plan.blocked}
    doers = pending - wholes
    never = {i for i in doers if acts[i] is None}
    assert blocked | (stuck & doers) == never
    assert not blocked & stuck
    for whole in wholes:  # a measure made of parts acts through them
        assert whole not in phase_of and whole not in blocked

    # (a measure made of parts is neither ready nor blocked: it acts through its parts)
    states = readiness(ledger)
    assert set(states) == doers
    for ident, state in states.items():
        assert state.ready == (acts[ident] == 1), ident
        assert state.deadlocked == (ident in stuck), ident

    steps = next_steps(ledger)
    assert {r.id for r in steps.ready} == {i for i in pending - wholes if acts[i] == 1}
    assert {r.id for r in steps.blocked} == {i for i, r in states.items() if not r.ready}
    for v in steps.verify:
        assert index[v.id].status in ACTED and index[v.id].status != Status.verified
        assert v.id not in made_of  # its parts are verified

    assert find_deadlocks(ledger) == plan.deadlocks


@SETTINGS
@given(st.lists(measure, min_size=1, max_size=len(IDS)), st.sets(st.sampled_from(IDS), max_size=3))
def test_the_deadlocks_through_a_few_measures_are_read_around_them(specs, targets):
    ledger = _ledger(specs)
    index = ledger.index()
    parts = parts_by_whole((n.id, n.part_of) for n in index.values() if n.part_of in index)
    wanted = sorted(t for t in targets if t in index)
    place = {n.id: i for i, n in enumerate(ledger.measures)}
    found = deadlocks_through(
        wanted,
        lambda ids: {i: index[i] for i in ids if i in index},
        place.__getitem__,
        lambda ident: parts.get(ident, []),
    )
    expected = [d for d in find_deadlocks(ledger) if set(wanted) & set(d.measures)]
    assert [d.measures for d in found] == [d.measures for d in expected]
    assert found == expected
