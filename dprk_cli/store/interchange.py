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
written `a; b; c`). Besides the measure's own fields, a record may use the
command line's names: `after` (ids of the measures it waits for, as
`add-measure --after`) and `date` (when it was created, or, for a record
whose `status` its history does not give, when that status was reached).
What the rows mean for the ledger is decided in `operations.import_measures`.
"""

from __future__ import annotations

import json
import re
import typing
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any, NoReturn

from ..errors import DprkError, UsageError, also_named, each_checked
from ..model import Ledger, Measure
from ..operations import Incoming
from ..rules import blank_text
from ..shapes import REPORT_SHAPES, STANDING_ONLY
from ..vocab import (
    EXPORT_FORMATS,
    IN_THE_SOURCE,
    choice_meant,
    extent_word,
    nearest_choice,
    ordinal,
)


def export_columns() -> list[str]:
    """The CSV columns of `dprk export --format csv`: every measure field, in ledger order."""
    return [info.alias or name for name, info in Measure.model_fields.items()]


def export_document(header: Ledger, measures: Sequence[Any]) -> dict[str, Any]:
    """The ledger's own fields (`header`; its measures left out) and `measures` (each as
    `measure_json` makes it) as one JSON document; every field is kept."""
    data = header.model_dump(mode="json", by_alias=True, exclude={"measures"})
    if header.ended is None:  # (talks not over: the document as it always was)
        del data["ended"], data["ended_note"]
    data["measures"] = measures
    return data


def measure_json(m: Measure) -> dict[str, Any]:
    return m.model_dump(mode="json", by_alias=True)


# A CSV cell's JSON: one encoder made once (`json.dumps` with options makes one a call,
# and a large export writes six list cells a row).
_CELL = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def export_row(m: Measure) -> dict[str, str]:
    """A measure as one CSV row: scalars as text, lists and records as JSON."""
    row: dict[str, str] = {}
    for key, value in measure_json(m).items():
        if value is None:
            row[key] = ""
        elif isinstance(value, list | dict):
            row[key] = _CELL(value)
        else:
            row[key] = str(value)
    return row


# The command line's names a record may use besides the measure's own fields.
EXTRA_COLUMNS = ("after", "date")


def read_import(
    text: str,
    fmt: str,
    label: str,
    advise: Callable[[str], str],
    ids: Callable[[], Iterable[str]] | None = None,
    ignore: Collection[str] = (),
    columns: Mapping[str, str] | None = None,
) -> Incoming:
    """Parse and validate an import file; bad records are a one-line error, the first
    in full, the others by their places (`errors.each_checked`). `ids`, the ledger's ids,
    asked only to name the one a number given for an id may stand for ('0012' for 12).
    `advise` words how to have this file read in another format (JSON text that reads
    as one), as the other files of its import allow. `ignore`: the headings of the
    columns of a CSV or TSV to skip (`import --ignore-column`), read as headings are;
    `columns`: the field each heading it names is read as (`import --column`, `column_map`)."""
    try:
        return _read_import(text, fmt, label, advise, ids, ignore, columns or {})
    except DprkError as exc:
        report = _report_of(text)
        if report is None:
            raise
        raise DprkError(
            f"{label} holds the output of {report}, a report, not a ledger: export a ledger "
            f"with 'dprk export' {EXPORT_FORMATS} to import it",
            exc.exit_code,
        ) from None


def _read_import(
    text: str,
    fmt: str,
    label: str,
    advise: Callable[[str], str],
    ids: Callable[[], Iterable[str]] | None,
    ignore: Collection[str] = (),
    columns: Mapping[str, str] | None = None,
) -> Incoming:
    parties: list[str] = []
    title: str | None = None
    ended: tuple[date, str] | None = None
    headings: list[str] = []  # (of a CSV or TSV)
    try:
        if fmt == "csv":
            records = _csv_records(text, label, ignore, headings, columns)
        elif fmt == "tsv":
            records = _tsv_records(text, label, ignore, headings, columns)
        elif fmt == "jsonl":
            records = _jsonl_records(text, label)
        else:
            records, title, parties, ended = _json_records(text, label, advise)
    except _Unread as unread:  # (a file in another format: how to have it read so)
        other = _other_format(text, unread.read_as or fmt, advise)
        raise DprkError(f"{unread.message}{other}") from None
    incoming = Incoming(
        measures=[], where={}, title=title, parties=parties, ended=ended, headings=headings
    )
    context = _Context(ids, tabular=fmt in ("csv", "tsv"))

    def read(row: tuple[str, Any]) -> None:
        place, record = row
        where = f"{label}: {place}"
        named = _named(record, where)
        try:
            when = _record_date(record, named)
        except DprkError as bad_date:  # (and every other field it refuses, in one line)
            _refuse_with_the_rest(bad_date.message, record, where, named, context)
        m = _validate_measure(record, where, context)
        if m.id in incoming.where:
            raise DprkError(f"{where}: id '{m.id}' appears twice (also {incoming.where[m.id]})")
        incoming.where[m.id] = place
        incoming.measures.append(m)
        if when is not None:
            incoming.dates[m.id] = when
        if isinstance(record, dict) and record.get("status") not in (None, ""):
            incoming.has_status.add(m.id)
        if isinstance(record, dict) and record.get("extent") not in (None, ""):
            incoming.has_extent.add(m.id)

    each_checked(records, lambda row: row[0], read)  # (every bad row named: one run to mend)
    return incoming


def joined(read: Sequence[tuple[str, Incoming]]) -> Incoming:
    """The files of one import (each `read_import`'s, with its label), read as one file
    holding all their rows: so that an export by party, whose measures refer to each
    other's, comes back in one go. Each row's place names its file; the first title
    given is the file's; an id twice among them is refused as in one file."""
    if len(read) == 1:
        return read[0][1]
    incoming = Incoming(measures=[], where={}, several=True)
    for label, one in read:
        incoming.title = incoming.title or one.title
        incoming.ended = incoming.ended or one.ended
        incoming.parties += [p for p in one.parties if p not in incoming.parties]
        for m in one.measures:
            where = f"{label}: {one.where[m.id]}"
            if m.id in incoming.where:
                raise DprkError(f"{where}: id '{m.id}' appears twice (also {incoming.where[m.id]})")
            incoming.where[m.id] = where
            incoming.measures.append(m)
        incoming.dates.update(one.dates)
        incoming.headings += one.headings
        incoming.has_status |= one.has_status
        incoming.has_extent |= one.has_extent
    return incoming


def ignored_unmatched(ignore: Collection[str], incoming: Incoming, label: str) -> None:
    """Refuse a column `import --ignore-column` names (`ignore`) that is no heading of
    the CSV or TSV files of the import (`incoming`, `joined`; `label` names them): a
    typo would import the column meant to be skipped, or leave a sheet's own column to
    be refused. In one line, the first such name, with the heading it is near."""
    _unmatched("--ignore-column", ignore, incoming, label, "skip a column by", "skips")


def mapped_unmatched(columns: Mapping[str, str], incoming: Incoming, label: str) -> None:
    """Refuse a heading `import --column` names (`columns`, `column_map`) that is no
    heading of the files of the import, as `ignored_unmatched` refuses one to skip."""
    _unmatched("--column", columns, incoming, label, "read a column by", "reads")


def _unmatched(
    option: str, names: Iterable[str], incoming: Incoming, label: str, by: str, does: str
) -> None:
    """Refuse the first of `names`, headings an `option` of `import` gives, that is no
    heading of its files, with the heading it is near (`by`, `does`: what the option
    does with one, to say it of files with no headings)."""
    missed = next(_not_headings(names, incoming.headings), None)
    if missed is None:
        return
    if not incoming.headings:
        raise UsageError(
            f"{option}: {label} has no headings to {by} (it {does} a column of a CSV "
            f"or TSV file); leave out {option}"
        )
    raise UsageError(_no_heading(option, missed[0], incoming.headings, label))


def _not_headings(names: Iterable[str], headings: Iterable[str]) -> Iterator[tuple[str, str]]:
    """Each of `names`, as an option of `import` gives it, that is none of `headings`
    (matched as headings are, `_heading_key`), with the one it is near, as words to end
    a message with (`_heading_meant`; "" when none is near): what `--ignore-column` and
    `--column` say of a heading mistyped."""
    headings = list(headings)
    keys = {_heading_key(h) for h in headings}
    for name in names:
        if _heading_key(name) not in keys:
            yield name, _heading_meant(name, headings)


def _no_heading(option: str, name: str, headings: Iterable[str], label: str) -> str:
    """The refusal of `name`, given to `option`, that is none of `headings` (those of the
    files `label` names), with the one it is near: each heading as the sheet writes it
    (the first of those matched alike, `_heading_key`)."""
    listed = ", ".join(_written(headings).values())
    meant = _heading_meant(name, headings)
    return f"{option}: '{name}' is no heading of {label}{meant} (its headings: {listed})"


def _written(headings: Iterable[str]) -> dict[str, str]:
    """Each of `headings` as matched (`_heading_key`), with the first written so."""
    written: dict[str, str] = {}
    for h in headings:
        written.setdefault(_heading_key(h), h.strip())
    return written


def _heading_meant(name: str, headings: Iterable[str]) -> str:
    """The one of `headings` that `name`, none of them, is near, as the sheet writes it,
    in words to end a message with (" (did you mean 'Notes'?)"); "" when none is near."""
    written = _written(headings)
    near = nearest_choice(_heading_key(name), list(written))
    return f" (did you mean '{written[near]}'?)" if near is not None else ""


def column_map(given: Iterable[str], ignore: Collection[str] = ()) -> dict[str, str]:
    """What `import --column HEADING=FIELD` gives (`given`, each as typed): each heading,
    as typed (matched as headings are, `_heading_key`), with the field its column is read as (a
    measure's field, or `after` or `date`, in any case, as a heading names one). One not
    so written, naming no field, or a heading `--ignore-column` skips (`ignore`), is
    refused, with the field it is near."""
    known = [*export_columns(), *EXTRA_COLUMNS]
    skipped = {_heading_key(name) for name in ignore}
    found: dict[str, str] = {}
    for one in given:
        heading, equals, field = one.rpartition("=")
        if not equals or not heading.strip() or not field.strip():
            raise UsageError(
                f"--column: '{one}' is not HEADING=FIELD; give the sheet's heading and the "
                "field its column holds, as in --column Party=actor"
            )
        name = _column_named(field, known)
        if name not in known:
            raise UsageError(
                f"--column: '{field.strip()}' is no measure field"
                f"{choice_meant(_heading_key(field), known)} (fields: {', '.join(known)})"
            )
        key = _heading_key(heading)
        if key in skipped:
            raise UsageError(
                f"--column: heading '{heading.strip()}' is skipped by --ignore-column too; "
                "leave it out of one of them"
            )
        was = next((f for h, f in found.items() if _heading_key(h) == key), name)
        if was != name:
            raise UsageError(
                f"--column: heading '{heading.strip()}' is read as '{was}' and as '{name}'; "
                "give it once"
            )
        found[heading.strip()] = name
    return found


def _refuse_with_the_rest(
    said: str, record: Any, where: str, named: str, context: _Context | None
) -> NoReturn:
    """Refuse a record whose `date` is refused (`said`), naming the problems of its other
    fields too, as they are named together (`_row_problems`)."""
    try:
        _validate_measure(record, where, context)
    except DprkError as more:
        rest = more.message.removeprefix(f"{named}: ").replace("; also ", "; ", 1)
        raise DprkError(f"{said}; also {rest}") from None
    raise DprkError(said)


def _record_date(record: Any, where: str) -> date | None:
    """A record's `date` (popped: it is not a measure field), checked."""
    if not isinstance(record, dict) or "date" not in record:
        return None
    value = record.pop("date")
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    from ..vocab import day_of, not_a_day

    if isinstance(value, str):  # (a cell's spaces around it, as a spreadsheet may leave)
        value = value.strip()
    day = day_of(value) if isinstance(value, str) else None
    if day is None:
        raise DprkError(f"{where}: date '{value}' {not_a_day(value)}")
    return day


class _KeyTwice(ValueError):
    """A JSON object giving one key twice: which value was meant cannot be told."""


def _one_each(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise _KeyTwice(f"key '{key}' appears twice in one object")
        found[key] = value
    return found


def _loads(text: str) -> Any:
    """JSON text as data; an object giving a key twice is refused (`json.loads` would
    keep the last value without a word). Nested too deep for the parser: a ValueError,
    as for any text that is no JSON."""
    try:
        return json.loads(text, object_pairs_hook=_one_each)
    except RecursionError:
        raise ValueError("nesting too deep to be a ledger") from None


# A line only a TOML ledger begins so: its `[[measures]]` tables, or its header's keys.
_TOML_LEDGER = re.compile(r"^[ \t]*(?:\[\[[ \t]*measures[ \t]*\]\]|schema[ \t]*=[ \t]*\d)", re.M)


def is_toml_ledger(text: str) -> bool:
    """Whether `text`, which no import format reads, is a ledger's TOML (a copy of a
    ledger file: a sync client's conflict copy, say)."""
    return _TOML_LEDGER.search(text) is not None


class _Unread(DprkError):
    """A file whose start its format does not read (the JSON text, the header row): said
    with the format the file reads as, where that is another (`_other_format`). `read_as`:
    the format it was read in, where not the one asked (a CSV reader's tabs: a TSV)."""

    read_as: str | None = None


def reads_as(text: str) -> str | None:
    """The import format `text` reads as, told by its start: 'json' (a document or a
    list, or JSON broken further on), 'jsonl' (a JSON object a line, one measure on one),
    'csv' or 'tsv' (a header row: a tab in its first line, else a comma or a semicolon);
    None, none of them. The one home of what a file that failed to read in its format
    reads as, asked for the advice of every reader's failure (`_other_format`); the CSV
    reader's choice of a separator (`_separator`) reads a header written so alike."""
    found = re.search(r"^[^\n]*\S[^\n]*", text, re.M)
    first = found.group().strip(" \r\ufeff") if found is not None else ""
    if first[:1] in ("[", "{"):
        try:
            data = _loads(text)
        except ValueError:  # (a JSON object a line; else a document broken further on)
            if first == text.strip():  # (one line, no JSON: as no JSON reader reads it)
                return None
            try:
                one = _loads(first)
            except ValueError:
                return "json"
            return "jsonl" if isinstance(one, dict) and "measures" not in one else "json"
        single = isinstance(data, dict) and "measures" not in data and first == text.strip()
        return "jsonl" if single else "json"
    if first[:1].isalpha() or first[:1] in ('"', ",", ";", "\t"):
        return "tsv" if "\t" in first else "csv" if "," in first or ";" in first else None
    return None


def _report_of(text: str) -> str | None:
    """The dprk command whose report `text` is the output of (quoted: "'dprk status'"),
    told by its start, in the format it reads as (`reads_as`): a report's JSON document
    (`_document_of`), `show`'s record, or a list of records (`log`, `undo --list`) or of
    documents (`balance --yearly`); a record a line or a header row of a report's rows
    (`_rows_of`). None when it is none. Asked of an import's file only once it is refused."""
    fmt = reads_as(text)
    if fmt == "json":
        try:
            data = _loads(text)
        except ValueError:  # (JSON lines whose first record holds `measures`: a score's)
            data = None
            fmt = "jsonl"
        if isinstance(data, list) and data:
            data = data[0]
        if isinstance(data, dict):
            report = _document_of(data)
            if report is None and _reported(data):
                return "'dprk show'"
            return report if report is not None else _rows_of(data)
        if fmt == "json":
            return None
    first = text.lstrip("\ufeff \t\r\n").partition("\n")[0].removesuffix("\r")
    if fmt == "jsonl":
        try:
            record = _loads(first)
        except ValueError:
            return None
        return _rows_of(record) if isinstance(record, dict) else None
    if fmt in ("csv", "tsv"):
        import csv

        separator = "\t" if fmt == "tsv" else _separator(first)
        header = next(csv.reader([first], delimiter=separator), [])
        return _rows_of(dict.fromkeys(c.strip() for c in header))
    return None


# The keys of a ledger document (`dprk export --format json`): a document holding one a
# report's does not is no report's, whatever else it holds.
_DOCUMENT_KEYS = frozenset(("schema", "title", "parties", "conflicts", "measures"))


def _document_of(data: dict[str, Any]) -> str | None:
    """The report whose JSON document `data` is (quoted), told by the top-level keys it
    always holds (`shapes.REPORT_SHAPES`): all of them, and no key of a ledger document
    besides (a what-if's, `assumed`, may be there); the one of most such keys."""
    found = [
        (len(keys), command)
        for command, (keys, _) in REPORT_SHAPES.items()
        if keys and set(keys) <= data.keys() and not (data.keys() - set(keys)) & _DOCUMENT_KEYS
    ]
    return f"'dprk {max(found)[1]}'" if found else None


def _rows_of(record: dict[str, Any]) -> str | None:
    """The report whose row `record` is (quoted), told by its keys: a measure's flat row
    (`status` or `show`: most of the keys of where it stands, `_reported`), else two keys
    or more of a report's columns (`shapes.REPORT_SHAPES`) that a measure's record has
    not, and no field of a measure's that those columns have not (one such key alone is
    a typo in a file made by hand); the report of most columns held, the first of them."""
    if _reported(record):
        return "'dprk status' or of 'dprk show'"
    fields = {*export_columns(), *EXTRA_COLUMNS}
    best: tuple[int, str] | None = None
    for command, (_, columns) in REPORT_SHAPES.items():
        own = set(columns) - fields
        if len(own & record.keys()) < 2 or (record.keys() - set(columns)) & fields:
            continue
        held = len(record.keys() & set(columns))
        if best is None or held > best[0]:
            best = (held, command)
    return None if best is None else f"'dprk {best[1]}'"


def _reported(record: Any) -> bool:
    """Whether `record` is a measure's record as a report gives it: its id, and most of
    the keys of where it stands that no ledger's measure holds (one such key alone is a
    typo in a file made by hand)."""
    if not isinstance(record, dict) or "id" not in record:
        return False
    return 2 * sum(key in record for key in STANDING_ONLY) > len(STANDING_ONLY)


# What a file that reads as each format is said to be, before the advice.
_READS_AS = {
    "json": "it reads as JSON",
    "jsonl": "a JSON object a line",
    "csv": "it reads as CSV",
    "tsv": "it reads as TSV",
}


def _other_format(text: str, fmt: str, advise: Callable[[str], str]) -> str:
    """What to say of a file read as `fmt` whose start does not read so, where it reads
    as another format dprk imports (`reads_as`), with the `advise` that has it read so:
    '' when it does not."""
    other = reads_as(text)
    if other is None or other == fmt:
        return ""
    return f" ({_READS_AS[other]}: {advise(other)})"


def _json_records(
    text: str, label: str, advise: Callable[[str], str]
) -> tuple[list[tuple[str, Any]], str | None, list[str], tuple[date, str] | None]:
    if not text.strip():  # (empty, as an empty JSON lines or CSV file: nothing to import)
        return [], None, [], None
    try:
        data = _loads(text)
    except _KeyTwice as exc:
        raise DprkError(f"{label}: {exc}") from None
    except ValueError as exc:
        raise _Unread(f"{label}: not valid JSON: {exc}") from None
    title, parties, ended = None, [], None
    if isinstance(data, dict):
        # (an end of talks is no key of every document: a report's JSON may hold it too)
        unknown = sorted(set(data) - _DOCUMENT_KEYS - {"ended", "ended_note"})
        if unknown and {"id", "title", "actor"} & set(data) and "measures" not in data:
            raise DprkError(  # (one measure, as a line of JSON lines: not a document)
                f"{label}: reads as one measure, not a ledger document; {advise('jsonl')} "
                "(a measure a line), or put it in a list: [ ... ]"
            )
        if unknown:
            raise DprkError(
                f"{label}: '{unknown[0]}' is not a field of a ledger document (a typo?)"
            )
        header = {k: v for k, v in data.items() if k != "measures"}
        try:
            checked = Ledger.model_validate_json(json.dumps(header))
        except Exception as exc:  # pydantic's ValidationError, said in one line
            raise DprkError(f"{label}: {_describe(exc)}") from None
        if checked.conflicts:  # (as a measure in one is refused: `_validate_measure`)
            fields = ", ".join(dict.fromkeys(c.field for c in checked.conflicts))
            raise DprkError(
                f"{label}: the ledger it was exported from has unresolved merge conflicts of "
                f"its own (on: {fields}); settle them with 'dprk resolve' {IN_THE_SOURCE}, "
                "then export again"
            )
        title = checked.title if "title" in data else None
        parties = list(checked.parties)
        if checked.ended is not None:
            ended = (checked.ended, checked.ended_note)
        data = data.get("measures", [])
    if not isinstance(data, list):
        raise DprkError(
            f"{label}: expected a ledger document (an object with 'measures') or a list of measures"
        )
    return [(f"measure #{i}", item) for i, item in enumerate(data, 1)], title, parties, ended


def _jsonl_records(text: str, label: str) -> list[tuple[str, Any]]:
    records: list[tuple[str, Any]] = []
    for number, line in enumerate(text.split("\n"), 1):  # (a value may hold U+2028)
        if not line.strip():
            continue
        try:
            record = _loads(line)
        except _KeyTwice as exc:
            raise DprkError(f"{label}: line {number}: {exc}") from None
        except ValueError as exc:  # (the first line: the file may be in another format)
            unread = DprkError if records else _Unread
            raise unread(f"{label}: line {number}: not valid JSON: {exc}") from None
        if not records and (not isinstance(record, dict) or "measures" in record):
            raise _Unread(f"{label}: line {number}: not a measure (an object of its fields)")
        records.append((f"line {number}", record))
    return records


# The first line Excel writes (and reads) to name a CSV's separator: 'sep=;'.
_EXCEL_SEP = re.compile(r"sep=(?P<sep>[^\r\n]?)[ \t]*(?:\r?\n|$)")


def _csv_records(
    text: str,
    label: str,
    ignore: Collection[str] = (),
    headings: list[str] | None = None,
    columns: Mapping[str, str] | None = None,
) -> list[tuple[str, Any]]:
    excel = _EXCEL_SEP.match(text)
    if excel is not None:  # (no row: Excel hides it, the header its row 1; the separator
        text = text[excel.end() :]  # it names, or the one guessed after it)
    separator = excel["sep"] if excel is not None and excel["sep"] else _separator(text)
    try:
        if separator == "\t" and excel is None:
            # (a TSV named .csv: read as one, its escapes and all, as dprk's export writes)
            return _tsv_records(text, label, ignore, headings, columns)
        rows = _csv_rows(text, label, separator)
        header = next(rows, None)
        if header is None:
            return []
        return _table_records(header, rows, label, ignore, headings, columns)
    except _Unread as unread:  # (its header read by tabs: as a TSV, not to be advised one)
        unread.read_as = "tsv" if separator == "\t" else None
        raise


def _csv_rows(text: str, label: str, separator: str) -> Iterator[list[str]]:
    """The rows of a CSV (cells separated by `separator`), as its reader reads them; a
    row that is no CSV, a one-line error."""
    import csv
    import io

    # (as the csv module asks: its reader finds the ends of rows, so that a quoted value
    # keeps its line breaks, and U+2028 is no end of a row; a cell may be as long as the
    # text: a history of long notes is one cell of an export)
    csv.field_size_limit(max(csv.field_size_limit(), len(text)))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    number = 1
    last: list[str] | None = None  # (held until the next is read: is it the file's last?)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            if last is not None:
                _refuse_a_quote_left_open(text, last, label, number - 1)
                yield last
            return
        except csv.Error as exc:
            if number == 1:  # (its header: the file may be in another format)
                raise _Unread(f"{label}: line 1: not valid CSV: {exc}") from None
            raise DprkError(f"{label}: not valid CSV: {exc}") from None
        number += 1
        if last is not None:
            yield last
        last = row


def _refuse_a_quote_left_open(text: str, row: list[str], label: str, number: int) -> None:
    """Refuse the last row of a CSV (`row`, row `number` of `text`) whose last cell was
    opened by a quote never closed: the reader read the rest of the file into it, lines
    and all (the file's text ends with that cell as written, its quotes doubled, and it
    holds a line break before more text), where the row was refused for its count of
    cells, or a value, that the swallowed rows made."""
    cell = row[-1] if row else ""
    if not re.search(r"[\r\n]\s*\S", cell) or not text.endswith(cell.replace('"', '""')):
        return  # (a quote closed at the end of the file, or only a line break swallowed)
    raise DprkError(
        f"{label}: row {number}: a quote opened in its {ordinal(len(row))} cell is never "
        "closed: the rest of the file was read into that cell"
    )


def _separator(text: str) -> str:
    """The character a CSV's cells are separated by: a comma, or a semicolon where the
    header holds none but semicolons (as a spreadsheet writes a CSV in a language that
    writes a decimal comma), or a tab where it holds neither (a TSV named .csv)."""
    first = text.partition("\n")[0]
    if "," in first:
        return ","
    return ";" if ";" in first else "\t" if "\t" in first else ","


# A cell in quotes as a spreadsheet writes one in a TSV: only a cell that holds a quote
# (written twice), a tab or a line break, none of which a TSV dprk writes holds as such.
_SPREADSHEET_QUOTED = re.compile(
    r'(?:^|\t)"(?:[^"\t\n]|"")*(?:""|[\t\n])(?:[^"]|"")*"(?=\t|\r?\n|$)', re.M
)


def _tsv_records(
    text: str,
    label: str,
    ignore: Collection[str] = (),
    headings: list[str] | None = None,
    columns: Mapping[str, str] | None = None,
) -> list[tuple[str, Any]]:
    """The rows of a TSV file: a line a row, cells split by tabs; a spreadsheet's TSV (a
    cell holding a quote, a tab or a line break in quotes) is read as its CSV is.

    dprk's escapes (a backslash, tab or line break inside a cell written \\\\, \\t,
    \\n, \\r) are read in a file with the header `--format tsv` writes (every column of
    an export, in its order, as it writes them: dprk's own export, saved again by a
    spreadsheet or not), a backslash before anything else kept as it is; in any other
    TSV (a sheet made by hand) each cell is read as it is, backslashes and all."""
    rows: Iterator[list[str]]
    if _SPREADSHEET_QUOTED.search(text):  # (a spreadsheet's TSV: read as its CSV is)
        rows = _csv_rows(text, label, "\t")
    else:
        rows = (line.removesuffix("\r").split("\t") for line in text.split("\n"))
    header = next(rows, None)
    if header is None:
        return []
    # (an export of a dprk before 0.3.0 has every column but the last, `expected_parts`)
    if header != export_columns() and header != export_columns()[:-1]:
        # (no file dprk's export wrote: a sheet made by hand, whose cells are as typed,
        # 'C:\\new\\tables' and all)
        return _table_records(header, rows, label, ignore, headings, columns)
    rows = ([_unescaped(c) for c in row] for row in rows)
    return _table_records(header, rows, label, ignore, headings, columns)


_TSV_ESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}
_TSV_ESCAPE = re.compile(r"\\(.?)", re.S)


def _unescaped(cell: str) -> str:
    """A TSV cell with dprk's escapes read (a backslash before anything else kept)."""
    if "\\" not in cell:
        return cell
    return _TSV_ESCAPE.sub(lambda m: _TSV_ESCAPES.get(m.group(1), m.group(0)), cell)


def _table_records(
    header: list[str],
    rows: Iterator[list[str]],
    label: str,
    ignore: Collection[str] = (),
    headings: list[str] | None = None,
    columns: Mapping[str, str] | None = None,
) -> list[tuple[str, Any]]:
    """The records of a CSV or TSV file, its `header` read, from the rest of its `rows`,
    each named by its row as a spreadsheet shows it (the header row 1; a cell's line
    breaks no new row). The columns whose heading `ignore` names (in any case, with
    spaces, hyphens or underscores alike: `import --ignore-column`) are skipped. Its
    headings (but empty ones) are added to `headings`, which `ignored_unmatched` reads;
    a name `ignore` gives near a heading of it, but none, is refused as it refuses one,
    before any heading that is no field (the column it was to skip, most likely).
    A heading `columns` names (`import --column`) is read as the field it gives."""
    if headings is not None:
        headings.extend(h.strip() for h in header if h.strip())
    known = [*export_columns(), *EXTRA_COLUMNS]
    skipped = {_heading_key(name) for name in ignore}
    skip = {place for place, h in enumerate(header) if h.strip() and _heading_key(h) in skipped}
    given_as = list(columns or {})  # (as typed, to name one that is no heading)
    columns = {_heading_key(h): field for h, field in (columns or {}).items()}
    mapped = {p: h.strip() for p, h in enumerate(header) if _heading_key(h) in columns}
    raw = [h for h in header if h.strip()]
    header = [columns.get(_heading_key(h)) or _column_named(h, known) for h in header]
    width = len(header)
    while header and not header[-1]:  # (empty columns a spreadsheet left at the end)
        header.pop()
    unknown = []  # (every heading no field's, named at once: one run to mend them all)
    given = {h for p, h in enumerate(header) if p not in skip and h in known}
    meant: list[tuple[str, str]] = []  # (a sheet's heading for a field it lacks, and that field)
    for place, name in enumerate(header):
        # (each a header the format does not read: the file may be in another)
        if place in skip:
            continue
        if not name:
            raise _Unread(f"{label}: line 1: {_no_name(header, place, known)}")
        if name not in known:
            field = _COMMON_HEADINGS.get(_heading_key(name))
            if field is not None and field not in given:
                meant.append((name, field))
                unknown.append(f"'{name}' (did you mean '{field}'?)")
            else:
                unknown.append(f"'{name}'{choice_meant(_heading_key(name), known)}")
        elif any(name == h for p, h in enumerate(header[:place]) if p not in skip):
            both = [p for p, h in enumerate(header[: place + 1]) if h == name and p not in skip]
            read = [f"'{mapped[p]}'" for p in both if p in mapped]
            by = f" ({' and '.join(read)} read as it by --column)" if read else ""
            raise _Unread(f"{label}: line 1: column '{name}' appears twice{by}")
    if unknown:
        for name, near in _not_headings(ignore, raw):
            if near:  # (a typo of a heading: the column to skip is among those refused)
                raise UsageError(_no_heading("--ignore-column", name, raw, label))
        said = _not_fields(label, unknown, meant, known, given)
        unused = [f"'{k}'{near}" for k, near in _not_headings(given_as, raw)]
        if unused:  # (a heading mistyped: the column it was to read is among those refused)
            said += f"; --column names no heading of it: {', '.join(unused)}"
        raise _Unread(said)
    records = []
    for number, cells in enumerate(rows, 2):
        if not any(c.strip() for c in cells):
            continue
        if len(header) < len(cells) <= width:  # (under the columns without a name)
            beyond = [place for place in range(len(header), len(cells)) if cells[place].strip()]
            if beyond:
                raise DprkError(
                    f"{label}: row {number}, column {beyond[0] + 1}: a value under a column "
                    "with no name; name the column, or delete the value"
                )
            cells = cells[: len(header)]
        if len(cells) != len(header):
            raise DprkError(
                f"{label}: row {number}: {len(cells)} cells, but the header has {len(header)}"
            )
        record: dict[str, Any] = {}
        for place, (name, value) in enumerate(zip(header, cells, strict=True)):
            if place in skip:
                continue
            value = value.replace("\r\n", "\n")  # (a line break as Windows writes one)
            decoded = _csv_cell(name, value, f"{label}: row {number}")
            if decoded is not _MISSING:
                record[name] = decoded
        records.append((f"row {number}", record))
    return records


# The headings a sheet commonly gives a field (as `_heading_key` reads them), and that
# field: hinted as it, where the sheet gives the field under no heading of its own.
_COMMON_HEADINGS = {
    **dict.fromkeys(("party", "side"), "actor"),
    **dict.fromkeys(("measure", "name", "description"), "title"),
    "state": "status",
    "day": "date",
    **dict.fromkeys(("due", "due_date"), "deadline"),
}


def _not_fields(
    label: str, unknown: list[str], meant: list[tuple[str, str]], known: list[str], given: set[str]
) -> str:
    """The refusal of a sheet's headings that are no measure fields (`unknown`, each with
    its hint), of which `meant` are those a sheet commonly gives a field it lacks (each
    with that field, read as it with `import --column`); the fields every measure needs
    that no column gives (of `given`) named."""
    from ..vocab import in_prose, shell_word

    one = len(unknown) == 1
    named = (
        f"column {unknown[0]} is not a measure field"
        if one
        else f"columns {', '.join(unknown)} are not measure fields"
    )
    said = f"{label}: {named} (columns: {', '.join(known)})"
    needed = [name for name, info in Measure.model_fields.items() if info.is_required()]
    missing = [f"'{name}'" for name in needed if name not in given]
    if missing:
        said += f"; no column gives {in_prose(missing, 'or')}, which every measure needs"
    if not meant:
        return (
            f"{said}; delete {'it' if one else 'them'}, or skip {'it' if one else 'each'} "
            "with --ignore-column NAME"
        )
    options = " ".join(f"--column {shell_word(f'{h}={f}')}" for h, f in meant)
    others = len(unknown) - len(meant)
    if not others:
        each = "it" if one else "each"
        return f"{said}; read {each} as the field meant with {options} (or rename it)"
    headings = in_prose([f"'{h}'" for h, _ in meant])
    return (
        f"{said}; read {headings} as the field meant with {options} (or rename "
        f"{'it' if len(meant) == 1 else 'them'}); delete the other{'s' * (others > 1)}, or skip "
        f"{'it' if others == 1 else 'each'} with --ignore-column NAME"
    )


def _no_name(header: list[str], place: int, known: list[str]) -> str:
    """What to say of the column at `place` of a CSV's `header`, which has no name: the
    first, before a measure's field, is most likely a spreadsheet's index column (pandas'
    'to_csv' writes one unless given index=False)."""
    if place > 0:
        return (
            f"column {place + 1} has no name (after '{header[place - 1]}'); name it, or delete it"
        )
    if len(header) > 1 and header[1] in known:
        return (
            f"the first column has no name, before '{header[1]}': a spreadsheet's index "
            "column, most likely (pandas leaves it out with to_csv(index=False)); delete it, "
            "or name it"
        )
    return "column 1 has no name (the first column); name it, or delete it"


def _heading_key(heading: str) -> str:
    """A heading as it is matched: in any case, its spaces and hyphens underscores."""
    return re.sub(r"[\s-]+", "_", heading.strip()).casefold()


def _column_named(heading: str, known: list[str]) -> str:
    """The column a sheet's `heading` names: a measure field in any case, with spaces or
    hyphens for its underscores ('Status', 'In exchange for'), else the heading as typed
    (its spaces around taken off)."""
    key = _heading_key(heading)
    return next((name for name in known if name == key), heading.strip())


_MISSING = object()


def _field_shape(column: str) -> tuple[bool, bool]:
    """(is a list, is a list of plain strings) for a measure column."""
    if column == "after":
        return True, True
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
    if column == "expected_parts":  # (a count: its digits, as a number; none when blank)
        text = value.strip()
        return _MISSING if text == "" else int(text) if text.isascii() and text.isdigit() else text
    if not is_list:
        return _MISSING if value == "" else value
    text = value.strip()
    if not text:
        return []
    if text.startswith("["):
        try:
            found = _loads(text)
        except _KeyTwice as exc:
            raise DprkError(f"{where}, column '{column}': {exc}") from None
        except ValueError as exc:
            if not plain:
                raise DprkError(f"{where}, column '{column}': not valid JSON: {exc}") from None
            # (a list of plain strings written by hand, 'a; b', whose first begins with a
            # bracket: "[Reuters] report")
        else:
            if not plain or (isinstance(found, list) and all(isinstance(v, str) for v in found)):
                return found
            # (no list of text: written by hand too, a footnote's number '[38]')
    if plain:
        return [part.strip() for part in text.split(";") if part.strip()]
    raise DprkError(f"{where}, column '{column}': expected a JSON list, e.g. [...]")


def _named(record: Any, where: str) -> str:
    """Where a record is (`where`: 'FILE: row 2'), with the measure it gives, by its id:
    how every refusal of a row's field names it."""
    ident = record.get("id") if isinstance(record, dict) else None
    return f"{where} (measure '{ident}')" if isinstance(ident, str) and ident else where


def _validate_measure(record: Any, where: str, context: _Context | None = None) -> Measure:
    if not isinstance(record, dict):
        raise DprkError(f"{where}: expected an object with the measure's fields")
    named = _named(record, where)
    after = record.pop("after", None)
    after_from = None  # (the first constraint `after` gives, to name them as the file does)
    if after is not None:
        if not isinstance(after, list) or not all(isinstance(a, str) for a in after):
            raise DprkError(f"{named}: 'after' must be a list of measure ids")
        given = list(record.get("constraints") or [])
        after_from = len(given)
        present = {c.get("after") for c in given if isinstance(c, dict)}
        given += [{"after": a} for a in dict.fromkeys(after) if a not in present]
        record["constraints"] = given
    for name in ("status", "extent"):  # (words in any case, as the command line takes them)
        if isinstance(record.get(name), str):
            record[name] = record[name].strip().lower()
    if isinstance(record.get("extent"), str):  # ('mid', as tables show it: intermediate)
        record["extent"] = extent_word(record["extent"])
    title = record.get("title")
    if isinstance(title, str) and title.strip():  # (as a title typed on the command line)
        record["title"] = title.strip()
    for name in ("deadline", "part_of"):  # (a cell's spaces around a day or an id)
        if isinstance(record.get(name), str):
            record[name] = record[name].strip()
    try:
        m = Measure.model_validate_json(json.dumps(record, default=_json_default)).normalized()
    except (TypeError, ValueError) as exc:
        lists = {**record, "after": after} if after_from is not None else record
        said = _row_problems(exc, context or _Context(None), after_from, lists)
        raise DprkError(f"{named}: {said}") from None
    blank = blank_text(m)
    if blank is not None:
        raise DprkError(f"{named}: {blank}")
    if m.conflicts:  # (a write carries a conflict a merge left; it never makes one)
        fields = ", ".join(dict.fromkeys(c.field for c in m.conflicts))
        raise DprkError(
            f"{named}: it is in an unresolved merge conflict (on: {fields}); settle it with "
            f"'dprk resolve' {IN_THE_SOURCE}, then export again"
        )
    return m


def _json_default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot read {type(value).__name__}")


def _describe(exc: Exception) -> str:
    from pydantic import ValidationError

    from ..model import describe_validation_error

    if isinstance(exc, ValidationError):
        return describe_validation_error(exc)
    return str(exc)


class _Context:
    """What the problems of an import's record are said with: the ledger's ids (asked
    once, when a number stands for an id) and whether the file is a table (CSV, TSV: an
    empty cell, where JSON leaves a key out or gives null)."""

    def __init__(self, ids: Callable[[], Iterable[str]] | None, *, tabular: bool = False):
        self._ask = ids
        self._ids: list[str] | None = None
        self.tabular = tabular

    def ids(self) -> list[str]:
        if self._ids is None:
            self._ids = []
            if self._ask is not None:
                from contextlib import suppress

                with suppress(DprkError):  # (no ledger to read: the row's problem alone)
                    self._ids = list(self._ask())
        return self._ids


def _row_problems(
    exc: Exception,
    context: _Context,
    after_from: int | None = None,
    record: dict[str, Any] | None = None,
) -> str:
    """Every problem of an import's record, as the file gives its values (JSON's null, a
    number for an id): the first in full, then each other field with its problem, each
    whole, as many as a line holds (`errors.also_named`). An item of a list the record
    gives as `after` (its constraints from `after_from` on) or in a cell is named by its
    column, as the `record` gives the list (`_listed_in`)."""
    from pydantic import ValidationError

    from ..model import each_problem

    if not isinstance(exc, ValidationError):
        return str(exc)
    said = []
    for where, error in each_problem(exc):
        listed = _listed_in(tuple(error["loc"]), context, after_from)
        if listed is not None:
            where = f"field '{_item_of(listed, error.get('input'), record or {})}'"
        reason = _import_reason(error, context) + _commas_in(error, context, listed)
        said.append(f"{where}: {reason}" if where else reason)
    return also_named(said[0], said[1:])


def _listed_in(loc: tuple[Any, ...], context: _Context, after_from: int | None) -> str | None:
    """The column an item of a list (a problem's `loc`) was written in, where the file
    gives it no place of its own: `after` (turned into constraints, from `after_from` on),
    and a list of plain strings in a cell (the cell split at its semicolons: its value,
    quoted, names the item; a number would name one the sheet does not show). None for
    any other field, named where it is."""
    if (
        after_from is not None
        and len(loc) == 3
        and loc[0] == "constraints"
        and isinstance(loc[1], int)
        and loc[1] >= after_from
        and loc[2] == "after"
    ):
        return "after"
    if context.tabular and len(loc) == 2 and isinstance(loc[1], int):
        column = str(loc[0])
        if _field_shape(column) == (True, True):
            return column
    return None


def _item_of(column: str, value: Any, record: dict[str, Any]) -> str:
    """An item (`value`) of the list a record's `column` gives, as a problem names it:
    the column alone for a list of one item (a cell, whole), else with the item's place
    (from 1, as every item is numbered: 'in_exchange_for[2]')."""
    given = record.get(column)
    if not isinstance(given, list) or len(given) < 2 or value not in given:
        return column
    return f"{column}[{given.index(value) + 1}]"


def _commas_in(error: Any, context: _Context, listed: str | None) -> str:
    """How a list of ids is written, for an id of one (`in_exchange_for`, or `after`: the
    column `listed` names) that holds commas ('a, b', written as a list): in a cell,
    separated by semicolons; in JSON, each its own item. "" for any other problem."""
    loc, value = tuple(error["loc"]), error.get("input")
    exchange = len(loc) == 2 and loc[0] == "in_exchange_for" and isinstance(loc[1], int)
    if error["type"] != "string_pattern_mismatch" or not isinstance(value, str):
        return ""
    if not (exchange or listed == "after") or "," not in value:
        return ""
    ids = [part.strip() for part in value.split(",") if part.strip()]
    if context.tabular:
        return f"; a cell lists ids separated by semicolons: '{'; '.join(ids)}'"
    return f"; a list gives each id as its own item: {json.dumps(ids)}"


# The fields that hold a measure's id: (the last key of) where pydantic names one.
_ID_FIELDS = ("id", "part_of", "after", "with")


def _import_reason(error: Any, context: _Context) -> str:
    """What is wrong with one value of an import's record: JSON's null, a number given
    for an id, a blank reference, said as the file gives them; else as `describe_problem`
    says it."""
    from ..model import describe_problem
    from ..vocab import says_nothing

    loc = tuple(error["loc"])
    value = error.get("input")
    kind = error["type"]
    info = _field_at(loc)
    if value is None and kind != "missing":
        return _null_reason(loc, info)
    names_id = bool(loc) and (loc[-1] in _ID_FIELDS or loc[0] == "in_exchange_for")
    if names_id and isinstance(value, int | float) and not isinstance(value, bool):
        return _number_for_id(value, context)
    optional = info is not None and not info.is_required() and info.default is None
    if optional and isinstance(value, str) and says_nothing(value):
        none = "leave the cell empty" if context.tabular else "give null or leave the key out"
        return f"is blank; for none, {none}"
    return describe_problem(error)


def _null_reason(loc: tuple[Any, ...], info: Any) -> str:
    """JSON's null where the field takes none (pandas writes one for every empty cell)."""
    if info is None:  # (an item of a list)
        return "is null; take it out of the list"
    if info.is_required():
        if len(loc) == 1:
            return (
                f"is null; a measure's {loc[0]} must be given (every measure has an id, a "
                "title and an actor)"
            )
        return "is null; it must be given"
    default = info.get_default(call_default_factory=True)
    if default == "":
        return 'is null; leave the key out, or give "" for none'
    if default == []:
        return "is null; leave the key out, or give [] for none"
    return "is null; leave the key out for its default"


def _number_for_id(value: int | float, context: _Context) -> str:
    """A number given for an id: an id is text, and the number may be an id that a
    spreadsheet or pandas read as one ('0012' as 12): named, when the ledger holds it."""
    from ..rules import same_number

    shown = json.dumps(value)
    said = f"{shown} is a number, not an id: an id is text, written in quotes as the ledger has it"
    meant = same_number(context.ids(), value)
    if meant:
        return (
            f"{said}; a spreadsheet or pandas may have read '{meant[0]}' as a number: did you "
            f"mean '{meant[0]}'?"
        )
    return (
        f'{said} ("{shown}", if that is the id); a spreadsheet or pandas may have turned an '
        'id such as "0012" into 12: give the id as it was'
    )


def _field_at(loc: tuple[Any, ...]) -> Any:
    """The pydantic field (its `FieldInfo`) a problem's `loc` names, from the measure's
    model down through its records; None for an item of a list, or a name no model has."""
    from pydantic import BaseModel

    model: Any = Measure
    info = None
    for step in loc:
        if isinstance(step, int):
            info = None  # (an item: its list's record, if it holds records, next)
            continue
        if model is None:
            return None
        info = next(
            (f for name, f in model.model_fields.items() if (f.alias or name) == step), None
        )
        if info is None:
            return None
        model = None
        inner = info.annotation
        while typing.get_origin(inner) in (list, typing.Annotated):
            inner = typing.get_args(inner)[0]
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            model = inner
    return info
