"""import of a sheet made by hand (id, title, actor, status, date) into a ledger that
changed since: a measure renamed, a sheet corrected and imported again."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from tests.conftest import shell


def _two_sides(dprk) -> None:
    assert dprk("init", "--party", "GPH", "--party", "MILF").code == 0


SHEET = "id,title,actor,status,date\n{id},Socio-economic packages,GPH,implemented,2020-03-01\n"


@pytest.mark.parametrize("made_by", ["import", "add-measure"])
@pytest.mark.parametrize("sheet_id", ["socioeco", "socio-packages"])
def test_a_sheet_replaces_a_measure_renamed_since(dprk, tmp_path, tick, made_by, sheet_id):
    """A sheet's row (no history) of a measure renamed since was refused with --replace:
    'its history has no creation', whichever id the sheet gave. It is read as the id the
    measure has now, and replaces it, the rename's entry kept."""
    _two_sides(dprk)
    ledger = tmp_path / "dprk-ledger.toml"
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(SHEET.format(id="socioeco"), encoding="utf-8")
    if made_by == "import":
        assert dprk("import", "sheet.csv").code == 0
    else:
        made = dprk(
            "add-measure", "Socio-economic packages", "--actor", "GPH", "--id", "socioeco",
            "--status", "implemented", "--date", "2020-03-01",
        )  # fmt: skip
        assert made.code == 0, made.err
    tick()
    assert dprk("rename", "socioeco", "socio-packages", "--date", "2021-01-01").code == 0
    tick()
    sheet.write_text(
        SHEET.format(id=sheet_id).replace("Socio-economic packages", "Socio-economic aid"),
        encoding="utf-8",
    )
    result = dprk("import", "--replace", "sheet.csv")
    read = "; read socioeco as socio-packages (renamed so on 2021-01-01)" * (sheet_id == "socioeco")
    assert (result.code, result.out) == (0, ""), result.err
    assert result.err.splitlines()[0] == (
        f"imported 1 measure from sheet.csv (0 new, 1 replaced{read})"
    )
    log = dprk("log", "socio-packages").out
    assert "created  implemented" in log and "renamed from socioeco" in log
    text = ledger.read_text(encoding="utf-8")
    assert 'title = "Socio-economic aid"' in text and 'id = "socioeco"' not in text
    assert dprk("check").out == "ok: no problems found\n"
    before = ledger.read_bytes()
    again = dprk("import", "--replace", "sheet.csv")  # (the same sheet: nothing changes)
    assert (again.code, again.err.splitlines()[0]) == (
        0,
        f"imported 1 measure from sheet.csv (0 new, 0 replaced, 1 unchanged{read}; "
        "nothing changed)",
    )
    assert ledger.read_bytes() == before


def _bol_and_barmm(dprk, tmp_path) -> None:
    """bol created implemented; barmm created agreed, implemented on 2019-02-22."""
    _two_sides(dprk)
    (tmp_path / "s.csv").write_text(
        "id,title,actor,status,date\n"
        "bol,Bangsamoro Organic Law,GPH,implemented,2018-07-26\n"
        "barmm,BARMM established,GPH,agreed,2019-01-21\n",
        encoding="utf-8",
    )
    assert dprk("import", "s.csv").code == 0
    assert dprk("mark", "barmm", "implemented", "--date", "2019-02-22").code == 0


def _with_date(export: str, days: dict[str, str]) -> str:
    """An export's CSV with a `date` column added, each row's cell from `days`."""
    import csv
    import io

    rows = list(csv.reader(io.StringIO(export)))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*rows[0], "date"])
    for row in rows[1:]:
        writer.writerow([*row, days.get(row[0], "")])
    return out.getvalue()


def test_a_date_its_history_does_not_give_is_refused(dprk, tmp_path):
    """An export edited in a sheet, a `date` column added and a day typed in it: the
    history cell gave the days, and the date was dropped without a word ('1 unchanged;
    nothing changed'). A date that is not the day the row's history gives its creation or
    its status is refused, naming the row, the history cell as what wins, and the redate
    that moves the day; a date the history gives is taken, as before."""
    _bol_and_barmm(dprk, tmp_path)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    export = dprk("export", "--format", "csv").out
    sheet = tmp_path / "e.csv"
    sheet.write_text(_with_date(export, {"barmm": "2019-03-01"}), encoding="utf-8")
    refused = dprk("import", "--replace", "e.csv")
    assert (refused.code, refused.out, refused.err) == (
        1,
        "",
        "dprk: error: e.csv: row 2 (measure 'barmm'): date 2019-03-01 is not a day its "
        "history gives it (created 2019-01-21; implemented from 2019-02-22), and the "
        "history cell is what is recorded; to move the day, correct the entry's date in the "
        "history cell, or leave the date out and, once imported, run 'dprk redate barmm 2 "
        "2019-03-01'\n",
    )
    assert ledger.read_bytes() == before
    sheet.write_text(_with_date(export, {"bol": "2018-07-27"}), encoding="utf-8")
    refused = dprk("import", "--replace", "e.csv")
    assert refused.code == 1 and "'dprk redate bol 1 2018-07-27'" in refused.err
    assert ledger.read_bytes() == before
    days = {"barmm": "2019-02-22", "bol": "2018-07-26"}  # (the days the history gives)
    sheet.write_text(_with_date(export, days), encoding="utf-8")
    taken = dprk("import", "--replace", "e.csv")
    assert (taken.code, taken.err) == (
        0,
        "imported 2 measures from e.csv (0 new, 0 replaced, 2 unchanged; nothing changed)\n",
    )
    sheet.write_text(_with_date(export, {"barmm": "2019-01-21"}), encoding="utf-8")
    assert dprk("import", "--replace", "e.csv").code == 0  # (its creation's day)
    assert ledger.read_bytes() == before
    # the advice, followed
    sheet.write_text(export, encoding="utf-8")
    assert dprk("import", "--replace", "e.csv").code == 0
    assert dprk("redate", "barmm", "2", "2019-03-01").code == 0
    assert "2019-03-01" in dprk("log", "barmm").out
    assert dprk("check").out == "ok: no problems found\n"


def test_a_whole_whose_row_gives_its_status_is_unchanged_when_nothing_changes(dprk, tmp_path):
    """A measure made of parts, its row giving the status it was created with ('agreed'),
    imported again with --replace: "1 replaced, 1 unchanged; nothing changed", the file
    the same bytes and no undo entry. It is counted unchanged."""
    _two_sides(dprk)
    sheet = tmp_path / "s.csv"
    sheet.write_text(
        "id,title,actor,status,date,part_of\n"
        "decom,Decommissioning,MILF,agreed,2014-03-27,\n"
        "decom-1,Phase 1,MILF,implemented,2015-06-16,decom\n",
        encoding="utf-8",
    )
    assert dprk("import", "s.csv").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    again = dprk("import", "--replace", "s.csv")
    assert (again.code, again.out, again.err) == (
        0,
        "",
        "imported 2 measures from s.csv (0 new, 0 replaced, 2 unchanged; nothing changed)\n",
    )
    assert ledger.read_bytes() == before
    sheet.write_text(
        sheet.read_text(encoding="utf-8").replace("Decommissioning", "Decommissioning of arms")
    )
    changed = dprk("import", "--replace", "s.csv")
    assert (changed.code, changed.err) == (
        0,
        "imported 2 measures from s.csv (0 new, 1 replaced, 1 unchanged)\n"
        "replaced: decom (title)\n",
    )


def test_replace_names_the_measures_replaced_and_the_fields_changed(dprk, tmp_path):
    """An analyst re-importing a corrected sheet was told how many measures were
    replaced, not which, nor what changed in them. A line after the count names them,
    each with its fields changed, the first ten, and counts the rest."""
    _bol_and_barmm(dprk, tmp_path)
    rows = [f"m{n:02},Measure {n},GPH,agreed,2019-01-0{1 + n % 9}" for n in range(12)]
    sheet = tmp_path / "more.csv"
    sheet.write_text("id,title,actor,status,date\n" + "\n".join(rows) + "\n", encoding="utf-8")
    assert dprk("import", "more.csv").code == 0
    export = dprk("export", "--format", "csv", "--party", "GPH").out
    edited = export.replace("Bangsamoro Organic Law", "Bangsamoro Organic Law (RA 11054)")
    edited = edited.replace(
        "BARMM established,GPH,,implemented", "BARMM established,GPH,x,implemented"
    )
    (tmp_path / "e.csv").write_text(edited, encoding="utf-8")
    result = dprk("import", "--replace", "e.csv")
    assert (result.code, result.err) == (
        0,
        "imported 14 measures from e.csv (0 new, 2 replaced, 12 unchanged)\n"
        "replaced: barmm (category), bol (title)\n",
    )
    sheet.write_text(
        "id,title,actor,status,date\n"
        + "\n".join(r.replace(",agreed,", ",implemented,") for r in rows)
        + "\n",
        encoding="utf-8",
    )
    result = dprk("import", "--replace", "more.csv")
    lines = result.err.splitlines()
    assert (result.code, lines[:2]) == (
        0,
        [
            "imported 12 measures from more.csv (0 new, 12 replaced)",
            "replaced: "
            + ", ".join(f"m{n:02} (status, extent, history)" for n in range(10))
            + " and 2 more",
        ],
    )
    assert all(line.startswith("dprk: warning: ") for line in lines[2:])  # (entries dropped)


COLUMNS = (
    "id, title, actor, category, status, extent, part_of, conflicts, in_exchange_for, "
    "deadline, sources, notes, constraints, verifications, history, expected_parts, after, date"
)


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_every_column_not_a_field_is_named_at_once(dprk, tmp_path, fmt):
    """A sheet with a reference, a measure's name and a donor code beside the fields was
    refused for 'Ref', then, once deleted, for 'Measure', then for 'Donor code': one run
    each. Every heading that is no measure field is named at once, a typo of one with
    the field it is near."""
    _two_sides(dprk)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    sep = "," if fmt == "csv" else "\t"
    sheet = tmp_path / f"s.{fmt}"
    header = ["Ref", "id", "title", "actor", "Measure", "Staus", "Donor code"]
    sheet.write_text(
        sep.join(header) + "\n" + sep.join(["1", "bol", "BOL", "GPH", "x", "agreed", "D1"]) + "\n",
        encoding="utf-8",
    )
    refused = dprk("import", sheet.name)
    assert (refused.code, refused.out, refused.err) == (
        1,
        "",
        f"dprk: error: s.{fmt}: columns 'Ref', 'Measure', 'Staus' (did you mean 'status'?), "
        f"'Donor code' are not measure fields (columns: {COLUMNS}); delete them, or skip "
        "each with --ignore-column NAME\n",
    )
    assert ledger.read_bytes() == before
    sheet.write_text(f"id{sep}title{sep}actor{sep}Ref\nbol{sep}BOL{sep}GPH{sep}1\n")
    refused = dprk("import", sheet.name)
    assert (refused.code, refused.err) == (
        1,
        f"dprk: error: s.{fmt}: column 'Ref' is not a measure field (columns: {COLUMNS}); "
        "delete it, or skip it with --ignore-column NAME\n",
    )
    assert ledger.read_bytes() == before


def test_a_part_dated_before_a_whole_created_as_acted_gets_advice_that_works(dprk, tmp_path):
    """A measure imported as implemented, marked agreed on an earlier day, then given a
    part from that day: refused, advising 'dprk drop-entry decom N' (refused: the entry
    is its creation) or 'dprk redate' (which makes it implemented from the earlier day).
    The advice is a re-import of its row as it stood before acting, then the action on
    its parts; followed, the part is added and the ledger passes check."""
    _two_sides(dprk)
    (tmp_path / "s.csv").write_text(
        "id,title,actor,status,date\ndecom,Decommissioning,MILF,implemented,2015-06-16\n",
        encoding="utf-8",
    )
    assert dprk("import", "s.csv").code == 0
    assert dprk("mark", "decom", "agreed", "--date", "2014-03-27").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    part = (
        "add-measure", "Phase 2", "--actor", "MILF", "--id", "decom-2", "--part-of", "decom",
        "--status", "agreed", "--date", "2014-03-27",
    )  # fmt: skip
    refused = dprk(*part)
    assert refused.code == 1 and refused.out == ""
    assert ledger.read_bytes() == before
    (line,) = refused.err.splitlines()
    assert "drop-entry" not in line and "redate" not in line, line
    assert "decom: is implemented on 2015-06-16 by its creation" in line, line
    commands = re.findall(r"'(printf [^\n]*? import --replace --format csv -)'", line)
    assert commands, line
    followed = shell(commands[0], cwd=tmp_path)
    assert followed.code == 0, followed.err
    assert dprk(*part).code == 0
    assert dprk("mark", "decom-2", "implemented", "--date", "2015-06-16").code == 0
    assert dprk("check").out == "ok: no problems found\n"
    assert "implemented" in dprk("show", "decom").out


def test_a_whole_created_as_acted_with_more_than_its_row_is_advised_a_path_keeping_it(
    dprk, tmp_path
):
    """The same, for a measure that holds more than its row (a category, a deadline, an
    order, a note): the re-import of its row alone, advised as before, dropped them all
    ('dprk undo' takes back the whole import). The advice is now its export, the creation
    corrected in its history cell, imported again: followed, the part is added, the
    ledger passes check and the measure keeps all it held."""
    _two_sides(dprk)
    (tmp_path / "s.csv").write_text(
        "id,title,actor,status,date,category,deadline\n"
        "decom,Decommissioning,MILF,implemented,2015-06-16,security,2016-01-01\n"
        "talks,Exploratory talks,GPH,agreed,2014-01-10,,\n",
        encoding="utf-8",
    )
    assert dprk("import", "s.csv").code == 0
    assert dprk("mark", "decom", "agreed", "--date", "2014-03-27").code == 0
    assert dprk("sequence", "decom", "--after", "talks", "--date", "2014-03-27").code == 0
    assert dprk("note", "decom", "Seen by the panel", "--date", "2015-07-01").code == 0
    assert dprk("mark", "talks", "implemented", "--date", "2014-02-01").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    part = (
        "add-measure", "Phase 2", "--actor", "MILF", "--id", "decom-2", "--part-of", "decom",
        "--status", "agreed", "--date", "2014-03-27",
    )  # fmt: skip
    refused = dprk(*part)
    assert refused.code == 1 and refused.out == ""
    assert ledger.read_bytes() == before
    (line,) = refused.err.splitlines()
    assert "decom: is implemented on 2015-06-16 by its creation" in line, line
    assert "printf" not in line and "'dprk undo' brings" not in line, line
    (export,) = re.findall(r"'(dprk export [^']*)'", line)
    (again,) = re.findall(r"'(dprk import --replace [^']*)'", line)
    assert "created entry" in line and "2014-03-27" in line, line
    exported = shell(export, cwd=tmp_path)
    assert exported.code == 0, exported.err
    (sheet,) = tmp_path.glob("decom*.csv")
    rows = list(csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8"))))
    for row in rows:  # (as the advice says: the creation agreed on its first day)
        if row["id"] == "decom":
            history = json.loads(row["history"])
            created = next(h for h in history if h["event"] == "created")
            created.update(status="agreed", date="2014-03-27")
            row.update(history=json.dumps(history), status="", extent="")
    with sheet.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    followed = shell(again, cwd=tmp_path)
    assert followed.code == 0, followed.err
    added = dprk(*part)
    assert added.code == 0, added.err
    assert dprk("mark", "decom-2", "implemented", "--date", "2015-06-16").code == 0
    assert dprk("check").out == "ok: no problems found\n"
    shown = dprk("show", "decom").out
    for kept in ("security", "2016-01-01", "after talks", "Seen by the panel", "decom-2"):
        assert kept in shown, shown
    assert re.search(r"status +implemented", shown), shown


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_ignore_column_skips_a_sheets_own_columns(dprk, tmp_path, fmt):
    """A sheet's own columns (a reference, a donor code) had to be deleted before each
    import. --ignore-column skips them by their heading, in any case, as headings are
    read; one not skipped is still named."""
    _two_sides(dprk)
    sep = "," if fmt == "csv" else "\t"
    sheet = tmp_path / f"s.{fmt}"
    header = ["Ref", "id", "title", "actor", "status", "Donor code", "date"]
    cells = ["7", "bol", "BOL", "GPH", "agreed", "D1", "2018-07-26"]
    sheet.write_text(sep.join(header) + "\n" + sep.join(cells) + "\n", encoding="utf-8")
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    refused = dprk("import", sheet.name, "--ignore-column", "ref")
    assert (refused.code, refused.err) == (
        1,
        f"dprk: error: s.{fmt}: column 'Donor code' is not a measure field (columns: "
        f"{COLUMNS}); delete it, or skip it with --ignore-column NAME\n",
    )
    assert ledger.read_bytes() == before
    result = dprk("import", sheet.name, "--ignore-column", "ref", "--ignore-column", "donor_code")
    assert (result.code, result.out, result.err) == (
        0,
        "",
        f"imported 1 measure from s.{fmt} (1 new, 0 replaced)\n",
    )
    text = ledger.read_text(encoding="utf-8")
    assert 'id = "bol"' in text and "D1" not in text and "date = 2018-07-26" in text
    assert dprk("check").out == "ok: no problems found\n"


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ("note", "'note' is no heading of s.csv (did you mean 'notes'?) (its headings: id, "
         "title, actor, notes)"),
        ("Donor code", "'Donor code' is no heading of s.csv (its headings: id, title, actor, "
         "notes)"),
    ],
)  # fmt: skip
def test_ignore_column_naming_no_heading_is_refused(dprk, tmp_path, given, said):
    """A name --ignore-column gives that is no heading of the sheet was taken without a
    word: a typo of 'notes' imported the notes meant to be skipped."""
    _two_sides(dprk)
    (tmp_path / "s.csv").write_text("id,title,actor,notes\nbol,BOL,GPH,Internal\n")
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    result = dprk("import", "s.csv", "--ignore-column", given)
    assert (result.code, result.out, result.err) == (
        2,
        "",
        f"dprk: error: --ignore-column: {said}\n",
    )
    assert ledger.read_bytes() == before
    result = dprk("import", "s.csv", "--ignore-column", "NOTES")
    assert result.code == 0, result.err
    assert "Internal" not in ledger.read_text()


@pytest.mark.parametrize(
    ("heading", "given", "said"),
    [
        ("Comments", "comment", "'comment' is no heading of s.csv (did you mean 'Comments'?) "
         "(its headings: id, title, actor, status, date, Comments)"),
        ("Notes", "note", "'note' is no heading of s.csv (did you mean 'Notes'?) (its "
         "headings: id, title, actor, status, date, Notes)"),
    ],
)  # fmt: skip
def test_ignore_column_mistyped_is_named_before_the_column_it_was_to_skip(
    dprk, tmp_path, heading, given, said
):
    """A mistyped --ignore-column beside a heading that is no field was not named: the
    sheet's 'Comments' was refused as no measure field, with the advice to skip it with
    --ignore-column, which was given. A name near a heading of the sheet, but none, is
    refused first, as one beside a heading that is a field is, with the headings as the
    sheet writes them (they were said in lower case: 'did you mean 'notes'?' of 'Notes');
    one near none may name a heading of another file of the import."""
    _two_sides(dprk)
    sheet = f"id,title,actor,status,date,{heading}\nm1,Meeting,GPH,implemented,2019-06-30,wiki\n"
    (tmp_path / "s.csv").write_text(sheet)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    result = dprk("import", "s.csv", "--ignore-column", given)
    assert (result.code, result.out, result.err) == (
        2,
        "",
        f"dprk: error: --ignore-column: {said}\n",
    )
    assert ledger.read_bytes() == before
    result = dprk("import", "s.csv", "--ignore-column", heading.lower())
    assert result.code == 0, result.err
    assert "wiki" not in ledger.read_text()


def test_ignore_column_is_a_heading_of_any_file_of_the_import(dprk, tmp_path):
    _two_sides(dprk)
    (tmp_path / "a.csv").write_text("id,title,actor,Ref\na,A,GPH,7\n")
    (tmp_path / "b.csv").write_text("id,title,actor\nb,B,GPH\n")
    result = dprk("import", "a.csv", "b.csv", "--ignore-column", "ref")
    assert result.code == 0, result.err
    (tmp_path / "c.json").write_text('[{"id": "c", "title": "C", "actor": "GPH"}]')
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    result = dprk("import", "c.json", "--ignore-column", "ref")
    assert result.code == 2 and result.err.count("\n") == 1
    assert "--ignore-column: c.json has no headings" in result.err
    assert ledger.read_bytes() == before


def _mines_in_part(dprk) -> str:
    """mines, created agreed on 2018-09-19, implemented (intermediate) on 2018-11-22; its
    export as CSV."""
    assert dprk("init", "--title", "T", "--party", "ROK", "--party", "DPRK").code == 0
    made = dprk(
        "add-measure", "Clear mines on Arrowhead Hill", "--actor", "DPRK", "--id", "mines",
        "--status", "agreed", "--date", "2018-09-19",
    )  # fmt: skip
    assert made.code == 0, made.err
    marked = dprk(
        "mark", "mines", "implemented", "--extent", "intermediate", "--date", "2018-11-22"
    )
    assert marked.code == 0, marked.err
    return dprk("export", "--format", "csv").out


def _extent_in_sheet(export: str, extent: str) -> str:
    """An export's CSV, its rows' extent cell set to `extent`."""
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(export)))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows({**row, "extent": extent} for row in rows)
    return out.getvalue()


def test_an_extent_carried_further_with_a_date_is_a_step_as_mark_records_it(dprk, tmp_path):
    """An export edited in a sheet, a measure implemented in part carried out in full, the
    day in a `date` column: refused ('date ... is not a day its history gives it', with a
    redate that would move the earlier step). It is recorded as a status change in such a
    row is, a step on that day, as `mark ID implemented --date DAY` writes it."""
    export = _mines_in_part(dprk)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    sheet = tmp_path / "m2.csv"
    # a day before the step its history has: that step would set the extent again
    sheet.write_text(_with_date(_extent_in_sheet(export, "full"), {"mines": "2018-10-01"}))
    early = dprk("import", "--replace", "m2.csv")
    assert (early.code, early.err) == (
        1,
        "dprk: error: m2.csv: row 2 (measure 'mines'): extent 'full' is not what its "
        "history gives ('intermediate'): its step to it on 2018-10-01 comes before the one "
        "its history has on 2018-11-22; give a date on or after that day\n",
    )
    assert ledger.read_bytes() == before
    sheet.write_text(_with_date(_extent_in_sheet(export, "full"), {"mines": "2019-01-15"}))
    result = dprk("import", "--replace", "m2.csv")
    assert (result.code, result.out, result.err) == (
        0,
        "",
        "imported 1 measure from m2.csv (0 new, 1 replaced)\nreplaced: mines (extent, history)\n",
    )
    history = json.loads(dprk("log", "mines", "--format", "json").out)
    assert [(h["date"], h["detail"], h["note"]) for h in history] == [
        ("2018-09-19", "created as agreed", ""),
        ("2018-11-22", "implemented (intermediate)", ""),
        ("2019-01-15", "implemented (full)", "set by import"),
    ]
    assert dprk("check").out == "ok: no problems found\n"
    # the same step as `mark` writes it, in the same file but for its note
    imported = ledger.read_text(encoding="utf-8")
    assert dprk("undo").code == 0
    marked = dprk("mark", "mines", "implemented", "--date", "2019-01-15", "--note", "set by import")
    assert marked.code == 0, marked.err
    strip = re.compile(r"(?m)^recorded = .*$")
    assert strip.sub("", ledger.read_text(encoding="utf-8")) == strip.sub("", imported)


def test_an_extent_carried_further_without_a_date_is_refused_with_the_mark_that_records_it(
    dprk, tmp_path
):
    """The same row with no date: refused, 'an extent goes with status implemented' (it
    is implemented). Refused, since the step needs its day, with a date to give or the
    `mark` that records it; that advice, followed, works."""
    export = _mines_in_part(dprk)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    (tmp_path / "m3.csv").write_text(_with_date(_extent_in_sheet(export, "full"), {}))
    refused = dprk("import", "--replace", "m3.csv")
    assert (refused.code, refused.out, refused.err) == (
        1,
        "",
        "dprk: error: m3.csv: row 2 (measure 'mines'): extent 'full' is not what its "
        "history gives ('intermediate'), and a step to it needs its day: give the row the "
        "day in a date column, or leave its extent 'intermediate' and, once imported, run "
        "'dprk mark mines implemented --date YYYY-MM-DD'\n",
    )
    assert ledger.read_bytes() == before
    (tmp_path / "m4.csv").write_text(_with_date(_extent_in_sheet(export, "minimal"), {}))
    refused = dprk("import", "--replace", "m4.csv")
    assert refused.code == 1 and refused.err.endswith(
        "'dprk mark mines implemented --extent minimal --date YYYY-MM-DD'\n"
    )
    assert ledger.read_bytes() == before
    # the advice, followed
    (tmp_path / "m5.csv").write_text(_with_date(export, {}))
    assert dprk("import", "--replace", "m5.csv").code == 0
    assert dprk("mark", "mines", "implemented", "--date", "2019-01-15").code == 0
    assert dprk("check").out == "ok: no problems found\n"


def test_two_rows_of_one_sheet_alike_are_warned_of_naming_both_rows(dprk, tmp_path):
    """Two rows of one sheet with one title and actor (a row copied, its id changed)
    were imported without a word, where a row alike to a measure on record is warned of
    and `check` warns of the two afterwards (measures-alike). The import warns of the
    later row, naming the earlier one's row, by the rule `check` uses."""
    assert dprk("init", "--party", "South Africa", "--party", "Cuba").code == 0
    (tmp_path / "s.csv").write_text(
        "id,title,actor,status,date\n"
        "indep,Namibian independence,South Africa,implemented,1990-03-21\n"
        "other,Cuban withdrawal,Cuba,agreed,1988-12-22\n"
        "indep-2,Namibian  INDEPENDENCE,south africa,implemented,1990-03-21\n",
        encoding="utf-8",
    )
    result = dprk("import", "s.csv")
    assert (result.code, result.out, result.err) == (
        0,
        "",
        "imported 3 measures from s.csv (3 new, 0 replaced)\n"
        "dprk: warning: indep-2: row 4 has the title and actor of 'indep' (row 2); if it is "
        "the same measure, 'dprk undo' takes the import back, or 'dprk remove indep-2' this "
        "one\n",
    )
    assert dprk("export", "--format", "ids").out == "indep\nindep-2\nother\n"
    check = dprk("check")
    assert "indep-2: has the title and actor of 'indep'" in check.out


@pytest.mark.parametrize("column", ["in_exchange_for", "after", "part_of"])
def test_a_row_naming_a_mistyped_id_is_asked_did_you_mean(dprk, tmp_path, column):
    """A row naming an id typed wrong ('sa-namibai' for 'sa-namibia') was given advice
    about exports chosen by filters, and no "did you mean", where the command line says
    "no measure with id 'sa-namibai'; did you mean sa-namibia?". It gets the ids near it,
    as the command line finds them, and no advice about exports."""
    ledger = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--party", "South Africa", "--party", "Cuba").code == 0
    made = dprk(
        "add-measure", "Implement UNSCR 435", "--actor", "South Africa", "--id", "sa-namibia",
        "--date", "1988-12-22",
    )  # fmt: skip
    assert made.code == 0, made.err
    before = ledger.read_bytes()
    (tmp_path / "s.csv").write_text(
        f"id,title,actor,{column}\ncuban-withdrawal,Withdraw Cuban troops,Cuba,sa-namibai\n",
        encoding="utf-8",
    )
    result = dprk("import", "s.csv")
    assert (result.code, result.out, result.err) == (
        1,
        "",
        "dprk: error: s.csv: row 2 (measure 'cuban-withdrawal'): refers to 'sa-namibai', which "
        "is neither in the ledger nor the file; did you mean sa-namibia?\n",
    )
    assert ledger.read_bytes() == before


def test_a_row_naming_an_id_near_none_keeps_the_advice_about_exports(dprk, tmp_path):
    """An id near none in the ledger or the file (one an export chosen by filters left
    out, most likely) keeps the advice to import the file that holds it."""
    ledger = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--party", "Cuba").code == 0
    before = ledger.read_bytes()
    (tmp_path / "s.csv").write_text(
        "id,title,actor,in_exchange_for\nwithdrawal,Withdraw troops,Cuba,elections\n",
        encoding="utf-8",
    )
    result = dprk("import", "s.csv")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "dprk: error: s.csv: row 2 (measure 'withdrawal'): refers to 'elections', which is "
        "neither in the ledger nor the file; import 'elections' with it (an export chosen by "
        "filters keeps the links of its measures to those left out: give the file that holds "
        "it to the same import, 'dprk import FILE...'), or take the reference out of the file\n"
    )
    assert ledger.read_bytes() == before


def test_a_sheets_common_headings_are_hinted_as_the_fields_they_mean(dprk, tmp_path):
    """A sheet headed 'Measure', 'Party' was told "'Party' (did you mean 'part_of'?)",
    the field spelt nearest, not the one meant. The headings a sheet commonly gives a
    field are hinted as that field, with the --column that reads them so, and the fields
    every measure needs that no column gives are named."""
    _two_sides(dprk)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    (tmp_path / "s.csv").write_text("Measure,Party,Due\nWithdraw,MILF,2020-01-01\n")
    refused = dprk("import", "s.csv")
    assert (refused.code, refused.out, refused.err) == (
        1,
        "",
        "dprk: error: s.csv: columns 'Measure' (did you mean 'title'?), 'Party' (did you "
        f"mean 'actor'?), 'Due' (did you mean 'deadline'?) are not measure fields (columns: "
        f"{COLUMNS}); no column gives 'id', 'title' or 'actor', which every measure needs; "
        "read each as the field meant with --column Measure=title --column Party=actor "
        "--column Due=deadline (or rename it)\n",
    )
    assert ledger.read_bytes() == before
    # (a field the sheet gives already is no hint: 'Name' beside a title column is not it)
    (tmp_path / "s.csv").write_text("id,title,Name,Side\nbol,BOL,Mr X,GPH\n")
    refused = dprk("import", "s.csv")
    assert (refused.code, refused.err) == (
        1,
        "dprk: error: s.csv: columns 'Name', 'Side' (did you mean 'actor'?) are not measure "
        f"fields (columns: {COLUMNS}); no column gives 'actor', which every measure needs; "
        "read 'Side' as the field meant with --column Side=actor (or rename it); delete the "
        "other, or skip it with --ignore-column NAME\n",
    )
    assert ledger.read_bytes() == before


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_column_reads_a_sheets_own_headings_as_fields(dprk, tmp_path, fmt):
    """A sheet headed in its own words ('Ref', 'Measure', 'Party', 'Due date') had to be
    renamed before each import. --column HEADING=FIELD reads each as the field given,
    the heading in any case, as headings are read."""
    _two_sides(dprk)
    sep = "," if fmt == "csv" else "\t"
    header = ["Ref", "Measure", "Party", "Due date", "status"]
    cells = ["bol", "Bangsamoro Organic Law", "GPH", "2019-01-21", "agreed"]
    (tmp_path / f"s.{fmt}").write_text(sep.join(header) + "\n" + sep.join(cells) + "\n")
    result = dprk(
        "import", f"s.{fmt}", "--column", "ref=id", "--column", "Measure=Title",
        "--column", "PARTY = actor", "--column", "due date=deadline",
    )  # fmt: skip
    assert (result.code, result.out, result.err) == (
        0,
        "",
        f"imported 1 measure from s.{fmt} (1 new, 0 replaced)\n",
    )
    text = (tmp_path / "dprk-ledger.toml").read_text(encoding="utf-8")
    assert 'id = "bol"\ntitle = "Bangsamoro Organic Law"\nactor = "GPH"\n' in text
    assert "deadline = 2019-01-21" in text
    assert dprk("check").out == "ok: no problems found\n"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--column", "Party"], "--column: 'Party' is not HEADING=FIELD; give the sheet's "
         "heading and the field its column holds, as in --column Party=actor"),
        (["--column", "Party=actr"], "--column: 'actr' is no measure field (did you mean "
         f"'actor'?) (fields: {COLUMNS})"),
        (["--column", "Party=actor", "--column", "Notse=notes"], "--column: 'Notse' is no "
         "heading of s.csv (its headings: id, title, Party)"),
        (["--column", "Parti=actor"], "s.csv: column 'Party' (did you mean 'actor'?) is not "
         f"a measure field (columns: {COLUMNS}); no column gives 'actor', which every measure "
         "needs; read it as the field meant with --column Party=actor (or rename it); "
         "--column names no heading of it: 'Parti' (did you mean 'Party'?)"),
        (["--column", "Party=actor", "--column", "party=title"], "--column: heading 'party' "
         "is read as 'actor' and as 'title'; give it once"),
        (["--column", "Party=actor", "--ignore-column", "party"], "--column: heading 'Party' "
         "is skipped by --ignore-column too; leave it out of one of them"),
        (["--column", "Party=title"], "s.csv: line 1: column 'title' appears twice ('Party' "
         "read as it by --column)"),
    ],
)  # fmt: skip
def test_column_refuses_what_it_cannot_read(dprk, tmp_path, args, said):
    _two_sides(dprk)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    (tmp_path / "s.csv").write_text("id,title,Party\nbol,BOL,GPH\n")
    result = dprk("import", "s.csv", *args)
    assert (result.code, result.out) == (2 if said.startswith("--") else 1, "")
    assert result.err == f"dprk: error: {said}\n"
    assert ledger.read_bytes() == before


_ID_RULE = (
    "is not a valid id (Latin letters (a-z, A-Z), digits, '.', '_' and '-', starting with a "
    "letter or digit; no spaces or slashes)"
)


@pytest.mark.parametrize(
    ("column", "cell", "said"),
    [
        ("in_exchange_for", "a, b", f"field 'in_exchange_for': 'a, b' {_ID_RULE}; a cell "
         "lists ids separated by semicolons: 'a; b'"),
        ("in_exchange_for", "a; b, c", f"field 'in_exchange_for[2]': 'b, c' {_ID_RULE}; a cell "
         "lists ids separated by semicolons: 'b; c'"),
        ("after", "a, b", f"field 'after': 'a, b' {_ID_RULE}; a cell lists ids separated by "
         "semicolons: 'a; b'"),
        ("in_exchange_for", "a b", f"field 'in_exchange_for': 'a b' {_ID_RULE}"),
    ],
)  # fmt: skip
def test_a_list_of_ids_written_with_commas_is_told_to_take_semicolons(
    dprk, tmp_path, column, cell, said
):
    """A cell listing ids with a comma ('a, b') was refused as "field 'in_exchange_for[1]':
    'a, b' is not a valid id": an item numbered where the cell, split at its semicolons,
    gave one (items are numbered from 1: no place off by one), and, of 'after', a field
    the sheet does not have ('constraints[1].after'). The column is named as the sheet
    has it (an item's place given where the cell lists several), and a comma in an id of
    a list is told how a list is written."""
    _two_sides(dprk)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    (tmp_path / "s.csv").write_text(f'id,title,actor,{column}\nc,Withdraw,MILF,"{cell}"\n')
    result = dprk("import", "s.csv")
    assert (result.code, result.out, result.err) == (
        1,
        "",
        f"dprk: error: s.csv: row 2 (measure 'c'): {said}\n",
    )
    assert ledger.read_bytes() == before


def test_rows_acted_with_no_date_are_warned_of_as_done_today(dprk, tmp_path):
    """A row implemented (at any extent) with no date is recorded as done today, as
    `add-measure --status implemented` with no --date is. An import of a sheet of 1989's
    actions with an empty date column made them today's without a word; one warning
    names the rows. A row pending, or given its date, is not named."""
    from dprk_cli.clock import today

    assert dprk("init", "--party", "South Africa", "--party", "Cuba").code == 0
    (tmp_path / "s.csv").write_text(
        "id,title,actor,status,extent,date\n"
        "withdrawal,Withdraw Cuban troops,Cuba,implemented,,\n"
        "talks,Hold talks,Cuba,agreed,,\n"
        "indep,Namibian independence,South Africa,implemented,,1990-03-21\n"
        "elections,Hold elections,South Africa,implemented,minimal,\n",
        encoding="utf-8",
    )
    result = dprk("import", "s.csv")
    assert (result.code, result.out, result.err) == (
        0,
        "",
        "imported 4 measures from s.csv (4 new, 0 replaced)\n"
        f"dprk: warning: rows 2, 5 (withdrawal, elections): implemented with no date: "
        f"recorded as done today ({today()}); to date them, 'dprk undo' and give the rows "
        "a date (a 'date' column)\n",
    )
    text = (tmp_path / "dprk-ledger.toml").read_text(encoding="utf-8")
    assert text.count(f"date = {today()}") == 3  # (the rows with no date: undated, today)
