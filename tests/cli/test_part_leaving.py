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


def test_a_part_taken_out_from_its_first_day_stays_out_when_an_earlier_step_is_found(
    dprk, tmp_path
):
    """The bombers, added as a part of the missiles' removal on 20 November, corrected
    the same day to a measure of their own (`edit --no-part-of --date` of that day: never
    a part). The US demand of 2 November, found later, could not be recorded: the part_of
    the creation gave moved back with the bombers' first day, so they 'were a part' of
    the missiles from 2 to 20 November, and `mark` advised dropping the missiles' own
    implementation, `note` recording the very step `mark` refused. A correction dated on
    a measure's first day holds from its start, however far back its first day moves."""
    _run(
        dprk,
        ("init", "--party", "United States", "--party", "Soviet Union"),
        ("add-measure", "Remove the missiles", "--actor", "Soviet Union", "--id", "missiles",
         "--status", "agreed", "--date", "1962-10-28"),
        ("mark", "missiles", "implemented", "--date", "1962-11-08"),
        ("add-measure", "Remove the Il-28 bombers", "--actor", "Soviet Union", "--id",
         "bombers", "--part-of", "missiles", "--status", "agreed", "--date", "1962-11-20"),
        ("edit", "bombers", "--no-part-of", "--date", "1962-11-20"),
    )  # fmt: skip
    ledger = tmp_path / "dprk-ledger.toml"
    marked = dprk("mark", "bombers", "proposed", "--date", "1962-11-02")
    assert (marked.code, marked.out) == (0, ""), marked.err
    noted = dprk("note", "bombers", "US demands the bombers' removal", "--date", "1962-11-02")
    assert noted.code == 0, noted.err
    text = ledger.read_text("utf-8")
    assert 'detail = "proposed"' in text and "US demands the bombers' removal" in text
    before = ledger.read_bytes()
    for cached in (True, False):
        if not cached:  # (the same read anew, the cache gone)
            shutil.rmtree(tmp_path / ".dprk")
        for day in ("1962-11-10", "1962-11-20", None):
            asof = ("--as-of", day) if day else ()
            shown = dprk("status", "--format", "json", *asof)
            assert shown.code == 0, shown.err
            by_id = {m["id"]: m for m in json.loads(shown.out)["measures"]}
            assert by_id["bombers"]["part_of"] is None, day
            assert (by_id["missiles"]["status"], by_id["missiles"]["status_date"]) == (
                "implemented",
                "1962-11-08",
            ), day
            assert by_id["missiles"]["verification"] == "unverified", day
        assert "bombers" not in dprk("show", "missiles").out
        checked = dprk("check")
        assert (checked.code, checked.out) == (0, "ok: no problems found\n"), checked.err
    assert ledger.read_bytes() == before


def test_a_part_added_and_taken_out_undated_the_same_day_stays_out_when_an_earlier_step_is_found(
    dprk, tmp_path
):
    """The bombers added as a part of the missiles' removal without --date, and taken out
    without one the same day (both dated the day they were typed): the US demand of 2
    November, found later, dated the bombers back, and the part_of their creation gave
    with them, so `mark` was refused, advising to drop the missiles' own implementation.
    Taken out the day it was added, a part was never one, dated or not."""
    _run(
        dprk,
        ("init", "--party", "United States", "--party", "Soviet Union"),
        ("add-measure", "Remove the missiles", "--actor", "Soviet Union", "--id", "missiles",
         "--status", "agreed", "--date", "1962-10-28"),
        ("mark", "missiles", "implemented", "--date", "1962-11-08"),
        ("add-measure", "Remove the Il-28 bombers", "--actor", "Soviet Union", "--id",
         "bombers", "--part-of", "missiles", "--status", "agreed"),
        ("edit", "bombers", "--no-part-of"),
    )  # fmt: skip
    ledger = tmp_path / "dprk-ledger.toml"
    marked = dprk("mark", "bombers", "proposed", "--date", "1962-11-02")
    assert (marked.code, marked.out) == (0, ""), marked.err
    assert 'detail = "proposed"' in ledger.read_text("utf-8")
    before = ledger.read_bytes()
    for cached in (True, False):
        if not cached:  # (the same read anew, the cache gone)
            shutil.rmtree(tmp_path / ".dprk")
        for day in ("1962-11-10", None):
            asof = ("--as-of", day) if day else ()
            shown = dprk("status", "--format", "json", *asof)
            assert shown.code == 0, shown.err
            by_id = {m["id"]: m for m in json.loads(shown.out)["measures"]}
            assert by_id["bombers"]["part_of"] is None, day
            assert (by_id["missiles"]["status"], by_id["missiles"]["status_date"]) == (
                "implemented",
                "1962-11-08",
            ), day
        checked = dprk("check")
        assert (checked.code, checked.out) == (0, "ok: no problems found\n"), checked.err
    assert ledger.read_bytes() == before


def test_a_part_taken_out_undated_on_a_later_day_is_still_moved_out_on_that_day(dprk, tmp_path):
    """Taken out by an edit dated after the day it was added (`--date`), a part was one
    until then: an earlier step found later leaves it a part from that step on."""
    _run(
        dprk,
        ("init", "--party", "United States", "--party", "Soviet Union"),
        ("add-measure", "Remove the missiles", "--actor", "Soviet Union", "--id", "missiles",
         "--status", "agreed", "--date", "1962-10-28"),
        ("add-measure", "Remove the Il-28 bombers", "--actor", "Soviet Union", "--id",
         "bombers", "--part-of", "missiles", "--status", "agreed"),
        ("edit", "bombers", "--no-part-of", "--date", "1962-11-25"),
        ("mark", "bombers", "proposed", "--date", "1962-11-02"),
    )  # fmt: skip
    shown = dprk("status", "--format", "json", "--as-of", "1962-11-10")
    by_id = {m["id"]: m for m in json.loads(shown.out)["measures"]}
    assert by_id["bombers"]["part_of"] == "missiles"
