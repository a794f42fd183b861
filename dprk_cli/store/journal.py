"""The undo journal: what each change replaced, so that `dprk undo` can put it back.

One JSON object a line in `.dprk/NAME.undo`, appended and fsynced before the
ledger is replaced. Each entry names the ledger content it was made from and
the content it produced; an entry whose change never landed (the write
failed after the journal was written) is recognised and skipped.

An append either adds one whole line or, on failure, takes back what it
wrote; a line torn by a killed process is closed off before the next entry,
so that it never swallows it; a torn last line, and a line that is not as dprk
writes one (damaged by hand: broken JSON, or JSON of another shape), are found as
such (`read`), and undo names them rather than guess. The journal keeps the last `KEEP` entries, and
fewer when they are large (a hand-formatted ledger's entry holds its whole text):
it is cut back once a change has landed, never for one that may not (a write
killed before it replaced the ledger takes no older entry with it), and a
journal cut back says so in its first line (`TRIMMED`), so that undo can tell
"nothing was recorded" from "the older changes were let go".
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import LedgerError
from .fs import write_side_file
from .paths import ensure_side_dir, side_file

if TYPE_CHECKING:
    from datetime import datetime

KEEP = 100
TRIM_AT = 16 * 2**20  # bytes; past this the journal is cut back to its newest entries
TRIMMED = "trimmed"  # the key of the first line of a journal cut back: {"trimmed": true}
# The key of the line that follows an entry once its change has landed ({"landed": KEY},
# KEY the content it produced), kept in the entry itself ("landed": true) when the
# journal is written again: a ledger found as it was before a change that landed was
# put back outside dprk (git, an editor), not left so by a write that never landed.
LANDED = "landed"
# The key of every entry this dprk writes ("tells": true): its landing is told (the
# `landed` line). An entry an earlier dprk wrote has none, and no landing told: found
# with the file as it was before it, it is taken for a change that landed and was put
# back (by git), never for a write that did not land, which would be a guess.
TELLS = "tells"
# The key of the one line of a journal whose every change was taken back ({"emptied":
# true}): an empty journal, or one of no line dprk wrote, is damaged, and undo says so
# (rather than that every change was taken back).
EMPTIED = "emptied"
# The key an undo adds to the entries of changes the ledger no longer holds (put back by
# git, an editor), with the content it found: the next undo at that content lets them
# go and takes back the change before; the file holding them again, they are undone.
PUT_BACK = "put_back"
# The key (true) an undo adds to the entries of changes it passed over to take back an
# older one, made to a version of the file that is gone (a hand edit thrown away, another
# branch): later undos judge the ledger by the change before them, not by them; the file
# holding them again, they are undone.
PASSED_OVER = "passed_over"


def append(ledger: Path, entry: dict[str, Any]) -> int:
    """Add one entry durably; a failure aborts the change before the ledger is touched.
    The journal's size before it (`take_back` cuts the entry off again)."""
    line = _line({**entry, TELLS: True})
    size = 0
    try:
        ensure_side_dir(ledger)
        path = side_file(ledger, "undo")
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC, 0o644)
        try:
            size = os.fstat(fd).st_size
            if size and os.pread(fd, 2, 0) != b'{"' and not _lines_of(os.pread(fd, size, 0)).found:
                # (no line of it one dprk wrote: undo says it could not be read, and that
                # the changes from here on can be undone; they begin it anew)
                os.ftruncate(fd, 0)
                size = 0
            if size and os.pread(fd, 1, size - 1) != b"\n":
                line = b"\n" + line  # the last writer was killed mid-line
            try:
                view = memoryview(line)
                while view:
                    view = view[os.write(fd, view) :]
                os.fsync(fd)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, size)  # take back a partial line
                raise
        finally:
            os.close(fd)
    except OSError as exc:
        raise LedgerError(
            f"{ledger}: cannot write the undo journal, ledger left unchanged: {exc.strerror or exc}"
        ) from None
    return size


def begin_anew(ledger: Path) -> None:
    """Start the journal (and what `dprk redo` keeps) anew for a ledger `dprk init` made
    where there was none: the changes kept were of a file deleted or moved away, which
    undo could not take back, and would blame a hand edit of the new one for it. (An
    `init --force` over a ledger is a change like any other: journalled, not this.)"""
    for kind in ("undo", "redo"):
        with contextlib.suppress(OSError):
            side_file(ledger, kind).unlink()


def take_back(ledger: Path, size: int) -> None:
    """Cut off the entry appended last, the journal `size` bytes long before it: its change
    did not land (a full disk), and would otherwise hold on to its place for good. A
    journal the entry began is removed (left empty, it would read as damaged)."""
    with contextlib.suppress(OSError):
        if not size:
            side_file(ledger, "undo").unlink()
            return
        fd = os.open(side_file(ledger, "undo"), os.O_WRONLY | os.O_CLOEXEC)
        try:
            os.ftruncate(fd, size)
        finally:
            os.close(fd)


def landed(ledger: Path, entry: dict[str, Any]) -> None:
    """Say that the change of the entry appended last has landed (not made durable: a
    line lost in a crash leaves the entry as one whose change may not have landed)."""
    line = _line({LANDED: entry.get("after")})
    with contextlib.suppress(OSError):
        fd = os.open(side_file(ledger, "undo"), os.O_WRONLY | os.O_APPEND | os.O_CLOEXEC)
        try:
            os.write(fd, line)
        finally:
            os.close(fd)


class LetGo(NamedTuple):
    """What cutting the journal back did: how many changes it let go, how many it keeps."""

    let_go: int
    kept: int


def trim(ledger: Path) -> LetGo | None:
    """Cut the journal back to its newest entries once it is past `TRIM_AT` (call once
    the change last appended has landed); what it let go and kept, where it let a change
    go (None: none), for the write to say (undo can no longer go back past them)."""
    try:
        size = side_file(ledger, "undo").stat().st_size
    except OSError:
        return None
    if size <= TRIM_AT:
        return None
    found = changes(entries(ledger))
    kept = len(_newest(found))
    if not rewrite(ledger, found, trimmed=True) or kept >= len(found):
        return None
    return LetGo(len(found) - kept, kept)


def changes(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The entries of changes, without the line that says the journal was cut back; each
    entry whose change landed says so ("landed": true)."""
    kept: list[dict[str, Any]] = []
    for item in found:
        if LANDED in item and len(item) == 1:
            if kept and item[LANDED] == kept[-1].get("after"):
                kept[-1] = {**kept[-1], LANDED: True}
        elif TRIMMED not in item and EMPTIED not in item:
            kept.append(item)
    return kept


def has_landed(entry: dict[str, Any]) -> bool:
    """Whether the change of `entry` is known to have landed, or, written by an earlier
    dprk that told no landing (`TELLS`), may be taken to have."""
    return bool(entry.get(LANDED)) or not entry.get(TELLS)


def was_trimmed(found: list[dict[str, Any]]) -> bool:
    """Whether the journal was cut back (older changes were let go)."""
    return bool(found) and TRIMMED in found[0]


def raw_entry(
    change: str, old: bytes, before: str, after: str, *, when: datetime | None = None
) -> dict[str, Any]:
    """An entry that keeps the whole old file (a hand-formatted ledger, or a file that
    `init --force` replaced): as text, or base64 for bytes that are not UTF-8. `when`: the
    time the ledger holds for the change, where not the clock's (`Draft.recorded`)."""
    from ..clock import now

    entry: dict[str, Any] = {
        "when": (when or now()).isoformat(),
        "change": change,
        "before": before,
        "after": after,
    }
    try:
        entry["raw"] = old.decode("utf-8")
    except UnicodeDecodeError:
        import base64

        entry["raw_b64"] = base64.b64encode(old).decode("ascii")
    return entry


def _line(entry: dict[str, Any]) -> bytes:
    try:
        return (json.dumps(entry, ensure_ascii=False, default=str) + "\n").encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: keep it as a JSON escape
        return (json.dumps(entry, default=str) + "\n").encode("ascii")


def kept(ledger: Path) -> bool:
    """Whether the ledger has a journal (dprk recorded a change of it, which may all have
    been taken back since), as against none (none made, or its folder removed)."""
    return side_file(ledger, "undo").is_file()


def unreadable(ledger: Path, found: list[dict[str, Any]]) -> bool:
    """Whether the ledger's journal, of which `entries` `found` what it did, is there but
    could not be read: no line of it one dprk wrote (damaged), or the file not read at
    all. (dprk leaves a line in a journal whose every change was taken back: `EMPTIED`;
    an empty one is how earlier versions left it, and reads as such.)"""
    if found or not kept(ledger):
        return False
    try:
        return side_file(ledger, "undo").stat().st_size > 0
    except OSError:
        return True


class Read(NamedTuple):
    """The journal as read: its entries, and what was found wrong in it."""

    found: list[dict[str, Any]]  # each line that is a JSON object (damaged or not), oldest first
    # (the first line that is not a line dprk writes, nor one a write cut short: its
    # number, from 1, and what is wrong with it; None when there is none)
    damaged: tuple[int, str] | None
    torn: int | None  # the number of the last line, when it was cut short (else None)


def entries(ledger: Path) -> list[dict[str, Any]]:
    """The journal's entries, oldest first; a torn line is ignored."""
    return read(ledger).found


def read(ledger: Path) -> Read:
    """The journal's entries, oldest first, and what is wrong in it. A line that is no
    JSON is torn where a write killed mid-line leaves one (the last line, not ended; or
    one the next entry closes off, `_cut_short`: ignored); any other (broken JSON, or
    JSON but not as dprk writes a line: an entry, or the line that says one landed,
    `_damage`) was damaged by hand. A blank line holds nothing, and is passed over."""
    try:
        data = side_file(ledger, "undo").read_bytes()
    except OSError:
        return Read([], None, None)
    return _lines_of(data)


def _lines_of(data: bytes) -> Read:
    """`read` of a journal that holds `data`."""
    text = data.decode("utf-8", errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # (as a file read as text)
    found = []
    damaged = None
    lines = text.split("\n")  # (not splitlines: a title may hold U+2028)
    torn = None
    for number, line in enumerate(lines, 1):
        try:
            item = json.loads(line)
        except (ValueError, RecursionError):
            if not line.strip():
                continue  # (a blank line holds nothing)
            if number == len(lines):  # (the last line, not ended: a write to it cut short)
                torn = number
            elif not _cut_short(line, lines[number]) and damaged is None:
                damaged = (number, "it is not valid JSON")
            continue
        wrong = _damage(item)
        if wrong is not None and damaged is None:
            damaged = (number, wrong)
        if isinstance(item, dict):  # (a damaged one too: kept, should the journal be cut back)
            found.append(item)
    return Read(found, damaged, torn)


def _cut_short(line: str, following: str) -> bool:
    """Whether `line`, no JSON, and ended, may be what a write killed mid-line left: the
    next entry's write closes it off (`append`) and goes on after it. Such a line begins
    as dprk's lines do, and what follows it is that write's line: not the line that says
    a change landed (written once its entry was whole), nor nothing (a line is ended by
    its own last byte, which a write cut short never wrote). Any other line that is no
    JSON was damaged by hand."""
    if not '{"'.startswith(line[:2]) or not following.strip():
        return False
    try:
        item = json.loads(following)
    except (ValueError, RecursionError):
        return True  # (cut short in turn, or damaged: that line is judged on its own)
    return not (isinstance(item, dict) and len(item) == 1 and LANDED in item)


_ENTRY_KEYS = ("when", "change", "before", "after")  # (text, in every entry dprk writes)
_REPLACED = ("splices", "raw", "raw_b64", "measures")  # (what the change replaced: one)


def _damage(item: object) -> str | None:
    """What makes a line of the journal, read as JSON, not one dprk writes (an entry;
    the line that says its change landed; the first line of a journal cut back, or of
    one every change was taken back from); None when it is one."""
    if not isinstance(item, dict):
        return "not a JSON object"
    if len(item) == 1 and next(iter(item)) in (LANDED, TRIMMED, EMPTIED):
        key, value = next(iter(item.items()))
        if key == LANDED and not isinstance(value, str):
            return f"its '{key}' is {_shown(value)}, not a content of the ledger"
        if key != LANDED and value is not True:
            return f"its '{key}' is {_shown(value)}, not true"
        return None
    for key in _ENTRY_KEYS:
        if key not in item:
            return f"it has no '{key}'"
        value = item[key]
        if key == "when" and not _a_time(value):
            return f"its 'when' is {_shown(value)}, not a date and time"
        if not isinstance(value, str):
            return f"its '{key}' is {_shown(value)}, not text"
    if not any(key in item for key in _REPLACED):
        return "it holds nothing of what the change replaced"
    return None


def _a_time(value: object) -> bool:
    from datetime import datetime

    if not isinstance(value, str):
        return False
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _shown(value: object) -> str:
    """A value found in the journal, as JSON, cut short past 40 characters."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 40 else text[:37] + "..."


def rewrite(
    ledger: Path, kept: list[dict[str, Any]], *, trimmed: bool = False, cut: bool = True
) -> bool:
    """Replace the journal with the changes `kept` (after an undo, or to trim it); whether
    it was. `trimmed`: older changes were let go already.

    Keeps at most the newest `KEEP` entries, and only as many of those as fit
    in half of `TRIM_AT`; the newest entry is always kept. `cut` False (an undo, which
    takes changes away and adds none): every one of `kept`, so that an undo lets no older
    change go in silence; the write that adds past the size cuts it back, and says so.
    A journal that cannot be rewritten keeps its old entries, which undo recognises (see
    `undo`).
    """
    lines = _newest(kept) if cut else [_line(item) for item in kept]
    if trimmed or len(lines) < len(kept):
        lines.insert(0, _line({TRIMMED: True}))
    if not lines:  # (every change taken back: said, as an empty file is not)
        lines.append(_line({EMPTIED: True}))
    return write_side_file(side_file(ledger, "undo"), b"".join(lines))


def _newest(kept: list[dict[str, Any]]) -> list[bytes]:
    """The lines of the newest of `kept` a journal keeps, oldest first: at most `KEEP`,
    and only as many as fit in half of `TRIM_AT`, the newest always (the undo journal
    and what `dprk redo` keeps are bounded alike)."""
    lines: list[bytes] = []
    total = 0
    for item in reversed(kept[-KEEP:]):
        line = _line(item)
        total += len(line)
        if lines and total > TRIM_AT // 2:
            break
        lines.append(line)
    return lines[::-1]


# What `dprk redo` puts back: `.dprk/NAME.redo`, one JSON object a line, the change the
# last undo took back last. Each holds the journal's entry of the change (`entry`: journalled
# again by the redo, so that undo takes it back again), the ledger's content the undo left
# (`before`) and the one the redo brings back (`after`), what to write over the first to
# make the second (`splices`: ranges of the file the undo left and the text each takes;
# or the whole file, `raw` or `raw_b64`), and the journal's newest change then (`since`:
# a change dprk made after the undo ends what can be redone, even one put back by hand).
# Kept as the journal is: the newest `KEEP`, in half of `TRIM_AT`.


def identity(entry: dict[str, Any] | None) -> list[str] | None:
    """What tells one change of the journal from another (its time, command and contents),
    kept with a redo as the journal's newest change then; None for none."""
    if entry is None:
        return None
    return [str(entry.get(key)) for key in _ENTRY_KEYS]


def newest(kept: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The newest of the journal's changes (`changes`) known to have landed, or None."""
    return next((e for e in reversed(kept) if has_landed(e)), None)


def redos(ledger: Path) -> list[dict[str, Any]]:
    """What `dprk redo` can put back, the last undone last; a line that is not one dprk
    wrote (damaged, or cut short) lets go of what is above it, which is not trusted
    either: only the lines below it are kept (a cut-short last line keeps none)."""
    try:
        data = side_file(ledger, "redo").read_bytes()
    except OSError:
        return []
    found: list[dict[str, Any]] = []
    for line in data.decode("utf-8", errors="replace").split("\n"):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except (ValueError, RecursionError):
            item = None
        if not (isinstance(item, dict) and isinstance(item.get("entry"), dict)):
            found = []  # (a damaged line: what came before it is not trusted either)
            continue
        found.append(item)
    return found


def rewrite_redos(ledger: Path, kept: list[dict[str, Any]]) -> None:
    """Keep `kept` for `dprk redo` (the newest `KEEP`, as many as fit in half of
    `TRIM_AT`, the newest always); none: the file goes."""
    path = side_file(ledger, "redo")
    if not kept:
        with contextlib.suppress(OSError):
            path.unlink()
        return
    write_side_file(path, b"".join(_newest(kept)))


def push_redo(ledger: Path, item: dict[str, Any], undone: dict[str, Any], left: str) -> None:
    """Keep `item` for `dprk redo`, the undo of the change `undone` having taken the ledger
    from content `left`: above those kept already, where the last of them was left by the
    undo just before this one (else a change made since ended what could be redone, and
    they go)."""
    kept = redos(ledger)
    if kept and (kept[-1].get("since") != identity(undone) or kept[-1].get("before") != left):
        kept = []
    rewrite_redos(ledger, [*kept, item])


def kept_mb() -> int:
    """About what a journal cut back keeps, in MB, as the lines that say so give it (read
    from `TRIM_AT` when asked)."""
    return TRIM_AT // 2**21
