"""What the commands share: the session (which ledger, lock timeout), ids from
standard input, date parsing, and the output-format option.

Kept light: imported at start-up by every command module.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import UsageError

if TYPE_CHECKING:
    from ..store import LedgerEdit


class Format(StrEnum):
    """Output formats of the reporting commands."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"
    markdown = "markdown"
    ids = "ids"


FormatOption = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        help="Output: table (for people), json, jsonl, csv, tsv, markdown, or ids (one per line).",
        case_sensitive=False,
    ),
]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--date", help="When it happened (YYYY-MM-DD); default today.", show_default=False
    ),
]
NoteOption = Annotated[str | None, typer.Option("--note", help="A note for the history.")]


@dataclass
class Session:
    """Global options, set once by the top-level callback."""

    ledger: Path | None = None
    lock_timeout: float = 30.0

    def ledger_path(self) -> Path:
        from ..store.locate import find_ledger

        return find_ledger(self.ledger)


@contextmanager
def editing(ctx: typer.Context, description: str) -> Iterator[LedgerEdit]:
    """Change the session's ledger through the store's one safe write path.

    Every command that writes uses this: it locks, loads, hands over the
    ledger, and on success writes it and reports anything the user should know.
    """
    from .. import store
    from ..render import warning

    s = session(ctx)
    path = s.ledger_path()
    with store.edit(path, lock_timeout=s.lock_timeout, description=description) as change:
        yield change
    if change.outcome.dropped_comments:
        warning(
            f"{path}: {change.outcome.dropped_comments} hand-written comment(s) were removed "
            "by this write (dprk does not keep TOML comments; put remarks in a measure's "
            "notes). 'dprk undo' brings the previous file back."
        )


def session(ctx: typer.Context) -> Session:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Session) else Session()


def parse_date(value: str | None, option: str = "--date") -> date | None:
    """A YYYY-MM-DD option value, or a usage error saying what was expected."""
    if value is None:
        return None
    try:
        if len(value) != 10:
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option}: '{value}' is not a date; use YYYY-MM-DD") from None


def event_date(value: str | None) -> date:
    from ..model import today

    return parse_date(value) or today()


def expand_ids(ids: list[str]) -> list[str]:
    """The ids given, with '-' replaced by the ids on standard input (one per line)."""
    result: list[str] = []
    for ident in ids:
        if ident == "-":
            data = sys.stdin.read()
            result.extend(line.strip() for line in data.splitlines() if line.strip())
        else:
            result.append(ident)
    seen: set[str] = set()
    unique = [i for i in result if not (i in seen or seen.add(i))]
    if not unique:
        raise UsageError("no measure ids given (standard input was empty)")
    return unique
