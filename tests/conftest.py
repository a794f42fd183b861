"""Shared fixtures: run the real `dprk` entry point in-process or as a subprocess."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from dprk_cli.cli.app import main

# A property test's examples are timed by nobody here: a busy machine (CI shares its
# cores) must not fail one for taking longer than Hypothesis's default 200 ms deadline.
# (Speed is measured in benchmarks/, not in tests.)
settings.register_profile("dprk", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("dprk")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "korea-2018.toml"


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()


class _Stdout(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


@pytest.fixture(autouse=True)
def _ctrl_c_as_python_takes_it():
    """Each test starts with Python's own Ctrl-C handler (KeyboardInterrupt), as a dprk
    process does: a test whose in-process command left another in place (a block that
    holds Ctrl-C, ended without its exit) would make a later test's Ctrl-C go unseen,
    in whatever test ran after it on the same worker."""
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture
def dprk(monkeypatch, tmp_path):
    """Call `dprk ARGS...` through its real entry point (`main`), capturing everything.

    Runs in `tmp_path` with DPRK_LEDGER unset, so each test starts clean.
    """
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DPRK_LEDGER", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("DPRK_PAGER", raising=False)
    monkeypatch.setenv("PAGER", "cat")  # a table taller than the screen is printed, not paged

    def run(*args: str, stdin: str = "", tty: bool = False) -> Result:
        out, err = _Stdout(tty), io.StringIO()
        saved = sys.stdin, sys.stdout, sys.stderr
        sys.stdin, sys.stdout, sys.stderr = io.StringIO(stdin), out, err
        try:
            code = main([str(a) for a in args])
        finally:
            sys.stdin, sys.stdout, sys.stderr = saved
        return Result(code, out.getvalue(), err.getvalue())

    return run


@pytest.fixture
def tick(monkeypatch):
    """A clock that a test moves on by two seconds each time it calls `tick()` (each
    command recorded after the one before it, as a user types, not as a script runs);
    started when the fixture is made."""
    clock = [1_700_000_000]

    def advance() -> None:
        clock[0] += 2
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(clock[0]))

    advance()
    return advance


@pytest.fixture
def korea(dprk, tmp_path) -> Path:
    """A ledger initialised from the bundled 2018 example, in the test's folder."""
    result = dprk("init", "--example", "korea-2018")
    assert result.code == 0, result.err
    return tmp_path / "dprk-ledger.toml"


@pytest.fixture
def empty(dprk, tmp_path) -> Path:
    """A ledger with three parties and no measures."""
    result = dprk(
        "init", "--title", "Test talks", "--party", "DPRK", "--party", "US", "--party", "ROK"
    )
    assert result.code == 0, result.err
    return tmp_path / "dprk-ledger.toml"


def missing(reason: str) -> None:
    """A tool a test needs is not installed: skipped on a developer's machine, a failure
    in CI (CI=true), where .ci/run installs everything the tests need, so that no test
    is counted as passed without having run."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"CI: {reason}")
    pytest.skip(reason)


def dprk_executable() -> str:
    found = shutil.which(
        "dprk", path=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")
    )
    assert found, "the dprk console script is not installed (pip install -e '.[test]')"
    return found


def run_process(
    *args: str, cwd: Path, stdin: str = "", env: dict | None = None, timeout: float = 60
) -> Result:
    """Run the installed `dprk` console script as a real process."""
    full_env = {k: v for k, v in os.environ.items() if k not in ("DPRK_LEDGER", "FORCE_COLOR")}
    full_env.update(env or {})
    proc = subprocess.run(
        [dprk_executable(), *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


def shell(command: str, *, cwd: Path, timeout: float = 60) -> Result:
    """Run a shell pipeline with the installed dprk first on PATH."""
    env = {k: v for k, v in os.environ.items() if k not in ("DPRK_LEDGER", "FORCE_COLOR")}
    env["PATH"] = os.path.dirname(dprk_executable()) + os.pathsep + env.get("PATH", "")
    proc = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)
