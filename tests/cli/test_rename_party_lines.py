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


def test_a_dated_rename_says_its_day(dprk, ledger):
    """'renamed party USSR to Russia (1 measure changed)' hid the day: a wrong year
    typed went unseen."""
    _ok(dprk, "init", "--title", "t", "--party", "US", "--party", "USSR", "--party", "SU")
    _ok(dprk, "add-measure", "Cuts", "--actor", "USSR", "--id", "cut", "--date", "1991-07-31")
    assert _ok(dprk, "rename-party", "USSR", "Russia", "--date", "1992-12-26") == (
        "renamed party USSR to Russia on 1992-12-26 (1 measure changed)\n"
    )
    assert _ok(dprk, "rename-party", "SU", "Russia", "--merge", "--date", "1993-01-01") == (
        "merged party SU into Russia on 1993-01-01 (0 measures changed)\n"
    )
    assert tomllib.loads(ledger.read_text())["parties"] == ["US", "Russia"]


def test_a_dated_rename_no_measure_records_says_its_day_is_not_kept_and_the_way(dprk, ledger):
    """Renamed before its measures were entered, the party's old name was forgotten and
    the --date lost without a word; the measures of USSR then entered were refused with
    "did you mean US?", another side, and no message gave the way that works."""
    _ok(dprk, "init", "--title", "t", "--party", "US", "--party", "USSR")
    assert _ok(dprk, "rename-party", "USSR", "Russia", "--date", "1991-12-26") == (
        "renamed party USSR to Russia on 1991-12-26 (0 measures changed); no measure "
        "records the old name, so 'USSR' reads as another party from now on (a merge with "
        "a copy still naming it cannot tell the rename from a removal), and the day is not "
        "kept: to record what USSR did before 1991-12-26, 'dprk add-party USSR', record "
        "it, then 'dprk rename-party USSR Russia --merge --date 1991-12-26'\n"
    )
    before = ledger.read_bytes()
    refused = dprk("add-measure", "USSR cuts", "--actor", "USSR", "--id", "su-cut",
                   "--status", "agreed", "--date", "1991-07-31")  # fmt: skip
    assert (refused.code, refused.out, refused.err) == (
        1,
        "",
        "dprk: error: --actor: 'USSR' is not a declared party (declared: US, Russia); add "
        "it with 'dprk add-party USSR' if it is a new side\n",
    )
    assert ledger.read_bytes() == before
    # the way, followed
    assert _ok(dprk, "add-party", "USSR") == "added party USSR\n"
    _ok(dprk, "add-measure", "USSR cuts", "--actor", "USSR", "--id", "su-cut", "--status",
        "agreed", "--date", "1991-07-31")  # fmt: skip
    assert _ok(dprk, "rename-party", "USSR", "Russia", "--merge", "--date", "1991-12-26") == (
        "merged party USSR into Russia on 1991-12-26 (1 measure changed)\n"
    )
    then = json.loads(dprk("status", "--as-of", "1991-08-01", "--format", "json").out)
    assert [m["actor"] for m in then["measures"]] == ["USSR"]
    now = json.loads(dprk("status", "--format", "json").out)
    assert [m["actor"] for m in now["measures"]] == ["Russia"]
    assert dprk("check").out == "ok: no problems found\n"


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


def test_a_party_added_near_an_earlier_one_says_how_to_correct_either(dprk, ledger):
    """'if it was a typo, dprk undo takes it back' advised taking back the right name
    when the earlier one was the typo: both ways are said."""
    _ok(dprk, "init", "--title", "t", "--party", "US")
    _ok(dprk, "add-party", "Kazakstan")
    assert _ok(dprk, "add-party", "Kazakhstan") == (
        "added party Kazakhstan\n"
        "dprk: warning: Kazakhstan is near the declared party Kazakstan; if Kazakhstan was "
        "the typo, 'dprk undo' takes it back; if Kazakstan was, 'dprk remove-party "
        "Kazakstan'\n"
    )
    assert _ok(dprk, "remove-party", "Kazakstan") == "removed party Kazakstan\n"
    assert tomllib.loads(ledger.read_text())["parties"] == ["US", "Kazakhstan"]
    # the earlier one named by a measure: the new one taken back, the earlier corrected
    _ok(dprk, "add-party", "Kyrgystan")
    _ok(dprk, "add-measure", "Talks", "--actor", "Kyrgystan", "--id", "t", "--date",
        "2020-01-01")  # fmt: skip
    warned = _ok(dprk, "add-party", "Kyrgyzstan")
    assert warned == (
        "added party Kyrgyzstan\n"
        "dprk: warning: Kyrgyzstan is near the declared party Kyrgystan; if Kyrgyzstan was "
        "the typo, 'dprk undo' takes it back; if Kyrgystan was, 'dprk undo', then 'dprk "
        "rename-party Kyrgystan Kyrgyzstan --typo'\n"
    )
    _ok(dprk, "undo")
    assert _ok(dprk, "rename-party", "Kyrgystan", "Kyrgyzstan", "--typo").startswith(
        "corrected party name Kyrgystan to Kyrgyzstan (1 measure corrected"
    )
    assert tomllib.loads(ledger.read_text())["parties"] == ["US", "Kazakhstan", "Kyrgyzstan"]
    assert dprk("check").out == "ok: no problems found\n"
