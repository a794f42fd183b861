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
