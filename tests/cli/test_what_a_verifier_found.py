"""What did one verifier find? Through the real entry point: `status --search` reads a
finding's verifier, and the commands that list findings find them by their verifier;
`timeline ID...` draws the events of the measures named."""

from __future__ import annotations

import json

import pytest

from tests.cli.test_corrections import refused


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


def test_the_log_lists_every_finding_of_one_verifier_with_its_evidence(dprk, nepal):
    """`log --finding-by UNMIN`: UNMIN's confirmation and its partial finding, with
    their evidence, not OHCHR's refutation nor any step; `status --verified-by UNMIN`
    keeps only what UNMIN's confirmation verifies now."""
    result = dprk(
        "verify",
        "trc",
        "--by",
        "UNMIN",
        "--result",
        "partial",
        "--date",
        "2007-10-01",
        "--evidence",
        "UNMIN report 12",
        "--evidence",
        "photographs",
    )
    assert result.code == 0, result.err
    before = nepal.read_bytes()
    found = dprk("log", "--finding-by", "unmin", "--format", "json")
    assert found.code == 0, found.err
    assert [
        (e["id"], e["n"], e["date"], e["detail"], e["evidence"]) for e in json.loads(found.out)
    ] == [
        ("cantonment", 3, "2007-09-01", "confirmed by UNMIN (weapons count)", []),
        ("trc", 4, "2007-09-01", "partial by UNMIN (hearings held)", []),
        ("trc", 5, "2007-10-01", "partial by UNMIN", ["UNMIN report 12", "photographs"]),
    ]
    assert list(json.loads(found.out)[0])[-2:] == ["by", "evidence"]  # (new key last)
    table = dprk("log", "trc", "--finding-by", "UNMIN")
    assert table.code == 0, table.err
    assert table.out.splitlines()[1].split()[-1] == "evidence"
    assert table.out.splitlines()[-1].endswith("UNMIN report 12; photographs")
    assert "OHCHR" not in table.out and "implemented" not in table.out
    assert ids(dprk, "status", "--verified-by", "UNMIN") == ["cantonment"]
    # (a name no finding gives: said, with the one near it; none listed)
    typo = dprk("log", "--finding-by", "UNMIM")
    assert typo.code == 0
    assert typo.err == (
        "dprk: warning: --finding-by: no finding in the ledger is by 'UNMIM' "
        "(did you mean 'UNMIN'?)\n"
    )
    assert "(no findings by 'UNMIM')" in typo.out
    blank = dprk("log", "--finding-by", " ")
    assert (blank.code, blank.out) == (2, "")
    assert blank.err == "dprk: error: --finding-by needs a verifier's name\n"
    assert nepal.read_bytes() == before


# --- timeline ID... ------------------------------------------------------------------------


def _timeline(dprk, *args: str, stdin: str = "") -> list[tuple[str, str, str]]:
    result = dprk("timeline", *args, "--format", "json", stdin=stdin)
    assert result.code == 0, result.err
    return [(e["date"], e["id"], e["event"]) for e in json.loads(result.out)["events"]]


def test_a_timeline_of_the_measures_named(dprk, korea):
    """`timeline ID...` draws only those measures' events, as `log ID...` lists their
    entries; '-' reads the ids from standard input, as the other commands do."""
    before = korea.read_bytes()
    named = _timeline(dprk, "remains-repatriation", "test-moratorium")
    assert {ident for _, ident, _ in named} == {"remains-repatriation", "test-moratorium"}
    assert named[:2] == [
        ("2018-04-20", "test-moratorium", "created"),
        ("2018-04-21", "test-moratorium", "status"),
    ]
    assert _timeline(dprk, "-", stdin="test-moratorium\nremains-repatriation\n") == named
    # (with a filter: those of them that pass)
    assert {i for _, i, _ in _timeline(dprk, "remains-repatriation", "--search", "test")} == set()
    # (for people: the lanes of every party, and the note that other steps count too)
    table = dprk("timeline", "test-moratorium")
    assert table.code == 0, table.err
    rows = [line.split() for line in table.out.splitlines() if line[:4] == "2018"]
    assert rows[0][-2:] == ["test-moratorium", "proposed"]
    assert rows[1][-2:] == ["test-moratorium", "implemented"]
    assert all("test-moratorium" in row for row in rows)
    assert table.out.rstrip().endswith("The steps the filters leave out count too.")
    assert korea.read_bytes() == before


def test_a_timeline_of_an_unknown_id_is_refused_and_of_a_later_one_leaves_it_out(dprk, korea):
    refusal = refused(dprk, korea, "timeline", "test-moratorium", "remains-repatriaton")
    assert "remains-repatriaton" in refusal and "did you mean remains-repatriation" in refusal
    # (of a past day, a measure made later is left out, said on standard error)
    result = dprk("timeline", "remains-repatriation", "test-moratorium", "--as-of", "2018-04-22")
    assert result.code == 0
    assert "'remains-repatriation' was not in the talks yet on 2018-04-22" in result.err
    assert "test-moratorium  implemented" in result.out
    assert "remains-repatriation" not in result.out
    # (nothing on standard input: no table, said on standard error)
    nothing = dprk("timeline", "-", stdin="")
    assert (nothing.code, nothing.out) == (0, "")
    assert nothing.err == "dprk: no measure ids on standard input; none listed\n"


# --- the step that begins a measure's life, first on its day -------------------------------


def _log(dprk, ident: str) -> list[tuple[int, str, str, str]]:
    result = dprk("log", ident, "--format", "json")
    assert result.code == 0, result.err
    return [(e["n"], e["date"], e["event"], e["detail"]) for e in json.loads(result.out)]


def test_the_step_a_measure_dates_from_comes_before_an_order_of_its_day(dprk, tmp_path):
    """Added as agreed on 2011-11-01, `m` was found proposed on 2009-05-04: that step
    begins its life, as a creation would, so it comes first on its day, before the order
    given that day, in the log (numbered so: `redate` takes the number) and the timeline.
    An order of a later day stays before that day's steps, the creation as agreed among
    them (the step to its status)."""
    for args in (
        ("init", "--party", "A", "--party", "B"),
        ("add-measure", "X", "--actor", "B", "--id", "x", "--date", "2009-01-01"),
        (
            "add-measure",
            "M",
            "--actor",
            "A",
            "--id",
            "m",
            "--date",
            "2011-11-01",
            "--status",
            "agreed",
        ),
        ("mark", "m", "proposed", "--date", "2009-05-04"),
        ("sequence", "m", "--after", "x", "--demanded-by", "A", "--date", "2009-05-04"),
        ("sequence", "m", "--with", "x", "--date", "2011-11-01"),
    ):
        result = dprk(*args)
        assert result.code == 0, result.err
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    assert _log(dprk, "m") == [
        (1, "2009-05-04", "status", "proposed"),
        (2, "2009-05-04", "sequence", "after x, demanded by A"),
        (3, "2011-11-01", "sequence", "together with x (was: after x, demanded by A)"),
        (4, "2011-11-01", "created", "created as agreed"),
    ]
    shown = dprk("timeline", "m", "--format", "json")
    assert shown.code == 0, shown.err
    events = [(e["date"], e["event"]) for e in json.loads(shown.out)["events"]]
    assert events[:2] == [("2009-05-04", "status"), ("2009-05-04", "sequence")]
    assert ledger.read_bytes() == before  # (the file keeps its order: only a read differs)
    assert dprk("check").out == "ok: no problems found\n"
    # (the numbers are those redate takes: entry 2 is the order)
    moved = dprk("redate", "m", "2", "2009-05-05")
    assert moved.code == 0, moved.err
    assert moved.err.startswith("m: entry 2 (the sequence entry of 2009-05-04) now dated ")
    assert _log(dprk, "m")[1][1:3] == ("2009-05-05", "sequence")


# --- a verifier's name that shares words with a party's ----------------------------------


@pytest.mark.parametrize(
    "court", ["Supreme Court of Nepal", "Government of India", "Governor of Nepal"]
)
def test_a_verifier_sharing_words_with_a_party_is_no_typo_of_it(dprk, nepal, court):
    """A name that shares 'of Nepal' or 'Government of' with the Government of Nepal
    and differs in a whole word is another body: recorded, not refused as a typo."""
    result = dprk("verify", "elections", "--by", court, "--date", "2008-04-10")
    assert result.code == 0, result.err
    assert result.err == f"elections: confirmed by {court} on 2008-04-10; elections is verified\n"
    assert f'by = "{court}"' in nepal.read_text()


@pytest.mark.parametrize(
    "typo",
    ["Goverment of Nepal", "Govenrment of Nepal", "Government Nepal", "Govt of Nepal", "UNMIM"],
)
def test_a_typo_of_a_party_or_verifier_is_still_refused(dprk, nepal, typo):
    """A letter left out, two swapped, a small word left out, a word shortened: a typo
    of the party's name (or a verifier's on record), refused with the name meant."""
    said = refused(dprk, nepal, "verify", "elections", "--by", typo, "--date", "2008-04-10")
    meant = "UNMIN" if typo == "UNMIM" else "Government of Nepal"
    assert f"did you mean {meant}" in said, said
