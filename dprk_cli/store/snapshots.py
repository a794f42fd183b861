"""A ledger as read at one moment: its header and layout, and its measures when asked.

`open_snapshot` finds out whether the cache (`cache.py`) is of the file's
current content — by the file's status when that tells, by hashing the file
otherwise — and reads the file itself only when it is not (the cache is then
made from it). A `Snapshot` then gives what a command needs, each piece read
when first asked for: the analyses' nodes, the measures' record pieces, one
measure, or all of them.

Reading a file: when it cuts into blocks (`blocks.py`), each block is parsed
and validated on its own and its parsed TOML dropped at once; a file the
cache does not know is read so a measure at a time, every model let go once
its part of each column is made (`anew.py`). Otherwise the file is parsed
whole, and the cache made from the whole ledger (`remember`). Either way
every validator the models declare runs, and an error names the measure and
the field; should anything fail, the file is read whole again for the one
error message a user sees.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, overload

from ..errors import LedgerChanged, LedgerUnreadable
from ..plain import Plain
from ..shapes import record_json
from ..vocab import UNTITLED, references
from . import cache
from .cache import Index, content_key, rows_of
from .fs import read_file_and_stat, regular_file_stat
from .paths import side_file

if TYPE_CHECKING:  # (a read served from the cache loads no model, nor a node unasked)
    from ..facts import Node, Nodes
    from ..lifecycle import LedgerLife
    from ..model import Conflict, Ledger, Measure, MeasureIndex
    from ..rules import Context, Problem
    from . import blocks
    from .measures import StoreIndex


def read_bytes(raw: bytes, label: str) -> tuple[Ledger, blocks.Layout | None]:
    """The ledger `raw` holds (see `codec.read_bytes`)."""
    from .codec import read_bytes as read

    return read(raw, label)


def nodes_of(ledger: Ledger, *, life: LedgerLife | None = None) -> Nodes:
    from ..facts import nodes_of as derive

    return derive(ledger, life=life)


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
        self._ledger = ledger  # (as the file holds it: `stored`)
        self._standing: Ledger | None = None  # (as the views read it: `ledger`)
        self._stale: dict[str, Node] | None = None  # (`written_before`, found once)
        self._nodes = nodes
        self._lines: dict[str, list[bytes]] = {}
        self._measures: StoreIndex | None = None
        self._memo: dict[str, Any] | None = None
        self._by_hand: int | None = -1  # (-1: not read yet: `by_hand`)
        self._changes: list[cache.Change] | None = None
        self._mapped: dict[str, tuple[cache.ColumnFile, dict[str, bytes | None]] | None] = {}
        self._plans: dict[str, tuple[cache.ColumnFile, dict[str, bytes | None]] | None] = {}
        self._positions: dict[str, dict[str, int]] = {}
        self._pinned: dict[str, BinaryIO] = {}  # columns' files held open (`pin`)
        # The file as a write read it, to be still so when the write replaces it.
        self.as_read: cache.AsRead | None = None

    @property
    def key(self) -> str:
        return self.index.key

    @property
    def ids(self) -> list[str]:
        try:
            return self.index.ids
        except cache.StaleCache:
            return self._read_again().ids

    @property
    def layout(self) -> blocks.Layout | None:
        try:
            return self.index.layout
        except cache.StaleCache:
            return self._read_again().layout

    @property
    def ids_twice(self) -> list[str]:
        """The ids the file gives to more than one measure (`cache.Index.twice`)."""
        try:
            return self.index.twice
        except cache.StaleCache:
            return self._read_again().twice

    def lines_twice(self) -> dict[str, list[int]]:
        """The lines of the file each block of an id given twice begins on, by id
        (`blocks.lines_of`, by the blocks' places): the file is read for them only when
        an id is given twice."""
        twice = set(self.ids_twice)
        if not twice:
            return {}
        from .blocks import lines_of

        line_of = lines_of(self.raw(keep=False))
        found: dict[str, list[int]] = {}
        for place, ident in enumerate(self.ids):
            line = line_of(place) if ident in twice else None
            if line is not None:
                found.setdefault(ident, []).append(line)
        return found

    def _read_again(self) -> Index:
        """The cache made again from the file (its layout went missing or was damaged
        after its index was read)."""
        raw = self.raw()
        ledger, layout = read_bytes(raw, str(self.path))
        fresh = remember(self.path, raw, ledger, layout, key=self.key)
        self.index = fresh.index
        self._ledger, self._nodes, self._lines = fresh._ledger, fresh._nodes, fresh._lines
        self._standing = None
        return self.index

    def header(self) -> Ledger:
        """The ledger's own fields; its measures are not in it (see `ledger`)."""
        return self.index.header_ledger()

    def conflicts(self) -> list[Conflict]:
        """The header's own merge conflicts (models are made only when there are some)."""
        return self.header().conflicts if self.index.header.get("conflicts") else []

    def let_go(self) -> None:
        """Free what was read and derived of this content (its file's bytes, models,
        nodes and the graph built on them, columns' lines): for a command that has what
        it needs of them and much left to print (`check` of a large ledger). Asked for
        again, each is read again. The nodes and the graph built on them refer to each
        other, and a command runs without the cycle collector (`cli.app.entry_point`):
        they are collected here, once, when they were made."""
        made = self._nodes is not None
        self._raw = self._ledger = self._standing = self._nodes = self._measures = None
        self._lines = {}
        if made:
            import gc

            gc.collect()

    def raw(self, *, keep: bool = True) -> bytes:
        """The file's bytes (read, and checked to be this content, when first asked for;
        kept for the next asking unless not to `keep`: a large file's bytes, read for one
        look, are then freed once looked at)."""
        if self._raw is not None:
            return self._raw
        raw, info = read_file_and_stat(self.path)
        if not self._told(info) and content_key(raw) != self.key:
            raise LedgerChanged(f"{self.path}: the ledger changed while it was being read")
        if keep:
            self._raw = raw
        return raw

    def _told(self, info: os.stat_result) -> bool:
        """Whether the file's status as its bytes were read (`info`), and as it stands after,
        tells that they are this content, as it tells a read served from the cache
        (`open_snapshot`): then they are not hashed again (a large file's hash is a good
        part of what `check` takes to look for TOML 1.1 in it). Never for a write's
        snapshot (`as_read`), which hashes what it splices into."""
        status = self.index.status
        if status is None or self.as_read is not None or cache.status_key(info) != status:
            return False
        after = regular_file_stat(self.path)
        return after is not None and cache.status_key(after) == status

    def column(self, name: str) -> list[bytes]:
        """One line per measure of cache column `name` (made, and kept, if missing)."""
        found = self._cached(name)
        if found is None:
            found = self._make_column(name)
            self._lines[name] = found
            cache.write_column(self.path, name, self.key, self.ids, found)
        return found

    def _cached(self, name: str) -> list[bytes] | None:
        """Column `name` as the cache has it for this content, if it does (from its file
        as mapped already, should another command have replaced it since: `pin`)."""
        found = self._lines.get(name)
        if found is None and (name in self._pinned or self._mapped.get(name) is not None):
            plan = self._merge_plan(name)
            if plan is not None:
                found = list(self._merged(*plan))
        if found is None:
            column = cache.read_column(self.path, name)
            if column is not None:
                if column.base != self.key and self._changes is None:
                    self._changes = cache.read_changes(self.path)[0]
                found = cache.replay_changes(column, name, self._changes or [], self.key, self.ids)
            if found is not None:
                self._lines[name] = found
        return found

    def _make_column(self, name: str) -> list[bytes]:
        return list(column_lines(name, self.stored, self.nodes))

    def ledger(self) -> Ledger:
        """The whole ledger, every measure built, each as today's views read it
        (`standing`)."""
        if self._standing is None:
            stored = self.stored()
            stale = self.written_before()
            self._standing = (
                stored.model_copy(update={"measures": [self.standing(m) for m in stored.measures]})
                if stale
                else stored
            )
        return self._standing

    def stored(self) -> Ledger:
        """The whole ledger, every measure built as the file holds it (what the cache's
        columns are made of: `check` warns of a value the views read otherwise)."""
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
        self._standing = None
        lines = list(model_lines(self._ledger.measures))
        self._lines["models"] = lines
        cache.write_column(self.path, "models", self.key, self.ids, lines)
        return self._ledger

    def nodes(self) -> Nodes:
        """What the analyses read of every measure (`facts`)."""
        if self._nodes is None:
            from ..facts import Nodes, nodes_from_rows

            held = "nodes" in self._lines
            lines = None if self._ledger is not None else self._cached("nodes")
            if lines is not None:
                if not held:
                    # (not held once they are decoded, a tenth of an analysis's memory:
                    # read again, should a write ask for them; lines merged from a
                    # mapped column were not kept at all)
                    self._lines.pop("nodes", None)
                try:
                    header = self.index.header
                    self._nodes = Nodes(
                        str(header.get("title", UNTITLED)),  # (a default is not kept)
                        list(header.get("parties", [])),
                        tuple(str(c.get("field")) for c in header.get("conflicts") or []),
                        nodes_from_rows(rows_of(lines)),
                    )
                except DAMAGE:
                    self._nodes = None
            if self._nodes is None:
                self._nodes = nodes_of(self.stored())
                lines = list(node_lines(self._nodes.measures))
                self._lines["nodes"] = lines
                cache.write_column(self.path, "nodes", self.key, self.ids, lines)
        return self._nodes

    def records(self) -> list[str]:
        """Each measure's JSON record as text (`shapes.record_json`), in file order."""
        return [line.decode("utf-8") for line in self.column("records")]

    def record_reader(self, *, now: bool = False) -> Callable[[int], str]:
        """Each measure's JSON record by its place in file order (`line_reader`)."""
        line = self.line_reader("records", now=now)
        return lambda i: line(i).decode("utf-8")

    def line_reader(self, name: str, *, now: bool = False) -> Callable[[int], bytes]:
        """Each line of column `name` by its place in file order. Asked for in order,
        each is read from the cache as it comes (a large column is never held whole), and
        so is a later one, the lines between passed over; asked for again or for an
        earlier place, the column is read whole. `now`: the column's
        file is found (or the column made from the ledger) at once, before any output
        that would keep a read from being made again should another process write."""
        stream: Iterator[bytes] | None = self.stream(name) if now else None
        read = 0

        def line(i: int) -> bytes:
            nonlocal stream, read
            if i >= read:  # (the lines between passed over, none decoded)
                if stream is None:
                    stream = self.stream(name)
                for _ in range(i - read):
                    next(stream)
                read = i + 1
                return next(stream)
            return self.column(name)[i]

        return line

    def in_order(self, places: Sequence[int] | None = None) -> Sequence[Measure]:
        """Every measure in file order (or those at `places`, ascending), each built when
        a reader reaches it and let go after: a large ledger's export is written a
        measure at a time."""
        return _InOrder(self, places)

    def built(self, at: int, line: Callable[[], bytes]) -> Measure:
        """The measure at place `at` in file order, from its kept `line()` (or from the
        file read whole, should that line not be what this code writes), as today's
        views read it (`standing`)."""
        return self.standing(self.built_as_stored(at, line))

    def standing(self, m: Measure) -> Measure:
        """Measure `m`, built as the file holds it, as today's views read it: a whole an
        earlier dprk stored as it derived it from its parts (`written_before`) carries the
        state they give now (its node's: `LedgerLife.standing`), and one whose creation,
        recorded without a date, the file stores after its earliest event is made on that
        event's day (`changes.creation_as_read`, as its record is). Every measure the
        store hands out passes here: a write starts from it and its lines compare what the
        views showed, a diff compares it (the other versions it reads, and a merge's
        sides, are read so: `ledger.read_standing`)."""
        node = self.written_before().get(m.id)
        if node is None:
            return m
        from ..changes import creation_as_read

        m = creation_as_read(m)
        if (node.status, node.extent) == (m.status, m.extent):
            return m
        return m.model_copy(update={"status": node.status, "extent": node.extent})

    def stored_measure(self, ident: str) -> Measure:
        """The measure `ident` as the file holds it (`stored`)."""
        return self.built_as_stored(self.positions()[ident], lambda: self.line("models", ident))

    def built_as_stored(self, at: int, line: Callable[[], bytes]) -> Measure:
        """`built`, as the file holds the measure."""
        if self._ledger is None:
            try:
                made = cache.build_measure(line())
            except DAMAGE:  # checksummed, yet not what this code writes
                self.from_file()
            else:
                from .codec import share_field_sets

                share_field_sets(made)
                return made
        assert self._ledger is not None
        return self._ledger.measures[at]

    def stream(self, name: str) -> Iterator[bytes]:
        """Every line of column `name`, in file order, read from the cache as it goes (a
        column of a hundred thousand records is never held whole)."""
        if name in self._lines:
            return iter(self._lines[name])
        plan = self._merge_plan(name)
        if plan is None:
            return iter(self.column(name))
        column, changed = plan
        return self._merged(column, changed)

    def has_column(self, name: str) -> bool:
        """Whether column `name` is at hand, read or kept for this content (`stream`
        then makes nothing)."""
        return name in self._lines or self._merge_plan(name) is not None

    def may_hold(self, name: str, needle: bytes) -> bool:
        """Whether some line of column `name` may hold `needle`: False only when neither
        the column's file nor a line the log changed since holds it (one search of the
        file, a chunk at a time, no line read: a new id looked for in every model)."""
        if name in self._lines:
            return any(needle in line for line in self._lines[name])
        plan = self._merge_plan(name)
        if plan is None:
            return True
        column, changed = plan
        return column.holds(needle) or any(
            needle in line for line in changed.values() if line is not None
        )

    def lacks_words(self, name: str, words: Sequence[bytes], but: tuple[bytes, ...] = ()) -> bool:
        """Whether no string of column `name` (but in the lines that begin with one of
        `but`) is `words` in any case and spacing, every line plain (`cache.lacks_words`);
        False when one is, or that cannot be told (nothing is read but the file, a chunk
        at a time, and the lines the log changed since)."""
        if name in self._lines:
            return all(cache.lacks_words(line, words, but) for line in self._lines[name])
        plan = self._merge_plan(name)
        if plan is None:
            return False
        column, changed = plan
        return column.lacks_words(words, but) and all(
            cache.lacks_words(line, words, but) for line in changed.values() if line is not None
        )

    def _merged(
        self, column: cache.ColumnFile, changed: dict[str, bytes | None]
    ) -> Iterator[bytes]:
        base = zip(column.ids, column.lines(), strict=True)
        for ident in self.ids:
            line = changed.get(ident)
            if line is not None:
                yield line
                continue
            for base_id, base_line in base:
                if base_id == ident:
                    yield base_line
                    break

    def _merge_plan(self, name: str) -> tuple[cache.ColumnFile, dict[str, bytes | None]] | None:
        """The column's file and the lines the log changed since, if together they give
        a line for every measure, in file order (found once: a pass over every id)."""
        if name not in self._plans:
            self._plans[name] = self._merge_plan_now(name)
        return self._plans[name]

    def _merge_plan_now(self, name: str) -> tuple[cache.ColumnFile, dict[str, bytes | None]] | None:
        mapped = self._map(name)
        if mapped is None:
            return None
        column, changed = mapped
        kept = iter(i for i in column.ids if i not in changed)
        for ident in self.ids:
            if changed.get(ident) is not None:
                continue
            if next(kept, None) != ident:
                return None
        return mapped

    def line(self, name: str, ident: str) -> bytes:
        """One measure's line of column `name` (the column is not read whole)."""
        if name not in self._lines:
            mapped = self._map(name)
            if mapped is not None:
                column, changed = mapped
                if ident in changed:
                    found = changed[ident]
                    if found is not None:
                        return found
                else:
                    at = self._place(name, column.ids).get(ident)
                    if at is not None:
                        return column.lines_at({at})[at]
        return self.column(name)[self.positions()[ident]]

    def positions(self) -> dict[str, int]:
        """Each measure's place in file order (the first, should a hand edit have
        repeated an id): found once."""
        return self._place("", self.ids)

    def _place(self, name: str, ids: list[str]) -> dict[str, int]:
        """Where each id's line is among `ids` (column `name`'s; "": this content's), the
        first should a hand edit have repeated an id: found once."""
        found = self._positions.get(name)
        if found is None:
            found = self._positions[name] = {}
            for i, ident in enumerate(ids):
                found.setdefault(ident, i)
        return found

    def nodes_of(self, ids: Collection[str]) -> dict[str, Node]:
        """The nodes of the measures `ids`, by id: each read from its own line of the
        cache (the other measures' are not read), unless every node is at hand."""
        if self._nodes is None and self._ledger is None:
            from ..facts import nodes_from_rows

            try:
                rows = [json.loads(self.line("nodes", ident)) for ident in ids]
                return dict(zip(ids, nodes_from_rows(rows), strict=True))
            except DAMAGE:  # checksummed, yet not what this code writes: all made again
                pass
        index = self.nodes().index()
        return {ident: index[ident] for ident in ids}

    def pin(self, name: str) -> None:
        """Hold column `name`'s file as it is now (just written for this content) open:
        this snapshot reads that file, whatever another command writes over it meanwhile
        (a read that wrote the columns has no models to make them again)."""
        with contextlib.suppress(OSError):  # (then read as any other)
            self._pinned[name] = open(side_file(self.path, name), "rb")  # noqa: SIM115

    def _map(self, name: str) -> tuple[cache.ColumnFile, dict[str, bytes | None]] | None:
        if name not in self._mapped:
            found = None
            column = cache.open_column(self.path, name, self._pinned.pop(name, None))
            if column is not None:
                if column.base != self.key and self._changes is None:
                    self._changes = cache.read_changes(self.path)[0]
                changed = cache.changed_lines(column.base, name, self._changes or [], self.key)
                if changed is not None:
                    found = (column, changed)
            self._mapped[name] = found
        return self._mapped[name]

    def problems(self) -> list[list[Problem]]:
        """Each measure's errors, as the ledger's rules find them (`rules.errors_by_measure`),
        in file order."""
        from ..rules import Problem, severity

        lines = self.column("problems")
        try:
            found = json.loads(b"[" + b",".join(lines) + b"]") if lines else []
            return [
                [
                    Problem(
                        severity(str(check)),
                        str(check),
                        ident,
                        str(message),
                        tuple(str(i) for i in others[0]) if others else (),
                    )
                    for check, message, *others in each
                ]
                for ident, each in zip(self.ids, found, strict=True)
            ]
        except DAMAGE:  # checksummed, yet not what this code writes: found again
            self._lines["problems"] = self._make_column("problems")
            cache.write_column(self.path, "problems", self.key, self.ids, self._lines["problems"])
            return self.problems()

    def memo(self, name: str) -> Any:
        """What was kept under `name` for this content of the ledger (`keep`), or None."""
        if self._memo is None:
            self._memo = cache.read_memo(self.path, self.key)
        return self._memo.get(name)

    def keep(self, name: str, value: Any) -> None:
        """Keep `value` (JSON data derived from this content alone) for the next reads."""
        if self._memo is None:
            self._memo = cache.read_memo(self.path, self.key)
        self._memo[name] = value
        cache.write_memo(self.path, self.key, self._memo)

    def kept(self, name: str) -> Sequence[bytes] | None:
        """The lines kept under `name` for this content of the ledger (`keep_lines`), or
        None; a block found damaged as it is read raises `cache.StaleCache`."""
        return cache.read_kept(self.path, name, self.key)

    def keep_lines(self, name: str, lines: Iterable[bytes]) -> None:
        """Keep `lines` (derived from this content alone) under `name`, for the next reads
        (taken a block at a time: they may be made as they are taken)."""
        cache.write_kept(self.path, name, self.key, lines)

    def kept_lines(self, name: str, make: Callable[[], list[bytes]]) -> Sequence[bytes]:
        """The lines `make` derives from this content of the ledger alone, kept under
        `name` beside it (in a file of their own, read a block at a time); made now, and
        kept, when they are not — or when a block turns out damaged as it is read."""
        found = self.kept(name)
        if found is None:
            return self._keep_again(name, make)
        return _Kept(found, lambda: self._keep_again(name, make))

    def links(self) -> list[tuple[str | None, list[str], list[str], list[str]]]:
        """Each measure's part_of, the ids it refers to, those it was a part of once and
        those an `after` order since ended named, in file order (the kept `links`
        column: no measure is built, and no model class loaded, to know them)."""
        lines = self.column("links")
        try:
            rows = json.loads(b"[" + b",".join(lines) + b"]") if lines else []
            return [(part_of, refers, was, once) for part_of, refers, was, once in rows]
        except DAMAGE:  # checksummed, yet not what this code writes: made again
            lines = self._lines["links"] = list(link_lines(self.nodes().measures))
            cache.write_column(self.path, "links", self.key, self.ids, lines)
            return [
                (p, list(refers), list(was), list(once))
                for p, refers, was, once in map(json.loads, lines)
            ]

    def earlier(self, kept: Collection[str]) -> Earlier | None:
        """What was derived and kept for an earlier content of the ledger (its memo, and the
        lines kept under each name of `kept`), and the measures whose node changed since
        then (added, changed or removed): None unless all of it is of one content, and
        the log of changes leads from there to here."""
        memo = cache.read_memo_of(self.path)
        if memo is None or memo[0] == self.key:
            return None
        found: dict[str, Sequence[bytes]] = {}
        for name in kept:
            lines = cache.read_kept_of(self.path, name)
            if lines is None or lines[0] != memo[0]:
                return None
            found[name] = lines[1]
        if self._changes is None:
            self._changes = cache.read_changes(self.path)[0]
        changed = cache.changed_lines(memo[0], "nodes", self._changes, self.key)
        if changed is None:
            return None
        return Earlier(memo[1], found, set(changed))

    def undeclared(self) -> list[str]:
        """The ids of the measures the kept problems say name an undeclared party."""
        from ..rules import UNDECLARED

        found = UNDECLARED.encode("utf-8")
        return [
            ident
            for ident, line in zip(self.ids, self.column("problems"), strict=True)
            if found in line
        ]

    def linking_unknown(self) -> list[str]:
        """The ids of the measures the kept problems say link to an id no measure has
        (`rules.UNKNOWN_LINKS`): the ids near it they name are of every measure. One
        search of the column's file first: most ledgers hold none."""
        from ..rules import UNKNOWN_LINKS

        found = f'["{UNKNOWN_LINKS}",'.encode()
        if not self.may_hold("problems", found):
            return []
        return [
            ident
            for ident, line in zip(self.ids, self.column("problems"), strict=True)
            if found in line
        ]

    def against_history(self) -> list[str]:
        """The measures that hold a status their history does not give (the kept
        problems' `status-history`: a status set by hand), by id in file order."""
        by_hand = _by_hand()
        return [
            ident
            for ident, line in zip(self.ids, self.column("problems"), strict=True)
            if by_hand(line)
        ]

    def by_hand(self) -> int | None:
        """How many measures hold a status their history does not give (`against_history`),
        as a read of this content kept it (`AGAINST_HISTORY`); None: not kept. Read once:
        a write asks before it keeps the count of the content it makes, and after."""
        if self._by_hand == -1:
            kept = self.kept(AGAINST_HISTORY)
            self._by_hand = int(kept[0]) if kept and kept[0].isdigit() else None
        return self._by_hand

    def written_before(self) -> dict[str, Node]:
        """The measures made of parts the file holds as an earlier dprk derived them (the
        kept problems' `extent-before`), and those whose creation, recorded without a
        date, the file holds on another day than its events date it by (the kept
        problems' `creation-history`: a step's date changed by hand), each with its node:
        where they stand as every view reads them (`LedgerLife.standing`). One search of
        the kept problems, once."""
        if self._stale is None:
            from ..rules import CREATION_HISTORY, EXTENT_BEFORE

            needles = [f'["{name}",'.encode() for name in (EXTENT_BEFORE, CREATION_HISTORY)]
            self._stale = {}
            wanted = [n for n in needles if self.may_hold("problems", n)]
            if wanted:
                lines = self.column("problems")
                ids = [
                    i
                    for i, line in zip(self.ids, lines, strict=True)
                    if any(n in line for n in wanted)
                ]
                self._stale = self.nodes_of(ids) if ids else {}
        return self._stale

    def has_errors(self) -> bool:
        """Whether the ledger's rules find an error in any measure (the kept problems; a
        warning among them is read to tell, and is rare)."""
        from ..rules import ERROR, severity

        return any(
            line != b"[]" and any(severity(check) == ERROR for check, *_ in json.loads(line))
            for line in self.column("problems")
        )

    def _keep_again(self, name: str, make: Callable[[], list[bytes]]) -> list[bytes]:
        lines = make()
        self.keep_lines(name, lines)
        return lines

    def measures(self) -> StoreIndex:
        """The measures by id, each built when first asked for."""
        if self._measures is None:
            from .measures import StoreIndex

            self._measures = StoreIndex(self)
        return self._measures


class _InOrder(Sequence["Measure"]):
    """A snapshot's measures in file order, each built as it is asked for (`in_order`)."""

    def __init__(self, snapshot: Snapshot, places: Sequence[int] | None = None) -> None:
        self.snapshot = snapshot
        self.places = places
        self.size = len(snapshot.ids) if places is None else len(places)
        self.read = snapshot.line_reader("models")

    def __len__(self) -> int:
        return self.size

    @overload
    def __getitem__(self, index: int) -> Measure: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Measure]: ...
    def __getitem__(self, index: int | slice) -> Measure | Sequence[Measure]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self.size))]
        if index < 0:
            index += self.size
        if not 0 <= index < self.size:
            raise IndexError(index)
        at = index if self.places is None else self.places[index]
        return self.snapshot.built(at, lambda: self.read(at))


class Earlier(Plain):
    """What was kept for an earlier content of the ledger (`Snapshot.earlier`)."""

    __slots__ = ("memo", "kept", "changed")

    def __init__(
        self, memo: dict[str, Any], kept: dict[str, Sequence[bytes]], changed: set[str]
    ) -> None:
        self.memo = memo
        self.kept = kept  # read a block at a time; a damaged one: StaleCache
        self.changed = changed  # the measures whose node changed since (added and removed too)


class _Kept(Sequence[bytes]):
    """Kept lines that, should a block be found damaged, are made again and read on."""

    def __init__(self, kept: Sequence[bytes], again: Callable[[], list[bytes]]) -> None:
        self.kept = kept
        self.again = again

    def __len__(self) -> int:
        return len(self.kept)

    @overload
    def __getitem__(self, index: int) -> bytes: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[bytes]: ...
    def __getitem__(self, index: int | slice) -> bytes | Sequence[bytes]:
        try:
            return self.kept[index]
        except cache.StaleCache:
            self.kept = self.again()
            return self.kept[index]


# Each column's lines, made one at a time as they are asked for (a large ledger's
# column is written as it is made, never held whole).


def column_lines(
    name: str,
    ledger: Callable[[], Ledger],
    nodes: Callable[[], Nodes],
    ctx: Context | None = None,
) -> Iterator[bytes]:
    """Cache column `name`'s lines, from the measures (`ledger()`, only if they are
    needed) and their nodes; `ctx`, the rules' context of those measures, if made."""
    if name == "models":
        return model_lines(ledger().measures)
    if name == "nodes":
        return node_lines(nodes().measures)
    if name == "records":
        return record_lines(ledger(), nodes())
    if name == "links":
        return link_lines(nodes().measures)
    if name == "problems":
        from ..rules import Context, errors_by_measure

        whole = ledger()
        if ctx is None:
            ctx = Context(whole.index(), whole.parties)
        return problem_lines(errors_by_measure(ctx, whole.measures))
    raise KeyError(name)  # pragma: no cover - a column this code does not make


def link_lines(nodes: Iterable[Node]) -> Iterator[bytes]:
    """Each measure's links as a line: [part_of, [every id it refers to], [those it was a
    part of once], [those an `after` order since ended named]] (what a write asks of the
    measures it does not change: their parts, former parts, who refers to whom, who was
    to follow whom)."""
    dumps = line_encoder()
    for n in nodes:
        once = sorted({c.after for c, _ in n.ended if c.after is not None})
        yield dumps([n.part_of, sorted(references(n)), list(n.was_part_of), once])


def problem_lines(found: Iterable[Iterable[Problem]]) -> Iterator[bytes]:
    """Each measure's errors as a line: [[check, message], ...], a problem that names
    other measures with them too ([check, message, [id, ...]]: `Problem.others`)."""
    dumps = line_encoder()
    for problems in found:
        yield dumps(
            [[p.check, p.message, *([list(p.others)] if p.others else [])] for p in problems]
        )


def record_lines(ledger: Ledger, nodes: Nodes) -> Iterator[bytes]:
    """Each measure's JSON record (`shapes.record_json`), a finding by a party the ledger
    declares said to be that party's (`rules.party_finder`)."""
    from ..rules import party_finder

    party = party_finder(ledger.parties)
    for m, n in zip(ledger.measures, nodes.measures, strict=True):
        yield record_json(m, n, party).encode("utf-8")


def node_lines(nodes: Iterable[Node]) -> Iterator[bytes]:
    from ..facts import node_row

    dumps = line_encoder()
    for n in nodes:
        yield dumps(node_row(n))


def line_encoder() -> Callable[[Any], bytes]:
    """Plain JSON values as one compact line of UTF-8, as `json.dumps` with no spaces and
    no escaping of non-ASCII text writes them: pydantic-core's encoder, twice as fast
    (these lines are made for every measure of a file read anew)."""
    from pydantic_core import to_json

    return to_json


def model_lines(measures: Iterable[Measure]) -> Iterator[bytes]:
    return map(cache.model_line, measures)


def _keep_known(snapshot: Snapshot, by_hand: bool, toml_1_0: bool) -> None:
    """Keep for the content a write made what is known of it without a look at every
    measure or byte: no status set by hand (`AGAINST_HISTORY`), no TOML 1.1."""
    if not by_hand:
        snapshot.keep_lines(AGAINST_HISTORY, [b"0"])
    if toml_1_0:
        snapshot.keep_lines(TOML_1_1, [])


def _by_hand() -> Callable[[bytes | None], bool]:
    """Whether a measure's line of kept problems (`problem_lines`) holds a status set by
    hand (`rules.STATUS_HISTORY`): asked of every line of a ledger, its words made once."""
    from ..rules import STATUS_HISTORY

    found = f'[["{STATUS_HISTORY}",'.encode()
    also = f'],["{STATUS_HISTORY}",'.encode()  # (not a measure's first problem)
    return lambda line: line is not None and (line.startswith(found) or also in line)


# (what `check` keeps of a content of the file: each line of it written in TOML 1.1
# alone, "LINE KIND" (`syntax.toml_1_1_places`); a write of dprk's, which writes TOML
# 1.0, keeps none for the content it makes from one that held none: `update`)
TOML_1_1 = "toml-1.1"

# (what a read keeps of a content's statuses set by hand (`Snapshot.against_history`):
# their count, then the first few ids, a line each)
AGAINST_HISTORY = "against-history"

# The snapshot last read stays referenced until the next read or the end of the
# process: freeing a large ledger object by object as a command returns costs a
# tenth of the command, and `dprk` ends its process without freeing anything.
_KEPT: list[Snapshot] = []


def snapshot(path: Path) -> Snapshot:
    """The ledger at `path` as it is now (read-only commands: no lock taken)."""
    found = open_snapshot(path)
    _KEPT[:] = [found]
    return found


def load(path: Path) -> Ledger:
    """The validated ledger at `path`, every measure built (no lock taken)."""
    return snapshot(path).ledger()


def load_nodes(path: Path) -> Nodes:
    """What the analyses read of the ledger at `path` (see `facts`)."""
    return snapshot(path).nodes()


# --- opening -------------------------------------------------------------------------------


def open_snapshot(path: Path, *, verify: bool = False) -> Snapshot:
    """The ledger at `path` as it is now: from the cache when it is of this content (the
    file hashed to tell, when its status cannot; with `verify`, a write, which is told
    the content it read, `Snapshot.as_read`, the file is read whole, and hashed unless
    its status tells, `AsRead.read`), else read from the file, and the
    cache made from it. A file git left conflict markers in says how to get out where
    git knows more (`gitio.markers_advised`)."""
    try:
        return _open_snapshot(path, verify=verify)
    except LedgerUnreadable as exc:
        from .gitio import markers_advised

        advised = markers_advised(exc, path)
        if advised is exc:
            raise
        raise advised from None


def _open_snapshot(path: Path, *, verify: bool) -> Snapshot:
    index = cache.read_index(path)
    if index is not None and index.status is not None and not verify:
        info = regular_file_stat(path)
        if info is not None and cache.status_key(info) == index.status:
            return Snapshot(path, index)
    # (a write of a file whose status is the one the cache holds for its content hashes
    # nothing: the file's status tells that content, as it does a read's)
    known = index if verify and index is not None and index.status is not None else None
    raw, as_read = cache.AsRead.read(path, known=known)
    key, status = as_read.key, as_read.status
    earlier = index if index is not None and index.key != key else None
    if verify and index is not None:
        try:
            fits = index.layout is None or index.layout.fits(raw)
        except cache.StaleCache:
            fits = False
        if not fits:
            index = None  # not where the blocks lie: a change must not be written by it
    made: Snapshot | None
    if index is not None and index.key == key:
        if index.status is None and not verify and status is not None:
            index.status = status
            cache.settle_index(path, index)
        # A read lets the file's bytes go (a large ledger's are as big as a column, and
        # a read served from the columns never needs them); a write splices into them.
        made = Snapshot(path, index, raw=raw if verify else None)
        del raw
    else:
        made = None
        # The file's bytes are let go as soon as a reader is done with them (a large
        # ledger's file is as big as its columns), and read again should it fail; a
        # write reads them again to splice its change in (checked to be this content).
        held = cache.Held(path, raw, key)
        del raw
        if earlier is not None:  # (a pull, a hand edit: the blocks it changed, see `edited`)
            from .edited import read_edited

            made = read_edited(path, earlier, held, as_read, locked=verify)
        if made is None:
            from .anew import read_anew, read_apart

            # (a measure at a time: see `anew`; a write's, by a child process)
            made = read_apart(path, held, status) if verify else None
            if made is None:
                made = read_anew(path, held, status)
        if made is None:
            raw = held.bytes()
            held.drop()
            ledger, layout = read_bytes(raw, str(path))
            if layout is not None:
                layout = layout.digested(raw)
            del raw
            made = remember(path, None, ledger, layout, key=key, status=status)
            del ledger
        del held
        if verify and not made._lines:
            # A write works from the columns just written, as on a warm cache: the
            # models and nodes go with `made` (a large ledger's are most of the memory
            # it needs).
            made = Snapshot(path, made.index)
    if verify:
        made.as_read = as_read
    return made


def remember(
    path: Path,
    raw: bytes | None,
    ledger: Ledger,
    layout: blocks.Layout | None,
    *,
    key: str | None = None,
    status: list[int] | None = None,
) -> Snapshot:
    """Make the whole cache of `raw` (which reads as `ledger`, laid out so); the snapshot.
    Without `raw` (a read done with the file's bytes), `key` names its content."""
    if key is None:
        assert raw is not None, "a content without its bytes needs its key"
        key = content_key(raw)
    if layout is not None and layout.digests is None and raw is not None:
        layout = layout.digested(raw)
    index = Index(
        key=key,
        status=status,
        header=cache.header_data(ledger),
        ids=[m.id for m in ledger.measures],
        layout=layout,
        latest=max((m.dated_to() for m in ledger.measures), default=""),
    )
    from ..rules import Context

    ctx = Context(ledger.index(), ledger.parties)  # (its replays serve the nodes too)
    nodes = nodes_of(ledger, life=ctx.life)
    snapshot = Snapshot(path, index, raw=raw, ledger=ledger, nodes=nodes)
    # Every column at once: what a file read anew costs, every later command saves.
    # Each is written as it is made, and then read from its file when asked for: the
    # lines of a large ledger's column are never held together.
    for name in cache.COLUMNS:
        lines = column_lines(name, snapshot.stored, snapshot.nodes, ctx)
        if not cache.write_column(path, name, index.key, index.ids, lines):
            # (no cache here: this command keeps them)
            snapshot._lines[name] = list(column_lines(name, snapshot.stored, snapshot.nodes, ctx))
    cache.clear_changes(path)
    cache.write_index(path, index)  # last: the columns are in place when it is read
    return snapshot


def latest_after(old: Snapshot, changed: dict[str, Measure | None], before: MeasureIndex) -> str:
    """The latest day an entry of the ledger is dated once the `changed` measures (None:
    removed) replace those `before` (`Index.latest`): the later of `old`'s and theirs,
    unless a changed measure was the one dated to `old`'s day and is no longer: then the
    day is found again from every other measure's kept model (rare: an entry put back
    from a later day, or removed). The index holds what this content gives, whatever
    came before it: a day a hand edit put in the future and took back must not hold
    every view at today, as `--as-of` does, where a cold read would not."""
    was = old.index.latest
    now = max((m.dated_to() for m in changed.values() if m is not None), default="")
    if now >= was or all(before[i].dated_to() < was for i in changed if i in before):
        return max(was, now)
    from ..model import Measure

    for ident, line in zip(old.ids, old.stream("models"), strict=True):
        if ident not in changed:
            now = max(now, Measure.row_dated_to(json.loads(line)))
    return now


def _finders_moved(before: MeasureIndex, after: MeasureIndex, moved: Collection[str]) -> list[str]:
    """The ids of the measures (in `after`) that may hold a finding by one of the `moved`
    parties (declared on one side of a change only), named in any case or spacing, as
    `rules.by_a_party` knows a party by (`MeasureIndex.mentioning`: every measure, but
    for the store's index, which finds the text in its kept models)."""
    found: set[str] = set()
    for name in moved:
        found.update(before.mentioning(name, any_signs=True))
        found.update(after.mentioning(name, any_signs=True))
    return [i for i in after if i in found]


def _records_said_anew(
    old: Snapshot,
    ids: list[str],
    party: Callable[[str], bool],
    after: MeasureIndex,
    ctx: Context,
) -> dict[str, bytes | None]:
    """The records of the measures `ids`, which a change left as they were, with their
    verification said anew of the parties now (`party`): each kept record and node
    restated (`shapes.restand`), no measure replayed; one of a ledger holding an id twice
    (a hand edit) made again from its measure (`after`, the ledger now; `ctx`, its
    rules' context)."""
    from ..shapes import restand

    if not ids:
        return {}
    if len(set(old.ids)) != len(old.ids):
        from ..facts import node_of

        made = ((after[i], i) for i in ids)
        return {
            i: record_json(m, node_of(m, ctx.life, after.get), party).encode("utf-8")
            for m, i in made
        }
    nodes = old.nodes_of(ids)
    lines = old.column("records")
    at = old.positions()
    return {
        i: restand(lines[at[i]].decode("utf-8"), nodes[i], party=party).encode("utf-8") for i in ids
    }


def update(
    old: Snapshot,
    key: str,
    size: int,
    header: Ledger,
    layout: blocks.Layout,
    changed: dict[str, Measure | None],
    before: MeasureIndex,
    after: MeasureIndex,
    affected: Collection[str],
    *,
    as_read: cache.AsRead | None = None,
) -> Snapshot:
    """The cache of the file now at content `key` (of `size` bytes), made from `old`'s by
    a change: `changed` measures (None: removed) laid out anew; the nodes of `affected`
    ones (those and what they are part of) derived again from `after`, the measures as
    they now stand; and the errors of the changed measures and their neighbours
    (`rules.neighbours`) found again (of every measure, when the parties changed).
    The file's status that tells its content is the one it was read with (`as_read`: a
    change another program made), else its status now (dprk's own write)."""
    was = old.header()
    kept = (was.schema_, was.title, was.parties, was.conflicts, was.ended, was.ended_note) == (
        header.schema_,
        header.title,
        header.parties,
        header.conflicts,
        header.ended,
        header.ended_note,
    )  # (a header the change left as it was: its data as the index holds it already)
    data = dict(old.index.header) if kept else cache.header_data(header)
    latest = latest_after(old, changed, before)
    index = Index(key=key, status=None, header=data, ids=layout.ids, layout=layout, latest=latest)
    if as_read is not None:
        index.status = as_read.status
    else:
        info = regular_file_stat(old.path)
        if info is not None and info.st_size == size and cache.settled(info, cache.now_ns()):
            index.status = cache.status_key(info)
    from ..facts import node_of
    from ..rules import (
        Context,
        errors_by_measure,
        naming_parties,
        neighbours,
        party_finder,
        regrouped,
    )

    snapshot = Snapshot(old.path, index)
    # (a whole the change left as the file held it, as an earlier dprk derived it from its
    # parts, is derived and checked from what the file holds, as a read of the file does:
    # `check` warns of it, and it stands as its parts now give it)
    held = {
        i: old.stored_measure(i) for i in old.written_before() if i not in changed and i in after
    }
    if held:
        from ..draft import overlaid

        after = overlaid(after, held)
    ctx = Context(after, header.parties)
    nodes = {
        ident: node_of(after[ident], ctx.life, after.get) for ident in affected if ident in after
    }
    around = neighbours(before, changed) | neighbours(after, changed)
    around |= regrouped(before, after, changed)
    if any(m is None or i not in before for i, m in changed.items()):
        # (a measure added or removed: the ids near a link to no measure may be others)
        around.update(i for i in old.linking_unknown() if i in after)
    was = old.index.header.get("parties", [])
    party = party_finder(header.parties)
    records: dict[str, bytes | None] = {
        i: record_json(after[i], n, party).encode("utf-8") for i, n in nodes.items()
    }
    if set(header.parties) != set(was):
        # (a measure naming a party declared on one side of the change only, and one
        # with an undeclared party, whose words of how to mend it may change)
        around.update(naming_parties(before, was, after, header.parties))
        around.update(old.undeclared())
        # (and one whose finding such a party may have made: its record says anew
        # whether its finder is a party, `shapes.verification_text`)
        moved = set(was) ^ set(header.parties)
        found = [i for i in _finders_moved(before, after, moved) if i not in records]
        records.update(_records_said_anew(old, found, party, after, ctx))
    checked = [i for i in layout.ids if i in around]
    errors = errors_by_measure(ctx, [after[i] for i in checked])
    lines: dict[str, dict[str, bytes | None]] = {
        "models": {i: None if m is None else cache.model_line(m) for i, m in changed.items()},
        "nodes": dict(zip(nodes, node_lines(nodes.values()), strict=True)),
        "records": records,
        "problems": dict(zip(checked, problem_lines(errors), strict=True)),
        "links": dict(zip(nodes, link_lines(nodes.values()), strict=True)),
    }
    for name in ("nodes", "records", "problems", "links"):
        lines[name].update((i, None) for i, m in changed.items() if m is None)
    # (none set by hand before, nor in a measure whose problems were found again: none
    # now, which a write dated in the past asks, as the next does: `settled`; and, where
    # `check` found no TOML 1.1 in the file before, none now: dprk writes TOML 1.0)
    by_hand = old.by_hand() != 0 or any(map(_by_hand(), lines["problems"].values()))
    # (of dprk's own write alone: blocks another program wrote may hold TOML 1.1)
    toml_1_1 = old.kept(TOML_1_1) if as_read is None else None
    toml_1_0 = toml_1_1 is not None and len(toml_1_1) == 0
    if sum(len(line or b"") for each in lines.values() for line in each.values()) > (
        cache.DELTA_LIMIT
    ):
        # A change larger than the log may grow (a party renamed in half the ledger):
        # each column written whole, from the one before with its lines replaced, one
        # column held at a time; not logged, then read back, then written.
        for name in cache.COLUMNS:
            before_change = cache.Column(old.key, list(old.ids), old.column(name))
            made = cache.replay_changes(
                before_change, name, [cache.Change(old.key, key, lines)], key, layout.ids
            )
            old._lines.pop(name, None)
            if made is None:  # pragma: no cover - every id's line is in one or the other
                made = snapshot._make_column(name)
            cache.write_column(old.path, name, key, layout.ids, made)
        cache.clear_changes(old.path)
        cache.write_index(old.path, index)
        _keep_known(snapshot, by_hand, toml_1_0)
        return snapshot
    cache.append_change(old.path, cache.Change(old.key, key, lines))
    cache.write_index(old.path, index)
    _keep_known(snapshot, by_hand, toml_1_0)
    changes, size = cache.read_changes(old.path)
    if size > cache.DELTA_LIMIT or len(changes) > cache.DELTA_ENTRIES:
        for name in cache.COLUMNS:  # a long log: every column written whole again
            cache.write_column(old.path, name, key, layout.ids, snapshot.column(name))
        cache.clear_changes(old.path)
    return snapshot
