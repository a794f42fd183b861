"""Taking back the last change: the journal's newest entry, put back under the lock.

Every change `edit` writes is journalled first (`journal.py`): the content key
it was made from (`before`), the one it produced (`after`), and what it
replaced (the previous text, or the previous version of each measure it
touched). Undo rebuilds the previous file from that, checks that it is
exactly the file the change was made from, writes it through the same atomic
replace, and drops the entry, so that several undos walk further back.

An entry whose change never landed (the write failed after the journal was
written: the ledger still has its `before` content) is skipped. A ledger that
no longer has the content dprk's last change left (edited by hand, replaced,
merged by git) is refused: undoing would lose those edits.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import DprkError, LedgerError
from ..model import Ledger
from . import journal
from .cache import content_key, write_cache
from .codec import render_ledger
from .files import atomic_write, ledger_lock, read_bytes, sweep_temporaries


@dataclass
class Undone:
    """What an undo took back: the change's own description and when it was made."""

    change: str
    when: str
    remaining: int


def undo(path: Path, *, lock_timeout: float) -> Undone:
    """Put the ledger at `path` back as it was before dprk's last change to it."""
    from . import parse_bytes

    label = str(path)
    with ledger_lock(path, lock_timeout):
        sweep_temporaries(path)
        raw = read_bytes(path)
        current = content_key(raw)
        entries = journal.entries(path)
        while entries and entries[-1].get("after") != current:
            if entries[-1].get("before") == current:
                entries.pop()  # its write never landed: nothing of it to take back
                continue
            raise DprkError(
                f"{label}: the ledger is not as dprk's last change left it (it was edited by "
                "hand, replaced or merged since), so undo cannot take that change back without "
                "losing those edits; restore an earlier version from git or by hand"
            )
        if not entries:
            raise DprkError(f"{label}: nothing to undo (no change recorded by dprk)")
        entry = entries.pop()
        previous = _previous_bytes(entry, raw, label)
        if content_key(previous) != entry.get("before"):
            raise LedgerError(
                f"{label}: the undo journal does not match the ledger (cannot rebuild the "
                "previous version exactly); nothing changed"
            )
        ledger = parse_bytes(previous, label)
        atomic_write(path, previous)
        # The ledger is back; now forget the entry (a crash in between leaves an entry
        # whose `before` is the current content, which the next undo skips).
        journal.rewrite(path, entries)
    write_cache(path, previous, ledger, None)
    return Undone(
        change=str(entry.get("change") or "a change"),
        when=str(entry.get("when") or ""),
        remaining=len(entries),
    )


def _previous_bytes(entry: dict[str, Any], raw: bytes, label: str) -> bytes:
    """The file as it was before the entry's change, from the entry and the current file."""
    from pydantic import ValidationError

    from . import parse_bytes

    if isinstance(entry.get("raw"), str):
        return entry["raw"].encode("utf-8")
    header = entry.get("header")
    changed = entry.get("measures")
    if not isinstance(header, dict) or not isinstance(changed, dict):
        raise LedgerError(f"{label}: the undo journal's last entry is damaged; nothing changed")
    # Start from the file as it is, JSON all through, and put back what the change replaced.
    data = parse_bytes(raw, label).model_dump(mode="json", by_alias=True)
    measures = {m["id"]: m for m in data["measures"]}
    for ident, before in changed.items():
        if before is None:
            measures.pop(ident, None)  # the change added it
        else:
            measures[ident] = before
    data.update({key: value for key, value in header.items() if key in Ledger.model_fields})
    data["measures"] = [measures[ident] for ident in sorted(measures)]
    try:
        ledger = Ledger.model_validate_json(json.dumps(data))
    except (ValidationError, TypeError, ValueError):
        raise LedgerError(
            f"{label}: the undo journal's last entry is damaged; nothing changed"
        ) from None
    return render_ledger(ledger).encode("utf-8")
