"""How the findings of verifiers (UNSCOM, the IAEA) read in the views of a measure's
history: who made each, its corrections once the talks ended, and the result words."""

from __future__ import annotations

import csv
import io
import json


def _missiles(dprk) -> None:
    assert dprk("init", "--party", "Iraq", "--party", "UNSC").code == 0
    assert dprk("add-measure", "Destroy ballistic missiles", "--actor", "Iraq",
                "--id", "missiles", "--status", "agreed", "--date", "1991-04-03").code == 0  # fmt: skip
    assert dprk("mark", "missiles", "implemented", "--date", "1991-07-15").code == 0
    for by, result, day in (
        ("UNSCOM", "partial", "1991-08-01"),
        ("IAEA", "confirmed", "1991-09-01"),
        ("UNSCOM", "refuted", "1992-03-01"),
    ):
        found = dprk("verify", "missiles", "--by", by, "--result", result, "--date", day)
        assert found.code == 0, found.err


def test_log_says_who_made_each_finding_in_by(dprk, tmp_path):
    _missiles(dprk)
    entries = json.loads(dprk("log", "--format", "json").out)
    assert [(e["event"], e["by"]) for e in entries] == [
        ("created", None),
        ("status", None),
        ("verification", "UNSCOM"),
        ("verification", "IAEA"),
        ("verification", "UNSCOM"),
    ]
    assert list(entries[2])[-1] == "by"  # (its place kept: the last key)

    rows = list(csv.DictReader(io.StringIO(dprk("log", "--finding-by", "UNSCOM", "--format",
                                                "csv").out)))  # fmt: skip
    assert [(r["detail"], r["by"]) for r in rows] == [
        ("partial by UNSCOM", "UNSCOM"),
        ("refuted by UNSCOM", "UNSCOM"),
    ]
    # (a measure's object gives its history as `log` does: `show` and `status`)
    shown = json.loads(dprk("show", "missiles", "--format", "json").out)
    assert [h["by"] for h in shown["history"]] == [None, None, "UNSCOM", "IAEA", "UNSCOM"]
    status = json.loads(dprk("status", "--format", "json").out)
    assert [h["by"] for h in status["measures"][0]["history"]] == [
        None, None, "UNSCOM", "IAEA", "UNSCOM"
    ]  # fmt: skip
    # (the file keeps `by` for a reversal's party alone)
    assert (
        "by = " not in (tmp_path / "dprk-ledger.toml").read_text().split("[[measures.history]]")[3]
    )


def test_a_reversal_by_another_party_still_names_that_party(dprk, tmp_path):
    _missiles(dprk)
    undone = dprk("mark", "missiles", "reversed", "--by", "UNSC", "--date", "1998-12-16")
    assert undone.code == 0, undone.err
    entries = json.loads(dprk("log", "--format", "json").out)
    assert [e["by"] for e in entries][-2:] == ["UNSCOM", "UNSC"]


def _nuclear(dprk) -> None:
    assert dprk("init", "--party", "Iraq", "--party", "UNSC").code == 0
    assert dprk("add-measure", "End nuclear programme", "--actor", "Iraq", "--id", "nuc",
                "--status", "agreed", "--date", "1991-04-03").code == 0  # fmt: skip
    assert dprk("mark", "nuc", "implemented", "--date", "1997-09-01").code == 0
    assert dprk("verify", "nuc", "--by", "IAEA", "--date", "1997-10-06").code == 0
    fixed = dprk("redate", "nuc", "3", "1998-10-06", "--note", "report is of 1998")
    assert fixed.code == 0, fixed.err


def test_show_of_ended_talks_lists_the_corrections_made_since(dprk, tmp_path, tick):
    _nuclear(dprk)
    # (an event after the end, hidden as of the end, and a correction after it)
    assert dprk("mark", "nuc", "reversed", "--date", "2004-01-01").code == 0
    assert dprk("edit-ledger", "--ended", "2003-03-20").code == 0
    assert dprk("edit", "nuc", "--title", "End the nuclear programme").code == 0
    before = (tmp_path / "dprk-ledger.toml").read_bytes()

    logged = json.loads(dprk("log", "nuc", "--format", "json").out)
    assert [(e["n"], e["event"]) for e in logged] == [
        (1, "created"), (2, "status"), (3, "verification"), (4, "status"),
        (5, "correction"), (6, "edit"),
    ]  # fmt: skip
    shown = dprk("show", "nuc")
    assert shown.code == 0, shown.err
    history = shown.out.split("nuc: history\n")[1].splitlines()[1:]
    # (the step of 2004 is no event of the talks: left out; the corrections are listed,
    # numbered as `log` numbers them, which `redate` takes)
    assert [row.split()[:3] for row in history] == [
        ["1", "1991-04-03", "created"],
        ["2", "1997-09-01", "status"],
        ["3", "1998-10-06", "verification"],
        ["5", logged[4]["date"], "correction"],
        ["6", logged[5]["date"], "edit"],
    ]
    assert "verified" in shown.out.split("nuc: history")[0]  # (its state as of the end)
    doc = json.loads(dprk("show", "nuc", "--format", "json").out)
    assert [h["event"] for h in doc["history"]] == [
        "created", "status", "verification", "correction", "edit"
    ]  # fmt: skip
    assert doc["status"] == "verified"
    # (so does a measure's object in `status`, asked of no day)
    status = json.loads(dprk("status", "--format", "json").out)["measures"][0]
    assert [h["event"] for h in status["history"]] == [h["event"] for h in doc["history"]]
    assert status["status"] == "verified"
    # (a past day asked for reads its history up to that day, as before)
    past = json.loads(dprk("show", "nuc", "--as-of", "1999-01-01", "--format", "json").out)
    assert [h["event"] for h in past["history"]] == ["created", "status", "verification"]
    assert (tmp_path / "dprk-ledger.toml").read_bytes() == before


def test_verify_result_given_as_the_status_it_makes_is_answered_with_the_result(dprk, tmp_path):
    _nuclear(dprk)
    before = (tmp_path / "dprk-ledger.toml").read_bytes()
    for given, meant in (("disputed", "refuted"), ("Verified", "confirmed")):
        found = dprk("verify", "nuc", "--by", "IAEA", "--result", given, "--date", "1999-01-01")
        assert found.code == 2, found.err
        assert found.out == ""
        assert found.err == (
            f"dprk: error: --result: '{given}' is what a {meant} finding makes a measure: "
            f"use --result {meant} (see 'dprk verify --help')\n"
        )
        assert (tmp_path / "dprk-ledger.toml").read_bytes() == before
    # (a typo is answered as before)
    typo = dprk("verify", "nuc", "--by", "IAEA", "--result", "refutd")
    assert typo.code == 2
    assert "(did you mean 'refuted'?)" in typo.err
