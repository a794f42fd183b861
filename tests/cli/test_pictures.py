"""timeline, graph and report: the negotiation as pictures."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from datetime import date
from pathlib import Path

import pytest

from dprk_cli.clock import today
from tests.conftest import shell


def _events(dprk, *args):
    result = dprk("timeline", *args, "--format", "json")
    assert result.code == 0, result.err
    return json.loads(result.out)["events"]


def test_timeline_is_every_dated_event_in_order(dprk, korea):
    events = _events(dprk)
    dates = [e["date"] for e in events]
    assert dates == sorted(dates)
    history = json.loads(dprk("log", "--format", "json").out)
    # (and each order a measure was added with, on the day it was: no entry of its own)
    given = [(e["date"], e["id"], e["detail"]) for e in events if e["event"] == "sequence"]
    assert given == [
        ("2018-07-07", "end-of-war-declaration", "after inventory-submission, demanded by US"),
        ("2018-07-07", "inventory-submission", "after end-of-war-declaration, demanded by DPRK"),
    ]
    assert len(events) == len(history) + len(given)
    assert events[0]["date"] == "2018-04-20"
    assert {e["party"] for e in events} == {"DPRK", "ROK", "US"}


def test_timeline_says_how_long_the_other_side_took(dprk, korea):
    events = _events(dprk)
    gaeseong = next(
        e for e in events if e["id"] == "gaeseong-liaison-office" and e["event"] == "created"
    )
    # ROK agreed on 27 April; DPRK's latest step was on 21 April.
    assert gaeseong["move"] is True
    assert (gaeseong["answers"], gaeseong["days_since"]) == ("DPRK", 6)
    assert gaeseong["answers_all"] == ["DPRK"]
    note = next(e for e in events if e["event"] == "note")
    assert note["move"] is False and note["days_since"] is None
    first = events[0]
    assert first["answers"] is None  # nobody else had moved yet


def test_a_rejection_is_drawn_as_no_step_of_the_rejected_measure_s_party(dprk, empty):
    """A rejection was drawn as its actor's own step (●, 'a party's own step'), with the
    days since the other side's step: 'yb rejected, 1 (US)' read as though the DPRK had
    rejected, a day after the US. It is the other side turning the measure down: its own
    mark and key, no answer time, and no step a later one answers as its actor's (nor the
    other side's: the ledger does not say who turned it down)."""
    for args in (
        ("add-measure", "Offer", "--id", "yb", "--actor", "DPRK", "--status", "agreed",
         "--date", "2018-03-01"),
        ("add-measure", "Visit", "--id", "visit", "--actor", "US", "--status", "proposed",
         "--date", "2018-03-05"),
        ("mark", "yb", "rejected", "--date", "2018-03-06"),
        ("mark", "visit", "agreed", "--date", "2018-03-09"),
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    ledger = (Path.cwd() / "dprk-ledger.toml").read_bytes()
    table = dprk("timeline")
    assert table.code == 0, table.err
    rows = [line.split() for line in table.lines]
    assert ["2018-03-06", "⊘", "yb", "rejected"] in rows
    assert ["2018-03-09", "●", "8", "(DPRK)", "visit", "agreed"] in rows  # (not 3, after yb)
    assert "⊘ its measure rejected (turned down by the side it was offered to, or " in table.out
    said = [(e["id"], e["status"], e["move"], e["answers"], e["days_since"])
            for e in _events(dprk)]  # fmt: skip
    assert said == [
        ("yb", "agreed", True, None, None),
        ("visit", "proposed", False, None, None),  # (a proposal: no party's step either)
        ("yb", "rejected", False, None, None),
        ("visit", "agreed", True, "DPRK", 8),
    ]
    page = dprk("report", "--output", "-")
    assert page.code == 0, page.err
    assert re.search(
        r'<path d="M[^"]*"[^>]*><title>2018-03-06, DPRK: yb rejected</title>', page.out
    )
    assert not re.search(r"<circle[^>]*><title>2018-03-06, DPRK: yb rejected", page.out)
    assert "a ring struck through is a measure rejected: turned down by the side" in page.out
    assert ">2018-03-06 · rejected</text>" in page.out  # (no 'd after')
    assert (Path.cwd() / "dprk-ledger.toml").read_bytes() == ledger


def test_a_proposal_is_no_step_of_its_measure_s_party(dprk, tmp_path):
    """A measure's being proposed was drawn as its actor's own step (●), and the other
    side's agreement years later counted '2211 (USSR)' days after it: but `add-measure`
    records what a party offers or is asked for ('demanded by the US'), and the ledger
    does not say who proposed it. A proposal is no party's step (○, as the key says):
    it answers no one, and no later step answers it; the report's picture alike."""
    for args in (
        ("init", "--title", "INF", "--party", "US", "--party", "USSR"),
        ("add-measure", "US forgoes Pershing II deployment", "--actor", "US", "--id",
         "us-zero", "--date", "1981-11-18"),
        ("add-measure", "USSR dismantles its SS-20s", "--actor", "USSR", "--id",
         "ussr-zero", "--date", "1981-11-18", "--in-exchange-for", "us-zero", "--note",
         "demanded by the US"),
        ("mark", "us-zero", "ussr-zero", "agreed", "--date", "1987-12-08"),
        ("add-measure", "USSR proposes talks", "--actor", "USSR", "--id", "talks",
         "--status", "agreed", "--date", "1987-12-01"),
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    ledger = (tmp_path / "dprk-ledger.toml").read_bytes()
    table = dprk("timeline")
    assert (table.code, table.err) == (0, "")
    rows = [line.split() for line in table.lines]
    assert ["1981-11-18", "○", "us-zero", "proposed"] in rows
    assert ["1981-11-18", "○", "ussr-zero", "proposed;", "demanded", "by", "the", "US"] in rows
    # (the agreements answer the USSR's own step, a measure it was added with as agreed)
    assert ["1987-12-08", "●", "7", "(USSR)", "us-zero", "agreed"] in rows
    assert ["1987-12-08", "●", "ussr-zero", "agreed"] in rows
    key = re.sub(r"\s+", " ", table.out)
    assert "○ another event about its measure (a proposal among them:" in key
    said = [(e["id"], e["status"], e["move"], e["answers"], e["days_since"])
            for e in _events(dprk) if e["status"]]  # fmt: skip
    assert said == [
        ("us-zero", "proposed", False, None, None),
        ("ussr-zero", "proposed", False, None, None),
        ("talks", "agreed", True, None, None),
        ("us-zero", "agreed", True, "USSR", 7),
        ("ussr-zero", "agreed", True, None, None),
    ]
    page = dprk("report", "--output", "-")
    assert page.code == 0, page.err
    assert "2211 d after" not in page.out and "2211 days after" not in page.out
    assert re.search(
        r'<circle [^>]*r="5" fill="#fff"[^>]*><title>1981-11-18, US: us-zero proposed</title>',
        page.out,
    )
    assert ">1987-12-08 · agreed · 7 d after USSR</text>" in page.out
    assert (tmp_path / "dprk-ledger.toml").read_bytes() == ledger


def test_the_timeline_does_not_say_who_rejected_a_measure_the_ledger_does_not_record(
    dprk, tmp_path
):
    """A rejection may be the other side turning an offer down or the actor refusing what
    was demanded of it ('Ghani refuses' to release prisoners): the ledger records no
    rejecting party, and the key said 'turned down by the other side'. It says the
    rejection is no party's step because the ledger does not say whose it is (nor is the
    proposal: the Taliban's release answers no step)."""
    for args in (
        ("init", "--title", "Doha", "--party", "US", "--party", "Taliban",
         "--party", "Afghan government"),
        ("add-measure", "Afghan government releases 5,000 Taliban prisoners", "--actor",
         "Afghan government", "--id", "rel", "--date", "2020-02-29"),
        ("mark", "rel", "rejected", "--date", "2020-03-01", "--note", "Ghani refuses"),
        ("add-measure", "Taliban release 1,000 prisoners", "--actor", "Taliban", "--id",
         "trel", "--status", "agreed", "--date", "2020-02-29"),
        ("mark", "trel", "implemented", "--extent", "minimal", "--date", "2020-03-02"),
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    ledger = (tmp_path / "dprk-ledger.toml").read_bytes()
    table = dprk("timeline")
    assert (table.code, table.err) == (0, "")
    key = re.sub(r"\s+", " ", table.out)
    assert "other side" not in key
    assert (
        "⊘ its measure rejected (turned down by the side it was offered to, or by its own "
        "party when demanded of it: the ledger does not say which, so it is no party's step);"
    ) in key
    rows = [line.split() for line in table.lines]
    assert ["2020-03-01", "⊘", "rel", "rejected;", "Ghani", "refuses"] in rows
    assert ["2020-03-02", "●", "trel", "implemented", "(minimal)"] in rows
    page = dprk("report", "--output", "-")
    assert page.code == 0, page.err
    assert "turned down by the other side" not in page.out
    assert (
        "a ring struck through is a measure rejected: turned down by the side it was "
        "offered to, or by its own party when demanded of it (the ledger does not say "
        "which, so it is no party's step)"
    ) in page.out
    assert (tmp_path / "dprk-ledger.toml").read_bytes() == ledger


def test_a_creation_recorded_without_a_date_is_no_step_of_its_party(dprk, empty):
    """A measure added without `--date` is dated by its earliest event; the timeline drew
    its creation on that day as a step of its party's (●, with an answer time), a step no
    source gave. It is an event about the measure (○, no answer time); the step of the
    day (agreed) is the move, and what it answers is unchanged. A creation a step restates
    (the same status) stays one row, as before."""
    for args in (
        ("add-measure", "Guarantee", "--id", "guarantee", "--actor", "US",
         "--status", "agreed", "--date", "2018-03-01"),
        ("add-measure", "Pledge", "--id", "pledge", "--actor", "DPRK"),
        ("mark", "pledge", "agreed", "--date", "2018-03-05"),
        ("add-measure", "Closure", "--id", "closure", "--actor", "DPRK", "--status", "agreed"),
        ("mark", "closure", "agreed", "--date", "2018-03-07"),
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    said = [(e["id"], e["event"], e["status"], e["move"], e["answers"], e["days_since"])
            for e in _events(dprk)]  # fmt: skip
    assert said == [
        ("guarantee", "created", "agreed", True, None, None),
        ("pledge", "created", "proposed", False, None, None),
        ("pledge", "status", "agreed", True, "US", 4),
        ("closure", "status", "agreed", True, "US", 6),
    ]
    rows = [line.split() for line in dprk("timeline").lines if "pledge" in line]
    assert rows == [["2018-03-05", "○", "pledge", "proposed"],
                    ["2018-03-05", "●", "4", "(US)", "pledge", "agreed"]]  # fmt: skip
    assert dprk("check").code == 0


def test_a_creation_written_by_hand_as_verified_is_no_step_of_its_party(dprk, empty):
    """Verified and disputed come only from a verifier's finding: a creation written by
    hand at one of them (an error `check` names) is drawn as an event about the measure,
    not as its party's move, as a what-if's step to such a status is; a later step of the
    other side answers the party's step before it, not it."""
    for args in (
        ("add-measure", "Offer", "--id", "offer", "--actor", "US", "--date", "2018-03-06"),
        ("add-measure", "Pledge", "--id", "pledge", "--actor", "US", "--date", "2018-03-04",
         "--status", "agreed"),
        ("add-measure", "Visit", "--id", "visit", "--actor", "DPRK", "--date", "2018-03-09",
         "--status", "agreed"),
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    text = empty.read_text(encoding="utf-8")  # (offer's block first: its status, its creation)
    hand = text.replace('status = "proposed"', 'status = "verified"', 2)
    empty.write_text(hand.replace("created as proposed", "created as verified", 1), "utf-8")
    before = empty.read_bytes()
    said = [(e["id"], e["status"], e["move"], e["answers"], e["days_since"])
            for e in _events(dprk)]  # fmt: skip
    assert said == [
        ("pledge", "agreed", True, None, None),
        ("offer", "verified", False, None, None),
        ("visit", "agreed", True, "US", 5),  # (pledge's, not the offer's of three days)
    ]
    check = dprk("check")
    assert (
        check.code == 1 and "verified and disputed come only from a verifier's finding" in check.out
    )
    assert empty.read_bytes() == before


def test_steps_of_one_day_answer_none_of_each_other(dprk, empty):
    """Two parties' steps of one day are simultaneous: each answers the steps of earlier
    days. Which answered which was decided by the measures' ids, so a rename changed
    who answered whom, and after how many days."""
    for ident, actor, status, day in (
        ("p-open", "DPRK", "implemented", "2018-01-01"),
        ("pledge", "DPRK", "agreed", "2018-03-01"),
        ("guarantee", "US", "agreed", "2018-03-01"),
    ):
        assert dprk("add-measure", ident, "--id", ident, "--actor", actor,
                    "--status", status, "--date", day).code == 0  # fmt: skip

    def answers() -> dict[str, tuple[str | None, int | None]]:
        return {e["id"]: (e["answers"], e["days_since"]) for e in _events(dprk)}

    expected = {"p-open": (None, None), "guarantee": ("DPRK", 59)}
    assert answers() == {**expected, "pledge": (None, None)}
    assert dprk("rename", "pledge", "a-pledge").code == 0
    assert answers() == {**expected, "a-pledge": (None, None)}
    row = next(line for line in dprk("timeline").lines if "guarantee" in line)
    assert row.split() == ["2018-03-01", "●", "59", "(DPRK)", "guarantee", "agreed"]


def test_a_step_after_two_parties_stepped_on_one_day_names_both(dprk, tmp_path):
    """A and B both stepped on 1 January, C five days later: the timeline said C's step
    came "5 (B)" days after B's, the party whose name sorts last, as if A had not stepped
    that day too. Every format that says whose step a move came after names each party
    whose latest step it was: the table ("5 (A, B)", and its note), JSON (`answers_all`,
    `answers` the first of them, as it was), CSV and the report's picture ("5 days after A and B")."""
    assert dprk("init", "--title", "T", "--party", "A", "--party", "B", "--party", "C").code == 0
    for ident, actor, day in (("b", "B", "2020-01-01"), ("a", "A", "2020-01-01"),
                              ("c", "C", "2020-01-06")):  # fmt: skip
        args = ("--id", ident, "--actor", actor, "--date", day, "--status", "agreed")
        assert dprk("add-measure", ident, *args).code == 0
    table = dprk("timeline")
    row = next(line for line in table.lines if line.startswith("2020-01-06"))
    assert row.split() == ["2020-01-06", "●", "5", "(A,", "B)", "c", "agreed"]
    assert table.out.endswith(
        "'days after': days since another party's latest step on an earlier day (that "
        "party in brackets; each of them, when more than one stepped that day).\n"
    )
    said = {e["id"]: (e["answers"], e["answers_all"], e["days_since"]) for e in _events(dprk)}
    assert said == {"a": (None, None, None), "b": (None, None, None), "c": ("A", ["A", "B"], 5)}
    rows = list(csv.DictReader(io.StringIO(dprk("timeline", "--format", "csv").out)))
    last = rows[-1]
    assert (last["id"], last["answers"], last["days_since"], last["answers_all"]) == (
        "c",
        "A",
        "5",
        "A; B",
    )
    markdown = dprk("timeline", "--format", "markdown").out
    assert "| 2020-01-06 |  |  | ● | 5 (A, B) | c | agreed |" in markdown
    page = dprk("report", "--output", "-").out
    assert "<title>2020-01-06, C: c agreed (5 days after A and B)</title>" in page
    assert "2020-01-06 · agreed · 5 d after A and B" in page


def test_a_link_and_an_order_with_a_measure_removed_since_say_so(dprk, empty):
    """A measure entered by mistake, removed with --force: the other measure's exchange
    entry stays on record (`log`), but the timeline and the report drew it as a link in
    force, where every other view (`show --as-of`, `status`) has none."""
    dprk("init", "--force", "--party", "US", "--party", "DRV", "--party", "ICCS")
    for args in (
        ("Withdraw", "--actor", "US", "--id", "wd", "--status", "implemented"),
        ("Release", "--actor", "DRV", "--id", "pow", "--status", "implemented"),
        ("Supervise", "--actor", "ICCS", "--id", "iccs", "--in-exchange-for", "wd"),
    ):
        assert dprk("add-measure", *args, "--date", "1973-03-29").code == 0
    assert dprk("sequence", "pow", "--after", "iccs", "--date", "1973-03-29").code == 0
    assert dprk("remove", "iccs", "--force").code == 0
    events = json.loads(dprk("timeline", "--format", "json").out)["events"]
    assert [(e["id"], e["event"], e["detail"]) for e in events if e["event"] != "created"] == [
        ("pow", "sequence", "after iccs (iccs removed from the ledger since)"),
        ("wd", "exchange", "in exchange for iccs (iccs removed from the ledger since)"),
    ]
    shown = dprk("timeline", "--party", "US").out
    assert "exchange: in exchange for iccs (iccs removed from the ledger since)" in shown
    report = dprk("report", "--output", "-").out
    assert "in exchange for iccs (iccs removed from the ledger since)" in report
    log = json.loads(dprk("log", "wd", "--format", "json").out)
    assert [e["detail"] for e in log if e["event"] == "exchange"] == ["in exchange for iccs"]
    doc = json.loads(dprk("status", "--as-of", "1973-03-30", "--format", "json").out)
    assert [(m["id"], m["in_exchange_for"], m["after"]) for m in doc["measures"]] == [
        ("pow", [], []),
        ("wd", [], []),
    ]


def test_a_link_a_measure_was_added_with_outlives_the_other_s_removal_as_a_link_made_apart(
    dprk, tmp_path
):
    """After `remove --force`, a `dprk link` with the measure removed stayed in the
    timeline and the report, said to be with a measure removed since; a link made by
    `add-measure --in-exchange-for`, recorded on the removed measure alone, vanished
    from both, and nothing in any view said when it began. The removal writes the
    link's changes the removed measure alone recorded on the measure that stays, dated
    as they were (from the later of the two beginnings), so both kinds of link read the
    same in the timeline (table and JSON), the report and the log; and so does one
    ended before the removal."""
    assert dprk("init", "--title", "Nepal CPA", "--party", "Government of Nepal",
                "--party", "CPN-Maoist").code == 0  # fmt: skip
    government = ("--actor", "Government of Nepal")
    for args in (
        ("Maoist combatants go into cantonments", "--actor", "CPN-Maoist",
         "--id", "cantonment", "--date", "2006-11-21"),
        ("Hold the Constituent Assembly election", *government, "--id", "ca-election",
         "--date", "2006-11-21", "--in-exchange-for", "cantonment"),
        ("Agree the interim constitution", *government, "--id", "interim-constitution",
         "--date", "2006-11-08", "--in-exchange-for", "cantonment"),
        ("Store army weapons under UN monitoring", *government, "--id", "army-arms",
         "--date", "2006-12-08"),
        ("Abolish the monarchy", *government, "--id", "monarchy",
         "--date", "2006-11-21", "--in-exchange-for", "cantonment"),
    ):  # fmt: skip
        assert dprk("add-measure", *args).code == 0, args
    assert dprk("link", "army-arms", "cantonment", "--date", "2006-12-08").code == 0
    assert dprk("unlink", "monarchy", "cantonment", "--date", "2006-12-20").code == 0
    removed = dprk("remove", "cantonment", "--force", "--date", "2007-01-01")
    assert removed.code == 0, removed.err
    assert dprk("check").out == "ok: no problems found\n"
    gone = " (cantonment removed from the ledger since)"
    events = json.loads(dprk("timeline", "--format", "json").out)["events"]
    assert [(e["date"], e["id"], e["detail"]) for e in events if e["event"] == "exchange"] == [
        ("2006-11-21", "ca-election", f"in exchange for cantonment{gone}"),
        ("2006-11-21", "interim-constitution", f"in exchange for cantonment{gone}"),
        ("2006-11-21", "monarchy", f"in exchange for cantonment{gone}"),
        ("2006-12-08", "army-arms", f"in exchange for cantonment{gone}"),
        ("2006-12-20", "monarchy", f"no longer in exchange for cantonment{gone}"),
    ]
    table = dprk("timeline").lines
    assert [line.split()[:3] for line in table if "exchange:" in line] == [
        ["2006-11-21", "○", "ca-election"],
        ["2006-11-21", "○", "interim-constitution"],
        ["2006-11-21", "○", "monarchy"],
        ["2006-12-08", "○", "army-arms"],
        ["2006-12-20", "○", "monarchy"],
    ]
    assert all(line.endswith(gone) for line in table if "exchange:" in line)
    assert dprk("report", "--output", "r.html").code == 0
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    for day, ident in (("2006-11-21", "ca-election"), ("2006-11-21", "interim-constitution"),
                       ("2006-12-08", "army-arms")):  # fmt: skip
        said = f"{day}, Government of Nepal: {ident} exchange: in exchange for cantonment{gone}"
        assert said in page, ident
    log = json.loads(dprk("log", "ca-election", "--format", "json").out)
    assert [(e["date"], e["event"], e["detail"]) for e in log] == [
        ("2006-11-21", "created", "created as proposed"),
        ("2006-11-21", "exchange", "in exchange for cantonment"),
        ("2007-01-01", "edit", "cantonment removed: no longer in exchange for cantonment"),
    ]


def test_a_link_a_measure_was_added_with_unlinked_and_linked_again_that_day_reads_in_order(
    dprk,
):
    """rl, added in exchange for yb, unlinked and linked again on the same day: yb's lane
    and the log read link, unlink, link; rl's lane drew the link only yb records after
    its own unlink, as if the day had ended unlinked and linked twice. Both lanes read
    the day as the history does."""
    assert dprk("init", "--party", "DPRK", "--party", "US").code == 0
    assert dprk("add-measure", "Yongbyon", "--actor", "DPRK", "--id", "yb", "--date",
                "2019-02-28").code == 0  # fmt: skip
    assert dprk("add-measure", "Relief", "--actor", "US", "--id", "rl", "--date", "2019-02-28",
                "--in-exchange-for", "yb").code == 0  # fmt: skip
    assert dprk("unlink", "yb", "rl", "--date", "2019-02-28").code == 0
    assert dprk("link", "yb", "rl", "--date", "2019-02-28").code == 0
    day = ["exchange: in exchange for", "exchange: no longer in exchange for",
           "exchange: in exchange for"]  # fmt: skip
    timeline = dprk("timeline")
    assert timeline.code == 0, timeline.err
    rows = [line.split(None, 3)[2:] for line in timeline.lines if "exchange:" in line]
    assert rows == [["rl", f"{d} yb"] for d in day] + [["yb", f"{d} rl"] for d in day]
    events = json.loads(dprk("timeline", "--format", "json").out)["events"]
    assert [(e["id"], e["event"], e["detail"]) for e in events] == [
        ("rl", "created", "created as proposed"),
        *(("rl", "exchange", d.removeprefix("exchange: ") + " yb") for d in day),
        ("yb", "created", "created as proposed"),
        *(("yb", "exchange", d.removeprefix("exchange: ") + " rl") for d in day),
    ]
    assert [e["detail"] for e in json.loads(dprk("log", "yb", "-f", "json").out)] == [
        "created as proposed",
        *(d.removeprefix("exchange: ") + " rl" for d in day),
    ]


def test_an_order_a_measure_was_added_with_is_drawn_on_its_creation_s_day(dprk, empty):
    """An order given when a measure was added (`add-measure --after`) never showed in the
    timeline, where an order given later (`dprk sequence`) and a link given when a measure
    was added do: each is a constraint, by the timeline's own key. It is drawn on the day
    of the measure's creation, after it, as a change of order; an order changed later
    keeps its first row, and one with a measure removed since says so."""
    for args in (
        ("X", "--actor", "DPRK", "--id", "x", "--date", "2020-01-01"),
        ("Y", "--actor", "US", "--id", "y", "--date", "2020-02-01", "--after", "x"),
        ("Z", "--actor", "US", "--id", "z", "--date", "2020-02-01"),
        ("W", "--actor", "US", "--id", "w", "--date", "2020-02-03", "--after", "y",
         "--after", "z"),
    ):  # fmt: skip
        assert dprk("add-measure", *args).code == 0, args
    assert dprk("sequence", "z", "--after", "x", "--date", "2020-03-01").code == 0
    assert dprk("sequence", "w", "--after", "z", "--require", "verified",
                "--date", "2020-04-01").code == 0  # fmt: skip

    def orders() -> list[tuple[str, str, str, str]]:
        events = json.loads(dprk("timeline", "--format", "json").out)["events"]
        return [(e["date"], e["id"], e["event"], e["detail"]) for e in events]

    assert orders() == [
        ("2020-01-01", "x", "created", "created as proposed"),
        ("2020-02-01", "y", "created", "created as proposed"),
        ("2020-02-01", "y", "sequence", "after x"),
        ("2020-02-01", "z", "created", "created as proposed"),
        ("2020-02-03", "w", "created", "created as proposed"),
        ("2020-02-03", "w", "sequence", "after y"),
        ("2020-02-03", "w", "sequence", "after z"),
        ("2020-03-01", "z", "sequence", "after x"),
        ("2020-04-01", "w", "sequence", "after z (verified) (was: after z)"),
    ]
    table = dprk("timeline", "--party", "US").lines
    assert [line.split() for line in table if line.startswith("2020-02-0")] == [
        ["2020-02-01", "○", "y", "proposed"],
        ["2020-02-01", "○", "y", "sequence:", "after", "x"],
        ["2020-02-01", "○", "z", "proposed"],
        ["2020-02-03", "○", "w", "proposed"],
        ["2020-02-03", "○", "w", "sequence:", "after", "y"],
        ["2020-02-03", "○", "w", "sequence:", "after", "z"],
    ]
    assert dprk("remove", "x", "--force", "--date", "2020-05-01").code == 0
    gone = " (x removed from the ledger since)"
    assert [o for o in orders() if o[2] == "sequence" and o[3].startswith("after x")] == [
        ("2020-02-01", "y", "sequence", f"after x{gone}"),
        ("2020-03-01", "z", "sequence", f"after x{gone}"),
    ]
    page = dprk("report", "--output", "-").out
    assert f"2020-02-01, US: y sequence: after x{gone}" in page


def test_timeline_shows_verifications_with_their_verifier(dprk, korea):
    dprk(
        "verify", "punggye-ri-closure", "--by", "IAEA", "--method", "visit", "--date", "2019-03-01"
    )
    last = _events(dprk)[-1]
    assert last["event"] == "verification"
    assert (last["by"], last["result"], last["status"]) == ("IAEA", "confirmed", "verified")
    assert last["party"] == "DPRK" and last["move"] is False


def test_a_finding_that_refuted_is_not_marked_as_one_that_confirmed(dprk, korea):
    """Every finding was marked ✓ in the timeline's table, a refutation too."""
    for by, result, day in (
        ("IAEA", "confirmed", "2019-03-01"),
        ("38 North", "refuted", "2019-03-02"),
        ("CSIS", "partial", "2019-03-03"),
    ):
        assert dprk("verify", "punggye-ri-closure", "--by", by, "--result", result,
                    "--date", day).code == 0  # fmt: skip
    rows = [line.split() for line in dprk("timeline", "--since", "2019-03-01").lines]
    marks = {row[0]: row[1] for row in rows if row and row[0].startswith("2019-03")}
    assert marks == {"2019-03-01": "✓", "2019-03-02": "✗", "2019-03-03": "◐"}


def test_a_note_reads_alike_in_the_timeline_and_the_report(dprk, korea):
    """A note from 'dprk note' (its text in `note`) and one written in the file (in
    `detail`): both read in full in the table and in the report's picture."""
    assert dprk("note", "inventory-submission", "list of sites promised", "--date",
                "2018-09-20").code == 0  # fmt: skip
    table = dprk("timeline", "--since", "2018-08-24", "--until", "2018-09-20").out
    assert re.search(r"inventory-submission +note: list of sites promised", table)
    assert re.search(r"pompeo-pyongyang-visit +note: trip postponed by the President", table)
    page = dprk("report", "--output", "-").out
    assert (
        "<title>2018-09-20, DPRK: inventory-submission note: list of sites promised</title>" in page
    )
    assert "<title>2018-08-24, US: pompeo-pyongyang-visit note: trip postponed by the" in page


def test_a_step_s_note_reads_with_its_step_in_the_timeline_and_the_report(dprk, korea):
    """A step's note (`mark --note`, `verify --note`) was in the JSON alone: the table and
    the report's picture said 'implemented', as though nothing was noted. It reads after
    the step as a note's text does: whole in the table, cut short in the picture's label
    (whole in its tooltip)."""
    assert dprk("mark", "second-summit", "implemented", "--date", "2019-02-28",
                "--note", "the US walked away").code == 0  # fmt: skip
    long = "satellite images " + "of the site from every side " * 8 + "show it closed"
    assert dprk("verify", "punggye-ri-closure", "--by", "IAEA", "--date", "2019-03-01",
                "--note", long).code == 0  # fmt: skip
    ledger = korea.read_bytes()
    result = dprk("timeline", "--since", "2019-02-28")
    assert result.code == 0, result.err
    assert re.search(r"second-summit +implemented; the US walked away", result.out)
    said = " ".join(result.out.split())
    assert f"punggye-ri-closure confirmed by IAEA; {long}" in said  # (whole, wrapped)
    events = _events(dprk, "--since", "2019-02-28")
    assert [(e["detail"], e["note"]) for e in events] == [
        ("implemented", "the US walked away"), ("confirmed by IAEA", long)]  # fmt: skip
    page = dprk("report", "--output", "-")
    assert page.code == 0, page.err
    said = "<title>2019-02-28 · implemented; the US walked away · 167 d after ROK</title>"
    assert f"{said}implemented; the US walked away</text>" in page.out
    assert f"<title>2019-03-01 · confirmed by IAEA; {long}</title>" in page.out
    labels = re.findall(r"<title>2019-03-01 · confirmed[^<]*</title>([^<]*)</text>", page.out)
    assert len(labels) > 1 and labels[-1].endswith("…")  # (cut short, on its last line)
    assert korea.read_bytes() == ledger


def test_timeline_filters_and_lanes(dprk, korea):
    doc = json.loads(dprk("timeline", "--party", "US", "--format", "json").out)
    assert doc["lanes"] == ["US"]
    assert {e["party"] for e in doc["events"]} == {"US"}
    # answer times still count the other parties' steps
    first = next(e for e in doc["events"] if e["move"])
    assert (first["id"], first["answers"]) == ("joint-exercise-suspension", "DPRK")
    summer = _events(dprk, "--since", "2018-07-01", "--until", "2018-07-31")
    assert summer and all("2018-07-01" <= e["date"] <= "2018-07-31" for e in summer)
    # (the closure's title, and the dated notes of the link that counts it as owed)
    assert {e["id"] for e in _events(dprk, "--search", "Punggye")} == {
        "punggye-ri-closure",
        "test-moratorium",
        "end-of-war-declaration",
    }
    assert {e["id"] for e in _events(dprk, "--search", "Punggye-ri closure site")} == set()


def test_a_filtered_timeline_says_the_steps_it_leaves_out_count_too(dprk, korea):
    """With --party US, the end-of-war declaration is '... days after (DPRK)', a step the
    filter hides, and nothing said so. Each filter (a lane, a measure filter, a period
    from a day) now adds it to the key; the whole timeline does not, nor one up to a day
    (what it leaves out came later: no event shown answers it)."""
    said = "The steps the filters leave out count too."
    for args in ([], ["--until", "2018-06-18"]):
        whole = dprk("timeline", *args)
        assert whole.code == 0 and said not in whole.out
    for args in (["--party", "US"], ["--search", "Punggye"], ["--since", "2018-07-01"]):
        shown = dprk("timeline", *args)
        assert shown.code == 0 and shown.out.rstrip().endswith(said), args
    assert "(DPRK)" in dprk("timeline", "--party", "US").out


def test_timeline_for_people_has_one_lane_per_party(dprk, korea):
    out = dprk("timeline").out
    header = next(line for line in out.splitlines() if line.startswith("date"))
    assert re.search(r"date\s+DPRK\s+ROK\s+US\s+days after\s+measure\s+what happened", header)
    row = next(
        line for line in out.splitlines() if re.search(r"gaeseong-liaison-office +agreed", line)
    )
    assert row.startswith("2018-04-27")
    assert "6 (DPRK)" in row


def test_timeline_of_an_empty_ledger(dprk, empty):
    result = dprk("timeline")
    assert result.code == 0
    assert "(no events)" in result.out
    assert json.loads(dprk("timeline", "--format", "json").out)["events"] == []


TIMELINE_FORMATS = ("table", "json", "jsonl", "csv", "tsv", "markdown", "ids")


def _entered_out_of_order(dprk) -> None:
    """Two measures, each step entered after a later one (an analyst filling in the past)."""
    for args in (
        ("add-measure", "Close site", "--actor", "DPRK", "--id", "close", "--date", "2019-01-10"),
        ("mark", "close", "implemented", "--date", "2019-05-01", "--extent", "intermediate"),
        ("mark", "close", "agreed", "--date", "2019-03-01"),
        ("add-measure", "Lift", "--actor", "US", "--id", "lift", "--date", "2019-02-01",
            "--in-exchange-for", "close", "--deadline", "2020-06-30"),
        ("verify", "close", "--by", "IAEA", "--result", "partial", "--date", "2019-06-10"),
        ("mark", "lift", "agreed", "--date", "2019-04-01"),
        ("add-measure", "Summit", "--actor", "US", "--id", "summit", "--date", "2019-07-01",
            "--after", "close"),
        ("note", "close", "Seen reopened", "--date", "2019-08-01"),
    ):  # fmt: skip
        result = dprk(*args)
        assert result.code == 0, (args, result.err)


def test_timeline_as_of_a_day_is_the_ledger_as_it_stood_then(dprk, empty):
    """Every other view took --as-of, the timeline did not: a briefing as things stood on
    a day showed the events after it. As of a day it is the timeline of the ledger as it
    stood then (`analysis.asof`): the events up to it, of the measures then in the talks,
    the filters choosing by their statuses then; a day after every event is the timeline
    as it stands, byte for byte, in every format."""
    _entered_out_of_order(dprk)
    before = empty.read_bytes()
    whole = _events(dprk)
    # (the events up to the day as the whole timeline has them, answers and all)
    for day in ("2019-01-10", "2019-02-01", "2019-03-31", "2019-06-10", "2019-07-01"):
        assert _events(dprk, "--as-of", day) == [e for e in whole if e["date"] <= day], day
    # before the Lift was proposed: the Close site alone, proposed
    early = _events(dprk, "--as-of", "2019-01-31")
    assert [(e["id"], e["event"], e["status"]) for e in early] == [("close", "created", "proposed")]
    # between the Close site's two steps: agreed, not yet carried out, no finding
    between = _events(dprk, "--as-of", "2019-04-15")
    assert [(e["date"], e["id"], e["status"]) for e in between if e["move"]] == [
        ("2019-03-01", "close", "agreed"),
        ("2019-04-01", "lift", "agreed"),
    ]
    assert between[-1]["date"] == "2019-04-01"
    # (--status chooses by the status of the day: the Close site was agreed then)
    assert {e["id"] for e in _events(dprk, "--status", "agreed", "--as-of", "2019-04-15")} == {
        "close",
        "lift",
    }
    assert {e["id"] for e in _events(dprk, "--status", "agreed")} == {"lift"}
    for fmt in TIMELINE_FORMATS:
        then = dprk("timeline", "--as-of", "2019-04-15", "--format", fmt)
        assert (then.code, then.err) == (0, ""), fmt
        assert "2019-04-01" in then.out or fmt == "ids"
        assert "2019-05-01" not in then.out and "summit" not in then.out, fmt
        now = dprk("timeline", "--format", fmt)
        for day in ("2019-08-01", "2020-01-01", today().isoformat()):
            after = dprk("timeline", "--as-of", day, "--format", fmt)
            # (the same events; a table's heading names the day asked of, JSON's `as_of`)
            shown = after.out.replace(f"Test talks: timeline, as of {day}", "Test talks: timeline")
            shown = shown.replace(f'"as_of": "{day}"', f'"as_of": "{today().isoformat()}"')
            assert (after.code, shown, after.err) == (0, now.out, ""), (fmt, day)
            if fmt in ("table", "markdown"):
                assert f"timeline, as of {day}" in after.out, fmt
    assert dprk("timeline", "--as-of", "2019-04-15", "--format", "ids").out == "close\nlift\n"
    assert empty.read_bytes() == before


@pytest.mark.parametrize("day", ["2019-13-01", "20190415", "yesterday", "2999-01-01"])
def test_timeline_as_of_a_bad_day_says_so_as_status_does(dprk, empty, day):
    """A day that is none, or after today, is refused in one line, exit 2, as `status
    --as-of` refuses it; nothing is written."""
    _entered_out_of_order(dprk)
    before = empty.read_bytes()
    status = dprk("status", "--as-of", day)
    result = dprk("timeline", "--as-of", day)
    assert (result.code, result.out) == (2, "")
    assert result.err == status.err and result.err.count("\n") == 1
    assert result.err.startswith(f"dprk: error: --as-of: {day}") or f"'{day}'" in result.err
    assert empty.read_bytes() == before


def test_timeline_as_of_a_day_before_the_talks_began_has_no_events(dprk, empty):
    """As `status --as-of` shows no measures then, the timeline shows no events."""
    _entered_out_of_order(dprk)
    before = empty.read_bytes()
    assert dprk("status", "--as-of", "2018-12-31").code == 0
    result = dprk("timeline", "--as-of", "2018-12-31")
    assert (result.code, result.err) == (0, "")
    assert result.out == "Test talks: timeline, as of 2018-12-31\n(no events)\n"
    assert _events(dprk, "--as-of", "2018-12-31") == []
    assert empty.read_bytes() == before


def test_the_report_of_a_day_draws_the_timeline_of_that_day(dprk, empty):
    """`report --as-of` and `timeline --as-of` of one day show the same events."""
    _entered_out_of_order(dprk)
    for day in ("2019-01-31", "2019-04-15", "2019-06-30"):
        page = dprk("report", "--as-of", day, "--output", "-")
        assert page.code == 0, page.err
        picture = page.out[page.out.index('<h2 id="timeline">') :]
        svg = picture[: picture.index("</svg>")]
        marks = re.findall(r"<(?:circle|path) [^>]*><title>([^<]*)</title></(?:circle|path)>", svg)
        events = _events(dprk, "--as-of", day)
        drawn = sorted(m[: m.index(" ", m.index(": ") + 2)] for m in marks)
        assert drawn == sorted(f"{e['date']}, {e['party']}: {e['id']}" for e in events), day


def test_a_link_with_a_measure_removed_after_the_as_of_day_says_it_was_removed_since(dprk, empty):
    """As of a day before a measure's removal, a link with it was said to be with one 'not
    in this ledger', as of a measure that may never have been in it: the removal's entry,
    dated after the day, is no entry of the ledger as it stood then. It was in the ledger
    then; the timeline and the report of that day say it removed since, as today's do."""
    for args in (
        ("add-measure", "Close site", "--actor", "DPRK", "--id", "close", "--date", "2019-01-10"),
        ("add-measure", "Gone", "--actor", "US", "--id", "gone", "--date", "2019-02-02"),
        ("link", "gone", "close", "--date", "2019-02-05"),
        ("remove", "gone", "--force", "--date", "2019-09-10"),
    ):
        result = dprk(*args)
        assert result.code == 0, (args, result.err)
    before = empty.read_bytes()
    said = "in exchange for gone (gone removed from the ledger since)"
    for day in (None, "2019-09-10", "2019-03-01"):
        asked = ("--as-of", day) if day else ()
        links = [e["detail"] for e in _events(dprk, *asked) if e["event"] == "exchange"]
        assert links == [said], day
        page = dprk("report", *asked, "--output", "-")
        assert page.code == 0, page.err
        assert f"close exchange: {said}</title>" in page.out, day
        assert "not in this ledger" not in page.out
    assert empty.read_bytes() == before


def test_the_report_of_an_empty_ledger_says_there_are_no_measures(dprk, empty):
    """It said "Nothing is pending: every measure has acted or been dropped"."""
    page = dprk("report", "--output", "-")
    assert page.code == 0, page.err
    assert "No measures yet." in page.out and "Nothing is pending" not in page.out


def test_the_report_of_nothing_pending_names_a_reversed_measure_owed(dprk, empty):
    """The funds moved, then frozen (reversed), the release carried out in exchange:
    nothing is pending, and the page's plan said "every measure has acted or been
    dropped" while the same page said the US owes the funds. The funds, owed, are to be
    carried out again: the plan's phase 1, as `plan` has them."""
    for ident, actor in (("funds", "US"), ("release", "DPRK")):
        assert dprk("add-measure", ident, "--actor", actor, "--id", ident, "--status",
                    "agreed", "--date", "2023-08-10").code == 0  # fmt: skip
    for args in (
        ["link", "funds", "release", "--date", "2023-08-10"],
        ["mark", "funds", "implemented", "--date", "2023-09-18"],
        ["mark", "release", "implemented", "--date", "2023-09-18"],
        ["mark", "funds", "reversed", "--date", "2023-10-12"],
    ):
        assert dprk(*args).code == 0, args
    page = dprk("report", "--output", "-").out
    assert "every measure has acted or been dropped." not in page
    plan = page[page.index('<h2 id="plan">') : page.index('<h2 id="measures">')]
    words = re.sub(r"<[^>]+>", "", plan)
    assert "Phase 1funds US again: reversed on 2023-10-12" in words, words
    assert "Nothing is pending" not in words
    assert re.search(r"<b>Owes</b>: <span class=\"id\">funds</span>", page)
    assert dprk("mark", "funds", "implemented", "--date", "2023-10-20").code == 0
    page = dprk("report", "--output", "-").out
    assert "Nothing is pending: every measure has acted or been dropped.</p>" in page


def test_the_report_of_nothing_pending_points_to_owes_only_for_what_is_owed(dprk, empty):
    """The shutdown, exchanged for the fuel oil, which acted, and the moratorium, exchanged
    for nothing, both reversed: the page's plan said "what each side owes for them is
    under Owes", though nothing is owed for the moratorium. The shutdown, owed, is to be
    carried out again (phase 1), the moratorium not; with the shutdown carried out again,
    nothing is pending but the moratorium, reversed, and nothing is owed for it."""
    for ident, actor in (("shutdown", "DPRK"), ("hfo", "US"), ("moratorium", "DPRK")):
        assert dprk("add-measure", ident, "--actor", actor, "--id", ident, "--status",
                    "agreed", "--date", "2007-02-13").code == 0  # fmt: skip
    for args in (
        ["link", "shutdown", "hfo", "--date", "2007-02-13"],
        ["mark", "shutdown", "implemented", "--date", "2007-07-14"],
        ["mark", "hfo", "implemented", "--date", "2007-07-12"],
        ["mark", "moratorium", "implemented", "--date", "2007-02-13"],
        ["mark", "shutdown", "reversed", "--date", "2009-04-14"],
        ["mark", "moratorium", "reversed", "--date", "2009-05-25"],
    ):
        assert dprk(*args).code == 0, args

    def said() -> str:
        page = dprk("report", "--output", "-").out
        plan = page[page.index('<h2 id="plan">') : page.index('<h2 id="measures">')]
        return re.sub(r"<[^>]+>", "", plan)

    words = said()
    assert "Phase 1shutdown DPRK again: reversed on 2009-04-14" in words, words
    assert "moratorium" not in words
    assert dprk("mark", "shutdown", "implemented", "--date", "2009-06-01").code == 0
    assert (
        "Nothing is pending: every measure has acted or been dropped but moratorium DPRK, "
        "reversed (undone)." in said()
    ), said()


def test_the_report_counts_one_of_a_kind_in_the_singular(dprk, empty):
    """'1 days after US' in the timeline's labels, and 'ROK 1 measures' on a party's
    card: one of a kind is said in the singular, as every line of dprk says it."""
    for ident, actor, day in (("a", "US", "2018-06-12"), ("b", "ROK", "2018-06-12")):
        assert dprk("add-measure", ident.upper(), "--actor", actor, "--id", ident, "--date",
                    day).code == 0  # fmt: skip
    assert dprk("mark", "a", "implemented", "--date", "2018-06-13").code == 0
    assert dprk("mark", "b", "implemented", "--date", "2018-06-14").code == 0
    page = dprk("report", "--output", "-")
    assert page.code == 0, page.err
    assert "(1 day after US)" in page.out and "1 days" not in page.out
    assert re.search(r'<p class="sub">2 measures, 3 parties', page.out)
    assert "<b>1</b><span>measure</span>" in page.out
    assert "<b>1</b><span>measures</span>" not in page.out


def test_the_reports_table_lists_the_measures_in_the_order_status_does(dprk, tmp_path):
    """The INF Treaty, the USSR renamed Russia: the report's table of measures listed
    them by their actor's name, Russia's first, where status lists them in the file's
    order. The report lists them as status does."""
    assert dprk("init", "--party", "US", "--party", "USSR").code == 0
    for ident, actor in (("ss20", "USSR"), ("p2", "US"), ("glcm", "US")):
        made = dprk("add-measure", ident.upper(), "--actor", actor, "--id", ident, "--date",
                    "1988-06-01")  # fmt: skip
        assert made.code == 0, made.err
    assert dprk("rename-party", "USSR", "Russia", "--date", "1991-12-26").code == 0
    listed = dprk("status", "--format", "ids").out.split()
    assert listed == ["glcm", "p2", "ss20"]
    page = dprk("report", "--output", "-").out
    rows = re.findall(r'<tr><td class="id">([^<]+)</td>', page)
    assert rows == listed, rows


def test_graph_mermaid(dprk, korea):
    result = dprk("graph")
    assert result.code == 0, result.err
    out = result.out
    assert out.startswith('---\ntitle: "US–DPRK denuclearization talks, 2018"\n---\nflowchart LR\n')
    assert out.count("subgraph ") == 3 and '["DPRK"]' in out
    assert "-.-" in out  # exchange links: dashed, undirected
    deadlock = [line for line in out.splitlines() if "deadlock" in line]
    assert len(deadlock) == 2 and all("==>" in line for line in deadlock)
    assert "DPRK demands" in out and "US demands" in out
    assert re.search(r"linkStyle \d+,\d+ stroke:#[0-9a-f]{6}", out)
    assert "classDef implemented" in out


def test_graph_dot(dprk, korea):
    out = dprk("graph", "--format", "dot").out
    assert out.startswith("digraph dprk {") and out.rstrip().endswith("}")
    assert out.count("subgraph cluster_") == 3
    assert '"end-of-war-declaration" -> "inventory-submission" [dir=none, style=dashed' in out
    assert re.search(
        r'"inventory-submission" -> "end-of-war-declaration" \[color="#[0-9a-f]+".*penwidth=3, '
        r'label="deadlock, US demands"\]',
        out,
    )


def test_graph_takes_the_measure_filters(dprk, korea):
    """A graph of 3,000 measures could not be narrowed (--party was 'No such option'):
    it takes the measure filters, and draws what they choose with the measures linked to
    them directly, so that what each exchange and order ties stays in the picture."""
    before = korea.read_bytes()
    mermaid = dprk("graph", "--party", "US", "--status", "agreed")
    assert mermaid.code == 0, mermaid.err
    boxes = set(re.findall(r'm\d+\["([a-z0-9-]+)<br/>', mermaid.out))
    records = json.loads(dprk("status", "--format", "json").out)["measures"]
    chosen = {m["id"] for m in records if m["actor"] == "US" and m["status"] == "agreed"}

    def linked(m):
        return {*m["in_exchange_for"], *(c.get("after") or c.get("with") for c in m[
            "constraints"]), *([m["part_of"]] if m["part_of"] else [])}  # fmt: skip

    near = (
        chosen
        | {m["id"] for m in records if m["id"] in chosen or linked(m) & chosen}
        | {i for m in records if m["id"] in chosen for i in linked(m)}
    )
    assert chosen and chosen <= boxes and boxes == near
    assert len(boxes) < len(records)
    whole = dprk("graph", "--format", "dot").out
    part = dprk("graph", "--format", "dot", "--party", "ROK").out
    assert part.count("label=") < whole.count("label=")
    for ident in re.findall(r'"([a-z0-9-]+)" \[', part):
        assert f'"{ident}" [' in whole
    refused = dprk("graph", "--party", "Japan")
    assert (refused.code, refused.out) == (1, "")
    none = dprk("graph", "--search", "zzz-nothing")
    assert none.code == 0 and none.err == "dprk: warning: no measures match: the graph is empty\n"
    assert "flowchart LR" in none.out
    assert korea.read_bytes() == before


def test_graph_edges_for_after_with_and_verified(dprk, empty):
    for ident, actor in (("a", "US"), ("b", "DPRK"), ("c", "DPRK"), ("d", "US")):
        dprk("add-measure", ident.upper(), "--actor", actor, "--id", ident)
    dprk("mark", "a", "implemented")
    dprk("sequence", "b", "--after", "a", "--require", "verified", "--demanded-by", "DPRK")
    dprk("sequence", "c", "--with", "d")
    out = dprk("graph", "--format", "dot").out
    assert '"a" -> "b" [label="once verified, DPRK demands"]' in out
    assert '"c" -> "d" [dir=none, color="#111111:invis:#111111"' in out
    mermaid = dprk("graph").out
    assert "=== " in mermaid and "deadlock" not in mermaid


def test_an_order_both_sides_accept_with_no_verification_says_before(dprk, empty):
    """An order no party demands and no verification holds was a bare arrow in both
    formats (`m0 --> m1`, `"zones" -> "arms";`), where every other link says in words
    what it is: it reads "before", the prerequisite before the measure that waits."""
    for ident, actor in (("zones", "US"), ("arms", "DPRK")):
        assert dprk("add-measure", ident, "--actor", actor, "--id", ident).code == 0
    assert dprk("sequence", "arms", "--after", "zones").code == 0
    assert '  "zones" -> "arms" [label="before"];\n' in dprk("graph", "--format", "dot").out
    mermaid = dprk("graph").out
    assert re.search(r'\n  (m[0-9]+) -->\|"before"\| (m[0-9]+)\n', mermaid), mermaid
    assert not re.search(r"--> m", mermaid)


def test_a_plain_order_in_a_deadlock_says_deadlock_and_before(dprk, empty):
    """An order no party demands and no verification holds said only "deadlock" when it
    ran through a deadlock, where outside one it says "before": it says both."""
    for ident, actor in (("zones", "US"), ("arms", "DPRK")):
        assert dprk("add-measure", ident, "--actor", actor, "--id", ident).code == 0
    assert dprk("sequence", "arms", "--after", "zones").code == 0
    assert dprk("sequence", "zones", "--after", "arms", "--demanded-by", "US").code == 0
    before = empty.read_bytes()
    dot = dprk("graph", "--format", "dot").out
    assert re.search(r'\n  "zones" -> "arms" \[[^\n]*label="deadlock, before"\];\n', dot), dot
    assert re.search(r'\n  "arms" -> "zones" \[[^\n]*label="deadlock, US demands"\];', dot)
    mermaid = dprk("graph").out
    assert re.search(r'\n  m[0-9]+ ==>\|"deadlock, before"\| m[0-9]+\n', mermaid), mermaid
    assert empty.read_bytes() == before


def test_every_graph_link_says_in_words_what_it_is_in_both_formats(dprk, empty):
    """Mermaid drew an exchange link (`-.-`) and a `--with` link (`===`) with no label,
    where DOT labels them "exchange" and "together": a reader who could not tell a
    dotted or thick line from another was not told what tied two measures. And the
    guide called `--with` links double lines, which Mermaid's `===` is not (a thick
    line): it says what each format draws."""
    from tests.conftest import ROOT

    for ident, actor, extra in (("a", "US", []), ("b", "DPRK", ["--in-exchange-for", "a"]),
                                ("c", "DPRK", []), ("d", "US", []),
                                ("e", "US", ["--part-of", "d"])):  # fmt: skip
        assert dprk("add-measure", ident.upper(), "--actor", actor, "--id", ident,
                    *extra).code == 0  # fmt: skip
    assert dprk("sequence", "c", "--with", "d").code == 0
    assert dprk("sequence", "b", "--after", "a", "--demanded-by", "DPRK").code == 0
    before = empty.read_bytes()
    mermaid = dprk("graph")
    assert (mermaid.code, mermaid.err) == (0, "")
    links = [line for line in mermaid.lines if re.match(r"  m\d+ [-=.]", line)]
    assert links == [
        '  m0 -.- |"exchange"| m1',
        '  m0 -->|"DPRK demands"| m1',
        '  m2 === |"together"| m3',
        "  m4 -. part of .-> m3",
    ]
    dot = dprk("graph", "--format", "dot")
    assert dot.code == 0
    assert 'label="exchange"' in dot.out and 'label="together"' in dot.out
    assert empty.read_bytes() == before
    guide = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
    said = " ".join(guide[guide.index("### The graph") : guide.index("### The report")].split())
    assert '`--with` constraints lines labelled "together" (double in DOT, thick in Mermaid' in said
    assert 'exchange links are dotted lines (dashed in DOT) labelled "exchange"' in said


def test_graph_quotes_user_text(dprk, tmp_path):
    dprk("init", "--title", 'Talks "A" \\ B', "--party", 'Side "X"')
    dprk("add-measure", "M", "--actor", 'Side "X"', "--id", "m")
    dot = dprk("graph", "--format", "dot").out
    assert 'label="Talks \\"A\\" \\\\ B"' in dot
    assert 'label="Side \\"X\\""' in dot
    mermaid = dprk("graph").out
    assert '["Side #quot;X#quot;"]' in mermaid


INVISIBLE = "\u200b\u200c\u200d\u00ad\ufeff\u2028\u2060\ue000\u200e"  # all legitimate text


def test_files_carry_invisible_characters_as_they_are(dprk, tmp_path):
    """A graph, a Markdown table and the page are files: a zero-width joiner, a soft
    hyphen or a private-use character in a title or a party's name is written as it is,
    not as the escape a terminal shows (`\\u200d`), and `report -o -` prints the page
    `report -o FILE` writes, byte for byte."""
    party, title = f"Ira{INVISIBLE}n", f"Step{INVISIBLE}One"
    assert dprk("init", "--title", f"Talks{INVISIBLE}", "--party", party, "--party", "US").code == 0
    assert dprk("add-measure", title, "--actor", party, "--id", "s1").code == 0
    mermaid = dprk("graph").out
    assert f'["{party}"]' in mermaid
    dot = dprk("graph", "--format", "dot").out
    assert f'label="{party}"' in dot and f'label="Talks{INVISIBLE}"' in dot
    markdown = dprk("status", "--format", "markdown").out
    assert f"| {party} | 1 |" in markdown and f"| {title} |" in markdown
    for out in (mermaid, dot, markdown):
        assert "\\u" not in out and "\\x" not in out
    assert dprk("report", "-o", "r.html").code == 0
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert f"<h3>{party}</h3>" in page
    assert dprk("report", "-o", "-").out == page
    # a terminal still shows them as escapes: they could hide text there
    assert "Talks\\u200b\\u200c\\u200d" in dprk("status", tty=True).out


def test_markdown_still_shows_control_characters_as_escapes(dprk, empty):
    dprk("add-measure", "A", "--actor", "US", "--id", "a", "--note", "a\ttab\u200d")
    out = dprk("show", "a", "--format", "markdown").out
    notes = next(line for line in out.splitlines() if line.startswith("| notes"))
    assert notes == "| notes | a\\\\ttab\u200d |"


def test_report_writes_one_self_contained_page(dprk, korea, tmp_path):
    result = dprk("report", "--output", "talks.html")
    assert result.code == 0, result.err
    assert result.out == ""
    assert result.err == "wrote talks.html\n"
    page = (tmp_path / "talks.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page.lower()
    assert "@import" not in page and "url(" not in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    # the only URL is the SVG namespace, which is a name, not a fetch
    assert set(re.findall(r"https?://[^\s\"'<>]+", page)) == {"http://www.w3.org/2000/svg"}
    assert "Content-Security-Policy" in page
    assert "<svg" in page and "Deadlock" in page
    for party in ("DPRK", "ROK", "US"):
        assert f"<h3>{party}</h3>" in page
    assert "inventory-submission waits for end-of-war-declaration (demanded by DPRK)" in page
    assert "Phase 1" in page
    assert not list(tmp_path.glob(".talks.html.tmp-*"))


def test_the_report_and_the_plan_s_csv_give_the_day_a_deadlock_has_stood_from(
    dprk, korea, tmp_path
):
    """`plan`'s table and JSON said a deadlock stood since 7 July 2018 (the day the second
    demand was made); the page and the plan's CSV left the day out. Both give it now: the
    page where it lists the deadlock, the CSV in a last column (the others where they were),
    on today and on an --as-of day alike."""
    before = korea.read_bytes()
    result = dprk("plan", "--format", "json")
    assert [d["since"] for d in json.loads(result.out)["deadlocks"]] == ["2018-07-07"]
    result = dprk("plan", "--format", "csv")
    assert (result.code, result.err) == (0, "")
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert list(rows[0]) == [
        "phase", "step", "id", "actor", "title", "detail", "since", "holds", "deadline", "overdue",
    ]  # fmt: skip
    assert {(r["step"], r["since"]) for r in rows} == {("act", ""), ("deadlocked", "2018-07-07")}
    heading = (
        "<h2>Deadlock: end-of-war-declaration, inventory-submission</h2>\n"
        "<p>Since 2018-07-07, nobody can go first:</p>"
    )
    for args in [(), ("--as-of", "2018-12-31")]:
        result = dprk("report", "--output", "talks.html", *args)
        assert (result.code, result.out, result.err) == (0, "", "wrote talks.html\n")
        assert heading in (tmp_path / "talks.html").read_text(encoding="utf-8")
    assert korea.read_bytes() == before


def test_the_report_says_whose_demand_holds_a_measure_not_in_the_plan(dprk, tmp_path):
    """y waits for z, withdrawn, by B's demand: `plan` said "z (withdrawn; demanded by
    B)", the page's "Not in the plan" list "z (withdrawn)" alone. The page words each
    wait as the plan does, by the same function, whose demand too."""
    assert dprk("init", "--party", "A", "--party", "B").code == 0
    for args in (
        ["add-measure", "Measure y", "--actor", "A", "--id", "y", "--date", "2020-01-01"],
        ["add-measure", "Measure z", "--actor", "B", "--id", "z", "--date", "2020-01-01"],
        ["sequence", "y", "--after", "z", "--demanded-by", "B", "--date", "2020-01-02"],
        ["mark", "z", "withdrawn", "--date", "2020-01-03"],
    ):
        assert dprk(*args).code == 0, args
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    said = "z (withdrawn; demanded by B)"
    plan = dprk("plan")
    assert (plan.code, plan.err) == (0, "")
    assert re.search(rf"\ny +A +{re.escape(said)}\n", plan.out), plan.out
    result = dprk("report", "--output", "r.html")
    assert (result.code, result.out, result.err) == (0, "", "wrote r.html\n")
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    listed = re.search(r"Not in the plan until something changes:</p>\n<ul>(.*?)</ul>", page)
    assert listed, page
    assert listed.group(1) == (
        '<li><span class="chip"><span class="id">y</span> <small>A</small></span> waits for '
        f'<span class="id">{said}</span></li>'
    )
    assert ledger.read_bytes() == before


def _card(page, party):
    found = re.search(rf'<div class="card"><h3>{party}</h3>(.*?)</div>\s*$', page, re.M)
    assert found, party
    return re.sub(r"<[^>]+>", "", found.group(1))


def _row(page, ident):
    found = re.search(rf'<tr[^>]*><td class="id">{ident}</td>.*?</tr>', page)
    assert found, ident
    return found.group(0)


def test_a_party_s_card_says_its_statuses_in_words_not_by_colour_alone(dprk, korea):
    """A card's bar gave the measures by status in colour alone: its parts were empty,
    their counts only in tooltips (which a screen reader does not read), and implemented
    (#854d0e) and rejected (#9a3412) look alike to a deuteranope. The card says them in
    words under the bar, in the bar's order, and the bar is hidden from screen readers."""
    import html
    from collections import Counter

    before = korea.read_bytes()
    page = dprk("report", "--output", "-")
    assert page.code == 0, page.err
    records = json.loads(dprk("status", "--format", "json").out)["measures"]
    order = ["proposed", "agreed", "implemented", "verified", "disputed", "reversed",
             "withdrawn", "rejected"]  # fmt: skip
    for party in ("DPRK", "ROK", "US"):
        card = re.search(rf'<div class="card"><h3>{party}</h3>.*?</div>\s*$', page.out, re.M)
        assert card, party
        counts = Counter(m["status"] for m in records if m["actor"] == party)
        said = " · ".join(f"{s} {counts[s]}" for s in sorted(counts, key=order.index))
        assert '<div class="bar" aria-hidden="true">' in card.group(0)
        assert said in html.unescape(_card(page.out, party))
        assert card.group(0).count('<span class="swatch"') == len(counts)
    assert "implemented 5" in _card(page.out, "DPRK")
    assert korea.read_bytes() == before


def test_report_shows_deadlines_and_what_is_overdue_as_status_does(dprk, korea, tmp_path):
    """The page said nothing of deadlines: a measure status showed overdue was not
    marked, and no party's overdue count was given. Each party's card gives its count,
    as status does, and the table each measure's deadline, marked when overdue; with
    --as-of, on that day (by the deadline it had then)."""
    edit = ["edit", "second-summit", "--deadline", "2018-11-06", "--date", "2018-10-01"]
    assert dprk(*edit).code == 0
    for as_of, late in (("2018-11-06", False), ("2018-11-07", True), (None, True)):
        args = ["--as-of", as_of] if as_of else []
        status = json.loads(dprk("status", *args, "--format", "json").out)
        result = dprk("report", *args, "-o", "-")
        assert result.code == 0, result.err
        page = result.out
        for party, counts in status["parties"].items():
            card = _card(page, party)
            assert f"{counts['overdue']} overdue on " in card, (party, card)
        row = _row(page, "second-summit")
        assert '<td class="date">2018-11-06' in row
        assert ("overdue" in row) is late
        assert "overdue" not in _row(page, "inventory-submission")  # (no deadline)
        if as_of:
            assert f"as of {as_of}" in page
            assert f"overdue on {as_of}" in _card(page, "US")
            again = dprk("report", *args, "-o", "again.html")
            assert again.code == 0
            assert (tmp_path / "again.html").read_text(encoding="utf-8") == page
    before = dprk("report", "--as-of", "2018-06-01", "-o", "-").out
    assert "second-summit" not in before  # (not yet proposed then)
    assert "2018-11-06" not in before


def test_a_report_as_of_a_day_names_the_day_in_its_title(dprk, korea):
    """Made with --as-of, the page named its day only in the line under its heading:
    its <title>, which a browser prints atop each page and names the tab by, did not.
    A report of today keeps its title as it was."""
    talks = "US–DPRK denuclearization talks, 2018"
    then = dprk("report", "--as-of", "2018-06-01", "-o", "-").out
    assert f"<title>{talks} — as of 2018-06-01</title>" in then
    assert f"<h1>{talks}</h1>" in then
    assert f"<title>{talks}</title>" in dprk("report", "-o", "-").out


@pytest.mark.parametrize("as_of", [[], ["--as-of", "2018-09-17"]])
def test_graph_and_report_draw_a_what_if_and_say_so(dprk, korea, tmp_path, as_of):
    """`status`, `next`, `plan` and `balance` take --assume; `graph` and `report` did not
    ('No such option'), so a briefing's pictures could not show what a move would change.
    They take it as those do (the same parser and refusals, on any day), and say in the
    picture, its title, that it is hypothetical."""
    talks = "US–DPRK denuclearization talks, 2018" + (" (as of 2018-09-17)" if as_of else "")
    said = "Hypothetical: as if end-of-war-declaration=implemented (nothing is written)"
    before = korea.read_bytes()
    assume = ["--assume", "end-of-war-declaration=implemented", *as_of]
    drawn = dprk("graph", *assume)
    assert (drawn.code, drawn.err) == (0, "")
    assert drawn.out.startswith(f'---\ntitle: "{talks}. {said}"\n---\nflowchart LR\n')
    assert "end-of-war-declaration<br/><i>implemented</i>" in drawn.out
    assert "deadlock" not in drawn.out  # (the assumption dissolves it)
    assert "deadlock" in dprk("graph", *as_of).out
    dot = dprk("graph", "--format", "dot", *assume).out
    assert f'  label="{talks}. {said}"; labelloc=t; fontname=Helvetica;' in dot.splitlines()
    page = dprk("report", "-o", "-", *assume)
    assert (page.code, page.err) == (0, "")
    titled = talks.replace(" (as of 2018-09-17)", " — as of 2018-09-17")
    assert f"<title>{titled} — {said}</title>" in page.out
    assert f'<p class="sub"><strong>{said}</strong></p>' in page.out
    assert "Deadlocked" not in page.out and "Deadlocked" in dprk("report", "-o", "-").out
    # refused as every view refuses it: one line, nothing drawn or written
    for args in (["graph"], ["report", "-o", "r.html"]):
        refused = dprk(*args, "--assume", "End-Of-War-Declaration=implemented", *as_of)
        assert (refused.code, refused.out) == (1, "")
        assert refused.err == (
            "dprk: error: --assume: no measure with id 'End-Of-War-Declaration' (ids are "
            "case-sensitive); did you mean end-of-war-declaration?\n"
        )
        bad = dprk(*args, "--assume", "end-of-war-declaration=done", *as_of)
        assert (bad.code, bad.out) == (2, "") and bad.err.count("\n") == 1
        assert "'done' is not a status" in bad.err
    assert not (tmp_path / "r.html").exists()
    assert korea.read_bytes() == before


def test_a_what_if_report_gives_one_score_for_the_day_asked_of(dprk, tmp_path):
    """`report --as-of D --assume x=implemented` scored A 100 on D in its score table and
    0 in the yearly chart and table under it, whose last column is D too: the yearly
    scores read the history alone. The last column takes the assumption as the table
    does; the years before are history, and the caption and the chart's name say so."""
    assert dprk("init", "--party", "A", "--party", "B").code == 0
    add = ["--status", "agreed", "--date", "2013-12-01"]
    assert dprk("add-measure", "x", "--actor", "A", "--id", "x", *add).code == 0
    assert (
        dprk("add-measure", "y", "--actor", "B", "--id", "y", *add, "--in-exchange-for", "x").code
        == 0
    )
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()

    def scores(page: str) -> tuple[list[str], list[str], list[str]]:
        """The score table's scores, the chart's points and the yearly table's rows."""
        table = re.findall(r'<td class="num"><b>(\d+)</b></td>', page)
        points = re.findall(r"<title>([AB], \d{4}: \d+)</title>", page)
        yearly = page.split('<table class="yearly">')[1].split("</table>")[0]
        rows = re.findall(r"<tr><td>([AB])</td><td[^>]*>(\d+)</td><td[^>]*>(\d+)</td></tr>", yearly)
        return table, points, [" ".join(r) for r in rows]

    what_if = dprk("report", "--as-of", "2014-02-01", "--assume", "x=implemented", "-o", "r.html")
    assert (what_if.code, what_if.out, what_if.err) == (0, "", "wrote r.html\n")
    page = (tmp_path / "r.html").read_text()
    assert scores(page) == (
        ["100", "0"],
        ["A, 2013: 0", "A, 2014: 100", "B, 2013: 0", "B, 2014: 0"],
        ["A 0 100", "B 0 0"],
    )
    said = (
        "on 31 December of each year (2014: on 2014-02-01). The years before 2014 as they "
        "were; 2014 hypothetical: as if x=implemented"
    )
    assert f"<caption>Score {said}</caption>" in page
    assert f"<title>Each party&#x27;s score {said}</title>" in page
    # without --assume, the page is as it was: the history's scores, and no what-if said
    plain = dprk("report", "--as-of", "2014-02-01", "-o", "-")
    assert (plain.code, plain.err) == (0, "")
    assert scores(plain.out) == (
        ["0", "0"],
        ["A, 2013: 0", "A, 2014: 0", "B, 2013: 0", "B, 2014: 0"],
        ["A 0 0", "B 0 0"],
    )
    assert "<caption>Score on 31 December of each year (2014: on 2014-02-01)</caption>" in plain.out
    assert "hypothetical" not in plain.out.lower()
    assert ledger.read_bytes() == before


@pytest.mark.parametrize("as_of", [[], ["--as-of", "2014-02-01"]])
def test_a_what_if_scorecard_scores_as_the_report_does(dprk, tmp_path, as_of):
    """`report --assume` scored the assumption (its score table, and the last of its
    years), but `scorecard --assume` was 'No such option'. It takes --assume as every
    view does: the card of the day as if the measure stood so, the years before as they
    were, said hypothetical in every format; refused as every view refuses it."""
    assert dprk("init", "--party", "A", "--party", "B").code == 0
    add = ["--status", "agreed", "--date", "2013-12-01"]
    assert dprk("add-measure", "x", "--actor", "A", "--id", "x", *add).code == 0
    assert (
        dprk("add-measure", "y", "--actor", "B", "--id", "y", *add, "--in-exchange-for", "x").code
        == 0
    )
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    day = "2014-02-01" if as_of else str(today())
    year = day[:4]
    said = "Hypothetical: as if x=implemented (nothing is written)"
    what_if = [*as_of, "--assume", "x=implemented"]
    table = dprk("scorecard", *what_if, "--yearly")
    assert (table.code, table.err) == (0, "")
    assert table.lines[0] == said
    assert [line.split()[:7] for line in table.lines if line.startswith(("A ", "B "))][:2] == [
        ["A", "1", "0", "0", "0", "1", "100"],
        ["B", "1", "1", "0", "0", "0", "0"],
    ]
    years = (
        f"Score on 31 December of each year ({year}: on {day}). The years before {year} as "
        f"they were; {year} hypothetical: as if x=implemented"
    )
    assert years in table.lines
    yearly = table.lines[table.lines.index(years) + 2 :][:2]
    assert [row.split()[0] + " " + row.split()[-1] for row in yearly] == ["A 100", "B 0"]
    assert [row.split()[1] for row in yearly] == ["0", "0"]  # (2013: as it was)
    plain = dprk("scorecard", *as_of, "--yearly")
    assert "hypothetical" not in plain.out.lower()
    card, by_year = [line.split() for line in plain.lines if line.startswith("A ")]
    assert (card[6], by_year[-1]) == ("0", "0")
    doc = json.loads(dprk("scorecard", *what_if, "--format", "json").out)
    assert list(doc)[:2] == ["assumed", "as_of"] and doc["assumed"] == ["x=implemented"]
    assert [(g["name"], g["score"]) for g in doc["groups"]] == [("A", 100), ("B", 0)]
    warned = "dprk: warning: hypothetical: as if x=implemented (nothing is written)\n"
    for fmt in ("csv", "tsv", "jsonl"):
        flat = dprk("scorecard", *what_if, "--format", fmt)
        assert (flat.code, flat.err) == (0, warned)
        assert "100" in flat.lines[1 if fmt != "jsonl" else 0]
    # the report's card and the command's agree
    page = dprk("report", *what_if, "-o", "-").out
    assert re.findall(r'<td class="num"><b>(\d+)</b></td>', page) == ["100", "0"]
    refused = dprk("scorecard", *as_of, "--assume", "X=implemented")
    assert (refused.code, refused.out) == (1, "")
    assert refused.err == (
        "dprk: error: --assume: no measure with id 'X' (ids are case-sensitive); did you mean x?\n"
    )
    bad = dprk("scorecard", *as_of, "--assume", "x=done", "--yearly")
    assert (bad.code, bad.out) == (2, "") and bad.err.count("\n") == 1
    assert "'done' is not a status" in bad.err
    assert ledger.read_bytes() == before


def test_a_what_if_report_draws_the_assumed_step_in_its_timeline(dprk, tmp_path):
    """`report --assume p=implemented` took the assumption in its tables and yearly
    scores, but its timeline drew the measure as the ledger holds it: the step the page
    supposes was nowhere in it. It is drawn on the day asked of, in its party's lane,
    with how long after the other side's latest step it comes, as a dashed ring said to
    be hypothetical (and the whole its parts move, as they give it); without --assume,
    the timeline is the history alone."""
    assert dprk("init", "--party", "A", "--party", "B").code == 0
    add = ["--status", "agreed", "--date", "2013-12-01"]
    assert dprk("add-measure", "W", "--actor", "A", "--id", "w", *add).code == 0
    for ident in ("p", "q"):
        assert dprk("add-measure", ident, "--actor", "A", "--id", ident, *add,
                    "--part-of", "w").code == 0  # fmt: skip
    assert dprk("add-measure", "y", "--actor", "B", "--id", "y", *add).code == 0
    assert dprk("mark", "y", "implemented", "--date", "2014-01-10").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()

    def marks(page: str) -> list[str]:
        """The title of each mark drawn in the timeline, in order."""
        drawn = page.split('<h2 id="timeline">')[1].split('<h2 id="scorecard">')[0]
        return re.findall(r"<(?:circle|path) [^>]*><title>([^<]*)</title>", drawn)

    said = "Hypothetical: as if p=implemented (nothing is written)"
    what_if = dprk("report", "--as-of", "2014-02-01", "--assume", "p=implemented", "-o", "r.html")
    assert (what_if.code, what_if.out, what_if.err) == (0, "", "wrote r.html\n")
    page = (tmp_path / "r.html").read_text()
    supposed = [
        "2014-02-01, A: p hypothetical: implemented (22 days after B)",
        "2014-02-01, A: w hypothetical: implemented (intermediate), as its parts give it",
    ]
    plain = dprk("report", "--as-of", "2014-02-01", "-o", "-")
    assert (plain.code, plain.err) == (0, "")
    assert "2014-01-10, B: y implemented (40 days after A)" in marks(plain.out)
    assert [m for m in marks(page) if m not in marks(plain.out)] == supposed
    assert page.count('stroke-dasharray="3 2"') == 2  # (the two supposed, dashed)
    timeline = page.split('<h2 id="timeline">')[1].split("</svg>")[0]
    assert f"<strong>{said}</strong>: a dashed ring is a step it supposes" in timeline
    assert "hypothetical" not in plain.out.lower() and 'stroke-dasharray="3 2"' not in plain.out
    # of today, the step is today's
    now = dprk("report", "--assume", "p=implemented", "-o", "-")
    assert (now.code, now.err) == (0, "")
    days = (today() - date(2014, 1, 10)).days
    assert [m for m in marks(now.out) if "hypothetical" in m] == [
        f"{today()}, A: p hypothetical: implemented ({days} days after B)",
        f"{today()}, A: w hypothetical: implemented (intermediate), as its parts give it",
    ]
    assert ledger.read_bytes() == before


def _what_if_ledger(dprk, tmp_path) -> Path:
    """A of parties A and B: w made of parts p and q (A's), y (B's), all agreed on
    2013-12-01, y implemented on 2014-01-10."""
    assert dprk("init", "--party", "A", "--party", "B").code == 0
    add = ["--status", "agreed", "--date", "2013-12-01"]
    assert dprk("add-measure", "W", "--actor", "A", "--id", "w", *add).code == 0
    for ident in ("p", "q"):
        assert dprk("add-measure", ident, "--actor", "A", "--id", ident, *add,
                    "--part-of", "w").code == 0  # fmt: skip
    assert dprk("add-measure", "y", "--actor", "B", "--id", "y", *add).code == 0
    assert dprk("mark", "y", "implemented", "--date", "2014-01-10").code == 0
    return tmp_path / "dprk-ledger.toml"


def test_a_what_if_timeline_has_a_row_of_the_assumed_step(dprk, tmp_path):
    """`report --assume` drew the step its what-if supposes in its timeline, but
    `timeline --assume` was 'No such option', so the command and the page disagreed. It
    takes --assume as every view does, and the rows the page draws (the step on the day
    viewed, in its party's lane, answering as any step; the whole its parts move) are
    rows of it, said hypothetical in the table and marked so in every format."""
    ledger = _what_if_ledger(dprk, tmp_path)
    before = ledger.read_bytes()
    said = "Hypothetical: as if p=implemented (nothing is written)"
    what_if = ["--as-of", "2014-02-01", "--assume", "p=implemented"]
    table = dprk("timeline", *what_if)
    assert (table.code, table.err) == (0, "")
    assert table.lines[0] == said
    rows = [line.split() for line in table.lines if line.startswith("2014-02-01")]
    assert rows == [
        ["2014-02-01", "●", "22", "(B)", "p", "hypothetical:", "implemented"],
        ["2014-02-01", "○", "w", "hypothetical:", "implemented", "(intermediate),", "as",
         "its", "parts", "give", "it"],
    ]  # fmt: skip
    assert "'hypothetical:' a step the what-if supposes, on 2014-02-01, as if" in table.out
    plain = dprk("timeline", "--as-of", "2014-02-01")
    assert (plain.code, plain.err) == (0, "")
    assert "hypothetical" not in plain.out.lower()
    assert [line for line in table.lines if not line.startswith("2014-02-01")][2:-1] == [
        line for line in plain.lines
    ][:-1]  # (every other row as it was)
    # JSON: the document says what it assumes, as status's does; each event whether it is
    doc = json.loads(dprk("timeline", *what_if, "--format", "json").out)
    assert list(doc)[:2] == ["assumed", "title"] and doc["assumed"] == ["p=implemented"]
    supposed = [e for e in doc["events"] if e["hypothetical"]]
    assert [(e["date"], e["party"], e["id"], e["event"], e["status"], e["extent"], e["move"],
             e["answers"], e["days_since"]) for e in supposed] == [
        ("2014-02-01", "A", "p", "assumed", "implemented", "full", True, "B", 22),
        ("2014-02-01", "A", "w", "assumed", "implemented", "intermediate", False, None, None),
    ]  # fmt: skip
    assert len(doc["events"]) == len(_events(dprk, "--as-of", "2014-02-01")) + 2
    assert all(e["hypothetical"] is False for e in _events(dprk, "--as-of", "2014-02-01"))
    # the formats with no place to say it: standard error says it; a last column marks
    warned = "dprk: warning: hypothetical: as if p=implemented (nothing is written)\n"
    for fmt, sep in (("csv", ","), ("tsv", "\t")):
        flat = dprk("timeline", *what_if, "--format", fmt)
        assert (flat.code, flat.err) == (0, warned)
        head, *body = list(csv.reader(io.StringIO(flat.out), delimiter=sep))
        assert head[-2:] == ["hypothetical", "undone_by"]
        assert [(r[2], r[4]) for r in body if r[-2] == "true"] == [
            ("p", "assumed"),
            ("w", "assumed"),
        ]
        assert {r[-2] for r in body} == {"true", "false"}
    lines = dprk("timeline", *what_if, "--format", "jsonl")
    assert (lines.code, lines.err) == (0, warned)
    assert [json.loads(line) for line in lines.lines] == doc["events"]
    assert ledger.read_bytes() == before


def test_a_what_if_timeline_is_of_today_and_its_filters_choose_the_row(dprk, tmp_path):
    """Without --as-of, the step supposed is today's; --party, --since and --until choose
    its row as any row; refusals are every view's, in one line, nothing written."""
    ledger = _what_if_ledger(dprk, tmp_path)
    before = ledger.read_bytes()

    def supposed(*args: str) -> list[tuple[str, str, str]]:
        return [
            (e["date"], e["party"], e["id"])
            for e in _events(dprk, "--assume", "p=implemented", *args)
            if e["hypothetical"]
        ]

    now = str(today())
    assert supposed() == [(now, "A", "p"), (now, "A", "w")]
    days = (today() - date(2014, 1, 10)).days
    table = dprk("timeline", "--assume", "p=implemented")
    assert table.lines[0] == "Hypothetical: as if p=implemented (nothing is written)"
    assert [line.split()[:5] for line in table.lines if line.startswith(now)][0] == [
        now, "●", str(days), "(B)", "p"
    ]  # fmt: skip
    assert supposed("--party", "B") == []
    assert supposed("--party", "A", "--since", now) == [(now, "A", "p"), (now, "A", "w")]
    assert supposed("--as-of", "2014-02-01", "--until", "2014-01-31") == []
    assert supposed("--as-of", "2014-02-01", "--since", "2014-02-01") == [
        ("2014-02-01", "A", "p"), ("2014-02-01", "A", "w")
    ]  # fmt: skip
    # (a measure filter: the assumed one's rows, hypothetical and recorded)
    only = _events(dprk, "--assume", "p=implemented", "--status", "implemented", "--party", "A")
    assert [(e["id"], e["hypothetical"]) for e in only] == [
        ("p", False), ("w", False), ("p", True), ("w", True)
    ]  # fmt: skip
    refused = dprk("timeline", "--assume", "P=implemented")
    assert (refused.code, refused.out) == (1, "")
    assert refused.err == (
        "dprk: error: --assume: no measure with id 'P' (ids are case-sensitive); did you mean p?\n"
    )
    bad = dprk("timeline", "--assume", "p=done", "--as-of", "2014-02-01")
    assert (bad.code, bad.out) == (2, "") and bad.err.count("\n") == 1
    assert "'done' is not a status" in bad.err
    early = dprk("timeline", "--assume", "p=implemented", "--as-of", "2013-11-01")
    assert (early.code, early.out) == (1, "") and early.err.count("\n") == 1
    assert ledger.read_bytes() == before


def test_report_as_of_a_day_before_the_ledger_began_or_a_bad_day(dprk, korea):
    result = dprk("report", "--as-of", "2018-13-01", "-o", "-")
    assert result.code == 2 and result.out == ""
    assert result.err.count("\n") == 1 and "--as-of" in result.err
    early = dprk("report", "--as-of", "2017-01-01", "-o", "-")
    assert early.code == 0 and "0 measures" in early.out


def test_a_report_of_a_day_before_any_measure_says_there_is_nothing_yet(dprk, korea):
    """As of a day before the first measure, the page had no section on how far each side
    went, and an empty measures table with no word on why."""
    early = dprk("report", "--as-of", "2017-01-01", "-o", "-")
    assert early.code == 0, early.err
    page = early.out
    assert (
        '<h2 id="scorecard">How far each side went</h2><p class="muted">No commitments yet on '
        "2017-01-01: a measure counts once agreed or carried out.</p>"
    ) in page
    measures = page[page.index('<h2 id="measures">') :]
    assert "<table" not in measures and '<p class="muted">No measures yet.</p>' in measures
    later = dprk("report", "--as-of", "2018-07-01", "-o", "-").out
    assert "No commitments yet" not in later and "<tbody>" in later[later.index('id="measures"') :]


def test_the_score_table_and_its_chart_are_printed_on_one_page(dprk, korea):
    """Printed, the score chart could fall on the page after its table."""
    page = dprk("report", "-o", "-").out
    block = re.search(r'<div class="together">(.*?)</div>\n', page, re.S)
    assert block is not None
    assert block.group(1).startswith('<div class="wide"><table class="scores">')
    assert (
        block.group(1).count('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 720 240"') == 1
    )
    printed = page[page.index("@media print") :]
    assert ".together { break-inside: avoid; }" in printed[: printed.index("\n}\n")]


def test_report_escapes_user_text(dprk, tmp_path):
    dprk("init", "--title", "<script>alert(1)</script>", "--party", "A&B")
    dprk("add-measure", '"><img src=x onerror=alert(1)>', "--actor", "A&B", "--id", "m")
    assert dprk("report", "-o", "r.html").code == 0
    page = (tmp_path / "r.html").read_text()
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "A&amp;B" in page


def test_report_to_standard_output(dprk, korea):
    result = dprk("report", "--output", "-")
    assert result.code == 0
    assert result.out.startswith("<!DOCTYPE html>")


def test_a_report_file_is_written_a_piece_at_a_time_and_is_the_page_shown(
    dprk, korea, tmp_path, monkeypatch
):
    """The page written to a file (in pieces: a large ledger's page is not held whole) is
    byte for byte the page `--output -` prints."""
    from dprk_cli.store import fs

    written: list[object] = []
    real = fs.atomic_write
    # (the page's write alone: a read more than a tenth of a second after `init`, on a
    # busy machine, also records the cache's file status, through the same write)
    monkeypatch.setattr(fs, "atomic_write", lambda target, data, **kw: (
        Path(target).name == "talks.html" and written.append(data)
    ) or real(target, data, **kw))  # fmt: skip
    assert dprk("report", "-o", "talks.html").code == 0
    [data] = written
    assert not isinstance(data, bytes)  # (pieces, joined by no one)
    page = (tmp_path / "talks.html").read_text()
    assert page == dprk("report", "--output", "-").out
    assert page.count("<tr") > 14 and page.endswith("</html>\n")


def test_report_into_a_missing_folder_is_one_line(dprk, korea, tmp_path):
    result = dprk("report", "--output", "nowhere/talks.html")
    assert result.code == 1
    assert result.err.startswith("dprk: error: nowhere/talks.html: cannot write the report")
    assert result.err.count("\n") == 1
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize(
    "target", ["dprk-ledger.toml", "sub/../dprk-ledger.toml", "link.toml", ".dprk/page.html"]
)
def test_report_never_writes_over_the_ledger(dprk, korea, tmp_path, target):
    (tmp_path / "sub").mkdir()
    (tmp_path / "link.toml").symlink_to("dprk-ledger.toml")
    assert dprk("status", "--format", "ids").code == 0  # (the cache made)
    before = korea.read_bytes()
    result = dprk("report", "--output", target)
    assert result.code == 2 and result.out == ""
    assert result.err == (
        f"dprk: error: --output {target} would write the report over the ledger or dprk's "
        "own files; name another file\n"
    )
    assert korea.read_bytes() == before
    assert not (tmp_path / ".dprk" / "page.html").exists()


def test_report_replaces_an_existing_file(dprk, korea, tmp_path):
    (tmp_path / "talks.html").write_text("old")
    assert dprk("report", "-o", "talks.html").code == 0
    assert (tmp_path / "talks.html").read_text().startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("name", ["other-talks.toml", "notes.txt", "page"])
def test_report_does_not_write_over_a_file_that_is_no_html_page(dprk, korea, tmp_path, name):
    """Another ledger named by a slip of the hand (-o other-talks.toml) is kept: an
    existing file is written over only when it is an HTML page, or named as one."""
    other = tmp_path / name
    other.write_bytes(korea.read_bytes())
    before = korea.read_bytes()
    result = dprk("report", "-o", name)
    assert result.code == 2 and result.out == ""
    assert result.err == (
        f"dprk: error: --output {name} exists and is no HTML page; 'dprk report' writes "
        "over an HTML page alone: name another file, or remove this one first\n"
    )
    assert other.read_bytes() == before and korea.read_bytes() == before
    # an earlier page, whatever its name, is replaced
    other.write_text("<!DOCTYPE html>\n<p>an earlier page</p>\n")
    assert dprk("report", "-o", name).code == 0
    assert (
        other.read_text().startswith("<!DOCTYPE html>")
        and "an earlier page" not in other.read_text()
    )


@pytest.mark.parametrize("earlier", [False, True])
def test_report_refuses_a_pdf_name(dprk, korea, tmp_path, earlier):
    """`dprk report -o brief.pdf` wrote the HTML page into brief.pdf, exit 0, without a
    word; a PDF reader then could not open it. The report is HTML: a name of another
    format is refused, and the PDF is made by printing the page."""
    if earlier:  # (a page an earlier dprk wrote under that name: refused all the same)
        (tmp_path / "brief.pdf").write_text("<!DOCTYPE html>\n<p>an earlier page</p>\n")
    files = sorted(p.name for p in tmp_path.iterdir())
    held = (tmp_path / "brief.pdf").read_bytes() if earlier else None
    before = korea.read_bytes()
    result = dprk("report", "-o", "brief.pdf")
    assert result.code == 2 and result.out == ""
    assert result.err == (
        "dprk: error: --output brief.pdf: 'dprk report' writes an HTML page, not a PDF; "
        "write brief.html and print it to PDF (a browser's Print, or chromium --headless "
        "--print-to-pdf=brief.pdf brief.html)\n"
    )
    assert korea.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == files
    if earlier:
        assert (tmp_path / "brief.pdf").read_bytes() == held


@pytest.mark.parametrize("name", ["brief.PNG", "chart.svg", "brief.docx", "talks.md"])
def test_report_refuses_a_name_of_another_format(dprk, korea, tmp_path, name):
    before = korea.read_bytes()
    result = dprk("report", "--output", name)
    assert result.code == 2 and result.out == ""
    shown = "." + name.rsplit(".", 1)[1]
    assert result.err == (
        f"dprk: error: --output {name}: 'dprk report' writes an HTML page, not a {shown} "
        f"file; name it {name.rsplit('.', 1)[0]}.html\n"
    )
    assert korea.read_bytes() == before and not (tmp_path / name).exists()
    # (a name of no known other format is written, as the shell's > would)
    assert dprk("report", "-o", "brief.htm").code == 0


def test_pictures_in_real_pipes(korea, tmp_path):
    result = shell("dprk timeline --format jsonl | head -1 && dprk graph | wc -l", cwd=tmp_path)
    assert result.code == 0, result.err
    first, count = result.out.splitlines()
    assert json.loads(first)["date"] == "2018-04-20"
    assert int(count) > 20


def test_report_shows_the_reciprocity_balance(dprk, korea, tmp_path):
    dprk("mark", "end-of-war-declaration", "implemented", "--date", "2018-10-01")
    assert dprk("report", "-o", "r.html").code == 0
    page = (tmp_path / "r.html").read_text()
    assert '<b>Owes</b>: <span class="id">inventory-submission</span> for' in page
    assert '<b>Owed</b>: <span class="id">end-of-war-declaration</span> for' in page


@pytest.mark.parametrize("command", ["status", "log", "timeline", "next"])
def test_a_terminal_without_a_pager_is_drawn_as_rich_would_without_rich(
    dprk, korea, monkeypatch, command
):
    """Without a pager (--no-pager, or PAGER=cat), a table at a terminal was drawn by Rich
    whole: `timeline` took a minute at 20,000 measures where piped it took two seconds,
    `log` half a minute. It is drawn as through a pager, a chunk at a time, by dprk's own
    painter where it can (the timeline's centred lanes, its signs, a part's └ included):
    the same bytes."""
    from dprk_cli.render import screen, terminal

    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLUMNS", "250")  # (nothing folded onto a second line)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert dprk("add-measure", "Dismantle the engine test stand", "--actor", "DPRK", "--id",
                "stand", "--part-of", "tongchang-ri-dismantlement", "--status", "implemented",
                "--date", "2018-07-23").code == 0  # fmt: skip
    assert dprk("verify", "stand", "--by", "38 North", "--result", "partial").code == 0
    with monkeypatch.context() as rich_only:
        rich_only.setattr(screen.Direct, "table", lambda *args: None)
        rich_only.setattr(screen.Direct, "line", lambda *args: None)
        by_rich = dprk("--no-pager", command, tty=True)
    assert by_rich.code == 0 and "\x1b[" in by_rich.out

    def no_rich(*args):
        raise AssertionError("drawn by Rich")

    monkeypatch.setattr(terminal, "RichPainter", no_rich)
    for args in (["--no-pager", command], [command]):
        with monkeypatch.context() as env:
            env.setenv("PAGER", "cat")
            drawn = dprk(*args, tty=True)
        assert (drawn.code, drawn.out, drawn.err) == (0, by_rich.out, by_rich.err), args


def test_report_counts_one_day_owed_as_a_day(dprk, korea, tmp_path):
    """A side owed for one day read "(1 days)" on the report's card."""
    assert dprk("mark", "end-of-war-declaration", "implemented", "--date", "2018-10-01").code == 0
    assert dprk("report", "--as-of", "2018-10-02", "-o", "r.html").code == 0
    page = (tmp_path / "r.html").read_text()
    owed = '<span class="id">end-of-war-declaration</span> for <span class="id">'
    assert f"<b>Owed</b>: {owed}inventory-submission</span> (1 day)." in page
    assert "(1 days)" not in page


def test_report_lists_every_owed_exchange_of_a_party(dprk, korea, tmp_path):
    """The DPRK's card named three of its four owed exchanges and said "and 1 more": the
    fourth was nowhere on the page. The rest are on it, folded under that line; a fourth
    alone is named on the line itself, as a list cut short names the one it would count
    (and a fifth folds the two after the third)."""
    for ident, other in (
        ("sanctions", "remains-repatriation"),
        ("aid", "missile-parade-restraint"),
    ):
        assert dprk("add-measure", ident.title(), "--actor", "US", "--id", ident, "--date",
                    "2018-09-10", "--in-exchange-for", other).code == 0  # fmt: skip
    owed = json.loads(dprk("balance", "--party", "DPRK", "--format", "json").out)
    pairs = [(o["measure"], o["counterpart"]) for o in owed["parties"]["DPRK"]["owed"]]
    assert len(pairs) == 4
    assert dprk("report", "-o", "r.html").code == 0
    page = (tmp_path / "r.html").read_text()
    for measure, counterpart in pairs:
        assert (
            f'<span class="id">{measure}</span> for <span class="id">{counterpart}</span>' in page
        )
    assert "<details>" not in page and "1 more" not in page
    owed_line = page[page.index("<b>Owed</b>: ") :].split("</p>")[0]
    for measure, counterpart in pairs:  # (the fourth named on the line itself)
        assert f'<span class="id">{measure}</span> for <span class="id">{counterpart}</span>' in (
            owed_line
        )
    assert dprk("add-measure", "Fuel", "--actor", "US", "--id", "fuel", "--date", "2018-09-10",
                "--in-exchange-for", "remains-repatriation").code == 0  # fmt: skip
    assert dprk("report", "-o", "r.html").code == 0
    page = (tmp_path / "r.html").read_text()
    assert "<details><summary>and 2 more</summary>" in page


def test_report_timeline_keeps_how_long_the_other_side_took_in_view(dprk, korea, tmp_path):
    """A label too long for its lane was cut at its end, and with it the days after
    another party's step that `timeline` shows (35 days after the US, for the partial
    dismantling at Tongchang-ri). The day and the days after stay on one line (the
    event's words were shortened to keep them there; they now go on the line below)."""
    assert dprk("report", "-o", "r.html").code == 0
    page = (tmp_path / "r.html").read_text()
    labels = re.findall(r"</title>([^<>]*)</text>", page)
    events = json.loads(dprk("timeline", "--format", "json").out)["events"]
    answered = [e for e in events if e["days_since"] is not None]
    assert len(answered) > 10
    for e in answered:
        said = f"{e['days_since']} d after {' and '.join(e['answers_all'])}"
        assert any(label.startswith(e["date"]) and label.endswith(said) for label in labels), e
    at = labels.index("2018-07-23 · 35 d after US")
    assert labels[at + 1] == "implemented (intermediate)"


@pytest.mark.parametrize(
    ("first", "then", "said"),
    [
        ("2015-12-31", "2017-01-01", "1 year"),  # 367 days
        ("2016-01-31", "2017-02-01", "1 year"),
        ("2010-01-31", "2011-03-01", "1 year 1 month"),  # a year and 29 days
        ("2010-01-15", "2011-03-15", "1 year 2 months"),
    ],
)
def test_a_quiet_time_s_length_is_the_whole_months_it_lasted(
    dprk, empty, tmp_path, first, then, said
):
    """367 days (the last day of 2015 to the first of 2017) were called "1 year 1 month":
    the label counted the calendar months the two days are in, where `timeline` says 367."""
    assert dprk("add-measure", "A", "--actor", "DPRK", "--id", "a", "--date", first).code == 0
    assert dprk("add-measure", "B", "--actor", "US", "--id", "b", "--date", then).code == 0
    assert dprk("report", "--output", "r.html").code == 0
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert re.findall(r"[^>]* without events[^<]*", page) == [
        f"{said} without events ({first} to {then})"
    ]


def test_report_timeline_spans_the_events_with_long_quiet_times_as_breaks(dprk, korea, tmp_path):
    assert (
        dprk("note", "punggye-ri-closure", "Site seen reopened", "--date", "2022-03-01").code == 0
    )
    assert dprk("report", "--output", "talks.html").code == 0
    page = (tmp_path / "talks.html").read_text(encoding="utf-8")
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert svg.count('class="break"') == 1
    assert "3 years 5 months without events (2018-09-14 to 2022-03-01)" in svg
    # the drawing stays about as tall as the 2018 events alone need, not four years of space
    height = float(re.search(r'viewBox="0 0 \d+ ([\d.]+)"', svg).group(1))
    assert height < 3000
    # the measure table gives the date each status began
    row = page[page.index('<td class="id">punggye-ri-closure') :]
    assert '<td class="date">2018-05-24</td>' in row[: row.index("</tr>")]


def test_mermaid_labels_keep_backticks_and_hashes_literal(dprk, tmp_path):
    """A quote then a backtick starts a Markdown string in Mermaid, and '#..;' an entity:
    both are written as entities, so the name is drawn as typed."""
    assert dprk("init", "--party", "`**B**`", "--party", "US #35;").code == 0
    assert dprk("add-measure", "M", "--actor", "`**B**`", "--id", "m").code == 0
    assert dprk("add-measure", "N", "--actor", "US #35;", "--id", "n").code == 0
    mermaid = dprk("graph").out
    assert '["#96;**B**#96;"]' in mermaid and '["US #35;35;"]' in mermaid
    assert "`" not in mermaid


def _three_way_deadlock(dprk):
    assert dprk("init", "--party", "A", "--party", "B", "--party", "C").code == 0
    for ident, actor, extra in (("a1", "A", []), ("b1", "B", ["--in-exchange-for", "a1"]),
                                ("c1", "C", ["--in-exchange-for", "b1"])):  # fmt: skip
        assert dprk("add-measure", ident, "--actor", actor, "--id", ident, *extra,
                    "--date", "2020-01-01").code == 0  # fmt: skip
    assert dprk("link", "c1", "a1", "--date", "2020-01-01").code == 0
    for first, then in (("a1", "b1"), ("b1", "c1"), ("c1", "a1")):
        assert dprk("sequence", first, "--after", then, "--date", "2020-01-02").code == 0


def commands_as_text(page: str) -> str:
    """The report's page with each command it advises as plain code: the words of one
    are kept from breaking at a hyphen (`<code class="run">`, a span a word)."""
    return re.sub(
        r'<code class="run">(.*?)</code>',
        lambda m: "<code>" + re.sub(r"</?span>", "", m.group(1)) + "</code>",
        page,
    )


def test_a_command_the_report_advises_breaks_at_its_spaces_alone(dprk, tmp_path):
    """The report broke 'dprk sequence a --remove b --date D' after a hyphen: the next
    line began '-date', which a reader types as given. Each word of a command is kept
    whole; the command reads the same as text."""
    _three_way_deadlock(dprk)
    page = dprk("report", "--as-of", "2020-01-03", "--output", "-").out
    found = re.findall(r'<code class="run">(.*?)</code>', page)
    assert found and all(
        re.fullmatch(r"<span>[^<> ]+</span>( <span>[^<> ]+</span>)*", code) for code in found
    )
    assert "code.run span { white-space: nowrap; }" in page
    text = commands_as_text(page)
    assert "<code>dprk sequence" in text and "--date 2020-01-03</code>" in text


def test_report_advice_for_a_deadlock_needs_every_command(dprk, tmp_path):
    """Three measures exchanged in a ring: every --with is needed (the report said 'or',
    the terminal 'and'); each demand is one bullet, a party named with '; ' too."""
    _three_way_deadlock(dprk)
    advice = json.loads(dprk("plan", "--format", "json").out)["deadlocks"][0]["suggestions"]
    assert len(advice) == 3
    assert dprk("report", "-o", "r.html").code == 0
    page = commands_as_text((tmp_path / "r.html").read_text(encoding="utf-8"))
    codes = [f"<code>{s}</code>" for s in advice]  # (a list in prose: 'a, b and c')
    assert f"{', '.join(codes[:-1])} and {codes[-1]}" in page
    for command in advice:
        assert dprk(*command.split()[1:], "--date", "2020-01-03").code == 0
    assert json.loads(dprk("plan", "--format", "json").out)["deadlocks"] == []


def test_report_advice_names_the_ledger_it_was_made_from(dprk, tmp_path):
    """A report of a ledger named with --ledger advised 'dprk sequence a1 --with b1',
    which, pasted in that folder, ran on another ledger (or none); the terminal's advice
    named it. The page's does too, and followed, breaks the deadlock of that ledger."""
    (tmp_path / "sub").mkdir()
    _three_way_deadlock(dprk)
    (tmp_path / "dprk-ledger.toml").rename(tmp_path / "sub" / "alt.toml")
    ledger = ["--ledger", "sub/alt.toml"]
    advice = json.loads(dprk(*ledger, "plan", "--format", "json").out)["deadlocks"][0][
        "suggestions"
    ]
    page = commands_as_text(dprk(*ledger, "report", "--output", "-").out)
    named = advice  # (plan's own names the ledger so, as the page must)
    assert all(c.startswith("dprk --ledger sub/alt.toml sequence ") for c in named)
    codes = [f"<code>{c}</code>" for c in named]  # (a list in prose: 'a, b and c')
    assert f"{', '.join(codes[:-1])} and {codes[-1]}" in page
    for command in named:
        assert dprk(*command.split()[1:], "--date", "2020-01-03").code == 0
    assert json.loads(dprk(*ledger, "plan", "--format", "json").out)["deadlocks"] == []


def test_report_lists_a_deadlock_demand_by_demand(dprk, tmp_path):
    assert dprk("init", "--party", "US; allies", "--party", "B").code == 0
    for ident, actor in (("a", "US; allies"), ("b", "B")):
        assert dprk("add-measure", ident, "--actor", actor, "--id", ident,
                    "--date", "2020-01-01").code == 0  # fmt: skip
    assert dprk("sequence", "a", "--after", "b", "--demanded-by", "US; allies",
                "--date", "2020-01-02").code == 0  # fmt: skip
    assert dprk("sequence", "b", "--after", "a", "--date", "2020-01-02").code == 0
    assert dprk("report", "-o", "r.html").code == 0
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    items = re.search(r"<p>Since 2020-01-02, nobody can go first:</p><ul>(.*?)</ul>", page).group(1)
    assert sorted(re.findall(r"<li>(.*?)</li>", items)) == [
        "a waits for b (demanded by US; allies)",
        "b waits for a (agreed by all)",
    ]


def test_report_timeline_shows_user_text_as_typed(dprk, tmp_path):
    """The timeline drew its axes with a placeholder replaced over the whole picture,
    user text included: 'Close site {BOTTOM}' became 'Close site 126.0'."""
    assert dprk("init", "--party", "A", "--party", "B {BOTTOM}").code == 0
    assert dprk("add-measure", "Close site {BOTTOM}", "--actor", "A", "--id", "m1",
                "--date", "2020-01-01").code == 0  # fmt: skip
    assert dprk("add-measure", "x", "--actor", "B {BOTTOM}", "--id", "m2",
                "--date", "2020-01-02").code == 0  # fmt: skip
    assert dprk("report", "-o", "r.html").code == 0
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert "Close site {BOTTOM}" in svg and ">B {BOTTOM}</text>" in svg
    assert re.search(r'<line x1="[\d.]+" y1="[\d.]+" x2="[\d.]+" y2="[\d.]+" ', svg)


def test_the_report_timeline_names_who_acted_and_says_what_it_shows(dprk, korea, monkeypatch):
    """A mark's tooltip said '2018-05-24: punggye-ri-closure implemented (27 days after
    ROK)' and never whose step it was: a screen reader reads the tooltip, not the lane
    the mark is in. And the picture, an image to a screen reader (its marks unread),
    was named 'Timeline of events by party' alone: it says how many events, over what
    time, in which parties' lanes."""
    before = korea.read_bytes()
    page = dprk("report", "--output", "-")
    assert page.code == 0, page.err
    svg = page.out[page.out.index("<svg") : page.out.index("</svg>")]
    title = "2018-05-24, DPRK: punggye-ri-closure implemented (27 days after ROK)"
    assert f"<title>{title}</title></circle>" in svg
    events = _events(dprk)
    marks = re.findall(r"<(?:circle|path) [^>]*><title>([^<]*)</title></(?:circle|path)>", svg)
    assert len(marks) == len(events)
    drawn = sorted(m[: m.index(":")] for m in marks)  # (drawn lane by lane)
    assert drawn == sorted(f"{e['date']}, {e['party']}" for e in events)
    said = (
        f"Timeline of {len(events)} events, from 2018-04-20 to 2018-09-14 (147 days), one "
        "lane for each party: DPRK, ROK and US"
    )
    assert f'role="img" aria-label="{said}"' in svg and f"<title>{said}</title>" in svg
    # only the latest are drawn: it says so; one party, one lane
    monkeypatch.setattr("dprk_cli.render.html.MAX_EVENTS", 5)
    latest = dprk("report", "--output", "-").out
    said = (
        f"Timeline of the latest 5 of {len(events)} events, from 2018-08-24 to 2018-09-14 "
        "(21 days), one lane for each party: DPRK, ROK and US"
    )
    assert f'aria-label="{said}"' in latest
    assert dprk("--ledger", "one.toml", "init", "--party", 'A "&" B').code == 0
    assert dprk("--ledger", "one.toml", "add-measure", "M", "--actor", 'A "&" B', "--id", "m",
                "--date", "2020-01-01").code == 0  # fmt: skip
    one = dprk("--ledger", "one.toml", "report", "--output", "-").out
    said = "Timeline of 1 event, on 2020-01-01, in one lane, for A &quot;&amp;&quot; B"
    assert f'aria-label="{said}"' in one and f"<title>{said}</title>" in one
    assert "<title>2020-01-01, A &quot;&amp;&quot; B: m proposed</title>" in one
    assert korea.read_bytes() == before


def test_report_says_what_a_measure_waits_for_and_drops_findings_undone(dprk, tmp_path):
    """s waits for v to be verified (v has acted): the report said 's waits for v', as
    if it could go. And a reversed measure's old finding is no longer its verification."""
    assert dprk("init", "--party", "A", "--party", "B").code == 0
    assert dprk("add-measure", "v", "--actor", "A", "--id", "v", "--status", "implemented",
                "--date", "2020-01-01").code == 0  # fmt: skip
    assert dprk("add-measure", "s", "--actor", "B", "--id", "s", "--date", "2020-01-01").code == 0
    assert dprk("sequence", "s", "--after", "v", "--require", "verified",
                "--date", "2020-01-02").code == 0  # fmt: skip
    assert dprk("add-measure", "r", "--actor", "A", "--id", "r", "--date", "2020-01-01").code == 0
    assert dprk("mark", "r", "implemented", "--date", "2020-02-01").code == 0
    assert dprk("verify", "r", "--by", "IAEA", "--date", "2020-03-01").code == 0
    assert dprk("mark", "r", "reversed", "--date", "2020-04-01").code == 0
    assert dprk("report", "-o", "r.html").code == 0
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    row = re.search(r'<td class="id">s</td>.*?</tr>', page).group(0)
    assert '<span class="id">v (verified)</span>' in row
    row = re.search(r'<td class="id">r</td>.*?</tr>', page).group(0)
    assert "IAEA" not in row
    status = next(line for line in dprk("status").lines if line.startswith("r "))
    assert "IAEA" not in status and "reversed" in status
    assert "- (the findings below were made before it was reversed)" in dprk("show", "r").out
    then = next(
        line for line in dprk("status", "--as-of", "2020-03-15").lines if line.startswith("r ")
    )
    assert "confirmed (IAEA)" in then


def test_timeline_party_picks_the_lane_of_the_party_then(dprk, empty):
    """x was A's until handed to B in 2019: its 2018 steps are in A's lane, and
    '--party A' shows them ('--party B' showed them, under B's header)."""
    assert dprk("init", "--title", "T", "--party", "A", "--party", "B", "--force").code == 0
    dprk("add-measure", "X", "--actor", "A", "--id", "x", "--date", "2018-01-01")
    dprk("mark", "x", "implemented", "--date", "2018-06-01")
    dprk("edit", "x", "--actor", "B", "--date", "2019-06-01")
    dprk("mark", "x", "reversed", "--date", "2019-09-01")

    def lanes(*args):
        events = json.loads(dprk("timeline", *args, "--format", "json").out)["events"]
        return [(e["date"], e["party"]) for e in events]

    assert lanes("--party", "A") == [("2018-01-01", "A"), ("2018-06-01", "A")]
    assert lanes("--party", "B") == [("2019-09-01", "B")]
    assert re.search(r" x +implemented", dprk("timeline", "--party", "A").out)


def test_scorecard_years_count_for_the_party_then(dprk, empty):
    assert dprk("init", "--title", "T", "--party", "A", "--party", "B", "--force").code == 0
    dprk("add-measure", "X", "--actor", "A", "--id", "x", "--date", "2018-01-01")
    dprk("mark", "x", "implemented", "--date", "2018-06-01")
    dprk("edit", "x", "--actor", "B", "--date", "2019-06-01")
    card = json.loads(
        dprk("scorecard", "--yearly", "--as-of", "2019-12-31", "--format", "json").out
    )
    years = {g["name"]: [(y["year"], y["score"]) for y in g["years"]] for g in card["groups"]}
    assert years == {"A": [(2018, 100), (2019, None)], "B": [(2018, None), (2019, 100)]}


def _handed_over_and_back(dprk) -> None:
    """Two parties, A and B; m A's in 2020, B's in 2021 and A's again in 2022 (A has no
    score in 2021), n B's, agreed."""
    assert dprk("init", "--title", "T", "--party", "A", "--party", "B", "--force").code == 0
    for args in (
        ("add-measure", "M", "--actor", "A", "--id", "m", "--status", "implemented",
         "--date", "2020-03-01"),
        ("add-measure", "N", "--actor", "B", "--id", "n", "--status", "agreed",
         "--date", "2020-03-01"),
        ("edit", "m", "--actor", "B", "--date", "2021-06-01"),
        ("edit", "m", "--actor", "A", "--date", "2022-06-01"),
    ):  # fmt: skip
        assert dprk(*args).code == 0, args


def test_the_score_chart_breaks_a_line_at_a_year_with_no_score(dprk, empty, tmp_path):
    """m was A's in 2020, B's in 2021 and A's again in 2022: A has no score in 2021 (the
    table leaves it blank), but the chart drew one straight line at 100 through it. Each
    run of scored years is a line of its own, and each party's line has a dash pattern
    of its own (the legend shows it), so the lines are told apart by more than colour."""
    _handed_over_and_back(dprk)
    card = json.loads(dprk("scorecard", "--yearly", "--as-of", "2022-12-31", "-f", "json").out)
    years = {g["name"]: [y["score"] for y in g["years"]] for g in card["groups"]}
    assert years == {"A": [100, None, 100], "B": [0, 50, 0]}
    out = tmp_path / "r.html"
    assert dprk("report", "--as-of", "2022-12-31", "-o", str(out)).code == 0
    page = out.read_text(encoding="utf-8")
    lines = re.findall(r'<polyline class="score" points="([^"]*)"[^>]*><title>(\w+)<', page)
    by_party: dict[str, list[int]] = {}
    for points, name in lines:
        by_party.setdefault(name, []).append(len(points.split()))
    assert by_party == {"A": [1, 1], "B": [3]}  # (A's two years apart: two dots, no line)
    legend = re.findall(r'<line x1[^>]*stroke-width="2.5"( stroke-dasharray="[^"]*")?/>', page)
    assert len(legend) == 2 and legend[0] != legend[1]


def test_the_report_gives_the_yearly_scores_as_a_table_under_the_chart(dprk, empty):
    """The scores by year were in the chart alone (each point's tooltip, which a screen
    reader does not reach): a table under it gives each party's score each year, as
    `dprk scorecard --yearly` does, a year with no score said in words."""
    _handed_over_and_back(dprk)
    before = empty.read_bytes()
    card = json.loads(dprk("scorecard", "--yearly", "--as-of", "2022-06-30", "-f", "json").out)
    assert {g["name"]: [y["score"] for y in g["years"]] for g in card["groups"]} == {
        "A": [100, None, 100],
        "B": [0, 50, 0],
    }
    page = dprk("report", "--as-of", "2022-06-30", "-o", "-")
    assert page.code == 0, page.err
    chart = page.out.index('<div class="wide chart-box">')
    table = re.search(r'<div class="wide"><table class="yearly">(.*?)</table></div>', page.out)
    assert table is not None and table.start() > chart
    caption = "Score on 31 December of each year (2022: on 2022-06-30)"
    assert table.group(1).startswith(
        f"<caption>{caption}</caption><thead><tr>"
        '<th scope="col">party</th><th scope="col" class="num">2020</th>'
        '<th scope="col" class="num">2021</th><th scope="col" class="num">2022</th></tr></thead>'
    )
    rows = re.findall(r"<tr><td>(\w+)</td>(.*?)</tr>", table.group(1))
    shown = {name: re.sub(r"<[^>]+>", " ", cells).split() for name, cells in rows}
    assert shown == {"A": ["100", "&ndash;", "no", "score", "100"], "B": ["0", "50", "0"]}
    # (one year: no chart, and no table of years)
    one = dprk("report", "--as-of", "2020-12-31", "-o", "-").out
    assert '<table class="yearly">' not in one and '<div class="wide chart-box">' not in one
    assert '<table class="scores">' in one
    assert empty.read_bytes() == before


def test_a_report_draws_a_hand_written_date_in_the_last_month_a_date_can_have(dprk, empty):
    """A date of December 9999 written by hand (check warns of it, every report reads
    it): the report failed with an internal error drawing the month after it. (It stands
    at the end of today now, as every view does: the measure counts from that day on, and
    `timeline`, which lists every dated event, shows it.)"""
    assert (
        dprk("add-measure", "X", "--actor", "DPRK", "--id", "x", "--date", "2018-01-01").code == 0
    )
    text = empty.read_text(encoding="utf-8")
    empty.write_text(text.replace("date = 2018-01-01\n", "date = 9999-12-01\n"), encoding="utf-8")
    assert dprk("check").code == 0
    out = empty.parent / "r.html"
    made = dprk("report", "-o", str(out))
    assert (made.code, made.err) == (0, f"wrote {out}\n")
    assert "9999-12-01" not in out.read_text(encoding="utf-8")
    assert "9999-12-01" in dprk("timeline").out


def test_the_timeline_asks_who_carries_a_measure_once_not_for_each_entry(dprk, empty):
    """A measure of a long history (thousands of notes and steps): the timeline asked,
    for each entry, whether the measure was ever handed over, reading the whole history
    each time (8,000 entries: 12 s). It asks once for a measure, and once for each day
    of one handed over."""
    from dprk_cli import changes
    from tests.spying import answered

    assert dprk("add-measure", "A", "--id", "a", "--actor", "US", "--date", "2018-01-01").code == 0
    for day in range(2, 28):
        assert dprk("note", "a", f"note {day}", "--date", f"2018-01-{day:02d}").code == 0
    assert dprk("add-measure", "B", "--id", "b", "--actor", "US", "--date", "2018-01-01").code == 0
    assert dprk("edit", "b", "--actor", "DPRK", "--date", "2018-01-05").code == 0
    assert dprk("note", "b", "later", "--date", "2018-01-09").code == 0
    with answered(changes, "handed_over") as asked:
        result = dprk("timeline", "--format", "json")
    assert result.code == 0, result.err
    events = json.loads(result.out)["events"]
    assert len(events) == 27 + 2
    assert [(e["date"], e["party"], e["event"]) for e in events if e["id"] == "b"] == [
        ("2018-01-01", "US", "created"),
        ("2018-01-09", "DPRK", "note"),
    ]
    # (a: once; b: once, then once for each of its two days drawn)
    assert len(asked) == 4


def _contrast(one: str, two: str) -> float:
    """WCAG's contrast ratio of two colours written #rrggbb."""

    def light(colour: str) -> float:
        rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((light(one), light(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_report_reads_for_every_reader(dprk, korea, tmp_path):
    """What a screen reader and a reader of weak sight are given: the headings in order
    (a deadlock's was an h3 right below the h1), every column header naming its column
    (one was empty), each picture titled, and each status's words at least 4.5 times
    as light or dark as their fill (implemented, verified and withdrawn were not)."""
    from html.parser import HTMLParser

    assert dprk("report", "--output", "talks.html").code == 0
    page = (tmp_path / "talks.html").read_text(encoding="utf-8")

    class Reader(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.headings: list[int] = []
            self.headers: list[tuple[str | None, str]] = []
            self.svg_first: list[str] = []
            self.pills: list[str] = []
            self._in_th: list[str] | None = None
            self._scope: str | None = None
            self._svg = False

        def handle_starttag(self, tag, attrs):
            given = dict(attrs)
            if tag in ("h1", "h2", "h3", "h4"):
                self.headings.append(int(tag[1]))
            if tag == "th":
                self._in_th, self._scope = [], given.get("scope")
            if self._svg:
                self.svg_first.append(tag)
                self._svg = False
            if tag == "svg":
                self._svg = True
            if given.get("class") == "pill":
                self.pills.append(given["style"])

        def handle_data(self, data):
            if self._in_th is not None:
                self._in_th.append(data)

        def handle_endtag(self, tag):
            if tag == "th" and self._in_th is not None:
                self.headers.append((self._scope, "".join(self._in_th).strip()))
                self._in_th = None

    reader = Reader()
    reader.feed(page)
    assert reader.headings[0] == 1 and reader.headings.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(reader.headings, reader.headings[1:], strict=False))
    assert reader.headers and all(scope == "col" and words for scope, words in reader.headers)
    assert reader.svg_first and set(reader.svg_first) == {"title"}
    assert len(reader.pills) >= 8
    for style in reader.pills:
        fill = re.search(r"background:(#[0-9a-f]{6})", style).group(1)
        ink = re.search(r"color:(#[0-9a-f]{6})", style).group(1)
        assert _contrast(fill, ink) >= 4.5, style


def test_report_timeline_labels_stay_beside_their_marks(dprk, korea, tmp_path):
    """Labels of a busy lane were pushed down one under another, joined to their dots by
    thin curves: a label of March 2019 sat on the October line, and reading across a row
    paired events months apart. Each day with events now has the room its labels need,
    so every label is beside its mark, and a row down the page is one time."""
    for day in ("2018-09-20", "2018-09-21", "2018-09-22", "2018-09-24", "2018-09-25"):
        assert dprk("note", "test-moratorium", f"seen {day}", "--date", day).code == 0
    assert dprk("report", "--output", "r.html").code == 0
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    svg = page[page.index("<svg") : page.index("</svg>")]
    marks = sorted(float(y) for y in re.findall(r'<circle cx="[\d.]+" cy="([\d.]+)"', svg))
    diamonds = re.findall(r'<path d="M[\d.]+,([\d.]+) L', svg)  # (a finding: its top corner)
    marks = sorted(marks + [float(y) + 7 for y in diamonds])
    labels = re.findall(r'<text x="[\d.]+" y="([\d.]+)" font-size="11.5" [^>]*><title>'
                        r"(\d{4}-\d\d-\d\d) ", svg)  # fmt: skip
    assert len(labels) == len(marks) > 20
    # every label's second line is one line below its mark's row
    assert sorted(round(float(y) - 4 - 15, 1) for y, _ in labels) == [round(m, 1) for m in marks]
    # down the page, time only moves forward, across the lanes too
    days = [day for _, day in sorted(labels, key=lambda pair: float(pair[0]))]
    assert days == sorted(days)


def test_report_lists_parts_under_their_measure(dprk, korea, tmp_path):
    """The report's table sorted parts among the other measures by id: a reader saw
    '0 of 3 parts verified' with no way to tell which rows were meant. They are listed
    under their measure, marked, as `dprk status` lists them."""
    for ident in ("sohae-engine-stand", "a-launch-pad"):
        assert dprk("add-measure", ident, "--actor", "DPRK", "--id", ident, "--part-of",
                    "tongchang-ri-dismantlement", "--date", "2018-07-23").code == 0  # fmt: skip
    assert dprk("report", "--output", "r.html").code == 0
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    ids = re.findall(r'<td class="id">(?:<span class="part"[^>]*>[^<]*</span>)?([^<]+)</td>', page)
    at = ids.index("tongchang-ri-dismantlement")
    assert ids[at + 1 : at + 3] == ["a-launch-pad", "sohae-engine-stand"]
    assert ids.index("test-moratorium") < at  # (the other measures keep their order)
    assert page.count('<span class="part"') == 2


def test_graph_names_the_extent_of_a_measure_carried_out_in_part(dprk, korea):
    """A measure carried out in part was drawn 'implemented', where `status` and the
    report said 'minimal' or 'intermediate': a briefing showing both disagreed."""
    assert dprk("add-measure", "Stand", "--actor", "DPRK", "--id", "stand", "--part-of",
                "tongchang-ri-dismantlement", "--date", "2018-07-23").code == 0  # fmt: skip
    shown = json.loads(dprk("show", "tongchang-ri-dismantlement", "--format", "json").out)
    assert shown["extent"] == "intermediate"  # (one of its two parts has acted)
    dot = dprk("graph", "--format", "dot").out
    assert '"tongchang-ri-dismantlement\\nimplemented (intermediate)"' in dot
    mermaid = dprk("graph", "--format", "mermaid").out
    assert "tongchang-ri-dismantlement<br/><i>implemented (intermediate)</i>" in mermaid
    assert "punggye-ri-closure<br/><i>implemented</i>" in mermaid  # (in full: as it stands)


def test_graph_says_who_verified_a_measure(dprk, tmp_path):
    """The graph drew a measure confirmed by OPCW 'verified', where a briefing needs who
    verified it: each box names those whose confirmation stands (as the status table's
    verification column does), and a whole verified through its parts says so, in both
    formats; a verifier's name is quoted as any text of the user's."""
    for args in (
        ["init", "--party", "Libya", "--party", "US"],
        ["add-measure", "Destroy chemical bombs", "--actor", "Libya", "--id", "cw-bombs",
         "--status", "implemented", "--date", "2004-02-27"],
        ["verify", "cw-bombs", "--by", "OPCW", "--date", "2004-03-05"],
        ["add-measure", "Nuclear dismantlement", "--actor", "Libya", "--id", "nuclear",
         "--date", "2004-01-01"],
        *(["add-measure", part, "--actor", "Libya", "--id", part, "--part-of", "nuclear",
           "--status", "implemented", "--date", "2004-01-27"]
          for part in ("centrifuges", "designs")),
        ["verify", "centrifuges", "--by", "OPCW", "--date", "2004-03-01"],
        ["verify", "centrifuges", "--by", "IAEA", "--date", "2004-03-02"],
        ["verify", "designs", "--by", 'IAEA "Vienna"', "--date", "2004-03-01"],
        ["add-measure", "Scud missiles", "--actor", "Libya", "--id", "scud", "--status",
         "implemented", "--date", "2004-05-01"],
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    table = dprk("status").out
    assert re.search(r"^nuclear .*verified \(its parts\)", table, re.M), table
    mermaid = dprk("graph").out
    assert '"cw-bombs<br/><i>verified by OPCW</i>"' in mermaid
    assert '"centrifuges<br/><i>verified by IAEA, OPCW</i>"' in mermaid
    assert '"designs<br/><i>verified by IAEA #quot;Vienna#quot;</i>"' in mermaid
    assert '"nuclear<br/><i>verified (its parts)</i>"' in mermaid
    assert '"scud<br/><i>implemented</i>"' in mermaid
    dot = dprk("graph", "--format", "dot").out
    assert 'label="cw-bombs\\nverified by OPCW"' in dot
    assert 'label="centrifuges\\nverified by IAEA, OPCW"' in dot
    assert 'label="designs\\nverified by IAEA \\"Vienna\\""' in dot
    assert 'label="nuclear\\nverified (its parts)"' in dot
    assert 'label="scud\\nimplemented"' in dot
    assert ledger.read_bytes() == before


def test_graph_says_who_disputed_a_measure(dprk, tmp_path):
    """The graph named who verified a measure ('verified by Russia') but said of one
    disputed 'disputed' alone. It names the verifiers whose refutation stands, in both
    formats (a part too: its whole, implemented, stays so)."""
    for args in (
        ["init", "--party", "US", "--party", "Russia"],
        ["add-measure", "Eliminate intermediate-range missiles", "--actor", "US", "--id",
         "us-inf", "--status", "implemented", "--date", "1991-05-28"],
        ["verify", "us-inf", "--by", "Russia", "--result", "refuted", "--date", "2014-07-28"],
        ["verify", "us-inf", "--by", "China", "--result", "refuted", "--date", "2014-08-01"],
        ["add-measure", "Whole", "--actor", "US", "--id", "whole", "--date", "1991-01-01"],
        ["add-measure", "Part", "--actor", "US", "--id", "part", "--part-of", "whole",
         "--status", "implemented", "--date", "1991-05-28"],
        ["verify", "part", "--by", "Russia", "--result", "refuted", "--date", "2014-07-28"],
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    mermaid = dprk("graph").out
    # (Russia, a party to the talks, said to be one, as show says it)
    assert '"us-inf<br/><i>disputed by China; Russia, a party</i>"' in mermaid
    assert '"part<br/><i>disputed by Russia, a party</i>"' in mermaid
    assert '"whole<br/><i>implemented</i>"' in mermaid
    dot = dprk("graph", "--format", "dot").out
    assert 'label="us-inf\\ndisputed by China; Russia, a party"' in dot
    assert ledger.read_bytes() == before


def test_report_timeline_month_labels_never_overprint(dprk, empty):
    """A busy day (a treaty signed: ten steps at once) two months before the next event:
    the labels of the day pushed the next day down, the months between were drawn in the
    little room left below them, and 'Apr 1979' and 'May 1979' were printed 9 px apart,
    one on the other. A month's label goes where there is room for it."""
    ids = [f"m{i}" for i in range(10)]
    for ident in ids:
        assert dprk("add-measure", ident.upper(), "--actor", "US", "--id", ident, "--date",
                    "1977-11-19").code == 0  # fmt: skip
    assert dprk("mark", *ids, "agreed", "--date", "1979-03-26").code == 0
    assert dprk("mark", "m0", "implemented", "--date", "1979-05-25").code == 0
    later = ("1979-11-01", "1980-06-01", "1980-12-01", "1981-06-01", "1981-12-01", "1982-04-25")
    for ident, day in zip(ids[1:], later, strict=False):  # (years of events: little room)
        assert dprk("mark", ident, "implemented", "--date", day).code == 0
    page = dprk("report", "--output", "-")
    assert page.code == 0, page.err
    months = [
        (float(y), said)
        for y, said in re.findall(
            r'<text x="84" y="([\d.]+)" text-anchor="end" font-size="12" fill="#6b7280">'
            r"([A-Z][a-z]{2} \d{4})</text>",
            page.out,
        )
    ]
    assert months, "no month drawn"
    ys = sorted(y for y, _ in months)
    assert all(b - a >= 16 for a, b in itertools.pairwise(ys)), months


def _tall_timeline(dprk) -> str:
    """A report whose timeline is several printed pages tall: its page."""
    for i in range(48):
        actor = ("US", "DPRK", "ROK")[i % 3]
        assert dprk("add-measure", f"Step {i}", "--actor", actor, "--id", f"s{i}", "--date",
                    f"{2016 + i // 36}-{1 + i // 3 % 12:02d}-{1 + 3 * (i % 3):02d}"
                    ).code == 0  # fmt: skip
    for i in range(0, 48, 2):
        assert dprk("mark", f"s{i}", "implemented", "--date",
                    f"{2016 + i // 36}-{1 + i // 3 % 12:02d}-{20 + i % 3:02d}"
                    ).code == 0  # fmt: skip
    page = dprk("report", "--output", "-")
    assert page.code == 0, page.err
    return page.out


def test_a_tall_report_timeline_prints_in_parts_cut_between_labels(dprk, empty):
    """Printed, a timeline taller than a page was one picture: moved whole to the next
    page, it left the one before half blank, and a page's edge cut through a label, its
    lower half printed on the next page. Printed, it is drawn in parts no taller than a
    third of a page, each cut where no label or mark is, each under the lanes' names;
    on screen it is one picture, as before, and the drawing is written once."""
    page = _tall_timeline(dprk)
    whole = page[page.index('<svg class="timeline-whole"') :]
    whole = whole[: whole.index("</svg>")]
    height = float(re.search(r'viewBox="0 0 1100 ([\d.]+)"', whole)[1])
    parts = re.findall(
        r'<svg class="timeline-part" [^>]*viewBox="0 ([\d.]+) 1100 ([\d.]+)"[^>]*>(.*?)</svg>',
        page,
    )
    assert len(parts) >= 3, height
    assert page.count('<g id="timeline-body">') == 1  # (the parts show it through <use>)
    assert all('<use href="#timeline-body"/>' in body for _, _, body in parts)
    assert all('<use href="#timeline-lanes"' in body for _, _, body in parts)
    spans = [(float(top), float(top) + float(tall)) for top, tall, _ in parts]
    assert spans[0][0] == 0 and abs(spans[-1][1] - height) < 1
    assert all(b - a <= 500 for a, b in spans)
    # each cut between two parts is where no text of the drawing is
    texts = [float(y) for y in re.findall(r'<text [^>]*?y="([\d.]+)"', whole)]
    for (_, cut), (top, _) in itertools.pairwise(spans):
        assert abs(top - (cut - 44)) < 0.2  # (the next part begins with the lanes' names)
    # (the band under the names is painted over from a little above the part's edge: a
    # label the edge crosses printed a sliver of itself at the top of the part)
    for (top, _), (_, _, body) in list(zip(spans, parts, strict=True))[1:]:
        assert f'<rect x="0" y="{top - 4:.1f}" width="1100" height="48" fill="#fff"/>' in body
        assert not any(y - 13 < cut < y + 4 for y in texts), cut
    # on screen one picture; printed, the parts, each kept whole on its page
    assert "svg.timeline-part { display: none; }" in page
    printed = page[page.index("@media print") :]
    assert "svg.timeline-whole { display: none; }" in printed
    assert "svg.timeline-part { display: block; break-inside: avoid; }" in printed
    assert (
        "p.keep { break-after: avoid; break-inside: avoid; }" in printed
    )  # (the heading stays with it)


def _kept(page: str) -> str:
    """What the page keeps in one block with the timeline's heading."""
    block = re.search(r'<div class="kept">\n(.*?)\n</div>\n', page, re.S)
    assert block is not None
    return block.group(1)


def test_a_printed_timeline_s_heading_and_key_go_to_the_page_of_its_first_part(dprk, empty):
    """Printed on Letter paper, the timeline's heading and its key were left alone at the
    foot of a page, the timeline's first part on the next: chromium did not keep them
    together for their break-after: avoid. They are one block with the first part, kept
    whole on a page; the other parts follow it. A picture of up to 1,400 units (as tall
    as the bundled example's) was one picture, too tall to go under its heading on a
    Letter page: it is printed in parts."""
    page = _tall_timeline(dprk)
    kept = _kept(page)
    assert kept.startswith('<h2 id="timeline">Timeline</h2>\n<p class="sub keep">One lane')
    assert kept.count('<svg class="timeline-part"') == 1
    assert "part 1 of" in kept and '<svg class="timeline-whole"' in kept
    after = page[page.index(kept) + len(kept) :]
    assert '<svg class="timeline-part"' in after and "part 2 of" in after
    printed = page[page.index("@media print") :]
    assert ".kept { break-inside: avoid; }" in printed[: printed.index("\n}\n")]


def test_a_printed_timeline_of_one_picture_goes_with_its_heading(dprk, korea):
    page = dprk("report", "--output", "-").out
    assert _kept(page).startswith('<h2 id="timeline">')
    assert '<svg class="timeline-part"' in _kept(page)  # (the example's: in parts)
    assert dprk("--ledger", "short.toml", "init", "--party", "US").code == 0
    for i, day in enumerate(("2018-01-01", "2018-02-01")):
        assert dprk("--ledger", "short.toml", "add-measure", "A", "--actor", "US", "--id",
                    f"a{i}", "--date", day).code == 0  # fmt: skip
    kept = _kept(dprk("--ledger", "short.toml", "report", "--output", "-").out)
    assert kept.startswith('<h2 id="timeline">') and kept.count("<svg") == 1
    assert kept.endswith("</svg></div>")  # (in the box that scrolls it on a narrow screen)


def test_wide_pictures_scroll_in_a_box_of_their_own_on_screen_only(dprk, korea):
    """On a phone the timeline and the score chart shrank to the screen (their words 4 px
    tall): on screen each is in a box that scrolls sideways, with a least width; the
    printed parts of the timeline are in none, and the least widths and the narrow
    screen's margins are screen rules, the print rules as they were."""
    page = dprk("report", "--output", "-")
    assert page.code == 0, page.err
    out = page.out
    assert out.count('<div class="wide timeline-box"><svg class="timeline-whole"') == 1
    assert out.count('<div class="wide chart-box"><svg ') == 1
    assert re.search(r'<svg class="timeline-part"', out)
    assert not re.search(r'<div class="wide[^"]*">\s*<svg class="timeline-part"', out)
    css = out[out.index("<style>") : out.index("</style>")]
    screen = css[css.index("@media screen {") : css.index("\n}\n", css.index("@media screen {"))]
    assert ".timeline-box > svg { min-width: 880px; }" in screen
    assert ".chart-box > svg { min-width: 600px; }" in screen
    assert "@media screen and (max-width: 600px) {\n  main { padding: 20px 14px 32px; }" in css
    printed = css[css.index("@media print") :]
    assert "min-width" not in printed[: printed.index("\n}\n")]


def test_a_short_report_timeline_is_one_picture_on_screen_and_printed(dprk, empty):
    assert dprk("add-measure", "A", "--actor", "US", "--id", "a", "--date", "2018-01-01").code == 0
    assert dprk("mark", "a", "implemented", "--date", "2018-02-01").code == 0
    page = dprk("report", "--output", "-").out
    assert page.count("<svg") == page.count('role="img"')
    assert 'class="timeline-part"' not in page and 'class="timeline-whole"' not in page


def test_graph_as_of_a_day_draws_the_talks_as_they_stood(dprk, korea):
    """`graph` drew the talks as they stand today only, while the report beside it
    could be made of any day: a briefing on May 2018 showed links made in July. With
    --as-of, the measures then in the talks, their states then, and no later link."""
    before = korea.read_bytes()
    now = dprk("graph").out
    then = dprk("graph", "--as-of", "2018-05-01")
    assert then.code == 0, then.err
    assert "end-of-war-declaration" in now and "end-of-war-declaration" not in then.out
    assert '["punggye-ri-closure<br/><i>proposed</i>"]' in then.out
    assert '["punggye-ri-closure<br/><i>implemented</i>"]' in now
    assert "-.-" in now and "-.-" not in then.out  # (the exchange links came in July)
    dot = dprk("graph", "--format", "dot", "--as-of", "2018-05-01").out
    assert dot.startswith("digraph dprk {") and "end-of-war-declaration" not in dot
    assert dprk("graph", "--as-of", "2099-01-01").code == 2
    assert korea.read_bytes() == before


def test_a_graph_is_titled_with_the_talks_and_the_day_it_shows(dprk, korea, tmp_path):
    """A Mermaid graph had no title (a picture pasted into a briefing did not say whose
    talks it drew), and neither picture said the day it stood on with --as-of. Mermaid's
    front matter takes the title as a YAML string: quotes and a colon stay text."""
    mermaid = dprk("graph", "--as-of", "2018-05-01").out
    title = "US–DPRK denuclearization talks, 2018 (as of 2018-05-01)"
    assert mermaid.splitlines()[:4] == ["---", f'title: "{title}"', "---", "flowchart LR"]
    dot = dprk("graph", "--format", "dot", "--as-of", "2018-05-01").out
    assert f'  label="{title}"; labelloc=t;' in dot
    assert "(as of" not in dprk("graph").out
    assert dprk("--ledger", "q.toml", "init", "--title", 'Talks: "A" # B').code == 0
    odd = dprk("--ledger", "q.toml", "graph").out
    assert odd.splitlines()[1] == 'title: "Talks: \\"A\\" # B"'


@pytest.mark.parametrize(("first", "years"), [("2004-01-15", 23), ("2014-01-15", 13)])
def test_the_score_chart_s_years_never_run_into_each_other(dprk, empty, first, years):
    """Twenty-three years of talks: every year was labelled, 24.8 units apart, and read
    '2005200620072008...'. The years labelled are as far apart as their labels need."""
    assert dprk("add-measure", "X", "--actor", "US", "--id", "x", "--status", "agreed",
                "--date", first).code == 0  # fmt: skip
    page = dprk("report", "--output", "-", "--as-of", "2026-06-01").out
    shown = [
        (float(x), int(year))
        for x, year in re.findall(r'<text x="([\d.]+)" y="[\d.]+" text-anchor="middle" '
                                  r'font-size="11" fill="#6b7280">(\d{4})</text>', page)
    ]  # fmt: skip
    assert shown[0][1] == int(first[:4]) and len(shown) >= years // 3
    assert all(b[0] - a[0] >= 30 for a, b in itertools.pairwise(shown)), shown


SIX = ("DPRK", "US", "China", "ROK", "Japan", "Russia")


def test_a_timeline_of_six_parties_wraps_its_labels_rather_than_cutting_them(dprk, tmp_path):
    """With six lanes, a label had room for 18 characters: 'yongbyon-shutdown-and-
    sealing' read 'yongbyon-shutdown…', and 'implemented (minimal) · 3 d after US' read
    '2007-07-14 · impl…'. An id goes on up to three lines, cut after its hyphens, and
    what happened goes under the day and the days after."""
    assert (
        dprk("init", "--title", "Six-Party Talks", *[a for p in SIX for a in ("--party", p)]).code
        == 0
    )
    ids = {p: f"{p.lower()}-heavy-fuel-oil-shipment-delivered" for p in SIX}
    ids["DPRK"] = "yongbyon-shutdown-and-sealing"
    for p in SIX:
        assert dprk("add-measure", ids[p], "--actor", p, "--id", ids[p], "--status", "agreed",
                    "--date", "2007-02-13").code == 0  # fmt: skip
    assert dprk("mark", ids["US"], "implemented", "--date", "2007-07-11").code == 0
    assert dprk("mark", ids["DPRK"], "implemented", "--extent", "minimal",
                "--date", "2007-07-14").code == 0  # fmt: skip
    page = dprk("report", "-o", "-").out
    svg = page[page.index("<svg class") if "<svg class" in page else page.index("<svg") :]
    svg = svg[: svg.index("</svg>")]
    bold = re.findall(r'font-weight="600" fill="#111827"><title>[^<]*</title>([^<]*)</text>', svg)
    grey = re.findall(r'font-size="11.5" fill="#6b7280"><title>[^<]*</title>([^<]*)</text>', svg)
    assert not [line for line in bold + grey if line.endswith("…")], (bold, grey)
    assert bold[bold.index("yongbyon-") :][:3] == ["yongbyon-", "shutdown-and-", "sealing"]
    assert bold[bold.index("russia-heavy-") :][:3] == [
        "russia-heavy-",
        "fuel-oil-shipment-",
        "delivered",
    ]
    at = grey.index("2007-07-14")
    assert grey[at : at + 4] == ["2007-07-14", "3 d after US", "implemented", "(minimal)"]
    assert "2007-02-13 · agreed" not in grey and "agreed" in grey
    # a label's lines, one under another
    lane = [float(y) for y in re.findall(r'<text(?: class="more")? x="128.0" y="([\d.]+)"', svg)]
    assert [b - a for a, b in itertools.pairwise(lane[:4])] == [15.0] * 3, lane


def test_a_narrow_lane_s_label_names_what_a_measure_was_exchanged_for(dprk, tmp_path):
    """With six lanes, 'exchange: in exchange for heavy-fuel-oil-first-tranche' and an
    id of 54 characters were cut on paper after two and three lines ('heav…',
    'verification-of-c…'): a briefing could not tell what was exchanged for what."""
    assert dprk("init", *[a for p in SIX for a in ("--party", p)]).code == 0
    long_id = "yongbyon-disablement-and-verification-of-cooling-tower"
    assert dprk("add-measure", "Disable", "--actor", "DPRK", "--id", long_id, "--date",
                "2007-02-13", "--status", "implemented").code == 0  # fmt: skip
    assert dprk("add-measure", "Fuel", "--actor", "US", "--id", "heavy-fuel-oil-first-tranche",
                "--date", "2007-03-01", "--in-exchange-for", long_id).code == 0  # fmt: skip
    page = dprk("report", "-o", "-").out
    shown = re.findall(r"</title>([^<]*)</text>", page)
    assert not [line for line in shown if line.endswith("…")], shown
    at = shown.index("yongbyon-")
    assert "".join(shown[at : at + 4]) == long_id
    assert "heavy-fuel-oil-" in shown and "first-tranche" in shown


def test_a_report_of_a_ledger_without_parties_says_so(dprk, tmp_path):
    """A ledger just made: the section on who has acted held only the colours' key."""
    assert dprk("init").code == 0
    page = dprk("report", "-o", "-").out
    summary = page[page.index('<h2 id="summary">') : page.index('<h2 id="timeline">')]
    assert '<p class="muted">No parties yet.</p>' in summary
    printed = page[page.index("@media print") :]
    assert "p.keep { break-after: avoid; break-inside: avoid; }" in printed


def test_a_graph_at_a_terminal_is_never_paged(dprk, korea, monkeypatch, tmp_path):
    """The docs page a table taller than the window; a graph's Mermaid (or DOT) text, taller
    than the window at a terminal, went through the pager too (and hung in `less` where
    the terminal had no size). It is written as it is, as to a pipe."""
    monkeypatch.setenv("LINES", "10")
    monkeypatch.setenv("COLUMNS", "100")
    paged = tmp_path / "paged.txt"
    monkeypatch.setenv("DPRK_PAGER", f"cat > {paged}")
    for fmt in ("mermaid", "dot"):
        shown = dprk("graph", "--format", fmt, tty=True)
        assert shown.code == 0 and not paged.exists(), fmt
        assert shown.out == dprk("graph", "--format", fmt).out
        assert shown.out.count("\n") > 10
    assert dprk("log", tty=True).out == "" and paged.exists()  # (a table is paged still)


def test_a_month_between_a_day_of_many_labels_and_the_next_is_named_too(dprk, empty):
    """April ends with a day of many labels, and June's first event comes soon after: the
    lines of May and June, both in that gap, were too near to print both, and May's was
    kept, so June's events stood under a line 'May 1996'; then June's, which left May
    unnamed, a gap in the axis. The gap is drawn tall enough for both: each is named, the
    line right above June's events names their month."""
    for i in range(1, 7):
        assert dprk("add-measure", f"Step {i} of the long programme of works", "--actor",
                    "DPRK", "--date", "1996-04-10").code == 0  # fmt: skip
    assert dprk("add-measure", "Later", "--actor", "US", "--id", "later", "--date",
                "1996-06-14").code == 0  # fmt: skip
    for year in range(1990, 1996):  # (a long span: a month is drawn short)
        for day in ("06-01", "12-01"):
            assert dprk("add-measure", f"Talks {year}-{day}", "--actor", "US", "--date",
                        f"{year}-{day}").code == 0  # fmt: skip
    page = empty.parent / "r.html"
    assert dprk("report", "-o", str(page)).code == 0
    months = list(dict.fromkeys(re.findall(r">([A-Z][a-z]{2} 1996)<", page.read_text("utf-8"))))
    assert months == ["Jan 1996", "Feb 1996", "Mar 1996", "Apr 1996", "May 1996", "Jun 1996"]


def _month_names(page: str) -> list[tuple[float, str]]:
    """The months named on a report's timeline axis, each with its height."""
    return [
        (float(y), said)
        for y, said in re.findall(
            r'<text x="84" y="([\d.]+)" text-anchor="end" font-size="12" fill="#6b7280">'
            r"([A-Z][a-z]{2} \d{4})</text>",
            page,
        )
    ]


def test_a_tall_block_of_labels_leaves_no_month_unnamed_on_the_timeline(dprk, tmp_path):
    """Stockholm, October 2019: a long id on two lines, and another event that day, filled
    the time to December's first event; November's and December's names fell in the
    little room left below the labels, too near to print both, and the axis went 'Oct
    2019', 'Dec 2019', as if a month were missing, every other month named. Every month
    is named, none nearer the next than a name's height."""
    assert dprk("init", "--party", "DPRK", "--party", "US", "--party", "ROK", "--party",
                "China", "--party", "Japan").code == 0  # fmt: skip
    for ident, actor, day in (
        ("hanoi-summit", "US", "2019-02-27"),
        ("panmunjom-meeting", "US", "2019-06-30"),
        ("stockholm-working-level-talks-collapse", "DPRK", "2019-10-28"),
        ("kcna-statement", "DPRK", "2019-10-28"),
        ("year-end-deadline", "DPRK", "2019-12-02"),
    ):
        assert dprk("add-measure", ident, "--id", ident, "--actor", actor, "--date",
                    day).code == 0  # fmt: skip
    ledger = (tmp_path / "dprk-ledger.toml").read_bytes()
    result = dprk("report", "-o", "x.html")
    assert (result.code, result.out, result.err) == (0, "", "wrote x.html\n")
    page = (tmp_path / "x.html").read_text("utf-8")
    assert "stockholm-working-<" in page  # (its id on two lines: the tall block)
    months = _month_names(page)
    assert [said for _, said in months] == [
        f"{m} 2019" for m in ("Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    ]
    ys = [y for y, _ in months]
    assert all(b - a >= 16 for a, b in itertools.pairwise(ys)), months
    assert (tmp_path / "dprk-ledger.toml").read_bytes() == ledger  # (read, not written)


def test_the_report_says_no_score_in_words_for_a_party_without_commitments(dprk, empty):
    """A party with no commitment had an empty score cell in the report's score table
    (`<b></b>`), which a screen reader reads as nothing; the yearly table said "no score".
    Both say it so."""
    assert dprk("add-measure", "Agreed", "--actor", "DPRK", "--id", "a", "--status", "agreed",
                "--date", "2020-03-01").code == 0  # fmt: skip
    assert dprk("report", "-o", "r.html").code == 0
    page = (empty.parent / "r.html").read_text(encoding="utf-8")
    us = re.search(r"<tr><td>US</td>(.*?)</tr>", page).group(1)
    assert '<span class="unseen">no score</span>' in us and "<b></b>" not in us
    dprk_row = re.search(r"<tr><td>DPRK</td>(.*?)</tr>", page).group(1)
    assert "<b>0</b>" in dprk_row


def test_the_timelines_caption_counts_the_days_between_its_ends(dprk, tmp_path):
    """The report's timeline said "from 1900-02-28 to 1900-03-01 (2 days)", counting both
    ends, while the timeline's "days after" and the balance count the days between
    (1): it counts as they do."""
    assert dprk("init", "--party", "A", "--party", "B").code == 0
    for ident, actor, day in (("x", "A", "1900-02-28"), ("y", "B", "1900-03-01")):
        args = ("--actor", actor, "--id", ident, "--date", day, "--status", "agreed")
        assert dprk("add-measure", ident.upper(), *args).code == 0
    page = dprk("report", "--output", "-")
    assert page.code == 0, page.err
    said = (
        "Timeline of 2 events, from 1900-02-28 to 1900-03-01 (1 day), one lane for each "
        "party: A and B"
    )
    assert f'aria-label="{said}"' in page.out and f"<title>{said}</title>" in page.out
    assert "1900-03-01, B: y agreed (1 day after A)" in page.out  # (as the marks count)


def test_graph_flags_a_measure_overdue_or_done_late_as_status_does(dprk, tmp_path):
    """Bosnia: Republika Srpska withdrew part of its heavy weapons by the deadline, the
    Federation withdrew all of its own, late. `status` flags the first overdue and the
    second done late; the graph drew both as any other box."""
    path = tmp_path / "dprk-ledger.toml"
    rs, fed = "Republika Srpska", "Federation of BiH"
    for args in (
        ("init", "--party", fed, "--party", rs),
        ("add-measure", "Heavy weapons (RS)", "--actor", rs, "--id", "hw-rs",
         "--status", "agreed", "--date", "1995-11-21", "--deadline", "1996-04-18"),
        ("add-measure", "Heavy weapons (Fed)", "--actor", fed, "--id", "hw-fed",
         "--status", "agreed", "--date", "1995-11-21", "--deadline", "1996-04-18",
         "--in-exchange-for", "hw-rs"),
        ("add-measure", "Returns", "--actor", fed, "--id", "ret", "--date", "1995-11-21"),
        ("mark", "hw-fed", "implemented", "--date", "1996-05-02"),
        ("mark", "hw-rs", "implemented", "--extent", "intermediate", "--date", "1996-04-18"),
    ):  # fmt: skip
        done = dprk(*args)
        assert done.code == 0, done.err
    before = path.read_bytes()
    flags = {
        line.split()[0]: line for line in dprk("status").lines if line.startswith(("hw-", "ret "))
    }
    assert " partly done, overdue " in flags["hw-rs"] and " done late " in flags["hw-fed"]
    mermaid = dprk("graph")
    assert mermaid.code == 0, mermaid.err
    assert '["hw-rs<br/><i>implemented (intermediate)</i><br/><b>partly done, overdue</b>"]' in (
        mermaid.out
    )
    assert '["hw-fed<br/><i>implemented</i><br/><b>done late</b>"]' in mermaid.out
    assert '["ret<br/><i>proposed</i>"]' in mermaid.out
    dot = dprk("graph", "--format", "dot").out
    assert '"hw-rs\\nimplemented (intermediate)\\npartly done, overdue"' in dot
    assert '"hw-fed\\nimplemented\\ndone late"' in dot
    assert '[label="ret\\nproposed",' in dot
    # judged on the --as-of day, as status judges it: on the deadline, neither was late
    then = dprk("graph", "--as-of", "1996-04-18").out
    assert "overdue" not in then and "late" not in then
    assert " overdue " in [ln for ln in dprk("status", "--as-of", "1996-04-20").lines
                           if ln.startswith("hw-fed ")][0]  # fmt: skip
    then = dprk("graph", "--format", "dot", "--as-of", "1996-04-20").out
    assert '"hw-fed\\nagreed\\noverdue"' in then
    assert '"hw-rs\\nimplemented (intermediate)\\npartly done, overdue"' in then
    assert path.read_bytes() == before
