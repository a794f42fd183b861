"""Measures as flat rows (CSV, TSV, JSON lines); the JSON records themselves are
made in `dprk_cli.shapes`.

Every key here is in the reference (docs/reference.md); scripts depend on them.
"""

from __future__ import annotations

from typing import Any

from ..shapes import (
    DERIVED,
    constraint_record,
    derived_record,
    history_record,
    measure_record,
    part_record,
    verification_record,
)

__all__ = [
    "DERIVED",
    "MEASURE_COLUMNS",
    "constraint_record",
    "derived_record",
    "flat_measure",
    "history_record",
    "measure_record",
    "part_record",
    "verification_record",
]

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
    "full_date",  # (new in 0.3.0: after the columns scripts read by place)
]


def flat_measure(record: dict[str, Any]) -> dict[str, Any]:
    """A measure record reduced to the flat CSV/TSV columns."""
    flat = {key: record.get(key) for key in MEASURE_COLUMNS}
    flat["verified_by"] = record.get("verified_by") or []
    return flat
