"""Confirmation lines that say all a write changed: another measure's record of a link
moved by a step or a note dated earlier, a whole's past a part's finding moved, and
advice that gives the numbers dprk knows rather than 'N'."""

from __future__ import annotations

import csv
import io
import json
import shlex

from dprk_cli.clock import today


def _added_undated_after_agreement(dprk) -> None:
    """x acted on 2019-01-01; y, added without a date for x, agreed on 2019-02-28."""
    assert dprk("init", "--party", "A", "--party", "B").code == 0
    assert dprk("add-measure", "X", "--actor", "A", "--id", "x", "--date", "2019-01-01",
                "--status", "implemented").code == 0  # fmt: skip
    assert dprk("add-measure", "Y", "--actor", "B", "--id", "y",
                "--in-exchange-for", "x").code == 0  # fmt: skip
    assert dprk("mark", "y", "agreed", "--date", "2019-02-28").code == 0


def _owed_since(dprk) -> list[tuple[str, str, str]]:
    out = dprk("balance", "--as-of", "2019-03-31", "--format", "csv").out
    return [(r["measure"], r["since"], r["days"]) for r in csv.DictReader(io.StringIO(out))]


def _link_day(dprk) -> str:
    log = json.loads(dprk("log", "x", "--format", "json").out)
    return next(e["date"] for e in log if e["detail"] == "in exchange for y")


def test_a_dated_note_that_moves_the_other_measures_record_of_the_link_says_so(dprk, tmp_path):
    _added_undated_after_agreement(dprk)
    assert _owed_since(dprk) == [("x", "2019-02-28", "31"), ("y", "2019-02-28", "31")]
    assert _link_day(dprk) == "2019-02-28"
    noted = dprk("note", "y", "first mentioned", "--date", "2019-01-10")
    assert (noted.code, noted.out) == (0, "")
    assert noted.err == (
        "y: note on 2019-01-10; y is now dated from 2019-01-10 (it was from 2019-02-28), "
        "and x's record of its link with y (its entry 2) with it\n"
    )
    # (what the line says is what the ledger now holds)
    assert _link_day(dprk) == "2019-01-10"
    assert _owed_since(dprk) == [("x", "2019-01-10", "80"), ("y", "2019-01-10", "80")]
    text = (tmp_path / "dprk-ledger.toml").read_text()
    assert 'date = 2019-01-10\nevent = "exchange"' in text


def test_a_step_dated_earlier_that_moves_the_link_says_so(dprk, tmp_path):
    _added_undated_after_agreement(dprk)
    marked = dprk("mark", "y", "proposed", "--date", "2019-01-10")
    assert marked.code == 0, marked.err
    assert marked.err == (
        "y: recorded proposed on 2019-01-10; y stays agreed (since 2019-02-28); y is now "
        "dated from 2019-01-10 (it was from 2019-02-28), and x's record of its link with y "
        "(its entry 2) with it\n"
    )
    assert _link_day(dprk) == "2019-01-10"
    assert _owed_since(dprk) == [("x", "2019-01-10", "80"), ("y", "2019-01-10", "80")]


def test_a_note_before_the_other_measure_was_made_says_the_day_the_link_takes(dprk):
    """The link counts from the later of the two beginnings: x's, here."""
    _added_undated_after_agreement(dprk)
    noted = dprk("note", "y", "rumoured", "--date", "2018-06-01")
    assert noted.code == 0, noted.err
    assert noted.err == (
        "y: note on 2018-06-01; y is now dated from 2018-06-01 (it was from 2019-02-28), "
        "and x's record of its link with y (its entry 2, on 2019-01-01: not before x was "
        "made) with it\n"
    )
    assert _link_day(dprk) == "2019-01-01"


def test_a_note_that_moves_nothing_says_nothing_more(dprk):
    _added_undated_after_agreement(dprk)
    noted = dprk("note", "y", "later talk", "--date", "2019-03-01")
    assert (noted.code, noted.err) == (0, "y: note on 2019-03-01\n")
    assert _link_day(dprk) == "2019-02-28"


def test_dropping_the_note_says_the_record_that_moves_back(dprk, tmp_path):
    _added_undated_after_agreement(dprk)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_text()
    assert dprk("note", "y", "first mentioned", "--date", "2019-01-10").code == 0
    dropped = dprk("drop-entry", "y", "2")
    assert dropped.code == 0, dropped.err
    assert dropped.err == (
        "y: dropped entry 2 (the note entry of 2019-01-10; y is now dated from 2019-02-28), "
        "and x's record of its link with y (its entry 2) with it; y is agreed\n"
    )
    assert _link_day(dprk) == "2019-02-28"
    assert _owed_since(dprk) == [("x", "2019-02-28", "31"), ("y", "2019-02-28", "31")]
    assert ledger.read_text().count("2019-01-10") == 1  # (the correction's words alone)
    assert before.count("2019-01-10") == 0


def test_a_link_dated_earlier_says_the_record_it_moved(dprk):
    _added_undated_after_agreement(dprk)
    assert dprk("add-measure", "Z", "--actor", "A", "--id", "z", "--date", "2018-01-01").code == 0
    linked = dprk("link", "y", "z", "--date", "2019-01-10")
    assert linked.code == 0, linked.err
    assert linked.err == (
        "y: in exchange for z (recorded on both); y is now dated from 2019-01-10 (it was "
        "from 2019-02-28), and x's record of its link with y (its entry 2) with it\n"
    )
    assert _link_day(dprk) == "2019-01-10"


def _two_acts(dprk) -> None:
    assert dprk("init", "--party", "IRA", "--party", "UK").code == 0
    assert dprk("add-measure", "Decommission", "--actor", "IRA", "--id", "w", "--status",
                "agreed", "--date", "1998-04-10").code == 0  # fmt: skip
    assert dprk("add-measure", "First act", "--actor", "IRA", "--id", "p1", "--part-of", "w",
                "--status", "implemented", "--date", "2001-10-23").code == 0  # fmt: skip
    assert dprk("add-measure", "Second act", "--actor", "IRA", "--id", "p2", "--part-of", "w",
                "--status", "implemented", "--date", "2002-04-08").code == 0  # fmt: skip


def _w_on(dprk, day: str) -> str:
    out = dprk("status", "--as-of", day, "--format", "json").out
    return next(m["status"] for m in json.loads(out)["measures"] if m["id"] == "w")


def test_verifying_a_part_says_the_stretch_of_the_whole_it_verified(dprk, tmp_path):
    _two_acts(dprk)
    assert _w_on(dprk, "2001-12-31") == "implemented"
    found = dprk("verify", "p1", "--by", "IICD", "--date", "2001-10-23")
    assert (found.code, found.out) == (0, "")
    assert found.err == (
        "p1: confirmed by IICD on 2001-10-23; p1 is verified (part of w, now implemented "
        "from 2002-04-08, in its past now verified from 2001-10-23 to 2002-04-08 (it was "
        "implemented from 2001-10-23))\n"
    )
    # (as every view has it)
    assert _w_on(dprk, "2001-12-31") == "verified"
    assert _w_on(dprk, "2002-04-08") == "implemented"
    shown = dprk("show", "w").out
    assert "2001-10-23  parts    verified" in shown
    assert 'by = "IICD"' in (tmp_path / "dprk-ledger.toml").read_text()


def test_verifying_the_last_part_says_no_past_moved(dprk):
    _two_acts(dprk)
    found = dprk("verify", "p2", "--by", "IICD", "--date", "2002-04-08")
    assert (found.code, found.err) == (
        0,
        "p2: confirmed by IICD on 2002-04-08; p2 is verified (part of w, still implemented)\n",
    )


def _found_after_agreed(dprk) -> None:
    assert dprk("init", "--party", "A", "--party", "B").code == 0
    assert dprk("add-measure", "Step", "--actor", "A", "--id", "s", "--status", "implemented",
                "--date", "2001-01-01").code == 0  # fmt: skip
    assert dprk("mark", "s", "agreed", "--date", "2000-01-01").code == 0
    assert dprk("verify", "s", "--by", "V", "--date", "2001-02-01").code == 0


def test_a_redate_refused_names_the_dates_it_contradicts_and_no_advice_that_cannot_work(
    dprk, tmp_path
):
    """The redated creation, as implemented, would come before the agreement: that is
    the refusal. The finding after the agreement then finds a measure that acted before
    it, and was advised 'record the action first' (the action is the entry redated) or
    'drop the finding (N)': neither mends it, and it is not said."""
    _found_after_agreed(dprk)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    refused = dprk("redate", "s", "2", "1999-01-01")
    assert (refused.code, refused.out) == (1, "")
    assert refused.err == (
        "dprk: error: s: created as implemented on 1999-01-01 comes before agreed on "
        "2000-01-01: a measure that has acted cannot be pending again (mark it reversed if "
        "it was undone); nothing was written\n"
    )
    assert ledger.read_bytes() == before
    # (the agreement, redated before the creation, is the correction that works)
    assert dprk("redate", "s", "1", "1999-01-01").code == 0
    assert dprk("check").code == 0


def test_check_numbers_the_finding_to_drop_for_a_status_set_by_hand(dprk, tmp_path):
    _found_after_agreed(dprk)
    ledger = tmp_path / "dprk-ledger.toml"
    text = ledger.read_text()
    ledger.write_text(text.replace('status = "verified"', 'status = "implemented"', 1))
    checked = dprk("check")
    assert checked.code == 1
    assert checked.out.splitlines()[0] == (
        "error: s: status is 'implemented' but its history gives 'verified'; set status = "
        '"verified" in the file, or, for it to stand implemented, drop the finding since '
        "it last acted ('dprk drop-finding s 3') [status-history]"
    )
    # (the advice followed mends it)
    dropped = dprk("drop-finding", "s", "3")
    assert dropped.code == 0, dropped.err
    assert dprk("check").code == 0
    assert json.loads(dprk("show", "s", "--format", "json").out)["status"] == "implemented"


def test_check_numbers_each_finding_to_drop_last_first(dprk, tmp_path):
    _found_after_agreed(dprk)
    assert dprk("verify", "s", "--by", "W", "--date", "2001-03-01").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    text = ledger.read_text()
    ledger.write_text(text.replace('status = "verified"', 'status = "implemented"', 1))
    checked = dprk("check")
    assert checked.code == 1
    assert checked.out.splitlines()[0] == (
        "error: s: status is 'implemented' but its history gives 'verified'; set status = "
        '"verified" in the file, or, for it to stand implemented, drop the findings since '
        "it last acted ('dprk drop-finding s 4', then 'dprk drop-finding s 3'); more than "
        "one: set the file first, then drop them [status-history]"
    )
    ledger.write_text(text)  # (the file set first, as advised)
    for number in ("4", "3"):
        assert dprk("drop-finding", "s", number).code == 0
    assert json.loads(dprk("show", "s", "--format", "json").out)["status"] == "implemented"
    assert dprk("check").code == 0


def _doha(dprk) -> None:
    """Two measures agreed on 2020-02-29, one carried out the day after: a record rebuilt
    after the fact."""
    assert dprk("init", "--title", "Doha", "--party", "US", "--party", "Taliban").code == 0
    assert dprk("add-measure", "US withdraws all forces", "--actor", "US", "--id", "wd",
                "--status", "agreed", "--date", "2020-02-29").code == 0  # fmt: skip
    assert dprk("add-measure", "Taliban counter-terrorism guarantees", "--actor", "Taliban",
                "--id", "ct", "--status", "agreed", "--date", "2020-02-29").code == 0  # fmt: skip
    assert dprk("mark", "ct", "implemented", "--date", "2020-03-01").code == 0


def test_an_undated_link_or_order_of_measures_made_before_today_says_it_is_from_today(
    dprk, tmp_path
):
    """Linked and ordered without --date, two measures made in 2020 are linked and
    ordered from today: every past view leaves the link out. The line says so, and how
    to make it from the start, as an undated edit of the actor does; the write is made."""
    _doha(dprk)
    ledger = tmp_path / "dprk-ledger.toml"
    linked = dprk("link", "wd", "ct")
    assert (linked.code, linked.out) == (0, "")
    assert linked.err == (
        "wd: in exchange for ct (recorded on both) (from today; to correct it from the "
        "start: 'dprk undo', then 'dprk link wd ct --date 2020-02-29')\n"
    )
    assert f'date = {today()}\nevent = "exchange"' in ledger.read_text()
    ordered = dprk("sequence", "wd", "--after", "ct", "--demanded-by", "US")
    assert (ordered.code, ordered.out) == (0, "")
    assert ordered.err == (
        "wd: after ct, demanded by US (from today; to correct it from the start: 'dprk "
        "undo', then 'dprk sequence wd --after ct --demanded-by US --date 2020-02-29')\n"
    )
    assert f'date = {today()}\nevent = "sequence"' in ledger.read_text()
    # (the advice, followed, gives the past its link and order)
    for args in (["undo"], ["sequence", "wd", "--after", "ct", "--demanded-by", "US",
                            "--date", "2020-02-29"]):  # fmt: skip
        assert dprk(*args).code == 0, args
    assert dprk("undo").code == 0  # (the order's change, then the link's)
    assert dprk("undo").code == 0
    assert dprk("link", "wd", "ct", "--date", "2020-02-29").code == 0
    out = dprk("balance", "--as-of", "2021-05-01", "--format", "csv").out
    owed = [(r["party"], r["measure"], r["since"]) for r in csv.DictReader(io.StringIO(out))]
    assert owed == [("US", "wd", "2020-03-01"), ("Taliban", "ct", "2020-03-01")]


def test_an_undated_link_or_order_is_not_warned_of_when_dated_or_made_today(dprk, tmp_path):
    _doha(dprk)
    linked = dprk("link", "wd", "ct", "--date", "2020-02-29")
    assert linked.err == "wd: in exchange for ct (recorded on both)\n"
    ordered = dprk("sequence", "wd", "--after", "ct", "--date", "2020-03-05")
    assert ordered.err == "wd: after ct\n"
    again = dprk("link", "wd", "ct")  # (already so: nothing new from today)
    assert again.err == "wd: already in exchange for ct; nothing changed\n"
    assert dprk("add-measure", "Talks", "--actor", "US", "--id", "t").code == 0
    assert dprk("add-measure", "Talks too", "--actor", "Taliban", "--id", "u").code == 0
    made_today = dprk("link", "t", "u")
    assert made_today.err == "t: in exchange for u (recorded on both)\n"
    assert dprk("sequence", "t", "--after", "u").err == "t: after u\n"


def test_the_advice_to_date_an_order_keeps_the_verifier_it_names(dprk, tmp_path):
    """An undated order naming a verifier new to the ledger: the advice to make it from
    the start names the verifier and that it is new, and, followed, is taken."""
    _doha(dprk)
    ledger = tmp_path / "dprk-ledger.toml"
    ordered = dprk(
        "sequence", "wd", "--after", "ct", "--require", "verified",
        "--verified-by", "UN Monitoring Team", "--new-verifier", "--demanded-by", "US",
    )  # fmt: skip
    assert (ordered.code, ordered.out) == (0, "")
    advice = (
        "dprk sequence wd --after ct --require verified --demanded-by US --verified-by "
        '"UN Monitoring Team" --new-verifier --date 2020-02-29'
    )
    assert ordered.err.endswith(f"'dprk undo', then '{advice}')\n"), ordered.err
    assert dprk("undo").code == 0
    followed = dprk(*shlex.split(advice)[1:])
    assert (followed.code, followed.err) == (
        0,
        "wd: after ct (verified by UN Monitoring Team), demanded by US\n",
    )
    assert 'verified_by = "UN Monitoring Team"' in ledger.read_text()


def _gaza(dprk) -> None:
    """Hostage batch 5 (h5) exchanged for prisoner batches 5 and 6 from 2025-01-15; h5
    and p5 carried out on 2025-02-08."""
    assert dprk("init", "--title", "T", "--party", "Israel", "--party", "Hamas").code == 0
    assert dprk("add-measure", "Hostage batch 5", "--actor", "Hamas", "--id", "h5",
                "--status", "agreed", "--date", "2025-01-15").code == 0  # fmt: skip
    assert dprk("add-measure", "Prisoner batch 5", "--actor", "Israel", "--id", "p5",
                "--status", "agreed", "--date", "2025-01-15",
                "--in-exchange-for", "h5").code == 0  # fmt: skip
    assert dprk("add-measure", "Prisoner batch 6", "--actor", "Israel", "--id", "p6",
                "--status", "agreed", "--date", "2025-01-15").code == 0  # fmt: skip
    assert dprk("link", "h5", "p6", "--date", "2025-01-15").code == 0
    assert dprk("mark", "h5", "implemented", "--date", "2025-02-08").code == 0
    assert dprk("mark", "p5", "implemented", "--date", "2025-02-08").code == 0


def _owed_on(dprk, day: str) -> list[tuple[str, str, str]]:
    out = dprk("balance", "--as-of", day, "--format", "csv").out
    return [(r["party"], r["measure"], r["counterpart"]) for r in csv.DictReader(io.StringIO(out))]


def _follow(dprk, advice: str) -> None:
    """Run each command the line advises ('dprk undo', then '...')."""
    for command in advice:
        result = dprk(*shlex.split(command)[1:])
        assert result.code == 0, (command, result.err)


def test_an_undated_unlink_of_a_link_of_earlier_days_says_past_views_keep_it(dprk, tmp_path):
    """A link entered by mistake, dropped with an undated unlink, ends today: every view
    of an earlier day keeps it. The line says so, and how to take it back as never
    entered (the entry that made it, by its number) or to end it on its real day; each
    advice, followed, is taken."""
    _gaza(dprk)
    ledger = tmp_path / "dprk-ledger.toml"
    linked = ledger.read_bytes()
    unlinked = dprk("unlink", "h5", "p6")
    assert (unlinked.code, unlinked.out) == (0, "")
    assert unlinked.err == (
        "h5: no longer in exchange for p6 (from today: views of earlier days keep the link; "
        "to take it back as never entered: 'dprk undo', then 'dprk drop-entry h5 3'; to end "
        "it on the day it ended: 'dprk undo', then 'dprk unlink h5 p6 --date YYYY-MM-DD')\n"
    )
    assert f'date = {today()}\nevent = "exchange"' in ledger.read_text()
    assert _owed_on(dprk, "2025-02-10") == [("Israel", "p6", "h5"), ("Hamas", "h5", "p6")]
    # (followed: never entered, no day owes p6)
    _follow(dprk, ["dprk undo", "dprk drop-entry h5 3"])
    assert _owed_on(dprk, "2025-02-10") == []
    shown = json.loads(dprk("show", "h5", "--format", "json").out)
    assert shown["in_exchange_for"] == ["p5"]
    assert [h["detail"] for h in shown["history"] if h["event"] == "exchange"] == [
        "in exchange for p5"
    ]
    assert dprk("undo").code == 0 and ledger.read_bytes() == linked
    # (or ended on its day: the days after it owe nothing)
    _follow(dprk, ["dprk unlink h5 p6 --date 2025-02-01"])
    assert _owed_on(dprk, "2025-02-10") == []
    assert json.loads(dprk("check", "--format", "json").out)["errors"] == 0


def test_an_undated_removal_of_an_order_of_earlier_days_says_past_views_keep_it(dprk, tmp_path):
    """As an undated unlink: an order of earlier days removed without a date ends today.
    The line says so; an order given with the measure, which has no entry of its own,
    is told only how to end it on its day."""
    _gaza(dprk)
    assert dprk("sequence", "p6", "--after", "h5", "--date", "2025-01-16").code == 0
    assert dprk("add-measure", "Prisoner batch 7", "--actor", "Israel", "--id", "p7",
                "--status", "agreed", "--date", "2025-01-15", "--after", "h5").code == 0  # fmt: skip
    ledger = tmp_path / "dprk-ledger.toml"
    ordered = ledger.read_bytes()
    removed = dprk("sequence", "p6", "--remove", "h5")
    assert (removed.code, removed.out) == (0, "")
    assert removed.err == (
        "p6: no longer after h5 (from today: views of earlier days keep the order; to take "
        "it back as never entered: 'dprk undo', then 'dprk drop-entry p6 3'; to end it on "
        "the day it ended: 'dprk undo', then 'dprk sequence p6 --remove h5 --date "
        "YYYY-MM-DD')\n"
    )
    assert "p6" in dprk("next", "--as-of", "2025-01-20").out
    _follow(dprk, ["dprk undo", "dprk drop-entry p6 3"])
    assert (
        "p6"
        not in dprk("next", "--as-of", "2025-01-20", "--format", "json").out.split('"blocked"')[-1]
    )
    assert dprk("undo").code == 0 and ledger.read_bytes() == ordered
    given = dprk("sequence", "p7", "--remove", "h5")
    assert given.err == (
        "p7: no longer after h5 (from today: views of earlier days keep the order; to end it "
        "on the day it ended: 'dprk undo', then 'dprk sequence p7 --remove h5 --date "
        "YYYY-MM-DD')\n"
    )
    _follow(dprk, ["dprk undo", "dprk sequence p7 --remove h5 --date 2025-01-20"])
    assert json.loads(dprk("check", "--format", "json").out)["errors"] == 0


def test_an_unlink_dated_or_of_a_link_made_today_says_nothing_of_past_views(dprk):
    _gaza(dprk)
    assert dprk("unlink", "h5", "p6", "--date", "2025-02-01").err == (
        "h5: no longer in exchange for p6\n"
    )
    assert dprk("add-measure", "Talks", "--actor", "Israel", "--id", "t").code == 0
    assert dprk("link", "t", "h5").code == 0  # (t made today: the link too)
    assert dprk("unlink", "t", "h5").err == "t: no longer in exchange for h5\n"


def _pretoria(dprk) -> None:
    assert dprk("init", "--party", "Ethiopia", "--party", "TPLF").code == 0
    assert dprk("add-measure", "Remove the TPLF from the terrorist list", "--actor",
                "Ethiopia", "--id", "delist", "--status", "implemented", "--date",
                "2023-03-22").code == 0  # fmt: skip
    assert dprk("add-measure", "Hand over heavy weapons", "--actor", "TPLF", "--id", "hw",
                "--status", "agreed", "--date", "2022-11-02").code == 0  # fmt: skip


def test_a_link_before_a_creation_past_the_offer_advises_the_earlier_step_first(dprk, tmp_path):
    """A link (or an order) dated before a measure added as implemented was refused with
    'correct one of the two dates', and the redate it named, followed, moved the
    delisting four months early. The refusal offers first the route that keeps the
    record true, the earlier step, and only then the redate of the creation; the step,
    followed, lets the link and the order in, and the creation stays where it was."""
    _pretoria(dprk)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    for args, kind in (
        (["link", "delist", "hw", "--date", "2022-11-12"], "exchange"),
        (["sequence", "delist", "--after", "hw", "--date", "2022-11-12"], "sequence"),
    ):
        refused = dprk(*args)
        assert (refused.code, refused.out) == (1, "")
        assert refused.err == (
            f"dprk: error: delist: the {kind} entry of 2022-11-12 comes before its creation "
            "on 2023-03-22; if delist was already agreed or proposed by then, record that "
            "step first ('dprk mark delist agreed --date YYYY-MM-DD', a day on or before "
            "2022-11-12); or, if its creation date is wrong, correct it ('dprk log delist' "
            "numbers the entries, 'dprk redate delist N 2022-11-12'); nothing was written\n"
        ), args
        assert ledger.read_bytes() == before
    for args in (
        ["mark", "delist", "agreed", "--date", "2022-11-02"],
        ["link", "delist", "hw", "--date", "2022-11-12"],
        ["sequence", "delist", "--after", "hw", "--date", "2022-11-12"],
    ):
        result = dprk(*args)
        assert result.code == 0, (args, result.err)
    shown = json.loads(dprk("show", "delist", "--format", "json").out)
    assert (shown["status"], shown["in_exchange_for"]) == ("implemented", ["hw"])
    made = next(h for h in shown["history"] if h["event"] == "created")
    assert made["date"] == "2023-03-22"
    assert json.loads(dprk("check", "--format", "json").out)["errors"] == 0


def test_a_bulk_note_of_measures_dated_already_reads_no_link_records(dprk, monkeypatch):
    """A note on many measures, each dated from its creation already, moves no link
    record: no measure's records are compared with the others' (a bulk write of n ids
    did so n x n times), and each line is the note's alone."""
    from dprk_cli import operations

    assert dprk("init", "--party", "A", "--party", "B").code == 0
    ids = [f"m{i}" for i in range(6)]
    for i, ident in enumerate(ids):
        partner = [] if i == 0 else ["--in-exchange-for", ids[i - 1]]
        made = dprk("add-measure", ident.upper(), "--actor", "AB"[i % 2], "--id", ident,
                    "--date", "2019-01-01", *partner)  # fmt: skip
        assert made.code == 0, made.err
    compared: list[str] = []
    real = operations.links_moved
    monkeypatch.setattr(
        operations,
        "links_moved",
        lambda draft, i, *a, **k: compared.append(i) or real(draft, i, *a, **k),
    )
    noted = dprk("note", "-", "bulk", "--date", "2020-01-02", stdin="\n".join(ids) + "\n")
    assert (noted.code, noted.out) == (0, "")
    assert noted.err == "".join(f"{i}: note on 2020-01-02\n" for i in ids)
    assert compared == []


def _reversed_for_a_while(dprk) -> None:
    """p, a part of w, implemented on 1 April 1989, reversed the next day, implemented
    again on 13 May and verified in 1990."""
    assert dprk("init", "--party", "South Africa", "--party", "Cuba").code == 0
    assert dprk("add-measure", "Implement UNSCR 435", "--actor", "South Africa", "--id", "w",
                "--status", "agreed", "--date", "1988-12-22").code == 0  # fmt: skip
    assert dprk("add-measure", "Begin implementation", "--actor", "South Africa", "--id", "p",
                "--part-of", "w", "--status", "agreed", "--date", "1988-12-22").code == 0  # fmt: skip
    for args in (
        ("mark", "p", "implemented", "--date", "1989-04-01"),
        ("mark", "p", "reversed", "--date", "1989-04-02"),
        ("mark", "p", "implemented", "--date", "1989-05-13"),
        ("verify", "p", "--by", "UNTAG", "--date", "1990-03-21"),
    ):
        assert dprk(*args).code == 0, args


def test_a_drop_that_moves_the_past_alone_says_how_it_moved(dprk, tmp_path):
    """The reversal dropped leaves p and w verified as before, and the line said only
    that ('p is verified (part of w, still verified)'): nothing of the weeks in 1989 no
    longer reversed in p's record and w's. It says them, in the words a whole's past
    moved by a redate is said in."""
    _reversed_for_a_while(dprk)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    past = (
        "is verified from 1990-03-21 on; in its past now implemented from 1989-04-02 to "
        "1990-03-21 (it was reversed from 1989-04-02 to 1989-05-13, implemented from "
        "1989-05-13 to 1990-03-21)"
    )
    dropped = dprk("drop-entry", "p", "3")
    assert (dropped.code, dropped.out) == (0, "")
    assert dropped.err == (
        f"p: dropped entry 3 (reversed on 1989-04-02); p {past} (part of w, still verified); "
        f"w {past}\n"
    )
    for ident in ("p", "w"):
        shown = json.loads(dprk("show", ident, "--as-of", "1989-04-15", "--format", "json").out)
        assert shown["status"] == "implemented", ident
    assert dprk("undo").code == 0
    assert ledger.read_bytes() == before


def test_a_drop_that_moves_neither_the_present_nor_the_past_says_nothing_more(dprk):
    _reversed_for_a_while(dprk)
    assert dprk("note", "p", "UNTAG deployed", "--date", "1989-04-01").code == 0
    dropped = dprk("drop-entry", "p", "2")  # (a note comes before its day's steps)
    assert (dropped.code, dropped.err) == (
        0,
        "p: dropped entry 2 (the note entry of 1989-04-01); p is verified (part of w, "
        "still verified)\n",
    )
