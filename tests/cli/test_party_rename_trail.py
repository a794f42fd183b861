"""A party's rename is one event recorded on every measure naming the party: dated
again, reworded or typed again on another day, each measure's record of it follows,
and each says in a correction of its own what happened to its entry."""

from __future__ import annotations

import json
from pathlib import Path

from dprk_cli.clock import today


def _macedonia(dprk, tmp_path: Path, *measures: tuple[str, str]) -> Path:
    """Greece and Macedonia, each of `measures` (id, day) Macedonia's, agreed."""
    assert dprk("init", "--party", "Greece", "--party", "Macedonia").code == 0
    for ident, day in measures:
        made = dprk("add-measure", ident.title(), "--actor", "Macedonia", "--id", ident,
                    "--status", "agreed", "--date", day)  # fmt: skip
        assert made.code == 0, made.err
    return tmp_path / "dprk-ledger.toml"


def _log(dprk, ident: str) -> list[tuple[str, str, str]]:
    log = json.loads(dprk("log", ident, "--format", "json").out)
    return [(e["date"], e["event"], e["detail"]) for e in log]


RENAMED = "party Macedonia renamed North Macedonia"
OF = "the rename of Macedonia to North Macedonia of"


def test_a_rename_typed_again_on_another_day_says_how_to_move_it(dprk, tmp_path):
    """'rename-party Macedonia "North Macedonia" --date 2019-02-12', the rename made
    already on 2019-02-21, said to give "North Macedonia", which then said nothing was to
    rename. The rename is made: the refusal says so, and gives what moves it (a redate,
    as 'dprk log' numbers the entry), which, followed, dates it so."""
    path = _macedonia(dprk, tmp_path, ("constitution", "2018-06-17"))
    assert dprk("rename-party", "Macedonia", "North Macedonia", "--date", "2019-02-21").code == 0
    before = path.read_bytes()
    again = dprk("rename-party", "Macedonia", "North Macedonia", "--date", "2019-02-12")
    assert (again.code, again.out) == (1, "")
    assert again.err == (
        "dprk: error: OLD: party 'Macedonia' was renamed North Macedonia on 2019-02-21, as "
        "the ledger's measures record it, not on 2019-02-12: 'dprk redate constitution 2 "
        "2019-02-12' moves it on every measure\n"
    )
    assert path.read_bytes() == before
    followed = dprk("redate", "constitution", "2", "2019-02-12")
    assert followed.code == 0, followed.err
    assert ("2019-02-12", "edit", RENAMED) in _log(dprk, "constitution")
    assert dprk("check").out == "ok: no problems found\n"
    # (typed again on its own day: made already, nothing to do)
    same = dprk("rename-party", "Macedonia", "North Macedonia", "--date", "2019-02-12")
    assert (same.code, same.out) == (1, "")
    assert same.err == (
        "dprk: error: OLD: party 'Macedonia' was renamed North Macedonia on 2019-02-12, as "
        "the ledger's measures record it: that rename is made already; nothing to rename\n"
    )


def test_a_rename_typed_again_before_every_measure_advises_the_undo_that_works(dprk, tmp_path):
    """Dated before any measure recording it was made, no redate can move it: the rename,
    when it is the last change, is undone and typed again on that day."""
    path = _macedonia(dprk, tmp_path, ("constitution", "2018-06-17"))
    assert dprk("rename-party", "Macedonia", "North Macedonia", "--date", "2019-02-21").code == 0
    before = path.read_bytes()
    again = dprk("rename-party", "Macedonia", "North Macedonia", "--date", "2018-01-01")
    assert (again.code, again.out) == (1, "")
    assert again.err == (
        "dprk: error: OLD: party 'Macedonia' was renamed North Macedonia on 2019-02-21, as "
        "the ledger's measures record it, not on 2018-01-01: no measure recording it was made "
        "by 2018-01-01, to keep the old name: if the rename is the last change, 'dprk undo' "
        'takes it back, and then \'dprk rename-party Macedonia "North Macedonia" --date '
        "2018-01-01' dates it so, saying what that forgets; else no command can (a rename "
        "given back is dated after it, and one typed again no earlier)\n"
    )
    assert path.read_bytes() == before
    assert dprk("undo").code == 0
    followed = dprk("rename-party", "Macedonia", "North Macedonia", "--date", "2018-01-01")
    assert followed.code == 0, followed.err
    assert dprk("show", "constitution", "--format", "json").code == 0
    assert dprk("check").out == "ok: no problems found\n"


def test_a_rename_redated_past_a_measure_records_the_drop_and_the_return_there(dprk, tmp_path):
    """The referendum's record of the rename was dropped when the rename was redated to
    before it was made, with no correction saying so (it kept one naming an entry it no
    longer held), and written back, redated later again, with none either. Each measure
    whose record is dropped or written records it in a correction of its own, worded as
    a rename, and the line says so."""
    path = _macedonia(dprk, tmp_path, ("constitution", "2018-06-17"), ("referendum", "2018-07-30"))
    assert dprk("rename-party", "Macedonia", "North Macedonia", "--date", "2019-02-21").code == 0
    moved = dprk("redate", "constitution", "2", "2019-02-12")
    assert moved.err == (
        f"constitution: entry 2 ({OF} 2019-02-21) now dated 2019-02-12, and the same rename "
        "on referendum (its entry 2); constitution is agreed\n"
    )
    before = path.read_bytes()
    dropped = dprk("redate", "constitution", "2", "2018-07-01")
    assert (dropped.code, dropped.out) == (0, ""), dropped.err
    assert dropped.err == (
        f"constitution: entry 2 ({OF} 2019-02-12) now dated 2018-07-01, and the rename "
        "dropped from referendum (its entry 2), made after that day: the new name from the "
        "start (a correction there says so); constitution is agreed\n"
    )
    day = str(today())
    assert _log(dprk, "referendum") == [
        ("2018-07-30", "created", "created as agreed"),
        (day, "correction", f"{OF} 2019-02-21 redated to 2019-02-12"),
        (day, "correction", f"{OF} 2019-02-12 redated to 2018-07-01, before this measure was "
                            "made: dropped here"),
    ]  # fmt: skip
    assert dprk("check").out == "ok: no problems found\n"
    back = dprk("redate", "constitution", "2", "2019-02-21")
    assert back.err == (
        f"constitution: entry 2 ({OF} 2018-07-01) now dated 2019-02-21, and the rename "
        "written on referendum (its entry 2), made before that day (a correction there says "
        "so); constitution is agreed\n"
    )
    assert _log(dprk, "referendum")[1:2] == [("2019-02-21", "edit", RENAMED)]
    assert _log(dprk, "referendum")[-1] == (
        day, "correction", f"{OF} 2018-07-01 redated to 2019-02-21, on or after the day this "
                           "measure was made: written here"
    )  # fmt: skip
    assert dprk("check").out == "ok: no problems found\n"
    # (one change: undone whole)
    assert dprk("undo").code == 0
    assert dprk("undo").code == 0
    assert path.read_bytes() == before


def test_a_rename_redated_names_every_measure_it_moved_on(dprk, tmp_path):
    """Seven measures naming Macedonia: the line said '..., m6 (its entry 2) and 1 more'.
    One measure named is no longer than 'and 1 more'."""
    _macedonia(dprk, tmp_path, *((f"m{i}", "2018-06-17") for i in range(1, 8)))
    assert dprk("rename-party", "Macedonia", "North Macedonia", "--date", "2019-02-21").code == 0
    moved = dprk("redate", "m1", "2", "2019-02-12")
    assert moved.code == 0, moved.err
    assert "more" not in moved.err
    assert moved.err == (
        f"m1: entry 2 ({OF} 2019-02-21) now dated 2019-02-12, and the same rename on "
        + ", ".join(f"m{i} (its entry 2)" for i in range(2, 7))
        + " and m7 (its entry 2); m1 is agreed\n"
    )
    for i in range(1, 8):
        assert _log(dprk, f"m{i}")[-1][2] == f"{OF} 2019-02-21 redated to 2019-02-12"


def test_a_renames_note_reworded_on_one_measure_is_reworded_on_every_one(dprk, tmp_path):
    """'renote constitution 2' of the rename reworded constitution's record alone: the
    referendum's record of the same rename kept no note, while a redate moves them all.
    The note goes with the rename on every measure, and the line names each."""
    path = _macedonia(dprk, tmp_path, ("constitution", "2018-06-17"), ("referendum", "2018-07-30"))
    assert dprk("rename-party", "Macedonia", "North Macedonia", "--date", "2019-02-21").code == 0
    before = path.read_bytes()
    said = dprk("renote", "constitution", "2", "Prespa Agreement in force")
    assert (said.code, said.out) == (0, ""), said.err
    assert said.err == (
        f"constitution: entry 2 ({OF} 2019-02-21) reworded (note: (none) -> 'Prespa Agreement "
        "in force'), and the same rename on referendum (its entry 2)\n"
    )
    for ident in ("constitution", "referendum"):
        log = json.loads(dprk("log", ident, "--format", "json").out)
        assert [e["note"] for e in log if e["detail"] == RENAMED] == [
            "Prespa Agreement in force"
        ], ident
        assert log[-1]["detail"] == (
            f"{OF} 2019-02-21 reworded (note: (none) -> 'Prespa Agreement in force')"
        )
    assert dprk("check").out == "ok: no problems found\n"
    assert dprk("undo").code == 0
    assert path.read_bytes() == before


def test_a_rename_typed_again_says_when_the_redate_that_would_move_it_is_refused(
    dprk, tmp_path, tick
):
    """Renamed on since, the rename cannot be dated after the next one: the redate that
    would move it is not advised as if it worked; its refusal is said. Typed with no day,
    the rename is made already: nothing to do."""
    path = _macedonia(dprk, tmp_path, ("constitution", "2018-06-17"))
    assert dprk("rename-party", "Macedonia", "North Macedonia", "--date", "2019-02-21").code == 0
    tick()  # (the next rename typed after it)
    assert dprk("rename-party", "North Macedonia", "NM", "--date", "2020-01-01").code == 0
    before = path.read_bytes()
    late = dprk("rename-party", "Macedonia", "North Macedonia", "--date", "2020-06-01")
    assert (late.code, late.out) == (1, "")
    assert late.err.startswith(
        "dprk: error: OLD: party 'Macedonia' was renamed North Macedonia on 2019-02-21, as "
        "the ledger's measures record it, not on 2020-06-01; 'dprk redate constitution 2 "
        "2020-06-01', which would move it, is refused: constitution: "
    )
    assert late.err.endswith("; renames keep the order they were made in\n")
    assert dprk("redate", "constitution", "2", "2020-06-01").code == 1
    undated = dprk("rename-party", "Macedonia", "North Macedonia")
    assert (undated.code, undated.out) == (1, "")
    assert undated.err.endswith(": that rename is made already; nothing to rename\n")
    assert path.read_bytes() == before


def test_a_finding_dropped_takes_the_rename_it_alone_brought_with_it(dprk, tmp_path):
    """A finding by Macedonia, then the rename, then the finding dropped: ratify named
    the party no more, but kept "party Macedonia renamed North Macedonia", which it was
    given for that finding alone; a measure naming no party renamed records no rename.
    It goes with the finding, each in a correction of its own, and the line says so."""
    path = tmp_path / "dprk-ledger.toml"
    for args in (
        ("init", "--party", "Greece", "--party", "Macedonia"),
        ("add-measure", "Ratify", "--actor", "Greece", "--id", "ratify",
         "--status", "implemented", "--date", "2019-01-25"),
        ("add-measure", "Amend", "--actor", "Greece", "--id", "amend",
         "--status", "implemented", "--date", "2019-01-11"),
        ("verify", "ratify", "--by", "Macedonia", "--date", "2019-01-30"),
        ("verify", "amend", "--by", "Macedonia", "--date", "2019-01-30"),
        ("sequence", "amend", "--after", "ratify", "--require", "verified", "--verified-by", "Macedonia",
         "--date", "2019-02-01"),
        ("rename-party", "Macedonia", "North Macedonia", "--date", "2019-02-21"),
    ):  # fmt: skip
        done = dprk(*args)
        assert done.code == 0, (args, done.err)
    before = path.read_bytes()
    dropped = dprk("drop-finding", "ratify", "2")
    assert (dropped.code, dropped.out) == (0, ""), dropped.err
    assert dropped.err.startswith(
        f"ratify: dropped entry 2 (confirmed by North Macedonia on 2019-01-30; {OF} "
        "2019-02-21 with it: ratify names the party no more); ratify is now implemented"
    )
    day = str(today())
    assert _log(dprk, "ratify") == [
        ("2019-01-25", "created", "created as implemented"),
        (day, "correction", "confirmed by North Macedonia on 2019-01-30 dropped: a finding "
                            "entered by mistake"),
        (day, "correction", f"{OF} 2019-02-21 dropped: this measure names the party no more"),
    ]  # fmt: skip
    assert dprk("check").out == "ok: no problems found\n"
    # (a measure still naming the party, by an order's verifier, keeps its record)
    kept = dprk("drop-finding", "amend", "2")
    assert kept.code == 0, kept.err
    assert "with it" not in kept.err
    assert ("2019-02-21", "edit", RENAMED) in _log(dprk, "amend")
    assert dprk("undo").code == 0
    assert dprk("undo").code == 0
    assert path.read_bytes() == before


def test_a_finding_dropped_with_the_last_record_of_a_rename_says_the_name_is_forgotten(
    dprk, tmp_path
):
    """The one measure recording the rename, by a finding dropped: the ledger then holds
    no record of the old name, as after a rename of a party no measure names; said so."""
    for args in (
        ("init", "--party", "Greece", "--party", "Macedonia"),
        ("add-measure", "Ratify", "--actor", "Greece", "--id", "ratify",
         "--status", "implemented", "--date", "2019-01-25"),
        ("verify", "ratify", "--by", "Macedonia", "--date", "2019-01-30"),
        ("rename-party", "Macedonia", "North Macedonia", "--date", "2019-02-21"),
    ):  # fmt: skip
        assert dprk(*args).code == 0
    dropped = dprk("drop-finding", "ratify", "2")
    assert (dropped.code, dropped.out) == (0, ""), dropped.err
    assert dropped.err.startswith(
        f"ratify: dropped entry 2 (confirmed by North Macedonia on 2019-01-30; {OF} "
        "2019-02-21 with it: ratify names the party no more; no measure records 'Macedonia' "
        "any more, which reads as another party from now on); ratify is now implemented"
    )
    assert "renamed" not in dprk("log", "ratify").out
    assert dprk("check").out == "ok: no problems found\n"


def test_a_merge_redated_later_writes_none_on_the_absorbing_party_s_own_measure(
    dprk, tmp_path, monkeypatch, tick
):
    """'rename-party USSR Russia --merge --date 1991-12-26', Russia a party with a
    measure of its own before that day, then the merge redated to 1994-02-01: ru-fuel,
    Russia's own (1994-01-14), got "party USSR renamed Russia" and read as the USSR's on
    1994-01-20. The ledger shows Russia had the name before the rename (ru-decl, made by
    then, records none: the rule `rename-party` reads a merge by), so a measure under
    that name records none, as the merge typed on the new day leaves it."""

    def ledger(name: str, day: str) -> Path:
        (tmp_path / name).mkdir()
        monkeypatch.chdir(tmp_path / name)
        for args in (
            ("init", "--title", "t", "--party", "US", "--party", "USSR", "--party", "Russia"),
            ("add-measure", "USSR cuts", "--actor", "USSR", "--id", "su-cut", "--status",
             "agreed", "--date", "1991-07-31"),
            ("add-measure", "Russia declares", "--actor", "Russia", "--id", "ru-decl",
             "--status", "agreed", "--date", "1991-08-24"),
            ("add-measure", "Russia supplies fuel", "--actor", "Russia", "--id", "ru-fuel",
             "--status", "agreed", "--date", "1994-01-14"),
            ("rename-party", "USSR", "Russia", "--merge", "--date", day),
        ):  # fmt: skip
            tick()  # (each recorded after the one before, as typed)
            assert dprk(*args).code == 0, args
        return tmp_path / name / "dprk-ledger.toml"

    def actors() -> list[str]:
        return dprk("status", "--as-of", "1994-01-20", "--format", "csv").lines

    ledger("direct", "1994-02-01")
    direct = actors()
    assert [row.split(",")[2] for row in direct[1:]] == ["Russia", "Russia", "USSR"]
    path = ledger("redated", "1991-12-26")
    tick()
    moved = dprk("redate", "su-cut", "2", "1994-02-01")
    assert (moved.code, moved.out) == (0, ""), moved.err
    assert moved.err == (
        "su-cut: entry 2 (the rename of USSR to Russia of 1991-12-26) now dated 1994-02-01; "
        "su-cut is agreed\n"
    )
    assert actors() == direct
    for ident in ("ru-decl", "ru-fuel"):
        assert [e[1] for e in _log(dprk, ident)] == ["created"], ident
    assert dprk("check").out == "ok: no problems found\n"
    before = path.read_bytes()
    # (moved back: as it was typed, su-cut's record alone moves)
    back = dprk("redate", "su-cut", "2", "1991-12-26")
    assert back.code == 0, back.err
    assert "ru-fuel" not in back.err
    assert dprk("undo").code == 0
    assert path.read_bytes() == before
