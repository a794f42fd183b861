"""Who moved first in each exchange, and how many days the other side took.

An exchange is a pair of measures exchanged for each other (`in_exchange_for`,
whichever side records the link; a measure exchanged for several is in one
exchange with each). Each is read by the day its two measures first acted
(`Node.acted_on`: in full or in part; a measure made of parts, the day the first
of them did; a reversal since moves it not): the one that acted first leads, and
the lag is the days until the other acted. The balance (`analysis.balance`) says
what is still owed; this says what was answered, and when.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from ..facts import Node, Nodes
from ..plain import Plain

BOTH = "both acted"
ONE = "one acted"
NEITHER = "neither"
TOGETHER = "together"  # (who moved first, when both acted on the same day)


class Exchange(Plain):
    """One exchange: `measure` first (the one that acted first; of two that acted the
    same day, or neither, the first by id), its `counterpart` second."""

    __slots__ = ("measure", "counterpart")

    def __init__(self, measure: Node, counterpart: Node) -> None:
        self.measure = measure
        self.counterpart = counterpart

    @property
    def first(self) -> str | None:
        """The party that acted first: "together" when both did on the same day; None
        when neither has acted."""
        one, other = self.measure.acted_on, self.counterpart.acted_on
        if one is None:
            return None
        return TOGETHER if one == other else self.measure.actor

    @property
    def lag_days(self) -> int | None:
        """The days from the first act to the answer; None unless both acted."""
        one, other = self.measure.acted_on, self.counterpart.acted_on
        if one is None or other is None:
            return None
        return (other - one).days

    @property
    def state(self) -> str:
        acted = (self.measure.acted_on is not None) + (self.counterpart.acted_on is not None)
        return (NEITHER, ONE, BOTH)[acted]


def exchanges(nodes: Nodes, parties: Collection[str] = ()) -> list[Exchange]:
    """Every exchange of `nodes` (each pair once; of `parties`' measures, on one side or
    the other, when given), in the order of the day its first act came (those where
    neither acted last), then by the ids."""
    index = nodes.index()
    seen: set[tuple[str, str]] = set()
    found: list[Exchange] = []
    for n in nodes:
        for other_id in n.in_exchange_for:
            other = index.get(other_id)
            if other is None or other_id == n.id:
                continue
            pair = (n.id, other_id) if n.id < other_id else (other_id, n.id)
            if pair in seen:
                continue
            seen.add(pair)
            if parties and n.actor not in parties and other.actor not in parties:
                continue
            one, two = (n, other) if n.id == pair[0] else (other, n)
            if _sooner(two.acted_on, one.acted_on):
                one, two = two, one
            found.append(Exchange(one, two))
    found.sort(key=lambda e: (e.measure.acted_on or date.max, e.measure.id, e.counterpart.id))
    return found


def _sooner(day: date | None, than: date | None) -> bool:
    """Whether `day` came before `than` (a day before none)."""
    return day is not None and (than is None or day < than)
