"""Reports for export and schema: the whole ledger as data.

`dprk export --format json` is the ledger document (the shape `dprk schema`
describes); jsonl is one full measure object a line; csv and tsv one measure
a row with every field (lists and records as JSON text), which is what
`dprk import` reads back.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..model import Ledger, Measure, ledger_json_schema
from ..store.interchange import export_columns, export_document, export_row, measure_json
from . import Column, Report, Rows, Section, deferred

EXPORT_TABLE = [
    Column("id", "id", priority=100, label=True),
    Column("actor", "actor", priority=90),
    Column("status", "status", priority=95, label=True),
    Column("category", "category", priority=40),
    Column("title", "title", wrap=True, priority=80),
]


def export_report(header: Ledger, measures: Sequence[Measure], ids: list[str]) -> Report:
    """The ledger's own fields (`header`) and `measures` (their `ids`), with every field.
    Each measure is put in the chosen format's shape when the writer reaches it (`Rows`):
    a large ledger is written a measure at a time, never held whole in any shape."""
    records = Rows(measures, measure_json)
    return Report(
        document=deferred(lambda: export_document(header, records)),
        records=records,
        flat=deferred(lambda: Rows(measures, export_row)),
        columns=export_columns(),
        ids=ids,
        sections=deferred(
            lambda: [
                Section(
                    f"{header.title}: {len(measures)} measures",
                    EXPORT_TABLE,
                    records,
                    empty="(no measures match)",
                )
            ]
        ),
    )


def schema_report() -> Report:
    """The JSON Schema of a ledger, from the models every load is validated with."""
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "dprk ledger",
        "description": (
            "A dprk ledger (dprk-ledger.toml), and the document 'dprk export --format json' "
            "writes. Dates are YYYY-MM-DD, written in the file as TOML dates (no quotes); "
            "'recorded' is a TOML time in UTC, with its offset (one left out is read as UTC, "
            "another offset as the same moment in UTC)."
        ),
    }
    schema.update(
        {
            key: value
            for key, value in ledger_json_schema().items()
            if key not in ("title", "description")
        }
    )
    return Report(document=schema, id_key=None)
