"""Entries and measures written into the file by hand, as the ledger format allows:
each read the same by every view and by `dprk check`."""

from __future__ import annotations

import json

import pytest


def _upper_nile(dprk, ledger, detail: str) -> None:
    added = dprk("add-measure", "SAF leaves Upper Nile", "--actor", "Sudan", "--id",
                 "upper-nile", "--status", "agreed", "--date", "2005-01-09",
                 "--deadline", "2007-07-09")  # fmt: skip
    assert added.code == 0, added.err
    text = ledger.read_text(encoding="utf-8")
    text = text.replace("deadline = 2007-07-09", "deadline = 2008-01-09")
    text += (
        f'\n[[measures.history]]\ndate = 2007-07-20\nevent = "edit"\ndetail = "{detail}"\n'
        "recorded = 2026-12-07 16:55:00+00:00\n"
    )
    ledger.write_text(text, encoding="utf-8")


@pytest.fixture
def cpa(dprk, tmp_path):
    made = dprk("init", "--title", "CPA", "--party", "Sudan", "--party", "SPLM")
    assert made.code == 0, made.err
    return tmp_path / "dprk-ledger.toml"


@pytest.mark.parametrize(
    "detail",
    [
        "deadline: 2007-07-09 -> 2008-01-09",
        "deadline: '2007-07-09' -> 2008-01-09",
        "deadline: 2007-07-09 -> '2008-01-09'",
    ],
)
def test_a_date_written_plainly_in_an_edit_reads_as_one_quoted(dprk, cpa, detail):
    """A hand-written edit whose detail gave its dates unquoted was read as no edit at
    all: the past view showed the deadline it set before its day. A date is read alike
    quoted or not."""
    _upper_nile(dprk, cpa, detail)
    before = cpa.read_bytes()
    assert dprk("check").out == "ok: no problems found\n"
    past = dprk("status", "--as-of", "2007-07-15", "--format", "json")
    assert past.code == 0, past.err
    row = json.loads(past.out)["measures"][0]
    assert (row["id"], row["deadline"], row["overdue"]) == ("upper-nile", "2007-07-09", True)
    later = json.loads(dprk("status", "--as-of", "2007-08-01", "--format", "json").out)
    assert later["measures"][0]["deadline"] == "2008-01-09"
    assert cpa.read_bytes() == before


@pytest.mark.parametrize(
    "detail",
    ["deadline: '2007-07-09' -> '2008-02-09'", "deadline: 2007-07-09 -> 2008-02-09",
     "deadline: '2007-07-09' -> 2008-02-09"],
)  # fmt: skip
def test_a_half_quoted_edit_against_its_field_is_the_same_error(dprk, cpa, detail):
    """An edit's day unquoted that sets another deadline than the field holds is the
    field-history error a quoted one is."""
    _upper_nile(dprk, cpa, detail)
    before = cpa.read_bytes()
    found = dprk("check")
    assert found.code == 1
    assert found.out.splitlines()[0] == (
        "error: upper-nile: deadline is '2008-01-09' but its history gives '2008-02-09' (by "
        "its edit of 2007-07-20); set deadline = 2008-02-09 in the file, or record the "
        "change with 'dprk edit upper-nile --deadline 2008-01-09 --date YYYY-MM-DD' (a day "
        "from 2007-07-20 on) [field-history]"
    )
    assert cpa.read_bytes() == before


def _census(dprk, ledger, day: str, event: str, detail: str) -> None:
    added = dprk("add-measure", "Hold the census", "--actor", "Sudan", "--id", "census",
                 "--status", "agreed", "--date", "2005-01-09", "--deadline", "2007-07-09")  # fmt: skip
    assert added.code == 0, added.err
    text = ledger.read_text(encoding="utf-8")
    if event == "edit":
        text = text.replace("deadline = 2007-07-09", "deadline = 2008-04-22")
    text += (
        f'\n[[measures.history]]\ndate = {day}\nevent = "{event}"\ndetail = "{detail}"\n'
        "recorded = 2026-12-07 16:00:00+00:00\n"
    )
    ledger.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("event", "detail"),
    [("edit", "deadline: '2007-07-09' -> '2008-04-22'"), ("note", "census postponed")],
)
def test_check_warns_of_an_edit_or_a_note_dated_after_today(dprk, cpa, event, detail):
    """`events-after-today` read status changes and findings alone: a deadline's edit or
    a note dated 2097, a year typed wrong, passed `check`. It is warned of alike."""
    _census(dprk, cpa, "2097-11-01", event, detail)
    before = cpa.read_bytes()
    found = dprk("check")
    assert found.code == 0, found.out
    today = json.loads(dprk("status", "--format", "json").out)["as_of"]
    assert found.out == (
        f"warning: census: its record has an event on 2097-11-01, after today ({today}): a "
        "date typed wrong? ('dprk log census' numbers the entries, 'dprk redate' corrects "
        "one) [events-after-today]\n0 errors, 1 warning\n"
    )
    assert cpa.read_bytes() == before


def test_show_reads_the_deadline_of_today_as_status_does(dprk, cpa):
    """A deadline's edit dated after today: `status` gave the deadline in force today and
    the days late by it, `show` the one the edit sets and fewer days. Both read today's."""
    _census(dprk, cpa, "2097-11-01", "edit", "deadline: '2007-07-09' -> '2008-04-22'")
    before = cpa.read_bytes()
    (row,) = json.loads(dprk("status", "--format", "json").out)["measures"]
    shown = dprk("show", "census", "--format", "json")
    assert shown.code == 0, shown.err
    record = json.loads(shown.out)
    assert (record["deadline"], record["days_late"]) == (row["deadline"], row["days_late"])
    assert row["deadline"] == "2007-07-09"
    lines = dprk("show", "census").out.splitlines()
    assert "deadline         2007-07-09" in lines
    assert f"flags            ready, overdue by {row['days_late']} days" in lines
    # the entry ahead is listed all the same, as it stands
    assert [h["date"] for h in record["history"]][-1] == "2097-11-01"
    assert cpa.read_bytes() == before


_ABYEI = (
    '\n[[measures]]\nid = "abyei-referendum"\ntitle = "Abyei referendum"\nactor = "Sudan"\n'
    'status = "agreed"\ndeadline = 2011-01-09\n'
)


@pytest.mark.parametrize(
    "args",
    [
        ["edit", "abyei-referendum", "--title", "Hold the Abyei referendum"],
        ["edit", "abyei-referendum", "--category", "territory"],
        ["edit", "abyei-referendum", "--notes", "Abyei's own vote"],
        ["edit", "abyei-referendum", "--expected-parts", "2"],
        ["rename", "abyei-referendum", "abyei"],
        ["rename-party", "Sudan", "GoS"],
    ],
)
def test_a_correction_leaves_a_hand_added_measure_in_every_past_view(dprk, cpa, args):
    """A measure written into the file without a history stands so on every day; a
    correction of it (a title fixed) wrote its creation dated today, and every past view
    lost it ('was not in the talks yet on 2011-06-01 (made on today)'). A correction
    dates nothing: it stands so on every day still."""
    with cpa.open("a", encoding="utf-8") as f:
        f.write(_ABYEI)
    past = ["--as-of", "2011-06-01", "--format", "json"]
    (row,) = json.loads(dprk("status", *past).out)["measures"]
    assert (row["status"], row["overdue"]) == ("agreed", True)
    done = dprk(*args)
    assert done.code == 0, done.err
    ident = "abyei" if args[0] == "rename" else "abyei-referendum"
    (row,) = json.loads(dprk("status", *past).out)["measures"]
    assert (row["id"], row["status"], row["overdue"]) == (ident, "agreed", True)
    shown = dprk("show", ident, *past)
    assert shown.code == 0, shown.err
    assert json.loads(shown.out)["status"] == "agreed"
    assert dprk("check").out == "ok: no problems found\n"


_SOUTH = (
    '\n[[measures]]\nid = "south-ref"\ntitle = "Southern referendum"\nactor = "SPLM"\n'
    'status = "agreed"\n'
)
_NO_DAY = (
    "abyei-referendum had no history: its creation is recorded with no day, as written by hand"
)


@pytest.mark.parametrize(
    ("written", "args"),
    [
        ("", ["sequence", "abyei-referendum", "--after", "south-ref"]),
        ("", ["link", "abyei-referendum", "south-ref"]),
        ('in_exchange_for = ["south-ref"]\n', ["unlink", "abyei-referendum", "south-ref"]),
        ("", ["edit", "abyei-referendum", "--deadline", "2011-07-09"]),
        ("", ["edit", "abyei-referendum", "--actor", "SPLM"]),
        ('constraints = [{ after = "gone" }]\n', ["sequence", "abyei-referendum", "--remove", "gone"]),
    ],
)  # fmt: skip
def test_an_event_of_today_leaves_a_hand_added_measure_in_every_past_view(dprk, cpa, written, args):
    """A measure written into the file without a history was in the talks before the
    command that first changes it: an order, a link, a deadline or a hand-over dated today
    (no --date) dated its creation today, and every past view lost it. It keeps no day,
    and the write says so, once."""
    text = cpa.read_text(encoding="utf-8") + _ABYEI + written
    south = _SOUTH
    if written.startswith("in_exchange_for"):
        south += 'in_exchange_for = ["abyei-referendum"]\n'
    cpa.write_text(text + south, encoding="utf-8")
    past = ["--as-of", "2011-06-01", "--format", "ids"]
    assert dprk("status", *past).out == "abyei-referendum\nsouth-ref\n"
    done = dprk(*args)
    assert done.code == 0, done.err
    shown = dprk("status", *past)
    assert (shown.code, shown.out) == (0, "abyei-referendum\nsouth-ref\n"), shown.err
    assert done.err.count(_NO_DAY) == 1, done.err
    assert dprk("check").out == "ok: no problems found\n"
    # a later event of today, once it has a history, dates it no more
    again = dprk("edit", "abyei-referendum", "--deadline", "2011-08-09")
    assert again.code == 0, again.err
    assert _NO_DAY not in again.err
    assert dprk("status", *past).out == "abyei-referendum\nsouth-ref\n"
    record = json.loads(dprk("show", "abyei-referendum", "--format", "json").out)
    assert record["status_date"] is None


def test_an_event_given_its_day_dates_a_hand_added_measure(dprk, cpa):
    """An event given its day (--date) dates the creation of a measure written by hand, as
    its earliest event: the views before that day do not hold it."""
    with cpa.open("a", encoding="utf-8") as f:
        f.write(_ABYEI + _SOUTH)
    done = dprk("sequence", "abyei-referendum", "--after", "south-ref", "--date", "2005-01-09")
    assert done.code == 0, done.err
    assert "no history" not in done.err
    assert dprk("status", "--as-of", "2005-01-08", "--format", "ids").out == "south-ref\n"
    later = dprk("status", "--as-of", "2005-01-09", "--format", "ids").out
    assert later == "abyei-referendum\nsouth-ref\n"
    (row,) = [
        r
        for r in json.loads(dprk("status", "--format", "json").out)["measures"]
        if r["id"] == "abyei-referendum"
    ]
    assert row["status_date"] == "2005-01-09"
    assert dprk("check").out == "ok: no problems found\n"


def test_a_creation_of_no_day_is_no_row_of_today(dprk, cpa):
    """A measure written by hand, its title fixed since: its creation, of no day, is
    stored dated the day of the fix, and `status_date` and the timeline gave that day
    for its 'agreed' (and its deadline). It has no day: none is given, as before the fix."""
    with cpa.open("a", encoding="utf-8") as f:
        f.write(_ABYEI)
    before = json.loads(dprk("status", "--format", "json").out)["measures"][0]["status_date"]
    assert before is None
    assert dprk("timeline", "--format", "json").out.count('"date"') == 0
    done = dprk("edit", "abyei-referendum", "--title", "Hold the Abyei referendum")
    assert done.code == 0, done.err
    (row,) = json.loads(dprk("status", "--format", "json").out)["measures"]
    assert row["status_date"] is None
    timeline = json.loads(dprk("timeline", "--format", "json").out)
    assert timeline["events"] == []
    assert dprk("check").out == "ok: no problems found\n"


_TABA = '\n[[measures]]\nid = "taba"\ntitle = "Return Taba"\nactor = "Israel"\nstatus = "agreed"\n'


@pytest.fixture
def sinai(dprk, tmp_path):
    for args in (
        ("init", "--party", "Egypt", "--party", "Israel"),
        ("add-measure", "Sinai withdrawal", "--actor", "Israel", "--id", "sinai",
         "--date", "1979-03-26"),
    ):  # fmt: skip
        done = dprk(*args)
        assert done.code == 0, done.err
    ledger = tmp_path / "dprk-ledger.toml"
    with ledger.open("a", encoding="utf-8") as f:
        f.write(_TABA)
    return ledger


def test_log_and_show_list_a_creation_of_no_day_first_with_no_date(dprk, sinai, tick):
    """A measure written by hand, ordered since (no --date: today): its creation, of no
    day, was listed under the day of that order, in a view of 1980 too. It has no date
    (null; '-' in a table) and comes first, before the measures' dated entries."""
    done = dprk("sequence", "taba", "--after", "sinai")
    assert done.code == 0, done.err
    today = json.loads(dprk("log", "taba", "--format", "json").out)[1]["date"]
    before = sinai.read_bytes()
    entries = json.loads(dprk("log", "--format", "json").out)
    assert [(e["id"], e["n"], e["date"], e["event"]) for e in entries] == [
        ("taba", 1, None, "created"),
        ("sinai", 1, "1979-03-26", "created"),
        ("taba", 2, today, "sequence"),
    ]
    lines = dprk("log", "taba").out.splitlines()
    assert lines[2].split()[:4] == ["1", "-", "taba", "created"], lines
    shown = dprk("show", "taba", "--as-of", "1980-01-01").out.splitlines()
    assert shown[-1].split()[:4] == ["1", "-", "created", "agreed"], shown
    record = json.loads(dprk("show", "taba", "--format", "json").out)
    assert [h["date"] for h in record["history"]] == [None, today]
    assert sinai.read_bytes() == before


def test_a_rename_of_a_hand_written_measure_is_listed_after_its_creation_of_no_day(dprk, sinai):
    done = dprk("rename-party", "Israel", "IL", "--date", "1980-01-01")
    assert done.code == 0, done.err
    entries = json.loads(dprk("log", "taba", "--format", "json").out)
    assert [(e["n"], e["date"], e["event"]) for e in entries] == [
        (1, None, "created"),
        (2, "1980-01-01", "edit"),
    ]
    # a measure added by a command without a date: a rename dated before the day it was
    # added is listed above its creation, which that day dates
    for args in (
        ("add-measure", "Return Taba", "--actor", "IL", "--id", "taba-2"),
        ("edit", "taba-2", "--title", "Taba returned", "--date", "1980-01-01"),
    ):
        done = dprk(*args)
        assert done.code == 0, done.err
    entries = json.loads(dprk("log", "taba-2", "--format", "json").out)
    assert [(e["date"], e["event"]) for e in entries][0] == ("1980-01-01", "edit")
