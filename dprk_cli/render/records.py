"""A measure's records for the reports: its JSON record, and its flat row (CSV, TSV,
JSON lines), both made in `dprk_cli.shapes`.

Every key here is in the reference (docs/reference.md); scripts depend on them.
"""

from __future__ import annotations

from ..shapes import (
    DERIVED,
    constraint_record,
    derived_record,
    flat_columns,
    flat_record,
    history_record,
    measure_record,
    part_record,
    verification_record,
)

__all__ = [
    "DERIVED",
    "constraint_record",
    "derived_record",
    "flat_columns",
    "flat_record",
    "history_record",
    "measure_record",
    "part_record",
    "verification_record",
]
