"""The rest of a measure made of parts, held by an order on it, through the real entry
point: every view asks what holds it of one rule (`sequencing.rest_held`), as it asks it
of a single measure carried out in part."""

from __future__ import annotations

import json


def _run(dprk, *commands: tuple[str, ...]) -> None:
    for args in commands:
        done = dprk(*args)
        assert done.code == 0, done.err


def _decommissioning(dprk) -> None:
    """Decommissioning, to be done in four acts after devolution, began with one act
    before devolution came."""
    _run(
        dprk,
        ("init", "--party", "UK", "--party", "SF"),
        ("add-measure", "Devolution", "--actor", "UK", "--id", "dev", "--status", "agreed",
         "--date", "1998-04-10"),
        ("add-measure", "Decommissioning", "--actor", "SF", "--id", "decom", "--status",
         "agreed", "--date", "1998-04-10", "--expected-parts", "4"),
        ("sequence", "decom", "--after", "dev", "--demanded-by", "SF", "--date", "1998-04-10"),
        ("add-measure", "First act", "--actor", "SF", "--id", "act1", "--part-of", "decom",
         "--status", "implemented", "--date", "2001-10-23"),
    )  # fmt: skip


def test_plan_places_a_held_whole_with_parts_to_record_after_what_it_waits_for(dprk, tmp_path):
    _decommissioning(dprk)
    path = tmp_path / "dprk-ledger.toml"
    before = path.read_bytes()
    blocked = json.loads(dprk("next", "--format", "json").out)["blocked"]
    assert [(r["id"], r["waiting_for"]) for r in blocked] == [("decom", ["dev"])]
    shown = dprk("plan")
    assert shown.code == 0, shown.err
    left = "the rest: 1 of 4 parts recorded; record the others ('dprk add-measure ... --part-of decom')"
    assert shown.out.startswith(
        "Plan\n"
        f"phase  step  id     actor  {'left':<{len(left)}}  title\n"
        f"    1  act   dev    UK     {'':<{len(left)}}  Devolution\n"
        f"    2  act   decom  SF     {left}  Decommissioning\n"
    )
    document = json.loads(dprk("plan", "--format", "json").out)
    assert [(p["phase"], p["measures"], p["rest"]) for p in document["phases"]] == [
        (1, ["dev"], []),
        (2, [], [{"id": "decom", "extent": "minimal"}]),
    ]
    assert document["blocked"] == []
    assert path.read_bytes() == before


def test_plan_words_a_blocked_whole_with_parts_to_record_as_next_does(dprk, tmp_path):
    """Three acts of four are recorded; devolution, which the rest waits for, withdrawn:
    no plan places the rest, and its blocked row says it as `next` does."""
    _decommissioning(dprk)
    _run(
        dprk,
        ("add-measure", "Second act", "--actor", "SF", "--id", "act2", "--part-of", "decom",
         "--status", "implemented", "--date", "2002-04-08"),
        ("add-measure", "Third act", "--actor", "SF", "--id", "act3", "--part-of", "decom",
         "--status", "implemented", "--date", "2003-10-21"),
        ("mark", "dev", "withdrawn", "--date", "2004-01-01"),
    )  # fmt: skip
    path = tmp_path / "dprk-ledger.toml"
    before = path.read_bytes()
    left = "the rest: 3 of 4 parts recorded; record the others ('dprk add-measure ... --part-of decom')"
    assert f"decom  SF     {left}  dev (withdrawn; demanded by SF)" in dprk("next").out
    table = dprk("plan")
    assert table.code == 0, table.err
    assert (
        "Blocked (not planned)\n"
        f"id     actor  {'left':<{len(left)}}  waits for\n"
        f"decom  SF     {left}  dev (withdrawn; demanded by SF)\n"
    ) in table.out
    rows = dprk("plan", "--format", "csv").out.splitlines()
    assert rows[-1] == (
        f",blocked,decom,SF,Decommissioning,{left}: waits for dev (withdrawn; demanded by SF),,,,false"
    )
    assert path.read_bytes() == before


def _yongbyon(dprk) -> None:
    """The reactor's disablement, the one part of Yongbyon's, and the heavy fuel oil both
    went to intermediate before either side asked the other's in full."""
    _run(
        dprk,
        ("init", "--party", "DPRK", "--party", "US"),
        ("add-measure", "Disable Yongbyon", "--actor", "DPRK", "--id", "dis", "--status",
         "agreed", "--date", "2007-10-03"),
        ("add-measure", "Disable the reactor", "--actor", "DPRK", "--id", "dis-reactor",
         "--part-of", "dis", "--status", "agreed", "--date", "2007-10-03"),
        ("add-measure", "HFO", "--actor", "US", "--id", "hfo", "--status", "agreed",
         "--date", "2007-10-03"),
        ("mark", "dis-reactor", "hfo", "implemented", "--extent", "intermediate", "--date",
         "2007-12-20"),
    )  # fmt: skip


def test_an_order_on_a_whole_holds_the_rest_of_its_part_done_in_part(dprk, tmp_path):
    _yongbyon(dprk)
    path = tmp_path / "dprk-ledger.toml"
    first = dprk("sequence", "dis", "--after", "hfo", "--require", "full",
                 "--demanded-by", "DPRK", "--date", "2008-12-11")  # fmt: skip
    assert first.code == 0, first.err
    assert first.err == (
        "dis: after hfo (in full), demanded by DPRK (dis acted on 2007-12-20 through "
        "dis-reactor, before this order: it holds the rest of dis-reactor (done: "
        "intermediate))\n"
    )
    day = ("--as-of", "2008-12-11")
    shown = json.loads(dprk("next", *day, "--format", "json").out)
    assert [(r["id"], r["in_part"]) for r in shown["ready"]] == [("hfo", True)]
    assert [(r["id"], r["waiting_for"]) for r in shown["blocked"]] == [("dis-reactor", ["hfo"])]
    plan = json.loads(dprk("plan", *day, "--format", "json").out)
    assert [(p["phase"], p["rest"]) for p in plan["phases"]] == [
        (1, [{"id": "hfo", "extent": "intermediate"}]),
        (2, [{"id": "dis-reactor", "extent": "intermediate"}]),
    ]
    closed = dprk("sequence", "hfo", "--after", "dis", "--require", "full",
                  "--demanded-by", "US", "--date", "2008-12-12")  # fmt: skip
    assert closed.code == 0, closed.err
    assert "dprk: warning: deadlock: hfo waits for dis to be done in full" in closed.err
    before = path.read_bytes()
    day = ("--as-of", "2008-12-31")
    plan = json.loads(dprk("plan", *day, "--format", "json").out)
    [deadlock] = plan["deadlocks"]
    assert (deadlock["measures"], deadlock["since"]) == (
        ["dis", "dis-reactor", "hfo"],
        "2008-12-12",
    )
    assert (plan["phases"], plan["blocked"]) == ([], [])
    blocked = json.loads(dprk("next", *day, "--format", "json").out)["blocked"]
    assert [(r["id"], r["deadlocked"], r["in_part"]) for r in blocked] == [
        ("dis-reactor", True, True),
        ("hfo", True, True),
    ]
    table = dprk("next", *day).out
    assert "hfo (in full; demanded by DPRK) [via dis]  deadlocked" in table
    history = json.loads(dprk("plan", "--history", "--format", "json").out)["deadlocks"]
    assert [(d["from"], d["until"], d["measures"]) for d in history] == [
        ("2008-12-12", None, ["dis", "dis-reactor", "hfo"])
    ]
    check = dprk("check")
    assert (check.code, check.out.splitlines()[-1]) == (0, "0 errors, 1 warning")
    assert "hfo: deadlock: hfo waits for dis to be done in full" in check.out
    assert "deadlocked" in dprk("status", *day).out
    assert path.read_bytes() == before


def test_an_order_on_a_whole_names_its_parts_to_act_and_the_rest_it_holds(dprk):
    _yongbyon(dprk)
    _run(
        dprk,
        ("add-measure", "Disable the fuel plant", "--actor", "DPRK", "--id", "dis-fuel",
         "--part-of", "dis", "--status", "agreed", "--date", "2007-10-03"),
    )  # fmt: skip
    done = dprk("sequence", "dis", "--after", "hfo", "--require", "full",
                "--demanded-by", "DPRK", "--date", "2008-12-11")  # fmt: skip
    assert done.code == 0, done.err
    assert done.err == (
        "dis: after hfo (in full), demanded by DPRK (dis acted on 2007-12-20 through "
        "dis-reactor, before this order: it holds only its parts yet to act, dis-fuel, and "
        "the rest of dis-reactor (done: intermediate))\n"
    )
    blocked = json.loads(dprk("next", "--format", "json").out)["blocked"]
    assert [(r["id"], r["in_part"]) for r in blocked] == [
        ("dis-fuel", False),
        ("dis-reactor", True),
    ]
