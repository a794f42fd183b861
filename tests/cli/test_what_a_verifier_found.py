"""What did one verifier find? Through the real entry point: `status --search` reads a
finding's verifier, and the commands that list findings find them by their verifier."""

from __future__ import annotations

import pytest


@pytest.fixture
def nepal(dprk, tmp_path):
    """A peace process: cantonment confirmed by UNMIN, the truth commission found in part
    by UNMIN and refuted by OHCHR, elections never verified."""
    steps = (
        ("init", "--title", "Nepal", "--party", "Government of Nepal", "--party", "Maoists"),
        ("add-measure", "Canton the combatants", "--actor", "Maoists", "--id", "cantonment"),
        ("add-measure", "Truth commission", "--actor", "Government of Nepal", "--id", "trc"),
        ("add-measure", "Hold elections", "--actor", "Government of Nepal", "--id", "elections"),
    )
    for args in steps:
        result = dprk(*args, *(("--date", "2007-01-01") if args[0] != "init" else ()))
        assert result.code == 0, result.err
    for ident in ("cantonment", "trc", "elections"):
        assert dprk("mark", ident, "implemented", "--date", "2007-06-01").code == 0
    findings = (
        ("cantonment", "UNMIN", "confirmed", "weapons count"),
        ("trc", "UNMIN", "partial", "hearings held"),
        ("trc", "OHCHR", "refuted", "no report"),
    )
    for ident, by, result, method in findings:
        said = dprk(
            "verify",
            ident,
            "--by",
            by,
            "--result",
            result,
            "--method",
            method,
            "--new-verifier",
            "--date",
            "2007-09-01",
        )
        assert said.code == 0, said.err
    return tmp_path / "dprk-ledger.toml"


def ids(dprk, *args: str) -> list[str]:
    result = dprk(*args, "--format", "ids")
    assert result.code == 0, result.err
    return result.out.split()


def test_a_search_finds_the_measures_a_verifier_found_on(dprk, nepal):
    before = nepal.read_bytes()
    # (a confirmation and a partial finding by UNMIN; its name in no method or note)
    assert ids(dprk, "status", "--search", "UNMIN") == ["cantonment", "trc"]
    assert ids(dprk, "status", "--search", "unmin") == ["cantonment", "trc"]
    assert ids(dprk, "status", "--search", "ohchr") == ["trc"]  # (a refutation too)
    assert ids(dprk, "export", "--search", "OHCHR") == ["trc"]
    # (on a past day, only the findings dated by then)
    assert ids(dprk, "status", "--search", "UNMIN", "--as-of", "2007-08-01") == []
    assert nepal.read_bytes() == before
