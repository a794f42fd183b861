"""Finding, loading and saving ledgers: the one safe write path.

`load` reads a ledger without a lock. `edit` is the only way a ledger changes:
lock, load and validate, let the caller change it, validate the result, check
that what will be written reads back the same, journal it for undo, then
replace the file atomically. An exception inside `edit` writes nothing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import DprkError, LedgerError
from ..model import Conflict, Ledger, Measure, now
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
from .files import atomic_write, check_ledger, ledger_lock, read_bytes, sweep_temporaries
from .locate import find_ledger, new_ledger_path, real_path, side_file

__all__ = [
    "DEFAULT_LOCK_TIMEOUT",
    "LedgerEdit",
    "Loaded",
    "create",
    "edit",
    "find_ledger",
    "load",
    "load_full",
    "new_ledger_path",
    "parse_bytes",
    "render_ledger",
    "side_file",
]

DEFAULT_LOCK_TIMEOUT = 30.0


@dataclass
class Loaded:
    """A ledger as read from disk, with the bytes it came from."""

    path: Path
    raw: bytes
    ledger: Ledger
    layout: Layout | None = None


def parse_bytes(raw: bytes, label: str) -> Ledger:
    """Decode, parse and validate ledger bytes (no cache, no file access)."""
    data = parse_toml(decode_text(raw, label), label)
    return validate_ledger(data, label)


def load_full(path: Path, *, want_layout: bool = False) -> Loaded:
    """Read and validate the ledger at `path`, served from the cache when it is current."""
    raw = read_bytes(path)
    cached = read_cache(path, raw, want_layout=want_layout)
    if cached is not None:
        ledger, layout = cached
    else:
        ledger, layout = parse_bytes(raw, str(path)), None
        if want_layout:
            layout = _layout(raw, ledger)
        write_cache(path, raw, ledger, layout)
    if want_layout and layout is None:
        layout = _layout(raw, ledger)
        write_cache(path, raw, ledger, layout)
    _KEPT[:] = [ledger]
    return Loaded(path=path, raw=raw, ledger=ledger, layout=layout)


# The ledger last loaded stays referenced until the next load or the end of the
# process: freeing a large ledger object by object as a command returns costs a
# tenth of the command, and `dprk` ends its process without freeing anything.
_KEPT: list[Ledger] = []


def load(path: Path) -> Ledger:
    """The validated ledger at `path` (read-only commands: no lock taken)."""
    return load_full(path).ledger


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


class LedgerEdit:
    """A ledger being changed inside `edit`: read measures, put new versions back."""

    def __init__(self, ledger: Ledger) -> None:
        self.title = ledger.title
        self.parties = list(ledger.parties)
        self.conflicts = list(ledger.conflicts)  # a title left in conflict by a git merge
        self._schema = ledger.schema_
        self._original = ledger
        self._measures: dict[str, Measure] = {m.id: m for m in ledger.measures}
        self.changed: set[str] = set()
        self.header_changed = False
        self.description = ""
        self.outcome = Outcome()

    # reading
    def has(self, ident: str) -> bool:
        return ident in self._measures

    def __contains__(self, ident: object) -> bool:
        return ident in self._measures

    def get(self, ident: str) -> Measure:
        try:
            return self._measures[ident]
        except KeyError:
            raise DprkError(unknown_id_message(ident, self._measures)) from None

    def measures(self) -> list[Measure]:
        return list(self._measures.values())

    @property
    def ledger(self) -> Ledger:
        """The ledger as it stands now, changes included (not yet validated)."""
        return Ledger.model_construct(
            schema_=self._schema,
            title=self.title,
            parties=list(self.parties),
            conflicts=list(self.conflicts),
            measures=_sorted(list(self._measures.values())),
        )

    # changing
    def put(self, measure: Measure) -> None:
        """Add a measure, or replace the one with the same id."""
        self._measures[measure.id] = measure
        self.changed.add(measure.id)

    def remove(self, ident: str) -> None:
        self.get(ident)
        del self._measures[ident]
        self.changed.add(ident)

    def set_header(
        self,
        *,
        title: str | None = None,
        parties: list[str] | None = None,
        conflicts: list[Conflict] | None = None,
    ) -> None:
        if title is not None:
            self.title = title
        if parties is not None:
            self.parties = list(parties)
        if conflicts is not None:
            self.conflicts = list(conflicts)
        self.header_changed = True

    def replace_all(self, ledger: Ledger) -> None:
        """Make the ledger equal to `ledger` (undo, import --replace, merge resolution)."""
        self.set_header(title=ledger.title, parties=ledger.parties, conflicts=ledger.conflicts)
        incoming = {m.id: m for m in ledger.measures}
        for ident in list(self._measures):
            if ident not in incoming:
                self.remove(ident)
        for ident, measure in incoming.items():
            if self._measures.get(ident) != measure:
                self.put(measure)


def unknown_id_message(ident: str, known: Any) -> str:
    import difflib

    close = difflib.get_close_matches(ident, list(known), n=3, cutoff=0.6)
    hint = (
        f"; did you mean {', '.join(close)}?"
        if close
        else "; 'dprk status --format ids' lists them"
    )
    return f"no measure with id '{ident}'{hint}"


@contextlib.contextmanager
def edit(
    path: Path, *, lock_timeout: float = DEFAULT_LOCK_TIMEOUT, description: str = ""
) -> Iterator[LedgerEdit]:
    """Change the ledger at `path` safely; nothing is written if the block raises."""
    label = str(path)
    check_ledger(path)  # a missing ledger is an error before anything is created beside it
    with ledger_lock(path, lock_timeout):
        sweep_temporaries(path)
        loaded = load_full(path, want_layout=True)
        _refuse_duplicates(loaded.ledger, label)
        change = LedgerEdit(loaded.ledger)
        change.description = description
        yield change
        if not change.changed and not change.header_changed:
            return
        new_ledger, new_raw, new_layout = _build(loaded, change, label)
        if new_raw == loaded.raw:
            return
        journal.append(path, _journal_entry(loaded, change, new_raw))
        atomic_write(path, new_raw)
        write_cache(path, new_raw, new_ledger, new_layout)
        change.outcome.written = True
        if loaded.layout is not None and not loaded.layout.canonical:
            change.outcome.dropped_comments = loaded.layout.comments


def create(
    path: Path, ledger: Ledger, *, force: bool, lock_timeout: float = DEFAULT_LOCK_TIMEOUT
) -> None:
    """Write a new ledger at `path`; refuses to replace an existing file unless `force`."""
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
        if path.exists() and not force:
            raise DprkError(f"{label}: a ledger already exists here; use --force to replace it")
        atomic_write(path, raw, create=True)
    # The cache holds the file as read back (measures sorted, lists in canonical
    # order), not `ledger` as given: what is served must be what the file says.
    write_cache(path, raw, written, _layout(raw, written))


def _refuse_duplicates(ledger: Ledger, label: str) -> None:
    seen: set[str] = set()
    for m in ledger.measures:
        if m.id in seen:
            raise LedgerError(
                f"{label}: measure id '{m.id}' appears twice; rename one by hand before "
                "changing the ledger ('dprk check' lists such problems)"
            )
        seen.add(m.id)


def _build(loaded: Loaded, change: LedgerEdit, label: str) -> tuple[Ledger, bytes, Layout]:
    """Validate the changed ledger and render it, re-rendering only what changed."""
    from pydantic import ValidationError

    from .codec import describe_validation_error

    fresh: dict[str, Measure] = {}
    for ident in sorted(change.changed):
        if not change.has(ident):
            continue
        measure = change.get(ident)
        try:
            fresh[ident] = Measure.model_validate(measure.model_dump(by_alias=True)).normalized()
        except ValidationError as exc:
            raise DprkError(f"measure '{ident}': {describe_validation_error(exc)}") from None
        change.put(fresh[ident])
    try:
        header_model = Ledger.model_validate(
            {
                "schema": change._schema,
                "title": change.title,
                "parties": change.parties,
                "conflicts": change.conflicts,
            }
        )
    except ValidationError as exc:
        raise DprkError(describe_validation_error(exc)) from None
    measures = _sorted(change.measures())
    new_ledger = Ledger.model_construct(
        schema_=header_model.schema_,
        title=header_model.title,
        parties=header_model.parties,
        conflicts=header_model.conflicts,
        measures=measures,
    )
    layout = loaded.layout
    raw = loaded.raw
    header = render_header(new_ledger).encode("utf-8")
    pieces = [header]
    spans: dict[str, tuple[int, int]] = {}
    offset = len(header)
    incremental = layout is not None and layout.canonical and layout.spans is not None
    for m in measures:
        if incremental and m.id not in fresh and m.id in layout.spans:  # type: ignore[union-attr]
            start, end = layout.spans[m.id]  # type: ignore[union-attr]
            block = raw[start:end]
        else:
            block = render_measure(m).encode("utf-8")
            fresh.setdefault(m.id, m)
        pieces.append(block)
        spans[m.id] = (offset, offset + len(block))
        offset += len(block)
    new_raw = b"".join(pieces)
    if incremental:
        _read_back(
            header + b"".join(pieces[1 + i] for i, m in enumerate(measures) if m.id in fresh),
            Ledger.model_construct(
                schema_=new_ledger.schema_,
                title=new_ledger.title,
                parties=new_ledger.parties,
                conflicts=new_ledger.conflicts,
                measures=[m for m in measures if m.id in fresh],
            ),
            label,
        )
    else:
        _read_back(new_raw, new_ledger, label)
    layout_out = Layout(canonical=True, comments=0, header_end=len(header), spans=spans)
    return new_ledger, new_raw, layout_out


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


def _journal_entry(loaded: Loaded, change: LedgerEdit, new_raw: bytes) -> dict[str, Any]:
    before = loaded.ledger.index()
    entry: dict[str, Any] = {
        "when": now().isoformat(),
        "change": change.description,
        "before": content_key(loaded.raw),
        "after": content_key(new_raw),
    }
    if loaded.layout is not None and not loaded.layout.canonical:
        entry["raw"] = loaded.raw.decode("utf-8")
        return entry
    entry["header"] = {
        "title": loaded.ledger.title,
        "parties": loaded.ledger.parties,
        "conflicts": [c.model_dump() for c in loaded.ledger.conflicts],
    }
    entry["measures"] = {
        ident: (before[ident].model_dump(mode="json", by_alias=True) if ident in before else None)
        for ident in sorted(change.changed)
    }
    return entry


def real_ledger_path(path: Path) -> Path:
    return real_path(path)
