"""`dprk export`, `log` and `timeline` read a large ledger a measure at a time: each
measure is built from the cache when it is reached and let go after, in every format, and
what they write is what the whole ledger, built at once, says (warm cache, cache brought
up by a write, cache gone, a kept line forged)."""

from __future__ import annotations

import csv
import gc
import io
import json
import shutil
from pathlib import Path

import pytest

from benchmarks.generate import build
from dprk_cli import store
from dprk_cli.analysis.timeline import build_timeline
from dprk_cli.model import Measure
from dprk_cli.render import json_line
from dprk_cli.render.views import log_report
from dprk_cli.store import cache, snapshots
from tests.test_cache import forge, side

SIZE = 300


@pytest.fixture
def big(dprk, tmp_path) -> Path:
    path = tmp_path / "dprk-ledger.toml"
    store.create(path, build(SIZE, seed=5).ledger, force=True)
    assert dprk("status", "--format", "ids").code == 0  # every column kept
    return path


def _whole(path: Path) -> tuple[dict, list[dict]]:
    """The header and every measure, as the whole ledger built at once dumps them."""
    ledger = store.parse_bytes(path.read_bytes(), "direct")
    header = ledger.model_dump(mode="json", by_alias=True)
    if header["ended"] is None:  # (talks not over: the document has no word of an end)
        del header["ended"], header["ended_note"]
    return header, header.pop("measures")


def _change_one(dprk, path: Path) -> None:
    """A write: the cache is brought up to date from a log of the measures it changed."""
    first = dprk("status", "--format", "ids").out.split()[7]
    assert dprk("edit", first, "--title", "Retitled by a test").code == 0


STATES = {
    "warm": lambda dprk, path: None,
    "after a write": _change_one,
    "cache gone": lambda dprk, path: shutil.rmtree(side(path).parent),
    "a kept model forged": lambda dprk, path: side(path, "models").write_bytes(
        forge(
            side(path, "models").read_bytes(),
            lambda body: body.replace(b'"actor":', b'"actr":', 1),
        )
    ),
}


@pytest.mark.parametrize("state", list(STATES))
def test_every_format_is_what_the_whole_ledger_says(dprk, big, state):
    STATES[state](dprk, big)
    header, measures = _whole(big)
    assert len(measures) >= SIZE

    doc = json.loads(dprk("export").out)
    assert doc.pop("measures") == measures
    assert doc == header
    lines = dprk("export", "--format", "jsonl").out.splitlines()
    assert [json.loads(line) for line in lines] == measures
    rows = list(csv.DictReader(io.StringIO(dprk("export", "--format", "csv").out)))
    assert [r["id"] for r in rows] == [m["id"] for m in measures]
    assert [r["title"] for r in rows] == [m["title"] for m in measures]
    assert dprk("export", "--format", "ids").out.split() == [m["id"] for m in measures]
    assert dprk("check").code in (0, 1)  # (the ledger still reads)


def test_filtered_export_is_what_the_whole_ledger_says(dprk, big):
    _, measures = _whole(big)
    doc = json.loads(dprk("export", "--party", "US", "--pending").out)
    pending = ("proposed", "agreed")
    expected = [m for m in measures if m["actor"] == "US" and m["status"] in pending]
    assert expected and doc["measures"] == expected
    found = json.loads(dprk("export", "--search", "coal").out)["measures"]
    chosen = dprk("status", "--search", "coal", "--format", "ids").out.split()
    assert 0 < len(chosen) < len(measures)
    assert found == [m for m in measures if m["id"] in chosen]


@pytest.mark.parametrize("state", list(STATES))
def test_log_and_timeline_are_what_the_whole_ledger_says(dprk, big, state):
    STATES[state](dprk, big)
    ledger = store.parse_bytes(big.read_bytes(), "direct")
    log = [json.loads(json_line(r)) for r in log_report(ledger, ledger.measures).records]
    assert len(log) > SIZE
    assert json.loads(dprk("log", "--format", "json").out) == log
    events = build_timeline(ledger, ledger.measures).events
    shown = json.loads(dprk("timeline", "--format", "json").out)["events"]
    assert len(shown) == len(events) > SIZE
    assert [(e["date"], e["id"], e["days_since"]) for e in shown] == [
        (e.date.isoformat(), e.measure, e.days_since) for e in events
    ]


COMMANDS = [
    ["export", "--format", "json"],
    ["export", "--format", "jsonl"],
    ["export", "--format", "csv"],
    ["log", "--format", "json"],
    ["log"],
    ["timeline", "--format", "json"],
    ["timeline", "--party", "US", "--format", "csv"],
    ["scorecard", "--yearly", "--format", "json"],
    ["report", "--output", "-"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_large_ledger_is_read_one_measure_at_a_time(dprk, big, monkeypatch, args):
    def count() -> int:
        gc.collect()
        return sum(isinstance(o, Measure) for o in gc.get_objects())

    alive: list[int] = []
    real = snapshots.Snapshot.built

    def built(snapshot, at, line):
        if at % 50 == 0:
            alive.append(count() - before)
        return real(snapshot, at, line)

    monkeypatch.setattr(snapshots.Snapshot, "built", built)
    before = count()  # (other tests in this process may hold some)
    result = dprk(*args)
    assert result.code == 0 and len(result.out) > SIZE * (50 if args[0] != "scorecard" else 1)
    assert len(alive) >= SIZE // 50
    assert max(alive) <= 2, alive  # the measure being read (of three hundred)


def test_export_ids_builds_no_measure(dprk, big, monkeypatch):
    built: list[bytes] = []
    real = cache.build_measure
    monkeypatch.setattr(cache, "build_measure", lambda line: built.append(line) or real(line))
    result = dprk("export", "--format", "ids")
    assert result.code == 0 and len(result.out.split()) >= SIZE
    assert built == []
    assert dprk("export", "--format", "jsonl").code == 0
    assert len(built) >= SIZE  # (the count above could see a build)


@pytest.mark.parametrize(
    "args",
    [["export"], ["export", "--format", "csv"], ["log"], ["timeline"], ["timeline", "-f", "json"]],
    ids=" ".join,
)
def test_a_whole_ledger_report_reads_no_node_when_nothing_is_filtered(dprk, big, monkeypatch, args):
    """Nodes serve the filters alone: an unfiltered report does not read them (at 100,000
    measures they are a hundred megabytes)."""
    from dprk_cli import facts

    read: list[int] = []
    real = facts.nodes_from_rows
    monkeypatch.setattr(facts, "nodes_from_rows", lambda rows: read.append(1) or real(rows))
    assert dprk(*args).code == 0
    assert read == []
    assert dprk(*args, "--pending").code == 0
    assert read  # (a filter reads them; timeline's --party picks lanes, from the events)


@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv"])
def test_a_timeline_makes_only_what_its_format_shows(dprk, big, monkeypatch, fmt):
    """A timeline's events become records (json, jsonl, csv) or table rows, as the format
    shown asks, one at a time as they are written."""
    from dprk_cli.render import timeline as shapes

    events = len(json.loads(dprk("timeline", "--format", "json").out)["events"])
    made: list[str] = []
    record, row = shapes.event_record, shapes._row
    monkeypatch.setattr(shapes, "event_record", lambda e: made.append("record") or record(e))
    monkeypatch.setattr(shapes, "_row", lambda e, *rest: made.append("row") or row(e, *rest))
    result = dprk("timeline", "--format", fmt)
    assert result.code == 0
    assert made.count("row" if fmt == "table" else "record") == events > SIZE
    assert made.count("record" if fmt == "table" else "row") == 0
