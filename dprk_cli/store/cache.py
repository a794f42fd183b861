"""A cache of the parsed, validated ledger, so that large ledgers load fast.

The TOML file stays the one source of truth. The cache (`.dprk/NAME.cache`)
is keyed on the ledger's size and SHA-1 of its content and carries a
checksum of its own payload: a stale or damaged cache is never served, it is
simply rebuilt from the TOML.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from ..model import Ledger
from .files import write_side_file
from .locate import ensure_side_dir, side_file

FORMAT = "dprk-cache-1"


@dataclass
class Layout:
    """Where each measure's block sits in a canonical file (for one-measure rewrites)."""

    canonical: bool
    comments: int
    header_end: int = 0
    spans: dict[str, tuple[int, int]] | None = None


def content_key(raw: bytes) -> str:
    return f"{len(raw)}:{hashlib.sha1(raw).hexdigest()}"


def read_cache(ledger: Path, raw: bytes) -> tuple[Ledger, Layout | None] | None:
    """The cached ledger if it was made from exactly these bytes, else None."""
    try:
        blob = side_file(ledger, "cache").read_bytes()
    except OSError:
        return None
    head, sep, body = blob.partition(b"\n")
    if not sep:
        return None
    try:
        meta = json.loads(head)
        if meta.get("format") != FORMAT or meta.get("key") != content_key(raw):
            return None
        if meta.get("body") != hashlib.sha1(body).hexdigest():
            return None
        ledger_model = Ledger.model_validate_json(body)
    except (ValueError, ValidationError, AttributeError, TypeError):
        return None
    layout = None
    if isinstance(meta.get("layout"), dict):
        raw_layout = meta["layout"]
        try:
            layout = Layout(
                canonical=bool(raw_layout["canonical"]),
                comments=int(raw_layout["comments"]),
                header_end=int(raw_layout.get("header_end", 0)),
                spans={k: (int(a), int(b)) for k, (a, b) in raw_layout["spans"].items()}
                if raw_layout.get("spans") is not None
                else None,
            )
        except (KeyError, TypeError, ValueError):
            layout = None
    return ledger_model, layout


def write_cache(ledger: Path, raw: bytes, model: Ledger, layout: Layout | None) -> None:
    """Remember the parsed ledger for these bytes (best effort: failures are ignored)."""
    try:
        ensure_side_dir(ledger)
    except OSError:
        return
    body = model.model_dump_json(by_alias=True).encode("utf-8")
    meta: dict[str, object] = {
        "format": FORMAT,
        "key": content_key(raw),
        "body": hashlib.sha1(body).hexdigest(),
    }
    if layout is not None:
        meta["layout"] = {
            "canonical": layout.canonical,
            "comments": layout.comments,
            "header_end": layout.header_end,
            "spans": layout.spans,
        }
    write_side_file(side_file(ledger, "cache"), json.dumps(meta).encode() + b"\n" + body)
