"""A measure carried out and then reversed, which the other side is owed for, is to be
carried out again, through the real entry point: `next` lists it and `plan` places it as
a pending measure would be (held by its orders, caught in a deadlock), its row saying it
is to be done again; `status --ready` and `--blocked` follow `next`. One nobody is owed
for stays out, as before."""

from __future__ import annotations

import json


def _good_friday(dprk, *, exchanged: bool = True, decommissioned: bool = True) -> None:
    """Devolution was carried out, then suspended; decommissioning, given for it, was
    carried out after the suspension (or, `decommissioned` False, not yet)."""
    assert dprk("init", "--party", "UK", "--party", "SF").code == 0
    added = dprk(
        "add-measure", "Devolution", "--actor", "UK", "--id", "dev", "--status", "agreed",
        "--date", "1998-04-10",
    )  # fmt: skip
    assert added.code == 0, added.err
    trade = ["--in-exchange-for", "dev"] if exchanged else []
    added = dprk(
        "add-measure", "Decommissioning", "--actor", "SF", "--id", "decom", "--status",
        "agreed", "--date", "1998-04-10", *trade,
    )  # fmt: skip
    assert added.code == 0, added.err
    steps = [("dev", "implemented", "1999-12-02")]
    if decommissioned:
        steps.append(("decom", "implemented", "2005-09-26"))
    steps.append(("dev", "reversed", "2002-10-14"))
    for ident, status, day in steps:
        marked = dprk("mark", ident, status, "--date", day)
        assert marked.code == 0, marked.err


def _reads_leave_the_ledger(dprk, tmp_path, *commands: tuple[str, ...]) -> None:
    path = tmp_path / "dprk-ledger.toml"
    before = path.read_bytes()
    for args in commands:
        assert dprk(*args).code == 0
    assert path.read_bytes() == before


def test_a_reversed_measure_owed_is_to_be_carried_out_again(dprk, tmp_path):
    _good_friday(dprk)
    balance = dprk("balance", "--as-of", "2006-06-01")
    assert "UK     dev      decom                2005-09-26   248" in balance.out
    shown = dprk("next", "--as-of", "2006-06-01")
    assert (shown.code, shown.err) == (0, "")
    assert shown.out == (
        "Can go ahead on 2006-06-01\n"
        "id   actor  left                           title\n"
        "dev  UK     again: reversed on 2002-10-14  Devolution\n"
        "\n"
        "Blocked\n"
        "(nothing is blocked)\n"
    )
    document = json.loads(dprk("next", "--as-of", "2006-06-01", "--format", "json").out)
    [ready] = document["ready"]
    assert ready == {
        "id": "dev",
        "actor": "UK",
        "title": "Devolution",
        "in_part": False,
        "extent": "not-initiated",
        "together_with": [],
        "reversed_on": "2002-10-14",
        "deadline": None,
        "overdue": False,
    }
    assert list(ready)[-3] == "reversed_on"
    assert dprk("next", "--format", "ids").out.split() == ["dev"]
    plan = dprk("plan", "--as-of", "2006-06-01")
    assert (plan.code, plan.err) == (0, "")
    assert plan.out.startswith(
        "Plan on 2006-06-01\n"
        "phase  step  id   actor  left                           title\n"
        "    1  act   dev  UK     again: reversed on 2002-10-14  Devolution\n"
    )
    document = json.loads(dprk("plan", "--as-of", "2006-06-01", "--format", "json").out)
    assert document["phases"] == [
        {
            "phase": 1,
            "measures": ["dev"],
            "verify": [],
            "verify_by": {},
            "rest": [],
            "together": [],
            "again": [{"id": "dev", "reversed_on": "2002-10-14"}],
            "deadlines": {},
            "overdue": [],
        }
    ]
    assert (document["deadlocks"], document["blocked"]) == ([], [])
    # `status --ready` and the counts follow `next`
    assert dprk("status", "--ready", "--format", "ids").out.split() == ["dev"]
    counts = json.loads(dprk("status", "--format", "json").out)["parties"]["UK"]
    assert (counts["ready"], counts["blocked"], counts["owes"]) == (1, 0, 1)
    # before decommissioning, nobody was owed for it: nothing to do again
    past = json.loads(dprk("next", "--as-of", "2004-01-01", "--format", "json").out)
    assert [r["id"] for r in past["ready"]] == ["decom"]
    assert past["blocked"] == []
    _reads_leave_the_ledger(
        dprk, tmp_path, ("next",), ("plan",), ("next", "--format", "csv"), ("status",)
    )


def test_a_reversed_part_of_a_whole_owed_is_to_be_carried_out_again(dprk, tmp_path):
    assert dprk("init", "--party", "Ukraine", "--party", "DPR").code == 0
    for args in (
        ("Ukraine withdraws heavy weapons", "--actor", "Ukraine", "--id", "hw-ua",
         "--status", "agreed", "--date", "2015-02-12"),
        ("DPR withdraws heavy weapons", "--actor", "DPR", "--id", "hw-dpr",
         "--status", "implemented", "--date", "2015-03-03", "--in-exchange-for", "hw-ua"),
        ("Ukraine withdraws artillery", "--actor", "Ukraine", "--id", "art",
         "--part-of", "hw-ua", "--status", "implemented", "--date", "2015-03-07"),
        ("Ukraine withdraws mortars", "--actor", "Ukraine", "--id", "mort",
         "--part-of", "hw-ua", "--status", "implemented", "--date", "2015-03-07"),
    ):  # fmt: skip
        added = dprk("add-measure", *args)
        assert added.code == 0, added.err
    assert dprk("mark", "art", "reversed", "--date", "2017-01-29").code == 0
    assert "Ukraine  hw-ua    hw-dpr               2017-01-29" in dprk("balance").out
    shown = dprk("next")
    assert shown.out == (
        "Can go ahead now\n"
        "id   actor    left                           title\n"
        "art  Ukraine  again: reversed on 2017-01-29  Ukraine withdraws artillery\n"
        "\n"
        "Blocked\n"
        "(nothing is blocked)\n"
    )
    [ready] = json.loads(dprk("next", "--format", "json").out)["ready"]
    assert (ready["id"], ready["in_part"], ready["reversed_on"]) == ("art", False, "2017-01-29")
    plan = dprk("plan")
    assert "    1  act   art  Ukraine  again: reversed on 2017-01-29  Ukraine withdraws" in (
        plan.out
    )
    [phase] = json.loads(dprk("plan", "--format", "json").out)["phases"]
    assert (phase["measures"], phase["again"]) == (
        ["art"],
        [{"id": "art", "reversed_on": "2017-01-29"}],
    )
    # carried out again, nothing is left to do
    assert dprk("mark", "art", "implemented", "--date", "2018-01-01").code == 0
    assert json.loads(dprk("next", "--format", "json").out)["ready"] == []


def test_a_reversed_measure_nobody_is_owed_for_stays_out(dprk, tmp_path):
    _good_friday(dprk, exchanged=False)
    assert "UK     dev" not in dprk("balance").out
    document = json.loads(dprk("next", "--format", "json").out)
    assert (document["ready"], document["blocked"]) == ([], [])
    assert json.loads(dprk("plan", "--format", "json").out)["phases"] == []
    assert dprk("status", "--ready", "--format", "ids").out == ""


def test_a_reversed_measure_whose_counterpart_has_not_acted_stays_out(dprk, tmp_path):
    _good_friday(dprk, decommissioned=False)
    document = json.loads(dprk("next", "--format", "json").out)
    assert [(r["id"], r["reversed_on"]) for r in document["ready"]] == [("decom", None)]
    assert document["blocked"] == []
    plan = json.loads(dprk("plan", "--format", "json").out)
    assert [(p["measures"], p["again"]) for p in plan["phases"]] == [(["decom"], [])]


def test_a_reversed_measure_owed_waits_for_its_order(dprk, tmp_path):
    """Devolution restored only after an agreement at Stormont, yet to be reached: it is
    blocked as a pending measure would be, and placed after it; assumed reached, it
    frees devolution."""
    _good_friday(dprk)
    added = dprk(
        "add-measure", "Stormont agreement", "--actor", "SF", "--id", "stormont",
        "--status", "proposed", "--date", "2006-10-13",
    )  # fmt: skip
    assert added.code == 0, added.err
    ordered = dprk(
        "sequence", "dev", "--after", "stormont", "--demanded-by", "UK", "--date", "2006-10-13"
    )
    assert ordered.code == 0, ordered.err
    shown = dprk("next")
    assert "stormont  SF     Stormont agreement" in shown.out
    assert "dev  UK     again: reversed on 2002-10-14  stormont (demanded by UK)" in shown.out
    document = json.loads(dprk("next", "--format", "json").out)
    assert [r["id"] for r in document["ready"]] == ["stormont"]
    [held] = document["blocked"]
    assert (held["id"], held["waiting_for"], held["reversed_on"]) == (
        "dev",
        ["stormont"],
        "2002-10-14",
    )
    assert list(held)[-3] == "reversed_on"
    assert dprk("status", "--blocked", "--format", "ids").out.split() == ["dev"]
    plan = json.loads(dprk("plan", "--format", "json").out)
    assert [(p["phase"], p["measures"], p["again"]) for p in plan["phases"]] == [
        (1, ["stormont"], []),
        (2, ["dev"], [{"id": "dev", "reversed_on": "2002-10-14"}]),
    ]
    assumed = json.loads(dprk("plan", "--assume", "stormont=implemented", "--format", "json").out)
    assert assumed["newly_ready"] == ["dev"]
    # held by what cannot act, it is blocked in the plan, said to be done again
    assert dprk("mark", "stormont", "withdrawn", "--date", "2007-01-01").code == 0
    plan = json.loads(dprk("plan", "--format", "json").out)
    [blocked] = plan["blocked"]
    assert (blocked["id"], blocked["reversed_on"]) == ("dev", "2002-10-14")
    assert list(blocked)[-3] == "reversed_on"
    shown = dprk("plan", "--format", "csv").out
    assert "again: reversed on 2002-10-14: waits for stormont (withdrawn; demanded by UK)" in shown


def test_two_reversed_measures_owed_each_waiting_for_the_other_are_a_deadlock(dprk, tmp_path):
    """Devolution and policing, each carried out, each paid for, each reversed; then each
    side demands the other restore its own first."""
    _good_friday(dprk)
    for args in (
        ("Support for policing", "--actor", "SF", "--id", "policing", "--status", "agreed",
         "--date", "1998-04-10"),
        ("Demilitarisation", "--actor", "UK", "--id", "demil", "--status", "agreed",
         "--date", "1998-04-10", "--in-exchange-for", "policing"),
    ):  # fmt: skip
        added = dprk("add-measure", *args)
        assert added.code == 0, added.err
    for ident, status, day in (
        ("policing", "implemented", "2007-01-28"),
        ("demil", "implemented", "2007-07-31"),
        ("policing", "reversed", "2008-06-01"),
    ):
        assert dprk("mark", ident, status, "--date", day).code == 0
    first = dprk(
        "sequence", "dev", "--after", "policing", "--demanded-by", "UK", "--date", "2008-07-01"
    )
    assert (first.code, first.err) == (0, "dev: after policing, demanded by UK\n")
    closed = dprk(
        "sequence", "policing", "--after", "dev", "--demanded-by", "SF", "--date", "2008-08-01"
    )
    assert closed.code == 0
    assert closed.err == (
        "policing: after dev, demanded by SF\n"
        "dprk: warning: deadlock: policing waits for dev (demanded by SF); dev waits for "
        "policing (demanded by UK); it stands from 2008-08-01; 'dprk plan' shows it\n"
    )
    plan = json.loads(dprk("plan", "--format", "json").out)
    [deadlock] = plan["deadlocks"]
    assert (deadlock["measures"], deadlock["since"]) == (["dev", "policing"], "2008-08-01")
    assert (plan["phases"], plan["blocked"]) == ([], [])
    document = json.loads(dprk("next", "--format", "json").out)
    assert document["ready"] == []
    assert [(r["id"], r["deadlocked"], r["reversed_on"]) for r in document["blocked"]] == [
        ("dev", True, "2002-10-14"),
        ("policing", True, "2008-06-01"),
    ]
    assert "deadlocked" in dprk("status").out
    history = json.loads(dprk("plan", "--history", "--format", "json").out)["deadlocks"]
    assert [(d["from"], d["until"], d["measures"]) for d in history] == [
        ("2008-08-01", None, ["dev", "policing"])
    ]
    # devolution restored: the deadlock ends, and policing can go ahead again
    assert dprk("mark", "dev", "implemented", "--date", "2009-01-01").code == 0
    history = json.loads(dprk("plan", "--history", "--format", "json").out)["deadlocks"]
    assert [(d["from"], d["until"]) for d in history] == [("2008-08-01", "2009-01-01")]
    assert dprk("next", "--format", "ids").out.split() == ["policing"]


def test_status_read_after_the_counterpart_acts_counts_the_measure_to_redo(dprk):
    """The first `status` after a write brings the counts it kept up to date: the
    counterpart's action makes the reversed measure owed, ready as `next` lists it."""
    _good_friday(dprk, decommissioned=False)
    before = json.loads(dprk("status", "--format", "json").out)["parties"]["UK"]
    assert (before["ready"], before["owes"]) == (0, 0)
    assert dprk("mark", "decom", "implemented", "--date", "2005-09-26").code == 0
    shown = dprk("status")
    assert shown.out.splitlines()[-1].split()[:3] == ["dev", "UK", "reversed"]
    assert shown.out.splitlines()[-1].split()[-2:] == ["ready", "Devolution"]
    assert shown.out.splitlines()[2].split()[:7] == ["UK", "1", "0", "0", "0", "0", "1"]
    after = json.loads(dprk("status", "--format", "json").out)["parties"]["UK"]
    assert (after["ready"], after["blocked"], after["owes"]) == (1, 0, 1)
    assert dprk("status", "--ready", "--format", "ids").out.split() == ["dev"]


def test_the_report_s_party_card_counts_a_measure_to_do_again_as_to_do(dprk, tmp_path):
    """Iran's cap, carried out for the EU's relief and then reversed, is to be carried out
    again: the party card counted it ready among "the pending" beside "0 pending"."""
    for args in (
        ("init", "--party", "Iran", "--party", "EU"),
        ("add-measure", "Iran cap", "--actor", "Iran", "--id", "cap", "--date", "2015-07-14"),
        ("add-measure", "EU relief", "--actor", "EU", "--id", "relief", "--date",
         "2015-07-14", "--in-exchange-for", "cap"),
        ("mark", "cap", "relief", "implemented", "--date", "2016-01-16"),
        ("mark", "cap", "reversed", "--date", "2019-07-01"),
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    path = tmp_path / "dprk-ledger.toml"
    before = path.read_bytes()
    made = dprk("report", "--as-of", "2020-01-01", "--output", "r.html")
    assert (made.code, made.out) == (0, "")
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    iran = page.split("<h3>Iran</h3>")[1].split("<h3>")[0]
    assert "<div><b>0</b><span>pending</span></div>" in iran
    assert "Of the pending" not in page
    assert "<p>To do: 1 ready to go, 0 blocked.</p>" in iran
    assert path.read_bytes() == before


def test_an_order_between_two_reversed_measures_says_it_holds_nothing(dprk, tmp_path):
    """Inspections each side hosted in exchange for the other's, both suspended: nobody
    owes the other, nothing is to be carried out again, and an order set between them
    held nothing without a word. Its line says so, and what would make it count; it is
    recorded all the same, and holds the measure once the other side acts again."""
    assert dprk("init", "--party", "United States", "--party", "Russia").code == 0
    for args in (
        ("add-measure", "Russia hosts inspections", "--actor", "Russia", "--id", "ru-insp",
         "--date", "2010-04-08", "--status", "agreed"),
        ("add-measure", "US hosts inspections", "--actor", "United States", "--id",
         "us-insp", "--date", "2010-04-08", "--status", "agreed", "--in-exchange-for",
         "ru-insp"),
        ("mark", "ru-insp", "us-insp", "implemented", "--date", "2011-04-03"),
        ("mark", "ru-insp", "us-insp", "reversed", "--date", "2020-03-28"),
    ):  # fmt: skip
        done = dprk(*args)
        assert done.code == 0, done.err
    ordered = dprk("sequence", "ru-insp", "--after", "us-insp", "--demanded-by", "Russia",
                   "--date", "2022-08-08")  # fmt: skip
    assert (ordered.code, ordered.out) == (0, "")
    assert ordered.err == (
        "ru-insp: after us-insp, demanded by Russia (ru-insp was reversed on 2020-03-28, and "
        "us-insp, what it was exchanged for, stands reversed too: neither is owed, and an "
        "order holds a reversed measure only while it is to be carried out again, so this "
        "one holds nothing of ru-insp unless us-insp acts again)\n"
    )
    assert 'after = "us-insp"' in (tmp_path / "dprk-ledger.toml").read_text()
    document = json.loads(dprk("next", "--format", "json").out)
    assert (document["ready"], document["blocked"]) == ([], [])
    assert json.loads(dprk("plan", "--format", "json").out)["deadlocks"] == []
    # the other side acts again: it is owed, to be carried out again, and the order met
    assert dprk("mark", "us-insp", "implemented", "--date", "2023-01-01").code == 0
    document = json.loads(dprk("next", "--format", "json").out)
    assert [(r["id"], r["reversed_on"]) for r in document["ready"]] == [("ru-insp", "2020-03-28")]


def _badme(dprk, *, ethiopia_reverses: bool = False) -> None:
    """Each side's steps of the 2018 peace, each a measure made of parts, exchanged for the
    other's; Eritrea's border opening, a part of its steps, closed again, then exchanged
    for Ethiopia leaving Badme, yet to come. `ethiopia_reverses`: Ethiopia's one step,
    its embassy, closed again too, so that its steps stand reversed."""
    assert dprk("init", "--party", "Eritrea", "--party", "Ethiopia").code == 0
    for args in (
        ("add-measure", "Eritrea's steps", "--actor", "Eritrea", "--id", "eri-pkg",
         "--date", "2018-07-09"),
        ("add-measure", "Ethiopia's steps", "--actor", "Ethiopia", "--id", "eth-pkg",
         "--date", "2018-07-09", "--in-exchange-for", "eri-pkg"),
        ("add-measure", "Eritrea opens the border", "--actor", "Eritrea", "--id",
         "eri-border", "--part-of", "eri-pkg", "--date", "2018-07-09"),
        ("add-measure", "Eritrea reopens its embassy", "--actor", "Eritrea", "--id",
         "eri-embassy", "--part-of", "eri-pkg", "--date", "2018-07-09"),
        ("add-measure", "Ethiopia reopens its embassy", "--actor", "Ethiopia", "--id",
         "eth-embassy", "--part-of", "eth-pkg", "--date", "2018-07-09"),
        ("mark", "eri-border", "eri-embassy", "eth-embassy", "implemented", "--date",
         "2018-09-11"),
        ("mark", "eri-border", "reversed", "--date", "2018-12-28"),
        *([("mark", "eth-embassy", "reversed", "--date", "2018-12-28")]
          if ethiopia_reverses else []),
        ("add-measure", "Ethiopia leaves Badme", "--actor", "Ethiopia", "--id", "eth-badme",
         "--date", "2019-01-01", "--in-exchange-for", "eri-border"),
    ):  # fmt: skip
        done = dprk(*args)
        assert done.code == 0, done.err


def test_an_order_on_a_reversed_part_of_a_whole_owed_holds_it_without_a_word(dprk, tmp_path):
    """The border closed again is a part of Eritrea's steps, which owe Ethiopia's, carried
    out: it is to be opened again, whatever Badme, what it was itself exchanged for, has
    done, and the order set on it holds it, as `next` says; the line says nothing else."""
    _badme(dprk)
    ordered = dprk("sequence", "eri-border", "--after", "eth-badme", "--demanded-by",
                   "Eritrea", "--date", "2019-01-15")  # fmt: skip
    assert (ordered.code, ordered.out) == (0, "")
    assert ordered.err == "eri-border: after eth-badme, demanded by Eritrea\n"
    assert 'after = "eth-badme"' in (tmp_path / "dprk-ledger.toml").read_text()
    document = json.loads(dprk("next", "--format", "json").out)
    assert [r["id"] for r in document["ready"]] == ["eth-badme"]
    assert [(r["id"], r["reversed_on"]) for r in document["blocked"]] == [
        ("eri-border", "2018-12-28")
    ]


def test_an_order_on_a_reversed_measure_whose_counterpart_never_acted_says_it_acts(dprk, tmp_path):
    """Decommissioning, given for devolution, has never been carried out: the order on
    devolution, suspended, holds nothing until decommissioning acts, not "acts again"."""
    _good_friday(dprk, decommissioned=False)
    path = tmp_path / "dprk-ledger.toml"
    ordered = dprk("sequence", "dev", "--after", "decom", "--demanded-by", "UK", "--date",
                   "2003-01-01")  # fmt: skip
    assert (ordered.code, ordered.out) == (0, "")
    assert ordered.err == (
        "dev: after decom, demanded by UK (dev was reversed on 2002-10-14, and decom, what "
        "it was exchanged for, stands agreed: neither is owed, and an order holds a reversed "
        "measure only while it is to be carried out again, so this one holds nothing of dev "
        "unless decom acts)\n"
    )
    assert 'after = "decom"' in path.read_text()
    document = json.loads(dprk("next", "--format", "json").out)
    assert [r["id"] for r in document["ready"]] == ["decom"]
    assert document["blocked"] == []


def test_an_order_on_a_reversed_part_of_a_whole_owing_nothing_says_it_holds_nothing(dprk, tmp_path):
    """Both sides' embassies and the border closed again: Eritrea's steps owe nothing for
    Ethiopia's, reversed too, and the border owes nothing for Badme, yet to come. The order
    on the border holds nothing, and the line names both what would make it count: Badme
    acting, or Ethiopia's steps acting again."""
    _badme(dprk, ethiopia_reverses=True)
    ordered = dprk("sequence", "eri-border", "--after", "eth-badme", "--demanded-by",
                   "Eritrea", "--date", "2019-01-15")  # fmt: skip
    assert (ordered.code, ordered.out) == (0, "")
    assert ordered.err == (
        "eri-border: after eth-badme, demanded by Eritrea (eri-border was reversed on "
        "2018-12-28, and eth-badme, what it was exchanged for, stands proposed: neither is "
        "owed, nor does eri-pkg, which it is part of, owe for eth-pkg (reversed), and an "
        "order holds a reversed measure only while it is to be carried out again, so this "
        "one holds nothing of eri-border unless eth-badme acts or eth-pkg acts again)\n"
    )
    assert 'after = "eth-badme"' in (tmp_path / "dprk-ledger.toml").read_text()
    # (Ethiopia's embassy is to be reopened: its steps owe Eritrea's, which stand acted)
    document = json.loads(dprk("next", "--format", "json").out)
    assert [r["id"] for r in document["ready"]] == ["eth-badme", "eth-embassy"]
    assert document["blocked"] == []
