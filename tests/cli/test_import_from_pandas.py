"""Importing what pandas (or a spreadsheet) wrote: JSON's null for every empty cell, ids
read as numbers ('0012' as 12, '1e5' as 100000.0), a CSV with its index column. Each
file is written here by hand, as pandas writes it."""

from __future__ import annotations

import json


def _refused(dprk, ledger, name: str, text: str, tmp_path) -> str:
    """Import `text` as file `name`: refused (exit 1), the ledger byte for byte as it was;
    the error line."""
    (tmp_path / name).write_text(text, encoding="utf-8")
    before = ledger.read_bytes()
    result = dprk("import", name)
    assert result.code == 1, result
    assert result.out == ""
    assert ledger.read_bytes() == before
    return result.err


def test_a_json_null_is_said_as_json_says_it(dprk, korea, tmp_path):
    """pandas writes null for every empty cell: it was 'None is not text; write it in
    quotes' (Python's word), and following it stored the text 'None'."""
    err = _refused(
        dprk,
        korea,
        "k.json",
        '[{"id": "x1", "title": "t", "actor": "US", "category": null}]',
        tmp_path,
    )
    assert err == (
        "dprk: error: k.json: measure #1 (measure 'x1'): field 'category': is null; leave "
        'the key out, or give "" for none\n'
    )
    err = _refused(
        dprk,
        korea,
        "k.json",
        '[{"id": "x1", "title": "t", "actor": "US", "sources": null}]',
        tmp_path,
    )
    assert err.endswith("field 'sources': is null; leave the key out, or give [] for none\n")


def test_a_json_null_for_a_field_a_measure_must_have_says_so(dprk, korea, tmp_path):
    err = _refused(dprk, korea, "k.json", '[{"id": null, "title": "t", "actor": "US"}]', tmp_path)
    assert err == (
        "dprk: error: k.json: measure #1: field 'id': is null; a measure's id must be given "
        "(every measure has an id, a title and an actor)\n"
    )


def test_a_number_for_an_id_names_the_id_it_may_have_been(dprk, korea, tmp_path):
    """pandas' read_json turns the id "0012" into 12; the advice to write it in quotes
    added a new measure '12' beside '0012'."""
    assert dprk("add-measure", "Batch twelve", "--actor", "US", "--id", "0012").code == 0
    err = _refused(
        dprk,
        korea,
        "k.json",
        '[{"id": 12, "title": "Batch twelve", "actor": "US"}]',
        tmp_path,
    )
    assert err == (
        "dprk: error: k.json: measure #1: field 'id': 12 is a number, not an id: an id is "
        "text, written in quotes as the ledger has it; a spreadsheet or pandas may have "
        "read '0012' as a number: did you mean '0012'?\n"
    )
    # (a reference too; and an id '12.0' reads as the same number)
    err = _refused(
        dprk,
        korea,
        "k.json",
        '[{"id": "x1", "title": "t", "actor": "US", "part_of": 12.0}]',
        tmp_path,
    )
    assert err.endswith(
        "field 'part_of': 12.0 is a number, not an id: an id is text, written in quotes as "
        "the ledger has it; a spreadsheet or pandas may have read '0012' as a number: did "
        "you mean '0012'?\n"
    )


def test_a_number_for_an_id_none_reads_as_warns_of_what_pandas_does(dprk, korea, tmp_path):
    err = _refused(dprk, korea, "k.json", '[{"id": 12, "title": "t", "actor": "US"}]', tmp_path)
    assert err == (
        "dprk: error: k.json: measure #1: field 'id': 12 is a number, not an id: an id is "
        'text, written in quotes as the ledger has it ("12", if that is the id); a '
        'spreadsheet or pandas may have turned an id such as "0012" into 12: give the id '
        "as it was\n"
    )


def test_a_blank_reference_says_how_to_give_none(dprk, korea, tmp_path):
    """'"part_of": ""' said 'is blank; give some text', for a field that may be empty."""
    err = _refused(
        dprk,
        korea,
        "k.json",
        '[{"id": "x1", "title": "t", "actor": "US", "part_of": ""}]',
        tmp_path,
    )
    assert err.endswith("field 'part_of': is blank; for none, give null or leave the key out\n")
    err = _refused(dprk, korea, "k.csv", "id,title,actor,part_of\nx1,t,US,  \n", tmp_path)
    assert err.endswith("field 'part_of': is blank; for none, leave the cell empty\n")


def test_every_field_a_record_is_refused_for_is_named(dprk, korea, tmp_path):
    """It was '(and 3 more problems)', which never named them."""
    record = {
        "id": 12,
        "title": "t",
        "actor": "US",
        "category": None,
        "notes": 5,
        "part_of": "",
    }
    err = _refused(dprk, korea, "k.json", json.dumps([record]), tmp_path)
    assert err == (
        "dprk: error: k.json: measure #1: field 'id': 12 is a number, not an id: an id is "
        'text, written in quotes as the ledger has it ("12", if that is the id); a '
        'spreadsheet or pandas may have turned an id such as "0012" into 12: give the id '
        "as it was; also field 'category': is null; leave the key out, or give \"\" for "
        "none; field 'part_of': is blank; for none, give null or leave the key out; field "
        "'notes': 5 is not text; write it in quotes\n"
    )
    # (each after the first whole, as many as the line holds; the rest counted)
    record = {"id": "x1", "title": "t", "actor": "US", "in_exchange_for": list(range(13))}
    err = _refused(dprk, korea, "k.json", json.dumps([record]), tmp_path)
    assert err.startswith(
        "dprk: error: k.json: measure #1 (measure 'x1'): field 'in_exchange_for[1]': 0 is a "
        'number, not an id: an id is text, written in quotes as the ledger has it ("0", '
    )
    assert (
        "; also field 'in_exchange_for[2]': 1 is a number, not an id: an id is text, "
        'written in quotes as the ledger has it ("1", if that is the id); a spreadsheet or '
        'pandas may have turned an id such as "0012" into 12: give the id as it was; field '
        "'in_exchange_for[3]'"
    ) in err
    assert "…" not in err
    assert err.endswith(
        "; field 'in_exchange_for[5]': 4 is a number, not an id: an id is text, written in "
        'quotes as the ledger has it ("4", if that is the id); a spreadsheet or pandas may '
        'have turned an id such as "0012" into 12: give the id as it was; and 8 more '
        "problems\n"
    )


def test_a_new_measure_with_the_title_and_actor_of_one_on_record_is_warned_of(
    dprk, korea, tmp_path
):
    """pandas re-wrote the CSV, reading the ids '0012' and '1e5' as numbers (12.0,
    100000.0): the rows were added silently as new measures beside their own, with
    --replace too ("2 new, 0 replaced"). Warned of by the rule add-measure and check's
    measures-alike share, with add-measure's way back."""
    for title, ident in (("Batch twelve", "0012"), ("Batch big", "1e5")):
        assert dprk("add-measure", title, "--actor", "US", "--id", ident).code == 0
    (tmp_path / "p.csv").write_text(
        "id,title,actor,category\n"
        "12.0,Batch twelve,US,\n"
        "100000.0,Batch big,US,\n"
        "fresh,Something new,US,\n"
        "other,Summit in Singapore,US,\n",
        encoding="utf-8",
    )
    before = korea.read_bytes()
    result = dprk("import", "--replace", "p.csv")
    assert result.code == 0, result.err
    assert result.out == ""
    assert result.err == (
        "imported 4 measures from p.csv (4 new, 0 replaced)\n"
        "dprk: warning: 12.0: row 2 has the title and actor of '0012' (pandas or a "
        "spreadsheet may have read '0012' as a number); if it is the same measure, 'dprk "
        "undo' takes the import back, or 'dprk remove 12.0' this one\n"
        "dprk: warning: 100000.0: row 3 has the title and actor of '1e5' (pandas or a "
        "spreadsheet may have read '1e5' as a number); if it is the same measure, 'dprk "
        "undo' takes the import back, or 'dprk remove 100000.0' this one\n"
    )
    ids = [m["id"] for m in json.loads(dprk("status", "--format", "json").out)["measures"]]
    assert {"0012", "12.0", "1e5", "100000.0", "fresh", "other"} <= set(ids)
    # (the advice holds: undo gives the ledger back byte for byte)
    assert dprk("undo").code == 0
    assert korea.read_bytes() == before


def test_a_new_measure_alike_to_one_on_record_under_another_id_is_warned_of(dprk, korea, tmp_path):
    """Any id: the rule is check's, title (in any case, spaces) and actor."""
    (tmp_path / "p.json").write_text(
        json.dumps(
            [
                {
                    "id": "inventory-2",
                    "title": "DPRK hands over an  INVENTORY of its nuclear programme",
                    "actor": "DPRK",
                }
            ]
        ),
        encoding="utf-8",
    )
    title = json.loads(dprk("show", "inventory-submission", "--format", "json").out)["title"]
    assert title == "DPRK hands over an inventory of its nuclear programme"
    result = dprk("import", "p.json")
    assert result.code == 0, result.err
    assert result.err == (
        "imported 1 measure from p.json (1 new, 0 replaced)\n"
        "dprk: warning: inventory-2: measure #1 has the title and actor of "
        "'inventory-submission'; if it is the same measure, 'dprk undo' takes the import "
        "back, or 'dprk remove inventory-2' this one\n"
    )
    assert "[measures-alike]" in dprk("check").out


def test_an_id_on_record_a_new_one_reads_as_is_named_beside_its_twin(dprk, korea, tmp_path):
    """The measure alike is 'b12'; the id '0012' on record reads as the number 12.0 does:
    both are named."""
    for title, ident in (("Batch twelve", "b12"), ("Batch twelve, the first", "0012")):
        assert dprk("add-measure", title, "--actor", "US", "--id", ident).code == 0
    (tmp_path / "p.csv").write_text("id,title,actor\n12.0,Batch twelve,US\n", encoding="utf-8")
    result = dprk("import", "p.csv")
    assert result.code == 0, result.err
    assert result.err.splitlines()[1:] == [
        "dprk: warning: 12.0: row 2 has the title and actor of 'b12' (pandas or a "
        "spreadsheet may have read '0012' as a number); if it is the same measure, 'dprk "
        "undo' takes the import back, or 'dprk remove 12.0' this one"
    ]


def test_a_csv_with_pandas_index_column_says_what_it_is(dprk, korea, tmp_path):
    """'to_csv' without index=False writes an index column with an empty heading: it
    was "line 1: column 1 has no name (after '')"."""
    err = _refused(
        dprk, korea, "p.csv", ",id,title,actor\n0,x1,Batch one,US\n1,x2,Batch two,US\n", tmp_path
    )
    assert err == (
        "dprk: error: p.csv: line 1: the first column has no name, before 'id': a "
        "spreadsheet's index column, most likely (pandas leaves it out with "
        "to_csv(index=False)); delete it, or name it\n"
    )
    err = _refused(dprk, korea, "p.csv", ",notes\n0,x\n", tmp_path)
    assert err.startswith("dprk: error: p.csv: line 1: the first column has no name, before ")
    # (before a heading that names no field: the first column, said as such)
    err = _refused(dprk, korea, "p.csv", ",ident,title,actor\n0,x1,Batch one,US\n", tmp_path)
    assert err == (
        "dprk: error: p.csv: line 1: column 1 has no name (the first column); name it, or "
        "delete it\n"
    )


def test_what_a_replacing_row_drops_is_told_in_number(dprk, korea, tmp_path):
    """ "which drops its deadline ('dprk undo' brings them back)": one thing is 'it'."""
    assert dprk("add-measure", "Dated", "--actor", "US", "--id", "dd", "--deadline",
                "2019-01-01", "--source", "KCNA", "--date", "2018-01-01").code == 0  # fmt: skip
    record = json.loads(dprk("show", "dd", "--format", "json").out)
    exported = next(m for m in json.loads(dprk("export").out)["measures"] if m["id"] == "dd")
    assert record["deadline"] == exported["deadline"] == "2019-01-01"
    before = korea.read_bytes()
    row = {**exported, "deadline": None}
    (tmp_path / "d.json").write_text(json.dumps([row]), encoding="utf-8")
    result = dprk("import", "--replace", "d.json")
    assert (result.code, result.out) == (0, "")
    assert result.err == (
        "imported 1 measure from d.json (0 new, 1 replaced)\n"
        "replaced: dd (deadline)\n"
        "dprk: warning: dd: replaced by measure #1, which drops its deadline ('dprk undo' "
        "brings it back)\n"
    )
    assert b"deadline" not in korea.read_bytes().split(b'id = "dd"')[1].split(b"[[measures]]")[0]
    assert dprk("undo").code == 0 and korea.read_bytes() == before
    # (two things: them)
    row = {**exported, "deadline": None, "sources": []}
    (tmp_path / "d.json").write_text(json.dumps([row]), encoding="utf-8")
    result = dprk("import", "--replace", "d.json")
    assert result.code == 0
    assert result.err.endswith(
        "which drops 1 source, its deadline ('dprk undo' brings them back)\n"
    )
