"""export, import and schema: the whole ledger out and back, byte for byte;
one bad row and nothing is imported."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shlex
import subprocess
import threading
from datetime import UTC, datetime

import pytest

from dprk_cli.clock import today
from tests.cli.test_formats import EXPORT_COLUMNS as EXPORT_HEADER
from tests.conftest import EXAMPLE, shell
from tests.stories import UUP_DEMAND, UUP_DROPPED, inf_treaty, northern_ireland, told


def _import_each(dprk, tmp_path, files: dict[str, bytes]) -> None:
    """Import each one-row file, in turn, into the test's ledger: each adds its measure,
    and one titled "T" by US as one before it is warned of, the first of them named
    (ids are in order)."""
    alike: list[str] = []
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
        result = dprk("import", name)
        ident = name.split(".")[0]
        twice = ""
        if b"\tT\tUS\t" in content.replace(b",", b"\t"):
            if alike:
                twice = (
                    f"dprk: warning: {ident}: row 2 has the title and actor of "
                    f"'{min(alike)}'; if it is the same measure, 'dprk undo' takes the "
                    f"import back, or 'dprk remove {ident}' this one\n"
                )
            alike.append(ident)
        assert (result.code, result.err) == (
            0,
            f"imported 1 measure from {name} (1 new, 0 replaced)\n{twice}",
        )


def test_export_json_is_the_whole_ledger(dprk, korea):
    doc = json.loads(dprk("export").out)
    assert doc["schema"] == 1
    assert doc["title"] == "US–DPRK denuclearization talks, 2018"
    assert doc["parties"] == ["DPRK", "ROK", "US"]
    assert len(doc["measures"]) == 14
    inv = next(m for m in doc["measures"] if m["id"] == "inventory-submission")
    assert inv["constraints"] == [
        {
            "after": "end-of-war-declaration",
            "with": None,
            "require": "acted",
            "demanded_by": "DPRK",
            "verified_by": None,
        }
    ]
    assert inv["history"][0]["recorded"] == "2026-11-27T00:00:00Z"


def test_json_round_trip_into_an_empty_ledger_is_byte_for_byte(dprk, korea, tmp_path):
    (tmp_path / "talks.json").write_text(dprk("export").out, encoding="utf-8")
    copy = tmp_path / "copy.toml"
    assert dprk("--ledger", copy, "init").code == 0
    result = dprk("--ledger", copy, "import", "talks.json")
    assert result.code == 0, result.err
    assert "imported 14 measures" in result.err
    assert copy.read_bytes() == korea.read_bytes() == EXAMPLE.read_bytes()


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_csv_round_trip_is_byte_for_byte(dprk, korea, tmp_path, fmt):
    (tmp_path / f"talks.{fmt}").write_text(dprk("export", "--format", fmt).out, encoding="utf-8")
    copy = tmp_path / "copy.toml"
    title = "US–DPRK denuclearization talks, 2018"
    dprk(
        "--ledger",
        copy,
        "init",
        "--title",
        title,
        "--party",
        "DPRK",
        "--party",
        "ROK",
        "--party",
        "US",
    )
    result = dprk("--ledger", copy, "import", f"talks.{fmt}")
    assert result.code == 0, result.err
    assert copy.read_bytes() == korea.read_bytes()


def _with_parts(dprk) -> None:
    """Dismantling made of two parts: one verified, one implemented."""
    for args in (
        ["Dismantle Tongchang-ri", "--id", "whole", "--date", "2018-06-12"],
        ["Engine test stand", "--id", "stand", "--part-of", "whole", "--date", "2018-06-12"],
        ["Launch pad", "--id", "pad", "--part-of", "whole", "--date", "2018-06-12"],
    ):
        assert dprk("add-measure", *args, "--actor", "DPRK").code == 0
    assert dprk("mark", "stand", "implemented", "--date", "2018-07-23").code == 0
    assert dprk("verify", "stand", "--by", "38 North", "--date", "2018-08-01").code == 0
    assert dprk("mark", "pad", "implemented", "--date", "2018-08-03").code == 0


@pytest.mark.parametrize("fmt", ["json", "csv", "tsv", "jsonl"])
def test_a_ledger_with_parts_round_trips_byte_for_byte(dprk, empty, tmp_path, fmt):
    """The status an export writes for a measure made of parts is its parts': an import
    takes it as theirs, and records no change of its own."""
    _with_parts(dprk)
    assert dprk("status", "--format", "json").code == 0
    (tmp_path / f"talks.{fmt}").write_text(dprk("export", "--format", fmt).out, "utf-8")
    copy = tmp_path / "copy.toml"
    parties = ["--party", "DPRK", "--party", "US", "--party", "ROK"]
    assert dprk("--ledger", copy, "init", "--title", "Test talks", *parties).code == 0
    result = dprk("--ledger", copy, "import", f"talks.{fmt}")
    assert result.code == 0, result.err
    assert copy.read_bytes() == empty.read_bytes()
    whole = json.loads(dprk("--ledger", copy, "show", "whole", "--format", "json").out)
    assert (whole["status"], whole["status_date"]) == ("implemented", "2018-07-23")
    assert [h["event"] for h in whole["history"]] == ["created"]


def test_an_import_refuses_a_status_the_parts_do_not_give(dprk, empty, tmp_path):
    _with_parts(dprk)
    doc = json.loads(dprk("export").out)
    for m in doc["measures"]:
        if m["id"] == "whole":
            m["status"] = "proposed"  # changed by hand: its parts have acted
    (tmp_path / "talks.json").write_text(json.dumps(doc), encoding="utf-8")
    copy = tmp_path / "copy.toml"
    assert dprk("--ledger", copy, "init", "--party", "DPRK").code == 0
    before = copy.read_bytes()
    result = dprk("--ledger", copy, "import", "talks.json")
    assert result.code == 1 and result.out == ""
    assert result.err.count("\n") == 1 and result.err.startswith("dprk: error: talks.json: ")
    assert "(measure 'whole'): status 'proposed' is not what its parts give ('implemented')" in (
        result.err
    )
    assert copy.read_bytes() == before


def test_an_import_says_a_whole_s_status_comes_from_its_history_when_its_own_offer_gives_it(
    dprk, empty, tmp_path
):
    """w, carried out through p, was agreed again once p was undone; a row giving w as
    'implemented' was refused with "is not what its parts give ('agreed')" and "a measure
    made of parts takes its status from them": p is reversed, and 'agreed' is w's own offer
    made again, which w stands at since its parts give it no action. The refusal says its
    history gives it, as `check` does; the advice, followed (the status left out of the
    row), brings in the ledger the export was made from, byte for byte."""
    for args in (
        ["add-measure", "Whole", "--actor", "DPRK", "--id", "w", "--status", "agreed",
         "--date", "2018-06-12"],
        ["add-measure", "Part", "--actor", "DPRK", "--id", "p", "--part-of", "w",
         "--status", "agreed", "--date", "2018-06-12"],
        ["mark", "p", "implemented", "--date", "2018-07-01"],
        ["mark", "p", "reversed", "--date", "2019-03-01"],
        ["mark", "w", "agreed", "--date", "2019-07-01"],
    ):  # fmt: skip
        assert dprk(*args).code == 0
    doc = json.loads(dprk("export").out)
    (row,) = (m for m in doc["measures"] if m["id"] == "w")
    row["status"] = "implemented"  # changed by hand
    (tmp_path / "talks.json").write_text(json.dumps(doc), encoding="utf-8")
    copy = tmp_path / "copy.toml"
    parties = ["--party", "DPRK", "--party", "US", "--party", "ROK"]
    assert dprk("--ledger", copy, "init", "--title", "Test talks", *parties).code == 0
    before = copy.read_bytes()
    result = dprk("--ledger", copy, "import", "talks.json")
    assert result.code == 1 and result.out == "" and copy.read_bytes() == before
    assert result.err == (
        "dprk: error: talks.json: measure #2 (measure 'w'): status 'implemented' is not what "
        "its history gives ('agreed'): a measure made of parts stands as its own history has "
        "it while its parts give it no action (none has acted, or those that did were undone "
        "before its latest offer); record the change on a part, or leave the status out of "
        "the row\n"
    )
    del row["status"]
    (tmp_path / "talks.json").write_text(json.dumps(doc), encoding="utf-8")
    result = dprk("--ledger", copy, "import", "talks.json")
    assert result.code == 0, result.err
    assert copy.read_bytes() == empty.read_bytes()


def _sheet(tmp_path, whole_status: str, whole_date: str) -> str:
    """A sheet made by hand: cw, and its part cw1 carried out on 1989-03-31."""
    (tmp_path / "a.csv").write_text(
        "id,title,actor,status,date,part_of\n"
        f"cw,Cuban withdrawal,Cuba,{whole_status},{whole_date},\n"
        "cw1,First 3000 leave,Cuba,implemented,1989-03-31,cw\n",
        encoding="utf-8",
    )
    return "a.csv"


def _own_steps(dprk, ident: str) -> list[tuple[str, str, str]]:
    log = json.loads(dprk("log", ident, "--format", "json").out)
    return [(e["date"], e["event"], e["status"]) for e in log]


def test_a_sheet_s_whole_agreed_before_its_parts_acted_is_imported_with_its_agreement(
    dprk, tmp_path
):
    """The `date` column is when a row reached its status: a whole agreed on 1988-12-22,
    before any part acted, was refused ("not what its parts give ('implemented')"), and
    the advice, to leave the status out, imported it proposed, the agreement lost. It
    was agreed on that day, as `mark cw agreed --date 1988-12-22` records afterwards:
    taken, its parts giving it its status from their day on."""
    ledger = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--party", "Cuba").code == 0
    result = dprk("import", _sheet(tmp_path, "agreed", "1988-12-22"))
    assert (result.code, result.out, result.err) == (
        0,
        "",
        "imported 2 measures from a.csv (2 new, 0 replaced)\n",
    )
    assert _own_steps(dprk, "cw") == [("1988-12-22", "created", "agreed")]
    shown = json.loads(dprk("show", "cw", "--format", "json").out)
    assert (shown["status"], shown["status_date"]) == ("implemented", "1989-03-31")
    assert b'status = "agreed"\ndetail = "imported as agreed"' in ledger.read_bytes()
    assert dprk("check").code == 0


def test_a_sheet_s_whole_agreed_after_its_parts_acted_is_refused_with_advice_that_keeps_it(
    dprk, tmp_path
):
    """Agreed on a day a part had acted already, the row is what its parts do not give:
    refused, the file unchanged, with advice that keeps the agreement on record, which
    works as given."""
    ledger = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--party", "Cuba").code == 0
    before = ledger.read_bytes()
    result = dprk("import", _sheet(tmp_path, "agreed", "1989-04-15"))
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "dprk: error: a.csv: row 2 (measure 'cw'): status 'agreed' is not what its parts "
        "give ('implemented'): a measure made of parts takes its status from them; record "
        "the change on a part, or leave the status out of the row, then record it: 'dprk "
        "mark cw agreed --date 1989-04-15'\n"
    )
    assert ledger.read_bytes() == before
    assert dprk("import", _sheet(tmp_path, "", "1989-04-15")).code == 0
    result = dprk("mark", "cw", "agreed", "--date", "1989-04-15")
    assert result.code == 0, result.err
    assert _own_steps(dprk, "cw") == [
        ("1989-04-15", "created", "proposed"),
        ("1989-04-15", "status", "agreed"),
    ]
    assert dprk("check").code == 0


@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl", "json"])
def test_line_breaks_in_values_survive_a_round_trip(dprk, korea, tmp_path, fmt):
    """Notes may hold line breaks and tabs, and a title a Unicode line separator: an
    export imported back keeps them (and backslashes), byte for byte."""
    notes = "first line\nsecond\tline, C:\\n not a break"
    assert dprk("edit", "second-summit", "--notes", notes, "--date", "2018-09-20").code == 0
    title = "Second\u2028summit"
    assert dprk("edit", "second-summit", "--title", title, "--date", "2018-09-20").code == 0
    (tmp_path / f"talks.{fmt}").write_text(dprk("export", "--format", fmt).out, "utf-8")
    copy = tmp_path / "copy.toml"
    title_of_ledger = "US–DPRK denuclearization talks, 2018"
    parties = ["--party", "DPRK", "--party", "ROK", "--party", "US"]
    assert dprk("--ledger", copy, "init", "--title", title_of_ledger, *parties).code == 0
    result = dprk("--ledger", copy, "import", f"talks.{fmt}")
    assert result.code == 0, result.err
    assert copy.read_bytes() == korea.read_bytes()
    shown = json.loads(dprk("--ledger", copy, "show", "second-summit", "--format", "json").out)
    assert (shown["notes"], shown["title"]) == (notes, title)


def test_jsonl_round_trip(dprk, korea, tmp_path):
    (tmp_path / "talks.jsonl").write_text(dprk("export", "--format", "jsonl").out)
    copy = tmp_path / "copy.toml"
    title = "US–DPRK denuclearization talks, 2018"
    dprk(
        "--ledger",
        copy,
        "init",
        "--title",
        title,
        "--party",
        "DPRK",
        "--party",
        "ROK",
        "--party",
        "US",
    )
    assert dprk("--ledger", copy, "import", "talks.jsonl").code == 0
    assert copy.read_bytes() == korea.read_bytes()


def test_export_then_import_through_a_real_pipe(korea, tmp_path):
    result = shell(
        "dprk --ledger copy.toml init && dprk export | dprk --ledger copy.toml import -",
        cwd=tmp_path,
    )
    assert result.code == 0, result.err
    assert (tmp_path / "copy.toml").read_bytes() == korea.read_bytes()


def test_export_csv_cells_round_trip_lists_as_json(dprk, korea):
    rows = list(csv.DictReader(io.StringIO(dprk("export", "--format", "csv").out)))
    inv = next(r for r in rows if r["id"] == "inventory-submission")
    assert json.loads(inv["in_exchange_for"]) == ["end-of-war-declaration"]
    assert json.loads(inv["history"])[0]["event"] == "created"
    assert inv["deadline"] == ""


def test_export_takes_the_shared_filters(dprk, korea):
    doc = json.loads(dprk("export", "--party", "US", "--pending").out)
    assert {m["actor"] for m in doc["measures"]} == {"US"}
    assert all(m["status"] in ("proposed", "agreed") for m in doc["measures"])
    assert doc["parties"] == ["DPRK", "ROK", "US"]


def test_export_takes_ids_and_reads_them_from_standard_input(dprk, korea):
    """`export` took no ids ('Got unexpected extra argument(s)'), where `status`, `show`
    and `log` take them, and '-' for ids on standard input: a pipeline could not export
    the measures another command listed. It takes them as `status` does: those measures
    alone, in the ledger's order (with filters, those of them that pass); an id of no
    measure refused as `status` refuses it, nothing written."""
    ids = dprk("export", "--format", "ids", "second-summit", "end-of-war-declaration")
    assert (ids.code, ids.out, ids.err) == (0, "end-of-war-declaration\nsecond-summit\n", "")
    whole = json.loads(dprk("export").out)
    doc = json.loads(dprk("export", "second-summit", "end-of-war-declaration").out)
    assert doc == {
        **whole,
        "measures": [
            m for m in whole["measures"] if m["id"] in ("second-summit", "end-of-war-declaration")
        ],
    }
    piped = dprk("export", "--format", "csv", "-", stdin="second-summit\n\ntest-moratorium\n")
    assert piped.code == 0, piped.err
    assert [r["id"] for r in csv.DictReader(io.StringIO(piped.out))] == [
        "second-summit",
        "test-moratorium",
    ]
    # with filters: those of them that pass
    us = dprk("export", "--format", "ids", "--party", "US", "second-summit", "test-moratorium")
    assert (us.code, us.out) == (0, "second-summit\n")
    # none on standard input: none exported, said on standard error
    none = dprk("export", "--format", "jsonl", "-", stdin="")
    assert (none.code, none.out, none.err) == (
        0,
        "",
        "dprk: no measure ids on standard input; none listed\n",
    )
    # an id of no measure: refused as `status` refuses it
    before = korea.read_bytes()
    refused = dprk("export", "second-summit", "second-sumit", "nope")
    assert (refused.code, refused.out) == (1, "")
    assert refused.err == dprk("status", "second-summit", "second-sumit", "nope").err
    assert "second-sumit" in refused.err and "nope" in refused.err
    assert korea.read_bytes() == before


def test_the_measures_a_diff_names_are_exported_for_import_through_a_pipe(korea, tmp_path):
    """`dprk diff --format ids | dprk export -`: the full records of the measures changed
    since the last commit, which another copy of the ledger imports with --replace."""
    result = shell(
        "git init -q -b main && git add -A && git -c user.name=a -c user.email=a@b "
        "commit -qm base && cp dprk-ledger.toml copy.toml && "
        "dprk mark second-summit implemented --date 2019-02-28 && "
        "dprk note test-moratorium 'still holding' --date 2019-03-01 && "
        "dprk diff --format ids | dprk export - > changed.json && "
        "dprk --ledger copy.toml import --replace changed.json",
        cwd=tmp_path,
    )
    assert result.code == 0, result.err
    changed = json.loads((tmp_path / "changed.json").read_text(encoding="utf-8"))
    assert [m["id"] for m in changed["measures"]] == ["second-summit", "test-moratorium"]
    assert (tmp_path / "copy.toml").read_bytes() == korea.read_bytes()


@pytest.mark.parametrize("suffix", ["json", "jsonl"])
def test_an_import_nested_too_deep_is_refused_in_one_line(dprk, empty, tmp_path, suffix):
    """It ended in "internal error: RecursionError", as a TOML file nested so is not."""
    deep = tmp_path / f"deep.{suffix}"
    deep.write_text("[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    before = empty.read_bytes()
    result = dprk("import", deep)
    where = "line 1: " if suffix == "jsonl" else ""
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        f"dprk: error: {deep}: {where}not valid JSON: nesting too deep to be a ledger\n"
    )
    assert empty.read_bytes() == before


def test_import_a_hand_written_csv(dprk, empty, tmp_path):
    (tmp_path / "new.csv").write_text(
        "id,title,actor,category,sources\n"
        "aid,Food aid shipment,US,humanitarian,WFP report; press release\n"
        'freeze,Freeze enrichment at Yongbyon,DPRK,denuclearization,"[""IAEA GOV/2019/1""]"\n',
        encoding="utf-8",
    )
    result = dprk("import", "new.csv")
    assert result.code == 0, result.err
    doc = json.loads(dprk("show", "aid", "freeze", "--format", "json").out)
    assert doc[0]["sources"] == ["WFP report", "press release"]
    assert doc[1]["sources"] == ["IAEA GOV/2019/1"]
    assert doc[1]["status"] == "proposed"
    # no `date` column: the creation is undated, dated by the measure's earliest event
    assert [h["detail"] for h in doc[0]["history"]] == [
        "imported as proposed (no date given: dated by its earliest event)"
    ]


def test_a_sheet_in_its_own_words_imports_as_the_command_line_takes_them(dprk, empty, tmp_path):
    """A sheet with headings 'ID, Title, Status', a status 'IMPLEMENTED' or an extent
    'Full' was refused, one error a run, though the command line takes them in any case;
    a TSV named .csv was refused as one column 'id\ttitle\tactor'; a title's spaces
    around it were kept, where the command line's are taken off."""
    (tmp_path / "sheet.csv").write_text(
        "ID,Title,Actor,Status,Extent,In exchange for,Date\n"
        "freeze, Freeze at Yongbyon ,DPRK,IMPLEMENTED,Full,,1994-11-01\n"
        "oil,Heavy fuel oil,US,Agreed,,freeze,1994-10-21\n",
        encoding="utf-8",
    )
    (tmp_path / "tabs.csv").write_text("id\ttitle\tactor\ntabbed\tTab, title\tUS\n")
    for name in ("sheet.csv", "tabs.csv"):
        result = dprk("import", name)
        assert result.code == 0, result.err
        assert result.err.startswith(f"imported {'2 measures' if 'sheet' in name else '1 measure'}")
    doc = {m["id"]: m for m in json.loads(dprk("export", "--format", "json").out)["measures"]}
    assert (doc["freeze"]["title"], doc["freeze"]["status"], doc["freeze"]["extent"]) == (
        "Freeze at Yongbyon",
        "implemented",
        "full",
    )
    assert (doc["oil"]["status"], doc["oil"]["in_exchange_for"]) == ("agreed", ["freeze"])
    assert doc["freeze"]["in_exchange_for"] == ["oil"]
    assert doc["tabbed"]["title"] == "Tab, title"
    before = empty.read_bytes()
    (tmp_path / "bad.csv").write_text("id,Titel,actor\nx,X,US\n", encoding="utf-8")
    refused = dprk("import", "bad.csv")
    assert (
        refused.code == 1
        and "column 'Titel' (did you mean 'title'?) is not a measure field" in (refused.err)
    )
    assert empty.read_bytes() == before


def test_an_import_s_refusal_tells_of_the_row_not_of_commands(dprk, empty, tmp_path):
    """A row with a finding and no action gave the advice of a measure in the ledger,
    'record the action first with dprk mark v3 implemented', which, the import refused,
    found no measure v3. It tells how to mend the row now; the row mended imports."""
    finding = '"[{""by"":""IAEA"",""result"":""confirmed"",""date"":""2016-01-20""}]"'
    sheet = tmp_path / "v.csv"
    sheet.write_text(
        f"id,title,actor,status,date,verifications\nv3,Step,DPRK,proposed,2016-01-16,{finding}\n",
        encoding="utf-8",
    )
    before = empty.read_bytes()
    refused = dprk("import", "v.csv")
    assert (refused.code, refused.out) == (1, "")
    assert refused.err == (
        "dprk: error: v.csv: row 2 (measure 'v3'): confirmed by IAEA on 2016-01-20 is a "
        "finding on a measure that has not acted (it is proposed then); give the row the "
        "action it found (status implemented, dated on or before the finding, or a history "
        "entry of it, as 'dprk export' writes one), or leave the finding out of the row\n"
    )
    assert "dprk mark" not in refused.err and empty.read_bytes() == before
    sheet.write_text(sheet.read_text().replace("proposed", "implemented"), encoding="utf-8")
    mended = dprk("import", "v.csv")
    assert mended.code == 0, mended.err
    assert json.loads(dprk("show", "v3", "--format", "json").out)["status"] == "verified"


def test_a_row_its_findings_make_stand_otherwise_is_said_so(dprk, empty, tmp_path):
    """A row 'implemented' with a confirming finding became verified without a word,
    while a row whose extent its history does not give is refused. It is imported as
    the finding makes it, and a warning says so; a partial finding changes nothing."""
    rows = [
        ("v2", "confirmed"),
        ("v6", "partial"),
        ("v7", "refuted"),
    ]
    (tmp_path / "v.csv").write_text(
        "id,title,actor,status,date,verifications\n"
        + "".join(
            f'{i},Step {i},DPRK,implemented,2016-01-16,"[{{""by"":""IAEA"",""result"":'
            f'""{r}"",""date"":""2016-01-20""}}]"\n'
            for i, r in rows
        ),
        encoding="utf-8",
    )
    result = dprk("import", "v.csv")
    assert result.code == 0, result.err
    assert result.err.splitlines() == [
        "imported 3 measures from v.csv (3 new, 0 replaced)",
        "dprk: warning: v2: row 2 gives status implemented; its findings make it verified, "
        "as the ledger records it",
        "dprk: warning: v7: row 4 gives status implemented; its findings make it disputed, "
        "as the ledger records it",
    ]
    status = {m["id"]: m["status"] for m in json.loads(dprk("export").out)["measures"]}
    assert status == {"v2": "verified", "v6": "implemented", "v7": "disputed"}


def test_files_as_spreadsheets_write_them_import_as_they_read(dprk, empty, tmp_path):
    """Files from spreadsheets: a CSV separated by semicolons (Excel where a decimal
    comma is written) was refused with "column 'id;title;actor' is not a measure field";
    empty columns Excel leaves at the end, with "column '' is not a measure field"; a
    line break inside a cell written CR LF, as "a control character (U+000D)". A TSV's
    backslashes were read as dprk's escapes: 'C:\\new\\tasks' took a line break and a tab;
    Excel's quotes around a cell were kept in it. A TSV dprk wrote is read as before."""
    files = {
        "eu.csv": b'\xef\xbb\xbfid;title;actor;notes\r\neu;Singapore statement;US;"a; b, c"\r\n',
        "trail.csv": b"id,title,actor,,\r\ntrail,T,US,,\r\n,,,,\r\n",
        "crlf.csv": b'id,title,actor,notes\r\ncrlf,T,US,"line one\r\nline two"\r\n',
        "paths.tsv": b"id\ttitle\tactor\tnotes\r\npaths\tT\tUS\tC:\\new\\tasks; \\\\srv\\share\r\n",
        # (dprk's escapes are read in a file with the header its export writes)
        "dprk.tsv": "\t".join(EXPORT_HEADER).encode()
        + b"\ndprk\tT\tUS\t\t\t\t\t\t\t\t\tone\\ntwo \\\\ three\t\t\t\t\n",
        # (Excel's TSV puts a cell with a quote or a line break in quotes: they were kept)
        "excel.tsv": b'id\ttitle\tactor\tnotes\r\nexcel\t"Suspend ""UFG"" drills"\tUS\t'
        b'"He said ""no"",\nthen left"\r\n',
    }
    _import_each(dprk, tmp_path, files)
    notes = {
        m["id"]: (m["title"], m["notes"])
        for m in json.loads(dprk("export", "--format", "json").out)["measures"]
    }
    assert notes == {
        "eu": ("Singapore statement", "a; b, c"),
        "trail": ("T", ""),
        "crlf": ("T", "line one\nline two"),
        "paths": ("T", "C:\\new\\tasks; \\\\srv\\share"),
        "dprk": ("T", "one\ntwo \\ three"),
        "excel": ('Suspend "UFG" drills', 'He said "no",\nthen left'),
    }
    before = empty.read_bytes()
    refused = {
        "named.csv": (
            b"id,title,,actor\nnamed,T,,US\n",
            "named.csv: line 1: column 3 has no name (after 'title'); name it, or delete it",
        ),
        "under.csv": (
            b"id,title,actor,,\nunder,T,US,,x\n",
            "under.csv: row 2, column 5: a value under a column with no name; name the "
            "column, or delete the value",
        ),
    }
    for name, (content, said) in refused.items():
        (tmp_path / name).write_bytes(content)
        result = dprk("import", name)
        assert (result.code, result.err) == (1, f"dprk: error: {said}\n")
        assert empty.read_bytes() == before


def test_an_export_a_spreadsheet_saved_again_imports_byte_for_byte(dprk, tmp_path):
    """A TSV export saved again by a spreadsheet (a cell holding a quote put in quotes,
    its quotes written twice; lines ended CR LF) was read as the spreadsheet's TSV, and
    dprk's own escapes inside its cells were left unread: a note's line break came back
    as a backslash and an 'n' (with 'check' ok), and a note holding a quote made the
    import fail ("not valid JSON"). The round trip is now exact."""
    assert dprk("init", "--title", "T", "--party", "US").code == 0
    assert dprk("add-measure", "End the war", "--actor", "US", "--id", "eow",
                "--date", "2018-07-07").code == 0  # fmt: skip
    note = 'line one\nline two\ta tab, C:\\new and a "quote"'
    assert dprk("note", "eow", note, "--date", "2018-09-18").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    exported = dprk("export", "--format", "tsv").out
    rows = [line.split("\t") for line in exported.split("\n") if line]
    with (tmp_path / "saved.tsv").open("w", newline="", encoding="utf-8") as saved:
        csv.writer(saved, delimiter="\t", lineterminator="\r\n").writerows(rows)
    assert b'""' in (tmp_path / "saved.tsv").read_bytes()  # (as a spreadsheet writes it)
    result = dprk("import", "--replace", "saved.tsv")
    assert (result.code, result.err) == (
        0,
        "imported 1 measure from saved.tsv (0 new, 0 replaced, 1 unchanged; nothing changed)\n",
    )
    assert ledger.read_bytes() == before
    shown = json.loads(dprk("show", "eow", "--format", "json").out)
    assert shown["history"][-1]["note"] == note


def _hand_noted(dprk, tmp_path):
    """Two measures, one block edited by hand (a note put before its status, with a
    comment): the ledger, as checked."""
    assert dprk("init", "--party", "Gov", "--party", "FARC").code == 0
    for title, ident in (("Land fund", "land"), ("Truth commission", "cev")):
        assert dprk("add-measure", title, "--actor", "Gov", "--id", ident,
                    "--date", "2016-11-24", "--status", "agreed").code == 0  # fmt: skip
    ledger = tmp_path / "dprk-ledger.toml"
    text = ledger.read_text(encoding="utf-8")
    block = text.index('id = "land"\n')
    at = text.index('status = "agreed"\n', block)
    ledger.write_text(
        text[:at] + 'notes = "hand note"\n# checked against Kroc report\n' + text[at:],
        encoding="utf-8",
    )
    assert dprk("check").out == "ok: no problems found\n"
    return ledger


def test_an_unchanged_export_imported_again_leaves_a_hand_edited_block_as_it_was(dprk, tmp_path):
    """import --replace of an export, every measure unchanged: it rewrote the hand-edited
    block (its comment removed, with a warning) while saying '2 unchanged'. Nothing is
    written now, and it says so."""
    ledger = _hand_noted(dprk, tmp_path)
    before = ledger.read_bytes()
    (tmp_path / "sheet.csv").write_text(dprk("export", "--format", "csv").out, encoding="utf-8")
    result = dprk("import", "--replace", "sheet.csv")
    assert (result.code, result.err) == (
        0,
        "imported 2 measures from sheet.csv (0 new, 0 replaced, 2 unchanged; nothing changed)\n",
    )
    assert ledger.read_bytes() == before


def test_an_import_rewrites_only_the_blocks_of_the_measures_it_changes(dprk, tmp_path):
    """One row changed, the other as the ledger has it: only the changed measure's block
    is written; the hand-edited one keeps its layout and comment."""
    ledger = _hand_noted(dprk, tmp_path)
    before = ledger.read_text(encoding="utf-8")
    doc = json.loads(dprk("export").out)
    cev = next(m for m in doc["measures"] if m["id"] == "cev")
    cev["notes"] = "from the sheet"
    (tmp_path / "doc.json").write_text(json.dumps(doc), encoding="utf-8")
    result = dprk("import", "--replace", "doc.json")
    assert (result.code, result.err) == (
        0,
        "imported 2 measures from doc.json (0 new, 1 replaced, 1 unchanged)\n"
        "replaced: cev (notes)\n",
    )
    after = ledger.read_text(encoding="utf-8")
    land = before[before.index('id = "land"') :]
    assert after.endswith(land)  # (the last block, as it was: comment and all)
    assert 'notes = "from the sheet"' in after


@pytest.mark.parametrize("given", [("saved.csv",), ("--format", "csv", "saved.tsv")])
def test_a_tsv_export_read_as_a_csv_reads_its_escapes_as_a_tsv(dprk, tmp_path, given):
    """A TSV export named .csv (or given --format csv) was split on its tabs by the CSV
    reader, dprk's escapes unread: a note's line break came back as a backslash and an
    'n', without a word. A CSV whose header holds tabs alone is read as the TSV it is."""
    assert dprk("init", "--title", "T", "--party", "US").code == 0
    assert dprk("add-measure", "End the war", "--actor", "US", "--id", "eow",
                "--date", "2018-07-07").code == 0  # fmt: skip
    note = "line one\nline two\ta tab, C:\\new"
    assert dprk("note", "eow", note, "--date", "2018-09-18").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    exported = dprk("export", "--format", "tsv").out
    (tmp_path / given[-1]).write_text(exported, encoding="utf-8")
    result = dprk("import", "--replace", *given)
    assert result.code == 0, result.err
    assert "1 unchanged; nothing changed" in result.err
    assert ledger.read_bytes() == before
    shown = json.loads(dprk("show", "eow", "--format", "json").out)
    assert shown["history"][-1]["note"] == note


def test_a_sheet_made_by_hand_keeps_its_backslashes_and_an_export_reads_its_escapes(
    dprk, empty, tmp_path
):
    """A TSV a spreadsheet wrote (lines ended CR LF) with a cell 'Files in C:\\new\\tables'
    was imported with a line break and a tab for the backslashes, without a word, while
    'C:\\Users\\kim' was kept as typed. dprk's escapes are now read only in a file with
    the header its own export writes; any other TSV keeps each cell as it is."""
    files = {
        "crlf.tsv": b"id\ttitle\tactor\tnotes\r\ncrlf\tT\tUS\tFiles in C:\\new\\tables\r\n",
        "lf.tsv": b"id\ttitle\tactor\tnotes\nlf\tT\tUS\tFiles in C:\\new\\tables\n",
        "quoted.tsv": b'id\ttitle\tactor\tnotes\r\nquoted\t"The ""new"" one"\tUS\t'
        b"C:\\new\\tables\r\n",
        # (an export: its escapes read, and a backslash before anything else kept)
        "export.tsv": "\t".join(EXPORT_HEADER).encode()
        + b"\r\nexport\tT\tUS\t\t\t\t\t\t\t\t\tone\\ntwo in C:\\\\new, C:\\Users\t\t\t\t\r\n",
    }
    _import_each(dprk, tmp_path, files)
    notes = {m["id"]: m["notes"] for m in json.loads(dprk("export").out)["measures"]}
    assert notes == {
        "crlf": "Files in C:\\new\\tables",
        "lf": "Files in C:\\new\\tables",
        "quoted": "C:\\new\\tables",
        "export": "one\ntwo in C:\\new, C:\\Users",
    }
    assert 'notes = "Files in C:\\\\new\\\\tables"' in empty.read_text(encoding="utf-8")


@pytest.mark.parametrize("replace", [False, True])
def test_a_ledger_file_given_to_import_says_how_to_import_it(dprk, korea, tmp_path, replace):
    """A ledger's own file (a sync client's conflict copy) given to import was read as
    JSON: "not valid JSON: Expecting value: line 1 column 1 (char 0)". It is named a
    ledger, with the command that imports it; run as printed, that command works."""
    copy = tmp_path / "dprk-ledger (1).toml"
    copy.write_bytes(korea.read_bytes())
    noted = dprk("--ledger", copy, "note", "inventory-submission", "Still no list",
                 "--date", "2018-09-20")  # fmt: skip
    assert noted.code == 0, noted.err
    before = korea.read_bytes()
    flag = ["--replace"] if replace else []
    result = dprk("import", *flag, copy.name)
    advised = (
        'dprk --ledger "dprk-ledger (1).toml" export | dprk import'
        + (" --replace" if replace else "")
        + " -"
    )
    also = (
        "" if replace else " (with --replace, its measures take the place of those with their ids)"
    )
    assert (result.code, result.err) == (
        1,
        "dprk: error: dprk-ledger (1).toml: is a dprk ledger (TOML), not a file to import; "
        f"import its measures through an export: '{advised}'{also}\n",
    )
    assert korea.read_bytes() == before
    if not replace:  # (its measures are this ledger's too: --replace, as it says)
        advised = advised.replace("import -", "import --replace -")
    done = shell(advised, cwd=tmp_path)
    assert done.code == 0, done.err
    assert done.err.startswith(
        "imported 14 measures from standard input (0 new, 1 replaced, 13 unchanged)\n"
    )
    assert "Still no list" in dprk("log", "inventory-submission").out


def test_a_ledger_file_given_with_other_files_is_advised_an_import_of_them_all(dprk, tmp_path):
    """A ledger's file given among other files to import was advised 'dprk --ledger L
    export | dprk import -', which leaves the others out (and the ledger, read as CSV by
    --format, was a bare parse error). The advice imports them all: the export piped in
    the ledger's place, or, with standard input another file's, exported to a file given
    in its place; run as printed, it works, and the refusals change nothing."""
    _exported_by_party(dprk, tmp_path)
    part = tmp_path / "part.toml"
    assert dprk("--ledger", part, "init", "--party", "DPRK", "--party", "KEDO").code == 0
    assert dprk("--ledger", part, "add-measure", "Freeze", "--actor", "DPRK", "--id", "freeze",
                "--date", "1994-10-21").code == 0  # fmt: skip
    sheet = dprk("export", "--party", "KEDO", "--format", "csv").out
    new = tmp_path / "new.toml"
    for args, stdin, advised in (
        (("part.toml", "kedo.json"), "",
         "dprk --ledger part.toml export | dprk --ledger new.toml import - kedo.json"),
        (("-f", "csv", "part.toml", "-"), sheet,
         "dprk --ledger part.toml export > part.json && dprk --ledger new.toml import "
         "--format csv part.json -"),
    ):  # fmt: skip
        new.unlink(missing_ok=True)
        assert dprk("--ledger", new, "init", "--party", "DPRK", "--party", "KEDO").code == 0
        empty = new.read_bytes()
        result = dprk("--ledger", new, "import", *args, stdin=stdin)
        assert (result.code, result.out, result.err) == (
            1,
            "",
            "dprk: error: part.toml: is a dprk ledger (TOML), not a file to import; import its "
            f"measures through an export: '{advised}' (with --replace, its measures take the "
            "place of those with their ids)\n",
        )
        assert new.read_bytes() == empty
        done = shell(advised if not stdin else f"printf %s {shlex.quote(sheet)} | {{ {advised}; }}",
                     cwd=tmp_path)  # fmt: skip
        assert (done.code, done.out) == (0, ""), done.err
        assert done.err.startswith("imported 2 measures from ")
        shown = json.loads(dprk("--ledger", new, "export").out)
        assert [m["id"] for m in shown["measures"]] == ["freeze", "hfo"]
        (tmp_path / "part.json").unlink(missing_ok=True)


def test_a_csv_whose_first_line_names_its_separator_as_excel_writes_it(dprk, empty, tmp_path):
    """Excel's first line 'sep=;' (naming the separator, and read by it so) was taken
    for the header: "column 'sep=' is not a measure field". It is skipped, and its
    separator used; a row is named as Excel, which hides that line, shows it."""
    (tmp_path / "eu.csv").write_bytes(
        b'sep=;\r\nid;title;actor;notes\r\neu;Singapore statement;US;"a, b; c"\r\n'
    )
    result = dprk("import", "eu.csv")
    assert (result.code, result.err) == (0, "imported 1 measure from eu.csv (1 new, 0 replaced)\n")
    shown = json.loads(dprk("show", "eu", "--format", "json").out)
    assert (shown["title"], shown["notes"]) == ("Singapore statement", "a, b; c")
    before = empty.read_bytes()
    (tmp_path / "bad.csv").write_bytes(b"sep=,\nid,title,actor\nok,T,US\nbad,,US\n")
    result = dprk("import", "bad.csv")
    assert (result.code, result.err) == (
        1,
        "dprk: error: bad.csv: row 3 (measure 'bad'): field 'title': is required\n",
    )
    assert empty.read_bytes() == before


def test_rows_after_excels_separator_line_are_numbered_as_excel_shows_them(dprk, empty, tmp_path):
    """Excel hides its 'sep=;' line, so the header is row 1 on screen; an error named
    the row one further on than that file without the line, or Excel, would. A cell's
    line breaks (CR LF, after a byte-order mark) start no new row."""
    rows = b'id;title;actor;notes\r\nok;T;ROK;"one\r\ntwo"\r\nbad;B;XX;\r\nworse;W;XX;\r\n'
    (tmp_path / "plain.csv").write_bytes(b"\xef\xbb\xbf" + rows)
    (tmp_path / "excel.csv").write_bytes(b"\xef\xbb\xbfsep=;\r\n" + rows)
    before = empty.read_bytes()
    for name in ("plain.csv", "excel.csv"):
        result = dprk("import", name)
        assert (result.code, result.out, result.err) == (
            1,
            "",
            f"dprk: error: {name}: row 3 (measure 'bad'): actor 'XX' is not a declared party "
            "(declared: DPRK, US, ROK); row 4 is refused too; add 'XX', the actor of row 3 and "
            "row 4, with 'dprk add-party XX'\n",
        )
        assert empty.read_bytes() == before
    (tmp_path / "wide.csv").write_bytes(b"sep=;\r\nid;title;actor\r\nok;T;ROK;x\r\n")
    result = dprk("import", "wide.csv")
    assert (result.code, result.err) == (
        1,
        "dprk: error: wide.csv: row 2: 4 cells, but the header has 3\n",
    )
    assert empty.read_bytes() == before


def test_a_replaced_row_that_drops_a_link_the_ledger_keeps_says_how_to_fix_it(
    dprk, empty, tmp_path
):
    """The error said to run 'dprk link m2 m1', which changes nothing (they are linked):
    the row must list the link, or the two be unlinked first."""
    dprk("add-measure", "M1", "--actor", "US", "--id", "m1", "--date", "2018-01-01")
    dprk("add-measure", "M2", "--actor", "DPRK", "--id", "m2", "--date", "2018-01-01",
         "--in-exchange-for", "m1")  # fmt: skip
    (tmp_path / "r.csv").write_text("id,title,actor\nm1,M1 new,US\n", encoding="utf-8")
    before = empty.read_bytes()
    result = dprk("import", "--replace", "r.csv")
    assert (result.code, empty.read_bytes()) == (1, before)
    assert result.err == (
        "dprk: error: r.csv: row 2 (measure 'm1'): 'm2' is exchanged for it in the ledger, and "
        "the row does not say so; give 'm2' in the row's in_exchange_for, or unlink them "
        "first ('dprk unlink m1 m2')\n"
    )
    (tmp_path / "r.csv").write_text(
        "id,title,actor,in_exchange_for\nm1,M1 new,US,m2\n", encoding="utf-8"
    )
    assert dprk("import", "--replace", "r.csv").code == 0
    assert dprk("check", "--strict").code == 0


def _row(ident: str, actor: str, *entries: tuple[str, str], **fields: object) -> dict:
    """An import's row created on 2008-07-12, with an `exchange` entry of each
    (date, detail) of `entries`."""
    made = {"date": "2008-07-12", "event": "created", "status": "proposed"}
    history = [made, *({"date": d, "event": "exchange", "detail": t} for d, t in entries)]
    stamp = {"recorded": "2024-01-01T00:00:00Z"}
    return {"id": ident, "title": ident.upper(), "actor": actor, "status": "proposed",
            **fields, "history": [h | stamp for h in history]}  # fmt: skip


@pytest.mark.parametrize(
    ("row", "said", "held"),
    [
        (
            _row("vp", "DPRK", ("2008-07-12", "in exchange for hfo")),
            "in_exchange_for does not list 'hfo', though its history links them (by its "
            "exchange entry of 2008-07-12); give 'hfo' in the row's in_exchange_for, or take "
            "that entry out of the row's history",
            ([["hfo"], ["vp"]], [[], []]),
        ),
        (
            _row(
                "vp",
                "DPRK",
                ("2008-07-12", "in exchange for hfo"),
                ("2008-07-14", "no longer in exchange for hfo"),
                in_exchange_for=["hfo"],
            ),
            "in_exchange_for lists 'hfo', though its history ends the link (by its exchange "
            "entry of 2008-07-14); take 'hfo' out of the row's in_exchange_for, or take that "
            "entry out of the row's history",
            ([[], []], [["hfo"], ["vp"]]),
        ),
    ],
)
def test_an_import_refuses_a_row_whose_links_are_not_what_its_history_gives(
    dprk, tmp_path, row, said, held
):
    """A row whose history linked it to 'hfo' in the ledger, with no in_exchange_for, was
    refused with "put each back in the other's in_exchange_for in the file, or record the
    link's end with 'dprk unlink vp hfo --date YYYY-MM-DD'": the ledger holds no 'vp', so
    the command failed, and 'hfo' is not in the file. The row's history and its field
    disagree: that is said of the row, and either way of mending the file imports it."""
    assert dprk("init", "--party", "US", "--party", "DPRK").code == 0
    assert dprk("add-measure", "Deliver HFO", "--actor", "US", "--id", "hfo", "--date",
                "2008-07-12").code == 0  # fmt: skip
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    (tmp_path / "in.json").write_text(json.dumps([row]), encoding="utf-8")
    result = dprk("import", "in.json")
    assert (result.code, result.out, result.err) == (
        1,
        "",
        f"dprk: error: in.json: measure #1 (measure 'vp'): {said}\n",
    )
    assert ledger.read_bytes() == before
    linked = "hfo" in row.get("in_exchange_for", [])
    field = dict(row, in_exchange_for=[] if linked else ["hfo"])
    entry = dict(row, history=row["history"][:-1])
    for mended, links in zip((field, entry), held, strict=True):
        (tmp_path / "in.json").write_text(json.dumps([mended]), encoding="utf-8")
        result = dprk("import", "in.json")
        assert result.code == 0, result.err
        assert dprk("check", "--strict").code == 0
        shown = json.loads(dprk("show", "vp", "hfo", "--format", "json").out)
        assert [m["in_exchange_for"] for m in shown] == links
        assert dprk("undo").code == 0 and ledger.read_bytes() == before


@pytest.mark.parametrize(
    ("rows", "said", "mended"),
    [
        (
            [
                {"id": "a", "title": "A", "actor": "DPRK", "part_of": "b"},
                {"id": "b", "title": "B", "actor": "DPRK", "part_of": "a"},
            ],
            "a: is a part of a measure that is itself a part of it (a -> b -> a); correct the "
            "row's part_of, in_exchange_for or history in the file (as 'dprk export' writes "
            "them), or leave what does not fit out of the row and record it with commands once "
            "the rest is in; also b: is a part of a measure that is itself a part of it (b -> a "
            "-> b); correct the row's part_of, in_exchange_for or history in the file (as "
            "'dprk export' writes them), or leave what does not fit out of the row and record "
            "it with commands once the rest is in; nothing was written",
            [
                {"id": "a", "title": "A", "actor": "DPRK", "part_of": "b"},
                {"id": "b", "title": "B", "actor": "DPRK"},
            ],
        ),
        (
            [{"id": "w", "title": "W", "actor": "DPRK", "constraints": [{"with": "hfo"}]}],
            "w: is to go together with 'hfo', but 'hfo' does not say so; correct the row's "
            "constraints in the file (as 'dprk export' writes them), or leave what does not "
            "fit out of the row and record it with commands once the rest is in; nothing was "
            "written",
            [{"id": "w", "title": "W", "actor": "DPRK"}],
        ),
    ],
)
def test_an_import_refused_by_a_rule_advises_mending_the_file(dprk, tmp_path, rows, said, mended):
    """A rule's advice named commands on measures the refused import had not put in the
    ledger ('dprk edit ID --no-part-of', 'dprk sequence w --with hfo'), which fail: an
    import's refusal says what to mend in the file, and so mended, the file imports."""
    assert dprk("init", "--party", "US", "--party", "DPRK").code == 0
    assert dprk("add-measure", "Deliver HFO", "--actor", "US", "--id", "hfo").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    (tmp_path / "in.json").write_text(json.dumps(rows), encoding="utf-8")
    result = dprk("import", "in.json")
    assert (result.code, result.out) == (1, "")
    assert result.err == f"dprk: error: in.json: measure #1 (measure '{rows[0]['id']}'): {said}\n"
    assert set(re.findall(r"'dprk [^']*'", said)) == {"'dprk export'"}  # (of no measure)
    assert ledger.read_bytes() == before
    (tmp_path / "in.json").write_text(json.dumps(mended), encoding="utf-8")
    result = dprk("import", "in.json")
    assert result.code == 0, result.err
    assert dprk("check", "--strict").code == 0
    if rows[0]["id"] == "w":  # (what was left out, recorded once the rest is in)
        assert dprk("sequence", "w", "--with", "hfo").code == 0
        assert dprk("check", "--strict").code == 0


@pytest.mark.parametrize("mend", ["given", "left out"])
def test_an_import_refuses_a_status_its_history_cannot_lead_to_as_the_row_s_field(
    dprk, tmp_path, mend
):
    """An export whose row was edited to status agreed (extent not-initiated) after its
    history's implementation: the refusal advised 'mark it reversed', on a measure only
    the file holds, and reported 'agreed on <today>', a step the import made of the
    field. It now says that the row's status is not what its history gives, and which
    fields to mend; mended, or left out, the row imports."""
    source = tmp_path / "source"
    source.mkdir()
    for args in (
        ["init", "--party", "DPRK"],
        ["add-measure", "Disable", "--actor", "DPRK", "--id", "dis", "--status", "agreed",
         "--date", "2007-10-03"],
        ["mark", "dis", "implemented", "--date", "2007-11-05"],
    ):  # fmt: skip
        assert dprk("--ledger", source / "dprk-ledger.toml", *args).code == 0, args
    exported = json.loads(dprk("--ledger", source / "dprk-ledger.toml", "export").out)
    exported["measures"][0].update(status="agreed", extent="not-initiated")
    assert dprk("init", "--party", "DPRK").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    # (exported days ago, or this very second: a step made of the row's status, recorded
    # in the second its history's last was, was taken for a gap, and imported)
    for days_ago in (True, False):
        for n, entry in enumerate(exported["measures"][0]["history"]):
            now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            entry["recorded"] = f"2026-01-0{n + 1}T00:00:00Z" if days_ago else now
        (tmp_path / "bad.json").write_text(json.dumps(exported), encoding="utf-8")
        result = dprk("import", "bad.json")
        assert (result.code, result.out) == (1, "")
        assert result.err == (
            "dprk: error: bad.json: measure #1 (measure 'dis'): its status 'agreed' (extent "
            "'not-initiated') is not what its history gives ('implemented', extent 'full'), "
            "and it cannot become 'agreed' by its history: a measure that has acted cannot be "
            "pending again; set the row's status and extent to what its history gives, or leave "
            "them out of the row, or correct its history, in the file (as 'dprk export' writes "
            "them)\n"
        )
        assert str(today()) not in result.err and "'dprk mark" not in result.err
        assert ledger.read_bytes() == before
    row = exported["measures"][0]
    if mend == "given":
        row.update(status="implemented", extent="full")
    else:
        del row["status"], row["extent"]
    (tmp_path / "bad.json").write_text(json.dumps(exported), encoding="utf-8")
    result = dprk("import", "bad.json")
    assert result.code == 0, result.err
    assert dprk("check", "--strict").code == 0
    log = json.loads(dprk("log", "dis", "--format", "json").out)
    assert [(e["date"], e["event"], e["status"]) for e in log] == [
        ("2007-10-03", "created", "agreed"),
        ("2007-11-05", "status", "implemented"),
    ]
    shown = json.loads(dprk("show", "dis", "--format", "json").out)
    assert (shown["status"], shown["extent"]) == ("implemented", "full")


def test_a_replaced_row_that_drops_a_with_the_ledger_keeps_says_how_to_fix_it(
    dprk, empty, tmp_path
):
    """The error said to run 'dprk sequence m2 --with m1', which changes nothing (they go
    together already): the row must give the order, or the order be ended first."""
    for ident in ("m1", "m2"):
        dprk("add-measure", ident.upper(), "--actor", "US", "--id", ident, "--date", "2018-01-01")
    assert dprk("sequence", "m1", "--with", "m2", "--date", "2018-02-01").code == 0
    (tmp_path / "r.csv").write_text("id,title,actor\nm1,M1 new,US\n", encoding="utf-8")
    before = empty.read_bytes()
    result = dprk("import", "--replace", "r.csv")
    assert (result.code, empty.read_bytes()) == (1, before)
    assert result.err == (
        "dprk: error: r.csv: row 2 (measure 'm1'): 'm2' is to go together with it in the "
        'ledger, and the row does not say so; give {"with": "m2"} among the row\'s '
        "constraints, or end the order first ('dprk sequence m1 --remove m2')\n"
    )
    (tmp_path / "r.csv").write_text(
        'id,title,actor,constraints\nm1,M1 new,US,"[{""with"": ""m2""}]"\n', encoding="utf-8"
    )
    given = dprk("import", "--replace", "r.csv")
    assert given.code == 0, given.err
    assert dprk("check", "--strict").code == 0
    assert dprk("undo").code == 0 and empty.read_bytes() == before
    assert dprk("sequence", "m1", "--remove", "m2", "--date", "2018-03-01").code == 0
    (tmp_path / "r.csv").write_text("id,title,actor\nm1,M1 new,US\n", encoding="utf-8")
    ended = dprk("import", "--replace", "r.csv")
    assert ended.code == 0, ended.err
    assert dprk("check", "--strict").code == 0


def test_a_hand_written_list_cell_may_begin_with_a_bracket(dprk, empty, tmp_path):
    """'[Reuters] report; KCNA' is two plain sources, not broken JSON."""
    (tmp_path / "s.csv").write_text(
        'id,title,actor,sources\ns1,S,US,"[Reuters] report; KCNA"\n', encoding="utf-8"
    )
    result = dprk("import", "s.csv")
    assert result.code == 0, result.err
    shown = json.loads(dprk("show", "s1", "--format", "json").out)
    assert shown["sources"] == ["[Reuters] report", "KCNA"]


def test_a_footnote_s_number_in_brackets_is_a_source(dprk, empty, tmp_path):
    """A source written '[38]' (a footnote's number) was read as the JSON list [38] and
    refused ("38 is not text; write it in quotes"); followed, '"[38]"' kept the quotes.
    A cell that is JSON but no list of text is a source written by hand."""
    (tmp_path / "s.csv").write_text(
        "id,title,actor,sources,in_exchange_for\ns1,S,US,[38],[]\n", encoding="utf-8"
    )
    result = dprk("import", "s.csv")
    assert result.code == 0, result.err
    shown = json.loads(dprk("show", "s1", "--format", "json").out)
    assert (shown["sources"], shown["in_exchange_for"]) == (["[38]"], [])


def test_imported_findings_are_in_the_history_as_verify_records_them(dprk, empty, tmp_path):
    """A row's findings each get their `verification` entry: `log` lists them and numbers
    them for `redate` (they were only in `verifications`, which `timeline` read)."""
    findings = json.dumps(
        [
            {"by": "IAEA", "result": "confirmed", "date": "2018-05-01", "method": "on-site"},
            {"by": "38 North", "result": "partial", "date": "2018-04-20"},
        ]
    ).replace('"', '""')
    (tmp_path / "v.csv").write_text(
        f'id,title,actor,status,verifications\nx1,Close the site,US,verified,"{findings}"\n',
        encoding="utf-8",
    )
    assert dprk("import", "v.csv").code == 0
    log = json.loads(dprk("log", "x1", "--format", "json").out)
    assert [(e["n"], e["date"], e["event"], e["status"], e["detail"]) for e in log] == [
        (1, "2018-04-20", "created", "implemented", "imported as implemented"),
        (2, "2018-04-20", "verification", None, "partial by 38 North"),
        (3, "2018-05-01", "verification", "verified", "confirmed by IAEA (on-site)"),
    ]
    assert dprk("check").out == "ok: no problems found\n"
    assert dprk("redate", "x1", "3", "2018-05-02").code == 0
    shown = json.loads(dprk("show", "x1", "--format", "json").out)
    assert [v["date"] for v in shown["verifications"]] == ["2018-04-20", "2018-05-02"]
    assert shown["status"] == "verified"


def test_short_measures_imported_into_a_full_ledger_leave_it_readable(dprk, korea, tmp_path):
    (tmp_path / "x.json").write_text('[{"id": "zz", "title": "Z", "actor": "US"}]')
    assert dprk("import", "x.json").code == 0
    result = dprk("status", "--format", "ids")
    assert result.code == 0, result.err
    assert result.out.splitlines()[-1] == "zz"


def test_import_links_the_exchange_on_the_existing_side(dprk, korea, tmp_path):
    (tmp_path / "new.json").write_text(
        json.dumps(
            [
                {
                    "id": "sanctions-relief",
                    "title": "Partial sanctions relief",
                    "actor": "US",
                    "in_exchange_for": ["inventory-submission"],
                    "history": [
                        {
                            "date": "2018-10-01",
                            "event": "created",
                            "status": "proposed",
                            "recorded": "2026-11-27T00:00:00Z",
                        }
                    ],
                }
            ]
        )
    )
    assert dprk("import", "new.json").code == 0
    inv = json.loads(dprk("show", "inventory-submission", "--format", "json").out)
    assert "sanctions-relief" in inv["in_exchange_for"]


def test_replace_overwrites_existing_ids(dprk, korea, tmp_path):
    doc = json.loads(dprk("export").out)
    for m in doc["measures"]:
        if m["id"] == "second-summit":
            m["notes"] = "rewritten"
    (tmp_path / "edit.json").write_text(json.dumps(doc))
    refused = dprk("import", "edit.json")
    assert refused.code == 1
    assert "already exists; use --replace" in refused.err
    result = dprk("import", "edit.json", "--replace")
    assert result.code == 0, result.err
    assert "(0 new, 1 replaced, 13 unchanged)" in result.err
    assert json.loads(dprk("show", "second-summit", "--format", "json").out)["notes"] == "rewritten"


def test_a_replacing_row_that_gives_less_says_what_it_drops(dprk, korea, tmp_path):
    """A short CSV imported with --replace took out the measure's history, sources, notes
    and category, and said only '1 replaced': balance, timeline and --as-of answered from
    a measure undated since. It is still done (the row is the measure), and said."""
    (tmp_path / "r.csv").write_text(
        "id,title,actor,status\nremains-repatriation,DPRK returns remains,DPRK,implemented\n",
        encoding="utf-8",
    )
    before = korea.read_bytes()
    result = dprk("import", "--replace", "r.csv")
    assert (result.code, result.out) == (0, "")
    assert result.err == (
        "imported 1 measure from r.csv (0 new, 1 replaced)\n"
        "replaced: remains-repatriation (title, category, sources, notes, history)\n"
        "dprk: warning: remains-repatriation: replaced by row 2, which drops 2 history "
        "entries, 3 sources, its category and notes ('dprk undo' brings them back)\n"
        "dprk: warning: row 2 (remains-repatriation): implemented with no date: recorded as "
        f"done today ({today()}); to date it, 'dprk undo' and give the row a date (a 'date' "
        "column)\n"
    )
    assert dprk("undo").code == 0
    assert korea.read_bytes() == before
    # an order and a link the row does not give are named too (the order was not)
    (tmp_path / "o.csv").write_text(
        "id,title,actor\ninventory-submission,Inventory,DPRK\n", encoding="utf-8"
    )
    dropped = dprk("import", "--replace", "o.csv")
    assert dropped.code == 1 and "is exchanged for it in the ledger" in dropped.err
    (tmp_path / "o.csv").write_text(
        "id,title,actor,in_exchange_for\ninventory-submission,Inventory,DPRK,"
        "end-of-war-declaration\n",
        encoding="utf-8",
    )
    dropped = dprk("import", "--replace", "o.csv")
    assert dropped.code == 0, dropped.err
    assert "1 sequencing order" in dropped.err.splitlines()[2], dropped.err
    assert dprk("undo").code == 0
    # an export imported again drops nothing, and says nothing of it
    (tmp_path / "all.json").write_text(dprk("export").out, encoding="utf-8")
    assert dprk("import", "--replace", "all.json").err.count("warning") == 0


def test_an_import_that_changes_nothing_says_so(dprk, korea, tmp_path):
    """Re-importing an export with --replace said '14 replaced'; nothing was written, so
    the undo that followed took back the change before, which the user did not expect."""
    dprk("note", "second-summit", "expected soon", "--date", "2018-09-20")
    (tmp_path / "snap.json").write_text(dprk("export").out)
    before = korea.read_bytes()
    result = dprk("import", "snap.json", "--replace")
    assert (result.code, result.out) == (0, "")
    assert result.err == (
        "imported 14 measures from snap.json (0 new, 0 replaced, 14 unchanged; nothing changed)\n"
    )
    assert korea.read_bytes() == before


def test_a_sheet_imported_again_later_drops_only_what_it_lacks(dprk, empty, tmp_path, tick):
    """A plain sheet imported again with --replace a second later rewrote every measure
    and warned that it dropped the creation the row gives again (its time of recording
    alone differed), one more than was lost: 40 rows gave 40 false alarms. The creation
    given again is the one on record; only what the row lacks is counted."""
    (tmp_path / "one.csv").write_text(
        "id,title,actor,status,date\na1,Good,DPRK,implemented,2016-01-01\n", encoding="utf-8"
    )
    assert dprk("import", "one.csv").code == 0
    tick()
    before = empty.read_bytes()
    again = dprk("import", "--replace", "one.csv")
    assert (again.code, again.out) == (0, "")
    assert again.err == (
        "imported 1 measure from one.csv (0 new, 0 replaced, 1 unchanged; nothing changed)\n"
    )
    assert empty.read_bytes() == before
    tick()
    assert dprk("verify", "a1", "--by", "IAEA", "--date", "2016-02-01").code == 0
    tick()
    lost = dprk("import", "--replace", "one.csv")
    assert lost.code == 0, lost.err
    assert lost.err.splitlines()[1:3] == [
        "replaced: a1 (status, verifications, history)",
        "dprk: warning: a1: replaced by row 2, which drops 1 history entry, 1 finding "
        "('dprk undo' brings them back)",
    ]
    assert empty.read_bytes() == before  # the finding and its entry gone, nothing else


def _bad_row(doc):
    doc["measures"][2]["status"] = "finished"
    return doc


BAD_IMPORTS = [
    # (file name, content or a function of the export, exit code, words in the message)
    ("bad.json", _bad_row, 1, "measure #3 (measure 'gaeseong-liaison-office'): field 'status'"),
    ("bad.json", "{not json", 1, "not valid JSON"),
    ("bad.json", '{"measures": [], "colour": "red"}', 1, "'colour' is not a field"),
    ("bad.json", "42", 1, "expected a ledger document"),
    (
        "bad.json",
        '[{"id": "a", "title": "A", "actor": "US"}, {"id": "a", "title": "B", "actor": "US"}]',
        1,
        "measure #2: id 'a' appears twice (also measure #1)",
    ),
    (
        "bad.json",
        '[{"id": "a", "title": "A", "actor": "Japan"}]',
        1,
        "actor 'Japan' is not a declared party",
    ),
    (
        "bad.json",
        '[{"id": "a", "title": "A", "actor": "US", "in_exchange_for": ["ghost"]}]',
        1,
        "refers to 'ghost', which is neither in the ledger nor the file",
    ),
    (
        "bad.json",
        '[{"id": "a", "title": "A", "actor": "US", "constraints": [{"after": "a"}]}]',
        1,
        "refers to itself",
    ),
    ("bad.json", '[{"id": "a b", "title": "A", "actor": "US"}]', 1, "not a valid id"),
    ("bad.json", '[{"id": "a", "actor": "US"}]', 1, "field 'title': is required"),
    (
        "bad.json",
        '[{"id": "a", "title": "A", "actor": "US", "deadline": "soon"}]',
        1,
        "field 'deadline'",
    ),
    ("bad.csv", "id,title,colour\na,A,red\n", 1, "column 'colour' is not a measure field"),
    ("bad.csv", "id,title,actor\na,A,US\nb,B\n", 1, "row 3: 2 cells, but the header has 3"),
    ("bad.csv", "id,id,title,actor\nx,y,T,US\n", 1, "line 1: column 'id' appears twice"),
    (
        "bad.csv",
        "id,title,actor,date\nx,X,US,2018-01-01\ny,Y,US,2099-01-01\n",
        1,
        "bad.csv: row 3 (measure 'y'): created as proposed on 2099-01-01 is after today",
    ),
    (
        "bad.csv",
        "id,title,actor,date\nw,W,US,2018-W38-4\n",
        1,
        "bad.csv: row 2 (measure 'w'): date '2018-W38-4' is not a date; use YYYY-MM-DD",
    ),
    # what says something is never blank, in a file as on the command line
    (
        "bad.csv",
        "id,title,actor\nx,   ,US\n",
        1,
        "row 2 (measure 'x'): field 'title': is blank; give some text",
    ),
    (
        "bad.csv",
        'id,title,actor,sources\nx,X,US,"[""a"", "" ""]"\n',
        1,
        "row 2 (measure 'x'): field 'sources[2]': is blank; give some text",
    ),
    # (a title only of characters that are not seen, refused on the command line, was
    # taken from a file, and check then said ok)
    (
        "bad.json",
        '[{"id": "x", "title": "\\u200b", "actor": "US"}]',
        1,
        "measure #1 (measure 'x'): field 'title': is blank; give some text",
    ),
    (
        "bad.csv",
        "id,title,actor\nx,\u3164 \ufeff,US\n",
        1,
        "row 2 (measure 'x'): field 'title': is blank; give some text",
    ),
    (
        "bad.csv",
        "id,title,actor\nx,\ufe0f\U000e0100,US\n",
        1,
        "row 2 (measure 'x'): field 'title': is blank; give some text",
    ),
    (
        "bad.json",
        '[{"id": "x", "title": "X", "actor": "US", "status": "verified", "verifications": '
        '[{"by": "IAEA", "result": "confirmed", "date": "2018-01-02", "evidence": [""]}]}]',
        1,
        "measure #1 (measure 'x'): field 'verifications[1].evidence[1]': is blank; give some text",
    ),
    (
        "bad.csv",
        "id,title,actor,extent\nnew-one,New one,US,full\n",
        1,
        "row 2 (measure 'new-one'): extent 'full' is not what its history gives "
        "('not-initiated'): an extent goes with status implemented",
    ),
    (
        "bad.csv",
        "id,title,actor,status\na,A,US,proposed\nb,B,US,done\n",
        1,
        "row 3 (measure 'b'): field 'status'",
    ),
    (
        "bad.csv",
        "id,title,actor,history\na,A,US,not-a-list\n",
        1,
        "row 2, column 'history': expected a JSON list",
    ),
    (  # (pydantic's words were shown: "Input should be a valid date ..., input is too short")
        "bad.csv",
        "id,title,actor,deadline\na,A,US,2019-3\n",
        1,
        "row 2 (measure 'a'): field 'deadline': '2019-3' is not a date; use YYYY-MM-DD",
    ),
    ("bad.jsonl", '{"id": "a", "title": "A", "actor": "US"}\n{oops\n', 1, "line 2: not valid JSON"),
    # (a UTF-16 byte-order mark before no UTF-16 text: stray bytes, not converted)
    ("bad.json", b"\xff\xfe", 1, "starts with the stray bytes FF FE"),
    ("bad.json", b"\xff\xfe" + "[]".encode("utf-16-le"), 1, "looks like UTF-16 text"),
    ("bad.json", b'[{"id": "\xff"}]', 1, "line 1: invalid UTF-8"),
    # (a key given twice: the last value was taken without a word)
    (
        "bad.json",
        '[{"id": "a", "title": "A", "actor": "US", "title": "B"}]',
        1,
        "bad.json: key 'title' appears twice in one object",
    ),
    (
        "bad.jsonl",
        '{"id": "a", "title": "A", "actor": "US"}\n{"id": "b", "actor": "US", "actor": "DPRK"}\n',
        1,
        "bad.jsonl: line 2: key 'actor' appears twice in one object",
    ),
    (
        "bad.csv",
        'id,title,actor,verifications\na,A,US,"[{""by"": ""IAEA"", ""by"": ""X""}]"\n',
        1,
        "row 2, column 'verifications': key 'by' appears twice in one object",
    ),
    (
        "bad.json",
        '[{"id": "inventory-submission", "title": "A", "actor": "US"}]',
        1,
        "already exists; use --replace",
    ),
]


@pytest.mark.parametrize(("name", "content", "code", "words"), BAD_IMPORTS)
def test_bad_import_changes_nothing(dprk, korea, tmp_path, name, content, code, words):
    before = korea.read_bytes()
    if callable(content):
        content = json.dumps(content(json.loads(dprk("export").out)))
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    result = dprk("import", name)
    assert result.code == code
    assert result.out == ""
    assert words in result.err, result.err
    assert result.err.count("\n") == 1 and result.err.startswith("dprk: error: ")
    assert korea.read_bytes() == before


def test_import_missing_file_and_folder(dprk, korea, tmp_path):
    before = korea.read_bytes()
    assert "no such file" in dprk("import", "nothing.json").err
    (tmp_path / "folder.json").mkdir()
    assert "is a folder" in dprk("import", "folder.json").err
    assert korea.read_bytes() == before


def test_import_from_standard_input_names_it(dprk, korea):
    result = dprk("import", "-", stdin="[{]")
    assert result.code == 1
    assert result.err.startswith("dprk: error: standard input: not valid JSON")


@pytest.mark.parametrize(("fmt", "said"), [
    ("csv", " (it reads as CSV: give --format csv)"),
    ("tsv", " (it reads as TSV: give --format tsv)"),
    ("jsonl", " (a JSON object a line: give --format jsonl)"),
])  # fmt: skip
def test_import_from_standard_input_in_another_format_says_which(dprk, korea, fmt, said):
    """Standard input is read as JSON (no file name tells its format): a CSV export piped
    in failed with 'Expecting value: line 1 column 1', and no word of --format."""
    exported = dprk("export", "--format", fmt).out
    before = korea.read_bytes()
    result = dprk("import", "-", "--replace", stdin=exported)
    assert (result.code, result.out) == (1, "")
    assert result.err.startswith("dprk: error: standard input: not valid JSON: ")
    assert result.err.endswith(said + "\n")
    assert korea.read_bytes() == before
    followed = dprk("import", "-", "--replace", "--format", fmt, stdin=exported)
    assert followed.code == 0, followed.err


def test_import_of_one_measure_as_json_says_to_give_json_lines(dprk, empty):
    """One measure piped in as a JSON object was refused as "'actor' is not a field of a
    ledger document (a typo?)": it reads as a line of JSON lines, and is said so."""
    one = '{"id": "freeze", "title": "Freeze", "actor": "DPRK", "status": "proposed"}\n'
    before = empty.read_bytes()
    for args in ((), ("--format", "json")):
        result = dprk("import", "-", *args, stdin=one)
        assert (result.code, result.out) == (1, "")
        assert result.err == (
            "dprk: error: standard input: reads as one measure, not a ledger document; give "
            "--format jsonl (a measure a line), or put it in a list: [ ... ]\n"
        )
        assert empty.read_bytes() == before
    assert dprk("import", "-", "--format", "jsonl", stdin=one).code == 0
    assert dprk("status", "--format", "ids").out == "freeze\n"


def test_import_with_an_explicit_format(dprk, empty, tmp_path):
    (tmp_path / "data.txt").write_text("id,title,actor\nx,X,US\n")
    assert dprk("import", "data.txt", "--format", "csv").code == 0
    assert dprk("status", "--format", "ids").out == "x\n"


def test_schema_is_json_schema_of_the_ledger(dprk, tmp_path):
    result = dprk("schema")  # needs no ledger
    assert result.code == 0, result.err
    schema = json.loads(result.out)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert set(schema["properties"]) >= {"schema", "title", "parties", "measures"}
    measure = schema["$defs"]["Measure"]
    assert set(measure["required"]) == {"id", "title", "actor"}
    assert measure["additionalProperties"] is False
    for name in ("sources", "constraints", "verifications", "history", "in_exchange_for"):
        assert measure["properties"][name]["default"] == [], name  # left out: an empty list
    assert set(measure["properties"]["status"]["$ref"].split("/")[-1:]) == {"Status"}
    assert schema["$defs"]["Status"]["enum"] == [
        "proposed",
        "agreed",
        "implemented",
        "verified",
        "disputed",
        "reversed",
        "withdrawn",
        "rejected",
    ]


def test_export_document_follows_the_schema(dprk, korea):
    """Every key of the export is a property the schema names (no jsonschema needed)."""
    schema = json.loads(dprk("schema").out)
    doc = json.loads(dprk("export").out)
    assert set(doc) <= set(schema["properties"])
    measure_props = set(schema["$defs"]["Measure"]["properties"])
    for m in doc["measures"]:
        assert set(m) <= measure_props


def _validator(dprk):
    """A JSON Schema validator of `dprk schema`, as a tool takes it (its patterns as
    Python's `re` reads them: no `\\p{...}` nor `\\U...` escape, which ECMA-262 and
    `re` do not read)."""
    import jsonschema

    schema = json.loads(dprk("schema").out)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _as_a_tool_reads(path):
    """A ledger file as an editor's TOML support hands it to a schema: dates and times
    as their text."""
    import datetime as dt
    import tomllib

    def text(value):
        if isinstance(value, dict):
            return {key: text(v) for key, v in value.items()}
        if isinstance(value, list):
            return [text(v) for v in value]
        return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value

    return text(tomllib.loads(path.read_text(encoding="utf-8")))


def test_every_ledger_dprk_writes_follows_its_schema_in_a_json_schema_tool(dprk, korea, tmp_path):
    validator = _validator(dprk)
    patterns = []

    def walk(node):
        if isinstance(node, dict):
            patterns.extend(v for k, v in node.items() if k == "pattern" and isinstance(v, str))
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(validator.schema)
    assert patterns and not [p for p in patterns if "\\p{" in p or "\\U" in p]
    for step in (
        ("add-party", "IAEA"),
        ("add-measure", "Whole", "--actor", "US", "--id", "whole", "--date", "2018-01-01"),
        (
            "add-measure",
            "Part",
            "--actor",
            "US",
            "--part-of",
            "whole",
            "--id",
            "p",
            "--date",
            "2018-01-02",
        ),
        ("mark", "p", "implemented", "--date", "2018-02-01", "--extent", "minimal"),
        ("verify", "p", "--by", "IAEA", "--date", "2018-02-02", "--result", "partial"),
        ("sequence", "whole", "--with", "security-guarantees", "--date", "2018-09-01"),
        ("edit", "whole", "--actor", "ROK", "--date", "2018-09-02"),
        ("note", "whole", "A note\twith a tab", "--date", "2018-09-03", "--source", "A source"),
        ("edit", "whole", "--deadline", "2019-01-01"),
        ("sequence", "p", "--after", "end-of-war-declaration", "--require", "verified"),
    ):
        result = dprk(*step)
        assert result.code == 0, (step, result.err)
    exported = json.loads(dprk("export").out)
    for document in (exported, _as_a_tool_reads(korea)):
        assert [e.message for e in validator.iter_errors(document)] == []
    for refused in (  # (each is refused by a load: a tool checking with the schema says so)
        {"schema": 2},
        {"parties": [" "]},
        {"parties": ["\u200b"]},
        {"constraints": [{"after": "a", "with": "b"}]},
        {"constraints": [{"demanded_by": "US"}]},
        {"constraints": [{"with": "b", "require": "verified"}]},
        {"constraints": [{"with": "b", "demanded_by": "US"}]},
        {"history": [{"event": "note", "status": "agreed"}]},
        {"history": [{"event": "status", "status": "agreed", "extent": "minimal"}]},
        {"history": [{"event": "status"}]},
        {"history": [{"event": "verification", "status": "agreed"}]},
        {"history": [{"recorded": "2026-01-01"}]},
        {"history": [{"event": "note", "extent": "minimal"}]},
        {"conflicts": [{"field": "deadline", "ours": "a"}]},
    ):
        document = _as_a_tool_reads(korea)
        measure = document["measures"][0]
        if "schema" in refused:
            document["schema"] = refused["schema"]
        elif "parties" in refused:
            document["parties"] = refused["parties"]
        elif "conflicts" in refused:  # (the ledger's own: on its title or a party)
            document["conflicts"] = refused["conflicts"]
        elif "history" in refused:
            first = measure["history"][0]
            kept = {key: value for key, value in first.items() if key not in ("status", "extent")}
            measure["history"][0] = kept | refused["history"][0]
        else:
            measure["constraints"] = refused["constraints"]
        assert list(validator.iter_errors(document)), refused
    # (a time written by hand without its offset is read as UTC: the schema takes it too)
    korea.write_text(
        korea.read_text(encoding="utf-8").replace("00:00:00+00:00", "00:00:00", 1), encoding="utf-8"
    )
    assert dprk("check").code == 0
    assert [e.message for e in validator.iter_errors(_as_a_tool_reads(korea))] == []


def test_an_export_with_no_measures_brings_its_title_and_parties(dprk, tmp_path):
    """export then import into a new ledger gives back the same file, measures or none."""
    assert dprk("init", "--title", "Talks", "--party", "A", "--party", "B").code == 0
    original = (tmp_path / "dprk-ledger.toml").read_bytes()
    exported = dprk("export", "--format", "json")
    assert exported.code == 0
    copy = tmp_path / "copy.toml"
    assert dprk("--ledger", copy, "init").code == 0
    result = dprk("--ledger", copy, "import", "-", stdin=exported.out)
    assert result.code == 0, result.err
    assert copy.read_bytes() == original
    assert dprk("--ledger", copy, "undo").code == 0
    assert b"Talks" not in copy.read_bytes()
    before = copy.read_bytes()
    result = dprk("--ledger", copy, "import", "-", stdin='{"parties": ["US", "Japan"]}')
    assert (result.code, result.err) == (  # (the parties a JSON export brings, named)
        0,
        "imported 0 measures from standard input (0 new, 0 replaced; declared US, Japan)\n",
    )
    assert dprk("--ledger", copy, "undo").code == 0
    for fmt, nothing in (("jsonl", ""), ("json", "[]"), ("csv", "id,title,actor\n")):
        # (what an export that found nothing writes: a pipeline goes on)
        empty = dprk("--ledger", copy, "import", "-", "--format", fmt, stdin=nothing)
        assert empty.code == 0, empty.err
        assert empty.err == "dprk: standard input: no measures to import; nothing changed\n"
        assert copy.read_bytes() == before


@pytest.mark.parametrize("given", ["", "  \n\t\n", "[]", '{"parties": ["DPRK"], "measures": []}'])
@pytest.mark.parametrize("source", ["file", "standard input"])
def test_an_empty_json_input_is_nothing_to_import(dprk, empty, tmp_path, given, source):
    """An empty JSON file (0 bytes, or spaces alone), or empty standard input, failed 'not
    valid JSON: Expecting value' (exit 1), where an empty CSV or JSON lines file is
    nothing to import; and a document of no measures, its parties declared already, said
    'imported 0 measures ... (nothing changed)'. Each says what the others do, exit 0,
    nothing written."""
    before = empty.read_bytes()
    if source == "file":
        (tmp_path / "e.json").write_text(given, encoding="utf-8")
        result, label = dprk("import", "e.json"), "e.json"
    else:
        result, label = dprk("import", "-", stdin=given), "standard input"
    assert (result.code, result.out) == (0, "")
    assert result.err == f"dprk: {label}: no measures to import; nothing changed\n"
    assert empty.read_bytes() == before
    for other in ("e.csv", "e.jsonl"):  # (as the other formats say it)
        (tmp_path / other).write_text("", encoding="utf-8")
        assert (
            dprk("import", other).err == f"dprk: {other}: no measures to import; nothing changed\n"
        )


def test_a_rule_an_import_breaks_names_the_file_and_the_row(dprk, empty, tmp_path):
    (tmp_path / "c.csv").write_text(
        "id,title,actor,status,date,after,in_exchange_for\n"
        "c1,C one,DPRK,agreed,2018-01-01,,\nc2,C two,US,proposed,2018-01-02,c1,c1\n"
    )
    assert dprk("import", "c.csv").code == 0
    (tmp_path / "r.csv").write_text(
        "id,title,actor,status,date\nc1,C one renamed,DPRK,implemented,2018-03-01\n"
    )
    before = empty.read_bytes()
    result = dprk("import", "r.csv", "--replace")
    assert result.code == 1
    assert result.err.startswith(
        "dprk: error: r.csv: row 2 (measure 'c1'): 'c2' is exchanged for it in the ledger"
    )
    assert empty.read_bytes() == before
    (tmp_path / "cyc.csv").write_text("id,title,actor,part_of\nq1,Q,DPRK,q2\nq2,Q2,DPRK,q1\n")
    result = dprk("import", "cyc.csv")
    assert result.code == 1
    assert result.err.startswith("dprk: error: cyc.csv: row 2 (measure 'q1'): q1: is a part of")
    assert empty.read_bytes() == before


def test_an_export_holding_conflicts_of_the_ledgers_own_is_refused(dprk, empty):
    """A measure in a merge conflict was refused by import, while a conflict on the
    ledger's own title was dropped without a word: the copy passed check, the conflict
    gone."""
    document = {
        "schema": 1,
        "title": "Talks B",
        "parties": ["DPRK"],
        "conflicts": [{"field": "title", "ours": "Talks B", "theirs": "Talks A"}],
        "measures": [],
    }
    before = empty.read_bytes()
    result = dprk("import", "-", "--format", "json", stdin=json.dumps(document))
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "dprk: error: standard input: the ledger it was exported from has unresolved merge "
        "conflicts of its own (on: title); settle them with 'dprk resolve' in the ledger it "
        "was exported from, then export again\n"
    )
    assert empty.read_bytes() == before


@pytest.mark.parametrize("replace", [False, True])
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_a_measure_in_a_merge_conflict_is_refused_by_import(dprk, empty, fmt, replace):
    """The export's help says import refuses a measure in an unresolved merge conflict:
    it was imported (or replaced one), and `check` then found the conflict, an error
    the write had added."""
    assert dprk("add-measure", "M", "--actor", "US", "--id", "m").code == 0
    conflicts = [{"field": "title", "ours": "a", "theirs": "b"}]
    if fmt == "json":
        text = json.dumps([{"id": "m", "title": "T", "actor": "US", "conflicts": conflicts}])
    else:
        cell = json.dumps(conflicts).replace('"', '""')
        text = 'id,title,actor,conflicts\nm,T,US,"' + cell + '"\n'
    before = empty.read_bytes()
    args = ["--replace"] if replace else []
    if not replace:  # (a new measure: another id)
        text = text.replace('"id": "m"', '"id": "n"').replace("\nm,", "\nn,")
    result = dprk("import", *args, "-", "--format", fmt, stdin=text)
    assert (result.code, result.out) == (1, ""), result.err
    place = "measure #1" if fmt == "json" else "row 2"
    ident = "m" if replace else "n"
    assert result.err == (
        f"dprk: error: standard input: {place} (measure '{ident}'): it is in an unresolved "
        "merge conflict (on: title); settle it with 'dprk resolve' in the ledger it was "
        "exported from, then export again\n"
    )
    assert empty.read_bytes() == before
    assert json.loads(dprk("check", "--format", "json").out)["errors"] == 0


def test_a_csv_export_with_a_cell_over_the_csv_module_s_limit_imports_back(dprk, empty, tmp_path):
    """Two dated notes of 70,000 characters make a `history` cell of over 131,072: the
    export was refused by import ("field larger than field limit"), TSV and JSON not."""
    assert (
        dprk("add-measure", "Long", "--actor", "US", "--id", "m", "--date", "2018-01-01").code == 0
    )
    for day in ("2018-01-02", "2018-01-03"):
        assert dprk("note", "m", "x" * 70_000, "--date", day).code == 0
    (tmp_path / "m.csv").write_text(dprk("export", "--format", "csv").out, encoding="utf-8")
    copy = tmp_path / "copy.toml"
    assert dprk("--ledger", copy, "init", "--party", "US").code == 0
    result = dprk("--ledger", copy, "import", "m.csv")
    assert (result.code, result.out) == (0, ""), result.err
    assert result.err.startswith("imported 1 measure from m.csv")
    exported = json.loads(dprk("--ledger", copy, "export", "--format", "json").out)
    assert exported["measures"] == json.loads(dprk("export", "--format", "json").out)["measures"]


def test_a_replace_of_many_measures_names_a_few_of_those_it_takes_less_from(dprk, empty, tmp_path):
    """Each of 40 rows replacing a measure with a history had its own warning line: the
    change itself was lost among them. Ten are named, the rest counted."""
    rows = [{"id": f"m{i:02}", "title": f"M{i}", "actor": "US"} for i in range(40)]
    (tmp_path / "rows.json").write_text(json.dumps(rows), encoding="utf-8")
    assert dprk("import", "rows.json").code == 0
    again = [{**row, "title": row["title"] + " again", "status": "agreed"} for row in rows]
    (tmp_path / "rows.json").write_text(json.dumps(again), encoding="utf-8")
    result = dprk("import", "--replace", "rows.json")
    assert result.code == 0, result.err
    lines = result.err.splitlines()
    assert lines[0] == "imported 40 measures from rows.json (0 new, 40 replaced)"
    assert lines[1] == (
        "replaced: "
        + ", ".join(f"m{n:02} (title, status, history)" for n in range(10))
        + " and 30 more"
    )
    assert len(lines) == 13
    assert lines[2] == (
        "dprk: warning: m00: replaced by measure #1, which drops 1 history entry ('dprk undo' "
        "brings it back)"
    )
    assert lines[-1] == (
        "dprk: warning: and 30 more measures, each replaced by a row that gives less than "
        "it held ('dprk undo' brings them back)"
    )


HANDED = (
    '{"id": "alpha", "title": "Alpha", "actor": "US", "status": "proposed", "history": ['
    '{"date": "2018-04-01", "event": "created", "status": "proposed", '
    '"recorded": "2023-11-14T22:13:20Z"}, '
    '{"date": "2018-06-01", "event": "edit", "detail": "actor: \'US\' -> \'ROK\'", '
    '"recorded": "2023-11-14T22:13:20Z"}]}'
)
JOINED = (
    '{"id": "whole", "title": "Whole", "actor": "US", "status": "proposed", "history": ['
    '{"date": "2018-02-01", "event": "created", "status": "proposed", '
    '"recorded": "2023-11-14T22:13:20Z"}]}, '
    '{"id": "part", "title": "Part", "actor": "US", "status": "implemented", "history": ['
    '{"date": "2018-03-01", "event": "created", "status": "proposed", '
    '"recorded": "2023-11-14T22:13:20Z"}, '
    '{"date": "2018-04-01", "event": "edit", "detail": "part_of: (none) -> \'whole\'", '
    '"recorded": "2023-11-14T22:13:20Z"}, '
    '{"date": "2018-05-01", "event": "status", "status": "implemented", '
    '"recorded": "2023-11-14T22:13:20Z"}]}'
)


@pytest.mark.parametrize(
    ("rows", "said"),
    [
        (
            HANDED,
            "measure #1 (measure 'alpha'): actor 'US' is not what its history gives ('ROK', "
            "by its edit of 2018-06-01); give that actor, or correct the history",
        ),
        (
            JOINED,
            "measure #2 (measure 'part'): part_of (none) is not what its history gives "
            "('whole', by its edit of 2018-04-01); give that part_of, or correct the history",
        ),
    ],
)
def test_an_import_refuses_a_dated_field_its_history_does_not_give(
    dprk, empty, tmp_path, rows, said
):
    """A row's actor kept 'US' though its history handed it to ROK (a part_of left out
    though an edit joined it to its whole): import took it, `check` said ok, and the
    measure answered as if the edit had not been made."""
    source = tmp_path / "rows.json"
    source.write_text(f"[{rows}]", encoding="utf-8")
    before = empty.read_bytes()
    result = dprk("import", str(source))
    assert (result.code, result.out, result.err) == (1, "", f"dprk: error: {source}: {said}\n")
    assert empty.read_bytes() == before
    fixed = rows.replace(
        '"actor": "US", "status": "proposed", "history": [{"date": "2018-04-01"',
        '"actor": "ROK", "status": "proposed", "history": [{"date": "2018-04-01"',
    )
    fixed = fixed.replace('"id": "part", "title": "Part",', '"id": "part", "title": "Part", '
                          '"part_of": "whole",')  # fmt: skip
    fixed = fixed.replace('"title": "Whole", "actor": "US", "status": "proposed",',
                          '"title": "Whole", "actor": "US",')  # fmt: skip
    source.write_text(f"[{fixed}]", encoding="utf-8")
    assert dprk("import", str(source)).code == 0
    assert dprk("check", "--strict").code == 0


def test_a_note_with_a_line_break_and_a_lone_carriage_return_names_the_return(
    dprk, empty, tmp_path
):
    """A note may hold line breaks: one holding a line break and a lone carriage return
    was refused naming the line break (U+000A), which is allowed, as add-measure names
    the carriage return."""
    (tmp_path / "z.csv").write_bytes(b'id,title,actor,notes\nz,S,US,"a\nb\rc"\n')
    before = empty.read_bytes()
    result = dprk("import", "z.csv")
    assert (result.code, result.err) == (
        1,
        "dprk: error: z.csv: row 2 (measure 'z'): field 'notes': contains a control "
        "character (U+000D)\n",
    )
    assert empty.read_bytes() == before


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_an_export_from_before_a_rename_party_imports_under_the_new_name(
    dprk, empty, tmp_path, fmt
):
    """An export written before DPRK was renamed NK, imported back: it declared DPRK again
    beside NK (one side, two parties), kept DPRK's finding and order under the old name,
    and said only "declared DPRK". Its measures are renamed as `rename-party` renamed
    those that were there: the reports read as before the measures went out."""
    for args in (
        ("add-measure", "Close", "--actor", "DPRK", "--id", "close", "--date", "2018-05-24",
         "--status", "implemented"),
        ("add-measure", "Lift", "--actor", "US", "--id", "lift", "--date", "2018-06-01",
         "--status", "implemented"),
        ("add-measure", "Talks", "--actor", "US", "--id", "talks", "--date", "2018-06-01"),
        ("sequence", "talks", "--after", "close", "--demanded-by", "DPRK", "--date", "2018-06-02"),
        ("add-measure", "Freeze", "--actor", "DPRK", "--id", "freeze", "--date", "2019-06-01"),
        ("verify", "lift", "--by", "DPRK", "--date", "2018-07-01"),
    ):  # fmt: skip
        assert dprk(*args).code == 0
    exported = dprk("export", "--format", fmt).out
    if fmt == "json":
        doc = json.loads(exported)
        doc["measures"] = [m for m in doc["measures"] if m["id"] != "close"]
        exported = json.dumps(doc)
    else:
        exported = "".join(
            line for line in exported.splitlines(keepends=True) if not line.startswith("close,")
        )
    old = tmp_path / f"old.{fmt}"
    old.write_text(exported, encoding="utf-8")
    assert dprk("rename-party", "DPRK", "NK", "--date", "2019-01-01").code == 0

    def reports() -> tuple[str, list[dict]]:
        log = json.loads(dprk("log", "--format", "json").out)
        return dprk("status", "--format", "json").out, [
            {k: v for k, v in e.items() if k != "recorded"} for e in log
        ]

    renamed = reports()
    assert dprk("remove", "lift", "talks", "freeze").code == 0
    result = dprk("import", str(old))
    assert (result.code, result.out) == (0, "")
    assert result.err == (
        f"imported 3 measures from {old} (3 new, 0 replaced; read DPRK as NK (renamed so on "
        "2019-01-01))\n"
    )
    text = empty.read_text(encoding="utf-8")
    assert 'parties = ["DPRK"' not in text and '"DPRK"' not in text.split("[[measures]]")[0]
    assert reports() == renamed
    assert dprk("check").out == "ok: no problems found\n"


def test_an_import_renames_a_party_as_the_rename_was_recorded(dprk, empty, tmp_path, tick):
    """An old export imported after two renames of its party wrote the rename entries at
    the time of the import: the two read as made in one second, so `diff` saw a party
    added and one removed, `redate` let the renames change order, and `--replace` of
    the measure warned of entries dropped that were still there."""
    assert dprk("add-measure", "M1", "--actor", "DPRK", "--id", "m1", "--date",
                "2018-01-01").code == 0  # fmt: skip
    old = tmp_path / "pre.json"
    old.write_text(dprk("export").out, encoding="utf-8")
    tick()
    assert dprk("rename-party", "DPRK", "NK", "--date", "2018-02-01").code == 0
    tick()
    assert dprk("rename-party", "NK", "KP", "--date", "2018-03-01").code == 0
    log = json.loads(dprk("log", "m1", "--format", "json").out)
    tick()
    old.write_text(old.read_text(encoding="utf-8").replace('"M1"', '"M1 edited"'))
    result = dprk("import", "--replace", str(old))
    assert (result.code, result.err) == (
        0,
        f"imported 1 measure from {old} (0 new, 1 replaced; read DPRK as KP (renamed so on "
        "2018-03-01))\nreplaced: m1 (title)\n",
    )
    assert json.loads(dprk("log", "m1", "--format", "json").out) == log
    tick()
    before = empty.read_bytes()
    refused = dprk("redate", "m1", "2", "2018-04-01")
    assert refused.code == 1 and "renames keep the order they were made in" in refused.err
    assert empty.read_bytes() == before


def _site_and_relief(dprk) -> None:
    """'relief' by US in exchange for 'site' by DPRK, both made on 2018-01-01."""
    for args in (
        ("add-measure", "Close the site", "--actor", "DPRK", "--id", "site", "--date",
         "2018-01-01"),
        ("add-measure", "Lift sanctions", "--actor", "US", "--id", "relief",
         "--in-exchange-for", "site", "--date", "2018-01-01"),
    ):  # fmt: skip
        assert dprk(*args).code == 0


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_an_export_from_before_a_rename_imports_under_the_new_id(dprk, empty, tmp_path, fmt):
    """An export written before 'site' was renamed 'site-closure', imported back with
    --replace: refused for the link to 'site-closure' it did not give, and once that
    was unlinked as advised, 'site' was added again beside 'site-closure' (one measure
    twice). Its ids are read as the ledger's are now, the rename's entry included: the
    ledger is as it was, and a row that changed replaces the measure renamed."""
    _site_and_relief(dprk)
    old = tmp_path / f"old.{fmt}"
    old.write_text(dprk("export", "--format", fmt).out, encoding="utf-8")
    assert dprk("rename", "site", "site-closure", "--date", "2018-02-01").code == 0
    before = empty.read_bytes()
    said = "read site as site-closure (renamed so on 2018-02-01)"
    result = dprk("import", "--replace", str(old))
    assert (result.code, result.out, result.err) == (
        0,
        "",
        f"imported 2 measures from {old} (0 new, 0 replaced, 2 unchanged; {said}; nothing "
        "changed)\n",
    )
    assert empty.read_bytes() == before
    old.write_text(old.read_text(encoding="utf-8").replace("Close the site", "Close it"))
    refused = dprk("import", str(old))  # (no --replace: its ids are the ledger's)
    assert refused.code == 1 and "(measure 'relief'): a measure with this id already" in (
        refused.err
    )
    assert empty.read_bytes() == before
    result = dprk("import", "--replace", str(old))
    assert (result.code, result.err) == (
        0,
        f"imported 2 measures from {old} (0 new, 1 replaced, 1 unchanged; {said})\n"
        "replaced: site-closure (title)\n",
    )
    assert empty.read_bytes() == before.replace(b'"Close the site"', b'"Close it"')
    assert dprk("check").out == "ok: no problems found\n"


def test_a_row_naming_an_id_renamed_since_is_read_as_the_new_one(dprk, empty, tmp_path):
    """A sheet whose row waits for 'site', renamed 'site-closure' since, was refused as
    naming an id neither in the ledger nor the file, advised to import 'site' with it (a
    second 'site-closure'). It is read as the id the measure has now, as every command
    answers the old id with it."""
    _site_and_relief(dprk)
    assert dprk("rename", "site", "site-closure", "--date", "2018-02-01").code == 0
    sheet = tmp_path / "talks.csv"
    sheet.write_text("id,title,actor,after,in_exchange_for\ntalks,Talks,US,site,site\n")
    result = dprk("import", str(sheet))
    assert (result.code, result.out, result.err) == (
        0,
        "",
        f"imported 1 measure from {sheet} (1 new, 0 replaced; read site as site-closure "
        "(renamed so on 2018-02-01))\n",
    )
    text = empty.read_text(encoding="utf-8")
    talks = text[text.index('id = "talks"') :]
    assert 'after = "site-closure"' in talks and '"site-closure",\n]' in talks
    assert '"talks",' in text[text.index('id = "site-closure"') :]
    assert '"site"' not in text
    assert dprk("check").out == "ok: no problems found\n"


def test_an_import_naming_an_id_renamed_and_taken_again_is_refused(dprk, empty, tmp_path):
    """An id renamed away that the file may mean either way is refused, the ledger as it
    was: the ledger gave it to another measure since, or the file holds the new id too
    (but for an export made after the rename, whose row records it: read as it is)."""
    _site_and_relief(dprk)
    old = tmp_path / "old.json"
    old.write_text(dprk("export").out, encoding="utf-8")
    assert dprk("rename", "site", "site-closure", "--date", "2018-02-01").code == 0
    sheet = tmp_path / "two.csv"
    sheet.write_text("id,title,actor\nsite,Close,DPRK\nsite-closure,Close it,DPRK\n")
    before = empty.read_bytes()
    refused = dprk("import", str(sheet))
    assert (refused.code, refused.out, refused.err) == (
        1,
        "",
        f"dprk: error: {sheet}: row 2 (measure 'site'): 'site' is the id 'site-closure' "
        "had before a rename (on 2018-02-01), and the file holds 'site-closure' too: which "
        "measure the file means is not clear; give 'site-closure' in the file where it "
        "means the one renamed, another id where it means another\n",
    )
    assert empty.read_bytes() == before
    assert dprk("add-measure", "Open a site", "--actor", "DPRK", "--id", "site").code == 0
    before = empty.read_bytes()
    refused = dprk("import", "--replace", str(old))
    assert (refused.code, refused.err) == (
        1,
        f"dprk: error: {old}: measure #1 (measure 'relief'): 'site' is the id "
        "'site-closure' had before a rename (on 2018-02-01), and the ledger gave 'site' to "
        "another measure since: which measure the file means is not clear; give "
        "'site-closure' in the file where it means the one renamed\n",
    )
    assert empty.read_bytes() == before
    now = tmp_path / "now.json"
    now.write_text(dprk("export").out, encoding="utf-8")
    result = dprk("import", "--replace", str(now))
    assert (result.code, result.err) == (
        0,
        f"imported 3 measures from {now} (0 new, 0 replaced, 3 unchanged; nothing changed)\n",
    )
    assert empty.read_bytes() == before


def test_a_replaced_row_keeps_the_record_of_a_past_link_with_a_measure_outside_the_file(
    dprk, empty, tmp_path
):
    """An export of 'site', imported with --replace once a measure added since in exchange
    for it was unlinked (as the refusal of the import while they were linked advises):
    the row dropped site's changes of the link, 'new1' kept its own, and views of a day
    the link stood disagreed (status --as-of had new1 exchanged for site, site for
    nothing) while check said ok. The row keeps the ledger's record of a link with a
    measure outside the file, which the file cannot speak for: nothing is dropped."""
    assert dprk("add-measure", "Alpha", "--actor", "DPRK", "--id", "site",
                "--date", "2018-01-01").code == 0  # fmt: skip
    assert dprk("mark", "site", "implemented", "--date", "2018-01-15").code == 0
    old = tmp_path / "old.csv"
    old.write_text(dprk("export", "--format", "csv").out, encoding="utf-8")
    assert dprk("add-measure", "New one", "--actor", "US", "--id", "new1", "--in-exchange-for",
                "site", "--date", "2018-02-01").code == 0  # fmt: skip
    before = empty.read_bytes()
    refused = dprk("import", "--replace", str(old))
    assert (refused.code, refused.out) == (1, "")
    advice = re.search(r"unlink them first \('([^']*)'\)", refused.err)
    assert advice is not None and advice.group(1) == "dprk unlink site new1"
    assert empty.read_bytes() == before
    followed = dprk(*shlex.split(advice.group(1))[1:])
    assert followed.code == 0, followed.err
    before = empty.read_bytes()
    result = dprk("import", "--replace", str(old))
    assert (result.code, result.out, result.err) == (
        0,
        "",
        f"imported 1 measure from {old} (0 new, 0 replaced, 1 unchanged; nothing changed)\n",
    )
    assert empty.read_bytes() == before
    assert dprk("check").out == "ok: no problems found\n"
    rows = csv.DictReader(io.StringIO(dprk("status", "--as-of", "2018-03-01", "-f", "csv").out))
    assert {r["id"]: r["in_exchange_for"] for r in rows} == {"new1": "site", "site": "new1"}
    balance = dprk("balance", "--as-of", "2018-03-01", "--format", "csv").out
    assert "DPRK,owed,site,new1,2018-02-01,28,false,false," in balance
    log = [e["detail"] for e in json.loads(dprk("log", "site", "-f", "json").out)]
    assert log[-2:] == ["in exchange for new1", "no longer in exchange for new1"]


def test_an_import_of_a_measure_renamed_in_its_ledger_alone_is_refused(dprk, empty, tmp_path):
    """An export of a ledger that renamed 'site' to 'site-b', imported with --replace into
    one that names it 'site' still: refused for the link to 'site' its row of 'relief'
    did not give, with 'unlink them first', which, followed, added 'site-b' beside
    'site' (one measure twice). Refused, as a party renamed there alone is, with the
    renames to make here first; once made, the file imports as the ledger is."""
    _site_and_relief(dprk)
    theirs = tmp_path / "theirs.toml"
    theirs.write_bytes(empty.read_bytes())
    for rename in (("site", "site-b", "2018-02-01"), ("site-b", "site-c", "2018-03-01")):
        old, new, day = rename
        assert dprk("--ledger", theirs, "rename", old, new, "--date", day).code == 0
    exported = tmp_path / "theirs.json"
    exported.write_text(dprk("--ledger", theirs, "export").out, encoding="utf-8")
    before = empty.read_bytes()
    refused = dprk("import", "--replace", str(exported))
    assert (refused.code, refused.out, refused.err) == (
        1,
        "",
        f"dprk: error: {exported}: measure #2 (measure 'site-c'): it records measure 'site' "
        "renamed 'site-b' (on 2018-02-01), then 'site-c' (on 2018-03-01), which this ledger "
        "names 'site' still: it would be that measure twice; rename it here first ('dprk "
        "rename site site-b --date "
        "2018-02-01 && dprk rename site-b site-c --date 2018-03-01'), then import\n",
    )
    assert empty.read_bytes() == before
    assert dprk("rename", "site", "site-b", "--date", "2018-02-01").code == 0
    assert dprk("rename", "site-b", "site-c", "--date", "2018-03-01").code == 0
    before = empty.read_bytes()
    result = dprk("import", "--replace", str(exported))
    assert (result.code, result.err) == (
        0,
        f"imported 2 measures from {exported} (0 new, 0 replaced, 2 unchanged; nothing changed)\n",
    )
    assert empty.read_bytes() == before
    assert dprk("check").out == "ok: no problems found\n"


def test_a_rename_made_here_is_matched_by_its_entry_not_its_old_id(dprk, empty, tmp_path):
    """An export made after 'site' was renamed 'site-closure', imported once it was
    renamed 'sc' and 'site' given to another measure: refused as a rename this ledger
    had not made, advised 'dprk rename site site-closure', which renamed the other
    measure. The file's rename is this ledger's own entry (the same ids and day): the row
    is the measure that made it, read as 'sc', the ledger as it was."""
    assert dprk("add-measure", "Close", "--actor", "DPRK", "--id", "site", "--date",
                "2018-01-01").code == 0  # fmt: skip
    assert dprk("rename", "site", "site-closure", "--date", "2018-02-01").code == 0
    e1 = tmp_path / "e1.json"
    e1.write_text(dprk("export").out, encoding="utf-8")
    assert dprk("rename", "site-closure", "sc", "--date", "2018-03-01").code == 0
    assert dprk("add-measure", "Liaison office", "--actor", "US", "--id", "site", "--date",
                "2018-04-01").code == 0  # fmt: skip
    before = empty.read_bytes()
    result = dprk("import", "--replace", str(e1))
    assert (result.code, result.out, result.err) == (
        0,
        "",
        f"imported 1 measure from {e1} (0 new, 0 replaced, 1 unchanged; read site-closure "
        "as sc (renamed so on 2018-03-01); nothing changed)\n",
    )
    assert empty.read_bytes() == before
    assert dprk("check").out == "ok: no problems found\n"


def test_exports_of_a_measure_renamed_and_back_import_as_it_is_now(dprk, empty, tmp_path):
    """'site' renamed 'x', then 'site' again: an export from before was refused as
    naming 'site' the id 'site' had before a rename, and one made while it was 'x' as
    recording a rename this ledger had not made (it had). Both are read as the measure's
    id now, the renames followed to their end: the ledger as it was."""
    _site_and_relief(dprk)
    e0, e1 = tmp_path / "e0.json", tmp_path / "e1.json"
    e0.write_text(dprk("export").out, encoding="utf-8")
    assert dprk("rename", "site", "x", "--date", "2018-02-01").code == 0
    e1.write_text(dprk("export").out, encoding="utf-8")
    assert dprk("rename", "x", "site", "--date", "2018-03-01").code == 0
    before = empty.read_bytes()
    result = dprk("import", "--replace", str(e0))
    assert (result.code, result.out, result.err) == (
        0,
        "",
        f"imported 2 measures from {e0} (0 new, 0 replaced, 2 unchanged; nothing changed)\n",
    )
    assert empty.read_bytes() == before
    result = dprk("import", "--replace", str(e1))
    assert (result.code, result.out, result.err) == (
        0,
        "",
        f"imported 2 measures from {e1} (0 new, 0 replaced, 2 unchanged; read x as site "
        "(renamed so on 2018-03-01); nothing changed)\n",
    )
    assert empty.read_bytes() == before
    assert dprk("check").out == "ok: no problems found\n"


def test_a_measure_renamed_both_here_and_there_each_its_own_way_is_refused(dprk, empty, tmp_path):
    """'site' renamed 'site-a' in the file's ledger and 'site-b' in this one: the import
    added 'site-a' beside 'site-b', one measure twice, and check said ok. Refused, both
    renames named, with the rename that gives it one id; followed, the file imports as
    the ledger is, its rename here kept."""
    assert dprk("add-measure", "Close", "--actor", "DPRK", "--id", "site", "--date",
                "2018-01-01").code == 0  # fmt: skip
    theirs = tmp_path / "theirs.toml"
    theirs.write_bytes(empty.read_bytes())
    assert dprk("--ledger", theirs, "rename", "site", "site-a", "--date", "2018-02-01").code == 0
    assert dprk("rename", "site", "site-b", "--date", "2018-02-01").code == 0
    exported = tmp_path / "theirs.json"
    exported.write_text(dprk("--ledger", theirs, "export").out, encoding="utf-8")
    before = empty.read_bytes()
    refused = dprk("import", "--replace", str(exported))
    advice = "dprk rename site-b site-a --date 2018-02-01"
    assert (refused.code, refused.out, refused.err) == (
        1,
        "",
        f"dprk: error: {exported}: measure #1 (measure 'site-a'): it records measure 'site' "
        "renamed 'site-a' (on 2018-02-01), which this ledger renamed 'site-b' (on "
        "2018-02-01): it would be that measure twice; give it one id, here "
        f"('{advice}') or in the ledger the file came from, then import\n",
    )
    assert empty.read_bytes() == before
    assert dprk(*shlex.split(advice)[1:]).code == 0
    before = empty.read_bytes()
    result = dprk("import", "--replace", str(exported))
    assert (result.code, result.out, result.err) == (
        0,
        "",
        f"imported 1 measure from {exported} (0 new, 0 replaced, 1 unchanged; nothing changed)\n",
    )
    assert empty.read_bytes() == before
    assert b'"renamed from site-b"' in before and b'id = "site-b"' not in before
    assert dprk("check").out == "ok: no problems found\n"


def test_an_export_from_before_a_rename_keeps_its_times_and_imports_again_unchanged(
    dprk, empty, tmp_path, tick
):
    """Another ledger's export, its note recorded before 'site' was renamed 'site-a'
    here: imported, the note was recorded anew at the import's time, and imported
    again, said '1 replaced; ...; nothing changed'. The note keeps the time the file
    gives, as without a rename, and the row, read as the ledger holds it, is unchanged."""
    assert dprk("add-measure", "Close", "--actor", "DPRK", "--id", "site", "--date",
                "2018-01-01").code == 0  # fmt: skip
    theirs = tmp_path / "theirs.toml"
    theirs.write_bytes(empty.read_bytes())
    tick()
    assert dprk("--ledger", theirs, "note", "site", "B note", "--date", "2018-03-01").code == 0
    exported = tmp_path / "theirs.json"
    exported.write_text(dprk("--ledger", theirs, "export").out, encoding="utf-8")
    tick()
    assert dprk("rename", "site", "site-a", "--date", "2018-02-01").code == 0
    before = empty.read_bytes()
    tick()
    said = "read site as site-a (renamed so on 2018-02-01)"
    result = dprk("import", "--replace", str(exported))
    assert (result.code, result.out, result.err) == (
        0,
        "",
        f"imported 1 measure from {exported} (0 new, 1 replaced; {said})\n"
        "replaced: site-a (history)\n",
    )
    note = (
        '\n[[measures.history]]\ndate = 2018-03-01\nevent = "note"\nnote = "B note"\n'
        "recorded = 2023-11-14 22:13:24+00:00\n"
    )
    assert empty.read_bytes() == before + note.encode()
    before = empty.read_bytes()
    tick()
    result = dprk("import", "--replace", str(exported))
    assert (result.code, result.out, result.err) == (
        0,
        "",
        f"imported 1 measure from {exported} (0 new, 0 replaced, 1 unchanged; {said}; "
        "nothing changed)\n",
    )
    assert empty.read_bytes() == before
    assert dprk("check").out == "ok: no problems found\n"


def test_an_id_renamed_twice_is_said_with_each_rename_and_its_day(dprk, empty, tmp_path):
    """'site' renamed 'site-closure' (07-01), then 'sc' (08-01): an export from before
    was read 'as sc (renamed so on 2018-07-01)', the day of the first; the later export,
    refused by a ledger that names it 'site' still, said 'site' 'renamed 'sc' (on
    2018-08-01)', a rename never made as one. The day is the last rename's; the
    refusal names each rename on its day."""
    assert dprk("add-measure", "Close", "--actor", "DPRK", "--id", "site", "--date",
                "2018-01-01").code == 0  # fmt: skip
    fresh = tmp_path / "fresh.toml"
    fresh.write_bytes(empty.read_bytes())
    e0, e2 = tmp_path / "e0.json", tmp_path / "e2.json"
    e0.write_text(dprk("export").out, encoding="utf-8")
    assert dprk("rename", "site", "site-closure", "--date", "2018-07-01").code == 0
    assert dprk("rename", "site-closure", "sc", "--date", "2018-08-01").code == 0
    e2.write_text(dprk("export").out, encoding="utf-8")
    before = empty.read_bytes()
    result = dprk("import", "--replace", str(e0))
    assert (result.code, result.out, result.err) == (
        0,
        "",
        f"imported 1 measure from {e0} (0 new, 0 replaced, 1 unchanged; read site as sc "
        "(renamed so on 2018-08-01); nothing changed)\n",
    )
    assert empty.read_bytes() == before
    before = fresh.read_bytes()
    refused = dprk("--ledger", "fresh.toml", "import", "--replace", str(e2))
    assert (refused.code, refused.out, refused.err) == (
        1,
        "",
        f"dprk: error: {e2}: measure #1 (measure 'sc'): it records measure 'site' renamed "
        "'site-closure' (on 2018-07-01), then 'sc' (on 2018-08-01), which this ledger names "
        "'site' still: it would be that measure twice; rename it here first ('dprk --ledger "
        "fresh.toml rename site site-closure --date 2018-07-01 && dprk --ledger fresh.toml "
        "rename site-closure sc --date 2018-08-01'), then import\n",
    )
    assert fresh.read_bytes() == before


def test_an_import_naming_a_party_the_ledger_renamed_away_says_so(dprk, empty, tmp_path):
    """Two parties swapped names (DPRK to X, US to DPRK, X to US): an export from before,
    imported, gave DPRK's measure to the party named DPRK now, and said nothing. The name
    means the party named so now, as in a command, and a warning says whom an older file
    meant. (The US has a measure of its own, which records that it took the name DPRK:
    without one, nothing would say so, and the rename is refused.)"""
    for args in (
        ("add-measure", "K", "--actor", "DPRK", "--id", "k", "--date", "2018-01-01"),
        ("add-measure", "M", "--actor", "DPRK", "--id", "m", "--date", "2018-01-01"),
        ("add-measure", "U", "--actor", "US", "--id", "u", "--date", "2018-01-01"),
    ):
        assert dprk(*args).code == 0
    old = tmp_path / "pre.json"
    old.write_text(dprk("export", "--search", "M").out, encoding="utf-8")
    for a, b in (("DPRK", "X"), ("US", "DPRK"), ("X", "US")):
        assert dprk("rename-party", a, b, "--date", "2018-06-01").code == 0
    assert dprk("remove", "m").code == 0
    result = dprk("import", str(old))
    assert (result.code, result.out) == (0, "")
    assert result.err == (
        f"imported 1 measure from {old} (1 new, 0 replaced)\n"
        "dprk: warning: the file's DPRK is read as the party named so now, though the "
        "ledger renamed a party DPRK to X on 2018-06-01: if the file was written before, it "
        "meant US ('dprk undo', then give US in it)\n"
        # (the file declares the US too, which the ledger's measures record renamed DPRK)
        "dprk: warning: the file's US is read as the party named so now, though the ledger "
        "renamed a party US to DPRK on 2018-06-01: if the file was written before, it meant "
        "DPRK ('dprk undo', then give DPRK in it)\n"
    )
    assert json.loads(dprk("show", "m", "--format", "json").out)["actor"] == "DPRK"
    assert dprk("check").out == "ok: no problems found\n"


def test_rows_read_under_a_party_s_new_name_keep_their_date(dprk, empty, tmp_path):
    """A CSV naming DPRK, imported after DPRK was renamed NK on 1 January 2019: each row
    was created undated, on the rename's day, its `date` lost (the closure of May 2018
    was left out of every day before 2019, and check said ok). A row is recorded on its
    `date`, then renamed as the ledger's measures were."""
    assert dprk("add-measure", "Moratorium", "--actor", "DPRK", "--id", "moratorium",
                "--date", "2018-04-20").code == 0  # fmt: skip
    assert dprk("rename-party", "DPRK", "NK", "--date", "2019-01-01").code == 0
    rows = tmp_path / "old.csv"
    rows.write_text(
        "id,title,actor,status,date\nclosure,Close the test site,DPRK,implemented,2018-05-24\n",
        encoding="utf-8",
    )
    assert dprk("import", str(rows)).code == 0
    log = json.loads(dprk("log", "closure", "--format", "json").out)
    assert [(e["id"], e["date"], e["event"], e["detail"]) for e in log] == [
        ("closure", "2018-05-24", "created", "imported as implemented"),
        ("closure", "2019-01-01", "edit", "party DPRK renamed NK"),
    ]
    # a row of a day after the rename, naming the name the party no longer had: refused,
    # as 'add-measure --actor DPRK --date 2019-06-01' is
    later = tmp_path / "later.csv"
    later.write_text("id,title,actor,status,date\nlater,Later,DPRK,implemented,2019-06-01\n")
    refused = dprk("import", "later.csv")
    assert (refused.code, refused.err) == (
        1,
        "dprk: error: later.csv: row 2 (measure 'later'): actor: party 'DPRK' was renamed NK "
        "on 2019-01-01; give NK\n",
    )
    on = dprk("status", "--as-of", "2018-12-31", "--format", "ids").out.split()
    assert on == ["closure", "moratorium"]
    assert dprk("check").out == "ok: no problems found\n"


def test_an_import_naming_a_party_renamed_back_gives_no_warning(dprk, empty, tmp_path):
    """DPRK renamed NK in 2010 and back in 2012: a file naming DPRK was warned that the
    name was another party's now, with advice to give DPRK in it, which it did."""
    assert dprk("add-measure", "Old", "--actor", "DPRK", "--id", "old", "--date",
                "2000-01-01").code == 0  # fmt: skip
    assert dprk("rename-party", "DPRK", "NK", "--date", "2010-01-01").code == 0
    assert dprk("rename-party", "NK", "DPRK", "--date", "2012-01-01").code == 0
    rows = tmp_path / "k.csv"
    rows.write_text("id,title,actor,status,date\nk1,A,DPRK,agreed,2005-01-01\n", encoding="utf-8")
    result = dprk("import", str(rows))
    assert (result.code, result.err) == (0, f"imported 1 measure from {rows} (1 new, 0 replaced)\n")


def test_an_import_names_every_row_it_refuses(dprk, empty, tmp_path):
    """A sheet of several bad rows took one run a row to mend: each run named one. The
    first is said in full, and where the others are; nothing is written."""
    before = empty.read_bytes()
    (tmp_path / "fields.csv").write_text(
        "id,title,actor,status,deadline\n"
        "r1,One,US,done,\nr2,Two,US,agreed,2019-13-01\nr3,Three,US,agreed,\n",
        encoding="utf-8",
    )
    result = dprk("import", "fields.csv")
    assert (result.code, result.out) == (1, "")
    assert result.err.startswith("dprk: error: fields.csv: row 2 (measure 'r1'): field 'status'")
    assert result.err.endswith("; row 3 is refused too\n")
    assert dprk("add-measure", "Taken", "--actor", "US", "--id", "taken").code == 0
    before = empty.read_bytes()
    (tmp_path / "ledger.csv").write_text(
        "id,title,actor\nr1,One,USA\nr2,Two,US\ntaken,Taken,US\nr4,Four,DPRK\nr5,Five,Japan\n",
        encoding="utf-8",
    )
    result = dprk("import", "ledger.csv")
    assert (result.code, result.out) == (1, "")
    assert result.err.startswith(
        "dprk: error: ledger.csv: row 2 (measure 'r1'): actor 'USA' is not a declared party"
    )
    assert result.err.endswith(
        "; did you mean US?; row 4, row 6 are refused too; add 'Japan', the actor of row 6, "
        "with 'dprk add-party Japan'\n"
    )
    assert empty.read_bytes() == before


def test_an_import_advises_declaring_only_names_near_no_party(dprk, tmp_path):
    """Rows naming FARC-EP as 'FARC-PE' and 'farc-pe', and a new side as 'ELN' and
    'eln': the refusal said "did you mean FARC-EP?", yet advised declaring both typos and
    ELN twice, a chain that declared the typo, stopped at 'farc-pe' ("already declared")
    and never reached ELN. A name near a declared party is pointed to it, as `--actor`
    points it, with no advice to declare it; a new side is advised once, however the
    rows spell it; as an actor or as whose demand an order is. Followed, the advice
    works, and leaves the typos to mend."""
    assert dprk("init", "--party", "FARC-EP", "--party", "Colombia").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    (tmp_path / "a.csv").write_text(
        "id,title,actor\nzones,Move to zones,FARC-PE\nz2,Other,farc-pe\nz3,Third,ELN\n"
        "z4,Fourth,eln\n",
        encoding="utf-8",
    )
    result = dprk("import", "a.csv")
    assert (result.code, result.out, ledger.read_bytes()) == (1, "", before)
    assert result.err == (
        "dprk: error: a.csv: row 2 (measure 'zones'): actor 'FARC-PE' is not a declared "
        "party (declared: FARC-EP, Colombia); did you mean FARC-EP?; row 3, row 4, row 5 are "
        "refused too; add 'ELN', the actor of row 4 and row 5, with 'dprk add-party ELN'\n"
    )
    advised = result.err.rsplit(" with '", 1)[1].removesuffix("'\n")
    assert shell(advised, cwd=tmp_path).code == 0
    parties = json.loads(dprk("status", "--format", "json").out)["parties"]
    assert list(parties) == ["FARC-EP", "Colombia", "ELN"]
    # whose demand an order is: the same
    before = ledger.read_bytes()
    rows = [
        {"id": "zones", "title": "Move to zones", "actor": "FARC-EP"},
        {"id": "arms", "title": "Lay down arms", "actor": "FARC-EP",
         "constraints": [{"after": "zones", "demanded_by": "Colombai"}]},
        {"id": "x", "title": "X", "actor": "Colombia",
         "constraints": [{"after": "zones", "demanded_by": "UN Mission"}]},
        {"id": "y", "title": "Y", "actor": "Colombia",
         "constraints": [{"after": "zones", "demanded_by": "un mission"}]},
    ]  # fmt: skip
    (tmp_path / "b.json").write_text(json.dumps(rows), encoding="utf-8")
    result = dprk("import", "b.json")
    assert (result.code, result.out, ledger.read_bytes()) == (1, "", before)
    assert result.err == (
        "dprk: error: b.json: measure #2 (measure 'arms'): its order after 'zones': "
        "demanded_by 'Colombai' is not a declared party (declared: FARC-EP, Colombia, ELN); "
        "did you mean Colombia?; measure #3, measure #4 are refused too; add 'UN Mission', "
        "demanding an order in measure #3 and measure #4, with 'dprk add-party \"UN Mission\"'\n"
    ), result.err
    advised = result.err.rsplit(" with '", 1)[1].removesuffix("'\n")
    assert shell(advised, cwd=tmp_path).code == 0
    rows[1]["constraints"][0]["demanded_by"] = "Colombia"
    rows[3]["constraints"][0]["demanded_by"] = "UN Mission"
    (tmp_path / "b.json").write_text(json.dumps(rows), encoding="utf-8")
    done = dprk("import", "b.json")
    assert done.code == 0, done.err


def test_a_filtered_export_into_another_ledger_says_how_to_go_on(dprk, empty, tmp_path):
    """An export chosen by --search keeps the links of its measures to those left out:
    another ledger refused it naming the reference, with no word of what to do. It says
    both ways on, and the first, followed, imports."""
    assert dprk("add-measure", "Freeze", "--actor", "DPRK", "--id", "freeze",
                "--date", "1994-10-21").code == 0  # fmt: skip
    assert dprk("add-measure", "Fuel oil", "--actor", "US", "--id", "hfo", "--date",
                "1994-10-21", "--in-exchange-for", "freeze").code == 0  # fmt: skip
    (tmp_path / "hfo.json").write_text(dprk("export", "--search", "fuel").out, encoding="utf-8")
    (tmp_path / "both.json").write_text(dprk("export").out, encoding="utf-8")
    other = tmp_path / "other.toml"
    assert dprk("--ledger", "other.toml", "init", "--party", "DPRK", "--party", "US").code == 0
    before = other.read_bytes()
    refused = dprk("--ledger", "other.toml", "import", "hfo.json")
    assert (refused.code, refused.out) == (1, "")
    assert refused.err == (
        "dprk: error: hfo.json: measure #1 (measure 'hfo'): refers to 'freeze', which is "
        "neither in the ledger nor the file; import 'freeze' with it (an export chosen by "
        "filters keeps the links of its measures to those left out: give the file that holds "
        "it to the same import, 'dprk --ledger other.toml import FILE...'), or take the "
        "reference out of the file\n"
    )
    assert other.read_bytes() == before
    done = dprk("--ledger", "other.toml", "import", "both.json")
    assert done.code == 0, done.err
    assert dprk("--ledger", "other.toml", "check").code == 0


def _exported_by_party(dprk, tmp_path) -> bytes:
    """The Agreed Framework's two measures, each exchanged for the other, exported by party
    (dprk.json, kedo.json, kedo.csv); the ledger's bytes."""
    assert dprk("init", "--party", "DPRK", "--party", "KEDO").code == 0
    assert dprk("add-measure", "Freeze", "--actor", "DPRK", "--id", "freeze",
                "--date", "1994-10-21").code == 0  # fmt: skip
    assert dprk("add-measure", "HFO", "--actor", "KEDO", "--id", "hfo", "--date", "1994-10-21",
                "--in-exchange-for", "freeze").code == 0  # fmt: skip
    for party, fmt in (("DPRK", "json"), ("KEDO", "json"), ("KEDO", "csv")):
        exported = dprk("export", "--party", party, "--format", fmt).out
        (tmp_path / f"{party.lower()}.{fmt}").write_text(exported, encoding="utf-8")
    return (tmp_path / "dprk-ledger.toml").read_bytes()


def test_a_ledger_exported_by_party_comes_back_in_one_import_of_both_files(dprk, tmp_path):
    """`export --help` says the measures chosen keep their links to those left out, and
    another ledger takes them once it holds those too; but each party's measures are
    exchanged for the other's, so neither file could go first, and import took one file.
    Given both, they are one import, as one file holding their rows: the ledger comes
    back byte for byte, in one change that one undo takes back."""
    whole = _exported_by_party(dprk, tmp_path)
    new = tmp_path / "new.toml"
    assert dprk("--ledger", new, "init", "--party", "DPRK", "--party", "KEDO").code == 0
    empty = new.read_bytes()
    alone = dprk("--ledger", new, "import", "kedo.json")
    assert (alone.code, alone.out) == (1, "")
    assert alone.err.startswith(
        "dprk: error: kedo.json: measure #1 (measure 'hfo'): refers to 'freeze', which is "
        "neither in the ledger nor the file; import 'freeze' with it (an export chosen by "
        "filters keeps the links of its measures to those left out: give the file that holds "
        "it to the same import, 'dprk --ledger new.toml import FILE...')"
    )
    assert new.read_bytes() == empty
    done = dprk("--ledger", new, "import", "kedo.json", "dprk.json")
    assert (done.code, done.out, done.err) == (
        0,
        "",
        "imported 2 measures from kedo.json and dprk.json (2 new, 0 replaced)\n",
    )
    assert new.read_bytes() == whole
    again = dprk("--ledger", new, "import", "dprk.json", "kedo.json", "--replace")
    assert (again.code, again.err) == (
        0,
        "imported 2 measures from dprk.json and kedo.json (0 new, 0 replaced, 2 unchanged; "
        "nothing changed)\n",
    )
    assert new.read_bytes() == whole
    undone = dprk("--ledger", new, "undo")
    assert undone.code == 0, undone.err
    assert undone.err.startswith("undid: import kedo.json dprk.json (made ")
    assert new.read_bytes() == empty
    # (each file in its own format, as it would be read alone; standard input among them)
    piped = (tmp_path / "dprk.json").read_text(encoding="utf-8")
    done = dprk("--ledger", new, "import", "kedo.csv", "-", stdin=piped)
    assert (done.code, done.err) == (
        0,
        "imported 2 measures from kedo.csv and standard input (2 new, 0 replaced)\n",
    )
    assert new.read_bytes() == whole


def _piped(path, text: str) -> threading.Thread:
    """A FIFO at `path` that a thread writes `text` into once it is read: a command's
    output named as a file, as the shell's `<(...)` gives one (/dev/fd/63, no extension)."""
    os.mkfifo(path)
    writer = threading.Thread(target=lambda: path.write_text(text, encoding="utf-8"))
    writer.daemon = True
    writer.start()
    return writer


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_each_file_of_an_import_is_read_in_its_own_format(dprk, tmp_path):
    """The guide says each file is read in its own format, but --format was every file's:
    standard input's CSV (or `<(...)`'s JSON lines) could not go with a .json (or .csv)
    file, and the error's advice, 'give --format csv', read the other file as CSV too.
    --format is the format of the files whose name does not tell theirs: followed, the
    ledger is the one both files give; each refusal changes nothing."""
    whole = _exported_by_party(dprk, tmp_path)
    for party, fmt in (("DPRK", "csv"), ("KEDO", "jsonl")):
        exported = dprk("export", "--party", party, "--format", fmt).out
        (tmp_path / f"{party.lower()}.{fmt}").write_text(exported, encoding="utf-8")
    sheet = (tmp_path / "dprk.csv").read_text(encoding="utf-8")
    lines = (tmp_path / "kedo.jsonl").read_text(encoding="utf-8")
    new = tmp_path / "new.toml"
    assert dprk("--ledger", new, "init", "--party", "DPRK", "--party", "KEDO").code == 0
    empty = new.read_bytes()

    piped = dprk("--ledger", new, "import", "kedo.json", "-", stdin=sheet)
    assert (piped.code, piped.out, piped.err) == (
        1,
        "",
        "dprk: error: standard input: not valid JSON: Expecting value: line 1 column 1 "
        "(char 0) (it reads as CSV: give --format csv)\n",
    )
    assert new.read_bytes() == empty
    followed = dprk("--ledger", new, "import", "--format", "csv", "kedo.json", "-", stdin=sheet)
    assert (followed.code, followed.out, followed.err) == (
        0,
        "",
        "imported 2 measures from kedo.json and standard input (2 new, 0 replaced)\n",
    )
    assert new.read_bytes() == whole
    assert dprk("--ledger", new, "undo").code == 0

    writer = _piped(tmp_path / "63", lines)
    named = dprk("--ledger", new, "import", "dprk.csv", "63")
    writer.join(timeout=60)
    assert (named.code, named.out, named.err) == (
        1,
        "",
        "dprk: error: 63: reads as one measure, not a ledger document; give --format jsonl "
        "(a measure a line), or put it in a list: [ ... ]\n",
    )
    assert new.read_bytes() == empty
    writer = _piped(tmp_path / "64", lines)
    followed = dprk("--ledger", new, "import", "--format", "jsonl", "dprk.csv", "64")
    writer.join(timeout=60)
    assert (followed.code, followed.err) == (
        0,
        "imported 2 measures from dprk.csv and 64 (2 new, 0 replaced)\n",
    )
    assert new.read_bytes() == whole
    assert dprk("--ledger", new, "undo").code == 0

    # (two files whose name does not tell their format: --format would be both's, and
    # the advice is a name that tells it, or a file so named for standard input)
    (tmp_path / "sheet").write_text(sheet, encoding="utf-8")
    both = dprk("--ledger", new, "import", "sheet", "-", stdin=lines)
    assert (both.code, both.out) == (1, "")
    assert both.err.endswith(" (it reads as CSV: give that file a .csv name)\n")
    assert both.err.startswith("dprk: error: sheet: not valid JSON: ")
    assert new.read_bytes() == empty
    both = dprk("--ledger", new, "import", "--format", "json", "dprk.csv", "sheet", "-",
                stdin=lines)  # fmt: skip
    assert (both.code, both.out) == (1, "")
    assert both.err.startswith("dprk: error: sheet: not valid JSON: ")
    assert both.err.endswith(" (it reads as CSV: give that file a .csv name)\n")
    (tmp_path / "sheet").rename(tmp_path / "sheet.csv")
    both = dprk("--ledger", new, "import", "sheet.csv", "-", stdin=lines)
    assert (both.code, both.out) == (1, "")
    assert both.err == (
        "dprk: error: standard input: reads as one measure, not a ledger document; give "
        "--format jsonl (a measure a line), or put it in a list: [ ... ]\n"
    )
    assert new.read_bytes() == empty
    followed = dprk("--ledger", new, "import", "sheet.csv", "-", "-f", "jsonl", stdin=lines)
    assert (followed.code, followed.err) == (
        0,
        "imported 2 measures from sheet.csv and standard input (2 new, 0 replaced)\n",
    )
    assert new.read_bytes() == whole
    assert dprk("--ledger", new, "undo").code == 0

    # (every name tells a format: --format is every file's, as it is one file's)
    (tmp_path / "sheet.json").write_text(sheet, encoding="utf-8")
    told = dprk("--ledger", new, "import", "sheet.json", "kedo.json")
    assert (told.code, told.out) == (1, "")
    assert told.err.endswith(" (it reads as CSV: give that file a .csv name)\n")
    overridden = dprk("--ledger", new, "import", "--format", "json", "kedo.csv", "dprk.json")
    assert (overridden.code, overridden.out) == (1, "")
    assert overridden.err.endswith(
        " (it reads as CSV: leave out --format, and each file is read as its name tells)\n"
    )
    assert new.read_bytes() == empty
    both = dprk("--ledger", new, "import", "--format", "csv", "sheet.json", "kedo.csv")
    assert (both.code, both.err) == (
        0,
        "imported 2 measures from sheet.json and kedo.csv (2 new, 0 replaced)\n",
    )
    assert new.read_bytes() == whole


# What an import says a file in each format reads as, before its advice.
_READS_AS = {
    "json": "it reads as JSON",
    "jsonl": "a JSON object a line",
    "csv": "it reads as CSV",
    "tsv": "it reads as TSV",
}


@pytest.mark.parametrize(
    ("fmt", "read_as"),
    [
        ("json", "jsonl"),
        ("json", "csv"),
        ("json", "tsv"),
        ("jsonl", "json"),
        ("jsonl", "csv"),
        ("jsonl", "tsv"),
        ("csv", "json"),
        ("csv", "jsonl"),
        ("csv", "tsv"),
    ],
)
def test_a_file_read_in_another_format_than_its_own_is_advised_how_to_have_it_read_so(
    dprk, tmp_path, fmt, read_as
):
    """The guide says an error that says a file reads as another format says how to have
    it read so; only the JSON reader said it: JSON read as JSON lines, CSV or TSV, JSON
    lines as CSV, a CSV as JSON lines or TSV were a bare parse error ("column '{' is not
    a measure field"). Every reader that fails on a file's start says what it reads as,
    with the advice for one file or several; followed, the import gives the ledger back,
    and each refusal changes nothing."""
    whole = _exported_by_party(dprk, tmp_path)
    for name, party in (("whole", ()), ("kedo", ("--party", "KEDO"))):
        exported = dprk("export", *party, "--format", fmt).out
        (tmp_path / f"{name}.{read_as}").write_text(exported, encoding="utf-8")
    piped = (tmp_path / f"kedo.{read_as}").read_text(encoding="utf-8")
    new = tmp_path / "new.toml"
    assert dprk("--ledger", new, "init", "--party", "DPRK", "--party", "KEDO").code == 0
    empty = new.read_bytes()

    def refused(label: str, advice: str, *args: str, stdin: str = "") -> None:
        result = dprk("--ledger", new, "import", *args, stdin=stdin)
        assert (result.code, result.out) == (1, "")
        assert result.err.startswith(f"dprk: error: {label}: ")
        said = f" ({_READS_AS[fmt]}: {advice})\n"
        alone = f": reads as one measure, not a ledger document; {advice} (a measure a line)"
        assert result.err.endswith(said) or alone in result.err  # (JSON lines of one measure)
        assert new.read_bytes() == empty

    def followed(said: str, *args: str, stdin: str = "") -> None:
        result = dprk("--ledger", new, "import", *args, stdin=stdin)
        assert (result.code, result.out, result.err) == (0, "", f"imported 2 measures {said}\n")
        assert new.read_bytes() == whole
        assert dprk("--ledger", new, "undo").code == 0
        assert new.read_bytes() == empty

    one = f"whole.{read_as}"  # (one file: --format, which is its format alone)
    refused(one, f"give --format {fmt}", one)
    followed(f"from {one} (2 new, 0 replaced)", "--format", fmt, one)
    several = f"kedo.{read_as}"  # (with a .json file: a name that tells its format)
    refused(several, f"give that file a .{fmt} name", "dprk.json", several)
    (tmp_path / several).rename(tmp_path / f"kedo.{fmt}")
    followed(f"from dprk.json and kedo.{fmt} (2 new, 0 replaced)", "dprk.json", f"kedo.{fmt}")
    # (standard input with a .json file: --format, which is standard input's alone)
    refused("standard input", f"give --format {fmt}", "-f", read_as, "dprk.json", "-", stdin=piped)
    followed("from dprk.json and standard input (2 new, 0 replaced)",
             "-f", fmt, "dprk.json", "-", stdin=piped)  # fmt: skip


def test_a_refusal_in_the_second_file_of_an_import_names_it_and_changes_nothing(dprk, tmp_path):
    """Several files are read as one: a bad row in the second refuses the whole import,
    named by its file and row; an id in two of them is one twice, and standard input is
    read once."""
    _exported_by_party(dprk, tmp_path)
    doc = json.loads((tmp_path / "dprk.json").read_text(encoding="utf-8"))
    doc["measures"][0]["status"] = "frozen"
    (tmp_path / "bad.json").write_text(json.dumps(doc), encoding="utf-8")
    new = tmp_path / "new.toml"
    assert dprk("--ledger", new, "init", "--party", "DPRK", "--party", "KEDO").code == 0
    before = new.read_bytes()
    refused = dprk("--ledger", new, "import", "kedo.json", "bad.json")
    assert (refused.code, refused.out) == (1, "")
    assert refused.err.startswith(
        "dprk: error: bad.json: measure #1 (measure 'freeze'): field 'status': 'frozen' is "
        "not one of 'proposed', "
    )
    assert new.read_bytes() == before
    twice = dprk("--ledger", new, "import", "kedo.csv", "kedo.json", "dprk.json")
    assert (twice.code, twice.out, twice.err) == (
        1,
        "",
        "dprk: error: kedo.json: measure #1: id 'hfo' appears twice (also kedo.csv: row 2)\n",
    )
    assert new.read_bytes() == before
    stdin = dprk("--ledger", new, "import", "-", "kedo.json", "-", stdin="[]")
    assert (stdin.code, stdin.out, stdin.err) == (
        2,
        "",
        "dprk: error: '-' (standard input) is given more than once; give it once\n",
    )
    assert new.read_bytes() == before


def test_a_row_whose_history_links_it_with_a_measure_left_out_is_refused(dprk, tmp_path):
    """An export of 'relief', linked with 'site' by `link`, refused for the reference to
    'site' it keeps, was accepted once the reference alone was taken out as advised: its
    history still linked the two, check said ok, the timeline had 'site' removed since,
    and 'site' could then never be imported (an id named in the history). Such a row is
    refused, advised to import 'site' with it or to take out its history's entries too;
    followed, the second imports and 'site' can come later. check finds such a ledger."""
    assert dprk("init", "--party", "DPRK", "--party", "US").code == 0
    for args in (
        ("add-measure", "Close Punggye-ri", "--actor", "DPRK", "--id", "site", "--status",
         "implemented", "--date", "2018-05-24"),
        ("add-measure", "Ease sanctions", "--actor", "US", "--id", "relief", "--date",
         "2018-06-12"),
        ("link", "site", "relief", "--date", "2018-06-12"),
    ):  # fmt: skip
        assert dprk(*args).code == 0
    us = json.loads(dprk("export", "--party", "US").out)
    (tmp_path / "site.json").write_text(dprk("export", "--party", "DPRK").out, encoding="utf-8")
    (tmp_path / "us.json").write_text(json.dumps(us), encoding="utf-8")
    us["measures"][0]["in_exchange_for"] = []
    (tmp_path / "cut.json").write_text(json.dumps(us), encoding="utf-8")
    history = us["measures"][0]["history"]
    us["measures"][0]["history"] = [h for h in history if h["event"] != "exchange"]
    (tmp_path / "bare.json").write_text(json.dumps(us), encoding="utf-8")
    desk = tmp_path / "desk.toml"
    assert dprk("--ledger", desk, "init", "--party", "DPRK", "--party", "US").code == 0
    before = desk.read_bytes()
    refused = dprk("--ledger", desk, "import", "us.json")
    assert (refused.code, refused.out, refused.err) == (
        1,
        "",
        "dprk: error: us.json: measure #1 (measure 'relief'): refers to 'site', which is "
        "neither in the ledger nor the file; import 'site' with it (an export chosen by "
        "filters keeps the links of its measures to those left out: give the file that holds "
        "it to the same import, 'dprk --ledger desk.toml import FILE...'), or take the "
        "reference out of the file, with the entries of its history that name it\n",
    )
    refused = dprk("--ledger", desk, "import", "cut.json")
    assert (refused.code, refused.out, refused.err) == (
        1,
        "",
        "dprk: error: cut.json: measure #1 (measure 'relief'): its history links it with "
        "'site' (by its exchange entry of 2018-06-12), which is neither in the ledger nor "
        "the file, and its in_exchange_for does not list it; import 'site' with it (an "
        "export chosen by filters keeps the links of its measures to those left out: give "
        "the file that holds it to the same import, 'dprk --ledger desk.toml import "
        "FILE...'), or take the entries of its history that name 'site' out of the file too\n",
    )
    assert desk.read_bytes() == before
    done = dprk("--ledger", desk, "import", "bare.json")
    assert (done.code, done.err) == (0, "imported 1 measure from bare.json (1 new, 0 replaced)\n")
    done = dprk("--ledger", desk, "import", "site.json")
    assert (done.code, done.err) == (0, "imported 1 measure from site.json (1 new, 0 replaced)\n")
    assert dprk("--ledger", desk, "check").out == "ok: no problems found\n"
    # (import 'site' with it, the other way on: both in one file)
    both = tmp_path / "both.toml"
    assert dprk("--ledger", both, "init", "--party", "DPRK", "--party", "US").code == 0
    (tmp_path / "all.json").write_text(dprk("export").out, encoding="utf-8")
    done = dprk("--ledger", both, "import", "all.json")
    assert (done.code, done.err) == (0, "imported 2 measures from all.json (2 new, 0 replaced)\n")
    assert dprk("--ledger", both, "check").out == "ok: no problems found\n"
    # (a ledger left so by hand, or by an earlier dprk: check finds it)
    broken = tmp_path / "broken.toml"
    broken.write_text(
        'schema = 1\ntitle = "T"\nparties = ["DPRK", "US"]\n\n[[measures]]\n'
        'id = "relief"\ntitle = "Ease sanctions"\nactor = "US"\nstatus = "proposed"\n\n'
        '[[measures.history]]\ndate = 2018-06-12\nevent = "created"\nstatus = "proposed"\n'
        "recorded = 2018-06-12T10:00:00Z\n\n[[measures.history]]\ndate = 2018-06-12\n"
        'event = "exchange"\ndetail = "in exchange for site"\nrecorded = 2018-06-12T10:00:01Z\n',
        encoding="utf-8",
    )
    found = dprk("--ledger", broken, "check")
    assert (found.code, found.out) == (
        1,
        "error: relief: its history has it exchanged for 'site' (linked on 2018-06-12), a "
        "measure the ledger does not hold and whose removal it does not record (its "
        "reference taken out by hand, the history's record of it left); take the exchange "
        "entries naming 'site' out of its history in the file [link-history]\n"
        "1 error, 0 warnings\n",
    )
    assert dprk("--ledger", broken, "check").out == found.out  # (as kept)


def test_a_link_ended_with_a_measure_left_out_lets_that_measure_in_later(dprk, tmp_path):
    """x and y linked and unlinked, exported one side each: after x's import the timeline
    had y 'removed from the ledger since', and y's import (and add-measure) was refused as
    the id of a measure removed, though no removal of it is recorded: the export's promise
    that another ledger takes the links once it holds both was broken. y imports, the
    timeline says it is not in this ledger until then. Into a ledger that holds another
    y, whose history records no link with x, x is refused: it would give that y x's past."""
    assert dprk("init", "--party", "A", "--party", "B").code == 0
    for args in (
        ("add-measure", "x", "--actor", "A", "--id", "x", "--date", "2020-01-01"),
        ("add-measure", "y", "--actor", "B", "--id", "y", "--date", "2020-01-01"),
        ("link", "x", "y", "--date", "2020-02-01"),
        ("unlink", "x", "y", "--date", "2020-03-01"),
    ):
        assert dprk(*args).code == 0
    (tmp_path / "a.json").write_text(dprk("export", "--party", "A").out, encoding="utf-8")
    (tmp_path / "b.json").write_text(dprk("export", "--party", "B").out, encoding="utf-8")
    new = tmp_path / "n.toml"
    assert dprk("--ledger", new, "init", "--party", "A", "--party", "B").code == 0
    assert dprk("--ledger", new, "import", "a.json").code == 0
    said = [line for line in dprk("--ledger", new, "timeline").lines if "exchange:" in line]
    assert [line.split(": ", 1)[1] for line in said] == [
        "in exchange for y (y not in this ledger)",
        "no longer in exchange for y (y not in this ledger)",
    ]
    before = new.read_bytes()
    refused = dprk("--ledger", new, "add-measure", "y", "--actor", "B", "--id", "y")
    assert (refused.code, refused.out, refused.err) == (
        1,
        "",
        "dprk: error: --id: 'y' is the id of a measure not in this ledger (removed, or not "
        "taken in yet), named in the history of 1 measure (x): a new one by that id would "
        "take on that past; choose another id (the measure it names, exported with its "
        "history, imports)\n",
    )
    assert new.read_bytes() == before
    done = dprk("--ledger", new, "import", "b.json")
    assert (done.code, done.err) == (0, "imported 1 measure from b.json (1 new, 0 replaced)\n")
    assert dprk("--ledger", new, "check").out == "ok: no problems found\n"
    said = [line for line in dprk("--ledger", new, "timeline").lines if "exchange:" in line]
    assert [line.split(": ", 1)[1] for line in said] == [
        "in exchange for y",
        "in exchange for x",
        "no longer in exchange for y",
        "no longer in exchange for x",
    ]
    # (another y already there, or coming after x: refused, the file left as it was)
    other = tmp_path / "o.toml"
    assert dprk("--ledger", other, "init", "--party", "A", "--party", "B").code == 0
    assert dprk("--ledger", other, "add-measure", "y", "--actor", "B", "--id", "y",
                "--date", "2019-01-01").code == 0  # fmt: skip
    (tmp_path / "y.json").write_text(dprk("--ledger", other, "export").out, encoding="utf-8")
    before = other.read_bytes()
    refused = dprk("--ledger", other, "import", "a.json")
    assert (refused.code, refused.out, refused.err) == (
        1,
        "",
        "dprk: error: a.json: measure #1 (measure 'x'): its history has it exchanged for "
        "'y' (by its entry of 2020-02-01: 'in exchange for y'), which the ledger's 'y' does "
        "not record: that is another measure by the id its history names, and would take "
        "on that past (a rename of the ledger's leaves the file's id read as its new one); "
        "take the entries of its history that name 'y' out of the file\n",
    )
    assert other.read_bytes() == before
    rows = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    history = rows["measures"][0]["history"]
    rows["measures"][0]["history"] = [h for h in history if h["event"] != "exchange"]
    (tmp_path / "bare.json").write_text(json.dumps(rows), encoding="utf-8")
    done = dprk("--ledger", other, "import", "bare.json")
    assert (done.code, done.err) == (0, "imported 1 measure from bare.json (1 new, 0 replaced)\n")
    fresh = tmp_path / "f.toml"
    assert dprk("--ledger", fresh, "init", "--party", "A", "--party", "B").code == 0
    assert dprk("--ledger", fresh, "import", "a.json").code == 0
    before = fresh.read_bytes()
    refused = dprk("--ledger", fresh, "import", "y.json")
    assert (refused.code, refused.out, refused.err) == (
        1,
        "",
        "dprk: error: y.json: measure #1 (measure 'y'): 'x' in the ledger records an "
        "exchange link with 'y' (its entry of 2020-02-01: 'in exchange for y') that this "
        "row's history does not: it is not the 'y' the history of 'x' names, and would take "
        "on that past; give it another id\n",
    )
    assert fresh.read_bytes() == before


def test_an_import_that_records_a_rename_this_ledger_has_not_made_is_refused(dprk, tmp_path):
    """An export from a ledger that renamed DPRK to NK, imported into one that names it
    DPRK still, declared NK beside DPRK: one side two parties, and a finding by 'DPRK' on
    an NK measure taken for independent. It is refused, with the rename to make here;
    followed, the import reads as one party."""
    for name in ("a", "b"):
        assert (
            dprk("--ledger", f"{name}.toml", "init", "--party", "DPRK", "--party", "US").code == 0
        )
    assert dprk("--ledger", "a.toml", "add-measure", "Freeze", "--actor", "DPRK", "--id",
                "freeze", "--status", "implemented", "--date", "2007-07-14").code == 0  # fmt: skip
    assert (
        dprk("--ledger", "a.toml", "rename-party", "DPRK", "NK", "--date", "2008-01-01").code == 0
    )
    (tmp_path / "a.json").write_text(dprk("--ledger", "a.toml", "export").out, encoding="utf-8")
    target = tmp_path / "b.toml"
    before = target.read_bytes()
    refused = dprk("--ledger", "b.toml", "import", "a.json")
    assert (refused.code, refused.out) == (1, "")
    assert refused.err == (
        "dprk: error: a.json: its measures record party 'DPRK' renamed 'NK' (on 2008-01-01, "
        "as 'freeze' records it), which this ledger names 'DPRK' still: rename it here first "
        "('dprk --ledger b.toml rename-party DPRK NK --date 2008-01-01'), then import\n"
    )
    assert target.read_bytes() == before
    renamed = dprk("--ledger", "b.toml", "rename-party", "DPRK", "NK", "--date", "2008-01-01")
    assert renamed.code == 0, renamed.err
    done = dprk("--ledger", "b.toml", "import", "a.json")
    assert done.code == 0, done.err
    assert list(json.loads(dprk("--ledger", "b.toml", "status", "--format", "json").out)[
        "parties"]) == ["NK", "US"]  # fmt: skip
    own = dprk("--ledger", "b.toml", "verify", "freeze", "--by", "DPRK", "--date", "2008-02-01")
    assert own.code == 1 and "'DPRK' (now NK) is the actor of 'freeze'" in own.err


def test_an_import_of_a_party_renamed_twice_advises_both_renames_in_turn(dprk, tmp_path):
    """A file whose party was renamed twice (KPNLF to BLDP, BLDP to LDP) was refused
    with one rename straight to the last name; made, the next import asked it renamed
    back, then refused the rename it advised after that: a circle. The refusal gives
    both renames, each on its day, joined, and typed as given they let the file in."""
    assert dprk("init", "--party", "KPNLF", "--party", "SOC").code == 0
    assert dprk("add-measure", "A", "--actor", "KPNLF", "--id", "a", "--date",
                "1991-10-01").code == 0  # fmt: skip
    assert dprk("rename-party", "KPNLF", "BLDP", "--date", "1992-05-01").code == 0
    assert dprk("rename-party", "BLDP", "LDP", "--date", "1993-01-01").code == 0
    (tmp_path / "chain.json").write_text(dprk("export").out, encoding="utf-8")
    assert dprk("--ledger", "t.toml", "init", "--party", "KPNLF", "--party", "SOC").code == 0
    assert dprk("--ledger", "t.toml", "add-measure", "Q", "--actor", "KPNLF", "--id", "q",
                "--date", "1991-01-01").code == 0  # fmt: skip
    target = tmp_path / "t.toml"
    before = target.read_bytes()
    refused = dprk("--ledger", "t.toml", "import", "chain.json")
    assert (refused.code, refused.out) == (1, "")
    advice = (
        "dprk --ledger t.toml rename-party KPNLF BLDP --date 1992-05-01 && "
        "dprk --ledger t.toml rename-party BLDP LDP --date 1993-01-01"
    )
    assert refused.err == (
        "dprk: error: chain.json: its measures record party 'KPNLF' renamed 'LDP' (on "
        "1993-01-01, as 'a' records it), which this ledger names 'KPNLF' still: rename it "
        f"here first ('{advice}'), then import\n"
    )
    assert target.read_bytes() == before
    for command in advice.split(" && "):
        done = dprk(*shlex.split(command)[1:])
        assert done.code == 0, done.err
    done = dprk("--ledger", "t.toml", "import", "chain.json")
    assert (done.code, done.err) == (0, "imported 1 measure from chain.json (1 new, 0 replaced)\n")
    assert dprk("--ledger", "t.toml", "check").code == 0
    parties = json.loads(dprk("--ledger", "t.toml", "status", "--format", "json").out)["parties"]
    assert list(parties) == ["LDP", "SOC"]


def test_an_import_names_each_verifier_as_on_record(dprk, empty, tmp_path):
    """'iaea' in a sheet beside IAEA on record split one verifier in two, as 'verify'
    did before it took the name on record: a verifier is named as the ledger spells it,
    else as the file first does, in its findings and their entries."""
    assert dprk("add-measure", "A", "--id", "a", "--actor", "DPRK", "--status", "implemented",
                "--date", "2018-09-01").code == 0  # fmt: skip
    assert dprk("verify", "a", "--by", "IAEA", "--date", "2018-09-05").code == 0
    rows = "".join(
        f'{i},{i.upper()},DPRK,implemented,2018-09-01,"[{{""by"":""{by}"",""result"":'
        f'""confirmed"",""date"":""2018-09-06""}}]"\n'
        for i, by in (("b", "iaea"), ("c", "38 north"), ("d", "38  NORTH"))
    )
    (tmp_path / "b.csv").write_text(
        "id,title,actor,status,date,verifications\n" + rows, encoding="utf-8"
    )
    result = dprk("import", "b.csv")
    assert result.code == 0, result.err
    doc = {m["id"]: m for m in json.loads(dprk("export").out)["measures"]}
    assert [doc[i]["verifications"][0]["by"] for i in "abcd"] == [
        "IAEA",
        "IAEA",
        "38 north",
        "38 north",
    ]
    assert doc["b"]["history"][-1]["detail"] == "confirmed by IAEA"
    assert doc["d"]["history"][-1]["detail"] == "confirmed by 38 north"


def test_an_import_refuses_a_finding_by_a_typo_of_a_party_as_verify_does(dprk, tmp_path):
    """A finding by 'FRAC-EP' on FARC-EP's own measure was imported as an independent
    verifier's, though `verify --by FRAC-EP` refuses it as a typo of FARC-EP. The import
    refuses it the same way, in one line naming the row and the party meant, and writes
    nothing; a verifier so named already on record in the ledger is taken, as `verify`
    takes it, and so is one near no party."""
    assert dprk("init", "--party", "FARC-EP", "--party", "Colombia").code == 0
    ledger = tmp_path / "dprk-ledger.toml"

    def row(ident: str, by: str) -> dict:
        return {"id": ident, "title": ident.title(), "actor": "FARC-EP",
                "status": "implemented", "date": "2017-06-27",
                "verifications": [{"by": by, "result": "confirmed", "date": "2017-07-01"}]}  # fmt: skip

    (tmp_path / "v.json").write_text(json.dumps([row("arms", "FRAC-EP")]), encoding="utf-8")
    before = ledger.read_bytes()
    result = dprk("import", "v.json")
    assert (result.code, result.out, ledger.read_bytes()) == (1, "", before)
    assert result.err == (
        "dprk: error: v.json: measure #1 (measure 'arms'): its finding by 'FRAC-EP' is not "
        "a declared party (declared: FARC-EP, Colombia); did you mean FARC-EP? If 'FRAC-EP' "
        "is a verifier new to the ledger and no party, import with --new-verifier FRAC-EP\n"
    )
    # (the same rule as `verify --by`)
    assert dprk("add-measure", "Zones", "--id", "zones", "--actor", "FARC-EP", "--status",
                "implemented", "--date", "2017-01-31").code == 0  # fmt: skip
    before = ledger.read_bytes()
    verify = dprk("verify", "zones", "--by", "FRAC-EP", "--date", "2017-02-01")
    assert (verify.code, ledger.read_bytes()) == (1, before)
    assert "did you mean FARC-EP?" in verify.err
    # a verifier near no party, and one on record in the ledger: taken
    files = [row("arms", "UN Mission"), row("camps", "FRAC-EP"), row("caches", "FRAC-EP")]
    (tmp_path / "v.json").write_text(json.dumps(files), encoding="utf-8")
    result = dprk("import", "v.json")
    assert result.code == 1 and "measure #2 (measure 'camps')" in result.err
    assert dprk("verify", "zones", "--by", "FRAC-EP", "--new-verifier", "--date",
                "2017-02-01").code == 0  # fmt: skip
    result = dprk("import", "v.json")
    assert result.code == 0, result.err
    doc = {m["id"]: m for m in json.loads(dprk("export").out)["measures"]}
    assert [doc[i]["verifications"][0]["by"] for i in ("arms", "camps", "caches")] == [
        "UN Mission",
        "FRAC-EP",
        "FRAC-EP",
    ]


def test_an_import_refuses_a_finding_by_a_typo_of_a_verifier_on_record_as_verify_does(
    dprk, tmp_path
):
    """A row's finding by 'IFRO', with IFOR's findings on record, was imported as a second
    verifier's, as 'verify --by IFRO' recorded it. Both refuse it now as a typo of IFOR,
    the import naming the row, the verifier meant and its '--new-verifier NAME'; the
    verifier on record in another spelling is taken as that one."""
    assert dprk("init", "--party", "Federation", "--party", "Republika Srpska").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    assert dprk("add-measure", "M", "--actor", "Federation", "--id", "m", "--status",
                "implemented", "--date", "1996-01-20").code == 0  # fmt: skip
    assert dprk("verify", "m", "--by", "IFOR", "--date", "1996-01-25").code == 0

    def row(ident: str, by: str) -> dict:
        return {"id": ident, "title": ident.title(), "actor": "Republika Srpska",
                "status": "implemented", "date": "1996-01-20",
                "verifications": [{"by": by, "result": "confirmed", "date": "1996-01-26"}]}  # fmt: skip

    (tmp_path / "v.json").write_text(
        json.dumps([row("n", "i.f.o.r"), row("o", "IFRO")]), encoding="utf-8"
    )
    before = ledger.read_bytes()
    result = dprk("import", "v.json")
    assert (result.code, result.out, ledger.read_bytes()) == (1, "", before)
    assert result.err == (
        "dprk: error: v.json: measure #2 (measure 'o'): its finding by 'IFRO' is not a "
        "verifier on record, nor a declared party; did you mean IFOR, a verifier on record? "
        "If 'IFRO' is a verifier new to the ledger and no party, import with --new-verifier "
        "IFRO\n"
    )
    result = dprk("import", "v.json", "--new-verifier", "IFRO")
    assert result.code == 0, result.err
    doc = {m["id"]: m for m in json.loads(dprk("export").out)["measures"]}
    assert [doc[i]["verifications"][0]["by"] for i in "no"] == ["IFOR", "IFRO"]
    assert dprk("check").out == "ok: no problems found\n"


def test_an_import_refuses_a_typo_of_a_verifier_an_earlier_row_names(dprk, tmp_path):
    """One file with findings by UNMIBH and by UNMIHB, neither on record, was imported as
    two verifiers', where 'verify --by UNMIHB' after the first, or the rows imported as
    two files, refused the second as a typo. The second row is refused so now, naming
    the verifier the earlier row gives and its '--new-verifier NAME'."""
    assert dprk("init", "--party", "A", "--party", "B").code == 0
    ledger = tmp_path / "dprk-ledger.toml"

    def row(ident: str, by: str) -> dict:
        return {"id": ident, "title": ident.title(), "actor": "A", "status": "implemented",
                "date": "1996-01-20",
                "verifications": [{"by": by, "result": "confirmed", "date": "1996-01-26"}]}  # fmt: skip

    (tmp_path / "v.json").write_text(
        json.dumps([row("m", "UNMIBH"), row("n", "UNMIHB")]), encoding="utf-8"
    )
    before = ledger.read_bytes()
    result = dprk("import", "v.json")
    assert (result.code, result.out, ledger.read_bytes()) == (1, "", before)
    assert result.err == (
        "dprk: error: v.json: measure #2 (measure 'n'): its finding by 'UNMIHB' is not a "
        "verifier on record, nor a declared party; did you mean UNMIBH, a verifier an "
        "earlier row names? If 'UNMIHB' is a verifier new to the ledger and no party, "
        "import with --new-verifier UNMIHB\n"
    )
    assert dprk("import", "v.json", "--new-verifier", "UNMIHB").code == 0
    doc = {m["id"]: m for m in json.loads(dprk("export").out)["measures"]}
    assert [doc[i]["verifications"][0]["by"] for i in "mn"] == ["UNMIBH", "UNMIHB"]
    assert dprk("check").out == "ok: no problems found\n"


def test_a_sheet_imported_again_keeps_an_undated_creation_and_a_status_found(
    dprk, empty, tmp_path, tick
):
    """Imported again with --replace: a row without a date, once a note had dated its
    creation, was written anew and said to drop two entries (the note, and the creation
    it gives again); a row whose finding makes it verified was said 'replaced', though
    nothing changed."""
    (tmp_path / "s.csv").write_text(
        "id,title,actor,status,date,verifications\n"
        "talks,Hold talks,US,,,\n"
        'vx,Freeze,DPRK,implemented,2018-09-01,"[{""by"":""IAEA"",""result"":""confirmed"",'
        '""date"":""2018-09-10""}]"\n',
        encoding="utf-8",
    )
    assert dprk("import", "s.csv").code == 0
    tick()
    before = empty.read_bytes()
    again = dprk("import", "--replace", "s.csv")
    assert again.err.splitlines()[0] == (
        "imported 2 measures from s.csv (0 new, 0 replaced, 2 unchanged; nothing changed)"
    )
    assert empty.read_bytes() == before
    before_talks = dprk("show", "talks", "--format", "json").out
    tick()
    assert dprk("note", "talks", "first round", "--date", "2018-10-02").code == 0
    tick()
    lost = dprk("import", "--replace", "s.csv")
    assert lost.code == 0, lost.err
    assert (
        lost.err.splitlines()[0]
        == "imported 2 measures from s.csv (0 new, 1 replaced, 1 unchanged)"
    )
    assert lost.err.splitlines()[-1] == (
        "dprk: warning: talks: replaced by row 2, which drops 1 history entry "
        "('dprk undo' brings it back)"
    )
    talks = json.loads(dprk("show", "talks", "--format", "json").out)
    # (its creation, the one on record, dated again by no event: the day it was recorded)
    assert [(h["event"], h["status"], h["recorded"]) for h in talks["history"]] == [
        ("created", "proposed", json.loads(before_talks)["history"][0]["recorded"])
    ]
    assert dprk("check").code == 0


def test_an_import_of_a_party_renamed_otherwise_here_is_refused(dprk, tmp_path):
    """DPRK renamed NK in the file's ledger and PRK in this one: the import declared NK
    beside PRK, one side two parties. It is refused with the rename that makes the names
    one; followed, the import reads as one party."""
    for name, new in (("a", "NK"), ("b", "PRK")):
        assert (
            dprk("--ledger", f"{name}.toml", "init", "--party", "DPRK", "--party", "US").code == 0
        )
        assert dprk("--ledger", f"{name}.toml", "add-measure", name.upper(), "--actor", "DPRK",
                    "--id", name, "--date", "2018-01-01").code == 0  # fmt: skip
        assert dprk("--ledger", f"{name}.toml", "rename-party", "DPRK", new, "--date",
                    "2018-03-01").code == 0  # fmt: skip
    (tmp_path / "a.json").write_text(dprk("--ledger", "a.toml", "export").out, encoding="utf-8")
    target = tmp_path / "b.toml"
    before = target.read_bytes()
    refused = dprk("--ledger", "b.toml", "import", "a.json")
    assert (refused.code, refused.out) == (1, "")
    assert refused.err == (
        "dprk: error: a.json: its measures record party 'DPRK' renamed 'NK', which this "
        "ledger renamed 'PRK' (on 2018-03-01): one side would be two parties; give it one "
        "name, here ('dprk --ledger b.toml rename-party PRK NK') or in the ledger the file "
        "came from, then import\n"
    )
    assert target.read_bytes() == before
    assert dprk("--ledger", "b.toml", "rename-party", "PRK", "NK").code == 0
    assert dprk("--ledger", "b.toml", "import", "a.json").code == 0
    parties = json.loads(dprk("--ledger", "b.toml", "status", "--format", "json").out)["parties"]
    assert list(parties) == ["NK", "US"]


def test_an_import_names_every_row_its_rules_refuse(dprk, empty, tmp_path):
    """Rows refused by the rules of a measure's life (a status only a finding gives) were
    named one a run: each such row is named, as rows refused for their fields are."""
    (tmp_path / "s.csv").write_text(
        "id,title,actor,status\nc,C,US,verified\nd,D,US,verified\ne,E,US,agreed\n",
        encoding="utf-8",
    )
    before = empty.read_bytes()
    result = dprk("import", "s.csv")
    assert (result.code, result.out) == (1, "")
    assert result.err.startswith("dprk: error: s.csv: row 2 (measure 'c'): status 'verified'")
    assert result.err.endswith("; row 3 is refused too\n")
    assert empty.read_bytes() == before


def test_an_export_made_between_two_renames_here_is_read_as_the_party_is_now(dprk, tmp_path):
    """DPRK renamed NK in both ledgers, then NK renamed North Korea here: an export made
    between the two was refused ('which this ledger renamed North Korea on 2018-09-01',
    a date of the first rename), its advice undoing the team's rename. It is read as the
    party is named now, as the guide says of an older export."""
    for name in ("src", "dst"):
        assert (
            dprk("--ledger", f"{name}.toml", "init", "--party", "US", "--party", "DPRK").code == 0
        )
        assert dprk("--ledger", f"{name}.toml", "add-measure", name, "--actor", "DPRK", "--id",
                    name, "--date", "2018-06-15").code == 0  # fmt: skip
        assert dprk("--ledger", f"{name}.toml", "rename-party", "DPRK", "NK", "--date",
                    "2018-09-01").code == 0  # fmt: skip
    assert dprk("--ledger", "dst.toml", "rename-party", "NK", "North Korea", "--date",
                "2018-10-01").code == 0  # fmt: skip
    (tmp_path / "nk.json").write_text(dprk("--ledger", "src.toml", "export").out, encoding="utf-8")
    done = dprk("--ledger", "dst.toml", "import", "nk.json")
    assert done.code == 0, done.err
    assert done.err.endswith("read NK as North Korea (renamed so on 2018-10-01))\n")
    status = json.loads(dprk("--ledger", "dst.toml", "status", "--format", "json").out)
    assert list(status["parties"]) == ["US", "North Korea"]
    assert {m["id"]: m["actor"] for m in status["measures"]}["src"] == "North Korea"


def test_import_replace_of_an_export_keeps_two_notes_alike_as_they_were(dprk, empty, monkeypatch):
    """A note entered twice (alike but for the time each was recorded): `import --replace`
    of an export of the unchanged ledger said '1 replaced' and wrote the second note's
    time anew, on every round trip. Each entry is matched once: nothing changes."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764900000")
    assert dprk("add-measure", "US limits", "--actor", "US", "--id", "lim", "--status",
                "implemented", "--date", "2018-02-05").code == 0  # fmt: skip
    for epoch in ("1764900001", "1764900002"):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        assert dprk("note", "lim", "Treaty expired", "--date", "2026-02-05").code == 0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764900100")
    before = empty.read_bytes()
    export = empty.parent / "e.json"
    export.write_text(dprk("export").out, encoding="utf-8")
    again = dprk("import", "e.json", "--replace")
    assert again.code == 0, again.err
    assert again.err == (
        "imported 1 measure from e.json (0 new, 0 replaced, 1 unchanged; nothing changed)\n"
    )
    assert empty.read_bytes() == before


@pytest.mark.parametrize(
    ("encoding", "name", "said"),
    [("utf-16-le", "wide.csv", "UTF-16LE"), ("utf-16", "wide.tsv", "UTF-16")],
)
def test_a_utf16_file_to_import_is_named_so_with_a_way_to_convert_it(
    dprk, empty, tmp_path, encoding, name, said
):
    """A sheet saved as 'Unicode text' (UTF-16) was refused as "column 'i\\x00d\\x00' is
    not a measure field", or as invalid UTF-8 on some line. It is named UTF-16, with the
    command that converts it, which works when followed."""
    sep = "," if name.endswith(".csv") else "\t"
    text = sep.join(["id", "title", "actor"]) + "\r\n" + sep.join(["w", "Wide", "DPRK"]) + "\r\n"
    (tmp_path / name).write_bytes(text.encode(encoding))
    before = empty.read_bytes()
    result = dprk("import", name)
    assert (result.code, result.out) == (1, "")
    converted = name.replace(".", "-utf8.")
    advice = f"iconv -f {said} -t UTF-8 {name} > {converted}"
    assert result.err == (
        f"dprk: error: {name}: looks like UTF-16 text (a zero byte beside each letter), not "
        f"UTF-8; save it as UTF-8, or convert it with '{advice}' and import that\n"
    )
    assert empty.read_bytes() == before
    assert shell(advice, cwd=tmp_path).code == 0
    imported = dprk("import", converted)
    assert imported.code == 0, imported.err
    assert dprk("status", "--format", "ids").out == "w\n"


@pytest.mark.parametrize(
    ("name", "given", "sep", "typed", "converted"),
    [
        ("rows", [], ",", "rows", "rows-utf8.csv"),  # (no suffix: its text says CSV)
        ("rows", ["--format", "tsv"], "\t", "rows", "rows-utf8.tsv"),
        ("sheet.txt", ["-f", "csv"], ",", "sheet.txt", "sheet-utf8.csv"),
        ("-rows.csv", ["--"], ",", "./-rows.csv", "./-rows-utf8.csv"),
        ("-my rows", ["--"], "\t", '"./-my rows"', '"./-my rows-utf8.tsv"'),
        ("my rows.csv", [], ",", '"my rows.csv"', '"my rows-utf8.csv"'),
    ],
)
def test_the_utf16_advice_works_as_typed_for_any_file_name(
    dprk, empty, tmp_path, name, given, sep, typed, converted
):
    """The iconv command advised for a UTF-16 file named a copy without a suffix for a
    file that had none (import then read the copy as JSON, whatever --format had said),
    and a name starting with '-' as iconv's option. The copy takes the suffix of the
    format the file is read as (given, or as its text looks), and such a name './'; the
    advice, typed into a shell as shown, makes a copy that imports."""
    text = sep.join(["id", "title", "actor"]) + "\r\n" + sep.join(["w", "Wide", "DPRK"]) + "\r\n"
    (tmp_path / name).write_bytes(text.encode("utf-16-le"))
    before = empty.read_bytes()
    result = dprk("import", *given, name)
    assert (result.code, result.out) == (1, "")
    advice = f"iconv -f UTF-16LE -t UTF-8 {typed} > {converted}"
    assert result.err == (
        f"dprk: error: {name}: looks like UTF-16 text (a zero byte beside each letter), not "
        f"UTF-8; save it as UTF-8, or convert it with '{advice}' and import that\n"
    )
    assert empty.read_bytes() == before
    done = shell(f"{advice} && dprk import {converted}", cwd=tmp_path)
    assert done.code == 0, done.err
    assert done.err.startswith("imported 1 measure from ")
    assert dprk("status", "--format", "ids").out == "w\n"
    assert b'title = "Wide"' in empty.read_bytes()


def test_an_import_names_every_undeclared_actor_and_one_command_to_declare_them(
    dprk, empty, tmp_path
):
    """A CSV carries no parties: imported into a new ledger, its rows were refused naming
    one undeclared actor (the first row's) and the command to declare it; once it was
    declared, the next run named the next. One run names every undeclared actor, with
    the rows that name it, and one command (add-party commands joined with '&&', each
    naming the ledger as the import did) that declares them all."""
    for ident, actor in (("a", "US"), ("b", "ROK"), ("c", "ROK"), ("d", "US")):
        assert dprk("add-measure", ident, "--actor", actor, "--id", ident).code == 0
    (tmp_path / "m.csv").write_text(dprk("export", "--format", "csv").out, encoding="utf-8")
    copy = tmp_path / "c.toml"
    assert dprk("--ledger", "c.toml", "init").code == 0
    before = copy.read_bytes()
    result = dprk("--ledger", "c.toml", "import", "m.csv")
    assert (result.code, result.out, copy.read_bytes()) == (1, "", before)
    assert result.err == (
        "dprk: error: m.csv: row 2 (measure 'a'): actor 'US' is not a declared party "
        "(declared: none yet); row 3, row 4, row 5 are refused too; add the undeclared "
        "actors 'US' (row 2 and row 5), 'ROK' (row 3 and row 4) all at once with "
        "'dprk --ledger c.toml add-party US && dprk --ledger c.toml add-party ROK'\n"
    ), result.err
    # (one undeclared actor, of several rows: named once, with its rows)
    assert dprk("--ledger", "c.toml", "add-party", "US").code == 0
    before = copy.read_bytes()
    result = dprk("--ledger", "c.toml", "import", "m.csv")
    assert (result.code, copy.read_bytes()) == (1, before)
    assert result.err == (
        "dprk: error: m.csv: row 3 (measure 'b'): actor 'ROK' is not a declared party "
        "(declared: US); row 4 is refused too; add 'ROK', the actor of row 3 and row 4, "
        "with 'dprk --ledger c.toml add-party ROK'\n"
    ), result.err
    # (the command advised declares them all: the import then goes through)
    assert dprk("--ledger", "d.toml", "init").code == 0
    advised = dprk("--ledger", "d.toml", "import", "m.csv").err.split(" with '")[-1]
    assert advised == "dprk --ledger d.toml add-party US && dprk --ledger d.toml add-party ROK'\n"
    assert shell(advised.removesuffix("'\n"), cwd=tmp_path).code == 0
    done = dprk("--ledger", "d.toml", "import", "m.csv")
    assert done.code == 0, done.err
    assert json.loads(dprk("--ledger", "d.toml", "export").out)["parties"] == ["US", "ROK"]


def _decommissioning(dprk, *, ended: bool = True) -> None:
    """Northern Ireland, 1998–99: the IRA's demand that the Executive come first, the
    UUP's that decommissioning come first (a deadlock from 1 July 1998), until (`ended`)
    the UUP dropped its demand on 27 November 1999."""
    northern_ireland(dprk, UUP_DEMAND, *([UUP_DROPPED] if ended else []))


def test_an_import_reads_a_former_name_with_dots_as_the_party_it_is_now(dprk, tmp_path):
    """After 'rename-party USSR Russia', a row whose actor is 'USSR' was read as Russia,
    but one spelling it 'U.S.S.R.' was refused with advice to 'add-party U.S.S.R.', which
    add-party then refused (a former name). A former name is matched as every party
    option matches a name: with or without the dots of an abbreviation."""
    inf_treaty(dprk)
    rows = tmp_path / "rows.csv"
    rows.write_text(
        "id,title,actor,status,date\nss4,Eliminate SS-4s,U.S.S.R.,proposed,1988-01-04\n"
    )
    done = dprk("import", "rows.csv")
    assert done.code == 0, done.err
    assert done.err == (
        "imported 1 measure from rows.csv (1 new, 0 replaced; read U.S.S.R. as Russia "
        "(renamed so on 1991-12-26))\n"
    )
    assert json.loads(dprk("show", "ss4", "--format", "json").out)["actor"] == "Russia"
    assert dprk("check").out == "ok: no problems found\n"


def _measures_file(dprk, fmt: str) -> str:
    """The ledger's measures as `fmt` holds them: an export, or (`list`) the JSON list
    of its measures, which brings no parties with it."""
    if fmt == "list":
        return json.dumps(json.loads(dprk("export").out)["measures"])
    return dprk("export", "--format", fmt).out


@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl", "list"])
def test_an_import_refuses_a_demanding_party_not_declared_and_advises_declaring_it(
    dprk, tmp_path, fmt
):
    """The UUP's demand, imported into a ledger that did not declare the UUP, lost its
    demanding party without a word: the order read 'agreed by all', and the deadlock of
    1998–99 was gone from every view of those days. The advice of the refusal named the
    actors alone; followed, it led there. A row naming a party not declared, as an actor
    or as whose demand an order is, is refused, as `sequence --demanded-by` refuses it;
    the advice declares every party the rows name, and, followed, gives the answers the
    ledger the file came from gives."""
    _decommissioning(dprk)
    name = f"ni.{'json' if fmt == 'list' else fmt}"
    (tmp_path / name).write_text(_measures_file(dprk, fmt), encoding="utf-8")
    source = json.loads(dprk("plan", "--as-of", "1999-01-01", "--format", "json").out)
    assert [d["text"] for d in source["deadlocks"]] == [
        "exec waits for decom (demanded by UUP); decom waits for exec (demanded by IRA)"
    ]
    copy = tmp_path / "copy.toml"
    assert dprk("--ledger", "copy.toml", "init").code == 0
    before = copy.read_bytes()
    refused = dprk("--ledger", "copy.toml", "import", name)
    assert (refused.code, refused.out, copy.read_bytes()) == (1, "", before)
    where = "line" if fmt == "jsonl" else "measure #" if fmt == "list" else "row"
    first, second = (
        (f"{where} 1", f"{where} 2")
        if fmt == "jsonl"
        else (("measure #1", "measure #2") if fmt == "list" else ("row 2", "row 3"))
    )
    assert refused.err == (
        f"dprk: error: {name}: {first} (measure 'decom'): actor 'IRA' is not a declared party "
        f"(declared: none yet); {second} is refused too; add the undeclared parties 'IRA' "
        f"(the actor of {first}, demanding an order in {first}), 'UK' (the actor of {second}), "
        f"'UUP' (demanding an order in {second}) all at once with 'dprk --ledger copy.toml add-party IRA && dprk --ledger "
        "copy.toml add-party UK && dprk --ledger copy.toml add-party UUP'\n"
    ), refused.err
    advised = refused.err.rsplit(" with '", 1)[1].removesuffix("'\n")
    assert shell(advised, cwd=tmp_path).code == 0
    done = dprk("--ledger", "copy.toml", "import", name)
    assert done.code == 0, done.err
    copied = dprk("--ledger", "copy.toml", "plan", "--as-of", "1999-01-01", "--format", "json")
    # (its advice runs on the copy, named with --ledger: `suggestions`, a drop's `command`)
    mine = json.loads(copied.out.replace("dprk --ledger copy.toml ", "dprk "))
    assert mine["deadlocks"] == source["deadlocks"]
    assert dprk("--ledger", "copy.toml", "check").out == dprk("check").out


def test_an_import_names_a_former_actor_as_one_not_as_a_row_s_actor(dprk, tmp_path):
    """A measure whose actor an edit changed names its former actor in its history: an
    import into a ledger that declares neither called both 'the undeclared actors' of its
    row, and a reader looked for the former one in the actor column. It is named as what
    it is: once the actor of that row; the advice, followed, lets the import through."""
    told(dprk, (
        ["init", "--party", "Islamic Republic", "--party", "Taliban"],
        ["add-measure", "Ceasefire", "--actor", "Islamic Republic", "--id", "ceasefire",
         "--date", "2020-02-29"],
        ["edit", "ceasefire", "--actor", "Taliban", "--date", "2020-03-10"],
    ))  # fmt: skip
    exported = dprk("export", "--format", "csv")
    assert exported.code == 0, exported.err
    (tmp_path / "doha.csv").write_text(exported.out, encoding="utf-8")
    assert dprk("--ledger", "copy.toml", "init", "--party", "US").code == 0
    before = (tmp_path / "copy.toml").read_bytes()
    refused = dprk("--ledger", "copy.toml", "import", "doha.csv")
    assert (refused.code, refused.out) == (1, "")
    assert refused.err.endswith(
        "add the undeclared parties 'Taliban' (the actor of row 2), 'Islamic Republic' (once "
        "the actor of row 2) all at once with 'dprk --ledger copy.toml add-party Taliban && "
        'dprk --ledger copy.toml add-party "Islamic Republic"\'\n'
    ), refused.err
    assert (tmp_path / "copy.toml").read_bytes() == before
    advised = refused.err.rsplit(" with '", 1)[1].removesuffix("'\n")
    assert shell(advised, cwd=tmp_path).code == 0
    assert dprk("--ledger", "copy.toml", "import", "doha.csv").code == 0


def test_an_import_names_a_row_s_actor_as_its_actor_though_its_history_names_it_too(dprk, tmp_path):
    """The actor an edit made a measure's actor is named in its history too (the edit's
    'A' -> 'B'): that is no former actor of its row. Actors alone undeclared are said as
    actors, each with its rows, as ever."""
    told(dprk, (
        ["init", "--party", "Islamic Republic", "--party", "Taliban", "--party", "US"],
        ["add-measure", "Ceasefire", "--actor", "Islamic Republic", "--id", "ceasefire",
         "--date", "2020-02-29"],
        ["edit", "ceasefire", "--actor", "Taliban", "--date", "2020-03-10"],
        ["add-measure", "Drawdown", "--actor", "US", "--id", "drawdown", "--date",
         "2020-02-29"],
    ))  # fmt: skip
    exported = dprk("export", "--format", "csv")
    assert exported.code == 0, exported.err
    (tmp_path / "doha.csv").write_text(exported.out, encoding="utf-8")
    assert dprk("--ledger", "copy.toml", "init", "--party", "Islamic Republic").code == 0
    refused = dprk("--ledger", "copy.toml", "import", "doha.csv")
    assert (refused.code, refused.out) == (1, "")
    assert refused.err.endswith(
        "add the undeclared actors 'Taliban' (row 2), 'US' (row 3) all at once with 'dprk "
        "--ledger copy.toml add-party Taliban && dprk --ledger copy.toml add-party US'\n"
    ), refused.err


@pytest.mark.parametrize("fmt", ["csv", "list"])
def test_an_import_names_the_demanding_party_alone_not_declared(dprk, tmp_path, fmt):
    """The actors declared, the UUP not: the row of its demand was taken, its demand
    made one agreed by all. It is refused, named as `sequence --demanded-by UUP` names
    it, with the command that declares it; a name of a declared party in another case is
    that party, as `sequence --demanded-by uk` takes it, written as declared."""
    _decommissioning(dprk, ended=False)
    name = f"ni.{'json' if fmt == 'list' else fmt}"
    text = _measures_file(dprk, fmt)
    (tmp_path / name).write_text(text, encoding="utf-8")
    copy = tmp_path / "copy.toml"
    assert dprk("--ledger", "copy.toml", "init", "--party", "UK", "--party", "IRA").code == 0
    before = copy.read_bytes()
    refused = dprk("--ledger", "copy.toml", "import", name)
    row = "measure #2" if fmt == "list" else "row 3"
    assert (refused.code, refused.err, copy.read_bytes()) == (
        1,
        f"dprk: error: {name}: {row} (measure 'exec'): its order after 'decom': demanded_by "
        "'UUP' is not a declared party (declared: UK, IRA); add it with 'dprk --ledger "
        "copy.toml add-party UUP'\n",
        before,
    )
    (tmp_path / name).write_text(text.replace("UUP", "uk"), encoding="utf-8")
    cased = dprk("--ledger", "copy.toml", "import", name)
    assert cased.code == 0, cased.err
    shown = json.loads(dprk("--ledger", "copy.toml", "show", "exec", "--format", "json").out)
    assert [c["demanded_by"] for c in shown["constraints"]] == ["UK"]
    log = json.loads(dprk("--ledger", "copy.toml", "log", "exec", "--format", "json").out)
    assert [e["detail"] for e in log if e["event"] == "sequence"] == ["after decom, demanded by UK"]
    assert dprk("--ledger", "copy.toml", "check").code == 0  # (its deadlock: a warning)
    # (a name near a declared party, in no case its own, is still a typo of it)
    (tmp_path / name).write_text(text.replace("UUP", "UKK"), encoding="utf-8")
    assert dprk("--ledger", "copy.toml", "init", "--force", "--party", "UK", "--party",
                "IRA").code == 0  # fmt: skip
    before = copy.read_bytes()
    near = dprk("--ledger", "copy.toml", "import", name)
    assert (near.code, copy.read_bytes()) == (1, before)
    assert near.err.startswith(
        f"dprk: error: {name}: {row} (measure 'exec'): its order after 'decom': demanded_by "
        "'UKK' is not a declared party (declared: UK, IRA); did you mean UK?"
    ), near.err


def test_an_import_takes_a_declared_party_in_any_case_as_the_command_line_does(dprk, tmp_path):
    """A sheet typed by a reporter: `ukraine` and `Turkiye` for the declared Ukraine and
    Türkiye were refused ("did you mean Ukraine?"), where `--actor ukraine` is Ukraine.
    They are the declared parties, written as declared."""
    assert dprk("init", "--party", "Ukraine", "--party", "Russia", "--party", "Türkiye").code == 0
    sheet = tmp_path / "rows.csv"
    sheet.write_text(
        "id,title,actor,category,status,date\n"
        "corridor,Ships leave under inspection,ukraine,trade,agreed,2022-07-22\n"
        "jcc,Joint Coordination Centre opens,Turkiye,trade,implemented,2022-07-27\n",
        encoding="utf-8",
    )
    result = dprk("import", str(sheet))
    assert (result.code, result.err) == (
        0,
        f"imported 2 measures from {sheet} (2 new, 0 replaced)\n",
    )
    kept = json.loads(dprk("export").out)
    assert [(m["id"], m["actor"]) for m in kept["measures"]] == [
        ("corridor", "Ukraine"),
        ("jcc", "Türkiye"),
    ]
    assert kept["parties"] == ["Ukraine", "Russia", "Türkiye"]
    assert dprk("check").out == "ok: no problems found\n"


def test_an_undated_whole_dated_by_its_part_round_trips(dprk, empty, tmp_path):
    """w, added without a date, made of p (implemented on 2020-04-08): exported and
    imported into a new ledger, w's creation is dated 2020-04-08 in both files, still
    undated (a part redated moves it), and `show` dates it so in both."""
    assert dprk("add-measure", "W", "--actor", "DPRK", "--id", "w").code == 0
    assert dprk("add-measure", "P", "--actor", "DPRK", "--id", "p", "--part-of", "w",
                "--status", "implemented", "--date", "2020-04-08").code == 0  # fmt: skip
    exported = dprk("export").out
    (w,) = [m for m in json.loads(exported)["measures"] if m["id"] == "w"]
    assert [(h["date"], h["undated"]) for h in w["history"]] == [("2020-04-08", True)]
    copy = tmp_path / "copy.toml"
    assert dprk("--ledger", str(copy), "init", "--party", "DPRK").code == 0
    assert dprk("--ledger", str(copy), "import", "-", stdin=exported).code == 0
    assert dprk("--ledger", str(copy), "export").out == exported
    for ledger in (empty, copy):
        doc = json.loads(dprk("--ledger", str(ledger), "show", "w", "--format", "json").out)
        assert [h["date"] for h in doc["history"]] == ["2020-04-08"]
        assert dprk("--ledger", str(ledger), "check").out == "ok: no problems found\n"
    assert dprk("--ledger", str(copy), "redate", "p", "1", "2020-05-01").code == 0
    doc = json.loads(dprk("--ledger", str(copy), "show", "w", "--format", "json").out)
    assert [h["date"] for h in doc["history"]] == ["2020-05-01"]


def test_a_new_verifier_no_finding_of_the_file_names_is_refused_as_verify_refuses_one(
    dprk, tmp_path
):
    """'import FILE --new-verifier NAME' where no finding in FILE is by NAME: the flag was
    ignored without a word, so a name misspelt there ('Irma' for the file's Iram) said
    nothing, and the import went ahead, or failed on the finding it was meant to allow.
    As 'verify --new-verifier' refuses a name it cannot be about (a declared party's),
    import refuses it, in one line, naming the nearest verifier of the file's findings,
    and writes nothing; the advice, followed, imports the file."""
    assert dprk("init", "--title", "t", "--party", "Iran", "--party", "US").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    rows = [
        {"id": "relief", "title": "Lift sanctions", "actor": "US", "status": "implemented",
         "date": "2016-01-16",
         "verifications": [{"by": "Iram", "result": "confirmed", "date": "2016-01-20"}]},
        {"id": "caps", "title": "Cap enrichment", "actor": "Iran", "status": "implemented",
         "date": "2016-01-16",
         "verifications": [{"by": "IAEA", "result": "confirmed", "date": "2016-01-20"}]},
    ]  # fmt: skip
    (tmp_path / "v.json").write_text(json.dumps(rows), encoding="utf-8")
    before = ledger.read_bytes()
    for wrong, meant in (("Irma", "Iram"), ("IAAE", "IAEA")):
        result = dprk("import", "v.json", "--new-verifier", "Iram", "--new-verifier", wrong)
        assert (result.code, result.out, result.err) == (
            1,
            "",
            f"dprk: error: v.json: --new-verifier: none of its findings is by '{wrong}'; "
            f"did you mean {meant}?\n",
        )
        assert ledger.read_bytes() == before
    # a name nothing in the file is near
    result = dprk("import", "v.json", "--new-verifier", "Iram", "--new-verifier", "UN panel")
    assert (result.code, result.err) == (
        1,
        "dprk: error: v.json: --new-verifier: none of its findings is by 'UN panel'; leave "
        "it out of --new-verifier\n",
    )
    assert ledger.read_bytes() == before
    # the advice, followed (a name as the file spells it, in any case, is the same)
    result = dprk("import", "v.json", "--new-verifier", "iram", "--new-verifier", "IAEA")
    assert result.code == 0, result.err
    assert dprk("check").code == 0


def test_a_finding_by_a_new_verifier_near_a_party_survives_an_export_and_import(dprk, tmp_path):
    """A finding recorded with 'verify --by Iram --new-verifier' (a verifier near the
    party Iran, said to be new on purpose) made the ledger's export unimportable: import
    judged the finding again as a typo of Iran ("did you mean Iran?"), with no way to
    say otherwise. A finding that carries the history entry dprk wrote for it, as an
    export gives it, was accepted by dprk when recorded, and is taken as it is: the
    JSON and CSV round trips and the sync recipe work. A finding a file gives without
    its entry (a sheet made by hand) is still refused as a typo, with advice that works:
    'import --new-verifier NAME', as 'verify --new-verifier' says the same."""
    assert dprk("init", "--title", "t", "--party", "Iran", "--party", "US").code == 0
    assert dprk("add-measure", "Lift sanctions", "--actor", "US", "--id", "relief",
                "--status", "implemented", "--date", "2016-01-16").code == 0  # fmt: skip
    ledger = tmp_path / "dprk-ledger.toml"
    plain = ledger.read_bytes()  # (before the finding: the other side of a sync)
    assert dprk("verify", "relief", "--by", "Iram", "--new-verifier", "--date",
                "2016-01-20").code == 0  # fmt: skip
    # JSON into an empty ledger: the same file, byte for byte
    assert dprk("--ledger", "copy.toml", "init").code == 0
    exported = dprk("export").out
    result = dprk("--ledger", "copy.toml", "import", "-", stdin=exported)
    assert (result.code, result.err) == (
        0,
        "imported 1 measure from standard input (1 new, 0 replaced; declared Iran, US; "
        "titled 't')\n",
    )
    assert (tmp_path / "copy.toml").read_bytes() == ledger.read_bytes()
    # CSV, into a ledger that declares the parties
    assert dprk("--ledger", "sheet.toml", "init", "--party", "Iran", "--party", "US").code == 0
    sheet = dprk("export", "--format", "csv").out
    result = dprk("--ledger", "sheet.toml", "import", "--format", "csv", "-", stdin=sheet)
    assert result.code == 0, result.err
    shown = json.loads(dprk("--ledger", "sheet.toml", "show", "relief", "--format", "json").out)
    assert shown["verified_by"] == ["Iram"]
    # the sync recipe: a conflict copy's measures, into a ledger without the finding
    (tmp_path / "dprk-ledger (1).toml").write_bytes(ledger.read_bytes())
    ledger.write_bytes(plain)
    copied = dprk("--ledger", "dprk-ledger (1).toml", "export").out
    result = dprk("import", "--replace", "-", stdin=copied)
    assert result.code == 0, result.err
    assert ledger.read_bytes() == (tmp_path / "dprk-ledger (1).toml").read_bytes()
    assert dprk("check").code == 0
    # a finding a hand-made file gives, no entry of dprk's with it: judged as 'verify'
    # judges one, and the advice followed records it
    assert dprk("--ledger", "hand.toml", "init", "--party", "Iran", "--party", "US").code == 0
    hand = tmp_path / "hand.toml"
    before = hand.read_bytes()
    row = {"id": "relief", "title": "Lift sanctions", "actor": "US", "status": "implemented",
           "date": "2016-01-16",
           "verifications": [{"by": "Iram", "result": "confirmed", "date": "2016-01-20"}]}  # fmt: skip
    (tmp_path / "v.json").write_text(json.dumps([row]), encoding="utf-8")
    result = dprk("--ledger", "hand.toml", "import", "v.json")
    assert (result.code, result.out, result.err) == (
        1,
        "",
        "dprk: error: v.json: measure #1 (measure 'relief'): its finding by 'Iram' is not a "
        "declared party (declared: Iran, US); did you mean Iran? If 'Iram' is a verifier "
        "new to the ledger and no party, import with --new-verifier Iram\n",
    )
    assert hand.read_bytes() == before
    # --new-verifier does not make a declared party's name another verifier's
    result = dprk("--ledger", "hand.toml", "import", "v.json", "--new-verifier", "iran")
    assert (result.code, result.err) == (
        1,
        "dprk: error: v.json: --new-verifier: 'iran' is the declared party Iran, no new "
        "verifier; "
        "leave it out of --new-verifier\n",
    )
    assert hand.read_bytes() == before
    result = dprk("--ledger", "hand.toml", "import", "v.json", "--new-verifier", "Iram")
    assert result.code == 0, result.err
    shown = json.loads(dprk("--ledger", "hand.toml", "show", "relief", "--format", "json").out)
    assert shown["verified_by"] == ["Iram"]


def test_a_whole_imported_as_verified_without_findings_is_advised_what_works(dprk, empty, tmp_path):
    """A row made of parts, given status verified and no findings, was refused with
    'import it as implemented and run dprk verify W --by VERIFIER': followed, verify
    refuses a finding on a measure made of parts. The refusal now says to leave the
    status out and record the findings on its parts, which, followed, is accepted and
    gives the whole its parts' status."""
    (tmp_path / "w.csv").write_text(
        "id,title,actor,status,part_of,date\n"
        "w,W,US,verified,,2018-01-01\n"
        "p1,P1,US,implemented,w,2018-01-01\n",
        encoding="utf-8",
    )
    before = empty.read_bytes()
    result = dprk("import", "w.csv")
    assert (result.code, result.out, empty.read_bytes()) == (1, "", before)
    assert result.err == (
        "dprk: error: w.csv: row 2 (measure 'w'): status 'verified' comes only from a "
        "verifier's finding, and a measure made of parts takes its status from them: leave "
        "the status out of the row, and record the findings on its parts ('dprk verify PART "
        "--by VERIFIER')\n"
    )
    (tmp_path / "w.csv").write_text(
        "id,title,actor,status,part_of,date\n"
        "w,W,US,,,2018-01-01\n"
        "p1,P1,US,implemented,w,2018-01-01\n",
        encoding="utf-8",
    )
    assert dprk("import", "w.csv").code == 0
    assert dprk("verify", "p1", "--by", "IAEA", "--date", "2018-03-01").code == 0
    status = {
        m["id"]: m["status"] for m in json.loads(dprk("status", "--format", "json").out)["measures"]
    }
    assert (status["w"], status["p1"]) == ("verified", "verified")
    assert dprk("check").out == "ok: no problems found\n"


def test_a_status_mistyped_in_an_import_says_which_it_is_near(dprk, empty, tmp_path):
    """'implemnted' in a sheet listed the statuses and left the reader to find the typo,
    where the command line says which it is near."""
    (tmp_path / "bad.csv").write_text(
        "id,title,actor,status\nq,Q,US,implemnted\n", encoding="utf-8"
    )
    before = empty.read_bytes()
    result = dprk("import", "bad.csv")
    assert (result.code, result.out, empty.read_bytes()) == (1, "", before)
    assert result.err == (
        "dprk: error: bad.csv: row 2 (measure 'q'): field 'status': 'implemnted' is not one "
        "of 'proposed', 'agreed', 'implemented', 'verified', 'disputed', 'reversed', "
        "'withdrawn' or 'rejected' (did you mean 'implemented'?)\n"
    )


@pytest.mark.parametrize("second", ["IAEA", "I.A.E.A."])
def test_an_import_refuses_a_row_that_gives_one_finding_twice(dprk, empty, tmp_path, second):
    """A row with the same finding twice (by IAEA, confirmed, on one day; the second
    written I.A.E.A. or not) was imported, both kept, and check said ok, where 'verify'
    refuses a finding given again."""
    found = [
        {"by": "IAEA", "result": "confirmed", "date": "2015-12-28"},
        {"by": second, "result": "confirmed", "date": "2015-12-28"},
    ]
    row = {"id": "st", "title": "St", "actor": "US", "status": "implemented",
           "date": "2015-12-01", "verifications": found}  # fmt: skip
    (tmp_path / "dup.json").write_text(json.dumps([row]), encoding="utf-8")
    before = empty.read_bytes()
    result = dprk("import", "dup.json")
    assert (result.code, result.out, empty.read_bytes()) == (1, "", before)
    assert result.err == (
        f"dprk: error: dup.json: measure #1 (measure 'st'): its finding confirmed by {second} "
        "on 2015-12-28 is given twice; give it once\n"
    )
    row["verifications"] = found[:1]
    (tmp_path / "dup.json").write_text(json.dumps([row]), encoding="utf-8")
    assert dprk("import", "dup.json").code == 0
    assert dprk("check").out == "ok: no problems found\n"


def test_a_row_with_a_bad_date_names_its_other_bad_fields_too(dprk, empty, tmp_path):
    """A row with '22/02/2019', 'implemnted' and 'ful' named only its date: the status
    and the extent were refused one run later, where every other field a row refuses is
    named at once. And a problem after the first was cut to 90 characters from its end,
    its '(did you mean ...?)' with it: each is now given whole."""
    (tmp_path / "f.csv").write_text(
        "id,title,actor,status,extent,date\na,Cap enrichment,US,implemnted,ful,22/02/2019\n",
        encoding="utf-8",
    )
    before = empty.read_bytes()
    result = dprk("import", "f.csv")
    assert (result.code, result.out, empty.read_bytes()) == (1, "", before)
    assert result.err == (
        "dprk: error: f.csv: row 2 (measure 'a'): date '22/02/2019' is not a date; use "
        "YYYY-MM-DD (2019-02-22?); also field 'status': 'implemnted' is not one of "
        "'proposed', 'agreed', 'implemented', 'verified', 'disputed', 'reversed', 'withdrawn' "
        "or 'rejected' (did you mean 'implemented'?); field 'extent': 'ful' is not one of "
        "'not-initiated', 'minimal', 'intermediate' or 'full' (did you mean 'full'?)\n"
    )
    (tmp_path / "g.csv").write_text("id,title,actor,date\nb,B,US,22/02/2019\n", encoding="utf-8")
    alone = dprk("import", "g.csv")
    assert (alone.code, alone.err) == (
        1,
        "dprk: error: g.csv: row 2 (measure 'b'): date '22/02/2019' is not a date; use "
        "YYYY-MM-DD (2019-02-22?)\n",
    )
    assert empty.read_bytes() == before


def _without_recorded(log: str) -> list[dict]:
    return [{k: v for k, v in e.items() if k != "recorded"} for e in json.loads(log)]


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_a_row_exchanged_for_a_measure_made_later_is_linked_as_add_measure_links_it(
    dprk, tmp_path, fmt
):
    """Handed over in January 2011 in exchange for integration, which was made in
    November: `add-measure --in-exchange-for` records the link on integration from its
    own beginning, the later of the two, and `check` finds nothing; the same row imported
    was refused, advising to redate an exchange entry that only the refused import held.
    An import row is a measure being added: its link comes into force on the same day,
    and the ledger reads as the one `add-measure` makes."""
    parties = ("--party", "Government of Nepal", "--party", "CPN-Maoist")
    integration = ("add-measure", "Integrate Maoist combatants into the Nepal Army",
                   "--actor", "Government of Nepal", "--id", "integration",
                   "--date", "2011-11-01")  # fmt: skip
    title = "Maoists hand the cantonments to the Special Committee"
    for ledger in ("added.toml", "imported.toml"):
        assert dprk("--ledger", ledger, "init", "--title", "Nepal CPA", *parties).code == 0
        assert dprk("--ledger", ledger, *integration).code == 0
    added = dprk("--ledger", "added.toml", "add-measure", title, "--actor", "CPN-Maoist",
                 "--id", "handover", "--date", "2011-01-22", "--in-exchange-for",
                 "integration")  # fmt: skip
    assert added.code == 0, added.err
    if fmt == "csv":
        (tmp_path / "h.csv").write_text(
            f"id,title,actor,date,in_exchange_for\nhandover,{title},CPN-Maoist,2011-01-22,"
            "integration\n",
            encoding="utf-8",
        )
    else:
        row = {"id": "handover", "title": title, "actor": "CPN-Maoist", "date": "2011-01-22",
               "in_exchange_for": ["integration"]}  # fmt: skip
        (tmp_path / "h.json").write_text(json.dumps([row]), encoding="utf-8")
    result = dprk("--ledger", "imported.toml", "import", f"h.{fmt}")
    assert (result.code, result.out, result.err) == (
        0,
        "",
        f"imported 1 measure from h.{fmt} (1 new, 0 replaced)\n",
    )
    logs = [dprk("--ledger", ledger, "log", "--format", "json") for ledger in
            ("added.toml", "imported.toml")]  # fmt: skip
    said = [[(e["date"], e["id"], e["event"], e["detail"]) for e in json.loads(log.out)]
            for log in logs]  # fmt: skip
    assert said[0] == [
        ("2011-01-22", "handover", "created", "created as proposed"),
        ("2011-11-01", "integration", "created", "created as proposed"),
        ("2011-11-01", "integration", "exchange", "in exchange for handover"),
    ]
    assert said[1] == [
        ("2011-01-22", "handover", "created", "imported as proposed"),
        *said[0][1:],
    ]
    assert dprk("--ledger", "imported.toml", "check").out == "ok: no problems found\n"


def test_a_party_s_measures_exported_go_into_a_ledger_holding_the_measure_they_are_traded_for(
    dprk, tmp_path
):
    """`export --help` says the measures chosen keep their links to those left out, and
    another ledger takes them once it holds those too: the CPN-Maoist's measure, exchanged
    for a measure made later, was refused by a ledger holding that measure, though dprk
    wrote the file itself."""
    parties = ("--party", "Government of Nepal", "--party", "CPN-Maoist")
    integration = ("add-measure", "Integrate Maoist combatants into the Nepal Army",
                   "--actor", "Government of Nepal", "--id", "integration",
                   "--date", "2011-11-01")  # fmt: skip
    for ledger in ("whole.toml", "other.toml"):
        assert dprk("--ledger", ledger, "init", "--title", "Nepal CPA", *parties).code == 0
        assert dprk("--ledger", ledger, *integration).code == 0
    assert dprk("--ledger", "whole.toml", "add-measure", "Hand over the cantonments",
                "--actor", "CPN-Maoist", "--id", "handover", "--date", "2011-01-22",
                "--in-exchange-for", "integration").code == 0  # fmt: skip
    exported = dprk("--ledger", "whole.toml", "export", "--party", "CPN-Maoist")
    assert exported.code == 0, exported.err
    (tmp_path / "cpn.json").write_text(exported.out, encoding="utf-8")
    result = dprk("--ledger", "other.toml", "import", "cpn.json")
    assert (result.code, result.err) == (
        0,
        "imported 1 measure from cpn.json (1 new, 0 replaced)\n",
    )
    logs = [dprk("--ledger", ledger, "log", "--format", "json").out for ledger in
            ("whole.toml", "other.toml")]  # fmt: skip
    assert _without_recorded(logs[1]) == _without_recorded(logs[0])
    assert dprk("--ledger", "other.toml", "check").out == "ok: no problems found\n"
    for ledger in ("whole.toml", "other.toml"):
        shown = json.loads(dprk("--ledger", ledger, "show", "integration", "--format", "json").out)
        assert shown["in_exchange_for"] == ["handover"]


def test_a_refused_change_in_a_ledger_of_a_parent_folder_names_it(dprk, tmp_path, monkeypatch):
    """An import in a new folder took the ledger of the folder above, and its refusal
    ('a measure with this id already exists; use --replace') read as of a new ledger,
    whose advice would overwrite the one above: a refused change names the ledger it
    was refused by when a parent folder holds it, an import with how to make one here."""
    ledger = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--party", "Syria").code == 0
    assert dprk("add-measure", "Redeploy", "--actor", "Syria", "--id", "bekaa").code == 0
    exported = dprk("export")
    assert exported.code == 0
    (tmp_path / "all.json").write_text(exported.out, encoding="utf-8")
    before = ledger.read_bytes()
    (tmp_path / "copy").mkdir()
    monkeypatch.chdir(tmp_path / "copy")
    above = " (in ../dprk-ledger.toml, the ledger of a parent folder"
    result = dprk("import", "../all.json")
    assert (result.code, result.out, result.err) == (
        1,
        "",
        "dprk: error: ../all.json: measure #1 (measure 'bekaa'): a measure with this id "
        f"already exists; use --replace to overwrite it{above}; 'dprk init' makes a new one "
        "here)\n",
    )
    again = dprk("add-measure", "Redeploy", "--actor", "Syria", "--id", "bekaa")
    assert (again.code, again.out, again.err) == (
        1,
        "",
        f"dprk: error: a measure with id 'bekaa' already exists; choose another --id{above})\n",
    )
    assert ledger.read_bytes() == before
    assert list((tmp_path / "copy").iterdir()) == []
    # (normal output as it was; a ledger named, or one here, is not said to be above)
    assert dprk("status", "--format", "ids").out == "bekaa\n"
    named = dprk("--ledger", "../dprk-ledger.toml", "mark", "zzz", "agreed")
    assert named.code == 1 and "parent folder" not in named.err
    assert dprk("init", "--party", "Syria").code == 0
    imported = dprk("import", "../all.json")
    assert (imported.code, imported.out) == (0, "")
    assert imported.err == ("imported 1 measure from ../all.json (1 new, 0 replaced)\n")
    assert ledger.read_bytes() == before


def test_a_change_written_to_a_ledger_of_a_parent_folder_names_it(
    dprk, tmp_path, monkeypatch, tick
):
    """'dprk undo' typed in a new subfolder took back an import --replace in the ledger of
    the folder above, saying only 'undid: ...'. Every change written to a ledger a parent
    folder holds says which, on standard error after its line (standard output as it
    was); not where --ledger or DPRK_LEDGER names it, nor where it is in this folder."""
    ledger = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--party", "Syria").code == 0
    tick()
    assert dprk("add-measure", "Redeploy", "--actor", "Syria", "--id", "bekaa").code == 0
    (tmp_path / "in.csv").write_text("id,title,actor\nbekaa,Withdraw,Syria\n", encoding="utf-8")
    tick()
    assert dprk("import", "in.csv", "--replace").code == 0
    imported = ledger.read_bytes()
    (tmp_path / "copy").mkdir()
    monkeypatch.chdir(tmp_path / "copy")
    wrote = "dprk: wrote ../dprk-ledger.toml, the ledger of a parent folder\n"
    tick()
    undone = dprk("undo")
    made = "import in.csv --replace (made 2023-11-14 22:13:26 UTC)"
    assert (undone.code, undone.out, undone.err) == (0, "", f"undid: {made}\n{wrote}")
    assert ledger.read_bytes() != imported and b"Redeploy" in ledger.read_bytes()
    tick()
    redone = dprk("redo")
    assert (redone.code, redone.out, redone.err) == (0, "", f"redid: {made}\n{wrote}")
    assert ledger.read_bytes() == imported
    tick()
    marked = dprk("mark", "bekaa", "agreed", "--date", "2005-03-05")
    assert (marked.code, marked.out, marked.err) == (
        0,
        "",
        "bekaa: agreed on 2005-03-05\n" + wrote,
    )
    tick()
    added = dprk("add-measure", "Pull back", "--actor", "Syria", "--id", "w")
    assert (added.code, added.out, added.err) == (0, "w\n", wrote)
    assert b'id = "w"' in ledger.read_bytes()
    # (named, or in this folder: no line; refused or unchanged: none either)
    before = ledger.read_bytes()
    tick()
    named = dprk("--ledger", "../dprk-ledger.toml", "note", "w", "named")
    assert (named.code, named.out) == (0, "") and "parent folder" not in named.err
    monkeypatch.setenv("DPRK_LEDGER", "../dprk-ledger.toml")
    tick()
    by_env = dprk("undo")
    assert by_env.code == 0 and by_env.err.count("\n") == 1 and "parent folder" not in by_env.err
    monkeypatch.delenv("DPRK_LEDGER")
    assert ledger.read_bytes() == before
    refused = dprk("mark", "nope", "agreed")
    assert refused.code == 1 and wrote not in refused.err
    assert ledger.read_bytes() == before
    monkeypatch.chdir(tmp_path)
    tick()
    here = dprk("mark", "w", "agreed", "--date", "2005-03-05")
    assert (here.code, here.out, here.err) == (0, "", "w: agreed on 2005-03-05\n")
    assert ledger.read_bytes() != before


def test_an_import_of_many_measures_acted_against_orders_names_five_and_counts_the_rest(
    dprk, tmp_path
):
    """A write says each measure it made act against an order; an import of thousands
    such said thousands of lines. It names the first five and counts the others, which
    `check` lists."""
    assert dprk("init", "--party", "A", "--party", "B").code == 0
    assert dprk("add-measure", "y", "--actor", "B", "--id", "y", "--date", "2020-01-01").code == 0
    for n in range(1, 8):
        for args in (
            ("add-measure", f"m{n}", "--actor", "A", "--id", f"m{n}", "--date", "2020-01-01"),
            ("sequence", f"m{n}", "--after", "y", "--demanded-by", "B", "--date", "2020-01-02"),
            ("mark", f"m{n}", "implemented", "--date", f"2020-02-0{n}"),
        ):
            assert dprk(*args).code == 0, args
    exported = dprk("export", "--format", "json")
    (tmp_path / "all.json").write_text(exported.out, encoding="utf-8")
    other = tmp_path / "other.toml"
    assert dprk("--ledger", other, "init").code == 0
    imported = dprk("--ledger", other, "import", tmp_path / "all.json")
    assert (imported.code, imported.out) == (0, "")
    lines = imported.err.splitlines()
    assert lines[0].startswith("imported 8 measures")
    assert [line.split(":")[2].strip() for line in lines[1:6]] == [f"m{n}" for n in range(1, 6)]
    assert lines[6:] == [
        f"dprk: warning: 2 more measures acted against an order; 'dprk --ledger {other.name} "
        "check' lists them all"
    ]
    checked = dprk("--ledger", other, "check", "--format", "ids")
    assert sorted(set(checked.out.split())) == ["m1", "m2", "m3", "m4", "m5", "m6", "m7", "y"]
    assert other.read_bytes().count(b"[[measures]]") == 8


def test_an_import_of_wholes_and_their_parts_counts_the_parts_once_not_for_each_whole(
    dprk, tmp_path, tick, monkeypatch
):
    """An import dates each whole added without a date by its parts, one at a time, and
    dating one made the draft count again what every measure it held is or was part of,
    for the next: 5,000 rows of wholes and parts took four times as long as 2,500. A
    whole dated is part of what it was: what was counted stands."""
    from dprk_cli import lifecycle

    asked: list[str] = []  # (each measure asked what it was part of once)
    real = lifecycle.was_part_of

    def counting(m):
        asked.append(m.id)
        return real(m)

    monkeypatch.setattr(lifecycle, "was_part_of", counting)
    rows, blocks = [], []
    recorded = "recorded = 2023-11-14 22:13:22+00:00\n"
    for w in range(60):
        first = 1 + w % 20  # (its first part's day dates it)
        rows.append({"id": f"w{w:02d}", "title": f"Whole {w}", "actor": "A"})
        blocks.append(
            f'[[measures]]\nid = "w{w:02d}"\ntitle = "Whole {w}"\nactor = "A"\n'
            'status = "implemented"\nextent = "intermediate"\n\n[[measures.history]]\n'
            f'date = 2020-01-{first:02d}\nevent = "created"\nstatus = "proposed"\n'
            'detail = "imported as proposed (no date given: dated by its earliest event)"\n'
            f"undated = true\n{recorded}"
        )
        for p, status in enumerate(("implemented", "implemented", "agreed", "agreed")):
            day = f"2020-01-{first + p:02d}"
            rows.append(
                {"id": f"w{w:02d}-p{p}", "title": f"Part {p} of {w}", "actor": "A",
                 "part_of": f"w{w:02d}", "status": status, "date": day}
            )  # fmt: skip
            blocks.append(
                f'[[measures]]\nid = "w{w:02d}-p{p}"\ntitle = "Part {p} of {w}"\nactor = "A"\n'
                f'status = "{status}"\npart_of = "w{w:02d}"\n\n[[measures.history]]\n'
                f'date = {day}\nevent = "created"\nstatus = "{status}"\n'
                f'detail = "imported as {status}"\n{recorded}'
            )
    (tmp_path / "parts.json").write_text(
        json.dumps({"schema": 1, "parties": ["A"], "measures": rows}), encoding="utf-8"
    )
    assert dprk("init").code == 0
    asked.clear()
    result = dprk("import", "parts.json")
    assert (result.code, result.out, result.err) == (
        0,
        "",
        "imported 300 measures from parts.json (300 new, 0 replaced; declared A)\n",
    )
    header = 'schema = 1\ntitle = "Untitled negotiation"\nparties = [\n    "A",\n]\n\n'
    ledger = tmp_path / "dprk-ledger.toml"
    assert ledger.read_text(encoding="utf-8") == header + "\n".join(blocks)
    assert len(asked) < 20 * len(rows), len(asked)  # (was 21,720: 72 for each row)


def test_an_import_of_many_rows_looks_for_their_titles_on_record_in_one_pass(dprk, tmp_path, tick):
    """A new row with the title and actor of a measure on record is warned of. Before
    the pass over every title that finds them, the kept titles were searched for each
    row's, each search a pass too: an import's rows times the ledger's measures (a
    5,000-measure export imported took 30 s). The one pass finds them all."""
    from dprk_cli.store.measures import StoreIndex
    from tests.spying import answered

    assert dprk("init", "--party", "A").code == 0
    made = dprk("add-measure", "Same title", "--actor", "A", "--id", "old", "--date", "2020-01-01")
    assert made.code == 0, made.err
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_text(encoding="utf-8")
    tick()
    rows, blocks = [], []
    for n in range(80):
        title = "same  TITLE" if n == 40 else f"Row {n}"
        rows.append({"id": f"r{n:02d}", "title": title, "actor": "A", "date": "2020-02-01"})
        blocks.append(
            f'[[measures]]\nid = "r{n:02d}"\ntitle = "{title}"\nactor = "A"\n'
            'status = "proposed"\n\n[[measures.history]]\ndate = 2020-02-01\n'
            'event = "created"\nstatus = "proposed"\ndetail = "imported as proposed"\n'
            "recorded = 2023-11-14 22:13:24+00:00\n"
        )
    (tmp_path / "rows.json").write_text(
        json.dumps({"schema": 1, "parties": ["A"], "measures": rows}), encoding="utf-8"
    )
    with answered(StoreIndex, "may_hold_title") as asked:
        result = dprk("import", "rows.json")
    assert (result.code, result.out, result.err) == (
        0,
        "",
        "imported 80 measures from rows.json (80 new, 0 replaced)\n"
        "dprk: warning: r40: measure #41 has the title and actor of 'old'; if it is the "
        "same measure, 'dprk undo' takes the import back, or 'dprk remove r40' this one\n",
    )
    assert ledger.read_text(encoding="utf-8") == before + "\n" + "\n".join(blocks)
    assert asked == []  # (was one a row: 80)


def test_an_import_of_a_part_says_how_its_whole_now_stands(dprk, tmp_path):
    """w, verified through its one part p1, was given a second part p2 by an import: w
    went from verified to implemented and the import said nothing of it, where
    `add-measure --part-of` says 'w now implemented ... (it was verified)'. The import
    says it too, in the same words, a line per whole it moved outside the import itself;
    many are counted."""
    ledger = tmp_path / "dprk-ledger.toml"
    for args in (
        ("init", "--party", "A"),
        ("add-measure", "W", "--actor", "A", "--id", "w", "--status", "agreed",
         "--date", "2000-01-01"),
        ("add-measure", "P1", "--actor", "A", "--id", "p1", "--part-of", "w",
         "--status", "implemented", "--date", "2000-02-01"),
        ("verify", "p1", "--by", "X", "--date", "2000-02-02"),
    ):  # fmt: skip
        assert dprk(*args).code == 0
    before = ledger.read_bytes()
    added = dprk("add-measure", "P2", "--actor", "A", "--id", "p2", "--part-of", "w",
                 "--status", "agreed", "--date", "2000-01-01")  # fmt: skip
    assert added.code == 0
    said = added.err.split("; ", 1)[1]  # ('w now implemented ... verified from ...)')
    assert said.startswith("w now implemented") and said.endswith("verified from 2000-02-02)\n")
    assert dprk("undo").code == 0 and ledger.read_bytes() == before
    (tmp_path / "p.csv").write_text(
        "id,title,actor,status,date,part_of\np2,P2,A,agreed,2000-01-01,w\n", encoding="utf-8"
    )
    result = dprk("import", "p.csv")
    assert (result.code, result.out, result.err) == (
        0,
        "",
        f"imported 1 measure from p.csv (1 new, 0 replaced)\nby the import: {said}",
    )
    assert json.loads(dprk("show", "w", "--format", "json").out)["status"] == "implemented"
    assert _stored_parts(ledger) == {"p1": "w", "p2": "w"}
    assert dprk("undo").code == 0 and ledger.read_bytes() == before
    # A whole in the import itself is the import's: nothing said of it.
    (tmp_path / "q.csv").write_text(
        "id,title,actor,status,date,part_of\nv,V,A,agreed,2000-01-01,\n"
        "v1,V1,A,implemented,2000-01-05,v\n",
        encoding="utf-8",
    )
    quiet = dprk("import", "q.csv")
    assert (quiet.code, quiet.err) == (0, "imported 2 measures from q.csv (2 new, 0 replaced)\n")
    assert dprk("undo").code == 0 and ledger.read_bytes() == before
    # Twelve wholes moved: ten named, the rest counted.
    rows = ["id,title,actor,status,date,part_of"]
    for n in range(12):
        assert dprk("add-measure", f"W{n}", "--actor", "A", "--id", f"w{n:02}", "--status",
                    "agreed", "--date", "2000-01-01").code == 0  # fmt: skip
        rows.append(f"q{n:02},Q{n},A,implemented,2000-03-01,w{n:02}")
    (tmp_path / "many.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    many = dprk("import", "many.csv")
    assert many.code == 0, many.err
    assert many.err.splitlines()[1:] == [
        *(f"by the import: w{n:02} now implemented from 2000-03-01 (it was agreed)"
          for n in range(10)),
        "and 2 more measures made of parts it moved",
    ]  # fmt: skip
    assert _stored_parts(ledger) == {f"q{n:02}": f"w{n:02}" for n in range(12)} | {"p1": "w"}


def _stored_parts(ledger) -> dict[str, str]:
    """Each part the ledger's file stores, and the measure it is a part of."""
    import tomllib

    measures = tomllib.loads(ledger.read_text(encoding="utf-8"))["measures"]
    return {m["id"]: m["part_of"] for m in measures if "part_of" in m}


@pytest.mark.parametrize("named", ["--ledger", "DPRK_LEDGER"])
def test_the_advice_about_an_imported_file_s_ledger_names_no_ledger_given_here(
    dprk, tmp_path, monkeypatch, named
):
    """An import into a ledger named with --ledger (or DPRK_LEDGER) was refused with the
    advice 'dprk --ledger copy.toml resolve' in the ledger it was exported from: the
    ledger imported into, where the advice is for the one the file came from. Advice for
    that ledger is said as bare 'dprk' commands, whatever the import ran on."""
    assert dprk("--ledger", "copy.toml", "init", "--party", "US").code == 0
    copy = tmp_path / "copy.toml"
    before = copy.read_bytes()
    if named == "DPRK_LEDGER":
        monkeypatch.setenv("DPRK_LEDGER", str(copy))
        prefix: list[str] = []
    else:
        prefix = ["--ledger", "copy.toml"]
    conflicts = [{"field": "title", "ours": "a", "theirs": "b"}]
    row = {"id": "m", "title": "T", "actor": "US", "conflicts": conflicts}
    result = dprk(*prefix, "import", "-", "--format", "json", stdin=json.dumps([row]))
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "dprk: error: standard input: measure #1 (measure 'm'): it is in an unresolved "
        "merge conflict (on: title); settle it with 'dprk resolve' in the ledger it was "
        "exported from, then export again\n"
    )
    document = {
        "schema": 1,
        "title": "Talks B",
        "parties": ["US"],
        "conflicts": [{"field": "title", "ours": "Talks B", "theirs": "Talks A"}],
        "measures": [],
    }
    result = dprk(*prefix, "import", "-", "--format", "json", stdin=json.dumps(document))
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "dprk: error: standard input: the ledger it was exported from has unresolved merge "
        "conflicts of its own (on: title); settle them with 'dprk resolve' in the ledger it "
        "was exported from, then export again\n"
    )
    # A row's mending is said as an export writes one, of any ledger.
    finding = '"[{""by"":""IAEA"",""result"":""confirmed"",""date"":""2016-01-20""}]"'
    sheet = f"id,title,actor,status,date,verifications\nv3,Step,US,proposed,2016-01-16,{finding}\n"
    result = dprk(*prefix, "import", "-", "--format", "csv", stdin=sheet)
    assert (result.code, result.out) == (1, "")
    assert "as 'dprk export' writes one)" in result.err and "copy.toml" not in result.err
    assert copy.read_bytes() == before
    # The advice for the ledger imported into still names it.
    result = dprk(*prefix, "import", "copy.toml")
    assert result.code == 1
    into = "dprk --ledger copy.toml import" if prefix else "dprk import"  # (as it ran)
    assert f"| {into} -'" in result.err, result.err
    assert copy.read_bytes() == before


REPORT_REFUSED = (
    "dprk: error: {label} holds the output of {command}, a report, not a ledger: export a "
    "ledger with 'dprk export' (JSON, JSON lines, CSV or TSV) to import it\n"
)


@pytest.mark.parametrize("named", [False, True])
def test_a_report_s_output_given_to_import_is_said_to_be_one(dprk, empty, tmp_path, named):
    """`dprk status --format json | dprk --ledger new.toml import -` was refused as a
    typo ("'as_of' is not a field of a ledger document"), its JSON lines as nine unknown
    fields of line 1: the output of a report, in any format it gives, is said to be one,
    with the export to use instead (its commands as they are: 'dprk export' is of the
    ledger reported on, not of the one imported into)."""
    for ident, actor in (("a", "US"), ("b", "DPRK")):
        assert dprk("add-measure", ident.upper(), "--actor", actor, "--id", ident).code == 0
    assert dprk("--ledger", "new.toml", "init", "--party", "US").code == 0
    new = tmp_path / "new.toml"
    before = new.read_bytes()
    into = ["--ledger", "new.toml"] if named else []
    if not named:  # (the ledger imported into as found: a folder of its own)
        (tmp_path / "in").mkdir()
        (tmp_path / "in" / "dprk-ledger.toml").write_bytes(before)
        new = tmp_path / "in" / "dprk-ledger.toml"
    # (the keys a report's record holds that a ledger's measure never does)
    from dprk_cli.shapes import STANDING_ONLY

    shown = set(json.loads(dprk("show", "a", "--format", "json").out))
    flags = {"after", "overdue", "deadlocked", "parts", "part_states", "derived_history"}
    assert shown - set(EXPORT_HEADER) - flags == set(STANDING_ONLY)
    either = "'dprk status' or of 'dprk show'"
    cases = [
        (["status", "--format", "json"], "'dprk status'"),
        (["status", "--format", "json", "--assume", "a=implemented"], "'dprk status'"),
        (["show", "a", "--format", "json"], "'dprk show'"),
        (["show", "a", "b", "--format", "json"], "'dprk show'"),
        (["status", "--format", "jsonl"], either),
        (["show", "a", "--format", "jsonl"], either),
        (["status", "--format", "csv"], either),
        (["status", "--format", "tsv"], either),
        (["show", "a", "--format", "csv"], either),
    ]
    for args, command in cases:
        report = dprk(*args)
        assert report.code == 0, report.err
        fmt = args[args.index("--format") + 1]
        for given in (["--format", fmt], []):  # (with its format, and without: read as JSON)
            if named:
                result = dprk(*into, "import", "-", *given, stdin=report.out)
            else:
                result = _in_folder(dprk, tmp_path / "in", "import", "-", *given, stdin=report.out)
            assert (result.code, result.out) == (1, ""), (args, given)
            assert result.err == REPORT_REFUSED.format(label="standard input", command=command), (
                args,
                given,
            )
            assert new.read_bytes() == before
    # a file named as one, read in the format its name tells
    (tmp_path / "status.csv").write_text(dprk("status", "--format", "csv").out, encoding="utf-8")
    result = dprk(*into, "import", "status.csv")
    assert (result.code, result.out) == (1, "")
    assert result.err == REPORT_REFUSED.format(label="status.csv", command=either)
    assert new.read_bytes() == before


# Every other report, by the formats it writes (`status` and `show`: above).
EVERY_REPORT = [
    (["next"], "'dprk next'", ("json", "jsonl", "csv", "tsv")),
    (["plan"], "'dprk plan'", ("json", "jsonl", "csv", "tsv")),
    (["plan", "--history"], "'dprk plan --history'", ("json", "jsonl", "csv", "tsv")),
    (["scorecard"], "'dprk scorecard'", ("json", "jsonl", "csv", "tsv")),
    (["scorecard", "--yearly"], "'dprk scorecard'", ("json", "jsonl", "csv", "tsv")),
    (["balance", "--as-of", "2018-09-17"], "'dprk balance'", ("json", "jsonl", "csv", "tsv")),
    (
        ["balance", "--as-of", "2019-06-30", "--yearly"],
        "'dprk balance --yearly'",
        ("json", "jsonl", "csv", "tsv"),
    ),
    (["check"], "'dprk check'", ("json", "jsonl", "csv", "tsv")),
    (["log"], "'dprk log'", ("json", "jsonl", "csv", "tsv")),
    (["timeline"], "'dprk timeline'", ("json", "jsonl", "csv", "tsv")),
    (["diff"], "'dprk diff'", ("json", "jsonl", "csv", "tsv")),
    (["undo", "--list"], "'dprk undo --list'", ("json", "jsonl", "csv", "tsv")),
]


def test_every_report_s_output_given_to_import_is_said_to_be_one(dprk, korea, tmp_path):
    """Only `status` and `show` were told as reports: `next`, `plan`, `scorecard` and
    `balance` as JSON were told "'as_of' is not a field of a ledger document (a typo?)",
    `check` of its 'errors', `diff` of its 'commit', `log` and `undo --list` of each
    record's fields, `timeline` that it "reads as one measure ... give --format jsonl"
    (and, so, that it "reads as JSON: give --format json"), a report's JSON lines "not
    valid JSON: Extra data". Each, in each format it writes, given with its format and
    without, is said to be the output of the command that wrote it, by its documented
    keys (`shapes.REPORT_SHAPES`)."""
    git = {"GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@b", "GIT_COMMITTER_NAME": "A",
           "GIT_COMMITTER_EMAIL": "a@b", "PATH": os.environ["PATH"]}  # fmt: skip
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "add", "-A"], cwd=tmp_path, check=True, env=git)
    subprocess.run(["git", "commit", "-qm", "base"], cwd=tmp_path, check=True, env=git)
    assert dprk("add-measure", "Talks", "--actor", "US", "--id", "talks").code == 0
    assert dprk("--ledger", "new.toml", "init", "--party", "US").code == 0
    new = tmp_path / "new.toml"
    before = new.read_bytes()
    for args, command, formats in EVERY_REPORT:
        for fmt in formats:
            report = dprk(*args, "--format", fmt)
            assert report.code == 0 and report.out.strip(), (args, fmt, report.err)
            for given in (["--format", fmt], ["--format", "json"], ["--format", "jsonl"], []):
                result = dprk("--ledger", "new.toml", "import", "-", *given, stdin=report.out)
                assert (result.code, result.out) == (1, ""), (args, fmt, given)
                expected = REPORT_REFUSED.format(label="standard input", command=command)
                assert result.err == expected, (args, fmt, given)
                assert new.read_bytes() == before
    # a file named as one, read in the format its name tells, or in the one given
    (tmp_path / "timeline.json").write_text(dprk("timeline", "--format", "json").out)
    for given in ([], ["--format", "jsonl"]):
        result = dprk("--ledger", "new.toml", "import", "timeline.json", *given)
        assert (result.code, result.out) == (1, "")
        assert result.err == REPORT_REFUSED.format(label="timeline.json", command="'dprk timeline'")
        assert new.read_bytes() == before


@pytest.mark.parametrize(
    ("text", "fmt", "said"),
    [
        # an export's document with one key of a report's: its typo, as before
        (
            json.dumps(
                {
                    "schema": 1,
                    "title": "T",
                    "parties": ["US"],
                    "as_of": "2020-01-01",
                    "measures": [],
                }
            ),  # fmt: skip
            "json",
            "standard input: 'as_of' is not a field of a ledger document (a typo?)",
        ),
        (
            json.dumps({"schema": 1, "parties": ["US"], "errors": 0, "measures": []}),
            "json",
            "standard input: 'errors' is not a field of a ledger document (a typo?)",
        ),
        # a row with one key of `log`'s, of `next`'s
        (
            json.dumps({"id": "m", "title": "T", "actor": "US", "n": 1}),
            "jsonl",
            "standard input: line 1 (measure 'm'): field 'n': is not a field dprk knows (a typo?)",
        ),
        (
            "id,title,actor,state\nm,T,US,ready\n",
            "csv",
            "standard input: column 'state' (did you mean 'status'?) is not a measure field",
        ),
    ],
)
def test_a_hand_made_file_with_one_key_of_another_report_is_still_a_typo(
    dprk, empty, text, fmt, said
):
    """A document or a row holding one key a report writes (and fields of a ledger's)
    is told of that key, not taken for the report."""
    before = empty.read_bytes()
    result = dprk("import", "-", "--format", fmt, stdin=text)
    assert (result.code, result.out) == (1, "")
    assert result.err.startswith(f"dprk: error: {said}"), result.err
    assert empty.read_bytes() == before


def _in_folder(dprk, folder, *args, stdin=""):
    """`dprk ARGS` run in `folder` (its ledger as found there), then back."""
    here = os.getcwd()
    os.chdir(folder)
    try:
        return dprk(*args, stdin=stdin)
    finally:
        os.chdir(here)


def test_a_hand_made_file_with_one_report_key_is_still_told_its_typo(dprk, empty):
    """Only a record with most of the keys a report adds (where the measure stands) is
    taken for a report's: a row with one such key, 'acted', is told that key is none of
    a measure's, as before."""
    before = empty.read_bytes()
    row = {"id": "m", "title": "T", "actor": "US", "acted": True}
    result = dprk("import", "-", "--format", "jsonl", stdin=json.dumps(row))
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "dprk: error: standard input: line 1 (measure 'm'): field 'acted': is not a field "
        "dprk knows (a typo?)\n"
    )
    assert empty.read_bytes() == before


@pytest.mark.parametrize(
    ("rows", "row", "cell"),
    [
        # the quote swallowed the rest of the file: a row of too few cells
        ('ok-row,"Unclosed,US,proposed\nr3,Three,US,proposed\nr4,Four,US,proposed\n', 2, "2nd"),
        # a row of as many cells as the header, its last holding the rest
        ('r1,One,US,proposed\nr2,Two,US,"proposed\nr3,Three,US,proposed\n', 3, "4th"),
        # the file's last line ends with no line break
        ('r1,One,US,proposed\nr2,"Two,US,proposed\r\nr3,Three,US,proposed', 3, "2nd"),
    ],
)
def test_a_csv_quote_never_closed_is_named(dprk, empty, tmp_path, rows, row, cell):
    """A CSV row with a quote that is never closed was refused as "row 2: 2 cells, but the
    header has 4", or by a value in it holding the rows after it: the quote swallowed
    the rest of the file, and the refusal did not say so."""
    (tmp_path / "u.csv").write_text("id,title,actor,status\n" + rows, encoding="utf-8")
    before = empty.read_bytes()
    result = dprk("import", "u.csv")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        f"dprk: error: u.csv: row {row}: a quote opened in its {cell} cell is never closed: "
        "the rest of the file was read into that cell\n"
    )
    assert empty.read_bytes() == before


def test_a_csv_s_last_cell_quoted_over_lines_is_read_as_it_is(dprk, empty, tmp_path):
    """A quote closed at the end of the file is no quote left open: a note over two lines
    in the last cell of the last row is imported; one left open at the very end, with
    nothing after it but the line break, is read as before (nothing swallowed)."""
    (tmp_path / "n.csv").write_text(
        'id,title,actor,notes\nr1,One,US,"line one\nline two"\nr2,Two,US,"end\n', encoding="utf-8"
    )
    result = dprk("import", "n.csv")
    assert result.code == 0, result.err
    assert json.loads(dprk("show", "r1", "--format", "json").out)["notes"] == "line one\nline two"
    (tmp_path / "m.csv").write_text(
        'id,title,actor,notes\nr3,Three,US,"a ""quoted""\nword"\n', encoding="utf-8"
    )
    result = dprk("import", "m.csv")
    assert result.code == 0, result.err
    assert json.loads(dprk("show", "r3", "--format", "json").out)["notes"] == 'a "quoted"\nword'
