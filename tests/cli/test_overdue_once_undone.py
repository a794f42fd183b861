"""A measure carried out on time and undone after its deadline is overdue again, but
not since the deadline: it owed nothing from the day it was carried out to the day it
was undone. Its days overdue (`days_late`, the flags of `show`, the days-late column of
`status --overdue`) count from the day it was undone; one undone before its deadline is
overdue from the deadline, as any other."""

import json
import shutil
from datetime import date


def _run(dprk, *steps):
    for args in steps:
        result = dprk(*args)
        assert result.code == 0, (args, result.err)


def _border(dprk, *more):
    """Eritrea's border crossings: due 2018-09-11, opened that day, closed 2018-12-28."""
    _run(
        dprk,
        ["init", "--party", "Eritrea", "--party", "Ethiopia"],
        ["add-measure", "Eritrea opens the border crossings", "--actor", "Eritrea", "--id",
         "eri-border", "--status", "agreed", "--date", "2018-07-09", "--deadline",
         "2018-09-11"],
        ["mark", "eri-border", "implemented", "--date", "2018-09-11"],
        ["mark", "eri-border", "reversed", "--date", "2018-12-28"],
        *more,
    )  # fmt: skip


def _field(out, name):
    """A field's value in `show`'s table."""
    line = next(line for line in out.splitlines() if line.split()[:1] == [name])
    return line.split(None, 1)[1].strip()


def _column(out, name):
    """Each row's cell under `name` in a piped status table."""
    lines = out.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("id "))
    start = lines[head].index(name)
    rows = lines[head + 1 :]
    rows = rows[: rows.index("")] if "" in rows else rows
    return {line.split()[0]: line[start : start + len(name)].strip() for line in rows}


def _days(dprk, *args):
    result = dprk("status", *args, "--format", "json")
    assert (result.code, result.err) == (0, ""), result.err
    return {m["id"]: m["days_late"] for m in json.loads(result.out)["measures"]}


def test_a_measure_reversed_after_its_deadline_is_overdue_from_its_reversal(dprk, tmp_path):
    _border(dprk)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    shown = dprk("show", "eri-border", "--as-of", "2019-01-01")
    assert (shown.code, shown.err) == (0, "")
    assert _field(shown.out, "deadline") == "2018-09-11"
    assert _field(shown.out, "flags") == ("ready, overdue by 4 days (owed again since 2018-12-28)")
    table = dprk("status", "--overdue", "--as-of", "2019-01-01")
    assert (table.code, table.err) == (0, "")
    assert _column(table.out, "days late") == {"eri-border": "4"}
    assert _days(dprk, "--as-of", "2019-01-01") == {"eri-border": 4}
    assert _days(dprk, "--overdue", "--as-of", "2019-01-01") == {"eri-border": 4}
    # the day it was undone: overdue (its deadline is past), by none of its days yet
    assert _days(dprk, "--as-of", "2018-12-28") == {"eri-border": 0}
    # before: carried out, owing nothing
    assert _days(dprk, "--as-of", "2018-12-27") == {"eri-border": None}
    # today, from the records kept beside the ledger (made, then read), and without them
    now = (date.today() - date(2018, 12, 28)).days
    for _ in range(2):
        assert _days(dprk) == {"eri-border": now}
        assert _days(dprk, "--overdue") == {"eri-border": now}
    shutil.rmtree(tmp_path / ".dprk")
    assert _days(dprk, "--overdue") == {"eri-border": now}
    shutil.rmtree(tmp_path / ".dprk")
    assert _days(dprk) == {"eri-border": now}
    assert _days(dprk, "--as-of", "2019-01-01") == {"eri-border": 4}
    one = json.loads(dprk("show", "eri-border", "--format", "json").out)
    assert (one["overdue"], one["days_late"]) == (True, now)
    flags = _field(dprk("show", "eri-border").out, "flags")
    assert flags == f"ready, overdue by {now} days (owed again since 2018-12-28)"
    assert ledger.read_bytes() == before


def test_a_measure_reversed_before_its_deadline_is_overdue_from_the_deadline(dprk, tmp_path):
    _run(
        dprk,
        ["init", "--party", "Eritrea", "--party", "Ethiopia"],
        ["add-measure", "Border", "--actor", "Eritrea", "--id", "eri-border", "--status",
         "agreed", "--date", "2018-07-09", "--deadline", "2018-09-11"],
        ["mark", "eri-border", "implemented", "--date", "2018-08-01"],
        ["mark", "eri-border", "reversed", "--date", "2018-08-20"],
    )  # fmt: skip
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    assert _days(dprk, "--as-of", "2019-01-01") == {"eri-border": 112}
    assert _field(dprk("show", "eri-border", "--as-of", "2019-01-01").out, "flags") == (
        "ready, overdue by 112 days"
    )
    assert _days(dprk, "--as-of", "2018-09-11") == {"eri-border": None}
    assert _days(dprk) == {"eri-border": (date.today() - date(2018, 9, 11)).days}
    assert ledger.read_bytes() == before


def test_a_measure_reversed_then_carried_out_again(dprk, tmp_path):
    _border(dprk, ["mark", "eri-border", "implemented", "--date", "2019-01-10"])
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    # while undone, overdue from the reversal
    assert _days(dprk, "--overdue", "--as-of", "2019-01-09") == {"eri-border": 12}
    assert _field(dprk("show", "eri-border", "--as-of", "2019-01-09").out, "flags") == (
        "ready, overdue by 12 days (owed again since 2018-12-28)"
    )
    # carried out again: overdue no longer
    assert _days(dprk, "--overdue") == {}
    assert _days(dprk, "--overdue", "--as-of", "2019-01-10") == {}
    assert ledger.read_bytes() == before


def test_a_measure_made_of_parts_undone_by_a_part_after_its_deadline(dprk, tmp_path):
    _run(
        dprk,
        ["init", "--party", "Eritrea", "--party", "Ethiopia"],
        ["add-measure", "Crossings", "--actor", "Eritrea", "--id", "crossings", "--status",
         "agreed", "--date", "2018-07-09", "--deadline", "2018-09-11"],
        ["add-measure", "Zalambessa", "--actor", "Eritrea", "--id", "zalambessa",
         "--status", "agreed", "--date", "2018-07-09", "--part-of", "crossings"],
        ["add-measure", "Bure", "--actor", "Eritrea", "--id", "bure", "--status", "agreed",
         "--date", "2018-07-09", "--part-of", "crossings"],
        ["mark", "zalambessa", "implemented", "--date", "2018-09-01"],
        ["mark", "bure", "implemented", "--date", "2018-09-11"],
        ["mark", "bure", "reversed", "--date", "2018-12-28"],
    )  # fmt: skip
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    assert _days(dprk, "--overdue", "--as-of", "2019-01-01") == {"crossings": 4}
    table = dprk("status", "--overdue", "--as-of", "2019-01-01")
    assert _column(table.out, "days late") == {"crossings": "4"}
    assert _field(dprk("show", "crossings", "--as-of", "2019-01-01").out, "flags").endswith(
        "overdue by 4 days (owed again since 2018-12-28)"
    )
    now = (date.today() - date(2018, 12, 28)).days
    for _ in range(2):
        assert _days(dprk)["crossings"] == now
    shutil.rmtree(tmp_path / ".dprk")
    assert _days(dprk)["crossings"] == now
    assert ledger.read_bytes() == before


def test_the_counts_kept_beside_the_ledger_follow_a_reversal_written_since(dprk, tmp_path):
    """The order `status` keeps is brought up to date by the writes after it: the
    reversal, then a measure of the other side, leave the days counted from the
    reversal."""
    _run(
        dprk,
        ["init", "--party", "Eritrea", "--party", "Ethiopia"],
        ["add-measure", "Border", "--actor", "Eritrea", "--id", "eri-border", "--status",
         "agreed", "--date", "2018-07-09", "--deadline", "2018-09-11"],
        ["mark", "eri-border", "implemented", "--date", "2018-09-11"],
    )  # fmt: skip
    assert _days(dprk) == {"eri-border": None}
    _run(dprk, ["mark", "eri-border", "reversed", "--date", "2018-12-28"])
    now = (date.today() - date(2018, 12, 28)).days
    assert _days(dprk) == {"eri-border": now}
    _run(dprk, ["add-measure", "Troops", "--actor", "Ethiopia", "--id", "eth-troops"])
    assert _days(dprk) == {"eri-border": now, "eth-troops": None}
    shown = dprk("status")
    assert (shown.code, shown.err) == (0, "")
    row = next(line for line in shown.out.splitlines() if line.startswith("eri-border "))
    assert " overdue " in row


def test_a_measure_cut_back_or_offered_again_after_its_deadline(dprk, tmp_path):
    """Done in full, then cut to a lesser extent; rejected, then offered again: each
    owed nothing on its deadline, and owes again from the day it did."""
    _run(
        dprk,
        ["init", "--party", "A", "--party", "B"],
        ["add-measure", "Cut", "--actor", "A", "--id", "cut", "--status", "agreed",
         "--date", "2018-07-09", "--deadline", "2018-09-11"],
        ["mark", "cut", "implemented", "--date", "2018-09-01"],
        ["mark", "cut", "implemented", "--extent", "minimal", "--date", "2018-12-28"],
        ["add-measure", "Again", "--actor", "A", "--id", "again", "--status", "proposed",
         "--date", "2018-07-09", "--deadline", "2018-09-11"],
        ["mark", "again", "rejected", "--date", "2018-08-01"],
        ["mark", "again", "proposed", "--date", "2018-12-30"],
    )  # fmt: skip
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    assert _days(dprk, "--as-of", "2019-01-01") == {"again": 2, "cut": 4}
    assert _field(dprk("show", "cut", "--as-of", "2019-01-01").out, "flags") == (
        "ready, partly done, overdue by 4 days (owed again since 2018-12-28)"
    )
    assert _field(dprk("show", "again", "--as-of", "2019-01-01").out, "flags") == (
        "ready, overdue by 2 days (owed again since 2018-12-30)"
    )
    assert ledger.read_bytes() == before


def test_a_measure_carried_out_again_after_its_reversal_is_late_from_the_reversal(dprk, tmp_path):
    """Opened on its deadline, closed after it, opened again: it read overdue from the
    day it was closed, and once opened again it is done late by the days since that day
    (13), not since the deadline (121), in every view that counts them."""
    _border(dprk, ["mark", "eri-border", "implemented", "--date", "2019-01-10"])
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    assert _days(dprk, "--as-of", "2019-01-09") == {"eri-border": 12}  # (overdue, as before)
    late = "done late: 13 days (owed again since 2018-12-28)"
    for _ in range(2):  # (made, then read from the records kept beside the ledger)
        assert _days(dprk) == {"eri-border": 13}
        assert _days(dprk, "--late") == {"eri-border": 13}
        assert _field(dprk("show", "eri-border").out, "flags") == late
    table = dprk("status", "--late")
    assert (table.code, table.err) == (0, "")
    assert _column(table.out, "days late") == {"eri-border": "13"}
    one = json.loads(dprk("show", "eri-border", "--format", "json").out)
    assert (one["late"], one["days_late"]) == (True, 13)
    assert _days(dprk, "--as-of", "2019-02-01") == {"eri-border": 13}
    rows = dprk("status", "--format", "csv")
    assert rows.code == 0 and ",true,13," in rows.out.splitlines()[1]
    shutil.rmtree(tmp_path / ".dprk")
    assert _days(dprk) == {"eri-border": 13}
    page = tmp_path / "report.html"
    assert dprk("report", "-o", str(page)).code == 0
    assert late in page.read_text()
    assert ledger.read_bytes() == before
