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


def _drop_said(entry: int) -> str:
    return (
        f"dprk: warning: missiles: its finding on 1991-07-15 (entry {entry}): 'Republic of "
        "Iraq' contains the name of the party Iraq, its actor that day; if this is Iraq's own "
        f"word, drop it with 'dprk drop-finding missiles {entry}' and record it with 'dprk "
        "note missiles TEXT --date 1991-07-15' instead (a party's own word is not "
        "verification)"
    )


def test_a_verifier_renamed_to_a_name_holding_a_partys_is_warned_of(dprk, tmp_path):
    """`verify` and `check` warned of such a name; `rename-verifier` to one said nothing.
    It warns as `check` does, once the rename is written, naming the drop that mends it."""
    _missiles(dprk)
    assert dprk("verify", "missiles", "--by", "Monitoring Directorate", "--date",
                "1991-07-15").code == 0  # fmt: skip
    renamed = dprk("rename-verifier", "Monitoring Directorate", "Republic of Iraq")
    assert renamed.code == 0, renamed.err
    assert renamed.err.splitlines() == [
        "renamed verifier Monitoring Directorate to Republic of Iraq (1 finding on 1 measure)",
        _drop_said(3),
    ]
    assert 'by = "Republic of Iraq"' in (tmp_path / "dprk-ledger.toml").read_text()
    assert f"warning: {_drop_said(3).removeprefix('dprk: warning: ')}" in dprk("check").out
    # (renamed to a name that holds none: nothing to warn of)
    again = dprk("rename-verifier", "Republic of Iraq", "UNSCOM", "--new-verifier")
    assert again.code == 0, again.err
    assert "warning" not in again.err
    assert dprk("check").out.startswith("ok: no problems found")


def test_an_import_of_a_finding_by_a_verifier_holding_a_partys_name_is_warned_of(dprk, tmp_path):
    """A sheet's finding by 'Republic of Iraq' was imported silently, `check` alone
    warning of it. The import warns as `check` does, once it is written; a finding the
    ledger held already (a row imported again, unchanged) is not warned of again."""
    _missiles(dprk)
    assert dprk("verify", "missiles", "--by", "Republic of Iraq", "--date",
                "1991-07-15").code == 0  # fmt: skip
    exported = dprk("export", "--format", "json")
    assert exported.code == 0, exported.err
    (tmp_path / "sheet.json").write_text(exported.out, encoding="utf-8")
    assert dprk("--ledger", "copy.toml", "init", "--party", "Iraq", "--party", "UNSC").code == 0
    copy = tmp_path / "copy.toml"
    imported = dprk("--ledger", "copy.toml", "import", "sheet.json")
    assert imported.code == 0, imported.err
    # (its advice names the ledger, as every command's does for one given by --ledger)
    assert imported.err.splitlines()[1:] == [
        _drop_said(3).replace("'dprk ", "'dprk --ledger copy.toml ")
    ]
    assert 'by = "Republic of Iraq"' in copy.read_text()
    before = copy.read_bytes()
    again = dprk("--ledger", "copy.toml", "import", "sheet.json", "--replace")
    assert again.code == 0, again.err
    assert "warning" not in again.err
    assert copy.read_bytes() == before
