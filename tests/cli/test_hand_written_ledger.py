"""A ledger written by hand, as docs/ledger-format.md describes it: what a slip of the
hand leaves in it is read as every view reads it, and named where it is."""

from __future__ import annotations

import json

import pytest

# The Brussels Agreement, 2013-15: the justice agreement and a part of it, the integration
# of Serb judges, whose `part_of` names the whole with a letter missing.
MISSPELT_WHOLE = (
    '\n[[measures]]\nid = "justice-agreement"\ntitle = "Justice agreement"\nactor = "Kosovo"\n'
    '\n[[measures]]\nid = "judiciary-integration"\ntitle = "Integrate Serb judges"\n'
    'actor = "Kosovo"\npart_of = "justice-agreemnt"\n'
)


@pytest.fixture
def kosovo(dprk, tmp_path):
    """An empty ledger declaring Kosovo."""
    assert dprk("init", "--title", "Brussels", "--party", "Kosovo").code == 0
    return tmp_path / "dprk-ledger.toml"


def _whole_gone(dprk, path):
    """A whole and its part, recorded by dprk; then the whole's block deleted by hand."""
    for args in (
        ("add-measure", "Justice agreement", "--actor", "Kosovo", "--id", "justice",
         "--status", "agreed", "--date", "2015-02-09"),
        ("add-measure", "Integrate judges", "--actor", "Kosovo", "--id", "judges",
         "--part-of", "justice", "--status", "agreed", "--date", "2015-02-09"),
    ):  # fmt: skip
        assert dprk(*args).code == 0
    text = path.read_text(encoding="utf-8")
    start = text.index('[[measures]]\nid = "justice"')
    end = text.find("\n[[measures]]", start)
    path.write_text(text[:start] + (text[end + 1 :] if end >= 0 else ""), encoding="utf-8")


@pytest.mark.parametrize("how", ["misspelt", "deleted"])
def test_show_reads_a_part_whose_whole_is_not_in_the_ledger(dprk, kosovo, how):
    if how == "misspelt":
        kosovo.write_text(kosovo.read_text(encoding="utf-8") + MISSPELT_WHOLE, encoding="utf-8")
        part, whole = "judiciary-integration", "justice-agreemnt"
    else:
        _whole_gone(dprk, kosovo)
        part, whole = "judges", "justice"
    before = kosovo.read_bytes()
    shown = dprk("show", part)
    assert (shown.code, shown.err) == (0, "")
    assert f"{part}: history" in shown.out
    assert any(line.split()[:2] == ["part", "of"] and whole in line for line in shown.lines)
    as_json = dprk("show", part, "--format", "json")
    assert (as_json.code, as_json.err) == (0, "")
    assert json.loads(as_json.out)["part_of"] == whole
    # (a supposed status of the part, as `status` and `plan` take it)
    for command in ("status", "plan"):
        assumed = dprk(command, "--assume", f"{part}=implemented")
        assert (assumed.code, assumed.err) == (0, ""), command
        assert "internal error" not in assumed.out
    # (check names the problem, as it did)
    checked = dprk("check")
    assert checked.code == 1
    assert f"is a part of '{whole}', which is not in the ledger" in checked.out
    assert kosovo.read_bytes() == before


def _redated(path, ident, old, new):
    """Every date `old` of measure `ident`'s block written `new`, as a slip of the hand."""
    text = path.read_text(encoding="utf-8")
    start = text.index(f'[[measures]]\nid = "{ident}"')
    end = text.find("\n[[measures]]\n", start)
    end = len(text) if end < 0 else end
    path.write_text(text[:start] + text[start:end].replace(old, new) + text[end:], "utf-8")


@pytest.mark.parametrize("step", ["mark", "verify"])
def test_an_event_after_today_of_a_part_is_warned_of_on_the_part_alone(dprk, kosovo, step):
    """A part's step typed 2097 for 2017 moved its whole too: the whole was warned of as
    well, with advice ('dprk log justice' numbers the entries) that finds no such entry:
    the event is its part's."""
    for args in (
        ("add-measure", "Justice agreement", "--actor", "Kosovo", "--id", "justice",
         "--status", "agreed", "--date", "2015-02-09"),
        ("add-measure", "Integrate judges", "--actor", "Kosovo", "--id", "judges",
         "--part-of", "justice", "--status", "agreed", "--date", "2015-02-09"),
        ("mark", "judges", "implemented", "--date", "2017-10-24"),
        ("note", "justice", "courts integrated", "--date", "2017-10-24"),
    ):  # fmt: skip
        assert dprk(*args).code == 0
    if step == "verify":  # (a finding on the part, the day after its step)
        assert dprk("verify", "judges", "--by", "EULEX", "--date", "2017-10-25").code == 0
    _redated(kosovo, "judges", "2017-10-24" if step == "mark" else "2017-10-25", "2097-10-24")
    before = kosovo.read_bytes()
    found = dprk("check")
    today = json.loads(dprk("status", "--format", "json").out)["as_of"]
    assert (found.code, found.err) == (0, "")
    assert found.out == (
        f"warning: judges: its record has an event on 2097-10-24, after today ({today}): a "
        "date typed wrong? ('dprk log judges' numbers the entries, 'dprk redate' corrects "
        "one) [events-after-today]\n0 errors, 1 warning\n"
    )
    assert kosovo.read_bytes() == before
    # (a note of the whole's own on that day is its own event: warned of on it too)
    _redated(kosovo, "justice", "2017-10-24", "2097-10-24")
    both = dprk("check")
    assert both.code == 0
    assert both.out.splitlines()[1:] == [
        f"warning: justice: its record has an event on 2097-10-24, after today ({today}): a "
        "date typed wrong? ('dprk log justice' numbers the entries, 'dprk redate' corrects "
        "one) [events-after-today]",
        "0 errors, 2 warnings",
    ]


SINGLE_BRACKETS = (
    '\n[[measures]]\nid = "justice"\ntitle = "Justice agreement"\nactor = "Kosovo"\n'
    '\n[measures.history]\ndate = 2015-02-09\nevent = "created"\nstatus = "agreed"\n'
    "recorded = 2015-02-09 12:00:00+00:00\n"
)


@pytest.mark.parametrize("command", [["status"], ["check"], ["note", "justice", "x"]])
def test_a_history_entry_written_in_single_brackets_is_named_at_its_line(dprk, kosovo, command):
    """`[measures.history]` is a table, not an entry of the list: the error named the
    `[[measures]]` line and said no more."""
    kosovo.write_text(kosovo.read_text(encoding="utf-8") + SINGLE_BRACKETS, encoding="utf-8")
    lines = kosovo.read_text(encoding="utf-8").splitlines()
    assert lines[11] == "[measures.history]"
    before = kosovo.read_bytes()
    result = dprk(*command)
    said = (
        "line 12: measure 'justice', field 'history': a table is not a list; write "
        "[[measures.history]] (double brackets): each entry is one of a list"
    )
    if command == ["check"]:
        assert result.code == 1
        shown = said.replace("measure 'justice', ", "")  # (the line names it)
        assert result.out.splitlines()[0] == f"error: justice: {shown} [fields]"
    else:
        assert (result.code, result.out) == (1, "")
        assert result.err == f"dprk: error: dprk-ledger.toml: {said}\n"
    assert kosovo.read_bytes() == before


@pytest.mark.parametrize("written", ["19 April 2013", "April 19, 2013", "19 Apr 2013"])
def test_a_day_written_in_words_is_said_so_with_the_day_it_may_be(dprk, kosovo, written):
    """`date = 19 April 2013` got TOML's own words ('Expected newline or end of
    document after a statement'), where `19.04.2013` is said to be no date, with the
    day it may be."""
    kosovo.write_text(
        kosovo.read_text(encoding="utf-8")
        + '\n[[measures]]\nid = "justice"\ntitle = "Justice agreement"\nactor = "Kosovo"\n'
        f'\n[[measures.history]]\ndate = {written}\nevent = "created"\nstatus = "agreed"\n',
        encoding="utf-8",
    )
    before = kosovo.read_bytes()
    said = f"'{written}' is not a date; write a day as YYYY-MM-DD (2013-04-19?)"
    for command in (["status"], ["note", "justice", "x"]):
        result = dprk(*command)
        assert (result.code, result.out) == (1, "")
        assert result.err.startswith("dprk: error: dprk-ledger.toml: line 13, column ")
        assert result.err.endswith(f": {said}\n")
    checked = dprk("check")
    assert checked.code == 1 and said in checked.out
    assert kosovo.read_bytes() == before
    # (a --date given so is answered alike)
    given = dprk("add-measure", "Integrate judges", "--actor", "Kosovo", "--date", written)
    assert (given.code, given.err) == (
        2,
        f"dprk: error: --date: '{written}' is not a date; use YYYY-MM-DD (2013-04-19?)\n",
    )
    assert kosovo.read_bytes() == before


def test_words_that_are_no_day_are_left_to_toml_s_own_message(dprk, kosovo):
    kosovo.write_text(
        kosovo.read_text(encoding="utf-8")
        + '\n[[measures]]\nid = "justice"\ntitle = Session 19, 2013\nactor = "Kosovo"\n',
        encoding="utf-8",
    )
    result = dprk("status")
    assert result.code == 1
    assert "TOML syntax error" in result.err and "not a date" not in result.err


def test_an_order_to_no_measure_demanded_by_a_party_mistyped_is_named(kosovo, dprk):
    """An order written by hand toward an id no measure has, said to be demanded by a
    declared party's name typed wrong: the read names both slips, as `check` names
    either alone. It ended every command reading the file with "internal error:
    KeyError" (the advice for the party asked when the order toward nowhere was set)."""
    with kosovo.open("a", encoding="utf-8") as f:
        f.write(
            '\n[[measures]]\nid = "judges"\ntitle = "Integrate Serb judges"\n'
            'actor = "Kosovo"\nconstraints = [\n'
            '    { after = "justice-agreemnt", demanded_by = "Kosovoo" },\n]\n'
        )
    before = kosovo.read_bytes()
    check = dprk("check", "--format", "json")
    assert check.code == 1, check.err
    assert check.err == ""
    assert kosovo.read_bytes() == before
    found = [(p["measure"], p["check"]) for p in json.loads(check.out)["problems"]]
    assert ("judges", "undeclared-parties") in found
    assert any(c != "undeclared-parties" for m, c in found if m == "judges"), found
    listed = dprk("status", "--format", "ids")
    assert (listed.code, listed.out) == (0, "judges\n"), listed.err
    assert kosovo.read_bytes() == before
