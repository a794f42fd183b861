"""A list cut short names the one it would count: "and 1 more" is no shorter than the
one left, named."""

from __future__ import annotations

import json

from dprk_cli.clock import today


def test_status_names_the_eleventh_overdue_measure(dprk, empty):
    for n in range(11):
        assert dprk("add-measure", f"M{n}", "--actor", "US", "--id", f"m{n:02}", "--date",
                    "2018-01-01", "--deadline", "2018-06-01").code == 0  # fmt: skip
    before = empty.read_bytes()
    result = dprk("status")
    assert result.code == 0
    named = ", ".join(f"m{n:02}" for n in range(11))
    assert f"overdue on {today().isoformat()}: {named}\n" in result.out, result.out
    assert "1 more" not in result.out
    assert empty.read_bytes() == before


def test_an_import_names_the_eleventh_row_refused_too(dprk, empty, tmp_path):
    before = empty.read_bytes()
    rows = "".join(f"r{n},Row {n},Russia\n" for n in range(12))
    (tmp_path / "rows.csv").write_text(f"id,title,actor\n{rows}", encoding="utf-8")
    result = dprk("import", "rows.csv")
    assert (result.code, result.out) == (1, "")
    others = ", ".join(f"row {n}" for n in range(3, 14))
    assert f"; {others} are refused too" in result.err, result.err
    assert "1 more" not in result.err
    assert len(result.err.splitlines()) == 1 and "Traceback" not in result.err
    assert empty.read_bytes() == before


def test_remove_party_names_the_sixth_measure_that_names_it(dprk, empty):
    for n in range(6):
        assert dprk("add-measure", f"M{n}", "--actor", "ROK", "--id", f"m{n}").code == 0
    before = empty.read_bytes()
    result = dprk("remove-party", "ROK")
    assert (result.code, result.out) == (1, "")
    assert result.err.startswith(
        "dprk: error: party 'ROK' is named by 6 measures (m0, m1, m2, m3, m4, m5); "
    ), result.err
    assert len(result.err.splitlines()) == 1
    assert empty.read_bytes() == before


def test_a_read_names_the_fourth_status_set_by_hand(dprk, empty):
    for n in range(4):
        assert dprk("add-measure", f"M{n}", "--actor", "US", "--id", f"m{n}").code == 0
    empty.write_text(
        empty.read_text(encoding="utf-8").replace(
            'actor = "US"\nstatus = "proposed"', 'actor = "US"\nstatus = "agreed"'
        ),
        encoding="utf-8",
    )  # fmt: skip
    before = empty.read_bytes()
    result = dprk("status")
    assert result.code == 0
    warned = [line for line in result.err.splitlines() if "'m0'" in line]
    assert len(warned) == 1, result.err
    assert "measures 'm0', 'm1', 'm2' and 'm3' have " in warned[0], warned[0]
    assert empty.read_bytes() == before


def _whole_of_seven(dprk) -> None:
    """'w', made of seven parts p1 to p7, all proposed: one more than a message names."""
    assert dprk("add-measure", "W", "--actor", "US", "--id", "w", "--date", "2018-01-01").code == 0
    for n in range(1, 8):
        assert dprk("add-measure", f"P{n}", "--actor", "US", "--id", f"p{n}", "--part-of", "w",
                    "--date", "2018-01-01").code == 0  # fmt: skip


SEVEN = "p1, p2, p3, p4, p5, p6, p7"


def test_refusals_of_a_whole_name_its_seventh_part(dprk, empty):
    _whole_of_seven(dprk)
    before = empty.read_bytes()
    for args, said in (
        (["mark", "w", "implemented", "--date", "2018-02-01"], f"is made of parts ({SEVEN}): "),
        (["remove", "w"], f"is referred to by {SEVEN} (exchange links"),
        (["verify", "w", "--result", "partial", "--by", "DPRK", "--date", "2018-03-01"],
         f"as its parts ({SEVEN}) give it"),
    ):  # fmt: skip
        result = dprk(*args)
        assert (result.code, result.out) == (1, ""), args
        assert said in result.err, result.err
        assert len(result.err.splitlines()) == 1 and "..." not in result.err
        assert empty.read_bytes() == before
    for n in range(1, 8):
        assert dprk("mark", f"p{n}", "implemented", "--date", "2018-02-01").code == 0
    before = empty.read_bytes()
    result = dprk("verify", "w", "--by", "DPRK", "--date", "2018-03-01")
    assert (result.code, result.out) == (1, "")
    assert f"record it on the parts ({SEVEN}); " in result.err, result.err
    assert empty.read_bytes() == before


def test_a_whole_set_by_hand_names_its_seventh_part(dprk, empty):
    _whole_of_seven(dprk)
    text = empty.read_text(encoding="utf-8")
    at = text.index('status = "proposed"', text.index('id = "w"'))
    empty.write_text(text[:at] + 'status = "agreed"' + text[at + 19 :], encoding="utf-8")
    before = empty.read_bytes()
    result = dprk("mark", "p1", "implemented", "--date", "2018-02-01")
    assert (result.code, result.out) == (1, "")
    assert f"for each that took that step ({SEVEN}), or set" in result.err, result.err
    assert len(result.err.splitlines()) == 1
    assert empty.read_bytes() == before


def test_next_names_the_fourth_measure_a_verification_also_waits_for(dprk, empty):
    """a1 waits for v to be verified, for b1 to b4 to act and for u1 to u4 to be verified:
    the row of v's verification names all four of each, not three and '1 more'."""
    made = ["a1", "v", "b1", "b2", "b3", "b4", "u1", "u2", "u3", "u4"]
    for ident in made:
        assert dprk("add-measure", ident, "--actor", "US", "--id", ident, "--date",
                    "2000-01-01").code == 0  # fmt: skip
    for ident in ("v", "u1", "u2", "u3", "u4"):
        assert dprk("mark", ident, "implemented", "--date", "2000-01-02").code == 0
        assert dprk("sequence", "a1", "--after", ident, "--require", "verified",
                    "--demanded-by", "DPRK", "--date", "2000-01-03").code == 0  # fmt: skip
    for ident in ("b1", "b2", "b3", "b4"):
        assert dprk("sequence", "a1", "--after", ident, "--demanded-by", "DPRK", "--date",
                    "2000-01-03").code == 0  # fmt: skip
    before = empty.read_bytes()
    result = dprk("next")
    assert result.code == 0, result.err
    assert (
        "a1 (also waits for b1, b2, b3 and b4 to act; u1, u2, u3 and u4 to be verified)"
    ) in result.out, result.out
    assert "1 more" not in result.out
    assert empty.read_bytes() == before


def test_a_history_conflict_names_the_fourth_entry_one_side_has(dprk, tmp_path):
    """Ours redated entry 2 and noted two things; theirs redated it otherwise: ours has
    four entries of its own (the redate's correction too), each named."""
    assert dprk("init", "--party", "US").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    assert dprk("add-measure", "X", "--actor", "US", "--id", "x", "--date", "2018-01-01").code == 0
    assert dprk("mark", "x", "implemented", "--date", "2018-03-01").code == 0
    sides = {name: tmp_path / f"{name}.toml" for name in ("base", "ours", "theirs")}
    for side in sides.values():
        side.write_bytes(ledger.read_bytes())
    for args in (["redate", "x", "2", "2018-03-07"], ["note", "x", "one", "--date", "2018-04-01"],
                 ["note", "x", "two", "--date", "2018-04-02"]):  # fmt: skip
        assert dprk("--ledger", sides["ours"], *args).code == 0
    assert dprk("--ledger", sides["theirs"], "redate", "x", "2", "2018-03-05").code == 0
    merged = dprk("merge-driver", sides["base"], sides["ours"], sides["theirs"], "-o", ledger)
    assert merged.code == 1
    before = ledger.read_bytes()
    result = dprk("check")
    assert result.code == 1
    assert (
        "(ours: 'implemented' on 2018-03-07, 'note' on 2018-04-01, 'note' on 2018-04-02, "
        "'implemented on 2018-03-01 redated to 2018-03-07' on "
    ) in result.out, result.out
    assert "1 more" not in result.out
    assert ledger.read_bytes() == before


def test_a_refusal_names_the_eleventh_other_problem():
    """(Eleven other problems short enough to fit a line: no command refuses that many
    that short, so `also_named`, which every refusal of several problems asks, is asked
    here.) The eleventh is named, the twelfth and thirteenth counted."""
    from dprk_cli.errors import also_named

    others = [f"p{n:02}: wrong" for n in range(1, 12)]
    assert also_named("p00: wrong", others) == f"p00: wrong; also {'; '.join(others)}"
    more = [*others, "p12: wrong", "p13: wrong"]
    assert also_named("p00: wrong", more) == (
        f"p00: wrong; also {'; '.join(others[:10])}; and 3 more problems"
    )


def test_check_names_the_sixth_other_line_of_toml_1_1(dprk, empty):
    assert dprk("add-measure", "B", "--actor", "US", "--id", "b").code == 0
    for n in range(1, 8):
        assert (
            dprk("add-measure", f"M{n}", "--actor", "US", "--id", f"m{n}", "--after", "b").code == 0
        )
    text = empty.read_text(encoding="utf-8")
    assert text.count('    { after = "b" },\n') == 7
    empty.write_text(text.replace('{ after = "b" }', '{ after = "b", }'), encoding="utf-8")
    lines = [
        n for n, line in enumerate(empty.read_text("utf-8").splitlines(), 1) if 'b", }' in line
    ]
    before = empty.read_bytes()
    result = dprk("check")
    assert result.code == 0, result.err
    others = ", ".join(str(n) for n in lines[1:-1])
    assert f"(TOML 1.1 also on lines {others} and {lines[-1]}) [toml-1.0]" in result.out, result.out
    assert "1 more" not in result.out
    assert empty.read_bytes() == before


def test_an_import_names_the_sixth_measure_it_made_act_against_an_order(dprk, tmp_path):
    assert dprk("init", "--party", "A", "--party", "B").code == 0
    assert dprk("add-measure", "y", "--actor", "B", "--id", "y", "--date", "2020-01-01").code == 0
    for n in range(1, 7):
        for args in (
            ("add-measure", f"m{n}", "--actor", "A", "--id", f"m{n}", "--date", "2020-01-01"),
            ("sequence", f"m{n}", "--after", "y", "--demanded-by", "B", "--date", "2020-01-02"),
            ("mark", f"m{n}", "implemented", "--date", f"2020-02-0{n}"),
        ):
            assert dprk(*args).code == 0, args
    (tmp_path / "all.json").write_text(dprk("export", "--format", "json").out, encoding="utf-8")
    other = tmp_path / "other.toml"
    assert dprk("--ledger", other, "init").code == 0
    imported = dprk("--ledger", other, "import", tmp_path / "all.json")
    assert (imported.code, imported.out) == (0, "")
    lines = imported.err.splitlines()
    assert [line.split(":")[2].strip() for line in lines[1:]] == [f"m{n}" for n in range(1, 7)]
    assert "more measure" not in imported.err
    assert other.read_bytes().count(b"[[measures]]") == 7


def test_a_replace_of_eleven_measures_names_the_eleventh(dprk, empty, tmp_path):
    rows = [{"id": f"m{i:02}", "title": f"M{i}", "actor": "US"} for i in range(11)]
    (tmp_path / "rows.json").write_text(json.dumps(rows), encoding="utf-8")
    assert dprk("import", "rows.json").code == 0
    again = [{**row, "title": row["title"] + " again", "status": "agreed"} for row in rows]
    (tmp_path / "rows.json").write_text(json.dumps(again), encoding="utf-8")
    result = dprk("import", "--replace", "rows.json")
    assert result.code == 0, result.err
    lines = result.err.splitlines()
    assert lines[1] == "replaced: " + ", ".join(
        f"m{n:02} (title, status, history)" for n in range(11)
    )
    assert len(lines) == 13  # (each of the eleven it takes less from warned of)
    assert lines[-1] == (
        "dprk: warning: m10: replaced by measure #11, which drops 1 history entry ('dprk undo' "
        "brings it back)"
    )
    assert "more" not in result.err


def test_an_import_names_the_eleventh_whole_it_moved(dprk, empty, tmp_path):
    rows = ["id,title,actor,status,date,part_of"]
    for n in range(11):
        assert dprk("add-measure", f"W{n}", "--actor", "US", "--id", f"w{n:02}", "--status",
                    "agreed", "--date", "2000-01-01").code == 0  # fmt: skip
        rows.append(f"q{n:02},Q{n},US,implemented,2000-03-01,w{n:02}")
    (tmp_path / "many.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    many = dprk("import", "many.csv")
    assert many.code == 0, many.err
    assert many.err.splitlines()[1:] == [
        f"by the import: w{n:02} now implemented from 2000-03-01 (it was agreed)" for n in range(11)
    ]
