"""Fixing the record without a text editor: edit, note, link, unlink, rename, remove,
redate, rename-party, remove-party, edit-ledger, and the rejected status. Every one
writes through the one safe path: a history entry, refusals that change nothing, undo."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import tomllib
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from dprk_cli.clock import today
from tests.cli.test_completion import _complete


def ledger_data(path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def shown(dprk, *ids: str):
    """`dprk show IDS --format json`: one measure's object, or a list of several."""
    return json.loads(dprk("show", *ids, "--format", "json").out)


def clean(dprk) -> None:
    assert json.loads(dprk("check", "--format", "json").out)["errors"] == 0


def refused(dprk, path, *args: str, code: int = 1) -> str:
    before = path.read_bytes()
    result = dprk(*args)
    assert result.code == code, (result.out, result.err)
    assert result.out == "" and result.err.count("\n") == 1, result.err
    assert result.err.startswith("dprk: error: ")
    assert path.read_bytes() == before
    return result.err


def undone(dprk, path, before: bytes) -> None:
    assert dprk("undo").code == 0
    assert path.read_bytes() == before


# --- edit ----------------------------------------------------------------------------------


def test_edit_changes_fields_and_says_so_in_the_history(dprk, korea):
    before = korea.read_bytes()
    result = dprk(
        "edit",
        "punggye-ri-closure",
        "--title",
        "DPRK closes the Punggye-ri test site",
        "--category",
        "nuclear-testing",
        "--deadline",
        "2018-06-01",
        "--add-source",
        "38 North imagery, June 2018",
        "--date",
        "2018-06-02",
    )
    assert result.code == 0, result.err
    assert result.err == (  # (what changed, as the log says it: it said only 'edited')
        "punggye-ri-closure: edited on 2018-06-02 (title: 'DPRK shuts down the Punggye-ri "
        "nuclear test site' -> 'DPRK closes the Punggye-ri test site'; category: "
        "'denuclearization' -> 'nuclear-testing'; deadline: (none) -> '2018-06-01'; source "
        "added: 38 North imagery, June 2018)\n"
    )
    m = shown(dprk, "punggye-ri-closure")
    assert m["title"] == "DPRK closes the Punggye-ri test site"
    assert (m["category"], m["deadline"]) == ("nuclear-testing", "2018-06-01")
    assert m["sources"][-1] == "38 North imagery, June 2018"
    last = next(h for h in m["history"] if h["event"] == "edit")
    assert last["date"] == "2018-06-02"
    assert "title: 'DPRK shuts down the Punggye-ri nuclear test site' ->" in last["detail"]
    assert "source added: 38 North imagery, June 2018" in last["detail"]
    assert m["status"] == "implemented"  # an edit is no change of status
    clean(dprk)
    undone(dprk, korea, before)


def test_a_corrected_title_is_kept_whole_in_the_history(dprk, korea):
    """A title corrected is recorded whole, before and after (it was cut at 60
    characters: the title a measure was known by could not be read back), as the
    confirmation line says it; notes, free text, are recorded by their start."""
    old = "DPRK shuts down the Punggye-ri nuclear test site"
    long = "DPRK shuts down the Punggye-ri nuclear test site and invites foreign reporters"
    assert dprk("edit", "punggye-ri-closure", "--title", long, "--date", "2018-05-24").code == 0
    before = korea.read_bytes()
    longer = long + " to watch the tunnels blown up"
    result = dprk("edit", "punggye-ri-closure", "--title", longer, "--date", "2018-05-25")
    assert result.code == 0, result.err
    said = f"title: '{long}' -> '{longer}'"
    assert result.err == f"punggye-ri-closure: edited on 2018-05-25 ({said})\n"
    history = shown(dprk, "punggye-ri-closure")["history"]
    assert [h["detail"] for h in history if h["event"] == "edit"] == [
        f"title: '{old}' -> '{long}'",
        said,
    ]
    assert f'detail = "{said}"' in korea.read_text(encoding="utf-8")
    notes = "a long note on what the reporters saw at the site, well past sixty characters"
    assert dprk("edit", "punggye-ri-closure", "--notes", notes).code == 0
    last = shown(dprk, "punggye-ri-closure")["history"][-1]["detail"]
    assert last.endswith(f"-> '{notes[:57]}...'")
    clean(dprk)
    assert dprk("undo").code == 0
    undone(dprk, korea, before)


def test_a_title_correction_is_dated_on_or_after_the_one_it_follows(dprk, tmp_path):
    """A title fixed today, then fixed again with an earlier --date: the title in force
    was the one made last, but 'dprk log', in date order, read as if the first fix came
    last, the second changed the title 'from' a value only the first (dated later) set,
    and 'status --as-of' found the words neither fix had on that day. Corrections of a
    field keep the order they were made in: the second is refused, in one line, and
    'redate' refuses to cross two of them; made in order, every view agrees."""
    ledger = tmp_path / "dprk-ledger.toml"
    typo, fixed, final = (
        "Funds moved to restriced accounts in Qatar",
        "Funds moved to restricted accounts in Qatar",
        "Frozen funds moved to restricted accounts in Qatar",
    )
    assert dprk("init", "--party", "US", "--party", "Iran").code == 0
    assert dprk("add-measure", typo, "--actor", "US", "--id", "funds", "--date",
                "2023-08-10").code == 0  # fmt: skip
    assert dprk("edit", "funds", "--title", fixed).code == 0
    day = today().isoformat()
    said = refused(dprk, ledger, "edit", "funds", "--title", final, "--date", "2023-09-18")
    assert said == (
        f"dprk: error: --date: 2023-09-18 is before the last correction of the title ({day}): "
        "the last correction made is the one in force, and is dated on or after the one it "
        "follows; date the edit on or after that day, or leave out --date\n"
    )
    assert dprk("edit", "funds", "--title", final, "--date", day).code == 0
    log = json.loads(dprk("log", "funds", "--format", "json").out)
    assert [e["detail"] for e in log] == [
        "created as proposed",
        f"title: '{typo}' -> '{fixed}'",
        f"title: '{fixed}' -> '{final}'",
    ]
    assert shown(dprk, "funds")["title"] == final

    def found(on: str, words: str) -> list[str]:
        return dprk("status", "--as-of", on, "--search", words, "--format", "ids").lines

    assert found("2023-08-20", "restriced") == ["funds"]
    # (the first fix dated on the first day: every day reads it; the second cannot
    # cross it back)
    said = refused(dprk, ledger, "redate", "funds", "3", "2023-08-20")
    assert said.startswith("dprk: error: funds: entry 3 (the edit entry of ")
    assert said.endswith("; corrections of a field keep the order they were made in\n")
    assert dprk("redate", "funds", "2", "2023-08-10").code == 0
    assert dprk("redate", "funds", "3", "2023-09-18").code == 0
    assert found("2023-08-20", "restricted") == ["funds"]
    assert found("2023-08-20", "frozen") == []
    assert found("2023-09-18", "frozen") == ["funds"]
    refused(dprk, ledger, "redate", "funds", "2", "2023-09-19")
    clean(dprk)


def test_a_view_of_a_past_day_shows_the_words_as_they_stand(dprk, tmp_path):
    """`status --as-of DAY --search WORDS` found a measure by the title it had then and
    listed it by the title it has now, as `show`, `timeline` and `report` do, while the
    guide and `show --help` said that a view of a past day reads the corrected words of
    that day. A correction describes the record: every view shows the words as they
    stand, and a search of a past day alone reads the words of that day."""
    ledger = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--party", "DPRK", "--party", "US").code == 0
    args = ("add-measure", "Old title", "--actor", "DPRK", "--id", "m", "--date", "2007-01-01")
    assert dprk(*args).code == 0
    assert dprk("edit", "m", "--title", "New title", "--date", "2008-01-01").code == 0
    before = ledger.read_bytes()
    then = ("--as-of", "2007-06-01")
    result = dprk("status", *then, "--search", "old", "--format", "csv")
    assert result.code == 0, result.err
    assert [row.split(",")[:3] for row in result.lines[1:]] == [["m", "New title", "DPRK"]]
    assert dprk("status", *then, "--search", "new", "--format", "ids").lines == []
    result = dprk("show", "m", *then, "--format", "json")
    assert (result.code, json.loads(result.out)["title"]) == (0, "New title")
    result = dprk("timeline", "--until", "2007-06-01", "--format", "json")
    assert [e["title"] for e in json.loads(result.out)["events"]] == ["New title"]
    result = dprk("report", *then, "--output", "-")
    assert (result.code, "Old title" in result.out, "New title" in result.out) == (0, False, True)
    helped = " ".join(dprk("show", "--help").out.split())
    assert "(its title, category and notes as they stand today" in helped
    assert ledger.read_bytes() == before


def test_replaced_notes_are_kept_whole_and_a_past_search_reads_them(dprk, tmp_path):
    """Notes replaced by 'edit --notes' were kept in the edit's entry by their first 57
    characters alone: the earlier text was gone from the ledger, and 'status --as-of DAY
    --search WORD' missed a word the notes held that day past the cut. The entry keeps
    the notes before and after in full beside its short words, and the past reads them."""
    ledger = tmp_path / "dprk-ledger.toml"
    first = (
        "Kroc 2019: 3 million ha target; 1.2 million ha entered the fund, little "
        "delivered to beneficiaries"
    )
    assert dprk("init", "--party", "Gov", "--party", "FARC").code == 0
    args = ("--actor", "Gov", "--id", "land", "--date", "2016-11-24", "--status", "agreed")
    assert dprk("add-measure", "Land fund", *args).code == 0
    result = dprk("edit", "land", "--notes", first, "--date", "2019-06-01")
    assert (result.code, result.out) == (0, ""), result.err
    assert result.err == f"land: edited on 2019-06-01 (notes: (none) -> '{first[:57]}...')\n"
    result = dprk("edit", "land", "--notes", "Updated: see UN SG report", "--date", "2022-06-01")
    assert result.code == 0, result.err
    entries = ledger_data(ledger)["measures"][0]["history"]
    assert [(e.get("notes_before"), e.get("notes_after")) for e in entries[1:]] == [
        ("", first),
        (first, "Updated: see UN SG report"),
    ]
    assert entries[2]["detail"] == f"notes: '{first[:57]}...' -> 'Updated: see UN SG report'"

    def found(on: str, words: str) -> list[str]:
        result = dprk("status", "--as-of", on, "--search", words, "--format", "ids")
        assert result.code == 0, result.err
        return result.lines

    assert found("2020-01-01", "beneficiaries") == ["land"]
    assert found("2020-01-01", "little delivered") == ["land"]
    assert found("2019-01-01", "beneficiaries") == []
    assert found("2023-01-01", "beneficiaries") == []
    assert found("2023-01-01", "UN SG") == ["land"]
    # Notes of several lines are kept as written; the entry's words show them on one.
    lines = "Kroc 2021:\n\tland titling slow"
    assert dprk("edit", "land", "--notes", lines, "--date", "2023-06-01").code == 0
    entries = ledger_data(ledger)["measures"][0]["history"]
    assert (entries[3]["notes_before"], entries[3]["notes_after"]) == (
        "Updated: see UN SG report",
        lines,
    )
    assert found("2023-07-01", "titling") == ["land"]
    assert dprk("edit", "land", "--notes", "Short", "--date", "2023-08-01").code == 0
    assert ledger_data(ledger)["measures"][0]["history"][4]["notes_before"] == lines
    # Short notes on one line are shown whole in the words: nothing kept beside them.
    assert dprk("edit", "land", "--notes", "Shorter", "--date", "2023-09-01").code == 0
    assert "notes_after" not in ledger_data(ledger)["measures"][0]["history"][5]
    assert found("2023-07-01", "titling") == ["land"]
    assert found("2023-08-15", "short") == ["land"]
    clean(dprk)
    assert dprk("undo").code == 0 and dprk("check").code == 0


def test_a_past_search_reads_an_old_entry_that_cut_the_notes_by_their_start(dprk, tmp_path):
    """A ledger an earlier dprk wrote keeps notes replaced by their start alone: a
    search of a past day still reads that start, as before."""
    ledger = tmp_path / "dprk-ledger.toml"
    start = "Kroc 2019: 3 million ha target; 1.2 million ha entered th"
    ledger.write_text(
        f"""schema = 1
title = "Untitled negotiation"
parties = [
    "Gov",
    "FARC",
]

[[measures]]
id = "land"
title = "Land fund"
actor = "Gov"
status = "agreed"
notes = "Updated: see UN SG report"

[[measures.history]]
date = 2016-11-24
event = "created"
status = "agreed"
detail = "created as agreed"
recorded = 2026-12-01 09:00:00+00:00

[[measures.history]]
date = 2019-06-01
event = "edit"
detail = "notes: (none) -> '{start}...'"
recorded = 2026-12-01 09:01:00+00:00

[[measures.history]]
date = 2022-06-01
event = "edit"
detail = "notes: '{start}...' -> 'Updated: see UN SG report'"
recorded = 2026-12-01 09:02:00+00:00
""",
        encoding="utf-8",
    )
    before = ledger.read_bytes()
    result = dprk("status", "--as-of", "2020-01-01", "--search", "entered th", "--format", "ids")
    assert (result.code, result.lines) == (0, ["land"]), result.err
    result = dprk("status", "--as-of", "2020-01-01", "--search", "report", "--format", "ids")
    assert (result.code, result.lines) == (0, []), result.err
    assert ledger.read_bytes() == before


def test_check_warns_of_a_title_correction_recorded_out_of_order(dprk, tmp_path):
    """A title fixed today, then again with --date 2023-09-18, by a dprk that did not keep
    corrections in the order they were made (or by a hand edit): 'dprk log', read by
    date, ends with the first fix, not the title in force. 'check' warns of it, with the
    redate that puts it in order (`changes.correction_crossed`, the rule 'edit' keeps);
    followed, 'check' is clean."""
    ledger = tmp_path / "dprk-ledger.toml"
    ledger.write_text(
        """schema = 1
title = "Untitled negotiation"
parties = [
    "US",
    "Iran",
]

[[measures]]
id = "funds"
title = "Frozen funds moved"
actor = "US"
status = "proposed"

[[measures.history]]
date = 2023-08-10
event = "created"
status = "proposed"
detail = "created as proposed"
recorded = 2026-12-01 09:00:00+00:00

[[measures.history]]
date = 2023-09-18
event = "edit"
detail = "title: 'Funds moved to restricted accounts' -> 'Frozen funds moved'"
recorded = 2026-12-01 09:02:00+00:00

[[measures.history]]
date = 2026-12-01
event = "edit"
detail = "title: 'Funds moved to restriced accounts' -> 'Funds moved to restricted accounts'"
recorded = 2026-12-01 09:01:00+00:00
""",
        encoding="utf-8",
    )
    before = ledger.read_bytes()
    result = dprk("check")
    assert result.code == 0, result.err
    assert result.out == (
        "warning: funds: entry 2 (title: 'Funds moved to restricted accounts' -> 'Frozen "
        "funds moved'), dated 2023-09-18, was recorded after a correction of its title "
        "dated 2026-12-01: 'dprk log', read by date, and every view of a past day "
        "(--as-of) read them out of the order they were made in, the last made in force; "
        "date it on or after that day ('dprk redate funds 2 2026-12-01') "
        "[corrections-out-of-order]\n0 errors, 1 warning\n"
    )
    assert dprk("check", "--strict").code == 1
    assert ledger.read_bytes() == before
    assert dprk("redate", "funds", "2", "2026-12-01").code == 0
    log = json.loads(dprk("log", "funds", "--format", "json").out)
    assert [e["detail"] for e in log][1:3] == [
        "title: 'Funds moved to restriced accounts' -> 'Funds moved to restricted accounts'",
        "title: 'Funds moved to restricted accounts' -> 'Frozen funds moved'",
    ]
    result = dprk("check")
    assert (result.code, result.out) == (0, "ok: no problems found\n")
    assert dprk("check", "--strict").code == 0


def test_edit_actor_notes_and_sources(dprk, korea):
    assert dprk("edit", "second-summit", "--actor", "DPRK", "--notes", "Both sides").code == 0
    assert dprk("edit", "second-summit", "--no-deadline").code == 0  # none to drop: no change
    source = shown(dprk, "second-summit")["sources"][0]
    assert dprk("edit", "second-summit", "--remove-source", source).code == 0
    m = shown(dprk, "second-summit")
    assert (m["actor"], m["notes"]) == ("DPRK", "Both sides") and source not in m["sources"]


def _alike(ident: str, twin: str) -> str:
    """The warning of a measure an edit made alike to `twin`."""
    return (
        f"dprk: warning: {ident}: '{twin}' has the same title and actor; if it is the same "
        f"measure, keep the one that holds more ('dprk show {twin} {ident}' compares them) and "
        f"remove the other ('dprk remove ID'), else tell them apart ('dprk edit {ident} --title "
        "TEXT')\n"
    )


def test_an_edit_that_makes_a_measure_alike_another_is_warned_of(dprk, empty):
    """'add-measure' and 'import' warn of a measure with the title and actor of one on
    record (check's measures-alike), but an edit of a title or an actor that made one so
    said nothing. It warns the same way, whatever the ids, once for each measure it made
    alike (two edited alike in one change too), and not for an edit that leaves the title
    and actor as they read."""
    for ident, title, actor in (
        ("a", "Close the test site", "DPRK"),
        ("b", "Close the site", "DPRK"),
        ("c", "Close the test site", "US"),
        ("d", "Freeze", "DPRK"),
        ("e", "Halt", "DPRK"),
    ):
        assert dprk("add-measure", title, "--actor", actor, "--id", ident).code == 0
    titled = dprk("edit", "b", "--title", "close the  TEST site")
    assert (titled.code, titled.out) == (0, "")
    assert titled.err.endswith(_alike("b", "a")), titled.err
    assert "[measures-alike]" in dprk("check").out
    handed = dprk("edit", "c", "--actor", "DPRK")
    assert handed.code == 0
    assert handed.err.endswith(_alike("c", "a")), handed.err
    both = dprk("edit", "d", "e", "--title", "Stop")
    assert both.code == 0
    assert both.err.endswith(_alike("e", "d")) and both.err.count("warning") == 1, both.err
    for args in (
        ["edit", "b", "--notes", "the same measure as a"],
        ["edit", "b", "--title", "Close the test  site"],  # (reads as it did)
        ["edit", "b", "--title", "Close the test site, again"],
    ):
        quiet = dprk(*args)
        assert (quiet.code, "warning" in quiet.err) == (0, False), (args, quiet.err)
    told = dprk("edit", "e", "--title", "Stop, at once")  # (the advice works)
    assert (told.code, "warning" in told.err) == (0, False)


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["edit", "second-summit", "--actor", "Japan"], 1, "'Japan' is not a declared party"),
        (["edit", "second-summit", "--actor", "USA"], 1, "did you mean US?"),
        (["edit", "second-summit"], 2, "nothing to change"),
        (["edit", "nowhere", "--title", "X"], 1, "no measure with id 'nowhere'"),
        (["edit", "second-summit", "--deadline", "soon"], 2, "--deadline: 'soon' is not a date"),
        (["edit", "second-summit", "--deadline", "2019-01-01", "--no-deadline"], 2, "not both"),
        (  # ('none', as resolve takes it, said only what was expected)
            ["edit", "second-summit", "--deadline", "none"],
            2,
            "--deadline: 'none' is not a date; use YYYY-MM-DD, or --no-deadline to drop the "
            "deadline",
        ),
        (["edit", "second-summit", "--remove-source", "nope"], 1, "has no source 'nope'"),
        (  # (it said the measure had no source 'A')
            ["edit", "second-summit", "--add-source", "A", "--remove-source", "A"],
            2,
            "source 'A' is given to both --add-source and --remove-source",
        ),
        (["edit", "second-summit", "--title", "a\x07b"], 2, "control character"),
        (["edit", "second-summit", "--part-of", "second-summit"], 1, "part of itself"),
        (  # (as --deadline none points to --no-deadline: it said no more than the id)
            ["edit", "second-summit", "--part-of", "none"],
            1,
            "--part-of: no measure with id 'none'; give a measure's id ('dprk status --format "
            "ids' lists them), or --no-part-of to make it a measure of its own",
        ),
        (["edit", "second-summit", "--title", "X", "--date", "2099-01-01"], 2, "after today"),
    ],
)
def test_edit_refusals_change_nothing(dprk, korea, args, code, words):
    assert words in refused(dprk, korea, *args, code=code)


def test_edit_part_of_none_points_to_no_part_of_which_works(dprk, empty):
    """`--part-of none` said only "no measure with id 'none'", where `--deadline none`
    points to `--no-deadline`: it points to `--no-part-of`, which, followed, makes the
    part a measure of its own. A measure whose id is 'none' is still taken."""
    for args in (
        ["add-measure", "W", "--actor", "DPRK", "--id", "w", "--date", "2020-01-01"],
        ["add-measure", "P", "--actor", "DPRK", "--id", "p", "--part-of", "w", "--date",
         "2020-01-01"],
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    err = refused(dprk, empty, "edit", "p", "--part-of", "None", "--date", "2020-02-01")
    assert err == (
        "dprk: error: --part-of: no measure with id 'None'; give a measure's id ('dprk status "
        "--format ids' lists them), or --no-part-of to make it a measure of its own\n"
    )
    followed = dprk("edit", "p", "--no-part-of", "--date", "2020-02-01")
    assert followed.code == 0, followed.err
    assert shown(dprk, "p")["part_of"] is None
    assert dprk("add-measure", "N", "--actor", "DPRK", "--id", "none", "--date",
                "2020-01-01").code == 0  # fmt: skip
    assert dprk("edit", "p", "--part-of", "none", "--date", "2020-03-01").code == 0
    assert shown(dprk, "p")["part_of"] == "none"
    clean(dprk)


# --- note -----------------------------------------------------------------------------------


def test_note_adds_a_dated_note_and_source_without_a_status_change(dprk, korea):
    before = korea.read_bytes()
    result = dprk(
        "note",
        "punggye-ri-closure",
        "Portal 3 seen intact",
        "--date",
        "2018-06-01",
        "--source",
        "38 North",
    )
    assert result.code == 0 and result.err == "punggye-ri-closure: note on 2018-06-01\n"
    m = shown(dprk, "punggye-ri-closure")
    assert m["status"] == "implemented" and m["status_date"] == "2018-05-24"
    assert m["sources"][-1] == "38 North"
    log = dprk("log", "punggye-ri-closure").out
    assert "Portal 3 seen intact" in log
    events = json.loads(dprk("timeline", "--format", "json").out)["events"]
    assert any(e["event"] == "note" and e["note"] == "Portal 3 seen intact" for e in events)
    assert "Portal 3 seen intact" in dprk("show", "punggye-ri-closure").out
    undone(dprk, korea, before)


def test_note_before_the_measure_existed_is_refused(dprk, korea):
    err = refused(dprk, korea, "note", "second-summit", "early", "--date", "2017-01-01")
    assert "comes before its creation on 2018-09-10" in err


# --- link and unlink --------------------------------------------------------------------------


def test_link_and_unlink_keep_both_sides(dprk, korea):
    before = korea.read_bytes()
    assert dprk("link", "second-summit", "missile-parade-restraint").code == 0
    a, b = shown(dprk, "second-summit", "missile-parade-restraint")
    assert a["in_exchange_for"] == ["missile-parade-restraint"]
    assert b["in_exchange_for"] == ["second-summit"]
    again = dprk("link", "missile-parade-restraint", "second-summit")
    assert again.code == 0 and "already in exchange" in again.err
    assert dprk("unlink", "missile-parade-restraint", "second-summit").code == 0
    a, b = shown(dprk, "second-summit", "missile-parade-restraint")
    assert a["in_exchange_for"] == [] and b["in_exchange_for"] == []
    clean(dprk)
    assert dprk("undo").code == 0 and dprk("undo").code == 0
    assert korea.read_bytes() == before


def test_link_refusals(dprk, korea):
    assert "itself" in refused(dprk, korea, "link", "second-summit", "second-summit")
    assert "no measure with id" in refused(dprk, korea, "link", "second-summit", "ghost")
    err = refused(dprk, korea, "unlink", "second-summit", "test-moratorium")
    assert "are not exchanged for each other" in err


# --- rename ------------------------------------------------------------------------------------


def test_rename_rewrites_every_reference(dprk, korea):
    before = korea.read_bytes()
    result = dprk("rename", "inventory-submission", "nuclear-inventory")
    assert result.code == 0, result.err
    assert result.err.startswith("inventory-submission: renamed nuclear-inventory")
    text = korea.read_text(encoding="utf-8")
    assert text.count("inventory-submission") == 1  # in "renamed from inventory-submission"
    war = shown(dprk, "end-of-war-declaration")
    assert war["in_exchange_for"] == ["nuclear-inventory", "punggye-ri-closure", "test-moratorium"]
    assert war["after"] == ["nuclear-inventory"]
    assert shown(dprk, "nuclear-inventory")["history"][-1]["detail"] == (
        "renamed from inventory-submission"
    )
    assert "nuclear-inventory waits for end-of-war-declaration" in dprk("plan").out
    clean(dprk)
    undone(dprk, korea, before)


def test_an_assumed_id_a_rename_gave_up_is_answered_with_the_id_it_has_now(dprk, korea):
    """'--assume OLD=STATUS' after 'dprk rename OLD NEW' was answered 'no measure with id
    OLD' with no word of NEW, where every other command says 'it was renamed NEW; give
    NEW': it is answered so, and the id given as advised is assumed."""
    assert dprk("rename", "inventory-submission", "inventory").code == 0
    before = korea.read_bytes()
    for command in ("status", "plan", "balance", "next"):
        result = dprk(command, "--assume", "inventory-submission=implemented")
        assert (result.code, result.out, result.err) == (
            1,
            "",
            "dprk: error: --assume: no measure with id 'inventory-submission': it was renamed "
            "inventory; give inventory\n",
        ), command
        assert korea.read_bytes() == before
    followed = dprk("status", "--assume", "inventory=implemented", "--format", "json")
    assert followed.code == 0, followed.err
    (m,) = [m for m in json.loads(followed.out)["measures"] if m["id"] == "inventory"]
    assert m["status"] == "implemented"
    assert korea.read_bytes() == before


def test_an_id_a_rename_gave_up_is_answered_with_the_id_it_has_now(dprk, korea):
    """After 'dprk rename OLD NEW', OLD was answered 'no measure with id OLD; dprk status
    --format ids lists them', where a party's former name is answered with its name now:
    every command that resolves ids names the measure's id now, through each rename."""
    assert dprk("rename", "inventory-submission", "nuclear-inventory").code == 0
    assert dprk("rename", "nuclear-inventory", "inventory").code == 0
    before = korea.read_bytes()
    said = (
        "dprk: error: no measure with id 'inventory-submission': it was renamed inventory; "
        "give inventory\n"
    )
    for args in (
        ["show", "inventory-submission"],
        ["log", "inventory-submission"],
        ["mark", "inventory-submission", "agreed"],
        ["edit", "inventory-submission", "--title", "Inventory"],
    ):
        result = dprk(*args)
        assert (result.code, result.out, result.err) == (1, "", said), args
        assert korea.read_bytes() == before
    several = dprk("mark", "nuclear-inventory", "test-moratorium", "no-such-id", "agreed")
    assert (several.code, several.out) == (1, "")
    assert several.err == (
        "dprk: error: no measures with ids 'nuclear-inventory' (renamed inventory), "
        "'no-such-id'; 'dprk status --format ids' lists them\n"
    )
    assert korea.read_bytes() == before
    assert dprk("show", "inventory").code == 0


def test_rename_names_the_measure_anew_where_its_history_names_measures_only(dprk, empty):
    """A measure whose id is a word ('to'): renamed, its log read "title: 'To' -> 'Go
    tox'" and "redated tox 2018-02-05"; its title and notes are the analyst's words."""
    for ident in ("to", "w"):
        assert dprk("add-measure", ident.title(), "--actor", "US", "--id", ident,
                    "--date", "2018-01-01").code == 0  # fmt: skip
    assert dprk("mark", "to", "implemented", "--date", "2018-02-01").code == 0
    assert dprk("redate", "to", "2", "2018-02-05").code == 0
    assert dprk("edit", "to", "--title", "Go to", "--date", "2018-02-07").code == 0
    assert dprk("note", "to", "Up to now", "--date", "2018-02-08").code == 0
    assert dprk("sequence", "w", "--after", "to", "--date", "2018-02-09").code == 0
    assert dprk("edit", "w", "--part-of", "to", "--date", "2018-02-10").code == 0
    assert dprk("rename", "to", "tox").code == 0
    log = [e["detail"] for e in json.loads(dprk("log", "tox", "--format", "json").out)]
    assert "title: 'To' -> 'Go to'" in log
    assert "implemented on 2018-02-01 redated to 2018-02-05" in log
    notes = [e["note"] for e in json.loads(dprk("log", "tox", "--format", "json").out)]
    assert "Up to now" in notes
    w = [e["detail"] for e in json.loads(dprk("log", "w", "--format", "json").out)]
    assert w[1:] == ["after tox", "part_of: (none) -> 'tox'"]
    clean(dprk)


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["rename", "inventory-submission", "second-summit"], 1, "already exists"),
        (["rename", "inventory-submission", "bad id"], 2, "not a valid id"),
        (["rename", "ghost", "x"], 1, "no measure with id 'ghost'"),
        (["rename", "second-summit", "second-summit"], 1, "has the id 'second-summit' already"),
    ],
)
def test_rename_refusals(dprk, korea, args, code, words):
    assert words in refused(dprk, korea, *args, code=code)


def test_a_rename_dated_back_moves_an_undated_creation_back_as_any_event_does(dprk, empty):
    """A measure added without a date is dated by its earliest event: a note, an edit or an
    order dated back moved it, while a rename dated back was refused as 'before it was
    created (today)', unless an earlier event had been typed first."""
    ok = dprk("add-measure", "Return remains", "--actor", "DPRK", "--id", "remains")
    assert ok.code == 0, ok.err
    before = empty.read_bytes()
    renamed = dprk("rename", "remains", "m8", "--date", "2018-09-25")
    assert (renamed.code, renamed.err) == (0, "remains: renamed m8\n")
    marked = dprk("mark", "m8", "implemented", "--date", "2018-07-27")
    assert marked.code == 0, marked.err
    history = shown(dprk, "m8")["history"]
    assert [(h["date"], h["event"]) for h in history] == [
        ("2018-07-27", "created"),
        ("2018-07-27", "status"),
        ("2018-09-25", "rename"),
    ]
    clean(dprk)
    assert dprk("undo").code == 0 and dprk("undo").code == 0
    assert empty.read_bytes() == before


def test_a_rename_before_an_undated_measure_s_first_day_is_refused_as_for_a_dated_one(dprk, empty):
    """A measure added without a date is dated by its earliest event; a rename dated
    before that day was accepted (a correction dates nothing), leaving the rename before
    the measure existed in its log, while the same rename of a measure added with that
    date was refused. It is refused so for both, as is a redate of the rename there."""
    for args in (
        ["add-measure", "Dated", "--actor", "DPRK", "--id", "dated", "--date", "2018-06-01"],
        ["add-measure", "Undated", "--actor", "DPRK", "--id", "undated"],
        ["mark", "undated", "agreed", "--date", "2018-06-01"],
    ):
        assert dprk(*args).code == 0, args
    dated = refused(dprk, empty, "rename", "dated", "d2", "--date", "2018-05-01")
    assert dated == (
        "dprk: error: --date: 2018-05-01 is before 'dated' was created (2018-06-01); date the "
        "rename on or after that day\n"
    )
    undated = refused(dprk, empty, "rename", "undated", "u2", "--date", "2018-05-01")
    assert undated == (
        "dprk: error: --date: 2018-05-01 is before 'undated' was created (2018-06-01, the day "
        "of its earliest event); date the rename on or after that day\n"
    )
    before = empty.read_bytes()
    renamed = dprk("rename", "undated", "u2", "--date", "2018-06-01")
    assert (renamed.code, renamed.err) == (0, "undated: renamed u2\n")
    log = json.loads(dprk("log", "u2", "--format", "json").out)
    assert [(e["date"], e["event"]) for e in log] == [
        ("2018-06-01", "created"),
        ("2018-06-01", "rename"),
        ("2018-06-01", "status"),
    ]
    number = next(str(e["n"]) for e in log if e["event"] == "rename")
    err = refused(dprk, empty, "redate", "u2", number, "2018-05-01")
    assert err == (
        "dprk: error: u2: the rename entry would be dated 2018-05-01, before 'u2' was created "
        "(2018-06-01); a correction is dated on or after that day\n"
    )
    clean(dprk)
    undone(dprk, empty, before)


def test_an_undated_measure_whose_events_are_dropped_is_dated_as_one_renamed_with_none(dprk, empty):
    """A rename dated back on a measure added without a date and with no event waits: it is
    dated the day it was added until an event dates it. The same rename left alone by a
    drop-entry of the measure's only event dated the measure from the rename instead, so
    that two measures with the same history had different first days (`status --as-of`
    listed one). Both are dated the day they were added, the rename waiting, and the drop
    says so."""
    added = today().isoformat()
    for args in (  # (titled by their first ids, so that no check takes them for one)
        ["add-measure", "a", "--actor", "US", "--id", "a"],
        ["rename", "a", "a2", "--date", "2020-02-01"],
        ["add-measure", "b", "--actor", "US", "--id", "b"],
        ["mark", "b", "agreed", "--date", "2020-01-01"],
        ["rename", "b", "b2", "--date", "2020-02-01"],
    ):
        assert dprk(*args).code == 0, args
    dropped = dprk("drop-entry", "b2", "2")
    assert (dropped.code, dropped.out, dropped.err) == (
        0,
        "",
        f"b2: dropped entry 2 (agreed on 2020-01-01; b2 is now dated from {added}, the day it "
        f"was added); b2 is now proposed (since {added}; it was agreed since 2020-01-01)\n",
    )
    log = json.loads(dprk("log", "a2", "b2", "--format", "json").out)
    for ident in ("a2", "b2"):
        assert [(e["n"], e["date"], e["event"]) for e in log if e["id"] == ident][:2] == [
            (1, "2020-02-01", "rename"),
            (2, added, "created"),
        ], ident
    assert dprk("status", "--as-of", "2020-06-01", "--format", "ids").out == ""
    assert dprk("status", "--format", "ids").out == "a2\nb2\n"
    checked = dprk("check")
    assert (checked.code, checked.out) == (0, "ok: no problems found\n")

    def block(ident: str) -> str:  # (its ids and the times entries were recorded aside)
        text = next(b for b in empty.read_text("utf-8").split("[[measures]]") if f'"{ident}2"' in b)
        text = re.sub(r"recorded = .*", "recorded = T", text)
        return re.sub(
            rf'"{ident}2"|"{ident}"|from {ident}"', lambda f: f[0].replace(ident, "x"), text
        )

    drop = (  # (b2's one entry more: the drop's own record)
        f'[[measures.history]]\ndate = {added}\nevent = "correction"\n'
        'detail = "agreed on 2020-01-01 dropped: entered by mistake"\nrecorded = T\n'
    )
    assert block("b") == block("a").rstrip("\n") + "\n\n" + drop


# --- remove -------------------------------------------------------------------------------------


def test_remove_is_refused_while_referred_to_and_force_drops_the_references(dprk, korea):
    before = korea.read_bytes()
    err = refused(dprk, korea, "remove", "end-of-war-declaration")
    assert "referred to by inventory-submission" in err and "--force" in err
    result = dprk("remove", "end-of-war-declaration", "--force")
    assert result.code == 0
    assert result.err == (
        "end-of-war-declaration: removed (references dropped from inventory-submission, "
        "punggye-ri-closure, test-moratorium)\n"
        "dprk: warning: deadlock: inventory-submission waits for end-of-war-declaration "
        "(demanded by DPRK); end-of-war-declaration waits for inventory-submission (demanded "
        "by US); with this change it never stood (it was recorded as standing from "
        "2018-07-07)\n"
    )
    inv = shown(dprk, "inventory-submission")
    assert inv["in_exchange_for"] == [] and inv["after"] == []
    assert "end-of-war-declaration removed" in inv["history"][-1]["detail"]
    clean(dprk)
    undone(dprk, korea, before)


def test_remove_s_refusal_advises_the_command_given_with_force(dprk, korea):
    """The refusal advised 'dprk remove --force', which, pasted, was a usage error (no id);
    given the ids and the date, it dropped the date: pasted, the references were dropped
    today. It advises the command as given, with --force; followed, it works so."""
    err = refused(dprk, korea, "remove", "test-moratorium", "--date", "2018-09-01")
    advised = "'dprk remove test-moratorium --date 2018-09-01 --force'"
    assert advised in err
    result = dprk(*advised.strip("'").split()[1:])
    assert result.code == 0, result.err
    history = shown(dprk, "end-of-war-declaration")["history"]
    assert (history[-1]["date"], history[-1]["detail"]) == (
        "2018-09-01",
        "test-moratorium removed: no longer in exchange for test-moratorium",
    )


def test_measures_that_refer_only_to_each_other_are_removed_together(dprk, empty):
    for ident in ("a", "b", "c"):
        assert dprk("add-measure", ident, "--id", ident, "--actor", "US",
                    "--date", "2018-01-01").code == 0  # fmt: skip
    assert dprk("link", "a", "b").code == 0
    assert dprk("sequence", "b", "--after", "a").code == 0
    before = empty.read_bytes()
    refused(dprk, empty, "remove", "a")  # (b, which stays, refers to it)
    result = dprk("remove", "a", "b")
    assert (result.code, result.err) == (0, "a: removed\nb: removed\n")
    assert dprk("status", "--format", "ids").lines == ["c"]
    clean(dprk)
    undone(dprk, empty, before)


def test_remove_a_measure_entered_by_mistake(dprk, korea):
    ident = dprk("add-measure", "Typo", "--actor", "US").out.strip()
    before_remove = korea.read_bytes()
    assert dprk("remove", ident).code == 0
    assert ident not in dprk("status", "--format", "ids").out.split()
    undone(dprk, korea, before_remove)


@pytest.mark.parametrize("past", ["link", "order", "part"])
def test_the_id_of_a_removed_measure_the_history_of_others_names_is_not_given_again(
    dprk, empty, past
):
    """m was exchanged for n (or waited for it, or was a part of it) in February only;
    n was then removed. A new measure given the id n would take on that past: as of
    15 February, m was exchanged for it, and the balance counted it."""
    for ident, actor in (("m", "DPRK"), ("n", "US"), ("o", "US")):
        assert dprk("add-measure", ident.upper(), "--actor", actor, "--id", ident,
                    "--date", "2019-01-01").code == 0  # fmt: skip
    made, ended = {
        "link": (["link", "m", "n"], ["unlink", "m", "n"]),
        "order": (["sequence", "m", "--after", "n"], ["sequence", "m", "--remove", "n"]),
        "part": (["edit", "m", "--part-of", "n"], ["edit", "m", "--no-part-of"]),
    }[past]
    assert dprk(*made, "--date", "2019-02-01").code == 0
    assert dprk(*ended, "--date", "2019-03-01").code == 0
    assert dprk("remove", "n").code == 0
    # (a removal that dropped no reference records none: not told from one not taken in)
    said = (
        "'n' is the id of a measure not in this ledger (removed, or not taken in yet), "
        "named in the history of 1 "
    )
    err = refused(dprk, empty, "add-measure", "New", "--actor", "US", "--id", "n",
                  "--date", "2019-01-01")  # fmt: skip
    assert err.startswith(f"dprk: error: --id: {said}measure (m)")
    assert refused(dprk, empty, "rename", "o", "n").startswith(f"dprk: error: NEW_ID: {said}")
    # A title that makes the id takes the next one free.
    result = dprk("add-measure", "N", "--actor", "US", "--date", "2019-01-01")
    assert (result.code, result.out) == (0, "n-2\n")
    balance = json.loads(dprk("balance", "--as-of", "2019-02-15", "--format", "json").out)
    assert balance["parties"]["US"] == balance["parties"]["DPRK"] == {"owed": [], "owes": []}
    clean(dprk)


@pytest.mark.parametrize("drop", [["drop-entry", "x", "2"], ["redate", "x", "2", "TODAY"]])
def test_an_undated_measure_whose_events_are_gone_is_dated_as_it_was_added(dprk, empty, drop):
    """Added without a date, it takes the day of its earliest event: with its only event
    dropped it kept that event's day (2018), where added alone it has the day it was
    added; an event moved later takes it along."""
    assert dprk("add-measure", "X", "--actor", "DPRK", "--id", "x").code == 0
    added = shown(dprk, "x")["history"][0]["date"]
    assert dprk("mark", "x", "implemented", "--date", "2018-05-24").code == 0
    assert shown(dprk, "x")["history"][0]["date"] == "2018-05-24"
    result = dprk(*[str(today()) if a == "TODAY" else a for a in drop])
    assert result.code == 0, result.err
    creation = shown(dprk, "x")["history"][0]
    assert (creation["event"], creation["date"]) == (
        "created",
        added if drop[0] == "drop-entry" else str(today()),
    )
    clean(dprk)


def test_drop_entry_takes_back_a_step_or_a_note_entered_by_mistake(dprk, korea):
    """A step or a note recorded on the wrong measure, found after other changes (undo
    takes back the last change only): only a hand edit could take it out."""
    assert dprk("mark", "second-summit", "agreed", "--date", "2018-10-01").code == 0
    assert dprk("note", "second-summit", "wrong", "--date", "2018-10-02").code == 0
    assert dprk("mark", "inventory-submission", "agreed", "--date", "2018-10-03").code == 0
    noted = dprk("drop-entry", "second-summit", "3")
    assert (noted.code, noted.out) == (0, "")
    assert noted.err == (
        "second-summit: dropped entry 3 (the note entry of 2018-10-02); second-summit is agreed\n"
    )
    stepped = dprk("drop-entry", "second-summit", "2", "--note", "was the other summit")
    assert stepped.err == (
        "second-summit: dropped entry 2 (agreed on 2018-10-01); second-summit is now proposed "
        "(since 2018-09-10; it was agreed since 2018-10-01)\n"
    )
    log = json.loads(dprk("log", "second-summit", "--format", "json").out)
    assert [(e["event"], e["detail"]) for e in log] == [
        ("created", ""),
        ("correction", "the note entry of 2018-10-02 dropped: entered by mistake"),
        ("correction", "agreed on 2018-10-01 dropped: was the other summit"),
    ]
    assert log[-1]["note"] == ""  # (the note is the correction's words)
    assert json.loads(dprk("show", "second-summit", "-f", "json").out)["status"] == "proposed"
    clean(dprk)
    assert dprk("undo").code == 0
    assert json.loads(dprk("show", "second-summit", "-f", "json").out)["status"] == "agreed"
    # what its own command corrects, and a step a finding stands on, are refused (a link
    # is dropped since: see the test of a link entered by mistake)
    before = korea.read_bytes()
    for args, said in (
        (("second-summit", "1"), "it records the measure itself: 'dprk remove second-summit'"),
    ):
        refused = dprk("drop-entry", *args)
        assert (refused.code, refused.out) == (1, "")
        assert refused.err.endswith(said + "\n"), refused.err
        assert korea.read_bytes() == before
    # (the end of an order was told to end an order, and a hand-over, an event of the
    # talks, was called a correction of the record)
    for args in (
        ("sequence", "second-summit", "--after", "punggye-ri-closure", "--date", "2018-10-02"),
        ("sequence", "second-summit", "--remove", "punggye-ri-closure", "--date", "2018-10-03"),
        ("edit", "second-summit", "--actor", "DPRK", "--date", "2018-10-04"),
    ):
        assert dprk(*args).code == 0
    before = korea.read_bytes()
    # (a hand-over is taken back since: see the test of an edit entered by mistake)
    handed = dprk("drop-entry", "second-summit", "5")
    assert handed.code == 0 and "; its actor is now " in handed.err, handed.err
    undone(dprk, korea, before)
    # (the end of an order is dropped since, the last of its order first: see the test of
    # an order entered by mistake)
    ended = dprk("drop-entry", "second-summit", "4")
    assert (ended.code, ended.err) == (
        0,
        "second-summit: dropped entry 4 (the sequence entry of 2018-10-03; second-summit is "
        "now after punggye-ri-closure); second-summit is agreed\n",
    )
    assert dprk("verify", "remains-repatriation", "--by", "UNC", "--date", "2018-08-01").code == 0
    before = korea.read_bytes()
    refused = dprk("drop-entry", "remains-repatriation", "2")
    # (named since as the action the finding found, with the finding to drop first: the
    # rules' words, 'a finding on a measure that has not acted', advised recording it)
    assert (
        refused.code == 1
        and (
            "is the action that entry 3 (confirmed by UNC on 2018-08-01) found; drop the "
            "finding first ('dprk drop-finding remains-repatriation 3')"
        )
        in refused.err
    )
    assert korea.read_bytes() == before
    dropped = dprk("drop-entry", "remains-repatriation", "3")  # (a finding, as drop-finding)
    assert dropped.code == 0 and (
        "remains-repatriation is now implemented (since 2018-07-27; it was verified since "
        "2018-08-01)" in dropped.err
    )


def test_a_drop_with_a_note_is_worded_by_the_note_not_as_a_mistake(dprk, empty, tmp_path):
    """'drop-entry cma 3 --note "to be recorded on its parts"' wrote "reversed on D
    dropped: entered by mistake" with the note beside it, in history, log and diff: the
    user claimed no mistake. With a note, the note says why it was dropped; without one,
    the words stay; a file written before, its note beside "entered by mistake", reads
    as it did."""
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    for ident in ("cma", "nfu", "x", "y", "z"):
        assert dprk("add-measure", ident, "--actor", "US", "--id", ident,
                    "--date", "2023-01-01").code == 0  # fmt: skip
    assert dprk("mark", "z", "implemented", "--date", "2023-12-01").code == 0
    for ident in ("cma", "nfu"):
        for status, day in (("implemented", "2023-06-01"), ("reversed", "2023-11-23")):
            assert dprk("mark", ident, status, "--date", day).code == 0
    assert dprk("link", "x", "y", "--date", "2023-02-01").code == 0
    assert dprk("verify", "cma", "--by", "IAEA", "--date", "2023-07-01").code == 0
    git = {"GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@b", "GIT_COMMITTER_NAME": "A",
           "GIT_COMMITTER_EMAIL": "a@b", "PATH": os.environ["PATH"]}  # fmt: skip
    subprocess.run(["git", "add", "-A"], cwd=tmp_path, check=True, env=git)
    subprocess.run(["git", "commit", "-qm", "base"], cwd=tmp_path, check=True, env=git)
    day = today()
    why = "to be recorded on its parts"
    dropped = dprk("drop-entry", "cma", "4", "--note", why)
    assert (dropped.code, dropped.out) == (0, "")
    assert dropped.err.startswith("cma: dropped entry 4 (reversed on 2023-11-23); ")
    plain = dprk("drop-entry", "nfu", "3")  # (no note: entered by mistake, as before)
    assert plain.code == 0, plain.err
    # (a finding, and a link's change on both its measures; a note of two lines, and one
    # that reads as a redate, said in one line, that not taken for a redate)
    assert dprk("drop-finding", "cma", "3", "--note", "IAEA had no access").code == 0
    assert dprk("drop-entry", "x", "2", "--note", "talks only\nno deal").code == 0
    for ident, detail, note in (
        ("cma", "confirmed by IAEA on 2023-07-01 dropped: IAEA had no access", ""),
        ("cma", f"reversed on 2023-11-23 dropped: {why}", ""),
        ("nfu", "reversed on 2023-11-23 dropped: entered by mistake", ""),
        (
            "x",
            "the exchange entry of 2023-02-01 (in exchange for y) dropped: talks only no deal",
            "talks only\nno deal",
        ),  # fmt: skip
        (
            "y",
            "the exchange entry of 2023-02-01 (in exchange for x) dropped: talks only no deal",
            "talks only\nno deal",
        ),  # fmt: skip
    ):
        log = json.loads(dprk("log", ident, "-f", "json").out)
        corrections = [
            (e["date"], e["detail"], e["note"]) for e in log if e["event"] == "correction"
        ]
        assert (day.isoformat(), detail, note) in corrections, corrections
    table = dprk("log", "cma").out
    assert f"dropped: {why}" in table and "mistake" not in table
    shown = dprk("diff")
    assert shown.code == 0, shown.err
    changes = [" ".join(line.split()) for line in shown.lines if " dropped: " in line]
    assert changes == [
        f"cma {day}: confirmed by IAEA on 2023-07-01 dropped: IAEA had no access",
        f"cma {day}: reversed on 2023-11-23 dropped: {why}",
        f"nfu {day}: reversed on 2023-11-23 dropped: entered by mistake",
        f"x {day}: the exchange entry of 2023-02-01 (in exchange for y) dropped: talks only no "
        "deal (talks only\\nno deal)",
        f"y {day}: the exchange entry of 2023-02-01 (in exchange for x) dropped: talks only no "
        "deal (talks only\\nno deal)",
    ]
    doc = json.loads(dprk("diff", "--format", "json").out)
    cma = next(m for m in doc["measures"] if m["id"] == "cma")
    assert [(h["date"], h["correction"]["detail"]) for h in cma["removed_history"]] == [
        ("2023-07-01", "confirmed by IAEA on 2023-07-01 dropped: IAEA had no access"),
        ("2023-11-23", f"reversed on 2023-11-23 dropped: {why}"),
    ]
    # a note that reads as a redate's words is a drop still
    assert dprk("drop-entry", "z", "2", "--note", "redated to 2023-12-02").code == 0
    z = next(m for m in json.loads(dprk("diff", "-f", "json").out)["measures"] if m["id"] == "z")
    assert z["redated_history"] == []
    assert [h["correction"]["detail"] for h in z["removed_history"]] == [
        "implemented on 2023-12-01 dropped: redated to 2023-12-02"
    ]
    assert dprk("check").code == 0
    # a file written before, its note beside the words: read as it was
    text = empty.read_text()
    old = f'detail = "reversed on 2023-11-23 dropped: {why}"\n'
    assert text.count(old) == 1
    empty.write_text(
        text.replace(old, old.replace(why, "entered by mistake") + f'note = "{why}"\n')
    )
    assert dprk("check").code == 0
    log = json.loads(dprk("log", "cma", "-f", "json").out)
    assert ("reversed on 2023-11-23 dropped: entered by mistake", why) in [
        (e["detail"], e["note"]) for e in log
    ]
    assert f"cma {day}: reversed on 2023-11-23 dropped: entered by mistake ({why})" in [
        " ".join(line.split()) for line in dprk("diff").lines
    ]


def _overdue(dprk, day: str) -> dict[str, bool]:
    doc = json.loads(dprk("status", "--as-of", day, "--format", "json").out)
    return {m["id"]: m["overdue"] for m in doc["measures"]}


def test_drop_entry_takes_back_an_edit_of_a_dated_field_entered_by_mistake(dprk, empty, tick):
    """A deadline moved on the wrong measure, found after other changes: drop-entry
    refused the edit ('is none of what drop-entry takes back'), and a second edit left a
    rescheduling that never happened, and its reversal, in the log. Dropped, the deadline
    is what the edit before it set, on every day; a later edit's value before is replayed."""
    for args in (
        ("add-measure", "M", "--actor", "DPRK", "--id", "m", "--status", "agreed",
         "--date", "2000-01-01"),
        ("add-measure", "N", "--actor", "DPRK", "--id", "n", "--status", "agreed",
         "--date", "2000-01-01"),
        ("edit", "m", "--deadline", "2000-06-01", "--date", "2000-02-01"),
        ("edit", "m", "--deadline", "2000-12-01", "--date", "2000-04-01"),  # (meant for n)
        ("mark", "n", "implemented", "--date", "2000-05-01"),
    ):  # fmt: skip
        tick()
        assert dprk(*args).code == 0
    before = empty.read_bytes()
    assert _overdue(dprk, "2000-07-01")["m"] is False  # (the wrong deadline: December)
    assert _overdue(dprk, "2000-03-01")["m"] is False
    tick()
    dropped = dprk("drop-entry", "m", "3")
    assert (dropped.code, dropped.out) == (0, "")
    assert dropped.err == (
        "m: dropped entry 3 (the edit entry of 2000-04-01 (deadline: '2000-06-01' -> "
        "'2000-12-01')); m is agreed; its deadline is now 2000-06-01 (since 2000-02-01)\n"
    )
    written = empty.read_bytes()
    assert written.count(b"2000-12-01") == 1  # (in the correction alone, naming the edit)
    assert ledger_data(empty)["measures"][0]["deadline"] == date(2000, 6, 1)
    assert _overdue(dprk, "2000-07-01")["m"] is True  # (after the day: June's, passed)
    assert _overdue(dprk, "2000-03-01")["m"] is False  # (before it: as it was)
    log = json.loads(dprk("log", "m", "--format", "json").out)
    assert [(e["event"], e["detail"]) for e in log] == [
        ("created", "created as agreed"),
        ("edit", "deadline: (none) -> '2000-06-01'"),
        (
            "correction",
            "the edit entry of 2000-04-01 (deadline: '2000-06-01' -> '2000-12-01') dropped: "
            "entered by mistake",
        ),
    ]
    assert dprk("check").out == "ok: no problems found\n"
    undone(dprk, empty, before)
    # one between two: the later edit says, as the value before, what the earlier set
    tick()
    assert dprk("edit", "m", "--deadline", "2000-09-01", "--date", "2000-05-02").code == 0
    tick()
    between = dprk("drop-entry", "m", "3")
    assert (between.code, between.out) == (0, "")
    assert between.err.endswith("; its deadline stays 2000-09-01 (since 2000-05-02)\n")
    log = json.loads(dprk("log", "m", "--format", "json").out)
    assert [e["detail"] for e in log if e["event"] == "edit"] == [
        "deadline: (none) -> '2000-06-01'",
        "deadline: '2000-06-01' -> '2000-09-01'",
    ]
    assert dprk("check").out == "ok: no problems found\n"


def test_a_dropped_or_redated_edit_is_named_by_the_fields_it_changed(dprk, tmp_path, tick):
    """Two edits of one day, one dropped: the correction said 'the edit entry of
    2013-10-01 dropped', and `log` read as if the edit left were the one dropped. The
    correction, the line, `log` in every format and `diff` name it by what it changed,
    in the words `log` gives the edit; a redate's too."""
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    assert dprk("init", "--party", "US", "--party", "Syria").code == 0
    path = tmp_path / "dprk-ledger.toml"
    for args in (
        ("add-measure", "Destroy equipment", "--actor", "Syria", "--id", "equipment",
         "--status", "agreed", "--date", "2013-09-27"),
        ("edit", "equipment", "--deadline", "2013-11-01", "--date", "2013-10-01"),
        ("edit", "equipment", "--actor", "US", "--date", "2013-10-01"),
    ):  # fmt: skip
        tick()
        assert dprk(*args).code == 0
    git = {"GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@b", "GIT_COMMITTER_NAME": "A",
           "GIT_COMMITTER_EMAIL": "a@b", "PATH": os.environ["PATH"]}  # fmt: skip
    subprocess.run(["git", "add", "-A"], cwd=tmp_path, check=True, env=git)
    subprocess.run(["git", "commit", "-qm", "base"], cwd=tmp_path, check=True, env=git)
    kept = path.read_bytes()
    tick()
    dropped = dprk("drop-entry", "equipment", "3")
    assert (dropped.code, dropped.out) == (0, "")
    named = "the edit entry of 2013-10-01 (actor: 'Syria' -> 'US')"
    assert dropped.err == (
        f"equipment: dropped entry 3 ({named}); equipment is agreed; its actor is now Syria "
        "(since 2013-09-27)\n"
    )
    said = f"{named} dropped: entered by mistake"
    log = json.loads(dprk("log", "equipment", "--format", "json").out)
    assert [(e["event"], e["detail"]) for e in log] == [
        ("created", "created as agreed"),
        ("edit", "deadline: (none) -> '2013-11-01'"),
        ("correction", said),
    ]
    assert said in dprk("log", "equipment", "--format", "csv").out
    assert said in dprk("log", "equipment").out
    # `diff` against the ledger before the drop names it so too, and tells the entry
    doc = json.loads(dprk("diff", "--format", "json").out)
    (m,) = doc["measures"]
    assert [(h["detail"], h["correction"]["detail"]) for h in m["removed_history"]] == [
        ("actor: 'Syria' -> 'US'", said)
    ]
    assert said in dprk("diff").out
    clean(dprk)
    assert dprk("undo").code == 0
    assert path.read_bytes() == kept
    tick()
    moved = dprk("redate", "equipment", "2", "2013-10-05")
    assert moved.code == 0, moved.err
    assert moved.err.startswith(
        "equipment: entry 2 (the edit entry of 2013-10-01 (deadline: (none) -> '2013-11-01')) "
        "now dated 2013-10-05 (now entry 3); "
    ), moved.err
    log = json.loads(dprk("log", "equipment", "--format", "json").out)
    assert log[-1]["detail"] == (
        "the edit entry of 2013-10-01 (deadline: (none) -> '2013-11-01') redated to 2013-10-05"
    )
    clean(dprk)


def test_drop_entry_of_a_hand_over_a_finding_stands_on_is_refused_with_advice(dprk, empty):
    """A hand-over dropped that would make a later finding the word of the measure's own
    actor is refused, as a redate moving it is, naming the finding to drop first; an
    edit that corrected the title too goes whole or not at all."""
    for args in (
        ("add-measure", "M", "--actor", "DPRK", "--id", "m", "--status", "agreed",
         "--date", "2000-01-01"),
        ("edit", "m", "--actor", "US", "--date", "2000-02-01"),
        ("mark", "m", "implemented", "--date", "2000-02-15"),
        ("verify", "m", "--by", "DPRK", "--date", "2000-03-01"),
        ("edit", "m", "--deadline", "2000-09-01", "--title", "M2", "--date", "2000-04-01"),
    ):  # fmt: skip
        assert dprk(*args).code == 0
    err = refused(dprk, empty, "drop-entry", "m", "2")
    assert err == (
        "dprk: error: entry 2 of 'm' (the edit entry of 2000-02-01 (actor: 'DPRK' -> 'US')) "
        "dropped would make the "
        "finding of 'm' by DPRK on 2000-03-01 the word of its own actor then (DPRK): a party's "
        "own word is not verification; drop that finding first ('dprk drop-finding m 4'), "
        "then this entry ('dprk log m' numbers the entries anew)\n"
    )
    err = refused(dprk, empty, "drop-entry", "m", "5")
    assert "corrects its title too, which drop-entry does not take back" in err
    # the advice followed works
    assert dprk("drop-finding", "m", "4").code == 0
    handed = dprk("drop-entry", "m", "2")
    assert handed.code == 0, handed.err
    assert handed.err.endswith("; its actor is now DPRK (since 2000-01-01)\n")
    assert json.loads(dprk("show", "m", "--format", "json").out)["actor"] == "DPRK"
    assert dprk("check").out == "ok: no problems found\n"


def test_drop_entry_s_refusal_lists_everything_it_drops(dprk, empty):
    """'drop-entry ID N' of a creation said the entry "is not a step, a note or a
    finding", though drop-entry drops a change of a link or of an order too: the line
    lists all it drops."""
    assert dprk("add-measure", "Funds", "--actor", "US", "--id", "funds", "--date",
                "2023-08-10").code == 0  # fmt: skip
    said = refused(dprk, empty, "drop-entry", "funds", "1")
    assert said == (
        "dprk: error: entry 1 of 'funds' (created as proposed on 2023-08-10) is none of what "
        "drop-entry takes back (a step, a dated note, a finding, a change of a link or of an "
        "order, or an edit of an actor, a deadline or a part_of); it records the measure "
        "itself: 'dprk remove funds'\n"
    )


def test_drop_finding_takes_back_a_finding_entered_by_mistake(dprk, korea):
    """A finding by a verifier typed wrong ('IEAE'), found long ago: undo only takes back
    the last change. drop-finding drops it, its record too, and the status is replayed
    without it; the right finding is then recorded with verify."""
    ident = "punggye-ri-closure"
    assert dprk("verify", ident, "--by", "IEAE", "--evidence", "GOV/2018/1",
                "--date", "2018-06-01").code == 0  # fmt: skip
    assert dprk("note", "second-summit", "A later change", "--date", "2018-09-11").code == 0
    log = json.loads(dprk("log", ident, "--format", "json").out)
    n = next(e["n"] for e in log if e["event"] == "verification")
    before = korea.read_bytes()
    # (only a finding is dropped so, and only one the log numbers)
    err = refused(dprk, korea, "drop-finding", ident, "1")
    assert err.startswith(f"dprk: error: entry 1 of '{ident}' (created as proposed on ")
    assert err.endswith(f"is no finding; 'dprk log {ident}' numbers the entries\n")
    assert "N is 1 to" in refused(dprk, korea, "drop-finding", ident, "99")
    result = dprk("drop-finding", ident, str(n))
    assert (result.code, result.err) == (
        0,
        f"{ident}: dropped entry {n} (confirmed by IEAE on 2018-06-01); {ident} is now "
        "implemented (since 2018-05-24; it was verified since 2018-06-01)\n",
    )
    m = shown(dprk, ident)
    assert (m["status"], m["verifications"], m["verified_by"]) == ("implemented", [], [])
    assert [e["event"] for e in m["history"]][-1] == "correction"
    assert dprk("verify", ident, "--by", "IAEA", "--date", "2018-06-01").code == 0
    assert shown(dprk, ident)["verified_by"] == ["IAEA"]
    clean(dprk)
    assert dprk("undo").code == 0  # the right finding
    undone(dprk, korea, before)  # the drop


@pytest.mark.parametrize("rows", [1, 25])
def test_the_id_of_a_measure_removed_with_force_is_not_given_again_by_import(
    dprk, empty, tmp_path, rows
):
    """p was a part of w from its creation, and waited for it; w removed with --force
    dropped both, which p's history says. Neither add-measure nor an import (of one row,
    or of many) gives w's id to a new measure: both did."""
    assert dprk("add-measure", "W", "--actor", "US", "--id", "w", "--date", "2018-01-01").code == 0
    assert dprk("add-measure", "P", "--actor", "US", "--id", "p", "--date", "2018-01-01",
                "--part-of", "w", "--after", "w").code == 0  # fmt: skip
    assert dprk("remove", "w", "--force").code == 0
    err = refused(dprk, empty, "add-measure", "W2", "--actor", "US", "--id", "w")
    assert "'w' is the id of a measure no longer in the ledger" in err and "1 measure (p)" in err
    lines = ["id,title,actor", *(f"n{k},N {k},US" for k in range(rows - 1)), "w,New W,US"]
    (tmp_path / "rows.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    err = refused(dprk, empty, "import", "rows.csv")
    assert err.startswith(f"dprk: error: rows.csv: row {rows + 1} (measure 'w'): 'w' is the id ")
    assert "named in the history of 1 measure (p)" in err


def test_drop_finding_of_a_part_says_how_its_whole_now_stands(dprk, empty):
    """As every line of mark and verify does: the whole was verified through its parts
    (both its states said, and the day each began, as the part's are)."""
    for ident, whole in (("w", None), ("w1", "w"), ("w2", "w")):
        part = ["--part-of", whole] if whole else []
        assert dprk("add-measure", ident, "--id", ident, "--actor", "DPRK",
                    "--date", "2018-01-01", *part).code == 0  # fmt: skip
    for ident in ("w1", "w2"):
        assert dprk("mark", ident, "implemented", "--date", "2018-02-01").code == 0
        assert dprk("verify", ident, "--by", "US", "--method", " site visit ",
                    "--date", "2018-03-01").code == 0  # fmt: skip
    assert shown(dprk, "w2")["verifications"][0]["method"] == "site visit"  # (trimmed)
    result = dprk("drop-finding", "w2", "3")
    assert result.err == (
        "w2: dropped entry 3 (confirmed by US on 2018-03-01); w2 is now implemented (since "
        "2018-02-01; it was verified since 2018-03-01) (part of w, now implemented from "
        "2018-02-01 (it was verified from 2018-03-01))\n"
    )
    assert shown(dprk, "w")["status"] == "implemented"


@pytest.mark.parametrize("command", ["drop-finding", "drop-entry"])
def test_a_part_s_finding_dropped_says_both_states_of_its_whole_and_their_days(
    dprk, tmp_path, command
):
    """Decommissioning, 2001-2002: the IICD verified the first act and, on 8 April 2002,
    the second. Its confirmation dropped, the part's line gave both its states and their
    days, but of the whole 'now implemented' alone, though that correction moved it from
    verified (since 2001-10-23) to implemented (since 2002-04-08), as a redate of it says
    with its days. The whole is said in the same words: both states, the day each began."""
    assert dprk("init", "--party", "UK", "--party", "SF").code == 0
    for args in (
        ["Decommissioning", "--id", "decom", "--date", "1998-04-10"],
        ["First act", "--id", "act1", "--part-of", "decom", "--status", "implemented",
         "--date", "2001-10-23"],
        ["Second act", "--id", "act2", "--part-of", "decom", "--status", "implemented",
         "--date", "2002-04-08"],
    ):  # fmt: skip
        made = dprk("add-measure", *args, "--actor", "SF")
        assert made.code == 0, made.err
        ident = args[2]
        if ident != "decom":
            day = args[-1]
            assert dprk("verify", ident, "--by", "IICD", "--date", day).code == 0
    # (act2 joined on the day it was verified: decom stood verified on every day since
    # act1 was, as status dates it)
    assert "verified (its parts)                   2001-10-23" in dprk("status", "decom").out
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    result = dprk(command, "act2", "2")
    assert (result.code, result.out, result.err) == (
        0,
        "",
        "act2: dropped entry 2 (confirmed by IICD on 2002-04-08); act2 is now implemented "
        "(since 2002-04-08; it was verified since 2002-04-08) (part of decom, now "
        "implemented from 2002-04-08 (it was verified from 2001-10-23))\n",
    )
    assert ledger.read_bytes() != before
    record = shown(dprk, "decom")
    assert (record["status"], record["status_date"]) == ("implemented", "2002-04-08")


def test_a_step_in_part_found_before_one_in_full_says_the_status_now_began_on_its_day(dprk, empty):
    """m implemented in full on 2020-03-01, then an implementation in part found on
    2020-02-01: the status now dates from 2020-02-01, and the line said 'm stays
    implemented (since 2020-02-01; ...)', as if the step had changed nothing. It says
    the status is now from the step's day, and the day it was from."""
    assert dprk("add-measure", "m", "--id", "m", "--actor", "DPRK", "--status", "agreed",
                "--date", "2020-01-01").code == 0  # fmt: skip
    assert dprk("mark", "m", "implemented", "--date", "2020-03-01").code == 0
    result = dprk("mark", "m", "implemented", "--extent", "minimal", "--date", "2020-02-01")
    assert (result.code, result.out, result.err) == (
        0,
        "",
        "m: recorded implemented (minimal) on 2020-02-01; m is now implemented (since "
        "2020-02-01; in full since 2020-03-01; it was implemented since 2020-03-01)\n",
    )
    record = shown(dprk, "m")
    assert (record["status"], record["extent"], record["status_date"]) == (
        "implemented",
        "full",
        "2020-02-01",
    )
    assert b"2020-02-01" in empty.read_bytes()


@pytest.mark.parametrize("part", [False, True], ids=["alone", "part"])
def test_a_drop_or_redate_that_moves_the_status_date_alone_says_so_as_mark_does(dprk, empty, part):
    """x implemented on 04-01 and again on 05-13, a reversal of 04-02 found later: mark
    said 'x is now implemented (since 1989-05-13; it was implemented since 1989-04-01)'.
    Dropping that reversal, or redating it before 04-01, moves the status date back to
    04-01: drop-entry and redate said only 'x is implemented', and of its whole 'still
    implemented (intermediate)', though its status date moved too. Each says both days,
    in mark's words, for the measure and for its whole."""
    whole = ["--part-of", "w"] if part else []
    if part:
        assert dprk("add-measure", "W", "--actor", "DPRK", "--id", "w", "--status", "agreed",
                    "--date", "1989-01-01").code == 0  # fmt: skip
        assert dprk("add-measure", "Y", "--actor", "DPRK", "--id", "y", "--status", "agreed",
                    "--date", "1989-01-01", "--part-of", "w").code == 0  # fmt: skip
    assert dprk("add-measure", "X", "--actor", "DPRK", "--id", "x", "--status", "agreed",
                "--date", "1989-01-01", *whole).code == 0  # fmt: skip
    for status, day in (("implemented", "04-01"), ("implemented", "05-13")):
        assert dprk("mark", "x", status, "--date", f"1989-{day}").code == 0
    result = dprk("mark", "x", "reversed", "--date", "1989-04-02")
    moved = "x is now implemented (since 1989-05-13; it was implemented since 1989-04-01)"
    assert result.err.startswith(f"x: recorded reversed on 1989-04-02; {moved}")
    before = empty.read_bytes()
    back = "x is now implemented (since 1989-04-01; it was implemented since 1989-05-13)"
    was = "implemented (intermediate) from 1989-05-13"
    w_now = f"w now implemented (intermediate) from 1989-04-01 (it was {was})"
    result = dprk("drop-entry", "x", "3")
    said = f" (part of {w_now.replace('w now', 'w, now')})" if part else ""
    assert (result.code, result.out, result.err) == (
        0,
        "",
        f"x: dropped entry 3 (reversed on 1989-04-02); {back}{said}\n",
    )
    assert empty.read_bytes() != before
    assert b'detail = "reversed on 1989-04-02 dropped: entered by mistake"' in empty.read_bytes()
    assert [m["status_date"] for m in measures(dprk, "x", "w") if m] == (
        ["1989-04-01", "1989-04-01"] if part else ["1989-04-01"]
    )
    assert dprk("undo").code == 0 and empty.read_bytes() == before
    result = dprk("redate", "x", "3", "1989-03-30")
    said = f"; {w_now}" if part else ""
    assert (result.code, result.out) == (0, "")
    assert result.err.splitlines()[0] == (
        f"x: entry 3 (reversed on 1989-04-02) now dated 1989-03-30 (now entry 2); {back}{said}"
    )
    assert b"reversed on 1989-04-02 redated to 1989-03-30" in empty.read_bytes()
    assert dprk("undo").code == 0 and empty.read_bytes() == before


def test_a_redate_of_the_step_that_began_the_status_says_the_day_it_began_before(dprk, empty):
    """x implemented on 1989-05-13, that step redated to 1989-04-01: the status now
    began on 04-01, and redate said only 'x is implemented'. It says both days, as mark
    and drop-entry do, and show agrees with it."""
    assert dprk("add-measure", "X", "--actor", "DPRK", "--id", "x", "--status", "agreed",
                "--date", "1989-01-01").code == 0  # fmt: skip
    assert dprk("mark", "x", "implemented", "--date", "1989-05-13").code == 0
    assert shown(dprk, "x")["status_date"] == "1989-05-13"
    before = empty.read_bytes()
    result = dprk("redate", "x", "2", "1989-04-01")
    assert (result.code, result.out, result.err) == (
        0,
        "",
        "x: entry 2 (implemented on 1989-05-13) now dated 1989-04-01; x is now implemented "
        "(since 1989-04-01; it was implemented since 1989-05-13)\n",
    )
    after = empty.read_bytes()
    assert after != before
    assert b'date = 1989-04-01\nevent = "status"\nstatus = "implemented"' in after
    assert b'detail = "implemented on 1989-05-13 redated to 1989-04-01"' in after
    record = shown(dprk, "x")
    assert (record["status"], record["status_date"]) == ("implemented", "1989-04-01")
    assert dprk("undo").code == 0 and empty.read_bytes() == before


def test_a_dropped_finding_that_moves_the_status_date_alone_says_so(dprk, empty):
    """drop-finding shares drop-entry's line: a refutation found between two
    confirmations dropped leaves x verified from the first, not the second."""
    assert dprk("add-measure", "X", "--actor", "DPRK", "--id", "x", "--status", "agreed",
                "--date", "1989-01-01").code == 0  # fmt: skip
    assert dprk("mark", "x", "implemented", "--date", "1989-04-01").code == 0
    for day, result in (("05-01", "confirmed"), ("05-20", "confirmed"), ("05-10", "refuted")):
        assert dprk("verify", "x", "--by", "US", "--result", result,
                    "--date", f"1989-{day}").code == 0  # fmt: skip
    before = empty.read_bytes()
    result = dprk("drop-finding", "x", "4")
    assert (result.code, result.out, result.err) == (
        0,
        "",
        "x: dropped entry 4 (refuted by US on 1989-05-10); x is now verified (since "
        "1989-05-01; it was verified since 1989-05-20)\n",
    )
    assert empty.read_bytes() != before
    assert [m["status_date"] for m in measures(dprk, "x")] == ["1989-05-01"]


def test_a_drop_or_redate_that_changes_the_status_says_its_day_and_what_it_was(dprk, empty):
    """Cuba off the state sponsors of terrorism list in 2015, back on in 2021, off on
    2025-01-14 and back on six days later: dropping that last reversal, or redating the
    removal after it, leaves sst implemented where it was reversed since 2025-01-20.
    Each said only 'sst is implemented', neither from which day nor what it was; each
    says both, the days show gives before and after."""
    assert dprk("add-measure", "Remove Cuba from SST list", "--actor", "US", "--id", "sst",
                "--date", "2015-04-14").code == 0  # fmt: skip
    for status, day in (("implemented", "2015-05-29"), ("reversed", "2021-01-12"),
                        ("implemented", "2025-01-14"), ("reversed", "2025-01-20")):  # fmt: skip
        assert dprk("mark", "sst", status, "--date", day).code == 0
    before = empty.read_bytes()
    result = dprk("drop-entry", "sst", "5")
    assert (result.code, result.out, result.err) == (
        0,
        "",
        "sst: dropped entry 5 (reversed on 2025-01-20); sst is now implemented (since "
        "2025-01-14; it was reversed since 2025-01-20)\n",
    )
    assert b'detail = "reversed on 2025-01-20 dropped: entered by mistake"' in empty.read_bytes()
    record = shown(dprk, "sst")
    assert (record["status"], record["status_date"]) == ("implemented", "2025-01-14")
    assert dprk("undo").code == 0 and empty.read_bytes() == before
    result = dprk("redate", "sst", "4", "2025-01-25")
    assert (result.code, result.out) == (0, "")
    said, gap = result.err.splitlines()  # (the reversals now follow each other: a gap)
    assert said == (
        "sst: entry 4 (implemented on 2025-01-14) now dated 2025-01-25 (now entry 5); sst is "
        "now implemented (since 2025-01-25; it was reversed since 2025-01-20)"
    )
    assert gap.startswith("dprk: warning: sst: reversed on 2021-01-12 comes before reversed")
    assert b'detail = "implemented on 2025-01-14 redated to 2025-01-25"' in empty.read_bytes()
    record = shown(dprk, "sst")
    assert (record["status"], record["status_date"]) == ("implemented", "2025-01-25")
    assert dprk("undo").code == 0 and empty.read_bytes() == before


def test_a_drop_that_changes_the_extent_says_both_days_of_each_state(dprk, empty):
    """e implemented in part on 07-01, further on 08-01, in full on 09-01: the step in
    full dropped leaves it implemented (intermediate), its status from 07-01 and its
    extent from 08-01, as show dates them; the line says those days and the ones it held
    in full from."""
    assert dprk("add-measure", "E", "--actor", "DPRK", "--id", "e", "--status", "agreed",
                "--date", "2018-01-01").code == 0  # fmt: skip
    for extent, day in (("minimal", "07-01"), ("intermediate", "08-01"), ("full", "09-01")):
        assert dprk("mark", "e", "implemented", "--extent", extent,
                    "--date", f"2018-{day}").code == 0  # fmt: skip
    before = empty.read_bytes()
    result = dprk("drop-entry", "e", "4")
    assert (result.code, result.out, result.err) == (
        0,
        "",
        "e: dropped entry 4 (implemented (full) on 2018-09-01); e is now implemented "
        "(intermediate) "
        "(since 2018-07-01; intermediate since 2018-08-01; it was implemented since "
        "2018-07-01; in full since 2018-09-01)\n",
    )
    assert b'detail = "implemented (full) on 2018-09-01 dropped: entered by mistake"' in (
        empty.read_bytes()
    )
    record = shown(dprk, "e")
    assert (record["status"], record["extent"], record["status_date"]) == (
        "implemented",
        "intermediate",
        "2018-07-01",
    )
    assert dprk("undo").code == 0 and empty.read_bytes() == before


def test_a_dropped_finding_that_takes_verified_back_to_implemented_says_both(dprk, empty):
    """x implemented on 1989-04-01, confirmed on 05-01: the finding dropped leaves it
    implemented from 04-01, which the line says, and that it was verified from 05-01."""
    assert dprk("add-measure", "X", "--actor", "DPRK", "--id", "x", "--status", "agreed",
                "--date", "1989-01-01").code == 0  # fmt: skip
    assert dprk("mark", "x", "implemented", "--date", "1989-04-01").code == 0
    assert dprk("verify", "x", "--by", "US", "--date", "1989-05-01").code == 0
    before = empty.read_bytes()
    result = dprk("drop-finding", "x", "3")
    assert (result.code, result.out, result.err) == (
        0,
        "",
        "x: dropped entry 3 (confirmed by US on 1989-05-01); x is now implemented (since "
        "1989-04-01; it was verified since 1989-05-01)\n",
    )
    after = empty.read_bytes()
    assert after != before and b'result = "confirmed"' not in after
    record = shown(dprk, "x")
    assert (record["status"], record["status_date"]) == ("implemented", "1989-04-01")
    assert dprk("undo").code == 0 and empty.read_bytes() == before


def test_a_correction_that_leaves_the_measure_as_it_was_says_how_it_stands(dprk, empty):
    """A note dropped, or redated, moves neither the state nor its day: the line says
    how the measure stands, no more."""
    assert dprk("add-measure", "X", "--actor", "DPRK", "--id", "x", "--status", "agreed",
                "--date", "1989-01-01").code == 0  # fmt: skip
    assert dprk("mark", "x", "implemented", "--date", "1989-04-01").code == 0
    assert dprk("note", "x", "Seen from the road", "--date", "1989-05-01").code == 0
    before = empty.read_bytes()
    result = dprk("drop-entry", "x", "3")
    assert (result.code, result.out, result.err) == (
        0,
        "",
        "x: dropped entry 3 (the note entry of 1989-05-01); x is implemented\n",
    )
    assert b"the note entry of 1989-05-01 dropped" in empty.read_bytes()
    assert dprk("undo").code == 0 and empty.read_bytes() == before
    result = dprk("redate", "x", "3", "1989-05-02")
    assert (result.code, result.out, result.err) == (
        0,
        "",
        "x: entry 3 (the note entry of 1989-05-01) now dated 1989-05-02; x is implemented\n",
    )
    assert b"the note entry of 1989-05-01 redated to 1989-05-02" in empty.read_bytes()
    record = shown(dprk, "x")
    assert (record["status"], record["status_date"]) == ("implemented", "1989-04-01")


def measures(dprk, *ids: str) -> list[dict]:
    """Each of `ids` as `status --format json` lists it ({} for one not there)."""
    listed = {m["id"]: m for m in json.loads(dprk("status", "--format", "json").out)["measures"]}
    return [listed.get(i, {}) for i in ids]


# --- redate ---------------------------------------------------------------------------------------
# --- redate ---------------------------------------------------------------------------------------


def test_redate_corrects_one_entry_as_log_numbers_it(dprk, korea):
    before = korea.read_bytes()
    log = json.loads(dprk("log", "tongchang-ri-dismantlement", "--format", "json").out)
    assert [(e["n"], e["date"]) for e in log] == [(1, "2018-06-12"), (2, "2018-07-23")]
    result = dprk("redate", "tongchang-ri-dismantlement", "2", "2018-07-24")
    assert result.code == 0, result.err
    assert result.err == (
        "tongchang-ri-dismantlement: entry 2 (implemented (intermediate) on 2018-07-23) now "
        "dated 2018-07-24; tongchang-ri-dismantlement is now implemented (intermediate) (since "
        "2018-07-24; it was implemented (intermediate) since 2018-07-23)\n"
    )
    m = shown(dprk, "tongchang-ri-dismantlement")
    assert m["status_date"] == "2018-07-24"
    # (named by what it was, not by its number: a later entry renumbers them, and the
    # number in the correction named another entry)
    assert m["history"][-1]["detail"] == (
        "implemented (intermediate) on 2018-07-23 redated to 2018-07-24"
    )
    clean(dprk)
    undone(dprk, korea, before)


def test_redate_s_note_is_kept_with_the_correction_as_its_help_says(dprk, korea):
    """`redate --help` said the note was "kept with this entry of the history", but it
    goes on the correction the redate records, dated today: the log up to the redated
    entry's day shows it nowhere. The help says where it goes, as the guide does."""
    text = " ".join(dprk("redate", "--help").out.split())
    assert "--note TEXT A note, kept with the correction entry this records (dated today), " in (
        text
    )
    assert "not with the entry it corrects." in text
    before = korea.read_bytes()
    note = "per satellite imagery of 24 July"
    result = dprk("redate", "tongchang-ri-dismantlement", "2", "2018-07-24", "--note", note)
    assert (result.code, result.out) == (0, "")
    assert result.err.startswith("tongchang-ri-dismantlement: entry 2 (implemented")
    after = korea.read_bytes()
    assert after.startswith(before[: before.index(b'id = "tongchang-ri-dismantlement"')])
    block = after.decode().split('id = "tongchang-ri-dismantlement"')[1].split("[[measures]]")[0]
    entries = tomllib.loads("[[h]]" + block.split("[[measures.history]]", 1)[1].replace(
        "[[measures.history]]", "[[h]]"
    ))["h"]  # fmt: skip
    assert [(e["event"], str(e["date"]), e.get("note")) for e in entries] == [
        ("created", "2018-06-12", None),
        ("status", "2018-07-24", None),
        ("correction", today().isoformat(), note),
    ]
    found = json.loads(dprk("log", "--search", "satellite imagery", "--format", "json").out)
    assert [(e["event"], e["date"]) for e in found if e["note"]] == [
        ("correction", today().isoformat())
    ]
    # (up to the redated entry's day: the entries then, none with the note)
    until = dprk(
        "log", "--search", "satellite imagery", "--until", "2018-07-24", "--format", "json"
    )
    assert until.code == 0
    assert [(e["n"], e["date"], e["note"]) for e in json.loads(until.out)] == [
        (1, "2018-06-12", ""),
        (2, "2018-07-24", ""),
    ]


def test_redate_moves_a_finding_with_its_entry(dprk, korea):
    assert dprk("verify", "punggye-ri-closure", "--by", "IAEA", "--date", "2019-01-01").code == 0
    finding = json.loads(dprk("log", "punggye-ri-closure", "--format", "json").out)[-1]
    assert finding["event"] == "verification"
    assert dprk("redate", "punggye-ri-closure", str(finding["n"]), "2019-02-01").code == 0
    m = shown(dprk, "punggye-ri-closure")
    assert [v["date"] for v in m["verifications"]] == ["2019-02-01"]
    assert m["status"] == "verified"
    clean(dprk)


def test_redate_moves_the_record_of_its_own_verifier_not_one_whose_name_it_begins(
    dprk, empty, monkeypatch
):
    """'IAEA team' and then 'IAEA' refute on one day: each redate moves its own
    verifier's record, so the findings, the history and a past day's status agree."""
    assert (
        dprk(
            "add-measure", "Inventory", "--actor", "DPRK", "--id", "v", "--date", "2018-01-01"
        ).code
        == 0
    )
    assert dprk("mark", "v", "implemented", "--date", "2018-02-01").code == 0
    for second, by in enumerate(("IAEA team", "IAEA")):  # recorded in this order
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(1_600_000_000 + second))
        new = ["--new-verifier"] * second  # (IAEA, near the IAEA team on record: said new)
        assert (
            dprk(
                "verify", "v", "--by", by, "--result", "refuted", "--date", "2018-03-01", *new
            ).code
            == 0
        )
    assert dprk("verify", "v", "--by", "X", "--date", "2018-03-15").code == 0

    def number(detail: str) -> int:
        log = json.loads(dprk("log", "v", "--format", "json").out)
        return next(e["n"] for e in log if e["detail"] == detail)

    before = empty.read_bytes()
    iaea = number("refuted by IAEA")
    result = dprk("redate", "v", str(iaea), "2018-04-01")
    assert result.code == 0, result.err
    assert (
        f"entry {iaea} (the verification by IAEA on 2018-03-01) now dated 2018-04-01" in result.err
    )
    records = {v["by"]: str(v["date"]) for v in ledger_data(empty)["measures"][0]["verifications"]}
    assert records == {"IAEA team": "2018-03-01", "IAEA": "2018-04-01", "X": "2018-03-15"}
    assert dprk("redate", "v", str(number("refuted by IAEA team")), "2018-03-20").code == 0
    m = shown(dprk, "v")
    records = {v["by"]: v["date"] for v in m["verifications"]}
    assert records == {"IAEA team": "2018-03-20", "IAEA": "2018-04-01", "X": "2018-03-15"}
    dated = {h["detail"]: h["date"] for h in m["history"] if h["event"] == "verification"}
    assert dated == {
        "refuted by IAEA team": "2018-03-20",
        "refuted by IAEA": "2018-04-01",
        "confirmed by X": "2018-03-15",
    }
    # On 10 March no finding had yet been made: the measure stood implemented.
    past = json.loads(dprk("status", "--as-of", "2018-03-10", "--format", "json").out)
    assert [(r["id"], r["status"]) for r in past["measures"]] == [("v", "implemented")]
    clean(dprk)
    assert dprk("undo").code == 0
    assert empty.read_bytes() != before
    undone(dprk, empty, before)


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        # the replay decides whether the new order is allowed
        (["redate", "tongchang-ri-dismantlement", "2", "2018-06-01"], 1, "before its creation"),
        # (past the measure's entries: wrong against the ledger, not a malformed N)
        (["redate", "tongchang-ri-dismantlement", "9", "2018-07-24"], 1, "has 2 history entries"),
        (["redate", "second-summit", "9", "2018-09-11"], 1, "has 1 history entry; N is 1 to 1"),
        (["redate", "tongchang-ri-dismantlement", "2", "2099-01-01"], 2, "after today"),
        (["redate", "tongchang-ri-dismantlement", "2", "2018-07-23"], 1, "already dated"),
        (
            ["redate", "tongchang-ri-dismantlement", "0", "2018-07-23"],
            2,
            "0 is not in the range x>=1",
        ),
    ],
)
def test_redate_refusals(dprk, korea, args, code, words):
    assert words in refused(dprk, korea, *args, code=code)


def test_redate_refuses_its_own_record_of_a_correction(dprk, korea):
    """A redate's correction entry is dated the day it was typed: redated into the past,
    it read as if the correction were an event of the talks."""
    assert dprk("redate", "tongchang-ri-dismantlement", "2", "2018-07-24").code == 0
    log = json.loads(dprk("log", "tongchang-ri-dismantlement", "--format", "json").out)
    (n,) = [e["n"] for e in log if e["event"] == "correction"]
    err = refused(dprk, korea, "redate", "tongchang-ri-dismantlement", str(n), "2018-08-01")
    assert err == (
        f"dprk: error: entry {n} of 'tongchang-ri-dismantlement' is dprk's record of a "
        "correction, made the day it was typed: it has no date in the talks to correct\n"
    )


def _acted_and_found(dprk, *findings: tuple[str, str]) -> None:
    """x, DPRK's, implemented on 2018-02-01, handed to ROK on 2019-01-01: entry 3; then
    each finding (verifier, day) in turn: entries 4, 5..."""
    assert (
        dprk("add-measure", "X", "--actor", "DPRK", "--id", "x", "--date", "2018-01-01").code == 0
    )
    assert dprk("mark", "x", "implemented", "--date", "2018-02-01").code == 0
    assert dprk("edit", "x", "--actor", "ROK", "--date", "2019-01-01").code == 0
    for by, day in findings:
        assert dprk("verify", "x", "--by", by, "--date", day).code == 0


def test_redate_refuses_to_make_two_findings_one(dprk, empty):
    """verify refuses a finding given twice; a redate onto the day of the same finding
    would record it twice all the same."""
    _acted_and_found(dprk, ("US", "2019-03-01"), ("us", "2019-04-01"))
    err = refused(dprk, empty, "redate", "x", "5", "2019-03-01")
    assert err == (
        "dprk: error: measure 'x' already has the finding confirmed by US on 2019-03-01: "
        "entry 5 redated to that day would record it twice\n"
    )
    assert dprk("redate", "x", "5", "2019-03-02").code == 0  # (another day: two findings)
    clean(dprk)


@pytest.mark.parametrize(
    ("entry", "day", "finding_on"),
    [("4", "2018-06-01", "2018-06-01"), ("3", "2019-12-01", "2019-06-01")],
    ids=["the-finding-back", "the-hand-over-on"],
)
def test_redate_refuses_to_make_a_finding_its_actor_s_own_word(dprk, empty, entry, day, finding_on):
    """DPRK's finding of 2019-06-01 is an independent one: x was ROK's by then. Dated back
    before the hand-over, or the hand-over dated after it, it is DPRK's word on its own
    step, which verify refuses."""
    _acted_and_found(dprk, ("DPRK", "2019-06-01"))
    err = refused(dprk, empty, "redate", "x", entry, day)
    assert err == (
        f"dprk: error: redating entry {entry} to {day} would make the finding of 'x' by DPRK "
        f"on {finding_on} the word of its own actor then (DPRK): a party's own word is not "
        "verification\n"
    )
    assert shown(dprk, "x")["status"] == "verified"


def test_redate_the_creation_of_an_undated_measure_dates_it(dprk, empty):
    ident = dprk("add-measure", "Open a hotline", "--actor", "US").out.strip()
    assert dprk("mark", ident, "agreed", "--date", "2018-05-01").code == 0
    assert dprk("redate", ident, "1", "2018-04-01").code == 0
    first = json.loads(dprk("log", ident, "--format", "json").out)[0]
    assert first["date"] == "2018-04-01" and "no date given" not in first["detail"]
    err = refused(dprk, empty, "mark", ident, "proposed", "--date", "2018-03-01")
    assert "before its creation on 2018-04-01" in err


# --- renote ---------------------------------------------------------------------------------------


def _shipped(dprk, tmp_path) -> Path:
    """A step whose note was typed wrong, and a finding that stands on the step: no
    longer the last change, and no step to drop."""
    for args in (
        ("init", "--party", "Libya", "--party", "US"),
        ("add-measure", "UF6 shipped to the US", "--actor", "Libya", "--id", "uf6"),
        ("redate", "uf6", "1", "2003-12-19"),  # (entry 4 then: a correction)
        (
            "mark",
            "uf6",
            "implemented",
            "--date",
            "2004-03-08",
            "--note",
            "shipped on the BBC Chine",
        ),
        ("verify", "uf6", "--by", "IAEA", "--date", "2004-03-08", "--note", "site visit"),
    ):
        assert dprk(*args).code == 0
    return tmp_path / "dprk-ledger.toml"


def test_renote_rewords_a_step_s_note_in_place_and_records_the_correction(dprk, tmp_path):
    """A note typed wrong on a step a finding stands on: `drop-entry` refuses it, `undo`
    cannot reach it; `renote` rewords it where it is, the step's day, place and status
    kept, and records the correction as a redate's is, with the note it had."""
    path = _shipped(dprk, tmp_path)
    before = path.read_bytes()
    result = dprk("renote", "uf6", "2", "shipped on the BBC China", "--note", "the ship's name")
    assert result.code == 0, result.err
    assert result.out == ""
    assert result.err == (
        "uf6: entry 2 (implemented on 2004-03-08) reworded (note: 'shipped on the BBC "
        "Chine' -> 'shipped on the BBC China')\n"
    )
    m = ledger_data(path)["measures"][0]
    assert m["status"] == "verified"
    step = [h for h in m["history"] if h["event"] == "status"]
    assert [(h["date"], h["status"], h["note"]) for h in step] == [
        (date(2004, 3, 8), "implemented", "shipped on the BBC China")
    ]
    correction = m["history"][-1]
    assert (correction["event"], correction["date"], correction["note"]) == (
        "correction",
        today(),
        "the ship's name",
    )
    assert correction["detail"] == (
        "implemented on 2004-03-08 reworded (note: 'shipped on the BBC Chine' -> 'shipped "
        "on the BBC China')"
    )
    log = json.loads(dprk("log", "uf6", "--format", "json").out)
    assert [e["note"] for e in log][1] == "shipped on the BBC China"  # (still entry 2)
    clean(dprk)
    undone(dprk, path, before)
    assert dprk("redo").code == 0
    assert "shipped on the BBC China" in path.read_text(encoding="utf-8")


def test_renote_of_a_finding_rewords_its_record_too(dprk, tmp_path):
    path = _shipped(dprk, tmp_path)
    result = dprk("renote", "uf6", "3", "on-site visit")
    assert result.code == 0, result.err
    assert result.err == (
        "uf6: entry 3 (the verification by IAEA on 2004-03-08) reworded (note: 'site visit' "
        "-> 'on-site visit')\n"
    )
    m = ledger_data(path)["measures"][0]
    assert [v["note"] for v in m["verifications"]] == ["on-site visit"]
    assert [h.get("note") for h in m["history"] if h["event"] == "verification"] == [
        "on-site visit"
    ]
    clean(dprk)


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (("renote", "uf6", "9", "x"), 1, "has 4 history entries; N is 1 to 4"),
        (("renote", "nope", "2", "x"), 1, "no measure with id 'nope'"),
        (("renote", "uf6", "2", "shipped on the BBC Chine"), 1, "already reads"),
        (("renote", "uf6", "4", "x"), 1, "is dprk's record of a correction"),
        (("renote", "uf6", "2", "   "), 2, "TEXT: is blank"),
        (("renote", "uf6", "0", "x"), 2, "N"),
        (("renote", "uf6", "2004-03-08", "x"), 2, "is a date"),
    ],
)
def test_renote_refusals(dprk, tmp_path, args, code, words):
    path = _shipped(dprk, tmp_path)
    assert words in refused(dprk, path, *args, code=code)


def test_renote_of_a_step_in_full_beside_one_in_part_names_it_implemented_full(dprk, empty):
    """e implemented in part on 07-01, in full on 09-01: renote of the step in full said
    'implemented on 2018-09-01', as if the measure had no other extent; it names it as
    drop-entry and redate do, 'implemented (full)', in its line and its correction, which
    diff still reads as the step's."""
    assert dprk("add-measure", "E", "--actor", "DPRK", "--id", "e", "--status", "agreed",
                "--date", "2018-01-01").code == 0  # fmt: skip
    for extent, day in (("minimal", "07-01"), ("full", "09-01")):
        assert dprk("mark", "e", "implemented", "--extent", extent,
                    "--date", f"2018-{day}").code == 0  # fmt: skip
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q", "."], cwd=empty.parent, check=True)
    subprocess.run([*git, "add", empty.name], cwd=empty.parent, check=True)
    subprocess.run([*git, "commit", "-qm", "done"], cwd=empty.parent, check=True)
    result = dprk("renote", "e", "3", "shipped whole")
    assert (result.code, result.out, result.err) == (
        0,
        "",
        "e: entry 3 (implemented (full) on 2018-09-01) reworded (note: (none) -> 'shipped "
        "whole')\n",
    )
    assert (
        b"detail = \"implemented (full) on 2018-09-01 reworded (note: (none) -> 'shipped "
        b"whole')\"" in empty.read_bytes()
    )
    m = json.loads(dprk("diff", "HEAD", "--format", "json").out)["measures"][0]
    [renoted] = m["renoted_history"]  # (the step's, not a correction apart)
    assert (renoted["note"], renoted["note_before"], renoted["date"]) == (
        "shipped whole",
        "",
        "2018-09-01",
    )
    # on a measure of one extent, as before
    assert dprk("add-measure", "F", "--actor", "DPRK", "--id", "f", "--status", "agreed",
                "--date", "2018-01-01").code == 0  # fmt: skip
    assert dprk("mark", "f", "implemented", "--date", "2018-09-01").code == 0
    result = dprk("renote", "f", "2", "done")
    assert (
        result.err == "f: entry 2 (implemented on 2018-09-01) reworded (note: (none) -> 'done')\n"
    )


def test_diff_gives_a_renoted_entry_once_with_its_note_before(dprk, tmp_path):
    """The step is the same entry, its note reworded: not an entry removed and another
    added, and its correction not listed apart."""
    path = _shipped(dprk, tmp_path)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q", "."], cwd=tmp_path, check=True)
    subprocess.run([*git, "add", path.name], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-qm", "shipped"], cwd=tmp_path, check=True)
    assert dprk("renote", "uf6", "2", "shipped on the BBC China", "--note", "its name").code == 0
    table = dprk("diff", "HEAD")
    assert table.code == 0, table.err
    assert "removed" not in table.out
    assert (
        "2004-03-08: implemented: note now 'shipped on the BBC China' (was 'shipped on the "
        "BBC Chine') (its name)" in table.out
    )
    assert "reworded (note:" not in table.out  # (the correction is said by the entry)
    m = json.loads(dprk("diff", "HEAD", "--format", "json").out)["measures"][0]
    # (the entry in both lists, as a redated one is; its correction in neither)
    assert [(h["note"], h["event"]) for h in m["new_history"]] == [
        ("shipped on the BBC China", "status")
    ]
    assert [h["note"] for h in m["removed_history"]] == ["shipped on the BBC Chine"]
    [renoted] = m["renoted_history"]
    assert (renoted["note"], renoted["note_before"]) == (
        "shipped on the BBC China",
        "shipped on the BBC Chine",
    )
    assert renoted["correction"]["note"] == "its name"
    assert list(m)[-1] == "renoted_history"  # (appended: no key moved)


# --- parties and the ledger's title -------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        (["rename-party", "US", "dprk"], 1, "NEW: party 'DPRK' is already declared (names "
         "differ only in case)"),
        (["rename-party", "US", " US"], 1, "party 'US' is already so named; nothing to rename"),
        (["add-party", "dprk"], 1, "party 'DPRK' is already declared (names differ only in "
         "case); rename it with 'dprk rename-party DPRK dprk' if that is what you mean"),
        (["add-party", " us "], 1, "party 'US' is already declared (names differ only in case)"),
        (["import", "spaced.json"], 1, "spaced.json: parties: party name \" Japan \" begins or "
         "ends with a space"),
        # names that look the same were two sides, and split a side's counts in two
        (["add-party", "DPRK\u200b"], 1, "party 'DPRK' is already declared (the names differ "
         "only in characters that look alike or are not seen)"),
        (["add-party", "\uff35\uff33"], 1, "party 'US' is already declared (the names"),
        (["rename-party", "ROK", "\uff24PRK"], 1, "NEW: party 'DPRK' is already declared"),
        # (a Cyrillic or Greek letter among Latin ones, as a keyboard layout may type it)
        (["add-party", "D\u0420RK"], 1, "party 'DPRK' is already declared (the names differ "
         "only in characters that look alike or are not seen)"),
        (["rename-party", "ROK", "U\u0405"], 1, "NEW: party 'US' is already declared"),
        (["add-party", "US\ufe0f"], 1, "party 'US' is already declared (the names differ "
         "only in characters that look alike or are not seen)"),
        # (spaces and hyphens inside a name: 'D P R K' and 'D-PRK' are the DPRK)
        (["add-party", "D-PRK"], 1, "party 'DPRK' is already declared (the names differ "
         "only in spaces or hyphens); rename it with 'dprk rename-party DPRK D-PRK' if "
         "that is what you mean"),
        (["add-party", "d p r k"], 1, "party 'DPRK' is already declared (the names differ "
         "only in case and spaces or hyphens)"),
        (["rename-party", "ROK", "U-S"], 1, "NEW: party 'US' is already declared (the names "
         "differ only in spaces or hyphens)"),
    ],
)  # fmt: skip
def test_one_side_is_never_declared_twice(dprk, korea, tmp_path, args, code, said):
    doc = {"schema": 1, "parties": ["us"], "measures": [{"id": "x", "title": "X", "actor": "us"}]}
    (tmp_path / "parties.json").write_text(json.dumps(doc), encoding="utf-8")
    spaced = {"schema": 1, "parties": [" Japan "], "measures": []}
    (tmp_path / "spaced.json").write_text(json.dumps(spaced), encoding="utf-8")
    assert said in refused(dprk, korea, *args, code=code)


def test_an_import_naming_a_declared_party_in_another_case_declares_it_once(dprk, korea, tmp_path):
    """A file whose parties and actor say 'us' beside the declared US: the US, as an
    option takes it (it was refused as declared already); one side, declared once."""
    doc = {"schema": 1, "parties": ["us"], "measures": [{"id": "x", "title": "X", "actor": "us"}]}
    (tmp_path / "parties.json").write_text(json.dumps(doc), encoding="utf-8")
    parties = tomllib.loads(korea.read_text(encoding="utf-8"))["parties"]
    result = dprk("import", str(tmp_path / "parties.json"))
    assert result.code == 0, result.err
    kept = tomllib.loads(korea.read_text(encoding="utf-8"))
    assert kept["parties"] == parties
    assert [m["actor"] for m in kept["measures"] if m["id"] == "x"] == ["US"]


def test_a_name_declared_already_is_refused_naming_each_way_the_names_differ(dprk, empty):
    """`add-party IRÁN` beside Iran said the names "differ only in punctuation or
    accents", though they differ in case too, and 'P5 1' beside P5+1 said the same of
    a space: the refusal names every kind of difference the names hold, and no other."""
    for name in ("Iran", "Ελλάδα", "Côte d'Ivoire", "P5+1", "U.N."):  # (and US)
        assert dprk("add-party", name).code == 0, name
    for typed, declared, how in (
        ("IRÁN", "Iran", "case and accents"),
        ("ΕΛΛΑΔΑ", "Ελλάδα", "case and accents"),
        ("COTE D IVOIRE", "Côte d'Ivoire", "case, spaces or hyphens, other punctuation and accents"),
        ("Cote d’Ivoire", "Côte d'Ivoire", "other punctuation and accents"),
        ("P5 1", "P5+1", "spaces or hyphens and other punctuation"),
        ("P5/1", "P5+1", "other punctuation"),
        ("U. N.", "U.N.", "spaces or hyphens"),  # (the same dots)
        ("u.s", "US", "case and dots"),
        ("р5+1", "P5+1", "case and characters that look alike or are not seen"),
    ):  # fmt: skip
        err = refused(dprk, empty, "add-party", typed)
        said = f"party '{declared}' is already declared (the names differ only in {how}); "
        assert err.startswith(f"dprk: error: {said}rename it with '"), err
        assert err.endswith("' if that is what you mean\n"), err
        advised = err.split("rename it with '", 1)[1].rsplit("' if that", 1)[0]
        assert shlex.split(advised) == ["dprk", "rename-party", declared, typed], advised
    # (the advice, followed, renames the declared party)
    assert dprk("rename-party", "Ελλάδα", "ΕΛΛΑΔΑ").code == 0
    assert "ΕΛΛΑΔΑ" in ledger_data(empty)["parties"]


def test_a_name_in_cyrillic_with_a_latin_look_alike_letter_names_the_same_side(dprk, empty):
    """'Россия' with a Latin o typed in it was a second party that read the same: added
    beside Россия, the actor of a measure of neither, its finding on Россия's own measure
    taken as verification. A Latin name was read through its look-alike letters; a name
    in Cyrillic alone was not. Both are, one way."""
    russia, typed = "Россия", "Р\u006fссия"  # (the second o is Latin)
    assert typed != russia
    assert dprk("add-party", russia).code == 0
    before = empty.read_bytes()
    added = dprk("add-party", typed)
    assert added.code == 1
    assert added.err.startswith(f"dprk: error: party '{russia}' is already declared")
    assert empty.read_bytes() == before
    assert dprk("add-measure", "Withdraw", "--actor", typed, "--id", "withdraw",
                "--status", "implemented", "--date", "2000-01-01").code == 0  # fmt: skip
    assert f'actor = "{russia}"' in empty.read_text(encoding="utf-8")
    before = empty.read_bytes()
    own = dprk("verify", "withdraw", "--by", typed, "--date", "2000-01-02")
    assert own.code == 1 and "own word is not verification" in own.err, own.err
    assert empty.read_bytes() == before
    assert dprk("check").out == "ok: no problems found\n"


def test_init_refuses_one_side_twice_and_check_finds_it_in_the_file(dprk, korea, tmp_path):
    result = dprk("--ledger", "new.toml", "init", "--party", "US", "--party", "us")
    assert result.code == 2 and not (tmp_path / "new.toml").exists()
    assert result.err == (
        "dprk: error: --party: party 'US' is already declared (names differ only in case)\n"
    )
    assert dprk("--ledger", "new.toml", "init", "--party", "US", "--party", "US").code == 0
    assert ledger_data(tmp_path / "new.toml")["parties"] == ["US"]
    # written by hand: check names it, as an error
    text = korea.read_text(encoding="utf-8")
    korea.write_text(text.replace('    "US",\n', '    "US",\n    "us",\n', 1), "utf-8")
    result = dprk("check", "--format", "json")
    assert result.code == 1
    found = [p for p in json.loads(result.out)["problems"] if p["check"] == "parties"]
    assert [p["severity"] for p in found] == ["error"]
    assert found[0]["message"].startswith("parties 'US' and 'us' name one side; keep one")
    # a write that leaves it as it was is not refused for it
    assert dprk("add-party", "Japan").code == 0
    # taking the twin out is a write like any; undoing it brings the file back as it was,
    # the twin with it, and says so (it was refused: the hand edit was left undoable)
    twins = korea.read_bytes()
    assert dprk("remove-party", "us").code == 0
    assert json.loads(dprk("check", "--format", "json").out)["errors"] == 0
    undone = dprk("undo")
    assert undone.code == 0
    assert undone.err.splitlines()[1] == (
        f"dprk: warning: {korea.name}: the ledger is back as it was, with an error the "
        "change had mended: parties 'US' and 'us' name one side; keep one: take the other "
        "out of the parties list, and give its measures the one kept; 'dprk check' lists it"
    )
    assert korea.read_bytes() == twins


def test_check_finds_two_parties_that_differ_only_in_spaces_or_hyphens(dprk, tmp_path):
    """A name is one party however spaced or hyphenated ('FARC EP' is FARC-EP): two
    such declared by hand are one side twice, which check names, as an error; taking
    the one no measure names out of the list, as it advises, mends it."""
    at = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--party", "Colombia", "--party", "FARC-EP").code == 0
    assert dprk("add-measure", "Hand over weapons", "--actor", "FARC-EP", "--id", "arms",
                "--date", "2016-11-24").code == 0  # fmt: skip
    text = at.read_text(encoding="utf-8")
    at.write_text(text.replace('    "FARC-EP",\n', '    "FARC-EP",\n    "FARC EP",\n', 1), "utf-8")
    result = dprk("check", "--format", "json")
    assert result.code == 1
    found = [p for p in json.loads(result.out)["problems"] if p["check"] == "parties"]
    assert [(p["severity"], p["message"]) for p in found] == [
        (
            "error",
            "parties 'FARC-EP' and 'FARC EP' name one side; keep one: take the other out of "
            "the parties list, and give its measures the one kept",
        )
    ]
    assert dprk("remove-party", "FARC EP").code == 0
    assert ledger_data(at)["parties"] == ["Colombia", "FARC-EP"]
    assert dprk("check").out == "ok: no problems found\n"


def test_a_party_named_without_its_letters_strokes_is_the_party_declared(dprk, tmp_path):
    """'lodz' was no party where 'Łódź' was declared ('did you mean Łódź?'), though a
    search and an id read the ł plain, and 'Lodz' could be declared beside 'Łódź' as a
    second side: a Latin letter no accent can be taken off is read as its plain letters
    in a party's name too, as an accent is left out."""
    at = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--party", "Łódź", "--party", "Strømsø").code == 0
    before = at.read_bytes()
    refused = dprk("add-party", "Lodz")
    assert refused.code != 0
    assert refused.err.startswith("dprk: error: party 'Łódź' is already declared"), refused.err
    assert at.read_bytes() == before
    for typed, ident in (("lodz", "a"), ("STROMSO", "b")):
        added = dprk("add-measure", ident, "--actor", typed, "--id", ident, "--date", "2020-01-01")
        assert added.code == 0, added.err
    assert [m["actor"] for m in ledger_data(at)["measures"]] == ["Łódź", "Strømsø"]
    assert dprk("status", "--party", "LODZ", "--format", "ids").out == "a\n"
    assert dprk("check").out == "ok: no problems found\n"


def test_a_former_name_written_without_its_strokes_is_known_as_the_former_name(dprk, tmp_path):
    """Once 'Łódź' was renamed, 'lódz' was known as its former name but 'Lodz' was no
    party at all, and `add-party Lodz` declared it: one side, two parties. A former name
    is known with its letters written plain as the current name is."""
    at = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--party", "Łódź", "--party", "US").code == 0
    assert (
        dprk("add-measure", "a", "--actor", "Łódź", "--id", "a", "--date", "2020-01-01").code == 0
    )
    assert dprk("rename-party", "Łódź", "Poland", "--date", "2021-01-01").code == 0
    before = at.read_bytes()
    for args in (("status", "--party", "Lodz"), ("add-party", "Lodz")):
        refused = dprk(*args)
        assert refused.code == 1, refused
        assert "party 'Lodz' was renamed Poland on 2021-01-01" in refused.err, refused.err
    assert at.read_bytes() == before
    added = dprk("add-measure", "d", "--actor", "LODZ", "--id", "d", "--date", "2020-06-01")
    assert added.code == 0, added.err
    assert [m["actor"] for m in ledger_data(at)["measures"]] == ["Poland", "Poland"]
    assert ledger_data(at)["parties"] == ["Poland", "US"]


def test_rename_party_everywhere(dprk, korea):
    before = korea.read_bytes()
    result = dprk("rename-party", "US", "USA")
    assert result.code == 0 and result.err == (
        "renamed party US to USA (5 measures changed) (from today; to correct it from the "
        "start: 'dprk undo', then 'dprk rename-party US USA --date 2018-06-12')\n"
    )
    data = ledger_data(korea)
    assert data["parties"] == ["DPRK", "ROK", "USA"]
    assert all(m["actor"] != "US" for m in data["measures"])
    inv = shown(dprk, "inventory-submission")
    assert inv["constraints"][0]["demanded_by"] == "DPRK"
    war = shown(dprk, "end-of-war-declaration")
    assert war["constraints"][0]["demanded_by"] == "USA"
    clean(dprk)
    undone(dprk, korea, before)


def test_rename_party_renames_the_findings_it_made_as_a_verifier(dprk, korea):
    """ROK confirmed a step: renamed, its findings (and their history entries, which the
    replay pairs with them by their words) name it by its new name; a finding by another
    verifier is left alone. It said '0 measures changed', and verified_by kept 'ROK'."""
    assert dprk("verify", "punggye-ri-closure", "--by", "rok", "--method", "site visit",
                "--date", "2018-06-01").code == 0  # fmt: skip
    assert dprk("verify", "punggye-ri-closure", "--by", "IAEA", "--date", "2018-06-02").code == 0
    before = korea.read_bytes()
    result = dprk("rename-party", "ROK", "South Korea")
    assert result.code == 0
    m = shown(dprk, "punggye-ri-closure")
    assert [(v["by"], v["method"]) for v in m["verifications"]] == [
        ("South Korea", "site visit"),
        ("IAEA", ""),
    ]
    assert m["verified_by"] == ["IAEA", "South Korea"]
    found = [h["detail"] for h in m["history"] if h["event"] == "verification"]
    assert found == ["confirmed by South Korea (site visit)", "confirmed by IAEA"]
    assert "punggye-ri-closure" in dprk("status", "--party", "DPRK", "--format", "ids").out
    clean(dprk)
    undone(dprk, korea, before)


def test_rename_party_renames_a_finding_by_it_recorded_in_another_case(dprk, korea):
    """A finding by 'iaea', recorded before IAEA was declared a party: 'rename-party IAEA'
    said '0 measures changed' and left it by 'iaea' (the measures were looked for by the
    name in its case alone), though a finding is the party's in any case."""
    assert dprk("verify", "punggye-ri-closure", "--by", "iaea", "--date", "2018-06-01").code == 0
    assert dprk("add-party", "IAEA").code == 0
    before = korea.read_bytes()
    result = dprk("rename-party", "IAEA", "Intl Atomic Energy Agency")
    assert (result.code, result.err) == (
        0,
        "renamed party IAEA to Intl Atomic Energy Agency (1 measure changed) (from today; to "
        "correct it from the start: 'dprk undo', then 'dprk rename-party IAEA \"Intl Atomic "
        "Energy Agency\" --date 2018-04-20')\n",
    )
    m = shown(dprk, "punggye-ri-closure")
    assert [v["by"] for v in m["verifications"]] == ["Intl Atomic Energy Agency"]
    assert m["verified_by"] == ["Intl Atomic Energy Agency"]
    clean(dprk)
    undone(dprk, korea, before)


def test_rename_party_without_a_date_says_it_is_from_today_and_how_to_date_it(dprk, tmp_path):
    """Egypt and Israel, 1979: 'rename-party Israel "State of Israel"' without --date is
    recorded today, on measures made in 1979, and said no more than '(2 measures
    changed)', where 'edit --actor' without --date says it counts from today and how to
    correct it from the start. The line says so too, with the rename dated on the first
    day of the measures it changed; followed, that is the day of its entry."""
    ledger = tmp_path / "dprk-ledger.toml"
    for args in (
        ("init", "--party", "Egypt", "--party", "Israel"),
        ("add-measure", "Withdraw from the Sinai", "--actor", "Israel", "--id", "sinai",
         "--date", "1979-03-26"),
        ("add-measure", "Hand over El Arish", "--actor", "Israel", "--id", "el-arish",
         "--date", "1979-05-25"),
        ("add-measure", "Open the Suez Canal", "--actor", "Egypt", "--id", "suez",
         "--date", "1979-04-25"),
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    before = ledger.read_bytes()
    result = dprk("rename-party", "Israel", "State of Israel")
    assert (result.code, result.out, result.err) == (
        0,
        "",
        "renamed party Israel to State of Israel (2 measures changed) (from today; to correct "
        "it from the start: 'dprk undo', then 'dprk rename-party Israel \"State of Israel\" "
        "--date 1979-03-26')\n",
    )
    assert ledger.read_bytes() != before
    assert ledger_data(ledger)["parties"] == ["Egypt", "State of Israel"]
    log = json.loads(dprk("log", "sinai", "--format", "json").out)
    assert [(e["date"], e["detail"]) for e in log if e["event"] == "edit"] == [
        (str(today()), "party Israel renamed State of Israel")
    ]
    # the advice, followed: the rename is dated on the measures' first day
    advised = result.err.split("then '")[1].split("')")[0]
    undone(dprk, ledger, before)
    followed = dprk(*shlex.split(advised)[1:])
    assert (followed.code, followed.out, followed.err) == (
        0,
        "",
        "renamed party Israel to State of Israel on 1979-03-26 (2 measures changed; 1 made "
        "after 1979-03-26 had the new name from the start (no entry))\n",
    )
    log = json.loads(dprk("log", "sinai", "--format", "json").out)
    assert [(e["date"], e["detail"]) for e in log if e["event"] == "edit"] == [
        ("1979-03-26", "party Israel renamed State of Israel")
    ]
    assert ledger_data(ledger)["parties"] == ["Egypt", "State of Israel"]
    clean(dprk)


def test_rename_party_with_a_date_or_of_measures_made_today_does_not_say_from_today(dprk, tmp_path):
    """The '(from today; ...)' of an undated rename is for one recorded today on measures
    made before: a rename given --date (today's included) is dated as typed, and one of
    measures all made today is from their start already; their lines say neither."""
    ledger = tmp_path / "dprk-ledger.toml"
    for args in (
        ("init", "--party", "Egypt", "--party", "Israel"),
        ("add-measure", "Withdraw from the Sinai", "--actor", "Israel", "--id", "sinai",
         "--date", "1979-03-26"),
        ("add-measure", "Open the Suez Canal", "--actor", "Egypt", "--id", "suez"),
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    for args, line in (
        (
            ("Israel", "State of Israel", "--date", "1979-04-01"),
            "Israel to State of Israel on 1979-04-01",
        ),
        (
            ("State of Israel", "Israel", "--date", str(today())),
            f"State of Israel to Israel on {today()}",
        ),
        (("Egypt", "Arab Republic of Egypt"), "Egypt to Arab Republic of Egypt"),
    ):
        before = ledger.read_bytes()
        result = dprk("rename-party", *args)
        assert (result.code, result.out, result.err) == (
            0,
            "",
            f"renamed party {line} (1 measure changed)\n",
        ), args
        assert ledger.read_bytes() != before
    assert ledger_data(ledger)["parties"] == ["Arab Republic of Egypt", "Israel"]
    clean(dprk)


def test_rename_party_is_refused_where_it_would_record_a_finding_twice(dprk, korea):
    """ROK and IAEA confirmed the same step on the same day: ROK renamed IAEA would hold
    one finding twice, which verify refuses to record."""
    for by in ("ROK", "IAEA"):
        assert dprk("verify", "punggye-ri-closure", "--by", by, "--date", "2018-06-01").code == 0
    err = refused(dprk, korea, "rename-party", "ROK", "IAEA")
    assert err == (
        "dprk: error: renaming ROK to IAEA would give 'punggye-ri-closure' the finding "
        "confirmed by IAEA on 2018-06-01 twice\n"
    )


def _typed_wrong(dprk, empty) -> None:
    """Two measures of the DPRK with findings by 'IEAE', typed for the IAEA: one partial,
    with its method, evidence and note, one confirmed."""
    for args in (
        ("add-measure", "Close Yongbyon", "--actor", "DPRK", "--id", "yongbyon", "--status",
         "implemented", "--date", "2018-06-01"),
        ("add-measure", "Close Sohae", "--actor", "DPRK", "--id", "sohae", "--status",
         "implemented", "--date", "2018-06-01"),
        ("verify", "yongbyon", "--by", "IEAE", "--result", "partial", "--method", "imagery",
         "--evidence", "report 7", "--note", "seen from orbit", "--date", "2018-07-01"),
        ("verify", "sohae", "--by", "IEAE", "--date", "2018-07-02"),
    ):  # fmt: skip
        assert dprk(*args).code == 0, args


def test_rename_verifier_corrects_a_name_typed_wrong_in_every_finding(dprk, empty):
    """'IEAE' typed for the IAEA in two findings: the fix was a drop-finding and a new
    verify for each, each method and note typed again (rename-party refused: no party).
    rename-verifier names every finding by it IAEA, in its record and its entry, and
    changes nothing else of the file: no entry says it (a correction of the typing, no
    event of the talks); undo and redo take it back and put it back."""
    _typed_wrong(dprk, empty)
    assert dprk("status", "--verified-by", "IEAE", "--format", "ids").out == "sohae\n"
    before = empty.read_bytes()
    result = dprk("rename-verifier", "ieae", "IAEA")  # (OLD in any case, as --by takes it)
    assert (result.code, result.out, result.err) == (
        0,
        "",
        "renamed verifier IEAE to IAEA (2 findings on 2 measures)\n",
    )
    after = empty.read_bytes()
    assert after == before.replace(b"IEAE", b"IAEA") and after != before
    assert dprk("status", "--verified-by", "IAEA", "--format", "ids").out == "sohae\n"
    assert dprk("status", "--verified-by", "IEAE", "--format", "ids").out == ""
    m = shown(dprk, "yongbyon")
    assert [(v["by"], v["method"], v["evidence"], v["note"]) for v in m["verifications"]] == [
        ("IAEA", "imagery", ["report 7"], "seen from orbit")
    ]
    clean(dprk)
    undone(dprk, empty, before)
    assert dprk("redo").code == 0 and empty.read_bytes() == after


def test_rename_verifier_to_a_party_names_it_as_declared(dprk, empty):
    """A verifier that is a party (ROK, of a DPRK measure) is one as `verify --by` takes
    it: NEW in another case is the declared party."""
    _typed_wrong(dprk, empty)
    before = empty.read_bytes()
    result = dprk("rename-verifier", "IEAE", "rok")
    assert (result.code, result.err) == (
        0,
        "renamed verifier IEAE to ROK (2 findings on 2 measures)\n",
    )
    assert empty.read_bytes() == before.replace(b"IEAE", b"ROK")
    clean(dprk)


def test_rename_verifier_refusals_leave_the_ledger_as_it_was(dprk, empty):
    """A name no finding gives (near one on record: "did you mean", as verify --by says
    it), one its findings give already, the measure's own actor, a typo of a party's name,
    and a finding its measure holds already under NEW (the record to drop named, as a
    party's rename names it): each refused, nothing written."""
    _typed_wrong(dprk, empty)
    assert (
        dprk("verify", "sohae", "--by", "IAEA", "--date", "2018-07-02", "--new-verifier").code == 0
    )
    for args, said in (
        (("IEEA", "IAEA"), "OLD: 'IEEA' is not a verifier on record, nor a declared party; "
         "did you mean IAEA or IEAE, verifiers on record?"),
        (("US", "IAEA"), "OLD: party 'US' has no finding on record; nothing to rename "
         "('dprk rename-party' renames a party)"),
        (("IEAE", "IEAE"), "NEW: 'IEAE' is the name its findings give already; nothing to "
         "rename"),
        (("IEAE", "DPRK"), "renaming verifier IEAE to DPRK would make the finding of 'sohae' "
         "by DPRK on 2018-07-02 the word of its own actor then (DPRK): a party's own word is "
         "not verification"),
        (("IEAE", "DPRKK"), "NEW: 'DPRKK' is not a declared party (declared: DPRK, US, ROK); "
         "did you mean DPRK? If 'DPRKK' is a verifier new to the ledger and no party, add "
         "--new-verifier"),
        (("IEAE", "IAEA"), "renaming verifier IEAE to IAEA would give 'sohae' the finding "
         "confirmed by IAEA on 2018-07-02 twice; drop the one by IEAE first ('dprk "
         "drop-finding sohae 3')"),
    ):  # fmt: skip
        assert refused(dprk, empty, "rename-verifier", *args) == f"dprk: error: {said}\n", args
    clean(dprk)


def _equipment_verified_twice(dprk, tmp_path) -> Path:
    """Syria's equipment destroyed on 31 October 2013, confirmed that day by the OPCW and
    again by 'OCPW', the OPCW typed wrong; the ledger."""
    for args in (
        ("init", "--party", "US", "--party", "Syria"),
        ("add-measure", "Destroy equipment", "--actor", "Syria", "--id", "equipment",
         "--status", "implemented", "--date", "2013-10-31"),
        ("verify", "equipment", "--by", "OPCW", "--date", "2013-10-31"),
        ("verify", "equipment", "--by", "OCPW", "--new-verifier", "--date", "2013-10-31"),
    ):  # fmt: skip
        result = dprk(*args)
        assert result.code == 0, (args, result.err)
    return tmp_path / "dprk-ledger.toml"


def test_a_rename_refused_for_a_finding_given_twice_says_when_the_drop_is_all(dprk, tmp_path):
    """The one finding by 'OCPW' repeats the OPCW's: the refusal said to drop it first,
    and the rename it implied, once the drop was made, was refused ('OCPW' is not a
    verifier on record). Dropping it is the whole correction, and the refusal says so;
    followed, nothing names 'OCPW'."""
    ledger = _equipment_verified_twice(dprk, tmp_path)
    err = refused(dprk, ledger, "rename-verifier", "OCPW", "OPCW")
    assert err == (
        "dprk: error: renaming verifier OCPW to OPCW would give 'equipment' the finding "
        "confirmed by OPCW on 2013-10-31 twice; drop the one by OCPW ('dprk drop-finding "
        "equipment 2'): no other finding or order names OCPW, so that is the whole "
        "correction\n"
    )
    followed = dprk("drop-finding", "equipment", "2")
    assert followed.code == 0, followed.err
    assert [v["by"] for v in shown(dprk, "equipment")["verifications"]] == ["OPCW"]
    clean(dprk)


@pytest.mark.parametrize("left", ["finding", "order"])
def test_a_rename_refused_for_a_finding_given_twice_is_made_after_the_drop(dprk, tmp_path, left):
    """Something else names 'OCPW' (a finding of another measure, or an order waiting for
    its finding): the drop comes first, and the rename after it goes through."""
    ledger = _equipment_verified_twice(dprk, tmp_path)
    assert dprk("add-measure", "Ease sanctions", "--actor", "US", "--id", "relief",
                "--status", "agreed", "--date", "2013-10-01").code == 0  # fmt: skip
    if left == "finding":
        more = ("add-measure", "Seal sites", "--actor", "Syria", "--id", "sites",
                "--status", "implemented", "--date", "2013-10-31")  # fmt: skip
        assert dprk(*more).code == 0
        assert dprk("verify", "sites", "--by", "OCPW", "--date", "2013-11-01").code == 0
    else:
        order = ("sequence", "relief", "--after", "equipment", "--require", "verified",
                 "--verified-by", "OCPW", "--date", "2013-11-01")  # fmt: skip
        assert dprk(*order).code == 0
    err = refused(dprk, ledger, "rename-verifier", "OCPW", "OPCW")
    assert err == (
        "dprk: error: renaming verifier OCPW to OPCW would give 'equipment' the finding "
        "confirmed by OPCW on 2013-10-31 twice; drop the one by OCPW first ('dprk "
        "drop-finding equipment 2')\n"
    )
    assert dprk("drop-finding", "equipment", "2").code == 0
    renamed = dprk("rename-verifier", "OCPW", "OPCW")
    assert renamed.code == 0, renamed.err
    ours = shown(dprk, "equipment", "sites" if left == "finding" else "relief")
    if left == "finding":
        assert [v["by"] for m in ours for v in m["verifications"]] == ["OPCW", "OPCW"]
    else:
        assert [c["verified_by"] for c in ours[1]["constraints"]] == ["OPCW"]
    clean(dprk)


def test_a_merge_refused_for_findings_of_several_measures_names_every_drop_at_once(dprk, tmp_path):
    """Two measures each holding a finding a merge would make its actor's own word: the
    refusal named the first measure's drop alone, and once it was followed the merge was
    refused again for the next. One refusal names every drop, of both kinds (its actor's
    own word, a finding given twice), across the measures; followed once, the merge goes
    through."""
    ledger = tmp_path / "dprk-ledger.toml"
    for args in (
        ("init", "--party", "DPRK", "--party", "US", "--party", "North Korea"),
        ("add-measure", "Free detainees", "--actor", "North Korea", "--id", "det", "--status",
         "implemented", "--date", "2018-05-09"),
        ("add-measure", "Close site", "--actor", "North Korea", "--id", "site", "--status",
         "implemented", "--date", "2018-05-24"),
        ("add-measure", "Joint exercise halt", "--actor", "US", "--id", "ex", "--status",
         "implemented", "--date", "2018-06-19"),
        ("verify", "det", "--by", "DPRK", "--date", "2018-05-10"),
        ("verify", "site", "--by", "DPRK", "--date", "2018-05-25", "--result", "partial"),
        ("verify", "ex", "--by", "DPRK", "--date", "2018-06-20"),
        ("verify", "ex", "--by", "North Korea", "--date", "2018-06-20"),
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    err = refused(dprk, ledger, "rename-party", "North Korea", "DPRK", "--merge")
    advice = "dprk drop-finding det 2 && dprk drop-finding ex 3 && dprk drop-finding site 2"
    assert err == (
        "dprk: error: renaming North Korea to DPRK would make the finding of 'det' by DPRK on "
        "2018-05-10 the word of its own actor then (DPRK): a party's own word is not "
        "verification; drop it and 2 more findings of 'ex' and 'site' (its actor's own word, "
        f"or given twice) first ('{advice}')\n"
    )
    for command in advice.split(" && "):
        followed = dprk(*shlex.split(command)[1:])
        assert followed.code == 0, followed.err
    merged = dprk("rename-party", "North Korea", "DPRK", "--merge")
    assert (merged.code, merged.out) == (0, "")
    assert merged.err == (
        "merged party North Korea into DPRK (2 measures changed) (from today; to correct it "
        "from the start: 'dprk undo', then 'dprk rename-party \"North Korea\" DPRK --date "
        "2018-05-09 --merge')\n"
    )
    assert [v["by"] for v in shown(dprk, "ex")["verifications"]] == ["DPRK"]
    assert tomllib.loads(ledger.read_text())["parties"] == ["DPRK", "US"]
    clean(dprk)


def test_a_merge_refused_for_a_finding_it_doubles_or_makes_own_word_names_the_drop(dprk, tmp_path):
    """대한민국 and ROK confirmed one step on one day: merging them was refused ('would
    give gp the finding ... twice') with no word of the fix, 'dprk drop-finding gp 4'. The
    refusal names it, by the number log gives (every doubled finding, the last first; a
    day's confirmations by verifier: 대한민국's after ROK's), and
    following it, the merge goes through; so does a merge that makes a finding the
    actor's own word."""
    ledger = tmp_path / "dprk-ledger.toml"
    for args in (
        ("init", "--party", "대한민국", "--party", "ROK", "--party", "DPRK"),
        ("add-measure", "GP 철수", "--actor", "DPRK", "--id", "gp", "--date", "2018-09-19",
         "--status", "agreed"),
        ("mark", "gp", "implemented", "--date", "2018-11-30"),
        ("verify", "gp", "--by", "대한민국", "--date", "2018-12-12"),
        ("verify", "gp", "--by", "ROK", "--date", "2018-12-12"),
    ):  # fmt: skip
        assert dprk(*args).code == 0
    err = refused(dprk, ledger, "rename-party", "대한민국", "ROK", "--merge")
    assert err == (
        "dprk: error: renaming 대한민국 to ROK would give 'gp' the finding confirmed by ROK on "
        "2018-12-12 twice; drop the one by 대한민국 first ('dprk drop-finding gp 4')\n"
    )
    # two doubled: both named, the later entry first (dropping one renumbers the rest)
    for by in ("ROK", "대한민국"):
        assert dprk("verify", "gp", "--by", by, "--result", "partial", "--date",
                    "2018-12-20").code == 0  # fmt: skip
    err = refused(dprk, ledger, "rename-party", "대한민국", "ROK", "--merge")
    assert err.endswith(
        "twice; drop the ones by 대한민국 first ('dprk drop-finding gp 6 && dprk drop-finding "
        "gp 4')\n"
    )
    for number in ("6", "4"):
        assert dprk("drop-finding", "gp", number).code == 0
    merged = dprk("rename-party", "대한민국", "ROK", "--merge")
    assert (merged.code, merged.out) == (0, "")
    assert merged.err.startswith("merged party 대한민국 into ROK")
    assert [v["by"] for v in shown(dprk, "gp")["verifications"]] == ["ROK", "ROK"]
    clean(dprk)
    # ROK verified its own step under another name: merged, it is its own word
    assert dprk("add-party", "South Korea").code == 0
    assert dprk("add-measure", "Remove GPs", "--actor", "ROK", "--id", "rok-gp", "--date",
                "2018-09-19", "--status", "implemented").code == 0  # fmt: skip
    assert dprk("verify", "rok-gp", "--by", "South Korea", "--date", "2018-12-12").code == 0
    err = refused(dprk, ledger, "rename-party", "South Korea", "ROK", "--merge")
    assert err == (
        "dprk: error: renaming South Korea to ROK would make the finding of 'rok-gp' by ROK "
        "on 2018-12-12 the word of its own actor then (ROK): a party's own word is not "
        "verification; drop it first ('dprk drop-finding rok-gp 2')\n"
    )
    assert dprk("drop-finding", "rok-gp", "2").code == 0
    assert dprk("rename-party", "South Korea", "ROK", "--merge").code == 0
    clean(dprk)


def test_party_refusals(dprk, korea):
    assert "already declared" in refused(dprk, korea, "rename-party", "US", "DPRK")
    assert "'Japan' is not a declared party" in refused(dprk, korea, "rename-party", "Japan", "J")
    err = refused(dprk, korea, "remove-party", "ROK")
    assert "named by 2 measures" in err and "rename-party" in err
    assert "did you mean DPRK?" in refused(dprk, korea, "remove-party", "DPRKK")
    # (in another case, the declared DPRK, named by measures: refused so)
    assert "named by" in refused(dprk, korea, "remove-party", "dprk")


def test_remove_a_party_nothing_names(dprk, korea):
    before = korea.read_bytes()
    assert dprk("add-party", "Japan").code == 0
    assert dprk("remove-party", "Japan").code == 0
    assert korea.read_bytes() == before
    assert dprk("undo").code == 0 and ledger_data(korea)["parties"][-1] == "Japan"


def test_a_party_the_history_names_as_a_fact_is_not_removed(dprk, empty):
    """ROK's 2018 demand was replaced by the US's: nothing names ROK now but the history,
    which --as-of reads. Removing ROK lost that demand from the past without a word."""
    for ident in ("a", "b"):
        assert dprk("add-measure", ident, "--actor", "US", "--date", "2018-01-01").code == 0
    dprk("sequence", "b", "--after", "a", "--demanded-by", "ROK", "--date", "2018-02-01")
    dprk("sequence", "b", "--after", "a", "--demanded-by", "US", "--date", "2018-03-01")
    err = refused(dprk, empty, "remove-party", "ROK")
    assert err == (
        "dprk: error: party 'ROK' is named in the history of 1 measure (b): an order it "
        "demanded, or a measure it was to carry out, then; that past is kept, so it can go "
        "only with those measures ('dprk remove ID'); 'dprk rename-party ROK NEW' corrects "
        "its name, there too (with --typo, NEW a party declared: one side written two ways "
        "made one from the start; with --merge --date D, two sides made one from that day)\n"
    )


def test_the_advice_of_a_refused_party_removal_is_one_that_works(dprk, empty):
    """'change those first (e.g. dprk edit ID --actor OTHER)': the hand-over was taken,
    and the removal refused again, as the history names the party; renaming it as
    advised looped. What the message now advises removes it."""
    assert dprk("add-measure", "M", "--actor", "ROK", "--id", "m", "--date", "2018-01-01").code == 0
    err = refused(dprk, empty, "remove-party", "ROK")
    assert err == (
        "dprk: error: party 'ROK' is named by 1 measure (m); a party that carried out or "
        "demanded a measure stays in its history (a hand-over to another keeps it there): "
        "'dprk rename-party ROK NEW' corrects its name (with --typo, NEW a party declared: "
        "one side written two ways made one from the start; with --merge --date D, two sides "
        "made one from that day), and it can go only with those measures ('dprk remove ID')\n"
    )
    assert dprk("edit", "m", "--actor", "US", "--date", "2018-02-01").code == 0
    assert "that past is kept" in refused(dprk, empty, "remove-party", "ROK")
    assert dprk("remove", "m").code == 0
    removed = dprk("remove-party", "ROK")
    assert (removed.code, removed.err) == (0, "removed party ROK\n")
    assert "ROK" not in ledger_data(empty)["parties"]


def test_an_error_a_hand_edit_left_does_not_stop_an_unrelated_party_change(dprk, korea):
    """A hand edit gave one measure an actor nobody declared. Declaring another party,
    or renaming one that measure does not name, adds no error, yet both were refused
    with that measure's error, as if the change had made it."""
    korea.write_bytes(korea.read_bytes().replace(b'actor = "ROK"', b'actor = "Japan"', 1))
    before = korea.read_bytes()
    added = dprk("add-party", "China")
    assert (added.code, added.err) == (0, "added party China\n")
    assert ledger_data(korea)["parties"][-1] == "China"
    renamed = dprk("rename-party", "US", "USA")
    assert renamed.code == 0 and renamed.err.startswith("renamed party US to USA")
    assert "USA" in ledger_data(korea)["parties"]
    assert "actor 'Japan' is not a declared party" in dprk("check").out
    assert dprk("undo").code == 0 and dprk("undo").code == 0
    assert korea.read_bytes() == before


def test_edit_ledger_title(dprk, korea):
    before = korea.read_bytes()
    assert dprk("edit-ledger", "--title", "US–DPRK talks, 2018–2019").code == 0
    assert ledger_data(korea)["title"] == "US–DPRK talks, 2018–2019"
    edited = korea.read_bytes()
    again = dprk("edit-ledger", "--title", "US–DPRK talks, 2018–2019")
    assert (again.code, again.err) == (0, "title: already so; nothing changed\n")
    assert korea.read_bytes() == edited
    undone(dprk, korea, before)


# --- the rejected status ------------------------------------------------------------------------


def test_the_hanoi_proposal_is_rejected_not_withdrawn(dprk, korea):
    assert (
        dprk(
            "add-measure",
            "DPRK dismantles the Yongbyon nuclear complex",
            "--id",
            "yongbyon",
            "--actor",
            "DPRK",
            "--date",
            "2019-02-27",
        ).code
        == 0
    )
    assert (
        dprk(
            "add-measure",
            "UN Security Council lifts five sanctions resolutions",
            "--id",
            "lift-five-resolutions",
            "--actor",
            "US",
            "--in-exchange-for",
            "yongbyon",
            "--date",
            "2019-02-27",
        ).code
        == 0
    )
    result = dprk("mark", "yongbyon", "lift-five-resolutions", "rejected", "--date", "2019-02-28")
    assert result.code == 0, result.err
    assert result.err.splitlines() == [
        "yongbyon: rejected on 2019-02-28",
        "lift-five-resolutions: rejected on 2019-02-28",
    ]
    doc = json.loads(dprk("status", "--format", "json").out)
    assert doc["parties"]["DPRK"]["rejected"] == 1 and doc["parties"]["US"]["rejected"] == 1
    m = next(x for x in doc["measures"] if x["id"] == "yongbyon")
    assert (m["status"], m["pending"], m["acted"]) == ("rejected", False, False)
    assert "yongbyon" not in dprk("next", "--format", "ids").out.split()
    assert "rejected" in dprk("status", "--status", "rejected").out
    page = dprk("report", "--output", "-").out
    assert "rejected" in page
    clean(dprk)
    # only a pending measure (proposed or agreed) can be rejected
    err = refused(dprk, korea, "mark", "punggye-ri-closure", "rejected", "--date", "2018-06-01")
    assert "only a pending measure (proposed or agreed) can be rejected" in err


# --- small things users tripped on ---------------------------------------------------------------


def test_a_missing_ledger_named_on_the_command_line_says_how_to_create_it(dprk):
    result = dprk("--ledger", "nope.toml", "status")
    assert result.code == 1
    assert "run 'dprk --ledger nope.toml init'" in result.err


def test_a_party_in_another_case_is_taken_and_one_misspelt_is_suggested(dprk, korea):
    """(`--party dprk` was refused, 'did you mean DPRK?': it is the declared DPRK, as
    every option that names a party takes it.)"""
    result = dprk("status", "--party", "dprk", "--format", "json")
    assert result.code == 0
    assert result.out == dprk("status", "--party", "DPRK", "--format", "json").out
    result = dprk("status", "--party", "DPRKK")
    assert result.code == 1 and "did you mean DPRK?" in result.err


def test_ids_from_titles_without_latin_letters_come_from_actor_and_date(dprk, korea):
    result = dprk("add-measure", "영변 핵시설 폐기", "--actor", "DPRK", "--date", "2019-02-27")
    assert result.out == "dprk-2019-02-27\n"
    again = dprk("add-measure", "영변", "--actor", "DPRK", "--date", "2019-02-27")
    assert again.out == "dprk-2019-02-27-2\n"


def test_completion_knows_the_new_commands(korea, tmp_path):
    result = _complete(tmp_path, "bash", "dprk re", cword=1)
    assert {"redate", "remove", "remove-party", "rename", "rename-party", "report"} <= set(
        result.out.split()
    )
    ids = _complete(tmp_path, "bash", "dprk redate tong", cword=2)
    assert ids.out.split() == ["tongchang-ri-dismantlement"]
    parties = _complete(tmp_path, "bash", "dprk rename-party R", cword=2)
    assert parties.out.split() == ["ROK"]


def test_corrections_stay_out_of_the_timeline_but_not_the_log(dprk, korea):
    assert dprk("redate", "tongchang-ri-dismantlement", "2", "2018-07-24").code == 0
    assert (
        dprk("edit", "second-summit", "--title", "A second summit", "--date", "2018-09-11").code
        == 0
    )
    events = json.loads(dprk("timeline", "--format", "json").out)["events"]
    assert not [e for e in events if e["event"] in ("correction", "edit")]
    log = json.loads(dprk("log", "--format", "json").out)
    assert {"correction", "edit"} <= {e["event"] for e in log}


def test_log_lists_a_creation_before_the_same_day_entries_recorded_earlier(
    dprk, empty, monkeypatch
):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000100")
    assert dprk("add-measure", "X", "--id", "x", "--actor", "US", "--date", "2018-01-01").code == 0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # a clock set back: recorded earlier
    assert dprk("note", "x", "same day", "--date", "2018-01-01").code == 0
    log = json.loads(dprk("log", "--format", "json").out)
    assert [(e["n"], e["event"]) for e in log] == [(1, "created"), (2, "note")]


def test_no_pager_for_any_report(dprk, korea, monkeypatch, tmp_path):
    monkeypatch.setenv("LINES", "10")
    monkeypatch.setenv("COLUMNS", "200")
    paged = tmp_path / "paged.txt"
    monkeypatch.setenv("DPRK_PAGER", f"cat > {paged}")
    assert dprk("log", tty=True).out == "" and paged.exists()
    paged.unlink()
    out = dprk("--no-pager", "log", tty=True).out
    assert "punggye-ri-closure" in out and not paged.exists()
    assert dprk("log", tty=True).out == ""  # the next command pages again


def test_messages_count_in_words(dprk, tmp_path):
    result = dprk("init", "--party", "US")
    assert result.err == "created dprk-ledger.toml (1 party, 0 measures)\n"
    (tmp_path / "one.json").write_text('[{"id": "a", "title": "A", "actor": "US"}]')
    assert dprk("import", "one.json").err.startswith("imported 1 measure from one.json")


def test_an_edit_s_history_entry_shows_values_as_they_were_typed(dprk, empty):
    """The entry of an edit quotes old and new values as typed: a backslash once, an
    apostrophe as is, the line breaks of a note as spaces. It showed them as Python
    writes strings ('It\\'s', 'C:\\\\x', '\\n')."""
    assert dprk("add-measure", "M", "--actor", "US", "--id", "m", "--date", "2018-01-01").code == 0
    assert dprk("edit", "m", "--title", "It's C:\\x", "--date", "2018-01-02").code == 0
    assert dprk("edit", "m", "--notes", "one\ntwo", "--date", "2018-01-03").code == 0
    log = json.loads(dprk("log", "m", "--format", "json").out)
    assert [e["detail"] for e in log if e["event"] == "edit"] == [
        "title: 'M' -> 'It's C:\\x'",
        "notes: (none) -> 'one two'",
    ]
    assert json.loads(dprk("show", "m", "--format", "json").out)["notes"] == "one\ntwo"


def test_a_party_renamed_on_a_date_before_some_of_its_measures(dprk, empty):
    """Renamed on the day it happened, with measures created after it: each of those took
    the party under its new name (renamed on its creation). The rename was refused, 'the
    edit entry comes before its creation'."""
    for ident, day in (("x", "2018-01-01"), ("y", "2019-01-01")):
        assert dprk("add-measure", ident.upper(), "--actor", "DPRK", "--id", ident,
                    "--date", day).code == 0  # fmt: skip
    result = dprk("rename-party", "DPRK", "NK", "--date", "2018-06-01")
    assert result.code == 0, result.err
    assert result.err == (
        "renamed party DPRK to NK on 2018-06-01 (2 measures changed; 1 made after 2018-06-01 "
        "had the new name from the start (no entry))\n"
    )
    # (y was made under the new name: its history is what it would be had it been
    # added after the rename, in any typing order; it had an entry dated by its making)
    dates = {
        ident: [e["date"] for e in json.loads(dprk("log", ident, "--format", "json").out)
                if e["event"] == "edit"]
        for ident in ("x", "y")
    }  # fmt: skip
    assert dates == {"x": ["2018-06-01"], "y": []}
    assert json.loads(dprk("show", "y", "--format", "json").out)["actor"] == "NK"
    assert dprk("check").code == 0
    assert dprk("rename-party", "NK", "N K", "--date", "2019-06-01").err == (
        "renamed party NK to N K on 2019-06-01 (2 measures changed)\n"
    )


def test_a_party_renames_date_corrected_on_one_measure_moves_on_every_one(dprk, empty):
    """The INF Treaty: 'rename-party USSR Russia --date 1991-12-26' records the rename on
    each Soviet measure; redating it on one (to 1991-12-25) moved that copy alone, so the
    measures named the party two ways on the day between, and check said ok. The rename
    has one date: the correction moves it on every measure that records it, and the line
    names them."""
    assert dprk("init", "--party", "US", "--party", "USSR", "--force").code == 0
    for ident, actor, day in (
        ("ss20", "USSR", "1988-06-01"),
        ("ss4", "USSR", "1988-06-01"),
        ("p2", "US", "1988-06-01"),
        ("ss23", "USSR", "1990-01-01"),
    ):
        made = dprk("add-measure", ident.upper(), "--actor", actor, "--id", ident, "--date", day)
        assert made.code == 0, made.err
    assert dprk("rename-party", "USSR", "Russia", "--date", "1991-12-26").code == 0
    moved = dprk("redate", "ss20", "2", "1991-12-25")
    assert moved.code == 0, moved.err
    assert moved.err == (
        "ss20: entry 2 (the rename of USSR to Russia of 1991-12-26) now dated 1991-12-25, and "
        "the same "
        "rename on ss23 (its entry 2) and ss4 (its entry 2); ss20 is proposed\n"
    )
    for ident in ("ss20", "ss23", "ss4"):
        log = json.loads(dprk("log", ident, "--format", "json").out)
        assert [e["date"] for e in log if e["detail"] == "party USSR renamed Russia"] == [
            "1991-12-25"
        ], ident
        assert log[-1]["detail"] == (
            "the rename of USSR to Russia of 1991-12-26 redated to 1991-12-25"
        )
    assert "party USSR renamed" not in json.dumps(
        json.loads(dprk("log", "p2", "--format", "json").out)
    )
    assert dprk("check").out == "ok: no problems found\n"
    # (a measure made after the day asked had the new name from the start: its record
    # goes, as 'rename-party --date 1989-06-01' would have written none)
    early = dprk("redate", "ss20", "2", "1989-06-01")
    assert (early.code, early.out) == (0, "")
    assert early.err == (
        "ss20: entry 2 (the rename of USSR to Russia of 1991-12-25) now dated 1989-06-01, and "
        "the same rename on ss4 (its entry 2), and the rename dropped from ss23 (its entry "
        "2), made after that day: the new name from the start (a correction there says so); "
        "ss20 is proposed\n"
    )
    assert "party USSR renamed" not in dprk("log", "ss23").out
    assert json.loads(dprk("log", "ss23", "--format", "json").out)[-1]["detail"] == (
        "the rename of USSR to Russia of 1991-12-25 redated to 1989-06-01, before this measure "
        "was made: dropped here"
    )
    assert dprk("check").out == "ok: no problems found\n"
    # (undone, as one change each: every copy back on its day)
    assert dprk("undo").code == 0
    assert dprk("undo").code == 0
    for ident in ("ss20", "ss23", "ss4"):
        log = json.loads(dprk("log", ident, "--format", "json").out)
        assert [e["date"] for e in log if e["detail"] == "party USSR renamed Russia"] == [
            "1991-12-26"
        ], ident


def test_a_party_rename_redated_leaves_the_ledger_the_rename_on_that_day_leaves(
    dprk, tmp_path, monkeypatch
):
    """'rename-party "Armenian forces" Armenia --date 2020-12-01', then the rename redated
    to 2021-02-01: transport, made 2021-01-11, got no entry, so with aghdam removed the
    old name was forgotten and 'add-party "Armenian forces"' made one side two parties.
    A redated rename leaves every measure as the rename typed on the new day would:
    later, the measure made between gets the entry; earlier, the reverse."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # (one second: same records)

    def ledger(name: str, day: str) -> Path:
        (tmp_path / name).mkdir()
        monkeypatch.chdir(tmp_path / name)
        for args in (
            ("init", "--party", "Armenian forces", "--party", "Azerbaijan"),
            ("add-measure", "Aghdam", "--actor", "Armenian forces", "--id", "aghdam",
             "--status", "agreed", "--date", "2020-11-10"),
            ("add-measure", "Transport", "--actor", "Armenian forces", "--id", "transport",
             "--status", "agreed", "--date", "2021-01-11"),
            ("rename-party", "Armenian forces", "Armenia", "--date", day),
        ):  # fmt: skip
            assert dprk(*args).code == 0
        return tmp_path / name / "dprk-ledger.toml"

    direct = {
        day: ledger(f"direct-{day}", day).read_bytes() for day in ("2020-12-01", "2021-02-01")
    }
    correction = (
        '\n[[measures.history]]\ndate = {}\nevent = "correction"\n'
        'detail = "the rename of Armenian forces to Armenia of {} redated to {}{}"\n'
        "recorded = 2023-11-14 22:13:20+00:00\n"
    )
    there = " (a correction there says so)"
    for was, day, said, here in (
        ("2020-12-01", "2021-02-01", f"the rename written on transport (its entry 2), made before that day{there}",
         ", on or after the day this measure was made: written here"),
        ("2021-02-01", "2020-12-01", "the rename dropped from transport (its entry 2), made after "
         f"that day: the new name from the start{there}", ", before this measure was made: dropped here"),
    ):  # fmt: skip
        path = ledger(f"redated-{day}", was)
        moved = dprk("redate", "aghdam", "2", day)
        assert (moved.code, moved.out) == (0, ""), moved.err
        assert moved.err == (
            f"aghdam: entry 2 (the rename of Armenian forces to Armenia of {was}) now dated "
            f"{day}, and {said}; aghdam is agreed\n"
        )
        # (byte for byte the rename typed on that day, but for each measure's record of the
        # redate: transport's says what became of its entry)
        text = direct[day].decode()
        at = text.index("[[measures]]", text.index('id = "aghdam"'))
        expected = (
            text[: at - 1]
            + correction.format(today(), was, day, "")
            + "\n"
            + text[at:]
            + correction.format(today(), was, day, here)
        )
        assert path.read_text() == expected
        assert dprk("check").out == "ok: no problems found\n"
        # (the old name known as after the rename typed on that day: transport records it)
        assert dprk("remove", "aghdam").code == 0
        before = path.read_bytes()
        again = dprk("add-party", "Armenian forces")
        if day == "2021-02-01":
            assert (again.code, again.out) == (1, "")
            assert again.err == (
                "dprk: error: party 'Armenian forces' was renamed Armenia on 2021-02-01, as "
                "the ledger's measures record it: declared again, one side would be two "
                "parties; give Armenia where you mean it\n"
            )
            assert path.read_bytes() == before
    # (on the measure made after the new day: refused, naming the one to redate it on)
    path = ledger("refused", "2021-02-01")
    before = path.read_bytes()
    refused = dprk("redate", "transport", "2", "2020-12-01")
    assert (refused.code, refused.out) == (1, "")
    assert refused.err == (
        "dprk: error: transport: the rename would be dated 2020-12-01, before 'transport' was "
        "created (2021-01-11): it then had the new name from the start; 'dprk redate aghdam 2 "
        "2020-12-01' moves it on every measure\n"
    )
    assert path.read_bytes() == before


def test_a_rename_redated_later_writes_none_on_a_measure_given_under_the_new_name_since(
    dprk, tmp_path, monkeypatch, tick
):
    """'rename-party A B --merge --date 2018-02-01', then y added under B on 2018-03-01
    (B's own: B was a party before), then the merge redated to 2018-04-01: y got "party A
    renamed B", as if A's. The ledger cannot tell a merge's entry from a rename's; a
    measure given under the new name after the rename was typed records none, as
    'add-measure' gives it: merged or not, the ledger is the one the same commands leave
    with the rename typed on the new day."""

    def ledger(name: str, day: str, merge: bool) -> Path:
        (tmp_path / name).mkdir()
        monkeypatch.chdir(tmp_path / name)
        for args in (
            ("init", "--party", "A", *(("--party", "B") if merge else ())),
            ("add-measure", "x", "--actor", "A", "--id", "x", "--date", "2018-01-01"),
            ("rename-party", "A", "B", "--date", day, *(("--merge",) if merge else ())),
            ("add-measure", "y", "--actor", "B", "--id", "y", "--date", "2018-03-01"),
        ):
            tick()  # (each recorded after the one before, as typed)
            assert dprk(*args).code == 0
        return tmp_path / name / "dprk-ledger.toml"

    def untimed(text: str) -> str:
        return re.sub(r"recorded = .*", "recorded = -", text)

    correction = (
        '\n[[measures.history]]\ndate = {}\nevent = "correction"\n'
        'detail = "the rename of A to B of 2018-02-01 redated to 2018-04-01"\nrecorded = -\n'
    )
    for merge in (True, False):
        kind = "merge" if merge else "rename"
        text = untimed(ledger(f"direct-{kind}", "2018-04-01", merge).read_text())
        path = ledger(f"redated-{kind}", "2018-02-01", merge)
        tick()
        moved = dprk("redate", "x", "2", "2018-04-01")
        assert (moved.code, moved.out) == (0, ""), moved.err
        assert moved.err == (
            "x: entry 2 (the rename of A to B of 2018-02-01) now dated 2018-04-01; x is proposed\n"
        )
        assert "renamed" not in dprk("log", "y").out
        # (the rename typed on that day, but for x's record of the redate and the times)
        at = text.index("[[measures]]", text.index('id = "x"'))
        expected = text[: at - 1] + correction.format(today()) + "\n" + text[at:]
        assert untimed(path.read_text()) == expected
        assert dprk("check").out == "ok: no problems found\n"


def test_a_rename_renamed_on_since_redated_later_is_written_on_each_measure_it_renamed(
    dprk, tmp_path, monkeypatch, tick
):
    """A renamed B on 2018-02-01, then B renamed C (or merged into C) on 2018-05-01; y,
    A's, made 2018-03-01, records only the second. The first redated to 2018-04-01 was
    written on no measure naming C: y got no "party A renamed B". Each measure is asked
    by the name its party has now, as its record says, so the ledger is the one the same
    commands leave with the rename typed on the new day; w, C's own, records none."""

    def ledger(name: str, day: str, merge: bool) -> Path:
        (tmp_path / name).mkdir()
        monkeypatch.chdir(tmp_path / name)
        for args in (
            ("init", "--party", "A", *(("--party", "C") if merge else ())),
            ("add-measure", "x", "--actor", "A", "--id", "x", "--date", "2018-01-01"),
            ("add-measure", "y", "--actor", "A", "--id", "y", "--date", "2018-03-01"),
            *((("add-measure", "w", "--actor", "C", "--id", "w", "--date", "2018-03-01"),)
              if merge else ()),
            ("rename-party", "A", "B", "--date", day),
            ("rename-party", "B", "C", "--date", "2018-05-01", *(("--merge",) if merge else ())),
        ):  # fmt: skip
            tick()  # (each recorded after the one before, as typed)
            assert dprk(*args).code == 0
        return tmp_path / name / "dprk-ledger.toml"

    def untimed(text: str) -> str:
        return re.sub(r"recorded = .*", "recorded = -", text)

    correction = (
        '\n[[measures.history]]\ndate = {}\nevent = "correction"\n'
        'detail = "the rename of A to B of 2018-02-01 redated to 2018-04-01{}"\nrecorded = -\n'
    )
    for merge in (False, True):
        kind = "merge" if merge else "rename"
        text = untimed(ledger(f"direct-{kind}", "2018-04-01", merge).read_text())
        path = ledger(f"redated-{kind}", "2018-02-01", merge)
        tick()
        moved = dprk("redate", "x", "2", "2018-04-01")
        assert (moved.code, moved.out) == (0, ""), moved.err
        assert moved.err == (
            "x: entry 2 (the rename of A to B of 2018-02-01) now dated 2018-04-01, and the "
            "rename written on y (its entry 2), made before that day (a correction there says "
            "so); x is proposed\n"
        )
        log = json.loads(dprk("log", "y", "--format", "json").out)
        assert [(e["date"], e["detail"]) for e in log[1:]] == [
            ("2018-04-01", "party A renamed B"),
            ("2018-05-01", "party B renamed C" + (" (a merge)" if merge else "")),
            (
                str(today()),
                "the rename of A to B of 2018-02-01 redated to 2018-04-01, on or after the day "
                "this measure was made: written here",
            ),
        ]
        # (the renames typed on those days, but for the records of the redate, x's and y's,
        # and the times)
        at = text.index("[[measures]]", text.index('id = "x"'))
        written = ", on or after the day this measure was made: written here"
        expected = (
            text[: at - 1]
            + correction.format(today(), "")
            + "\n"
            + text[at:]
            + correction.format(today(), written)
        )
        assert untimed(path.read_text()) == expected
        assert dprk("check").out == "ok: no problems found\n"


def test_a_rename_of_a_party_no_measure_names_says_the_old_name_is_known_no_more(dprk, empty):
    """A party with no measure renamed said only '(0 measures changed)': no entry
    records the old name, which then reads as another party ('add-party Japan' is
    taken) and which a merge cannot follow. The line says so."""
    assert dprk("add-party", "Japan").code == 0
    renamed = dprk("rename-party", "Japan", "JPN")
    assert (renamed.code, renamed.out) == (0, "")
    assert renamed.err == (
        "renamed party Japan to JPN (0 measures changed); no measure records the old name, so "
        "'Japan' reads as another party from now on (a merge with a copy still naming it "
        "cannot tell the rename from a removal)\n"
    )
    before = empty.read_bytes()
    assert dprk("add-party", "Japan").code == 0  # (as the line said)
    assert empty.read_bytes() != before
    assert dprk("check").out == "ok: no problems found\n"


def test_a_hand_over_recorded_after_a_rename_keeps_the_rename_s_time(dprk, empty, monkeypatch):
    """A hand-over under the old name, dated before the rename, recorded a second or more
    after it, wrote the rename's entry with the hand-over's time: a rename's entries are
    one rename by their time, so a redate of it moved it on every measure but that one
    (two days for one rename, and check said ok). The entry keeps the rename's time."""
    clock = iter(range(1700000000, 1700000100, 5))
    for args in (
        ("add-measure", "Freeze", "--actor", "DPRK", "--id", "freeze", "--date", "1994-10-21"),
        ("rename-party", "DPRK", "NK", "--date", "2000-01-01"),
        ("add-measure", "Talks", "--actor", "US", "--id", "talks", "--date", "1994-10-21"),
        ("edit", "talks", "--actor", "DPRK", "--date", "1996-06-01"),
    ):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(next(clock)))
        assert dprk(*args).code == 0, args
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(next(clock)))
    moved = dprk("redate", "freeze", "2", "1998-01-01")
    assert moved.code == 0, moved.err
    assert moved.err == (
        "freeze: entry 2 (the rename of DPRK to NK of 2000-01-01) now dated 1998-01-01, and the same "
        "rename on talks (its entry 3); freeze is proposed\n"
    )
    days = {
        (h["id"], h["date"])
        for h in json.loads(dprk("log", "--format", "json").out)
        if h["detail"] == "party DPRK renamed NK"
    }
    assert days == {("freeze", "1998-01-01"), ("talks", "1998-01-01")}
    assert dprk("check").out == "ok: no problems found\n"


def test_a_measure_made_before_a_rename_under_the_old_name_records_it(dprk, tmp_path, monkeypatch):
    """'add-measure --actor DPRK --date D', D before DPRK's rename, was refused, advising
    the new name, where an import of the same row wrote it with the rename's entry. Given
    under the old name on a day it had it (added, imported, handed over), a measure is
    read as the party's and records the rename, as the rename left those made by then.
    Given under the new name it records none: after 'rename-party --merge' the new name
    was a party of its own, whose measures were never the old one's."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # (one second: same records)

    def ledger(name: str, *last: tuple[str, ...], merge: bool = False) -> Path:
        (tmp_path / name).mkdir()
        monkeypatch.chdir(tmp_path / name)
        renamed = ("rename-party", "DPRK", "North Korea", "--date", "2008-01-01")
        for args in (
            ("init", "--party", "DPRK", "--party", "US", "--party", "North Korea"),
            ("add-measure", "Shut", "--actor", "DPRK", "--id", "shut", "--date", "2007-02-13"),
            (*renamed, "--merge") if merge else ("remove-party", "North Korea"),
            *(() if merge else (renamed,)),
            *last,
        ):
            done = dprk(*args)
            assert done.code == 0, (args, done.err)
        assert dprk("check").out == "ok: no problems found\n", name
        return tmp_path / name / "dprk-ledger.toml"

    def renames(ident: str) -> list[str]:
        log = json.loads(dprk("log", ident, "--format", "json").out)
        return [h["date"] for h in log if h["detail"] == "party DPRK renamed North Korea"]

    add = ("add-measure", "Monitors", "--id", "monitors", "--date", "2007-05-01", "--actor")
    ledger("old", (*add, "DPRK"))
    assert json.loads(dprk("show", "monitors", "--format", "json").out)["actor"] == "North Korea"
    assert renames("monitors") == ["2008-01-01"]
    ledger("new", (*add, "North Korea"))
    assert renames("monitors") == []
    for merge in (False, True):  # (a party merged into another: its own measure is its own)
        ledger(f"merged-{merge}", (*add, "North Korea"), merge=merge)
        assert renames("monitors") == []
    # (imported under the old name: the same entry; under the new, none)
    for name, said in (("DPRK", ["2008-01-01"]), ("North Korea", [])):
        row = json.dumps([{"id": "hfo", "title": "HFO", "actor": name, "date": "2007-05-02"}])
        ledger(f"import-{name}")
        assert dprk("import", "-", stdin=row).code == 0
        assert renames("hfo") == said
        assert dprk("check").out == "ok: no problems found\n"
    # (handed over under the old name before the rename)
    ledger(
        "handed",
        ("add-measure", "Held", "--actor", "US", "--id", "held", "--date", "2007-01-01"),
        ("edit", "held", "--actor", "DPRK", "--date", "2007-06-01"),
    )
    assert renames("held") == ["2008-01-01"]
    # (the old name on a day after the rename: refused, the new name advised, which works)
    path = ledger("after")
    before = path.read_bytes()
    late = dprk("add-measure", "Late", "--actor", "DPRK", "--id", "late", "--date", "2008-02-01")
    assert (late.code, late.out) == (1, "")
    assert late.err == (
        "dprk: error: --actor: party 'DPRK' was renamed North Korea on 2008-01-01; give "
        '"North Korea"\n'
    )
    assert path.read_bytes() == before


def test_a_former_name_typed_in_another_spelling_repeats_the_rename_as_written(
    dprk, tmp_path, monkeypatch
):
    """A party's former name typed in another case or spelling ('kpnlf', 'K.P.N.L.F.'),
    on a day it was the party's, wrote the rename's entry with the spelling typed: one
    rename read as two, whose redate moved only the entries spelt as the rename wrote
    them. Added, handed over or imported so, the measure repeats the rename's entry as
    written: the same ledger as the name typed as declared leaves."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # (one second: same records)
    row = '[{"id": "mines", "title": "Mark minefields", "actor": "%s", "date": "1992-02-01"}]'
    ways = {
        "add-measure": lambda name: [
            ("add-measure", "Mark minefields", "--actor", name, "--id", "mines",
             "--date", "1992-02-01"),
        ],
        "edit": lambda name: [
            ("add-measure", "Mark minefields", "--actor", "SOC", "--id", "mines",
             "--date", "1992-01-01"),
            ("edit", "mines", "--actor", name, "--date", "1992-02-01"),
        ],
        "import": lambda name: [("import", "-", row % name)],
    }  # fmt: skip

    def ledger(way: str, name: str) -> tuple[bytes, str, str]:
        """The ledger's bytes once `name` is given by `way`, the rename's log line on mines,
        and what the rename's redate says (which moves every entry of it, checked here)."""
        (tmp_path / f"{way}-{name}").mkdir()
        monkeypatch.chdir(tmp_path / f"{way}-{name}")
        for args in (
            ("init", "--party", "SOC", "--party", "KPNLF"),
            ("add-measure", "Canton forces", "--actor", "KPNLF", "--id", "canton",
             "--date", "1991-10-23"),
            ("rename-party", "KPNLF", "BLDP", "--date", "1992-05-01"),
            *ways[way](name),
        ):  # fmt: skip
            *args, stdin = args if args[0] == "import" else (*args, "")
            done = dprk(*args, stdin=stdin)
            assert done.code == 0, (args, done.err)
        written = (tmp_path / f"{way}-{name}" / "dprk-ledger.toml").read_bytes()
        line = [h for h in dprk("log", "mines").out.splitlines() if "renamed" in h]
        moved = dprk("redate", "canton", "2", "1992-06-01")
        assert moved.code == 0, moved.err
        days = {
            (h["id"], h["date"], h["detail"])
            for h in json.loads(dprk("log", "--format", "json").out)
            if "renamed" in h["detail"]
        }
        assert days == {
            ("canton", "1992-06-01", "party KPNLF renamed BLDP"),
            ("mines", "1992-06-01", "party KPNLF renamed BLDP"),
        }, (way, name)
        assert dprk("check").out == "ok: no problems found\n"
        y = dprk("add-measure", "Y", "--actor", "KPNLF", "--id", "y", "--date", "1992-05-20")
        assert (y.code, y.out) == (0, "y\n"), (way, name, y.err)
        return written, "\n".join(line), moved.err

    for way in ways:
        declared = ledger(way, "KPNLF")
        entry = "3" if way == "edit" else "2"
        assert declared[1].split() == [entry, "1992-05-01", "mines", "edit", "party", "KPNLF",
                                       "renamed", "BLDP"]  # fmt: skip
        assert declared[2] == (
            "canton: entry 2 (the rename of KPNLF to BLDP of 1992-05-01) now dated 1992-06-01, "
            "and the same "
            f"rename on mines (its entry {entry}); canton is proposed\n"
        )
        for name in ("kpnlf", "K.P.N.L.F.", "k-pnlf"):
            assert ledger(way, name) == declared, (way, name)


def test_a_former_name_respelt_before_its_next_rename_is_the_partys_on_its_days(
    dprk, tmp_path, monkeypatch
):
    """'Khmer Rouge' respelt 'Khmer-Rouge', then renamed PDK: '--actor "Khmer Rouge"'
    dated before both was refused ("was renamed PDK"), the chain of renames lost at the
    respelling, one name by its key. It is the party's name until PDK: the measure
    records the renames as one typed before both has them, and after the respelling,
    the rename to PDK alone."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # (one second: same records)
    add = ("add-measure", "Canton forces", "--actor", "Khmer Rouge", "--id", "b")

    def ledger(name: str, *steps: tuple[str, ...]) -> Path:
        (tmp_path / name).mkdir()
        monkeypatch.chdir(tmp_path / name)
        for args in (
            ("init", "--party", "Khmer Rouge", "--party", "SOC"),
            ("add-measure", "Ceasefire", "--actor", "Khmer Rouge", "--id", "a",
             "--date", "1991-10-01"),
            *steps,
        ):  # fmt: skip
            done = dprk(*args)
            assert done.code == 0, (args, done.err)
        return tmp_path / name / "dprk-ledger.toml"

    renames = (
        ("rename-party", "Khmer Rouge", "Khmer-Rouge", "--date", "1992-01-01"),
        ("rename-party", "Khmer-Rouge", "PDK", "--date", "1992-02-01"),
    )
    for day, first in (("1991-12-01", 2), ("1992-01-15", 1)):
        typed_first = ledger(f"first-{day}", (*add, "--date", day), *renames).read_bytes()
        path = ledger(f"after-{day}", *renames)
        added = dprk(*add, "--date", day)
        assert (added.code, added.out, added.err) == (0, "b\n", "")
        assert path.read_bytes() == typed_first
        log = json.loads(dprk("log", "b", "--format", "json").out)
        assert [e["detail"] for e in log if "renamed" in e["detail"]] == [
            "party Khmer Rouge renamed Khmer-Rouge",
            "party Khmer-Rouge renamed PDK",
        ][-first:]
        assert dprk("check").out == "ok: no problems found\n"
    # (after the rename to PDK, the old name is refused as before)
    err = refused(dprk, path, *add, "--date", "1992-02-15")
    assert err == (
        "dprk: error: --actor: party 'Khmer Rouge' was renamed PDK on 1992-02-01; give PDK\n"
    )


def test_a_name_of_a_chain_of_renames_is_refused_on_a_day_the_party_had_another(dprk, tmp_path):
    """USSR renamed RSFSR, then Russia: '--actor RSFSR --date 1991-11-20' was taken, the
    measure recording only 'RSFSR renamed Russia', though on that day the party was the
    USSR; and '--actor USSR --date 1991-12-05' was refused with "give Russia" alone, when
    the party was RSFSR. Each is refused naming the name of that day, and its name now,
    by add-measure and a dated edit; the name of that day is taken, with the renames
    since."""
    path = tmp_path / "dprk-ledger.toml"
    for args in (
        ("init", "--party", "USSR", "--party", "US"),
        ("add-measure", "Cut", "--actor", "USSR", "--id", "m1", "--date", "1990-06-01"),
        ("add-measure", "Talks", "--actor", "US", "--id", "t", "--date", "1991-01-01"),
        ("rename-party", "USSR", "RSFSR", "--date", "1991-12-01"),
        ("rename-party", "RSFSR", "Russia", "--date", "1991-12-25"),
    ):
        assert dprk(*args).code == 0, args
    before = (
        "party 'RSFSR' took that name on 1991-12-01; on 1991-11-20 it was USSR: give USSR, "
        "or Russia, its name now\n"
    )
    after = (
        "party 'USSR' was renamed RSFSR on 1991-12-01; on 1991-12-05 it was RSFSR: give "
        "RSFSR, or Russia, its name now\n"
    )
    for typed, day, said in (("RSFSR", "1991-11-20", before), ("USSR", "1991-12-05", after)):
        err = refused(dprk, path, "add-measure", "P", "--actor", typed, "--date", day)
        assert err == f"dprk: error: --actor: {said}"
        err = refused(dprk, path, "edit", "t", "--actor", typed, "--date", day)
        assert err == f"dprk: error: --actor: {said}"
    # (the name of that day, as advised: taken, with each rename since)
    for typed, day, ident, renames in (
        ("USSR", "1991-11-20", "p", ["party USSR renamed RSFSR", "party RSFSR renamed Russia"]),
        ("RSFSR", "1991-12-05", "q", ["party RSFSR renamed Russia"]),
    ):
        added = dprk("add-measure", ident.upper(), "--actor", typed, "--id", ident, "--date", day)
        assert (added.code, added.out, added.err) == (0, f"{ident}\n", "")
        log = json.loads(dprk("log", ident, "--format", "json").out)
        assert [e["detail"] for e in log if "renamed" in e["detail"]] == renames
        assert shown(dprk, ident)["actor"] == "Russia"
    handed = dprk("edit", "t", "--actor", "RSFSR", "--date", "1991-12-05")
    assert handed.code == 0, handed.err
    assert shown(dprk, "t")["actor"] == "Russia"
    assert dprk("check").out == "ok: no problems found\n"


def test_a_renames_redate_refused_advises_what_dates_it_so_when_followed(
    dprk, tmp_path, monkeypatch
):
    """A rename redated to before the one measure recording it was made was refused,
    advising 'rename-party USA US' and the rename again dated so: followed, the second
    was refused (US had taken the name back that day, after). The advice is the undo
    of the rename, when it is the last change, and the rename dated so: followed, the
    ledger is the one the rename typed on that day leaves; else it says no command can."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # (one second: same records)

    def ledger(name: str, *rename: str) -> Path:
        (tmp_path / name).mkdir()
        monkeypatch.chdir(tmp_path / name)
        for args in (
            ("init", "--party", "DPRK", "--party", "US"),
            ("add-measure", "Remove the DPRK from the terrorism list", "--actor", "US",
             "--id", "tl", "--date", "2008-06-26"),
            ("rename-party", "US", "USA", *rename),
        ):  # fmt: skip
            assert dprk(*args).code == 0
        return tmp_path / name / "dprk-ledger.toml"

    direct = ledger("direct", "--date", "2008-06-01").read_bytes()
    path = ledger("redated", "--date", "2008-07-01")
    before = path.read_bytes()
    refused = dprk("redate", "tl", "2", "2008-06-01")
    assert (refused.code, refused.out) == (1, "")
    assert refused.err == (
        "dprk: error: tl: the rename would be dated 2008-06-01, before 'tl' was created "
        "(2008-06-26): it then had the new name from the start; no measure recording it was "
        "made by 2008-06-01, to keep the old name: if the rename is the last change, 'dprk "
        "undo' takes it back, and then 'dprk rename-party US USA --date 2008-06-01' dates it "
        "so, saying what that forgets; else no command can (a rename given back is dated "
        "after it, and one typed again no earlier)\n"
    )
    assert path.read_bytes() == before
    # (followed: the ledger the rename typed on that day leaves)
    assert dprk("undo").code == 0
    again = dprk("rename-party", "US", "USA", "--date", "2008-06-01")
    assert again.code == 0, again.err
    assert "no measure records that USA was US" in again.err
    assert path.read_bytes() == direct
    assert dprk("check").out == "ok: no problems found\n"
    # (the rename given back instead: dated after it, the rename again is refused, as said)
    ledger("given-back", "--date", "2008-07-01")
    assert dprk("rename-party", "USA", "US").code == 0
    late = dprk("rename-party", "US", "USA", "--date", "2008-06-01")
    assert (late.code, late.out) == (1, "")
    assert late.err.startswith("dprk: error: --date: 2008-06-01 is before party 'US' took")


def test_references_dropped_before_they_were_made_are_dated_by_their_making(dprk, empty):
    """'remove w --force --date D' wrote "no longer a part of w" dated before the edit
    that made it one, as 'sequence --remove' and 'unlink' refuse to."""
    for args in (
        ("add-measure", "W", "--actor", "DPRK", "--id", "w", "--date", "2020-01-01"),
        ("add-measure", "P", "--actor", "DPRK", "--id", "p", "--date", "2020-01-01"),
        ("add-measure", "Z", "--actor", "US", "--id", "z", "--date", "2020-01-01"),
        ("edit", "p", "--part-of", "w", "--date", "2020-05-01"),
        ("sequence", "z", "--after", "w", "--date", "2020-05-02"),
    ):
        assert dprk(*args).code == 0
    removed = dprk("remove", "w", "--force", "--date", "2020-03-01")
    assert removed.err == (
        "w: removed (references dropped from p, z; dated 2020-05-01 for p, 2020-05-02 for z: "
        "not before it was made, or linked)\n"
    )
    for ident, day in (("p", "2020-05-01"), ("z", "2020-05-02")):
        log = json.loads(dprk("log", ident, "--format", "json").out)
        assert [e["date"] for e in log if e["detail"].startswith("w removed")] == [day]
    clean(dprk)


@pytest.mark.parametrize("rename_first", [True, False])
def test_a_party_renamed_before_a_measure_was_made_in_either_typing_order(
    dprk, empty, tick, rename_first
):
    """Typed after the rename, the measure had no entry for it; typed before, an entry
    "party Old renamed New" dated on its making: log, show and export differed."""
    assert dprk("add-party", "Old").code == 0
    steps = [
        ("rename-party", "Old", "New", "--date", "2018-06-01"),
        ("add-measure", "M", "--actor", "Old", "--id", "m", "--date", "2018-09-01"),
    ]
    if rename_first:
        steps = [steps[0], (*steps[1][:3], "New", *steps[1][4:])]
    else:
        steps.reverse()
    for step in steps:
        tick()
        assert dprk(*step).code == 0
    log = json.loads(dprk("log", "m", "--format", "json").out)
    assert [(e["date"], e["event"]) for e in log] == [("2018-09-01", "created")]
    assert json.loads(dprk("show", "m", "--format", "json").out)["actor"] == "New"
    clean(dprk)


def test_a_rename_dated_before_every_measure_says_the_old_name_is_not_kept(dprk, empty):
    """PLO renamed PA dated 1994, its only measure made in 1998: no entry recorded the
    rename, so the ledger forgot 'PLO', and the confirmation said nothing of it. A finding
    by PLO on the PA's own measure then passed as verification, 'add-party PLO' made one
    side two parties, and check was clean. The line says so now, and its advice, followed,
    keeps the old name: the finding and the party are refused."""
    assert dprk("add-party", "PLO").code == 0
    assert dprk("add-measure", "PLO arrests suspects", "--actor", "PLO", "--id", "arrests",
                "--status", "implemented", "--date", "1998-11-15").code == 0  # fmt: skip
    result = dprk("rename-party", "PLO", "PA", "--date", "1994-05-04")
    assert (result.code, result.err) == (
        0,
        "renamed party PLO to PA on 1994-05-04 (1 measure changed; 1 made after 1994-05-04 had "
        "the new name from the start (no entry)); no measure records that PA was PLO, so dprk takes 'PLO' "
        "for another party or verifier: 'dprk undo', then the rename dated on or after "
        "1998-11-15 (when 'arrests' was made), keeps the old name\n",
    )
    assert dprk("undo").code == 0
    kept = dprk("rename-party", "PLO", "PA", "--date", "1998-11-15")
    assert (kept.code, kept.err) == (
        0,
        "renamed party PLO to PA on 1998-11-15 (1 measure changed)\n",
    )
    before = empty.read_bytes()
    found = dprk("verify", "arrests", "--by", "PLO", "--date", "1998-12-10")
    assert found.code == 1 and "'PLO' (now PA) is the actor of 'arrests'" in found.err
    declared = dprk("add-party", "PLO")
    assert declared.code == 1 and "party 'PLO' was renamed PA" in declared.err
    assert empty.read_bytes() == before
    clean(dprk)


def test_a_party_renamed_before_an_undated_measure_first_acted(dprk, empty):
    """A measure added without a date is dated by its first event, and was made on some
    day before it: a rename dated earlier is recorded on it, as it would be were an
    earlier event found first (it had no entry, and the ledger forgot the old name). The
    entry dates nothing: listed above the creation until an earlier event is found, as a
    title fixed may be; the measure is not in the talks as of a day before its event."""
    assert dprk("add-measure", "X", "--actor", "DPRK", "--id", "x").code == 0
    assert dprk("mark", "x", "implemented", "--date", "2018-04-01").code == 0
    result = dprk("rename-party", "DPRK", "NK", "--date", "2010-01-01")
    assert (result.code, result.err) == (
        0,
        "renamed party DPRK to NK on 2010-01-01 (1 measure changed)\n",
    )
    log = json.loads(dprk("log", "x", "--format", "json").out)
    assert [(e["date"], e["event"]) for e in log] == [
        ("2010-01-01", "edit"),
        ("2018-04-01", "created"),
        ("2018-04-01", "status"),
    ]
    assert (
        json.loads(dprk("status", "--as-of", "2015-01-01", "--format", "json").out)["measures"]
        == []
    )
    clean(dprk)


def test_references_dropped_before_a_measure_was_made_are_dated_by_its_making(dprk, empty):
    """'remove b --force --date D' wrote 'b removed: no longer sequenced with b' on D into
    measures made after D, and their logs listed it above their creation."""
    assert (
        dprk("add-measure", "B", "--actor", "DPRK", "--id", "b", "--date", "2018-05-01").code == 0
    )
    assert dprk("add-measure", "C", "--actor", "US", "--id", "c", "--date", "2018-03-01").code == 0
    assert dprk("add-measure", "E", "--actor", "US", "--id", "e").code == 0
    assert dprk("mark", "e", "implemented", "--date", "2018-04-01").code == 0
    assert dprk("add-measure", "G", "--actor", "US", "--id", "g", "--date", "2017-01-01").code == 0
    for ident, day in (("c", "2018-03-01"), ("e", "2018-04-01"), ("g", "2017-06-01")):
        assert dprk("sequence", ident, "--after", "b", "--date", day).code == 0
    removed = dprk("remove", "b", "--force", "--date", "2018-02-01")
    assert (removed.code, removed.out) == (0, "")
    assert removed.err == (
        "b: removed (references dropped from c, e, g; dated 2018-03-01 for c, 2018-04-01 "
        "for e: not before it was made, or linked)\n"
    )
    dropped = {
        ident: [e["date"] for e in json.loads(dprk("log", ident, "--format", "json").out)
                if e["detail"].startswith("b removed")]
        for ident in ("c", "e", "g")
    }  # fmt: skip
    assert dropped == {"c": ["2018-03-01"], "e": ["2018-04-01"], "g": ["2018-02-01"]}
    ledger = tomllib.loads(empty.read_text())
    assert all(m["constraints"] == [] for m in ledger["measures"] if "constraints" in m)
    clean(dprk)
    assert dprk("undo").code == 0
    assert dprk("remove", "b", "--force", "--date", "2018-06-01").err == (
        "b: removed (references dropped from c, e, g)\n"
    )


# --- links entered out of order: the latest-dated change decides -----------------------------


def _pair(dprk) -> None:
    for ident, actor in (("a", "DPRK"), ("b", "US")):
        assert dprk("add-measure", ident, "--actor", actor, "--date", "2018-01-01").code == 0
    assert dprk("mark", "a", "implemented", "--date", "2018-05-01").code == 0


def test_a_link_dated_before_a_later_unlink_is_recorded_but_does_not_link_them(dprk, empty):
    _pair(dprk)
    dprk("link", "a", "b", "--date", "2018-03-01")
    dprk("unlink", "a", "b", "--date", "2019-03-01")
    before = dprk("balance", "--format", "json").out
    result = dprk("link", "a", "b", "--date", "2018-06-01")
    assert result.code == 0, result.err
    assert result.err == (
        "a: recorded in exchange for b on 2018-06-01; a stays not in exchange for b "
        "(since 2019-03-01)\n"
    )
    assert shown(dprk, "a")["in_exchange_for"] == [] == shown(dprk, "b")["in_exchange_for"]
    assert dprk("balance", "--format", "json").out == before
    clean(dprk)
    # an unlink dated while they were linked is recorded too; one dated before, refused
    result = dprk("unlink", "a", "b", "--date", "2018-04-01")
    assert result.code == 0, result.err
    assert result.err == (
        "a: recorded no longer in exchange for b on 2018-04-01; a stays not in exchange for b "
        "(since 2019-03-01)\n"
    )
    err = refused(dprk, empty, "unlink", "a", "b", "--date", "2018-02-01")
    assert err == (
        "dprk: error: measures 'a' and 'b' were not exchanged for each other on 2018-02-01 "
        "(first linked on 2018-03-01)\n"
    )
    clean(dprk)


def test_the_order_links_are_entered_in_does_not_change_them(dprk, empty, tmp_path):
    answers = []
    for steps in (
        [("link", "2018-03-01"), ("unlink", "2019-03-01"), ("link", "2018-06-01")],
        [("link", "2018-06-01"), ("link", "2018-03-01"), ("unlink", "2019-03-01")],
        [("link", "2018-06-01"), ("unlink", "2019-03-01"), ("link", "2018-03-01")],
    ):
        if empty.exists():
            empty.unlink()
        assert dprk("init", "--party", "DPRK", "--party", "US").code == 0
        _pair(dprk)
        for command, day in steps:
            result = dprk(command, "a", "b", "--date", day)
            assert result.code == 0, (steps, result.err)
        answers.append(
            (
                shown(dprk, "a")["in_exchange_for"],
                dprk("balance", "--format", "json").out,
                dprk("balance", "--as-of", "2018-12-31", "--format", "json").out,
            )
        )
    assert answers[0] == answers[1] == answers[2]
    assert answers[0][0] == []
    assert json.loads(answers[0][2])["parties"]["US"]["owes"] != []  # linked then: the US owed


def test_redating_a_change_of_a_link_puts_the_one_now_dated_last_in_force(dprk, empty):
    _pair(dprk)
    dprk("link", "a", "b", "--date", "2018-03-01")
    dprk("unlink", "a", "b", "--date", "2019-03-01")
    numbers = {e["detail"]: n for n, e in enumerate(shown(dprk, "a")["history"], 1)}
    # the unlink was of 2019 after all, after the link was made again in 2019-06
    dprk("link", "a", "b", "--date", "2019-06-01")
    result = dprk("redate", "a", str(numbers["no longer in exchange for b"]), "2019-07-01")
    assert result.code == 0, result.err
    assert result.err.endswith("; a is now not in exchange for b (since 2019-07-01)\n")
    assert shown(dprk, "a")["in_exchange_for"] == []
    assert shown(dprk, "b")["in_exchange_for"] == []
    clean(dprk)


def test_a_redate_that_would_unlink_two_measures_before_they_were_linked_is_refused(dprk, empty):
    """The link moved after its unlink: the unlink would end a link that no change made
    (as-of days before it showed them exchanged from their creation), which `unlink`
    refuses on a day they were not linked; an order's removal so moved is refused too."""
    _pair(dprk)
    dprk("link", "a", "b", "--date", "2018-03-01")
    dprk("unlink", "a", "b", "--date", "2019-03-01")
    numbers = {e["detail"]: n for n, e in enumerate(shown(dprk, "a")["history"], 1)}
    err = refused(dprk, empty, "redate", "a", str(numbers["in exchange for b"]), "2019-06-01")
    assert err == (
        "dprk: error: 'a' and 'b' would be no longer exchanged for each other on 2019-03-01, "
        "before they were (2019-06-01): an unlink ends a link made before it\n"
    )
    err = refused(dprk, empty, "redate", "a", str(numbers["no longer in exchange for b"]),
                  "2018-01-02")  # fmt: skip
    assert "before they were (2018-03-01)" in err


def test_a_link_is_not_redated_past_its_unlink_once_the_other_measure_is_removed(dprk, empty):
    """With the other measure removed, a redate moved a link past its own unlink: the
    history then said "in exchange for b" from that day on with nothing ending it. It is
    refused as it is while both measures are there."""
    _pair(dprk)
    dprk("link", "a", "b", "--date", "2018-03-01", "--until", "2019-03-01")
    assert dprk("remove", "b").code == 0
    numbers = {e["detail"]: n for n, e in enumerate(shown(dprk, "a")["history"], 1)}
    err = refused(dprk, empty, "redate", "a", str(numbers["in exchange for b"]), "2019-06-01")
    assert err == (
        "dprk: error: 'a' and 'b' would be no longer exchanged for each other on 2019-03-01, "
        "before they were (2019-06-01): an unlink ends a link made before it\n"
    )
    result = dprk("redate", "a", str(numbers["in exchange for b"]), "2018-04-01")
    assert result.code == 0, result.err
    assert [e["date"] for e in shown(dprk, "a")["history"] if "exchange for b" in e["detail"]] == [
        "2018-04-01",
        "2019-03-01",
    ]
    clean(dprk)


def test_a_removal_redated_before_its_order_is_refused_when_both_were_typed_in_a_second(
    dprk, empty, monkeypatch
):
    """An order and its removal recorded within one second (a script): redated before
    the order, the removal was taken for the first change typed, and the order it named
    for one that stood before it; the redate brought the removed order back."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # (every change in one second)
    _pair(dprk)
    assert dprk("sequence", "a", "--after", "b", "--date", "2018-02-01").code == 0
    assert dprk("sequence", "a", "--remove", "b", "--date", "2018-03-01").code == 0
    err = refused(dprk, empty, "redate", "a", "3", "2018-01-15")
    assert err == (
        "dprk: error: measure 'a' had no sequencing constraint with 'b' on 2018-01-15 (the "
        "first was set on 2018-02-01)\n"
    )


def test_a_redate_that_would_repeat_a_step_on_its_day_is_refused(dprk, empty):
    """Implemented on 1 March, reported again on 2 March: redated to 1 March, the report
    would be the same step twice on one day, which `mark` refuses."""
    _pair(dprk)
    assert dprk("mark", "b", "implemented", "--date", "2019-03-01").code == 0
    assert dprk("mark", "b", "implemented", "--date", "2019-03-02").code == 0
    log = json.loads(dprk("log", "b", "--format", "json").out)
    n = next(e["n"] for e in log if e["date"] == "2019-03-02")
    err = refused(dprk, empty, "redate", "b", str(n), "2019-03-01")
    assert err.endswith(
        f"redated to 2019-03-01 would repeat its entry {n - 1}, the same step on that day: "
        f"if entry {n}'s day was wrong, 'dprk drop-entry b {n}' takes it out, entry {n - 1} "
        f"recording that step (or 'dprk drop-entry b {n - 1}', then 'dprk redate b {n - 1} "
        f"2019-03-01', keeps entry {n} with its own words)\n"
    )
    # (so would a step moved onto the day the measure was created so: mark refuses it)
    assert dprk("add-measure", "C", "--actor", "US", "--id", "c", "--status", "implemented",
                "--date", "2018-01-01").code == 0  # fmt: skip
    assert dprk("mark", "c", "implemented", "--date", "2018-01-05").code == 0
    err = refused(dprk, empty, "redate", "c", "2", "2018-01-01")
    assert err.endswith(
        "would repeat its entry 1, the same step on that day: if entry 2's day was wrong, "
        "'dprk drop-entry c 2' takes it out, entry 1 recording that step\n"
    )  # (the creation, entry 1, is no entry to drop: that way is not said)


def test_a_redate_onto_a_step_marked_again_says_which_entry_and_the_ways(dprk, tmp_path):
    """A step marked again on a later day (reported twice), its first day then found
    wrong: redated onto the second's day it would be the same step twice on that day,
    which the replay takes as one, and is refused; the refusal named the entry alone and
    left the way to the user. It says the two ways that work, each tried: drop the one
    redated (the other records the step that day), or drop the other, then redate."""
    ledger = tmp_path / "dprk-ledger.toml"
    for args in (
        ("init", "--title", "t", "--party", "GAM", "--party", "Indonesia"),
        ("add-measure", "Relocation stage 3", "--actor", "Indonesia", "--id", "reloc-3",
         "--status", "agreed", "--date", "2005-08-15"),
        ("mark", "reloc-3", "implemented", "--date", "2005-11-30"),
        ("verify", "reloc-3", "--by", "Monitors", "--date", "2005-12-30"),
        ("mark", "reloc-3", "implemented", "--date", "2005-12-29"),
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    was = ledger.read_bytes()
    err = refused(dprk, ledger, "redate", "reloc-3", "2", "2005-12-29")
    assert err == (
        "dprk: error: entry 2 of 'reloc-3' (implemented on 2005-11-30) redated to "
        "2005-12-29 would repeat its entry 3, the same step on that day: if entry 2's day "
        "was wrong, 'dprk drop-entry reloc-3 2' takes it out, entry 3 recording that step "
        "(or 'dprk drop-entry reloc-3 3', then 'dprk redate reloc-3 2 2005-12-29', keeps "
        "entry 2 with its own words)\n"
    )
    # (each way, followed, works and leaves one step that day, the finding of it kept)
    for ways in (
        [("drop-entry", "reloc-3", "2")],
        [("drop-entry", "reloc-3", "3"), ("redate", "reloc-3", "2", "2005-12-29")],
    ):
        ledger.write_bytes(was)
        for args in ways:
            done = dprk(*args)
            assert done.code == 0, (args, done.err)
        log = json.loads(dprk("log", "reloc-3", "--format", "json").out)
        assert [(e["date"], e["status"]) for e in log if e["event"] != "correction"] == [
            ("2005-08-15", "agreed"),
            ("2005-12-29", "implemented"),
            ("2005-12-30", "verified"),
        ]
        clean(dprk)


def test_a_redate_onto_a_step_marked_again_after_a_reversal_says_the_way_that_works(dprk, empty):
    """Implemented, reversed, implemented again: the second implementation redated onto
    the first's day is that step twice on one day (the day's steps replay in the order a
    life runs, so it would be undone by the reversal after it), refused, naming the way;
    onto another day it is taken."""
    assert dprk("add-measure", "M", "--actor", "US", "--id", "m", "--date", "2020-01-01").code == 0
    for status, day in (
        ("implemented", "2020-02-01"),
        ("reversed", "2020-03-01"),
        ("implemented", "2020-04-01"),
    ):
        assert dprk("mark", "m", status, "--date", day).code == 0
    err = refused(dprk, empty, "redate", "m", "4", "2020-02-01")
    assert err == (
        "dprk: error: entry 4 of 'm' (implemented on 2020-04-01) redated to 2020-02-01 "
        "would repeat its entry 2, the same step on that day: if entry 4's day was wrong, "
        "'dprk drop-entry m 4' takes it out, entry 2 recording that step (or 'dprk "
        "drop-entry m 2', then 'dprk redate m 3 2020-02-01', keeps entry 4 with its own "
        "words)\n"
    )
    moved = dprk("redate", "m", "4", "2020-04-05")
    assert moved.code == 0, moved.err
    assert moved.err.startswith("m: entry 4 (implemented on 2020-04-01) now dated 2020-04-05")
    clean(dprk)


def test_redating_one_side_of_a_link_redates_the_other_side_s_record(dprk, empty):
    _pair(dprk)
    dprk("link", "a", "b", "--date", "2018-03-01")
    # the link was made in May: b's record of it moves with a's, and --as-of agrees on both
    result = dprk("redate", "a", "2", "2018-05-20")
    assert result.code == 0, result.err
    assert result.err == (
        "a: entry 2 (the exchange entry with b of 2018-03-01) now dated 2018-05-20 (now entry 3), "
        "and b's record of it (its entry 2); a is implemented\n"
    )
    assert [(h["date"], h["detail"]) for h in shown(dprk, "b")["history"]][1] == (
        "2018-05-20",
        "in exchange for a",
    )
    rows = json.loads(dprk("status", "--as-of", "2018-04-01", "--format", "json").out)
    assert {m["id"]: m["in_exchange_for"] for m in rows["measures"]} == {"a": [], "b": []}
    clean(dprk)
    # a date before the other measure's creation is refused for both, nothing written
    dprk("add-measure", "c", "--actor", "US", "--date", "2018-06-01")
    dprk("link", "a", "c", "--date", "2018-07-01")
    before = empty.read_bytes()
    err = refused(dprk, empty, "redate", "a", "4", "2018-05-25")
    assert err.startswith("dprk: error: c: the exchange entry of 2018-05-25 comes before its ")
    assert empty.read_bytes() == before
    assert dprk("undo").code == 0  # the link to c
    assert dprk("undo").code == 0  # c
    assert dprk("undo").code == 0  # the redate: both records back on 2018-03-01
    assert [h["date"] for h in shown(dprk, "b")["history"]] == ["2018-01-01", "2018-03-01"]


def test_redating_a_link_a_measure_was_added_with_moves_it_on_both(dprk, empty):
    """y was added in exchange for x, which alone records the link: redated to 20 March,
    it stood on neither side on 12 March (y kept it from its creation, and the balance
    counted it)."""
    assert (
        dprk("add-measure", "X", "--actor", "DPRK", "--id", "x", "--date", "2019-01-10").code == 0
    )
    assert dprk("add-measure", "Y", "--actor", "US", "--id", "y", "--date", "2019-01-10",
                "--in-exchange-for", "x").code == 0  # fmt: skip
    assert dprk("mark", "x", "implemented", "--date", "2019-03-01").code == 0
    # (the line says that the link moved on y's side too, as it says of a record moved)
    moved = dprk("redate", "x", "2", "2019-03-20")
    assert moved.code == 0
    assert moved.err == (
        "x: entry 2 (the exchange entry with y of 2019-01-10) now dated 2019-03-20 (now entry 3), "
        "and so is the link on y's side (y was added with it on 2019-01-10); x is "
        "implemented\n"
    )
    for day, links in (
        ("2019-03-12", {"x": [], "y": []}),
        ("2019-03-20", {"x": ["y"], "y": ["x"]}),
    ):
        rows = json.loads(dprk("status", "--as-of", day, "--format", "json").out)["measures"]
        assert {m["id"]: m["in_exchange_for"] for m in rows} == links, day
    balance = dprk("balance", "--as-of", "2019-03-12", "--format", "csv").out
    assert balance == "party,direction,measure,counterpart,since,days,in_part,disputed,held_by\n"
    assert "DPRK,owed,x,y," in dprk("balance", "--as-of", "2019-03-20", "-f", "csv").out
    clean(dprk)


def _orders(dprk, day: str | None = None) -> dict[str, list]:
    args = ["--as-of", day] if day else []
    rows = json.loads(dprk("status", *args, "--format", "json").out)["measures"]
    return {m["id"]: m["constraints"] for m in rows}


def _two(dprk) -> None:
    for ident, actor in (("a", "DPRK"), ("b", "US")):
        assert dprk("add-measure", ident.upper(), "--actor", actor, "--id", ident,
                    "--date", "2018-01-01").code == 0  # fmt: skip


def test_redating_a_removal_that_ended_a_with_found_later_moves_its_end_on_both(dprk, empty):
    """a after b (Feb), removed (Apr), typed before the `with` of March: the removal
    ended the `with` on b too. Redated to 2 April, b's end stayed on 1 April: on that day
    neither had an order, where typed in date order both went together."""
    _two(dprk)
    assert dprk("sequence", "a", "--after", "b", "--date", "2018-02-01").code == 0
    assert dprk("sequence", "a", "--remove", "b", "--date", "2018-04-01").code == 0
    assert dprk("sequence", "a", "--with", "b", "--date", "2018-03-01").code == 0
    result = dprk("redate", "a", "4", "2018-04-02")
    assert result.code == 0, result.err
    assert "and b's record of it (its entry 3)" in result.err
    assert _orders(dprk, "2018-04-01") == {"a": [{"with": "b"}], "b": [{"with": "a"}]}
    assert _orders(dprk, "2018-04-02") == _orders(dprk) == {"a": [], "b": []}
    clean(dprk)


@pytest.mark.parametrize(
    ("after_day", "entry", "day", "said", "with_day"),
    [
        ("2018-02-01", "3", "2018-01-15", "dropped (its entry 3 would end no order)", "2018-02-01"),
        ("2018-03-01", "2", "2018-04-01", "(its entry 2; its end on 2018-03-01 dropped)",
         "2018-04-01"),
    ],
    ids=["the-order-back-the-same-day", "the-with-after-the-order"],
)  # fmt: skip
def test_redating_a_with_or_the_order_that_ended_it_leaves_one_with_on_the_other(
    dprk, empty, after_day, entry, day, said, with_day
):
    """a with b (1 February), then a after b. Redating the order before the `with` (both
    of one day), b's record of the `with` moved instead of its end, and b's log said it
    went with a from January; redating the `with` after the order, b's log kept the end
    of a `with` that now began later, and a second 'together with a'. Typed in date
    order, b has the one `with`, and both go together."""
    _two(dprk)
    assert dprk("sequence", "a", "--with", "b", "--date", "2018-02-01").code == 0
    assert dprk("sequence", "a", "--after", "b", "--date", after_day).code == 0
    result = dprk("redate", "a", entry, day)
    assert result.code == 0, result.err
    assert f"and b's record of it {said}" in result.err
    log = json.loads(dprk("log", "b", "--format", "json").out)
    assert [(e["date"], e["detail"]) for e in log if e["event"] == "sequence"] == [
        (with_day, "together with a")
    ]
    assert _orders(dprk) == {"a": [{"with": "b"}], "b": [{"with": "a"}]}
    clean(dprk)


@pytest.mark.parametrize("order", ["--with", "--after"])
def test_redating_an_order_past_its_removal_is_refused(dprk, empty, order):
    """a with b (February), removed (March): redating the `with` to after its removal
    dropped the removal the user typed, from both measures, and put the `with` back in
    force today. A removal typed is a fact: the redate is refused, as it is for an
    `--after` order (and for a link past its unlink), and nothing is written."""
    _two(dprk)
    assert dprk("sequence", "a", order, "b", "--date", "2018-02-01").code == 0
    assert dprk("sequence", "a", "--remove", "b", "--date", "2018-03-01").code == 0
    err = refused(dprk, empty, "redate", "a", "2", "2018-03-05")
    assert err == (
        "dprk: error: measure 'a' had no sequencing constraint with 'b' on 2018-03-01 "
        "(the first was set on 2018-03-05)\n"
    )
    assert _orders(dprk) == {"a": [], "b": []}


def test_redating_an_order_that_ended_a_with_to_before_it_began_drops_that_end(dprk, empty):
    """a after b (Apr) typed before a with b (Mar): the order ended the `with` on b in
    April. Redated to February, before the `with` began, it ends none: b's log kept
    'removed: together with a' in April, against its own status (and --as-of May)."""
    _two(dprk)
    assert dprk("sequence", "a", "--after", "b", "--date", "2018-04-01").code == 0
    assert dprk("sequence", "a", "--with", "b", "--date", "2018-03-01").code == 0
    result = dprk("redate", "a", "3", "2018-02-01")
    assert result.code == 0, result.err
    assert "and b's record of it dropped (its entry 3 would end no order)" in result.err
    log = json.loads(dprk("log", "b", "--format", "json").out)
    assert [(e["date"], e["detail"]) for e in log if e["event"] == "sequence"] == [
        ("2018-03-01", "together with a")
    ]
    assert (
        _orders(dprk, "2018-05-01") == _orders(dprk) == {"a": [{"with": "b"}], "b": [{"with": "a"}]}
    )
    assert _orders(dprk, "2018-02-15") == {
        "a": [{"after": "b", "require": "acted", "demanded_by": None, "verified_by": None}],
        "b": [],
    }
    clean(dprk)


# --- dated fields entered out of order: actor, deadline, part_of --------------------------


def test_an_edit_dated_before_a_later_edit_of_the_same_field_is_recorded_only(dprk, empty):
    for ident in ("stand", "yb", "sohae"):
        assert dprk("add-measure", ident, "--actor", "DPRK", "--date", "2018-01-01").code == 0
    dprk("edit", "stand", "--part-of", "yb", "--date", "2019-03-01")
    result = dprk(
        "edit", "stand", "--part-of", "sohae", "--title", "Engine stand", "--date", "2018-03-01"
    )
    assert result.code == 0, result.err
    assert result.err == (  # (what it changed, then what it only recorded)
        "stand: edited on 2018-03-01 (title: 'stand' -> 'Engine stand'); recorded part_of: "
        "(none) -> 'sohae' on 2018-03-01, stays 'yb' (since 2019-03-01)\n"
    )
    m = shown(dprk, "stand")
    assert (m["part_of"], m["title"]) == ("yb", "Engine stand")
    clean(dprk)

    def part_of_on(day):
        rows = json.loads(dprk("status", "--as-of", day, "--format", "json").out)["measures"]
        return next(r["part_of"] for r in rows if r["id"] == "stand")

    assert [part_of_on(d) for d in ("2018-02-01", "2018-06-01", "2019-06-01")] == [
        None,
        "sohae",
        "yb",
    ]
    # all fields of the edit dated before later ones: nothing but the record changes
    dprk("edit", "stand", "--actor", "US", "--date", "2019-01-01")
    result = dprk("edit", "stand", "--actor", "ROK", "--date", "2018-06-01")
    assert result.code == 0, result.err
    assert result.err == (
        "stand: recorded actor: 'DPRK' -> 'ROK' on 2018-06-01, stays 'US' (since 2019-01-01)\n"
    )
    assert shown(dprk, "stand")["actor"] == "US"
    clean(dprk)


def test_redating_an_edit_of_a_dated_field_puts_the_one_now_dated_last_in_force(dprk, empty):
    assert dprk("add-measure", "d", "--actor", "DPRK", "--date", "2018-01-01").code == 0
    dprk("edit", "d", "--deadline", "2019-01-01", "--date", "2018-03-01")
    dprk("edit", "d", "--deadline", "2020-01-01", "--date", "2019-03-01")
    result = dprk("redate", "d", "3", "2018-02-01")
    assert result.code == 0, result.err
    assert result.err.endswith("; its deadline is now 2019-01-01 (since 2018-03-01)\n")
    assert shown(dprk, "d")["deadline"] == "2019-01-01"
    clean(dprk)


@pytest.mark.parametrize(
    ("edit", "field", "value", "words", "again", "then"),
    [
        (["--deadline", "2014-02-05"], "deadline", "2014-02-05",
         "deadline: '2013-12-31' -> '2014-02-05'", ["--deadline", "2014-03-01"], "2014-03-01"),
        (["--actor", "US"], "actor", "US", "actor: 'Syria' -> 'US'", ["--actor", "Syria"],
         "Syria"),
        (["--part-of", "program"], "part_of", "program", "part_of: (none) -> 'program'",
         ["--no-part-of"], "(none)"),
    ],
)  # fmt: skip
def test_redating_an_edit_of_a_dated_field_says_what_it_is_now_and_since_when(
    dprk, tmp_path, edit, field, value, words, again, then
):
    """A deadline edit redated three weeks later moved the day it counts from (the
    measure overdue meanwhile), and the line said only 'removal is agreed': the field
    and since when are said as drop-entry says them, with the day it counted from."""
    assert dprk("init", "--party", "US", "--party", "Syria").code == 0
    path = tmp_path / "dprk-ledger.toml"
    for args in (
        ("add-measure", "Chemical weapons programme", "--actor", "Syria", "--id", "program",
         "--date", "2013-09-14"),
        ("add-measure", "Remove priority chemicals", "--actor", "Syria", "--id", "removal",
         "--status", "agreed", "--date", "2013-11-15", "--deadline", "2013-12-31"),
        ("edit", "removal", *edit, "--date", "2014-01-08"),
    ):  # fmt: skip
        assert dprk(*args).code == 0
    before = path.read_bytes()
    result = dprk("redate", "removal", "2", "2014-01-30")
    assert (result.code, result.out) == (0, ""), result.err
    assert result.err == (
        f"removal: entry 2 (the edit entry of 2014-01-08 ({words})) now dated 2014-01-30; "
        f"removal is agreed; its {field} is now {value} (since 2014-01-30; it was since "
        "2014-01-08)\n"
    )
    assert shown(dprk, "removal")[field] == value
    assert path.read_bytes() != before
    clean(dprk)
    # redated back before the day it was: the same words, the days the other way
    back = dprk("redate", "removal", "2", "2014-01-08")
    assert back.err.endswith(
        f"; its {field} is now {value} (since 2014-01-08; it was since 2014-01-30)\n"
    ), back.err
    # an earlier edit redated, the later one still in force from its own day: it stays
    assert dprk("edit", "removal", *again, "--date", "2014-01-20").code == 0
    kept = dprk("redate", "removal", "2", "2014-01-10")
    assert kept.code == 0, kept.err
    assert kept.err.endswith(f"; its {field} stays {then} (since 2014-01-20)\n"), kept.err
    clean(dprk)


def test_a_title_holding_an_edit_s_words_is_kept_as_typed_in_the_history(dprk, empty):
    """A new title holding "; deadline: '2020-01-01' -> '2021-01-01'" was read as a
    change of the deadline: a deadline edit dated before it, entered later, rewrote the
    title's words in the log, and was taken as dated before a later deadline change (so
    only recorded: the deadline did not change). The edit's pieces are read by their
    structure: the title is one value, kept as typed, and the deadline edit is in force.
    A party's rename does not rewrite a title holding "; actor: 'DPRK' -> 'US'" either."""
    title = "Freeze; deadline: '2020-01-01' -> '2021-01-01'"
    typed = f"title: 'F' -> '{title}'"
    for args in (
        ["add-measure", "F", "--actor", "DPRK", "--id", "f", "--date", "2018-01-01",
         "--deadline", "2019-01-01"],
        ["edit", "f", "--title", title, "--date", "2018-06-01"],
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    before = empty.read_bytes()
    result = dprk("edit", "f", "--deadline", "2019-06-01", "--date", "2018-03-01")
    assert (result.code, result.err) == (
        0,
        "f: edited on 2018-03-01 (deadline: '2019-01-01' -> '2019-06-01')\n",
    )
    m = shown(dprk, "f")
    assert (m["title"], m["deadline"]) == (title, "2019-06-01")
    assert [(h["date"], h["detail"]) for h in m["history"]] == [
        ("2018-01-01", "created as proposed"),
        ("2018-03-01", "deadline: '2019-01-01' -> '2019-06-01'"),
        ("2018-06-01", typed),
    ]
    assert f'detail = "{typed}"'.encode() in empty.read_bytes()
    clean(dprk)
    undone(dprk, empty, before)
    again = "Talks; actor: 'DPRK' -> 'US'"
    assert dprk("edit", "f", "--title", again, "--date", "2018-07-01").code == 0
    assert dprk("rename-party", "DPRK", "NK").code == 0
    log = json.loads(dprk("log", "f", "--format", "json").out)
    assert log[-2]["detail"] == f"title: '{title}' -> '{again}'"
    assert shown(dprk, "f")["title"] == again
    clean(dprk)


def _merged(dprk, ledger, folder, ours: list[str], theirs: list[str]) -> None:
    """The ledger copied as a merge's base and its two sides, `ours` made on one and
    `theirs` on the other, merged into m.toml with a conflict."""
    base = ledger.read_bytes()
    for name in ("base.toml", "o.toml", "t.toml"):
        (folder / name).write_bytes(base)
    assert dprk("-l", "o.toml", *ours).code == 0
    assert dprk("-l", "t.toml", *theirs).code == 0
    assert dprk("merge-driver", "base.toml", "o.toml", "t.toml", "-o", "m.toml").code == 1


def test_a_measure_removed_on_one_side_and_kept_takes_its_links_back(dprk, empty, tmp_path):
    """Removed (with --force) on one branch, carried out on the other, kept by 'resolve
    --take theirs': the measure it is exchanged for had lost its side of the link, and
    check failed after the conflict was settled."""
    assert (
        dprk("add-measure", "X", "--actor", "DPRK", "--id", "x", "--date", "2018-01-01").code == 0
    )
    assert dprk("add-measure", "Y", "--actor", "US", "--id", "y", "--date", "2018-01-01",
                "--in-exchange-for", "x").code == 0  # fmt: skip
    _merged(dprk, empty, tmp_path, ["remove", "x", "--force"],
            ["mark", "x", "implemented", "--date", "2018-02-01"])  # fmt: skip
    result = dprk("-l", "m.toml", "resolve", "x", "--field", "measure", "--take", "theirs")
    assert result.code == 0, result.err
    # (y's side comes back as y's history had it, the removal's entry gone with it: the
    # measure was never removed)
    assert result.err == "x: measure: took theirs (its references given back on y)\n"
    assert dprk("-l", "m.toml", "check").code == 0
    linked = json.loads(dprk("-l", "m.toml", "show", "y", "--format", "json").out)
    assert linked["in_exchange_for"] == ["x"]
    assert not any("removed" in h["detail"] for h in linked["history"])


def test_a_measure_removed_on_one_side_and_kept_takes_its_parts_and_orders_back(
    dprk, empty, tmp_path
):
    """Kept by 'resolve --take ours' after the other branch removed it with --force: a
    measure that was a part of it lost its part_of (check then failed, the history giving
    it still), and a measure ordered after it lost the order without a word (next then
    had it free to go), each history saying the measure was removed."""
    for args in (
        ["add-measure", "W", "--actor", "DPRK", "--id", "w", "--date", "2018-01-01"],
        ["add-measure", "P", "--actor", "DPRK", "--id", "p", "--date", "2018-01-01"],
        ["edit", "p", "--part-of", "w", "--date", "2018-02-01"],
        ["add-measure", "S", "--actor", "US", "--id", "s", "--date", "2018-01-01"],
        ["sequence", "s", "--after", "w", "--demanded-by", "US", "--date", "2018-03-01"],
        # (an order given with the measure has no entry of its own: the removal's says it)
        ["add-measure", "O", "--actor", "US", "--id", "o", "--after", "w", "--date", "2018-01-01"],
    ):
        assert dprk(*args).code == 0, args
    _merged(dprk, empty, tmp_path, ["note", "w", "still open", "--date", "2019-01-01"],
            ["remove", "w", "--force"])  # fmt: skip
    result = dprk("-l", "m.toml", "resolve", "w", "--field", "measure", "--take", "ours")
    assert result.code == 0, result.err
    assert result.err == "w: measure: took ours (its references given back on o, p, s)\n"
    assert json.loads(dprk("-l", "m.toml", "check", "--format", "json").out)["errors"] == 0
    merged = json.loads(dprk("-l", "m.toml", "status", "--format", "json").out)["measures"]
    by_id = {m["id"]: m for m in merged}
    assert by_id["p"]["part_of"] == "w"
    assert by_id["s"]["constraints"] == [
        {"after": "w", "require": "acted", "demanded_by": "US", "verified_by": None}
    ]
    assert by_id["o"]["constraints"] == [
        {"after": "w", "require": "acted", "demanded_by": None, "verified_by": None}
    ]
    for ident in ("o", "s"):
        assert (
            by_id[ident]["history"]
            == json.loads(dprk("-l", "base.toml", "show", ident, "--format", "json").out)["history"]
        )
    waiting = json.loads(dprk("-l", "m.toml", "next", "--format", "json").out)["blocked"]
    assert [b["id"] for b in waiting] == ["o", "s"]


def test_as_of_and_the_timeline_take_the_actor_and_deadline_of_the_day(dprk, empty):
    """A deadline extended in September, and the measure handed to the US in 2019: on
    2018-08-01 it was the DPRK's, and overdue by the deadline it had then; the timeline
    puts each event in the lane of the party it was then, the deadline's changes too."""
    assert (
        dprk(
            "add-measure",
            "step",
            "--actor",
            "DPRK",
            "--date",
            "2018-01-01",
            "--deadline",
            "2018-06-30",
        ).code  # fmt: skip
        == 0
    )
    dprk("edit", "step", "--deadline", "2019-06-30", "--date", "2018-09-01")
    dprk("edit", "step", "--actor", "US", "--date", "2019-01-01")
    dprk("mark", "step", "implemented", "--date", "2019-02-01")
    then = json.loads(dprk("status", "--as-of", "2018-08-01", "--format", "json").out)
    [row] = then["measures"]
    assert (row["actor"], row["deadline"], row["overdue"]) == ("DPRK", "2018-06-30", True)
    assert then["parties"]["DPRK"]["measures"] == 1 and then["parties"]["US"]["measures"] == 0
    later = json.loads(dprk("status", "--as-of", "2018-10-01", "--format", "json").out)
    assert (later["measures"][0]["deadline"], later["measures"][0]["overdue"]) == (
        "2019-06-30",
        False,
    )
    events = json.loads(dprk("timeline", "--format", "json").out)["events"]
    assert [(e["date"], e["party"], e["event"], e["detail"]) for e in events] == [
        ("2018-01-01", "DPRK", "created", "created as proposed"),
        ("2018-01-01", "DPRK", "deadline", "set to 2018-06-30"),
        ("2018-09-01", "DPRK", "deadline", "moved from 2018-06-30 to 2019-06-30"),
        ("2019-02-01", "US", "status", "implemented"),
    ]


def test_rename_party_renames_it_in_the_history_read_back_as_facts(dprk, empty):
    """The DPRK's 2018 demand, replaced by the US's in 2019: renamed NK, the history still
    said 'demanded by DPRK', so --as-of 2018 gave the order to the US (an order naming a
    party no longer declared is left as it stands), and a redate put the US's back."""
    for ident, actor in (("inv", "DPRK"), ("eow", "US")):
        assert dprk("add-measure", ident, "--actor", actor, "--date", "2018-07-01").code == 0
    dprk("sequence", "eow", "--after", "inv", "--demanded-by", "DPRK", "--date", "2018-07-07")
    dprk("sequence", "eow", "--after", "inv", "--demanded-by", "US", "--date", "2019-01-01")
    dprk("edit", "inv", "--actor", "US", "--date", "2018-08-01")
    assert dprk("rename-party", "DPRK", "NK").code == 0

    def on(day):
        rows = json.loads(dprk("status", "--as-of", day, "--format", "json").out)["measures"]
        return {
            r["id"]: (r["actor"], [c.get("demanded_by") for c in r["constraints"]]) for r in rows
        }

    assert on("2018-07-20") == {"eow": ("US", ["NK"]), "inv": ("NK", [])}
    assert on("2019-02-01") == {"eow": ("US", ["US"]), "inv": ("US", [])}
    result = dprk("redate", "eow", "3", "2018-07-05")
    assert result.err.endswith("; eow is now after inv, demanded by NK (since 2018-07-07)\n")
    assert "DPRK" not in json.dumps(shown(dprk, "eow")["history"][:3])
    clean(dprk)


# (the order before, set on 1996-01-05 or given when suburbs was added; then RS's of 01-10)
_BEFORE_RS = {
    "given": (["--after", "prisoners-fed"], None),
    "federation": (["--after", "prisoners-fed", "--demanded-by", "Federation"], "Federation"),
    "own": (["--after", "prisoners-fed", "--demanded-by", "Republika Srpska"], "RS"),
    "together": (["--with", "prisoners-fed"], None),
}


@pytest.mark.parametrize("before", sorted(_BEFORE_RS))
@pytest.mark.parametrize("how", [(), ("--merge",), ("--date", "1996-01-07")])
def test_rename_party_renames_it_in_an_order_that_replaced_another(dprk, tmp_path, before, how):
    """Dayton: the RS demands the suburbs wait for the prisoners, replacing the order that
    stood. The change of order wrote 'after prisoners-fed, demanded by Republika Srpska
    (was: ...)', and the rename renamed the party only at the end of a detail or before
    its ')': the history still gave the old name, so 'rename-party "Republika Srpska" RS'
    was refused, its advice ('sequence ... --demanded-by RS') refused in turn."""
    dprk("init", "--party", "Federation", "--party", "Republika Srpska")
    path = tmp_path / "dprk-ledger.toml"
    dprk("add-measure", "Federation releases all prisoners", "--actor", "Federation",
         "--id", "prisoners-fed", "--date", "1996-01-01")  # fmt: skip
    given, then = _BEFORE_RS[before]
    dprk("add-measure", "RS transfers the Sarajevo suburbs", "--actor", "Republika Srpska",
         "--id", "suburbs", "--date", "1996-01-01",
         *(given if before == "given" else ()))  # fmt: skip
    if before != "given":
        assert dprk("sequence", "suburbs", *given, "--date", "1996-01-05").code == 0
    verified = ["--require", "verified"] if before == "own" else []
    assert dprk("sequence", "suburbs", "--after", "prisoners-fed", "--demanded-by",
                "Republika Srpska", *verified, "--date", "1996-01-10").code == 0  # fmt: skip
    if "--merge" in how:
        assert dprk("add-party", "RS").code == 0
    start = path.read_bytes()
    result = dprk("rename-party", "Republika Srpska", "RS", *how)
    assert result.code == 0, result.err
    done = (
        "merged party Republika Srpska into"
        if "--merge" in how
        else "renamed party Republika Srpska to"
    )
    # (undated: from today, and the rename dated on the suburbs' first day to say instead)
    merge = " --merge" if "--merge" in how else ""
    again = f"'dprk rename-party \"Republika Srpska\" RS --date 1996-01-01{merge}'"
    tail = (
        ""
        if "--date" in how
        else f" (from today; to correct it from the start: 'dprk undo', then {again})"
    )
    on = " on 1996-01-07" if "--date" in how else ""  # (a dated rename says its day)
    assert result.err == f"{done} RS{on} (1 measure changed){tail}\n"
    clean(dprk)
    assert dprk("check").code == 0
    log = json.loads(dprk("log", "suburbs", "--format", "json").out)
    said = [e["detail"] for e in log if "Republika Srpska" in e["detail"]]
    assert said == ["party Republika Srpska renamed RS" + (" (a merge)" if merge else "")]
    latest = [e["detail"] for e in log if e["event"] == "sequence"][-1]
    assert latest.startswith("after prisoners-fed" + " (verified)" * bool(verified)
                             + ", demanded by RS (was: ")  # fmt: skip

    def on(day):
        rows = json.loads(dprk("status", "--as-of", day, "--format", "json").out)["measures"]
        return [(c.get("after"), c.get("demanded_by")) for c in rows[1]["constraints"]]

    # (a day before a dated rename names the party as it was then)
    if then == "RS" and "--date" in how:
        then = "Republika Srpska"
    assert on("1996-01-06") == [("prisoners-fed" if before != "together" else None, then)]
    assert on("1996-01-11") == [("prisoners-fed", "RS")]
    undone(dprk, path, start)


def test_rename_party_renames_it_in_an_order_a_removal_dropped(dprk, tmp_path):
    """A measure removed with '--force' drops the order that waited for it, in words
    ('prisoners-fed removed: no longer after prisoners-fed, demanded by Republika
    Srpska'), and a merge that keeps the measure gives that order back. Renamed after,
    those words kept the old name: the merge gave back an order of a party no longer
    declared, and keeping the measure was refused ('add it with dprk add-party')."""
    dprk("init", "--party", "Federation", "--party", "Republika Srpska")
    ledger = tmp_path / "dprk-ledger.toml"
    dprk("add-measure", "Federation releases all prisoners", "--actor", "Federation",
         "--id", "prisoners-fed", "--date", "1996-01-01")  # fmt: skip
    dprk("add-measure", "RS transfers the Sarajevo suburbs", "--actor", "Republika Srpska",
         "--id", "suburbs", "--date", "1996-01-01")  # fmt: skip
    dprk("sequence", "suburbs", "--after", "prisoners-fed", "--demanded-by", "Republika Srpska",
         "--date", "1996-01-05")  # fmt: skip
    sides = {name: tmp_path / f"{name}.toml" for name in ("base", "ours", "theirs")}
    for side in sides.values():
        side.write_bytes(ledger.read_bytes())
    for args in (
        ("remove", "prisoners-fed", "--force", "--date", "1996-02-01"),
        ("rename-party", "Republika Srpska", "RS"),
    ):
        assert dprk("--ledger", sides["ours"], *args).code == 0
    log = json.loads(dprk("--ledger", sides["ours"], "log", "suburbs", "--format", "json").out)
    assert [e["detail"] for e in log if "Republika Srpska" in e["detail"]] == [
        "party Republika Srpska renamed RS"
    ]
    theirs = ("edit", "prisoners-fed", "--title", "Federation frees all prisoners")
    assert dprk("--ledger", sides["theirs"], *theirs, "--date", "1996-01-20").code == 0
    assert dprk("merge-driver", *sides.values(), "--output", ledger).code == 1
    kept = dprk("resolve", "prisoners-fed", "--field", "measure", "--take", "theirs")
    assert (kept.code, kept.err) == (
        0,
        "prisoners-fed: measure: took theirs (its references given back on suburbs)\n",
    )
    assert shown(dprk, "suburbs")["constraints"] == [
        {"after": "prisoners-fed", "require": "acted", "demanded_by": "RS", "verified_by": None}
    ]
    assert "Republika Srpska" not in ledger.read_text("utf-8").replace(
        "party Republika Srpska renamed RS", ""
    )


def test_a_party_is_renamed_or_removed_by_its_name_as_the_file_spells_it(dprk, empty):
    """'ROK ' (a space at its end, by hand) declared beside ROK: the command line took
    the space off the name of the party to rename or remove, so 'rename-party "ROK " ROK
    --merge' merged ROK into 'ROK ' (the typo kept, and given to ROK's measures), and
    'remove-party "ROK "' went for ROK. The name as the file spells it is the one meant."""
    for ident in ("b", "c"):
        assert dprk("add-measure", ident, "--actor", "ROK", "--date", "2018-01-01").code == 0
    text = empty.read_text("utf-8").replace('    "ROK",\n', '    "ROK",\n    "ROK ",\n', 1)
    empty.write_text(text.replace('actor = "ROK"', 'actor = "ROK "', 1), "utf-8")
    merged = dprk("rename-party", "ROK ", "ROK", "--merge")
    assert (merged.code, merged.err) == (
        0,
        'merged party "ROK " into ROK (1 measure changed) (from today; to correct it from the '
        "start: 'dprk undo', then 'dprk rename-party \"ROK \" ROK --date 2018-01-01 --merge')\n",
    )
    data = ledger_data(empty)
    assert data["parties"] == ["DPRK", "US", "ROK"]
    assert [m["actor"] for m in data["measures"]] == ["ROK", "ROK"]
    clean(dprk)
    assert dprk("add-party", "Japan").code == 0
    empty.write_text(empty.read_text("utf-8").replace('"Japan"', '"ROK "'), "utf-8")
    removed = dprk("remove-party", "ROK ")
    assert (removed.code, removed.err) == (0, 'removed party "ROK "\n')
    assert ledger_data(empty)["parties"] == ["DPRK", "US", "ROK"]
    clean(dprk)
    # (a name typed with a space that no declared party has names the side, as before)
    assert dprk("rename-party", " ROK ", "South Korea").code == 0
    assert ledger_data(empty)["parties"] == ["DPRK", "US", "South Korea"]
    assert "OLD: is blank" in refused(dprk, empty, "rename-party", " ", "X", code=2)
    assert "NAME: is blank" in refused(dprk, empty, "remove-party", " ", code=2)


def _advised(said: str, command: str) -> list[str]:
    """The words of the 'dprk COMMAND ...' a message advises, as the shell reads them."""
    found = re.search(r"'(dprk " + command + r" [^']*)'", said)
    assert found is not None, said
    return shlex.split(found.group(1))[1:]


def _spaced(path, name: str, *, but: str = "") -> None:
    """The ledger as a hand edit gives it: party `name` written with a space at its end,
    in the parties list and wherever a measure names it (its history's words too); the
    measure `but` keeps its actor as it was (written without the space)."""
    text = path.read_text("utf-8")
    for quoted in (f'"{name}"', f"'{name}'"):
        text = text.replace(quoted, quoted[0] + name + " " + quoted[0])
    for words in ("demanded by", "confirmed by"):
        text = text.replace(f'{words} {name}"', f'{words} {name} "')
    if but:
        block = text.index(f'id = "{but}"')
        at = text.index(f'actor = "{name} "', block)
        text = text[:at] + f'actor = "{name}"' + text[at + len(f'actor = "{name} "') :]
    path.write_text(text, "utf-8")


def test_a_party_declared_with_a_space_at_its_end_is_named_by_check_and_mended(dprk, empty):
    """'ROK ' in a hand-written file: check said nothing of it, and of a measure whose
    actor was 'ROK' advised correcting it to 'ROK ', spreading the typo. Check now names
    the party, the space and the measures, and advises the rename that mends it all."""
    for ident, actor in (("a", "US"), ("b", "ROK"), ("c", "ROK"), ("d", "ROK")):
        assert dprk("add-measure", ident, "--actor", actor, "--date", "2018-01-01").code == 0
    assert dprk("sequence", "a", "--after", "b", "--demanded-by", "ROK", "--date",
                "2018-01-02").code == 0  # fmt: skip
    assert dprk("mark", "b", "implemented", "--date", "2018-02-01").code == 0
    assert dprk("mark", "a", "implemented", "--date", "2018-02-01").code == 0
    assert dprk("verify", "a", "--by", "ROK", "--date", "2018-02-02").code == 0
    assert dprk("edit", "c", "--actor", "US", "--date", "2018-03-01").code == 0
    assert dprk("edit", "c", "--actor", "ROK", "--date", "2018-04-01").code == 0
    _spaced(empty, "ROK", but="d")
    result = dprk("check")
    assert result.code == 1
    assert result.lines == [
        'error: (ledger): party "ROK " is declared with a space at its end (named by 3 '
        "measures: a, b and c); rename it with 'dprk rename-party \"ROK \" ROK', which "
        "gives it that name wherever it is written [parties]",
        "error: d: actor 'ROK' is not a declared party; the parties list spells that side "
        '"ROK ", with a space at its end: rename it with \'dprk rename-party "ROK " ROK\', '
        "which mends this too [undeclared-parties]",
        "2 errors, 0 warnings",
    ]
    before = empty.read_bytes()
    renamed = dprk(*_advised(result.out, "rename-party"))
    assert renamed.code == 0, renamed.err
    clean(dprk)
    data = ledger_data(empty)
    assert data["parties"] == ["DPRK", "US", "ROK"]
    measures = {m["id"]: m for m in data["measures"]}
    assert [measures[i]["actor"] for i in "abcd"] == ["US", "ROK", "ROK", "ROK"]
    assert measures["a"]["constraints"] == [{"after": "b", "demanded_by": "ROK"}]
    assert [v["by"] for v in measures["a"]["verifications"]] == ["ROK"]
    words = [h["detail"] for m in measures.values() for h in m["history"]]
    assert "after b, demanded by ROK" in words and "confirmed by ROK" in words
    assert "actor: 'ROK' -> 'US'" in words and "actor: 'US' -> 'ROK'" in words
    assert not [w for w in words if "ROK " in w and not w.startswith("party ROK  renamed")]
    on = json.loads(dprk("status", "--as-of", "2018-03-15", "--format", "json").out)
    assert {r["id"]: r["actor"] for r in on["measures"]} == {
        "a": "US", "b": "ROK", "c": "US", "d": "ROK"
    }  # fmt: skip
    undone(dprk, empty, before)


def test_a_party_declared_again_with_a_space_at_its_end_is_merged_as_check_advises(dprk, empty):
    """'ROK ' declared by hand beside ROK: check told to take one out of the list by
    hand and give its measures the other, and add-party ROK said the two names 'differ
    only in characters that look alike or are not seen'. Both now say it is a space at
    its end, and check advises the merge that mends it."""
    for ident in ("b", "c"):
        assert dprk("add-measure", ident, "--actor", "ROK", "--date", "2018-01-01").code == 0
    text = empty.read_text("utf-8").replace('    "ROK",\n', '    "ROK",\n    "ROK ",\n', 1)
    empty.write_text(text.replace('actor = "ROK"', 'actor = "ROK "', 1), "utf-8")
    result = dprk("check")
    assert (result.code, result.lines) == (
        1,
        [
            'error: (ledger): parties \'ROK\' and "ROK " name one side, "ROK " with a space at '
            'its end; make them one with \'dprk rename-party "ROK " ROK --merge\' (what "ROK " '
            "did becomes ROK's) [parties]",
            "1 error, 0 warnings",
        ],
    )
    merged = dprk(*_advised(result.out, "rename-party"))
    assert merged.code == 0, merged.err
    clean(dprk)
    assert [m["actor"] for m in ledger_data(empty)["measures"]] == ["ROK", "ROK"]
    assert dprk("rename-party", "ROK", "South Korea").code == 0
    empty.write_text(empty.read_text("utf-8").replace('"South Korea"', '"ROK "'), "utf-8")
    assert refused(dprk, empty, "add-party", "ROK") == (
        'dprk: error: party "ROK " is already declared (the declared name has a space at '
        "its end); rename it with 'dprk rename-party \"ROK \" ROK' if that is what you mean\n"
    )


def test_a_party_name_with_a_space_at_its_end_is_quoted_in_every_message(dprk, empty):
    """'ROK ' declared by hand: messages echoed it with the space unseen ('renamed party
    ROK  to ROK', 'removed party ROK ', 'declared: DPRK, US, ROK '). Every message naming
    such a party writes it in double quotes, the space inside them."""
    for ident in ("b", "c"):
        assert dprk("add-measure", ident, "--actor", "ROK", "--date", "2018-01-01").code == 0
    empty.write_text(empty.read_text("utf-8").replace('"ROK"', '"ROK "'), "utf-8")
    said = [
        refused(dprk, empty, "add-measure", "x", "--actor", "Japan"),
        refused(dprk, empty, "remove-party", "ROK "),
        refused(dprk, empty, "add-party", "ROK"),
        dprk("check").out,
    ]
    renamed = dprk("rename-party", "ROK ", "ROK")
    assert (renamed.code, renamed.err) == (
        0,
        'renamed party "ROK " to ROK (2 measures changed) (from today; to correct it from the '
        "start: 'dprk undo', then 'dprk rename-party \"ROK \" ROK --date 2018-01-01')\n",
    )
    assert dprk("add-party", "Japan").code == 0
    empty.write_text(empty.read_text("utf-8").replace('"Japan"', '"Japan "'), "utf-8")
    removed = dprk("remove-party", "Japan ")
    assert (removed.code, removed.err) == (0, 'removed party "Japan "\n')
    assert '(declared: DPRK, US, "ROK ")' in said[0], said[0]
    for message in said:
        assert '"ROK "' in message, message
        assert not re.search(r"(?<!\")ROK (?!\")", message.replace('"ROK "', "")), message


KABUL = "Kabul (was: Afghan government)"


def test_a_party_name_holding_the_words_of_an_order_replaced_is_refused(dprk, tmp_path):
    """A change of order writes what it replaced as ' (was: ...)' after the order, and
    the history's readers cut the order there: a party named 'Kabul (was: Afghan
    government)' was declared, then every order it demanded was read back as demanded
    by 'Kabul', and 'sequence --demanded-by' it was refused for an error it had made.
    Such a name is refused where a party is named anew, in one line saying why."""
    (tmp_path / "parties.json").write_text(
        json.dumps({"schema": 1, "parties": [KABUL], "measures": []}), encoding="utf-8"
    )
    path = tmp_path / "dprk-ledger.toml"
    said = (
        f"party name '{KABUL}' holds ' (was: ', the words a change of order writes before "
        "the order it replaced, which would be read back as ending its orders; name it "
        "without them ('dprk rename-party' keeps a party's former names in the history)"
    )
    made = dprk("init", "--party", "US", "--party", KABUL)
    assert (made.code, made.err) == (2, f"dprk: error: --party: {said}\n")
    assert not path.exists()
    assert dprk("init", "--party", "US", "--party", "Kabul").code == 0
    assert refused(dprk, path, "add-party", KABUL) == f"dprk: error: {said}\n"
    assert refused(dprk, path, "rename-party", "Kabul", KABUL) == f"dprk: error: NEW: {said}\n"
    assert refused(dprk, path, "import", "parties.json") == (
        f"dprk: error: parties.json: parties: {said}\n"
    )
    # (the words alone, or in another case, are not those the history writes)
    assert dprk("rename-party", "Kabul", "Kabul (formerly: Afghan government)").code == 0
    assert dprk("add-party", "Herat (Was: province)").code == 0


def test_a_party_holding_the_words_of_an_order_replaced_is_named_by_check_and_mended(
    dprk, tmp_path
):
    """Such a party in a file (written by hand, or declared by a dprk that let it): its
    orders were read back as demanded by 'Kabul', which --as-of, drop-entry and undo
    took as an order no party demanded; check advised 'demanded_by = "Kabul"', a party
    not declared. Check now names the party alone, with the rename that mends it, and
    sequence refuses it as a demanding party until then."""
    assert dprk("init", "--party", "US", "--party", "KABUL", "--party", "UN").code == 0
    path = tmp_path / "dprk-ledger.toml"
    for ident, actor in (("a", "US"), ("b", "KABUL"), ("c", "KABUL")):
        assert dprk("add-measure", ident, "--actor", actor, "--date", "2020-01-01").code == 0
    for ident, other, first, then in (("c", "a", "US", "KABUL"), ("a", "b", "KABUL", "US")):
        for by, day in ((first, "2020-02-01"), (then, "2020-03-01")):
            assert dprk("sequence", ident, "--after", other, "--demanded-by", by,
                        "--date", day).code == 0  # fmt: skip
    assert dprk("edit", "b", "--actor", "UN", "--date", "2020-04-01").code == 0
    assert dprk("edit", "b", "--actor", "KABUL", "--date", "2020-05-01").code == 0
    path.write_text(path.read_text("utf-8").replace("KABUL", KABUL), "utf-8")
    result = dprk("check")
    assert result.code == 1
    assert result.lines == [  # (the orders it demanded, misread, are not judged)
        f"error: (ledger): party '{KABUL}' holds ' (was: ', the words a change of order "
        "writes before the order it replaced: the orders it demanded are read back as "
        "ending there until it is renamed; rename it with 'dprk rename-party \"Kabul (was: "
        "Afghan government)\" Kabul' (its former name is kept in the history) [parties]",
        "1 error, 0 warnings",
    ]
    err = refused(dprk, path, "sequence", "a", "--after", "b", "--demanded-by", KABUL)
    assert err == (
        f"dprk: error: --demanded-by: party '{KABUL}' holds ' (was: ', the words a change of "
        "order writes before the order it replaced: an order it demanded would be read "
        "back as ending there; rename it first with 'dprk rename-party \"Kabul (was: "
        "Afghan government)\" Kabul'\n"
    )
    renamed = dprk(*_advised(result.lines[0], "rename-party"))
    assert renamed.code == 0, renamed.err
    clean(dprk)

    def on(day: str) -> dict[str, tuple[str, list[str | None]]]:
        rows = json.loads(dprk("status", "--as-of", day, "--format", "json").out)["measures"]
        return {
            r["id"]: (r["actor"], [c.get("demanded_by") for c in r["constraints"]]) for r in rows
        }

    assert on("2020-02-15") == {"a": ("US", ["Kabul"]), "b": ("Kabul", []), "c": ("Kabul", ["US"])}
    assert on("2020-04-15") == {"a": ("US", ["US"]), "b": ("UN", []), "c": ("Kabul", ["Kabul"])}
    before = path.read_bytes()
    dropped = dprk("drop-entry", "c", "3")
    assert dropped.code == 0, dropped.err
    assert "c is now after a, demanded by US" in dropped.err
    clean(dprk)
    undone(dprk, path, before)
    clean(dprk)


def test_an_edit_to_the_value_a_dated_field_had_then_is_recorded(dprk, empty):
    """'--no-part-of --date 2018-08-15', entered after the part_of of September, was
    'already so; nothing changed'; the July part_of found later then made engine a part
    of sohae on 2018-08-20, which the same edits in time order do not."""

    def part_of_on(day):
        rows = json.loads(dprk("status", "--as-of", day, "--format", "json").out)["measures"]
        return {r["id"]: r["part_of"] for r in rows}["engine"]

    answers = []
    for steps in (
        [("--part-of", "sohae", "2018-07-01"), ("--no-part-of", None, "2018-08-15"),
         ("--part-of", "sohae", "2018-09-01")],
        [("--part-of", "sohae", "2018-09-01"), ("--no-part-of", None, "2018-08-15"),
         ("--part-of", "sohae", "2018-07-01")],
    ):  # fmt: skip
        if empty.exists():
            empty.unlink()
        assert dprk("init", "--party", "DPRK").code == 0
        for ident in ("sohae", "engine"):
            assert dprk("add-measure", ident, "--actor", "DPRK", "--date", "2018-06-12").code == 0
        for option, value, day in steps:
            args = [option, value] if value else [option]
            assert dprk("edit", "engine", *args, "--date", day).code == 0
        answers.append([part_of_on(d) for d in ("2018-07-10", "2018-08-20", "2018-09-10")])
        clean(dprk)
    assert answers == [["sohae", None, "sohae"]] * 2
    # entered again, the same value on the same day changes nothing
    before = empty.read_bytes()
    result = dprk("edit", "engine", "--no-part-of", "--date", "2018-08-15")
    assert result.err == "engine: already so; nothing changed\n"
    assert empty.read_bytes() == before


def _answers(dprk, empty, steps: list[list[str]]) -> list:
    """`status --format json` (its measures' fields that the steps decide) after the
    steps, entered into a new ledger of two measures."""
    if empty.exists():
        empty.unlink()
    assert dprk("init", "--party", "A", "--party", "B").code == 0
    for ident, actor in (("m1", "A"), ("m4", "B")):
        assert dprk("add-measure", ident, "--actor", actor, "--date", "2018-01-01").code == 0
    for step in steps:
        result = dprk(*step)
        assert result.code == 0, (step, result.err)
    rows = json.loads(dprk("status", "--format", "json").out)["measures"]
    clean(dprk)
    keys = ("status", "actor", "part_of", "deadline", "in_exchange_for", "constraints")
    return [{k: r[k] for k in keys} for r in rows]


@pytest.mark.parametrize(
    "steps",
    [
        [["edit", "m1", "--part-of", "m4", "--date", "2020-04-04"],
         ["edit", "m1", "--no-part-of", "--date", "2020-06-14"]],
        [["edit", "m1", "--actor", "B", "--date", "2019-01-01"],
         ["edit", "m1", "--actor", "A", "--date", "2019-06-01"]],
        [["edit", "m1", "--deadline", "2019-03-01", "--date", "2019-01-01"],
         ["edit", "m1", "--no-deadline", "--date", "2019-06-01"]],
        [["unlink", "m1", "m4", "--date", "2019-06-01"],
         ["link", "m1", "m4", "--date", "2020-01-01"],
         ["link", "m1", "m4", "--date", "2019-01-01"]],
        [["sequence", "m1", "--remove", "m4", "--date", "2019-06-01"],
         ["sequence", "m1", "--after", "m4", "--date", "2020-01-01"],
         ["sequence", "m1", "--after", "m4", "--date", "2019-01-01"]],
        [["mark", "m4", "implemented", "--date", "2018-06-01"],
         ["edit", "m1", "--part-of", "m4", "--date", "2019-01-01"]],
    ],
    ids=["part_of", "actor", "deadline", "link", "order", "parts later"],
)  # fmt: skip
def test_a_dated_fact_entered_first_that_repeats_what_stands_is_kept(dprk, empty, steps):
    """Found by entering the same dated facts in shuffled orders: a dated edit, link or
    order giving what already stood was dropped ('already so; nothing changed'), so a
    change dated before it and typed after won; and a step of a measure on a day before
    it had parts was refused when the part was recorded first."""
    by_date = sorted(steps, key=lambda step: step[-1])
    assert _answers(dprk, empty, list(reversed(steps))) == _answers(dprk, empty, by_date)


def test_a_name_written_with_a_letter_in_two_code_points_is_one_side(dprk, tmp_path):
    """'Curaçao' with ç as one character and as c and a combining cedilla (as text copied
    from a PDF may hold it) look the same: declared beside each other, each counted its
    own measures. add-party refuses the second; check finds them in a file."""
    one, two = "Cura\u00e7ao", "Curac\u0327ao"
    assert dprk("init", "--party", one, "--party", "US").code == 0
    path = tmp_path / "dprk-ledger.toml"
    before = path.read_bytes()
    result = dprk("add-party", two)
    assert result.code == 1 and "already declared" in result.err
    assert path.read_bytes() == before
    path.write_text(path.read_text("utf-8").replace('"US"', f'"US", "{two}"'), "utf-8")
    result = dprk("check")
    assert result.code == 1
    assert f"parties '{one}' and '{two}' name one side" in result.out


@pytest.mark.parametrize("typed", ["in date order", "later first"])
def test_an_edit_says_the_value_the_edit_dated_before_it_set(dprk, empty, typed):
    """The deadline edit of July, typed before May's, kept saying "(none) -> ..." once
    May's was on record: the log read as if no deadline had stood in June. Each edit of
    a dated field now names, as the value before, what the edit dated before it set."""
    assert dprk("add-measure", "X", "--actor", "US", "--id", "x", "--date", "2021-01-01").code == 0
    edits = [("2021-06-30", "2021-05-01"), ("2021-12-31", "2021-07-15")]
    for value, day in edits if typed == "in date order" else edits[::-1]:
        assert dprk("edit", "x", "--deadline", value, "--date", day).code == 0
    for value, day in (("ROK", "2021-03-01"), ("US", "2021-09-01"))[
        :: 1 if typed[0] == "i" else -1
    ]:
        assert dprk("add-party", value).code in (0, 1)
        assert dprk("edit", "x", "--actor", value, "--date", day).code == 0
    said = [(h["date"], h["detail"]) for h in json.loads(dprk("show", "x", "--format",
            "json").out)["history"] if h["event"] == "edit"]  # fmt: skip
    assert said == [
        ("2021-03-01", "actor: 'US' -> 'ROK'"),
        ("2021-05-01", "deadline: (none) -> '2021-06-30'"),
        ("2021-07-15", "deadline: '2021-06-30' -> '2021-12-31'"),
        ("2021-09-01", "actor: 'ROK' -> 'US'"),
    ]
    assert dprk("check").code == 0
    # a redate that puts July's edit before May's says so too
    assert dprk("redate", "x", "4", "2021-04-01").code == 0
    said = [h["detail"] for h in json.loads(dprk("show", "x", "--format", "json").out)["history"]
            if h["event"] == "edit" and h["detail"].startswith("deadline")]  # fmt: skip
    assert said == ["deadline: (none) -> '2021-12-31'", "deadline: '2021-12-31' -> '2021-06-30'"]


@pytest.mark.parametrize(
    "correction",
    [
        ["rename", "freeze", "yongbyon-freeze", "--date", "2017-01-01"],
        ["edit", "freeze", "--title", "Yongbyon freeze", "--date", "2017-01-01"],
    ],
)
def test_a_correction_dated_in_the_past_dates_no_creation(dprk, empty, correction):
    """A rename or a title fixed with --date on a measure added without a date moved its
    creation to that day: it stood proposed in 2017 in every --as-of view and in the
    timeline. A correction of the record is no event of the talks; a creation dated later
    than it waits for the correction's date to be corrected, as for a dated creation."""
    assert dprk("add-measure", "Freeze", "--actor", "DPRK", "--id", "freeze").code == 0
    assert dprk(*correction).code == 0
    ident = correction[2] if correction[0] == "rename" else "freeze"
    early = json.loads(dprk("status", "--as-of", "2017-06-01", "--format", "json").out)
    assert early["measures"] == []
    log = json.loads(dprk("log", ident, "--format", "json").out)
    created = next(e for e in log if e["event"] == "created")
    assert created["date"] == str(today())
    # a creation dated later than the correction is refused, as for a dated one
    # (`test_a_creation_redated_past_a_correction_is_refused`): correct the other first
    # (the log lists, and numbers, the correction first, by its date: 1, the creation 2)
    assert [e["n"] for e in log] == [1, 2] and log[0]["date"] == "2017-01-01"
    before = empty.read_bytes()
    refused = dprk("redate", ident, "2", "2018-03-01")
    assert (refused.code, refused.out) == (1, "")
    assert refused.err.startswith(
        f"dprk: error: entry 2 of '{ident}' (created as proposed on {today()}) redated to "
        f"2018-03-01, the {correction[0]} entry of 2017-01-01 ("
    )
    what = correction[0]
    assert refused.err.endswith(
        f"would come before '{ident}' was created (2018-03-01): a correction is dated on or "
        f"after that day, once the creation has a date; redate the {what} first ('dprk redate "
        f"{ident} 1 2018-03-01'), then redate this entry, numbered 2 by then ('dprk redate "
        f"{ident} 2 2018-03-01')\n"
    )
    assert empty.read_bytes() == before
    assert dprk("redate", ident, "1", "2018-03-01").code == 0
    moved = dprk("redate", ident, "2", "2018-03-01")
    assert moved.code == 0, moved.err
    on = json.loads(dprk("status", "--as-of", "2018-03-01", "--format", "json").out)
    assert [m["id"] for m in on["measures"]] == [ident]
    clean(dprk)


def test_log_numbers_entries_in_the_order_it_lists_them(dprk, empty):
    """A title fixed with a --date before the first event of a measure added without a
    date is listed first, by its date: it was numbered 2, above the creation's 1, and
    'redate 1' took the row listed second."""
    for args in (
        ("add-measure", "R", "--actor", "DPRK", "--id", "r"),
        ("edit", "r", "--title", "R2", "--date", "2018-03-01"),
        ("mark", "r", "implemented", "--date", "2018-05-01"),
    ):
        assert dprk(*args).code == 0
    log = json.loads(dprk("log", "r", "--format", "json").out)
    assert [(e["n"], e["date"], e["event"]) for e in log] == [
        (1, "2018-03-01", "edit"),
        (2, "2018-05-01", "created"),
        (3, "2018-05-01", "status"),
    ]
    table = dprk("show", "r").out  # (its history, numbered as log numbers it)
    rows = [line.split()[:2] for line in table.splitlines() if line[:2] in ("1 ", "2 ", "3 ")]
    assert rows == [["1", "2018-03-01"], ["2", "2018-05-01"], ["3", "2018-05-01"]]
    moved = dprk("redate", "r", "1", "2018-05-02")
    assert moved.err.startswith("r: entry 1 (the edit entry of 2018-03-01) now dated 2018-05-02")
    clean(dprk)


def test_marking_the_status_an_undated_measure_was_made_with_keeps_the_correction_first(
    dprk, empty
):
    """With a correction dated before it, the creation is not entry 1 of the log: the
    step dates the creation (undated, it follows its earliest event of the talks), not
    the correction."""
    for args in (
        ("add-measure", "T", "--actor", "DPRK", "--id", "t"),
        ("edit", "t", "--title", "T2", "--date", "2018-01-01"),
    ):
        assert dprk(*args).code == 0
    dated = dprk("mark", "t", "proposed", "--date", "2018-02-01")
    assert dated.err == "t: proposed on 2018-02-01\n"
    log = json.loads(dprk("log", "t", "--format", "json").out)
    assert [(e["date"], e["event"]) for e in log] == [
        ("2018-01-01", "edit"),
        ("2018-02-01", "created"),
        ("2018-02-01", "status"),
    ]
    clean(dprk)


@pytest.mark.parametrize("added", [[], ["--date", "2020-01-08"]])
def test_a_creation_is_not_redated_onto_the_day_of_the_same_step(dprk, empty, added):
    """x's creation (proposed) redated onto the day of its step 'proposed' was accepted:
    the log held the same step twice that day, the timeline drew two moves, and a
    ledger made so from the start is refused ('already proposed on that day')."""
    assert dprk("add-measure", "X", "--actor", "US", "--id", "x", *added).code == 0
    assert dprk("mark", "x", "proposed", "--date", "2020-01-10").code == 0
    before = empty.read_bytes()
    result = dprk("redate", "x", "1", "2020-01-10")
    assert (result.code, result.out) == (1, "")
    assert result.err.startswith("dprk: error: entry 1 of 'x' (created as proposed on ")
    assert result.err.endswith(
        ") redated to 2020-01-10 would repeat its entry 2, the same step on that day: if "
        "entry 1's day was wrong, 'dprk drop-entry x 2', then 'dprk redate x 1 2020-01-10', "
        "moves it\n"
    )  # (a creation is no entry to drop)
    assert empty.read_bytes() == before
    drawn = json.loads(dprk("timeline", "--format", "json").out)["events"]
    assert len([e for e in drawn if e["status"] == "proposed"]) == (1 if not added else 2)


def test_a_redated_link_says_it_moves_on_the_side_of_a_measure_added_undated(dprk, empty):
    """x, added without a date in exchange for y, records the link by its creation:
    redating y's record of it moved the link on x's side too, and the line did not say
    so, as it does when x was added with a date."""
    assert (
        dprk("add-measure", "Y", "--actor", "DPRK", "--id", "y", "--date", "2020-01-01").code == 0
    )
    assert (
        dprk("add-measure", "X", "--actor", "US", "--id", "x", "--in-exchange-for", "y").code == 0
    )
    assert dprk("mark", "x", "proposed", "--date", "2020-01-10").code == 0
    moved = dprk("redate", "y", "2", "2020-01-15")
    assert (moved.code, moved.err) == (
        0,
        "y: entry 2 (the exchange entry with x of 2020-01-10) now dated 2020-01-15, and so is the "
        "link on x's side (x was added with it on 2020-01-10); y is proposed\n",
    )
    early = json.loads(dprk("status", "--as-of", "2020-01-12", "--format", "json").out)
    assert {m["id"]: m["in_exchange_for"] for m in early["measures"]} == {"y": [], "x": []}
    late = json.loads(dprk("status", "--as-of", "2020-01-15", "--format", "json").out)
    assert {m["id"]: m["in_exchange_for"] for m in late["measures"]} == {"y": ["x"], "x": ["y"]}
    clean(dprk)


def test_a_hand_over_dated_in_the_past_still_dates_an_undated_creation(dprk, empty):
    """An edit of a dated field is an event of the talks: who carried the measure out on
    that day. The measure was there then."""
    assert dprk("add-measure", "Freeze", "--actor", "DPRK", "--id", "freeze").code == 0
    assert dprk("edit", "freeze", "--actor", "US", "--date", "2017-01-01").code == 0
    early = json.loads(dprk("status", "--as-of", "2017-06-01", "--format", "json").out)
    assert [(m["id"], m["actor"]) for m in early["measures"]] == [("freeze", "US")]


def test_a_redated_creation_takes_the_link_it_was_added_with_along(dprk, empty):
    """b was added on 1 March in exchange for a; its creation redated to 1 February left
    a's record of the link on 1 March: the balance of mid-February owed nothing, and a's
    log said the link came later. It moves with the creation, not before a was made."""
    assert dprk("add-measure", "A", "--actor", "DPRK", "--id", "a", "--date", "2018-01-01",
                "--status", "implemented").code == 0  # fmt: skip
    assert dprk("add-measure", "B", "--actor", "US", "--id", "b", "--date", "2018-03-01",
                "--in-exchange-for", "a").code == 0  # fmt: skip
    before = empty.read_bytes()
    moved = dprk("redate", "b", "1", "2018-02-01")
    assert moved.err == (
        "b: entry 1 (created as proposed on 2018-03-01) now dated 2018-02-01, and a's record "
        "of its link with b (its entry 2); b is now proposed (since 2018-02-01; it was proposed "
        "since 2018-03-01)\n"
    )
    owed = dprk("balance", "--as-of", "2018-02-15", "--format", "csv").out.splitlines()
    # (owed from the day the exchange stood, its creation's new day: a acted before it)
    assert owed[1:] == [
        "DPRK,owed,a,b,2018-02-01,14,false,false,",
        "US,owes,b,a,2018-02-01,14,false,false,",
    ]
    log = json.loads(dprk("log", "a", "--format", "json").out)
    assert [(e["date"], e["detail"]) for e in log if e["event"] == "exchange"] == [
        ("2018-02-01", "in exchange for b")
    ]
    clean(dprk)
    earlier = dprk("redate", "b", "1", "2017-12-01")
    assert "a's record of its link with b (its entry 2, on 2018-01-01: not before a was made)" in (
        earlier.err
    )
    assert dprk("undo").code == 0 and dprk("undo").code == 0
    assert empty.read_bytes() == before


def _logged(dprk, ident: str) -> list[tuple[int, str, str, str]]:
    """`dprk log IDENT --format json`: each entry's number, date, event and detail."""
    log = json.loads(dprk("log", ident, "--format", "json").out)
    return [(e["n"], e["date"], e["event"], e["detail"]) for e in log]


def _block(path, ident: str) -> str:
    """The text of measure `ident`'s table in the ledger file, as written."""
    text = path.read_bytes().decode()
    return next(b for b in text.split("[[measures]]\n") if b.startswith(f'id = "{ident}"'))


def test_a_redated_creation_is_numbered_as_the_log_numbers_it_once_written(dprk, empty, tick):
    """b was added on 1 March in exchange for a; a's creation redated to 1 June carries
    a's record of the link with it (it cannot come before a was made). The creation stays
    entry 1, as the log numbers the ledger written: the line said '(now entry 2)', a
    number worked out before the record moved, which a next command takes for the link."""
    assert (
        dprk("add-measure", "A", "--actor", "DPRK", "--id", "a", "--date", "2018-01-01").code == 0
    )
    tick()
    assert dprk("add-measure", "B", "--actor", "US", "--id", "b", "--date", "2018-03-01",
                "--in-exchange-for", "a").code == 0  # fmt: skip
    theirs = _block(empty, "b")
    tick()
    moved = dprk("redate", "a", "1", "2018-06-01")
    assert (moved.code, moved.out) == (0, "")
    assert moved.err == (
        "a: entry 1 (created as proposed on 2018-01-01) now dated 2018-06-01, and a's record of "
        "its link with b (its entry 2); a is now proposed (since 2018-06-01; it was proposed "
        "since 2018-01-01)\n"
    )
    assert _logged(dprk, "a")[:2] == [
        (1, "2018-06-01", "created", "created as proposed"),
        (2, "2018-06-01", "exchange", "in exchange for b"),
    ]
    assert _block(empty, "a").endswith(
        '[[measures.history]]\ndate = 2018-06-01\nevent = "created"\nstatus = "proposed"\n'
        'detail = "created as proposed"\nrecorded = 2023-11-14 22:13:22+00:00\n\n'
        '[[measures.history]]\ndate = 2018-06-01\nevent = "exchange"\n'
        'detail = "in exchange for b"\nrecorded = 2023-11-14 22:13:24+00:00\n\n'
        f'[[measures.history]]\ndate = {today()}\nevent = "correction"\n'
        'detail = "created as proposed on 2018-01-01 redated to 2018-06-01; the exchange entry '
        'with b of 2018-03-01 redated to 2018-06-01 with it"\n'
        "recorded = 2023-11-14 22:13:26+00:00\n\n"
    )
    assert _block(empty, "b") == theirs
    clean(dprk)


def test_a_redated_creation_says_its_own_record_of_a_link_moved_with_it(dprk, empty, tick):
    """a's record of the link b was added with cannot come before a was made: a's creation
    redated past it carries it along, and back before b was made, to b's day. Each move
    is said on the line as another measure's record moved with a creation is ('and b's
    record of its link (its entry 2)'), and in the correction, where neither said it."""
    assert (
        dprk("add-measure", "A", "--actor", "DPRK", "--id", "a", "--date", "2018-01-01").code == 0
    )
    tick()
    assert dprk("add-measure", "B", "--actor", "US", "--id", "b", "--date", "2018-03-01",
                "--in-exchange-for", "a").code == 0  # fmt: skip
    tick()
    assert dprk("redate", "a", "1", "2018-06-01").code == 0
    tick()
    theirs = _block(empty, "b")
    before = empty.read_bytes()
    back = dprk("redate", "a", "1", "2017-06-01")
    assert (back.code, back.out) == (0, "")
    assert back.err == (
        "a: entry 1 (created as proposed on 2018-06-01) now dated 2017-06-01, and a's record of "
        "its link with b (its entry 2, on 2018-03-01: not before b was made); a is now proposed "
        "(since 2017-06-01; it was proposed since 2018-06-01)\n"
    )
    assert _logged(dprk, "a")[:2] == [
        (1, "2017-06-01", "created", "created as proposed"),
        (2, "2018-03-01", "exchange", "in exchange for b"),
    ]
    assert _block(empty, "a").endswith(
        f'[[measures.history]]\ndate = {today()}\nevent = "correction"\n'
        'detail = "created as proposed on 2018-06-01 redated to 2017-06-01; the exchange entry '
        'with b of 2018-06-01 redated to 2018-03-01 with it"\n'
        "recorded = 2023-11-14 22:13:28+00:00\n\n"
    )
    assert _block(empty, "b") == theirs
    clean(dprk)
    # (a creation moved where the record stays: nothing else said)
    tick()
    stays = dprk("redate", "a", "1", "2018-02-01")
    assert stays.err.startswith("a: entry 1 (created as proposed on 2017-06-01) now dated ")
    assert "record" not in stays.err
    assert _logged(dprk, "a")[1] == (2, "2018-03-01", "exchange", "in exchange for b")
    assert dprk("undo").code == 0 and dprk("undo").code == 0
    assert empty.read_bytes() == before


def test_a_redate_line_names_a_finding_and_a_link_change_as_its_correction_does(dprk, empty, tick):
    """The correction names a finding by its verifier and a change of an exchange link by
    the other measure ('the verification by IAEA on D', 'the exchange entry with b of D':
    the day alone left which to guess); the line named them by the day alone."""
    assert (
        dprk("add-measure", "A", "--actor", "DPRK", "--id", "a", "--date", "2018-01-01").code == 0
    )
    assert dprk("add-measure", "B", "--actor", "US", "--id", "b", "--date", "2018-01-01").code == 0
    assert dprk("mark", "a", "implemented", "--date", "2018-02-01").code == 0
    assert dprk("verify", "a", "--by", "IAEA", "--date", "2018-03-01").code == 0
    assert dprk("link", "a", "b", "--date", "2018-04-01").code == 0
    tick()
    found = dprk("redate", "a", "3", "2018-03-05")
    assert (found.code, found.out) == (0, "")
    assert found.err == (
        "a: entry 3 (the verification by IAEA on 2018-03-01) now dated 2018-03-05; a is now "
        "verified (since 2018-03-05; it was verified since 2018-03-01)\n"
    )
    tick()
    theirs = _block(empty, "b")
    linked = dprk("redate", "a", "4", "2018-04-05")
    assert (linked.code, linked.out) == (0, "")
    assert linked.err == (
        "a: entry 4 (the exchange entry with b of 2018-04-01) now dated 2018-04-05, and b's "
        "record of it (its entry 2); a is verified\n"
    )
    assert [e[:3] for e in _logged(dprk, "a")][2:4] == [
        (3, "2018-03-05", "verification"),
        (4, "2018-04-05", "exchange"),
    ]
    assert _block(empty, "a").endswith(
        f'[[measures.history]]\ndate = {today()}\nevent = "correction"\n'
        'detail = "the verification by IAEA on 2018-03-01 redated to 2018-03-05"\n'
        "recorded = 2023-11-14 22:13:24+00:00\n\n"
        f'[[measures.history]]\ndate = {today()}\nevent = "correction"\n'
        'detail = "the exchange entry with b of 2018-04-01 redated to 2018-04-05"\n'
        "recorded = 2023-11-14 22:13:26+00:00\n\n"
    )
    assert '{ by = "IAEA", result = "confirmed", date = 2018-03-05 }' in _block(empty, "a")
    assert _block(empty, "b") != theirs  # (its record moved too)
    assert _logged(dprk, "b")[1][:3] == (2, "2018-04-05", "exchange")
    clean(dprk)


def test_a_link_redated_numbers_the_other_record_as_the_ledger_written(dprk, empty, tick):
    """Two measures added undated, linked on 3 October 2007; the link redated to 1 August
    moves delist's record with it, and delist's undated creation, dated by that record,
    moves back too: the record stays entry 2. The line said '(its entry 2, now entry 1)',
    a number worked out before the creation moved, and not that delist's start moved."""
    assert dprk("add-measure", "Disable Yongbyon", "--actor", "DPRK", "--id", "disable").code == 0
    tick()
    assert dprk("add-measure", "Delist DPRK", "--actor", "US", "--id", "delist").code == 0
    tick()
    assert dprk("link", "disable", "delist", "--date", "2007-10-03").code == 0
    tick()
    moved = dprk("redate", "disable", "2", "2007-08-01")
    assert (moved.code, moved.out) == (0, "")
    assert moved.err == (
        "disable: entry 2 (the exchange entry with delist of 2007-10-03) now dated 2007-08-01, "
        "and delist's record of it (its entry 2); disable is now proposed (since 2007-08-01; "
        "it was proposed since 2007-10-03); delist is now proposed (since 2007-08-01; it was "
        "proposed since 2007-10-03)\n"
    )
    undated = "created as proposed (no date given: dated by its earliest event)"
    assert _logged(dprk, "disable")[1] == (2, "2007-08-01", "exchange", "in exchange for delist")
    assert _logged(dprk, "delist") == [
        (1, "2007-08-01", "created", undated),
        (2, "2007-08-01", "exchange", "in exchange for disable"),
        (3, str(today()), "correction",
         "the exchange entry with disable of 2007-10-03 redated to 2007-08-01"),
    ]  # fmt: skip
    assert _block(empty, "delist").endswith(
        '[[measures.history]]\ndate = 2007-08-01\nevent = "created"\nstatus = "proposed"\n'
        f'detail = "{undated}"\nundated = true\nrecorded = 2023-11-14 22:13:24+00:00\n\n'
        '[[measures.history]]\ndate = 2007-08-01\nevent = "exchange"\n'
        'detail = "in exchange for disable"\nrecorded = 2023-11-14 22:13:26+00:00\n\n'
        f'[[measures.history]]\ndate = {today()}\nevent = "correction"\n'
        'detail = "the exchange entry with disable of 2007-10-03 redated to 2007-08-01"\n'
        "recorded = 2023-11-14 22:13:28+00:00\n\n"
    )
    clean(dprk)


def test_a_redate_says_and_records_another_measure_s_record_of_a_link_it_moved(dprk, empty, tick):
    """b was added undated in exchange for a, which holds the link from the later of the
    two beginnings. A step of b redated past a's moves b's creation and a's record of the
    link with it (entry 2 on 27 July, entry 3 on 1 August): the line said nothing of it,
    and neither history recorded it. A creation redated that moves it named it without
    the other measure, by its new number alone."""
    assert dprk("add-measure", "Return remains", "--actor", "DPRK", "--id", "a").code == 0
    tick()
    assert dprk("add-measure", "Suspend exercises", "--actor", "US", "--id", "b",
                "--in-exchange-for", "a").code == 0  # fmt: skip
    tick()
    assert dprk("mark", "a", "implemented", "--date", "2018-07-27").code == 0
    tick()
    assert dprk("mark", "b", "implemented", "--date", "2018-06-19").code == 0
    assert _logged(dprk, "a")[1][:3] == (2, "2018-07-27", "exchange")
    tick()
    moved = dprk("redate", "b", "2", "2018-08-01")
    assert (moved.code, moved.out) == (0, "")
    assert moved.err == (
        "b: entry 2 (implemented on 2018-06-19) now dated 2018-08-01, and a's record of its "
        "link with b (its entry 2, now entry 3); b is now implemented (since 2018-08-01; it was "
        "implemented since 2018-06-19)\n"
    )
    assert _logged(dprk, "b")[1][:3] == (2, "2018-08-01", "status")
    assert _logged(dprk, "a")[2:] == [
        (3, "2018-08-01", "exchange", "in exchange for b"),
        (4, str(today()), "correction",
         "the exchange entry with b of 2018-07-27 redated to 2018-08-01"),
    ]  # fmt: skip
    assert _block(empty, "a").endswith(
        '[[measures.history]]\ndate = 2018-08-01\nevent = "exchange"\n'
        'detail = "in exchange for b"\nundated = true\nrecorded = 2023-11-14 22:13:24+00:00\n\n'
        f'[[measures.history]]\ndate = {today()}\nevent = "correction"\n'
        'detail = "the exchange entry with b of 2018-07-27 redated to 2018-08-01"\n'
        "recorded = 2023-11-14 22:13:30+00:00\n\n"
    )
    clean(dprk)
    # (a creation redated: the record renumbered past a's note, said with both numbers)
    tick()
    assert (
        dprk("add-measure", "C", "--actor", "DPRK", "--id", "c", "--date", "2018-03-01").code == 0
    )
    assert dprk("note", "c", "talks", "--date", "2018-04-01").code == 0
    assert dprk("add-measure", "D", "--actor", "US", "--id", "d", "--in-exchange-for", "c",
                "--date", "2018-03-01").code == 0  # fmt: skip
    later = dprk("redate", "d", "1", "2018-05-20")
    assert later.code == 0
    assert later.err.startswith(
        "d: entry 1 (created as proposed on 2018-03-01) now dated 2018-05-20, and c's record "
        "of its link with d (its entry 2, now entry 3); d is now proposed "
    )
    assert _logged(dprk, "c")[2:] == [
        (3, "2018-05-20", "exchange", "in exchange for d"),
        (4, str(today()), "correction",
         "the exchange entry with d of 2018-03-01 redated to 2018-05-20"),
    ]  # fmt: skip
    clean(dprk)


def test_a_step_redated_on_a_measure_added_undated_is_numbered_once_written(dprk, empty, tick):
    """A measure added with no date is dated by its earliest event: a step redated before
    the others moves the creation with it, when the redate is written. The step keeps its
    number (the creation goes on coming first); the line said '(now entry 1)', the place
    it had before the creation moved, which is the creation's."""
    assert dprk("add-measure", "A", "--actor", "DPRK", "--id", "a").code == 0
    tick()
    assert dprk("mark", "a", "agreed", "--date", "2018-03-01").code == 0
    tick()
    assert dprk("mark", "a", "implemented", "--date", "2018-05-01").code == 0
    tick()
    moved = dprk("redate", "a", "2", "2018-01-01")
    assert (moved.code, moved.out) == (0, "")
    assert moved.err == (
        "a: entry 2 (agreed on 2018-03-01) now dated 2018-01-01; a is implemented\n"
    )
    undated = "created as proposed (no date given: dated by its earliest event)"
    assert _logged(dprk, "a")[:3] == [
        (1, "2018-01-01", "created", undated),
        (2, "2018-01-01", "status", "agreed"),
        (3, "2018-05-01", "status", "implemented"),
    ]
    tick()
    before = empty.read_bytes()
    again = dprk("redate", "a", "3", "2017-06-01")  # (before the step it followed)
    assert again.code == 0
    assert again.err.startswith(
        "a: entry 3 (implemented on 2018-05-01) now dated 2017-06-01 (now entry 2); a is "
    )
    assert _logged(dprk, "a")[:3] == [
        (1, "2017-06-01", "created", undated),
        (2, "2017-06-01", "status", "implemented"),
        (3, "2018-01-01", "status", "agreed"),
    ]
    assert _block(empty, "a").startswith(
        'id = "a"\ntitle = "A"\nactor = "DPRK"\nstatus = "agreed"\n\n'
        '[[measures.history]]\ndate = 2017-06-01\nevent = "created"\n'
    )
    assert dprk("undo").code == 0 and empty.read_bytes() == before


def test_a_redated_creation_leaves_a_link_made_apart_on_its_day_where_it_was(dprk, korea):
    """The end-of-war declaration was made on 7 July 2018 and linked to the test-site
    closure that day by a link of its own (recorded on both, in the same second: the
    bundled example). Its creation redated to 1 July moved the closure's record of the
    link to 1 July, the declaration's own record staying on 7 July: the balance of 3 July
    had the US owing it."""
    war = "end-of-war-declaration"
    moved = dprk("redate", war, "1", "2018-07-01")
    assert moved.err == (
        f"{war}: entry 1 (created as proposed on 2018-07-07) now dated 2018-07-01; {war} is "
        "now proposed (since 2018-07-01; it was proposed since 2018-07-07)\n"
    )
    log = json.loads(dprk("log", "punggye-ri-closure", war, "--format", "json").out)
    linked = {(e["id"], e["date"]) for e in log if e["detail"].startswith("in exchange for")}
    assert linked == {
        ("punggye-ri-closure", "2018-07-07"),
        (war, "2018-07-07"),
    }
    owed = dprk("balance", "--as-of", "2018-07-03", "--party", "US", "--format", "csv")
    assert owed.out == "party,direction,measure,counterpart,since,days,in_part,disputed,held_by\n"
    assert dprk("check").code == 0


def _typed_orders(dprk, tick, orders) -> None:
    """a and b, then each order (`dprk sequence` arguments), typed a while apart."""
    _two(dprk)
    for args in orders:
        tick()
        assert dprk("sequence", *args).code == 0
    tick()


def test_a_with_redated_before_both_orders_leaves_each_its_own(dprk, empty, tick):
    """a with b (July 2019), a after b (Sept 2018), b after a (Oct 2018); the with
    redated to 1 Sept 2018: a's order put in force ended the with on b, and b's own later
    order was left out: b stood with no order, next let it go ahead, and no deadlock was
    seen. Typed in date order, the two wait for each other."""
    orders = [
        ("a", "--with", "b", "--date", "2019-07-13"),
        ("a", "--after", "b", "--date", "2018-09-10"),
        ("b", "--after", "a", "--date", "2018-10-01"),
    ]
    _typed_orders(dprk, tick, orders)
    moved = dprk("redate", "a", "3", "2018-09-01")
    lines = moved.err.splitlines()
    assert lines[0].endswith(
        "; a is now after b (since 2018-09-10); b is now after a (since 2018-10-01)"
    )
    # (the redate closed the circle: it says so, as every write that closes one does)
    assert lines[1:] == [
        "dprk: warning: deadlock: b waits for a (agreed by all); a waits for b (agreed by "
        "all); it stands from 2018-10-01; 'dprk plan' shows it"
    ]
    assert _orders(dprk) == {
        "a": [{"after": "b", "require": "acted", "demanded_by": None, "verified_by": None}],
        "b": [{"after": "a", "require": "acted", "demanded_by": None, "verified_by": None}],
    }
    assert "deadlock" in dprk("check").out


def test_a_with_redated_moves_the_other_s_with_not_an_order_naming_what_it_replaced(
    dprk, empty, tick
):
    """a with b (May), b after a (1 June: b's entry 'after a (was: together with a)'), a
    with b again (1 June). Redating a's second with took b's 'after a' for b's record of
    it, as its words hold 'together with a': b's order moved to 10 June, its with stayed,
    and b was left after a. A with is read by what its entry is, not by words it holds."""
    orders = [
        ("a", "--with", "b", "--date", "2018-05-01"),
        ("b", "--after", "a", "--date", "2018-06-01"),
        ("a", "--with", "b", "--date", "2018-06-01"),
    ]
    _typed_orders(dprk, tick, orders)
    log = json.loads(dprk("log", "b", "--format", "json").out)
    assert [(e["n"], e["date"], e["detail"]) for e in log if e["event"] == "sequence"] == [
        (2, "2018-05-01", "together with a"),
        (3, "2018-06-01", "after a (was: together with a)"),
        (4, "2018-06-01", "together with a (was: after a)"),
    ]
    moved = dprk("redate", "a", "4", "2018-06-10")
    assert moved.code == 0, moved.err
    assert moved.err.startswith(
        "a: entry 4 (the sequence entry of 2018-06-01) now dated 2018-06-10, and b's record "
        "of it (its entry 4)"
    ), moved.err
    log = json.loads(dprk("log", "b", "--format", "json").out)
    assert [(e["date"], e["detail"]) for e in log if e["event"] == "sequence"] == [
        ("2018-05-01", "together with a"),
        ("2018-06-01", "after a (was: together with a)"),
        ("2018-06-10", "together with a (was: after a)"),
    ]
    assert _orders(dprk) == {"a": [{"with": "b"}], "b": [{"with": "a"}]}
    clean(dprk)


def test_drop_entry_of_an_order_takes_no_party_s_name_for_a_with(dprk, empty, monkeypatch):
    """a after b, and b after a demanded by 'Friends together with Japan', typed in one
    second (a script's loop): dropping a's order was refused as one that 'ended a with',
    as b's change of that moment held the words 'together with '. It is dropped."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    assert dprk("add-party", "Friends together with Japan").code == 0
    _two(dprk)
    assert dprk("sequence", "a", "--after", "b", "--date", "2018-05-01").code == 0
    demanded = ["--demanded-by", "Friends together with Japan", "--date", "2018-05-01"]
    assert dprk("sequence", "b", "--after", "a", *demanded).code == 0
    dropped = dprk("drop-entry", "a", "2")
    assert (dropped.code, dropped.out) == (0, ""), dropped.err
    assert dropped.err.startswith(
        "a: dropped entry 2 (the sequence entry of 2018-05-01; a is now not sequenced with b)"
    ), dropped.err
    assert _orders(dprk)["a"] == []
    clean(dprk)


def test_a_with_found_later_says_since_when_its_own_order_stands(dprk, empty, tick):
    """'a stays after b (since 2018-10-01)': the date of b's order, not of a's own
    (10 September), which the log and --as-of views show."""
    orders = [
        ("a", "--after", "b", "--date", "2018-09-10"),
        ("b", "--after", "a", "--date", "2018-10-01"),
    ]
    _typed_orders(dprk, tick, orders)
    late = dprk("sequence", "a", "--with", "b", "--date", "2018-09-01")
    assert late.err.startswith(
        "a: recorded together with b on 2018-09-01; a stays after b (since 2018-09-10)\n"
    )


def test_a_redated_creation_takes_along_a_link_ended_since(dprk, empty):
    """The link n was added with, ended in June: n's creation redated to April left o's
    record of it in May, and --as-of mid-April showed the two unlinked."""
    assert dprk("add-measure", "O", "--actor", "US", "--id", "o", "--date", "2018-01-01").code == 0
    assert dprk("add-measure", "N", "--actor", "DPRK", "--id", "n", "--in-exchange-for", "o",
                "--date", "2018-05-01").code == 0  # fmt: skip
    assert dprk("unlink", "n", "o", "--date", "2018-06-01").code == 0
    moved = dprk("redate", "n", "1", "2018-04-01")
    assert moved.err == (
        "n: entry 1 (created as proposed on 2018-05-01) now dated 2018-04-01, and o's record "
        "of its link with n (its entry 2); n is now proposed (since 2018-04-01; it was proposed "
        "since 2018-05-01)\n"
    )
    on = json.loads(dprk("status", "--as-of", "2018-04-15", "--format", "json").out)
    assert {m["id"]: m["in_exchange_for"] for m in on["measures"]} == {"n": ["o"], "o": ["n"]}
    clean(dprk)


@pytest.mark.parametrize("side", ["a", "b"])
def test_a_with_redated_past_the_order_that_ended_it_is_the_same_from_either_side(
    dprk, empty, tick, side
):
    """a with b (March), b after a (May, which ended the with on both); the with redated
    to June: from b's side it was done, from a's refused ('a had no sequencing constraint
    with b on 2018-05-01'), though the command that made it would take it."""
    _typed_orders(
        dprk,
        tick,
        [
            ("a", "--with", "b", "--date", "2018-03-01"),
            ("b", "--after", "a", "--date", "2018-05-01"),
        ],
    )
    moved = dprk("redate", side, "2", "2018-06-01")
    assert moved.code == 0, moved.err
    assert "2018-05-01 dropped" in moved.err
    assert _orders(dprk) == {"a": [{"with": "b"}], "b": [{"with": "a"}]}
    on = _orders(dprk, "2018-05-15")
    assert on == {
        "a": [],
        "b": [{"after": "a", "require": "acted", "demanded_by": None, "verified_by": None}],
    }
    clean(dprk)


def test_a_with_redated_past_an_end_leaves_the_measures_own_order_in_force(dprk, empty, tick):
    """a after b (Feb), b after a (May), a with b found later (March, ended in May by b's
    order); the with redated to June: a's log kept the end of May, which then ended a's
    own order, and --as-of mid-May showed a with no order where the date-order build has
    the two waiting for each other."""
    _typed_orders(
        dprk,
        tick,
        [
            ("a", "--after", "b", "--date", "2018-02-01"),
            ("b", "--after", "a", "--date", "2018-05-01"),
            ("a", "--with", "b", "--date", "2018-03-01"),
        ],
    )
    assert dprk("redate", "a", "3", "2018-06-01").code == 0
    after = {"require": "acted", "demanded_by": None, "verified_by": None}
    assert _orders(dprk, "2018-05-15") == {
        "a": [{"after": "b", **after}],
        "b": [{"after": "a", **after}],
    }
    assert _orders(dprk) == {"a": [{"with": "b"}], "b": [{"with": "a"}]}
    clean(dprk)


def test_a_link_is_not_redated_before_the_measure_it_links_was_made(dprk, empty):
    """u was added in 2016 in exchange for o: o's record of the link, redated to 2015,
    was accepted, and o stood exchanged for a measure not yet made ('link' refuses a link
    dated so)."""
    assert dprk("add-measure", "O", "--actor", "US", "--id", "o", "--date", "2015-01-01").code == 0
    assert dprk("add-measure", "U", "--actor", "DPRK", "--id", "u", "--in-exchange-for", "o",
                "--date", "2016-01-01").code == 0  # fmt: skip
    err = refused(dprk, empty, "redate", "o", "2", "2015-06-01")
    assert err == (
        "dprk: error: o: its exchange link with 'u' would be dated 2015-06-01, before 'u' was "
        "made (2016-01-01); correct the other date ('dprk log u' numbers its entries)\n"
    )
    assert dprk("redate", "o", "2", "2016-06-01").code == 0


@pytest.mark.parametrize(
    ("args", "what"),
    [
        (["edit", "x", "--title", "X corrected"], "edit"),
        (["edit", "x", "--notes", "from a 2017 cable"], "edit"),
        (["edit", "x", "--category", "nuclear"], "edit"),
        (["edit", "x", "--add-source", "https://example.org/a"], "edit"),
        (["edit", "x", "--actor", "US"], "edit"),
        (["rename", "x", "y"], "rename"),
    ],
)
def test_a_correction_dated_before_a_dated_creation_is_refused(dprk, empty, args, what):
    """A title fixed with --date before the measure was made was accepted (a rename was
    refused), and the log, in date order, listed the correction above the creation."""
    made = dprk("add-measure", "X", "--actor", "DPRK", "--id", "x", "--date", "2018-07-01")
    assert made.code == 0
    before = empty.read_bytes()
    refused = dprk(*args, "--date", "2017-01-01")
    assert (refused.code, refused.out) == (1, "")
    assert refused.err == (
        "dprk: error: --date: 2017-01-01 is before 'x' was created (2018-07-01); date the "
        f"{what} on or after that day\n"
    )
    assert empty.read_bytes() == before
    assert dprk(*args, "--date", "2018-07-01").code == 0


@pytest.mark.parametrize(("number", "event"), [(2, "edit"), (3, "rename")])
def test_a_correction_redated_before_a_dated_creation_is_refused(dprk, empty, number, event):
    """'edit --date' and 'rename --date' refuse a day before the measure was made;
    'redate' moved their entries there all the same, and the creation could then not be
    redated at all."""
    assert (
        dprk("add-measure", "X", "--actor", "DPRK", "--id", "x", "--date", "2020-05-01").code == 0
    )
    assert dprk("edit", "x", "--title", "Y", "--date", "2020-05-10").code == 0
    assert dprk("rename", "x", "z", "--date", "2020-05-11").code == 0
    before = empty.read_bytes()
    refused = dprk("redate", "z", str(number), "2020-04-01")
    assert (refused.code, refused.out) == (1, "")
    assert refused.err == (
        f"dprk: error: z: the {event} entry would be dated 2020-04-01, before 'z' was created "
        "(2020-05-01); a correction is dated on or after that day\n"
    )
    assert empty.read_bytes() == before
    assert dprk("redate", "z", str(number), "2020-05-01").code == 0
    clean(dprk)


def test_a_creation_redated_past_a_correction_is_refused(dprk, empty):
    """A title fixed on 5 March, then the creation redated to April: the edit came before
    the creation, which `edit` itself refuses, and the log numbered the entries 2, 1, 3."""
    made = dprk("add-measure", "X", "--actor", "DPRK", "--id", "x", "--date", "2018-03-01")
    assert made.code == 0
    assert dprk("edit", "x", "--title", "New", "--date", "2018-03-05").code == 0
    before = empty.read_bytes()
    refused = dprk("redate", "x", "1", "2018-04-01")
    assert (refused.code, refused.out) == (1, "")
    assert refused.err == (
        "dprk: error: entry 1 of 'x' (created as proposed on 2018-03-01) redated to 2018-04-01, "
        "the edit entry of 2018-03-05 (title: 'X' -> 'New') would come before 'x' was created "
        "(2018-04-01): a correction is dated on or after that day; redate the edit first ('dprk "
        "redate x 2 2018-04-01'), then redate this entry, numbered 1 by then ('dprk redate x 1 "
        "2018-04-01')\n"
    )
    assert empty.read_bytes() == before
    assert dprk("redate", "x", "1", "2018-03-05").code == 0
    clean(dprk)
    undone(dprk, empty, before)
    advised = dprk("redate", "x", "2", "2018-04-01")
    assert advised.code == 0, advised.err
    assert dprk("redate", "x", "1", "2018-04-01").code == 0
    clean(dprk)


def test_a_creation_redate_refused_for_a_correction_advises_its_number_after_the_first(dprk, empty):
    """Redating the creation past a title fixed earlier was refused with 'redate the edit
    first, then redate entry 2': redating the edit moved it after the creation, which is
    then entry 1, and 'redate decl 2' took another entry. The advice numbers the entry as
    it will be once the first command has run; both, run in that order, work."""
    for args in (
        ["add-measure", "Declaraton", "--actor", "DPRK", "--id", "decl", "--status",
         "implemented"],
        ["edit", "decl", "--title", "Declaration", "--date", "2008-02-01"],
        ["mark", "decl", "agreed", "--date", "2008-05-01"],
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    log = json.loads(dprk("log", "decl", "--format", "json").out)
    assert [(e["n"], e["date"], e["event"]) for e in log] == [
        (1, "2008-02-01", "edit"),
        (2, "2008-05-01", "created"),
        (3, "2008-05-01", "status"),
    ]
    err = refused(dprk, empty, "redate", "decl", "2", "2008-06-26")
    assert err == (
        "dprk: error: entry 2 of 'decl' (created as implemented on 2008-05-01) redated to "
        "2008-06-26, the edit entry of 2008-02-01 (title: 'Declaraton' -> 'Declaration') "
        "would come before 'decl' was created (2008-05-01): a correction is dated on or after "
        "that day, once the creation has a date; redate the edit first ('dprk redate decl 1 "
        "2008-05-01'), then redate this entry, numbered 1 by then ('dprk redate decl 1 "
        "2008-06-26')\n"
    )
    first = dprk("redate", "decl", "1", "2008-05-01")
    assert first.code == 0, first.err
    then = dprk("redate", "decl", "1", "2008-06-26")
    assert then.code == 0
    assert then.err.startswith(
        "decl: entry 1 (created as implemented on 2008-05-01) now dated 2008-06-26"
    )
    log = json.loads(dprk("log", "decl", "--format", "json").out)
    kept = [(e["date"], e["event"], e["detail"]) for e in log if e["event"] != "correction"]
    assert sorted(kept) == [
        ("2008-05-01", "edit", "title: 'Declaraton' -> 'Declaration'"),
        ("2008-05-01", "status", "agreed"),
        ("2008-06-26", "created", "created as implemented"),
    ]
    shown = json.loads(dprk("show", "decl", "--format", "json").out)
    assert (shown["title"], shown["status"]) == ("Declaration", "implemented")
    written = tomllib.loads(empty.read_text(encoding="utf-8"))["measures"][0]
    created = next(h for h in written["history"] if h["event"] == "created")
    assert str(created["date"]) == "2008-06-26" and "undated" not in created
    clean(dprk)


def test_a_creation_redate_refused_names_every_reason(dprk, empty):
    """An undated measure, its title fixed on 1 February 2008, implemented on 26 June: the
    creation redated to 1 July was refused for the edit alone, with 'redate the edit first,
    then redate entry 2'; followed, 'redate decl 2' moved the implementation, as no source
    gives it. The implementation comes before that day too: the refusal says so, and its
    advice, followed, leaves the implementation where it was."""
    for args in (
        ["add-measure", "Declaraton", "--actor", "DPRK", "--id", "decl"],
        ["edit", "decl", "--title", "Declaration", "--date", "2008-02-01"],
        ["mark", "decl", "implemented", "--date", "2008-06-26"],
    ):
        assert dprk(*args).code == 0, args
    err = refused(dprk, empty, "redate", "decl", "2", "2008-07-01")
    assert err == (
        "dprk: error: entry 2 of 'decl' (created as proposed on 2008-06-26) redated to "
        "2008-07-01, the edit entry of 2008-02-01 (title: 'Declaraton' -> 'Declaration') "
        "would come before 'decl' was created (2008-07-01): a correction is dated on or after "
        "that day, once the creation has a date; besides, implemented on 2008-06-26 comes "
        "before its creation on 2008-07-01; correct one of the two dates ('dprk log decl' "
        "numbers the entries, 'dprk redate' corrects one); redate the edit first ('dprk redate "
        "decl 1 2008-07-01'), then redate this entry once that is mended (created as proposed on "
        "2008-06-26: 'dprk log decl' numbers the entries anew)\n"
    )
    assert dprk("redate", "decl", "1", "2008-07-01").code == 0
    log = json.loads(dprk("log", "decl", "--format", "json").out)
    assert [(e["n"], e["date"], e["event"]) for e in log if e["event"] != "correction"] == [
        (1, "2008-06-26", "created"),
        (2, "2008-06-26", "status"),
        (3, "2008-07-01", "edit"),
    ]
    # the creation (entry 1) dated on the day of the implementation, the other date
    dated = dprk("redate", "decl", "1", "2008-06-26")
    assert dated.code == 0, dated.err
    log = json.loads(dprk("log", "decl", "--format", "json").out)
    assert [(e["date"], e["event"], e["detail"]) for e in log if e["event"] != "correction"] == [
        ("2008-06-26", "created", "created as proposed"),
        ("2008-06-26", "status", "implemented"),
        ("2008-07-01", "edit", "title: 'Declaraton' -> 'Declaration'"),
    ]
    shown = json.loads(dprk("show", "decl", "--format", "json").out)
    assert (shown["title"], shown["status"]) == ("Declaration", "implemented")
    written = tomllib.loads(empty.read_text(encoding="utf-8"))["measures"][0]
    step = next(h for h in written["history"] if h["event"] == "status")
    assert str(step["date"]) == "2008-06-26"
    clean(dprk)


@pytest.mark.parametrize("change", ["drop", "redate"])
def test_a_drop_or_redate_that_moves_the_first_day_past_a_rename_is_refused(dprk, empty, change):
    """A measure added without a date is dated by its earliest event. Dropping that event,
    or redating it later, moved the measure's first day past a rename of it, which
    'rename' itself refuses, and 'check' found nothing. Refused, naming the rename and
    the redate that dates it on the new first day; that works, and the change then does."""
    for args in (
        ["add-measure", "U", "--actor", "DPRK", "--id", "u"],
        ["note", "u", "first heard of", "--date", "2018-05-01"],
        ["mark", "u", "agreed", "--date", "2018-08-01"],
        ["rename", "u", "u2", "--date", "2018-06-01"],
    ):
        assert dprk(*args).code == 0, args
    if change == "drop":
        command, day, done = ["drop-entry", "u2", "2"], "2018-08-01", "dropped"
    else:
        command, day, done = (
            ["redate", "u2", "2", "2018-07-01"],
            "2018-07-01",
            "redated to 2018-07-01",
        )
    err = refused(dprk, empty, *command)
    again = (
        "drop this entry, numbered 2 by then ('dprk drop-entry u2 2')"
        if change == "drop"
        else f"redate this entry, numbered 2 by then ('dprk redate u2 2 {day}')"
    )
    assert err == (
        f"dprk: error: entry 2 of 'u2' (the note entry of 2018-05-01) {done}, the rename entry "
        f"of 2018-06-01 (renamed from u) would come before 'u2' was created ({day}, the day of "
        "its earliest event): a correction is dated on or after that day; redate the rename "
        f"first ('dprk redate u2 3 {day}'), then {again}\n"
    )
    advised = dprk("redate", "u2", "3", day)
    assert advised.code == 0, advised.err
    followed = dprk(*command)
    assert followed.code == 0, followed.err
    log = json.loads(dprk("log", "u2", "--format", "json").out)
    kept = [(e["date"], e["event"]) for e in log if e["event"] != "correction"]
    note = [] if change == "drop" else [(day, "note")]
    assert kept == [(day, "created"), *note, (day, "rename"), ("2018-08-01", "status")]
    clean(dprk)


def test_a_drop_or_redate_of_a_first_step_that_leaves_an_edit_before_the_creation(dprk, empty):
    """Added as implemented on a day, a measure found agreed earlier dates from that step;
    a title fixed between the two then stood after its first day. Dropping the step, or
    redating it past the edit, left the edit before the creation: refused, as 'edit' with
    that date is, naming the edit and the redate that works."""
    for args in (
        ["add-measure", "D", "--actor", "DPRK", "--id", "d", "--status", "implemented",
         "--date", "2018-08-01"],
        ["mark", "d", "agreed", "--date", "2018-05-01"],
        ["edit", "d", "--title", "D, corrected", "--date", "2018-06-01"],
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    for command, done, again, day in (
        (["drop-entry", "d", "1"], "dropped", "drop this entry, numbered 1 by then ('dprk "
         "drop-entry d 1')", "2018-08-01"),
        (["redate", "d", "1", "2018-07-01"], "redated to 2018-07-01", "redate this entry, "
         "numbered 1 by then ('dprk redate d 1 2018-07-01')", "2018-07-01"),
    ):  # fmt: skip
        err = refused(dprk, empty, *command)
        assert err == (
            f"dprk: error: entry 1 of 'd' (agreed on 2018-05-01) {done}, the edit entry of "
            "2018-06-01 (title: 'D' -> 'D, corrected') would come before 'd' was created "
            f"({day}): a correction is dated on or after that day; redate the edit first "
            f"('dprk redate d 2 {day}'), then {again}\n"
        )
    before = empty.read_bytes()
    assert dprk("redate", "d", "2", "2018-08-01").code == 0
    dropped = dprk("drop-entry", "d", "1")
    assert dropped.code == 0, dropped.err
    clean(dprk)
    assert dprk("undo").code == 0
    undone(dprk, empty, before)


@pytest.mark.parametrize("change", ["drop", "redate"])
def test_a_link_dropped_or_redated_that_moves_the_other_s_first_day_past_its_rename(
    dprk, empty, change
):
    """A link is kept on both measures: dropped or redated from one, it moved the first
    day of the other, added without a date, past a rename of that other. Refused, naming
    the other's rename and the redate that works."""
    for args in (
        ["add-measure", "X", "--actor", "DPRK", "--id", "x", "--date", "2018-01-01"],
        ["add-measure", "Y", "--actor", "US", "--id", "y"],
        ["link", "x", "y", "--date", "2018-05-01"],
        ["note", "y", "later", "--date", "2018-08-01"],
        ["rename", "y", "y2", "--date", "2018-06-01"],
    ):
        assert dprk(*args).code == 0, args
    if change == "drop":
        command, day, done = ["drop-entry", "x", "2"], "2018-08-01", "dropped"
        named = "the exchange entry of 2018-05-01"
    else:
        command, day, done = (
            ["redate", "x", "2", "2018-07-01"],
            "2018-07-01",
            "redated to 2018-07-01",
        )
        named = "the exchange entry with y2 of 2018-05-01"  # (as its correction names it)
    err = refused(dprk, empty, *command)
    assert err == (
        f"dprk: error: entry 2 of 'x' ({named}) {done}, the rename "
        f"entry of 2018-06-01 (renamed from y) would come before 'y2' was created ({day}, the "
        "day of its earliest event): a correction is dated on or after that day; redate the "
        f"rename first ('dprk redate y2 3 {day}'), then {change} this entry, numbered 2 by then "
        f"('{shlex.join(['dprk', *command])}')\n"
    )
    assert dprk("redate", "y2", "3", day).code == 0
    followed = dprk(*command)
    assert followed.code == 0, followed.err
    clean(dprk)


@pytest.mark.parametrize("cache", ["kept", "gone"])
def test_check_finds_a_correction_before_a_measure_s_first_day(dprk, empty, cache):
    """A rename moved by hand before the day a measure added without a date was dated
    from passed check, though 'rename' and 'redate' refuse that day: check names it, and
    the redate it advises puts it right."""
    import shutil

    for args in (
        ["add-measure", "U", "--actor", "DPRK", "--id", "u"],
        ["mark", "u", "agreed", "--date", "2018-08-01"],
        ["rename", "u", "u2", "--date", "2018-08-01"],
    ):
        assert dprk(*args).code == 0, args
    clean(dprk)
    text = empty.read_text(encoding="utf-8")
    moved = text.replace(
        'date = 2018-08-01\nevent = "rename"', 'date = 2018-06-01\nevent = "rename"'
    )
    assert moved != text
    empty.write_text(moved, encoding="utf-8")
    if cache == "gone":
        shutil.rmtree(empty.parent / ".dprk")
    found = dprk("check", "--format", "json")
    assert found.code == 1
    errors = [p for p in json.loads(found.out)["problems"] if p["severity"] == "error"]
    assert [(p["check"], p["measure"], p["message"]) for p in errors] == [
        (
            "contradicting-dates",
            "u2",
            "the rename entry of 2018-06-01 (renamed from u) comes before its creation on "
            "2018-08-01, the day of its earliest event: a correction of the record is dated on "
            "or after that day ('dprk log u2' numbers the entries, 'dprk redate u2 N "
            "2018-08-01' dates it so)",
        )
    ]
    log = json.loads(dprk("log", "u2", "--format", "json").out)
    number = next(e["n"] for e in log if e["event"] == "rename")
    advised = dprk("redate", "u2", str(number), "2018-08-01")
    assert advised.code == 0, advised.err
    clean(dprk)


def test_a_look_alike_letter_beside_a_digit_names_the_same_side(dprk, tmp_path):
    """'Р5' with a Cyrillic Р beside the P5 (the permanent five and Germany are 'P5+1'
    in such talks): taken as a new side, as only a Latin letter beside it counted."""
    assert dprk("init", "--party", "P5", "--party", "\u041a\u041d\u0414\u0420").code == 0
    path = tmp_path / "dprk-ledger.toml"
    err = refused(dprk, path, "add-party", "\u04205")
    assert "party 'P5' is already declared" in err
    # (a name in one script alone is its own, though its letters look like Latin ones)
    assert dprk("add-party", "\u0415\u0421").code == 0
    assert dprk("add-party", "EC").code == 0


def test_a_name_with_or_without_the_dots_of_an_abbreviation_names_the_same_side(dprk, tmp_path):
    """After 'U.S.' was renamed 'US', `verify --by U.S` (a dot left out) was taken as an
    independent verifier of the US's own step: 'U.S.', 'U.S' and 'US' are one side, as
    names in another case are; a name with dots elsewhere is its own."""
    assert dprk("init", "--party", "Ukraine", "--party", "U.S.").code == 0
    path = tmp_path / "dprk-ledger.toml"
    assert dprk("add-measure", "Fund dismantlement", "--actor", "U.S.", "--id", "ctr",
                "--status", "implemented", "--date", "1994-03-01").code == 0  # fmt: skip
    assert dprk("rename-party", "U.S.", "US").code == 0
    for by in ("U.S", "u.s", "US", "U. S."):  # (initials spaced too)
        err = refused(dprk, path, "verify", "ctr", "--by", by, "--date", "1996-01-01")
        assert "is the actor of 'ctr' on 1996-01-01: a party's own word" in err, err
    err = refused(dprk, path, "add-party", "U.S")
    assert err == (
        "dprk: error: party 'US' is already declared (the names differ only in the dots of "
        "an abbreviation); rename it with 'dprk rename-party US U.S' if that is what you "
        "mean\n"
    )
    assert dprk("verify", "ctr", "--by", "U.K.", "--date", "1996-01-01").code == 0
    assert dprk("verify", "ctr", "--by", "UK", "--date", "1996-02-01").code == 0
    m = shown(dprk, "ctr")
    assert [v["by"] for v in m["verifications"]] == ["U.K.", "U.K."]  # (one verifier)
    assert dprk("add-party", "U.N.").code == 0
    assert dprk("add-party", "1.5 track").code == 0 and dprk("add-party", "15 track").code == 0
    assert dprk("add-party", "St. Petersburg group").code == 0
    # (letters spaced are the name unspaced, as 'D P R K' is the DPRK: the U.N.)
    err = refused(dprk, path, "add-party", "u n")
    assert err == (
        "dprk: error: party 'U.N.' is already declared (the names differ only in case, "
        "spaces or hyphens and dots); rename it with 'dprk rename-party U.N. \"u n\"' if that is "
        "what you mean\n"
    )
    # (a rename onto the same side written another way is advised as one onto its name)
    assert dprk("add-party", "USA").code == 0
    for typed in ("U. S.", "us"):
        err = refused(dprk, path, "rename-party", "USA", typed)
        assert err.endswith(
            "; if the two are one side written two ways, make them one from the start with "
            "'dprk rename-party USA US --typo' (or from a day of the talks on with 'dprk "
            "rename-party USA US --merge --date D'; what USA did becomes US's)\n"
        ), err
    merged = dprk("rename-party", "USA", "U. S.", "--merge")
    assert (merged.code, merged.err) == (0, "merged party USA into US (0 measures changed)\n")
    clean(dprk)


def test_an_edit_dated_between_says_since_when_the_value_has_stood_without_a_break(dprk, empty):
    """Kalbajar's deadline moved to 25 November on the 15th, stated again on the 18th; an
    edit dated the 12th said it "stays '2020-11-25' (since 2020-11-18)", the day it was
    stated again (`log` said the 15th), and the line of the statement gave no day at
    all, where `sequence` says both."""
    assert dprk("add-measure", "Return Kalbajar", "--actor", "US", "--id", "k", "--date",
                "2020-11-10", "--deadline", "2020-11-15").code == 0  # fmt: skip
    assert dprk("edit", "k", "--deadline", "2020-11-25", "--date", "2020-11-15").code == 0
    again = dprk("edit", "k", "--deadline", "2020-11-25", "--date", "2020-11-18")
    assert (again.code, again.err) == (
        0,
        "k: recorded deadline: '2020-11-25' -> '2020-11-25' on 2020-11-18, as it stands "
        "(since 2020-11-15)\n",
    )
    between = dprk("edit", "k", "--deadline", "2020-11-18", "--date", "2020-11-12")
    assert (between.code, between.err) == (
        0,
        "k: recorded deadline: '2020-11-15' -> '2020-11-18' on 2020-11-12, stays "
        "'2020-11-25' (since 2020-11-15)\n",
    )
    on = json.loads(dprk("status", "--as-of", "2020-11-16", "--format", "json").out)
    assert on["measures"][0]["deadline"] == "2020-11-25"
    on = json.loads(dprk("status", "--as-of", "2020-11-13", "--format", "json").out)
    assert on["measures"][0]["deadline"] == "2020-11-18"


def test_drop_entry_takes_back_a_link_entered_by_mistake_on_both_measures(dprk, empty):
    """A link entered by mistake could only be ended ('dprk unlink'): the link and its end
    stayed as events, and a measure added without a date was dated by them, counted in
    the views of days before it existed. The link's entries are dropped from both
    measures (its end first), and every answer is as if it was never entered."""
    for args in (
        ["add-measure", "Alpha", "--actor", "DPRK", "--id", "a", "--date", "2018-01-01"],
        ["add-measure", "Beta", "--actor", "US", "--id", "b"],  # (undated)
        ["mark", "b", "agreed", "--date", "2019-06-01"],
    ):
        assert dprk(*args).code == 0, args
    right = {
        day: json.loads(dprk("status", "--as-of", day, "--format", "json").out)["measures"]
        for day in ("2018-12-31", "2019-06-01")
    }
    assert dprk("link", "a", "b", "--date", "2018-03-01").code == 0
    assert dprk("unlink", "a", "b", "--date", "2018-03-01").code == 0
    log = {e["detail"]: e["n"] for e in json.loads(dprk("log", "b", "--format", "json").out)}
    made, ended = log["in exchange for a"], log["no longer in exchange for a"]
    err = refused(dprk, empty, "drop-entry", "b", str(made))
    assert err == (
        f"dprk: error: entry {made} of 'b' (the exchange entry of 2018-03-01) made the link "
        f"that entry {ended} ends; drop that first ('dprk drop-entry b {ended}'), then this "
        "one\n"
    )
    first = dprk("drop-entry", "b", str(ended))
    assert first.code == 0, first.err
    assert shown(dprk, "a")["in_exchange_for"] == ["b"]  # (the link stands again, on both)
    assert shown(dprk, "b")["in_exchange_for"] == ["a"]
    assert first.err == (
        f"b: dropped entry {ended} (the exchange entry of 2018-03-01, and a's record of it); "
        "b is agreed\n"
    )
    second = dprk("drop-entry", "b", str(made))
    assert (second.code, second.err) == (  # (what it did to a, and to b's first day, said)
        0,
        f"b: dropped entry {made} (the exchange entry of 2018-03-01, and a's record of it; "
        "b is now dated from 2019-06-01); b is agreed\n",
    )
    for ident in ("a", "b"):
        m = shown(dprk, ident)
        assert m["in_exchange_for"] == []
        assert not any(h["event"] == "exchange" for h in m["history"])
    assert shown(dprk, "b")["history"][0]["date"] == "2019-06-01"  # (dated by its step)
    for day, measures in right.items():
        now = json.loads(dprk("status", "--as-of", day, "--format", "json").out)["measures"]
        picked = ("id", "status", "status_date", "last_date", "in_exchange_for")
        assert [{k: m[k] for k in picked} for m in now] == [
            {k: m[k] for k in picked} for m in measures
        ], day
    clean(dprk)


def test_drop_entry_of_a_link_keeps_a_rename_after_the_creation_and_a_removal_s_record(dprk, empty):
    """A link dropped, the last event of a measure added without a date, leaves it as one
    with no event yet: dated the day it was added, the rename dated back waiting for an
    event to date it (check says nothing); and one to a measure removed since was
    dropped, leaving the removal's record of its end, which nothing could drop. A link to
    a removed measure stays on record, and says why."""
    for args in (
        ["add-measure", "X", "--actor", "DPRK", "--id", "x"],
        ["add-measure", "Peace", "--actor", "US", "--id", "peace"],
        ["link", "x", "peace", "--date", "2018-03-01"],
        ["rename", "x", "yongbyon", "--date", "2018-04-01"],
    ):
        assert dprk(*args).code == 0, args
    dropped = dprk("drop-entry", "peace", "2")
    assert dropped.code == 0, dropped.err
    log = json.loads(dprk("log", "yongbyon", "--format", "json").out)
    assert [(e["date"], e["event"]) for e in log][:2] == [
        ("2018-04-01", "rename"),
        (today().isoformat(), "created"),
    ]
    clean(dprk)
    for args in (
        ["add-measure", "B", "--actor", "US", "--id", "b", "--date", "2018-01-01"],
        # (on the rename's day: a link dated later would leave the rename before the day
        # the link dates the measure from, which is refused)
        ["link", "yongbyon", "b", "--date", "2018-04-01"],
        ["remove", "b", "--force"],
    ):
        assert dprk(*args).code == 0, args
    log = json.loads(dprk("log", "yongbyon", "--format", "json").out)
    link = next(e["n"] for e in log if e["detail"] == "in exchange for b")
    ended = next(e["n"] for e in log if e["detail"].startswith("b removed: "))
    err = refused(dprk, empty, "drop-entry", "yongbyon", str(link))
    assert err == (
        f"dprk: error: entry {link} of 'yongbyon' (the exchange entry of 2018-04-01) is of a "
        f"link with 'b', which was removed since (its removal ended the link, in entry "
        f"{ended}): a link to a measure no longer in the ledger stays on record\n"
    )


def _said_of(dprk, ledger, days) -> dict:
    """What `status`, `next` and `plan` say of `ledger` today and on each of `days`, and
    what `show` and `log` say of every measure, as JSON: without dprk's records of
    corrections, or when each entry was typed."""

    def entries(found: list) -> list:
        return [
            {k: v for k, v in h.items() if k != "recorded"}
            for h in found
            if h["event"] != "correction"
        ]

    said = {}
    for day in [None, *days]:
        on = ["--as-of", day] if day else []
        for command in ("status", "next", "plan"):
            result = dprk("--ledger", ledger, command, *on, "--format", "json")
            assert result.code == 0, (command, day, result.err)
            said[command, day] = json.loads(result.out)
            for m in said[command, day].get("measures", []):
                m["history"] = entries(m.get("history", []))
    said["log"] = entries(json.loads(dprk("--ledger", ledger, "log", "--format", "json").out))
    ids = dprk("--ledger", ledger, "status", "--format", "ids").out.split()
    said["show"] = json.loads(dprk("--ledger", ledger, "show", *ids, "--format", "json").out)
    for m in said["show"]:
        m["history"] = entries(m["history"])
    return said


def test_drop_entry_takes_back_an_order_entered_by_mistake_as_if_never_entered(
    dprk, empty, tmp_path
):
    """An order entered by mistake could only be ended ('dprk sequence B --remove A'): it
    and its end stayed as events, and a measure added without a date was dated by them,
    counted in the views of days before it existed. Each change of the order is dropped,
    the one entered last first (each later one says what it replaced), and every answer
    is that of a ledger where it was never entered."""
    right = tmp_path / "right.toml"
    init = ["init", "--title", "Test talks", "--party", "DPRK", "--party", "US", "--party", "ROK"]
    assert dprk("--ledger", right, *init).code == 0
    setup = (
        ["add-measure", "Alpha", "--actor", "DPRK", "--id", "a", "--date", "2018-01-01"],
        ["add-measure", "Beta", "--actor", "US", "--id", "b"],  # (undated)
        [
            "add-measure",
            "Gamma",
            "--actor",
            "US",
            "--id",
            "c",
            "--date",
            "2018-01-01",
            "--after",
            "a",
        ],  # fmt: skip
        ["mark", "a", "implemented", "--date", "2018-06-01"],
        ["mark", "b", "agreed", "--date", "2019-06-01"],
    )
    for args in setup:
        assert dprk(*args).code == 0, args
        assert dprk("--ledger", right, *args).code == 0, args
    for args in (
        ["sequence", "b", "--after", "a", "--date", "2018-03-01"],
        [
            "sequence",
            "b",
            "--after",
            "a",
            "--require",
            "verified",
            "--demanded-by",
            "US",
            "--date",
            "2018-04-01",
        ],  # fmt: skip
        ["sequence", "b", "--remove", "a", "--date", "2018-05-01"],
        ["sequence", "c", "--remove", "a", "--date", "2018-02-01"],  # (given when added)
    ):
        assert dprk(*args).code == 0, args
    days = ["2018-01-15", "2018-02-15", "2018-03-15", "2018-04-15", "2018-05-15", "2019-01-01"]
    wrong, never = _said_of(dprk, empty, days), _said_of(dprk, right, days)
    counted = [m["id"] for m in wrong["status", "2018-03-15"]["measures"]]
    assert counted == ["a", "b", "c"]  # (b, dated by the order, before it existed)
    assert [m["id"] for m in never["status", "2018-03-15"]["measures"]] == ["a", "c"]
    log = [e["n"] for e in json.loads(dprk("log", "b", "--format", "json").out)]
    assert log == [1, 2, 3, 4, 5]  # (created, the order, its change, its end, agreed)
    for first in ("2", "3"):  # (the end, entered last, names what it removed)
        err = refused(dprk, empty, "drop-entry", "b", first)
        assert err == (
            f"dprk: error: entry {first} of 'b' (the sequence entry of "
            f"2018-0{int(first) + 1}-01) is of the order with 'a' that entry 4 changed "
            "later, naming what it replaced; drop that first ('dprk drop-entry b 4'), then "
            "this one\n"
        )
    before = empty.read_bytes()  # (undo of a drop gives back the bytes before it)
    assert dprk("drop-entry", "c", "2").code == 0
    undone(dprk, empty, before)
    said = []
    for ident, number in (("c", "2"), ("b", "4"), ("b", "3"), ("b", "2")):
        result = dprk("drop-entry", ident, number)
        assert (result.code, result.out) == (0, ""), result.err
        said.append(result.err)
    assert said == [
        "c: dropped entry 2 (the sequence entry of 2018-02-01; c is now after a); c is proposed\n",
        "b: dropped entry 4 (the sequence entry of 2018-05-01; b is now after a (verified), "
        "demanded by US); b is agreed\n",
        "b: dropped entry 3 (the sequence entry of 2018-04-01; b is now after a); b is agreed\n",
        "b: dropped entry 2 (the sequence entry of 2018-03-01; b is now not sequenced with a; "
        "b is now dated from 2019-06-01); b is agreed\n",
    ]
    for ident in ("b", "c"):
        m, kept = (
            shown(dprk, ident),
            json.loads(dprk("--ledger", right, "show", ident, "--format", "json").out),
        )
        assert not any(h["event"] == "sequence" for h in m["history"])
        assert m["history"][0]["date"] == kept["history"][0]["date"]  # (b: 2019-06-01)
        assert m["constraints"] == kept["constraints"]
    assert _said_of(dprk, empty, days) == never
    clean(dprk)
    check = dprk("check")
    assert (check.code, check.out) == (0, "ok: no problems found\n")


def test_drop_entry_of_an_order_takes_the_one_entered_last_first(dprk, empty, tick):
    """A change dated before a later one, entered after it, only records it: dropped, the
    order stays. Dropping the later first puts it in force from its day, which is as if
    the later had never been entered (the earlier names nothing it replaced: nothing
    stood on its day), and so is no longer refused."""
    for args in (
        ["add-measure", "A", "--actor", "DPRK", "--id", "a", "--date", "2018-01-01"],
        ["add-measure", "B", "--actor", "US", "--id", "b", "--date", "2018-01-01"],
        ["sequence", "b", "--after", "a", "--date", "2018-05-01"],
        ["sequence", "b", "--after", "a", "--require", "verified", "--date", "2018-03-01"],
    ):
        assert dprk(*args).code == 0, args
        tick()
    before = empty.read_bytes()
    later_first = dprk("drop-entry", "b", "3")
    assert later_first.code == 0 and "b is now after a (verified)" in later_first.err
    assert shown(dprk, "b")["constraints"] == [
        {"after": "a", "require": "verified", "demanded_by": None, "verified_by": None}
    ]
    assert dprk("undo").code == 0 and empty.read_bytes() == before
    first = dprk("drop-entry", "b", "2")  # (it changed nothing: nothing is said of it)
    assert (first.code, first.err) == (
        0,
        "b: dropped entry 2 (the sequence entry of 2018-03-01); b is proposed\n",
    )
    assert shown(dprk, "b")["constraints"] == [
        {"after": "a", "require": "acted", "demanded_by": None, "verified_by": None}
    ]
    second = dprk("drop-entry", "b", "2")
    assert second.code == 0 and "b is now not sequenced with a" in second.err, second.err
    assert shown(dprk, "b")["constraints"] == []
    clean(dprk)


def test_a_dropped_change_of_an_order_or_a_link_is_named_by_what_it_said(dprk, empty, tick):
    """Two orders of one day, each dropped as entered by mistake: the log said 'the
    sequence entry of 2020-02-01 dropped' twice, so a reader could not tell which demand
    was the mistake. Each correction says what the entry said (a link's on each measure
    as that measure's record said it)."""
    for args in (
        ["add-measure", "A", "--actor", "US", "--id", "a", "--date", "2020-01-01"],
        ["add-measure", "B", "--actor", "DPRK", "--id", "b", "--date", "2020-01-01"],
        ["sequence", "b", "--after", "a", "--demanded-by", "US", "--date", "2020-02-01"],
        ["sequence", "b", "--after", "a", "--demanded-by", "DPRK", "--date", "2020-02-01"],
        ["drop-entry", "b", "3"],
        ["drop-entry", "b", "2"],
        ["link", "a", "b", "--date", "2020-03-01"],
        ["drop-entry", "a", "2"],
    ):
        assert dprk(*args).code == 0, args
        tick()
    said = {
        ident: [e["detail"] for e in json.loads(dprk("log", ident, "--format", "json").out)]
        for ident in ("a", "b")
    }
    assert said == {
        "a": [
            "created as proposed",
            "the exchange entry of 2020-03-01 (in exchange for b) dropped: entered by mistake",
        ],
        "b": [
            "created as proposed",
            "the sequence entry of 2020-02-01 (after a, demanded by DPRK (was: after a, "
            "demanded by US)) dropped: entered by mistake",
            "the sequence entry of 2020-02-01 (after a, demanded by US) dropped: entered by "
            "mistake",
            "the exchange entry of 2020-03-01 (in exchange for a) dropped: entered by mistake",
        ],
    }
    assert shown(dprk, "b")["constraints"] == [] and shown(dprk, "b")["in_exchange_for"] == []
    clean(dprk)


def test_a_dropped_link_made_when_the_other_was_added_says_the_other_lost_it(dprk, empty):
    """b added --in-exchange-for a: the link's entry is on a alone. Dropped there, b lost
    the link too, but the line named a's entry only (a link made by `link` says 'and b's
    record of it')."""
    assert dprk("add-measure", "A", "--actor", "US", "--id", "a", "--date", "2020-01-01").code == 0
    assert dprk("add-measure", "B", "--actor", "DPRK", "--id", "b", "--date", "2020-02-01",
                "--in-exchange-for", "a").code == 0  # fmt: skip
    result = dprk("drop-entry", "a", "2")
    assert (result.code, result.err) == (
        0,
        "a: dropped entry 2 (the exchange entry of 2020-02-01, and b's side of the link, which "
        "has no entry of its own); a is proposed\n",
    )
    assert shown(dprk, "a")["in_exchange_for"] == [] == shown(dprk, "b")["in_exchange_for"]
    clean(dprk)


def test_drop_entry_of_an_order_refuses_a_with_and_a_removed_measure_s(dprk, empty):
    """A `with` is kept on both measures (an order after the other ends it on both), and
    an order with a measure removed since was ended by the removal's record: each stays,
    and the refusal says what corrects it. (A change of a `with`, which both measures
    record, is dropped from both now: the one that ended it among them.)"""
    for args in (
        ["add-measure", "A", "--actor", "DPRK", "--id", "a", "--date", "2018-01-01"],
        ["add-measure", "B", "--actor", "US", "--id", "b", "--date", "2018-01-01"],
        ["add-measure", "C", "--actor", "US", "--id", "c", "--date", "2018-01-01"],
        ["sequence", "b", "--with", "a", "--date", "2018-02-01"],
        ["sequence", "b", "--after", "a", "--date", "2018-03-01"],  # (ends the with on a)
    ):
        assert dprk(*args).code == 0, args
    # (the with, which b's order after a ended, naming it, on both: that end first)
    err = refused(dprk, empty, "drop-entry", "b", "2")
    assert err == (
        "dprk: error: entry 2 of 'b' (the sequence entry of 2018-02-01) is of the order with "
        "'a' that entry 3 changed later, naming what it replaced; drop that first ('dprk "
        "drop-entry b 3'), then this one\n"
    )
    before = empty.read_bytes()
    # (b's order after a ended the with on both: dropped from either, it goes from both)
    for ident, other in (("b", "a"), ("a", "b")):
        dropped = dprk("drop-entry", ident, "3")
        assert dropped.code == 0, dropped.err
        assert dropped.err.startswith(
            f"{ident}: dropped entry 3 (the sequence entry of 2018-03-01, and {other}'s record "
            f"of it; {ident} is now together with {other}; {other} is now together with "
            f"{ident})"
        )
        clean(dprk)
        assert dprk("undo").code == 0 and empty.read_bytes() == before
    for args in (
        ["sequence", "c", "--after", "b", "--date", "2018-03-01"],
        ["remove", "b", "--force"],
    ):
        assert dprk(*args).code == 0, args
    err = refused(dprk, empty, "drop-entry", "c", "2")
    assert err == (
        "dprk: error: entry 2 of 'c' (the sequence entry of 2018-03-01) is of an order with "
        "'b', which was removed since (its removal ended the order, in entry 3): an order "
        "with a measure no longer in the ledger stays on record\n"
    )


def test_drop_entry_of_a_note_says_its_source_stays_and_how_to_remove_it(dprk, korea):
    """A note on the wrong measure, dropped, left the source it added among the
    measure's sources without a word: `status --search` still found it there. The
    source may have been there before the note, so it stays, and the line says so and
    how to remove it; followed, that advice removes it."""
    source = "Reuters, 2 Oct 2018"
    assert (
        dprk("note", "second-summit", "wrong", "--date", "2018-10-02", "--source", source).code == 0
    )
    dropped = dprk("drop-entry", "second-summit", "2")
    assert (dropped.code, dropped.out) == (0, "")
    advice = f'dprk edit second-summit --remove-source "{source}"'
    assert dropped.err == (
        "second-summit: dropped entry 2 (the note entry of 2018-10-02); second-summit is "
        f"proposed; its source '{source}' stays among the measure's sources ('{advice}' "
        "removes it)\n"
    )
    assert source in shown(dprk, "second-summit")["sources"]
    result = dprk(*shlex.split(advice)[1:])
    assert result.code == 0, result.err
    assert source not in shown(dprk, "second-summit")["sources"]
    assert dprk("status", "--search", "Reuters", "--format", "ids").out == ""
    clean(dprk)
    # (a note without a source, or one whose source is gone since, says nothing of it)
    assert dprk("note", "second-summit", "plain", "--date", "2018-10-03").code == 0
    log = json.loads(dprk("log", "second-summit", "--format", "json").out)
    plain = next(e["n"] for e in log if e["note"] == "plain")
    result = dprk("drop-entry", "second-summit", str(plain))
    assert result.code == 0 and "source" not in result.err, result.err


def test_drop_entry_refuses_the_action_a_finding_found_where_an_earlier_one_is_left(dprk, empty):
    """The release of all 53 prisoners, confirmed by the US, dropped as entered by
    mistake: the finding moved without a word to the partial release before it, and the
    record said the US had confirmed that. The guide says such a drop is refused; the
    advice, followed, drops it."""
    for args in (
        ("add-measure", "P", "--actor", "DPRK", "--id", "p", "--status", "agreed", "--date",
         "2014-12-17"),
        ("mark", "p", "implemented", "--extent", "intermediate", "--date", "2015-01-07"),
        ("mark", "p", "implemented", "--date", "2015-01-11"),
        ("verify", "p", "--by", "US", "--date", "2015-01-12"),
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    err = refused(dprk, empty, "drop-entry", "p", "3")
    assert err == (
        "dprk: error: entry 3 of 'p' (implemented (full) on 2015-01-11) is the action that "
        "entry 4 "
        "(confirmed by US on 2015-01-12) found; drop the finding first ('dprk drop-finding p "
        "4'), or correct the action's date with 'dprk redate p 3 YYYY-MM-DD'\n"
    )
    # (the partial action before it, which the finding did not find, goes)
    result = dprk("drop-entry", "p", "2")
    assert (result.code, result.err) == (
        0,
        "p: dropped entry 2 (implemented (intermediate) on 2015-01-07); p is verified from "
        "2015-01-12 on; in its past now agreed from 2015-01-07 to 2015-01-11 (it was "
        "implemented (intermediate) from 2015-01-07 to 2015-01-11)\n",
    )
    assert dprk("drop-finding", "p", "3").code == 0
    assert dprk("drop-entry", "p", "2").code == 0
    assert (shown(dprk, "p")["status"], shown(dprk, "p")["verifications"]) == ("agreed", [])
    clean(dprk)


def test_remove_refused_names_the_way_that_leaves_no_trace_and_it_works(dprk, empty):
    """A measure entered by mistake, linked and ordered: the refusal advised `--force`
    alone, which keeps the other measure's entries of the link and the order, and the
    timeline then drew them for good. It names dropping those entries first; followed,
    a plain `remove` leaves nothing of it."""
    assert dprk("add-measure", "SST", "--actor", "US", "--id", "sst", "--date",
                "2014-12-17").code == 0  # fmt: skip
    assert dprk("add-measure", "Fugitives", "--actor", "DPRK", "--id", "fug", "--date",
                "2015-01-22", "--in-exchange-for", "sst").code == 0  # fmt: skip
    assert dprk("sequence", "sst", "--after", "fug", "--date", "2015-01-22").code == 0
    err = refused(dprk, empty, "remove", "fug")
    assert err == (
        "dprk: error: measure 'fug' is referred to by sst (exchange links, sequencing or "
        "parts); 'dprk remove fug --force' drops those references too, their entries kept "
        "in the history; to take a link or an order back as if never entered, drop their "
        "entries first, in this order ('dprk drop-entry sst 3', then 'dprk drop-entry sst 2')\n"
    )
    log = json.loads(dprk("log", "sst", "--format", "json").out)
    for n in sorted((e["n"] for e in log if e["event"] in ("exchange", "sequence")), reverse=True):
        assert dprk("drop-entry", "sst", str(n)).code == 0
    assert dprk("remove", "fug").code == 0
    events = json.loads(dprk("timeline", "--format", "json").out)["events"]
    assert [(e["id"], e["event"]) for e in events] == [("sst", "created")]
    clean(dprk)


def _advised_for_removal(err: str, ident: str) -> list[list[str]]:
    """The commands a refusal of 'dprk remove IDENT' advises, in its order, but the
    removal itself (with --force)."""
    said = [shlex.split(c)[1:] for c in re.findall(r"'(dprk [^']*)'", err)]
    return [c for c in said if c[:2] != ["remove", ident]]


_ADDED_WITH = [
    ["add-measure", "Cantonment", "--actor", "DPRK", "--id", "cantonment", "--date",
     "2007-01-01"],
]  # fmt: skip


@pytest.mark.parametrize(
    ("made", "said"),
    [
        (
            ["--in-exchange-for", "cantonment"],
            "; to take a link or an order back as if never entered, drop its entry first "
            "('dprk drop-entry cantonment 2')",
        ),
        (
            ["--after", "cantonment"],
            "; no entry dropped takes back other's order after cantonment (one given when it "
            "was added has none): 'dprk sequence other --remove cantonment --date 2007-03-01' "
            "ends it first, as --force does, the end kept in other's history",
        ),
        (
            ["--part-of", "cantonment"],
            "; other is a part of it: 'dprk edit other --no-part-of --date 2007-03-01' takes "
            "it out first, as --force does, kept in other's history",
        ),
    ],
    ids=["link", "order", "part"],
)
def test_remove_refused_for_what_another_was_added_with_advises_what_works(dprk, empty, made, said):
    """'add-measure other --in-exchange-for cantonment', then 'remove cantonment': the
    refusal advised 'dprk drop-entry other N', but the link's entry is cantonment's (other's
    creation is its record of it). An order or a part given when other was added has no
    entry at all. Each is now advised as it works: the entry where it is, or the change
    that ends the order or the part on the removal's day, kept in other's history as
    --force keeps it; followed, the removal is made."""
    actor = "DPRK" if made[0] == "--part-of" else "US"
    for args in (
        *_ADDED_WITH,
        ["add-measure", "Other", "--actor", actor, "--id", "other", "--date", "2007-02-01",
         *made],
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    err = refused(dprk, empty, "remove", "cantonment", "--date", "2007-03-01")
    assert err == (
        "dprk: error: measure 'cantonment' is referred to by other (exchange links, sequencing "
        "or parts); 'dprk remove cantonment --date 2007-03-01 --force' drops those references "
        f"too, their entries kept in the history{said}\n"
    )
    for command in _advised_for_removal(err, "cantonment"):
        followed = dprk(*command)
        assert followed.code == 0, (command, followed.err)
    removed = dprk("remove", "cantonment", "--date", "2007-03-01")
    assert (removed.code, removed.err) == (0, "cantonment: removed\n")
    log = json.loads(dprk("log", "other", "--format", "json").out)
    kept = [(e["date"], e["event"], e["detail"]) for e in log if e["event"] != "correction"]
    ended = {
        "--in-exchange-for": [],  # (as if never entered)
        "--after": [("2007-03-01", "sequence", "removed: after cantonment")],
        "--part-of": [("2007-03-01", "edit", "part_of: 'cantonment' -> (none)")],
    }[made[0]]
    assert kept == [("2007-02-01", "created", "created as proposed"), *ended]
    shown = json.loads(dprk("show", "other", "--format", "json").out)
    assert (shown["in_exchange_for"], shown["constraints"], shown["part_of"]) == ([], [], None)
    clean(dprk)


def test_remove_refused_numbers_each_entry_to_drop_as_the_drops_before_leave_it(dprk, empty):
    """Two measures refer to the one removed: b by a link and a with, each recorded on
    both, c by a link it was added with (its entry is the removed measure's) and an order
    given when it was added (no entry). Each drop is numbered as the log will be once the
    drops before it are made, the order given when c was added ended: followed in order,
    every command works, and the removal is made."""
    for args in (
        ["add-measure", "A", "--actor", "US", "--id", "a", "--date", "2014-12-17"],
        ["add-measure", "B", "--actor", "DPRK", "--id", "b", "--date", "2015-01-22"],
        ["link", "a", "b", "--date", "2015-02-01"],
        ["sequence", "b", "--with", "a", "--date", "2015-02-02"],
        ["add-measure", "C", "--actor", "DPRK", "--id", "c", "--in-exchange-for", "a",
         "--after", "a", "--date", "2015-03-01"],
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    err = refused(dprk, empty, "remove", "a")
    assert err == (
        "dprk: error: measure 'a' is referred to by b, c (exchange links, sequencing or "
        "parts); 'dprk remove a --force' drops those references too, their entries kept in "
        "the history; to take a link or an order back as if never entered, drop their entries "
        "first, in this order ('dprk drop-entry b 3', then 'dprk drop-entry a 2', then 'dprk "
        "drop-entry a 2'); no entry dropped takes back c's order after a (one given when it "
        f"was added has none): 'dprk sequence c --remove a --date {today()}' ends it first, as "
        "--force does, the end kept in c's history\n"
    )
    for command in _advised_for_removal(err, "a"):
        followed = dprk(*command)
        assert followed.code == 0, (command, followed.err)
    assert dprk("remove", "a").code == 0
    for ident, ended in (("b", []), ("c", [(str(today()), "sequence")])):
        log = json.loads(dprk("log", ident, "--format", "json").out)
        kept = [(e["date"], e["event"]) for e in log if e["event"] not in ("correction",)]
        assert kept[1:] == ended, ident
    clean(dprk)


def test_remove_refused_drops_an_order_s_changes_back_to_none_the_last_first(dprk, empty):
    """x was put after z, then together with z: dropping the with gives back the after,
    and the refusal said no entry could take x's order back, advising an end kept in x's
    history. It names the drops, the last first, as for an order with one change."""
    for args in (
        ["add-measure", "X", "--actor", "DPRK", "--id", "x", "--date", "2020-01-01"],
        ["add-measure", "Z", "--actor", "US", "--id", "z", "--date", "2020-01-01"],
        ["sequence", "x", "--after", "z", "--date", "2020-02-02"],
        ["sequence", "z", "--with", "x", "--date", "2020-02-04"],
    ):
        assert dprk(*args).code == 0, args
    err = refused(dprk, empty, "remove", "z")
    assert err == (
        "dprk: error: measure 'z' is referred to by x (exchange links, sequencing or parts); "
        "'dprk remove z --force' drops those references too, their entries kept in the "
        "history; to take a link or an order back as if never entered, drop their entries "
        "first, in this order ('dprk drop-entry x 3', then 'dprk drop-entry x 2')\n"
    )
    for command in _advised_for_removal(err, "z"):
        followed = dprk(*command)
        assert followed.code == 0, (command, followed.err)
    removed = dprk("remove", "z")
    assert (removed.code, removed.err) == (0, "z: removed\n")
    assert b'"z"' not in empty.read_bytes()
    log = json.loads(dprk("log", "x", "--format", "json").out)
    assert [e["event"] for e in log if e["event"] != "correction"] == ["created"]
    clean(dprk)


def _hand_written(refers: str) -> str:
    """A ledger written by hand: measure o refers to x by `refers`, with no history entry
    of it (a link and a with written on both, and a part of x's actor, as check wants)."""
    measure = (
        '[[measures]]\nid = "{ident}"\ntitle = "{ident}"\nactor = "{actor}"\n'
        'status = "proposed"\n{refers}\n[[measures.history]]\ndate = 2015-01-0{day}\n'
        'event = "created"\nstatus = "proposed"\n'
        "recorded = 2015-01-0{day} 00:00:00+00:00\n\n"
    )
    back = refers.replace('"x"', '"o"') if "exchange" in refers or "with" in refers else ""
    return (
        'schema = 1\ntitle = "T"\nparties = ["DPRK", "US"]\n\n'
        + measure.format(
            ident="o", actor="US" if "part" in refers else "DPRK", refers=refers, day=2
        )
        + measure.format(ident="x", actor="US", refers=back, day=1)
    )


@pytest.mark.parametrize(
    ("refers", "said"),
    [
        (
            'in_exchange_for = ["x"]\n',
            "no entry dropped takes back o's exchange link with x (one written by hand has "
            "none): 'dprk unlink o x --date 2016-01-01' ends it first, as --force does, the "
            "end kept in o's history",
        ),
        (
            'constraints = [{ after = "x" }]\n',
            "no entry dropped takes back o's order after x (one given when it was added has "
            "none): 'dprk sequence o --remove x --date 2016-01-01' ends it first, as --force "
            "does, the end kept in o's history",
        ),
        (
            'constraints = [{ with = "x" }]\n',
            "no entry dropped takes back o's order together with x (one given when it was "
            "added has none): 'dprk sequence o --remove x --date 2016-01-01' ends it first, "
            "as --force does, the end kept in o's history",
        ),
        (
            'part_of = "x"\n',
            "o is a part of it: 'dprk edit o --no-part-of --date 2016-01-01' takes it out "
            "first, as --force does, kept in o's history",
        ),
    ],
    ids=["link", "after", "with", "part"],
)
def test_remove_refused_for_a_reference_written_by_hand_advises_what_ends_it(
    dprk, tmp_path, refers, said
):
    """A link written by hand has no history entry to drop, and the refusal of 'remove'
    named none: nothing it advised took it back, and 'remove' was refused again. Each
    reference with no entry is advised by the change that ends it; followed, the
    removal is made."""
    path = tmp_path / "dprk-ledger.toml"
    path.write_text(_hand_written(refers), encoding="utf-8")
    clean(dprk)
    err = refused(dprk, path, "remove", "x", "--date", "2016-01-01")
    assert err == (
        "dprk: error: measure 'x' is referred to by o (exchange links, sequencing or parts); "
        "'dprk remove x --date 2016-01-01 --force' drops those references too, their entries "
        f"kept in the history; {said}\n"
    )
    for command in _advised_for_removal(err, "x"):
        followed = dprk(*command)
        assert followed.code == 0, (command, followed.err)
    removed = dprk("remove", "x", "--date", "2016-01-01")
    assert (removed.code, removed.out, removed.err) == (0, "", "x: removed\n")
    assert 'id = "x"' not in path.read_text(encoding="utf-8")
    assert (shown(dprk, "o")["in_exchange_for"], shown(dprk, "o")["part_of"]) == ([], None)
    clean(dprk)


def test_remove_refused_in_the_example_advises_every_reference_and_following_it_works(
    dprk, tmp_path
):
    """In the bundled example, inventory-submission's link with end-of-war-declaration has
    no history entry: the refusal advised the drops and the order's end, and once they
    were followed 'remove' was refused again, for that link. It is advised too; every
    command followed in turn, the removal is made."""
    assert dprk("init", "--example", "korea-2018").code == 0
    path = tmp_path / "dprk-ledger.toml"
    err = refused(dprk, path, "remove", "end-of-war-declaration")
    assert err.endswith(
        "; no entry dropped takes back inventory-submission's exchange link with "
        "end-of-war-declaration (one written by hand has none): 'dprk unlink "
        f"inventory-submission end-of-war-declaration --date {today()}' ends it first, as "
        "--force does, the end kept in inventory-submission's history\n"
    )
    for command in _advised_for_removal(err, "end-of-war-declaration"):
        followed = dprk(*command)
        assert followed.code == 0, (command, followed.err)
    removed = dprk("remove", "end-of-war-declaration")
    assert (removed.code, removed.err) == (
        0,
        "end-of-war-declaration: removed\n"
        "dprk: warning: deadlock: inventory-submission waits for end-of-war-declaration "
        "(demanded by DPRK); end-of-war-declaration waits for inventory-submission (demanded "
        "by US); it no longer stands on any day (it stood from 2018-07-07 until "
        f"{today()})\n",  # (the order ended today, as advised: the deadlock taken out)
    )
    assert 'id = "end-of-war-declaration"' not in path.read_text(encoding="utf-8")
    clean(dprk)


def test_drop_entry_of_a_correction_says_how_to_correct_it(dprk, empty):
    """`drop-entry` of a redate's record advised 'dprk redate', which refuses that very
    entry ('it has no date in the talks to correct'). Each kind of correction says what
    corrects it."""
    assert (
        dprk("add-measure", "X", "--actor", "DPRK", "--id", "x", "--date", "2015-01-01").code == 0
    )
    assert dprk("mark", "x", "implemented", "--date", "2015-02-01").code == 0
    assert dprk("redate", "x", "2", "2015-02-02").code == 0
    assert dprk("edit", "x", "--title", "Y").code == 0
    err = refused(dprk, empty, "drop-entry", "x", "3")
    assert err.endswith(
        "it records dprk's record of a correction: 'dprk undo' takes back the last change; "
        "otherwise correct the entry it names again ('dprk log x' numbers them)\n"
    )
    assert "redate" not in err
    err = refused(dprk, empty, "drop-entry", "x", "4")
    assert err.endswith("it records a correction of the record: 'dprk edit x' corrects it again\n")
    # (a party's rename, which no `edit` can take back: the advice given, followed, does)
    assert dprk("rename-party", "DPRK", "North Korea").code == 0
    err = refused(dprk, empty, "drop-entry", "x", "5")
    assert err.endswith(
        "it records a party's rename: 'dprk rename-party \"North Korea\" DPRK' gives the old "
        "name back, on every measure\n"
    )
    assert dprk(*shlex.split(err[err.index("'dprk ") + 6 : err.index("' gives")])).code == 0
    assert json.loads(dprk("show", "x", "--format", "json").out)["actor"] == "DPRK"
    assert dprk("check").out == "ok: no problems found\n"
    # (the first of two renames: the party by the name it has now)
    assert dprk("rename-party", "DPRK", "NK").code == 0
    assert dprk("rename-party", "NK", "KP").code == 0
    log = json.loads(dprk("log", "x", "--format", "json").out)
    first = next(e["n"] for e in log if e["detail"] == "party DPRK renamed NK")
    err = refused(dprk, empty, "drop-entry", "x", str(first))
    assert err.endswith("'dprk rename-party KP DPRK' gives the old name back, on every measure\n")
    assert dprk("rename-party", "KP", "DPRK").code == 0
    assert json.loads(dprk("show", "x", "--format", "json").out)["actor"] == "DPRK"


def test_a_measure_added_before_what_it_is_exchanged_for_links_from_the_later_day(dprk, empty):
    """FRY's initialling of 21 November, added exchanged for the suspension of sanctions
    of the 22nd: refused, the link written on the suspension dated the 21st, before it was
    made, with advice to redate an entry that was never written. The link is recorded on
    the other measure from its creation, the later of the two days."""
    assert dprk("add-measure", "Suspend sanctions", "--actor", "US", "--id", "s", "--status",
                "implemented", "--date", "1995-11-22").code == 0  # fmt: skip
    result = dprk("add-measure", "Initial the agreement", "--actor", "DPRK", "--id", "f",
                  "--status", "implemented", "--date", "1995-11-21",
                  "--in-exchange-for", "s")  # fmt: skip
    assert (result.code, result.out) == (0, "f\n")
    log = json.loads(dprk("log", "s", "--format", "json").out)
    assert [(e["date"], e["event"], e["detail"]) for e in log][1:] == [
        ("1995-11-22", "exchange", "in exchange for f")
    ]
    assert dprk("check").out == "ok: no problems found\n"


def test_an_edit_alike_to_one_on_record_is_confirmed_in_full(dprk, empty, monkeypatch):
    """Under a fixed time, a hand-over back to C on the day of the first was confirmed
    'm: edited', and no more: its entry was alike to the first, recorded in the same
    second, and the line took it for one already on record."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    assert dprk("add-measure", "M", "--actor", "US", "--id", "m", "--date", "2018-01-01").code == 0
    said = [
        dprk("edit", "m", "--actor", actor, "--date", "2018-03-01").err
        for actor in ("ROK", "US", "ROK")
    ]
    assert said == [
        "m: edited on 2018-03-01 (actor: 'US' -> 'ROK')\n",
        "m: edited on 2018-03-01 (actor: 'ROK' -> 'US')\n",
        "m: edited on 2018-03-01 (actor: 'US' -> 'ROK')\n",
    ]
    log = json.loads(dprk("log", "m", "--format", "json").out)
    assert [e["detail"] for e in log if e["event"] == "edit"] == [s[25:-2] for s in said]


def test_a_redate_that_contradicts_a_step_names_the_contradiction_before_what_follows(dprk, empty):
    """Moving a creation after the action, with a finding on record, was refused with the
    finding's problem first ('record the action first with dprk mark x implemented'):
    followed, that advice wrote a second action and the redate was still refused. The
    dates that contradict each other are named first, as without the finding."""
    assert dprk("add-measure", "X", "--actor", "US", "--id", "x", "--status", "agreed",
                "--date", "2017-01-01").code == 0  # fmt: skip
    assert dprk("mark", "x", "implemented", "--date", "2017-02-01").code == 0
    assert dprk("verify", "x", "--by", "UN", "--date", "2017-04-01").code == 0
    before = empty.read_bytes()
    moved = dprk("redate", "x", "1", "2017-03-01")
    assert (moved.code, moved.out) == (1, "")
    # (the one problem: the creation moves nothing, so the finding, after the action,
    # finds a measure that has acted; and no numbers of entries the redate did not write)
    assert moved.err == (
        "dprk: error: x: implemented on 2017-02-01 comes before its creation as agreed on "
        "2017-03-01: a measure that has acted is not agreed after; correct one of the two "
        "dates ('dprk log x' numbers the entries, 'dprk redate' corrects one); nothing was "
        "written\n"
    ), moved.err
    assert empty.read_bytes() == before


def test_drop_entry_of_the_action_a_finding_found_says_to_drop_the_finding(dprk, empty):
    """Dropping the action a finding confirmed was refused with 'record the action first
    with dprk mark a implemented', the opposite of what the user was doing. The refusal
    names the finding and its number; followed, the drop goes through."""
    assert (
        dprk("add-measure", "A", "--actor", "DPRK", "--id", "a", "--date", "2018-01-01").code == 0
    )
    assert dprk("mark", "a", "implemented", "--date", "2018-02-01").code == 0
    assert dprk("verify", "a", "--by", "IAEA", "--date", "2018-03-01").code == 0
    before = empty.read_bytes()
    refused = dprk("drop-entry", "a", "2")
    assert (refused.code, refused.out) == (1, "")
    assert refused.err == (
        "dprk: error: entry 2 of 'a' (implemented on 2018-02-01) is the action that entry 3 "
        "(confirmed by IAEA on 2018-03-01) found; drop the finding first ('dprk drop-finding "
        "a 3'), or correct the action's date with 'dprk redate a 2 YYYY-MM-DD'\n"
    )
    assert empty.read_bytes() == before
    assert dprk("drop-finding", "a", "3").code == 0
    dropped = dprk("drop-entry", "a", "2")
    assert dropped.code == 0, dropped.err
    assert dropped.err == (
        "a: dropped entry 2 (implemented on 2018-02-01); a is now proposed (since 2018-01-01; "
        "it was implemented since 2018-02-01)\n"
    )
    assert json.loads(dprk("show", "a", "--format", "json").out)["status"] == "proposed"


def test_drop_entry_of_an_action_two_findings_found_names_both(dprk, empty):
    """Algiers, January 1981: the escrow transfer completed, then confirmed by Algeria and
    by the Bank of England. Dropping the step was refused naming Algeria's finding alone;
    dropped, the refusal named the other, numbered as the first had been. One refusal
    names every finding standing on the step, with commands that work run as given (the
    last first: dropping one renumbers those after it); followed, the drop goes through."""
    for args in (
        ["add-measure", "Escrow transfer", "--actor", "US", "--id", "escrow", "--status",
         "agreed", "--date", "1981-01-19"],
        ["mark", "escrow", "implemented", "--extent", "intermediate", "--date", "1981-01-19"],
        ["mark", "escrow", "implemented", "--date", "1981-01-20"],
        ["verify", "escrow", "--by", "Algeria", "--date", "1981-01-20"],
        ["verify", "escrow", "--by", "Bank of England", "--date", "1981-01-20"],
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    err = refused(dprk, empty, "drop-entry", "escrow", "3")
    assert err == (
        "dprk: error: entry 3 of 'escrow' (implemented (full) on 1981-01-20) is the action "
        "that entries 4 (confirmed by Algeria on 1981-01-20) and 5 (confirmed by Bank of "
        "England on 1981-01-20) found; drop the findings first ('dprk drop-finding escrow 5 "
        "&& dprk drop-finding escrow 4'), or correct the action's date with 'dprk redate "
        "escrow 3 YYYY-MM-DD'\n"
    )
    advised = re.search(r"first \('([^']*)'\)", err)
    assert advised is not None
    for command in advised.group(1).split(" && "):
        followed = dprk(*shlex.split(command)[1:])
        assert followed.code == 0, followed.err
    dropped = dprk("drop-entry", "escrow", "3")
    assert dropped.code == 0, dropped.err
    assert dropped.err.startswith("escrow: dropped entry 3 (implemented (full) on 1981-01-20)")
    shown_now = shown(dprk, "escrow")
    assert (shown_now["status"], shown_now["extent"]) == ("implemented", "intermediate")
    assert shown_now["verifications"] == []
    clean(dprk)


def test_an_actor_typed_wrong_is_corrected_by_an_edit_of_its_first_day(dprk, empty):
    """As the guide says: an edit of the actor dated on the measure's first day gives it
    to the right party from the start, in every view as of any day; one of today is a
    hand-over, the past staying the wrong party's."""
    assert dprk("add-measure", "P", "--actor", "US", "--id", "p", "--date", "2018-04-20").code == 0
    assert dprk("add-measure", "Q", "--actor", "US", "--id", "q", "--date", "2018-04-20").code == 0
    assert dprk("edit", "p", "--actor", "DPRK", "--date", "2018-04-20").code == 0
    assert dprk("edit", "q", "--actor", "DPRK").code == 0
    for day in ("2018-04-20", "2018-06-01"):
        us = dprk("status", "--as-of", day, "--party", "US", "--format", "ids").lines
        dprk_ = dprk("status", "--as-of", day, "--party", "DPRK", "--format", "ids").lines
        assert (us, dprk_) == (["q"], ["p"])
    assert dprk("status", "--party", "DPRK", "--format", "ids").lines == ["p", "q"]


def test_a_link_that_ended_before_a_part_of_began_is_recorded_with_its_end(dprk, empty):
    """p exchanged for w (February), unlinked (April), then made a part of w (June): in
    date order, accepted. With the part-of entered first, the link was refused (p is a
    part of w) and its end could not be recorded without it: each refusal sent to the
    other. 'link --until' records the link with its end, as date order gives it."""
    for ident, actor, day in (("w", "DPRK", "2019-01-01"), ("p", "US", "2019-01-02")):
        assert dprk("add-measure", ident.upper(), "--actor", actor, "--id", ident,
                    "--date", day).code == 0  # fmt: skip
    assert dprk("edit", "p", "--part-of", "w", "--date", "2019-06-01").code == 0
    before = empty.read_bytes()
    refused = dprk("link", "p", "w", "--date", "2019-02-01")
    assert refused.code == 1
    assert (
        "(a link that ended before it became a part is recorded with its end: 'dprk link p w "
        "--date YYYY-MM-DD --until YYYY-MM-DD')"
    ) in refused.err
    assert empty.read_bytes() == before
    bad = dprk("link", "p", "w", "--date", "2019-02-01", "--until", "2019-01-15")
    assert (bad.code, bad.err) == (
        2,
        "dprk: error: --until: 2019-01-15 is not after the link's day, 2019-02-01\n",
    )
    linked = dprk("link", "p", "w", "--date", "2019-02-01", "--until", "2019-04-01")
    assert (linked.code, linked.out) == (0, "")
    assert linked.err == (
        "p: in exchange for w (recorded on both)\np: no longer in exchange for w\n"
    )
    log = [(e["date"], e["detail"]) for e in json.loads(dprk("log", "p", "-f", "json").out)]
    assert log == [
        ("2019-01-02", "created as proposed"),
        ("2019-02-01", "in exchange for w"),
        ("2019-04-01", "no longer in exchange for w"),
        ("2019-06-01", "part_of: (none) -> 'w'"),
    ]
    on = json.loads(dprk("status", "--as-of", "2019-03-01", "--format", "json").out)
    assert next(m for m in on["measures"] if m["id"] == "p")["in_exchange_for"] == ["w"]
    assert dprk("check").code == 0
    undone = dprk("undo")
    assert undone.err.startswith("undid: link p w --date 2019-02-01 --until 2019-04-01 (made ")
    assert empty.read_bytes() == before


def test_drop_entry_of_the_action_a_finding_found_before_a_later_one(dprk, empty):
    """The same refusal, with a later action on record: it came in verify's words ('comes
    before the measure acted ...; record that first'), advising the entry being dropped."""
    assert (
        dprk("add-measure", "X", "--actor", "DPRK", "--id", "x", "--date", "2018-01-01").code == 0
    )
    for day in ("2018-03-01", "2018-01-15"):
        assert dprk("mark", "x", "implemented", "--date", day).code == 0
    assert dprk("verify", "x", "--by", "IAEA", "--date", "2018-02-01").code == 0
    before = empty.read_bytes()
    refused = dprk("drop-entry", "x", "2")
    assert (refused.code, refused.out) == (1, "")
    assert refused.err == (
        "dprk: error: entry 2 of 'x' (implemented on 2018-01-15) is the action that entry 3 "
        "(confirmed by IAEA on 2018-02-01) found; drop the finding first ('dprk drop-finding "
        "x 3'), or correct the action's date with 'dprk redate x 2 YYYY-MM-DD'\n"
    )
    assert empty.read_bytes() == before


def test_a_link_given_with_its_end_may_not_outlast_the_part_of(dprk, empty):
    """'link --until' ending after the part-of began stood while the measure was a part of
    the other, the state a plain link is refused for, and check passed it. It is refused
    naming the day; and unlink of a link not entered yet advises giving it with its end."""
    for ident in ("big", "small"):
        assert dprk("add-measure", ident, "--actor", "US", "--id", ident,
                    "--date", "2018-01-01").code == 0  # fmt: skip
    assert dprk("edit", "small", "--part-of", "big", "--date", "2018-04-01").code == 0
    before = empty.read_bytes()
    long = dprk("link", "small", "big", "--date", "2018-02-01", "--until", "2018-05-01")
    assert (long.code, long.out) == (1, "")
    assert long.err == (  # (a rule of the record, which check and every write ask)
        "dprk: error: small: was exchanged for 'big' on 2018-04-01, a day it was a part of it "
        "(as the link's changes and its edits of part_of are dated): a measure is no price "
        "paid for its own whole; end the link on that day ('dprk unlink small big --date "
        "2018-04-01', for a link on record), or correct a date ('dprk log small' numbers the "
        "entries, 'dprk redate' corrects one); nothing was written\n"
    )
    assert empty.read_bytes() == before
    ended = dprk("unlink", "small", "big", "--date", "2018-03-01")
    assert ended.code == 1 and ended.err.endswith(
        "(to record a link not entered yet that ended on 2018-03-01, give it with its end: "
        "'dprk link small big --date YYYY-MM-DD --until 2018-03-01')\n"
    )
    followed = dprk("link", "small", "big", "--date", "2018-02-01", "--until", "2018-03-01")
    assert followed.code == 0, followed.err
    assert dprk("check").code == 0
    assert dprk("undo").err.startswith(
        "undid: link small big --date 2018-02-01 --until 2018-03-01 (made "
    )
    assert empty.read_bytes() == before


def test_a_link_on_days_a_part_of_stood_is_refused_after_the_part_of_ended(dprk, empty):
    """p a part of w from March to April: a link dated mid-March (with or without its end)
    was accepted once the part-of had ended, and check passed it, the state a link is
    refused for while the part-of stands. Any day both stood is refused; one after the
    part-of ended, or ending the day it began, is not."""
    for ident, actor in (("w", "US"), ("p", "DPRK")):
        assert dprk("add-measure", ident, "--actor", actor, "--id", ident,
                    "--date", "2018-01-01").code == 0  # fmt: skip
    assert dprk("edit", "p", "--part-of", "w", "--date", "2018-03-01").code == 0
    assert dprk("edit", "p", "--no-part-of", "--date", "2018-04-01").code == 0
    before = empty.read_bytes()
    for args in (
        ["--date", "2018-03-15", "--until", "2018-03-20"],
        ["--date", "2018-03-15"],
        ["--date", "2018-02-01", "--until", "2018-06-01"],
    ):
        refused = dprk("link", "p", "w", *args)
        assert (refused.code, refused.out) == (1, ""), args
        assert "p: was exchanged for 'w' on 2018-03-" in refused.err
        assert empty.read_bytes() == before
    assert dprk("link", "p", "w", "--date", "2018-02-01", "--until", "2018-03-01").code == 0
    assert dprk("link", "p", "w", "--date", "2018-04-01").code == 0
    assert dprk("check").out == "ok: no problems found\n"


def test_a_link_given_with_its_end_again_is_on_record(dprk, empty):
    """'link a b --date D --until E' run again (a script re-run), or for a span inside a
    link on record, was refused with unlink's words, advising the command just refused."""
    for ident in ("a", "b"):
        assert dprk("add-measure", ident, "--actor", "US", "--id", ident,
                    "--date", "2018-01-01").code == 0  # fmt: skip
    args = ["link", "a", "b", "--date", "2018-02-01", "--until", "2018-06-01"]
    assert dprk(*args).code == 0
    before = empty.read_bytes()
    again = dprk(*args)
    assert (again.code, again.out) == (0, "")
    assert again.err == (  # (where it stands said once, on the end's line)
        "a: already recorded in exchange for b on 2018-02-01\n"
        "a: already recorded no longer in exchange for b on 2018-06-01; nothing changed\n"
    )
    assert empty.read_bytes() == before
    inside = dprk("link", "a", "b", "--date", "2018-05-01", "--until", "2018-06-01")
    assert inside.code == 0, inside.err
    assert inside.err.splitlines()[-1] == (
        "a: already recorded no longer in exchange for b on 2018-06-01; nothing changed"
    )
    late = dprk("unlink", "a", "b", "--date", "2018-07-01")
    assert late.err == (
        "dprk: error: measures 'a' and 'b' were not exchanged for each other on 2018-07-01 "
        "(unlinked on 2018-06-01)\n"
    )


def test_a_link_given_with_its_end_keeps_its_note_on_the_link_alone(dprk, empty):
    """'link a b --date D --until E --note N' wrote the note on the end's entry too, so
    that log and timeline read as if what the note says ended the link: the note is the
    link's (its beginning); the end's entry has none."""
    for ident in ("a", "b"):
        assert dprk("add-measure", ident, "--actor", "US", "--id", ident,
                    "--date", "2018-01-01").code == 0  # fmt: skip
    note = "Pyongyang Declaration: 'corresponding measures'"
    args = ["link", "a", "b", "--date", "2018-09-19", "--until", "2019-02-28"]
    linked = dprk(*args, "--note", note)
    assert (linked.code, linked.out) == (0, "")
    assert linked.err == "a: in exchange for b (recorded on both)\na: no longer in exchange for b\n"
    for ident, other in (("a", "b"), ("b", "a")):
        log = json.loads(dprk("log", ident, "-f", "json").out)
        assert [(e["date"], e["detail"], e["note"]) for e in log[1:]] == [
            ("2018-09-19", f"in exchange for {other}", note),
            ("2019-02-28", f"no longer in exchange for {other}", ""),
        ]
    rows = dprk("timeline", "--since", "2019-01-01", "-f", "json").out
    assert "Pyongyang" not in rows and "no longer in exchange for b" in rows
    text = empty.read_text()
    assert text.count(note) == 2  # (the link's entry on each end, the end's on neither)
    before = empty.read_bytes()
    again = dprk(*args, "--note", note)  # (on record as given: nothing changed)
    assert again.code == 0 and empty.read_bytes() == before


def test_a_link_or_order_found_dated_earlier_says_the_day_it_now_stands_from(dprk, empty):
    """A link, an unlink or an order's removal found dated before the same one on record
    moves the day the measure has stood so from; the line said it 'stays' so, and for an
    unlink or a removal gave the later day, which no view then gave."""
    _pair(dprk)
    assert dprk("link", "a", "b", "--date", "2018-09-01").code == 0
    said = dprk("link", "a", "b", "--date", "2018-07-01")
    assert (said.code, said.err) == (
        0,
        "a: recorded in exchange for b on 2018-07-01; a is in exchange for b from "
        "2018-07-01 on (it was from 2018-09-01)\n",
    )
    assert dprk("unlink", "a", "b", "--date", "2019-01-01").code == 0
    said = dprk("unlink", "a", "b", "--date", "2018-12-01")
    assert (said.code, said.err) == (
        0,
        "a: recorded no longer in exchange for b on 2018-12-01; a is not in exchange for b "
        "from 2018-12-01 on (it was from 2019-01-01)\n",
    )
    for day, linked in (("2018-06-30", []), ("2018-07-01", ["b"]), ("2018-12-01", [])):
        doc = json.loads(dprk("status", "--as-of", day, "--format", "json").out)
        assert {m["id"]: m["in_exchange_for"] for m in doc["measures"]}["a"] == linked, day
    assert dprk("sequence", "b", "--after", "a", "--date", "2018-09-01").code == 0
    said = dprk("sequence", "b", "--after", "a", "--date", "2018-08-01")
    assert said.err == (
        "b: recorded after a on 2018-08-01; b is after a from 2018-08-01 on (it was from "
        "2018-09-01)\n"
    )
    assert dprk("sequence", "b", "--remove", "a", "--date", "2019-01-01").code == 0
    said = dprk("sequence", "b", "--remove", "a", "--date", "2018-12-01")
    assert said.err == (
        "b: recorded no longer sequenced with a on 2018-12-01; b is not sequenced with a "
        "from 2018-12-01 on (it was from 2019-01-01)\n"
    )
    for day, after in (("2018-07-31", []), ("2018-08-01", ["a"]), ("2018-12-01", [])):
        doc = json.loads(dprk("status", "--as-of", day, "--format", "json").out)
        assert {m["id"]: m["after"] for m in doc["measures"]}["b"] == after, day
    # (one dated inside the run on record leaves its day: it stays)
    said = dprk("sequence", "b", "--after", "a", "--date", "2018-08-15")
    assert said.err.endswith("; b stays not sequenced with a (since 2018-12-01)\n"), said.err
    log = tomllib.loads(empty.read_text(encoding="utf-8"))
    entries = [h for m in log["measures"] if m["id"] == "b" for h in m["history"]]
    assert sorted(h["date"].isoformat() for h in entries if h["event"] == "sequence") == [
        "2018-08-01", "2018-08-15", "2018-09-01", "2018-12-01", "2019-01-01"
    ]  # fmt: skip
    clean(dprk)


def test_a_dated_link_that_moves_an_undated_creation_is_recorded_once(dprk, tmp_path):
    """food, added without a date in exchange for reinvestigation, holds the link by its
    creation, and reinvestigation's record of it follows that creation. A link dated
    before the creation moved both to its day, and the link written there as well left
    every view with the same link twice on that day: two rows of the timeline for each
    measure, two entries alike in reinvestigation's log. The record that follows the
    creation says it already: the link is written on food alone, and the line says so.
    Typed the other way round (the link first, then the note), the same facts give the
    same answers."""
    ledger = tmp_path / "dprk-ledger.toml"

    def views() -> list[str]:
        got = [
            dprk("timeline").out,
            dprk("timeline", "--format", "json").out,
            dprk("show", "food", "reinvestigation").out,
            dprk("check", "--strict").out,
        ]
        for day in ("2008-06-30", "2008-07-01", "2008-09-01"):
            got.append(dprk("status", "--as-of", day, "--format", "json").out)
        got.append(dprk("log", "food", "reinvestigation", "--format", "json").out)
        return [re.sub(r'"recorded": "[^"]*"', "", text) for text in got]  # (the clock's)

    said = {}
    seen = []
    for order in (("note", "link"), ("link", "note")):
        ledger.unlink(missing_ok=True)
        assert dprk("init", "--party", "DPRK", "--party", "Japan").code == 0
        assert dprk("add-measure", "Reinvestigate the abductions", "--actor", "DPRK", "--id",
                    "reinvestigation", "--status", "agreed", "--date", "2008-06-13").code == 0  # fmt: skip
        assert dprk("add-measure", "Japan food aid", "--actor", "Japan", "--id", "food",
                    "--in-exchange-for", "reinvestigation").code == 0  # fmt: skip
        for step in order:
            before = ledger.read_bytes()
            if step == "note":
                done = dprk("note", "food", "offered at Shenyang", "--date", "2008-09-01")
            else:
                done = dprk("link", "food", "reinvestigation", "--date", "2008-07-01")
                said[order] = done.err
                assert dprk("undo").code == 0 and ledger.read_bytes() == before
                done = dprk("link", "food", "reinvestigation", "--date", "2008-07-01")
            assert done.code == 0, done.err
        day = ("--since", "2008-07-01", "--until", "2008-07-01", "--format", "json")
        rows = json.loads(dprk("timeline", *day).out)["events"]
        assert [(e["id"], e["event"], e["detail"]) for e in rows] == [
            ("food", "created", "created as proposed (no date given: dated by its earliest event)"),
            ("food", "exchange", "in exchange for reinvestigation"),
            ("reinvestigation", "exchange", "in exchange for food"),
        ]
        log = json.loads(dprk("log", "reinvestigation", "--format", "json").out)
        assert [(e["date"], e["event"], e["detail"]) for e in log] == [
            ("2008-06-13", "created", "created as agreed"),
            ("2008-07-01", "exchange", "in exchange for food"),
        ]
        seen.append(views())
    assert seen[0] == seen[1]
    line = (
        "food: recorded in exchange for reinvestigation on 2008-07-01 (on food: "
        "reinvestigation's record of the link follows food's creation to that day); food is "
        "in exchange for reinvestigation from 2008-07-01 on (it was from {})\n"
    )
    assert said == {
        ("note", "link"): line.format("2008-09-01"),
        ("link", "note"): line.format(today()),
    }


@pytest.mark.parametrize("until", [None, "2008-08-15"])
@pytest.mark.parametrize("own", [False, True])
def test_a_dated_link_of_two_undated_measures_is_recorded_once(dprk, tmp_path, own, until):
    """Both measures added without a date: food in exchange for reinvestigation, whose
    record of the link follows food's creation, and from the later of the two measures'
    beginnings. A link dated before either's first event (reinvestigation's own note,
    `own`, or nothing of its own) was written on reinvestigation too whenever its own
    record began later: that entry began it on the link's day, the record followed it
    there, and the log and the timeline showed the link twice on reinvestigation (twice
    on food too, on the timeline). Typed before reinvestigation's note, the link was
    written on food alone, and the note then moved reinvestigation's record, and its
    making, past the link's day; given with its end, the end did (the link and its end on
    one day on reinvestigation, on a day food had no link). The link is reinvestigation's
    record, dated the link's day: once on each measure, both made that day, and the same
    answers whichever is typed first."""
    ledger = tmp_path / "dprk-ledger.toml"
    link = ["link", "food", "reinvestigation", "--date", "2008-07-01"]
    if until is not None:
        link += ["--until", until]

    def views() -> list[str]:
        got = [
            dprk("log", "food", "reinvestigation", "--format", "json").out,
            dprk("timeline").out,
            dprk("timeline", "--format", "json").out,
            dprk("check", "--strict").out,
        ]
        for day in ("2008-06-30", "2008-07-01", "2008-08-10", "2008-08-20", str(today())):
            got.append(dprk("status", "--as-of", day, "--format", "json").out)
        return [re.sub(r'"recorded": "[^"]*"', "", text) for text in got]  # (the clock's)

    seen = []
    for order in (("notes", "link"), ("link", "notes")):
        ledger.unlink(missing_ok=True)
        assert dprk("init", "--party", "DPRK", "--party", "Japan").code == 0
        assert dprk("add-measure", "Reinvestigate the abductions", "--actor", "DPRK", "--id",
                    "reinvestigation", "--status", "agreed").code == 0  # fmt: skip
        assert dprk("add-measure", "Japan food aid", "--actor", "Japan", "--id", "food",
                    "--in-exchange-for", "reinvestigation").code == 0  # fmt: skip
        for step in order:
            if step == "notes":
                assert dprk("note", "food", "offered at Shenyang", "--date", "2008-09-01").code == 0
                if own:
                    assert dprk("note", "reinvestigation", "talks in Beijing",
                                "--date", "2008-08-01").code == 0  # fmt: skip
                continue
            before = ledger.read_bytes()
            done = dprk(*link)
            assert (done.code, done.out) == (0, ""), done.err
            assert done.err.startswith(
                "food: recorded in exchange for reinvestigation on 2008-07-01 (on food: "
            ), done.err
            assert dprk("undo").code == 0 and ledger.read_bytes() == before
            assert dprk(*link).code == 0
        log = json.loads(dprk("log", "food", "reinvestigation", "--format", "json").out)
        links = [(e["id"], e["date"], e["detail"]) for e in log if e["event"] == "exchange"]
        ended = [] if until is None else [
            ("food", until, "no longer in exchange for reinvestigation"),
            ("reinvestigation", until, "no longer in exchange for food"),
        ]  # fmt: skip
        assert sorted(links) == sorted([
            ("food", "2008-07-01", "in exchange for reinvestigation"),
            ("reinvestigation", "2008-07-01", "in exchange for food"),
            *ended,
        ]), order  # fmt: skip
        made = {e["id"]: e["date"] for e in log if e["event"] == "created"}
        assert made == {"food": "2008-07-01", "reinvestigation": "2008-07-01"}, order
        day = ("--since", "2008-07-01", "--until", "2008-07-01", "--format", "json")
        rows = json.loads(dprk("timeline", *day).out)["events"]
        assert [(e["id"], e["event"]) for e in rows] == [
            ("food", "created"),
            ("food", "exchange"),
            ("reinvestigation", "created"),
            ("reinvestigation", "exchange"),
        ], order
        for on, linked in (("2008-07-01", True), ("2008-08-10", True), ("2008-08-20", not until)):
            doc = json.loads(dprk("status", "--as-of", on, "--format", "json").out)
            assert {m["id"]: m["in_exchange_for"] for m in doc["measures"]} == {
                "food": ["reinvestigation"] if linked else [],
                "reinvestigation": ["food"] if linked else [],
            }, (order, on)
        clean(dprk)
        seen.append(views())
    assert seen[0] == seen[1]


def test_a_dated_link_on_record_already_of_two_undated_measures_is_recorded_once(dprk, tmp_path):
    """Both measures added without a date, food in exchange for reinvestigation, food's note
    dated before the link: the link stood from food's note, and 'link --date' on a later
    day took the way of a link recorded as it stands, on both, which never asked whether
    reinvestigation's record, following food's creation, says it already. Its entry began
    reinvestigation on the link's day, the record followed it there: the link twice in
    its log and on the timeline, and the line said the link stood 'since' the note's day,
    when it then counted from the link's. The record is dated the link's day, as with the
    link typed before the note: once on each measure, the line says where the link then
    stands, and both orders give the same answers."""
    ledger = tmp_path / "dprk-ledger.toml"
    now = str(today())

    def views() -> list[str]:
        got = [
            dprk("log", "food", "reinvestigation", "--format", "json").out,
            dprk("timeline").out,
            dprk("timeline", "--format", "json").out,
            dprk("show", "food", "reinvestigation").out,
            dprk("check", "--strict").out,
        ]
        for day in ("2008-06-14", "2008-06-20", "2008-07-02", now):
            got.append(dprk("status", "--as-of", day, "--format", "json").out)
            got.append(dprk("balance", "--as-of", day, "--format", "json").out)
        return [re.sub(r'"recorded": "[^"]*"', "", text) for text in got]  # (the clock's)

    line = (
        "food: recorded in exchange for reinvestigation on 2008-07-01 (on food: "
        "reinvestigation's record of the link, written when food was added, is dated that "
        "day); food is in exchange for reinvestigation from 2008-07-01 on (it was from {})\n"
    )
    seen = []
    for order, was in ((("note", "link"), "2008-06-15"), (("link", "note"), now)):
        ledger.unlink(missing_ok=True)
        assert dprk("init", "--party", "DPRK", "--party", "Japan").code == 0
        assert dprk("add-measure", "Reinvestigate the abductions", "--actor", "DPRK", "--id",
                    "reinvestigation").code == 0  # fmt: skip
        assert dprk("add-measure", "Japan food aid", "--actor", "Japan", "--id", "food",
                    "--in-exchange-for", "reinvestigation").code == 0  # fmt: skip
        for step in order:
            if step == "note":
                assert dprk("note", "food", "first talks", "--date", "2008-06-15").code == 0
                continue
            before = ledger.read_bytes()
            done = dprk("link", "food", "reinvestigation", "--date", "2008-07-01")
            assert (done.code, done.out, done.err) == (0, "", line.format(was)), order
            assert dprk("undo").code == 0 and ledger.read_bytes() == before
            assert dprk("link", "food", "reinvestigation", "--date", "2008-07-01").code == 0
        log = json.loads(dprk("log", "reinvestigation", "--format", "json").out)
        assert [(e["date"], e["event"], e["detail"]) for e in log] == [
            ("2008-07-01", "created", "created as proposed (no date given: dated by its earliest event)"),
            ("2008-07-01", "exchange", "in exchange for food"),
        ], order  # fmt: skip
        rows = json.loads(dprk("timeline", "--format", "json").out)["events"]
        links = [(e["date"], e["id"]) for e in rows if e["event"] == "exchange"]
        assert links == [("2008-07-01", "food"), ("2008-07-01", "reinvestigation")], order
        for day, linked in (("2008-06-20", False), ("2008-07-02", True)):
            doc = json.loads(dprk("status", "--as-of", day, "--format", "json").out)
            held = {m["id"]: m["in_exchange_for"] for m in doc["measures"]}
            assert held["food"] == (["reinvestigation"] if linked else []), (order, day)
        clean(dprk)
        seen.append(views())
    assert seen[0] == seen[1]


@pytest.mark.parametrize("own", [False, True])
def test_a_dated_link_and_an_earlier_note_give_one_ledger_in_either_order(
    dprk, tmp_path, tick, own
):
    """reinvestigation began on 2008-06-13 (added on that day, or, `own`, added without a
    date and given a note of its own that day); food, added without a date in exchange for
    it, has a note on 06-15, and 'link food reinvestigation --date 2008-07-01'. Typed
    after the note, the link is recorded on both. Typed before it, it was written on food
    alone, as reinvestigation's record of the link, following food's creation, stood on
    July 1st (or, `own`, that record was given the day); the note then took the record
    back to June 15th, and with it the link's day on reinvestigation (or, `own`, left the
    link counting from July 1st, where typed the other way it counts from June 15th).
    Either way round, the link stands from food's creation, June 15th, and is recorded
    on both on July 1st: every view gives the same answers, and undo puts back the
    bytes."""
    ledger = tmp_path / "dprk-ledger.toml"
    now = str(today())

    def views() -> list[str]:
        tick()
        got = [
            dprk("log", "food", "reinvestigation", "--format", "json").out,
            dprk("log", "food", "reinvestigation").out,
            dprk("timeline").out,
            dprk("timeline", "--format", "json").out,
            dprk("show", "food", "reinvestigation").out,
            dprk("check", "--strict").out,
        ]
        for day in ("2008-06-14", "2008-06-20", "2008-07-02", now):
            got.append(dprk("status", "--as-of", day, "--format", "json").out)
            got.append(dprk("balance", "--as-of", day, "--format", "json").out)
        return [re.sub(r'"recorded": "[^"]*"', "", text) for text in got]  # (the clock's)

    seen = []
    for order in (("note", "link"), ("link", "note")):
        ledger.unlink(missing_ok=True)
        assert dprk("init", "--party", "DPRK", "--party", "Japan").code == 0
        tick()
        made = [] if own else ["--date", "2008-06-13"]
        assert dprk("add-measure", "Reinvestigate the abductions", "--actor", "DPRK", "--id",
                    "reinvestigation", *made).code == 0  # fmt: skip
        if own:
            tick()
            assert dprk("note", "reinvestigation", "talks in Beijing",
                        "--date", "2008-06-13").code == 0  # fmt: skip
        tick()
        assert dprk("add-measure", "Japan food aid", "--actor", "Japan", "--id", "food",
                    "--in-exchange-for", "reinvestigation").code == 0  # fmt: skip
        for step in order:
            tick()  # (each command recorded after the one before, as a user types them)
            if step == "note":
                args = ["note", "food", "first talks", "--date", "2008-06-15"]
            else:
                args = ["link", "food", "reinvestigation", "--date", "2008-07-01"]
            before = ledger.read_bytes()
            done = dprk(*args)
            assert (done.code, done.out) == (0, ""), done.err
            assert dprk("undo").code == 0 and ledger.read_bytes() == before
            assert dprk(*args).code == 0
        log = json.loads(dprk("log", "reinvestigation", "--format", "json").out)
        assert [(e["date"], e["event"], e["detail"]) for e in log if e["event"] != "note"] == [
            ("2008-06-13", "created", "created as proposed" + (
                " (no date given: dated by its earliest event)" if own else "")),
            ("2008-06-15", "exchange", "in exchange for food"),
            ("2008-07-01", "exchange", "in exchange for food"),
        ], order  # fmt: skip
        for day, linked in (("2008-06-14", None), ("2008-06-20", True), ("2008-07-02", True)):
            doc = json.loads(dprk("status", "--as-of", day, "--format", "json").out)
            held = {m["id"]: m["in_exchange_for"] for m in doc["measures"]}
            assert held.get("food") == (None if linked is None else ["reinvestigation"]), (
                order, day)  # fmt: skip
        clean(dprk)
        seen.append(views())
    assert seen[0] == seen[1]


def test_a_link_given_with_its_end_that_moves_an_undated_creation_is_recorded(dprk, tmp_path):
    """food, added without a date in exchange for reinvestigation, holds the link by its
    creation, and reinvestigation's record of it follows that creation. 'link --date
    2008-07-01 --until 2008-08-01', before the day food's creation had, was refused: its
    end was taken for one dated before the record of the link (still on food's old day,
    though the link's own entry moved it), recorded alone, and the file left listing the
    link its history ended, with advice to edit the file. The link stood from July 1st to
    August 1st: the ledger holds what 'link --date' then 'unlink --date' write, and every
    view says so, with the note typed before the link or after it."""
    ledger = tmp_path / "dprk-ledger.toml"
    now = str(today())

    def views() -> list[str]:
        got = [
            dprk("log", "food", "reinvestigation", "--format", "json").out,
            dprk("timeline").out,
            dprk("timeline", "--format", "json").out,
            dprk("check", "--strict").out,
        ]
        for day in ("2008-06-30", "2008-07-15", "2008-08-15", now):
            got.append(dprk("status", "--as-of", day, "--format", "json").out)
            got.append(dprk("balance", "--as-of", day, "--format", "json").out)
        return [re.sub(r'"recorded": "[^"]*"', "", text) for text in got]  # (the clock's)

    def made(order: tuple[str, ...], link: list[list[str]]) -> list:
        ledger.unlink(missing_ok=True)
        assert dprk("init", "--party", "DPRK", "--party", "Japan").code == 0
        assert dprk("add-measure", "Reinvestigate the abductions", "--actor", "DPRK", "--id",
                    "reinvestigation", "--status", "agreed", "--date", "2008-06-13").code == 0  # fmt: skip
        assert dprk("mark", "reinvestigation", "implemented", "--date", "2008-07-10").code == 0
        assert dprk("add-measure", "Japan food aid", "--actor", "Japan", "--id", "food",
                    "--in-exchange-for", "reinvestigation").code == 0  # fmt: skip
        said = []
        for step in order:
            if step == "note":
                assert dprk("note", "food", "offered at Shenyang", "--date", "2008-09-01").code == 0
                continue
            for args in link:
                before = ledger.read_bytes()
                done = dprk(*args)
                assert (done.code, done.out) == (0, ""), done.err
                said.append(done.err)
                assert dprk("undo").code == 0 and ledger.read_bytes() == before
                assert dprk(*args).code == 0
        return said

    span = ["link", "food", "reinvestigation", "--date", "2008-07-01", "--until", "2008-08-01"]
    apart = [span[:5], ["unlink", "food", "reinvestigation", "--date", "2008-08-01"]]
    for order in (("note", "link"), ("link", "note")):
        made(order, [apart[0], apart[1]])
        expected = views()
        said = made(order, [span])
        assert said == [
            "food: recorded in exchange for reinvestigation on 2008-07-01 (on food: "
            "reinvestigation's record of the link follows food's creation to that day)\n"
            "food: no longer in exchange for reinvestigation\n"
        ], order
        assert views() == expected, order
        log = json.loads(dprk("log", "food", "reinvestigation", "--format", "json").out)
        assert [(e["id"], e["date"], e["detail"]) for e in log if e["event"] != "note"] == [
            ("reinvestigation", "2008-06-13", "created as agreed"),
            ("food", "2008-07-01", "created as proposed (no date given: dated by its earliest event)"),
            ("food", "2008-07-01", "in exchange for reinvestigation"),
            ("reinvestigation", "2008-07-01", "in exchange for food"),
            ("reinvestigation", "2008-07-10", "implemented"),
            ("food", "2008-08-01", "no longer in exchange for reinvestigation"),
            ("reinvestigation", "2008-08-01", "no longer in exchange for food"),
        ], order  # fmt: skip
        for day, linked in (
            ("2008-06-30", {"reinvestigation": []}),
            ("2008-07-15", {"food": ["reinvestigation"], "reinvestigation": ["food"]}),
            ("2008-08-15", {"food": [], "reinvestigation": []}),
            (now, {"food": [], "reinvestigation": []}),
        ):
            doc = json.loads(dprk("status", "--as-of", day, "--format", "json").out)
            assert {m["id"]: m["in_exchange_for"] for m in doc["measures"]} == linked, day
        owed = json.loads(dprk("balance", "--as-of", "2008-07-15", "--format", "json").out)
        assert [o["measure"] for o in owed["parties"]["DPRK"]["owed"]] == ["reinvestigation"]
        ended = json.loads(dprk("balance", "--as-of", "2008-08-15", "--format", "json").out)
        assert all(not p["owed"] and not p["owes"] for p in ended["parties"].values())
        clean(dprk)


def test_a_link_given_with_an_earlier_end_says_the_end_moved(dprk, empty):
    """`link --date D --until E` dated before the link on record moved its end to E, and
    the line said it 'stays not in exchange ... (since E)', as if nothing had changed."""
    for ident in ("a", "b"):
        assert dprk("add-measure", ident, "--actor", "US", "--id", ident,
                    "--date", "2008-06-13").code == 0  # fmt: skip
    assert dprk("link", "a", "b", "--date", "2008-08-12", "--until", "2009-04-14").code == 0
    said = dprk("link", "a", "b", "--date", "2008-06-13", "--until", "2008-09-04")
    assert (said.code, said.err) == (
        0,
        "a: recorded in exchange for b on 2008-06-13\n"
        "a: recorded no longer in exchange for b on 2008-09-04; a is not in exchange for b "
        "from 2008-09-04 on (it was from 2009-04-14)\n",
    )
    doc = json.loads(dprk("status", "--as-of", "2008-12-01", "--format", "json").out)
    assert {m["id"]: m["in_exchange_for"] for m in doc["measures"]} == {"a": [], "b": []}
    clean(dprk)


def test_an_earlier_removal_of_one_order_of_two_says_the_other_stands(dprk, empty):
    """Each side demanding the other go first, one demand removed, then its removal found
    dated earlier: the first line said the other's order stands, the second that the two
    were 'not sequenced', though the other's order still held."""
    for ident, actor in (("vp", "DPRK"), ("hfo", "US")):
        assert dprk("add-measure", ident, "--actor", actor, "--id", ident, "--date",
                    "2008-07-12").code == 0  # fmt: skip
    assert dprk("sequence", "vp", "--after", "hfo", "--demanded-by", "DPRK", "--date",
                "2008-12-11").code == 0  # fmt: skip
    assert dprk("sequence", "hfo", "--after", "vp", "--demanded-by", "US", "--date",
                "2008-12-11").code == 0  # fmt: skip
    assert dprk("sequence", "vp", "--remove", "hfo", "--date", "2009-04-14").code == 0
    said = dprk("sequence", "vp", "--remove", "hfo", "--date", "2009-01-20")
    assert (said.code, said.err) == (
        0,
        "vp: recorded no longer sequenced with hfo on 2009-01-20; vp is not sequenced with "
        "hfo from 2009-01-20 on (it was from 2009-04-14); hfo is still after vp, demanded by "
        "US\ndprk: warning: deadlock on 2008-12-11: vp waits for hfo (demanded by DPRK); hfo "
        "waits for vp (demanded by US); it now ended on 2009-01-20 (it ended on 2009-04-14; "
        "'dprk plan --as-of 2008-12-11' shows it then)\n",
    )
    assert "(no deadlocks)" in dprk("plan", "--as-of", "2009-01-20").out
    assert "Deadlock 1 since 2008-12-11: " in dprk("plan", "--as-of", "2009-01-19").out
    doc = json.loads(dprk("status", "--as-of", "2009-02-01", "--format", "json").out)
    assert {m["id"]: m["after"] for m in doc["measures"]} == {"hfo": ["vp"], "vp": []}
    clean(dprk)


def test_a_link_given_with_its_end_says_where_it_stands_once(dprk, empty):
    """Recorded before a later open link, 'link --until' said first 'a stays in exchange
    for b (since 2019-02-01)', the state between its two steps, which the ledger never
    held: the link's line says what it recorded, the end's where the measure stands."""
    for ident, actor in (("a", "US"), ("b", "DPRK")):
        assert dprk("add-measure", ident, "--actor", actor, "--id", ident,
                    "--date", "2019-01-01").code == 0  # fmt: skip
    assert dprk("link", "a", "b", "--date", "2019-05-01").code == 0
    said = dprk("link", "a", "b", "--date", "2019-02-01", "--until", "2019-03-01")
    assert said.err == (
        "a: recorded in exchange for b on 2019-02-01\n"
        "a: recorded no longer in exchange for b on 2019-03-01; a stays in exchange for b "
        "(since 2019-05-01)\n"
    )
    shown = json.loads(dprk("show", "a", "--as-of", "2019-04-01", "--format", "json").out)
    assert shown["in_exchange_for"] == []
    # (given while linked already: what it recorded, not 'as it stands (since ...)')
    inside = dprk("link", "a", "b", "--date", "2019-06-01", "--until", "2019-07-01")
    assert inside.err == (
        "a: recorded in exchange for b on 2019-06-01\na: no longer in exchange for b\n"
    )


def test_a_link_while_a_part_made_so_with_its_creation_is_refused(dprk, empty):
    """A measure added as a part (no edit of part_of to date it) could be given a link to
    its whole that had ended since: it was a part on every day from its creation."""
    assert dprk("add-measure", "W", "--actor", "US", "--id", "w", "--date", "2018-01-01").code == 0
    assert dprk("add-measure", "P", "--actor", "US", "--id", "p", "--part-of", "w",
                "--date", "2018-01-01").code == 0  # fmt: skip
    before = empty.read_bytes()
    refused = dprk("link", "p", "w", "--date", "2018-02-01", "--until", "2018-03-01")
    assert (refused.code, refused.out) == (1, "")
    assert refused.err.startswith(
        "dprk: error: p: was exchanged for 'w' on 2018-02-01, a day it was a part of it"
    )
    assert empty.read_bytes() == before


@pytest.mark.parametrize("cache", ["kept", "gone"])
def test_a_link_moved_by_hand_onto_days_a_part_of_stood_fails_check(dprk, empty, cache):
    """A link whose end was moved by hand past the day a part-of began passed check when
    the file was read anew (its rules judged each measure from its node, which keeps no
    link changes), though every command refuses making it: check names it, as it does
    once the cache knows the file, and the read, a kept cache or none, says the same."""
    import shutil

    for ident, actor in (("w", "US"), ("p", "DPRK")):
        assert dprk("add-measure", ident, "--actor", actor, "--id", ident,
                    "--date", "2018-01-01").code == 0  # fmt: skip
    assert dprk("link", "p", "w", "--date", "2018-01-02", "--until", "2018-02-01").code == 0
    assert dprk("edit", "p", "--part-of", "w", "--date", "2018-03-01").code == 0
    assert dprk("check", "--format", "json").code == 0
    text = empty.read_text(encoding="utf-8")
    assert text.count("date = 2018-02-01\n") == 2  # (the unlink, on both measures)
    empty.write_text(text.replace("date = 2018-02-01\n", "date = 2018-04-01\n"), "utf-8")
    if cache == "gone":
        shutil.rmtree(empty.parent / ".dprk")
    edited = empty.read_bytes()
    found = dprk("check", "--format", "json")
    assert found.code == 1
    errors = [p for p in json.loads(found.out)["problems"] if p["severity"] == "error"]
    assert [(p["check"], p["measure"]) for p in errors] == [("parts", "p")]
    assert errors[0]["message"].startswith(
        "was exchanged for 'w' on 2018-03-01, a day it was a part of it"
    )
    assert "end the link on that day ('dprk unlink p w --date 2018-03-01', " in errors[0]["message"]
    assert empty.read_bytes() == edited
    followed = dprk("unlink", "p", "w", "--date", "2018-03-01")
    assert followed.code == 0, followed.err
    assert dprk("check").code == 0


def test_rename_party_merge_makes_one_side_written_two_ways_one(dprk, empty):
    """'North Korea' declared beside DPRK, a measure recorded under it: rename-party onto
    DPRK was refused ('already declared'), remove-party advised that same rename, and the
    spelling stayed in status for good. `--merge` makes them one; the refusal says so, a
    merge that would make a finding a party's own word is refused, and undo takes it back."""
    assert dprk("add-party", "North Korea").code == 0
    assert dprk("add-measure", "Dismantle Dongchang-ri", "--actor", "North Korea", "--id",
                "dongchang", "--date", "2018-09-19").code == 0  # fmt: skip
    assert dprk("add-measure", "End of war", "--actor", "US", "--id", "eow", "--date",
                "2018-09-19", "--in-exchange-for", "dongchang").code == 0  # fmt: skip
    before = empty.read_bytes()
    plain = refused(dprk, empty, "rename-party", "North Korea", "DPRK")
    assert plain == (
        "dprk: error: party 'DPRK' is already declared; choose another name, or, if the two "
        "are one side written two ways, make them one from the start with 'dprk rename-party "
        "\"North Korea\" DPRK --typo' (or from a day of the talks on with 'dprk rename-party "
        "\"North Korea\" DPRK --merge --date D'; what North Korea did becomes DPRK's)\n"
    )
    gone = refused(dprk, empty, "remove-party", "North Korea")
    assert "with --typo, NEW a party declared: one side written two ways made one" in gone
    merged = dprk("rename-party", "North Korea", "DPRK", "--merge")
    assert (merged.code, merged.out) == (0, "")
    assert merged.err == (
        "merged party North Korea into DPRK (1 measure changed) (from today; to correct it "
        "from the start: 'dprk undo', then 'dprk rename-party \"North Korea\" DPRK --date "
        "2018-09-19 --merge')\n"
    )
    data = ledger_data(empty)
    assert data["parties"] == ["DPRK", "US", "ROK"]
    assert [m["actor"] for m in data["measures"]] == ["DPRK", "US"]
    rows = json.loads(dprk("status", "--format", "json").out)["parties"]
    assert sorted(rows) == ["DPRK", "ROK", "US"]
    clean(dprk)
    undone(dprk, empty, before)
    # A finding by DPRK on the measure North Korea carried out: made one, it is DPRK's own
    # word, and the merge is refused with nothing written.
    assert dprk("mark", "dongchang", "implemented", "--date", "2018-09-20").code == 0
    assert dprk("verify", "dongchang", "--by", "DPRK", "--date", "2018-09-21").code == 0
    own = refused(dprk, empty, "rename-party", "North Korea", "DPRK", "--merge")
    assert "a party's own word is not verification" in own
    same = refused(dprk, empty, "rename-party", "DPRK", "DPRK", "--merge")
    assert same == "dprk: error: party 'DPRK' is already so named; nothing to rename\n"


def test_a_party_merged_into_renamed_before_the_merge_renames_each_measure_from_its_day(
    dprk, tmp_path, tick
):
    """CPV merged into KPA (undated: today), then KPA renamed 'KPA/CPV' dated 1953-07-27
    was refused: "before party 'KPA' took that name (today, as 'b' records it)", though
    'a' had been KPA's since 1953-04-11 with no rename. The merge's entry reads as a
    rename's, but a measure naming KPA, made by then and recording none, shows KPA had
    the name: the rename is taken, from its day on 'a', and on 'b' from the day the
    merge brought it to KPA (renames keep the order they were made in), as the line says.
    With no such measure, KPA took the name by that entry, as far as the ledger tells."""
    day = today().isoformat()
    path = tmp_path / "dprk-ledger.toml"
    for args in (
        ("init", "--party", "UNC", "--party", "KPA", "--party", "CPV"),
        ("add-measure", "KPA returns sick", "--actor", "KPA", "--id", "a", "--date",
         "1953-04-11"),
        ("add-measure", "CPV hands over", "--actor", "CPV", "--id", "b", "--date",
         "1953-07-27"),
        ("rename-party", "CPV", "KPA", "--merge"),
    ):  # fmt: skip
        tick()
        assert dprk(*args).code == 0
    merged = path.read_bytes()
    tick()
    renamed = dprk("rename-party", "KPA", "KPA/CPV", "--date", "1953-07-27")
    assert (renamed.code, renamed.out) == (0, "")
    assert renamed.err == (
        f"renamed party KPA to KPA/CPV on 1953-07-27 (2 measures changed); b on {day}: renamed on the day "
        "an entry brought it to KPA (a merge's, KPA having the name already), not before, as "
        "renames keep the order they were made in\n"
    )
    data = ledger_data(path)
    assert data["parties"] == ["UNC", "KPA/CPV"]
    said = {
        m["id"]: [(h["date"].isoformat(), h["detail"]) for h in m["history"][1:]]
        for m in data["measures"]
    }
    assert said == {
        "a": [("1953-07-27", "party KPA renamed KPA/CPV")],
        "b": [(day, "party CPV renamed KPA"), (day, "party KPA renamed KPA/CPV")],
    }
    assert dprk("check").out == "ok: no problems found\n"
    # (on 1953-07-28 'a' had been renamed, 'b' not yet: each read under the name it has
    # now, as --as-of reads the past, its rename's entry there only for 'a')
    then = json.loads(dprk("status", "--as-of", "1953-07-28", "--format", "json").out)
    assert [(m["id"], m["actor"], [h["detail"] for h in m["history"][1:]])
            for m in then["measures"]] == [
        ("a", "KPA/CPV", ["party KPA renamed KPA/CPV"]), ("b", "KPA/CPV", []),
    ]  # fmt: skip
    b = json.loads(dprk("show", "b", "--as-of", "1953-07-28", "--format", "json").out)
    assert (b["actor"], [h["detail"] for h in b["history"]]) == (
        "KPA/CPV",
        ["created as proposed"],
    )
    # A measure given under KPA after the merge records no rename, as add-measure has it
    # (it may be CPV's own): it shows nothing of before. With 'a' taken back, the merge's
    # entry says KPA had the name before it: renamed from that name as before.
    assert dprk("undo").code == 0
    assert path.read_bytes() == merged
    tick()
    assert dprk("remove", "a").code == 0
    tick()
    assert dprk("add-measure", "KPA frees", "--actor", "KPA", "--id", "c", "--date",
                "1953-05-01").code == 0  # fmt: skip
    before = path.read_bytes()
    tick()
    result = dprk("rename-party", "KPA", "KPA/CPV", "--date", "1953-07-27")
    assert (result.code, result.out) == (0, ""), result.err
    assert dprk("check").out == "ok: no problems found\n"
    assert dprk("undo").code == 0
    assert path.read_bytes() == before
    # (the merge's entry as written before it said so: KPA took the name by it, as far as
    # the ledger tells: refused, nothing written)
    path.write_bytes(before.replace(b"merge = true\n", b""))
    before = path.read_bytes()
    tick()
    result = dprk("rename-party", "KPA", "KPA/CPV", "--date", "1953-07-27")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        f"dprk: error: --date: 1953-07-27 is before party 'KPA' took that name ({day}, as "
        "'b' records it); date the rename on or after that day, or, to keep 1953-07-27, date "
        "that one (party CPV renamed KPA) no later first: 'dprk redate b 2 1953-07-27' moves "
        "it on every measure\n"
    )
    assert path.read_bytes() == before
    tick()  # (followed: the merge dated so, the rename is taken)
    assert dprk("redate", "b", "2", "1953-07-27").code == 0
    tick()
    again = dprk("rename-party", "KPA", "KPA/CPV", "--date", "1953-07-27")
    assert again.err == "renamed party KPA to KPA/CPV on 1953-07-27 (2 measures changed)\n"
    assert dprk("check").out == "ok: no problems found\n"


def test_a_name_a_party_had_before_a_merge_into_it_is_its_own_on_a_day_before_the_merge(
    dprk, tmp_path, monkeypatch, tick
):
    """SLA merged into JEM on 2006-05-01, JEM then renamed SRF: '--actor JEM --date
    2005-06-01' was refused, "JEM took that name on 2006-05-01; on 2005-06-01 it was SLA",
    the merge's entry read as the rename that gave the name, though j1, JEM's since
    2005-02-01 with no rename to it, shows JEM had it. It is taken as JEM's, recording
    the rename to SRF alone, as j2, typed before that rename, does. With j1 entered after
    the merge, nothing shows JEM had the name before: refused as before."""

    def ledger(name: str, first: bool) -> Path:
        (tmp_path / name).mkdir()
        monkeypatch.chdir(tmp_path / name)
        j1 = ("add-measure", "J1", "--actor", "JEM", "--id", "j1", "--date", "2005-02-01")
        merge = ("rename-party", "SLA", "JEM", "--merge", "--date", "2006-05-01")
        for args in (
            ("init", "--party", "SLA", "--party", "JEM"),
            ("add-measure", "S1", "--actor", "SLA", "--id", "s1", "--date", "2005-01-01"),
            *((j1, merge) if first else (merge, j1)),
            ("add-measure", "J2", "--actor", "JEM", "--id", "j2", "--date", "2005-06-01"),
            ("rename-party", "JEM", "SRF", "--date", "2007-01-01"),
        ):  # fmt: skip
            tick()
            assert dprk(*args).code == 0, args
        return tmp_path / name / "dprk-ledger.toml"

    ledger("held", first=True)
    tick()
    added = dprk("add-measure", "J3", "--actor", "JEM", "--id", "j3", "--date", "2005-06-01")
    assert (added.code, added.out, added.err) == (0, "j3\n", "")
    said = {
        m["id"]: [(h["date"].isoformat(), h["detail"]) for h in m["history"]]
        for m in ledger_data(tmp_path / "held" / "dprk-ledger.toml")["measures"]
    }
    assert said["j3"] == said["j2"]
    assert said["j2"] == [
        ("2005-06-01", "created as proposed"),
        ("2007-01-01", "party JEM renamed SRF"),
    ]
    assert shown(dprk, "j3")["actor"] == "SRF"
    assert dprk("check").out == "ok: no problems found\n"
    # (j1 entered after the merge's entry, which says it is a merge: JEM had the name)
    path = ledger("taken", first=False)
    merged = path.read_bytes()
    tick()
    added = dprk("add-measure", "J3", "--actor", "JEM", "--id", "j3", "--date", "2005-06-01")
    assert (added.code, added.out, added.err) == (0, "j3\n", "")
    assert dprk("check").out == "ok: no problems found\n"
    assert dprk("undo").code == 0
    assert path.read_bytes() == merged
    # (the merge's entry as written before it said so: JEM took the name by it, as far as
    # the ledger tells; the name of that day advised, nothing written)
    path.write_bytes(merged.replace(b"merge = true\n", b""))
    err = refused(dprk, path, "add-measure", "J3", "--actor", "JEM", "--date", "2005-06-01")
    assert err == (
        "dprk: error: --actor: party 'JEM' took that name on 2006-05-01; on 2005-06-01 it "
        "was SLA: give SLA, or SRF, its name now\n"
    )


def test_a_measure_added_under_a_merged_name_records_a_rename_of_the_merge_dated_before(
    dprk, tmp_path, monkeypatch, tick
):
    """SLA merged into JEM on 2006-01-01, then JEM renamed SRF dated 2005-01-01 (written
    on s1 on the merge's day, renames keeping their order): a measure added after, under
    SLA on 2005-06-01, recorded the merge's entry alone, the rename's taken from its own
    day, before the measure was made. It records both from the merge's day, as 'x' added
    before the second rename was renamed, and the two ledgers read alike."""

    def ledger(name: str, order: tuple[int, int]) -> Path:
        (tmp_path / name).mkdir()
        monkeypatch.chdir(tmp_path / name)
        last = (
            ("rename-party", "JEM", "SRF", "--date", "2005-01-01"),
            ("add-measure", "X", "--actor", "SLA", "--id", "x", "--date", "2005-06-01"),
        )
        for args in (
            ("init", "--party", "SLA", "--party", "JEM"),
            ("add-measure", "S", "--actor", "SLA", "--id", "s1", "--date", "2004-01-01"),
            ("add-measure", "J", "--actor", "JEM", "--id", "j1", "--date", "2004-01-01"),
            ("rename-party", "SLA", "JEM", "--merge", "--date", "2006-01-01"),
            *(last[i] for i in order),
        ):  # fmt: skip
            tick()
            assert dprk(*args).code == 0
        return tmp_path / name / "dprk-ledger.toml"

    typed_before = ledger("before", (1, 0))
    path = ledger("after", (0, 1))
    before = path.read_bytes()
    tick()
    added = dprk("add-measure", "Y", "--actor", "SLA", "--id", "y", "--date", "2005-07-01")
    assert (added.code, added.out, added.err) == (0, "y\n", "")
    assert path.read_bytes() != before
    logged = dprk("log", "s1", "x", "y")
    assert logged.code == 0
    assert [line.split()[1:] for line in logged.lines[2:]] == [
        ["2004-01-01", "s1", "created", "proposed", "created", "as", "proposed"],
        ["2005-06-01", "x", "created", "proposed", "created", "as", "proposed"],
        ["2005-07-01", "y", "created", "proposed", "created", "as", "proposed"],
        ["2006-01-01", "s1", "edit", "party", "SLA", "renamed", "JEM", "(a", "merge)"],
        ["2006-01-01", "s1", "edit", "party", "JEM", "renamed", "SRF"],
        ["2006-01-01", "x", "edit", "party", "SLA", "renamed", "JEM", "(a", "merge)"],
        ["2006-01-01", "x", "edit", "party", "JEM", "renamed", "SRF"],
        ["2006-01-01", "y", "edit", "party", "SLA", "renamed", "JEM", "(a", "merge)"],
        ["2006-01-01", "y", "edit", "party", "JEM", "renamed", "SRF"],
    ]

    def read(at: Path, ident: str) -> list[tuple[str, str]]:
        [m] = [m for m in ledger_data(at)["measures"] if m["id"] == ident]
        return [(h["date"].isoformat(), h["detail"]) for h in m["history"]]

    assert read(path, "x") == read(typed_before, "x")
    assert read(path, "y")[1:] == read(path, "x")[1:]
    assert dprk("check").out == "ok: no problems found\n"


def test_a_rename_dated_before_the_party_took_its_name_advises_what_dates_that_one_so(
    dprk, tmp_path, monkeypatch, tick
):
    """The refusal of a rename dated before the party took the name it has said only
    'date the rename on or after that day'. To keep the day, the rename it took the name
    by is dated no later first: by its redate on a measure made by then (it moves on every
    measure), or, with none, by the undo of it, when it is the last change, and that
    rename typed dated so. Each followed, the rename is taken and the ledger checks."""

    def ledger(name: str, made: str) -> Path:
        (tmp_path / name).mkdir()
        monkeypatch.chdir(tmp_path / name)
        for args in (
            ("init", "--party", "DPRK", "--party", "US"),
            ("add-measure", "Lift sanctions", "--actor", "US", "--id", "m", "--date", made),
            ("rename-party", "US", "USA", "--date", "2023-01-01"),
        ):  # fmt: skip
            tick()
            assert dprk(*args).code == 0
        return tmp_path / name / "dprk-ledger.toml"

    path = ledger("redate", "2020-07-22")
    tick()  # (given under the new name after the rename: it records none, and shows nothing)
    assert dprk("add-measure", "Talks", "--actor", "USA", "--id", "k", "--date",
                "2021-01-01").code == 0  # fmt: skip
    before = path.read_bytes()
    result = dprk("rename-party", "USA", "US", "--date", "2022-01-01")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "dprk: error: --date: 2022-01-01 is before party 'USA' took that name (2023-01-01, as "
        "'m' records it); date the rename on or after that day, or, to keep 2022-01-01, date "
        "that one (party US renamed USA) no later first: 'dprk redate m 2 2022-01-01' moves "
        "it on every measure\n"
    )
    assert path.read_bytes() == before
    tick()
    assert dprk("redate", "m", "2", "2022-01-01").code == 0
    tick()
    again = dprk("rename-party", "USA", "US", "--date", "2022-01-01")
    assert again.err == "renamed party USA to US on 2022-01-01 (2 measures changed)\n"
    log = json.loads(dprk("log", "m", "--format", "json").out)
    assert [(e["date"], e["detail"]) for e in log][1:3] == [
        ("2022-01-01", "party US renamed USA"),
        ("2022-01-01", "party USA renamed US"),
    ]
    assert dprk("check").out == "ok: no problems found\n"
    # (no measure made by then: the undo of the rename, the last change, and it typed so)
    path = ledger("undo", "2022-07-22")
    before = path.read_bytes()
    result = dprk("rename-party", "USA", "US", "--date", "2022-01-01")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "dprk: error: --date: 2022-01-01 is before party 'USA' took that name (2023-01-01, as "
        "'m' records it); date the rename on or after that day, or, to keep 2022-01-01, date "
        "that one (party US renamed USA) no later first: no measure recording it was made by "
        "2022-01-01, to keep the old name: if the rename is the last change, 'dprk undo' takes "
        "it back, and then 'dprk rename-party US USA --date 2022-01-01' dates it so, saying "
        "what that forgets; else no command can (a rename given back is dated after it, and "
        "one typed again no earlier)\n"
    )
    assert path.read_bytes() == before
    assert dprk("undo").code == 0
    tick()
    assert dprk("rename-party", "US", "USA", "--date", "2022-01-01").code == 0
    tick()
    again = dprk("rename-party", "USA", "US", "--date", "2022-01-01")
    assert again.code == 0, again.err
    assert again.err.startswith(
        "renamed party USA to US on 2022-01-01 (1 measure changed; 1 made after"
    )
    assert json.loads(dprk("show", "m", "--format", "json").out)["actor"] == "US"
    assert dprk("check").out == "ok: no problems found\n"


def test_rename_party_merge_takes_the_declared_party_in_any_case(dprk, empty):
    """'rename-party NK dprk --merge', DPRK declared: refused as 'already declared (names
    differ only in case)', where the party typed in another case is the declared one
    everywhere else (`--by rok`). It merges into DPRK, as the ledger spells it."""
    assert dprk("add-party", "NK").code == 0
    assert dprk("add-measure", "M", "--actor", "NK", "--id", "m", "--date", "2018-01-01").code == 0
    merged = dprk("rename-party", "NK", "dprk", "--merge")
    assert (merged.code, merged.err) == (
        0,
        "merged party NK into DPRK (1 measure changed) (from today; to correct it from the "
        "start: 'dprk undo', then 'dprk rename-party NK DPRK --date 2018-01-01 --merge')\n",
    )
    data = ledger_data(empty)
    assert data["parties"] == ["DPRK", "US", "ROK"]
    assert data["measures"][0]["actor"] == "DPRK"


def test_a_link_written_by_hand_on_a_part_is_judged_from_the_day_both_were(dprk, empty):
    """A part (made so with its creation) and its whole linked by hand, no change of the
    link on record: check advised 'dprk unlink part whole' undated, and, followed (or
    'edit --no-part-of' undated), said ok while '--as-of' the days between showed the part
    exchanged for its whole. A link with no change on record stood from the day both
    were: the advice is dated so, the undated removal is refused, the dated one works."""
    assert dprk("add-measure", "Whole", "--actor", "DPRK", "--id", "whole", "--date",
                "2018-01-01").code == 0  # fmt: skip
    assert dprk("add-measure", "Part", "--actor", "DPRK", "--id", "part", "--date",
                "2018-01-02", "--part-of", "whole").code == 0  # fmt: skip
    text = empty.read_text(encoding="utf-8")
    for ident, other in (("part", "whole"), ("whole", "part")):
        head = f'id = "{ident}"\n'
        assert text.count(head) == 1
        text = text.replace(head, f'{head}in_exchange_for = ["{other}"]\n')
    empty.write_text(text, encoding="utf-8")
    checked = dprk("check")
    assert checked.code == 1
    assert (
        "remove one of the two with 'dprk unlink part whole --date 2018-01-02' or 'dprk edit "
        "part --no-part-of --date 2018-01-02'" in checked.out
    )
    before = empty.read_bytes()
    undated = dprk("edit", "part", "--no-part-of")
    assert undated.code == 1
    assert "part: was exchanged for 'whole' on 2018-01-02, a day it was a part of it" in (
        undated.err
    )
    assert empty.read_bytes() == before
    assert dprk("unlink", "part", "whole", "--date", "2018-01-02").code == 0
    assert dprk("check").code == 0
    then = json.loads(dprk("show", "part", "--as-of", "2018-01-03", "--format", "json").out)
    assert (then["part_of"], then["in_exchange_for"]) == ("whole", [])


@pytest.mark.parametrize("dropped", ["note", "step"])
def test_dropping_the_event_that_dated_a_measure_says_its_new_first_day(dprk, empty, dropped):
    """A measure added without a date is dated by its earliest event: dropping that event
    moves its first day, which the line of a link's or an order's drop said and the line
    of a note's or a step's did not."""
    assert dprk("add-measure", "Nu", "--actor", "DPRK", "--id", "n").code == 0
    if dropped == "note":
        assert dprk("note", "n", "early", "--date", "2020-01-01").code == 0
    else:
        assert dprk("mark", "n", "agreed", "--date", "2020-01-01").code == 0
    assert dprk("note", "n", "late", "--date", "2020-03-03").code == 0
    result = dprk("drop-entry", "n", "2")
    was = "the note entry of 2020-01-01" if dropped == "note" else "agreed on 2020-01-01"
    assert (result.code, result.out) == (0, "")
    assert result.err.startswith(f"n: dropped entry 2 ({was}; n is now dated from 2020-03-03)")
    assert shown(dprk, "n")["history"][0]["date"] == "2020-03-03"


def test_drop_entry_s_advice_for_a_with_names_the_other_measure_and_works(dprk, empty):
    """The refusal to drop a `with` advised 'dprk sequence a --remove OTHER --date D',
    though dprk knows the other measure: it is named, and the command, given a day, works.
    (A `with` both measures record is dropped from both now; one the other measure has
    no record of, as a hand edit leaves it, is refused so.)"""
    for args in (
        ["add-measure", "A", "--actor", "DPRK", "--id", "a", "--date", "2020-01-01"],
        ["add-measure", "B", "--actor", "US", "--id", "b", "--date", "2020-01-01"],
        ["sequence", "a", "--with", "b", "--date", "2020-02-01"],
    ):
        assert dprk(*args).code == 0, args
    text = empty.read_text(encoding="utf-8")
    mirror = re.search(
        r'\n\[\[measures\.history\]\]\ndate = 2020-02-01\nevent = "sequence"\ndetail = '
        r'"together with a"\n[^\[]*',
        text,
    )
    assert mirror is not None, text
    empty.write_text(text.replace(mirror.group(0), "\n"), encoding="utf-8")
    err = refused(dprk, empty, "drop-entry", "a", "2")
    assert "is of a with, kept on both measures, that 'b' has no record of" in err
    assert err.endswith("it records an order: 'dprk sequence a --remove b --date D' ends it\n")
    ended = dprk("sequence", "a", "--remove", "b", "--date", "2020-03-01")
    assert ended.code == 0, ended.err
    assert shown(dprk, "a")["constraints"] == []
    clean(dprk)


def test_drop_entry_that_gives_back_an_order_closing_a_deadlock_warns_of_it(dprk, empty):
    """Dropping the removal of an order, entered by mistake, gives the order back; where
    it closes a deadlock, the drop said nothing of it (`sequence` warns), and only the
    next `check` did."""
    for args in (
        ["add-measure", "A", "--actor", "DPRK", "--id", "a", "--date", "2018-01-01"],
        ["add-measure", "B", "--actor", "US", "--id", "b", "--date", "2018-01-01"],
        ["sequence", "b", "--after", "a", "--date", "2018-04-01", "--demanded-by", "US"],
        ["sequence", "a", "--after", "b", "--date", "2018-03-01", "--demanded-by", "DPRK"],
        ["sequence", "a", "--remove", "b", "--date", "2018-05-01"],
    ):
        assert dprk(*args).code == 0, args
    result = dprk("drop-entry", "a", "3")
    assert result.code == 0 and result.out == ""
    lines = result.err.splitlines()
    assert lines[0].startswith("a: dropped entry 3 (") and "a is now after b" in lines[0]
    assert lines[1:] == [
        "dprk: warning: deadlock: b waits for a (demanded by US); a waits for b (demanded by "
        "DPRK); it stands from 2018-04-01; 'dprk plan' shows it"
    ]
    assert dprk("check").out.startswith("warning: ")


def test_drop_entry_of_an_order_s_change_a_later_one_does_not_name_is_dropped(dprk, empty):
    """A later change of an order that names nothing it replaced does not stand on an
    earlier one: an order given again after its removal, and the correct order typed
    before a mistaken one dated earlier. Dropping the earlier was refused, sending the
    user to drop the correct one first (and said it named what it replaced, which it
    did not); it is dropped, and the order stands as the changes left say."""
    for args in (
        ["add-measure", "A", "--actor", "DPRK", "--id", "a", "--date", "2018-01-01"],
        ["add-measure", "B", "--actor", "US", "--id", "b", "--date", "2018-01-01"],
        ["sequence", "b", "--after", "a", "--date", "2018-03-01"],
        ["sequence", "b", "--remove", "a", "--date", "2019-01-01"],  # (the mistake)
        ["sequence", "b", "--after", "a", "--require", "verified", "--date", "2019-06-01"],
        ["sequence", "a", "--after", "b", "--date", "2020-02-01"],
        ["sequence", "a", "--after", "b", "--demanded-by", "US", "--date", "2020-01-15"],
    ):
        assert dprk(*args).code == 0, args
    assert "(was: " not in dprk("log", "b").out + dprk("log", "a").out
    dropped = dprk("drop-entry", "b", "3")
    assert dropped.code == 0, dropped.err
    for day, require in (("2018-12-31", "acted"), ("2019-03-01", "acted")):
        b = json.loads(dprk("show", "b", "--as-of", day, "--format", "json").out)
        assert [(c["after"], c["require"]) for c in b["constraints"]] == [("a", require)], day
    assert [(c["after"], c["require"]) for c in shown(dprk, "b")["constraints"]] == [
        ("a", "verified")
    ]
    mistake = dprk("drop-entry", "a", "2")  # (typed last, dated before the right one)
    assert mistake.code == 0, mistake.err
    assert [(c["after"], c["demanded_by"]) for c in shown(dprk, "a")["constraints"]] == [
        ("b", None)
    ]
    assert (
        json.loads(dprk("show", "a", "--as-of", "2020-01-20", "--format", "json").out)[
            "constraints"
        ]
        == []
    )
    clean(dprk)


def test_drop_entry_of_an_order_s_change_tied_to_a_with_advises_what_works(dprk, empty):
    """An order after b that ended a `with`, and one a later `with` replaced, could not be
    dropped (a `with` is kept on both measures): the refusals sent users round in a
    circle, or named a removal that did not give the `with` back. The change that ended
    the `with`, recorded on both, is dropped from both now, and the `with` stands again."""
    setup = (
        ["add-measure", "A", "--actor", "DPRK", "--id", "a", "--date", "2018-01-01"],
        ["add-measure", "B", "--actor", "US", "--id", "b", "--date", "2018-01-01"],
        ["sequence", "a", "--with", "b", "--date", "2019-06-01"],
        ["sequence", "a", "--after", "b", "--date", "2020-01-01"],  # (the mistake)
    )
    for args in setup:
        assert dprk(*args).code == 0, args
    # (it ended the with on both, and is taken back from both: the with stands again)
    dropped = dprk("drop-entry", "a", "3")
    assert dropped.code == 0, dropped.err
    assert dropped.err.startswith(
        "a: dropped entry 3 (the sequence entry of 2020-01-01, and b's record of it; a is now "
        "together with b; b is now together with a)"
    )
    for day in ("2019-12-31", "2020-01-01", "2020-06-01"):
        plan = json.loads(dprk("plan", "--as-of", day, "--format", "json").out)
        assert plan["phases"] == [
            {
                "phase": 1,
                "measures": ["a", "b"],
                "verify": [],
                "verify_by": {},
                "rest": [],
                "together": [["a", "b"]],
                "again": [],
                "deadlines": {},
                "overdue": [],
            }
        ], day
    clean(dprk)


def test_drop_entry_of_an_order_a_later_with_replaced_advises_a_redate(dprk, empty):
    """The mistaken order came first, a real `with` after it: dropping the order was
    refused to drop the `with` first, which is refused. It says the entry stays, and the
    redate that leaves the mistake no day in force, which works. (A `with` itself can be
    dropped, from both measures, but it is no mistake here.)"""
    setup = (
        ["add-measure", "A", "--actor", "DPRK", "--id", "a", "--date", "2018-01-01"],
        ["add-measure", "B", "--actor", "US", "--id", "b", "--date", "2018-01-01"],
        ["sequence", "a", "--after", "b", "--date", "2019-01-26"],  # (the mistake)
        ["sequence", "b", "--with", "a", "--date", "2019-06-01"],
    )
    for args in setup:
        assert dprk(*args).code == 0, args
    err = refused(dprk, empty, "drop-entry", "a", "2")
    assert err == (
        "dprk: error: entry 2 of 'a' (the sequence entry of 2019-01-26) is of the order with "
        "'b' that entry 3, a with kept on both measures, changed later, naming it: this entry "
        "stays, in force only before 2019-06-01 ('dprk redate a 2 2019-06-01' leaves it no "
        "day in force)\n"
    )
    assert dprk("redate", "a", "2", "2019-06-01").code == 0
    for day in ("2019-03-01", "2019-06-01"):
        ready = json.loads(dprk("next", "--as-of", day, "--format", "json").out)["ready"]
        assert [r["id"] for r in ready] == ["a", "b"], day
    clean(dprk)


def test_drop_entry_that_gives_back_an_order_closing_a_past_deadlock_warns_of_it(dprk, empty):
    """The order given back closes a deadlock on the day of the change dropped, which
    ended since (a measure in it acted): `sequence` says so of that day; the drop did not,
    and `plan --as-of` showed it."""
    for args in (
        ["add-measure", "A", "--actor", "DPRK", "--id", "a", "--date", "2020-01-01"],
        ["add-measure", "B", "--actor", "US", "--id", "b", "--date", "2020-01-01"],
        ["sequence", "a", "--after", "b", "--demanded-by", "DPRK", "--date", "2020-02-01"],
        ["mark", "a", "implemented", "--date", "2020-04-01"],
        ["sequence", "b", "--after", "a", "--demanded-by", "US", "--date", "2020-02-10"],
        ["sequence", "b", "--remove", "a", "--date", "2020-02-10"],  # (the mistake)
    ):
        assert dprk(*args).code == 0, args
    result = dprk("drop-entry", "b", "3")
    assert result.code == 0 and result.out == ""
    assert result.err.splitlines()[1:] == [
        "dprk: warning: deadlock on 2020-02-10: b waits for a (demanded by US); a waits for b "
        "(demanded by DPRK); it no longer stands ('dprk plan --as-of 2020-02-10' shows it then)"
    ]
    plan = json.loads(dprk("plan", "--as-of", "2020-02-11", "--format", "json").out)
    assert plan["deadlocks"] != []


def test_drop_entry_takes_back_a_with_from_both_measures(dprk, empty):
    """Doha, March 2020: each side demanded the other release its prisoners first, and a
    `--with` entered by mistake replaced both demands. drop-entry refused it ('drop-entry
    takes back an order after another measure alone'), and only re-entering both demands
    by hand gave the deadlock back. It goes from both measures, as if never entered: each
    has the demand it had, the line says so, and undo restores the file."""
    for args in (
        ["add-measure", "A", "--actor", "DPRK", "--id", "a", "--date", "2020-03-01"],
        ["add-measure", "B", "--actor", "US", "--id", "b", "--date", "2020-03-01"],
        ["sequence", "a", "--after", "b", "--demanded-by", "DPRK", "--date", "2020-03-20"],
        ["sequence", "b", "--after", "a", "--demanded-by", "US", "--date", "2020-03-20"],
        ["sequence", "a", "--with", "b", "--date", "2020-03-25"],  # (the mistake)
    ):
        assert dprk(*args).code == 0, args
    before = empty.read_bytes()
    result = dprk("drop-entry", "b", "3")
    assert result.code == 0, result.err
    assert result.err.splitlines() == [
        "b: dropped entry 3 (the sequence entry of 2020-03-25, and a's record of it; b is now "
        "after a, demanded by US; a is now after b, demanded by DPRK); b is proposed",
        "dprk: warning: deadlock: b waits for a (demanded by US); a waits for b (demanded by "
        "DPRK); it stands from 2020-03-20; 'dprk plan' shows it",
    ]
    a, b = shown(dprk, "a", "b")
    assert a["constraints"] == [
        {"after": "b", "require": "acted", "demanded_by": "DPRK", "verified_by": None}
    ]
    assert b["constraints"] == [
        {"after": "a", "require": "acted", "demanded_by": "US", "verified_by": None}
    ]
    for m in (a, b):
        assert [h["detail"] for h in m["history"] if h["event"] == "sequence"] == [
            f"after {'b' if m is a else 'a'}, demanded by {'DPRK' if m is a else 'US'}"
        ]
    plan = json.loads(dprk("plan", "--as-of", "2020-03-30", "--format", "json").out)
    assert plan["deadlocks"], plan
    clean(dprk)
    assert dprk("undo").code == 0 and empty.read_bytes() == before


def test_drop_entry_of_a_with_replaced_in_the_same_second_drops_both_records(
    dprk, empty, monkeypatch
):
    """Algiers, January 1981, entered by a script: a `--with` between the release and
    the escrow, replaced within the same second by an order after the escrow. Each of
    the two records of that change refused to go before the other ('drop that first'),
    each naming the other: the record of the `with` set on the escrow, recorded in the
    same second, was taken for the release's record of its end. Dropped from either
    measure, the change goes from both, as it does entered seconds apart, and the line
    names both; undo gives the file back."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    for args in (
        ["add-measure", "Release", "--actor", "DPRK", "--id", "release", "--status", "agreed",
         "--date", "1981-01-19"],
        ["add-measure", "Escrow", "--actor", "US", "--id", "escrow", "--status", "agreed",
         "--date", "1981-01-19", "--in-exchange-for", "release"],
        ["sequence", "release", "--with", "escrow", "--date", "1981-01-19"],
        ["sequence", "release", "--after", "escrow", "--demanded-by", "DPRK", "--date",
         "1981-01-19"],
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    before = empty.read_bytes()
    for ident, number, other in (("release", "4", "escrow"), ("escrow", "3", "release")):
        dropped = dprk("drop-entry", ident, number)
        assert (dropped.code, dropped.out) == (0, ""), dropped.err
        assert dropped.err == (
            f"{ident}: dropped entry {number} (the sequence entry of 1981-01-19, and "
            f"{other}'s record of it; {ident} is now together with {other}; {other} is now "
            f"together with {ident}); {ident} is agreed\n"
        )
        release, escrow = shown(dprk, "release", "escrow")
        assert release["constraints"] == [{"with": "escrow"}]
        assert escrow["constraints"] == [{"with": "release"}]
        for m in (release, escrow):
            orders = [h["detail"] for h in m["history"] if h["event"] == "sequence"]
            assert orders == [f"together with {'escrow' if m is release else 'release'}"]
        clean(dprk)
        assert dprk("undo").code == 0 and empty.read_bytes() == before


def test_rename_party_merge_into_a_name_not_declared_is_refused_not_a_rename(dprk, empty):
    """`rename-party "Syrian Arab Republic" Syira --merge`, the second name mistyped, renamed
    the party to the typo without a word: the two spellings meant to be one side stayed
    two, one of them now misspelled, and the right merge was then refused (the old name
    was a former one). --merge joins a party to one declared already: a name no party has
    is refused, near names suggested, the file unchanged."""
    assert dprk("add-party", "Syria").code == 0
    assert dprk("add-party", "Syrian Arab Republic").code == 0
    add = ["add-measure", "Accede to the CWC", "--actor", "Syrian Arab Republic", "--id", "cwc"]
    assert dprk(*add, "--date", "2013-09-10").code == 0
    err = refused(dprk, empty, "rename-party", "Syrian Arab Republic", "Syira", "--merge")
    assert err == (
        "dprk: error: NEW: 'Syira' is not a declared party (declared: DPRK, US, ROK, Syria); "
        "did you mean Syria? (--merge makes Syrian Arab Republic one with a declared party; "
        "leave it out to give a new name)\n"
    )
    err = refused(dprk, empty, "rename-party", "Syrian Arab Republic", "Japan", "--merge")
    assert err.startswith("dprk: error: NEW: 'Japan' is not a declared party ("), err
    # (the advice followed: the merge meant, and a rename without --merge)
    merged = dprk("rename-party", "Syrian Arab Republic", "syria", "--merge")
    assert (merged.code, merged.err) == (
        0,
        "merged party Syrian Arab Republic into Syria (1 measure changed) (from today; to "
        "correct it from the start: 'dprk undo', then 'dprk rename-party \"Syrian Arab "
        "Republic\" Syria --date 2013-09-10 --merge')\n",
    )
    assert ledger_data(empty)["parties"] == ["DPRK", "US", "ROK", "Syria"]
    assert shown(dprk, "cwc")["actor"] == "Syria"
    clean(dprk)
    assert dprk("undo").code == 0
    renamed = dprk("rename-party", "Syrian Arab Republic", "Syira")
    assert (renamed.code, renamed.err) == (
        0,
        "renamed party Syrian Arab Republic to Syira (1 measure changed) (from today; to "
        "correct it from the start: 'dprk undo', then 'dprk rename-party \"Syrian Arab "
        "Republic\" Syira --date 2013-09-10')\n",
    )
    clean(dprk)


def test_rename_party_to_another_sides_former_name_no_measure_records_is_refused(dprk, tmp_path):
    """The USSR renamed Russia in 1991, then `rename-party Ukraine USSR`, Ukraine having
    no measure, was accepted: no measure recorded that Ukraine took the name, so `check`
    read 'USSR' as Russia's former name declared again, and its advice, followed, folded
    Ukraine into Russia. Such a rename is refused, the file unchanged (a party with
    measures that record the rename may take the name: they say whose it is now); a
    party may take back its own former name."""
    path = tmp_path / "dprk-ledger.toml"
    for args in (
        ["init", "--party", "USSR", "--party", "Ukraine", "--party", "US"],
        ["add-measure", "Ratify START I", "--actor", "USSR", "--id", "start", "--date",
         "1991-07-31"],
        ["rename-party", "USSR", "Russia", "--date", "1991-12-26"],
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    for typed in ("USSR", "ussr"):
        err = refused(dprk, path, "rename-party", "Ukraine", typed)
        assert err == (
            f"dprk: error: NEW: party '{typed}' was renamed Russia on 1991-12-26, as the "
            "ledger's measures record it, and no measure of Ukraine would record that it "
            "took the name: it would read as Russia's, one side two parties; choose another "
            "name\n"
        )
    err = refused(dprk, path, "rename-party", "Ukraine", "USSR", "--merge")
    assert err == "dprk: error: NEW: party 'USSR' was renamed Russia on 1991-12-26; give Russia\n"
    assert ledger_data(path)["parties"] == ["Russia", "Ukraine", "US"]
    clean(dprk)
    # (its own former name a party may take back)
    back = dprk("rename-party", "Russia", "USSR")
    # (from today: dated on the measure's first day, before Russia took its name, it
    # would be refused, so no advice to)
    assert (back.code, back.err) == (
        0,
        "renamed party Russia to USSR (1 measure changed) (from today)\n",
    )
    assert ledger_data(path)["parties"] == ["USSR", "Ukraine", "US"]
    clean(dprk)
    assert dprk("undo").code == 0
    # (with a measure of its own that records it, Ukraine may take the name)
    warheads = ["add-measure", "Give up the warheads", "--actor", "Ukraine", "--id", "w"]
    assert dprk(*warheads, "--date", "1994-01-14").code == 0
    taken = dprk("rename-party", "Ukraine", "USSR", "--date", "1994-01-14")
    assert (taken.code, taken.err) == (
        0,
        "renamed party Ukraine to USSR on 1994-01-14 (1 measure changed)\n",
    )
    clean(dprk)


def test_a_redate_that_renumbers_entries_says_the_number_each_has_now(dprk, empty):
    """A redate's line names each entry it moved by the number given, and by the one it
    has now where the move renumbered it (the numbers follow the dates): a next
    `redate b 3` or `drop-entry b 3` taken from the line would act on another entry."""
    assert (
        dprk("add-measure", "A", "--actor", "DPRK", "--id", "a", "--date", "1974-01-18").code == 0
    )
    assert (
        dprk("add-measure", "B", "--actor", "DPRK", "--id", "b", "--date", "1974-01-18").code == 0
    )
    assert dprk("mark", "b", "implemented", "--date", "1974-03-04").code == 0
    assert dprk("mark", "a", "implemented", "--date", "1974-03-05").code == 0
    assert dprk("rename-party", "DPRK", "North Korea", "--date", "1975-01-01").code == 0
    result = dprk("redate", "a", "3", "1974-02-01")
    assert result.code == 0, result.err
    assert result.err == (
        "a: entry 3 (the rename of DPRK to North Korea of 1975-01-01) now dated 1974-02-01 "
        "(now entry 2), and the same rename on b (its entry 3, now entry 2); a is implemented\n"
    )
    for ident in ("a", "b"):  # (what the line says: entry 2 is the rename now)
        row = dprk("log", ident, "--format", "json")
        assert json.loads(row.out)[1]["detail"] == "party DPRK renamed North Korea"
    # an entry that keeps its number: said once
    kept = dprk("redate", "a", "2", "1974-02-02")
    assert kept.code == 0
    assert "now dated 1974-02-02, and the same rename on b (its entry 2);" in kept.err
    # an exchange link kept on both measures: the other's record renumbered
    assert dprk("add-measure", "D", "--actor", "US", "--id", "d", "--date", "1974-01-01").code == 0
    assert dprk("link", "d", "a", "--date", "1974-03-10").code == 0
    moved = dprk("redate", "d", "2", "1974-01-20")
    assert moved.code == 0, moved.err
    assert "now dated 1974-01-20, and a's record of it (its entry 4, now entry 2);" in moved.err
    second = json.loads(dprk("log", "a", "--format", "json").out)[1]
    assert (second["event"], second["detail"]) == ("exchange", "in exchange for d")
    clean(dprk)


@pytest.mark.parametrize("ticked", [True, False])
def test_a_creation_redated_past_a_link_made_apart_is_refused_whatever_the_clock(
    dprk, empty, request, ticked
):
    """b made on 10 January 2019 and linked to a that day with 'dprk link'; its creation
    redated to the 20th moved b's record of the link with it, and a's too only when the
    link was recorded in the same second as b's creation: the one link was then drawn on
    two days, one row on b before b existed, and check passed. A link made apart is an
    event of its own day, as a note or a 'sequence --with' is: the creation is refused
    past it, and the advice, followed, moves both records and then the creation."""
    if not ticked:  # (each command recorded in the same second, as a script runs them)
        request.getfixturevalue("monkeypatch").setenv("SOURCE_DATE_EPOCH", "1700000000")
    advance = request.getfixturevalue("tick") if ticked else lambda: None
    for args in (
        ["add-measure", "Offer", "--actor", "DPRK", "--id", "a", "--date", "2019-01-01"],
        ["add-measure", "Counter-offer", "--actor", "US", "--id", "b", "--date", "2019-01-10"],
        ["link", "b", "a", "--date", "2019-01-10"],
    ):
        advance()
        assert dprk(*args).code == 0, args
    advance()
    err = refused(dprk, empty, "redate", "b", "1", "2019-01-20")
    assert err == (
        "dprk: error: b: the exchange entry of 2019-01-10 comes before its creation on "
        "2019-01-20; correct one of the two dates ('dprk log b' numbers the entries, 'dprk "
        "redate' corrects one); nothing was written\n"
    )
    # the advice followed: the link first (both records), then the creation
    moved = dprk("redate", "b", "2", "2019-01-20")
    assert (moved.code, moved.out) == (0, "")
    assert moved.err == (
        "b: entry 2 (the exchange entry with a of 2019-01-10) now dated 2019-01-20, and a's record "
        "of it (its entry 2); b is proposed\n"
    )
    advance()
    done = dprk("redate", "b", "1", "2019-01-20")
    assert (done.code, done.out) == (0, "")
    assert done.err == (
        "b: entry 1 (created as proposed on 2019-01-10) now dated 2019-01-20; b is now proposed "
        "(since 2019-01-20; it was proposed since 2019-01-10)\n"
    )
    events = json.loads(dprk("timeline", "--format", "json").out)["events"]
    assert [(e["date"], e["id"], e["event"]) for e in events] == [
        ("2019-01-01", "a", "created"),
        ("2019-01-20", "a", "exchange"),
        ("2019-01-20", "b", "created"),
        ("2019-01-20", "b", "exchange"),
    ]
    assert dprk("check").out == "ok: no problems found\n"


def test_an_edit_dated_before_the_one_that_set_the_same_value_says_the_day_moved(dprk, empty):
    """`edit p --part-of w --date 03-06` after one dated 03-10: p is w's part from 03-06
    now. The line said "stays 'w' (since 2020-03-06)", hiding that the day moved; it says
    so as a link dated before the one on record does, and --as-of agrees."""
    for ident in ("w", "p"):
        assert dprk("add-measure", ident.upper(), "--actor", "DPRK", "--id", ident,
                    "--date", "2020-01-01").code == 0  # fmt: skip
    assert dprk("edit", "p", "--part-of", "w", "--date", "2020-03-10").code == 0
    result = dprk("edit", "p", "--part-of", "w", "--date", "2020-03-06")
    assert (result.code, result.out) == (0, "")
    assert result.err == (
        "p: recorded part_of: (none) -> 'w' on 2020-03-06, is 'w' from 2020-03-06 on (it was "
        "from 2020-03-10)\n"
    )
    for day, whole in (("2020-03-05", None), ("2020-03-06", "w")):
        doc = json.loads(dprk("show", "p", "--as-of", day, "--format", "json").out)
        assert doc["part_of"] == whole, day
    again = dprk("edit", "p", "--part-of", "w", "--date", "2020-03-08")
    assert (
        again.err == "p: recorded part_of: 'w' -> 'w' on 2020-03-08, stays 'w' (since 2020-03-06)\n"
    )
    clean(dprk)


def test_an_undated_edit_of_a_dated_field_says_it_counts_from_today_and_how_to_correct_it(
    dprk, tmp_path
):
    """'edit weapons --actor Militias' handed the measure over today, as the guide says,
    with nothing in --help or the confirmation to say so: a beginner meaning to correct
    the actor found past days' views kept the old one. The line says so, with the change
    that corrects it from the start, which does."""
    ledger = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--party", "Syria", "--party", "Militias").code == 0
    for args in (("Disarm", "--id", "weapons"), ("Whole", "--id", "whole")):
        assert dprk("add-measure", *args, "--actor", "Syria", "--date", "1989-10-22").code == 0
    shown = " ".join(dprk("edit", "--help").out.split())
    assert "Without --date, a new actor, deadline or parent counts from today only" in shown
    assert "to correct one from the start, give --date with the measure's first day" in shown
    result = dprk("edit", "weapons", "--actor", "Militias", "--deadline", "1990-01-01")
    advice = "dprk edit weapons --actor Militias --deadline 1990-01-01 --date 1989-10-22"
    assert (result.code, result.out, result.err) == (
        0,
        "",
        f"weapons: edited on {today()} (actor: 'Syria' -> 'Militias'; deadline: (none) -> "
        f"'1990-01-01') (from today; to correct it from the start: 'dprk undo', then "
        f"'{advice}'; to date the change: 'dprk undo', then '{advice[:-10]}DAY')\n",
    )
    assert 'actor = "Militias"' in ledger.read_text()
    past = dprk("status", "--as-of", "1991-01-01", "--format", "json")
    assert [m["actor"] for m in json.loads(past.out)["measures"] if m["id"] == "weapons"] == [
        "Syria"
    ]
    assert dprk("undo").code == 0
    followed = dprk(*shlex.split(advice)[1:])
    assert (followed.code, followed.out) == (0, ""), followed.err
    assert "from today" not in followed.err
    past = json.loads(dprk("status", "--as-of", "1991-01-01", "--format", "json").out)
    (weapons,) = [m for m in past["measures"] if m["id"] == "weapons"]
    assert (weapons["actor"], weapons["deadline"], weapons["overdue"]) == (
        "Militias",
        "1990-01-01",
        True,
    )
    assert dprk("check").code == 0
    # (a measure of several, which 'dprk undo' takes back with the rest: said once, after
    # them, with each made again; a refusal changes nothing)
    before = ledger.read_bytes()
    refused = dprk("edit", "weapons", "whole", "--part-of", "whole")
    assert (refused.code, refused.out) == (1, "")
    assert refused.err == "dprk: error: measure 'whole' cannot be a part of itself\n"
    assert ledger.read_bytes() == before
    both = dprk("edit", "weapons", "whole", "--category", "arms", "--actor", "Militias")
    assert (both.code, both.out) == (0, "")
    assert both.err.splitlines() == [
        f"weapons: edited on {today()} (category: (none) -> 'arms')",
        f"whole: edited on {today()} (category: (none) -> 'arms'; actor: 'Syria' -> 'Militias') "
        "(from today)",
        "to correct them from the start: 'dprk undo', then 'dprk edit weapons --category arms' "
        "and 'dprk edit whole --category arms --actor Militias --date 1989-10-22'; to date "
        "the change: 'dprk undo', then 'dprk edit weapons --category arms' and 'dprk edit "
        "whole --category arms --actor Militias --date DAY'",
    ]
    for command in _commands_advised(both.err.split("; to date the change")[0]):
        assert dprk(*command).code == 0
    past = json.loads(dprk("status", "--as-of", "1991-01-01", "--format", "json").out)
    assert {m["id"]: m["actor"] for m in past["measures"]} == {
        "weapons": "Militias",
        "whole": "Militias",
    }


def test_an_undated_edit_of_a_field_edited_before_still_says_it_counts_from_today(dprk, tmp_path):
    """An undated edit of an actor a dated edit had changed said no '(from today)': the
    hand-over of today, the guide's words, went unsaid. It is said whatever came before;
    the correction from the start where it would be made (the earlier edit on the first
    day) and followed works, and not where a later change of the field would keep its
    value over the dated edit."""
    ledger = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--party", "A", "--party", "B", "--party", "C").code == 0
    for ident in ("x", "y"):
        made = dprk("add-measure", ident.upper(), "--actor", "A", "--id", ident,
                    "--date", "2018-01-01")  # fmt: skip
        assert made.code == 0, made.err
    assert dprk("edit", "x", "--actor", "B", "--date", "2018-01-01").code == 0
    result = dprk("edit", "x", "--actor", "C")
    advice = "dprk edit x --actor C --date 2018-01-01"
    assert (result.code, result.out, result.err) == (
        0,
        "",
        f"x: edited on {today()} (actor: 'B' -> 'C') (from today; to correct it from the "
        f"start: 'dprk undo', then '{advice}'; to date the change: 'dprk undo', then "
        "'dprk edit x --actor C --date DAY')\n",
    )
    assert dprk("undo").code == 0
    before = ledger.read_bytes()
    followed = dprk(*shlex.split(advice)[1:])
    assert (followed.code, followed.out) == (0, ""), followed.err
    assert followed.err == "x: edited on 2018-01-01 (actor: 'B' -> 'C')\n"
    assert ledger.read_bytes() != before
    past = json.loads(dprk("status", "--as-of", "2018-01-02", "--format", "json").out)
    assert {m["id"]: m["actor"] for m in past["measures"]}["x"] == "C"
    assert dprk("edit", "y", "--actor", "B", "--date", "2018-06-01").code == 0
    later = dprk("edit", "y", "--actor", "C")
    assert (later.code, later.out, later.err) == (
        0,
        "",
        f"y: edited on {today()} (actor: 'B' -> 'C') (from today)\n",
    )
    assert dprk("check").code == 0


def _commands_advised(text: str) -> list[list[str]]:
    """The commands a line of advice quotes ('dprk ...'), each as the shell reads it."""
    return [shlex.split(c)[1:] for c in re.findall(r"'(dprk (?:[^'\"]|\"[^\"]*\")*)'", text)]


def test_an_undated_edit_advises_correcting_it_from_the_start_only_where_that_passes(
    dprk, tmp_path
):
    """'edit step --part-of whole' advised 'dprk undo', then the edit dated on the
    step's first day, which was refused: the whole acted on its own on a day it would
    then be made of parts. The dated edit is tried before it is advised, and left out
    where it would be refused; where it is offered, following it works."""
    ledger = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--party", "A", "--party", "B").code == 0
    args = ("Whole", "--actor", "A", "--id", "whole", "--status", "agreed")
    assert dprk("add-measure", *args, "--date", "2018-01-01").code == 0
    assert dprk("mark", "whole", "implemented", "--date", "2018-03-01").code == 0
    assert (
        dprk("add-measure", "Step", "--actor", "A", "--id", "step", "--date", "2018-02-01").code
        == 0
    )
    result = dprk("edit", "step", "--part-of", "whole")
    assert (result.code, result.out, result.err) == (
        0,
        "",
        f"step: edited on {today()} (part_of: (none) -> 'whole') (from today)\n",
    )
    assert 'part_of = "whole"' in ledger.read_text()
    assert dprk("check").code == 0
    # (offered where it passes: followed as printed, it is made, and holds from the start)
    assert dprk("undo").code == 0
    result = dprk("edit", "step", "--actor", "B", "--note", "typed A")
    assert (result.code, result.out) == (0, "")
    assert result.err == (
        f"step: edited on {today()} (actor: 'A' -> 'B') (from today; to correct it from the "
        "start: 'dprk undo', then 'dprk edit step --actor B --note \"typed A\" --date "
        "2018-02-01'; to date the change: 'dprk undo', then 'dprk edit step --actor B "
        '--note "typed A" --date DAY\')\n'
    )
    for command in _commands_advised(result.err.split("; to date the change")[0]):
        followed = dprk(*command)
        assert followed.code == 0, followed.err
    assert "from today" not in followed.err
    doc = json.loads(dprk("show", "step", "--as-of", "2018-02-01", "--format", "json").out)
    assert doc["actor"] == "B"
    assert [(h["date"], h["detail"], h["note"]) for h in shown(dprk, "step")["history"]] == [
        ("2018-02-01", "created as proposed", ""),
        ("2018-02-01", "actor: 'A' -> 'B'", "typed A"),
    ]
    clean(dprk)


def test_an_undated_edit_of_several_advises_one_undo_then_each_dated_with_its_note(dprk, tmp_path):
    """'edit one two --actor B --note ...' advised, for each, the dated edit alone,
    without 'dprk undo' nor the note: followed, the undated edits stayed, each a
    hand-over of today 'B' -> 'B' in the log that never happened. The advice is one
    'dprk undo', then each edit again, dated on its measure's first day, with the note."""
    ledger = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--party", "A", "--party", "B").code == 0
    assert (
        dprk("add-measure", "One", "--actor", "A", "--id", "one", "--date", "2018-01-01").code == 0
    )
    assert (
        dprk("add-measure", "Two", "--actor", "A", "--id", "two", "--date", "2018-02-01").code == 0
    )
    result = dprk("edit", "one", "two", "--actor", "B", "--note", "typed A by mistake")
    assert (result.code, result.out) == (0, "")
    assert result.err.splitlines() == [
        f"one: edited on {today()} (actor: 'A' -> 'B') (from today)",
        f"two: edited on {today()} (actor: 'A' -> 'B') (from today)",
        "to correct them from the start: 'dprk undo', then 'dprk edit one --actor B --note "
        '"typed A by mistake" --date 2018-01-01\' and \'dprk edit two --actor B --note "typed A '
        "by mistake\" --date 2018-02-01'; to date the change: 'dprk undo', then 'dprk edit "
        "one --actor B --note \"typed A by mistake\" --date DAY' and 'dprk edit two --actor B "
        '--note "typed A by mistake" --date DAY\'',
    ]
    assert ledger.read_text().count('actor = "B"') == 2
    commands = _commands_advised(result.err.split("; to date the change")[0])
    assert commands[0] == ["undo"] and len(commands) == 3
    for command in commands:
        followed = dprk(*command)
        assert followed.code == 0, followed.err
        assert "from today" not in followed.err
    log = dprk("log", "one", "two", "--format", "json")
    entries = [(e["date"], e["id"], e["detail"], e["note"]) for e in json.loads(log.out)]
    assert entries == [
        ("2018-01-01", "one", "created as proposed", ""),
        ("2018-01-01", "one", "actor: 'A' -> 'B'", "typed A by mistake"),
        ("2018-02-01", "two", "created as proposed", ""),
        ("2018-02-01", "two", "actor: 'A' -> 'B'", "typed A by mistake"),
    ]
    assert ledger.read_text().count('actor = "B"') == 2
    clean(dprk)


def test_an_edit_that_changes_nothing_says_its_note_was_not_recorded(dprk, empty):
    """'edit w --deadline SAME --note ...' said 'already so; nothing changed' and dropped
    the note without a word: the note rides on the entry an edit writes, and none was."""
    ledger = empty
    assert (
        dprk("add-measure", "X", "--actor", "US", "--id", "w", "--deadline", "2027-01-01").code == 0
    )
    before = ledger.read_bytes()
    result = dprk("edit", "w", "--deadline", "2027-01-01", "--note", "confirmed at Taif")
    assert (result.code, result.out, result.err) == (
        0,
        "",
        "w: already so; nothing changed (the note was not recorded: 'dprk note w \"confirmed "
        "at Taif\"' adds it)\n",
    )
    assert ledger.read_bytes() == before
    assert dprk("edit", "w", "--deadline", "2027-01-01").err == "w: already so; nothing changed\n"
    assert dprk("note", "w", "confirmed at Taif").code == 0
    assert json.loads(dprk("show", "w", "--format", "json").out)["history"][-1]["note"] == (
        "confirmed at Taif"
    )


@pytest.mark.parametrize("how", ["drop-entry", "redate"])
def test_a_step_in_full_beside_one_in_part_is_dropped_or_redated_as_implemented_full(
    dprk, empty, how
):
    """n implemented, then implemented (intermediate) the same day: `log` says the first
    'implemented (full)', as a step of a measure that went part of the way. Dropping it
    (or redating it) said 'implemented on 2025-01-07', in the line and the correction
    entry, which reads as the measure now standing implemented in full; both say
    'implemented (full)'."""
    for args in (
        ("add-measure", "LAF deploys in Naqoura", "--actor", "US", "--id", "n", "--status",
         "agreed", "--date", "2024-11-27"),
        ("mark", "n", "implemented", "--date", "2025-01-07"),
        ("mark", "n", "implemented", "--extent", "intermediate", "--date", "2025-01-07",
         "--note", "only part of Naqoura"),
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    assert _logged(dprk, "n")[1][3] == "implemented (full)"
    before = empty.read_bytes()
    made = today().isoformat()
    if how == "drop-entry":
        result = dprk("drop-entry", "n", "2", "--note", "was only partial")
        said = "n: dropped entry 2 (implemented (full) on 2025-01-07); n is implemented (intermediate)\n"
        correction = "implemented (full) on 2025-01-07 dropped: was only partial"
    else:
        result = dprk("redate", "n", "2", "2025-01-05")
        said = (
            "n: entry 2 (implemented (full) on 2025-01-07) now dated 2025-01-05; n is now "
            "implemented (intermediate) (since 2025-01-05; intermediate since 2025-01-07; it "
            "was implemented (intermediate) since 2025-01-07)\n"
        )
        correction = "implemented (full) on 2025-01-07 redated to 2025-01-05"
    assert (result.code, result.out, result.err) == (0, "", said)
    assert empty.read_bytes() != before
    assert _logged(dprk, "n")[-1] == (len(_logged(dprk, "n")), made, "correction", correction)
    assert shown(dprk, "n")["extent"] == "intermediate"


def test_a_name_taken_and_given_back_is_refused_naming_the_name_of_that_day_once(dprk, tmp_path):
    """Lebanon renamed 'Lebanese state', then back: '--actor "Lebanese state" --date
    2025-05-01', a day before it took that name, was refused with "give Lebanon, or
    Lebanon, its name now", one name twice. The name of that day, its name now, is
    given once; run as it says, the measure is added."""
    path = tmp_path / "dprk-ledger.toml"
    for args in (
        ("init", "--party", "Lebanon", "--party", "Israel"),
        ("add-measure", "LAF deploys", "--actor", "Lebanon", "--id", "laf", "--date",
         "2024-11-27"),
        ("rename-party", "Lebanon", "Lebanese state", "--date", "2025-06-01"),
        ("rename-party", "Lebanese state", "Lebanon", "--date", "2025-07-01"),
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    err = refused(dprk, path, "add-measure", "test", "--actor", "Lebanese state", "--date",
                  "2025-05-01")  # fmt: skip
    assert err == (
        "dprk: error: --actor: party 'Lebanese state' took that name on 2025-06-01; on "
        "2025-05-01 it was Lebanon: give Lebanon, its name then and now\n"
    )
    added = dprk("add-measure", "test", "--actor", "Lebanon", "--id", "t", "--date", "2025-05-01")
    assert (added.code, added.out) == (0, "t\n")


def _steps_logged(dprk, ident: str) -> list[tuple[str, str]]:
    """The day and status of each step (`mark`'s entries) of `ident` in `dprk log`."""
    rows = json.loads(dprk("log", ident, "--format", "json").out)
    return [(r["date"], r["status"]) for r in rows if r["event"] == "status"]


@pytest.mark.parametrize("other_day", ["1981-01-21", "1981-01-18"], ids=["later", "earlier"])
def test_a_mark_of_a_step_on_record_on_another_day_says_how_to_correct_the_date(
    dprk, empty, other_day
):
    """release implemented on 1981-01-21, a typo for 1981-01-20: 'mark release
    implemented --date 1981-01-20' said "implemented on 1981-01-20" and the ledger held
    two releases, with no word. The mark is recorded, and warns of the step on record
    on the other day, naming the drop-entry that takes it back and the redate that moves
    it after an undo; run either way, one step is left, on the day given."""
    for args in (
        ("add-measure", "Release hostages", "--actor", "DPRK", "--id", "r", "--status",
         "agreed", "--date", "1981-01-17"),
        ("mark", "r", "implemented", "--date", other_day),
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    before = empty.read_bytes()
    result = dprk("mark", "r", "implemented", "--date", "1981-01-20")
    assert result.code == 0 and result.out == ""
    lines = result.err.splitlines()
    other = 3 if other_day > "1981-01-20" else 2
    assert lines[1:] == [
        f"dprk: warning: r was already implemented on {other_day} (entry {other}): if that "
        f"was wrong, 'dprk drop-entry r {other}' takes it back (or 'dprk undo', then "
        f"'dprk redate r 2 1981-01-20' moves it)"
    ], result.err
    assert empty.read_bytes() != before
    assert sorted(_steps_logged(dprk, "r")) == sorted(
        [(other_day, "implemented"), ("1981-01-20", "implemented")]
    )
    after = empty.read_bytes()
    # run as it says: the drop-entry ...
    dropped = dprk("drop-entry", "r", str(other))
    assert dropped.code == 0, dropped.err
    assert _steps_logged(dprk, "r") == [("1981-01-20", "implemented")]
    clean(dprk)
    # ... or the undo, then the redate
    assert dprk("undo").code == 0 and empty.read_bytes() == after
    assert dprk("undo").code == 0 and empty.read_bytes() == before
    redated = dprk("redate", "r", "2", "1981-01-20")
    assert redated.code == 0, redated.err
    assert _steps_logged(dprk, "r") == [("1981-01-20", "implemented")]
    clean(dprk)


@pytest.mark.parametrize(
    "between",
    [
        ("mark", "r", "reversed", "--date", "1981-01-21"),
        ("mark", "r", "implemented", "--extent", "intermediate", "--date", "1981-01-21"),
        ("verify", "r", "--by", "ROK", "--result", "refuted", "--date", "1981-01-21"),
    ],
    ids=["reversed", "another-extent", "disputed"],
)
def test_a_mark_of_the_same_step_after_another_between_is_a_step_of_its_own(dprk, empty, between):
    """Implemented again after a reversal (or another extent, or a dispute) is an act of
    its own: no word of a date to correct."""
    for args in (
        ("add-measure", "Release hostages", "--actor", "DPRK", "--id", "r", "--status",
         "agreed", "--date", "1981-01-17"),
        ("mark", "r", "implemented", "--date", "1981-01-20"),
        between,
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    result = dprk("mark", "r", "implemented", "--date", "1981-01-25")
    assert result.code == 0, result.err
    assert "already" not in result.err and "warning" not in result.err, result.err


def _implemented_then_found(dprk) -> None:
    """reloc-3 implemented on 2005-11-30 (entry 2), confirmed by Monitors on 2005-12-30."""
    for args in (
        ("add-measure", "Relocation stage 3", "--actor", "DPRK", "--id", "reloc-3",
         "--status", "agreed", "--date", "2005-08-15"),
        ("mark", "reloc-3", "implemented", "--date", "2005-11-30"),
        ("verify", "reloc-3", "--by", "Monitors", "--date", "2005-12-30"),
    ):  # fmt: skip
        assert dprk(*args).code == 0, args


def test_a_mark_again_on_another_day_under_a_finding_advises_what_works(dprk, empty):
    """reloc-3 implemented on 2005-11-30, confirmed on 2005-12-30, marked implemented
    again on 2005-12-29 (the day it was done): the warning advised dropping the finding,
    a valid one, or redating entry 2 to a day of its own, and the drop-entry it named
    was refused, as was the redate to 2005-12-29. It now names the drop-entry (the
    finding then finds the step of 2005-12-29) and the undo, then the redate; run
    either way, one step is left, on 2005-12-29, and the finding stands."""
    _implemented_then_found(dprk)
    before = empty.read_bytes()
    result = dprk("mark", "reloc-3", "implemented", "--date", "2005-12-29")
    assert result.code == 0 and result.out == "", result.err
    assert result.err.splitlines()[1:] == [
        "dprk: warning: reloc-3 was already implemented on 2005-11-30 (entry 2): if that "
        "was wrong, 'dprk drop-entry reloc-3 2' takes it back (or 'dprk undo', then "
        "'dprk redate reloc-3 2 2005-12-29' moves it)"
    ], result.err
    after = empty.read_bytes()
    # run as it says: the drop-entry ...
    dropped = dprk("drop-entry", "reloc-3", "2")
    assert (dropped.code, dropped.out) == (0, ""), dropped.err
    assert dropped.err == (
        "reloc-3: dropped entry 2 (implemented on 2005-11-30; the finding confirmed by "
        "Monitors on 2005-12-30 now finds the action implemented on 2005-12-29); reloc-3 "
        "is verified from 2005-12-30 on; in its past now agreed from 2005-11-30 to "
        "2005-12-29, implemented from 2005-12-29 to 2005-12-30 (it was implemented from "
        "2005-11-30 to 2005-12-30)\n"
    )
    assert _steps_logged(dprk, "reloc-3") == [("2005-12-29", "implemented")]
    assert measure_found(dprk) == ("verified", [["Monitors", "confirmed", "2005-12-30"]])
    clean(dprk)
    # ... or the undo, then the redate
    assert dprk("undo").code == 0 and empty.read_bytes() == after
    assert dprk("undo").code == 0 and empty.read_bytes() == before
    redated = dprk("redate", "reloc-3", "2", "2005-12-29")
    assert redated.code == 0, redated.err
    assert _steps_logged(dprk, "reloc-3") == [("2005-12-29", "implemented")]
    assert measure_found(dprk) == ("verified", [["Monitors", "confirmed", "2005-12-30"]])
    clean(dprk)


def measure_found(dprk) -> tuple[str, list[list[str]]]:
    """reloc-3's status and its findings (by, result, date), as `show` gives them."""
    m = shown(dprk, "reloc-3")
    return m["status"], [[v["by"], v["result"], v["date"]] for v in m["verifications"]]


def test_drop_entry_of_a_found_action_reported_again_before_the_finding_is_taken(dprk, empty):
    """The finding of 2005-12-30 found the step of 2005-11-30, reported again on
    2005-12-29: dropping the first was refused as the action the finding found, though
    the second is one it finds as well. Taken: the line says the finding now finds the
    step of 2005-12-29; undo puts the ledger back byte for byte."""
    _implemented_then_found(dprk)
    assert dprk("mark", "reloc-3", "implemented", "--date", "2005-12-29").code == 0
    before = empty.read_bytes()
    dropped = dprk("drop-entry", "reloc-3", "2")
    assert (dropped.code, dropped.out) == (0, ""), dropped.err
    assert dropped.err == (
        "reloc-3: dropped entry 2 (implemented on 2005-11-30; the finding confirmed by "
        "Monitors on 2005-12-30 now finds the action implemented on 2005-12-29); reloc-3 "
        "is verified from 2005-12-30 on; in its past now agreed from 2005-11-30 to "
        "2005-12-29, implemented from 2005-12-29 to 2005-12-30 (it was implemented from "
        "2005-11-30 to 2005-12-30)\n"
    )
    assert _steps_logged(dprk, "reloc-3") == [("2005-12-29", "implemented")]
    assert measure_found(dprk) == ("verified", [["Monitors", "confirmed", "2005-12-30"]])
    history = ledger_data(empty)["measures"][0]["history"]
    assert [h["date"] for h in history if h["event"] == "status"] == [date(2005, 12, 29)]
    clean(dprk)
    undone(dprk, empty, before)


def test_drop_entry_replays_the_measure_and_what_it_leaves_once_for_its_findings(
    dprk, empty, monkeypatch
):
    """Which findings refuse the drop, and which find the act reported again instead,
    are told from one replay of the measure and one of what the drop leaves: they were
    replayed five times and three times for the one line."""
    from dprk_cli import lifecycle, operations

    _implemented_then_found(dprk)
    assert dprk("mark", "reloc-3", "implemented", "--date", "2005-12-29").code == 0
    count = len(ledger_data(empty)["measures"][0]["history"])
    replayed: Counter[tuple[str, int]] = Counter()

    def replay(m, *args, **kwargs):  # type: ignore[no-untyped-def]
        replayed[m.id, len(m.history)] += 1
        return lifecycle.replay(m, *args, **kwargs)

    monkeypatch.setattr(operations, "replay", replay)
    dropped = dprk("drop-entry", "reloc-3", "2")
    assert (dropped.code, dropped.out) == (0, ""), dropped.err
    assert "now finds the action implemented on 2005-12-29" in dropped.err
    assert replayed == {("reloc-3", count): 1, ("reloc-3", count - 1): 1}


def test_drop_entry_of_a_found_action_with_no_later_report_of_it_is_still_refused(dprk, empty):
    """The finding of 2005-12-30 found the step of 2005-11-30; implemented again only
    after the finding (2005-12-31), nothing stands between the two for it to find once
    that step is dropped: refused, naming the finding, the ledger unchanged."""
    _implemented_then_found(dprk)
    assert dprk("mark", "reloc-3", "implemented", "--date", "2005-12-31").code == 0
    err = refused(dprk, empty, "drop-entry", "reloc-3", "2")
    assert err.startswith(
        "dprk: error: entry 2 of 'reloc-3' (implemented on 2005-11-30) is the action that "
        "entry 3 (confirmed by Monitors on 2005-12-30) found; drop the finding first"
    ), err
