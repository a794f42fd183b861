"""SIGKILL during a write of a multi-megabyte ledger: the file is always the old or the new one.

Two ways of choosing where to kill. First, deterministically: a forked child
runs the command with dprk's file calls counted, and kills itself with SIGKILL
just before the N-th one (a write is cut in half first, so the file on disk
holds half of it), for N = 1, 2, ... until the command runs to the end.
Second, at random moments, a real process that keeps rewriting the ledger.
After every kill the ledger is byte for byte the old or the new version, and
the next command that writes sweeps away the temporary files left behind.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import subprocess
import sys
import time

import pytest

from dprk_cli import store
from dprk_cli.cli.app import main
from dprk_cli.store import codec, fs, journal

from .helpers import EPOCH, OsProxy, big_ledger, temporaries, worker_env, write_ledger

pytestmark = pytest.mark.slow  # process-heavy: left out by `pytest -m "not slow"`

MEASURES = 2000  # about 0.9 MB written: many chunks of CHUNK bytes
CHUNK = 128 * 1024  # writes are cut into pieces this size, so kills land mid-file


def _run(args: list[str]) -> int:
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = io.StringIO(), io.StringIO()
    try:
        return main(args)
    finally:
        sys.stdout, sys.stderr = saved


def _killed_at(point: int, args: list[str]) -> tuple[bool, list[str]]:
    """Run `args` in a forked child that SIGKILLs itself before its `point`-th file call.

    Returns whether it was killed, and the calls it made (when it was).
    """
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            os.close(read_end)
            real_os = os

            def on_call(proxy, name, call, call_args):
                if proxy.total == point:
                    os.write(write_end, (" ".join(_names) + f" {name}").encode())
                    if name == "write":
                        fd, data = call_args
                        real_os.write(fd, data[: len(data) // 2])  # half of it lands
                    os.kill(os.getpid(), signal.SIGKILL)
                _names.append(name)
                return call()

            _names: list[str] = []
            proxy = OsProxy(real_os, on_call, chunk=CHUNK)
            fs.os = proxy
            journal.os = proxy
            code = _run(args)
            os._exit(code)
        except BaseException:
            os._exit(99)
    os.close(write_end)
    _, status = os.waitpid(pid, 0)
    with os.fdopen(read_end, "rb") as pipe:
        calls = pipe.read().decode().split()
    if os.WIFSIGNALED(status):
        assert os.WTERMSIG(status) == signal.SIGKILL
        return True, calls
    assert os.WEXITSTATUS(status) == 0, f"the command failed with {os.WEXITSTATUS(status)}"
    return False, calls


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_sigkill_before_every_file_call_leaves_old_or_new(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.delenv("DPRK_LEDGER", raising=False)
    ledger = big_ledger(MEASURES)
    path = tmp_path / "dprk-ledger.toml"
    old = write_ledger(path, ledger)
    assert len(old) > 4 * CHUNK
    args = ["--ledger", str(path), "mark", "m00042", "agreed", "--date", "2019-01-01"]

    # The new version, from the same command run to the end on a copy.
    reference = tmp_path / "reference"
    reference.mkdir()
    shutil.copy(path, reference / path.name)
    assert _run([*args[:1], str(reference / path.name), *args[2:]]) == 0
    new = (reference / path.name).read_bytes()
    assert new != old

    # Warm the cache (with the file's layout) so each child starts fast, and keep it.
    with store.edit(path):
        pass
    side = path.parent / ".dprk"
    kept = {
        p: p.read_bytes() for p in side.iterdir() if p.is_file() and not p.name.endswith(".lock")
    }

    def restore_cache() -> None:
        for p in side.iterdir():
            if p.is_file() and p not in kept and not p.name.endswith(".lock"):
                p.unlink()
        for p, data in kept.items():
            p.write_bytes(data)

    outcomes = {"old": 0, "new": 0}
    kill_points = []
    point = 0
    while True:
        point += 1
        assert point < 200, "the command never finished"
        killed, calls = _killed_at(point, args)
        now = path.read_bytes()
        assert now in (old, new), f"killed before call {point} ({calls[-1:]}): ledger is neither"
        if not killed:
            assert now == new
            break
        kill_points.append(calls[-1])
        outcomes["old" if now == old else "new"] += 1
        if [t for t in temporaries(tmp_path) if not t.startswith(".dprk/")]:
            # The next command that writes sweeps them (here: the same command again).
            if now == new:
                assert _run(args) == 1  # already agreed: nothing to write, but swept
            else:
                assert _run(args) == 0
                assert path.read_bytes() == new
            assert [t for t in temporaries(tmp_path) if not t.startswith(".dprk/")] == []
        path.write_bytes(old)
        restore_cache()

    print(f"killed at {len(kill_points)} points: {outcomes}; calls: {' '.join(kill_points)}")
    assert len(kill_points) >= 15
    assert outcomes["old"] and outcomes["new"]
    assert kill_points.count("write") >= 4  # the ledger's own write, cut part-way, several times
    assert "replace" in kill_points and "fsync" in kill_points
    assert store.parse_bytes(old, "old") and store.parse_bytes(new, "new")


_REWRITER = """
import sys
from pathlib import Path
from dprk_cli import store
path = Path(sys.argv[1])
k = 0
while True:
    k += 1
    with store.edit(path, description="retitle") as change:
        change.set_header(title=f"Version {k}")
    if k == 1:
        print("writing", flush=True)
"""


def test_sigkill_at_random_moments_of_a_process_rewriting_the_ledger(tmp_path):
    ledger = big_ledger(MEASURES)
    path = tmp_path / "dprk-ledger.toml"
    original = write_ledger(path, ledger)
    header = codec.render_header(ledger).encode()
    body = original[len(header) :]
    title = re.compile(rb'^title = "(Version \d+|A large negotiation)"$', re.MULTILINE)
    for delay in (0.0, 0.05, 0.1, 0.2, 0.35, 0.5):
        proc = subprocess.Popen(
            [sys.executable, "-c", _REWRITER, str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=worker_env(),
        )
        try:
            assert proc.stdout.readline() == b"writing\n", proc.stderr.read()
            time.sleep(delay)
        finally:
            proc.kill()
            proc.wait()
        assert proc.returncode == -signal.SIGKILL
        now = path.read_bytes()
        found = title.search(now)
        assert found, now[:200]
        retitled = ledger.model_copy(update={"title": found[1].decode()})
        assert now == codec.render_header(retitled).encode() + body
    assert store.parse_bytes(path.read_bytes(), str(path)).title.startswith("Version")
    # The next command that writes sweeps whatever the killed writers left.
    assert _run(["--ledger", str(path), "add-party", "ROK"]) == 0
    assert [t for t in temporaries(tmp_path) if not t.startswith(".dprk/")] == []


def test_old_side_temporaries_are_swept_and_fresh_ones_kept(tmp_path, dprk, korea):
    side = korea.parent / ".dprk"
    stale = side / f".{korea.name}.cache.dprk-tmp-0a0b0c0d"
    fresh = side / f".{korea.name}.cache.dprk-tmp-01020304"
    orphan = korea.parent / f".{korea.name}.dprk-tmp-00112233aabb"
    for p in (stale, fresh, orphan):
        p.write_bytes(b"half a file")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    assert dprk("status").code == 0  # reading takes no lock and sweeps nothing
    assert orphan.exists()
    assert dprk("add-party", "China").code == 0
    assert not orphan.exists() and not stale.exists()
    assert fresh.exists()  # may belong to a reader writing the cache right now
