"""What would a move change? The ledger as if some measures stood otherwise.

`assume(ledger, assumptions)` gives the ledger with each assumed measure at the
status (and extent) assumed, and every measure made of parts re-derived from
them; nothing is written. `next`, `plan`, `balance` and `status` answer on it
as on any ledger, and `graph` and `report` draw it, and say the answer is
hypothetical. `compare_plans` says
which deadlocks an assumption dissolves and what it moves into phase 1.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from enum import StrEnum
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from ..errors import DprkError, UsageError
from ..facts import Node, Nodes, by_its_parts, latest_day, tally_of, verified_through
from ..plain import Plain
from ..vocab import (
    ACTED,
    ActedExtent,
    Extent,
    State,
    Status,
    ancestors,
    counts_as_part,
    default_extent,
    derive_from_parts,
    done_in_full,
    extent_word,
    id_problem,
    owes_nothing,
    parts_by_whole,
    state_text,
)
from .sequencing import Deadlock, Phase, Plan, plan_after

if TYPE_CHECKING:
    from .overview import Around


class Assumption(Plain):
    """A measure taken to stand at `status` (and `extent`)."""

    __slots__ = ("id", "status", "extent", "typed")

    def __init__(self, id: str, status: Status, extent: Extent, typed: bool = False) -> None:
        self.id = id
        self.status = status
        self.extent = extent
        # (the extent typed, said back as typed: 'x=implemented:full' of a measure done in
        # part is the move to full; the same assumption as 'x=implemented')
        self.typed = typed

    def _values(self) -> tuple[str, Status, Extent]:
        return (self.id, self.status, self.extent)  # (compared as assumed, not as typed)

    @property
    def text(self) -> str:
        shown = f"{self.id}={self.status.value}"
        if self.typed or self.extent != default_extent(self.status):
            shown += f":{self.extent.value}"
        return shown


E = TypeVar("E", bound=StrEnum)


def parse_assumption(text: str) -> Assumption:
    """'ID=STATUS' or 'ID=STATUS:EXTENT', as --assume takes it."""
    ident, sep, rest = text.partition("=")
    if not sep or not ident or not rest:
        raise UsageError(f"--assume: '{text}' is not ID=STATUS[:EXTENT]")
    problem = id_problem(ident)
    if problem is not None:  # (as any id given: a usage error)
        raise UsageError(f"--assume: {problem}")
    status_text, colon, extent_text = rest.partition(":")
    if colon and not extent_text:  # (an extent left out after its colon)
        raise UsageError(f"--assume: '{text}' is not ID=STATUS[:EXTENT]")
    status = _one_of(Status, status_text, "a status")
    if not extent_text:
        return Assumption(ident, status, default_extent(status))
    extent = _one_of(ActedExtent, extent_word(extent_text), "an extent")  # ('mid' too)
    if status not in ACTED:  # (as `mark --extent`: an extent is how far it was carried out)
        raise UsageError(
            f"--assume: '{text}': an extent goes with a measure that has acted "
            "(implemented, verified or disputed)"
        )
    return Assumption(ident, status, Extent(extent.value), typed=True)


def parse_assumptions(values: Iterable[str]) -> list[Assumption]:
    """Every --assume given, each measure once: the same assumption twice counts once,
    one measure assumed two ways is a usage error (which was meant cannot be told)."""
    seen: dict[str, Assumption] = {}
    for a in (parse_assumption(v) for v in values):
        if a.id in seen and seen[a.id] != a:
            raise UsageError(
                f"--assume: measure '{a.id}' is assumed two ways ('{seen[a.id].text}' and "
                f"'{a.text}'); give one"
            )
        seen.setdefault(a.id, a)
    return list(seen.values())


def _one_of(kind: type[E], text: str, noun: str) -> E:
    """The word of `kind` that `text` is, in any case (as `mark` and `--status` take one)."""
    try:
        return kind(text.lower())
    except ValueError:
        raise UsageError(
            f"--assume: '{text}' is not {noun}; choose one of: " + ", ".join(kind)
        ) from None


def assume(ledger: Nodes, assumptions: Iterable[Assumption], day: date) -> Nodes:
    """The ledger as if each assumed measure stood as assumed (parts re-derived), from
    `day` (the day the question is asked of): a status that changes stands since then."""
    index = dict(ledger.index())
    wanted = list(assumptions)
    parts = parts_by_whole((n.id, n.part_of) for n in index.values())
    for a in wanted:
        if a.id not in index:
            from ..rules import unknown_id_message

            raise DprkError(f"--assume: {unknown_id_message(a.id, index)}")
        made_of = [p for p in parts.get(a.id, []) if p in index]
        if made_of:  # (as `mark` and `verify` refuse it: it stands as its parts do)
            from ..rules import made_of_parts_message

            message = made_of_parts_message(a.id, made_of, "assume a status of its parts")
            raise DprkError(f"--assume: {message}")
    for a in wanted:
        index[a.id] = _stepped(index[a.id], a, day)
    assumed = {a.id for a in wanted}
    above: list[str] = []
    for a in wanted:
        for ident in ancestors(index, a.id):  # (a whole not in the ledger: none to derive)
            if ident in index and ident not in assumed and ident not in above:
                above.append(ident)
    above.sort(key=lambda ident: -len(ancestors(index, ident)))  # parts' parents first
    for ident in above:
        pieces = [index[p] for p in parts.get(ident, [])]
        states = [State(p.status, p.extent) for p in pieces]
        whole = index[ident]
        state = derive_from_parts(whole.own, states, partial(_undone, pieces), whole.expected_parts)
        tally = tally_of(states, whole.expected_parts)
        supposed = _supposed(index[ident], state, day)
        # (standing by its parts, no finding of its own: verified by who confirmed each)
        counted = (p.verified_by for p in pieces if counts_as_part(p.status))
        verified_by = verified_through(supposed.since, tally, counted)
        index[ident] = supposed.replace(
            parts_tally=tally,
            verified_by=verified_by if by_its_parts(tally) else supposed.verified_by,
        )
    moved = assumed.union(above)
    first = ledger.index()
    standing = {a.id: a for a in wanted}

    def placed(n: Node) -> Node:
        """`n` as assumed, in its place; the others kept as they are."""
        if n.id not in moved:
            return n
        if n is first[n.id] or n.id not in standing:
            return index[n.id]
        # (the other measure of an id a hand edit held twice: it stands as assumed too)
        return _stepped(n, standing[n.id], day)

    changed = ledger.with_measures(list(map(placed, ledger.measures)))
    changed.assumed = ledger.assumed.union(moved)  # (their history does not say it)
    return changed


def changing_nothing(
    nodes: Mapping[str, Node], assumptions: Iterable[Assumption], day: date
) -> list[str]:
    """What to say of each of `assumptions` that changes nothing (`nodes`: the measures
    of `day`, the day the question is asked of, by id): its measure already stands so
    that day (as `landing` leaves it: an implementation at the extent a verifier found is
    reported again), and since when its record has it so (the day its
    status began, named as the status's where the extent is named too: "implemented
    (minimal) ... (as recorded: implemented since ...)"); the words of a warning, in the
    order given."""
    from ..clock import today

    said = []
    when = "today" if day == today() else f"on {day.isoformat()}"
    for a in assumptions:
        n = nodes.get(a.id)
        if n is None or landing(n, a)[0] != (n.status, n.extent):
            continue
        state = state_text(n.status, n.extent)
        # (the day its status began: of an extent named, the status's own, said as that)
        began = "" if state == n.status.value else f": {n.status.value}"
        since = f"{began} since {n.since.isoformat()}" if n.since is not None else ""
        said.append(
            f"--assume: measure '{a.id}' already stands {state} {when} (as recorded{since}), "
            f"so '{a.text}' changes nothing"
        )
    return said


def landing(n: Node, a: Assumption) -> tuple[State, bool]:
    """The state assumption `a` leaves measure `n` at, and whether it carries it out anew:
    an implementation as the step recorded would give it (`lifecycle.stepped`: at the
    extent a verifier found, it is reported again and changes nothing; at another, it is
    carried out anew and awaits a new finding); any other status as assumed (a finding's,
    or a step the rules would refuse: a what-if may suppose it)."""
    state = State(a.status, a.extent)
    if a.status != Status.implemented:
        return state, False
    from ..lifecycle import stepped

    return stepped(State(n.status, n.extent), a.status, a.extent)


def _stepped(n: Node, a: Assumption, day: date) -> Node:
    """`n` as assumption `a` leaves it from `day` (`landing`): carried out anew, the
    findings it had were on an earlier action, and count no more (as `facts.node_of`
    counts only those since its latest action)."""
    state, anew = landing(n, a)
    if state == (n.status, n.extent):
        return n
    supposed = _supposed(n, state, day).replace(own=state)
    if not anew:
        return supposed
    return supposed.replace(findings=0, latest_finding=None, verified_by=())


def _undone(parts: list[Node]) -> bool:
    """Whether one of `parts` stands reversed, having acted on record (its own action, or
    undone from acting: `Node.rolled_back`), as `vocab.derive_from_parts` asks."""
    return any(
        p.status == Status.reversed and (p.first_acted is not None or p.rolled_back is not None)
        for p in parts
    )


def _supposed(n: Node, state: State, day: date) -> Node:
    """`n` standing at `state`; a changed status stands since `day`, and a measure that
    comes to have acted has acted since then; a changed extent alone is an event of
    `day` too (as a step recorded that day, it moves `last_date`); one that comes to have
    done less than it had is rolled back on `day` if it stood done in full, as one offered
    again that stood rejected (short of it already, that stretch goes on:
    `Node.rolled_back`, `lifecycle._last_roll_back`); one that comes to be done in full
    is so since `day` (`Node.full_since`), after the stretch short of it it ends
    (`Node.redone_after`); one that comes to have acted and never had
    first acts on `day` (`Node.acted_on`: one that had keeps its day)."""
    if state.status == n.status and state.extent == n.extent:
        return n
    if state.status in ACTED and n.acted_on is None:
        n = n.replace(acted_on=day)
    short = n.rolled_back  # (the stretch short of done in full a step to it ends)
    if owes_nothing(state):
        n = n.replace(rolled_back=None)
    elif owes_nothing(State(n.status, n.extent)):
        n = n.replace(rolled_back=day)
    if not done_in_full(state):
        n = n.replace(full_since=None, redone_after=None)
    elif not done_in_full(n):  # (done in full already, that stretch goes on)
        n = n.replace(full_since=day, redone_after=short)
    if state.status == n.status:
        return n.replace(extent=state.extent, last_date=latest_day(n.last_date, day))
    acted = state.status in ACTED
    return n.replace(
        status=state.status,
        extent=state.extent,
        since=day,
        acted_since=(n.acted_since if n.acted else day) if acted else None,
        verified_by=(),  # (supposed: no verifier's finding)
        last_date=latest_day(n.last_date, day),
    )


class PlanChange(Plain):
    """What an assumption changes in the plan."""

    __slots__ = ("dissolved", "newly_ready", "newly_verifiable", "created", "rests")

    def __init__(
        self,
        dissolved: list[Deadlock],
        newly_ready: list[str],
        newly_verifiable: list[str],
        created: list[Deadlock],
        rests: frozenset[str] = frozenset(),
    ) -> None:
        self.dissolved = dissolved  # deadlocks there before, none of whose measures is after
        # measures to act in phase 1 after, not before: pending ones, then those carried
        # out in part whose rest goes there (`Phase.rest`), as the phase lists them
        self.newly_ready = newly_ready
        self.newly_verifiable = newly_verifiable  # measures to verify in phase 1 after, not before
        self.created = created  # deadlocks there after, none of whose measures was before
        # (those of `newly_ready` whose rest it is: "proto (the rest)")
        self.rests = rests


def compare_plans(before: Plan, after: Plan) -> PlanChange:
    # (one only made smaller, a measure of it taken out, is not dissolved: the rest of it
    # is still a deadlock, which the plan after shows; one only made larger is not
    # created, alike)
    still = {ident for d in after.deadlocks for ident in d.measures}
    dissolved = [d for d in before.deadlocks if still.isdisjoint(d.measures)]
    was = {ident for d in before.deadlocks for ident in d.measures}
    created = [d for d in after.deadlocks if was.isdisjoint(d.measures)]
    first_before = _first(before)
    first_after = _first(after)
    rests = [i for i, _ in first_after.rest]
    newly_ready = _new(
        [*first_before.measures, *(i for i, _ in first_before.rest)],
        [*first_after.measures, *rests],
    )
    return PlanChange(
        dissolved=dissolved,
        newly_ready=newly_ready,
        newly_verifiable=_new(first_before.verify, first_after.verify),
        created=created,
        rests=frozenset(rests).intersection(newly_ready),
    )


def _first(plan: Plan) -> Phase:
    """The plan's phase 1 (none: an empty one; a plan whose first phase is a later one
    has nothing to do now)."""
    return next((p for p in plan.phases if p.number == 1), Phase(1, []))


def _new(was: list[str], now: list[str]) -> list[str]:
    """The ids in `now` that were not in `was`, in `now`'s order."""
    seen = set(was)
    return [i for i in now if i not in seen]


def plan_assuming(
    base: Plan, assumptions: Iterable[Assumption], day: date, around: Around
) -> Plan | None:
    """`phased_plan(assume(ledger, assumptions, day))`, from `base` (the plan of the ledger
    as it stands) and the measures the assumptions can move alone (`plan_after`), read
    `around` them. None when it is to be drawn from every measure: an assumed measure
    is not in the ledger (the full read names it as a mistake), or is part of another
    (its wholes stand as all their parts say)."""
    wanted = list(assumptions)
    found = around.nodes([a.id for a in wanted])
    if any(a.id not in found or found[a.id].part_of is not None for a in wanted):
        return None
    changed = assume(Nodes("", [], (), list(found.values())), wanted, day)
    return plan_after(base, changed.index(), around)
