"""An order given on a measure carried out in part holds its rest, through the real entry
point: `sequence` says so, `next`, `plan` and their past days hold the rest, `check` and a
write judge a later step taken before the order was met, and two rests can deadlock."""

from __future__ import annotations

import json
import tomllib


def _bangsamoro(dprk) -> None:
    """The MILF would not finish phase 4 of decommissioning until the socio-economic
    packages were delivered in full; both had begun, each in part."""
    assert dprk("init", "--party", "GPH", "--party", "MILF").code == 0
    for args in (
        ("Socio-economic packages", "--actor", "GPH", "--id", "socioeco", "--date", "2020-03-01"),
        ("Decommissioning phase 4", "--actor", "MILF", "--id", "decom-4", "--date", "2024-06-01"),
    ):
        added = dprk("add-measure", *args, "--status", "implemented", "--extent", "minimal")
        assert added.code == 0, added.err


def test_an_order_on_a_measure_done_in_part_holds_its_rest(dprk, tmp_path):
    _bangsamoro(dprk)
    result = dprk(
        "sequence", "decom-4", "--after", "socioeco", "--require", "full",
        "--demanded-by", "MILF", "--date", "2025-01-15",
    )  # fmt: skip
    assert (result.code, result.out, result.err) == (
        0,
        "",
        "decom-4: after socioeco (in full), demanded by MILF (decom-4 acted on 2024-06-01, "
        "in part, before this order: it holds the rest of decom-4 (done: minimal))\n",
    )
    ledger = (tmp_path / "dprk-ledger.toml").read_text()
    assert 'after = "socioeco", require = "full", demanded_by = "MILF"' in ledger
    # the rest of decom-4 waits for socioeco in full; socioeco's rest can go ahead
    assert dprk("next", "--format", "ids").out.split() == ["socioeco"]
    shown = dprk("next")
    assert shown.code == 0
    assert "decom-4  MILF   the rest (done: minimal)  socioeco (in full; demanded by MILF)" in (
        shown.out
    )
    document = json.loads(dprk("next", "--format", "json").out)
    assert [r["id"] for r in document["ready"]] == ["socioeco"]
    [held] = document["blocked"]
    assert (held["id"], held["waiting_for"], held["deadlocked"]) == ("decom-4", ["socioeco"], False)
    assert list(held)[-5:-2] == ["in_part", "extent", "reversed_on"]
    assert (held["in_part"], held["extent"]) == (True, "minimal")
    # the plan puts the rest of decom-4 after the rest of socioeco
    plan = json.loads(dprk("plan", "--format", "json").out)
    assert [(p["phase"], p["measures"], p["rest"]) for p in plan["phases"]] == [
        (1, [], [{"id": "socioeco", "extent": "minimal"}]),
        (2, [], [{"id": "decom-4", "extent": "minimal"}]),
    ]
    assert (plan["deadlocks"], plan["blocked"]) == ([], [])
    # before the order, nothing held it
    assert dprk("next", "--as-of", "2025-01-14", "--format", "ids").out.split() == [
        "decom-4",
        "socioeco",
    ]
    # socioeco done in full: the order is met, and the rest goes ahead
    done = dprk("mark", "socioeco", "implemented", "--extent", "full", "--date", "2025-03-01")
    assert done.code == 0, done.err
    assert dprk("next", "--format", "ids").out.split() == ["decom-4"]
    assert dprk("next", "--as-of", "2025-02-01", "--format", "ids").out.split() == ["socioeco"]


def test_a_later_step_taken_before_the_order_is_met_is_out_of_order(dprk, tmp_path):
    _bangsamoro(dprk)
    assert dprk(
        "sequence", "decom-4", "--after", "socioeco", "--require", "full",
        "--demanded-by", "MILF", "--date", "2025-01-15",
    ).code == 0  # fmt: skip
    path = tmp_path / "dprk-ledger.toml"
    step = dprk(
        "mark", "decom-4", "implemented", "--extent", "intermediate", "--date", "2025-02-01"
    )
    said = (
        "decom-4: went on to intermediate on 2025-02-01 (the rest of what it began) although "
        "'socioeco', which it was to follow, demanded by MILF, has not been done in full; no "
        "fix needed if that is what happened; if the order was entered by mistake: "
        "'dprk drop-entry decom-4 2'"
    )
    assert (step.code, step.err.splitlines()[-1]) == (0, f"dprk: warning: {said}")
    assert 'extent = "intermediate"' in path.read_text()
    check = dprk("check")
    assert (check.code, check.out.splitlines()) == (
        0,
        [f"warning: {said} [acted-out-of-order]", "0 errors, 1 warning"],
    )
    # the step to intermediate stands; the rest from there still waits
    assert "the rest (done: intermediate)" in dprk("next").out
    assert dprk("next", "--format", "ids").out.split() == ["socioeco"]


def test_an_order_on_a_measure_done_in_full_still_holds_nothing(dprk):
    _bangsamoro(dprk)
    assert (
        dprk("mark", "decom-4", "implemented", "--extent", "full", "--date", "2024-07-01").code == 0
    )
    result = dprk("sequence", "decom-4", "--after", "socioeco", "--require", "full",
                  "--date", "2025-01-15")  # fmt: skip
    assert result.err == (
        "decom-4: after socioeco (in full) (decom-4 acted on 2024-06-01, before this order: an "
        "order holds a measure until it acts, so this one holds nothing of decom-4 unless that "
        "action is undone)\n"
    )
    assert dprk("next", "--format", "ids").out.split() == ["socioeco"]
    assert dprk("check").code == 0


def test_two_rests_each_waiting_for_the_other_in_full_are_a_deadlock(dprk, tmp_path):
    _bangsamoro(dprk)
    assert dprk(
        "sequence", "decom-4", "--after", "socioeco", "--require", "full",
        "--demanded-by", "MILF", "--date", "2025-01-15",
    ).code == 0  # fmt: skip
    path = tmp_path / "dprk-ledger.toml"
    closed = dprk(
        "sequence", "socioeco", "--after", "decom-4", "--require", "full",
        "--demanded-by", "GPH", "--date", "2025-02-01",
    )  # fmt: skip
    assert closed.code == 0, closed.err
    assert "dprk: warning: deadlock: " in closed.err
    assert "socioeco waits for decom-4 to be done in full (demanded by GPH)" in closed.err
    assert path.read_text().count('require = "full"') == 2
    plan = json.loads(dprk("plan", "--format", "json").out)
    [deadlock] = plan["deadlocks"]
    assert deadlock["measures"] == ["decom-4", "socioeco"]
    assert [p["rest"] for p in plan["phases"]] == []
    shown = dprk("next", "--format", "json")
    blocked = json.loads(shown.out)["blocked"]
    assert [(r["id"], r["deadlocked"], r["in_part"]) for r in blocked] == [
        ("decom-4", True, True),
        ("socioeco", True, True),
    ]
    assert dprk("next", "--format", "ids").out.split() == []
    assert "deadlocked" in dprk("status").out
    check = dprk("check")
    assert "deadlock" in check.out
    # a day before the second order, no deadlock
    past = json.loads(dprk("plan", "--as-of", "2025-01-20", "--format", "json").out)
    assert past["deadlocks"] == []


def test_plan_history_dates_a_deadlock_of_two_rests_and_its_end(dprk, tmp_path):
    _bangsamoro(dprk)
    for ident, other, party, day in (
        ("decom-4", "socioeco", "MILF", "2025-01-15"),
        ("socioeco", "decom-4", "GPH", "2025-02-01"),
    ):
        assert dprk(
            "sequence", ident, "--after", other, "--require", "full", "--demanded-by", party,
            "--date", day,
        ).code == 0  # fmt: skip
    history = json.loads(dprk("plan", "--history", "--format", "json").out)["deadlocks"]
    assert [(d["from"], d["until"], d["measures"]) for d in history] == [
        ("2025-02-01", None, ["decom-4", "socioeco"])
    ]
    # decom-4 done in full anyway: the deadlock ends that day, the step out of order
    done = dprk("mark", "decom-4", "implemented", "--extent", "full", "--date", "2025-04-01")
    assert done.code == 0, done.err
    assert "dprk: warning: deadlock on 2025-02-01: " in done.err
    stored = tomllib.loads((tmp_path / "dprk-ledger.toml").read_text())["measures"]
    # (an extent in full is the default, left out of the file)
    assert [(m["id"], m.get("extent", "full")) for m in stored] == [
        ("decom-4", "full"),
        ("socioeco", "minimal"),
    ]
    history = json.loads(dprk("plan", "--history", "--format", "json").out)["deadlocks"]
    assert [(d["from"], d["until"], d["days"]) for d in history] == [
        ("2025-02-01", "2025-04-01", 59)
    ]
    assert dprk("next", "--format", "ids").out.split() == ["socioeco"]
    assert "went on to full on 2025-04-01 (the rest of what it began)" in dprk("check").out


def test_status_read_after_the_write_that_closed_a_deadlock_of_rests_flags_it(dprk):
    """The first `status` after a write brings the counts it kept up to date from what
    changed: the two measures done in part, no longer pending, are flagged deadlocked as
    a read of everything anew flags them."""
    _bangsamoro(dprk)
    assert dprk(
        "sequence", "decom-4", "--after", "socioeco", "--require", "full",
        "--demanded-by", "MILF", "--date", "2025-01-15",
    ).code == 0  # fmt: skip
    assert "deadlocked" not in dprk("status").out  # (kept for the write to bring up)
    assert dprk(
        "sequence", "socioeco", "--after", "decom-4", "--require", "full",
        "--demanded-by", "GPH", "--date", "2025-02-01",
    ).code == 0  # fmt: skip
    shown = dprk("status")
    assert shown.code == 0
    assert "deadlocked: decom-4, socioeco ('dprk plan' shows who demands what)" in shown.out


def test_plan_says_a_rest_it_cannot_place_is_the_rest(dprk, tmp_path):
    """The rest of decom-4 waits besides for an amnesty since withdrawn: no plan places it,
    and its blocked row says it is the rest, in every format."""
    _bangsamoro(dprk)
    assert dprk("add-measure", "Amnesty", "--actor", "GPH", "--id", "amnesty", "--status",
                "agreed", "--date", "2020-01-01").code == 0  # fmt: skip
    for args in (
        ("sequence", "decom-4", "--after", "amnesty", "--date", "2025-01-20"),
        ("mark", "amnesty", "withdrawn", "--date", "2025-02-01"),
    ):
        done = dprk(*args)
        assert done.code == 0, done.err
    before = (tmp_path / "dprk-ledger.toml").read_bytes()
    table = dprk("plan")
    assert table.code == 0
    assert (
        "Blocked (not planned)\n"
        "id       actor  left                      waits for\n"
        "decom-4  MILF   the rest (done: minimal)  amnesty (withdrawn)\n"
    ) in table.out
    [blocked] = json.loads(dprk("plan", "--format", "json").out)["blocked"]
    assert (blocked["id"], blocked["waiting_for"]) == ("decom-4", ["amnesty"])
    assert list(blocked)[-5:-2] == ["in_part", "extent", "reversed_on"]
    assert (blocked["in_part"], blocked["extent"]) == (True, "minimal")
    rows = dprk("plan", "--format", "csv").out.splitlines()
    assert rows[-1] == (
        ",blocked,decom-4,MILF,Decommissioning phase 4,"
        "the rest (done: minimal): waits for amnesty (withdrawn),,,,false"
    )
    assert (tmp_path / "dprk-ledger.toml").read_bytes() == before
