"""What `dprk status` adds about order and time: per party, how many of its pending
measures are ready and blocked, how many it owes and is owed, how many are
overdue; per measure, whether it is deadlocked, overdue, ready or blocked.

`order_of` is the part that depends only on the ledger (so the store can keep
it beside the ledger, as JSON); `overview_on` adds what depends on the day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from .asof import falls_due

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
    measures that may fall due (id, actor, deadline)."""

    parties: dict[str, PartyOrder] = field(default_factory=dict)
    states: dict[str, str] = field(default_factory=dict)
    deadlines: list[tuple[str, str, date]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "parties": {
                name: [c.ready, c.blocked, c.owes, c.owed] for name, c in self.parties.items()
            },
            "states": self.states,
            "deadlines": [[i, actor, d.isoformat()] for i, actor, d in self.deadlines],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Order:
        return cls(
            parties={name: PartyOrder(*counts) for name, counts in data["parties"].items()},
            states={str(k): str(v) for k, v in data["states"].items()},
            deadlines=[(i, actor, date.fromisoformat(d)) for i, actor, d in data["deadlines"]],
        )


@dataclass
class Overview:
    """Order and time across the ledger, as of one day."""

    day: date
    parties: dict[str, PartyOrder] = field(default_factory=dict)
    states: dict[str, str] = field(default_factory=dict)  # pending: ready|blocked|deadlocked
    overdue: set[str] = field(default_factory=set)
    due: list[str] = field(default_factory=list)  # the measures with a deadline, in order

    def deadlocked(self, ident: str) -> bool:
        return self.states.get(ident) == "deadlocked"


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
    overdue = set()
    for ident, actor, deadline in order.deadlines:
        if falls_due(deadline, day):
            overdue.add(ident)
            parties.setdefault(actor, PartyOrder()).overdue += 1
    due = [ident for ident, _, _ in order.deadlines]
    return Overview(day=day, parties=parties, states=order.states, overdue=overdue, due=due)


def order_overview(ledger: Nodes, day: date) -> Overview:
    """Readiness, balance and deadlines of the whole ledger, counted per party, on `day`."""
    return overview_on(order_of(ledger), day)
