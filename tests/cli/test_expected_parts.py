"""A measure made of parts said to have more parts than are recorded yet
(`--expected-parts`): it is done in full, or verified, only once they all are."""

from __future__ import annotations

import json
import tomllib

import pytest

from dprk_cli.clock import today


def record(dprk, ident: str, *args: str) -> dict:
    doc = json.loads(dprk("status", *args, "--format", "json").out)
    return next(m for m in doc["measures"] if m["id"] == ident)


def measures(ledger) -> dict:
    return {m["id"]: m for m in tomllib.loads(ledger.read_text())["measures"]}


@pytest.fixture
def facilities(dprk, tmp_path):
    """A whole of 12 facilities to destroy, agreed, with one of its parts recorded."""
    assert dprk("init", "--party", "US", "--party", "Syria").code == 0
    result = dprk(
        "add-measure", "Destroy the 12 production facilities", "--actor", "Syria",
        "--id", "facilities", "--status", "agreed", "--date", "2013-11-15",
        "--deadline", "2014-03-15", "--expected-parts", "12",
    )  # fmt: skip
    assert result.code == 0, result.err
    result = dprk(
        "add-measure", "Destroy hangar 1", "--actor", "Syria", "--id", "hangar-1",
        "--part-of", "facilities", "--status", "agreed", "--date", "2013-11-15",
    )  # fmt: skip
    assert result.code == 0, result.err
    return tmp_path / "dprk-ledger.toml"


def test_a_whole_of_12_is_not_done_in_full_by_the_one_part_recorded(dprk, facilities):
    result = dprk("mark", "hangar-1", "implemented", "--date", "2014-12-24")
    assert result.code == 0
    assert result.err == (
        "hangar-1: implemented on 2014-12-24 (part of facilities, 1 of 12 parts recorded, "
        "now implemented (minimal))\n"
    )
    assert measures(facilities)["facilities"]["expected_parts"] == 12
    assert measures(facilities)["facilities"]["extent"] == "minimal"
    whole = record(dprk, "facilities")
    assert (whole["status"], whole["extent"], whole["late"]) == ("implemented", "minimal", None)
    assert whole["full_date"] is None
    keys = list(whole)  # (the record's last key, after late: the flags of status follow)
    assert keys.index("late") == keys.index("expected_parts") + 1 == keys.index("history") + 2
    assert whole["expected_parts"] == 12
    assert record(dprk, "hangar-1")["expected_parts"] is None
    shown = json.loads(dprk("show", "facilities", "--format", "json").out)
    assert shown["expected_parts"] == 12
    assert "0 of 12 parts verified" in dprk("status").out
    late = dprk("status", "--late", "--format", "csv")
    assert late.code == 0 and "facilities" not in late.out
    # (the whole at minimal, 1 of 3; its part in full, 3 of 3: 4 of 6)
    card = json.loads(dprk("scorecard", "--format", "json").out)
    syria = next(g for g in card["groups"] if g["name"] == "Syria")
    assert (syria["minimal"], syria["full"], syria["score"]) == (1, 1, 67)
    assert record(dprk, "facilities", "--as-of", "2015-01-01")["extent"] == "minimal"
    assert dprk("check").code == 0


def test_a_whole_with_every_part_it_expects_recorded_counts_none_on_a_mark(dprk, empty):
    """A part marked of a whole said to have 2 parts, both on record, said "2 of 2 parts
    recorded", though the count is there only for a whole with fewer than it expects:
    it says how the whole stands alone, as for one with no count."""
    assert dprk("add-measure", "Ship out", "--actor", "DPRK", "--id", "w",
                "--status", "agreed", "--date", "2020-01-01",
                "--expected-parts", "2").code == 0  # fmt: skip
    for n in (1, 2):
        assert dprk("add-measure", f"Shipment {n}", "--actor", "DPRK", "--id", f"s{n}",
                    "--part-of", "w", "--status", "agreed",
                    "--date", "2020-01-01").code == 0  # fmt: skip
    ledger = empty.read_bytes()
    first = dprk("mark", "s1", "implemented", "--date", "2020-02-01")
    assert (first.code, first.out, first.err) == (
        0,
        "",
        "s1: implemented on 2020-02-01 (part of w, now implemented (intermediate))\n",
    )
    assert empty.read_bytes() != ledger
    assert measures(empty)["w"]["extent"] == "intermediate"


def test_the_share_counts_against_the_parts_expected_and_full_needs_them_all(dprk, empty):
    assert dprk("add-measure", "Ship out", "--actor", "DPRK", "--id", "w",
                "--date", "2020-01-01", "--expected-parts", "4").code == 0  # fmt: skip
    for n in (1, 2):
        assert dprk("add-measure", f"Shipment {n}", "--actor", "DPRK", "--id", f"s{n}",
                    "--part-of", "w", "--status", "implemented",
                    "--date", f"2020-02-0{n}").code == 0  # fmt: skip
    # 2 of 4 acted, every part on record acted in full: half, intermediate
    assert (record(dprk, "w")["status"], record(dprk, "w")["extent"]) == (
        "implemented",
        "intermediate",
    )
    for n in (1, 2):
        assert dprk("verify", f"s{n}", "--by", "IAEA", "--date", "2020-03-01").code == 0
    assert record(dprk, "w")["status"] == "implemented"  # (2 of 4 verified)
    for n in (3, 4):
        assert dprk("add-measure", f"Shipment {n}", "--actor", "DPRK", "--id", f"s{n}",
                    "--part-of", "w", "--status", "implemented",
                    "--date", f"2020-04-0{n}").code == 0  # fmt: skip
    w = record(dprk, "w")
    assert (w["status"], w["extent"], w["full_date"]) == ("implemented", "full", "2020-04-04")
    for n in (3, 4):
        assert dprk("verify", f"s{n}", "--by", "IAEA", "--date", "2020-05-01").code == 0
    assert (record(dprk, "w")["status"], record(dprk, "w")["extent"]) == ("verified", "full")
    assert record(dprk, "w", "--as-of", "2020-02-15")["extent"] == "intermediate"
    assert dprk("check").code == 0


def test_edit_says_and_takes_out_the_parts_expected_and_undo_takes_it_back(dprk, facilities):
    assert dprk("mark", "hangar-1", "implemented", "--date", "2014-12-24").code == 0
    before = facilities.read_bytes()
    result = dprk("edit", "facilities", "--expected-parts", "0")
    assert result.code == 0
    assert result.err.startswith(f"facilities: edited on {today()} (expected_parts: 12 -> (none))")
    assert "expected_parts" not in measures(facilities)["facilities"]
    assert "extent" not in measures(facilities)["facilities"]  # (full: its only part, in full)
    assert record(dprk, "facilities")["expected_parts"] is None
    assert dprk("undo").code == 0
    assert facilities.read_bytes() == before
    result = dprk("edit", "facilities", "--expected-parts", "1")
    assert result.code == 0
    assert measures(facilities)["facilities"]["expected_parts"] == 1
    assert record(dprk, "facilities")["extent"] == "full"


def test_check_warns_of_a_whole_with_more_parts_recorded_than_expected(dprk, facilities):
    assert dprk("edit", "facilities", "--expected-parts", "1").code == 0
    assert dprk("add-measure", "Destroy hangar 2", "--actor", "Syria", "--id", "hangar-2",
                "--part-of", "facilities", "--date", "2014-01-02").code == 0  # fmt: skip
    result = dprk("check")
    assert result.code == 0
    assert (
        "warning: facilities: has 2 parts on record, and is to have 1 (expected_parts): a part "
        "recorded twice, or the count is wrong ('dprk edit facilities --expected-parts 2', or 0 "
        "to say none) [more-parts-than-expected]"
    ) in result.out
    assert dprk("check", "--strict").code == 1


@pytest.mark.parametrize(
    "args",
    [
        ("add-measure", "X", "--actor", "Syria", "--expected-parts", "0"),
        ("add-measure", "X", "--actor", "Syria", "--expected-parts", "many"),
        ("edit", "facilities", "--expected-parts", "-1"),
        ("edit", "facilities", "--expected-parts", ""),
    ],
)
def test_a_count_of_parts_that_is_no_count_is_refused(dprk, facilities, args):
    before = facilities.read_bytes()
    result = dprk(*args)
    assert result.code == 2
    assert "--expected-parts" in result.err and "Traceback" not in result.err
    assert facilities.read_bytes() == before


def test_what_if_and_an_export_read_the_parts_expected(dprk, facilities, tmp_path):
    assumed = record(dprk, "facilities", "--assume", "hangar-1=implemented")
    assert (assumed["status"], assumed["extent"]) == ("implemented", "minimal")
    exported = dprk("export", "--format", "csv")
    assert exported.code == 0
    (tmp_path / "x.csv").write_text(exported.out)
    other = tmp_path / "other"
    other.mkdir()
    (other / "dprk-ledger.toml").write_text('schema = 1\nparties = ["US", "Syria"]\n')
    result = dprk("--ledger", str(other / "dprk-ledger.toml"), "import", str(tmp_path / "x.csv"))
    assert result.code == 0, result.err
    assert measures(other / "dprk-ledger.toml")["facilities"]["expected_parts"] == 12


# --- a part takes its whole's category ---------------------------------------------------------


def test_a_part_given_no_category_takes_its_whole_s(dprk, empty, tmp_path):
    assert dprk("add-measure", "Release the prisoners", "--actor", "DPRK", "--id", "release",
                "--category", "humanitarian", "--date", "2018-05-01").code == 0  # fmt: skip
    assert dprk("add-measure", "First batch", "--actor", "DPRK", "--id", "batch-1",
                "--part-of", "release", "--date", "2018-05-09").code == 0  # fmt: skip
    assert dprk("add-measure", "Second batch", "--actor", "DPRK", "--id", "batch-2",
                "--part-of", "release", "--category", "detainees",
                "--date", "2018-05-10").code == 0  # fmt: skip
    held = measures(empty)
    assert held["batch-1"]["category"] == "humanitarian"
    assert held["batch-2"]["category"] == "detainees"  # (one given stays its own)
    assert record(dprk, "batch-1")["category"] == "humanitarian"
    card = json.loads(dprk("scorecard", "--by", "category", "--format", "json").out)
    assert "(no category)" not in [g["name"] for g in card["groups"]]
    # an import: a new part of a whole in the ledger, and one of a whole in the file
    (tmp_path / "more.jsonl").write_text(
        '{"id": "batch-3", "title": "Third batch", "actor": "DPRK", "part_of": "release"}\n'
        '{"id": "ship", "title": "Ship the remains", "actor": "DPRK", "category": "remains"}\n'
        '{"id": "ship-1", "title": "First flight", "actor": "DPRK", "part_of": "ship"}\n'
    )
    result = dprk("import", str(tmp_path / "more.jsonl"))
    assert result.code == 0, result.err
    held = measures(empty)
    assert (held["batch-3"]["category"], held["ship-1"]["category"]) == ("humanitarian", "remains")


def test_a_tsv_export_of_an_earlier_dprk_is_still_read_with_its_escapes(dprk, empty, tmp_path):
    from tests.cli.test_formats import EXPORT_COLUMNS

    assert EXPORT_COLUMNS[-1] == "expected_parts"  # (the column an earlier export lacks)
    row = {c: "" for c in EXPORT_COLUMNS[:-1]}
    row |= {"id": "a", "title": "A", "actor": "US", "notes": "one\\ntwo \\\\ three"}
    (tmp_path / "old.tsv").write_text(
        "\t".join(EXPORT_COLUMNS[:-1]) + "\n" + "\t".join(row.values()) + "\n"
    )
    result = dprk("import", str(tmp_path / "old.tsv"))
    assert result.code == 0, result.err
    assert measures(empty)["a"]["notes"] == "one\ntwo \\ three"


def test_next_and_plan_say_the_parts_still_to_record_of_a_whole(dprk, facilities):
    """The one facility recorded destroyed, eleven more expected, and the sanctions'
    relief waiting for the whole in full: `next` said nothing could go ahead and `plan`
    had the relief waiting for "facilities (in full; blocked itself)", where Syria has
    the other parts to record and carry out. Both list that as Syria's to do, as the
    rest of a measure done in part; the relief comes after it."""
    for args in (
        ("add-measure", "Ease sanctions", "--actor", "US", "--id", "relief", "--status",
         "agreed", "--date", "2013-11-15"),
        ("sequence", "relief", "--after", "facilities", "--require", "full", "--date",
         "2013-11-16"),
        ("mark", "hangar-1", "implemented", "--date", "2014-12-24"),
    ):  # fmt: skip
        result = dprk(*args)
        assert result.code == 0, (args, result.err)
    before = facilities.read_bytes()
    left = "the rest: 1 of 12 parts recorded; record the others ('dprk add-measure ... --part-of facilities')"
    said = dprk("next")
    assert (said.code, said.err) == (0, "")
    assert said.out.splitlines()[:3] == [
        "Can go ahead now",
        "id          actor  left" + " " * (len(left) - 2) + "deadline              title",
        f"facilities  Syria  {left}  2014-03-15 (overdue)  Destroy the 12 production facilities",
    ]
    assert "relief  US     facilities (in full)" in said.out
    ready = json.loads(dprk("next", "--format", "json").out)["ready"]
    assert ready == [
        {"id": "facilities", "actor": "Syria", "title": "Destroy the 12 production facilities",
         "in_part": True, "extent": "minimal", "together_with": [], "reversed_on": None,
         "deadline": "2014-03-15", "overdue": True}
    ]  # fmt: skip
    plan = dprk("plan")
    assert (plan.code, plan.err) == (0, "")
    assert f"    1  act   facilities  Syria  {left}  2014-03-15 (overdue)  Destroy" in plan.out
    assert "    2  act   relief      US" in plan.out
    assert "blocked itself" not in plan.out
    phases = json.loads(dprk("plan", "--format", "json").out)["phases"]
    assert [(p["phase"], p["measures"], p["rest"]) for p in phases] == [
        (1, [], [{"id": "facilities", "extent": "minimal"}]),
        (2, ["relief"], []),
    ]
    assert facilities.read_bytes() == before
    # the other eleven recorded and carried out: the relief can go ahead
    for n in range(2, 13):
        result = dprk("add-measure", f"Destroy hangar {n}", "--actor", "Syria", "--id",
                      f"hangar-{n}", "--part-of", "facilities", "--status", "implemented",
                      "--date", "2015-01-10")  # fmt: skip
        assert result.code == 0, result.err
    ready = json.loads(dprk("next", "--format", "json").out)["ready"]
    assert [r["id"] for r in ready] == ["relief"]
    assert dprk("check").code == 0


# --- the count is a correction of the record ---------------------------------------------------


@pytest.fixture
def begun(dprk, tmp_path):
    """A whole agreed in 1995, to have 4 parts, with two of them recorded, one done."""
    assert dprk("init", "--title", "T", "--party", "A", "--party", "B").code == 0
    for args in (
        ("W", "--id", "w", "--status", "agreed", "--expected-parts", "4"),
        ("P1", "--id", "p1", "--part-of", "w", "--status", "implemented"),
        ("P2", "--id", "p2", "--part-of", "w"),
    ):
        result = dprk("add-measure", *args, "--actor", "A", "--date", "1995-03-09")
        assert result.code == 0, result.err
    return tmp_path / "dprk-ledger.toml"


@pytest.mark.parametrize("more", [(), ("--title", "X")])
def test_the_count_of_parts_takes_no_date(dprk, begun, more):
    before = begun.read_bytes()
    result = dprk("edit", "w", "--expected-parts", "3", *more, "--date", "2000-01-01")
    assert result.code == 2
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert "--expected-parts" in result.err and "--date" in result.err
    assert begun.read_bytes() == before


def test_the_count_corrected_is_logged_as_a_correction_made_today_as_a_number(dprk, begun):
    result = dprk("edit", "w", "--expected-parts", "0")
    assert result.code == 0, result.err
    assert result.err.startswith(f"w: edited on {today()} (expected_parts: 4 -> (none))")
    assert dprk("edit", "w", "--expected-parts", "2").code == 0
    assert measures(begun)["w"]["expected_parts"] == 2
    log = dprk("log", "w", "--format", "json")
    assert log.code == 0
    edits = [e for e in json.loads(log.out) if e["event"] == "edit"]
    assert [(e["date"], e["detail"]) for e in edits] == [
        (str(today()), "expected_parts: 4 -> (none)"),
        (str(today()), "expected_parts: (none) -> 2"),
    ]  # (the last in the log is the one in force, as the file has it)
    assert dprk("check").code == 0


def test_an_edit_of_the_count_and_a_dated_field_advises_the_count_apart(dprk, begun):
    result = dprk("edit", "w", "--actor", "B", "--expected-parts", "3")
    assert result.code == 0, result.err
    assert result.err.startswith(
        f"w: edited on {today()} (actor: 'A' -> 'B'; expected_parts: 4 -> 3) (from today; to "
        "correct it from the start: 'dprk undo', then 'dprk edit w --actor B --date "
        "1995-03-09' and 'dprk edit w --expected-parts 3'; to date the change: 'dprk undo', "
        "then 'dprk edit w --actor B --date DAY' and 'dprk edit w --expected-parts 3')"
    )
    assert dprk("check").code == 0  # (the actor's change read in the entry beside the count)
    log = json.loads(dprk("log", "w", "--format", "json").out)
    assert log[-1]["detail"] == "actor: 'A' -> 'B'; expected_parts: 4 -> 3"
    assert record(dprk, "w", "--as-of", "2000-01-01")["actor"] == "A"
    assert dprk("undo").code == 0
    for advised in (("--actor", "B", "--date", "1995-03-09"), ("--expected-parts", "3")):
        assert dprk("edit", "w", *advised).code == 0
    assert (measures(begun)["w"]["actor"], measures(begun)["w"]["expected_parts"]) == ("B", 3)
    assert record(dprk, "w", "--as-of", "2000-01-01")["actor"] == "B"


# --- an edit of the count moves the whole, as its parts do ------------------------------------


@pytest.fixture
def ordered(dprk, tmp_path):
    """A whole of two parts done in full on 2020-02-01, and x, ordered to follow it done in
    full, carried out on 2020-03-01."""
    assert dprk("init", "--title", "T", "--party", "A", "--party", "B").code == 0
    for args in (
        ("W", "--id", "w", "--actor", "A"),
        ("P1", "--id", "p1", "--actor", "A", "--part-of", "w"),
        ("P2", "--id", "p2", "--actor", "A", "--part-of", "w"),
        ("X", "--id", "x", "--actor", "B"),
    ):
        result = dprk("add-measure", *args, "--status", "agreed", "--date", "2020-01-01")
        assert result.code == 0, result.err
    for args in (
        ("sequence", "x", "--after", "w", "--require", "full", "--demanded-by", "B",
         "--date", "2020-01-01"),
        ("mark", "p1", "p2", "implemented", "--date", "2020-02-01"),
        ("mark", "x", "implemented", "--date", "2020-03-01"),
    ):  # fmt: skip
        result = dprk(*args)
        assert result.code == 0, result.err
    assert dprk("check").code == 0 and "acted-out-of-order" not in dprk("check").out
    return tmp_path / "dprk-ledger.toml"


def test_a_count_that_takes_a_whole_out_of_full_says_so_and_warns_of_what_acted(dprk, ordered):
    result = dprk("edit", "w", "--expected-parts", "3")
    assert result.code == 0, result.err
    lines = result.err.splitlines()
    assert lines[0] == (
        f"w: edited on {today()} (expected_parts: (none) -> 3); w now implemented "
        "(intermediate) from 2020-02-01 (it was implemented)"
    )
    check = dprk("check").out
    warned = next(line for line in check.splitlines() if "acted-out-of-order" in line)
    assert lines[1:] == ["dprk: " + warned.removesuffix(" [acted-out-of-order]")]
    assert measures(ordered)["w"]["extent"] == "intermediate"


def test_a_count_that_takes_a_whole_out_of_verified_says_so(dprk, ordered):
    for part in ("p1", "p2"):
        assert dprk("verify", part, "--by", "IAEA", "--date", "2020-04-01").code == 0
    assert measures(ordered)["w"]["status"] == "verified"
    result = dprk("edit", "w", "--expected-parts", "3")
    assert result.code == 0, result.err
    assert result.err.splitlines()[0] == (
        f"w: edited on {today()} (expected_parts: (none) -> 3); w now implemented "
        "(intermediate) from 2020-02-01 (it was implemented from 2020-02-01, verified from "
        "2020-04-01)"
    )
    assert measures(ordered)["w"]["status"] == "implemented"


# --- a part beyond the count is warned of as it is written --------------------------------------


def _more_parts_said(dprk) -> str:
    """check's warning of w's parts beyond its count, as a write says it."""
    check = dprk("check")
    assert check.code == 0
    said = next(line for line in check.out.splitlines() if "[more-parts-than-expected]" in line)
    return "dprk: " + said.removesuffix(" [more-parts-than-expected]")


@pytest.mark.parametrize("how", ["add-measure", "edit", "import"])
def test_a_part_beyond_the_count_is_warned_of_when_written(dprk, begun, tmp_path, how):
    assert dprk("edit", "w", "--expected-parts", "2").code == 0
    assert dprk("add-measure", "P3", "--actor", "A", "--id", "p3", "--date", "1995-03-10").code == 0
    if how == "add-measure":
        result = dprk("add-measure", "P4", "--actor", "A", "--id", "p4", "--part-of", "w")
    elif how == "edit":
        result = dprk("edit", "p3", "--part-of", "w")
    else:
        (tmp_path / "more.jsonl").write_text(
            '{"id": "p4", "title": "P4", "actor": "A", "part_of": "w"}\n'
        )
        result = dprk("import", str(tmp_path / "more.jsonl"))
    assert result.code == 0, result.err
    warned = [line for line in result.err.splitlines() if "expected_parts" in line]
    assert warned == [_more_parts_said(dprk)]
    assert "has 3 parts on record, and is to have 2" in warned[0]
    assert measures(begun)["w"]["expected_parts"] == 2


def test_a_count_lowered_below_the_parts_on_record_is_warned_of(dprk, begun):
    result = dprk("edit", "w", "--expected-parts", "1")
    assert result.code == 0, result.err
    assert result.err.splitlines()[-1] == _more_parts_said(dprk)
    result = dprk("note", "w", "A word")  # (a change that adds no part says nothing of it)
    assert result.code == 0 and "expected_parts" not in result.err


def test_show_says_how_many_of_the_parts_expected_are_recorded(dprk, begun):
    result = dprk("show", "w")
    assert result.code == 0, result.err
    rows = result.out.splitlines()
    at = next(i for i, row in enumerate(rows) if row.startswith("parts "))
    assert rows[at + 1].split() == ["parts", "recorded", "2", "of", "4", "expected"]
    assert json.loads(dprk("show", "w", "--format", "json").out)["expected_parts"] == 4
    assert dprk("edit", "w", "--expected-parts", "0").code == 0
    assert "parts recorded" not in dprk("show", "w").out  # (none said)
    assert "parts recorded" not in dprk("show", "p1").out
    # (one to have parts none of which is recorded yet says so too)
    assert dprk("add-measure", "V", "--actor", "A", "--id", "v", "--expected-parts", "3").code == 0
    assert "parts recorded   0 of 3 expected" in dprk("show", "v").out


def test_a_part_that_stands_rejected_is_not_counted_against_the_count(dprk, begun):
    """A whole to have 2 parts, with 2 that count and a third turned down: a part that
    stands rejected counts for nothing in its whole (`vocab.counts_as_part`), so it is no
    part beyond the count; one more that counts is, and the words count it apart."""
    assert dprk("edit", "w", "--expected-parts", "2").code == 0
    added = dprk("add-measure", "P3", "--actor", "A", "--id", "p3", "--part-of", "w",
                 "--date", "1995-03-10")  # fmt: skip
    assert added.code == 0 and "has 3 parts on record" in added.err
    result = dprk("mark", "p3", "rejected", "--date", "1995-04-01")
    assert result.code == 0, result.err
    assert "expected_parts" not in result.err
    before = begun.read_bytes()
    check = dprk("check", "--strict")
    assert (check.code, check.out) == (0, "ok: no problems found\n")
    assert begun.read_bytes() == before
    # a fourth part, that counts, is one beyond the count: said with the rejected one apart
    result = dprk("add-measure", "P4", "--actor", "A", "--id", "p4", "--part-of", "w",
                  "--date", "1995-04-02")  # fmt: skip
    assert result.code == 0, result.err
    warned = [line for line in result.err.splitlines() if "expected_parts" in line]
    assert warned == [_more_parts_said(dprk)]
    assert warned[0] == (
        "dprk: warning: w: has 3 parts on record that count (p3 stands rejected and counts "
        "for nothing), and is to have 2 (expected_parts): a part recorded twice, or the "
        "count is wrong ('dprk edit w --expected-parts 3', or 0 to say none)"
    )
    # the advice followed: no more warned of
    assert dprk("edit", "w", "--expected-parts", "3").code == 0
    check = dprk("check", "--strict")
    assert (check.code, check.out) == (0, "ok: no problems found\n")


def test_show_counts_the_parts_recorded_as_next_does_a_rejected_one_apart(dprk, tmp_path):
    """A whole to have 3 parts, with 2 that count and a batch turned down: `show`, the
    line of a part's mark and `next` count 2 of 3; `show` says the rejected one apart."""
    assert dprk("init", "--party", "GAM", "--party", "Indonesia").code == 0
    for args in (
        ("Decommission weapons", "--id", "decom", "--expected-parts", "3"),
        ("Stage 1", "--id", "s1", "--part-of", "decom"),
        ("Stage 2", "--id", "s2", "--part-of", "decom"),
        ("Batch rejected", "--id", "batch", "--part-of", "decom", "--status", "rejected"),
    ):
        result = dprk("add-measure", *args, "--actor", "GAM", "--date", "2005-08-15")
        assert result.code == 0, result.err
    marked = dprk("mark", "s1", "implemented", "--date", "2005-09-17")
    assert marked.code == 0, marked.err
    assert marked.err == (
        "s1: implemented on 2005-09-17 (part of decom, 2 of 3 parts recorded, "
        "now implemented (minimal))\n"
    )
    assert dprk("mark", "s2", "implemented", "--date", "2005-09-17").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    shown = dprk("show", "decom")
    assert shown.code == 0, shown.err
    rows = shown.out.splitlines()
    assert "parts recorded   2 of 3 expected, and 1 rejected" in rows
    left = "the rest: 2 of 3 parts recorded; record the others ('dprk add-measure ... --part-of decom')"
    assert left in dprk("next").out
    assert ledger.read_bytes() == before
    # (the batch offered again counts, and none is rejected: none said apart)
    offered = dprk("mark", "batch", "agreed", "--date", "2005-09-18")
    assert offered.code == 0, offered.err
    assert "parts recorded   3 of 3 expected" in dprk("show", "decom").out.splitlines()
    assert ledger.read_bytes() != before
