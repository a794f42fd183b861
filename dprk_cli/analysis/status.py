"""Who has acted and what each side still owes: per-party counts and measure filters."""

from __future__ import annotations

from collections.abc import Callable, Container, Mapping, Sequence
from copy import copy
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeVar

from ..plain import Plain
from ..vocab import (
    ACTED,
    NOTE,
    PENDING,
    Status,
    category_key,
    counts_as_part,
    parts_by_whole,
    text_key,
)

if TYPE_CHECKING:  # (the filters are made for every listing, before any ledger is read)
    from ..facts import Node, Nodes
    from ..model import Ledger, Measure
    from .overview import Overview


class _Part(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def part_of(self) -> str | None: ...


N = TypeVar("N", bound=_Part)


class PartySummary(Plain):
    """Counts for one party's measures."""

    __slots__ = ("name", "measures", "acted", "verified", "pending", "rejected")

    def __init__(
        self,
        name: str,
        measures: int = 0,
        acted: int = 0,
        verified: int = 0,
        pending: int = 0,
        rejected: int = 0,
    ) -> None:
        self.name = name
        self.measures = measures
        self.acted = acted
        self.verified = verified
        self.pending = pending
        self.rejected = rejected

    def count(self, status: Status, sign: int = 1) -> None:
        """Count one measure of `status` (`sign` -1: no longer count it)."""
        self.measures += sign
        self.acted += sign * (status in ACTED)
        self.verified += sign * (status == Status.verified)
        self.pending += sign * (status in PENDING)
        self.rejected += sign * (status == Status.rejected)


def awaits_verification(n: Node, wholes: Container[str]) -> bool:
    """Whether a measure has acted and no verifier has made a finding of any kind on it
    since it last did (`Node.findings`: one on an earlier action, before it was carried
    further or undone and done again, does not count): what `--unverified` lists, and
    the report counts. A measure made of parts (its id in `wholes`) is verified through
    them, so never is."""
    return n.acted and not n.findings and n.id not in wholes


def confirmed_by(n: Node, key: str) -> bool:
    """Whether the verifier of `key` is among those who confirmed what the measure did last
    (`Node.verified_by`: it stands verified, by its own findings, and the verifier's
    confirmation stands: not refuted by it since, nor made before the measure acted anew
    or was undone; verified through its parts, the verifier confirmed each part that
    counts, `facts.verifiers`; the verifiers `verified_by` names), named as a
    party is (`rules.party_key`: 'iaea' and 'UN  Mission' name IAEA and UN Mission):
    what `status --verified-by` lists; `key`, the name's `party_key`, made once by the
    caller for every measure it asks of."""
    if not n.verified_by:
        return False
    from ..rules import party_key

    return any(party_key(by) == key for by in n.verified_by)


class Filters(Plain):
    """The shared measure filters of the listing commands; empty means no filter."""

    __slots__ = (
        "parties",
        "statuses",
        "categories",
        "pending",
        "acted",
        "unverified",
        "partial",
        "verified_by",
        "ready",
        "blocked",
        "overdue",
        "deadlocked",
        "late",
        "since",
        "until",
        "search",
    )

    def __init__(
        self,
        parties: list[str] | None = None,
        statuses: list[Status] | None = None,
        categories: list[str] | None = None,
        pending: bool = False,
        acted: bool = False,
        unverified: bool = False,
        partial: bool = False,
        verified_by: str | None = None,
        ready: bool = False,
        blocked: bool = False,
        overdue: bool = False,
        deadlocked: bool = False,
        late: bool = False,
        since: date | None = None,
        until: date | None = None,
        search: str | None = None,
    ) -> None:
        self.parties: list[str] = [] if parties is None else parties
        self.statuses: list[Status] = [] if statuses is None else statuses
        self.categories: list[str] = [] if categories is None else categories
        self.pending = pending
        self.acted = acted
        self.unverified = unverified  # acted, and no finding of any kind since
        self.partial = partial  # its latest finding is partial
        self.verified_by = verified_by  # verified, this verifier among who confirmed it
        self.ready = ready  # pending (or its rest), every sequencing constraint met
        self.blocked = blocked  # pending (or its rest held), waiting for another measure
        # (flagged so on the day of the overview `select` is given: `status` alone)
        self.overdue = overdue  # past its deadline, not carried out in full
        self.deadlocked = deadlocked  # in a circle of orders
        self.late = late  # carried out in full after its deadline (`Node.late`)
        self.since = since
        self.until = until
        self.search = search

    @property
    def needs_measures(self) -> bool:
        """Whether a filter reads more than a measure's node: its dates, notes, sources."""
        return self.since is not None or self.until is not None or bool(self.search)

    def accepts(
        self, n: Node, m: Measure | None = None, read: Callable[[Measure], str] | None = None
    ) -> bool:
        """Whether the measure passes; `m`, its full record, is needed when
        `needs_measures` (a period, a search); `read` gives what a search reads of it
        (default `searched`: the measure as it stands)."""
        if self.parties and n.actor not in self.parties:
            return False
        if self.statuses and n.status not in self.statuses:
            return False
        if self.categories and category_key(n.category) not in {
            category_key(c) for c in self.categories
        }:
            return False
        if self.pending and not n.pending:
            return False
        if self.acted and not n.acted:
            return False
        if self.late and n.late is not True:
            return False
        if self.unverified and not awaits_verification(n, ()):  # (wholes: see `select`)
            return False
        if self.partial and not n.found_in_part:  # (as the verification column says)
            return False
        if not self.needs_measures:
            return True
        assert m is not None, "a period or a search reads the measure itself"
        if self.since is not None or self.until is not None:
            from ..facts import event_days

            days = event_days(m, n.since, n.by_parts, n.created, n.link_days)
            if n.last_date is not None:  # (the latest of them; an --assume's day too)
                days.append(n.last_date)
            if not any(map(self.in_period, days)):
                return False
        if self.search:
            haystack = searched(m) if read is None else read(m)
            if text_key(self.search) not in haystack:
                return False
        return True

    # The filters judged on a day (a measure's status then, its findings, its order):
    # a yearly scorecard judges them on each 31 December, not on the card's day.
    # (all but a category: a period or a search too, the events and notes on record then)
    ON_THE_DAY = tuple(name for name in __slots__ if name != "categories")
    # (each filter as none, where it is not False)
    _NONE: ClassVar[dict[str, Any]] = {
        "parties": [],
        "statuses": [],
        "verified_by": None,
        "since": None,
        "until": None,
        "search": None,
    }

    def but_the_day(self) -> Filters:
        """The same filters without those judged on a day (`ON_THE_DAY`)."""
        return self.but(  # type: ignore[no-any-return]
            **{name: self._NONE.get(name, False) for name in self.ON_THE_DAY}
        )

    def of_the_day(self) -> Filters:
        """Only the filters judged on a day (`ON_THE_DAY`)."""
        return Filters(**{name: getattr(self, name) for name in self.ON_THE_DAY})

    def by_state(self) -> bool:
        """Whether the filters judged on a day read no more than a measure's status and
        who was to carry it out then (`accepts_state` answers them)."""
        return not (
            self.unverified
            or self.partial
            or self.verified_by is not None
            or self.ready
            or self.blocked
            or self.overdue
            or self.deadlocked
            or self.late
            or self.needs_measures
        )

    def accepts_state(self, status: Status, actor: str) -> bool:
        """Whether a measure of `status`, to be carried out by `actor`, passes the
        filters judged on a day that read only those (`by_state`)."""
        if self.parties and actor not in self.parties:
            return False
        if self.statuses and status not in self.statuses:
            return False
        if self.pending and status not in PENDING:
            return False
        return not (self.acted and status not in ACTED)

    def but_period(self) -> Filters:
        """The same filters without --since and --until: `dprk log` applies those to the
        entries it shows (a correction of the record too), not to the measures."""
        found = copy(self)
        found.since = found.until = None
        return found

    def period_words(self) -> str:
        """--since and --until in words: 'from 1995-01-01', 'up to ...', 'from ... to ...'."""
        since = f"from {self.since}" if self.since is not None else ""
        until = f"up to {self.until}" if self.until is not None else ""
        if since and until:
            return f"{since} to {self.until}"
        return since or until

    def in_period(self, day: date) -> bool:
        """Whether `day` lies within --since/--until (both inclusive)."""
        return (self.since is None or day >= self.since) and (
            self.until is None or day <= self.until
        )


def searched(m: Measure, day: date | None = None) -> str:
    """What --search reads of a measure, in the form it compares (`text_key`): its id,
    title, notes and sources, the notes of its dated entries and findings (`dprk
    note`, `--note`; a note written by hand may give its text as the entry's detail),
    and its findings' verifier, method and evidence (what one verifier found on: a
    confirmation, a partial finding or a refutation alike).
    On a past `day`, of `m` as the file has it, only what the ledger held then: its title
    and notes as they were (`changes.text_on`), the sources it held (`changes.sources_on`),
    the entries and findings dated by then."""
    title, notes, sources = m.title, m.notes, m.sources
    history, findings = m.history, m.verifications
    if day is not None:
        from ..changes import sources_on, text_on

        title, notes = text_on(m, day)
        sources = sources_on(m, day)
        history = [h for h in history if h.date <= day]
        findings = [v for v in findings if v.date <= day]
    dated = [h.note for h in history]
    for v in findings:
        dated += (v.note, v.by, v.method, *v.evidence)
    dated += [h.detail for h in history if h.event == NOTE]
    return text_key(" ".join([m.id, title, notes, *sources, *dated]))


def select(
    ledger: Nodes,
    filters: Filters,
    measures: Sequence[Measure] | None = None,
    read: Callable[[Measure], str] | None = None,
    overview: Overview | None = None,
) -> list[Node]:
    """The nodes that pass `filters`, in ledger (id) order (`measures`: the full records,
    for filters that read them, each in the place of its node: an id a hand edit held
    twice names two measures; `read`: what a search reads of one, when not the measure
    as it stands: `searched`; `overview`: the order of `ledger` on the day asked of, as
    `status` flags its measures, for --overdue and --deadlocked)."""
    if filters == Filters():  # no filter: nothing to ask of each measure
        chosen = list(ledger.measures)
    elif measures is None:
        chosen = [n for n in ledger.measures if filters.accepts(n, None)]
    else:
        pairs = zip(ledger.measures, measures, strict=True)
        chosen = [n for n, m in pairs if filters.accepts(n, m, read)]
    if filters.unverified:  # a measure made of parts is verified through its parts
        parents = {  # (a part that stands rejected is none: `vocab.counted_parts`)
            n.part_of for n in ledger.measures if n.part_of is not None and counts_as_part(n.status)
        }
        if parents:
            chosen = [n for n in chosen if n.id not in parents]
    if filters.verified_by is not None:
        from ..rules import party_key

        key = party_key(filters.verified_by)
        chosen = [n for n in chosen if confirmed_by(n, key)]
    if filters.ready or filters.blocked:
        from .sequencing import readiness

        # (pending measures, and the rest of one carried out in part, blocked where an
        # order holds it, as `next` lists them: the others are neither)
        states = readiness(ledger)
        chosen = [
            n
            for n in chosen
            if n.id in states
            and (not filters.ready or states[n.id].ready)
            and (not filters.blocked or not states[n.id].ready)
        ]
    if filters.overdue or filters.deadlocked:  # (as the flags column marks them)
        assert overview is not None, "--overdue and --deadlocked read the day's overview"
        chosen = [
            n
            for n in chosen
            if (not filters.overdue or n.id in overview.overdue)
            and (not filters.deadlocked or overview.deadlocked(n.id))
        ]
    return chosen


def parts_of(ledger: Ledger | Nodes) -> dict[str, list[Any]]:
    """The parts of each measure that has any (measures, or nodes), by its id, in id order."""
    by_id: dict[str, Any] = {}
    for m in ledger.measures:
        by_id.setdefault(m.id, m)  # (a hand edit may repeat an id: the first)
    wholes = parts_by_whole((m.id, m.part_of) for m in ledger.measures)
    return {whole: [by_id[i] for i in ids] for whole, ids in wholes.items()}


def folded(measures: list[N]) -> list[tuple[int, N]]:
    """`measures` with each one's parts right after it, and how deep each sits (0: not a
    part of another one in the list); a cycle of parts is listed once, unfolded."""
    present = {m.id: m for m in measures}
    children: dict[str, list[N]] = {}
    for m in measures:
        if m.part_of is not None and m.part_of in present and m.part_of != m.id:
            children.setdefault(m.part_of, []).append(m)
    result: list[tuple[int, N]] = []
    placed: set[int] = set()  # (each measure once: an id a hand edit held twice is two)

    def place(top: N, at: int) -> None:  # (with a stack: a hand edit may nest thousands deep)
        stack = [(at, top)]
        while stack:
            depth, m = stack.pop()
            if id(m) in placed:
                continue
            placed.add(id(m))
            result.append((depth, m))
            stack.extend((depth + 1, child) for child in reversed(children.get(m.id, [])))

    for m in measures:
        if m.part_of is None or m.part_of not in present:
            place(m, 0)
    for m in measures:  # parts in a cycle: no root reaches them
        place(m, 0)
    return result


def party_summaries(ledger: Nodes, measures: list[Node] | None = None) -> dict[str, PartySummary]:
    """Per-party counts over `measures` (all by default); every declared party appears."""
    result = {name: PartySummary(name) for name in ledger.parties}
    for m in ledger.measures if measures is None else measures:
        summary = result.get(m.actor)
        if summary is None:
            summary = result[m.actor] = PartySummary(m.actor)
        summary.count(m.status)
    return result


def summaries_json(summaries: dict[str, PartySummary]) -> dict[str, list[int]]:
    return {
        name: [s.measures, s.acted, s.verified, s.pending, s.rejected]
        for name, s in summaries.items()
    }


def summaries_from_json(data: dict[str, list[int]]) -> dict[str, PartySummary]:
    return {name: PartySummary(name, *counts) for name, counts in data.items()}


def summaries_after(
    old: dict[str, list[int]],
    was: Mapping[str, tuple[str, Status] | None],
    now: Mapping[str, Node],
) -> dict[str, list[int]] | None:
    """Per-party counts as `summaries_json` gives them, brought from `old` to the ledger in
    which the measures of `was` (each as it stood: actor and status; None: it was not
    there) stand as `now` says (absent: removed). None when a count would need a party
    that `old` does not name (only a ledger with undeclared actors has one)."""
    counts = summaries_from_json(old)
    for ident, then in was.items():
        n = now.get(ident)
        for standing, sign in ((then, -1), (None if n is None else (n.actor, n.status), 1)):
            if standing is None:
                continue
            actor, status = standing
            summary = counts.get(actor)
            if summary is None:
                return None
            summary.count(status, sign)
    return summaries_json(counts)
