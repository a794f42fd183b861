"""Real git repositories in temporary folders, and the real `dprk` inside them.

Every git call runs with `cwd=` the test's own repository, its own identity,
and no global or system git configuration, so tests never depend on (or
touch) the user's git set-up.
"""

from __future__ import annotations

import io
import itertools
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from dprk_cli import store
from dprk_cli.cli.app import main
from dprk_cli.model import Ledger
from tests.conftest import Result, dprk_executable, run_process

LEDGER = "dprk-ledger.toml"


def git_env(**extra: str) -> dict[str, str]:
    """An environment for git and dprk: fixed identity, no user config, dprk on PATH."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        {
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "Test Analyst",
            "GIT_AUTHOR_EMAIL": "analyst@example.org",
            "GIT_COMMITTER_NAME": "Test Analyst",
            "GIT_COMMITTER_EMAIL": "analyst@example.org",
            "GIT_MERGE_AUTOEDIT": "no",
            "GIT_TERMINAL_PROMPT": "0",
            "PATH": os.path.dirname(dprk_executable()) + os.pathsep + env.get("PATH", ""),
            "SOURCE_DATE_EPOCH": "1700000000",
        }
    )
    env.pop("DPRK_LEDGER", None)
    env.update(extra)
    return env


# Each git command a second after the last: commits are dated by this clock, not the
# machine's, so that the order git puts them in (the merge bases of a criss-cross merge,
# merged into one base in date order) does not depend on how fast the machine ran. Two
# commits in one second, or a second apart only on a loaded machine, made a
# criss-cross merge's result vary from run to run.
_COMMIT_CLOCK = itertools.count(1700000000)


def git(repo: Path, *args: str, check: bool = True, env: dict[str, str] | None = None) -> Result:
    """Run git in `repo` (never anywhere else)."""
    when = f"@{next(_COMMIT_CLOCK)} +0000"
    proc = subprocess.run(
        ["git", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env={**(env or git_env()), "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when},
        timeout=60,
    )
    result = Result(proc.returncode, proc.stdout, proc.stderr)
    if check:
        assert result.code == 0, f"git {' '.join(args)}: {result.err}{result.out}"
    return result


def dprk_in(repo: Path, *args: str, epoch: int = 1700000000, process: bool = False) -> Result:
    """`dprk ARGS` in `repo`: through its entry point in this process (fast), or, with
    `process`, as the installed console script. git itself always runs the real
    script as the merge driver."""
    env = git_env(SOURCE_DATE_EPOCH=str(epoch))
    if process:
        return run_process(*args, cwd=repo, env=env)
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    saved_streams = sys.stdin, sys.stdout, sys.stderr
    out, err = io.StringIO(), io.StringIO()
    try:
        os.environ.clear()
        os.environ.update(env)
        os.chdir(repo)
        sys.stdin, sys.stdout, sys.stderr = io.StringIO(""), out, err
        code = main([str(a) for a in args])
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
    return Result(code, out.getvalue(), err.getvalue())


def ok(result: Result) -> Result:
    assert result.code == 0, result.err
    return result


def init_repo(folder: Path, *, example: bool = True, setup: bool = True) -> Path:
    """A git repository on branch main holding a committed ledger (the 2018 example)."""
    folder.mkdir(parents=True, exist_ok=True)
    git(folder, "-c", "init.defaultBranch=main", "init", "-q")
    if example:
        ok(dprk_in(folder, "init", "--example", "korea-2018"))
    if setup:
        ok(dprk_in(folder, "git-setup"))
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "base ledger")
    return folder


def read_ledger(path: Path) -> Ledger:
    return store.parse_bytes(path.read_bytes(), str(path))


def hand_edit(path: Path, change: Callable[[Ledger], Ledger]) -> None:
    """Edit the ledger file the way a person with an editor would (written canonically)."""
    ledger = change(read_ledger(path))
    path.write_text(store.render_ledger(ledger), encoding="utf-8")


def replace_measure(ledger: Ledger, ident: str, **update: object) -> Ledger:
    measures = [m.model_copy(update=update) if m.id == ident else m for m in ledger.measures]
    return ledger.model_copy(update={"measures": measures})


def drop_measure(ledger: Ledger, ident: str) -> Ledger:
    return ledger.model_copy(update={"measures": [m for m in ledger.measures if m.id != ident]})
