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

from ..errors import DprkError, UsageError
from ..lifecycle import LedgerLife, State, ancestors, derive_from_parts
from ..model import Ledger, default_extent
from ..rules import unknown_id_message
from ..vocab import Extent, Status
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


def assume(ledger: Ledger, assumptions: Iterable[Assumption]) -> Ledger:
    """The ledger as if each assumed measure stood as assumed (parts re-derived)."""
    index = dict(ledger.index())
    wanted = list(assumptions)
    for a in wanted:
        if a.id not in index:
            raise DprkError(f"--assume: {unknown_id_message(a.id, index)}")
    for a in wanted:
        index[a.id] = index[a.id].model_copy(update={"status": a.status, "extent": a.extent})
    life = LedgerLife(index)
    assumed = {a.id for a in wanted}
    above: list[str] = []
    for a in wanted:
        for ident in ancestors(index, a.id):
            if ident not in assumed and ident not in above:
                above.append(ident)
    above.sort(key=lambda ident: -len(ancestors(index, ident)))  # parts' parents first
    for ident in above:
        parts = [index[p] for p in life.parts(ident) if p in index]
        state = derive_from_parts(
            life.life(ident).state, [State(p.status, p.extent) for p in parts]
        )
        index[ident] = index[ident].model_copy(
            update={"status": state.status, "extent": state.extent}
        )
    return ledger.model_copy(update={"measures": [index[m.id] for m in ledger.measures]})


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
