"""Taking back the last change: the journal's newest entry, put back under the lock.

Every change dprk writes is journalled first (`journal.py`): the content key
it was made from (`before`), the one it produced (`after`), and what it
replaced (the previous text, or the previous version of each measure it
touched). Undo rebuilds the previous file from that, checks that it is
exactly the file the change was made from, writes it through the one commit,
and drops the entry, so that several undos walk further back.

An entry whose change never landed (the write failed after the journal was
written: the ledger still has its `before` content) is skipped. A ledger that
no longer has the content dprk's last change left (edited by hand, replaced,
merged by git) is refused: undoing would lose those edits. Like any write,
undo is refused when the file it would bring back adds an error `dprk check`
reports among the measures it changes (the refusal says which); the file that
`init --force` replaced comes back as it was, ledger or not.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import DprkError, LedgerError
from ..model import Ledger
from . import journal
from .blocks import Layout
from .cache import content_key
from .codec import read_bytes, render_ledger
from .fs import ledger_lock, read_file, sweep_temporaries
from .ledger import commit, parse_bytes
from .snapshots import remember


@dataclass
class Undone:
    """What an undo took back: the change's own description and when it was made."""

    change: str
    when: str
    remaining: int


def undo(path: Path, *, lock_timeout: float) -> Undone:
    """Put the ledger at `path` back as it was before dprk's last change to it."""
    label = str(path)
    with ledger_lock(path, lock_timeout):
        sweep_temporaries(path)
        raw = read_file(path)
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
        back = _checked(previous, raw, label, replaced=entry.get("change") == "init --force")
        commit(path, previous, None)
        if back is not None:
            remember(path, previous, back[0], back[1])
        # The ledger is back; now forget the entry (a crash in between leaves an entry
        # whose `before` is the current content, which the next undo skips).
        journal.rewrite(path, entries)
    return Undone(
        change=str(entry.get("change") or "a change"),
        when=str(entry.get("when") or ""),
        remaining=len(entries),
    )


def _checked(
    previous: bytes, current: bytes, label: str, *, replaced: bool
) -> tuple[Ledger, Layout | None] | None:
    """The ledger undo brings back (and its layout), refused if it adds an error among
    the measures that differ; None for a replaced file that is not a ledger (it comes
    back as it was)."""
    from ..rules import new_errors

    try:
        back, layout = read_bytes(previous, label)
    except DprkError:
        if replaced:
            return None
        raise
    now = parse_bytes(current, label)
    before, after = now.index(), back.index()
    differing = {i for i in before.keys() | after.keys() if before.get(i) != after.get(i)}
    problems = new_errors(before, now.parties, after, back.parties, differing)
    if problems and not replaced:
        first = problems[0]
        where = f"{first.measure}: " if first.measure else ""
        raise DprkError(
            f"{label}: undo would bring back an error: {where}{first.message}; nothing changed"
        )
    return back, layout


def _unspliced(splices: list[Any], raw: bytes, label: str) -> bytes:
    """The file before a change that rewrote some ranges of it: each range of the new
    file put back to the bytes it replaced (the last first, so the others stay put)."""
    previous = raw
    try:
        for start, end, old in reversed(splices):
            if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end):
                raise ValueError
            if end > len(previous):
                raise ValueError
            previous = previous[:start] + str(old).encode("utf-8") + previous[end:]
    except (TypeError, ValueError):
        raise LedgerError(
            f"{label}: the undo journal's last entry is damaged; nothing changed"
        ) from None
    return previous


def _previous_bytes(entry: dict[str, Any], raw: bytes, label: str) -> bytes:
    """The file as it was before the entry's change, from the entry and the current file."""
    from pydantic import ValidationError

    splices = entry.get("splices")
    if isinstance(splices, list):
        return _unspliced(splices, raw, label)
    text = entry.get("raw")
    if isinstance(text, str):
        return text.encode("utf-8")
    if isinstance(entry.get("raw_b64"), str):
        import base64
        import binascii

        try:
            return base64.b64decode(entry["raw_b64"], validate=True)
        except (binascii.Error, ValueError):
            raise LedgerError(
                f"{label}: the undo journal's last entry is damaged; nothing changed"
            ) from None
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
