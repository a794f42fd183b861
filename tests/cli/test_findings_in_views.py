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
