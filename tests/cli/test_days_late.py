"""`days_late`: how late a measure is, in days. Done late, from the deadline in force on
the day it was done in full to that day (`show` names that deadline, and the first one
when it was moved); overdue, from its deadline to the day read (`--as-of` included), so
that one key answers both. `status --late` and `status --overdue` tables show it."""

import csv
import io
import json
from datetime import date


def _ledger(dprk, tmp_path):
    for args in (
        ["init", "--party", "US", "--party", "Syria"],
        # done after a deadline moved later: late by the moved one
        ["add-measure", "Removal", "--actor", "Syria", "--id", "removal", "--status", "agreed",
         "--date", "2013-11-15", "--deadline", "2013-12-31"],
        ["edit", "removal", "--deadline", "2014-04-27", "--date", "2014-03-07"],
        ["mark", "removal", "implemented", "--date", "2014-06-23"],
        # done on its deadline: not late
        ["add-measure", "Declaration", "--actor", "Syria", "--id", "declaration", "--status",
         "agreed", "--date", "2013-09-14", "--deadline", "2013-09-21"],
        ["mark", "declaration", "implemented", "--date", "2013-09-21"],
        # open past its deadline
        ["add-measure", "Destruction", "--actor", "Syria", "--id", "destruction", "--status",
         "agreed", "--date", "2013-11-15", "--deadline", "2014-06-30"],
        # a whole made of parts, late when its last part was done
        ["add-measure", "Facilities", "--actor", "Syria", "--id", "facilities", "--status",
         "agreed", "--date", "2013-11-15", "--deadline", "2014-03-01"],
        ["add-measure", "Hangars", "--actor", "Syria", "--id", "hangars", "--status", "agreed",
         "--date", "2013-11-15", "--part-of", "facilities"],
        ["add-measure", "Tunnels", "--actor", "Syria", "--id", "tunnels", "--status", "agreed",
         "--date", "2013-11-15", "--part-of", "facilities"],
        ["mark", "hangars", "implemented", "--date", "2014-02-01"],
        ["mark", "tunnels", "implemented", "--date", "2014-03-11"],
    ):  # fmt: skip
        result = dprk(*args)
        assert result.code == 0, (args, result.err)
    return tmp_path / "dprk-ledger.toml"


def _days(dprk, *args, fmt="json"):
    result = dprk("status", *args, "--format", fmt)
    assert (result.code, result.err) == (0, ""), result.err
    if fmt == "json":
        return {m["id"]: m["days_late"] for m in json.loads(result.out)["measures"]}
    rows = csv.DictReader(io.StringIO(result.out), delimiter="," if fmt == "csv" else "\t")
    return {r["id"]: r["days_late"] for r in rows}


def _field(out, name):
    """A field's value in `show`'s table (its first line)."""
    line = next(line for line in out.splitlines() if line.split()[:1] == [name])
    return line.split(None, 1)[1].strip()


def test_days_late_counts_from_the_deadline_in_force_when_done(dprk, tmp_path):
    ledger = _ledger(dprk, tmp_path)
    before = ledger.read_bytes()
    overdue = (date.today() - date(2014, 6, 30)).days
    now = {
        "declaration": None,
        "destruction": overdue,
        "facilities": 10,
        "hangars": None,
        "removal": 57,
        "tunnels": None,
    }
    for _ in range(2):  # (made, then served from the records kept beside the ledger)
        assert _days(dprk) == now
    assert _days(dprk, "--party", "Syria") == now  # (a filter reads the nodes)
    assert _days(dprk, fmt="csv") == {i: "" if v is None else str(v) for i, v in now.items()}
    tsv = dprk("status", "--format", "tsv")
    header = tsv.out.splitlines()[0].split("\t")
    assert header[-4:] == ["verification", "late", "days_late", "acted_on"]
    one = json.loads(dprk("status", "removal", "--format", "json").out)["measures"][0]
    assert (one["deadline"], one["full_date"], one["late"], one["days_late"]) == (
        "2014-04-27",
        "2014-06-23",
        True,
        57,
    )
    assert list(one)[list(one).index("late") + 1] == "days_late"
    shown = json.loads(dprk("show", "removal", "--format", "json").out)
    assert list(shown)[list(shown).index("late") + 1] == "days_late"
    assert shown["days_late"] == 57
    flags = _field(dprk("show", "removal").out, "flags")
    assert flags.startswith("done late: 57 days after the deadline then in force, 2014-04-27;")
    table = dprk("show", "removal", "--format", "markdown").out
    assert "174 days after the first, 2013-12-31" in table
    assert _field(dprk("show", "facilities").out, "flags") == (
        "done late: 10 days after its deadline"
    )
    assert _field(dprk("show", "destruction").out, "flags") == f"ready, overdue by {overdue} days"
    assert ledger.read_bytes() == before


def test_days_late_is_counted_to_the_day_read(dprk, tmp_path):
    ledger = _ledger(dprk, tmp_path)
    before = ledger.read_bytes()
    # between the deadline in force and the step: overdue by so many days
    then = _days(dprk, "--as-of", "2014-05-10")
    assert then["removal"] == 13 and then["destruction"] is None
    assert _field(dprk("show", "removal", "--as-of", "2014-05-10").out, "flags") == (
        "ready, overdue by 13 days"
    )
    assert _field(dprk("show", "removal", "--as-of", "2014-04-28").out, "flags") == (
        "ready, overdue by 1 day"
    )
    # before the deadline was moved, the first one was in force
    assert _days(dprk, "--as-of", "2014-03-01")["removal"] == 60
    # after the step: done late
    assert _days(dprk, "--as-of", "2014-07-10") == {
        "declaration": None,
        "destruction": 10,
        "facilities": 10,
        "hangars": None,
        "removal": 57,
        "tunnels": None,
    }
    # a what-if making it done on the day asked of: done late by as many days
    assumed = _days(dprk, "--assume", "destruction=implemented", "--as-of", "2014-07-10")
    assert assumed["destruction"] == 10
    one = dprk("status", "destruction", "--assume", "destruction=implemented", "--format", "json")
    record = json.loads(one.out)["measures"][0]
    assert record["late"] is True
    assert record["days_late"] == (date.today() - date(2014, 6, 30)).days
    assert ledger.read_bytes() == before


def _column(out, name):
    """Each row's cell under `name` in a piped status table."""
    lines = out.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("id "))
    start = lines[head].index(name)
    end = start + len(name)
    rows = lines[head + 1 :]
    rows = rows[: rows.index("")] if "" in rows else rows  # (the notes under it left out)
    return {line.split()[0]: line[start:end].strip() for line in rows}


def test_the_late_and_overdue_tables_say_how_many_days(dprk, tmp_path):
    ledger = _ledger(dprk, tmp_path)
    before = ledger.read_bytes()
    late = dprk("status", "--late")
    assert (late.code, late.err) == (0, "")
    assert _column(late.out, "days late") == {"facilities": "10", "removal": "57"}
    overdue = dprk("status", "--overdue", "--as-of", "2014-07-10")
    assert (overdue.code, overdue.err) == (0, "")
    assert _column(overdue.out, "days late") == {"destruction": "10"}
    # (the whole table has no such column)
    assert "days late" not in dprk("status").out
    assert ledger.read_bytes() == before


def _report_rows(page: str) -> dict[str, str]:
    """The report's measure table: each row's HTML by its id."""
    return {
        row.split('<td class="id">')[1].split("<")[0]: row
        for row in page.split("<tr")
        if '<td class="id">' in row
    }


def test_the_report_counts_the_measures_done_late_and_says_by_how_much(dprk, tmp_path):
    """The report's cards counted a party's overdue measures and nothing of those done
    late, which `status --late` lists; its table said "done late" with no days. Each
    card counts them beside the overdue, and the table says the days as `show` does."""
    ledger = _ledger(dprk, tmp_path)
    before = ledger.read_bytes()
    page = dprk("report", "--output", "-")
    assert (page.code, page.err) == (0, "")
    today = date.today().isoformat()
    syria = page.out.split("<h3>Syria</h3>")[1].split('<div class="card">')[0]
    assert f'<b style="color:#c2410c">1</b> overdue on {today}; 2 done late.</p>' in syria
    us = page.out.split("<h3>US</h3>")[1]
    assert f"<p>Deadlines: 0 overdue on {today}; 0 done late.</p>" in us
    rows = _report_rows(page.out)
    assert (
        '<b class="muted">done late: 57 days after the deadline then in force, 2014-04-27; '
        "174 days after the first, 2013-12-31</b>" in rows["removal"]
    )
    assert '<b class="muted">done late: 10 days after its deadline</b>' in rows["facilities"]
    assert "done late" not in rows["declaration"]
    # as of a day before the removal was done: overdue, and one done late (facilities)
    then = dprk("report", "--as-of", "2014-05-10", "--output", "-").out
    assert "1</b> overdue on 2014-05-10; 1 done late.</p>" in then
    assert "done late" not in _report_rows(then)["removal"]
    assert ledger.read_bytes() == before


def test_show_names_the_first_deadline_whichever_command_set_it(dprk, tmp_path):
    """x was given its first deadline when added, y by an edit two weeks later; both had
    it moved, then were done late. `show` named the first deadline of x alone: it took
    the first as the one a measure had before any edit (none, for y)."""
    for args in (
        ["init", "--title", "T", "--party", "A", "--party", "B"],
        ["add-measure", "X", "--actor", "A", "--id", "x", "--date", "2013-10-01", "--status",
         "agreed", "--deadline", "2013-12-31"],
        ["add-measure", "Y", "--actor", "A", "--id", "y", "--date", "2013-10-01", "--status",
         "agreed"],
        ["edit", "y", "--deadline", "2013-12-31", "--date", "2013-10-15"],
        *(step for m in ("x", "y") for step in (
            ["edit", m, "--deadline", "2014-04-27", "--date", "2014-01-30"],
            ["mark", m, "implemented", "--date", "2014-06-23"],
        )),
    ):  # fmt: skip
        result = dprk(*args)
        assert result.code == 0, (args, result.err)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    said = (
        "done late: 57 days after the deadline then in force, 2014-04-27; 174 days after "
        "the first, 2013-12-31"
    )
    for m in ("x", "y"):
        shown = dprk("show", m, "--format", "markdown")
        assert (shown.code, shown.err) == (0, "")
        assert said in shown.out, (m, shown.out)
    assert ledger.read_bytes() == before


def test_the_first_deadline_is_the_one_that_stood_at_the_end_of_its_first_day(dprk, tmp_path):
    """A deadline corrected on the measure's first day never stood (the timeline and
    `--as-of` read the corrected one from that day on), yet `show` counted the days late
    from it as "the first". Of two edits on the first day a deadline stood, the later
    wins too: the first is the deadline in force at the end of that day."""
    for args in (
        ["init", "--title", "T", "--party", "GoSL", "--party", "LTTE"],
        # given on creation, corrected on the same day, moved later
        ["add-measure", "Vacate public buildings", "--actor", "GoSL", "--id", "vb",
         "--status", "agreed", "--date", "2002-02-22", "--deadline", "2002-07-31"],
        ["edit", "vb", "--deadline", "2002-08-01", "--date", "2002-02-22"],
        ["edit", "vb", "--deadline", "2002-11-30", "--date", "2002-07-28"],
        ["mark", "vb", "implemented", "--date", "2003-01-15"],
        # given by an edit after its creation, corrected twice that day, moved later
        ["add-measure", "Reopen roads", "--actor", "GoSL", "--id", "rr", "--status",
         "agreed", "--date", "2002-02-22"],
        ["edit", "rr", "--deadline", "2002-07-31", "--date", "2002-03-01"],
        ["edit", "rr", "--deadline", "2002-08-10", "--date", "2002-03-01"],
        ["edit", "rr", "--deadline", "2002-08-01", "--date", "2002-03-01"],
        ["edit", "rr", "--deadline", "2002-11-30", "--date", "2002-07-28"],
        ["mark", "rr", "implemented", "--date", "2003-01-15"],
    ):  # fmt: skip
        result = dprk(*args)
        assert result.code == 0, (args, result.err)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    said = (
        "done late: 46 days after the deadline then in force, 2002-11-30; 167 days after "
        "the first, 2002-08-01"
    )
    for m in ("vb", "rr"):
        shown = dprk("show", m)
        assert (shown.code, shown.err) == (0, "")
        assert said in " ".join(shown.out.split()), (m, shown.out)
    page = dprk("report", "--output", "-")
    assert (page.code, page.err) == (0, "")
    rows = _report_rows(page.out)
    for m in ("vb", "rr"):
        assert f'<b class="muted">{said}</b>' in rows[m], rows[m]
    # the timeline reads the same deadline of vb's first day: none it never had
    vb = [line for line in dprk("timeline").out.splitlines() if " vb " in line]
    assert "set to 2002-08-01" in vb[1], vb
    assert not any("2002-07-31" in line for line in vb), vb
    assert ledger.read_bytes() == before
