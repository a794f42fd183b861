"""status, show, log: the documented shapes and the views for people."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sys

import pytest

from dprk_cli.clock import today
from dprk_cli.vocab import Status
from tests.conftest import ROOT
from tests.spying import answered

MEASURE_KEYS = {
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
    "constraints",
    "deadline",
    "last_date",
    "full_date",
    "late",
    "days_late",
    "sources",
    "notes",
    "verifications",
    "history",
    "acted_on",
    "verification",
}


def test_status_json_shape(dprk, korea):
    result = dprk("status", "--format", "json")
    assert result.code == 0
    doc = json.loads(result.out)
    assert doc["title"] == "US–DPRK denuclearization talks, 2018"
    assert set(doc["parties"]) == {"DPRK", "US", "ROK"}
    for counts in doc["parties"].values():
        assert set(counts) >= {"measures", "acted", "verified", "pending", "rejected"}
        assert all(isinstance(v, int) for v in counts.values())
    ids = [m["id"] for m in doc["measures"]]
    assert ids == sorted(ids)
    for m in doc["measures"]:
        assert set(m) >= MEASURE_KEYS
        assert isinstance(m["acted"], bool) and isinstance(m["pending"], bool)
        for entry in m["history"]:
            assert len(entry["date"]) == 10
    inv = next(m for m in doc["measures"] if m["id"] == "inventory-submission")
    assert inv["actor"] == "DPRK" and inv["pending"] and not inv["acted"]
    assert inv["in_exchange_for"] == ["end-of-war-declaration"]
    assert inv["constraints"] == [
        {
            "after": "end-of-war-declaration",
            "require": "acted",
            "demanded_by": "DPRK",
            "verified_by": None,
        }
    ]
    dprk_counts = doc["parties"]["DPRK"]
    assert dprk_counts["measures"] == sum(1 for m in doc["measures"] if m["actor"] == "DPRK")
    assert dprk_counts["acted"] == sum(
        1 for m in doc["measures"] if m["actor"] == "DPRK" and m["acted"]
    )


def test_status_verification_objects(dprk, korea):
    dprk(
        "verify",
        "punggye-ri-closure",
        "--by",
        "IAEA",
        "--method",
        "visit",
        "--evidence",
        "r1",
        "--date",
        "2019-01-02",
    )
    doc = json.loads(dprk("status", "--format", "json").out)
    m = next(m for m in doc["measures"] if m["id"] == "punggye-ri-closure")
    assert m["verifications"] == [
        {
            "by": "IAEA",
            "result": "confirmed",
            "date": "2019-01-02",
            "method": "visit",
            "evidence": ["r1"],
            "note": "",
        }
    ]
    assert m["verified"] is True
    assert doc["parties"]["DPRK"]["verified"] == 1


def test_status_filters(dprk, korea):
    pending = dprk("status", "--pending", "--format", "ids").lines
    assert "inventory-submission" in pending and "punggye-ri-closure" not in pending
    acted = dprk("status", "--acted", "--party", "DPRK", "--format", "ids").lines
    assert "punggye-ri-closure" in acted and "end-of-war-declaration" not in acted
    doc = json.loads(dprk("status", "--party", "US", "--format", "json").out)
    assert {m["actor"] for m in doc["measures"]} == {"US"}


def _flagged(dprk, word: str, *args: str) -> list[str]:
    """The ids whose flags cell in the status table names `word` (the flags column)."""
    lines = dprk("status", *args).lines
    head = next(i for i, line in enumerate(lines) if line.startswith("id "))
    at = lines[head].index(" flags ") + 1
    width = lines[head].index(" title") - at
    rows = lines[head + 1 :]
    rows = rows[: rows.index("")] if "" in rows else rows
    return [row.split()[0] for row in rows if word in row[at : at + width]]


def test_status_overdue_lists_the_measures_the_table_flags_and_the_parties_count(dprk, empty):
    """`status --overdue` keeps the measures overdue at the end of today or the --as-of
    day, by the rule every view asks: each flagged overdue in the table, and counted in
    its party's `overdue` (one done in part is late for the rest; one done in full after
    its deadline, or withdrawn, is late no more; the deadline day itself is not late)."""
    for args in (
        ["add-measure", "Late", "--actor", "DPRK", "--id", "late", "--status", "agreed",
         "--date", "2018-05-01", "--deadline", "2018-06-01"],
        ["add-measure", "Part", "--actor", "DPRK", "--id", "part", "--status", "agreed",
         "--date", "2018-05-01", "--deadline", "2018-06-01"],
        ["mark", "part", "implemented", "--extent", "minimal", "--date", "2018-05-20"],
        ["add-measure", "Done late", "--actor", "US", "--id", "done-late", "--status",
         "agreed", "--date", "2018-05-01", "--deadline", "2018-06-01"],
        ["mark", "done-late", "implemented", "--date", "2018-07-01"],
        ["add-measure", "Dropped", "--actor", "US", "--id", "dropped", "--status", "agreed",
         "--date", "2018-05-01", "--deadline", "2018-06-01"],
        ["mark", "dropped", "withdrawn", "--date", "2018-06-10"],
        ["add-measure", "Soon", "--actor", "ROK", "--id", "soon", "--status", "agreed",
         "--date", "2018-05-01", "--deadline", "2018-07-01"],
        ["add-measure", "Open", "--actor", "US", "--id", "open", "--date", "2018-05-01"],
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    before = empty.read_bytes()
    expected = {
        "2018-06-01": [],  # (the deadline day itself is not late)
        "2018-06-02": ["done-late", "dropped", "late", "part"],
        "2018-07-01": ["late", "part"],  # (soon's deadline is that day)
        "2018-07-02": ["late", "part", "soon"],
        None: ["late", "part", "soon"],
    }
    for day, overdue in expected.items():
        as_of = ["--as-of", day] if day else []
        ids = dprk("status", "--overdue", *as_of, "--format", "ids")
        assert (ids.code, ids.err) == (0, "")
        assert ids.lines == overdue, day
        assert _flagged(dprk, "overdue", *as_of) == overdue, day
        whole = json.loads(dprk("status", *as_of, "--format", "json").out)
        assert [m["id"] for m in whole["measures"] if m["overdue"]] == overdue
        counts = {name: c["overdue"] for name, c in whole["parties"].items()}
        actors = {m["id"]: m["actor"] for m in whole["measures"]}
        assert counts == {p: [actors[i] for i in overdue].count(p) for p in counts}, day
        doc = json.loads(dprk("status", "--overdue", *as_of, "--format", "json").out)
        assert [m["id"] for m in doc["measures"]] == overdue
        assert all(m["overdue"] for m in doc["measures"])
        assert doc["parties"] == whole["parties"]  # (counts: of all)
        flat = dprk("status", "--overdue", *as_of, "--format", "csv").out
        assert [r["id"] for r in csv.DictReader(io.StringIO(flat))] == overdue
    table = dprk("status", "--overdue", "--as-of", "2018-07-02")
    assert table.code == 0
    assert [line.split()[0] for line in table.lines[8:11]] == ["late", "part", "soon"]
    assert "partly done, overdue" in table.lines[9]
    assert table.lines[-1] == "overdue on 2018-07-02: late, part (partly done), soon"
    # with the other filters: all must hold
    assert dprk("status", "--overdue", "--party", "DPRK", "--format", "ids").lines == [
        "late",
        "part",
    ]
    assert dprk("status", "--overdue", "--party", "ROK", "--as-of", "2018-07-01",
                "--format", "ids").out == ""  # fmt: skip
    assert dprk("status", "--overdue", "--acted", "--format", "ids").lines == ["part"]
    # (the rest of part, which nothing holds, can go ahead, as `next` lists it)
    assert dprk("status", "--overdue", "--ready", "--format", "ids").lines == [
        "late",
        "part",
        "soon",
    ]
    # none overdue: as any filter that matches none
    none = dprk("status", "--overdue", "--as-of", "2018-06-01")
    assert none.code == 0 and none.err == ""
    assert none.lines[-2:] == ["Measures", "(no measures match)"]
    empty_doc = json.loads(dprk("status", "--overdue", "--party", "US", "--format", "json").out)
    assert empty_doc["measures"] == []
    assert empty.read_bytes() == before


def test_status_deadlocked_lists_the_circles_plan_finds_as_the_table_flags_them(
    dprk, empty, monkeypatch
):
    """`status --deadlocked` keeps the measures in a circle of orders, as `plan` finds
    them and the flags column marks them, now or on the --as-of day; on a warm cache,
    from the order kept beside the ledger (nothing derived again)."""
    for args in (
        ["add-measure", "Swap one", "--actor", "DPRK", "--id", "swap-a", "--date", "2018-05-01"],
        ["add-measure", "Swap two", "--actor", "US", "--id", "swap-b", "--date", "2018-05-01",
         "--deadline", "2018-08-01"],
        ["add-measure", "Other", "--actor", "ROK", "--id", "other", "--date", "2018-05-01"],
        ["sequence", "swap-a", "--after", "swap-b", "--demanded-by", "DPRK", "--date",
         "2018-07-01"],
        ["sequence", "swap-b", "--after", "swap-a", "--demanded-by", "US", "--date",
         "2018-07-10"],
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    before = empty.read_bytes()
    for day, stuck in (("2018-07-05", []), ("2018-07-12", ["swap-a", "swap-b"]),
                       (None, ["swap-a", "swap-b"])):  # fmt: skip
        as_of = ["--as-of", day] if day else []
        ids = dprk("status", "--deadlocked", *as_of, "--format", "ids")
        assert (ids.code, ids.err) == (0, "")
        assert ids.lines == stuck, day
        assert _flagged(dprk, "deadlocked", *as_of) == stuck, day
        plan = dprk("plan", *as_of, "--format", "jsonl").lines
        steps = [json.loads(line) for line in plan]
        assert sorted(s["id"] for s in steps if s["step"] == "deadlocked") == stuck, day
        doc = json.loads(dprk("status", "--deadlocked", *as_of, "--format", "json").out)
        assert [m["id"] for m in doc["measures"]] == stuck
        assert all(m["deadlocked"] for m in doc["measures"])
    # with the other filters, and with --overdue: all must hold
    assert dprk("status", "--deadlocked", "--party", "US", "--format", "ids").lines == ["swap-b"]
    assert dprk("status", "--deadlocked", "--overdue", "--format", "ids").lines == ["swap-b"]
    assert dprk("status", "--deadlocked", "--overdue", "--as-of", "2018-07-12",
                "--format", "ids").out == ""  # fmt: skip
    none = dprk("status", "--deadlocked", "--party", "ROK")
    assert none.code == 0 and none.lines[-2:] == ["Measures", "(no measures match)"]
    # a warm cache serves both from the order it keeps
    from dprk_cli.analysis import overview

    assert dprk("status").code == 0
    monkeypatch.setattr(overview, "order_of", lambda nodes: pytest.fail("order derived"))
    kept = dprk("status", "--deadlocked", "--format", "ids")
    assert (kept.code, kept.lines) == (0, ["swap-a", "swap-b"])
    assert dprk("status", "--overdue", "--format", "ids").lines == ["swap-b"]
    assert empty.read_bytes() == before


def test_status_verified_by_lists_the_measures_that_verifier_confirmed_on_the_day(dprk, empty):
    """`status --verified-by NAME` keeps the measures whose confirmation by NAME stands on
    today or the --as-of day, as the verification column and `verified_by` name who
    confirmed them: refuted since (entered first, the day replayed in order), made before
    the measure acted anew, or undone by a reversal, it counts no more; a measure made of
    parts is verified through them, by who confirmed every part. The name is matched as a
    party's is."""
    for args in (
        ["add-measure", "Tests", "--actor", "DPRK", "--id", "tests", "--status", "agreed",
         "--date", "2018-05-01"],
        ["mark", "tests", "implemented", "--date", "2018-05-10"],
        ["verify", "tests", "--by", "IAEA", "--date", "2018-05-20"],
        ["add-measure", "Drills", "--actor", "US", "--id", "drills", "--status", "agreed",
         "--date", "2018-05-01"],
        ["mark", "drills", "implemented", "--date", "2018-05-10"],
        # (the later refutation entered first)
        ["verify", "drills", "--by", "IAEA", "--result", "refuted", "--date", "2018-06-01"],
        ["verify", "drills", "--by", "UN Mission", "--date", "2018-05-15"],
        ["add-measure", "Site", "--actor", "DPRK", "--id", "site", "--status", "agreed",
         "--date", "2018-05-01"],
        ["mark", "site", "implemented", "--extent", "minimal", "--date", "2018-05-05"],
        ["verify", "site", "--by", "IAEA", "--date", "2018-05-06"],
        ["mark", "site", "implemented", "--date", "2018-06-10"],  # (acted anew)
        ["add-measure", "Freeze", "--actor", "DPRK", "--id", "freeze", "--status", "agreed",
         "--date", "2018-05-01"],
        ["mark", "freeze", "implemented", "--date", "2018-05-02"],
        ["verify", "freeze", "--by", "IAEA", "--date", "2018-05-03"],
        ["mark", "freeze", "reversed", "--date", "2018-07-01"],
        ["add-measure", "Whole", "--actor", "ROK", "--id", "whole", "--date", "2018-05-01"],
        ["add-measure", "Step", "--actor", "ROK", "--id", "step", "--part-of", "whole",
         "--status", "agreed", "--date", "2018-05-01"],
        ["mark", "step", "implemented", "--date", "2018-05-02"],
        ["verify", "step", "--by", "IAEA", "--date", "2018-05-04"],
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    before = empty.read_bytes()
    expected = {
        "2018-05-02": {"IAEA": [], "UN Mission": []},
        "2018-05-20": {
            "IAEA": ["freeze", "site", "step", "tests", "whole"],
            "UN Mission": ["drills"],
        },
        "2018-06-01": {"IAEA": ["freeze", "site", "step", "tests", "whole"], "UN Mission": []},
        "2018-06-10": {"IAEA": ["freeze", "step", "tests", "whole"], "UN Mission": []},
        None: {"IAEA": ["step", "tests", "whole"], "UN Mission": []},
    }
    for day, by_verifier in expected.items():
        as_of = ["--as-of", day] if day else []
        whole = json.loads(dprk("status", *as_of, "--format", "json").out)
        for verifier, ids in by_verifier.items():
            found = dprk("status", "--verified-by", verifier, *as_of, "--format", "ids")
            assert (found.code, found.err, found.lines) == (0, "", ids), (day, verifier)
            # the measures `verified_by` names the verifier of, on that day
            assert [m["id"] for m in whole["measures"] if verifier in m["verified_by"]] == ids
    # any case or spacing, as a party's name; in every format
    for name in ("iaea", " IAEA ", "I.A.E.A"):
        found = dprk("status", "--verified-by", name, "--format", "ids").lines
        assert found == ["step", "tests", "whole"]
    mission = dprk("status", "--verified-by", "un  mission", "--as-of", "2018-05-15", "--format",
                   "json")  # fmt: skip
    assert [m["id"] for m in json.loads(mission.out)["measures"]] == ["drills"]
    doc = json.loads(dprk("status", "--verified-by", "IAEA", "--format", "json").out)
    assert [(m["id"], m["verified_by"]) for m in doc["measures"]] == [
        ("step", ["IAEA"]),
        ("tests", ["IAEA"]),
        ("whole", ["IAEA"]),
    ]
    assert doc["parties"] == json.loads(dprk("status", "--format", "json").out)["parties"]
    flat = dprk("status", "--verified-by", "IAEA", "--as-of", "2018-06-01", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(flat.out)))
    assert [(r["id"], r["verified_by"]) for r in rows] == [
        ("freeze", "IAEA"),
        ("site", "IAEA"),
        ("step", "IAEA"),
        ("tests", "IAEA"),
        ("whole", "IAEA"),
    ]
    table = dprk("status", "--verified-by", "iaea")
    assert table.code == 0
    rows = table.lines[table.lines.index("Measures") + 2 :]
    assert [row.split()[:2] for row in rows] == [["tests", "DPRK"], ["whole", "ROK"], ["└", "step"]]
    assert "confirmed (IAEA)" in rows[0] and "confirmed (IAEA)" in rows[2]
    assert "verified (its parts)" in rows[1]  # (by the IAEA, which confirmed its part)
    # with the other filters: all must hold
    assert dprk("status", "--verified-by", "IAEA", "--party", "DPRK", "--format",
                "ids").lines == ["tests"]  # fmt: skip
    assert dprk("status", "--verified-by", "IAEA", "--as-of", "2018-06-01", "--search",
                "site", "--format", "ids").lines == ["site"]  # fmt: skip
    assert dprk("status", "--verified-by", "IAEA", "--no-parts", "--format",
                "ids").lines == ["tests", "whole"]  # fmt: skip
    assert dprk("status", "--verified-by", "IAEA", "--limit", "1", "--format",
                "ids").lines == ["tests"]  # fmt: skip
    # none found: as any filter that matches none (a verifier with no finding too, which
    # is warned of, as a category no measure is of)
    nobody = "dprk: warning: --verified-by: no finding in the ledger is by 'OSCE'\n"
    for args, err in ((["--verified-by", "UN Mission"], ""), (["--verified-by", "OSCE"], nobody),
                      (["--verified-by", "IAEA", "--pending"], "")):  # fmt: skip
        none = dprk("status", *args)
        assert (none.code, none.err) == (0, err)
        assert none.lines[-2:] == ["Measures", "(no measures match)"]
        assert json.loads(dprk("status", *args, "--format", "json").out)["measures"] == []
    blank = dprk("status", "--verified-by", " ")
    assert blank.code == 2 and "--verified-by needs a verifier's name" in blank.err
    assert empty.read_bytes() == before


def test_status_verified_by_a_name_no_finding_gives_is_warned_of(dprk, empty):
    """`status --verified-by IEAA`, of a ledger whose verifier is IAEA, listed nothing
    and said nothing, as if IAEA had verified nothing. A name no finding in the ledger
    gives is warned of on standard error, with the verifier on record it is near (as
    `verify --by` names it), as `--category` warns of a category no measure is of: still
    nothing listed, exit 0. A verifier on record that confirmed nothing on the day is no
    typo: no warning."""
    for args in (
        ["add-measure", "Tests", "--actor", "DPRK", "--id", "tests", "--status", "agreed",
         "--date", "2018-05-01"],
        ["mark", "tests", "implemented", "--date", "2018-05-10"],
        ["verify", "tests", "--by", "IAEA", "--date", "2018-05-20", "--new-verifier"],
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    before = empty.read_bytes()
    # (the close name, as `verify --by` gives it)
    refused = dprk("verify", "tests", "--by", "IEAA", "--date", "2018-05-21")
    assert refused.code == 1 and "did you mean IAEA, a verifier on record?" in refused.err
    warned = "dprk: warning: --verified-by: no finding in the ledger is by 'IEAA' (did you mean 'IAEA'?)\n"
    for fmt in ("table", "ids", "json"):
        typo = dprk("status", "--verified-by", "IEAA", "--format", fmt)
        assert (typo.code, typo.err) == (0, warned), fmt
    assert dprk("status", "--verified-by", "IEAA", "--format", "ids").out == ""
    table = dprk("status", "--verified-by", "IEAA")
    assert table.lines[-2:] == ["Measures", "(no measures match)"]
    doc = json.loads(dprk("status", "--verified-by", "IEAA", "--format", "json").out)
    assert doc["measures"] == []
    # on any day, as the ledger has it on record
    then = dprk("status", "--verified-by", "IEAA", "--as-of", "2018-05-01", "--format", "ids")
    assert (then.code, then.out, then.err) == (0, "", warned)
    # on record: listed, or, on a day it confirmed nothing, nothing and no warning
    for name in ("IAEA", "iaea"):
        found = dprk("status", "--verified-by", name, "--format", "ids")
        assert (found.code, found.out, found.err) == (0, "tests\n", "")
    early = dprk("status", "--verified-by", "IAEA", "--as-of", "2018-05-15", "--format", "ids")
    assert (early.code, early.out, early.err) == (0, "", "")
    # near none on record: the warning alone
    far = dprk("status", "--verified-by", "Interpol", "--format", "ids")
    assert (far.code, far.out) == (0, "")
    assert far.err == "dprk: warning: --verified-by: no finding in the ledger is by 'Interpol'\n"
    assert empty.read_bytes() == before


def test_verified_by_a_party_s_former_name_says_it_was_renamed(dprk, tmp_path):
    """`status --verified-by Türkiye` after `rename-party Türkiye "Türkiye Republic"` warned
    "no finding in the ledger is by 'Türkiye' (did you mean 'Türkiye Republic'?)", where
    every party option answers a former name with the rename and its day: so does
    --verified-by, refused as --party is (it warned, and listed nothing, exit 0)."""
    for args in (
        ["init", "--title", "BSGI", "--party", "Russia", "--party", "Türkiye"],
        ["add-measure", "Corridor", "--actor", "Russia", "--id", "corridor", "--date",
         "2022-07-22"],
        ["mark", "corridor", "implemented", "--date", "2022-08-01"],
        ["verify", "corridor", "--by", "Türkiye", "--date", "2022-08-03"],
        ["rename-party", "Türkiye", "Türkiye Republic", "--date", "2023-01-01"],
    ):  # fmt: skip
        done = dprk(*args)
        assert done.code == 0, (args, done.err)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    warned = (
        "dprk: error: --verified-by: party 'Türkiye' was renamed Türkiye Republic on "
        '2023-01-01; give "Türkiye Republic"\n'
    )
    for more in ([], ["--as-of", "2023-06-01"]):
        former = dprk("status", "--verified-by", "Türkiye", *more, "--format", "ids")
        assert (former.code, former.out, former.err) == (1, "", warned), more
    # on a day the party bore the name, the name is the party's
    then = dprk("status", "--verified-by", "Türkiye", "--as-of", "2022-12-01", "--format", "ids")
    assert (then.code, then.out, then.err) == (0, "corridor\n", "")
    table = dprk("status", "--verified-by", "türkiye")
    assert (table.code, table.out) == (1, "")
    assert table.err == warned.replace("'Türkiye'", "'türkiye'")
    # the name it has now: found, no warning
    now = dprk("status", "--verified-by", "Türkiye Republic", "--format", "ids")
    assert (now.code, now.out, now.err) == (0, "corridor\n", "")
    # a name near the new one, no former name: the typo, as before
    typo = dprk("status", "--verified-by", "Türkiye Republik", "--format", "ids")
    assert (typo.code, typo.out) == (0, "")
    assert "no finding in the ledger is by 'Türkiye Republik'" in typo.err
    assert ledger.read_bytes() == before


def test_verified_by_a_party_renamed_since_on_a_day_before_is_no_typo(dprk, tmp_path):
    """`status --as-of 1991-12-25 --verified-by Russia`, the USSR renamed Russia on
    1991-12-26, warned "no finding in the ledger is by 'USSR' (did you mean 'Russia'?)":
    a name not typed, the one typed suggested, of a party whose partial finding is on
    record. The warning judges the name as the filter does, the party of that day by
    every name it has: none listed (a partial finding confirms nothing), no warning."""
    for args in (
        ["init", "--title", "t", "--party", "US", "--party", "USSR"],
        ["add-measure", "US reduces", "--actor", "US", "--id", "us-cut", "--status", "agreed",
         "--date", "1991-07-31"],
        ["mark", "us-cut", "implemented", "--date", "1991-10-01"],
        ["verify", "us-cut", "--by", "USSR", "--result", "partial", "--date", "1991-11-01"],
        ["rename-party", "USSR", "Russia", "--date", "1991-12-26"],
    ):  # fmt: skip
        done = dprk(*args)
        assert done.code == 0, (args, done.err)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    for name in ("Russia", "russia", "USSR"):
        for day in (["--as-of", "1991-12-25"], ["--as-of", "1991-11-15"], []):
            if name == "USSR" and not day:
                continue
            seen = dprk("status", "--verified-by", name, *day, "--format", "ids")
            assert (seen.code, seen.out, seen.err) == (0, "", ""), (name, day)
    # (the former name after the rename: refused, as before)
    after = dprk("status", "--verified-by", "USSR", "--as-of", "1992-01-10", "--format", "ids")
    assert (after.code, after.out) == (1, "")
    assert after.err == (
        "dprk: error: --verified-by: party 'USSR' was renamed Russia on 1991-12-26; give Russia\n"
    )
    # (a party with no finding on that day's view is warned of by the name typed)
    us = dprk("status", "--verified-by", "US", "--as-of", "1991-12-25", "--format", "ids")
    assert (us.code, us.out) == (0, "")
    assert us.err == "dprk: warning: --verified-by: no finding in the ledger is by 'US'\n"
    assert ledger.read_bytes() == before


def test_status_table_for_people(dprk, korea):
    result = dprk("status")
    assert result.code == 0
    lines = result.lines
    assert lines[0] == "US–DPRK denuclearization talks, 2018"
    assert lines[1].split() == [
        "party",
        "measures",
        "acted",
        "verified",
        "pending",
        "rejected",
        "ready",
        "blocked",
        "owes",
        "owed",
        "overdue",
    ]
    assert any(line.startswith("DPRK") for line in lines[2:5])
    row = next(line for line in lines if line.startswith("punggye-ri-closure"))
    assert "implemented" in row and "unverified" in row and "DPRK" in row
    assert "\x1b" not in result.out and "┃" not in result.out


def test_status_in_a_narrow_terminal_keeps_words_whole(dprk, korea, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("FORCE_COLOR", "1")
    result = dprk("status", "--all")
    text = result.out
    import re

    plain = re.sub(r"\x1b\[[0-9;]*m", "", text)
    assert all(len(line) <= 80 for line in plain.splitlines())
    for ident in ("tongchang-ri-dismantlement", "complete-denuclearization-pledge", "implemented"):
        assert ident in plain


def test_show_json_and_table(dprk, korea):
    doc = json.loads(dprk("show", "inventory-submission", "--format", "json").out)
    assert set(doc) >= MEASURE_KEYS
    assert doc["id"] == "inventory-submission"
    table = dprk("show", "inventory-submission").out
    assert "after end-of-war-declaration, demanded by DPRK" in table
    assert "history" in table


def test_show_json_is_a_list_whenever_several_ids_or_standard_input_are_given(dprk, korea):
    """Ids piped in from another command may repeat, or be one: a script reading the
    list (`jq '.[]'`) got an object instead."""
    twice = json.loads(dprk("show", "second-summit", "second-summit", "--format", "json").out)
    assert [m["id"] for m in twice] == ["second-summit"]
    piped = json.loads(dprk("show", "-", "--format", "json", stdin="second-summit\n").out)
    assert [m["id"] for m in piped] == ["second-summit"]
    assert json.loads(dprk("show", "second-summit", "--format", "json").out)["id"] == (
        "second-summit"
    )


def test_show_gives_a_measures_flags_as_status_does_on_each_day(dprk, korea):
    """A measure done in part and past its deadline was "partly done, overdue" in
    `status`, while `show`, which tells all about one measure, gave no sign of it: its
    JSON had no `overdue` or `deadlocked`, its table a deadline and nothing more. `show`
    gives `status`'s record of the measure, flags included, judged on today or the
    --as-of day, plus its parts; its table a flags row, as status's flags column."""
    for args in (
        ["add-measure", "Demobilise", "--actor", "DPRK", "--id", "demob", "--status", "agreed",
         "--date", "2018-05-01", "--deadline", "2018-08-01"],
        ["mark", "demob", "implemented", "--extent", "minimal", "--date", "2018-07-01"],
        ["add-measure", "Swap one", "--actor", "DPRK", "--id", "swap-a", "--date", "2018-05-01"],
        ["add-measure", "Swap two", "--actor", "US", "--id", "swap-b", "--date", "2018-05-01"],
        ["sequence", "swap-a", "--after", "swap-b", "--demanded-by", "DPRK", "--date",
         "2018-07-01"],
        ["sequence", "swap-b", "--after", "swap-a", "--demanded-by", "US", "--date",
         "2018-07-10"],
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    before = korea.read_bytes()
    late = "ready, partly done, overdue"  # (its rest, which nothing holds: as `next` lists it)
    expected = {  # day -> id -> (overdue, deadlocked, the flags row)
        "2018-06-15": {"demob": (False, False, "ready"), "swap-a": (False, False, "ready")},
        "2018-07-05": {"demob": (False, False, "ready"), "swap-a": (False, False, "blocked"),
                       "swap-b": (False, False, "ready")},
        "2018-07-12": {"demob": (False, False, "ready"), "swap-a": (False, True, "deadlocked")},
        "2018-08-15": {"demob": (True, False, late), "swap-b": (False, True, "deadlocked")},
        None: {"demob": (True, False, late), "swap-a": (False, True, "deadlocked"),
               "inventory-submission": (False, True, "deadlocked"),
               "second-summit": (False, False, "ready")},
    }  # fmt: skip
    for day, flags in expected.items():
        as_of = ["--as-of", day] if day else []
        status = dprk("status", *as_of, "--format", "json")
        assert status.code == 0, status.err
        records = {m["id"]: m for m in json.loads(status.out)["measures"]}
        lines = dprk("status", *as_of).lines
        for ident, (overdue, deadlocked, row) in flags.items():
            assert (records[ident]["overdue"], records[ident]["deadlocked"]) == (
                overdue,
                deadlocked,
            ), (day, ident)
            shown = dprk("show", ident, *as_of, "--format", "json")
            assert shown.code == 0, shown.err
            record = json.loads(shown.out)
            shown_only = ("parts", "part_states", "derived_history")
            # (the last two keys of both, new in 0.3.0, after what `show` adds)
            keys = list(records[ident])
            assert list(record) == [*keys[:-2], *shown_only, *keys[-2:]], (day, ident)
            assert {k: v for k, v in record.items() if k not in shown_only} == records[ident]
            table = dprk("show", ident, *as_of)
            assert table.code == 0, table.err
            # (an overdue one's flags row says by how many days: the record's `days_late`)
            days = records[ident]["days_late"]
            said = f"{row} by {days} days" if overdue else row
            if day == "2018-08-15" and overdue:
                assert days == 14  # (its deadline 2018-08-01)
            assert re.search(rf"\ndeadline +\S+\nflags +{re.escape(said)}\n", table.out), table.out
            if row != "-":  # (the status table's flags column says the same)
                line = next(x for x in lines if x.startswith(ident + " "))
                assert f" {row} " in line, (day, line)
        flat = dprk("show", "demob", *as_of, "--format", "csv")
        assert flat.code == 0
        cells = next(csv.DictReader(io.StringIO(flat.out)))
        assert (cells["overdue"], cells["deadlocked"]) == (str(flags["demob"][0]).lower(), "false")
        # several ids, or read from standard input: a list of the same records
        ids = list(flags)
        many = dprk("show", *ids, *as_of, "--format", "json")
        piped = dprk("show", "-", *as_of, "--format", "json", stdin="\n".join(ids) + "\n")
        for result in (many, piped):
            assert result.code == 0, result.err
            listed = json.loads(result.out)
            assert [{k: v for k, v in r.items() if k not in shown_only} for r in listed] == [
                records[i] for i in ids
            ]
    assert korea.read_bytes() == before


def test_log_is_in_event_order_newest_last(dprk, korea):
    dprk("mark", "inventory-submission", "agreed", "--date", "2018-08-01", "--note", "late entry")
    records = json.loads(dprk("log", "--format", "json").out)
    dates = [r["date"] for r in records]
    assert dates == sorted(dates)
    assert set(records[0]) == {
        "id",
        "n",
        "date",
        "event",
        "status",
        "extent",
        "detail",
        "note",
        "recorded",
        "by",
    }
    one = json.loads(dprk("log", "inventory-submission", "--format", "json").out)
    assert [r["status"] for r in one] == ["proposed", "agreed"]
    assert one[-1]["note"] == "late entry"


def test_log_since_shows_every_entry_of_the_period_a_correction_too(dprk, korea):
    """'log --since' chose the measures by their events of the talks first, so a redate
    recorded today, listed by 'log' under today, was not shown by 'log --since today'."""
    assert dprk("redate", "second-summit", "1", "2018-09-18").code == 0
    today_ = str(today())
    for args in (("second-summit",), (), ("--party", "US"), ("second-summit", "--party", "US")):
        shown = json.loads(dprk("log", *args, "--since", today_, "--format", "json").out)
        assert [(r["id"], r["event"], r["date"]) for r in shown] == [
            ("second-summit", "correction", today_)
        ], args
    until = json.loads(dprk("log", "--until", "2018-04-30", "--format", "json").out)
    assert until and all(r["date"] <= "2018-04-30" for r in until)
    # (status --since still asks for events of the talks: a correction is none)
    assert dprk("status", "--since", today_, "--format", "ids").out == ""


@pytest.mark.parametrize(
    ("period", "said"),
    [
        (["--since", "2030-01-01"], "(no entries from 2030-01-01)"),
        (["--until", "2001-01-01"], "(no entries up to 2001-01-01)"),
        (
            ["--since", "2030-01-01", "--until", "2030-02-01"],
            "(no entries from 2030-01-01 to 2030-02-01)",
        ),
    ],
)
def test_log_of_a_period_with_no_entries_says_so_not_that_there_is_no_history(
    dprk, korea, period, said
):
    """'log ID --since DAY' with nothing after DAY said '(no history)', though the
    measure has a history, of entries before it."""
    for ids in (["second-summit"], []):
        shown = dprk("log", *ids, *period)
        assert shown.code == 0, shown.err
        assert shown.out.splitlines() == ["History", said]
        assert dprk("log", *ids, *period, "--format", "json").out == "[]\n"


def test_a_measure_written_by_hand_with_a_finding_alone_is_there_from_the_finding(dprk, empty):
    """Written by hand with no history, verified by a finding of May: --as-of January
    said it was verified then, and after an unrelated note it was not there at all."""
    empty.write_text(
        'schema = 1\ntitle = "T"\nparties = ["A"]\n\n[[measures]]\nid = "b"\ntitle = "B"\n'
        'actor = "A"\nstatus = "verified"\nverifications = [ { by = "X", result = '
        '"confirmed", date = 2018-05-01 } ]\n',
        encoding="utf-8",
    )
    assert dprk("check").code == 0

    def on(day: str) -> list[tuple[str, str]]:
        doc = json.loads(dprk("status", "--as-of", day, "--format", "json").out)
        return [(m["id"], m["status"]) for m in doc["measures"]]

    for _ in range(2):  # (the second after a note: the same answers)
        assert on("2018-01-01") == []
        assert on("2018-05-01") == [("b", "verified")]
        assert dprk("note", "b", "hello", "--date", "2018-06-01").code == 0


@pytest.mark.parametrize(
    ("pager", "said"),
    [
        ("no-such-pager-here", "could not be run, so nothing was shown (exit 127)"),
        ("false", "failed, and may not have shown it all (exit 1)"),
    ],
)
def test_a_pager_that_fails_is_an_error(dprk, korea, monkeypatch, pager, said):
    """A pager that could not be run (a typo in $PAGER) or failed: the report was lost,
    and dprk ended with 0. Its advice, 'use --no-pager', followed after the command's
    name, was refused for most commands: it says where the option goes."""
    monkeypatch.setenv("LINES", "10")
    monkeypatch.setenv("DPRK_PAGER", pager)
    for command in ("status", "log", "next"):
        result = dprk(command, tty=True)
        assert (result.code, result.out) == (2, "")
        assert result.err == (
            f"dprk: error: the pager '{pager}' {said}; set DPRK_PAGER to a pager that works "
            "(or to cat for none), or give --no-pager before the command ('dprk --no-pager "
            "COMMAND ...'; status, log and timeline take it after theirs too)\n"
        )
    for command in ("status", "log", "timeline"):  # (after the command's name, as before it)
        shown = dprk(command, "--no-pager", tty=True)
        assert shown.code == 0 and shown.out.count("\n") > 10, (command, shown.err)
    for command in ("status", "log", "timeline", "next"):  # (before it, as the line says)
        shown = dprk("--no-pager", command, tty=True)
        assert shown.code == 0 and shown.out.count("\n") > 8, (command, shown.err)


@pytest.mark.parametrize("pager", ["", "cat >/dev/null; "])
def test_ctrl_c_that_ends_the_pager_ends_dprk_as_interrupted(dprk, korea, monkeypatch, pager):
    """Ctrl-C at a pager that ends on it (not `less`, which goes on): dprk ended with 0
    and said nothing, as if the reader had seen it all. (The terminal's Ctrl-C reaches
    both: here the pager sends it to dprk, then ends.)"""
    monkeypatch.setenv("LINES", "10")
    # (it ends as a shell does whose command ^C ended: 128 + SIGINT)
    monkeypatch.setenv("DPRK_PAGER", f"{pager}kill -INT $PPID; exit 130")
    before = korea.read_bytes()
    for command in ("status", "log"):
        result = dprk(command, tty=True)
        assert (result.code, result.out, result.err) == (130, "", "dprk: interrupted\n")
    assert korea.read_bytes() == before


def test_a_measure_written_by_hand_with_findings_reads_as_its_first_write_will(dprk, empty):
    """Written by hand "verified", with a partial finding, then a confirmed one, and no
    history: it read verified from the partial finding on, until a note wrote its history
    (implemented, then verified by the confirmation). Verified by a partial finding alone,
    check said ok, and a note turned it to implemented without a word."""
    head = 'schema = 1\ntitle = "T"\nparties = ["A"]\n\n[[measures]]\nid = "h"\ntitle = "H"\n'
    found = '\n[[measures.verifications]]\nby = "{}"\nresult = "{}"\ndate = {}\n'
    partial = found.format("X", "partial", "2020-03-01")
    empty.write_text(
        head + 'actor = "A"\nstatus = "verified"\n' + partial
        + found.format("IAEA", "confirmed", "2020-05-01"),
        encoding="utf-8",
    )  # fmt: skip

    def read() -> list[tuple[str, str]]:
        return [
            (m["status"], m["status_date"])
            for day in (None, "2020-04-01")
            for m in json.loads(
                dprk("status", *(["--as-of", day] if day else []), "-f", "json").out
            )["measures"]
        ]

    assert dprk("check").code == 0
    first = read()
    assert first == [("verified", "2020-05-01"), ("implemented", "2020-03-01")]
    assert dprk("note", "h", "n", "--date", "2020-06-01").code == 0
    assert read() == first
    empty.write_text(head + 'actor = "A"\nstatus = "verified"\n' + partial, encoding="utf-8")
    check = dprk("check")
    assert check.code == 1
    assert "h: status is 'verified' but its history gives 'implemented'" in check.out
    before = empty.read_bytes()
    assert dprk("note", "h", "x", "--date", "2020-04-01").code == 1
    assert empty.read_bytes() == before


def test_the_pager_is_given_a_table_in_the_terminals_encoding(dprk, korea, monkeypatch, tmp_path):
    """A table taller than an ASCII terminal went to the pager in UTF-8 all the same: the
    timeline's marks as bytes the terminal cannot show. The pager is given what the
    terminal is shown without one: its encoding, each of dprk's signs it lacks as its
    ASCII stand-in."""
    from dprk_cli.cli.app import main

    class Terminal(io.TextIOWrapper):
        def isatty(self) -> bool:
            return True

    monkeypatch.setenv("LINES", "10")
    monkeypatch.setenv("COLUMNS", "120")
    paged = tmp_path / "paged.txt"
    monkeypatch.setenv("DPRK_PAGER", f"cat > {paged}")
    screen = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", Terminal(screen, encoding="ascii"))
    assert main(["timeline"]) == 0
    assert screen.getvalue() == b""  # (all of it went to the pager)
    text = re.sub(r"\x1b\[[0-9;]*m", "", paged.read_bytes().decode("ascii"))
    assert re.search(r"^2018-04-21 +\* +test-moratorium", text, re.M), text
    assert "* a party's own step; o another event" in text
    assert re.search(r"^-{40,}$", text, re.M)


def test_a_dumb_terminal_gets_no_pager_unless_dprk_pager_names_one(
    dprk, korea, monkeypatch, tmp_path
):
    """On a dumb terminal (TERM=dumb: a bare SSH session, Emacs's shell) the default
    pager, `less -FRX`, printed "WARNING: terminal is not fully functional" before every
    table taller than the window. There the table is printed in full, whatever $PAGER
    says; $DPRK_PAGER, set for dprk alone, is still run."""
    ids = dprk("status", "--format", "ids").out.split()
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setenv("LINES", "10")
    monkeypatch.setenv("COLUMNS", "120")
    paged = tmp_path / "paged.txt"
    for pager in ("PAGER", None):  # ($PAGER, or none set: less)
        if pager:
            monkeypatch.setenv(pager, f"cat > {paged}")
        else:
            monkeypatch.delenv("PAGER")
        result = dprk("status", tty=True)
        assert (result.code, result.err) == (0, "")
        assert all(ident in result.out for ident in ids), result.out
        assert "\x1b[" not in result.out and not paged.exists()
    monkeypatch.setenv("DPRK_PAGER", f"cat > {paged}")
    result = dprk("status", tty=True)
    assert (result.code, result.out, result.err) == (0, "", "")
    assert all(ident in paged.read_text(encoding="utf-8") for ident in ids)
    doc = re.sub(r"\s+", " ", (ROOT / "docs" / "guide.md").read_text(encoding="utf-8"))
    assert "On a dumb terminal (`TERM=dumb`" in doc


def test_status_taller_than_the_terminal_goes_through_the_pager(dprk, korea, monkeypatch, tmp_path):
    ids = dprk("status", "--format", "ids").out.split()
    monkeypatch.setenv("LINES", "20")
    monkeypatch.setenv("COLUMNS", "120")
    paged = tmp_path / "paged.txt"
    monkeypatch.setenv("DPRK_PAGER", f"cat > {paged}")
    result = dprk("status", tty=True)
    assert result.code == 0 and result.out == "" and result.err == ""
    text = paged.read_text(encoding="utf-8")
    assert all(ident in text for ident in ids)  # every row, none hidden
    assert "not shown" not in text

    # --no-pager, or a pager of `cat`: the whole table, printed
    paged.unlink()
    out = dprk("status", "--no-pager", tty=True).out
    assert all(ident in out for ident in ids) and not paged.exists()
    monkeypatch.setenv("DPRK_PAGER", "cat")
    assert all(ident in dprk("status", tty=True).out for ident in ids)
    monkeypatch.delenv("DPRK_PAGER")
    monkeypatch.setenv("PAGER", "cat")
    assert all(ident in dprk("status", tty=True).out for ident in ids)

    # a screen tall enough, or output that is not a terminal: no pager at all
    monkeypatch.setenv("DPRK_PAGER", f"cat > {paged}")
    monkeypatch.setenv("LINES", "200")
    assert all(ident in dprk("status", tty=True).out for ident in ids)
    monkeypatch.setenv("LINES", "20")
    assert all(ident in dprk("status").out for ident in ids)
    assert not paged.exists()

    # --limit cuts, and says so
    limited = dprk("status", "--limit", "3", "--no-pager", tty=True).out
    assert "11 more measures not shown (--limit 3)" in limited
    assert "not shown" not in dprk("status", "--limit", "3", "--all", tty=True).out


def test_a_limited_table_is_the_top_of_the_whole_table(dprk, empty):
    """`status --limit 3` took the first three measures in id order and folded those:
    a0, p1, p2, the parts without their measure w and without their mark, where the whole
    table begins a0, w, └ p1. It shows the first rows of the whole table, read warm or
    with a filter."""
    assert dprk("add-measure", "A", "--actor", "US", "--id", "a0").code == 0
    assert dprk("add-measure", "W", "--actor", "US", "--id", "w").code == 0
    for p in ("p1", "p2", "p3"):
        assert dprk("add-measure", p, "--actor", "US", "--id", p, "--part-of", "w").code == 0
    for args in ([], ["--party", "US"]):
        rows = dprk("status", *args).lines
        whole = [line.split()[:2] for line in rows[rows.index("Measures") + 2 :] if line]
        limited = dprk("status", *args, "--limit", "3").lines
        top = [line.split()[:2] for line in limited[limited.index("Measures") + 2 :]][:3]
        assert top == whole[:3] == [["a0", "US"], ["w", "US"], ["└", "p1"]], args
        assert "2 more measures not shown (--limit 3)" in limited
        # (every format lists those three: the ids and records were the first three in
        # id order, a0, p1, p2, where the table showed a0, w, p1; a script's format lists
        # them in the order it lists every measure, as a limit that cuts none does)
        for fmt in ("ids", "json", "jsonl", "csv"):
            out = dprk("status", *args, "--limit", "3", "--format", fmt).out
            if fmt == "json":
                listed = [m["id"] for m in json.loads(out)["measures"]]
            elif fmt == "jsonl":
                listed = [json.loads(line)["id"] for line in out.splitlines()]
            else:
                listed = [row.split(",")[0] for row in out.splitlines()[fmt == "csv" :]]
            assert listed == ["a0", "p1", "w"], (args, fmt)
            cut_none = dprk("status", *args, "--limit", "5", "--format", fmt).out
            every = dprk("status", *args, "--format", fmt).out
            if fmt == "json":  # (with a limit, it ends with how many it left out: none)
                cut_none, every = (json.loads(o)["measures"] for o in (cut_none, every))
            assert cut_none == every, (args, fmt)


@pytest.mark.parametrize("limit", [0, 2])
def test_limit_lists_at_most_n_measures_in_every_format(dprk, korea, limit):
    every = dprk("status", "--format", "ids").out.split()
    first = every[:limit]
    assert dprk("status", "--limit", str(limit), "--format", "ids").out.split() == first
    doc = json.loads(dprk("status", "--limit", str(limit), "--format", "json").out)
    assert [m["id"] for m in doc["measures"]] == first
    assert set(doc["parties"]) == {"DPRK", "ROK", "US"}  # the counts are of every measure
    # (a script knows the list was cut: how many it left out; 0 when it cut none)
    assert list(doc)[-1] == "not_shown" and doc["not_shown"] == len(every) - limit
    whole = json.loads(dprk("status", "--limit", "100", "--format", "json").out)
    assert (whole["not_shown"], len(whole["measures"])) == (0, len(every))
    assert "not_shown" not in json.loads(dprk("status", "--format", "json").out)
    lines = dprk("status", "--limit", str(limit), "--format", "jsonl").out.splitlines()
    assert [json.loads(line)["id"] for line in lines] == first
    for fmt in ("csv", "tsv"):
        rows = dprk("status", "--limit", str(limit), "--format", fmt).out.splitlines()
        assert [r.split("," if fmt == "csv" else "\t")[0] for r in rows[1:]] == first
    filtered = dprk("status", "--party", "DPRK", "--format", "ids").out.split()
    limited = dprk("status", "--party", "DPRK", "--limit", str(limit), "--format", "ids")
    assert limited.out.split() == filtered[:limit]
    # (the table said "(no measures match)" above "14 more measures not shown")
    table = dprk("status", "--limit", str(limit)).out
    assert ("(none listed)" in table) == (limit == 0)
    assert "no measures match" not in table
    assert f"{len(every) - limit} more measures not shown (--limit {limit})" in table
    one = dprk("status", "--limit", str(len(every) - 1)).out
    assert "\n1 more measure not shown" in one


@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl", "ids"])
def test_a_list_limit_cut_says_so_on_standard_error_where_the_data_cannot(dprk, korea, fmt):
    """JSON says `not_shown`, the table "12 more measures not shown (--limit 2)"; CSV,
    TSV, JSON lines and ids said nothing, so a script could not tell a list cut from a
    whole one. Those say the table's line on standard error; their output is as before."""
    before = korea.read_bytes()
    every = dprk("status", "--format", "ids").out.split()
    for args, listed in (((), every), (("--party", "DPRK"), None)):
        if listed is None:
            listed = dprk("status", *args, "--format", "ids").out.split()
        whole = dprk("status", *args, "--format", fmt)
        assert (whole.code, whole.err) == (0, "")
        cut = dprk("status", *args, "--limit", "2", "--format", fmt)
        assert cut.code == 0
        assert cut.err == f"dprk: {len(listed) - 2} more measures not shown (--limit 2)\n"
        head = 2 if fmt in ("jsonl", "ids") else 3  # (csv, tsv: the header row first)
        assert cut.out.splitlines() == whole.out.splitlines()[:head]
        kept = dprk("status", *args, "--limit", str(len(listed)), "--format", fmt)
        assert (kept.code, kept.err, kept.out) == (0, "", whole.out)  # (none left out)
        every_one = dprk("status", *args, "--limit", "2", "--all", "--format", fmt)
        assert (every_one.err, every_one.out) == ("", whole.out)
    assert korea.read_bytes() == before


@pytest.fixture
def generated(dprk, tmp_path):
    """A generated ledger of 300 measures (parts, deadlines, deadlocks among them)."""
    from benchmarks.generate import build
    from dprk_cli import store

    path = tmp_path / "dprk-ledger.toml"
    store.create(path, build(300, seed=5, cycles=2).ledger, force=False)
    return path


ALL_STATUSES = [arg for s in Status for arg in ("--status", s.value)]


@pytest.mark.parametrize("tty", [False, True], ids=["pipe", "terminal"])
def test_the_kept_status_table_is_the_table_made_from_the_measures(
    dprk, generated, monkeypatch, tty
):
    monkeypatch.setenv("COLUMNS", "160")
    monkeypatch.setenv("DPRK_PAGER", "cat")
    kept = dprk("status", tty=tty)  # every measure: rows from the cache's kept table
    made = dprk("status", *ALL_STATUSES, tty=tty)  # a filter: rows made from the nodes
    assert kept.code == made.code == 0
    assert kept.out == made.out
    assert kept.out.count("\n") > 300
    # and after a change, the kept table is made again
    ident = dprk("status", "--pending", "--format", "ids").out.split()[0]
    assert dprk("mark", ident, "withdrawn", "--date", "2026-01-01").code == 0
    after = dprk("status", tty=tty).out
    assert after == dprk("status", *ALL_STATUSES, tty=tty).out
    assert after != kept.out


def test_a_status_in_a_terminal_reads_each_kept_row_once(dprk, generated, monkeypatch):
    """The verification column folds onto more lines down to its longest word: to know
    that word, a terminal's status read every kept row of the table four times over
    before it drew one (at 10,000 measures, 0.95 s where it had taken 0.06 s; at 100,000,
    6.7 s). The longest word is kept beside the widths; each row is read once, to draw
    it, and the screen is the one the measures make."""
    from dprk_cli.render import views

    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("DPRK_PAGER", "cat")
    assert dprk("status", "--format", "json").code == 0  # (the table kept)
    rows = dprk("status", "--format", "ids").out.count("\n")
    with answered(views, "kept_row") as read:
        kept = dprk("status", tty=True)
    assert kept.code == 0, kept.err
    assert rows >= 300 and len(read) <= rows, (len(read), rows)
    assert kept.out == dprk("status", *ALL_STATUSES, tty=True).out


def test_the_first_status_after_a_change_keeps_the_table_filtered_or_not(dprk, generated):
    """The status that derives the counts after a change (a filtered one too) keeps the
    table's rows beside them, from the nodes it has at hand: a table in a terminal then
    never waits for them, and no later read derives them."""
    from dprk_cli import store

    kept = store.side_file(generated, "kept-table")
    assert dprk("status", "--pending", "--format", "ids").code == 0
    assert store.side_file(generated, "memo").exists() and kept.exists()
    made = kept.read_bytes()
    assert dprk("status", "--format", "json").code == 0
    assert dprk("status", tty=True).code == 0
    assert kept.read_bytes() == made  # kept, not made again
    ident = dprk("status", "--pending", "--format", "ids").out.split()[0]
    assert dprk("mark", ident, "withdrawn", "--date", "2026-01-01").code == 0
    assert dprk("status", "--party", "DPRK", "--format", "ids").code == 0
    assert kept.read_bytes() != made  # made again, for the new content


def test_a_long_table_is_made_a_screenful_at_a_time(dprk, generated, monkeypatch, tmp_path):
    from dprk_cli.render import screen, terminal

    monkeypatch.setenv("COLUMNS", "160")
    monkeypatch.setenv("LINES", "40")
    monkeypatch.setenv("DPRK_PAGER", "cat")
    whole = dprk("status", tty=True).out
    monkeypatch.setattr(screen, "FIRST", 7)
    monkeypatch.setattr(screen, "CHUNK", 13)
    assert dprk("status", tty=True).out == whole  # chunks line up as one table
    # a reader that quits after a screen: the rest is never made, and that is no error
    made: list[int] = []
    for painter in (screen.Direct, terminal.RichPainter):
        real = painter.table

        def counted(self, columns, widths, rows, header, real=real):
            made.append(len(rows))
            return real(self, columns, widths, rows, header)

        monkeypatch.setattr(painter, "table", counted)
    monkeypatch.setenv("DPRK_PAGER", f"head -n 5 > {tmp_path / 'screen'}")
    result = dprk("status", tty=True)
    assert result.code == 0 and result.out == "" and result.err == ""
    assert (tmp_path / "screen").read_text(encoding="utf-8").count("\n") == 5
    assert 0 < sum(made) < 300  # the party rows, and a few chunks of measures at most


@pytest.mark.parametrize("where", ["first block", "last block", "count"])
def test_a_damaged_kept_table_is_made_again(dprk, generated, monkeypatch, where):
    from dprk_cli import store

    monkeypatch.setenv("COLUMNS", "160")
    made = dprk("status", *ALL_STATUSES, tty=True).out
    assert dprk("status", tty=True).out == made  # the kept table, now written
    kept = store.side_file(generated, "kept-table")
    head, body = kept.read_bytes().split(b"\n", 1)
    if where == "count":
        head = head.replace(b'"count": ', b'"count": 1', 1)
    else:
        at = 5 if where == "first block" else len(body) - 5
        body = body[:at] + bytes([body[at] ^ 1]) + body[at + 1 :]
    kept.write_bytes(head + b"\n" + body)
    assert dprk("status", tty=True).out == made
    assert dprk("status").out == dprk("status", *ALL_STATUSES).out


def test_a_day_past_is_replayed_once_however_much_of_it_is_shown(dprk, korea, monkeypatch):
    """`status --as-of` replays each measure's history once to know how it stood that day,
    and each measure of that day's ledger once for its node: its JSON records stand on
    the same nodes (they were replayed a second time)."""
    from dprk_cli import lifecycle

    day = "2018-06-12"  # (the Singapore summit: some measures came after it)
    every = dprk("status", "--format", "ids").out.split()
    shown = json.loads(dprk("status", "--as-of", day, "--format", "json").out)["measures"]
    assert 0 < len(shown) < len(every)
    replayed: list[str] = []
    real = lifecycle.replay
    monkeypatch.setattr(lifecycle, "replay", lambda m: replayed.append(m.id) or real(m))

    again = json.loads(dprk("status", "--as-of", day, "--format", "json").out)["measures"]
    assert again == shown
    assert sorted(replayed) == sorted(every + [m["id"] for m in shown])


def test_party_may_be_given_several_times(dprk, korea):
    """--party twice means both parties (as --status twice means both statuses); it
    used to keep only the last one, without a word."""
    before = korea.read_bytes()
    actors = {
        m["id"]: m["actor"] for m in json.loads(dprk("status", "--format", "json").out)["measures"]
    }

    def ids_of(*parties: str) -> set[str]:
        return {i for i, actor in actors.items() if actor in parties}

    both = dprk("status", "--party", "US", "--party", "ROK", "--format", "ids")
    assert both.code == 0 and set(both.lines) == ids_of("US", "ROK")
    assert ids_of("US") and ids_of("ROK")  # (both parties have measures)
    log = json.loads(dprk("log", "--party", "ROK", "--party", "DPRK", "--format", "json").out)
    assert {e["id"] for e in log} == ids_of("ROK", "DPRK")
    lanes = dprk("timeline", "--party", "US", "--party", "ROK").lines
    assert re.match(r"date\s+US\s+ROK\s+days after", lanes[1])
    ready = json.loads(dprk("next", "--party", "US", "--party", "ROK", "--format", "json").out)
    assert {r["actor"] for r in ready["ready"]} == {"US", "ROK"}
    balance = json.loads(
        dprk("balance", "--party", "DPRK", "--party", "US", "--format", "json").out
    )
    assert list(balance["parties"]) == ["DPRK", "US"]
    bad = dprk("status", "--party", "US", "--party", "Japan")
    assert bad.code == 1 and bad.out == ""
    assert bad.err == (
        "dprk: error: --party: 'Japan' is not a declared party (declared: DPRK, ROK, US)\n"
    )
    assert korea.read_bytes() == before


def test_category_may_be_given_several_times(dprk, korea):
    records = json.loads(dprk("status", "--format", "json").out)["measures"]
    wanted = {m["id"] for m in records if m["category"] in ("diplomatic", "military")}
    assert {m["category"] for m in records} - {"diplomatic", "military"}  # (others are left out)
    both = dprk("status", "--category", "Diplomatic", "--category", "military", "--format", "ids")
    assert both.code == 0 and set(both.lines) == wanted


@pytest.mark.parametrize(
    "args",
    [["log", "--format", "json"], ["show", "second-summit", "test-moratorium", "-f", "json"]],
)
def test_a_json_list_of_records_has_each_record_on_a_line_of_its_own(dprk, korea, args):
    """The formats promise each record on a line of its own; `log` and `show` of several
    measures spread each over a dozen lines."""
    result = dprk(*args)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    records = json.loads(result.out)
    assert (lines[0], lines[-1], len(lines)) == ("[", "]", len(records) + 2)
    assert [json.loads(line.rstrip(",")) for line in lines[1:-1]] == records


def test_search_finds_the_dated_notes_too(dprk, empty):
    """A note added with `dprk note` or a step's --note was not found by --search, whose
    help names the notes."""
    for args in (
        ("add-measure", "X", "--actor", "DPRK", "--id", "x", "--date", "2018-01-01"),
        ("add-measure", "Y", "--actor", "DPRK", "--id", "y", "--date", "2018-01-01"),
        ("note", "x", "inspectors denied access", "--date", "2018-02-01"),
        ("mark", "y", "agreed", "--note", "agreed at Panmunjom", "--date", "2018-03-01"),
    ):
        assert dprk(*args).code == 0
    for text, found in (("INSPECTORS", ["x"]), ("panmunjom", ["y"]), ("nowhere", [])):
        assert dprk("status", "--search", text, "--format", "ids").out.split() == found


def test_search_reads_a_finding_s_evidence_and_method(dprk, empty, tmp_path):
    """A finding's note was found by --search, its evidence and method were not: the
    report's symbol, cited as the evidence, found nothing."""
    for args in (
        ("add-measure", "Keep LEU under 300 kg", "--actor", "DPRK", "--id", "cap",
         "--status", "implemented", "--date", "2016-01-16"),
        ("add-measure", "Y", "--actor", "DPRK", "--id", "y", "--date", "2018-01-01"),
        ("verify", "cap", "--by", "IAEA", "--result", "refuted", "--date", "2019-11-11",
         "--evidence", "GOV/2019/55", "--method", "environmental sampling",
         "--note", "stockpile 372.3 kg"),
    ):  # fmt: skip
        done = dprk(*args)
        assert done.code == 0, done.err
    before = (tmp_path / "dprk-ledger.toml").read_bytes()
    for text in ("gov/2019/55", "372.3", "Environmental Sampling"):
        result = dprk("status", "--search", text, "--format", "ids")
        assert (result.code, result.out, result.err) == (0, "cap\n", ""), text
    # on a past day, only the findings dated by then
    assert dprk("status", "--search", "GOV/2019/55", "--as-of", "2019-11-10",
                "--format", "ids").out == ""  # fmt: skip
    assert dprk("status", "--search", "GOV/2019/55", "--as-of", "2019-11-11",
                "--format", "ids").out == "cap\n"  # fmt: skip
    assert (tmp_path / "dprk-ledger.toml").read_bytes() == before


def test_search_finds_a_note_written_in_its_detail(dprk, korea):
    """The bundled example, and ledgers written by hand, give a note's text as its
    detail: --search finds it there too."""
    for text, found in (
        ("postponed by the President", ["pompeo-pyongyang-visit"]),
        ("ROK ENVOYS", ["pyongyang-inter-korean-summit"]),
    ):
        result = dprk("status", "--search", text, "--format", "ids")
        assert (result.code, result.out.split()) == (0, found)


def test_search_on_a_past_day_reads_only_what_the_ledger_held_then(dprk, empty):
    """`status --search WORDS --as-of DAY` found a measure by a source or a note added
    after DAY, or by a title it was given later, and missed it by the title it had
    then. On a past day the search reads the title and notes as they were, the sources
    held then and the entries dated by then; the table still shows today's title."""
    steps = [
        ["add-measure", "Summit at Hanoi", "--actor", "US", "--id", "s", "--date", "2019-01-01",
         "--status", "agreed", "--source", "White House briefing"],
        ["edit", "s", "--notes", "Planned in Vietnam.", "--date", "2019-01-01"],
        ["add-measure", "Talks", "--actor", "DPRK", "--id", "t", "--date", "2019-01-01",
         "--source", "KCNA report"],
        ["edit", "s", "--title", "Second Trump–Kim summit", "--add-source", "Reuters wire",
         "--notes", "Walked away from.", "--date", "2019-03-01"],
        ["note", "s", "no joint statement", "--date", "2019-03-02"],
        ["note", "t", "nothing agreed", "--source", "Yonhap dispatch", "--date", "2019-03-02"],
        ["edit", "t", "--remove-source", "KCNA report", "--date", "2019-04-01"],
    ]  # fmt: skip
    for args in steps:
        result = dprk(*args)
        assert result.code == 0, result.err

    def found(text: str, *as_of: str) -> list[str]:
        result = dprk("status", "--search", text, *as_of, "--format", "ids")
        assert result.code == 0, result.err
        return result.out.split()

    then = ("--as-of", "2019-02-01")
    for text, before, now in (
        ("Second Trump", [], ["s"]),  # a title given later
        ("Hanoi", ["s"], []),  # the title it had then
        ("Reuters", [], ["s"]),  # a source added later
        ("Yonhap", [], ["t"]),  # a note's source added later
        ("no joint statement", [], ["s"]),  # a note dated later
        ("walked away", [], ["s"]),  # notes written later
        ("Vietnam", ["s"], []),  # the notes it had then
        ("KCNA", ["t"], []),  # a source removed since
        ("White House", ["s"], ["s"]),
    ):
        assert (found(text, *then), found(text)) == (before, now), text
    assert found("Reuters", "--as-of", "2019-03-01") == ["s"]  # (added that day)
    assert found("KCNA", "--as-of", "2019-04-01") == []
    shown = json.loads(dprk("status", "--search", "Hanoi", *then, "--format", "json").out)
    assert [m["title"] for m in shown["measures"]] == ["Second Trump–Kim summit"]

    # the other views that choose measures as of a day choose them so too
    def scored(text: str, *as_of: str) -> int:
        args = ["scorecard", "--search", text, *as_of, "--format", "json"]
        return sum(g["measures"] for g in json.loads(dprk(*args).out)["groups"])

    assert (scored("Reuters", *then), scored("Reuters"), scored("Hanoi", *then)) == (0, 1, 1)
    assert "no measures match" in dprk("graph", "--search", "Reuters", *then).err


def test_log_and_timeline_list_a_day_the_same_whatever_order_it_was_entered_in(dprk, empty, tick):
    """Two measures' steps of one day came in the order they were typed: two analysts
    rebuilding the same day from their sources in another order read two logs."""
    steps = [
        ("add-measure", "A", "--actor", "DPRK", "--id", "a", "--date", "2018-06-12"),
        ("add-measure", "B", "--actor", "US", "--id", "b", "--date", "2018-06-12"),
        ("mark", "b", "agreed", "--date", "2018-06-12"),
        ("mark", "a", "agreed", "--date", "2018-06-12"),
        ("note", "a", "signed in Singapore", "--date", "2018-06-12"),
    ]
    read = []
    for order in (steps, [steps[1], steps[0], steps[3], steps[4], steps[2]]):
        empty.write_bytes(b'schema = 1\ntitle = "T"\nparties = ["DPRK", "US"]\n')
        for step in order:
            tick()  # (each step typed after the one before)
            assert dprk(*step).code == 0
        log = json.loads(dprk("log", "--format", "json").out)
        events = json.loads(dprk("timeline", "--format", "json").out)["events"]
        read.append(
            (
                [(e["id"], e["n"], e["event"], e["status"]) for e in log],
                [(e["id"], e["event"], e["status"]) for e in events],
            )
        )
    assert read[0] == read[1]
    assert [row[0] for row in read[0][0]] == ["a", "a", "a", "b", "b"]


@pytest.mark.parametrize(
    "args",
    [
        ["--party", "US"],
        ["--pending"],
        ["--search", "again"],
        ["--as-of", "2025-06-01"],
        ["--as-of", "2025-06-01", "--party", "US"],
    ],
)
def test_a_filtered_view_of_an_id_held_twice_shows_each_measure(dprk, empty, args):
    """A block pasted by hand holds an id twice (`check` names it): `status` and `export`
    listed both measures, but with a filter the first came out twice and the other not
    at all, and `--search` missed a word of the other's title."""
    assert (
        dprk("add-measure", "One", "--actor", "US", "--id", "one", "--date", "2025-01-01").code == 0
    )
    with empty.open("a", encoding="utf-8") as f:
        f.write('\n[[measures]]\nid = "one"\ntitle = "One again"\nactor = "US"\n')
    before = empty.read_bytes()
    result = dprk("status", *args, "--format", "json")
    assert result.code == 0, result.err
    titles = [m["title"] for m in json.loads(result.out)["measures"]]
    assert titles == (["One again"] if "--search" in args else ["One", "One again"])
    if "--as-of" not in args:  # (`export` writes the measures as they stand)
        exported = json.loads(dprk("export", *args).out)["measures"]
        assert [m["title"] for m in exported] == titles
    assert empty.read_bytes() == before


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "tsv"])
@pytest.mark.parametrize("as_of", [[], ["--as-of", "2020-03-11"]])
def test_status_assumes_a_step_in_every_record_format_on_any_day(dprk, empty, fmt, as_of):
    """`status --as-of D --assume x=implemented` ended in an internal error in the
    record formats, after part of a JSON document had gone out: the records were looked
    up by the nodes the ledger gave, not the ones --assume made."""
    assert dprk("add-measure", "X", "--actor", "US", "--id", "x", "--date", "2020-01-01").code == 0
    before = empty.read_bytes()
    result = dprk("status", *as_of, "--assume", "x=implemented", "--format", fmt)
    # (rows kept in a file would read as the record: the formats whose data cannot say it
    # are told so on standard error; JSON says it in its `assumed` list)
    warned = "dprk: warning: hypothetical: as if x=implemented (nothing is written)\n"
    assert (result.code, result.err) == (0, "" if fmt == "json" else warned)
    if fmt == "json":
        (record,) = json.loads(result.out)["measures"]
    elif fmt == "jsonl":
        record = json.loads(result.out)
    else:
        (record,) = csv.DictReader(io.StringIO(result.out), delimiter="," if fmt == "csv" else "\t")
    assert (record["id"], record["status"]) == ("x", "implemented")
    assert empty.read_bytes() == before


@pytest.mark.parametrize(
    ("command", "fmt"),
    [("next", "ids"), ("balance", "csv"), ("plan", "jsonl"), ("balance", "table")],
)
def test_a_hypothetical_answer_is_told_apart_in_every_format(dprk, korea, command, fmt):
    """CSV and ids under --assume carried no sign of being hypothetical: a pipeline that
    kept them could not tell them from the record. Standard error says it once; a table
    says it on its first line, and standard error stays quiet."""
    before = korea.read_bytes()
    assumed = "end-of-war-declaration=implemented"
    result = dprk(command, "--assume", assumed, "--format", fmt)
    told = f"as if {assumed} (nothing is written)"
    if fmt == "table":
        assert (result.code, result.err) == (0, "")
        assert result.out.startswith(f"Hypothetical: {told}\n")
    else:
        assert (result.code, result.err) == (0, f"dprk: warning: hypothetical: {told}\n")
        assert "Hypothetical" not in result.out and result.out
    plain = dprk(command, "--format", fmt)
    assert (plain.code, plain.err) == (0, "")
    assert korea.read_bytes() == before


def test_an_assumed_extent_is_said_back_as_typed(dprk, empty):
    """`--assume e=implemented:full` of a measure done in part was echoed 'as if
    e=implemented', which reads as where it stands now: the hypothesis is the move to
    full. It is said as typed; the same assumption without the extent is the same."""
    assert dprk("add-measure", "E", "--actor", "US", "--id", "e", "--date", "2015-12-08").code == 0
    assert dprk("mark", "e", "implemented", "--extent", "intermediate", "--date",
                "2016-01-01").code == 0  # fmt: skip
    shown = dprk("balance", "--assume", "e=implemented:full")
    assert shown.out.startswith("Hypothetical: as if e=implemented:full (nothing is written)\n")
    doc = json.loads(dprk("status", "--assume", "e=implemented:full", "--format", "json").out)
    assert doc["assumed"] == ["e=implemented:full"]
    assert [(m["id"], m["extent"]) for m in doc["measures"]] == [("e", "full")]
    both = dprk("next", "--assume", "e=implemented", "--assume", "e=implemented:full")
    assert both.code == 0 and both.out.startswith("Hypothetical: as if e=implemented (")
    plain = json.loads(dprk("status", "--assume", "e=implemented", "--format", "json").out)
    assert plain["assumed"] == ["e=implemented"]


def test_a_category_no_measure_is_of_is_warned_of_with_the_one_it_is_near(dprk, korea):
    """`status --category securty-guarantee` (a typo) chose nothing, with no word, where
    `--party` names the party meant: the empty answer looked like one. A filter that
    chooses nothing still exits 0 with its empty answer; standard error says why."""
    before = korea.read_bytes()
    result = dprk("status", "--category", "securty-guarantee", "--format", "ids")
    assert (result.code, result.out, result.err) == (
        0,
        "",
        "dprk: warning: --category: no measure is of category 'securty-guarantee' (did you "
        "mean 'security-guarantee'?)\n",
    )
    result = dprk("timeline", "--category", "Sports", "--category", "diplomatic", "--format",
                  "json")  # fmt: skip
    assert result.err == "dprk: warning: --category: no measure is of category 'Sports'\n"
    assert json.loads(result.out)["events"]
    result = dprk("status", "--category", "Security-Guarantee", "--format", "ids")
    assert (result.code, result.err) == (0, "") and result.out
    assert korea.read_bytes() == before


def test_a_category_is_matched_whatever_its_hyphens_as_a_party_is(dprk, empty):
    """`status --category "buffer zone"` found nothing of a measure of `buffer-zone`,
    warning "did you mean 'buffer-zone'?", though --category is taken in any case or
    spacing and a party's name counts a hyphen as a space: a category does too, in
    every command that takes it; one that differs otherwise is still warned of."""
    added = dprk("add-measure", "Buffer", "--actor", "US", "--id", "bz", "--category",
                 "buffer-zone", "--date", "2018-09-19")  # fmt: skip
    assert added.code == 0, added.err
    before = empty.read_bytes()
    assert 'category = "buffer-zone"' in before.decode()  # (kept as it was typed)
    for spelt in ("buffer zone", "Buffer-Zone", "BUFFER – zone"):
        result = dprk("status", "--category", spelt, "--format", "ids")
        assert (result.code, result.out, result.err) == (0, "bz\n", ""), spelt
        for command in ("log", "export", "timeline", "graph", "scorecard"):
            result = dprk(command, "--category", spelt)
            assert (result.code, result.err) == (0, ""), (command, result.err)
            assert "bz" in result.out or command == "scorecard", command  # (no commitment)
    result = dprk("status", "--category", "bufer zone", "--format", "ids")
    assert (result.code, result.out, result.err) == (
        0,
        "",
        "dprk: warning: --category: no measure is of category 'bufer zone' (did you mean "
        "'buffer-zone'?)\n",
    )
    assert empty.read_bytes() == before


def test_a_category_is_matched_whatever_its_underscores_or_run_together_as_a_party_is(dprk, korea):
    """`status --category securityguarantee` and `--category security_guarantee` found
    nothing of `security-guarantee`, warning "did you mean 'security-guarantee'?", where
    `FARCEP` and `FARC_EP` are the party `FARC-EP`: a category is known by its letters
    and digits as a party's name is, read as a search reads them, in every command, and
    the scorecard counts its spellings as one category."""
    for ident, category in (("g2", "Security_Guarantee"), ("g3", "Bezpieczeństwo Łódź")):
        added = dprk("add-measure", ident, "--actor", "US", "--id", ident, "--category",
                     category, "--status", "agreed", "--date", "2018-07-07")  # fmt: skip
        assert added.code == 0, added.err
    before = korea.read_bytes()
    for spelt in ("securityguarantee", "security_guarantee", "SECURITY GUARANTEE",
                  "security/guarantee", "security-guarantee"):  # fmt: skip
        result = dprk("status", "--category", spelt, "--format", "ids")
        assert (result.code, result.out.split(), result.err) == (
            0,
            ["end-of-war-declaration", "g2", "security-guarantees"],
            "",
        ), spelt
        for command in ("log", "export", "timeline", "graph", "scorecard"):
            result = dprk(command, "--category", spelt)
            assert (result.code, result.err) == (0, ""), (command, result.err)
    result = dprk("status", "--category", "bezpieczenstwo-lodz", "--format", "ids")
    assert (result.code, result.out, result.err) == (0, "g3\n", "")
    result = dprk("status", "--category", "securty_guarantee", "--format", "ids")
    assert (result.code, result.out, result.err) == (
        0,
        "",
        "dprk: warning: --category: no measure is of category 'securty_guarantee' (did you "
        "mean 'security-guarantee'?)\n",
    )
    card = json.loads(dprk("scorecard", "--by", "category", "--format", "json").out)
    named = {g["name"]: g["measures"] for g in card["groups"]}
    assert "Security_Guarantee" not in named, named
    assert named["security-guarantee"] == 2  # (its commitments: g2, end-of-war-declaration)
    assert korea.read_bytes() == before


def test_an_assumed_step_shows_in_a_filtered_view_of_an_id_held_twice(dprk, empty):
    assert (
        dprk("add-measure", "One", "--actor", "US", "--id", "one", "--date", "2025-01-01").code == 0
    )
    assert (
        dprk("add-measure", "Two", "--actor", "US", "--id", "two", "--date", "2025-01-01").code == 0
    )
    with empty.open("a", encoding="utf-8") as f:
        f.write('\n[[measures]]\nid = "one"\ntitle = "One again"\nactor = "US"\n')
    result = dprk("status", "--party", "US", "--assume", "two=implemented", "--format", "json")
    assert result.code == 0, result.err
    listed = [(m["title"], m["status"]) for m in json.loads(result.out)["measures"]]
    assert listed == [("One", "proposed"), ("Two", "implemented"), ("One again", "proposed")]


@pytest.mark.parametrize("as_of", [[], ["--as-of", "2025-06-01"]])
def test_an_id_held_twice_is_two_measures_under_an_assumption_and_in_the_table(dprk, empty, as_of):
    """A block pasted by hand holds t twice (US's and ROK's): `--assume t=withdrawn` gave
    both rows the first one's title and actor, and the status table listed one row."""
    assert (
        dprk("add-measure", "First", "--actor", "US", "--id", "t", "--date", "2025-01-01").code == 0
    )
    with empty.open("a", encoding="utf-8") as f:
        f.write(
            '\n[[measures]]\nid = "t"\ntitle = "Second"\nactor = "ROK"\nstatus = "implemented"\n'
        )
    before = empty.read_bytes()
    result = dprk("status", *as_of, "--assume", "t=withdrawn", "--format", "csv")
    assert result.code == 0, result.err
    rows = [(r["title"], r["actor"], r["status"]) for r in csv.DictReader(io.StringIO(result.out))]
    assert rows == [("First", "US", "withdrawn"), ("Second", "ROK", "withdrawn")]
    table = dprk("status", *as_of).out
    assert re.search(r"\nt +US +proposed .* First\n", table)
    assert re.search(r"\nt +ROK +\w+ .* Second\n", table)
    assert empty.read_bytes() == before


def test_an_assumed_extent_is_an_event_of_the_day_asked_of(dprk, empty):
    """`--assume x=implemented:full` of a measure implemented minimally left its
    `last_date` at the minimal step, and `--since` that day left it out; the same step
    recorded that day moves it."""
    assert dprk("add-measure", "X", "--actor", "US", "--id", "x", "--date", "2020-01-01",
                "--status", "agreed").code == 0  # fmt: skip
    assert dprk("mark", "x", "implemented", "--extent", "minimal", "--date", "2020-02-01").code == 0
    asked = ["--as-of", "2020-03-01", "--assume", "x=implemented:full"]
    (x,) = json.loads(dprk("status", *asked, "--format", "json").out)["measures"]
    assert (x["extent"], x["status_date"], x["last_date"]) == ("full", "2020-02-01", "2020-03-01")
    assert dprk("status", *asked, "--since", "2020-03-01", "--format", "ids").out == "x\n"


@pytest.mark.parametrize("entered", ["hand", "command"])
def test_a_step_dated_tomorrow_counts_in_the_views_from_its_day(dprk, empty, entered):
    """A step dated tomorrow (a teammate a time zone ahead; a hand edit's day of grace):
    the views without --as-of counted it, --as-of today did not, both said "on" today,
    and the balance owed for -1 days. They stand at the end of today, as --as-of does."""
    from datetime import timedelta

    now, tomorrow = today(), today() + timedelta(days=1)
    month = (now - timedelta(days=30)).isoformat()
    due = (now - timedelta(days=3)).isoformat()
    assert dprk("add-measure", "X", "--actor", "DPRK", "--id", "x", "--date", month,
                "--deadline", due).code == 0  # fmt: skip
    assert dprk("add-measure", "Y", "--actor", "US", "--id", "y", "--date", month,
                "--in-exchange-for", "x").code == 0  # fmt: skip
    if entered == "hand":
        assert dprk("mark", "x", "implemented").code == 0
        text = empty.read_text(encoding="utf-8")
        empty.write_text(text.replace(f"date = {now}\n", f"date = {tomorrow}\n"), "utf-8")
    else:  # (written where it was already tomorrow)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr("dprk_cli.clock.today", lambda: tomorrow)
            assert dprk("mark", "x", "implemented").code == 0
    assert f"date = {tomorrow}" in empty.read_text(encoding="utf-8")
    assert dprk("check").code == 0
    before = empty.read_bytes()
    for command in (["status"], ["balance"], ["scorecard"], ["next"], ["plan"]):
        plain = dprk(*command, "--format", "json")
        assert plain.code == 0, plain.err
        assert plain.out == dprk(*command, "--as-of", str(now), "--format", "json").out, command
    rows = json.loads(dprk("status", "--format", "json").out)["measures"]
    assert {m["id"]: (m["status"], m["overdue"]) for m in rows} == {
        "x": ("proposed", True),
        "y": ("proposed", False),
    }
    assert (
        dprk("balance", "--format", "csv").out
        == "party,direction,measure,counterpart,since,days,in_part,disputed,held_by\n"
    )
    page = dprk("report", "--output", "-").out
    assert page == dprk("report", "--as-of", str(now), "--output", "-").out
    # what was recorded is listed already, and counts from its day
    assert [e["date"] for e in json.loads(dprk("log", "x", "--format", "json").out)][-1] == str(
        tomorrow
    )
    assert empty.read_bytes() == before


def test_a_disputed_measure_names_who_disputed_it_after_a_partial_finding(dprk, empty, tmp_path):
    """Refuted by one verifier, then found in part by another: `status`, `show` and the
    report said 'partial (Mechanism)' beside 'disputed', and no one disputed it. The
    refutation that made it so is named, as a confirmation is of a verified measure."""
    assert dprk("add-measure", "Leave the south", "--actor", "DPRK", "--id", "h", "--status",
                "agreed", "--date", "2024-11-27").code == 0  # fmt: skip
    for args in (
        ("mark", "h", "implemented", "--extent", "minimal", "--date", "2025-05-15"),
        ("verify", "h", "--by", "Israel", "--result", "refuted", "--date", "2025-05-20"),
        ("verify", "h", "--by", "Mechanism", "--result", "partial", "--date", "2025-06-01"),
    ):
        assert dprk(*args).code == 0
    # (and who found it in part since, as of a verified measure: `--partial` lists it,
    # its latest finding since it acted being partial)
    table = dprk("status").out
    said = "refuted (Israel); partial (Mechanism)"
    assert re.search(rf"\nh +DPRK +disputed +min +{re.escape(said)} ", table), table
    assert f"verification     {said}\n" in dprk("show", "h").out
    assert dprk("report", "--output", "r.html").code == 0
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert f"<td>{said}</td>" in page
    assert dprk("status", "--partial", "--format", "ids").out == "h\n"
    assert dprk("status", "--status", "disputed", "--format", "ids").out == "h\n"


def test_the_report_words_a_mixed_verification_one_way_whichever_finding_gave_the_status(
    dprk, empty, tmp_path
):
    """Confirmed by UN, then found in part by IAEA, the report said "confirmed by UN;
    partial by IAEA, 2020-03-05"; refuted by UN, then found in part by IAEA, "refuted by
    UN, 2020-03-01; partial by IAEA": the day on one finding or the other. Both are
    worded by the one function the status table and `show` word them with."""
    for args in (
        ("add-measure", "C", "--actor", "DPRK", "--id", "c", "--date", "2020-01-01"),
        ("add-measure", "R", "--actor", "DPRK", "--id", "r", "--date", "2020-01-01"),
        ("mark", "c", "r", "implemented", "--date", "2020-02-01"),
        ("verify", "c", "--by", "UN", "--date", "2020-03-01"),
        ("verify", "r", "--by", "UN", "--result", "refuted", "--date", "2020-03-01"),
        ("verify", "c", "r", "--by", "IAEA", "--result", "partial", "--date", "2020-03-05"),
    ):
        assert dprk(*args).code == 0, args
    before = empty.read_bytes()
    table = dprk("status").out
    assert "confirmed (UN); partial (IAEA)" in table and "refuted (UN); partial (IAEA)" in table
    result = dprk("report", "--output", "r.html")
    assert (result.code, result.out, result.err) == (0, "", "wrote r.html\n")
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<td>confirmed (UN); partial (IAEA)</td>" in page
    assert "<td>refuted (UN); partial (IAEA)</td>" in page
    assert empty.read_bytes() == before


def test_show_as_of_a_day_shows_the_measure_as_it_stood_then(dprk, korea):
    """`status --as-of` answered what stood on a day, and `show`, which tells all about
    one measure, could not: an analyst rebuilding a briefing of May 2018 read today's
    links and the history since. With --as-of, `show` gives the measure as it stood at
    the end of that day, in every format, and says when it was not in the talks yet."""
    before = korea.read_bytes()
    then = dprk("show", "punggye-ri-closure", "--as-of", "2018-05-01", "--format", "json")
    assert then.code == 0, then.err
    doc = json.loads(then.out)
    now = json.loads(dprk("show", "punggye-ri-closure", "--format", "json").out)
    assert list(doc) == list(now)  # (the same shape)
    assert (doc["status"], doc["in_exchange_for"]) == ("proposed", [])
    assert [e["event"] for e in doc["history"]] == ["created"]
    assert (now["status"], now["in_exchange_for"]) == ("implemented", ["end-of-war-declaration"])
    table = dprk("show", "punggye-ri-closure", "--as-of", "2018-05-24").out
    assert re.search(r"\nstatus +implemented\n", table)
    assert "in exchange for  -" in table and "2018-07-07" not in table
    early = dprk("show", "second-summit", "--as-of", "2018-01-01")
    assert (early.code, early.out) == (1, "")
    assert early.err == (
        "dprk: error: measure 'second-summit' was not in the talks yet on 2018-01-01 (made on "
        "2018-09-10)\n"
    )
    assert korea.read_bytes() == before


def test_a_measure_not_made_yet_on_the_as_of_day_is_said_with_the_day_it_was_made(dprk, empty):
    """'show ID --as-of D' of a measure made after D said "was not in the talks yet on
    D", and '--assume ID=...' with '--as-of D' the same, without saying when it came to
    be: the analyst had to read its log to find a day to ask. Both say the day it was
    made, in one wording; of one added without a date, the day of its earliest event,
    said so."""
    assert dprk("add-measure", "Summit", "--actor", "US", "--id", "summit",
                "--date", "2018-06-12").code == 0  # fmt: skip
    assert dprk("add-measure", "Remains", "--actor", "DPRK", "--id", "remains").code == 0
    assert dprk("mark", "remains", "agreed", "--date", "2018-07-27").code == 0
    before = empty.read_bytes()
    said = {
        "summit": "(made on 2018-06-12)",
        "remains": "(made on 2018-07-27: no date given, dated by its earliest event)",
    }
    for ident, made in said.items():
        shown = dprk("show", ident, "--as-of", "2018-05-01")
        assert (shown.code, shown.out, shown.err) == (
            1,
            "",
            f"dprk: error: measure '{ident}' was not in the talks yet on 2018-05-01 {made}\n",
        )
        for command in ("status", "plan"):
            assumed = dprk(command, "--as-of", "2018-05-01", "--assume", f"{ident}=implemented")
            assert (assumed.code, assumed.out, assumed.err) == (
                1,
                "",
                f"dprk: error: --assume: measure '{ident}' was not in the talks yet on "
                f"2018-05-01 {made}\n",
            )
        assert empty.read_bytes() == before
    # (on the day it was made, it is there)
    assert dprk("show", "remains", "--as-of", "2018-07-27").code == 0
    assert dprk("status", "--as-of", "2018-06-12", "--assume", "summit=agreed").code == 0
    assert empty.read_bytes() == before


def test_show_as_of_an_id_the_day_does_not_hold_is_answered_as_without_it(dprk, korea):
    """'show ID --as-of D' of an id not in the ledger of D asked only D's measures: one in
    another case or spelt nearly so lost its 'did you mean', and a measure removed after
    D (in the talks on D, but the file keeps no record of it) got a bare 'no measure
    with id'. It is asked of the ledger as it stands, as without --as-of (and as
    --assume asks it): the case, the id meant, the removal and its day, and, before that
    day, why no past view shows it; one made later is still said not made yet."""
    meant = {
        "End-Of-War-Declaration": " (ids are case-sensitive); did you mean end-of-war-declaration?",
        "end-of-war-declaratio": "; did you mean end-of-war-declaration?",
    }
    for day in (None, "2018-01-01"):  # (the measure meant was not made yet on that day)
        as_of = ["--as-of", day] if day else []
        for ident, hint in meant.items():
            shown = dprk("show", ident, *as_of)
            assert (shown.code, shown.out, shown.err) == (
                1,
                "",
                f"dprk: error: no measure with id '{ident}'{hint}\n",
            )
    assert dprk("add-measure", "Ease travel ban", "--actor", "US", "--id", "travel-ease",
                "--in-exchange-for", "remains-repatriation",
                "--date", "2018-08-01").code == 0  # fmt: skip
    assert dprk("remove", "travel-ease", "--force", "--date", "2018-10-01").code == 0
    before = korea.read_bytes()
    removed = (
        "dprk: error: no measure with id 'travel-ease': it was removed from the ledger on "
        "2018-10-01 (its removal is recorded on remains-repatriation)"
    )
    unseen = (
        "; the file keeps no record of a measure removed, so no view of a day before its "
        "removal shows it"
    )
    for day, said in (("2018-09-01", removed + unseen), ("2018-11-01", removed)):
        shown = dprk("show", "travel-ease", "--as-of", day)
        assert (shown.code, shown.out, shown.err) == (1, "", said + "\n")
        assumed = dprk("plan", "--as-of", day, "--assume", "travel-ease=agreed")
        assert (assumed.code, assumed.out) == (1, "")
        assert assumed.err == said.replace("error: ", "error: --assume: ", 1) + "\n"
    # (in the talks on none of these days, the removed measure is in no view of them)
    listed = dprk("status", "--as-of", "2018-09-01", "--format", "ids")
    assert listed.code == 0 and "travel-ease" not in listed.out.split()
    early = dprk("show", "end-of-war-declaration", "--as-of", "2017-01-01")
    assert (early.code, early.out, early.err) == (
        1,
        "",
        "dprk: error: measure 'end-of-war-declaration' was not in the talks yet on 2017-01-01 "
        "(made on 2018-07-07)\n",
    )
    assert korea.read_bytes() == before


def test_a_free_text_column_takes_the_room_an_emptier_one_leaves(dprk, empty, monkeypatch):
    """'dprk log' in a 100-column terminal cut an edit's detail ("deadline: '1996-06…")
    while its note column, empty, kept half the room for free text and the line ended
    short of the edge. A free-text column that needs less than its share leaves the rest
    to the others."""
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("LINES", "50")
    assert dprk("add-measure", "Elections", "--actor", "DPRK", "--id", "elections",
                "--date", "1995-12-14").code == 0  # fmt: skip
    assert dprk("edit", "elections", "--deadline", "1996-09-14", "--date", "1996-07-01").code == 0
    assert dprk("edit", "elections", "--deadline", "1996-06-14", "--date", "1995-12-15").code == 0
    shown = dprk("--no-pager", "log", "elections", tty=True)
    assert shown.code == 0
    plain = re.sub(r"\x1b\[[0-9;]*m", "", shown.out)
    assert "deadline: (none) -> '1996-06-14'" in plain
    assert "deadline: '1996-06-14' -> '1996-09-14'" in plain
    assert max(len(line.rstrip()) for line in plain.splitlines()) <= 100


def test_show_lists_a_days_findings_in_the_order_they_replay(dprk, empty):
    """The MFO confirmed Israel's final withdrawal on 25 April 1982 and Egypt refuted it
    the same day: `show` listed Egypt's refutation first (by the verifier's name), where
    `log` lists the confirmation first, then the refutation that leaves it disputed.
    `show` lists findings as they replay, and so do its JSON and the file."""
    for args in (
        ["add-measure", "Final withdrawal", "--actor", "US", "--id", "fw", "--status",
         "implemented", "--date", "1982-04-20"],
        ["verify", "fw", "--by", "MFO", "--date", "1982-04-25"],
        ["verify", "fw", "--by", "DPRK", "--result", "refuted", "--date", "1982-04-25"],
        ["verify", "fw", "--by", "IAEA", "--result", "partial", "--date", "1982-04-24"],
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    out = dprk("show", "fw").out
    table = out.split("fw: verifications\n", 1)[1].split("\n\n", 1)[0].splitlines()[1:]
    assert [line.split()[:3] for line in table] == [
        ["1982-04-24", "IAEA", "partial"],
        ["1982-04-25", "MFO", "confirmed"],
        ["1982-04-25", "DPRK", "refuted"],
    ], out
    logged = [line.split()[-3:] for line in dprk("log", "fw").out.splitlines()[2:]]
    assert logged[-2:] == [["confirmed", "by", "MFO"], ["refuted", "by", "DPRK"]], logged
    shown = json.loads(dprk("show", "fw", "--format", "json").out)
    assert [v["by"] for v in shown["verifications"]] == ["IAEA", "MFO", "DPRK"]


def _read_each_order(dprk, empty, tick, parties, orders, days, periods):
    """What the views say of the same facts entered in each of `orders` (lists of
    commands) into a ledger of `parties`: the status JSON (today, and as of each of
    `days`), the ids `status`, `export` and `timeline` choose for each of `periods`
    (since, until; None: open), the timeline's events and the log's entries (all, and
    those of each period), each read as a view that should not depend on the typing
    order reads it: a step is a step, whether the creation or a `mark` recorded it, and
    a log lists a link's change where it is recorded (on both measures, or on the one
    the other was added exchanged for)."""
    picked = ("id", "status", "extent", "status_date", "last_date", "in_exchange_for")

    def event(e):
        kind = "step" if e["event"] in ("created", "status") else e["event"]
        said = True if kind == "step" else e["detail"] or e["note"]
        return (e["date"], e["id"], kind, e["status"], e["extent"], said)

    def entry(e):  # (a link's change, whichever of the two measures records it)
        if e["event"] == "exchange":
            return (e["date"], " ".join(sorted([e["id"], e["detail"].split()[-1]])), "exchange")
        return (e["date"], e["id"], "step" if e["event"] in ("created", "status") else e["event"])

    read = []
    for order in orders:
        empty.write_bytes(b'schema = 1\ntitle = "T"\nparties = [%s]\n' % b", ".join(
            b'"%s"' % p.encode() for p in parties
        ))  # fmt: skip
        for step in order:
            tick()  # (each command typed after the one before)
            result = dprk(*step)
            assert result.code == 0, (step, result.err)
        assert dprk("check").out == "ok: no problems found\n"
        views = {}
        for day in (None, *days):
            as_of = [] if day is None else ["--as-of", day]
            doc = json.loads(dprk("status", *as_of, "--format", "json").out)
            views["status", day] = [{k: m[k] for k in picked} for m in doc["measures"]]
        for since, until in (*periods, (None, None)):
            period = [
                *(["--since", since] if since else []),
                *(["--until", until] if until else []),
            ]
            views["status", since, until] = dprk("status", *period, "--format", "ids").lines
            exported = json.loads(dprk("export", *period).out)["measures"]
            views["export", since, until] = [m["id"] for m in exported]
            events = json.loads(dprk("timeline", *period, "--format", "json").out)["events"]
            views["timeline", since, until] = sorted(map(event, events))
            entries = json.loads(dprk("log", *period, "--format", "json").out)
            views["log", since, until] = sorted(set(map(entry, entries)))
        shutil.rmtree(empty.parent / ".dprk")  # (read anew, the file says the same)
        doc = json.loads(dprk("status", "--format", "json").out)
        assert [{k: m[k] for k in picked} for m in doc["measures"]] == views["status", None]
        read.append(views)
    for order, views in zip(orders[1:], read[1:], strict=True):
        assert views == read[0], order
    return read[0]


def test_a_dated_creation_an_earlier_step_overtook_stays_an_event_of_its_day(dprk, empty, tick):
    """Operation End Sweep: the mines added as cleared on 1973-07-18, then the first,
    minimal clearing found dated 1973-02-06. `log`, `--as-of` and the timeline kept the
    full clearing on 1973-07-18, but `last_date` said 1973-02-06 and `--since` July left
    the measure out (the creation's day was taken for the day the step before it dates
    the measure from). Typed in date order, the same facts said 1973-07-18."""
    add = ["add-measure", "Clear the mines", "--actor", "US", "--id", "mines"]
    full = ["--status", "implemented", "--date", "1973-07-18"]
    minimal = ["--status", "implemented", "--extent", "minimal", "--date", "1973-02-06"]
    note = ["note", "mines", "Operation End Sweep ends", "--date", "1973-07-27"]
    orders = [
        [[*add, *full], ["mark", "mines", *minimal[1:]], note],
        [[*add, *full], note, ["mark", "mines", *minimal[1:]]],
        [[*add, *minimal], ["mark", "mines", *full[1:]], note],
        [[*add, *minimal], note, ["mark", "mines", *full[1:]]],
    ]
    days = ["1973-02-05", "1973-02-06", "1973-07-17", "1973-07-18", "1973-07-26"]
    periods = [
        ("1973-07-01", None),
        ("1973-07-18", "1973-07-18"),
        ("1973-07-19", "1973-07-26"),
        ("1973-02-06", "1973-02-06"),
        ("1973-02-07", "1973-07-17"),
        (None, "1973-02-05"),
    ]
    views = _read_each_order(dprk, empty, tick, ["US", "DRV"], orders, days, periods)

    def mines(extent, last):
        return [{"id": "mines", "status": "implemented", "extent": extent,
                 "status_date": "1973-02-06", "last_date": last, "in_exchange_for": []}]  # fmt: skip

    assert views["status", "1973-02-05"] == []
    assert views["status", "1973-02-06"] == mines("minimal", "1973-02-06")
    assert views["status", "1973-07-17"] == mines("minimal", "1973-02-06")
    assert views["status", "1973-07-18"] == mines("full", "1973-07-18")
    assert views["status", "1973-07-26"] == mines("full", "1973-07-18")
    assert views["status", None] == mines("full", "1973-07-27")
    chosen = {
        ("1973-07-01", None): ["mines"],
        ("1973-07-18", "1973-07-18"): ["mines"],
        ("1973-07-19", "1973-07-26"): [],
        ("1973-02-06", "1973-02-06"): ["mines"],
        ("1973-02-07", "1973-07-17"): [],
        (None, "1973-02-05"): [],
        (None, None): ["mines"],
    }
    for (since, until), ids in chosen.items():
        assert views["status", since, until] == ids, (since, until)
        assert views["export", since, until] == ids, (since, until)
    minimal_step = ("1973-02-06", "mines", "step", "implemented", "minimal", True)
    full_step = ("1973-07-18", "mines", "step", "implemented", "full", True)  # (beside minimal)
    noted = ("1973-07-27", "mines", "note", None, None, "Operation End Sweep ends")
    assert views["timeline", None, None] == [minimal_step, full_step, noted]
    assert views["timeline", "1973-07-01", None] == [full_step, noted]
    assert views["timeline", "1973-07-18", "1973-07-18"] == [full_step]
    assert views["timeline", "1973-02-06", "1973-02-06"] == [minimal_step]
    for since, until in (("1973-07-19", "1973-07-26"), ("1973-02-07", "1973-07-17")):
        assert views["timeline", since, until] == []


def test_the_day_a_link_comes_into_force_is_an_event_of_both_measures(dprk, empty, tick):
    """The RVN's signature, done on 1973-01-27 and exchanged for the US pledge agreed on
    1973-01-05, then found offered on 1972-10-08: the link counts from 1973-01-05 on
    both (as typed in date order), but only the pledge, whose history holds
    the link's entry, had that day for `last_date`, `--since` and `--until`, and the
    timeline drew the link on whichever measure held it. A link's change is an event of
    both measures, as `dprk link` records it on both: every order gives the same."""
    pledge = ["add-measure", "Pledge", "--actor", "US", "--id", "pledge", "--status", "agreed",
              "--date", "1973-01-05"]  # fmt: skip
    sign = ["add-measure", "Sign", "--actor", "RVN", "--id", "sign"]
    signed = ["--status", "implemented", "--date", "1973-01-27"]
    offered = ["--date", "1972-10-08"]
    link = ["link", "sign", "pledge", "--date", "1973-01-05"]
    # (a link made by `add-measure --in-exchange-for` is of the day that add is dated:
    # the signature added so on 1973-01-27 would link them from then, other facts)
    orders = [
        [[*sign, *signed], ["mark", "sign", "proposed", *offered], pledge, link],
        [[*sign, *offered], [*pledge, "--in-exchange-for", "sign"], ["mark", "sign", *signed[1:]]],
        [
            [*sign, *signed],
            ["mark", "sign", "proposed", *offered],
            [*pledge, "--in-exchange-for", "sign"],
        ],  # fmt: skip
        [[*sign, *offered], pledge, link, ["mark", "sign", *signed[1:]]],
        [pledge, [*sign, *signed], ["mark", "sign", "proposed", *offered], link],
    ]
    days = ["1972-10-08", "1973-01-04", "1973-01-05", "1973-01-26", "1973-01-27"]
    periods = [
        ("1973-01-05", "1973-01-05"),
        ("1973-01-06", "1973-01-26"),
        ("1972-10-08", "1972-10-08"),
        ("1972-10-09", "1973-01-04"),
        (None, "1973-01-04"),
        ("1973-01-27", None),
    ]
    views = _read_each_order(dprk, empty, tick, ["US", "RVN"], orders, days, periods)

    def measure(ident, status, since, last, linked):
        return {"id": ident, "status": status, "extent": "not-initiated" if status != "implemented" else "full",
                "status_date": since, "last_date": last, "in_exchange_for": linked}  # fmt: skip

    offer = measure("sign", "proposed", "1972-10-08", "1972-10-08", [])
    agreed = measure("pledge", "agreed", "1973-01-05", "1973-01-05", ["sign"])
    linked = measure("sign", "proposed", "1972-10-08", "1973-01-05", ["pledge"])
    done = measure("sign", "implemented", "1973-01-27", "1973-01-27", ["pledge"])
    assert views["status", "1972-10-08"] == views["status", "1973-01-04"] == [offer]
    assert views["status", "1973-01-05"] == views["status", "1973-01-26"] == [agreed, linked]
    assert views["status", "1973-01-27"] == views["status", None] == [agreed, done]
    chosen = {
        ("1973-01-05", "1973-01-05"): ["pledge", "sign"],
        ("1973-01-06", "1973-01-26"): [],
        ("1972-10-08", "1972-10-08"): ["sign"],
        ("1972-10-09", "1973-01-04"): [],
        (None, "1973-01-04"): ["sign"],
        ("1973-01-27", None): ["sign"],
        (None, None): ["pledge", "sign"],
    }
    for (since, until), ids in chosen.items():
        assert views["status", since, until] == ids, (since, until)
        assert views["export", since, until] == ids, (since, until)
    proposed = ("1972-10-08", "sign", "step", "proposed", None, True)
    agreement = ("1973-01-05", "pledge", "step", "agreed", None, True)
    on_pledge = ("1973-01-05", "pledge", "exchange", None, None, "in exchange for sign")
    on_sign = ("1973-01-05", "sign", "exchange", None, None, "in exchange for pledge")
    implemented = ("1973-01-27", "sign", "step", "implemented", None, True)
    assert views["timeline", None, None] == sorted(
        [proposed, agreement, on_pledge, on_sign, implemented]
    )
    assert views["timeline", "1973-01-05", "1973-01-05"] == sorted([agreement, on_pledge, on_sign])
    assert views["timeline", None, "1973-01-04"] == [proposed]
    assert views["timeline", "1973-01-27", None] == [implemented]
    assert views["log", "1973-01-05", "1973-01-05"] == [
        ("1973-01-05", "pledge", "step"),
        ("1973-01-05", "pledge sign", "exchange"),
    ]


def test_show_names_every_unknown_id_in_one_refusal(dprk, korea):
    """`show A B C` with two stale ids named the first only, and the analyst found the
    next one run after run. It names every unknown id, with the id meant, in one line
    (exit 1, as for one), as a change does; one unknown id is said as before."""
    before = korea.read_bytes()
    one = dprk("show", "punggye-ri-closure", "secnd-summit")
    assert (one.code, one.out, one.err) == (
        1,
        "",
        "dprk: error: no measure with id 'secnd-summit'; did you mean second-summit?\n",
    )
    several = dprk("show", "bad-one", "punggye-ri-closure", "secnd-summit", "--format", "json")
    assert (several.code, several.out, several.err) == (
        1,
        "",
        "dprk: error: no measures with ids 'bad-one', 'secnd-summit' (did you mean "
        "second-summit?); 'dprk status --format ids' lists them\n",
    )
    piped = dprk("show", "-", stdin="bad-one\npunggye-ri-closure\nsecnd-summit\n")
    assert (piped.code, piped.err) == (1, several.err)
    # (of a past day: those made later and those of no measure, each said as alone)
    past = dprk("show", "second-summit", "bad-one", "end-of-war-declaration",
                "punggye-ri-closure", "--as-of", "2018-05-01")  # fmt: skip
    assert (past.code, past.out) == (1, "")
    assert past.err == (
        "dprk: error: no measure with id 'bad-one'; 'dprk status --format ids' lists "
        "them; measures 'second-summit' (made on 2018-09-10), 'end-of-war-declaration' "
        "(made on 2018-07-07) were not in the talks yet on 2018-05-01\n"
    )
    # (a list of measures all made later: each left out, as a view of that day leaves
    # it out, and said so)
    later = dprk("show", "second-summit", "end-of-war-declaration", "--as-of", "2018-05-01")
    assert (later.code, later.out) == (0, "")
    assert later.err == (
        "dprk: warning: measures 'second-summit' (made on 2018-09-10), "
        "'end-of-war-declaration' (made on 2018-07-07) were not in the talks yet on "
        "2018-05-01; left out, none listed\n"
    )
    assert korea.read_bytes() == before


def test_log_names_every_unknown_id_as_show_does(dprk, korea):
    """`log A B C` with two stale ids named the first only; it names every unknown id in
    one line, as `show` and `status` do (exit 1), whatever the filters; one unknown id is
    said as before."""
    before = korea.read_bytes()
    one = dprk("log", "punggye-ri-closure", "secnd-summit")
    assert (one.code, one.out, one.err) == (
        1,
        "",
        "dprk: error: no measure with id 'secnd-summit'; did you mean second-summit?\n",
    )
    several = dprk("show", "bad-one", "punggye-ri-closure", "secnd-summit")
    assert several.err.startswith("dprk: error: no measures with ids 'bad-one', 'secnd-summit'")
    for extra in ([], ["--format", "json"], ["--party", "DPRK"], ["--since", "2018-01-01"]):
        logged = dprk("log", "bad-one", "punggye-ri-closure", "secnd-summit", *extra)
        assert (logged.code, logged.out, logged.err) == (1, "", several.err), extra
    piped = dprk("log", "-", "--party", "US", stdin="bad-one\npunggye-ri-closure\nsecnd-summit\n")
    assert (piped.code, piped.out, piped.err) == (1, "", several.err)
    assert korea.read_bytes() == before


# `dprk status ID...`: the status table's rows of the measures named, and every unknown id
# named in one refusal (by `show` too).

BRIEFED = ("test-moratorium", "second-summit", "punggye-ri-closure")  # (not in ledger order)
IN_ORDER = ["punggye-ri-closure", "second-summit", "test-moratorium"]  # (the table's order)


def test_status_of_ids_lists_their_rows_alone_in_the_tables_order_in_every_format(dprk, korea):
    """Analysts briefing on a few measures wrote --search or piped `show`: `status ID...`
    lists those measures' rows alone, in the order the table gives every measure (the
    ledger's, not the order typed), in every format; the party counts stay of all."""
    before = korea.read_bytes()
    whole = json.loads(dprk("status", "--format", "json").out)
    listed = dprk("status", *BRIEFED, "--format", "ids")
    assert (listed.code, listed.out, listed.err) == (0, "\n".join(IN_ORDER) + "\n", "")
    doc = json.loads(dprk("status", *BRIEFED, "--format", "json").out)
    assert [m["id"] for m in doc["measures"]] == IN_ORDER
    assert doc["measures"] == [m for m in whole["measures"] if m["id"] in BRIEFED]
    assert doc["parties"] == whole["parties"]  # (counts: of all, as with every filter)
    lines = [json.loads(line) for line in dprk("status", *BRIEFED, "--format", "jsonl").lines]
    assert [m["id"] for m in lines] == IN_ORDER
    for fmt, sep in (("csv", ","), ("tsv", "\t")):
        rows = list(csv.DictReader(io.StringIO(dprk("status", *BRIEFED, "--format", fmt).out),
                                   delimiter=sep))  # fmt: skip
        assert [r["id"] for r in rows] == IN_ORDER, fmt
    table = dprk("status", *BRIEFED)
    assert table.code == 0, table.err
    rows = table.lines[table.lines.index("Measures") + 2 :]
    assert [r.split()[0] for r in rows if r] == IN_ORDER
    assert table.lines[2].split()[:2] == ["DPRK", "7"]  # (the party table: of all)
    markdown = dprk("status", *BRIEFED, "--format", "markdown").out
    every = {m["id"] for m in whole["measures"]}
    cells = [row.split(" | ")[0].removeprefix("| ") for row in markdown.splitlines()]
    assert [c for c in cells if c in every] == IN_ORDER
    # (an id typed twice is one row)
    twice = dprk("status", "test-moratorium", "test-moratorium", "--format", "ids")
    assert twice.out == "test-moratorium\n"
    assert korea.read_bytes() == before


def test_status_of_ids_takes_every_other_filter_on_top(dprk, korea):
    """Ids and filters combine as filters do: a measure must be named and pass them all
    (--limit counts the rows of the ids that pass; --no-parts, --search, flags alike)."""
    before = korea.read_bytes()

    def ids(*args: str) -> list[str]:
        result = dprk("status", *BRIEFED, *args, "--format", "ids")
        assert result.code == 0, result.err
        return result.lines

    assert ids("--party", "DPRK") == ["punggye-ri-closure", "test-moratorium"]
    assert ids("--pending") == ["second-summit"]
    assert ids("--party", "US", "--acted") == []
    assert ids("--search", "summit") == ["second-summit"]
    assert ids("--limit", "2") == ["punggye-ri-closure", "second-summit"]
    assert ids("--no-parts") == IN_ORDER
    deadlocked = dprk("status", "inventory-submission", "punggye-ri-closure", "--deadlocked",
                      "--format", "ids")  # fmt: skip
    assert deadlocked.lines == ["inventory-submission"]
    none = dprk("status", *BRIEFED, "--party", "ROK")
    assert none.code == 0 and "(no measures match)" in none.out
    doc = json.loads(dprk("status", *BRIEFED, "--party", "DPRK", "--format", "json").out)
    assert [m["id"] for m in doc["measures"]] == ["punggye-ri-closure", "test-moratorium"]
    assert korea.read_bytes() == before


def test_status_of_ids_as_of_a_day_and_assumed(dprk, korea):
    """With --as-of, the rows of the measures named as they stood that day; one made after
    it is left out, as the view of that day leaves it out, and said so with the day it
    was made. --assume applies to the rows named as without ids."""
    before = korea.read_bytes()
    then = json.loads(dprk("status", "punggye-ri-closure", "test-moratorium", "--as-of",
                           "2018-05-01", "--format", "json").out)  # fmt: skip
    assert [(m["id"], m["status"]) for m in then["measures"]] == [
        ("punggye-ri-closure", "proposed"),
        ("test-moratorium", "implemented"),
    ]
    assert then["as_of"] == "2018-05-01"
    early = dprk("status", *BRIEFED, "--as-of", "2018-05-01", "--format", "ids")
    assert (early.code, early.lines) == (0, ["punggye-ri-closure", "test-moratorium"])
    assert early.err == (
        "dprk: warning: measure 'second-summit' was not in the talks yet on 2018-05-01 (made "
        "on 2018-09-10); left out\n"
    )
    later = dprk("status", *BRIEFED, "--as-of", "2018-09-10", "--format", "ids")
    assert (later.code, later.lines) == (0, IN_ORDER)
    both = dprk("status", "punggye-ri-closure", "second-summit", "--as-of", "2018-05-01",
                "--assume", "punggye-ri-closure=implemented", "--format", "json")  # fmt: skip
    assert (both.code, both.err) == (0, early.err)  # (made later: as above)
    assert [(m["id"], m["status"]) for m in json.loads(both.out)["measures"]] == [
        ("punggye-ri-closure", "implemented")
    ]
    assumed = json.loads(dprk("status", "punggye-ri-closure", "--as-of", "2018-05-01",
                              "--assume", "punggye-ri-closure=implemented",
                              "--format", "json").out)  # fmt: skip
    assert [(m["id"], m["status"]) for m in assumed["measures"]] == [
        ("punggye-ri-closure", "implemented")
    ]
    pending = dprk("status", *BRIEFED, "--assume", "second-summit=implemented", "--pending",
                   "--format", "ids")  # fmt: skip
    assert (pending.code, pending.out) == (0, "")
    assert korea.read_bytes() == before


def test_status_reads_ids_from_standard_input(dprk, korea):
    """'-' reads the ids from standard input, one per line, as `show` and `sequence` do:
    a pipeline's list gives their rows, in the table's order; an empty one lists none
    (a script reads an empty list, not every measure)."""
    before = korea.read_bytes()
    piped = dprk("status", "-", "--format", "ids", stdin="\n".join(BRIEFED) + "\n")
    assert (piped.code, piped.lines) == (0, IN_ORDER)
    mixed = dprk("status", "-", "remains-repatriation", "--party", "DPRK", "--format", "ids",
                 stdin="test-moratorium\n\nsecond-summit\n")  # fmt: skip
    assert mixed.lines == ["remains-repatriation", "test-moratorium"]
    nothing = dprk("status", "-", "--format", "json", stdin="")
    assert nothing.code == 0 and json.loads(nothing.out)["measures"] == []
    bad = dprk("status", "-", stdin="test-moratorium\nnot an id\n")
    assert (bad.code, bad.out) == (2, "")
    assert bad.err.startswith("dprk: error: standard input, line 2: ") and bad.err.count("\n") == 1
    assert korea.read_bytes() == before


def test_status_names_every_unknown_id_as_show_does(dprk, korea):
    """`status ID...` refuses an id the ledger does not hold as `show` does (exit 1),
    every unknown one named in one line with the id meant, whatever the filters would
    keep; of a past day, those made after it with the day each was made."""
    before = korea.read_bytes()
    one = dprk("status", "punggye-ri-closure", "secnd-summit")
    assert (one.code, one.out, one.err) == (
        1,
        "",
        "dprk: error: no measure with id 'secnd-summit'; did you mean second-summit?\n",
    )
    several = dprk("status", "bad-one", "punggye-ri-closure", "secnd-summit", "--format", "json")
    assert (several.code, several.out, several.err) == (
        1,
        "",
        "dprk: error: no measures with ids 'bad-one', 'secnd-summit' (did you mean "
        "second-summit?); 'dprk status --format ids' lists them\n",
    )
    shown = dprk("show", "bad-one", "punggye-ri-closure", "secnd-summit")
    assert (shown.code, shown.err) == (1, several.err)  # (one home, one wording)
    piped = dprk(
        "status", "-", "--format", "ids", stdin="bad-one\npunggye-ri-closure\nsecnd-summit\n"
    )
    assert (piped.code, piped.out, piped.err) == (1, "", several.err)
    past = dprk("status", "second-summit", "bad-one", "end-of-war-declaration",
                "punggye-ri-closure", "--as-of", "2018-05-01", "--format", "csv")  # fmt: skip
    assert (past.code, past.out) == (1, "")
    assert past.err == (
        "dprk: error: no measure with id 'bad-one'; 'dprk status --format ids' lists "
        "them; measures 'second-summit' (made on 2018-09-10), 'end-of-war-declaration' "
        "(made on 2018-07-07) were not in the talks yet on 2018-05-01\n"
    )
    # (filters never hide an unknown id: it is named whatever they would keep)
    filtered = dprk("status", "bad-one", "test-moratorium", "--party", "ROK", "--pending")
    assert (filtered.code, filtered.out) == (1, "")
    assert filtered.err == (
        "dprk: error: no measure with id 'bad-one'; 'dprk status --format ids' lists them\n"
    )
    assert korea.read_bytes() == before


NONE_PIPED = "dprk: no measure ids on standard input; none listed\n"


@pytest.mark.parametrize("stdin", ["", "\n  \n"], ids=["empty", "blank lines"])
def test_a_read_given_no_ids_on_standard_input_says_so(dprk, korea, stdin):
    """`status -`, `show -` and `log -` fed no ids (a pipeline that found none) listed
    nothing without a word, where a write says there was nothing to do: a typo upstream
    read as an answer. A read says so on standard error in one line, and still gives
    its empty answer (exit 0, as a filter that keeps nothing), so a script reads an empty
    list; ids given besides '-' are listed, and nothing more is said."""
    before = korea.read_bytes()
    status = dprk("status", "-", "--format", "json", stdin=stdin)
    assert (status.code, status.err) == (0, NONE_PIPED)
    assert json.loads(status.out)["measures"] == []
    table = dprk("status", "-", stdin=stdin)
    assert (table.code, table.err) == (0, NONE_PIPED)
    assert table.lines[-1] == "(no measures match)"
    for command in ("show", "log"):
        listed = dprk(command, "-", "--format", "json", stdin=stdin)
        assert (listed.code, listed.out, listed.err) == (0, "[]\n", NONE_PIPED)
        shown = dprk(command, "-", stdin=stdin)
        assert (shown.code, shown.out, shown.err) == (0, "", NONE_PIPED)
    besides = dprk("status", "-", "second-summit", "--format", "ids", stdin=stdin)
    assert (besides.code, besides.out, besides.err) == (0, "second-summit\n", "")
    assert korea.read_bytes() == before
