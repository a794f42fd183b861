"""Dates changed by hand in the file, as every view reads them."""

from __future__ import annotations

import json
import shutil


def _remains_moved_back(dprk, tmp_path):
    """rr, added without a date and carried out on 2018-07-27; then that step's date
    changed by hand in the file to 2018-07-20, before the day its creation holds."""
    assert dprk("init", "--party", "DPRK", "--party", "US").code == 0
    assert dprk("add-measure", "Return the remains", "--actor", "DPRK", "--id", "rr").code == 0
    assert dprk("mark", "rr", "implemented", "--date", "2018-07-27").code == 0
    assert dprk("add-measure", "Resume talks", "--actor", "US", "--id", "talks",
                "--date", "2018-08-01", "--after", "rr").code == 0  # fmt: skip
    ledger = tmp_path / "dprk-ledger.toml"
    text = ledger.read_text(encoding="utf-8")
    step = text.index('event = "status"\nstatus = "implemented"')
    at = text.rindex("date = 2018-07-27", 0, step)
    assert text.count("date = 2018-07-27") == 2
    edited = text[:at] + "date = 2018-07-20" + text[at + 17 :]
    assert edited.count("date = 2018-07-27") == 1  # (the creation's stays)
    ledger.write_text(edited, encoding="utf-8")
    return ledger


STALE = (
    "warning: rr: its creation, recorded without a date, is dated 2018-07-27 but its "
    "earliest event dates it 2018-07-20; set date = 2018-07-20 on that entry in the file "
    "(dprk's next change of the measure sets it too) [creation-history]\n"
    "0 errors, 1 warning\n"
)


def test_an_undated_creation_is_read_on_the_day_a_step_moved_back_by_hand(dprk, tmp_path):
    """The creation follows its earliest event as the file is read: log, timeline,
    status and a past day hold rr from 2018-07-20, and check says the file's date is
    stale; the next change of rr writes it so."""
    ledger = _remains_moved_back(dprk, tmp_path)
    before = ledger.read_bytes()
    for fresh in (False, True, False):
        if fresh:
            shutil.rmtree(tmp_path / ".dprk")
        checked = dprk("check")
        assert (checked.code, checked.out, checked.err) == (0, STALE, "")
        log = dprk("log", "rr", "--format", "csv")
        assert log.code == 0, log.err
        rows = [line.split(",")[:4] for line in log.out.splitlines()[1:]]
        assert rows == [["rr", "1", "2018-07-20", "created"], ["rr", "2", "2018-07-20", "status"]]
        timeline = dprk("timeline", "--format", "csv")
        assert timeline.code == 0, timeline.err
        days = [line.split(",")[0] for line in timeline.out.splitlines()[1:] if ",rr," in line]
        assert days and set(days) == {"2018-07-20"}, timeline.out
        record = json.loads(dprk("status", "--format", "json").out)["measures"]
        rr = next(m for m in record if m["id"] == "rr")
        assert [h["date"] for h in rr["history"]] == ["2018-07-20", "2018-07-20"]
        past = json.loads(dprk("status", "--as-of", "2018-07-20", "--format", "json").out)
        then = next(m for m in past["measures"] if m["id"] == "rr")
        assert then["status"] == "implemented"
        assert [h["date"] for h in then["history"]] == ["2018-07-20", "2018-07-20"]
        assert ledger.read_bytes() == before
    # (a change of a measure that refers to rr leaves rr's block, and the warning, as
    # they are)
    assert dprk("note", "talks", "held in Singapore", "--date", "2018-08-02").code == 0
    assert dprk("check").out == STALE
    assert "date = 2018-07-27" in ledger.read_text(encoding="utf-8")
    # (a change of rr writes its creation on the day it is read on)
    assert dprk("note", "rr", "55 cases", "--date", "2018-08-01").code == 0
    assert "date = 2018-07-27" not in ledger.read_text(encoding="utf-8")
    assert dprk("check").out == "ok: no problems found\n"
