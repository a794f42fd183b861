"""Loading and saving ledgers: the one safe write path.

`snapshot` reads a ledger without a lock (from the cache when it is current,
see `snapshots.py`). `edit` is how a ledger changes: lock, read, hand a
`Draft` to the caller, finish it (the draft settles and checks the change,
see `draft`), write out only what changed — the blocks of the measures the
change touched, and the header if it changed; every other byte of the file
stays as it was — check that what will be written reads back as intended,
then `commit`. `commit` is the one function through which bytes become a
ledger file: journal the change for undo, replace the file atomically. The
cache is then brought up to date from what changed, so that the next read is
served at once. An exception before the commit writes nothing.
"""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from ..clock import now
from ..errors import DprkError, LedgerChanged, LedgerError
from ..model import Ledger, Measure
from . import journal
from .blocks import Layout, heading
from .cache import AsRead, content_key
from .codec import (
    comments,
    count_comments,
    read_bytes,
    render_header,
    render_ledger,
    render_measure,
)
from .fs import (
    a_folder,
    atomic_write,
    check_ledger,
    interrupts_held,
    ledger_lock,
    no_folder,
    refuse_read_only,
    sweep_temporaries,
)
from .snapshots import _KEPT, Snapshot, open_snapshot, remember, update

if TYPE_CHECKING:
    from ..draft import Draft

DEFAULT_LOCK_TIMEOUT = 30.0


def parse_bytes(raw: bytes, label: str) -> Ledger:
    """Decode, parse and validate ledger bytes (no cache, no file access), each measure
    as today's views read it (`read_standing`)."""
    return read_standing(raw, label)[0]


def read_standing(raw: bytes, label: str) -> tuple[Ledger, Layout | None]:
    """`codec.read_bytes`, each measure as today's views read it (`lifecycle.as_standing`:
    a whole an earlier dprk stored as it derived it from its parts, as they give it now),
    as the store hands out a ledger's measures (`Snapshot.standing`): a version of a
    file, a side of a merge, compared with another, compares what the views show (and a
    merge keeps the block of a whole alike on every side, and reads it back so)."""
    from ..lifecycle import as_standing

    ledger, layout = read_bytes(raw, label)
    measures = as_standing(ledger.measures)
    if measures is not ledger.measures:
        ledger = ledger.model_copy(update={"measures": measures})
    return ledger, layout


class Side(NamedTuple):
    """One side of a git merge as read: its bytes, its ledger, and where its blocks lie
    (None: it does not cut into blocks), so that the merge is written over it."""

    raw: bytes
    ledger: Ledger
    layout: Layout | None


def read_side(raw: bytes, label: str) -> Side:
    """`parse_bytes`, keeping the bytes and their layout (`write_merged` writes over them).

    A merge goes measure by measure, by id: a side that holds nothing (git never hands
    the driver a blank side of a ledger both sides kept) would remove every measure of
    the other, and a side that holds an id twice would lose one of the two measures.
    Both are refused, as a side that is not a ledger is."""
    if not any(line.strip() and not line.lstrip().startswith(b"#") for line in raw.splitlines()):
        raise LedgerError(
            f"{label}: holds no ledger (it is blank, or comments alone), and merging it "
            "would remove every measure"
        )
    side = Side(raw, *read_standing(raw, label))
    _refuse_duplicates([m.id for m in side.ledger.measures], label, merging=True)
    return side


@dataclass
class Outcome:
    """What a finished edit did, for the command line to report."""

    written: bool = False
    dropped_comments: int = 0
    rewritten: str | None = None  # why the file was written whole, in dprk's layout
    let_go: journal.LetGo | None = None  # the older changes the undo journal let go

    def wrote(self) -> None:
        self.written = True


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
        from ..draft import Draft

        try:
            before = open_snapshot(path, verify=True)
            _KEPT[:] = [before]
            _refuse_duplicates(before.ids, label, before.lines_twice)
            draft = Draft(before.header(), before.measures())
            yield draft
            if not draft.changed:
                return
            draft.finish()
            written = write_change(before, draft, draft.described or description, label, outcome)
        except LedgerChanged as exc:  # (the command runs again; should it give up, it says so)
            raise exc.unwritten() from None
        if outcome is not None and written is not None:
            outcome.dropped_comments = written


def write_change(
    before: Snapshot, draft: Draft, description: str, label: str, outcome: Outcome | None = None
) -> int | None:
    """Write the finished `draft` over the ledger `before` was read from (the lock held),
    and bring the cache up to date; how many hand-written comments the rewritten parts
    held (None: nothing to write). `outcome` is told the file is written as soon as it
    is (an interrupt while the cache is brought up to date comes after the change)."""
    raw = before.raw()
    before.by_hand()  # (read before the write keeps another content's: its warnings ask)
    changes = draft.changes()
    header = draft.header()
    layout = before.layout
    if layout is None and not before.ids and not draft.header_changed and _header_alone(raw):
        # (a file of a header alone, no measure yet: kept as it is, comments too, and the
        # first measures written after it)
        layout = Layout(len(raw), [], [])
    if layout is None:  # a file that does not cut into blocks: written whole
        whole = draft.ledger
        new_raw = render_ledger(whole).encode("utf-8")
        if raw.count(b"\r\n") == raw.count(b"\n") > 0:  # its lines end as Windows ends them
            new_raw = new_raw.replace(b"\n", b"\r\n")  # (the writer breaks no string)
        back = _read_back(new_raw, whole, label)
        if new_raw == raw:
            return None
        entry = journal.raw_entry(
            description, raw, before.key, content_key(new_raw), when=draft.recorded
        )
        let_go = commit(before.path, new_raw, entry, over=before.as_read, landed=_told(outcome))
        if outcome is not None:
            outcome.let_go = let_go
        remember(before.path, new_raw, back[0], back[1])
        if outcome is not None and before.ids:  # (a file of measures: each written anew)
            from .blocks import why_whole
            from .codec import fast_loads

            outcome.rewritten = why_whole(raw, fast_loads())
        return count_comments(raw.decode("utf-8"))
    pieces, layout, replaced, placed = splice(raw, layout, header, draft.header_changed, changes)
    # (the new file is written and hashed in its pieces: never a second copy of it)
    if not replaced:
        return None  # every piece is the old file's own: nothing changed
    _check_pieces(pieces[0], placed, layout, header, changes, label, raw[: layout.header_end])
    new_key = content_key(pieces)
    entry = {
        "when": (draft.recorded or now()).isoformat(),  # (as the file holds it, moved later)
        "change": description,
        "before": before.key,
        "after": new_key,
        "splices": [[start, end, old.decode("utf-8")] for start, end, old in replaced],
    }
    let_go = commit(before.path, pieces, entry, over=before.as_read, landed=_told(outcome))
    if outcome is not None:
        outcome.let_go = let_go
    size = sum(len(piece) for piece in pieces)
    bring_cache_up(before, draft, new_key, size, header, _digested(before, layout, placed))
    # (a block written anew keeps its heading's comments: they are not counted)
    return _comments_gone([old for _, _, old in replaced], placed)


def _comments_gone(olds: list[bytes], placed: dict[str, bytes | memoryview]) -> int:
    """How many hand-written comments the replaced `olds` held that the blocks written
    anew (the `placed` ones that are bytes, not the old file's view) do not."""
    gone = Counter[str]()
    for old in olds:
        if b"#" in old:
            gone.update(comments(old.decode("utf-8")))
    if gone:
        for block in placed.values():
            if isinstance(block, bytes) and b"#" in block:
                gone.subtract(comments(block.decode("utf-8")))
    return sum(n for n in gone.values() if n > 0)


# A `measures` key of the header's own (`measures = []`, written by hand): no block of
# measures may follow it.
_MEASURES_KEY = re.compile(rb"""(?m)^[ \t]*["']?measures["']?[ \t]*[=.]""")


def _header_alone(raw: bytes) -> bool:
    """Whether `raw`, a file of no measure, is a header that blocks of measures may follow
    as they are: no array of tables, and no `measures` key of its own."""
    return b"[[" not in raw and _MEASURES_KEY.search(raw) is None


def _told(outcome: Outcome | None) -> Callable[[], None] | None:
    """What tells `outcome` the file is written, as soon as it is (an interrupt while
    the cache is brought up to date comes after the change)."""
    return None if outcome is None else outcome.wrote


def bring_cache_up(
    before: Snapshot,
    draft: Draft,
    key: str,
    size: int,
    header: Ledger,
    layout: Layout,
    *,
    as_read: AsRead | None = None,
) -> Snapshot:
    """Bring the cache from `before` to the file just written (content `key`, of `size`
    bytes, laid out so; `as_read`: a change another program wrote, as read): what the
    `draft`'s changes touched, and what they are or were once part of, derived again
    (`snapshots.update`), and the measures whose exchange links they record changes of
    anew (their `link_days`); the snapshot of the file now."""
    from ..changes import link_changes_by_other
    from ..lifecycle import wholes_over_time

    changes = draft.changes()
    after = draft.index()
    was_index = draft.before()
    affected: set[str] = set()
    for ident in changes:
        affected.add(ident)
        affected.update(wholes_over_time(after, ident))
        affected.update(wholes_over_time(was_index, ident))
        was, now = (
            {} if m is None else link_changes_by_other(m)
            for m in (was_index.get(ident), after.get(ident))
        )
        affected.update(
            other for other in was.keys() | now.keys() if was.get(other) != now.get(other)
        )
    return update(
        before, key, size, header, layout, changes, draft.before(), after, affected, as_read=as_read
    )


def _digested(before: Snapshot, layout: Layout, placed: dict[str, bytes | memoryview]) -> Layout:
    """`layout` with each block's digest: those placed anew digested, the others' kept
    from `before` (unless it kept none: then none is kept, and the next change made by
    another program has the file read anew)."""
    from .blocks import digest
    from .cache import read_digests

    old = read_digests(before.path, before.key, len(before.ids))
    if old is None:
        return layout
    was = dict(zip(before.ids, old, strict=True))
    return layout._replace(
        digests=[digest(placed[i]) if i in placed else was[i] for i in layout.ids]
    )


def splice(
    raw: bytes,
    layout: Layout,
    header: Ledger,
    header_changed: bool,
    changes: Mapping[str, Measure | bytes | None],
    head_text: bytes | None = None,
) -> tuple[
    list[bytes | memoryview],
    Layout,
    list[tuple[int, int, bytes]],
    dict[str, bytes | memoryview],
]:
    """The new file as pieces — the old bytes the change left alone (a piece for each
    run of them), the changed blocks rendered anew, a new measure placed before the
    first block whose id sorts after its own — its layout, what each rewritten range of
    the new file replaced (start, end, old bytes), in file order, and the block of each
    measure the change placed. A change given as bytes is that block's text as it is
    (a merge's, from the other side's file); `head_text`, the header's."""
    view = memoryview(raw)
    pieces: list[bytes | memoryview] = []
    replaced: list[tuple[int, int, bytes]] = []
    ids: list[str] = []
    lengths: list[int] = []
    # (what is written anew ends its lines so too; a file with no CR at all, the most
    # common, is told by one fast search for the byte, not for the pair)
    crlf = b"\r" in raw and b"\r\n" in raw and _all_crlf(raw)

    def block_of(m: Measure | bytes | None) -> bytes:
        text = _block(m)
        return text.replace(b"\n", b"\r\n") if crlf and not isinstance(m, bytes) else text

    old_header = raw[: layout.header_end]
    head = render_header(header).encode("utf-8") if header_changed else old_header
    if crlf and header_changed:
        head = head.replace(b"\n", b"\r\n")
    if head_text is not None:
        head = head_text
    pieces.append(head)
    if head != old_header:
        replaced.append((0, len(head), old_header))
    at = len(head)
    present = set(layout.ids)
    new = sorted(i for i, m in changes.items() if m is not None and i not in present)

    run = [0, 0]  # the old bytes kept as they are since the last change: one piece

    def flush() -> None:
        if run[1] > run[0]:
            pieces.append(view[run[0] : run[1]])
        run[0] = run[1] = 0

    placed: dict[str, bytes | memoryview] = {}

    def place(ident: str, block: bytes | memoryview, old: bytes | None) -> None:
        nonlocal at
        flush()
        pieces.append(block)
        placed[ident] = block
        ids.append(ident)
        lengths.append(len(block))
        if old is not None:
            replaced.append((at, at + len(block), old))
        at += len(block)

    for ident, start, end in layout.spans():
        while new and new[0] < ident:
            added = new.pop(0)
            place(added, block_of(changes[added]), b"")
        if ident not in changes:
            if run[1] != start:  # (blocks lie end to end: a new run only after a change)
                flush()
                run[0] = start
            run[1] = end
            ids.append(ident)
            lengths.append(end - start)
            at += end - start
            continue
        m = changes[ident]
        if m is None:  # removed: nothing in its place (its heading goes with it)
            replaced.append((at, at, raw[start:end]))
            continue
        block = block_of(m)
        if not isinstance(m, bytes):  # (its heading's comment lines, kept over it)
            block = raw[start : heading(view, start, end)] + block
        same = block == view[start:end]  # (a change that writes the same bytes: none)
        place(ident, view[start:end] if same else block, None if same else raw[start:end])
    for added in new:
        place(added, block_of(changes[added]), b"")
    flush()
    return pieces, Layout(len(head), ids, lengths), replaced, placed


def _block(m: Measure | bytes | None) -> bytes:
    assert m is not None
    return m if isinstance(m, bytes) else render_measure(m).encode("utf-8")


def _check_pieces(
    head: bytes | memoryview,
    placed: dict[str, bytes | memoryview],
    layout: Layout,
    header: Ledger,
    changes: dict[str, Measure | None],
    label: str,
    old_head: bytes,
) -> None:
    """Refuse to write rendered pieces that do not read back as intended: the header (if
    it changed) and every changed block, read as a file of their own. A header left as
    the file had it (read, and so validated, before) is not validated again: the
    blocks are read back under it, each as the measure intended."""
    text = [head]
    fresh: list[Measure] = []
    for ident in layout.ids:
        m = changes.get(ident)
        if m is not None:
            text.append(placed[ident])
            fresh.append(m)
    written = b"".join(text)
    if head == old_head and _blocks_read_back(written, fresh, label):
        return
    _read_back(written, header.model_copy(update={"measures": fresh}), label)


def _blocks_read_back(raw: bytes, expected: list[Measure], label: str) -> bool:
    """`_read_back` of blocks under a header already read (and so validated): whether
    they cut into blocks, one measure each (False: read them whole), and a
    `LedgerError` unless each reads back as exactly the measure intended."""
    from .codec import NOT_IN_BLOCKS, in_blocks

    try:
        found = in_blocks(raw)
        if found is None:
            return False
        back = [m for _, m in found.measures]
    except NOT_IN_BLOCKS:
        return False

    _refuse_unlike(back, expected, label)
    return True


def _refuse_unlike(
    back: list[Measure], expected: list[Measure], label: str, header_alike: bool = True
) -> None:
    """Refuse (a `LedgerError`) measures read back that are not exactly those intended,
    each in its canonical form, in id order (or a header read back unlike it)."""

    def canonical(m: Measure) -> dict[str, Any]:
        return Measure.model_validate(m.normalized().model_dump(by_alias=True)).model_dump()

    def by_id(m: Measure) -> str:
        return m.id

    # (a pair at a time: a change of every measure naming a party, 45,000 of 100,000,
    # held every measure three times over to compare them)
    alike = (
        header_alike
        and len(back) == len(expected)
        and all(
            b.model_dump() == canonical(e)
            for b, e in zip(sorted(back, key=by_id), sorted(expected, key=by_id), strict=True)
        )
    )
    if not alike:  # pragma: no cover - a bug
        raise LedgerError(f"{label}: internal check failed (written form differs), nothing written")


def commit(
    path: Path,
    raw: bytes | list[bytes | memoryview],
    entry: dict[str, Any] | None,
    *,
    over: AsRead | None,
    create: bool = False,
    landed: Callable[[], None] | None = None,
) -> journal.LetGo | None:
    """Make `raw` the ledger at `path` (call with the lock held): the journal entry for
    undo first (fsynced: a change that cannot be undone is not made), then the atomic
    replace, made only if the file still holds the content the change was made `over`
    (the lock keeps dprk out, not an editor): else `LedgerChanged`, and the command
    runs again on the file as it now is. A journal entry whose change never landed is
    skipped by undo. Once the file is in place, the journal is told so and `landed` is
    called: Ctrl-C is held from the write until then (`interrupts_held`), so that an
    interrupted command knows whether its change was made, and the journal says so.
    The caller brings the cache up to date. A file made read-only is refused before
    anything is written. What the journal let go to keep the entry, where it let a change
    go (`journal.trim`), for the command to say."""
    if not create:
        refuse_read_only(path)
    size = journal.append(path, entry) if entry is not None else None
    check = None if over is None else partial(over.check, path)
    with interrupts_held():
        try:
            atomic_write(path, raw, create=create, check=check)
        except BaseException:  # (raised before the file was replaced: it did not land)
            if size is not None:
                journal.take_back(path, size)
            raise
        let_go = None
        if entry is not None:
            journal.landed(path, entry)
            let_go = journal.trim(path)  # (once the change has landed: see `journal`)
        if landed is not None:
            landed()
    return let_go


def create(
    path: Path,
    ledger: Ledger,
    *,
    force: bool,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    description: str = "init --force",
    outcome: Outcome | None = None,
) -> Literal["created", "replaced", "unchanged"]:
    """Write a new ledger at `path`; refuses to replace an existing file unless `force`.
    A replaced file is journalled, so that `dprk undo` brings it back byte for byte
    (`description`: the command as given, which undo names; an `init`). What was done to
    the file: a file that holds the very bytes is left alone, journalled for no undo, as
    any change that changes nothing (`write_change`). `outcome` is told what the journal
    let go to keep the replaced file's entry (`commit`), for the command to say."""
    label = str(path)
    if path.exists():
        check_ledger(path)  # (a folder, a device, a FIFO: no ledger, nothing made beside it)
    missing = no_folder(path)
    if missing is not None:
        raise LedgerError(f"{label}: {missing}")
    if path.exists() and not force:
        raise DprkError(f"{label}: a ledger already exists here; use --force to replace it")
    raw = render_ledger(ledger).encode("utf-8")
    written, layout = _read_back(raw, ledger, label)
    with ledger_lock(path, lock_timeout):
        sweep_temporaries(path)
        replaced = path.exists()
        if replaced and not force:
            raise DprkError(f"{label}: a ledger already exists here; use --force to replace it")
        entry, over = None, None
        if replaced:
            old, over = AsRead.read(path, ledger=False)
            if old == raw:
                return "unchanged"
            entry = journal.raw_entry(description, old, over.key, content_key(raw))
        let_go = commit(path, raw, entry, over=over, create=not replaced)
        if outcome is not None:
            outcome.let_go = let_go
        if not replaced:  # (a new ledger: the changes kept were of another file, gone)
            journal.begin_anew(path)
        # The cache holds the file as read back (measures sorted, lists in canonical
        # order), not `ledger` as given: what is served must be what the file says.
        remember(path, raw, written, layout)
    return "replaced" if replaced else "created"


def example(name: str) -> bytes:
    """The bytes of a ledger bundled with dprk (`dprk init --example NAME`)."""
    from importlib import resources

    return (resources.files("dprk_cli.examples") / f"{name}.toml").read_bytes()


def write_merged(
    target: Path,
    ledger: Ledger,
    ours: Side | None = None,
    base: Side | None = None,
    theirs: Side | None = None,
) -> int:
    """Write a merge result where git asked for it (its own temporary file, or --output):
    through the one commit, without journal or cache (git owns that file). Given `ours`
    (our side, as read), only what the merge changed in it is written anew, as by any
    change: the rest of our file, its comments included, stays as it was. Given `base`
    and `theirs` too, a measure (or the header) the merge took as they have it, and that
    our side left as it was in the base, keeps their text: comments and layout they
    wrote are merged as git's own merge would. How many hand-written comments the parts
    written anew held. Our side's lines ended CRLF, so are the merged file's (a side
    whose lines all end so is merged as if ended LF, its blocks found, and then ended
    as it was)."""
    label = str(target)
    if target.is_dir():
        raise LedgerError(f"{label}: {a_folder()}")
    crlf = ours is not None and _all_crlf(ours.raw)
    ours, base, theirs = (_ended_lf(side, label) for side in (ours, base, theirs))
    found = None
    if ours is not None:
        verbatim = _their_text(ledger, ours, base, theirs)
        found = _onto(ours, ledger, *verbatim)
        if found is not None and verbatim != ({}, None):
            try:
                _read_back(found[0], ledger, "merged ledger")
            except LedgerError:  # (their text did not read back as merged: written anew)
                found = _onto(ours, ledger)
    if found is None:
        raw = render_ledger(ledger).encode("utf-8")
        lost = Counter(comments(ours.raw.decode("utf-8"))) if ours is not None else Counter()
    else:
        raw, lost = found
    _read_back(raw, ledger, "merged ledger")
    if theirs is not None:  # (what their side wrote, and the merged text has not)
        had = Counter(comments(base.raw.decode("utf-8"))) if base is not None else Counter()
        wrote = Counter(comments(theirs.raw.decode("utf-8"))) - had
        lost |= wrote - Counter(comments(raw.decode("utf-8")))
    if crlf:  # (as a write keeps a file's CRLF: the writer breaks no string)
        raw = raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        _read_back(raw, ledger, "merged ledger")
    commit(target, raw, None, over=None, create=not target.exists())
    return sum(lost.values())


def _all_crlf(raw: bytes) -> bool:
    """Whether every line of `raw` ends as Windows ends them (CRLF)."""
    return raw.count(b"\r\n") == raw.count(b"\n") > 0


def _ended_lf(side: Side | None, label: str) -> Side | None:
    """A side whose lines all end CRLF as if they ended LF alone, read again so that its
    blocks are found (a side that does not read so is taken as it is)."""
    if side is None or not _all_crlf(side.raw):
        return side
    raw = side.raw.replace(b"\r\n", b"\n")
    try:
        ledger, layout = read_standing(raw, label)
    except DprkError:  # pragma: no cover - a CRLF side reads as its LF self
        return side
    return Side(raw, ledger, layout) if ledger == side.ledger else side


def _texts(side: Side | None) -> tuple[dict[str, bytes], bytes] | None:
    """A side's block of each measure, and its header, as written (None: it does not cut
    into blocks, or holds an id twice)."""
    if side is None or side.layout is None or len(set(side.layout.ids)) != len(side.layout.ids):
        return None
    raw = side.raw
    blocks = {ident: raw[start:end] for ident, start, end in side.layout.spans()}
    return blocks, raw[: side.layout.header_end]


def _their_text(
    ledger: Ledger, ours: Side, base: Side | None, theirs: Side | None
) -> tuple[dict[str, bytes], bytes | None]:
    """The blocks (and the header) of the merged `ledger` to write as their side wrote
    them: each the merge took as they have it, and that our side left as the base had it
    (its text, comments and all) while theirs wrote it otherwise."""
    mine, old, their = _texts(ours), _texts(base), _texts(theirs)
    if mine is None or their is None or theirs is None:
        return {}, None
    was = old if old is not None else ({}, b"")
    index = theirs.ledger.index()
    blocks = {}
    for ident, m in ledger.index().items():
        text = their[0].get(ident)
        if text is None or index.get(ident) != m:
            continue
        ours_text = mine[0].get(ident)
        if ours_text != text and ours_text == was[0].get(ident):
            blocks[ident] = text
    head = None
    header = ledger.model_copy(update={"measures": []})
    if (
        mine[1] != their[1]
        and mine[1] == was[1]
        and header == theirs.ledger.model_copy(update={"measures": []})
    ):
        head = their[1]
    return blocks, head


def _onto(
    ours: Side,
    ledger: Ledger,
    verbatim: Mapping[str, bytes] | None = None,
    head: bytes | None = None,
) -> tuple[bytes, Counter[str]] | None:
    """`ledger` written over our side's file: the blocks of the measures it changed,
    added or removed, and the header if that changed (the `verbatim` blocks, and `head`,
    as given), with the comments those held that the new text does not (None: our file
    does not cut into blocks, and is written whole)."""
    mine, layout = ours.ledger, ours.layout
    if layout is None or len(set(layout.ids)) != len(layout.ids):
        return None  # (an id twice in our file: the merge keeps one)
    before, after = mine.index(), ledger.index()
    changes: dict[str, Measure | bytes | None] = {
        ident: m for ident, m in after.items() if before.get(ident) != m
    }
    changes.update((ident, None) for ident in before if ident not in after)
    changes.update(verbatim or {})
    header = ledger.model_copy(update={"measures": []})
    header_changed = header != mine.model_copy(update={"measures": []})
    pieces, _, replaced, _ = splice(ours.raw, layout, header, header_changed, changes, head)
    raw = b"".join(pieces)
    dropped: Counter[str] = Counter()
    for start, end, old in replaced:
        dropped += Counter(comments(old.decode("utf-8"))) - Counter(
            comments(raw[start:end].decode("utf-8"))
        )
    return raw, dropped


def _refuse_duplicates(
    ids: list[str],
    label: str,
    lines: Callable[[], dict[str, list[int]]] | None = None,
    *,
    merging: bool = False,
) -> None:
    """Refuse a file that gives an id to two measures, naming the lines their blocks begin
    on (`lines`, asked only then: `Snapshot.lines_twice`)."""
    from ..rules import lines_said
    from ..vocab import given_twice

    twice = given_twice(ids)
    if not twice:
        return
    if merging:  # (the driver's caller says how to mend a side and merge again)
        raise LedgerError(
            f"{label}: measure id '{twice[0]}' appears twice, and a merge keeps one measure "
            "for each id"
        )
    at = lines_said(lines().get(twice[0], [])) if lines is not None else ""
    raise LedgerError(
        f"{label}: measure id '{twice[0]}' appears twice{at}; rename one by hand before "
        "changing the ledger ('dprk check' lists such problems)"
    )


def _read_back(raw: bytes, expected: Ledger, label: str) -> tuple[Ledger, Layout | None]:
    """Refuse to write bytes that do not parse back to exactly the intended ledger; the
    ledger they parse back to, and its layout."""
    try:
        back, layout = read_standing(raw, label)
    except DprkError as exc:  # pragma: no cover - would be a bug in the writer
        raise LedgerError(
            f"{label}: internal check failed, nothing written: {exc.message}"
        ) from None
    intended = Ledger.model_validate(
        {
            "schema": expected.schema_,
            "title": expected.title,
            "parties": expected.parties,
            "conflicts": expected.conflicts,
            "ended": expected.ended,
            "ended_note": expected.ended_note,
        }
    )
    got = back.model_copy(update={"measures": []})
    _refuse_unlike(
        back.measures, expected.measures, label, got.model_dump() == intended.model_dump()
    )
    return back, layout
