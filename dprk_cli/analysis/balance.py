"""The reciprocity balance: what each party is owed and what it owes, and for how long.

A party *owes* for each of its measures not carried out, pending, reversed or
withdrawn (dropped by its actor after the other side paid for it), or carried out
only in part (it owes the rest), whose counterpart has acted; the party of that
counterpart is *owed* for it, so the two sides of the account add up (when both
sides acted in part, each owes the other the rest). A rejected measure is no debt
(the side that would be owed turned it down). Both
are dated from the day the measure that did act acted, or from the day the measure
that owes was undone, in whole or in part, or offered again after a rejection, or the
day the exchange came to stand, whichever is latest (`opened`), so the two sides of one
exchange show the same date. An order of the parties' holds a debt back: while the measure
that owes may not go ahead, as `next` judges it (`sequencing.held_back`: it lists it
blocked), the debt stands but is not yet due (no `since`, no `days`; `held` says what
holds it); once the order is met, it is due from the day it came to be met (or the day
it was taken out or replaced before it was met), when that is later. Each says whether
the action it rests on (the measure owed for; the counterpart, of a debt) stands disputed
on the day (`disputed`): a verifier refuted it (or a party to the talks, its claim:
`claimed_by_parties`), yet it counts as acted, as the ledger's rule has it.
An exchange link counts whichever side records it (a one-sided link is a problem for
`dprk check`, not a reason to hide a debt). By year (`by_year`), each year's balance is
the one drawn on its 31 December, from the ledger as it stood then.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ..facts import Node, Nodes, exchanged_from
from ..plain import Plain
from ..vocab import ACTED, Status, exchange_pairs, open_debts
from ..vocab import is_owed as is_owed  # (the rules of a debt: one home, `vocab`)
from ..vocab import owes as owes
from ..vocab import owing as owing
from .asof import done_in_part, year_ends
from .kept import flag, optional_integer, rows, text
from .kept import texts as names

if TYPE_CHECKING:
    from ..lifecycle import LedgerLife
    from ..model import Measure
    from .sequencing import Wait


def debts_ended(
    was: LedgerLife, now: LedgerLife, ident: str, counterparts: Iterable[str]
) -> list[tuple[str, date, date | None]]:
    """What a change ended of what measure `ident` owed in the balance, the ledger's life
    before it (`was`) and after it (`now`) compared over the days it moved, as `owes`
    says on each: each counterpart whose debt a rejection, in `now`, ends on its day
    (owed the day before, and not that day: the side that would be owed turned it down),
    where `was` ended none on that day, with the day and the day from which the balance
    before the change no longer counted it either (None: it counts it still). Whichever
    order the steps were entered in, and whether the change recorded the rejection, moved
    it or dropped what came between (a confirmation says it: a withdrawal, which keeps
    the debt, may have been meant)."""
    held = now.states_held(ident)
    days = [
        day
        for at, (day, state) in enumerate(held)
        if state.status == Status.rejected and (not at or held[at - 1][1].status != state.status)
    ]
    found = []
    for other in counterparts:
        changed = sorted(
            {d for life in (was, now) for i in (ident, other) for d, _ in life.states_held(i)}
        )

        def owed(life: LedgerLife, day: date) -> bool:
            m, c = life.state(ident, day), life.state(other, day)  # noqa: B023
            return m is not None and c is not None and owes(m, c)

        for day in days:
            eve = day - timedelta(days=1)
            if not owed(now, eve) or owed(now, day) or (owed(was, eve) and not owed(was, day)):
                continue
            until = None
            if owed(was, day):  # (the days the balance before counted it, and no longer)
                until = next((d for d in changed if d > day and owed(was, d) == owed(now, d)), None)
            found.append((other, day, until))
    return found


class Outstanding(Plain):
    """One side of an exchange left open: `measure` against `counterpart`, since a date;
    `in_part` when the side that owes has acted in part (it owes the rest); `disputed`
    when the side that acted stands disputed (a verifier refuted what it did); `held`,
    the unmet orders that hold the side that owes back on the day (no date then: not yet
    due)."""

    __slots__ = ("measure", "counterpart", "since", "days", "in_part", "disputed", "held")

    def __init__(
        self,
        measure: str,
        counterpart: str,
        since: date | None,
        days: int | None,
        in_part: bool = False,
        disputed: bool = False,
        held: tuple[Wait, ...] = (),
    ) -> None:
        self.measure = measure
        self.counterpart = counterpart
        self.since = since  # the day the debt opened (None: no dated record; see `opened`)
        self.days = days  # how long, up to the day the balance is drawn
        self.in_part = in_part
        self.disputed = disputed
        self.held = held

    @property
    def held_by(self) -> list[str]:
        """The ids the orders that hold it wait for, each once, in order."""
        return list(dict.fromkeys(w.after for w in self.held))


def disputed_actions(balances: Mapping[str, PartyBalance]) -> list[str]:
    """The measures whose action a disputed entry of `balances` rests on (the measure
    owed for; the counterpart, of a debt), each once, in order."""
    return list(
        dict.fromkeys(
            o.measure if owed else o.counterpart
            for b in balances.values()
            for owed, items in ((True, b.owed), (False, b.owes))
            for o in items
            if o.disputed
        )
    )


def claimed_by_parties(
    ids: Iterable[str], nodes: Mapping[str, Node], parties: Collection[str]
) -> dict[str, tuple[str, ...]]:
    """Of the disputed measures `ids` (`disputed_actions`), each whose standing refutation
    (`shapes.refuters`) is declared parties' alone (`rules.by_a_party`), with them: a
    party's claim that the other side did not do it, not a verifier's finding. One a
    verifier refuted too, or disputed through its parts, is left out."""
    from ..rules import by_a_party
    from ..shapes import refuters

    found = {}
    for ident in ids:
        by = refuters(nodes[ident]) if ident in nodes else ()
        if by and all(by_a_party(name, parties) for name in by):
            found[ident] = by
    return found


def claims_in(balances: Mapping[str, PartyBalance], ledger: Nodes) -> dict[str, tuple[str, ...]]:
    """Which disputed actions of `balances` (`disputed_actions`) parties alone refuted, as
    `claimed_by_parties` finds them in `ledger` (the nodes the balances were drawn from):
    none read when no action is disputed."""
    acted = disputed_actions(balances)
    return claimed_by_parties(acted, ledger.index(), ledger.parties) if acted else {}


class PartyBalance(Plain):
    """What one party is owed and owes."""

    __slots__ = ("name", "owed", "owes")

    def __init__(
        self,
        name: str,
        owed: list[Outstanding] | None = None,
        owes: list[Outstanding] | None = None,
    ) -> None:
        self.name = name
        self.owed: list[Outstanding] = [] if owed is None else owed
        self.owes: list[Outstanding] = [] if owes is None else owes


def reciprocity_balance(ledger: Nodes, day: date) -> dict[str, PartyBalance]:
    """Each party's balance as drawn on `day`; every declared party appears."""
    index = ledger.index()
    pairs: set[tuple[str, str]] = set()
    for one, two in exchange_pairs(index.values(), index):
        pairs.update(((one.id, two.id), (two.id, one.id)))
    result = {name: PartyBalance(name) for name in ledger.parties}
    acted_day: dict[str, date | None] = {}

    def since(ident: str) -> date | None:
        if ident not in acted_day:
            acted = index[ident].status in ACTED
            # (None: acted, but no dated record says since when: a hand edit; a what-if
            # dates what it assumes, `whatif._supposed`)
            acted_day[ident] = index[ident].acted_since if acted else None
        return acted_day[ident]

    def opened(acting: str, other: str) -> date | None:
        """Since when `other` owes for `acting`: the latest of the day `acting` acted,
        the day `other`'s measure last went from done in full to less (`rolled_back`:
        reversed, or cut back to a lesser extent; a later cut or reversal keeps the debt
        open from then, as does offering the measure again or withdrawing it after the
        reversal; one never done in full owes from the day `acting` acted; one rejected,
        from the day it was offered again: a rejection owes nothing), and the day
        the exchange came to stand (`facts.exchanged_from`): nothing was owed for it before."""
        when = since(acting)
        if when is None:
            return None
        return max(
            d
            for d in (when, index[other].rolled_back, exchanged_from(index[acting], index[other]))
            if d
        )

    # (what an unmet order of theirs holds back, as `next` judges it; or the day the
    # orders that held it came to be met)
    owing = {i for i, o in pairs if owes(index[i], index[o])}
    held: dict[str, tuple[tuple[Wait, ...], date | None]] = {}
    if owing:
        from .sequencing import held_back

        held = held_back(ledger, owing)

    def due(owes_it: str, when: date | None) -> tuple[date | None, tuple[Wait, ...]]:
        """From when the debt of measure `owes_it`, opened `when`, is due: None while an
        order holds it back (with the waits that do), else from the day its orders came
        to be met, when later."""
        waits, freed = held.get(owes_it, ((), None))
        if waits:
            return None, waits
        if when is not None and freed is not None:
            when = max(when, freed)
        return when, ()

    for ident, other in sorted(pairs):
        m, c = index[ident], index[other]
        balance = result.get(m.actor)
        if balance is None:  # (not setdefault: that would make an object per pair)
            balance = result[m.actor] = PartyBalance(m.actor)
        # (both, when each side acted in part: each owes the other the rest)
        # (`disputed`: whether the side that acted stands disputed, `m` owed for, `c` owed)
        if is_owed(m, c):
            when, waits = due(other, opened(ident, other))
            disputed = m.status == Status.disputed
            balance.owed.append(
                Outstanding(ident, other, when, _days(when, day), done_in_part(c), disputed, waits)
            )
        if owes(m, c):
            when, waits = due(ident, opened(other, ident))
            disputed = c.status == Status.disputed
            balance.owes.append(
                Outstanding(ident, other, when, _days(when, day), done_in_part(m), disputed, waits)
            )
    for balance in result.values():
        balance.owed.sort(key=_oldest_first)
        balance.owes.sort(key=_oldest_first)
    return result


def by_year(
    measures: Iterable[Measure], day: date, nodes_on: Callable[[date], Nodes]
) -> list[tuple[int, date, dict[str, PartyBalance]]]:
    """Each party's balance at the end of each year (`year_ends`, as the yearly scorecard
    draws its own), from the year of the ledger's first event (the earliest entry of its
    `measures` on or before `day`) to the year of `day`, on which the last is drawn:
    each year's, with its day, exactly the balance of the ledger as it stood then
    (`nodes_on` that day, rebuilt from one reading of the file)."""
    first = min((h.date.year for m in measures for h in m.history if h.date <= day), default=None)
    return [
        (year, end, reciprocity_balance(nodes_on(end), end)) for year, end in year_ends(first, day)
    ]


def balance_kept(
    balances: dict[str, PartyBalance], day: date, claimed: Mapping[str, Sequence[str]]
) -> list[str]:
    """The balances drawn on `day`, and which of their disputed actions parties alone
    refuted (`claims_in`), as lines of JSON to keep beside the ledger (`balance_from_kept`
    reads them): a kept balance says whose refutation it rests on with no measure read."""

    from .sequencing import _wait_row

    def listed(items: list[Outstanding]) -> list[list[Any]]:
        return [
            [
                o.measure,
                o.counterpart,
                None if o.since is None else o.since.isoformat(),
                o.days,
                o.in_part,
                o.disputed,
                [_wait_row(w) for w in o.held],
            ]
            for o in items
        ]

    parties = [[name, listed(b.owed), listed(b.owes)] for name, b in balances.items()]
    said = [[ident, list(by)] for ident, by in claimed.items()]
    return [
        json.dumps(day.isoformat()),
        json.dumps(parties, ensure_ascii=False),
        json.dumps(said, ensure_ascii=False),
    ]


def balance_from_kept(
    texts: Sequence[str | bytes],
) -> tuple[date, dict[str, PartyBalance], dict[str, tuple[str, ...]]]:
    """The day, the balances and the parties' claims `balance_kept` gave these lines for
    (ValueError, TypeError or KeyError: they are not what it writes; a balance kept
    without its claims, two lines, is not)."""
    from .sequencing import _wait_of

    day, parties, said = map(json.loads, texts)

    def items(found: Any) -> list[Outstanding]:
        return [
            Outstanding(
                text(measure),
                text(counterpart),
                None if since is None else date.fromisoformat(text(since)),
                optional_integer(days),
                flag(in_part),
                flag(disputed),
                tuple(_wait_of(w) for w in rows(held)),
            )
            for measure, counterpart, since, days, in_part, disputed, held in rows(found)
        ]

    return (
        date.fromisoformat(text(day)),
        {
            text(name): PartyBalance(name, items(owed), items(owes))
            for name, owed, owes in rows(parties)
        },
        {text(ident): tuple(names(by)) for ident, by in rows(said)},
    )


def open_counts(ledger: Nodes) -> dict[str, tuple[int, int]]:
    """For each party with any, how many of its measures it owes for and is owed for:
    the distinct measures of its `owes` and `owed` in `reciprocity_balance`, counted
    without dating them (what `status` shows, ten times faster on a large ledger)."""
    index = ledger.index()
    owing, owed = open_debts(index)
    counts: dict[str, list[int]] = {}
    for ident in owing:
        counts.setdefault(index[ident].actor, [0, 0])[0] += 1
    for ident in owed:
        counts.setdefault(index[ident].actor, [0, 0])[1] += 1
    return {party: (n_owes, n_owed) for party, (n_owes, n_owed) in counts.items()}


def _days(since: date | None, day: date) -> int | None:
    return None if since is None else (day - since).days


def _oldest_first(o: Outstanding) -> tuple[date, str, str]:
    return (o.since or date.max, o.measure, o.counterpart)
