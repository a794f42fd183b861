"""What would a move change? The ledger as if some measures stood otherwise.

`assume(ledger, assumptions)` gives the ledger with each assumed measure at the
status (and extent) assumed, and every measure made of parts re-derived from
them; nothing is written. `next`, `plan`, `balance` and `status` answer on it
as on any ledger, and say the answer is hypothetical. `compare_plans` says
which deadlocks an assumption dissolves and what it moves into phase 1.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ..errors import DprkError, UsageError
from ..facts import Node, Nodes
from ..vocab import ACTED, Extent, State, Status, default_extent, derive_from_parts
from .sequencing import Deadlock, Plan


@dataclass(frozen=True)
class Assumption:
    """A measure taken to stand at `status` (and `extent`)."""

    id: str
    status: Status
    extent: Extent

    @property
    def text(self) -> str:
        shown = f"{self.id}={self.status.value}"
        if self.extent != default_extent(self.status):
            shown += f":{self.extent.value}"
        return shown


def parse_assumption(text: str) -> Assumption:
    """'ID=STATUS' or 'ID=STATUS:EXTENT', as --assume takes it."""
    ident, sep, rest = text.partition("=")
    if not sep or not ident or not rest:
        raise UsageError(f"--assume: '{text}' is not ID=STATUS[:EXTENT]")
    status_text, _, extent_text = rest.partition(":")
    try:
        status = Status(status_text)
    except ValueError:
        raise UsageError(
            f"--assume: '{status_text}' is not a status; choose one of: "
            + ", ".join(s.value for s in Status)
        ) from None
    if not extent_text:
        return Assumption(ident, status, default_extent(status))
    try:
        extent = Extent(extent_text)
    except ValueError:
        raise UsageError(
            f"--assume: '{extent_text}' is not an extent; choose one of: "
            + ", ".join(e.value for e in Extent)
        ) from None
    return Assumption(ident, status, extent)


def assume(ledger: Nodes, assumptions: Iterable[Assumption], day: date) -> Nodes:
    """The ledger as if each assumed measure stood as assumed (parts re-derived), from
    `day` (the day the question is asked of): a status that changes stands since then."""
    index = dict(ledger.index())
    wanted = list(assumptions)
    for a in wanted:
        if a.id not in index:
            from ..rules import unknown_id_message

            raise DprkError(f"--assume: {unknown_id_message(a.id, index)}")
    for a in wanted:
        index[a.id] = _supposed(index[a.id], State(a.status, a.extent), day)
    parts: dict[str, list[str]] = {}
    for n in index.values():
        if n.part_of is not None and n.part_of != n.id:
            parts.setdefault(n.part_of, []).append(n.id)
    assumed = {a.id for a in wanted}
    above: list[str] = []
    for a in wanted:
        for ident in _ancestors(index, a.id):
            if ident not in assumed and ident not in above:
                above.append(ident)
    above.sort(key=lambda ident: -len(_ancestors(index, ident)))  # parts' parents first
    for ident in above:
        states = [State(index[p].status, index[p].extent) for p in parts.get(ident, [])]
        state = derive_from_parts(index[ident].own, states)
        index[ident] = _supposed(index[ident], state, day)
    return ledger.with_measures([index[n.id] for n in ledger.measures])


def _supposed(n: Node, state: State, day: date) -> Node:
    """`n` standing at `state`; a changed status stands since `day`, and a measure that
    comes to have acted has acted since then."""
    if state.status == n.status:
        return n.replace(extent=state.extent)
    acted = state.status in ACTED
    return n.replace(
        status=state.status,
        extent=state.extent,
        since=day,
        acted_since=(n.acted_since if n.acted else day) if acted else None,
    )


def _ancestors(index: dict[str, Node], ident: str) -> list[str]:
    found: list[str] = []
    current = index.get(ident)
    while current is not None and current.part_of is not None and current.part_of not in found:
        if current.part_of == ident:
            break
        found.append(current.part_of)
        current = index.get(current.part_of)
    return found


@dataclass(frozen=True)
class PlanChange:
    """What an assumption changes in the plan."""

    dissolved: list[Deadlock]  # deadlocks there before, gone after
    newly_ready: list[str]  # measures in phase 1 after, not before


def compare_plans(before: Plan, after: Plan) -> PlanChange:
    still = {tuple(d.measures) for d in after.deadlocks}
    dissolved = [d for d in before.deadlocks if tuple(d.measures) not in still]
    was = set(before.phases[0].measures) if before.phases else set()
    now = after.phases[0].measures if after.phases else []
    return PlanChange(dissolved=dissolved, newly_ready=[i for i in now if i not in was])
