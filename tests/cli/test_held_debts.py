"""A debt an agreed order still holds back is not yet due, through the real entry point:
the exchange stays in the balance (and in `status`'s counts), but while the measure that
owes may not go ahead (`next` lists it blocked), its `since` and `days` are null and
`held_by` names what holds it; once the order is met, the debt runs from the day it came
to be met, when that is later than the day the other side acted. (The Prespa agreement:
Greece was to ratify once North Macedonia had amended its constitution in full.)"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest


def _run(dprk, *args: str) -> str:
    result = dprk(*args)
    assert result.code == 0, (args, result.err)
    return result.out


def _prespa(dprk, *, order: tuple[str, ...] | None = ("--require", "full")) -> None:
    _run(dprk, "init", "--title", "Prespa", "--party", "Greece", "--party", "Macedonia")
    _run(
        dprk, "add-measure", "Amend the constitution", "--actor", "Macedonia",
        "--id", "constitution", "--status", "agreed", "--date", "2018-06-17",
    )  # fmt: skip
    _run(
        dprk, "add-measure", "Ratify the agreement", "--actor", "Greece", "--id", "ratify",
        "--status", "agreed", "--date", "2018-06-17", "--in-exchange-for", "constitution",
    )  # fmt: skip
    if order is not None:
        _run(dprk, "sequence", "ratify", "--after", "constitution", *order, "--date", "2018-06-17")


def _balance(dprk, day: str) -> dict:
    return json.loads(_run(dprk, "balance", "--as-of", day, "--format", "json"))["parties"]


def _entry(measure: str, counterpart: str, since, days, held_by, in_part=False) -> dict:
    return {
        "measure": measure, "counterpart": counterpart, "since": since, "days": days,
        "in_part": in_part, "disputed": False, "held_by": held_by,
    }  # fmt: skip


def test_a_debt_an_unmet_order_holds_has_no_since_and_says_what_holds_it(dprk, tmp_path: Path):
    _prespa(dprk)
    _run(dprk, "mark", "constitution", "implemented", "--extent", "minimal", "--date", "2018-10-19")
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    # (`next` says ratification may not start yet: the balance must not say it is overdue)
    assert "ratify  Greece  constitution (in full)" in _run(
        dprk, "next", "--as-of", "2018-12-01", "--party", "Greece"
    )
    parties = _balance(dprk, "2018-12-01")
    # (the debt stands, on both sides of the exchange, but is not yet due)
    assert parties["Greece"] == {
        "owed": [],
        "owes": [_entry("ratify", "constitution", None, None, ["constitution"])],
    }
    assert parties["Macedonia"] == {
        "owed": [_entry("constitution", "ratify", None, None, ["constitution"])],
        "owes": [],
    }
    table = _run(dprk, "balance", "--as-of", "2018-12-01")
    owes = table.split("Owes:")[1]
    assert "Greece  ratify   constitution" in owes
    assert "held by constitution (in full)" in owes and "43" not in table
    assert "held by constitution (in full)" in table.split("Owes:")[0]
    rows = list(
        csv.DictReader(io.StringIO(_run(dprk, "balance", "--as-of", "2018-12-01", "-f", "csv")))
    )
    assert list(rows[0])[-1] == "held_by"
    assert [(r["party"], r["since"], r["days"], r["held_by"]) for r in rows] == [
        ("Greece", "", "", "constitution"),
        ("Macedonia", "", "", "constitution"),
    ]
    # (still counted: Greece owes one measure)
    status = json.loads(_run(dprk, "status", "--as-of", "2018-12-01", "--format", "json"))
    assert (status["parties"]["Greece"]["owes"], status["parties"]["Macedonia"]["owed"]) == (1, 1)
    assert ledger.read_bytes() == before


def test_a_debt_freed_by_its_order_runs_from_the_day_the_order_came_to_be_met(dprk):
    _prespa(dprk)
    _run(dprk, "mark", "constitution", "implemented", "--extent", "minimal", "--date", "2018-10-19")
    _run(dprk, "mark", "constitution", "implemented", "--extent", "full", "--date", "2019-01-11")
    parties = _balance(dprk, "2019-01-20")
    assert parties["Greece"]["owes"] == [_entry("ratify", "constitution", "2019-01-11", 9, [])]
    assert parties["Macedonia"]["owed"] == [_entry("constitution", "ratify", "2019-01-11", 9, [])]
    table = _run(dprk, "balance", "--as-of", "2019-01-20")
    assert "held by" not in table and "2019-01-11" in table
    # (a day before, it was held still: the past as it stood)
    assert _balance(dprk, "2018-12-01")["Greece"]["owes"][0]["held_by"] == ["constitution"]
    # (each year's end as it stood: held at the end of 2018, not the year after)
    years = json.loads(
        _run(dprk, "balance", "--yearly", "--as-of", "2019-01-20", "--format", "json")
    )
    assert [y["parties"]["Greece"]["owes"] for y in years] == [
        [_entry("ratify", "constitution", None, None, ["constitution"])],
        [_entry("ratify", "constitution", "2019-01-11", 9, [])],
    ]


def test_a_debt_held_until_its_counterpart_is_verified(dprk):
    _prespa(dprk, order=("--require", "verified"))
    _run(dprk, "mark", "constitution", "implemented", "--date", "2018-10-19")
    parties = _balance(dprk, "2018-12-01")
    assert parties["Greece"]["owes"] == [
        _entry("ratify", "constitution", None, None, ["constitution"])
    ]
    assert "held by constitution (verified)" in _run(dprk, "balance", "--as-of", "2018-12-01")
    _run(
        dprk, "verify", "constitution", "--by", "Venice Commission", "--new-verifier",
        "--date", "2019-02-01",
    )  # fmt: skip
    parties = _balance(dprk, "2019-02-10")
    assert parties["Greece"]["owes"] == [_entry("ratify", "constitution", "2019-02-01", 9, [])]


def test_the_rest_of_a_measure_done_in_part_held_by_an_order_given_after_it_acted(dprk):
    _prespa(dprk, order=None)
    _run(dprk, "mark", "constitution", "implemented", "--extent", "minimal", "--date", "2018-10-19")
    _run(dprk, "mark", "ratify", "implemented", "--extent", "minimal", "--date", "2018-11-01")
    # (before the order, each owes the other the rest, as ever)
    before = _balance(dprk, "2018-11-10")
    assert before["Greece"]["owes"] == [
        _entry("ratify", "constitution", "2018-10-19", 22, [], in_part=True)
    ]
    _run(dprk, "sequence", "ratify", "--after", "constitution", "--require", "full",
         "--date", "2018-11-15")  # fmt: skip
    assert "ratify  Greece  the rest (done: minimal)  constitution (in full)" in _run(
        dprk, "next", "--as-of", "2018-12-01"
    )
    parties = _balance(dprk, "2018-12-01")
    # (Greece's rest is held by its order; Macedonia's rest is not: no order holds it)
    assert parties["Greece"] == {
        "owed": [_entry("ratify", "constitution", "2018-11-01", 30, [], in_part=True)],
        "owes": [_entry("ratify", "constitution", None, None, ["constitution"], in_part=True)],
    }
    assert parties["Macedonia"] == {
        "owed": [_entry("constitution", "ratify", None, None, ["constitution"], in_part=True)],
        "owes": [_entry("constitution", "ratify", "2018-11-01", 30, [], in_part=True)],
    }
    # (the days before the order was given stay as they were)
    assert _balance(dprk, "2018-11-10") == before
    # (freed: from the day the constitution was amended in full)
    _run(dprk, "mark", "constitution", "implemented", "--extent", "full", "--date", "2019-01-11")
    assert _balance(dprk, "2019-01-20")["Greece"]["owes"] == [
        _entry("ratify", "constitution", "2019-01-11", 9, [], in_part=True)
    ]


@pytest.mark.parametrize(
    "order, steps",
    [
        # (an order to follow what had acted: met the day it acted, no later)
        (("--require", "acted"), [("constitution", "minimal", "2018-10-19")]),
        # (an order given once it was met already: it never held the debt)
        (None, [("constitution", "full", "2018-10-19")]),
    ],
)
def test_a_debt_no_order_held_is_dated_as_before(dprk, order, steps):
    _prespa(dprk, order=order)
    for ident, extent, day in steps:
        _run(dprk, "mark", ident, "implemented", "--extent", extent, "--date", day)
    if order is None:
        _run(dprk, "sequence", "ratify", "--after", "constitution", "--require", "full",
             "--date", "2018-11-15")  # fmt: skip
    parties = _balance(dprk, "2018-12-01")
    assert parties["Greece"]["owes"] == [_entry("ratify", "constitution", "2018-10-19", 43, [])]
    table = _run(dprk, "balance", "--as-of", "2018-12-01")
    assert "held by" not in table and "43" in table


def test_the_report_s_party_cards_say_what_holds_a_debt_back(dprk, tmp_path: Path):
    _prespa(dprk)
    _run(dprk, "mark", "constitution", "implemented", "--extent", "minimal", "--date", "2018-10-19")
    _run(dprk, "report", "--as-of", "2018-12-01", "--output", "held.html")
    page = (tmp_path / "held.html").read_text(encoding="utf-8")
    assert (
        '<b>Owes</b>: <span class="id">ratify</span> for <span class="id">constitution</span> '
        '(held by <span class="id">constitution</span> (in full)).'
    ) in page
    assert "days)" not in page.split("<b>Owed</b>")[1].split("</p>")[0]
    _run(dprk, "mark", "constitution", "implemented", "--extent", "full", "--date", "2019-01-11")
    _run(dprk, "report", "--as-of", "2019-01-20", "--output", "freed.html")
    page = (tmp_path / "freed.html").read_text(encoding="utf-8")
    assert (
        '<b>Owes</b>: <span class="id">ratify</span> for <span class="id">constitution</span> '
        "(9 days)."
    ) in page


def test_one_party_s_demand_holds_no_debt_back(dprk):
    """A demand is one side's claim about the order, not the agreement's: Greece asking
    for the constitution in full first does not stop the balance counting its debt."""
    _prespa(dprk, order=("--require", "full", "--demanded-by", "Greece"))
    _run(dprk, "mark", "constitution", "implemented", "--extent", "minimal", "--date", "2018-10-19")
    next_steps = _run(dprk, "next", "--as-of", "2018-12-01")
    assert "ratify  Greece  constitution (in full; demanded by Greece)" in next_steps
    parties = _balance(dprk, "2018-12-01")
    assert parties["Greece"]["owes"] == [_entry("ratify", "constitution", "2018-10-19", 43, [])]


def _held_by_a_second_order(dprk) -> None:
    """B's measure owes for A's first, which acted on 1 February 2020, and an order all
    agreed held it behind A's second until 1 June 2020."""
    _run(dprk, "init", "--party", "A", "--party", "B")
    _run(dprk, "add-measure", "a one", "--actor", "A", "--id", "a1", "--date", "2020-01-01")
    _run(dprk, "add-measure", "a two", "--actor", "A", "--id", "a2", "--date", "2020-01-01")
    _run(dprk, "add-measure", "b", "--actor", "B", "--id", "b", "--date", "2020-01-01",
         "--in-exchange-for", "a1")  # fmt: skip
    _run(dprk, "sequence", "b", "--after", "a2", "--date", "2020-01-01")
    _run(dprk, "mark", "a1", "implemented", "--date", "2020-02-01")


def _owes(dprk, day: str) -> list[tuple[str, str, str]]:
    rows = csv.DictReader(
        io.StringIO(_run(dprk, "balance", "--as-of", day, "--party", "B", "-f", "csv"))
    )
    return [(r["since"], r["days"], r["held_by"]) for r in rows if r["direction"] == "owes"]


@pytest.mark.parametrize(
    "ended",
    [
        # (met, as the order asked)
        ("mark", "a2", "implemented", "--date", "2020-06-01"),
        # (taken out: it held the debt until then all the same)
        ("sequence", "b", "--remove", "a2", "--date", "2020-06-01"),
        # (made one side's demand, which holds no debt back)
        ("sequence", "b", "--after", "a2", "--demanded-by", "B", "--date", "2020-06-01"),
    ],
)
def test_a_debt_is_due_from_the_day_the_last_order_holding_it_stopped_holding_it(
    dprk, tmp_path: Path, ended
):
    _held_by_a_second_order(dprk)
    _run(dprk, *ended)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    assert _owes(dprk, "2020-05-31") == [("", "", "a2")]
    assert _owes(dprk, "2020-06-01") == [("2020-06-01", "0", "")]
    assert _owes(dprk, "2020-06-11") == [("2020-06-01", "10", "")]
    assert _balance(dprk, "2020-06-11")["A"]["owed"] == [_entry("a1", "b", "2020-06-01", 10, [])]
    assert ledger.read_bytes() == before


def test_an_order_met_before_it_was_taken_out_frees_the_debt_from_the_day_it_was_met(dprk):
    _held_by_a_second_order(dprk)
    _run(dprk, "mark", "a2", "implemented", "--date", "2020-03-01")
    _run(dprk, "sequence", "b", "--remove", "a2", "--date", "2020-06-01")
    assert _owes(dprk, "2020-06-11") == [("2020-03-01", "102", "")]


def _sinai(dprk, *, order_on: str | None = None, order_day: str = "1980-04-01") -> None:
    """Israel's withdrawal from Sinai, in two phases, for Egypt's normal relations; an
    agreed order (on the withdrawal, or on one phase, `order_on`) to follow the autonomy
    talks, given on `order_day` (after the first phase acted in part, by default)."""
    _run(dprk, "init", "--party", "Israel", "--party", "Egypt")
    for title, *args in (
        ("Sinai withdrawal", "--actor", "Israel", "--id", "sinai"),
        ("Phase 1", "--actor", "Israel", "--id", "sinai-1", "--part-of", "sinai"),
        ("Phase 2", "--actor", "Israel", "--id", "sinai-2", "--part-of", "sinai"),
        ("Normal relations", "--actor", "Egypt", "--id", "norm", "--in-exchange-for", "sinai"),
        ("Autonomy talks open", "--actor", "Egypt", "--id", "autonomy"),
    ):
        _run(dprk, "add-measure", title, *args, "--date", "1979-03-26")
    steps = [
        ("mark", "norm", "implemented", "--date", "1980-02-26"),
        ("mark", "sinai-1", "implemented", "--extent", "intermediate", "--date", "1980-03-01"),
    ]
    if order_on is not None:
        order = ("sequence", order_on, "--after", "autonomy", "--require", "full")
        steps.insert(0 if order_day < "1980-02-26" else 2, (*order, "--date", order_day))
    for step in steps:
        _run(dprk, *step)


@pytest.mark.parametrize("order_day", ["1980-04-01", "1979-03-26"])
def test_a_whole_s_debt_its_own_order_holds_whole_is_not_yet_due(dprk, tmp_path, order_day):
    """Everything the withdrawal has left (phase 2, and the rest of phase 1) waits for
    the autonomy talks, as `next` says: its debt is held, whether the order came after
    the first phase or before any phase acted; due from the day the talks opened."""
    _sinai(dprk, order_on="sinai", order_day=order_day)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    blocked = json.loads(_run(dprk, "next", "--as-of", "1980-05-01", "--format", "json"))
    assert [r["id"] for r in blocked["blocked"]] == ["sinai-1", "sinai-2"]
    parties = _balance(dprk, "1980-05-01")
    assert parties["Israel"]["owes"] == [
        _entry("sinai", "norm", None, None, ["autonomy"], in_part=True)
    ]
    assert parties["Egypt"]["owed"] == [
        _entry("norm", "sinai", None, None, ["autonomy"], in_part=True)
    ]
    rows = _run(dprk, "balance", "--as-of", "1980-05-01", "--format", "csv").splitlines()
    assert rows[1] == "Israel,owes,sinai,norm,,,true,false,autonomy"
    assert "held by autonomy (in full)" in _run(dprk, "balance", "--as-of", "1980-05-01")
    assert ledger.read_bytes() == before
    # (the talks open: the debt runs from that day, not from the day Egypt acted)
    _run(dprk, "mark", "autonomy", "implemented", "--date", "1980-05-26")
    assert _balance(dprk, "1980-06-05")["Israel"]["owes"] == [
        _entry("sinai", "norm", "1980-05-26", 10, [], in_part=True)
    ]


def test_a_whole_s_debt_is_due_while_anything_it_has_left_is_free(dprk):
    """An order on phase 2 alone holds phase 2, not the rest of phase 1: the withdrawal
    owes all the same; once phase 1 is done in full, all it has left is held."""
    _sinai(dprk, order_on="sinai-2")
    assert _balance(dprk, "1980-05-01")["Israel"]["owes"] == [
        _entry("sinai", "norm", "1980-02-26", 65, [], in_part=True)
    ]
    _run(dprk, "mark", "sinai-1", "implemented", "--extent", "full", "--date", "1980-04-15")
    assert _balance(dprk, "1980-05-01")["Israel"]["owes"] == [
        _entry("sinai", "norm", None, None, ["autonomy"], in_part=True)
    ]


def _relocation(dprk, *, acted_part: bool = False) -> None:
    """Indonesia's relocation of troops, made of parts, in exchange for GAM's first stage
    of decommissioning; an agreed order holds its first stage (and a plain measure, for
    comparison) until that stage is verified. With `acted_part`, a stage of the relocation
    free of any order has acted before (the relocation is done in part)."""
    _run(dprk, "init", "--party", "GAM", "--party", "Indonesia")
    day = ("--status", "agreed", "--date", "2005-08-15")
    for title, *args in (
        ("Decommissioning stage 1", "--actor", "GAM", "--id", "decom-1"),
        ("Relocation", "--actor", "Indonesia", "--id", "reloc", "--in-exchange-for", "decom-1"),
        ("Relocation stage 1", "--actor", "Indonesia", "--id", "reloc-1", "--part-of", "reloc"),
        (
            "Relocation plain",
            "--actor",
            "Indonesia",
            "--id",
            "plain",
            "--in-exchange-for",
            "decom-1",
        ),
    ):
        _run(dprk, "add-measure", title, *args, *day)
    if acted_part:
        _run(dprk, "add-measure", "Relocation stage 0", "--actor", "Indonesia", "--id", "reloc-0",
             "--part-of", "reloc", *day)  # fmt: skip
        _run(dprk, "mark", "reloc-0", "implemented", "--date", "2005-09-01")
    for ident in ("reloc-1", "plain"):
        _run(dprk, "sequence", ident, "--after", "decom-1", "--require", "verified",
             "--date", "2005-08-15")  # fmt: skip
    _run(dprk, "mark", "decom-1", "implemented", "--date", "2005-09-15")


@pytest.mark.parametrize("acted_part", [False, True])
def test_a_whole_s_debt_its_parts_orders_held_runs_from_the_day_they_came_to_be_met(
    dprk, tmp_path: Path, acted_part
):
    """The relocation goes ahead through its first stage (the one left to act): held until
    the decommissioning is verified, as the plain measure is, and due from that day, not
    from the day GAM acted; whether or not another stage of it acted before."""
    _relocation(dprk, acted_part=acted_part)
    rows = [
        r
        for r in csv.DictReader(
            io.StringIO(_run(dprk, "balance", "--as-of", "2005-09-16", "-f", "csv"))
        )
        if r["direction"] == "owes"
    ]
    assert [(r["measure"], r["since"], r["held_by"]) for r in rows] == [
        ("plain", "", "decom-1"),
        ("reloc", "", "decom-1"),
    ]
    _run(dprk, "verify", "decom-1", "--by", "Monitors", "--date", "2005-09-17")
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    parties = _balance(dprk, "2005-09-20")
    assert parties["Indonesia"]["owes"] == [
        _entry("plain", "decom-1", "2005-09-17", 3, []),
        _entry("reloc", "decom-1", "2005-09-17", 3, [], in_part=acted_part),
    ]
    assert parties["GAM"]["owed"] == [
        _entry("decom-1", "plain", "2005-09-17", 3, []),
        _entry("decom-1", "reloc", "2005-09-17", 3, [], in_part=acted_part),
    ]
    line = f"Indonesia,owes,reloc,decom-1,2005-09-17,3,{str(acted_part).lower()},false,"
    assert line in _run(dprk, "balance", "--as-of", "2005-09-20", "-f", "csv").splitlines()
    assert ledger.read_bytes() == before
