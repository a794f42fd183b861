"""Time whole `dprk` processes on synthetic ledgers and check the speed targets.

Every measurement is a fresh process, start-up included: its wall time and
its peak resident memory (from wait4). The commands are run in rounds, one
of each per round, so that a busy machine slows them all alike; each result
is the median over the rounds, and each target is a ratio of two medians
from this same run, over the rounds in which both commands ran. Every run's
exit code is checked: a command that fails is reported as failed (and its
targets as missed), never timed.

    python -m benchmarks.run                  # 100, 1,000 and 10,000 measures
    python -m benchmarks.run --big            # and 100,000 measures (3 rounds there)
    python -m benchmarks.run --markdown       # the tables as Markdown
    python -m benchmarks.run --only plan      # just the commands whose label holds "plan"

The two yardsticks:

- the floor: `python -c 'import tomllib; tomllib.load(f)'`, a fresh process,
  on a TOML file holding only the measures' own fields (see generate.py),
  written by tomli-w; no change to dprk's writer can move it;
- the baseline app: a minimal Typer app with 20 commands that do nothing,
  run as a module (so its bytecode is cached like dprk's); its no-op command
  is the reference for start-up.

"Warm" means the ledger's cache was built by an earlier command (the usual
case); "cache gone" means the ledger's `.dprk/` folder was deleted just
before the run, as in a fresh clone. After each command that
changes the ledger or deletes the cache, an untimed `dprk status --format
ids` leaves the cache warm again for the next warm run; before the first
round, an untimed write on each ledger leaves its cache as warm writes find
it in every round after (as a write left it). "add-measure, cache rebuilt by
a read" (information, not a target) is the first write after a read rebuilt
the cache; "status --format json, first read after a write" is a read right
after an untimed `add-measure`: the cache is up to date, but what the reports
derive from the whole ledger (the counts, the order, the table's rows) is made
again; so for "plan", "next" and "check, first read after a write". Their time
is information; their peak memory counts for target 6. "status --format json, 10 measures edited by
hand" (information too) is a read right after another program changed the
title of 10 measures spread over the file (a hand edit, a git pull): the cache
is of the content before.

`dprk status` in a terminal runs on a pseudo-terminal of 100 columns and 40
lines, with DPRK_PAGER='head -n 40': a dprk that pages its table is timed to
its first screen. The exit status is 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from .generate import DEFAULT_SEED

MIB = 1024 * 1024
SIZES = (100, 1_000, 10_000)
BIG = 100_000
BIG_ROUNDS = 3  # rounds at 100,000 measures
BASELINE_COMMANDS = 20
TERMINAL_ROWS, TERMINAL_COLUMNS = 40, 100
PAGER = "head -n 40"
HAND_EDITS = 10  # measures whose title a hand edit (or a pull) changes
TIMEOUT = 900.0  # seconds before a process (and its process group) is killed

# What every process runs with: none of the caller's dprk, pager or terminal settings,
# and compiled bytecode kept (in the work folder) as an installed package has it, even
# where the caller turned bytecode caching off. `Runner` sets the bytecode folder.
_DROPPED = (
    "COLUMNS",
    "LINES",
    "FORCE_COLOR",
    "NO_COLOR",
    "PAGER",
    "LESS",
    "PYTHONDONTWRITEBYTECODE",
    "PYTHONPYCACHEPREFIX",
)

# Labels: the rows of the tables.
NOOP = "baseline: minimal Typer app, a no-op command"
BASE_HELP = "baseline: minimal Typer app --help"
HELP = "dprk --help"
FLOOR = "python -c 'tomllib.load(F)' (floor)"
JSON = "status --format json"
JSON_COLD = "status --format json, cache gone"
PIPE = "status (table, to a pipe)"
TTY = "status (in a 100x40 terminal)"
IDS = "status --format ids"
SHOW = "show ID"
ADD = "add-measure"
ADD_COLD = "add-measure, cache gone"
ADD_AFTER_READ = "add-measure, cache rebuilt by a read"
MARK = "mark"
MARK_COLD = "mark, cache gone"
JSON_AFTER_WRITE = "status --format json, first read after a write"
JSON_EDITED = f"status --format json, {HAND_EDITS} measures edited by hand"
PLAN = "plan"
NEXT = "next"
BALANCE = "balance"
CHECK = "check"
SCORECARD = "scorecard"
ASSUME = "plan --assume ID=implemented"
ANALYSES = (PLAN, NEXT, BALANCE, CHECK, SCORECARD, ASSUME)
# The reports' first read after a write: the cache up to date, the report not yet made.
AFTER_WRITE = {label: f"{label}, first read after a write" for label in (PLAN, NEXT, CHECK)}
PEAK_TARGETS = (
    JSON,
    JSON_COLD,
    JSON_AFTER_WRITE,
    TTY,
    ADD,
    ADD_COLD,
    MARK,
    MARK_COLD,
    *ANALYSES,
    *AFTER_WRITE.values(),
)
REFERENCES = (NOOP, FLOOR, JSON)  # always run, even with --only


class CommandFailed(Exception):
    """A process that ended with an exit code it should not have (or was killed)."""


@dataclass
class Sample:
    seconds: float
    peak: int  # bytes


class Runner:
    """Runs processes in the work folder, one at a time, and measures them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.env = {
            k: v for k, v in os.environ.items() if k not in _DROPPED and not k.startswith("DPRK_")
        }
        self.env["PYTHONPYCACHEPREFIX"] = str(root / "bytecode")
        self.notes: list[str] = []
        found = shutil.which("dprk", path=os.path.dirname(sys.executable)) or shutil.which("dprk")
        if not found:
            raise SystemExit("benchmark: no `dprk` command; install dprk (pip install -e .)")
        self.dprk = found

    def run(
        self,
        argv: Sequence[str],
        *,
        cwd: Path,
        ok: Sequence[int] = (0,),
        tty: bool = False,
        keep: int = 0,
    ) -> tuple[Sample, bytes]:
        """Run one process to its end, with no standard input and its standard output
        on a pipe (or a terminal) that is read and thrown away (the first `keep` bytes
        are returned). Raises CommandFailed if its exit code is not in `ok`."""
        env = dict(self.env)
        if tty:
            import fcntl
            import struct
            import termios

            env["DPRK_PAGER"] = PAGER
            env["TERM"] = "xterm-256color"
            reader, writer = os.openpty()
            size = struct.pack("HHHH", TERMINAL_ROWS, TERMINAL_COLUMNS, 0, 0)
            fcntl.ioctl(writer, termios.TIOCSWINSZ, size)
        else:
            reader, writer = os.pipe()
        killed: list[bool] = []
        with tempfile.TemporaryFile(dir=self.root) as errors:
            start = time.perf_counter()
            try:
                proc = subprocess.Popen(
                    list(argv),
                    cwd=cwd,
                    env=env,
                    stdin=subprocess.DEVNULL,
                    stdout=writer,
                    stderr=errors,
                    start_new_session=True,  # its own process group, to clean up after it
                )
            except BaseException:
                os.close(reader)
                raise
            finally:
                os.close(writer)
            timer = threading.Timer(TIMEOUT, _kill_group, (proc.pid, killed))
            timer.start()
            try:
                output, printed = _drain(reader, keep)
            except BaseException:
                _kill_group(proc.pid, [])
                raise
            finally:
                os.close(reader)
                elapsed, left, status, usage = _reap(proc.pid, start, timer)
                proc.returncode = code = os.waitstatus_to_exitcode(status)
            if left:
                self.notes.append(
                    f"`{_shown(argv)}` left {len(left)} process(es) behind; they were killed"
                )
            if killed:
                raise CommandFailed(f"killed after {TIMEOUT:.0f} s")
            if code not in ok:
                errors.seek(0)
                lines = errors.read().decode("utf-8", "replace").strip().splitlines()
                raise CommandFailed(lines[0].strip() if lines else f"exit code {code}")
        if tty and not printed:
            raise CommandFailed("printed nothing in the terminal")
        return Sample(elapsed, usage.ru_maxrss * 1024), output


def _drain(fd: int, keep: int) -> tuple[bytes, int]:
    """Read a pipe or a terminal until every writer has closed it: its first `keep`
    bytes, and how many it had in all."""
    kept = bytearray()
    printed = 0
    while True:
        try:
            chunk = os.read(fd, 1 << 16)
        except OSError:  # a terminal whose other side is closed
            break
        if not chunk:
            break
        printed += len(chunk)
        if len(kept) < keep:
            kept += chunk[: keep - len(kept)]
    return bytes(kept), printed


def _reap(pid: int, start: float, timer: threading.Timer) -> tuple[float, list[int], int, Any]:
    """Wait for a process to end: its wall time, the processes it left behind in its
    group (killed), its wait status and its resource usage (its peak RSS in there)."""
    left: list[int] = []
    if hasattr(os, "waitid"):
        # ended, not yet reaped: its pid (so its group's id) cannot be reused meanwhile
        os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)
        elapsed = time.perf_counter() - start
        timer.cancel()
        timer.join()
        left = _group_members(pid)
        _kill_group(pid, [])
        _, status, usage = os.wait4(pid, 0)
    else:
        _, status, usage = os.wait4(pid, 0)
        elapsed = time.perf_counter() - start
        timer.cancel()
        timer.join()
    return elapsed, left, status, usage


def _kill_group(pgid: int, flag: list[bool]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)
        flag.append(True)


def _group_members(pgid: int) -> list[int]:
    """The processes of a process group other than its leader (Linux; else none found)."""
    found = []
    with contextlib.suppress(OSError):
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit() or int(entry.name) == pgid:
                continue
            with contextlib.suppress(OSError, ValueError, IndexError):
                stat = Path(entry.path, "stat").read_text()
                if int(stat.rpartition(")")[2].split()[2]) == pgid:
                    found.append(int(entry.name))
    return found


def _shown(argv: Sequence[str]) -> str:
    return " ".join(Path(argv[0]).name if i == 0 else a for i, a in enumerate(argv))


@dataclass
class Job:
    """One command on one ledger, timed once per round."""

    label: str
    size: int | None
    action: Callable[[], Sample]
    rounds: int
    then: Callable[[], None] | None = None  # untimed, after each run
    samples: dict[int, Sample] = field(default_factory=dict)
    failure: str | None = None

    def runs(self, rounds: set[int] | None = None) -> list[Sample]:
        return [s for r, s in self.samples.items() if rounds is None or r in rounds]

    def median(self, rounds: set[int] | None = None) -> float:
        return statistics.median(s.seconds for s in self.runs(rounds))

    @property
    def peak(self) -> int:
        return max(s.peak for s in self.samples.values())

    def attempt(self, index: int | None) -> None:
        """One run: a sample for round `index` (None: an untimed first run)."""
        if self.failure is not None:
            return
        try:
            sample = self.action()
        except CommandFailed as failed:
            self.failure = str(failed)
        else:
            if index is not None:
                self.samples[index] = sample
        if self.then is not None:
            self.then()


class Ledger:
    """A generated ledger in a folder of its own, and the dprk commands to run on it."""

    def __init__(self, runner: Runner, size: int) -> None:
        self.runner = runner
        self.size = size
        self.folder = runner.root / f"ledger-{size}"
        self.path = self.folder / "dprk-ledger.toml"
        self.floor = self.folder / f"floor-{size}.toml"
        self.added = 0
        self.pending: list[str] = []
        self.constraints = 0
        self.bytes = 0
        self.pending_id: str | None = None
        self.pending_id_failure = ""
        self.hand_edits = 0

    def generate(self, seed: int) -> subprocess.Popen:
        """Start writing the files, in a child process: this one stays small, because a
        child starts with its parent's peak memory as its own (so would every measurement)."""
        self.folder.mkdir()
        return subprocess.Popen(
            [sys.executable, "-m", "benchmarks.generate", "--size", str(self.size)]
            + ["--seed", str(seed), "--out", str(self.folder)],
            cwd=Path(__file__).resolve().parent.parent,
            env=self.runner.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def generated(self) -> None:
        (self.folder / f"ledger-{self.size}.toml").rename(self.path)
        self.bytes = self.path.stat().st_size
        meta_path = self.folder / f"meta-{self.size}.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        self.constraints = int(meta["constraints"])
        self.pending = list(meta["pending"])
        try:
            _, out = self.runner.run(
                [self.runner.dprk, "status", "--pending", "--format", "ids"],
                cwd=self.folder,
                keep=4096,
            )
        except CommandFailed as failed:
            self.pending_id_failure = f"status --pending --format ids: {failed}"
            return
        lines = out.decode("utf-8", "replace").split()
        if not lines:
            self.pending_id_failure = "status --pending --format ids printed no id"
            return
        self.pending_id = lines[0]
        if self.pending_id in self.pending:  # never marked, so it stays pending
            self.pending.remove(self.pending_id)

    def dprk(self, *args: str, ok: Sequence[int] = (0,), tty: bool = False) -> Sample:
        return self.runner.run([self.runner.dprk, *args], cwd=self.folder, ok=ok, tty=tty)[0]

    def cold(self, action: Callable[[], Sample], *, read: bool = False) -> Callable[[], Sample]:
        """`action` with the cache deleted just before (and, if `read`, rebuilt by an
        untimed `status --format ids`, as when a read comes first after a fresh clone)."""

        def run() -> Sample:
            shutil.rmtree(self.folder / ".dprk", ignore_errors=True)
            if read:
                self.dprk("status", "--format", "ids")
            return action()

        return run

    def settle(self) -> None:
        """Leave the cache warm, as any command would (untimed)."""
        try:
            self.dprk("status", "--format", "ids")
        except CommandFailed as failed:
            note = f"{self.size:,} measures: status --format ids (to rebuild the cache): {failed}"
            if note not in self.runner.notes:
                self.runner.notes.append(note)

    def add_measure(self) -> Sample:
        self.added += 1
        n = self.added
        return self.dprk(
            "add-measure",
            f"Benchmark measure {n}",
            "--actor",
            "US",
            "--id",
            f"benchmark-{n}",
            "--date",
            "2026-01-01",
        )

    def mark(self) -> Sample:
        if not self.pending:
            raise CommandFailed("no pending measure left to mark (fewer rounds?)")
        return self.dprk("mark", self.pending.pop(), "implemented", "--date", "2026-01-02")

    def after_write(self, action: Callable[[], Sample]) -> Callable[[], Sample]:
        """`action` right after an untimed `add-measure`: the first read of what a write
        left (its cache up to date, what the reports derive from it not yet made)."""

        def run() -> Sample:
            self.add_measure()
            return action()

        return run

    def edited_by_hand(self, action: Callable[[], Sample]) -> Callable[[], Sample]:
        """`action` right after an untimed edit of the file by another program (a person,
        a git pull): the cache is of the content before, and `HAND_EDITS` measures
        spread over the file have another title (different ones each round)."""

        def run() -> Sample:
            self.edit_by_hand()
            return action()

        return run

    def edit_by_hand(self) -> None:
        """The edit, made in a child process (as `generate`): reading a large ledger here
        would raise this process's peak, which every process it starts then starts with."""
        self.hand_edits += 1
        call = f"edit_titles({str(self.path)!r}, {self.hand_edits})"
        code = f"from benchmarks.run import edit_titles; {call}"
        subprocess.run(
            [sys.executable, "-c", code],
            cwd=Path(__file__).resolve().parent.parent,
            env=self.runner.env,
            stdin=subprocess.DEVNULL,
            check=True,
        )

    def with_pending_id(self, *args: str) -> Sample:
        if self.pending_id is None:
            raise CommandFailed(f"no pending id to use ({self.pending_id_failure})")
        return self.dprk(*(a.replace("ID", self.pending_id) for a in args))

    def floor_parse(self) -> Sample:
        code = f"import tomllib; tomllib.load(open({str(self.floor)!r}, 'rb'))"
        return self.runner.run([sys.executable, "-c", code], cwd=self.folder)[0]


def edit_titles(path: str, turn: int) -> None:
    """Change the title of `HAND_EDITS` measures spread over the ledger at `path`, as a
    person (or a pull) would, other ones at each `turn`: a mark put before each title,
    or taken away where it was put before."""
    raw = Path(path).read_bytes()
    starts = []
    at = raw.find(b"\n[[measures]]\n")
    while at >= 0:
        starts.append(at)
        at = raw.find(b"\n[[measures]]\n", at + 1)
    step = max(1, len(starts) // HAND_EDITS)
    chosen = sorted({(turn * 7 + k * step) % len(starts) for k in range(HAND_EDITS)})
    marker, pieces, last = b"(revised) ", [], 0
    for block in chosen:
        title = raw.index(b'\ntitle = "', starts[block]) + len(b'\ntitle = "')
        pieces.append(raw[last:title])
        marked = raw.startswith(marker, title)
        last = title + len(marker) if marked else title
        if not marked:
            pieces.append(marker)
    pieces.append(raw[last:])
    Path(path).write_bytes(b"".join(pieces))


def write_baseline(folder: Path) -> Path:
    """A minimal Typer app with BASELINE_COMMANDS commands that do nothing."""
    lines = ["import typer", "", "app = typer.Typer()", ""]
    for i in range(BASELINE_COMMANDS):
        lines += ["", "@app.command()", f"def command{i}() -> None:", f'    """Command {i}."""', ""]
    lines += ["", 'if __name__ == "__main__":', "    app()", ""]
    path = folder / "baseline_app.py"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@dataclass
class Results:
    jobs: dict[tuple[str, int | None], Job]
    ledgers: dict[int, Ledger]
    rounds: int
    big: bool
    only: list[str]
    notes: list[str]
    seconds: float = 0.0


def measure(runner: Runner, args: argparse.Namespace, progress: Callable[[str], None]) -> Results:
    root = runner.root
    sizes = [*SIZES, BIG] if args.big else list(SIZES)
    ledgers = {size: Ledger(runner, size) for size in sizes}
    progress("generating ledgers of " + ", ".join(f"{s:,}" for s in sizes) + " measures")
    children = [(led, led.generate(args.seed)) for led in ledgers.values()]
    for led, child in children:
        _, err = child.communicate()
        if child.returncode != 0:
            message = err.decode("utf-8", "replace").strip()
            raise SystemExit(f"benchmark: generating {led.size:,} measures failed: {message}")
        led.generated()
    baseline = write_baseline(root)

    jobs: dict[tuple[str, int | None], Job] = {}
    order: list[Job] = []
    rounds = args.rounds
    big_rounds = min(BIG_ROUNDS, rounds)

    def wanted(label: str) -> bool:
        return not args.only or label in REFERENCES or any(o in label.lower() for o in args.only)

    def add(label: str, size: int | None, action, then=None) -> None:
        if wanted(label):
            job = Job(label, size, action, big_rounds if size == BIG else rounds, then)
            jobs[(label, size)] = job
            order.append(job)

    def base(*a: str) -> Callable[[], Sample]:
        # as a module, so that its bytecode is cached like dprk's
        return lambda: runner.run([sys.executable, "-m", baseline.stem, *a], cwd=root)[0]

    add(NOOP, None, base("command0"))
    add(BASE_HELP, None, base("--help"))
    add(HELP, None, lambda: runner.run([runner.dprk, "--help"], cwd=root)[0])
    for size, led in ledgers.items():
        small = size != BIG
        add(FLOOR, size, led.floor_parse)
        # reads, on a warm cache
        add(JSON, size, lambda led=led: led.dprk("status", "--format", "json"))
        if small:
            add(PIPE, size, lambda led=led: led.dprk("status"))
        add(TTY, size, lambda led=led: led.dprk("status", tty=True))
        add(IDS, size, lambda led=led: led.dprk("status", "--format", "ids"))
        if small:
            add(SHOW, size, lambda led=led: led.with_pending_id("show", "ID"))
        for label in (PLAN, NEXT, BALANCE, CHECK, SCORECARD):
            ok = (0, 1) if label == CHECK else (0,)
            add(label, size, lambda led=led, c=label, ok=ok: led.dprk(c, ok=ok))
        add(ASSUME, size, lambda led=led: led.with_pending_id("plan", "--assume", "ID=implemented"))
        # writes, on a warm cache; then with the cache gone
        add(ADD, size, led.add_measure)
        add(MARK, size, led.mark)
        first_read = partial(led.dprk, "status", "--format", "json")
        add(JSON_AFTER_WRITE, size, led.after_write(first_read))
        for label, after in AFTER_WRITE.items():
            ok = (0, 1) if label == CHECK else (0,)
            add(after, size, led.after_write(partial(led.dprk, label, ok=ok)))
        add(JSON_EDITED, size, led.edited_by_hand(first_read))
        if small:
            add(ADD_AFTER_READ, size, led.cold(led.add_measure, read=True))
        add(JSON_COLD, size, led.cold(lambda led=led: led.dprk("status", "--format", "json")))
        add(ADD_COLD, size, led.cold(led.add_measure))
        add(MARK_COLD, size, led.cold(led.mark))
    # After a change or a deleted cache, rebuild the cache, unless the next job deletes it.
    cold = (ADD_AFTER_READ, JSON_COLD, ADD_COLD, MARK_COLD)
    for job, following in zip(order, [*order[1:], None], strict=True):
        last = following is None or following.size != job.size or following.label not in cold
        if job.label in (ADD, MARK, *cold) and last:
            job.then = ledgers[job.size].settle

    # First runs, untimed: build each cache, load the files into memory, compile the
    # bytecode of every command (on the smallest ledger: the same modules load). On
    # each ledger, a first write, as warm writes find the cache in every round after:
    # as a write left it (today's dprk keeps more in it then: where each measure sits).
    progress("first runs (untimed)")
    for led in ledgers.values():
        led.settle()
    written = {None, SIZES[0]}
    for job in order:
        if job.size in (None, SIZES[0]) and job.label not in cold:
            job.attempt(None)
        elif job.label in (ADD, MARK) and job.size not in written:
            written.add(job.size)
            job.attempt(None)
    for r in range(rounds):
        for job in order:
            if r < job.rounds:
                if job.size == BIG and job.label == FLOOR:
                    progress(f"round {r + 1}/{rounds}: {BIG:,} measures")
                elif job.label == NOOP:
                    progress(f"round {r + 1}/{rounds}")
                job.attempt(r)
    return Results(jobs, ledgers, rounds, args.big, args.only, runner.notes)


# ---------------------------------------------------------------------------- report


@dataclass
class Verdict:
    name: str
    limit: str
    result: str  # PASS, FAIL, or why it was not run
    measured: str = ""

    @property
    def failed(self) -> bool:
        return self.result == "FAIL"


def _not_run(results: Results, size: int | None) -> str:
    return "not run (use --big)" if size == BIG and not results.big else "not run (--only)"


def ratio_target(
    results: Results,
    name: str,
    subject: tuple[str, int | None],
    reference: tuple[str, int | None],
    limit: float,
) -> Verdict:
    """subject / reference, each the median over the rounds in which both ran."""
    limit_text = f"<= {limit:g}x"
    a, b = results.jobs.get(subject), results.jobs.get(reference)
    if a is None or b is None:
        return Verdict(name, limit_text, _not_run(results, subject[1]))
    for job, what in ((a, "command"), (b, "reference")):
        if job.failure is not None:
            return Verdict(name, limit_text, "FAIL", f"n/a ({what} failed: {job.failure})")
    common = set(a.samples) & set(b.samples)
    if not common:
        return Verdict(name, limit_text, "FAIL", "n/a (no run)")
    top, bottom = a.median(common), b.median(common)
    ratio = top / bottom
    result = "PASS" if ratio <= limit else "FAIL"
    return Verdict(
        name, limit_text, result, f"{ratio:.2f}x ({_duration(top)} / {_duration(bottom)})"
    )


def targets_of(results: Results) -> list[Verdict]:
    k10 = 10_000

    def r(name: str, subject, reference, limit: float) -> Verdict:
        return ratio_target(results, name, subject, reference, limit)

    floor, noop, json_warm = (FLOOR, k10), (NOOP, None), (JSON, k10)
    out = [
        r("1. status --format json, 10k, warm / floor", json_warm, floor, 0.5),
        r("2. status --format json, 10k, cache gone / floor", (JSON_COLD, k10), floor, 1.2),
        r("2. add-measure, 10k, cache gone / floor", (ADD_COLD, k10), floor, 1.2),
        r("2. mark, 10k, cache gone / floor", (MARK_COLD, k10), floor, 1.2),
        r("3. status in a 100x40 terminal, 10k / no-op", (TTY, k10), noop, 1.5),
        r("3. status in a 100x40 terminal, 100k / no-op", (TTY, BIG), noop, 1.5),
        r("4. add-measure, 10k, warm / floor", (ADD, k10), floor, 0.5),
        r("4. mark, 10k, warm / floor", (MARK, k10), floor, 0.5),
    ]
    for label in ANALYSES:
        out.append(r(f"5. {label}, 10k / status --format json", (label, k10), json_warm, 1.2))
    out.append(r("7. dprk --help / no-op", (HELP, None), noop, 1.15))
    out.append(r("7. status (table, to a pipe), 100 / no-op", (PIPE, 100), noop, 1.15))
    return out


def peak_targets(results: Results) -> list[tuple[str, str, str, str, str]]:
    """Target 6: peak memory of each command at 10k and 100k, and its growth."""
    rows = []
    for label in PEAK_TARGETS:
        small, large = results.jobs.get((label, 10_000)), results.jobs.get((label, BIG))
        if small is None:
            rows.append((label, "not run (--only)", "", "", ""))
            continue
        failed = any(j and j.failure for j in (small, large))
        if failed or not small.samples or (large and not large.samples):
            text = "n/a (command failed)" if failed else "n/a (no run)"
            rows.append((label, "FAIL", text, "", ""))
            continue
        ok = small.peak <= 100 * MIB
        cells = [_mib(small.peak)]
        if large is None:
            cells += [_not_run(results, BIG), ""]
        else:
            growth = large.peak / small.peak
            ok = ok and large.peak <= 400 * MIB and growth <= 11
            cells += [_mib(large.peak), f"x{growth:.1f}"]
        rows.append((label, "PASS" if ok else "FAIL", *cells))
    return rows


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return (
        f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, "
        f"{platform.system()}, {datetime.date.today().isoformat()}"
    )


def report(results: Results, markdown: bool) -> bool:
    """Print the results; True if every target that was run is met."""
    import resource

    launcher = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    big_rounds = min(BIG_ROUNDS, results.rounds)
    lines = [
        f"dprk benchmark: {machine()}",
        f"Median of {results.rounds} runs of a whole process"
        + (f" ({big_rounds} at {BIG:,} measures)" if results.big else "")
        + f", commands alternated round by round; the run took {results.seconds / 60:.1f} min.",
        f"Peak = largest resident set (at least this launcher's {launcher:.0f} MiB). "
        f"Baseline app: a minimal Typer app with {BASELINE_COMMANDS} commands, run as a module. "
        "Target 7 compares both dprk --help and status with the baseline's no-op command "
        "(not its --help, which draws Rich panels).",
    ]
    if results.rounds < 5:
        lines.append("Fewer than 5 rounds: the targets ask for medians of at least 5 runs.")
    if results.only:
        lines.append(f"Only commands whose label holds: {', '.join(results.only)}.")
    for size, led in results.ledgers.items():
        lines.append(
            f"{size:,} measures: {_mib_float(led.bytes)} of TOML "
            f"(floor file {_mib_float(led.floor.stat().st_size)}), {led.constraints:,} constraints"
        )
    print()
    print(lines[0])
    if markdown:
        print()
    for line in lines[1:]:
        print(f"- {line}" if markdown else line)

    verdicts = targets_of(results)
    print()
    print("Targets (ratios of medians; floor and no-op from the same run):")
    print()
    _table(
        ("target", "limit", "result", "measured (medians)"),
        [(v.name, v.limit, v.result, v.measured) for v in verdicts],
        markdown,
        "lrll",
    )
    peaks = peak_targets(results)
    print()
    print("Target 6, peak memory (RSS) of each command:")
    print()
    _table(
        ("command", "result", "at 10k (<= 100 MiB)", "at 100k (<= 400 MiB)", "growth (<= x11)"),
        peaks,
        markdown,
        "ll",
    )

    print()
    print("Every command (median; information, not targets):")
    print()
    _table(("command", "median", "peak"), _startup_rows(results), markdown)
    print()
    _table(*_size_table(results), markdown)
    failed: dict[tuple[str, str], list[str]] = {}
    for job in results.jobs.values():
        if job.failure is not None:
            failed.setdefault((job.label, job.failure), []).append(
                f"{job.size:,}" if job.size else ""
            )
    failures = [
        f"{label} ({', '.join(sizes)} measures): {message}" if any(sizes) else f"{label}: {message}"
        for (label, message), sizes in failed.items()
    ]
    for title, items in (("Failed commands:", failures), ("Notes:", results.notes)):
        if items:
            print()
            print(title)
            print()
            for item in items:
                print(f"- {item}")
    missed = [v for v in verdicts if v.failed] + [row for row in peaks if row[1] == "FAIL"]
    print()
    print(f"{len(missed)} target(s) missed." if missed else "Every target run is met.")
    return not missed


def _startup_rows(results: Results) -> list[tuple[str, ...]]:
    rows = []
    for (label, size), job in results.jobs.items():
        if size is None:
            rows.append((label, _cell(job), _mib(job.peak) if job.samples else ""))
    return rows


def _size_table(results: Results) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    sizes = sorted(results.ledgers)
    head = ["command", *(f"{s:,}" for s in sizes)]
    if results.big:
        head.append("100k / 10k")
    head += [f"peak at {s:,}" for s in sizes if s >= 10_000]
    labels = list(dict.fromkeys(label for label, size in results.jobs if size is not None))
    rows = []
    for label in labels:
        jobs = [results.jobs.get((label, s)) for s in sizes]
        cells = [label, *(_cell(j) for j in jobs)]
        if results.big:
            small, large = results.jobs.get((label, 10_000)), results.jobs.get((label, BIG))
            usable = small and large and small.samples and large.samples
            growth = usable and not small.failure and not large.failure
            cells.append(f"x{large.median() / small.median():.1f}" if growth else "")
        for s, j in zip(sizes, jobs, strict=True):
            if s >= 10_000:
                cells.append(_mib(j.peak) if j and j.samples and not j.failure else "")
        rows.append(tuple(cells))
    return tuple(head), rows


def _cell(job: Job | None) -> str:
    if job is None:
        return ""
    if job.failure is not None:
        return "failed"
    return _duration(job.median()) if job.samples else ""


def _duration(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def _mib(size: int) -> str:
    return f"{size / MIB:.0f} MiB"


def _mib_float(size: int) -> str:
    return f"{size / MIB:.1f} MiB"


def _table(
    header: Sequence[str], rows: Sequence[Sequence[str]], markdown: bool, align: str = ""
) -> None:
    """Columns aligned left (l) or right (r): by default the first left, the others right."""
    align = (align or "l").ljust(len(header), "r")
    if markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "".join("---|" if a == "l" else "---:|" for a in align))
        for row in rows:
            print("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")
        return
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        cells = [
            cell.ljust(w) if a == "l" else cell.rjust(w)
            for cell, w, a in zip(row, widths, align, strict=True)
        ]
        print("  " + "  ".join(cells).rstrip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rounds", type=int, default=7, help="runs of each command (default 7, at least 5)"
    )
    parser.add_argument(
        "--big", action="store_true", help=f"also {BIG:,} measures ({BIG_ROUNDS} rounds; slow)"
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--markdown", action="store_true", help="print the tables as Markdown")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="LABEL-SUBSTRING",
        help="time only the commands whose label holds this (repeatable); the floor, the "
        "no-op and status --format json are always timed",
    )
    parser.add_argument("--keep", type=Path, help="work in this new (or empty) folder and keep it")
    args = parser.parse_args()
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    args.only = [o.lower() for o in args.only]

    started = time.perf_counter()

    def progress(text: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f} s] {text}", file=sys.stderr, flush=True)

    with contextlib.ExitStack() as stack:
        if args.keep:
            root = args.keep.resolve()
            root.mkdir(parents=True, exist_ok=True)
            if any(root.iterdir()):
                raise SystemExit(f"benchmark: --keep {args.keep} is not empty")
        else:
            root = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="dprk-bench-")))
        results = measure(Runner(root), args, progress)
        results.seconds = time.perf_counter() - started
        ok = report(results, args.markdown)
    progress("done")
    if not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
