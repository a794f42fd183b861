"""File-system primitives for the one safe write path: the lock, atomic replace, sweeping.

Every function here either completes or leaves the ledger as it was. The lock
is taken on a separate file (`.dprk/NAME.lock`), never on the ledger itself,
because an atomic rename swaps the ledger's inode under any lock held on it.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import secrets
import stat
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from ..errors import LedgerError, LedgerLocked
from .locate import ensure_side_dir, real_path, side_file

TEMP_MARK = ".dprk-tmp-"


def read_bytes(path: Path) -> bytes:
    """The ledger's bytes, or a one-line reason they cannot be read."""
    label = str(path)
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise LedgerError(f"{label}: no such ledger; run 'dprk init' to create one") from None
    except IsADirectoryError:
        raise LedgerError(f"{label}: is a folder, not a ledger file") from None
    except PermissionError:
        raise LedgerError(f"{label}: permission denied") from None
    except OSError as exc:
        raise LedgerError(f"{label}: cannot read: {exc.strerror or exc}") from None


@contextlib.contextmanager
def ledger_lock(ledger: Path, timeout: float) -> Iterator[None]:
    """Hold the exclusive lock beside the ledger; the kernel frees it if we die."""
    try:
        ensure_side_dir(ledger)
        lock_path = side_file(ledger, "lock")
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise LedgerError(
            f"{ledger}: cannot create the lock file beside it: {exc.strerror or exc}"
        ) from None
    try:
        deadline = time.monotonic() + max(timeout, 0.0)
        delay = 0.005
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
                    f"{ledger}: ledger is locked by another dprk process ({holder}); "
                    f"waited {timeout:g} s (see --lock-timeout)"
                )
            time.sleep(delay)
            delay = min(delay * 2, 0.1)
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
    try:
        text = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
    except OSError:
        text = ""
    return "".join(ch if ch.isprintable() else "?" for ch in text) or "holder unknown"


def sweep_temporaries(ledger: Path) -> int:
    """Remove temporary files left by killed writers (call with the lock held)."""
    real = real_path(ledger)
    removed = 0
    prefix = f".{real.name}{TEMP_MARK}"
    with contextlib.suppress(OSError):
        for entry in os.scandir(real.parent):
            if entry.name.startswith(prefix):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed += 1
    return removed


def atomic_write(ledger: Path, data: bytes, *, create: bool = False) -> None:
    """Replace the real file behind `ledger` with `data`, all or nothing.

    A temporary file in the same folder is written, flushed and fsynced, given
    the old file's permission bits, renamed over the real file, and the folder
    is fsynced so that the rename itself survives a crash.
    """
    real = real_path(ledger)
    folder = real.parent
    mode = 0o644
    if not create:
        with contextlib.suppress(FileNotFoundError):
            mode = stat.S_IMODE(os.stat(real).st_mode)
    temp = folder / f".{real.name}{TEMP_MARK}{secrets.token_hex(6)}"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        raise LedgerError(f"{ledger}: cannot write in {folder}: {exc.strerror or exc}") from None
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fchmod(fd, mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, real)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise LedgerError(
            f"{ledger}: write failed, ledger left unchanged: {exc.strerror or exc}"
        ) from None
    fsync_folder(folder)


def fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_side_file(path: Path, data: bytes) -> None:
    """Best-effort atomic write of a side file (cache); failures are ignored."""
    temp = path.with_name(f"{path.name}{TEMP_MARK}{secrets.token_hex(4)}")
    try:
        with open(temp, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temp)
