"""A party's name typed one letter off is taken for the party meant wherever a name is
judged: 'check' of a hand-edited actor or demand near a declared party named that party
first (it advised declaring the typo as a new side), and 'add-party' of a name near a
declared party's warns."""

import tomllib


def _measure(ledger, ident):
    return next(m for m in tomllib.loads(ledger.read_text())["measures"] if m["id"] == ident)


def test_check_names_the_near_party_of_a_mistyped_actor(dprk, tmp_path):
    ledger = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--party", "Sudan", "--party", "Chad").code == 0
    assert dprk("add-measure", "Census", "--actor", "Sudan", "--id", "census").code == 0
    ledger.write_text(ledger.read_text().replace('actor = "Sudan"', 'actor = "Sudn"'))
    before = ledger.read_bytes()
    result = dprk("check")
    assert result.code == 1
    assert result.out.splitlines()[0] == (
        "error: census: actor 'Sudn' is not a declared party; did you mean Sudan? correct "
        "the actor with 'dprk edit census --actor Sudan', or add it with 'dprk add-party "
        "Sudn' if it is a new side [undeclared-parties]"
    )
    assert ledger.read_bytes() == before
    # the advised command mends it
    edited = dprk("edit", "census", "--actor", "Sudan")
    assert edited.code == 0, edited.err
    assert _measure(ledger, "census")["actor"] == "Sudan"
    assert dprk("check").out == "ok: no problems found\n"


def test_check_of_a_name_near_no_party_advises_declaring_it(dprk, tmp_path):
    ledger = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--party", "Sudan", "--party", "Chad").code == 0
    assert dprk("add-measure", "Census", "--actor", "Sudan", "--id", "census").code == 0
    ledger.write_text(ledger.read_text().replace('actor = "Sudan"', 'actor = "Eritrea"'))
    assert dprk("check").out.splitlines()[0] == (
        "error: census: actor 'Eritrea' is not a declared party; add it with 'dprk "
        "add-party Eritrea' or correct the actor [undeclared-parties]"
    )


def test_check_names_the_near_party_of_a_mistyped_demand(dprk, tmp_path):
    ledger = tmp_path / "dprk-ledger.toml"
    for args in (
        ["init", "--party", "Sudan", "--party", "Chad"],
        ["add-measure", "A", "--actor", "Sudan", "--id", "a", "--date", "2020-01-01"],
        ["add-measure", "B", "--actor", "Chad", "--id", "b", "--date", "2020-01-01"],
        ["sequence", "a", "--after", "b", "--require", "verified", "--demanded-by", "Chad",
         "--date", "2020-01-02"],
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    ledger.write_text(ledger.read_text().replace('demanded_by = "Chad"', 'demanded_by = "Chda"'))
    result = dprk("check")
    assert result.code == 1
    advice = (
        "error: a: the constraint after 'b' is demanded by 'Chda', which is not a declared "
        "party; did you mean Chad? correct the name with 'dprk sequence a --after b "
        "--require verified --demanded-by Chad --date 2020-01-02', or add it with 'dprk "
        "add-party Chda' if it is a new side [undeclared-parties]"
    )
    assert advice in result.out.splitlines()
    again = dprk(
        "sequence", "a", "--after", "b", "--require", "verified", "--demanded-by", "Chad",
        "--date", "2020-01-02",
    )  # fmt: skip
    assert again.code == 0, again.err
    assert dprk("check").out == "ok: no problems found\n"


def test_add_party_near_a_declared_party_warns(dprk, tmp_path):
    ledger = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--party", "Greece", "--party", "Macedonia").code == 0
    added = dprk("add-party", "Grece")
    assert (added.code, added.out) == (0, "")
    assert added.err == (
        "added party Grece\n"
        "dprk: warning: Grece is near the declared party Greece; if Grece was the typo, "
        "'dprk undo' takes it back; if Greece was, 'dprk remove-party Greece'\n"
    )
    assert tomllib.loads(ledger.read_text())["parties"] == ["Greece", "Macedonia", "Grece"]
    assert dprk("undo").code == 0
    assert tomllib.loads(ledger.read_text())["parties"] == ["Greece", "Macedonia"]
    # the typo declared first: the party meant is near it
    assert dprk("add-party", "Rusia").err.endswith("added party Rusia\n")
    russia = dprk("add-party", "Russia")
    assert russia.code == 0
    assert russia.err.endswith(
        "dprk: warning: Russia is near the declared party Rusia; if Russia was the typo, "
        "'dprk undo' takes it back; if Rusia was, 'dprk remove-party Rusia'\n"
    )
    # a name near none, as before
    assert dprk("add-party", "China").err == "added party China\n"


def test_add_party_near_a_former_name_or_two_parties_warns(dprk, tmp_path):
    for args in (
        ["init", "--party", "Greece", "--party", "Macedonia", "--party", "P5+1",
         "--party", "P5+2"],
        ["add-measure", "Ratify", "--actor", "Macedonia", "--id", "ratify", "--date",
         "2018-06-17"],
        ["rename-party", "Macedonia", "North Macedonia", "--date", "2019-02-12"],
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    former = dprk("add-party", "Macedonai")
    assert former.code == 0
    assert former.err.endswith(
        "dprk: warning: Macedonai is near the declared party North Macedonia (named "
        "Macedonia before a rename); if it was a typo, 'dprk undo' takes it back\n"
    )
    both = dprk("add-party", "P5")
    assert both.code == 0
    assert both.err.endswith(
        "dprk: warning: P5 is near the declared parties P5+1 and P5+2; if it was a typo, "
        "'dprk undo' takes it back\n"
    )


def _renamed(dprk):
    for args in (
        ["init", "--party", "Greece", "--party", "Macedonia"],
        ["add-measure", "Ratify", "--actor", "Greece", "--id", "ratify", "--status", "agreed",
         "--date", "2018-06-17"],
        ["mark", "ratify", "implemented", "--date", "2019-01-25"],
        ["verify", "ratify", "--by", "Macedonia", "--date", "2019-01-26"],
        ["rename-party", "Macedonia", "North Macedonia", "--date", "2019-02-12"],
    ):  # fmt: skip
        assert dprk(*args).code == 0, args


RENAMED = "party 'Macedonia' was renamed North Macedonia on 2019-02-12; give \"North Macedonia\"\n"


def test_status_verified_by_a_former_name_after_the_rename_is_refused(dprk, tmp_path):
    _renamed(dprk)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    for option in ("--verified-by", "--party"):
        for day in (["--as-of", "2019-06-01"], []):
            result = dprk("status", option, "Macedonia", *day, "--format", "ids")
            assert (result.code, result.out) == (1, ""), (option, day)
            assert result.err == f"dprk: error: {option}: {RENAMED}", (option, day)
    # of a day it had the name: the party's, as before
    then = dprk("status", "--verified-by", "Macedonia", "--as-of", "2019-02-01", "--format", "ids")
    assert (then.code, then.out, then.err) == (0, "ratify\n", "")
    assert ledger.read_bytes() == before


def test_import_of_a_former_name_is_judged_as_add_measure_judges_it(dprk, tmp_path):
    _renamed(dprk)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    refused = dprk("add-measure", "Joint session", "--actor", "Macedonia")
    assert refused.code == 1 and refused.err == f"dprk: error: --actor: {RENAMED}"
    undated = tmp_path / "i.csv"
    undated.write_text("id,title,actor,status\nx1,Joint session,Macedonia,proposed\n")
    later = tmp_path / "j.csv"
    later.write_text("id,title,actor,status,date\nx2,Later,Macedonia,proposed,2019-03-01\n")
    for sheet, row in ((undated, "row 2 (measure 'x1')"), (later, "row 2 (measure 'x2')")):
        result = dprk("import", sheet.name)
        assert (result.code, result.out) == (1, ""), sheet
        assert result.err == f"dprk: error: {sheet.name}: {row}: actor: {RENAMED}", sheet
        assert ledger.read_bytes() == before
    # dated before the rename: the party's name then, the rename recorded after it
    earlier = tmp_path / "k.csv"
    earlier.write_text("id,title,actor,status,date\nx3,Earlier,Macedonia,proposed,2019-01-01\n")
    taken = dprk("import", earlier.name)
    assert taken.code == 0, taken.err
    x3 = _measure(ledger, "x3")
    assert x3["actor"] == "North Macedonia"
    assert [(str(h["date"]), h["event"]) for h in x3["history"]] == [
        ("2019-01-01", "created"),
        ("2019-02-12", "edit"),
    ]
