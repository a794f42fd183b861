"""A name near one a party had before it was merged into another (`rename-party OLD NEW
--merge`, NEW declared already: its entries say `merge = true`) is refused as a typo of
the party it was merged into, in the words of a merge, not of a rename: PLO did not
become the Palestinian Authority's name, it was merged into the party of that name. A
name a party had before a plain rename is still worded as a rename's."""

from __future__ import annotations

import pytest

MERGE_DAY = "1994-05-04"
MERGED = "(PLO was merged into it)"


@pytest.fixture
def merged(dprk, tmp_path, tick):
    """PLO's recognition of 1993, then PLO merged into the Palestinian Authority."""
    for args in (
        ["init", "--title", "Oslo", "--party", "Israel", "--party", "PLO", "--party",
         "Palestinian Authority"],
        ["add-measure", "Recognition", "--actor", "PLO", "--id", "rec", "--status",
         "implemented", "--date", "1993-09-09"],
        ["add-measure", "Jericho", "--actor", "Palestinian Authority", "--id", "jer",
         "--date", MERGE_DAY],
        ["rename-party", "PLO", "Palestinian Authority", "--merge", "--date", MERGE_DAY],
    ):  # fmt: skip
        tick()
        result = dprk(*args)
        assert result.code == 0, (args, result.err)
    ledger = tmp_path / "dprk-ledger.toml"
    assert "merge = true" in ledger.read_text()
    return ledger


def _refused(dprk, ledger, *args: str) -> str:
    before = ledger.read_bytes()
    result = dprk(*args)
    assert (result.code, result.out) == (1, ""), result.err
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert ledger.read_bytes() == before
    return result.err


def test_a_typo_of_a_name_merged_away_says_it_was_merged(dprk, merged):
    declared = "(declared: Israel, Palestinian Authority)"
    assert _refused(dprk, merged, "add-measure", "X", "--actor", "PL0") == (
        f"dprk: error: --actor: 'PL0' is not a declared party {declared}; did you mean "
        f"Palestinian Authority {MERGED}? add it with 'dprk add-party PL0' if it is a new "
        "side\n"
    )
    assert _refused(dprk, merged, "status", "--party", "PLOO") == (
        f"dprk: error: --party: 'PLOO' is not a declared party {declared}; did you mean "
        f"Palestinian Authority {MERGED}?\n"
    )
    assert _refused(dprk, merged, "verify", "rec", "--by", "PLOO", "--date", "1994-06-01") == (
        "dprk: error: --by: 'PLOO' is not a declared party, and is near PLO, a party merged "
        "into Palestinian Authority: did you mean Palestinian Authority, the measure's own "
        "actor, whose word is not verification? If 'PLOO' is a verifier new to the ledger "
        "and no party, add --new-verifier\n"
    )
    added = dprk("add-party", "PLOO")
    assert added.code == 0
    assert added.err == (
        "added party PLOO\n"
        f"dprk: warning: PLOO is near the declared party Palestinian Authority {MERGED}; "
        "if it was a typo, 'dprk undo' takes it back\n"
    )


def test_the_name_merged_away_itself_says_it_was_merged(dprk, merged):
    assert _refused(dprk, merged, "add-measure", "X", "--actor", "PLO") == (
        f"dprk: error: --actor: party 'PLO' was merged into Palestinian Authority on "
        f'{MERGE_DAY}; give "Palestinian Authority"\n'
    )
    assert _refused(dprk, merged, "add-party", "PLO") == (
        f"dprk: error: party 'PLO' was merged into Palestinian Authority on {MERGE_DAY}, as "
        "the ledger's measures record it: declared again, one side would be two parties; "
        'give "Palestinian Authority" where you mean it\n'
    )


def test_a_plain_rename_is_still_worded_as_one(dprk, tmp_path):
    for args in (
        ["init", "--title", "T", "--party", "Israel", "--party", "PLO"],
        ["add-measure", "Recognition", "--actor", "PLO", "--id", "rec", "--date", "1993-09-09"],
        ["rename-party", "PLO", "Palestinian Authority", "--date", MERGE_DAY],
    ):
        assert dprk(*args).code == 0, args
    ledger = tmp_path / "dprk-ledger.toml"
    assert _refused(dprk, ledger, "status", "--party", "PLOO").endswith(
        "did you mean Palestinian Authority (named PLO before a rename)?\n"
    )
    assert _refused(dprk, ledger, "add-measure", "X", "--actor", "PLO") == (
        f"dprk: error: --actor: party 'PLO' was renamed Palestinian Authority on "
        f'{MERGE_DAY}; give "Palestinian Authority"\n'
    )
