"""Who moved first in each exchange, and how many days the other side took.

An exchange is a pair of measures exchanged for each other (`in_exchange_for`,
whichever side records the link; a measure exchanged for several is in one
exchange with each). Each is read by the day each of its two measures acted for it
(`act_for`: the day it first acted, `Node.acted_on`, in full or in part, a measure
made of parts the day the first of them did, a reversal since moving it not; but for
an exchange made after that day, the act that stood on the day it was made, or the
first after it): the one that acted first leads, and the lag is the days until the
other acted. Of two that acted on one day, the one the other is ordered to go after
(`sequence --after`, as the ledger holds it on the day viewed) went first, lag 0; with
no such order, they went together. Each side is named by the party that acted on that day
(`changes.actor_on`, as the timeline draws the step in its lane: a measure handed to
another party since is still the first party's act), or, not acted yet, by its actor
on the day viewed. The balance (`analysis.balance`) says what is
still owed; this says what was answered, and when. An exchange one side turned down
(a measure rejected) or dropped (withdrawn) is said so, not taken for one still
waited on.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date
from typing import TYPE_CHECKING

from ..facts import Node, Nodes, acted_from, exchanged_from
from ..plain import Plain
from ..vocab import ACTED, Status, exchange_pairs

if TYPE_CHECKING:
    from ..model import Measure

BOTH = "both acted"
ONE = "one acted"
NEITHER = "neither"
TURNED_DOWN = "turned down"  # (either measure rejected, unless both acted)
WITHDRAWN = "withdrawn"  # (either measure withdrawn, none rejected, unless both acted)
TOGETHER = "together"  # (who moved first, when both acted on the same day, unordered)


class Exchange(Plain):
    """One exchange: `measure` first (the one that acted first, `_sooner`; of two that
    acted together, or neither, the first by id), its `counterpart` second, each with the day
    it acted for the exchange (`act_for`: `acted`, `counterpart_acted`) and the party
    that acted then (`acting`: `actor`, `counterpart_actor`)."""

    __slots__ = (
        "measure",
        "counterpart",
        "acted",
        "counterpart_acted",
        "actor",
        "counterpart_actor",
    )

    def __init__(
        self,
        measure: Node,
        counterpart: Node,
        acted: date | None,
        counterpart_acted: date | None,
        actor: str,
        counterpart_actor: str,
    ) -> None:
        self.measure = measure
        self.counterpart = counterpart
        self.acted = acted
        self.counterpart_acted = counterpart_acted
        self.actor = actor
        self.counterpart_actor = counterpart_actor

    @property
    def first(self) -> str | None:
        """The party that acted first (`_sooner`: on a day both acted, the one the other
        is ordered after); "together" when both did on the same day, neither ordered
        after the other; None when neither has acted, or both did and no day says which
        first (one written by hand without a history acted on no day: `has_acted`)."""
        if not has_acted(self.measure, self.acted):
            return None
        if _sooner(self.measure, self.acted, self.counterpart, self.counterpart_acted):
            return self.actor
        one, other = self.acted, self.counterpart_acted
        return TOGETHER if one is not None and one == other else None

    @property
    def lag_days(self) -> int | None:
        """The days from the first act to the answer; None unless both acted."""
        one, other = self.acted, self.counterpart_acted
        if one is None or other is None:
            return None
        return (other - one).days

    @property
    def state(self) -> str:
        """Where the exchange stands: "both acted" when both did; else "turned down" when
        either measure stands rejected, "withdrawn" when either stands withdrawn (the
        other may have acted: `first` says who); else "one acted" or "neither", an
        exchange still waited on."""
        acted = has_acted(self.measure, self.acted) + has_acted(
            self.counterpart, self.counterpart_acted
        )
        if acted < 2:
            statuses = (self.measure.status, self.counterpart.status)
            if Status.rejected in statuses:
                return TURNED_DOWN
            if Status.withdrawn in statuses:
                return WITHDRAWN
        return (NEITHER, ONE, BOTH)[acted]


def exchanges(
    nodes: Nodes, parties: Collection[str] = (), records: Mapping[str, Measure] | None = None
) -> list[Exchange]:
    """Every exchange of `nodes` (each pair once; those `parties` are on one side or the
    other, by the party that acted, when given: `acting`), in the order of the day its
    first act came (those where neither acted last), then by the ids. `records`: the
    measures behind `nodes`, by id, of which only those handed over after they acted
    are read (without them, each side is named by its actor on the day viewed)."""
    index = nodes.index()
    found: list[Exchange] = []
    for one, two in exchange_pairs(nodes, index):
        acts = act_for(one, two), act_for(two, one)
        if _sooner(two, acts[1], one, acts[0]):
            one, two, acts = two, one, (acts[1], acts[0])
        actors = (
            acting(one, acts[0], nodes.parties, records),
            acting(two, acts[1], nodes.parties, records),
        )
        if parties and not any(a in parties for a in actors):
            continue
        found.append(Exchange(one, two, *acts, *actors))
    found.sort(
        key=lambda e: (
            e.acted or date.max,
            not has_acted(e.measure, e.acted),
            e.measure.id,
            e.counterpart.id,
        )
    )
    return found


def act_for(n: Node, other: Node) -> date | None:
    """The day `n` acted for its exchange with `other`: the day it first acted
    (`Node.acted_on`), unless the two were exchanged only later (`facts.exchanged_from`,
    the day the balance counts the exchange from). Then, the act that stood on that day,
    done before the deal and still done (the day from which it had acted without a
    break: it moved first, before the exchange), or, where it had been undone by then
    or had not acted, the first act after it; None where it has not acted since
    (`facts.acted_from`). `status` and `show` keep the day it first acted."""
    first = n.acted_on
    if first is None:
        return None
    linked = exchanged_from(n, other)
    if linked is None or first >= linked:
        return first
    return acted_from(n, linked)


def has_acted(n: Node, day: date | None) -> bool:
    """Whether `n` has acted for its exchange, on the day viewed: on `day` (`act_for`),
    or on no day known, standing acted (a measure written by hand without a history as
    implemented, whose creation no event dates: no `acted_on`)."""
    return day is not None or (n.acted_on is None and n.status in ACTED)


def _sooner(n: Node, day: date | None, than: Node, than_day: date | None) -> bool:
    """Whether `n`, acting for the exchange on `day`, acted before `than` (on
    `than_day`), as far as days and orders tell: one that acted before one that has not;
    of two that acted, by their days (one of no day, neither first); of two that acted
    on the same day, the one `than` is ordered to go after (`waits_for`). The one rule of
    who went first in an exchange."""
    if not has_acted(n, day):
        return False
    if not has_acted(than, than_day):
        return True
    if day is None or than_day is None:
        return False
    return day < than_day or (day == than_day and waits_for(than, n))


def waits_for(n: Node, other: Node) -> bool:
    """Whether `n` is ordered to go after `other` (an `after` order of its own, whatever
    it requires), and `other` not after `n`: two ordered after each other tell no order."""
    return any(c.after == other.id for c in n.constraints) and not any(
        c.after == n.id for c in other.constraints
    )


def acting(
    n: Node, day: date | None, parties: list[str], records: Mapping[str, Measure] | None
) -> str:
    """The party that acted when `n` did for an exchange, on `day` (`act_for`), as
    `changes.actor_on` gives it on that day; not acted (None), its actor on the day
    viewed. Only a measure with an edit of a dated field after that day
    (`Node.last_edit`: a hand-over among them) is read from `records`."""
    if day is None or records is None or n.last_edit is None or n.last_edit <= day:
        return n.actor
    from ..changes import actor_on

    return actor_on(records[n.id], day, parties)
