"""A file another program changed since dprk read it (a git pull, a hand edit): only the
blocks it changed are read.

The cache keeps, beside where each measure's block lies, a digest of each block
(`blocks.digest`). When the file no longer holds the content the cache is of,
each block of the new content is digested and compared with the kept ones: a
block with the same id and digest holds, byte for byte, the measure the cache
holds. Only the others are parsed and validated, and the cache is brought to
the new content as a write brings it (`ledger.bring_cache_up`): the measures
added, changed or removed, what they are (or were) part of, and the errors of
their neighbours are made again; every other line is kept. The columns then
read as a read anew of the whole file makes them (a test holds them equal).

The file is read anew instead (`anew`, or whole) when:
- the cache kept no digests for its content, or the file did not cut into
  blocks then;
- the file does not cut into blocks as dprk writes them now (`blocks.cut`,
  `blocks.ids_at`), or its header holds measures;
- more measures changed than `most` allows: reading every one costs less;
- a changed block does not parse, or its measure is refused by the models: the
  read that follows names the error, as it always has;
- what the cache kept cannot be read as this code writes it;
- a write holds the ledger's lock, or the cache was brought up meanwhile (see
  `read_edited`).
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import DprkError
from . import blocks, cache

if TYPE_CHECKING:
    from .snapshots import Snapshot


def most(count: int) -> int:
    """How many of `count` measures may have changed (added, changed, removed) for the
    file to be read a changed block at a time: a quarter, and 64 at the least."""
    return max(64, count // 4)


def read_edited(
    path: Path,
    earlier: cache.Index,
    held: cache.Held,
    as_read: cache.AsRead,
    *,
    locked: bool = False,
) -> Snapshot | None:
    """The snapshot of the file at `path` as read (its bytes `held`: let go once its
    changed blocks are read), its cache brought up from the `earlier` content's by the
    blocks that differ; None when it cannot be (see above).

    The cache is brought up under the ledger's lock (`locked`: a write holds it
    already), as a write brings it: a read takes the lock only if no write holds it,
    and only while the cache is still of the `earlier` content; else the file is read
    anew, as before. (Should the file have changed again meanwhile, the cache is still
    of a content it held: the next command reads the change.)"""
    from ..draft import Draft
    from ..model import Ledger, Measure
    from .codec import NOT_IN_BLOCKS, fast_loads, share_field_sets
    from .fs import ledger_lock
    from .ledger import bring_cache_up
    from .measures import StoreIndex
    from .snapshots import DAMAGE, Snapshot

    try:
        raw = held.bytes()
        was = earlier.layout
        kept = None if was is None else cache.read_digests(path, earlier.key, len(was.ids))
        starts = None if raw.startswith(b"\xef\xbb\xbf") else blocks.cut(raw)
        if was is None or kept is None or starts is None:
            return None
        ids = blocks.ids_at(raw, starts)
        if ids is None:
            return None
        ends = [*starts[1:], len(raw)]
        lengths = [end - start for start, end in zip(starts, ends, strict=True)]
        layout = blocks.Layout(starts[0], ids, lengths).digested(raw)
        assert layout.digests is not None
        digest_of = dict(zip(was.ids, kept, strict=True))
        changed = [
            place
            for place, (ident, digest) in enumerate(zip(ids, layout.digests, strict=True))
            if digest_of.get(ident) != digest
        ]
        removed = sorted(digest_of.keys() - set(ids))
        if len(changed) + len(removed) > most(len(ids)):
            return None
        loads = fast_loads()
        found = loads(raw[: starts[0]].decode("utf-8"))
        if "measures" in found:
            return None
        header = Ledger.model_validate({**found, "measures": []})
        share_field_sets(header, deep=False)
        measures = []
        for place in changed:
            data = blocks.parse_block(raw, starts[place], ends[place], loads)
            m = Measure.model_validate(data)  # (its id is the one its first line names)
            share_field_sets(m)
            measures.append(m)
        del raw, found, starts, ends, ids, digest_of
        held.drop()  # (a large file's bytes are not held while the cache is brought up)
        with contextlib.nullcontext() if locked else ledger_lock(path, 0):
            now = cache.read_index(path)
            if not locked and (now is None or now.key != earlier.key):
                return None  # (a write, or another read, brought the cache up meanwhile)
            before = Snapshot(path, earlier)
            # (its measures not kept on it, as `Snapshot.measures` keeps them: the two
            # would hold each other, and this process collects no cycles)
            draft = Draft(before.header(), StoreIndex(before))
            for m in measures:
                draft.put(m)
            for ident in removed:
                draft.remove(ident)
            size = layout.header_end + sum(layout.lengths)
            return bring_cache_up(before, draft, as_read.key, size, header, layout, as_read=as_read)
    except (*NOT_IN_BLOCKS, *DAMAGE, cache.StaleCache, DprkError, OSError):
        return None
