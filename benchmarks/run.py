"""Time whole `dprk` processes on synthetic ledgers and check the speed targets.

Every measurement is a fresh process, start-up included, its wall time and
its peak resident memory. The commands are run in rounds, one of each per
round, so that a busy machine slows them all alike; each result is the
median over the rounds, and each target is a ratio of two medians from this
same run. "Warm" means the ledger's cache was already built by an earlier
command (the usual case: any command builds it); "cold" means the `.dprk/`
folder was deleted just before, so the TOML file is parsed and the cache
written. The targets use warm runs.

    python -m benchmarks.run              # 100, 1,000 and 10,000 measures
    python -m benchmarks.run --big        # and 100,000 measures
    python -m benchmarks.run --markdown   # the results table for the README

Only Python and an installed dprk are needed. Target 1 compares with the
baseline app's no-op command (its `--help` is slower: it draws Rich panels).
The exit status is 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .generate import DEFAULT_SEED

MIB = 1024 * 1024

# What every timed process runs with: no dprk settings from the caller, and compiled
# bytecode kept (outside the source tree) as an installed package has it, even
# where the caller turned bytecode caching off. `main` sets the cache folder.
_DROPPED = ("DPRK_LEDGER", "FORCE_COLOR", "COLUMNS", "LINES", "PYTHONDONTWRITEBYTECODE")
CHILD_ENV = {k: v for k, v in os.environ.items() if k not in _DROPPED}


@dataclass
class Sample:
    seconds: float
    peak: int  # bytes


@dataclass
class Measurement:
    """All runs of one command on one ledger."""

    label: str
    size: int | None
    warm: list[Sample] = field(default_factory=list)
    cold: list[Sample] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(s.seconds for s in self.warm)

    @property
    def cold_median(self) -> float | None:
        return statistics.median(s.seconds for s in self.cold) if self.cold else None

    @property
    def peak(self) -> int:
        return max(s.peak for s in [*self.warm, *self.cold])


def run_process(argv: list[str], *, cwd: Path, tty: bool = False) -> Sample:
    """Run one process to its end; its wall time and peak RSS (from wait4, this child only)."""
    env = dict(CHILD_ENV)
    if tty:
        return _run_in_terminal(argv, cwd=cwd, env=env)
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(
            argv,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            errors.seek(0)
            raise SystemExit(
                f"benchmark: {' '.join(argv)} failed with exit code {proc.returncode}: "
                + errors.read().decode("utf-8", "replace").strip()
            )
    return Sample(elapsed, usage.ru_maxrss * 1024)


def _run_in_terminal(argv: list[str], *, cwd: Path, env: dict[str, str]) -> Sample:
    """Run with standard output on a pseudo-terminal of 40 rows and 120 columns."""
    import fcntl
    import struct
    import termios

    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=slave, stderr=subprocess.DEVNULL
    )
    os.close(slave)
    output = bytearray()
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    os.close(master)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"benchmark: {' '.join(argv)} failed in a terminal")
    if b"more measures not shown" not in output and b"--all" not in output:
        raise SystemExit("benchmark: status in a terminal did not say how to see every measure")
    return Sample(elapsed, usage.ru_maxrss * 1024)


def dprk_command() -> list[str]:
    found = shutil.which("dprk", path=os.path.dirname(sys.executable))
    return [found] if found else [sys.executable, "-m", "dprk_cli"]


def dprk_commands() -> list[str]:
    """The commands `dprk --help` lists (the baseline app gets as many)."""
    out = subprocess.run([*dprk_command(), "--help"], capture_output=True, text=True).stdout
    _, _, listing = out.partition("\nCommands:\n")
    return [
        line.split()[0] for line in listing.splitlines() if line.startswith("  ") and line.split()
    ]


def write_baseline(folder: Path, commands: int) -> Path:
    """A minimal Typer app with `commands` commands that do nothing."""
    lines = ["import typer", "", "app = typer.Typer()", ""]
    for i in range(commands):
        lines += ["", "@app.command()", f"def command{i}() -> None:", f'    """Command {i}."""', ""]
    lines += ["", 'if __name__ == "__main__":', "    app()", ""]
    path = folder / "baseline_app.py"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


class Bench:
    """Commands to time, run in interleaved rounds."""

    def __init__(self, rounds: int, cold_rounds: int) -> None:
        self.rounds = rounds
        self.cold_rounds = cold_rounds
        self.jobs: list[tuple[Measurement, Callable[[], Sample], Callable[[], Sample] | None]] = []

    def add(
        self,
        label: str,
        size: int | None,
        warm: Callable[[], Sample],
        cold: Callable[[], Sample] | None = None,
    ) -> Measurement:
        m = Measurement(label, size)
        self.jobs.append((m, warm, cold))
        return m

    def run(self, progress: Callable[[str], None]) -> None:
        for _job, warm, _ in self.jobs:  # prime: build caches, load files into the page cache
            warm()
        for r in range(self.rounds):
            progress(f"round {r + 1}/{self.rounds}")
            for job, warm, cold in self.jobs:
                if cold is not None and r < self.cold_rounds:
                    job.cold.append(cold())
                job.warm.append(warm())


class Ledger:
    """A generated ledger in a folder of its own, and the dprk commands to run on it.

    It is generated by a child process: this one stays small, because a child
    starts with its parent's peak memory as its own (so would every measurement).
    """

    def __init__(self, root: Path, size: int, seed: int) -> None:
        self.size = size
        self.folder = root / f"ledger-{size}"
        self.folder.mkdir()
        subprocess.run(
            [sys.executable, "-m", "benchmarks.generate", "--size", str(size)]
            + ["--seed", str(seed), "--out", str(self.folder)],
            check=True,
            stdout=subprocess.DEVNULL,
            cwd=Path(__file__).resolve().parent.parent,
        )
        self.path = self.folder / "dprk-ledger.toml"
        (self.folder / f"ledger-{size}.toml").rename(self.path)
        self.floor = self.folder / f"floor-{size}.toml"
        meta = json.loads((self.folder / f"meta-{size}.json").read_text(encoding="utf-8"))
        self.constraints = int(meta["constraints"])
        self.pending = list(meta["pending"])
        self.bytes = self.path.stat().st_size
        self.added = 0

    def dprk(self, *args: str, tty: bool = False) -> Sample:
        return run_process([*dprk_command(), *args], cwd=self.folder, tty=tty)

    def cold(self, *args: str) -> Sample:
        shutil.rmtree(self.folder / ".dprk", ignore_errors=True)
        return self.dprk(*args)

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
            "2031-01-01",
        )

    def mark(self) -> Sample:
        ident = self.pending.pop()
        return self.dprk("mark", ident, "implemented", "--date", "2031-01-02")

    def floor_parse(self) -> Sample:
        code = f"import tomllib; tomllib.load(open({str(self.floor)!r}, 'rb'))"
        return run_process([sys.executable, "-c", code], cwd=self.folder)


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7, help="runs of each command (default 7)")
    parser.add_argument("--big", action="store_true", help="also 100,000 measures (slow)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table too")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()

    started = time.perf_counter()

    def progress(text: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f} s] {text}", file=sys.stderr, flush=True)

    with contextlib.ExitStack() as stack:
        if args.keep:
            root = args.keep
            root.mkdir(parents=True, exist_ok=True)
        else:
            root = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="dprk-bench-")))
        CHILD_ENV["PYTHONPYCACHEPREFIX"] = str(root / "bytecode")
        results = measure(root, args, progress)
    report(results, args.markdown, big=args.big)
    progress("done")


@dataclass
class Results:
    measurements: dict[tuple[str, int | None], Measurement]
    ledgers: dict[int, Ledger]
    commands: int
    rounds: int
    scaling: list[tuple[str, float, float]] = field(default_factory=list)


def measure(root: Path, args: argparse.Namespace, progress: Callable[[str], None]) -> Results:
    available = dprk_commands()
    commands = len(available)
    baseline = write_baseline(root, commands)
    sizes = [100, 1_000, 10_000]
    ledgers: dict[int, Ledger] = {}
    for size in sizes:
        progress(f"generating {size:,} measures")
        ledgers[size] = Ledger(root, size, args.seed)

    bench = Bench(args.rounds, cold_rounds=min(3, args.rounds))
    found: dict[tuple[str, int | None], Measurement] = {}

    def add(label: str, size: int | None, warm, cold=None) -> None:
        found[(label, size)] = bench.add(label, size, warm, cold)

    def base(*a: str) -> Callable[[], Sample]:
        # as a module, so that its bytecode is cached like dprk's
        return lambda: run_process([sys.executable, "-m", baseline.stem, *a], cwd=root)

    add("baseline: minimal Typer app, a no-op command", None, base("command0"))
    add("baseline: minimal Typer app --help", None, base("--help"))
    small = ledgers[100]
    add("dprk --help", None, lambda: small.dprk("--help"))
    for size in sizes:
        led = ledgers[size]
        add(
            "status --format json",
            size,
            lambda led=led: led.dprk("status", "--format", "json"),
            lambda led=led: led.cold("status", "--format", "json"),
        )
        add("status (table, to a pipe)", size, lambda led=led: led.dprk("status"))
        add(
            "status (in a terminal)",
            size,
            lambda led=led: led.dprk("status", tty=True),
        )
        add(
            "add-measure",
            size,
            led.add_measure,
            lambda led=led: (shutil.rmtree(led.folder / ".dprk"), led.add_measure())[1],
        )
        add(
            "mark",
            size,
            led.mark,
            lambda led=led: (shutil.rmtree(led.folder / ".dprk"), led.mark())[1],
        )
        for name in ("next", "plan"):
            if name in available:
                add(name, size, lambda led=led, name=name: led.dprk(name))
        add("show ID", size, lambda led=led: led.dprk("show", led.pending[0]))
        add("python -c 'tomllib.load(F)' (floor)", size, led.floor_parse)
    bench.run(progress)

    results = Results(found, ledgers, commands, args.rounds)
    if args.big:
        progress("generating 100,000 measures")
        big = Ledger(root, 100_000, args.seed)
        ledgers[100_000] = big
        bench = Bench(max(3, args.rounds // 2), cold_rounds=1)
        for label, warm, cold in (
            (
                "status --format json",
                lambda: big.dprk("status", "--format", "json"),
                lambda: big.cold("status", "--format", "json"),
            ),
            ("status (table, to a pipe)", lambda: big.dprk("status"), None),
            ("status (in a terminal)", lambda: big.dprk("status", tty=True), None),
            ("add-measure", big.add_measure, None),
            ("mark", big.mark, None),
            ("next", lambda: big.dprk("next"), None),
            ("plan", lambda: big.dprk("plan"), None),
            ("python -c 'tomllib.load(F)' (floor)", big.floor_parse, None),
        ):
            if label in ("next", "plan") and label not in available:
                continue
            found[(label, 100_000)] = bench.add(label, 100_000, warm, cold)
        bench.run(progress)
        for label in ("status --format json", "add-measure", "mark", "next", "plan"):
            if (label, 100_000) not in found:
                continue
            results.scaling.append(
                (label, found[(label, 10_000)].median, found[(label, 100_000)].median)
            )
    return results


def report(results: Results, markdown: bool, *, big: bool) -> None:
    found = results.measurements
    print()
    print(f"dprk benchmark: {machine()}")
    import resource

    launcher = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"median of {results.rounds} runs of a whole process; peak = largest resident set "
        f"(at least this launcher's {launcher:.0f} MiB); baseline app has {results.commands} "
        "commands"
    )
    rows = []
    for (label, size), m in found.items():
        cold = m.cold_median
        rows.append(
            (
                label,
                f"{size:,}" if size else "-",
                f"{m.median * 1000:.0f} ms",
                f"{cold * 1000:.0f} ms" if cold is not None else "",
                f"{m.peak / MIB:.0f} MiB",
            )
        )
    header = ("command", "measures", "warm", "cold", "peak")
    _print_table(header, rows)
    for size, led in results.ledgers.items():
        print(
            f"  {size:>7,} measures: {led.bytes / MIB:.1f} MiB of TOML, "
            f"{led.constraints:,} constraints"
        )

    targets = targets_of(results)
    print()
    print("Targets (warm runs):")
    target_rows = [
        (name, value, limit, "pass" if ok else "FAIL") for name, value, limit, ok in targets
    ]
    _print_table(("target", "measured", "limit", ""), target_rows)
    if big:
        print()
        print("Scaling from 10,000 to 100,000 measures (linear is x10):")
        for label, small, large in results.scaling:
            print(f"  {label:<24} {small:6.2f} s -> {large:6.2f} s  (x{large / small:.1f})")
    if markdown:
        print()
        _print_markdown(results)
        print()
        print("| target | measured | limit | |")
        print("|---|---:|---:|---|")
        for row in target_rows:
            print("| " + " | ".join(row) + " |")
    if not all(ok for *_, ok in targets):
        sys.exit(1)


def _print_markdown(results: Results) -> None:
    """One row per command, one column per ledger size (warm), then 10,000 cold and peak."""
    found = results.measurements
    sizes = sorted(results.ledgers)
    labels = list(dict.fromkeys(label for label, size in found if size is not None))
    head = [f"{size:,}" for size in sizes] + ["10,000 cold", "peak at 10,000"]
    print("| command | " + " | ".join(head) + " |")
    print("|---|" + "---:|" * len(head))
    for label, size in found:
        if size is None:
            m = found[(label, None)]
            cells = [f"{m.median * 1000:.0f} ms"] + [""] * (len(head) - 2)
            print(f"| {label} | " + " | ".join(cells) + f" | {m.peak / MIB:.0f} MiB |")
    for label in labels:
        cells = []
        for size in sizes:
            m = found.get((label, size))
            cells.append(_duration(m.median) if m else "")
        big = found.get((label, 10_000))
        cold = big.cold_median if big else None
        cells.append(_duration(cold) if cold is not None else "")
        cells.append(f"{big.peak / MIB:.0f} MiB" if big else "")
        print(f"| {label} | " + " | ".join(cells) + " |")


def _duration(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def targets_of(results: Results) -> list[tuple[str, str, str, bool]]:
    found = results.measurements

    def t(label: str, size: int | None) -> float:
        m = found.get((label, size))
        return m.median if m is not None else float("nan")

    noop = t("baseline: minimal Typer app, a no-op command", None)
    floor = t("python -c 'tomllib.load(F)' (floor)", 10_000)
    status_10k = t("status --format json", 10_000)
    checks: list[tuple[str, float, float, str]] = [
        ("1. dprk --help / Typer no-op", t("dprk --help", None) / noop, 1.15, "x"),
        (
            "1. status --format json (100) / Typer no-op",
            t("status --format json", 100) / noop,
            1.15,
            "x",
        ),
        (
            "1. status table (100) / Typer no-op",
            t("status (table, to a pipe)", 100) / noop,
            1.4,
            "x",
        ),
        ("2. status --format json (10k) / tomllib floor", status_10k / floor, 0.5, "x"),
        ("3. add-measure (10k) / tomllib floor", t("add-measure", 10_000) / floor, 0.75, "x"),
        ("3. mark (10k) / tomllib floor", t("mark", 10_000) / floor, 0.75, "x"),
        ("4. plan (10k, 20k constraints) / status json", t("plan", 10_000) / status_10k, 1.2, "x"),
        ("4. next (10k, 20k constraints) / status json", t("next", 10_000) / status_10k, 1.2, "x"),
        (
            "5. peak memory, any command (10k)",
            max(m.peak for (_, size), m in found.items() if size == 10_000) / MIB,
            150,
            " MiB",
        ),
        ("-  status in a terminal (10k)", t("status (in a terminal)", 10_000), 0.5, " s"),
    ]
    out = []
    for name, value, limit, unit in checks:
        shown = f"{value:.2f}{unit}" if unit != " MiB" else f"{value:.0f}{unit}"
        limit_text = f"{limit:g}{unit}"
        if value != value:  # NaN: the command does not exist yet
            out.append((name, "n/a", limit_text, False))
            continue
        out.append((name, shown, limit_text, value <= limit))
    if 100_000 in results.ledgers:
        worst = max(large / small for _, small, large in results.scaling)
        out.append(("5. 100k works; worst 10k->100k growth", f"x{worst:.1f}", "x15", worst <= 15))
    return out


def _print_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        cells = [
            cell.ljust(w) if i == 0 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ]
        print("  " + "  ".join(cells).rstrip())


if __name__ == "__main__":
    main()
