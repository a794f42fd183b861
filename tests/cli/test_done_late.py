"""`late`: a measure carried out in full after its deadline, as the deadline stood the
day it came to be so (`facts.Node.late`, `vocab.done_late`), in every format of `status`
and `show`, judged as of the --as-of day, and chosen with `status --late`."""

import csv
import io
import json
import re


def _ledger(dprk):
    for args in (
        # on time: done on its deadline's own day
        ["add-measure", "On time", "--actor", "DPRK", "--id", "ontime", "--status", "agreed",
         "--date", "1982-01-01", "--deadline", "1982-04-25"],
        ["mark", "ontime", "implemented", "--date", "1982-04-25"],
        # late: the final withdrawal, completed years after its deadline
        ["add-measure", "Final withdrawal", "--actor", "US", "--id", "final", "--status",
         "agreed", "--date", "1982-01-01", "--deadline", "1982-04-25"],
        ["mark", "final", "implemented", "--date", "1989-03-15"],
        # moved later before completion: not late
        ["add-measure", "Moved later", "--actor", "ROK", "--id", "later", "--status", "agreed",
         "--date", "1982-01-01", "--deadline", "1982-04-25"],
        ["edit", "later", "--deadline", "1990-01-01", "--date", "1983-01-01"],
        ["mark", "later", "implemented", "--date", "1989-03-15"],
        # moved earlier before completion: late by the moved deadline
        ["add-measure", "Moved earlier", "--actor", "ROK", "--id", "earlier", "--status",
         "agreed", "--date", "1982-01-01", "--deadline", "1990-01-01"],
        ["edit", "earlier", "--deadline", "1984-01-01", "--date", "1983-01-01"],
        ["mark", "earlier", "implemented", "--date", "1985-06-01"],
        # done in part late, then in full later still: late, from the full step
        ["add-measure", "In part", "--actor", "DPRK", "--id", "part", "--status", "agreed",
         "--date", "1982-01-01", "--deadline", "1983-01-01"],
        ["mark", "part", "implemented", "--extent", "minimal", "--date", "1984-01-01"],
        ["mark", "part", "implemented", "--date", "1986-01-01"],
        # reversed after done late: no longer done in full, overdue again
        ["add-measure", "Reversed", "--actor", "US", "--id", "undone", "--status", "agreed",
         "--date", "1982-01-01", "--deadline", "1983-01-01"],
        ["mark", "undone", "implemented", "--date", "1984-01-01"],
        ["mark", "undone", "reversed", "--date", "1987-01-01"],
        # done in full with no deadline: nothing to miss
        ["add-measure", "No deadline", "--actor", "US", "--id", "nodue", "--status", "agreed",
         "--date", "1982-01-01"],
        ["mark", "nodue", "implemented", "--date", "1984-01-01"],
    ):  # fmt: skip
        result = dprk(*args)
        assert result.code == 0, (args, result.err)


def _late(dprk, *args, fmt="json"):
    result = dprk("status", *args, "--format", fmt)
    assert (result.code, result.err) == (0, ""), result.err
    if fmt == "json":
        return {m["id"]: m["late"] for m in json.loads(result.out)["measures"]}
    rows = csv.DictReader(io.StringIO(result.out), delimiter="," if fmt == "csv" else "\t")
    return {r["id"]: r["late"] for r in rows}


NOW = {
    "ontime": False,
    "final": True,
    "later": False,
    "earlier": True,
    "part": True,
    "undone": None,
    "nodue": None,
}


def test_late_says_which_measures_were_done_in_full_after_their_deadline(dprk, empty):
    _ledger(dprk)
    before = empty.read_bytes()
    assert _late(dprk) == NOW
    assert _late(dprk, fmt="csv") == {
        i: {True: "true", False: "false", None: ""}[v] for i, v in NOW.items()
    }
    tsv = dprk("status", "--format", "tsv")
    header = tsv.out.splitlines()[0].split("\t")
    assert header[-4:] == ["verification", "late", "days_late", "acted_on"]
    lines = dprk("status", "--format", "jsonl")
    assert lines.code == 0
    assert {json.loads(x)["id"]: json.loads(x)["late"] for x in lines.out.splitlines()} == NOW
    shown = json.loads(dprk("show", "final", "later", "undone", "--format", "json").out)
    assert [(m["id"], m["late"], list(m)[-1]) for m in shown][0][:2] == ("final", True)
    assert {m["id"]: m["late"] for m in shown} == {"final": True, "later": False, "undone": None}
    # (the record's last key: after every key there was, the flags status adds after it)
    one = json.loads(dprk("show", "final", "--format", "json").out)
    assert list(one)[list(one).index("history") + 2] == "late"
    assert empty.read_bytes() == before


def test_late_is_judged_as_of_the_day_viewed(dprk, empty):
    _ledger(dprk)
    before = empty.read_bytes()
    # before the final withdrawal was done: overdue, not yet done late
    then = _late(dprk, "--as-of", "1989-03-14")
    assert then["final"] is None and then["undone"] is None and then["part"] is True
    assert _late(dprk, "--as-of", "1986-12-31")["undone"] is True  # (before its reversal)
    assert (
        "final"
        in json.loads(dprk("status", "--as-of", "1989-03-14", "--overdue", "--format", "json").out)[
            "measures"
        ][0]["id"]
    )
    assert _late(dprk, "--as-of", "1989-03-15")["final"] is True
    # the moved deadline: as of a day before it was moved, and after
    assert _late(dprk, "--as-of", "1985-06-01")["earlier"] is True
    assert empty.read_bytes() == before


def test_status_late_lists_only_the_measures_done_late(dprk, empty):
    _ledger(dprk)
    before = empty.read_bytes()
    ids = dprk("status", "--late", "--format", "ids")
    assert (ids.code, ids.err) == (0, "")
    assert ids.out.split() == ["earlier", "final", "part"]
    old = dprk("status", "--late", "--as-of", "1985-01-01", "--format", "ids")
    assert old.code == 0 and old.out.split() == ["undone"]
    mixed = dprk("status", "--late", "--party", "US", "--format", "ids")
    assert mixed.out.split() == ["final"]
    assert empty.read_bytes() == before


def test_assumed_done_in_full_is_judged_on_the_day_asked_of(dprk, empty):
    _ledger(dprk)
    before = empty.read_bytes()
    found = _late(dprk, "--assume", "undone=implemented", "--as-of", "1988-01-01")
    assert found["undone"] is True
    assert empty.read_bytes() == before


def _flags(out):
    """Each row's flags cell of a status table (its header says where it lies), piped or
    drawn for a terminal (its styles and its rule left out)."""
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in out.splitlines()]
    lines = [line for line in lines if not line.startswith("\u2500")]
    head = next(i for i, line in enumerate(lines) if line.startswith("id ") and "flags" in line)
    start = lines[head].index("flags")
    end = lines[head].index("title")
    found = {}
    for line in lines[head + 1 :]:
        if not line.strip():
            break
        found[line.split()[0]] = line[start:end].strip()
    return found


FLAGS = {
    "earlier": "done late",
    "final": "done late",
    "later": "",
    "nodue": "",
    "ontime": "",
    "part": "done late",
    "undone": "ready, overdue",  # (reversed with a deadline in force: to carry out again)
}


def test_the_flags_column_says_done_late(dprk, empty, monkeypatch):
    _ledger(dprk)
    before = empty.read_bytes()
    for _ in range(2):  # (derived, then served from the kept table)
        piped = dprk("status")
        assert (piped.code, piped.err) == (0, "")
        assert _flags(piped.out) == FLAGS
    monkeypatch.setenv("COLUMNS", "200")
    wide = dprk("--no-pager", "status", tty=True)
    assert (wide.code, wide.err) == (0, "")
    assert "\u2500" in wide.out  # (drawn for the terminal, its rule under the header)
    assert _flags(wide.out) == FLAGS
    # (a filtered table reads the nodes, not the kept rows: the same words)
    assert _flags(dprk("status", "--late").out) == {i: "done late" for i in NOW if NOW[i]}
    markdown = dprk("status", "--format", "markdown")
    assert markdown.code == 0
    rows = [r.split("|") for r in markdown.out.splitlines() if r.startswith("| ")]
    head = next(r for r in rows if "flags" in [c.strip() for c in r])
    at = [c.strip() for c in head].index("flags")
    cells = {r[1].strip(): r[at].strip() for r in rows if r[1].strip() in NOW}
    assert cells == FLAGS
    assert empty.read_bytes() == before


def test_show_says_done_late_in_its_flags(dprk, empty):
    _ledger(dprk)
    before = empty.read_bytes()
    shown = dprk("show", "final", "--format", "table")
    assert (shown.code, shown.err) == (0, "")
    said = ["flags", "done", "late:", "2516", "days", "after", "its", "deadline"]
    assert any(line.split() == said for line in shown.lines), shown.out
    on_time = dprk("show", "ontime", "--format", "table")
    assert any(line.split() == ["flags", "-"] for line in on_time.lines)
    # before it was carried out: overdue then, not yet done late
    then = dprk("show", "final", "--as-of", "1989-03-14", "--format", "table")
    said = ["flags", "ready,", "overdue", "by", "2515", "days"]
    assert any(line.split() == said for line in then.lines), then.out
    assert empty.read_bytes() == before


def test_the_flags_say_done_late_as_of_the_day_viewed(dprk, empty):
    _ledger(dprk)
    before = empty.read_bytes()
    then = _flags(dprk("status", "--as-of", "1989-03-14").out)
    assert then["final"] == "ready, overdue" and then["part"] == "done late"
    assert _flags(dprk("status", "--as-of", "1989-03-15").out)["final"] == "done late"
    assumed = dprk("status", "--assume", "undone=implemented", "--as-of", "1988-01-01")
    assert (assumed.code, assumed.err) == (0, "")
    assert _flags(assumed.out)["undone"] == "done late"
    assert empty.read_bytes() == before


def test_the_kept_table_says_done_late_after_a_write(dprk, empty, tmp_path):
    _ledger(dprk)
    assert _flags(dprk("status").out) == FLAGS  # (kept for this content)
    done = dprk("mark", "undone", "implemented", "--date", "1990-01-01")
    assert done.code == 0, done.err
    after = _flags(dprk("status").out)
    assert after == FLAGS | {"undone": "done late"}
    assert dprk("undo").code == 0
    assert _flags(dprk("status").out) == FLAGS
    # (brought up to date, byte for byte the table made anew)
    assert dprk("redo").code == 0
    kept = dprk("status").out
    import shutil

    shutil.rmtree(tmp_path / ".dprk")
    assert dprk("status").out == kept


def test_the_report_says_done_late_under_the_deadline(dprk, empty):
    _ledger(dprk)
    before = empty.read_bytes()
    page = dprk("report", "--output", "-")
    assert page.code == 0, page.err
    rows = {
        row.split('<td class="id">')[1].split("<")[0]: row
        for row in page.out.split("<tr")
        if '<td class="id">' in row
    }
    late = {i for i, row in rows.items() if i in NOW and ">done late: " in row}
    assert late == {"earlier", "final", "part"}
    assert ">overdue</b>" in rows["undone"]
    then = dprk("report", "--as-of", "1989-03-14", "--output", "-").out
    row = next(r for r in then.split("<tr") if '<td class="id">final<' in r)
    assert ">overdue</b>" in row and "done late" not in row
    assert empty.read_bytes() == before
