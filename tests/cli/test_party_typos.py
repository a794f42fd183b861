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
