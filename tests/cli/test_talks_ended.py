"""The day the talks ended (`dprk edit-ledger --ended`): recorded in the ledger's header,
taken out with --reopen, refused when it is no past day, undone; every view asked of no
day reads the ledger as of it, exactly as `--as-of` that day does, and says so; a write
dated after it is allowed, and said."""

from __future__ import annotations

import json
import tomllib

import pytest

END = "2018-09-17"
LEAD = f"talks ended on {END}: read as of that day; --as-of DAY reads another"


def header(path) -> dict:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if k != "measures"}


@pytest.fixture
def ended(dprk, korea):
    result = dprk("edit-ledger", "--ended", END, "--note", "talks broke off")
    assert result.code == 0, result.err
    assert result.err == (
        f"ended: {END} (talks broke off); views read the ledger as of that day "
        "(--as-of reads another)\n"
    )
    return korea


def test_setting_the_end_writes_the_header_alone(dprk, korea):
    before = korea.read_text(encoding="utf-8")
    assert dprk("edit-ledger", "--ended", END, "--note", "talks broke off").code == 0
    after = korea.read_text(encoding="utf-8")
    assert header(korea)["ended"].isoformat() == END
    assert header(korea)["ended_note"] == "talks broke off"
    # (every measure's block as it was: the header alone is written anew)
    assert after.split("[[measures]]", 1)[1] == before.split("[[measures]]", 1)[1]
    again = dprk("edit-ledger", "--ended", END, "--note", "talks broke off")
    assert (again.code, again.err) == (0, "ended: already so; nothing changed\n")
    assert korea.read_text(encoding="utf-8") == after
    assert dprk("check").code == 0


def test_a_ledger_not_ended_is_written_as_before(dprk, korea):
    assert "ended" not in header(korea)
    before = korea.read_text(encoding="utf-8")
    assert dprk("edit-ledger", "--title", "Talks").code == 0
    assert korea.read_text(encoding="utf-8") == before.replace(
        'title = "US–DPRK denuclearization talks, 2018"', 'title = "Talks"', 1
    )
    exported = json.loads(dprk("export", "--format", "json").out)
    assert "ended" not in exported and "ended_note" not in exported


def test_reopen_takes_the_end_out_and_undo_puts_it_back(dprk, korea):
    original = korea.read_bytes()
    assert dprk("edit-ledger", "--ended", END).code == 0
    ended_bytes = korea.read_bytes()
    result = dprk("edit-ledger", "--reopen")
    assert (result.code, result.err) == (
        0,
        f"ended: none (was {END}); views read the ledger as of today again\n",
    )
    assert korea.read_bytes() == original  # (byte for byte: nothing new written for it)
    assert dprk("undo").code == 0
    assert korea.read_bytes() == ended_bytes
    assert dprk("undo").code == 0
    assert korea.read_bytes() == original
    assert dprk("redo").code == 0
    assert korea.read_bytes() == ended_bytes
    assert dprk("status").out.startswith(LEAD)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--ended", "2999-01-01"), "--ended: 2999-01-01 is after today"),
        (("--ended", "2018-02-30"), "--ended: '2018-02-30'"),
        (("--ended", "none"), "use YYYY-MM-DD, or --reopen to drop the end"),
        (("--ended", END, "--reopen"), "give --ended or --reopen, not both"),
        (("--note", "why"), "--note says why the talks ended: give it with --ended"),
        (("--ended", END, "--note", "  "), '--note: is blank; give some text, or "" for none'),
        ((), "nothing to change"),
    ],
)
def test_a_bad_end_is_refused_and_nothing_written(dprk, korea, args, said):
    before = korea.read_bytes()
    result = dprk("edit-ledger", *args)
    assert result.code != 0 and result.out == ""
    assert result.err.startswith("dprk: error: ") and result.err.count("\n") == 1, result.err
    assert said in result.err
    assert "Traceback" not in result.err
    assert korea.read_bytes() == before


def test_an_end_after_today_is_refused_without_the_command_line_too(dprk, korea):
    """The rule is the operation's (`operations.set_ended`), not the command's alone: a
    script that drives `operations` is refused as the command is, nothing written."""
    from datetime import timedelta

    from dprk_cli import operations, store
    from dprk_cli.clock import today
    from dprk_cli.errors import DprkError

    before = korea.read_bytes()
    later = today() + timedelta(days=1)
    refused = pytest.raises(DprkError, match=f"^--ended: {later} is after today")
    with refused, store.edit(korea, description="end the talks") as draft:
        operations.set_ended(draft, later, "too soon")
    assert korea.read_bytes() == before
    with store.edit(korea, description="end the talks") as draft:  # (today is no later)
        said = operations.set_ended(draft, today())
    assert said.startswith(f"ended: {today()};")
    assert header(korea)["ended"] == today()


@pytest.mark.parametrize(
    "view",
    [
        ("status",),
        ("show", "inventory-submission"),
        ("next",),
        ("plan",),
        ("balance",),
        ("scorecard",),
        ("timeline",),
        ("graph",),
    ],
)
def test_every_view_reads_the_ledger_as_of_the_end(dprk, ended, view):
    # A step after the end: today's view would show it, the end's does not.
    assert dprk("mark", "second-summit", "implemented", "--date", "2019-02-27").code == 0
    plain = dprk(*view)
    asked = dprk(*view, "--as-of", END)
    assert plain.code == asked.code == 0, plain.err
    if view[0] == "graph":  # (a file of its own: as --as-of draws it, byte for byte)
        assert plain.out == asked.out
    elif view[0] == "timeline":  # (and the end its last row, after the events of its day)
        rows = plain.out.splitlines()
        said = [END, "talks", "ended;", "talks", "broke", "off"]
        end = next(i for i, row in enumerate(rows) if row.split() == said)
        assert rows[end + 1] == "" and rows[end - 1] < rows[end]  # (the last row)
        assert "\n".join(rows[:end] + rows[end + 1 :]) + "\n" == f"{LEAD}\n\n{asked.out}"
        document = json.loads(dprk(*view, "--format", "json").out)
        expected = json.loads(dprk(*view, "--as-of", END, "--format", "json").out)
        assert list(document)[-3:] == ["as_of", "ended", "ended_note"]
        assert (document.pop("ended"), document.pop("ended_note")) == (END, "talks broke off")
        assert document == expected
        return
    else:
        assert plain.out == f"{LEAD}\n\n{asked.out}"
    assert plain.err == asked.err
    if view[0] in ("show", "graph"):
        fmt = "json" if view[0] != "graph" else "mermaid"
        assert dprk(*view, "--format", fmt).out == dprk(*view, "--as-of", END, "-f", fmt).out
        return
    document = json.loads(dprk(*view, "--format", "json").out)
    expected = json.loads(dprk(*view, "--as-of", END, "--format", "json").out)
    assert list(document)[:2] == ["as_of", "ended"]
    assert document.pop("ended") == END
    assert document == expected


def test_a_view_as_of_a_day_after_the_end_reads_that_day_and_the_end(dprk, ended, tmp_path):
    """A view asked of a day after the end read that day, and left the end out: no row
    in the timeline, no `ended` in the JSON, as if the talks were still on. The end is
    history on that day, as an event is: the timeline has its row, after the events of
    its day and before the later ones, each view says it first, and every JSON document
    of that day (each year's from the end's on) gives `ended` after `as_of`; a day before
    the end, or the end's own, as before."""
    assert dprk("mark", "second-summit", "implemented", "--date", "2019-02-27").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    later = json.loads(dprk("status", "second-summit", "--as-of", "2019-03-01", "-f", "json").out)
    assert list(later)[:2] == ["as_of", "ended"]
    assert (later["as_of"], later["ended"]) == ("2019-03-01", END)
    assert later["measures"][0]["status"] == "implemented"
    at_end = json.loads(dprk("status", "second-summit", "--format", "json").out)
    assert at_end["as_of"] == END and at_end["measures"][0]["status"] == "proposed"
    shown = dprk("status", "--as-of", "2019-03-01")
    assert shown.out.startswith(f"talks ended on {END}, before the day read\n\n")
    timeline = dprk("timeline", "--as-of", "2019-03-01")
    assert (timeline.code, timeline.err) == (0, "")
    rows = [line.split() for line in timeline.lines if line[:4].isdigit()]
    end = rows.index([END, "talks", "ended;", "talks", "broke", "off"])
    assert rows[end - 1][0] <= END < rows[end + 1][0], rows
    assert rows[-1][0] == "2019-02-27"
    document = json.loads(dprk("timeline", "--as-of", "2019-03-01", "-f", "json").out)
    assert list(document)[-3:] == ["as_of", "ended", "ended_note"]
    assert (document["ended"], document["ended_note"]) == (END, "talks broke off")
    yearly = json.loads(dprk("balance", "--yearly", "--as-of", "2019-03-01", "-f", "json").out)
    assert [(y["as_of"], y.get("ended")) for y in yearly][-2:] == [
        ("2018-12-31", END),
        ("2019-03-01", END),
    ]
    page = dprk("report", "--as-of", "2019-03-01", "--output", "-").out
    assert f"; as of 2019-03-01; the talks ended on {END}: talks broke off.</p>" in page
    for day in ("2018-09-16", END):  # (before the end, or of its day: as before)
        asked = dprk("timeline", "--as-of", day)
        assert "talks ended" not in asked.out
        assert "ended" not in json.loads(dprk("status", "--as-of", day, "-f", "json").out)
    assert ledger.read_bytes() == before


def test_the_report_page_is_of_the_end_and_says_so(dprk, ended, tmp_path):
    assert dprk("report", "-o", tmp_path / "a.html").code == 0
    assert dprk("report", "-o", tmp_path / "b.html", "--as-of", END).code == 0
    page = (tmp_path / "a.html").read_text(encoding="utf-8")
    asked = (tmp_path / "b.html").read_text(encoding="utf-8")
    said = ", the day the talks ended: talks broke off (--as-of DAY reads another)"
    assert page.count(said) == 1 and said not in asked
    assert page.replace(said, "", 1) == asked


def test_a_write_dated_after_the_end_is_allowed_and_said_once(dprk, ended):
    result = dprk("mark", "second-summit", "implemented", "--date", "2019-02-27")
    assert result.code == 0
    assert result.err == (
        "second-summit: implemented on 2019-02-27\n"
        f"dprk: warning: second-summit: dated after the talks ended on {END}; views read "
        "as of the end: --as-of to see it\n"
    )
    before_end = dprk("mark", "pompeo-pyongyang-visit", "implemented", "--date", END)
    assert before_end.code == 0 and "warning" not in before_end.err
    checked = dprk("check")
    assert checked.code == 0
    assert (
        f"warning: (ledger): 1 measure has events dated after the talks ended on {END} "
        "(second-summit): views asked of no day leave them out; --as-of DAY shows them "
        "[after-the-end]"
    ) in checked.out.splitlines()
    assert checked.out.splitlines()[-1] == f"0 errors, 2 warnings; talks ended on {END}"
    assert json.loads(dprk("check", "--format", "json").out)["errors"] == 0


def test_a_hand_written_note_without_a_day_is_refused(dprk, korea):
    text = korea.read_text(encoding="utf-8")
    korea.write_text(text.replace("parties = [", 'ended_note = "why"\nparties = [', 1))
    result = dprk("status")
    assert result.code != 0
    assert "ended_note" in result.err and "Traceback" not in result.err


@pytest.fixture
def framework(dprk, tmp_path):
    """Talks of the 1990s, ended on 2003-01-10: a measure carried out in 1995."""
    for args in (
        ("init", "--title", "T", "--party", "US", "--party", "DPRK"),
        ("add-measure", "HFO", "--actor", "US", "--id", "hfo", "--date", "1994-10-21"),
        ("mark", "hfo", "implemented", "--date", "1995-11-12"),
        ("edit-ledger", "--ended", "2003-01-10", "--note", "NPT withdrawal"),
    ):
        result = dprk(*args)
        assert result.code == 0, result.err
    return tmp_path / "dprk-ledger.toml"


@pytest.mark.parametrize(
    "args",
    [
        ("renote", "hfo", "2", "first shipment"),
        ("redate", "hfo", "2", "1995-11-13"),
        ("edit", "hfo", "--title", "Heavy fuel oil"),
        ("edit", "hfo", "--notes", "shipped in lots"),
    ],
)
def test_a_correction_of_an_entry_before_the_end_is_not_said_to_be_after_it(dprk, framework, args):
    before = framework.read_text(encoding="utf-8")
    result = dprk(*args)
    assert result.code == 0, result.err
    assert "warning" not in result.err, result.err
    assert framework.read_text(encoding="utf-8") != before
    assert "hfo" in dprk("status").out  # (the corrected measure, as the end reads it)


@pytest.mark.parametrize(
    "args",
    [
        ("verify", "hfo", "--by", "IAEA", "--result", "confirmed", "--date", "2004-01-01"),
        ("redate", "hfo", "2", "2004-01-01"),
        ("edit", "hfo", "--actor", "DPRK", "--date", "2004-02-02"),
    ],
)
def test_an_event_dated_after_the_end_is_still_said(dprk, framework, args):
    result = dprk(*args)
    assert result.code == 0, result.err
    assert result.err.endswith(
        "dprk: warning: hfo: dated after the talks ended on 2003-01-10; views read as of "
        "the end: --as-of to see it\n"
    )


def test_the_end_given_again_without_a_note_keeps_its_note(dprk, framework):
    before = framework.read_bytes()
    again = dprk("edit-ledger", "--ended", "2003-01-10")
    assert (again.code, again.err) == (0, "ended: already so; nothing changed\n")
    assert framework.read_bytes() == before
    moved = dprk("edit-ledger", "--ended", "2003-01-11")
    assert moved.code == 0, moved.err
    assert moved.err.startswith("ended: 2003-01-11 (NPT withdrawal); ")
    assert header(framework)["ended_note"] == "NPT withdrawal"
    assert header(framework)["ended"].isoformat() == "2003-01-11"
    dropped = dprk("edit-ledger", "--ended", "2003-01-11", "--note", "")
    assert dropped.code == 0, dropped.err
    assert dropped.err.startswith("ended: 2003-01-11; ")
    assert "ended_note" not in header(framework)
    assert header(framework)["ended"].isoformat() == "2003-01-11"


def test_an_end_before_recorded_events_is_kept_and_said(dprk, framework):
    assert dprk("add-measure", "LWR", "--actor", "US", "--id", "lwr", "--date", "1996-03-09")
    for ident in ("kedo", "spent-fuel", "talks"):
        assert dprk("add-measure", ident, "--actor", "DPRK", "--id", ident, "--date", "1994-10-21")
    assert dprk("mark", "talks", "agreed", "--date", "1994-12-01").code == 0
    quiet = dprk("edit-ledger", "--ended", "1996-03-09")
    assert quiet.code == 0 and "warning" not in quiet.err, quiet.err
    result = dprk("edit-ledger", "--ended", "1995-01-10")
    assert result.code == 0
    assert result.err == (
        "ended: 1995-01-10 (NPT withdrawal); views read the ledger as of that day "
        "(--as-of reads another)\n"
        "dprk: warning: 2 measures have events dated after 1995-01-10, the end given "
        "(hfo and lwr): views asked of no day leave them out; --as-of DAY shows them\n"
    )
    assert header(framework)["ended"].isoformat() == "1995-01-10"  # (kept: it may be so)
    checked = dprk("check")
    assert checked.code == 0, checked.out
    assert checked.out.splitlines() == [
        "warning: (ledger): 2 measures have events dated after the talks ended on "
        "1995-01-10 (hfo and lwr): views asked of no day leave them out; --as-of DAY shows "
        "them [after-the-end]",
        "0 errors, 1 warning; talks ended on 1995-01-10",
    ]
    document = json.loads(dprk("check", "--format", "json").out)
    assert (document["errors"], document["warnings"]) == (0, 1)
    assert document["problems"][0]["check"] == "after-the-end"
    assert dprk("check", "--strict").code == 1
    for ident in ("a", "b", "c"):  # (a few named, the rest counted)
        assert dprk("add-measure", ident, "--actor", "US", "--id", ident, "--date", "1999-01-01")
    assert "(a, b, c and 2 more)" in dprk("check").out


def test_each_year_of_the_yearly_balance_says_the_end(dprk, framework):
    years = json.loads(dprk("balance", "--yearly", "--format", "json").out)
    assert [list(y)[:3] for y in years] == [["year", "as_of", "ended"]] * len(years)
    assert {y["ended"] for y in years} == {"2003-01-10"}
    assert years[-1]["as_of"] == "2003-01-10" and years[0]["as_of"] == "1994-12-31"
    asked = json.loads(dprk("balance", "--yearly", "--as-of", "2003-01-10", "-f", "json").out)
    assert [{k: v for k, v in y.items() if k != "ended"} for y in years] == asked


def test_the_timeline_of_a_day_names_it_in_its_heading(dprk, framework):
    asked = dprk("timeline", "--as-of", "1996-01-01")
    assert asked.code == 0, asked.err
    assert asked.lines[0] == "T: timeline, as of 1996-01-01"
    ended = dprk("timeline")  # (as of the end: said first, then named as a day asked of)
    assert ended.lines[:3] == [
        "talks ended on 2003-01-10: read as of that day; --as-of DAY reads another",
        "",
        "T: timeline, as of 2003-01-10",
    ]
    assert dprk("edit-ledger", "--reopen").code == 0
    assert dprk("timeline").lines[0] == "T: timeline"  # (today, asked of no day)


def test_an_export_imported_into_a_ledger_with_no_end_carries_the_end(dprk, ended, tmp_path):
    """The export's document holds the end of talks; imported into a ledger that records
    none (as its title into one with none), the copy reads as of the same day."""
    exported = tmp_path / "talks.json"
    exported.write_text(dprk("export", "--format", "json").out, encoding="utf-8")
    copy = tmp_path / "copy.toml"
    assert dprk("--ledger", str(copy), "init").code == 0
    imported = dprk("--ledger", str(copy), "import", str(exported))
    assert imported.code == 0, imported.err
    assert imported.err.splitlines()[0].endswith(
        f"; talks ended on {END} (talks broke off), as the file records)"
    )
    assert header(copy)["ended"].isoformat() == END
    assert header(copy)["ended_note"] == "talks broke off"
    assert dprk("--ledger", str(copy), "check").code == 0
    status = dprk("--ledger", str(copy), "status")
    assert status.out.startswith(LEAD), status.out


def test_the_pictures_show_the_end_of_talks_and_its_note(dprk, tmp_path):
    """After `edit-ledger --ended --note`, the timeline had no row for the end, the report
    never showed the note, and the timeline's JSON (`title, lanes, events`) did not say
    it was cut at the end. The table ends with a row of the end day ("talks ended" and
    the note), the JSON gives `as_of`, `ended` and `ended_note` last, as `status` gives
    `as_of` and `ended`, and the report's heading says the note where it says the end."""
    for args in (
        ("init", "--title", "INF", "--party", "US", "--party", "USSR"),
        ("add-measure", "Treaty in force", "--actor", "US", "--id", "inf",
         "--status", "implemented", "--date", "1988-06-01"),
        ("edit-ledger", "--ended", "2019-08-02", "--note", "US withdraws; treaty terminates"),
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    ledger = (tmp_path / "dprk-ledger.toml").read_bytes()
    table = dprk("timeline")
    assert (table.code, table.err) == (0, "")
    rows = [line.split() for line in table.lines if line.startswith(("1988", "2019"))]
    assert rows == [
        ["1988-06-01", "●", "inf", "implemented"],
        ["2019-08-02", "talks", "ended;", "US", "withdraws;", "treaty", "terminates"],
    ]
    doc = json.loads(dprk("timeline", "--format", "json").out)
    assert list(doc) == ["title", "lanes", "events", "as_of", "ended", "ended_note"]
    assert (doc["as_of"], doc["ended"], doc["ended_note"]) == (
        "2019-08-02",
        "2019-08-02",
        "US withdraws; treaty terminates",
    )
    assert [e["id"] for e in doc["events"]] == ["inf"]  # (the end is no measure's event)
    asked = json.loads(dprk("timeline", "--as-of", "2000-01-01", "--format", "json").out)
    assert list(asked) == ["title", "lanes", "events", "as_of"]
    assert "talks ended" not in dprk("timeline", "--as-of", "2019-08-02").out
    page = dprk("report", "--output", "-")
    assert page.code == 0, page.err
    assert (
        "; as of 2019-08-02, the day the talks ended: US withdraws; treaty terminates "
        "(--as-of DAY reads another)."
    ) in page.out
    assert (tmp_path / "dprk-ledger.toml").read_bytes() == ledger


@pytest.mark.parametrize(
    "period",
    [("--until", "2018-12-31"), ("--since", "2019-09-01"), ("--since", "1988-01-01")],
)
def test_the_timeline_of_a_period_gives_the_note_of_the_end(dprk, tmp_path, period):
    """A period that leaves out the end's day (`--until` before it, `--since` after it)
    left out of the timeline's JSON the end's note, though it gave `ended`: the period
    decides whether the end's row is drawn, and the note follows `ended` whenever the
    view is read as of the end."""
    for args in (
        ("init", "--title", "Summits", "--party", "US", "--party", "DPRK"),
        ("add-measure", "Singapore statement", "--actor", "US", "--id", "singapore",
         "--status", "agreed", "--date", "2018-06-12"),
        ("edit-ledger", "--ended", "2019-03-01", "--note", "Hanoi summit"),
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    ledger = (tmp_path / "dprk-ledger.toml").read_bytes()
    result = dprk("timeline", *period, "--format", "json")
    assert (result.code, result.err) == (0, "")
    doc = json.loads(result.out)
    assert list(doc) == ["title", "lanes", "events", "as_of", "ended", "ended_note"]
    assert (doc["as_of"], doc["ended"], doc["ended_note"]) == (
        "2019-03-01",
        "2019-03-01",
        "Hanoi summit",
    )
    drawn = period == ("--since", "1988-01-01")  # (the end's row, in the period alone)
    table = dprk("timeline", *period)
    assert (table.code, "talks ended; Hanoi summit" in table.out) == (0, drawn), table.out
    assert (tmp_path / "dprk-ledger.toml").read_bytes() == ledger


def test_an_end_before_a_hand_over_or_a_deadline_moved_counts_their_measures(dprk, framework):
    """A measure whose latest event is an edit of a dated field (a hand-over, a deadline
    moved) after the end was not counted: only its steps, findings, notes and links were
    read. A correction of the record (a title) is no event of the talks."""
    for ident in ("kedo", "spent-fuel", "talks"):
        assert dprk("add-measure", ident, "--actor", "DPRK", "--id", ident, "--date", "1994-10-21")
    for args in (
        ("edit", "kedo", "--actor", "US", "--date", "1996-01-01"),
        ("edit", "spent-fuel", "--deadline", "1997-01-01", "--date", "1996-02-02"),
        ("edit", "talks", "--title", "Talks in Geneva"),
    ):
        assert dprk(*args).code == 0
    result = dprk("edit-ledger", "--ended", "1995-01-10")
    assert result.code == 0
    assert result.err.splitlines()[1:] == [
        "dprk: warning: 3 measures have events dated after 1995-01-10, the end given "
        "(hfo, kedo and spent-fuel): views asked of no day leave them out; --as-of DAY "
        "shows them"
    ]
    assert header(framework)["ended"].isoformat() == "1995-01-10"
    checked = dprk("check")
    assert checked.code == 0, checked.out
    assert checked.out.splitlines()[0] == (
        "warning: (ledger): 3 measures have events dated after the talks ended on "
        "1995-01-10 (hfo, kedo and spent-fuel): views asked of no day leave them out; "
        "--as-of DAY shows them [after-the-end]"
    )


EOW_INV = (
    "inventory-submission waits for end-of-war-declaration (demanded by DPRK); "
    "end-of-war-declaration waits for inventory-submission (demanded by US)"
)


def _deadlock_said(err: str) -> list[str]:
    return [line for line in err.splitlines() if "deadlock" in line]


def test_a_write_that_makes_a_deadlock_says_it_as_of_the_end(dprk, korea):
    """A correction of the record made after the talks ended says the deadlock it makes
    as it stood at their end, as `plan` reads it: not standing still today."""
    dropped = ("sequence", "end-of-war-declaration", "--remove", "inventory-submission")
    assert dprk(*dropped, "--date", "2018-07-07").code == 0
    assert dprk("edit-ledger", "--ended", END).code == 0
    before = korea.read_text(encoding="utf-8")
    order = ("sequence", "end-of-war-declaration", "--after", "inventory-submission")
    result = dprk(*order, "--demanded-by", "US", "--date", "2018-07-07")
    assert result.code == 0, result.err
    assert _deadlock_said(result.err) == [
        f"dprk: warning: deadlock: {EOW_INV}; it stood at the end of talks on {END}, from "
        "2018-07-07 for 72 days; 'dprk plan' shows it"
    ]
    assert korea.read_text(encoding="utf-8") != before
    planned = json.loads(dprk("plan", "--format", "json").out)
    assert [(d["text"], d["since"]) for d in planned["deadlocks"]] == [(EOW_INV, "2018-07-07")]
    # (given again: still deadlocked at the end, and said so)
    again = dprk(*order, "--demanded-by", "US", "--date", "2018-07-07")
    assert again.code == 0, again.err
    assert _deadlock_said(again.err) == [
        f"dprk: warning: still deadlocked at the end of talks on {END}: {EOW_INV}; 'dprk "
        "plan' shows it"
    ]


def test_a_write_after_the_end_that_breaks_a_deadlock_says_it_still_stood(dprk, ended):
    """An order dropped as of a day after the end leaves the deadlock standing at the
    end: the views read it as they did, and the write says it ended on no day of them."""
    dropped = ("sequence", "end-of-war-declaration", "--remove", "inventory-submission")
    result = dprk(*dropped, "--date", "2019-01-01")
    assert result.code == 0, result.err
    assert _deadlock_said(result.err) == [
        f"dprk: warning: still deadlocked at the end of talks on {END}: {EOW_INV}; 'dprk "
        "plan' shows it"
    ]
    assert result.err.endswith(
        f"dprk: warning: end-of-war-declaration: dated after the talks ended on {END}; "
        "views read as of the end: --as-of to see it\n"
    )
    planned = json.loads(dprk("plan", "--format", "json").out)
    assert [d["since"] for d in planned["deadlocks"]] == ["2018-07-07"]


def test_a_write_before_the_end_that_breaks_a_deadlock_says_it_as_of_the_end(dprk, ended):
    dropped = ("sequence", "end-of-war-declaration", "--remove", "inventory-submission")
    result = dprk(*dropped, "--date", "2018-08-01")
    assert result.code == 0, result.err
    assert _deadlock_said(result.err) == [
        f"dprk: warning: deadlock on 2018-07-07: {EOW_INV}; it no longer stood at the end "
        f"of talks on {END} ('dprk plan --as-of 2018-07-07' shows it then)"
    ]
    assert json.loads(dprk("plan", "--format", "json").out)["deadlocks"] == []


def test_check_reads_the_deadlocks_of_ended_talks_as_of_their_end(dprk, ended):
    """`check` lists the deadlocks of talks that ended as `plan` reads them, as of their
    end: one broken after the end stood then (its days counted to the end, its advice
    dated then); one made after the end did not."""
    dropped = ("sequence", "end-of-war-declaration", "--remove", "inventory-submission")
    assert dprk(*dropped, "--date", "2019-01-01").code == 0
    before = ended.read_bytes()
    document = json.loads(dprk("check", "--format", "json").out)
    found = [p for p in document["problems"] if p["check"] == "deadlocks"]
    assert found == [
        {
            "severity": "warning",
            "check": "deadlocks",
            "measure": "inventory-submission",
            "measures": ["inventory-submission", "end-of-war-declaration"],
            "message": f"deadlock: {EOW_INV}; it stood at the end of talks on {END}, from "
            "2018-07-07 for 72 days; to carry the exchanged measures out together, run "
            f"'dprk sequence inventory-submission --with end-of-war-declaration --date {END}'",
        }
    ]
    table = dprk("check")
    assert table.code == 0, table.out
    assert (
        f"warning: inventory-submission: {found[0]['message']} [deadlocks]"
        in table.out.splitlines()
    )
    assert ended.read_bytes() == before
    # (dropped before the end and given again after it: no deadlock at the end)
    assert dprk("undo").code == 0
    assert dprk(*dropped, "--date", "2018-08-01").code == 0
    order = ("sequence", "end-of-war-declaration", "--after", "inventory-submission")
    assert dprk(*order, "--demanded-by", "US", "--date", "2019-01-01").code == 0
    assert json.loads(dprk("plan", "--format", "json").out)["deadlocks"] == []
    document = json.loads(dprk("check", "--format", "json").out)
    assert [p for p in document["problems"] if p["check"] == "deadlocks"] == []
    assert json.loads(dprk("plan", "--as-of", "2019-01-01", "-f", "json").out)["deadlocks"]


EOW_INV_AT_END = {
    "severity": "warning",
    "check": "deadlocks",
    "measure": "inventory-submission",
    "measures": ["inventory-submission", "end-of-war-declaration"],
    "message": f"deadlock: {EOW_INV}; it stood at the end of talks on {END}, from 2018-07-07 "
    "for 72 days; to carry the exchanged measures out together, run 'dprk sequence "
    f"inventory-submission --with end-of-war-declaration --date {END}'",
}


def _set_by_hand(path, ident: str, status: str) -> None:
    """Write `status` over the status of measure `ident` in the file, as a hand edit."""
    text = path.read_text(encoding="utf-8")
    block = text.index(f'id = "{ident}"')
    at = text.index("\nstatus = ", block) + 1
    end = text.index("\n", at)
    path.write_text(f'{text[:at]}status = "{status}"{text[end:]}', encoding="utf-8")


def _whole_ledger_built(monkeypatch) -> list[bool]:
    """Each time the ledger is built whole, every measure of it (`Snapshot.ledger`: what
    a view rebuilds as of a day from), from now on."""
    from dprk_cli.store.snapshots import Snapshot

    built: list[bool] = []
    real = Snapshot.ledger
    monkeypatch.setattr(Snapshot, "ledger", lambda self: built.append(True) or real(self))
    return built


def test_check_of_talks_ended_with_nothing_after_the_end_reads_the_ledger_as_it_stands(
    dprk, ended, monkeypatch
):
    """Nothing dated after the end: the ledger as of the end is the ledger as it stands, so
    `check` finds its deadlocks there (no ledger rebuilt as of the end), and counts their
    days to the end, as before."""
    before = ended.read_bytes()
    built = _whole_ledger_built(monkeypatch)
    result = dprk("check", "--format", "json")
    assert result.code == 0, result.err
    assert json.loads(result.out) == {
        "ok": True,
        "errors": 0,
        "warnings": 1,
        "problems": [EOW_INV_AT_END],
    }
    assert built == []
    assert ended.read_bytes() == before
    # (read again: as kept)
    assert json.loads(dprk("check", "--format", "json").out)["problems"] == [EOW_INV_AT_END]


def test_check_of_talks_ended_with_steps_after_the_end_reads_the_ledger_as_of_the_end(
    dprk, ended, monkeypatch
):
    """A step after the end that breaks the deadlock: it stood at the end all the same,
    found in the ledger rebuilt as of the end, and the step is said to be after it."""
    assert dprk("mark", "inventory-submission", "implemented", "--date", "2019-01-01").code == 0
    before = ended.read_bytes()
    built = _whole_ledger_built(monkeypatch)
    result = dprk("check", "--format", "json")
    assert result.code == 0, result.err
    document = json.loads(result.out)
    assert (document["errors"], document["warnings"]) == (0, 3)
    checks = ["acted-out-of-order", "after-the-end", "deadlocks"]
    assert [p["check"] for p in document["problems"]] == checks
    assert document["problems"][2] == EOW_INV_AT_END
    assert built  # (the ledger rebuilt as of the end)
    assert ended.read_bytes() == before


def test_check_of_talks_ended_reads_a_status_set_by_hand_as_of_the_end(dprk, ended):
    """Nothing dated after the end, but a status set by hand against the history: the
    ledger as of the end replays the history, and the deadlock stood then."""
    _set_by_hand(ended, "inventory-submission", "withdrawn")
    before = ended.read_bytes()
    result = dprk("check", "--format", "json")
    assert result.code == 1, result.err
    document = json.loads(result.out)
    assert [p["check"] for p in document["problems"]] == ["status-history", "deadlocks"]
    assert document["problems"][1] == EOW_INV_AT_END
    assert ended.read_bytes() == before
    # (read as it stands, with the talks going on: no deadlock, the measure withdrawn)
    assert dprk("edit-ledger", "--reopen").code == 0
    reopened = json.loads(dprk("check", "--format", "json").out)
    assert [p["check"] for p in reopened["problems"]] == ["status-history"]


def _ended_export(dprk, *rows: tuple[str, ...]) -> str:
    """The export of a ledger whose talks ended on 2009-04-14, with a measure before the
    end (and `rows`, more measures' `add-measure` arguments)."""
    for args in (
        ("init", "--party", "DPRK", "--party", "US"),
        ("add-measure", "Shut down Yongbyon", "--actor", "DPRK", "--id", "shutdown",
         "--status", "implemented", "--date", "2007-07-14"),
        *(("add-measure", *row) for row in rows),
        ("edit-ledger", "--ended", "2009-04-14"),
    ):  # fmt: skip
        result = dprk("--ledger", "a.toml", *args)
        assert result.code == 0, result.err
    return dprk("--ledger", "a.toml", "export").out


def _own_ledger(dprk, *more: tuple[str, ...]) -> None:
    """b.toml: a ledger with a measure of its own, implemented in 2010 (and `more` to run)."""
    for args in (
        ("init", "--party", "DPRK", "--party", "US"),
        ("add-measure", "Disable Yongbyon", "--actor", "DPRK", "--id", "dis",
         "--status", "agreed", "--date", "2007-10-03"),
        ("mark", "dis", "implemented", "--date", "2010-05-01"),
        *more,
    ):  # fmt: skip
        result = dprk("--ledger", "b.toml", *args)
        assert result.code == 0, result.err


def test_an_import_leaves_the_end_of_a_ledger_with_measures_of_its_own(dprk, tmp_path):
    """An export's end was taken into any ledger that recorded none: every view of a
    ledger with measures of its own then read as of the file's end, its later steps left
    out, unannounced. The end is taken only into a ledger being filled from an export;
    the line says the file's end, and how to take it."""
    exported = _ended_export(dprk)
    _own_ledger(dprk)
    ledger = tmp_path / "b.toml"
    result = dprk("--ledger", "b.toml", "import", "-", stdin=exported)
    assert (result.code, result.out) == (0, "")
    assert result.err == (
        "imported 1 measure from standard input (1 new, 0 replaced; the file records the "
        "talks ended on 2009-04-14; this ledger's end is unchanged: 'dprk --ledger b.toml "
        "edit-ledger --ended 2009-04-14' sets it)\n"
    )
    assert "ended" not in header(ledger)
    status = dprk("--ledger", "b.toml", "status")
    assert status.code == 0 and "talks ended" not in status.out, status.out
    assert dprk("--ledger", "b.toml", "check").code == 0


def test_an_import_leaves_a_different_end_and_says_so(dprk, tmp_path):
    exported = _ended_export(dprk)
    _own_ledger(dprk, ("edit-ledger", "--ended", "2011-01-01"))
    ledger = tmp_path / "b.toml"
    result = dprk("--ledger", "b.toml", "import", "-", stdin=exported)
    assert result.code == 0, result.err
    assert result.err == (
        "imported 1 measure from standard input (1 new, 0 replaced; the file records the "
        "talks ended on 2009-04-14; this ledger's end is unchanged: 'dprk --ledger b.toml "
        "edit-ledger --ended 2009-04-14' sets it)\n"
    )
    assert header(ledger)["ended"].isoformat() == "2011-01-01"
    # (the end set as the line advises: the same end, nothing to say of it)
    assert dprk("--ledger", "b.toml", "edit-ledger", "--ended", "2009-04-14").code == 0
    again = dprk("--ledger", "b.toml", "import", "--replace", "-", stdin=exported)
    assert (again.code, again.err) == (
        0,
        "imported 1 measure from standard input (0 new, 0 replaced, 1 unchanged; nothing "
        "changed)\n",
    )


def test_an_import_into_an_empty_ledger_takes_the_end_and_says_so(dprk, tmp_path):
    """Into a ledger with no measures yet, the file's end is taken (as its title into an
    untitled one), named on the line, and the measures with events after it are said as
    `edit-ledger --ended` says them, all in one warning."""
    exported = _ended_export(
        dprk,
        ("Disable Yongbyon", "--actor", "DPRK", "--id", "dis", "--status", "implemented",
         "--date", "2010-05-01"),
        ("Fuel", "--actor", "US", "--id", "fuel", "--status", "agreed", "--date", "2009-06-01"),
    )  # fmt: skip
    assert dprk("--ledger", "c.toml", "init").code == 0
    result = dprk("--ledger", "c.toml", "import", "-", stdin=exported)
    assert (result.code, result.out) == (0, "")
    assert result.err == (
        "imported 3 measures from standard input (3 new, 0 replaced; declared DPRK, US; "
        "talks ended on 2009-04-14, as the file records)\n"
        "dprk: warning: 2 measures have events dated after 2009-04-14, the end given "
        "(dis and fuel): views asked of no day leave them out; --as-of DAY shows them\n"
    )
    assert header(tmp_path / "c.toml")["ended"].isoformat() == "2009-04-14"
    assert (tmp_path / "c.toml").read_bytes() == (tmp_path / "a.toml").read_bytes()


@pytest.fixture
def shares(dprk, tmp_path):
    """Two HFO shares agreed in 2007, the talks ended on 2009-04-14."""
    for args in (
        ("init", "--party", "DPRK", "--party", "China", "--party", "Russia"),
        ("add-measure", "China HFO share", "--actor", "China", "--id", "hfo-china",
         "--status", "agreed", "--date", "2007-02-13"),
        ("add-measure", "Russia HFO share", "--actor", "Russia", "--id", "hfo-russia",
         "--status", "agreed", "--date", "2007-02-13"),
        ("edit-ledger", "--ended", "2009-04-14"),
    ):  # fmt: skip
        result = dprk(*args)
        assert result.code == 0, result.err
    return tmp_path / "dprk-ledger.toml"


AFTER = "dated after the talks ended on 2009-04-14; views read as of the end: --as-of to see it"


@pytest.mark.parametrize(
    "args",
    [
        ("mark", "hfo-china", "hfo-russia", "implemented", "--date", "2009-04-30"),
        ("mark", "hfo-russia", "hfo-china", "implemented", "--date", "2009-04-30"),
        ("verify", "hfo-china", "hfo-russia", "--by", "DPRK", "--result", "confirmed",
         "--date", "2009-04-30"),
    ],
)  # fmt: skip
def test_a_write_dated_after_the_end_names_every_measure_it_dated_so(dprk, shares, args):
    """A write of several measures dated after the end named one of them, whichever the
    set of touched ids gave first: one warning names them all, in id order."""
    if args[0] == "verify":
        assert dprk("mark", "hfo-china", "hfo-russia", "implemented", "--date", "2008-01-01")
    result = dprk(*args)
    assert result.code == 0, result.err
    warned = [line for line in result.err.splitlines() if "warning" in line]
    assert warned == [f"dprk: warning: hfo-china and hfo-russia: {AFTER}"]
    assert dprk("check").out.count("hfo-china and hfo-russia") == 1


def test_an_import_of_rows_dated_after_the_end_names_them_all(dprk, shares):
    rows = "id,title,actor,status,date\n" + "".join(
        f"late-{n},Late share {n},China,agreed,2010-01-0{n}\n" for n in range(1, 8)
    )
    rows += "early,Early share,China,agreed,2008-01-01\n"
    before = shares.read_bytes()
    result = dprk("import", "--format", "csv", "-", stdin=rows)
    assert result.code == 0, result.err
    assert result.err.splitlines() == [
        "imported 8 measures from standard input (8 new, 0 replaced)",
        f"dprk: warning: late-1, late-2, late-3, late-4, late-5 and 2 more: {AFTER}",
    ]
    assert shares.read_bytes() != before
    added = dprk("add-measure", "One more", "--actor", "China", "--date", "2010-02-02")
    assert added.code == 0, added.err
    assert added.err.splitlines()[-1] == f"dprk: warning: one-more: {AFTER}"
