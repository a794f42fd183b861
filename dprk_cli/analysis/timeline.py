"""The negotiation in time: every dated event in order, one lane per party.

An event is a history entry (a proposal, an agreement, an implementation, a
reversal, a note...) or a verification, placed in the lane of the party whose
measure it concerns (a reversal by another party than its actor, `mark reversed
--by`, in the lane of the party that undid it: its move); and, for a measure made of
parts, each change of its status or extent its parts gave it (event `parts`: no step
of its party's, whose part made it).
A change of an exchange link is an event of both measures: one the other measure alone
records (a link a measure was added with) is drawn on this one's side too, as a link
recorded on both is drawn on each. A
*move* is a party's own step: an entry that set a status, other than a verifier's
finding, a proposal (offered by the party, or asked of it: the ledger does not say
which), a rejection (the measure turned down) or a creation recorded without a date.
For each move the timeline says how long it came after the latest move of another
party (the *answer* time), and whose (each party's, when more than one moved that
day), so a reader sees who moved and how long the other side took to respond.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from ..lifecycle import (
    entry_order,
    findings_of_reversal,
    linked_in,
    match_verifications,
    of_no_day,
    opening_step,
    overtaken_creation,
    record_rank,
    restating_creation,
)
from ..model import HistoryEntry, Ledger, Measure, Verification
from ..plain import Plain
from ..shapes import DERIVED, step_said
from ..vocab import (
    ACTED,
    BOOKKEEPING,
    CREATED,
    Extent,
    MarkStatus,
    Result,
    Status,
    acted_parts_left_text,
    finding_text,
    parts_by_whole,
    says_extents,
    step_extent,
    undone_by,
)

if TYPE_CHECKING:
    from ..facts import Nodes
    from ..lifecycle import LedgerLife
    from ..vocab import State

PARTS = DERIVED  # the kind of event of a measure whose parts changed its state
# the kind of event of a step a what-if supposes (`report --assume`: `assumed_steps`), no
# entry of any history
ASSUMED = "assumed"
GIVEN = "as its parts give it"  # the detail of such an event, but one its acted parts left
AGAIN = "again: "  # (what the detail of one they left starts with, when it stood so before)
# The statuses a party's own step sets, the one home of what a move is: `mark`'s, but a
# proposal (what a party offers or is asked for: `add-measure` records either, and no
# entry says who proposed it) and a rejection (the word of the side it was offered to,
# or of its own party when demanded of it, which no entry tells apart); and no finding's
# (verified, disputed: a verifier's word); a step recorded or supposed to one of them is
# its party's move
MOVES = frozenset(Status(s.value) for s in MarkStatus) - {Status.proposed, Status.rejected}


class Wholes(NamedTuple):
    """The measures made of parts (now, or once), and those whose lives give their
    states: them and every measure that is, or was once, a part."""

    wholes: frozenset[str]
    read: frozenset[str]

    @classmethod
    def of(cls, links: Iterable[tuple[str, str | None, Collection[str]]]) -> Wholes:
        """From each measure's id, what it is part of and what it was a part of once."""
        wholes: set[str] = set()
        parts: set[str] = set()
        for ident, part_of, was in links:
            if part_of is not None or was:
                parts.add(ident)
                wholes.update(was)
                if part_of is not None:
                    wholes.add(part_of)
        return cls(frozenset(wholes), frozenset(wholes | parts))


NO_WHOLES = Wholes(frozenset(), frozenset())


class Event(NamedTuple):
    """One dated event in one party's lane. (A named tuple: a large ledger has hundreds
    of thousands of events, each made nearly four times as fast as a frozen dataclass,
    and two thirds of its size.)"""

    date: date
    lane: str  # the party whose measure it concerns
    measure: str
    title: str
    kind: str  # the history event: created, status, verification, note, exchange, sequence...
    status: Status | None  # the status it set, if it set one
    detail: str
    note: str
    extent: Extent | None = None  # how far, for an implementation that says
    by: str | None = None  # the verifier, for a verification
    result: Result | None = None  # what the verifier found
    move: bool = False  # the party's own step (it set a status; not a verifier's finding)
    # for a move: the other parties whose latest move it follows (more than one when they
    # moved on the same day), in the order the ledger declares them
    answers: tuple[str, ...] | None = None
    days_since: int | None = None  # days since that move
    # the party that undid the measure, another than its actor (`mark reversed --by`):
    # the event is its move, in its lane
    undone_by: str | None = None


class Timeline(Plain):
    """The events in order and the lanes they fall in."""

    __slots__ = ("lanes", "events", "parties")

    def __init__(
        self, lanes: list[str], events: list[Event], parties: Collection[str] = ()
    ) -> None:
        self.lanes = lanes  # declared parties first, in ledger order, then any other actor
        self.events = events
        # (the parties declared on the day read: a finding by one is said to be a party's)
        self.parties = parties

    def in_lanes(self, lanes: list[str]) -> Timeline:
        """The events in these lanes only (the days between answers stay as the whole
        timeline measured them)."""
        return Timeline(
            lanes=list(lanes),
            events=[e for e in self.events if e.lane in lanes],
            parties=self.parties,
        )

    @property
    def first(self) -> date | None:
        return self.events[0].date if self.events else None

    @property
    def last(self) -> date | None:
        return self.events[-1].date if self.events else None


def build_timeline(
    ledger: Ledger,
    every: Iterable[Measure],
    chosen: Collection[str] | None = None,
    within: Callable[[date], bool] | None = None,
    wholes: Wholes = NO_WHOLES,
    removed: Collection[str] = (),
    supposed: Iterable[tuple[tuple[Any, ...], Event]] = (),
) -> Timeline:
    """Every event of the measures `chosen` (their ids; all by default) on the days
    `within` accepts, in order, with the lanes of the `ledger`'s parties; and each
    change of state the parts of the measures in `wholes` gave them. `removed`: the
    measures removed from the ledger that no history in `every` records so (of a ledger
    as it stood on a past day: `asof.removed_after`). `supposed`: the steps a what-if
    supposes (`assumed_steps`), after each day's own events, answering as any step.

    Answer times are measured against every party's moves in the whole ledger
    (`every` measure, read once: each may be let go once its events are taken, but
    for the lives of the measures `wholes` reads), whatever the selection, so a
    filtered timeline tells the same story.
    """
    from ..changes import removals_recorded
    from ..lifecycle import Life, replay

    lives: dict[str, Life] = {}
    part_of: dict[str, str | None] = {}
    whole: dict[str, Measure] = {}

    restating: dict[str, HistoryEntry] = {}  # the step drawn for an undated creation
    linking = _Links(ledger.parties)

    ids: set[str] = set()  # (the measures in the ledger: a link to another is to one removed)
    gone = set(removed)  # (the measures whose removal a history records)

    def events_of(m: Measure) -> list[tuple[tuple[Any, ...], Event]]:
        ids.add(m.id)
        gone.update(removals_recorded(m))
        step = restating_creation(m)
        if step is not None:
            restating[m.id] = step
        if m.id in wholes.read:
            lives[m.id], part_of[m.id] = replay(m), m.part_of
            if m.id in wholes.wholes:
                whole[m.id] = m
        linking.note(m)
        return _measure_events(m, ledger.parties)

    found = [item for m in every for item in events_of(m)]
    # (first, so that of one key, recorded in one second, the link only the other measure
    # records, the one this measure was added with, reads before its own later entries)
    found = linking.events() + found
    found = [(key, _of_one_removed(e, ids, gone)) for key, e in found]
    if whole:
        by_parts, made = _changes_by_parts(whole, lives, part_of, ledger.parties)
        found += by_parts
        if made:  # (added without a date, made earlier: on the day its parts first acted,
            # in the lane of the party to carry it out then)
            from ..changes import actor_on

            def moved(e: Event) -> Event:
                day = made[e.measure]
                return e._replace(date=day, lane=actor_on(whole[e.measure], day, ledger.parties))

            found = [
                ((made[e.measure], *key[1:]), moved(e))
                # (its creation, and the orders and deadline it was added with)
                if e.measure in made
                and (e.kind == CREATED or (e.kind in ("sequence", DEADLINE) and key[3] == 0))
                else (key, e)
                for key, e in found
            ]
    if restating:
        found = _folded(found, restating)
    found.extend(supposed)
    everything = sorted(found, key=lambda pair: pair[0])
    # Moves of one day are simultaneous: each answers the other parties' latest moves
    # of an earlier day, never one of its own day (whichever was typed or named first).
    latest_move: dict[str, date] = {}  # each party's latest move before the day at hand
    declared = {party: place for place, party in enumerate(ledger.parties)}
    that_day: dict[str, date] = {}  # the moves of the day at hand
    events: list[Event] = []
    for _, event in everything:
        if that_day and event.date not in that_day.values():
            latest_move.update(that_day)
            that_day = {}
        if event.move:
            others = {party: day for party, day in latest_move.items() if party != event.lane}
            if others:
                day = max(others.values())
                tied = sorted(
                    (party for party, on in others.items() if on == day),
                    key=lambda party: (declared.get(party, len(declared)), party),
                )
                event = _with_answer(event, tuple(tied), (event.date - day).days)
            that_day[event.lane] = event.date
        events.append(event)
    chosen = None if chosen is None else set(chosen)
    events = [
        e
        for e in events
        if (chosen is None or e.measure in chosen) and (within is None or within(e.date))
    ]
    lanes = list(ledger.parties)
    for e in events:
        if e.lane not in lanes:
            lanes.append(e.lane)
    return Timeline(lanes=lanes, events=events, parties=list(ledger.parties))


class _Links:
    """Each measure's changes of its exchange links, noted as the measures are read, for
    the rows of those only the other measure records (`changes.recorded_on_the_other_alone`:
    a link a measure was added with is recorded on the other one alone, and is an event
    of both, as a `dprk link` recorded on both is)."""

    def __init__(self, parties: list[str]) -> None:
        self.parties = parties
        # by id: its title, its lane (its actor; the measure itself, handed over once, whose
        # lane moves: `changes.actor_on`), those it is exchanged for, its own changes of
        # links by the other measure (`changes.link_changes_by_other`), and the note and
        # place in a day (`entry_order`) of each of them, in the same order
        self.measures: dict[str, tuple[str, str | Measure, tuple[str, ...], Any, Any]] = {}

    def note(self, m: Measure) -> None:
        from ..changes import handed_over, link_changes_by_other
        from ..lifecycle import exchanged_with

        own = link_changes_by_other(m) if any(h.event == "exchange" for h in m.history) else {}
        if not own and not m.in_exchange_for:
            return
        said: dict[str, list[tuple[str, tuple[Any, ...]]]] = {}
        for h in m.history if own else ():
            other = exchanged_with(h)
            if other is not None:
                first, _, rank, recorded = entry_order(h, None)
                said.setdefault(other, []).append((h.note, (first, rank, recorded.isoformat())))
        lane: str | Measure = m if handed_over(m) else m.actor
        self.measures[m.id] = (m.title, lane, tuple(m.in_exchange_for), own, said)

    def events(self) -> list[tuple[tuple[Any, ...], Event]]:
        """A row of each change of a link a measure's own record lacks, on its side."""
        from ..changes import (
            actor_on,
            exchange_partners,
            exchange_text,
            recorded_on_the_other_alone,
        )

        found: list[tuple[tuple[Any, ...], Event]] = []
        for ident, (title, lane, exchanged, own, _) in self.measures.items():
            for other in sorted(exchange_partners(ident, exchanged, own)):
                partner = self.measures.get(other)
                theirs = None if partner is None else partner[3].get(ident)
                if not theirs:
                    continue
                assert partner is not None
                for place in recorded_on_the_other_alone(own.get(other, ()), theirs):
                    day, linked = theirs[place]
                    note, (first, rank, recorded) = partner[4][ident][place]
                    event = Event(
                        date=day,
                        lane=lane if isinstance(lane, str) else actor_on(lane, day, self.parties),
                        measure=ident,
                        title=title,
                        kind="exchange",
                        status=None,
                        detail=("" if linked else "no longer ") + exchange_text(other),
                        note=note,
                    )
                    found.append(((day, 0, ident, first, rank, recorded), event))
        return found


def _changes_by_parts(
    wholes: dict[str, Measure],
    lives: dict[str, Any],
    part_of: dict[str, str | None],
    parties: list[str],
) -> tuple[list[tuple[tuple[Any, ...], Event]], dict[str, date]]:
    """The changes of state the parts of `wholes` gave them (`LedgerLife.changes_by_parts`),
    as events after the entries of their day; and the day each of them added without a
    date was made on, when its parts date it earlier than its own events do."""
    from ..changes import actor_on
    from ..lifecycle import LedgerLife

    ledger_life = LedgerLife.replayed(lives, parts_by_whole(part_of.items()))
    found = []
    made = {}
    own = {ident: lives[ident].created for ident in wholes}  # (before `life` dates them)
    for ident, m in wholes.items():
        life = ledger_life.life(ident)
        if life.created is not None and own[ident] is not None and life.created < own[ident]:
            made[ident] = life.created
        for day, state, detail in steps_by_parts(ledger_life, ident):
            event = Event(
                date=day,
                lane=actor_on(m, day, parties),
                measure=ident,
                title=m.title,
                kind=PARTS,
                status=state.status,
                extent=state.extent,
                detail=detail,
                note="",
            )
            found.append(((day, 1, ident, 1, 9, ""), event))
    return found, made


def assumed_steps(
    recorded: Nodes, assumed: Nodes, day: date
) -> list[tuple[tuple[Any, ...], Event]]:
    """The steps a what-if supposes on `day` (`whatif.assume`, the one home of an
    assumption: `assumed`, the ledger it gives; `recorded`, the ledger it was given), as
    events with their sort keys for `build_timeline`: of each measure it moved
    (`Nodes.assumed`) that stands otherwise than recorded, the state it takes (a measure
    made of parts, as its parts give it), after the day's own events. An assumed step to
    a status `mark` sets (proposed and rejected but) is its party's move; a finding's
    status (verified, disputed), or one a measure's parts give it, is none."""
    was = recorded.index()
    moved = assumed.assumed - recorded.assumed
    wholes = parts_by_whole((n.id, n.part_of) for n in assumed.measures)
    found = []
    for n in assumed.index().values():
        before = was.get(n.id)
        if n.id not in moved or before is None:
            continue
        if (n.status, n.extent) == (before.status, before.extent):
            continue
        whole = n.id in wholes
        event = Event(
            date=day,
            lane=n.actor,
            measure=n.id,
            title=n.title,
            kind=ASSUMED,
            status=n.status,
            extent=n.extent if n.status in ACTED else None,
            detail=GIVEN if whole else "",
            note="",
            move=not whole and n.status in MOVES,
        )
        found.append(((day, 2, int(whole), n.id, 0, ""), event))  # (parts, then wholes)
    return found


def steps_by_parts(ledger_life: LedgerLife, ident: str) -> list[tuple[date, State, str]]:
    """Each change of state the parts of measure `ident` gave it, not a step of its own
    (`LedgerLife.changes_by_parts`), with its detail: `GIVEN`, or, back to its own
    history's status as its acted parts left it, said as `edit --part-of` says it. The
    timeline's `parts` rows, and the derived lines of `show`'s history."""
    found = []
    for day, state in ledger_life.changes_by_parts(ident):
        detail = GIVEN
        left = ledger_life.acted_parts_left(ident, day)
        if left:
            again = state.status in {s for on, s in ledger_life.statuses(ident) if on < day}
            detail = (AGAIN if again else "") + acted_parts_left_text(left)
        found.append((day, state, detail))
    return found


def _folded(
    found: list[tuple[tuple[Any, ...], Event]], restating: dict[str, HistoryEntry]
) -> list[tuple[tuple[Any, ...], Event]]:
    """`found` without the undated creations that a step restates on the day they are
    drawn (`lifecycle.restating_creation`: the two are one move), each creation's note
    given to its step when that has none. A whole's creation drawn earlier, on the day
    its parts first acted, is kept."""
    notes = {
        e.measure: e.note
        for _, e in found
        if e.kind == CREATED and e.measure in restating and e.date == restating[e.measure].date
    }
    kept: list[tuple[tuple[Any, ...], Event]] = []
    for key, e in found:
        if e.measure in notes:
            step = restating[e.measure]
            if e.kind == CREATED:
                continue
            if (e.kind, e.date, e.status) == (step.event, step.date, step.status) and not e.note:
                e = e._replace(note=notes[e.measure])
        kept.append((key, e))
    return kept


def _of_one_removed(e: Event, ids: Collection[str], removed: Collection[str]) -> Event:
    """`e`, said to be of a measure removed from the ledger since, when it is a link or an
    order with one (`dprk remove --force` drops the references to it, the entries stay,
    with the removal's: `removed`, those a history records); of one not in this ledger,
    when no history records its removal (an export chosen by filters keeps the links of
    its measures to those left out: the other may never have been in it)."""
    other = linked_in(e.kind, e.detail)
    if other is None or other in ids:
        return e
    if other in removed:
        return e._replace(detail=f"{e.detail} ({other} removed from the ledger since)")
    return e._replace(detail=f"{e.detail} ({other} not in this ledger)")


def _with_answer(event: Event, parties: tuple[str, ...], days: int) -> Event:
    return event._replace(answers=parties, days_since=days)


def _measure_events(m: Measure, parties: list[str]) -> list[tuple[tuple[Any, ...], Event]]:
    """A measure's events with their sort keys: its history, with each finding's record,
    each in the lane of the party that was to carry it out on its day (`changes.actor_on`:
    a measure handed to another party moves lanes on the day it was)."""
    from ..changes import (
        actor_on,
        corrects_from_start,
        deadline_change_text,
        deadline_changes,
        handed_over,
    )
    from ..rules import finder_said

    # (asked once of the measure, not of each entry: a history of thousands of entries)
    handed = handed_over(m)
    lanes: dict[date, str] = {}

    def lane(day: date) -> str:
        if not handed:
            return m.actor
        known = lanes.get(day)
        if known is None:
            known = lanes[day] = actor_on(m, day, parties)
        return known

    found: list[tuple[tuple[Any, ...], Event]] = []
    # (a creation of no day, a measure written by hand: no row, nor what it was added with)
    no_day = of_no_day(m)
    overtaken = overtaken_creation(m)  # (listed as the step to its status: `entry_order`)
    opening = opening_step(m, overtaken)  # (and the step that begins its life, first)
    extents = says_extents(m.history)  # (each step says how far it went: `step_detail`)
    # (each edit of its deadline, by the entry, with its words: a dated field's change is
    # an event of the talks, though an edit, as a correction of the record, is none)
    of_reversal = findings_of_reversal(m)  # (set no status: `lifecycle.findings_of_reversal`)
    edits = deadline_changes(m)
    # (an edit dated on the day what it was added with is in force from corrects it from
    # the start: it was added with the deadline that edit set, said with the edit's note,
    # and no change of it is drawn; one dated before an overtaken creation is drawn)
    said_then = ""
    if edits and corrects_from_start(m, edits[0][0]):
        first = edits[0][0].date
        start = [e for e in edits if corrects_from_start(m, e[0], first)]
        given = start[-1][2]
        said_then = "; ".join(h.note for h, _, _ in start if h.note)
        edits = edits[len(start) :]
    else:
        # (the deadline it was added with: the first edit's before, or, with none, its own)
        given = edits[0][1] if edits else m.deadline.isoformat() if m.deadline else None
    deadlines = {
        id(h): (deadline_change_text(was, now), note) for h, was, now, note in _days_of(edits)
    }
    for h, record in match_verifications(m):
        if h is not None and h.event in BOOKKEEPING:
            day_said = deadlines.get(id(h))  # (none of an edit from the start)
            if day_said is not None:
                first, day, rank, recorded = entry_order(h, overtaken, opening)
                key = (day, 0, m.id, first, rank, recorded.isoformat())
                said, note = day_said
                found.append((key, _deadline_event(m, h.date, lane(h.date), said, note)))
            continue  # a correction of the record is no event of the negotiation
        if h is not None and no_day and h.event == CREATED:
            continue
        if h is not None:
            first, day, rank, recorded = entry_order(h, overtaken, opening)
            # by day, then by measure (a day reads the same whatever order it was entered
            # in), then in the replay's order; what parts gave a whole follows the day's
            # own events
            key = (day, 0, m.id, first, rank, recorded.isoformat())
            found.append(
                (
                    key,
                    _from_history(
                        m,
                        h,
                        record,
                        lane(h.date),
                        extents,
                        of_reversal=id(h) in of_reversal,
                        parties=parties,
                    ),
                )
            )
            if h.event == CREATED and (m.constraints or _order_changes(m)):
                found.extend(_orders_given(m, h, key, lane(h.date)))
            if h.event == CREATED and given is not None:
                event = _deadline_event(
                    m, h.date, lane(h.date), deadline_change_text(None, given), said_then
                )
                # (right after the creation and the orders it was added with)
                found.append(((*key[:-1], f"{key[-1]}~~"), event))
            continue
        assert record is not None  # a finding with no history entry (written by hand)
        v = record
        event = Event(
            date=v.date,
            lane=lane(v.date),
            measure=m.id,
            title=m.title,
            kind="verification",
            status=None,
            # (a party's said so, as `verify` says it: 'refuted by Russia (a party to the
            # talks)', `rules.finder_said`)
            detail=finding_text(v.result, finder_said(v.by, parties), v.method),
            note=v.note,
            by=v.by,
            result=v.result,
        )
        found.append(((v.date, 0, m.id, 1, record_rank(v), ""), event))
    return found


DEADLINE = "deadline"  # the kind of event of a deadline set, moved or removed


def _days_of(
    edits: list[tuple[HistoryEntry, str | None, str | None]],
) -> list[tuple[HistoryEntry, str | None, str | None, str]]:
    """The changes of a deadline `edits` make (`changes.deadline_changes`, in replay
    order), one a day: from the deadline in force as the day before ended to the one in
    force as that day ended (`Node.deadline_on` reads it so), drawn at the day's last
    edit, with the day's notes in order; none for a day whose edits ended where they
    began (but for an edit alone that gave it the deadline it had: 'kept at')."""
    found = []
    at = 0
    while at < len(edits):
        end = at
        while end + 1 < len(edits) and edits[end + 1][0].date == edits[at][0].date:
            end += 1
        was, now = edits[at][1], edits[end][2]
        if was != now or end == at:
            note = "; ".join(h.note for h, _, _ in edits[at : end + 1] if h.note)
            found.append((edits[end][0], was, now, note))
        at = end + 1
    return found


def _deadline_event(m: Measure, day: date, lane: str, said: str, note: str) -> Event:
    """A change of `m`'s deadline on `day` (`said`: `changes.deadline_change_text`'s
    words), an event about its measure, no step of its party's."""
    return Event(
        date=day,
        lane=lane,
        measure=m.id,
        title=m.title,
        kind=DEADLINE,
        status=None,
        detail=said,
        note=note,
    )


def _order_changes(m: Measure) -> bool:
    """Whether `m`'s history may say what orders it had (a change of order, or an edit,
    a removal's among them)."""
    return any(h.event in ("sequence", "edit") for h in m.history)


def _orders_given(
    m: Measure, created: HistoryEntry, key: tuple[Any, ...], lane: str
) -> list[tuple[tuple[Any, ...], Event]]:
    """The orders `m` was added with (`changes.orders_from_creation`: `add-measure
    --after`), each an event of its creation's day, drawn after it, as a change of order
    is (an order is a constraint, as a link given when a measure is added is drawn)."""
    from ..changes import orders_from_creation

    return [
        (
            (*key[:-1], f"{key[-1]}~{n}"),  # (right after the creation, in the ids' order)
            Event(
                date=created.date,
                lane=lane,
                measure=m.id,
                title=m.title,
                kind="sequence",
                status=None,
                detail=text,
                note="",
            ),
        )
        for n, text in enumerate(orders_from_creation(m))
    ]


def _from_history(
    m: Measure,
    h: HistoryEntry,
    record: Verification | None,
    lane: str,
    extents: bool,
    *,
    of_reversal: bool = False,
    parties: Collection[str] = (),
) -> Event:
    is_verification = h.event == "verification"
    status, detail = step_said(h, extents, of_reversal)
    if record is not None and parties:
        # (a finding by a declared party said so, as `verify` says it: 'refuted by Russia
        # (a party to the talks)', `rules.finder_said`; its method and the rest after)
        said = finding_text(record.result, record.by)
        if detail.startswith(said):
            from ..rules import finder_said

            found = finding_text(record.result, finder_said(record.by, parties))
            detail = found + detail[len(said) :]
    by = undone_by(h)  # (a reversal by another party: its move, in its lane)
    return Event(
        date=h.date,
        lane=by or lane,
        measure=m.id,
        title=m.title,
        kind=h.event,
        status=status,
        extent=step_extent(h, extents),
        detail=detail,
        note=h.note,
        by=record.by if record is not None else None,
        result=record.result if record is not None else None,
        # (a creation recorded without a date is no step of that day's: no source dates
        # it, the day is its earliest event's; a step that restates it is the move. A
        # proposal is none either (`MOVES`): offered by its actor or asked of it, which
        # no entry tells apart; nor a rejection: the measure turned down at the table, an
        # offer the other side refused or a demand its actor refused, which no entry
        # tells apart, is drawn in its actor's lane but answers no one, and no later step
        # answers it; nor is a finding, partial ones too)
        move=h.status in MOVES and not is_verification and not (h.event == CREATED and h.undated),
        undone_by=by,
    )
