"""The ledger in and out of JSON and CSV: `dprk export` and `dprk import`.

Export writes every field of every measure, so that importing the export into
an empty ledger gives back the same ledger byte for byte. Import reads a whole
file, validates every row with the ledger's own pydantic models and checks it
against the ledger (ids taken, undeclared actors, links to ids that do not
exist) before anything is written: one bad row and nothing is imported, with
an error naming the row.

JSON: the export document (`schema`, `title`, `parties`, `measures`, the
shape `dprk schema` describes), or a bare list of measure objects. JSON lines:
one measure object a line. CSV: one measure a row, one column per field;
list and record fields hold JSON text (a list of plain strings may also be
written `a; b; c`).
"""

from __future__ import annotations

import json
import typing
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..changes import entry, link_exchange
from ..errors import DprkError
from ..model import Ledger, Measure, today

IMPORT_FORMATS = ("json", "jsonl", "csv")


def export_columns() -> list[str]:
    """The CSV columns of `dprk export --format csv`: every measure field, in ledger order."""
    return [info.alias or name for name, info in Measure.model_fields.items()]


def export_document(ledger: Ledger, measures: list[Measure] | None = None) -> dict[str, Any]:
    """The whole ledger (or its `measures`) as one JSON document; every field is kept."""
    data = ledger.model_dump(mode="json", by_alias=True)
    if measures is not None:
        data["measures"] = [measure_json(m) for m in measures]
    return data


def measure_json(m: Measure) -> dict[str, Any]:
    return m.model_dump(mode="json", by_alias=True)


def export_row(m: Measure) -> dict[str, str]:
    """A measure as one CSV row: scalars as text, lists and records as JSON."""
    row: dict[str, str] = {}
    for key, value in measure_json(m).items():
        if value is None:
            row[key] = ""
        elif isinstance(value, list | dict):
            row[key] = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        else:
            row[key] = str(value)
    return row


@dataclass
class Incoming:
    """What an import file holds, validated record by record."""

    measures: list[Measure]
    where: dict[str, str]  # measure id -> 'row 3' / 'measure #3', for error messages
    title: str | None = None
    parties: list[str] = field(default_factory=list)


def read_import(text: str, fmt: str, label: str) -> Incoming:
    """Parse and validate an import file; the first bad record is a one-line error."""
    if fmt == "csv":
        records = _csv_records(text, label)
        title, parties = None, []
    elif fmt == "jsonl":
        records = _jsonl_records(text, label)
        title, parties = None, []
    else:
        records, title, parties = _json_records(text, label)
    measures: list[Measure] = []
    where: dict[str, str] = {}
    for place, record in records:
        m = _validate_measure(record, f"{label}: {place}")
        if m.id in where:
            raise DprkError(f"{label}: {place}: id '{m.id}' appears twice (also {where[m.id]})")
        where[m.id] = place
        measures.append(m)
    return Incoming(measures=measures, where=where, title=title, parties=parties)


def _json_records(text: str, label: str) -> tuple[list[tuple[str, Any]], str | None, list[str]]:
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise DprkError(f"{label}: not valid JSON: {exc}") from None
    title, parties = None, []
    if isinstance(data, dict):
        unknown = sorted(set(data) - {"schema", "title", "parties", "conflicts", "measures"})
        if unknown:
            raise DprkError(
                f"{label}: '{unknown[0]}' is not a field of a ledger document (a typo?)"
            )
        header = {k: v for k, v in data.items() if k != "measures"}
        try:
            checked = Ledger.model_validate_json(json.dumps(header))
        except Exception as exc:  # pydantic's ValidationError, said in one line
            raise DprkError(f"{label}: {_describe(exc)}") from None
        title = checked.title if "title" in data else None
        parties = list(checked.parties)
        data = data.get("measures", [])
    if not isinstance(data, list):
        raise DprkError(
            f"{label}: expected a ledger document (an object with 'measures') or a list of measures"
        )
    return [(f"measure #{i}", item) for i, item in enumerate(data, 1)], title, parties


def _jsonl_records(text: str, label: str) -> list[tuple[str, Any]]:
    records = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            records.append((f"line {number}", json.loads(line)))
        except ValueError as exc:
            raise DprkError(f"{label}: line {number}: not valid JSON: {exc}") from None
    return records


def _csv_records(text: str, label: str) -> list[tuple[str, Any]]:
    import csv

    reader = csv.reader(text.splitlines())
    try:
        header = next(reader)
    except StopIteration:
        return []
    except csv.Error as exc:
        raise DprkError(f"{label}: line 1: not valid CSV: {exc}") from None
    known = export_columns()
    header = [h.strip() for h in header]
    for name in header:
        if name not in known:
            raise DprkError(
                f"{label}: column '{name}' is not a measure field (columns: {', '.join(known)})"
            )
    records = []
    try:
        for number, cells in enumerate(reader, 2):
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(header):
                raise DprkError(
                    f"{label}: row {number}: {len(cells)} cells, but the header has {len(header)}"
                )
            record: dict[str, Any] = {}
            for name, value in zip(header, cells, strict=True):
                decoded = _csv_cell(name, value, f"{label}: row {number}")
                if decoded is not _MISSING:
                    record[name] = decoded
            records.append((f"row {number}", record))
    except csv.Error as exc:
        raise DprkError(f"{label}: not valid CSV: {exc}") from None
    return records


_MISSING = object()


def _field_shape(column: str) -> tuple[bool, bool]:
    """(is a list, is a list of plain strings) for a measure column."""
    for name, info in Measure.model_fields.items():
        if (info.alias or name) != column:
            continue
        if typing.get_origin(info.annotation) is not list:
            return False, False
        (inner,) = typing.get_args(info.annotation)
        while typing.get_origin(inner) is typing.Annotated:
            inner = typing.get_args(inner)[0]
        return True, inner is str
    return False, False


def _csv_cell(column: str, value: str, where: str) -> Any:
    is_list, plain = _field_shape(column)
    if not is_list:
        return _MISSING if value == "" else value
    text = value.strip()
    if not text:
        return []
    if text.startswith("["):
        try:
            return json.loads(text)
        except ValueError as exc:
            raise DprkError(f"{where}, column '{column}': not valid JSON: {exc}") from None
    if plain:
        return [part.strip() for part in text.split(";") if part.strip()]
    raise DprkError(f"{where}, column '{column}': expected a JSON list, e.g. [...]")


def _validate_measure(record: Any, where: str) -> Measure:
    if not isinstance(record, dict):
        raise DprkError(f"{where}: expected an object with the measure's fields")
    ident = record.get("id")
    named = f"{where} (measure '{ident}')" if isinstance(ident, str) and ident else where
    try:
        return Measure.model_validate_json(json.dumps(record, default=_json_default)).normalized()
    except (TypeError, ValueError) as exc:
        raise DprkError(f"{named}: {_describe(exc)}") from None


def _json_default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot read {type(value).__name__}")


def _describe(exc: Exception) -> str:
    from pydantic import ValidationError

    from .codec import describe_validation_error

    if isinstance(exc, ValidationError):
        return describe_validation_error(exc)
    return str(exc)


def plan_import(
    ledger: Ledger, incoming: Incoming, *, replace: bool, label: str
) -> tuple[str | None, list[str], list[Measure]]:
    """Check an import against the ledger; the new title (or None), parties, measures to write.

    Refuses (naming the row) an id the ledger already has (unless `replace`), an
    actor or demanding party that is neither declared nor in the file's
    parties, and a link or constraint to an id found in neither. Exchange links
    to a measure already in the ledger are completed on that side. A measure
    with no history is recorded as created today. A file's title is taken only
    by a ledger that has none of its own yet.
    """
    parties = list(ledger.parties)
    for name in incoming.parties:
        if name not in parties:
            parties.append(name)
    existing = ledger.index()
    arriving = {m.id: m for m in incoming.measures}
    known = set(existing) | set(arriving)

    def fail(m: Measure, text: str) -> DprkError:
        return DprkError(f"{label}: {incoming.where[m.id]} (measure '{m.id}'): {text}")

    for m in incoming.measures:
        if m.id in existing and not replace:
            raise fail(m, "a measure with this id already exists; use --replace to overwrite it")
        if m.actor not in parties:
            raise fail(
                m,
                f"actor '{m.actor}' is not a declared party (declared: "
                f"{', '.join(parties) or 'none yet'}); add it with 'dprk add-party'",
            )
        for other in [*m.in_exchange_for, *(c.other for c in m.constraints)]:
            if other == m.id:
                raise fail(m, "refers to itself")
            if other not in known:
                raise fail(m, f"refers to '{other}', which is neither in the ledger nor the file")
        for c in m.constraints:
            if c.demanded_by is not None and c.demanded_by not in parties:
                raise fail(m, f"demanded_by '{c.demanded_by}' is not a declared party")
    # A measure with no history gets its creation, dated today: every measure has a
    # date to show, and the writer renders a measure with no history correctly only
    # as a table of its own (a short one would come out as an inline table).
    result = [m if m.history else _created_today(m) for m in incoming.measures]
    for m in incoming.measures:
        for other in m.in_exchange_for:
            if other in arriving or m.id in existing[other].in_exchange_for:
                continue
            when = m.first_date or today()
            existing[other] = link_exchange(existing[other], m.id, when)
            result.append(existing[other])
    untitled = ledger.title == Ledger.model_fields["title"].default
    title = incoming.title if incoming.title and untitled else None
    return title, parties, result


def _created_today(m: Measure) -> Measure:
    return m.model_copy(
        update={
            "history": [
                entry(today(), "created", status=m.status, detail=f"imported as {m.status.value}")
            ]
        }
    )
