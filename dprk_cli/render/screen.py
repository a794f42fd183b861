"""A report laid out for a terminal, a piece at a time, without loading Rich when it
need not be loaded.

The layout is decided here, once: which columns fit the width (`fit_columns`: the
least needed are left out first, free text last, what names a row never, and the
table says so), how wide each is, and the rows in
chunks (a pager shows the first screen while the rest is still being made). Each
piece is then painted by one of two painters:

- `Direct` writes the ANSI text itself, for what it can draw exactly as Rich does:
  one-line text of one-column characters, in the styles dprk uses, in a colour
  terminal. It answers None for anything else.
- Rich (`terminal.RichPainter`) draws everything else, and is imported only then.

The bytes are the same whichever painter drew a piece (tests hold `Direct` to
Rich's output, character by character and table by table), so a screenful of
`dprk status` costs little more than dprk's start-up, at any size of ledger.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator, Sequence
from typing import Any, Protocol

from . import (
    WORD,
    Alert,
    Column,
    Report,
    Section,
    cell,
    cell_width,
    cells,
    dumb_terminal,
    longest_word,
    one_column,
    safe,
    whole_lines,
)

STATUS_STYLE = {
    "proposed": "cyan",
    "agreed": "blue",
    "implemented": "yellow",
    "verified": "green",
    "disputed": "red",
    "reversed": "magenta",
    "withdrawn": "dim",
    "rejected": "bright_black",
}
# (the columns that hold a status: a measure's, and an exchange's other side's)
STATUS_KEYS = ("status", "counterpart_status")
GAP = 3  # columns between cells: padding on both sides and the divider
MIN_WRAP = 12  # narrowest a free-text column may get
CHUNK = 200  # table rows made at a time (at first, FIRST: a screenful, and again)
FIRST = 50

# The styles dprk gives text in a terminal, as Select Graphic Rendition codes: the
# same in a 16-colour, a 256-colour and a true-colour terminal.
SGR = {
    "": "",
    "bold": "1",
    "dim": "2",
    "bold yellow": "1;33",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "magenta": "35",
    "cyan": "36",
    "bright_black": "90",
}


class Painter(Protocol):
    """Draws pieces of a report as terminal text; None: this painter cannot."""

    def line(self, text: str, style: str) -> str | None: ...

    def free(self, text: str) -> str | None: ...

    def table(
        self, columns: Sequence[Column], widths: Sequence[int], rows: Sequence[Any], header: bool
    ) -> str | None:
        """The rows at exactly `widths` (wider than the terminal when labels need it)."""
        ...


def cell_text(key: str, value: object, whole: bool = False) -> tuple[str, str]:
    """A table cell as its text (lines joined by newlines) and its style. Free text
    shown whole (`Column.whole`: `show`'s) keeps its line breaks and draws a tab as
    spaces (`whole_lines`): neither is shown as an escape, which a note may hold as
    text."""
    if isinstance(value, list):
        return "\n".join(safe(cell(v)) for v in value), ""
    if whole and (lines := whole_lines(value)) is not None:
        return "\n".join(lines), ""
    text = safe(cell(value))
    return text, STATUS_STYLE.get(text, "") if key in STATUS_KEYS else ""


def column_width(section: Section, col: Column, *, header: bool = True) -> int:
    """The widest cell of a column (`header`: its header too)."""
    if section.widths is not None and col.key in section.widths:
        return max(cells(col.header) if header else 0, section.widths[col.key])
    longest = cells(col.header) if header else 0
    for row in section.rows:
        value = row.get(col.key)
        longest = max(longest, cell_width(value))
        if col.whole and (lines := whole_lines(value)) is not None:
            # (a tab drawn as spaces may be wider than its escape: up to the next stop)
            longest = max(longest, *map(cells, lines))
    return longest


def narrowest(col: Column) -> int:
    """The narrowest a free-text column cut short gets: `MIN_WRAP`, or its header, which
    is not cut."""
    return max(MIN_WRAP, cells(col.header))


def least_widths(section: Section, needed: dict[str, int]) -> dict[str, int]:
    """The narrowest each free-text column of `section` gets: one cut short, `narrowest`;
    one folded onto more lines (`Column.whole`), its header and its longest word
    (`longest_word`, kept beside the ledger with the widths of the status table), which
    folding never breaks; neither wider than the column's widest cell."""
    least = {}
    for col in section.columns:
        if not col.wrap:
            continue
        if not col.whole:
            least[col.key] = max(narrowest(col), unbroken(section, col))
            continue
        kept = section.widths.get(col.key + WORD) if section.widths else None
        if kept is None:  # (not kept beside the ledger: measured here)
            kept = max((longest_word(row.get(col.key)) for row in section.rows), default=0)
        least[col.key] = min(max(cells(col.header), kept), needed[col.key])
    return least


def unbroken(section: Section, col: Column) -> int:
    """The longest id a free-text label (`Column.folded`: a timeline's "what happened")
    names in any row, which folding never breaks: each row gives its own width under the
    column's key and `WORD` (0: none, or a column of another kind)."""
    if not col.folded or col.whole:
        return 0
    return max((row.get(col.key + WORD, 0) for row in section.rows), default=0)


def fit_columns(section: Section, width: int) -> tuple[list[Column], list[str], dict[str, int]]:
    """The columns of `section` a terminal `width` columns wide shows; the headers of
    those left out, in the table's order (a column without one, such as a bar, named by
    its key); and each column's widest cell. The one rule of a narrow terminal:

    1. free text (a title, a detail, a note) is shortened first, down to `narrowest`
       (cut short), or folded onto more lines (`show`'s) down to its longest word,
       which is never broken (`least_widths`);
    2. then, unless folding the headers of several words (4) fits the table with no
       text cut, the least needed columns are left out, lowest priority first (of equals,
       the other columns before free text, and the rightmost first): a table's
       priorities say what matters more in it (in `status`, who is to act outranks the
       title); one left out before a wider one went comes back if it fits then;
    3. a label (what names a row: its id, party, date, status, event, counterpart,
       entry number) is never left out, nor cut (one that is free text, a
       timeline's "what happened", is folded onto more lines: see `pieces`);
    4. then a header of several words wider than its column's cells (a timeline's
       lane, named by a party: 'Arab Republic of Egypt' over one mark) is folded
       onto more lines, its words whole (`_folded_headers`): when the table is
       still wider than the terminal, it is drawn as wide as it needs, and the
       terminal folds its lines; so is one whose folded column holds a word (an id)
       wider than the room left once every other column that can go is gone: the
       word runs past the terminal's edge rather than be broken.

    A table without labels keeps at least one column."""
    needed = {c.key: column_width(section, c) for c in section.columns}
    least = least_widths(section, needed)
    kept = list(section.columns)

    def total(cols: list[Column], cut: bool = False) -> int:
        # (`cut`: as if a folded column could be cut as narrow as any free text)
        widths = (
            (min(narrowest(c), least[c.key]) if cut else least[c.key]) if c.wrap else needed[c.key]
            for c in cols
        )
        return sum(widths) + GAP * (len(cols) - 1)

    whole = sum(needed.values()) + GAP * (len(kept) - 1)
    if whole > width:
        # (a table that its headers of several words, folded, fit whole: no column goes,
        # nor is any text cut; a folded header costs less than a fact)
        folded = dict(needed)
        _folded_headers(section, kept, folded, whole - width)
        if sum(folded.values()) + GAP * (len(kept) - 1) <= width:
            return kept, [], folded
    order = {c.key: i for i, c in enumerate(section.columns)}
    # (each column's turn to go: by priority; of equals, the other columns before free
    # text, and the rightmost first; labels never)
    turns = sorted(
        (c for c in section.columns if not c.label),
        key=lambda c: (c.priority, c.wrap, -order[c.key]),
    )
    gone: list[Column] = []
    for victim in turns:
        if total(kept) <= width or len(kept) == 1:
            break
        if total(kept, cut=True) <= width and least.get(victim.key, 0) > narrowest(victim):
            continue  # (short of room for its words alone: they run past the edge)
        kept.remove(victim)
        gone.append(victim)
    # (a column left out to make room that one left out later made: it comes back when
    # it fits now, the last to go first, so that no room is left unused)
    for back in reversed(gone[:-1]):
        tried = [c for c in section.columns if c in kept or c is back]
        if total(tried) <= width:
            kept = tried
    # (named in the table's order, as a reader looks for them: a yearly table's years in
    # the calendar's, whichever went first; a column without a header, such as the
    # scorecard's bar, by its key, as the Markdown table heads it)
    hidden = [c.header or c.key for c in section.columns if c in gone and c not in kept]
    if total(kept) > width:
        _folded_headers(section, kept, needed, total(kept) - width)
    return kept, hidden, needed


def _folded_headers(
    section: Section, kept: list[Column], needed: dict[str, int], over: int
) -> None:
    """Narrow the columns `kept` whose header is wider than their cells, by `over` in
    all at most, each to no less than its cells and its header's longest word (a
    header is folded at its spaces); the one with most to spare first."""
    room = {}
    for col in kept:
        if col.wrap or len(col.header.split()) < 2:  # (one word: nothing to fold at)
            continue
        least = max(column_width(section, col, header=False), *map(cells, col.header.split()))
        if least < needed[col.key]:
            room[col.key] = least
    while over > 0 and room:
        key = max(room, key=lambda k: (needed[k] - room[k], k))
        if needed[key] <= room[key]:
            break
        needed[key] -= 1
        over -= 1


STACKED = [
    Column("field", "field", wrap=True, whole=True, label=True),
    Column("value", "value", wrap=True, whole=True, label=True),
]


def stacked(section: Section) -> Section:
    """`section` with each row as its fields, one a line (its header, its value, folded
    as `show`'s values are), and a blank line between rows: for a terminal too narrow
    for all its columns, where a section whose every cell is shown (`whole_rows`)
    leaves none out. An empty cell is left out, as it shows nothing, and so is a column
    `repeated`, the same in every row."""
    rows: list[dict[str, Any]] = []
    columns = [c for c in section.columns if not c.repeated]
    for row in section.rows:
        if rows:
            rows.append({"field": "", "value": ""})
        for col in columns:
            value = row.get(col.key)
            if value is not None and value != "" and value != []:
                rows.append({"field": col.header, "value": value})
    return Section(section.title, STACKED, rows, empty=section.empty)


def pieces(report: Report, *, width: int, terminal: bool | None, direct: bool) -> Iterator[str]:
    """The report as terminal text, a piece at a time (a long table in chunks of rows,
    with the same column widths). `direct`: let `Direct` draw what it can."""
    fast = Direct(width) if direct and terminal and colour_terminal() else None
    rich: list[Painter] = []

    def paint(draw: str, *args: Any) -> str:
        if fast is not None:
            found: str | None = getattr(fast, draw)(*args)
            if found is not None:
                return found
        if not rich:
            from .terminal import RichPainter

            rich.append(RichPainter(width, terminal))
        made: str = getattr(rich[0], draw)(*args)
        return made

    if report.text is not None:
        if report.verbatim:  # (a file in a format of its own: as it is, never folded)
            yield paint("free", report.text)
            return
        # (lines to read, `check`'s: each folded to the window at spaces, as a note is)
        text = report.text.removesuffix("\n")
        yield "".join(paint("line", safe(line), "") for line in text.split("\n"))
        return
    out: list[str] = []
    for line in report.lead:
        out += [paint("line", safe(line), "bold yellow"), "\n"]
    for index, section in enumerate(report.sections):
        if index:
            out.append("\n")
        if section.title:
            out.append(paint("line", safe(section.title), "bold"))
        if not section.rows:
            out.append(paint("line", section.empty, "dim"))
            continue
        columns, hidden, needed = fit_columns(section, width)
        if section.whole_rows and any(c not in columns and not c.repeated for c in section.columns):
            section = stacked(section)
            columns, hidden, needed = fit_columns(section, width)
        fixed = sum(needed[c.key] for c in columns if not c.wrap) + GAP * (len(columns) - 1)
        least = least_widths(section, needed)
        for c in columns:
            if c.folded and not c.whole:
                # (a free-text label, folded, is never cut: where the labels beside it
                # leave it less room than `narrowest`, it takes that room, down to its
                # header's longest word and the longest id it names (`unbroken`), which
                # are never broken: a word longer than the room, but an id, is broken
                # across lines rather than every line wrap; with less room than those, it
                # is as wide as they are, and the table wider than the terminal, never
                # wider than in a wider one)
                spare = width - fixed - sum(least[o.key] for o in columns if o.wrap and o is not c)
                floor = max(*map(cells, c.header.split()), unbroken(section, c), 1)
                if spare < least[c.key]:
                    least[c.key] = max(floor, spare)
        first = columns[0]
        if first.folded and first.whole and len(columns) > 1:
            # (a first column of names folded whole, `show`'s fields: it takes the room
            # it needs first, folded at its spaces only where that fits the table to the
            # window beside the other folded columns' longest words; where even its own
            # longest word leaves no room for theirs, it is whole, and the table as wide
            # as they need)
            spare = width - fixed - sum(least[o.key] for o in columns if o.wrap and o is not first)
            fits = spare >= least[first.key]
            least[first.key] = min(needed[first.key], spare) if fits else needed[first.key]
        shares = _shares([c for c in columns if c.wrap], needed, least, width - fixed)
        widths = [shares[c.key] if c.wrap else needed[c.key] for c in columns]
        rows = section.rows
        start, size = 0, FIRST
        while start < len(rows):
            out.append(paint("table", columns, widths, rows[start : start + size], start == 0))
            yield "".join(out)
            out = []
            start, size = start + size, (FIRST if start < FIRST else CHUNK)
        if hidden:
            note = (
                f"(left out to fit the terminal: {', '.join(hidden)}; "
                "widen it, or use --format json or csv)"
            )
            out.append(paint("line", note, "dim"))
    for note in report.notes:  # (a warning at normal intensity: `Alert`)
        out += ["\n", paint("line", safe(note), "" if isinstance(note, Alert) else "dim")]
    yield "".join(out)


def _shares(
    free: list[Column], needed: dict[str, int], least: dict[str, int], room: int
) -> dict[str, int]:
    """The width of each free-text column (`free`) out of `room`: shared evenly, but a
    column that needs less than its share takes only what it needs, and the rest goes
    to the others (an empty note column left a detail cut short beside unused room);
    none narrower than `least` (`least_widths`): a folded column's longest word is
    left room first, the others sharing the rest."""
    shares: dict[str, int] = {}
    pending = sorted(free, key=lambda c: needed[c.key])  # (the narrowest first)
    for i, c in enumerate(pending):
        # (an even share of what is left, less what the others' `least` takes of it)
        later = sum(least[o.key] for o in pending[i + 1 :])
        share = max(least[c.key], min(room // (len(pending) - i), room - later))
        shares[c.key] = min(needed[c.key], share)
        room -= shares[c.key]
    return shares


def colour_terminal() -> bool:
    """Whether Rich, told that its output is a terminal, would colour it in the way
    `Direct` writes (not a dumb terminal, colour not turned off, not Windows' console)."""
    if sys.platform == "win32" or os.environ.get("NO_COLOR"):
        return False
    return not dumb_terminal()


class Direct:
    """Draws one-line text and tables of one-line cells as Rich would (see the module)."""

    def __init__(self, width: int) -> None:
        self.width = width

    def line(self, text: str, style: str) -> str | None:
        if not one_column(text):
            return None
        lines = [text] if len(text) <= self.width else _wrapped(text, self.width)
        if lines is None:
            return None
        code = SGR[style]
        return "".join(f"\x1b[{code}m{x}\x1b[0m\n" if code and x else x + "\n" for x in lines)

    def free(self, text: str) -> str | None:
        return None

    def table(
        self, columns: Sequence[Column], widths: Sequence[int], rows: Sequence[Any], header: bool
    ) -> str | None:
        total = sum(widths) + GAP * (len(widths) - 1)  # (wider than the terminal: labels)
        if any(
            len(c.header) > w
            or c.justify not in ("left", "right", "center")
            or not one_column(c.header)
            for c, w in zip(columns, widths, strict=True)
        ):
            return None  # Rich would narrow the columns
        last = len(columns) - 1
        lines: list[str] = []
        if header:
            bold = "\x1b[1m \x1b[0m"
            heads = []
            for i, (col, w) in enumerate(zip(columns, widths, strict=True)):
                text = _fit(col.header, w, col.justify)
                heads.append(
                    (bold if i else "") + f"\x1b[1m{text}\x1b[0m" + (bold if i < last else "")
                )
            lines += [" ".join(heads), "─" * total]
        keys = [
            (c.key, c.justify, w, c.whole, c.folded) for c, w in zip(columns, widths, strict=True)
        ]
        for row in rows:
            cells: list[tuple[list[str], str, int]] = []  # (its lines, its style, its width)
            for key, justify, w, whole, fold in keys:
                text, style = cell_text(key, row.get(key), whole)  # (a list: a line an item)
                found = text.split("\n")
                if not all(map(one_column, found)):
                    return None
                if fold and any(len(x) > w for x in found):  # (folded at spaces, as Rich)
                    folded = [_wrapped(x, w) if len(x) > w else [x] for x in found]
                    if justify != "left" or any(f is None for f in folded):
                        return None  # (a word cut, or lines justified: Rich draws it)
                    found = [line for f in folded if f is not None for line in f]
                cells.append(([_fit(x, w, justify) for x in found], style, w))
            for i in range(max(len(found) for found, _, _ in cells)):  # (a row's lines)
                drawn = []
                for found, style, w in cells:
                    if i >= len(found):  # (below a shorter cell: spaces, unstyled)
                        drawn.append(" " * w)
                    else:
                        text = found[i]
                        drawn.append(f"\x1b[{SGR[style]}m{text}\x1b[0m" if style else text)
                lines.append("   ".join(drawn))
        return "\n".join(lines) + "\n"


_WORD = re.compile(r"\s*\S+\s*")  # a word, with the spaces around it (as Rich splits text)


def _wrapped(text: str, width: int) -> list[str] | None:
    """One-column text folded at spaces into lines of `width` as Rich folds it (a line
    keeps the spaces after its last word that fit); None when a word is too long to fit
    on a line (Rich cuts it)."""
    breaks = [0]
    offset = 0
    found = _WORD.match(text)
    while found is not None:
        start, end = found.span()
        word = found.group(0)
        length = len(word.rstrip())
        if length > width:
            return None
        if width - offset >= length:
            offset += len(word)
        elif offset and start:
            breaks.append(start)
            offset = len(word)
        found = _WORD.match(text, end)
    lines = []
    for start, end in zip(breaks, [*breaks[1:], len(text)], strict=True):
        line = text[start:end]
        if len(line) > width:  # spaces past the edge are dropped
            line = line[: len(line) - min(len(line) - len(line.rstrip()), len(line) - width)]
        lines.append(line[:width])
    return lines


def _fit(text: str, width: int, justify: str) -> str:
    """One-column text cut to `width` (its end made an ellipsis) and padded to it, on the
    left, the right or both (as Rich does: right-justified or centred text loses its
    trailing spaces first)."""
    if justify != "left":
        text = text.rstrip()
    if len(text) > width:
        return text[: width - 1] + "…"
    if justify == "center":  # (the odd column of room on the right)
        left = (width - len(text)) // 2
        return " " * left + text + " " * (width - len(text) - left)
    return text.rjust(width) if justify == "right" else text.ljust(width)
