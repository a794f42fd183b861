"""What the reliability tests share: large ledgers, worker processes, and I/O proxies."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

from dprk_cli.model import HistoryEntry, Ledger, Measure
from dprk_cli.store import render_ledger
from dprk_cli.vocab import Status

WORKER = Path(__file__).with_name("worker.py")
EPOCH = "1543622400"  # 2018-12-01: fixes the `recorded` time of new entries


def big_ledger(measures: int, status: Status = Status.proposed) -> Ledger:
    """A valid ledger of `measures` measures (about 430 bytes each when written)."""
    recorded = datetime(2018, 12, 1, tzinfo=UTC)
    items = [
        Measure(
            id=f"m{i:05d}",
            title=f"Measure number {i}, with a title of a realistic length",
            actor="DPRK" if i % 2 else "US",
            category="diplomatic",
            status=status,
            sources=[f"Source {i}: statement of the foreign ministry", "Wire report"],
            notes="Notes that say what the record does not. " * 2,
            history=[
                HistoryEntry(
                    date=date(2018, 1, 1 + i % 28),
                    event="created",
                    status=status,
                    detail=f"created as {status.value}",
                    recorded=recorded,
                )
            ],
        )
        for i in range(measures)
    ]
    return Ledger(title="A large negotiation", parties=["DPRK", "US"], measures=items)


def write_ledger(path: Path, ledger: Ledger) -> bytes:
    raw = render_ledger(ledger).encode("utf-8")
    path.write_bytes(raw)
    return raw


def temporaries(folder: Path) -> list[str]:
    """Temporary files of dprk's in `folder` and its `.dprk/` side folder."""
    found = [p.name for p in folder.iterdir() if ".dprk-tmp-" in p.name]
    side = folder / ".dprk"
    if side.is_dir():
        found += [f".dprk/{p.name}" for p in side.iterdir() if ".dprk-tmp-" in p.name]
    return sorted(found)


def worker_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DPRK_LEDGER", "FORCE_COLOR")}
    env["SOURCE_DATE_EPOCH"] = EPOCH
    env.update(extra)
    return env


def start_workers(configs: list[dict], cwd: Path) -> list[subprocess.Popen]:
    """Start one `worker.py` process per config; they begin when `go` is called."""
    return [
        subprocess.Popen(
            [sys.executable, str(WORKER), json.dumps(config)],
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=worker_env(),
        )
        for config in configs
    ]


def finish_workers(procs: list[subprocess.Popen], timeout: float = 120) -> list[dict]:
    """Each worker's report (its results), failing loudly if a worker failed."""
    reports = []
    for proc in procs:
        out, err = proc.communicate(timeout=timeout)
        assert proc.returncode == 0, err
        reports.append(json.loads(out))
    return reports


def wait_until(predicate, timeout: float = 60, step: float = 0.01) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


def opened_by(pid: int, path: Path) -> bool:
    """Whether process `pid` has `path` open (Linux /proc)."""
    target = os.path.realpath(path)
    try:
        for fd in os.listdir(f"/proc/{pid}/fd"):
            try:
                if os.readlink(f"/proc/{pid}/fd/{fd}") == target:
                    return True
            except OSError:
                continue
    except OSError:
        return False
    return False


def kill_hard(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        proc.send_signal(signal.SIGKILL)
    proc.wait()


class OsProxy:
    """Stands in for the `os` module inside dprk's store modules.

    Every call named in `WATCHED` is counted and handed to `on_call`, which
    may raise (fault injection) or kill the process (crash tests). Writes are
    cut into chunks of at most `chunk` bytes, so that a large file takes
    many `write` calls and a fault can land in the middle of it.
    """

    WATCHED = (
        "open",
        "write",
        "pwrite",
        "ftruncate",
        "fchmod",
        "fchown",
        "fsync",
        "close",
        "replace",
        "unlink",
    )

    def __init__(self, real, on_call, chunk: int = 1 << 30) -> None:
        self._real = real
        self._on_call = on_call  # on_call(proxy, name, call, args): returns call() or not
        self._chunk = chunk
        self.counts: dict[str, int] = {}
        self.total = 0

    def __getattr__(self, name: str):
        value = getattr(self._real, name)
        if name not in self.WATCHED:
            return value

        def watched(*args, **kwargs):
            self.counts[name] = self.counts.get(name, 0) + 1
            self.total += 1
            if name == "write":
                fd, data = args
                args = (fd, memoryview(data)[: self._chunk])
            return self._on_call(self, name, lambda: value(*args, **kwargs), args)

        return watched
