"""One party demanding that A go before B and that B go before A: an order typed the
wrong way round most likely, said by the write that makes it and by `check`, with the
command that takes back the later."""

from __future__ import annotations

import pytest

TWO_WAYS = (
    "centrifuge-cap: US demands both that relief wait for centrifuge-cap and that "
    "centrifuge-cap wait for relief, a deadlock of its own making: was one typed the "
    "wrong way round? "
)


@pytest.fixture
def jcpoa(dprk, tmp_path, tick):
    """Iran's cap and the US's relief, the relief to wait for the cap as the US demands."""
    for args in (
        ("init", "--party", "Iran", "--party", "US"),
        ("add-measure", "Centrifuge cap", "--actor", "Iran", "--id", "centrifuge-cap",
         "--date", "2015-07-14"),
        ("add-measure", "Lift sanctions", "--actor", "US", "--id", "relief",
         "--date", "2015-07-14"),
        ("sequence", "relief", "--after", "centrifuge-cap", "--demanded-by", "US",
         "--date", "2021-02-07"),
    ):  # fmt: skip
        tick()
        result = dprk(*args)
        assert result.code == 0, result.err
    tick()
    return tmp_path / "dprk-ledger.toml"


def test_the_write_that_demands_the_other_way_too_says_so(dprk, jcpoa, tick):
    result = dprk(
        "sequence", "centrifuge-cap", "--after", "relief", "--demanded-by", "US",
        "--date", "2021-02-07",
    )  # fmt: skip
    assert result.code == 0
    warned = [line for line in result.err.splitlines() if "demands both" in line]
    assert warned == [f"dprk: warning: {TWO_WAYS}'dprk undo' takes back this change"]
    assert 'after = "relief", demanded_by = "US"' in jcpoa.read_text()
    tick()
    checked = dprk("check")
    assert checked.code == 0
    said = [line for line in checked.out.splitlines() if "[demands-both-ways]" in line]
    assert said == [
        f"warning: {TWO_WAYS}'dprk drop-entry centrifuge-cap 2' takes back the later "
        "[demands-both-ways]"
    ]
    tick()
    dropped = dprk("drop-entry", "centrifuge-cap", "2")
    assert dropped.code == 0, dropped.err
    assert 'after = "relief"' not in jcpoa.read_text()
    assert "demands-both-ways" not in dprk("check").out


def test_a_write_that_leaves_the_pair_as_it_was_says_nothing_of_it(dprk, jcpoa, tick):
    dprk("sequence", "centrifuge-cap", "--after", "relief", "--demanded-by", "US")
    tick()
    result = dprk("note", "relief", "talks resumed")
    assert result.code == 0, result.err
    assert "demands both" not in result.err


@pytest.mark.parametrize(
    ("first", "then"),
    [((), ()), (("--demanded-by", "US"), ("--demanded-by", "Iran"))],
    ids=["agreed-by-all", "each-party-its-own"],
)
def test_an_order_each_way_not_of_one_party_is_an_ordinary_deadlock(
    dprk, tmp_path, tick, first, then
):
    for args in (
        ("init", "--party", "Iran", "--party", "US"),
        ("add-measure", "Centrifuge cap", "--actor", "Iran", "--id", "cap"),
        ("add-measure", "Lift sanctions", "--actor", "US", "--id", "relief"),
        ("sequence", "relief", "--after", "cap", *first),
    ):
        tick()
        assert dprk(*args).code == 0
    tick()
    before = (tmp_path / "dprk-ledger.toml").read_text()
    result = dprk("sequence", "cap", "--after", "relief", *then)
    assert result.code == 0, result.err
    assert "deadlock" in result.err
    assert "demands both" not in result.err
    assert (tmp_path / "dprk-ledger.toml").read_text() != before
    checked = dprk("check")
    assert "[deadlocks]" in checked.out
    assert "demands-both-ways" not in checked.out
