"""sequence, next, plan, and what status adds about order, through the real entry point."""

from __future__ import annotations

import csv
import io
import json
import re
import shlex
import shutil
import tomllib
from datetime import date, timedelta

import pytest

from dprk_cli.clock import today
from tests.cli.test_pictures import commands_as_text
from tests.stories import UUP_DEMAND, northern_ireland, told


def measure(dprk, ident: str) -> dict:
    return json.loads(dprk("show", ident, "--format", "json").out)


# --- sequence --------------------------------------------------------------------------


def test_sequence_after_with_defaults(dprk, korea):
    result = dprk("sequence", "second-summit", "--after", "pompeo-pyongyang-visit")
    assert result.code == 0, result.err
    assert result.out == ""
    # (both made in 2018: ordered from today, which the line says, with how to date it)
    assert result.err == (
        "second-summit: after pompeo-pyongyang-visit (from today; to correct it from the "
        "start: 'dprk undo', then 'dprk sequence second-summit --after pompeo-pyongyang-visit "
        "--date 2018-09-10')\n"
    )
    m = measure(dprk, "second-summit")
    assert m["after"] == ["pompeo-pyongyang-visit"]
    assert m["constraints"] == [
        {
            "after": "pompeo-pyongyang-visit",
            "require": "acted",
            "demanded_by": None,
            "verified_by": None,
        }
    ]
    assert m["history"][-1]["event"] == "sequence"
    assert m["history"][-1]["detail"] == "after pompeo-pyongyang-visit"
    assert 'after = "pompeo-pyongyang-visit"' in korea.read_text()


def test_sequence_after_verified_demanded_by_a_party(dprk, korea):
    result = dprk(
        "sequence",
        "second-summit",
        "--after",
        "punggye-ri-closure",
        "--require",
        "verified",
        "--demanded-by",
        "US",
        "--date",
        "2018-09-20",
        "--note",
        "inspectors first",
    )
    assert result.code == 0, result.err
    m = measure(dprk, "second-summit")
    assert m["constraints"] == [
        {
            "after": "punggye-ri-closure",
            "require": "verified",
            "demanded_by": "US",
            "verified_by": None,
        }
    ]
    last = m["history"][-1]
    assert (last["date"], last["note"]) == ("2018-09-20", "inspectors first")
    assert last["detail"] == "after punggye-ri-closure (verified), demanded by US"
    assert (
        "after punggye-ri-closure (verified), demanded by US" in dprk("show", "second-summit").out
    )


def test_sequence_with_is_kept_on_both_and_breaks_the_deadlock(dprk, korea):
    result = dprk(
        "sequence",
        "inventory-submission",
        "--with",
        "end-of-war-declaration",
        "--date",
        "2018-10-07",
    )
    assert result.code == 0, result.err
    assert "recorded on both" in result.err
    inv, eow = measure(dprk, "inventory-submission"), measure(dprk, "end-of-war-declaration")
    assert inv["constraints"] == [{"with": "end-of-war-declaration"}]
    assert eow["constraints"] == [{"with": "inventory-submission"}]
    assert inv["after"] == [] and eow["after"] == []
    assert "was: after end-of-war-declaration, demanded by DPRK" in inv["history"][-1]["detail"]
    plan = json.loads(dprk("plan", "--format", "json").out)
    assert plan["deadlocks"] == []
    assert {"inventory-submission", "end-of-war-declaration"} <= set(plan["phases"][0]["measures"])
    assert dprk("check").code == 0


def _three_in_a_circle(dprk) -> None:
    for ident, actor in (("x", "US"), ("y", "DPRK"), ("z", "ROK")):
        assert dprk("add-measure", ident.upper(), "--actor", actor, "--id", ident, "--date",
                    "2020-01-01").code == 0  # fmt: skip
    for ident, after in (("x", "y"), ("y", "z"), ("z", "x")):
        assert dprk("sequence", ident, "--after", after, "--date", "2020-01-02").code == 0


def _advice(dprk) -> list[str]:
    deadlocks = json.loads(dprk("plan", "--format", "json").out)["deadlocks"]
    return [s for d in deadlocks for s in d["suggestions"]]


def test_the_way_out_of_a_deadlock_is_advised_only_when_it_breaks_it(dprk, empty):
    """Three measures wait in a circle. Carrying x and y out together leaves z waiting
    for x, so it is no way out and is not advised; with every pair exchanged, the three
    commands advised break the deadlock."""
    _three_in_a_circle(dprk)
    assert dprk("link", "x", "y", "--date", "2020-01-02").code == 0
    assert _advice(dprk) == []
    assert "They are exchanged" not in dprk("plan").out
    for one, other in (("y", "z"), ("z", "x")):
        assert dprk("link", one, other, "--date", "2020-01-02").code == 0
    advised = _advice(dprk)
    assert sorted(advised) == [
        "dprk sequence x --with y",
        "dprk sequence y --with z",
        "dprk sequence z --with x",
    ]
    for command in advised:
        assert dprk(*command.split()[1:], "--date", "2020-01-03").code == 0
    assert json.loads(dprk("plan", "--format", "json").out)["deadlocks"] == []
    assert json.loads(dprk("check", "--format", "json").out)["warnings"] == 0


def test_sequence_after_replaces_a_with_link_on_both_sides(dprk, korea):
    dprk("sequence", "inventory-submission", "--with", "end-of-war-declaration")
    dprk("sequence", "inventory-submission", "--after", "second-summit")
    result = dprk("sequence", "end-of-war-declaration", "--after", "inventory-submission")
    assert result.code == 0
    assert measure(dprk, "inventory-submission")["constraints"] == [
        {"after": "second-summit", "require": "acted", "demanded_by": None, "verified_by": None}
    ]
    assert measure(dprk, "end-of-war-declaration")["constraints"] == [
        {
            "after": "inventory-submission",
            "require": "acted",
            "demanded_by": None,
            "verified_by": None,
        }
    ]
    assert dprk("check", "--strict").code == 0


def test_sequence_remove_drops_a_constraint_and_both_halves_of_a_with(dprk, korea):
    result = dprk("sequence", "inventory-submission", "--remove", "end-of-war-declaration")
    assert result.code == 0, result.err
    assert measure(dprk, "inventory-submission")["constraints"] == []
    assert measure(dprk, "end-of-war-declaration")["after"] == ["inventory-submission"]
    dprk("sequence", "second-summit", "--with", "pompeo-pyongyang-visit")
    assert dprk("sequence", "pompeo-pyongyang-visit", "--remove", "second-summit").code == 0
    assert measure(dprk, "second-summit")["constraints"] == []
    assert measure(dprk, "pompeo-pyongyang-visit")["constraints"] == []


def test_sequence_remove_works_for_a_link_to_a_measure_that_is_gone(dprk, korea):
    text = korea.read_text().replace(
        '{ after = "end-of-war-declaration", demanded_by = "DPRK" }', '{ after = "old-typo" }'
    )
    korea.write_text(text)
    assert dprk("check").code == 1
    result = dprk("sequence", "inventory-submission", "--remove", "old-typo")
    assert result.code == 0, result.err
    assert dprk("check").code == 0


def test_repeating_a_sequence_changes_nothing(dprk, korea):
    dprk("sequence", "second-summit", "--after", "pompeo-pyongyang-visit")
    before = korea.read_bytes()
    result = dprk("sequence", "second-summit", "--after", "pompeo-pyongyang-visit")
    assert result.code == 0
    assert "already after pompeo-pyongyang-visit; nothing changed" in result.err
    assert korea.read_bytes() == before


def test_an_order_set_before_the_measure_it_names_was_made_says_when_it_holds(dprk, empty):
    """An order dated before the other measure was made holds only from then (`--as-of`
    views and check leave it out before): the line said nothing of it."""
    for args in (
        ("add-measure", "X", "--actor", "DPRK", "--id", "x", "--date", "2008-01-01"),
        ("add-measure", "Y", "--actor", "US", "--id", "y", "--date", "2008-07-12"),
        ("add-measure", "Z", "--actor", "US", "--id", "z"),
    ):
        assert dprk(*args).code == 0
    done = dprk("sequence", "x", "--after", "y", "--date", "2008-01-01")
    assert (done.code, done.err) == (0, "x: after y (in force from 2008-07-12, when y was made)\n")
    done = dprk("sequence", "x", "--after", "z", "--date", "2008-02-01")
    assert done.err == f"x: after z (in force from {today()}, the first day z has on record)\n"
    orders = json.loads(dprk("show", "x", "--format", "json").out)["constraints"]
    assert [c["after"] for c in orders] == ["y", "z"]
    assert "x" in dprk("next", "--as-of", "2008-06-30", "--format", "ids").out.split()
    # the order found in a second source, dated before y was made too
    again = dprk("sequence", "x", "--after", "y", "--date", "2008-03-01")
    assert (again.code, again.err) == (
        0,
        "x: recorded after y on 2008-03-01, as it stands (since 2008-01-01; in force from "
        "2008-07-12, when y was made)\n",
    )
    later = dprk("sequence", "x", "--after", "y", "--date", "2008-08-01")
    assert later.err == (
        "x: recorded after y on 2008-08-01, as it stands (since 2008-01-01; in force from "
        "2008-07-12, when y was made)\n"
    )


def test_an_order_set_on_a_measure_that_acted_before_it_says_what_it_holds_of_it(dprk, empty):
    """Six-Party Talks, 2008: the US demanded no more fuel oil until the DPRK accepted a
    verification protocol, on a delivery already made in part. The order holds the rest of
    the delivery, and its line says so; of one done in full it holds nothing (an action
    from before the order is not judged), and its line says that; one acted on the
    order's own day is held, and said as before."""
    for ident, actor in (("hfo", "US"), ("proto", "DPRK"), ("disable", "DPRK"), ("ship", "US")):
        assert dprk("add-measure", ident.title(), "--actor", actor, "--id", ident, "--status",
                    "agreed", "--date", "2008-01-01").code == 0  # fmt: skip
    assert dprk("mark", "hfo", "implemented", "--extent", "mid", "--date", "2008-06-30").code == 0
    assert dprk("mark", "disable", "implemented", "--date", "2008-06-30").code == 0
    assert dprk("mark", "ship", "implemented", "--date", "2008-12-11").code == 0
    result = dprk(
        "sequence", "hfo", "disable", "ship", "--after", "proto", "--demanded-by", "US",
        "--date", "2008-12-11",
    )  # fmt: skip
    held = "an order holds a measure until it acts, so this one holds nothing of"
    assert (result.code, result.out, result.err.splitlines()) == (
        0,
        "",
        [
            "hfo: after proto, demanded by US (hfo acted on 2008-06-30, in part, before this "
            "order: it holds the rest of hfo (done: intermediate))",
            f"disable: after proto, demanded by US (disable acted on 2008-06-30, before this "
            f"order: {held} disable unless that action is undone)",
            "ship: after proto, demanded by US",
            "dprk: warning: ship: acted on 2008-12-11 although 'proto', which it was to follow, "
            "demanded by US, has not acted; no fix needed if that is what happened; if the "
            "order was entered by mistake: 'dprk drop-entry ship 2'",
        ],
    )
    order = b'constraints = [\n    { after = "proto", demanded_by = "US" },\n]\n'
    assert empty.read_bytes().count(order) == 3
    # (the rest of hfo waits for proto: what it did before the order stands)
    assert dprk("next", "--format", "ids").out.split() == ["proto"]
    check = dprk("check")
    assert check.code == 0
    warned = [line.split(":")[1].strip() for line in check.out.splitlines()[:-1]]
    assert warned == ["ship"]
    # undone and done again, it is held: the action is judged
    assert dprk("mark", "hfo", "reversed", "--date", "2008-12-20").code == 0
    assert dprk("mark", "hfo", "implemented", "--date", "2008-12-21").code == 0
    assert "hfo: acted on 2008-12-21 although 'proto'" in dprk("check").out


def test_sequence_reads_ids_from_standard_input(dprk, korea):
    ids = dprk("status", "--party", "ROK", "--pending", "--format", "ids").out
    result = dprk("sequence", "-", "--after", "second-summit", stdin=ids)
    assert result.code == 0, result.err
    assert measure(dprk, "pyongyang-inter-korean-summit")["after"] == ["second-summit"]


def test_sequence_that_closes_a_cycle_warns(dprk, korea):
    dprk("sequence", "second-summit", "--after", "pompeo-pyongyang-visit")
    result = dprk(
        "sequence", "pompeo-pyongyang-visit", "--after", "second-summit", "--demanded-by", "DPRK"
    )
    assert result.code == 0
    assert "dprk: warning: deadlock: " in result.err
    assert "pompeo-pyongyang-visit waits for second-summit (demanded by DPRK)" in result.err


def test_add_measure_after_is_sequence_after_with_defaults(dprk, korea):
    dprk(
        "add-measure",
        "Sanctions relief",
        "--actor",
        "US",
        "--id",
        "relief",
        "--after",
        "second-summit",
    )
    dprk("add-measure", "Other relief", "--actor", "US", "--id", "relief-2")
    dprk("sequence", "relief-2", "--after", "second-summit")
    assert measure(dprk, "relief")["constraints"] == measure(dprk, "relief-2")["constraints"]


BAD_SEQUENCE = [
    (["sequence", "nope", "--after", "second-summit"], 1, "no measure with id 'nope'"),
    (["sequence", "second-summit", "--after", "nope"], 1, "no measure with id 'nope'"),
    (
        ["sequence", "end-of-war-declaration", "--with", "second-sumit"],
        1,
        "did you mean second-summit",
    ),
    (["sequence", "second-summit", "--after", "second-summit"], 1, "cannot be sequenced after"),
    (["sequence", "second-summit", "--with", "second-summit"], 1, "together with itself"),
    (
        ["sequence", "second-summit", "--after", "inventory-submission", "--demanded-by", "Japan"],
        1,
        "--demanded-by: 'Japan' is not a declared party (declared: DPRK, ROK, US)",
    ),
    (["sequence", "second-summit"], 2, "give exactly one of --after, --with and --remove"),
    (
        [
            "sequence",
            "second-summit",
            "--after",
            "inventory-submission",
            "--with",
            "end-of-war-declaration",
        ],
        2,
        "give exactly one of",
    ),
    (
        ["sequence", "second-summit", "--with", "inventory-submission", "--require", "verified"],
        2,
        "--require and --demanded-by go with --after",
    ),
    (
        ["sequence", "second-summit", "--remove", "inventory-submission", "--demanded-by", "US"],
        2,
        "go with --after",
    ),
    (
        ["sequence", "second-summit", "--after", "inventory-submission", "--require", "seen"],
        2,
        "'seen' is not one of 'acted', 'verified'",
    ),
    (
        ["sequence", "second-summit", "--after", "inventory-submission", "--date", "2018-13-01"],
        2,
        "'2018-13-01' is no day of the calendar: there is no month 13",
    ),
    (
        ["sequence", "second-summit", "--remove", "inventory-submission"],
        1,
        "has no sequencing constraint with 'inventory-submission'",
    ),
    (  # (found before the order it ends: what to do, in the order the rules take)
        ["sequence", "second-summit", "--remove", "pompeo-pyongyang-visit", "--date", "2018-09-01"],
        1,
        "measure 'second-summit' has no sequencing constraint with 'pompeo-pyongyang-visit' "
        "(to record the end of one not entered yet, enter it first, dated before 2018-09-01, "
        "then its removal)",
    ),
    (["next", "--party", "Japan"], 1, "'Japan' is not a declared party"),
    (["next", "--as-of", "yesterday"], 2, "--as-of: 'yesterday' is not a date"),
    (
        ["plan", "--as-of", "2018-02-30"],
        2,
        "--as-of: '2018-02-30' is no day of the calendar: February 2018 has 28 days",
    ),
    (["plan", "--format", "yaml"], 2, "'yaml' is not one of"),
    (["status", "--as-of", "18-09-2018"], 2, "--as-of: '18-09-2018' is not a date"),
]


def test_removing_an_order_removed_already_says_when_it_was(dprk, empty):
    """The order was removed on 27 January; a second source's removal, dated the 28th,
    was refused with advice to enter the order first, dated before the 28th: followed,
    the order (dated before the removal of the 27th) was only recorded, and the removal
    refused again with the same advice. It says the order was removed on the 27th."""
    for args in (
        ["add-measure", "Return north", "--actor", "US", "--id", "ret", "--date", "2025-01-15"],
        ["add-measure", "Release", "--actor", "DPRK", "--id", "rel", "--date", "2025-01-15"],
        ["sequence", "ret", "--after", "rel", "--demanded-by", "US", "--date", "2025-01-25"],
        ["sequence", "ret", "--remove", "rel", "--date", "2025-01-27"],
    ):
        assert dprk(*args).code == 0, args
    before = empty.read_bytes()
    for day in ("2025-01-28", "2025-01-27"):
        result = dprk("sequence", "ret", "--remove", "rel", "--date", day)
        assert (result.code, result.out) == (1, "")
        assert result.err == (
            f"dprk: error: measure 'ret' had no sequencing constraint with 'rel' on {day} "
            "(it was removed on 2025-01-27)\n"
        )
        assert empty.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "code", "words"),
    BAD_SEQUENCE,
    ids=lambda v: " ".join(v) if isinstance(v, list) else None,
)
def test_bad_sequencing_input_changes_nothing(dprk, korea, args, code, words):
    before = korea.read_bytes()
    result = dprk(*args)
    assert result.code == code, result.err
    assert result.out == ""
    assert result.err.startswith("dprk: error: ")
    assert result.err.count("\n") == 1, result.err
    assert words in result.err
    assert korea.read_bytes() == before


def test_a_failing_sequence_of_several_ids_writes_nothing(dprk, korea):
    before = korea.read_bytes()
    result = dprk(
        "sequence", "-", "--after", "second-summit", stdin="pompeo-pyongyang-visit\nsecond-summit\n"
    )
    assert result.code == 1 and "itself" in result.err
    assert korea.read_bytes() == before


def _x_after_y(dprk) -> None:
    """x (DPRK's) to follow y (the US's), as the US demands, from 2 January 2020."""
    for args in (
        ("add-measure", "x", "--actor", "DPRK", "--id", "x", "--date", "2020-01-01"),
        ("add-measure", "y", "--actor", "US", "--id", "y", "--date", "2020-01-01"),
        ("sequence", "x", "--after", "y", "--demanded-by", "US", "--date", "2020-01-02"),
    ):
        assert dprk(*args).code == 0, args


X_BEFORE_Y = (
    "x: acted on 2020-02-01 although 'y', which it was to follow, demanded by US, has not "
    "acted; no fix needed if that is what happened; if the order was entered by mistake: "
    "'dprk drop-entry x 2'"
)


def test_a_write_that_makes_a_measure_act_against_an_order_says_so(dprk, empty, monkeypatch):
    """x carried out before y, which it was to follow: the mark said only 'x: implemented
    on 2020-02-01', and only a later `check` warned. The write says it at once, in the
    check's words, and writes what it wrote before; a later write on x (a finding, a
    note, a title) does not say again the warning that stood before it."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")  # (every change in one second)
    _x_after_y(dprk)
    before = empty.read_bytes()
    marked = dprk("mark", "x", "implemented", "--date", "2020-02-01")
    assert (marked.code, marked.out, marked.err) == (
        0,
        "",
        f"x: implemented on 2020-02-01\ndprk: warning: {X_BEFORE_Y}\n",
    )
    written = empty.read_bytes()
    checked = dprk("check")
    assert (checked.code, checked.out, checked.err) == (
        0,
        f"warning: {X_BEFORE_Y} [acted-out-of-order]\n0 errors, 1 warning\n",
        "",
    )
    assert empty.read_bytes() == written
    # (the change as it was written without the warning: its undo, which makes x act in no
    # order, says none; its redo says it again, as the mark did: `test_an_undo_or_a_redo_...`)
    undone = dprk("undo")
    assert undone.code == 0 and "acted on" not in undone.err
    assert empty.read_bytes() == before
    redone = dprk("redo")
    assert redone.code == 0 and redone.err.endswith(f"dprk: warning: {X_BEFORE_Y}\n")
    assert empty.read_bytes() == written
    for args in (
        ("verify", "x", "--by", "IAEA", "--result", "confirmed", "--date", "2020-03-01"),
        ("note", "x", "talks resumed", "--date", "2020-03-02"),
        ("edit", "x", "--title", "X", "--date", "2020-03-02"),
    ):
        result = dprk(*args)
        assert (result.code, result.out) == (0, ""), args
        assert "warning" not in result.err, args
    assert dprk("check").out.count("[acted-out-of-order]") == 1


# (the drop of x's order, named as undo and redo name it: the entry as it was)
DROPPED = (
    "drop-entry x 2 (entry 2: the sequence entry of 2020-01-02; x is now not sequenced with y)"
)


def test_an_undo_or_a_redo_that_makes_a_measure_act_against_an_order_says_so(
    dprk, empty, monkeypatch
):
    """x carried out before y, which it was to follow: the mark said so, but its redo, and
    the undo of the drop of the order, which make x act against it again, said nothing,
    and only a later `check` warned. They say it as the mark did (`warn_of_out_of_order`),
    and write what they wrote before; the undo of the mark and the redo of the drop, which
    leave x acting in no order, say nothing of it."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")  # (every change in one second)
    _x_after_y(dprk)
    before = empty.read_bytes()
    assert dprk("mark", "x", "implemented", "--date", "2020-02-01").code == 0
    marked = empty.read_bytes()
    made = "(made 2026-05-28 20:26:40 UTC)"
    undone = dprk("undo")
    assert (undone.code, undone.out, undone.err) == (
        0,
        "",
        f"undid: mark x implemented --date 2020-02-01 {made}\n",
    )
    assert empty.read_bytes() == before
    redone = dprk("redo")
    assert (redone.code, redone.out, redone.err) == (
        0,
        "",
        f"redid: mark x implemented --date 2020-02-01 {made}\ndprk: warning: {X_BEFORE_Y}\n",
    )
    assert empty.read_bytes() == marked
    dropped = dprk("drop-entry", "x", "2")
    assert (dropped.code, "warning" in dropped.err) == (0, False)
    unordered = empty.read_bytes()
    undone = dprk("undo")
    assert (undone.code, undone.out, undone.err) == (
        0,
        "",
        f"undid: {DROPPED} {made}\ndprk: warning: {X_BEFORE_Y}\n",
    )
    assert empty.read_bytes() == marked
    redone = dprk("redo")
    assert (redone.code, redone.out, redone.err) == (0, "", f"redid: {DROPPED} {made}\n")
    assert empty.read_bytes() == unordered
    assert dprk("check").out == "ok: no problems found\n"


def test_a_write_to_one_measure_that_makes_another_act_against_an_order_says_so(
    dprk, empty, monkeypatch
):
    """b was to follow a, w to follow v verified; each acted after: a's mark reversed
    before b acted, v's finding dropped, y's mark taken back by undo after x, which was
    to follow it, acted: each write said only its own line, and only a later `check`
    warned of b, w and x, which the write did not touch. The write says it at once, in
    the check's words (`checks._waiting_on`), and writes what it wrote before (its undo
    gives the file back, its redo the file it wrote); one that leaves the warning as it
    stood, its words moved (a acted again later), says nothing."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")  # (every change in one second)
    for args in (
        *(("add-measure", i, "--actor", p, "--id", i, "--date", "2020-01-01")
          for i, p in (("a", "US"), ("b", "DPRK"), ("v", "US"), ("w", "DPRK"))),
        ("sequence", "b", "--after", "a", "--demanded-by", "US", "--date", "2020-01-02"),
        ("sequence", "w", "--after", "v", "--require", "verified", "--date", "2020-01-02"),
        ("mark", "a", "implemented", "--date", "2020-01-10"),
        ("mark", "b", "implemented", "--date", "2020-02-01"),
        ("mark", "v", "implemented", "--date", "2020-01-10"),
        ("verify", "v", "--by", "IAEA", "--result", "confirmed", "--date", "2020-01-20"),
        ("mark", "w", "implemented", "--date", "2020-02-01"),
    ):  # fmt: skip
        result = dprk(*args)
        assert (result.code, "warning" in result.err) == (0, False), args
    b_after_a = (
        "b: acted on 2020-02-01, after 'a', which it was to follow, demanded by US, was "
        "reversed on 2020-01-15 (it has not acted again); no fix needed if that is what "
        "happened; if the order was entered by mistake: 'dprk drop-entry b 2'"
    )
    w_unverified = (
        "w: acted on 2020-02-01 although 'v', which it was to follow, has not stood verified; "
        "no fix needed if that is what happened; if the order was entered by mistake: 'dprk "
        "drop-entry w 2'"
    )
    before = empty.read_bytes()
    reversed_ = dprk("mark", "a", "reversed", "--date", "2020-01-15")
    assert (reversed_.code, reversed_.out, reversed_.err) == (
        0,
        "",
        f"a: reversed on 2020-01-15\ndprk: warning: {b_after_a}\n",
    )
    written = empty.read_bytes()
    assert written != before
    assert dprk("undo").code == 0 and empty.read_bytes() == before
    redone = dprk("redo")
    assert (redone.code, redone.err.splitlines()[1:]) == (0, [f"dprk: warning: {b_after_a}"])
    assert empty.read_bytes() == written
    dropped = dprk("drop-finding", "v", "3")
    assert (dropped.code, dropped.out, dropped.err) == (
        0,
        "",
        "v: dropped entry 3 (confirmed by IAEA on 2020-01-20); v is now implemented (since "
        "2020-01-10; it was verified since 2020-01-20)\n"
        f"dprk: warning: {w_unverified}\n",
    )
    dropped_bytes = empty.read_bytes()
    assert dprk("undo").code == 0 and empty.read_bytes() == written
    assert dprk("redo").code == 0 and empty.read_bytes() == dropped_bytes
    checked = dprk("check")
    assert checked.out.splitlines() == [
        f"warning: {b_after_a} [acted-out-of-order]",
        f"warning: {w_unverified} [acted-out-of-order]",
        "0 errors, 2 warnings",
    ]
    assert empty.read_bytes() == dropped_bytes
    again = dprk("mark", "a", "implemented", "--date", "2020-03-01")
    assert (again.code, again.err) == (0, "a: implemented on 2020-03-01\n")
    # the undo of the mark of y, after x, which was to follow it, acted
    _x_after_y(dprk)
    assert dprk("mark", "x", "implemented", "--date", "2020-02-01").code == 0
    marked = empty.read_bytes()
    in_order = dprk("mark", "y", "implemented", "--date", "2020-01-10")
    assert (in_order.code, in_order.err) == (0, "y: implemented on 2020-01-10\n")
    undone = dprk("undo")
    assert (undone.code, undone.out, undone.err) == (
        0,
        "",
        "undid: mark y implemented --date 2020-01-10 (made 2026-05-28 20:26:40 UTC)\n"
        f"dprk: warning: {X_BEFORE_Y}\n",
    )
    assert empty.read_bytes() == marked


@pytest.mark.parametrize(
    ("correction", "judged"),
    [
        (("drop-finding", "cap", "3"), " although 'cap', which it was to follow until "
         "2016-06-01, demanded by US, has not stood verified"),
        (("redate", "cap", "3", "2016-01-25"), ", before 'cap' was verified on 2016-01-25 (it "
         "was to follow it until 2016-06-01, demanded by US)"),
    ],
    ids=["drop-finding", "redate"],
)  # fmt: skip
def test_a_correction_that_makes_another_act_against_an_order_removed_since_says_so(
    dprk, tmp_path, correction, judged
):
    """relief was to follow cap verified until the order was removed on 2016-06-01; it
    acted on 2016-01-20, once cap stood verified. Dropping cap's finding, or moving it
    past relief's act, has relief act against the order then in force, as `check` says;
    the write said nothing: it looked for the measures waiting on cap by the orders
    standing now only."""
    for args in (
        ("init", "--title", "J", "--party", "Iran", "--party", "US"),
        ("add-measure", "Cap", "--actor", "Iran", "--id", "cap", "--date", "2015-07-14",
         "--status", "agreed"),
        ("add-measure", "Relief", "--actor", "US", "--id", "relief", "--date", "2015-07-14",
         "--status", "agreed"),
        ("sequence", "relief", "--after", "cap", "--require", "verified", "--demanded-by",
         "US", "--date", "2015-07-14"),
        ("sequence", "relief", "--remove", "cap", "--date", "2016-06-01"),
        ("mark", "cap", "implemented", "--date", "2016-01-10"),
        ("verify", "cap", "--by", "IAEA", "--date", "2016-01-16"),
        ("mark", "relief", "implemented", "--date", "2016-01-20"),
    ):  # fmt: skip
        result = dprk(*args)
        assert (result.code, "warning" in result.err) == (0, False), (args, result.err)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    said = f"relief: acted on 2016-01-20{judged}; no fix needed if that is what happened"
    corrected = dprk(*correction)
    assert corrected.code == 0, corrected.err
    assert corrected.err.endswith(f"\ndprk: warning: {said}\n"), corrected.err
    assert corrected.err.count("warning") == 1
    assert ledger.read_bytes() != before
    checked = dprk("check")
    assert checked.out.splitlines() == [
        f"warning: {said} [acted-out-of-order]",
        "0 errors, 1 warning",
    ]


def test_a_redate_of_a_step_that_acted_against_an_order_does_not_say_it_again(dprk, empty):
    """x carried out before y, which it was to follow: the mark says so. A redate of that
    step to another day before y acted moves the warning's day, not the order it is of:
    the confirmation line says the new day, and the warning, which stood before, is not
    said again (`check` gives it, with the new day). Redated to a day after y acted, the
    warning goes; redated back before it, it is new again, and said."""
    _x_after_y(dprk)
    marked = dprk("mark", "x", "implemented", "--date", "2020-02-01")
    assert (marked.code, marked.err.splitlines()[1:]) == (0, [f"dprk: warning: {X_BEFORE_Y}"])
    moved = dprk("redate", "x", "3", "2020-01-20")
    assert (moved.code, moved.out) == (0, ""), moved.err
    assert moved.err.startswith("x: entry 3 (implemented on 2020-02-01) now dated 2020-01-20")
    assert "warning" not in moved.err, moved.err
    assert "date = 2020-01-20\n" in empty.read_text(encoding="utf-8")
    now = X_BEFORE_Y.replace("2020-02-01", "2020-01-20")
    assert dprk("check").out.splitlines() == [
        f"warning: {now} [acted-out-of-order]",
        "0 errors, 1 warning",
    ]
    assert dprk("mark", "y", "implemented", "--date", "2020-03-01").code == 0
    after = dprk("redate", "x", "3", "2020-03-05")
    assert (after.code, "warning" in after.err) == (0, False), after.err
    assert dprk("check").out == "ok: no problems found\n"
    before = dprk("redate", "x", "3", "2020-02-10")
    warned = (
        "x: acted on 2020-02-10, before 'y' acted on 2020-03-01 (it was to follow it, demanded "
        "by US); no fix needed if that is what happened; if the order was entered by mistake: "
        "'dprk drop-entry x 2'"
    )
    assert (before.code, before.err.splitlines()[1:]) == (0, [f"dprk: warning: {warned}"])


def test_a_write_in_order_says_no_order_was_acted_against(dprk, empty):
    """y carried out first, then x, which was to follow it: nothing to warn of, at the
    write or in `check`."""
    _x_after_y(dprk)
    assert dprk("mark", "y", "implemented", "--date", "2020-01-10").code == 0
    marked = dprk("mark", "x", "implemented", "--date", "2020-02-01")
    assert (marked.code, marked.out, marked.err) == (0, "", "x: implemented on 2020-02-01\n")
    assert dprk("check").out == "ok: no problems found\n"


def test_a_write_that_makes_a_partner_act_against_an_order_says_so(dprk, empty):
    """x to be carried out together with z, which was to follow y: x carried out alone,
    before y, acted against z's order and without z, as `check` says, and the write says
    both; z carried out the same day is said of its own order, and x's warnings go, as
    `check` has them, without a word of the mark of z about them."""
    for args in (
        ("add-measure", "x", "--actor", "DPRK", "--id", "x", "--date", "2020-01-01"),
        ("add-measure", "y", "--actor", "US", "--id", "y", "--date", "2020-01-01"),
        ("add-measure", "z", "--actor", "DPRK", "--id", "z", "--date", "2020-01-01"),
        ("sequence", "z", "--after", "y", "--demanded-by", "US", "--date", "2020-01-02"),
        ("sequence", "x", "--with", "z", "--date", "2020-01-02"),
    ):
        assert dprk(*args).code == 0, args
    marked = dprk("mark", "x", "implemented", "--date", "2020-02-01")
    said = [
        "x: acted on 2020-02-01 although 'y', which it was to follow as its partner 'z' was, "
        "demanded by US, has not acted; no fix needed if that is what happened; if the order "
        "was entered by mistake: 'dprk drop-entry z 2'",
        "x: acted on 2020-02-01, while 'z', which it was to be carried out together with, "
        "has not acted; no fix needed if that is what happened; if the order was entered by "
        "mistake: 'dprk drop-entry x 2'",
    ]
    assert (marked.code, marked.out) == (0, "")
    assert marked.err.splitlines() == [
        "x: implemented on 2020-02-01",
        *(f"dprk: warning: {text}" for text in said),
    ]
    written = empty.read_bytes()
    checked = dprk("check")
    assert checked.out.splitlines() == [
        *(f"warning: {text} [acted-out-of-order]" for text in said),
        "0 errors, 2 warnings",
    ]
    assert empty.read_bytes() == written
    other = dprk("mark", "z", "implemented", "--date", "2020-02-01")
    z_before_y = (
        "z: acted on 2020-02-01 although 'y', which it was to follow, demanded by US, has not "
        "acted; no fix needed if that is what happened; if the order was entered by mistake: "
        "'dprk drop-entry z 2'"
    )
    assert (other.code, other.err) == (
        0,
        f"z: implemented on 2020-02-01\ndprk: warning: {z_before_y}\n",
    )
    assert dprk("check").out == (
        f"warning: {z_before_y} [acted-out-of-order]\n0 errors, 1 warning\n"
    )


# --- next ------------------------------------------------------------------------------


def test_next_json_shape(dprk, korea):
    result = dprk("next", "--format", "json")
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert set(doc) == {"as_of", "ready", "blocked", "verify"}
    for item in doc["ready"]:
        assert list(item) == [
            "id", "actor", "title", "in_part", "extent", "together_with", "reversed_on",
            "deadline", "overdue",
        ]  # fmt: skip
    ready = {r["id"]: r for r in doc["ready"]}
    assert (ready["second-summit"]["in_part"], ready["second-summit"]["extent"]) == (
        False,
        "not-initiated",
    )
    # (the rest of a measure carried out in part, as far as it went)
    rest = ready["tongchang-ri-dismantlement"]
    assert (rest["in_part"], rest["extent"]) == (True, "intermediate")
    blocked = {b["id"]: b for b in doc["blocked"]}
    assert set(blocked) == {"inventory-submission", "end-of-war-declaration"}
    inv = blocked["inventory-submission"]
    assert set(inv) >= {"id", "actor", "waiting_for", "demanded_by"}
    assert inv["actor"] == "DPRK"
    assert inv["waiting_for"] == ["end-of-war-declaration"]
    assert inv["demanded_by"] == ["DPRK"]
    assert inv["deadlocked"] is True
    assert inv["waits"] == [
        {
            "measure": "inventory-submission",
            "after": "end-of-war-declaration",
            "require": "acted",
            "demanded_by": "DPRK",
            "verified_by": None,
            "via": None,
        }
    ]
    assert blocked["end-of-war-declaration"]["demanded_by"] == ["US"]


def test_next_for_one_party_and_as_ids(dprk, korea):
    doc = json.loads(dprk("next", "--party", "DPRK", "--format", "json").out)
    assert [r["id"] for r in doc["ready"]] == [
        "complete-denuclearization-pledge",
        "tongchang-ri-dismantlement",  # (the rest of it: carried out in part)
    ]
    assert [b["id"] for b in doc["blocked"]] == ["inventory-submission"]
    ids = dprk("next", "--party", "US", "--format", "ids").lines
    assert ids == ["pompeo-pyongyang-visit", "second-summit", "security-guarantees"]


def test_next_lists_verifications_that_would_unblock(dprk, korea):
    dprk("sequence", "second-summit", "--after", "punggye-ri-closure", "--require", "verified")
    doc = json.loads(dprk("next", "--format", "json").out)
    assert doc["verify"] == [
        {
            "id": "punggye-ri-closure",
            "actor": "DPRK",
            "title": "DPRK shuts down the Punggye-ri nuclear test site",
            "unblocks": ["second-summit"],
            "frees": ["second-summit"],
            "also_waits": [],
            "verify_by": [],
        }
    ]
    dprk("verify", "punggye-ri-closure", "--by", "IAEA", "--date", "2019-01-01")
    doc = json.loads(dprk("next", "--format", "json").out)
    assert doc["verify"] == [] and "second-summit" in [r["id"] for r in doc["ready"]]


def test_next_for_one_party_names_the_verification_its_measure_waits_for(dprk, korea):
    """`next --party US` dropped the verification a US measure waits for when the measure
    to verify is another party's: the table that says one finding would free it was gone,
    from the JSON too. The party's own measures to verify are listed as before."""
    dprk("sequence", "second-summit", "--after", "punggye-ri-closure", "--require", "verified")
    before = korea.read_bytes()
    row = {
        "id": "punggye-ri-closure",
        "actor": "DPRK",
        "title": "DPRK shuts down the Punggye-ri nuclear test site",
        "unblocks": ["second-summit"],
        "frees": ["second-summit"],
        "also_waits": [],
        "verify_by": [],
    }
    for party in ("US", "DPRK"):
        result = dprk("next", "--party", party, "--format", "json")
        assert result.code == 0, result.err
        assert json.loads(result.out)["verify"] == [row]
    table = dprk("next", "--party", "US").out
    assert "Verifications needed to unblock" in table
    assert re.search(r"punggye-ri-closure\s+DPRK\s+second-summit", table)
    assert json.loads(dprk("next", "--party", "ROK", "--format", "json").out)["verify"] == []
    assert korea.read_bytes() == before


def _released_with_clemency(dprk, first: str) -> None:
    """release waits for `first` to be verified and goes together with clemency (the
    2023 detainee exchange): `first` has acted, unverified."""
    assert dprk("init", "--party", "US", "--party", "Iran").code == 0
    actors = {"release": "Iran", "clemency": "US", "funds": "US", "house": "Iran"}
    for ident in ("release", "clemency", first):
        assert dprk("add-measure", ident, "--actor", actors[ident], "--id", ident,
                    "--date", "2023-08-10").code == 0  # fmt: skip
    demand = "Iran" if actors[first] == "US" else "US"
    for args in (
        ["--after", first, "--require", "verified", "--demanded-by", demand],
        ["--with", "clemency"],
    ):
        assert dprk("sequence", "release", *args, "--date", "2023-08-10").code == 0
    assert dprk("mark", first, "implemented", "--date", "2023-09-18").code == 0


def test_next_says_a_finding_frees_the_measure_that_waits_for_it_through_its_partner(
    dprk, tmp_path
):
    """release waits for funds to be verified, and goes together with clemency: the
    blocked table said clemency waits for it too ('[via release]'), and '--assume
    funds=verified' freed both, but the verifications table said verifying funds unblocks
    release alone (it named the parts of a whole that waits, not a partner)."""
    _released_with_clemency(dprk, "funds")
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    table = dprk("next").lines
    assert "clemency  US     funds (verified; demanded by Iran) [via release]" in table
    at = table.index("Verifications needed to unblock")
    assert table[at + 2].split() == ["funds", "US", "clemency;", "release"], table
    doc = json.loads(dprk("next", "--format", "json").out)
    assert [(v["id"], v["unblocks"]) for v in doc["verify"]] == [("funds", ["clemency", "release"])]
    freed = dprk("next", "--assume", "funds=verified", "--format", "ids").lines
    assert freed == doc["verify"][0]["unblocks"]
    plan = json.loads(dprk("plan", "--format", "json").out)
    assert [(p["phase"], p["measures"], p["verify"]) for p in plan["phases"]] == [
        (1, [], ["funds"]),
        (2, ["clemency", "release"], []),
    ]
    assert ledger.read_bytes() == before


def test_next_for_one_party_keeps_the_finding_its_measure_waits_for_through_a_partner(
    dprk, tmp_path
):
    """US clemency goes with Iran's release, which waits for Iran's house arrest to be
    verified: 'next --party US' said clemency waits for it ('[via release]') but left
    the finding out, table and JSON alike, as if the US side needed nothing to move."""
    _released_with_clemency(dprk, "house")
    for party in ("US", "Iran"):
        doc = json.loads(dprk("next", "--party", party, "--format", "json").out)
        assert [(v["id"], v["unblocks"]) for v in doc["verify"]] == [
            ("house", ["clemency", "release"])
        ], party
    table = dprk("next", "--party", "US").lines
    assert "clemency  US     house (verified; demanded by US) [via release]" in table
    at = table.index("Verifications needed to unblock")
    assert table[at + 2].split() == ["house", "Iran", "clemency;", "release"], table


def test_next_as_of_a_past_day_heads_what_could_go_ahead_then(dprk, korea):
    """`next --as-of D` tells what could go ahead on D: its heading says that day, not
    "now" (a briefing pasted from it would claim the past day's answer for today)."""
    before = korea.read_bytes()
    result = dprk("next", "--party", "DPRK", "--as-of", "2018-06-01")
    assert result.code == 0
    assert result.lines[0] == "Can go ahead on 2018-06-01", result.out
    assert "Can go ahead now" not in result.out
    assert dprk("next", "--party", "DPRK").lines[0] == "Can go ahead now"
    none = dprk("next", "--party", "DPRK", "--as-of", "2017-01-01")
    assert none.lines[:2] == ["Can go ahead on 2017-01-01", "(nothing can go ahead on 2017-01-01)"]
    assert korea.read_bytes() == before


def test_next_table_and_flat_formats(dprk, korea):
    table = dprk("next").out
    assert table.startswith("Can go ahead now\n")
    row = next(line for line in table.splitlines() if line.startswith("inventory-submission"))
    assert "end-of-war-declaration" in row and "DPRK" in row and "deadlocked" in row
    rows = list(csv.DictReader(io.StringIO(dprk("next", "--format", "csv").out)))
    states = {r["id"]: r["state"] for r in rows}
    assert states["second-summit"] == "ready" and states["inventory-submission"] == "blocked"
    lines = [json.loads(x) for x in dprk("next", "--format", "jsonl").lines]
    assert {x["state"] for x in lines} == {"ready", "blocked"}
    assert "| id |" in dprk("next", "--format", "markdown").out


def test_next_says_whose_demand_each_wait_is(dprk, tmp_path):
    """Arusha, 1993: z waits for x, an order all agreed, and for y, the GoR's demand. The
    blocked table said "x; y" under "waits for" and "GoR" under "demanded by", as if the
    GoR had demanded both. Each wait is followed by its own demander now, none for an
    order all agreed; the JSON and CSV keep their keys and what they mean."""
    assert dprk("init", "--party", "GoR", "--party", "RPF").code == 0
    for title, actor in (("X", "RPF"), ("Y", "GoR"), ("Z", "GoR")):
        ident = title.lower()
        args = ("add-measure", title, "--actor", actor, "--id", ident, "--date", "1993-08-04")
        assert dprk(*args).code == 0
    assert dprk("sequence", "z", "--after", "x", "--date", "1993-08-04").code == 0
    assert dprk("sequence", "z", "--after", "y", "--demanded-by", "GoR",
                "--date", "1993-08-04").code == 0  # fmt: skip
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    for _ in range(2):  # (the second served from what the first kept)
        shown = dprk("next")
        assert shown.code == 0, shown.err
        assert shown.out.split("Blocked\n")[1] == (
            "id  actor  waits for               note\nz   GoR    x; y (demanded by GoR)\n"
        )
    rows = list(csv.DictReader(io.StringIO(dprk("next", "--format", "csv").out)))
    blocked = [r for r in rows if r["state"] == "blocked"]
    assert [(r["id"], r["waiting_for"], r["demanded_by"]) for r in blocked] == [
        ("z", "x; y", "GoR")
    ]
    [record] = json.loads(dprk("next", "--format", "json").out)["blocked"]
    assert (record["waiting_for"], record["demanded_by"]) == (["x", "y"], ["GoR"])
    assert [(w["after"], w["demanded_by"]) for w in record["waits"]] == [("x", None), ("y", "GoR")]
    assert ledger.read_bytes() == before


def test_next_as_of_a_day_before_the_demands(dprk, korea):
    doc = json.loads(dprk("next", "--as-of", "2018-07-01", "--format", "json").out)
    ids = [r["id"] for r in doc["ready"]]
    assert "inventory-submission" not in ids and "second-summit" not in ids  # not yet proposed
    assert doc["blocked"] == []
    assert "tongchang-ri-dismantlement" in ids  # agreed in June, carried out 23 July


@pytest.mark.parametrize("command", ["status", "next", "plan", "balance"])
def test_a_json_answer_says_the_day_it_is_of(dprk, korea, command):
    """A script reading an answer is told the day it is of: `--as-of`'s, or today for
    the ledger as it stands (as the scorecard's was), whether kept beside the ledger
    or drawn anew; first in the document."""
    before = korea.read_bytes()
    for args, day in (((), today().isoformat()), (("--as-of", "2018-06-12"), "2018-06-12")):
        for _ in range(2):  # (drawn, then kept)
            result = dprk(command, *args, "--format", "json")
            assert result.code == 0, result.err
            assert next(iter(json.loads(result.out).items())) == ("as_of", day)
    assumed = dprk(command, "--assume", "inventory-submission=implemented", "--format", "json")
    assert assumed.code == 0, assumed.err
    assert list(json.loads(assumed.out))[:2] == ["assumed", "as_of"]
    assert json.loads(assumed.out)["as_of"] == today().isoformat()
    assert korea.read_bytes() == before


# --- plan ------------------------------------------------------------------------------


def test_the_way_out_of_a_deadlock_on_a_past_day_is_dated_that_day(dprk, korea, tmp_path):
    """`plan --as-of D` (and the report of that day) advised an undated `sequence --with`:
    typed as shown, it broke the deadlock from today only, and the view of D still
    showed it with the same advice. Dated D, followed literally, it breaks it on D; the
    ledger as it stands is advised undated, as before."""
    day = "2018-08-01"
    advice = "dprk sequence inventory-submission --with end-of-war-declaration"
    plan = json.loads(dprk("plan", "--as-of", day, "--format", "json").out)
    assert [d["suggestions"] for d in plan["deadlocks"]] == [[f"{advice} --date {day}"]]
    table = dprk("plan", "--as-of", day).out
    assert f"run '{advice} --date {day}'." in table
    assert dprk("report", "--as-of", day, "-o", "r.html").code == 0
    page = commands_as_text((tmp_path / "r.html").read_text())
    assert f"<code>{advice} --date {day}</code>" in page
    now = json.loads(dprk("plan", "--format", "json").out)
    assert [d["suggestions"] for d in now["deadlocks"]] == [[advice]]
    result = dprk(*shlex.split(f"{advice} --date {day}")[1:])
    assert result.code == 0, result.err
    after = json.loads(dprk("plan", "--as-of", day, "--format", "json").out)
    assert after["deadlocks"] == []
    assert json.loads(dprk("check", "--format", "json").out)["errors"] == 0


def test_plan_json_shape_and_the_2018_deadlock(dprk, korea):
    # (the second summit given a deadline: the US midterm elections it was expected before)
    due = dprk("edit", "second-summit", "--deadline", "2018-11-06", "--date", "2018-09-10")
    assert due.code == 0, due.err
    result = dprk("plan", "--format", "json")
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert set(doc) == {"as_of", "phases", "deadlocks", "blocked"}
    assert [p["phase"] for p in doc["phases"]] == [1]
    assert list(doc["phases"][0]) == [
        "phase",
        "measures",
        "verify",
        "verify_by",
        "rest",
        "together",
        "again",
        "deadlines",
        "overdue",
    ]
    assert "second-summit" in doc["phases"][0]["measures"]
    # (due by 2018-11-06: overdue today)
    assert doc["phases"][0]["deadlines"] == {"second-summit": "2018-11-06"}
    assert doc["phases"][0]["overdue"] == ["second-summit"]
    [d] = doc["deadlocks"]
    assert set(d) >= {"measures", "demands"}
    assert d["measures"] == ["end-of-war-declaration", "inventory-submission"]
    assert d["demands"] == [
        {
            "measure": "inventory-submission",
            "after": "end-of-war-declaration",
            "require": "acted",
            "demanded_by": "DPRK",
            "verified_by": None,
        },
        {
            "measure": "end-of-war-declaration",
            "after": "inventory-submission",
            "require": "acted",
            "demanded_by": "US",
            "verified_by": None,
        },
    ]
    for demand in d["demands"]:
        assert {"measure", "after", "demanded_by"} <= set(demand)
    assert d["suggestions"] == ["dprk sequence inventory-submission --with end-of-war-declaration"]
    assert d["text"] == (
        "inventory-submission waits for end-of-war-declaration (demanded by DPRK); "
        "end-of-war-declaration waits for inventory-submission (demanded by US)"
    )
    assert d["together"] == []
    assert doc["blocked"] == []


def test_plan_says_since_when_each_deadlock_stands(dprk, tmp_path):
    """Arusha, 1994: each side's measure made to wait for the other's (the GoR's demand
    closing the circle on 8 January), the RPF's rejected on 1 February and offered again
    on 1 March. `plan` named the deadlock but never the day it began, which the write's
    warning knew. It says the day it has stood from without a break up to the plan's
    day (`--as-of` too; the day before, there is none), in JSON (`since`, after the keys
    it had; also in `dissolved` and `created` under `--assume`) and in the table's note;
    read warm, or anew; nothing is written."""
    assert dprk("init", "--party", "GoR", "--party", "RPF").code == 0
    for title, actor in (("P", "RPF"), ("Q", "GoR")):
        made = ("add-measure", title, "--actor", actor, "--id", title.lower())
        assert dprk(*made, "--date", "1994-01-01").code == 0
    for args in (
        ("sequence", "p", "--after", "q", "--demanded-by", "RPF", "--date", "1994-01-05"),
        ("sequence", "q", "--after", "p", "--demanded-by", "GoR", "--date", "1994-01-08"),
        ("mark", "p", "rejected", "--date", "1994-02-01"),
        ("mark", "p", "proposed", "--date", "1994-03-01"),
    ):
        assert dprk(*args).code == 0, args
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()

    def since(*args: str, key: str = "deadlocks") -> list[str | None]:
        result = dprk("plan", *args, "--format", "json")
        assert result.code == 0, result.err
        found = json.loads(result.out)[key]
        assert all(list(d)[-1] == "since" for d in found)
        return [d["since"] for d in found]

    for day, days in (
        ("1994-01-07", []),
        ("1994-01-08", ["1994-01-08"]),
        ("1994-01-31", ["1994-01-08"]),
        ("1994-02-01", []),
        ("1994-02-28", []),
        ("1994-03-01", ["1994-03-01"]),
    ):
        assert since("--as-of", day) == days, day
    text = "q waits for p (demanded by GoR); p waits for q (demanded by RPF)"
    for _ in range(2):  # (the second served from what the first kept)
        assert since() == ["1994-03-01"]
        shown = dprk("plan")
        assert shown.code == 0
        assert f"\nDeadlock 1 since 1994-03-01: {text}. Dropping one demand" in shown.out
    shutil.rmtree(tmp_path / ".dprk")
    assert since() == ["1994-03-01"]
    shown = dprk("plan", "--as-of", "1994-01-20")
    assert f"\nDeadlock 1 since 1994-01-08: {text}. Dropping one demand" in shown.out
    assert since("--assume", "p=implemented", key="dissolved") == ["1994-03-01"]
    assert since("--assume", "p=implemented") == []
    assumed = ("--as-of", "1994-02-15", "--assume", "p=agreed")
    assert since(*assumed) == since(*assumed, key="created") == ["1994-02-15"]
    assert since("--assume", "q=agreed") == ["1994-03-01"]  # (the same deadlock)
    assert ledger.read_bytes() == before


@pytest.mark.parametrize(
    "joins",
    [
        (("a", "--with", "p", "2020-01-07"), ("a", "--remove", "p", "2020-01-09")),
        (
            ("a", "--after", "p", "2020-01-06", "--demanded-by", "A"),
            ("p", "--after", "b", "2020-01-07", "--demanded-by", "B"),
            ("p", "--remove", "b", "2020-01-09"),
        ),
    ],
    ids=["with", "second-circle"],
)
def test_a_deadlock_a_measure_joins_for_a_while_keeps_its_day(dprk, tmp_path, joins):
    """a and b wait for each other from 2020-01-05; p joins the circle on 2020-01-07
    (carried out with a, or in a second circle a, p, b) and leaves it on 2020-01-09. The
    circle stood every day, but plan dated the deadlock from 2020-01-07 while p was in
    it and from 2020-01-05 again after (and an assumption taking p out, from the plan's
    day): it goes on from the day before where that day held one sharing one of its
    waits, so every day says 2020-01-05; nothing is written."""
    assert dprk("init", "--party", "A", "--party", "B").code == 0
    for ident, actor, *more in (("a", "A"), ("b", "B", "--in-exchange-for", "a"), ("p", "A")):
        made = dprk("add-measure", f"Measure {ident}", "--actor", actor, "--id", ident,
                    "--date", "2020-01-01", *more)  # fmt: skip
        assert made.code == 0, made.err
    for ident, flag, other, day, *more in (
        ("a", "--after", "b", "2020-01-05", "--demanded-by", "A"),
        ("b", "--after", "a", "2020-01-05", "--demanded-by", "B"),
        *joins,
    ):
        given = dprk("sequence", ident, flag, other, "--date", day, *more)
        assert given.code == 0, given.err
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()

    def since(*args: str, key: str = "deadlocks") -> list[tuple[str, list[str]]]:
        result = dprk("plan", *args, "--format", "json")
        assert result.code == 0, result.err
        return [(d["since"], d["measures"]) for d in json.loads(result.out)[key]]

    for day, measures in (
        ("2020-01-04", None),
        ("2020-01-05", ["a", "b"]),
        ("2020-01-06", ["a", "b"]),
        ("2020-01-07", ["a", "b", "p"]),
        ("2020-01-08", ["a", "b", "p"]),
        ("2020-01-09", ["a", "b"]),
    ):
        expected = [] if measures is None else [("2020-01-05", measures)]
        assert since("--as-of", day) == expected, day
        shown = dprk("plan", "--as-of", day)
        assert shown.code == 0, shown.err
        assert (measures is not None) == ("\nDeadlock 1 since 2020-01-05: " in shown.out), day
    assert since() == [("2020-01-05", ["a", "b"])]
    # (p carried out on 2020-01-08, assumed: the circle stands on without it)
    assumed = ("--as-of", "2020-01-08", "--assume", "p=implemented")
    assert since(*assumed) == [("2020-01-05", ["a", "b"])]
    assert since(*assumed, key="created") == []
    assert ledger.read_bytes() == before


def test_plan_table_names_the_deadlock_and_the_way_out(dprk, korea):
    out = dprk("plan").out
    assert out.startswith("Plan\n")
    assert (
        "Deadlock 1 since 2018-07-07: inventory-submission waits for end-of-war-declaration "
        "(demanded by DPRK); "
        "end-of-war-declaration waits for inventory-submission (demanded by US)."
    ) in out
    assert "'dprk sequence inventory-submission --with end-of-war-declaration'" in out


def test_plan_phases_with_verification_and_what_a_deadlock_blocks(dprk, korea):
    dprk("add-measure", "Sanctions relief", "--actor", "US", "--id", "relief")
    dprk("sequence", "relief", "--after", "tongchang-ri-dismantlement", "--require", "verified")
    dprk("add-measure", "Inspections", "--actor", "DPRK", "--id", "inspections")
    dprk("sequence", "inspections", "--after", "relief")
    dprk("add-measure", "Peace treaty", "--actor", "US", "--id", "treaty")
    dprk("sequence", "treaty", "--after", "inventory-submission", "--demanded-by", "US")
    doc = json.loads(dprk("plan", "--format", "json").out)
    phases = {p["phase"]: p for p in doc["phases"]}
    assert phases[1]["verify"] == ["tongchang-ri-dismantlement"]
    assert phases[2]["measures"] == ["relief"]
    assert phases[3]["measures"] == ["inspections"]
    assert doc["blocked"] == [
        {
            "id": "treaty",
            "actor": "US",
            "title": "Peace treaty",
            "waiting_for": ["inventory-submission"],
            "holds": [
                {
                    "measure": "treaty",
                    "after": "inventory-submission",
                    "require": "acted",
                    "demanded_by": "US",
                    "verified_by": None,
                    "reason": "deadlocked",
                    "via": None,
                }
            ],
            "in_part": False,
            "extent": "not-initiated",
            "reversed_on": None,
            "deadline": None,
            "overdue": False,
        }
    ]
    ids = dprk("plan", "--format", "ids").lines
    assert ids.index("relief") < ids.index("inspections")
    assert "treaty" not in ids
    # (its verification is no step to act; the rest of it, carried out in part, is, as in
    # `next`)
    assert ids.count("tongchang-ri-dismantlement") == 1
    assert "tongchang-ri-dismantlement" in dprk("next", "--format", "ids").lines
    rows = list(csv.DictReader(io.StringIO(dprk("plan", "--format", "csv").out)))
    assert list(rows[0]) == [
        "phase", "step", "id", "actor", "title", "detail", "since", "holds", "deadline", "overdue",
    ]  # fmt: skip
    steps = {(r["step"], r["id"]) for r in rows}
    assert ("verify", "tongchang-ri-dismantlement") in steps
    # each row's title is the measure's, as in every report (a verify step's said
    # "verify: ...", and a script joining on titles missed it)
    titles = {
        m["id"]: m["title"] for m in json.loads(dprk("status", "--format", "json").out)["measures"]
    }
    assert all(r["title"] == titles[r["id"]] for r in rows)
    assert ("blocked", "treaty") in steps and ("deadlocked", "inventory-submission") in steps
    assert "Blocked (not planned)" in dprk("plan").out


def test_plan_as_of_before_the_stand_off(dprk, korea):
    doc = json.loads(dprk("plan", "--as-of", "2018-07-06", "--format", "json").out)
    assert doc["deadlocks"] == []
    doc = json.loads(dprk("plan", "--as-of", "2018-07-07", "--format", "json").out)
    assert len(doc["deadlocks"]) == 1


# --- status ----------------------------------------------------------------------------


def test_status_counts_order_per_party(dprk, korea):
    doc = json.loads(dprk("status", "--format", "json").out)
    for counts in doc["parties"].values():
        assert {"measures", "acted", "verified", "pending"} <= set(counts)
        for key in ("ready", "blocked", "owes", "owed", "overdue"):
            assert isinstance(counts[key], int)
    assert doc["parties"]["DPRK"]["blocked"] == 1 and doc["parties"]["US"]["blocked"] == 1
    assert doc["parties"]["US"]["ready"] == 3
    by_id = {m["id"]: m for m in doc["measures"]}
    assert by_id["inventory-submission"]["deadlocked"] is True
    assert by_id["second-summit"]["deadlocked"] is False
    assert all(m["overdue"] is False for m in doc["measures"])


def test_status_marks_overdue_against_today_or_the_as_of_day(dprk, korea):
    dprk(
        "add-measure", "Summit in October", "--actor", "US", "--id", "october-summit",
        "--date", "2018-09-10", "--deadline", "2018-10-31",
    )  # fmt: skip
    doc = json.loads(dprk("status", "--format", "json").out)
    assert {m["id"]: m["overdue"] for m in doc["measures"]}["october-summit"] is True
    assert doc["parties"]["US"]["overdue"] == 1
    early = json.loads(dprk("status", "--as-of", "2018-10-31", "--format", "json").out)
    assert {m["id"]: m["overdue"] for m in early["measures"]}["october-summit"] is False
    late = json.loads(dprk("status", "--as-of", "2018-11-01", "--format", "json").out)
    assert {m["id"]: m["overdue"] for m in late["measures"]}["october-summit"] is True
    table = dprk("status").out
    row = next(line for line in table.splitlines() if line.startswith("october-summit"))
    assert "overdue" in row
    assert "overdue on " in table


def test_a_measure_done_in_part_past_its_deadline_is_overdue_in_every_view(dprk, korea):
    """A measure implemented in part (Tongchang-ri: intermediate, on 2018-07-23) was never
    overdue, however far past its deadline: it still owes the rest. It is overdue, said
    'partly done', in status (today and --as-of, counts, flags, the note under the table)
    and in the report, until it is carried out in full."""
    sohae = "tongchang-ri-dismantlement"
    edit = ["edit", sohae, "--deadline", "2018-08-31", "--date", "2018-07-01"]
    assert dprk(*edit).code == 0

    def late(*args: str) -> tuple[bool, int]:
        doc = json.loads(dprk("status", *args, "--format", "json").out)
        flag = {m["id"]: m["overdue"] for m in doc["measures"]}[sohae]
        return flag, doc["parties"]["DPRK"]["overdue"]

    assert late("--as-of", "2018-08-31") == (False, 0)  # (the deadline day is not late)
    assert late("--as-of", "2018-09-01") == (True, 1)
    assert late() == (True, 1)  # (the counts and flags the cache keeps)
    for args in ([], ["--as-of", "2018-09-01"], ["--party", "DPRK"]):
        table = dprk("status", *args).out
        row = next(line for line in table.splitlines() if line.startswith(sohae))
        assert "partly done, overdue" in row, row
        day = args[1] if args and args[0] == "--as-of" else today().isoformat()
        assert f"overdue on {day}: {sohae} (partly done)" in table, table
    page = dprk("report", "--as-of", "2018-09-01", "-o", "-").out
    assert "1 overdue on 2018-09-01" in re.sub(r"<[^>]+>", "", page)
    assert ">partly done, overdue</b>" in page  # (the deadline in the table of measures)
    # carried out in full: no longer overdue (a write, the kept counts brought up to date)
    assert dprk("mark", sohae, "implemented", "--date", "2018-10-01").code == 0
    assert late() == (False, 0)
    assert late("--as-of", "2018-09-30") == (True, 1)
    assert late("--as-of", "2018-10-01") == (False, 0)


def test_status_names_ten_overdue_measures_at_most_under_its_table(dprk, empty):
    """A large ledger's status ended with one line of 159 overdue ids, 2,700 characters
    no one could scan: ten are named, then how many more, which the flags column marks."""
    for n in range(12):
        assert dprk("add-measure", f"M{n}", "--actor", "US", "--id", f"m{n:02}", "--date",
                    "2018-01-01", "--deadline", "2018-06-01").code == 0  # fmt: skip
    out = dprk("status").out
    named = ", ".join(f"m{n:02}" for n in range(10))
    assert (
        f"overdue on {today().isoformat()}: {named} and 2 more (the flags column marks each)" in out
    )
    rows = [line for line in out.splitlines() if line.startswith("m") and "overdue" in line]
    assert len(rows) == 12


def test_status_table_marks_deadlocked_measures(dprk, korea):
    out = dprk("status").out
    row = next(line for line in out.splitlines() if line.startswith("inventory-submission"))
    assert "deadlocked" in row
    assert "deadlocked: end-of-war-declaration, inventory-submission" in out
    rows = list(csv.DictReader(io.StringIO(dprk("status", "--format", "csv").out)))
    assert {r["id"]: r["deadlocked"] for r in rows}["inventory-submission"] == "true"


def test_status_as_of_the_eve_of_the_liaison_office(dprk, korea):
    doc = json.loads(dprk("status", "--as-of", "2018-09-13", "--format", "json").out)
    by_id = {m["id"]: m for m in doc["measures"]}
    assert by_id["gaeseong-liaison-office"]["status"] == "agreed"
    assert by_id["gaeseong-liaison-office"]["pending"] is True
    assert "second-summit" in by_id
    assert doc["parties"]["ROK"]["acted"] == 0
    before = json.loads(dprk("status", "--as-of", "2018-05-01", "--format", "json").out)
    ids = {m["id"] for m in before["measures"]}
    assert "inventory-submission" not in ids and "test-moratorium" in ids
    assert {m["id"]: m["status"] for m in before["measures"]}["punggye-ri-closure"] == "proposed"


def _cycle_searches(monkeypatch) -> list[object]:
    from dprk_cli.analysis import sequencing

    searches: list[object] = []
    real = sequencing._Graph.cyclic_components
    monkeypatch.setattr(
        sequencing._Graph, "cyclic_components", lambda g: searches.append(g) or real(g)
    )
    return searches


ORDERS = [["plan"], ["plan", "--format", "json"], ["next"], ["next", "--format", "json"]]


def test_plan_and_next_take_the_kept_order_s_word_that_there_is_no_deadlock(
    dprk, korea, monkeypatch
):
    """What `status` kept for this content marks no measure deadlocked: `plan` and `next`
    do not search the ledger for a cycle again; a what-if, or a past day, still does."""
    from dprk_cli import store

    assert dprk("sequence", "inventory-submission", "--with", "end-of-war-declaration").code == 0
    searches = _cycle_searches(monkeypatch)
    unknown = [dprk(*args) for args in ORDERS]  # nothing kept for this content yet: searched
    assert [r.code for r in unknown] == [0] * len(ORDERS)
    assert len(searches) == 2  # by `plan` and by `next`; their JSON read what each kept
    assert dprk("status").code == 0
    for name in ("plan", "next"):
        store.side_file(korea, f"kept-{name}").unlink()  # drawn again, from every node...
    searches.clear()
    known = [dprk(*args) for args in ORDERS]
    assert [(r.code, r.out) for r in known] == [(r.code, r.out) for r in unknown]
    assert searches == []
    what_if = ["--assume", "security-guarantees=proposed"]
    assert dprk("plan", *what_if).code == 0 and len(searches) == 1  # (the what-if's)
    assert dprk("next", *what_if).code == 0 and len(searches) == 2
    # (the past day's; then two among the deadlock's measures alone, dating it)
    assert dprk("plan", "--as-of", "2018-09-01").code == 0 and len(searches) == 5


def test_plan_and_next_find_a_deadlock_a_write_brought_back_whatever_was_kept(dprk, korea):
    assert dprk("sequence", "inventory-submission", "--with", "end-of-war-declaration").code == 0
    assert dprk("status").code == 0  # kept: no deadlock
    assert dprk("undo").code == 0  # the deadlock is back
    for before in ([], ["status"]):  # nothing kept for it yet; then kept by a status
        if before:
            assert dprk(*before).code == 0
        plan = json.loads(dprk("plan", "--format", "json").out)
        assert [d["measures"] for d in plan["deadlocks"]] == [
            ["end-of-war-declaration", "inventory-submission"]
        ]
        blocked = json.loads(dprk("next", "--format", "json").out)["blocked"]
        stuck = {b["id"] for b in blocked if b["deadlocked"]}
        assert stuck == {"end-of-war-declaration", "inventory-submission"}


def test_an_assumption_that_only_shrinks_a_deadlock_does_not_dissolve_it(dprk, tmp_path):
    """a, b and c each wait for their neighbour (a-b, b-c): assume a implemented, and b
    and c still wait for each other. The plan said it dissolved the whole deadlock,
    then showed the rest of it."""
    assert dprk("init", "--party", "A", "--party", "B", "--party", "C").code == 0
    for ident, actor, extra in (("a", "A", []), ("b", "B", ["--in-exchange-for", "a"]),
                                ("c", "C", ["--in-exchange-for", "b"])):  # fmt: skip
        assert dprk("add-measure", ident, "--actor", actor, "--id", ident, *extra,
                    "--date", "2020-01-01").code == 0  # fmt: skip
    for first, then in (("a", "b"), ("b", "a"), ("b", "c"), ("c", "b")):
        assert dprk("sequence", first, "--after", then, "--date", "2020-01-02").code == 0
    doc = json.loads(dprk("plan", "--assume", "a=implemented", "--format", "json").out)
    assert doc["dissolved"] == []
    assert [d["measures"] for d in doc["deadlocks"]] == [["b", "c"]]
    assert doc["created"] == []  # (what is left of it was deadlocked before)
    shown = dprk("plan", "--assume", "a=implemented").out
    assert "Dissolves no deadlock and moves nothing into phase 1." in shown
    both = json.loads(
        dprk(
            "plan", "--assume", "a=implemented", "--assume", "b=implemented", "--format", "json"
        ).out
    )
    assert [d["measures"] for d in both["dissolved"]] == [["a", "b", "c"]]


# --- sequencing entered out of order: the latest-dated entry decides ------------------------


def _two(dprk) -> None:
    for ident, actor in (("x", "DPRK"), ("y", "US")):
        assert dprk("add-measure", ident, "--actor", actor, "--date", "2018-01-01").code == 0


def test_the_same_order_found_earlier_says_it_stands_from_that_day(dprk, empty):
    """`sequence x --with y` typed today, then again with the day it was really set: the
    line said it stayed so "since" today, while every view then had it from that day."""
    _two(dprk)
    assert dprk("sequence", "x", "--with", "y").code == 0
    result = dprk("sequence", "x", "--with", "y", "--date", "2019-07-13")
    assert result.code == 0, result.err
    assert result.err == (
        "x: recorded together with y on 2019-07-13; x is together with y from 2019-07-13 on "
        f"(it was from {today()})\n"
    )
    then = json.loads(dprk("status", "--as-of", "2019-07-13", "--format", "json").out)
    assert {m["id"]: m["constraints"] for m in then["measures"]} == {
        "x": [{"with": "y"}],
        "y": [{"with": "x"}],
    }
    # (one found between, with the order standing from before it: since the first)
    assert dprk("sequence", "x", "--with", "y", "--date", "2019-08-01").code == 0
    result = dprk("sequence", "x", "--with", "y", "--date", "2019-09-01")
    assert result.err.endswith("x stays together with y (since 2019-07-13)\n"), result.err


def test_a_constraint_dated_before_a_later_one_is_recorded_but_does_not_replace_it(dprk, empty):
    _two(dprk)
    assert dprk("sequence", "x", "--with", "y", "--date", "2019-07-13").code == 0
    before = dprk("plan", "--format", "json").out, dprk("next", "--format", "json").out
    result = dprk("sequence", "x", "--after", "y", "--demanded-by", "US", "--date", "2018-09-10")
    assert result.code == 0, result.err
    assert result.err == (
        "x: recorded after y, demanded by US on 2018-09-10; "
        "x stays together with y (since 2019-07-13)\n"
    )
    assert measure(dprk, "x")["constraints"] == [{"with": "y"}]
    assert measure(dprk, "y")["constraints"] == [{"with": "x"}]
    assert (dprk("plan", "--format", "json").out, dprk("next", "--format", "json").out) == before
    log = measure(dprk, "x")["history"]
    assert [(h["date"], h["detail"]) for h in log if h["event"] == "sequence"] == [
        ("2018-09-10", "after y, demanded by US"),
        ("2019-07-13", "together with y"),
    ]
    assert dprk("check", "--strict").code == 0
    # the same entry again changes nothing; undo takes the recorded one back
    again = empty.read_bytes()
    result = dprk("sequence", "x", "--after", "y", "--demanded-by", "US", "--date", "2018-09-10")
    assert result.code == 0
    assert (
        result.err == "x: already recorded after y, demanded by US on 2018-09-10; nothing changed\n"
    )
    assert empty.read_bytes() == again
    assert dprk("undo").code == 0
    assert len(measure(dprk, "x")["history"]) == 2


def test_the_order_of_entry_does_not_change_the_constraint(dprk, empty, tmp_path):
    _two(dprk)
    dprk("sequence", "x", "--after", "y", "--date", "2018-09-10")
    dprk("sequence", "x", "--with", "y", "--date", "2019-07-13")
    in_order = measure(dprk, "x")["constraints"], measure(dprk, "y")["constraints"]
    empty.unlink()
    dprk("init", "--party", "DPRK", "--party", "US")
    _two(dprk)
    dprk("sequence", "x", "--with", "y", "--date", "2019-07-13")
    dprk("sequence", "x", "--after", "y", "--date", "2018-09-10")
    assert (measure(dprk, "x")["constraints"], measure(dprk, "y")["constraints"]) == in_order


def test_a_removal_dated_before_a_later_constraint_is_recorded_but_does_not_remove_it(dprk, empty):
    _two(dprk)
    dprk("sequence", "x", "--after", "y", "--date", "2018-03-01")
    dprk("sequence", "x", "--after", "y", "--require", "verified", "--date", "2019-01-01")
    result = dprk("sequence", "x", "--remove", "y", "--date", "2018-06-01")
    assert result.code == 0, result.err
    assert result.err == (
        "x: recorded no longer sequenced with y on 2018-06-01; "
        "x stays after y (verified) (since 2019-01-01)\n"
    )
    assert measure(dprk, "x")["constraints"] == [
        {"after": "y", "require": "verified", "demanded_by": None, "verified_by": None}
    ]
    assert measure(dprk, "x")["history"][-2]["detail"] == "removed: after y"
    assert dprk("check", "--strict").code == 0
    before = empty.read_bytes()
    result = dprk("sequence", "x", "--remove", "y", "--date", "2018-06-01")
    assert result.code == 0
    assert result.err == (
        "x: already recorded no longer sequenced with y on 2018-06-01; nothing changed\n"
    )
    assert empty.read_bytes() == before


def test_a_removal_dated_before_any_constraint_between_them_is_refused(dprk, empty):
    _two(dprk)
    dprk("sequence", "x", "--after", "y", "--date", "2019-01-01")
    before = empty.read_bytes()
    result = dprk("sequence", "x", "--remove", "y", "--date", "2018-06-01")
    assert result.code == 1
    assert result.err == (
        "dprk: error: measure 'x' had no sequencing constraint with 'y' on 2018-06-01 "
        "(the first was set on 2019-01-01)\n"
    )
    assert empty.read_bytes() == before


def test_a_with_dated_before_the_partner_s_later_order_is_recorded_on_one_side_only(dprk, empty):
    _two(dprk)
    assert dprk("sequence", "y", "--after", "x", "--date", "2020-01-01").code == 0
    result = dprk("sequence", "x", "--with", "y", "--date", "2019-01-01")
    assert result.code == 0, result.err
    assert result.err == (
        "x: recorded together with y on 2019-01-01; x stays not sequenced with y "
        "(since 2020-01-01)\n"
    )
    assert measure(dprk, "x")["constraints"] == []
    assert measure(dprk, "y")["constraints"] == [
        {"after": "x", "require": "acted", "demanded_by": None, "verified_by": None}
    ]
    assert dprk("check", "--strict").code == 0


def test_redating_a_change_of_order_puts_the_one_now_dated_last_in_force(dprk, empty):
    _two(dprk)
    dprk("sequence", "x", "--after", "y", "--demanded-by", "US", "--date", "2018-09-10")
    dprk("sequence", "x", "--with", "y", "--date", "2019-07-13")
    # the change to 'together' happened in May 2018 after all: September's order is in force
    result = dprk("redate", "x", "3", "2018-05-01")
    assert result.code == 0, result.err
    assert result.err == (
        "x: entry 3 (the sequence entry of 2019-07-13) now dated 2018-05-01 (now entry 2), and "
        "y's record of it (its entry 2); x is proposed; x is now after y, demanded by US "
        "(since 2018-09-10)\n"
    )
    assert measure(dprk, "x")["constraints"] == [
        {"after": "y", "require": "acted", "demanded_by": "US", "verified_by": None}
    ]
    assert measure(dprk, "y")["constraints"] == []
    assert dprk("check", "--strict").code == 0
    # and back: the 'together' change dated last again is in force again, on both
    result = dprk("redate", "x", "2", "2019-07-13")
    assert result.code == 0, result.err
    assert result.err.endswith("; x is now together with y (since 2019-07-13)\n")
    assert measure(dprk, "x")["constraints"] == [{"with": "y"}]
    assert measure(dprk, "y")["constraints"] == [{"with": "x"}]
    assert dprk("check", "--strict").code == 0
    before = empty.read_bytes()
    dprk("redate", "x", "3", "2019-08-01")
    assert dprk("undo").code == 0
    assert empty.read_bytes() == before


def test_redating_one_side_of_a_with_order_redates_the_other_side_s_record(dprk, empty):
    _two(dprk)
    dprk("sequence", "x", "--with", "y", "--date", "2018-06-01")
    dprk("sequence", "x", "--after", "y", "--date", "2018-07-01")
    # the 'after' replaced the 'together' in mid-June: y's removal of it moves with x's entry
    result = dprk("redate", "x", "3", "2018-06-15")
    assert result.code == 0, result.err
    assert result.err == (
        "x: entry 3 (the sequence entry of 2018-07-01) now dated 2018-06-15, and y's record "
        "of it (its entry 3); x is proposed\n"
    )
    y = [(h["date"], h["detail"]) for h in measure(dprk, "y")["history"]]
    assert ("2018-06-15", "removed: together with x") in y
    assert _constraints_on(dprk, "2018-06-20") == {
        "x": [{"after": "y", "require": "acted", "demanded_by": None, "verified_by": None}],
        "y": [],
    }
    assert dprk("check", "--strict").code == 0


def _constraints_on(dprk, day: str) -> dict:
    rows = json.loads(dprk("status", "--as-of", day, "--format", "json").out)["measures"]
    return {m["id"]: m["constraints"] for m in rows}


def test_as_of_a_day_the_order_then_in_force_counts(dprk, empty):
    _two(dprk)
    # entered out of order: the 2019 settlement first, the 2018 demands after
    dprk("sequence", "x", "--with", "y", "--date", "2019-02-01")
    dprk("sequence", "x", "--after", "y", "--demanded-by", "DPRK", "--date", "2018-07-07")
    dprk("sequence", "y", "--after", "x", "--demanded-by", "US", "--date", "2018-07-07")
    assert _constraints_on(dprk, "2018-07-06") == {"x": [], "y": []}
    assert _constraints_on(dprk, "2018-12-31") == {
        "x": [{"after": "y", "require": "acted", "demanded_by": "DPRK", "verified_by": None}],
        "y": [{"after": "x", "require": "acted", "demanded_by": "US", "verified_by": None}],
    }
    assert _constraints_on(dprk, "2019-02-01") == {"x": [{"with": "y"}], "y": [{"with": "x"}]}
    stuck = json.loads(dprk("plan", "--as-of", "2018-12-31", "--format", "json").out)
    assert [sorted(d["measures"]) for d in stuck["deadlocks"]] == [["x", "y"]]
    assert json.loads(dprk("plan", "--format", "json").out)["deadlocks"] == []


def test_as_of_a_day_before_an_order_was_replaced_the_replaced_one_counts(dprk, empty):
    _two(dprk)
    assert (
        dprk("add-measure", "z", "--actor", "US", "--after", "x", "--date", "2018-02-01").code == 0
    )
    dprk("sequence", "z", "--with", "x", "--date", "2019-01-01")
    assert _constraints_on(dprk, "2018-06-01")["z"] == [
        {"after": "x", "require": "acted", "demanded_by": None, "verified_by": None}
    ]
    assert _constraints_on(dprk, "2019-06-01")["z"] == [{"with": "x"}]


def test_the_confirmation_names_the_orders_a_new_one_replaces(dprk, empty):
    _two(dprk)
    dprk("sequence", "x", "--after", "y", "--demanded-by", "DPRK", "--date", "2018-07-07")
    dprk("sequence", "y", "--after", "x", "--demanded-by", "US", "--date", "2018-07-07")
    result = dprk("sequence", "x", "--with", "y", "--date", "2019-02-01")
    assert result.code == 0, result.err
    assert result.err == (
        "x: together with y (recorded on both; replaces: x after y, demanded by DPRK; "
        "y after x, demanded by US)\n"
        "dprk: warning: deadlock on 2018-07-07: y waits for x (demanded by US); x waits for y "
        "(demanded by DPRK); it no longer stands ('dprk plan --as-of 2018-07-07' shows it "
        "then)\n"
    )
    result = dprk("sequence", "y", "--after", "x", "--date", "2019-03-01")
    assert result.err == "y: after x (replaces: y together with x; x together with y)\n"


def _next_on(dprk, day: str) -> tuple[list[str], list[str]]:
    found = json.loads(dprk("next", "--as-of", day, "--format", "json").out)
    return sorted(s["id"] for s in found["ready"]), sorted(s["id"] for s in found["blocked"])


def test_as_of_an_order_dated_back_between_a_with_and_its_removal_holds_on_both(dprk, empty):
    """yb with eow (Sep 1, on both), removed (Oct 1, on both), then 'yb after eow' dated
    Sep 15: recorded on yb only, eow kept its 'with', and on Sep 20 eow waited for
    itself in a deadlock."""
    _two_named(dprk, "yb", "eow")
    dprk("sequence", "yb", "--with", "eow", "--date", "2018-09-01")
    dprk("sequence", "yb", "--remove", "eow", "--date", "2018-10-01")
    dprk("sequence", "yb", "--after", "eow", "--demanded-by", "DPRK", "--date", "2018-09-15")
    assert _constraints_on(dprk, "2018-09-20") == {
        "eow": [],
        "yb": [{"after": "eow", "require": "acted", "demanded_by": "DPRK", "verified_by": None}],
    }
    assert _next_on(dprk, "2018-09-20") == (["eow"], ["yb"])
    assert (
        json.loads(dprk("plan", "--as-of", "2018-09-20", "--format", "json").out)["deadlocks"] == []
    )
    assert _constraints_on(dprk, "2018-09-10") == {"eow": [{"with": "yb"}], "yb": [{"with": "eow"}]}


def test_as_of_the_order_before_the_first_change_is_what_stood_when_none_was_recorded(
    dprk, empty, monkeypatch
):
    """What stood before a measure's first change of order is what its change recorded
    first replaced (an order set when it was added), not what the change dated first
    says: that one may have been entered later, or redated."""
    clock = iter(range(1_700_000_000, 1_700_001_000, 60))

    def later(*args: str) -> None:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(next(clock)))
        assert dprk(*args).code == 0

    _two_named(dprk, "yb", "eow")
    later("sequence", "yb", "--after", "eow", "--demanded-by", "DPRK", "--date", "2018-07-01")
    later("sequence", "yb", "--with", "eow", "--date", "2018-09-01")  # (was: after eow)
    later("redate", "yb", "2", "2018-09-15")  # the demand came in mid-September after all
    assert _next_on(dprk, "2018-06-20") == (["eow", "yb"], [])
    assert _next_on(dprk, "2018-09-20") == (["eow"], ["yb"])
    # an order set when the measure was added stands until its first change by date
    later("add-measure", "b", "--actor", "DPRK", "--date", "2018-07-01", "--after", "eow")
    later("sequence", "b", "--with", "eow", "--date", "2018-08-01")
    later("sequence", "b", "--after", "eow", "--demanded-by", "DPRK", "--date", "2018-07-15")
    assert _constraints_on(dprk, "2018-07-05")["b"] == [
        {"after": "eow", "require": "acted", "demanded_by": None, "verified_by": None}
    ]


def test_an_order_given_at_creation_stands_until_its_removal_typed_in_the_same_second(
    dprk, empty, monkeypatch
):
    """b added after a, that order removed in February and given again in March, all in
    one second (a script): the order given again, which names none it replaced, was
    taken for the change typed first, and the order b was added with vanished from every
    day before its removal; b acting in January was not said to act out of order."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")  # (every change in one second)
    assert (
        dprk("add-measure", "A", "--actor", "DPRK", "--id", "a", "--date", "2020-01-01").code == 0
    )
    made = ("add-measure", "B", "--actor", "US", "--id", "b", "--after", "a")
    assert dprk(*made, "--date", "2020-01-01").code == 0
    assert dprk("sequence", "b", "--remove", "a", "--date", "2020-02-01").code == 0
    assert dprk("sequence", "b", "--after", "a", "--date", "2020-03-01").code == 0
    shown = dprk("show", "b", "--as-of", "2020-01-15", "--format", "json")
    assert shown.code == 0, shown.err
    assert json.loads(shown.out)["constraints"] == [
        {"after": "a", "require": "acted", "demanded_by": None, "verified_by": None}
    ]
    assert _constraints_on(dprk, "2020-02-15")["b"] == []
    assert _next_on(dprk, "2020-01-15") == (["a"], ["b"])
    plan = json.loads(dprk("plan", "--as-of", "2020-01-15", "--format", "json").out)
    assert [phase["measures"] for phase in plan["phases"]] == [["a"], ["b"]]
    result = dprk("mark", "b", "implemented", "--date", "2020-01-20")
    assert (result.code, result.out) == (0, "")
    written = empty.read_bytes()
    assert b'date = 2020-01-20\nevent = "status"' in written
    result = dprk("check")
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "warning: b: acted on 2020-01-20 although 'a', which it was to follow until "
        "2020-02-01, when the order changed, has not acted; no fix needed if that is what "
        "happened [acted-out-of-order]\n0 errors, 1 warning\n"
    )
    assert empty.read_bytes() == written


def test_a_redate_that_puts_a_removal_before_any_order_is_refused(dprk, empty, monkeypatch):
    _two(dprk)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    dprk("sequence", "x", "--after", "y", "--date", "2018-07-01")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000060")  # (a minute later)
    dprk("sequence", "x", "--remove", "y", "--date", "2018-08-01")
    before = empty.read_bytes()
    result = dprk("redate", "x", "3", "2018-06-15")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "dprk: error: measure 'x' had no sequencing constraint with 'y' on 2018-06-15 "
        "(the first was set on 2018-07-01)\n"
    )
    assert empty.read_bytes() == before
    assert dprk("redate", "x", "3", "2018-07-15").code == 0  # still after the order: fine


def _made(dprk, day: str, *made: tuple[str, str], status: str | None = None) -> None:
    """Measures made on `day`, each (id, actor), the id its title too."""
    extra = ["--status", status] if status else []
    for ident, actor in made:
        result = dprk("add-measure", ident, "--actor", actor, "--id", ident, "--date", day, *extra)
        assert result.code == 0, result.err


def _two_named(dprk, first: str, second: str) -> None:
    for ident, actor in ((first, "DPRK"), (second, "US")):
        assert dprk("add-measure", ident, "--actor", actor, "--date", "2018-01-01").code == 0


def test_a_with_dated_back_is_recorded_on_both_measures(dprk, empty):
    """'--with' is kept on both measures; dated before a later removal, it was recorded on
    one: the other's log and the timeline left out its August commitment."""
    _two(dprk)
    dprk("sequence", "x", "--after", "y", "--demanded-by", "US", "--date", "2018-07-01")
    dprk("sequence", "x", "--remove", "y", "--date", "2018-09-01")
    result = dprk("sequence", "x", "--with", "y", "--date", "2018-08-01")
    assert result.code == 0, result.err
    assert result.err == (
        "x: recorded together with y on 2018-08-01; x stays not sequenced with y "
        "(since 2018-09-01)\n"
    )
    y = [(h["date"], h["detail"]) for h in measure(dprk, "y")["history"]]
    assert ("2018-08-01", "together with x") in y
    assert _constraints_on(dprk, "2018-08-15") == {"x": [{"with": "y"}], "y": [{"with": "x"}]}
    assert _constraints_on(dprk, "2018-09-15") == {"x": [], "y": []}
    assert dprk("check", "--strict").code == 0
    # a removal of it dated back is recorded on both too
    dprk("sequence", "x", "--with", "y", "--date", "2018-10-01")
    dprk("sequence", "x", "--after", "y", "--date", "2018-12-01")
    assert dprk("sequence", "x", "--remove", "y", "--date", "2018-11-01").code == 0
    y = [(h["date"], h["detail"]) for h in measure(dprk, "y")["history"]]
    assert ("2018-11-01", "removed: together with x") in y
    assert _constraints_on(dprk, "2018-11-15") == {"x": [], "y": []}


@pytest.mark.parametrize("later", ["x --remove y", "x --after y", "y --after x"])
def test_the_end_of_a_with_dated_back_is_on_both_measures_in_either_order(
    dprk, empty, tmp_path, later
):
    """x after y (February), x with y (March), then a change in May that ends the with.
    Typed with the May change before the March one, the side May's change was not on
    had no end of the with: its log read 'together with' from March on, and its
    last_date stayed in March."""

    def histories(order: list[str]) -> dict:
        ledger = tmp_path / f"{order[1].split()[-1]}.toml"  # (one file for each order)
        assert dprk("--ledger", str(ledger), "init", "--party", "DPRK", "--party", "US").code == 0
        for ident, actor in (("x", "DPRK"), ("y", "US")):
            assert dprk("--ledger", str(ledger), "add-measure", ident, "--actor", actor,
                        "--date", "2018-01-01").code == 0  # fmt: skip
        for change in order:
            *args, day = change.split()
            assert dprk("--ledger", str(ledger), "sequence", *args, "--date", day).code == 0
        assert dprk("--ledger", str(ledger), "check").code == 0
        rows = json.loads(dprk("--ledger", str(ledger), "status", "--format", "json").out)
        return {
            m["id"]: (m["last_date"], [(h["date"], h["detail"]) for h in m["history"]])
            for m in rows["measures"]
        }

    first, together, end = "x --after y 2018-02-01", "x --with y 2018-03-01", f"{later} 2018-05-01"
    in_date_order = histories([first, together, end])
    typed_later = histories([first, end, together])
    side = "y" if later.startswith("x") else "x"  # (the side the May change is not on)
    # (the words of x's March entry still differ: '(was: after y)' is written as typed)
    days = {order: [day for day, _ in found[side][1]] for order, found in
            (("date", in_date_order), ("typed", typed_later))}  # fmt: skip
    assert days["typed"] == days["date"]
    assert typed_later[side][0] == in_date_order[side][0] == "2018-05-01"
    assert ("2018-05-01", f"removed: together with {later[0]}") in typed_later[side][1]


@pytest.mark.parametrize("removing", ["a --remove q", "q --remove a"])
def test_a_with_removed_after_the_fact_ends_once_on_each_measure(dprk, tmp_path, removing):
    """a after q (February 20), a with q (January 25), typed in that order: the with's end
    was recorded on q on February 20. Its removal on February 10, typed last, left that
    end too: q's log said the with was removed twice. Typed in date order, it is once."""

    def histories(order: list[str]) -> dict:
        ledger = tmp_path / f"{len(list(tmp_path.iterdir()))}.toml"  # (a file each)
        assert dprk("--ledger", str(ledger), "init", "--party", "DPRK", "--party", "US").code == 0
        for ident, actor in (("a", "DPRK"), ("q", "US")):
            assert dprk("--ledger", str(ledger), "add-measure", ident, "--actor", actor,
                        "--date", "2019-01-10").code == 0  # fmt: skip
        for change in order:
            *args, day = change.split()
            done = dprk("--ledger", str(ledger), "sequence", *args, "--date", day)
            assert done.code == 0, done.err
        assert dprk("--ledger", str(ledger), "check").code == 0
        rows = json.loads(dprk("--ledger", str(ledger), "status", "--format", "json").out)
        return {
            m["id"]: [(h["date"], h["detail"]) for h in m["history"] if h["event"] == "sequence"]
            for m in rows["measures"]
        }

    after, together, removal = (
        "a --after q 2019-02-20",
        "a --with q 2019-01-25",
        f"{removing} 2019-02-10",
    )
    in_date_order = histories([together, removal, after])
    typed_later = histories([after, together, removal])
    assert typed_later == in_date_order
    assert typed_later["q"] == [
        ("2019-01-25", "together with a"),
        ("2019-02-10", "removed: together with a"),
    ]


@pytest.mark.parametrize("redated", ["x", "y"])
def test_redating_either_side_s_record_of_a_with_puts_the_order_dated_last_in_force(
    dprk, empty, redated
):
    """x with y (September, on both), x after y (August, recorded only). The 'with' was
    agreed in July after all: redated from y's side, x stayed together with y, though its
    August order was then the one dated last."""
    _two(dprk)
    dprk("sequence", "x", "--with", "y", "--date", "2018-09-01")
    dprk("sequence", "x", "--after", "y", "--date", "2018-08-01")
    number = {"x": "3", "y": "2"}[redated]
    result = dprk("redate", redated, number, "2018-07-15")
    assert result.code == 0, result.err
    assert result.err.endswith("; x is now after y (since 2018-08-01)\n")
    assert measure(dprk, "x")["constraints"] == [
        {"after": "y", "require": "acted", "demanded_by": None, "verified_by": None}
    ]
    assert measure(dprk, "y")["constraints"] == []
    assert dprk("check", "--strict").code == 0


@pytest.mark.parametrize(
    "facts",
    [
        [
            ("y", "--after", "x", "2018-02-11"),
            ("x", "--after", "y", "2018-02-22"),
            ("x", "--with", "y", "2018-02-15"),
        ],
        [
            ("x", "--after", "y", "2018-02-01"),
            ("x", "--remove", "y", "2018-06-01"),
            ("y", "--after", "x", "2018-02-01"),
            ("x", "--with", "y", "2018-03-01"),
        ],
    ],
    ids=["with-between", "with-then-removed"],
)
def test_a_with_found_later_ends_the_order_it_replaced_on_the_other_measure(dprk, tmp_path, facts):
    """y waited for x; a `with` dated between, typed last, replaced that order on both
    and was ended on both by the later change: y's history said so, yet y stayed 'after
    x', and next, plan and status found a deadlock there is none of (check said nothing).
    Typed in any order, the orders are the dates'."""
    answers = []
    for order in (sorted(facts, key=lambda f: f[3]), facts):
        ledger = tmp_path / f"{len(answers)}.toml"
        assert dprk("--ledger", ledger, "init", "--party", "DPRK", "--party", "US").code == 0
        for ident, actor in (("x", "DPRK"), ("y", "US")):
            assert dprk("--ledger", ledger, "add-measure", ident, "--actor", actor,
                        "--date", "2018-01-01").code == 0  # fmt: skip
        for ident, how, other, day in order:
            result = dprk("--ledger", ledger, "sequence", ident, how, other, "--date", day)
            assert result.code == 0, result.err
        answers.append(
            (
                json.loads(dprk("--ledger", ledger, "next", "--format", "json").out),
                {
                    m["id"]: m["constraints"]
                    for m in json.loads(dprk("--ledger", ledger, "status", "--format", "json").out)[
                        "measures"
                    ]
                },
            )  # fmt: skip
        )
        assert dprk("--ledger", ledger, "check", "--strict").code == 0
    assert answers[1] == answers[0]
    assert answers[0][1]["y"] == []
    if facts[-1][1] == "--with":  # (and the deadlock of x and y it ended, where one stood)
        circle = "y waits for x (agreed by all); x waits for y (agreed by all)"
        ended = (
            f"dprk: warning: deadlock: {circle}; with this change it never stood (it was recorded as "
            "standing from 2018-02-22)\n"
            if len(facts) == 3
            else f"dprk: warning: deadlock on 2018-02-01: {circle}; it now ended on 2018-03-01 "
            "(it ended on 2018-06-01; 'dprk --ledger 1.toml plan --as-of 2018-02-01' shows it "
            "then)\n"
        )
        assert result.err.endswith("; y no longer after x\n" + ended), result.err


def test_removing_an_order_the_other_measure_holds_names_the_command_that_drops_it(dprk, empty):
    """'sequence x --remove y' with only y after x: refused as if no order were there."""
    _two(dprk)
    assert dprk("sequence", "y", "--after", "x", "--date", "2018-02-01").code == 0
    before = empty.read_bytes()
    result = dprk("sequence", "x", "--remove", "y", "--date", "2018-03-01")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "dprk: error: measure 'x' has no sequencing constraint with 'y'; 'y' has one toward "
        "it: 'dprk sequence y --remove x --date 2018-03-01' drops it\n"
    )
    assert empty.read_bytes() == before


def test_next_says_what_a_wait_needs_and_why_it_cannot_come_in_one_bracket(dprk, korea):
    """A wait for a finding on a measure since reversed read 'punggye-ri-closure
    (verified) (reversed)'."""
    assert dprk("mark", "punggye-ri-closure", "reversed", "--date", "2018-10-01").code == 0
    assert dprk("add-measure", "Z", "--id", "z", "--actor", "US", "--date", "2018-09-01").code == 0
    assert dprk("sequence", "z", "--after", "punggye-ri-closure", "--require", "verified").code == 0
    row = next(line for line in dprk("next").out.splitlines() if line.startswith("z "))
    assert "punggye-ri-closure (verified; reversed)" in row and ") (" not in row


@pytest.mark.parametrize("held", ["withdrawn", "deadlocked"])
def test_plan_verifies_only_what_a_planned_step_waits_for(dprk, empty, held):
    """b waits for a to be verified, and for w, withdrawn (or for c, with which it is
    deadlocked): b is not planned, yet the plan had a phase to verify a, which no later
    phase waited for (its footer says a verify step is one a later phase waits for)."""
    _made(dprk, "2020-01-01", ("a", "DPRK"), ("b", "US"))
    assert dprk("sequence", "b", "--after", "a", "--require", "verified", "--date",
                "2020-01-02").code == 0  # fmt: skip
    if held == "withdrawn":
        assert dprk("add-measure", "w", "--actor", "US", "--id", "w", "--date", "2020-01-01",
                    "--status", "withdrawn").code == 0  # fmt: skip
        assert dprk("sequence", "b", "--after", "w", "--date", "2020-01-02").code == 0
    else:
        assert dprk("add-measure", "c", "--actor", "DPRK", "--id", "c", "--date",
                    "2020-01-01").code == 0  # fmt: skip
        assert dprk("sequence", "b", "--after", "c", "--date", "2020-01-02").code == 0
        assert dprk("sequence", "c", "--after", "b", "--date", "2020-01-02").code == 0
    before = empty.read_bytes()
    plan = json.loads(dprk("plan", "--format", "json").out)
    assert [(p["measures"], p["verify"]) for p in plan["phases"]] == [(["a"], [])]
    assert empty.read_bytes() == before


def test_an_order_given_with_a_measure_and_given_again_is_kept_as_it_stands(dprk, empty):
    """z added --after x, then `sequence z --after x` dated later: "already after x;
    nothing changed", and a removal dated between, found afterwards, ended the order,
    where an order set by `sequence` is kept as it stands by the same steps."""
    assert dprk("add-measure", "X", "--id", "x", "--actor", "US", "--date", "2018-01-01").code == 0
    assert dprk("add-measure", "Z", "--id", "z", "--actor", "DPRK", "--date", "2018-01-01",
                "--after", "x").code == 0  # fmt: skip
    said = dprk("sequence", "z", "--after", "x", "--date", "2018-07-01")
    assert (said.code, said.err) == (
        0,
        "z: recorded after x on 2018-07-01, as it stands (since 2018-01-01)\n",
    )
    said = dprk("sequence", "z", "--remove", "x", "--date", "2018-03-01")
    assert (said.code, said.err) == (
        0,
        "z: recorded no longer sequenced with x on 2018-03-01; z is after x from 2018-07-01 "
        "on (it was from 2018-01-01)\n",
    )
    shown = json.loads(dprk("show", "z", "--format", "json").out)
    assert [c["after"] for c in shown["constraints"]] == ["x"]
    for day, after in (("2018-02-01", ["x"]), ("2018-04-01", []), ("2018-08-01", ["x"])):
        doc = json.loads(dprk("status", "--as-of", day, "--format", "json").out)
        assert {m["id"]: m["after"] for m in doc["measures"]}["z"] == after
    assert dprk("check").out == "ok: no problems found\n"


def test_an_assumption_takes_its_status_and_extent_in_any_case(dprk, korea):
    """`--status Implemented`, `mark X Agreed` and `--extent Full` take a word in any
    case; --assume alone refused 'Implemented' ('is not a status')."""
    plain = dprk("status", "--assume", "second-summit=implemented:full", "--format", "json")
    for spelled in ("second-summit=Implemented:Full", "second-summit=IMPLEMENTED:full"):
        result = dprk("status", "--assume", spelled, "--format", "json")
        assert result.code == 0, result.err
        assert result.out == plain.out
    wrong = dprk("status", "--assume", "second-summit=done")
    assert wrong.code == 2 and "'done' is not a status" in wrong.err


@pytest.mark.parametrize("command", ["plan", "next", "balance", "status"])
def test_an_assumed_id_is_taken_in_its_exact_case_as_every_command_takes_one(dprk, korea, command):
    """A party's name is taken in any case, an id in its exact case alone, by --assume as
    by `show` and `mark`: 'End-Of-War-Declaration' was refused with the id meant, but
    not why. The refusal says ids are case-sensitive, beside the id meant."""
    before = korea.read_bytes()
    taken = dprk(command, "--assume", "end-of-war-declaration=Implemented")
    assert (taken.code, taken.err) == (0, "")
    assert taken.out.startswith(
        "Hypothetical: as if end-of-war-declaration=implemented (nothing is written)\n"
    )
    said = (
        "no measure with id 'End-Of-War-Declaration' (ids are case-sensitive); did you mean "
        "end-of-war-declaration?"
    )
    refused = dprk(command, "--assume", "End-Of-War-Declaration=implemented")
    assert (refused.code, refused.out, refused.err) == (1, "", f"dprk: error: --assume: {said}\n")
    shown = dprk("show", "End-Of-War-Declaration")
    assert (shown.code, shown.out, shown.err) == (1, "", f"dprk: error: {said}\n")
    assert korea.read_bytes() == before


def test_removing_one_side_s_order_says_the_other_side_s_stands(dprk, empty):
    """Each side demanding the other go first, 'sequence x --remove y' dropped x's order
    and said 'x: no longer sequenced with y', while y still waited for x (next listed it
    blocked). The line says which order went and which stays, and how to drop it. (The
    last removal's line said 'no longer sequenced with x', as if a '--with' had gone: it
    names the order removed.)"""
    _made(dprk, "2015-01-01", ("x", "US"), ("y", "DPRK"))
    assert dprk("sequence", "y", "--after", "x", "--demanded-by", "DPRK").code == 0
    assert dprk("sequence", "x", "--after", "y", "--demanded-by", "US").code == 0
    said = dprk("sequence", "x", "--remove", "y")
    assert (said.code, said.err) == (  # (given today and ended today: no longer stands)
        0,
        "x: no longer after y, demanded by US; y is still after x, demanded by DPRK ('dprk "
        "sequence y --remove x' drops that)\ndprk: warning: deadlock: y waits for x "
        "(demanded by DPRK); x waits for y (demanded by US); it no longer stands\n",
    )
    blocked = json.loads(dprk("next", "--format", "json").out)["blocked"]
    assert [(b["id"], b["waiting_for"]) for b in blocked] == [("y", ["x"])]
    followed = dprk("sequence", "y", "--remove", "x")
    assert (followed.code, followed.err) == (0, "y: no longer after x, demanded by DPRK\n")
    assert json.loads(dprk("next", "--format", "json").out)["blocked"] == []
    assert dprk("check").code == 0


def test_a_verification_that_frees_no_deadlocked_measure_says_so(dprk, empty):
    """el waits for hw to be verified and, in a circle, for ssl: 'next' said verifying hw
    'unblocks el', which stayed deadlocked once hw was verified (plan listed no such
    step). The table marks a measure in a deadlock; the JSON is as before."""
    _made(dprk, "2015-02-12", ("hw", "DPRK"), ("el", "DPRK"), ("ssl", "US"))
    for args in (
        ["el", "--after", "hw", "--require", "verified", "--demanded-by", "US"],
        ["el", "--after", "ssl", "--demanded-by", "DPRK"],
        ["ssl", "--after", "el", "--demanded-by", "US"],
    ):
        assert dprk("sequence", *args).code == 0
    assert dprk("mark", "hw", "implemented", "--date", "2015-03-01").code == 0
    before = empty.read_bytes()
    table = dprk("next").lines
    at = table.index("Verifications needed to unblock")
    assert table[at + 2].split(None, 2) == [
        "hw",
        "DPRK",
        "el (deadlocked; also waits for ssl to act)",
    ], table
    doc = json.loads(dprk("next", "--format", "json").out)
    assert [(v["id"], v["unblocks"]) for v in doc["verify"]] == [("hw", ["el"])]
    assumed = json.loads(dprk("next", "--assume", "hw=verified", "--format", "json").out)
    assert [b["id"] for b in assumed["blocked"] if b["deadlocked"]] == ["el", "ssl"]
    assert empty.read_bytes() == before


def test_a_deadlocked_measure_keeps_its_other_waits_under_the_verification(dprk, empty):
    """a1 waits for v and w to be verified and, in a circle, for b1: 'next' said verifying
    v unblocks "a1 (deadlocked)", its JSON `to_act` empty, where without the circle it
    said a1 also waits for b1 and w to act; w must act whether or not a1 is deadlocked.
    Both are said, deadlocked or not (b1, in the circle, named too), by `next` of today
    and of a past day alike, and `plan` has the same circle."""
    _made(dprk, "2000-01-01", ("a1", "DPRK"), ("b1", "US"), ("v", "US"), ("w", "US"))
    told(dprk, (
        ["mark", "v", "implemented", "--date", "2000-01-02"],
        ["sequence", "a1", "--after", "b1", "--demanded-by", "DPRK", "--date", "2000-01-03"],
        ["sequence", "b1", "--after", "a1", "--demanded-by", "US", "--date", "2000-01-03"],
        ["sequence", "a1", "--after", "v", "--require", "verified", "--demanded-by", "DPRK",
         "--date", "2000-01-03"],
        ["sequence", "a1", "--after", "w", "--require", "verified", "--demanded-by", "DPRK",
         "--date", "2000-01-03"],
    ))  # fmt: skip

    def verify_rows(*as_of: str) -> tuple[list[list[str]], list[dict]]:
        table = dprk("next", *as_of)
        assert table.code == 0, table.err
        lines = [*table.lines[table.lines.index("Verifications needed to unblock") + 2 :], ""]
        rows = [line.split(None, 2) for line in lines[: lines.index("")]]  # (to the notes)
        doc = dprk("next", *as_of, "--format", "json")
        assert doc.code == 0, doc.err
        verify = json.loads(doc.out)["verify"]
        return rows, [(v["id"], v["unblocks"], v["frees"], v["also_waits"]) for v in verify]

    def circles(*as_of: str) -> list[list[str]]:
        found = dprk("plan", *as_of, "--format", "json")
        assert found.code == 0, found.err
        return [d["measures"] for d in json.loads(found.out)["deadlocks"]]

    before = empty.read_bytes()
    waits = {"id": "a1", "to_act": ["b1", "w"], "to_be_verified": []}
    stuck = (
        [["v", "US", "a1 (deadlocked; also waits for b1 and w to act)"]],
        [("v", ["a1"], [], [{**waits, "deadlocked": True}])],
    )
    for as_of in ([], ["--as-of", "2000-01-03"]):
        assert verify_rows(*as_of) == stuck
        assert circles(*as_of) == [["a1", "b1"]]
    assert empty.read_bytes() == before
    # without the circle, the same waits, and a plan that orders a1 after them
    told(dprk, [["sequence", "b1", "--remove", "a1", "--date", "2000-01-04"]])
    assert verify_rows() == (
        [["v", "US", "a1 (also waits for b1 and w to act)"]],
        [("v", ["a1"], [], [{**waits, "deadlocked": False}])],
    )
    assert circles() == []
    plan = json.loads(dprk("plan", "--format", "json").out)["phases"]
    assert [(p["measures"], p["verify"]) for p in plan] == [
        (["b1", "w"], ["v"]),
        ([], ["w"]),
        (["a1"], []),
    ]
    assert verify_rows("--as-of", "2000-01-03") == stuck
    assert circles("--as-of", "2000-01-03") == [["a1", "b1"]]


def test_check_warns_of_measures_to_go_together_that_acted_apart(dprk, empty):
    """Two releases set to be carried out together (--with), carried out a week apart:
    check said ok, where an --after order broken is a warning. It is one now, on the
    measure that acted late (or alone), until both act on one day."""
    for ident, actor in (("a", "DPRK"), ("b", "US"), ("c", "US")):
        assert dprk("add-measure", ident, "--actor", actor, "--id", ident, "--status",
                    "agreed", "--date", "2023-08-10").code == 0  # fmt: skip
    assert dprk("sequence", "a", "--with", "b", "--date", "2023-08-10").code == 0
    assert dprk("mark", "b", "implemented", "--date", "2023-09-18").code == 0
    tail = "which it was to be carried out together with"
    checked = dprk("check")
    assert checked.code == 0
    assert checked.out.splitlines()[0] == (
        f"warning: b: acted on 2023-09-18, while 'a', {tail}, has not acted; no fix needed "
        "if that is what happened; if the order was entered by mistake: 'dprk drop-entry b 2' "
        "[acted-out-of-order]"
    )
    assert dprk("mark", "a", "implemented", "--date", "2023-09-25").code == 0
    assert dprk("check").out.splitlines()[0] == (
        f"warning: a: acted on 2023-09-25, while 'b', {tail}, acted on 2023-09-18; no fix "
        "needed if that is what happened; if the order was entered by mistake: 'dprk drop-entry a 2' "
        "[acted-out-of-order]"
    )
    assert dprk("redate", "a", "3", "2023-09-18").code == 0
    assert dprk("check").out == "ok: no problems found\n"
    # set together after both acted apart: not judged; a partner withdrawn ties nothing
    assert dprk("sequence", "c", "--with", "a", "--date", "2023-10-01").code == 0
    assert dprk("mark", "c", "withdrawn", "--date", "2023-10-02").code == 0
    assert dprk("check").out == "ok: no problems found\n"


def test_a_partner_withdrawn_after_the_other_acted_alone_leaves_it_alone(dprk, empty):
    """Wye River: the PNC voted (14 December) while stage 3, to go with it, stood agreed;
    the stage was withdrawn on the 20th, and the warning that the vote went alone was
    gone, where a broken --after order's stays. A partner withdrawn after the other acted
    left it alone all the same; one withdrawn before it acted ties nothing."""
    for ident, actor in (("vote", "DPRK"), ("stage", "US"), ("arrests", "DPRK"), ("x", "US")):
        assert dprk("add-measure", ident, "--actor", actor, "--id", ident, "--status",
                    "agreed", "--date", "1998-10-23").code == 0  # fmt: skip
    assert dprk("sequence", "vote", "--with", "stage", "--date", "1998-10-23").code == 0
    assert dprk("sequence", "arrests", "--with", "x", "--date", "1998-10-23").code == 0
    assert dprk("mark", "vote", "implemented", "--date", "1998-12-14").code == 0
    assert dprk("mark", "x", "withdrawn", "--date", "1998-12-01").code == 0
    assert dprk("mark", "arrests", "implemented", "--date", "1998-12-10").code == 0
    said = (
        "warning: vote: acted on 1998-12-14, while 'stage', which it was to be carried out "
        "together with, {}; no fix needed if that is what happened; if the order was entered by mistake: 'dprk "
        "drop-entry vote 2' [acted-out-of-order]"
    )
    assert dprk("check").out.splitlines() == [said.format("has not acted"), "0 errors, 1 warning"]
    assert dprk("mark", "stage", "withdrawn", "--date", "1998-12-20").code == 0
    checked = dprk("check")
    assert checked.code == 0
    assert checked.out.splitlines() == [
        said.format("was withdrawn on 1998-12-20 without acting"),
        "0 errors, 1 warning",
    ]


def test_measures_together_are_judged_from_the_day_they_were_set_together(dprk, empty):
    """A measure carried out, reversed, then set together with another and carried out
    again with it on one day drew a warning naming its first action, before they were
    set together; a measure made of parts set together with another, its part acting
    days after, drew none."""
    _made(dprk, "2020-01-01", ("a", "US"), ("b", "DPRK"), ("w", "DPRK"), ("x", "US"))
    assert dprk("add-measure", "P", "--actor", "DPRK", "--id", "p", "--part-of", "w",
                "--date", "2020-01-01").code == 0  # fmt: skip
    for args in (
        ["mark", "a", "implemented", "--date", "2020-01-03"],
        ["mark", "a", "reversed", "--date", "2020-01-04"],
        ["sequence", "a", "--with", "b", "--date", "2020-01-05"],
        ["mark", "a", "implemented", "--date", "2020-01-06"],
        ["mark", "b", "implemented", "--date", "2020-01-06"],
        ["sequence", "w", "--with", "x", "--date", "2020-01-02"],
        ["mark", "x", "implemented", "--date", "2020-01-05"],
        ["mark", "p", "implemented", "--date", "2020-01-09"],
    ):
        assert dprk(*args).code == 0, args
    assert dprk("check").out == (
        "warning: w: acted on 2020-01-09, while 'x', which it was to be carried out together "
        "with, acted on 2020-01-05; no fix needed if that is what happened; if the order was entered by "
        "mistake: 'dprk drop-entry w 2' [acted-out-of-order]\n0 errors, 1 warning\n"
    )


def test_an_order_or_a_link_given_again_says_since_when_it_has_stood(dprk, empty):
    """Given again on the 10th and the 11th, the order of the 2nd said 'as it stands
    (since 2020-01-10)' the second time: the day it was last given, not since when it
    stood. So with --with and an exchange link; an unlink breaks the run."""
    _made(dprk, "2020-01-01", ("a", "US"), ("b", "DPRK"))
    said = [
        dprk(*args).err
        for args in (
            ["sequence", "a", "--after", "b", "--date", "2020-01-02"],
            ["sequence", "a", "--after", "b", "--date", "2020-01-10"],
            ["sequence", "a", "--after", "b", "--date", "2020-01-11"],
            ["sequence", "a", "--with", "b", "--date", "2020-02-01"],
            ["sequence", "a", "--with", "b", "--date", "2020-02-03"],
            ["sequence", "a", "--with", "b", "--date", "2020-02-05"],
            ["link", "a", "b", "--date", "2020-03-01"],
            ["link", "a", "b", "--date", "2020-03-05"],
            ["link", "a", "b", "--date", "2020-03-07"],
            ["unlink", "a", "b", "--date", "2020-03-10"],
            ["link", "a", "b", "--date", "2020-03-12"],
            ["link", "a", "b", "--date", "2020-03-14"],
        )
    ]
    assert [line.split(", as it stands ")[-1] for line in said if "as it stands" in line] == [
        "(since 2020-01-02)\n",
        "(since 2020-01-02)\n",
        "(since 2020-02-01)\n",
        "(since 2020-02-01)\n",
        "(since 2020-03-01)\n",
        "(since 2020-03-01)\n",
        "(since 2020-03-12)\n",
    ]
    assert dprk("check").code == 0


def test_an_order_or_a_link_given_again_without_a_date_changes_nothing_as_help_says(dprk, empty):
    """'--date: ... default today', the help of sequence and link said; yet an order or a
    link that stands, given again without a date, changed nothing ('already ...; nothing
    changed'), where given again dated today it was recorded as it stands. A command run
    again records nothing new (as mark records no step given again without a date): the
    help says so, and a date given still records it."""
    _made(dprk, "2020-01-01", ("a", "US"), ("b", "DPRK"))
    assert dprk("sequence", "a", "--after", "b", "--date", "2020-01-02").code == 0
    assert dprk("link", "a", "b", "--date", "2020-01-02").code == 0
    before = empty.read_bytes()
    again = dprk("sequence", "a", "--after", "b")
    assert (again.code, again.err) == (0, "a: already after b; nothing changed\n")
    again = dprk("link", "a", "b")
    assert (again.code, again.err) == (0, "a: already in exchange for b; nothing changed\n")
    assert empty.read_bytes() == before
    for command, what in (("sequence", "an order"), ("link", "a link")):
        shown = " ".join(dprk(command, "--help").out.split())
        assert (
            f"--date YYYY-MM-DD When it happened (YYYY-MM-DD, not after today); default "
            f"today, but {what} that stands, given again without --date, is left as it is "
            "(nothing changed); with a later --date it is recorded as it stands."
        ) in shown, shown
    said = [
        dprk(*args, "--date", str(today())).err
        for args in (["sequence", "a", "--after", "b"], ["link", "a", "b"])
    ]
    assert said == [
        f"a: recorded after b on {today()}, as it stands (since 2020-01-02)\n",
        f"a: recorded in exchange for b on {today()}, as it stands (since 2020-01-02)\n",
    ]


def test_an_order_or_link_that_stays_says_since_when_it_has_stood(dprk, empty):
    """A change dated between, found later, leaves the order or the link as it stands:
    its line said 'stays ... (since D)' with the day it was last given, where the line of
    the next re-record said the day it had stood from."""
    _made(dprk, "2020-01-01", ("a", "DPRK"), ("b", "US"))
    said = [
        dprk(*args).err.strip()
        for args in (
            ["sequence", "a", "--after", "b", "--date", "2020-01-10"],
            ["sequence", "a", "--after", "b", "--date", "2020-03-01"],
            ["sequence", "a", "--with", "b", "--date", "2020-01-05"],
            ["link", "a", "b", "--date", "2020-05-15"],
            ["link", "a", "b", "--date", "2020-07-01"],
            ["link", "a", "b", "--date", "2020-06-01"],
            ["unlink", "a", "b", "--date", "2020-06-15"],
        )
    ]
    assert (
        said[2] == "a: recorded together with b on 2020-01-05; a stays after b (since 2020-01-10)"
    )
    assert said[5] == (
        "a: recorded in exchange for b on 2020-06-01; a stays in exchange for b (since 2020-05-15)"
    )
    assert said[6] == (
        "a: recorded no longer in exchange for b on 2020-06-15; a is in exchange for b "
        "from 2020-07-01 on (it was from 2020-05-15)"
    )


def test_a_deadlock_the_change_did_not_close_is_said_to_stand_still(dprk, korea):
    """An order removed, entered again, or toward a measure outside the cycle warned
    'deadlock: ...' as if the change had closed it: a user read it as 'my removal made a
    deadlock'. Only the order that closes one says 'deadlock'; the others say the
    deadlock still stands."""
    assert dprk("sequence", "second-summit", "--after", "pompeo-pyongyang-visit").code == 0
    closing = dprk(
        "sequence", "pompeo-pyongyang-visit", "--after", "second-summit", "--date", "2018-09-11"
    )
    assert closing.code == 0
    assert "dprk: warning: deadlock: second-summit waits for pompeo-pyongyang-visit" in (
        closing.err
    )
    again = dprk(
        "sequence", "pompeo-pyongyang-visit", "--after", "second-summit", "--date", "2018-09-11"
    )
    assert again.code == 0 and "nothing changed" in again.err
    assert "dprk: warning: still deadlocked: second-summit waits for" in again.err
    assert "warning: deadlock:" not in again.err
    before = korea.read_bytes()
    outside = dprk(
        "sequence",
        "pompeo-pyongyang-visit",
        "--after",
        "punggye-ri-closure",
        "--date",
        "2018-09-12",
    )
    assert outside.code == 0 and korea.read_bytes() != before
    assert "dprk: warning: still deadlocked: second-summit waits for" in outside.err
    removed = dprk(
        "sequence", "pompeo-pyongyang-visit", "--remove", "punggye-ri-closure", "--date",
        "2018-09-13",
    )  # fmt: skip
    assert removed.code == 0
    assert "warning: deadlock:" not in removed.err
    assert "dprk: warning: still deadlocked: second-summit waits for" in removed.err


@pytest.mark.parametrize(
    "change", [("--demanded-by", "ROK"), ("--require", "verified", "--demanded-by", "DPRK")]
)
def test_a_demand_given_by_another_party_or_asking_another_step_keeps_the_deadlock_s_day(
    dprk, korea, change
):
    """The 2018 circle stands from 2018-07-07. Its demand given again by ROK kept that
    day and warned it still stood; given again asking end-of-war-declaration verified,
    the circle standing without a break all along, plan dated it from the change's day
    and the warning called it a new deadlock. Both keep the day, and say it stands."""
    before = korea.read_bytes()
    given = dprk("sequence", "inventory-submission", "--after", "end-of-war-declaration",
                 *change, "--date", "2018-08-05")  # fmt: skip
    assert given.code == 0 and korea.read_bytes() != before, given.err
    assert "dprk: warning: still deadlocked: inventory-submission waits for " in given.err
    assert "warning: deadlock:" not in given.err
    plan = dprk("plan", "--format", "csv")
    assert plan.code == 0
    rows = [r for r in csv.DictReader(io.StringIO(plan.out)) if r["step"] == "deadlocked"]
    assert len(rows) == 2 and {r["since"] for r in rows} == {"2018-07-07"}, plan.out
    as_json = json.loads(dprk("plan", "--format", "json").out)
    assert [d["since"] for d in as_json["deadlocks"]] == ["2018-07-07"]
    assert "Deadlock 1 since 2018-07-07: " in dprk("plan").out


def _protocols(dprk, *more: tuple[str, str, str]) -> None:
    """The Armenia–Turkey protocols as a deadlock (Turkey's ratification, the border,
    Nagorno-Karabakh) with Armenia's ratification waiting behind it, and `more` orders
    (a measure of their first id is added for each)."""
    for ident in ("tr-ratify", "border-open", "nk-withdrawal", "am-ratify", *(m[0] for m in more)):
        assert dprk("add-measure", ident, "--actor", "US", "--id", ident, "--date",
                    "2009-10-10").code == 0  # fmt: skip
    for args in (
        ("border-open", "--after", "tr-ratify"),
        ("nk-withdrawal", "--after", "border-open"),
        ("tr-ratify", "--after", "nk-withdrawal"),
        ("am-ratify", "--after", "tr-ratify"),
        *more,
    ):
        assert dprk("sequence", *args, "--date", "2009-12-07").code == 0


def test_next_says_what_waits_behind_a_deadlock(dprk, empty):
    """Armenia's ratification waited for Turkey's, which sat in a deadlock: `next` noted
    nothing, and a reader thought Armenia only had to wait for Turkey. `plan` said
    '(deadlocked)'; `next` says the measure is behind a deadlock."""
    _protocols(dprk)
    table = dprk("next").out
    assert re.search(r"\nam-ratify +US +tr-ratify +behind a deadlock\n", table)
    assert re.search(r"\ntr-ratify +US +nk-withdrawal +deadlocked\n", table)


def test_an_order_that_replaces_one_of_the_other_kind_and_closes_a_deadlock_says_so(dprk, empty):
    """A part was to go together with its whole; made to go after it instead (which
    replaces the together), it waits for the whole, which acts through it: a deadlock
    this change made. The warning said 'still deadlocked', as if it stood before: the
    measure held an order toward the whole, of the other kind."""
    assert (
        dprk("add-measure", "Whole", "--actor", "US", "--id", "w", "--date", "2020-01-01").code == 0
    )
    assert dprk("add-measure", "Part", "--actor", "US", "--id", "p", "--part-of", "w", "--date",
                "2020-01-02").code == 0  # fmt: skip
    together = dprk("sequence", "p", "--with", "w", "--date", "2020-01-03")
    assert together.code == 0 and "deadlock" not in together.err
    before = empty.read_bytes()
    after = dprk("sequence", "p", "--after", "w", "--date", "2020-01-04")
    assert after.code == 0 and empty.read_bytes() != before
    assert after.err.startswith("p: after w (replaces: p together with w; w together with p)")
    assert "dprk: warning: deadlock: p waits for w (agreed by all); w acts through its part p" in (
        after.err
    )
    assert "still deadlocked" not in after.err
    check = dprk("check")  # (a deadlock is a warning)
    assert check.code == 0 and "warning: p: deadlock: p waits for w" in check.out


def test_an_order_that_comes_to_ask_verified_of_what_it_asked_acted_and_closes_a_deadlock(
    dprk, empty
):
    """A part after its whole, once it has acted, waits for another part: no deadlock.
    Asked to wait for the whole verified, it waits for itself: a deadlock this change
    made, which the warning called 'still deadlocked' (the part held an order toward the
    whole, asking less). Asking less again leaves none to warn of."""
    assert (
        dprk("add-measure", "Whole", "--actor", "US", "--id", "w", "--date", "2020-01-01").code == 0
    )
    for ident in ("p", "q"):
        assert dprk("add-measure", ident.upper(), "--actor", "US", "--id", ident, "--part-of",
                    "w", "--date", "2020-01-02").code == 0  # fmt: skip
    acted = dprk("sequence", "p", "--after", "w", "--date", "2020-01-03")
    assert acted.code == 0 and "deadlock" not in acted.err
    before = empty.read_bytes()
    verified = dprk(
        "sequence", "p", "--after", "w", "--require", "verified", "--date", "2020-01-04"
    )
    assert verified.code == 0 and empty.read_bytes() != before
    assert verified.err.startswith("p: after w (verified) (replaces: p after w)\n")
    assert (  # (w may act through q: what p waits for is its finding, which p's own is)
        "dprk: warning: deadlock: p waits for w to be verified (agreed by all); w is verified "
        "only once its part p acts and is verified; " in verified.err
    )
    assert "still deadlocked" not in verified.err
    again = dprk("sequence", "p", "--after", "w", "--require", "verified", "--date", "2020-01-05")
    assert "dprk: warning: still deadlocked: p waits for w to be verified" in again.err
    back = dprk("sequence", "p", "--after", "w", "--date", "2020-01-06")
    assert back.code == 0 and "still deadlocked" not in back.err
    assert back.err.endswith(  # (the deadlock it ended, as one made on a past day is said)
        "dprk: warning: deadlock on 2020-01-04: p waits for w to be verified (agreed by all); "
        "w is verified only once its part p acts and is verified; it no longer stands ('dprk "
        "plan --as-of 2020-01-04' shows it then)\n"
    )


def test_an_order_dated_before_one_that_stays_in_force_leaves_a_deadlock_still_standing(
    dprk, empty
):
    """A February idea of simultaneous steps, found after the March demands and dated
    before them, is recorded and changes nothing in force (the line says the measure
    'stays after' the other). The warning said 'deadlock:', as if the entry had made the
    circle the demands made."""
    for ident in ("elections", "border"):
        assert dprk("add-measure", ident.title(), "--actor", "ROK", "--id", ident, "--date",
                    "2015-02-12").code == 0  # fmt: skip
    assert dprk("sequence", "elections", "--after", "border", "--demanded-by", "US", "--date",
                "2015-03-01").code == 0  # fmt: skip
    closing = dprk("sequence", "border", "--after", "elections", "--demanded-by", "ROK",
                   "--date", "2015-03-05")  # fmt: skip
    assert "dprk: warning: deadlock: elections waits for border (demanded by US)" in closing.err
    before = empty.read_bytes()
    idea = dprk("sequence", "elections", "--with", "border", "--date", "2015-02-20")
    assert idea.code == 0 and empty.read_bytes() != before
    assert idea.err == (
        "elections: recorded together with border on 2015-02-20; elections stays after "
        "border, demanded by US (since 2015-03-01)\n"
        "dprk: warning: still deadlocked: elections waits for border (demanded by US); "
        "border waits for elections (demanded by ROK); 'dprk plan' shows it\n"
    )
    earlier = dprk("sequence", "border", "--after", "elections", "--require", "verified",
                   "--demanded-by", "ROK", "--date", "2015-03-02")  # fmt: skip
    assert earlier.code == 0, earlier.err
    # (the circle, whatever the wait asks, stands from this day now: said, as plan dates it)
    assert earlier.err.endswith(
        "dprk: warning: deadlock: elections waits for border (demanded by US); border waits "
        "for elections (demanded by ROK); it now stands from 2015-03-02 (it was from "
        "2015-03-05); 'dprk plan' shows it\n"
    )
    assert "Deadlock 1 since 2015-03-02: " in dprk("plan").out


def test_next_says_in_its_json_and_csv_what_waits_behind_a_deadlock(dprk, empty):
    """The table's note 'behind a deadlock' was the table's alone: a script reading
    `next --format json` or csv saw a blocked measure, and not that it could not move
    until a deadlock was broken. Each blocked record says so, `behind_deadlock`."""
    _protocols(dprk, ("side", "--after", "am-ratify"))
    doc = json.loads(dprk("next", "--format", "json").out)
    said = {r["id"]: (r["deadlocked"], r["behind_deadlock"]) for r in doc["blocked"]}
    assert said == {
        "am-ratify": (False, True),
        "border-open": (True, False),
        "nk-withdrawal": (True, False),
        "side": (False, True),
        "tr-ratify": (True, False),
    }
    rows = list(csv.DictReader(io.StringIO(dprk("next", "--format", "csv").out)))
    assert {r["id"]: r["behind_deadlock"] for r in rows if r["state"] == "blocked"} == {
        "am-ratify": "true", "border-open": "false", "nk-withdrawal": "false",
        "side": "true", "tr-ratify": "false",
    }  # fmt: skip


def test_next_for_one_party_still_says_what_waits_behind_another_party_s_deadlock(dprk, empty):
    """With --party, a measure waiting for another party's deadlocked measure lost its note
    and `behind_deadlock`: the deadlock was looked for among the rows shown only. A party
    chosen leaves out rows, not what a row says; on a past day too."""
    for party in ("A", "B"):
        assert dprk("add-party", party).code == 0
    for args in (
        ("add-measure", "a", "--actor", "A", "--id", "a", "--date", "2000-01-01"),
        ("add-measure", "b", "--actor", "B", "--id", "b", "--date", "2000-01-01",
         "--in-exchange-for", "a"),
        ("sequence", "a", "--after", "b", "--demanded-by", "A", "--date", "2000-01-01"),
        ("sequence", "b", "--after", "a", "--demanded-by", "B", "--date", "2000-01-01"),
        ("add-measure", "c", "--actor", "B", "--id", "c", "--date", "2000-01-01",
         "--after", "a"),
    ):  # fmt: skip
        assert dprk(*args).code == 0
    before = empty.read_bytes()
    for days in ([], ["--as-of", "2000-06-01"]):
        for party in ([], ["--party", "B"], ["--party", "b"]):
            doc = json.loads(dprk("next", *party, *days, "--format", "json").out)
            said = {r["id"]: (r["deadlocked"], r["behind_deadlock"]) for r in doc["blocked"]}
            assert said["c"] == (False, True), (party, days)
            assert said["b"] == (True, False)
            rows = list(csv.DictReader(io.StringIO(dprk("next", *party, *days, "--format",
                                                        "csv").out)))  # fmt: skip
            assert {r["id"]: r["behind_deadlock"] for r in rows}["c"] == "true"
            table = dprk("next", *party, *days)
            assert table.code == 0
            line = next(x for x in table.lines if x.startswith("c "))
            assert line.rstrip().endswith("behind a deadlock"), line
    assert empty.read_bytes() == before


def test_next_says_a_measure_waiting_for_a_whole_a_deadlock_runs_through_is_behind_it(dprk, empty):
    """jp waits for the whole w, through whose part p1 a deadlock runs (p1 after us2, us2
    after w): `plan` held jp as deadlocked, `next` gave it no note, with or without
    --party, for a whole is no row of its own and the deadlock was looked for among the
    rows. The measures of the deadlock are those `plan` names, wholes included."""
    for args in (
        ("add-measure", "Whole", "--actor", "DPRK", "--id", "w", "--date", "2018-07-01"),
        ("add-measure", "P1", "--actor", "DPRK", "--id", "p1", "--part-of", "w",
         "--date", "2018-07-01"),
        ("add-measure", "US step", "--actor", "US", "--id", "us2", "--date", "2018-07-01"),
        ("add-measure", "ROK step", "--actor", "ROK", "--id", "jp", "--date", "2018-07-01",
         "--after", "w"),
        ("sequence", "p1", "--after", "us2", "--demanded-by", "DPRK", "--date", "2018-07-08"),
        ("sequence", "us2", "--after", "w", "--demanded-by", "US", "--date", "2018-07-08"),
    ):  # fmt: skip
        assert dprk(*args).code == 0
    plan = json.loads(dprk("plan", "--format", "json").out)
    assert {b["id"]: [h["reason"] for h in b["holds"]] for b in plan["blocked"]}["jp"] == [
        "deadlocked"
    ]
    for party in ([], ["--party", "ROK"]):
        for _ in range(2):  # (found now, then as kept)
            doc = json.loads(dprk("next", *party, "--format", "json").out)
            said = {r["id"]: (r["deadlocked"], r["behind_deadlock"]) for r in doc["blocked"]}
            assert said["jp"] == (False, True), party
            line = next(x for x in dprk("next", *party).lines if x.startswith("jp "))
            assert line.rstrip().endswith("behind a deadlock"), line


@pytest.mark.parametrize("in_date_order", [True, False])
def test_a_with_ended_before_the_other_s_later_order_is_ended_once_in_either_order(
    dprk, empty, in_date_order
):
    """a and b were to go together; b was then to follow a, which ended the together on
    a's side as on b's; the earlier end of the together, found later, was recorded, and a
    kept a second end, of a together already ended, on the day of b's order: a's last
    date, --since and --until said 2018 where typed in date order they say 2017. The
    line said 'a stays not sequenced with b (since 2018-09-01)'."""
    for ident in ("a", "b"):
        assert dprk("add-measure", ident, "--actor", "US", "--id", ident, "--date",
                    "2016-01-01").code == 0  # fmt: skip
    steps = [
        ("a", "--with", "b", "--date", "2017-06-01"),
        ("a", "--remove", "b", "--date", "2017-12-01"),
        ("b", "--after", "a", "--date", "2018-09-01"),
    ]
    if not in_date_order:
        steps = [steps[0], steps[2], steps[1]]
    said = [dprk("sequence", *args) for args in steps]
    assert all(r.code == 0 for r in said), [r.err for r in said]
    removal = said[1] if in_date_order else said[2]
    assert removal.err == "a: no longer together with b\n"
    log = json.loads(dprk("log", "a", "--format", "json").out)
    assert [(e["date"], e["detail"]) for e in log] == [
        ("2016-01-01", "created as proposed"),
        ("2017-06-01", "together with b"),
        ("2017-12-01", "removed: together with b"),
    ]
    assert dprk("status", "--since", "2018-06-01", "--format", "ids").out == "b\n"
    assert dprk("check").out == "ok: no problems found\n"


def test_a_removal_dated_before_the_other_s_order_advises_what_works(dprk, empty):
    """'a' had no order toward 'b', and 'b' one toward 'a' from 2018: a removal by 'a'
    dated 2017 advised 'dprk sequence b --remove a', which, dated 2017 as typed, was
    refused in turn (b's order began in 2018). The advice says from when that works, and
    how to record the end of an order of a's not entered yet, which works as said."""
    for ident in ("a", "b"):
        assert dprk("add-measure", ident, "--actor", "US", "--id", ident, "--date",
                    "2016-01-01").code == 0  # fmt: skip
    assert dprk("sequence", "b", "--after", "a", "--date", "2018-01-01").code == 0
    before = empty.read_bytes()
    refused = dprk("sequence", "a", "--remove", "b", "--date", "2017-01-01")
    assert (refused.code, refused.err) == (
        1,
        "dprk: error: measure 'a' has no sequencing constraint with 'b'; 'b' has one toward "
        "it, set on 2018-01-01 ('dprk sequence b --remove a' drops it, dated that day or "
        "later); to record the end of an order of a's not entered yet, enter it first, "
        "dated before 2017-01-01, then its removal\n",
    )
    assert empty.read_bytes() == before
    assert dprk("sequence", "a", "--after", "b", "--date", "2016-06-01").code == 0
    ended = dprk("sequence", "a", "--remove", "b", "--date", "2017-01-01")
    assert ended.code == 0, ended.err
    assert ended.err.startswith("a: no longer after b")
    assert dprk("sequence", "b", "--remove", "a", "--date", "2018-01-01").code == 0


def test_an_order_dated_in_the_past_that_closed_a_deadlock_then_says_so(dprk, empty):
    """The declaration and the delisting each waited for the other from January 2008,
    until the declaration came in June: typed now, the order that closed the circle was
    recorded without a word (the deadlock stands no longer), while `plan --as-of` showed
    it. It is said of its day; an order entered again says nothing more."""
    assert dprk("add-measure", "Declare", "--actor", "DPRK", "--id", "declare", "--status",
                "agreed", "--date", "2008-01-01").code == 0  # fmt: skip
    assert dprk("add-measure", "Delist", "--actor", "US", "--id", "delist", "--status",
                "agreed", "--date", "2008-01-01").code == 0  # fmt: skip
    assert dprk("mark", "declare", "implemented", "--date", "2008-06-26").code == 0
    first = dprk("sequence", "delist", "--after", "declare", "--demanded-by", "US", "--date",
                 "2008-01-15")  # fmt: skip
    assert (first.code, first.err) == (0, "delist: after declare, demanded by US\n")
    closing = dprk("sequence", "declare", "--after", "delist", "--demanded-by", "DPRK",
                   "--date", "2008-01-15")  # fmt: skip
    assert (closing.code, closing.err) == (
        0,
        "declare: after delist, demanded by DPRK\n"
        "dprk: warning: deadlock on 2008-01-15: delist waits for declare (demanded by US); "
        "declare waits for delist (demanded by DPRK); it no longer stands ('dprk plan "
        "--as-of 2008-01-15' shows it then)\n"
        "dprk: warning: declare: acted on 2008-06-26 although 'delist', which it was to "
        "follow, demanded by DPRK, has not acted; no fix needed if that is what happened; if "
        "the order was entered by mistake: 'dprk drop-entry declare 2'\n",
    )
    assert "Deadlock 1 since 2008-01-15: " in dprk("plan", "--as-of", "2008-01-15").out
    assert "Deadlock" not in dprk("plan").out.replace("Deadlocks\n(no deadlocks)", "")
    again = dprk("sequence", "declare", "--after", "delist", "--demanded-by", "DPRK",
                 "--date", "2008-01-15")  # fmt: skip
    assert "warning" not in again.err


def test_an_order_recorded_before_a_later_with_that_closed_a_deadlock_then_says_so(dprk, empty):
    """Little Switch, 1953: the sick and wounded were to go together from 11 April; the
    two demands that each side go first, found later and dated 30 March, closed a
    deadlock on that day which `plan --as-of` showed, and the order that closed it was
    recorded without a word, the later `with` being in force today."""
    assert dprk("add-measure", "UNC sick", "--actor", "US", "--id", "unc", "--date",
                "1953-02-22").code == 0  # fmt: skip
    assert dprk("add-measure", "KPA sick", "--actor", "DPRK", "--id", "kpa", "--date",
                "1953-03-28", "--in-exchange-for", "unc").code == 0  # fmt: skip
    assert dprk("sequence", "unc", "--with", "kpa", "--date", "1953-04-11").code == 0
    first = dprk("sequence", "kpa", "--after", "unc", "--demanded-by", "DPRK", "--date",
                 "1953-03-30")  # fmt: skip
    assert first.code == 0 and "warning" not in first.err, first.err
    closing = dprk("sequence", "unc", "--after", "kpa", "--demanded-by", "US", "--date",
                   "1953-03-30")  # fmt: skip
    assert (closing.code, closing.err) == (
        0,
        "unc: recorded after kpa, demanded by US on 1953-03-30; unc stays together with kpa "
        "(since 1953-04-11)\n"
        "dprk: warning: deadlock on 1953-03-30: unc waits for kpa (demanded by US); kpa waits "
        "for unc (demanded by DPRK); it no longer stands ('dprk plan --as-of 1953-03-30' "
        "shows it then)\n",
    )
    assert "Deadlock 1 since 1953-03-30: " in dprk("plan", "--as-of", "1953-03-30").out
    again = dprk("sequence", "unc", "--after", "kpa", "--demanded-by", "US", "--date",
                 "1953-03-30")  # fmt: skip
    assert "warning" not in again.err


def test_redating_a_together_back_before_an_order_writes_no_second_end(dprk, empty):
    """Paris, 1973: a with b (January), a after b (February, which ended the together on
    both), together again (March), that last one redated to mid-January: b's log showed
    'removed: together with a' twice on 1 February, an end that happened once."""
    for ident, actor in (("a", "US"), ("b", "DPRK")):
        assert dprk("add-measure", ident, "--actor", actor, "--id", ident,
                    "--date", "1973-01-01").code == 0  # fmt: skip
    for args in (
        ["a", "--with", "b", "--date", "1973-01-01"],
        ["a", "--after", "b", "--demanded-by", "US", "--date", "1973-02-01"],
        ["a", "--with", "b", "--date", "1973-03-01"],
    ):
        assert dprk("sequence", *args).code == 0
    moved = dprk("redate", "a", "4", "1973-01-15")
    assert moved.code == 0, moved.err
    log = [(e["date"], e["detail"]) for e in json.loads(dprk("log", "b", "-f", "json").out)]
    assert log.count(("1973-02-01", "removed: together with a")) == 1
    shown = json.loads(dprk("show", "a", "--as-of", "1973-02-10", "--format", "json").out)
    assert [c["after"] for c in shown["constraints"]] == ["b"]
    assert dprk("check").out == "ok: no problems found\n"


def test_check_s_advice_for_a_with_written_on_one_side_records_it_on_both(dprk, empty):
    """A `with` written by hand on one measure only: check advises 'dprk sequence A --with
    B'. Given with a date after the order's last change, it said 'recorded ... as it
    stands' and wrote an entry on each, but not the order on B: check failed as before."""
    for ident in ("a", "b"):
        assert dprk("add-measure", ident, "--actor", "US", "--id", ident,
                    "--date", "2018-01-01").code == 0  # fmt: skip
    assert dprk("sequence", "a", "--after", "b", "--date", "2018-01-01").code == 0
    text = empty.read_text(encoding="utf-8")
    assert text.count('{ after = "b" }') == 1
    empty.write_text(text.replace('{ after = "b" }', '{ with = "b" }'), encoding="utf-8")
    advised = dprk("check")
    assert advised.code == 1
    assert (
        "run 'dprk sequence a --with b --date 2018-01-01' to record it on both (from the day it "
        "was set) [one-sided-with]" in advised.out
    )
    followed = dprk("sequence", "a", "--with", "b", "--date", "2018-02-01")
    assert followed.code == 0, followed.err
    assert followed.err == "a: together with b (recorded on both)\n"
    assert dprk("check").out == "ok: no problems found\n"
    data = tomllib.loads(empty.read_text(encoding="utf-8"))
    orders = {m["id"]: m.get("constraints") for m in data["measures"]}
    assert orders == {"a": [{"with": "b"}], "b": [{"with": "a"}]}
    b_log = json.loads(dprk("log", "b", "--format", "json").out)
    assert (b_log[-1]["date"], b_log[-1]["detail"]) == ("2018-02-01", "together with a")


def test_an_order_entered_by_mistake_is_taken_back_as_check_advises(dprk, korea):
    """An order entered by mistake made check warn that a measure acted out of order, 'no
    fix needed if that is what happened', with no fix for a mistake; the documented
    'sequence --remove', undated, left the warning ('it was to follow it until today').
    The warning names the command that takes back the change that set the order (once
    the removal dated the day it was set, which also ended any order that change had
    replaced: it is drop-entry now); followed, it is gone."""
    args = ["joint-exercise-suspension", "--after", "remains-repatriation"]
    assert dprk("sequence", *args, "--date", "2018-06-13").code == 0
    warned = dprk("check").out
    advice = (
        "no fix needed if that is what happened; if the order was entered by mistake: 'dprk drop-entry "
        "joint-exercise-suspension 2' [acted-out-of-order]"
    )
    assert advice in warned
    before = korea.read_bytes()
    assert dprk("sequence", args[0], "--remove", args[2]).code == 0
    assert "joint-exercise-suspension: acted on 2018-06-18" in dprk("check").out
    assert dprk("undo").code == 0 and korea.read_bytes() == before
    followed = dprk("drop-entry", args[0], "2")
    assert followed.code == 0, followed.err
    assert "joint-exercise-suspension" not in dprk("check").out


@pytest.mark.parametrize("whole", [False, True])
def test_an_order_given_again_on_an_earlier_day_is_taken_back_whole_as_check_advises(
    dprk, empty, whole
):
    """An order given again, dated earlier than it was set ('from 2020-01-05 on (it was
    from 2020-01-10)'): check's advice for an order entered by mistake named the change
    dated last alone; followed, the one dated before still gave the order, and check
    warned again, naming it. Every change that gives the order is named, the last first,
    joined with '&&'; followed as written, the warning is gone. So through a whole its
    part acted in."""
    holder, actor = ("w", "p") if whole else ("x", "x")
    assert dprk("add-measure", "X", "--actor", "US", "--id", holder,
                "--date", "2020-01-01").code == 0  # fmt: skip
    if whole:
        assert dprk("add-measure", "P", "--actor", "US", "--id", "p", "--part-of", "w",
                    "--date", "2020-01-01").code == 0  # fmt: skip
    assert dprk("add-measure", "Y", "--actor", "DPRK", "--id", "y",
                "--date", "2020-01-01").code == 0  # fmt: skip
    order = ["sequence", holder, "--after", "y", "--demanded-by", "US", "--date"]
    assert dprk(*order, "2020-01-10").code == 0
    again = dprk(*order, "2020-01-05")
    assert again.code == 0, again.err
    assert "from 2020-01-05 on (it was from 2020-01-10)" in again.err
    assert dprk("mark", actor, "implemented", "--date", "2020-02-01").code == 0
    before = empty.read_bytes()
    warned = dprk("check")
    assert warned.code == 0
    whose = " as part of 'w'" if whole else ""
    assert warned.out == (
        f"warning: {actor}: acted on 2020-02-01 although 'y', which it was to follow{whose}, "
        "demanded by US, has not acted; no fix needed if that is what happened; if the order "
        f"was entered by mistake: 'dprk drop-entry {holder} 3 && dprk drop-entry {holder} 2' "
        "[acted-out-of-order]\n0 errors, 1 warning\n"
    )
    assert empty.read_bytes() == before
    advised = re.search(r"entered by mistake: '([^']*)'", warned.out)
    assert advised is not None
    for command in advised.group(1).split(" && "):
        followed = dprk(*shlex.split(command)[1:])
        assert followed.code == 0, followed.err
    assert dprk("check").out == "ok: no problems found\n"
    assert 'after = "y"' not in empty.read_text(encoding="utf-8")


def test_a_pair_set_together_on_the_day_one_acted_is_not_judged(dprk, empty):
    """The US ended 'wet foot, dry foot' on 12 January 2017, and the same day Cuba agreed
    to take back deportees together with it: check warned that it acted while its partner
    had not, though a pair one of which was acting already is not judged (as it was, set
    together a day later). Acting on the day they were set together is acting already."""
    assert dprk("add-party", "Cuba").code == 0
    for ident, actor in (("a", "US"), ("b", "Cuba")):
        assert dprk("add-measure", ident, "--actor", actor, "--id", ident,
                    "--date", "2017-01-10").code == 0  # fmt: skip
    assert dprk("mark", "a", "implemented", "--date", "2017-01-12").code == 0
    assert dprk("sequence", "b", "--with", "a", "--date", "2017-01-12").code == 0
    assert dprk("check").out == "ok: no problems found\n"
    assert dprk("mark", "b", "implemented", "--date", "2017-01-13").code == 0
    assert dprk("check").out == "ok: no problems found\n"
    # (set together the day before: judged, as before)
    assert dprk("redate", "b", "2", "2017-01-11").code == 0
    assert "warning: b: acted on 2017-01-13, while 'a', which it was to be carried out " in (
        dprk("check").out
    )


def test_a_with_written_by_hand_is_recorded_on_both_from_the_day_it_stood(dprk, empty):
    """A `with` written by hand on one measure (no change of it on record): check advised
    'dprk sequence a --with b', which recorded b's side today, and '--as-of' the days
    between showed a with b and b with nothing, the state check calls an error; the
    acted-out-of-order advice then named a day 'dprk log' did not date. Both are dated
    from the day both measures were, and, followed, the past agrees on both sides."""
    for ident, actor in (("a", "DPRK"), ("b", "US")):
        assert dprk("add-measure", ident.upper(), "--actor", actor, "--id", ident,
                    "--date", "2018-01-01").code == 0  # fmt: skip
    assert dprk("mark", "a", "implemented", "--date", "2018-01-10").code == 0
    text = empty.read_text(encoding="utf-8")
    empty.write_text(
        text.replace('id = "a"\n', 'id = "a"\nconstraints = [{ with = "b" }]\n'), "utf-8"
    )
    checked = dprk("check").out
    assert (
        "run 'dprk sequence a --with b --date 2018-01-01' to record it on both (from the day "
        "it was set) [one-sided-with]" in checked
    )
    assert "entered by mistake: 'dprk sequence a --remove b --date 2018-01-01'" in checked
    followed = dprk("sequence", "a", "--with", "b", "--date", "2018-01-01")
    assert followed.code == 0, followed.err
    assert "one-sided-with" not in dprk("check").out
    for ident, other in (("a", "b"), ("b", "a")):
        then = json.loads(dprk("show", ident, "--as-of", "2018-01-05", "--format", "json").out)
        assert then["constraints"] == [{"with": other}], ident


def _story(dprk, ledger: str, steps: list[list[str]]) -> None:
    """The Doha prisoner exchange told into `ledger`: Kabul's and the Taliban's releases,
    exchanged, then `steps` (orders, steps), each command run as typed."""
    at = ["--ledger", ledger]
    assert dprk(*at, "init", "--party", "Kabul", "--party", "Taliban").code == 0
    for ident, actor, title, extra in (
        ("b", "Taliban", "Taliban free prisoners", []),
        ("a", "Kabul", "Kabul frees prisoners", ["--in-exchange-for", "b"]),
    ):
        made = dprk(*at, "add-measure", title, "--actor", actor, "--id", ident, "--status",
                    "agreed", "--date", "2020-03-01", *extra)  # fmt: skip
        assert made.code == 0, made.err
    for args in steps:
        result = dprk(*at, *args)
        assert result.code == 0, (args, result.err)


def _mistake_advised(dprk, ledger: str) -> list[list[str]]:
    """The commands check advises for an order entered by mistake, each as typed (the
    ledger named in each)."""
    out = dprk("--ledger", ledger, "check").out
    said = re.search(r"entered by mistake: '(dprk [^']*)'", out)
    assert said is not None, out
    return [shlex.split(c)[1:] for c in said.group(1).split(" && ")]


def _answers(dprk, ledger: str, days: tuple[str, ...]) -> list[str]:
    """What next and plan say on each of `days`, and what check says (their advice naming
    the ledger as LEDGER)."""
    found = [dprk("--ledger", ledger, "check").out.replace(ledger, "LEDGER")]
    for day in days:
        for command in ("next", "plan"):
            said = dprk("--ledger", ledger, command, "--as-of", day, "--format", "json").out
            found.append(said.replace(ledger, "LEDGER"))
    return found


DOHA_DAYS = ("2020-03-21", "2020-03-25", "2020-03-30", "2020-04-06", "2020-04-10", "2020-04-20")


def test_an_order_that_replaced_another_is_taken_back_as_check_advises(dprk, empty):
    """Doha, March 2020: Kabul's demand that its release follow the Taliban's (20 March)
    was changed by mistake to ask for it verified (25 March). check advised 'dprk
    sequence a --remove b --date 2020-03-25' for an order entered by mistake, which also
    ended the order it replaced: no order stood from the 25th. It names the drop-entry
    that takes back the mistaken change alone; followed, every answer is the one the
    story gives told without the slip."""
    before = [["sequence", "a", "--after", "b", "--demanded-by", "Kabul", "--date", "2020-03-20"]]
    slip = [["sequence", "a", "--after", "b", "--require", "verified", "--demanded-by", "Kabul",
             "--date", "2020-03-25"]]  # fmt: skip
    after = [
        ["mark", "b", "implemented", "--date", "2020-04-05"],
        ["mark", "a", "implemented", "--date", "2020-04-08"],
    ]
    _story(dprk, "slip.toml", before + slip + after)
    _story(dprk, "clean.toml", before + after)
    advice = _mistake_advised(dprk, "slip.toml")
    assert advice == [["--ledger", "slip.toml", "drop-entry", "a", "3"]]
    result = dprk(*advice[0])
    assert result.code == 0, result.err
    assert "a is now after b, demanded by Kabul" in result.err
    assert _answers(dprk, "slip.toml", DOHA_DAYS) == _answers(dprk, "clean.toml", DOHA_DAYS)


def _black_sea(dprk, ledger: str, slip: bool) -> None:
    """The Black Sea corridor, 2022-2023: Russia's demand that the corridor wait for the
    exports eased in full (March 2023), the UN's the other way (July 2023), the corridor
    undone since; `slip`: the same demand entered afterwards, dated back to October 2022
    by mistake, which the corridor's action of November 2022 then acted against."""
    at = ["--ledger", ledger]
    steps = [
        ["init", "--title", "T", "--party", "Russia", "--party", "UN"],
        ["add-measure", "Corridor safe", "--actor", "Russia", "--id", "corridor", "--status",
         "agreed", "--date", "2022-07-22"],
        ["add-measure", "Ease Russian exports", "--actor", "UN", "--id", "exports", "--status",
         "agreed", "--in-exchange-for", "corridor", "--date", "2022-07-22"],
        ["mark", "corridor", "implemented", "--date", "2022-08-01"],
        ["mark", "corridor", "reversed", "--date", "2022-10-29"],
        ["mark", "corridor", "implemented", "--date", "2022-11-02"],
        ["mark", "exports", "implemented", "--extent", "minimal", "--date", "2022-11-29"],
        ["sequence", "corridor", "--after", "exports", "--require", "full", "--demanded-by",
         "Russia", "--date", "2023-03-13"],
        ["sequence", "exports", "--after", "corridor", "--demanded-by", "UN", "--date",
         "2023-07-11"],
        ["mark", "corridor", "reversed", "--date", "2023-07-17"],
    ]  # fmt: skip
    if slip:
        steps.append(["sequence", "corridor", "--after", "exports", "--require", "full",
                      "--demanded-by", "Russia", "--date", "2022-10-29"])  # fmt: skip
    for args in steps:
        result = dprk(*at, *args)
        assert result.code == 0, (args, result.err)


def test_an_order_dated_back_by_mistake_is_taken_back_alone_not_a_later_demand(dprk, tmp_path):
    """The demand dated back to 29 October 2022 (entry 4) made the corridor's action of 2
    November act against it. check advised 'dprk drop-entry corridor 7 && dprk
    drop-entry corridor 4', which also took away the demand Russia made in March 2023
    (entry 7), no mistake, and the deadlock it makes. The drop of entry 4 alone takes
    back what acted against it; followed, every answer is the one told without the slip."""
    _black_sea(dprk, "slip.toml", slip=True)
    _black_sea(dprk, "clean.toml", slip=False)
    ledger = tmp_path / "slip.toml"
    before = ledger.read_bytes()
    checked = dprk("--ledger", "slip.toml", "check")
    assert checked.code == 0 and ledger.read_bytes() == before
    assert (
        "corridor: acted on 2022-11-02 although 'exports', which it was to follow, demanded "
        "by Russia, has not been done in full; no fix needed if that is what happened; if "
        "the order was entered by mistake: 'dprk --ledger slip.toml drop-entry corridor 4' "
        "[acted-out-of-order]"
    ) in checked.out
    advice = _mistake_advised(dprk, "slip.toml")
    assert advice == [["--ledger", "slip.toml", "drop-entry", "corridor", "4"]]
    result = dprk(*advice[0])
    assert result.code == 0, result.err
    days = ("2022-11-01", "2022-11-03", "2023-03-14", "2023-07-12", "2023-07-18")
    assert _answers(dprk, "slip.toml", days) == _answers(dprk, "clean.toml", days)
    assert "deadlock" in dprk("--ledger", "slip.toml", "check").out


def test_an_order_corrected_the_day_it_was_set_is_taken_back_whole_as_advised(dprk, tmp_path):
    """Good Friday, April 1998: Devolution was to follow Decommissioning, entered as
    demanded by SF and corrected the same day to the Unionists. When Devolution came,
    the advice for an order entered by mistake named the correction alone: followed, it
    gave back the order as first entered, and the warning stood again. An order replaced
    the day it was set never stood on its own: each change of that day is named, the
    last first; followed as written, the order is gone and so is the warning."""
    assert dprk("init", "--party", "UK", "--party", "SF", "--party", "Unionists").code == 0
    for title, actor, ident in (("Devolution", "UK", "dev"), ("Decommissioning", "SF", "decom")):
        made = dprk("add-measure", title, "--actor", actor, "--id", ident, "--status",
                    "agreed", "--date", "1998-04-10")  # fmt: skip
        assert made.code == 0, made.err
    for demander in ("SF", "Unionists"):
        given = dprk("sequence", "dev", "--after", "decom", "--demanded-by", demander,
                     "--date", "1998-04-10")  # fmt: skip
        assert given.code == 0, given.err
    advice = (
        "no fix needed if that is what happened; if the order was entered by mistake: "
        "'dprk drop-entry dev 3 && dprk drop-entry dev 2'"
    )
    marked = dprk("mark", "dev", "implemented", "--date", "1999-12-02")
    assert marked.code == 0 and advice in marked.err, marked.err
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    checked = dprk("check")
    assert checked.code == 0 and f"{advice} [acted-out-of-order]" in checked.out, checked.out
    assert ledger.read_bytes() == before
    advised = re.search(r"entered by mistake: '([^']*)'", checked.out)
    assert advised is not None
    for command in advised.group(1).split(" && "):
        followed = dprk(*shlex.split(command)[1:])
        assert followed.code == 0, followed.err
        assert "acted-out-of-order" not in followed.err and "although" not in followed.err
    assert dprk("check").out == "ok: no problems found\n"
    assert 'after = "decom"' not in ledger.read_text(encoding="utf-8")


def test_an_order_that_replaced_a_with_the_day_it_was_set_is_taken_back_alone(dprk, tmp_path, tick):
    """Algiers, January 1981: the release was to go together with the escrow transfer;
    a few seconds later, the same day, Iran's demand replaced that: after the transfer,
    once Algeria verified it. Algeria's finding dropped, the release acted too soon, and
    the advice for an order entered by mistake dropped the demand and the `with` it
    replaced, as it does for a slip corrected the day it was set. The `with` was no
    slip: it is another order, which the demand replaced. The advice drops the demand
    alone; followed, the two measures go together again, and nothing is left to warn of."""
    ledger = tmp_path / "dprk-ledger.toml"
    for args in (
        ["init", "--party", "US", "--party", "Iran"],
        ["add-measure", "Escrow transfer", "--actor", "US", "--id", "escrow-transfer",
         "--status", "agreed", "--date", "1981-01-19"],
        ["add-measure", "Hostage release", "--actor", "Iran", "--id", "hostage-release",
         "--status", "proposed", "--date", "1981-01-15"],
        ["mark", "hostage-release", "agreed", "--date", "1981-01-16"],
        ["note", "hostage-release", "Algiers text", "--date", "1981-01-17"],
        ["note", "hostage-release", "Berlin text", "--date", "1981-01-18"],
        ["link", "hostage-release", "escrow-transfer", "--date", "1981-01-19"],
        ["sequence", "hostage-release", "--with", "escrow-transfer", "--date", "1981-01-19"],
        ["sequence", "hostage-release", "--after", "escrow-transfer", "--require", "verified",
         "--verified-by", "Algeria", "--demanded-by", "Iran", "--date", "1981-01-19"],
        ["mark", "escrow-transfer", "implemented", "--date", "1981-01-20"],
        ["verify", "escrow-transfer", "--by", "Algeria", "--date", "1981-01-20"],
        ["mark", "hostage-release", "implemented", "--date", "1981-01-20"],
    ):  # fmt: skip
        tick()
        done = dprk(*args)
        assert done.code == 0, (args, done.err)
    log = dprk("log", "hostage-release", "--format", "json").out
    assert [e["detail"] for e in json.loads(log)][5:7] == [
        "together with escrow-transfer",
        "after escrow-transfer (verified by Algeria), demanded by Iran (was: together with "
        "escrow-transfer)",
    ]
    tick()
    dropped = dprk("drop-finding", "escrow-transfer", "6")
    advice = (
        "no fix needed if that is what happened; if the order was entered by mistake: "
        "'dprk drop-entry hostage-release 7'"
    )
    assert dropped.code == 0 and f"{advice}\n" in dropped.err, dropped.err
    before = ledger.read_bytes()
    checked = dprk("check")
    assert checked.code == 0 and f"{advice} [acted-out-of-order]" in checked.out, checked.out
    assert ledger.read_bytes() == before
    tick()
    followed = dprk("drop-entry", "hostage-release", "7")
    assert followed.code == 0, followed.err
    assert "hostage-release is now together with escrow-transfer" in followed.err
    assert dprk("check").out == "ok: no problems found\n"
    release = measure(dprk, "hostage-release")
    assert release["constraints"] == [{"with": "escrow-transfer"}]


def test_a_with_that_replaced_an_order_the_day_it_was_set_is_taken_back_alone(dprk, empty, tick):
    """The reverse: b after a, replaced the same day by b together with a, and b acted
    alone. The advice dropped the `with` and the order after a it replaced; it drops the
    `with` alone, which gives back the order after a, another order, no slip."""
    for args in (
        ["add-measure", "A", "--actor", "US", "--id", "a", "--status", "agreed", "--date",
         "1981-01-10"],
        ["add-measure", "B", "--actor", "DPRK", "--id", "b", "--status", "agreed", "--date",
         "1981-01-10"],
        ["sequence", "b", "--after", "a", "--date", "1981-01-19"],
        ["sequence", "b", "--with", "a", "--date", "1981-01-19"],
    ):  # fmt: skip
        tick()
        assert dprk(*args).code == 0, args
    tick()
    marked = dprk("mark", "b", "implemented", "--date", "1981-01-20")
    assert marked.code == 0
    assert marked.err.endswith("entered by mistake: 'dprk drop-entry b 3'\n"), marked.err
    tick()
    followed = dprk("drop-entry", "b", "3")
    assert followed.code == 0, followed.err
    assert "b is now after a" in followed.err
    assert [c["after"] for c in measure(dprk, "b")["constraints"]] == ["a"]


def test_a_with_that_replaced_two_orders_is_taken_back_as_check_advises(dprk, empty):
    """Doha, March 2020: each side demanded the other release its prisoners first (a
    deadlock), and a `--with` entered by mistake replaced both demands. check advised
    removing the `--with`, which left no order at all: plan said '(no deadlocks)' on days
    the deadlock held. (drop-entry keeps a `--with`, recorded on both.) The advice gives
    back both demands on that day; followed, every answer is the one the story gives
    told without the slip."""
    before = [
        ["sequence", "a", "--after", "b", "--demanded-by", "Kabul", "--date", "2020-03-20"],
        ["sequence", "b", "--after", "a", "--demanded-by", "Taliban", "--date", "2020-03-20"],
    ]
    slip = [["sequence", "a", "--with", "b", "--date", "2020-03-25"]]
    after = [
        ["mark", "a", "implemented", "--date", "2020-04-08"],
        ["mark", "b", "implemented", "--date", "2020-04-12"],
    ]
    _story(dprk, "slip.toml", before + slip + after)
    _story(dprk, "clean.toml", before + after)
    for args in _mistake_advised(dprk, "slip.toml"):
        result = dprk(*args)
        assert result.code == 0, (args, result.err)
    assert _answers(dprk, "slip.toml", DOHA_DAYS) == _answers(dprk, "clean.toml", DOHA_DAYS)
    plan = json.loads(dprk("--ledger", "slip.toml", "plan", "--as-of", "2020-03-30",
                           "--format", "json").out)  # fmt: skip
    assert plan["deadlocks"], plan


def _six_party_fuel(dprk) -> None:
    """The Six-Party Talks, December 2008: the US's remaining fuel oil was to follow the
    DPRK's declaration, verified (Japan refuted it), and the verification protocol, which
    was rejected in Beijing."""
    assert dprk("add-party", "Japan").code == 0
    told(dprk, (
        ["add-measure", "Declaration", "--actor", "DPRK", "--id", "declaration", "--status",
         "agreed", "--date", "2007-10-03"],
        ["add-measure", "Verification protocol", "--actor", "DPRK", "--id", "protocol",
         "--status", "proposed", "--date", "2008-07-12"],
        ["add-measure", "Remaining HFO", "--actor", "US", "--id", "hfo", "--status", "agreed",
         "--date", "2007-10-03"],
        ["mark", "declaration", "implemented", "--date", "2008-06-26"],
        ["verify", "declaration", "--by", "Japan", "--result", "refuted", "--date",
         "2008-12-01"],
        ["sequence", "hfo", "--after", "declaration", "--require", "verified", "--demanded-by",
         "US", "--date", "2008-07-12"],
        ["sequence", "hfo", "--after", "protocol", "--demanded-by", "US", "--date",
         "2008-11-12"],
        ["mark", "protocol", "rejected", "--date", "2008-12-11"],
    ))  # fmt: skip


def test_plan_lists_each_constraint_that_holds_a_blocked_measure_as_next_does(dprk, empty):
    """The fuel oil waits for the declaration to be verified (it is disputed) and for the
    protocol, rejected: `next` named both, `plan` (its table and the JSON `holds`) only the
    protocol, though the reference says `holds` lists each constraint that holds it. Both
    ask one home for what holds a measure now."""
    _six_party_fuel(dprk)
    waits = json.loads(dprk("next", "--format", "json").out)["blocked"]
    plan = json.loads(dprk("plan", "--format", "json").out)["blocked"]
    assert [b["waiting_for"] for b in plan] == [w["waiting_for"] for w in waits]
    assert [
        (h["after"], h["require"], h["demanded_by"], h["reason"]) for h in plan[0]["holds"]
    ] == [("declaration", "verified", "US", "disputed"), ("protocol", "acted", "US", "rejected")]
    table = dprk("plan").lines
    at = table.index("Blocked (not planned)")
    assert table[at + 2].split(None, 2) == [
        "hfo",
        "US",
        "declaration (verified; disputed; demanded by US); protocol (rejected; demanded by US)",
    ]
    rows = list(csv.DictReader(io.StringIO(dprk("plan", "--format", "csv").out)))
    assert [r["detail"] for r in rows if r["step"] == "blocked"] == [
        "waits for declaration (verified; disputed; demanded by US); protocol (rejected; "
        "demanded by US)"
    ]


def test_next_says_a_measure_a_finding_waits_beside_cannot_act(dprk, empty):
    """The fuel oil waits for the declaration to be verified and for the protocol, which
    was rejected: the verifications table said "hfo (also waits for protocol to act)",
    though the protocol cannot act unless offered again, and the blocked row beside it
    said "protocol (rejected)". The note says it as the row does; a measure yet to act is
    still named as one to act."""
    _six_party_fuel(dprk)
    table = dprk("next").lines
    at = table.index("Verifications needed to unblock")
    assert table[at + 2].split(None, 2) == [
        "declaration",
        "DPRK",
        "hfo (also waits for protocol, rejected)",
    ]
    blocked = table[table.index("Blocked") + 2]
    assert "protocol (rejected; demanded by US)" in blocked
    # (offered again: yet to act, and said so)
    assert dprk("mark", "protocol", "proposed", "--date", "2008-12-12").code == 0
    table = dprk("next").lines
    at = table.index("Verifications needed to unblock")
    assert table[at + 2].endswith("hfo (also waits for protocol to act)")


def test_next_words_a_wait_as_plan_does_a_disputed_one_included(dprk, empty):
    """The fuel oil waits for the declaration to be verified (Japan refuted it), for the
    protocol (rejected) and behind a deadlock for the summit: `plan` said "declaration
    (verified; disputed; demanded by US)", `next` "declaration (verified; demanded by US)",
    though the guide says plan words each wait in next's words. One rule words a wait
    for both (`wait_reason`); plan adds only what a plan alone sees, the summit
    deadlocked, which next's note says ("behind a deadlock")."""
    _six_party_fuel(dprk)
    told(dprk, (
        ["add-measure", "Summit", "--actor", "US", "--id", "summit", "--date", "2008-07-12"],
        ["add-measure", "Talks", "--actor", "DPRK", "--id", "talks", "--date", "2008-07-12"],
        ["sequence", "summit", "--after", "talks", "--demanded-by", "US", "--date",
         "2008-07-12"],
        ["sequence", "talks", "--after", "summit", "--demanded-by", "DPRK", "--date",
         "2008-07-12"],
        ["sequence", "hfo", "--after", "summit", "--demanded-by", "US", "--date",
         "2008-07-12"],
    ))  # fmt: skip
    before = empty.read_bytes()
    waits = "declaration (verified; disputed; demanded by US); protocol (rejected; demanded by US)"
    shown = dprk("next")
    assert shown.code == 0, shown.err
    at = shown.lines.index("Blocked")
    assert shown.lines[at + 2].split(None, 2) == [
        "hfo",
        "US",
        f"{waits}; summit (demanded by US)  behind a deadlock",
    ]
    planned = dprk("plan")
    assert planned.code == 0, planned.err
    at = planned.lines.index("Blocked (not planned)")
    assert planned.lines[at + 2].split(None, 2) == [
        "hfo",
        "US",
        f"{waits}; summit (deadlocked; demanded by US)",
    ]
    rows = list(csv.DictReader(io.StringIO(dprk("plan", "--format", "csv").out)))
    assert [r["detail"] for r in rows if r["step"] == "blocked"] == [
        f"waits for {waits}; summit (deadlocked; demanded by US)"
    ]
    holds = json.loads(dprk("plan", "--format", "json").out)["blocked"][0]["holds"]
    assert [h["reason"] for h in holds] == ["disputed", "rejected", "deadlocked"]
    assert empty.read_bytes() == before


def test_plan_assume_says_the_deadlocks_an_assumption_creates(dprk, empty):
    """The Six-Party protocol, rejected on 11 December 2008: the fuel oil was to follow
    it (the US's demand), and it the fuel oil (the DPRK's). `plan --assume
    protocol=agreed` said "Dissolves no deadlock and moves nothing into phase 1" above
    the deadlock the assumption made. The summary says what it creates, and the JSON
    lists it in `created` beside `dissolved`."""
    told(dprk, (
        ["add-measure", "Verification protocol", "--actor", "DPRK", "--id", "protocol",
         "--status", "agreed", "--date", "2008-10-11"],
        ["add-measure", "Remaining HFO", "--actor", "US", "--id", "hfo", "--status", "agreed",
         "--date", "2007-10-03"],
        ["sequence", "hfo", "--after", "protocol", "--demanded-by", "US", "--date",
         "2008-11-12"],
        ["sequence", "protocol", "--after", "hfo", "--demanded-by", "DPRK", "--date",
         "2008-12-08"],
        ["mark", "protocol", "rejected", "--date", "2008-12-11"],
    ))  # fmt: skip
    before = empty.read_bytes()
    doc = json.loads(dprk("plan", "--assume", "protocol=agreed", "--format", "json").out)
    assert doc["dissolved"] == [] and doc["newly_ready"] == []
    assert [d["measures"] for d in doc["created"]] == [["hfo", "protocol"]]
    assert doc["created"] == doc["deadlocks"]
    shown = dprk("plan", "--assume", "protocol=agreed").out
    assert (
        "Creates: protocol waits for hfo (demanded by DPRK); hfo waits for protocol (demanded "
        "by US)." in shown
    )
    assert "Dissolves no deadlock" not in shown
    # (as it stands, the same: nothing created, nothing dissolved)
    doc = json.loads(dprk("plan", "--assume", "protocol=rejected", "--format", "json").out)
    assert doc["created"] == doc["dissolved"] == []
    assert empty.read_bytes() == before


NI_DEADLOCK = "exec waits for decom (demanded by UUP); decom waits for exec (demanded by IRA)"


def test_an_offer_made_again_that_closes_a_deadlock_says_so(dprk, tmp_path):
    """The Executive, suspended in February 2000 while the UUP demanded decommissioning
    first, offered again the next day: the two demands closed a circle again, and `mark
    exec proposed` said only 'exec: proposed on 2000-02-12' (`check` found the
    deadlock). The write that closes a deadlock says so, whatever it changes."""
    northern_ireland(
        dprk,
        ("mark", "exec", "implemented", "--date", "1999-12-02"),
        ("mark", "exec", "reversed", "--date", "2000-02-11"),
        ("sequence", "exec", "--after", "decom", "--demanded-by", "UUP", "--date", "2000-02-11"),
    )
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    again = dprk("mark", "exec", "proposed", "--date", "2000-02-12")
    assert (again.code, again.out) == (0, "")
    assert ledger.read_bytes() != before
    assert again.err == (
        "exec: proposed on 2000-02-12\n"
        f"dprk: warning: deadlock: {NI_DEADLOCK}; it stands from 2000-02-12; 'dprk plan' "
        "shows it\n"
    )
    assert "deadlock: " + NI_DEADLOCK in dprk("check").out


def test_an_offer_made_again_that_closed_a_deadlock_since_ended_says_so_of_its_day(dprk):
    """The same offer, typed after the Executive was restored in May 2000: the circle
    stood from 12 February to 27 May, which `plan --as-of 2000-03-01` showed, and the
    write said nothing of it."""
    northern_ireland(
        dprk,
        ("mark", "exec", "implemented", "--date", "1999-12-02"),
        ("mark", "exec", "reversed", "--date", "2000-02-11"),
        ("sequence", "exec", "--after", "decom", "--demanded-by", "UUP", "--date", "2000-02-11"),
        ("sequence", "exec", "--remove", "decom", "--date", "2000-05-27"),
        ("mark", "exec", "implemented", "--date", "2000-05-30"),
    )
    again = dprk("mark", "exec", "proposed", "--date", "2000-02-12")
    assert again.code == 0
    assert again.err == (
        "exec: recorded proposed on 2000-02-12; exec stays implemented (since 2000-05-30)\n"
        f"dprk: warning: deadlock on 2000-02-12: {NI_DEADLOCK}; it no longer stands ('dprk "
        "plan --as-of 2000-02-12' shows it then)\n"
    )
    assert (
        "Deadlock 1 since 2000-02-12: " + NI_DEADLOCK in dprk("plan", "--as-of", "2000-03-01").out
    )


@pytest.mark.parametrize(("day", "entry"), [("2000-02-11", 3), ("2000-02-12", 4)])
def test_an_order_dated_before_the_deadlock_it_closed_began_says_so_of_that_day(dprk, day, entry):
    """The UUP's demand, dated the day the Executive was suspended (and offered again the
    next day), or the day it was offered again: dated the day before the circle closed,
    the order said nothing; dated that day, it warned. Either way it names the day the
    deadlock began, and the Executive restored in May before the IRA decommissioned."""
    northern_ireland(
        dprk,
        ("mark", "exec", "implemented", "--date", "1999-12-02"),
        ("mark", "exec", "reversed", "--date", "2000-02-11"),
        ("mark", "exec", "proposed", "--date", "2000-02-12"),
        ("mark", "exec", "implemented", "--date", "2000-05-30"),
    )
    order = dprk("sequence", "exec", "--after", "decom", "--demanded-by", "UUP", "--date", day)
    assert order.code == 0
    assert order.err == (
        "exec: after decom, demanded by UUP\n"
        f"dprk: warning: deadlock on 2000-02-12: {NI_DEADLOCK}; it no longer stands ('dprk "
        "plan --as-of 2000-02-12' shows it then)\n"
        "dprk: warning: exec: acted on 2000-05-30 although 'decom', which it was to follow, "
        "demanded by UUP, has not acted; no fix needed if that is what happened; if the order "
        f"was entered by mistake: 'dprk drop-entry exec {entry}'\n"
    )


def test_an_order_entered_late_dated_before_the_other_side_s_demand_says_so(dprk, empty):
    """Recording history late: the DUP's demand that Sinn Féin back policing first, dated
    November 2005, typed after Sinn Féin's demand (February 2006, dropped at St Andrews
    in October). The circle stood from 1 February to 13 October 2006; the order said
    nothing of it."""
    assert dprk("init", "--force", "--title", "NI", "--party", "UK", "--party", "SF",
                "--party", "DUP").code == 0  # fmt: skip
    for args in (
        ("add-measure", "Restore the Executive", "--actor", "UK", "--id", "exec", "--date",
         "2005-09-27"),
        ("add-measure", "SF backs policing", "--actor", "SF", "--id", "sfp", "--date",
         "2005-09-27", "--in-exchange-for", "exec"),
        ("sequence", "sfp", "--after", "exec", "--demanded-by", "SF", "--date", "2006-02-01"),
        ("sequence", "sfp", "--remove", "exec", "--date", "2006-10-13"),
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    order = dprk(
        "sequence", "exec", "--after", "sfp", "--demanded-by", "DUP", "--date", "2005-11-01"
    )
    assert order.code == 0
    assert order.err == (
        "exec: after sfp, demanded by DUP\n"
        "dprk: warning: deadlock on 2006-02-01: sfp waits for exec (demanded by SF); exec "
        "waits for sfp (demanded by DUP); it no longer stands ('dprk plan --as-of 2006-02-01' "
        "shows it then)\n"
    )
    assert (
        "Deadlock 1 since 2006-02-01: sfp waits for exec"
        in dprk("plan", "--as-of", "2006-05-01").out
    )


def test_a_redate_that_opens_a_deadlock_on_past_days_says_so(dprk):
    """The Executive's restoration, typed as of 30 May 2000, was of a later day: redated
    to 30 June, the Executive stood offered, and in the circle, a month longer than
    before (the UUP's demand ended on 1 June). The redate said nothing of those days."""
    northern_ireland(
        dprk,
        ("mark", "exec", "implemented", "--date", "1999-12-02"),
        ("mark", "exec", "reversed", "--date", "2000-02-11"),
        ("mark", "exec", "proposed", "--date", "2000-02-12"),
        ("mark", "exec", "implemented", "--date", "2000-05-30"),
        ("sequence", "exec", "--after", "decom", "--demanded-by", "UUP", "--date", "2000-06-01"),
        ("sequence", "exec", "--remove", "decom", "--date", "2000-06-15"),
    )
    log = json.loads(dprk("log", "exec", "--format", "json").out)
    number = next(n for n, e in enumerate(log, 1) if e["date"] == "2000-05-30")
    moved = dprk("redate", "exec", str(number), "2000-06-30")
    assert moved.code == 0, moved.err
    assert moved.err.splitlines()[1:] == [
        f"dprk: warning: deadlock on 2000-06-01: {NI_DEADLOCK}; it no longer stands ('dprk "
        "plan --as-of 2000-06-01' shows it then)"
    ]


@pytest.mark.parametrize(
    "gap",
    [
        (("sequence", "a", "--remove", "b", "--date", "2020-02-01"),
         ("sequence", "a", "--after", "b", "--demanded-by", "X", "--date", "2020-02-10")),
        (("mark", "a", "rejected", "--date", "2020-02-01"),
         ("mark", "a", "proposed", "--date", "2020-02-10")),
    ],
    ids=["removed", "rejected"],
)  # fmt: skip
def test_a_deadlock_standing_again_after_a_break_is_said_from_the_day_plan_gives(dprk, empty, gap):
    """a and b deadlocked from 20 January, broken on 1 February (the order removed, or a
    rejected), standing again from 10 February: b's demand given again as of 5 January
    made the stretch that ended begin on 10 January, and the warning said the deadlock
    'now stands from 2020-01-10', while plan had it since 10 February. It says that
    stretch as one that no longer stands, and the day it was from; the day plan gives, when a change moves it
    (the break redated onto 10 February), either way."""
    deadlock = "b waits for a (demanded by Y); a waits for b (demanded by X)"
    assert dprk("init", "--force", "--party", "X", "--party", "Y").code == 0
    for args in (
        ("add-measure", "A", "--actor", "X", "--id", "a", "--date", "2020-01-01"),
        ("add-measure", "B", "--actor", "Y", "--id", "b", "--date", "2020-01-01"),
        ("sequence", "a", "--after", "b", "--demanded-by", "X", "--date", "2020-01-10"),
        ("sequence", "b", "--after", "a", "--demanded-by", "Y", "--date", "2020-01-20"),
        *gap,
    ):
        assert dprk(*args).code == 0, args

    def since() -> list[str | None]:
        return [d["since"] for d in json.loads(dprk("plan", "--format", "json").out)["deadlocks"]]

    assert since() == ["2020-02-10"]
    given = dprk("sequence", "b", "--after", "a", "--demanded-by", "Y", "--date", "2020-01-05")
    assert (given.code, given.out) == (0, "")
    assert given.err == (
        "b: recorded after a, demanded by Y on 2020-01-05; b is after a, demanded by Y from "
        "2020-01-05 on (it was from 2020-01-20)\n"
        f"dprk: warning: still deadlocked: {deadlock}; 'dprk plan' shows it\n"
        f"dprk: warning: deadlock on 2020-01-10: {deadlock}; it no longer stands (it was "
        "from 2020-01-20; 'dprk plan --as-of 2020-01-10' shows it then)\n"
    )
    assert 'date = 2020-01-05\nevent = "sequence"' in empty.read_text("utf-8")
    assert since() == ["2020-02-10"]
    if gap[0][0] == "mark":
        return
    joined = dprk("redate", "a", "3", "2020-02-10")  # (the removal onto the order again)
    assert (joined.code, joined.out) == (0, "")
    assert joined.err == (
        "a: entry 3 (the sequence entry of 2020-02-01) now dated 2020-02-10; a is proposed\n"
        f"dprk: warning: deadlock: {deadlock}; it now stands from 2020-01-10 (it was from "
        "2020-02-10); 'dprk plan' shows it\n"
    )
    assert 'date = 2020-02-10\nevent = "sequence"\ndetail = "removed: ' in empty.read_text("utf-8")
    assert since() == ["2020-01-10"]
    split = dprk("redate", "a", "3", "2020-02-01")  # (apart again: from a later day)
    assert (split.code, split.out) == (0, "")
    # (and the stretch before the break, which stands still: `plan --history` shows both)
    assert split.err.endswith(
        f"dprk: warning: deadlock: {deadlock}; it now stands from 2020-02-10 (it was from "
        "2020-01-10) and stood from 2020-01-10 until 2020-02-01; 'dprk plan --history' "
        "shows both\n"
    )
    history = json.loads(dprk("plan", "--history", "--format", "json").out)["deadlocks"]
    assert [(d["from"], d["until"]) for d in history] == [
        ("2020-01-10", "2020-02-01"),
        ("2020-02-10", None),
    ]
    assert since() == ["2020-02-10"]


def test_a_redate_that_moves_a_standing_deadlock_earlier_says_from_when(dprk, empty):
    """p's demand, typed as of 20 March, was of 1 March: redated, the deadlock it closed,
    still standing, stood three weeks longer, and the redate said nothing (one since
    ended was said). It says from which day it stands now, and from which it did; a
    redate that leaves that day, or an order given again on its day, says as before."""
    deadlock = (
        "y waits for w (demanded by B); p waits for y (demanded by A); w acts through its part p"
    )
    assert dprk("init", "--force", "--party", "A", "--party", "B").code == 0
    for args in (
        ("add-measure", "W", "--actor", "A", "--id", "w", "--date", "2020-01-01"),
        ("add-measure", "P", "--actor", "A", "--id", "p", "--part-of", "w",
         "--date", "2020-01-01"),
        ("add-measure", "Y", "--actor", "B", "--id", "y", "--in-exchange-for", "w",
         "--date", "2020-01-01"),
        ("sequence", "y", "--after", "w", "--demanded-by", "B", "--date", "2020-01-05"),
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    order = dprk("sequence", "p", "--after", "y", "--demanded-by", "A", "--date", "2020-03-20")
    assert order.err.endswith(
        f"dprk: warning: deadlock: {deadlock}; it stands from 2020-03-20; 'dprk plan' shows it\n"
    )
    assert "Deadlock 1" not in dprk("plan", "--as-of", "2020-03-01").out
    kept = empty.read_bytes()
    moved = dprk("redate", "p", "2", "2020-03-01")
    assert (moved.code, moved.out) == (0, "")
    assert moved.err == (
        "p: entry 2 (the sequence entry of 2020-03-20) now dated 2020-03-01; p is proposed\n"
        f"dprk: warning: deadlock: {deadlock}; it now stands from 2020-03-01 (it was from "
        "2020-03-20); 'dprk plan' shows it\n"
    )
    written = empty.read_text("utf-8")
    assert written != kept.decode("utf-8")
    assert 'date = 2020-03-01\nevent = "sequence"\ndetail = "after y, demanded by A"' in written
    assert 'detail = "the sequence entry of 2020-03-20 redated to 2020-03-01"' in written
    assert f"Deadlock 1 since 2020-03-01: {deadlock}" in dprk("plan", "--as-of", "2020-03-01").out
    assert "Deadlock 1" not in dprk("plan", "--as-of", "2020-02-29").out
    # Its first day left as it was, or given again on it: as before.
    later = dprk("redate", "y", "2", "2020-01-03")
    assert (later.code, later.err) == (
        0,
        "y: entry 2 (the sequence entry of 2020-01-05) now dated 2020-01-03; y is proposed\n",
    )
    again = dprk("sequence", "p", "--after", "y", "--demanded-by", "A", "--date", "2020-03-01")
    assert again.code == 0
    assert again.err == (
        "p: already after y, demanded by A; nothing changed\n"
        f"dprk: warning: still deadlocked: {deadlock}; 'dprk plan' shows it\n"
    )


def test_the_advice_after_a_dated_removal_carries_its_date(dprk):
    """The IRA's demand dropped as of 27 November 1999, the line advised 'dprk sequence
    exec --remove decom' to drop the UUP's: followed as printed, it ended that demand
    today, and the Executive's action of 2 December 1999 read as out of order. The
    advice carries the command's date, and followed, says what the record says."""
    northern_ireland(
        dprk,
        ("sequence", "exec", "--after", "decom", "--demanded-by", "UUP", "--date", "1998-07-01"),
        ("mark", "exec", "implemented", "--date", "1999-12-02"),
    )
    removed = dprk("sequence", "decom", "--remove", "exec", "--date", "1999-11-27")
    assert (removed.code, removed.err) == (
        0,
        "decom: no longer after exec, demanded by IRA; exec is still after decom, demanded "
        "by UUP ('dprk sequence exec --remove decom --date 1999-11-27' drops that)\n"
        "dprk: warning: deadlock on 1998-07-01: exec waits for decom (demanded by UUP); decom "
        "waits for exec (demanded by IRA); it now ended on 1999-11-27 (it ended on 1999-12-02; "
        "'dprk plan --as-of 1998-07-01' shows it then)\n",
    )
    advised = removed.err.split("('", 1)[1].split("'", 1)[0]
    followed = dprk(*shlex.split(advised)[1:])
    assert (followed.code, followed.err) == (0, "exec: no longer after decom, demanded by UUP\n")
    assert dprk("check").out == "ok: no problems found\n"
    ready = json.loads(dprk("next", "--as-of", "1999-11-30", "--format", "json").out)["ready"]
    assert [r["id"] for r in ready] == ["decom", "exec"]


def test_a_party_whose_name_ends_in_s_is_named_as_the_one_whose_demand_it_is(dprk, tmp_path):
    """'Unionists's that ps wait for dc', in `plan`, `check` and the page: a name ending
    in a small s, as a plural does, takes the apostrophe alone; 'US's' keeps its s."""
    at = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--party", "Unionists", "--party", "US").code == 0
    for args in (
        ("add-measure", "Share power", "--actor", "Unionists", "--id", "ps"),
        ("add-measure", "Decommission", "--actor", "US", "--id", "dc"),
        ("sequence", "ps", "--after", "dc", "--demanded-by", "Unionists"),
        ("sequence", "dc", "--after", "ps", "--demanded-by", "US"),
    ):
        assert dprk(*args, "--date", "1998-04-10").code == 0, args
    before = at.read_bytes()
    said = "Dropping one demand breaks it: Unionists' that ps wait for dc "
    plan = dprk("plan")
    assert plan.code == 0 and said in plan.out, plan.out
    assert "or US's that dc wait for ps " in plan.out, plan.out
    checked = dprk("check")
    assert "; dropping one demand breaks it: Unionists' that ps wait for dc " in checked.out
    assert "Unionists's" not in checked.out, checked.out
    page = dprk("report", "--output", "-")
    assert "Unionists&#x27; that" in page.out or "Unionists' that" in page.out
    assert "Unionists's" not in page.out and "Unionists&#x27;s" not in page.out
    assert at.read_bytes() == before


def test_plan_offers_a_way_out_of_a_deadlock_of_measures_not_exchanged(dprk):
    """Decommissioning and the Executive, not exchanged for each other, each side
    demanding the other go first: the write's warning pointed to `plan`, which offered no
    way out (`suggestions: []`), while `check` advised dropping a constraint. `plan` names
    each demand whose drop breaks the deadlock, and whose demand it is, in its note and
    its JSON (`drops`), dated in a view of a past day; followed, it breaks it."""
    northern_ireland(dprk, UUP_DEMAND, exchanged=False)
    plan = dprk("plan")
    assert plan.out.endswith(
        f"Deadlock 1 since 1998-07-01: {NI_DEADLOCK}. Dropping one demand breaks it: UUP's "
        "that exec wait "
        "for decom ('dprk sequence exec --remove decom') or IRA's that decom wait for exec "
        "('dprk sequence decom --remove exec').\n"
    ), plan.out
    [then] = json.loads(dprk("plan", "--as-of", "1999-01-01", "--format", "json").out)["deadlocks"]
    assert then["suggestions"] == []
    assert then["drops"] == [
        {"measure": "exec", "after": "decom", "require": "acted", "demanded_by": "UUP", "verified_by": None,
         "command": "dprk sequence exec --remove decom --date 1999-01-01"},
        {"measure": "decom", "after": "exec", "require": "acted", "demanded_by": "IRA", "verified_by": None,
         "command": "dprk sequence decom --remove exec --date 1999-01-01"},
    ]  # fmt: skip
    check = dprk("check")
    assert "; dropping one demand breaks it: UUP's that exec wait for decom ('dprk " in (check.out)
    followed = dprk(*shlex.split(then["drops"][0]["command"])[1:])
    assert followed.code == 0, followed.err
    assert (
        json.loads(dprk("plan", "--as-of", "1999-01-01", "--format", "json").out)["deadlocks"] == []
    )


def test_a_party_renamed_or_the_rename_undone_makes_no_deadlock(dprk, tmp_path):
    """Egypt and Israel each demanded the other go first on 3 August 1980, and Egypt
    dropped its demand a year later. Renaming Egypt (not Israel) warned 'deadlock on
    1980-08-03 ... it no longer stands', and so did undoing the rename: the measures as
    they were name the party by its old name, which the ledger after the rename no
    longer declares, so the past orders read from them had no demand and no deadlock.
    A rename changes names only: no warning, either way."""
    ledger = tmp_path / "dprk-ledger.toml"
    for args in (
        ["init", "--party", "Egypt", "--party", "Israel"],
        ["add-measure", "A", "--actor", "Egypt", "--id", "a", "--date", "1980-08-03"],
        ["add-measure", "B", "--actor", "Israel", "--id", "b", "--date", "1980-08-03"],
        ["sequence", "a", "--after", "b", "--demanded-by", "Egypt", "--date", "1980-08-03"],
        ["sequence", "b", "--after", "a", "--demanded-by", "Israel", "--date", "1980-08-03"],
        ["sequence", "a", "--remove", "b", "--date", "1981-08-26"],
    ):
        assert dprk(*args).code == 0, args
    for old, new in (("Israel", "State of Israel"), ("Egypt", "Arab Republic of Egypt")):
        before = ledger.read_bytes()
        renamed = dprk("rename-party", old, new)
        assert (renamed.code, renamed.err) == (
            0,
            f"renamed party {old} to {new} (1 measure changed) (from today; to correct it "
            f"from the start: 'dprk undo', then 'dprk rename-party {old} \"{new}\" --date "
            "1980-08-03')\n",
        )
        undone = dprk("undo")
        assert undone.code == 0 and len(undone.err.splitlines()) == 1, undone.err
        assert undone.err.startswith(f"undid: rename-party {old} ")
        assert ledger.read_bytes() == before
        assert dprk("rename-party", old, new).code == 0
    # (the deadlock that stood is still shown on its day, under the names as they are)
    plan = json.loads(dprk("plan", "--as-of", "1980-08-03", "--format", "json").out)
    assert [sorted(d["measures"]) for d in plan["deadlocks"]] == [["a", "b"]]
    assert "demanded by Arab Republic of Egypt" in dprk("plan", "--as-of", "1980-08-03").out


def test_next_says_a_finding_does_not_free_a_measure_that_waits_for_another(dprk, empty):
    """The delisting waits for the declaration and the disablement, each to be verified:
    `next` listed each finding as one that unblocks the delisting, with no note, though
    after one of them the delisting still waits for the other; and the JSON's `unblocks`
    was a bare list. The row says "(also waits for disable to be verified)", beside what
    it waits for to act; the JSON tells the measures a finding frees alone (`frees`) from
    those that still wait (`also_waits`), and keeps `unblocks` as it was."""
    told(dprk, (
        ["add-measure", "Declaration", "--actor", "DPRK", "--id", "decl", "--status",
         "implemented", "--date", "2008-06-26"],
        ["add-measure", "Disablement", "--actor", "DPRK", "--id", "disable", "--status",
         "implemented", "--date", "2007-11-05"],
        ["add-measure", "Delisting", "--actor", "US", "--id", "delist", "--status", "agreed",
         "--date", "2008-06-26"],
        ["add-measure", "Sanctions waiver", "--actor", "US", "--id", "waiver", "--status",
         "agreed", "--date", "2008-06-26"],
        ["sequence", "delist", "--after", "decl", "--require", "verified", "--date",
         "2008-06-26"],
        ["sequence", "delist", "--after", "disable", "--require", "verified", "--date",
         "2008-06-26"],
        ["sequence", "waiver", "--after", "decl", "--require", "verified", "--date",
         "2008-06-26"],
    ))  # fmt: skip

    def rows() -> list[list[str]]:
        table = dprk("next").lines
        at = table.index("Verifications needed to unblock")
        return [line.split(None, 2) for line in table[at + 2 :] if line.strip()]

    assert rows() == [
        ["decl", "DPRK", "delist (also waits for disable to be verified); waiver"],
        ["disable", "DPRK", "delist (also waits for decl to be verified)"],
    ]
    verify = json.loads(dprk("next", "--format", "json").out)["verify"]
    assert [(v["id"], v["unblocks"], v["frees"], v["also_waits"]) for v in verify] == [
        ("decl", ["delist", "waiver"], ["waiver"],
         [{"id": "delist", "deadlocked": False, "to_act": [], "to_be_verified": ["disable"]}]),
        ("disable", ["delist"], [],
         [{"id": "delist", "deadlocked": False, "to_act": [], "to_be_verified": ["decl"]}]),
    ]  # fmt: skip
    # (beside a measure to act first, each said)
    told(dprk, (
        ["add-measure", "Verification protocol", "--actor", "DPRK", "--id", "vp", "--status",
         "agreed", "--date", "2008-06-26"],
        ["sequence", "delist", "--after", "vp", "--date", "2008-06-26"],
    ))  # fmt: skip
    assert rows()[1] == [
        "disable",
        "DPRK",
        "delist (also waits for vp to act; decl to be verified)",
    ]
    verify = json.loads(dprk("next", "--format", "json").out)["verify"]
    assert verify[1]["also_waits"] == [
        {"id": "delist", "deadlocked": False, "to_act": ["vp"], "to_be_verified": ["decl"]}
    ]
    # once the declaration is verified, the disablement's finding is all it waits for
    # besides the protocol, and the declaration's is needed no more
    told(dprk, (
        ["verify", "decl", "--by", "IAEA", "--date", "2008-07-01"],
        ["sequence", "delist", "--remove", "vp", "--date", "2008-06-26"],
    ))  # fmt: skip
    assert rows() == [["disable", "DPRK", "delist"]]
    verify = json.loads(dprk("next", "--format", "json").out)["verify"]
    assert [(v["id"], v["frees"], v["also_waits"]) for v in verify] == [("disable", ["delist"], [])]


def _jcpoa(dprk) -> None:
    """The JCPOA's relief waiting for an Iranian step verified, rejected in 2016; in 2021
    each side demanding the other return first."""
    assert dprk("init", "--party", "Iran", "--party", "US").code == 0
    told(dprk, (
        ["add-measure", "Old Iran step", "--actor", "Iran", "--id", "x", "--date",
         "2015-07-14"],
        ["add-measure", "US relief", "--actor", "US", "--id", "u", "--date", "2015-07-14"],
        ["sequence", "u", "--after", "x", "--require", "verified", "--date", "2015-07-14"],
        ["mark", "x", "rejected", "--date", "2016-01-01"],
        ["add-measure", "Iran returns", "--actor", "Iran", "--id", "r", "--in-exchange-for",
         "u", "--date", "2021-01-08"],
        ["sequence", "r", "--after", "u", "--demanded-by", "Iran", "--date", "2021-01-08"],
        ["sequence", "u", "--after", "r", "--demanded-by", "US", "--date", "2021-01-19"],
    ))  # fmt: skip


def test_plan_says_what_else_holds_a_deadlocked_measure_and_offers_no_way_out_it_frees(
    dprk, tmp_path
):
    """The US relief waits for Iran's return (a deadlock) and for an old step to be
    verified, rejected in 2016: `plan` listed only the deadlock (`blocked` empty) and
    advised carrying the two out together, which, followed, left both blocked by the
    rejected step. The deadlock gives what else holds its measures (JSON `holds`), and
    its advice, in `plan` and `check` alike, says so rather than offer a way out."""
    _jcpoa(dprk)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    deadlock = "u waits for r (demanded by US); r waits for u (demanded by Iran)"
    held = "breaking it would leave u blocked all the same: u also waits for x (verified; rejected)"
    plan = dprk("plan", "--as-of", "2021-02-01")
    assert (plan.code, plan.err) == (0, "")
    assert plan.out.endswith(
        f"Deadlock 1 since 2021-01-19: {deadlock}. {held[0].upper()}{held[1:]}.\n"
    ), plan.out
    assert "--with" not in plan.out and "--remove" not in plan.out
    doc = json.loads(dprk("plan", "--as-of", "2021-02-01", "--format", "json").out)
    [d] = doc["deadlocks"]
    assert (d["suggestions"], d["drops"]) == ([], [])
    assert d["holds"] == [
        {"measure": "u", "after": "x", "require": "verified", "demanded_by": None,
         "verified_by": None, "reason": "rejected", "via": None},
    ]  # fmt: skip
    check = dprk("check")
    assert (check.code, check.out) == (
        0,
        f"warning: u: deadlock: {deadlock}; {held} [deadlocks]\n0 errors, 1 warning\n",
    )
    assert ledger.read_bytes() == before
    # (the step offered again: the deadlock alone holds them, and the way out is offered;
    # followed, both go ahead once the step is verified)
    told(dprk, (["mark", "x", "proposed", "--date", "2021-02-01"],))
    doc = json.loads(dprk("plan", "--as-of", "2021-02-01", "--format", "json").out)
    [d] = doc["deadlocks"]
    assert d["holds"] == []
    assert d["suggestions"] == ["dprk sequence u --with r --date 2021-02-01"]
    followed = dprk(*shlex.split(d["suggestions"][0])[1:])
    assert (followed.code, followed.out) == (0, ""), followed.err
    doc = json.loads(dprk("plan", "--as-of", "2021-02-01", "--format", "json").out)
    assert (doc["deadlocks"], doc["blocked"]) == ([], [])
    assert doc["phases"] == [
        {"phase": 1, "measures": ["x"], "verify": [], "verify_by": {}, "rest": [], "together": []}
        | {"again": [], "deadlines": {}, "overdue": []},
        {"phase": 2, "measures": [], "verify": ["x"], "verify_by": {}, "rest": [], "together": []}
        | {"again": [], "deadlines": {}, "overdue": []},
        {
            "phase": 3,
            "measures": ["r", "u"],
            "verify": [],
            "verify_by": {},
            "rest": [],
            "together": [["r", "u"]],
            "again": [],
            "deadlines": {},
            "overdue": [],
        },
    ]
    for drop in d["drops"]:  # (each demand dropped instead breaks it too)
        assert dprk("undo").code == 0
        followed = dprk(*shlex.split(drop["command"])[1:])
        assert followed.code == 0, followed.err
        doc = json.loads(dprk("plan", "--as-of", "2021-02-01", "--format", "json").out)
        assert (doc["deadlocks"], doc["blocked"]) == ([], [])


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_plan_csv_and_jsonl_say_what_else_holds_a_deadlocked_measure(dprk, tmp_path, fmt):
    """The US relief waits for Iran's return (a deadlock) and for an old step to be
    verified, rejected in 2016: the table's note and the JSON said what else holds u,
    but the csv and jsonl rows of the deadlock's measures left it out, so that a script
    read a way out where there is none. Each row gives it (`holds`, after the keys and
    columns it had), in the note's words; nothing is written."""
    _jcpoa(dprk)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    plan = dprk("plan", "--as-of", "2021-02-01", "--format", fmt)
    assert (plan.code, plan.err) == (0, "")
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(plan.out)))
    else:
        rows = [json.loads(line) for line in plan.lines]
    assert list(rows[0])[-4:] == ["since", "holds", "deadline", "overdue"]
    held = "u also waits for x (verified; rejected)"
    found = {r["id"]: r["holds"] for r in rows if r["step"] == "deadlocked"}
    assert found == {"r": held, "u": held}, plan.out
    assert {r["holds"] for r in rows if r["step"] != "deadlocked"} <= {""}
    assert held in dprk("plan", "--as-of", "2021-02-01").out
    assert ledger.read_bytes() == before


@pytest.mark.parametrize("last", [0, 1])
def test_the_write_that_closes_a_deadlock_says_the_day_it_stands_from(dprk, tmp_path, last):
    """Iran demanding on 8 January 2021 that the US return first, the US on 19 January
    that Iran did: the write of the second order warned of the deadlock, not of the day
    it stands from (19 January, whichever order was written last), which `plan` gives.
    The warning gives it, as `plan` dates it."""
    assert dprk("init", "--party", "Iran", "--party", "US").code == 0
    orders = [
        ("sequence", "r", "--after", "u", "--demanded-by", "Iran", "--date", "2021-01-08"),
        ("sequence", "u", "--after", "r", "--demanded-by", "US", "--date", "2021-01-19"),
    ]
    told(dprk, (
        ["add-measure", "US relief", "--actor", "US", "--id", "u", "--date", "2015-07-14"],
        ["add-measure", "Iran returns", "--actor", "Iran", "--id", "r", "--in-exchange-for",
         "u", "--date", "2021-01-08"],
        orders[1 - last],
    ))  # fmt: skip
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    closing = dprk(*orders[last])
    assert (closing.code, closing.out) == (0, "")
    said = "r: after u, demanded by Iran" if last == 0 else "u: after r, demanded by US"
    assert closing.err == (
        f"{said}\n"
        "dprk: warning: deadlock: u waits for r (demanded by US); r waits for u (demanded by "
        "Iran); it stands from 2021-01-19; 'dprk plan' shows it\n"
    )
    assert ledger.read_bytes() != before
    assert dprk("undo").code == 0 and ledger.read_bytes() == before
    assert dprk("redo").code == 0 and ledger.read_bytes() != before
    [d] = json.loads(dprk("plan", "--format", "json").out)["deadlocks"]
    assert d["since"] == "2021-01-19"


def test_plan_says_who_demanded_what_a_blocked_measure_waits_for_as_next_does(dprk, korea):
    """With the end-of-war declaration withdrawn, `next` said the inventory waits for
    'end-of-war-declaration (withdrawn; demanded by DPRK)', and plan's blocked table
    'end-of-war-declaration (withdrawn)', without whose demand it is. Both say a wait in
    the same words (`wait_text`)."""
    assert dprk("mark", "end-of-war-declaration", "withdrawn", "--date", "2019-03-10").code == 0
    before = korea.read_bytes()
    said = "end-of-war-declaration (withdrawn; demanded by DPRK)"
    shown = dprk("next")
    assert shown.code == 0, shown.err
    assert re.search(rf"^inventory-submission +DPRK +{re.escape(said)}", shown.out, re.M)
    plan = dprk("plan")
    assert plan.code == 0, plan.err
    table = plan.lines
    at = table.index("Blocked (not planned)")
    assert table[at + 2].split(None, 2) == ["inventory-submission", "DPRK", said]
    rows = list(csv.DictReader(io.StringIO(dprk("plan", "--format", "csv").out)))
    assert [r["detail"] for r in rows if r["step"] == "blocked"] == [f"waits for {said}"]
    assert korea.read_bytes() == before


def test_an_order_set_on_a_whole_after_a_part_acted_names_the_parts_it_holds(dprk, tmp_path):
    """Wye River, 1998: Israel carried out the first further redeployment and then held
    the rest until the Palestinians moved on security. `sequence` said 'frd: after
    security, demanded by Israel' and no more, though an order set on a measure that acted
    already holds nothing of it: of one made of parts, it holds each part until that part
    acts, and the line names those yet to act, as `next` holds them."""
    ledger = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--party", "Israel", "--party", "PLO").code == 0
    for args in (
        ("FRD", "--actor", "Israel", "--id", "frd"),
        ("Phase 1", "--actor", "Israel", "--id", "frd1", "--part-of", "frd"),
        ("Phase 2", "--actor", "Israel", "--id", "frd2", "--part-of", "frd"),
        ("Phase 3", "--actor", "Israel", "--id", "frd3", "--part-of", "frd"),
        ("Security", "--actor", "PLO", "--id", "security", "--in-exchange-for", "frd"),
    ):
        assert dprk("add-measure", *args, "--status", "agreed", "--date", "1998-10-23").code == 0
    assert dprk("mark", "frd1", "implemented", "--date", "1998-11-20").code == 0
    before = ledger.read_bytes()
    result = dprk(
        "sequence", "frd", "--after", "security", "--demanded-by", "Israel", "--date", "1998-12-02"
    )
    assert (result.code, result.out, result.err) == (
        0,
        "",
        "frd: after security, demanded by Israel (frd acted on 1998-11-20 through frd1, before "
        "this order: it holds only its parts yet to act, frd2 and frd3)\n",
    )
    order = b'constraints = [\n    { after = "security", demanded_by = "Israel" },\n]\n'
    assert order not in before and ledger.read_bytes().count(order) == 1
    blocked = dprk("next").out
    assert "frd2  Israel  security (demanded by Israel) [via frd]" in blocked
    assert "frd3  Israel  security (demanded by Israel) [via frd]" in blocked
    # every part acted before it: it holds nothing of the measure
    assert dprk("mark", "frd2", "frd3", "implemented", "--date", "1998-12-05").code == 0
    result = dprk("sequence", "frd", "--after", "security", "--date", "1998-12-10")
    assert (result.code, result.err) == (
        0,
        "frd: after security (replaces: frd after security, demanded by Israel; frd acted on "
        "1998-11-20 through frd1, before this order, and no part is yet to act: it holds "
        "nothing of frd)\n",
    )
    assert "(nothing is blocked)" in dprk("next").out


def _redeployment_in_two_phases(dprk, first: str) -> None:  # type: ignore[no-untyped-def]
    """Oslo II: the West Bank redeployment (w), its first phase (p1) carried out on
    `first`, its further redeployment (p2) on 1998-11-20, and the PLO's security steps
    (sec) yet to act."""
    assert dprk("init", "--party", "Israel", "--party", "PLO").code == 0
    for args in (
        ("Security steps", "--actor", "PLO", "--id", "sec"),
        ("West Bank redeployment", "--actor", "Israel", "--id", "w"),
        ("Six cities", "--actor", "Israel", "--id", "p1", "--part-of", "w"),
        ("Further redeployment", "--actor", "Israel", "--id", "p2", "--part-of", "w"),
    ):
        assert dprk("add-measure", *args, "--status", "agreed", "--date", "1995-09-28").code == 0
    assert dprk("mark", "p1", "implemented", "--date", first).code == 0
    assert dprk("mark", "p2", "implemented", "--date", "1998-11-20").code == 0


def test_an_order_set_on_a_whole_names_the_parts_yet_to_act_on_its_day(dprk, tmp_path):
    """Oslo II, entered after the fact: the West Bank redeployment acted through its first
    phase in 1995, and Israel's demand of 1997 held the further redeployment, carried out
    in 1998. `sequence` dated 1997 said 'no part is yet to act: it holds nothing', read
    as the parts stand today, while `check` and `next --as-of` hold that phase: the line
    names the parts yet to act on the order's day, whatever was entered first."""
    ledger = tmp_path / "dprk-ledger.toml"
    _redeployment_in_two_phases(dprk, "1995-12-27")
    before = ledger.read_bytes()
    result = dprk("sequence", "w", "--after", "sec", "--demanded-by", "Israel",
                  "--date", "1997-03-21")  # fmt: skip
    assert (result.code, result.out) == (0, "")
    assert result.err.splitlines()[0] == (
        "w: after sec, demanded by Israel (w acted on 1995-12-27 through p1, before this "
        "order: it holds only its parts yet to act, p2)"
    )
    order = b'constraints = [\n    { after = "sec", demanded_by = "Israel" },\n]\n'
    assert order not in before and ledger.read_bytes().count(order) == 1
    assert (
        "p2  Israel  sec (demanded by Israel) [via w]" in dprk("next", "--as-of", "1998-01-01").out
    )
    check = dprk("check")
    assert "p2: acted on 1998-11-20 although 'sec'" in check.out + check.err
    # set once both parts had acted, it holds nothing of the measure
    assert dprk("sequence", "w", "--remove", "sec", "--date", "1997-03-22").code == 0
    result = dprk("sequence", "w", "--after", "sec", "--date", "1999-03-21")
    assert (result.code, result.err) == (
        0,
        "w: after sec (w acted on 1995-12-27 through p1, before this order, and no part is "
        "yet to act: it holds nothing of w)\n",
    )


SEC_BEFORE_FRD = (
    "dprk: warning: sec: acted on 1999-01-20 although 'frd', which it was to follow, demanded "
    "by PLO, has not acted; no fix needed if that is what happened; if the order was entered "
    "by mistake: 'dprk drop-entry sec 2'"
)
SEC_APART = (
    "dprk: warning: sec: acted on 1999-01-20, while 'frd', which it was to be carried out "
    "together with, has not acted; no fix needed if that is what happened; if the order was "
    "entered by mistake: 'dprk drop-entry sec 3'"
)


def test_an_order_set_on_a_whole_says_which_parts_it_made_act_against_it(dprk, tmp_path):
    """Oslo II: Israel's demand of 1997 on the West Bank redeployment, entered after both
    of its phases of 1998. `sequence` of a measure made of parts said nothing of them,
    where `check` then warned of each: an order on a whole holds each part until it
    acts, and the write says so of each part that acted against it, as of a measure
    made of none; its undo and redo give the warnings back and take them away."""
    ledger = tmp_path / "dprk-ledger.toml"
    _redeployment_in_two_phases(dprk, "1998-01-10")
    before = ledger.read_bytes()
    warned = [
        f"dprk: warning: {part}: acted on {day} although 'sec', which it was to follow as "
        "part of 'w', demanded by Israel, has not acted; no fix needed if that is what "
        "happened; if the order was entered by mistake: 'dprk drop-entry w 2'"
        for part, day in (("p1", "1998-01-10"), ("p2", "1998-11-20"))
    ]
    result = dprk("sequence", "w", "--after", "sec", "--demanded-by", "Israel",
                  "--date", "1997-03-21")  # fmt: skip
    assert (result.code, result.out) == (0, "")
    assert result.err.splitlines() == ["w: after sec, demanded by Israel", *warned]
    after = ledger.read_bytes()
    assert after != before
    check = dprk("check")
    assert check.code == 0 and check.out.endswith("0 errors, 2 warnings\n")
    undone = dprk("undo")
    assert undone.code == 0 and ledger.read_bytes() == before
    assert "warning" not in undone.err
    redone = dprk("redo")
    assert redone.code == 0 and ledger.read_bytes() == after
    assert [line for line in redone.err.splitlines() if "warning" in line] == warned


@pytest.mark.parametrize("dated", [("--date", "2011-07-09"), ("--date", "2001-07-09"), ()])
def test_a_party_renamed_says_no_warning_again_that_stood_before(dprk, tmp_path, dated):
    """Sudan, 2011: the SPLM, whose demand of 2008 the Nuba Mountains redeployment acted
    against in 2010, renamed South Sudan. The rename said that warning again in the new
    name, though it changed no day, status or order: a rename makes no such warning, nor
    does its undo or redo, and one that stood before a write is not said again (dated
    after the measures were made, before them, which records no entry, or today)."""
    ledger = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--party", "GoS", "--party", "SPLM").code == 0
    assert dprk("add-measure", "Popular consultations", "--actor", "GoS", "--id", "pc",
                "--status", "agreed", "--date", "2004-05-26").code == 0  # fmt: skip
    assert dprk("add-measure", "SPLA leaves Nuba Mountains", "--actor", "SPLM", "--id", "nuba",
                "--status", "agreed", "--date", "2005-01-09").code == 0  # fmt: skip
    assert dprk("sequence", "nuba", "--after", "pc", "--demanded-by", "SPLM",
                "--date", "2008-01-09").code == 0  # fmt: skip
    marked = dprk("mark", "nuba", "implemented", "--date", "2010-12-31")
    assert marked.code == 0 and "nuba: acted on 2010-12-31 although 'pc'" in marked.err
    before = ledger.read_bytes()
    renamed = dprk("rename-party", "SPLM", "South Sudan", *dated)
    assert renamed.code == 0
    on = f" on {dated[1]}" if dated else ""  # (a dated rename says its day)
    assert renamed.err.startswith(f"renamed party SPLM to South Sudan{on} (1 measure changed")
    assert "warning" not in renamed.err
    text = ledger.read_bytes().decode()
    assert ledger.read_bytes() != before and 'demanded_by = "South Sudan"' in text
    check = dprk("check")
    assert "nuba: acted on 2010-12-31 although 'pc', which it was to follow, demanded by " \
        "South Sudan, has not acted" in check.out  # fmt: skip
    renamed_bytes = ledger.read_bytes()
    undone = dprk("undo")  # (nor its undo, nor its redo)
    assert (undone.code, ledger.read_bytes()) == (0, before) and "warning" not in undone.err
    redone = dprk("redo")
    assert (redone.code, ledger.read_bytes()) == (0, renamed_bytes)
    assert "warning" not in redone.err


@pytest.mark.parametrize("renamed", ["decom", "dev"])
def test_a_measure_renamed_and_undone_says_no_warning_again_that_stood_before(
    dprk, tmp_path, renamed
):
    """Good Friday: Devolution came in December 1999, before Decommissioning, which the
    Unionists had it wait for, and the mark warned of it. Decommissioning (or
    Devolution) renamed said nothing, but the rename's undo warned of it again, as new,
    though it changed no day, status or order: the ids it gave back were not those
    before it. Neither the rename, nor its undo, nor its redo says it again; check still
    lists it."""
    ledger = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--party", "UK", "--party", "SF", "--party", "Unionists").code == 0
    for title, actor, ident in (("Devolution", "UK", "dev"), ("Decommissioning", "SF", "decom")):
        made = dprk("add-measure", title, "--actor", actor, "--id", ident, "--status",
                    "agreed", "--date", "1998-04-10")  # fmt: skip
        assert made.code == 0, made.err
    assert dprk("sequence", "dev", "--after", "decom", "--demanded-by", "Unionists",
                "--date", "1998-04-10").code == 0  # fmt: skip
    marked = dprk("mark", "dev", "implemented", "--date", "1999-12-02")
    assert "dprk: warning: dev: acted on 1999-12-02 although 'decom'" in marked.err
    before = ledger.read_bytes()
    result = dprk("rename", renamed, "new-id")
    assert result.code == 0 and "warning" not in result.err, result.err
    after = ledger.read_bytes()
    assert after != before
    undone = dprk("undo")
    assert (undone.code, ledger.read_bytes()) == (0, before)
    assert undone.err.startswith(f"undid: rename {renamed} new-id")
    assert "warning" not in undone.err, undone.err
    redone = dprk("redo")
    assert (redone.code, ledger.read_bytes()) == (0, after)
    assert "warning" not in redone.err, redone.err
    check = dprk("check")
    assert check.code == 0 and "[acted-out-of-order]" in check.out


def test_a_past_deadlock_a_write_moves_is_told_from_the_first_day_it_stood(dprk, tmp_path):
    """Wye River, 1998: Israel would redeploy only once the Palestinians had acted on
    security, and they only once Israel had redeployed, until the Palestinians moved in
    January. An undo that gave back the circle a `--with` had broken warned of it on the
    `--with`'s day, where `plan --as-of` dates it from the second demand; a redate that
    moved the day it began said nothing, nor did its undo; one to an earlier day did not
    say the day it was from. Each says the first day it stood, as `plan --as-of` does, and
    the day it was from where the write moved it, or the day it ended on (the `--with`,
    which ends it on its day, and its undo); a drop that takes it out of the record, the
    days it stood on before."""
    ledger = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--party", "Israel", "--party", "PLO").code == 0
    for title, actor, ident in (("Redeploy", "Israel", "frd"), ("Security", "PLO", "sec")):
        assert dprk("add-measure", title, "--actor", actor, "--id", ident, "--status", "agreed",
                    "--date", "1998-10-23").code == 0  # fmt: skip
    assert dprk("sequence", "frd", "--after", "sec", "--demanded-by", "Israel",
                "--date", "1998-11-01").code == 0  # fmt: skip
    assert dprk("sequence", "sec", "--after", "frd", "--demanded-by", "PLO",
                "--date", "1998-12-01").code == 0  # fmt: skip
    assert dprk("mark", "sec", "implemented", "--date", "1999-01-20").code == 0
    circle = (
        "sec waits for frd (demanded by PLO); frd waits for sec (demanded by Israel); it no "
        "longer stands"
    )

    def warned(*args: str) -> tuple[int, str, list[str]]:
        result = dprk(*args)
        lines = result.err.splitlines()
        return result.code, result.out, [line for line in lines if "warning" in line]

    def since(day: str) -> str:
        plan = dprk("plan", "--as-of", day).out
        return plan.split("Deadlock 1 since ", 1)[1][:10]

    def said(day: str, was: str = "") -> list[str]:
        moved = f"it was from {was}; " if was else ""
        return [
            f"dprk: warning: deadlock on {day}: {circle} ({moved}'dprk plan --as-of {day}' "
            "shows it then)"
        ]

    def ended(now: str, was: str) -> str:
        return (
            f"dprk: warning: deadlock on 1998-12-01: {circle.removesuffix('; it no longer stands')}"
            f"; it now ended on {now} (it ended on {was}; 'dprk plan --as-of 1998-12-01' shows "
            "it then)"
        )

    shortened = ended("1998-12-15", "1999-01-20")
    assert warned("sequence", "frd", "--with", "sec", "--date", "1998-12-15")[2] == [
        shortened,
        SEC_APART,
    ]
    with_ = ledger.read_bytes()
    assert "(no deadlocks)" in dprk("plan", "--as-of", "1998-12-15").out
    # (and sec acted against the order the undo brings back, as the mark of sec said, and
    # apart from frd, which the redo brings back, as the order did)
    lengthened = ended("1999-01-20", "1998-12-15")
    assert warned("undo") == (0, "", [lengthened, SEC_BEFORE_FRD])
    assert since("1998-12-15") == since("1998-12-01") == "1998-12-01"
    assert warned("redo") == (0, "", [shortened, SEC_APART])
    assert ledger.read_bytes() == with_
    assert warned("undo")[2] == [lengthened, SEC_BEFORE_FRD]
    undone = ledger.read_bytes()
    # a redate that moves the day it began, either way, and the undo that moves it back
    assert warned("redate", "sec", "2", "1998-12-10") == (0, "", said("1998-12-10", "1998-12-01"))
    assert since("1998-12-20") == "1998-12-10"
    assert warned("undo") == (0, "", said("1998-12-01", "1998-12-10"))
    assert ledger.read_bytes() == undone and since("1998-12-20") == "1998-12-01"
    assert warned("redate", "sec", "2", "1998-11-15") == (0, "", said("1998-11-15", "1998-12-01"))
    assert since("1998-12-20") == "1998-11-15"
    assert warned("undo") == (0, "", said("1998-12-01", "1998-11-15"))
    # a drop of the order that made it, which takes it out of the record, and its undo
    assert warned("drop-entry", "sec", "2")[2] == [
        f"dprk: warning: deadlock: {circle} on any day (it stood from 1998-12-01 until 1999-01-20)"
    ]
    assert warned("undo")[2] == [*said("1998-12-01"), SEC_BEFORE_FRD]
    assert ledger.read_bytes() == undone
    # a redate that moves no day it began on says nothing
    assert warned("redate", "frd", "2", "1998-10-25") == (0, "", [])


def test_a_write_that_leaves_a_smaller_circle_of_a_deadlock_says_not_that_it_ended(dprk, tmp_path):
    """a and b waited for each other, and a and c too: one deadlock through the three.
    c withdrawn, the write said the deadlock "no longer stands (it stood from
    2018-01-05)", while `plan` showed a and b still waiting for each other since then. A
    deadlock that goes on through a wait it shares is the same deadlock: the write says
    nothing of its end; the step that ends the smaller circle says it."""
    ledger = tmp_path / "dprk-ledger.toml"
    for args in (
        ("init", "--party", "A", "--party", "B"),
        *(("add-measure", i, "--actor", p, "--id", i, "--date", "2018-01-01")
          for i, p in (("a", "A"), ("b", "B"), ("c", "B"))),
        ("sequence", "a", "--after", "b", "--demanded-by", "A", "--date", "2018-01-05"),
        ("sequence", "b", "--after", "a", "--demanded-by", "B", "--date", "2018-01-05"),
        ("sequence", "a", "--after", "c", "--demanded-by", "A", "--date", "2018-01-06"),
        ("sequence", "c", "--after", "a", "--demanded-by", "B", "--date", "2018-01-06"),
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    before = ledger.read_bytes()
    withdrawn = dprk("mark", "c", "withdrawn", "--date", "2018-02-01")
    assert (withdrawn.code, withdrawn.out, withdrawn.err) == (
        0,
        "",
        "c: withdrawn on 2018-02-01\n",
    )
    assert ledger.read_bytes() != before
    assert "Deadlock 1 since 2018-01-05: b waits for a" in dprk("plan").out
    ended = dprk("mark", "b", "implemented", "--date", "2018-03-01")
    assert ended.code == 0
    assert ended.err.splitlines()[1] == (
        "dprk: warning: deadlock on 2018-01-05: b waits for a (demanded by B); a waits for b "
        "(demanded by A); it no longer stands ('dprk plan --as-of 2018-01-05' shows it then)"
    )


@pytest.mark.parametrize(
    ("ending", "said"),
    [
        (
            ("mark", "x", "implemented", "--date", "2020-02-01"),
            "x: implemented on 2020-02-01\n"
            "dprk: warning: deadlock on 2020-01-03: y waits for x (demanded by A); x waits for "
            "y (demanded by B); it no longer stands ('dprk plan --as-of 2020-01-03' shows it "
            "then)\n"
            "dprk: warning: x: acted on 2020-02-01 although 'y', which it was to follow, "
            "demanded by B, has not acted; no fix needed if that is what happened; if the "
            "order was entered by mistake: 'dprk drop-entry x 2'\n",
        ),
        (
            ("drop-entry", "y", "2"),
            "y: dropped entry 2 (the sequence entry of 2020-01-03; y is now not sequenced "
            "with x); y is proposed\n"
            "dprk: warning: deadlock: y waits for x (demanded by A); x waits for y (demanded "
            "by B); with this change it never stood (it was recorded as standing from "
            "2020-01-03)\n",
        ),
    ],
    ids=["acted", "order-dropped"],
)
def test_a_write_that_ends_a_deadlock_says_it_no_longer_stands(dprk, empty, ending, said):
    """Each side waiting for the other from 3 January, x carried out on 1 February said
    nothing of the deadlock it ended, while its undo said the deadlock stood again. The
    write says it no longer stands, in the words a write that made one on a past day uses
    (`plan --as-of` shows it on the day it stood from), or, taken out of the record, the
    day it stood from; the change is recorded as before, its undo and redo say what they
    said. A write that ends none says nothing of it."""
    assert dprk("init", "--force", "--party", "A", "--party", "B").code == 0
    for args in (
        ("add-measure", "x", "--actor", "A", "--id", "x", "--date", "2020-01-01"),
        ("add-measure", "y", "--actor", "B", "--id", "y", "--date", "2020-01-01"),
        ("sequence", "x", "--after", "y", "--demanded-by", "B", "--date", "2020-01-02"),
        ("sequence", "y", "--after", "x", "--demanded-by", "A", "--date", "2020-01-03"),
    ):
        assert dprk(*args).code == 0, args
    noted = dprk("note", "x", "talks resumed", "--date", "2020-01-20")
    assert (noted.code, noted.err) == (0, "x: note on 2020-01-20\n")
    before = empty.read_bytes()
    ended = dprk(*ending)
    assert (ended.code, ended.out, ended.err) == (0, "", said)
    written = empty.read_bytes()
    assert written != before
    assert json.loads(dprk("plan", "--format", "json").out)["deadlocks"] == []
    undone = dprk("undo")
    assert undone.code == 0 and empty.read_bytes() == before
    assert undone.err.splitlines()[1:] == [
        "dprk: warning: deadlock: y waits for x (demanded by A); x waits for y (demanded by "
        "B); it stands from 2020-01-03; 'dprk plan' shows it"
    ]
    redone = dprk("redo")
    assert redone.code == 0 and empty.read_bytes() == written
    # (and of an order acted against, as the write said it)
    assert redone.err.splitlines()[1:] == said.splitlines()[1:]


TABA = (
    "arb waits for amb (demanded by Israel); amb waits for arb (demanded by Egypt)",
    "1984-02-01",
    "1986-09-11",
)


# (arb acted first: said by a write, an undo or a redo that makes it act against the order)
ARB_BEFORE_AMB = (
    "dprk: warning: arb: acted on 1986-09-11, before 'amb' acted on 1986-09-21 (it was to "
    "follow it, demanded by Israel); no fix needed if that is what happened; if the order was "
    "entered by mistake: 'dprk drop-entry arb 2'"
)


def taba(dprk, *, closing: bool = True) -> None:
    """Egypt would return its ambassador only once Israel accepted arbitration on Taba,
    Israel would accept it only once the ambassador was back: from 1 February 1984 until
    Israel accepted, 11 September 1986, ten days before the ambassador came back. The
    order that closed the circle is left out where not `closing`, to be entered after."""
    assert dprk("init", "--party", "Egypt", "--party", "Israel").code == 0
    steps = [
        ("add-measure", "Return ambassador", "--actor", "Egypt", "--id", "amb", "--status",
         "agreed", "--date", "1984-01-01"),
        ("add-measure", "Accept Taba arbitration", "--actor", "Israel", "--id", "arb",
         "--status", "proposed", "--date", "1982-06-01", "--in-exchange-for", "amb"),
        ("sequence", "amb", "--after", "arb", "--demanded-by", "Egypt", "--date", "1984-01-01"),
        ("sequence", "arb", "--after", "amb", "--demanded-by", "Israel", "--date", "1984-02-01"),
        ("mark", "arb", "implemented", "--date", "1986-09-11"),
        ("mark", "amb", "implemented", "--date", "1986-09-21"),
    ]  # fmt: skip
    if not closing:
        del steps[3]
    for args in steps:
        assert dprk(*args).code == 0, args


def test_a_write_that_erases_a_past_deadlock_says_it_stands_on_no_day(dprk, tmp_path):
    """A redate of Israel's acceptance to a typo'd day before the circle closed took the
    two and a half years of deadlock out of the record, and said nothing of it, while its
    undo, which gave them back, warned of the deadlock on its first day. The redate says
    it no longer stands on any day, with the days it stood from and to as `plan --as-of`
    dated it; the undo says it stood on its first day again and no longer stands, as a
    deadlock made on a past day is said; the redate is recorded as without the warning."""
    ledger = tmp_path / "dprk-ledger.toml"
    taba(dprk)
    circle, first, last = TABA
    assert f"Deadlock 1 since {first}" in dprk("plan", "--as-of", "1985-01-01").out
    before = ledger.read_bytes()
    redated = dprk("redate", "arb", "3", "1983-01-01")
    assert (redated.code, redated.out, redated.err) == (
        0,
        "",
        "arb: entry 3 (implemented on 1986-09-11) now dated 1983-01-01 (now entry 2); arb is "
        "now implemented (since 1983-01-01; it was implemented since 1986-09-11)\n"
        f"dprk: warning: deadlock: {circle}; it no longer stands on any day (it stood from "
        f"{first} until {last})\n",
    )
    written = ledger.read_bytes()
    assert written != before
    assert "(no deadlocks)" in dprk("plan", "--as-of", "1985-01-01").out
    undone = dprk("undo")
    assert (undone.code, undone.out) == (0, "") and ledger.read_bytes() == before
    assert undone.err.splitlines()[1:] == [
        f"dprk: warning: deadlock on {first}: {circle}; it no longer stands ('dprk plan "
        f"--as-of {first}' shows it then)",
        ARB_BEFORE_AMB,  # (its mark, back on its day, is again after the order)
    ]
    assert f"Deadlock 1 since {first}" in dprk("plan", "--as-of", "1985-01-01").out
    redone = dprk("redo")
    assert redone.code == 0 and ledger.read_bytes() == written
    assert redone.err.splitlines()[1:] == redated.err.splitlines()[1:]


def test_an_undo_of_the_order_that_closed_a_past_deadlock_says_it_stands_on_no_day(dprk, tmp_path):
    """Israel's order entered after the two acted closed a deadlock in the past, as its
    warning said; its undo took the deadlock out of the record and said nothing, while
    the redo that gave it back warned again. The undo says it no longer stands on any
    day, and from which day to which it stood; a drop of the order says so too."""
    ledger = tmp_path / "dprk-ledger.toml"
    taba(dprk, closing=False)
    circle, first, last = TABA
    said = f"dprk: warning: deadlock on {first}: {circle}; it no longer stands ('dprk plan "
    said += f"--as-of {first}' shows it then)"
    gone = f"dprk: warning: deadlock: {circle}; it no longer stands on any day (it stood from "
    gone += f"{first} until {last})"
    before = ledger.read_bytes()
    closed = dprk("sequence", "arb", "--after", "amb", "--demanded-by", "Israel",
                  "--date", first)  # fmt: skip
    # (and, as a write that makes a measure act against an order says, arb acted first)
    assert closed.code == 0 and closed.err.splitlines()[1:] == [said, ARB_BEFORE_AMB]
    written = ledger.read_bytes()
    undone = dprk("undo")
    assert (undone.code, undone.out) == (0, "") and ledger.read_bytes() == before
    assert undone.err.splitlines()[1:] == [gone]
    assert "(no deadlocks)" in dprk("plan", "--as-of", "1985-01-01").out
    redone = dprk("redo")
    assert redone.code == 0 and ledger.read_bytes() == written
    assert redone.err.splitlines()[1:] == [said, ARB_BEFORE_AMB]
    dropped = dprk("drop-entry", "arb", "2")
    assert dropped.code == 0 and dropped.err.splitlines()[1:] == [gone]
    assert ledger.read_bytes() != written
    undone = dprk("undo")  # (the order back: a deadlock on its day, arb before amb again)
    assert undone.err.splitlines()[1:] == [said, ARB_BEFORE_AMB]
    assert ledger.read_bytes() == written


def eritrea(dprk) -> str:
    """Ethiopia would demarcate the border only after a dialogue, Eritrea would talk only
    after the demarcation: from 26 November 2004 until the dialogue of 9 July 2018. The
    words of that circle, as a write names it."""
    assert dprk("init", "--party", "Ethiopia", "--party", "Eritrea").code == 0
    steps = [
        ("add-measure", "Demarcation", "--actor", "Ethiopia", "--id", "dem", "--status",
         "agreed", "--date", "2002-04-13"),
        ("add-measure", "Dialogue", "--actor", "Eritrea", "--id", "dia", "--date", "2004-11-25",
         "--in-exchange-for", "dem"),
        ("sequence", "dem", "--after", "dia", "--demanded-by", "Ethiopia", "--date", "2004-11-25"),
        ("sequence", "dia", "--after", "dem", "--demanded-by", "Eritrea", "--date", "2004-11-26"),
        ("mark", "dia", "implemented", "--date", "2018-07-09"),
    ]  # fmt: skip
    for args in steps:
        assert dprk(*args).code == 0, args
    return "dia waits for dem (demanded by Eritrea); dem waits for dia (demanded by Ethiopia)"


@pytest.mark.parametrize(
    ("change", "ends"),
    [
        (("sequence", "dem", "--remove", "dia", "--date", "2018-06-05"), "2018-06-05"),
        (("redate", "dia", "3", "2018-06-01"), "2018-06-01"),
        (("redate", "dia", "3", "2018-08-01"), "2018-08-01"),
    ],
    ids=["order-removed-earlier", "mark-redated-earlier", "mark-redated-later"],
)
def test_a_write_that_moves_the_end_of_a_past_deadlock_says_so(dprk, tmp_path, change, ends):
    """The deadlock of 26 November 2004 ended with the dialogue of 9 July 2018. Ethiopia's
    demand dropped as of 5 June 2018 ended it then, as `plan --as-of` showed, and the
    write said nothing, while one that moved the day it began said from when it now
    stood; the undo, which gave the weeks back, said it as a deadlock made on a past day.
    A write that moves the day a past deadlock ended, either way, says the day it ends on
    now and the one it did, each the first day `plan --as-of` shows it no more."""
    ledger = tmp_path / "dprk-ledger.toml"
    circle = eritrea(dprk)
    first, ended = "2004-11-26", "2018-07-09"
    before = ledger.read_bytes()

    def said(now: str, was: str) -> list[str]:
        return [
            f"dprk: warning: deadlock on {first}: {circle}; it now ended on {now} (it ended "
            f"on {was}; 'dprk plan --as-of {first}' shows it then)"
        ]

    def stands(day: str) -> bool:
        plan = dprk("plan", "--as-of", day).out
        assert f"Deadlock 1 since {first}: " in plan or "(no deadlocks)" in plan, plan
        return f"Deadlock 1 since {first}: " in plan

    def deadlocks(err: str) -> list[str]:
        return [line for line in err.splitlines() if "deadlock" in line]

    def day_before(day: str) -> str:
        return (date.fromisoformat(day) - timedelta(days=1)).isoformat()

    result = dprk(*change)
    assert (result.code, result.out) == (0, "")
    assert deadlocks(result.err) == said(ends, ended)
    written = ledger.read_bytes()
    assert written != before
    assert stands(day_before(ends)) and not stands(ends)
    undone = dprk("undo")
    assert (undone.code, undone.out) == (0, "") and ledger.read_bytes() == before
    assert deadlocks(undone.err) == said(ended, ends)
    assert stands(day_before(ended)) and not stands(ended)
    redone = dprk("redo")
    assert redone.code == 0 and ledger.read_bytes() == written
    assert deadlocks(redone.err) == said(ends, ended)


def test_an_order_dropped_as_of_a_past_deadlock_s_first_day_says_it_stands_on_no_day(
    dprk, tmp_path
):
    """Ethiopia's demand dropped as of 26 November 2004, the day Eritrea's closed the
    circle, took the deadlock up to 9 July 2018 out of the record and said nothing, while
    the undo said it stood again: the drop says it stands on no day, as a redate does."""
    ledger = tmp_path / "dprk-ledger.toml"
    circle = eritrea(dprk)
    before = ledger.read_bytes()
    dropped = dprk("sequence", "dem", "--remove", "dia", "--date", "2004-11-26")
    assert (dropped.code, dropped.out) == (0, "")
    assert dropped.err.splitlines()[1:] == [
        f"dprk: warning: deadlock: {circle}; it no longer stands on any day (it stood from "
        "2004-11-26 until 2018-07-09)"
    ]
    assert ledger.read_bytes() != before
    assert "(no deadlocks)" in dprk("plan", "--as-of", "2010-01-01").out
    undone = dprk("undo")
    assert (undone.code, undone.out) == (0, "") and ledger.read_bytes() == before
    assert undone.err.splitlines()[1:] == [
        f"dprk: warning: deadlock on 2004-11-26: {circle}; it no longer stands ('dprk plan "
        "--as-of 2004-11-26' shows it then)"
    ]
    assert "Deadlock 1 since 2004-11-26: " in dprk("plan", "--as-of", "2018-07-08").out
    assert "(no deadlocks)" in dprk("plan", "--as-of", "2018-07-09").out


SMALL = "b waits for a (demanded by B); a waits for b (demanded by A)"
BIG = f"{SMALL}; b waits for c (demanded by B); c waits for a (demanded by B)"


def two_circles(dprk) -> list[str]:
    """a and b wait for each other from 5 January 2018; b waits for c from the 6th, and c
    for a from the 7th: a second circle, a -> b -> c -> a, through the wait of a for b.
    One deadlock from the 5th, as `plan --as-of` shows it each day. The warnings of the
    last order, which closed the second circle."""
    for args in (
        ("init", "--party", "A", "--party", "B"),
        *(("add-measure", i, "--actor", p, "--id", i, "--date", "2018-01-01")
          for i, p in (("a", "A"), ("b", "B"), ("c", "B"))),
        ("sequence", "a", "--after", "b", "--demanded-by", "A", "--date", "2018-01-05"),
        ("sequence", "b", "--after", "a", "--demanded-by", "B", "--date", "2018-01-05"),
        ("sequence", "b", "--after", "c", "--demanded-by", "B", "--date", "2018-01-06"),
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    closed = dprk("sequence", "c", "--after", "a", "--demanded-by", "B", "--date", "2018-01-07")
    assert closed.code == 0, closed.err
    for day in ("2018-01-06", "2018-01-07"):
        assert "Deadlock 1 since 2018-01-05: " in dprk("plan", "--as-of", day).out
    return closed.err.splitlines()[1:]


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (
            ("remove", "--force", "c", "--date", "2018-02-01"),
            "c: removed (references dropped from b)\n",
        ),
        (
            ("sequence", "b", "--remove", "c", "--date", "2018-02-01"),
            "b: no longer after c, demanded by B\n"
            f"dprk: warning: still deadlocked: {SMALL}; 'dprk plan' shows it\n",
        ),
        (
            ("sequence", "c", "--remove", "a", "--date", "2018-02-01"),
            "c: no longer after a, demanded by B\n",
        ),
        (
            ("sequence", "b", "--remove", "a", "--date", "2018-02-01"),
            "b: no longer after a, demanded by B; a is still after b, demanded by A ('dprk "
            "sequence a --remove b --date 2018-02-01' drops that)\n"
            "dprk: warning: still deadlocked: c waits for a (demanded by B); b waits for c "
            "(demanded by B); a waits for b (demanded by A); 'dprk plan' shows it\n",
        ),
    ],
    ids=["big-removed", "big-order-of-b", "big-order-of-c", "small-order"],
)
def test_a_write_that_takes_one_circle_out_of_a_deadlock_of_two_made_none(
    dprk, tmp_path, change, said
):
    """Of a deadlock made of two circles sharing a wait, c removed (`remove --force`) was
    said to make the smaller circle, "deadlock: ...; it stands from 2018-01-05", as was an
    order of b toward c taken away, while c's toward a said nothing: `plan` shows one
    deadlock standing from the 5th throughout. A deadlock that goes on from one standing
    before, each of its waits one of its own, is that one: a write made none (`sequence`
    says that of its measures still stands)."""
    ledger = tmp_path / "dprk-ledger.toml"
    assert two_circles(dprk) == [
        f"dprk: warning: deadlock: {BIG}; it stands from 2018-01-05; 'dprk plan' shows it"
    ]
    before = ledger.read_bytes()
    result = dprk(*change)
    assert (result.code, result.out, result.err) == (0, "", said)
    assert ledger.read_bytes() != before
    assert "Deadlock 1 since 2018-01-05: " in dprk("plan").out
    assert dprk("undo").code == 0 and ledger.read_bytes() == before


ROUND = (
    "c waits for a (demanded by B); b waits for c (demanded by B); a waits for b (demanded by A)"
)
THEN = "dprk: warning: deadlock on 2018-01-05: " + SMALL + "; it no longer stands ('dprk plan "
THEN += "--as-of 2018-01-05' shows it then)"


GONE = (
    f"dprk: warning: deadlock: {SMALL}; with this change it never stood (it was recorded as "
    "standing from 2018-01-05)"
)


@pytest.mark.parametrize(
    ("ended", "change", "said", "shown"),
    [
        (False, ("sequence", "a", "--remove", "b", "--date", "2018-02-01"), [THEN], SMALL),
        (False, ("mark", "b", "withdrawn", "--date", "2018-02-01"), [THEN], SMALL),
        (
            False,
            ("mark", "a", "implemented", "--date", "2018-03-01"),
            [
                THEN,
                "dprk: warning: a: acted on 2018-03-01 although 'b', which it was to follow, "
                "demanded by A, has not acted; no fix needed if that is what happened; if the "
                "order was entered by mistake: 'dprk drop-entry a 2'",
            ],
            SMALL,
        ),
        (
            False,
            ("remove", "--force", "b", "--date", "2018-02-01"),
            [GONE],
            None,
        ),
        (
            False,
            ("drop-entry", "a", "2"),
            [GONE],
            None,
        ),
        (
            False,
            ("drop-entry", "b", "2"),
            [
                f"dprk: warning: deadlock: {ROUND}; it now stands from 2018-01-07 (it was from "
                "2018-01-05); 'dprk plan' shows it"
            ],
            None,
        ),
        (
            True,
            ("drop-entry", "b", "2"),
            [
                f"dprk: warning: deadlock on 2018-01-07: {ROUND}; it no longer stands (it was "
                "from 2018-01-05; 'dprk plan --as-of 2018-01-07' shows it then)"
            ],
            None,
        ),
        (
            True,
            ("drop-entry", "a", "2"),
            [
                f"dprk: warning: deadlock: {SMALL}; it no longer stands on any day (it stood "
                "from 2018-01-05 until 2018-03-01)"
            ],
            None,
        ),
        (
            True,
            ("remove", "--force", "b"),
            [
                f"dprk: warning: deadlock: {SMALL}; it no longer stands on any day (it stood "
                "from 2018-01-05 until 2018-03-01)"
            ],
            None,
        ),
    ],
    ids=[
        "shared-order",
        "withdrawn",
        "acted",
        "removed",
        "shared-order-dropped",
        "small-order-dropped",
        "past-small-order-dropped",
        "past-shared-order-dropped",
        "past-removed",
    ],
)
def test_a_write_that_ends_a_deadlock_of_two_circles_says_it_once_as_plan_shows_it(
    dprk, tmp_path, ended, change, said, shown
):
    """a and b in a circle from 5 January 2018, a second circle through them and c from
    the 7th: one deadlock, as `plan --as-of` shows it each day. A write that ended it, or
    took it out of the record, said it of each circle: the circle of the three "no longer
    stands (it stood from 2018-01-05)" while `plan --as-of 2018-01-05` showed a and b
    waiting for each other then, or "no longer stands on any day" while the three still
    waited in a circle from the 7th. The write says each run of it once, as `plan --as-of`
    shows it on its first day (`ended`: a carried out on 1 March before the write); the
    undo that gives a circle back to the run standing says from when it stands again."""
    ledger = tmp_path / "dprk-ledger.toml"
    two_circles(dprk)
    if ended:
        assert dprk("mark", "a", "implemented", "--date", "2018-03-01").code == 0
    before = ledger.read_bytes()
    result = dprk(*change)
    assert (result.code, result.out) == (0, "")
    assert result.err.splitlines()[1:] == said
    assert ledger.read_bytes() != before
    first = dprk("plan", "--as-of", "2018-01-05").out
    if shown is None:
        assert "Deadlock 1 since 2018-01-05" not in first
    else:
        assert f"Deadlock 1 since 2018-01-05: {shown}" in first
    undone = dprk("undo")
    assert undone.code == 0 and ledger.read_bytes() == before
    if change == ("drop-entry", "b", "2") and not ended:  # (the order back: from the 5th)
        assert undone.err.splitlines()[1:] == [
            f"dprk: warning: deadlock: {BIG}; it now stands from 2018-01-05 (it was from "
            "2018-01-07); 'dprk plan' shows it"
        ]


@pytest.mark.parametrize(
    "command",
    [["status"], ["next"], ["plan"], ["balance"], ["graph"], ["report", "--output", "-"]],
)
@pytest.mark.parametrize("as_of", [[], ["--as-of", "2023-07-16"]])
def test_an_assumption_that_changes_nothing_is_said_to(dprk, empty, command, as_of):
    """`balance --as-of 2023-07-16 --assume m=implemented`, m implemented since June,
    printed "Hypothetical: as if m=implemented" and the balance as it was, without a word
    that the assumption changed nothing: every command taking --assume warns so (the day
    asked of, and since when the record has it so); one that moves a measure is not."""
    assert dprk("add-measure", "M", "--actor", "US", "--id", "m", "--date", "2023-01-01").code == 0
    assert dprk("add-measure", "W", "--actor", "DPRK", "--id", "w", "--after", "m",
                "--date", "2023-01-02").code == 0  # fmt: skip
    assert dprk("mark", "m", "implemented", "--date", "2023-06-01").code == 0
    ledger = empty.read_bytes()
    day = "on 2023-07-16" if as_of else "today"
    warned = (
        f"dprk: warning: --assume: measure 'm' already stands implemented {day} (as recorded "
        "since 2023-06-01), so 'm=implemented' changes nothing\n"
    )
    idle = dprk(*command, *as_of, "--assume", "m=implemented")
    assert (idle.code, idle.err) == (0, warned), idle.err
    assert "Hypothetical" in idle.out or "hypothetical" in idle.out
    # with another that moves a measure: the idle one alone is named
    both = dprk(*command, *as_of, "--assume", "m=implemented", "--assume", "w=agreed")
    assert (both.code, both.err) == (0, warned)
    # one that moves it (to another extent, another status) is no news
    for moves in ("m=implemented:minimal", "m=verified", "w=implemented"):
        moved = dprk(*command, *as_of, "--assume", moves)
        assert (moved.code, moved.err) == (0, ""), (moves, moved.err)
    assert empty.read_bytes() == ledger
    # an extent reached later than the status: the day said is the status's, as that
    assert dprk("mark", "m", "implemented", "--extent", "minimal", "--date", "2023-07-01").code == 0
    idle = dprk(*command, *as_of, "--assume", "m=implemented:minimal")
    assert idle.err == (
        f"dprk: warning: --assume: measure 'm' already stands implemented (minimal) {day} (as "
        "recorded: implemented since 2023-06-01), so 'm=implemented:minimal' changes nothing\n"
    ), idle.err
