"""A value written wrong by hand is named with its line, and the word it is near."""

from __future__ import annotations

import pytest


@pytest.fixture
def cpa(dprk, tmp_path):
    """A ledger of one measure, census, with a note (lines 8 to 25)."""
    assert dprk("init", "--title", "CPA", "--party", "Sudan", "--party", "SPLM").code == 0
    added = dprk("add-measure", "Hold the census", "--actor", "Sudan", "--id", "census",
                 "--date", "2005-01-09")  # fmt: skip
    assert added.code == 0, added.err
    assert dprk("note", "census", "postponed", "--date", "2007-11-01").code == 0
    return tmp_path / "dprk-ledger.toml"


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        (
            'event = "note"',
            'event = "stauts"',
            "line 23: measure 'census', field 'history[2].event': 'stauts' is not an event "
            "dprk knows (one of: created, status, verification, exchange, sequence, note, "
            "correction, edit, rename, resolve) (did you mean 'status'?)",
        ),
        (
            'status = "proposed"',
            'status = "agred"',
            "line 12: measure 'census', field 'status': 'agred' is not one of 'proposed', "
            "'agreed', 'implemented', 'verified', 'disputed', 'reversed', 'withdrawn' or "
            "'rejected' (did you mean 'agreed'?)",
        ),
    ],
    ids=["event", "status"],
)
@pytest.mark.parametrize("command", [["status"], ["note", "census", "x", "--date", "2008-01-01"]])
def test_a_wrong_value_is_named_with_its_line_and_the_word_it_is_near(
    dprk, cpa, old, new, said, command
):
    text = cpa.read_text(encoding="utf-8")
    assert text.splitlines()[int(said.split()[1][:-1]) - 1] == old
    cpa.write_text(text.replace(old, new, 1), encoding="utf-8")
    before = cpa.read_bytes()
    result = dprk(*command)
    assert (result.code, result.out) == (1, "")
    assert result.err == f"dprk: error: dprk-ledger.toml: {said}\n"
    assert cpa.read_bytes() == before


ABYEI = (
    '\n[[measures]]\nid = "abyei-ref"\ntitle = "Abyei referendum"\nactor = "SPLM"\n'
    'constraints = [ { with = "south-ref" }, { after = "bordr", demanded_by = "SPLM" } ]\n'
)


def test_check_s_advice_for_a_hand_added_measure_is_taken_and_dated_alike(dprk, tmp_path):
    """A measure added by hand, one-sided `with` and an order after a typo of an id: the
    removal check advised was refused for the one-sided `with` that was already there,
    whose advice then dated the command today where check dated it 2005-01-09."""
    assert dprk("init", "--title", "CPA", "--party", "Sudan", "--party", "SPLM").code == 0
    for title, ident in (("South referendum", "south-ref"), ("Border", "border")):
        added = dprk("add-measure", title, "--actor", "Sudan", "--id", ident,
                     "--date", "2005-01-09")  # fmt: skip
        assert added.code == 0, added.err
    path = tmp_path / "dprk-ledger.toml"
    path.write_text(path.read_text(encoding="utf-8") + ABYEI, encoding="utf-8")
    checked = dprk("check")
    with_advice = "'dprk sequence abyei-ref --with south-ref --date 2005-01-09'"
    assert with_advice in checked.out
    assert "'bordr', which is not in the ledger (did you mean border?)" in checked.out
    removed = dprk("sequence", "abyei-ref", "--remove", "bordr")
    assert (removed.code, removed.err) == (
        0,
        "abyei-ref: no longer after bordr, demanded by SPLM\n"
        "abyei-ref had no history: its creation is recorded with no day, as written by hand\n",
    )
    again = dprk("check")
    assert "bordr" not in again.out and "[one-sided-with]" in again.out
    # (its advice followed as given: the measure is dated by the change now)
    advised = again.out.split("run 'dprk ")[1].split("'")[0].split()
    together = dprk(*advised)
    assert together.code == 0, together.err
    assert dprk("check").out == "ok: no problems found\n"
