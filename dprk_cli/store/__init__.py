"""Finding, loading and saving ledgers: everything dprk does with files.

Layers, each importing only those before it: `paths` (which file, its side
files), `fs` (reading, the lock, the one atomic write), `codec` (TOML text
and the writer), `blocks` (a file as a header and a block per measure),
`cache` (what is kept beside a ledger), `journal` (undo), `snapshots` (a ledger
as read, from the cache or the file), `ledger` (read, edit, create, the one
commit), `undo`, and beside them `interchange` (import and export files),
`gitio` (git) and `syntax` (where a file holds TOML that readers of TOML 1.0
refuse, for `dprk check`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# Loaded when first used (PEP 562): a read served from the cache needs `snapshot`
# alone, not the write path (the draft, the rules, the journal) or the TOML writer.
_WHERE = {
    "render_ledger": "codec",
    "DEFAULT_LOCK_TIMEOUT": "ledger",
    "Outcome": "ledger",
    "commit": "ledger",
    "create": "ledger",
    "edit": "ledger",
    "example": "ledger",
    "load": "snapshots",
    "load_nodes": "snapshots",
    "parse_bytes": "ledger",
    "read_side": "ledger",
    "snapshot": "snapshots",
    "write_merged": "ledger",
    "find_ledger": "paths",
    "new_ledger_path": "paths",
    "side_file": "paths",
}

if TYPE_CHECKING:
    from .codec import render_ledger
    from .ledger import (
        DEFAULT_LOCK_TIMEOUT,
        Outcome,
        commit,
        create,
        edit,
        example,
        parse_bytes,
        read_side,
        write_merged,
    )
    from .paths import find_ledger, new_ledger_path, side_file
    from .snapshots import load, load_nodes, snapshot


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


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
    "read_side",
    "render_ledger",
    "side_file",
    "snapshot",
    "write_merged",
]
