"""Output: one report, every format.

A command builds a `Report` (a JSON document, flat records, and titled
sections for people) and hands it to `emit`, which writes it as a Rich
table, JSON, JSON lines, CSV, TSV, Markdown or bare ids. This is the only
module that writes to standard output and the only one that knows Rich;
all user text passes through `safe` on its way to a terminal.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import re
import sys
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from datetime import date, datetime
from enum import Enum
from typing import Any, Generic, TextIO, TypeVar, cast, overload

from ..errors import OutputClosed, UsageError
from ..plain import Plain
from ..vocab import run_as

T = TypeVar("T")

FORMATS = ("table", "json", "jsonl", "csv", "tsv", "markdown", "ids")

_VISIBLE = {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r", 0x1B: "\\e"}


def safe(text: object) -> str:
    """User text made harmless for a terminal: control characters, and the characters a
    terminal would not show (a zero-width joiner, a private-use or tag character, a line
    separator...), which could hide text there, become visible escapes."""
    return _visible(str(text), _is_invisible_control)


def safe_lines(text: str) -> str:
    """Multi-line user text made safe line by line, keeping its line breaks."""
    return "\n".join(safe(line) for line in text.split("\n"))


TAB_STOP = 4  # a tab in free text shown whole is drawn as spaces to the next of these


def whole_lines(value: object) -> list[str] | None:
    """The lines of free text a table shows whole (`Column.whole`: `show`'s notes, a
    note), made safe, when it holds a line break or a tab (else None: it is one line, as
    any other cell): a line break starts a new line of the cell and a tab is drawn as
    spaces up to the next stop every `TAB_STOP` columns of its line (written '\\n' or
    '\\t', they could not be told from text holding a backslash and a letter); every
    other control character is a visible escape, as everywhere."""
    if not isinstance(value, str) or ("\n" not in value and "\t" not in value):
        return None
    lines = []
    for line in value.split("\n"):
        drawn = ""
        *before, last = line.split("\t")
        for piece in before:
            drawn += safe(piece)
            drawn += " " * (TAB_STOP - cells(drawn) % TAB_STOP)
        lines.append(drawn + safe(last))
    return lines


def in_file(text: object) -> str:
    """User text for a file format (Markdown): only control characters (and the
    bidirectional overrides a ledger refuses as well) become visible escapes. Invisible
    characters that are part of the text (a zero-width joiner or non-joiner, a soft
    hyphen, a private-use character) are kept as they are: a file carries them."""
    return _visible(str(text), _is_control)


def _visible(value: str, hidden: Callable[[str], bool]) -> str:
    """`value` with each character `hidden` says of written as an escape."""
    if value.isprintable():
        return value
    out = []
    for ch in value:
        code = ord(ch)
        if ch.isprintable() or ch == " ":
            out.append(ch)
        elif code in _VISIBLE:
            out.append(_VISIBLE[code])
        elif not hidden(ch):
            out.append(ch)  # a space of another width (no-break, ideographic...): harmless
        elif code <= 0xFF:
            out.append(f"\\x{code:02x}")
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:  # tag characters, private use planes...: they could hide text
            out.append(f"\\U{code:08x}")
    return "".join(out)


# The timeline's signs (● ○ ◐ ✓ ✗ ⊘): one column for Rich, as in a terminal of a Western
# locale.
_ONE_COLUMN_SIGNS = frozenset((0x25CB, 0x25CF, 0x25D0, 0x2713, 0x2717, 0x2298))


def one_column(text: str) -> bool:
    """Whether every character of `text` takes one column, for Rich as for a terminal:
    printable ASCII, Latin letters with their accents, common punctuation (dashes,
    quotes, the ellipsis), box drawing and the signs dprk draws; nothing combining, wide
    or invisible."""
    if text.isascii():
        return text.isprintable()
    for ch in text:
        code = ord(ch)
        if code < 0x80:
            if not ch.isprintable():
                return False
        elif not (
            0xA0 <= code <= 0x24F
            and code != 0xAD
            or 0x2010 <= code <= 0x2027
            or 0x2500 <= code <= 0x259F  # (box drawing and blocks: a part's └, a bar's █)
            or code in _ONE_COLUMN_SIGNS
        ):
            return False
    return True


def cells(text: str) -> int:
    """Columns `text` (made `safe`) takes in a terminal table: the one measure of a
    cell, a header or a lane there. Text of one-column characters is as wide as it is
    long; any other (a wide East Asian character takes two columns, a combining accent
    none) is drawn by Rich, and measured as Rich measures it."""
    if one_column(text):
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


def _is_invisible_control(ch: str) -> bool:
    import unicodedata

    return unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")


def _is_control(ch: str) -> bool:
    code = ord(ch)
    return (
        code < 0x20
        or 0x7F <= code <= 0x9F
        or 0xD800 <= code <= 0xDFFF  # a lone surrogate, which is not text
        or 0x202A <= code <= 0x202E
        or 0x2066 <= code <= 0x2069
    )


class Column(Plain):
    """One column of a section: the record key, its header, and how it lays out."""

    __slots__ = ("key", "header", "wrap", "whole", "justify", "priority", "label", "repeated")

    def __init__(
        self,
        key: str,
        header: str,
        *,
        wrap: bool = False,  # long free text: may be shortened in a terminal table
        whole: bool = False,  # free text a terminal shows whole, folded (`show`)
        justify: str = "left",
        priority: int = 50,  # in a narrow terminal, the lowest are left out first
        label: bool = False,
        repeated: bool = False,
    ) -> None:
        self.key = key
        self.header = header
        self.wrap = wrap
        self.whole = whole
        self.justify = justify
        self.priority = priority
        # what names a row (its id, party, date, status, event, counterpart, entry number):
        # in a narrow terminal, never left out nor cut (see `screen.fit_columns`)
        self.label = label
        # the same in every row (the id of the one measure a log shows): no fact of a row, so
        # a section whose every cell is shown (`Section.whole_rows`) may leave it out
        self.repeated = repeated

    @property
    def folded(self) -> bool:
        """Whether a terminal folds this column's text onto more lines rather than cut
        it: free text shown whole (`show`'s), or free text that names a row (a
        timeline's "what happened"), which is never cut."""
        return self.wrap and (self.whole or self.label)


class Section(Plain):
    """A titled table for people (table and markdown formats)."""

    __slots__ = ("title", "columns", "rows", "empty", "widths", "whole_rows")

    def __init__(
        self,
        title: str,
        columns: list[Column],
        rows: Sequence[dict[str, Any]],
        empty: str = "(none)",
        widths: dict[str, int] | None = None,  # each column's widest cell, when known
        whole_rows: bool = False,
    ) -> None:
        self.title = title
        self.columns = columns
        self.rows = rows
        self.empty = empty
        self.widths = widths
        # every cell of a row is shown (`show`'s, `log`'s): a terminal too narrow for all
        # the columns shows each row as its fields, one a line, rather than leave any out
        # (`screen.stacked`; a column `repeated` aside)
        self.whole_rows = whole_rows


class Alert(str):
    """A note under a table that warns of something to act on (measures deadlocked, or
    overdue): a terminal shows it at normal intensity, not dim as other notes, which
    readers with low vision cannot read; its words say what it is, with or without
    colour."""

    __slots__ = ()


class _Part(Generic[T]):
    """A part of a `Report` that may be given `deferred`: made when first read."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.slot = f"_{name}"

    @overload
    def __get__(self, report: None, owner: type | None = None) -> _Part[T]: ...
    @overload
    def __get__(self, report: Report, owner: type | None = None) -> T: ...
    def __get__(self, report: Report | None, owner: type | None = None) -> T | _Part[T]:
        if report is None:
            return self
        value = getattr(report, self.slot)
        if isinstance(value, Deferred):
            value = value.compute()
            setattr(report, self.slot, value)
        return cast(T, value)

    def __set__(self, report: Report, value: T) -> None:
        setattr(report, self.slot, value)


class Report(Plain):
    """What a command shows, in a form every output format can be made from. The parts
    a writer may not need (`document`, `records`, `sections`, `notes`, `flat`, `ids`)
    may be given `deferred`: made only if asked for."""

    __slots__ = (
        "_document",
        "_records",
        "columns",
        "_sections",
        "_notes",
        "lead",
        "id_key",
        "text",
        "verbatim",
        "_flat",
        "_ids",
        "_cut",
        "ended_note",
    )
    document: _Part[Any] = _Part()
    records: _Part[Sequence[dict[str, Any]]] = _Part()
    sections: _Part[list[Section]] = _Part()
    notes: _Part[list[str]] = _Part()
    flat: _Part[Sequence[dict[str, Any]] | None] = _Part()  # csv/tsv rows, when not records
    ids: _Part[list[str] | None] = _Part()  # what `--format ids` prints, known without records
    # what a limit left out of the list, in words ('12 more measures not shown (--limit 2)'),
    # None when it left out none: the formats whose data has no place for it say it on
    # standard error (`_SAID_APART`), once the data is written
    cut: _Part[str | None] = _Part()

    def __init__(
        self,
        document: Any,
        records: Sequence[dict[str, Any]] | None = None,
        columns: list[str] | None = None,
        sections: list[Section] | None = None,
        notes: list[str] | None = None,
        lead: list[str] | None = None,
        id_key: str | None = "id",
        text: str | None = None,
        flat: Sequence[dict[str, Any]] | None = None,
        ids: list[str] | None = None,
        verbatim: bool = False,
        cut: str | None = None,
        ended_note: bool = False,
    ) -> None:
        self.document = document
        self.records = [] if records is None else records
        self.columns = [] if columns is None else columns
        self.sections = [] if sections is None else sections
        self.notes = [] if notes is None else notes
        self.lead: list[str] = [] if lead is None else lead  # lines before the tables
        self.id_key = id_key
        self.text = text  # free text shown instead of sections (e.g. a graph)
        # `text` is a file in a format of its own (a graph, a page), which quotes the user
        # text in it: into a pipe or a file it is written byte for byte, as `-o FILE` would
        # write it; only a terminal shows its invisible characters as escapes. Any other
        # text is lines to read (`check`'s): a terminal folds each to its width at spaces
        self.verbatim = verbatim
        self.flat = flat
        self.ids = ids
        self.cut = cut
        # whether its JSON document gives, read as of the talks' end, the end's note after
        # `ended` (`ended_on`)
        self.ended_note = ended_note


HYPOTHETICAL = "Hypothetical: "  # (a report's first line, under --assume: `hypothetical`)
# (the formats whose data has no place to say it, where standard error says it)
_SAID_APART = ("jsonl", "csv", "tsv", "ids")


def finders(parties: Collection[str]) -> Callable[[str], bool] | None:
    """Whether a finder a view names is one of `parties`, those declared on the day it
    shows (`rules.party_finder`), for the view to say a party's finding is a party's:
    'refuted (Russia, a party)' (`shapes.finders_text`). None when none is declared (the
    rules left unloaded, as they are until a finder is asked of: a view read from the
    cache may name none)."""
    if not parties:
        return None
    asked: list[Callable[[str], bool]] = []

    def party(name: str) -> bool:
        if not asked:
            from ..rules import party_finder

            asked.append(party_finder(parties))
        return asked[0](name)

    return party


def what_if(assumed: list[str]) -> str:
    """What a view under --assume says of itself, a table's first line as a picture's
    title ('Hypothetical: as if x=implemented (nothing is written)')."""
    return f"{HYPOTHETICAL}as if {', '.join(assumed)} (nothing is written)"


def hypothetical(report: Report, assumed: list[str]) -> Report:
    """Mark a report as an answer to 'what if': a first line for people, and an
    `assumed` list in its JSON document."""
    if not assumed:
        return report
    report.lead.insert(0, what_if(assumed))
    amend(
        report,
        "document",
        lambda document: (
            {"assumed": list(assumed)} | document if isinstance(document, dict) else document
        ),
    )
    return report


# The day the talks ended and the ledger's note of it, when the view shown reads the
# ledger as of it, asked of no day (`ended_on`), or, a third item, the day asked of,
# after it (`read_after_end`); empty else.
_ENDED: list[str] = []


def read_as_ended(day: str, note: str = "") -> None:
    """Say in the view to be shown that it reads the ledger as of `day`, the day the
    talks ended (`note`, the ledger's note of it), since no day was asked of
    (`ended_on`)."""
    _ENDED[:] = [day, note]


def read_after_end(day: str, note: str, asked: str) -> None:
    """Say in the view to be shown, asked of day `asked` (`--as-of`), that the talks
    ended on `day`, before it (`note`, the ledger's note of it): the end is history on
    that day, as an event is (`ended_on`). (Asked of the end's own day, a view is what
    one asked of no day reads, without the line and the `ended` that tell the two apart.)"""
    _ENDED[:] = [day, note, asked]


def reads_as_ended() -> bool:
    """Whether the view being shown reads the ledger as of the day the talks ended, asked
    of no day (`read_as_ended`)."""
    return len(_ENDED) == 2


def ended_by() -> tuple[str, str] | None:
    """The day the talks ended and the ledger's note of it, when the view being shown
    reads the ledger as of that day, asked of no day, or asked of a later one
    (`read_as_ended`, `read_after_end`):
    the end is then on record, as the timeline's last row of that day; None else."""
    return (_ENDED[0], _ENDED[1]) if _ENDED else None


def ended_on(report: Report) -> Report:
    """`report` read as of the day the talks ended (`read_as_ended`): a line before its
    tables for people, and `ended` after `as_of` in a JSON document that has one, or in
    each of a list of them (the scripts' way to tell it from a view asked of that day),
    and after it `ended_note` in that of a report that gives it (`Report.ended_note`);
    as it is, else."""
    if not _ENDED or report.verbatim:
        return report
    day, note, *asked = _ENDED
    end = {"ended": day} | ({"ended_note": note} if report.ended_note else {})
    line = f"talks ended on {day}: read as of that day; --as-of DAY reads another"
    if asked:  # (a day asked of after the end: the end is history then)
        line = f"talks ended on {day}, before the day read"
    said = 1 if report.lead and report.lead[0].startswith(HYPOTHETICAL) else 0
    report.lead.insert(said, line)

    def with_end(document: Any) -> Any:
        if isinstance(document, list):  # (a document a year: `balance --yearly`)
            return [with_end(each) for each in document]
        if not isinstance(document, dict) or "as_of" not in document:
            return document
        if asked and str(document["as_of"]) < day:  # (a year's before the end's)
            return document
        placed: dict[str, Any] = {}
        for key, value in document.items():
            placed[key] = value
            if key == "as_of":
                placed.update(end)
        return placed

    amend(report, "document", with_end)
    return report


def amend(report: Report, name: str, change: Callable[[Any], Any]) -> None:
    """Change part `name` of `report` by `change`: a part not made yet (`deferred`) is
    changed when it is made, if a writer asks for it."""
    part: _Part[Any] = vars(Report)[name]
    slot = part.slot
    value = getattr(report, slot)
    if isinstance(value, Deferred):
        compute = value.compute
        setattr(report, slot, Deferred(lambda: change(compute())))
    else:
        setattr(report, slot, change(value))


def deferred(compute: Callable[[], T]) -> T:
    """A report part made only when a writer asks for it (see `Deferred`), typed as the
    value it stands for."""
    return cast(T, Deferred(compute))


class Deferred:
    """A report part computed only when a writer asks for it: `status` on ten thousand
    measures builds their JSON records for the formats that show them, not for a table."""

    def __init__(self, compute: Callable[[], Any]) -> None:
        self.compute = compute


class Encoded(str):
    """A value already written as one line of JSON (`shapes.record_text`): the JSON
    writers put it out as it is."""

    __slots__ = ()


class Rows(Sequence[Any]):
    """A list whose items are made one at a time as a writer reaches them, so that a
    long report is streamed rather than held whole (`write_json` and `json_line` take it)."""

    def __init__(self, items: Sequence[Any], make: Callable[[Any], Any]) -> None:
        self.items = items
        self.make = make

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self.make(item) for item in self.items[index]]
        return self.make(self.items[index])

    def __iter__(self) -> Iterator[Any]:
        return map(self.make, self.items)


def to_jsonable(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset | Rows):
        return [to_jsonable(v) for v in value]
    return value


def cell(value: Any) -> str:
    """A value as one flat cell: lists joined with '; ', booleans as true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "; ".join(cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(to_jsonable(value), ensure_ascii=False, sort_keys=True)
    return str(value)


def cell_width(value: object) -> int:
    """The columns a table cell's widest line takes in a terminal (a list: one item a
    line), by `cells`."""
    if type(value) is str and value.isascii() and value.isprintable():
        return len(value)
    parts = value if isinstance(value, list) else [value]
    return max((cells(safe(cell(part))) for part in parts), default=0)


# A word a column folded onto more lines keeps whole: any run of characters without a
# space (an id, a party, a date, a web address, which a reader copies whole), in any
# script that puts spaces between words (Hangul, Arabic, as Latin); the quotes, brackets
# and punctuation around it aside ("after complete-denuclearization-pledge,"). Chinese
# and Japanese (`_UNSPACED`), written without spaces, may fold: a line of them breaks
# between any two characters.
_UNSPACED = (
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003ffff]"
)
_AROUND = "'\"()[]{},;:.!?"
# A kept table's widths hold, for a column folded onto more lines (`Column.whole`), its
# longest word too, under the column's key and this (`longest_word`).
WORD = " word"


def longest_word(value: object) -> int:
    """The columns the longest word of a cell takes (`cells`: a Hangul syllable two) that
    a column folded onto more lines keeps whole (a list: of any item):
    folding never breaks one (an id broken across two lines reads as two, and so does a
    party's name in Hangul; a web address broken is a broken link)."""
    longest = 0
    unspaced = re.compile(_UNSPACED).search  # (re keeps it compiled after the first)
    for part in value if isinstance(value, list) else [value]:
        for word in cell(part).split():
            word = word.strip(_AROUND)
            if word.isascii() and word.isprintable():
                longest = max(longest, len(word))
            elif not unspaced(word):  # (as shown: a control character made visible)
                longest = max(longest, cells(safe(word)))
    return longest


# Whether this command has shown anything yet (on standard output, standard error or
# through a pager): until it has, it may be run again from the start (`output_started`).
_SHOWN = [False]


def output_started() -> bool:
    """Whether anything has been shown by this command (the command line runs a read
    again from the start, when the ledger changed under it, only if nothing was)."""
    return _SHOWN[0]


# Whether this command has changed the ledger: should its output then fail (a full disk
# under a redirection), the error says the change was made all the same.
_CHANGED: list[str] = []  # what is said of the change written, once it is
RECORDED = "the change was recorded all the same ('dprk undo' takes it back)"


def undone(change: str) -> str:
    """What an error after an undo says of it, once the change (`change`, as given) is
    taken back: named, as the 'undid:' line the error may come before names it."""
    return f"the last change ('{change}') was taken back all the same ('dprk redo' puts it back)"


def added(ident: str) -> str:
    """What an error after `add-measure` says of it, once measure `ident` is added (its
    id, the output a script captures, failed after): named, so that a script that runs
    the command again on a failure can tell it made one already."""
    return f"measure '{ident}' was added all the same ('dprk undo' takes it back)"


def redone(change: str) -> str:
    """What an error after a redo says of it, once the change (`change`) is put back."""
    return f"the change ('{change}') was put back all the same ('dprk undo' takes it back)"


def change_written(said: str = RECORDED) -> None:
    """The command's change is in the ledger (`cli.common.editing`; `said`: what an
    error after it says of it, `undone` for an undo, `redone` for a redo)."""
    _CHANGED[:] = [said]


def changed() -> bool:
    """Whether this command has written a change to the ledger."""
    return bool(_CHANGED)


def after_change(text: str) -> str:
    """An error's text; once the command's change is written (its output failed after,
    or it was interrupted), saying that the change was made all the same."""
    if _CHANGED:
        text += f"; {_CHANGED[0]}"
    return text


# The exit status a command ends with when the reader of its output goes early: 0
# (a pipe closed by `head` is no failure), unless what it found decides it (`verdict`).
_VERDICT = [0]


def verdict(code: int) -> None:
    """The command's exit status is `code` whatever becomes of its output: `dprk check`
    found an error, and `dprk check | head -1` must still fail."""
    _VERDICT[0] = code


def closed_exit() -> int:
    """The exit status of a command whose output's reader went early."""
    return _VERDICT[0]


def new_command() -> None:
    """A command begins: nothing shown yet, and tall tables may be paged."""
    _SHOWN[0] = False
    _INTERRUPT.clear()
    _PAGING[0] = True
    _CHANGED.clear()
    _VERDICT[0] = 0
    _ADVISED_AS[0] = "dprk"
    _LACKED.clear()
    _ENDED.clear()


_ADVISED_AS = ["dprk"]  # how each dprk command a line advises begins (`advise_as`)
_COMMANDS: list[Collection[str]] = [()]  # the names of dprk's commands (`advise_as`)


def advise_as(prog: str, commands: Collection[str] = ()) -> None:
    """Begin each dprk command a message, a warning, an error or a report's note advises
    (a command named in `commands`) with `prog` ('dprk --ledger FILE', for a ledger named
    with --ledger: `vocab.run_as`), so that, run as it is given, it runs on the same
    ledger."""
    _ADVISED_AS[0] = prog
    if commands:
        _COMMANDS[0] = commands


def advised_as() -> str:
    """How each dprk command a line advises begins (`advise_as`): for what writes the
    advice into its data (`check`'s problems, in every format)."""
    return _ADVISED_AS[0]


def as_advised(text: str, prog: str | None = None) -> str:
    """`text`, each dprk command it advises begun as `advise_as` says (or with `prog`)."""
    return run_as(text, _ADVISED_AS[0] if prog is None else prog, _COMMANDS[0])


def advised_command(command: str) -> str:
    """A dprk command a record gives as data (`plan --format json`'s `suggestions`, a
    drop's `command`), begun as `advise_as` says, as a line's advice is: run as it is
    given, it runs on the same ledger."""
    return as_advised(f"'{command}'")[1:-1]


def emit(report: Report, fmt: str, *, limit: int | None = None) -> None:
    """Write `report` to standard output in format `fmt`."""
    out = sys.stdout
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise UsageError(f"unknown format '{fmt}'; choose one of: {', '.join(FORMATS)}")
    _encoded_for(out, data=fmt != "table" or report.verbatim)
    ended_on(report)
    if fmt in _SAID_APART and report.lead and report.lead[0].startswith(HYPOTHETICAL):
        # (rows kept in a file would read as the record: the one line no data carries)
        warn = report.lead[0].removeprefix(HYPOTHETICAL)
        _tell(f"dprk: warning: hypothetical: {_said(warn)}\n")
    try:
        writer(report, cast(TextIO, _Watched(out)), limit)
        out.flush()
    except BrokenPipeError:
        raise OutputClosed() from None
    if fmt in _SAID_APART and (left_out := report.cut) is not None:
        # (a list cut short reads as the whole list in rows kept in a file)
        _tell(f"dprk: {_said(left_out)}\n")


# dprk's own signs in a table, and the ASCII stand-in a table shows for each where its
# stream's encoding lacks it (a legacy locale, PYTHONIOENCODING=ascii), so that the
# picture still reads: one column each, as the sign takes, so columns stay aligned.
STAND_INS = {
    "\u2588": "#",  # █ a score's bar, filled (`scores.bar`)
    "\u2591": ".",  # ░ and empty
    "\u25cf": "*",  # ● the timeline's marks (`timeline.mark`): a party's own step
    "\u25cb": "o",  # ○ another event about its measure
    "\u2713": "v",  # ✓ a verifier's finding that confirmed it
    "\u2717": "x",  # ✗ one that refuted it
    "\u25d0": "~",  # ◐ one that found it done in part
    "\u2298": "/",  # ⊘ a measure turned down
    "\u2500": "-",  # ─ the rule under a table's header
    "\u2514": "`",  # └ a part under its whole (`views`)
    "\u2026": ".",  # … the end of text cut short
    "\u00d7": "x",  # × the scorecard's formula
}
_STAND_IN = "dprk-stand-in"  # (the codec error handler that shows them: `stand_ins`)


def _stand_in(error: UnicodeError) -> tuple[str, int]:
    """The text an encoding lacks, each of dprk's signs in it as its stand-in
    (`STAND_INS`), any other character as a '?' for each column it takes (`cells`: a
    wide Hangul or CJK character two, a combining accent none), so that every column
    and a timeline's lanes stay where the table was laid out; noted, to be said once
    the command ends (`said_lacked`)."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    shown = []
    for ch in error.object[error.start : error.end]:
        sign = STAND_INS.get(ch)
        if sign is None:
            sign = "?" * cells(ch)
            _LACKED[:] = [error.encoding]
        shown.append(sign)
    return "".join(shown), error.end


# The encoding a table lacked some of the ledger's text in, shown as '?' (`_stand_in`).
_LACKED: list[str] = []


def said_lacked() -> None:
    """Once a command's output is out, say in one line (once, however many tables) that
    a table showed text its output's encoding lacks as '?': two names could read alike
    there, and the formats of data are whole."""
    if _LACKED:
        warning(
            f"this output's encoding ({_LACKED[0]}) cannot show some characters of the "
            "ledger (shown as '?'); use a UTF-8 locale, or --format json/csv, which are "
            "always UTF-8"
        )
        _LACKED.clear()


def stand_ins() -> str:
    """The error handler a table is encoded with (`str.encode`'s `errors`): the one
    choice of what a terminal or a pipe is shown for a character its encoding lacks."""
    import codecs

    codecs.register_error(_STAND_IN, _stand_in)
    return _STAND_IN


def _encoded_for(out: TextIO, *, data: bool) -> None:
    """Standard output whose encoding is not UTF-8 (a legacy locale, PYTHONIOENCODING),
    made fit for what goes out: `data` (every format but the table, and a verbatim text:
    a graph, a page) as UTF-8 all the same, as dprk writes its files and reads its
    input, so that a pipeline (`dprk export | dprk import -`) keeps every character; a
    table shows a sign of dprk's the encoding lacks (a bar, a timeline's mark) by its
    ASCII stand-in, and any other character it lacks as '?' (`stand_ins`). Either way
    nothing fails half written."""
    import codecs
    import io

    if not isinstance(out, io.TextIOWrapper):
        return
    try:
        name = codecs.lookup(out.encoding).name
    except LookupError:
        name = ""
    if name == "utf-8":
        return
    if data:
        out.reconfigure(encoding="utf-8", errors="strict")
    else:
        out.reconfigure(errors=stand_ins())


class _Watched:
    """Standard output, noting its first write. A report's deferred parts are made as
    the writer reaches them, and a read they make may find the ledger changed under it:
    until something is written, the command has shown nothing and may run again."""

    def __init__(self, out: TextIO) -> None:
        self._out = out

    def write(self, text: str) -> int:
        _SHOWN[0] = True
        self.write = self._out.write  # type: ignore[method-assign,assignment]  # (then direct)
        return self._out.write(text)

    def writelines(self, lines: Iterable[str]) -> None:
        _SHOWN[0] = True
        self._out.writelines(lines)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._out, name)


def _json_default(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):  # datetime too
        return value.isoformat()
    if isinstance(value, set | frozenset | Rows):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _c_encoder() -> Callable[[Any, int], Any] | None:
    """The C encoder `json.dumps(value, ensure_ascii=False, default=...)` uses, made once:
    `json.dumps` makes a new one per call, a cost ten thousand records notice."""
    from json import encoder

    make = getattr(encoder, "c_make_encoder", None)  # absent from some Pythons' json
    if make is None:  # pragma: no cover
        return None
    try:
        made: Callable[[Any, int], Any] = make(
            None, _json_default, encoder.encode_basestring, None, ": ", ", ", False, False, True
        )
        return made
    except (TypeError, AttributeError):  # pragma: no cover - another Python's json module
        return None


_ENCODE = _c_encoder()


def json_line(value: Any) -> str:
    """`value` as JSON on one line (the C encoder: fast on large reports)."""
    if type(value) is Encoded:
        return value
    try:
        if _ENCODE is not None:
            return "".join(_ENCODE(value, 0))
        return json.dumps(value, ensure_ascii=False, default=_json_default)
    except TypeError:  # e.g. a dict keyed by dates: convert everything first
        return json.dumps(to_jsonable(value), ensure_ascii=False)


PRETTY_LEVELS = 2


def write_json(value: Any, out: TextIO, level: int = 0) -> None:
    """JSON indented by two spaces for the outer two levels, each deeper value on one line,
    and each item of a list (a record) on one line: one measure (or history entry, or
    phase) a line, readable and quick to write."""
    if level < PRETTY_LEVELS and isinstance(value, dict | list | tuple | Rows) and value:
        pad = "  " * (level + 1)
        opening, closing = ("{", "}") if isinstance(value, dict) else ("[", "]")
        out.write(opening + "\n")
        items = value.items() if isinstance(value, dict) else ((None, v) for v in value)
        for index, (key, item) in enumerate(items):
            out.write(",\n" + pad if index else pad)
            if isinstance(value, dict):
                out.write(json_line(str(key) if not isinstance(key, str) else key) + ": ")
                write_json(item, out, level + 1)
            else:
                out.write(json_line(item))
        out.write("\n" + "  " * level + closing)
    else:
        out.write(json_line(value))


def _json(report: Report, out: TextIO, limit: int | None) -> None:
    write_json(report.document, out)
    out.write("\n")


def _jsonl(report: Report, out: TextIO, limit: int | None) -> None:
    for record in report.records:
        out.write(json_line(record))
        out.write("\n")


def _delimited(delimiter: str) -> Callable[[Report, TextIO, int | None], None]:
    def write(report: Report, out: TextIO, limit: int | None) -> None:
        import csv

        rows = report.flat if report.flat is not None else report.records
        columns = report.columns or (list(rows[0]) if rows else [])
        if delimiter == "\t":
            out.write("\t".join(columns) + "\n")
            for record in rows:
                out.write("\t".join(_tsv_cell(record.get(c)) for c in columns) + "\n")
            return
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for record in rows:
            writer.writerow([cell(record.get(c)) for c in columns])

    return write


def _tsv_cell(value: Any) -> str:
    text = cell(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _ids(report: Report, out: TextIO, limit: int | None) -> None:
    if report.id_key is None:
        raise UsageError("this report has no measure rows; '--format ids' does not apply")
    if report.ids is not None:
        out.writelines(f"{ident}\n" for ident in dict.fromkeys(report.ids))
        return
    seen: set[str] = set()
    for record in report.records:  # each id once, in order of first appearance
        value = record.get(report.id_key)
        if value and value not in seen:
            seen.add(value)
            out.write(f"{value}\n")


def _markdown(report: Report, out: TextIO, limit: int | None) -> None:
    sections = report.sections
    if not sections and report.records and report.columns:  # a text report's rows
        sections = [Section("", [Column(c, c) for c in report.columns], report.records)]
    if not sections and report.text is not None:  # free text, verbatim in a code block
        longest = max((len(run) for run in re.findall(r"`+", report.text)), default=0)
        fence = "`" * max(3, longest + 1)
        text = report.text.removesuffix("\n")
        if not report.verbatim:
            text = "\n".join(in_file(line) for line in text.split("\n"))
        out.write(f"{fence}\n{text}\n{fence}\n")
        return
    for line in report.lead:
        out.write(f"**{_md(line)}**\n\n")
    first = True
    for section in sections:
        if not first:
            out.write("\n")
        first = False
        if section.title:
            out.write(f"## {_md(section.title)}\n\n")
        if not section.rows:
            out.write(f"{section.empty}\n")
            continue
        # (a column a terminal leaves unheaded, the scorecard's bar beside its score, is
        # headed by its key: a Markdown table names every column)
        out.write("| " + " | ".join(_md(c.header or c.key) for c in section.columns) + " |\n")
        out.write(
            "|"
            + "|".join("---:" if c.justify == "right" else "---" for c in section.columns)
            + "|\n"
        )
        for row in section.rows:
            out.write(
                "| " + " | ".join(_md(cell(row.get(c.key))) for c in section.columns) + " |\n"
            )
    for note in report.notes:
        out.write(f"\n{_md(as_advised(note))}\n")


_MD_SPECIAL = r"([\\`*_\[\]<>|~&#!])"  # (compiled on first use, not at start-up)


def _md(text: str) -> str:
    """Text for a Markdown table cell or heading: shown literally, on one line."""
    lines = re.split(r"\r\n|\r|\n", str(text))
    return "<br>".join(re.sub(_MD_SPECIAL, r"\\\1", in_file(line)) for line in lines)


def _table(report: Report, out: TextIO, limit: int | None) -> None:
    # (a verbatim text, a graph's Mermaid or DOT, is for a tool to read, as it is: never
    # paged, nor laid out)
    if not _use_rich(out) or (report.verbatim and report.text is not None):
        _plain(report, out)
        return
    from .screen import pieces

    pager = pager_command() if _PAGING[0] and _is_terminal(out) else None
    if pager is None:
        from .terminal import console

        probe = console(out)  # (the width and colours `out` itself would get)
        width = probe.width
        # (Rich takes a dumb terminal for 80 columns, always, and COLUMNS=0 for no width
        # at all: zero says nothing of the width, as the standard library reads it)
        if probe.is_dumb_terminal or width < 1:
            import shutil

            width = shutil.get_terminal_size((width if width > 0 else 80, 24)).columns
        for piece in pieces(report, width=width, terminal=probe.is_terminal, direct=True):
            out.write(piece)
        return
    # Taller than the screen: through a pager, as git does, rather than cut. The table
    # is made a screenful at a time: what is shown first costs no more on a ledger of
    # a hundred thousand measures than on one of a hundred.
    import shutil

    size = shutil.get_terminal_size()
    made = pieces(report, width=size.columns, terminal=True, direct=True)
    first: list[str] = []
    lines = 0
    for piece in made:
        first.append(piece)
        lines += piece.count("\n")
        if lines >= size.lines:
            _SHOWN[0] = True  # (the pager shows it, not standard output)
            run_pager(pager, itertools.chain(first, made))
            return
    out.write("".join(first))


# Whether a table taller than the screen may go through a pager (`--no-pager` says no).
_PAGING = [True]


def allow_pager(allowed: bool) -> None:
    _PAGING[0] = allowed


def pager_command() -> str | None:
    """The pager to run: $DPRK_PAGER, else $PAGER, else `less -FRX`; None when it is
    empty or `cat` (no pager). On a dumb terminal, none unless $DPRK_PAGER names one:
    less cannot drive it (it warned "terminal is not fully functional" before every
    tall table), and $PAGER is most often less."""
    dumb = dumb_terminal()
    for name in ("DPRK_PAGER",) if dumb else ("DPRK_PAGER", "PAGER"):
        value = os.environ.get(name)
        if value is not None:
            command = value.strip()
            return None if command in ("", "cat") else command
    return None if dumb else "less -FRX"


def dumb_terminal() -> bool:
    """Whether $TERM names a terminal that draws no more than lines of text (`dumb`, as
    Emacs's shell has; `unknown`), as Rich reads it: no colour, no pager."""
    return os.environ.get("TERM", "").strip().lower() in ("dumb", "unknown")


def run_pager(command: str, text: str | Iterable[str]) -> None:
    """Show `text` (or its pieces, as they are made) through the pager `command` (run by
    the shell, as git does) and wait for it; the reader quitting early is no error, and
    no more pieces are made then."""
    import signal
    import subprocess

    from ..store.fs import interrupts_held

    # (the pager shows the table on the terminal standard output is: in its encoding, a
    # sign it lacks as its stand-in, as the table is shown without a pager)
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    errors = stand_ins()
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    try:
        proc = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
    except OSError as exc:
        raise UsageError(f"cannot run the pager '{command}': {exc.strerror or exc}") from None
    assert proc.stdin is not None
    try:
        for piece in [text] if isinstance(text, str) else text:
            proc.stdin.write(piece.encode(encoding, errors))
            proc.stdin.flush()
            if proc.poll() is not None:  # the reader quit: make no more
                break
        proc.stdin.close()
    except BrokenPipeError:  # the reader quit before the end: as intended
        pass
    # ^C reaches the pager too, which handles it (less goes on): wait for it to end, and
    # end as interrupted if it ended on ^C (not all was seen).
    with interrupts_held(deliver=False) as caught:
        proc.wait()
    if caught and proc.returncode in (-signal.SIGINT, 128 + signal.SIGINT):
        raise KeyboardInterrupt
    if 0 < proc.returncode < 128:  # (not run, or failed: the report is not shown)
        said = (
            "could not be run, so nothing was shown"
            if proc.returncode in (126, 127)
            else "failed, and may not have shown it all"
        )
        raise UsageError(
            f"the pager '{command}' {said} (exit {proc.returncode}); set DPRK_PAGER to a "
            "pager that works (or to cat for none), or give --no-pager before the command "
            "('dprk --no-pager COMMAND ...'; status, log and timeline take it after theirs too)"
        )


def _is_terminal(out: TextIO) -> bool:
    isatty = getattr(out, "isatty", None)
    return bool(isatty and isatty())


def _use_rich(out: TextIO) -> bool:
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(out, "isatty", None)
    return bool(isatty and isatty())


def _plain(report: Report, out: TextIO) -> None:
    """Aligned plain text for pipes and files: no colour, no box drawing, no cutting."""
    if report.text is not None:
        text = report.text.removesuffix("\n")
        out.write((text if report.verbatim else safe_lines(text)) + "\n")
        return
    for line in report.lead:
        out.write(f"{safe(line)}\n\n")
    first = True
    for section in report.sections:
        if not first:
            out.write("\n")
        first = False
        if section.title:
            out.write(f"{safe(section.title)}\n")
        if not section.rows:
            out.write(f"{section.empty}\n")
            continue
        _plain_table(section, out)
    for note in report.notes:
        out.write(f"\n{safe(as_advised(note))}\n")


def _plain_cell(value: Any) -> str:
    # (most cells are plain text: no conversion, and no escape to make)
    if type(value) is str and value.isprintable():
        return value
    return safe(cell(value))


def _plain_lines(section: Section, row: dict[str, Any], cells_: list[str]) -> list[list[str]]:
    """A row's cells (`cells_`) on as many lines as its free text shown whole
    (`Column.whole`: `show`'s) holds, the other cells blank below their first: a line
    break is not shown as '\\n', which a note may hold as text."""
    broken = {
        i: lines
        for i, col in enumerate(section.columns)
        if col.whole and (lines := whole_lines(row.get(col.key))) is not None
    }
    if not broken:
        return [cells_]
    return [
        [
            (lines[n] if n < len(lines) else "")
            if (lines := broken.get(i)) is not None
            else (text if n == 0 else "")
            for i, text in enumerate(cells_)
        ]
        for n in range(max(map(len, broken.values())))
    ]


def _plain_table(section: Section, out: TextIO) -> None:
    """A section's rows as aligned columns, two spaces apart (no trailing spaces): each
    column measured first (a column of ASCII text by its length alone), then each line
    padded and written as it is made (a table of a large ledger is not held twice)."""
    keys = [col.key for col in section.columns]
    # (each row read once: a kept table's rows are decoded as they are read)
    grid = [[col.header for col in section.columns]]
    if any(col.whole for col in section.columns):
        for each in section.rows:
            grid += _plain_lines(section, each, [_plain_cell(each.get(key)) for key in keys])
    else:
        grid += ([_plain_cell(row.get(key)) for key in keys] for row in section.rows)
    last = len(section.columns) - 1
    # Each column: how it is padded ("" not at all: the last, unless it is right-aligned),
    # to what width, and each cell's display width when its text is not all ASCII.
    layout: list[tuple[str, int, list[int] | None]] = []
    for i, col in enumerate(section.columns):
        texts = [row[i] for row in grid]
        pad = "rjust" if col.justify == "right" else "ljust" if i != last else ""
        if "".join(texts).isascii():
            layout.append((pad, max(map(len, texts)), None))
        else:
            widths = [cells(t) for t in texts]
            layout.append((pad, max(widths), widths))
    write = out.write
    for r, row in enumerate(grid):
        line = []
        for text, (pad, width, sizes) in zip(row, layout, strict=True):
            if pad:
                space = " " * (width - (len(text) if sizes is None else sizes[r]))
                text = space + text if pad == "rjust" else text + space
            line.append(text)
        write("  ".join(line).rstrip() + "\n")


_WRITERS: dict[str, Callable[[Report, TextIO, int | None], None]] = {
    "table": _table,
    "json": _json,
    "jsonl": _jsonl,
    "csv": _delimited(","),
    "tsv": _delimited("\t"),
    "markdown": _markdown,
    "ids": _ids,
}


def value(text: str) -> None:
    """One value a script captures (e.g. a new id), alone on standard output."""
    _SHOWN[0] = True
    _encoded_for(sys.stdout, data=True)
    try:
        sys.stdout.write(safe(text) + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        raise OutputClosed() from None


def flush_output() -> None:
    """Flush standard output; its reader having gone (`dprk log | head -1`) ends quietly."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise OutputClosed() from None


def quiet_output() -> None:
    """After the reader of a pipe has gone, make any later flush of standard output a no-op."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def message(text: str) -> None:
    """A note for the person at the terminal, on standard error (never data)."""
    _SHOWN[0] = True
    _tell(_said(text) + "\n")


def error(text: str) -> None:
    if _INTERRUPT:  # (what a library made of Ctrl-C, caught inside it: the interrupt)
        interrupted()
        return
    _tell(f"dprk: error: {_said(text)}\n")


def _tell(line: str) -> None:
    """Write `line` on standard error. One that cannot be written (`2>/dev/full`, a
    terminal gone) is lost, and nothing else comes of it: there is nowhere to say so,
    and the exit code says what the command did, not whether its words were read (a
    change recorded ends 0, as it does into `>/dev/full`, so that a script that runs
    it again on a failure does not make it twice; an error keeps its own code)."""
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(line)


# Ctrl-C, as the command's own handler took it (`take_interrupt`; the console script
# sets it), and whether it was said: a library that catches the interrupt inside (a
# validator being built, a pattern compiled) may fail otherwise, or not at all; what
# it fails with is the interrupt's doing, and said as the interrupt.
_INTERRUPT: list[str] = []


def take_interrupt() -> None:
    """Ctrl-C was pressed (before the KeyboardInterrupt it raises is caught anywhere)."""
    if not _INTERRUPT:
        _INTERRUPT.append("taken")


def was_interrupted() -> bool:
    """Whether Ctrl-C was pressed during the command (`take_interrupt`)."""
    return bool(_INTERRUPT)


def interrupted() -> None:
    """Say, once, that the command was interrupted (and whether its change was made)."""
    if "said" not in _INTERRUPT:
        _INTERRUPT.append("said")
        message(after_change("dprk: interrupted"))


def warning(text: str) -> None:
    _SHOWN[0] = True
    _tell(f"dprk: warning: {_said(text)}\n")


# A value a line quotes that is too long to read there (a source of a hundred thousand
# characters given by mistake): its start, and its length. A value is quoted after a
# space, a bracket or the start, and ends before one, a comma or the end, holding no
# quote (so that the words between two values are never taken for one).
_LONG_QUOTED = r"(?:(?<=[\s(])|^)'([^'\n]{500,})'(?=[\s),;:]|$)"


def _said(text: str) -> str:
    """A line for the person at the terminal: made safe (`safe`), each value it quotes
    that is too long to read (500 characters or more) shortened to its first 60
    characters and its length; each dprk command it advises run as `advise_as` says."""
    text = as_advised(text)
    if len(text) > 500:
        text = re.sub(
            _LONG_QUOTED, lambda m: f"'{m.group(1)[:60]}...' ({len(m.group(1)):,} characters)", text
        )
    return safe(text)
