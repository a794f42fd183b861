"""A measure's documented JSON shape: one home for every key of it.

`status --format json`, `show` and the cache all give a measure as the same
object: its own fields (from the `Measure`) around where it stands (status,
extent, since when: from its `Node`, the replay's or a what-if's). The object
is made in three pieces — `head`, `standing`, `tail` — so that the pieces that
depend only on the measure can be kept as JSON text (the store keeps them
beside the ledger) and joined with a node's standing when shown: the text is
byte for byte what encoding the whole object gives (`record_text`).

Every key here is in the reference (docs/reference.md); scripts depend on them.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from .facts import Node
from .model import Constraint, HistoryEntry, Measure, Verification
from .vocab import ACTED, PENDING, Extent, Require, Result, Status

# Enum values by member: a dict lookup is cheaper than `.value` (a Python-level
# property), and a record is made for every measure and history entry.
_STATUS = {s: s.value for s in Status}
_EXTENT = {e: e.value for e in Extent}
_RESULT = {r: r.value for r in Result}
_REQUIRE = {r: r.value for r in Require}

# The one encoder of measure records: one line, ", " and ": " between items, text
# as it is (not \u-escaped). `render.json_line` writes everything else the same way.
_encode = json.JSONEncoder(ensure_ascii=False).encode


def encode(value: Any) -> str:
    """`value` (JSON types only) as one line of JSON, as records are written."""
    return _encode(value)


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
        "recorded": moment(h.recorded),
    }
    if n is not None:
        record = {"n": n} | record
    return record if measure_id is None else {"id": measure_id} | record


def head(m: Measure) -> dict[str, Any]:
    """The record's first keys: who and what."""
    return {"id": m.id, "title": m.title, "actor": m.actor, "category": m.category}


def standing(node: Node) -> dict[str, Any]:
    """The record's middle keys: where the measure stands (from its node)."""
    status = node.status
    return {
        "status": _STATUS[status],
        "extent": _EXTENT[node.extent],
        "status_date": node.since.isoformat() if node.since is not None else None,
        "acted": status in ACTED,
        "verified": status == Status.verified,
        "pending": status in PENDING,
    }


def tail(m: Measure) -> dict[str, Any]:
    """The record's last keys: links, order, dates, sources, findings, history."""
    history = m.history
    verifications = m.verifications
    constraints = m.constraints
    dates = [h.date for h in history]
    if verifications:
        dates.extend(v.date for v in verifications)
    last = max(dates) if dates else None
    record: dict[str, Any] = {
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
    record["history"] = [history_record(h) for h in history]
    return record


def measure_record(m: Measure, node: Node) -> dict[str, Any]:
    """A measure as its documented JSON object: its own fields from `m`, where it stands
    from its `node`."""
    return head(m) | standing(node) | tail(m)


def record_parts(m: Measure) -> tuple[str, str]:
    """The JSON text of the record's pieces that depend only on `m` (see `record_text`)."""
    return encode(head(m))[:-1], encode(tail(m))[1:]


def record_text(parts: tuple[str, str], node: Node, extra: dict[str, Any] | None = None) -> str:
    """The record of the measure whose `record_parts` these are, standing as `node` says,
    with the `extra` keys after the rest: the JSON text of `measure_record(m, node) |
    extra`, byte for byte."""
    first, last = parts
    middle = encode(standing(node))[1:-1]
    if extra:
        last = last[:-1] + ", " + encode(extra)[1:]
    return f"{first}, {middle}, {last}"


def moment(when: datetime) -> str:
    """A timestamp as export writes it (pydantic's JSON): UTC as 'Z'."""
    text = when.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None
