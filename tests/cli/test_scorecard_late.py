"""The scorecard counts, per group, the commitments done late (`facts.Node.late`: done
in full after the deadline in force that day) and those overdue on the day scored
(`vocab.is_overdue`, as `status --overdue` has it): beside the levels, as `disputed` is,
without changing the score; on the --as-of day, and with --yearly on each year's end by
the deadline as it stood then. A measure done 191 days late scored in full with no word."""

import json


def _ceasefire(dprk, tmp_path):
    """The 2002 ceasefire's deadlines: one met, one missed by 191 days, one never met, one
    done late and undone the year after, and one overdue until its deadline was moved."""
    assert dprk("init", "--title", "Ceasefire 2002", "--party", "GoSL", "--party",
                "LTTE").code == 0  # fmt: skip
    for args in (
        ["add-measure", "Vacate places of worship", "--actor", "GoSL", "--id", "worship",
         "--status", "agreed", "--date", "2002-02-22", "--deadline", "2002-03-24"],
        ["mark", "worship", "implemented", "--date", "2002-03-20"],
        ["add-measure", "Vacate school buildings", "--actor", "GoSL", "--id", "schools",
         "--status", "agreed", "--date", "2002-02-22", "--deadline", "2002-07-31"],
        ["mark", "schools", "implemented", "--date", "2003-02-07"],
        ["add-measure", "Ease the high security zones", "--actor", "GoSL", "--id", "hsz",
         "--status", "agreed", "--date", "2002-02-22", "--deadline", "2002-10-01"],
        ["edit", "hsz", "--deadline", "2003-06-01", "--date", "2003-01-15"],
        ["add-measure", "Release child recruits", "--actor", "LTTE", "--id", "children",
         "--status", "agreed", "--date", "2002-02-22", "--deadline", "2002-06-30"],
        ["add-measure", "Return seized property", "--actor", "LTTE", "--id", "property",
         "--status", "agreed", "--date", "2002-02-22", "--deadline", "2002-04-30"],
        ["mark", "property", "implemented", "--date", "2002-08-01"],
        ["mark", "property", "reversed", "--date", "2003-02-01"],
    ):  # fmt: skip
        result = dprk(*args)
        assert result.code == 0, (args, result.err)
    return tmp_path / "dprk-ledger.toml"


def _counts(dprk, *args):
    result = dprk("scorecard", *args, "--format", "json")
    assert (result.code, result.err) == (0, ""), result.err
    return {g["name"]: (g["late"], g["overdue"]) for g in json.loads(result.out)["groups"]}


def test_the_scorecard_counts_commitments_done_late_and_overdue(dprk, tmp_path):
    ledger = _ceasefire(dprk, tmp_path)
    before = ledger.read_bytes()
    # before any deadline but the property's: it alone is overdue
    assert _counts(dprk, "--as-of", "2002-04-01") == {"GoSL": (0, 0), "LTTE": (0, 0)}
    assert _counts(dprk, "--as-of", "2002-06-01") == {"GoSL": (0, 0), "LTTE": (0, 1)}
    # the schools and the zones past their deadlines; the property done late, the
    # recruits still owed
    assert _counts(dprk, "--as-of", "2002-12-31") == {"GoSL": (0, 2), "LTTE": (1, 1)}
    # the schools done 191 days late; the zones' deadline moved on; the property undone
    assert _counts(dprk, "--as-of", "2003-03-01") == {"GoSL": (1, 0), "LTTE": (0, 2)}
    doc = json.loads(dprk("scorecard", "--as-of", "2003-03-01", "--format", "json").out)
    gosl = doc["groups"][0]
    assert list(gosl)[-3:] == ["disputed", "late", "overdue"]
    assert (gosl["score"], gosl["full"]) == (67, 2)  # (the score is as it was)
    assert dprk("scorecard", "--as-of", "2003-03-01", "--format", "csv").out == (
        "name,measures,not_initiated,minimal,intermediate,full,score,disputed,late,overdue\n"
        "GoSL,3,1,0,0,2,67,0,1,0\n"
        "LTTE,2,2,0,0,0,0,0,0,2\n"
    )
    table = dprk("scorecard", "--as-of", "2003-03-01")
    assert (table.code, table.err) == (0, "")
    assert table.out.splitlines()[1:4] == [
        "party  commitments  none  min  mid  full  score              late  overdue",
        "GoSL             3     1    0    0     2     67  ███████░░░     1        0",
        "LTTE             2     2    0    0     0      0  ░░░░░░░░░░     0        2",
    ]
    assert (
        "late: commitments carried out in full after their deadline as it stood that "
        "day; each still counts at the level it was carried out to."
    ) in table.out
    assert (
        "overdue: commitments past their deadline on the day and not carried out in "
        "full (as status --overdue has them); each counts at the level it reached."
    ) in table.out
    # nothing late nor overdue: no such columns, and no such lines
    early = dprk("scorecard", "--as-of", "2002-04-01")
    assert "late" not in early.out and "overdue" not in early.out
    assert ledger.read_bytes() == before


def test_the_yearly_scorecard_counts_them_on_each_year_s_end(dprk, tmp_path):
    ledger = _ceasefire(dprk, tmp_path)
    before = ledger.read_bytes()
    yearly = dprk("scorecard", "--yearly", "--as-of", "2003-03-01", "--format", "csv")
    assert (yearly.code, yearly.err) == (0, "")
    assert yearly.out.splitlines() == [
        "name,year,measures,not_initiated,minimal,intermediate,full,score,disputed,late,overdue",
        # 2002: the zones overdue by the deadline they had then (moved in 2003)
        "GoSL,2002,3,2,0,0,1,33,0,0,2",
        "GoSL,2003,3,1,0,0,2,67,0,1,0",
        "LTTE,2002,2,1,0,0,1,50,0,1,1",
        "LTTE,2003,2,2,0,0,0,0,0,0,2",
    ]
    # each year as the card of its end day has it
    doc = json.loads(dprk("scorecard", "--yearly", "--as-of", "2003-03-01", "--format",
                          "json").out)  # fmt: skip
    for group in doc["groups"]:
        assert list(group)[-3:] == ["years", "late", "overdue"]
        for year in group["years"]:
            assert list(year)[-2:] == ["late", "overdue"]
            end = "2003-03-01" if year["year"] == 2003 else f"{year['year']}-12-31"
            counts = _counts(dprk, "--as-of", end)[group["name"]]
            assert (year["late"], year["overdue"]) == counts
        assert (group["late"], group["overdue"]) == (
            group["years"][-1]["late"],
            group["years"][-1]["overdue"],
        )
    # chosen by a filter judged on each year's end, the counts follow it
    rows = dprk("scorecard", "--yearly", "--as-of", "2003-03-01", "--status", "implemented",
                "--format", "csv").out.splitlines()  # fmt: skip
    assert rows[1:] == [
        "GoSL,2002,1,0,0,0,1,100,0,0,0",
        "GoSL,2003,2,0,0,0,2,100,0,1,0",
        "LTTE,2002,1,0,0,0,1,100,0,1,0",
        "LTTE,2003,0,0,0,0,0,,0,0,0",
    ]
    assert ledger.read_bytes() == before


def test_the_report_s_scores_count_them_too(dprk, tmp_path):
    ledger = _ceasefire(dprk, tmp_path)
    before = ledger.read_bytes()
    assert dprk("report", "--as-of", "2003-03-01", "--output", "page.html").code == 0
    page = (tmp_path / "page.html").read_text(encoding="utf-8")
    scores = page[page.index('<h2 id="scorecard">') :]
    assert '<th scope="col" class="num">late</th><th scope="col" class="num">overdue</th>' in (
        scores
    )
    gosl = scores[scores.index("<tr><td>GoSL</td>") :].split("</tr>")[0]
    assert gosl.endswith('<td class="num">1</td><td class="num">0</td>')
    assert "Late: commitments carried out in full after their deadline" in scores
    assert dprk("report", "--as-of", "2002-04-01", "--output", "early.html").code == 0
    early = (tmp_path / "early.html").read_text(encoding="utf-8")
    assert 'class="num">late</th>' not in early and 'class="num">overdue</th>' not in early
    assert ledger.read_bytes() == before


def test_a_measure_made_of_parts_is_late_by_the_day_its_parts_carried_it_out(dprk, tmp_path):
    """A whole is done in full the day its last part is (`LedgerLife.full_since`): late by
    its own deadline then, in the card of each day and in each year of the yearly card."""
    assert dprk("init", "--title", "Ceasefire 2002", "--party", "GoSL", "--party",
                "LTTE").code == 0  # fmt: skip
    for args in (
        ["add-measure", "Open the A9 road", "--actor", "GoSL", "--id", "a9", "--status",
         "agreed", "--date", "2002-02-22", "--deadline", "2002-04-15"],
        ["add-measure", "Open the Muhamalai crossing", "--actor", "GoSL", "--id", "muhamalai",
         "--part-of", "a9", "--status", "agreed", "--date", "2002-02-22"],
        ["add-measure", "Open the Omanthai crossing", "--actor", "GoSL", "--id", "omanthai",
         "--part-of", "a9", "--status", "agreed", "--date", "2002-02-22"],
        ["mark", "muhamalai", "implemented", "--date", "2002-04-08"],
        ["mark", "omanthai", "implemented", "--date", "2003-01-10"],
    ):  # fmt: skip
        result = dprk(*args)
        assert result.code == 0, (args, result.err)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    assert dprk("status", "--late", "--format", "ids").out.split() == ["a9"]
    assert _counts(dprk, "--as-of", "2002-12-31")["GoSL"] == (0, 1)
    assert _counts(dprk, "--as-of", "2003-02-01")["GoSL"] == (1, 0)
    rows = dprk("scorecard", "--yearly", "--as-of", "2003-02-01", "--format", "csv")
    assert rows.out.splitlines()[1:3] == [
        "GoSL,2002,3,1,0,1,1,56,0,0,1",
        "GoSL,2003,3,0,0,0,3,100,0,1,0",
    ]
    assert ledger.read_bytes() == before
