"""What `dprk status` adds about order and time: per party, how many of its pending
measures are ready and blocked, how many it owes and is owed, how many are
overdue; per measure, whether it is deadlocked, overdue, ready or blocked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..facts import Nodes
from .asof import is_overdue
from .balance import open_counts
from .sequencing import Readiness, readiness


@dataclass
class PartyOrder:
    """Counts for one party (owes and owed count its measures, each once)."""

    ready: int = 0
    blocked: int = 0
    owes: int = 0
    owed: int = 0
    overdue: int = 0


@dataclass
class Overview:
    """Order and time across the ledger, as of one day."""

    day: date
    parties: dict[str, PartyOrder] = field(default_factory=dict)
    readiness: dict[str, Readiness] = field(default_factory=dict)
    overdue: set[str] = field(default_factory=set)

    def deadlocked(self, ident: str) -> bool:
        state = self.readiness.get(ident)
        return state is not None and state.deadlocked


def order_overview(ledger: Nodes, day: date) -> Overview:
    """Readiness, balance and deadlines of the whole ledger, counted per party, on `day`."""
    states = readiness(ledger)
    result = Overview(day=day, readiness=states)
    parties = {name: PartyOrder() for name in ledger.parties}
    for m in ledger.index().values():
        counts = parties.get(m.actor)
        if counts is None:  # (not setdefault: that would make an object per measure)
            counts = parties[m.actor] = PartyOrder()
        state = states.get(m.id)
        if state is not None:
            counts.ready += state.ready
            counts.blocked += not state.ready
        if is_overdue(m, day):
            counts.overdue += 1
            result.overdue.add(m.id)
    for name, (owes, owed) in open_counts(ledger).items():
        counts = parties.setdefault(name, PartyOrder())
        counts.owes = owes
        counts.owed = owed
    result.parties = parties
    return result
