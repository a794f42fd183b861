"""Fault injection, as SQLite tests itself: every write, fsync and replace failing in turn.

For each command, the N-th `os.write`, `os.fsync` or `os.replace` made by
dprk's store (the lock, the undo journal, the temporary file, the rename,
the folder sync, the cache) fails with ENOSPC or EIO, for N = 1, 2, ...
until the command succeeds without meeting the fault. Every failure must end cleanly (one line, exit 1,
nothing on standard output, no temporary file left) with the ledger byte for
byte unchanged; the run that succeeds must write exactly what a run without
faults writes. Writes are cut into 16 KiB pieces, so faults land mid-file.
"""

from __future__ import annotations

import errno
import os
import shutil

import pytest

from dprk_cli.store import fs, journal

from .helpers import EPOCH, OsProxy, big_ledger, temporaries, write_ledger

pytestmark = pytest.mark.slow  # process-heavy: left out by `pytest -m "not slow"`

COMMANDS = {
    "mark": ["mark", "m00003", "agreed", "--date", "2019-01-01"],
    "add-measure": [
        "add-measure",
        "Open a liaison office",
        "--actor",
        "US",
        "--date",
        "2019-01-01",
    ],
    "add-party": ["add-party", "China"],
    "hand-formatted": ["verify", "m00005", "--by", "IAEA", "--date", "2019-01-01"],
}


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EIO], ids=["ENOSPC", "EIO"])
@pytest.mark.parametrize("op", ["write", "fsync", "replace"])
def test_nth_call_failing_leaves_the_ledger_unchanged(
    dprk, tmp_path, monkeypatch, op, code, command
):
    from dprk_cli.vocab import Status

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    path = tmp_path / "dprk-ledger.toml"
    status = Status.implemented if command == "hand-formatted" else Status.proposed
    write_ledger(path, big_ledger(250, status))
    if command == "hand-formatted":  # not in canonical form: the whole file is rewritten
        path.write_bytes(b"# kept by hand\n" + path.read_bytes())
    args = COMMANDS[command]

    reference = tmp_path / "reference"
    reference.mkdir()
    shutil.copy(path, reference / path.name)
    assert dprk("--ledger", str(reference / path.name), *args).code == 0
    expected = (reference / path.name).read_bytes()

    before = path.read_bytes()
    # The cache current and whole, and put back before each run: the same calls each run.
    assert dprk("status", "--format", "ids").code == 0
    from dprk_cli import store
    from dprk_cli.store import cache

    snapshot = store.snapshot(path)
    for name in cache.COLUMNS:
        snapshot.column(name)
    side = path.parent / ".dprk"
    kept = {p: p.read_bytes() for p in side.iterdir() if p.is_file() and p.suffix != ".lock"}
    failures = tolerated = 0
    for n in range(1, 500):
        for p in side.iterdir():
            if p.is_file() and p not in kept and p.suffix != ".lock":
                p.unlink()
        for p, data in kept.items():
            p.write_bytes(data)

        def on_call(proxy, name, call, call_args, n=n):
            if name == op and proxy.counts[op] == n:
                raise OSError(code, os.strerror(code))
            return call()

        proxy = OsProxy(os, on_call, chunk=16 * 1024)
        monkeypatch.setattr(fs, "os", proxy)
        monkeypatch.setattr(journal, "os", proxy)
        result = dprk(*args)
        monkeypatch.setattr(fs, "os", os)
        monkeypatch.setattr(journal, "os", os)
        if result.code == 0:
            # Succeeded: the fault never came (no n-th call), or it hit a call whose
            # failure does not matter once the ledger is replaced (folder sync, the
            # cache, which is rebuilt when it is missing or damaged).
            assert path.read_bytes() == expected
            if proxy.counts.get(op, 0) < n:
                break
            tolerated += 1
            path.write_bytes(before)  # and go on to the next call
            continue
        failures += 1
        assert proxy.counts.get(op, 0) >= n, "failed without the fault"
        assert result.code == 1, result.err
        assert result.out == ""
        assert result.err.startswith("dprk: error: ") and result.err.count("\n") == 1, result.err
        assert os.strerror(code) in result.err
        assert "ledger left unchanged" in result.err
        assert "Traceback" not in result.err
        assert path.read_bytes() == before, f"changed after {op} #{n} failed"
        # (nor does the journal keep an entry for it: on a full disk, each one held on to
        # its place, and the next write found none for its own)
        journalled = side / f"{path.name}.undo"
        assert (journalled.read_bytes() if journalled.exists() else b"") == kept.get(
            journalled, b""
        ), f"the journal kept the entry of a change that failed ({op} #{n})"
        assert [t for t in temporaries(tmp_path) if not t.startswith(".dprk/")] == []
    else:
        pytest.fail("the command never succeeded")

    print(f"{op} {command}: {failures} clean failures, {tolerated} tolerated")
    assert failures >= {"write": 3, "fsync": 2, "replace": 1}[op]
    # and the ledger reads back as the change made it
    assert dprk("status", "--format", "json").code == 0
