"""A verifier whose name holds a declared party's whole name among its words ('Republic
of Iraq' of Iraq) may be that party under another name: its own word taken for
verification. A separate body may be named so too (the Iraq Survey Group), so the
finding is recorded, and the write and `check` warn of it."""

from __future__ import annotations

import json

_OWN_WORD = (
    "dprk: warning: 'Republic of Iraq' contains the name of the party Iraq, the actor of "
    "'missiles' on 1991-07-15; if this is Iraq's own word, take it back with 'dprk undo' and "
    "record it with 'dprk note missiles TEXT --date 1991-07-15' instead (a party's own word "
    "is not verification)\n"
)


def _missiles(dprk) -> None:
    assert dprk("init", "--party", "Iraq", "--party", "UNSC").code == 0
    assert dprk("add-measure", "Destroy ballistic missiles", "--actor", "Iraq",
                "--id", "missiles", "--status", "agreed", "--date", "1991-04-03").code == 0  # fmt: skip
    assert dprk("mark", "missiles", "implemented", "--date", "1991-07-15").code == 0


def test_a_verifier_named_with_the_actors_name_is_recorded_with_a_warning(dprk, tmp_path):
    _missiles(dprk)
    found = dprk("verify", "missiles", "--by", "Republic of Iraq", "--date", "1991-07-15")
    assert found.code == 0, found.err
    assert found.err == (
        "missiles: confirmed by Republic of Iraq on 1991-07-15; missiles is verified\n" + _OWN_WORD
    )
    text = (tmp_path / "dprk-ledger.toml").read_text()
    assert 'by = "Republic of Iraq"' in text

    checked = dprk("check")
    assert checked.code == 0, checked.err
    assert checked.out == (
        "warning: missiles: its finding on 1991-07-15 (entry 3): 'Republic of Iraq' contains "
        "the name of the party Iraq, its actor that day; if this is Iraq's own word, drop it "
        "with 'dprk drop-finding missiles 3' and record it with 'dprk note missiles TEXT "
        "--date 1991-07-15' instead (a party's own word is not verification) "
        "[party-in-verifier-name]\n0 errors, 1 warning\n"
    )
    problems = json.loads(dprk("check", "--format", "json").out)["problems"]
    assert [(p["check"], p["severity"], p["measure"]) for p in problems] == [
        ("party-in-verifier-name", "warning", "missiles")
    ]
    assert dprk("check", "--strict").code == 1
    # (the drop it advises mends it)
    dropped = dprk("drop-finding", "missiles", "3")
    assert dropped.code == 0, dropped.err
    assert dprk("check").out.startswith("ok: no problems found")


def test_another_partys_name_in_a_verifiers_is_warned_of_as_that_partys_word(dprk, tmp_path):
    _missiles(dprk)
    found = dprk("verify", "missiles", "--by", "UNSC Special Commission", "--date", "1991-07-15")
    assert found.code == 0, found.err
    assert found.err.splitlines()[1:] == [
        "dprk: warning: 'UNSC Special Commission' contains the name of the party UNSC; if this "
        "is UNSC's word, take it back with 'dprk undo' and record it under UNSC's name (--by "
        "UNSC): a party's claim, not an independent verifier's"
    ]
    checked = json.loads(dprk("check", "--format", "json").out)["problems"]
    assert [p["check"] for p in checked] == ["party-in-verifier-name"]


def test_names_sharing_no_whole_name_are_not_warned_of(dprk, tmp_path):
    _missiles(dprk)
    for by, day in (("UNSCOM", "1991-07-16"), ("Iraqi Monitoring Directorate", "1991-07-17")):
        found = dprk("verify", "missiles", "--by", by, "--date", day, "--new-verifier")
        assert found.code == 0, found.err
        assert "warning" not in found.err
    # (a declared party's finding is that party's, as before: no warning)
    found = dprk("verify", "missiles", "--by", "UNSC", "--date", "1991-07-18")
    assert found.code == 0, found.err
    assert "warning" not in found.err
    checked = dprk("check")
    assert checked.code == 0, checked.err
    assert checked.out.startswith("ok: no problems found"), checked.out


def test_the_actors_own_name_is_still_refused(dprk, tmp_path):
    _missiles(dprk)
    before = (tmp_path / "dprk-ledger.toml").read_bytes()
    refused = dprk("verify", "missiles", "--by", "iraq", "--date", "1991-07-15")
    assert refused.code != 0
    assert "a party's own word is not verification" in refused.err
    assert (tmp_path / "dprk-ledger.toml").read_bytes() == before
