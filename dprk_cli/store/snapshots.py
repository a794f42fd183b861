"""A ledger as read at one moment: its header and layout, and its measures when asked.

`open_snapshot` finds out whether the cache (`cache.py`) is of the file's
current content — by the file's status when that tells, by hashing the file
otherwise — and reads the file itself only when it is not (the cache is then
made from it). A `Snapshot` then gives what a command needs, each piece read
when first asked for: the analyses' nodes, the measures' record pieces, one
measure, or all of them.

Reading a file: when it cuts into blocks (`blocks.py`), each block is parsed
and validated on its own and its parsed TOML dropped at once; otherwise the
file is parsed whole. Either way every validator the models declare runs,
and an error names the measure and the field; should anything fail, the
file is read whole again for the one error message a user sees.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator
from pathlib import Path

from ..errors import LedgerError
from ..facts import Nodes, node_from_row, node_of, node_row, nodes_of
from ..lifecycle import LedgerLife
from ..model import Ledger, Measure, MeasureIndex
from ..shapes import record_parts
from . import blocks, cache
from .cache import SEP, Index, content_key
from .codec import read_bytes, share_field_sets
from .fs import read_file_and_stat, regular_file_stat

# What reading a column this code did not write raises (its checksum matched, yet it
# holds other types or shapes): the column is made again.
DAMAGE = (ValueError, TypeError, KeyError, AttributeError, IndexError)


class Snapshot:
    """The ledger at one content (`key`), as read: each piece made when first asked for."""

    def __init__(
        self,
        path: Path,
        index: Index,
        *,
        raw: bytes | None = None,
        ledger: Ledger | None = None,
        nodes: Nodes | None = None,
    ) -> None:
        self.path = path
        self.index = index
        self._raw = raw
        self._ledger = ledger
        self._nodes = nodes
        self._lines: dict[str, list[bytes]] = {}
        self._measures: StoreIndex | None = None

    @property
    def key(self) -> str:
        return self.index.key

    @property
    def ids(self) -> list[str]:
        return self.index.ids

    @property
    def layout(self) -> blocks.Layout | None:
        return self.index.layout

    def header(self) -> Ledger:
        """The ledger's own fields; its measures are not in it (see `ledger`)."""
        return self.index.header_ledger()

    def raw(self) -> bytes:
        """The file's bytes (read, and checked to be this content, when first asked for)."""
        if self._raw is None:
            raw, _ = read_file_and_stat(self.path)
            if content_key(raw) != self.key:
                raise LedgerError(f"{self.path}: the ledger changed while it was being read")
            self._raw = raw
        return self._raw

    def column(self, name: str) -> list[bytes]:
        """One line per measure of cache column `name` (made, and kept, if missing)."""
        found = self._lines.get(name)
        if found is None:
            found = cache.read_column(self.path, name, self.key, len(self.ids))
            if found is None:
                found = self._make_column(name)
                cache.write_column(self.path, name, self.key, found)
            self._lines[name] = found
        return found

    def _make_column(self, name: str) -> list[bytes]:
        if name == "models":
            return [cache.model_line(m) for m in self.ledger().measures]
        if name == "nodes":
            return node_lines(self.nodes())
        if name == "records":
            return [record_line(m) for m in self.ledger().measures]
        raise KeyError(name)  # pragma: no cover - a column this code does not make

    def ledger(self) -> Ledger:
        """The whole ledger, every measure built."""
        if self._ledger is None:
            lines = self._cached("models")
            measures = None
            if lines is not None:
                try:
                    measures = cache.build_measures(lines)
                except DAMAGE:  # checksummed, yet not what this code writes
                    measures = None
            if measures is None:
                return self.from_file()
            ledger = self.header()
            ledger.__dict__["measures"] = measures
            self._ledger = ledger
        return self._ledger

    def from_file(self) -> Ledger:
        """The whole ledger read from the file, and the models column made anew from it."""
        self._ledger = read_bytes(self.raw(), str(self.path))[0]
        lines = [cache.model_line(m) for m in self._ledger.measures]
        self._lines["models"] = lines
        cache.write_column(self.path, "models", self.key, lines)
        return self._ledger

    def nodes(self) -> Nodes:
        """What the analyses read of every measure (`facts`)."""
        if self._nodes is None:
            lines = None if self._ledger is not None else self._cached("nodes")
            if lines is not None:
                try:
                    rows = json.loads(b"[" + b",".join(lines) + b"]") if lines else []
                    header = self.index.header
                    self._nodes = Nodes(
                        str(header.get("title", "")),
                        list(header.get("parties", [])),
                        bool(header.get("conflicts")),
                        [node_from_row(row) for row in rows],
                    )
                except DAMAGE:
                    self._nodes = None
            if self._nodes is None:
                self._nodes = nodes_of(self.ledger())
                lines = node_lines(self._nodes)
                self._lines["nodes"] = lines
                cache.write_column(self.path, "nodes", self.key, lines)
        return self._nodes

    def _cached(self, name: str) -> list[bytes] | None:
        found = self._lines.get(name)
        if found is None:
            found = cache.read_column(self.path, name, self.key, len(self.ids))
            if found is not None:
                self._lines[name] = found
        return found

    def records(self) -> list[tuple[str, str]]:
        """Each measure's record pieces (`shapes.record_parts`), in file order."""
        return [_parts(line) for line in self.column("records")]

    def measures(self) -> StoreIndex:
        """The measures by id, each built when first asked for."""
        if self._measures is None:
            self._measures = StoreIndex(self)
        return self._measures


def _parts(line: bytes) -> tuple[str, str]:
    first, _, last = line.decode("utf-8").partition("\x1f")
    return first, last


def record_line(m: Measure) -> bytes:
    first, last = record_parts(m)
    return first.encode("utf-8") + SEP + last.encode("utf-8")


def node_lines(nodes: Nodes) -> list[bytes]:
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    return [dumps(node_row(n)).encode("utf-8") for n in nodes.measures]


class StoreIndex(MeasureIndex):
    """A snapshot's measures by id, each built from the cache when first asked for; the
    parts and references come from the nodes, without building any measure."""

    def __init__(self, snapshot: Snapshot) -> None:
        self._snapshot = snapshot
        positions: dict[str, int] = {}
        for i, ident in enumerate(snapshot.ids):
            positions.setdefault(ident, i)  # (a hand edit may repeat an id: the first)
        self._positions = positions
        self._built: dict[str, Measure] = {}
        self._parts: dict[str, list[str]] | None = None
        self._referred: dict[str, set[str]] | None = None

    def __getitem__(self, ident: str) -> Measure:
        found = self._built.get(ident)
        if found is None:
            found = self._built[ident] = self._build(self._positions[ident])
        return found

    def _build(self, at: int) -> Measure:
        full = self._snapshot._ledger
        if full is None:
            try:
                built = cache.build_measure(self._snapshot.column("models")[at])
            except DAMAGE:  # checksummed, yet not what this code writes
                full = self._snapshot.from_file()
            else:
                share_field_sets(built)
                return built
        return full.measures[at]

    def __contains__(self, ident: object) -> bool:
        return ident in self._positions

    def __iter__(self) -> Iterator[str]:
        return iter(self._positions)

    def __len__(self) -> int:
        return len(self._positions)

    def parts(self) -> dict[str, list[str]]:
        if self._parts is None:
            found: dict[str, list[str]] = {}
            for n in self._snapshot.nodes().measures:
                if n.part_of is not None and n.part_of != n.id:
                    found.setdefault(n.part_of, []).append(n.id)
            for ids in found.values():
                ids.sort()
            self._parts = found
        return self._parts

    def referrers(self, ids: Collection[str]) -> set[str]:
        if self._referred is None:
            referred: dict[str, set[str]] = {}
            for n in self._snapshot.nodes().measures:
                targets = set(n.in_exchange_for)
                targets.update(c.other for c in n.constraints)
                if n.part_of is not None:
                    targets.add(n.part_of)
                for target in targets:
                    referred.setdefault(target, set()).add(n.id)
            self._referred = referred
        found: set[str] = set()
        for ident in ids:
            found.update(self._referred.get(ident, ()))
        return found


# --- opening -------------------------------------------------------------------------------


def open_snapshot(path: Path, *, verify: bool = False) -> Snapshot:
    """The ledger at `path` as it is now: from the cache when it is of this content (the
    file hashed to tell, when its status cannot, or when `verify`: a write), else read
    from the file, and the cache made from it."""
    index = cache.read_index(path)
    if index is not None and index.status is not None and not verify:
        info = regular_file_stat(path)
        if info is not None and cache.status_key(info) == index.status:
            return Snapshot(path, index)
    seen = cache.now_ns()
    raw, info = read_file_and_stat(path)
    key = content_key(raw)
    if verify and index is not None and index.layout is not None and not index.layout.fits(raw):
        index = None  # not where the blocks lie: a change must not be written by it
    if index is not None and index.key == key:
        if index.status is None and cache.settled(info, seen):
            index.status = cache.status_key(info)
            cache.write_index(path, index)
        return Snapshot(path, index, raw=raw)
    ledger, layout = read_bytes(raw, str(path))
    status = cache.status_key(info) if cache.settled(info, seen) else None
    return remember(path, raw, ledger, layout, key=key, status=status)


def remember(
    path: Path,
    raw: bytes,
    ledger: Ledger,
    layout: blocks.Layout | None,
    *,
    key: str | None = None,
    status: list[int] | None = None,
) -> Snapshot:
    """Make the whole cache of `raw` (which reads as `ledger`, laid out so); the snapshot."""
    index = Index(
        key=key or content_key(raw),
        status=status,
        header=cache.header_data(ledger),
        ids=[m.id for m in ledger.measures],
        layout=layout,
    )
    nodes = nodes_of(ledger)
    snapshot = Snapshot(path, index, raw=raw, ledger=ledger, nodes=nodes)
    models = [cache.model_line(m) for m in ledger.measures]
    snapshot._lines["models"] = models
    snapshot._lines["nodes"] = node_lines(nodes)
    snapshot._lines["records"] = [record_line(m) for m in ledger.measures]
    for name in cache.COLUMNS:
        cache.write_column(path, name, index.key, snapshot._lines[name])
    cache.write_index(path, index)  # last: the columns are in place when it is read
    return snapshot


def update(
    old: Snapshot,
    raw: bytes,
    header: Ledger,
    layout: blocks.Layout,
    changed: dict[str, Measure | None],
    after: MeasureIndex,
    affected: Collection[str],
) -> Snapshot:
    """The cache of `raw`, made from `old`'s by a change: `changed` measures (None:
    removed) laid out anew, and the nodes of `affected` ones (those and what they are
    part of) derived again from `after`, the measures as they now stand."""
    key = content_key(raw)
    index = Index(
        key=key, status=None, header=cache.header_data(header), ids=layout.ids, layout=layout
    )
    info = regular_file_stat(old.path)
    if info is not None and info.st_size == len(raw) and cache.settled(info, cache.now_ns()):
        index.status = cache.status_key(info)
    snapshot = Snapshot(old.path, index, raw=raw)
    life = LedgerLife(after)
    new_nodes = {
        ident: node_lines(Nodes("", [], False, [node_of(after[ident], life)]))[0]
        for ident in affected
        if ident in after
    }
    for name in cache.COLUMNS:
        lines = dict(zip(old.ids, old.column(name), strict=True))
        made: list[bytes] = []
        for ident in layout.ids:
            m = changed.get(ident)
            if name == "nodes":
                made.append(new_nodes[ident] if ident in new_nodes else lines[ident])
            elif m is None:
                made.append(lines[ident])
            else:
                made.append(cache.model_line(m) if name == "models" else record_line(m))
        snapshot._lines[name] = made
        cache.write_column(old.path, name, key, made)
    cache.write_index(old.path, index)
    return snapshot
