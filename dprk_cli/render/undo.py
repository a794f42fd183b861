"""What `dprk undo --list` shows: the changes undo can take back, newest first (and
`dprk redo --list`, in the same shape: the changes redo puts back, the next first).

Each row is numbered from 1, the change the next `dprk undo` takes back; a
change is named as the undo journal keeps it (the command as given), and when
it was made is worded for people as undo's own "undid:" line words it, and for
scripts as an ISO 8601 time in UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime

from ..shapes import UNDO_COLUMNS
from . import Column, Report, Section


def made_said(when: str) -> str:
    """When a change was made, as undo's lines say it ('2026-12-06 10:00:00 UTC')."""
    return when.replace("T", " ").replace("+00:00", " UTC")


def made_iso(when: str) -> str:
    """When a change was made, in ISO 8601, in UTC ('2026-12-06T10:00:00Z'); a time the
    journal holds otherwise (not one dprk writes) is given as it is."""
    try:
        moment = datetime.fromisoformat(when)
    except ValueError:
        return when
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.replace(tzinfo=None).isoformat() + "Z"


def undo_list_report(changes: list[tuple[str, str]], *, redo: bool = False) -> Report:
    """The changes undo can take back (`store.undo.takeable`: each as given and when it
    was made, newest first), numbered from 1, the next undo's; `redo`: the changes redo
    puts back (`store.undo.redoable`), the next redo's first, in the same shape."""
    records = [
        {"n": n, "command": change, "made": made_iso(when)}
        for n, (change, when) in enumerate(changes, 1)
    ]
    rows = [
        {"n": n, "command": change, "made": made_said(when)}
        for n, (change, when) in enumerate(changes, 1)
    ]
    command, does = ("redo", "puts back") if redo else ("undo", "takes back")
    columns = [
        Column("n", "#", justify="right", priority=100, label=True),
        Column("command", "Command", wrap=True, priority=90),
        Column("made", "Made", priority=80, label=True),
    ]
    return Report(
        document=records,
        records=records,
        columns=UNDO_COLUMNS,
        sections=[Section(f"What 'dprk {command}' {does}, the next first", columns, rows)],
        id_key=None,
    )
