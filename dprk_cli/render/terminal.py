"""Rich tables for a terminal (imported only when a table goes to a terminal).

User text is always handed to Rich as `Text` objects, never as markup, so a
title like `[bold red]x[/]` or `:warning:` is shown exactly as typed. Ids,
statuses and dates are never broken: when the terminal is too narrow, the
least important columns are left out (and the table says so) before any of
them would be cut.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from . import Column, Report, Section, cell, cell_width, safe, safe_lines

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
GAP = 3  # columns between cells: padding on both sides and the divider
MIN_WRAP = 12  # narrowest a free-text column may get


def console(out: TextIO, *, width: int | None = None, terminal: bool | None = None) -> Console:
    return Console(
        file=out,
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=False,
        width=width,
        force_terminal=terminal,
    )


CHUNK = 200  # table rows made at a time (at first, FIRST: a screenful, and again)
FIRST = 50


def rich_pieces(
    report: Report, *, width: int | None = None, terminal: bool | None = None
) -> Iterator[str]:
    """The report as Rich tables, as text, a piece at a time (a long table in chunks of
    rows, with the same column widths): a pager shows the first screen as soon as it
    is made. `width` and `terminal`: for text bound for a pager."""
    buffer = io.StringIO()
    con = console(buffer, width=width, terminal=terminal)

    def taken() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    if report.text is not None:
        # Free text (a graph, a page) is printed as it is, never folded to the width.
        con.print(Text(safe_lines(report.text.removesuffix("\n"))), soft_wrap=True)
        yield taken()
        return
    for line in report.lead:
        con.print(Text(safe(line), style="bold yellow"))
        con.print()
    for index, section in enumerate(report.sections):
        if index:
            con.print()
        if section.title:
            con.print(Text(safe(section.title), style="bold"))
        if not section.rows:
            con.print(Text(section.empty, style="dim"))
            continue
        columns, hidden = fit_columns(section, con.width)
        widths = {c.key: _width(section, c) for c in columns}
        fixed = sum(widths[c.key] for c in columns if not c.wrap) + GAP * (len(columns) - 1)
        free = [c for c in columns if c.wrap]
        share = max(MIN_WRAP, (con.width - fixed) // len(free)) if free else 0
        rows = section.rows
        start, size = 0, FIRST
        while start < len(rows):
            table = Table(
                box=box.SIMPLE_HEAD,
                show_edge=False,
                pad_edge=False,
                padding=(0, 1),
                show_header=start == 0,
            )
            for col in columns:
                table.add_column(
                    Text(col.header),
                    justify=col.justify,  # type: ignore[arg-type]
                    no_wrap=True,
                    overflow="ellipsis",
                    width=min(widths[col.key], share) if col.wrap else widths[col.key],
                )
            for row in rows[start : start + size]:
                table.add_row(*(_cell_text(col.key, row.get(col.key)) for col in columns))
            con.print(table)
            yield taken()
            start, size = start + size, (FIRST if start < FIRST else CHUNK)
        if hidden:
            con.print(
                Text(
                    f"(left out to fit the terminal: {', '.join(hidden)}; "
                    "widen it, or use --format json or csv)",
                    style="dim",
                )
            )
    for note in report.notes:
        con.print()
        con.print(Text(safe(note), style="dim"))
    yield taken()


def fit_columns(section: Section, width: int) -> tuple[list[Column], list[str]]:
    """The columns that fit `width` whole, dropping the lowest priority first."""
    needed = {c.key: _width(section, c) for c in section.columns}
    kept = list(section.columns)
    hidden: list[str] = []

    def total(cols: list[Column]) -> int:
        return sum(MIN_WRAP if c.wrap else needed[c.key] for c in cols) + GAP * (len(cols) - 1)

    while len(kept) > 1 and total(kept) > width:
        victim = min(kept, key=lambda c: c.priority)
        kept.remove(victim)
        hidden.append(victim.header)
    return kept, hidden


def _width(section: Section, col: Column) -> int:
    if section.widths is not None and col.key in section.widths:
        return max(len(col.header), section.widths[col.key])
    longest = len(col.header)
    for row in section.rows:
        longest = max(longest, cell_width(row.get(col.key)))
    return longest


def _cell_text(key: str, value: object) -> Text:
    if isinstance(value, list):
        return Text("\n".join(safe(cell(v)) for v in value))
    text = safe(cell(value))
    style = STATUS_STYLE.get(text, "") if key == "status" else ""
    return Text(text, style=style)
