"""Many dprk processes on one ledger at once: no update lost, no reader sees half a file.

Each worker is a real process that runs dprk's entry point several times in
a row (starting a fresh interpreter for each of 200 commands would make the
test take minutes on a small machine); one test also runs the installed
console script under `xargs -P8`. And one test shows that these tests can
fail: with the lock replaced by one that returns at once, updates are lost.
"""

from __future__ import annotations

import json

import pytest

from dprk_cli import store
from dprk_cli.model import Ledger
from tests.conftest import shell

from .helpers import big_ledger, finish_workers, start_workers, write_ledger

pytestmark = pytest.mark.slow  # process-heavy: left out by `pytest -m "not slow"`

WORKERS = 8
EACH = 25


def _adders(ledger, go, count, each, **extra):
    # Every worker adds measures with the same title, so every id is made by the
    # slug generator, which must see the others' measures to keep ids unique.
    command = ["--ledger", str(ledger), "add-measure", "Lift sanctions on coal", "--actor", "US"]
    return [{"commands": [command] * each, "go": str(go), **extra} for _ in range(count)]


def _empty_ledger(tmp_path):
    path = tmp_path / "dprk-ledger.toml"
    write_ledger(path, Ledger(title="Concurrent", parties=["DPRK", "US"]))
    return path


def test_eight_processes_adding_25_measures_each_lose_nothing(tmp_path):
    path = _empty_ledger(tmp_path)
    go = tmp_path / "go"
    procs = start_workers(_adders(path, go, WORKERS, EACH), tmp_path)
    go.touch()
    reports = finish_workers(procs)
    results = [r for report in reports for r in report]
    assert len(results) == WORKERS * EACH
    failures = [r for r in results if r["code"] != 0]
    assert not failures, failures[:3]
    printed = [r["out"].strip() for r in results]
    assert len(set(printed)) == WORKERS * EACH  # every command got its own id
    ledger = store.load(path)
    ids = [m.id for m in ledger.measures]
    assert len(ids) == WORKERS * EACH
    assert set(ids) == set(printed)
    assert "lift-sanctions-on-coal-200" in ids


def test_xargs_p8_over_one_ledger_just_works(tmp_path):
    # The installed console script, as a user would run it.
    _empty_ledger(tmp_path)
    result = shell(
        "seq 1 16 | xargs -P8 -I{} dprk add-measure 'Measure {}' --actor DPRK", cwd=tmp_path
    )
    assert result.code == 0, result.err
    assert result.err == ""
    ids = {m.id for m in store.load(tmp_path / "dprk-ledger.toml").measures}
    assert ids == {f"measure-{i}" for i in range(1, 17)}
    assert sorted(result.lines) == sorted(ids)


def test_parallel_verify_while_status_runs_no_reader_sees_a_broken_file(tmp_path):
    from dprk_cli.vocab import Status

    path = tmp_path / "dprk-ledger.toml"
    write_ledger(path, big_ledger(100, Status.implemented))
    go, stop = tmp_path / "go", tmp_path / "stop"
    ids = [f"m{i:05d}" for i in range(100)]
    writers = [
        {
            "commands": [
                ["--ledger", str(path), "verify", ident, "--by", "IAEA", "--date", "2019-03-01"]
                for ident in ids[w::4]
            ],
            "go": str(go),
        }
        for w in range(4)
    ]
    reader = {
        "commands": [["--ledger", str(path), "status", "--format", "json"]],
        "go": str(go),
        "loop_until": str(stop),
        "parse_json": True,
        "pause": 0.0,
    }
    writer_procs = start_workers(writers, tmp_path)
    # (three readers, reading again at once: a reader often finds the file a write has
    # just replaced, its cache not yet brought up, and brings it up itself)
    reader_procs = start_workers([reader, reader, reader], tmp_path)
    go.touch()
    written = finish_workers(writer_procs)
    stop.touch()
    reads = [r for report in finish_workers(reader_procs) for r in report]

    assert all(r["code"] == 0 for report in written for r in report), written
    assert len(reads) >= 2
    bad = [r for r in reads if r["code"] != 0 or not r["json"] or r["err"]]
    assert not bad, bad[:3]
    doc = json.loads(shell("dprk status --format json", cwd=tmp_path).out)
    assert len(doc["measures"]) == 100
    assert all(m["status"] == "verified" for m in doc["measures"])
    assert all(len(m["verifications"]) == 1 for m in doc["measures"])


def test_without_the_lock_updates_are_lost(tmp_path):
    """The tests above can fail: the same workers with a lock that returns at once (and
    without the check, before the rename, that the file is still as read: alone, it
    turns most of these races into a command run again; see test_edits_during_writes).

    A short sleep between reading the ledger and writing it (the time a large
    ledger takes to validate) makes the race certain rather than likely.
    """
    path = _empty_ledger(tmp_path)
    go = tmp_path / "go"
    procs = start_workers(_adders(path, go, WORKERS, 6, unlocked=True, widen=0.05), tmp_path)
    go.touch()
    results = [r for report in finish_workers(procs) for r in report]
    succeeded = [r for r in results if r["code"] == 0]
    kept = len(store.load(path).measures)
    lost = len(succeeded) - kept
    print(f"lock-less: {len(succeeded)} commands reported success, {kept} measures kept")
    assert succeeded
    assert lost > 0
