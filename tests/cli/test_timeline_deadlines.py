"""A deadline set, moved or removed is a row of the timeline (event `deadline`), dated on
the day its change says it happened, in every format, `--as-of` and the report."""

from __future__ import annotations

import csv
import io
import json


def _ledger(dprk, tick) -> bytes:
    """m1 (A's): a deadline set, moved, removed, the setting typed after the move it
    comes before; m2 (B's): added with a deadline; m3 (B's): a step after them."""
    assert dprk("init", "--title", "T", "--party", "A", "--party", "B").code == 0
    for ident, actor, day, more in (
        ("m1", "A", "2018-01-01", []),
        ("m2", "B", "2018-01-05", ["--deadline", "2018-06-01"]),
        ("m3", "B", "2018-02-10", []),
    ):
        tick()
        args = ["--id", ident, "--actor", actor, "--date", day, "--status", "agreed", *more]
        assert dprk("add-measure", f"Measure {ident}", *args).code == 0
    for args in (
        ("--deadline", "2019-03-01", "--date", "2018-02-01"),
        # (typed after the move, dated before it)
        ("--deadline", "2019-01-01", "--date", "2018-01-15", "--note", "first said"),
        ("--no-deadline", "--date", "2018-03-01"),
    ):
        tick()
        result = dprk("edit", "m1", *args)
        assert result.code == 0, result.err
    return open("dprk-ledger.toml", "rb").read()


def _deadline_events(dprk, *args: str) -> list[tuple[str, str, str, str, str]]:
    result = dprk("timeline", *args, "--format", "json")
    assert result.code == 0, result.err
    return [
        (e["date"], e["id"], e["party"], e["detail"], e["note"])
        for e in json.loads(result.out)["events"]
        if e["event"] == "deadline"
    ]


ROWS = [
    ("2018-01-05", "m2", "B", "set to 2018-06-01", ""),
    ("2018-01-15", "m1", "A", "set to 2019-01-01", "first said"),
    ("2018-02-01", "m1", "A", "moved from 2019-01-01 to 2019-03-01", ""),
    ("2018-03-01", "m1", "A", "removed (was 2019-03-01)", ""),
]


def test_each_change_of_a_deadline_is_a_row_on_its_day(dprk, tick, tmp_path):
    before = _ledger(dprk, tick)
    assert _deadline_events(dprk) == ROWS
    events = json.loads(dprk("timeline", "--format", "json").out)["events"]
    # (in date order among the other events; no step of its party's: it answers no one,
    # and the step after it answers the party's latest step, not it)
    assert [(e["date"], e["id"], e["event"]) for e in events] == [
        ("2018-01-01", "m1", "created"),
        ("2018-01-05", "m2", "created"),
        ("2018-01-05", "m2", "deadline"),
        ("2018-01-15", "m1", "deadline"),
        ("2018-02-01", "m1", "deadline"),
        ("2018-02-10", "m3", "created"),
        ("2018-03-01", "m1", "deadline"),
    ]
    for e in events:
        if e["event"] == "deadline":
            assert (e["status"], e["move"], e["answers"], e["days_since"]) == (
                None,
                False,
                None,
                None,
            )
    assert events[5]["answers"] == "A" and events[5]["days_since"] == 40  # (from m1's creation)
    assert dprk("check").code == 0
    assert (tmp_path / "dprk-ledger.toml").read_bytes() == before


def test_the_table_csv_tsv_and_markdown_say_them(dprk, tick):
    _ledger(dprk, tick)
    table = dprk("timeline").out
    for line in (
        "deadline: set to 2018-06-01",
        "deadline: set to 2019-01-01; first said",
        "deadline: moved from 2019-01-01 to 2019-03-01",
        "deadline: removed (was 2019-03-01)",
    ):
        assert line in table
        assert line in dprk("timeline", "--format", "markdown").out
    row = next(line for line in table.splitlines() if "moved from" in line)
    assert row.startswith("2018-02-01") and "○" in row and "m1" in row
    rows = list(csv.DictReader(io.StringIO(dprk("timeline", "--format", "csv").out)))
    said = [(r["date"], r["id"], r["party"], r["detail"], r["note"]) for r in rows]
    assert [s for s, r in zip(said, rows, strict=True) if r["event"] == "deadline"] == ROWS
    assert all(r["move"] == "false" for r in rows if r["event"] == "deadline")
    tsv = dprk("timeline", "--format", "tsv").lines
    assert (
        "2018-03-01\tA\tm1\tMeasure m1\tdeadline\t\t\t\t\tremoved (was 2019-03-01)\t"
        in "\n".join(tsv)
    )
    lines = dprk("timeline", "--format", "jsonl").lines
    assert sum(json.loads(line)["event"] == "deadline" for line in lines) == 4


def test_as_of_a_day_shows_the_changes_made_by_then_alone(dprk, tick, tmp_path):
    before = _ledger(dprk, tick)
    assert _deadline_events(dprk, "--as-of", "2018-01-20") == ROWS[:2]
    assert _deadline_events(dprk, "--as-of", "2018-02-01") == ROWS[:3]
    assert _deadline_events(dprk, "--as-of", "2018-01-10") == ROWS[:1]  # (before any of m1's)
    assert _deadline_events(dprk, "--until", "2018-02-01") == ROWS[:3]
    assert _deadline_events(dprk, "--party", "A") == ROWS[1:]
    assert (tmp_path / "dprk-ledger.toml").read_bytes() == before


def test_the_report_s_timeline_draws_them(dprk, tick):
    _ledger(dprk, tick)
    page = dprk("report", "--output", "-").out
    assert "m1 deadline: moved from 2019-01-01 to 2019-03-01" in page
    assert "deadline: removed (was 2019-03-01)" in page
    then = dprk("report", "--as-of", "2018-01-20", "--output", "-").out
    assert "deadline: set to 2019-01-01" in then
    assert "moved from" not in then and "removed (was" not in then


def test_a_hand_over_s_lane_and_a_deadline_edited_with_another_field(dprk, tick):
    """A deadline changed in one edit with another field is its own row; a measure
    handed over draws it in the lane of the party that had it that day."""
    assert dprk("init", "--title", "T", "--party", "A", "--party", "B").code == 0
    assert dprk("add-measure", "X", "--id", "x", "--actor", "A", "--date", "2020-01-01").code == 0
    tick()
    edited = dprk(
        "edit", "x", "--title", "X two", "--deadline", "2020-12-31", "--date", "2020-02-01"
    )
    assert edited.code == 0, edited.err
    tick()
    assert dprk("edit", "x", "--actor", "B", "--date", "2020-03-01").code == 0
    tick()
    assert dprk("edit", "x", "--deadline", "2021-06-30", "--date", "2020-04-01").code == 0
    assert _deadline_events(dprk) == [
        ("2020-02-01", "x", "A", "set to 2020-12-31", ""),
        ("2020-04-01", "x", "B", "moved from 2020-12-31 to 2021-06-30", ""),
    ]


def test_a_deadline_given_with_a_measure_added_undated_moves_with_its_creation(dprk, tick):
    """A whole added without a date is made on the day its parts first acted: the deadline
    it was added with is drawn there, after its creation."""
    assert dprk("init", "--title", "T", "--party", "A", "--party", "B").code == 0
    assert (
        dprk("add-measure", "W", "--id", "w", "--actor", "B", "--deadline", "2019-01-01").code == 0
    )
    tick()
    args = ["--id", "p", "--actor", "B", "--part-of", "w", "--status", "implemented"]
    assert dprk("add-measure", "P", *args, "--date", "2017-06-01").code == 0
    events = json.loads(dprk("timeline", "--format", "json").out)["events"]
    assert [(e["date"], e["id"], e["event"], e["detail"]) for e in events][1:3] == [
        (
            "2017-06-01",
            "w",
            "created",
            "created as proposed (no date given: dated by its earliest event)",
        ),
        ("2017-06-01", "w", "deadline", "set to 2019-01-01"),
    ]


def test_a_deadline_added_with_a_measure_and_moved_since_is_drawn_at_both(dprk, tick, tmp_path):
    """The deadline a measure was added with is the one its first move moved it from: set
    on its creation's day, then moved on the move's; the file unchanged by the read."""
    assert dprk("init", "--title", "T", "--party", "A", "--party", "B").code == 0
    args = ["--id", "x", "--actor", "A", "--date", "2020-01-01", "--deadline", "2020-12-31"]
    assert dprk("add-measure", "X", *args).code == 0
    tick()
    assert dprk("edit", "x", "--deadline", "2021-06-30", "--date", "2020-04-01").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    assert _deadline_events(dprk) == [
        ("2020-01-01", "x", "A", "set to 2020-12-31", ""),
        ("2020-04-01", "x", "A", "moved from 2020-12-31 to 2021-06-30", ""),
    ]
    table = dprk("timeline")
    assert (table.code, table.err) == (0, "")
    assert "set to 2020-12-31" in table.out and "moved from 2020-12-31 to 2021-06-30" in table.out
    assert ledger.read_bytes() == before


def test_a_deadline_corrected_from_the_start_is_drawn_as_set_then(dprk, tmp_path):
    """ru-resume, added on 2023-02-21 due 2025-02-05, its deadline corrected to
    2026-02-05 by an edit dated that first day (as the advice of an edit of today says):
    the timeline and the report's picture of it set it to 2026-02-05 when it was added,
    and move it nowhere; a later edit still moves it."""
    assert dprk("init", "--party", "United States", "--party", "Russia").code == 0
    assert dprk("add-measure", "Russia resumes inspections", "--actor", "Russia", "--id",
                "ru-resume", "--date", "2023-02-21", "--deadline", "2025-02-05").code == 0  # fmt: skip
    edited = dprk("edit", "ru-resume", "--deadline", "2026-02-05", "--date", "2023-02-21")
    assert edited.code == 0, edited.err
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    timeline = dprk("timeline", "--format", "csv")
    assert timeline.code == 0, timeline.err
    said = [line for line in timeline.out.splitlines() if "deadline" in line]
    assert len(said) == 1 and "set to 2026-02-05" in said[0], timeline.out
    assert said[0].startswith("2023-02-21,")
    report = dprk("report", "-o", "-")
    assert report.code == 0, report.err
    assert "2025-02-05" not in report.out
    assert "deadline: set to 2026-02-05" in report.out
    assert ledger.read_bytes() == before
    # (an edit of a later day is a move, drawn on its day)
    assert dprk("edit", "ru-resume", "--deadline", "2026-08-05", "--date", "2024-01-10").code == 0
    said = [
        line for line in dprk("timeline", "--format", "csv").out.splitlines() if "deadline" in line
    ]
    assert [line.split(",")[0] for line in said] == ["2023-02-21", "2024-01-10"]
    assert "set to 2026-02-05" in said[0] and "moved from 2026-02-05 to 2026-08-05" in said[1]


def test_a_deadline_set_by_a_dated_edit_before_a_later_creation_is_drawn_on_its_day(dprk, tmp_path):
    """sadf-1500, added as implemented on 1989-07-01, agreed on 1988-12-22 and given its
    deadline by an edit dated that day: the timeline and the report's picture set it on
    1988-12-22, as log and show --as-of have it, not on the creation's day. Added with
    a deadline too, the edit dated before the creation sets its own (the one it was
    added with never stood)."""
    assert dprk("init", "--party", "South Africa", "--party", "Cuba").code == 0
    added = dprk("add-measure", "Reduce SADF troops to 1500", "--actor", "South Africa",
                 "--id", "sadf-1500", "--status", "implemented", "--date", "1989-07-01")  # fmt: skip
    assert added.code == 0, added.err
    assert dprk("mark", "sadf-1500", "agreed", "--date", "1988-12-22").code == 0
    edited = dprk("edit", "sadf-1500", "--deadline", "1989-07-01", "--date", "1988-12-22")
    assert edited.code == 0, edited.err
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    shown = dprk("show", "sadf-1500", "--as-of", "1989-01-01")
    assert shown.code == 0 and "1989-07-01" in shown.out, shown.out
    assert _deadline_events(dprk) == [
        ("1988-12-22", "sadf-1500", "South Africa", "set to 1989-07-01", "")
    ]
    report = dprk("report", "-o", "-")
    assert (report.code, report.err) == (0, "")
    assert "1988-12-22, South Africa: sadf-1500 deadline: set to 1989-07-01" in report.out
    assert "1989-07-01, South Africa: sadf-1500 deadline" not in report.out
    assert ledger.read_bytes() == before
    # (added with a deadline, that one never stood: the edit before the creation sets it)
    added = dprk("add-measure", "Withdraw Cuban troops", "--actor", "Cuba", "--id", "cuba",
                 "--status", "implemented", "--date", "1991-05-25", "--deadline", "1991-07-01")  # fmt: skip
    assert added.code == 0, added.err
    assert dprk("mark", "cuba", "agreed", "--date", "1988-12-22").code == 0
    edited = dprk("edit", "cuba", "--deadline", "1991-06-01", "--date", "1988-12-22")
    assert edited.code == 0, edited.err
    shown = dprk("show", "cuba", "--as-of", "1989-01-01")
    assert shown.code == 0 and "1991-06-01" in shown.out, shown.out
    assert [e for e in _deadline_events(dprk) if e[1] == "cuba"] == [
        ("1988-12-22", "cuba", "Cuba", "set to 1991-06-01", "")
    ]


def test_a_period_shows_the_deadline_changes_dated_in_it(dprk, tmp_path):
    """exports, agreed on 2022-07-22, its deadline moved on 2022-11-17 and 2023-03-18
    and nothing else since: --since/--until around the moves shows them, as `log` lists
    them, with the measure's other filters still choosing it."""
    assert dprk("init", "--title", "T", "--party", "Russia", "--party", "UN").code == 0
    added = dprk("add-measure", "Ease Russian exports", "--actor", "UN", "--id", "exports",
                 "--status", "agreed", "--date", "2022-07-22", "--deadline", "2022-11-19")  # fmt: skip
    assert added.code == 0, added.err
    for deadline, day, note in (
        ("2023-03-18", "2022-11-17", "renewed for 120 days"),
        ("2023-05-18", "2023-03-18", "renewed; Russia says 60 days"),
    ):
        edited = dprk("edit", "exports", "--deadline", deadline, "--date", day, "--note", note)
        assert edited.code == 0, edited.err
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    moved = [
        ("2022-11-17", "exports", "UN", "moved from 2022-11-19 to 2023-03-18", "renewed for 120 days"),
        ("2023-03-18", "exports", "UN", "moved from 2023-03-18 to 2023-05-18",
         "renewed; Russia says 60 days"),
    ]  # fmt: skip
    period = ("--since", "2022-11-01", "--until", "2023-06-30")
    assert _deadline_events(dprk, *period) == moved
    assert _deadline_events(dprk, *period, "--status", "agreed", "--party", "UN") == moved
    assert _deadline_events(dprk, *period, "--status", "implemented") == []
    assert _deadline_events(dprk, "--since", "2023-01-01") == moved[1:]
    table = dprk("timeline", *period)
    assert (table.code, table.err) == (0, "")
    assert "(no events)" not in table.out and "renewed for 120 days" in table.out
    assert "agreed" not in table.out.split("\n\n")[0]  # (the step before the period: out)
    assert ledger.read_bytes() == before


def test_the_edits_of_one_day_are_one_row_from_the_day_before_s_deadline(dprk, tick, tmp_path):
    """Set to 2002-07-31, then moved to 2002-08-01, on one day, drew two rows, though only
    the second stood that day (as `--as-of` and `show` read a deadline: as the day ended);
    moved away and back on one day drew two rows of a change that did not stand. One row
    a day: from the deadline in force as the day before ended to the one as that day
    ended (the day's notes, in order), none where they are the same."""
    assert dprk("init", "--title", "T", "--party", "DPRK", "--party", "US").code == 0
    assert dprk("add-measure", "Freeze", "--id", "freeze", "--actor", "DPRK", "--status",
                "agreed", "--date", "2002-06-01").code == 0  # fmt: skip
    for deadline, day, note in (
        ("2002-07-31", "2002-06-10", "first said"),
        ("2002-08-01", "2002-06-10", "a day later"),
        ("2002-09-01", "2002-06-12", ""),
        ("2002-08-01", "2002-06-14", ""),
        ("2002-09-01", "2002-06-14", "back"),
    ):
        tick()
        args = ["--deadline", deadline, "--date", day] + (["--note", note] if note else [])
        assert dprk("edit", "freeze", *args).code == 0
    before = (tmp_path / "dprk-ledger.toml").read_bytes()
    assert _deadline_events(dprk) == [
        ("2002-06-10", "freeze", "DPRK", "set to 2002-08-01", "first said; a day later"),
        ("2002-06-12", "freeze", "DPRK", "moved from 2002-08-01 to 2002-09-01", ""),
    ]
    assert _deadline_events(dprk, "--as-of", "2002-06-10") == _deadline_events(dprk)[:1]
    table = dprk("timeline")
    assert table.code == 0, table.err
    rows = [" ".join(line.split()) for line in table.lines if "deadline:" in line]
    assert rows == [
        "2002-06-10 ○ freeze deadline: set to 2002-08-01; first said; a day later",
        "2002-06-12 ○ freeze deadline: moved from 2002-08-01 to 2002-09-01",
    ]
    shown = json.loads(dprk("show", "freeze", "--format", "json", "--as-of", "2002-06-10").out)
    assert shown["deadline"] == "2002-08-01"
    assert (tmp_path / "dprk-ledger.toml").read_bytes() == before
