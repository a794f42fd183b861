"""A part leaving the measure it was a part of (`dprk edit PART --no-part-of`): the
measure stands as its own history gives it again, its own findings included; and a
part taken out from its first day was never a part, whatever earlier step is recorded
on it later."""

from __future__ import annotations

import json
import shutil

import pytest


def _run(dprk, *steps: tuple[str, ...]) -> None:
    for args in steps:
        result = dprk(*args)
        assert result.code == 0, (args, result.err)


def _missiles(dprk) -> None:
    """The Soviet withdrawal from Cuba: the missiles removed and found gone by the US
    Navy; the Il-28 bombers recorded as a part of it, then as a measure of their own."""
    _run(
        dprk,
        ("init", "--party", "United States", "--party", "Soviet Union"),
        ("add-measure", "Remove the missiles", "--actor", "Soviet Union", "--id", "missiles",
         "--status", "agreed", "--date", "1962-10-28"),
        ("mark", "missiles", "implemented", "--date", "1962-11-08"),
        ("verify", "missiles", "--by", "US Navy", "--date", "1962-11-11"),
        ("add-measure", "Remove the Il-28 bombers", "--actor", "Soviet Union", "--id",
         "bombers", "--part-of", "missiles", "--status", "agreed", "--date", "1962-11-20"),
        ("mark", "bombers", "implemented", "--date", "1962-12-06"),
    )  # fmt: skip


def _record(dprk, ident: str) -> dict:
    shown = dprk("status", ident, "--format", "json")
    assert shown.code == 0, shown.err
    return json.loads(shown.out)["measures"][0]


@pytest.mark.parametrize("dated", [True, False], ids=["dated", "undated"])
def test_a_measure_its_only_acted_part_left_keeps_its_own_verifier(dprk, tmp_path, dated):
    """missiles, confirmed by the US Navy on its own, followed the bombers while they were
    a part of it; once they left, it stood verified again, as its own finding has it, but
    with no verifier: `verified_by` empty, the verification column 'verified', the graph
    'verified', and `status --verified-by "US Navy"` left it out. The US Navy's finding is
    what verifies it again."""
    _missiles(dprk)
    day = ("--date", "1963-01-10") if dated else ()
    left = dprk("edit", "bombers", "--no-part-of", *day)
    assert left.code == 0, left.err
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    for cached in (True, False):
        if not cached:  # (the same read anew, the cache gone)
            shutil.rmtree(tmp_path / ".dprk")
        record = _record(dprk, "missiles")
        assert (record["status"], record["verified_by"], record["verification"]) == (
            "verified",
            ["US Navy"],
            "confirmed (US Navy)",
        )
        if dated:  # (verified again from the day its only acted part left)
            assert record["status_date"] == "1963-01-10"
        found = dprk("status", "--verified-by", "US Navy", "--format", "ids")
        assert (found.code, found.out) == (0, "missiles\n")
        drawn = dprk("graph")
        assert drawn.code == 0, drawn.err
        assert 'm1["missiles<br/><i>verified by US Navy</i>"]' in drawn.out
        row = next(line for line in dprk("status").out.splitlines() if line.startswith("missiles"))
        assert "confirmed (US Navy)" in row
        checked = dprk("check")
        assert checked.code == 0, checked.out + checked.err
    assert ledger.read_bytes() == before
