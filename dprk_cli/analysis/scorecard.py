"""How far each side went: implementation scores in the manner of the Peace Accords Matrix.

The Peace Accords Matrix (Kroc Institute) codes each provision of an accord on
a four-level scale — not initiated (0), minimal (1), intermediate (2), full
(3) — and rolls the levels up per accord, per theme and per year. dprk does
the same with measures: it counts the *commitments* (measures agreed, or
carried out: agreed, implemented, verified, disputed, reversed; a proposal,
or a measure withdrawn or rejected before it was agreed, was never one; one
agreed at some point stays one, whatever it came to: `vocab.a_commitment`),
sorts them by their extent (one reversed, withdrawn, rejected or offered
again is at not initiated), and scores each group as
100 × Σ level / (3 × count), to the nearest whole number (a half rounds up,
12.5 to 13): 0 when nothing was done, 100 when everything was done in full.
Each group also counts its commitments that stand disputed (`Tally.disputed`): a
verifier refuted what they did, yet they score at the extent they were carried out to,
as the rule has it; the count says how much of the score rests on them. And it counts
its commitments done late (`Tally.late`: carried out in full after the deadline in force
the day they came to be so, `facts.Node.late`) and those overdue on the day
(`Tally.overdue`: past their deadline and not carried out in full, `vocab.is_overdue`, as
`status --overdue` has them): each too at its level, the score unchanged.

With `yearly`, each group also gets its state on 31 December of each year
the ledger covers (the last year: on the day the card is drawn), from the
replayed history; a what-if's measures (`Nodes.assumed`) stand as assumed on
that last day alone, as the card of that day has them. Each year's late and overdue
are judged by the deadline as it stood at the year's end (`Node.deadline_on`), of the
day the measure last came to be done in full by then (`LedgerLife.full_since_on`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from ..facts import Node, Nodes
from ..plain import Plain
from ..vocab import (
    EXTENT_LEVEL,
    Extent,
    State,
    Status,
    a_commitment,
    category_key,
    done_late,
    is_overdue,
    one_form,
)
from .asof import year_ends

if TYPE_CHECKING:
    from ..lifecycle import LedgerLife, Life
    from ..model import Measure


@dataclass
class Tally:
    """The commitments of one group (or one year of it), level by level."""

    measures: int = 0
    not_initiated: int = 0
    minimal: int = 0
    intermediate: int = 0
    full: int = 0
    disputed: int = 0  # (of any level: the commitments that stand disputed)
    late: int = 0  # (of any level: the commitments done late, `facts.Node.late`)
    overdue: int = 0  # (of any level: those overdue on the day, `vocab.is_overdue`)

    def add(
        self,
        extent: Extent,
        status: Status | None = None,
        *,
        late: bool = False,
        overdue: bool = False,
    ) -> None:
        self.measures += 1
        if status == Status.disputed:
            self.disputed += 1
        if late:
            self.late += 1
        if overdue:
            self.overdue += 1
        if extent == Extent.full:
            self.full += 1
        elif extent == Extent.intermediate:
            self.intermediate += 1
        elif extent == Extent.minimal:
            self.minimal += 1
        else:
            self.not_initiated += 1

    @property
    def score(self) -> int | None:
        """100 × Σ level / (3 × count) to the nearest whole, a half up (12.5 is 13, where
        Python's round gives 12); None for a group with no commitment."""
        if not self.measures:
            return None
        levels = (
            self.minimal * EXTENT_LEVEL[Extent.minimal]
            + self.intermediate * EXTENT_LEVEL[Extent.intermediate]
            + self.full * EXTENT_LEVEL[Extent.full]
        )
        # In whole numbers: floor(100·L/3C + 1/2) = floor((200·L + 3C) / 6C).
        return (200 * levels + 3 * self.measures) // (6 * self.measures)


@dataclass
class Group:
    name: str
    tally: Tally = field(default_factory=Tally)
    years: list[tuple[int, Tally]] = field(default_factory=list)


@dataclass
class Scorecard:
    as_of: date
    by: str
    groups: list[Group]
    # (of the commitments that stand disputed on the day, each whose refutation declared
    # parties alone made, with them: their claim, no verifier's, `balance.claimed_by_parties`)
    claimed: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def years(self) -> list[int]:
        """The years a yearly card counts (none for a card of one day), in order."""
        return sorted({y for g in self.groups for y, _ in g.years})

    @property
    def years_changed(self) -> set[int]:
        """The years of a yearly card in which something changed: a group's commitments,
        or their levels, differ from the year before (the first year's, from none). In
        the others, every score is the year before's."""
        found: set[int] = set()
        for g in self.groups:
            before = Tally()
            for year, tally in g.years:
                if tally != before:
                    found.add(year)
                before = tally
        return found


def _in_any_case(name: str) -> tuple[str, str]:
    return category_key(name), name


def _key(by: str, measures: Iterable[Node]) -> Callable[[Node], str]:
    """The group a measure counts in: its actor, or its category (in any case, named as
    most of its measures spell it, the first of those spellings on a tie; "" for the
    measures with none, which no category a ledger holds can be named)."""
    if by == "party":
        return lambda m: m.actor
    spellings: dict[str, dict[str, int]] = {}
    for m in measures:
        key = category_key(m.category)
        counts = spellings.setdefault(key, {})
        name = one_form(m.category) if key else ""
        counts[name] = counts.get(name, 0) + 1
    spelling = {key: max(counts, key=counts.__getitem__) for key, counts in spellings.items()}
    return lambda m: spelling[category_key(m.category)]


def _tally(
    states: Iterable[tuple[Node, Status, Extent]], key: Callable[[Node], str], day: date
) -> dict[str, Tally]:
    found: dict[str, Tally] = {}
    for m, status, extent in states:
        if not a_commitment(status, m.committed):
            continue
        name = key(m)
        tally = found.get(name)
        if tally is None:
            tally = found[name] = Tally()
        # (a reversed measure is back at not initiated)
        tally.add(extent, status, late=m.late is True, overdue=is_overdue(m, day))
    return found


class History(Plain):
    """What the yearly view reads of every measure's history, noted a measure at a time
    (`note`: the measure may be let go after): its replay, as `Life.light` keeps it (the
    states it went through, by date), the whole it is part of, and its first entry's year."""

    __slots__ = ("lives", "wholes", "whole", "first", "handed", "_replay", "_handed_over")

    def __init__(self) -> None:
        from ..changes import handed_over
        from ..lifecycle import replay

        self.lives: dict[str, Life] = {}
        self.wholes: list[tuple[str, str | None]] = []
        self.whole: dict[str, str | None] = {}  # (what each is a part of now: `wholes`)
        self.first: dict[str, int] = {}
        # the measures handed from one party to another (a dated edit of the actor): each
        # year is counted for the party that then was to carry it out
        self.handed: dict[str, Measure] = {}
        self._replay = replay  # (found once, not for every measure noted)
        self._handed_over = handed_over

    @classmethod
    def of(cls, measures: Iterable[Measure]) -> History:
        history = cls()
        for m in measures:
            history.note(m)
        return history

    def note(self, m: Measure) -> Measure:
        if m.history:
            year = min(h.date.year for h in m.history)
            self.first[m.id] = min(year, self.first.get(m.id, year))
        if m.id not in self.lives:  # (a hand edit may repeat an id: the first, as ever)
            self.lives[m.id] = self._replay(m).light()
            self.wholes.append((m.id, m.part_of))
            self.whole[m.id] = m.part_of
            if self._handed_over(m):
                self.handed[m.id] = m
        return m

    def actor_on(self, n: Node, day: date, parties: list[str]) -> str:
        """Who was to carry `n` out at the end of `day` (`changes.actor_on`)."""
        m = self.handed.get(n.id)
        if m is None:
            return n.actor
        from ..changes import actor_on

        return actor_on(m, day, parties)

    def a_part_on(self, ident: str, day: date) -> bool:
        """Whether measure `ident` was a part of another at the end of `day` (`Life.whole_on`)."""
        life = self.lives.get(ident)
        now = self.whole.get(ident)
        return (now if life is None else life.whole_on(day, now)) is not None

    def life(self) -> LedgerLife:
        from ..lifecycle import LedgerLife
        from ..vocab import parts_by_whole

        return LedgerLife.replayed(self.lives, parts_by_whole(self.wholes))

    def first_year(self, ids: Iterable[str]) -> int | None:
        """The year of the earliest history entry of the measures `ids`."""
        years = [self.first[i] for i in ids if i in self.first]
        return min(years) if years else None


class Yearly(Plain):
    """Which measures count in each year's score when filters chose them: `ids`, those
    the filters not judged on a day pass (None: every one); and the filters judged on a
    day (a measure's status, who was to carry it out), asked on each year's end, of a
    measure's status and actor then (`on_state`) or, for those that read more (its
    findings, the order), of the ledger as it stood (`on_day`: the ids passing)."""

    __slots__ = ("ids", "on_state", "on_day")

    def __init__(
        self,
        ids: set[str] | None,
        on_state: Callable[[Status, str], bool] | None = None,
        on_day: Callable[[date], Collection[str]] | None = None,
    ) -> None:
        self.ids = ids
        self.on_state = on_state
        self.on_day = on_day


def scorecard(
    ledger: Nodes,
    day: date,
    *,
    by: str = "party",
    chosen: set[str] | None = None,
    history: History | None = None,
    yearly: Yearly | None = None,
    no_parts: bool = False,
) -> Scorecard:
    """The scorecard of `ledger` as it stands on `day` (already the ledger as of that day),
    grouped `by` party or category; `chosen`: only these measures count. With the
    measures' `history`, each group also gets its state at the end of each year; chosen
    by filters judged on a day (`yearly`), a measure counts in the years whose end they
    pass it on. `no_parts`: a measure that is a part of another does not count (a whole
    counts once, not its parts), judged on `day`, and on each year's end by its history."""
    measures = [
        n
        for n in ledger.measures
        if (chosen is None or n.id in chosen) and not (no_parts and n.part_of is not None)
    ]
    over_years = (  # (a part on the day may not have been one at a year's end: judged there)
        ([n for n in ledger.measures if chosen is None or n.id in chosen] if no_parts else measures)
        if yearly is None
        else [n for n in ledger.measures if yearly.ids is None or n.id in yearly.ids]
    )
    key = _key(by, over_years)  # (measures, or more: every one of the years)
    tallies = _tally(((n, n.status, n.extent) for n in measures), key, day)
    # (every declared party, as every category its measures have: one with no commitment
    # is listed with none)
    names = list(ledger.parties) if by == "party" else []
    listed = set(names)
    grouped = set(tallies) if by == "party" else {key(n) for n in measures}
    names += sorted((name for name in grouped if name not in listed), key=_in_any_case)
    groups = [Group(name, tallies.get(name, Tally())) for name in names]
    if history is not None:  # (the year of the card's day, at least: it ends on that day)
        spans = year_ends(history.first_year(n.id for n in over_years), day)
        life = history.life()
        years = [year for year, _ in spans]
        ends = [end for _, end in spans]
        # Each measure's state at the end of every year, from one pass over its life,
        # counted as it is found (`_tally`, a year at a time).
        year_tallies: list[dict[str, Tally]] = [{} for _ in years]
        parties = list(ledger.parties)
        on_state = yearly.on_state if yearly is not None else None
        judged = [yearly.on_day(end) for end in ends] if yearly and yearly.on_day else None
        for n in over_years:
            name = key(n)
            handed = n.id in history.handed
            states = life.states_on(n.id, ends)
            # (late and overdue: of a measure that has had a deadline, the day it last came
            # to be done in full by each year's end, and the deadline as it stood then)
            dated = n.deadline is not None or bool(n.deadline_edits)
            fulls = life.full_since_on(n.id, ends) if dated else None
            if n.id in ledger.assumed:  # (a what-if's: on the card's day as assumed, the
                # years before as its history has them; the last year's end is that day)
                states[-1] = State(n.status, n.extent)
                if fulls is not None:
                    fulls[-1] = n.full_since
            for at, (end, found, state) in enumerate(zip(ends, year_tallies, states, strict=True)):
                committed = n.committed if n.committed is not None and n.committed <= end else None
                if state is None or not a_commitment(state.status, committed):
                    continue
                if judged is not None and n.id not in judged[at]:
                    continue
                if no_parts and history.a_part_on(n.id, end):
                    continue
                if handed or on_state is not None:  # (who was then to carry it out)
                    actor = history.actor_on(n, end, parties) if handed else n.actor
                    if on_state is not None and not on_state(state.status, actor):
                        continue
                    if by == "party":
                        name = actor
                tally = found.get(name)
                if tally is None:
                    tally = found[name] = Tally()
                late = overdue = False
                if fulls is not None:
                    full = fulls[at]
                    late = full is not None and done_late(n.deadline_on(full), full) is True
                    overdue = is_overdue(_Then(state, n.deadline_on(end)), end)
                tally.add(state.extent, state.status, late=late, overdue=overdue)
        named = {g.name for g in groups}
        for found in year_tallies:  # (a party a measure was handed from, named then)
            for name in found:
                if name not in named:
                    named.add(name)
                    groups.append(Group(name, Tally()))
        for year, found in zip(years, year_tallies, strict=True):
            for group in groups:
                group.years.append((year, found.get(group.name, Tally())))
    return Scorecard(as_of=day, by=by, groups=groups, claimed=_claimed(ledger, measures))


class _Then(Plain):
    """A measure's state at a year's end, with its deadline then, to ask `is_overdue`."""

    __slots__ = ("status", "extent", "deadline")

    def __init__(self, state: State, deadline: date | None) -> None:
        self.status = state.status
        self.extent = state.extent
        self.deadline = deadline


def _claimed(ledger: Nodes, measures: list[Node]) -> dict[str, tuple[str, ...]]:
    """The commitments of `measures` that stand disputed by the refutation of declared
    parties alone (of the day drawn), with those parties (`balance.claimed_by_parties`)."""
    disputed = [
        n.id
        for n in measures
        if n.status is Status.disputed and a_commitment(n.status, n.committed)
    ]
    if not disputed:
        return {}
    from .balance import claimed_by_parties

    return claimed_by_parties(disputed, {n.id: n for n in measures}, ledger.parties)
