"""A status given in other words than dprk's ('resumed', 'suspended', 'signed') is
answered with the status it is recorded as, never with a word near it in spelling that
means the opposite ('resumed' is not 'reversed')."""

from __future__ import annotations

import pytest

MARK = "'proposed', 'agreed', 'implemented', 'reversed', 'withdrawn', 'rejected'"


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("resumed", "implemented"),
        ("restored", "implemented"),
        ("done", "implemented"),
        ("Completed", "implemented"),
        ("carried out", "implemented"),
        ("suspended", "reversed"),
        ("undone", "reversed"),
        ("revoked", "reversed"),
        ("broken", "reversed"),
        ("violated", "reversed"),
        ("signed", "agreed"),
        ("accepted", "agreed"),
        ("offered", "proposed"),
        ("refused", "rejected"),
        ("declined", "rejected"),
        ("cancelled", "withdrawn"),
        ("abandoned", "withdrawn"),
        ("retracted", "withdrawn"),
    ],
)
def test_mark_names_the_status_a_word_users_type_is_recorded_as(dprk, korea, word, status):
    before = korea.read_bytes()
    result = dprk("mark", "punggye-ri-closure", word, "--date", "2018-06-01")
    assert (result.code, result.out, korea.read_bytes()) == (2, "", before)
    assert result.err == (
        f"dprk: error: Invalid value for 'STATUS': '{word}' is not one of {MARK} "
        f"('{word}' is recorded as '{status}') (see 'dprk mark --help')\n"
    )


@pytest.mark.parametrize("word", ["unimplemented", "unreversed", "disagreed", "not agreed"])
def test_a_word_that_says_the_opposite_of_a_status_is_not_taken_for_it(dprk, korea, word):
    """Near 'implemented' in spelling, 'unimplemented' says the opposite: no hint."""
    before = korea.read_bytes()
    result = dprk("mark", "punggye-ri-closure", word, "--date", "2018-06-01")
    assert (result.code, result.out, korea.read_bytes()) == (2, "", before)
    assert result.err == (
        f"dprk: error: Invalid value for 'STATUS': '{word}' is not one of {MARK}. "
        "(see 'dprk mark --help')\n"
    )


def test_a_word_users_type_is_named_in_a_file_too(dprk, empty, tmp_path):
    """A sheet's 'suspended' says what it is recorded as, as the command line does; a
    status the field lacks is not offered ('done' where an extent is asked for)."""
    (tmp_path / "s.csv").write_text("id,title,actor,status\nq,Q,US,Suspended\n", encoding="utf-8")
    before = empty.read_bytes()
    result = dprk("import", "s.csv")
    assert (result.code, result.out, empty.read_bytes()) == (1, "", before)
    assert result.err == (
        "dprk: error: s.csv: row 2 (measure 'q'): field 'status': 'suspended' is not one "
        "of 'proposed', 'agreed', 'implemented', 'verified', 'disputed', 'reversed', "
        "'withdrawn' or 'rejected' ('suspended' is recorded as 'reversed')\n"
    )
    extent = dprk("mark", "q", "implemented", "--extent", "done")
    assert extent.code == 2 and "recorded as" not in extent.err and "did you mean" not in extent.err


def test_a_typo_is_still_answered_by_spelling(dprk, korea):
    result = dprk("mark", "punggye-ri-closure", "reversd")
    assert "(did you mean 'reversed'?)" in result.err


# Words analysts use for carrying a measure out, or for undoing one: each near a status in
# spelling that means something else ('released', 'eased': 'reversed'; 'reimposed':
# 'proposed'; 'started': 'agreed'), which the refusal offered.
_CARRIED_OUT_OR_UNDONE = [
    *((word, "implemented") for word in (
        "released", "reopened", "eased", "removed", "lifted", "started", "began", "begun",
        "fulfilled", "executed", "enacted", "delivered", "honoured", "honored",
    )),
    ("reimposed", "reversed"),
]  # fmt: skip


@pytest.mark.parametrize(("word", "status"), _CARRIED_OUT_OR_UNDONE)
def test_a_word_for_carrying_out_or_undoing_is_named_not_the_status_near_it(
    dprk, korea, word, status
):
    before = korea.read_bytes()
    result = dprk("mark", "punggye-ri-closure", word, "--date", "2018-06-01")
    assert (result.code, result.out, korea.read_bytes()) == (2, "", before)
    assert result.err == (
        f"dprk: error: Invalid value for 'STATUS': '{word}' is not one of {MARK} "
        f"('{word}' is recorded as '{status}') (see 'dprk mark --help')\n"
    )
    listed = dprk("status", "--status", word)
    assert (listed.code, listed.out) == (2, "")
    assert listed.err.endswith(
        f"'rejected' ('{word}' is recorded as '{status}') (see 'dprk status --help')\n"
    )


_UNCLEAR = {
    "reduced": "('reduced' is no status: a measure carried out in part is recorded as "
    "'implemented' with --extent minimal or intermediate)",
    "reinstated": "('reinstated' is no status: 'implemented' if the measure is back in "
    "force, 'reversed' if what it undid is)",
}


@pytest.mark.parametrize("word", sorted(_UNCLEAR))
def test_a_word_with_no_one_status_is_answered_with_what_to_give(dprk, korea, word):
    """'reduced' (cut in extent) was answered "did you mean 'rejected'?"; 'reinstated'
    reads either way (the measure back in force, or the sanctions it lifted)."""
    before = korea.read_bytes()
    result = dprk("mark", "punggye-ri-closure", word, "--date", "2018-06-01")
    assert (result.code, result.out, korea.read_bytes()) == (2, "", before)
    assert result.err == (
        f"dprk: error: Invalid value for 'STATUS': '{word}' is not one of {MARK} "
        f"{_UNCLEAR[word]} (see 'dprk mark --help')\n"
    )
    listed = dprk("status", "--status", word)
    assert listed.code == 2
    assert listed.err.endswith(f"'rejected' {_UNCLEAR[word]} (see 'dprk status --help')\n")
    assert "did you mean" not in listed.err


@pytest.mark.parametrize("word", ["relased", "reimpsed"])
def test_a_typo_of_a_word_for_a_status_is_not_taken_for_another_status(dprk, korea, word):
    """'relased' is nearer 'released' than 'reversed': no status is offered for it."""
    result = dprk("mark", "punggye-ri-closure", word, "--date", "2018-06-01")
    assert result.code == 2
    assert "did you mean" not in result.err
    assert result.err.endswith("'rejected'. (see 'dprk mark --help')\n")


_IN_PART = "('{word}' is no extent: a measure carried out in part is 'minimal' or 'intermediate')"


@pytest.mark.parametrize(
    "args",
    [
        ["mark", "punggye-ri-closure", "implemented", "--extent"],
        ["add-measure", "Half a step", "--actor", "DPRK", "--status", "implemented", "--extent"],
    ],
)
@pytest.mark.parametrize("word", ["partial", "Partly", "in part"])
def test_an_extent_given_as_in_part_says_which_extents_are(dprk, korea, args, word):
    """'--extent partial' listed the choices alone; carried out in part is one of two."""
    before = korea.read_bytes()
    result = dprk(*args, word)
    assert (result.code, result.out, korea.read_bytes()) == (2, "", before)
    assert result.err == (
        f"dprk: error: Invalid value for '--extent': '{word}' is not one of 'minimal', "
        f"'intermediate', 'full', 'min', 'mid' {_IN_PART.format(word=word)} "
        f"(see 'dprk {args[0]} --help')\n"
    )
