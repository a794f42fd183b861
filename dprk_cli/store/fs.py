"""File-system primitives: reading a file, the lock, the one atomic write, sweeping.

Every function here either completes or leaves the ledger as it was. The lock
is taken on a separate file (`.dprk/NAME.lock`), never on the ledger itself,
because an atomic rename swaps the ledger's inode under any lock held on it.
A process that dies holding the lock loses it with its descriptors; a process
that dies while writing leaves at most a temporary file beside the ledger,
which the next writer sweeps away while it holds the lock.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import math
import os
import re
import stat
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import LedgerError, LedgerLocked, LedgerNotRead, LedgerUnreadable, UsageError
from .paths import SIDE_DIR, ensure_side_dir, real_path, short_name, side_file

MAX_BYTES = 256 * 1024 * 1024  # no ledger is larger: a bigger file is something else
TEMP_MARK = ".dprk-tmp-"
# Side-file temporaries (cache, journal) may be written by read-only commands,
# which hold no lock: only those clearly abandoned are swept.
SIDE_TEMP_AGE = 60.0
MAX_NAP = 0.01  # seconds between tries for a held lock


def create_hint(path: Path) -> str:
    """How to create the ledger at `path`: 'dprk init', or with --ledger for another file."""
    from ..vocab import LEDGER_FILENAME

    if str(path) == LEDGER_FILENAME:
        return "run 'dprk init' to create one"
    near = _file_near(path)
    if near is not None:  # (a typo of a ledger's name: it, before a stray new one)
        return f"did you mean {near}? If not, run '{init_command(path)}' to create it"
    return no_folder(path) or f"run '{init_command(path)}' to create it"


def _file_near(path: Path) -> str | None:
    """A TOML file in `path`'s folder whose name is near `path`'s (a typo, 'dprk-ledgr.toml'
    for 'dprk-ledger.toml'), as `path` names its folder; None when there is none."""
    import difflib

    try:
        names = [f.name for f in path.parent.iterdir() if f.suffix == ".toml" and f.is_file()]
    except OSError:
        return None
    near = difflib.get_close_matches(path.name, names, n=1, cutoff=0.8)
    return str(path.with_name(near[0])) if near else None


def init_command(path: Path) -> str:
    """The command that makes a ledger at `path`: 'dprk init' in this folder (which is
    where it makes one, never in a parent), else with --ledger."""
    from ..vocab import LEDGER_FILENAME, shell_word

    if str(path) == LEDGER_FILENAME:
        return "dprk init"
    return f"dprk --ledger {shell_word(str(path))} init"


def no_folder(path: Path) -> str | None:
    """Why a file cannot be made at `path` for want of its folder, or None: the folder
    does not exist, or is a file."""
    if path.parent.is_dir():
        return None
    if path.parent.exists():
        return f"{path.parent} is not a folder"
    return f"folder {path.parent} does not exist"


def a_folder(*, ledger: bool = True) -> str:
    """The error of a folder named where a (ledger) file goes, to read or to write (a
    report's --output), in words after its name: what to name instead, as for a name
    that ends in a separator ('fold/': `cli.app._named_file`)."""
    return f"is a folder, not {'a ledger' if ledger else 'a'} file; name a file in it"


def check_ledger(path: Path) -> None:
    """Fail, without touching anything, if `path` cannot be a ledger to change."""
    label = str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise LedgerNotRead(label, f"no such ledger; {create_hint(path)}") from None
    except OSError as exc:
        raise LedgerNotRead(label, f"cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise LedgerNotRead(label, a_folder())
    if not stat.S_ISREG(info.st_mode):  # (a device, a FIFO: nothing is made beside it)
        raise LedgerNotRead(label, "is not a regular file")


def read_file(path: Path, *, label: str | None = None, ledger: bool = True) -> bytes:
    """A file's bytes, or a one-line reason they cannot be read (the one place files
    are read). Only regular files are read (a FIFO or a device would hang or never
    end), never more than the size cap; a `ledger` that is empty is refused too."""
    return read_file_and_stat(path, label=label, ledger=ledger)[0]


def read_file_and_stat(
    path: Path, *, label: str | None = None, ledger: bool = True
) -> tuple[bytes, os.stat_result]:
    """`read_file`, and the status of the file the bytes were read from."""
    label = label or str(path)

    def not_read(text: str) -> LedgerError:  # (a ledger's: `check` lists it as the file's)
        return LedgerNotRead(label, text) if ledger else LedgerError(f"{label}: {text}")

    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer that never comes.
        with open(path, "rb", opener=_open_nonblocking) as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise not_read("is not a regular file")
            if info.st_size > MAX_BYTES:
                raise _too_big(label, MAX_BYTES)
            # (asked for what the status says, and one more byte: a larger request
            # would be allocated whole before the read shrinks it)
            data = handle.read(info.st_size + 1)
            if len(data) > info.st_size:  # grown meanwhile: the rest, up to the cap
                data += handle.read(MAX_BYTES + 1 - len(data))
    except FileNotFoundError:
        missing = f"no such ledger; {create_hint(path)}" if ledger else "no such file"
        if path.is_symlink():  # ('dprk init' would not make it: its folder may be missing)
            missing = f"no such ledger: it links to {real_path(path)}, which does not exist"
        raise not_read(missing) from None
    except IsADirectoryError:
        raise not_read(a_folder(ledger=ledger)) from None
    except PermissionError:
        raise not_read("permission denied") from None
    except OSError as exc:
        raise not_read(f"cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise _too_big(label, MAX_BYTES)
    if ledger:
        refuse_blank(data, path, label)
    return data, info


def refuse_blank(data: bytes, path: Path, label: str) -> None:
    """Refuse ledger bytes that are empty, blank or comments alone (check's error of the
    file: TOML reads them as an empty table, which the models would take for a ledger).
    Every read of the file asks it, and so does undo of the file `init --force` replaced."""
    if not data or data.isspace() or re.match(_COMMENTS_ONLY, data):
        # (what a failed write by another tool leaves, or a copy cut short after its
        # first comment: no title, no parties, no schema)
        said = "is empty" if not data or data.isspace() else "holds only comments"
        raise LedgerUnreadable.of_file(
            label,
            f"file {said}, not a ledger; restore it (from git or a backup) "
            f"or start a new one with '{init_command(path)} --force'",
        )


# A file of blank lines and comments alone (matched, or not, at its first other line;
# compiled when first asked, not by every command's start).
_COMMENTS_ONLY = rb"(?:[ \t\r]*(?:#[^\n]*)?\n)*[ \t\r]*(?:#[^\n]*)?\Z"


def regular_file_stat(path: Path) -> os.stat_result | None:
    """The status of the regular file at `path` (symlinks followed), or None for anything
    else, missing included (`read_file` then says what is wrong)."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info if stat.S_ISREG(info.st_mode) else None


def other_than_html(path: Path) -> bool:
    """Whether `path` is an existing file, not empty, that neither is named as an HTML
    page nor begins as one: a file a page is not to be written over (another ledger
    named by a slip of the hand)."""
    if path.name.lower().endswith((".html", ".htm")) or regular_file_stat(path) is None:
        return False
    try:
        with open(path, "rb", opener=_open_nonblocking) as handle:
            start = handle.read(1024)
    except OSError:
        return False  # (the write says what is wrong)
    start = start.removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    return bool(start) and not start.startswith((b"<!doctype html", b"<html"))


def _open_nonblocking(path: str, flags: int) -> int:
    return os.open(path, flags | os.O_NONBLOCK | os.O_CLOEXEC)


def _too_big(label: str, cap: int) -> LedgerError:
    return LedgerUnreadable.of_file(
        label, f"file is larger than {cap // 2**20} MiB; is it a ledger?"
    )


def _no_lock(ledger: Path, lock_path: Path, exc: OSError) -> str:
    """Why the lock beside `ledger` cannot be made, naming what is in the way."""
    side = lock_path.parent
    if not side.parent.is_dir():  # (a symlink to a file in a folder that is not there)
        return f"{ledger}: links to {real_path(ledger)}, in a folder that does not exist"
    shown = side if ledger.is_symlink() else ledger.parent / SIDE_DIR  # (as it was named)
    said = exc.strerror or str(exc)
    if side.is_symlink() and not side.exists():
        said = f"{shown} is a link to nothing"
    elif side.exists() and not side.is_dir():
        said = f"{shown} is a file, not a folder"
    elif lock_path.is_dir():
        said = f"{shown / lock_path.name} is a folder"
    elif isinstance(exc, PermissionError):
        return (
            f"{ledger}: cannot make the lock file {SIDE_DIR}/{lock_path.name} beside it "
            f"(permission denied): dprk changes a ledger only where it may write its lock "
            "beside it"
        )
    elif exc.errno == errno.EROFS:  # (nothing there to move: the folder takes no writes)
        return (
            f"{ledger}: cannot make the lock file {SIDE_DIR}/{lock_path.name} beside it: the "
            "folder is on a read-only file system; dprk reads the ledger there, and changes "
            "it only where it may write beside it (a copy elsewhere, or the disk mounted "
            "read-write)"
        )
    return (
        f"{ledger}: cannot make the lock file {SIDE_DIR}/{lock_path.name} beside it ({said}); "
        f"{shown} is dprk's own (its lock, cache and undo journal): moving it away, or "
        "deleting it, is safe"
    )


@contextlib.contextmanager
def ledger_lock(ledger: Path, timeout: float) -> Iterator[None]:
    """Hold the exclusive lock beside the ledger; the kernel frees it if we die.

    Waits up to `timeout` seconds for another process to let go, then fails
    with exit code 75, naming the holder.
    """
    if not timeout >= 0:  # NaN would never time out
        timeout = 0.0
    lock_path = side_file(ledger, "lock")
    try:
        ensure_side_dir(ledger)
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise LedgerError(_no_lock(ledger, lock_path, exc)) from None
    try:
        deadline = time.monotonic() + timeout if math.isfinite(timeout) else math.inf
        delay = 0.001
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise LedgerError(f"{ledger}: cannot lock: {exc.strerror}") from None
            if time.monotonic() >= deadline:
                holder = _read_holder(fd)
                raise LedgerLocked(
                    f"{ledger}: ledger is locked by {holder}; "
                    f"waited {timeout:g} s (see --lock-timeout)"
                )
            # Short naps: the kernel does not wake pollers, so a long nap would
            # leave the lock idle while others wait (jitter keeps them apart).
            import random  # (only a writer that waits for the lock needs it)

            time.sleep(delay * random.uniform(0.5, 1.5))
            delay = min(delay * 2, MAX_NAP)
        _write_holder(fd)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _write_holder(fd: int) -> None:
    words = " ".join(["dprk", *sys.argv[1:3]])
    note = f"pid {os.getpid()}: {words}\n".encode("utf-8", "replace")
    with contextlib.suppress(OSError):
        os.ftruncate(fd, 0)
        os.pwrite(fd, note, 0)


def _read_holder(fd: int) -> str:
    """Who holds the lock, in words: the dprk process its file names, or, when that one
    has exited, another program."""
    try:
        text = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
    except OSError:
        text = ""
    text = "".join(ch if ch.isprintable() else "?" for ch in text)
    pid = text.removeprefix("pid ").partition(":")[0]
    if pid.isdigit() and not _running(int(pid)):
        return f"another program (the last dprk to hold it, pid {pid}, has exited)"
    return f"another dprk process ({text or 'holder unknown'})"


def _running(pid: int) -> bool:
    """Whether a process with this id exists (one we may not signal does)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True
    return True


def sweep_temporaries(ledger: Path) -> int:
    """Remove temporary files left by killed writers (call with the lock held).

    The ledger's own temporaries can only be made by a lock holder, so with
    the lock held every one of them is an orphan. Side-file temporaries in
    `.dprk/` are swept once they are old enough to be certainly abandoned.
    """
    real = real_path(ledger)
    removed = 0
    prefix = f".{short_name(real.name)}{TEMP_MARK}"
    side_prefix = f".{short_name(real.name)}."  # `.NAME.cache.dprk-tmp-...` (atomic_write)
    cutoff = time.time() - SIDE_TEMP_AGE
    for folder, is_side in ((real.parent, False), (real.parent / SIDE_DIR, True)):
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if is_side:
                if not (entry.name.startswith(side_prefix) and TEMP_MARK in entry.name):
                    continue
                with contextlib.suppress(OSError):
                    if entry.stat(follow_symlinks=False).st_mtime > cutoff:
                        continue
            elif not entry.name.startswith(prefix):
                continue
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed += 1
    return removed


def refuse_read_only(target: Path, what: str = "ledger") -> None:
    """Refuse to replace a file its owner made read-only (`chmod a-w`): dprk writes a new
    file and renames it over the old one, which the folder's permission allows even so
    (and root may write anything), so the file's own permission is asked here."""
    real = real_path(target)
    try:
        info = os.stat(real)
    except OSError:  # (none yet: nothing to protect)
        return
    if stat.S_ISDIR(info.st_mode):  # (no file: `atomic_write` says what to name instead)
        return
    if info.st_mode & 0o222 == 0 or not os.access(real, os.W_OK):
        raise LedgerError(
            f"{target}: the file is read-only, {what} left unchanged "
            f"(allow changes with 'chmod u+w {target}')"
        )


def atomic_write(
    target: Path,
    data: bytes | Iterable[bytes | memoryview],
    *,
    create: bool = False,
    durable: bool = True,
    what: str = "ledger",
    head: Callable[[], bytes] | None = None,
    check: Callable[[], None] | None = None,
) -> None:
    """Replace the real file behind `target` with `data`, all or nothing: the one way
    dprk writes a file (the ledger, its journal and cache, a report, a merge result).

    A temporary file in the same folder is written, given the old file's
    permission bits (and, where allowed, its owner and group), flushed and
    (`durable`) fsynced, renamed over the real file, and the folder is fsynced
    so that the rename itself survives a crash. Any failure before the rename
    removes the temporary file and leaves the old file byte for byte as it was.
    `data` may come in pieces, so that a large file is never joined in memory.
    `head`, when given, is asked once `data` is written for the file's first bytes,
    which `data` began with as many bytes held for (a checksum of what follows).
    `check`, when given, is called last before the rename: what it raises leaves the
    old file as it is (a write makes sure so that the file is still what it read).
    A target that is not a regular file (a report to /dev/null, to a fifo, to
    /dev/stdout: a pipe or a terminal, which has no name in a folder to put a temporary
    file beside) is written into as the shell's `>` would, never replaced; a folder is
    refused, with what to name instead (`a_folder`).
    Only the cache, which is checksummed and rebuilt when damaged, is written
    without fsync (`durable=False`): it is rewritten on every read of a new file.
    """
    real = real_path(target)
    folder = real.parent
    old: os.stat_result | None = None
    if not create:
        with contextlib.suppress(OSError):
            old = os.stat(target)  # (what `target` leads to: /dev/stdout's pipe has no path)
    if old is not None and stat.S_ISDIR(old.st_mode):  # (said as a ledger named so is)
        raise LedgerError(f"{target}: {a_folder(ledger=what == 'ledger')}")
    if old is not None and not stat.S_ISREG(old.st_mode):
        _write_through(target, data, what)  # (a device or a pipe is never replaced)
        return
    mode = stat.S_IMODE(old.st_mode) if old is not None else 0o666 & ~_umask()
    temp = folder / f".{short_name(real.name)}{TEMP_MARK}{os.urandom(6).hex()}"
    unchanged = "left unchanged" if old is not None else "not written"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
    except OSError as exc:
        where = f"in {folder}" if what == "ledger" else f"the {what}"
        raise LedgerError(f"{target}: cannot write {where}: {exc.strerror or exc}") from None
    try:
        try:
            for piece in _coalesced([data] if isinstance(data, bytes) else data):
                view = memoryview(piece)
                while view:
                    written = os.write(fd, view)
                    view = view[written:]
            if head is not None:
                first, at = head(), 0
                while at < len(first):
                    at += os.pwrite(fd, first[at:], at)
            if old is not None and (old.st_uid != os.geteuid() or old.st_gid != os.getegid()):
                with contextlib.suppress(OSError):
                    os.fchown(fd, old.st_uid, old.st_gid)
            os.fchmod(fd, mode)
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        if check is not None:
            check()
        os.replace(temp, real)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise LedgerError(
                f"{target}: write failed, {what} {unchanged}: {exc.strerror or exc}"
            ) from None
        raise
    # The new file is in place; a folder that cannot be fsynced (some file systems
    # refuse) does not undo that, so it is not reported as a failure.
    if durable:
        fsync_folder(folder)


@contextlib.contextmanager
def interrupts_held(*, deliver: bool = True) -> Iterator[list[int]]:
    """Hold Ctrl-C (SIGINT) until the block ends: a change whose file is being put in
    place is finished, and its journal told so, before the interrupt is taken (then at
    once, as the block ends; `deliver` False: not at all, the caller told of it by the
    list yielded, which holds the signal once received). Only the main thread can set a
    signal's handler: in any other, the block runs as it is."""
    import signal
    import threading

    caught: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield caught
        return
    previous = signal.signal(signal.SIGINT, lambda signum, _: caught.append(signum))
    try:
        yield caught
    finally:
        signal.signal(signal.SIGINT, previous)
        if caught and deliver and callable(previous):
            previous(signal.SIGINT, None)  # (Python's own: KeyboardInterrupt)
        elif caught and deliver and previous == signal.SIG_DFL:
            os.kill(os.getpid(), signal.SIGINT)


def _write_through(target: Path, data: bytes | Iterable[bytes | memoryview], what: str) -> None:
    """Write `data` into a device or a pipe (`/dev/null`, a fifo a reader waits on,
    `/dev/stdout`) as the shell's `>` would: it takes what is written, and stays what it
    is. It is opened by the name given: a pipe behind /dev/stdout has no other."""
    try:
        with open(target, "wb") as f:
            for piece in _coalesced([data] if isinstance(data, bytes) else data):
                f.write(piece)
    except OSError as exc:
        raise LedgerError(f"{target}: cannot write the {what}: {exc.strerror or exc}") from None


WRITE_SIZE = 1 << 20  # small pieces are gathered into writes of about this size


def _coalesced(pieces: Iterable[bytes | memoryview]) -> Iterator[bytes | memoryview]:
    """`pieces` with the small ones joined: a file of ten thousand blocks is written in a
    few calls, not ten thousand (and never held whole)."""
    gathered: list[bytes | memoryview] = []
    size = 0
    for piece in pieces:
        if len(piece) >= WRITE_SIZE:
            if gathered:
                yield b"".join(gathered)
                gathered, size = [], 0
            yield piece
            continue
        gathered.append(piece)
        size += len(piece)
        if size >= WRITE_SIZE:
            yield b"".join(gathered)
            gathered, size = [], 0
    if gathered:
        yield b"".join(gathered)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_CLOEXEC)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_side_file(
    path: Path,
    data: bytes | Iterable[bytes],
    *,
    durable: bool = True,
    head: Callable[[], bytes] | None = None,
) -> bool:
    """Write one of dprk's own files beside the ledger (journal, cache) atomically
    (`head`: see `atomic_write`); whether it was written (a cache that cannot be
    written is no failure)."""
    try:
        atomic_write(path, data, durable=durable, what=path.name, head=head)
    except LedgerError:
        return False
    return True


def append_line(path: Path, line: str) -> None:
    """Add one line to a small text file (e.g. .gitattributes), starting a line if needed."""
    try:
        existing = path.read_bytes() if path.exists() else b""
        lead = b"\n" if existing and not existing.endswith(b"\n") else b""
        with open(path, "ab") as handle:
            handle.write(lead + line.encode("utf-8") + b"\n")
    except OSError as exc:
        raise LedgerError(f"{path}: cannot write: {exc.strerror or exc}") from None


# Standard input as read, with the stream it was read from: a command run again (the
# ledger changed while it read or wrote) reads the same input, not the end of it.
_read_in: tuple[object, bytes | str] | None = None


def _standard_input() -> bytes | str:
    global _read_in
    stream = sys.stdin
    if _read_in is None or _read_in[0] is not stream:
        data = stream.buffer.read() if hasattr(stream, "buffer") else stream.read()
        _read_in = (stream, data)
    return _read_in[1]


def _is_pipe(path: Path) -> bool:
    try:
        return stat.S_ISFIFO(os.stat(path).st_mode)
    except OSError:
        return False


def _read_pipe(path: Path, label: str) -> bytes:
    """A pipe's bytes, named as a file (the shell's `<(...)`, a FIFO), read to its end as
    standard input is, up to the size cap: what is to be read is asked for by name (a
    ledger is never read so, as a FIFO there would never end)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise LedgerError(f"{label}: cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise _too_big(label, MAX_BYTES)
    return data


def utf16_encoding(raw: bytes) -> str | None:
    """The encoding iconv knows `raw` by when it is UTF-16 text (as some Windows editors
    save 'Unicode'): UTF-16LE or UTF-16BE when at least half its first characters are
    ASCII, each beside a zero byte (a TOML file holds none); with its byte-order mark
    before such text, UTF-16. None: it is not. The mark alone says nothing: a UTF-8 file
    can start with those bytes (`stray_mark`), and converted it would be garbage."""
    for mark, order in ((b"\xff\xfe", "UTF-16LE"), (b"\xfe\xff", "UTF-16BE")):
        if raw.startswith(mark):
            return "UTF-16" if _zeros_say(raw[2:], 2) == order else None
    return _zeros_say(raw, 4)


def _zeros_say(raw: bytes, least: int) -> str | None:
    """The byte order of UTF-16 text that the zero bytes of `raw`'s start say it is in,
    of at least `least` bytes; None when they say it is none."""
    head = raw[:256]
    head = head[: len(head) - len(head) % 2]
    evens, odds = head[0::2].count(0), head[1::2].count(0)
    if len(head) < least:
        return None
    if odds * 2 >= len(head) // 2 and evens * 4 <= odds:  # (mostly ASCII: zero each after)
        return "UTF-16LE"
    if evens * 2 >= len(head) // 2 and odds * 4 <= evens:
        return "UTF-16BE"
    return None


def stray_mark(raw: bytes) -> str | None:
    """Words saying that `raw` starts with a UTF-16 byte-order mark but is not UTF-16 text
    (`utf16_encoding`: no zero bytes say so), for a refusal to end with what to do (no
    conversion: the rest may be UTF-8, which one would turn into garbage); None when it
    does not."""
    if not raw.startswith((b"\xff\xfe", b"\xfe\xff")) or utf16_encoding(raw) is not None:
        return None
    return (
        f"file starts with the stray bytes {raw[0]:02X} {raw[1]:02X} (a UTF-16 byte-order "
        "mark, but the file is not UTF-16 text: no zero bytes), not UTF-8"
    )


def marks_ahead(raw: bytes) -> int:
    """How many bytes `raw` starts with that are marks, one after another: a UTF-8
    byte-order mark (EF BB BF), or the bytes of a UTF-16 one (FF FE, FE FF) before text
    that is not UTF-16 (`utf16_encoding`). What a copy without them leaves out, so that
    one command mends a file with both, not one refusal after another."""
    n = 0
    while True:
        rest = raw[n:]
        if rest.startswith(b"\xef\xbb\xbf"):
            n += 3
        elif rest.startswith((b"\xff\xfe", b"\xfe\xff")) and utf16_encoding(rest) is None:
            n += 2
        else:
            return n


# (the codec of each name `utf16_encoding` gives)
_UTF16_CODECS = {"UTF-16": "utf-16", "UTF-16LE": "utf-16-le", "UTF-16BE": "utf-16-be"}


def read_input(
    source: str,
    label: str,
    *,
    arguments: bool = False,
    suffix_of: Callable[[str], str] | None = None,
) -> str:
    """The UTF-8 text of a file (or a pipe named as one), or of standard input for '-' (a
    BOM is dropped; read once, however many times the command runs). `arguments`: it
    holds what the command line could have given (ids), and text that is not UTF-8 is a
    usage error there. UTF-16 text is refused with the command that converts it into a
    copy beside it, named with the suffix `suffix_of` gives from its text (one that is
    read as this file would be; "": the file's own)."""
    if source == "-":
        try:
            data = _standard_input()
        except OSError as exc:
            raise LedgerError(f"{label}: cannot read: {exc.strerror or exc}") from None
    elif _is_pipe(Path(source)):
        data = _read_pipe(Path(source), label)
    else:
        data = read_file(Path(source), label=label, ledger=False)
    if isinstance(data, str):
        return data
    utf16 = None if arguments else utf16_encoding(data)
    if utf16 is not None:  # (as a spreadsheet saves 'Unicode text': its NULs decode)
        from ..vocab import path_word

        convert = f"iconv -f {utf16} -t UTF-8"
        if source != "-":
            named = Path(source)
            text = data.decode(_UTF16_CODECS[utf16], errors="replace")
            suffix = (suffix_of(text) if suffix_of is not None else "") or named.suffix
            copy = named.with_name(named.stem + "-utf8" + suffix)
            convert += f" {path_word(source)} > {path_word(str(copy))}"
        raise LedgerError(
            f"{label}: looks like UTF-16 text (a zero byte beside each letter), not UTF-8; "
            f"save it as UTF-8, or convert it with '{convert}' and import that"
        )
    stray = None if arguments else stray_mark(data)
    if stray is not None:
        raise LedgerError(f"{label}: {stray}; remove them and import it again")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        if arguments:
            raise UsageError(f"{label}, line {line}: not valid UTF-8; dprk reads UTF-8") from None
        raise LedgerError(f"{label}: line {line}: invalid UTF-8; save the file as UTF-8") from None


def closed_streams_to_null() -> None:
    """Run with standard input, output or error closed (`<&-`, `>&-`, as a job may be),
    Python has none: read nothing from it, or write into nothing, as the shell's
    /dev/null would."""
    for name, mode in (("stdin", "r"), ("stdout", "w"), ("stderr", "w")):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, mode, encoding="utf-8"))  # noqa: SIM115


class NotWritten(Exception):
    """Files to be written together (`write_together`) that were not: why (`cause`: the
    OSError, or the LedgerError that says it), and what could not be put back as it
    was (`left`: each file or folder, and what became of it)."""

    def __init__(self, cause: OSError | LedgerError, left: list[str]) -> None:
        super().__init__(str(cause))
        self.cause = cause
        self.left = left


def write_together(changes: list[tuple[Path, Callable[[str | None], str | None]]]) -> None:
    """Give each file the text its change makes of its text now (None: no file; a change
    that gives None or the same text leaves the file alone), in order, all or nothing:
    the folders a file needs are made, and should any step fail, each file written is
    put back as it was (or removed) and each folder made is removed, and `NotWritten`
    says why, and names anything that could not be put back. A file made read-only
    (`refuse_read_only`) is refused before anything is written; Ctrl-C waits for the
    whole. Text is read and written byte for byte (bytes that are not UTF-8 kept)."""
    olds: list[str | None] = []
    try:
        for path, _ in changes:
            refuse_read_only(path, "every file")
            try:
                olds.append(path.read_bytes().decode("utf-8", "surrogateescape"))
            except FileNotFoundError:
                olds.append(None)
    except (OSError, LedgerError) as exc:
        raise NotWritten(exc, []) from None
    written: list[tuple[Path, str | None]] = []  # each file written, and its text before
    made: list[Path] = []  # each folder made
    with interrupts_held():
        try:
            for (path, change), old in zip(changes, olds, strict=True):
                new = change(old)
                if new is None or new == old:
                    continue
                _make_folders(path.parent, made)
                data = new.encode("utf-8", "surrogateescape")
                atomic_write(path, data, create=old is None, what="file")
                written.append((path, old))
        except (OSError, LedgerError) as exc:
            raise NotWritten(exc, _put_back(written, made)) from None


def _make_folders(folder: Path, made: list[Path]) -> None:
    """Make `folder` and those above it that are missing, each added to `made` once made.
    A file (or a link to nothing) where one goes is refused as the system would."""
    missing: list[Path] = []
    while not folder.is_dir():
        if os.path.lexists(folder):
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(folder))
        missing.append(folder)
        folder = folder.parent
    for each in reversed(missing):
        os.mkdir(each)
        made.append(each)


def _put_back(written: list[tuple[Path, str | None]], made: list[Path]) -> list[str]:
    """Undo what `write_together` did before it failed, last first; what could not be
    undone, said."""
    left: list[str] = []
    for path, old in reversed(written):
        try:
            if old is None:
                os.unlink(real_path(path))
            else:
                atomic_write(path, old.encode("utf-8", "surrogateescape"), what="file")
        except (OSError, LedgerError):
            left.append(f"{path} (written)" if old is None else f"{path} (changed)")
    for folder in reversed(made):
        try:
            os.rmdir(folder)
        except OSError:
            left.append(f"{folder} (a folder made)")
    return left
