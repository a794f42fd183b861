"""What rename-party and add-party say, through the real entry point: the day a dated
rename is on; a dated rename of a party no measure records, whose day is not kept, and
the way to record that party's past; a former name no measure records, refused without
an unrelated party offered in its place; a party declared near an earlier one, and the
way to correct either."""

import json
import tomllib

import pytest


@pytest.fixture
def ledger(tmp_path):
    return tmp_path / "dprk-ledger.toml"


def _ok(dprk, *args):
    result = dprk(*args)
    assert result.code == 0, (args, result.err)
    return result.err


@pytest.mark.parametrize(
    ("typed", "declared", "said"),
    [
        ("USSR", ["US", "UK"], ""),  # (two letters more than US: no typo of it)
        ("UKK", ["US", "UK"], "did you mean UK? "),
        ("USA", ["US", "UK"], "did you mean US? "),
        ("dpkr", ["DPRK", "US"], "did you mean DPRK? "),
        ("ROKA", ["RO", "US"], ""),
        ("USSR", ["US", "Russia"], ""),  # (three of its letters Russia's, of six)
        ("P5", ["P5+1", "P5+2"], "did you mean P5+1 or P5+2? "),
    ],
)
def test_a_short_name_is_near_a_party_s_by_a_letter_not_by_length(
    dprk, ledger, typed, declared, said
):
    """'USSR' was taken for a typo of US: two of its four letters are US's, as alike by
    the ratio as a typo of a long name. A name of two to four letters is near a party's
    one letter longer or shorter at most."""
    _ok(dprk, "init", *[a for p in declared for a in ("--party", p)])
    before = ledger.read_bytes()
    refused = dprk("add-measure", "X", "--actor", typed, "--id", "x")
    assert (refused.code, refused.out, refused.err) == (
        1,
        "",
        f"dprk: error: --actor: '{typed}' is not a declared party (declared: "
        f"{', '.join(declared)}); {said}add it with 'dprk add-party {typed}' if it is a new "
        "side\n",
    )
    assert ledger.read_bytes() == before
