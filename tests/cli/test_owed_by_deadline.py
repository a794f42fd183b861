"""A reversed measure with a deadline in force is owed again, through the real entry
point: its deadline says it is to be carried out by then, so `next`, `plan`, `status
--ready` and the report's party card list it as to carry out again (overdue once the
deadline has passed, as `status --overdue` says), as they list one the other side is owed
for. One with no deadline and no exchange stays out, as before."""

from __future__ import annotations

import json


def _places_of_worship(dprk, *, deadline: str | None = "2002-05-31") -> None:
    """The 2002 ceasefire: the government's troops vacated places of worship before the
    deadline, and took them back four years later."""
    assert dprk("init", "--title", "T", "--party", "GoSL", "--party", "LTTE").code == 0
    due = ["--deadline", deadline] if deadline is not None else []
    for args in (
        ("add-measure", "Vacate places of worship", "--actor", "GoSL", "--id", "vw",
         "--status", "agreed", "--date", "2002-02-22", *due),
        ("mark", "vw", "implemented", "--date", "2002-05-10"),
        ("mark", "vw", "reversed", "--date", "2006-08-15"),
    ):  # fmt: skip
        done = dprk(*args)
        assert done.code == 0, done.err


def test_a_reversed_measure_past_its_deadline_is_to_be_carried_out_again(dprk, tmp_path):
    _places_of_worship(dprk)
    path = tmp_path / "dprk-ledger.toml"
    before = path.read_bytes()
    overdue = dprk("status", "--overdue", "--as-of", "2007-12-31", "--format", "ids")
    assert overdue.out.split() == ["vw"]
    shown = dprk("next", "--as-of", "2007-12-31")
    assert (shown.code, shown.err) == (0, "")
    assert "(nothing can go ahead on 2007-12-31)" not in shown.out
    assert "again: reversed on 2006-08-15" in shown.out.splitlines()[2]
    document = json.loads(dprk("next", "--as-of", "2007-12-31", "--format", "json").out)
    assert [(r["id"], r["reversed_on"]) for r in document["ready"]] == [("vw", "2006-08-15")]
    plan = json.loads(dprk("plan", "--as-of", "2007-12-31", "--format", "json").out)
    assert plan["phases"][0]["measures"] == ["vw"]
    assert plan["phases"][0]["again"] == [{"id": "vw", "reversed_on": "2006-08-15"}]
    ready = dprk("status", "--ready", "--as-of", "2007-12-31", "--format", "ids")
    assert (ready.code, ready.out.split()) == (0, ["vw"])
    status = json.loads(dprk("status", "--as-of", "2007-12-31", "--format", "json").out)
    assert status["parties"]["GoSL"]["ready"] == 1
    made = dprk("report", "--as-of", "2007-12-31", "--output", "r.html")
    assert (made.code, made.out) == (0, "")
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    card = page.split("<h3>GoSL</h3>")[1].split("<h3>")[0]
    assert "<p>To do: 1 ready to go, 0 blocked." in card
    assert path.read_bytes() == before


def test_one_reversed_before_its_deadline_is_owed_by_it_too(dprk):
    """Undone before the day it is due, it is to be carried out (again) by then, as a
    pending measure with that deadline is listed before it falls due."""
    _places_of_worship(dprk, deadline="2007-05-31")
    document = json.loads(dprk("next", "--as-of", "2006-12-31", "--format", "json").out)
    assert [r["id"] for r in document["ready"]] == ["vw"]
    assert dprk("status", "--overdue", "--as-of", "2006-12-31", "--format", "ids").out == ""


def test_the_first_status_after_the_reversal_counts_it_ready(dprk):
    """The counts a write brings up (not derived again) say it as `next` does."""
    _places_of_worship(dprk)
    assert dprk("status", "--format", "json").code == 0
    assert dprk("edit", "vw", "--deadline", "2002-06-30").code == 0
    shown = dprk("status")
    [row] = [line for line in shown.out.splitlines() if line.startswith("vw ")]
    assert "ready, overdue" in row
    after = json.loads(dprk("status", "--format", "json").out)["parties"]["GoSL"]
    assert (after["ready"], after["overdue"]) == (1, 1)
    assert dprk("status", "--ready", "--format", "ids").out.split() == ["vw"]


def test_one_with_no_deadline_nobody_is_owed_for_stays_out(dprk):
    _places_of_worship(dprk, deadline=None)
    document = json.loads(dprk("next", "--format", "json").out)
    assert (document["ready"], document["blocked"]) == ([], [])
    assert dprk("status", "--ready", "--format", "ids").out == ""


def test_a_deadline_given_to_a_reversed_measure_can_close_a_deadlock(dprk, tmp_path):
    """Two measures reversed, each ordered after the other: nothing to do, no deadlock,
    until a deadline makes both owed again; the write that does so says the deadlock it
    made, and its undo that it ended."""
    assert dprk("init", "--party", "A", "--party", "B").code == 0
    for args in (
        ("add-measure", "Pull back", "--actor", "A", "--id", "a", "--status", "agreed",
         "--date", "2002-02-22", "--deadline", "2004-01-01"),
        ("add-measure", "Reopen roads", "--actor", "B", "--id", "b", "--status", "agreed",
         "--date", "2002-02-22"),
        ("mark", "a", "b", "implemented", "--date", "2002-03-01"),
        ("mark", "a", "b", "reversed", "--date", "2003-01-01"),
        ("sequence", "a", "--after", "b", "--demanded-by", "A", "--date", "2003-02-01"),
        ("sequence", "b", "--after", "a", "--demanded-by", "B", "--date", "2003-02-01"),
    ):  # fmt: skip
        done = dprk(*args)
        assert done.code == 0, done.err
    assert json.loads(dprk("plan", "--format", "json").out)["deadlocks"] == []
    path = tmp_path / "dprk-ledger.toml"
    edited = dprk("edit", "b", "--deadline", "2004-01-01", "--date", "2003-06-01")
    assert edited.code == 0, edited.err
    assert edited.err.splitlines()[-1] == (
        "dprk: warning: deadlock: b waits for a (demanded by B); a waits for b (demanded "
        "by A); it stands from 2003-06-01; 'dprk plan' shows it"
    )
    [deadlock] = json.loads(dprk("plan", "--format", "json").out)["deadlocks"]
    assert (deadlock["measures"], deadlock["since"]) == (["a", "b"], "2003-06-01")
    written = path.read_bytes()
    undone = dprk("undo")
    assert undone.code == 0
    assert "with this change it never stood" in undone.err
    assert path.read_bytes() != written
