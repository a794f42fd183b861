"""What a measure added at a status past the offer was given with (its deadline, its
orders) counts from the creation's own day, as the link it was added with does: a step
found later and dated before it does not take them back with it, in every view of a
past day and in the timeline alike."""

import json

INF = [
    ["init", "--title", "INF", "--party", "US", "--party", "USSR"],
    ["add-measure", "USSR eliminates SS-20", "--actor", "USSR", "--id", "ss20", "--date",
     "1981-11-18"],
    ["add-measure", "US eliminates Pershing II", "--actor", "US", "--id", "p2", "--status",
     "agreed", "--date", "1987-12-08", "--deadline", "1991-06-01", "--after", "ss20"],
    ["mark", "p2", "proposed", "--date", "1981-11-18", "--note", "zero option"],
]  # fmt: skip


def _inf(dprk, tmp_path):
    for args in INF:
        result = dprk(*args)
        assert result.code == 0, (args, result.err)
    return tmp_path / "dprk-ledger.toml"


def _shown(dprk, *args):
    result = dprk("show", "p2", *args, "--format", "json")
    assert (result.code, result.err) == (0, ""), result.err
    record = json.loads(result.out)
    return record["deadline"], record["constraints"]


def test_a_deadline_and_an_order_given_at_a_creation_count_from_its_own_day(dprk, tmp_path):
    ledger = _inf(dprk, tmp_path)
    before = ledger.read_bytes()
    # before the treaty: proposed, with no deadline and no order yet
    assert _shown(dprk, "--as-of", "1985-01-01") == (None, [])
    assert _shown(dprk, "--as-of", "1987-12-07") == (None, [])
    order = [{"after": "ss20", "require": "acted"}]
    for day in ("1987-12-08", "1990-01-01"):
        deadline, constraints = _shown(dprk, "--as-of", day)
        assert deadline == "1991-06-01"
        assert [{k: c[k] for k in ("after", "require")} for c in constraints] == order
    status = json.loads(dprk("status", "--as-of", "1985-01-01", "--format", "json").out)
    assert [(m["id"], m["deadline"], m["overdue"]) for m in status["measures"]] == [
        ("p2", None, False),
        ("ss20", None, False),
    ]
    # the plan of 1985: p2 waits for nothing yet; of 1988, it waits for ss20
    plan = json.loads(dprk("plan", "--as-of", "1985-01-01", "--format", "json").out)
    assert [sorted(p["measures"]) for p in plan["phases"]] == [["p2", "ss20"]]
    plan = json.loads(dprk("plan", "--as-of", "1988-01-01", "--format", "json").out)
    assert [p["measures"] for p in plan["phases"]] == [["ss20"], ["p2"]]
    # the report of 1985 holds no deadline of 1991 in its measures table
    report = dprk("report", "--as-of", "1985-01-01", "--output", "-")
    assert report.code == 0, report.err
    table = report.out[report.out.index('<h2 id="measures">') :]
    assert "1991-06-01" not in table
    # overdue the day after its deadline, as before
    after = json.loads(dprk("status", "--as-of", "1991-06-02", "--format", "json").out)
    assert {m["id"]: m["overdue"] for m in after["measures"]}["p2"] is True
    # the timeline, which dated them on that day already, agrees
    rows = [line.split() for line in dprk("timeline").out.splitlines()]
    assert ["1987-12-08", "○", "p2", "deadline:", "set", "to", "1991-06-01"] in rows
    assert ledger.read_bytes() == before


def test_an_undated_creation_and_an_offer_keep_their_deadline_from_the_start(dprk, empty):
    for args in (
        ["add-measure", "Undated", "--actor", "US", "--id", "undated", "--status", "agreed",
         "--deadline", "1991-06-01"],
        ["mark", "undated", "proposed", "--date", "1981-11-18"],
        ["add-measure", "Offer", "--actor", "US", "--id", "offer", "--date", "1981-11-18",
         "--deadline", "1991-06-01"],
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    status = json.loads(dprk("status", "--as-of", "1985-01-01", "--format", "json").out)
    assert {m["id"]: m["deadline"] for m in status["measures"]} == {
        "offer": "1991-06-01",
        "undated": "1991-06-01",
    }


def test_a_deadline_moved_after_the_creation_reads_as_each_day_had_it(dprk, tmp_path):
    _inf(dprk, tmp_path)
    assert dprk("edit", "p2", "--deadline", "1991-05-01", "--date", "1989-01-01").code == 0
    days = {
        day: _shown(dprk, "--as-of", day)[0] for day in ("1985-01-01", "1988-01-01", "1989-01-01")
    }
    assert days == {"1985-01-01": None, "1988-01-01": "1991-06-01", "1989-01-01": "1991-05-01"}
    # done after the moved deadline: late, judged by the deadline of that day
    assert dprk("mark", "p2", "implemented", "--date", "1991-05-20").code == 0
    status = json.loads(dprk("status", "--format", "json").out)
    assert {m["id"]: m["late"] for m in status["measures"]}["p2"] is True


def test_an_order_given_at_a_creation_judges_acts_from_its_own_day(dprk, tmp_path):
    """p2, added as agreed on 1987-12-08 to follow ss20 and found proposed in 1981, was
    judged by that order from 1981 by check and the write warnings, while every view of
    a past day has it from 1987-12-08: acting in 1988 before ss20 is out of order, and
    the order to drop, if entered by mistake, is dated from the day it was given."""
    ledger = _inf(dprk, tmp_path)
    result = dprk("mark", "p2", "implemented", "--date", "1988-01-01")
    warned = (
        "p2: acted on 1988-01-01 although 'ss20', which it was to follow, has not acted; no "
        "fix needed if that is what happened; if the order was entered by mistake: 'dprk "
        "sequence p2 --remove ss20 --date 1987-12-08'"
    )
    assert (result.code, result.err) == (
        0,
        f"p2: implemented on 1988-01-01\ndprk: warning: {warned}\n",
    )
    assert dprk("check").out == f"warning: {warned} [acted-out-of-order]\n0 errors, 1 warning\n"
    # next on that day agrees: p2 has no go-ahead before ss20 acts
    assert "p2" not in dprk("next", "--as-of", "1987-12-31").out.split("Blocked")[0]
    before = ledger.read_bytes()
    result = dprk("sequence", "p2", "--remove", "ss20", "--date", "1987-12-08")
    assert (result.code, result.out) == (0, "")
    assert "ok: no problems found" in dprk("check").out
    assert ledger.read_bytes() != before


def test_an_act_before_the_day_an_order_was_given_at_a_creation_is_not_out_of_order(dprk, tmp_path):
    """p2 added as implemented on 1990-01-01 to follow ss20, then found proposed in 1981,
    agreed in 1982 and implemented in 1985: it acted before the order was given, as
    `plan --as-of 1985-01-01` shows (p2 waits for nothing), and check says nothing."""
    steps = [
        INF[0],
        INF[1],
        ["add-measure", "US eliminates Pershing II", "--actor", "US", "--id", "p2",
         "--status", "implemented", "--date", "1990-01-01", "--after", "ss20"],
        ["mark", "p2", "proposed", "--date", "1981-11-18"],
        ["mark", "p2", "agreed", "--date", "1982-01-01"],
    ]  # fmt: skip
    for args in steps:
        assert dprk(*args).code == 0, args
    ledger = tmp_path / "dprk-ledger.toml"
    result = dprk("mark", "p2", "implemented", "--date", "1985-01-01")
    assert (result.code, result.err) == (0, "p2: implemented on 1985-01-01\n")
    plan = json.loads(dprk("plan", "--as-of", "1984-12-31", "--format", "json").out)
    assert [sorted(p["measures"]) for p in plan["phases"]] == [["p2", "ss20"]]
    text = ledger.read_bytes()
    result = dprk("check", "--strict")
    assert (result.code, result.out) == (0, "ok: no problems found\n")
    assert ledger.read_bytes() == text


def test_a_deadline_given_at_a_creation_already_past_is_overdue_from_its_day(dprk, tmp_path):
    """Added as agreed on 1987-12-08 with a deadline of 1985-06-01, then found proposed in
    1981: the deadline stands from 1987-12-08, past due that day, and check says so
    from that day, with advice that, followed, leaves no warning."""
    for args in (
        INF[0],
        INF[1],
        ["add-measure", "US eliminates Pershing II", "--actor", "US", "--id", "p2",
         "--status", "agreed", "--date", "1987-12-08", "--deadline", "1985-06-01"],
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    result = dprk("mark", "p2", "proposed", "--date", "1981-11-18")
    said = (
        "p2: its deadline 1985-06-01 is before the day it was given (1987-12-08; the measure "
        "was made on 1981-11-18): it is overdue from that day ('dprk edit p2 --deadline "
        "YYYY-MM-DD --date 1987-12-08' moves it from the day it was set; or, given before it "
        "was due, on a DAY from 1981-11-18 to 1985-05-31, 'dprk edit p2 --deadline 1985-06-01 "
        "--date DAY' gives it from then)"
    )
    assert result.code == 0
    assert result.err.endswith(f"dprk: warning: {said}\n")
    assert dprk("check").out == f"warning: {said} [deadline-before-creation]\n0 errors, 1 warning\n"
    status = json.loads(dprk("status", "--as-of", "1987-12-08", "--format", "json").out)
    assert {m["id"]: m["overdue"] for m in status["measures"]}["p2"] is True
    assert dprk("edit", "p2", "--deadline", "1985-06-01", "--date", "1983-01-01").code == 0
    assert dprk("check").out == "ok: no problems found\n"


def _overdue_on(dprk, day):
    status = json.loads(dprk("status", "--as-of", day, "--format", "json").out)
    return {m["id"]: m["overdue"] for m in status["measures"]}


def test_a_deadline_given_before_the_day_it_was_given_says_the_value_it_replaced(dprk, tmp_path):
    """Jaffna access, added as agreed on 2002-06-01 with a deadline of 2002-05-01, found
    agreed on 2002-02-22; the warning's advice, 'edit ja --deadline 2002-05-01 --date
    2002-02-22', was said and logged as "'2002-05-01' -> '2002-05-01' ... as it stands",
    though it gave the deadline from 2002-02-22, where none stood before (the measure
    was overdue on 2002-05-02 after it, not before). The edit says the value of its own
    day, and the day the deadline holds from now. So does one dated before a later move."""
    for args in (
        ["init", "--title", "T", "--party", "GoSL", "--party", "LTTE"],
        ["add-measure", "Jaffna access", "--actor", "LTTE", "--id", "ja", "--status",
         "agreed", "--date", "2002-06-01", "--deadline", "2002-05-01"],
        ["mark", "ja", "agreed", "--date", "2002-02-22"],
        ["add-measure", "Jaffna road", "--actor", "LTTE", "--id", "jr", "--status",
         "agreed", "--date", "2002-06-01", "--deadline", "2002-05-01"],
        ["mark", "jr", "agreed", "--date", "2002-02-22"],
        ["edit", "jr", "--deadline", "2002-06-30", "--date", "2002-07-01"],
    ):  # fmt: skip
        result = dprk(*args)
        assert result.code == 0, (args, result.err)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    assert _overdue_on(dprk, "2002-05-02") == {"ja": False, "jr": False}
    edited = dprk("edit", "ja", "--deadline", "2002-05-01", "--date", "2002-02-22")
    assert (edited.code, edited.err) == (
        0,
        "ja: recorded deadline: (none) -> '2002-05-01' on 2002-02-22, is '2002-05-01' from "
        "2002-02-22 on (it was from 2002-06-01)\n",
    )
    edited = dprk("edit", "jr", "--deadline", "2002-05-01", "--date", "2002-02-22")
    assert (edited.code, edited.err) == (
        0,
        "jr: recorded deadline: (none) -> '2002-05-01' on 2002-02-22, stays '2002-06-30' "
        "(since 2002-07-01)\n",
    )
    for m in ("ja", "jr"):
        log = dprk("log", m).out
        assert "deadline: (none) -> '2002-05-01'" in log, log
        assert "'2002-05-01' -> '2002-05-01'" not in log, log
    assert _overdue_on(dprk, "2002-05-02") == {"ja": True, "jr": True}
    assert dprk("check").out == "ok: no problems found\n"
    for _ in range(2):
        assert dprk("undo").code == 0
    assert ledger.read_bytes() == before
    assert _overdue_on(dprk, "2002-05-02") == {"ja": False, "jr": False}
