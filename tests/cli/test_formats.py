"""Every format of every reporting command, against its documented shape.

The shapes here are the ones the README documents; a script written against
them must keep working, so a change that breaks one of these tests is a
change to a public interface.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, shell

MEASURE_COLUMNS = [
    "id",
    "title",
    "actor",
    "category",
    "status",
    "extent",
    "status_date",
    "acted",
    "verified",
    "pending",
    "in_exchange_for",
    "after",
    "part_of",
    "deadline",
    "last_date",
    "verified_by",
    "sources",
    "notes",
    "full_date",  # (new in 0.3.0: after the columns scripts read by place)
]
# (verification new in 0.3.0: last, after the flags, which scripts read by place)
STATUS_COLUMNS = [
    *MEASURE_COLUMNS,
    "overdue",
    "deadlocked",
    "verification",
    "late",
    "days_late",
    "acted_on",  # (new in 0.3.0 too: last of all)
]
LOG_COLUMNS = [
    "id", "n", "date", "event", "status", "extent", "detail", "note", "recorded",
    "by",  # (new in 0.3.0: who undid a measure, another party than its actor; last)
]  # fmt: skip
TIMELINE_COLUMNS = [
    "date",
    "party",
    "id",
    "title",
    "event",
    "status",
    "extent",
    "by",
    "result",
    "detail",
    "note",
    "move",
    "answers",
    "days_since",
    "answers_all",
    "hypothetical",  # (new in 0.3.0: a step `--assume` supposes; last, as scripts read)
    "undone_by",  # (new in 0.3.0: who undid a measure, another party than its actor; last)
]
EXPORT_COLUMNS = [
    "id",
    "title",
    "actor",
    "category",
    "status",
    "extent",
    "part_of",
    "conflicts",
    "in_exchange_for",
    "deadline",
    "sources",
    "notes",
    "constraints",
    "verifications",
    "history",
    "expected_parts",
]
NEXT_COLUMNS = [
    "state",
    "id",
    "actor",
    "title",
    "waiting_for",
    "demanded_by",
    "deadlocked",
    "behind_deadlock",
    "unblocks",
    "in_part",
    "extent",
    "together_with",
    "reversed_on",
    "deadline",
    "overdue",
]
PLAN_COLUMNS = [
    "phase", "step", "id", "actor", "title", "detail", "since", "holds", "deadline", "overdue",
]  # fmt: skip
CHECK_COLUMNS = ["severity", "check", "measure", "message"]
BALANCE_COLUMNS = [
    "party",
    "direction",
    "measure",
    "counterpart",
    "since",
    "days",
    "in_part",
    "disputed",
    "held_by",
]

ALL_IDS = {
    "complete-denuclearization-pledge",
    "end-of-war-declaration",
    "gaeseong-liaison-office",
    "inventory-submission",
    "joint-exercise-suspension",
    "missile-parade-restraint",
    "pompeo-pyongyang-visit",
    "punggye-ri-closure",
    "pyongyang-inter-korean-summit",
    "remains-repatriation",
    "second-summit",
    "security-guarantees",
    "test-moratorium",
    "tongchang-ri-dismantlement",
}


def _json_status(doc):
    assert set(doc) >= {"title", "parties", "measures"}
    assert {m["id"] for m in doc["measures"]} == ALL_IDS


def _json_show(doc):
    assert doc["id"] == "punggye-ri-closure"
    assert doc["verifications"][0]["by"] == "IAEA"


def _json_log(doc):
    assert isinstance(doc, list) and doc
    assert all(set(e) == set(LOG_COLUMNS) for e in doc)
    assert [e["date"] for e in doc] == sorted(e["date"] for e in doc)


def _json_next(doc):
    assert set(doc) >= {"ready", "blocked"}
    assert all(set(r) >= {"id", "actor", "title"} for r in doc["ready"])
    assert all(set(b) >= {"id", "actor", "waiting_for", "demanded_by"} for b in doc["blocked"])


def _json_plan(doc):
    assert set(doc) >= {"phases", "deadlocks"}
    assert doc["phases"][0]["phase"] == 1
    assert doc["deadlocks"][0]["measures"] == ["end-of-war-declaration", "inventory-submission"]


def _json_check(doc):
    assert set(doc) >= {"ok", "errors", "warnings", "problems"}


def _json_balance(doc):
    assert set(doc) >= {"parties"}
    for value in doc["parties"].values():
        assert set(value) >= {"owed", "owes"}


def _json_timeline(doc):
    assert set(doc) == {"title", "lanes", "events", "as_of"}
    assert doc["lanes"] == ["DPRK", "ROK", "US"]
    assert all(set(e) == set(TIMELINE_COLUMNS) for e in doc["events"])


def _json_export(doc):
    assert set(doc) >= {"schema", "title", "parties", "measures"}
    assert all(set(m) == set(EXPORT_COLUMNS) for m in doc["measures"])


# command -> (arguments, JSON check, jsonl keys (None: any object), csv columns, ids)
REPORTS = {
    "status": (["status"], _json_status, set(STATUS_COLUMNS), STATUS_COLUMNS, ALL_IDS),
    "show": (
        ["show", "punggye-ri-closure"],
        _json_show,
        set(STATUS_COLUMNS),  # (a measure's flags, as status gives them)
        STATUS_COLUMNS,
        {"punggye-ri-closure"},
    ),
    "log": (["log"], _json_log, set(LOG_COLUMNS), LOG_COLUMNS, ALL_IDS),
    "next": (
        ["next"],
        _json_next,
        None,
        NEXT_COLUMNS,
        {
            "complete-denuclearization-pledge",
            "pompeo-pyongyang-visit",
            "pyongyang-inter-korean-summit",
            "second-summit",
            "security-guarantees",
            "tongchang-ri-dismantlement",  # (the rest of it: carried out in part)
        },
    ),
    "plan": (["plan"], _json_plan, None, PLAN_COLUMNS, None),
    "check": (
        ["check"],
        _json_check,
        {*CHECK_COLUMNS, "measures"},
        CHECK_COLUMNS,
        {"inventory-submission", "end-of-war-declaration"},
    ),
    "balance": (
        ["balance"],
        _json_balance,
        set(BALANCE_COLUMNS),
        BALANCE_COLUMNS,
        {"test-moratorium", "punggye-ri-closure", "end-of-war-declaration"},
    ),
    "timeline": (["timeline"], _json_timeline, set(TIMELINE_COLUMNS), TIMELINE_COLUMNS, ALL_IDS),
    "export": (["export"], _json_export, set(EXPORT_COLUMNS), EXPORT_COLUMNS, ALL_IDS),
}
FORMATS = ["table", "json", "jsonl", "csv", "tsv", "markdown", "ids"]
BOX = re.compile(r"[\u2500-\u257f]")


@pytest.fixture
def ledger(dprk, korea):
    result = dprk(
        "verify",
        "punggye-ri-closure",
        "--by",
        "IAEA",
        "--result",
        "partial",
        "--date",
        "2019-03-01",
    )
    assert result.code == 0, result.err
    return korea


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("command", list(REPORTS))
def test_every_format_of_every_report(dprk, ledger, command, fmt):
    args, check_json, record_keys, columns, ids = REPORTS[command]
    result = dprk(*args, "--format", fmt)
    assert result.code == 0, result.err
    assert result.err == ""
    out = result.out
    assert out.endswith("\n") or (out == "" and fmt == "jsonl")  # no records: no lines
    if fmt == "table":
        assert "\x1b" not in out  # not a terminal: no colour, no cursor movement
        assert not BOX.search(out)  # and no box drawing
    elif fmt == "json":
        check_json(json.loads(out))
    elif fmt == "jsonl":
        for line in out.splitlines():
            record = json.loads(line)
            assert isinstance(record, dict)
            if record_keys is not None:
                assert set(record) == record_keys
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert rows[0] == columns
        assert all(len(row) == len(columns) for row in rows[1:])
    elif fmt == "tsv":
        lines = out.splitlines()
        assert lines[0].split("\t") == columns
        assert all(len(line.split("\t")) == len(columns) for line in lines[1:])
    elif fmt == "markdown":
        assert re.search(r"^\|.*\|$", out, re.MULTILINE)  # a table...
        assert re.search(r"^\|(-{3,}:?\|)+$", out, re.MULTILINE)  # ...with its rule
        assert "\x1b" not in out
    elif fmt == "ids":
        found = out.splitlines()
        assert len(found) == len(set(found))  # each id once
        if ids is not None:
            assert set(found) == ids
        else:
            assert set(found) <= ALL_IDS


def test_status_records_are_flat_and_csv_joins_lists(dprk, ledger):
    rows = list(csv.DictReader(io.StringIO(dprk("status", "--format", "csv").out)))
    row = next(r for r in rows if r["id"] == "inventory-submission")
    assert row["acted"] == "false" and row["pending"] == "true"
    assert row["in_exchange_for"] == "end-of-war-declaration"
    assert row["after"] == "end-of-war-declaration"
    line = next(
        record
        for record in map(json.loads, dprk("status", "--format", "jsonl").out.splitlines())
        if record["id"] == "punggye-ri-closure"
    )
    assert line["verified_by"] == []  # (a partial finding: no verification by the IAEA)
    assert isinstance(line["sources"], list)


def test_verified_by_names_only_the_verifiers_that_confirmed(dprk, korea):
    """A verifier that refuted a measure, or found it done in part, did not verify it:
    'verified_by' named it beside a disputed status."""
    for by, result, day in (
        ("38 North", "refuted", "2018-09-01"),
        ("CSIS", "partial", "2018-09-02"),
    ):
        result = dprk("verify", "punggye-ri-closure", "--by", by, "--result", result, "--date", day)
        assert result.code == 0, result.err
    assert dprk("verify", "test-moratorium", "--by", "CTBTO", "--date", "2018-09-03").code == 0
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(dprk("status", "--format", "csv").out))}
    assert (rows["punggye-ri-closure"]["status"], rows["punggye-ri-closure"]["verified_by"]) == (
        "disputed",
        "",
    )
    assert rows["test-moratorium"]["verified_by"] == "CTBTO"
    # carried further after a finding, or undone: the finding verified what it did before
    assert dprk("mark", "test-moratorium", "reversed", "--date", "2018-09-04").code == 0
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(dprk("status", "--format", "csv").out))}
    assert (rows["test-moratorium"]["verified"], rows["test-moratorium"]["verified_by"]) == (
        "false",
        "",
    )
    shown = json.loads(dprk("show", "punggye-ri-closure", "--format", "jsonl").out)
    assert shown["verified_by"] == []
    shown = json.loads(dprk("show", "punggye-ri-closure", "--format", "json").out)
    assert [v["by"] for v in shown["verifications"]] == ["38 North", "CSIS"]


def test_every_view_names_the_same_verifiers(dprk, empty, tmp_path):
    """Confirmed by DPAA, then by IAEA: the CSV named both, the table, show and the
    report IAEA alone, beside the day DPAA's finding made it verified."""
    for args in (
        ("add-measure", "Return remains", "--actor", "DPRK", "--id", "remains",
         "--date", "2018-06-12"),
        ("mark", "remains", "implemented", "--date", "2018-07-27"),
        ("verify", "remains", "--by", "DPAA", "--date", "2018-09-20"),
        ("verify", "remains", "--by", "IAEA", "--date", "2018-10-02"),
    ):  # fmt: skip
        assert dprk(*args).code == 0
    record = json.loads(dprk("show", "remains", "--format", "json").out)
    assert (record["status_date"], record["verified_by"]) == ("2018-09-20", ["DPAA", "IAEA"])
    row = next(csv.DictReader(io.StringIO(dprk("status", "--format", "csv").out)))
    assert row["verified_by"] == "DPAA; IAEA"
    assert "confirmed (DPAA, IAEA)" in dprk("status").out
    assert "confirmed (DPAA, IAEA)" in dprk("show", "remains").out
    assert dprk("report", "-o", str(tmp_path / "r.html")).code == 0
    assert "<td>confirmed (DPAA, IAEA)</td>" in (tmp_path / "r.html").read_text("utf-8")
    # found in part later, it stays verified by those who confirmed it: all views say so
    assert dprk("verify", "remains", "--by", "CSIS", "--result", "partial",
                "--date", "2018-11-01").code == 0  # fmt: skip
    record = json.loads(dprk("show", "remains", "--format", "json").out)
    assert (record["status"], record["verified_by"]) == ("verified", ["DPAA", "IAEA"])
    assert "confirmed (DPAA, IAEA); partial (CSIS)" in dprk("status").out
    assert dprk("report", "-o", str(tmp_path / "r.html")).code == 0
    page = (tmp_path / "r.html").read_text("utf-8")
    assert "<td>confirmed (DPAA, IAEA); partial (CSIS)</td>" in page
    # a whole verified on its own before a part acted stands as its parts do: unverified
    for args in (
        ("add-measure", "W", "--actor", "DPRK", "--id", "w", "--status", "implemented",
         "--date", "2018-01-01"),
        ("verify", "w", "--by", "IAEA", "--date", "2018-01-05"),
        ("add-measure", "a", "--actor", "DPRK", "--id", "a", "--part-of", "w",
         "--status", "implemented", "--date", "2018-02-01"),
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    row = next(line for line in dprk("status").out.splitlines() if line.startswith("w "))
    assert "implemented" in row and "unverified" in row and "IAEA" not in row


def test_every_view_names_every_verifier_of_a_refutation_or_partial_finding(dprk, empty, tmp_path):
    """Refuted by the US, then by the UK: status and show said 'refuted (US)', the report
    'refuted by US', though two confirmations are both named. Every verifier whose
    finding stands at the latest finding's result is named; one who refuted before the
    measure was verified again, or found in part and then confirmed, is not."""
    for args in (
        ("add-measure", "Freeze", "--actor", "DPRK", "--id", "m", "--date", "2014-01-01"),
        ("mark", "m", "implemented", "--date", "2014-02-01"),
        ("verify", "m", "--by", "US", "--result", "refuted", "--date", "2014-03-01"),
        ("verify", "m", "--by", "UK", "--result", "refuted", "--date", "2014-03-01"),
        ("add-measure", "Halt", "--actor", "DPRK", "--id", "p", "--date", "2014-01-01"),
        ("mark", "p", "implemented", "--date", "2014-02-01"),
        ("verify", "p", "--by", "US", "--result", "partial", "--date", "2014-03-01"),
        ("verify", "p", "--by", "ROK", "--result", "partial", "--date", "2014-03-02"),
        ("add-measure", "Close", "--actor", "DPRK", "--id", "v", "--date", "2014-01-01"),
        ("mark", "v", "implemented", "--date", "2014-02-01"),
        ("verify", "v", "--by", "IAEA", "--result", "refuted", "--date", "2014-03-01"),
        ("verify", "v", "--by", "UK", "--date", "2014-03-02"),
        ("verify", "v", "--by", "ROK", "--result", "partial", "--date", "2014-03-03"),
        ("verify", "v", "--by", "ROK", "--date", "2014-03-04"),
        ("verify", "v", "--by", "US", "--result", "refuted", "--date", "2014-03-05"),
    ):  # fmt: skip
        assert dprk(*args).code == 0, (args, dprk(*args).err)
    rows = {line.split()[0]: line for line in dprk("status").out.splitlines()[6:]}
    # (which of them is a party to the talks said, as show says it)
    assert "disputed" in rows["m"] and "refuted (UK; US, a party)" in rows["m"], rows
    assert "implemented" in rows["p"] and "partial (ROK, a party; US, a party)" in rows["p"]
    # (IAEA's refutation came before UK and ROK confirmed it; US refuted it since)
    assert "disputed" in rows["v"] and "refuted (US, a party) " in rows["v"], rows
    assert "verification     refuted (UK; US, a party)\n" in dprk("show", "m").out
    assert "verification     partial (ROK, a party; US, a party)\n" in dprk("show", "p").out
    assert dprk("report", "-o", str(tmp_path / "r.html")).code == 0
    page = (tmp_path / "r.html").read_text("utf-8")
    assert "<td>refuted (UK; US, a party)</td>" in page
    assert "<td>partial (ROK, a party; US, a party)</td>" in page
    assert "<td>refuted (US, a party)</td>" in page
    # found in part, then confirmed: the confirmation stands, the partial finding not
    for args in (
        ("verify", "p", "--by", "US", "--date", "2014-03-06"),
        ("verify", "p", "--by", "UK", "--result", "partial", "--date", "2014-03-07"),
    ):
        assert dprk(*args).code == 0, args
    assert "verification     confirmed (US, a party); partial (UK)\n" in dprk("show", "p").out


def test_last_date_is_the_latest_event_as_the_timeline_has_them(dprk, empty):
    """A whole made implemented by its part in July had a last_date of June (its own
    events), and 'status --since' July left it out; a redate today made a measure's
    last_date today, though the timeline shows no event then."""
    for args in (
        ("add-measure", "Dismantle Sohae", "--actor", "DPRK", "--id", "sohae",
         "--status", "agreed", "--date", "2018-06-12"),
        ("add-measure", "Engine test stand", "--actor", "DPRK", "--id", "stand",
         "--part-of", "sohae", "--date", "2018-06-12"),
        ("mark", "stand", "implemented", "--date", "2018-07-23"),
        ("add-measure", "Return remains", "--actor", "DPRK", "--id", "remains",
         "--date", "2018-06-12"),
        ("mark", "remains", "implemented", "--date", "2018-07-28"),
        ("redate", "remains", "2", "2018-07-27"),
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(dprk("status", "--format", "csv").out))}
    assert (rows["sohae"]["status_date"], rows["sohae"]["last_date"]) == ("2018-07-23",) * 2
    assert rows["remains"]["last_date"] == "2018-07-27"
    since = dprk("status", "--since", "2018-07-01", "--format", "ids").out.split()
    assert since == ["remains", "sohae", "stand"]
    assert dprk("status", "--since", "2019-01-01", "--format", "ids").out == ""
    events = json.loads(dprk("timeline", "--since", "2019-01-01", "--format", "json").out)
    assert events["events"] == []


def test_tsv_escapes_tabs_and_newlines(dprk, empty):
    dprk("add-measure", "A", "--actor", "US", "--id", "a", "--note", "two\nlines\tand a tab")
    out = dprk("status", "--format", "tsv").out
    header, row = out.splitlines()
    cells = dict(zip(header.split("\t"), row.split("\t"), strict=True))
    assert cells["notes"] == "two\\nlines\\tand a tab"


def test_markdown_shows_user_text_literally(dprk, empty):
    title = "Lift *some* sanctions | [link](x) <b>now</b> `code`"
    dprk("add-measure", title, "--actor", "US", "--id", "a", "--note", "first\nsecond")
    out = dprk("show", "a", "--format", "markdown").out
    row = next(line for line in out.splitlines() if line.startswith("| title"))
    assert "\\*some\\*" in row and "\\|" in row and "\\[link\\]" in row
    assert "\\<b\\>" in row and "\\`code\\`" in row
    notes = next(line for line in out.splitlines() if line.startswith("| notes"))
    assert "first<br>second" in notes
    assert row.count(" | ") == 1  # the escaped pipe did not open a new cell


def test_show_tells_a_line_break_in_notes_from_a_backslash_n(dprk, empty, monkeypatch):
    """`show` wrote a line break in notes as '\\n' and a backslash as it is, so notes
    holding the text '\\n' looked like notes on two lines. Its free text, shown whole,
    keeps its line breaks (the other columns of the row blank below it), on a terminal
    as in plain text; JSON and CSV are as they were."""
    notes = "C:\\new\tfolder\nsecond line \\n third"
    assert dprk("add-measure", "A", "--actor", "US", "--id", "a", "--note", notes).code == 0
    assert dprk("note", "a", "said twice\nover", "--date", "2020-01-02").code == 0
    out = dprk("show", "a").out
    assert "\nnotes            C:\\new  folder\n                 second line \\n third\n" in out
    note = re.search(r"\n2 +2020-01-02 +note +said twice\n( +)over\n", out)
    assert note and len(note.group(1)) == out.split("\n2 ")[1].index("said") + 2, out
    monkeypatch.setenv("COLUMNS", "100")
    screen = re.sub(r"\x1b\[[0-9;]*m", "", dprk("show", "a", tty=True).out)
    assert re.search(r"\nnotes +C:\\new  folder +\n +second line \\n third +\n", screen), screen
    assert re.search(r" said twice +\n +over +\n", screen), screen
    assert json.loads(dprk("show", "a", "--format", "json").out)["notes"] == notes
    row = next(csv.DictReader(io.StringIO(dprk("show", "a", "--format", "csv").out)))
    assert row["notes"] == notes


def test_show_draws_a_tab_in_free_text_as_spaces(dprk, empty, monkeypatch):
    """`show` drew a line break in notes as a line break but a tab as '\\t', though
    notes may hold both. A tab in the free text it shows whole (notes, a history entry's
    note, a finding's note) is drawn as spaces up to the next stop every 4 columns of
    its line (counted as the terminal counts them: a wide character takes two), in a
    terminal and in plain text. A cell kept on one line (`log`'s) still shows '\\t', and
    JSON and CSV are as they were."""
    notes = "line one\nline\ttwo\nabcd\tx\tend\n핵\tk"
    made = dprk("add-measure", "A", "--actor", "US", "--id", "a", "--note", notes,
                "--status", "implemented", "--date", "2020-01-01")  # fmt: skip
    assert made.code == 0, made.err
    assert (
        dprk("verify", "a", "--by", "IAEA", "--date", "2020-02-01", "--note", "seen\tclosed").code
        == 0
    )
    text = empty.read_text(encoding="utf-8")
    assert "line\ttwo" in text  # (written as it is, a tab in the TOML string)
    out = dprk("show", "a").out
    assert "\nnotes            line one\n                 line    two\n" in out, out
    assert "\n                 abcd    x   end\n                 핵  k\n" in out, out
    assert "\\t" not in out, out
    findings = out.split("a: verifications\n")[1].split("\n\n")[0]
    assert findings.splitlines()[1].endswith("  seen    closed"), out
    history = out.split("a: history\n")[1]
    assert re.search(r"\n +line    two\n", history) and "seen    closed" in history, out
    for width in (60, 100):
        screen = _narrow(dprk, monkeypatch, width, "show", "a")
        assert re.search(r"\nnotes +line one +\n +line    two +\n +abcd    x   end +\n", screen)
        assert re.search(r"\n +핵  k +\n", screen), screen
        assert "\\t" not in screen, screen
    screen = _narrow(dprk, monkeypatch, 200, "show", "a")
    assert re.search(r"seen    closed +\n", screen), screen
    log = dprk("log", "a").out  # (one line a cell: the escape stays)
    assert "line one\\nline\\ttwo" in log and "seen\\tclosed" in log, log
    assert json.loads(dprk("show", "a", "--format", "json").out)["notes"] == notes
    row = next(csv.DictReader(io.StringIO(dprk("show", "a", "--format", "csv").out)))
    assert row["notes"] == notes


def test_markup_in_user_text_is_not_interpreted(dprk, empty, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    dprk("add-measure", "[bold red]x[/] :warning:", "--actor", "US", "--id", "a")
    out = dprk("status", tty=True).out
    assert "[bold red]x[/] :warning:" in out


def test_table_into_a_pipe_is_not_cut_to_80_columns(dprk, ledger):
    out = dprk("status").out
    assert max(len(line) for line in out.splitlines()) > 100
    assert "DPRK hands over an inventory of its nuclear programme" in out


def test_force_color_makes_table_output_rich_even_into_a_pipe(dprk, ledger, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    out = dprk("status").out
    assert "\x1b[" in out


def test_no_color_removes_colour_in_a_terminal(dprk, ledger, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    out = dprk("status", tty=True).out
    assert not re.search(r"\x1b\[[0-9;]*(3[0-9]|9[0-7])[;m]", out)  # no foreground colours


_DIM = re.compile(r"\x1b\[(?:[0-9;]*;)?2(?:;[0-9;]*)?m")  # (faint: SGR 2, alone or not)


@pytest.mark.parametrize("no_color", ["", "1"])
def test_deadlocked_and_overdue_notes_are_not_dim_at_a_terminal(dprk, korea, monkeypatch, no_color):
    """The notes under `status`, `next` and `plan` that say measures are deadlocked or
    overdue were printed dim (faint), which readers with low vision cannot read. They
    are at normal intensity, their words as they were (with NO_COLOR too, which still
    takes the colours away); other notes stay dim, and a pipe gets the same words."""
    monkeypatch.setenv("COLUMNS", "150")
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("NO_COLOR", no_color)
    assert dprk("edit", "inventory-submission", "--deadline", "2019-01-01").code == 0
    alerts = {
        "status": [
            "deadlocked: end-of-war-declaration, inventory-submission ('dprk plan' shows who "
            "demands what)",
            "overdue on ",
        ],
        "next": ["Deadlocked measures wait, in a circle, for each other: see 'dprk plan'."],
        "plan": ["Deadlock 1 since 2018-07-07: inventory-submission waits for"],
    }
    for command, words in alerts.items():
        out = dprk("--no-pager", command, tty=True).out
        piped = dprk(command).out
        for said in words:
            line = next((x for x in out.splitlines() if said in x), None)
            assert line is not None, (command, said, out)
            assert not _DIM.search(line), (command, line)
            assert said in piped and "\x1b[" not in piped
        if no_color:
            assert not re.search(r"\x1b\[[0-9;]*(3[0-9]|9[0-7])[;m]", out)
    out = dprk("--no-pager", "status", tty=True).out  # (a hint stays dim)
    hint = next(x for x in out.splitlines() if "left out to fit the terminal" in x)
    assert _DIM.search(hint)


def test_a_narrow_terminal_breaks_no_id_and_next_keeps_its_note(dprk, korea, monkeypatch):
    """At 60 columns `show` folded an id in its history's detail across two lines
    ('complete-denucleariza' / 'tion-pledge'), and `next` left out its note (that a
    measure is deadlocked) altogether. An id is never broken: other free text is folded
    narrower first, and when nothing else can give, the table is as wide as the id
    needs; `next` keeps its note, folded. A pipe gets what it got, whatever the width."""
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    for args in (
        ["link", "pompeo-pyongyang-visit", "complete-denuclearization-pledge",
         "--date", "2018-08-25"],
        ["add-measure", "Relief", "--actor", "US", "--id", "relief",
         "--after", "inventory-submission", "--date", "2018-08-01"],
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    ids = dprk("status", "--format", "ids").out.split()
    piped = {}
    for width in ("40", "60", "80"):
        monkeypatch.setenv("COLUMNS", width)
        for ident in ("pompeo-pyongyang-visit", "punggye-ri-closure", "relief"):
            plain = dprk("show", ident).out
            piped.setdefault(ident, plain)
            assert plain == piped[ident]  # (a pipe: as wide as it needs, at any width)
            screen = re.sub(r"\x1b\[[0-9;]*m", "", dprk("--no-pager", "show", ident, tty=True).out)
            named = [i for i in ids if i in plain]
            assert "complete-denuclearization-pledge" in named or ident != "pompeo-pyongyang-visit"
            assert all(i in screen for i in named), (width, ident, screen)
        screen = re.sub(r"\x1b\[[0-9;]*m", "", dprk("--no-pager", "next", tty=True).out)
        blocked = screen.split("Blocked\n", 1)[1]
        head = blocked.split("\n")[0]
        assert head.startswith("id ") and "waits for" in head and head.rstrip().endswith("note")
        assert "left out to fit the terminal: note" not in blocked
        assert len(re.findall(r"inventory-submission +deadlocked", blocked)) == 1
        assert re.search(r"relief +(US +)?inventory-submission +behind a", blocked), blocked
        if width != "80":  # (folded: 'behind a' above 'deadlock')
            assert re.search(r"behind a +\n +deadlock +\n", blocked), blocked
    assert "behind a deadlock" in dprk("next").out


def test_a_long_verification_folds_before_who_is_to_act_goes(dprk, korea, monkeypatch):
    """At 100 columns, a whole made of parts ("unverified (0 of 3 parts verified, 1
    disputed)") or a finding by a long-named verifier took so much room that `status` left
    out its flags (ready, deadlocked, overdue), what a reader most needs after who and
    what. The verification is folded onto more lines first; the flags stay."""
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLUMNS", "100")
    for args in (
        ["add-party", "International Committee of the Red Cross"],
        ["verify", "remains-repatriation", "--by", "International Committee of the Red Cross",
         "--result", "refuted", "--date", "2018-08-01", "--note", "not all remains"],
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    screen = re.sub(r"\x1b\[[0-9;]*m", "", dprk("--no-pager", "status", tty=True).out)
    measures = screen.split("Measures\n", 1)[1]
    head = measures.split("\n")[0]
    assert "verification" in head and "flags" in head, measures
    assert all(len(x) <= 100 for x in measures.splitlines()), measures
    assert re.search(r"end-of-war-declaration +US +proposed .*deadlocked", measures), measures
    assert re.search(r"remains-repatriation +DPRK +disputed +refuted", measures), measures
    # (folded, not cut; declared a party above, said to be one)
    assert "(International" in measures and "Cross, a" in measures and "party)" in measures
    assert (
        "left out to fit the terminal" in measures
        and "flags" not in measures.split("left out to fit the terminal", 1)[1].split("\n")[0]
    )
    piped = dprk("status").out  # (a pipe: one line a measure, as before)
    assert re.search(
        r"remains-repatriation +DPRK +disputed +\S+ +refuted \(International Committee of the "
        r"Red Cross, a party\)",
        piped,
    ), piped


def test_terminal_table_has_colour_by_default(dprk, ledger, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("COLUMNS", "120")
    out = dprk("status", tty=True).out
    assert "\x1b[" in out


def test_ids_format_has_no_other_output(dprk, ledger):
    out = dprk("log", "--format", "ids").out
    assert out.splitlines() == sorted(set(out.splitlines()), key=out.splitlines().index)
    assert all(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", line) for line in out.splitlines())


def test_unknown_format_is_a_usage_error(dprk, ledger):
    result = dprk("timeline", "--format", "yaml")
    assert result.code == 2 and result.out == ""
    assert "'yaml' is not one of" in result.err


@pytest.mark.slow  # a real process
def test_real_pipelines_with_ids_and_filters(korea, tmp_path):
    result = shell(
        "dprk status --acted --unverified --category denuclearization --format ids"
        " | dprk verify - --by IAEA --date 2019-03-01"
        " && dprk status --status verified --format ids",
        cwd=tmp_path,
    )
    assert result.code == 0, result.err
    assert result.out.split() == [
        "punggye-ri-closure",
        "test-moratorium",
        "tongchang-ri-dismantlement",
    ]
    result = shell(
        "dprk timeline --since 2019-01-01 --format ids | dprk show - --format jsonl | wc -l",
        cwd=tmp_path,
    )
    assert result.code == 0, result.err
    assert result.out.strip() == "3"


@pytest.mark.slow  # a real process
def test_reading_into_a_closed_pipe_ends_quietly(korea, tmp_path):
    for command in ("export --format jsonl", "timeline", "log --format csv", "graph"):
        result = shell(f"dprk {command} | head -1", cwd=tmp_path)
        assert result.code == 0, (command, result.err)
        assert result.err == "", command
        assert len(result.out.splitlines()) == 1


def test_safe_shows_invisible_characters_as_escapes():
    from dprk_cli.render import safe

    assert safe("plain – text, 한국어") == "plain – text, 한국어"
    assert safe("a\x1b[31mb") == "a\\e[31mb"
    assert safe("x\u202ey") == "x\\u202ey"  # a bidirectional override
    assert safe("hidden\U000e0041") == "hidden\\U000e0041"  # a tag character
    assert safe("no\u00a0break") == "no\u00a0break"  # a space is a space
    assert safe("line\nbreak\ttab") == "line\\nbreak\\ttab"


def test_in_file_keeps_invisible_characters_and_shows_control_characters():
    from dprk_cli.render import in_file

    assert in_file("Ira\u200cn Step\u200dOne soft\u00adhyphen \ue000") == (
        "Ira\u200cn Step\u200dOne soft\u00adhyphen \ue000"
    )
    assert in_file("a\x1b[31mb\x07") == "a\\e[31mb\\x07"
    assert in_file("x\u202ey") == "x\\u202ey"  # a bidirectional override
    assert in_file("line\nbreak\ttab") == "line\\nbreak\\ttab"


MADE_FOR_JSON = {  # what only each analysis's JSON document (or records) is made of
    "plan": "deadlock_record",
    "next": "_blocked_record",
}


@pytest.mark.parametrize("command", list(MADE_FOR_JSON))
def test_a_table_makes_none_of_the_json_document(dprk, korea, monkeypatch, command):
    """Only what the chosen format shows is made: a table (or a what-if's table) builds
    no JSON document, which for ten thousand measures is thousands of records."""
    from dprk_cli.render import sequencing

    name = MADE_FOR_JSON[command]
    calls: list[object] = []
    real = getattr(sequencing, name)
    monkeypatch.setattr(sequencing, name, lambda *item: calls.append(item) or real(*item))
    assumed = ["--assume", "end-of-war-declaration=implemented"]
    for args in ([command], [command, *assumed]):
        table = dprk(*args)
        assert table.code == 0 and table.out, table.err
        assert calls == []
    assert "assumed" in json.loads(dprk(command, *assumed, "--format", "json").out)
    calls.clear()
    assert "assumed" not in json.loads(dprk(command, "--format", "json").out)
    assert calls  # (the counter sees the document being made)


# --- a narrow terminal: the columns that name a row are kept, free text goes last ---


def _narrow(dprk, monkeypatch, width, *args):
    """`dprk ARGS` in a terminal `width` columns wide, its colours taken off; the lines
    of the table under `title`, and the note saying what was left out (or '')."""
    monkeypatch.setenv("COLUMNS", str(width))
    result = dprk("--no-pager", *args, tty=True)
    assert result.code == 0, result.err
    return re.sub(r"\x1b\[[0-9;]*m", "", result.out)


def _left_out(text):
    """The column names each 'left out' note gives, one list a note."""
    notes = re.findall(r"\(left out to fit the terminal: (.*?); widen it", text, re.S)
    return [re.sub(r"\s+", " ", n).split(", ") for n in notes]


def _header(text, first):
    return next(line.split() for line in text.splitlines() if line.startswith(first))


def test_a_column_left_out_comes_back_when_it_fits_once_a_wider_one_went(dprk, korea, monkeypatch):
    """At 67 columns the status table had room for 'since' once 'verification' was left
    out, and showed only id, actor and status: a column is left out only to fit."""
    out = _narrow(dprk, monkeypatch, 67, "status")
    header = _header(out, "id ")
    # (the flags, who is to move, outrank the day a status began: the one that comes back)
    assert header == ["id", "actor", "status", "flags"]
    assert max(len(line) for line in out.splitlines() if line.startswith("punggye")) <= 67
    [hidden] = _left_out(out)
    assert "flags" not in hidden and "verification" in hidden


@pytest.mark.parametrize("width", [80, 60, 50, 40])
def test_a_narrow_log_keeps_the_entry_numbers(dprk, korea, monkeypatch, width):
    """At 80 columns `log ID` left out '#', the entry numbers `redate ID N` takes,
    and kept the id, the same on every row; '#' now names a row, as the date does,
    and the id of the one measure logged is the first column to go."""
    out = _narrow(dprk, monkeypatch, width, "log", "punggye-ri-closure")
    if width == 80:
        assert _header(out, "#")[:4] == ["#", "date", "event", "status"]
        assert re.search(r"^1\s+2018-04-20\s+created\s+proposed", out, re.M)
        assert re.search(r"^3\s+2018-07-07\s+exchange", out, re.M)
    else:  # (no room for the note: each entry as its fields, its number first)
        entry = r"^#\s+1\s*\ndate\s+2018-04-20\s*\nevent\s+created\s*\nstatus\s+proposed\s*$"
        assert re.search(entry, out, re.M), out
        assert re.search(r"^#\s+3\s*\ndate\s+2018-07-07\s*\nevent\s+exchange\s*$", out, re.M)
    for hidden in _left_out(out):
        assert not {"#", "date", "event", "status"} & set(hidden)
        assert hidden[0] == "id"
    if width == 80:  # the detail and the note are shortened, the id goes
        assert _left_out(out) == [["id"]]
        assert _header(out, "#")[-2:] == ["detail", "note"]


@pytest.mark.parametrize("width", [80, 60, 40])
def test_a_narrow_log_of_many_measures_keeps_each_entry_named(dprk, korea, monkeypatch, width):
    out = _narrow(dprk, monkeypatch, width, "log")
    # (no room for the note at any of these widths: each entry as its fields, its number,
    # date and id first)
    entry = r"^#\s+1\s*\ndate\s+2018-04-20\s*\nid\s+punggye-ri-closure\s*\nevent\s+created\s*$"
    assert re.search(entry, out, re.M), out
    for hidden in _left_out(out):
        assert not {"#", "date", "id", "event", "status"} & set(hidden)


@pytest.mark.parametrize("width", [80, 60, 40])
def test_a_narrow_show_keeps_the_entry_numbers(dprk, korea, monkeypatch, width):
    """The entry numbers `redate ID N` takes: in the table's first column, or, where the
    history has no room for all its columns (and shows each entry as its fields, rather
    than leave a note out), first among each entry's fields."""
    out = _narrow(dprk, monkeypatch, width, "show", "punggye-ri-closure")
    if width == 80:
        assert _header(out, "#")[:4] == ["#", "date", "event", "status"]
        assert re.search(r"^2\s+2018-05-24\s+status\s+implemented", out, re.M)
    else:
        entry = r"^#\s+2\s*\ndate\s+2018-05-24\s*\nevent\s+status\s*\nstatus\s+implemented\s*$"
        assert re.search(entry, out, re.M), out
    for hidden in _left_out(out):
        assert "#" not in hidden


@pytest.mark.parametrize("width", [16, 24, 29, 40])
def test_a_narrow_show_keeps_the_values(dprk, korea, monkeypatch, width):
    """Below 30 columns `show ID` left out its value column, the point of `show`, and
    listed the field names alone. The values are never left out: folded, each word
    whole, the table as wide as its longest word needs when the terminal is narrower."""
    out = _narrow(dprk, monkeypatch, width, "show", "complete-denuclearization-pledge")
    fields = out.split("\n\n")[0]  # (the first section: the fields)
    assert _header(fields, "field") == ["field", "value"]
    for hidden in _left_out(out):
        assert "value" not in hidden
    assert re.search(r"^actor\s+DPRK\s*$", fields, re.M), fields
    assert re.search(r"^in exchange for\s+security-guarantees\s*$", fields, re.M)
    rows = fields.split("─\n")[1].splitlines()
    shown = " ".join(line[len("in exchange for   ") :].strip() for line in rows)
    for words in ("DPRK commits to work toward complete denuclearization of the Korean",
                  "Singapore Joint Statement, 12 June 2018"):  # fmt: skip
        assert words in re.sub(r"\s+", " ", shown), shown


@pytest.mark.parametrize("width", [60, 40])
def test_a_narrow_show_leaves_out_no_fact(dprk, korea, monkeypatch, width):
    """At 60 columns `show ID` left out a verification's evidence and note (at 40 its
    method too) and each history entry's note, all of which a wide terminal shows: a
    section that has no room for all its columns shows each row as its fields, one a
    line, folded, and leaves nothing out."""
    verified = dprk(
        "verify", "punggye-ri-closure", "--by", "Foreign journalists", "--result",
        "partial", "--method", "observation from a distance", "--evidence",
        "AP report, 24 May 2018", "--note", "no one entered the tunnels", "--date",
        "2018-05-24",
    )  # fmt: skip
    assert verified.code == 0, verified.err
    facts = (
        "observation from a distance",
        "AP report, 24 May 2018",
        "no one entered the tunnels",
        "Washington gave nothing in return",  # (the note of history entry 4)
    )
    wide = re.sub(r"\s+", " ", _narrow(dprk, monkeypatch, 250, "show", "punggye-ri-closure"))
    assert all(fact in wide for fact in facts), wide
    out = _narrow(dprk, monkeypatch, width, "show", "punggye-ri-closure")
    assert _left_out(out) == []
    assert max(len(line) for line in out.splitlines()) <= width, out
    shown = re.sub(r"\s+", " ", out)
    for fact in facts:
        assert fact in shown, (fact, out)
    verifications = out.split("punggye-ri-closure: verifications\n")[1].split("\n\n")[0]
    assert re.search(r"^by\s+Foreign journalists\s*$", verifications, re.M), verifications
    assert re.search(r"^result\s+partial\s*$", verifications, re.M)
    history = out.split("punggye-ri-closure: history\n")[1]
    assert re.search(r"^#\s+4\s*$", history, re.M) and re.search(
        r"^event\s+exchange\s*$", history, re.M
    )


@pytest.mark.parametrize("width", [60, 40])
@pytest.mark.parametrize("logged", [["punggye-ri-closure"], []])
def test_a_narrow_log_leaves_out_no_fact(dprk, korea, monkeypatch, width, logged):
    """At 60 columns `log` left out its note column (at 40 its detail too), which a wide
    terminal shows: as `show` does, a log with no room for all its columns shows each
    entry as its fields, one a line, folded, and leaves nothing out (the id of the one
    measure logged, the same on every entry, aside)."""
    facts = (
        "DPRK Foreign Ministry, 7 July 2018",  # (the note of entry 3 of punggye-ri-closure)
        "in exchange for end-of-war-declaration",  # (its detail)
    )
    wide = _narrow(dprk, monkeypatch, 250, "log", *logged)
    assert _left_out(wide) == []
    wide = re.sub(r"\s+", " ", wide)
    assert all(fact in wide for fact in facts), wide
    out = _narrow(dprk, monkeypatch, width, "log", *logged)
    assert _left_out(out) == []
    # (an id is never broken: the table is as wide as the longest needs)
    widest = max(width, len("status   complete-denuclearization-pledge"))
    assert max(len(line) for line in out.splitlines()) <= widest, out
    shown = re.sub(r"\s+", " ", out)
    for fact in facts:
        assert fact in shown, (fact, out)
    entry = r"^#\s+3\s*\ndate\s+2018-07-07\s*\n"
    if logged:
        entry += r"event\s+exchange\s*$"
        assert not re.search(r"^id\s", out, re.M), out
    else:
        entry += r"id\s+punggye-ri-closure\s*\nevent\s+exchange\s*$"
    assert re.search(entry, out, re.M), out


@pytest.mark.parametrize("width", [80, 50])
def test_show_folds_a_hangul_word_whole_as_a_latin_one(dprk, monkeypatch, tmp_path, width):
    """At 80 columns `show` broke a party's name in Hangul in two ('조선민주주의인민공' /
    '화국 renamed DPRK'), where a Latin name as long made it lay each entry out as its
    fields: a word was measured only if it was ASCII, and by its characters, not the
    columns it takes. A Hangul word is kept whole, as wide as it is drawn; Chinese and
    Japanese, written without spaces, still fold between characters, within the width."""
    from rich.cells import cell_len

    for args in (
        ("init", "--party", "조선민주주의인민공화국", "--party", "DPRK"),
        ("add-measure", "개성 공동연락사무소 개소", "--actor", "조선민주주의인민공화국",
         "--id", "office", "--date", "2018-04-27"),
        ("mark", "office", "implemented", "--date", "2018-09-14"),
        ("rename-party", "조선민주주의인민공화국", "DPRK", "--merge", "--date", "2018-12-31"),
        ("mark", "office", "reversed", "--date", "2020-06-16", "--note",
         "북측, 개성 공동연락사무소 폭파 (demolished by the North)"),
        ("note", "office", "北朝鮮が開城の南北共同連絡事務所を爆破したと韓国統一部が発表した",
         "--date", "2020-06-17"),
    ):  # fmt: skip
        assert dprk(*args).code == 0
    before = (tmp_path / "dprk-ledger.toml").read_bytes()
    out = _narrow(dprk, monkeypatch, width, "show", "office")
    assert (tmp_path / "dprk-ledger.toml").read_bytes() == before
    lines = out.splitlines()
    assert max(cell_len(line) for line in lines) <= width, out
    for word in ("조선민주주의인민공화국", "공동연락사무소", "(demolished"):
        assert any(word in line for line in lines), (word, out)
    assert "北朝鮮が開城の" in out and _left_out(out) == []


@pytest.mark.parametrize("width", [50, 120, 200])
def test_a_dumb_terminal_is_as_wide_as_it_is(dprk, korea, monkeypatch, width):
    """With TERM=dumb (Emacs' shell, many CI runners) every table was laid out for 80
    columns, whatever the terminal's width or COLUMNS said: at 50 its lines wrapped, at
    120 columns were left out for want of room. It is as wide as the terminal is."""
    monkeypatch.setenv("TERM", "dumb")
    out = _narrow(dprk, monkeypatch, width, "status")
    widest = max(len(line) for line in out.splitlines())
    assert widest <= width
    monkeypatch.setenv("TERM", "xterm")
    assert _left_out(_narrow(dprk, monkeypatch, width, "status")) == _left_out(out)
    if width > 80:
        assert widest > 80


def test_a_narrow_status_keeps_who_is_to_act_before_the_title(dprk, korea, monkeypatch):
    """At 60 columns the measures table kept a title cut to a few letters and left out
    the actor, who is to act; the tables' priorities now decide, free text or not."""
    out = _narrow(dprk, monkeypatch, 60, "status", "--party", "US")
    assert _header(out, "id")[:3] == ["id", "actor", "status"]
    assert "title" in _left_out(out)[-1]


def test_a_narrow_timeline_keeps_what_happened(dprk, korea, monkeypatch):
    """At 60 columns the labels alone are wider than the terminal: "what happened" is
    as narrow as its header's longest word (its header folded, a word but an id broken),
    so that the table is no wider than in a terminal of 71 columns, where it fits."""
    out = _narrow(dprk, monkeypatch, 60, "timeline", "--until", "2018-04-27")
    assert _header(out, "date")[-1] == "happened"
    assert re.search(r"^2018-04-21\s+●\s+test-moratorium\s+implemen\n\s+ted", out, re.M)
    assert _left_out(out) == [["days after"]]
    table = out.split("\n\n")[0].splitlines()[1:]
    fitted = _narrow(dprk, monkeypatch, 71, "timeline", "--until", "2018-04-27")
    assert max(map(len, table)) == max(map(len, fitted.split("\n\n")[0].splitlines()[1:])) == 71


def test_a_narrow_timeline_folds_what_happened_and_fits(dprk, monkeypatch):
    """At 60 columns the timeline cut "what happened" to 13 columns: the three steps a
    whole's parts gave it all read "implemented …", their extent (all that changed)
    gone, and "confirmed by…"; and the table was 62 columns wide, so every line wrapped.
    What names a row is never cut: it is folded, and the table fits the terminal."""
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setenv("NO_COLOR", "1")
    for args in (
        ["init", "--party", "US", "--party", "Russia"],
        ["add-measure", "US meets central limits", "--actor", "US",
         "--id", "us-central-limits", "--status", "agreed", "--date", "2010-04-08"],
        *(["add-measure", part, "--actor", "US", "--id", part, "--part-of",
           "us-central-limits", "--status", "agreed", "--date", "2010-04-08"]
          for part in ("b52h-conversion", "trident-conversion", "us-other-reductions")),
        ["mark", "b52h-conversion", "implemented", "--date", "2017-09-30"],
        ["mark", "trident-conversion", "implemented", "--date", "2017-10-01"],
        ["mark", "us-other-reductions", "implemented", "--date", "2017-12-31"],
        ["verify", "b52h-conversion", "--by", "Russia", "--result", "refuted",
         "--date", "2018-02-05"],
        ["verify", "trident-conversion", "--by", "State Department", "--date", "2018-02-05"],
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    out = _narrow(dprk, monkeypatch, 60, "timeline", "--since", "2017-09-01")
    assert "…" not in out
    table = out.split("\n\n")[0].splitlines()[1:]
    assert max(map(len, table)) <= 60, out
    # (each row's words, its folded lines joined)
    said = re.sub(r"\s+", " ", " ".join(line[49:] for line in table)).replace("- ", "-")
    for words in (
        "implemented (minimal), as its parts give it",
        "implemented (full), as its parts give it",
        "refuted by Russia",
        "confirmed by State Department",
    ):
        assert words in said, (words, out)
    assert "(intermedia" in said and "te), as its parts give it" in said  # (no room for it)
    assert _left_out(out) == [["days after"]]


def test_a_narrow_timeline_never_breaks_an_id_nor_widens_as_the_terminal_narrows(dprk, monkeypatch):
    """At 60 columns the timeline of two measures exchanged for each other was 66 wide,
    wider than at 61, and both broke the other measure's id in "what happened"
    ('sanctions-rel' / 'ief'), which a reader copies. An id is never broken across lines:
    a terminal too narrow for it gets the table as wide as it needs, and a narrower
    terminal never a wider table."""
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setenv("NO_COLOR", "1")
    for args in (
        ["init", "--party", "Libya", "--party", "US", "--party", "UK"],
        ["add-measure", "Additional Protocol", "--actor", "Libya",
         "--id", "additional-protocol", "--date", "2003-12-19"],
        ["add-measure", "Sanctions relief", "--actor", "US", "--id", "sanctions-relief",
         "--in-exchange-for", "additional-protocol", "--date", "2003-12-19"],
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    before = Path("dprk-ledger.toml").read_bytes()
    widest = {}
    for width in range(55, 81):
        out = _narrow(dprk, monkeypatch, width, "timeline")
        table = out.split("\n\n")[0].splitlines()[1:]
        widest[width] = max(map(len, table))
        # (the lines of "what happened" joined: an id broken across two reads as two words)
        said = " ".join(line[53:].strip() for line in table[2:])
        for words in ("for sanctions-relief", "for additional-protocol"):
            assert words in said, (width, out)
        assert _left_out(out) == [["days after"]], (width, out)
    assert widest[60] == widest[61] == 72, widest
    assert all(widest[w] <= widest[w + 1] for w in range(55, 80)), widest
    assert all(widest[w] <= w for w in range(72, 81)), widest
    assert Path("dprk-ledger.toml").read_bytes() == before


def test_a_narrow_next_keeps_what_a_blocked_measure_waits_for(dprk, korea, monkeypatch):
    out = _narrow(dprk, monkeypatch, 40, "next")
    assert re.search(r"^inventory-submission\s+end-of-war-declaration", out, re.M)


@pytest.mark.parametrize("width", [50, 40])
def test_a_narrow_status_keeps_each_row_named(dprk, korea, monkeypatch, width):
    out = _narrow(dprk, monkeypatch, width, "status")
    assert _header(out, "party")[0] == "party"
    assert re.search(r"^DPRK\s+7\s", out, re.M)
    assert _header(out, "id")[:2] == ["id", "status"]
    assert re.search(r"^complete-denuclearization-pledge\s+agreed", out, re.M)
    for hidden in _left_out(out):
        assert not {"party", "id", "status", ""} & set(hidden)


@pytest.mark.parametrize("width", [60, 40])
def test_a_narrow_timeline_never_cuts_an_id(dprk, korea, monkeypatch, width):
    out = _narrow(dprk, monkeypatch, width, "timeline", "--until", "2018-06-18")
    assert not re.search(r"[a-z]…", out)
    assert _header(out, "date")[:5] == ["date", "DPRK", "ROK", "US", "measure"]
    assert re.search(r"^2018-04-20\s+○\s+punggye-ri-closure", out, re.M)
    assert re.search(r"^2018-06-12\s.*complete-denuclearization-pledge", out, re.M)
    for hidden in _left_out(out):
        assert not {"date", "DPRK", "ROK", "US", "measure"} & set(hidden)


def test_a_narrow_balance_keeps_the_counterpart(dprk, korea, monkeypatch):
    out = _narrow(dprk, monkeypatch, 40, "balance")
    owes = out[out.index("Owes:") :]
    rows = [line.split() for line in owes.splitlines() if line.startswith("US ")]
    assert len(rows) == 2 and len({tuple(r) for r in rows}) == 2  # not one row twice
    assert all(r[1] == "end-of-war-declaration" and len(r) >= 3 for r in rows)
    for hidden in _left_out(out):
        assert not {"party", "measure", "counterpart", "counterpart (acted)"} & set(hidden)


@pytest.mark.parametrize("width", [62, 40])
def test_a_narrow_balance_leaves_out_only_what_the_guide_says_may_go(
    dprk, korea, monkeypatch, width
):
    """At 40 columns `balance` left out `since` and still drew rows wider than the window,
    where the guide said dates are never cut: what names a row (the party, the measure,
    its counterpart) is kept whole, as wide as it needs; `since`, `days` and `owing` may
    go, and the guide says so."""
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setenv("NO_COLOR", "1")
    out = _narrow(dprk, monkeypatch, width, "balance", "--as-of", "2023-03-01")
    assert re.search(r"^DPRK +punggye-ri-closure +end-of-war-declaration\b", out, re.M), out
    assert re.search(r"^US +end-of-war-declaration +test-moratorium\b", out, re.M), out
    assert "…" not in out
    expected = [["since"]] * 2 if width == 62 else [["since", "days"]] * 2
    assert _left_out(out) == expected
    if width == 62:  # (room for them all: each line fits)
        assert max(map(len, out.splitlines())) <= 62
    guide = re.sub(r"\s+", " ", (ROOT / "docs" / "guide.md").read_text(encoding="utf-8"))
    assert "`since`, `days` and `owing` may be left out" in guide
    assert "the party, the measure and its counterpart never are" in guide


def test_a_markdown_scorecard_heads_its_bar_column(dprk, korea):
    """The Markdown scorecard's header had an empty cell over the bar column, where
    every other column is named."""
    for args in (("scorecard",), ("scorecard", "--by", "category"), ("scorecard", "--yearly")):
        out = dprk(*args, "--format", "markdown").out
        header = next(line for line in out.splitlines() if line.startswith("| "))
        assert header.endswith("| score | bar |"), header
        assert "|  |" not in out and "| |" not in out, out
    # (the terminal table keeps its bar unheaded, beside the score it draws)
    assert re.search(r"\n\w+ +commitments +none +min +mid +full +score\n", dprk("scorecard").out)


def test_a_narrow_scorecard_never_names_an_empty_column(dprk, korea, monkeypatch):
    out = _narrow(dprk, monkeypatch, 40, "scorecard")
    assert _header(out, "party")[0] == "party"
    assert _left_out(out) and all("" not in hidden for hidden in _left_out(out))
    assert ": ," not in re.sub(r"\s+", " ", out)


def test_a_narrow_scorecard_says_it_left_out_its_bar(dprk, monkeypatch):
    """At 60 columns the scorecard left out its bar column without a word, where every
    other table says what it left out: it is named as the Markdown table heads it."""
    monkeypatch.setenv("NO_COLOR", "1")
    for args in (
        ["init", "--party", "Libya", "--party", "US", "--party", "UK"],
        ["add-measure", "Additional Protocol", "--actor", "Libya",
         "--id", "additional-protocol", "--status", "implemented", "--date", "2003-12-19"],
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    before = Path("dprk-ledger.toml").read_bytes()
    out = _narrow(dprk, monkeypatch, 60, "scorecard")
    assert "█" not in out and "#" not in out, out
    assert _header(out, "party")[-1] == "score"
    assert _left_out(out) == [["bar"]], out
    out = _narrow(dprk, monkeypatch, 80, "scorecard")
    assert "██████████" in out and _left_out(out) == [], out
    assert Path("dprk-ledger.toml").read_bytes() == before


# --- wide characters: a column is as wide as its text takes in the terminal ---

KOREA, CHINA = "조선민주주의인민공화국", "美国"  # two columns a character


@pytest.fixture
def wide(dprk):
    """Two parties named in wide characters, one measure each, one owed."""
    for args in (
        ["init", "--party", KOREA, "--party", CHINA],
        [
            "add-measure",
            "핵실험장 폐기",
            "--actor",
            KOREA,
            "--id",
            "closure",
            "--date",
            "2020-01-01",
        ],
        [
            "add-measure",
            "中止军演",
            "--actor",
            CHINA,
            "--id",
            "drills",
            "--date",
            "2020-01-02",
            "--status",
            "agreed",
        ],  # fmt: skip
        ["link", "closure", "drills"],
        ["mark", "closure", "implemented", "--date", "2020-02-01"],
    ):
        result = dprk(*args)
        assert result.code == 0, result.err


@pytest.mark.parametrize("width", [120, 80, 60, 40])
def test_wide_party_names_are_never_cut_in_a_terminal(dprk, wide, monkeypatch, width):
    """A lane headed by a party named in wide characters was shown as '…' at any width
    (its width was counted in characters, each of which takes two columns)."""
    out = _narrow(dprk, monkeypatch, width, "timeline")
    assert _header(out, "date")[:3] == ["date", KOREA, CHINA]
    assert re.search(r"^2020-01-01\s+○\s+closure", out, re.M)
    for hidden in _left_out(out):
        assert not {KOREA, CHINA} & set(hidden)
    out = _narrow(dprk, monkeypatch, width, "status")
    assert re.search(rf"^{KOREA}\s+1\b", out, re.M)
    assert re.search(rf"^{CHINA}\s+1\b", out, re.M)
    out = _narrow(dprk, monkeypatch, width, "balance")
    assert re.search(rf"^{KOREA}\s+closure\s+drills", out, re.M)
    assert re.search(rf"^{CHINA}\s+drills\s+closure", out, re.M)
    out = _narrow(dprk, monkeypatch, width, "scorecard")
    assert re.search(rf"^{KOREA}\s.*100", out, re.M)
    out = _narrow(dprk, monkeypatch, width, "show", "closure")
    assert re.search(rf"^actor\s+{KOREA}\s*$", out, re.M)
    assert re.search(r"^title\s+핵실험장 폐기\s*$", out, re.M)


def test_wide_text_is_measured_in_terminal_columns(dprk, wide, monkeypatch):
    """Cells of wide characters (a title, a 'days after' naming a party) are as wide
    as the columns they take, so that a wide terminal shows them whole."""
    for args in (["timeline"], ["status"], ["plan"], ["next"], ["log", "closure"]):
        out = _narrow(dprk, monkeypatch, 120, *args)
        assert "…" not in out, args
    out = _narrow(dprk, monkeypatch, 120, "timeline")
    assert re.search(rf"^2020-02-01\s+●\s+30 \({CHINA}\)\s+closure\s+implemented", out, re.M)
    out = _narrow(dprk, monkeypatch, 120, "status")
    assert re.search(r"^closure\s.*\s핵실험장 폐기\s*$", out, re.M)
    assert re.search(r"^drills\s.*\s中止军演\s*$", out, re.M)


@pytest.mark.parametrize("width", [40, 80, 200])
def test_show_in_a_terminal_gives_the_full_text(dprk, empty, monkeypatch, width):
    """The guide says long titles are shortened elsewhere and `dprk show ID` gives the
    full text: in a terminal it cut the title, notes, sources, a finding's evidence and
    the history's notes with "…", whatever its width. They are folded onto more lines."""
    title = "Dismantle the Yongbyon complex: " + ", ".join(
        f"facility number {i}" for i in range(30)
    )
    note = "A long note a reader needs in full, because the details matter: " + "x" * 150
    made = dprk("add-measure", title[:500], "--actor", "DPRK", "--id", "m", "--date", "2018-01-01",
                "--note", note, "--source", "https://example.org/" + "a" * 120)  # fmt: skip
    assert made.code == 0, made.err
    assert dprk("mark", "m", "implemented", "--date", "2018-02-01", "--note", note).code == 0
    assert dprk("verify", "m", "--by", "IAEA", "--date", "2018-03-01", "--evidence",
                "satellite imagery " + "y" * 130).code == 0  # fmt: skip
    out = _narrow(dprk, monkeypatch, width, "show", "m")
    assert "…" not in out
    flat = re.sub(r"\s+", "", out)
    # (at 40, the findings' and the history's free text were left out, and said so: each
    # finding and each entry is shown as its fields instead, nothing left out)
    texts = [title[:500], note, "https://example.org/" + "a" * 120, "y" * 130]
    assert not _left_out(out)
    for text in texts:
        assert re.sub(r"\s+", "", text) in flat, text[:40]


def test_show_joins_what_a_measure_is_in_exchange_for_as_status_does(dprk, korea):
    """`show` joined the measures it is in exchange for with ", " where `status` (and
    the guide's tables) use "; ", as for every list in a cell: one separator."""
    ident = "end-of-war-declaration"
    joined = "inventory-submission; punggye-ri-closure; test-moratorium"
    table = dprk("status", "--format", "markdown").out
    assert re.search(rf"^\| {ident} \|.*\| {joined} \|", table, re.M), table
    for fmt in ("table", "markdown"):
        shown = dprk("show", ident, "--format", fmt)
        assert shown.code == 0, shown.err
        assert re.search(rf"^\|? ?in exchange for\s+(\| )?{joined}( \|)?$", shown.out, re.M), (
            shown.out
        )


def test_show_gives_a_findings_note(dprk, empty, monkeypatch):
    """`show`'s table of findings had the columns date, by, result, method and evidence
    only: a finding's note (`verify --note`, or `note` in a finding written by hand,
    which no history entry need repeat) was shown nowhere. It has a note column, folded
    in a terminal; in a narrow one left out as any column is, and said so. A measure
    whose findings have no note has no note column. JSON and CSV are as they were."""
    made = dprk("add-measure", "Close the site", "--actor", "DPRK", "--id", "m",
                "--status", "implemented", "--date", "2018-01-01")  # fmt: skip
    assert made.code == 0, made.err
    said = "Seen closed from the air; the ground crews had left."
    found = dprk("verify", "m", "--by", "IAEA", "--date", "2018-02-01", "--method",
                 "satellite imagery", "--note", said)  # fmt: skip
    assert found.code == 0, found.err
    assert (
        dprk("add-measure", "Other", "--actor", "US", "--id", "o", "--status", "implemented").code
        == 0
    )
    text = empty.read_text(encoding="utf-8")
    by_hand = "Inspectors saw only part of the site."
    text = text.replace(
        "[[measures.history]]\ndate = 2018-01-01",
        '[[measures.verifications]]\nby = "CSIS"\nresult = "partial"\ndate = 2018-03-01\n'
        f'note = "{by_hand}"\n\n'
        '[[measures.history]]\ndate = 2018-03-01\nevent = "verification"\n'
        'detail = "partial by CSIS"\nrecorded = 2026-12-01 00:00:00+00:00\n\n'
        "[[measures.history]]\ndate = 2018-01-01",
        1,
    )
    assert by_hand in text
    empty.write_text(text, encoding="utf-8")
    assert dprk("check").code == 0
    out = dprk("show", "m").out
    table = out.split("m: verifications\n")[1].split("\n\n")[0].splitlines()
    assert table[0].split() == ["date", "by", "result", "method", "evidence", "note"], out
    assert table[1].startswith("2018-02-01") and table[1].endswith(f"  {said}"), out
    assert table[2].startswith("2018-03-01  CSIS") and table[2].endswith(f"  {by_hand}"), out
    for width in (80, 100):  # (folded onto more lines, never cut)
        screen = _narrow(dprk, monkeypatch, width, "show", "m")
        findings = screen.split("m: verifications\n")[1].split("\n\n")[0]
        assert _header(findings, "date")[-1] == "note", screen
        flat = re.sub(r"\s+", " ", findings)
        assert said in flat and by_hand in flat, screen
        assert "…" not in findings and not _left_out(findings), screen
    # (at 60 the note was left out, and said so: each finding is shown as its fields
    # instead, one a line, its note among them)
    screen = _narrow(dprk, monkeypatch, 60, "show", "m")
    findings = screen.split("m: verifications\n")[1].split("\n\n")[0]
    assert _header(findings, "field") == ["field", "value"] and not _left_out(screen), screen
    assert re.search(r"^method\s+satellite imagery\s*$", findings, re.M), screen
    flat = re.sub(r"\s+", " ", findings)
    assert f"note {said}" in flat and f"note {by_hand}" in flat, screen
    # (no finding with a note: no note column, and none left out)
    assert dprk("verify", "o", "--by", "IAEA", "--result", "refuted").code == 0
    plain = dprk("show", "o").out.split("o: verifications\n")[1]
    assert plain.splitlines()[0].split() == ["date", "by", "result", "method", "evidence"]
    screen = _narrow(dprk, monkeypatch, 60, "show", "o")
    assert not _left_out(screen.split("o: verifications\n")[1].split("\n\n")[0]), screen
    record = json.loads(dprk("show", "m", "--format", "json").out)
    assert [v["note"] for v in record["verifications"]] == [said, by_hand]
    assert set(record["verifications"][0]) == {"by", "result", "date", "method", "evidence", "note"}
    header = dprk("show", "m", "--format", "csv").out.splitlines()[0]
    assert header.split(",") == STATUS_COLUMNS


def test_a_time_recorded_with_another_offset_is_given_in_utc(dprk, korea):
    """A `recorded` time written by hand as '08:30:00+09:00' came out of `log --format
    json` so, while the format says UTC and the guide's jq recipe compares the text: it
    selected an entry of 30 November as of 1 December. The log gives it in UTC."""
    text = korea.read_text(encoding="utf-8")
    first = re.search(r"recorded = (\S+ \S+)\n", text)
    assert first is not None
    korea.write_text(
        text.replace(f"recorded = {first[1]}", "recorded = 2026-12-01 08:30:00+09:00", 1),
        encoding="utf-8",
    )
    log = [json.loads(line) for line in dprk("log", "--format", "jsonl").out.splitlines()]
    times = [e["recorded"] for e in log]
    assert "2026-11-30T23:30:00Z" in times
    assert all(t.endswith("Z") for t in times)


def test_a_time_recorded_with_another_offset_is_one_utc_time_everywhere(dprk, empty, monkeypatch):
    """A `recorded` time written by hand as '09:00:00+09:00' was kept so: `export --format
    json` gave '2026-12-01T09:00:00+09:00' where `log` and `show` gave the same moment as
    '2026-12-01T00:00:00Z', and a write that rewrote its block wrote '+09:00' back, where
    the format says `recorded` is UTC. It is read as that moment in UTC: every output
    gives it in one form, and the block is written back with '+00:00'."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")  # 2026-12-01 00:00:00 UTC
    added = dprk("add-measure", "R", "--actor", "DPRK", "--id", "r", "--date", "2018-06-12")
    assert added.code == 0, added.err
    text = empty.read_text(encoding="utf-8")
    assert text.count("recorded = 2026-12-01 00:00:00+00:00\n") == 1
    empty.write_text(text.replace("00:00:00+00:00", "09:00:00+09:00"), encoding="utf-8", newline="")
    assert dprk("check").out == "ok: no problems found\n"
    exported = json.loads(dprk("export", "--format", "json").out)
    logged = json.loads(dprk("log", "r", "--format", "json").out)
    shown = json.loads(dprk("show", "r", "--format", "json").out)
    jsonl = json.loads(dprk("export", "--format", "jsonl").out.splitlines()[0])
    row = next(csv.DictReader(io.StringIO(dprk("export", "--format", "csv").out)))
    said = {
        exported["measures"][0]["history"][0]["recorded"],
        jsonl["history"][0]["recorded"],
        json.loads(row["history"])[0]["recorded"],
        logged[0]["recorded"],
        shown["history"][0]["recorded"],
    }
    assert said == {"2026-12-01T00:00:00Z"}
    marked = dprk("mark", "r", "implemented", "--date", "2018-07-27")
    assert marked.code == 0, marked.err
    stamps = re.findall(r"^recorded = (.*)$", empty.read_text(encoding="utf-8"), re.M)
    assert stamps == ["2026-12-01 00:00:00+00:00", "2026-12-01 00:00:00+00:00"]
    assert dprk("check").out == "ok: no problems found\n"


def test_an_80_column_status_keeps_what_each_side_owes_and_who_is_to_move(dprk, korea, monkeypatch):
    """At 80 columns status left out owed, owes and overdue (what each side still owes,
    the question it answers) and kept 'rejected'. What was refused goes first now. (Of
    the measures, the flags, who is to move, outrank the day a status began: at 67
    columns, `test_a_column_left_out_comes_back_when_it_fits_once_a_wider_one_went`.)"""
    out = _narrow(dprk, monkeypatch, 80, "status")
    parties = _header(out, "party ")
    assert {"owes", "owed", "overdue"} <= set(parties)
    assert "rejected" not in parties
    first = _left_out(out)[0]
    assert first[0] == "rejected"


def test_columns_zero_is_taken_as_no_width_given(dprk, korea, monkeypatch):
    """COLUMNS=0 (a shell or container that sets it so) made tables 0 wide: headings,
    columns, the line naming those left out and the deadlock advice were all dropped
    without a word. Zero says nothing of the width: the table is drawn as when COLUMNS is
    not set (the terminal's size, or 80 columns)."""
    monkeypatch.setenv("COLUMNS", "0")
    zero = dprk("next", "--party", "DPRK", tty=True).out
    monkeypatch.delenv("COLUMNS")
    unset = dprk("next", "--party", "DPRK", tty=True).out
    assert zero == unset
    for said in ("Can go ahead now", "Blocked", "demanded by", "see 'dprk plan'"):
        assert said in zero, zero


def test_a_timeline_lane_named_by_a_long_party_name_folds_its_header_to_fit(dprk, monkeypatch):
    """A party named 'Arab Republic of Egypt' made the timeline 87 columns wide in an
    80-column terminal, every line folded by the terminal: the lane, one mark wide, took
    the width of its header, and a label's header was never folded. A header of several
    words wider than its column is now folded at its spaces, once the columns that can
    go are gone; a pipe gets what it got."""
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    for args in (
        ["init", "--party", "Arab Republic of Egypt", "--party", "Israel", "--party", "US"],
        ["add-measure", "Egypt returns to the autonomy negotiations", "--actor",
         "Arab Republic of Egypt", "--id", "egypt-resumes-talks", "--status", "implemented",
         "--date", "1981-09-23"],
        ["add-measure", "Israel completes its withdrawal", "--actor", "Israel", "--id",
         "final-withdrawal", "--status", "implemented", "--date", "1982-04-25"],
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    plain = dprk("timeline").out
    assert "Arab Republic of Egypt" in plain.splitlines()[1]  # (a pipe: the header whole)
    for width in (80, 75):
        monkeypatch.setenv("COLUMNS", str(width))
        screen = re.sub(r"\x1b\[[0-9;]*m", "", dprk("--no-pager", "timeline", tty=True).out)
        table = screen.split("\n\n")[0].splitlines()[1:]  # (the title left out)
        rule = next(i for i, line in enumerate(table) if line.startswith("─"))
        assert all(len(line.rstrip()) <= width for line in table), (width, screen)
        heads = [line.split() for line in table[:rule]]
        assert heads[0] == ["Arab"] or heads[0][:2] == ["Arab", "Republic"], heads
        assert "Egypt" in heads[-1] and "Arab Republic of Egypt" not in screen, heads
        assert heads[-1][0] == "date" and "Israel" in heads[-1], heads
        lanes = [line for line in table[rule + 1 :] if line.startswith("19")]
        assert [line.split()[1:] for line in lanes] == [
            ["●", "egypt-resumes-talks", "implemented"],
            ["●", "final-withdrawal", "implemented"],
        ], lanes
        # (each mark under its own lane: Egypt's left of Israel's)
        assert lanes[0].index("●") < lanes[1].index("●")


def test_a_header_of_two_words_folds_before_a_column_goes(dprk, korea, monkeypatch):
    """At 80 columns, `next` left out the blocked table's 'demanded by', the column
    that said who holds a measure back, when folding its header onto two lines made
    the table fit whole. The header folds now; a column goes only when that is not
    enough. (`next` says each wait's demander beside it now, folded with it: `plan`'s
    deadlocks keep the column.)"""
    out = _narrow(dprk, monkeypatch, 80, "next")
    assert not _left_out(out), out
    assert all(len(line) <= 80 for line in out.splitlines()), out
    assert re.search(
        r"^inventory-submission\s+DPRK\s+end-of-war-declaration \(demanded\s+deadlocked\s*\n"
        r"\s+by DPRK\)\s*$",
        out,
        re.M,
    ), out
    out = _narrow(dprk, monkeypatch, 62, "plan")
    # (the plan's, what is left of tongchang-ri-dismantlement before the title; the
    # deadlocks' all kept)
    assert _left_out(out) == [["left", "title"]], out
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if line.split()[:2] == ["#", "measure"])
    assert lines[at].split()[-1] == "by" and lines[at - 1].split() == ["demanded"]
    assert all(len(line) <= 62 for line in lines), out
    narrower = _narrow(dprk, monkeypatch, 61, "plan")
    assert _left_out(narrower) == [["left", "title"], ["demanded by"]]


def test_a_wait_through_a_whole_folds_in_a_narrow_terminal(dprk, korea, monkeypatch):
    """'security-guarantees [via tongchang-ri-dismantlement]', the wait of a part through
    its whole's order, was never folded: `next` drew its blocked table 89 columns wide
    in an 80-column terminal, each row wrapped by the terminal. It folds at its spaces,
    its words whole, as the note beside it does."""
    assert dprk("add-measure", "Dismantle the launch platform", "--actor", "DPRK", "--id",
                "sohae-launch-platform", "--part-of", "tongchang-ri-dismantlement",
                "--status", "agreed", "--date", "2018-09-19").code == 0  # fmt: skip
    assert dprk("sequence", "tongchang-ri-dismantlement", "--after", "security-guarantees",
                "--demanded-by", "DPRK", "--date", "2018-09-20").code == 0  # fmt: skip
    out = _narrow(dprk, monkeypatch, 80, "next", "--party", "DPRK")
    assert all(len(line) <= 80 for line in out.splitlines()), out
    assert re.search(
        r"^sohae-launch-platform\s.*\ssecurity-guarantees \(demanded by\s*$", out, re.M
    )
    assert re.search(r"^\s+DPRK\) \[via\s*$", out, re.M)
    assert re.search(r"^\s+tongchang-ri-dismantlement\]\s*$", out, re.M)
    piped = dprk("next", "--party", "DPRK").out  # (a pipe keeps each row on one line)
    assert "security-guarantees (demanded by DPRK) [via tongchang-ri-dismantlement]" in piped


def test_status_and_plan_of_a_past_day_say_the_day_in_their_heading(dprk, korea):
    """`balance`, `next` and `scorecard` of a past day name it in their heading; `status`
    and `plan` did not ('US–DPRK ... 2018', 'Plan'), so a table of 2018-08-14 read as
    today's. With --as-of they name it; today's view is as it was."""
    before = korea.read_bytes()
    title = "US–DPRK denuclearization talks, 2018"
    for fmt, heading in (("table", "{}"), ("markdown", "## {}")):
        past = dprk("status", "--as-of", "2018-08-14", "--format", fmt)
        assert (past.code, past.err) == (0, "")
        assert past.lines[0] == heading.format(f"{title}, as of 2018-08-14")
        now = dprk("status", "--format", fmt)
        assert now.lines[0] == heading.format(title)
        assumed = dprk("status", "--assume", "second-summit=agreed", "--format", fmt)
        assert heading.format(title) in assumed.lines  # (today's, as supposed)
        plan = dprk("plan", "--as-of", "2018-08-14", "--format", fmt)
        assert (plan.code, plan.err) == (0, "")
        assert plan.lines[0] == heading.format("Plan on 2018-08-14")
        assert dprk("plan", "--format", fmt).lines[0] == heading.format("Plan")
        ahead = dprk("next", "--as-of", "2018-08-14", "--format", fmt)
        assert ahead.lines[0] == heading.format("Can go ahead on 2018-08-14")  # (as ever)
    # (a script's formats hold the day in `as_of`, as they did; the title is the title)
    record = json.loads(dprk("status", "--as-of", "2018-08-14", "--format", "json").out)
    assert (record["title"], record["as_of"]) == (title, "2018-08-14")
    assert korea.read_bytes() == before


@pytest.mark.parametrize(
    ("width", "args"),
    [
        (60, ["timeline", "association"]),
        (40, ["timeline", "--party", "Kosovo"]),
        (60, ["timeline", "--since", "2023-03-01", "association"]),
    ],
)
def test_a_filtered_narrow_timeline_never_breaks_an_id_it_names(dprk, monkeypatch, width, args):
    """A timeline of one measure, or of one party's lane, broke the id of the measure
    exchanged for it in "what happened" ('no-objection-me' / 'mbership'): an id was kept
    whole only when its own measure was among those shown. Every id of the ledger is."""
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setenv("NO_COLOR", "1")
    for step in (
        ["init", "--party", "Kosovo", "--party", "Serbia"],
        ["add-measure", "Association of Serb-majority municipalities", "--actor", "Kosovo",
         "--id", "association", "--date", "2023-02-27"],
        ["add-measure", "No objection to membership", "--actor", "Serbia",
         "--id", "no-objection-membership", "--in-exchange-for", "association",
         "--date", "2023-03-18"],
    ):  # fmt: skip
        assert dprk(*step).code == 0, step
    before = Path("dprk-ledger.toml").read_bytes()
    out = _narrow(dprk, monkeypatch, width, *args)
    assert re.search(r"\bno-objection-membership\s*$", out, re.M), out
    assert "no-objection-me\n" not in out, out
    assert Path("dprk-ledger.toml").read_bytes() == before


@pytest.mark.parametrize("args", [["show", "association"], ["log"], ["log", "association"]])
def test_a_narrow_show_or_log_never_breaks_a_web_address(dprk, monkeypatch, args):
    """At 60 columns `show` and `log` folded a note's source, a web address longer than
    the column, into three pieces, which a reader copies as a broken link. A word with no
    space in it is kept whole, as an id is: the line runs past the terminal's edge."""
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setenv("NO_COLOR", "1")
    url = (
        "https://www.eeas.europa.eu/eeas/"
        "belgrade-pristina-dialogue-implementation-annex-agreement-path-normalisation_en"
    )
    for step in (
        ["init", "--party", "Kosovo", "--party", "Serbia"],
        ["add-measure", "Association of Serb-majority municipalities", "--actor", "Kosovo",
         "--id", "association", "--date", "2023-02-27"],
        ["note", "association", "EU statement", "--date", "2023-03-19", "--source", url],
    ):  # fmt: skip
        assert dprk(*step).code == 0, step
    before = Path("dprk-ledger.toml").read_bytes()
    out = _narrow(dprk, monkeypatch, 60, *args)
    assert any(url in line for line in out.splitlines()), out
    assert not any(line.rstrip().endswith("belgrade-p") for line in out.splitlines()), out
    assert Path("dprk-ledger.toml").read_bytes() == before
