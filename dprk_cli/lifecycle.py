"""A measure's life over time: the one replay of its history that every view asks.

`replay(measure)` walks the history in the order events happened (the creation
first, then by date; within one day in the order a measure's life runs), with
each verifier's finding in its place, and applies the rules of a measure's
life to each event:

- nothing happens before a creation the user dated as proposed (an undated
  creation, one recorded without `--date`, is instead dated by the measure's
  earliest event; so is one dated at a later status, added as agreed or
  implemented, once an earlier event is recorded: `overtaken_creation`);
- proposed and agreed are *pending*; a pending measure can be agreed, carried
  out (implemented, at an extent), withdrawn by its actor or rejected by the
  other side; only a measure that has acted can be reversed; one that has
  acted cannot be pending again (a step these rules do not let follow the one
  before it, when it was recorded before that one was found, is a gap the record
  still has to fill: `MISSING_STEPS`, a warning; otherwise an error; a reversal
  of a pending measure, or an ending of one ended, is such a gap whenever it was
  recorded: it says a step came between, on a day yet to be found);
- implemented again at another extent records progress (or regress);
- verified and disputed come only from a verifier's finding (confirmed,
  refuted; a partial finding changes nothing), and a finding needs the
  measure to have acted by its date (one that stands reversed may be found
  refuted or in part, of the reversal, which changes nothing: `found_on`).

The result, a `Life`, holds every step with the state after it, the problems
found (each names the entries involved), the current state, and the state on
any day. `LedgerLife` adds what needs the whole ledger: a measure made of
parts (`part_of`) takes its status and extent from its parts.

Status and extent are also stored in the file, for people reading it and for
fast reads; `dprk check` reports a stored value that differs from the replay,
and every write stores the replayed one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache, partial
from operator import itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from .vocab import (
    ACTED,
    BOOKKEEPING,
    CLOSED,
    COMMITTED,
    CORRECTION,
    CREATED,
    DAY_RANK,
    FINDING_MAKES,
    FINDING_RANK,
    ID_PATTERN,
    NOTE,
    PARTS_DEPTH,
    PENDING,
    RENAME,
    VERIFICATION,
    Extent,
    Require,
    Result,
    State,
    Status,
    counts_as_part,
    default_extent,
    derive_from_parts,
    done_in_full,
    finding_place,
    finding_text,
    follows_actions,
    is_party_rename,
    owes_nothing,
    parts_in_brief,
    rename_named,
    shell_word,
    state_text,
    wholes_once,
    written_before,
)

if TYPE_CHECKING:
    from .model import HistoryEntry, Measure, Verification

# The checks (see `rules`) under which replay problems are reported.
CONTRADICTING_DATES = "contradicting-dates"
WITHOUT_ACTION = "verification-without-action"
TRANSITIONS = "transitions"
FINDING_RECORDS = "finding-records"
# A step between two events found in the other order (the later one recorded first): the
# record lacks a step it will be given (a warning, not an error; see `replay`).
MISSING_STEPS = "missing-steps"
WARNING_CHECKS = frozenset({MISSING_STEPS})

_FINDING = FINDING_MAKES  # (the status a finding makes: the vocabulary's, one home)
# What a measure made of parts takes from them, never records of its own: carried out,
# undone, found (`LedgerLife.own_steps_among_parts`).
_CARRIED_OUT = (Status.implemented, Status.reversed, Status.verified, Status.disputed)
_EARLIEST = datetime.min.replace(tzinfo=UTC)


class Step(NamedTuple):
    """One event of a measure's life, and the state after it (a named tuple: a read anew
    makes one for every event of every measure, twice as fast as a frozen dataclass)."""

    date: date
    entry: HistoryEntry | None  # None: a finding recorded without a history entry
    verification: Verification | None  # the finding, for a verification
    state: State
    changed: bool  # whether the event changed the status or the extent

    @property
    def event(self) -> str:
        return self.entry.event if self.entry is not None else VERIFICATION


class Unlike(NamedTuple):
    """A dated field (`DATED_FIELDS`) stored unlike the value the edit of it dated last put
    in force (`unlike_history`): its name, that edit's day, and the value as the edit
    shows it, read back (`field_value`). Or an order (`ORDERS`) stored unlike the one its
    change of order dated last set toward the same measure (`other`): that change's day
    and the order in its words (None: none, it removed one). Or a creation recorded
    without a date (`CREATED`) stored on another day than the one its events date it by
    (`effective_creation`, a step's date changed by hand): that day, and the day stored
    (of a measure made of parts, which may date it earlier, the rules ask those:
    `rules.creation_matches_parts`)."""

    name: str
    date: date
    value: str | None
    other: str | None = None  # (an order's: the measure it is toward)


def _found(step: Step) -> bool:
    """Whether `step` is a finding (its record, its history entry, or both)."""
    return step.verification is not None or (
        step.entry is not None and step.entry.event == VERIFICATION
    )


def _partial(step: Step) -> bool:
    """Whether `step`, a finding, is a partial one (its entry records no status)."""
    if step.verification is not None:
        return step.verification.result == Result.partial
    return step.entry is not None and step.entry.status is None


class LifeProblem(NamedTuple):
    """An event the rules do not allow where it stands; `check` names the kind."""

    check: str
    message: str
    entry: HistoryEntry | None = None
    # the day of the partial finding it judges by the measure's own history (no action
    # before it): one made of parts that day is judged by theirs (`LedgerLife.problems`)
    partial_on: date | None = None


# (`Life`'s `acted_at` not given: found from its steps)
AS_STEPS_SAY = -1


class Life:
    """A measure's replayed history: its steps, problems, and state over time."""

    __slots__ = (
        "created",
        "steps",
        "problems",
        "state",
        "part_runs",
        "undated",
        "unlike",
        "found_on",
        "said_again",
        "expected_parts",
        "partial_found",
        "creation_at",
        "acted_at",
    )

    def __init__(
        self,
        created: date | None,
        steps: list[Step],
        problems: list[LifeProblem],
        state: State,
        part_runs: tuple[tuple[date, str | None], ...] = (),
        undated: bool = False,
        unlike: tuple[Unlike, ...] = (),
        found_on: tuple[date, ...] | None = None,
        said_again: tuple[tuple[date, Status], ...] | None = None,
        expected_parts: int | None = None,
        partial_found: tuple[tuple[date, str, str], ...] = (),
        creation_at: int | None = None,
        acted_at: int | None = AS_STEPS_SAY,
    ) -> None:
        self.created = created
        self.steps = steps
        self.problems = problems
        self.state = state
        self.part_runs = part_runs  # what it was a part of over time (`part_runs`)
        # made on no day given: dated by its earliest event (`effective_creation`), and,
        # made of parts, by theirs (`LedgerLife.life`)
        self.undated = undated
        self.unlike = unlike  # its dated fields stored unlike their history (`unlike_history`)
        # the days of its own confirmations and refutations, those that changed nothing
        # too (kept by a light life, which has no findings:
        # `LedgerLife.own_steps_among_parts` asks); a partial finding is in `partial_found`
        self.found_on = (
            tuple(s.date for s in steps if _found(s) and not _partial(s))
            if found_on is None
            else found_on
        )
        # the day and status of each step of its own that said again the status it stood
        # at (as its own history has it), and so changed nothing: a step all the same, of
        # a measure made of parts, which may stand otherwise as they give it (kept by a
        # light life, which has no entries: `LedgerLife.steps_after_acting` asks)
        self.said_again = (
            tuple(
                (s.date, s.state.status)
                for s in steps
                if not s.changed
                and s.entry is not None
                and s.entry.status == s.state.status
                and s.entry.event not in (CREATED, VERIFICATION)
            )
            if said_again is None
            else said_again
        )
        # how many parts it is to have (`Measure.expected_parts`), for its state as its
        # parts give it (`vocab.derive_from_parts`); None: as many as it has
        self.expected_parts = expected_parts
        # each partial finding of its own: its day, its words and the command that drops it
        # (`replay`), which a measure made of parts that day records as it is, judged by
        # the state they give it (`LedgerLife.problems`)
        self.partial_found = partial_found
        # where its creation's step is among its steps, not always the first (a step of
        # its own dated earlier, or the same day, replays before it: `rules.part_cycles`
        # asks); kept by a light life, whose steps name no entry. None: as its steps say
        self.creation_at = (
            next(
                (
                    i
                    for i, s in enumerate(steps)
                    if s.entry is not None and s.entry.event == CREATED
                ),
                None,
            )
            if creation_at is None
            else creation_at
        )
        # where its first step that acted is among its steps (a finding does not act:
        # `first_acted`); kept by a light life, whose steps name no finding (a whole's
        # parts, `LedgerLife`, ask whether they acted by a day). None: none acted
        self.acted_at = (
            next(
                (
                    i
                    for i, s in enumerate(steps)
                    if s.verification is None and s.state.status in ACTED
                ),
                None,
            )
            if acted_at == AS_STEPS_SAY
            else acted_at
        )

    def is_creation(self, step: Step) -> bool:
        """Whether `step`, one of this life's steps, is its creation's."""
        return self.creation_at is not None and self.steps[self.creation_at] is step

    def made_earlier(self, day: date) -> Life:
        """This life of a measure added without a date, made on `day`, before its own
        first event: its first state from then (its parts acted before it did; its own
        events keep their days)."""
        return type(self)(
            day,
            self.steps,
            self.problems,
            self.state,
            self.part_runs,
            self.undated,
            self.unlike,
            self.found_on,
            self.said_again,
            self.expected_parts,
            self.partial_found,
            self.creation_at,
            self.acted_at,
        )

    def light(self) -> Life:
        """This life without the history entries and findings its steps and problems name:
        its states, dates and problems' words, all a ledger's replay asks of a measure
        once its own node is made (the step it first acted on is kept: `acted_at`; what
        only its findings tell, it does not answer: `LightLife`)."""
        steps = [Step(s.date, None, None, s.state, s.changed) for s in self.steps]
        problems = [LifeProblem(p.check, p.message, None, p.partial_on) for p in self.problems]
        return LightLife(
            self.created,
            steps,
            problems,
            self.state,
            self.part_runs,
            self.undated,
            self.unlike,
            self.found_on,
            self.said_again,
            self.expected_parts,
            self.partial_found,
            self.creation_at,
            self.acted_at,
        )

    def light_row(self) -> list[Any]:
        """This life, `light`, as JSON values (`from_light_row` reads them back): a read
        anew shared between two processes passes each measure's life so."""
        return [
            None if self.created is None else self.created.isoformat(),
            [
                [s.date.isoformat(), s.state.status.value, s.state.extent.value, s.changed]
                for s in self.steps
            ],
            [
                [p.check, p.message, None if p.partial_on is None else p.partial_on.isoformat()]
                for p in self.problems
            ],
            [self.state.status.value, self.state.extent.value],
            [[day.isoformat(), whole] for day, whole in self.part_runs],
            self.undated,
            [[u.name, u.date.isoformat(), u.value, u.other] for u in self.unlike],
            [day.isoformat() for day in self.found_on],
            [[day.isoformat(), status.value] for day, status in self.said_again],
            self.expected_parts,
            [[day.isoformat(), words, drop] for day, words, drop in self.partial_found],
            self.creation_at,
            self.acted_at,
        ]

    @classmethod
    def from_light_rows(cls, rows: Iterable[list[Any]]) -> list[Life]:
        """The lives `light_row` gave these values for (the states and dates many share
        are made once: a helper's half of a large ledger is thousands of lives)."""
        states = {(s.value, e.value): State(s, e) for s in Status for e in Extent}
        days: dict[str, date] = {}
        made: list[Life] = []
        for row in rows:
            created, steps, problems, (status, extent), runs, undated, unlike, found = row[:8]
            again, expected, partials, creation_at, acted_at = row[8:]
            for d, _, _, _ in steps:
                if d not in days:
                    days[d] = date.fromisoformat(d)
            if created is not None and created not in days:
                days[created] = date.fromisoformat(created)
            made.append(
                LightLife(
                    None if created is None else days[created],
                    [Step(days[d], None, None, states[st, e], c) for d, st, e, c in steps],
                    [
                        LifeProblem(
                            check, message, None, None if on is None else date.fromisoformat(on)
                        )
                        for check, message, on in problems
                    ],
                    states[status, extent],
                    tuple((date.fromisoformat(d), whole) for d, whole in runs),
                    bool(undated),
                    tuple(Unlike(n, date.fromisoformat(d), v, o) for n, d, v, o in unlike),
                    tuple(days[d] if d in days else date.fromisoformat(d) for d in found),
                    tuple(
                        (days[d] if d in days else date.fromisoformat(d), Status(st))
                        for d, st in again
                    ),
                    expected,
                    tuple((date.fromisoformat(d), words, drop) for d, words, drop in partials),
                    creation_at,
                    acted_at,
                )
            )
        return made

    @property
    def status(self) -> Status:
        return self.state.status

    @property
    def extent(self) -> Extent:
        return self.state.extent

    def state_on(self, day: date) -> State | None:
        """The state at the end of `day`; None if the measure did not exist yet."""
        if not self.steps:
            return self.state if self.created is None or self.created <= day else None
        if self.created is not None and self.created > day:
            return None
        found = self.steps[0].state
        for step in self.steps[1:]:
            if step.date > day:
                break
            found = step.state
        return found

    def before_reversal_on(self, day: date) -> State | None:
        """The state the measure stood in before the first reversal of `day` (where a
        finding of that day finds it, as findings replay before a reversal:
        `vocab.DAY_RANK`); None if it was not reversed that day."""
        before = None
        for step in self.steps:
            if step.date == day and step.changed and step.state.status == Status.reversed:
                return before
            before = step.state
        return None

    def state_began(self, day: date) -> date | None:
        """When the state `state_on(day)` gives began: the latest step up to `day` that
        changed the state (None if the measure did not exist yet)."""
        if self.state_on(day) is None:
            return None
        step = self.set_by(day)
        return self.day_of(step) if step is not None else self.created

    def day_of(self, step: Step) -> date | None:
        """The day `step` was taken on; None for the creation of a measure written by hand
        that no event dates (`of_no_day`): its life has no day it began on (`created`),
        and its step, stored on the day its history was first written, is of none."""
        if self.created is None and step is self.steps[0]:
            return None
        return step.date

    def set_by(self, day: date) -> Step | None:
        """The step that set the state `state_on(day)` gives: the latest up to `day` that
        changed it (None if the measure did not exist yet, or its life has no steps)."""
        if self.state_on(day) is None:
            return None
        found = previous = None
        for step in self.steps:
            if step.date > day:
                break
            if previous is None or step.state != previous:
                found = step
            previous = step.state
        return found

    def states_on(self, days: Sequence[date]) -> list[State | None]:
        """`state_on` each of `days` (in increasing order), in one pass over the steps."""
        steps, created = self.steps, self.created
        if not steps:
            return [self.state if created is None or created <= day else None for day in days]
        found: list[State | None] = []
        state, at, end = steps[0].state, 1, len(steps)
        for day in days:
            if created is not None and created > day:
                found.append(None)
                continue
            while at < end and steps[at].date <= day:  # (as `state_on`: up to the first later)
                state = steps[at].state
                at += 1
            found.append(state)
        return found

    def within(self, whole: str, day: date) -> bool:
        """Whether it was a part of `whole` at the end of `day` (from `part_runs`; with
        none, it asks of the whole it is a part of now, and has been since it was made)."""
        return self.whole_on(day, whole) == whole

    def whole_on(self, day: date, now: str | None) -> str | None:
        """What it was a part of at the end of `day` (None: of none), from `part_runs`;
        with none, `now`, the whole it is a part of now (it has been since it was made)."""
        if not self.part_runs:
            return now
        found = self.part_runs[0][1]
        for since, value in self.part_runs[1:]:
            if since > day:
                break
            found = value
        return found

    def joined(self, whole: str | None) -> date | None:
        """The day it became a part of `whole`, the measure it is a part of now, if an
        edit made it one (None: it has been since it was made, or it is none)."""
        if whole is None or not self.part_runs or self.part_runs[-1][1] != whole:
            return None
        start, was = None, None
        for day, value in self.part_runs:
            if value != was:
                start, was = day, value
        return None if start == date.min else start

    def left(self) -> tuple[tuple[str, date | None, date], ...]:
        """Each stretch of days it was a part of a measure and that ended (an edit moved
        it to another, or out of any), in order: the measure, the day it became a part of
        it (None: it was one since it was made) and the day it left; from `part_runs`, as
        `within` reads them. () when no edit took it out of one."""
        found: list[tuple[str, date | None, date]] = []
        start, was = date.min, None
        for day, value in self.part_runs:
            if value == was:
                continue
            if was is not None:
                found.append((was, None if start == date.min else start, day))
            start, was = day, value
        return tuple(found)

    def wholes_from(self, day: date) -> tuple[tuple[str | None, date, date | None], ...]:
        """Each stretch of days it was a part of one measure (None: of none) from the end
        of `day` on, in order: the measure, the day the stretch began (`day`, or the
        later day an edit moved it) and the day it left (None: it still is); from
        `part_runs`, as `within` reads them. () when no edit moved it."""
        found: list[tuple[str | None, date, date | None]] = []
        for since, value in self.part_runs:
            if since <= day or not found:
                found = [(value, day, None)]
            elif value != found[-1][0]:
                found[-1] = (found[-1][0], found[-1][1], since)
                found.append((value, since, None))
        return tuple(found)

    def former_wholes(self, whole: str | None) -> tuple[str, ...]:
        """The measures it was a part of on some day, other than `whole` (the one it is a
        part of now), in id order: from its edits of `part_of`."""
        return former_wholes(self.part_runs, whole)

    @property
    def status_since(self) -> date | None:
        """When the current status began: the latest step that set it."""
        since = None
        previous = None
        for step in self.steps:
            if previous is None or step.state.status != previous:
                since = self.day_of(step)
            previous = step.state.status
        return since

    @property
    def first_acted(self) -> date | None:
        """When the actor first carried it out (a finding does not count); None too when
        its creation of no day did (`day_of`): no day is known."""
        return None if self.acted_at is None else self.day_of(self.steps[self.acted_at])

    @property
    def last_action(self) -> date | None:
        """When its actor last carried it out anew (an implementation that changed its
        state: after a reversal, or to another extent); a finding made before that was on
        an earlier action."""
        found = None
        for step in self.steps:
            if (
                acts_anew(step.state, step.changed)
                and step.verification is None
                and (step.entry is None or step.entry.event != VERIFICATION)
            ):
                found = self.day_of(step)
        return found

    @property
    def acted_since(self) -> date | None:
        """The day it last came to have acted, if it has acted now (None: since its
        creation of no day, `day_of`)."""
        since = None
        was = False
        for step in self.steps:
            now = step.state.status in ACTED
            if now and not was:
                since = self.day_of(step)
            was = now
        return since if was else None

    @property
    def full_since(self) -> date | None:
        """The day it last came to be carried out in full (`vocab.done_in_full`), if it
        stands so now: the first step of the last run of them that left it so, in the
        order events happened (a finding since moves it not; a reversal, or a step to a
        lesser extent, ends the run, and the next step in full begins another); None if
        it does not stand so, or has since its creation of no day (`day_of`)."""
        since, run = None, False
        for step in self.steps:
            if not done_in_full(step.state):
                since, run = None, False
            elif not run:
                since, run = self.day_of(step), True
        return since

    def full_since_on(self, days: Sequence[date]) -> list[date | None]:
        """`full_since` as it stood at the end of each of `days` (in increasing order), in
        one pass over the steps, as `states_on` reads them: None on a day it did not stand
        done in full (or did not exist yet)."""
        steps, created = self.steps, self.created
        found: list[date | None] = []
        since, run, at = None, False, 0
        for day in days:
            if created is not None and created > day:
                found.append(None)
                continue
            while at < len(steps) and (at == 0 or steps[at].date <= day):
                step = steps[at]
                if not done_in_full(step.state):
                    since, run = None, False
                elif not run:
                    since, run = self.day_of(step), True
                at += 1
            found.append(since)
        return found

    @property
    def rolled_back(self) -> date | None:
        """The day it last went from done in full to less (reversed, or carried out to a
        lesser extent), or was offered again after a rejection (`_last_roll_back`), which
        a later cut or reversal does not move; None if it never stood done in full or
        rejected, or stands so again."""
        return _last_roll_back((step.date, step.state) for step in self.steps)

    @property
    def redone_after(self) -> date | None:
        """The day the stretch short of done in full that its standing done in full (or
        rejected) again ended began (`rolled_back` before it: `_roll_backs`); None when
        it stands short of it, or never stood short of it after standing so."""
        return _roll_backs((step.date, step.state) for step in self.steps)[1]

    @property
    def spans(self) -> tuple[tuple[date, bool, bool], ...]:
        """The days its own life changed whether it had acted, and whether it stood
        verified, each with the two (acted, verified) from that day; () when it never lost
        either once it had it (no reversal, no refuted finding after a confirmed one): then
        `first_acted` and `first_verified` say it all."""
        found: list[tuple[date, bool, bool]] = []
        was = (False, False)
        lost = False
        for step in self.steps:
            now = (step.state.status in ACTED, step.state.status == Status.verified)
            if now != was:
                lost = lost or (was[0] and not now[0]) or (was[1] and not now[1])
                if found and found[-1][0] == step.date:
                    found[-1] = (step.date, *now)
                else:
                    found.append((step.date, *now))
                was = now
        return tuple(found) if lost else ()

    @property
    def first_committed(self) -> date | None:
        """The first day it stood agreed or carried out (`vocab.a_commitment`)."""
        for step in self.steps:
            if step.state.status in COMMITTED:
                return self.day_of(step)
        return None

    @property
    def first_verified(self) -> date | None:
        for step in self.steps:
            v = step.verification
            if v is not None and v.result == Result.confirmed:
                return step.date
        return None


class LightLife(Life):
    """A life kept light (`Life.light`, `Life.from_light_rows`): its steps name no entry
    and no finding, so what only those tell (the day it last acted anew, which a finding
    does not; its first confirmation) it does not answer, rather than answer wrong. Only
    a measure's own node asks those, of its full replay (`facts.node_of`)."""

    __slots__ = ()

    @property
    def last_action(self) -> date | None:
        raise TypeError("a replay kept light has no findings to tell its last action by")

    @property
    def first_verified(self) -> date | None:
        raise TypeError("a replay kept light has no findings to tell its first confirmation")


def describe_entry(
    entry: HistoryEntry | None, verification: Verification | None, *, full: bool = False
) -> str:
    """An event in a few words, as problem messages and confirmations name it; `full`: an
    implementation in full as 'implemented (full)' (`vocab.says_extents` of its measure,
    whose history records another extent: read alone, a bare 'implemented' does not say
    how far it went, as `log` and `show` word it)."""
    if verification is not None:
        return f"{verification.result.value} by {verification.by} on {verification.date}"
    assert entry is not None
    if entry.event == CREATED:
        return f"created as {_status_text(entry, full)} on {entry.date}"
    if entry.event == VERIFICATION:
        return f"the verification on {entry.date}"
    if entry.status is not None:
        return f"{_status_text(entry, full)} on {entry.date}"
    return f"the {entry.event} entry of {entry.date}"


def dropped_text(entry: HistoryEntry, detail: str | None = None) -> str:
    """How the correction of a dropped entry names it: as `describe_entry` does, and a
    change of a link or an order with what it said (`detail`: as the measure the
    correction is written on says it, for one kept on both), an edit of a dated field
    with its change of each (`dated_words`), as two of one day differ."""
    said = describe_entry(entry, None)
    if entry.event == "edit":
        dated = dated_words(entry)
        return f"{said} ({dated})" if dated else said
    words = entry.detail if detail is None else detail
    return f"{said} ({words})" if entry.event in ("exchange", "sequence") and words else said


def dated_words(entry: HistoryEntry) -> str:
    """An edit's change of each dated field (`DATED_FIELDS`), in the words `dprk log`
    gives it ("actor: 'Syria' -> 'US'"), in its order; "" for an entry that changed
    none. (Its other pieces, a title or a source, are text typed: left out.)"""
    pieces = edit_pieces(entry.detail) if entry.event == "edit" else {}
    dated = sorted((n for n in DATED_FIELDS if n in pieces), key=lambda n: pieces[n].start(1))
    return "; ".join(f"{n}: {pieces[n].group(1)} -> {pieces[n].group(2)}" for n in dated)


# What a correction's detail says it corrected: the event, in `describe_entry`'s words.
_CORRECTED = re.compile(r"^(.+?) (?:dropped: |redated to \d{4}-\d\d-\d\d)")


def corrected_event(h: HistoryEntry) -> str | None:
    """The event the correction `h` says it dropped or redated (`drop-entry`,
    `drop-finding`, `redate`, `renote`), as `event_names` names one; None for any other
    entry."""
    reworded = reworded_of(h)  # (its old note may read as a drop's or a redate's words)
    if reworded is not None:
        return reworded
    said = _CORRECTED.match(h.detail) if h.event == CORRECTION else None
    return said.group(1) if said else None


# A correction that drops an event (`drop-entry`, `drop-finding`), and one that only
# redates it (`dprk redate`, `redated_text`): the event, and the day it went to.
_DROPPED = re.compile(r"^(.+?) dropped: ")
# (a redate's words may go on after a ';': "...; the end of the with on D dropped: ...")
_REDATED = re.compile(r"^(.+?) redated to (\d{4}-\d\d-\d\d)(?:;|$)")


def dropped_event(h: HistoryEntry) -> str | None:
    """The event the correction `h` says it dropped, as `event_names` names one; None for
    any other entry (a redate among them)."""
    if h.event != CORRECTION or redate_of(h) is not None or reworded_of(h) is not None:
        return None
    said = _DROPPED.match(h.detail)
    return said.group(1) if said else None


def redate_of(h: HistoryEntry) -> tuple[str, date] | None:
    """The event the correction `h` says `dprk redate` moved (as `describe_entry` names
    it), and the day it moved it to (`redated_text`); None for any other entry."""
    said = _REDATED.match(h.detail) if h.event == CORRECTION else None
    # (a drop whose note reads as a redate's words: 'X dropped: redated to D')
    if said is None or " dropped: " in f"{said.group(1)} " or reworded_of(h) is not None:
        return None
    return said.group(1), date.fromisoformat(said.group(2))


def event_names(entry: HistoryEntry | None, v: Verification | None) -> list[str]:
    """How a correction may name an event: a finding by its result, verifier and day
    (`drop-finding`), or as an entry of its day (`redate` of an earlier dprk), with what
    it said (a change of a link or an order dropped: `drop-entry`), or with its verifier
    or the other measure (`redate`: `redated_name`). In one order, whatever its day: a
    name on one day is in the place of the same words on another (`diff` names a drop
    so)."""
    found = [describe_entry(entry, v)]
    if entry is not None:
        found += [describe_entry(entry, None), dropped_text(entry), redated_name(entry, v)]
        # (an implementation in full, as a measure whose history records another extent
        # names it: after the others, whose places `diff` reads)
        found.append(describe_entry(entry, None, full=True))
    return found


def events_named(m: Measure) -> set[str]:
    """Every name a correction may give an event `m` holds (`event_names`)."""
    return {text for h, v in match_verifications(m) for text in event_names(h, v)}


def redated_text(
    entry: HistoryEntry, when: date, v: Verification | None = None, *, full: bool = False
) -> str:
    """How the correction of a redated entry says it (`dprk redate`), `entry` as it was
    (`v`: its finding's record): named by `redated_name`, and its new day (what `diff`
    reads it by: `redate_of`)."""
    return f"{redated_name(entry, v, full=full)} redated to {when}"


# A correction that rewords an entry's note (`dprk renote`, `changes.reworded_text`).
_REWORDED = re.compile(r"^(.+?) reworded \(note: (?:\(none\)|')")


def reworded_of(h: HistoryEntry) -> str | None:
    """The event the correction `h` says `dprk renote` reworded the note of (as
    `redated_name` names it: `changes.reworded_text`); None for any other entry."""
    said = _REWORDED.match(h.detail) if h.event == CORRECTION else None
    return said.group(1) if said else None


def redated_name(entry: HistoryEntry, v: Verification | None = None, *, full: bool = False) -> str:
    """How a redate's correction names `entry`: as `describe_entry` does, a finding with
    its verifier (`v`, its record) and a change of an exchange link with the other
    measure, and an edit of a dated field with its change of it (`dated_words`), which
    the day alone left to guess: 'the verification by IAEA on D', 'the exchange entry
    with m-3 of D', "the edit entry of D (actor: 'Syria' -> 'US')". (An earlier dprk
    named them by the day alone, which `event_names` still reads.) A party's rename as a
    rename, with its names: 'the rename of USSR to Russia of D' (`vocab.rename_named`)."""
    if entry.event == VERIFICATION and v is not None:
        return f"the verification by {v.by} on {entry.date}"
    other = exchanged_with(entry)
    if other is not None:
        return f"the exchange entry with {other} of {entry.date}"
    if is_party_rename(entry):
        return f"{rename_named(entry)} of {entry.date}"
    dated = dated_words(entry)  # (two edits of one day told apart, as a drop tells them)
    named = describe_entry(entry, None, full=full)
    return f"{named} ({dated})" if dated else named


def _status_text(entry: HistoryEntry, full: bool = False) -> str:
    status = entry.status.value if entry.status is not None else "proposed"
    extent = entry.extent
    if entry.status == Status.implemented and extent is not None and extent != Extent.full:
        return f"{status} ({extent.value})"
    if full and entry.status == Status.implemented:  # (`vocab.step_extent`: full, unsaid)
        return state_text(Status.implemented, Extent.full, full=True)
    return status


def match_verifications(m: Measure) -> list[tuple[HistoryEntry | None, Verification | None]]:
    """The measure's history entries and verification records, paired: a finding's
    record goes with the history entry dprk wrote for it (same date, detail naming
    the result and the verifier: `vocab.finding_text`); a record with no entry
    stands alone.

    An entry whose detail is exactly its record's text is paired first; then one whose
    detail is that text with a method in brackets after it (a record whose method was
    left out by hand); then one that names the result and verifier alone (a method added
    to the record by hand), or has no detail. A verifier whose name begins with another's
    ("IAEA team", "IAEA") is never taken for it."""
    findings = [i for i, h in enumerate(m.history) if h.event == VERIFICATION]
    unmatched = list(m.verifications)
    paired: dict[int, Verification] = {}
    if findings and unmatched:
        for exact in (True, False, None):
            for i in findings:
                if i in paired:
                    continue
                h = m.history[i]
                for v in unmatched:
                    if v.date == h.date and _names(h.detail, v, exact):
                        paired[i] = v
                        unmatched.remove(v)
                        break
    pairs: list[tuple[HistoryEntry | None, Verification | None]] = [
        (h, paired.get(i)) for i, h in enumerate(m.history)
    ]
    pairs.extend((None, v) for v in unmatched)
    return pairs


def finders(m: Measure) -> dict[int, str]:
    """The verifier of each finding's history entry of `m`, by the entry's id(): its
    record's (`match_verifications`); an entry no record goes with is left out. Who
    made the entry, as `log` and a measure's history give it (`by`)."""
    if not m.verifications:
        return {}
    return {id(h): v.by for h, v in match_verifications(m) if h is not None and v is not None}


def _names(detail: str, v: Verification, exact: bool | None) -> bool:
    """Whether a finding's `detail` names record `v`: word for word (`exact`), as its
    result and verifier followed by a method in brackets (False), or as its result and
    verifier alone, the record's method left out of it, or not at all (None)."""
    if exact:
        return detail == finding_text(v.result, v.by, v.method)
    if exact is None:
        return detail in ("", finding_text(v.result, v.by))
    return detail.startswith(f"{finding_text(v.result, v.by)} (") and detail.endswith(")")


def entry_order(
    entry: HistoryEntry, overtaken: HistoryEntry | None, opening: HistoryEntry | None = None
) -> tuple[Any, ...]:
    """Where an entry replays (and `dprk log` lists it): `HistoryEntry.sort_key`, but for
    a creation an earlier event overtook (`overtaken_creation`), placed on its day as the
    step to the status it was given (after a finding of that day, for one as reversed), and
    the step that then begins the measure's life (`opening_step`), placed first on its
    day as a creation is: before the notes, links and orders of that day."""
    key = entry.sort_key()
    if entry is overtaken:  # (a step of its status, placed as `sort_key` places steps)
        return (1, key[1], (DAY_RANK[entry.status or Status.proposed],), key[3])
    if entry is opening:  # (before the day's entries that are no step, ranked from (0, 1))
        return (1, key[1], (0, 0), key[3])
    return key


def opening_step(m: Measure, overtaken: HistoryEntry | None) -> HistoryEntry | None:
    """The step that begins `m`'s life when a step found later overtook its creation
    (`overtaken`, `overtaken_creation`): its earliest step, on the day the measure dates
    from (`first_step`), which stands where a creation would, first on its day; None
    when its creation was not overtaken, or its first event is no step that can begin a
    life (a finding, a reversal: `_begins`)."""
    if overtaken is None:
        return None
    steps = [h for h in m.history if h.status is not None and h.event != CREATED]
    if not steps:
        return None
    first = min(steps, key=lambda h: entry_order(h, overtaken))
    if first.date != first_step(m, overtaken) or not _begins(first, None):
        return None
    return first


def _order(
    overtaken: HistoryEntry | None,
    opening: HistoryEntry | None,
    pair: tuple[HistoryEntry | None, Verification | None],
) -> tuple[Any, ...]:
    """The replay order of an event: `entry_order`, and a finding's record in its
    place."""
    entry, v = pair
    if entry is not None:
        return entry_order(entry, overtaken, opening)
    assert v is not None
    return (1, v.date, record_rank(v), _EARLIEST, VERIFICATION, v.by, v.result.value)


def record_rank(v: Verification) -> tuple[Any, ...]:
    """Where a finding's record with no history entry counts among the events of its day:
    as the entry dprk writes for it would (`HistoryEntry.sort_key`)."""
    return (*finding_place(v.result), finding_text(v.result, v.by, v.method))


def in_log_order(m: Measure) -> list[HistoryEntry]:
    """A measure's history as `dprk log` lists and numbers it (`redate` and `drop-entry`
    take the numbers): by date, then in replay order (`entry_order`: a creation an
    earlier step overtook is listed as the step to its status, after a finding of its
    day for one as reversed). The same as the replay order but for a correction dated
    before a creation given no date (a correction dates nothing): listed, and numbered,
    where its date puts it. A creation of no day (`no_day_creation`) comes first, whatever
    day it is stored on: nothing dates it, so nothing comes before it."""
    overtaken = overtaken_creation(m)
    opening = opening_step(m, overtaken)
    first = no_day_creation(m)
    return sorted(
        m.history, key=lambda h: (h is not first, h.date, entry_order(h, overtaken, opening))
    )


def findings_of_reversal(m: Measure) -> frozenset[int]:
    """The entries of `m`'s history (by `id`) whose finding, refuted or in part, the
    replay took as one of its reversal (`found_on`): made while it stood reversed, it
    set no status and left it reversed. Such an entry keeps in the file the status its
    result gives (a refutation's disputed: were the reversal dropped, it would replay as
    a finding on the action), but the views say the status it set in the replay, none,
    and that it was of the reversal. Replays only a measure that has a reversal and a
    finding entry on record."""
    history = m.history
    if not any(h.status == Status.reversed for h in history) or not any(
        h.event == VERIFICATION for h in history
    ):
        return frozenset()
    return frozenset(
        id(s.entry)
        for s in replay(m).steps
        if s.entry is not None
        and s.entry.event == VERIFICATION
        and s.entry.status != Status.reversed  # (one written so by hand set it)
        and s.state.status == Status.reversed
    )


# Two entries whose dates contradict each other, each with the redate that corrects it by
# the number `dprk log` gives it (`_redate_either`); with no numbers, 'dprk log' numbers
# them (`unnumbered`).
_REDATE_EITHER = (
    "('dprk redate {ident} {first} YYYY-MM-DD' corrects the first, 'dprk redate {ident} "
    "{second} YYYY-MM-DD' the second)"
)
_NUMBERED = re.compile(
    r"\('dprk redate (\S+) [0-9]+ YYYY-MM-DD' corrects the first, 'dprk redate \1 [0-9]+ "
    r"YYYY-MM-DD' the second\)"
)
_BY_LOG = "('dprk log {ident}' numbers the entries, 'dprk redate' corrects one)"
# An entry to move to a day, by the number `dprk log` gives it (`redate_advice`); with no
# number, 'dprk log' numbers them (`unnumbered`).
_REDATE_TO = "('dprk redate {ident} {number} {day}')"
_NUMBERED_TO = re.compile(r"\('dprk redate (\S+) ([0-9]+) ([0-9]{4}-[0-9]{2}-[0-9]{2})'\)")
_BY_LOG_TO = "('dprk log {ident}' numbers the entries, 'dprk redate {ident} N {day}')"


def _redate_either(m: Measure, first: HistoryEntry | None, second: HistoryEntry | None) -> str:
    """How to correct the date of either of two entries of `m`'s history, named in that
    order in a problem's words: each by the number `dprk log` gives it (`in_log_order`);
    for a finding recorded without an entry, which has none, `dprk log` numbers them."""
    if first is None or second is None:
        return _BY_LOG.format(ident=m.id)
    ordered = in_log_order(m)
    first_n, second_n = (
        next(n for n, h in enumerate(ordered, 1) if h is e) for e in (first, second)
    )
    return _REDATE_EITHER.format(ident=m.id, first=first_n, second=second_n)


# The step before a measure's first one (at the status that first step gives it) that
# lets an entry of another kind come before that first step; of the statuses the guide
# names as such a beginning ("Recording history after the fact").
_STEP_BEFORE = {Status.agreed: Status.proposed, Status.implemented: Status.agreed}


def _step_first(m: Measure, entry: HistoryEntry | None, first: Step) -> str:
    """How to correct `entry` of `m`, which comes before its `first` step (its creation,
    or a step dated before it): where the measure began past the offer and the entry is
    no step (a link, an order, a note, an edit), the step before it first, which keeps
    both dates true ('dprk mark ID agreed --date ...', as the guide's beginning of a
    measure added with a status); then the redate of that first step, in case its date
    is wrong. Otherwise: either date ('correct one of the two dates')."""
    step = _STEP_BEFORE.get(first.state.status)
    kinds = ("exchange", "sequence", NOTE, "edit")
    if entry is None or first.entry is None or entry.event not in kinds or step is None:
        return "; correct one of the two dates " + _redate_either(m, entry, first.entry)
    which = "creation" if first.entry.event == CREATED else "first step"
    also = "" if step == Status.proposed else " or proposed"
    return (
        f"; if {m.id} was already {step.value}{also} by then, record that step first ('dprk "
        f"mark {m.id} {step.value} --date YYYY-MM-DD', a day on or before {entry.date}); or, "
        f"if its {which} date is wrong, correct it {redate_advice(m, first.entry, entry.date)}"
    )


# An entry to drop, by the number `dprk log` gives it (`drop_advice`); with no number,
# 'N', which 'dprk log' gives (`unnumbered`).
_DROP = "'dprk {command} {ident} {number}'"
_NUMBERED_DROP = re.compile(r"'dprk (drop-entry|drop-finding) (\S+) ([0-9]+)'")


def drop_advice(m: Measure, entry: HistoryEntry | None, command: str = "drop-entry") -> str:
    """The command that drops `entry` of `m`'s history (`command`: drop-entry, or
    drop-finding of a finding's entry), by the number `dprk log` gives it
    (`in_log_order`): "'dprk drop-entry x 2'"; 'N' where it has none (a finding
    recorded without an entry)."""
    number = next((n for n, h in enumerate(in_log_order(m), 1) if h is entry), None)
    return _DROP.format(command=command, ident=m.id, number="N" if number is None else number)


def unnumbered(text: str, changed: Container[str] | None = None) -> str:
    """`text`, a problem's words, with the entries its advice numbers (`_redate_either`,
    `redate_advice`, `drop_advice`) left to 'dprk log' to number: what the problem is known
    by whatever numbers its entries have (a change that records an earlier entry moves them on, and
    adds no problem), and what a refused change says of it: the numbers of the measures
    it `changed` are of a history that was not written (None: of every measure), those
    of the others are the file's, and stay."""

    def strip(ident: str) -> bool:
        return changed is None or ident in changed

    if "YYYY-MM-DD' the second)" in text:
        text = _NUMBERED.sub(
            lambda found: (
                _BY_LOG.format(ident=found.group(1)) if strip(found.group(1)) else found.group(0)
            ),
            text,
        )
    if "'dprk drop-" in text:
        text = _NUMBERED_DROP.sub(
            lambda found: (
                _DROP.format(command=found.group(1), ident=found.group(2), number="N")
                if strip(found.group(2))
                else found.group(0)
            ),
            text,
        )
    if "('dprk redate " in text:
        text = _NUMBERED_TO.sub(
            lambda found: (
                _BY_LOG_TO.format(ident=found.group(1), day=found.group(3))
                if strip(found.group(1))
                else found.group(0)
            ),
            text,
        )
    return text


def redate_advice(m: Measure, entry: HistoryEntry, day: date) -> str:
    """How to move `entry` of `m`'s history to `day`, by the number `dprk log` gives it
    (`in_log_order`): "('dprk redate p 3 2019-03-04')"."""
    number = next(n for n, h in enumerate(in_log_order(m), 1) if h is entry)
    return _REDATE_TO.format(ident=m.id, number=number, day=day)


def redate_unnumbered(ident: str, day: date) -> str:
    """`redate_advice` where the entry's number is not known: 'dprk log' numbers them."""
    return _BY_LOG_TO.format(ident=ident, day=day)


def dated_creation(m: Measure) -> date | None:
    """The day `m` was created on, when it was given one: no event of it may come before
    it. None when it was added without a date (its earliest event dates it, and moves it
    back), or when it was written without a creation. A creation an earlier step
    overtook (`overtaken_creation`) is dated by that step: nothing comes before it."""
    created = next((h for h in m.history if h.event == CREATED and not h.undated), None)
    if created is None:
        return None
    if overtaken_creation(m) is not None:
        return first_step(m, created)
    return created.date


def overtaken_creation(m: Measure) -> HistoryEntry | None:
    """`m`'s creation, when it was dated at a status past the offer and a step of its
    life or a finding is dated before it, or on its day and earlier in a measure's life
    (`vocab.DAY_RANK`: an action on the day of a creation as reversed); else None.
    Added as agreed or implemented on a day, a measure is said to stand so by then,
    not to have been first on the table that day: the offer or the agreement found
    later is dated before it (or that day, before it in its life). The measure
    then dates from its earliest step (`first_step`; a note, a link or an edit before
    that is before its creation, as before a dated one), and the creation replays on
    its own day as the step to the status it was given. A creation as proposed is the
    day the measure began: nothing comes before it."""
    created = next((h for h in m.history if h.event == CREATED), None)
    if created is None or created.undated or created.status in (None, Status.proposed):
        return None
    earliest = first_step(m, created)
    if earliest is not None and earliest < created.date:
        return created
    # (a step or a finding of its own day that comes earlier in a measure's life, an
    # action on the day of a creation as reversed: that day's first, as if marked)
    rank = DAY_RANK[created.status]
    for h in m.history:
        ranked = h.status is not None and DAY_RANK[h.status] < rank
        if ranked and h.event != CREATED and h.date == created.date:
            return created
    for v in m.verifications:
        if v.date == created.date and FINDING_RANK[v.result] < rank:
            return created
    return None


def first_step(m: Measure, created: HistoryEntry) -> date | None:
    """The day of `m`'s earliest step of its life or finding, besides its creation
    `created` (a second creation, written by hand or on another branch, is no step: it
    is reported as one); None when it has none."""
    days = [h.date for h in m.history if h.status is not None and h.event != CREATED]
    days.extend(v.date for v in m.verifications)
    return min(days, default=None)


# The words of the creation a measure written into the file without a history is given
# by its first change (`changes.as_created`): it stood so on every day, and no day is
# known for it until an event of the talks before that change dates it (`hand_made`,
# `first_event`).
HAND_MADE = "written by hand without a history"  # (a creation so given a day says this)
HAND_MADE_NOTE = f"{HAND_MADE}: dated by its earliest event"


def hand_made(created: HistoryEntry) -> bool:
    """Whether `created`, an undated creation, is the one a measure written by hand
    without a history was given by its first change (`HAND_MADE_NOTE`): with no event of
    the talks to date it, it has no day (a correction dates nothing), where one added by
    a command without a date has the day it was added (`added_on`)."""
    return created.undated and created.detail.endswith(f"({HAND_MADE_NOTE})")


def of_no_day(m: Measure) -> bool:
    """Whether `m`'s creation is one of no day: written by hand without a history, the
    creation its first change recorded, with no event of the talks before that change
    to date it (`hand_made`, `first_event`). It stands so on every day: no view dates it
    (no step of a day, no day its status began), as one with no history at all."""
    return no_day_creation(m) is not None


def no_day_creation(m: Measure) -> HistoryEntry | None:
    """`m`'s creation when it is one of no day (`of_no_day`), else None: stored with the
    day of the change that wrote it, it is listed with no date, first (`in_log_order`)."""
    created = next((h for h in m.history if h.event == CREATED), None)
    if created is None or not hand_made(created) or first_event(m, created) is not None:
        return None
    return created


def effective_creation(m: Measure) -> date | None:
    """The creation date: as given; for an undated creation, the date of the measure's
    earliest event of the talks (its history and findings), which it follows both ways:
    an event redated later takes the creation with it. A correction of the record (a
    rename, a title fixed: `correction`) dates nothing, whatever its --date says."""
    created = next((h for h in m.history if h.event == CREATED), None)
    if created is None:  # (written by hand: its earliest entry or finding dates it)
        days = [h.date for h in m.history]
        days.extend(v.date for v in m.verifications)
        return min(days, default=None)
    if not created.undated:
        return dated_creation(m)
    first = first_event(m, created)
    if first is None and hand_made(created):
        return None  # (written by hand: on every day, until an event dates it)
    return first or created.date


def first_event(m: Measure, created: HistoryEntry, *, links: bool = True) -> date | None:
    """The day of `m`'s earliest event of the talks (its history and findings, besides
    its creation `created` and its corrections of the record): what dates a creation
    recorded without a date; None when it has none. (`links`: False leaves out a link
    another measure was added with without a date, `undated_link`.)

    A measure written by hand without a history was in the file, and so in the talks,
    before the change that first recorded it (`hand_made`): an event dated on or after
    the day that change was made (an order, a link, a deadline given that day, with no
    --date, or on a later day) tells nothing of when it began, and dates it not; one
    given an earlier day does. Notes alone do not: a note says the measure was in the
    talks by its day, not that it stood as written from then (it stands so on every
    day); once another event dates it, its earliest note does too, as for any measure,
    so that nothing is listed before its creation."""
    hand = hand_made(created)
    before = added_on(created) if hand else None
    notes: list[date] = []
    dates: list[date] = []
    for h in m.history:
        if h is not created and not correction(h) and (links or not undated_link(h)):
            (notes if hand and h.event == "note" else dates).append(h.date)
    dates.extend(v.date for v in m.verifications)
    found = [d for d in dates if before is None or d < before]
    if not found:
        return None
    return min(found + [d for d in notes if before is not None and d < before])


def undated_link(h: HistoryEntry) -> bool:
    """Whether entry `h` is the record of an exchange link written when the other measure
    was added with it without a date (`--in-exchange-for`): it has no day of its own. It
    counts from the later of the two measures' beginnings (`changes.links_dated`), and so
    dates neither earlier than its own record does (`own_beginning`); only a measure with
    nothing else to date it is dated by it (`first_event`)."""
    return h.undated and h.event == "exchange"


def own_beginning(m: Measure) -> date | None:
    """The day `m` began on by its own record: its dated creation (`dated_creation`);
    added without a date, its earliest event of the talks, a link another measure was
    added with without a date aside (`undated_link`: dated from the two beginnings, it
    dates neither). None when it has none (and, made of parts, their first steps may
    date it: `LedgerLife.own_beginning`)."""
    created = next((h for h in m.history if h.event == CREATED), None)
    if created is None:
        return effective_creation(m)
    if not created.undated:
        return dated_creation(m)
    return first_event(m, created, links=False)


def restating_creation(m: Measure) -> HistoryEntry | None:
    """The step that stands for `m`'s creation, recorded without a date, where events are
    drawn: one of the status and extent it was created with, on the day that dates it (a
    `mark` of the status it was added with: the step is kept beside the creation, which
    stays undated so that an earlier event found later still moves it back; drawn
    apart, the two would be two moves on one day). None when no step does."""
    created = next((c for c in m.history if c.event == CREATED), None)
    if created is None or not created.undated or created.status is None:
        return None
    day = first_event(m, created)
    wanted = created.extent or default_extent(created.status)
    return next(
        (
            h
            for h in m.history
            if h.date == day
            and h.event not in (CREATED, VERIFICATION)
            and h.status == created.status
            and (h.extent or default_extent(h.status)) == wanted
            and not correction(h)
        ),
        None,
    )


def added_on(created: HistoryEntry) -> date:
    """The day an undated creation was recorded on, here (`recorded` is kept in UTC): the
    day a measure added without a date and without events has. Not before the day it is
    written with: a clock fixed for a reproducible file (SOURCE_DATE_EPOCH) may record a
    change before the day it was made."""
    return max(created.date, created.recorded.astimezone().date())


def own_undated_day(m: Measure, *, undated: bool | None = None) -> date | None:
    """The day `m`'s undated creation is dated by its own record, whatever date the file
    holds on it: its earliest event of the talks (`first_event`); none, the day it was
    added (`added_on`), as a rename of it dated back leaves it: a correction dates
    nothing, and waits for an event to date the measure (`made_after`). None for a
    measure not added without a date (`undated`: whether it was, where `m` was made again
    from its JSON record, which does not say: its replay's `Life.undated` does). (A
    measure made of parts may be dated earlier by them: `LedgerLife.undated_made_on`.)"""
    created = next((h for h in m.history if h.event == CREATED), None)
    if created is None or not (created.undated if undated is None else undated):
        return None
    first = first_event(m, created)
    if first is None and hand_made(created):
        return None  # (no day known: it stands so on every day, as written)
    return added_on(created) if first is None else first


def made_after(m: Measure, day: date, *, undated: bool = False) -> date | None:
    """The day `m` was given as made on, when `day` is before it: a correction of the
    record (a rename, a title fixed) dated `day` would come before the measure was made,
    and its log, in date order, would list it above the creation. None otherwise, and for
    a measure added without a date: it was made on some day before its first event, and a
    correction's day dates nothing. With `undated`, such a measure too, once an event
    dates it, is made on the day every command dates it from (`effective_creation`): a
    rename, which dates nothing, may not come before the measure it renames was made.
    (With no event yet, its day is open: an event recorded later may date it back.)"""
    made = dated_creation(m)
    created = next((h for h in m.history if h.event == CREATED), None)
    if undated and created is not None and created.undated:
        made = effective_creation(m) if first_event(m, created) is not None else None
    return made if made is not None and day < made else None


def made_in_words(m: Measure, made: date) -> str:
    """`made`, the day `m` was made on (`made_after`), in words: for a measure added
    without a date, said to be the day of its earliest event."""
    return f"{made}" if dated_creation(m) is not None else f"{made}, the day of its earliest event"


def correction_before_creation(m: Measure, h: HistoryEntry) -> date | None:
    """The day `m` was made on, when `h` is a correction of the record (`correction`)
    dated before it (`made_after`: a rename, which dates nothing, also before the day an
    event dates a measure added without a date); None otherwise. The one rule of a
    correction's day: `rename`, `edit` and `redate` refuse a day it refuses, the replay
    reports an entry it finds (`dprk check`, and every write), and a drop or a redate
    that would move a measure's first day past a correction is refused by it."""
    if not correction(h):
        return None
    return made_after(m, h.date, undated=h.event == RENAME)


def _made_later(m: Measure, h: HistoryEntry, made: date) -> str:
    """The problem of a correction `h` dated before `m` was made (on `made`), in words."""
    said = f" ({h.detail})" if h.detail else ""
    return (
        f"{describe_entry(h, None)}{said} comes before its creation on "
        f"{made_in_words(m, made)}: a correction of the record is dated on or after that day "
        f"('dprk log {m.id}' numbers the entries, 'dprk redate {m.id} N {made}' dates it so)"
    )


def early_corrections(m: Measure) -> list[HistoryEntry]:
    """The corrections of the record in `m`'s history dated before its creation
    (`correction_before_creation`), in the order of its history."""
    return [h for h in m.history if correction_before_creation(m, h) is not None]


def written_on(m: Measure, day: date) -> date:
    """The day an entry a command writes on many measures at once (a removed measure's
    references dropped) is dated for `m`: `day`, or the day `m` came to be when it came
    later (its reference went with it, then). `rename-party` writes none on a measure
    made later: it had the new name from the start (`renamed_by`)."""
    made = effective_creation(m)
    return made if made is not None and made > day else day


def renamed_by(m: Measure, day: date) -> bool:
    """Whether a party rename dated `day` is recorded on `m`, which names the party: made
    by then (`written_on`), or added without a date, whatever its events date it from now.
    Such a measure was made on some day before its earliest event, and an earlier event
    found later moves it back: judged by the events known when the rename is typed, the
    record would depend on the order they were entered in. Its entry, a correction,
    dates nothing (`first_event`). The one rule of `rename-party`, a redate of the rename,
    a measure given under the old name and a merge."""
    created = next((h for h in m.history if h.event == CREATED), None)
    return (created is not None and created.undated) or written_on(m, day) == day


def correction(h: HistoryEntry) -> bool:
    """Whether an entry corrects the record rather than records an event of the talks:
    a rename, a redate, a resolve, an edit of a title, category or notes (`BOOKKEEPING`),
    but not an edit of a dated field (`DATED_FIELDS`: a hand-over, a deadline set, a
    part joining a whole happened on its day)."""
    if h.event not in BOOKKEEPING:
        return False
    return h.event != "edit" or not any(field_said(h.detail, n) for n in DATED_FIELDS)


# --- dated fields: what edits of them say -------------------------------------------


# The fields whose changes are events of the talks, each dated (who carries a measure out,
# by when, as a part of what): the change dated last is in force. A title, a category or
# notes are corrections, and the one made last stands.
DATED_FIELDS = ("actor", "deadline", "part_of")

# The fields `dprk edit` changes, each a piece of its entry's detail ('title: 'A' -> 'B'').
EDIT_FIELDS = ("title", "category", "actor", "deadline", "notes", "part_of", "expected_parts")
_FIELD_NAME = re.compile("(" + "|".join(EDIT_FIELDS) + "): ")
_SOURCE_PIECE = re.compile("source (?:added|removed): ")
_NONE = "(none)"
_DIGITS = "0123456789"


class FieldSaid(NamedTuple):
    """Where an edit's piece of one field shows the value before and after it (`spans`:
    start and end of each, quotes included), read as `re.Match` is: group 1 before,
    group 2 after."""

    detail: str
    spans: tuple[tuple[int, int], tuple[int, int]]

    def group(self, n: int) -> str:
        start, end = self.spans[n - 1]
        return self.detail[start:end]

    def groups(self) -> tuple[str, str]:
        return self.group(1), self.group(2)

    def start(self, n: int) -> int:
        return self.spans[n - 1][0]

    def end(self, n: int) -> int:
        return self.spans[n - 1][1]


@lru_cache(maxsize=4096)  # (asked of one entry again and again: once per field, per rule)
def edit_pieces(detail: str) -> Mapping[str, FieldSaid]:
    """The fields an edit's detail shows changed, each with where it shows its values,
    read by the structure `changes.edit` writes, not searched for: pieces joined by '; ',
    each field's ('NAME: BEFORE -> AFTER', a value '(none)' or quoted as typed, a quote
    of its own and all: `changes.shown`) once, then the sources added or removed. Text
    inside a value (a title "x; deadline: '2020-01-01' -> '2021-01-01'") is never read
    as a piece. Of the ways a value holding a quote may be read, each value is the
    shortest the rest can follow. Nothing for words `edit` does not write (a removal's,
    a party's rename, an entry written by hand otherwise)."""
    found = _pieces(detail, 0, frozenset(), {})
    return {} if found is None else {name: FieldSaid(detail, spans) for name, spans in found}


_Spans = tuple[tuple[int, int], tuple[int, int]]


def _pieces(
    detail: str,
    at: int,
    seen: frozenset[str],
    memo: dict[tuple[int, frozenset[str]], tuple[tuple[str, _Spans], ...] | None],
) -> tuple[tuple[str, _Spans], ...] | None:
    """The field pieces of `detail` from `at` to its end (`edit_pieces`), none of `seen`;
    None when what is there is not pieces `edit` writes. (`seen` holds '' once a source
    piece is read: only sources follow it.)"""
    key = (at, seen)
    if key not in memo:
        memo[key] = None  # (no piece is empty: a parse never comes back to `at`)
        memo[key] = _read_pieces(detail, at, seen, memo)
    return memo[key]


def _read_pieces(
    detail: str,
    at: int,
    seen: frozenset[str],
    memo: dict[tuple[int, frozenset[str]], tuple[tuple[str, _Spans], ...] | None],
) -> tuple[tuple[str, _Spans], ...] | None:
    def rest(end: int, now: frozenset[str]) -> tuple[tuple[str, _Spans], ...] | None:
        if end == len(detail):
            return ()
        if detail.startswith("; ", end):
            return _pieces(detail, end + 2, now, memo)
        return None

    source = _SOURCE_PIECE.match(detail, at)
    if source is not None:  # (a source is any text: it ends where a piece may follow)
        ends = [i for i in range(source.end(), len(detail)) if detail.startswith("; ", i)]
        for end in [*ends, len(detail)]:
            found = rest(end, seen | {""})
            if found is not None:
                return found
        return None
    named = _FIELD_NAME.match(detail, at)
    if named is None or named.group(1) in seen or "" in seen:
        return None
    name = named.group(1)
    for before in _values(detail, named.end()):
        if not detail.startswith(" -> ", before[1]):
            continue
        for after in _values(detail, before[1] + 4):
            found = rest(after[1], seen | {name})
            if found is not None:
                return ((name, (before, after)), *found)
    return None


def _values(detail: str, at: int) -> Iterator[tuple[int, int]]:
    """Each way a value shown in an edit may run from `at` (start, end), shortest first:
    '(none)', a count's digits (`changes.shown`; one an earlier dprk wrote is quoted), a
    day written plainly (2007-07-09, by hand: read as the same day quoted, `field_value`),
    or a quote to each quote after it."""
    if detail.startswith(_NONE, at):
        yield at, at + len(_NONE)
    elif at < len(detail) and detail[at] in _DIGITS:
        end = at
        while end < len(detail) and detail[end] in _DIGITS:
            end += 1
        yield at, end
        day = _PLAIN_DAY.match(detail, at)
        if day is not None:
            yield at, day.end()
    elif detail.startswith("'", at):
        end = detail.find("'", at + 1)
        while end >= 0:
            yield at, end + 1
            end = detail.find("'", end + 1)


_PLAIN_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # (a day an edit written by hand gave)
_NEXT_SOURCE = re.compile("; source (?:added|removed): ")


def edit_sources(detail: str) -> list[tuple[str, bool]]:
    """The sources an edit's detail shows removed or added ('source removed: X',
    'source added: Y', after the fields' pieces: `changes.edit` writes them so), in the
    order shown, each with True when added. A source runs up to the next such piece (one
    holding '; source added: ' itself is read as two). Nothing for words `edit` does
    not write."""
    pieces = edit_pieces(detail)
    at = max((said.end(2) for said in pieces.values()), default=0)
    if pieces and detail.startswith("; ", at):
        at += 2
    found = []
    piece = _SOURCE_PIECE.match(detail, at)
    while piece is not None:
        after = _NEXT_SOURCE.search(detail, piece.end())
        end = len(detail) if after is None else after.start()
        found.append((detail[piece.end() : end], piece.group(0) == "source added: "))
        piece = None if after is None else _SOURCE_PIECE.match(detail, end + 2)
    return found


def field_said(detail: str, name: str) -> FieldSaid | None:
    """Where an edit's detail shows the change of field `name` (`edit_pieces`); None when
    it shows none."""
    if f"{name}: " not in detail:  # (most entries, at once)
        return None
    return edit_pieces(detail).get(name)


def edit_words_key(detail: str) -> str:
    """An edit's words without the values it shows before each dated field's change: what
    one edit is known by in a merge (`changes.edits_in_order` rewrites those values when
    an edit dated before it is recorded later)."""
    pieces = edit_pieces(detail)
    dated = [pieces[name] for name in DATED_FIELDS if name in pieces]
    for said in sorted(dated, key=lambda p: p.start(1), reverse=True):  # (from the end)
        detail = detail[: said.start(1)] + "..." + detail[said.end(1) :]
    return detail


def field_changes(m: Measure, name: str) -> list[tuple[HistoryEntry, str, str]]:
    """`m`'s edits of dated field `name` in replay order, each with the values it shows
    (before, after)."""
    found = []
    for h in m.history:
        if h.event == "edit" and f"{name}: " in h.detail:
            said = field_said(h.detail, name)
            if said is not None:
                found.append((h, said.group(1), said.group(2)))
    return found


def field_in_force(
    m: Measure, name: str, *, sole: bool = False
) -> tuple[HistoryEntry, Any, str | None] | None:
    """Dated field `name` of `m` as the edit of it dated last set it: that edit, the value
    read back (`dated_value`), and the value as the edit shows it (`field_value`); None
    when no edit of it is on record, or its words give no value (a deadline that is no
    date, written by hand). With `sole`, None too when another edit of it has that last
    day (two sides of a merge each dated one: neither is last). Whether an actor or a
    larger measure it names is still in the ledger is for the rules to ask
    (`rules.in_force_known`)."""
    found = field_changes(m, name)
    if not found:
        return None
    latest, _, after = found[-1]
    if sole and len(found) > 1 and found[-2][0].date == latest.date:
        return None
    text = field_value(after)
    try:
        return latest, dated_value(name, text), text
    except ValueError:
        return None


def unlike_history(m: Measure) -> tuple[Unlike, ...]:
    """`m`'s dated fields whose stored value is not the one in force by its history
    (`field_in_force`: a hand edit of the file, or a merge), each as `Unlike`; then its
    exchange links its own changes of them leave otherwise than `in_exchange_for` holds
    them (`links_in_force`), each as an `Unlike` of `LINKS` whose value is the other
    measure's id (its history links them where the field lists it not, or ends the link
    where the field lists it), by that id; then its orders so (`orders_unlike`), each as
    an `Unlike` of `ORDERS`; then its creation recorded without a date, when stored on
    another day than its events date it by (`effective_creation`), as an `Unlike` of
    `CREATED`: every read dates it so (`store.snapshots.Snapshot.standing`), as every
    write does (`draft.settle`)."""
    edited = exchanged = False
    created: HistoryEntry | None = None
    for h in m.history:
        if h.event == "edit":
            edited = True
        elif h.event == "exchange":
            exchanged = True
        elif h.event == CREATED and created is None:
            created = h
    found = []
    for name in DATED_FIELDS if edited else ():
        given = field_in_force(m, name)
        if given is not None and given[1] != getattr(m, name):
            found.append(Unlike(name, given[0].date, given[2]))
    if exchanged:
        links = links_in_force(m)
        for other in sorted(links):
            entry, linked = links[other]
            if other != m.id and linked != (other in m.in_exchange_for):
                found.append(Unlike(LINKS, entry.date, other))
    found.extend(orders_unlike(m))
    if created is not None and created.undated:
        day = effective_creation(m)
        if day is not None and day != created.date:
            found.append(Unlike(CREATED, day, created.date.isoformat()))
    return tuple(found)


# --- exchange links: what their changes say -------------------------------------------

# An `exchange` entry's detail, as `changes.link_exchange` and `changes.unlink_exchange`
# write it: the other measure's id (group 2), and whether the change ended the link
# (group 1).
EXCHANGE_DETAIL = re.compile(r"^(no longer )?in exchange for (" + ID_PATTERN + r")$")
# The field a link's `Unlike` is of (its value: the other measure's id).
LINKS = "in_exchange_for"


def exchanged_with(h: HistoryEntry) -> str | None:
    """The other measure an `exchange` entry is about (None for any other entry)."""
    return linked_in("exchange", h.detail) if h.event == "exchange" else None


def linked_in(event: str, detail: str) -> str | None:
    """The other measure an entry of `event` (exchange, sequence) names in its `detail`
    (None for an entry of another event, or words that name none)."""
    pattern = EXCHANGE_DETAIL if event == "exchange" else SEQUENCE_DETAIL
    said = pattern.match(detail) if event in ("exchange", "sequence") else None
    return said.group(2) if said is not None else None


def linked_by(h: HistoryEntry) -> bool:
    """Whether `h` is an `exchange` entry that made its link (not one that ended it)."""
    said = EXCHANGE_DETAIL.match(h.detail) if h.event == "exchange" else None
    return said is not None and said.group(1) is None


def links_in_force(m: Measure) -> dict[str, tuple[HistoryEntry, bool]]:
    """What `m`'s own changes of its exchange links leave in force: for each other
    measure its history links to or unlinks from, the latest of those changes in replay
    order, and whether it linked them. (Each end of a link records its changes; a
    measure added with `--in-exchange-for` has its creation for its record of that
    link, and holds no change of it.)"""
    found: dict[str, tuple[HistoryEntry, bool]] = {}
    for h in m.history:
        said = EXCHANGE_DETAIL.match(h.detail) if h.event == "exchange" else None
        if said is None:
            continue
        other = said.group(2)
        was = found.get(other)
        # (in one second, in the order of the list: every sort of a history is stable)
        if was is None or h.sort_key() >= was[0].sort_key():
            found[other] = (h, said.group(1) is None)
    return found


# --- orders: what changes of order say --------------------------------------------------


ORDERS = "constraints"  # (what an order stored unlike its history is, as `Unlike` names it)

# A `sequence` entry's detail, as `changes.add_constraint` and `changes.remove_constraint`
# write it: the other measure's id follows 'after ' or 'together with ' (an id holds no
# space), and what it replaced ends it in ' (was: ...)'.
SEQUENCE_DETAIL = re.compile(r"^(removed: )?(?:after|together with) (" + ID_PATTERN + r")(?=$| |,)")
ORDER_REPLACED = " (was: "  # (no party's name holds it: `rules.new_party_problem`)
ORDER_WAS = re.compile(r" \(was: .*\)$")
ORDER_WAS_THEN = re.compile(r" \(was: (.*)\)$")
# What a `sequence` entry set, read back: 'after ID[ (verified[ by VERIFIER])| (in
# full)][, demanded by PARTY]' or 'together with ID' (`changes.constraint_text`); what it
# replaced, from ' (was: ...)'.
_ORDER_SET = re.compile(
    r"^(?:after (" + ID_PATTERN + r")(?: \((verified)(?: by (.+?))?\)| \((in full)\))?"
    r"(?:, demanded by (.+))?|together with (" + ID_PATTERN + r"))$"
)


class OrderSaid(NamedTuple):
    """An order as a change of order says it (`order_said`): a `model.Constraint`'s
    fields, as the replay compares them, without building one."""

    after: str | None
    with_: str | None
    require: Require
    demanded_by: str | None
    verified_by: str | None = None

    @property
    def other(self) -> str:
        return self.after if self.after is not None else (self.with_ or "")


def order_said(text: str) -> OrderSaid | None:
    """The order `changes.constraint_text` wrote as `text`; None when it is not one."""
    said = _ORDER_SET.match(text)
    if said is None:
        return None
    after, verified, verifier, full, party, together = said.groups()
    if together is not None:
        return OrderSaid(None, together, Require.acted, None)
    require = Require.verified if verified else Require.full if full else Require.acted
    return OrderSaid(after, None, require, party, verifier)


def orders_unlike(m: Measure) -> list[Unlike]:
    """`m`'s orders stored unlike the one its change of order dated last (the latest in
    replay order) set toward the same measure, as `Unlike` (`ORDERS`), in the other's id
    order: an order its history gives that the file does not hold, one it holds that
    its history removed, or another (a demanding party dropped, say). A measure with no
    change of order toward another holds there the order it was given when it was
    added, or none; a change that cannot be read back, two orders toward one measure
    (`rules.repeated_links` names them), or an order demanded by a party whose name
    holds `ORDER_REPLACED` (written by hand: its entries are read back as ending there;
    `rules.party_list_problems` names the party, and its rename mends them), are not
    judged here."""
    last: dict[str, tuple[HistoryEntry, bool]] = {}
    for h in m.history:
        if h.event == "sequence":
            said = SEQUENCE_DETAIL.match(h.detail)
            if said is not None:
                last[said.group(2)] = (h, said.group(1) is None)
    found = []
    for other in sorted(last):
        h, sets = last[other]
        held = [c for c in m.constraints if c.other == other]
        if len(held) > 1 or (held and ORDER_REPLACED in (held[0].demanded_by or "")):
            continue  # (demanded by a name holding those words: not read back, see above)
        words = ORDER_WAS.sub("", h.detail) if sets else None
        given = order_said(words) if words is not None else None
        if words is not None and given is None:
            continue
        stored = OrderSaid(*(getattr(held[0], key) for key in OrderSaid._fields)) if held else None
        if stored != given:
            found.append(Unlike(ORDERS, h.date, words, other))
    return found


def field_value(text: str) -> str | None:
    """A value as an edit shows it, read back: None for '(none)'; a quoted one without its
    quotes; a day written plainly by hand (`_values`) as it is."""
    if text == _NONE:
        return None
    return text[1:-1] if text.startswith("'") else text


def dated_value(name: str, said: str | None) -> Any:
    """Dated field `name`'s value, as `field_value` read it: a deadline as a date
    (ValueError when it is none), the others as they read."""
    return date.fromisoformat(said) if said is not None and name == "deadline" else said


def part_runs(m: Measure) -> tuple[tuple[date, str | None], ...]:
    """What `m` was a part of over time, from its edits of `part_of`: the value before the
    first edit (from `date.min`), then each edit's day and the value it set; () when no
    edit changed it (it has been as it stands since it was made). An edit that corrects
    it from its start (`from_its_start`) sets the value from `date.min`: the one it
    replaced held on no day. The one reader of what a measure was a part of on a day
    (`Life.within`, `changes.fields_on`)."""
    edits = field_changes(m, "part_of")
    if not edits:
        return ()
    runs = [(date.min, field_value(edits[0][1]))]
    for h, _, after in edits:
        if from_its_start(m, h):  # (those come first: dated on its first day or before)
            runs[-1] = (date.min, field_value(after))
        else:
            runs.append((h.date, field_value(after)))
    return tuple(runs)


def from_its_start(m: Measure, h: HistoryEntry) -> bool:
    """Whether `h`, an edit of what `m` is a part of, corrects the record from the
    measure's start rather than moves it on its day: dated on the day its dated creation
    holds (the day it was added with `--date`) or before. A part taken out of a whole on
    the day it was added as one (`edit --no-part-of --date` of that day) was never a part
    of it, and one put in then always was, however far back a step found later dates the
    measure (`overtaken_creation`: its creation keeps its day). A measure added without
    a date is dated by its events, which move: an edit of it keeps its own day, but for
    one given no date either (dated the day it was made) on the day it was added: taken
    out then, it was never a part, as with both dated so."""
    created = next((x for x in m.history if x.event == CREATED), None)
    if created is None:
        return False
    if created.undated:  # (the day it was added: when its entry was made, as the edit's)
        made = h.recorded.date()
        return made == created.recorded.date() and h.date >= made
    return h.date <= created.date


def former_wholes(runs: Iterable[tuple[date, str | None]], whole: str | None) -> tuple[str, ...]:
    """The measures `runs` (`part_runs`) name, other than `whole`, in id order."""
    return tuple(sorted({w for _, w in runs if w is not None and w != whole}))


def was_part_of(m: Measure) -> tuple[str, ...]:
    """The measures `m` was a part of on some day and is not now (`MeasureIndex.former_parts`)."""
    return former_wholes(part_runs(m), m.part_of)


def wholes_over_time(index: Mapping[str, Measure], ident: str) -> list[str]:
    """The measures whose dates `ident`'s life can move: those it is a part of now or was
    a part of on some day, and theirs in turn, nearest first (a cycle followed once)."""
    found: list[str] = []
    seen = {ident}
    todo = [ident]
    while todo:
        m = index.get(todo.pop(0))
        if m is None:
            continue
        for whole in (m.part_of, *was_part_of(m)):
            if whole is not None and whole not in seen:
                seen.add(whole)
                found.append(whole)
                todo.append(whole)
    return found


def hand_made_start(m: Measure) -> State:
    """Where a measure written by hand without a history started: its status and extent,
    but one its findings gave (verified, disputed) was carried out first, and they made
    it so. Its replay starts there, and so does the history a first write gives it
    (`changes.as_created`)."""
    start = m.status
    if start in (Status.verified, Status.disputed) and m.verifications:
        start = Status.implemented
    return State(start, m.extent)


def replay(m: Measure) -> Life:
    """Replay `m`'s history under the rules of a measure's life (see the module text)."""
    if not m.history and not m.verifications:
        unfounded: list[LifeProblem] = []
        if m.status in (Status.verified, Status.disputed):  # (written so by hand)
            unfounded.append(
                LifeProblem(
                    TRANSITIONS,
                    f"status '{m.status.value}' has no verifier's finding behind it: "
                    "verified and disputed come only from one (set status = "
                    f"\"implemented\" in the file, then 'dprk verify {m.id} --by VERIFIER')",
                    None,
                )
            )
        return Life(None, [], unfounded, State(m.status, m.extent), expected_parts=m.expected_parts)
    overtaken = overtaken_creation(m)
    pairs = sorted(
        match_verifications(m), key=partial(_order, overtaken, opening_step(m, overtaken))
    )
    creation = pairs[0][0] if pairs[0][0] is not None and pairs[0][0].event == CREATED else None
    # (overtaken, it is dated by its first step, as `effective_creation` would find again)
    created = first_step(m, overtaken) if overtaken is not None else effective_creation(m)
    dated = (creation is not None and not creation.undated) or overtaken is not None
    problems: list[LifeProblem] = []
    if m.history and not any(h.event == CREATED for h in m.history):
        problems.append(_no_creation(m))
    steps: list[Step] = []
    # A hand-made measure with findings but no history starts where its fields say, its
    # findings aside (`hand_made_start`): as the history a first write gives it says.
    state = hand_made_start(m) if not m.history else State(Status.proposed, Extent.not_initiated)
    # The events are put in words only for a problem's message (most histories have none).
    setter: tuple[HistoryEntry | None, Verification | None, date | None] = (None, None, None)
    set_on = date.min  # the day of the event that set the state (`setter`)
    # (whether that event was a step out of order on a measure that had acted, its own
    # problem: a finding after it finds a measure that acted before it, and is no
    # problem of its own until that one is mended)
    astray = False
    first = ""  # the first event, in words
    below = 0  # a step of the creation's day that ranks below this replays before it
    unentered: tuple[Verification, int] | None = None  # (a finding with no entry: below)
    misdated = _misdated(pairs)  # (a record whose date alone is not its entry's: one problem)
    seen: set[tuple[str, Result, date]] = set()  # (the findings replayed, to find one twice)
    opening = _opening(pairs, overtaken)  # (the entry that begins its life, if one does)
    for index, (entry, v) in enumerate(pairs):
        if unentered is not None:
            _unentered(m, problems, *unentered)
            unentered = None
        when = entry.date if entry is not None else v.date  # type: ignore[union-attr]
        if v is not None and entry is not None:
            key = (" ".join(v.by.casefold().split()), v.result, v.date)
            if key in seen:
                problems.append(_found_twice(m, entry, v))
            seen.add(key)
        if index == 0 and entry is not None and entry is opening:
            # (before an overtaken creation, a reversal or a finding finds a measure yet to
            # act, and an entry that is no step comes before the measure began)
            # (an undated creation takes its day; a dated one keeps its own, also when a
            # second creation written by hand comes first in the file)
            when = created if entry is creation and created is not None and entry.undated else when
            start = entry.status or Status.proposed
            if start in (Status.verified, Status.disputed):
                problems.append(
                    LifeProblem(
                        TRANSITIONS,
                        f"{describe_entry(entry, v)}: verified and disputed come only from a "
                        "verifier's finding "
                        f"(record it as implemented, then 'dprk verify {m.id} --by VERIFIER')",
                        entry,
                    )
                )
            state = State(start, entry.extent or default_extent(start))
            steps.append(Step(when, entry, None, state, True))
            below = DAY_RANK[start] if entry is creation else 0
            setter, set_on = (entry, v, when if entry is creation else None), when
            first = _said(*setter)
            if start == Status.reversed and entry is creation and dated:
                # (added as reversed on a day, as if added that day and marked so: the
                # action it undoes is the step still to record, a gap until it is; one
                # dated before the creation overtakes it, `overtaken_creation`)
                problems.append(
                    LifeProblem(
                        MISSING_STEPS,
                        f"{first}: nothing on record has it carried out before it: record "
                        f"when it was, on or before {when} ('dprk mark {m.id} implemented "
                        "--date YYYY-MM-DD')",
                        entry,
                    )
                )
            continue
        if entry is not None and entry.event == CREATED and entry is not overtaken:
            # A measure is created once: a second creation (the same id added on two
            # git branches, or by hand) is no change of state, and is reported.
            problems.append(
                LifeProblem(
                    TRANSITIONS,
                    f"{describe_entry(entry, None)} follows {first}: a measure is "
                    f"created once; keep one of the two creations ('dprk log {m.id}' lists "
                    "them; remove the other from the file)",
                    entry,
                )
            )
            steps.append(Step(when, entry, v, state, False))
            continue
        if (
            below
            and entry is not None
            and entry.event != VERIFICATION
            and entry.status is not None
            and when == steps[0].date
            and DAY_RANK[entry.status] < below
        ):
            # Created with a status, as if created that day and marked so: an earlier step
            # of a measure's life on that day replays before it (`vocab.DAY_RANK`).
            steps.append(Step(when, entry, v, state, False))
            continue
        if (
            entry is None
            and v is not None
            and m.history
            and all(v is not w for w in misdated.values())
        ):
            # (a measure written by hand with no history at all is given an entry for each
            # finding by its first change: `changes.as_created`; said once the event is
            # replayed, unless it has a problem of its own, which is the one to say)
            unentered = (v, len(problems))
        if entry is not None and id(entry) in misdated:
            problems.append(_misdated_problem(entry, misdated[id(entry)]))
        elif entry is not None and entry.event == VERIFICATION and v is None:
            copied = any(  # (an entry copied by hand beside its finding's own)
                h is not None
                and h is not entry
                and w is not None
                and (h.event, h.date, h.detail) == (VERIFICATION, entry.date, entry.detail)
                for h, w in pairs
            )
            problems.append(
                LifeProblem(
                    FINDING_RECORDS,
                    f"the finding '{entry.detail}' of {entry.date} is in its history twice, "
                    "its record once (a copy made by hand); drop the copy with "
                    f"{drop_advice(m, entry, 'drop-finding')} ('dprk log {m.id}' numbers the "
                    "entries)"
                    if copied
                    else f"the finding '{entry.detail}' of {entry.date} in its history has "
                    "no record under its verifications (removed or changed by hand); restore "
                    "it in the file (a finding's record says who found what: by, result, "
                    "date)",
                    entry,
                )
            )
        early = (
            dated
            and created is not None
            and when < created
            and (entry is None or not correction(entry))  # (a correction's day dates nothing)
        )
        if early:  # the one problem of this event: what follows from it is moot
            problems.append(
                LifeProblem(
                    CONTRADICTING_DATES,
                    f"{describe_entry(entry, v)} comes before its creation on {created}"
                    + (  # (its first step: the creation entry is dated later)
                        f" (its first step on record; it was added as {overtaken.status} on "
                        f"{overtaken.date})"
                        if overtaken is not None
                        else ""
                    )
                    + (
                        _step_first(m, entry, steps[0])
                        if steps
                        else "; correct one of the two dates " + _redate_either(m, entry, None)
                    ),
                    entry,
                )
            )
        elif entry is not None and created is not None and when < created:
            made = correction_before_creation(m, entry)  # (a correction, the one rule)
            if made is not None:
                problems.append(
                    LifeProblem(CONTRADICTING_DATES, _made_later(m, entry, made), entry)
                )
        new, reason = _apply(state, entry, v)
        if reason is not None and not early:
            if v is not None or (entry is not None and entry.event == VERIFICATION):
                # (a partial finding: made of parts that day, the measure is judged by them)
                partial_on = when if _partial(Step(when, entry, v, state, False)) else None
                # (the first event after it that makes the measure act, looked for only
                # here: most histories have no problem)
                ahead = pairs[index + 1 :]
                later = _acts_at_some_point(ahead)
                # (before a creation it overtook, still to replay, a finding on a measure
                # yet to act finds nothing and moves nothing: the creation is judged on the
                # state it comes to, not on one that no action gave)
                unmade = overtaken is not None and any(e is overtaken for e, _ in ahead)
                if unmade:
                    new = state
                if state.status == Status.reversed:
                    problems.append(
                        LifeProblem(
                            WITHOUT_ACTION,
                            f"{describe_entry(entry, v)} is a finding on a measure reversed by "
                            f"then ({_said(*setter)}); correct one of the two dates, or drop "
                            f"the finding ('dprk log {m.id}' numbers the entries, 'dprk "
                            "drop-finding' drops one)",
                            entry,
                            partial_on,
                        )
                    )
                elif later is not None:
                    # (an action on or before the finding, before a creation it may not
                    # come before, as agreed, is refused, and one before a step between
                    # the two that may not follow an action, as agreed again, is out of
                    # order: neither is advised; nor a day before a step on or before the
                    # finding, its dated creation too, even one that changed nothing)
                    blocked = _action_refused_before(overtaken, later, when, ahead)
                    problems.append(
                        LifeProblem(
                            CONTRADICTING_DATES,
                            f"{describe_entry(entry, v)} comes before the measure acted "
                            f"({describe_entry(later, None)}); correct one of the two dates"
                            + (
                                f" ('dprk log {m.id}' numbers the entries, 'dprk redate' "
                                "corrects one)"
                                if blocked
                                else ", or, had it acted before the finding, record that "
                                f"first ('dprk mark {m.id} implemented{_as_far(later)} --date "
                                f"YYYY-MM-DD', {_action_days(m, when)})"
                            ),
                            entry,
                            partial_on,
                        )
                    )
                elif astray:
                    # (the step before it, out of order, is the problem to mend: advised
                    # to record the action or drop the finding, neither of which mends it)
                    pass
                elif overtaken is not None and unmade and setter[:2] == (None, None):
                    # (nothing on record before it: the measure was not there yet, and an
                    # action dated before its creation, as agreed, would be refused too;
                    # the dates are what to correct)
                    problems.append(
                        LifeProblem(
                            WITHOUT_ACTION,
                            f"{describe_entry(entry, v)} is a finding on a measure that has not "
                            "acted, dated before its creation "
                            f"({describe_entry(overtaken, None)}); correct one of the two dates "
                            f"{_redate_either(m, entry, overtaken)}, or drop the finding "
                            f"({drop_advice(m, entry, 'drop-finding')})",
                            entry,
                            partial_on,
                        )
                    )
                else:
                    problems.append(
                        LifeProblem(
                            WITHOUT_ACTION,
                            f"{describe_entry(entry, v)} is a finding on a measure that has not "
                            "acted (it is "
                            f"{state.status.value} then); record the action first with "
                            f"'dprk mark {m.id} implemented --date YYYY-MM-DD', or drop the "
                            f"finding ({drop_advice(m, entry, 'drop-finding')})",
                            entry,
                            partial_on,
                        )
                    )
            else:
                said, kind = (
                    f"{_said(*setter)} comes before {describe_entry(entry, v)}",
                    TRANSITIONS,
                )
                missing = _missing_step(setter[0], entry, state.status, m.id)
                if (unseen := _step_unseen(state.status, entry)) is not None:
                    undated = setter[0] is creation and creation is not None and creation.undated
                    until = when if undated or not steps else None
                    if not steps:  # (the first step on record, before an overtaken creation)
                        said = f"{describe_entry(entry, v)} is the first step on record"
                    reason = missing = _gap(
                        state.status, unseen, m.id, until, not steps, (set_on, when)
                    ) + (
                        "; one dropped before it was carried out is withdrawn ("
                        f"{drop_advice(m, entry)}, then 'dprk mark {m.id} withdrawn --date "
                        f"{when}')"
                        if unseen == Status.reversed
                        # (a withdrawal cannot come before a creation as reversed)
                        and not (overtaken is not None and overtaken.status == Status.reversed)
                        else ""
                    )
                elif overtaken is not None and entry is overtaken:  # (after a step that acted)
                    said = f"{_said(*setter)} comes before its creation as {overtaken.status}"
                    said, kind = f"{said} on {when}", CONTRADICTING_DATES
                    if overtaken.status == Status.reversed:
                        why = (
                            "only a measure that has acted can be reversed, and a "
                            f"{state.status} one has not"
                        )
                    elif overtaken.status in CLOSED and state.status not in PENDING:
                        why = (
                            f"only a pending measure can be {overtaken.status}, and a "
                            f"{state.status} one is not (unless offered again between)"
                        )
                    else:
                        why = f"a measure that has acted is not {overtaken.status} after"
                    reason = (
                        f"{why}; correct one of the two dates "
                        f"{_redate_either(m, setter[0], overtaken)}"
                    )
                    # (the creation says how the measure stood by its day, which the step
                    # dated before it contradicts: no step of its own, it moves nothing,
                    # and the contradiction is the one problem, as an entry dated before
                    # a creation as proposed is; taken as a step back, it had the measure
                    # undone on its day, which no entry says)
                    new = state
                elif _offered_on_its_reversal(state.status, entry, pairs[index + 1 :], when):
                    reason = (
                        "an offer made again on the day of the reversal replays before it "
                        "(the steps of a day replay in the order a measure's life runs), and "
                        "a measure that has acted cannot be pending again: date the offer "
                        "the next day"
                    )
                elif missing is not None:
                    apart = (
                        setter[0] is None or entry is None or entry.recorded < setter[0].recorded
                    )
                    found = "which was recorded first" if apart else "both recorded in one second"
                    said, reason = f"{said}, {found}", missing
                problems.append(
                    LifeProblem(
                        kind if missing is None else MISSING_STEPS, f"{said}: {reason}", entry
                    )
                )
        elif (
            reason is None and not early and setter[0] and (again := _ended_again(state, entry, v))
        ):
            # (reversed after reversed, withdrawn after withdrawn: what came between, an
            # action or an offer made again, is yet to be found; a gap, whatever order
            # the two were recorded in)
            problems.append(
                LifeProblem(
                    MISSING_STEPS,
                    f"{_said(*setter)} comes before {describe_entry(entry, v)}: "
                    f"{_gap(state.status, again, m.id, days=(set_on, when))}, or drop the one "
                    "recorded "
                    f"twice ({drop_advice(m, entry)})",
                    entry,
                )
            )
        changed = new != state
        steps.append(Step(when, entry, v, new, changed))
        if changed:
            setter, set_on = (entry, v, None), when
            astray = (
                reason is not None
                and not early
                and v is None
                and (entry is None or entry.event != VERIFICATION)
                and state.status in ACTED
            )
        state = new
    # (a creation an earlier step overtook was given a date, though it does not replay
    # first: `overtaken_creation`; a measure written without one has none)
    undated = overtaken is None and (creation is None or creation.undated)
    if unentered is not None:
        _unentered(m, problems, *unentered)
    partial_found = tuple(
        (s.date, describe_entry(s.entry, s.verification), drop_advice(m, s.entry, "drop-finding"))
        for s in steps
        if _found(s) and _partial(s)
    )
    return Life(
        created,
        steps,
        problems,
        state,
        part_runs(m),
        undated,
        unlike_history(m),
        expected_parts=m.expected_parts,
        partial_found=partial_found,
    )


def _no_creation(m: Measure) -> LifeProblem:
    """The problem of `m`, whose history has entries but no creation (removed by hand, or
    by a merge): it is replayed from its earliest entry, as if made that day at that
    entry's status. Its words name no day, so that a change that records an earlier
    entry (which dates it anew) is not taken to make the problem (`rules.new_problems`).
    No command writes a creation back: one with no history at all is given one by its
    first change (`changes.as_created`), a history that lost its own is mended by hand."""
    return LifeProblem(
        TRANSITIONS,
        'its history has no creation (the entry of event "created", one per measure); its '
        f"earliest entry ('dprk log {m.id}' lists it first) is taken for the day it was "
        "made and the status it began at, so it did not stand before that day; no "
        "command writes a creation back: put it in the file again, as the first of its "
        '[[measures.history]] tables (date, event = "created", status, detail, recorded; '
        "the file's earlier version in git has it)",
    )


# (the words that tell this problem from the other of `FINDING_RECORDS`, an entry without
# its record: a light life, `Life.light`, keeps a problem's words, not its entry)
_UNENTERED = "under its verifications has no entry in its history"
# (the words of a record whose date alone was changed by hand, which `dprk check` follows
# with the record's line in the file: `analysis.checks.CheckResult.located`)
MISDATED = "its record under its verifications is dated"


def unentered(p: LifeProblem) -> bool:
    """Whether `p` is of a finding written by hand without its history entry
    (`_unentered`), or with its entry's date changed (`_misdated_problem`): the record, not
    the status it leaves, is the one to mend."""
    return p.check == FINDING_RECORDS and (_UNENTERED in p.message or MISDATED in p.message)


def _misdated(
    pairs: Sequence[tuple[HistoryEntry | None, Verification | None]],
) -> dict[int, Verification]:
    """The findings whose entry and record differ in their date alone (a date mistyped
    by hand in the file): by the id() of each such entry, its record. `match_verifications`
    pairs an entry with a record of its day alone, so each is left without the other; one
    unmatched on each side, naming the same verifier and result, is one finding."""
    entries = [h for h, v in pairs if h is not None and h.event == VERIFICATION and v is None]
    records = [v for h, v in pairs if h is None and v is not None]
    if not entries or not records:
        return {}

    def alike(h: HistoryEntry, v: Verification) -> bool:
        return any(_names(h.detail, v, exact) for exact in (True, False, None))

    found = {}
    for h in entries:
        named = [v for v in records if alike(h, v)]
        if len(named) == 1 and sum(alike(e, named[0]) for e in entries) == 1:
            found[id(h)] = named[0]
    return found


def misdated_records(m: Measure) -> list[Verification]:
    """The records of `m`'s findings whose date alone a hand edit changed (`_misdated`),
    each of which the replay says with the day to write (`_misdated_problem`, a
    `finding-records` error): all but one whose entry is the first step of a history
    without its creation, which that entry begins (`_opening`)."""
    overtaken = overtaken_creation(m)
    pairs = sorted(
        match_verifications(m), key=partial(_order, overtaken, opening_step(m, overtaken))
    )
    found = _misdated(pairs)
    opening = _opening(pairs, overtaken) if found else None
    if opening is not None:
        found.pop(id(opening), None)
    return list(found.values())


def _opening(
    pairs: Sequence[tuple[HistoryEntry | None, Verification | None]],
    overtaken: HistoryEntry | None,
) -> HistoryEntry | None:
    """The entry replayed first (`pairs`, in the replay's order) when it begins the
    measure's life as its first step: the creation, or the earliest entry of a history
    without one, or an entry that can begin a life before the creation it overtook
    (`_begins`); None when none does (the replay and `misdated_records` ask it alike)."""
    if not pairs:
        return None
    entry, v = pairs[0]
    if entry is None or not (overtaken is None or _begins(entry, v)):
        return None
    return entry


def _misdated_problem(entry: HistoryEntry, v: Verification) -> LifeProblem:
    """The problem of finding `entry`, whose record `v` has another date (`_misdated`):
    one finding, dated by its entry (`dprk log` lists it so, and dprk writes both alike)."""
    return LifeProblem(
        FINDING_RECORDS,
        f"the finding '{entry.detail}' of {entry.date} in its history: {MISDATED} {v.date}, "
        f"changed by hand; correct that date in the file to {entry.date}, its entry's",
        entry,
    )


def _unentered(m: Measure, problems: list[LifeProblem], v: Verification, before: int) -> None:
    """Say that finding `v` of `m` has no history entry, if replaying it found no other
    problem (`problems` held `before` then)."""
    if len(problems) > before:
        return
    said = finding_text(v.result, v.by)
    if sum(w == v for w in m.verifications) > 1:  # (its record copied by hand, not its entry)
        problems.append(
            LifeProblem(
                FINDING_RECORDS,
                f"the finding {said!r} of {v.date} is under its verifications twice, in its "
                "history once (a copy made by hand); delete one of the two from the file's "
                "verifications",
            )
        )
        return
    problems.append(
        LifeProblem(
            FINDING_RECORDS,
            f"the finding {said!r} of {v.date} {_UNENTERED} (added by hand): 'dprk log' "
            "does not list it, nor can 'dprk "
            f"drop-finding' reach it; remove it from the file and record it with 'dprk verify "
            f"{m.id} --by {shell_word(v.by)} --result {v.result.value} --date {v.date}', or "
            f'give it its entry in the file (event = "verification", detail = "{said}", '
            f"date = {v.date}, and recorded: the time it is written, in UTC), and the "
            "measure the status that finding gives it",
        )
    )


def _found_twice(m: Measure, entry: HistoryEntry, v: Verification) -> LifeProblem:
    """The problem of finding `v` (with its `entry`) recorded again: a hand edit, or two
    copies of one file merged (`verify` refuses a finding given again)."""
    return LifeProblem(
        FINDING_RECORDS,
        f"{describe_entry(entry, v)} is on record twice (a copy made by hand, or by a "
        f"merge); drop one with {drop_advice(m, entry, 'drop-finding')} ('dprk log {m.id}' "
        "numbers the entries)",
        entry,
    )


def _begins(entry: HistoryEntry, v: Verification | None) -> bool:
    """Whether `entry`, the first event before a creation it overtook, can begin a
    measure's life: a step to a status a measure may first be recorded at (not a
    reversal, which says it had acted, nor a finding, nor an entry that is no step)."""
    if v is not None or entry.event == VERIFICATION or entry.status is None:
        return False
    return entry.status not in (Status.reversed, Status.verified, Status.disputed)


def _missing_step(
    setter: HistoryEntry | None, entry: HistoryEntry | None, before: Status, ident: str
) -> str | None:
    """What is missing between the step that set a state and a later one the rules do not
    let follow it, when the later one was recorded first: the record is being rebuilt
    after the fact (a re-offer of December found before the June action and November
    reversal it follows), and the step between is yet to be entered. None when the later
    step was recorded after the one before it (it contradicts what was on record then:
    refused, an error), or when no step can come between (a status only a verifier
    gives, a second creation). Two steps recorded in the same second (`recorded` is kept
    to the second: a script, a fixed SOURCE_DATE_EPOCH) may have been found in either
    order: a gap, not an error, whichever was typed first, as the file tells it; a
    command that records one knows it was found after those on record (`found_after`)."""
    if setter is None or entry is None or setter.event == CREATED:
        return None
    if entry.event == CREATED or entry.status in (None, Status.verified, Status.disputed):
        return None
    if entry.recorded > setter.recorded:
        return None
    return _gap(before, entry.status, ident, days=(setter.date, entry.date))


def _added_by(before: Measure, after: Measure) -> list[bool]:
    """For each entry of `after`'s history, whether the change from `before` added it (an
    entry it kept, its date or words corrected by a redate, is known by its kind and when
    it was recorded; so is one of a side's history that a merge kept in `before`'s
    conflict on its history, which settling it takes: recorded on that side, then)."""
    held: dict[tuple[Any, ...], int] = {}
    for h in before.history:
        key = (h.event, h.status, h.extent, h.recorded)
        held[key] = held.get(key, 0) + 1
    for side in _sides_in_conflict(before):
        found: dict[tuple[Any, ...], int] = {}
        for h in side:
            key = (h.event, h.status, h.extent, h.recorded)
            found[key] = found.get(key, 0) + 1
        for key, n in found.items():  # (an entry both sides hold is held once)
            held[key] = max(held.get(key, 0), n)
    added = []
    for h in after.history:
        key = (h.event, h.status, h.extent, h.recorded)
        if held.get(key, 0) > 0:
            held[key] -= 1
            added.append(False)
        else:
            added.append(True)
    return added


def _sides_in_conflict(m: Measure) -> list[list[HistoryEntry]]:
    """The two sides' histories a merge kept in `m`'s conflict on its history (as JSON,
    `analysis.merge`), as entries; none when it has no such conflict (or its record is
    damaged: `dprk resolve` says so)."""
    texts = [t for c in m.conflicts if c.field == "history" for t in (c.ours, c.theirs) if t]
    if not texts:
        return []
    import json

    from .model import HistoryEntry

    sides = []
    for text in texts:
        try:
            side = json.loads(text)["history"]
            sides.append([HistoryEntry.model_validate_json(json.dumps(h)) for h in side])
        except (ValueError, KeyError, TypeError):
            continue
    return sides


def recorded_in_order(
    before: Measure, after: Measure, kept: Callable[[HistoryEntry], bool] | None = None
) -> Measure:
    """`after`, a change of `before`, with each entry the change added recorded after the
    latest entry `before` held where the clock says earlier: a clock set back (a fixed
    SOURCE_DATE_EPOCH older than the file's entries) would write an entry the change
    found later as found first, and `check`, reading the file, would judge it otherwise
    than the change did; such an entry is written a second after that latest one (so
    that changes made under that clock keep their order). One of the same second as the
    latest stays so (a fixed time for every entry: found in either order). An entry
    `kept` says repeats one recorded before (a party's rename, whose entries on every
    measure are one rename by their time) keeps its time."""
    second = timedelta(seconds=1)

    def stamp(at: datetime, latest: datetime, n: int) -> datetime | None:
        return _after(latest, second, before.id) if at < latest else None

    return _restamped(before, after, stamp, kept)


def _after(latest: datetime, step: timedelta, ident: str) -> datetime:
    """`latest` + `step`: when an entry is recorded after one `latest` (an error naming the
    time, a typing mistake most likely, where no time comes after it)."""
    try:
        return latest + step
    except OverflowError:
        from .errors import DprkError

        raise DprkError(
            f"measure '{ident}' has an entry recorded on {latest.isoformat(sep=' ')}, the "
            "last time dprk can record, so no change can be recorded after it: a time typed "
            "wrong? correct that entry's recorded in the file"
        ) from None


def found_after(before: Measure, after: Measure) -> Measure:
    """`after`, a change of `before`, with each entry the change added recorded after
    every entry `before` held, as it was: the file keeps `recorded` to the second, so a
    step typed within the second of one on record (by a script, or under a fixed
    SOURCE_DATE_EPOCH) would read as found in either order, a gap (`_missing_step`),
    where typed a second later it contradicts the record, refused. The change knows
    which came first: its rules are asked of this measure, the file keeps `after`. An
    entry the change kept, its date or words corrected (a redate), is known by its kind
    and when it was recorded."""

    def stamp(at: datetime, latest: datetime, n: int) -> datetime | None:
        # (in order)
        return _after(latest, timedelta(microseconds=n), before.id) if at <= latest else None

    return _restamped(before, after, stamp)


def _restamped(
    before: Measure,
    after: Measure,
    stamp: Callable[[datetime, datetime, int], datetime | None],
    kept: Callable[[HistoryEntry], bool] | None = None,
) -> Measure:
    """`after`, a change of `before`, with each entry the change added (`_added_by`)
    recorded as `stamp` says of it (when it was recorded, the latest entry of `before`,
    and how many it moved so far, it included), where it says a time (not of one `kept`
    says keeps its own)."""
    if not before.history:
        return after
    # (in UTC, as every recorded time is read: `HistoryEntry._in_utc`)
    latest = max(h.recorded for h in before.history)
    history, moved = [], 0
    for h, new in zip(after.history, _added_by(before, after), strict=True):
        at = stamp(h.recorded, latest, moved + 1) if new and not (kept and kept(h)) else None
        if at is not None:
            moved += 1
            h = h.model_copy(update={"recorded": at})
        history.append(h)
    return after.model_copy(update={"history": history}) if moved else after


def _offered_on_its_reversal(
    before: Status,
    entry: HistoryEntry | None,
    after: list[tuple[HistoryEntry | None, Verification | None]],
    day: date,
) -> bool:
    """Whether `entry` offers again a measure that has acted, on the day it is reversed:
    the offer replays before the reversal (`vocab.DAY_RANK`), so it follows the action."""
    if entry is None or entry.status not in PENDING or before not in ACTED:
        return False
    return any(
        e is not None and e.date == day and e.status == Status.reversed and v is None
        for e, v in after
    )


def _step_unseen(before: Status, entry: HistoryEntry | None) -> Status | None:
    """The status `entry` gives, when it says a step came between it and `before` that is
    yet to be found, whatever order the two were recorded in, as an ending recorded
    twice does (`_ended_again`): a reversal of a pending measure (it had acted: the
    collapse of a moratorium found before the day it began), a withdrawal or a
    rejection of one rejected or withdrawn (it was offered again); else None."""
    gives = entry.status if entry is not None else None
    if (gives == Status.reversed and before in PENDING) or (gives in CLOSED and before in CLOSED):
        return gives
    return None


def _ended_again(state: State, entry: HistoryEntry | None, v: Verification | None) -> Status | None:
    """The status `entry` ends again what `state` has ended with: a reversal of a measure
    reversed, a withdrawal or a rejection of one withdrawn or rejected (`restated`, so
    allowed: what came between may be found later); None when it does not."""
    if v is not None or entry is None or entry.event == VERIFICATION:
        return None
    ended = entry.status in (Status.reversed, *CLOSED) and state.status == entry.status
    return entry.status if ended else None


def _gap(
    before: Status,
    target: Status,
    ident: str,
    until: date | None = None,
    first: bool = False,
    days: tuple[date, date] | None = None,
) -> str:
    """What is missing between a step that left a measure `before` and a later one to
    `target` the rules do not let follow it, and how to record it: on the days a step
    of its status replays between the two, by the order the steps of one day replay in
    (`vocab.DAY_RANK`: a reversal replays after the other steps of its day, an offer
    before them, so a reversal between an action and an offer made again may be of the
    action's day, not of the offer's; one day, and only one, works for the two a day
    apart), and none when there is no such day. `until`: the later one's day, when the
    first is a creation given no date (the step may be dated on any day up to it: one
    before the creation moves it back), or when there is no first (`first`: the later
    one is the first step on record). `days`: the two steps' days."""
    mark = f"'dprk mark {ident}"
    if target == Status.reversed:
        again = " again" if before == target else ""
        step, needed = f"carried out{again}", [Status.implemented]
    elif before in ACTED and target in PENDING:
        step, needed = "undone", [Status.reversed]
    elif before in ACTED:
        step, needed = "undone and offered again", [Status.reversed, Status.proposed]
    else:
        step, needed = "offered again", [Status.proposed]
    between = "before it" if first else "between the two"
    correct = (
        f"correct one of the two dates ('dprk log {ident}' numbers the entries, 'dprk "
        "redate' corrects one)"
    )
    # The days the step (the first of two) may take, and the last the last may take.
    last = until if until is not None else days[1] if days is not None else None
    if last is not None and DAY_RANK[needed[-1]] >= DAY_RANK[target]:
        last = _day_before(last)  # (of the later one's day, it would replay after it)
    if until is not None or days is None or last is None:
        start = None  # (any day up to the last: an undated creation moves back with it)
    else:
        start = days[0] if DAY_RANK[needed[0]] > DAY_RANK[before] else _day_after(days[0])
    # (a reversal, then an offer made again: the offer replays before a reversal of its
    # day, so it is of a later day)
    end = _day_before(last) if len(needed) == 2 and last is not None else last
    if start is not None and end is not None and start > end:
        one_day = days is not None and days[0] == days[1]
        return (
            f"nothing on record has it {step} {between}, and nothing can come between the "
            f"two on {'their one day' if one_day else 'the days they fall on'}: {correct}"
        )
    if len(needed) == 2:
        if start is not None and start == end:
            when, dates = (
                f"the reversal on {start} and the offer on {last}",
                (f"{start}", f"{last}"),
            )
        else:
            span = _span(start, end)
            when = f"the reversal {span} and the offer on a later day, by {last}"
            dates = ("YYYY-MM-DD", "YYYY-MM-DD")
        how = (
            f"{mark} reversed --date {dates[0]}', then {mark} proposed --date {dates[1]}', "
            "or agreed"
        )
    else:
        if start is not None and start == end:
            when, on = f"on {start}{_which_day(start, days)}", str(start)
        else:
            when, on = _span(start, end), "YYYY-MM-DD"
        how = f"{mark} {needed[0].value} --date {on}'"
    return (
        f"nothing on record has it {step} {between}: record when it was, {when} ({how}), or "
        f"{correct}"
    )


def _day_before(day: date) -> date:
    return day - timedelta(days=1) if day != date.min else day


def _day_after(day: date) -> date:
    return day + timedelta(days=1) if day != date.max else day


def _span(start: date | None, end: date | None) -> str:
    """The days from `start` to `end` in words ('on a day from 2000-01-05 to 2000-01-10';
    'on or before 2000-01-10' with no start)."""
    if start is None:
        return f"on or before {end}" if end is not None else "on a day between the two"
    return f"on a day from {start} to {end}"


def _which_day(day: date, days: tuple[date, date] | None) -> str:
    """Which of the two steps' days `day` is, in words (', the day of the first'), or ""."""
    if days is None:
        return ""
    if days[0] == days[1] == day:
        return ", the day of both"
    if day == days[0]:
        return ", the day of the first"
    if day == days[1]:
        return ", the day of the second"
    return ""


def blocking(problems: Iterable[LifeProblem]) -> list[LifeProblem]:
    """The problems of a replay that are errors (a step found later that the record still
    lacks, `MISSING_STEPS`, is a warning)."""
    return [p for p in problems if p.check not in WARNING_CHECKS]


def _said(entry: HistoryEntry | None, v: Verification | None, created: date | None) -> str:
    """The event that set a state, in words (`created`: the creation, and its date)."""
    if entry is not None and created is not None:
        return f"created as {_status_text(entry)} on {created}"
    return describe_entry(entry, v) if entry is not None or v is not None else ""


def _as_far(entry: HistoryEntry) -> str:
    """The `--extent` of a step as far as `entry`'s, for advice to record an action before
    it ("" for the full extent, which `mark implemented` gives): advised bare, the action
    found earlier would be recorded in full, beyond what the later one records."""
    extent = entry.extent
    return f" --extent {extent.value}" if extent is not None and extent != Extent.full else ""


def _action_refused_before(
    overtaken: HistoryEntry | None,
    later: HistoryEntry,
    day: date,
    ahead: list[tuple[HistoryEntry | None, Verification | None]],
) -> bool:
    """Whether an action as far as `later`'s, recorded on or before `day`, would be
    refused or out of order, as the rules of a measure's life judge a step after an action
    (`_apply`): it would come before `overtaken`, a creation dated after `day` at a status
    that may not follow one (as agreed), or before a step of `ahead` dated between `day`
    and `later` that may not (as agreed again; a reversal may)."""
    acted = State(Status.implemented, later.extent or default_extent(Status.implemented))
    if (
        overtaken is not None
        and overtaken.date > day
        and _apply(acted, overtaken, None)[1] is not None
    ):
        return True
    return any(
        e is not None
        and e.event not in (CREATED, VERIFICATION)
        and e.status is not None
        and day < e.date < later.date
        and _apply(acted, e, None)[1] is not None
        for e, _ in ahead
    )


def _action_days(m: Measure, day: date) -> str:
    """The days an action recorded before a finding of `day` may take, in words: from the
    latest step on or before it that set a state (not a finding, not an undated
    creation)."""
    since = max(
        (
            e.date
            for e in m.history
            if e.status is not None
            and e.event != VERIFICATION
            and e.date <= day
            and not (e.event == CREATED and e.undated)
        ),
        default=None,
    )
    if since is None:
        return f"on or before {day}"
    return days_between(since, day)


def days_between(first: date, last: date) -> str:
    """The days from `first` to `last` an action may take, in words ('on a day from
    2002-12-23 to 2002-12-31', or 'on 2002-12-31' where they are one)."""
    return f"on a day from {first} to {last}" if first < last else f"on {last}"


def note_or_act_again(
    ident: str, when: date, undone: date, act: str | None, *, who: str = "it"
) -> str:
    """The advice of a finding on measure `ident` dated `when`, refused because it stands
    reversed then (undone on `undone`): record what the verifier said as a note, or,
    should `who` have acted again since, that action first (`act`: the command, with the
    days it may take; None: the note alone): of a partial finding on a measure made of
    parts that gave it that state (`LedgerLife.problems`). (A measure's own finding of
    its reversal is recorded, or, confirmed, refused by `operations.verify`: `found_on`.)"""
    said = f"record what the verifier said with 'dprk note {ident} TEXT --date {when}'"
    if act is None:
        return said
    return f"{said}, or, should {who} have acted again after {undone}, record that first with {act}"


def _acts_at_some_point(
    pairs: list[tuple[HistoryEntry | None, Verification | None]],
) -> HistoryEntry | None:
    """The first event that makes the measure act (None if none does)."""
    for entry, v in pairs:
        if (
            v is None
            and entry is not None
            and entry.status in ACTED
            and entry.event != VERIFICATION
        ):
            return entry
    return None


class _Step(NamedTuple):
    """A change of status, as `_apply` reads an entry."""

    event: str
    status: Status
    extent: Extent | None


def restated(state: State, status: Status, extent: Extent) -> bool:
    """Whether a step to `status` at `extent` reports again what `state` holds, and so
    changes nothing: the same status at the same extent, or an implementation at the
    extent a verifier has found, confirmed or refuted (a party's own word neither
    verifies nor clears a dispute; a reversal between the two, found later, makes it
    the step that counts)."""
    if state.extent != extent:
        return False
    return state.status == status or (
        status == Status.implemented and state.status in (Status.verified, Status.disputed)
    )


def acts_anew(after: State, changed: bool) -> bool:
    """Whether a step of its actor (no finding) that left a measure at `after`, and
    `changed` its state or not, carried it out anew: an implementation that changed the
    state (to another extent, or after a reversal). A finding made before it was on an
    earlier action, and counts no more (`Life.last_action`)."""
    return changed and after.status == Status.implemented


def actions_found(life: Life) -> Iterator[tuple[Step, Step | None]]:
    """Each finding of a replayed measure (`life`) with the step of the action it found:
    the last step before it that changed the measure's state, where that left it acted
    (None: that one left it pending or reversed, or there was none). A step that restated
    the state (the same act reported again on a later day) leaves a finding on the action
    before it; once that action is dropped, the step that restated it is the one the
    finding finds. The one home of which action a finding finds (`dprk drop-entry` keeps
    the findings on what they found)."""
    action: Step | None = None
    for step in life.steps:
        if step.verification is None and step.entry is not None:
            if step.entry.status is not None and step.changed:
                action = step if step.entry.status in ACTED else None
        elif step.verification is not None:
            yield step, action


def stepped(state: State, status: Status, extent: Extent) -> tuple[State, bool]:
    """The state a step to `status` at `extent` (as `dprk mark` records it) leaves a
    measure at `state` in, as the replay applies it (one the rules refuse applied all the
    same), and whether it carries the measure out anew (`acts_anew`): a what-if asks it
    of each measure it moves (`analysis.whatif.assume`), so that it answers as the step
    recorded would."""
    step = cast("HistoryEntry", _Step("status", status, extent))
    after = _apply(state, step, None)[0]
    return after, acts_anew(after, after != state)


# (the advice of the rule that a measure that has acted is not pending again, in words: on
# a measure in the ledger; an import's refusal, of a row, leaves it out: `operations._in_a_row`)
UNDONE_ADVICE = " (mark it reversed if it was undone)"


def step_problem(state: State, status: Status) -> str | None:
    """Why the rules of a measure's life do not let it go from `state` to `status` (by
    `dprk mark`), or None when they do (a step that leaves a gap, `_step_unseen`, is
    allowed: the step to fill it closes it)."""
    step = cast("HistoryEntry", _Step("status", status, None))
    return None if _step_unseen(state.status, step) else _apply(state, step, None)[1]


# (a finding of a measure's action undone: what it did is not done, or in part)
_OF_REVERSAL = frozenset({Result.refuted, Result.partial})
_RESULT_OF = {status: result for result, status in _FINDING.items()}


def found_on(state: State, result: Result) -> tuple[State, str | None]:
    """The state a verifier's finding of `result` leaves a measure at `state` in, and why
    the rules do not allow it (None: they do). The one home of which finding a measure
    may take and what it does: one that has acted is found (confirmed makes it verified,
    refuted disputed, partial changes nothing); one that stands reversed may be found
    not to do what it did (refuted) or to do it in part (partial), recorded and changing
    nothing, but not confirmed (that would say it is carried out: an action again is
    recorded first); one that has not acted has nothing to find. The exception is a
    measure made of parts that stands reversed through them: it takes no finding of its
    own, not even a partial one (`LedgerLife.problems` judges that by the state its parts
    gave it, which must have acted); its finding is recorded on the parts."""
    target = _FINDING.get(result)
    if state.status == Status.reversed:
        if result in _OF_REVERSAL:
            return state, None
        return State(Status.verified, state.extent), (
            "a confirmation says it is carried out, and it was reversed: record it "
            "implemented again first"
        )
    new = State(target, state.extent) if target is not None else state
    if state.status not in ACTED:
        return new, "a finding needs the measure to have acted"
    return new, None


def _apply(
    state: State, entry: HistoryEntry | None, v: Verification | None
) -> tuple[State, str | None]:
    """The state after one event, and why the rules do not allow it (None: they do).

    An event the rules refuse is applied all the same, so that a hand-edited
    ledger still reads as its history says; the problem is reported.
    """
    before = state.status
    if v is not None or (entry is not None and entry.event == VERIFICATION):
        if v is not None:
            result = v.result
        else:  # (an entry with no record: its status says the result)
            status = entry.status if entry is not None else None
            if status is not None and status not in _RESULT_OF:  # (no finding's, by hand)
                new = State(status, state.extent)
                return new, None if before in ACTED else "a finding needs the measure to have acted"
            result = Result.partial if status is None else _RESULT_OF[status]
        return found_on(state, result)
    assert entry is not None
    target = entry.status
    if target is None:
        return state, None  # a note, a link, a constraint: no change of state
    if target in (Status.verified, Status.disputed):
        return State(target, state.extent), (
            "verified and disputed come only from a verifier's finding ('dprk verify ID --by "
            "VERIFIER')"
        )
    extent = entry.extent or default_extent(target)
    new = State(target, extent)
    if restated(state, target, extent):
        return state, None  # a second report of the same step: nothing new, nothing wrong
    if target == Status.implemented:
        # Implemented again at another extent is progress (or regress), also after a
        # finding: the finding covered the earlier extent, the new one awaits its own.
        return new, None
    if target == Status.reversed and before not in ACTED:
        # (of a pending measure, a gap the replay words itself: `_step_unseen`; withdrawn,
        # it may be carried out after all, from that day on, where the action replays
        # after the withdrawal; rejected, it is offered again first, on a later day)
        if before == Status.withdrawn:
            found = (
                "if it was carried out after all, record that first, dated from the day of "
                "the withdrawal to that of the reversal"
            )
        else:
            found = (
                "if it was offered again and carried out, record those first, dated after "
                "the rejection and by the reversal"
            )
        return new, (
            f"only a measure that has acted can be reversed, and a {before.value} one has "
            f"not: {found}"
        )
    if target == Status.withdrawn and before not in PENDING:
        return new, (
            "only a pending measure can be withdrawn (one carried out and undone is reversed)"
        )
    if target == Status.rejected and before not in PENDING:
        return new, "only a pending measure (proposed or agreed) can be rejected"
    if target in PENDING and before in ACTED:
        return new, f"a measure that has acted cannot be pending again{UNDONE_ADVICE}"
    return new, None


# --- the whole ledger: measures made of parts -------------------------------------------


_OWN_STEPS = CLOSED | PENDING  # (the steps a measure made of parts takes itself)


class StepAfterActing(NamedTuple):
    """A step of a measure made of parts, ending it or offering it again, after it had
    acted through them (`LedgerLife.steps_after_acting`)."""

    on: date  # the day of the step
    status: Status  # withdrawn or rejected (an ending), proposed or agreed (an offer again)
    before: State  # the state its parts gave it the day before
    since: date  # the day that state began
    reason: str  # why the rules of a measure's life do not allow the step (`step_problem`)
    # its parts on that day, each as it stood the day before (an offer's) or at the end of
    # that day (an ending's: what is left to record on them)
    parts: list[tuple[str, State]]
    # an offer's: its parts that had acted, each with the day of its reversal on record on
    # the offer's day or later, no action of it between (`reversal_after`)
    undone_late: tuple[tuple[str, date], ...] = ()
    # an offer's, when each part that had acted is so: the first day an offer would stand,
    # the day after its parts, as they are on record, undid it again
    stands_from: date | None = None


class Replays:
    """The replays of a ledger's measures, each made once and kept, for the replays of
    the ledger as it stood on several days (`asof.as_of_each`): a measure that a day
    leaves as it stands, the same object, is replayed once for all of them. Called with
    a measure, its replay (`replay`); one not of the ledger (rebuilt for a day) is
    replayed, not kept."""

    __slots__ = ("_ids", "_lives")

    def __init__(self, measures: Iterable[Measure]) -> None:
        # (by identity: the ledger holds its measures, so no other object takes their ids)
        self._ids = {id(m): m for m in measures}
        self._lives: dict[int, Life] = {}

    def __call__(self, m: Measure) -> Life:
        key = id(m)
        if self._ids.get(key) is not m:
            return replay(m)
        found = self._lives.get(key)
        if found is None:
            found = self._lives[key] = replay(m)
        return found


class LedgerLife:
    """Every measure's replay, made when first asked, with parts folded into their
    measure. `state(id)` is what the file must store; `state(id, day)` is the state
    on a past day (None: the measure did not exist yet)."""

    def __init__(self, measures: Mapping[str, Measure], replays: Replays | None = None) -> None:
        from .model import index_of

        index = index_of(measures)
        self._replays = replays  # (shared with other replays of the same measures)
        self.known: Container[str] = index  # the ids of the ledger's measures
        self._parts_by_whole = index.parts
        self._measure = index.__getitem__
        self._former_parts: Callable[[], dict[str, list[str]]] = partial(
            index.former_parts, was_part_of
        )
        self._lives: dict[str, Life] = {}
        self._former: dict[str, list[str]] = {}
        self._dated: set[str] = set()  # (undated measures `life` has dated by their parts)
        self._by_day: dict[str, list[tuple[date, State | None]]] = {}  # (`_day_by_day`)
        self._dating = 0  # (how many wholes `life` is dating by their parts, one in another)

    @classmethod
    def replayed(cls, lives: dict[str, Life], parts: dict[str, list[str]]) -> LedgerLife:
        """The replay of a ledger whose measures were each replayed already (a file read
        anew, a measure at a time, its models let go): every measure's life by id, and
        the ids of each measure's parts (`vocab.parts_by_whole`)."""
        made = cls.__new__(cls)
        made.known = lives
        made._parts_by_whole = lambda: parts
        made._measure = _not_kept  # (every life is there: none is replayed again)
        made._lives = lives
        made._replays = None
        made._former = {}
        made._dated = set()
        made._by_day = {}
        made._dating = 0
        once: list[dict[str, list[str]]] = []

        def former_parts() -> dict[str, list[str]]:  # (from those whose part_of was edited)
            if not once:
                runs = ((i, life.part_runs) for i, life in lives.items() if life.part_runs)
                once.append(wholes_once((i, former_wholes(r, None)) for i, r in runs))
            return once[0]

        made._former_parts = former_parts
        return made

    def life(self, ident: str) -> Life:
        found = self._lives.get(ident)
        if found is None:
            m = self._measure(ident)
            found = self._lives[ident] = replay(m) if self._replays is None else self._replays(m)
        if (
            found.undated
            and ident not in self._dated
            and self._dating <= PARTS_DEPTH  # (`_deeper_than_parts_nest`)
            and self.members(ident)
        ):
            self._dated.add(ident)  # (asked once: a cycle of parts is followed once)
            self._dating += 1
            try:
                day = self._made_by_parts(ident)
            finally:
                self._dating -= 1
            if day is not None and found.created is not None and day < found.created:
                found = self._lives[ident] = found.made_earlier(day)
        return found

    def undated_made_on(self, m: Measure, *, undated: bool | None = None) -> date | None:
        """The day measure `m`, added without a date, was made on, as every report holds
        it and the file must store it on its creation: the day its own record dates it
        (`own_undated_day`), or, made of parts, the first day one of them had a step
        while a part of it, when earlier (`life`: the date the file holds is not read,
        so that a part redated later moves it on). None for a measure given a date
        (`undated`: as for `own_undated_day`)."""
        own = own_undated_day(m, undated=undated)
        if own is None or not self.members(m.id):
            return own
        by_parts = self._made_by_parts(m.id)
        return own if by_parts is None else min(own, by_parts)

    def own_beginning(self, m: Measure) -> date | None:
        """The day measure `m` began on by its own record (`own_beginning`), or, added
        without a date and made of parts, the first day one of them had a step while a
        part of it, when earlier (`_made_by_parts`); None when neither dates it."""
        own = own_beginning(m)
        created = next((h for h in m.history if h.event == CREATED), None)
        if created is None or not created.undated or not self.members(m.id):
            return own
        by_parts = self._made_by_parts(m.id)
        return min(d for d in (own, by_parts) if d is not None) if own or by_parts else None

    def _made_by_parts(self, ident: str) -> date | None:
        """For a measure made of parts, the first day one of them had a step (its own
        making included) while a part of it: a measure added without a date was there
        by then, as for an event of its own (its parts act for it)."""
        first: date | None = None
        for p in self.members(ident):
            if p == ident or p not in self.known:
                continue
            life = self.life(p)
            for step in life.steps:
                if life.within(ident, step.date):
                    first = step.date if first is None else min(first, step.date)
                    break
            # (its making, dated before its first step by parts of its own)
            if life.created is not None and life.within(ident, life.created):
                first = life.created if first is None else min(first, life.created)
        return first

    def parts(self, ident: str) -> list[str]:
        """The ids of the measure's parts, in id order."""
        return self._parts_by_whole().get(ident, [])

    def has_parts(self, ident: str) -> bool:
        return bool(self.parts(ident))

    def parts_give(self, ident: str) -> bool:
        """Whether the measure's state now is its parts' to give: made of parts, and in
        another state than its own history's. One whose parts give it no action (none
        acted, or those that did undone before its latest offer: `offered_again`) stands
        as its own history has it (`vocab.derive_from_parts`): its history gives it."""
        return self.has_parts(ident) and self.state(ident) != self.life(ident).state

    def standing(self, ident: str, stored: State, given: State | None) -> State:
        """The state today's views read of a measure the file stores at `stored`, its
        replay giving `given` (`state`): the one stored (a status set by hand stands for
        today; `check` names it), but for a measure made of parts stored as an earlier dprk
        derived it from them (`vocab.written_before`), the one they give now. Compared
        only: the parts are asked again only of one stored otherwise than it is given."""
        if given is None or stored == given or not self.has_parts(ident):
            return stored
        return given if self.written_before(ident, stored) is not None else stored

    def written_before(self, ident: str, stored: State) -> str | None:
        """Which earlier rule derived `stored`, the state the file holds of the measure,
        from its parts where the rule now gives another (`vocab.written_before`), if any."""
        parts = (self.state(p) for p in self.parts(ident) if p in self.known and p != ident)
        own, expected = self.life(ident).state, self.life(ident).expected_parts
        return written_before(stored, own, [s for s in parts if s is not None], expected)

    def parts_on(self, ident: str, day: date, *, after_acting: bool = False) -> list[str]:
        """The ids of the measure's parts that had been made, and made parts of it,
        before `day`, and still were: those that record what it does on that day (an
        implementation of its own on the day a part was made is its own), whether they
        are parts now or have left since. `after_acting`: of a step that replays after
        the day's actions (a finding, a reversal: `vocab.DAY_RANK`), also those made
        parts of it on that day that had acted by its end, whose actions it follows. A part
        that stands rejected by the end of `day` is none (`vocab.counted_parts`): one whose
        parts all do acts itself."""
        if day == date.min:
            return []
        before = date.fromordinal(day.toordinal() - 1)
        found = []
        for p in self.members(ident):
            if p in self.known:
                life = self.life(p)
                earlier = (life.created is None or life.created < day) and life.within(
                    ident, before
                )
                that_day = after_acting and life.within(ident, day) and self._acted_by(p, day)
                if (earlier or that_day) and not self._rejected_by(p, day):
                    found.append(p)
        return found

    def _rejected_by(self, ident: str, day: date) -> bool:
        state = self.state(ident, day)
        return state is not None and not counts_as_part(state.status)

    def _acted_by(self, ident: str, day: date) -> bool:
        state = self.state(ident, day)
        return state is not None and state.status in ACTED

    def own_steps_among_parts(self, ident: str) -> list[tuple[Step, list[str]]]:
        """The measure's own steps that carried it out, undid it or found it (an
        implementation, a reversal, a confirmation or refutation) on a day it had parts,
        each with the parts it had then: its parts' to record, as `dprk mark` and `dprk
        verify` say. A partial finding, which sets nothing, is the whole's own to record
        (`problems` judges it)."""
        life = self.life(ident)
        steps = [
            step
            for step in life.steps[1:]  # (its creation is its own)
            if step.changed and step.state.status in _CARRIED_OUT
        ]
        # A confirmation or refutation that changed nothing (as found before) is one all the
        # same: a step that changed nothing stands for it, on its day (a light life, which
        # has no findings, keeps their days).
        days = {s.date for s in steps}
        for day in sorted(set(life.found_on) - days):
            state = life.state_on(day)
            if state is not None:
                steps.append(Step(day, None, None, state, False))
        if not steps or not self.members(ident):
            return []
        found = []
        for step in sorted(steps, key=lambda s: s.date):
            # (a finding, a stand-in that changed nothing, and a reversal follow the day's
            # actions: its parts made that day had acted by then)
            later = not step.changed or follows_actions(step.state.status)
            parts = self.parts_on(ident, step.date, after_acting=later)
            if parts:
                found.append((step, parts))
        return found

    def problems(
        self, ident: str, dropped: Callable[[date, str], str | None] | None = None
    ) -> list[LifeProblem]:
        """The problems of the measure's replay (`Life.problems`), but that a partial
        finding of its own on a day it had parts is judged by the state they gave it then,
        not by its own history: it needs an action to find, as any finding does, and
        one they gave it is that action (a finding follows the day's actions, before a
        reversal: `vocab.finding_place`). So a measure standing reversed through its
        parts takes no partial finding of its own, as one reversed by its own history
        does (`found_on`): it is recorded on the parts. `dropped`: the command that drops a finding
        (by its day and words) from the file, None where the file does not hold it (a
        change refused, which wrote nothing: `rules.Context.written`); by default, the
        one its replay gives."""
        life = self.life(ident)
        if not life.partial_found or not self.members(ident):
            return life.problems
        judged: set[date] = set()
        found: list[LifeProblem] = []
        for day, words, drop in life.partial_found:
            parts = self.parts_on(ident, day, after_acting=True)
            if not parts:
                continue
            judged.add(day)
            then = self.state(ident, day)
            if then is not None and then.status == Status.reversed:
                # (undone that day: the finding replays before the reversal)
                before = self.state(ident, date.fromordinal(day.toordinal() - 1))
                then = before if before is not None and before.status in ACTED else then
            if then is not None and then.status in ACTED:
                continue
            shown = parts_in_brief(parts)
            held = drop if dropped is None else dropped(day, words)
            # (no finding on record, none to drop: the change that made it was refused)
            tail = "" if held is None else f", or drop the finding ({held})"
            stood = "it was not made yet" if then is None else f"it is {then.status.value} then"
            undone = self._undone_before(ident, day, parts) if then is not None else None
            if undone is not None:
                began, since, again = undone
                act = (
                    f"'dprk mark {again[0]} implemented --date YYYY-MM-DD'"
                    if len(again) == 1
                    else "'dprk mark PART implemented --date YYYY-MM-DD' for each "
                    + ("that did" if again == parts else f"of {', '.join(again)} that did")
                )
                who = "its part" if len(parts) == 1 else "its parts"
                days = days_between(since + timedelta(days=1), day)
                advice = note_or_act_again(ident, day, since, f"{act} ({days})", who=who)
                stood = f"it was reversed on {began}"
            else:
                mark = (
                    f"'dprk mark {parts[0]} implemented --date YYYY-MM-DD'"
                    if len(parts) == 1
                    else "'dprk mark PART implemented --date YYYY-MM-DD' for each part that acted"
                )
                advice = f"record the action on its parts first with {mark}"
            found.append(
                LifeProblem(
                    WITHOUT_ACTION,
                    f"{words} is a finding on a measure that has not acted ({stood}, as its "
                    f"parts ({shown}) give it); {advice}{tail}",
                    None,
                    day,
                )
            )
        if not judged:
            return life.problems
        kept = [p for p in life.problems if p.partial_on is None or p.partial_on not in judged]
        return [*kept, *found]

    def _undone_before(
        self, ident: str, day: date, parts: list[str]
    ) -> tuple[date, date, list[str]] | None:
        """Where the measure (made of `parts` on `day`) stands reversed by the end of the
        day before `day`, as they give it: the day it was reversed on, the latest day one
        of its parts reversed then was (an action again is dated after it), and those
        parts; None where it does not."""
        before = date.fromordinal(day.toordinal() - 1)
        held = self.stretch(ident, before)
        if held is None or held[0].status != Status.reversed:
            return None
        began = held[2]
        undone = []
        since = began
        for p in parts:
            own = self.stretch(p, before)
            if own is not None and own[0].status == Status.reversed:
                undone.append(p)
                since = max(since, own[2])
        return began, since, undone or parts

    def steps_after_acting(self, ident: str) -> list[StepAfterActing]:
        """The measure's own steps that ended it (withdrawn, rejected) or offered it again
        (proposed, agreed) on a day after it had acted through its parts (or stood
        reversed as they gave it), which the rules of a measure's life do not let follow
        that state (`step_problem`, as for a measure without parts: only a pending
        measure can be withdrawn or rejected, and one that has acted cannot be pending
        again). A step of the day a part acted replays before the action, and one of the
        day a part was reversed before the reversal (`vocab.DAY_RANK`): the state the
        step follows is the one the parts gave it the day before. A step that said again
        what its own history held (`Life.said_again`) is one all the same: it repeats the
        state it follows only if that is the one its parts gave it, as for a measure
        without parts (`restated`)."""
        if not self.members(ident):
            return []
        life = self.life(ident)
        own = [(s.date, s.state.status) for s in life.steps[1:] if s.changed]  # (not its making)
        found = []
        for on, status in sorted([*own, *life.said_again], key=itemgetter(0)):
            if status not in _OWN_STEPS:
                continue
            given = self.given_by_parts(ident, on)
            if given is None:
                continue  # (standing as its own history does: its replay judges the step)
            before = date.fromordinal(on.toordinal() - 1)
            reason = step_problem(given, status)
            if reason is None:
                continue
            since: date | None = None  # (the first day of the last run it stood so)
            days = [d for d in sorted(self._days(ident, set(), 0)) if d <= before]
            was: State | None = None
            for day, state in zip(days, self.states_on(ident, days), strict=True):
                if state != given:
                    since = None
                elif since is None or self.undone_again(ident, day, was, state):
                    since = day
                was = state
            # (an offer replays before the parts' steps of its day, and is judged by the
            # day before; an ending is recorded on its parts on its day, after theirs: by
            # the end of it, one ended or reversed that day is not to end or undo again)
            then = before if status in PENDING else on
            parts = [
                (p, state)
                for p in self.parts_on(ident, on)
                if (state := self.state(p, then)) is not None
            ]
            late: tuple[tuple[str, date], ...] = ()
            stands: date | None = None
            if status in PENDING:
                acted = [p for p, state in parts if state.status in ACTED]
                late = tuple(
                    (p, undone)
                    for p in acted
                    if (undone := self.reversal_after(p, before)) is not None
                )
                if late and len(late) == len(acted):
                    stands = self._undone_from(ident, on)
            found.append(
                StepAfterActing(on, status, given, since or before, reason, parts, late, stands)
            )
        return found

    def reversal_after(self, ident: str, day: date) -> date | None:
        """The day of the measure's reversal on record that is its first step after `day`
        (with no action between, it undoes the action it stood at then), or None. Marked
        reversed on `day` as well, it would be reversed twice with no action between (a
        gap `check` warns of): that reversal is the one to date so. None for a measure
        made of parts, which its parts undo."""
        if self.members(ident):
            return None
        for step in self.life(ident).steps:
            if step.date > day:
                return step.date if step.changed and step.state.status == Status.reversed else None
        return None

    def _undone_from(self, ident: str, day: date) -> date | None:
        """The day after the first day, from `day` on, the measure (made of parts) stands
        reversed as they give it: the first day an offer of it stands, as they are on
        record; None if it never does."""
        for d in sorted(self._days(ident, set(), 0)):
            if d >= day:
                state = self.state(ident, d)
                if state is not None and state.status == Status.reversed:
                    return d + timedelta(days=1)
        return None

    def given_by_parts(self, ident: str, day: date) -> State | None:
        """The state a step of the measure's own on `day` follows, when its parts gave it
        another than its own history on the day before (a step of the day a part acted
        replays before the action: `steps_after_acting`); None when they did not, or it
        has no parts: its own replay judges the step."""
        if day == date.min or not self.members(ident):
            return None
        before = date.fromordinal(day.toordinal() - 1)
        given = self.state(ident, before)
        if given is None or given == self.life(ident).state_on(before):
            return None
        return given

    def members(self, ident: str) -> list[str]:
        """The ids of the measure's parts and of those that were parts of it once (an
        edit of their `part_of` says so), which count on the days they were."""
        former = self._former.get(ident)
        if former is None:
            now = set(self.parts(ident))
            former = self._former[ident] = [
                p
                for p in self._former_parts().get(ident, ())
                if p not in now and p != ident and p in self.known
            ]
        return sorted([*self.parts(ident), *former]) if former else self.parts(ident)

    def state(self, ident: str, day: date | None = None) -> State | None:
        return self._state(ident, day, set())

    def states_on(self, ident: str, days: Sequence[date]) -> list[State | None]:
        """`state(ident, day)` for each of `days` (in increasing order): for a measure
        without parts, in one pass over its life (a yearly scorecard asks every measure
        for every year)."""
        if self.members(ident):
            return [self.state(ident, day) for day in days]
        return self.life(ident).states_on(days)

    def _state(self, ident: str, day: date | None, visiting: set[str]) -> State | None:
        life = self.life(ident)
        own = life.state if day is None else life.state_on(day)
        if own is None:
            return None
        parts = self.parts(ident) if day is None else self.members(ident)
        if not parts or ident in visiting or _deeper_than_parts_nest(visiting):
            return own
        visiting.add(ident)
        try:
            held = [
                p
                for p in parts
                if p in self.known and (day is None or self.life(p).within(ident, day))
            ]
            states = [(p, self._state(p, day, visiting)) for p in held]

            def undone() -> bool:
                # (a part reversed that had acted, on record, by `day`, and was reversed on
                # or after the measure's own latest offer: one offered again once every
                # part that acted was undone stands as offered, `offered_again`)
                reversed_ = (
                    p
                    for p, s in states
                    if s is not None
                    and s.status == Status.reversed
                    and self._acted(p, day, visiting)
                )
                first = next(reversed_, None)
                if first is None:
                    return False
                offered = self.offered_again(ident, day)  # (asked only of a part undone)
                return offered is None or any(
                    self._reversed_since(p, day, visiting) >= offered for p in (first, *reversed_)
                )

            return derive_from_parts(
                own, [s for _, s in states if s is not None], undone, life.expected_parts
            )
        finally:
            visiting.discard(ident)

    def offered_again(self, ident: str, day: date | None) -> date | None:
        """The day of the measure's own latest offer (proposed, agreed: a step of its own
        after its making, one that said again the status it stood at included) by the end
        of `day` (None: by now), or None. A measure made of parts whose parts that acted
        were all reversed before that day stands as its own history has it from then (the
        offer, and its own withdrawal or rejection after it), not reversed, until a part
        acts again (`vocab.derive_from_parts`); a part reversed on that day or later
        undoes it again (a reversal replays after the offer of its day)."""
        life = self.life(ident)
        found: date | None = None
        for step in life.steps[1:]:  # (its making is no offer made again)
            if day is not None and step.date > day:
                break
            if step.changed and step.state.status in PENDING:
                found = step.date
        for on, status in life.said_again:
            if status in PENDING and (day is None or on <= day) and (found is None or on > found):
                found = on
        return found

    def undone_again(self, ident: str, day: date, before: State | None, now: State | None) -> bool:
        """Whether the measure, made of parts, was offered again on `day` and undone again
        by its parts the same day: its offer stood (`before`, the state its parts gave it
        the day before, had not acted: `steps_after_acting`), a part acted after it (an
        offer replays before the actions of its day, a reversal after them:
        `vocab.DAY_RANK`), and `now`, the state they give it at the end of the day, is
        not its own history's. Its state began again that day, the same as the day
        before as it may be (reversed on both): every report that follows it day by day
        dates it so, as the same steps date a measure without parts."""
        if before is None or now is None or before.status in ACTED or not self.members(ident):
            return False
        return self.offered_again(ident, day) == day and self.life(ident).state_on(day) != now

    def _reversed_since(self, ident: str, day: date | None, visiting: set[str]) -> date:
        """The first day of the run of days, up to `day` (None: now), over which the
        measure (standing reversed on `day`) has stood reversed: the day it was last
        reversed (for one made of parts, as they gave it, followed day by day)."""
        if not self.members(ident) or ident in visiting or _deeper_than_parts_nest(visiting):
            began = self.life(ident).state_began(date.max if day is None else day)
            return date.min if began is None else began
        since = date.min
        was: State | None = None
        days = [d for d in sorted(self._days(ident, set(), 0)) if day is None or d <= day]
        for d, state in ((d, self._state(ident, d, visiting)) for d in days):
            if state is None or state.status != Status.reversed:
                since = date.min
            elif since == date.min or self.undone_again(ident, d, was, state):
                since = d
            was = state
        return since

    def _acted(self, ident: str, day: date | None, visiting: set[str]) -> bool:
        """Whether the measure had acted, on record, by the end of `day` (None: by now): a
        step of its own, or, for one made of parts, a day its parts gave it as acted (a
        reversal with no action on record says an action is still to record)."""
        first = self.life(ident).first_acted
        if first is not None and (day is None or first <= day):
            return True
        if not self.members(ident) or ident in visiting or _deeper_than_parts_nest(visiting):
            return False
        days = [d for d in sorted(self._days(ident, set(), 0)) if day is None or d <= day]
        return any(
            s is not None and s.status in ACTED
            for s in (self._state(ident, d, visiting) for d in days)
        )

    def status_since(self, ident: str) -> date | None:
        """When the measure's current status began. For one made of parts, once one has
        acted, its status as its parts give it is followed day by day: from the day it
        last changed, a part counting from the day it became one."""
        now = self._given_by_parts(ident)
        if now is None:
            return self._since(ident, set(), first=False)
        return self._began(ident, lambda state: state.status == now.status, first=False)

    def state_since(self, ident: str) -> date | None:
        """When the measure's current state (its status at its extent) began (for one made
        of parts, as `status_since` follows it)."""
        now = self._given_by_parts(ident)
        if now is None:
            return self.life(ident).state_began(date.max)
        return self._began(ident, lambda state: state == now, first=False)

    def _given_by_parts(self, ident: str) -> State | None:
        """The measure's state, when its parts give it otherwise than its own history
        does (then it is dated day by day, `_began`); None when its own history dates it."""
        now = self.state(ident)
        if now is None:
            return None
        # (standing as its own history does today, it may have stood otherwise as its
        # parts gave it on days since, a part that has left included: from the day it
        # last changed; parts that have all left leave it standing by its own history
        # again, from the day the last of them that gave it otherwise left)
        return now if self.members(ident) else None

    def acted_since(self, ident: str, on: date | None = None) -> date | None:
        """The day the measure last came to have acted. For one made of parts, its state
        as its parts give it is followed day by day: a part reversed while another still
        stands leaves the measure acted, from the day it first was. With `on`, as it stood
        at the end of that day (a measure reversed since had acted then), followed over
        the states it held (`states_held`)."""
        if on is not None:
            since: date | None = None
            for day, state in self.states_held(ident):
                if day > on:
                    break
                since = (since or day) if state.status in ACTED else None
            return since
        if not self.parts(ident):
            return self.life(ident).acted_since
        now = self.state(ident)
        if now is None or now.status not in ACTED:
            return None
        return self._began(ident, lambda state: state.status in ACTED, first=True)

    def full_since(self, ident: str) -> date | None:
        """The day the measure last came to be carried out in full, if it stands so now
        (`Life.full_since`). For one made of parts, its state as its parts give it is
        followed day by day: the day its parts' steps brought it to the full extent, in
        whatever order they were entered."""
        if not self.members(ident):
            return self.life(ident).full_since
        now = self.state(ident)
        if now is None or not done_in_full(now):
            return None
        return self._began(ident, done_in_full, first=True)

    def full_since_on(self, ident: str, days: Sequence[date]) -> list[date | None]:
        """`full_since` as the measure stood at the end of each of `days` (in increasing
        order): for one without parts, in one pass over its life (`Life.full_since_on`);
        for one made of parts, its state as they give it followed day by day, as
        `full_since` follows it. None on a day it did not stand done in full."""
        if not self.members(ident):
            return self.life(ident).full_since_on(days)
        changes = self._day_by_day(ident)
        found: list[date | None] = []
        since: date | None = None
        was: State | None = None
        at = 0
        for day in days:
            while at < len(changes) and changes[at][0] <= day:
                on, state = changes[at]
                if state is None or not done_in_full(state):
                    since = None
                elif since is None or self.undone_again(ident, on, was, state):
                    since = on
                was = state
                at += 1
            now = self.state(ident, day)
            found.append(since if now is not None and done_in_full(now) else None)
        return found

    def first_acted(self, ident: str, own: date | None) -> date | None:
        """The day the measure first acted, in full or in part, as it stands on record: a
        reversal since, or a step to another extent, moves it not; None if it never acted.
        `own`: the day its own history first has it act (`Life.first_acted`). For one made
        of parts (now or once), its state as its parts give it is followed day by day: the
        first day it stood acted (its first part's action, or its own, whichever came
        first)."""
        if not self.members(ident):
            return own
        for day, state in self._day_by_day(ident):
            if own is not None and own <= day:
                break
            if state is not None and state.status in ACTED:
                return day
        return own

    def rolled_back(self, ident: str) -> date | None:
        """The day the measure last went from done in full to less, or was offered again
        after a rejection (`Life.rolled_back`).
        For one made of parts, its state as its parts give it is followed day by day: a
        part reversed undoes its share of the whole."""
        if not self.members(ident):
            return self.life(ident).rolled_back
        return _last_roll_back(self._states_of_parts(ident))

    def redone_after(self, ident: str) -> date | None:
        """The day the stretch short of done in full that the measure's standing done in
        full again ended began (`Life.redone_after`), its state as its parts give it
        followed as `rolled_back` follows it."""
        if not self.members(ident):
            return self.life(ident).redone_after
        return _roll_backs(self._states_of_parts(ident))[1]

    def _states_of_parts(self, ident: str) -> list[tuple[date, State]]:
        """The states a measure made of parts took day by day (`rolled_back`)."""
        found: list[tuple[date, State]] = []
        was: State | None = None
        for day, state in self._day_by_day(ident):
            if state is not None:
                # (offered again and undone again that day, it acted in between)
                if self.undone_again(ident, day, was, state):
                    found.append((day, self._acting_on(ident, day)))
                found.append((day, state))
            was = state
        return found

    def _acting_on(self, ident: str, day: date) -> State:
        """The state the parts of the measure gave it on `day` once they had acted, before
        the reversals of the day (`vocab.DAY_RANK`): what it came to after its offer of
        that day, on a day they undid it again (`undone_again`). A part made of parts
        counts as it stood at the end of the day."""
        before = date.fromordinal(day.toordinal() - 1)
        states = []
        for p in self.members(ident):
            if p not in self.known or not self.life(p).within(ident, day):
                continue
            if self.members(p):
                state = self.state(p, day)
            else:
                state = self.state(p, before) if day != date.min else None
                for step in self.life(p).steps:
                    if step.date > day or (
                        step.date == day and step.state.status == Status.reversed
                    ):
                        break
                    if step.date == day:
                        state = step.state
            if state is not None:
                states.append(state)
        own = self.life(ident).state_on(day)
        assert own is not None  # (offered that day: it existed)
        return derive_from_parts(own, states, lambda: False, self.life(ident).expected_parts)

    def changes_by_parts(self, ident: str) -> list[tuple[date, State]]:
        """The days the status or extent of a measure made of parts changed as its parts
        gave it, not by a step of its own that day (its own history shows those), each
        with the state it then took: what the timeline shows of it beside its own
        entries (the days `status_since` may name, and those its extent grew or shrank
        on, which move its score). The day it was made is one, when parts that acted
        before it give it another state than its own."""
        if not self.members(ident):
            return []
        life = self.life(ident)
        own_days = {step.date for step in life.steps if step.changed}
        # (an offer made again of the status its own history held is a step of its own,
        # which it stands at again once its parts that acted were undone: `offered_again`)
        own_days.update(day for day, _ in life.said_again)
        found: list[tuple[date, State]] = []
        before: State | None = None
        for day, state in self._day_by_day(ident):
            if state is None:
                continue
            # (undone again on the day of its offer, it took that state again that day)
            if state != before or self.undone_again(ident, day, before, state):
                own = life.state_on(day) if before is None or day in own_days else None
                if own != state:
                    found.append((day, state))
            before = state
        return found

    def acted_parts_left(self, ident: str, day: date) -> int:
        """How many parts that had acted left the measure on `day` (an edit of their
        `part_of`), when that took it back from acting to what its own history holds:
        0 when none did, or it stands otherwise (a part still acting, a reversal)."""
        if day == date.min or not self.members(ident):
            return 0
        before = date.fromordinal(day.toordinal() - 1)
        was, now = self.state(ident, before), self.state(ident, day)
        if was is None or was.status not in ACTED or now != self.life(ident).state_on(day):
            return 0
        return sum(
            1
            for p in self.members(ident)
            if p in self.known
            and any(w == ident and left == day for w, _, left in self.life(p).left())
            and self._acted_by(p, before)
        )

    def statuses(self, ident: str) -> tuple[tuple[date, Status], ...]:
        """A measure made of parts (now or once), its status over time as `state` gives it
        on each day (the parts it had on that day, each counting while it was one, folded
        in: a part moved out since counts for it until it left): each day the status
        changed, with the status from then. What an order toward it is judged by
        (`analysis.checks`), as `--as-of` reads it. () for a measure never made of parts,
        whose own replay's steps say it."""
        if not self.members(ident):
            return ()
        found: list[tuple[date, Status]] = []
        for day, state in self._day_by_day(ident):
            if state is not None and (not found or found[-1][1] != state.status):
                found.append((day, state.status))
        return tuple(found)

    def states_held(self, ident: str) -> tuple[tuple[date, State], ...]:
        """Each state the measure came to, with the day it did, in order, as `stretch`
        follows them (a measure made of parts: its parts on each day): its whole record,
        which a change of a part's past may move where it leaves today's state as it was."""
        found: list[tuple[date, State]] = []
        for day, state in self._day_by_day(ident):
            if state is not None and (not found or found[-1][1] != state):
                found.append((day, state))
        return tuple(found)

    def stretch(self, ident: str, day: date) -> tuple[State, date, date, date | None] | None:
        """The measure's state at the end of `day`, the day it came to it, the day its
        status began (earlier, where its extent was reached later, as `status_since`
        has it) and the day it next changed (None: it stands so now), followed day by
        day as `statuses` reads it (a measure made of parts: its parts on each day, a
        part that left since counting until it left); None before it was made."""
        state = self.state(ident, day)
        if state is None:
            return None
        since = began = day
        was: State | None = None
        for on, then in self._day_by_day(ident):
            if on <= day:
                since = on if then != was else since
                began = on if was is None or then is None or then.status != was.status else began
                was = then
            elif then != state:
                return state, since, began, on
        return state, since, began, None

    def _began(self, ident: str, holds: Callable[[State], bool], *, first: bool) -> date | None:
        """The first day of the last run of days on which the state of `ident` (made of
        parts) `holds`, followed over the days it or its parts changed; if the last of
        them does not hold (a cycle of parts), what its parts' dates give."""
        since: date | None = None
        was: State | None = None
        for day, state in self._day_by_day(ident):
            if state is None or not holds(state):
                since = None
            elif since is None or self.undone_again(ident, day, was, state):
                since = day
            was = state
        return since if since is not None else self._since(ident, set(), first=first)

    def _day_by_day(self, ident: str) -> list[tuple[date, State | None]]:
        """The measure's state at the end of each day it or one of its parts changed
        (`_days`), in order: what every reading of a measure made of parts day by day
        follows (`statuses`, `changes_by_parts`, `rolled_back`, `_began`), made once."""
        found = self._by_day.get(ident)
        if found is None:
            days = sorted(self._days(ident, set(), 0))
            found = self._by_day[ident] = list(zip(days, self.states_on(ident, days), strict=True))
        return found

    def _days(self, ident: str, visiting: set[str], depth: int) -> set[date]:
        """The days the measure or any of its parts (theirs too) changed, or one became or
        stopped being a part (`depth`: how many wholes above it were followed)."""
        life = self.life(ident)
        days = {step.date for step in life.steps}
        days.update(day for day, _ in life.part_runs[1:])
        if ident not in visiting and depth <= PARTS_DEPTH:
            visiting.add(ident)
            for p in self.members(ident):
                if p in self.known:
                    days |= self._days(p, visiting, depth + 1)
        return days

    def _since(self, ident: str, visiting: set[str], *, first: bool) -> date | None:
        # A cycle of parts (an error `dprk check` names) is followed once, as in `_state`.
        own = self.life(ident)
        parts = [p for p in self.parts(ident) if p in self.known]
        if parts and ident not in visiting and not _deeper_than_parts_nest(visiting):
            state = self.state(ident)
            if state is not None and state != own.state:
                visiting.add(ident)
                try:
                    dates = [self._since(p, visiting, first=first) for p in parts]
                finally:
                    visiting.discard(ident)
                found = [d for d in dates if d is not None]
                if not found:
                    return None
                return min(found) if first else max(found)
        return own.acted_since if first else own.status_since


def as_standing(measures: list[Measure]) -> list[Measure]:
    """A ledger's `measures` as read from a file, each as today's views read it: a measure
    made of parts stored as an earlier dprk derived it from them (`LedgerLife.standing`)
    carries the state they give now, every other as stored. So whatever compares what was
    read (a change's lines, a diff, a merge) compares what the views show; `check` warns
    of the file's value from the file (`rules.extent_written_before`). Only the measures
    made of parts are replayed (and their parts); the list itself when none moves."""
    from .model import MeasureIndex

    by_id: dict[str, Measure] = {}
    for each in measures:
        by_id.setdefault(each.id, each)  # (a hand edit may repeat an id: the first)
    index = MeasureIndex(by_id)
    wholes = index.parts()
    if not wholes:
        return measures
    life = LedgerLife(index)
    stood: dict[str, Measure] = {}
    for ident in wholes:
        if ident not in index:
            continue  # (a part of a measure not in the ledger: `check` names it)
        m = index[ident]
        stored = State(m.status, m.extent)
        stands = life.standing(ident, stored, life.state(ident))
        if stands != stored:
            stood[ident] = m.model_copy(update={"status": stands.status, "extent": stands.extent})
    if not stood:
        return measures
    return [stood[m.id] if index.get(m.id) is m and m.id in stood else m for m in measures]


def _last_roll_back(states: Iterable[tuple[date, State]]) -> date | None:
    """The day the current stretch of being short of done in full began, of these days
    (in order, each with the state it left): the last on which the state went from done
    in full to less (`vocab.done_level`), or from rejected to offered again (a rejected
    measure owes nothing either: `vocab.owes_nothing`), after which it has stood neither
    again (a later cut, or a reversal after a cut, keeps it); None if it stands done in
    full or rejected, or never stood either (short of it from the first: what it owes, it
    owes from the day the other side acted, and a cut of a measure never done in full
    moves nothing)."""
    return _roll_backs(states)[0]


def _roll_backs(states: Iterable[tuple[date, State]]) -> tuple[date | None, date | None]:
    """`_last_roll_back` of these days, and the day the stretch short of done in full (or
    rejected) that the state standing so again ended began, where it stands so: a measure
    carried out again, or rejected again, owed from that day until then (None: it stands
    short of it, or never stood short of it after standing so)."""
    found = ended = None
    was = False
    for day, state in states:
        now = owes_nothing(state)
        if now:
            if not was:
                ended = found
            found = None
        elif was:
            found = day
        was = now
    return found, ended if was else None


def _deeper_than_parts_nest(wholes: set[str]) -> bool:
    """Whether a measure under these `wholes` (each a part of the one before) is deeper
    than parts may nest (`vocab.PARTS_DEPTH`): its parts are not followed. Only a file
    written by hand nests so, an error `dprk check` names (`rules.nesting_problem`); every
    answer is given still, each whole standing as the parts within the limit give it."""
    return len(wholes) > PARTS_DEPTH


def _not_kept(ident: str) -> Measure:
    raise KeyError(ident)  # a replay made already has every measure's life, or none
