"""The undo journal: what each change replaced, so that `dprk undo` can put it back.

One JSON object a line in `.dprk/NAME.undo`, appended and fsynced before the
ledger is replaced. Each entry names the ledger content it was made from and
the content it produced; an entry whose change never landed (the write
failed after the journal was written) is recognised and skipped.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

from ..errors import LedgerError
from .locate import ensure_side_dir, side_file

KEEP = 100


def append(ledger: Path, entry: dict[str, Any]) -> None:
    """Add one entry durably; a failure aborts the change before the ledger is touched."""
    ensure_side_dir(ledger)
    path = side_file(ledger, "undo")
    line = (json.dumps(entry, ensure_ascii=False, default=str) + "\n").encode("utf-8")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        try:
            view = memoryview(line)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        raise LedgerError(
            f"{ledger}: cannot write the undo journal, ledger left unchanged: {exc.strerror or exc}"
        ) from None


def entries(ledger: Path) -> list[dict[str, Any]]:
    """The journal's entries, oldest first; a torn last line is ignored."""
    try:
        text = side_file(ledger, "undo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    found = []
    for line in text.splitlines():
        with contextlib.suppress(ValueError):
            item = json.loads(line)
            if isinstance(item, dict):
                found.append(item)
    return found


def rewrite(ledger: Path, kept: list[dict[str, Any]]) -> None:
    """Replace the journal with `kept` (after an undo, or to trim it)."""
    from .files import write_side_file

    body = "".join(json.dumps(e, ensure_ascii=False, default=str) + "\n" for e in kept[-KEEP:])
    write_side_file(side_file(ledger, "undo"), body.encode("utf-8"))
