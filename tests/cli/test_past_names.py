"""A view of a past day names a party as it was named that day: after 'rename-party
USSR Russia --date 1991-12-26', 'status --as-of 1990-01-01' (and balance, next, plan,
the timeline) said Russia where the record of 1990 says USSR. On the rename's day and
after it, and in a view of today, the name it has now; a rename given no --date has no
day of its own, and every view keeps the name it gave."""

import json

import pytest


@pytest.fixture
def inf(dprk, tmp_path):
    for args in (
        ["init", "--title", "INF", "--party", "US", "--party", "USSR"],
        ["add-measure", "Eliminate SS-20s", "--actor", "USSR", "--id", "ss20",
         "--status", "agreed", "--date", "1987-12-08"],
        ["add-measure", "Eliminate Pershing IIs", "--actor", "US", "--id", "p2",
         "--status", "agreed", "--date", "1987-12-08", "--in-exchange-for", "ss20"],
        ["add-measure", "Inspections", "--actor", "US", "--id", "insp",
         "--status", "agreed", "--date", "1987-12-08"],
        ["sequence", "insp", "--after", "ss20", "--demanded-by", "USSR", "--date", "1988-01-01"],
        ["mark", "ss20", "implemented", "--date", "1988-06-01"],
        ["verify", "ss20", "--by", "US", "--date", "1988-07-01"],
        ["rename-party", "USSR", "Russia", "--date", "1991-12-26"],
    ):  # fmt: skip
        result = dprk(*args)
        assert result.code == 0, (args, result.err)
    return tmp_path / "dprk-ledger.toml"


def _ok(dprk, *args):
    result = dprk(*args)
    assert (result.code, result.err) == (0, ""), args
    return result.out


def test_a_day_before_the_rename_names_the_party_as_it_was(dprk, inf):
    before = inf.read_bytes()
    day = ["--as-of", "1990-01-01"]
    table = _ok(dprk, "status", *day)
    assert "Russia" not in table
    rows = table.splitlines()
    assert rows[3].split()[0] == "USSR"  # (the party's row, after US's)
    assert next(r for r in rows if r.startswith("ss20")).split()[1] == "USSR"
    status = json.loads(_ok(dprk, "status", *day, "--format", "json"))
    assert list(status["parties"]) == ["US", "USSR"]
    records = {m["id"]: m for m in status["measures"]}
    assert records["ss20"]["actor"] == "USSR"
    assert records["insp"]["constraints"][0]["demanded_by"] == "USSR"
    balance = _ok(dprk, "balance", *day)
    assert "Russia" not in balance and "\nUSSR " in balance
    assert list(json.loads(_ok(dprk, "balance", *day, "--format", "json"))["parties"]) == [
        "US",
        "USSR",
    ]
    waits = json.loads(_ok(dprk, "next", "--as-of", "1988-03-01", "--format", "json"))["blocked"]
    assert [(w["id"], w["demanded_by"]) for w in waits] == [("insp", ["USSR"])]
    plan = _ok(dprk, "plan", "--as-of", "1988-03-01")
    assert "Russia" not in plan and "USSR" in plan
    timeline = json.loads(_ok(dprk, "timeline", *day, "--format", "json"))
    assert timeline["lanes"] == ["US", "USSR"]
    assert {e["party"] for e in timeline["events"] if e["id"] == "ss20"} == {"USSR"}
    # the party asked of by either name: its name then, or now
    for name in ("USSR", "Russia", "russia"):
        assert _ok(dprk, "status", *day, "--party", name, "--format", "ids") == "ss20\n"
        assert "ss20" in _ok(dprk, "timeline", *day, "--party", name)
    assert inf.read_bytes() == before


@pytest.mark.parametrize("day", ["1991-12-26", "1992-01-01"])
def test_on_the_rename_s_day_and_after_it_the_name_it_has_now(dprk, inf, day):
    before = inf.read_bytes()
    status = json.loads(_ok(dprk, "status", "--as-of", day, "--format", "json"))
    assert list(status["parties"]) == ["US", "Russia"]
    assert {m["id"]: m["actor"] for m in status["measures"]}["ss20"] == "Russia"
    assert json.loads(_ok(dprk, "timeline", "--as-of", day, "--format", "json"))["lanes"] == [
        "US",
        "Russia",
    ]
    # (the name it had until that day is still taken as input on the day itself)
    asked = dprk("status", "--as-of", day, "--party", "USSR", "--format", "ids")
    if day == "1991-12-26":
        assert (asked.code, asked.out, asked.err) == (0, "ss20\n", "")
    else:
        assert (asked.code, asked.out) == (1, "")
        assert asked.err == (
            "dprk: error: --party: party 'USSR' was renamed Russia on 1991-12-26; give Russia\n"
        )
    assert inf.read_bytes() == before


def test_a_view_of_today_keeps_today_s_name(dprk, inf):
    status = json.loads(_ok(dprk, "status", "--format", "json"))
    assert list(status["parties"]) == ["US", "Russia"]
    timeline = json.loads(_ok(dprk, "timeline", "--format", "json"))
    assert {e["party"] for e in timeline["events"] if e["id"] == "ss20"} == {"Russia"}


def test_a_rename_given_no_date_keeps_today_s_name_on_every_day(dprk, inf):
    """A rename given no --date has no day of its own (it is dated the day it is made):
    a view of any day names the party by the name it gave, as it did before."""
    renamed = dprk("rename-party", "US", "USA")
    assert renamed.code == 0, renamed.err
    before = inf.read_bytes()
    for day, russia in (("1990-01-01", "USSR"), ("2000-01-01", "Russia")):
        then = json.loads(_ok(dprk, "status", "--as-of", day, "--format", "json"))
        assert list(then["parties"]) == ["USA", russia], day
        assert {m["id"]: m["actor"] for m in then["measures"]}["p2"] == "USA", day
    now = json.loads(_ok(dprk, "status", "--format", "json"))
    assert list(now["parties"]) == ["USA", "Russia"]
    assert inf.read_bytes() == before


def test_each_year_of_the_yearly_balance_names_the_party_as_on_the_view_s_day(dprk, inf):
    """A yearly view is a view over a span: every year names a party as the view's own
    day does (today, or --as-of), in its JSON documents as in its table."""
    for name in ("Russia", "russia"):
        years = json.loads(
            _ok(dprk, "balance", "--yearly", "--party", name, "--as-of", "1992-06-01",
                "--format", "json")
        )  # fmt: skip
        assert [(y["year"], list(y["parties"])) for y in years] == [
            (year, ["Russia"]) for year in range(1987, 1993)
        ], name
    before = json.loads(
        _ok(dprk, "balance", "--yearly", "--party", "Russia", "--as-of", "1990-06-01",
            "--format", "json")
    )  # fmt: skip
    assert [(y["year"], list(y["parties"])) for y in before] == [
        (year, ["USSR"]) for year in range(1987, 1991)
    ]


@pytest.fixture
def start(dprk, tmp_path):
    for args in (
        ["init", "--title", "t", "--party", "US", "--party", "USSR"],
        ["add-measure", "USSR cuts", "--actor", "USSR", "--id", "su-cut", "--status",
         "agreed", "--date", "1991-07-31"],
        ["add-measure", "US cuts", "--actor", "US", "--id", "us-cut", "--status", "agreed",
         "--date", "1991-07-31", "--in-exchange-for", "su-cut"],
        ["mark", "us-cut", "implemented", "--date", "1991-10-01"],
        ["rename-party", "USSR", "Russia", "--date", "1992-01-05"],
    ):  # fmt: skip
        result = dprk(*args)
        assert result.code == 0, (args, result.err)
    return tmp_path / "dprk-ledger.toml"


@pytest.mark.parametrize(("day", "named"), [("1992-06-30", "Russia"), ("1991-12-31", "USSR")])
def test_every_yearly_view_names_a_renamed_party_once_as_on_its_day(dprk, start, day, named):
    """balance --yearly split the renamed side in two rows (USSR for 1991, Russia after,
    out of the declared order) where scorecard --yearly and the report's chart named it
    once: every yearly view names each party as its own day does, one row each, in the
    declared order, in the table, the CSV and the JSON alike."""
    before = start.read_bytes()
    other = "USSR" if named == "Russia" else "Russia"
    years = ["1991", "1992"] if day.startswith("1992") else ["1991"]
    table = _ok(dprk, "balance", "--yearly", "--as-of", day)
    assert other not in table
    for side in table.split("\n\n")[:2]:
        assert [row.split()[0] for row in side.splitlines()[2:]] == ["US", named]
    owes = table.split("\n\n")[1].splitlines()
    assert owes[3].split() == [named] + ["1"] * len(years)
    rows = _ok(dprk, "balance", "--yearly", "--as-of", day, "--format", "csv").splitlines()
    assert [r.split(",")[:3] for r in rows[1:]] == [
        [year, end, party]
        for year, end in zip(years, ["1991-12-31", day], strict=False)
        for party in ("US", named)
    ]
    docs = json.loads(_ok(dprk, "balance", "--yearly", "--as-of", day, "--format", "json"))
    assert [list(d["parties"]) for d in docs] == [["US", named]] * len(years)
    card = _ok(dprk, "scorecard", "--yearly", "--as-of", day, "--format", "csv").splitlines()
    assert [r.split(",")[:2] for r in card[1:]] == [
        [party, year] for party in ("US", named) for year in years
    ]
    wrote = dprk("report", "--as-of", day, "--output", "r.html")
    assert (wrote.code, wrote.out, wrote.err) == (0, "", "wrote r.html\n")
    page = (start.parent / "r.html").read_text()
    assert f"{other}, 1991" not in page
    assert (f"{named}, 1991: 0" in page) == (len(years) > 1)  # (a chart of two years or more)
    assert start.read_bytes() == before
