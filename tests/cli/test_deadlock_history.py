"""`plan --history`: every deadlock the ledger's history has held, each with the day it
began and the day it ended (or that it stands still), as `plan --as-of` shows it on each
day."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, timedelta

import pytest

P_Q = "q waits for p (demanded by B); p waits for q (demanded by A)"
R_S = "s waits for r (demanded by B); r waits for s (demanded by A)"
T_U = "u waits for t (demanded by B); t waits for u (demanded by A)"

# (from, until, measures, text): p and q stood twice, r and s ended when r was carried
# out, t and u from an order recorded last but dated in the past, until t was withdrawn
PERIODS = [
    ("2020-01-04", "2020-01-25", ["t", "u"], T_U),
    ("2020-01-08", "2020-02-01", ["p", "q"], P_Q),
    ("2020-01-12", "2020-01-20", ["r", "s"], R_S),
    ("2020-03-01", None, ["p", "q"], P_Q),
]


def _so_far() -> int:
    """The days the deadlock standing still has stood, up to today (the day viewed)."""
    from dprk_cli.clock import today

    return (today() - date(2020, 3, 1)).days


def _days() -> list[int]:
    return [21, 24, 8, _so_far()]


@pytest.fixture
def talks(dprk, tmp_path):
    """Three pairs of measures, each pair made to wait for each other: p and q from
    2020-01-08 (p rejected on 2020-02-01, offered again on 2020-03-01: standing still),
    r and s from 2020-01-12 to 2020-01-20 (r carried out), t and u from 2020-01-04, an
    order recorded last but dated then, to 2020-01-25 (t withdrawn)."""
    assert dprk("init", "--party", "A", "--party", "B").code == 0
    for ident, actor in (("p", "A"), ("q", "B"), ("r", "A"), ("s", "B"), ("t", "A"), ("u", "B")):
        made = dprk(
            "add-measure", f"Measure {ident}", "--actor", actor, "--id", ident,
            "--date", "2020-01-01",
        )  # fmt: skip
        assert made.code == 0, made.err
    for args in (
        ("sequence", "p", "--after", "q", "--demanded-by", "A", "--date", "2020-01-05"),
        ("sequence", "q", "--after", "p", "--demanded-by", "B", "--date", "2020-01-08"),
        ("sequence", "r", "--after", "s", "--demanded-by", "A", "--date", "2020-01-10"),
        ("sequence", "s", "--after", "r", "--demanded-by", "B", "--date", "2020-01-12"),
        ("mark", "r", "implemented", "--date", "2020-01-20"),
        ("mark", "p", "rejected", "--date", "2020-02-01"),
        ("mark", "p", "proposed", "--date", "2020-03-01"),
        ("sequence", "t", "--after", "u", "--demanded-by", "A", "--date", "2020-01-02"),
        ("mark", "t", "withdrawn", "--date", "2020-01-25"),
        # (recorded last, dated in the past: the circle t, u stood from then)
        ("sequence", "u", "--after", "t", "--demanded-by", "B", "--date", "2020-01-04"),
    ):
        given = dprk(*args)
        assert given.code == 0, (args, given.err)
    return tmp_path / "dprk-ledger.toml"


def _history(dprk, *args: str) -> list[dict]:
    result = dprk("plan", "--history", *args, "--format", "json")
    assert result.code == 0, result.err
    assert result.err == ""
    found: list[dict] = json.loads(result.out)["deadlocks"]
    return found


def _since(dprk, day: str) -> list[tuple[str | None, list[str]]]:
    result = dprk("plan", "--as-of", day, "--format", "json")
    assert result.code == 0, result.err
    return [(d["since"], d["measures"]) for d in json.loads(result.out)["deadlocks"]]


def test_history_lists_each_deadlock_with_its_days(dprk, talks):
    before = talks.read_bytes()
    found = _history(dprk)
    assert [(d["from"], d["until"], d["measures"], d["text"]) for d in found] == PERIODS
    assert list(found[0]) == [
        "from", "until", "measures", "demands", "together", "parts", "text", "days"
    ]  # fmt: skip
    assert [d["days"] for d in found] == _days()  # (the one standing still: so far)
    assert found[1]["demands"] == [
        {"measure": "q", "after": "p", "require": "acted", "demanded_by": "B", "verified_by": None},
        {"measure": "p", "after": "q", "require": "acted", "demanded_by": "A", "verified_by": None},
    ]
    assert talks.read_bytes() == before


def test_history_agrees_with_plan_as_of_each_side_of_each_boundary(dprk, talks):
    """On the day before a deadlock began, `plan --as-of` shows none of its measures in
    one from that day; from it up to the day before it ended, it shows it from that day;
    on the day it ended, it shows none from that day."""
    before = talks.read_bytes()
    periods = [(d["from"], d["until"], d["measures"]) for d in _history(dprk)]
    assert len(periods) == len(PERIODS)
    for began, ended, measures in periods:
        first = date.fromisoformat(began)
        inside = [first, first + timedelta(days=1)]
        if ended is not None:
            last = date.fromisoformat(ended) - timedelta(days=1)
            inside.append(last)
            outside = [first - timedelta(days=1), date.fromisoformat(ended)]
        else:
            outside = [first - timedelta(days=1)]
        for day in inside:
            assert (began, measures) in _since(dprk, day.isoformat()), (began, day)
        for day in outside:
            shown = _since(dprk, day.isoformat())
            assert not any(s == began and m == measures for s, m in shown), (began, day)
    assert talks.read_bytes() == before


def test_history_as_of_a_day_ends_there(dprk, talks):
    """With --as-of DAY: the history up to that day, a deadlock standing then said to
    stand still (no end), those begun after it left out."""
    found = _history(dprk, "--as-of", "2020-01-15")
    assert [(d["from"], d["until"], d["measures"]) for d in found] == [
        ("2020-01-04", None, ["t", "u"]),
        ("2020-01-08", None, ["p", "q"]),
        ("2020-01-12", None, ["r", "s"]),
    ]
    assert _history(dprk, "--as-of", "2020-01-03") == []


def test_history_table_csv_and_ids(dprk, talks):
    before = talks.read_bytes()
    table = dprk("plan", "--history")
    assert table.code == 0, table.err
    assert table.out.startswith("Deadlocks over time\n")
    assert "\n1  2020-01-04  2020-01-25    21  t, u" in table.out
    assert re.search(rf"\n4  2020-03-01  standing +{_so_far()}  p, q\n", table.out)
    assert f"\nDeadlock 2, from 2020-01-08 until 2020-02-01 (24 days): {P_Q}.\n" in table.out
    assert f"\nDeadlock 4, from 2020-03-01, standing still: {P_Q}.\n" in table.out

    rows = list(csv.DictReader(io.StringIO(dprk("plan", "--history", "--format", "csv").out)))
    assert [(r["from"], r["until"], r["measures"], r["text"], r["days"]) for r in rows] == [
        (b, e or "", "; ".join(m), t, str(n))
        for (b, e, m, t), n in zip(PERIODS, _days(), strict=True)
    ]
    lines = dprk("plan", "--history", "--format", "jsonl").out.splitlines()
    assert [json.loads(line) for line in lines] == [
        {"from": b, "until": e, "measures": m, "text": t, "days": n}
        for (b, e, m, t), n in zip(PERIODS, _days(), strict=True)
    ]
    ids = dprk("plan", "--history", "--format", "ids")
    assert ids.out.split() == ["t", "u", "p", "q", "r", "s"]
    markdown = dprk("plan", "--history", "--format", "markdown")
    assert markdown.code == 0 and "2020-03-01" in markdown.out
    assert talks.read_bytes() == before


def test_a_deadlock_of_one_day_reads_as_one_day(dprk, tmp_path):
    """`until` is the first day a deadlock no longer stands: one that stood on 2025-01-26
    alone read "2025-01-26 to 2025-01-27", taken for two days. The line says from and
    until, with the days it stood; JSON, JSON lines and CSV give them as `days`, last."""
    assert dprk("init", "--title", "T", "--party", "Israel", "--party", "Hamas").code == 0
    for args in (
        ("add-measure", "Return north", "--actor", "Israel", "--id", "ret", "--status",
         "agreed", "--date", "2025-01-15"),
        ("add-measure", "Release Arbel Yehud", "--actor", "Hamas", "--id", "yehud",
         "--status", "agreed", "--date", "2025-01-25"),
        ("sequence", "ret", "--after", "yehud", "--demanded-by", "Israel", "--date",
         "2025-01-25"),
        ("sequence", "yehud", "--after", "ret", "--demanded-by", "Hamas", "--date",
         "2025-01-26"),
        ("sequence", "ret", "--remove", "yehud", "--date", "2025-01-27"),
    ):  # fmt: skip
        given = dprk(*args)
        assert given.code == 0, (args, given.err)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    table = dprk("plan", "--history")
    assert (table.code, table.err) == (0, "")
    assert "\n1  2025-01-26  2025-01-27     1  ret, yehud\n" in table.out
    assert (
        "\nDeadlock 1, from 2025-01-26 until 2025-01-27 (1 day): yehud waits for ret "
        "(demanded by Hamas); ret waits for yehud (demanded by Israel).\n"
    ) in table.out
    assert " to 2025-01-27" not in table.out
    found = _history(dprk)
    assert [(d["from"], d["until"], list(d)[-1], d["days"]) for d in found] == [
        ("2025-01-26", "2025-01-27", "days", 1)
    ]
    rows = list(csv.DictReader(io.StringIO(dprk("plan", "--history", "--format", "csv").out)))
    assert [(list(r)[-1], r["days"]) for r in rows] == [("days", "1")]
    assert ledger.read_bytes() == before


def test_history_of_a_ledger_never_deadlocked(dprk, tmp_path):
    assert dprk("init", "--party", "A").code == 0
    assert dprk("add-measure", "X", "--actor", "A", "--id", "x", "--date", "2020-01-01").code == 0
    assert _history(dprk) == []
    shown = dprk("plan", "--history")
    assert shown.code == 0 and "(no deadlocks)" in shown.out


def test_history_refuses_an_assumption(dprk, talks):
    before = talks.read_bytes()
    refused = dprk("plan", "--history", "--assume", "p=implemented")
    assert refused.code == 2
    assert refused.out == ""
    assert refused.err.count("\n") == 1 and "Traceback" not in refused.err
    assert "--history" in refused.err and "--assume" in refused.err
    assert talks.read_bytes() == before


def test_circles_that_meet_and_part(dprk, tmp_path):
    """a and b wait for each other from 2020-01-05, c and d from 2020-01-10; a goes with c
    from 2020-01-15 (one deadlock, dated from 2020-01-05: the later one goes on as it and
    ends), and no longer from 2020-01-20 (two again, both dated from 2020-01-05). Every
    day, each deadlock `plan --as-of` shows is of a stretch the history lists standing
    that day, from the day it dates it from."""
    assert dprk("init", "--party", "A", "--party", "B").code == 0
    for ident, actor in (("a", "A"), ("b", "B"), ("c", "A"), ("d", "B")):
        made = dprk("add-measure", f"M {ident}", "--actor", actor, "--id", ident,
                    "--date", "2020-01-01")  # fmt: skip
        assert made.code == 0, made.err
    for args in (
        ("a", "--after", "b", "--demanded-by", "A", "--date", "2020-01-05"),
        ("b", "--after", "a", "--demanded-by", "B", "--date", "2020-01-05"),
        ("c", "--after", "d", "--demanded-by", "A", "--date", "2020-01-10"),
        ("d", "--after", "c", "--demanded-by", "B", "--date", "2020-01-10"),
        ("a", "--with", "c", "--date", "2020-01-15"),
        ("a", "--remove", "c", "--date", "2020-01-20"),
    ):
        given = dprk("sequence", *args)
        assert given.code == 0, (args, given.err)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    found = [(d["from"], d["until"], d["measures"]) for d in _history(dprk)]
    # (parted again, both circles go on from 2020-01-05, as plan --as-of dates them: one
    # stretch, in the words of its first day)
    assert found == [
        ("2020-01-05", None, ["a", "b"]),
        ("2020-01-10", "2020-01-15", ["c", "d"]),
    ]
    for k in range(3, 25):
        day = date(2020, 1, k)
        for since, measures in _since(dprk, day.isoformat()):
            assert any(
                b == since and b <= day.isoformat() and (e is None or day.isoformat() < e)
                for b, e, _ in found
            ), (day, since, measures, found)
    assert ledger.read_bytes() == before


W_X = "x waits for w (demanded by B); p1 waits for x (demanded by A); w acts through its part p1"


def _through_parts(dprk) -> None:
    """w is made of p1 and p2; x waits for w from 2020-01-02, p2 for y from 2020-01-04, p1
    for x from 2020-01-03 (recorded last), and y is withdrawn on
    2020-01-10: until then p2 could act once y had, and w through it, so no circle stood;
    from then on p2 never can, and x, w (through p1) and p1 wait for each other."""
    assert dprk("init", "--party", "A", "--party", "B").code == 0
    for args in (
        ("M w", "--actor", "A", "--id", "w"),
        ("M x", "--actor", "B", "--id", "x"),
        ("M y", "--actor", "B", "--id", "y"),
        ("P1", "--actor", "A", "--id", "p1", "--part-of", "w"),
        ("P2", "--actor", "A", "--id", "p2", "--part-of", "w"),
    ):
        made = dprk("add-measure", *args, "--date", "2020-01-01")
        assert made.code == 0, made.err
    for args in (
        ("sequence", "x", "--after", "w", "--demanded-by", "B", "--date", "2020-01-02"),
        ("sequence", "p2", "--after", "y", "--demanded-by", "A", "--date", "2020-01-04"),
        ("mark", "y", "withdrawn", "--date", "2020-01-10"),
    ):
        given = dprk(*args)
        assert given.code == 0 and "warning" not in given.err, (args, given.err)


def test_a_circle_through_parts_dates_from_the_day_what_a_part_waits_for_closed(dprk, tmp_path):
    """The circle through w stands from the day y was withdrawn, not from the earlier day
    of an event of its own measures: `plan --as-of`, `plan`, the write that made it,
    `plan --history` and `check` agree."""
    _through_parts(dprk)
    made = dprk("sequence", "p1", "--after", "x", "--demanded-by", "A", "--date", "2020-01-03")
    assert made.code == 0, made.err
    assert made.err.splitlines()[1:] == [
        f"dprk: warning: deadlock: {W_X}; it stands from 2020-01-10; 'dprk plan' shows it"
    ]
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    assert _since(dprk, "2020-01-09") == []
    assert _since(dprk, "2020-01-10") == [("2020-01-10", ["p1", "w", "x"])]
    assert _since(dprk, "2020-01-15") == [("2020-01-10", ["p1", "w", "x"])]
    assert _since(dprk, "2026-12-07") == [("2020-01-10", ["p1", "w", "x"])]
    plan = dprk("plan")
    assert plan.code == 0, plan.err
    assert f"Deadlock 1 since 2020-01-10: {W_X}." in plan.out
    found = _history(dprk)
    assert [(d["from"], d["until"], d["measures"], d["text"]) for d in found] == [
        ("2020-01-10", None, ["p1", "w", "x"], W_X)
    ]
    check = dprk("check", "--format", "json")
    assert check.code == 0, check.err
    assert [(p["check"], sorted(p["measures"])) for p in json.loads(check.out)["problems"]] == [
        ("deadlocks", ["p1", "w", "x"])
    ]
    assert ledger.read_bytes() == before


def test_a_circle_through_parts_ends_the_day_what_a_part_waits_for_may_act_again(dprk, tmp_path):
    """y offered again on 2020-01-20: the circle stood from 2020-01-10 until then. An order
    removed as of 2020-01-05 takes it out of the past, and the write says the days it
    stood, as `plan --as-of` showed them."""
    _through_parts(dprk)
    for args in (
        ("sequence", "p1", "--after", "x", "--demanded-by", "A", "--date", "2020-01-03"),
        ("mark", "y", "proposed", "--date", "2020-01-20"),
    ):
        given = dprk(*args)
        assert given.code == 0, (args, given.err)
    assert _since(dprk, "2020-01-19") == [("2020-01-10", ["p1", "w", "x"])]
    assert _since(dprk, "2020-01-20") == []
    found = _history(dprk)
    assert [(d["from"], d["until"], d["measures"]) for d in found] == [
        ("2020-01-10", "2020-01-20", ["p1", "w", "x"])
    ]
    removed = dprk("sequence", "p1", "--remove", "x", "--date", "2020-01-05")
    assert removed.code == 0, removed.err
    assert removed.err.splitlines()[1:] == [
        f"dprk: warning: deadlock: {W_X}; it no longer stands on any day (it stood from "
        "2020-01-10 until 2020-01-20)"
    ]
    assert _history(dprk) == []


@pytest.mark.parametrize("seed", [3, 7, 29, 41, 180])
def test_random_circles_through_parts_are_dated_as_each_day_shows_them(dprk, tmp_path, seed):
    """Random orders and statuses, dated on random days, among a measure made of two parts
    and three others: each day, each deadlock `plan --as-of` shows is dated from the first
    day of the run of days on which it showed one sharing a wait with it (day by day,
    back), and `plan --history` lists it standing that day from that day."""
    import random

    rng = random.Random(seed)
    assert dprk("init", "--party", "A", "--party", "B").code == 0
    for ident, actor, whole in (
        ("w", "A", None), ("p1", "A", "w"), ("p2", "A", "w"),
        ("x", "B", None), ("y", "B", None), ("z", "A", None),
    ):  # fmt: skip
        extra = ("--part-of", whole) if whole else ()
        made = dprk("add-measure", ident, "--actor", actor, "--id", ident, *extra,
                    "--date", "2020-01-01")  # fmt: skip
        assert made.code == 0, made.err
    ids = ["w", "p1", "p2", "x", "y", "z"]
    for _ in range(9):
        day = f"2020-01-{rng.randint(2, 14):02d}"
        if rng.random() < 0.7:
            a, b = rng.sample(ids, 2)
            args: tuple[str, ...] = ("sequence", a, "--after", b, "--demanded-by", "A")
        else:
            args = ("mark", rng.choice(["y", "z", "p2"]), rng.choice(["withdrawn", "proposed"]))
        dprk(*args, "--date", day)  # (refused or not: the ledger as it is then)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    days = [date(2020, 1, 1) + timedelta(days=k) for k in range(17)]
    shown: list[list[dict]] = []
    for day in days:
        result = dprk("plan", "--as-of", day.isoformat(), "--format", "json")
        assert result.code == 0, result.err
        shown.append(json.loads(result.out)["deadlocks"])
    history = [(d["from"], d["until"]) for d in _history(dprk)]

    def waits(d: dict) -> set[tuple[str, str]]:
        return {(w["measure"], w["after"]) for w in d["demands"]}

    for k, found in enumerate(shown):
        for d in found:
            held, first = [d], k
            while first > 0:
                now = {w for x in held for w in waits(x)}
                held = [x for x in shown[first - 1] if not now.isdisjoint(waits(x))]
                if not held:
                    break
                first -= 1
            since = days[first].isoformat()
            assert d["since"] == since, (seed, days[k], d["measures"], ledger.read_text())
            on = days[k].isoformat()
            assert any(b == since and (e is None or on < e) for b, e in history), (
                seed, on, since, history,
            )  # fmt: skip
    assert ledger.read_bytes() == before


def test_a_write_that_cuts_a_standing_deadlock_in_two_says_both_stretches(dprk, tmp_path):
    """a and b deadlocked from 2021-04-06. The order's giving again on 2022-09-01 typed
    first, then its removal on 2022-08-08: the removal's warning said only that the
    deadlock 'now stands from 2022-09-01 (it was from 2021-04-06)', not that the stretch
    from 2021-04-06 still stood, until 2022-08-08, which `plan --history` shows (typed in
    date order, the removal says that stretch). It says both."""
    deadlock = "b waits for a (agreed by all); a waits for b (agreed by all)"
    ledger = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--party", "A", "--party", "B").code == 0
    for args in (
        ("add-measure", "A", "--actor", "A", "--id", "a", "--date", "2021-01-01"),
        ("add-measure", "B", "--actor", "B", "--id", "b", "--date", "2021-01-01"),
        ("sequence", "a", "--after", "b", "--date", "2021-04-06"),
        ("sequence", "b", "--after", "a", "--date", "2021-04-06"),
        ("sequence", "a", "--after", "b", "--date", "2022-09-01"),
    ):
        given = dprk(*args)
        assert given.code == 0, (args, given.err)
    before = ledger.read_bytes()
    removed = dprk("sequence", "a", "--remove", "b", "--date", "2022-08-08")
    assert (removed.code, removed.out) == (0, "")
    assert removed.err.splitlines()[1:] == [
        f"dprk: warning: deadlock: {deadlock}; it now stands from 2022-09-01 (it was from "
        "2021-04-06) and stood from 2021-04-06 until 2022-08-08; 'dprk plan --history' "
        "shows both"
    ]
    written = ledger.read_text("utf-8")
    assert written != before.decode("utf-8")
    assert 'date = 2022-08-08\nevent = "sequence"\ndetail = "removed: after b"' in written
    found = _history(dprk)
    assert [(d["from"], d["until"], d["measures"]) for d in found] == [
        ("2021-04-06", "2022-08-08", ["a", "b"]),
        ("2022-09-01", None, ["a", "b"]),
    ]


def _parts_waiting(dprk, *, p1_waits: bool = True) -> None:
    """`_through_parts` with every order given and y still proposed: p2 can act once y
    has, and w through it, so no circle stands (and none when p1 does not wait for x)."""
    assert dprk("init", "--party", "A", "--party", "B").code == 0
    for args in (
        ("M w", "--actor", "A", "--id", "w"),
        ("M x", "--actor", "B", "--id", "x"),
        ("M y", "--actor", "B", "--id", "y"),
        ("M z", "--actor", "B", "--id", "z"),
        ("P1", "--actor", "A", "--id", "p1", "--part-of", "w"),
        ("P2", "--actor", "A", "--id", "p2", "--part-of", "w"),
    ):
        made = dprk("add-measure", *args, "--date", "2020-01-01")
        assert made.code == 0, made.err
    orders = [
        ("x", "--after", "w", "--demanded-by", "B", "--date", "2020-01-02"),
        ("p2", "--after", "y", "--demanded-by", "A", "--date", "2020-01-04"),
        ("z", "--after", "x", "--demanded-by", "B", "--date", "2020-01-05"),
    ]
    if p1_waits:
        orders.append(("p1", "--after", "x", "--demanded-by", "A", "--date", "2020-01-03"))
    for args in orders:
        given = dprk("sequence", *args)
        assert given.code == 0 and "warning" not in given.err, (args, given.err)
    assert _since(dprk, "2026-12-07") == []


def _status_of(ledger, ident: str) -> str:
    import tomllib

    found = tomllib.loads(ledger.read_text())["measures"]
    return next(m["status"] for m in found if m["id"] == ident)


def test_withdrawing_what_a_part_waits_for_warns_of_the_deadlock_it_closes(dprk, tmp_path):
    """y, which p2 alone waits for, withdrawn: w can act through p1 alone, which waits
    for x, which waits for w. The write says so, as one that gives an order does, from
    the day `plan --as-of` shows it; y offered again says it ended, on that day."""
    _parts_waiting(dprk)
    ledger = tmp_path / "dprk-ledger.toml"
    withdrawn = dprk("mark", "y", "withdrawn", "--date", "2020-01-10")
    assert withdrawn.code == 0, withdrawn.err
    assert withdrawn.err.splitlines()[1:] == [
        f"dprk: warning: deadlock: {W_X}; it stands from 2020-01-10; 'dprk plan' shows it"
    ]
    assert _status_of(ledger, "y") == "withdrawn"
    assert _since(dprk, "2020-01-09") == []
    assert _since(dprk, "2020-01-10") == [("2020-01-10", ["p1", "w", "x"])]
    assert _since(dprk, "2026-12-07") == [("2020-01-10", ["p1", "w", "x"])]

    offered = dprk("mark", "y", "proposed", "--date", "2020-01-20")
    assert offered.code == 0, offered.err
    assert offered.err.splitlines()[1:] == [
        f"dprk: warning: deadlock on 2020-01-10: {W_X}; it no longer stands ('dprk plan "
        "--as-of 2020-01-10' shows it then)"
    ]
    assert _status_of(ledger, "y") == "proposed"
    assert _since(dprk, "2020-01-19") == [("2020-01-10", ["p1", "w", "x"])]
    assert _since(dprk, "2020-01-20") == []
    assert [(d["from"], d["until"], d["measures"]) for d in _history(dprk)] == [
        ("2020-01-10", "2020-01-20", ["p1", "w", "x"])
    ]


def test_rejecting_what_a_part_waits_for_warns_today(dprk, tmp_path):
    """Rejected today, as withdrawn: the deadlock stands from today, and `plan` says so."""
    _parts_waiting(dprk)
    rejected = dprk("mark", "y", "rejected")
    assert rejected.code == 0, rejected.err
    day = date.today().isoformat()  # (the day it is run: a change given no --date)
    assert rejected.err.splitlines()[1:] == [
        f"dprk: warning: deadlock: {W_X}; it stands from {day}; 'dprk plan' shows it"
    ]
    plan = dprk("plan")
    assert f"Deadlock 1 since {day}: {W_X}." in plan.out


@pytest.mark.parametrize("p1_waits", [True, False])
def test_a_withdraw_that_closes_no_circle_says_nothing(dprk, tmp_path, p1_waits):
    """z, which nothing waits for, withdrawn; or y, when p1 does not wait for x: w can
    still act through p1, so no circle closes, and nothing is said."""
    _parts_waiting(dprk, p1_waits=p1_waits)
    ledger = tmp_path / "dprk-ledger.toml"
    ident = "z" if p1_waits else "y"
    withdrawn = dprk("mark", ident, "withdrawn", "--date", "2020-01-10")
    assert withdrawn.code == 0, withdrawn.err
    assert withdrawn.err.splitlines()[1:] == []
    assert _status_of(ledger, ident) == "withdrawn"
    assert _since(dprk, "2026-12-07") == []
    offered = dprk("mark", ident, "proposed", "--date", "2020-01-20")
    assert offered.code == 0 and offered.err.splitlines()[1:] == [], offered.err


def test_reversing_what_a_part_waits_for_through_another_warns(dprk, tmp_path):
    """p2 waits for v, which waits for y: y reversed once carried out, v can never act,
    nor p2, and w acts through p1 alone; y carried out again breaks the circle."""
    assert dprk("init", "--party", "A", "--party", "B").code == 0
    for args in (
        ("M w", "--actor", "A", "--id", "w"),
        ("M v", "--actor", "B", "--id", "v"),
        ("M x", "--actor", "B", "--id", "x"),
        ("M y", "--actor", "B", "--id", "y"),
        ("P1", "--actor", "A", "--id", "p1", "--part-of", "w"),
        ("P2", "--actor", "A", "--id", "p2", "--part-of", "w"),
    ):
        assert dprk("add-measure", *args, "--date", "2020-01-01").code == 0
    for args in (
        ("x", "--after", "w", "--demanded-by", "B", "--date", "2020-01-02"),
        ("p1", "--after", "x", "--demanded-by", "A", "--date", "2020-01-03"),
        ("p2", "--after", "v", "--demanded-by", "A", "--date", "2020-01-04"),
        ("v", "--after", "y", "--demanded-by", "B", "--date", "2020-01-04"),
    ):
        given = dprk("sequence", *args)
        assert given.code == 0 and "warning" not in given.err, (args, given.err)
    implemented = dprk("mark", "y", "implemented", "--date", "2020-01-05")
    assert implemented.code == 0 and implemented.err.splitlines()[1:] == [], implemented.err
    ledger = tmp_path / "dprk-ledger.toml"
    reversed_ = dprk("mark", "y", "reversed", "--date", "2020-01-10")
    assert reversed_.code == 0, reversed_.err
    assert reversed_.err.splitlines()[1:] == [
        f"dprk: warning: deadlock: {W_X}; it stands from 2020-01-10; 'dprk plan' shows it"
    ]
    assert _status_of(ledger, "y") == "reversed"
    assert _since(dprk, "2020-01-10") == [("2020-01-10", ["p1", "w", "x"])]
    again = dprk("mark", "y", "implemented", "--date", "2020-01-20")
    assert again.code == 0, again.err
    assert again.err.splitlines()[1:] == [
        f"dprk: warning: deadlock on 2020-01-10: {W_X}; it no longer stands ('dprk plan "
        "--as-of 2020-01-10' shows it then)"
    ]
    assert _since(dprk, "2020-01-20") == []


def _amnesty_and_truth(dprk) -> None:
    """Amnesty and truth, each ordered after the other on 2018-04-09: a deadlock standing
    from that day."""
    assert dprk("init", "--party", "Gov", "--party", "FARC").code == 0
    for args in (
        ("add-measure", "Truth", "--actor", "FARC", "--id", "truth", "--date", "2018-03-15",
         "--status", "agreed"),
        ("add-measure", "Amnesty", "--actor", "Gov", "--id", "amnesty", "--date", "2016-12-01",
         "--status", "agreed", "--in-exchange-for", "truth"),
        ("sequence", "amnesty", "--after", "truth", "--demanded-by", "Gov", "--date",
         "2018-04-09"),
        ("sequence", "truth", "--after", "amnesty", "--demanded-by", "FARC", "--date",
         "2018-04-09"),
    ):  # fmt: skip
        given = dprk(*args)
        assert given.code == 0, (args, given.err)


TRUTH_AMNESTY = (
    "truth waits for amnesty (demanded by FARC); amnesty waits for truth (demanded by Gov)"
)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        # (acted before either order: the deadlock never stood)
        (
            ("mark", "amnesty", "implemented", "--date", "2016-12-30"),
            "amnesty: implemented on 2016-12-30\n"
            f"dprk: warning: deadlock: {TRUTH_AMNESTY}; with this change it never stood (it "
            "was recorded as standing from 2018-04-09)\n",
        ),
        # (acted after it began: it stood until then, and is cut short)
        (
            ("mark", "amnesty", "implemented", "--date", "2019-01-01"),
            "amnesty: implemented on 2019-01-01\n"
            f"dprk: warning: deadlock on 2018-04-09: {TRUTH_AMNESTY}; it no longer stands "
            "('dprk plan --as-of 2018-04-09' shows it then)\n",
        ),
    ],
)
def test_a_mark_dated_before_a_deadlock_began_says_it_never_stood(dprk, tmp_path, args, said):
    """Amnesty carried out before either order was given: the deadlock, standing before
    the mark, stands on no day after it, where the warning said it no longer stood (it
    stood from 2018-04-09), as if it had ended with the mark. The write compares the
    deadlock's days before and after it."""
    _amnesty_and_truth(dprk)
    result = dprk(*args)
    assert result.code == 0, result.err
    # (a mark after the order's day warns too that it acted out of the order)
    assert result.err.split("dprk: warning: amnesty: acted on")[0] == said
    history = json.loads(dprk("plan", "--history", "--format", "json").out)["deadlocks"]
    assert [d["from"] for d in history] == ([] if "never" in said else ["2018-04-09"])


def test_a_dropped_order_takes_a_standing_deadlock_out_of_the_record(dprk, tmp_path):
    """A drop of the entry of one of the orders (given by mistake) leaves the deadlock
    standing on no day: said as never standing with the change, not as ended."""
    _amnesty_and_truth(dprk)
    log = json.loads(dprk("log", "truth", "--format", "json").out)
    n = next(e["n"] for e in log if e["event"] == "sequence")
    result = dprk("drop-entry", "truth", str(n))
    assert result.code == 0, result.err
    assert result.err.endswith(
        f"dprk: warning: deadlock: {TRUTH_AMNESTY}; with this change it never stood (it was "
        "recorded as standing from 2018-04-09)\n"
    )
    assert json.loads(dprk("plan", "--history", "--format", "json").out)["deadlocks"] == []


def _libya(dprk) -> None:
    """Removal (made of designs and uf6) and relief, each ordered after the other on
    2003-12-19; designs carried out and verified on 2004-01-26, relief carried out on
    2004-02-26."""
    assert dprk("init", "--party", "Libya", "--party", "US").code == 0
    for args in (
        ("add-measure", "Removal", "--actor", "Libya", "--id", "removal"),
        ("add-measure", "Designs", "--actor", "Libya", "--id", "designs", "--part-of",
         "removal"),
        ("add-measure", "UF6", "--actor", "Libya", "--id", "uf6", "--part-of", "removal"),
        ("add-measure", "Relief", "--actor", "US", "--id", "relief", "--in-exchange-for",
         "removal"),
        ("sequence", "relief", "--after", "removal", "--demanded-by", "US"),
        ("sequence", "removal", "--after", "relief", "--demanded-by", "Libya"),
    ):  # fmt: skip
        given = dprk(*args, "--date", "2003-12-19")
        assert given.code == 0, (args, given.err)
    for args in (
        ("mark", "designs", "implemented", "--date", "2004-01-26"),
        ("verify", "designs", "--by", "IAEA", "--date", "2004-01-26"),
        ("mark", "relief", "implemented", "--date", "2004-02-26"),
    ):
        given = dprk(*args)
        assert given.code == 0, (args, given.err)


def _words_on(dprk, day: str) -> str:
    """The words `plan --as-of DAY` says its one deadlock in."""
    plan = dprk("plan", "--as-of", day)
    assert plan.code == 0, plan.err
    return plan.out.split(f"Deadlock 1 since {day}: ")[1].split(". They are")[0]


def test_a_run_lengthened_on_past_days_is_said_in_the_words_of_the_day_it_names(dprk, tmp_path):
    """The order that relief wait for removal given again on 2004-01-15, removal to be
    verified: the deadlock of 2003-12-19 goes on past 2004-01-26 (designs acted, not
    verified), up to relief carried out. The write dated it 2003-12-19 but said it as it
    stood from 2004-01-26 (removal acting through uf6 alone, the order to be verified,
    given a month later): it says it as `plan --as-of 2003-12-19` does."""
    _libya(dprk)
    ledger = tmp_path / "dprk-ledger.toml"
    then = _words_on(dprk, "2003-12-19")
    assert then == (
        "relief waits for removal (demanded by US); removal waits for relief (demanded by "
        "Libya); removal acts through its parts designs and uf6"
    )
    before = ledger.read_bytes()
    given = dprk(
        "sequence", "relief", "--after", "removal", "--require", "verified",
        "--demanded-by", "US", "--date", "2004-01-15",
    )  # fmt: skip
    assert given.code == 0, given.err
    assert ledger.read_bytes() != before
    assert given.out == ""
    assert given.err.splitlines()[1] == (
        f"dprk: warning: deadlock on 2003-12-19: {then}; it now ended on 2004-02-26 (it "
        "ended on 2004-01-26; 'dprk plan --as-of 2003-12-19' shows it then)"
    )
    assert _words_on(dprk, "2003-12-19") == then
    history = json.loads(dprk("plan", "--history", "--format", "json").out)["deadlocks"]
    assert [(d["from"], d["until"]) for d in history] == [("2003-12-19", "2004-02-26")]


# --- the report's section ---------------------------------------------------------------

PRETORIA = (
    "ddr waits for amhara (demanded by TPLF)",
    "amhara waits for ddr (demanded by Ethiopia)",
)


@pytest.fixture
def pretoria(dprk, tmp_path):
    """Two measures exchanged for each other, each side demanding the other's first from
    2022-11-12, until ddr was carried out (in part) on 2023-07-15."""
    assert dprk("init", "--party", "Ethiopia", "--party", "TPLF").code == 0
    agreed = ["--status", "agreed", "--date", "2022-11-02"]
    for args in (
        ("add-measure", "Amhara forces withdraw", "--actor", "Ethiopia", "--id", "amhara", *agreed),
        ("add-measure", "DDR", "--actor", "TPLF", "--id", "ddr", *agreed,
         "--in-exchange-for", "amhara"),
        ("sequence", "ddr", "--after", "amhara", "--demanded-by", "TPLF", "--date", "2022-11-12"),
        ("sequence", "amhara", "--after", "ddr", "--demanded-by", "Ethiopia",
         "--date", "2022-11-12"),
        ("mark", "ddr", "implemented", "--extent", "minimal", "--date", "2023-07-15"),
    ):  # fmt: skip
        given = dprk(*args)
        assert given.code == 0, (args, given.err)
    return tmp_path / "dprk-ledger.toml"


def _history_rows(page: str) -> list[tuple[str, ...]]:
    """The rows of the report's "Deadlocks over time" table: number, from, until, days
    and measures as read (no markup), and each demand's words."""
    assert page.count('<h2 id="deadlock-history">Deadlocks over time</h2>') == 1
    table = page.split('<table class="history">')[1].split("</table>")[0]
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1]):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
        shown = [re.sub(r"<[^>]+>", "", cell) for cell in cells[:5]]
        rows.append((*shown, *re.findall(r"<li>(.*?)</li>", cells[5])))
    return rows


def _report(dprk, tmp_path, *args: str) -> str:
    result = dprk("report", "--output", "r.html", *args)
    assert (result.code, result.out, result.err) == (0, "", "wrote r.html\n")
    return (tmp_path / "r.html").read_text(encoding="utf-8")


def test_the_report_lists_the_deadlocks_the_history_held(dprk, pretoria, tmp_path):
    """A one-year review's page showed no deadlock at all: the one that held the talks for
    eight months had ended before the page's day, and the page showed only one standing
    then. It lists every deadlock the history held up to its day, as `plan --history`
    does: the days it began and ended (or that it stands), who demanded what."""
    before = pretoria.read_bytes()
    page = _report(dprk, tmp_path, "--as-of", "2023-11-02")
    assert _history_rows(page) == [
        ("1", "2022-11-12", "2023-07-15", "245", "amhara, ddr", *PRETORIA)
    ]
    assert "Deadlock: " not in page  # (none stands on the page's day)
    # (the command that lists them, of the page's day)
    assert "<span>--history</span> <span>--as-of</span> <span>2023-11-02</span>" in page
    said = dprk("plan", "--history", "--as-of", "2023-11-02").out
    assert f"from 2022-11-12 until 2023-07-15 (245 days): {'; '.join(PRETORIA)}." in said
    # on a day it stood: standing, its days counted to the page's day
    page = _report(dprk, tmp_path, "--as-of", "2023-01-01")
    assert _history_rows(page) == [("1", "2022-11-12", "standing", "50", "amhara, ddr", *PRETORIA)]
    assert "<h2>Deadlock: amhara, ddr</h2>" in page
    assert pretoria.read_bytes() == before


def test_the_report_has_no_history_section_before_any_deadlock(dprk, pretoria, tmp_path):
    page = _report(dprk, tmp_path, "--as-of", "2022-11-11")
    assert "Deadlocks over time" not in page and 'id="deadlock-history"' not in page
    assert "Phase 1" in page  # (the rest of the page is there)


def test_the_report_of_a_ledger_never_deadlocked_has_no_history_section(dprk, empty, tmp_path):
    assert dprk("add-measure", "A", "--actor", "US", "--id", "a").code == 0
    page = _report(dprk, tmp_path)
    assert "Deadlocks over time" not in page and "deadlock-history" not in page


def test_a_what_if_report_ends_or_begins_a_deadlock_on_its_day(dprk, pretoria, tmp_path):
    """Under --assume the page's history is the record's up to its day, and the day itself
    as if the assumption held: a deadlock it dissolves ends that day, one it makes begins
    then; the section says which days are hypothetical."""
    before = pretoria.read_bytes()
    dissolved = _report(dprk, tmp_path, "--as-of", "2023-01-01", "--assume", "amhara=implemented")
    assert _history_rows(dissolved) == [
        ("1", "2022-11-12", "2023-01-01", "50", "amhara, ddr", *PRETORIA)
    ]
    assert (
        "The days before 2023-01-01 as they were; 2023-01-01 hypothetical: as if "
        "amhara=implemented." in dissolved
    )
    # ddr offered again, undone: the circle stands again, from the page's day
    made = _report(dprk, tmp_path, "--as-of", "2023-11-02", "--assume", "ddr=agreed")
    assert _history_rows(made) == [
        ("1", "2022-11-12", "2023-07-15", "245", "amhara, ddr", *PRETORIA),
        ("2", "2023-11-02", "standing", "0", "amhara, ddr", *PRETORIA),
    ]
    assert "<h2>Deadlock: amhara, ddr</h2>" in made
    # an assumption that makes or ends no deadlock: the history as recorded
    same = _report(dprk, tmp_path, "--as-of", "2023-11-02", "--assume", "amhara=implemented")
    assert _history_rows(same) == [
        ("1", "2022-11-12", "2023-07-15", "245", "amhara, ddr", *PRETORIA)
    ]
    assert pretoria.read_bytes() == before


def test_a_standing_deadlock_s_days_so_far_are_the_same_in_the_plan_and_the_report(dprk, tmp_path):
    """The report's "Deadlocks over time", which says it gives what `plan --history`
    gives, counted 405 days for a deadlock standing on the page's day, where `plan
    --history` left `days` empty. Both count the days it has stood so far, to the day
    viewed: the table, JSON and CSV of the plan, and the page."""
    for args in (
        ("init", "--title", "INF", "--party", "US", "--party", "USSR"),
        ("add-measure", "a", "--actor", "US", "--id", "a", "--date", "1983-01-01"),
        ("add-measure", "b", "--actor", "USSR", "--id", "b", "--date", "1983-01-01"),
        ("sequence", "a", "--after", "b", "--demanded-by", "US", "--date", "1983-01-01"),
        ("sequence", "b", "--after", "a", "--demanded-by", "USSR", "--date", "1983-11-23"),
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    ledger = (tmp_path / "dprk-ledger.toml").read_bytes()
    table = dprk("plan", "--history", "--as-of", "1985-01-01")
    assert (table.code, table.err) == (0, "")
    assert "\n1  1983-11-23  standing   405  a, b\n" in table.out
    doc = json.loads(dprk("plan", "--history", "--as-of", "1985-01-01", "-f", "json").out)
    assert [(d["until"], d["days"]) for d in doc["deadlocks"]] == [(None, 405)]
    rows = list(csv.DictReader(io.StringIO(
        dprk("plan", "--history", "--as-of", "1985-01-01", "-f", "csv").out)))  # fmt: skip
    assert [(r["until"], r["days"]) for r in rows] == [("", "405")]
    page = dprk("report", "--as-of", "1985-01-01", "--output", "-")
    assert page.code == 0, page.err
    assert [row[:4] for row in _history_rows(page.out)] == [("1", "1983-11-23", "standing", "405")]
    assert (tmp_path / "dprk-ledger.toml").read_bytes() == ledger
