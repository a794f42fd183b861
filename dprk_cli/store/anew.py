"""A file read anew (a fresh clone, a pull, a hand edit), a measure at a time.

Reading a file the cache does not know makes every column of the cache. Made
from a validated `Ledger`, every measure's model would be held until the last
column is written: at 100,000 measures, most of a gigabyte. Here each measure
is validated as its block is parsed and then let go, once its own part of
every column is made:

1. A block at a time: the measure's model line (written to the `models` column
   as it is made), its replay (`lifecycle.replay`, kept without the entries it
   names: `Life.light`), its node, its JSON record as if it had no parts (to a
   temporary file: the largest column is not held), its changes of exchange
   links (few) and its merge conflicts (rare) are kept.
2. Once every measure is read, the parts are known: a measure made of parts
   takes the dates its parts give (`LedgerLife.replayed`), a measure whose link
   the other alone records takes that change's day (`Node.link_days`), and its
   node and record are set so (`shapes.restand`). The rules then check every measure
   from the nodes (`rules.Context.replayed`), and the other columns are
   written from the nodes and records. The snapshot keeps the files it wrote
   open (`Snapshot.pin`): it has no models to make a column again, should
   another command write over one meanwhile.

From 2,000 measures on, where the system forks and the process may run on two
processors, step 1 is shared: a helper process reads the later half of the blocks
meanwhile (`_Helper`), and what it makes of each measure is taken in order.

The columns are byte for byte what `snapshots.remember` makes from the whole
ledger (a test holds them equal). Whatever goes wrong (a block that does not
parse, a value the models refuse, a cache that cannot be written) leaves the
reading to `remember`, from the file read whole.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from . import blocks, cache
from .cache import Index
from .paths import ensure_side_dir
from .snapshots import Snapshot, link_lines, node_lines, problem_lines

if TYPE_CHECKING:
    from ..facts import Node
    from ..lifecycle import Life
    from ..model import Conflict, Ledger, Measure
    from .codec import InBlocks


class _Reading:
    """What reading each block leaves of its measure (step 1)."""

    def __init__(
        self, header: Ledger, found: InBlocks, ids: list[str], records: IO[bytes], folder: Path
    ) -> None:
        self.header = header
        self.folder = folder  # (where the temporary files go)
        self.found: InBlocks | None = found  # (None once every block is read: `layout`)
        self.ids = ids  # as read off each block's first line
        self.lengths: list[int] = []
        self.nodes: list[Node] = []
        self.records = records  # a line each, to a file: the largest column is not held
        self.lives: dict[str, Life] = {}  # each measure's replay, by id
        self.conflicts: dict[int, list[Conflict]] = {}  # by place in the file
        # each measure's own changes of its exchange links (`changes.link_changes_by_other`),
        # by id, of those that have any: what the others' `link_days` are found from; as
        # JSON (`_changes_row`), a fifth of the memory of the values at 100,000 measures
        self.exchanges: dict[str, bytes] = {}
        self.latest = ""  # the latest day an entry is dated (`Index.latest`)

    def model_lines(self) -> Iterator[bytes]:
        """Each measure's `models` line, its other parts kept as it is read: the later
        blocks of a large file read by a helper process meanwhile (`_Helper`)."""
        found = self.found
        assert found is not None  # (let go only once every block is read: `layout`)
        helper = _Helper.start(self)
        if helper is None:
            yield from self._read(found.measures, 0)
            return
        try:
            yield from self._read(found.measures, 0, helper.first)
            taken = yield from helper.taken(self)
            if not taken:  # (then read here: what failed there fails here, and is named)
                yield from self._read(found.since(helper.first), helper.first)
        finally:
            helper.end()

    def _read(
        self, measures: Iterator[tuple[int, Measure]], first: int, end: int | None = None
    ) -> Iterator[bytes]:
        """The `models` lines of `measures` (the blocks from the one numbered `first` on,
        up to `end`), each measure's other parts kept as it is read."""
        from ..changes import link_changes_by_other
        from ..facts import node_of
        from ..lifecycle import LedgerLife, replay
        from ..rules import party_finder
        from ..shapes import record_json

        own = LedgerLife.replayed(self.lives, {})  # (no parts known yet)
        party = party_finder(self.header.parties)  # (a party's finding, said so)
        for place, (length, m) in enumerate(measures, first):
            if place >= len(self.ids) or m.id != self.ids[place]:
                raise _NotAsRead(m.id)
            life = self.lives[m.id] = replay(m)
            node = node_of(m, own)  # (its `link_days` are found once every measure is read)
            if any(h.event == "exchange" for h in m.history):
                changes = link_changes_by_other(m)
                if changes:
                    self.exchanges[m.id] = _compact(changes)
            self.lives[m.id] = life.light()  # (the model goes: nothing may hold on to it)
            if m.conflicts:
                self.conflicts[place] = list(m.conflicts)
            self.lengths.append(length)
            self.latest = max(self.latest, m.dated_to())
            self.nodes.append(node)
            self.records.write(record_json(m, node, party).encode("utf-8") + b"\n")
            yield cache.model_line(m)
            if place + 1 == end:
                return

    def layout(self, raw: bytes) -> blocks.Layout:
        """Where each block read lies in `raw`, and its digest; then the blocks are let go
        (they hold the file's bytes, which step 2 does not need)."""
        assert self.found is not None
        made = blocks.Layout(self.found.starts[0], self.ids, self.lengths).digested(raw)
        self.found = None
        return made

    def measures_at(self, places: Iterable[int]) -> Iterator[tuple[int, Measure]]:
        """The measures at `places`, made again from their records (few: those made of
        parts, whose facts are known only once every measure is read)."""
        import json

        from ..model import Measure

        wanted = set(places)
        if not wanted:
            return
        fields = Measure.model_fields
        names = {info.alias or name for name, info in fields.items()}
        self.records.seek(0)
        for place, line in enumerate(self.records):
            if place in wanted:
                record = json.loads(line)
                kept = {key: value for key, value in record.items() if key in names}
                yield place, Measure.model_validate_json(json.dumps(kept))
        self.records.seek(0, 2)  # (back at the end, where the next record would go)

    def record_lines(self, folded: dict[int, Node]) -> Iterator[bytes]:
        """Each measure's record, as read, or standing as its parts say (`folded`: the
        nodes, by place, of those their parts moved)."""
        from ..rules import party_finder
        from ..shapes import restand

        party = party_finder(self.header.parties)
        self.records.seek(0)
        for place, line in enumerate(self.records):
            node = folded.get(place)
            if node is None:
                yield line[:-1]
            else:
                yield restand(line[:-1].decode("utf-8"), node, party=party).encode("utf-8")


# A file of at least this many measures is read by two processes, where the machine has
# two processors or more (and the system forks): each measure is read on its own, so
# the later blocks are read by a helper process while this one reads the earlier ones.
SHARED_FROM = 2000
_BATCH = 1024  # (measures taken from the helper at a time)


def helped_from(count: int) -> int | None:
    """The first of `count` blocks a helper process reads (the later half), or None: a
    file too small to gain by it, or a system that cannot fork it or run it alongside."""
    import os
    import sys

    if count < max(SHARED_FROM, 2) or sys.platform != "linux":
        return None
    return count // 2 if len(os.sched_getaffinity(0)) > 1 else None


class _Helper:
    """A forked process reading the blocks from `first` on as `_Reading` reads them,
    writing what it makes of each measure to two files: its record to `records`, its
    length, `models` line, node and light life to `out` (a line each). Whatever stops
    it (a block that does not parse, a merge conflict to keep) makes it fail, and this
    process reads those blocks itself, as if alone."""

    def __init__(self, pid: int, first: int, out: IO[bytes], records: IO[bytes]) -> None:
        self.pid = pid
        self.first = first
        self.out = out
        self.records = records
        self.running = True

    @classmethod
    def start(cls, reading: _Reading) -> _Helper | None:
        import os
        import tempfile

        first = helped_from(len(reading.ids))
        if first is None:
            return None
        out = tempfile.TemporaryFile(dir=reading.folder)  # noqa: SIM115 (closed by `end`)
        records = tempfile.TemporaryFile(dir=reading.folder)  # noqa: SIM115
        try:
            pid = os.fork()
        except OSError:
            out.close()
            records.close()
            return None
        if pid == 0:  # the helper: it never returns
            code = 1
            try:
                _help(reading, first, out, records)
                code = 0
            finally:
                os._exit(code)
        return cls(pid, first, out, records)

    def taken(self, reading: _Reading) -> Generator[bytes, None, bool]:
        """The helper's `models` lines, its measures' other parts kept as `_Reading`
        keeps them; the generator's value: False (and nothing taken) if it failed."""
        import json
        import os
        import shutil

        from ..facts import nodes_from_rows
        from ..lifecycle import Life

        _, status = os.waitpid(self.pid, 0)
        self.running = False
        if status != 0:
            return False
        self.out.seek(0)
        nodes: list[bytes] = []
        lives: list[bytes] = []
        linking: list[bytes] = []  # (each one's changes of exchange links, b"" for none)

        def take() -> None:  # (a batch at a time: a large ledger's are not all held twice)
            made = nodes_from_rows(json.loads(b"[" + b",".join(nodes) + b"]"))
            reading.nodes.extend(made)
            found = Life.from_light_rows(json.loads(b"[" + b",".join(lives) + b"]"))
            reading.lives.update(zip([n.id for n in made], found, strict=True))
            for n, said in zip(made, linking, strict=True):
                if said:
                    reading.exchanges[n.id] = said
            nodes.clear()
            lives.clear()
            linking.clear()

        for head, line, node, life in zip(*[iter(self.out)] * 4, strict=True):
            # (the latest day dated so far there, and its changes of exchange links)
            length, latest, said = head[:-1].split(b" ", 2)
            reading.lengths.append(int(length))
            reading.latest = max(reading.latest, latest.decode())
            linking.append(said)
            nodes.append(node[:-1])
            lives.append(life[:-1])
            yield line[:-1]
            if len(nodes) == _BATCH:
                take()
        take()
        self.records.seek(0)
        shutil.copyfileobj(self.records, reading.records)
        return True

    def end(self) -> None:
        import os
        import signal

        if self.running:  # (this read stopped first: the helper is not needed)
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.running = False
        self.out.close()
        self.records.close()


def _changes_row(changes: dict[str, list[tuple[date, bool]]]) -> dict[str, list[Any]]:
    """A measure's changes of its exchange links as JSON values (`_changes_of` reads them)."""
    return {
        other: [[day.isoformat(), linked] for day, linked in found]
        for other, found in changes.items()
    }


def _compact(changes: dict[str, list[tuple[date, bool]]]) -> bytes:
    """A measure's changes of its exchange links as the JSON line `_changes_of` reads."""
    import json

    return json.dumps(_changes_row(changes), separators=(",", ":")).encode()


def _changes_of(row: dict[str, list[Any]]) -> dict[str, list[tuple[date, bool]]]:
    """The changes of exchange links `_changes_row` gave these values for."""
    return {
        other: [(date.fromisoformat(day), linked) for day, linked in found]
        for other, found in row.items()
    }


def _help(reading: _Reading, first: int, out: IO[bytes], records: IO[bytes]) -> None:
    """What the helper process does (see `_Helper`)."""
    from ..facts import node_row
    from .snapshots import line_encoder

    dumps = line_encoder()
    reading.records = records
    assert reading.found is not None  # (forked while the blocks are read)
    for line in reading._read(reading.found.since(first), first):
        node = reading.nodes[-1]
        if reading.conflicts:
            raise _Unshared(node.id)  # (conflicts are kept by place: read them here)
        life = reading.lives[node.id]
        said = reading.exchanges.pop(node.id, b"")  # (its changes of links, if any)
        head = b"%d %s %s\n" % (reading.lengths[-1], reading.latest.encode(), said)
        out.write(head + line + b"\n")
        out.write(dumps(node_row(node)) + b"\n" + dumps(life.light_row()) + b"\n")
    out.flush()
    records.flush()


def read_anew(path: Path, held: cache.Held, status: list[int] | None) -> Snapshot | None:
    """The snapshot of the file at `path` (its bytes `held`, of content `held.key`), every
    column of its cache made and written a measure at a time; None when the file does
    not cut into blocks, holds something to be named, or no cache can be written here
    (then `remember` reads it whole). The bytes are let go once every block is read:
    step 2 and the command after it do not need them (at 100,000 measures, 90 MB)."""
    import tempfile

    from .codec import NOT_IN_BLOCKS, in_blocks

    try:
        found = in_blocks(held.bytes())
        if found is None:
            return None
        header = _header(found.header)
        ids = blocks.ids_at(held.bytes(), found.starts)
        if ids is None:
            return None
        folder = ensure_side_dir(path)
        with tempfile.TemporaryFile(dir=folder) as records:
            reading = _Reading(header, found, ids, records, folder)
            del found  # (its blocks hold the bytes: `reading` alone lets them go)
            if not cache.write_column(path, "models", held.key, ids, reading.model_lines()):
                return None
            layout = reading.layout(held.bytes())
            held.drop()
            return _columns(path, layout, held.key, status, reading)
    except (*NOT_IN_BLOCKS, _NotAsRead, OSError):  # (no index is written: read whole)
        return None


# A write whose file is read anew has it read by a child process from this size on
# (`read_apart`); a file smaller than this leaves too little behind to matter.
APART_FROM = 4 << 20  # bytes: about 5,000 measures


def read_apart(path: Path, held: cache.Held, status: list[int] | None) -> Snapshot | None:
    """The snapshot of the file at `path` (its bytes `held`), read anew (`read_anew`) by a
    child process, which writes the cache and ends: a write then works from the cache's
    columns, as it does after a read anew here, in a process the read did not leave its
    memory to. (A read anew makes and lets go of most of a measure's objects in turn; the
    few it keeps are spread over the allocator's blocks, which then cannot be given back:
    at 100,000 measures, 270 MiB that the write would add the file's bytes to.) None when
    not done so (a small file, a system that cannot fork), or when the child did not make
    the cache: then the caller reads the file here, as before."""
    import os
    import sys

    if sys.platform != "linux" or len(held.bytes()) < APART_FROM:
        return None
    try:
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:  # the child: it never returns
        code = 1
        try:
            code = 0 if read_anew(path, held, status) is not None else 1
        finally:
            os._exit(code)
    held.drop()  # (the child reads them: here, read again only should it fail)
    try:
        _, ended = os.waitpid(pid, 0)
    except BaseException:  # (an interrupt: the child is ended with this process)
        import signal

        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise
    index = cache.read_index(path) if ended == 0 else None
    if index is None or index.key != held.key:
        return None
    return Snapshot(path, index)


def _header(data: dict[str, Any]) -> Ledger:
    """The header's `data`, validated, in a frame of its own: the first validation of a
    ledger in a process builds its validator, which takes a snapshot of its caller's
    local names that lasts as long as the caller's frame (the blocks, and through them
    the file's bytes, would be held through step 2)."""
    from ..model import Ledger
    from .codec import share_field_sets

    header = Ledger.model_validate({**data, "measures": []})
    share_field_sets(header, deep=False)
    return header


def _columns(
    path: Path, layout: blocks.Layout, key: str, status: list[int] | None, reading: _Reading
) -> Snapshot | None:
    """Step 2: every column but the models, then the index (where each block lies in the
    file, and its digest: `layout`); None if one cannot be written."""
    from ..changes import days_recorded_on_others
    from ..facts import (
        Nodes,
        by_its_parts,
        days_by_parts,
        event_days,
        findings_from,
        findings_on,
        latest_day,
        parts_tally,
        parts_verifiers,
        status_began,
        verified_through,
        verifiers,
    )
    from ..lifecycle import LedgerLife, replay
    from ..rules import Context, errors_by_measure, wanted_in_full
    from ..vocab import State, ancestors, done_in_full, parts_by_whole

    header, ids, nodes = reading.header, reading.ids, reading.nodes
    index = {node.id: node for node in nodes}
    # A measure made of parts stands as its parts say.
    parts = parts_by_whole((node.id, node.part_of) for node in index.values())
    life = LedgerLife.replayed(reading.lives, parts)
    folded: dict[int, Node] = {}
    for place, node in enumerate(nodes):
        if node.id in parts or life.members(node.id):  # (parts now, or parts once)
            given = life.state(node.id)
            # (stored as an earlier dprk derived it: read as its parts give it, `node_of`)
            stands = life.standing(node.id, State(node.status, node.extent), given)
            now = node.replace(
                status=stands.status,
                extent=stands.extent,
                since=status_began(life, node.id, stands.status, given),
                acted_since=life.acted_since(node.id),
                rolled_back=life.rolled_back(node.id),
                full_since=life.full_since(node.id) if done_in_full(stands) else None,
                acted_on=life.first_acted(node.id, node.first_acted),
                redone_after=life.redone_after(node.id) if done_in_full(stands) else None,
                by_parts=days_by_parts(life, node.id),
                statuses=life.statuses(node.id),
                created=life.life(node.id).created,  # (added undated: its parts may date it)
                parts_tally=parts_tally(life, node.id),
            )
            if now != node:
                nodes[place] = index[node.id] = folded[place] = now
    wholes = list(folded)
    # The changes of its exchange links only the other measure records are events of its
    # too (`Node.link_days`): found from every measure's own changes, kept as each was
    # read, once all are (and its day made is known, as its parts may give it).
    import json

    exchanges = reading.exchanges

    def changes_of(ident: str) -> dict[str, list[tuple[date, bool]]] | None:
        said = exchanges.get(ident)
        return None if said is None else _changes_of(json.loads(said))

    for place, node in enumerate(nodes):
        if not node.in_exchange_for and node.id not in exchanges:
            continue
        own = changes_of(node.id) or {}
        days = days_recorded_on_others(node.id, node.in_exchange_for, own, changes_of, node.created)
        if days:
            now = node.replace(link_days=days, last_date=latest_day(node.last_date, *days))
            nodes[place] = index[node.id] = folded[place] = now
    # (its latest event day, who confirmed what it did last, and which finding is its
    # latest and who found as it did, count from the day its status began as its parts
    # give it, or as its own history does, standing so again (`findings_from`), and
    # which findings are on its latest action from the status its parts give it: asked
    # again of the measure its record holds, replayed again for the day it last acted)
    for place, m in reading.measures_at(wholes):
        node = folded[place]
        on = event_days(m, node.since, node.by_parts, node.created, node.link_days)
        counted = findings_from(life, node.id, node.since)
        findings, latest = findings_on(m, node.status, replay(m).last_action, counted)
        now = node.replace(
            last_date=latest_day(*on),
            verified_by=verifiers(m, counted, node.parts_tally),
            findings=findings,
            latest_finding=latest,
        )
        nodes[place] = index[node.id] = folded[place] = now
    # (one verified through its parts, by who confirmed every part: `verifiers`, its
    # parts', as they now stand, first: deepest first)
    through = [place for place in wholes if by_its_parts(folded[place].parts_tally)]
    through.sort(key=lambda place: -len(ancestors(index, nodes[place].id)))
    for place in through:
        node = folded[place]
        by = verified_through(
            node.since,
            node.parts_tally,
            parts_verifiers(life, node.id, lambda p: index[p].verified_by),
        )
        if by != node.verified_by:
            nodes[place] = index[node.id] = folded[place] = node.replace(verified_by=by)
    conflicts = {id(nodes[place]): found for place, found in reading.conflicts.items()}
    wanted = wanted_in_full(index, life)
    full = {
        m.id: m for _, m in reading.measures_at(i for i, n in enumerate(nodes) if n.id in wanted)
    }
    ctx = Context.replayed(index, header.parties, life, lambda n: conflicts.get(id(n), []), full)
    index_file = Index(
        key=key,
        status=status,
        header=cache.header_data(header),
        ids=ids,
        layout=layout,
        latest=reading.latest,
    )
    title, parties = header.title, list(header.parties)
    conflicted = tuple(c.field for c in header.conflicts)
    snapshot = Snapshot(path, index_file, nodes=Nodes(title, parties, conflicted, nodes))
    # Each column is read from the file this read wrote (`Snapshot.pin`): there are no
    # models to make it again, should another command write over it meanwhile.
    snapshot.pin("models")
    made = {
        "nodes": lambda: node_lines(nodes),
        "records": lambda: reading.record_lines(folded),
        "problems": lambda: problem_lines(errors_by_measure(ctx, nodes)),
        "links": lambda: link_lines(nodes),
    }
    for name in cache.COLUMNS[1:]:
        if not cache.write_column(path, name, key, ids, made[name]()):
            return None
        if name != "nodes":  # (held already)
            snapshot.pin(name)
    cache.clear_changes(path)
    cache.write_index(path, index_file)  # last: the columns are in place when it is read
    return snapshot


class _Unshared(Exception):
    """A measure the helper leaves to this process (one in a merge conflict)."""


class _NotAsRead(Exception):
    """A measure whose id is not the one read off its block's first line."""
