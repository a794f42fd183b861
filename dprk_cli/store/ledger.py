"""Loading and saving ledgers: the one safe write path.

`load` reads a ledger without a lock (served from the cache when it is
current). `edit` is how a ledger changes: lock, load, hand a `Draft` to the
caller, finish it (the draft settles and checks the change, see `draft`),
render only what changed, check that what will be written reads back the
same, then `commit`. `commit` is the one function through which bytes
become a ledger file: journal the change for undo, replace the file
atomically, bring the cache up to date. An exception before the commit
writes nothing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..draft import Draft
from ..errors import DprkError, LedgerError
from ..facts import Nodes, nodes_of
from ..model import Ledger, Measure, now
from . import journal
from .cache import Layout, content_key, read_cache, write_cache
from .codec import (
    count_comments,
    decode_text,
    parse_toml,
    render_header,
    render_ledger,
    render_measure,
    validate_ledger,
)
from .fs import atomic_write, check_ledger, ledger_lock, read_file, sweep_temporaries

DEFAULT_LOCK_TIMEOUT = 30.0


@dataclass
class Loaded:
    """A ledger as read from disk, with the bytes it came from."""

    path: Path
    raw: bytes
    ledger: Ledger
    layout: Layout | None = None
    cached: bool = True  # whether the cache already held all of this


def parse_bytes(raw: bytes, label: str) -> Ledger:
    """Decode, parse and validate ledger bytes (no cache, no file access)."""
    data = parse_toml(decode_text(raw, label), label)
    return validate_ledger(data, label)


def load_full(path: Path, *, want_layout: bool = False) -> Loaded:
    """Read and validate the ledger at `path`, served from the cache when it is current.

    `want_layout` (a command about to write): also where each measure's block sits
    in the file; the cache is then left to the write, which replaces it once.
    """
    raw = read_file(path)
    cached = read_cache(path, raw, want_layout=want_layout)
    if cached is not None:
        ledger, layout = cached
    else:
        ledger, layout = parse_bytes(raw, str(path)), None
        if not want_layout:  # a write brings the cache up to date when it commits
            write_cache(path, raw, ledger, None)
    fresh = cached is None or (want_layout and layout is None)
    if want_layout and layout is None:
        layout = _layout(raw, ledger)
    _KEPT[:] = [ledger]
    return Loaded(path=path, raw=raw, ledger=ledger, layout=layout, cached=not fresh)


# The ledger last loaded stays referenced until the next load or the end of the
# process: freeing a large ledger object by object as a command returns costs a
# tenth of the command, and `dprk` ends its process without freeing anything.
_KEPT: list[Ledger] = []


def load(path: Path) -> Ledger:
    """The validated ledger at `path` (read-only commands: no lock taken)."""
    return load_full(path).ledger


def load_nodes(path: Path) -> Nodes:
    """What the analyses read of the ledger at `path` (see `facts`)."""
    return nodes_of(load(path))


def _layout(raw: bytes, ledger: Ledger) -> Layout:
    """Whether the file is in canonical form and, if so, where each measure sits."""
    # Each block is compared as it is rendered and then dropped: a whole second copy
    # of a large ledger would cost more memory than the rest of the command.
    header = render_header(ledger).encode("utf-8")
    view = memoryview(raw)
    spans: dict[str, tuple[int, int]] = {}
    offset = len(header)
    canonical = view[:offset] == header
    if canonical:
        for m in _sorted(ledger.measures):
            block = render_measure(m).encode("utf-8")
            end = offset + len(block)
            if view[offset:end] != block:
                canonical = False
                break
            spans[m.id] = (offset, end)
            offset = end
        canonical = canonical and offset == len(raw)
    if not canonical:
        return Layout(canonical=False, comments=count_comments(raw.decode("utf-8")))
    return Layout(canonical=True, comments=0, header_end=len(header), spans=spans)


def _sorted(measures: list[Measure]) -> list[Measure]:
    return sorted(measures, key=lambda m: m.id)


@dataclass
class Outcome:
    """What a finished edit did, for the command line to report."""

    written: bool = False
    dropped_comments: int = 0


@contextlib.contextmanager
def edit(
    path: Path,
    *,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    description: str = "",
    outcome: Outcome | None = None,
) -> Iterator[Draft]:
    """Change the ledger at `path` safely; nothing is written if the block raises or
    the draft refuses the change (see `Draft.finish`)."""
    label = str(path)
    check_ledger(path)  # a missing ledger is an error before anything is created beside it
    with ledger_lock(path, lock_timeout):
        sweep_temporaries(path)
        loaded = load_full(path, want_layout=True)
        _refuse_duplicates(loaded.ledger, label)
        draft = Draft(loaded.ledger)
        yield draft
        new_ledger = draft.finish() if draft.changed else loaded.ledger
        if draft.changed:
            new_raw, new_layout = render_changes(loaded, new_ledger, draft.touched, label)
        if not draft.changed or new_raw == loaded.raw:
            if not loaded.cached:  # nothing to write; keep what reading it cost
                write_cache(path, loaded.raw, loaded.ledger, loaded.layout)
            return
        commit(
            path,
            new_raw,
            new_ledger,
            new_layout,
            _journal_entry(loaded, draft, description, new_raw),
        )
        if outcome is not None:
            outcome.written = True
            if loaded.layout is not None and not loaded.layout.canonical:
                outcome.dropped_comments = loaded.layout.comments


def commit(
    path: Path,
    raw: bytes,
    ledger: Ledger | None,
    layout: Layout | None,
    entry: dict[str, Any] | None,
    *,
    create: bool = False,
) -> None:
    """Make `raw` the ledger at `path` (call with the lock held): the journal entry for
    undo first (fsynced: a change that cannot be undone is not made), then the atomic
    replace, then the cache, so that the next read is served at once."""
    if entry is not None:
        journal.append(path, entry)
    atomic_write(path, raw, create=create)
    if ledger is not None:
        write_cache(path, raw, ledger, layout)


def create(
    path: Path, ledger: Ledger, *, force: bool, lock_timeout: float = DEFAULT_LOCK_TIMEOUT
) -> bool:
    """Write a new ledger at `path`; refuses to replace an existing file unless `force`.
    A replaced file is journalled, so that `dprk undo` brings it back byte for byte.
    Whether a file was replaced."""
    label = str(path)
    if path.is_dir():
        raise LedgerError(f"{label}: is a folder, not a ledger file")
    if not path.parent.is_dir():
        raise LedgerError(f"{label}: folder {path.parent} does not exist")
    if path.exists() and not force:
        raise DprkError(f"{label}: a ledger already exists here; use --force to replace it")
    raw = render_ledger(ledger).encode("utf-8")
    written = _read_back(raw, ledger, label)
    with ledger_lock(path, lock_timeout):
        sweep_temporaries(path)
        replaced = path.exists()
        if replaced and not force:
            raise DprkError(f"{label}: a ledger already exists here; use --force to replace it")
        entry = None
        if replaced:
            old = read_file(path, ledger=False)
            entry = journal.raw_entry("init --force", old, content_key(old), content_key(raw))
        # The cache holds the file as read back (measures sorted, lists in canonical
        # order), not `ledger` as given: what is served must be what the file says.
        commit(path, raw, written, _layout(raw, written), entry, create=not replaced)
    return replaced


def example(name: str) -> bytes:
    """The bytes of a ledger bundled with dprk (`dprk init --example NAME`)."""
    from importlib import resources

    return (resources.files("dprk_cli.examples") / f"{name}.toml").read_bytes()


def write_merged(target: Path, ledger: Ledger) -> None:
    """Write a merge result where git asked for it (its own temporary file, or --output):
    through the one commit, without journal or cache (git owns that file)."""
    label = str(target)
    if target.is_dir():
        raise LedgerError(f"{label}: is a folder, not a ledger file")
    raw = render_ledger(ledger).encode("utf-8")
    _read_back(raw, ledger, "merged ledger")
    commit(target, raw, None, None, None, create=not target.exists())


def _refuse_duplicates(ledger: Ledger, label: str) -> None:
    seen: set[str] = set()
    for m in ledger.measures:
        if m.id in seen:
            raise LedgerError(
                f"{label}: measure id '{m.id}' appears twice; rename one by hand before "
                "changing the ledger ('dprk check' lists such problems)"
            )
        seen.add(m.id)


def render_changes(
    loaded: Loaded, new_ledger: Ledger, touched: set[str], label: str
) -> tuple[bytes, Layout]:
    """The changed ledger's bytes, re-rendering only the touched measures' blocks when
    the file was canonical; refuses bytes that would not read back as intended."""
    layout = loaded.layout
    raw = loaded.raw
    header = render_header(new_ledger).encode("utf-8")
    pieces = [header]
    spans: dict[str, tuple[int, int]] = {}
    offset = len(header)
    old_spans = layout.spans if layout is not None and layout.canonical else None
    incremental = old_spans is not None
    rendered: set[str] = set()
    for m in new_ledger.measures:
        if old_spans is not None and m.id not in touched and m.id in old_spans:
            start, end = old_spans[m.id]
            block = raw[start:end]
        else:
            block = render_measure(m).encode("utf-8")
            rendered.add(m.id)
        pieces.append(block)
        spans[m.id] = (offset, offset + len(block))
        offset += len(block)
    new_raw = b"".join(pieces)
    if incremental:
        fresh = [m for m in new_ledger.measures if m.id in rendered]
        _read_back(
            header
            + b"".join(
                pieces[1 + i] for i, m in enumerate(new_ledger.measures) if m.id in rendered
            ),
            Ledger.model_construct(
                schema_=new_ledger.schema_,
                title=new_ledger.title,
                parties=new_ledger.parties,
                conflicts=new_ledger.conflicts,
                measures=fresh,
            ),
            label,
        )
    else:
        _read_back(new_raw, new_ledger, label)
    return new_raw, Layout(canonical=True, comments=0, header_end=len(header), spans=spans)


def _read_back(raw: bytes, expected: Ledger, label: str) -> Ledger:
    """Refuse to write bytes that do not parse back to exactly the intended ledger;
    the ledger they parse back to."""
    try:
        back = parse_bytes(raw, label)
    except DprkError as exc:  # pragma: no cover - would be a bug in the writer
        raise LedgerError(
            f"{label}: internal check failed, nothing written: {exc.message}"
        ) from None
    if (
        back.model_dump()
        != Ledger.model_validate(
            {
                "schema": expected.schema_,
                "title": expected.title,
                "parties": expected.parties,
                "conflicts": expected.conflicts,
                "measures": [
                    m.normalized().model_dump(by_alias=True) for m in _sorted(expected.measures)
                ],
            }
        ).model_dump()
    ):  # pragma: no cover - would be a bug in the writer
        raise LedgerError(f"{label}: internal check failed (written form differs), nothing written")
    return back


def _journal_entry(
    loaded: Loaded, draft: Draft, description: str, new_raw: bytes
) -> dict[str, Any]:
    """What undo needs to put the file back: the whole old text of a hand-formatted
    file, else the old header and the old version of each measure the change touched."""
    before = loaded.ledger.index()
    if loaded.layout is not None and not loaded.layout.canonical:
        return journal.raw_entry(
            description, loaded.raw, content_key(loaded.raw), content_key(new_raw)
        )
    return {
        "when": now().isoformat(),
        "change": description,
        "before": content_key(loaded.raw),
        "after": content_key(new_raw),
        "header": {
            "title": loaded.ledger.title,
            "parties": loaded.ledger.parties,
            "conflicts": [c.model_dump() for c in loaded.ledger.conflicts],
        },
        "measures": {
            ident: (
                before[ident].model_dump(mode="json", by_alias=True) if ident in before else None
            )
            for ident in sorted(draft.touched)
        },
    }
