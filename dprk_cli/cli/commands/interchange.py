"""Commands that move data in and out: export, import, undo, redo, schema."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from ..common import (
    Format,
    FormatOption,
    MeasureFilters,
    TableFormat,
    TableFormatOption,
    complete_id,
    editing,
    expand_ids,
    filtered_nodes,
    journal_let_go,
    measure_filters,
    merge_unfinished,
    session,
    warn_of_deadlocks,
    warn_of_out_of_order,
    wrote_above,
)

if TYPE_CHECKING:
    from ...model import Measure
    from ...operations import Incoming
    from ...store.undo import Redone, Undone


class ImportFormat(StrEnum):
    """What `dprk import` reads."""

    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"


@measure_filters
def export(
    ctx: typer.Context,
    ids: Annotated[
        list[str] | None,
        typer.Argument(
            help=(
                "Only these measures (default: all; with filters: those of them that "
                "pass), in the ledger's order, as 'dprk status ID...' lists them. '-' "
                "reads ids from standard input, one per line (none there: none exported, "
                "said on standard error, exit 0). Ids of no measure are refused, each named."
            ),
            autocompletion=complete_id,
            show_default=False,
        ),
    ] = None,
    *,
    filters: MeasureFilters,
    fmt: FormatOption = Format.json,
) -> None:
    """Write the whole ledger (or the measures named, or the filters choose) as JSON, CSV or TSV.

    json is one document that 'dprk import' reads back into the same ledger
    (once 'dprk resolve' has settled any merge conflict: import refuses one);
    jsonl has one measure a line; csv (and tsv) one measure a row, every field a
    column. The measures chosen keep their links to those left out: another
    ledger takes them once it holds those too. 'dprk diff --format ids | dprk
    export -' writes those changed since the last commit, whole, for 'dprk import
    --replace' into another copy.

    Example: dprk export --format csv --party DPRK > dprk-measures.csv
    """
    from ...analysis.status import Filters
    from ...render import emit
    from ...render.interchange import export_report

    s = session(ctx)
    snapshot = s.snapshot()
    named: set[str] | None = None
    if ids is not None:  # (none on standard input: none exported, a script's whole answer)
        wanted = expand_ids(ids, read_only=True)
        s.require(wanted, snapshot.measures(), None)  # (every unknown id named at once)
        named = set(wanted)
    order: list[str] = snapshot.ids
    measures: Sequence[Measure] = snapshot.in_order()  # (built as they are written)
    if filters != Filters() or named is not None:
        # (each chosen by its place: an id a hand edit held twice names two measures)
        chosen = list(range(len(order)))
        if filters != Filters():
            places = {id(n): i for i, n in enumerate(snapshot.nodes().measures)}
            chosen = [places[id(n)] for n in filtered_nodes(snapshot.nodes(), filters, s.each)]
        if named is not None:  # (in the ledger's order, as the filters keep them)
            chosen = [i for i in chosen if order[i] in named]
        order, measures = [order[i] for i in chosen], snapshot.in_order(chosen)
    emit(export_report(snapshot.header(), measures, order), fmt.value)


def import_(
    ctx: typer.Context,
    files: Annotated[
        list[str],
        typer.Argument(
            help="The files to read, or '-' for standard input (once), read as one file "
            "holding all their rows.",
            metavar="FILE...",
        ),
    ],
    fmt: Annotated[
        ImportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="json (an export document or a list of measures), jsonl, csv or tsv: the "
            "format of each file whose name does not tell it by its extension (standard "
            "input, <(...)), or of every file where each name tells one; default: from each "
            "file's extension, else json.",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Overwrite measures whose ids already exist.")
    ] = False,
    new_verifiers: Annotated[
        list[str] | None,
        typer.Option(
            "--new-verifier",
            metavar="NAME",
            help="A verifier new to the ledger, no party, though near a party's name "
            "(repeatable; without it, a finding by such a name is refused as a typo of the "
            "party's, unless the file gives the history entry dprk wrote for it, as an "
            "export does).",
        ),
    ] = None,
    ignore_columns: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore-column",
            metavar="NAME",
            help="A column of a CSV or TSV to skip, by its heading, read in any case as "
            "headings are (repeatable): a sheet's own columns beside the measure's fields, "
            "such as a reference or comments. One that is no heading of the files is refused.",
        ),
    ] = None,
    columns: Annotated[
        list[str] | None,
        typer.Option(
            "--column",
            metavar="HEADING=FIELD",
            help="Read the column of a CSV or TSV headed HEADING (read in any case as "
            "headings are) as the measure's FIELD (repeatable): a sheet's own headings, "
            "such as --column Party=actor --column Measure=title. One that is no heading of "
            "the files, or no field, is refused.",
        ),
    ] = None,
) -> None:
    """Add measures from files or standard input; one bad row and nothing is imported.

    Rows may also give 'after' (ids it waits for) and 'date' (when it was created, or
    reached the status, or extent, the row gives). Several files are one import, as one
    file holding all their rows (one change, which one 'dprk undo' takes back): the exports of each
    party, whose measures are exchanged for each other's, come back together.

    Example: dprk --ledger copy.toml init && dprk export | dprk --ledger copy.toml import -
    """
    from ... import operations
    from ...errors import DprkError, UsageError
    from ...render import changed as written
    from ...render import message, warning
    from ...store.interchange import column_map, ignored_unmatched, joined, mapped_unmatched
    from ...vocab import commas_and_more, counted, in_prose, named_first

    if files.count("-") > 1:  # (standard input is read once: its rows would be given twice)
        raise UsageError("'-' (standard input) is given more than once; give it once")
    given = fmt.value if fmt is not None else None
    ignore = ignore_columns or []
    mapping = column_map(columns or [], ignore)
    read = [
        _read_file(ctx, file, files, given, replace=replace, ignore=ignore, columns=mapping)
        for file in files
    ]
    label = in_prose(dict.fromkeys(name for name, _ in read))
    incoming = joined(read)
    ignored_unmatched(ignore, incoming, label)
    mapped_unmatched(mapping, incoming, label)
    nothing = f"dprk: {label}: no measures to import; nothing changed"
    if not (incoming.measures or incoming.parties or incoming.title):
        # An export that found nothing (an empty list, a header row alone, an empty
        # file): nothing to do, and no failure, as for ids piped in that are none.
        message(nothing)
        raise typer.Exit(0)
    try:
        with editing(ctx) as draft:
            parties, title = list(draft.parties), draft.title
            # (the measures made of parts the import touches, as they stood: one it
            # moves, outside the import, is said as `add-measure --part-of` says it)
            wholes = operations.wholes_standing_of(
                draft,
                [
                    (m.id if draft.has(m.id) else None, m.part_of)
                    for m in incoming.measures
                    if m.part_of is not None or draft.has(m.id)
                ],
                dated=True,
            )
            ended_was = draft.ended
            done = operations.import_measures(
                draft, incoming, replace=replace, label=label, new_verifiers=new_verifiers or ()
            )
            replaced, same, lost, read_as, twins, changed, ended, done_today, set_aside = done
            taken_end = draft.ended if draft.ended != ended_was else None
            declared = [p for p in draft.parties if p not in parties]
            retitled = draft.title if draft.title != title else None
    except DprkError as exc:  # (a rule the imported rows break, found once all are in)
        named = (label, *(name for name, _ in read))  # (the files, or one said by its own)
        if type(exc) is DprkError and not any(exc.message.startswith(f"{n}:") for n in named):
            exc.message = f"{_row_named(exc.message, incoming, label)}{exc.message}"
        raise
    if not incoming.measures and not written():  # (a document of parties already declared)
        message(nothing)
        return
    added = len(incoming.measures) - replaced
    said = f"{added} new, {replaced - same} replaced" + (f", {same} unchanged" if same else "")
    if declared:  # (an export brings its parties, and its title into an untitled ledger)
        said += f"; declared {', '.join(declared)}"
    if read_as:  # (a party or a measure's id renamed in the ledger since the file was written)
        said += f"; read {', '.join(read_as)}"
    if retitled is not None:
        said += f"; titled '{retitled}'"
    if ended:  # (the end the file gives: taken into a ledger it fills, or not, and how)
        said += f"; {ended}"
    if not written():
        said += "; nothing changed"  # ('dprk undo' would take back the change before)
    message(f"imported {counted(len(incoming.measures), 'measure')} from {label} ({said})")
    if changed:  # (which measures a replace changed, and in what: the first few named)
        message(f"replaced: {commas_and_more(changed, _NAMED)}")
    if taken_end is not None:  # (as `edit-ledger --ended` says it: an end would hide them)
        from ..derived import after_the_end

        after = after_the_end(session(ctx), taken_end)
        if after is not None:
            warning(after)
    imported = {m.id for m in incoming.measures}
    moved = operations.wholes_moved_said(
        draft, {w: stood for w, stood in wholes.items() if w not in imported}
    )
    told = named_first(moved, _NAMED)
    for line in told:
        message(f"by the import: {line}")
    if len(moved) > len(told):
        message(f"and {counted(len(moved) - len(told), 'more measure')} made of parts it moved")
    # (a step to another extent, after a finding: what `mark` says of it, a line each)
    told = named_first(set_aside, _NAMED)
    for line in told:
        message(f"by the import: {line}")
    if len(set_aside) > len(told):
        message(
            f"and {counted(len(set_aside) - len(told), 'more measure')} no longer verified or "
            "disputed: each finding was of an earlier action, and the step the import "
            "recorded awaits a finding of its own"
        )
    # (a row that gives less than the measure held; a new measure with the title and
    # actor of one on record: each said, the first few by name)
    _warn_of(
        lost,
        "more measure",
        "each replaced by a row that gives less than it held ('dprk undo' brings them back)",
    )
    if done_today:  # (a sheet of past actions with no dates: not today's)
        warning(_done_today(incoming, done_today))
    _warn_of(
        twins,
        "more new measure",
        "each with the title and actor of one on record or of a row before it ('dprk "
        "check' lists them [measures-alike]; 'dprk undo' takes the import back)",
    )
    _warn_of(  # (a verifier named with a party's name, as `check` warns of it)
        operations.parties_in_findings_written(draft),
        "more finding",
        "each by a verifier whose name holds a party's ('dprk check' lists them "
        "[party-in-verifier-name])",
    )


_NAMED = 10  # (the measures a replace names, of those it takes less from; the rest counted)


def _done_today(incoming: Incoming, ids: list[str]) -> str:
    """The warning of the rows `ids` of `incoming` an import recorded implemented today
    for want of a date (`operations.import_measures`), as `add-measure --status
    implemented` with no --date is: a sheet of past actions whose dates were left out
    would make them today's."""
    from ...clock import today
    from ...vocab import commas_and_more

    places = [incoming.where[i] for i in ids]
    numbers = [place.removeprefix("row ") for place in places]
    if all(n.isdigit() for n in numbers):  # ('rows 2, 5', of one file)
        rows = f"row{'s' * (len(ids) > 1)} {commas_and_more(numbers, _NAMED)}"
    else:
        rows = commas_and_more(places, _NAMED)
    one = len(ids) == 1
    row, date = ("row", "a date (a 'date' column)") if incoming.headings else ("record", "a 'date'")
    return (
        f"{rows} ({commas_and_more(ids, _NAMED)}): implemented with no date: recorded as "
        f"done today ({today()}); to date {'it' if one else 'them'}, 'dprk undo' and give "
        f"the {row}{'' if one else 's'} {date}"
    )


def _read_file(
    ctx: typer.Context,
    file: str,
    files: list[str],
    given: str | None,
    *,
    replace: bool,
    ignore: list[str],
    columns: dict[str, str],
) -> tuple[str, Incoming]:
    """One file of an import (`-`: standard input), read in its format (`_format_of`):
    its label, as messages name it, and its rows."""
    from ...errors import DprkError
    from ...store.fs import read_input
    from ...store.interchange import is_toml_ledger, read_import

    label = "standard input" if file == "-" else file
    own = _format_of(file, files, given)
    text = read_input(file, label, suffix_of=lambda text: _converted_suffix(file, own, text))
    kind = own or _guess_format(file)
    try:
        # (the ledger's ids, read only to name one a number in the file may stand for)
        return label, read_import(
            text,
            kind,
            label,
            ids=lambda: session(ctx).snapshot().ids,
            advise=lambda fmt: _advice(file, files, given, fmt),
            ignore=ignore,
            columns=columns,
        )
    except DprkError:
        if is_toml_ledger(text):  # (a ledger's copy, read in any format: a sync's conflict)
            raise DprkError(_a_ledger(file, label, files, given, replace=replace)) from None
        raise


def _row_named(said: str, incoming: Incoming, label: str) -> str:
    """The file and row (or record) of the imported measure a rule's message is about, or
    that it names, as a prefix: "c.csv: row 2 (measure 'c1'): "; the files' `label` alone
    when it names none."""
    import re

    named = [said.split(": ", 1)[0], *re.findall(r"'([A-Za-z0-9][A-Za-z0-9._-]*)'", said)]
    found = next((i for i in named if i in incoming.where), None)
    return (
        f"{incoming.at(found, label)} (measure '{found}'): " if found is not None else f"{label}: "
    )


def _a_ledger(file: str, label: str, files: list[str], given: str | None, *, replace: bool) -> str:
    """The refusal of a ledger (TOML) given to import, with the way that imports it (into
    the ledger this import is for: `advised_as`) with the other `files` given: piped in
    its place, where standard input is free and read as JSON; else exported to a file
    given in its place (--format kept where it is still another file's)."""
    from ...render import advised_as
    from ...vocab import shell_word

    named = "FILE" if file == "-" else shell_word(file)
    into = f"{advised_as()} import{' --replace' if replace else ''}"
    also = (
        "" if replace else " (with --replace, its measures take the place of those with their ids)"
    )
    export = f"dprk --ledger {named} export"
    others = [f for f in files if f != file]
    if not others:
        way = f"{export} | {into} -"
    elif "-" not in others and given in (None, "json"):
        fmt = f" --format {given}" if given else ""
        way = (
            f"{export} | {into}{fmt} {' '.join('-' if f == file else shell_word(f) for f in files)}"
        )
    else:
        out = _export_file(file)
        keep = given is not None and any(_told(f) is None for f in others)
        fmt = f" --format {given}" if keep else ""
        words = " ".join(shell_word(out if f == file else f) for f in files)
        way = f"{export} > {shell_word(out)} && {into}{fmt} {words}"
    return (
        f"{label}: is a dprk ledger (TOML), not a file to import; import its measures "
        f"through an export: '{way}'{also}"
    )


def _export_file(file: str) -> str:
    """A name, free, for the export of the ledger `file` (beside it), read as JSON."""
    base = Path("ledger" if file == "-" else file).with_suffix("")
    for n in range(1, 100):
        name = f"{base}{'' if n == 1 else f'-export{n}' if n > 2 else '-export'}.json"
        if not Path(name).exists():
            return name
    return f"{base}-export.json"


_SUFFIXES = {".csv": "csv", ".tsv": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl"}


def _guess_format(source: str) -> str:
    return _told(source) or "json"


def _told(source: str) -> str | None:
    """The format a file's name tells by its extension; None for standard input, a
    command's output named as a file (`<(...)`: /dev/fd/63), or a name with none."""
    return {**_SUFFIXES, ".json": "json"}.get(Path(source).suffix.lower())


def _format_of(file: str, files: list[str], given: str | None) -> str | None:
    """The format `file`, one of an import's `files`, is read in as --format (`given`)
    says: --format is the format of the files whose name does not tell theirs, so that
    standard input's CSV goes with a .json file; or of every file where each name tells
    one (one file given --format, as a .txt is read as CSV). None: the one its name says,
    else JSON (`_guess_format`)."""
    if given is None or (_told(file) is not None and any(_told(f) is None for f in files)):
        return None
    return given


def _advice(file: str, files: list[str], given: str | None, fmt: str) -> str:
    """How to have `file`, one of an import's `files`, read in `fmt`, that works with the
    others given as they are (`_format_of`): --format where no other file's name leaves
    its format to it; else a name that tells it (a file saved so, for standard input or
    a pipe, which have none), and --format left out where it would still be every file's."""
    others = [f for f in files if f != file]
    if all(_told(f) is not None for f in others) and (_told(file) is None or not others):
        return f"give --format {fmt}"
    every = given is not None and all(_told(f) is not None for f in others)
    if every and _told(file) == fmt:
        return "leave out --format, and each file is read as its name tells"
    also = ", and leave out --format" if every else ""
    if file != "-" and Path(file).is_file():
        return f"give that file a .{fmt} name{also}"
    return f"save it as a .{fmt} file and import that{also}"


def _converted_suffix(source: str, given: str | None, text: str) -> str:
    """The suffix a converted copy of `source` (holding `text`) is named with, so that
    `dprk import` reads it, given no --format, as the format it is in: the one given, or,
    when the file's own suffix names none, the one its text looks like (a list or an
    object is JSON; else a tab or a comma on its first line, TSV or CSV); "" when the
    file's own suffix says it already."""
    own = _told(source)
    kind = given or own
    if kind is None:
        text = text.lstrip("\ufeff \t\r\n")
        first = text.split("\n", 1)[0]
        kind = "tsv" if "\t" in first else "csv" if "," in first else "json"
        if text[:1] in ("[", "{"):
            kind = "json"
    return "" if own == kind else f".{kind}"


def undo(
    ctx: typer.Context,
    listed: Annotated[
        bool,
        typer.Option(
            "--list",
            help="List the changes undo can take back, the next first (numbered from 1), "
            "and change nothing.",
        ),
    ] = False,
    fmt: TableFormatOption = TableFormat("table"),
) -> None:
    """Take back the last change dprk made to the ledger (repeat to go further back).

    Example: dprk mark inventory-submission agreed && dprk undo
    """
    from ...render import undone, warning
    from ...store.undo import undo as undo_last

    s = session(ctx)
    if _listed(ctx, listed, fmt.value, redo=False):
        return
    done = _taken(ctx, "undid", undo_last, undone)
    if done.unreadable is not None:
        warning(
            f"{s.ledger_path()}: the file 'init --force' replaced is back as it was, and is "
            f"no ledger: {done.unreadable}"
        )
    if done.was:  # (an order, or an offer, brought back may close a deadlock again)
        warn_of_deadlocks(ctx, done.was, parties_before=done.parties)
    for text in done.warnings:  # (what the rules warn of, as the write that made it said)
        warning(text)
    if done.was:  # (a step taken back or an order brought back may leave a measure acting
        # against one)
        warn_of_out_of_order(ctx, done.was, done.parties)
    if done.errors:  # (the file as it was before the change: a hand edit's error, say)
        more = f" (and {len(done.errors) - 1} more)" if len(done.errors) > 1 else ""
        warning(
            f"{s.ledger_path()}: the ledger is back as it was, with an error the change had "
            f"mended: {done.errors[0]}{more}; 'dprk check' lists it"
        )


def redo(
    ctx: typer.Context,
    listed: Annotated[
        bool,
        typer.Option(
            "--list",
            help="List the changes redo can put back, the next first (numbered from 1), "
            "and change nothing.",
        ),
    ] = False,
    fmt: TableFormatOption = TableFormat("table"),
) -> None:
    """Put back the change the last 'dprk undo' took back (repeat after several undos).

    Only while the ledger is as that undo left it: a change dprk made since ends what can
    be redone; an edit by hand holds it off until the file is put back as the undo left
    it. 'dprk undo' takes the change back again.

    Example: dprk mark inventory-submission agreed && dprk undo && dprk redo
    """
    from ...render import redone, warning
    from ...store.undo import redo as redo_last

    if _listed(ctx, listed, fmt.value, redo=True):
        return
    done = _taken(ctx, "redid", redo_last, redone)
    if done.let_go is not None:
        journal_let_go(ctx, session(ctx).ledger_path(), done.let_go)
    if done.was:  # (an order, or an offer, put back may close a deadlock, as when made)
        warn_of_deadlocks(ctx, done.was, parties_before=done.parties)
    for text in done.warnings:  # (what the rules warn of, as the write that made it said)
        warning(text)
    if done.was:  # (a step or an order put back may make a measure act against one, as it
        # did then)
        warn_of_out_of_order(ctx, done.was, done.parties)


def _listed(ctx: typer.Context, listed: bool, fmt: str, *, redo: bool) -> bool:
    """Whether `undo` (or `redo`) was asked for its list (`--list`), which is then
    printed; `--format` given without it is refused: the command itself prints no report."""
    verb, does = ("redo", "puts back") if redo else ("undo", "takes back")
    if listed:
        _undo_list(session(ctx).ledger_path(), fmt, redo=redo)
        return True
    source = ctx.get_parameter_source("fmt")
    if source is not None and source.name not in ("DEFAULT", "DEFAULT_MAP"):
        from ...errors import UsageError

        raise UsageError(
            f"--format: lists what {verb} {does}, with --list; {verb} prints no report"
        )
    return False


_Done = TypeVar("_Done", "Undone", "Redone")


def _taken(
    ctx: typer.Context,
    verb: str,
    run: Callable[..., _Done],
    interrupted: Callable[[str], str],
) -> _Done:
    """An undo or a redo (`run`) of the session's ledger, as every write is made (an
    unfinished merge first; the command says what it wrote itself), and its line: `verb`,
    the change and when it was made, the line ends it kept, and the ledger of a parent
    folder named. `interrupted` words the change for a Ctrl-C once it landed."""
    from ...render import change_written, message
    from ...render.undo import made_said

    s = session(ctx)
    s.writing = True
    merge_unfinished(s.ledger_path(), writing=True)  # (as every write: see `editing`)
    done = run(
        s.ledger_path(),
        lock_timeout=s.lock_timeout,
        landed=lambda change: change_written(interrupted(change)),
    )
    ends = f"; the file keeps its {done.line_ends} line ends" if done.line_ends else ""
    passed = f"; {done.passed_over}" if done.passed_over else ""
    message(f"{verb}: {done.change} (made {made_said(done.when)}){ends}{passed}")
    wrote_above(ctx, now=True)
    return done


def _undo_list(path: Path, fmt: str, *, redo: bool = False) -> None:
    """`undo --list`: what undo can take back, newest first, as a report; what is to be
    said besides (nothing to take back, and why; older changes let go) on standard error.
    Reads the ledger and its journal, and writes nothing. `redo`: `redo --list`, what redo
    can put back, the next first (or why nothing), in the same shape."""
    from ...render import emit, message
    from ...render.undo import undo_list_report
    from ...store import journal
    from ...store.undo import redoable, takeable

    found = redoable(path) if redo else takeable(path)
    if found.changes or fmt != "table":
        emit(undo_list_report(found.changes, redo=redo), fmt)
    if found.passed_over is not None:
        message(f"{path}: {found.passed_over}")
    if found.said is not None:
        message(found.said)
    elif found.let_go:
        message(
            f"{path}: older changes were let go: the undo journal keeps at least the last "
            f"{journal.KEEP}, fewer when they are large (about "
            f"{journal.kept_mb()} MB of them)"
        )


def schema(ctx: typer.Context) -> None:
    """Print the JSON Schema of the ledger, for editors and validators.

    Example: dprk schema > dprk-ledger.schema.json
    """
    from ...render import emit
    from ...render.interchange import schema_report

    emit(schema_report(), "json")


def _warn_of(lines: list[str], more: str, each: str) -> None:
    """Warn of the first `_NAMED` of `lines`, and of the rest in one line ('and 3 `more`s,
    `each`')."""
    from ...render import warning
    from ...vocab import counted, named_first

    told = named_first(lines, _NAMED)
    for line in told:
        warning(line)
    if len(lines) > len(told):
        warning(f"and {counted(len(lines) - len(told), more)}, {each}")
