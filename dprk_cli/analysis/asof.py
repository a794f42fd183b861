"""The ledger as it stood on a given day, rebuilt from each measure's history.

`as_of(ledger, day)` keeps what had happened by the end of `day`: measures
created after it are left out; each remaining measure gets the status of its
latest history entry dated on or before `day`, only the history entries and
verifications dated by then, and only the exchange links and sequencing
constraints that point at measures which existed by then. Constraints are
otherwise taken as they stand now (the history says when each was set, in
words, not as data to replay). Deadlines are kept, so a measure can be seen
overdue as of that day. Also here: `is_overdue`.
"""

from __future__ import annotations

from datetime import date

from ..model import HistoryEntry, Ledger, Measure
from ..vocab import ACTED, Status


def created_on(m: Measure) -> date | None:
    """The date of a measure's first history entry (None for a hand-made one with none)."""
    return min(h.date for h in m.history) if m.history else None


def as_of(ledger: Ledger, day: date) -> Ledger:
    """The ledger as it stood at the end of `day`."""
    existing = [m for m in ledger.measures if (created_on(m) or day) <= day]
    present = {m.id for m in existing}
    return Ledger.model_construct(
        schema_=ledger.schema_,
        title=ledger.title,
        parties=list(ledger.parties),
        **_extra_fields(ledger),
        measures=[_measure_on(m, day, present) for m in existing],
    )


def _extra_fields(ledger: Ledger) -> dict[str, object]:
    """Header fields other than schema, title, parties and measures, kept as they are."""
    known = {"schema_", "title", "parties", "measures"}
    return {name: getattr(ledger, name) for name in type(ledger).model_fields if name not in known}


def _measure_on(m: Measure, day: date, present: set[str]) -> Measure:
    history = sorted((h for h in m.history if h.date <= day), key=HistoryEntry.sort_key)
    unchanged = (
        len(history) == len(m.history)
        and all(v.date <= day for v in m.verifications)
        and all(i in present for i in m.in_exchange_for)
        and all(c.other in present for c in m.constraints)
    )
    if unchanged:
        return m  # nothing had happened to it after `day`
    status = m.status if not m.history else Status.proposed
    for h in history:
        if h.status is not None:
            status = h.status
    return m.model_copy(
        update={
            "status": status,
            "history": history,
            "verifications": [v for v in m.verifications if v.date <= day],
            "in_exchange_for": [i for i in m.in_exchange_for if i in present],
            "constraints": [c for c in m.constraints if c.other in present],
        }
    )


def is_overdue(m: Measure, day: date) -> bool:
    """Past its deadline on `day` (the deadline itself is not late) and not acted.

    A withdrawn measure is dropped rather than late; a reversed one, undone, is late again.
    """
    return (
        m.deadline is not None
        and m.deadline < day
        and m.status not in ACTED
        and m.status != Status.withdrawn
    )
