"""A merge's entry says it is a merge: 'rename-party USSR Russia --merge' wrote on USSR's
measures the words a plain rename writes, so a redate of it could not tell the two
apart. Redated after the first day of a measure Russia had of its own (made after the
merge's day), it wrote the rename there too, and Russia's own measure read as USSR's on
the days before. The entry now says `merge = true`; one written before reads as it did."""

import json

import pytest

MERGE_DAY = "1991-12-26"


@pytest.fixture
def merged(dprk, tmp_path, tick):
    """USSR's measure of 1991, Russia's own of 1992-03-01, then USSR merged into Russia
    on 1991-12-26 (each command recorded after the one before it)."""
    for args in (
        ["init", "--title", "START", "--party", "US", "--party", "USSR", "--party", "Russia"],
        ["add-measure", "Withdraw missiles", "--actor", "USSR", "--id", "withdraw",
         "--date", "1991-03-01"],
        ["add-measure", "Cut warheads", "--actor", "Russia", "--id", "cut",
         "--date", "1992-03-01"],
        ["add-measure", "Lift sanctions", "--actor", "US", "--id", "lift",
         "--date", "1991-02-01"],
        ["rename-party", "USSR", "Russia", "--merge", "--date", MERGE_DAY],
    ):  # fmt: skip
        tick()
        result = dprk(*args)
        assert result.code == 0, (args, result.err)
    return tmp_path / "dprk-ledger.toml"


def _ok(dprk, *args):
    result = dprk(*args)
    assert (result.code, result.err) == (0, ""), (args, result.err)
    return result.out


def _block(text: str, ident: str) -> str:
    """The block of measure `ident` in the ledger's text."""
    start = text.index(f'[[measures]]\nid = "{ident}"')
    end = text.find("[[measures]]\n", start + 1)
    return text[start : end if end >= 0 else None]


def _actors(dprk, day: str) -> tuple[dict[str, str], list[str], dict[str, str]]:
    """Each measure's actor as `status --as-of DAY` gives it, in its table and its JSON,
    and the parties its JSON lists."""
    table = _ok(dprk, "status", "--as-of", day).splitlines()
    listed = table[table.index("Measures") + 2 :]
    shown = {row.split()[0]: row.split()[1] for row in listed}
    data = json.loads(_ok(dprk, "status", "--as-of", day, "--format", "json"))
    return shown, list(data["parties"]), {m["id"]: m["actor"] for m in data["measures"]}


def test_a_merge_redated_is_never_written_on_the_absorbing_partys_own_measures(dprk, merged, tick):
    text = merged.read_text()
    assert _block(text, "withdraw").endswith("recorded = 2023-11-14 22:13:32+00:00\nmerge = true\n")
    assert "rename" not in _block(text, "cut") and "merge" not in _block(text, "cut")
    logged = _ok(dprk, "log", "withdraw")
    assert f"{MERGE_DAY}  withdraw  edit" in logged
    assert "party USSR renamed Russia (a merge)" in logged
    after_merge = merged.read_bytes()

    tick()  # (later: after the first day of Russia's own measure)
    result = dprk("redate", "withdraw", "2", "1992-06-01")
    assert result.code == 0, result.err
    assert result.err == (
        f"withdraw: entry 2 (the rename of USSR to Russia of {MERGE_DAY}) now dated "
        "1992-06-01; withdraw is proposed\n"
    )
    later = merged.read_bytes()
    assert _block(later.decode(), "cut") == _block(text, "cut")  # (its own: left alone)
    cut_log = _ok(dprk, "log", "cut")
    assert "USSR" not in cut_log and "rename" not in cut_log
    assert "1992-06-01  withdraw  edit" in _ok(dprk, "log", "withdraw")
    # (before the merge's day, each party as it was; Russia's own measure is Russia's)
    shown, parties, actors = _actors(dprk, "1992-04-01")
    assert shown == actors == {"cut": "Russia", "lift": "US", "withdraw": "USSR"}
    assert parties == ["US", "Russia", "USSR"]  # (the one merged after the one it joined)
    shown, parties, actors = _actors(dprk, "1992-06-01")  # (on the day: merged)
    assert shown == actors == {"cut": "Russia", "lift": "US", "withdraw": "Russia"}
    assert parties == ["US", "Russia"]
    assert _ok(dprk, "check") == "ok: no problems found\n"

    tick()  # (then earlier than it was typed)
    result = dprk("redate", "withdraw", "2", "1991-06-01")
    assert result.code == 0, result.err
    assert result.err == (
        "withdraw: entry 2 (the rename of USSR to Russia of 1992-06-01) now dated "
        "1991-06-01; withdraw is proposed\n"
    )
    assert _block(merged.read_text(), "cut") == _block(text, "cut")
    assert "1991-06-01  withdraw  edit" in _ok(dprk, "log", "withdraw")
    shown, parties, actors = _actors(dprk, "1991-05-31")
    assert shown == actors == {"lift": "US", "withdraw": "USSR"}
    assert parties == ["US", "Russia", "USSR"]  # (Russia, no measure yet, a party still)
    shown, parties, actors = _actors(dprk, "1992-04-01")
    assert shown == actors == {"cut": "Russia", "lift": "US", "withdraw": "Russia"}
    assert parties == ["US", "Russia"]
    assert _ok(dprk, "check") == "ok: no problems found\n"

    assert dprk("undo").code == 0
    assert merged.read_bytes() == later
    assert dprk("undo").code == 0
    assert merged.read_bytes() == after_merge
    assert dprk("undo").code == 0
    assert b"USSR" in merged.read_bytes() and b"merge = true" not in merged.read_bytes()


def test_a_merge_entry_written_before_reads_as_it_did(dprk, merged, tick):
    """An entry of a merge with no `merge` key (as a dprk before wrote it) reads as a
    rename's, as before: the log shows the words alone, a past day names the party as
    it was, the export says false."""
    old = merged.read_text().replace("merge = true\n", "")
    merged.write_text(old)
    logged = _ok(dprk, "log", "withdraw")
    assert "party USSR renamed Russia\n" in logged and "(a merge)" not in logged
    shown, parties, actors = _actors(dprk, "1991-06-01")
    assert shown == actors == {"lift": "US", "withdraw": "USSR"}
    assert parties == ["US", "USSR"]
    shown, parties, actors = _actors(dprk, MERGE_DAY)
    assert shown == actors == {"lift": "US", "withdraw": "Russia"}
    assert _ok(dprk, "check") == "ok: no problems found\n"
    exported = json.loads(_ok(dprk, "export", "--format", "json"))
    entries = [h for m in exported["measures"] for h in m["history"]]
    assert [h["merge"] for h in entries] == [False] * len(entries)
    # (the new keys last: `merge`, then `by`, who undid a measure)
    assert list(entries[0])[-3:] == ["recorded", "merge", "by"]
    assert merged.read_text() == old


def test_merge_true_on_an_entry_of_no_rename_is_refused(dprk, merged):
    text = merged.read_text()
    bad = text.replace(
        'detail = "created as proposed"\n', 'detail = "created as proposed"\nmerge = true\n', 1
    )
    merged.write_text(bad)
    said = "merge is true only on the entry of a party's rename"
    refusal = f"dprk: error: dprk-ledger.toml: line 14: measure 'cut', field 'history[1]': {said}\n"
    result = dprk("status")
    assert (result.code, result.out, result.err) == (1, "", refusal)
    result = dprk("mark", "cut", "agreed", "--date", "1992-04-01")
    assert (result.code, result.out, result.err) == (1, "", refusal)
    assert f"error: cut: line 14: field 'history[1]': {said} [fields]" in dprk("check").out
    assert merged.read_text() == bad


def test_a_merge_typed_again_on_another_day_is_advised_as_a_merge(dprk, merged):
    """Typed again on a day before every measure recording it, the advice is to undo it
    and type it on that day: with --merge, as it was (without, it is refused: Russia is
    declared)."""
    before = merged.read_bytes()
    result = dprk("rename-party", "USSR", "Russia", "--merge", "--date", "1990-01-01")
    assert (result.code, result.out) == (1, "")
    assert result.err.endswith(
        "'dprk undo' takes it back, and then 'dprk rename-party USSR Russia --date 1990-01-01 "
        "--merge' dates it so, saying what that forgets; else no command can (a rename given "
        "back is dated after it, and one typed again no earlier)\n"
    )
    assert merged.read_bytes() == before
    assert dprk("undo").code == 0
    advised = ("rename-party", "USSR", "Russia", "--date", "1990-01-01", "--merge")
    assert dprk(*advised).code == 0
