"""The verification column of `status` and `show` as CSV and TSV: the words the status
table's verification column shows, in plain text, as the rows' last column."""

from __future__ import annotations

import csv
import io
import json

import pytest

from dprk_cli.vocab import Status

# What the status table's verification column says of each measure of `_ledger`.
SAID = {
    "confirmed": "confirmed (IAEA)",
    "none": "unverified",
    "partial": "partial (38 North)",
    "pending": "-",
    "refuted": "refuted (NTI)",
}


def _ledger(dprk) -> bytes:
    assert dprk("init", "--title", "T", "--party", "A", "--party", "B").code == 0
    for ident in SAID:
        status = "proposed" if ident == "pending" else "implemented"
        args = ["--id", ident, "--actor", "A", "--status", status, "--date", "2020-01-01"]
        assert dprk("add-measure", f"Measure {ident}", *args).code == 0
    for ident, result, by in (
        ("confirmed", "confirmed", "IAEA"),
        ("partial", "partial", "38 North"),
        ("refuted", "refuted", "NTI"),
    ):
        found = dprk("verify", ident, "--by", by, "--result", result, "--date", "2020-02-01")
        assert found.code == 0, found.err
    return open("dprk-ledger.toml", "rb").read()


def _table_column(dprk, *args: str) -> dict[str, str]:
    """The status table's verification cell of each measure (plain text, to a pipe)."""
    lines = dprk("status", *args).lines
    header = next(line for line in lines if line.startswith("id "))
    start, end = header.index("verification"), header.index("in exchange for")
    rows = lines[lines.index(header) + 1 :]
    return {
        row.split()[0]: row[start:end].strip() for row in rows if row and row.split()[0] in SAID
    }


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
@pytest.mark.parametrize(
    "args",
    [(), ("--party", "A"), ("--as-of", "2020-03-01")],
    ids=["every-measure", "filtered", "as-of"],
)
def test_status_rows_end_with_the_table_s_verification_words(dprk, tmp_path, fmt, args):
    before = _ledger(dprk)
    assert _table_column(dprk, *args) == SAID  # (the words the table shows)
    result = dprk("status", *args, "--format", fmt)
    assert result.code == 0, result.err
    rows = list(csv.reader(io.StringIO(result.out), delimiter="," if fmt == "csv" else "\t"))
    header = rows[0]
    # (after the columns scripts read by place; only `late`, `days_late` and `acted_on`,
    # added after it, follow)
    assert header[-4:] == ["verification", "late", "days_late", "acted_on"]
    assert header[-7:-4] == ["full_date", "overdue", "deadlocked"]  # (read by place: kept)
    assert {row[0]: row[-4] for row in rows[1:]} == SAID
    assert (tmp_path / "dprk-ledger.toml").read_bytes() == before  # (a read writes nothing)


def test_jsonl_rows_and_the_json_records_hold_it_too(dprk):
    """The JSON records end with it (new in 0.3.0: a chart read them without it, and
    rebuilt it from `verifications`), after `acted_on`, in the same words."""
    _ledger(dprk)
    lines = dprk("status", "--format", "jsonl").lines
    assert {json.loads(line)["id"]: json.loads(line)["verification"] for line in lines} == SAID
    assert list(json.loads(lines[0]))[-4:] == ["verification", "late", "days_late", "acted_on"]
    measures = json.loads(dprk("status", "--format", "json").out)["measures"]
    assert {m["id"]: m["verification"] for m in measures} == SAID
    assert all(list(m)[-2:] == ["acted_on", "verification"] for m in measures)
    shown = json.loads(dprk("show", *SAID, "--format", "json").out)
    assert {m["id"]: m["verification"] for m in shown} == SAID


def test_show_rows_are_of_one_shape_with_status_s(dprk):
    _ledger(dprk)
    status = list(csv.DictReader(io.StringIO(dprk("status", "--format", "csv").out)))
    result = dprk("show", "partial", "refuted", "none", "--format", "csv")
    assert result.code == 0, result.err
    shown = list(csv.DictReader(io.StringIO(result.out)))
    assert list(shown[0]) == list(status[0])  # (the same columns, in the same order)
    assert [row["verification"] for row in shown] == [
        SAID["partial"],
        SAID["refuted"],
        SAID["none"],
    ]
    by_id = {row["id"]: row for row in status}
    assert all(row == by_id[row["id"]] for row in shown)
    tsv = dprk("show", "confirmed", "--format", "tsv").lines
    assert tsv[0].split("\t")[-4] == "verification"
    assert tsv[1].split("\t")[-4] == SAID["confirmed"]


def test_a_measure_made_of_parts_says_it_is_verified_through_them(dprk):
    assert dprk("init", "--title", "T", "--party", "A", "--party", "B").code == 0
    assert (
        dprk("add-measure", "Whole", "--id", "w", "--actor", "A", "--date", "2020-01-01").code == 0
    )
    for ident in ("p1", "p2"):
        args = ["--id", ident, "--actor", "A", "--part-of", "w", "--status", "implemented"]
        assert dprk("add-measure", f"Part {ident}", *args, "--date", "2020-01-02").code == 0
    assert dprk("verify", "p1", "--by", "IAEA", "--date", "2020-01-03").code == 0
    table = _table_column_of(dprk, "w")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(dprk("status", "-f", "csv").out))}
    assert rows["w"]["verification"] == table
    assert table.startswith("unverified (")  # (how far its parts are verified)
    assert rows["p1"]["verification"] == "confirmed (IAEA)"


def _table_column_of(dprk, ident: str) -> str:
    lines = dprk("status").lines
    header = next(line for line in lines if line.startswith("id "))
    start, end = header.index("verification"), header.index("in exchange for")
    row = next(line for line in lines if line.split() and line.split()[0] == ident)
    return row[start:end].strip()


# (a filter every measure passes: the rows are made from the nodes, not the kept table)
EVERY_STATUS = [arg for s in Status for arg in ("--status", s.value)]


@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl"])
@pytest.mark.parametrize("limit", [(), ("--limit", "40")], ids=["all", "limit"])
def test_every_measure_s_rows_read_the_kept_table_not_the_nodes(dprk, tmp_path, fmt, limit):
    """Every measure as CSV, TSV or JSON lines read each measure's node to word its
    verification (at 10,000 measures, a tenth more time and a third more memory than
    the rows without the column); the kept table's rows hold those words, and the
    records whether each was done late. The rows are the ones the nodes give."""
    from benchmarks.generate import build
    from dprk_cli import store
    from dprk_cli.store.snapshots import Snapshot
    from tests.spying import answered

    path = tmp_path / "dprk-ledger.toml"
    store.create(path, build(300, seed=5, cycles=2).ledger, force=False)
    for args in (  # (one done late and one on time: `late` said either way)
        ["add-measure", "Late", "--actor", "US", "--id", "aa-late", "--status", "agreed",
         "--date", "1990-01-01", "--deadline", "1990-02-01"],
        ["mark", "aa-late", "implemented", "--date", "1990-03-01"],
        ["add-measure", "On time", "--actor", "US", "--id", "aa-on-time", "--status", "agreed",
         "--date", "1990-01-01", "--deadline", "1990-02-01"],
        ["mark", "aa-on-time", "implemented", "--date", "1990-02-01"],
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    assert dprk("status", "--format", "json").code == 0  # (the table kept beside it)
    before = path.read_bytes()
    with answered(Snapshot, "nodes") as every, answered(Snapshot, "nodes_of") as some:
        kept = dprk("status", *limit, "--format", fmt)
    # (a list the limit cut says so on standard error, where its format cannot)
    cut = "dprk: 262 more measures not shown (--limit 40)\n" if limit else ""
    assert (kept.code, kept.err) == (0, cut)
    assert (every, some) == ([], [])  # (no node read)
    made = dprk("status", *EVERY_STATUS, *limit, "--format", fmt)
    assert (made.code, made.err) == (0, cut)
    assert kept.out == made.out
    if fmt == "jsonl":
        rows = [json.loads(line) for line in kept.lines]
    else:
        rows = list(csv.DictReader(io.StringIO(kept.out), delimiter="," if fmt == "csv" else "\t"))
    assert len(rows) == (40 if limit else 302)
    late = {row["id"]: row["late"] for row in rows if row["id"].startswith("aa-")}
    said = {True: "true", False: "false"} if fmt != "jsonl" else {True: True, False: False}
    assert late == {"aa-late": said[True], "aa-on-time": said[False]}
    assert path.read_bytes() == before
