"""Rich, for what `screen.Direct` does not draw itself (imported only then).

User text is always handed to Rich as `Text` objects, never as markup, so a
title like `[bold red]x[/]` or `:warning:` is shown exactly as typed. Ids,
statuses and dates are never broken: when the terminal is too narrow, the
least needed columns are left out (and the table says so, see `screen`), and
a table whose labels alone are wider is drawn as wide as they need.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any, TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from . import Column, safe_lines
from .screen import GAP, cell_text


def console(out: TextIO, *, width: int | None = None, terminal: bool | None = None) -> Console:
    return Console(
        file=out,
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=False,
        width=width,
        # (a width of its own needs a height of its own: Rich takes a dumb terminal for
        # 80 columns whatever width it was given, unless both are)
        height=None if width is None else 25,
        force_terminal=terminal,
    )


class RichPainter:
    """Draws any piece of a report (`screen.Painter`) with Rich."""

    def __init__(self, width: int | None, terminal: bool | None) -> None:
        self.buffer = io.StringIO()
        self.console = console(self.buffer, width=width, terminal=terminal)

    def _taken(self) -> str:
        text = self.buffer.getvalue()
        self.buffer.seek(0)
        self.buffer.truncate()
        return text

    def line(self, text: str, style: str) -> str:
        self.console.print(Text(text, style=style))
        return self._taken()

    def free(self, text: str) -> str:
        # Free text (a graph, a page) is printed as it is, never folded to the width.
        self.console.print(Text(safe_lines(text.removesuffix("\n"))), soft_wrap=True)
        return self._taken()

    def table(
        self, columns: Sequence[Column], widths: Sequence[int], rows: Sequence[Any], header: bool
    ) -> str:
        table = Table(
            box=box.SIMPLE_HEAD,
            show_edge=False,
            pad_edge=False,
            padding=(0, 1),
            show_header=header,
        )
        for col, width in zip(columns, widths, strict=True):
            table.add_column(
                # (a header wider than its column is folded at its spaces: `fit_columns`)
                Text(col.header, no_wrap=False, overflow="fold"),
                justify=col.justify,  # type: ignore[arg-type]
                no_wrap=not col.folded,
                overflow="fold" if col.folded else "ellipsis",
                width=width,
            )
        for row in rows:
            table.add_row(
                *(Text(*cell_text(col.key, row.get(col.key), col.whole)) for col in columns)
            )
        # A table's labels wider than the terminal are drawn whole (`screen.fit_columns`):
        # the table is as wide as its columns, never narrowed to the terminal.
        width = self.console.width
        self.console.width = max(width, sum(widths) + GAP * (len(widths) - 1))
        try:
            self.console.print(table)
        finally:
            self.console.width = width
        return self._taken()
