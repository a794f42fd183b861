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
        f",blocked,decom,SF,Decommissioning,{left}: waits for dev (withdrawn; demanded by SF),,"
    )
    assert path.read_bytes() == before
