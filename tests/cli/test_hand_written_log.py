"""A ledger written by hand, read by `log` as by `timeline`: each view says the same of
an entry the ledger format lets a hand leave short."""

from __future__ import annotations

import json
from pathlib import Path

HEADER = 'schema = 1\ntitle = "Ohrid"\nparties = ["Kosovo", "Serbia"]\n'

# (a creation written without its status: the ledger format's default, "proposed")
OHRID = """
[[measures]]
id = "ohrid"
title = "Ohrid"
actor = "Kosovo"
status = "proposed"

[[measures.history]]
date = 2023-03-18
event = "created"
recorded = 2026-12-07T22:00:00Z
"""


def _written(tmp_path: Path, *blocks: str) -> Path:
    ledger = tmp_path / "dprk-ledger.toml"
    ledger.write_text(HEADER + "".join(blocks), encoding="utf-8")
    return ledger


def test_a_creation_written_without_its_status_is_read_as_proposed_by_log(dprk, tmp_path):
    """A `created` entry written by hand without `status` began the measure as proposed
    (the ledger format's default, as the replay reads it), but `log` gave it no status,
    in its table and its JSON. It reads it as proposed, as the timeline does."""
    ledger = _written(tmp_path, OHRID)
    before = ledger.read_bytes()
    assert dprk("check").out == "ok: no problems found\n"

    logged = dprk("log", "--format", "json")
    assert (logged.code, logged.err) == (0, "")
    assert [(e["id"], e["event"], e["status"]) for e in json.loads(logged.out)] == [
        ("ohrid", "created", "proposed")
    ]
    table = dprk("log")
    assert table.code == 0, table.err
    assert table.lines[2].split() == ["1", "2023-03-18", "ohrid", "created", "proposed"]

    drawn = dprk("timeline", "--format", "json")
    assert drawn.code == 0, drawn.err
    events = json.loads(drawn.out)["events"]
    assert [(e["id"], e["event"], e["status"]) for e in events] == [
        ("ohrid", "created", "proposed")
    ]
    assert ledger.read_bytes() == before
