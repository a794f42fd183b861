"""Sequencing looks through parts: a measure made of parts acts through them, so it is
no step of its own; a constraint on it holds each of its parts; it has acted once one
part has, and is verified once every part is. `next`, `plan`, `status`, `check` and
the warning of `sequence` say so alike."""

from __future__ import annotations

import io
import json
import re
import shutil
from csv import DictReader

import pytest

from dprk_cli.clock import today


def _add(
    dprk, *idents: str, part_of: str | None = None, actor: str = "DPRK", day: str = "2020-01-01"
) -> None:
    for ident in idents:
        extra = ["--part-of", part_of] if part_of else []
        result = dprk("add-measure", ident, "--actor", actor, "--id", ident,
                      "--date", day, *extra)  # fmt: skip
        assert result.code == 0, result.err


def _seq(dprk, *args: str) -> None:
    result = dprk("sequence", *args, "--date", "2020-01-02")
    assert result.code == 0, result.err


def _next(dprk) -> dict:
    result = dprk("next", "--format", "json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def _plan(dprk) -> dict:
    result = dprk("plan", "--format", "json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def _flags(dprk) -> dict[str, str]:
    """Each pending measure's state, as `status` tells it: ready, blocked, deadlocked (a
    measure made of parts is neither ready nor blocked, and flagged deadlocked as `plan`
    names it)."""
    states = {}
    for state in ("ready", "blocked"):
        result = dprk("status", f"--{state}", "--format", "ids")
        assert result.code == 0, result.err
        states.update(dict.fromkeys(result.out.split(), state))
    result = dprk("status", "--format", "json")
    for m in json.loads(result.out)["measures"]:
        if m["deadlocked"]:
            assert states.get(m["id"], "blocked") == "blocked"
            states[m["id"]] = "deadlocked"
    return states


def _ready(dprk) -> list[str]:
    return [r["id"] for r in _next(dprk)["ready"]]


def test_a_deadlock_through_a_measure_made_of_parts_is_found(dprk, empty):
    """x waits for w, w's parts both wait for y, and y waits for x: no one can go
    first. It used to say that w could go ahead (though only its parts can act)."""
    _add(dprk, "w", "y", "x")
    _add(dprk, "w1", "w2", part_of="w")
    _seq(dprk, "w1", "w2", "--after", "y")
    _seq(dprk, "x", "--after", "w")
    before = empty.read_bytes()
    closing = dprk("sequence", "y", "--after", "x", "--date", "2020-01-02")
    assert closing.code == 0
    assert "deadlock: " in closing.err and "w acts through its parts w1 and w2" in closing.err
    assert empty.read_bytes() != before

    assert _ready(dprk) == []
    plan = _plan(dprk)
    assert plan["phases"] == []
    [deadlock] = plan["deadlocks"]
    assert deadlock["measures"] == ["w", "w1", "w2", "x", "y"]
    assert deadlock["parts"] == [["w", "w1", "w2"]]
    assert deadlock["suggestions"] == []
    assert {(d["measure"], d["after"]) for d in deadlock["demands"]} == {
        ("x", "w"),
        ("y", "x"),
        ("w1", "y"),
        ("w2", "y"),
    }
    assert set(_flags(dprk).values()) == {"deadlocked"}

    check = dprk("check")
    assert check.code == 0
    assert "deadlock: x waits for w" in check.out
    assert "w acts through its parts w1 and w2" in check.out
    assert dprk("check", "--strict").code == 1


def test_one_part_free_to_act_leaves_no_deadlock(dprk, empty):
    """w acts as soon as one of its parts does: w2, which waits for nothing, lets x and
    then y go, and w1 after y. The circle through w1 is no deadlock."""
    _add(dprk, "w", "y", "x")
    _add(dprk, "w1", "w2", part_of="w")
    _seq(dprk, "w1", "--after", "y")
    _seq(dprk, "x", "--after", "w")
    _seq(dprk, "y", "--after", "x")
    assert _ready(dprk) == ["w2"]
    plan = _plan(dprk)
    assert plan["deadlocks"] == [] and plan["blocked"] == []
    assert [(p["phase"], p["measures"]) for p in plan["phases"]] == [
        (1, ["w2"]),
        (2, ["x"]),
        (3, ["y"]),
        (4, ["w1"]),
    ]
    flags = _flags(dprk)
    assert (flags["w2"], flags["w1"], flags["x"]) == ("ready", "blocked", "blocked")
    assert "w" not in flags  # (its parts are ready or blocked)
    assert "deadlock" not in dprk("check").out


def test_a_constraint_on_a_measure_made_of_parts_holds_each_part(dprk, empty):
    _add(dprk, "w", "y")
    _add(dprk, "w1", "w2", part_of="w")
    _seq(dprk, "w", "--after", "y", "--demanded-by", "US")
    steps = _next(dprk)
    assert [r["id"] for r in steps["ready"]] == ["y"]
    blocked = {r["id"]: r for r in steps["blocked"]}
    assert sorted(blocked) == ["w1", "w2"]  # the measure made of parts is not a step
    assert blocked["w1"]["waiting_for"] == ["y"]
    assert blocked["w1"]["demanded_by"] == ["US"]
    assert blocked["w1"]["waits"] == [
        {
            "measure": "w",
            "after": "y",
            "require": "acted",
            "demanded_by": "US",
            "verified_by": None,
            "via": None,
        }
    ]
    table = dprk("next").out
    assert "y (demanded by US) [via w]" in table
    assert [(p["phase"], p["measures"]) for p in _plan(dprk)["phases"]] == [
        (1, ["y"]),
        (2, ["w1", "w2"]),
    ]
    assert _flags(dprk) == {"w1": "blocked", "w2": "blocked", "y": "ready"}
    ids = dprk("next", "--format", "ids")
    assert ids.out.split() == ["y"]
    # 'show' of a part said 'order -', as if nothing held it: it names its whole's orders
    lines = dprk("show", "w1").lines
    order = next(i for i, line in enumerate(lines) if line.startswith("order "))
    assert lines[order + 1].split(None, 4)[-1] == "w: after y, demanded by US"
    assert lines[order + 1].startswith("held by its whole ")
    assert not any(line.startswith("held by") for line in dprk("show", "w").lines)


def test_a_part_that_acts_before_its_whole_may_is_warned_of(dprk, empty):
    _add(dprk, "w", "y")
    _add(dprk, "w1", "w2", part_of="w")
    _seq(dprk, "w", "--after", "y")
    assert dprk("mark", "w1", "implemented", "--date", "2020-03-01").code == 0
    check = dprk("check")
    assert check.code == 0
    assert (
        "warning: w1: acted on 2020-03-01 although 'y', which it was to follow as part of "
        "'w', has not acted" in check.out
    )
    assert dprk("mark", "y", "implemented", "--date", "2020-04-01").code == 0
    check = dprk("check", "--format", "json")
    [problem] = json.loads(check.out)["problems"]
    assert problem["measure"] == "w1" and problem["check"] == "acted-out-of-order"
    assert (
        "before 'y' acted on 2020-04-01 (it was to follow it as part of 'w')"
        in (problem["message"])
    )
    # y redated to before w1: nothing to warn of.
    assert dprk("redate", "y", "2", "2020-02-01").code == 0
    assert json.loads(dprk("check", "--format", "json").out)["problems"] == []


def _mark(dprk, ident: str, status: str, day: str) -> None:
    result = dprk("mark", ident, status, "--date", day)
    assert result.code == 0, result.err


def test_what_followed_a_measure_made_of_parts_in_order_stays_in_order(dprk, empty):
    """x waits for w to act, z for w to be verified; w's parts acted and were verified
    before x and z acted. Each part reversed years later leaves w reversed: x and z
    still followed it in order, and check says nothing (it warned of both)."""
    _add(dprk, "w")
    _add(dprk, "w1", "w2", part_of="w")
    _add(dprk, "x", "z", actor="US")
    _seq(dprk, "x", "--after", "w")
    _seq(dprk, "z", "--after", "w", "--require", "verified")
    for part, found in (("w1", "2020-03-02"), ("w2", "2020-03-03")):
        _mark(dprk, part, "implemented", "2020-03-01")
        assert dprk("verify", part, "--by", "US", "--date", found).code == 0
    _mark(dprk, "x", "implemented", "2020-03-03")
    _mark(dprk, "z", "implemented", "2020-03-03")
    ok = dprk("check")
    assert (ok.code, ok.out) == (0, "ok: no problems found\n")
    for part in ("w1", "w2"):
        _mark(dprk, part, "reversed", "2021-01-01")
        assert dprk("check", "--strict").out == "ok: no problems found\n"
    # Acted a day too early, each is warned of still, with the day its order was met.
    assert dprk("redate", "z", "3", "2020-03-02").code == 0
    check = dprk("check", "--format", "json")
    [problem] = json.loads(check.out)["problems"]
    assert problem["measure"] == "z"
    assert "acted on 2020-03-02, before 'w' was verified on 2020-03-03" in problem["message"]
    assert dprk("redate", "x", "3", "2020-02-28").code == 0
    messages = [p["message"] for p in json.loads(dprk("check", "--format", "json").out)["problems"]]
    assert any(
        m.startswith("acted on 2020-02-28, before 'w' acted on 2020-03-01") for m in messages
    )


def test_a_measure_made_of_parts_acted_when_its_first_part_did(dprk, empty):
    """x was to follow w; w's first part acted before x: no warning, and none that w
    'has not acted' (its own history says nothing of acting)."""
    _add(dprk, "w", "x")
    _add(dprk, "w1", "w2", part_of="w")
    _seq(dprk, "x", "--after", "w")
    assert dprk("mark", "w1", "implemented", "--date", "2020-02-01").code == 0
    assert dprk("mark", "x", "implemented", "--date", "2020-03-01").code == 0
    assert json.loads(dprk("check", "--format", "json").out)["problems"] == []
    assert dprk("redate", "w1", "2", "2020-04-01").code == 0
    [problem] = json.loads(dprk("check", "--format", "json").out)["problems"]
    assert problem["measure"] == "x"
    assert "before 'w' acted on 2020-04-01" in problem["message"]


def test_verifying_a_measure_made_of_parts_is_advised_as_verifying_its_parts(dprk, empty):
    """x waits for w to be verified; w has acted through w1 and w2 (w3 is still to
    act). It used to advise verifying w, which only its parts can be."""
    _add(dprk, "w", "x")
    _add(dprk, "w1", "w2", "w3", part_of="w")
    _seq(dprk, "x", "--after", "w", "--require", "verified")
    for part in ("w1", "w2"):
        assert dprk("mark", part, "implemented", "--date", "2020-02-01").code == 0
    steps = _next(dprk)
    assert [(v["id"], v["unblocks"]) for v in steps["verify"]] == [
        ("w1", ["x"]),
        ("w2", ["x"]),
    ]
    assert [r["id"] for r in steps["ready"]] == ["w3"]
    plan = _plan(dprk)
    assert [(p["phase"], p["measures"], p["verify"]) for p in plan["phases"]] == [
        (1, ["w3"], ["w1", "w2"]),
        (2, [], ["w3"]),
        (3, ["x"], []),
    ]
    assert dprk("verify", "w1", "w2", "w3", "--by", "IAEA", "--date", "2020-03-01").code == 1
    for part in ("w1", "w2"):
        assert dprk("verify", part, "--by", "IAEA", "--date", "2020-03-01").code == 0
    assert _next(dprk)["verify"] == []
    assert [(p["phase"], p["measures"], p["verify"]) for p in _plan(dprk)["phases"]] == [
        (1, ["w3"], []),
        (2, [], ["w3"]),
        (3, ["x"], []),
    ]


def test_a_withdrawn_part_means_its_whole_is_never_verified(dprk, empty):
    _add(dprk, "w", "x")
    _add(dprk, "w1", "w2", part_of="w")
    _seq(dprk, "x", "--after", "w", "--require", "verified")
    assert dprk("mark", "w1", "implemented", "--date", "2020-02-01").code == 0
    assert dprk("mark", "w2", "withdrawn", "--date", "2020-02-01").code == 0
    plan = _plan(dprk)
    [blocked] = plan["blocked"]
    assert blocked["id"] == "x"
    assert [(h["after"], h["reason"]) for h in blocked["holds"]] == [("w", "parts")]
    assert "w (verified; not through its parts)" in dprk("plan").out
    assert _flags(dprk)["x"] == "blocked"
    # Nothing to verify: w cannot be verified, whatever is verified of w1.
    assert _next(dprk)["verify"] == []
    assert [p["verify"] for p in _plan(dprk)["phases"]] == []
    # next says why too (it read as an ordinary wait, as if verifying w1 would do)
    shown = dprk("next")
    assert shown.code == 0
    assert "\nx   DPRK   w (verified; not through its parts)\n" in shown.out
    for _ in range(2):  # (the second served from what the first kept)
        assert "not through its parts)" in dprk("next").out


@pytest.mark.parametrize(
    ("parts", "deadlocked"),
    [(["w1"], True), (["w1", "w2"], False)],
    ids=["its-only-part", "one-of-two-parts"],
)
def test_a_part_to_follow_its_own_whole(dprk, empty, parts, deadlocked):
    """w1 after w: w acts when its first part does, so w1 can follow w only when
    another part acts first; as w's only part it waits for itself."""
    _add(dprk, "w")
    _add(dprk, *parts, part_of="w")
    result = dprk("sequence", "w1", "--after", "w", "--date", "2020-01-02")
    assert result.code == 0
    assert ("deadlock: w1 waits for w" in result.err) is deadlocked
    plan = _plan(dprk)
    if deadlocked:
        assert plan["phases"] == []
        assert [d["measures"] for d in plan["deadlocks"]] == [["w", "w1"]]
    else:
        assert plan["deadlocks"] == []
        assert [(p["phase"], p["measures"]) for p in plan["phases"]] == [
            (1, ["w2"]),
            (2, ["w1"]),
        ]


def test_to_go_together_with_a_measure_made_of_parts_is_to_go_with_each_part(dprk, empty):
    _add(dprk, "w", "z", "y")
    _add(dprk, "w1", "w2", part_of="w")
    _seq(dprk, "z", "--with", "w")
    _seq(dprk, "w2", "--after", "y")
    assert _ready(dprk) == ["y"]
    assert [(p["phase"], p["measures"]) for p in _plan(dprk)["phases"]] == [
        (1, ["y"]),
        (2, ["w1", "w2", "z"]),
    ]


@pytest.mark.parametrize("gone", ["itself", "its-only-part"])
def test_to_go_together_with_a_measure_that_cannot_act_ties_nothing(dprk, empty, gone):
    """w goes with z, and z can never act: withdrawn, or made of one part that was.
    Either way the `with` ties nothing: w's parts do not wait for each other."""
    _add(dprk, "w", "z", "y")
    _add(dprk, "w1", "w2", part_of="w")
    if gone == "its-only-part":
        _add(dprk, "z1", part_of="z")
    _seq(dprk, "z", "--with", "w")
    _seq(dprk, "w2", "--after", "y")
    withdrawn = "z" if gone == "itself" else "z1"
    assert dprk("mark", withdrawn, "withdrawn", "--date", "2020-02-01").code == 0
    assert sorted(_ready(dprk)) == ["w1", "y"]
    assert [(p["phase"], sorted(p["measures"])) for p in _plan(dprk)["phases"]] == [
        (1, ["w1", "y"]),
        (2, ["w2"]),
    ]
    assert _flags(dprk)["w1"] == "ready"


def test_a_wait_through_a_with_partner_that_is_a_part_names_the_partner(dprk, tmp_path):
    """consulate goes --with p2-south, a part of p2, which waits for zone-c-report: next
    said "zone-c-report (demanded by Israel) [via p2]" of consulate, and its JSON wait
    named p2 alone, as if consulate were tied to p2 or part of it. The partner the wait
    comes through is named, and whose constraint it is; a part's own row, and a measure
    tied to the whole itself, read as they did."""
    assert dprk("init", "--title", "T", "--party", "Egypt", "--party", "Israel").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    _add(dprk, "zone-c-report", "p2", actor="Israel")
    _add(dprk, "p2-south", part_of="p2", actor="Israel")
    _add(dprk, "consulate", "embassy", actor="Egypt")
    _seq(dprk, "consulate", "--with", "p2-south")
    _seq(dprk, "embassy", "--with", "p2")  # (the whole itself: via p2, as before)
    _seq(dprk, "p2", "--after", "zone-c-report", "--demanded-by", "Israel")
    before = ledger.read_bytes()
    table = dprk("next")
    assert table.code == 0, table.err
    held = ("consulate", "embassy", "p2-south")
    rows = {w[0]: " ".join(w[2:]) for w in map(str.split, table.lines) if w and w[0] in held}
    assert rows == {
        "consulate": "zone-c-report (demanded by Israel) [via p2-south, part of p2]",
        "embassy": "zone-c-report (demanded by Israel) [via p2]",
        "p2-south": "zone-c-report (demanded by Israel) [via p2]",
    }
    waits = {r["id"]: r["waits"] for r in _next(dprk)["blocked"]}
    wait = {
        "measure": "p2",
        "after": "zone-c-report",
        "require": "acted",
        "demanded_by": "Israel",
        "verified_by": None,
    }
    assert waits == {
        "consulate": [wait | {"via": "p2-south"}],
        "embassy": [wait | {"via": None}],
        "p2-south": [wait | {"via": None}],
    }
    lines = [json.loads(line) for line in dprk("next", "-f", "jsonl").lines]
    assert next(r for r in lines if r["id"] == "consulate")["waits"] == [wait | {"via": "p2-south"}]
    assert ledger.read_bytes() == before  # (read, not written)


@pytest.mark.parametrize("cold", [False, True], ids=["kept", "read-anew"])
def test_plan_names_the_with_partner_a_blocked_measure_waits_through(dprk, tmp_path, cold):
    """consulate goes --with p2-south, a part of p2, which waits for zone-c-report, caught
    in a deadlock with x: plan's Blocked rows said "[via p2]" of consulate where next says
    "[via p2-south, part of p2]". plan says it as next does, in its table, CSV, JSON (each
    hold's `via`) and the report's page, whether its plan was kept or drawn anew."""
    assert dprk("init", "--title", "T", "--party", "Egypt", "--party", "Israel").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    _add(dprk, "zone-c-report", "p2", actor="Israel")
    _add(dprk, "p2-south", part_of="p2", actor="Israel")
    _add(dprk, "consulate", "x", actor="Egypt")
    _seq(dprk, "consulate", "--with", "p2-south")
    _seq(dprk, "p2", "--after", "zone-c-report", "--demanded-by", "Israel")
    _seq(dprk, "zone-c-report", "--after", "x")
    _seq(dprk, "x", "--after", "zone-c-report")
    before = ledger.read_bytes()
    for _ in range(2):  # (the second served from the plan the first kept)
        if cold:
            shutil.rmtree(tmp_path / ".dprk", ignore_errors=True)
        table = dprk("plan")
        assert table.code == 0, table.err
        rows = {w[0]: " ".join(w[2:]) for w in map(str.split, table.lines) if w}
        said = "zone-c-report (deadlocked; demanded by Israel)"
        assert rows["consulate"] == f"{said} [via p2-south, part of p2]"
        assert rows["p2-south"] == f"{said} [via p2]"
        holds = {b["id"]: b["holds"] for b in _plan(dprk)["blocked"]}
        hold = {
            "measure": "p2",
            "after": "zone-c-report",
            "require": "acted",
            "demanded_by": "Israel",
            "verified_by": None,
            "reason": "deadlocked",
        }
        assert holds == {
            "consulate": [hold | {"via": "p2-south"}],
            "p2-south": [hold | {"via": None}],
        }
        csv = dprk("plan", "--format", "csv").out
        assert f"waits for {said} [via p2-south, part of p2]" in csv
    page = dprk("report", "-o", "page.html")
    assert page.code == 0, page.err
    html = (tmp_path / "page.html").read_text()
    assert "zone-c-report (deadlocked; demanded by Israel) [via p2-south, part of p2]" in html
    assert ledger.read_bytes() == before


@pytest.mark.parametrize("cold", [False, True], ids=["kept", "read-anew"])
def test_a_deadlock_names_the_with_partner_it_is_held_through(dprk, tmp_path, cold):
    """consulate goes --with p2-south, a part of p2, which waits for z, withdrawn; consulate
    and x wait for each other. The deadlock's holds said "p2 also waits for z (withdrawn)"
    and their JSON had no `via`, where a blocked measure's waits name the partner: each
    hold has `via` (p2-south), and its words say it as a blocked measure's wait does, in
    the table's note, the CSV and JSON lines and the report's page."""
    assert dprk("init", "--title", "T", "--party", "Egypt", "--party", "Israel").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    _add(dprk, "z", "p2", actor="Israel")
    _add(dprk, "p2-south", part_of="p2", actor="Israel")
    _add(dprk, "consulate", "x", actor="Egypt")
    _seq(dprk, "consulate", "--with", "p2-south")
    _seq(dprk, "p2", "--after", "z", "--demanded-by", "Israel")
    _seq(dprk, "consulate", "--after", "x")
    _seq(dprk, "x", "--after", "consulate")
    assert dprk("mark", "z", "withdrawn", "--date", "2020-01-03").code == 0
    before = ledger.read_bytes()
    said = "p2 also waits for z (withdrawn) [via p2-south, part of p2]"
    for _ in range(2):  # (the second served from the plan the first kept)
        if cold:
            shutil.rmtree(tmp_path / ".dprk", ignore_errors=True)
        (deadlock,) = _plan(dprk)["deadlocks"]
        assert deadlock["measures"] == ["consulate", "p2-south", "x"]
        assert deadlock["holds"] == [
            {
                "measure": "p2",
                "after": "z",
                "require": "acted",
                "demanded_by": "Israel",
                "verified_by": None,
                "reason": "withdrawn",
                "via": "p2-south",
            }
        ]
        table = dprk("plan")
        assert table.code == 0, table.err
        assert f"blocked all the same: {said}." in " ".join(table.out.split())
        csv = dprk("plan", "--format", "csv")
        assert csv.code == 0, csv.err
        assert [r["holds"] for r in DictReader(io.StringIO(csv.out))] == [said] * 3
        lines = [json.loads(line) for line in dprk("plan", "-f", "jsonl").lines]
        assert {r["holds"] for r in lines} == {said}
    page = dprk("report", "-o", "page.html")
    assert page.code == 0, page.err
    assert said in " ".join((tmp_path / "page.html").read_text().split())
    assert ledger.read_bytes() == before


def test_a_with_on_a_measure_made_of_parts_holds_once_one_part_has_acted(dprk, empty):
    """z goes with w, whose parts wait for y. w1 acts (so w has, through it): z still
    goes with w2, the part left to act, and waits for y with it; each wait of w that
    its parts hold is listed once."""
    _add(dprk, "w", "z", "y")
    _add(dprk, "w1", "w2", part_of="w")
    _seq(dprk, "z", "--with", "w")
    _seq(dprk, "w", "--after", "y")
    result = dprk("next", "--format", "json")
    waits = {r["id"]: r["waits"] for r in json.loads(result.out)["blocked"]}
    assert waits["z"] == [
        {
            "measure": "w",
            "after": "y",
            "require": "acted",
            "demanded_by": None,
            "verified_by": None,
            "via": None,
        }
    ]
    assert "\nz   DPRK   y [via w]\n" in dprk("next").out
    _mark(dprk, "w1", "implemented", "2020-02-01")
    assert _ready(dprk) == ["y"]
    assert [(p["phase"], p["measures"]) for p in _plan(dprk)["phases"]] == [
        (1, ["y"]),
        (2, ["w2", "z"]),
    ]
    assert _flags(dprk)["z"] == "blocked"


def test_the_way_out_of_a_deadlock_through_a_measure_made_of_parts_is_advised(dprk, empty):
    """w and x are exchanged for each other, and each side demands the other go first;
    w acts through its part w1. Carrying them out together breaks the deadlock, as it
    would without parts: plan and check advise it, and it works."""
    _add(dprk, "w")
    _add(dprk, "w1", part_of="w")
    assert dprk("add-measure", "X", "--id", "x", "--actor", "US", "--in-exchange-for", "w",
                "--date", "2020-01-01").code == 0  # fmt: skip
    _seq(dprk, "x", "--after", "w", "--demanded-by", "US")
    _seq(dprk, "w", "--after", "x", "--demanded-by", "DPRK")
    [deadlock] = _plan(dprk)["deadlocks"]
    assert deadlock["suggestions"] == ["dprk sequence x --with w"]
    assert "to carry the exchanged measures out together, run 'dprk sequence x --with w'" in (
        dprk("check").out
    )
    assert dprk("sequence", "x", "--with", "w", "--date", "2020-01-03").code == 0
    assert _plan(dprk)["deadlocks"] == []
    assert sorted(_ready(dprk)) == ["w1", "x"]


def test_parts_of_parts(dprk, empty):
    """A part made of parts: the constraint of the outer measure holds the innermost
    parts, and what follows the outer one may go once an innermost part has acted."""
    _add(dprk, "w", "y", "x")
    _add(dprk, "v", "u", part_of="w")
    _add(dprk, "v1", "v2", part_of="v")
    _seq(dprk, "w", "--after", "y")
    _seq(dprk, "x", "--after", "w")
    _seq(dprk, "u", "v1", "--after", "x")
    assert [(p["phase"], p["measures"]) for p in _plan(dprk)["phases"]] == [
        (1, ["y"]),
        (2, ["v2"]),
        (3, ["x"]),
        (4, ["u", "v1"]),
    ]
    _seq(dprk, "v2", "--after", "x")
    plan = _plan(dprk)
    assert plan["phases"] == [
        {"phase": 1, "measures": ["y"], "verify": [], "verify_by": {}, "rest": [], "together": []}
        | {"again": [], "deadlines": {}, "overdue": []}
    ]
    [deadlock] = plan["deadlocks"]
    assert deadlock["parts"] == [["v", "v1", "v2"], ["w", "u", "v"]]
    assert set(_flags(dprk).values()) == {"deadlocked", "ready"}
    assert _flags(dprk)["y"] == "ready"


def test_a_deadlock_kept_by_the_parts_of_a_measure_names_it(dprk, empty):
    """y waits for w1; w waits for y, so w1 does too. The deadlock is w's demand as much
    as y's: sequencing w warns of it, and the plan names w and its part."""
    _add(dprk, "w", "y")
    _add(dprk, "w1", "w2", part_of="w")
    _seq(dprk, "y", "--after", "w1", "--demanded-by", "US")
    closing = dprk("sequence", "w", "--after", "y", "--demanded-by", "DPRK", "--date", "2020-01-02")
    assert closing.code == 0
    assert "deadlock: y waits for w1 (demanded by US); w waits for y (demanded by DPRK)" in (
        closing.err
    )
    [deadlock] = _plan(dprk)["deadlocks"]
    assert deadlock["measures"] == ["w", "w1", "y"]
    assert deadlock["parts"] == [["w", "w1"]]
    assert "w acts through its part w1" in deadlock["text"]
    graph = dprk("graph", "--format", "dot").out
    assert '"w1" -> "w" [style=dotted, arrowhead=empty, color="#6b7280", label="part of"];' in (
        graph
    )
    assert re.search(r'"y" -> "w" \[color="#[0-9a-f]+".*label="deadlock, DPRK demands"\]', graph)
    assert "-. part of .->" in dprk("graph").out


@pytest.mark.parametrize("how", ["reversed-part", "withdrawn-whole"])
def test_a_measure_made_of_parts_acts_once_a_part_does_whatever_it_stood_at(dprk, empty, how):
    """A measure made of parts that is withdrawn, or reversed (a part that acted was
    reversed), is implemented as soon as a part acts: what waits for it follows that
    part, as marking the part shows."""
    _add(dprk, "w", "z")
    _add(dprk, "w1", "w2", part_of="w")
    _seq(dprk, "z", "--after", "w")
    if how == "reversed-part":
        assert dprk("mark", "w1", "implemented", "--date", "2020-01-03").code == 0
        assert dprk("mark", "w1", "reversed", "--date", "2020-01-04").code == 0
    else:
        assert dprk("mark", "w", "withdrawn", "--date", "2020-01-03").code == 0
    phases = [(p["phase"], p["measures"]) for p in _plan(dprk)["phases"]]
    assert phases == ([(1, ["w2"]), (2, ["z"])] if how == "reversed-part" else
                      [(1, ["w1", "w2"]), (2, ["z"])])  # fmt: skip
    assert _plan(dprk)["blocked"] == []
    assert _flags(dprk)["z"] == "blocked"
    assert "z" in dprk("plan", "--assume", "w2=implemented").out.split("Moves into phase 1: ")[1]
    assert dprk("mark", "w2", "implemented", "--date", "2020-01-05").code == 0
    assert _ready(dprk) == (["z"] if how == "reversed-part" else ["w1", "z"])


def test_a_part_made_of_parts_is_not_held_by_its_own_whole_waiting_for_it(dprk, empty):
    """w is to follow its part w1, which is made of w1a: w1a is what makes w1 act, so it
    does not wait; w2 waits for w1, that is for w1a."""
    _add(dprk, "w")
    _add(dprk, "w1", "w2", part_of="w")
    _add(dprk, "w1a", part_of="w1")
    result = dprk("sequence", "w", "--after", "w1", "--date", "2020-01-02")
    assert result.code == 0 and "deadlock" not in result.err
    plan = _plan(dprk)
    assert plan["deadlocks"] == []
    assert [(p["phase"], p["measures"]) for p in plan["phases"]] == [(1, ["w1a"]), (2, ["w2"])]
    assert "deadlock" not in dprk("check").out


def test_verifying_parts_unblocks_what_waits_for_their_whole(dprk, empty):
    """w waits for y to be verified: verifying y unblocks w's parts, which `next` lists
    (not w, which is no step of its own)."""
    _add(dprk, "w", "y")
    _add(dprk, "w1", "w2", part_of="w")
    _seq(dprk, "w", "--after", "y", "--require", "verified")
    assert dprk("mark", "y", "implemented", "--date", "2020-01-03").code == 0
    steps = _next(dprk)
    assert [(v["id"], v["unblocks"]) for v in steps["verify"]] == [("y", ["w1", "w2"])]
    assert "w1; w2" in dprk("next").out


def test_a_measure_made_of_parts_cannot_be_assumed(dprk, empty):
    """`--assume` on a measure made of parts is refused, as `mark` is: it stands as its
    parts do. An assumed part that is verified is shown verified, not verified through
    parts it does not have."""
    _add(dprk, "w")
    _add(dprk, "w1", "w2", part_of="w")
    before = empty.read_bytes()
    for command in ("status", "next", "plan"):
        result = dprk(command, "--assume", "w=verified")
        assert result.code == 1 and result.out == ""
        assert result.err == (
            "dprk: error: --assume: measure 'w' is made of parts (w1, w2): assume a status "
            "of its parts; its status and extent follow them\n"
        )
    assert empty.read_bytes() == before
    shown = dprk("status", "--assume", "w1=verified", "--assume", "w2=verified").out
    rows = {line.split()[1] if line.startswith("└") else line.split()[0]: line
            for line in shown.splitlines() if line.strip()}  # fmt: skip
    assert "verified (its parts)" in rows["w"]
    assert "verified (its parts)" not in rows["w1"] and "verified" in rows["w1"].split()


def test_next_calls_its_verifications_needed_not_enough_to_unblock(dprk, empty):
    """w is made of three parts, one yet to act: verifying the two that acted is needed
    to unblock x, not enough; the heading said they 'would unblock' it."""
    _add(dprk, "w", "x")
    _add(dprk, "w1", "w2", "w3", part_of="w")
    _seq(dprk, "x", "--after", "w", "--require", "verified")
    for part in ("w1", "w2"):
        assert dprk("mark", part, "implemented", "--date", "2020-02-01").code == 0
    out = dprk("next").out
    assert "Verifications needed to unblock" in out
    assert "would unblock" not in out


def test_next_says_what_a_measure_waits_for_besides_the_finding(dprk, empty):
    """r waits for w, made of p1 and p2, to be verified; p1 has acted, p2 has not. The
    table listed p1's finding as one that unblocks r, with no word that p2 must act
    first (a briefing read it as 'once p1 is certified, r can go'). It says so, as it
    says a measure in a deadlock is; once p2 acts, each part's finding waits for the
    other's, and each row says so."""
    _add(dprk, "w", "r")
    _add(dprk, "p1", "p2", part_of="w")
    _seq(dprk, "r", "--after", "w", "--require", "verified")
    assert dprk("mark", "p1", "implemented", "--date", "2020-02-01").code == 0
    before = empty.read_bytes()
    result = dprk("next")
    assert result.code == 0
    rows = result.out.split("Verifications needed to unblock")[1].splitlines()
    assert [row.split(None, 2) for row in rows if row.startswith("p1")] == [
        ["p1", "DPRK", "r (also waits for p2 to act)"]
    ]
    # the shapes for scripts are as they were: r waits, as 'blocked' says
    assert [(v["id"], v["unblocks"]) for v in _next(dprk)["verify"]] == [("p1", ["r"])]
    assert empty.read_bytes() == before
    assert dprk("mark", "p2", "implemented", "--date", "2020-02-02").code == 0
    rows = dprk("next").out.splitlines()
    assert [r.split(None, 2) for r in rows if r.startswith(("p1", "p2"))] == [
        ["p1", "DPRK", "r (also waits for p2 to be verified)"],
        ["p2", "DPRK", "r (also waits for p1 to be verified)"],
    ]


def test_next_for_one_party_marks_a_deadlocked_measure_of_another_as_deadlocked(dprk, empty):
    """y (DPRK's) is to be verified for x (the US's), which is caught in a deadlock with z:
    `next --party DPRK` keeps y's finding, and marked x as waiting for z to act, without
    the word that it is deadlocked (the mark read the deadlocks of the party's own
    measures alone)."""
    _add(dprk, "y")
    _add(dprk, "x", "z", actor="US")
    assert dprk("mark", "y", "implemented", "--date", "2020-01-02").code == 0
    _seq(dprk, "x", "--after", "y", "--require", "verified")
    _seq(dprk, "x", "--after", "z")
    _seq(dprk, "z", "--after", "x")
    before = empty.read_bytes()
    for party in ([], ["--party", "DPRK"]):
        out = dprk("next", *party).out
        rows = out.split("Verifications needed to unblock")[1].splitlines()
        assert [r.split(None, 2) for r in rows if r.startswith("y ")] == [
            ["y", "DPRK", "x (deadlocked; also waits for z to act)"]
        ], out
        assert "Deadlocked measures wait, in a circle, for each other" in out, out
    assert empty.read_bytes() == before


def test_a_measure_that_acted_before_an_order_was_demanded_is_not_warned_of(dprk, empty):
    """pg acted in May; the US demanded in July that it follow eow: it broke no order in
    force when it acted. The same for a part of a whole given an order after it acted."""

    def order(*args: str) -> None:
        assert dprk("sequence", *args).code == 0

    _add(dprk, "pg", "eow")
    assert dprk("mark", "pg", "implemented", "--date", "2020-05-24").code == 0
    order("pg", "--after", "eow", "--demanded-by", "US", "--date", "2020-07-01")
    assert dprk("check", "--strict").out == "ok: no problems found\n"
    # an order set again after a removal counts from then
    order("pg", "--remove", "eow", "--date", "2020-08-01")
    order("pg", "--after", "eow", "--date", "2020-09-01")
    assert dprk("check", "--strict").code == 0
    _add(dprk, "w", "y")
    _add(dprk, "w1", part_of="w")
    assert dprk("mark", "w1", "implemented", "--date", "2020-02-01").code == 0
    order("w", "--after", "y", "--date", "2020-03-01")
    assert dprk("check", "--strict").code == 0
    assert dprk("redate", "w", "2", "2020-01-15").code == 0  # the order came first after all
    assert dprk("check").out.startswith(
        "warning: w1: acted on 2020-02-01 although 'y', which it was to follow as part of 'w', "
    )


def test_an_order_changed_since_still_counts_on_the_days_it_stood(dprk, empty):
    """The DPRK handed over its inventory in August while its own demand that the US
    declare the war over first stood; the two were settled as 'together' in January.
    check warned of the August step until the settlement, then said ok: the order it
    broke counted only while it stood, which the --as-of answers already said."""
    _add(dprk, "inv", "eow")
    assert dprk("sequence", "inv", "--after", "eow", "--demanded-by", "DPRK",
                "--date", "2020-07-07").code == 0  # fmt: skip
    assert dprk("mark", "inv", "implemented", "--date", "2020-08-01").code == 0
    warned = "warning: inv: acted on 2020-08-01 although 'eow', which it was to follow"
    assert dprk("check").out.startswith(warned + ", demanded by DPRK, has not acted")
    for later in (("--with", "eow"), ("--remove", "eow")):
        assert dprk("sequence", "inv", *later, "--date", "2021-01-20").code == 0
        result = dprk("check", "--format", "json")
        found = [p for p in json.loads(result.out)["problems"] if p["measure"] == "inv"]
        assert [p["check"] for p in found] == ["acted-out-of-order"]
        assert found[0]["message"].startswith(
            "acted on 2020-08-01 although 'eow', which it was to follow until 2021-01-20, "
            "demanded by DPRK, has not acted"
        )
        assert dprk("undo").code == 0
    # ended before it acted: no warning; and with the cache gone, the same answer
    assert dprk("sequence", "inv", "--remove", "eow", "--date", "2020-07-20").code == 0
    for _ in range(2):
        assert dprk("check", "--strict").out == "ok: no problems found\n"
        shutil.rmtree(empty.parent / ".dprk")


def test_a_part_that_acted_before_it_became_one_is_not_warned_of(dprk, empty):
    """r acted in February and was made a part of w in April; w was to follow x, which
    acted in March: r broke no order in force when it acted (check warned that it acted
    before x 'as part of w')."""
    _add(dprk, "x", "w", "r", "r2")
    _seq(dprk, "w", "--after", "x")
    assert dprk("mark", "r", "implemented", "--date", "2020-02-01").code == 0
    assert dprk("mark", "x", "implemented", "--date", "2020-03-01").code == 0
    assert dprk("edit", "r", "--part-of", "w", "--date", "2020-04-01").code == 0
    assert dprk("check", "--strict").out == "ok: no problems found\n"
    # Made a part before it acted, a measure is bound by the whole's order when it acts.
    assert dprk("edit", "r2", "--part-of", "w", "--date", "2020-01-15").code == 0
    assert dprk("mark", "r2", "implemented", "--date", "2020-02-01").code == 0
    result = dprk("check")
    assert result.out.splitlines()[0] == (
        "warning: r2: acted on 2020-02-01, before 'x' acted on 2020-03-01 (it was to follow "
        "it as part of 'w'); no fix needed if that is what happened; if the order was entered by mistake: 'dprk "
        "drop-entry w 2' [acted-out-of-order]"
    )
    assert "r:" not in result.out


def test_a_deadlock_through_a_with_of_a_measure_made_of_parts_names_it(dprk, empty):
    """W goes with X; X waits for W1, a part of W. plan's deadlock named W1 and X 'to be
    carried out together' and left W out (status named it), though the user set W with
    X: the measure whose with joins them is in the deadlock, with its parts."""
    _add(dprk, "w", "x")
    _add(dprk, "w1", part_of="w")
    _seq(dprk, "w", "--with", "x")
    _seq(dprk, "x", "--after", "w1")
    result = dprk("plan", "--format", "json")
    (deadlock,) = json.loads(result.out)["deadlocks"]
    assert deadlock["measures"] == ["w", "w1", "x"]
    assert deadlock["parts"] == [["w", "w1"]]
    assert deadlock["text"].endswith(
        "w1 and x are to be carried out together; w acts through its part w1"
    )
    assert "deadlocked: w, w1, x" in dprk("status").out


@pytest.mark.parametrize("through", ["whole", "partner"])
@pytest.mark.parametrize("cold", [False, True], ids=["kept", "read-anew"])
def test_an_order_held_through_a_whole_or_a_partner_counts_on_the_days_it_stood(
    dprk, empty, tmp_path, through, cold
):
    """A part acted while its whole (or a measure it goes with) was to follow x: check
    warned, until that order was removed later, dated after the part acted; then it
    said "ok", though the order stood when the part acted (its own order so kept the
    warning, "until" that day)."""
    holder = "w" if through == "whole" else "n"
    for args in (
        ("add-measure", "X", "--actor", "US", "--id", "x", "--date", "2018-06-01"),
        ("add-measure", "H", "--actor", "DPRK", "--id", holder, "--date", "2018-06-01",
         "--after", "x"),
        ("add-measure", "P", "--actor", "DPRK", "--id", "p", "--date", "2018-06-02",
         *(["--part-of", "w"] if through == "whole" else [])),
        *([] if through == "whole" else [("sequence", "p", "--with", "n", "--date", "2018-06-02")]),
        ("mark", "p", "implemented", "--date", "2018-06-05"),
        ("sequence", holder, "--remove", "x", "--date", "2018-06-20"),
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    if cold:
        shutil.rmtree(tmp_path / ".dprk")
    how = "as part of 'w'" if through == "whole" else "as its partner 'n' was"
    check = dprk("check")
    assert check.out.splitlines()[0] == (
        f"warning: p: acted on 2018-06-05 although 'x', which it was to follow {how} until "
        "2018-06-20, has not acted; no fix needed if that is what happened "
        "[acted-out-of-order]"
    )


@pytest.mark.parametrize("way", ["its whole goes with", "it goes with a part"])
def test_check_warns_of_a_measure_acting_early_that_next_holds_through_a_with(dprk, empty, way):
    """w1 is part of W, W goes together with x, and x after y: `next` held w1 by x's order,
    and w1 acting first drew no warning from `check` (nor did c, together with w1 whose
    whole was after y). One group, one rule: `check` holds them as `next` does."""
    for ident, actor in (("W", "DPRK"), ("x", "US"), ("y", "US"), ("c", "US")):
        assert dprk("add-measure", ident, "--actor", actor, "--id", ident, "--date",
                    "2020-01-01").code == 0  # fmt: skip
    for ident in ("w1", "w2"):
        assert dprk("add-measure", ident, "--actor", "DPRK", "--id", ident, "--part-of", "W",
                    "--date", "2020-01-01").code == 0  # fmt: skip
    if way == "its whole goes with":
        assert dprk("sequence", "W", "--with", "x", "--date", "2020-01-02").code == 0
        assert dprk("sequence", "x", "--after", "y", "--date", "2020-01-02").code == 0
        early = "w1"
    else:
        assert dprk("sequence", "W", "--after", "y", "--date", "2020-01-02").code == 0
        assert dprk("sequence", "c", "--with", "w1", "--date", "2020-01-02").code == 0
        early = "c"
    waits = json.loads(dprk("next", "--format", "json").out)
    held = {m["id"]: m["waiting_for"] for m in waits["blocked"]}
    assert held[early] == ["y"]
    assert dprk("mark", early, "implemented", "--date", "2020-01-03").code == 0
    found = json.loads(dprk("check", "--format", "json").out)
    said = [p for p in found["problems"] if p["check"] == "acted-out-of-order"]
    # (acted alone where it was to go together with another: said too, after the order;
    # W acts through its part w1)
    alone, partner = ("W", "x") if way == "its whole goes with" else ("c", "w1")
    assert [(p["measure"], p["message"].split(" although ")[0]) for p in said] == [
        (early, "acted on 2020-01-03"),
        (alone, f"acted on 2020-01-03, while '{partner}', which it was to be carried out "
                "together with, has not acted; no fix needed if that is what happened; if the order was entered "
                f"by mistake: 'dprk drop-entry {alone} 2'"),
    ]  # fmt: skip
    assert "'y', which it was to follow" in said[0]["message"]


def test_an_order_toward_an_undated_whole_is_in_force_from_its_parts_first_day(dprk, empty):
    """w, added without a date, has a part since 2020: an order after w made in 2020 was
    said to be "in force from" today, "the first day w has on record", while `next` and
    `--as-of` held v by it in 2020 (an undated whole is dated by its parts too)."""
    assert dprk("add-measure", "W", "--actor", "DPRK", "--id", "w").code == 0
    assert dprk("add-measure", "W1", "--actor", "DPRK", "--id", "w1", "--part-of", "w",
                "--date", "2020-01-01").code == 0  # fmt: skip
    assert dprk("add-measure", "V", "--actor", "US", "--id", "v", "--date", "2020-01-05").code == 0
    result = dprk("sequence", "v", "--after", "w", "--date", "2020-01-06")
    assert (result.code, result.err) == (0, "v: after w\n")
    held = json.loads(dprk("next", "--as-of", "2020-01-07", "--format", "json").out)
    assert [m["id"] for m in held["blocked"]] == ["v"]


def test_a_withdrawn_whole_a_deadlock_runs_through_is_flagged_as_plan_names_it(dprk, empty):
    """w, withdrawn, acts through its part wp, and w and x each wait for the other:
    `plan` and `check` named w in the deadlock, `status` did not flag it (its parts and
    x only). The flag holds through a write elsewhere, and goes with the deadlock."""

    def deadlocked() -> list[str]:
        result = dprk("status", "--format", "json")
        return [m["id"] for m in json.loads(result.out)["measures"] if m["deadlocked"]]

    _add(dprk, "w", "x")
    assert dprk("mark", "w", "withdrawn", "--date", "2020-01-02").code == 0
    _add(dprk, "wp", part_of="w")
    _add(dprk, "xp", part_of="x")
    _seq(dprk, "w", "--after", "x")
    _seq(dprk, "x", "--after", "w")
    assert sorted(_plan(dprk)["deadlocks"][0]["measures"]) == ["w", "wp", "x", "xp"]
    assert deadlocked() == ["w", "wp", "x", "xp"]
    table = dprk("status").out
    assert "deadlocked: w, wp, x, xp ('dprk plan' shows who demands what)" in table
    assert re.search(r"\bw +DPRK +withdrawn .* deadlocked +w\n", table)
    counts = json.loads(dprk("status", "--format", "json").out)["parties"]["DPRK"]
    assert (counts["pending"], counts["blocked"]) == (3, 2)  # (w is not pending; x, of parts)
    _add(dprk, "y")
    assert deadlocked() == ["w", "wp", "x", "xp"]
    assert dprk("sequence", "x", "--remove", "w", "--date", "2020-01-03").code == 0
    assert deadlocked() == []
    assert _flags(dprk) == {"wp": "blocked", "xp": "ready", "y": "ready"}


def test_a_part_joining_after_its_whole_was_verified_does_not_undo_that_day(dprk, empty):
    """Relief to follow the chemical weapons accession, verified: its one part was verified
    on 5 March 2004 and the relief came on 1 April. A second part, added in 2010, made
    `check` say the relief came before the accession was verified (on the day the new part
    was, in 2014), while `status --as-of 2004-04-01` said the accession stood verified. A
    part counts from the day it became one: the whole stood verified before it did."""
    _add(dprk, "w", day="2004-01-01")
    _add(dprk, "p1", part_of="w", day="2004-01-01")
    _add(dprk, "x", actor="US", day="2004-01-01")
    for args in (
        ("sequence", "x", "--after", "w", "--require", "verified", "--date", "2004-01-01"),
        ("mark", "p1", "implemented", "--date", "2004-03-01"),
        ("verify", "p1", "--by", "V", "--date", "2004-03-05"),
        ("mark", "x", "implemented", "--date", "2004-04-01"),
        ("add-measure", "p2", "--actor", "DPRK", "--id", "p2", "--part-of", "w", "--status",
         "implemented", "--date", "2010-01-01"),
        ("verify", "p2", "--by", "V", "--date", "2014-02-04"),
    ):  # fmt: skip
        result = dprk(*args)
        assert result.code == 0, result.err
    on = json.loads(dprk("status", "--as-of", "2004-04-01", "--format", "json").out)
    assert {m["id"]: m["status"] for m in on["measures"]}["w"] == "verified"
    checked = dprk("check", "--strict")
    assert (checked.code, checked.out) == (0, "ok: no problems found\n")


def _whole_of_two(dprk) -> None:
    _add(dprk, "w", day="2018-01-01")
    _add(dprk, "w1", "w2", part_of="w", day="2018-01-01")
    _add(dprk, "x", actor="US", day="2018-01-01")
    for args in (
        ("sequence", "x", "--after", "w", "--require", "verified", "--date", "2018-01-01"),
        ("mark", "w1", "w2", "implemented", "--date", "2018-02-01"),
        ("verify", "w1", "--by", "IAEA", "--date", "2018-03-01"),
    ):
        assert dprk(*args).code == 0


@pytest.mark.parametrize(
    ("undoing", "warned"),
    [
        (
            [("verify", "w2", "--by", "IAEA", "--date", "2018-03-05"),
             ("mark", "w2", "reversed", "--date", "2018-03-20")],
            "no longer stood verified on 2018-03-20 (it has not been verified again)",
        ),
        (
            [("verify", "w2", "--by", "IAEA", "--date", "2018-03-05"),
             ("verify", "w2", "--by", "UN", "--result", "refuted", "--date", "2018-03-20")],
            "no longer stood verified on 2018-03-20 (it has not been verified again)",
        ),
        (
            [("verify", "w2", "--by", "IAEA", "--date", "2018-03-05"),
             ("add-measure", "w3", "--actor", "DPRK", "--id", "w3", "--part-of", "w",
              "--date", "2018-03-15")],
            "no longer stood verified on 2018-03-15 (it has not been verified again)",
        ),
    ],
    ids=["a-part-reversed", "a-part-refuted", "a-part-joined"],
)  # fmt: skip
def test_a_whole_of_parts_undone_before_its_follower_acted_is_warned_of(
    dprk, empty, undoing, warned
):
    """x was to follow w, verified; w's parts were all verified by 5 March, then one was
    reversed (or refuted, or a new part joined it) before x acted on 1 April. `next --as-of
    2018-03-31` held x back, but `check` said ok: a whole stood verified from the first
    day every part was, whatever they did since. It is judged day by day, as `next` is."""
    _whole_of_two(dprk)
    for args in undoing:
        assert dprk(*args).code == 0, args
    held = json.loads(dprk("next", "--as-of", "2018-03-31", "--format", "json").out)
    assert "x" in [m["id"] for m in held["blocked"]]
    assert dprk("mark", "x", "implemented", "--date", "2018-04-01").code == 0
    checked = dprk("check")
    assert checked.code == 0
    assert checked.out == (
        f"warning: x: acted on 2018-04-01, after 'w', which it was to follow, {warned}; no "
        "fix needed if that is what happened; if the order was entered by mistake: 'dprk drop-entry x 2' "
        "[acted-out-of-order]\n0 errors, 1 warning\n"
    )


def test_removing_from_a_part_an_order_it_waits_for_through_its_whole_says_where_it_is(dprk, empty):
    """Flights, a part of the restored services, wait for the heavy weapons through the
    services' order. '--remove' on the flights advised entering an order of their own
    and removing it; followed, the line said "flights: no longer sequenced with heavy"
    while `next` still held them back. The refusal names the order they wait through,
    and the line says they still wait."""
    _add(dprk, "services")
    _add(dprk, "flights", part_of="services")
    _add(dprk, "heavy", actor="US")
    _seq(dprk, "services", "--after", "heavy")
    before = empty.read_bytes()
    refused = dprk("sequence", "flights", "--remove", "heavy", "--date", "2020-03-01")
    assert (refused.code, refused.out) == (1, "")
    assert refused.err == (
        "dprk: error: measure 'flights' has no sequencing constraint with 'heavy' of its "
        "own: it waits for it through the order of 'services', which it is part of ('dprk "
        "sequence services --remove heavy --date 2020-03-01' drops that one)\n"
    )
    assert empty.read_bytes() == before
    _seq(dprk, "flights", "--after", "heavy")
    removed = dprk("sequence", "flights", "--remove", "heavy", "--date", "2020-03-01")
    assert (removed.code, removed.err) == (
        0,
        "flights: no longer sequenced with heavy by an order of its own; it still waits for "
        "it through the order of 'services', which it is part of ('dprk sequence services "
        "--remove heavy --date 2020-03-01' drops that one)\n",
    )
    assert "flights" in [m["id"] for m in _next(dprk)["blocked"]]
    assert dprk("sequence", "services", "--remove", "heavy", "--date", "2020-03-01").code == 0
    assert "flights" in [m["id"] for m in _next(dprk)["ready"]]


def test_removing_an_order_a_measure_waits_for_through_a_partner_says_where_it_is(dprk, empty):
    """s goes together with g, and q with p, a part of g; g is to follow x. '--remove x'
    on s or q advised entering an order of their own and removing it, and, followed, the
    line said q was no longer sequenced with x while `next` still held it back."""
    _add(dprk, "g", "q", "s")
    _add(dprk, "p", part_of="g")
    _add(dprk, "x", actor="US")
    _seq(dprk, "g", "--after", "x")
    _seq(dprk, "q", "--with", "p")
    _seq(dprk, "s", "--with", "g")
    for ident, how in (
        ("s", "which it goes together with"),
        ("q", "as q goes together with 'p', which is part of 'g'"),
    ):
        before = empty.read_bytes()
        refused = dprk("sequence", ident, "--remove", "x", "--date", "2020-03-01")
        assert (refused.code, refused.err) == (
            1,
            f"dprk: error: measure '{ident}' has no sequencing constraint with 'x' of its "
            f"own: it waits for it through the order of 'g', {how} ('dprk sequence g "
            "--remove x --date 2020-03-01' drops that one)\n",
        )
        assert empty.read_bytes() == before
    _seq(dprk, "q", "--after", "x")
    removed = dprk("sequence", "q", "--remove", "x", "--date", "2020-03-01")
    assert removed.err.startswith(
        "q: no longer sequenced with x by an order of its own; it still waits for it "
        "through the order of 'g', as q goes together with 'p'"
    )
    assert {"q", "s"} <= {m["id"] for m in _next(dprk)["blocked"]}


def test_a_pending_measure_none_of_whose_parts_is_left_to_act_is_neither_ready_nor_blocked(
    dprk, empty
):
    """Every part rejected or withdrawn, the measure they made stood proposed and `status`
    counted it blocked, waiting for nothing, while `next` and `plan` listed nothing of
    it. It is neither ready nor blocked; `check` says why and what to do, and either
    thing it advises clears the warning."""
    _add(dprk, "w", actor="US")
    _add(dprk, "p1", "p2", part_of="w", actor="US")
    assert dprk("mark", "p1", "rejected", "--date", "2020-01-02").code == 0
    assert dprk("mark", "p2", "withdrawn", "--date", "2020-01-03").code == 0
    status = dprk("status", "--format", "json")
    assert status.code == 0, status.err
    us = json.loads(status.out)["parties"]["US"]
    assert (us["pending"], us["ready"], us["blocked"]) == (1, 0, 0)
    assert _flags(dprk) == {}
    table = dprk("status").out
    assert re.search(r"\nw +US +proposed +- +- +2020-01-01 +w\n", table), table
    assert _next(dprk) == {
        "as_of": today().isoformat(),
        "ready": [],
        "blocked": [],
        "verify": [],
    }
    before = empty.read_bytes()
    check = dprk("check")
    assert (check.code, check.out) == (
        0,
        "warning: w: is proposed, and none of its parts is left to act (p1 rejected, p2 "
        "withdrawn): nothing of it can go ahead; add a part ('dprk add-measure TITLE --actor "
        "US --part-of w'), or record how it ended ('dprk mark w withdrawn', or rejected) "
        "[parts-left-to-act]\n0 errors, 1 warning\n",
    )
    assert empty.read_bytes() == before
    added = dprk("add-measure", "P3", "--actor", "US", "--part-of", "w", "--id", "p3")
    assert added.code == 0, added.err
    assert dprk("check").out == "ok: no problems found\n"
    assert _flags(dprk) == {"p3": "ready"}
    assert dprk("undo").code == 0 and empty.read_bytes() == before
    assert dprk("mark", "w", "withdrawn", "--date", "2020-01-04").code == 0
    assert dprk("check").out == "ok: no problems found\n"


@pytest.mark.parametrize("as_of", [None, "1992-03-01"], ids=["today", "as-of"])
def test_a_pending_measure_made_of_parts_is_not_itself_ready_its_parts_are(
    dprk, tmp_path, tick, as_of
):
    """`status` called a pending measure made of parts ready (`--ready`, its flag, its
    party's `ready` count), while `next` listed its part alone and `mark` refuses it, so
    `status --ready --format ids | dprk mark - implemented` failed, all or nothing. As
    `next` has it, such a measure is neither ready nor blocked, its parts are, on a past
    day too."""
    ledger = tmp_path / "dprk-ledger.toml"
    day = ["--as-of", as_of] if as_of else []
    assert dprk("init", "--party", "GOES", "--party", "FMLN").code == 0
    for title, ident, *whole in (("Demobilise", "demob"), ("Phase 1", "p1", "--part-of", "demob")):
        added = dprk("add-measure", title, "--actor", "FMLN", "--id", ident, *whole,
                     "--status", "agreed", "--date", "1992-01-16")  # fmt: skip
        assert added.code == 0, added.err
    before = ledger.read_bytes()
    ready = dprk("status", *day, "--ready", "--format", "ids")
    assert (ready.code, ready.out, ready.err) == (0, "p1\n", "")
    assert dprk("next", *day, "--format", "ids").out == ready.out
    assert dprk("status", *day, "--blocked", "--format", "ids").out == ""
    status = json.loads(dprk("status", *day, "--format", "json").out)
    fmln = status["parties"]["FMLN"]
    assert (fmln["pending"], fmln["ready"], fmln["blocked"]) == (2, 1, 0)
    table = dprk("status", *day)
    assert table.code == 0, table.err
    assert re.search(r"\nFMLN +2 +0 +0 +2 +0 +1 +0 +0 +0 +0\n", table.out), table.out
    assert re.search(r"\ndemob +FMLN +agreed +- +- +1992-01-16 +Demobilise\n", table.out)
    assert re.search(r"\n└ p1 +FMLN +agreed +- +- +1992-01-16 +ready +Phase 1\n", table.out)
    assert ledger.read_bytes() == before
    marked = dprk("mark", "-", "implemented", "--date", "1992-06-30", stdin=ready.out)
    assert marked.code == 0, marked.err
    after = ledger.read_bytes()
    assert b'status = "implemented"' in after and after != before
    assert dprk("undo").code == 0 and ledger.read_bytes() == before
    assert dprk("mark", "p1", "implemented", "--date", "1992-06-30").code == 0
    assert ledger.read_bytes() == after
    # Held by an order of its own, its part waits for what it waits for: `next` lists the
    # part blocked, and `status --blocked` the part alone too.
    assert dprk("undo").code == 0
    assert dprk("add-measure", "Ceasefire", "--actor", "GOES", "--id", "ceasefire",
                "--status", "agreed", "--date", "1992-01-16").code == 0  # fmt: skip
    assert dprk("sequence", "demob", "--after", "ceasefire", "--date", "1992-01-20").code == 0
    blocked = dprk("status", *day, "--blocked", "--format", "ids")
    assert (blocked.code, blocked.out) == (0, "p1\n")
    steps = json.loads(dprk("next", *day, "--format", "json").out)
    assert [r["id"] for r in steps["blocked"]] == ["p1"]
    fmln = json.loads(dprk("status", *day, "--format", "json").out)["parties"]["FMLN"]
    assert (fmln["ready"], fmln["blocked"]) == (0, 1)


def test_a_measure_whose_only_part_has_none_left_to_act_says_so_of_that_part(dprk, empty):
    """w's one part v is made of l alone, withdrawn: `check` said of w 'none of its parts
    is left to act (v proposed)', a pending part, which read as a contradiction."""
    _add(dprk, "w", actor="US")
    _add(dprk, "v", part_of="w", actor="US")
    _add(dprk, "l", part_of="v", actor="US")
    assert dprk("mark", "l", "withdrawn", "--date", "2020-02-01").code == 0
    said = dprk("check").out
    assert "warning: v: is proposed, and none of its parts is left to act (l withdrawn)" in said
    assert (
        "warning: w: is proposed, and none of its parts is left to act (v, none of whose "
        "parts is left to act either)"
    ) in said


def test_a_deadlock_through_a_measure_of_four_parts_lists_them_as_prose_does(dprk, empty):
    """Decommissioning in four rounds, in a deadlock with the Executive: every view said
    'decom acts through its parts decom-1 and decom-2 and decom-3 and decom-4', and three
    measures carried out together 'a and b and c'. A list in prose reads 'a, b, c and d'
    wherever dprk writes one."""
    _add(dprk, "decom")
    _add(dprk, "decom-1", "decom-2", "decom-3", "decom-4", part_of="decom")
    _add(dprk, "exec", actor="US")
    _seq(dprk, "decom", "--after", "exec")
    closing = dprk("sequence", "exec", "--after", "decom", "--date", "2020-01-03")
    parts = "decom acts through its parts decom-1, decom-2, decom-3 and decom-4"
    assert closing.err.endswith(
        "dprk: warning: deadlock: exec waits for decom (agreed by all); decom waits for exec "
        f"(agreed by all); {parts}; it stands from 2020-01-03; 'dprk plan' shows it\n"
    ), closing.err
    [deadlock] = _plan(dprk)["deadlocks"]
    assert deadlock["text"].endswith(f"; {parts}")
    assert f"; {parts}. Dropping one demand breaks it: " in dprk("plan").out
    assert f"; {parts}; dropping one demand breaks it: " in dprk("check").out
    _add(dprk, "a", "b", "c", "x")
    _seq(dprk, "a", "--with", "b")
    _seq(dprk, "b", "--with", "c")
    _seq(dprk, "c", "--after", "x")
    _seq(dprk, "x", "--after", "a")
    [group] = [d for d in _plan(dprk)["deadlocks"] if "x" in d["measures"]]
    assert group["text"].endswith("; a, b and c are to be carried out together"), group["text"]


def _guarantees(dprk) -> None:
    """Security guarantees (g), acting through two parts, and the inventory (inv): each
    side demands that the other's goes first, from 2018-07-01: a deadlock."""
    _add(dprk, "g", actor="US", day="2018-06-12")
    _add(dprk, "ex", "bo", part_of="g", actor="US", day="2018-06-12")
    _add(dprk, "inv", day="2018-06-12")
    first = ("sequence", "inv", "--after", "g", "--demanded-by", "DPRK", "--date", "2018-07-01")
    assert dprk(*first).code == 0
    closing = dprk("sequence", "g", "--after", "inv", "--demanded-by", "US", "--date",
                   "2018-07-01")  # fmt: skip
    assert closing.code == 0
    assert closing.err.endswith(
        "dprk: warning: deadlock: inv waits for g (demanded by DPRK); g waits for inv "
        "(demanded by US); g acts through its parts bo and ex; it stands from 2018-07-01; "
        "'dprk plan' shows it\n"
    ), closing.err


def test_a_deadlock_that_stood_is_not_warned_of_again_when_its_whole_s_parts_change(dprk, empty):
    """g and inv have been deadlocked since 2018-07-01. Adding a part to g, marking one
    withdrawn and undoing that each warned 'deadlock: ...' again, as if the write had
    made it: a deadlock was told from another by its measures, the parts g acts through
    included, and only the list of g's parts had changed. The circle of demands is the
    same: none of these writes made it."""
    _guarantees(dprk)
    before = empty.read_bytes()
    added = dprk("add-measure", "Cancel deployment", "--actor", "US", "--id", "cd",
                 "--part-of", "g", "--date", "2018-07-10")  # fmt: skip
    assert added.code == 0 and added.err == "", added.err
    assert empty.read_bytes() != before
    before = empty.read_bytes()
    withdrawn = dprk("mark", "bo", "withdrawn", "--date", "2018-08-01")
    assert withdrawn.code == 0 and "deadlock" not in withdrawn.err, withdrawn.err
    assert empty.read_bytes() != before
    undone = dprk("undo")
    assert undone.code == 0 and "deadlock" not in undone.err, undone.err
    assert empty.read_bytes() == before
    [deadlock] = _plan(dprk)["deadlocks"]
    assert deadlock["parts"] == [["g", "bo", "cd", "ex"]]
    # (the deadlock stands: an order of it given again says so, as it did)
    again = dprk("sequence", "g", "--after", "inv", "--demanded-by", "US", "--date",
                 "2018-09-01")  # fmt: skip
    assert "dprk: warning: still deadlocked: inv waits for g" in again.err, again.err


def test_a_part_added_that_closes_a_circle_by_its_own_order_warns_of_the_deadlock(dprk, empty):
    """inv waits for g, which has no parts yet: no deadlock. A first part of g that is to
    follow inv makes g act through a measure waiting for inv: the write made a deadlock,
    and says so (a part's own order is one of the circle's demands)."""
    _add(dprk, "g", actor="US", day="2018-06-12")
    _add(dprk, "inv", day="2018-06-12")
    _seq(dprk, "inv", "--after", "g", "--demanded-by", "DPRK")
    added = dprk("add-measure", "Exercises", "--actor", "US", "--id", "ex", "--part-of", "g",
                 "--after", "inv", "--date", "2020-01-03")  # fmt: skip
    assert added.code == 0
    assert added.err.endswith(
        "dprk: warning: deadlock: inv waits for g (demanded by DPRK); ex waits for inv "
        "(agreed by all); g acts through its part ex; it stands from 2020-01-03; 'dprk plan' "
        "shows it\n"
    ), added.err
    [deadlock] = _plan(dprk)["deadlocks"]
    assert deadlock["measures"] == ["ex", "g", "inv"]


def test_a_part_added_to_a_deadlock_that_stood_with_an_order_of_its_own_warns_of_the_circle(
    dprk, empty
):
    """g and inv stand deadlocked. A part of g added to follow z, which follows g, brings
    z into the circle (every part of g waits): a deadlock the write made, said as such."""
    _guarantees(dprk)
    _add(dprk, "z", day="2018-06-12")
    assert dprk("sequence", "z", "--after", "g", "--date", "2018-07-01").code == 0
    added = dprk("add-measure", "Cancel deployment", "--actor", "US", "--id", "cd",
                 "--part-of", "g", "--after", "z", "--date", "2018-07-10")  # fmt: skip
    assert added.code == 0
    assert "dprk: warning: deadlock: " in added.err and "cd waits for z" in added.err, added.err
    assert "still deadlocked" not in added.err


def test_a_deadlock_made_on_a_past_day_that_stands_with_other_parts_is_not_said_gone(dprk, empty):
    """g's part cd was added on 2018-07-10 and bo withdrawn on 2018-08-01; the circle of
    g and inv, closed today as of 2018-07-01, stands. The warning also said that the
    deadlock of 2018-07-01 'no longer stands': what stands now was compared by its
    measures, and bo, one of g's parts then, is in it no more."""
    _add(dprk, "g", actor="US", day="2018-06-12")
    _add(dprk, "ex", "bo", part_of="g", actor="US", day="2018-06-12")
    _add(dprk, "inv", day="2018-06-12")
    _add(dprk, "cd", part_of="g", actor="US", day="2018-07-10")
    assert dprk("mark", "bo", "withdrawn", "--date", "2018-08-01").code == 0
    first = ("sequence", "inv", "--after", "g", "--demanded-by", "DPRK", "--date", "2018-07-01")
    assert dprk(*first).code == 0
    closing = dprk("sequence", "g", "--after", "inv", "--demanded-by", "US", "--date",
                   "2018-07-01")  # fmt: skip
    assert closing.code == 0
    assert closing.err.endswith(
        "g: after inv, demanded by US\n"
        "dprk: warning: deadlock: inv waits for g (demanded by DPRK); g waits for inv "
        "(demanded by US); g acts through its parts cd and ex; it stands from 2018-07-01; "
        "'dprk plan' shows it\n"
    ), closing.err


def test_a_whole_offered_again_once_its_parts_were_undone_is_pending(dprk, empty):
    """w, carried out through p1 and undone as p1 was reversed, offered again the day
    after: it stood reversed still, so the readiness views had B's step bs wait for a
    reversed measure and counted w as neither pending nor blocked. Offered again, it is
    pending: bs waits for it, and it is in the deadlock of the two, as its part p2 is."""
    _add(dprk, "w")
    _add(dprk, "p1", "p2", part_of="w")
    _add(dprk, "bs", actor="US")
    _mark(dprk, "p1", "implemented", "2020-02-01")
    _mark(dprk, "p1", "reversed", "2020-02-29")
    _mark(dprk, "w", "proposed", "2020-03-01")
    result = dprk("sequence", "bs", "--after", "w", "--date", "2020-03-02")
    assert result.code == 0, result.err
    result = dprk("sequence", "w", "--after", "bs", "--date", "2020-03-02")
    assert result.code == 0, result.err
    assert _flags(dprk) == {"bs": "deadlocked", "p2": "deadlocked", "w": "deadlocked"}
    blocked = {b["id"]: b for b in _next(dprk)["blocked"]}
    assert sorted(blocked) == ["bs", "p2"]
    assert '"reversed"' not in json.dumps(blocked["bs"])
    assert blocked["bs"]["reversed_on"] is None
    counts = dprk("status").out.splitlines()
    # (pending: w and p2; blocked: p2 alone, as w acts through it)
    assert re.match(r"DPRK\s+3\s+0\s+0\s+2\s+0\s+0\s+1\b", counts[2]), counts[2]


def _withdrawal_in_two_parts(dprk) -> None:
    """The Cuban withdrawal w in two parts, and a redeployment y; South Africa's x to
    follow w, as it demanded; the first part carried out on 10 January 1989."""
    for args in (
        ("add-measure", "Cuban withdrawal", "--actor", "DPRK", "--id", "w"),
        ("add-measure", "Cuban redeployment", "--actor", "DPRK", "--id", "y"),
        ("add-measure", "First 3,000 out", "--actor", "DPRK", "--id", "p1", "--part-of", "w"),
        ("add-measure", "All out", "--actor", "DPRK", "--id", "p2", "--part-of", "w"),
        ("add-measure", "Start Resolution 435", "--actor", "US", "--id", "x"),
    ):
        result = dprk(*args, "--status", "agreed", "--date", "1988-12-22")
        assert result.code == 0, result.err
    result = dprk("sequence", "x", "--after", "w", "--demanded-by", "US", "--date", "1988-12-22")
    assert result.code == 0, result.err
    _mark(dprk, "p1", "implemented", "1989-01-10")


@pytest.mark.parametrize("moved_first", [False, True], ids=["moved-after", "moved-before"])
def test_a_whole_is_judged_by_the_parts_it_had_on_the_day_after_one_moved_out(
    dprk, empty, moved_first
):
    """x acted on 1 April 1989, after w had acted through its part p1 (10 January); p1
    was moved to y by an edit dated June 1989. `check` said x acted although w 'has not
    acted', then, once p2 acted in 1991, 'before w acted on 1991-05-25', and advised
    dropping the real demand, while `status --as-of`, `next --as-of` and the timeline had
    w under way from 10 January. A whole is judged by the parts it had on the day, as
    every view reads it, whichever order the move and the act were entered in."""
    _withdrawal_in_two_parts(dprk)
    steps = [
        ("mark", "x", "implemented", "--date", "1989-04-01"),
        ("edit", "p1", "--part-of", "y", "--date", "1989-06-01"),
    ]
    for args in reversed(steps) if moved_first else steps:
        result = dprk(*args)
        assert result.code == 0, result.err
    on = json.loads(dprk("status", "--as-of", "1989-04-01", "--format", "json").out)
    assert {m["id"]: m["status"] for m in on["measures"]}["w"] == "implemented"
    for _ in range(2):  # (and with the cache gone, read anew)
        assert dprk("check", "--strict").out == "ok: no problems found\n"
        shutil.rmtree(empty.parent / ".dprk")
    _mark(dprk, "p2", "implemented", "1991-05-25")
    for _ in range(2):
        assert dprk("check", "--strict").out == "ok: no problems found\n"
        shutil.rmtree(empty.parent / ".dprk")


@pytest.mark.parametrize(
    ("day", "warned"),
    [
        ("1989-01-05", "before 'w' acted on 1989-01-10 (it was to follow it, demanded by US)"),
        (
            "1989-07-01",
            "after 'w', which it was to follow, demanded by US, stood agreed on "
            "1989-06-01, as its parts gave it (it acted again on 1991-05-25)",
        ),
    ],
    ids=["before-its-part-acted", "after-its-part-left"],
)
def test_a_follower_that_acted_while_its_whole_had_not_is_warned_of_though_a_part_moved(
    dprk, empty, day, warned
):
    """x, to follow w, acted before w's part p1 did, or after p1 (the only part of w
    that had acted) was moved to y and before p2 acted: w had not acted on that day,
    by the parts it had then; `check` says so, and when w acted."""
    _withdrawal_in_two_parts(dprk)
    for args in (
        ("mark", "x", "implemented", "--date", day),
        ("edit", "p1", "--part-of", "y", "--date", "1989-06-01"),
        ("mark", "p2", "implemented", "--date", "1991-05-25"),
    ):
        result = dprk(*args)
        assert result.code == 0, result.err
    for _ in range(2):
        checked = dprk("check")
        assert (checked.code, checked.out) == (
            0,
            f"warning: x: acted on {day}, {warned}; no fix needed if that is what "
            "happened; if the order was entered by mistake: 'dprk drop-entry x 2' "
            "[acted-out-of-order]\n0 errors, 1 warning\n",
        )
        shutil.rmtree(empty.parent / ".dprk")


def _disablement_before_the_fuel(dprk) -> None:
    """The disablement `disable`, to follow the fuel oil `hfo` as the DPRK demanded, acts
    through its part `rods` (unloading the fuel rods, 5 November 2007); `dismantle`, a
    whole of its own, and `early`, carried out on 4 October, beside them; the fuel came on
    1 December."""
    for args in (
        ("add-measure", "Disable Yongbyon", "--actor", "DPRK", "--id", "disable"),
        ("add-measure", "Dismantle Yongbyon", "--actor", "DPRK", "--id", "dismantle"),
        ("add-measure", "Unload fuel rods", "--actor", "DPRK", "--id", "rods",
         "--part-of", "disable"),
        ("add-measure", "HFO", "--actor", "ROK", "--id", "hfo"),
        ("add-measure", "Early", "--actor", "ROK", "--id", "early"),
    ):  # fmt: skip
        result = dprk(*args, "--status", "agreed", "--date", "2007-10-03")
        assert result.code == 0, result.err
    for args in (
        ("sequence", "disable", "--after", "hfo", "--demanded-by", "DPRK", "--date", "2007-10-03"),
        ("mark", "early", "implemented", "--date", "2007-10-04"),
        ("mark", "rods", "implemented", "--date", "2007-11-05"),
        ("mark", "hfo", "implemented", "--date", "2007-12-01"),
    ):
        result = dprk(*args)
        assert result.code == 0, result.err


@pytest.mark.parametrize(
    "moved",
    [
        ("--part-of", "dismantle"),
        ("--no-part-of",),
        ("--part-of", "dismantle", "ordered"),
    ],
    ids=["to-another-whole", "out-of-any", "to-a-whole-with-an-order"],
)
def test_a_part_that_acted_before_its_wholes_order_allowed_is_warned_of_after_it_left(
    dprk, empty, moved
):
    """rods acted on 5 November 2007 as part of `disable`, which was to follow `hfo`
    (1 December): check warned, until an edit dated 1 January 2008 moved rods to
    another whole (or out of any): then it said "ok", while `status --as-of`, `next
    --as-of` and the timeline still had `disable` act through rods on 5 November. A
    part is held by the orders of each whole it was a part of, on the days it was."""
    _disablement_before_the_fuel(dprk)
    warned = dprk("check").out
    if "ordered" in moved:  # (the whole it goes to is to follow a measure that acted)
        result = dprk("sequence", "dismantle", "--after", "early", "--date", "2007-10-03")
        assert result.code == 0, result.err
        moved = moved[:-1]
    result = dprk("edit", "rods", *moved, "--date", "2008-01-01")
    assert result.code == 0, result.err
    on = json.loads(dprk("status", "--as-of", "2007-11-05", "--format", "json").out)
    assert {m["id"]: m["status"] for m in on["measures"]}["disable"] == "implemented"
    said = (
        "warning: rods: acted on 2007-11-05, before 'hfo' acted on 2007-12-01 (it was to "
        "follow it as part of 'disable' until 2008-01-01, when it left 'disable', "
        "demanded by DPRK); no fix needed if that is what happened; if the order was "
        "entered by mistake: 'dprk drop-entry disable 2' [acted-out-of-order]\n"
    )
    assert warned.startswith(said.replace(" until 2008-01-01, when it left 'disable'", ""))
    for _ in range(2):  # (and with the cache gone, read anew)
        checked = dprk("check")
        assert (checked.code, checked.out) == (0, said + "0 errors, 1 warning\n")
        found = json.loads(dprk("check", "--format", "json").out)
        assert (found["warnings"], found["problems"][0]["measure"]) == (1, "rods")
        shutil.rmtree(empty.parent / ".dprk")
    # A part that acted before it joined a whole whose order that would have broken, and
    # left it since, broke no order: nothing more to say.
    for args in (
        ("add-measure", "Shut down", "--actor", "DPRK", "--id", "shut", "--date", "2007-02-13"),
        ("add-measure", "Later aid", "--actor", "ROK", "--id", "aid", "--date", "2007-02-13"),
        ("add-measure", "Phase two", "--actor", "DPRK", "--id", "two", "--date", "2007-02-13"),
        ("sequence", "two", "--after", "aid", "--date", "2007-02-13"),
        ("mark", "shut", "implemented", "--date", "2007-07-14"),
        ("edit", "shut", "--part-of", "two", "--date", "2007-10-05"),
        ("edit", "shut", "--no-part-of", "--date", "2008-02-01"),
    ):
        result = dprk(*args)
        assert result.code == 0, result.err
    assert dprk("check").out == said + "0 errors, 1 warning\n"
    # The fuel came before rods acted after all: rods acted in order.
    assert dprk("redate", "hfo", "2", "2007-11-01").code == 0
    for _ in range(2):
        assert dprk("check", "--strict").out == "ok: no problems found\n"
        shutil.rmtree(empty.parent / ".dprk")


def _aid_with_the_disablement(dprk) -> None:
    """The fuel oil `hfo` (ROK) to be carried out together with the disablement
    `disable` (DPRK), made of `rods` and `tower`; `rods` to follow the inspectors'
    return `inspect`, as the US demanded; `dismantle` a whole of its own; the fuel came
    on 1 December 2007, before the inspectors came back."""
    for args in (
        ("add-measure", "Disable Yongbyon", "--actor", "DPRK", "--id", "disable"),
        ("add-measure", "Dismantle Yongbyon", "--actor", "DPRK", "--id", "dismantle"),
        ("add-measure", "Unload fuel rods", "--actor", "DPRK", "--id", "rods",
         "--part-of", "disable"),
        ("add-measure", "Demolish the tower", "--actor", "DPRK", "--id", "tower",
         "--part-of", "disable"),
        ("add-measure", "Inspectors return", "--actor", "DPRK", "--id", "inspect"),
        ("add-measure", "HFO", "--actor", "ROK", "--id", "hfo"),
    ):  # fmt: skip
        result = dprk(*args, "--status", "agreed", "--date", "2007-10-03")
        assert result.code == 0, result.err
    for args in (
        ("sequence", "hfo", "--with", "disable", "--date", "2007-10-03"),
        ("sequence", "rods", "--after", "inspect", "--demanded-by", "US", "--date", "2007-10-03"),
        ("mark", "hfo", "implemented", "--date", "2007-12-01"),
    ):
        result = dprk(*args)
        assert result.code == 0, result.err


@pytest.mark.parametrize(
    ("part", "whole", "held"),
    [
        ("reactor", "disable",
         "as 'reactor' was, a part of 'disable' going together with it until 2008-07-01, "
         "when 'reactor' left 'disable'"),
        ("disable", "reactor",
         "as 'reactor' was, of which 'disable', going together with it, was a part until "
         "2008-07-01, when 'disable' left 'reactor'"),
    ],
    ids=["a-part-of-the-partner", "the-whole-of-the-partner"],
)  # fmt: skip
def test_an_order_held_through_a_partner_names_the_measure_going_together_with_it(
    dprk, empty, part, whole, held
):
    """hfo2, to go together with `disable`, acted before `inspect`, which `reactor`, a
    part of disable, was to follow: check said "which it was to follow as 'reactor' was,
    going together with it", when it is disable, not reactor, that goes together with
    hfo2. The part (or the whole) of the partner is named with the partner."""
    for args in (
        ("add-measure", "Disable Yongbyon", "--actor", "DPRK", "--id", "disable"),
        ("add-measure", "Inspectors return", "--actor", "DPRK", "--id", "inspect"),
        ("add-measure", "HFO", "--actor", "ROK", "--id", "hfo2"),
        ("add-measure", "Reactor", "--actor", "DPRK", "--id", "reactor"),
    ):
        assert dprk(*args, "--status", "agreed", "--date", "2007-10-03").code == 0
    for args in (
        ("edit", part, "--part-of", whole, "--date", "2007-10-03"),
        ("sequence", "hfo2", "--with", "disable", "--date", "2007-10-03"),
        ("sequence", "reactor", "--after", "inspect", "--date", "2007-10-03"),
        ("mark", "hfo2", "implemented", "--date", "2007-12-01"),
        ("edit", part, "--no-part-of", "--date", "2008-07-01"),
    ):
        result = dprk(*args)
        assert result.code == 0, result.err
    before = empty.read_bytes()
    checked = dprk("check")
    assert checked.code == 0, checked.err
    # (an order of a day before an edit of that day, as typed or not: `vocab.KIND_RANK`)
    assert checked.out.splitlines()[0] == (
        "warning: hfo2: acted on 2007-12-01 although 'inspect', which it was to follow "
        f"{held}, has not acted; no fix needed if that is what happened; if the order was "
        "entered by mistake: 'dprk drop-entry reactor 2' [acted-out-of-order]"
    )
    assert empty.read_bytes() == before


@pytest.mark.parametrize(
    "moved", [("--part-of", "dismantle"), ("--no-part-of",)], ids=["to-another", "out-of-any"]
)
def test_a_measure_set_with_a_whole_is_held_by_a_parts_order_after_the_part_left(
    dprk, empty, moved
):
    """hfo, to go together with `disable`, acted on 1 December 2007 while disable's part
    rods was to follow `inspect`, which had not acted: check warned, until an edit dated
    1 January 2008 moved rods out of disable: then it said nothing of it, while `next
    --as-of` still had hfo wait for inspect through rods. A measure going together with
    a whole is held by the orders of the parts the whole had on the day; a part that
    joined it after the measure acted holds nothing before."""
    _aid_with_the_disablement(dprk)
    result = dprk("edit", "rods", *moved, "--date", "2008-01-01")
    assert result.code == 0, result.err
    on = json.loads(dprk("next", "--as-of", "2007-11-30", "--format", "json").out)
    waits = {b["id"]: b["waiting_for"] for b in on["blocked"]}
    assert waits["hfo"] == ["inspect"]
    said = (
        "warning: hfo: acted on 2007-12-01 although 'inspect', which it was to follow as "
        "'rods' was, a part of 'disable' going together with it until 2008-01-01, when "
        "'rods' left 'disable', demanded by US, has not acted; no fix needed if that is "
        "what happened; if the order was entered by mistake: 'dprk drop-entry rods 2' "
        "[acted-out-of-order]\n"
        "warning: hfo: acted on 2007-12-01, while 'disable', which it was to be carried "
        "out together with, has not acted; no fix needed if that is what happened; if the "
        "order was entered by mistake: 'dprk drop-entry hfo 2' [acted-out-of-order]\n"
        "0 errors, 2 warnings\n"
    )
    before = empty.read_bytes()
    for _ in range(2):  # (and with the cache gone, read anew)
        checked = dprk("check")
        assert (checked.code, checked.out) == (0, said)
        found = json.loads(dprk("check", "--format", "json").out)
        assert [p["measure"] for p in found["problems"]] == ["hfo", "hfo"]
        shutil.rmtree(empty.parent / ".dprk")
    assert empty.read_bytes() == before
    # A part that joined disable after hfo acted, to follow inspect too, held it on no
    # day it acted: nothing more to say.
    for args in (
        ("add-measure", "Seal the plant", "--actor", "DPRK", "--id", "seal", "--status",
         "agreed", "--date", "2007-10-03"),
        ("sequence", "seal", "--after", "inspect", "--date", "2007-10-03"),
        ("edit", "seal", "--part-of", "disable", "--date", "2007-12-02"),
    ):  # fmt: skip
        result = dprk(*args)
        assert result.code == 0, result.err
    assert dprk("check").out == said


def test_next_lists_the_rest_of_a_measure_carried_out_in_part(dprk, empty):
    """The rest of a measure carried out in part is owed, and can go ahead: `next` lists
    it, saying how far it went (it left it out, as it lists pending measures alone). An
    order of its own, given after it began, holds the rest: blocked, it says so too; of a
    measure made of parts, the rest is its parts' (a part done in part, those pending),
    never its own row, and the measure's order holds each (a part's rest as its own order
    would)."""
    _add(dprk, "y", actor="US")
    _add(dprk, "x", "w")
    _add(dprk, "w1", "w2", "w3", part_of="w")
    _seq(dprk, "w", "--after", "y", "--demanded-by", "US")
    for args in (
        ("mark", "x", "implemented", "--extent", "intermediate", "--date", "2020-02-01"),
        ("sequence", "x", "--after", "y", "--demanded-by", "US", "--date", "2020-02-10"),
        # (parts entered out of order: the later step first)
        ("mark", "w2", "implemented", "--extent", "minimal", "--date", "2020-03-05"),
        ("mark", "w1", "implemented", "--date", "2020-03-01"),
        ("mark", "w1", "reversed", "--date", "2020-04-01"),  # (undone: no rest of it)
    ):  # fmt: skip
        result = dprk(*args)
        assert result.code == 0, result.err
    before = empty.read_bytes()
    table = dprk("next")
    assert table.code == 0, table.err
    assert table.out.startswith("Can go ahead now\nid  actor  title\ny   US     y\n")
    assert "\nw2  DPRK   the rest (done: minimal)       y (demanded by US) [via w]\n" in table.out
    assert "\nx   DPRK   the rest (done: intermediate)  y (demanded by US)\n" in table.out
    steps = _next(dprk)
    assert steps["ready"] == [
        {"id": "y", "actor": "US", "title": "y", "in_part": False, "extent": "not-initiated"}
        | {"together_with": [], "reversed_on": None, "deadline": None, "overdue": False},
    ]
    assert [(r["id"], r["in_part"], r["extent"]) for r in steps["blocked"]] == [
        ("w2", True, "minimal"),
        ("w3", False, "not-initiated"),
        ("x", True, "intermediate"),
    ]
    assert dprk("next", "--format", "ids").out.split() == ["y"]
    assert dprk("next", "--party", "US", "--format", "ids").out.split() == ["y"]
    csv = dprk("next", "--format", "csv").out.splitlines()
    assert csv[0].endswith(",unblocks,in_part,extent,together_with,reversed_on,deadline,overdue")
    assert csv[2] == "blocked,w2,DPRK,w2,y,US,false,false,,true,minimal,,,,false"
    # Between the parts' steps, w1 was done in full (nothing left) and w2 pending, held.
    then = json.loads(dprk("next", "--as-of", "2020-03-02", "--format", "json").out)
    assert [(r["id"], r["in_part"]) for r in then["ready"]] == [("y", False)]
    assert [r["id"] for r in then["blocked"]] == ["w2", "w3", "x"]
    # The rest done, nothing of x is left to list.
    assert dprk("mark", "x", "implemented", "--date", "2020-05-01").code == 0
    assert "x" not in dprk("next", "--format", "ids").out.split()
    assert dprk("undo").code == 0
    assert empty.read_bytes() == before


def test_plan_lists_the_rest_of_a_measure_carried_out_in_part_as_next_does(dprk, empty, tmp_path):
    """`next` listed the rest of a measure carried out in part among what can go ahead,
    and `plan`, whose phase 1 is what can go ahead now, left it out. It lists it in phase 1
    (nothing holds it), worded as `next` words it, in every format and in the report's
    phased plan; the rest done, it is gone. Of a measure made of parts, the rest is its
    parts', never its own row."""
    _add(dprk, "y", actor="US")
    _add(dprk, "x", "w")
    _add(dprk, "w1", "w2", part_of="w")
    _seq(dprk, "x", "--after", "y", "--demanded-by", "US")
    for args in (
        ("mark", "y", "implemented", "--date", "2020-01-20"),
        ("mark", "x", "implemented", "--extent", "intermediate", "--date", "2020-02-01"),
        ("mark", "w2", "implemented", "--extent", "minimal", "--date", "2020-03-05"),
    ):  # fmt: skip
        result = dprk(*args)
        assert result.code == 0, result.err
    before = empty.read_bytes()
    assert dprk("next", "--format", "ids").out.split() == ["w1", "w2", "x"]
    table = dprk("plan")
    assert (table.code, table.err) == (0, "")
    assert table.out.startswith(
        "Plan\n"
        "phase  step  id  actor  left                           title\n"
        "    1  act   w1  DPRK                                  w1\n"
        "    1  act   w2  DPRK   the rest (done: minimal)       w2\n"
        "    1  act   x   DPRK   the rest (done: intermediate)  x\n"
    )
    assert _plan(dprk)["phases"] == [
        {
            "phase": 1,
            "measures": ["w1"],
            "verify": [],
            "verify_by": {},
            "rest": [{"id": "w2", "extent": "minimal"}, {"id": "x", "extent": "intermediate"}],
            "together": [],
            "again": [],
            "deadlines": {},
            "overdue": [],
        }
    ]
    assert dprk("plan", "--format", "ids").out.split() == ["w1", "w2", "x"]
    assert dprk("plan", "--format", "csv").out.splitlines()[1:] == [
        "1,act,w1,DPRK,w1,,,,,false",
        "1,act,w2,DPRK,w2,the rest (done: minimal),,,,false",
        "1,act,x,DPRK,x,the rest (done: intermediate),,,,false",
    ]
    # a past day, and a what-if, as `next` has them
    then = json.loads(dprk("plan", "--as-of", "2020-02-10", "--format", "json").out)
    assert [(p["measures"], p["rest"]) for p in then["phases"]] == [
        (["w1", "w2"], [{"id": "x", "extent": "intermediate"}])
    ]
    done = json.loads(dprk("plan", "--assume", "x=implemented", "--format", "json").out)
    assert [p["rest"] for p in done["phases"]] == [[{"id": "w2", "extent": "minimal"}]]
    less = dprk("plan", "--assume", "w1=implemented:minimal", "--format", "ids")
    assert less.out.split() == ["w1", "w2", "x"]
    page = tmp_path / "talks.html"
    assert dprk("report", "--output", str(page)).code == 0
    html = page.read_text()
    assert (
        '<span class="id">x</span> <small>DPRK</small> <small>the rest (done: '
        "intermediate)</small>" in html
    )
    assert empty.read_bytes() == before
    # the rest done, nothing of x is left to plan
    assert dprk("mark", "x", "implemented", "--date", "2020-05-01").code == 0
    assert dprk("plan", "--format", "ids").out.split() == ["w1", "w2"]


def _whole_held_by_its_finding(dprk, acted: str | None) -> None:
    """w (DPRK) and x (US): x waits for w to be verified and w for x; w marked `acted`
    (an extent, or None: pending) before the orders, part p added to w on 2016-01-01."""
    _add(dprk, "w", day="2015-02-01")
    _add(dprk, "x", actor="US", day="2015-02-01")
    if acted is not None:
        marked = dprk("mark", "w", "implemented", "--extent", acted, "--date", "2015-03-01")
        assert marked.code == 0, marked.err
    for args in (("x", "--after", "w", "--require", "verified", "--demanded-by", "US"),
                 ("w", "--after", "x", "--demanded-by", "DPRK")):  # fmt: skip
        result = dprk("sequence", *args, "--date", "2015-04-01")
        assert result.code == 0, result.err


def _deadlocked_views(dprk, *as_of: str) -> list[list[str]]:
    """The measures in a deadlock as `plan` names them, as `status --deadlocked` keeps
    them, as status's JSON flags them and as the line under its table names them."""
    plan = json.loads(dprk("plan", *as_of, "--format", "json").out)
    kept = dprk("status", *as_of, "--deadlocked", "--format", "ids")
    assert kept.code == 0, kept.err
    flagged = json.loads(dprk("status", *as_of, "--format", "json").out)["measures"]
    line = re.search(r"^deadlocked: (.*) \('dprk plan'", dprk("status", *as_of).out, re.M)
    return [
        sorted({i for d in plan["deadlocks"] for i in d["measures"]}),
        kept.out.split(),
        [m["id"] for m in flagged if m["deadlocked"]],
        line.group(1).split(", ") if line else [],
    ]


def test_a_whole_that_acted_is_flagged_deadlocked_when_its_part_closes_the_circle(dprk, empty):
    """w acted, then x was to follow its finding and w to follow x: an order that holds
    nothing of w until part p comes. From then w's finding waits for p, which waits for
    x: `plan` and the write's warning named w in the circle, `status` flagged p and x
    alone (the stand-in for w's finding was left out of the deadlocked measures)."""
    _whole_held_by_its_finding(dprk, "full")
    added = dprk("add-measure", "Part", "--actor", "DPRK", "--id", "p", "--part-of", "w",
                 "--date", "2016-01-01")  # fmt: skip
    assert (added.code, added.out) == (0, "p\n")
    assert added.err.endswith(
        "dprk: warning: deadlock: x waits for w to be verified (demanded by US); w waits "
        "for x (demanded by DPRK); w acts through its part p; it stands from 2016-01-01; "
        "'dprk plan' shows it\n"
    ), added.err
    before = empty.read_bytes()
    for _ in range(2):  # (served from what the first read kept, then read anew)
        assert _deadlocked_views(dprk) == [["p", "w", "x"]] * 4
        kept = dprk("status", "--deadlocked", "--format", "ids")
        assert (kept.code, kept.out) == (0, "p\nw\nx\n")
        table = dprk("status")
        assert table.code == 0
        assert "deadlocked: p, w, x ('dprk plan' shows who demands what)" in table.out
        assert re.search(r"^w +DPRK +implemented .* deadlocked +w$", table.out, re.M)
        counts = json.loads(dprk("status", "--format", "json").out)["parties"]["DPRK"]
        assert (counts["pending"], counts["blocked"]) == (1, 1)  # (w is not pending)
        shutil.rmtree(empty.parent / ".dprk")
    assert empty.read_bytes() == before


@pytest.mark.parametrize("acted", [None, "full", "minimal"])
def test_plan_and_status_name_the_same_deadlocked_measures_on_every_day(dprk, empty, acted):
    """Whether w is pending, carried out or carried out in part, on days before and
    after its part was added, today, warm or read anew: `plan`, `status --deadlocked`,
    the flags and the line under the table name the same measures."""
    _whole_held_by_its_finding(dprk, acted)
    added = dprk("add-measure", "Part", "--actor", "DPRK", "--id", "p", "--part-of", "w",
                 "--date", "2016-01-01")  # fmt: skip
    assert added.code == 0, added.err
    circle = {"2015-03-15": [], "2015-12-31": ["w", "x"] if acted is None else []}
    circle |= {"2016-01-01": ["p", "w", "x"], "2016-06-01": ["p", "w", "x"]}
    for _ in range(2):
        for day, names in circle.items():
            assert _deadlocked_views(dprk, "--as-of", day) == [names] * 4, day
        assert _deadlocked_views(dprk) == [["p", "w", "x"]] * 4
        shutil.rmtree(empty.parent / ".dprk")


def test_a_pending_whole_whose_part_alone_is_in_a_circle_is_not_flagged_deadlocked(dprk, empty):
    """p, w's only part, and x wait for each other by their own orders: the circle runs
    through p, not through w (nothing waits for w, and no order of w's is in it). `plan`
    and the warning leave w out; `status` flagged it all the same."""
    _add(dprk, "w", "p", "x", day="2015-02-01")
    assert dprk("edit", "p", "--part-of", "w", "--date", "2015-02-01").code == 0
    _seq(dprk, "x", "--after", "p")
    made = dprk("sequence", "p", "--after", "x", "--date", "2020-01-02")
    assert (made.code, made.err) == (0, (
        "p: after x\n"
        "dprk: warning: deadlock: x waits for p (agreed by all); p waits for x (agreed by "
        "all); it stands from 2020-01-02; 'dprk plan' shows it\n"
    ))  # fmt: skip
    for _ in range(2):
        assert _deadlocked_views(dprk) == [["p", "x"]] * 4
        shutil.rmtree(empty.parent / ".dprk")


@pytest.mark.parametrize("own", [False, True], ids=["by-a-part", "on-its-own"])
def test_a_deadlock_on_the_finding_of_a_whole_that_acted_says_it_is_verified_through_its_part(
    dprk, empty, own
):
    """w acted (through p1, or on its own before its parts were made); y waits for w to be
    verified, and p2 for y. What p2 holds up is w's finding (every part must be verified
    for w to be), not its action: the warning, `plan` and `check` said 'w acts through
    its part p2'. They say it is verified only once p2 acts and is verified; a wait for
    w to act still reads 'acts through'."""
    _add(dprk, "w", day="2020-01-01")
    if own:
        assert dprk("mark", "w", "implemented", "--date", "2020-01-15").code == 0
    _add(dprk, "p1", "p2", part_of="w", day="2020-01-20")
    _add(dprk, "y", actor="US", day="2020-01-01")
    if not own:
        assert dprk("mark", "p1", "implemented", "--date", "2020-02-01").code == 0
    ordered = dprk("sequence", "y", "--after", "w", "--require", "verified", "--demanded-by",
                   "US", "--date", "2020-03-01")  # fmt: skip
    assert (ordered.code, ordered.err) == (0, "y: after w (verified), demanded by US\n")
    before = empty.read_bytes()
    made = dprk("sequence", "p2", "--after", "y", "--demanded-by", "DPRK", "--date", "2020-04-01")
    said = (
        "y waits for w to be verified (demanded by US); p2 waits for y (demanded by DPRK); "
        "w is verified only once its part p2 acts and is verified"
    )
    assert (made.code, made.err) == (0, (
        "p2: after y, demanded by DPRK\n"
        f"dprk: warning: deadlock: {said}; it stands from 2020-04-01; 'dprk plan' shows it\n"
    ))  # fmt: skip
    assert empty.read_bytes() != before and b'after = "y"' in empty.read_bytes()
    written = empty.read_bytes()
    for _ in range(2):  # (as drawn, and as kept beside the ledger)
        plan = dprk("plan")
        assert plan.code == 0 and f"Deadlock 1 since 2020-04-01: {said}. Dropping" in plan.out
        [deadlock] = _plan(dprk)["deadlocks"]
        assert (deadlock["text"], deadlock["parts"]) == (said, [["w", "p2"]])
        check = dprk("check")
        assert check.code == 0 and f"warning: y: deadlock: {said}; dropping" in check.out
    shutil.rmtree(empty.parent / ".dprk")
    assert _plan(dprk)["deadlocks"][0]["text"] == said
    assert empty.read_bytes() == written
    # Waiting for w to act instead: p2 holds up its action no more (w acted), no circle.
    acted = dprk("sequence", "y", "--after", "w", "--demanded-by", "US", "--date", "2020-05-01")
    assert acted.code == 0 and "it no longer stands" in acted.err, acted.err
    assert _plan(dprk)["deadlocks"] == []


@pytest.mark.parametrize("viewed", [None, "status", "plan"])
def test_a_follower_carried_out_says_the_circle_through_a_whole_done_in_part_ended(
    dprk, tmp_path, viewed
):
    """x waits for w in full, w for x; p1, one of w's parts, acted, p2 still waits. x
    carried out ends the circle (`plan --history`: until that day), and the write said
    so, but only when no view had run since the write before it: the ledger then known
    to hold nothing dated later, the write looked back from x along the orders of the
    measures still pending only, and w, acted in part through p1, was passed over."""
    assert dprk("init", "--title", "T", "--party", "A", "--party", "B").code == 0
    for ident, actor, whole in (("w", "B", []), ("p1", "B", ["--part-of", "w"]),
                                ("p2", "B", ["--part-of", "w"]), ("x", "A", [])):  # fmt: skip
        made = dprk("add-measure", ident.upper(), "--actor", actor, "--id", ident, *whole,
                    "--date", "2007-02-13", "--status", "agreed")  # fmt: skip
        assert made.code == 0, made.err
    for args in (
        ("sequence", "x", "--after", "w", "--require", "full", "--demanded-by", "A",
         "--date", "2007-04-14"),
        ("sequence", "w", "--after", "x", "--demanded-by", "B", "--date", "2007-04-20"),
        ("mark", "p1", "implemented", "--date", "2007-07-12"),
    ):  # fmt: skip
        assert dprk(*args).code == 0
    if viewed is not None:
        assert dprk(viewed).code == 0
    before = (tmp_path / "dprk-ledger.toml").read_bytes()
    acted = dprk("mark", "x", "implemented", "--date", "2007-07-14")
    circle = (
        "x waits for w to be done in full (demanded by A); w waits for x (demanded by B); "
        "w acts through its parts p1 and p2"
    )
    assert (acted.code, acted.err) == (0, (
        "x: implemented on 2007-07-14\n"
        f"dprk: warning: deadlock on 2007-04-20: {circle}; it no longer stands "
        "('dprk plan --as-of 2007-04-20' shows it then)\n"
        "dprk: warning: x: acted on 2007-07-14 although 'w', which it was to follow, "
        "demanded by A, has not been done in full; no fix needed if that is what "
        "happened; if the order was entered by mistake: 'dprk drop-entry x 2'\n"
    ))  # fmt: skip
    after = (tmp_path / "dprk-ledger.toml").read_bytes()
    assert after != before and b"date = 2007-07-14" in after
    history = dprk("plan", "--history", "--format", "json")
    assert [(d["from"], d["until"]) for d in json.loads(history.out)["deadlocks"]] == [
        ("2007-04-20", "2007-07-14")
    ]
