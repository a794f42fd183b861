"""What `dprk status` adds about order and time: per party, how many of its pending
measures are ready and blocked, how many it owes and is owed, how many are
overdue; per measure, whether it is deadlocked, overdue, ready or blocked.

`order_of` is the part that depends only on the ledger (so the store can keep
it beside the ledger, as JSON); `overview_on` adds what depends on the day.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from .asof import fallen_due, falls_due

if TYPE_CHECKING:
    from ..facts import Nodes


@dataclass
class PartyOrder:
    """Counts for one party (owes and owed count its measures, each once)."""

    ready: int = 0
    blocked: int = 0
    owes: int = 0
    owed: int = 0
    overdue: int = 0


@dataclass
class Order:
    """Order across the ledger, whatever the day: per party its ready, blocked, owes and
    owed counts; each pending measure's state (ready, blocked or deadlocked); and the
    measures that may fall due (id, actor, deadline).

    The store keeps it in two parts: `summary` (small: what a party's counts and the
    flags column's width need on any day) and `each` (each measure's state and
    deadline, as text: decoded only by a report that shows every measure's flags)."""

    parties: dict[str, PartyOrder] = field(default_factory=dict)
    states: dict[str, str] = field(default_factory=dict)
    deadlines: list[tuple[str, str, date]] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        """The small part, as JSON data: the counts, each party's deadlines in order, the
        earliest deadline of each state, and the states there are."""
        due: dict[str, list[str]] = {}
        earliest: dict[str, str] = {}
        for ident, actor, deadline in self.deadlines:
            when = deadline.isoformat()
            due.setdefault(actor, []).append(when)
            state = self.states.get(ident, "")
            if state not in earliest or when < earliest[state]:
                earliest[state] = when
        return {
            "parties": {
                name: [c.ready, c.blocked, c.owes, c.owed] for name, c in self.parties.items()
            },
            "due": {actor: sorted(dates) for actor, dates in due.items()},
            "earliest": earliest,
            "states": sorted(set(self.states.values())),
        }

    def each(self) -> list[str]:
        """Each measure's part (its state, the deadlines), as JSON texts: kept inside the
        summary's record, so that both are read at once, and decoded only if asked for."""
        deadlines = [[i, actor, d.isoformat()] for i, actor, d in self.deadlines]
        return [json.dumps(self.states), json.dumps(deadlines)]

    @classmethod
    def from_each(cls, texts: Sequence[str]) -> Order:
        """The per-measure part of an order kept as `each` gave it (without the counts)."""
        states = json.loads(texts[0])
        deadlines = [(i, actor, date.fromisoformat(d)) for i, actor, d in json.loads(texts[1])]
        return cls(states=states, deadlines=deadlines)


def flags_text(state: str | None, overdue: bool) -> str:
    """A measure's flags in a word or two: ready, blocked or deadlocked (pending
    measures), and overdue."""
    if overdue:
        return f"{state}, overdue" if state else "overdue"
    return state or ""


class Overview:
    """Order and time across the ledger, as of one day: per party, its counts; per
    measure (read from the order only when asked for), its state and whether it is
    overdue."""

    def __init__(
        self,
        day: date,
        parties: dict[str, PartyOrder],
        flags_width: int,
        order: Order | Callable[[], Order],
    ) -> None:
        self.day = day
        self.parties = parties
        self.flags_width = flags_width  # the widest flags cell of the status table
        self._order = order

    def order(self) -> Order:
        if not isinstance(self._order, Order):
            self._order = self._order()
        return self._order

    @functools.cached_property
    def states(self) -> dict[str, str]:
        """Each pending measure's state: ready, blocked or deadlocked."""
        return self.order().states

    @functools.cached_property
    def overdue(self) -> set[str]:
        day = self.day
        return {i for i, _, deadline in self.order().deadlines if falls_due(deadline, day)}

    @functools.cached_property
    def due(self) -> list[str]:
        """The measures with a deadline they may miss, in ledger order."""
        return [ident for ident, _, _ in self.order().deadlines]

    def deadlocked(self, ident: str) -> bool:
        return self.states.get(ident) == "deadlocked"

    def flags(self, ident: str) -> str:
        return flags_text(self.states.get(ident), ident in self.overdue)


def order_of(ledger: Nodes) -> Order:
    """Readiness, balance and deadlines of the whole ledger, counted per party."""
    from .asof import may_fall_due
    from .balance import open_counts
    from .sequencing import readiness

    states = readiness(ledger)
    result = Order()
    parties = {name: PartyOrder() for name in ledger.parties}
    for m in ledger.index().values():
        counts = parties.get(m.actor)
        if counts is None:  # (not setdefault: that would make an object per measure)
            counts = parties[m.actor] = PartyOrder()
        state = states.get(m.id)
        if state is not None:
            counts.ready += state.ready
            counts.blocked += not state.ready
            result.states[m.id] = (
                "deadlocked" if state.deadlocked else "ready" if state.ready else "blocked"
            )
        if may_fall_due(m):
            assert m.deadline is not None
            result.deadlines.append((m.id, m.actor, m.deadline))
    for name, (owes, owed) in open_counts(ledger).items():
        counts = parties.setdefault(name, PartyOrder())
        counts.owes = owes
        counts.owed = owed
    result.parties = parties
    return result


def overview_on(order: Order, day: date) -> Overview:
    """`order` as of `day`: with the measures overdue then, counted per party."""
    parties = {
        name: PartyOrder(c.ready, c.blocked, c.owes, c.owed) for name, c in order.parties.items()
    }
    late: set[str | None] = set()
    for ident, actor, deadline in order.deadlines:
        if falls_due(deadline, day):
            late.add(order.states.get(ident))
            parties.setdefault(actor, PartyOrder()).overdue += 1
    width = _flags_width(set(order.states.values()), late)
    return Overview(day, parties, width, order)


def kept_overview(summary: dict[str, Any], day: date, order: Callable[[], Order]) -> Overview:
    """What `overview_on` gives, from an order's `summary` alone: the per-measure part is
    read (`order`) only when a report asks for it. A party's overdue count is found in
    its sorted deadlines (`fallen_due`)."""
    parties = {name: PartyOrder(*counts) for name, counts in summary["parties"].items()}
    for actor, dates in summary["due"].items():
        overdue = fallen_due(dates, day)
        if overdue:
            parties.setdefault(actor, PartyOrder()).overdue = overdue
    late = {
        state or None
        for state, first in summary["earliest"].items()
        if falls_due(date.fromisoformat(first), day)
    }
    return Overview(day, parties, _flags_width(set(summary["states"]), late), order)


def _flags_width(states: set[str], late: set[str | None]) -> int:
    """The widest flags cell: of every state alone, and of the states of the overdue."""
    return max([0, *map(len, states), *(len(flags_text(s, True)) for s in late)])


def order_overview(ledger: Nodes, day: date) -> Overview:
    """Readiness, balance and deadlines of the whole ledger, counted per party, on `day`."""
    return overview_on(order_of(ledger), day)
