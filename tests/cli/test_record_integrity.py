"""A record that is always right: history replayed in date order, and no write that
`dprk check` would reject. Each case is one users met rebuilding talks after the fact."""

from __future__ import annotations

import itertools
import json
import re
import shlex
import shutil
import tomllib

import pytest

from dprk_cli.clock import today


def status_of(dprk, ident: str) -> dict:
    doc = json.loads(dprk("status", "--format", "json").out)
    return next(m for m in doc["measures"] if m["id"] == ident)


def check_is_clean(dprk) -> None:
    result = dprk("check", "--format", "json")
    assert json.loads(result.out)["errors"] == 0, result.out


def refused(dprk, path, *args: str, code: int = 1) -> str:
    """Run a command that must be refused: its one-line error; the ledger unchanged."""
    before = path.read_bytes()
    result = dprk(*args)
    assert result.code == code, (result.out, result.err)
    assert result.out == ""
    assert result.err.startswith("dprk: error: ") and result.err.count("\n") == 1, result.err
    assert path.read_bytes() == before
    return result.err


def test_an_undated_measure_takes_the_date_of_an_earlier_event(dprk, empty):
    ident = dprk("add-measure", "Dismantle the engine test stand", "--actor", "DPRK").out.strip()
    result = dprk("mark", ident, "implemented", "--date", "2018-07-23")
    assert result.code == 0, result.err
    assert result.err == f"{ident}: implemented on 2018-07-23\n"
    record = status_of(dprk, ident)
    assert record["status"] == "implemented" and record["status_date"] == "2018-07-23"
    assert not record["pending"]
    assert ident not in dprk("next", "--format", "ids").out.split()
    log = json.loads(dprk("log", ident, "--format", "json").out)
    assert [(e["n"], e["date"], e["event"]) for e in log] == [
        (1, "2018-07-23", "created"),
        (2, "2018-07-23", "status"),
    ]
    assert "no date given: dated by its earliest event" in log[0]["detail"]
    # a verification recorded later still finds it acted
    assert dprk("verify", ident, "--by", "38 North", "--date", "2018-08-01").code == 0
    assert status_of(dprk, ident)["status"] == "verified"
    check_is_clean(dprk)


def test_an_undated_creation_follows_its_earliest_event_later_too(dprk, empty):
    """A year typed wrong, then corrected: the undated creation moves forward with the
    event, so the measure did not exist in the year of the typo."""
    assert dprk("add-measure", "U", "--actor", "US", "--id", "u").code == 0
    assert dprk("mark", "u", "implemented", "--date", "2017-07-27").code == 0
    result = dprk("redate", "u", "2", "2018-07-27")
    assert result.code == 0, result.err
    log = json.loads(dprk("log", "u", "--format", "json").out)
    assert [(e["date"], e["event"]) for e in log[:2]] == [
        ("2018-07-27", "created"),
        ("2018-07-27", "status"),
    ]
    data = tomllib.loads(empty.read_text(encoding="utf-8"))
    assert str(data["measures"][0]["history"][0]["date"]) == "2018-07-27"
    past = json.loads(dprk("status", "--as-of", "2017-12-31", "--format", "json").out)
    assert past["measures"] == []
    # A correction of the record (dated today) does not date the creation.
    assert dprk("edit", "u", "--title", "U, corrected").code == 0
    assert json.loads(dprk("log", "u", "--format", "json").out)[0]["date"] == "2018-07-27"
    check_is_clean(dprk)
    # Nor, before any event of the talks, does an edit made after the day it was
    # recorded on (an undated measure recorded in 2018, as the file says).
    assert dprk("add-measure", "W", "--actor", "US", "--id", "w").code == 0
    text = empty.read_text(encoding="utf-8")
    empty.write_text(text.replace(f"date = {today()}", "date = 2018-01-01"), encoding="utf-8")
    assert dprk("edit", "w", "--title", "W, corrected").code == 0
    log = json.loads(dprk("log", "w", "--format", "json").out)
    assert [(e["date"], e["event"]) for e in log] == [
        ("2018-01-01", "created"),
        (str(today()), "edit"),
    ]
    check_is_clean(dprk)


def test_two_changes_recorded_within_one_second_replay_in_the_order_they_ran(
    dprk, empty, monkeypatch
):
    """Scripts record fast: the later progress stands, whatever its words sort as."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # every entry: one second
    assert dprk("add-measure", "M", "--actor", "US", "--id", "m", "--date", "2018-01-01").code == 0
    for extent in ("minimal", "intermediate"):
        result = dprk("mark", "m", "implemented", "--extent", extent, "--date", "2018-10-01")
        assert result.err == f"m: implemented ({extent}) on 2018-10-01\n"
    assert (status_of(dprk, "m")["status"], status_of(dprk, "m")["extent"]) == (
        "implemented",
        "intermediate",
    )
    log = json.loads(dprk("log", "m", "--format", "json").out)
    assert [e["detail"] for e in log[1:]] == [
        "implemented (minimal)",
        "implemented (intermediate)",
    ]
    data = tomllib.loads(empty.read_text(encoding="utf-8"))
    assert [h["detail"] for h in data["measures"][0]["history"][1:]] == [
        "implemented (minimal)",
        "implemented (intermediate)",
    ]
    # And back: the regress, recorded last, stands.
    assert dprk("mark", "m", "implemented", "--extent", "minimal", "--date", "2018-10-01").code == 0
    assert status_of(dprk, "m")["extent"] == "minimal"
    check_is_clean(dprk)


def test_an_event_before_a_dated_creation_is_refused_naming_it(dprk, empty):
    dprk(
        "add-measure",
        "Close the test site",
        "--id",
        "pg",
        "--actor",
        "DPRK",
        "--date",
        "2018-04-20",
    )
    err = refused(dprk, empty, "mark", "pg", "implemented", "--date", "2018-03-01")
    assert "pg: implemented on 2018-03-01 comes before its creation on 2018-04-20" in err


def test_an_agreement_dated_after_an_implementation_on_record_is_refused(dprk, empty, tick):
    """Typed after the implementation was on record (the clock moved on between, as a
    user types: typed in one second, the test passed whichever came first; typed first,
    the agreement leaves a gap, `test_an_offer_made_again_found_first_leaves_a_gap...`)."""
    assert (
        dprk("add-measure", "P", "--id", "pg", "--actor", "DPRK", "--date", "2018-01-01").code == 0
    )
    tick()
    assert dprk("mark", "pg", "implemented", "--date", "2018-07-01").code == 0
    tick()
    err = refused(dprk, empty, "mark", "pg", "agreed", "--date", "2018-08-01")
    assert "pg: implemented on 2018-07-01 comes before agreed on 2018-08-01" in err
    assert "mark it reversed if it was undone" in err
    assert status_of(dprk, "pg")["status"] == "implemented"


def test_a_late_entry_says_what_the_ledger_now_holds(dprk, empty):
    assert (
        dprk("add-measure", "P", "--id", "pg", "--actor", "DPRK", "--date", "2018-01-01").code == 0
    )
    assert dprk("mark", "pg", "implemented", "--date", "2018-09-01").code == 0
    result = dprk("mark", "pg", "agreed", "--date", "2018-06-01")
    assert result.code == 0, result.err
    assert result.err == (
        "pg: recorded agreed on 2018-06-01; pg stays implemented (since 2018-09-01)\n"
    )
    assert status_of(dprk, "pg")["status"] == "implemented"
    verified = dprk("verify", "pg", "--by", "IAEA", "--result", "partial", "--date", "2018-10-01")
    assert verified.err == (
        "pg: recorded partial by IAEA on 2018-10-01; pg stays implemented (since 2018-09-01)\n"
    )
    check_is_clean(dprk)


def test_the_same_status_again_is_refused_on_its_day_or_undated(dprk, korea):
    err = refused(dprk, korea, "mark", "punggye-ri-closure", "implemented")
    # (carried out in full: no greater extent to advise, where another would be a reduction)
    assert err.endswith(f"already implemented on {today()} (since 2018-05-24)\n"), err
    err = refused(dprk, korea, "mark", "punggye-ri-closure", "implemented", "--date", "2018-05-24")
    assert err.endswith("already implemented on 2018-05-24\n")  # (no 'since' for its day)


def test_a_party_s_own_report_again_does_not_clear_a_refutation(dprk, empty):
    """Refuted by a verifier, the same extent reported again by the party itself made the
    measure implemented again (the dispute gone, 'unverified'), where a confirmation on
    the same extent stayed: a party's own word neither verifies nor clears a dispute.
    A greater extent is progress, which awaits a finding of its own."""
    for ident, result in (("sec", "refuted"), ("tr", "confirmed")):
        assert dprk("add-measure", ident, "--actor", "US", "--id", ident, "--status",
                    "agreed", "--date", "2016-11-24").code == 0  # fmt: skip
        assert dprk("mark", ident, "implemented", "--extent", "minimal", "--date",
                    "2021-05-01").code == 0  # fmt: skip
        assert dprk("verify", ident, "--by", "UNMC", "--result", result, "--date",
                    "2022-03-01").code == 0  # fmt: skip
    said = dprk("mark", "sec", "implemented", "--extent", "minimal", "--date", "2022-06-01")
    assert (said.code, said.err) == (
        0,
        "sec: recorded implemented (minimal) on 2022-06-01; sec stays disputed (minimal) "
        "(since 2022-03-01)\n",
    )
    assert status_of(dprk, "sec")["status"] == "disputed"
    ids = dprk("status", "--acted", "--unverified", "--format", "ids").out.split()
    assert "sec" not in ids
    check_is_clean(dprk)
    more = dprk("mark", "sec", "implemented", "--extent", "intermediate", "--date", "2022-07-01")
    assert more.err == (
        "sec: implemented (intermediate) on 2022-07-01; sec is no longer disputed: the "
        "refutation by UNMC on 2022-03-01 was of its earlier action (implemented (minimal) on "
        "2021-05-01), and this one awaits a finding of its own\n"
    )
    assert status_of(dprk, "sec")["status"] == "implemented"


def test_the_same_partial_extent_again_advises_a_greater_one(dprk, korea):
    args = ("tongchang-ri-dismantlement", "implemented", "--extent", "intermediate")
    err = refused(dprk, korea, "mark", *args, "--date", "2018-07-23")
    assert err.endswith(
        "already implemented (intermediate) on 2018-07-23; give a greater --extent to record "
        "progress\n"
    ), err
    # followed, the advice records the progress
    done = dprk("mark", "tongchang-ri-dismantlement", "implemented", "--extent", "full")
    assert done.code == 0, done.err
    assert status_of(dprk, "tongchang-ri-dismantlement")["extent"] == "full"


def test_a_step_recorded_between_that_moves_the_status_says_so(dprk, empty):
    """Verified on 10 March, carried out again on 20 March (recorded, it changed
    nothing); the reversal of 15 March found last makes that second action count, and
    takes the finding's day away: the line said 'stays implemented', of a measure that
    was verified until then."""
    assert dprk("add-measure", "M", "--actor", "US", "--id", "m", "--date", "2018-01-01").code == 0
    assert dprk("mark", "m", "implemented", "--date", "2018-03-01").code == 0
    assert dprk("verify", "m", "--by", "IAEA", "--date", "2018-03-10").code == 0
    assert dprk("mark", "m", "implemented", "--date", "2018-03-20").code == 0
    result = dprk("mark", "m", "reversed", "--date", "2018-03-15")
    assert (result.code, result.err) == (
        0,
        "m: recorded reversed on 2018-03-15; m is now implemented (since 2018-03-20; it was "
        "verified)\n",
    )
    shown = json.loads(dprk("show", "m", "--format", "json").out)
    assert (shown["status"], shown["status_date"], shown["verified_by"]) == (
        "implemented",
        "2018-03-20",
        [],
    )


def test_a_step_recorded_between_that_moves_the_status_date_says_so(dprk, tmp_path):
    """The Constituent Assembly election held in 2008, held again in 2013; the first
    assembly's dissolution of 2012, recorded last, makes the status date 2013 (it was
    2008), and the measure reversed through 2012-13, in `show`, `log` and `status
    --as-of`. The line said 'stays implemented (since 2013-11-19)', as if nothing had
    moved. It says the measure is now implemented since 2013, and since when it was."""
    assert dprk("init", "--party", "Government of Nepal", "--party", "CPN-Maoist").code == 0
    assert dprk("add-measure", "Hold the Constituent Assembly election", "--actor",
                "Government of Nepal", "--id", "ca-election", "--status", "agreed",
                "--date", "2006-11-21").code == 0  # fmt: skip
    assert dprk("mark", "ca-election", "implemented", "--date", "2008-04-10").code == 0
    again = dprk("mark", "ca-election", "implemented", "--date", "2013-11-19",
                 "--note", "second CA election")  # fmt: skip
    assert again.err == (
        "ca-election: recorded implemented on 2013-11-19; ca-election stays implemented "
        "(since 2008-04-10)\n"
        # (nothing between the two yet: the reversal of 2012 is entered below)
        "dprk: warning: ca-election was already implemented on 2008-04-10 (entry 2): if "
        "that was wrong, 'dprk drop-entry ca-election 2' takes it back (or 'dprk undo', "
        "then 'dprk redate ca-election 2 2013-11-19' moves it)\n"
    )
    assert status_of(dprk, "ca-election")["status_date"] == "2008-04-10"
    result = dprk("mark", "ca-election", "reversed", "--date", "2012-05-27",
                  "--note", "first CA dissolved")  # fmt: skip
    assert (result.code, result.out, result.err) == (
        0,
        "",
        "ca-election: recorded reversed on 2012-05-27; ca-election is now implemented "
        "(since 2013-11-19; it was implemented since 2008-04-10)\n",
    )
    shown = json.loads(dprk("show", "ca-election", "--format", "json").out)
    assert (shown["status"], shown["status_date"]) == ("implemented", "2013-11-19")
    log = json.loads(dprk("log", "ca-election", "--format", "json").out)
    assert [(e["date"], e["status"]) for e in log] == [
        ("2006-11-21", "agreed"),
        ("2008-04-10", "implemented"),
        ("2012-05-27", "reversed"),
        ("2013-11-19", "implemented"),
    ]
    then = json.loads(dprk("status", "--as-of", "2012-12-31", "--format", "json").out)
    assert [(m["status"], m["status_date"]) for m in then["measures"]] == [
        ("reversed", "2012-05-27")
    ]


def test_a_history_is_entered_in_any_order_a_step_reported_again_included(dprk, empty):
    """Implemented, reversed, implemented again, verified: entered with the finding first
    and the reversal last, the second implementation was refused ('already implemented
    (since ...)'), and the reversal too (the finding would fall on a reversed measure):
    the history could not be entered at all in that order. A step reported again on a
    later day is recorded now, and says it changes nothing until the reversal is in."""
    assert dprk("add-measure", "X", "--actor", "US", "--id", "x",
                "--date", "2018-01-01").code == 0  # fmt: skip
    assert dprk("mark", "x", "implemented", "--date", "2018-02-01").code == 0
    assert dprk("verify", "x", "--by", "IAEA", "--date", "2018-05-01").code == 0
    again = dprk("mark", "x", "implemented", "--date", "2018-04-01")
    assert (again.code, again.err) == (
        0,
        "x: recorded implemented on 2018-04-01; x stays verified (since 2018-05-01)\n"
        # (nothing between the two yet: the reversal is entered below)
        "dprk: warning: x was already implemented on 2018-02-01 (entry 2): if that was "
        "wrong, 'dprk drop-entry x 2' takes it back (or 'dprk undo', then 'dprk redate x 2 "
        "2018-04-01' moves it)\n",
    )
    assert dprk("mark", "x", "reversed", "--date", "2018-03-01").code == 0
    ordered = json.loads(dprk("log", "x", "--format", "json").out)
    assert [(e["date"], e["status"]) for e in ordered] == [
        ("2018-01-01", "proposed"),
        ("2018-02-01", "implemented"),
        ("2018-03-01", "reversed"),
        ("2018-04-01", "implemented"),
        ("2018-05-01", "verified"),
    ]
    on = json.loads(dprk("status", "--as-of", "2018-03-15", "--format", "json").out)
    assert on["measures"][0]["status"] == "reversed"
    assert dprk("check").out == "ok: no problems found\n"
    refused(dprk, empty, "mark", "x", "implemented", "--date", "2018-04-01")  # (on record)


def test_a_verification_before_the_measure_acted_is_refused(dprk, korea):
    err = refused(
        dprk, korea, "verify", "punggye-ri-closure", "--by", "IAEA", "--date", "2018-05-01"
    )
    assert "confirmed by IAEA on 2018-05-01" in err
    assert "before the measure acted (implemented on 2018-05-24)" in err
    err = refused(dprk, korea, "verify", "second-summit", "--by", "IAEA", "--date", "2018-09-11")
    assert "has not acted" in err and "dprk mark second-summit implemented" in err


def test_verified_and_disputed_come_only_from_a_verifier(dprk, empty):
    err = refused(dprk, empty, "add-measure", "X", "--actor", "US", "--status", "verified", code=2)
    assert "--status" in err
    err = refused(dprk, empty, "add-measure", "X", "--actor", "US", "--extent", "minimal", code=2)
    assert "--extent goes with --status implemented" in err


def test_events_after_today_are_refused_deadlines_are_not(dprk, korea):
    err = refused(dprk, korea, "mark", "second-summit", "agreed", "--date", "2099-01-01", code=2)
    assert "is after today" in err
    err = refused(dprk, korea, "add-measure", "X", "--actor", "US", "--date", "2099-01-01", code=2)
    assert "is after today" in err
    assert dprk("add-measure", "Y", "--actor", "US", "--deadline", "2099-01-01").code == 0
    now = json.loads(dprk("status", "--format", "json").out)
    then = json.loads(dprk("status", "--as-of", today().isoformat(), "--format", "json").out)
    assert now["parties"] == then["parties"]
    assert [m["status"] for m in now["measures"]] == [m["status"] for m in then["measures"]]


def test_a_deadline_before_the_measure_was_made_is_written_and_warned_of(dprk, korea):
    """`edit ID --deadline` a day before the measure was made (and `add-measure
    --deadline` before its --date) was taken without a word, and the measure was overdue
    from the start: the change is written, and a warning says so on standard error."""
    said = (
        "dprk: warning: {id}: its deadline {deadline} is before the measure was made "
        "({made}): it is overdue from the start ('dprk edit {id} --deadline YYYY-MM-DD "
        "--date {set_on}' moves it from the day it was set)\n"
    )
    result = dprk("edit", "second-summit", "--deadline", "2018-09-01")
    assert (result.code, result.out) == (0, "")
    assert result.err == (
        "second-summit: edited on "
        f"{today()} (deadline: (none) -> '2018-09-01') (from today; to correct it from the "
        "start: 'dprk undo', then 'dprk edit second-summit --deadline 2018-09-01 --date "
        "2018-09-10'; to date the change: 'dprk undo', then 'dprk edit second-summit "
        "--deadline 2018-09-01 --date DAY')\n"
        + said.format(id="second-summit", deadline="2018-09-01", made="2018-09-10", set_on=today())
    )
    assert "deadline = 2018-09-01\n" in korea.read_text(encoding="utf-8")
    # (a change that leaves it so, of the title, says nothing of it again)
    result = dprk("edit", "second-summit", "--title", "A second summit")
    assert result.code == 0 and "warning" not in result.err
    result = dprk("add-measure", "Late", "--actor", "US", "--id", "late", "--date",
                  "2018-09-10", "--deadline", "2018-09-09")  # fmt: skip
    assert (result.code, result.out) == (0, "late\n")
    assert result.err.endswith(
        said.format(id="late", deadline="2018-09-09", made="2018-09-10", set_on="2018-09-10")
    )
    assert json.loads(dprk("show", "late", "--format", "json").out)["deadline"] == "2018-09-09"
    # (on the day it was made, or after; or added with no date: no warning)
    for args in (
        ["add-measure", "On time", "--actor", "US", "--date", "2018-09-10", "--deadline",
         "2018-09-10"],
        ["add-measure", "Undated", "--actor", "US", "--deadline", "2018-09-09"],
    ):  # fmt: skip
        result = dprk(*args)
        assert result.code == 0 and "warning" not in result.err, result.err


@pytest.mark.parametrize("found", ["in date order", "the offer found later"])
def test_a_deadline_before_a_measure_found_offered_earlier_is_warned_of(
    dprk, empty, monkeypatch, found
):
    """A measure proposed on 1989-01-20 and agreed on 1989-03-01, given a deadline of
    1989-01-05: overdue from the day it was made, in whichever order the two steps were
    typed. Added as agreed, then found proposed earlier, its creation (dated, overtaken
    by the earlier step) was taken for one recorded without a date, of which no deadline
    is said to come first: neither the edit nor `check` said a word."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")  # (the same records either way)
    steps = [
        ["add-measure", "Leave", "--actor", "DPRK", "--id", "leave", "--date", "1989-01-20"],
        ["mark", "leave", "agreed", "--date", "1989-03-01"],
    ]
    if found == "the offer found later":
        steps = [
            ["add-measure", "Leave", "--actor", "DPRK", "--id", "leave", "--status", "agreed",
             "--date", "1989-03-01"],
            ["mark", "leave", "proposed", "--date", "1989-01-20"],
        ]  # fmt: skip
    for args in steps:
        assert dprk(*args).code == 0
    result = dprk("edit", "leave", "--deadline", "1989-01-05", "--date", "1989-01-20")
    assert result.code == 0
    assert result.err.endswith(
        "dprk: warning: leave: its deadline 1989-01-05 is before the measure was made "
        "(1989-01-20): it is overdue from the start ('dprk edit leave --deadline YYYY-MM-DD "
        "--date 1989-01-20' moves it from the day it was set)\n"
    )
    assert dprk("check").out == (
        "warning: leave: its deadline 1989-01-05 is before the measure was made "
        "(1989-01-20): it is overdue from the start ('dprk edit leave --deadline YYYY-MM-DD "
        "--date 1989-01-20' moves it from the day it was set) [deadline-before-creation]\n"
        "0 errors, 1 warning\n"
    )


def test_a_measure_done_in_full_on_the_day_it_was_made_late_is_no_overdue_from_the_start(
    dprk, empty
):
    """An assets inventory handed over on 2017-08-24, due on 2017-08-15, added as
    implemented that day: check warned it was "overdue from the start" (and --strict
    failed), where every view says it was never overdue. A measure never overdue on its
    first day (`is_overdue`, asked of that day) is not warned of, by the write, check or
    an import; one made pending or done in part still is, with the agreement found to
    have come before the deadline as a way out beside moving it, and that followed, no
    warning is left."""
    ledger = empty
    result = dprk("add-measure", "Assets inventory", "--actor", "US", "--id", "assets",
                  "--status", "implemented", "--date", "2017-08-24", "--deadline",
                  "2017-08-15")  # fmt: skip
    assert (result.code, result.out, result.err) == (0, "assets\n", "")
    assert dprk("check", "--strict").out == "ok: no problems found\n"
    status = json.loads(dprk("status", "--as-of", "2017-08-24", "--format", "json").out)
    assert status["measures"][0]["overdue"] is False
    (ledger.parent / "i.json").write_text(json.dumps([
        {"id": "handed", "title": "Handed", "actor": "US", "status": "implemented",
         "date": "2017-08-24", "deadline": "2017-08-15"},
    ]), encoding="utf-8")  # fmt: skip
    result = dprk("import", "i.json")
    assert (result.code, result.err) == (0, "imported 1 measure from i.json (1 new, 0 replaced)\n")
    # done in part on its first day, it still owes the rest: warned of, with both ways out
    before = ledger.read_bytes()
    result = dprk("add-measure", "Part", "--actor", "US", "--id", "part", "--status",
                  "implemented", "--extent", "minimal", "--date", "2017-08-24",
                  "--deadline", "2017-08-15")  # fmt: skip
    said = (
        "part: its deadline 2017-08-15 is before the measure was made (2017-08-24): it is "
        "overdue from the start ('dprk edit part --deadline YYYY-MM-DD --date 2017-08-24' "
        "moves it from the day it was set; or, agreed before it was due, on a DAY by "
        "2017-08-14, 'dprk mark part agreed --date DAY' records the agreement and 'dprk edit "
        "part --deadline 2017-08-15 --date DAY' the deadline given with it)"
    )
    assert (result.code, result.out, result.err) == (0, "part\n", f"dprk: warning: {said}\n")
    assert ledger.read_bytes() != before
    # an offer put on the table late: nothing comes before it, so only the deadline moves
    result = dprk("add-measure", "Offer", "--actor", "US", "--id", "offer", "--date",
                  "2017-08-24", "--deadline", "2017-08-15")  # fmt: skip
    offer = (
        "offer: its deadline 2017-08-15 is before the measure was made (2017-08-24): it is "
        "overdue from the start ('dprk edit offer --deadline YYYY-MM-DD --date 2017-08-24' "
        "moves it from the day it was set)"
    )
    assert (result.code, result.err) == (0, f"dprk: warning: {offer}\n")
    result = dprk("check", "--strict")
    assert (result.code, result.out) == (
        1,
        f"error: {offer} [deadline-before-creation]\n"
        f"error: {said} [deadline-before-creation]\n2 errors, 0 warnings\n",
    )
    # the advice followed: the agreement recorded, the deadline it was added with still
    # stands from the day it was added (past due that day), until given on the agreement's
    result = dprk("mark", "part", "agreed", "--date", "2017-08-14")
    assert (result.code, result.err) == (
        0,
        "part: recorded agreed on 2017-08-14; part stays implemented (minimal) (since "
        "2017-08-24)\n"
        "dprk: warning: part: its deadline 2017-08-15 is before the day it was given "
        "(2017-08-24; the measure was made on 2017-08-14): it is overdue from that day "
        "('dprk edit part --deadline YYYY-MM-DD --date 2017-08-24' moves it from the day it "
        "was set; or, given before it was due, 'dprk edit part --deadline 2017-08-15 --date "
        "2017-08-14' gives it from then)\n",
    )
    status = json.loads(dprk("status", "--as-of", "2017-08-24", "--format", "json").out)
    assert {m["id"]: m["overdue"] for m in status["measures"]}["part"] is True
    result = dprk("edit", "part", "--deadline", "2017-08-15", "--date", "2017-08-14")
    assert (result.code, result.err) == (
        0,
        "part: recorded deadline: (none) -> '2017-08-15' on 2017-08-14, is '2017-08-15' from "
        "2017-08-14 on (it was from 2017-08-24)\n",
    )
    result = dprk("check")
    assert (result.code, result.out) == (
        0,
        f"warning: {offer} [deadline-before-creation]\n0 errors, 1 warning\n",
    )


def test_the_advice_for_a_deadline_before_its_measure_moves_it_on_every_day(dprk, empty):
    """check's advice for a deadline before its measure was made, followed, left check
    clean and every day before today still overdue by the old deadline: undated, the
    edit moved it from today. It names the day the deadline was set (as the measure was
    made, or by an edit), read whole or read anew."""
    for args in (
        ["add-measure", "Deploy", "--actor", "DPRK", "--id", "deploy", "--status", "agreed",
         "--date", "1989-04-01", "--deadline", "1989-03-01"],
        ["add-measure", "Leave", "--actor", "DPRK", "--id", "leave", "--status", "agreed",
         "--date", "1989-04-01"],
        ["edit", "leave", "--deadline", "1989-03-01", "--date", "1989-04-10"],
    ):  # fmt: skip
        assert dprk(*args).code == 0
    shutil.rmtree(empty.parent / ".dprk")  # (read anew, then from what that read kept)
    for _ in range(2):
        advice = {
            p["measure"]: re.search(r"'(dprk edit [^']*)'", p["message"]).group(1)
            for p in json.loads(dprk("check", "--format", "json").out)["problems"]
        }
        assert advice == {
            "deploy": "dprk edit deploy --deadline YYYY-MM-DD --date 1989-04-01",
            "leave": "dprk edit leave --deadline YYYY-MM-DD --date 1989-04-10",
        }
    for typed in advice.values():
        result = dprk(*shlex.split(typed.replace("YYYY-MM-DD", "1989-05-01"))[1:])
        assert result.code == 0 and "warning" not in result.err, result.err
    assert dprk("check").out == "ok: no problems found\n"
    then = json.loads(dprk("status", "--as-of", "1989-04-12", "--format", "json").out)
    assert {m["id"]: (m["deadline"], m["overdue"]) for m in then["measures"]} == {
        "deploy": ("1989-05-01", False),
        "leave": ("1989-05-01", False),
    }


def test_init_force_is_undone_like_any_change(dprk, korea):
    """Undo names the init it takes back as given, its options too, as it names every
    change: two `init --force` of different ledgers read the same ('undid: init
    --force') where the guide says undo names the command as it was given."""
    before = korea.read_bytes()
    result = dprk("init", "--force", "--title", "Other talks", "--party", "US")
    assert result.code == 0 and "undo" in result.err
    assert korea.read_bytes() != before
    undone = dprk("undo")
    assert undone.code == 0
    assert undone.err.startswith('undid: init --title "Other talks" --party US --force (made ')
    assert korea.read_bytes() == before
    assert dprk("edit-ledger", "--title", "Other talks").code == 0  # (the example made anew)
    edited = korea.read_bytes()
    again = dprk("init", "--example", "KOREA-2018", "--force")
    assert again.code == 0
    undone = dprk("undo")
    assert undone.err.startswith("undid: init --example korea-2018 --force (made "), undone.err
    assert korea.read_bytes() == edited


def test_init_force_that_changes_nothing_says_so_and_uses_up_no_undo(dprk, tmp_path):
    """`init --force` of the very ledger the file holds said 'replaced', and journalled a
    change of no byte: undo then took that back, and said so, the change before it left
    for another undo. As every command that changes nothing, it says so and leaves the
    journal alone."""
    path = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--party", "US").code == 0
    first = path.read_bytes()
    assert dprk("init", "--force", "--example", "korea-2018").code == 0
    example = path.read_bytes()
    journal = (tmp_path / ".dprk" / "dprk-ledger.toml.undo").read_bytes()
    again = dprk("init", "--force", "--example", "korea-2018")
    assert (again.code, again.out, again.err) == (
        0,
        "",
        "dprk-ledger.toml: already so (3 parties, 14 measures); nothing changed\n",
    )
    assert path.read_bytes() == example
    assert (tmp_path / ".dprk" / "dprk-ledger.toml.undo").read_bytes() == journal
    undone = dprk("undo")
    assert undone.code == 0
    assert undone.err.startswith("undid: init --example korea-2018 --force (made ")
    assert path.read_bytes() == first


def test_init_force_over_a_file_that_is_not_a_ledger_can_be_undone_too(dprk, tmp_path):
    path = tmp_path / "dprk-ledger.toml"
    path.write_bytes(b"not = [a ledger\n\xff")
    assert dprk("init", "--force", "--party", "US").code == 0
    undone = dprk("undo")
    assert undone.code == 0
    assert path.read_bytes() == b"not = [a ledger\n\xff"
    # (it says the file it brings back is no ledger, and why, as a read of it would)
    why = dprk("status").err.removeprefix("dprk: error: dprk-ledger.toml: ").rstrip("\n")
    assert undone.err.splitlines() == [
        undone.err.splitlines()[0],
        "dprk: warning: dprk-ledger.toml: the file 'init --force' replaced is back as it "
        f"was, and is no ledger: {why}",
    ]
    assert undone.err.startswith("undid: init --party US --force (made ")  # (as given)


@pytest.mark.parametrize(
    ("kept", "said"),
    [(b"", "is empty"), (b"  \n\n", "is empty"), (b"# to be written\n\n", "holds only comments")],
    ids=["empty", "blank", "comments"],
)
def test_init_force_over_a_blank_file_undone_warns_of_it(dprk, tmp_path, kept, said):
    """A blank file, which check reports as no ledger, came back by undo without a word
    (TOML reads it as an empty table, which undo took for a ledger), where one with a
    syntax error is warned of. It is warned of as check and every read word it."""
    path = tmp_path / "dprk-ledger.toml"
    path.write_bytes(kept)
    assert dprk("init", "--force", "--party", "US").code == 0
    undone = dprk("undo")
    assert (undone.code, undone.out) == (0, "")
    assert path.read_bytes() == kept
    why = (
        f"file {said}, not a ledger; restore it (from git or a backup) or start a new one "
        "with 'dprk init --force'"
    )
    assert undone.err.splitlines()[1:] == [
        "dprk: warning: dprk-ledger.toml: the file 'init --force' replaced is back as it "
        f"was, and is no ledger: {why}",
    ]
    assert undone.err.startswith("undid: init --party US --force (made ")
    assert dprk("status").err == f"dprk: error: dprk-ledger.toml: {why}\n"
    checked = dprk("check")
    assert checked.code == 1 and f"error: dprk-ledger.toml: {why} [file]" in checked.out


def test_unverified_means_no_finding_at_all(dprk, korea):
    assert dprk("verify", "punggye-ri-closure", "--by", "IAEA", "--result", "refuted").code == 0
    assert dprk("verify", "remains-repatriation", "--by", "DPAA", "--result", "partial").code == 0
    unverified = dprk("status", "--acted", "--unverified", "--format", "ids").out.split()
    assert "punggye-ri-closure" not in unverified and "remains-repatriation" not in unverified
    assert "test-moratorium" in unverified
    assert dprk("status", "--partial", "--format", "ids").out.split() == ["remains-repatriation"]
    disputed = dprk("status", "--status", "disputed", "--format", "ids").out.split()
    assert disputed == ["punggye-ri-closure"]
    # the README's pipeline never overwrites a refutation
    ids = dprk("status", "--acted", "--unverified", "--party", "DPRK", "--format", "ids").out
    assert dprk("verify", "-", "--by", "IAEA", "--date", "2019-01-01", stdin=ids).code == 0
    assert status_of(dprk, "punggye-ri-closure")["status"] == "disputed"


def test_the_date_column_is_when_the_status_changed(dprk, korea):
    assert (
        dprk("note", "punggye-ri-closure", "Tunnels seen sealed", "--date", "2019-06-01").code == 0
    )
    record = status_of(dprk, "punggye-ri-closure")
    assert record["status_date"] == "2018-05-24"  # implemented then
    assert record["last_date"] == "2019-06-01"  # the latest event of any kind
    row = next(line for line in dprk("status").lines if line.startswith("punggye-ri-closure"))
    assert "2018-05-24" in row and "2019-06-01" not in row
    header = next(line for line in dprk("status").lines if line.startswith("id "))
    assert "since" in header.split()


# --- import writes only sound ledgers ------------------------------------------------------


def exported(dprk) -> dict:
    return json.loads(dprk("export").out)


def test_import_replace_with_a_status_edited_in_a_spreadsheet(dprk, korea, tmp_path):
    doc = exported(dprk)
    row = next(m for m in doc["measures"] if m["id"] == "second-summit")
    row["status"] = "agreed"
    row["date"] = "2018-09-20"
    (tmp_path / "edited.json").write_text(json.dumps(doc), encoding="utf-8")
    assert dprk("import", "edited.json", "--replace").code == 0
    log = json.loads(dprk("log", "second-summit", "--format", "json").out)
    assert (log[-1]["date"], log[-1]["status"]) == ("2018-09-20", "agreed")
    check_is_clean(dprk)


def test_import_refuses_a_status_only_a_verifier_gives(dprk, korea, tmp_path):
    doc = exported(dprk)
    next(m for m in doc["measures"] if m["id"] == "test-moratorium")["status"] = "verified"
    (tmp_path / "edited.json").write_text(json.dumps(doc), encoding="utf-8")
    err = refused(dprk, korea, "import", "edited.json", "--replace")
    assert "measure 'test-moratorium'" in err and "verifier's finding" in err


def test_import_refuses_a_history_the_rules_do_not_allow(dprk, empty, tmp_path):
    row = {
        "id": "x",
        "title": "X",
        "actor": "US",
        "status": "agreed",
        "history": [
            {
                "date": "2018-01-01",
                "event": "created",
                "status": "proposed",
                "recorded": "2024-01-01T00:00:00Z",
            },
            {
                "date": "2018-02-01",
                "event": "status",
                "status": "implemented",
                "recorded": "2024-01-01T00:00:00Z",
            },
            {
                "date": "2018-03-01",
                "event": "status",
                "status": "agreed",
                "recorded": "2024-01-01T00:00:05Z",  # (after the action was on record)
            },
        ],
    }
    (tmp_path / "bad.json").write_text(json.dumps([row]), encoding="utf-8")
    err = refused(dprk, empty, "import", "bad.json")
    assert "measure #1 (measure 'x')" in err
    assert "implemented on 2018-02-01 comes before agreed on 2018-03-01" in err


def test_import_refuses_events_after_today(dprk, korea, tmp_path):
    doc = exported(dprk)
    row = next(m for m in doc["measures"] if m["id"] == "second-summit")
    row["history"][-1]["date"] = "2099-01-01"
    (tmp_path / "edited.json").write_text(json.dumps(doc), encoding="utf-8")
    err = refused(dprk, korea, "import", "edited.json", "--replace")
    assert err.startswith("dprk: error: edited.json: measure #11 (measure 'second-summit'): ")
    assert "on 2099-01-01 is after today" in err
    new = [{"id": "later", "title": "Later", "actor": "US", "date": "2099-01-01"}]
    (tmp_path / "new.json").write_text(json.dumps(new), encoding="utf-8")
    err = refused(dprk, korea, "import", "new.json")
    assert "new.json: measure #1 (measure 'later'): created as proposed on 2099-01-01 is " in err


def test_import_links_new_rows_both_ways_and_takes_the_cli_names(dprk, empty, tmp_path):
    (tmp_path / "new.csv").write_text(
        "id,title,actor,in_exchange_for,after,date\n"
        "freeze,Freeze enrichment,DPRK,aid,,2019-02-01\n"
        "aid,Food aid,US,,freeze; inspect,2019-02-03\n"
        "inspect,Admit inspectors,DPRK,,,2019-02-02\n",
        encoding="utf-8",
    )
    result = dprk("import", "new.csv")
    assert result.code == 0, result.err
    shown = {
        m["id"]: m
        for m in json.loads(dprk("show", "freeze", "aid", "inspect", "--format", "json").out)
    }
    assert shown["aid"]["in_exchange_for"] == ["freeze"]  # the one-sided row made two-sided
    assert shown["aid"]["after"] == ["freeze", "inspect"]
    assert [h["date"] for h in shown["freeze"]["history"]] == ["2019-02-01"]
    check_is_clean(dprk)


@pytest.mark.parametrize("cell", ['["freeze", "inspect"]', "freeze; inspect"])
def test_csv_lists_as_json_or_semicolons(dprk, empty, tmp_path, cell):
    quoted = '"' + cell.replace('"', '""') + '"'
    (tmp_path / "new.csv").write_text(
        f"id,title,actor,after\nfreeze,Freeze,DPRK,\ninspect,Inspect,DPRK,\naid,Aid,US,{quoted}\n",
        encoding="utf-8",
    )
    assert dprk("import", "new.csv").code == 0
    assert status_of(dprk, "aid")["after"] == ["freeze", "inspect"]


def test_a_write_never_leaves_what_check_rejects(dprk, korea):
    """Every write above was checked; the file on disk agrees with the replay."""
    for args in (
        ["mark", "second-summit", "agreed", "--date", "2018-10-07"],
        ["mark", "second-summit", "implemented", "--date", "2019-02-27", "--extent", "minimal"],
        ["mark", "second-summit", "implemented", "--date", "2019-06-30"],
        ["verify", "second-summit", "--by", "press pool", "--date", "2019-07-01"],
        ["mark", "inventory-submission", "rejected", "--date", "2019-02-28"],
    ):
        result = dprk(*args)
        assert result.code == 0, (args, result.err)
        check_is_clean(dprk)
    data = tomllib.loads(korea.read_text(encoding="utf-8"))
    summit = next(m for m in data["measures"] if m["id"] == "second-summit")
    assert summit["status"] == "verified" and "extent" not in summit  # full, as implied


HAND_MADE = """
[[measures]]
id = "hand-verified"
title = "Verified, says the file"
actor = "DPRK"
status = "verified"

[[measures]]
id = "hand-proposed"
title = "Proposed, says the file"
actor = "DPRK"
status = "proposed"

[[measures]]
id = "hand-implemented"
title = "Implemented, says the file"
actor = "US"
status = "implemented"
"""


def test_a_measure_written_by_hand_without_a_history_keeps_the_rules_of_its_life(dprk, empty):
    """A measure added by hand with no history starts where its fields say, and the
    rules hold from there: a proposed one reversed lacks the action the reversal undoes
    (the reversal was taken as where it started), and 'verified' needs a verifier's
    finding (check said ok)."""
    with empty.open("a", encoding="utf-8") as f:
        f.write(HAND_MADE)
    checked = dprk("check", "--format", "json")
    assert checked.code == 1
    found = json.loads(checked.out)["problems"]
    assert [(p["check"], p["measure"]) for p in found] == [("transitions", "hand-verified")]
    assert "has no verifier's finding behind it" in found[0]["message"]

    before = empty.read_bytes()
    reversed_ = dprk("mark", "hand-proposed", "reversed", "--date", "2019-01-01")
    assert reversed_.code == 0  # (a gap: the action it undoes is yet to be recorded)
    assert "nothing on record has it carried out between the two" in reversed_.err
    gaps = json.loads(dprk("check", "--format", "json").out)["problems"]
    assert [(p["check"], p["measure"]) for p in gaps if p["severity"] == "warning"] == [
        ("missing-steps", "hand-proposed")
    ]
    assert dprk("undo").code == 0
    assert empty.read_bytes() == before
    err = refused(dprk, empty, "verify", "hand-proposed", "--by", "IAEA", "--date", "2019-01-01")
    assert "has not acted" in err

    assert dprk("mark", "hand-proposed", "agreed", "--date", "2019-01-01").code == 0
    assert dprk("verify", "hand-implemented", "--by", "IAEA", "--date", "2019-03-01").code == 0
    log = json.loads(dprk("log", "hand-implemented", "--format", "json").out)
    assert [(e["event"], e["status"]) for e in log] == [
        ("created", "implemented"),
        ("verification", "verified"),
    ]
    assert status_of(dprk, "hand-proposed")["status"] == "agreed"
    assert status_of(dprk, "hand-implemented")["status"] == "verified"
    found = json.loads(dprk("check", "--format", "json").out)["problems"]
    assert [p["measure"] for p in found] == ["hand-verified"]  # (nothing new)


@pytest.mark.parametrize(
    "again",
    [
        [["mark", "x", "implemented", "--date", "2018-04-01"]],  # carried further
        [
            ["mark", "x", "reversed", "--date", "2018-04-01"],
            ["mark", "x", "implemented", "--date", "2018-05-01"],
        ],  # undone, then done again
    ],  # fmt: skip
)
def test_a_finding_on_an_earlier_action_does_not_verify_a_new_one(dprk, empty, again):
    """Verified at a minimal extent, then carried out anew: the new action awaits its own
    finding. The status table said 'confirmed (IAEA)', and --unverified left it out."""
    assert (
        dprk("add-measure", "X", "--actor", "DPRK", "--id", "x", "--date", "2018-01-01").code == 0
    )
    assert dprk("mark", "x", "implemented", "--extent", "minimal", "--date", "2018-02-01").code == 0
    assert dprk("verify", "x", "--by", "IAEA", "--date", "2018-03-01").code == 0
    assert dprk("status", "--acted", "--unverified", "--format", "ids").out == ""
    for args in again:
        assert dprk(*args).code == 0
    assert dprk("status", "--acted", "--unverified", "--format", "ids").out == "x\n"
    row = dprk("status").out.splitlines()[-1].split()
    assert row[:5] == ["x", "DPRK", "implemented", "full", "unverified"]
    then = dprk("status", "--as-of", "2018-03-15").out.splitlines()[-1]
    assert "confirmed (IAEA)" in then
    shown = dprk("show", "x").out  # (its findings are listed below: say whose they are)
    assert (
        "verification     unverified since it last acted (the findings below were on an "
        "earlier action)\n" in shown
    )


def test_a_reversal_before_a_finding_is_refused_for_what_it_is(dprk, empty):
    """Reversed before a later finding: the finding would fall on a reversed measure. The
    refusal said the finding came 'before the measure acted', on a day after it had."""
    assert (
        dprk("add-measure", "X", "--actor", "DPRK", "--id", "x", "--date", "2018-01-01").code == 0
    )
    assert dprk("mark", "x", "implemented", "--date", "2018-03-01").code == 0
    assert dprk("verify", "x", "--by", "IAEA", "--date", "2018-04-01").code == 0
    err = refused(dprk, empty, "mark", "x", "reversed", "--date", "2018-03-15")
    assert "confirmed by IAEA on 2018-04-01 is a finding on a measure reversed by then " in err
    assert "(reversed on 2018-03-15)" in err and "before the measure acted" not in err
    err = refused(dprk, empty, "verify", "x", "--by", "IAEA", "--date", "2018-02-01")
    assert "comes before the measure acted (implemented on 2018-03-01)" in err


def test_a_link_from_a_measure_added_without_a_date_keeps_its_creation_date(dprk, empty):
    """Added today without a date, then dated by what happened to it in 2018: the link it
    wrote on the measure it is exchanged for moves with its creation (it stayed dated
    today, a 2026 row at the end of a 2018 timeline), though never before that measure's
    own creation; undo and redate keep to it."""
    assert dprk("add-measure", "X", "--id", "x", "--actor", "US", "--date", "2018-01-01").code == 0
    assert (
        dprk("add-measure", "Y", "--id", "y", "--actor", "DPRK", "--in-exchange-for", "x").code == 0
    )
    before = empty.read_bytes()

    def link_date() -> str:
        log = json.loads(dprk("log", "x", "--format", "json").out)
        return next(e["date"] for e in log if e["event"] == "exchange")

    assert link_date() == str(today())
    assert dprk("mark", "y", "implemented", "--date", "2018-03-01").code == 0
    assert link_date() == "2018-03-01"
    events = json.loads(dprk("timeline", "--format", "json").out)["events"]
    assert max(e["date"] for e in events) == "2018-03-01"
    assert dprk("check").out == "ok: no problems found\n"
    assert dprk("redate", "y", "1", "2018-02-01").code == 0  # its creation, dated now
    assert link_date() == "2018-02-01"
    assert dprk("mark", "y", "implemented", "--extent", "minimal", "--date", "2018-04-01").code == 0
    assert link_date() == "2018-02-01"  # (a dated creation stays, the link with it)
    for _ in range(3):
        assert dprk("undo").code == 0
    assert empty.read_bytes() == before
    assert dprk("mark", "y", "implemented", "--date", "2017-03-01").code == 0
    assert link_date() == "2018-01-01"  # not before x was created
    assert dprk("check").out == "ok: no problems found\n"


def test_a_link_imported_from_an_undated_row_keeps_its_creation_date(dprk, empty, tmp_path):
    assert dprk("add-measure", "X", "--id", "x", "--actor", "US", "--date", "2018-01-01").code == 0
    (tmp_path / "y.csv").write_text("id,title,actor,in_exchange_for\ny,Y,DPRK,x\n", "utf-8")
    assert dprk("import", "y.csv").code == 0
    assert dprk("mark", "y", "implemented", "--date", "2018-05-01").code == 0
    log = json.loads(dprk("log", "x", "--format", "json").out)
    assert [(e["date"], e["event"]) for e in log] == [
        ("2018-01-01", "created"),
        ("2018-05-01", "exchange"),
    ]
    assert dprk("check").out == "ok: no problems found\n"


def _verify_advised(said: str, ident: str = "") -> list[list[str]]:
    """The 'dprk verify' commands `said` advises, as arguments, each with its verifier
    (VERIFIER) given, and the measure (ID) `ident`; each must name --by, which verify
    requires."""
    advised = [shlex.split(c)[1:] for c in re.findall(r"'(dprk [^']*verify [^']*)'", said)]
    assert advised, said
    for args in advised:
        assert "--by" in args, said
    given = {"VERIFIER": "IAEA", "ID": ident}
    return [[given.get(a, a) for a in args] for args in advised]


def test_advice_to_record_a_finding_names_the_verifier_verify_requires(dprk, empty, tmp_path):
    """'dprk check' on a measure written as verified, with no finding, advised '(set status
    = "implemented" in the file, then 'dprk verify m')', which fails: verify requires
    --by. Each advice line naming verify that a hand edit or an import provokes names
    it (--by VERIFIER), and, followed, works."""
    with empty.open("a", encoding="utf-8") as f:
        f.write(HAND_MADE)
    checked = json.loads(dprk("check", "--format", "json").out)["problems"]
    said = next(p["message"] for p in checked if p["measure"] == "hand-verified")
    assert said.endswith(
        "(set status = \"implemented\" in the file, then 'dprk verify hand-verified --by VERIFIER')"
    ), said
    text = empty.read_text(encoding="utf-8")
    empty.write_text(text.replace('status = "verified"', 'status = "implemented"', 1))
    for args in _verify_advised(said):
        result = dprk(*args)
        assert result.code == 0, (args, result.err)
    assert status_of(dprk, "hand-verified")["status"] == "verified"
    # (a status of verified on an entry of its history, written by hand)
    assert (
        dprk("add-measure", "S", "--actor", "DPRK", "--id", "s", "--date", "2020-01-01").code == 0
    )
    assert dprk("mark", "s", "implemented", "--date", "2020-02-01").code == 0
    text = empty.read_text(encoding="utf-8")
    at = text.index('id = "s"')
    stepped = text[at:].replace('status = "implemented"', 'status = "verified"')
    empty.write_text(text[:at] + stepped, encoding="utf-8")
    said = next(
        p["message"]
        for p in json.loads(dprk("check", "--format", "json").out)["problems"]
        if p["measure"] == "s" and "come only from a verifier" in p["message"]
    )
    assert said.endswith("('dprk verify ID --by VERIFIER')"), said
    empty.write_text(text, encoding="utf-8")  # (recorded as implemented, as it says)
    for args in _verify_advised(said, "s"):
        result = dprk(*args)
        assert result.code == 0, (args, result.err)
    # (an import of a measure verified with no finding: with no history, and with one)
    history = ', "history": [{"date": "2020-01-01", "event": "created", "status": "proposed", '
    history += '"recorded": "2020-01-01T00:00:00Z"}]'
    for n, more in enumerate(("", history)):
        row = f'{{"id": "q{n}", "title": "Q{n}", "actor": "DPRK", "status": "verified"{more}}}'
        (tmp_path / "q.json").write_text(f"[{row}]", encoding="utf-8")
        result = dprk("import", "q.json")
        assert result.code == 1
        assert f"'dprk verify q{n} --by VERIFIER'" in result.err, result.err
        implemented = row.replace('"verified"', '"implemented"')
        if more:
            implemented = implemented.replace('"proposed"', '"implemented"')
        (tmp_path / "q.json").write_text(f"[{implemented}]", encoding="utf-8")
        assert dprk("import", "q.json").code == 0
        for args in _verify_advised(result.err):
            done = dprk(*args, "--date", "2020-03-01")
            assert done.code == 0, (args, done.err)
    check_is_clean(dprk)


HAND_MADE_PARTLY = """
[[measures]]
id = "hand-minimal"
title = "Carried out in part, says the file"
actor = "US"
status = "implemented"
extent = "minimal"

[[measures]]
id = "hand-found"
title = "Verified in part, says the file"
actor = "DPRK"
status = "verified"
extent = "intermediate"

[[measures.verifications]]
by = "IAEA"
result = "confirmed"
date = 2018-03-01
"""


def test_the_first_change_to_a_measure_written_by_hand_keeps_its_extent_and_findings(dprk, empty):
    """The first change dprk records for a measure written by hand writes where it stood
    as its creation: its extent with it (a note made a minimal one full), and a finding's
    entry beside the finding (the log left it out)."""
    with empty.open("a", encoding="utf-8") as f:
        f.write(HAND_MADE_PARTLY)
    assert dprk("check").code == 0
    scores = dprk("scorecard", "--format", "csv").out
    for ident in ("hand-minimal", "hand-found"):
        result = dprk("note", ident, "a note", "--date", "2018-05-01")
        assert result.code == 0, result.err
    assert status_of(dprk, "hand-minimal")["extent"] == "minimal"
    assert (status_of(dprk, "hand-found")["status"], status_of(dprk, "hand-found")["extent"]) == (
        "verified",
        "intermediate",
    )
    assert dprk("scorecard", "--format", "csv").out == scores
    log = json.loads(dprk("log", "hand-found", "--format", "json").out)
    assert [(e["event"], e["status"], e["extent"], e["date"]) for e in log] == [
        ("created", "implemented", "intermediate", "2018-03-01"),
        ("verification", "verified", None, "2018-03-01"),
        ("note", None, None, "2018-05-01"),
    ]
    assert dprk("check", "--strict").code == 0


def test_confirmations_of_extents_say_since_when_that_extent_stands(dprk, empty):
    assert dprk("add-measure", "d", "--actor", "DPRK", "--date", "2007-10-03").code == 0
    dprk("mark", "d", "implemented", "--extent", "minimal", "--date", "2007-11-05")
    result = dprk("mark", "d", "implemented", "--extent", "intermediate", "--date", "2008-06-27")
    assert result.code == 0, result.err
    assert (
        result.err == "d: implemented (intermediate) on 2008-06-27; implemented since 2007-11-05\n"
    )
    assert status_of(dprk, "d")["status_date"] == "2007-11-05"  # (as the line says)
    # carried out in full: said in words, as the status table shows it (full, since 2007)
    assert dprk("add-measure", "r", "--actor", "DPRK", "--date", "2018-06-12").code == 0
    dprk("mark", "r", "implemented", "--extent", "intermediate", "--date", "2018-07-23")
    result = dprk("mark", "r", "implemented", "--extent", "full", "--date", "2018-10-01")
    assert result.err == "r: implemented in full on 2018-10-01; implemented since 2018-07-23\n"
    r = status_of(dprk, "r")
    assert (r["status"], r["extent"], r["status_date"]) == ("implemented", "full", "2018-07-23")
    # the same extent reported again on a later day: recorded, and said to change nothing
    before = len(status_of(dprk, "d")["history"])
    result = dprk("mark", "d", "implemented", "--extent", "intermediate", "--date", "2008-07-05")
    assert result.code == 0, result.err
    assert result.err == (
        "d: recorded implemented (intermediate) on 2008-07-05; "
        "d stays implemented (intermediate) (since 2007-11-05; intermediate since 2008-06-27)\n"
        "dprk: warning: d was already implemented (intermediate) on 2008-06-27 (entry 3): "
        "if that was wrong, 'dprk drop-entry d 3' takes it back (or 'dprk undo', then "
        "'dprk redate d 3 2008-07-05' moves it)\n"
    )
    assert len(status_of(dprk, "d")["history"]) == before + 1
    assert status_of(dprk, "d")["status_date"] == "2007-11-05"  # (its status: implemented)


def test_a_confirmation_dates_the_status_as_status_does(dprk, empty):
    """Implemented in full in 2019, then found to have begun (minimal) in 2018: the line
    said 'stays implemented (since 2019-03-01)' while status said 2018-07-23. It names
    both days: when the status began, and when the extent shown was reached, and the
    day the status was from before."""
    assert dprk("add-measure", "s", "--actor", "DPRK", "--date", "2018-06-12").code == 0
    dprk("mark", "s", "implemented", "--date", "2019-03-01")
    result = dprk("mark", "s", "implemented", "--extent", "minimal", "--date", "2018-07-23")
    assert result.code == 0, result.err
    assert result.err == (
        "s: recorded implemented (minimal) on 2018-07-23; "
        "s is now implemented (since 2018-07-23; in full since 2019-03-01; it was implemented "
        "since 2019-03-01)\n"
    )
    assert status_of(dprk, "s")["status_date"] == "2018-07-23"


def test_an_implementation_said_to_be_full_is_the_same_step_as_one_said_plainly(
    dprk, empty, tmp_path
):
    """`--extent full` is what `implemented` means: written the same way (no extent in the
    entry, as the format says), and a merge of the two keeps the step once."""
    assert dprk("add-measure", "x", "--actor", "DPRK", "--date", "2018-01-01").code == 0
    base = empty.read_text(encoding="utf-8")
    for name in ("ours.toml", "theirs.toml", "base.toml"):
        (tmp_path / name).write_text(base, encoding="utf-8")
    assert dprk("-l", "ours.toml", "mark", "x", "implemented", "--date", "2018-02-01").code == 0
    result = dprk(
        "-l", "theirs.toml", "mark", "x", "implemented", "--extent", "full", "--date", "2018-02-01"
    )
    assert result.code == 0, result.err
    assert "extent" not in (tmp_path / "theirs.toml").read_text(encoding="utf-8")
    # a ledger written by an earlier dprk holds the extent: the merge knows the step anyway
    theirs = (tmp_path / "theirs.toml").read_text(encoding="utf-8")
    (tmp_path / "theirs.toml").write_text(
        theirs.replace('status = "implemented"\n', 'status = "implemented"\nextent = "full"\n'),
        encoding="utf-8",
    )
    assert 'extent = "full"' in (tmp_path / "theirs.toml").read_text(encoding="utf-8")
    merged = dprk("merge-driver", "base.toml", "ours.toml", "theirs.toml", "-o", "m.toml")
    assert merged.code == 0, merged.err
    log = json.loads(dprk("-l", "m.toml", "log", "x", "--format", "json").out)
    assert [e["status"] for e in log] == ["proposed", "implemented"]


@pytest.mark.parametrize("partial_first", [True, False])
def test_a_partial_finding_of_a_confirmation_s_day_counts_after_it_in_any_order(
    dprk, empty, partial_first
):
    """As a refutation of a confirmation's day does: the measure is verified, found in
    part since, and `--partial` lists it, whichever of the two was entered first."""
    assert dprk("add-measure", "L", "--actor", "US", "--id", "l", "--date", "2018-01-01").code == 0
    assert dprk("mark", "l", "implemented", "--date", "2018-02-05").code == 0
    findings = [["--result", "partial"], []]
    for extra in findings if partial_first else findings[::-1]:
        assert dprk("verify", "l", "--by", "Russia", *extra, "--date", "2018-02-10").code == 0
    assert status_of(dprk, "l")["status"] == "verified"
    assert dprk("status", "--partial", "--format", "ids").out == "l\n"
    row = next(line for line in dprk("status").lines if line.startswith("l "))
    assert "confirmed (Russia); partial (Russia)" in row
    check_is_clean(dprk)


@pytest.mark.parametrize("partial_first", [True, False])
@pytest.mark.parametrize("result", ["confirmed", "refuted"])
def test_a_partial_finding_by_another_verifier_of_the_day_counts_after_it_too(
    dprk, empty, partial_first, result
):
    """IAEA's partial finding of the day UN confirmed (or refuted) it was dropped from
    every view when IAEA's name came first: the table said 'confirmed (UN)' alone and
    `--partial` left it out, as a day later or by UN itself it did not."""
    assert dprk("add-measure", "M", "--actor", "US", "--id", "m", "--date", "2020-01-01").code == 0
    assert dprk("mark", "m", "implemented", "--date", "2020-03-01").code == 0
    findings = [("IAEA", "partial"), ("UN", result)]
    for by, found in findings if partial_first else findings[::-1]:
        said = dprk("verify", "m", "--by", by, "--result", found, "--date", "2020-06-10")
        assert said.code == 0, said.err
    written = empty.read_bytes()
    assert b'{ by = "IAEA", result = "partial", date = 2020-06-10 }' in written
    assert f'{{ by = "UN", result = "{result}", date = 2020-06-10 }}'.encode() in written
    expected = f"{result} (UN); partial (IAEA)"
    assert status_of(dprk, "m")["status"] == ("verified" if result == "confirmed" else "disputed")
    listed = dprk("status", "--partial", "--format", "ids")
    assert (listed.code, listed.out) == (0, "m\n")
    table = dprk("status")
    assert table.code == 0
    assert expected in next(line for line in table.lines if line.startswith("m "))
    shown = dprk("show", "m")
    assert shown.code == 0 and f"verification     {expected}\n" in shown.out
    assert dprk("report", "-o", "r.html").code == 0
    page = (empty.parent / "r.html").read_text("utf-8")
    assert f"{result} by UN" in page and "partial by IAEA" in page
    assert empty.read_bytes() == written
    check_is_clean(dprk)


def test_a_days_findings_are_listed_and_numbered_alike_whatever_order_they_were_entered(
    dprk, tmp_path
):
    """Findings by three verifiers on one day: `log` and `timeline` listed them in the
    order they were typed, so two ledgers of the same facts numbered them apart (and
    `redate`, `drop-entry` took another entry by a number). They are listed as they
    count: the confirmation, the refutation that outweighs it, the partial finding after
    both; the files hold them alike, and a number means the entry `log` shows under it."""
    typed = [("IAEA", "confirmed"), ("ROK", "refuted"), ("CTBTO", "partial")]
    logs, timelines, files = [], [], []
    for name, findings in (("a", typed), ("b", typed[::-1])):
        ledger = tmp_path / f"{name}.toml"
        for args in (
            ("init", "--party", "DPRK", "--party", "US", "--party", "ROK"),
            ("add-measure", "Close site", "--actor", "DPRK", "--id", "s", "--status",
             "implemented", "--date", "2019-02-01"),
            *(("verify", "s", "--by", by, "--result", found, "--date", "2019-03-01")
              for by, found in findings),
        ):  # fmt: skip
            said = dprk("--ledger", ledger, *args)
            assert said.code == 0, said.err
        logged = dprk("--ledger", ledger, "log", "s", "--format", "json")
        assert logged.code == 0
        logs.append([(e["n"], e["detail"]) for e in json.loads(logged.out)])
        shown = dprk("--ledger", ledger, "timeline", "--format", "json")
        assert shown.code == 0
        timelines.append([e["detail"] for e in json.loads(shown.out)["events"]])
        files.append(re.sub(rb"recorded = .*", b"", ledger.read_bytes()))
    assert (
        logs[0]
        == logs[1]
        == [
            (1, "created as implemented"),
            (2, "confirmed by IAEA"),
            (3, "refuted by ROK"),
            (4, "partial by CTBTO"),
        ]
    )
    assert timelines[0] == timelines[1], timelines
    assert [d for d in timelines[0] if "by" in d] == [
        "confirmed by IAEA",
        "refuted by ROK (a party to the talks)",
        "partial by CTBTO",
    ]
    assert files[0] == files[1]
    history = dprk("--ledger", "b.toml", "show", "s").out.split("s: history\n", 1)[1]
    assert [line.split()[-1] for line in history.splitlines()[1:]] == [
        "implemented",
        "IAEA",
        "ROK",
        "CTBTO",
    ]
    dropped = dprk("--ledger", "b.toml", "drop-entry", "s", "4")
    assert (dropped.code, dropped.out, dropped.err) == (
        0,
        "",
        "s: dropped entry 4 (partial by CTBTO on 2019-03-01); s is disputed\n",
    )
    assert b'"CTBTO"' not in (tmp_path / "b.toml").read_bytes()
    moved = dprk("--ledger", "a.toml", "redate", "s", "3", "2019-03-02")
    assert (moved.code, moved.err) == (
        0,
        "s: entry 3 (the verification by ROK on 2019-03-01) now dated 2019-03-02 (now entry 4); s "
        "is now disputed (since 2019-03-02; it was disputed since 2019-03-01)\n",
    )
    assert (
        b'by = "ROK", result = "refuted", date = 2019-03-02' in (tmp_path / "a.toml").read_bytes()
    )


def test_a_days_findings_are_in_one_order_in_show_its_json_and_the_file(dprk, tmp_path):
    """`show`'s table and `log` listed a day's findings as they count (confirmed,
    refuted, partial), but `show --format json` and the file listed them by verifier
    name: a script reading `verifications` met another order than the reader of the
    table. All now follow the one order, whatever order a hand edit or an earlier
    dprk left the file in."""
    ledger = tmp_path / "dprk-ledger.toml"
    for args in (
        ("init", "--party", "US", "--party", "Iran"),
        ("add-measure", "Assets to escrow", "--actor", "US", "--id", "escrow", "--status",
         "implemented", "--date", "1981-01-20"),
        ("verify", "escrow", "--by", "Bank of England", "--result", "partial", "--date",
         "1981-01-20"),
        ("verify", "escrow", "--by", "Iran", "--result", "refuted", "--date", "1981-01-20"),
        ("verify", "escrow", "--by", "Algeria", "--result", "confirmed", "--date",
         "1981-01-20"),
    ):  # fmt: skip
        said = dprk(*args)
        assert said.code == 0, said.err
    order = [("Algeria", "confirmed"), ("Iran", "refuted"), ("Bank of England", "partial")]
    text = ledger.read_text()
    assert [text.index(f'by = "{by}"') for by, _ in order] == sorted(
        text.index(f'by = "{by}"') for by, _ in order
    )
    shown = dprk("show", "escrow", "--format", "json")
    assert shown.code == 0
    assert [(v["by"], v["result"]) for v in json.loads(shown.out)["verifications"]] == order
    logged = dprk("log", "escrow", "--format", "json")
    assert [e["detail"] for e in json.loads(logged.out)][1:] == [
        f"{result} by {by}" for by, result in order
    ]
    # (a file an earlier dprk wrote: its findings of a day by verifier name)
    refuted, partial = (f'by = "{by}", result = "{result}"' for by, result in order[1:])
    swapped = text.replace(refuted, "@").replace(partial, refuted).replace("@", partial)
    assert swapped.index("Bank of England") < swapped.index('by = "Iran"')
    ledger.write_text(swapped)
    before = ledger.read_bytes()
    shown = dprk("show", "escrow", "--format", "json")
    assert (shown.code, shown.err) == (0, "")
    assert [(v["by"], v["result"]) for v in json.loads(shown.out)["verifications"]] == order
    table = dprk("show", "escrow").out.split("escrow: verifications\n", 1)[1]
    assert [line.split()[1] for line in table.splitlines()[1:4]] == ["Algeria", "Iran", "Bank"]
    assert ledger.read_bytes() == before
    assert dprk("check").code == 0


def test_a_days_entries_that_are_no_step_are_listed_and_numbered_by_kind(dprk, tmp_path):
    """A note, an exchange link, an order and an edit of one day were listed and
    numbered as they were typed, so two ledgers of the same facts numbered them apart
    (and `drop-entry`, `redate` and `check`'s advice took another entry by a number).
    They are listed by kind, as a measure's life runs them (notes, links, orders, edits),
    so the logs, the timelines and the files are alike, and a number names one entry."""
    typed = [
        ("link", "mor", "eow", "--date", "2018-07-07"),
        ("sequence", "eow", "--after", "inv", "--demanded-by", "US", "--date", "2018-07-07"),
        ("note", "eow", "talks", "--date", "2018-07-07"),
        ("edit", "eow", "--title", "End of the war", "--date", "2018-07-07"),
    ]
    logs, timelines, files = [], [], []
    for name, changes in (("a", typed), ("b", typed[::-1])):
        ledger = tmp_path / f"{name}.toml"
        for args in (
            ("init", "--party", "DPRK", "--party", "US"),
            ("add-measure", "End of war", "--actor", "US", "--id", "eow", "--date",
             "2018-07-07"),
            ("add-measure", "Inventory", "--actor", "DPRK", "--id", "inv", "--date",
             "2018-07-07"),
            ("add-measure", "Moratorium", "--actor", "DPRK", "--id", "mor", "--date",
             "2018-04-20"),
            *changes,
        ):  # fmt: skip
            said = dprk("--ledger", ledger, *args)
            assert said.code == 0, said.err
        logged = dprk("--ledger", ledger, "log", "eow", "--format", "json")
        assert logged.code == 0
        logs.append([(e["n"], e["event"], e["detail"]) for e in json.loads(logged.out)])
        shown = dprk("--ledger", ledger, "timeline", "--format", "json")
        assert shown.code == 0
        timelines.append(
            [(e["id"], e["event"], e["detail"]) for e in json.loads(shown.out)["events"]]
        )
        files.append(re.sub(rb"recorded = .*", b"", ledger.read_bytes()))
    assert (
        logs[0]
        == logs[1]
        == [
            (1, "created", "created as proposed"),
            (2, "note", ""),
            (3, "exchange", "in exchange for mor"),
            (4, "sequence", "after inv, demanded by US"),
            (5, "edit", "title: 'End of war' -> 'End of the war'"),
        ]
    )
    assert timelines[0] == timelines[1], timelines
    assert files[0] == files[1]
    for name in ("a", "b"):
        dropped = dprk("--ledger", f"{name}.toml", "drop-entry", "eow", "3")
        assert (dropped.code, dropped.out, dropped.err) == (
            0,
            "",
            "eow: dropped entry 3 (the exchange entry of 2018-07-07, and mor's record of "
            "it); eow is proposed\n",
        )
    a, b = ((tmp_path / f"{name}.toml").read_bytes() for name in ("a", "b"))
    assert re.sub(rb"recorded = .*", b"", a) == re.sub(rb"recorded = .*", b"", b)
    logged = dprk("--ledger", "b.toml", "log", "eow", "--format", "json")
    assert [e["event"] for e in json.loads(logged.out)] == [
        "created",
        "note",
        "sequence",
        "edit",
        "correction",
    ]
    assert dprk("--ledger", "a.toml", "check").code == 0


def test_a_link_and_its_unlink_of_one_day_keep_their_order_among_the_days_kinds(dprk, tmp_path):
    """Entries of one kind of a day keep the order they were recorded in: a link then
    its unlink leaves the two measures unlinked, listed between the day's note and its
    order, whatever those were typed before or after."""
    ledger = tmp_path / "dprk-ledger.toml"
    for args in (
        ("init", "--party", "DPRK", "--party", "US"),
        ("add-measure", "End of war", "--actor", "US", "--id", "eow", "--date", "2018-07-07"),
        ("add-measure", "Inventory", "--actor", "DPRK", "--id", "inv", "--date", "2018-07-07"),
        ("add-measure", "Moratorium", "--actor", "DPRK", "--id", "mor", "--date", "2018-04-20"),
        ("sequence", "eow", "--after", "inv", "--date", "2018-07-07"),
        ("link", "mor", "eow", "--date", "2018-07-07"),
        ("unlink", "mor", "eow", "--date", "2018-07-07"),
        ("note", "eow", "talks", "--date", "2018-07-07"),
    ):  # fmt: skip
        said = dprk(*args)
        assert said.code == 0, said.err
    logged = dprk("log", "eow", "--format", "json")
    assert [(e["n"], e["event"], e["detail"]) for e in json.loads(logged.out)] == [
        (1, "created", "created as proposed"),
        (2, "note", ""),
        (3, "exchange", "in exchange for mor"),
        (4, "exchange", "no longer in exchange for mor"),
        (5, "sequence", "after inv"),
    ]
    data = tomllib.loads(ledger.read_text())
    assert all(m.get("in_exchange_for", []) == [] for m in data["measures"])
    shown = dprk("show", "mor", "--format", "json")
    assert json.loads(shown.out)["in_exchange_for"] == []
    check_is_clean(dprk)
    assert dprk("check").code == 0


def test_partial_lists_a_measure_until_it_is_carried_further(dprk, empty):
    assert dprk("add-measure", "u", "--actor", "DPRK", "--date", "2018-01-01").code == 0
    dprk("mark", "u", "implemented", "--extent", "minimal", "--date", "2018-02-01")
    dprk("verify", "u", "--by", "V", "--result", "partial", "--date", "2018-02-10")
    assert dprk("status", "--partial", "--format", "ids").out == "u\n"
    dprk("mark", "u", "implemented", "--date", "2018-03-01")
    assert dprk("status", "--partial", "--format", "ids").out == ""
    assert dprk("status", "--unverified", "--format", "ids").out == "u\n"
    said = " ".join(dprk("status", "--help").out.split())
    assert "latest finding since they last acted is partial" in said


def test_rename_is_refused_like_any_change_while_a_status_set_by_hand_is_not_recorded(dprk, korea):
    text = korea.read_text(encoding="utf-8")
    start = text.index('id = "second-summit"')
    at = text.index('status = "proposed"', start)
    korea.write_text(
        text[:at] + 'status = "implemented"' + text[at + len('status = "proposed"') :],
        encoding="utf-8",
    )
    before = korea.read_bytes()
    result = dprk("rename", "second-summit", "summit-2", "--date", "2018-10-01")
    assert result.code == 1
    assert result.err.startswith(
        "dprk: error: second-summit: its status 'implemented' in the file is not what its "
        "history gives ('proposed'), one of the two written by hand"
    )
    assert korea.read_bytes() == before


def test_check_finds_an_extent_that_does_not_go_with_the_status(dprk, empty):
    """A pending measure written by hand at extent full scored 100 until an unrelated write
    made it 0; check said ok."""
    with empty.open("a", encoding="utf-8") as f:
        f.write(
            '\n[[measures]]\nid = "a"\ntitle = "Agreed, and full"\nactor = "US"\n'
            'status = "agreed"\nextent = "full"\n'
        )
    result = dprk("check")
    assert result.code == 1
    assert (
        "error: a: extent is 'full' but its status is 'agreed' (one that has not acted is not "
        'initiated); set extent = "not-initiated" in the file, or leave it out [status-history]'
    ) in result.out
    before = empty.read_bytes()
    result = dprk("note", "a", "a note", "--date", "2018-01-01")
    assert result.code == 1 and empty.read_bytes() == before


@pytest.mark.parametrize("hand_edit", ["refuted", "removed"])
def test_check_finds_a_finding_in_the_history_without_its_record(dprk, empty, hand_edit):
    """A record changed to refuted, or removed, by hand: the history still says
    'confirmed', and check said ok while status showed 'verified ... refuted'."""
    assert dprk("add-measure", "a", "--actor", "US", "--date", "2018-01-01").code == 0
    dprk("mark", "a", "implemented", "--date", "2018-02-01")
    dprk("verify", "a", "--by", "V", "--date", "2018-03-01")
    text = empty.read_text(encoding="utf-8")
    if hand_edit == "refuted":
        text = text.replace('result = "confirmed"', 'result = "refuted"')
    else:
        start = text.index("verifications = [")
        text = text[:start] + text[text.index("]\n", start) + 2 :]
    empty.write_text(text, encoding="utf-8")
    result = dprk("check")
    assert result.code == 1
    assert (
        "error: a: the finding 'confirmed by V' of 2018-03-01 in its history has no record "
        "under its verifications (removed or changed by hand)"
    ) in result.out


def test_check_finds_a_finding_copied_by_hand_and_drop_finding_mends_it(dprk, empty):
    """A finding's record and its entry copied by hand: `verify` and `import` refuse a
    finding given twice, but check said ok. It names it; the advice, followed, mends it,
    and a write meanwhile is not refused for a problem the file had already."""
    assert dprk("add-measure", "a", "--actor", "US", "--date", "2018-01-01").code == 0
    dprk("mark", "a", "implemented", "--date", "2018-02-01")
    dprk("verify", "a", "--by", "38 North", "--date", "2018-03-01")
    text = empty.read_text(encoding="utf-8")
    record = '    { by = "38 North", result = "confirmed", date = 2018-03-01 },\n'
    entry = text[text.rindex("[[measures.history]]") :]
    empty.write_text(text.replace(record, record * 2) + "\n" + entry, encoding="utf-8")
    result = dprk("check")
    assert (result.code, result.out) == (
        1,
        "error: a: confirmed by 38 North on 2018-03-01 is on record twice (a copy made by "
        "hand, or by a merge); drop one with 'dprk drop-finding a 4' ('dprk log a' numbers "
        "the entries) [finding-records]\n1 error, 0 warnings\n",
    )
    assert dprk("note", "a", "seen on imagery").code == 0
    log = json.loads(dprk("log", "a", "--format", "json").out)
    found = [e["n"] for e in log if e["event"] == "verification"]
    assert len(found) == 2
    result = dprk("drop-finding", "a", str(found[-1]))
    assert result.code == 0, result.err
    assert dprk("check").out == "ok: no problems found\n"
    kept = tomllib.loads(empty.read_text(encoding="utf-8"))["measures"][0]
    assert [v["by"] for v in kept["verifications"]] == ["38 North"]
    assert status_of(dprk, "a")["status"] == "verified"


@pytest.mark.parametrize("copied", ["record", "entry"])
def test_a_finding_copied_halfway_by_hand_is_named_a_copy_with_a_fix_that_works(
    dprk, empty, copied
):
    """Only the record, or only the entry, of a finding copied by hand: check said the
    record had no entry (advising a `verify` it then refused) or the entry had no record
    (advising to restore one that was there). Each is named a copy, with its fix."""
    assert dprk("add-measure", "a", "--actor", "US", "--date", "2018-01-01").code == 0
    dprk("mark", "a", "implemented", "--date", "2018-02-01")
    dprk("verify", "a", "--by", "IAEA", "--date", "2018-03-01")
    text = empty.read_text(encoding="utf-8")
    record = '    { by = "IAEA", result = "confirmed", date = 2018-03-01 },\n'
    if copied == "record":
        text = text.replace(record, record * 2)
    else:
        text += "\n" + text[text.rindex("[[measures.history]]") :]
    empty.write_text(text, encoding="utf-8")
    result = dprk("check")
    said = {
        "record": "error: a: the finding 'confirmed by IAEA' of 2018-03-01 is under its "
        "verifications twice, in its history once (a copy made by hand); delete one of the "
        "two from the file's verifications [finding-records]\n",
        "entry": "error: a: the finding 'confirmed by IAEA' of 2018-03-01 is in its history "
        "twice, its record once (a copy made by hand); drop the copy with 'dprk drop-finding "
        "a 4' ('dprk log a' numbers the entries) [finding-records]\n",
    }[copied]
    assert (result.code, result.out) == (1, said + "1 error, 0 warnings\n")
    if copied == "record":
        empty.write_text(text.replace(record * 2, record), encoding="utf-8")
    else:
        log = json.loads(dprk("log", "a", "--format", "json").out)
        n = [e["n"] for e in log if e["event"] == "verification"][-1]
        assert dprk("drop-finding", "a", str(n)).code == 0
    assert dprk("check").out == "ok: no problems found\n"
    assert status_of(dprk, "a")["status"] == "verified"


def test_marking_an_undated_measure_as_it_was_created_keeps_its_creation_undated(dprk, empty):
    """`mark a proposed --date D` on a measure added as proposed without a date dated its
    creation D: a rejection found afterwards, dated before D, was then refused as before
    the creation, though typed first it was accepted. The step is kept beside the
    undated creation, and the timeline draws the two as one row (not two on one day; a
    proposal, no party's move)."""
    assert dprk("add-measure", "a", "--actor", "US", "--note", "heard first").code == 0
    result = dprk("mark", "a", "proposed", "--date", "2018-07-07")
    assert (result.code, result.out, result.err) == (0, "", "a: proposed on 2018-07-07\n")
    log = json.loads(dprk("log", "a", "--format", "json").out)
    assert [(e["event"], e["date"], e["status"]) for e in log] == [
        ("created", "2018-07-07", "proposed"),
        ("status", "2018-07-07", "proposed"),
    ]
    assert tomllib.loads(empty.read_text(encoding="utf-8"))["measures"][0]["history"][0]["undated"]
    drawn = json.loads(dprk("timeline", "--format", "json").out)["events"]
    assert [(e["date"], e["event"], e["status"], e["move"], e["note"]) for e in drawn] == [
        ("2018-07-07", "status", "proposed", False, "heard first")
    ]
    before = empty.read_bytes()
    err = refused(dprk, empty, "mark", "a", "proposed", "--date", "2018-07-07")
    assert "already proposed on 2018-07-07" in err
    assert empty.read_bytes() == before
    earlier = dprk("mark", "a", "rejected", "--date", "2018-07-01")
    assert (earlier.code, earlier.err) == (
        0,
        "a: recorded rejected on 2018-07-01; a stays proposed (since 2018-07-07)\n",
    )
    log = json.loads(dprk("log", "a", "--format", "json").out)
    assert [(e["event"], e["date"], e["status"]) for e in log] == [
        ("created", "2018-07-01", "proposed"),
        ("status", "2018-07-01", "rejected"),
        ("status", "2018-07-07", "proposed"),
    ]
    drawn = json.loads(dprk("timeline", "--format", "json").out)["events"]
    assert [(e["date"], e["event"], e["status"]) for e in drawn] == [
        ("2018-07-01", "created", "proposed"),
        ("2018-07-01", "status", "rejected"),
        ("2018-07-07", "status", "proposed"),
    ]
    assert dprk("check", "--strict").code == 0


def test_an_undated_whole_marked_later_keeps_its_creation_drawn_where_its_parts_began(dprk, empty):
    """A whole added without a date is drawn made on the day its parts first acted; a
    step of its own status recorded later (before a part acted: after, it would be an
    offer made again of a measure carried out, which is refused) is drawn on its day,
    and the creation stays."""
    for args in (
        ("add-measure", "W", "--actor", "US", "--id", "w"),
        (
            "add-measure",
            "P",
            "--actor",
            "US",
            "--id",
            "p",
            "--part-of",
            "w",
            "--date",
            "2020-01-01",
        ),  # fmt: skip
        ("mark", "w", "proposed", "--date", "2020-01-03"),
        ("mark", "p", "implemented", "--date", "2020-01-05"),
    ):
        assert dprk(*args).code == 0
    drawn = json.loads(dprk("timeline", "--format", "json").out)["events"]
    assert [(e["date"], e["event"], e["status"]) for e in drawn if e["id"] == "w"] == [
        ("2020-01-01", "created", "proposed"),
        ("2020-01-03", "status", "proposed"),
        ("2020-01-05", "parts", "implemented"),
    ]
    # (after the part acted, the offer made again is refused, the file unchanged)
    before = empty.read_bytes()
    again = dprk("mark", "w", "proposed", "--date", "2020-03-01")
    assert again.code == 1 and "cannot be pending again" in again.err
    assert empty.read_bytes() == before


@pytest.mark.parametrize("first", ["proposed", "rejected"])
def test_a_step_and_an_earlier_rejection_give_one_history_in_either_order(dprk, empty, first):
    """The same two facts about a measure added without a date, typed in either order,
    leave the same history and the same answers."""
    assert dprk("add-measure", "Offer", "--actor", "US", "--id", "offer").code == 0
    days = {"proposed": "2020-02-04", "rejected": "2020-01-23"}
    for status in (first, *(s for s in days if s != first)):
        result = dprk("mark", "offer", status, "--date", days[status])
        assert result.code == 0, result.err
    log = json.loads(dprk("log", "offer", "--format", "json").out)
    assert [(e["event"], e["date"], e["status"]) for e in log] == [
        ("created", "2020-01-23", "proposed"),
        ("status", "2020-01-23", "rejected"),
        ("status", "2020-02-04", "proposed"),
    ]
    for day, status in (("2020-01-30", "rejected"), ("2020-02-05", "proposed")):
        assert status_of_on(dprk, "offer", day) == status
    assert dprk("check", "--strict").code == 0


@pytest.mark.parametrize("first", ["note", "mark"])
def test_a_step_on_the_day_another_event_lent_an_undated_creation_is_its_own(dprk, empty, first):
    """A note of 1 May dated the undated creation so: 'mark proposed' of 1 May was then
    refused as already proposed that day, and a withdrawal of 15 April found later left
    the measure withdrawn; typed the other way round, both were kept and it stood
    proposed. The step is its own whatever the order."""
    assert dprk("add-measure", "Offer talks", "--actor", "US", "--id", "talks").code == 0
    facts = {
        "note": ("note", "talks", "reported", "--date", "2018-05-01"),
        "mark": ("mark", "talks", "proposed", "--date", "2018-05-01"),
    }
    for args in (facts[first], *(f for key, f in facts.items() if key != first)):
        result = dprk(*args)
        assert result.code == 0, result.err
    later = dprk("mark", "talks", "withdrawn", "--date", "2018-04-15")
    assert later.err == (
        "talks: recorded withdrawn on 2018-04-15; talks stays proposed (since 2018-05-01)\n"
    )
    log = json.loads(dprk("log", "talks", "--format", "json").out)
    assert [(e["date"], e["event"], e["status"]) for e in log] == [
        ("2018-04-15", "created", "proposed"),
        ("2018-04-15", "status", "withdrawn"),
        ("2018-05-01", "note", None),
        ("2018-05-01", "status", "proposed"),
    ]
    assert dprk("check", "--strict").code == 0


def test_a_step_on_the_day_a_hand_over_lent_an_undated_creation_is_kept(dprk, empty):
    assert dprk("add-measure", "T", "--actor", "US", "--id", "t", "--status", "agreed").code == 0
    assert dprk("edit", "t", "--actor", "DPRK", "--date", "2018-05-01").code == 0
    kept = dprk("mark", "t", "agreed", "--date", "2018-05-01")
    assert (kept.code, kept.err) == (0, "t: agreed on 2018-05-01\n")
    before = empty.read_bytes()
    again = dprk("mark", "t", "agreed", "--date", "2018-05-01")
    assert (again.code, again.err) == (
        1,
        "dprk: error: measure 't' is already agreed on 2018-05-01\n",
    )
    assert empty.read_bytes() == before
    log = json.loads(dprk("log", "t", "--format", "json").out)
    assert [(e["date"], e["event"], e["status"]) for e in log] == [
        ("2018-05-01", "created", "agreed"),
        ("2018-05-01", "edit", None),
        ("2018-05-01", "status", "agreed"),
    ]


def status_of_on(dprk, ident: str, day: str) -> str:
    view = json.loads(dprk("status", "--as-of", day, "--format", "json").out)
    return next(m["status"] for m in view["measures"] if m["id"] == ident)


def test_check_finds_a_link_or_an_order_listed_twice_by_hand(dprk, empty):
    """Listed twice by hand, an exchange link showed as 'b; b' and an order twice in
    `show`, and check said ok. Setting the order again leaves one."""
    assert dprk("add-measure", "a", "--actor", "US", "--date", "2018-01-01").code == 0
    assert (
        dprk(
            "add-measure", "b", "--actor", "DPRK", "--date", "2018-01-01", "--in-exchange-for", "a"
        ).code
        == 0
    )
    dprk("sequence", "b", "--after", "a", "--date", "2018-01-02")
    text = empty.read_text(encoding="utf-8")
    text = text.replace('in_exchange_for = [\n    "b",\n]', 'in_exchange_for = ["b", "b"]')
    twice = '    { after = "a" },\n    { after = "a", demanded_by = "US" },\n'
    text = text.replace('    { after = "a" },\n', twice)
    empty.write_text(text, encoding="utf-8")
    result = dprk("check")
    assert result.code == 1
    assert result.out == (
        "error: a: in_exchange_for names 'b' twice; remove one in the file [repeated-links]\n"
        "error: b: has more than one sequencing constraint with 'a'; keep one in the file, or "
        "set the one in force with 'dprk sequence b --after a' (or --with) [repeated-links]\n"
        "2 errors, 0 warnings\n"
    )
    # the advice works: setting the order in force again leaves one
    result = dprk("sequence", "b", "--after", "a", "--date", "2018-01-03")
    assert result.code == 0, result.err
    assert json.loads(dprk("show", "b", "--format", "json").out)["constraints"] == [
        {"after": "a", "require": "acted", "demanded_by": None, "verified_by": None}
    ]
    assert dprk("check").out.startswith("error: a: in_exchange_for names 'b' twice")


def test_a_measure_s_status_moved_below_its_history_is_said_to_be_moved_back(dprk, tmp_path):
    """A measure's status line moved below its last [[measures.history]] was said to be
    the note's, to remove (then the measure was proposed); below a 'status' entry, a
    TOML error of '(ledger)', 'Cannot overwrite a value'. Both name the measure's field
    moved, and where to put it back; followed, the ledger is read as it was."""
    ledger = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--party", "A", "--party", "B").code == 0
    assert dprk("add-measure", "X", "--actor", "A", "--id", "x", "--date", "2018-01-01").code == 0
    assert dprk("mark", "x", "implemented", "--date", "2018-02-01").code == 0
    acted = ledger.read_text(encoding="utf-8")
    assert dprk("note", "x", "seen", "--date", "2018-03-01").code == 0
    good = ledger.read_text(encoding="utf-8")
    line = 'status = "implemented"\n'
    first = "\n[[measures.history]]\n"
    assert good.count(line + first) == 1
    for text, said in (
        (
            good.replace(line + first, first) + line,
            "error: x: line 27: field 'history[3]': status = \"implemented\": probably the "
            "measure's, "
            "moved below its history, as a 'note' entry cannot hold it and the measure has "
            "none: move it above the measure's first [[measures.history]] [fields]\n",
        ),
        (
            acted.replace(line + first, first) + line,
            f"error: dprk-ledger.toml: line {acted.count(chr(10))}, column 23: 'status' is "
            "given twice in [[measures.history]], likely a field of the measure moved below "
            "its history (TOML reads it as the last entry's): move it above the measure's "
            "first [[measures.history]] [file]\n",
        ),
    ):
        ledger.write_text(text, encoding="utf-8")
        result = dprk("check")
        assert (result.code, result.err) == (1, "")
        assert result.out == (
            f"{said}dprk-ledger.toml cannot be read until this is mended; its rules are "
            "checked then\n1 error, 0 warnings\n"
        )
        assert ledger.read_text(encoding="utf-8") == text
        # (followed: the line moved above the measure's first [[measures.history]])
        ledger.write_text(text.removesuffix(line).replace(first, line + first, 1), "utf-8")
        assert dprk("check").code == 0
        shown = json.loads(dprk("show", "x", "--format", "json").out)
        assert shown["status"] == "implemented"


def test_a_history_entry_that_sets_a_status_its_event_does_not_is_refused(dprk, empty):
    """A hand-written note with status = "implemented" made the measure implemented, and
    a 'status' entry with no status passed; check said ok. Both are errors on reading,
    naming the entry; a time written without its offset is taken as UTC and written
    back with it."""
    assert dprk("add-measure", "m1", "--actor", "US", "--date", "2018-06-12").code == 0
    dprk("note", "m1", "seen", "--date", "2018-06-20")
    good = empty.read_text(encoding="utf-8")
    bad = good.replace('event = "note"\n', 'event = "note"\nstatus = "implemented"\n')
    empty.write_text(bad, encoding="utf-8")
    result = dprk("check")
    assert (result.code, result.err) == (1, "")
    assert result.out == (
        "error: m1: line 22: field 'history[2]': a 'note' entry sets no status; remove its "
        "status = "
        "\"implemented\" (a change of status is a 'status' entry) [fields]\n"
        "dprk-ledger.toml cannot be read until this is mended; its rules are checked then\n"
        "1 error, 0 warnings\n"
    )
    assert dprk("status").err == (
        "dprk: error: dprk-ledger.toml: line 22: measure 'm1', field 'history[2]': a 'note' "
        "entry sets "
        "no status; remove its status = \"implemented\" (a change of status is a 'status' "
        "entry)\n"
    )
    assert empty.read_text(encoding="utf-8") == bad
    empty.write_text(good.replace('event = "note"\n', 'event = "status"\n'), encoding="utf-8")
    assert (
        "field 'history[2]': a 'status' entry gives the status it sets [fields]\n"
        in dprk("check").out
    )
    # an extent on an entry that is no implementation: named at the entry, not at the
    # measure's own extent, which check sent the user back and forth about
    agreed_in_full = good.replace(
        'event = "created"\nstatus = "proposed"\n',
        'event = "created"\nstatus = "proposed"\nextent = "full"\n',
    )
    empty.write_text(agreed_in_full, encoding="utf-8")
    assert (
        'field \'history[1]\': extent = "full" goes only with status = "implemented" (how '
        "far it was carried out); remove it from this entry [fields]\n" in dprk("check").out
    )
    naive = re.sub(r"recorded = (\S+) (\S+)\+00:00", r"recorded = \1T\2", good)
    assert "+00:00" not in naive
    empty.write_text(naive, encoding="utf-8")
    assert dprk("check").code == 0
    assert dprk("note", "m1", "again", "--date", "2018-06-21").code == 0
    text = empty.read_text(encoding="utf-8")
    assert "[[measures.history]]" in text and "history = [" not in text
    assert text.count("+00:00") == 3


def test_a_status_set_by_hand_that_its_history_cannot_reach_is_not_advised_to_be_marked(
    dprk, empty
):
    """Implemented, then set back to 'agreed' by hand: the refusal told the user to run
    'dprk mark x agreed', which the rules then refuse for any date."""
    assert dprk("add-measure", "x", "--actor", "US", "--date", "2018-01-01").code == 0
    dprk("mark", "x", "implemented", "--date", "2018-02-01")
    text = empty.read_text(encoding="utf-8")
    empty.write_text(text.replace('status = "implemented"\n', 'status = "agreed"\n', 1))
    before = empty.read_bytes()
    result = dprk("note", "x", "hi", "--date", "2018-03-01")
    assert result.code == 1 and empty.read_bytes() == before
    assert result.err == (
        "dprk: error: x: its status 'agreed' in the file is not what its history gives "
        "('implemented'), one of the two written by hand; set status = \"implemented\" in the file, since it cannot become "
        "'agreed' by its history: a measure that has acted cannot be pending again (mark it "
        "reversed if it was undone); nothing was written\n"
    )
    assert "since it cannot become 'agreed' by its history" in dprk("check").out


def test_a_verified_measure_set_back_to_implemented_by_hand_is_advised_to_drop_the_finding(
    dprk, empty
):
    """Verified, then set to 'implemented' by hand: check advised 'dprk mark j ...', and
    the refusal of the next write 'dprk mark j implemented', which the write then refused
    with the same words, for any date: the finding stands over a new action of the same
    extent. The way that works is to drop the finding, as both now say."""
    assert dprk("add-measure", "J", "--actor", "US", "--id", "j", "--date", "2022-07-22").code == 0
    assert dprk("mark", "j", "implemented", "--date", "2022-08-01").code == 0
    assert dprk("verify", "j", "--by", "JCC", "--date", "2022-08-05").code == 0
    text = empty.read_text(encoding="utf-8")
    empty.write_text(text.replace('status = "verified"\n', 'status = "implemented"\n', 1))
    advice = (
        "drop the findings since it last acted ('dprk log j' numbers the entries, 'dprk "
        "drop-finding j N' drops one)"
    )
    check = dprk("check")
    assert check.code == 1
    checked = (  # (check numbers the one finding: the file's, as 'dprk log' does)
        "error: j: status is 'implemented' but its history gives 'verified'; set status = "
        '"verified" in the file, or, for it to stand implemented, drop the finding since it '
        "last acted ('dprk drop-finding j 3') [status-history]"
    )
    assert checked in check.out
    before = empty.read_bytes()
    refused = dprk("mark", "j", "implemented", "--date", "2022-08-07")
    assert refused.code == 1 and empty.read_bytes() == before
    assert refused.err == (
        "dprk: error: j: its status 'implemented' in the file is not what its history gives "
        f"('verified'), one of the two written by hand; first {advice} (or correct the file); "
        "nothing was written\n"
    )
    dropped = dprk("drop-finding", "j", "3")
    assert dropped.code == 0
    assert dprk("check").out == "ok: no problems found\n"
    assert status_of(dprk, "j")["status"] == "implemented"
    # Two findings: each drop but the last left the status set by hand against the
    # history, and was refused with the same advice; the file is set first.
    for by, day in (("JCC", "2022-08-05"), ("UN", "2022-08-06")):
        assert dprk("verify", "j", "--by", by, "--date", day).code == 0
    text = empty.read_text(encoding="utf-8")
    empty.write_text(text.replace('status = "verified"\n', 'status = "implemented"\n', 1))
    checked = (  # (each numbered, the last first: dropping one renumbers those after it)
        "error: j: status is 'implemented' but its history gives 'verified'; set status = "
        '"verified" in the file, or, for it to stand implemented, drop the findings since it '
        "last acted ('dprk drop-finding j 4', then 'dprk drop-finding j 3'); more than one: "
        "set the file first, then drop them [status-history]"
    )
    assert checked in dprk("check").out  # (the same words, read anew or not)
    advice = advice.replace("drops one)", "drops one; 2 to drop)")
    refused = dprk("drop-finding", "j", "4")
    assert refused.code == 1
    assert refused.err == (
        "dprk: error: j: its status 'implemented' in the file is not what its history gives "
        f"('verified'), one of the two written by hand; first set status = \"verified\" in the file, then {advice}; nothing was "
        "written\n"
    )
    text = empty.read_text(encoding="utf-8")
    empty.write_text(text.replace('status = "implemented"\n', 'status = "verified"\n', 1))
    assert dprk("drop-finding", "j", "4").code == 0 and dprk("drop-finding", "j", "3").code == 0
    assert dprk("check").out == "ok: no problems found\n"
    assert status_of(dprk, "j")["status"] == "implemented"


def test_a_link_given_again_stays_on_both_sides_on_earlier_days(dprk, empty):
    """y was added in exchange for x, and the link given again later: on a day between,
    --as-of showed x exchanged for y and y for nothing (the link given at y's creation is
    written on x alone, and y's own record of it began with the later one)."""
    assert dprk("add-measure", "X", "--actor", "US", "--id", "x", "--date", "2020-01-01").code == 0
    assert dprk("add-measure", "Y", "--actor", "DPRK", "--id", "y", "--in-exchange-for", "x",
                "--date", "2020-01-02").code == 0  # fmt: skip
    result = dprk("link", "x", "y", "--date", "2020-01-20")
    assert result.code == 0 and "as it stands" in result.err

    def links(day: str) -> dict[str, list[str]]:
        doc = json.loads(dprk("status", "--as-of", day, "--format", "json").out)
        return {m["id"]: m["in_exchange_for"] for m in doc["measures"]}

    assert links("2020-01-10") == {"x": ["y"], "y": ["x"]}
    assert links("2020-01-01") == {"x": []}
    assert 'event = "exchange"' in empty.read_text("utf-8")
    assert dprk("check").code == 0


def test_an_implementation_reported_again_once_verified_is_recorded_in_any_order(
    dprk, empty, tmp_path
):
    """Shut down in 2007 and verified; the reversal of 2009 and the shutdown again that
    October, found in that order or the other. Typed with the shutdown again first, it
    was refused ('it is verified already'), though the guide says a step reported again
    is recorded: it is, and changes nothing until the reversal between is found."""
    steps = [
        ["mark", "s", "reversed", "--date", "2009-04-14"],
        ["mark", "s", "implemented", "--date", "2009-10-14"],
    ]
    answers = []
    for order in (steps, steps[::-1]):
        ledger = tmp_path / f"{len(answers)}.toml"
        for args in (
            ["init", "--party", "DPRK"],
            ["add-measure", "Shut down Yongbyon", "--actor", "DPRK", "--id", "s",
             "--date", "2007-02-13", "--status", "agreed"],
            ["mark", "s", "implemented", "--date", "2007-07-14"],
            ["verify", "s", "--by", "IAEA", "--date", "2007-07-18"],
        ):  # fmt: skip
            assert dprk("--ledger", ledger, *args).code == 0
        said = [dprk("--ledger", ledger, *args) for args in order]
        assert [r.code for r in said] == [0, 0], [r.err for r in said]
        if order[0][2] == "implemented":
            assert said[0].err == (
                "s: recorded implemented on 2009-10-14; s stays verified (since 2007-07-18)\n"
            )
        s = json.loads(dprk("--ledger", ledger, "status", "--format", "json").out)["measures"][0]
        answers.append((s["status"], s["status_date"], s["verified_by"]))
        assert dprk("--ledger", ledger, "check").code == 0
    assert answers == [("implemented", "2009-10-14", [])] * 2
    # given no date, or on the day of the step on record, it is refused as before
    assert dprk("--ledger", ledger, "verify", "s", "--by", "IAEA", "--date", "2009-11-01").code == 0
    before = ledger.read_bytes()
    for args, words in (
        (["mark", "s", "implemented"], "measure 's' is already implemented, and verified, on"),
        (["mark", "s", "implemented", "--date", "2009-10-14"], "already implemented on 2009-10-14"),
    ):
        result = dprk("--ledger", ledger, *args)
        assert result.code == 1 and words in result.err, result.err
        assert ledger.read_bytes() == before


def test_a_step_a_later_one_repeats_is_confirmed_as_recorded_not_as_the_status(dprk, empty):
    """Withdrawn in March and agreed again in April, then the agreement of February
    found: the line said 'm: agreed on 2018-02-01; m is agreed since 2018-04-01', the
    form of an event that is now the status. The status is April's: the line says the
    event is recorded and what stays, as status and the guide say."""
    for args in (
        ["add-measure", "M", "--actor", "DPRK", "--id", "m", "--date", "2018-01-01"],
        ["mark", "m", "withdrawn", "--date", "2018-03-01"],
        ["mark", "m", "agreed", "--date", "2018-04-01"],
        ["add-measure", "R", "--actor", "DPRK", "--id", "r", "--date", "2018-01-01"],
        ["mark", "r", "implemented", "--extent", "minimal", "--date", "2018-05-01"],
        ["mark", "r", "reversed", "--date", "2018-06-01"],
        ["mark", "r", "implemented", "--extent", "minimal", "--date", "2018-07-01"],
    ):
        assert dprk(*args).code == 0
    said = dprk("mark", "m", "agreed", "--date", "2018-02-01")
    assert said.err == "m: recorded agreed on 2018-02-01; m stays agreed (since 2018-04-01)\n"
    assert status_of(dprk, "m")["status_date"] == "2018-04-01"
    said = dprk("mark", "r", "implemented", "--extent", "minimal", "--date", "2018-05-15")
    assert said.err == (
        "r: recorded implemented (minimal) on 2018-05-15; "
        "r stays implemented (minimal) (since 2018-07-01)\n"
        "dprk: warning: r was already implemented (minimal) on 2018-05-01 (entry 2): if "
        "that was wrong, 'dprk drop-entry r 2' takes it back (or 'dprk undo', then 'dprk "
        "redate r 2 2018-05-15' moves it)\n"
    )
    assert status_of(dprk, "r")["status_date"] == "2018-07-01"


# --- a step found before the one it follows ------------------------------------------------

# Carried out in June, undone in November, offered again in December.
_REOFFER = {
    "implemented": ("mark", "c", "implemented", "--date", "2018-06-01"),
    "reversed": ("mark", "c", "reversed", "--date", "2018-11-01"),
    "agreed": ("mark", "c", "agreed", "--date", "2018-12-01"),
}


def test_an_offer_made_again_found_first_leaves_a_gap_not_a_dead_end(dprk, empty, tick):
    """The offer of December typed first: the June action was refused ('a measure that has
    acted cannot be pending again'), and so was the November reversal ('only a measure
    that has acted can be reversed'): neither could be entered at all. The action found
    later is recorded now, with a warning that the step between is missing, until the
    reversal is in."""
    assert dprk("add-measure", "C", "--actor", "US", "--id", "c", "--date", "2018-01-01").code == 0
    tick()
    assert dprk(*_REOFFER["agreed"]).code == 0
    tick()
    found = dprk(*_REOFFER["implemented"])
    assert found.code == 0
    assert found.err == (
        "c: recorded implemented on 2018-06-01; c stays agreed (since 2018-12-01)\n"
        "dprk: warning: c: implemented on 2018-06-01 comes before agreed on 2018-12-01, "
        "which was recorded first: nothing on record has it undone between the two: record "
        "when it was, on a day from 2018-06-01 to 2018-11-30 ('dprk mark c reversed --date "
        "YYYY-MM-DD'), or correct one of the two "
        "dates ('dprk log c' numbers the entries, 'dprk redate' corrects one)\n"
    )
    assert (status_of(dprk, "c")["status"], status_of(dprk, "c")["status_date"]) == (
        "agreed",
        "2018-12-01",
    )
    data = tomllib.loads(empty.read_text(encoding="utf-8"))
    assert [h["status"] for h in data["measures"][0]["history"]] == [
        "proposed",
        "implemented",
        "agreed",
    ]
    for _ in range(2):  # read anew, then from what the first read kept
        checked = dprk("check", "--format", "json")
        assert checked.code == 0
        doc = json.loads(checked.out)
        assert (doc["errors"], doc["warnings"]) == (0, 1)
        assert [(p["severity"], p["check"]) for p in doc["problems"]] == [
            ("warning", "missing-steps")
        ]
    assert dprk("check", "--strict").code == 1
    tick()
    closed = dprk(*_REOFFER["reversed"])
    assert closed.err == ("c: recorded reversed on 2018-11-01; c stays agreed (since 2018-12-01)\n")
    assert dprk("check").out == "ok: no problems found\n"
    on = json.loads(dprk("status", "--as-of", "2018-11-15", "--format", "json").out)
    assert on["measures"][0]["status"] == "reversed"


def test_a_step_typed_after_the_one_it_contradicts_is_still_refused(dprk, empty, tick):
    """The gap is for a step found later than the one that follows it: an offer typed
    while the action was on record, with no reversal between, contradicts it."""
    assert dprk("add-measure", "C", "--actor", "US", "--id", "c", "--date", "2018-01-01").code == 0
    tick()
    assert dprk(*_REOFFER["implemented"]).code == 0
    tick()
    err = refused(dprk, empty, *_REOFFER["agreed"])
    assert err == (
        "dprk: error: c: implemented on 2018-06-01 comes before agreed on 2018-12-01: a "
        "measure that has acted cannot be pending again (mark it reversed if it was undone); "
        "nothing was written\n"
    )
    tick()  # a reversal typed after a rejection: refused (a rejected measure never acted)
    assert dprk("add-measure", "D", "--actor", "US", "--id", "d", "--date", "2018-01-01").code == 0
    tick()
    assert dprk("mark", "d", "rejected", "--date", "2018-02-01").code == 0
    tick()
    assert "only a measure that has acted can be reversed, and a rejected one has not" in (
        refused(dprk, empty, "mark", "d", "reversed", "--date", "2018-11-01")
    )


@pytest.mark.parametrize("clock", ["ticking", "one second"])
@pytest.mark.parametrize("order", list(itertools.permutations(_REOFFER)))
def test_a_reoffer_enters_in_any_order_a_refused_fact_typed_again_later(
    dprk, empty, tick, monkeypatch, order, clock
):
    """Whatever order the three facts are found in, each is recorded, at once or (refused
    with what to record first) once the next one is in; and the ledger ends the same.
    Also when every command records in one second (a script, a fixed SOURCE_DATE_EPOCH):
    the June action typed after the December offer was refused as contradicting it, or
    not, by whether the clock turned between the two, and could end a dead end (the
    reversal waits for the action, the action for the reversal). A command now knows
    that what it records was found after what is on record, however soon after."""
    if clock == "one second":
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    assert dprk("add-measure", "C", "--actor", "US", "--id", "c", "--date", "2018-01-01").code == 0
    if order[:2] == ("agreed", "implemented"):  # (the gap's words say which was first)
        for name in order[:2]:
            if clock == "ticking":
                tick()
            said = dprk(*_REOFFER[name]).err
        # (the command knows what it records was found after what is on record; `check`,
        # reading the file, knows it to the second)
        first = "which was recorded first"
        assert f"implemented on 2018-06-01 comes before agreed on 2018-12-01, {first}: " in said
        read = "which was recorded first" if clock == "ticking" else "both recorded in one second"
        assert f"implemented on 2018-06-01 comes before agreed on 2018-12-01, {read}: " in (
            dprk("check").out
        )
        assert dprk("undo").code == 0 and dprk("undo").code == 0
    waiting = list(order)
    rounds = 0
    while waiting and rounds < 3:
        rounds += 1
        for name in list(waiting):
            if clock == "ticking":
                tick()
            if dprk(*_REOFFER[name]).code == 0:
                waiting.remove(name)
    assert waiting == []
    log = json.loads(dprk("log", "c", "--format", "json").out)
    assert [(e["date"], e["status"]) for e in log] == [
        ("2018-01-01", "proposed"),
        ("2018-06-01", "implemented"),
        ("2018-11-01", "reversed"),
        ("2018-12-01", "agreed"),
    ]
    assert dprk("check").out == "ok: no problems found\n"


def test_a_withdrawal_found_first_names_each_missing_step(dprk, empty, tick):
    """Withdrawn in 2019, found first; then the action and the reversal before it: each
    warning names the step still missing, until the offer made again is in."""
    assert dprk("add-measure", "C", "--actor", "US", "--id", "c", "--date", "2018-01-01").code == 0
    tick()
    assert dprk("mark", "c", "withdrawn", "--date", "2019-03-01").code == 0
    tick()
    acted = dprk(*_REOFFER["implemented"])
    assert acted.code == 0
    assert "nothing on record has it undone and offered again between the two" in acted.err
    tick()
    undone = dprk(*_REOFFER["reversed"])
    assert undone.code == 0
    assert (
        "reversed on 2018-11-01 comes before withdrawn on 2019-03-01, which was recorded "
        "first: nothing on record has it offered again between the two: record when it was, on "
        "a day from 2018-11-02 to 2019-03-01 ('dprk mark c proposed --date YYYY-MM-DD')"
    ) in undone.err
    tick()
    offered = dprk(*_REOFFER["agreed"])
    assert offered.err == (
        "c: recorded agreed on 2018-12-01; c stays withdrawn (since 2019-03-01)\n"
    )
    assert dprk("check").out == "ok: no problems found\n"


@pytest.mark.parametrize("found_first", ["earlier", "later"])
def test_a_reversal_of_a_measure_reversed_is_a_gap_whatever_was_found_first(
    dprk, empty, tick, found_first
):
    """Suspended in February 2000 and in October 2002, the restoration between not yet
    found: the record held reversed after reversed, and check said ok. It is a gap (a
    warning, in either order of entry), until the action between is recorded."""
    assert dprk("add-measure", "Devolve", "--actor", "US", "--id", "d", "--status",
                "agreed", "--date", "1998-04-10").code == 0  # fmt: skip
    assert dprk("mark", "d", "implemented", "--date", "1999-12-02").code == 0
    days = ["2000-02-11", "2002-10-14"]
    for day in days if found_first == "earlier" else days[::-1]:
        tick()
        said = dprk("mark", "d", "reversed", "--date", day)
        assert said.code == 0, said.err
    assert said.err.endswith(
        "dprk: warning: d: reversed on 2000-02-11 comes before reversed on 2002-10-14: nothing "
        "on record has it carried out again between the two: record when it was, on a day from "
        "2000-02-12 to 2002-10-14 ('dprk mark d implemented --date YYYY-MM-DD'), or correct one "
        "of the two dates ('dprk log d' "
        "numbers the entries, 'dprk redate' corrects one), or drop the one recorded twice "
        "('dprk drop-entry d 4')\n"
    ), said.err
    checked = dprk("check")
    assert checked.code == 0 and "[missing-steps]" in checked.out, checked.out
    tick()
    assert dprk("mark", "d", "implemented", "--date", "2000-05-30").code == 0
    assert dprk("check").out == "ok: no problems found\n"
    # a withdrawal of a measure withdrawn is one too: the offer made again is missing
    assert dprk("add-measure", "W", "--actor", "US", "--id", "w", "--date", "2001-01-01").code == 0
    assert dprk("mark", "w", "withdrawn", "--date", "2001-02-01").code == 0
    again = dprk("mark", "w", "withdrawn", "--date", "2001-03-01")
    assert again.code == 0
    assert "nothing on record has it offered again between the two" in again.err


def test_a_gap_left_in_the_record_is_exported_and_imported(dprk, empty, tick, tmp_path):
    """A ledger with a step still missing is what dprk wrote: its export imports again
    (the gap a warning there too), where a history that contradicts itself is refused."""
    assert dprk("add-measure", "C", "--actor", "US", "--id", "c", "--date", "2018-01-01").code == 0
    tick()
    assert dprk(*_REOFFER["agreed"]).code == 0
    tick()
    assert dprk(*_REOFFER["implemented"]).code == 0
    exported = dprk("export", "--format", "json")
    assert exported.code == 0
    (tmp_path / "out.json").write_text(exported.out, encoding="utf-8")
    assert dprk("init", "--force", "--party", "US").code == 0
    tick()
    imported = dprk("import", str(tmp_path / "out.json"))
    assert imported.code == 0, imported.err
    assert "[missing-steps]" in dprk("check").out
    assert status_of(dprk, "c")["status"] == "agreed"


def test_an_offer_made_again_on_the_day_of_the_withdrawal_says_it_does_not_stand(dprk, empty):
    """Within one day, a withdrawal replays after a proposal (the guide says so): the
    offer made again that day is recorded, and its line says the measure stays
    withdrawn; dated the next day, it stands."""
    assert (
        dprk("add-measure", "X", "--actor", "DPRK", "--id", "x", "--date", "2019-01-01").code == 0
    )
    assert dprk("mark", "x", "withdrawn", "--date", "2019-03-01").code == 0
    again = dprk("mark", "x", "proposed", "--date", "2019-03-01")
    assert (again.code, again.err) == (
        0,
        "x: recorded proposed on 2019-03-01; x stays withdrawn (since 2019-03-01)\n",
    )
    assert dprk("undo").code == 0
    assert dprk("mark", "x", "proposed", "--date", "2019-03-02").err == (
        "x: proposed on 2019-03-02\n"
    )
    assert dprk("check").code == 0


@pytest.mark.parametrize(
    ("first", "between"), [("implemented", "reversed"), ("agreed", "withdrawn")]
)
def test_a_step_on_record_for_a_day_is_not_recorded_again_to_no_effect(
    dprk, empty, tick, first, between
):
    """After a later step of the same day, the same step could be recorded again, and
    again: each said "recorded ... stays reversed", the log held it three times, and the
    timeline showed three moves."""
    assert dprk("add-measure", "S", "--actor", "US", "--id", "s", "--date", "2018-01-01").code == 0
    for status in (first, between):
        tick()
        assert dprk("mark", "s", status, "--date", "2018-03-01").code == 0
    tick()
    err = refused(dprk, empty, "mark", "s", first, "--date", "2018-03-01")
    assert err == (
        f"dprk: error: measure 's': {first} on 2018-03-01 is on record already, and changes "
        "nothing recorded again ('dprk log s' lists that day's steps)\n"
    )
    log = json.loads(dprk("log", "s", "--format", "json").out)
    assert [e["status"] for e in log if e["date"] == "2018-03-01"] == [first, between]


@pytest.mark.parametrize("refuter", ["Alpha", "Zeta"])
@pytest.mark.parametrize("refuted_first", [True, False])
def test_a_refutation_outweighs_a_confirmation_of_the_same_day(dprk, empty, refuter, refuted_first):
    """Two verifiers disagree on one day: the measure is disputed, whatever order the
    findings were entered in and whatever the verifiers are called, and what the tables
    say of its verification names the finding that disputes it."""
    confirmer = "Zeta" if refuter == "Alpha" else "Alpha"
    assert dprk("add-measure", "X", "--actor", "US", "--id", "x",
                "--date", "2018-01-01").code == 0  # fmt: skip
    assert dprk("mark", "x", "implemented", "--date", "2018-02-01").code == 0
    findings = [("refuted", refuter), ("confirmed", confirmer)]
    for result, by in findings if refuted_first else findings[::-1]:
        step = dprk("verify", "x", "--by", by, "--result", result, "--date", "2018-03-01")
        assert step.code == 0, step.err
    last = step.err
    if refuted_first:  # (the confirmation entered second does not clear the dispute)
        assert last == (
            f"x: recorded confirmed by {confirmer} on 2018-03-01; x stays disputed "
            f"(refuted by {refuter} the same day)\n"
        )
    else:
        assert last == f"x: refuted by {refuter} on 2018-03-01; x is disputed\n"
    record = status_of(dprk, "x")
    assert (record["status"], record["verified"], record["verified_by"]) == (
        "disputed",
        False,
        [],
    )
    row = next(line for line in dprk("status").out.splitlines() if line.startswith("x "))
    assert f"refuted ({refuter})" in row and "confirmed" not in row
    assert f"verification     refuted ({refuter})\n" in dprk("show", "x").out
    check_is_clean(dprk)


@pytest.mark.parametrize(
    ("created", "step", "stays"),
    [
        ("rejected", "proposed", "rejected"),
        ("withdrawn", "proposed", "withdrawn"),
        ("withdrawn", "agreed", "withdrawn"),
        ("implemented", "agreed", "implemented"),
        ("agreed", "proposed", "agreed"),
    ],
)
def test_a_measure_created_with_a_status_is_as_if_marked_so_that_day(
    dprk, empty, created, step, stays
):
    """Added with --status S on a day, a measure replays as one added that day and marked
    S: a step of that day that comes earlier in a measure's life replays before S, as it
    does when both are marked, whatever the order they are entered in."""
    day = ["--date", "2018-05-01"]
    assert dprk("add-measure", "X", "--actor", "US", "--id", "x", "--status", created,
                *day).code == 0  # fmt: skip
    result = dprk("mark", "x", step, *day)
    assert (result.code, result.err) == (
        0,
        f"x: recorded {step} on 2018-05-01; x stays {stays} (since 2018-05-01)\n",
    )
    assert status_of(dprk, "x")["status"] == stays
    check_is_clean(dprk)
    # added, then marked so and the step recorded that day, it reads the same
    assert dprk("add-measure", "Y", "--actor", "US", "--id", "y", *day).code == 0
    assert dprk("mark", "y", created, *day).code == 0
    result = dprk("mark", "y", step, *day)
    assert (result.code, result.err) == (
        0,
        f"y: recorded {step} on 2018-05-01; y stays {stays} (since 2018-05-01)\n",
    )
    assert status_of(dprk, "y")["status"] == stays
    check_is_clean(dprk)


def test_a_second_creation_written_by_hand_is_named_by_its_own_date(dprk, empty):
    """A creation of 2017 added by hand after the one of 2018: check said '... on
    2018-01-01 follows created as proposed on 2018-01-01', the earlier one given the
    later's date."""
    assert dprk("add-measure", "X", "--actor", "US", "--id", "x", "--date", "2018-01-01").code == 0
    with empty.open("a", encoding="utf-8") as f:
        f.write(
            '\n[[measures.history]]\ndate = 2017-06-01\nevent = "created"\nstatus = "proposed"\n'
            'detail = "created as proposed"\nrecorded = 2026-01-01 00:00:00+00:00\n'
        )
    found = dprk("check")
    assert found.code == 1
    assert found.out.startswith(
        "error: x: created as proposed on 2018-01-01 follows created as proposed on "
        "2017-06-01: a measure is created once;"
    )


def test_a_measure_that_acted_written_as_not_initiated_is_found_and_can_be_worked_on(dprk, empty):
    """`status = "implemented"` with `extent = "not-initiated"`, written by hand: check
    said ok, and every change to the measure failed with 'internal check failed' (the
    extent, the field's default, was left out of the written file and read back as
    full). check names it; a note is written, keeping it; a step waits for the fix."""
    empty.write_text(
        empty.read_text(encoding="utf-8") + '\n[[measures]]\nid = "m"\ntitle = "M"\n'
        'actor = "US"\nstatus = "implemented"\nextent = "not-initiated"\n',
        encoding="utf-8",
    )
    said = (
        "m: extent is 'not-initiated' but its status is 'implemented' (one that has acted is "
        "minimal, intermediate or full); "
    )
    found = dprk("check")
    assert (found.code, found.out.splitlines()[0]) == (
        1,
        f'error: {said}set extent = "full" in the file, or leave it out [status-history]',
    )
    noted = dprk("note", "m", "heard", "--date", "2018-01-01")
    assert (noted.code, noted.err) == (
        0,
        "m: note on 2018-01-01\n"
        "m had no history: its creation is recorded with no day, as written by hand\n",
    )
    assert 'extent = "not-initiated"' in empty.read_text(encoding="utf-8")
    before = empty.read_bytes()
    marked = dprk("mark", "m", "implemented", "--extent", "full", "--date", "2018-02-01")
    assert (marked.code, marked.err) == (
        1,
        f'dprk: error: {said}first set extent = "full" in the file, or leave it out; nothing '
        "was written\n",
    )
    assert empty.read_bytes() == before


def test_an_implementation_entry_written_as_not_initiated_is_found_and_its_advice_ends(dprk, empty):
    """An `implemented` entry with `extent = "not-initiated"`, written by hand: check
    said the stored extent 'full' was not what the history gives and advised setting
    it to not-initiated, which it then refused, advising 'full': a circle. It names the
    entry, and mending it as advised leaves the file sound."""
    entry = (
        '\n[[measures.history]]\ndate = 2020-01-01\nevent = "created"\nstatus = "implemented"\n'
        'extent = "not-initiated"\nrecorded = 2024-01-01 00:00:00+00:00\n'
    )
    head = empty.read_text(encoding="utf-8")
    empty.write_text(
        head
        + '\n[[measures]]\nid = "m"\ntitle = "M"\nactor = "US"\nstatus = "implemented"\n'
        + entry,
        encoding="utf-8",
    )
    found = dprk("check")
    assert (found.code, found.out) == (
        1,
        "error: m: its history gives 'implemented' at extent 'not-initiated', which no step "
        "gives (one that has acted is minimal, intermediate or full); correct that entry's "
        "extent in the file, or leave it out (full) [status-history]\n1 error, 0 warnings\n",
    )
    empty.write_text(empty.read_text(encoding="utf-8").replace('extent = "not-initiated"\n', ""))
    assert dprk("check", "--strict").out == "ok: no problems found\n"


def test_check_finds_an_actor_deadline_or_whole_a_hand_edit_set_unlike_its_history(dprk, empty):
    """A hand-over, a deadline and a part recorded with dates, then the fields changed in
    the file by hand (or a merge settled so): `check` said ok, while `--as-of` and a later
    redate answered from the history. It names each field, and the advice it gives works."""
    assert (
        dprk("add-measure", "Whole", "--id", "w", "--actor", "US", "--date", "2018-01-01").code == 0
    )
    assert (
        dprk("add-measure", "Site", "--id", "a", "--actor", "DPRK", "--date", "2018-05-24").code
        == 0
    )
    assert dprk("edit", "a", "--actor", "US", "--date", "2019-01-01").code == 0
    assert dprk("edit", "a", "--deadline", "2019-06-01", "--date", "2019-02-01").code == 0
    assert dprk("edit", "a", "--part-of", "w", "--date", "2019-03-01").code == 0
    check_is_clean(dprk)
    text = empty.read_text(encoding="utf-8")
    head, sep, rest = text.partition('id = "a"\n')
    rest = rest.replace('actor = "US"', 'actor = "DPRK"', 1)
    rest = rest.replace("deadline = 2019-06-01", "deadline = 2019-07-01", 1)
    rest = rest.replace('part_of = "w"\n', "", 1)
    empty.write_text(head + sep + rest, encoding="utf-8")
    for _ in ("read anew", "kept"):
        result = dprk("check")
        assert result.code == 1, result.out
        assert result.out.splitlines()[:3] == [
            "error: a: actor is 'DPRK' but its history gives 'US' (by its edit of 2019-01-01); "
            'set actor = "US" in the file, or record the change with \'dprk edit a --actor '
            "DPRK --date YYYY-MM-DD' (a day from 2019-01-01 on) [field-history]",
            "error: a: deadline is '2019-07-01' but its history gives '2019-06-01' (by its "
            "edit of 2019-02-01); set deadline = 2019-06-01 in the file, or record the change "
            "with 'dprk edit a --deadline 2019-07-01 --date YYYY-MM-DD' (a day from 2019-02-01 "
            "on) [field-history]",
            "error: a: part_of is (none) but its history gives 'w' (by its edit of "
            '2019-03-01); set part_of = "w" in the file, or record the change with \'dprk '
            "edit a --no-part-of --date YYYY-MM-DD' (a day from 2019-03-01 on) [field-history]",
        ]
    # A change elsewhere is still taken; the errors stay until they are mended.
    assert dprk("note", "w", "met", "--date", "2019-04-01").code == 0
    # The advice, followed: the change recorded, as the confirmation says and the log keeps.
    result = dprk("edit", "a", "--actor", "DPRK", "--date", "2019-04-01")
    assert (result.code, result.err) == (
        0,
        "a: recorded actor: 'US' -> 'DPRK' on 2019-04-01, as it stands\n",
    )
    log = json.loads(dprk("log", "a", "--format", "json").out)
    assert (log[-1]["date"], log[-1]["detail"]) == ("2019-04-01", "actor: 'US' -> 'DPRK'")
    assert dprk("edit", "a", "--no-part-of", "--date", "2019-04-01").code == 0
    text = empty.read_text(encoding="utf-8")
    empty.write_text(
        text.replace("deadline = 2019-07-01", "deadline = 2019-06-01"), encoding="utf-8"
    )
    check_is_clean(dprk)
    assert tomllib.loads(empty.read_text(encoding="utf-8"))["measures"][0]["actor"] == "DPRK"


def test_check_finds_an_order_a_hand_edit_or_an_import_set_unlike_its_history(dprk, tmp_path):
    """The UUP's demand that decommissioning come first, its `demanded_by` gone from the
    file (an import dropped it; a hand edit may): `check` said ok, while the plan read an
    order agreed by all and `--as-of` the UUP's. It names the order and what its history
    gives, read anew and kept, and the advice it gives works; so for an order the file
    no longer holds, and one its history removed."""
    assert dprk("init", "--party", "UK", "--party", "IRA", "--party", "UUP").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    for args in (
        ("add-measure", "IRA decommissions", "--actor", "IRA", "--id", "decom",
         "--date", "1998-04-10"),
        ("add-measure", "Executive formed", "--actor", "UK", "--id", "exec", "--date",
         "1998-04-10"),
        ("sequence", "exec", "--after", "decom", "--demanded-by", "UUP", "--date", "1998-07-01"),
        ("sequence", "decom", "--after", "exec", "--date", "1998-04-30"),
        ("sequence", "decom", "--remove", "exec", "--date", "1999-11-27"),
    ):  # fmt: skip
        assert dprk(*args).code == 0
    check_is_clean(dprk)
    text = ledger.read_text(encoding="utf-8")
    edited = text.replace('{ after = "decom", demanded_by = "UUP" }', '{ after = "decom" }')
    assert edited != text
    ledger.write_text(edited, encoding="utf-8")
    for _ in ("read anew", "kept"):
        result = dprk("check")
        assert (result.code, result.out) == (
            1,
            "error: exec: its order toward 'decom' is 'after decom' but its history gives "
            "'after decom, demanded by UUP' (by its change of order of 1998-07-01); set it to "
            '{ after = "decom", demanded_by = "UUP" } in its constraints in the file, or '
            "record the order it has with 'dprk sequence exec --after decom --date "
            "YYYY-MM-DD' (a day after 1998-07-01) [order-history]\n1 error, 0 warnings\n",
        )
    # The advice, followed either way: the file set as the history says, or the order it
    # holds recorded.
    ledger.write_text(text, encoding="utf-8")
    check_is_clean(dprk)
    ledger.write_text(edited, encoding="utf-8")
    recorded = dprk("sequence", "exec", "--after", "decom", "--date", "1999-01-01")
    assert recorded.code == 0 and recorded.err.startswith(
        "exec: recorded after decom on 1999-01-01, as it stands"
    ), recorded.err
    assert dprk("check").out == "ok: no problems found\n"
    # An order the file no longer holds; one the history removed, the file holds again.
    ledger.write_text(text.replace('{ after = "decom", demanded_by = "UUP" },', ""))
    assert dprk("check").out.startswith(
        "error: exec: its order toward 'decom' is none but its history gives 'after decom, "
        'demanded by UUP\' (by its change of order of 1998-07-01); add { after = "decom", '
        'demanded_by = "UUP" } to its constraints in the file [order-history]\n'
    )
    held = text.replace('id = "decom"\n', 'id = "decom"\nconstraints = [{ after = "exec" }]\n')
    ledger.write_text(held, encoding="utf-8")
    result = dprk("check")
    assert result.out.startswith(
        "error: decom: its order toward 'exec' is 'after exec' but its history gives none "
        "(it removed it) (by its change of order of 1999-11-27); take the constraint with "
        "'exec' out of its constraints in the file, or record the order it has with 'dprk "
        "sequence decom --after exec --date YYYY-MM-DD' (a day after 1999-11-27) "
        "[order-history]\n"
    ), result.out
    assert dprk("sequence", "decom", "--after", "exec", "--date", "2000-01-01").code == 0
    check_is_clean(dprk)


def test_an_edit_naming_a_party_or_measure_since_gone_puts_nothing_in_force(dprk, empty):
    """An edit's words keep a measure removed since (its parts were let go) or a party
    renamed in the words: `check` does not ask the field to take a value that cannot be."""
    assert (
        dprk("add-measure", "Whole", "--id", "w", "--actor", "US", "--date", "2018-01-01").code == 0
    )
    assert (
        dprk("add-measure", "Site", "--id", "a", "--actor", "DPRK", "--date", "2018-05-24").code
        == 0
    )
    assert dprk("edit", "a", "--part-of", "w", "--actor", "US", "--date", "2019-03-01").code == 0
    assert dprk("remove", "w", "--force").code == 0
    assert dprk("rename-party", "US", "USA").code == 0
    result = dprk("check")
    assert (result.code, result.out) == (0, "ok: no problems found\n")
    ledger = tomllib.loads(empty.read_text(encoding="utf-8"))
    assert [(m["id"], m["actor"], m.get("part_of")) for m in ledger["measures"]] == [
        ("a", "USA", None)
    ]


def test_a_hand_over_to_a_party_whose_name_holds_a_quote_is_read_back(dprk, tmp_path):
    """A hand-over to "Cote d'Ivoire" (or from "O'Neill Group"): the edit's words were not
    read back, so `--as-of` before it named the new actor, and a hand edit of the actor
    passed `check`."""
    assert dprk("init", "--party", "US", "--party", "Cote d'Ivoire").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    assert dprk("add-measure", "T", "--id", "m", "--actor", "US", "--date", "2018-01-01").code == 0
    assert dprk("edit", "m", "--actor", "Cote d'Ivoire", "--date", "2018-02-01").code == 0
    assert dprk("edit", "m", "--actor", "US", "--date", "2018-03-01").code == 0
    for day, actor in (("2018-01-15", "US"), ("2018-02-15", "Cote d'Ivoire"), ("2018-03-15", "US")):
        doc = json.loads(dprk("status", "--as-of", day, "--format", "json").out)
        assert [m["actor"] for m in doc["measures"]] == [actor]
    lanes = json.loads(dprk("timeline", "--format", "json").out)["lanes"]
    assert lanes == ["US", "Cote d'Ivoire"]
    check_is_clean(dprk)
    text = ledger.read_text(encoding="utf-8")
    ledger.write_text(text.replace('actor = "US"', 'actor = "Cote d\'Ivoire"', 1), encoding="utf-8")
    result = dprk("check")
    assert result.code == 1
    assert result.out.startswith(
        "error: m: actor is 'Cote d'Ivoire' but its history gives 'US' (by its edit of 2018-03-01)"
    )


def test_an_earlier_edit_says_what_the_field_stays_as_its_history_gives(dprk, empty):
    """The actor set by hand to ROK while the hand-over of 20 Sept. gives DPRK: an edit
    dated before it said "stays 'ROK'", the value the history does not give (check names
    that one); it says what the edit in force set, and that the file holds the value set
    by hand (the line said "stays 'DPRK'" while every report said ROK)."""
    assert dprk("add-measure", "S", "--id", "s", "--actor", "US", "--date", "2018-09-01").code == 0
    assert dprk("edit", "s", "--actor", "DPRK", "--date", "2018-09-20").code == 0
    text = empty.read_text(encoding="utf-8")
    empty.write_text(text.replace('actor = "DPRK"', 'actor = "ROK"', 1), encoding="utf-8")
    result = dprk("edit", "s", "--actor", "ROK", "--date", "2018-09-15")
    assert (result.code, result.err) == (
        0,
        "s: recorded actor: 'US' -> 'ROK' on 2018-09-15, stays 'DPRK' (since 2018-09-20), "
        "though the file holds 'ROK', set by hand ('dprk check' says how to mend it)\n",
    )
    assert 'actor = "ROK"' in empty.read_text(encoding="utf-8")
    assert "actor is 'ROK' but its history gives 'DPRK'" in dprk("check").out
    log = json.loads(dprk("log", "s", "--format", "json").out)
    assert [(e["date"], e["detail"]) for e in log if e["event"] == "edit"] == [
        ("2018-09-15", "actor: 'US' -> 'ROK'"),
        ("2018-09-20", "actor: 'ROK' -> 'DPRK'"),
    ]


def test_an_offer_made_again_on_the_day_of_a_reversal_is_refused_with_advice_that_works(
    dprk, empty
):
    """Russia's assurance, reversed on 18 March 2014 and offered again that day: refused
    with "mark it reversed if it was undone", which, followed, was refused as already
    recorded. The refusal says why (the offer replays before the reversal) and what to
    do; followed, it works."""
    assert dprk("add-measure", "Borders", "--actor", "US", "--id", "a", "--date",
                "1994-12-05", "--status", "implemented").code == 0  # fmt: skip
    assert dprk("mark", "a", "reversed", "--date", "2014-03-18").code == 0
    err = refused(dprk, empty, "mark", "a", "proposed", "--date", "2014-03-18")
    assert err == (
        "dprk: error: a: created as implemented on 1994-12-05 comes before proposed on "
        "2014-03-18: an offer made again on the day of the reversal replays before it (the "
        "steps of a day replay in the order a measure's life runs), and a measure that has "
        "acted cannot be pending again: date the offer the next day; nothing was written\n"
    )
    assert dprk("mark", "a", "proposed", "--date", "2014-03-19").code == 0
    assert dprk("check").out == "ok: no problems found\n"


# --- a measure added with a status, and the steps before it found later ------------------


def added_as(dprk, ident: str, status: str, day: str) -> None:
    assert dprk("add-measure", ident.upper(), "--actor", "DPRK", "--id", ident, "--status",
                status, "--date", day).code == 0  # fmt: skip


def test_an_offer_found_before_a_measure_added_as_implemented_is_recorded(dprk, empty):
    """Added as implemented on the day it was carried out, then its offer and agreement
    found: both were refused ('comes before its creation'), with advice to correct one
    of two dates that were both right. The measure now dates from its offer, and its
    creation is the step that carried it out."""
    added_as(dprk, "stand", "implemented", "2018-07-23")
    result = dprk("mark", "stand", "agreed", "--date", "2018-06-12")
    assert (result.code, result.out) == (0, "")
    assert result.err == (
        "stand: recorded agreed on 2018-06-12; stand stays implemented (since 2018-07-23)\n"
    )
    assert dprk("mark", "stand", "proposed", "--date", "2018-04-27").code == 0
    log = json.loads(dprk("log", "stand", "--format", "json").out)
    assert [(e["date"], e["event"], e["status"]) for e in log] == [
        ("2018-04-27", "status", "proposed"),
        ("2018-06-12", "status", "agreed"),
        ("2018-07-23", "created", "implemented"),
    ]
    data = tomllib.loads(empty.read_text(encoding="utf-8"))["measures"][0]
    assert data["status"] == "implemented"
    assert [str(h["date"]) for h in data["history"]] == ["2018-07-23", "2018-04-27", "2018-06-12"]
    assert status_of_on(dprk, "stand", "2018-05-01") == "proposed"
    assert status_of_on(dprk, "stand", "2018-07-22") == "agreed"
    assert status_of_on(dprk, "stand", "2018-07-23") == "implemented"
    before = json.loads(dprk("status", "--as-of", "2018-04-26", "--format", "json").out)
    assert before["measures"] == []
    when = json.loads(dprk("timeline", "--format", "json").out)
    assert [(e["date"], e["status"]) for e in when["events"]] == [
        ("2018-04-27", "proposed"),
        ("2018-06-12", "agreed"),
        ("2018-07-23", "implemented"),
    ]
    check_is_clean(dprk)
    # a finding dated before the creation finds nothing carried out yet
    err = refused(dprk, empty, "verify", "stand", "--by", "38 North", "--date", "2018-07-01")
    assert "2018-07-01 comes before the measure acted (created as implemented on 2018-07-23)" in err


def test_an_action_before_a_measure_added_as_agreed_is_refused(dprk, empty):
    """Added as agreed on a day, it had not acted by then: an action dated before it is a
    contradiction of dates, named as one."""
    added_as(dprk, "relief", "agreed", "2018-07-23")
    err = refused(dprk, empty, "mark", "relief", "implemented", "--date", "2018-07-01")
    assert err == (
        "dprk: error: relief: implemented on 2018-07-01 comes before its creation as agreed "
        "on 2018-07-23: a measure that has acted is not agreed after; correct one of the two "
        "dates ('dprk log relief' numbers the entries, 'dprk redate' corrects one); nothing "
        "was written\n"
    )
    # added as proposed, it began that day: nothing comes before it
    added_as(dprk, "offer", "proposed", "2018-07-23")
    err = refused(dprk, empty, "mark", "offer", "agreed", "--date", "2018-07-01")
    assert "offer: agreed on 2018-07-01 comes before its creation on 2018-07-23" in err


def test_the_gap_advice_after_an_undated_creation_can_be_followed(dprk, empty):
    """A re-designation typed before anything else about the measure: the advice said to
    record the action 'a day after the first', the creation dated by the reversal itself,
    and an action so dated left the gap open. The creation moves back to any earlier
    step: on or before the reversal's day fills it."""
    assert dprk("add-measure", "Remove designation", "--actor", "US", "--id", "s").code == 0
    result = dprk("mark", "s", "reversed", "--date", "2025-01-20")
    assert result.code == 0
    assert "record when it was, on or before 2025-01-20 ('dprk mark s implemented" in result.err
    followed = dprk("mark", "s", "implemented", "--date", "2025-01-20")
    assert followed.code == 0 and "warning" not in followed.err
    assert dprk("check").out == "ok: no problems found\n"
    assert status_of(dprk, "s")["status"] == "reversed"


def test_only_a_step_or_a_finding_comes_before_a_measure_added_with_a_status(dprk, empty):
    """A note, a link, an order or an edit dated before a measure added as implemented
    made it 'proposed' from that day, though no offer was on record (`next` listed it
    ready), and then refused the real offer of that day as 'already proposed'. Only a
    step of its life or a finding comes before such a creation; the rest comes before
    the measure's first step, as before a dated creation."""
    added_as(dprk, "remains", "implemented", "2018-07-27")
    err = refused(dprk, empty, "note", "remains", "imagery", "--date", "2018-05-01")
    assert "the note entry of 2018-05-01 comes before its creation on 2018-07-27" in err
    assert dprk("mark", "remains", "agreed", "--date", "2018-06-12").code == 0
    err = refused(dprk, empty, "note", "remains", "imagery", "--date", "2018-05-01")
    assert err == (
        "dprk: error: remains: the note entry of 2018-05-01 comes before its creation on "
        "2018-06-12 (its first step on record; it was added as implemented on 2018-07-27); "
        "correct one of the two dates ('dprk log remains' numbers the entries, 'dprk redate' "
        "corrects one); nothing was written\n"
    )
    err = refused(dprk, empty, "edit", "remains", "--deadline", "2018-08-01", "--date",
                  "2018-06-01")  # fmt: skip
    assert "before 'remains' was created (2018-06-12)" in err
    # on the day of its first step, and after, it is taken
    assert dprk("note", "remains", "talks", "--date", "2018-06-12").code == 0
    assert status_of_on(dprk, "remains", "2018-06-12") == "agreed"
    check_is_clean(dprk)


def test_a_reversal_before_a_measure_added_as_implemented_is_a_gap(dprk, empty):
    """A moratorium added as in force on a day, then its collapse found earlier: recorded
    with no word, and `check` said ok, where the same reversal of a measure added
    without a status is a gap. It is one here too, until the action is recorded."""
    added_as(dprk, "mor", "implemented", "2020-06-01")
    result = dprk("mark", "mor", "reversed", "--date", "2020-03-01")
    assert result.code == 0
    assert result.err.splitlines()[1] == (
        "dprk: warning: mor: reversed on 2020-03-01 is the first step on record: nothing on "
        "record has it carried out before it: record when it was, on or before 2020-03-01 "
        "('dprk mark mor implemented --date YYYY-MM-DD'), or correct one of the two dates "
        "('dprk log mor' numbers the entries, 'dprk redate' corrects one); one dropped "
        "before it was carried out is withdrawn ('dprk drop-entry mor 1', then 'dprk mark "
        "mor withdrawn --date 2020-03-01')"
    )
    checked = json.loads(dprk("check", "--format", "json").out)["problems"]
    assert [p["check"] for p in checked] == ["missing-steps"]
    assert dprk("mark", "mor", "implemented", "--date", "2020-02-01").code == 0
    assert dprk("check").out == "ok: no problems found\n"
    assert status_of_on(dprk, "mor", "2020-04-01") == "reversed"
    # a withdrawn measure never acted: the reversal it is created as cannot follow it
    added_as(dprk, "r", "reversed", "2020-06-01")
    err = refused(dprk, empty, "mark", "r", "withdrawn", "--date", "2020-03-01")
    assert "only a measure that has acted can be reversed, and a withdrawn one has not" in err


def test_a_measure_added_as_reversed_on_a_day_is_a_gap_until_its_action_is_recorded(dprk, empty):
    """A snap-back found first, added as reversed: check said ok, where the same reversal
    marked on a measure added as proposed is a gap. A measure added with a status is as
    one added that day and marked so: the action it undoes is the step still to record."""
    result = dprk("add-measure", "Relief", "--actor", "US", "--id", "x", "--status", "reversed",
                  "--date", "2020-06-01")  # fmt: skip
    assert (result.code, result.out) == (0, "x\n")
    assert result.err == (
        "dprk: warning: x: created as reversed on 2020-06-01: nothing on record has it "
        "carried out before it: record when it was, on or before 2020-06-01 ('dprk mark x "
        "implemented --date YYYY-MM-DD')\n"
    )
    checked = json.loads(dprk("check", "--format", "json").out)["problems"]
    assert [p["check"] for p in checked] == ["missing-steps"]
    followed = dprk("mark", "x", "implemented", "--date", "2020-05-01")
    assert followed.code == 0 and "warning" not in followed.err
    assert dprk("check").out == "ok: no problems found\n"
    assert status_of_on(dprk, "x", "2020-05-15") == "implemented"
    assert status_of(dprk, "x")["status"] == "reversed"


def test_advice_and_reasons_before_a_creation_as_reversed_or_rejected_hold(dprk, empty):
    """Before a measure added as reversed, a reversal found first advised dropping it for
    a withdrawal, which is then refused; before one added as rejected, a reversal was
    refused as 'a reversed one has not acted'. The advice leaves the withdrawal out, and
    the refusal names the rule it breaks."""
    added_as(dprk, "r", "reversed", "2020-06-01")
    result = dprk("mark", "r", "reversed", "--date", "2020-01-01")
    assert result.code == 0 and "is the first step on record" in result.err
    assert "withdrawn" not in result.err
    added_as(dprk, "w", "rejected", "2020-06-01")
    err = refused(dprk, empty, "mark", "w", "reversed", "--date", "2020-01-01")
    assert "only a pending measure can be rejected, and a reversed one is not" in err


def test_a_gap_between_two_steps_of_one_day_is_advised_on_that_day(dprk, empty):
    """Offered again and reversed on one day: the warning advised recording the action
    'a day after the first', which falls after the reversal; followed, the gap stayed,
    and the measure read implemented. An action of that day replays between the two
    (an offer, an action, a reversal: `DAY_RANK`), so the advice names the day; where
    no step of one day can come between (withdrawn, then rejected), it says so."""
    assert dprk("add-measure", "Devolve", "--actor", "US", "--id", "dev", "--date",
                "2000-01-01").code == 0  # fmt: skip
    for status, day in (("implemented", "2000-02-01"), ("reversed", "2000-03-01"),
                        ("proposed", "2000-04-10")):  # fmt: skip
        assert dprk("mark", "dev", status, "--date", day).code == 0
    before = empty.read_bytes()
    reversed_ = dprk("mark", "dev", "reversed", "--date", "2000-04-10")
    assert reversed_.code == 0 and empty.read_bytes() != before
    assert (
        "dprk: warning: dev: proposed on 2000-04-10 comes before reversed on 2000-04-10: "
        "nothing on record has it carried out between the two: record when it was, on "
        "2000-04-10, the day of both ('dprk mark dev implemented --date 2000-04-10'), or "
        "correct one of the two dates"
    ) in reversed_.err
    followed = dprk("mark", "dev", "implemented", "--date", "2000-04-10")
    assert followed.code == 0
    assert followed.err == (
        "dev: recorded implemented on 2000-04-10; dev stays reversed (since 2000-04-10)\n"
    )
    assert dprk("check").out == "ok: no problems found\n"
    assert status_of(dprk, "dev")["status"] == "reversed"
    assert dprk("add-measure", "Y", "--actor", "US", "--id", "y", "--date", "2000-01-01").code == 0
    assert dprk("mark", "y", "withdrawn", "--date", "2000-02-01").code == 0
    rejected = dprk("mark", "y", "rejected", "--date", "2000-02-01")
    assert rejected.code == 0
    assert rejected.err.endswith(
        "dprk: warning: y: withdrawn on 2000-02-01 comes before rejected on 2000-02-01: "
        "nothing on record has it offered again between the two, and nothing can come "
        "between the two on their one day: correct one of the two dates ('dprk log y' "
        "numbers the entries, 'dprk redate' corrects one)\n"
    )


def test_a_step_typed_in_the_second_of_one_it_contradicts_is_refused_as_if_typed_later(
    dprk, empty, monkeypatch
):
    """A script's loop recorded an exit as withdrawn just after the action, in the same
    second: a warning and exit 0, the step written; typed two seconds later, the same
    command was refused. The command knows the action was on record before it: refused
    whatever the clock says. The file, read, still counts entries of one second as found
    in either order."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")  # (every entry in one second)
    assert dprk("add-measure", "M", "--actor", "US", "--id", "m", "--date", "2022-01-01").code == 0
    assert dprk("mark", "m", "implemented", "--date", "2022-02-01").code == 0
    before = empty.read_bytes()
    withdrawn = dprk("mark", "m", "withdrawn", "--date", "2022-03-01")
    assert withdrawn.code == 1
    assert withdrawn.err == (
        "dprk: error: m: implemented on 2022-02-01 comes before withdrawn on 2022-03-01: only "
        "a pending measure can be withdrawn (one carried out and undone is reversed); nothing "
        "was written\n"
    )
    assert empty.read_bytes() == before
    # found the other way round (the later step first), it is a gap, as on any clock
    agreed = dprk("mark", "m", "agreed", "--date", "2022-01-15")
    assert agreed.code == 0 and empty.read_bytes() != before
    assert dprk("check").out == "ok: no problems found\n"


def test_an_entry_written_under_a_clock_set_back_is_not_recorded_before_the_file_s(
    dprk, empty, monkeypatch
):
    """Under a SOURCE_DATE_EPOCH older than the file's entries, the action found after
    the December offer was taken as a gap (the command knew it was found later), but
    written as recorded before the offer: `check` then read the offer as found after the
    action, a contradiction, and failed a pre-commit hook on a change dprk had taken. An
    entry is never written as recorded before the entries on record."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")  # (2026-12-01)
    assert dprk("add-measure", "M", "--actor", "US", "--id", "m", "--date", "2018-01-01").code == 0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796169600")  # (a day on)
    assert dprk("mark", "m", "agreed", "--date", "2018-12-01").code == 0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")  # (set back)
    found = dprk("mark", "m", "implemented", "--date", "2018-06-01")
    assert found.code == 0
    assert "which was recorded first: nothing on record has it undone" in found.err
    check = dprk("check")
    assert check.code == 0, check.out
    assert "[missing-steps]" in check.out and "error" not in check.out.split("\n")[0]
    stamps = [h["recorded"] for h in tomllib.loads(empty.read_text())["measures"][0]["history"]]
    assert [str(s) for s in stamps] == [
        "2026-12-01 00:00:00+00:00",
        "2026-12-02 00:00:01+00:00",  # (a second after the latest on record)
        "2026-12-02 00:00:00+00:00",
    ]
    # a rename (the measure known by another id once the change is made) too
    assert dprk("rename", "m", "m2", "--date", "2019-01-01").code == 0
    stamps = [h["recorded"] for h in tomllib.loads(empty.read_text())["measures"][0]["history"]]
    assert str(stamps[-1]) == "2026-12-02 00:00:02+00:00"


def test_an_action_typed_again_on_its_day_after_a_finding_names_the_action(dprk, empty):
    """Implemented, refuted the same day, then the action typed again for that day: the
    refusal said 'measure 'x' is already disputed on 2020-03-02', of a step the user
    did not type. It names the action on record, and the finding that stands on it."""
    assert dprk("add-measure", "X", "--actor", "US", "--id", "x", "--date", "2020-03-01").code == 0
    assert dprk("mark", "x", "implemented", "--date", "2020-03-02").code == 0
    assert dprk("verify", "x", "--by", "UN", "--result", "refuted", "--date",
                "2020-03-02").code == 0  # fmt: skip
    before = empty.read_bytes()
    again = dprk("mark", "x", "implemented", "--date", "2020-03-02")
    assert (again.code, again.out) == (1, "")
    assert again.err == (
        "dprk: error: measure 'x' is already implemented, and disputed, on 2020-03-02\n"
    )
    assert empty.read_bytes() == before


def test_a_creation_as_reversed_is_listed_after_a_finding_of_its_day(dprk, empty):
    """Found first as reversed on 1 July, then the action and a refutation of that day:
    the replay put the finding before the reversal (a finding of a reversal's day finds
    what it undid), but `log` and `timeline` listed the creation first, as if the
    reversal came before the finding, where the same facts marked on a measure added as
    agreed read finding, then reversal. Both read alike; the entry numbers follow."""
    for ident, status, day in (("a", "reversed", "2019-07-01"), ("b", "agreed", "2015-07-14")):
        assert dprk("add-measure", ident.upper(), "--actor", "US", "--id", ident, "--status",
                    status, "--date", day).code == 0  # fmt: skip
        assert dprk("mark", ident, "implemented", "--date", "2015-12-28").code == 0
    assert dprk("mark", "b", "reversed", "--date", "2019-07-01").code == 0
    for ident in ("a", "b"):
        assert dprk("verify", ident, "--by", "IAEA", "--result", "refuted", "--date",
                    "2019-07-01").code == 0  # fmt: skip

    def day_of(ident: str) -> list[tuple[int, str, str]]:
        log = json.loads(dprk("log", ident, "--format", "json").out)
        return [(e["n"], e["event"], e["status"]) for e in log if e["date"] == "2019-07-01"]

    assert [e[1:] for e in day_of("a")] == [("verification", "disputed"), ("created", "reversed")]
    assert [e[1:] for e in day_of("b")] == [("verification", "disputed"), ("status", "reversed")]
    timeline = json.loads(dprk("timeline", "--since", "2019-07-01", "--format", "json").out)
    said = [(e["id"], e["event"], e["status"]) for e in timeline["events"]]
    assert said == [
        ("a", "verification", "disputed"),
        ("a", "created", "reversed"),
        ("b", "verification", "disputed"),
        ("b", "status", "reversed"),
    ]
    number = day_of("a")[0][0]
    dropped = dprk("drop-finding", "a", str(number))
    assert dropped.code == 0 and "refuted by IAEA" in dropped.err


def test_a_step_of_a_creation_s_day_that_comes_earlier_in_its_life_replays_first(dprk, empty):
    """Added as reversed on 1 May, its action found for that same day: the action was
    taken ('stays reversed'), but `check` went on warning that no action was on record
    before the reversal, with advice already followed, and a finding of that day was
    refused as finding nothing; and a measure added as agreed, with its offer of that
    day, was listed agreed, then proposed. A measure added with a status is as one added
    that day and marked so: the day's earlier steps replay, and are listed, first."""
    assert dprk("add-measure", "R", "--actor", "US", "--id", "r", "--status", "reversed",
                "--date", "2018-05-01").code == 0  # fmt: skip
    acted = dprk("mark", "r", "implemented", "--date", "2018-05-01")
    assert (
        acted.err == "r: recorded implemented on 2018-05-01; r stays reversed (since 2018-05-01)\n"
    )
    found = dprk("verify", "r", "--by", "UN", "--date", "2018-05-01")
    assert found.code == 0, found.err
    assert dprk("check").out == "ok: no problems found\n"
    log = json.loads(dprk("log", "r", "--format", "json").out)
    assert [(e["event"], e["status"]) for e in log] == [
        ("status", "implemented"),
        ("verification", "verified"),
        ("created", "reversed"),
    ]
    assert status_of(dprk, "r")["status"] == "reversed"
    assert dprk("add-measure", "H", "--actor", "US", "--id", "h", "--status", "agreed",
                "--date", "2018-05-01").code == 0  # fmt: skip
    assert dprk("mark", "h", "proposed", "--date", "2018-05-01").code == 0
    log = json.loads(dprk("log", "h", "--format", "json").out)
    assert [(e["event"], e["status"]) for e in log] == [
        ("status", "proposed"),
        ("created", "agreed"),
    ]
    timeline = json.loads(dprk("timeline", "--format", "json").out)["events"]
    assert [e["status"] for e in timeline if e["id"] == "h"] == ["proposed", "agreed"]
    assert status_of(dprk, "h")["status"] == "agreed"
    assert dprk("check").out == "ok: no problems found\n"


def _delisting(dprk, delist_first: bool) -> None:
    """The Six-Party delisting and declaration, entered as found: the delisting of 2008
    first (then its agreement of 2007 found later), or in date order."""
    steps = [
        ("add-measure", "Delist", "--actor", "US", "--id", "delist", "--status",
         "implemented", "--date", "2008-10-11"),
        ("add-measure", "Declare", "--actor", "DPRK", "--id", "declare", "--status", "agreed",
         "--date", "2007-10-03", "--in-exchange-for", "delist"),
        ("mark", "delist", "agreed", "--date", "2007-10-03"),
    ]  # fmt: skip
    if not delist_first:
        steps = [
            ("add-measure", "Delist", "--actor", "US", "--id", "delist", "--status", "agreed",
             "--date", "2007-10-03"),
            steps[1],
            ("mark", "delist", "implemented", "--date", "2008-10-11"),
        ]  # fmt: skip
    for args in [*steps, ("mark", "declare", "implemented", "--date", "2008-06-26")]:
        done = dprk(*args)
        assert done.code == 0, (args, done.err)


@pytest.mark.parametrize("delist_first", [True, False])
def test_a_link_a_later_creation_held_back_counts_from_the_step_found_before_it(
    dprk, empty, delist_first
):
    """Added exchanged for a measure on record from 2008, the declaration of 2007 had
    the link recorded on the delisting's side on 2008-10-11 (not before its creation).
    Found agreed in 2007, the delisting began then, but the link still counted from
    2008: the balance owed nothing in between, and `check` said ok. Entered in either
    order, the link counts from 2007-10-03."""
    _delisting(dprk, delist_first)
    owed = dprk("balance", "--as-of", "2008-09-01", "--format", "csv")
    assert owed.out == (
        "party,direction,measure,counterpart,since,days,in_part,disputed,held_by\n"
        "DPRK,owed,declare,delist,2008-06-26,67,false,false,\n"
        "US,owes,delist,declare,2008-06-26,67,false,false,\n"
    )
    then = json.loads(dprk("show", "delist", "--as-of", "2008-01-01", "--format", "json").out)
    assert then["in_exchange_for"] == ["declare"]
    log = dprk("log", "delist", "--format", "json").out
    assert [e["date"] for e in json.loads(log) if e["event"] == "exchange"] == ["2007-10-03"]
    assert dprk("check").out == "ok: no problems found\n"


def test_a_link_held_back_by_a_creation_follows_it_back_when_the_step_is_dropped(dprk, empty):
    """The step that took the delisting's beginning back to 2007 dropped, the link on its
    side goes back to its creation's day; `undo` brings the file back byte for byte."""
    _delisting(dprk, delist_first=True)
    before = empty.read_bytes()
    entries = json.loads(dprk("log", "delist", "--format", "json").out)
    step = next(e["n"] for e in entries if e["event"] == "status")
    assert dprk("drop-entry", "delist", str(step)).code == 0
    entries = json.loads(dprk("log", "delist", "--format", "json").out)
    assert [(e["date"], e["event"]) for e in entries][:2] == [
        ("2008-10-11", "created"),
        ("2008-10-11", "exchange"),
    ]
    assert [e["event"] for e in entries][2:] == ["correction"]  # (the drop, on record)
    assert dprk("balance", "--as-of", "2008-09-01", "--format", "ids").out == ""
    assert dprk("undo").code == 0 and empty.read_bytes() == before


def test_a_link_made_with_a_creation_a_step_found_later_dates_back_stays_on_its_day(dprk, empty):
    """The delisting added as implemented on 11 October 2008 with its link to the
    declaration (on record since 2007), then found agreed in 2007: the link was made
    the day the delisting was added, and a step of it found earlier does not take the
    link back with it (nothing is owed for it before then), as the balance guide says."""
    for args in (
        ("add-measure", "Nuclear declaration", "--actor", "DPRK", "--id", "declare",
         "--status", "agreed", "--date", "2007-02-13"),
        ("mark", "declare", "implemented", "--date", "2008-06-26"),
        ("add-measure", "Delisting", "--actor", "US", "--id", "delist", "--status",
         "implemented", "--date", "2008-10-11", "--in-exchange-for", "declare"),
    ):  # fmt: skip
        done = dprk(*args)
        assert done.code == 0, (args, done.err)
    marked = dprk("mark", "delist", "agreed", "--date", "2007-10-03")
    assert marked.code == 0, marked.err
    before = empty.read_bytes()
    owed = dprk("balance", "--as-of", "2008-07-01", "--format", "csv")
    assert (owed.code, owed.out) == (
        0,
        "party,direction,measure,counterpart,since,days,in_part,disputed,held_by\n",
    )
    log = json.loads(dprk("log", "declare", "--format", "json").out)
    assert [e["date"] for e in log if e["event"] == "exchange"] == ["2008-10-11"]
    assert dprk("check").out == "ok: no problems found\n"
    assert empty.read_bytes() == before


def test_a_finding_before_the_first_action_on_record_advises_the_earlier_action(dprk, empty):
    """A finding of May, with only a September action on record (the earlier one not yet
    entered), was refused with 'correct one of the two dates' alone, which would falsify a
    true date. It also advises recording the earlier action; followed, the finding lands,
    as in date order."""
    assert (
        dprk("add-measure", "M", "--actor", "DPRK", "--id", "m", "--date", "2020-01-01").code == 0
    )
    assert dprk("mark", "m", "implemented", "--extent", "minimal", "--date", "2020-09-26").code == 0
    before = empty.read_bytes()
    refused = dprk("verify", "m", "--by", "IAEA", "--result", "refuted", "--date", "2020-05-14")
    assert (refused.code, refused.out) == (1, "")
    assert refused.err == (
        "dprk: error: m: refuted by IAEA on 2020-05-14 comes before the measure acted "
        "(implemented (minimal) on 2020-09-26); correct one of the two dates, or, had it acted "
        "before the finding, record that first ('dprk mark m implemented --extent minimal "
        "--date YYYY-MM-DD', on a day from 2020-01-01 to 2020-05-14); nothing was written\n"
    )
    assert empty.read_bytes() == before
    assert dprk("mark", "m", "implemented", "--extent", "minimal", "--date", "2020-04-01").code == 0
    found = dprk("verify", "m", "--by", "IAEA", "--result", "refuted", "--date", "2020-05-14")
    assert found.code == 0, found.err
    shown = json.loads(dprk("show", "m", "--format", "json").out)
    # (September's entry, at the extent April's gives, restates it: no new action, so
    # May's refutation stands; April's in full, as the advice once read, made it one)
    assert (shown["status"], shown["extent"]) == ("disputed", "minimal")
    assert [v["result"] for v in shown["verifications"]] == ["refuted"]


def test_a_finding_before_a_creation_as_agreed_advises_no_mark_before_it(dprk, empty):
    """A finding dated before a measure added as agreed (and carried out that day) was
    refused saying it came before the measure acted, advising a mark dated on or before
    the finding: before the creation as agreed, which is refused when followed. The
    refusal advises no such mark; one added as implemented still has it advised. (It
    led then with the creation, as if the finding were an action a creation as agreed
    may not follow: the finding finds nothing, and moves nothing before it.)"""
    assert dprk("add-measure", "M", "--actor", "DPRK", "--id", "a", "--status", "agreed",
                "--date", "2020-03-10").code == 0  # fmt: skip
    assert dprk("mark", "a", "implemented", "--date", "2020-03-10").code == 0
    err = refused(dprk, empty, "verify", "a", "--by", "IAEA", "--date", "2020-03-09")
    assert err == (
        "dprk: error: a: confirmed by IAEA on 2020-03-09 comes before the measure acted "
        "(implemented on 2020-03-10); correct one of the two dates ('dprk log a' numbers the "
        "entries, 'dprk redate' corrects one); nothing was written\n"
    )
    assert "dprk mark" not in err
    # (the advice it gave, followed: refused, as an action before the creation as agreed)
    assert "comes before its creation as agreed" in refused(
        dprk, empty, "mark", "a", "implemented", "--date", "2020-03-09"
    )
    assert dprk("add-measure", "N", "--actor", "DPRK", "--id", "b", "--status", "implemented",
                "--date", "2020-03-10").code == 0  # fmt: skip
    err = refused(dprk, empty, "verify", "b", "--by", "IAEA", "--date", "2020-03-09")
    assert "record that first ('dprk mark b implemented --date YYYY-MM-DD', on or before " in err
    assert dprk("mark", "b", "implemented", "--date", "2020-03-09").code == 0
    assert dprk("verify", "b", "--by", "IAEA", "--date", "2020-03-09").code == 0


def test_an_entry_recorded_at_the_last_second_dprk_records_is_named(dprk, empty, monkeypatch):
    """An entry recorded on 9999-12-31 23:59:59 (a fixed clock, or a time typed wrong) made
    every later change of its measure an internal error (OverflowError): a change found
    later is recorded a second after it. It is refused naming the time, and nothing is
    written."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "253402300799")
    assert (
        dprk("add-measure", "Max", "--actor", "US", "--id", "mx", "--date", "2018-01-01").code == 0
    )
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    before = empty.read_bytes()
    for args in (["mark", "mx", "agreed", "--date", "2018-02-01"], ["note", "mx", "hello"],
                 ["rename", "mx", "my"]):  # fmt: skip
        # (renamed, the measure named is the one in the file: 'mx', not 'my')
        refused = dprk(*args)
        assert (refused.code, refused.out) == (1, "")
        assert refused.err == (
            "dprk: error: measure 'mx' has an entry recorded on 9999-12-31 23:59:59+00:00, the "
            "last time dprk can record, so no change can be recorded after it: a time typed "
            "wrong? correct that entry's recorded in the file\n"
        )
        assert empty.read_bytes() == before


def test_the_earlier_action_a_finding_advises_is_as_far_as_the_later_one(dprk, tmp_path):
    """Tongchang-ri, on record implemented (intermediate) on 23 July: a finding of 20 July
    advised 'dprk mark ... implemented --date ...', which, followed, recorded the site
    taken apart in full on the 19th, beyond what the sources say (the scorecard rose with
    it). The advice carries the extent on record; followed, the measure stands at it."""
    assert dprk("init", "--example", "korea-2018").code == 0
    path = tmp_path / "dprk-ledger.toml"
    before = path.read_bytes()
    ident = "tongchang-ri-dismantlement"
    err = refused(dprk, path, "verify", ident, "--by", "38 North", "--date", "2018-07-20")
    advice = f"'dprk mark {ident} implemented --extent intermediate --date YYYY-MM-DD'"
    assert f"record that first ({advice}, on a day from 2018-06-12 to 2018-07-20)" in err
    assert path.read_bytes() == before
    followed = dprk("mark", ident, "implemented", "--extent", "intermediate",
                    "--date", "2018-07-19")  # fmt: skip
    assert followed.code == 0, followed.err
    assert dprk("verify", ident, "--by", "38 North", "--date", "2018-07-20").code == 0
    then = json.loads(dprk("show", ident, "--as-of", "2018-07-21", "--format", "json").out)
    assert (then["status"], then["extent"]) == ("verified", "intermediate")


def test_an_entry_recorded_after_a_hand_written_offset_is_written_in_utc(dprk, empty, monkeypatch):
    """A `recorded` time written by hand at +09:00, later than the clock: the entry a
    command then recorded after it (a second later, as the record's order asks) took its
    offset, '+09:00', where the format says dprk writes UTC. (The hand-written time is
    read as that moment in UTC, so the block the note rewrites holds it so too.)"""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")  # 2026-12-01 00:00:00 UTC
    assert dprk("add-measure", "X", "--actor", "US", "--id", "x", "--date", "2018-01-01").code == 0
    text = empty.read_text(encoding="utf-8")
    assert text.count("recorded = 2026-12-01 00:00:00+00:00\n") == 1
    hand = text.replace(
        "recorded = 2026-12-01 00:00:00+00:00", "recorded = 2026-12-01 09:30:00+09:00"
    )
    empty.write_text(hand, encoding="utf-8")
    assert dprk("note", "x", "seen", "--date", "2018-09-20").code == 0
    stamps = re.findall(r"^recorded = (.*)$", empty.read_text(encoding="utf-8"), re.M)
    assert stamps == ["2026-12-01 00:30:00+00:00", "2026-12-01 00:30:01+00:00"]
    assert dprk("check").code == 0


def test_a_finding_written_by_hand_without_its_entry_is_an_error_check_names(dprk, empty):
    """A finding added by hand under a measure's verifications, without its history entry:
    check said ok, 'dprk log' did not list it, and 'dprk drop-finding' could not reach it,
    though the timeline and the status counted it. check names it, with two ways to mend
    it that work."""
    assert (
        dprk("add-measure", "R", "--actor", "DPRK", "--id", "r", "--date", "2018-07-01").code == 0
    )
    assert dprk("mark", "r", "implemented", "--date", "2018-07-27").code == 0
    good = empty.read_bytes()
    text = good.decode("utf-8").replace('status = "implemented"', 'status = "verified"', 1)
    hand = text.replace(
        "\n[[measures.history]]",
        '\n[[measures.verifications]]\nby = "UNC"\nresult = "confirmed"\ndate = 2018-10-01\n'
        "\n[[measures.history]]",
        1,
    )
    assert hand != text
    empty.write_text(hand, encoding="utf-8")
    checked = dprk("check", "--format", "json")
    assert checked.code == 1
    problems = json.loads(checked.out)["problems"]
    assert [(p["check"], p["measure"]) for p in problems] == [("finding-records", "r")]
    assert problems[0]["message"] == (
        "the finding 'confirmed by UNC' of 2018-10-01 under its verifications has no entry in "
        "its history (added by hand): 'dprk log' does not list it, nor can 'dprk "
        "drop-finding' reach it; remove it from the file and record it with 'dprk verify r "
        "--by UNC --result confirmed --date 2018-10-01', or give it its entry in the file "
        '(event = "verification", detail = "confirmed by UNC", date = 2018-10-01, and '
        "recorded: the time it is written, in UTC), and the measure the status that finding "
        "gives it"
    )
    # Followed: the finding given its entry in the file is one 'log' lists and
    # 'drop-finding' reaches.
    entry = (
        '\n[[measures.history]]\ndate = 2018-10-01\nevent = "verification"\n'
        'detail = "confirmed by UNC"\nrecorded = 2026-12-01 00:00:00+00:00\n'
    )
    empty.write_text(hand.rstrip("\n") + "\n" + entry, encoding="utf-8")
    assert dprk("check").out == "ok: no problems found\n"
    log = json.loads(dprk("log", "r", "--format", "json").out)
    assert [e["detail"] for e in log][-1] == "confirmed by UNC"
    assert dprk("drop-finding", "r", str(log[-1]["n"])).code == 0
    assert json.loads(dprk("show", "r", "--format", "json").out)["status"] == "implemented"


def test_an_entry_written_by_hand_against_the_status_is_advised_dropped_too(dprk, empty):
    """An 'agreed' entry added by hand after the implementation, the status left alone:
    every write was refused as 'its status was set by hand', advising 'mark ...
    implemented', where the entry was the hand's work. The refusal says one of the two
    was written by hand, and how to drop an entry; followed, the write goes through."""
    assert (
        dprk("add-measure", "R", "--actor", "DPRK", "--id", "r", "--date", "2018-07-01").code == 0
    )
    assert dprk("mark", "r", "implemented", "--date", "2018-07-27").code == 0
    text = empty.read_text(encoding="utf-8")
    empty.write_text(
        text.rstrip("\n")
        + '\n\n[[measures.history]]\ndate = 2018-09-25\nevent = "status"\nstatus = "agreed"\n'
        'detail = "agreed"\nrecorded = 2026-12-01 00:00:00+00:00\n',
        encoding="utf-8",
    )
    before = empty.read_bytes()
    refused = dprk("note", "r", "seen", "--date", "2018-09-26")
    assert (refused.code, refused.out) == (1, "")
    assert refused.err == (
        "dprk: error: r: its status 'implemented' in the file is not what its history gives "
        "('agreed'), one of the two written by hand; record the change first with 'dprk mark "
        "r implemented --date YYYY-MM-DD' (or correct the file; an entry of its history "
        "written by mistake is dropped with 'dprk drop-entry r N', 'dprk log r' numbers "
        "them); nothing was written\n"
    )
    assert empty.read_bytes() == before
    log = json.loads(dprk("log", "r", "--format", "json").out)
    assert (log[-1]["date"], log[-1]["status"]) == ("2018-09-25", "agreed")
    assert dprk("drop-entry", "r", str(log[-1]["n"])).code == 0
    assert dprk("note", "r", "seen", "--date", "2018-09-26").code == 0
    assert dprk("check").out == "ok: no problems found\n"


def test_a_finding_written_by_hand_with_the_status_left_is_mended_as_check_says(dprk, empty):
    """A finding added by hand without its entry, the status left 'implemented': check and
    every write advised dropping the findings with 'dprk drop-finding', which cannot reach
    it ('log' does not list it), and said the history gave 'verified'. The finding is the
    one problem named, and a write refused says to mend it first."""
    for ident, actor in (("engine", "DPRK"), ("ex", "US")):
        assert dprk("add-measure", ident, "--actor", actor, "--id", ident,
                    "--date", "2018-06-12").code == 0  # fmt: skip
    assert dprk("mark", "engine", "implemented", "--date", "2018-07-20").code == 0
    text = empty.read_text(encoding="utf-8")
    hand = text.replace(
        'id = "engine"\n',
        'id = "engine"\nverifications = [{ by = "US", result = "confirmed", date = 2018-08-03 }]\n',
    )
    assert hand != text
    empty.write_text(hand, encoding="utf-8")
    found = json.loads(dprk("check", "--format", "json").out)["problems"]
    assert [(p["check"], p["measure"]) for p in found] == [("finding-records", "engine")]
    before = empty.read_bytes()
    refused = dprk("link", "engine", "ex", "--date", "2018-08-04")
    assert (refused.code, refused.out) == (1, "")
    assert "first mend the finding written by hand without its history entry" in refused.err
    assert "drop-finding" not in refused.err
    assert empty.read_bytes() == before


def test_a_deadline_before_the_measure_was_made_is_a_warning_check_gives_too(dprk, korea):
    """The warning a write gave of a deadline before its measure was made was the write's
    alone: check said nothing of it, nor of one written by hand. It is a rule of the
    record, which check and every write ask."""
    text = korea.read_text(encoding="utf-8")
    head = 'id = "second-summit"\n'
    assert text.count(head) == 1
    korea.write_text(text.replace(head, f"{head}deadline = 2018-09-01\n"), encoding="utf-8")
    found = json.loads(dprk("check", "--format", "json").out)["problems"]
    late = [p for p in found if p["check"] == "deadline-before-creation"]
    assert [(p["severity"], p["measure"]) for p in late] == [("warning", "second-summit")]
    assert late[0]["message"] == (
        "its deadline 2018-09-01 is before the measure was made (2018-09-10): it is overdue "
        "from the start ('dprk edit second-summit --deadline YYYY-MM-DD --date 2018-09-10' "
        "moves it from the day it was set)"
    )
    assert dprk("edit", "second-summit", "--deadline", "2018-09-30").code == 0
    assert "deadline-before-creation" not in dprk("check").out


def _linked_then_unlinked(dprk, empty) -> str:
    """Measures a (DPRK) and b (US), linked on 1 February 2018, the link ended on
    1 March (recorded on both); the file's text."""
    for args in (
        ("add-measure", "A", "--id", "a", "--actor", "DPRK", "--date", "2018-01-01"),
        ("add-measure", "B", "--id", "b", "--actor", "US", "--date", "2018-01-01"),
        ("link", "a", "b", "--date", "2018-02-01"),
        ("unlink", "a", "b", "--date", "2018-03-01"),
    ):
        assert dprk(*args).code == 0
    check_is_clean(dprk)
    return empty.read_text(encoding="utf-8")


def _checked_every_way(dprk, empty, expected: list[str]) -> None:
    """`check` of the file as edited, as kept, and read anew: the errors `expected`."""
    for way in ("edited", "kept", "read anew"):
        if way == "read anew":
            shutil.rmtree(empty.parent / ".dprk")
        result = dprk("check")
        assert result.code == 1, (way, result.out)
        assert result.out.splitlines()[:-1] == expected, way


def test_check_finds_a_link_one_end_ended_and_the_other_keeps(dprk, empty):
    """The end of a link recorded on one measure alone (a merge settled one history as
    ours, the other as theirs): b's log said it was exchanged for a, neither listed the
    other, and check said nothing. It names both, and each way it advises works."""
    text = _linked_then_unlinked(dprk, empty)
    head, sep, rest = text.partition('id = "b"\n')
    block = re.search(r"\n\[\[measures\.history\]\]\ndate = 2018-03-01\n[^\[]*", rest)
    assert block is not None and "no longer in exchange for a" in block.group(0)
    edited = head + sep + rest.replace(block.group(0), "\n", 1)
    empty.write_text(edited, encoding="utf-8")
    _checked_every_way(
        dprk,
        empty,
        [
            "error: b: its history has it exchanged for 'a' (linked on 2018-02-01), but "
            "neither lists the other in in_exchange_for, as the history of 'a' has it "
            "(unlinked on 2018-03-01); record the end of 2018-03-01 on 'b' too with 'dprk "
            "unlink b a --date 2018-03-01', or, if it was entered by mistake, drop it with "
            "'dprk drop-entry a 3' [link-history]"
        ],
    )
    for advice, linked in ((["unlink", "b", "a", "--date", "2018-03-01"], False),
                           (["drop-entry", "a", "3"], True)):  # fmt: skip
        empty.write_text(edited, encoding="utf-8")
        result = dprk(*advice)
        assert result.code == 0, result.err
        check_is_clean(dprk)
        shown = json.loads(dprk("show", "a", "b", "--format", "json").out)
        assert [m["in_exchange_for"] for m in shown] == ([["b"], ["a"]] if linked else [[], []])


def test_check_finds_a_link_listed_by_hand_after_both_histories_ended_it(dprk, empty):
    """Both measures listed in each other's in_exchange_for by hand, after the link was
    ended on both: the log said ended, the table and the balance said linked."""
    text = _linked_then_unlinked(dprk, empty)
    edited = text.replace('actor = "DPRK"\n', 'actor = "DPRK"\nin_exchange_for = ["b"]\n', 1)
    edited = edited.replace('actor = "US"\n', 'actor = "US"\nin_exchange_for = ["a"]\n', 1)
    empty.write_text(edited, encoding="utf-8")
    _checked_every_way(
        dprk,
        empty,
        [
            f"error: {m}: its history has it no longer exchanged for '{o}' (unlinked on "
            "2018-03-01), but both list each other in in_exchange_for; take each out of the "
            "other's in_exchange_for in the file, or record the link again with 'dprk link "
            f"{m} {o} --date YYYY-MM-DD' (a day from 2018-03-01 on) [link-history]"
            for m, o in (("a", "b"), ("b", "a"))
        ],
    )
    empty.write_text(edited, encoding="utf-8")
    result = dprk("link", "a", "b", "--date", "2018-04-01")
    assert result.code == 0, result.err
    check_is_clean(dprk)
    empty.write_text(text, encoding="utf-8")  # (the file, as the histories have it)
    check_is_clean(dprk)


def test_an_action_found_a_day_before_an_agreement_is_advised_undone_on_its_own_day(
    dprk, empty, tick
):
    """Agreed on 11 January, then an action of 10 January found: the warning advised the
    reversal 'a day after the first', 11 January, where it replays after the agreement
    (the steps of a day replay in the order a measure's life runs), and followed, left two
    new warnings and the measure reversed. Only the day of the action works: it says so."""
    assert dprk("add-measure", "m", "--actor", "US", "--id", "m", "--date", "2000-01-01").code == 0
    tick()
    assert dprk("mark", "m", "agreed", "--date", "2000-01-11").code == 0
    tick()
    found = dprk("mark", "m", "implemented", "--date", "2000-01-10")
    assert found.code == 0
    assert found.err == (
        "m: recorded implemented on 2000-01-10; m stays agreed (since 2000-01-11)\n"
        "dprk: warning: m: implemented on 2000-01-10 comes before agreed on 2000-01-11, "
        "which was recorded first: nothing on record has it undone between the two: record "
        "when it was, on 2000-01-10, the day of the first ('dprk mark m reversed --date "
        "2000-01-10'), or correct one of the two dates ('dprk log m' numbers the entries, "
        "'dprk redate' corrects one)\n"
    )
    tick()
    followed = dprk(*shlex.split("mark m reversed --date 2000-01-10"))
    assert followed.code == 0 and "warning" not in followed.err, followed.err
    assert dprk("check").out == "ok: no problems found\n"
    assert status_of(dprk, "m")["status"] == "agreed"


# Each gap between two steps, the two typed in the order that leaves it (the later one
# first, where the order matters): (the steps before the two, the two, in the order typed).
_GAPS = {
    "undone": ([], [("agreed", 1), ("implemented", 0)]),
    "undone and offered again": ([], [("withdrawn", 1), ("implemented", 0)]),
    "offered again": ([], [("withdrawn", 0), ("rejected", 1)]),
    "offered again after a reversal": (
        [],
        [("withdrawn", 1), ("implemented", -1), ("reversed", 0)],
    ),
    "carried out": ([], [("agreed", 0), ("reversed", 1)]),
    "carried out again": ([("implemented", -5)], [("reversed", 0), ("reversed", 1)]),
}


def _day(offset: int) -> str:
    from datetime import date, timedelta

    return (date(2000, 1, 10) + timedelta(days=offset)).isoformat()


def _advised(err: str) -> tuple[str, list[str]]:
    """What a gap's warning advises: its words from 'record when it was', and the commands
    it names."""
    said = err[err.index("record when it was, ") : err.index(", or correct one of the two")]
    return said, re.findall(r"'(dprk mark [^']+)'", said)


@pytest.mark.parametrize("apart", [1, 6])
@pytest.mark.parametrize("gap", list(_GAPS))
def test_each_gap_s_advice_followed_on_any_day_it_names_closes_the_gap(
    dprk, empty, tick, gap, apart
):
    """The advice of a gap between two steps named 'a day after the first', which, when
    the step missing replays after the second on its day (a reversal after an agreement),
    is the one day that does not work when the two are a day apart. It names the days that
    work, from the replay's order of a day's steps; followed on the first of them or on
    the last (each step of two on its own), `check` is clean."""
    assert dprk("add-measure", "m", "--actor", "US", "--id", "m", "--date", "1999-12-01").code == 0
    earlier, typed = _GAPS[gap]
    for status, offset in earlier + [(s, o * apart) for s, o in typed]:
        tick()
        assert dprk("mark", "m", status, "--date", _day(offset)).code == 0
    warned = json.loads(dprk("check", "--format", "json").out)["problems"]
    assert [p["check"] for p in warned] == ["missing-steps"], warned
    said, commands = _advised(warned[0]["message"])
    days = re.findall(r"\d{4}-\d{2}-\d{2}", said.split(" (")[0])
    if len(commands) == 1:
        tries = [[commands[0].replace("YYYY-MM-DD", day)] for day in days]
    else:  # (a reversal, then an offer on a later day, by the last day named)
        assert said.startswith("record when it was, the reversal on "), said
        tries = [
            [commands[0].replace("YYYY-MM-DD", day), commands[1].replace("YYYY-MM-DD", days[-1])]
            for day in days[:-1]
        ]
    assert tries
    for followed in tries:
        for command in followed:
            tick()
            done = dprk(*shlex.split(command)[1:])
            assert done.code == 0, (said, command, done.err)
        assert dprk("check").out == "ok: no problems found\n", (said, followed)
        for _ in followed:
            tick()
            assert dprk("undo").code == 0


def test_a_read_of_a_status_its_history_does_not_give_says_so_before_it_answers(dprk, tmp_path):
    """The US withdrew its ICJ claims on 12 May 1981; a hand edit set the measure back to
    agreed. `balance` said the US still owed it, `balance --as-of` today (which replays
    the history) that it owed nothing, and neither said a word: a script got two
    answers for one day. Every read of a ledger holding such a status now warns, once,
    on standard error (`check` lists them; a write says what it must itself)."""
    path = tmp_path / "dprk-ledger.toml"
    for args in (
        ["init", "--party", "US", "--party", "Iran"],
        ["add-measure", "Iran releases the hostages", "--actor", "Iran", "--id", "hr",
         "--date", "1981-01-19"],
        ["add-measure", "US withdraws its ICJ claims", "--actor", "US", "--id", "icj",
         "--date", "1981-01-19", "--in-exchange-for", "hr"],
        ["mark", "hr", "implemented", "--date", "1981-01-20"],
        ["mark", "icj", "implemented", "--date", "1981-05-12"],
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    assert dprk("balance").err == ""  # (no error: no warning)
    text = path.read_text(encoding="utf-8")
    at = text.index('id = "icj"')
    edited = text[:at] + text[at:].replace('status = "implemented"', 'status = "agreed"', 1)
    path.write_text(edited, encoding="utf-8")
    said = (
        "dprk: warning: dprk-ledger.toml: measure 'icj' has a status its history does not give "
        "(a hand edit?): a report gives that status for today, and the history's with "
        "--as-of; 'dprk check' lists them\n"
    )
    for args in (["balance"], ["balance", "--as-of", today().isoformat()], ["status"],
                 ["show", "icj", "--format", "json"], ["next", "--format", "ids"]):  # fmt: skip
        result = dprk(*args)
        assert (result.code, result.err) == (0, said), (args, result.err)
    checked = dprk("check")
    assert checked.code == 1 and "[status-history]" in checked.out and checked.err == ""
    # (a write refused for the error says it alone; set right, no warning)
    before = path.read_bytes()
    refused = dprk("note", "icj", "x")
    assert refused.code == 1 and refused.err.count("\n") == 1 and "warning" not in refused.err
    assert path.read_bytes() == before
    path.write_text(text, encoding="utf-8")
    assert dprk("balance").err == ""


@pytest.mark.parametrize("extent_line", ['extent = "minimal"\n', ""])
def test_a_status_left_out_is_named_not_an_extent_the_history_gives(dprk, empty, extent_line):
    """A measure that acted at minimal extent, its `status` line left out (read as
    proposed): check advised setting extent = "not-initiated", deleting the right extent,
    and asked for it back two rounds later. The status is named, and, the extent left
    out too, the extent with it: following the advice makes check pass."""
    head = empty.read_text(encoding="utf-8")
    block = (
        '\n[[measures]]\nid = "m"\ntitle = "M"\nactor = "US"\n'
        + extent_line
        + '\n[[measures.history]]\ndate = 1999-05-05\nevent = "created"\nstatus = "agreed"\n'
        "recorded = 2026-12-01 10:00:00+00:00\n"
        '\n[[measures.history]]\ndate = 1999-06-01\nevent = "status"\nstatus = "implemented"\n'
        'extent = "minimal"\nrecorded = 2026-12-01 10:01:00+00:00\n'
    )
    empty.write_text(head + block, encoding="utf-8")
    before = empty.read_bytes()
    found = dprk("check")
    to_set = 'status = "implemented"' + ("" if extent_line else ' and extent = "minimal"')
    assert (found.code, found.out.splitlines()[0], found.err) == (
        1,
        "error: m: status is 'proposed' (or left out, which reads as 'proposed') but its "
        f"history gives 'implemented'; set {to_set} in the file, since it cannot become "
        "'proposed' by its history: a measure that has acted cannot be pending again (mark it "
        "reversed if it was undone) [status-history]",
        "",
    )
    assert empty.read_bytes() == before
    mended = block.replace('actor = "US"\n', 'actor = "US"\nstatus = "implemented"\n', 1)
    if not extent_line:
        mended = mended.replace(
            'status = "implemented"\n', 'status = "implemented"\nextent = "minimal"\n', 1
        )
    empty.write_text(head + mended, encoding="utf-8")
    assert dprk("check").out == "ok: no problems found\n"


def test_a_rename_dated_back_is_recorded_on_an_undated_measure_in_either_order(dprk, tmp_path):
    """A measure added without a date, whose only event was after the rename's day, got
    no entry of the rename: an earlier event recorded later moved it back before that
    day, and the ledger forgot its actor was named USSR then ('--actor USSR' dated 1987
    refused as a typo of US; the rename's line advised dating a 1991 rename in 2019).
    Typed the other way round, it had the entry. It is made on some day before its first
    event: the entry is written either way, and dates nothing."""
    ledgers, logs = [], []
    for order in ("rename first", "event first"):
        path = tmp_path / f"{order.replace(' ', '-')}.toml"

        def run(*args: str, path=path):
            return dprk("--ledger", path, *args)

        assert run("init", "--title", "t", "--party", "US", "--party", "USSR").code == 0
        added = run("add-measure", "USSR observes the INF ban", "--actor", "USSR", "--id", "su-ban")
        assert added.code == 0
        assert run("mark", "su-ban", "reversed", "--date", "2019-03-04").code == 0
        rename = ("rename-party", "USSR", "Russia", "--date", "1991-12-26")
        mark = ("mark", "su-ban", "implemented", "--date", "1988-06-01")
        for args in (rename, mark) if order == "rename first" else (mark, rename):
            result = run(*args)
            assert result.code == 0, result.err
            if args is rename:  # (no advice to date it after the measure's first event)
                assert (
                    result.err == "renamed party USSR to Russia on 1991-12-26 (1 measure changed)\n"
                )
        log = json.loads(run("log", "su-ban", "--format", "json").out)
        assert [(e["n"], e["date"], e["event"], e["detail"]) for e in log] == [
            (1, "1988-06-01", "created", log[0]["detail"]),
            (2, "1988-06-01", "status", "implemented"),
            (3, "1991-12-26", "edit", "party USSR renamed Russia"),
            (4, "2019-03-04", "status", "reversed"),
        ]
        logs.append([{k: v for k, v in e.items() if k != "recorded"} for e in log])
        ledgers.append(re.sub(r"(?m)^recorded = .*\n", "", path.read_text(encoding="utf-8")))
        added = run(
            "add-measure", "USSR eliminates SS-20", "--actor", "USSR", "--status", "agreed",
            "--date", "1987-12-08",
        )  # fmt: skip
        assert (added.code, added.out, added.err) == (0, "ussr-eliminates-ss-20\n", "")
        m = next(m for m in tomllib.loads(path.read_text())["measures"] if m["id"] != "su-ban")
        assert m["actor"] == "Russia"
        assert [h["detail"] for h in m["history"]][-1] == "party USSR renamed Russia"
        result = run("check")
        assert (result.code, result.out) == (0, "ok: no problems found\n")
    assert ledgers[0] == ledgers[1]
    assert logs[0] == logs[1]


def test_a_rename_dated_before_an_undated_measure_had_an_event_waits_for_it(dprk, empty):
    """With no event yet, a measure added without a date is dated the day it was added,
    and a rename dated back was not recorded on it: the rename's line advised one dated
    today, and an event found later, before the rename's day, left it forgotten."""
    assert dprk("add-measure", "X", "--actor", "DPRK", "--id", "x").code == 0
    result = dprk("rename-party", "DPRK", "NK", "--date", "2010-01-01")
    assert (result.code, result.err) == (
        0,
        "renamed party DPRK to NK on 2010-01-01 (1 measure changed)\n",
    )
    assert dprk("mark", "x", "implemented", "--date", "2008-04-01").code == 0
    log = json.loads(dprk("log", "x", "--format", "json").out)
    assert [(e["date"], e["event"], e["detail"]) for e in log][1:] == [
        ("2008-04-01", "status", "implemented"),
        ("2010-01-01", "edit", "party DPRK renamed NK"),
    ]
    # (the old name is known, not another party's: the ledger unchanged, as `refused` checks)
    assert "party 'DPRK' was renamed NK" in refused(dprk, empty, "add-party", "DPRK")
    check_is_clean(dprk)


@pytest.mark.parametrize("backed", ["implemented", "proposed"])
def test_a_link_made_when_a_measure_was_added_counts_from_that_day_in_either_order(
    dprk, tmp_path, backed
):
    """Resolution 435 added agreed on 22 December 1988 in exchange for the Cuban
    withdrawal, then both found earlier: the link moved back with Resolution 435's
    earliest step, as far as the withdrawal's beginning, when the withdrawal's step was
    typed first, and stayed on 22 December the other way round. The link was made on the
    day it was added: it counts from then, entered in either order."""
    status = "implemented" if backed == "implemented" else "agreed"
    day = "1988-10-01" if backed == "implemented" else "1988-08-08"
    step = ("mark", "cw", backed, "--date", day)
    other = ("mark", "r435", "proposed", "--date", "1988-08-08")
    balances, logs, files, views = [], [], [], []
    for name, marks in (("a", (step, other)), ("b", (other, step))):
        ledger = tmp_path / f"{name}.toml"
        for args in (
            ("init", "--party", "Cuba", "--party", "SA"),
            ("add-measure", "Withdraw", "--actor", "Cuba", "--id", "cw", "--status", status,
             "--date", "1988-12-22"),
            ("add-measure", "Res 435", "--actor", "SA", "--id", "r435", "--status", "agreed",
             "--date", "1988-12-22", "--in-exchange-for", "cw"),
            *marks,
        ):  # fmt: skip
            said = dprk("--ledger", ledger, *args)
            assert said.code == 0, (args, said.err)
        owed = dprk("--ledger", ledger, "balance", "--as-of", "1988-12-31", "--format", "csv")
        assert owed.code == 0
        balances.append(owed.out)
        logged = dprk("--ledger", ledger, "log", "cw", "--format", "json")
        assert logged.code == 0
        log = json.loads(logged.out)
        assert [e["date"] for e in log if e["event"] == "exchange"] == ["1988-12-22"]
        logs.append([{k: v for k, v in e.items() if k != "recorded"} for e in log])
        files.append(re.sub(rb"(?m)^recorded = .*\n", b"", ledger.read_bytes()))
        then = dprk("--ledger", ledger, "status", "--as-of", "1988-12-01", "--format", "json")
        assert then.code == 0
        views.append({m["id"]: m["in_exchange_for"] for m in json.loads(then.out)["measures"]})
        checked = dprk("--ledger", ledger, "check")
        assert (checked.code, checked.out) == (0, "ok: no problems found\n")
    assert balances[0] == balances[1]
    if backed == "implemented":
        assert balances[0] == (
            "party,direction,measure,counterpart,since,days,in_part,disputed,held_by\n"
            "Cuba,owed,cw,r435,1988-12-22,9,false,false,\n"
            "SA,owes,r435,cw,1988-12-22,9,false,false,\n"
        )
    assert logs[0] == logs[1]
    assert files[0] == files[1]
    assert views[0] == views[1] == {"cw": [], "r435": []}  # (not linked before 22 December)
