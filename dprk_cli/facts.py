"""What the analyses read of each measure, derived once: a `Node` per measure.

The analyses (who can move, the plan, deadlocks, the balance, the counts, the
scorecard, what-if) need a measure's own fields and a few facts its replayed
history gives (since when its status stands, when it acted, its own state
before its parts are folded in, its latest finding) — not the history itself.
`nodes_of` derives them from the measures through the one replay
(`lifecycle`); the store keeps them beside the ledger, so that a read that
needs only these never builds the measures' histories again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from .clock import recorded_ahead
from .vocab import (
    ACTED,
    CREATED,
    PARTS_DEPTH,
    Extent,
    PartsTally,
    Require,
    Result,
    Standing,
    State,
    Status,
    ancestors,
    counted_parts,
    counts_as_part,
    days_past,
    done_in_full,
    done_late,
    finding_place,
    is_overdue,
    overdue_from,
    parts_counted,
    reversals_by_others,
)

if TYPE_CHECKING:  # (nodes kept beside the ledger are read without the models)
    from .lifecycle import LedgerLife
    from .model import Constraint, Ledger, Measure, Verification


class Link(NamedTuple):
    """A sequencing constraint as the analyses read it (see `model.Constraint`)."""

    after: str | None
    with_: str | None
    require: Require
    demanded_by: str | None
    # Since when the order has stood without a break, as the measure's changes of order
    # say (`changes.orders_since`); None when none says (set when it was created).
    set_on: date | None = None
    # The verifier whose confirmed finding a `require = "verified"` order waits for
    # (None: anyone's).
    verified_by: str | None = None

    @property
    def other(self) -> str:
        return self.after if self.after is not None else (self.with_ or "")

    @classmethod
    def of(cls, c: Constraint, set_on: date | None = None) -> Link:
        return cls(c.after, c.with_, c.require, c.demanded_by, set_on, c.verified_by)


class Finding(NamedTuple):
    """A measure's latest verifier's finding, as the status table shows it: its result,
    every verifier whose finding stands at that result (`found_by`: the latest
    finding's own verifier among them), and the latest finding's day; for a disputed
    measure found in part since, the refutation, and who found it in part after."""

    result: Result
    by: tuple[str, ...]
    date: date
    # (a disputed measure's latest finding partial since the refutation named here: the
    # verifiers whose partial finding stands, `found_by`; None when no such is later)
    partial_by: tuple[str, ...] | None = None


class Node(Standing):
    """One measure as the analyses read it: its own fields and its replayed facts."""

    __slots__ = (
        "id",
        "title",
        "actor",
        "category",
        "status",
        "extent",
        "deadline",
        "part_of",
        "in_exchange_for",
        "constraints",
        "conflicted",
        "since",
        "acted_since",
        "first_acted",
        "first_verified",
        "own",
        "findings",
        "latest_finding",
        "joined",
        "was_part_of",
        "verified_by",
        "last_date",
        "ended",
        "spans",
        "by_parts",
        "statuses",
        "left",
        "link_days",
        "created",
        "parts_tally",
        "committed",
        "rolled_back",
        "exchanged_since",
        "last_recorded",
        "full_since",
        "deadline_edits",
        "expected_parts",
        "last_edit",
        "acted_on",
        "redone_after",
        "undone_by",
    )

    def __init__(
        self,
        *,
        id: str,
        title: str,
        actor: str,
        category: str,
        status: Status,
        extent: Extent,
        deadline: date | None,
        part_of: str | None,
        in_exchange_for: tuple[str, ...],
        constraints: tuple[Link, ...],
        conflicted: bool,
        since: date | None,
        acted_since: date | None,
        first_acted: date | None,
        first_verified: date | None,
        own: State,
        findings: int,
        latest_finding: Finding | None,
        joined: date | None = None,
        was_part_of: tuple[str, ...] = (),
        verified_by: tuple[str, ...] = (),
        last_date: date | None = None,
        ended: tuple[tuple[Link, date], ...] = (),
        spans: tuple[tuple[date, bool, bool], ...] = (),
        by_parts: tuple[date, ...] = (),
        statuses: tuple[tuple[date, Status], ...] = (),
        left: tuple[tuple[str, date | None, date], ...] = (),
        link_days: tuple[date, ...] = (),
        created: date | None = None,
        parts_tally: PartsTally | None = None,
        committed: date | None = None,
        rolled_back: date | None = None,
        exchanged_since: tuple[date | None, ...] = (),
        last_recorded: datetime | None = None,
        full_since: date | None = None,
        deadline_edits: tuple[tuple[date, date | None], ...] = (),
        expected_parts: int | None = None,
        last_edit: date | None = None,
        acted_on: date | None = None,
        redone_after: date | None = None,
        undone_by: tuple[tuple[date, str], ...] = (),
    ) -> None:
        self.id = id
        self.title = title
        self.actor = actor
        self.category = category
        self.status = status
        self.extent = extent
        self.deadline = deadline
        self.part_of = part_of
        self.in_exchange_for = in_exchange_for
        self.constraints = constraints
        self.conflicted = conflicted
        self.since = since  # when its current status began
        self.acted_since = acted_since  # the day it last came to have acted, if it has
        self.first_acted = first_acted  # when its actor first carried it out
        self.first_verified = first_verified  # its first confirmed finding
        self.own = own  # its state by its own history, parts aside
        self.findings = findings  # how many verifier's findings it has
        self.latest_finding = latest_finding
        self.joined = joined  # the day it became a part of `part_of`, if an edit made it one
        self.was_part_of = was_part_of  # the others it was a part of once (`Life.former_wholes`)
        self.verified_by = verified_by  # who confirmed what it did last, in name order
        self.last_date = last_date  # its latest event, or status_date if later (`node_of`)
        self.spans = spans  # (acted, verified) over time, when it lost either (`Life.spans`)
        self.by_parts = by_parts  # the days its parts changed it (`changes_by_parts`)
        # made of parts (now or once), its status over time as the parts it had each day
        # gave it (`LedgerLife.statuses`); () for a measure never made of parts
        self.statuses = statuses
        # each stretch of days it was a part of a measure and that ended since (an edit
        # moved it out): the measure, the day it became one (None: since it was made), the
        # day it left (`Life.left`); () for one never moved out of one
        self.left = left
        # the days of changes of its exchange links only the other measure records (one
        # it was added with: `changes.link_days`), events of its all the same
        self.link_days = link_days
        self.created = created  # the day it came to be (`Life.created`); None: not known
        self.ended = ended  # its `after` orders since ended, each with the day it ended
        # (how many of its parts have acted, how many are verified, of how many:
        # `parts_tally`; None for a measure without parts)
        self.parts_tally = parts_tally
        self.committed = committed  # the first day it stood agreed or acted, its own life
        # the day its current stretch short of done in full began: the last day it went
        # from done in full to less, or was offered again after a rejection (as its parts
        # give it: `LedgerLife.rolled_back`); None if it never stood done in full or
        # rejected, or stands so again
        self.rolled_back = rolled_back
        # for each measure it is exchanged for (in `in_exchange_for`'s order), the day its
        # own record has had the link since without a break (`changes.exchanged_since`);
        # () when each is its creation, as for nearly every measure (`exchanged_on`)
        self.exchanged_since = exchanged_since
        # when its latest history entry was recorded, where later than any clock can have
        # written it (None: not so, or none), a time typed wrong, which `check` names
        # (`analysis.checks.recorded_after_now`; `_recorded_ahead`)
        self.last_recorded = last_recorded
        # the day it last came to be carried out in full, if it stands so (as its parts
        # give it: `LedgerLife.full_since`); None if it does not
        self.full_since = full_since
        # its deadline as each dated edit of it left it, in replay order, the first pair
        # (`date.min`) the one it had before them (`changes.deadline_days`: none before
        # a creation a step found later overtook, when given there); () when it was
        # never edited nor so given (nearly every measure): `deadline_on` reads it
        self.deadline_edits = deadline_edits
        self.expected_parts = expected_parts  # how many parts it is to have (None: not said)
        # the latest day an edit of a dated field is dated (a hand-over, a deadline moved,
        # a part joining: `lifecycle.correction` says which edits are events), which
        # `last_date` does not read; None for none (`edited_last`)
        self.last_edit = last_edit
        # the day it first acted, in full or in part, whatever it stands at now (as its
        # parts give it: `LedgerLife.first_acted`, its first part's action); None if it
        # never did
        self.acted_on = acted_on
        # the day its stretch short of done in full began, that its standing done in full
        # again ended (as its parts give it: `LedgerLife.redone_after`): a measure undone
        # and carried out again owed from that day; None if not so
        self.redone_after = redone_after
        # the day of each reversal of it another party than its actor made, with that party
        # (`mark reversed --by`: `HistoryEntry.by`), in the history's order; () for none
        self.undone_by = undone_by

    def deadline_on(self, day: date) -> date | None:
        """Its deadline at the end of `day`, as `changes.field_then` reads the edits of
        it: as it stands when no edit is dated after `day`."""
        edits = self.deadline_edits
        if not edits or edits[-1][0] <= day:
            return self.deadline
        return [due for when, due in edits if when <= day][-1]

    @property
    def late(self) -> bool | None:
        """Whether it was done late (`vocab.done_late`): carried out in full after the
        end of its deadline as it stood the day it came to be so (`full_since`); None
        when it does not stand done in full, or had no deadline then."""
        if self.full_since is None:
            return None
        return done_late(self.deadline_on(self.full_since), self.full_since)

    @property
    def to_redo_if_owed(self) -> bool:
        """Whether it stands reversed and exchanged for another, or with a deadline in
        force: carried out again while it owes (`balance.owing`; with a deadline, always:
        `vocab.to_do_again`), as `next` and `plan` list it: a quick first test of the
        node alone, asked by the plan drawn again and by the counts a write brings up; it
        does not read the deadline of a whole the measure is part of, which
        `vocab.to_do_again` (the rule) does, so a caller where parts count asks that."""
        return self.status == Status.reversed and (
            bool(self.in_exchange_for) or self.deadline is not None
        )

    @property
    def first_deadline(self) -> date | None:
        """The first deadline it had, whichever change gave it (its creation, or an edit
        of a measure added without one): the one in force (`deadline_on`) at the end of
        the first day it had one, from its first day on (`created`), so that one
        corrected on that day, which never stood, is not it; its deadline, if never
        edited."""
        if not self.deadline_edits:
            return self.deadline
        start = self.created or date.min
        days = sorted({start, *(when for when, _ in self.deadline_edits if when > start)})
        return next((due for due in map(self.deadline_on, days) if due is not None), None)

    def days_late(self, day: date | None = None) -> int | None:
        """How many days late it is (`vocab.days_past`). Done late (`late`): from its
        deadline as it stood the day it came to be done in full to that day, whatever
        the day read, or from the day it was undone before that, when after the deadline
        (`late_again`: as it was overdue). Else, overdue at the end of `day`
        (`vocab.is_overdue`): from its deadline to `day`, or from the day it was undone,
        when after it (`owed_again`). None when neither, or with no `day` for one not
        done in full (a record kept for any day: `shapes.restand` says it anew on the
        day read)."""
        full = self.full_since
        if full is not None:
            due = self.deadline_on(full)
            if due is None or not done_late(due, full):
                return None
            return days_past(overdue_from(due, self.redone_after), full)
        if day is None or not is_overdue(self, day) or self.deadline is None:
            return None
        return days_past(overdue_from(self.deadline, self.rolled_back), day)

    @property
    def owed_again(self) -> date | None:
        """The day it was undone (`rolled_back`), when after its deadline: its days overdue
        count from then (`vocab.overdue_from`); None when not so."""
        if self.deadline is None or overdue_from(self.deadline, self.rolled_back) == self.deadline:
            return None
        return self.rolled_back

    @property
    def late_again(self) -> date | None:
        """The day it was undone, after its deadline, before it came to be done in full
        again, late (`late`): its days late count from then, as its days overdue did
        (`vocab.overdue_from`); None when not so."""
        full = self.full_since
        due = None if full is None else self.deadline_on(full)
        if due is None or not self.late or overdue_from(due, self.redone_after) == due:
            return None
        return self.redone_after

    def exchanged_on(self, other: str) -> date | None:
        """The day this measure's own record has had it exchanged for `other` since
        without a break: the latest link's run, or its creation (None: its record does not
        link them, or ended the link)."""
        if other not in self.in_exchange_for:
            return None
        if not self.exchanged_since:
            return self.created
        return self.exchanged_since[self.in_exchange_for.index(other)]

    @property
    def shown_finding(self) -> Finding | None:
        """Its latest finding, when its own history gives its status: a measure that
        stands as its parts do is found through them, not by a finding of its own (nor by
        one made before its status began, when its parts gave it that status since: no
        verifier stands at it from the day its findings count from, `findings_from`; one
        whose acted parts left it stands by its own finding again, made before that day)."""
        latest = self.latest_finding
        if latest is None or self.own.status != self.status or by_its_parts(self.parts_tally):
            return None
        before = self.since is not None and latest.date < self.since
        return None if before and not latest.by else latest

    @property
    def partial_beside(self) -> tuple[str, ...]:
        """Who found in part a measure made of parts with no finding of its own to show
        (`shown_finding`), said beside the state its parts give it ('verified (its parts);
        partial (IAEA)'): the verifiers of its own latest finding, partial, that stand since
        its status began (`findings_from`: one made before its parts were confirmed, say,
        stands no more); () when none does."""
        own = self.latest_finding
        if own is None or self.parts_tally is None or self.shown_finding is not None:
            return ()
        return own.by if own.result == Result.partial else ()

    @property
    def found_in_part(self) -> bool:
        """Whether a partial finding stands as its latest, as the verification column says
        (`shapes.verification_text`): its own finding shown, partial, or a refutation found
        in part since; or one said beside its parts' state (`partial_beside`). What
        `status --partial` lists."""
        shown = self.shown_finding
        if shown is not None:
            return shown.result == Result.partial or bool(shown.partial_by)
        return bool(self.partial_beside)

    def replace(self, **changes: Any) -> Node:
        """A copy with some fields changed (what-if)."""
        values = {name: getattr(self, name) for name in Node.__slots__}
        values.update(changes)
        return Node(**values)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Node):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in Node.__slots__)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Node({self.id!r}, {self.status.value})"


class Nodes:
    """A ledger as the analyses read it: its header and a `Node` per measure, in id order."""

    __slots__ = ("title", "parties", "conflicted", "measures", "_index", "derived", "assumed")

    def __init__(
        self, title: str, parties: list[str], conflicted: tuple[str, ...], measures: list[Node]
    ) -> None:
        self.title = title
        self.parties = parties
        self.conflicted = conflicted  # the header's fields in a merge conflict (title, party)
        self.measures = measures
        self._index: dict[str, Node] | None = None
        # What the analyses derived from these nodes, by name, each made once (the step
        # graph that readiness, the plan and the next steps all read).
        self.derived: dict[str, Any] = {}
        # The measures a what-if moved (`analysis.whatif.assume`: the assumed and the
        # wholes re-derived from them): they stand so on the day asked of, where their
        # history, which a yearly view reads for the years before, does not say it.
        self.assumed: frozenset[str] = frozenset()

    def index(self) -> dict[str, Node]:
        """Nodes by id (the first, should a hand edit have repeated an id)."""
        if self._index is None:
            found: dict[str, Node] = {}
            for n in self.measures:
                found.setdefault(n.id, n)
            self._index = found
        return self._index

    def with_measures(self, measures: list[Node]) -> Nodes:
        return Nodes(self.title, self.parties, self.conflicted, measures)

    def in_conflict(self) -> bool:
        """Whether the ledger holds an unresolved merge conflict, its own or a measure's."""
        return bool(self.conflicted) or any(n.conflicted for n in self.measures)

    def __iter__(self) -> Iterator[Node]:
        return iter(self.measures)


def by_its_parts(tally: PartsTally | None) -> bool:
    """Whether a measure with this `parts_tally` stands as its parts give it, not by its
    own history: once one of them has acted (`vocab.derive_from_parts`). Its own
    findings then verify nothing of what it stands at."""
    return tally is not None and tally[0] > 0


def node_row(n: Node) -> list[Any]:
    """`n` as JSON values, in `Node.__slots__` order (the store keeps nodes so; see
    `nodes_from_rows`)."""
    return [
        n.id,
        n.title,
        n.actor,
        n.category,
        n.status.value,
        n.extent.value,
        _day(n.deadline),
        n.part_of,
        list(n.in_exchange_for),
        [
            [c.after, c.with_, c.require.value, c.demanded_by, _day(c.set_on), c.verified_by]
            for c in n.constraints
        ],
        n.conflicted,
        _day(n.since),
        _day(n.acted_since),
        _day(n.first_acted),
        _day(n.first_verified),
        [n.own.status.value, n.own.extent.value],
        n.findings,
        None
        if n.latest_finding is None
        else [
            n.latest_finding.result.value,
            list(n.latest_finding.by),
            _day(n.latest_finding.date),
            None if n.latest_finding.partial_by is None else list(n.latest_finding.partial_by),
        ],
        _day(n.joined),
        list(n.was_part_of),
        list(n.verified_by),
        _day(n.last_date),
        [
            [c.after, c.require.value, c.demanded_by, _day(c.set_on), _day(day), c.verified_by]
            for c, day in n.ended
        ],
        # (null for nearly every measure: an empty list read back is one more object)
        [
            [[_day(day), acted, verified] for day, acted, verified in n.spans],
            [_day(day) for day in n.by_parts],
            [_day(day) for day in n.link_days],
            [[_day(day), status.value] for day, status in n.statuses],
            [[whole, _day(start), _day(end)] for whole, start, end in n.left],
        ]
        if n.spans or n.by_parts or n.link_days or n.statuses or n.left
        else None,
        _day(n.created),
        None if n.parts_tally is None else list(n.parts_tally),
        _day(n.committed),
        _day(n.rolled_back),
        [_day(day) for day in n.exchanged_since] if n.exchanged_since else None,
        None if n.last_recorded is None else n.last_recorded.isoformat(),
        _day(n.full_since),
        [[_day(when), _day(due)] for when, due in n.deadline_edits] or None,
        n.expected_parts,
        _day(n.last_edit),
        _day(n.acted_on),
        _day(n.redone_after),
        [[_day(day), party] for day, party in n.undone_by] or None,
    ]


_STATUSES: dict[Any, Status] = Status._value2member_map_  # type: ignore[assignment]
_EXTENTS: dict[Any, Extent] = Extent._value2member_map_  # type: ignore[assignment]
_REQUIRES: dict[Any, Require] = Require._value2member_map_  # type: ignore[assignment]
_RESULTS: dict[Any, Result] = Result._value2member_map_  # type: ignore[assignment]
_DAY = date.fromisoformat
_MOMENT = datetime.fromisoformat


class _Days(dict[str | None, date | None]):
    """Dates by their ISO text, each made once (None for None)."""

    def __missing__(self, text: str) -> date:
        found = self[text] = date.fromisoformat(text)
        return found


class _States(dict[tuple[str, str], State]):
    """States by their status and extent values, each made once."""

    def __missing__(self, pair: tuple[str, str]) -> State:
        found = self[pair] = State(_STATUSES[pair[0]], _EXTENTS[pair[1]])
        return found


def nodes_from_rows(rows: Iterable[list[Any]]) -> list[Node]:
    """The nodes `node_row` gave these values for (values the store wrote: trusted).

    Ten thousand nodes are read for every analysis: each is made without keyword
    arguments, its named tuples without their Python constructors, and the dates and
    states many share are made once (a lookup that misses makes them).
    """
    days = _Days({None: None})
    states = _States()
    new, tuple_new = object.__new__, tuple.__new__
    requires = _REQUIRES

    made: list[Node] = []
    append = made.append
    for (
        ident,
        title,
        actor,
        category,
        status,
        extent,
        deadline,
        part_of,
        exchanged,
        constraints,
        conflicted,
        since,
        acted_since,
        first_acted,
        first_verified,
        own,
        findings,
        latest,
        joined,
        was_part_of,
        verified_by,
        last_date,
        ended,
        over_time,
        created,
        tally,
        committed,
        rolled_back,
        exchanged_since,
        last_recorded,
        full_since,
        deadline_edits,
        expected_parts,
        last_edit,
        acted_on,
        redone_after,
        undone_by,
    ) in rows:
        n = new(Node)
        n.id = ident
        n.title = title
        n.actor = actor
        n.category = category
        n.status = _STATUSES[status]
        n.extent = _EXTENTS[extent]
        n.deadline = days[deadline]
        n.part_of = part_of
        n.in_exchange_for = tuple(exchanged)
        n.constraints = (
            tuple(
                [
                    tuple_new(Link, (a, w, requires[r], b, days[d], v))
                    for a, w, r, b, d, v in constraints
                ]
            )
            if constraints
            else ()
        )
        n.conflicted = conflicted
        n.since = days[since]
        n.acted_since = days[acted_since]
        n.first_acted = days[first_acted]
        n.first_verified = days[first_verified]
        n.own = states[own[0], own[1]]
        n.findings = findings
        n.latest_finding = (
            None
            if latest is None
            else tuple_new(
                Finding,
                (
                    _RESULTS[latest[0]],
                    tuple(latest[1]),
                    days[latest[2]],
                    None if latest[3] is None else tuple(latest[3]),
                ),
            )
        )
        n.joined = days[joined]
        n.was_part_of = tuple(was_part_of) if was_part_of else ()
        n.verified_by = tuple(verified_by) if verified_by else ()
        n.last_date = days[last_date]
        n.ended = (
            tuple(
                [
                    (tuple_new(Link, (a, None, requires[r], b, days[s], v)), _DAY(e))
                    for a, r, b, s, e, v in ended
                ]
            )
            if ended
            else ()
        )
        if over_time is None:
            n.spans = n.by_parts = n.link_days = n.statuses = n.left = ()
        else:
            n.spans = tuple([(_DAY(d), a, v) for d, a, v in over_time[0]])
            n.by_parts = tuple([_DAY(d) for d in over_time[1]])
            n.link_days = tuple([_DAY(d) for d in over_time[2]])
            n.statuses = tuple([(_DAY(d), _STATUSES[s]) for d, s in over_time[3]])
            n.left = tuple([(w, days[s], _DAY(e)) for w, s, e in over_time[4]])
        n.created = days[created]
        n.parts_tally = None if tally is None else tuple(tally)
        n.committed = days[committed]
        n.rolled_back = days[rolled_back]
        n.exchanged_since = tuple([days[d] for d in exchanged_since]) if exchanged_since else ()
        n.last_recorded = None if last_recorded is None else _MOMENT(last_recorded)
        n.full_since = days[full_since]
        n.deadline_edits = (
            tuple([(date.fromisoformat(when), days[due]) for when, due in deadline_edits])
            if deadline_edits
            else ()
        )
        n.expected_parts = expected_parts
        n.last_edit = days[last_edit]
        n.acted_on = days[acted_on]
        n.redone_after = days[redone_after]
        n.undone_by = tuple([(_DAY(d), p) for d, p in undone_by]) if undone_by else ()
        append(n)
    return made


def _finding_order(v: Verification) -> tuple[date, int, bool, int]:
    # (as the replay counts them: `vocab.finding_place`)
    return (v.date, *finding_place(v.result))


def _day(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def node_of(
    m: Measure, life: LedgerLife, measure: Callable[[str], Measure | None] | None = None
) -> Node:
    """`m`'s node, its facts from `life` (the replay of the ledger it sits in) and, for the
    changes of its exchange links only the other measure records, from those others
    (`measure`: one by its id, None when not in the ledger; not given: read alone, as a
    file read anew first reads each measure, and `link_days` are set once all are read)."""
    own_life = life.life(m.id)
    given = life.state(m.id)
    # (a whole's state as an earlier dprk stored it is read as its parts give it now)
    stands = life.standing(m.id, State(m.status, m.extent), given)
    since = status_began(life, m.id, stands.status, given)
    counted = findings_from(life, m.id, since)  # (the day its own findings count from)
    findings, latest = findings_on(m, stands.status, own_life.last_action, counted)
    by_parts = days_by_parts(life, m.id)
    tally = parts_tally(life, m.id)
    # (who confirmed each of its parts, read only of one verified through them; none read
    # alone, its parts unknown: `store.anew` finds them once every measure is read)
    by_parts_found = None
    if measure is not None:
        above, found = frozenset({m.id}), measure
        by_parts_found = parts_verifiers(life, m.id, lambda p: verifiers_of(life, p, found, above))
    from .changes import deadline_days

    linked: tuple[date, ...] = ()
    if measure is not None and (m.in_exchange_for or any(h.event == "exchange" for h in m.history)):
        from .changes import link_days

        linked = link_days(m, own_life.created, measure)
    exchanged: tuple[date | None, ...] = ()
    if m.in_exchange_for:
        from .changes import exchanged_since

        exchanged = exchanged_since(m, own_life.created)
        if all(day == own_life.created for day in exchanged):
            exchanged = ()  # (each from its creation: nothing kept, at 100,000 measures)
    return Node(
        id=m.id,
        title=m.title,
        actor=m.actor,
        category=m.category,
        status=stands.status,
        extent=stands.extent,
        deadline=m.deadline,
        part_of=m.part_of,
        in_exchange_for=tuple(m.in_exchange_for),
        constraints=_links(m),
        conflicted=bool(m.conflicts),
        since=since,
        acted_since=life.acted_since(m.id),
        first_acted=own_life.first_acted,
        first_verified=own_life.first_verified,
        own=own_life.state,
        findings=findings,
        latest_finding=latest,
        joined=own_life.joined(m.part_of),
        was_part_of=own_life.former_wholes(m.part_of),
        verified_by=verifiers(m, counted, tally, by_parts_found),
        last_date=latest_day(*event_days(m, since, by_parts, own_life.created, linked)),
        ended=_ended(m),
        spans=own_life.spans,
        by_parts=by_parts,
        statuses=life.statuses(m.id),
        left=own_life.left(),
        link_days=linked,
        created=own_life.created,
        parts_tally=tally,
        committed=own_life.first_committed,
        rolled_back=life.rolled_back(m.id),
        exchanged_since=exchanged,
        last_recorded=_recorded_ahead(m),
        # (a status set by hand against the history: as its stored state says it stands)
        full_since=life.full_since(m.id) if done_in_full(stands) else None,
        deadline_edits=deadline_days(m) if m.history else (),
        expected_parts=m.expected_parts,
        last_edit=edited_last(m),
        acted_on=life.first_acted(m.id, own_life.first_acted),
        redone_after=life.redone_after(m.id) if done_in_full(stands) else None,
        undone_by=reversals_by_others(m.history),
    )


def edited_last(m: Measure) -> date | None:
    """The latest day an edit of one of `m`'s dated fields is dated (`Node.last_edit`): an
    event of the talks (`lifecycle.correction`), as its steps are; None for none."""
    edits = [h for h in m.history if h.event == "edit"]
    if not edits:
        return None
    from .lifecycle import correction

    return max((h.date for h in edits if not correction(h)), default=None)


def _recorded_ahead(m: Measure) -> datetime | None:
    """When `m`'s latest entry was recorded, where that is a day or more after the system's
    clock (`clock.recorded_ahead`; `check` judges it against the clock it reads, a time
    typed wrong); None otherwise, as for nearly every measure, so that a node holds no
    time of its own (at 100,000 measures, megabytes). One not ahead when the node is
    made is not ahead later: the clock moves on. Asked of the system's clock alone, so
    that making a node never reads SOURCE_DATE_EPOCH (a completion ignores it). The one
    pass over its entries a node's making adds."""
    latest = max((h.recorded for h in m.history), default=None)
    return latest if latest is not None and recorded_ahead(latest, system=True) else None


def parts_tally(life: LedgerLife, ident: str) -> PartsTally | None:
    """How many of the measure's parts have acted, how many stand verified (each as its
    own parts give it), and of how many (those it is to have, `expected_parts`, when
    more); None for a measure without parts (or whose parts all stand rejected, which
    count for nothing: `vocab.counted_parts`)."""
    parts = [p for p in life.parts(ident) if p in life.known and p != ident]
    if not parts:
        return None
    return tally_of([life.state(p) for p in parts], life.life(ident).expected_parts)


def tally_of(states: Iterable[State | None], expected: int | None = None) -> PartsTally | None:
    """(acted, verified, count, disputed) of the states of a measure's parts
    (`Node.parts_tally`, `vocab.PartsTally`), those that stand rejected left out
    (`vocab.counted_parts`); the count is `expected`, the parts it is to have, when more
    than it has. None when none is left: it stands as one without parts."""
    found = [s.status for s in counted_parts(s for s in states if s is not None)]
    if not found:
        return None
    acted = sum(status in ACTED for status in found)
    count = parts_counted(len(found), expected)
    return acted, found.count(Status.verified), count, found.count(Status.disputed)


def event_days(
    m: Measure,
    since: date | None,
    by_parts: Iterable[date] = (),
    created: date | None = None,
    linked: Iterable[date] = (),
) -> list[date]:
    """The days of the measure's events (`Measure.event_dates`), the day its status
    began (`since`), the days its parts changed it (`by_parts`: a measure made of parts
    changes with them, as the timeline shows) and the days of changes of its exchange
    links the other measure alone records (`linked`: `Node.link_days`; a link's change is
    an event of both): what `last_date` is the latest of, and what `--since` and
    `--until` ask. A creation recorded without a date is on the day
    its replay made it (`created`): for a whole, its parts' first day, not the day its
    entry holds (the day it was added, when it has no event of its own); on none, one
    written by hand that no event dates (`created` None: `lifecycle.of_no_day`). One given a
    date keeps it: dated at a status past the offer and overtaken by an earlier step
    found later (`lifecycle.overtaken_creation`), it is still the step to that status
    on its own day, as the timeline and `--as-of` have it."""
    found = m.event_dates()
    made = next((h for h in m.history if h.event == CREATED), None)
    if made is not None and made.undated and made.date != created:
        found.remove(made.date)
        if created is not None:
            found.append(created)
    if since is not None:
        found.append(since)
    found.extend(by_parts)
    found.extend(linked)
    return found


def days_by_parts(life: LedgerLife, ident: str) -> tuple[date, ...]:
    """The days a measure's status or extent changed as its parts gave it
    (`LedgerLife.changes_by_parts`); () for one that never had parts."""
    return tuple(day for day, _ in life.changes_by_parts(ident)) if life.members(ident) else ()


def orders_of_wholes(index: Mapping[str, Node], ident: str) -> list[tuple[str, Link]]:
    """The `after` orders that hold measure `ident` through what it is part of (and so on
    up), each with the measure that has it: not one toward itself or toward a measure
    between it and that one, as `next` and `plan` read them."""
    found: list[tuple[str, Link]] = []
    below = {ident}
    for whole in ancestors(index, ident):
        if whole not in index:
            break
        found += [(whole, c) for c in index[whole].constraints if c.after not in (None, *below)]
        below.add(whole)
    return found


def latest_day(*days: date | None) -> date | None:
    """The latest of `days` given (None for none): a node's `last_date` from its event
    days, or moved on by a status that began later (a whole's, an assumed one)."""
    return max((day for day in days if day is not None), default=None)


def exchanged_from(a: Node, b: Node) -> date | None:
    """The day `a` and `b` have been exchanged for each other since without a break:
    the later of the two records' (each end records the link; a measure added exchanged
    for the other, from its creation; made again after an unlink, from the new link:
    `Node.exchanged_on`); None when neither dates it. Nothing is owed for an exchange
    before it (`analysis.balance`), and no act done for it (`analysis.exchanges`)."""
    return latest_day(a.exchanged_on(b.id), b.exchanged_on(a.id))


Spans = list[tuple[date, bool, bool]]  # (a day, and whether it had acted, stood verified)


def own_spans(n: Node, *, verified: bool) -> Spans:
    """`n`'s own (acted, verified) over time (`Node.spans`), or, for one that never lost
    either, the days it first acted and was first verified."""
    if n.spans:
        return list(n.spans)
    found = [] if n.first_acted is None else [(n.first_acted, True, False)]
    if verified and n.first_verified is not None:
        found = [(d, a, v) for d, a, v in found if d < n.first_verified]
        found.append((n.first_verified, True, True))
    return found


def spans_through_parts(n: Node) -> Spans:
    """A measure made of parts (now or once), (acted, verified) over time as the parts
    it had each day gave it (`Node.statuses`, `LedgerLife.statuses`: the one reading
    of a whole's state on a day, as `--as-of` and the timeline have it); each day
    either changed."""
    made: Spans = []
    for day, status in n.statuses:
        now = (status in ACTED, status == Status.verified)
        if not made or made[-1][1:] != now:
            made.append((day, *now))
    return made


def acted_spans(n: Node) -> Spans:
    """`n`'s (acted, verified) over time as its acts are read: a measure made of parts
    (now or once) as those it had each day gave it (`spans_through_parts`), another as
    its own (`own_spans`)."""
    return spans_through_parts(n) if n.statuses else own_spans(n, verified=False)


def done_in(spans: Spans, day: date, verified: bool) -> date | None:
    """The day from which a measure whose (acted, verified) over time `spans` gives had
    acted (`verified`: stood verified) without a break, when it had by the end of `day`;
    else the first day after `day` it did; None if it never did."""
    began: date | None = None
    for d, acted, found in spans:
        done = found if verified else acted
        if d <= day:
            began = (began or d) if done else None
        elif done:
            return began if began is not None else d
    return began


def acted_from(n: Node, day: date) -> date | None:
    """The day from which `n` had acted (in full or in part) without a break, when it had
    by the end of `day`; else the first day after `day` it came to act; None if it never
    did (`done_in`; a measure made of parts, as those it had each day gave it). What
    `analysis.exchanges` reads as a side's act for an exchange made on `day`."""
    return done_in(acted_spans(n), day, False)


def _ended(m: Measure) -> tuple[tuple[Link, date], ...]:
    """`m`'s `after` orders since ended, as the analyses read them (`changes.orders_ended`)."""
    if not any(h.event == "sequence" for h in m.history):
        return ()
    from .changes import orders_ended

    return tuple((Link.of(c, start), end) for c, start, end in orders_ended(m))


def verifiers(
    m: Measure,
    since: date | None,
    tally: PartsTally | None = None,
    parts: Iterable[tuple[str, ...]] | None = None,
) -> tuple[str, ...]:
    """Who confirmed what `m` did last, in name order: the verifiers of a confirmed
    finding since it became verified (`since`); none unless it is verified (a refuted
    or partial finding, or one on an earlier extent or before a reversal, names none).
    One that stands as its parts give it (`tally`: `by_its_parts`) has no finding of its
    own that counts: it is verified by those who confirmed every part (`parts`: who
    confirmed each part that counts, `parts_verifiers`; `verified_through`). The one
    rule of who verified a measure: `Node.verified_by`, which the records, the
    `--verified-by` filter and an order naming a verifier read."""
    if by_its_parts(tally):
        return verified_through(since, tally, parts)
    if m.status != Status.verified or since is None:
        return ()
    return found_by(m, since, Result.confirmed)


def verified_through(
    since: date | None,
    tally: PartsTally | None,
    parts: Iterable[tuple[str, ...]] | None,
) -> tuple[str, ...]:
    """Who confirmed a measure made of parts that stands verified through them (`tally`:
    every part it is to have stands verified; `since`, the day it came to stand so, None
    for a status set by hand, verified by none), in name order: each verifier among
    those of every one of its `parts` that count (each part's own `verifiers`, through
    its own parts for one made of them, read only when it stands so; None: not known,
    none). Parts confirmed each by another verifier leave it verified by none."""
    if since is None or tally is None or tally[1] < tally[2] or parts is None:
        return ()
    common: set[str] | None = None
    for by in parts:
        common = set(by) if common is None else common.intersection(by)
        if not common:
            return ()
    return tuple(sorted(common)) if common else ()


def parts_verifiers(
    life: LedgerLife, ident: str, of_part: Callable[[str], tuple[str, ...]]
) -> Iterator[tuple[str, ...]]:
    """Who confirmed each part of measure `ident` that counts in it (those `parts_tally`
    counts: `vocab.counts_as_part`), as `of_part` gives a part's verifiers."""
    for p in life.parts(ident):
        state = life.state(p) if p in life.known and p != ident else None
        if state is not None and counts_as_part(state.status):
            yield of_part(p)


def verifiers_of(
    life: LedgerLife,
    ident: str,
    measure: Callable[[str], Measure | None],
    seen: frozenset[str] = frozenset(),
) -> tuple[str, ...]:
    """Who confirmed measure `ident` (`verifiers`), as its node has them (`node_of`), its
    parts' asked the same way (`measure`: one by its id; `seen`: the measures above it,
    a cycle of parts, or parts nested past `vocab.PARTS_DEPTH`, naming none)."""
    m = measure(ident)
    if m is None or ident in seen or len(seen) > PARTS_DEPTH:
        return ()
    given = life.state(ident)
    stands = life.standing(ident, State(m.status, m.extent), given)
    counted = findings_from(life, ident, status_began(life, ident, stands.status, given))
    inside = seen | {ident}
    return verifiers(
        m,
        counted,
        parts_tally(life, ident),
        parts_verifiers(life, ident, lambda p: verifiers_of(life, p, measure, inside)),
    )


def found_by(m: Measure, since: date | None, result: Result) -> tuple[str, ...]:
    """Every verifier whose finding on `m` stands at `result`, in name order: one who
    found so since its status began (`since`), and has not confirmed or refuted it
    otherwise since (a partial finding changes nothing: a confirmation or refutation
    stands beside it). The one rule of who is named with a finding: the verifiers who
    confirmed a verified measure (`verifiers`), and those of the finding the status
    table, `show` and the report name (`Node.latest_finding`)."""
    named: dict[str, None] = {}
    found = (v for v in m.verifications if since is None or v.date >= since)
    for v in sorted(found, key=_finding_order):
        if v.result == result:
            named[v.by] = None
        elif v.result != Result.partial:
            named.pop(v.by, None)
    return tuple(sorted(named))


def status_began(life: LedgerLife, ident: str, status: Status, given: State | None) -> date | None:
    """When the measure's `status` (as the file holds it) began (`LedgerLife.status_since`):
    None for a status set by hand against what its history (or its parts) give (`given`:
    `life.state(ident)`), which no entry dates (the day the history's own status began
    is not the day of this one)."""
    if given is not None and given.status != status:
        return None
    return life.status_since(ident)


def findings_from(life: LedgerLife, ident: str, since: date | None) -> date | None:
    """The day from which the measure's own findings count toward its status (who
    confirmed it, `verifiers`; who found as its latest finding did, `found_by`): the day
    its status began (`since`: `status_began`), but for one whose parts gave it another
    status on some days and that stands as its own history gives it now (the parts that
    acted left it, or none acted), the day its own history's status began: a finding
    made before its parts moved it is what gives its status again. None as `since` is."""
    if since is None or not life.members(ident) or life.parts_give(ident):
        return since
    own = life.life(ident).status_since
    return since if own is None else min(own, since)


def findings_on(
    m: Measure, status: Status, acted: date | None, counted: date | None
) -> tuple[int, Finding | None]:
    """How many of `m`'s findings are on its latest action, and its latest finding
    (`Node.findings`, `Node.latest_finding`), for `m` standing at `status` (as its parts
    give it, for one made of parts), having last acted anew on `acted`
    (`Life.last_action`), its own findings counting from `counted` (`findings_from`).
    The one home of which finding is latest: a file read a measure at a time chooses it
    again once a whole's parts are known (`store.anew`)."""
    # The findings on its latest action: one made before it acted anew was on another,
    # and a reversal undid what any of them found.
    findings = [
        v for v in m.verifications if status in ACTED and (acted is None or v.date >= acted)
    ]
    # (reversed: a finding made since, refuted or partial, is of the reversal, and leaves
    # it reversed; one on the day of the reversal came before it, on the action undone)
    shown = findings or [
        v
        for v in m.verifications
        if status == Status.reversed and counted is not None and v.date > counted
    ]
    # (the last the replay takes: by day, a refutation after a confirmation of its day)
    latest = max(reversed(shown), key=_finding_order, default=None)
    if latest is None:
        return len(findings), None
    partial_by = None
    if status in (Status.disputed, Status.reversed) and latest.result == Result.partial:
        # (a partial finding since changes nothing: the refutation that made it disputed
        # is the one to name, as a confirmation is of a verified measure, with who found
        # it in part since; of a reversal, the one found first)
        refuted = [v for v in shown if v.result == Result.refuted]
        if refuted:
            partial_by = found_by(m, counted, Result.partial)
        latest = max(reversed(refuted), key=_finding_order, default=latest)
    by = found_by(m, counted, latest.result)
    return len(findings), Finding(latest.result, by, latest.date, partial_by)


def _links(m: Measure) -> tuple[Link, ...]:
    """`m`'s constraints as the analyses read them, each with the day it was set."""
    if not m.constraints:
        return ()
    from .changes import orders_since

    since = orders_since(m)
    return tuple(Link.of(c, since.get(c.other)) for c in m.constraints)


def nodes_of(
    ledger: Ledger, only: Iterable[str] | None = None, *, life: LedgerLife | None = None
) -> Nodes:
    """The ledger's nodes (every measure's, or `only` those ids'), from one replay (`life`:
    the ledger's replays, when already made)."""
    from .lifecycle import LedgerLife

    index: Mapping[str, Measure] = ledger.index()
    life = life or LedgerLife(index)
    wanted = None if only is None else set(only)
    measures = [
        node_of(m, life, index.get) for m in ledger.measures if wanted is None or m.id in wanted
    ]
    conflicted = tuple(c.field for c in ledger.conflicts)
    return Nodes(ledger.title, list(ledger.parties), conflicted, measures)
