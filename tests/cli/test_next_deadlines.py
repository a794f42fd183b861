"""`next` and `plan` say each measure's deadline in force and whether it is overdue,
through the real entry point: `deadline` and `overdue` last in their JSON objects (a
phase's `deadlines` and `overdue`) and CSV rows, and a deadline column in the table only
where a row has a deadline. The rows stay in their order."""

from __future__ import annotations

import csv
import io
import json


def _ceasefire(dprk) -> None:
    """Two measures with deadlines, one overdue on the day read, and one with none that
    waits for the other side's."""
    assert dprk("init", "--title", "T", "--party", "GoSL", "--party", "LTTE").code == 0
    for args in (
        ("add-measure", "Vacate schools", "--actor", "GoSL", "--id", "schools", "--status",
         "agreed", "--date", "2002-02-22", "--deadline", "2002-05-31"),
        ("add-measure", "Lift fishing ban", "--actor", "GoSL", "--id", "fish", "--status",
         "agreed", "--date", "2002-02-22", "--deadline", "2002-12-31"),
        ("add-measure", "Open roads", "--actor", "LTTE", "--id", "roads", "--status",
         "agreed", "--date", "2002-02-22"),
        ("add-measure", "Release prisoners", "--actor", "LTTE", "--id", "prisoners",
         "--status", "agreed", "--date", "2002-02-22", "--deadline", "2002-04-30"),
        ("sequence", "prisoners", "--after", "fish", "--demanded-by", "LTTE", "--date",
         "2002-03-01"),
    ):  # fmt: skip
        done = dprk(*args)
        assert done.code == 0, done.err


def test_next_says_each_deadline_and_what_is_overdue(dprk, tmp_path):
    _ceasefire(dprk)
    path = tmp_path / "dprk-ledger.toml"
    before = path.read_bytes()
    shown = dprk("next", "--as-of", "2002-06-15")
    assert (shown.code, shown.err) == (0, "")
    assert shown.out == (
        "Can go ahead on 2002-06-15\n"
        "id       actor  deadline              title\n"
        "fish     GoSL   2002-12-31            Lift fishing ban\n"
        "roads    LTTE                         Open roads\n"
        "schools  GoSL   2002-05-31 (overdue)  Vacate schools\n"
        "\n"
        "Blocked\n"
        "id         actor  deadline              waits for                note\n"
        "prisoners  LTTE   2002-04-30 (overdue)  fish (demanded by LTTE)\n"
    )
    document = json.loads(dprk("next", "--as-of", "2002-06-15", "--format", "json").out)
    ready = {r["id"]: r for r in document["ready"]}
    assert [r["id"] for r in document["ready"]] == ["fish", "roads", "schools"]
    assert list(ready["fish"])[-3:] == ["reversed_on", "deadline", "overdue"]
    assert [(r["deadline"], r["overdue"]) for r in document["ready"]] == [
        ("2002-12-31", False),
        (None, False),
        ("2002-05-31", True),
    ]
    [blocked] = document["blocked"]
    assert list(blocked)[-3:] == ["reversed_on", "deadline", "overdue"]
    assert (blocked["deadline"], blocked["overdue"]) == ("2002-04-30", True)
    rows = list(
        csv.reader(io.StringIO(dprk("next", "--as-of", "2002-06-15", "--format", "csv").out))
    )
    assert rows[0][-3:] == ["reversed_on", "deadline", "overdue"]
    assert [(r[1], r[-2], r[-1]) for r in rows[1:]] == [
        ("fish", "2002-12-31", "false"),
        ("roads", "", "false"),
        ("schools", "2002-05-31", "true"),
        ("prisoners", "2002-04-30", "true"),
    ]
    assert path.read_bytes() == before


def test_plan_says_each_deadline_and_what_is_overdue(dprk, tmp_path):
    _ceasefire(dprk)
    path = tmp_path / "dprk-ledger.toml"
    before = path.read_bytes()
    shown = dprk("plan", "--as-of", "2002-06-15")
    assert (shown.code, shown.err) == (0, "")
    assert shown.out.startswith(
        "Plan on 2002-06-15\n"
        "phase  step  id         actor  deadline              title\n"
        "    1  act   fish       GoSL   2002-12-31            Lift fishing ban\n"
        "    1  act   roads      LTTE                         Open roads\n"
        "    1  act   schools    GoSL   2002-05-31 (overdue)  Vacate schools\n"
        "    2  act   prisoners  LTTE   2002-04-30 (overdue)  Release prisoners\n"
    )
    document = json.loads(dprk("plan", "--as-of", "2002-06-15", "--format", "json").out)
    first, second = document["phases"]
    assert list(first)[-2:] == ["deadlines", "overdue"]
    assert (first["deadlines"], first["overdue"]) == (
        {"fish": "2002-12-31", "schools": "2002-05-31"},
        ["schools"],
    )
    assert (second["deadlines"], second["overdue"]) == ({"prisoners": "2002-04-30"}, ["prisoners"])
    rows = list(
        csv.reader(io.StringIO(dprk("plan", "--as-of", "2002-06-15", "--format", "csv").out))
    )
    assert rows[0] == [
        "phase", "step", "id", "actor", "title", "detail", "since", "holds", "deadline", "overdue",
    ]  # fmt: skip
    assert [(r[2], r[-2], r[-1]) for r in rows[1:]] == [
        ("fish", "2002-12-31", "false"),
        ("roads", "", "false"),
        ("schools", "2002-05-31", "true"),
        ("prisoners", "2002-04-30", "true"),
    ]
    # as the ledger stands, from what is kept beside it, and drawn again
    today = json.loads(dprk("plan", "--format", "json").out)
    assert today["phases"][0]["overdue"] == ["fish", "schools"]
    assert json.loads(dprk("plan", "--format", "json").out) == today
    assert path.read_bytes() == before


def test_a_blocked_measure_in_the_plan_says_its_deadline(dprk):
    _ceasefire(dprk)
    assert dprk("mark", "fish", "withdrawn", "--date", "2002-06-01").code == 0
    document = json.loads(dprk("plan", "--as-of", "2002-06-15", "--format", "json").out)
    [blocked] = document["blocked"]
    assert blocked["id"] == "prisoners"
    assert list(blocked)[-3:] == ["reversed_on", "deadline", "overdue"]
    assert (blocked["deadline"], blocked["overdue"]) == ("2002-04-30", True)
    shown = dprk("plan", "--as-of", "2002-06-15").out
    assert "Blocked (not planned)\nid         actor  deadline              waits for" in shown


def test_a_ledger_without_deadlines_shows_no_deadline_column(dprk):
    assert dprk("init", "--party", "A", "--party", "B").code == 0
    assert dprk("add-measure", "Talk", "--actor", "A", "--id", "talk").code == 0
    assert dprk("next").out == (
        "Can go ahead now\nid    actor  title\ntalk  A      Talk\n\nBlocked\n(nothing is blocked)\n"
    )
    assert dprk("plan").out.startswith("Plan\nphase  step  id    actor  title\n")
