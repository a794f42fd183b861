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
