"""A verifier's finding on a measure that stands reversed: found not to do what it did
(refuted) or to do it in part (partial), it is recorded and changes no status; a
confirmation would say it is carried out, and stays refused. A finding made before the
reversal is on the action it undid, as before."""

from __future__ import annotations

import json

import pytest

REFUTED = "refuted (US State Department, of the reversal)"


def _reversed(dprk) -> None:
    """Russia's inspections, carried out, then suspended."""
    assert dprk("init", "--party", "United States", "--party", "Russia").code == 0
    for args in (
        ("add-measure", "Russia hosts inspections", "--actor", "Russia", "--id", "ru-insp",
         "--date", "2010-04-08", "--status", "agreed"),
        ("mark", "ru-insp", "implemented", "--date", "2011-04-03"),
        ("mark", "ru-insp", "reversed", "--date", "2022-08-08"),
    ):  # fmt: skip
        done = dprk(*args)
        assert done.code == 0, done.err


def _refute(dprk):
    return dprk(
        "verify", "ru-insp", "--by", "US State Department", "--result", "refuted",
        "--date", "2023-01-31", "--evidence", "2023 Implementation Report",
        "--method", "document review", "--note", "not in compliance",
    )  # fmt: skip


def _verification_cell(dprk, *args: str) -> str:
    row = json.loads(dprk("status", "--format", "jsonl", *args).lines[0])
    return row["verification"]


def test_a_refuted_finding_on_a_reversed_measure_is_recorded_and_it_stays_reversed(dprk, tmp_path):
    _reversed(dprk)
    result = _refute(dprk)
    assert (result.code, result.out) == (0, "")
    assert result.err == (
        "ru-insp: recorded refuted by US State Department on 2023-01-31; ru-insp stays "
        "reversed (since 2022-08-08)\n"
    )
    text = (tmp_path / "dprk-ledger.toml").read_text()
    assert 'status = "reversed"' in text
    record = json.loads(dprk("status", "ru-insp", "--format", "json").out)["measures"][0]
    assert record["status"] == "reversed"
    assert record["verifications"] == [
        {"by": "US State Department", "result": "refuted", "date": "2023-01-31",
         "method": "document review", "evidence": ["2023 Implementation Report"],
         "note": "not in compliance"},
    ]  # fmt: skip
    assert dprk("check").out == "ok: no problems found\n"
    # (every view: the table's column, show, the log, the timeline, the report)
    assert _verification_cell(dprk) == REFUTED
    assert _verification_cell(dprk, "--as-of", "2023-01-30") == "-"
    shown = dprk("show", "ru-insp").out
    assert f"verification     {REFUTED}\n" in shown
    assert "2023-01-31  US State Department  refuted  document review" in shown
    log = json.loads(dprk("log", "ru-insp", "--format", "json").out)
    assert (log[-1]["date"], log[-1]["detail"]) == (
        "2023-01-31",
        "refuted by US State Department (document review), of the reversal",
    )
    timeline = dprk("timeline").out
    assert (
        "ru-insp  refuted by US State Department (document review), of the reversal; not in "
        "compliance"
    ) in timeline
    assert dprk("report", "-o", "r.html").code == 0
    assert REFUTED in (tmp_path / "r.html").read_text()
    # (a verifier on record: --verified-by knows it, and lists what it confirmed: none)
    named = dprk("status", "--verified-by", "US State Department", "--format", "ids")
    assert (named.code, named.out, named.err) == (0, "", "")


def test_a_partial_finding_of_a_reversal_is_recorded_too(dprk):
    _reversed(dprk)
    result = dprk("verify", "ru-insp", "--by", "IAEA", "--result", "partial",
                  "--date", "2023-02-01")  # fmt: skip
    assert (result.code, result.err) == (
        0,
        "ru-insp: recorded partial by IAEA on 2023-02-01; ru-insp stays reversed (since "
        "2022-08-08)\n",
    )
    assert _verification_cell(dprk) == "partial (IAEA, of the reversal)"
    assert dprk("status", "--partial", "--format", "ids").out == "ru-insp\n"
    assert _refute(dprk).code == 0  # (an earlier refutation is the one named, as disputed)
    assert _verification_cell(dprk) == f"{REFUTED}; partial (IAEA)"
    assert dprk("check").code == 0


def test_a_confirmation_of_a_reversed_measure_stays_refused(dprk, tmp_path):
    _reversed(dprk)
    before = (tmp_path / "dprk-ledger.toml").read_bytes()
    result = dprk("verify", "ru-insp", "--by", "IAEA", "--date", "2023-01-31")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "dprk: error: measure 'ru-insp' was reversed on 2022-08-08, before 2023-01-31: a "
        "confirmation would say it is carried out; record it implemented again first with "
        "'dprk mark ru-insp implemented --date YYYY-MM-DD' (on a day from 2022-08-09 to "
        "2023-01-31), or record what the verifier found as refuted or partial "
        "('--result refuted', '--result partial')\n"
    )
    assert (tmp_path / "dprk-ledger.toml").read_bytes() == before
    # (the same after a refutation of the reversal, which does not move the day)
    assert _refute(dprk).code == 0
    again = dprk("verify", "ru-insp", "--by", "IAEA", "--date", "2023-02-01")
    assert again.code == 1
    assert "was reversed on 2022-08-08, before 2023-02-01" in again.err


def test_a_stored_status_against_it_is_what_check_names(dprk, tmp_path):
    """The replay is the one answer: a refuted finding dated after a reversal does not
    make the measure disputed; a file that says so by hand is told it is reversed."""
    _reversed(dprk)
    assert _refute(dprk).code == 0
    path = tmp_path / "dprk-ledger.toml"
    text = path.read_text()
    path.write_text(text.replace('status = "reversed"', 'status = "disputed"', 1))
    checked = dprk("check")
    assert checked.code == 1
    assert checked.out.startswith(
        "error: ru-insp: status is 'disputed' but its history gives 'reversed'; set "
        'status = "reversed" in the file'
    )


def test_it_goes_through_export_import_undo_and_drop_finding(dprk, tmp_path):
    _reversed(dprk)
    path = tmp_path / "dprk-ledger.toml"
    before = path.read_bytes()
    assert _refute(dprk).code == 0
    after = path.read_bytes()
    exported = dprk("export").out
    (tmp_path / "x.json").write_text(exported)
    other = tmp_path / "other"
    other.mkdir()
    imported = dprk("--ledger", str(other / "l.toml"), "init", "--party", "United States",
                    "--party", "Russia")  # fmt: skip
    assert imported.code == 0, imported.err
    got = dprk("--ledger", str(other / "l.toml"), "import", str(tmp_path / "x.json"))
    assert got.code == 0, got.err
    assert dprk("--ledger", str(other / "l.toml"), "export").out == exported
    assert dprk("--ledger", str(other / "l.toml"), "check").code == 0
    # undo, byte for byte; redo
    assert dprk("undo").code == 0
    assert path.read_bytes() == before
    assert dprk("redo").code == 0
    assert path.read_bytes() == after
    # drop-finding takes it back
    dropped = dprk("drop-finding", "ru-insp", "4")
    assert dropped.code == 0, dropped.err
    assert _verification_cell(dprk) == "-"
    assert dprk("check").code == 0


def test_the_log_and_timeline_show_the_status_a_finding_of_the_reversal_set_none(dprk, tmp_path):
    """The entry keeps the status its result gives in the file (disputed: were the
    reversal dropped, it would replay as a refutation of the action), but the views show
    the status it set in the replay, none, as a partial finding's shows, and say that it
    was of the reversal."""
    _reversed(dprk)
    assert _refute(dprk).code == 0
    partial = dprk("verify", "ru-insp", "--by", "IAEA", "--result", "partial",
                   "--date", "2023-02-01")  # fmt: skip
    assert partial.code == 0, partial.err
    path = tmp_path / "dprk-ledger.toml"
    text = path.read_text()
    assert 'event = "verification"\nstatus = "disputed"\n' in text
    table = dprk("log", "ru-insp")
    assert table.code == 0, table.err
    assert "4  2023-01-31  ru-insp  verification  refuted by US State Department" not in table.out
    rows = [line.split() for line in table.out.splitlines() if "verification" in line]
    assert [row[:4] for row in rows] == [
        ["4", "2023-01-31", "ru-insp", "verification"],
        ["5", "2023-02-01", "ru-insp", "verification"],
    ]
    assert "disputed" not in table.out
    assert "partial by IAEA, of the reversal" in table.out
    log = json.loads(dprk("log", "ru-insp", "--format", "json").out)
    assert [(r["n"], r["status"], r["detail"]) for r in log[3:]] == [
        (4, None, "refuted by US State Department (document review), of the reversal"),
        (5, None, "partial by IAEA, of the reversal"),
    ]
    csv_rows = dprk("log", "ru-insp", "--format", "csv").out.splitlines()
    assert csv_rows[4].startswith("ru-insp,4,2023-01-31,verification,,,")
    events = json.loads(dprk("timeline", "--format", "json").out)["events"]
    assert [(e["date"], e["status"], e["result"]) for e in events[3:]] == [
        ("2023-01-31", None, "refuted"),
        ("2023-02-01", None, "partial"),
    ]
    assert "disputed" not in dprk("show", "ru-insp").out
    # (show's JSON and status's, whose history is worded as log words it, say so too)
    for args in (("show", "ru-insp"), ("status", "ru-insp")):
        document = json.loads(dprk(*args, "--format", "json").out)
        record = document if args[0] == "show" else document["measures"][0]
        assert [(h["status"], h["detail"]) for h in record["history"][3:]] == [
            (None, "refuted by US State Department (document review), of the reversal"),
            (None, "partial by IAEA, of the reversal"),
        ], args
    # (the file is read, not written)
    assert path.read_text() == text
    # (a refutation before the reversal, on the action undone, set disputed, and says so)
    before = dprk("verify", "ru-insp", "--by", "IAEA", "--result", "refuted",
                  "--date", "2015-01-01")  # fmt: skip
    assert before.code == 0, before.err
    log = json.loads(dprk("log", "ru-insp", "--format", "json").out)
    assert [(r["date"], r["status"], r["detail"]) for r in log if r["date"] == "2015-01-01"] == [
        ("2015-01-01", "disputed", "refuted by IAEA")
    ]


@pytest.mark.parametrize("result", ["refuted", "partial"])
def test_a_finding_made_before_the_reversal_is_on_the_action_undone(dprk, result):
    _reversed(dprk)
    found = dprk("verify", "ru-insp", "--by", "IAEA", "--result", result, "--date", "2015-01-01")
    assert found.code == 0, found.err
    shown = dprk("show", "ru-insp").out
    assert "verification     - (the findings below were made before it was reversed)\n" in shown
    assert _verification_cell(dprk) == "-"


@pytest.mark.parametrize("result", ["refuted", "partial", "confirmed"])
def test_a_finding_of_the_reversal_s_own_day_says_it_is_of_the_action_undone(
    dprk, tmp_path, result
):
    """Dated the day of the reversal, a finding replays before it, on the action it
    undid: its line said 'stays reversed' as a finding of the reversal's does, though
    it shows in no verification column. It says so, and how to make it one of the
    reversal; followed, that works."""
    _reversed(dprk)
    path = tmp_path / "dprk-ledger.toml"
    before = path.read_bytes()
    found = dprk("verify", "ru-insp", "--by", "IAEA", "--result", result, "--date", "2022-08-08")
    assert (found.code, found.out) == (0, ""), found.err
    advice = (
        "; to make it a finding of the reversal, date it the day after ('dprk redate "
        "ru-insp 3 2022-08-09')"
    )
    assert found.err == (
        f"ru-insp: recorded {result} by IAEA on 2022-08-08; ru-insp stays reversed (since "
        "2022-08-08); taken as a finding of the action the reversal of that day undid (it "
        "was implemented until then), as a finding of a reversal's day comes before it"
        + ("" if result == "confirmed" else advice)
        + "\n"
    )
    assert _verification_cell(dprk) == "-"
    assert dprk("check").code == 0
    if result == "confirmed":  # (a confirmation of the reversal is refused: no advice)
        return
    after = path.read_bytes()
    redated = dprk("redate", "ru-insp", "3", "2022-08-09")
    assert redated.code == 0, redated.err
    assert _verification_cell(dprk) == f"{result} (IAEA, of the reversal)"
    assert dprk("check").code == 0
    assert dprk("undo").code == 0 and path.read_bytes() == after
    assert dprk("undo").code == 0 and path.read_bytes() == before
