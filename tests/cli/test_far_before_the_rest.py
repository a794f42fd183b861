"""A day typed wrong by centuries (1195 for 1995): more than 100 years before the next
earliest day of the ledger, it is said by the write that brings it and by `check`
(`far-before-the-rest`), with the redate that corrects it; days close together, however
old, and a ledger of one day, are not."""

from __future__ import annotations

import pytest

FAR = (
    "paris-fry: its record has an event on 1195-12-14 (entry 1, created), more than 100 "
    "years before the next earliest day of the ledger (1995-11-21): a date typed wrong? "
    "('dprk log paris-fry' numbers the entries, 'dprk redate paris-fry 1 YYYY-MM-DD' "
    "corrects it)"
)


@pytest.fixture
def dayton(dprk, tmp_path, tick):
    """Croatia's signature dated right; FRY's yet to be added."""
    for args in (
        ("init", "--party", "Croatia", "--party", "FRY"),
        ("add-measure", "Sign", "--actor", "Croatia", "--id", "paris", "--status", "agreed",
         "--date", "1995-11-21"),
    ):  # fmt: skip
        tick()
        result = dprk(*args)
        assert result.code == 0, result.err
    tick()
    return tmp_path / "dprk-ledger.toml"


def add_far(dprk):
    return dprk(
        "add-measure", "Sign (FRY)", "--actor", "FRY", "--id", "paris-fry",
        "--status", "implemented", "--date", "1195-12-14",
    )  # fmt: skip


def test_the_write_that_brings_a_day_centuries_before_the_rest_says_so(dprk, dayton, tick):
    result = add_far(dprk)
    assert result.code == 0, result.err
    assert result.out == "paris-fry\n"
    warned = [line for line in result.err.splitlines() if "100 years" in line]
    assert warned == [f"dprk: warning: {FAR}"]
    assert "date = 1195-12-14" in dayton.read_text()  # (a warning: the change is made)
    tick()
    noted = dprk("note", "paris-fry", "Signed in Paris")  # (the day was there before)
    assert noted.code == 0, noted.err
    assert "100 years" not in noted.err


def test_check_warns_of_it_and_leaves_the_ledger_as_it_was(dprk, dayton, tick):
    assert add_far(dprk).code == 0
    tick()
    before = dayton.read_bytes()
    checked = dprk("check")
    assert checked.code == 0, checked.err
    assert checked.out == f"warning: {FAR} [far-before-the-rest]\n0 errors, 1 warning\n"
    assert dprk("check", "--strict").code == 1
    assert dayton.read_bytes() == before
    tick()
    fixed = dprk("redate", "paris-fry", "1", "1995-12-14")
    assert fixed.code == 0, fixed.err
    assert dprk("check").out == "ok: no problems found\n"


def test_the_day_typed_wrong_first_is_found_by_check(dprk, tmp_path, tick):
    """Added before the day it lies so far before: the write brought no such day yet, the
    next one brings the day it is far from (and says nothing); `check` says it."""
    assert dprk("init", "--party", "Croatia", "--party", "FRY").code == 0
    tick()
    assert add_far(dprk).code == 0
    tick()
    added = dprk(
        "add-measure", "Sign", "--actor", "Croatia", "--id", "paris", "--status", "agreed",
        "--date", "1995-11-21",
    )  # fmt: skip
    assert added.code == 0, added.err
    assert "100 years" not in added.err
    tick()
    assert dprk("check").out == f"warning: {FAR} [far-before-the-rest]\n0 errors, 1 warning\n"


def test_a_ledger_of_one_day_is_not_warned(dprk, tmp_path, tick):
    assert dprk("init", "--party", "Croatia", "--party", "FRY").code == 0
    tick()
    result = add_far(dprk)
    assert result.code == 0, result.err
    assert "100 years" not in result.err
    tick()
    assert dprk("check").out == "ok: no problems found\n"


def test_a_historian_of_1648_is_not_warned(dprk, tmp_path, tick):
    """Old days, all within 100 years of each other: the Thirty Years' War."""
    for args in (
        ("init", "--party", "Empire", "--party", "Sweden"),
        ("add-measure", "Defenestration answered", "--actor", "Empire", "--id", "prague",
         "--date", "1618-05-23"),
        ("add-measure", "Withdraw from the Empire", "--actor", "Sweden", "--id", "osnabrueck",
         "--date", "1648-10-24"),
        ("mark", "osnabrueck", "implemented", "--date", "1650-06-26"),
    ):  # fmt: skip
        tick()
        result = dprk(*args)
        assert result.code == 0, result.err
        assert "100 years" not in result.err
    tick()
    assert dprk("check").out == "ok: no problems found\n"


def test_a_redate_that_brings_such_a_day_says_so(dprk, dayton, tick):
    added = dprk(
        "add-measure", "Sign (FRY)", "--actor", "FRY", "--id", "paris-fry", "--date",
        "1995-12-14",
    )  # fmt: skip
    assert added.code == 0, added.err
    tick()
    result = dprk("redate", "paris-fry", "1", "1195-12-14")
    assert result.code == 0, result.err
    warned = [line for line in result.err.splitlines() if "100 years" in line]
    assert warned == [
        "dprk: warning: paris-fry: its record has an event on 1195-12-14 (entry 1, "
        "created), more than 100 years before the next earliest day of the ledger "
        "(1995-11-21): a date typed wrong? ('dprk log paris-fry' numbers the entries, "
        "'dprk redate paris-fry 1 YYYY-MM-DD' corrects it)"
    ]
