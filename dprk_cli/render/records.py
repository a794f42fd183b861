"""Measures and their parts as plain records: the stable JSON and CSV shapes.

Every key here is in the reference (docs/reference.md); scripts depend on them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ..facts import Node
from ..model import Constraint, HistoryEntry, Measure, Verification
from ..vocab import ACTED, PENDING, Extent, Require, Result, Status

MEASURE_COLUMNS = [
    "id",
    "title",
    "actor",
    "category",
    "status",
    "extent",
    "status_date",
    "acted",
    "verified",
    "pending",
    "in_exchange_for",
    "after",
    "part_of",
    "deadline",
    "last_date",
    "verified_by",
    "sources",
    "notes",
]


# Enum values by member: a dict lookup is cheaper than `.value` (a Python-level
# property), and `status` runs this for every measure and history entry.
_STATUS = {s: s.value for s in Status}
_EXTENT = {e: e.value for e in Extent}
_RESULT = {r: r.value for r in Result}
_REQUIRE = {r: r.value for r in Require}


def constraint_record(c: Constraint) -> dict[str, Any]:
    if c.with_ is not None:
        return {"with": c.with_}
    return {"after": c.after, "require": _REQUIRE[c.require], "demanded_by": c.demanded_by}


def verification_record(v: Verification) -> dict[str, Any]:
    return {
        "by": v.by,
        "result": _RESULT[v.result],
        "date": v.date.isoformat(),
        "method": v.method,
        "evidence": list(v.evidence),
        "note": v.note,
    }


def history_record(
    h: HistoryEntry, measure_id: str | None = None, n: int | None = None
) -> dict[str, Any]:
    """A history entry as its documented JSON object; `n` is its number in the measure's
    history (1: the first, in the order events happened), as `dprk redate` takes it."""
    record: dict[str, Any] = {
        "date": h.date.isoformat(),
        "event": h.event,
        "status": _STATUS[h.status] if h.status else None,
        "extent": _EXTENT[h.extent] if h.extent else None,
        "detail": h.detail,
        "note": h.note,
        "recorded": _moment(h.recorded),
    }
    if n is not None:
        record = {"n": n} | record
    return record if measure_id is None else {"id": measure_id} | record


def measure_record(m: Measure, node: Node, *, full: bool = True) -> dict[str, Any]:
    """A measure as its documented JSON object: its own fields from `m`, where it stands
    (status, extent, since when) from its `node` (the replay's, or a what-if's)."""
    # Written out rather than through the model's properties: this runs once per
    # measure of a `status --format json`, ten thousand times on a large ledger.
    status = node.status
    history = m.history
    verifications = m.verifications
    constraints = m.constraints
    dates = [h.date for h in history]
    if verifications:
        dates.extend(v.date for v in verifications)
    last = max(dates) if dates else None
    record: dict[str, Any] = {
        "id": m.id,
        "title": m.title,
        "actor": m.actor,
        "category": m.category,
        "status": _STATUS[status],
        "extent": _EXTENT[node.extent],
        "status_date": _iso(node.since),
        "acted": status in ACTED,
        "verified": status == Status.verified,
        "pending": status in PENDING,
        "in_exchange_for": list(m.in_exchange_for),
        "after": [c.after for c in constraints if c.after is not None],
        "part_of": m.part_of,
        "constraints": [constraint_record(c) for c in constraints],
        "deadline": m.deadline.isoformat() if m.deadline else None,
        "last_date": last.isoformat() if last else None,
        "sources": list(m.sources),
        "notes": m.notes,
        "verifications": [verification_record(v) for v in verifications],
    }
    if m.conflicts:  # only while a git merge conflict waits for 'dprk resolve'
        record["conflicts"] = [
            {"field": c.field, "ours": c.ours, "theirs": c.theirs} for c in m.conflicts
        ]
    if full:
        record["history"] = [history_record(h) for h in history]
    return record


def _moment(when: datetime) -> str:
    """A timestamp as export writes it (pydantic's JSON): UTC as 'Z'."""
    text = when.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def flat_measure(record: dict[str, Any]) -> dict[str, Any]:
    """A measure record reduced to the flat CSV/TSV columns."""
    flat = {key: record.get(key) for key in MEASURE_COLUMNS}
    flat["verified_by"] = sorted({v["by"] for v in record.get("verifications", [])})
    return flat
