"""Finding, loading and saving ledgers: everything dprk does with files.

Layers, each importing only those before it: `paths` (which file, its side
files), `fs` (reading, the lock, the one atomic write), `codec` (TOML text
and the writer), `blocks` (a file as a header and a block per measure),
`cache` (what is kept beside a ledger), `journal` (undo), `snapshots` (a ledger
as read, from the cache or the file), `ledger` (read, edit, create, the one
commit), `undo`, and beside them `interchange` (import and export files) and
`gitio` (git).
"""

from __future__ import annotations

from .codec import render_ledger
from .ledger import (
    DEFAULT_LOCK_TIMEOUT,
    Outcome,
    commit,
    create,
    edit,
    example,
    load,
    load_nodes,
    parse_bytes,
    snapshot,
    write_merged,
)
from .paths import find_ledger, new_ledger_path, side_file

__all__ = [
    "DEFAULT_LOCK_TIMEOUT",
    "Outcome",
    "commit",
    "create",
    "edit",
    "example",
    "find_ledger",
    "load",
    "load_nodes",
    "new_ledger_path",
    "parse_bytes",
    "render_ledger",
    "side_file",
    "snapshot",
    "write_merged",
]
