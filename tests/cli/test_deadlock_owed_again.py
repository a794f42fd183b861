"""The deadlock a write says it made or ended, through the real entry point, where a
measure reversed is caught in one while it is owed (to be carried out again) and where a
deadlock is made of several circles: the write's warning says what `plan --history` and
`check` show after it."""

from __future__ import annotations

import json

import pytest

B_A1 = "b waits for a1 (demanded by B); a1 waits for b (demanded by A)"


def _undone(dprk, *, a0: bool) -> None:
    """A's a1 and a2 (and, `a0`, a0) given for B's b, a1 and a2 for C's c; each carried
    out, then b reversed, then a1 and a2; from 2020-02-01 each side demands the other's
    measures first. With a0 still carried out, b is owed, and b, a1 and a2 stand in
    two circles; without it, b is owed for nothing: no deadlock."""
    assert dprk("init", "--party", "A", "--party", "B", "--party", "C").code == 0
    ours = ["a0", "a1", "a2"] if a0 else ["a1", "a2"]
    for ident in ours:
        made = dprk("add-measure", f"A's {ident}", "--actor", "A", "--id", ident,
                    "--date", "2020-01-01")  # fmt: skip
        assert made.code == 0, made.err
    for ident, actor, given in (("b", "B", ours), ("c", "C", ["a1", "a2"])):
        exchange = [arg for other in given for arg in ("--in-exchange-for", other)]
        made = dprk("add-measure", ident, "--actor", actor, "--id", ident,
                    "--date", "2020-01-01", *exchange)  # fmt: skip
        assert made.code == 0, made.err
    for args in (
        ("mark", *ours, "b", "c", "implemented", "--date", "2020-01-10"),
        ("mark", "b", "reversed", "--date", "2020-01-20"),
        ("mark", "a1", "a2", "reversed", "--date", "2020-01-25"),
        ("sequence", "b", "--after", "a1", "--demanded-by", "B", "--date", "2020-02-01"),
        ("sequence", "b", "--after", "a2", "--demanded-by", "B", "--date", "2020-02-01"),
        ("sequence", "a1", "a2", "--after", "b", "--demanded-by", "A", "--date", "2020-02-01"),
    ):
        done = dprk(*args)
        assert done.code == 0, done.err


def _history(dprk) -> list[tuple[str, str | None, list[str]]]:
    shown = json.loads(dprk("plan", "--history", "--format", "json").out)["deadlocks"]
    return [(d["from"], d["until"], d["measures"]) for d in shown]


def _checked(dprk) -> list[str]:
    found = json.loads(dprk("check", "--format", "json").out)
    return [p["message"] for p in found["problems"] if p["check"] == "deadlocks"]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("drop-entry", "a2", "5"), "a2: dropped entry 5 (reversed on 2020-01-25)"),
        (("redate", "a2", "5", "2020-01-05"), "a2: entry 5 (reversed on 2020-01-25) now dated"),
    ],
)
def test_a_circle_taken_out_of_a_deadlock_of_two_makes_none(dprk, tmp_path, args, said):
    """a2 carried out still: its circle with b goes, a1's with b stands (b is owed for
    a0), from the same day; no deadlock is said to have never stood."""
    _undone(dprk, a0=True)
    assert _history(dprk) == [("2020-02-01", None, ["a1", "a2", "b"])]
    path = tmp_path / "dprk-ledger.toml"
    before = path.read_text()
    done = dprk(*args)
    assert done.code == 0, done.err
    assert said in done.out + done.err
    assert "deadlock" not in done.err
    assert path.read_text() != before
    assert 'id = "a2"\ntitle = "A\'s a2"\nactor = "A"\nstatus = "implemented"' in (path.read_text())
    assert _history(dprk) == [("2020-02-01", None, ["a1", "b"])]
    [found] = _checked(dprk)
    assert found.startswith(f"deadlock: {B_A1}")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("mark", "a2", "implemented", "--date", "2020-01-28"), "a2: implemented on 2020-01-28"),
        (("redate", "a2", "5", "2020-01-05"), "a2: entry 5 (reversed on 2020-01-25) now dated"),
    ],
)
def test_a_measure_carried_out_again_makes_the_one_reversed_for_it_owed_and_deadlocked(
    dprk, tmp_path, args, said
):
    """a2 carried out (again, or its reversal dated before it acted): b, given for it, is
    owed, to be carried out again, and waits for a1, which waits for it: the write says
    the deadlock it made, from the day `plan` dates it."""
    _undone(dprk, a0=False)
    assert _history(dprk) == []
    path = tmp_path / "dprk-ledger.toml"
    done = dprk(*args)
    assert done.code == 0, done.err
    assert said in done.out + done.err
    said_made = f"dprk: warning: deadlock: {B_A1}; it stands from 2020-02-01; 'dprk plan' shows it"
    assert [line for line in done.err.splitlines() if "deadlock" in line] == [said_made]
    assert 'id = "a2"\ntitle = "A\'s a2"\nactor = "A"\nstatus = "implemented"' in (path.read_text())
    assert _history(dprk) == [("2020-02-01", None, ["a1", "b"])]
    [found] = _checked(dprk)
    assert found.startswith(f"deadlock: {B_A1}")
    # undone, the deadlock goes out of the record with it, and the undo says so
    undone = dprk("undo")
    assert undone.code == 0, undone.err
    assert f"deadlock: {B_A1}; with this change it never stood (it was recorded as standing " in (
        undone.err
    )
    assert _history(dprk) == []
    assert _checked(dprk) == []


P_B = "p waits for b (demanded by A); b waits for p (demanded by B)"


def test_a_whole_s_deadline_makes_and_ends_a_deadlock_through_a_part_reversed(dprk, tmp_path):
    """A part reversed is owed, to be carried out again, while its whole has a deadline
    (`check` and `plan` so read it), but the write's warning read each measure's own
    deadline alone: a deadline given to the whole made a deadlock through the part, and
    one dropped ended it, in silence. The write says each as `check` finds it."""
    assert dprk("init", "--party", "A", "--party", "B").code == 0
    for args in (
        ("add-measure", "Whole", "--actor", "A", "--id", "w", "--date", "2020-01-01"),
        ("add-measure", "Part", "--actor", "A", "--id", "p", "--part-of", "w",
         "--date", "2020-01-01"),
        ("add-measure", "B's", "--actor", "B", "--id", "b", "--date", "2020-01-01"),
        ("mark", "p", "implemented", "--date", "2020-01-10"),
        ("mark", "p", "reversed", "--date", "2020-01-20"),
        ("sequence", "b", "--after", "p", "--demanded-by", "B", "--date", "2020-02-01"),
        ("sequence", "p", "--after", "b", "--demanded-by", "A", "--date", "2020-02-01"),
    ):  # fmt: skip
        done = dprk(*args)
        assert done.code == 0, (args, done.err)
    assert _checked(dprk) == []
    path = tmp_path / "dprk-ledger.toml"
    given = dprk("edit", "w", "--deadline", "2021-06-01")
    assert (given.code, given.out) == (0, ""), given.err
    assert _deadline_line(path) == ["deadline = 2021-06-01"]
    [found] = _checked(dprk)
    assert found.startswith(f"deadlock: {P_B}")
    since = json.loads(dprk("plan", "--format", "json").out)["deadlocks"][0]["since"]
    assert [line for line in given.err.splitlines() if "deadlock" in line] == [
        f"dprk: warning: deadlock: {P_B}; it stands from {since}; 'dprk plan' shows it"
    ]
    dropped = dprk("edit", "w", "--no-deadline")
    assert (dropped.code, dropped.out) == (0, ""), dropped.err
    assert _deadline_line(path) == []
    assert _checked(dprk) == []
    assert [line for line in dropped.err.splitlines() if "deadlock" in line] == [
        f"dprk: warning: deadlock: {P_B}; with this change it never stood (it was recorded "
        f"as standing from {since})"
    ]


def _deadline_line(path) -> list[str]:
    """The deadline lines of the ledger's measures (the fields, not their history)."""
    return [line for line in path.read_text().splitlines() if line.startswith("deadline = ")]
