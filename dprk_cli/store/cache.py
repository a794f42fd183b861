"""What dprk keeps beside a ledger so that reading it again is fast: the cache.

The TOML file stays the one source of truth. The cache (in `.dprk/`) holds
what was read from exactly one content of that file, named by its content
key (size and SHA-1), and is served only for that content, read by this code:

- `NAME.cache`, the index: the key, the file status it was read with, the
  ledger's header, and (`NAME.layout`) where each measure's block lies in the
  file, with (`NAME.digests`) each block's SHA-1: a later content of the file
  is read by the blocks that differ (`edited.py`);
- a column per kind of data, one line per measure in file order: `models`
  (each measure as validated, as JSON), `nodes` (what the analyses read of it,
  `facts.Node`), `records` (its JSON record, `shapes.record_json`), `problems`
  (the errors the ledger's rules find in it, `rules.errors_by_measure`);
- `NAME.memo`: results the commands derived from this content alone, kept
  under a name (the counts and order `status` shows), so that the next read
  need not derive them again; `NAME.kept-*`: the larger ones, a line each (the
  rows of the status table, in the order it shows them).

Whether the file still has that content is told by its status (size, times,
inode) when those cannot have been left unchanged by a later write — a file
written less than `SETTLE` ago could be written again within the same clock
tick — and by reading and hashing it otherwise. Each column carries the key and
a checksum of its lines; a column made from another content, or damaged, is
not used (it is made again from the models, or from the file).

Nothing here is validated a second time: it was validated when it was
written, and its checksum shows it is what was written. Models are turned
back into objects directly (see `_builder`).
"""

from __future__ import annotations

import json
import mmap
import os
import re
import time
import zlib
from collections.abc import Collection, Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, overload

from ..errors import LedgerChanged, LedgerError
from ..plain import Plain
from .fs import read_file, read_file_and_stat, regular_file_stat, write_side_file
from .paths import ensure_side_dir, side_file

if TYPE_CHECKING:  # (what is served from the cache as JSON needs no model loaded)
    from ..model import Ledger, Measure
    from .blocks import Layout  # (nor the cutting of a file into blocks: read anew)

FORMAT = "dprk-cache-14"
COLUMNS = ("models", "nodes", "records", "problems", "links")


def content_key(raw: bytes | Sequence[bytes | memoryview]) -> str:
    """The content's key: its size and SHA-1 (of bytes, or of the pieces they are made
    of, never joined)."""
    import hashlib  # (a read whose file status matches the index hashes nothing)

    if isinstance(raw, bytes):
        return f"{len(raw)}:{hashlib.sha1(raw).hexdigest()}"
    digest = hashlib.sha1()
    size = 0
    for piece in raw:
        digest.update(piece)
        size += len(piece)
    return f"{size}:{digest.hexdigest()}"


_FINGERPRINT: list[str] = []


def package_dir(name: str) -> Path:
    """Where an installed top-level package's files lie, found without importing it."""
    from importlib.util import find_spec

    spec = find_spec(name)
    places = list(spec.submodule_search_locations or []) if spec else []
    return Path(places[0]) if places else Path("?")


class _Digest:
    """A 64-bit checksum (CRC-32 and Adler-32) of the code a cache was made by: it tells
    one version of the code from another, with no adversary to guard against, and
    costs no cryptographic library at start-up."""

    def __init__(self, data: bytes = b"") -> None:
        self.crc = zlib.crc32(data)
        self.adler = zlib.adler32(data)

    def update(self, data: bytes) -> None:
        self.crc = zlib.crc32(data, self.crc)
        self.adler = zlib.adler32(data, self.adler)

    def hexdigest(self) -> str:
        return f"{self.crc:08x}{self.adler:08x}"


def _digest_file(digest: _Digest, path: Path) -> None:
    try:
        digest.update(path.read_bytes())
    except OSError:
        digest.update(b"?")


def code_fingerprint() -> str:
    """Which code made a cache: dprk's version and the name, size and time of every one
    of its modules (every one may derive something the cache keeps: the models, the
    replay, the rules, the counts and rows of `status`), and pydantic's (the source of
    its version module, and the size and time of pydantic-core's compiled module).

    A cache written by other code (an upgrade, or a module edited in a checkout)
    may hold what that code accepted or derived and this one would not: it is
    not served. Every file is located, not imported, and only its status is read:
    a read served from the cache loads neither pydantic nor the models.
    """
    if not _FINGERPRINT:
        from importlib.machinery import EXTENSION_SUFFIXES

        from .. import __version__

        digest = _Digest(f"dprk {__version__}".encode())
        _digest_tree(digest, package_dir("dprk_cli"), "")
        _digest_file(digest, package_dir("pydantic") / "version.py")
        core = package_dir("pydantic_core")
        for suffix in EXTENSION_SUFFIXES:
            try:
                info = (core / f"_pydantic_core{suffix}").stat()
            except OSError:
                continue
            digest.update(f"core {info.st_size} {info.st_mtime_ns}".encode())
            break
        _FINGERPRINT.append(digest.hexdigest()[:16])
    return _FINGERPRINT[0]


def _digest_tree(digest: _Digest, folder: Path, prefix: str) -> None:
    """The name, size and modification time of every Python module under `folder`."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        digest.update(f"? {prefix}".encode())
        return
    for entry in entries:
        if entry.name.endswith(".py") and entry.is_file():
            info = entry.stat()
            digest.update(f"{prefix}{entry.name} {info.st_size} {info.st_mtime_ns}\n".encode())
        elif entry.is_dir() and not entry.name.startswith((".", "__")):
            _digest_tree(digest, Path(entry.path), f"{prefix}{entry.name}/")


# --- whether the file is still what was read ----------------------------------------------

# A file written this recently (before its status was taken) could be written again
# with the same size and times: its status alone does not tell it apart. Whole-second
# times (some file systems keep no more) leave a wider window.
SETTLE = 0.1
SETTLE_COARSE = 2.5


def status_key(info: os.stat_result) -> list[int]:
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev]


def settled(info: os.stat_result, seen_ns: int) -> bool:
    """Whether a file with status `info`, seen so at `seen_ns`, would show any later write
    in its status."""
    times = (info.st_mtime_ns, info.st_ctime_ns)
    coarse = all(t % 1_000_000_000 == 0 for t in times)
    window = SETTLE_COARSE if coarse else SETTLE
    return seen_ns - max(times) > window * 1e9


class AsRead(Plain):
    """A file's content as a write read it: its key, and its status when that tells the
    content apart (`settled`; None: only its bytes can tell)."""

    __slots__ = ("key", "status")

    def __init__(self, key: str, status: list[int] | None) -> None:
        self.key = key
        self.status = status

    @classmethod
    def read(
        cls, path: Path, *, ledger: bool = True, known: Index | None = None
    ) -> tuple[bytes, AsRead]:
        """The file's bytes (`fs.read_file`), and its content as read: the content `known`
        names (a warm cache's index) when the file's status, taken before its bytes were
        read and again after, is the one it holds for that content, as a read trusts it
        (a file changed meanwhile shows it in its status); else hashed."""
        seen = now_ns()
        raw, info = read_file_and_stat(path, ledger=ledger)
        status = status_key(info) if settled(info, seen) else None
        if known is not None and status is not None and status == known.status:
            after = regular_file_stat(path)
            if after is not None and status_key(after) == status and len(raw) == info.st_size:
                return raw, cls(known.key, status)
        return raw, cls(content_key(raw), status)

    def check(self, path: Path) -> None:
        """Raise `LedgerChanged` unless the file at `path` still holds this content: a
        write's last step before its file replaces the old one, so that what another
        program (an editor) saved meanwhile is never written over."""
        if self.status is not None:
            info = regular_file_stat(path)
            if info is not None and status_key(info) == self.status:
                return
        try:
            unchanged = content_key(read_file(path)) == self.key
        except LedgerError:
            unchanged = False
        if not unchanged:
            raise LedgerChanged(
                f"{path}: the ledger was changed by another program while dprk was "
                f"changing it; {LedgerChanged.UNWRITTEN}"
            )


class Held:
    """A file's bytes, of content `key`, that a reader may let go (`drop`) while it works
    from what it took of them, and have again (`bytes`): read again then, and checked
    to be that content still (else `LedgerChanged`: the command reads again)."""

    def __init__(self, path: Path, raw: bytes, key: str) -> None:
        self.path = path
        self.key = key
        self._raw: bytes | None = raw

    def bytes(self) -> bytes:
        if self._raw is None:
            raw = read_file(self.path)
            if content_key(raw) != self.key:
                raise LedgerChanged(f"{self.path}: the ledger changed while it was being read")
            self._raw = raw
        return self._raw

    def drop(self) -> None:
        self._raw = None


class Index:
    """The cache's index: which content it is of, the file's status when it tells that
    content, the ledger's header, the latest day an entry of it is dated (`latest`), and
    (read from `NAME.layout` when first asked for: a hundred thousand ids are not read
    to show a screen) every measure's id in file order, with where each block lies."""

    def __init__(
        self,
        key: str,
        status: list[int] | None,
        header: dict[str, Any],
        ids: list[str] | None = None,
        layout: Layout | None = None,
        *,
        ledger: Path | None = None,
        latest: str = "",
        twice: list[str] | None = None,
    ) -> None:
        self.key = key
        self._twice = twice  # (the ids given to more than one measure: `twice`)
        self.status = status
        self.header = header
        self._ids = ids
        self._layout = layout
        self._ledger = ledger  # where to read the layout from, when not given
        # (YYYY-MM-DD, "" for no entry: the latest `Measure.dated_to` of this content,
        # whatever content came before it: `snapshots.latest_after`)
        self.latest = latest

    def _read_layout(self) -> None:
        found = read_layout(self._ledger, self.key) if self._ledger is not None else None
        if found is None:
            raise StaleCache()
        self._ids, self._layout = found

    @property
    def ids(self) -> list[str]:
        if self._ids is None:
            self._read_layout()
        assert self._ids is not None
        return self._ids

    @property
    def layout(self) -> Layout | None:
        if self._ids is None:
            self._read_layout()
        return self._layout

    @property
    def twice(self) -> list[str]:
        """The ids the file gives to more than one measure (a hand edit), in order: kept
        in the index, so that a read that needs no id (a screen of a hundred thousand
        measures) can warn of them."""
        if self._twice is None:
            from ..vocab import given_twice

            self._twice = given_twice(self.ids)
        return self._twice

    def header_ledger(self) -> Ledger:
        from ..model import Ledger

        ledger: Ledger = _builder(Ledger)(self.header)
        return ledger


class StaleCache(Exception):
    """The cache changed under a reader (another process wrote it): read again."""


def read_index(ledger: Path) -> Index | None:
    """The cache's index if it was written by this code and is intact, else None."""
    found = _read_checked(ledger, "cache")
    if found is None:
        return None
    meta, body = found
    if meta.get("format") != FORMAT or meta.get("code") != code_fingerprint():
        return None
    try:
        header = json.loads(body)
        if not _header_fits(header):
            return None
        latest, twice = meta.get("latest"), meta.get("twice")
        if not isinstance(latest, str) or not _are_ids(twice):
            return None
        key, status = str(meta["key"]), meta.get("status")
        return Index(key, status, dict(header), ledger=ledger, latest=latest, twice=twice)
    except (ValueError, TypeError, KeyError, IndexError):
        return None


def _are_ids(value: Any) -> bool:
    """Whether a cache file's list of ids is one (a list of text, checked at once)."""
    return isinstance(value, list) and set(map(type, value)) <= {str}


def read_layout(ledger: Path, key: str) -> tuple[list[str], Layout | None] | None:
    """Every measure's id and where its block lies, for content `key`."""
    found = _read_checked(ledger, "layout")
    if found is None or found[0].get("key") != key:
        return None
    try:
        ids, layout = json.loads(found[1])
        if not _are_ids(ids):
            return None
        if layout is None:
            return list(ids), None
        from .blocks import Layout

        return list(ids), Layout(int(layout[0]), list(ids), [int(n) for n in layout[1]])
    except (ValueError, TypeError, KeyError, IndexError):
        return None


def read_digests(ledger: Path, key: str, count: int) -> list[bytes] | None:
    """The digests of the `count` blocks of content `key` (`blocks.digest`), in file
    order; None when they were not kept, or are of another content."""
    from .blocks import DIGEST_SIZE as size

    found = _read_checked(ledger, "digests")
    if found is None or found[0].get("key") != key or len(found[1]) != count * size:
        return None
    body = found[1]
    return [body[at : at + size] for at in range(0, len(body), size)]


_HEADER_TYPES = {
    "schema": int,
    "title": str,
    "parties": list,
    "conflicts": list,
    "ended": str,
    "ended_note": str,
}


def _header_fits(header: Any) -> bool:
    """Whether the index's header has the shape this code writes (the builder that turns
    it into a model trusts it)."""
    return (
        isinstance(header, dict)
        and all(isinstance(header[k], _HEADER_TYPES.get(k, type(None))) for k in header)
        and all(isinstance(p, str) for p in header.get("parties", []))
        and all(
            isinstance(c, dict) and isinstance(c.get("field"), str)
            for c in header.get("conflicts", [])
        )
    )


def write_index(ledger: Path, index: Index) -> bool:
    """Write the index (and the layout, first: it is in place when the index is read; and
    its blocks' digests, when known)."""
    found = index.layout
    layout = None if found is None else [found.header_end, found.lengths]
    if found is not None and found.digests is not None:
        _write_checked(ledger, "digests", {"key": index.key}, b"".join(found.digests))
    body = json.dumps([index.ids, layout], ensure_ascii=False).encode("utf-8")
    _write_checked(ledger, "layout", {"key": index.key}, body)
    return settle_index(ledger, index)


def settle_index(ledger: Path, index: Index) -> bool:
    """Record in the index the file status that now tells its content (the layout as it
    was)."""
    header = json.dumps(index.header, ensure_ascii=False).encode("utf-8")
    meta = {
        "format": FORMAT,
        "code": code_fingerprint(),
        "key": index.key,
        "status": index.status,
        "latest": index.latest,
        "twice": index.twice,
    }
    return _write_checked(ledger, "cache", meta, header)


def header_data(ledger: Ledger) -> dict[str, Any]:
    """The ledger's own fields (all but its measures), as the index keeps them."""
    data: dict[str, Any] = json.loads(
        ledger.model_dump_json(by_alias=True, exclude_defaults=True, exclude={"measures"})
    )
    return data


# --- columns: one line per measure ------------------------------------------------------


class Column(Plain):
    """A column as its file holds it: the content it was made from (its base), the ids
    of its lines, and the lines."""

    __slots__ = ("base", "ids", "lines")

    def __init__(self, base: str, ids: list[str], lines: list[bytes]) -> None:
        self.base = base
        self.ids = ids
        self.lines = lines


def read_column(ledger: Path, name: str) -> Column | None:
    """Column `name` as its file holds it, if intact."""
    found = _read_checked(ledger, name)
    if found is None or not isinstance(found[0].get("key"), str):
        return None
    meta, body = found
    first, _, rest = body.partition(b"\n")
    try:
        ids = json.loads(first)
    except ValueError:
        return None
    if not _are_ids(ids):
        return None
    lines = rest.split(b"\n") if ids else []
    if len(lines) != len(ids):
        return None
    return Column(meta["key"], ids, lines)


class ColumnFile:
    """A column's file mapped into memory, its lines found once (as its checksum is
    checked): a write reads the few measures it changes, and a report streams the lines
    it prints. The parts of the map already read are handed back to the system as it
    goes (`_release`), so that a column of a large ledger (a hundred megabytes of
    records) is never held whole; the map is of the file that was checked, even should
    another command replace it meanwhile."""

    def __init__(self, base: str, ids: list[str], data: mmap.mmap, body: int) -> None:
        self.base = base
        self.ids = ids
        self.data = data
        self.body = body  # where the first line starts (after the header and the ids)
        self._found: list[int] | None = None

    @property
    def _starts(self) -> list[int]:
        """Where each line starts, and (last) one past the end: found when first asked
        for (a search of the file for a text asks none). Line k starts after the k-th
        break past the ids' line; a column with fewer lines than ids (not what this code
        writes) reads as empty lines."""
        if self._found is None:
            data, size, count = self.data, len(self.data), len(self.ids)
            starts = [self.body]
            at = released = self.body
            while len(starts) <= count:
                stop = data.find(b"\n", at) if at <= size else -1
                starts.append(stop + 1 if stop >= 0 else size + 1)
                at = stop + 1 if stop >= 0 else size + 1
                if at - released > READ_CHUNK:  # (read pages handed back, as `lines` does)
                    released = _release(data, released, min(at, size))
            _release(data, released, size)
            self._found = starts
        return self._found

    def lines(self) -> Iterator[bytes]:
        """Every line, in order."""
        starts, data, released = self._starts, self.data, 0
        for i in range(len(self.ids)):
            end = starts[i + 1]
            yield data[starts[i] : end - 1]
            if end - released > READ_CHUNK:
                released = _release(data, released, end)

    def holds(self, needle: bytes) -> bool:
        """Whether the file holds `needle` anywhere: searched a chunk at a time, each
        handed back once searched, as `lines` does (a hundred megabytes of models are
        never resident at once)."""
        data, size, at = self.data, len(self.data), 0
        while at < size:
            end = min(size, at + READ_CHUNK)
            found = data.find(needle, at, min(size, end + len(needle) - 1)) != -1
            _release(data, at, end)
            if found:
                return True
            at = end
        return False

    def lacks_words(self, words: Sequence[bytes], but: tuple[bytes, ...] = ()) -> bool:
        """Whether no string of the file's lines (not its header; nor those that begin
        with one of `but`) is `words` (in lower case), in any case of their letters and
        however spaced, and every line is plain ASCII with no escape (each string reads
        as typed); False when some string is them, or that cannot be told. Searched a
        chunk at a time, as `holds` is."""
        data, size, at = self.data, len(self.data), self.body
        while at < size:
            end = min(size, at + READ_CHUNK)
            stop = data.find(b"\n", end - 1) + 1 or size  # (a chunk of whole lines)
            chunk = data[at:stop]
            _release(data, at, stop)
            if not lacks_words(chunk, words, but):
                return False
            at = stop
        return True

    def lines_at(self, wanted: Collection[int]) -> dict[int, bytes]:
        """The lines at positions `wanted` (a write asks for a line of each measure it
        touches and their neighbours', one at a time), each copied, then the pages it lay
        on handed back (`_release_around`): a report that reads the lines of many
        measures here and there (check's advice, 51,000 of 100,000 measures) would
        otherwise keep most of the file resident, 80 MB of models."""
        starts, data = self._starts, self.data
        found = {}
        for i in wanted:
            start, end = starts[i], starts[i + 1] - 1
            found[i] = data[start:end]
            _release_around(data, start, end)
        return found


READ_CHUNK = 2**20  # bytes of a mapped column read before they are handed back


def lacks_words(text: bytes, words: Sequence[bytes], but: tuple[bytes, ...] = ()) -> bool:
    """Whether JSON `text`, plain (ASCII, with no escape: each string in it reads as
    typed), holds no string that is `words` (in lower case) in any case of their letters
    and however spaced (`vocab.words_key`), but in its lines that begin with one of
    `but` (a measure's own row, asked of its own title); False when it holds one, or is
    not plain."""
    if not words or not text.isascii() or b"\\" in text:
        return False
    lowered = text.lower()
    longest = max(words, key=len)
    spaced = re.compile(rb'"\s*' + rb"\s+".join(map(re.escape, words)) + rb'\s*"')
    at = lowered.find(longest)
    while at != -1:
        start = lowered.rfind(b'"', 0, at)
        end = lowered.find(b'"', at)
        found = start != -1 and end != -1 and spaced.fullmatch(lowered, start, end + 1)
        # (a string of a row of `but`, found: looked on past)
        if found and not (but and text.startswith(but, lowered.rfind(b"\n", 0, start) + 1)):
            return False
        at = lowered.find(longest, end if end != -1 else at + 1)
    return True


def _release(data: mmap.mmap, start: int, end: int) -> int:
    """Hand back to the system the whole pages of `data` from `start` to `end` (read, and
    not needed again soon: read again, they come back from the system's file cache);
    where the next release starts."""
    page = mmap.PAGESIZE
    first, last = start - start % page, end - end % page
    dontneed = getattr(mmap, "MADV_DONTNEED", None)
    if dontneed is not None and last > first:
        data.madvise(dontneed, first, last - first)
    return max(first, last)


def _release_around(data: mmap.mmap, start: int, end: int) -> None:
    """Hand back every page of `data` that bytes `start` to `end` lie on, whole or in part
    (`_release`, to the end of the page holding `end`; the file's last page, part of a
    page, stays)."""
    _release(data, start, min(len(data), end + (-end % mmap.PAGESIZE)))


def open_column(ledger: Path, name: str, opened: BinaryIO | None = None) -> ColumnFile | None:
    """Column `name`'s file (or the one `opened` already, which this closes), mapped into
    memory, if intact: read once, a chunk at a time, to check its checksum (without a
    copy of it) and find where its lines start."""
    try:
        with opened or open(side_file(ledger, name), "rb") as handle:
            first = handle.readline(65536)
            meta = json.loads(first)
            if not first.endswith(b"\n") or not isinstance(meta, dict):
                return None
            data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    at, size, crc = len(first), len(data), checksum(meta, b"")
    with memoryview(data) as view:
        while at < size:
            end = min(size, at + READ_CHUNK)
            crc = zlib.crc32(view[at:end], crc)
            _release(data, at, end)
            at = end
    if meta.get("crc") != crc or not isinstance(meta.get("key"), str):
        return None
    ids_end = data.find(b"\n", len(first))  # (the ids' line; where the lines start,
    # found when first asked for: `ColumnFile._starts`)
    try:
        ids = json.loads(data[len(first) : ids_end if ids_end >= 0 else size])
    except ValueError:
        return None
    if not _are_ids(ids):
        return None
    return ColumnFile(meta["key"], ids, data, ids_end + 1 if ids_end >= 0 else size)


COLUMN_BLOCK = 256  # lines joined at a time as a column is written


def write_column(ledger: Path, name: str, key: str, ids: list[str], lines: Iterable[bytes]) -> bool:
    """Make `lines` (one per id of `ids`) column `name` of content `key`. The lines are
    written as they come, a block at a time, and checksummed as they are written: a
    large ledger's column (a hundred megabytes of records) is never held whole, nor
    made twice."""

    def body() -> Iterator[bytes]:
        yield json.dumps(ids, ensure_ascii=False).encode("utf-8")
        block: list[bytes] = []
        for line in lines:
            block.append(line)
            if len(block) == COLUMN_BLOCK:
                yield b"\n" + b"\n".join(block)
                block.clear()
        if block:
            yield b"\n" + b"\n".join(block)

    return _write_checked(ledger, name, {"key": key}, body())


# --- the changes since the columns were written whole -----------------------------------
#
# A write does not rewrite the columns (tens of megabytes on a large ledger): it
# appends to `NAME.delta` one line naming the content it started from and the one it
# made, with the new lines of the measures it changed (None: removed). A reader
# replays the changes from its column's content to the index's. Once the log has
# grown past `DELTA_LIMIT`, the next write writes every column whole again and
# starts a new log.

DELTA_LIMIT = 4 * 2**20  # bytes
DELTA_ENTRIES = 200


class Change(Plain):
    """One write's changes to the columns: content `start` to content `end`."""

    __slots__ = ("start", "end", "lines")

    def __init__(self, start: str, end: str, lines: dict[str, dict[str, bytes | None]]) -> None:
        self.start = start
        self.end = end
        self.lines = lines  # column -> id -> new line (None: removed)


def read_changes(ledger: Path) -> tuple[list[Change], int]:
    """The log's intact changes, oldest first (a line torn by a crash ends it), and the
    log's size in bytes."""
    try:
        with open(side_file(ledger, "delta"), "rb") as handle:
            blob = handle.read()
    except OSError:
        return [], 0
    found: list[Change] = []
    for line in blob.split(b"\n"):
        crc, _, text = line.partition(b" ")
        try:
            if int(crc, 16) != zlib.crc32(text):
                break
            data = json.loads(text)
            found.append(
                Change(
                    str(data["start"]),
                    str(data["end"]),
                    {
                        column: {
                            ident: None if value is None else value.encode("utf-8")
                            for ident, value in changed.items()
                        }
                        for column, changed in data["lines"].items()
                    },
                )
            )
        except (ValueError, TypeError, KeyError, AttributeError):
            break
    return found, len(blob)


def append_change(ledger: Path, change: Change) -> bool:
    """Add a change to the log (not fsynced: a torn line ends the log, and a column that
    the log no longer reaches is made again)."""
    text = json.dumps(
        {
            "start": change.start,
            "end": change.end,
            "lines": {
                column: {
                    ident: None if value is None else value.decode("utf-8")
                    for ident, value in changed.items()
                }
                for column, changed in change.lines.items()
            },
        },
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")
    line = b"%08x " % zlib.crc32(text) + text + b"\n"
    try:
        ensure_side_dir(ledger)
        fd = os.open(side_file(ledger, "delta"), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        try:
            os.write(fd, line)
        finally:
            os.close(fd)
    except OSError:
        return False
    return True


def clear_changes(ledger: Path) -> None:
    """Start a new log (the columns were just written whole)."""
    write_side_file(side_file(ledger, "delta"), b"", durable=False)


def changed_lines(
    base: str, name: str, changes: list[Change], key: str
) -> dict[str, bytes | None] | None:
    """The lines of column `name` that the logged changes from content `base` to `key`
    replaced (None: removed), the latest of each; None when the log does not lead
    there.

    Every change is logged under the ledger's lock, from the content the index was of,
    so the log is one line of changes; the way is found backwards all the same, from
    the last change that made `key`, then the last before it that made the content it
    started from, and so on to `base` (a file edited back to an earlier content by
    hand is a way round): each change holds what it changed of the content it started
    from, so any way from `base` to `key` gives the lines of `key`."""
    if base == key:
        return {}
    way: list[Change] = []
    target, before = key, len(changes)
    while target != base:
        at = next((i for i in range(before - 1, -1, -1) if changes[i].end == target), None)
        if at is None:
            return None
        way.append(changes[at])
        target, before = changes[at].start, at
    found: dict[str, bytes | None] = {}
    for change in reversed(way):
        found.update(change.lines.get(name, {}))
    return found


def replay_changes(
    column: Column, name: str, changes: list[Change], key: str, ids: list[str]
) -> list[bytes] | None:
    """The lines of `column` at content `key` (one per id of `ids`): its own when it is of
    that content, else with the logged changes from its content to `key` applied; None
    when the log does not lead there."""
    if column.base == key:
        return column.lines if column.ids == ids else None
    changed = changed_lines(column.base, name, changes, key)
    if changed is None:
        return None
    if column.ids == ids and None not in changed.values():
        # the same measures (a change of some of them, the usual write): lines replaced
        # where they stand, without a map of every measure's line
        lines = list(column.lines)
        if changed:
            for i, ident in enumerate(ids):
                line = changed.get(ident)
                if line is not None:
                    lines[i] = line
        return lines
    by_id = dict(zip(column.ids, column.lines, strict=True))
    for ident, value in changed.items():
        if value is None:
            by_id.pop(ident, None)
        else:
            by_id[ident] = value
    try:
        return [by_id[ident] for ident in ids]
    except KeyError:
        return None


def read_memo(ledger: Path, key: str) -> dict[str, Any]:
    """What commands kept for content `key` (`Snapshot.keep`): results derived from the
    ledger alone, by name; empty when the memo is of another content, or damaged."""
    found = read_memo_of(ledger, key)
    return found[1] if found is not None else {}


def read_memo_of(ledger: Path, key: str | None = None) -> tuple[str, dict[str, Any]] | None:
    """The memo (of content `key` only, when given; a memo of another content is not
    decoded): that content's key and what it holds (None: there is none this code
    made, or it is damaged)."""
    found = _read_checked(ledger, "memo")
    if found is None or found[0].get("code") != code_fingerprint():
        return None
    if key is not None and found[0].get("key") != key:
        return None
    try:
        data = json.loads(found[1])
    except ValueError:
        return None
    made = found[0].get("key")
    return (made, data) if isinstance(data, dict) and isinstance(made, str) else None


def write_memo(ledger: Path, key: str, memo: dict[str, Any]) -> bool:
    body = json.dumps(memo, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return _write_checked(ledger, "memo", {"key": key, "code": code_fingerprint()}, body)


KEPT_BLOCK = 256  # lines a block of a kept file; each block has its own checksum


class KeptLines(Sequence[bytes]):
    """Lines kept in a file of their own (`write_kept`), read a block at a time as they
    are asked for, each block checked against its checksum: the first screen of a
    table of a hundred thousand rows reads two blocks."""

    def __init__(self, path: Path, start: int, count: int, blocks: list[list[int]]) -> None:
        self.path = path
        self.start = start  # where the body begins in the file
        self.size = count
        self.blocks = blocks  # [offset in the body, length, crc32] per KEPT_BLOCK lines
        self._read: dict[int, list[bytes]] = {}

    def __len__(self) -> int:
        return self.size

    def _block(self, number: int) -> list[bytes]:
        found = self._read.get(number)
        if found is None:
            offset, length, crc = self.blocks[number]
            with open(self.path, "rb") as handle:
                handle.seek(self.start + offset)
                data = handle.read(length)
            if zlib.crc32(data) != crc:
                raise StaleCache()
            found = self._read[number] = data.split(b"\n")
        return found

    @overload
    def __getitem__(self, index: int) -> bytes: ...
    @overload
    def __getitem__(self, index: slice) -> list[bytes]: ...
    def __getitem__(self, index: int | slice) -> bytes | list[bytes]:
        if isinstance(index, slice):
            start, stop, step = index.indices(self.size)
            if step != 1:
                return [self[i] for i in range(start, stop, step)]
            found: list[bytes] = []
            for number in range(start // KEPT_BLOCK, -(-stop // KEPT_BLOCK)):
                found += self._block(number)
            first = start // KEPT_BLOCK * KEPT_BLOCK
            return found[start - first : stop - first]
        if not -self.size <= index < self.size:
            raise IndexError(index)
        index %= self.size
        return self._block(index // KEPT_BLOCK)[index % KEPT_BLOCK]


def read_kept(ledger: Path, name: str, key: str) -> KeptLines | None:
    """Lines a command kept under `name` for content `key` (`Snapshot.keep_lines`)."""
    found = read_kept_of(ledger, name)
    return found[1] if found is not None and found[0] == key else None


def read_kept_of(ledger: Path, name: str) -> tuple[str, KeptLines] | None:
    """The lines kept under `name`, whatever content they were made for: that content's
    key and the lines (each block checked as it is read)."""
    path = side_file(ledger, f"kept-{name}")
    try:
        with open(path, "rb") as handle:
            first = handle.readline(2**22)
        meta = json.loads(first)
        if not isinstance(meta, dict) or not first.endswith(b"\n"):
            return None
        key = meta.get("key")
        if not isinstance(key, str) or meta.get("code") != code_fingerprint():
            return None
        count, blocks = int(meta["count"]), meta["blocks"]
        if len(blocks) != -(-count // KEPT_BLOCK):
            return None
    except (OSError, ValueError, TypeError, KeyError):
        return None
    return key, KeptLines(path, len(first), count, blocks)


def write_kept(ledger: Path, name: str, key: str, lines: Iterable[bytes]) -> bool:
    """Keep `lines` (taken a block at a time: they may be made as they are taken)."""
    blocks = []
    pieces = []
    offset = count = 0
    taken = iter(lines)
    while block := list(islice(taken, KEPT_BLOCK)):
        data = b"\n".join(block) + b"\n"
        blocks.append([offset, len(data) - 1, zlib.crc32(data[:-1])])
        pieces.append(data)
        offset += len(data)
        count += len(block)
    meta = {"key": key, "code": code_fingerprint(), "count": count, "blocks": blocks}
    try:
        ensure_side_dir(ledger)
    except OSError:
        return False
    head = json.dumps(meta).encode() + b"\n"
    return write_side_file(side_file(ledger, f"kept-{name}"), [head, *pieces], durable=False)


def checksum(meta: dict[str, Any], body: bytes) -> int:
    """A side file's checksum: of its metadata (but the checksum itself) and its body, so
    that a damaged first line (another content's key, whose file status still matches) is
    found as a damaged body is, and never served."""
    said = {k: v for k, v in meta.items() if k != "crc"}
    return zlib.crc32(body, zlib.crc32(json.dumps(said, sort_keys=True).encode()))


def _read_checked(ledger: Path, name: str) -> tuple[dict[str, Any], bytes] | None:
    """A side file's first line (its metadata) and the rest, if the rest is intact."""
    try:
        with open(side_file(ledger, name), "rb") as handle:
            first = handle.readline(65536)
            body = handle.read()  # (read apart: a large body is not copied again)
        meta = json.loads(first)
        if not first.endswith(b"\n") or not isinstance(meta, dict):
            return None
        if meta.get("crc") != checksum(meta, body):
            return None
    except (OSError, ValueError):
        return None
    return meta, body


def _write_checked(
    ledger: Path, name: str, meta: dict[str, Any], body: bytes | Iterator[bytes]
) -> bool:
    """Write side file `name`: a line of `meta` with the checksum of `body`, then `body`.
    A body in pieces is checksummed as it is written, and its first line written last,
    in the room held for it (the line padded with spaces, which JSON allows)."""
    try:
        ensure_side_dir(ledger)
    except OSError:
        return False
    # Not fsynced: a cache torn by a crash fails its checksum and is made again.
    path = side_file(ledger, name)
    if isinstance(body, bytes):
        first = json.dumps({**meta, "crc": checksum(meta, body)}).encode() + b"\n"
        return write_side_file(path, [first, body], durable=False)
    room = len(json.dumps({**meta, "crc": 0xFFFFFFFF}))  # (the widest checksum)
    crc = checksum(meta, b"")

    def pieces() -> Iterator[bytes]:
        nonlocal crc
        yield b" " * room + b"\n"
        for piece in body:
            crc = zlib.crc32(piece, crc)
            yield piece

    def head() -> bytes:
        return json.dumps({**meta, "crc": crc}).encode().ljust(room) + b"\n"

    return write_side_file(path, pieces(), durable=False, head=head)


def now_ns() -> int:
    return time.time_ns()


def model_line(m: Measure) -> bytes:
    return m.model_dump_json(by_alias=True, exclude_defaults=True).encode("utf-8")


def build_measure(line: bytes) -> Measure:
    """A measure from its `models` line (trusted: validated when it was written)."""
    from ..model import Measure

    measure: Measure = _builder(Measure)(json.loads(line))
    return measure


def build_measures(lines: Sequence[bytes]) -> list[Measure]:
    """Every measure of a `models` column (`rows_of`: the rows are never held together)."""
    from ..model import Measure

    return list(map(_builder(Measure), rows_of(lines)))


# How many lines of JSON `rows_of` parses at once: the rows of a whole large ledger are
# twice the size of what they are made into, and are never held together.
ROWS_AT_ONCE = 2048


def rows_of(lines: Sequence[bytes]) -> Iterator[Any]:
    """The data of each line of JSON, in order: parsed some lines at a time (one parse
    of many lines is faster than one each, and their rows are let go as they are used)."""
    for start in range(0, len(lines), ROWS_AT_ONCE):
        yield from json.loads(b"[" + b",".join(lines[start : start + ROWS_AT_ONCE]) + b"]")


# Turning cached JSON back into models. For each model class, a function is
# generated from its fields that builds an instance the way pydantic's own
# `model_construct` does (no checks), converting what JSON cannot hold as is:
# dates, datetimes, enums and nested models. Fields left out of the JSON (at
# their defaults) get a fresh copy of the default. Every instance counts all
# its fields as set (as validating a full dump would) and, the models being
# frozen, instances of one class share that one set: a set per object would
# be a fifth of a large ledger's memory.

_BUILDERS: dict[type, Any] = {}


def _builder(cls: type) -> Any:
    found = _BUILDERS.get(cls)
    if found is None:
        found = _BUILDERS[cls] = _make_builder(cls)
    return found


def _make_builder(cls: Any) -> Any:
    from pydantic_core import PydanticUndefined

    from .codec import field_set, slot_setters

    names: dict[str, Any] = {
        "_new": object.__new__,
        "_cls": cls,
        "_fields": field_set(cls),
        **slot_setters(),
    }
    names["_missing"] = _MISSING = object()
    entries = []
    for name, info in cls.model_fields.items():
        key = info.alias or name
        if info.is_required():
            entries.append(f"{name!r}: {_converter(info.annotation, f'd[{key!r}]', names)}")
            continue
        constant = False
        if info.default_factory is not None:
            names[f"_f_{name}"] = info.default_factory
            default = f"_f_{name}()"
        elif info.default is PydanticUndefined:  # pragma: no cover - required, handled above
            raise TypeError(name)
        elif isinstance(info.default, list | dict | set):
            default = f"_copy_{name}()"
            names[f"_copy_{name}"] = info.default.copy
        else:
            names[f"_d_{name}"] = info.default
            default = f"_d_{name}"
            constant = True
        value = _converter(info.annotation, "v", names)
        if value == "v" and constant:
            entries.append(f"{name!r}: d.get({key!r}, {default})")
        else:  # one look-up, not `in` and then `[]`
            entries.append(
                f"{name!r}: ({value} if (v := d.get({key!r}, _missing)) is not _missing "
                f"else {default})"
            )
    source = (
        "def build(d):\n"
        "    o = _new(_cls)\n"
        "    _set_dict(o, {" + ", ".join(entries) + "})\n"
        "    _set_fields_set(o, _fields)\n"
        "    _set_extra(o, None)\n"
        "    _set_private(o, None)\n"
        "    return o\n"
    )
    exec(compile(source, f"<dprk cache builder for {cls.__name__}>", "exec"), names)
    return names["build"]


def _converter(annotation: Any, expr: str, names: dict[str, Any]) -> str:
    """Python source that turns the JSON value `expr` into a value of `annotation`."""
    import enum
    import types
    import typing
    from datetime import date, datetime

    from pydantic import BaseModel

    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _converter(typing.get_args(annotation)[0], expr, names)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(options) != 1:
            raise TypeError(f"cannot rebuild {annotation!r} from the cache")
        inner = _converter(options[0], "v", names)
        if inner == "v":
            return expr
        key = f"_opt{len(names)}"
        names[key] = eval(f"lambda v: None if v is None else {inner}", names)
        return f"{key}({expr})"
    if origin is list:
        inner = _converter(typing.get_args(annotation)[0], "x", names)
        if inner == "x":
            return expr  # a list the JSON scanner just made: nobody else holds it
        return f"[{inner} for x in {expr}]"
    if isinstance(annotation, type):
        key = f"_t{len(names)}"
        if issubclass(annotation, BaseModel):
            names[key] = _builder(annotation)
            return f"{key}({expr})"
        if issubclass(annotation, enum.Enum):
            names[key] = annotation._value2member_map_
            return f"{key}[{expr}]"
        if annotation is datetime:
            names[key] = datetime.fromisoformat
            return f"{key}({expr})"
        if annotation is date:
            names[key] = date.fromisoformat
            return f"{key}({expr})"
        if annotation in (str, int, bool):
            return expr
    raise TypeError(f"cannot rebuild {annotation!r} from the cache")
