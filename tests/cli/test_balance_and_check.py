"""balance and check through the real entry point, and check as a git pre-commit hook."""

from __future__ import annotations

import csv
import io
import json
import re
import shlex
import shutil
import sys
import tomllib
from datetime import date, timedelta

import pytest

from dprk_cli.clock import today
from tests.conftest import ROOT, run_process, shell
from tests.spying import answered
from tests.stories import inf_treaty, yongbyon_for_bda

# The bundled example links DPRK's test moratorium and the Punggye-ri closure to the
# end-of-war declaration Pyongyang says it was owed in return: "no credit given".


# --- balance ---------------------------------------------------------------------------


def test_balance_json_shape(dprk, korea):
    result = dprk("balance", "--as-of", "2018-09-17", "--format", "json")
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert set(doc) == {"as_of", "parties"} and doc["as_of"] == "2018-09-17"
    assert set(doc["parties"]) == {"DPRK", "ROK", "US"}
    for sides in doc["parties"].values():
        assert set(sides) == {"owed", "owes"}
    war = "end-of-war-declaration"
    # (the steps of April and May are owed from 7 July, when the declaration was asked
    # for in exchange for them: nothing was owed for them before)
    assert doc["parties"]["DPRK"]["owed"] == [
        {"measure": "punggye-ri-closure", "counterpart": war, "since": "2018-07-07", "days": 72,
         "in_part": False, "disputed": False, "held_by": []},
        {"measure": "test-moratorium", "counterpart": war, "since": "2018-07-07", "days": 72,
         "in_part": False, "disputed": False, "held_by": []},
    ]  # fmt: skip
    assert doc["parties"]["US"]["owes"] == [
        {"measure": war, "counterpart": "punggye-ri-closure", "since": "2018-07-07", "days": 72,
         "in_part": False, "disputed": False, "held_by": []},
        {"measure": war, "counterpart": "test-moratorium", "since": "2018-07-07", "days": 72,
         "in_part": False, "disputed": False, "held_by": []},
    ]  # fmt: skip
    assert doc["parties"]["DPRK"]["owes"] == [] and doc["parties"]["ROK"] == {
        "owed": [],
        "owes": [],
    }


def test_a_measure_made_of_parts_owed_since_it_first_acted_though_a_part_was_reversed(
    dprk, tmp_path
):
    """Sohae acted on 2018-07-23 (its engine stand), and never stopped: the stand undone
    on 2019-03-01 leaves it implemented through the assembly building. The balance kept
    dating it from the building's day (2018-09-01), 220 days becoming 182 overnight."""
    assert dprk("init", "--party", "DPRK", "--party", "US").code == 0
    for args in (
        ["Dismantle Sohae", "--id", "sohae", "--actor", "DPRK", "--status", "agreed"],
        ["Engine stand", "--id", "stand", "--part-of", "sohae", "--actor", "DPRK",
         "--status", "agreed"],
        ["Assembly building", "--id", "bldg", "--part-of", "sohae", "--actor", "DPRK",
         "--status", "agreed"],
        ["Ease sanctions", "--id", "relief", "--actor", "US", "--in-exchange-for", "sohae"],
    ):  # fmt: skip
        assert dprk("add-measure", *args, "--date", "2018-06-12").code == 0
    assert dprk("mark", "stand", "implemented", "--date", "2018-07-23").code == 0
    assert dprk("mark", "bldg", "implemented", "--date", "2018-09-01").code == 0

    def owed(*as_of: str) -> list[tuple[str, int]]:
        doc = json.loads(dprk("balance", *as_of, "--format", "json").out)
        return [(o["since"], o["days"]) for o in doc["parties"]["DPRK"]["owed"]]

    assert owed("--as-of", "2019-02-28") == [("2018-07-23", 220)]
    result = dprk("mark", "stand", "reversed", "--date", "2019-03-01")
    assert result.err == (
        "stand: reversed on 2019-03-01 (part of sohae, now implemented (intermediate) from "
        "2018-07-23, in full from 2018-09-01, intermediate from 2019-03-01)\n"
    )
    assert owed("--as-of", "2019-03-02") == [("2018-07-23", 222)]
    assert owed()[0][0] == "2018-07-23"
    # both parts undone: nothing is owed; one carried out again: owed from that day
    assert dprk("mark", "bldg", "reversed", "--date", "2019-04-01").code == 0
    assert owed() == []
    assert dprk("mark", "bldg", "implemented", "--date", "2019-05-01").code == 0
    assert owed("--as-of", "2019-05-02") == [("2019-05-01", 1)]


def test_balance_for_one_party_as_it_stood(dprk, korea):
    doc = json.loads(dprk("balance", "--party", "US", "--format", "json").out)
    assert list(doc["parties"]) == ["US"]
    assert [o["counterpart"] for o in doc["parties"]["US"]["owes"]] == [
        "punggye-ri-closure",
        "test-moratorium",
    ]
    before = json.loads(dprk("balance", "--as-of", "2018-05-31", "--format", "json").out)
    assert before["parties"]["DPRK"]["owed"] == []  # the declaration was not yet on the table
    assert dprk("mark", "end-of-war-declaration", "implemented", "--date", "2018-10-01").code == 0
    settled = json.loads(dprk("balance", "--format", "json").out)
    assert settled["parties"]["DPRK"]["owed"] == [] and settled["parties"]["US"]["owes"] == []
    # now the US is owed the inventory it was exchanged for
    assert [o["measure"] for o in settled["parties"]["US"]["owed"]] == ["end-of-war-declaration"]


def test_balance_counts_in_status(dprk, korea):
    doc = json.loads(dprk("status", "--format", "json").out)
    assert doc["parties"]["DPRK"]["owed"] == 2 and doc["parties"]["US"]["owes"] == 1


def test_balance_table_and_flat_formats(dprk, korea):
    out = dprk("balance", "--as-of", "2018-09-17").out
    assert out.startswith("Reciprocity balance on 2018-09-17\n")
    row = next(line for line in out.splitlines() if "punggye-ri-closure" in line)
    assert "DPRK" in row and "end-of-war-declaration" in row and "2018-07-07" in row
    assert "72" in row
    rows = list(csv.DictReader(io.StringIO(dprk("balance", "--format", "csv").out)))
    assert [(r["party"], r["direction"], r["measure"]) for r in rows] == [
        ("DPRK", "owed", "punggye-ri-closure"),
        ("DPRK", "owed", "test-moratorium"),
        ("US", "owes", "end-of-war-declaration"),
        ("US", "owes", "end-of-war-declaration"),
    ]


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["balance", "--party", "Japan"], 1, "'Japan' is not a declared party"),
        (["balance", "--as-of", "2018/09/17"], 2, "--as-of: '2018/09/17' is not a date"),
        # (its rows are parties: its help offers no ids, and ids is refused as unknown)
        (["scorecard", "--format", "ids"], 2, "'ids' is not one of 'table', 'json', 'jsonl'"),
        (["check", "--format", "xml"], 2, "'xml' is not one of"),
    ],
)
def test_bad_balance_and_check_input(dprk, korea, args, code, words):
    before = korea.read_bytes()
    result = dprk(*args)
    assert result.code == code, result.err
    assert result.out == ""
    assert result.err.startswith("dprk: error: ") and result.err.count("\n") == 1
    assert words in result.err
    assert korea.read_bytes() == before


def _years_of_debts(dprk) -> None:
    """Three parties' exchanges over 2015-2021: paid for, reversed, linked late,
    carried out in part, unlinked, withdrawn; and a party with none."""
    made = [
        ("a", "DPRK", "2015-01-01", []),
        ("b", "US", "2015-01-01", ["--in-exchange-for", "a"]),
        ("c", "ROK", "2016-01-01", []),
        ("d", "DPRK", "2016-02-01", []),
        ("e", "US", "2017-05-01", ["--in-exchange-for", "c"]),
    ]
    for ident, actor, day, extra in made:
        assert dprk("add-measure", ident.upper(), "--actor", actor, "--id", ident,
                    "--date", day, *extra).code == 0  # fmt: skip
    for args in (
        ["mark", "a", "implemented", "--date", "2015-03-01"],
        ["mark", "b", "implemented", "--date", "2016-05-01"],
        ["mark", "c", "implemented", "--date", "2017-03-01"],
        ["link", "c", "d", "--date", "2017-06-01"],
        ["mark", "b", "reversed", "--date", "2018-02-01"],
        ["mark", "d", "implemented", "--extent", "minimal", "--date", "2019-04-01"],
        ["unlink", "c", "d", "--date", "2020-07-01"],
        ["mark", "e", "withdrawn", "--date", "2021-02-01"],
    ):
        assert dprk(*args).code == 0, (args, dprk(*args).err)


def test_balance_by_year_is_each_year_s_balance_as_of_its_end(dprk, empty):
    """An analyst charting what each party owed and was owed over the years called
    `balance --as-of YYYY-12-31` a year at a time: `--yearly` gives each, from the year
    of the ledger's first event to the --as-of day's, that one on the day."""
    _years_of_debts(dprk)
    before = empty.read_bytes()
    result = dprk("balance", "--yearly", "--as-of", "2021-06-30", "--format", "json")
    assert result.code == 0 and result.err == ""
    years = json.loads(result.out)
    ends = [f"{y}-12-31" for y in range(2015, 2021)] + ["2021-06-30"]
    assert [(y["year"], y["as_of"]) for y in years] == list(
        zip(range(2015, 2022), ends, strict=True)
    )
    for year, end in zip(years, ends, strict=True):
        drawn = json.loads(dprk("balance", "--as-of", end, "--format", "json").out)
        assert year == {"year": int(end[:4])} | drawn
    assert [list(y) for y in years] == [["year", "as_of", "parties"]] * 7
    # (what the years hold: each turn of the ledger above is seen in its year)
    owes = [{p: [(o["measure"], o["counterpart"], o["since"]) for o in sides["owes"]]
             for p, sides in y["parties"].items() if sides["owes"]} for y in years]  # fmt: skip
    assert owes == [
        {"US": [("b", "a", "2015-03-01")]},
        {},
        {"DPRK": [("d", "c", "2017-06-01")], "US": [("e", "c", "2017-05-01")]},
        {"DPRK": [("d", "c", "2017-06-01")], "US": [("e", "c", "2017-05-01"), ("b", "a", "2018-02-01")]},
        {"DPRK": [("d", "c", "2017-06-01")], "US": [("e", "c", "2017-05-01"), ("b", "a", "2018-02-01")]},
        {"US": [("e", "c", "2017-05-01"), ("b", "a", "2018-02-01")]},
        {"US": [("e", "c", "2017-05-01"), ("b", "a", "2018-02-01")]},
    ]  # fmt: skip
    # the same years in CSV (`balance`'s rows, the year and the day first), for one party
    rows = dprk("balance", "--yearly", "--as-of", "2021-06-30", "--party", "DPRK", "--format",
                "csv").out.splitlines()  # fmt: skip
    assert rows[0] == (
        "year,as_of,party,direction,measure,counterpart,since,days,in_part,disputed,held_by"
    )
    for end in ends:
        drawn = dprk("balance", "--as-of", end, "--party", "DPRK", "--format", "csv").out
        assert [r.removeprefix(f"{end[:4]},{end},") for r in rows if r.startswith(end[:4])] == (
            drawn.splitlines()[1:]
        )
    assert len(rows) == 1 + sum(
        len(dprk("balance", "--as-of", end, "--party", "DPRK", "--format", "csv").lines) - 1
        for end in ends
    )
    assert empty.read_bytes() == before


def test_balance_by_year_replays_a_measure_once_for_the_years_that_leave_it_be(
    dprk, tmp_path, monkeypatch
):
    """A ledger kept over decades: each year's end is the ledger as it then stood, yet a
    measure that a year leaves as it stands is replayed once for all such years, not once
    a year; and each year is still the balance --as-of its end gives."""
    from benchmarks.generate import build
    from dprk_cli import lifecycle, store

    size = 200
    path = tmp_path / "dprk-ledger.toml"
    store.create(path, build(size, seed=11).ledger, force=True)
    before = path.read_bytes()
    replayed: list[str] = []
    real = lifecycle.replay
    monkeypatch.setattr(lifecycle, "replay", lambda m: replayed.append(m.id) or real(m))
    result = dprk("balance", "--yearly", "--format", "json")
    assert result.code == 0 and result.err == ""
    years = json.loads(result.out)
    assert len(years) >= 25
    # (a measure is replayed anew only for a year before its last event, as it stood
    # then; replayed once or twice every year, this ledger took 10,454 replays)
    assert len(replayed) < len(years) * size // 2, len(replayed)
    monkeypatch.setattr(lifecycle, "replay", real)
    for year in (years[0], years[len(years) // 2], years[-2], years[-1]):
        drawn = json.loads(dprk("balance", "--as-of", year["as_of"], "--format", "json").out)
        assert year == {"year": int(year["as_of"][:4])} | drawn
    assert path.read_bytes() == before


def test_balance_by_year_table_counts_each_party_s_exchanges_a_column_a_year(dprk, empty):
    _years_of_debts(dprk)
    result = dprk("balance", "--yearly", "--as-of", "2021-06-30")
    assert result.code == 0 and result.err == ""
    assert result.out == (
        "Owed on 31 December of each year (2021: on 2021-06-30)\n"
        "party  2015  2016  2017  2018  2019  2020  2021\n"
        "DPRK      1     0     0     1     1     1     1\n"
        "US        0     0     0     0     0     0     0\n"
        "ROK       0     0     2     2     2     1     1\n"
        "\n"
        "Owes on 31 December of each year (2021: on 2021-06-30)\n"
        "party  2015  2016  2017  2018  2019  2020  2021\n"
        "DPRK      0     0     1     1     1     0     0\n"
        "US        1     0     1     2     2     2     2\n"
        "ROK       0     0     0     0     0     0     0\n"
        "\n"
        "Counted by exchange, as 'dprk balance' counts them: what each is, and since when, "
        "in --format json or csv, or on the day with --as-of.\n"
    )
    # one party's rows; a year's end on the --as-of day is not said again
    out = dprk("balance", "--yearly", "--as-of", "2020-12-31", "--party", "US").out
    assert out.splitlines()[:3] == [
        "Owed on 31 December of each year",
        "party  2015  2016  2017  2018  2019  2020",
        "US        0     0     0     0     0     0",
    ]
    # without --as-of: up to today, this year's on today
    last = json.loads(dprk("balance", "--yearly", "--format", "json").out)[-1]
    assert last == {"year": today().year} | json.loads(
        dprk("balance", "--as-of", today().isoformat(), "--format", "json").out
    )


def test_balance_by_year_in_every_format_is_the_years_balances(dprk, empty):
    """What each format of `balance --yearly` prints: the rows of each year's balance
    (`year` and `as_of` first) in TSV and JSON lines, the tables in Markdown, and with
    `--format ids` each measure out of balance in any year, once, in the order the
    years first list it (each year's `balance --as-of` ids, joined)."""
    _years_of_debts(dprk)
    before = empty.read_bytes()
    ends = [f"{y}-12-31" for y in range(2015, 2021)] + ["2021-06-30"]
    ids = dprk("balance", "--yearly", "--as-of", "2021-06-30", "--format", "ids")
    assert (ids.code, ids.err, ids.out) == (0, "", "a\nb\nd\ne\nc\n")
    each = [dprk("balance", "--as-of", end, "--format", "ids").lines for end in ends]
    assert ids.lines == list(dict.fromkeys(i for year in each for i in year))
    csv_rows = dprk("balance", "--yearly", "--as-of", "2021-06-30", "--format", "csv").lines
    tsv = dprk("balance", "--yearly", "--as-of", "2021-06-30", "--format", "tsv")
    assert (tsv.code, tsv.err) == (0, "")
    assert tsv.lines == [row.replace(",", "\t") for row in csv_rows]
    lines = dprk("balance", "--yearly", "--as-of", "2021-06-30", "--format", "jsonl").lines
    assert [list(json.loads(line).values()) for line in lines] == [
        [int(v) if v.isdigit() else {"false": False, "true": True}.get(v, v) for v in row[:-1]]
        + [[]]
        for row in csv.reader(csv_rows[1:])
    ]
    markdown = dprk("balance", "--yearly", "--as-of", "2021-06-30", "--format", "markdown")
    assert (markdown.code, markdown.err) == (0, "")
    assert markdown.lines[:5] == [
        "## Owed on 31 December of each year (2021: on 2021-06-30)",
        "",
        "| party | 2015 | 2016 | 2017 | 2018 | 2019 | 2020 | 2021 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        "| DPRK | 1 | 0 | 0 | 1 | 1 | 1 | 1 |",
    ]
    # a year with nothing out of balance: no id, and no word
    none = dprk("balance", "--yearly", "--as-of", "2014-06-30", "--format", "ids")
    assert (none.code, none.out, none.err) == (0, "", "")
    assert empty.read_bytes() == before


def test_balance_by_year_reads_the_ledger_once(dprk, empty, monkeypatch):
    """Each year's balance is of the ledger rebuilt as of its end, from one reading, and
    let go once drawn: the session kept every year's ledger and nodes (as a view of one
    day keeps its own), thirty of them at once three times a balance's memory."""
    from dprk_cli.analysis import asof
    from dprk_cli.cli.common import Session
    from dprk_cli.store.snapshots import Snapshot

    _years_of_debts(dprk)
    dprk("balance")  # (its cache made: a read of the file, counted below, is the whole file)
    with (
        answered(Snapshot, "stored") as read,
        answered(asof, "as_of") as rebuilt,
        answered(Session, "_nodes_on") as kept,
    ):
        assert dprk("balance", "--yearly", "--as-of", "2021-06-30").code == 0
    assert read == [True]
    assert len(rebuilt) == 2021 - 2015 + 1  # (each year's alone: the last, the --as-of day's)
    assert kept == []  # (no day's ledger kept by the session)


@pytest.mark.parametrize(
    "args",
    [
        ["--yearly", "--assume", "b=implemented"],
        ["--assume", "b=implemented", "--yearly", "--as-of", "2020-01-01"],
    ],
)
def test_balance_by_year_refuses_an_assumption(dprk, empty, args):
    """An assumption holds from the one day a balance is drawn on, after every year's end
    but the last: the years would mix balances with and without it."""
    _years_of_debts(dprk)
    before = empty.read_bytes()
    result = dprk("balance", *args)
    assert result.code == 2 and result.out == ""
    assert result.err == (
        "dprk: error: --assume answers as of one day, and --yearly draws every year before "
        "it: give one of them\n"
    )
    assert empty.read_bytes() == before


# --- check -----------------------------------------------------------------------------


def test_check_passes_the_example_with_a_deadlock_warning(dprk, korea):
    result = dprk("check")
    assert result.code == 0
    assert result.err == ""
    lines = result.lines
    assert lines[0].startswith(
        "warning: inventory-submission: deadlock: inventory-submission waits for "
        "end-of-war-declaration (demanded by DPRK)"
    )
    assert lines[0].endswith("[deadlocks]")
    assert lines[-1] == "0 errors, 1 warning"


def test_check_strict_fails_on_the_deadlock(dprk, korea):
    result = dprk("check", "--strict")
    assert result.code == 1
    assert result.lines[0].startswith("error: inventory-submission: deadlock:")
    assert result.lines[-1] == "1 error, 0 warnings"


def test_check_json_shape(dprk, korea):
    doc = json.loads(dprk("check", "--format", "json").out)
    assert set(doc) == {"ok", "errors", "warnings", "problems"}
    assert (doc["ok"], doc["errors"], doc["warnings"]) == (True, 0, 1)
    [problem] = doc["problems"]
    assert set(problem) == {"severity", "check", "measure", "measures", "message"}
    assert (problem["severity"], problem["check"], problem["measure"]) == (
        "warning",
        "deadlocks",
        "inventory-submission",
    )
    # (every measure the problem is about: both of the deadlock, as status flags them)
    both = ["inventory-submission", "end-of-war-declaration"]
    assert problem["measures"] == both
    assert "dprk sequence inventory-submission --with end-of-war-declaration" in problem["message"]
    strict = json.loads(dprk("check", "--strict", "--format", "json").out)
    assert (strict["ok"], strict["errors"], strict["warnings"]) == (False, 1, 0)
    assert strict["problems"][0]["measures"] == both
    flagged = json.loads(dprk("status", "--format", "json").out)["measures"]
    assert sorted(m["id"] for m in flagged if m["deadlocked"]) == sorted(both)
    for _ in range(2):  # (worked out, then as kept beside the ledger)
        assert dprk("check", "--format", "ids").out.split() == both
    assert json.loads(dprk("check", "--format", "json").out) == doc


def _about(dprk, ledger, code: int = 0) -> list[tuple[str, str, list[str]]]:
    """Each problem `check` finds, as its JSON says what it is about, `--format ids`
    printing those measures too; the ledger untouched. Every measure of the ledger a
    message quotes ('x') is among those it is about."""
    before = ledger.read_bytes()
    checked = dprk("check", "--format", "json")
    assert checked.code == code, checked.err
    problems = json.loads(checked.out)["problems"]
    found = [(p["check"], p["measure"], p["measures"]) for p in problems]
    ids = dprk("check", "--format", "ids")
    listed = list(dict.fromkeys(i for *_, m in found for i in m))
    assert (ids.code, ids.out.split()) == (code, listed)
    assert ledger.read_bytes() == before
    held = {m["id"] for m in tomllib.loads(before.decode("utf-8")).get("measures", [])}
    for p in problems:
        quoted = set(re.findall(r"'([^'\s]+)'", p["message"])) & held
        assert quoted <= set(p["measures"]), (p["check"], p["message"], p["measures"])
    return found


def _made(dprk, *commands: tuple[str, ...]) -> None:
    for args in commands:
        result = dprk(*args)
        assert result.code == 0, (args, result.err)


def test_check_lists_the_measure_one_acted_before_among_those_its_warning_is_about(dprk, tmp_path):
    """b, to follow a, acted first: the warning names both ("although 'a', which it was to
    follow, ... has not acted"), but `measures` listed b alone and `--format ids` printed
    b alone, though the reference says `measures` lists every measure the problem is
    about. A part held by its whole's order names the whole too."""
    _made(
        dprk,
        ("init", "--party", "A", "--party", "B"),
        ("add-measure", "a", "--actor", "A", "--id", "a", "--date", "2004-01-01"),
        ("add-measure", "b", "--actor", "B", "--id", "b", "--date", "2004-01-01"),
        ("sequence", "b", "--after", "a", "--demanded-by", "B", "--date", "2004-01-01"),
        ("mark", "b", "implemented", "--date", "2004-02-01"),
    )
    ledger = tmp_path / "dprk-ledger.toml"
    assert _about(dprk, ledger) == [("acted-out-of-order", "b", ["b", "a"])]
    _made(
        dprk,
        ("add-measure", "w", "--actor", "B", "--id", "w", "--date", "2004-01-01"),
        ("add-measure", "p", "--actor", "B", "--id", "p", "--part-of", "w", "--date",
         "2004-01-01"),
        ("sequence", "w", "--after", "a", "--demanded-by", "B", "--date", "2004-01-01"),
        ("mark", "p", "implemented", "--date", "2004-02-02"),
    )  # fmt: skip
    assert ("acted-out-of-order", "p", ["p", "a", "w"]) in _about(dprk, ledger)


def test_check_says_a_measure_waited_for_has_not_stood_verified_not_that_it_never_was(
    dprk, tmp_path
):
    """a was confirmed by V and refuted by W on one day, and b, to follow a verified,
    acted after: the warning said a "has not been verified", where it had been, and
    stood disputed by the end of that day. It says a has not stood verified."""
    _made(
        dprk,
        ("init", "--party", "A", "--party", "B"),
        ("add-measure", "a", "--actor", "A", "--id", "a", "--date", "2004-01-01"),
        ("mark", "a", "implemented", "--date", "2004-01-02"),
        ("verify", "a", "--by", "V", "--date", "2004-01-15"),
        ("verify", "a", "--by", "W", "--result", "refuted", "--date", "2004-01-15"),
        ("add-measure", "b", "--actor", "B", "--id", "b", "--date", "2004-01-01"),
        ("sequence", "b", "--after", "a", "--require", "verified", "--demanded-by", "B",
         "--date", "2004-01-01"),
        ("mark", "b", "implemented", "--date", "2004-01-20"),
    )  # fmt: skip
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    checked = dprk("check")
    assert (checked.code, checked.out) == (
        0,
        "warning: b: acted on 2004-01-20 although 'a', which it was to follow, demanded by "
        "B, has not stood verified; no fix needed if that is what "
        "happened; if the order was entered by mistake: 'dprk drop-entry b 2' "
        "[acted-out-of-order]\n0 errors, 1 warning\n",
    )
    assert ledger.read_bytes() == before


def test_check_lists_the_partner_a_measure_acted_without_among_those_its_warning_is_about(
    dprk, tmp_path
):
    """vote, to go with stage, acted alone: the warning names stage, `measures` did not."""
    _made(
        dprk,
        ("init", "--party", "A", "--party", "B"),
        ("add-measure", "vote", "--actor", "A", "--id", "vote", "--date", "1998-10-23"),
        ("add-measure", "stage", "--actor", "B", "--id", "stage", "--date", "1998-10-23"),
        ("sequence", "vote", "--with", "stage", "--date", "1998-10-23"),
        ("mark", "vote", "implemented", "--date", "1998-12-14"),
    )
    found = _about(dprk, tmp_path / "dprk-ledger.toml")
    assert found == [("acted-out-of-order", "vote", ["vote", "stage"])]


def test_check_lists_the_parts_a_whole_has_none_left_to_act_of(dprk, tmp_path):
    """w's parts were rejected and withdrawn: the warning names them, `measures` did not."""
    _made(
        dprk,
        ("init", "--party", "A", "--party", "B"),
        ("add-measure", "w", "--actor", "A", "--id", "w", "--date", "2020-01-01"),
        ("add-measure", "p1", "--actor", "A", "--id", "p1", "--part-of", "w", "--date",
         "2020-01-01"),
        ("add-measure", "p2", "--actor", "A", "--id", "p2", "--part-of", "w", "--date",
         "2020-01-01"),
        ("mark", "p1", "rejected", "--date", "2020-01-02"),
        ("mark", "p2", "withdrawn", "--date", "2020-01-03"),
    )  # fmt: skip
    found = _about(dprk, tmp_path / "dprk-ledger.toml")
    assert found == [("parts-left-to-act", "w", ["w", "p1", "p2"])]


def test_check_lists_the_whole_a_part_counted_as_another_party_s_in(dprk, tmp_path):
    """A part that acted as another party's measure's, a part of it then (moved out since,
    or handed to the whole's party since): the warning names the whole, `measures` did
    not."""
    _made(
        dprk,
        ("init", "--party", "DPRK", "--party", "US"),
        ("add-measure", "Release", "--actor", "DPRK", "--id", "pow", "--date", "1973-01-27"),
        ("add-measure", "Withdraw", "--actor", "US", "--id", "wd", "--date", "1973-01-27"),
        ("add-measure", "Third", "--actor", "US", "--id", "wd-3", "--part-of", "pow",
         "--date", "1973-01-27"),
        ("mark", "wd-3", "implemented", "--date", "1973-03-01"),
        ("edit", "wd-3", "--part-of", "wd", "--date", "1973-03-20"),
        ("add-measure", "q", "--actor", "US", "--id", "q", "--part-of", "pow", "--date",
         "1973-01-27"),
        ("mark", "q", "implemented", "--date", "1973-02-01"),
        ("edit", "q", "--actor", "DPRK", "--date", "1973-03-01"),
    )  # fmt: skip
    found = _about(dprk, tmp_path / "dprk-ledger.toml")
    assert ("parts-of-another-party", "wd-3", ["wd-3", "pow"]) in found
    assert ("parts-of-another-party", "q", ["q", "pow"]) in found


def test_check_lists_the_other_of_two_measures_one_party_exchanges(dprk, tmp_path):
    """freeze and inv, both DPRK's, exchanged for each other: the warning names both,
    `measures` listed freeze alone."""
    _made(
        dprk,
        ("init", "--party", "DPRK", "--party", "US"),
        ("add-measure", "Inventory", "--actor", "DPRK", "--id", "inv", "--date", "2018-07-07"),
        ("add-measure", "Freeze", "--actor", "DPRK", "--id", "freeze", "--date", "2018-07-07",
         "--in-exchange-for", "inv"),
    )  # fmt: skip
    found = _about(dprk, tmp_path / "dprk-ledger.toml")
    assert found == [("exchange-within-a-party", "freeze", ["freeze", "inv"])]


def test_check_lists_the_whole_of_a_part_of_another_party(dprk, tmp_path):
    """p1, US's, a part of DPRK's whole: the warning names the whole, `measures` did not
    (as it does of a part that was one once: the whole-ledger check's)."""
    _made(
        dprk,
        ("init", "--party", "DPRK", "--party", "US"),
        ("add-measure", "Whole", "--actor", "DPRK", "--id", "whole", "--date", "2018-04-20"),
        ("add-measure", "Part by US", "--actor", "US", "--id", "p1", "--part-of", "whole",
         "--date", "2018-04-20"),
    )  # fmt: skip
    found = _about(dprk, tmp_path / "dprk-ledger.toml")
    assert found == [("parts-of-another-party", "p1", ["p1", "whole"])]


def test_check_lists_what_holds_a_deadlocked_measure_besides(dprk, tmp_path):
    """a and b wait for each other, b for d too, withdrawn: the warning says "b also waits
    for d (withdrawn)", `measures` listed b and a alone."""
    _made(
        dprk,
        ("init", "--party", "A", "--party", "B"),
        *(("add-measure", i, "--actor", "A", "--id", i, "--date", "2020-01-01") for i in "abd"),
        ("sequence", "a", "--after", "b", "--demanded-by", "A", "--date", "2020-01-01"),
        ("sequence", "b", "--after", "a", "--demanded-by", "B", "--date", "2020-01-01"),
        ("sequence", "b", "--after", "d", "--demanded-by", "B", "--date", "2020-01-01"),
        ("mark", "d", "withdrawn", "--date", "2020-01-02"),
    )
    found = _about(dprk, tmp_path / "dprk-ledger.toml")
    assert found == [("deadlocks", "b", ["b", "a", "d"])]


def test_check_lists_the_measures_a_rule_names_in_a_hand_edited_ledger(dprk, tmp_path):
    """Each error of the rules that names another measure (a link or an order one end
    does not return, a link listed twice, an order demanded by no declared party, a
    cycle of parts) lists it in `measures`, and `--format ids` prints it; they listed
    the measure alone."""
    ledger = tmp_path / "dprk-ledger.toml"
    made = '"created", status = "proposed", recorded = 2020-01-01T00:00:00Z }'
    ledger.write_text(
        'schema = 1\ntitle = "Hand"\nparties = ["A", "B"]\n'
        + "".join(
            f'\n[[measures]]\nid = "{i}"\ntitle = "{i}"\nactor = "{actor}"\n{rest}'
            f"history = [{{ date = 2020-01-01, event = {made}]\n"
            for i, actor, rest in (
                ("x", "A", 'in_exchange_for = ["y"]\nconstraints = [{ with = "w" }]\n'),
                ("y", "B", 'in_exchange_for = ["z", "z"]\n'),
                ("z", "A", 'in_exchange_for = ["y"]\n'
                 'constraints = [{ after = "w", demanded_by = "C" }]\n'),
                ("w", "B", ""),
                ("c1", "A", 'part_of = "c2"\n'),
                ("c2", "A", 'part_of = "c1"\n'),
            )
        ),
        encoding="utf-8",
    )  # fmt: skip
    found = _about(dprk, ledger, code=1)
    for problem in (
        ("one-sided-exchanges", "x", ["x", "y"]),
        ("one-sided-with", "x", ["x", "w"]),
        ("repeated-links", "y", ["y", "z"]),
        ("undeclared-parties", "z", ["z", "w"]),
        ("parts", "c1", ["c1", "c2"]),
        ("parts", "c2", ["c2", "c1"]),
    ):
        assert problem in found, found


def test_check_lists_the_measure_a_record_unlike_its_history_names(dprk, tmp_path):
    """An order, a link and a part_of set by hand otherwise than their history: the
    error names the other measure (the order's, the link's, the wholes), `measures` did
    not."""
    _made(
        dprk,
        ("init", "--party", "A", "--party", "B"),
        *(("add-measure", i, "--actor", "A", "--id", i, "--date", "2020-01-01") for i in "abw"),
        ("add-measure", "c", "--actor", "B", "--id", "c", "--date", "2020-01-01",
         "--in-exchange-for", "a"),
        ("sequence", "a", "--after", "b", "--date", "2020-01-02"),
        ("edit", "c", "--part-of", "w", "--date", "2020-01-03"),
    )  # fmt: skip
    ledger = tmp_path / "dprk-ledger.toml"
    text = ledger.read_text(encoding="utf-8")
    for was, now in (
        ('after = "b"', 'after = "b", require = "verified"'),
        ('in_exchange_for = [\n    "c",\n]\n', ""),
        ('in_exchange_for = [\n    "a",\n]\n', ""),
        ('part_of = "w"', 'part_of = "b"'),
    ):
        assert was in text, was
        text = text.replace(was, now)
    ledger.write_text(text, encoding="utf-8")
    found = _about(dprk, ledger, code=1)
    assert ("order-history", "a", ["a", "b"]) in found, found
    assert ("link-history", "a", ["a", "c"]) in found, found
    assert ("field-history", "c", ["c", "b", "w"]) in found, found


def test_check_clean_ledger(dprk, korea):
    dprk("sequence", "inventory-submission", "--with", "end-of-war-declaration")
    result = dprk("check", "--strict")
    assert result.code == 0
    assert result.out == "ok: no problems found\n"
    rows = list(csv.DictReader(io.StringIO(dprk("check", "--format", "csv").out)))
    assert rows == []


def _deadlock_searches(monkeypatch) -> list[object]:
    from dprk_cli.analysis import checks

    searches: list[object] = []
    real = checks.find_deadlocks
    monkeypatch.setattr(checks, "find_deadlocks", lambda n: searches.append(n) or real(n))
    return searches


def test_check_takes_the_kept_order_s_word_that_there_is_no_deadlock(dprk, korea, monkeypatch):
    """What `status` kept for this content marks no measure deadlocked: `check` does not
    search the whole ledger for a cycle again (at 10,000 measures, a fifth of its time)."""
    searches = _deadlock_searches(monkeypatch)
    assert dprk("sequence", "inventory-submission", "--with", "end-of-war-declaration").code == 0
    unknown = dprk("check", "--strict")  # nothing kept for this content yet: searched
    assert unknown.code == 0 and len(searches) == 1
    assert dprk("status").code == 0
    searches.clear()
    known = dprk("check", "--strict")
    assert (known.code, known.out) == (0, unknown.out) == (0, "ok: no problems found\n")
    assert searches == []


def test_check_finds_a_deadlock_a_write_made_whatever_was_kept(dprk, korea, monkeypatch):
    assert dprk("sequence", "inventory-submission", "--with", "end-of-war-declaration").code == 0
    assert dprk("status").code == 0  # kept: no deadlock
    assert dprk("undo").code == 0  # the deadlock is back
    from dprk_cli import store

    searches = _deadlock_searches(monkeypatch)
    for before in ([], ["status"]):  # nothing kept for it yet; then kept by a status
        if before:
            assert dprk(*before).code == 0
            store.side_file(korea, "kept-check").unlink()  # (what the first check found)
        result = dprk("check")
        assert result.code == 0 and result.lines[-1] == "0 errors, 1 warning"
        assert "deadlock: inventory-submission waits for" in result.lines[0]
    assert len(searches) == 2


def test_check_reads_a_kept_order_it_cannot_use_as_not_known(dprk, korea):
    from dprk_cli import store
    from dprk_cli.store import cache

    assert dprk("sequence", "inventory-submission", "--with", "end-of-war-declaration").code == 0
    assert dprk("status").code == 0
    key = store.snapshot(korea).key
    for forged in ({"order": 5}, {"order": {"states": "deadlocked"}}, [1]):
        assert cache.write_memo(korea, key, {"status": forged})
        result = dprk("check")
        assert (result.code, result.out, result.err) == (0, "ok: no problems found\n", "")


HAND_EDITED = """schema = 1
title = "Hand-edited"
parties = ["DPRK", "US"]

[[measures]]
id = "closure"
title = "Close the site"
actor = "DPRK"
status = "implemented"
in_exchange_for = ["relief"]
history = [
    { date = 2018-05-24, event = "created", status = "implemented", recorded = 2018-05-25T00:00:00Z },
]
verifications = [
    { by = "IAEA", result = "partial", date = 2018-05-01 },
]

[[measures]]
id = "relief"
title = "Ease sanctions"
actor = "USA"
status = "proposed"
constraints = [{ after = "closure", demanded_by = "Congress" }, { after = "ghost" }]

[[measures]]
id = "relief"
title = "Ease sanctions, again"
actor = "US"
"""


def test_check_reports_every_problem_of_a_hand_edited_ledger(dprk, tmp_path):
    path = tmp_path / "dprk-ledger.toml"
    path.write_text(HAND_EDITED)
    before = path.read_bytes()
    result = dprk("check", "--format", "json")
    assert result.code == 1
    doc = json.loads(result.out)
    found = [(p["check"], p["measure"]) for p in doc["problems"]]
    assert found == [
        ("duplicate-ids", "relief"),
        ("unknown-links", "relief"),
        ("one-sided-exchanges", "closure"),
        ("undeclared-parties", "relief"),
        ("undeclared-parties", "relief"),
        ("contradicting-dates", "closure"),
    ]
    assert doc["ok"] is False and doc["errors"] == 6
    text = dprk("check")
    assert text.code == 1
    assert any("dprk add-party USA" in line for line in text.lines)
    assert path.read_bytes() == before
    # No write is possible until the repeated id is fixed, and the error says so.
    refused = dprk("mark", "closure", "reversed")
    assert refused.code == 1 and "'dprk check' lists such problems" in refused.err


def test_a_name_a_party_took_by_a_rename_is_no_former_name_declared_again(dprk, empty):
    """A renamed C, then B renamed A: both renames were accepted, and check then said A
    was C's former name declared again ("one side is two parties"), of a ledger dprk had
    written. A name another party took by a rename is that party's."""
    for ident, actor in (("x", "DPRK"), ("y", "US")):
        made = dprk("add-measure", ident.upper(), "--actor", actor, "--id", ident, "--date",
                    "2020-01-01")  # fmt: skip
        assert made.code == 0, made.err
    assert dprk("rename-party", "DPRK", "NK", "--date", "2020-02-01").code == 0
    assert dprk("rename-party", "US", "DPRK", "--date", "2020-03-01").code == 0
    assert dprk("check").out == "ok: no problems found\n"


def test_check_finds_a_former_name_declared_again_and_its_own_word_findings(dprk, tmp_path):
    """A party's former name declared again beside it (by hand, or by an 'add-party'
    that once took it) made one side two parties, and a finding by the old name on a
    measure the party carried out counted as verification: 'check' said ok. It finds
    both, and its advice, followed, leaves the ledger ok."""
    inf_treaty(dprk)
    path = tmp_path / "dprk-ledger.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"Russia",\n', '"Russia",\n    "USSR",\n', 1), "utf-8")
    assert dprk("verify", "ss20", "--by", "USSR", "--date", "1991-05-12").code == 0
    assert dprk("verify", "p2", "--by", "USSR", "--date", "1991-05-06").code == 0
    before = path.read_bytes()
    result = dprk("check")
    assert result.code == 1
    assert result.lines == [
        "error: (ledger): party 'USSR' is declared beside Russia, though the ledger's "
        "measures record USSR renamed Russia (on 1991-12-26): one side is two parties; first "
        "drop the findings by USSR on Russia's own measures (listed below), then make the "
        "two one with 'dprk rename-party USSR Russia --merge' [former-names]",
        "error: ss20: its finding by USSR on 1991-05-12 is the word of its own actor then, "
        "Russia (named USSR before its rename on 1991-12-26): a party's own word is not "
        "verification; drop it with 'dprk drop-finding ss20 2' [former-names]",
        "2 errors, 0 warnings",
    ]
    assert path.read_bytes() == before
    assert dprk("drop-finding", "ss20", "2").code == 0
    merged = dprk("rename-party", "USSR", "Russia", "--merge")
    assert merged.code == 0, merged.err
    result = dprk("check")
    assert (result.code, result.out) == (0, "ok: no problems found\n")
    assert json.loads(dprk("show", "p2", "--format", "json").out)["verified_by"] == ["Russia"]


def test_check_finds_findings_under_a_former_name_in_another_spelling(dprk, tmp_path):
    """The USSR renamed Russia by a dprk that renamed findings by 'USSR' alone: a finding
    written 'U.S.S.R.' was left as it was, counted as a verifier apart from Russia (and,
    on Russia's own measure, as an independent one), and 'check' said ok. It names each
    such finding, the party it is now and the measure; its advice, followed, leaves the
    ledger ok, every finding Russia's."""
    inf_treaty(dprk)
    for args in (
        ("verify", "p2", "--by", "Russia", "--result", "partial", "--method",
         "site inspection", "--date", "1991-05-20"),
        ("verify", "p2", "--by", "Russia", "--date", "1992-01-10"),
        ("verify", "ss20", "--by", "US", "--date", "1991-06-01"),
    ):  # fmt: skip
        assert dprk(*args).code == 0
    path = tmp_path / "dprk-ledger.toml"
    text = path.read_text(encoding="utf-8")
    for was, now in (
        ('by = "Russia", result = "partial"', 'by = "U.S.S.R.", result = "partial"'),
        ("partial by Russia (", "partial by U.S.S.R. ("),
        ('by = "US", result', 'by = "u.s.s.r.", result'),
        ("confirmed by US", "confirmed by u.s.s.r."),
    ):
        assert text.count(was) == 1
        text = text.replace(was, now)
    path.write_text(text, encoding="utf-8")
    before = path.read_bytes()
    result = dprk("check")
    assert result.code == 1
    advised = [
        "dprk drop-finding p2 2",
        'dprk verify p2 --by Russia --result partial --method "site inspection" --date 1991-05-20',
        "dprk drop-finding ss20 2",
    ]
    assert result.lines == [
        "error: p2: its finding by U.S.S.R. on 1991-05-20 is Russia's, under a name it had "
        "before a rename, counted as another verifier's; drop it with "
        f"'{advised[0]}', then record it under the name it has now with '{advised[1]}' "
        "[former-names]",
        "error: ss20: its finding by u.s.s.r. on 1991-06-01 is Russia's, under a name it had "
        "before a rename: the word of its own actor then, which is not verification; drop "
        f"it with '{advised[2]}' [former-names]",
        "2 errors, 0 warnings",
    ]
    assert path.read_bytes() == before
    for command in advised:
        done = dprk(*shlex.split(command)[1:])
        assert done.code == 0, done.err
    result = dprk("check")
    assert (result.code, result.out) == (0, "ok: no problems found\n")
    shown = json.loads(dprk("show", "p2", "--format", "json").out)
    assert [v["by"] for v in shown["verifications"]] == ["Russia", "Russia"]
    assert shown["verifications"][0]["method"] == "site inspection"
    shown = json.loads(dprk("show", "ss20", "--format", "json").out)
    assert shown["verifications"] == []


def test_check_lists_every_problem_of_a_file_it_cannot_read_in_every_format(dprk, empty):
    """`actor` typed `acter` by hand in two measures: every command, check included, named
    only the first problem, and the consequence first ("field 'actor': is required (and 3
    more problems)"), so that mending the file took a run of check per problem; and
    `check --format json` printed nothing for a hook to read. check lists every problem,
    one a line, the cause first, in every format (a TOML syntax error, the one the reader
    finds, likewise); another command names the first and says check lists the rest."""
    for ident, actor in (("a", "DPRK"), ("b", "DPRK"), ("c", "US")):
        added = dprk("add-measure", ident.upper(), "--actor", actor, "--id", ident,
                     "--date", "2018-01-01")  # fmt: skip
        assert added.code == 0, added.err
    good = empty.read_text(encoding="utf-8")
    typo = good.replace('actor = "DPRK"', 'acter = "DPRK"')
    empty.write_text(typo, encoding="utf-8")
    before = empty.read_bytes()
    unknown = "field 'acter': is not a field dprk knows (a typo of 'actor'?)"
    said = [  # (each with its line: the measure's where its actor is missing)
        (ident, f"line {line}: {text}")
        for ident, at in (("a", 9), ("b", 22))
        for line, text in ((at + 3, unknown), (at, "field 'actor': is required"))
    ]
    result = dprk("check")
    assert (result.code, result.err) == (1, "")
    assert result.out == "".join(f"error: {ident}: {text} [fields]\n" for ident, text in said) + (
        "dprk-ledger.toml cannot be read until these are mended; its rules are checked then\n"
        "4 errors, 0 warnings\n"
    )
    doc = json.loads(dprk("check", "--format", "json").out)
    assert (doc["ok"], doc["errors"], doc["warnings"]) == (False, 4, 0)
    assert doc["problems"] == [
        {"severity": "error", "check": "fields", "measure": ident, "measures": [ident],
         "message": text}
        for ident, text in said
    ]  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(dprk("check", "--format", "csv").out)))
    assert [(r["check"], r["measure"], r["message"]) for r in rows] == [
        ("fields", ident, text) for ident, text in said
    ]
    assert dprk("check", "--format", "ids").out == "a\nb\n"
    assert json.loads(dprk("check", "--strict", "--format", "json").out) == doc
    status = dprk("status")
    assert (status.code, status.out) == (1, "")
    assert status.err == (
        f"dprk: error: dprk-ledger.toml: line 12: measure 'a', {unknown} (and 3 more problems: "
        "'dprk check' lists them)\n"
    )
    assert dprk("note", "c", "seen", "--date", "2018-02-01").err == status.err
    assert empty.read_bytes() == before
    # a TOML syntax error: the one problem the reader can name
    empty.write_text(good.replace('id = "b"', 'id = "b'), encoding="utf-8")
    doc = json.loads(dprk("check", "--format", "json").out)
    (problem,) = doc["problems"]
    assert (problem["check"], problem["measure"], problem["measures"]) == ("file", None, [])
    assert problem["message"].startswith("line ")
    assert "TOML syntax error" in problem["message"]
    assert dprk("check").out.startswith(f"error: dprk-ledger.toml: {problem['message']} [file]\n")
    empty.write_text(good, encoding="utf-8")
    assert dprk("check").out == "ok: no problems found\n"


def test_check_warns_of_toml_1_1_which_toml_1_0_readers_refuse(dprk, empty, monkeypatch):
    """A comma typed after an inline table's last value, or the table broken over two
    lines: dprk (its reader reads TOML 1.1) said 'ok: no problems found', while Python's
    tomllib (before 3.15) and other TOML 1.0 readers could not read the file at all. check
    warns, in one line naming the line of the file; looking costs no other command
    anything (check alone looks, once for one content of the file); a change to the
    measure writes its block in TOML 1.0."""
    import tomllib

    from dprk_cli.store import syntax

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    for ident in ("bda", "hfo", "shutdown"):
        added = dprk("add-measure", ident.upper(), "--actor", "DPRK", "--id", ident,
                     "--date", "2007-03-19")  # fmt: skip
        assert added.code == 0, added.err
    for ident in ("hfo", "shutdown"):
        ordered = dprk("sequence", ident, "--after", "bda", "--demanded-by", "US",
                       "--date", "2007-03-19")  # fmt: skip
        assert ordered.code == 0, ordered.err
    text = empty.read_text(encoding="utf-8")
    one_line = '    { after = "bda", demanded_by = "US" },\n'
    assert text.count(one_line) == 2
    first = text.index(one_line)
    hand = (
        text[:first]
        + '    { after = "bda", demanded_by = "US", },\n'
        + text[first + len(one_line) :].replace(
            one_line, '    { after = "bda",\n      demanded_by = "US" },\n'
        )
    )
    empty.write_text(hand, encoding="utf-8")
    comma = hand[:first].count("\n") + 1
    broken = hand.count("\n", 0, hand.index('"bda",\n')) + 1
    if sys.version_info < (3, 15):  # (tomllib reads TOML 1.1 from Python 3.15 on)
        with pytest.raises(tomllib.TOMLDecodeError, match=f"at line {comma},"):
            tomllib.loads(hand)
    looked: list[int] = []
    real = syntax.toml_1_1_places
    monkeypatch.setattr(syntax, "toml_1_1_places", lambda t: looked.append(1) or real(t))
    for args in (["status"], ["show", "hfo"], ["next"], ["plan"], ["log"], ["export"]):
        assert dprk(*args).code == 0, args
    assert looked == []
    said = (
        f"warning: (ledger): line {comma}: a comma after the last value of an inline table "
        "({ ..., }) is TOML 1.1, which tools that read TOML 1.0 (Python's tomllib before "
        f"3.15, among others) cannot read; delete that comma (TOML 1.1 also on line {broken}) "
        "[toml-1.0]\n"
    )
    result = dprk("check")
    assert (result.code, result.out, result.err) == (0, said + "0 errors, 1 warning\n", "")
    assert looked == [1]
    doc = json.loads(dprk("check", "--strict", "--format", "json").out)
    assert (doc["ok"], doc["errors"]) == (False, 1)
    assert [(p["check"], p["measure"]) for p in doc["problems"]] == [("toml-1.0", None)]
    assert looked == [1]  # (kept for this content of the file)
    assert empty.read_text(encoding="utf-8") == hand
    # a change to each measure writes its block anew, in TOML 1.0
    for ident in ("hfo", "shutdown"):
        assert dprk("note", ident, "Seen", "--date", "2007-04-01").code == 0
    tomllib.loads(empty.read_text(encoding="utf-8"))
    assert dprk("check").out == "ok: no problems found\n"


def test_check_after_a_write_of_dprk_s_does_not_look_for_toml_1_1_again(dprk, empty, monkeypatch):
    """`check` looks for TOML 1.1 once for one content of the file: after each write, the
    whole file again (a tenth of a second at 10,000 measures). dprk writes TOML 1.0, so a
    write to a file where none was found keeps none for the file it makes, and `check`
    does not look; where some was (a hand edit), it looks again, and finds what the
    write left."""
    from dprk_cli.store import syntax

    for ident in ("a", "b"):
        added = dprk("add-measure", ident.upper(), "--actor", "DPRK", "--id", ident,
                     "--date", "2007-03-19")  # fmt: skip
        assert added.code == 0, added.err
    looked: list[int] = []
    real = syntax.toml_1_1_places
    monkeypatch.setattr(syntax, "toml_1_1_places", lambda t: looked.append(1) or real(t))
    assert dprk("check").out == "ok: no problems found\n" and looked == [1]
    ordered = dprk("sequence", "b", "--after", "a", "--date", "2007-03-20")
    assert ordered.code == 0, ordered.err
    marked = dprk("mark", "a", "implemented", "--date", "2007-03-21")
    assert marked.code == 0, marked.err
    assert dprk("check").out == "ok: no problems found\n" and looked == [1]
    # a hand edit puts TOML 1.1 in b's block: found; a write to a leaves it, moved down
    text = empty.read_text(encoding="utf-8")
    one_line = '    { after = "a" },\n'
    assert text.count(one_line) == 1
    empty.write_text(text.replace(one_line, '    { after = "a", },\n'), encoding="utf-8")
    found = dprk("check")
    assert (found.code, found.out.endswith("0 errors, 1 warning\n"), looked) == (0, True, [1, 1])
    noted = dprk("note", "a", "Seen", "--date", "2007-04-01")
    assert noted.code == 0, noted.err
    again = dprk("check")
    written = empty.read_text(encoding="utf-8")
    line = written[: written.index('{ after = "a", }')].count("\n") + 1
    was = int(found.out.split("line ", 1)[1].split(":", 1)[0])
    assert line > was
    assert again.out == found.out.replace(f"line {was}:", f"line {line}:")
    assert looked == [1, 1, 1]


def test_the_toml_1_1_patterns_repeat_no_group_that_can_backtrack_possessively():
    """Python's `re` before 3.11.5 (Debian 12 has 3.11.2) mishandles a possessive repeat
    of a group that can backtrack: there `(?:...)++` matched past an inline table broken
    over two lines, and `check` found no TOML 1.1 in the file. Every group repeated
    possessively holds one atomic group, which those versions match right."""
    from dprk_cli.store import syntax

    for pattern in (syntax._TOML_1_0, syntax._STRING, syntax._IN_INLINE):
        text = pattern.pattern.decode()
        repeated = [m.start() for m in re.finditer(r"(?<!\\)\)[*+?]\+", text)]
        for end in repeated:
            depth, at = 0, end
            while True:
                if text[at] == ")" and text[at - 1] != "\\":
                    depth += 1
                elif text[at] == "(" and text[at - 1] != "\\":
                    depth -= 1
                    if depth == 0:
                        break
                at -= 1
            group = text[at : end + 1]
            assert group.startswith("(?:(?>"), group[:60]
            assert group.endswith("))"), group[-60:]
    # what such a version got wrong, matched right on this one
    assert syntax.toml_1_1_places(b"a = {x = 1,\n y = 2}\n") == [(1, "lines")]
    assert syntax.toml_1_1_places(b"a = {x = 1, }\n") == [(1, "comma")]
    assert syntax.toml_1_1_places(b"a = {x = 1} # c\nb = {y = 2 # no\n}\n") == [(2, "lines")]


def test_an_id_given_twice_is_one_error_not_a_history_read_across_the_two(dprk, tmp_path):
    """The second m1 was checked against the first one's history: 'status is agreed but
    its history gives proposed; set status = "proposed"', advice that would change the
    wrong measure. A measure with no history stands where its fields say."""
    path = tmp_path / "dprk-ledger.toml"
    path.write_text(
        'schema = 1\ntitle = "T"\nparties = ["A", "B"]\n\n'
        '[[measures]]\nid = "m1"\ntitle = "One"\nactor = "A"\nstatus = "proposed"\n\n'
        '[[measures]]\nid = "m1"\ntitle = "One again"\nactor = "B"\nstatus = "agreed"\n',
        encoding="utf-8",
    )
    result = dprk("check", "--format", "json")
    assert result.code == 1
    found = [(p["check"], p["measure"]) for p in json.loads(result.out)["problems"]]
    assert found == [("duplicate-ids", "m1")]


def test_an_id_given_twice_is_named_with_the_lines_its_blocks_begin_on(dprk, tmp_path):
    """A block pasted twice was named by its id alone, by check and by a refused write:
    in a long file, the user searched for the two. Each names the lines the two blocks
    begin on (their [[measures]] lines), in every format; nothing is written."""
    path = tmp_path / "dprk-ledger.toml"
    path.write_text(
        'schema = 1\ntitle = "T"\nparties = ["A", "B"]\n\n'
        '[[measures]]\nid = "m1"\ntitle = "One"\nactor = "A"\nstatus = "proposed"\n\n'
        '[[measures]]\nid = "m2"\ntitle = "Two"\nactor = "B"\nstatus = "proposed"\n\n'
        '[[measures]]\nid = "m1"\ntitle = "One again"\nactor = "B"\nstatus = "agreed"\n',
        encoding="utf-8",
    )
    before = path.read_bytes()
    said = (
        "id 'm1' is used by 2 measures (lines 5 and 17); give each its own id by editing the "
        "file (dprk refuses to change the ledger until then)"
    )
    check = dprk("check")
    assert (check.code, check.out, check.err) == (
        1,
        f"error: m1: {said} [duplicate-ids]\n1 error, 0 warnings\n",
        "",
    )
    problems = json.loads(dprk("check", "--format", "json").out)["problems"]
    assert [(p["check"], p["message"]) for p in problems] == [("duplicate-ids", said)]
    refused = dprk("note", "m2", "seen", "--date", "2018-01-02")
    assert (refused.code, refused.out, refused.err) == (
        1,
        "",
        f"dprk: error: {path.name}: measure id 'm1' appears twice (lines 5 and 17); rename one by "
        "hand before changing the ledger ('dprk check' lists such problems)\n",
    )
    assert path.read_bytes() == before


def test_a_history_entry_without_its_recorded_time_names_its_line_day_and_event(dprk, tmp_path):
    """An entry whose `recorded` a hand edit took out was said as "field
    'history[2].recorded': is required": no line, no value to write, and its number the
    file's order, not the one 'dprk log' gives. Check and a refused command name the line
    of its [[measures.history]], its event and day, and a time to write, as dprk writes
    one: the entry's before it, which keeps its place among that day's entries."""
    path = tmp_path / "dprk-ledger.toml"
    path.write_text(
        'schema = 1\ntitle = "T"\nparties = ["A"]\n\n'
        '[[measures]]\nid = "m1"\ntitle = "One"\nactor = "A"\nstatus = "proposed"\n\n'
        '[[measures.history]]\ndate = 2018-01-03\nevent = "note"\nnote = "later"\n'
        "recorded = 2026-11-27 10:00:00+00:00\n\n"
        '[[measures.history]]\ndate = 2018-01-01\nevent = "created"\nstatus = "proposed"\n'
        'detail = "created as proposed"\nrecorded = 2026-11-27 09:00:00+00:00\n\n'
        '[[measures.history]]\ndate = 2018-01-02\nevent = "note"\nnote = "talks"\n',
        encoding="utf-8",
    )
    before = path.read_bytes()
    said = (
        "field 'history[3].recorded' (its note entry of 2018-01-02): is required; add the "
        "time the entry was recorded, in UTC, as dprk writes one: recorded = 2026-11-27 "
        "09:00:00+00:00 (the time of the entry before it)"
    )
    check = dprk("check")
    assert (check.code, check.out, check.err) == (
        1,
        f"error: m1: line 24: {said} [fields]\n{path.name} cannot be read until this is "
        "mended; its rules are checked then\n1 error, 0 warnings\n",
        "",
    )
    problems = json.loads(dprk("check", "--format", "json").out)["problems"]
    assert [(p["check"], p["message"]) for p in problems] == [("fields", f"line 24: {said}")]
    for args in (("note", "m1", "seen", "--date", "2018-01-04"), ("status",)):
        refused = dprk(*args)
        assert (refused.code, refused.out, refused.err) == (
            1,
            "",
            f"dprk: error: {path.name}: line 24: measure 'm1', {said}\n",
        ), args
    assert path.read_bytes() == before
    assert path.read_text(encoding="utf-8").splitlines()[23] == "[[measures.history]]"


def test_a_read_of_a_ledger_giving_an_id_twice_warns_before_it_answers(dprk, korea):
    """A hand edit gave the test moratorium the inventory's id: `status` showed it as
    deadlocked and dated by the other, counted the DPRK owed one less, and said nothing;
    only `check` (or a refused write) told. Every read now warns, once; `check`, which
    lists the problem, does not warn of it too."""
    text = korea.read_text(encoding="utf-8")
    korea.write_text(
        text.replace('id = "test-moratorium"', 'id = "inventory-submission"'), encoding="utf-8"
    )
    before = korea.read_bytes()
    said = (
        "dprk: warning: measure id 'inventory-submission' is given to more than one measure: "
        "what dprk says of them may mix the two up until one is renamed by hand in the file "
        "('dprk check' lists them)\n"
    )
    for args in (("status",), ("next",), ("balance",), ("show", "inventory-submission")):
        result = dprk(*args)
        assert (result.code, result.err) == (0, said), args
    check = dprk("check")
    assert check.code == 1 and check.err == ""
    assert "duplicate-ids" in check.out
    assert korea.read_bytes() == before
    # two ids given twice: the other named ('and 1 more id' was no shorter)
    korea.write_text(
        korea.read_text(encoding="utf-8").replace(
            'id = "second-summit"', 'id = "gaeseong-liaison-office"'
        ),
        encoding="utf-8",
    )
    assert dprk("status").err == (
        "dprk: warning: measure id 'gaeseong-liaison-office' is given to more than one "
        "measure (and so is 'inventory-submission'): what dprk says of them may mix the two "
        "up until one is "
        "renamed by hand in the file ('dprk check' lists them)\n"
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_check_as_a_git_pre_commit_hook(tmp_path):
    def git(command: str):
        result = shell(
            "git -c user.name=t -c user.email=t@example.org -c init.defaultBranch=main " + command,
            cwd=tmp_path,
        )
        return result

    assert git("init -q").code == 0
    assert run_process("init", "--example", "korea-2018", cwd=tmp_path).code == 0
    hook = tmp_path / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\nexec dprk check --strict\n")
    hook.chmod(0o755)
    git("add dprk-ledger.toml")
    refused = git("commit -q -m 'talks stalled'")
    assert refused.code != 0
    assert "error: inventory-submission: deadlock:" in refused.out + refused.err
    fixed = run_process(
        "sequence", "inventory-submission", "--with", "end-of-war-declaration", cwd=tmp_path
    )
    assert fixed.code == 0, fixed.err
    git("add dprk-ledger.toml")
    accepted = git("commit -q -m 'inventory and declaration together'")
    assert accepted.code == 0, accepted.out + accepted.err


def test_a_measure_field_below_its_history_and_typos_of_any_field_are_named(dprk, empty):
    """`notes` and `category` written after a [[measures.history]] (TOML reads them as
    the entry's) were 'not a field dprk knows (a typo?)'; `histroy`, `evidance`,
    `in_exchange` and `demanded_bye` got no hint (only a required field was compared),
    and `undated = "yes"` pydantic's words. Each is said in dprk's, nothing written."""
    empty.write_text(
        empty.read_text(encoding="utf-8")
        + '\n[[measures]]\nid = "m"\ntitle = "M"\nactor = "US"\nhistroy = 1\n'
        'in_exchange = []\n\n[[measures.constraints]]\nafter = "m"\ndemanded_bye = "US"\n'
        '\n[[measures.verifications]]\nby = "US"\nresult = "confirmed"\ndate = 2000-01-01\n'
        'evidance = []\n\n[[measures.history]]\ndate = 1999-05-05\nevent = "created"\n'
        'undated = "yes"\nrecorded = 2026-12-01 10:00:00+00:00\nnotes = "at the end"\n'
        'category = "security"\n',
        encoding="utf-8",
    )
    before = empty.read_bytes()
    moved = "is a field of the measure, not of a history entry: move it above the measure's "
    said = [
        "line 18: field 'constraints[1].demanded_bye': is not a field dprk knows (a typo of 'demanded_by'?)",
        "line 24: field 'verifications[1].evidance': is not a field dprk knows (a typo of 'evidence'?)",
        f"line 31: field 'history[1].notes': 'notes' {moved}first [[measures.history]]",
        f"line 32: field 'history[1].category': 'category' {moved}first [[measures.history]]",
        "line 29: field 'history[1].undated': 'yes' is not true or false; write true or false (without "
        "quotes)",
        "line 13: field 'histroy': is not a field dprk knows (a typo of 'history'?)",
        "line 14: field 'in_exchange': is not a field dprk knows (a typo of 'in_exchange_for'?)",
    ]
    result = dprk("check")
    assert (result.code, result.err) == (1, "")
    assert result.out == "".join(f"error: m: {text} [fields]\n" for text in said) + (
        "dprk-ledger.toml cannot be read until these are mended; its rules are checked then\n"
        "7 errors, 0 warnings\n"
    )
    assert empty.read_bytes() == before


def test_check_warns_of_an_event_a_hand_edit_dated_after_today(dprk, korea, monkeypatch):
    """No command records an event after today; a hand edit can (a year typed wrong),
    and check says so: a warning, judged on the day it runs (what it keeps for the
    ledger is for that day alone)."""
    text = korea.read_text(encoding="utf-8")
    assert text.count("date = 2018-05-24") == 1  # (the Punggye-ri closure)
    korea.write_text(text.replace("date = 2018-05-24", "date = 2099-05-24"), encoding="utf-8")
    before = korea.read_bytes()
    found = json.loads(dprk("check", "--format", "json").out)["problems"]
    future = [p for p in found if p["check"] == "events-after-today"]
    assert [(p["severity"], p["measure"]) for p in future] == [("warning", "punggye-ri-closure")]
    assert "an event on 2099-05-24, after today" in future[0]["message"]
    assert dprk("check").code == 0
    assert dprk("check", "--strict").code == 1
    monkeypatch.setattr("dprk_cli.clock.today", lambda: date(2100, 1, 1))
    found = json.loads(dprk("check", "--format", "json").out)["problems"]
    assert [p for p in found if p["check"] == "events-after-today"] == []
    assert korea.read_bytes() == before


def test_a_findings_record_redated_by_hand_is_one_problem_with_its_line(dprk, korea):
    """A finding's record dated 2028 by hand, its entry 2018: check said two findings
    were wrong (an entry with no record, a record with no entry, advising a 'dprk verify'
    of 2028 that is refused) and warned of an event in 2028 that 'dprk log' and 'dprk
    redate' do not reach. Then it said the one finding twice: the error, with the day to
    write, and a warning of the same record after today. One finding, its record's date
    wrong: one error, with its line in the file, in every format; corrected there, check
    passes."""
    ident = "pompeo-pyongyang-visit"
    assert dprk("mark", ident, "implemented", "--date", "2018-10-07").code == 0
    assert dprk("verify", ident, "--by", "State Dept", "--date", "2018-10-19").code == 0
    right = '{ by = "State Dept", result = "confirmed", date = 2018-10-19 }'
    text = korea.read_text(encoding="utf-8")
    assert text.count(right) == 1
    typed = text.replace(right, right.replace("2018", "2028"))
    korea.write_text(typed, encoding="utf-8")
    line = 1 + typed[: typed.index("date = 2028-10-19")].count("\n")
    before = korea.read_bytes()
    check = dprk("check")
    assert (check.code, check.err) == (1, "")
    record = f"its record under its verifications is dated 2028-10-19 (line {line} of the file)"
    error = (
        f"the finding 'confirmed by State Dept' of 2018-10-19 in its history: {record}, "
        "changed by hand; correct that date in the file to 2018-10-19, its entry's"
    )
    assert check.out.splitlines()[0] == f"error: {ident}: {error} [finding-records]"
    assert "events-after-today" not in check.out and "2028" not in check.out.split("\n", 1)[1]
    assert check.out.endswith("1 error, 1 warning\n")  # (the example's deadlock)
    found = json.loads(dprk("check", "--format", "json").out)["problems"]
    assert [(p["severity"], p["check"], p["measure"]) for p in found if p["measure"] == ident] == [
        ("error", "finding-records", ident)
    ]
    assert [p["message"] for p in found if p["measure"] == ident] == [error]
    assert korea.read_bytes() == before  # (check writes nothing)
    lines = typed.split("\n")
    lines[line - 1] = lines[line - 1].replace("2028-10-19", "2018-10-19")
    korea.write_text("\n".join(lines), encoding="utf-8")
    check = dprk("check")
    assert (check.code, check.out.splitlines()[-1]) == (0, "0 errors, 1 warning")
    assert "[deadlocks]" in check.out


def test_a_future_event_beside_a_findings_record_redated_by_hand_still_warns(dprk, korea):
    """The warning left out for a finding's record redated by hand into the future is
    that record's alone: another event after today in the same file, a step's date
    typed wrong, is warned of as ever, in every format."""
    ident = "pompeo-pyongyang-visit"
    assert dprk("mark", ident, "implemented", "--date", "2018-10-07").code == 0
    assert dprk("verify", ident, "--by", "State Dept", "--date", "2018-10-19").code == 0
    right = '{ by = "State Dept", result = "confirmed", date = 2018-10-19 }'
    text = korea.read_text(encoding="utf-8")
    assert text.count(right) == 1 and text.count("date = 2018-05-24") == 1
    text = text.replace(right, right.replace("2018", "2028"))
    korea.write_text(text.replace("date = 2018-05-24", "date = 2099-05-24"), encoding="utf-8")
    before = korea.read_bytes()
    check = dprk("check")
    assert (check.code, check.err) == (1, "")
    said = [line.split(" [")[-1] for line in check.out.splitlines()[:-1]]
    assert said == ["finding-records]", "events-after-today]", "deadlocks]"]
    assert check.out.splitlines()[1].startswith(
        "warning: punggye-ri-closure: its record has an event on 2099-05-24, after today"
    )
    found = json.loads(dprk("check", "--format", "json").out)["problems"]
    assert [(p["severity"], p["check"], p["measure"]) for p in found][:2] == [
        ("error", "finding-records", ident),
        ("warning", "events-after-today", "punggye-ri-closure"),
    ]
    assert korea.read_bytes() == before


def test_a_redated_record_of_the_finding_a_history_without_creation_begins_with_warns(dprk, empty):
    """A history that lost its creation is replayed from its earliest entry, taken for the
    day the measure was made and the status it began at: when that entry is a finding
    whose record was redated by hand into the future, no `finding-records` error names
    the record's day, so the warning of an event after today does."""
    assert dprk("add-measure", "M", "--actor", "US", "--id", "m", "--date", "2018-01-01").code == 0
    assert dprk("mark", "m", "implemented", "--date", "2018-02-01").code == 0
    assert dprk("verify", "m", "--by", "X", "--date", "2018-03-01").code == 0
    head, *entries = empty.read_text(encoding="utf-8").split("[[measures.history]]")
    assert len(entries) == 3 and 'event = "verification"' in entries[2]
    text = f"{head}[[measures.history]]{entries[2]}".replace(
        "date = 2018-03-01 }", "date = 2099-03-01 }"
    )
    empty.write_text(text, encoding="utf-8")
    before = empty.read_bytes()
    check = dprk("check")
    assert (check.code, check.err) == (1, "")
    said = [line.split(" [")[-1] for line in check.out.splitlines()[:-1]]
    assert said == ["transitions]", "transitions]", "events-after-today]"]
    line = 1 + text[: text.index("date = 2099-03-01")].count("\n")
    assert check.out.splitlines()[2] == (
        "warning: m: the finding 'confirmed by X': its record under its verifications is "
        f"dated 2099-03-01 (line {line} of the file), after today ({today()}), a day no entry "
        "of its history holds ('dprk log m' does not list it): a date typed wrong? correct "
        "it in the file [events-after-today]"
    )
    assert empty.read_bytes() == before


def test_an_event_a_teammate_a_time_zone_ahead_recorded_is_not_after_today(
    dprk, empty, monkeypatch
):
    """In Kiritimati it is already tomorrow: an event of that day is recorded there, and
    check, run here, warned it was after today (dprk wrote it). Two days' grace (Pago
    Pago, at UTC-11, is two days behind Kiritimati for an hour a day: check --strict in
    its pre-commit hook refused a teammate's entry); three days ahead is a date typed
    wrong."""
    from dprk_cli import clock

    here = clock.today()
    assert dprk("add-measure", "M", "--actor", "US", "--id", "m", "--date", "2018-01-01").code == 0
    monkeypatch.setattr(clock, "today", lambda: here + timedelta(days=1))
    tomorrow = (here + timedelta(days=1)).isoformat()
    assert dprk("mark", "m", "implemented", "--date", tomorrow).code == 0
    monkeypatch.setattr(clock, "today", lambda: here)
    check = dprk("check")
    assert (check.code, check.out) == (0, "ok: no problems found\n")
    assert dprk("check", "--strict").code == 0
    monkeypatch.setattr(clock, "today", lambda: here - timedelta(days=1))
    assert dprk("check", "--strict").code == 0
    monkeypatch.setattr(clock, "today", lambda: here - timedelta(days=2))
    found = json.loads(dprk("check", "--format", "json").out)["problems"]
    assert [p["check"] for p in found] == ["events-after-today"]


def test_an_entry_recorded_after_now_is_named_and_a_write_after_it_says_so(
    dprk, empty, monkeypatch
):
    """`recorded = 2062-...` typed for 2026: check said ok, and each entry dprk added to
    the measure was recorded after it, in silence (never before the latest). check warns,
    naming the entry; a write recorded after it is made, and says so, once."""
    # (a clock ahead of the system's: now, as a clock set back is not)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "2208988800")  # 2040-01-01 00:00:00 UTC
    empty.write_text(
        empty.read_text(encoding="utf-8") + '\n[[measures]]\nid = "m"\ntitle = "M"\n'
        'actor = "US"\nstatus = "agreed"\n\n[[measures.history]]\ndate = 1999-05-05\n'
        'event = "created"\nstatus = "agreed"\nrecorded = 2062-12-01 10:00:00+00:00\n',
        encoding="utf-8",
    )
    before = empty.read_bytes()
    said = (
        "warning: m: entry 1 (created, 1999-05-05) is recorded at 2062-12-01 10:00:00+00:00{}, "
        "after now (2040-01-01 00:00:00+00:00): a time typed wrong? correct its recorded in "
        "the file ('dprk log m' numbers the entries); until then, each entry dprk adds to it "
        "is recorded after that time [recorded-after-now]\n0 errors, 1 warning\n"
    )
    for _ in range(2):  # (found again, not kept: judged against the clock's second)
        found = dprk("check")
        assert (found.code, found.out, found.err) == (0, said.format(""), "")
    assert dprk("check", "--strict").code == 1
    assert empty.read_bytes() == before
    marked = dprk("mark", "m", "implemented", "--date", "1999-06-01")
    assert (marked.code, marked.err) == (
        0,
        "m: implemented on 1999-06-01\ndprk: warning: SOURCE_DATE_EPOCH records this change "
        "at 2040-01-01 00:00:00+00:00, more than a day after the system's clock: once it is "
        "unset, 'dprk check' calls that time typed wrong, and each later entry of the measure "
        "is recorded after it; a reproducible file is made at a time past\n"
        "dprk: warning: m: this change is recorded at "
        "2062-12-01 10:00:01+00:00, after now, as its latest entry is recorded at 2062-12-01 "
        "10:00:00+00:00, and dprk records none before it: a time typed wrong? correct that "
        "entry's recorded in the file ('dprk check' names it)\n",
    )
    assert "recorded = 2062-12-01 10:00:01+00:00" in empty.read_text(encoding="utf-8")
    assert dprk("check").out == said.format(" (and entry 2 after it)")
    # (the clock past it: nothing to say, the kept result not read for it)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "2933582400")  # 2062-12-17 12:00:00 UTC
    assert dprk("check").out == "ok: no problems found\n"
    noted = dprk("note", "m", "heard")
    assert (noted.code, noted.err.split("\n")[0]) == (0, f"m: note on {today()}")


def test_an_entry_recorded_seconds_ahead_of_the_clock_is_no_time_typed_wrong(
    dprk, empty, monkeypatch
):
    """A script that renamed a measure and imported at once: the import's entry was
    recorded a second after the rename's, a second ahead of its clock, and the write
    warned 'after now ... a time typed wrong?', advising a hand edit. Seconds ahead are
    two clocks a moment apart, or writes in a row; only a day or more ahead is a time no
    clock wrote (the clocks here ahead of the system's, so that they count)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "2208988805")  # 2040-01-01 00:00:05 UTC
    assert dprk("add-measure", "M", "--actor", "US", "--id", "m", "--date", "2018-01-01").code == 0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "2208988800")  # (five seconds before it)
    noted = dprk("note", "m", "heard", "--date", "2018-02-01")
    assert (noted.code, noted.out) == (0, "")
    assert noted.err.startswith("m: note on 2018-02-01\ndprk: warning: SOURCE_DATE_EPOCH ")
    assert "after now" not in noted.err  # (only the clock ahead: no time typed wrong)
    assert "recorded = 2040-01-01 00:00:05+00:00" in empty.read_text(encoding="utf-8")
    found = dprk("check")
    assert (found.code, found.out) == (0, "ok: no problems found\n")


def _exchange_marked(dprk, made: str, *steps: tuple[str, str, str]) -> None:
    """DPRK's a and the US's b, exchanged for it, both made on `made`; then `steps`."""
    for ident, actor in (("a", "DPRK"), ("b", "US")):
        extra = ["--in-exchange-for", "a"] if ident == "b" else []
        assert dprk("add-measure", ident.upper(), "--actor", actor, "--id", ident,
                    "--date", made, *extra).code == 0  # fmt: skip
    for ident, status, day in steps:
        assert dprk("mark", ident, status, "--date", day).code == 0


def test_a_debt_paid_and_then_reversed_is_dated_from_the_reversal(dprk, empty):
    """B paid for A's step, then reversed its own: it owes again from the reversal, not
    from A's step (it had paid between the two)."""
    _exchange_marked(
        dprk,
        "2018-01-01",
        ("a", "implemented", "2018-01-10"),
        ("b", "implemented", "2018-02-10"),
        ("b", "reversed", "2018-03-10"),
    )
    rows = dprk("balance", "--as-of", "2018-03-20", "--format", "csv").out.splitlines()
    assert rows[1:] == [
        "DPRK,owed,a,b,2018-03-10,10,false,false,",
        "US,owes,b,a,2018-03-10,10,false,false,",
    ]
    rows = dprk("balance", "--as-of", "2018-01-20", "--format", "csv").out.splitlines()
    assert rows[1:] == [
        "DPRK,owed,a,b,2018-01-10,10,false,false,",
        "US,owes,b,a,2018-01-10,10,false,false,",
    ]


def test_a_debt_reopened_by_a_reversal_keeps_its_date_once_offered_again(dprk, empty):
    """Cuba freed its prisoners; the US took it off the list, put it back on, then agreed
    to take it off again. From the new agreement the debt was dated from Cuba's step,
    before the US had paid and undone its measure: 3,600 days too many. It stays dated
    from the reversal, also once the measure is withdrawn after it."""
    _exchange_marked(
        dprk,
        "2015-01-01",
        ("a", "implemented", "2015-01-08"),
        ("b", "implemented", "2015-05-29"),
        ("b", "reversed", "2021-01-12"),
        ("b", "agreed", "2025-01-10"),
    )
    rows = dprk("balance", "--as-of", "2025-01-12", "--format", "csv").out.splitlines()
    assert rows[1:] == [
        "DPRK,owed,a,b,2021-01-12,1461,false,false,",
        "US,owes,b,a,2021-01-12,1461,false,false,",
    ]
    assert dprk("mark", "b", "withdrawn", "--date", "2025-01-20").code == 0
    owes = json.loads(dprk("balance", "--format", "json").out)["parties"]["US"]["owes"]
    assert [(o["measure"], o["since"]) for o in owes] == [("b", "2021-01-12")]


def test_a_debt_reopened_by_a_roll_back_in_part_is_dated_from_the_roll_back(dprk, empty):
    """Iran gave the IAEA access, the EU lifted sanctions for it; years later Iran cut
    the access back in part: `balance` dated Iran's debt for the rest from the day the
    sanctions were lifted, 1,865 days on the day of the roll-back, as if owed all along.
    Undone in part, a measure owes again from the roll-back, as one reversed does; a
    measure of the other side cut back in part is not owed from before it was granted."""
    _exchange_marked(
        dprk,
        "2015-07-14",
        ("a", "implemented", "2016-01-16"),
        ("b", "implemented", "2016-01-16"),
    )
    mark = ["mark", "a", "implemented", "--extent", "intermediate", "--date", "2021-02-23"]
    assert dprk(*mark).code == 0
    header = "party,direction,measure,counterpart,since,days,in_part,disputed,held_by"
    assert dprk("balance", "--as-of", "2021-02-22", "--format", "csv").out == header + "\n"
    for day, days in (("2021-02-23", 0), ("2021-03-05", 10)):
        rows = dprk("balance", "--as-of", day, "--format", "csv").out.splitlines()
        assert rows == [
            header,
            f"DPRK,owes,a,b,2021-02-23,{days},true,false,",
            f"US,owed,b,a,2021-02-23,{days},true,false,",
        ]
    owes = json.loads(dprk("balance", "--format", "json").out)["parties"]["DPRK"]["owes"]
    assert [(o["measure"], o["since"]) for o in owes] == [("a", "2021-02-23")]
    # the other way: the US's relief, granted after DPRK acted, cut back to a minimum
    mark = ["mark", "b", "implemented", "--extent", "minimal", "--date", "2022-03-01"]
    assert dprk(*mark).code == 0
    rows = dprk("balance", "--as-of", "2022-03-11", "--format", "csv").out.splitlines()
    assert rows[1:] == [
        "DPRK,owed,a,b,2022-03-01,10,true,false,",
        "DPRK,owes,a,b,2021-02-23,381,true,false,",
        "US,owed,b,a,2021-02-23,381,true,false,",
        "US,owes,b,a,2022-03-01,10,true,false,",
    ]


def test_a_second_cut_back_keeps_the_debt_open_from_the_first(dprk, empty):
    """Iran cut its enrichment limits back to intermediate, then to minimal, then undid
    them: `balance` restarted the debt, already open since the first cut, on each later
    step (0 days on the day of the second cut). It owes from the first cut for as long as
    the measure has not stood done in full again, read warm or anew; carried out in full
    again and then cut, it owes from that new cut."""
    _exchange_marked(
        dprk,
        "2015-07-14",
        ("a", "implemented", "2016-01-16"),
        ("b", "implemented", "2016-01-16"),
    )
    for extent, day in (("intermediate", "2019-07-01"), ("minimal", "2019-11-05")):
        assert dprk("mark", "a", "implemented", "--extent", extent, "--date", day).code == 0
    assert dprk("mark", "a", "reversed", "--date", "2020-01-01").code == 0

    def owed(day: str) -> list[str]:
        rows = dprk("balance", "--as-of", day, "--party", "DPRK", "--format", "csv")
        assert rows.code == 0, rows.err
        return rows.out.splitlines()[1:]

    assert owed("2019-06-30") == []
    for day, days, in_part in (
        ("2019-07-01", 0, "true"),
        ("2019-11-04", 126, "true"),
        ("2019-11-05", 127, "true"),
        ("2019-12-31", 183, "true"),
        ("2020-01-01", 184, "false"),
    ):
        assert owed(day) == [f"DPRK,owes,a,b,2019-07-01,{days},{in_part},false,"]
    # (assumed cut further, or undone, on a day it stood cut already: the same debt)
    for assumed, in_part in (("implemented:minimal", "true"), ("reversed", "false")):
        rows = dprk("balance", "--as-of", "2019-08-01", "--party", "DPRK", "--format", "csv",
                    "--assume", f"a={assumed}").out.splitlines()  # fmt: skip
        assert rows[1:] == [f"DPRK,owes,a,b,2019-07-01,31,{in_part},false,"]
    shutil.rmtree(empty.parent / ".dprk")
    assert owed("2019-11-05") == ["DPRK,owes,a,b,2019-07-01,127,true,false,"]
    assert owed("2020-01-01") == ["DPRK,owes,a,b,2019-07-01,184,false,false,"]
    # done in full again, the debt is paid; a cut after it opens a new one
    assert dprk("mark", "a", "implemented", "--extent", "full", "--date", "2021-01-01").code == 0
    mark = ["mark", "a", "implemented", "--extent", "minimal", "--date", "2021-02-01"]
    assert dprk(*mark).code == 0
    assert owed("2021-01-01") == []
    assert owed("2021-02-02") == ["DPRK,owes,a,b,2021-02-01,1,true,false,"]


def test_a_whole_cut_back_by_its_parts_twice_owes_from_the_first_cut(dprk, empty):
    """A whole of two parts carried out, paid for; one part reversed cuts it back in
    part, the other reversed later undoes it: it owes from the first, read warm or anew."""
    _whole_of_two_parts_paid_for(dprk)
    assert dprk("mark", "p2", "reversed", "--date", "2019-05-08").code == 0
    assert dprk("mark", "p1", "reversed", "--date", "2019-06-01").code == 0
    for day, days in (("2019-05-31", 23), ("2019-06-01", 24), ("2019-06-02", 25)):
        rows = dprk("balance", "--as-of", day, "--format", "csv").out.splitlines()[1:]
        assert [row.split(",")[:6] for row in rows] == [
            ["DPRK", "owes", "w", "b", "2019-05-08", str(days)],
            ["US", "owed", "b", "w", "2019-05-08", str(days)],
        ]
    shutil.rmtree(empty.parent / ".dprk")
    owes = json.loads(dprk("balance", "--format", "json").out)["parties"]["DPRK"]["owes"]
    assert [(o["measure"], o["since"]) for o in owes] == [("w", "2019-05-08")]


def test_a_whole_cut_back_in_part_by_a_part_owes_from_the_part_s_reversal(dprk, empty):
    """A whole of two parts carried out, paid for; one part reversed leaves the whole
    done in part: it owes the rest from that reversal, read warm or anew."""
    _whole_of_two_parts_paid_for(dprk)
    assert dprk("mark", "p2", "reversed", "--date", "2019-05-08").code == 0
    rows = ["DPRK,owes,w,b,2019-05-08,2,true,false,", "US,owed,b,w,2019-05-08,2,true,false,"]
    assert dprk("balance", "--as-of", "2019-05-10", "--format", "csv").out.splitlines()[1:] == rows
    shutil.rmtree(empty.parent / ".dprk")
    owes = json.loads(dprk("balance", "--format", "json").out)["parties"]["DPRK"]["owes"]
    assert [(o["measure"], o["since"]) for o in owes] == [("w", "2019-05-08")]


def test_a_debt_is_dated_no_earlier_than_the_exchange_it_is_owed_under(dprk, empty):
    """DPRK acted on 7 January; the US's measure, and its exchange for DPRK's, came to be
    on the 30th: `balance` said the US had owed it 24 days on the 31st, from before the
    exchange existed (as of the 15th it rightly owed nothing). A debt opens on the later
    of the day the side that did act acted and the day the exchange stood, in every
    format, in the report, read warm or anew; nothing is written."""
    made = ["add-measure", "x", "--actor", "DPRK", "--id", "x", "--date", "1992-01-07"]
    assert dprk(*made, "--status", "implemented").code == 0
    made = ["add-measure", "y", "--actor", "US", "--id", "y", "--date", "1992-01-30"]
    assert dprk(*made, "--status", "agreed", "--in-exchange-for", "x").code == 0
    before = empty.read_bytes()
    header = "party,direction,measure,counterpart,since,days,in_part,disputed,held_by"
    result = dprk("balance", "--as-of", "1992-01-15", "--format", "csv")
    assert (result.code, result.out) == (0, header + "\n")
    rows = [
        header,
        "DPRK,owed,x,y,1992-01-30,1,false,false,",
        "US,owes,y,x,1992-01-30,1,false,false,",
    ]
    result = dprk("balance", "--as-of", "1992-01-31", "--format", "csv")
    assert (result.code, result.out.splitlines()) == (0, rows)
    result = dprk("balance", "--as-of", "1992-01-31", "--format", "json")
    assert result.code == 0
    owes = json.loads(result.out)["parties"]["US"]["owes"]
    assert [(o["since"], o["days"]) for o in owes] == [("1992-01-30", 1)]
    result = dprk("balance", "--as-of", "1992-01-31")
    assert result.code == 0
    assert re.search(r"^DPRK +x +y +1992-01-30 +1$", result.out, re.M)
    assert re.search(r"^US +y +x +1992-01-30 +1$", result.out, re.M)
    days = (today() - date(1992, 1, 30)).days
    warm = dprk("balance", "--format", "csv")
    assert (warm.code, warm.out.splitlines()[1]) == (
        0,
        f"DPRK,owed,x,y,1992-01-30,{days},false,false,",
    )
    shutil.rmtree(empty.parent / ".dprk")
    assert dprk("balance", "--format", "csv").out == warm.out
    assert dprk("report", "--as-of", "1992-02-09", "--output", "page.html").code == 0
    page = (empty.parent / "page.html").read_text()
    assert '<span class="id">y</span> for <span class="id">x</span> (10 days)' in page
    assert empty.read_bytes() == before


def test_a_link_made_later_dates_the_debt_from_the_link(dprk, empty):
    """Two measures linked after both acted, or after one acted, owe from the day of the
    link (`link --date`), not from the day the side that did act acted; linked before
    it acted, from the day it acted. A measure reversed before the link owes from the
    link too: the later of the two."""
    for ident, actor, status in (("a", "DPRK", "implemented"), ("b", "US", "agreed")):
        made = ["add-measure", ident, "--actor", actor, "--id", ident, "--date", "2018-01-01"]
        assert dprk(*made, "--status", status).code == 0
    assert dprk("mark", "b", "implemented", "--date", "2018-01-05").code == 0
    assert dprk("mark", "b", "reversed", "--date", "2018-01-10").code == 0
    assert dprk("link", "a", "b", "--date", "2018-02-01").code == 0
    rows = ["DPRK,owed,a,b,2018-02-01,10,false,false,", "US,owes,b,a,2018-02-01,10,false,false,"]
    result = dprk("balance", "--as-of", "2018-02-11", "--format", "csv")
    assert (result.code, result.out.splitlines()[1:]) == (0, rows)
    assert dprk("balance", "--as-of", "2018-01-31", "--format", "csv").out.count("\n") == 1
    # linked before the side that acts does: from the day it acts
    for ident, actor in (("c", "DPRK"), ("d", "US")):
        made = ["add-measure", ident, "--actor", actor, "--id", ident, "--date", "2018-01-01"]
        assert dprk(*made, "--status", "agreed").code == 0
    assert dprk("link", "c", "d", "--date", "2018-01-02").code == 0
    assert dprk("mark", "c", "implemented", "--date", "2018-01-20").code == 0
    result = dprk("balance", "--as-of", "2018-02-11", "--party", "US", "--format", "csv")
    assert (result.code, result.out.splitlines()[1:]) == (
        0,
        ["US,owes,d,c,2018-01-20,22,false,false,", "US,owes,b,a,2018-02-01,10,false,false,"],
    )


def test_an_exchange_unlinked_and_linked_again_owes_from_the_new_link(dprk, empty):
    """Unlinked, two measures are no exchange, and nothing is owed for them; linked
    again, the debt opens anew on the day of the new link, as for any link made later.
    Before the unlink, the balance as it stood then keeps the first link's date."""
    _exchange_marked(dprk, "2018-01-01", ("a", "implemented", "2018-01-10"))
    assert dprk("unlink", "a", "b", "--date", "2018-02-01").code == 0
    assert dprk("balance", "--as-of", "2018-02-15", "--format", "csv").out.count("\n") == 1
    assert dprk("link", "a", "b", "--date", "2018-03-01").code == 0
    for day, rows in (
        (
            "2018-01-20",
            ["DPRK,owed,a,b,2018-01-10,10,false,false,", "US,owes,b,a,2018-01-10,10,false,false,"],
        ),
        ("2018-02-15", []),
        (
            "2018-03-11",
            ["DPRK,owed,a,b,2018-03-01,10,false,false,", "US,owes,b,a,2018-03-01,10,false,false,"],
        ),
    ):
        result = dprk("balance", "--as-of", day, "--format", "csv")
        assert (result.code, result.out.splitlines()[1:]) == (0, rows)
    shutil.rmtree(empty.parent / ".dprk")
    owes = json.loads(dprk("balance", "--format", "json").out)["parties"]["US"]["owes"]
    assert [o["since"] for o in owes] == ["2018-03-01"]


def test_a_measure_rejected_and_offered_again_owes_from_the_new_offer(dprk, tmp_path):
    """Arusha, 1993: the RPF acted on 1 October; the GoR's measure, exchanged for it, was
    rejected on 1 November and offered again on 1 December. Nothing was owed while it
    stood rejected, yet from the new offer `balance` dated the debt from 1 October, as if
    owed all along. It opens anew on the day of the new offer, as for two measures
    unlinked and linked again: in every format, in the report, read warm or anew, and
    for an offer assumed. One withdrawn owes all along, offered again or not."""
    assert dprk("init", "--party", "GoR", "--party", "RPF").code == 0
    for title, actor, extra in (("A", "RPF", ()), ("B", "GoR", ("--in-exchange-for", "a"))):
        assert dprk("add-measure", title, "--actor", actor, "--id", title.lower(), "--status",
                    "agreed", "--date", "1993-08-04", *extra).code == 0  # fmt: skip
    for ident, status, day in (
        ("a", "implemented", "1993-10-01"),
        ("b", "rejected", "1993-11-01"),
        ("b", "agreed", "1993-12-01"),
    ):
        assert dprk("mark", ident, status, "--date", day).code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    header = "party,direction,measure,counterpart,since,days,in_part,disputed,held_by"
    for day, rows in (
        (
            "1993-10-15",
            ["GoR,owes,b,a,1993-10-01,14,false,false,", "RPF,owed,a,b,1993-10-01,14,false,false,"],
        ),
        ("1993-11-15", []),
        (
            "1993-12-15",
            ["GoR,owes,b,a,1993-12-01,14,false,false,", "RPF,owed,a,b,1993-12-01,14,false,false,"],
        ),
    ):
        result = dprk("balance", "--as-of", day, "--format", "csv")
        assert (result.code, result.out.splitlines()) == (0, [header, *rows])
    result = dprk("balance", "--as-of", "1993-12-15")
    assert result.code == 0
    assert re.search(r"^GoR +b +a +1993-12-01 +14$", result.out, re.M)
    days = (today() - date(1993, 12, 1)).days
    warm = dprk("balance", "--format", "json")
    owes = json.loads(warm.out)["parties"]["GoR"]["owes"]
    assert (warm.code, [(o["since"], o["days"]) for o in owes]) == (0, [("1993-12-01", days)])
    shutil.rmtree(tmp_path / ".dprk")
    assert dprk("balance", "--format", "json").out == warm.out
    assert dprk("report", "--as-of", "1993-12-11", "--output", "page.html").code == 0
    page = (tmp_path / "page.html").read_text()
    assert '<span class="id">b</span> for <span class="id">a</span> (10 days)' in page
    # (offered again on a day assumed, while it stood rejected: from that day)
    assumed = dprk("balance", "--as-of", "1993-11-15", "--assume", "b=agreed", "--format", "csv")
    assert assumed.code == 0
    assert assumed.out.splitlines()[1:] == [
        "GoR,owes,b,a,1993-11-15,0,false,false,",
        "RPF,owed,a,b,1993-11-15,0,false,false,",
    ]
    assert ledger.read_bytes() == before
    # withdrawn rather than rejected, it owed while withdrawn: from the day A acted still
    assert dprk("add-measure", "C", "--actor", "GoR", "--id", "c", "--status", "agreed",
                "--in-exchange-for", "a", "--date", "1993-08-04").code == 0  # fmt: skip
    for status, day in (("withdrawn", "1993-11-01"), ("agreed", "1993-12-01")):
        assert dprk("mark", "c", status, "--date", day).code == 0
    for day, days in (("1993-11-15", 45), ("1993-12-15", 75)):
        result = dprk("balance", "--as-of", day, "--party", "GoR", "--format", "csv")
        assert result.code == 0
        assert f"GoR,owes,c,a,1993-10-01,{days},false,false," in result.out.splitlines()


def test_a_rejection_that_ends_a_debt_says_so_and_how_to_withdraw_instead(dprk, tmp_path):
    """Six-Party Talks, 2008: the US took the DPRK off its list of state sponsors of
    terrorism on 11 October, for a verification protocol the DPRK had agreed and then, on
    11 December, refused to accept. Marked rejected, the DPRK's debt left the balance
    without a word: a rejection is the other side's refusal, and a side that backs out of
    what it agreed withdrew it. The line says what the rejection ended, and the advice it
    gives, followed, records the withdrawal, which keeps the debt."""
    assert dprk("init", "--party", "DPRK", "--party", "US").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    for title, actor, ident, status, extra in (
        ("Remove from list", "US", "sst", "agreed", ()),
        ("Accept protocol", "DPRK", "proto", "agreed", ("--in-exchange-for", "sst")),
        ("Resume talks", "DPRK", "talks", "proposed", ("--in-exchange-for", "sst")),
        ("Ease sanctions", "US", "ease", "agreed", ()),
        ("Declare uranium", "DPRK", "heu", "agreed", ("--in-exchange-for", "ease")),
        ("Deliver fuel oil", "US", "hfo", "agreed", ()),
        ("Disable", "DPRK", "disable", "agreed", ("--in-exchange-for", "hfo")),
    ):
        assert dprk("add-measure", title, "--actor", actor, "--id", ident, "--status",
                    status, "--date", "2008-01-01", *extra).code == 0  # fmt: skip
    assert dprk("mark", "sst", "ease", "implemented", "--date", "2008-10-11").code == 0
    header = "party,direction,measure,counterpart,since,days,in_part,disputed,held_by"
    result = dprk("mark", "proto", "rejected", "--date", "2008-12-11")
    advice = "'dprk drop-entry proto 2', then 'dprk mark proto withdrawn --date 2008-12-11'"
    assert (result.code, result.out, result.err) == (
        0,
        "",
        "proto: rejected on 2008-12-11; balance no longer counts it owed to US, which acted "
        "for it (sst, 2008-10-11); if DPRK refused to carry out what it agreed, it withdrew "
        f"it, which keeps the debt: {advice}\n",
    )
    assert b'id = "proto"\ntitle = "Accept protocol"\nactor = "DPRK"\nstatus = "rejected"' in (
        ledger.read_bytes()
    )
    owes = ["DPRK,owes,proto,sst,2008-10-11,61,false,false,"]
    result = dprk("balance", "--as-of", "2008-12-11", "--format", "csv", "--party", "DPRK")
    assert (result.code, result.out.splitlines()) == (
        0,
        [
            header,
            "DPRK,owes,heu,ease,2008-10-11,61,false,false,",
            "DPRK,owes,talks,sst,2008-10-11,61,false,false,",
        ],
    )
    for command in re.findall(r"'(dprk [^']+)'", advice):
        followed = dprk(*shlex.split(command)[1:])
        assert followed.code == 0, followed.err
    assert b'id = "proto"\ntitle = "Accept protocol"\nactor = "DPRK"\nstatus = "withdrawn"' in (
        ledger.read_bytes()
    )
    result = dprk("balance", "--as-of", "2008-12-11", "--format", "csv", "--party", "DPRK")
    assert result.code == 0 and owes[0] in result.out.splitlines()
    assert dprk("check").code == 0
    # a withdrawal keeps the debt, and says nothing of it
    result = dprk("mark", "heu", "withdrawn", "--date", "2008-12-11")
    assert (result.code, result.err) == (0, "heu: withdrawn on 2008-12-11\n")
    # one offered, rejected: the side it was offered to may have turned it down, or its
    # own side taken it back; several at once, each its own entry to drop
    result = dprk("mark", "talks", "disable", "rejected", "--date", "2008-12-11")
    assert (result.code, result.err.splitlines()) == (
        0,
        [
            "talks: rejected on 2008-12-11; balance no longer counts it owed to US, which "
            "acted for it (sst, 2008-10-11); if DPRK took back what it offered, it withdrew "
            "it, which keeps the debt: 'dprk drop-entry talks 2', then 'dprk mark talks "
            "withdrawn --date 2008-12-11'",
            # (what it was exchanged for has not acted: it owed nothing)
            "disable: rejected on 2008-12-11",
        ],
    )


def test_the_withdrawal_a_rejection_advises_keeps_its_note_and_sources(dprk, tmp_path):
    """The rejection was given a note and sources; the advice to drop it and record a
    withdrawal instead left them out, so that following it lost the note (dropped with
    the entry). The withdrawal advised carries them, quoted for the shell."""
    assert dprk("init", "--party", "DPRK", "--party", "US").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    for title, actor, ident, extra in (
        ("Remove from list", "US", "sst", ()),
        ("Accept protocol", "DPRK", "proto", ("--in-exchange-for", "sst")),
    ):
        assert dprk("add-measure", title, "--actor", actor, "--id", ident, "--status",
                    "agreed", "--date", "2008-01-01", *extra).code == 0  # fmt: skip
    assert dprk("mark", "sst", "implemented", "--date", "2008-10-11").code == 0
    note = 'Refused "sampling" on site'
    result = dprk("mark", "proto", "rejected", "--date", "2008-12-11", "--note", note,
                  "--source", "KCNA, 12 Dec", "--source", "State-Dept")  # fmt: skip
    advice = (
        "'dprk drop-entry proto 2', then 'dprk mark proto withdrawn --date 2008-12-11 "
        '--note "Refused \\"sampling\\" on site" --source "KCNA, 12 Dec" '
        "--source State-Dept'"
    )
    assert (result.code, result.out, result.err) == (
        0,
        "",
        "proto: rejected on 2008-12-11; balance no longer counts it owed to US, which acted "
        "for it (sst, 2008-10-11); if DPRK refused to carry out what it agreed, it withdrew "
        f"it, which keeps the debt: {advice}\n",
    )
    noted = b'note = "Refused \\"sampling\\" on site"\n'
    brought = b'; source: KCNA, 12 Dec; source: State-Dept"\n'  # (the sources it brought)
    assert b'status = "rejected"\ndetail = "rejected' + brought + noted in ledger.read_bytes()
    for command in re.findall(r"'(dprk [^']+)'", advice):
        followed = dprk(*shlex.split(command)[1:])
        assert followed.code == 0, followed.err
    text = ledger.read_bytes()
    assert b'status = "withdrawn"\ndetail = "withdrawn' + brought + noted in text
    assert b'sources = [\n    "KCNA, 12 Dec",\n    "State-Dept",\n]\n' in text
    assert dprk("check").code == 0


def test_a_rejection_s_ended_debt_is_told_whichever_order_the_steps_were_entered_in(dprk, tmp_path):
    """Entered in date order, the rejection's line said what it ended in the balance; a
    rejection redated past the counterpart's action, or one entered late before an
    implementation already on record, or the step before it dropped, said nothing, the
    balance before and after compared as they stand today alone. They are compared over
    the days the change moved, for mark, redate and drop-entry alike."""
    assert dprk("init", "--party", "DPRK", "--party", "US").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    assert dprk("add-measure", "Remove from list", "--actor", "US", "--id", "sst",
                "--status", "agreed", "--date", "2008-01-01").code == 0  # fmt: skip
    for ident in ("proto", "late", "twice"):
        assert dprk("add-measure", "Accept protocol", "--actor", "DPRK", "--id", ident,
                    "--status", "agreed", "--date", "2008-01-01",
                    "--in-exchange-for", "sst").code == 0  # fmt: skip
    for args in (
        ["mark", "sst", "implemented", "--date", "2008-10-11"],
        ["mark", "proto", "twice", "rejected", "--date", "2008-10-01"],
        ["mark", "late", "implemented", "--date", "2009-03-01"],
        ["mark", "twice", "rejected", "--date", "2008-12-11"],
    ):
        assert dprk(*args).code == 0, args
    owed = "balance no longer counts it owed to US, which acted for it (sst, 2008-10-11)"
    agreed = "if DPRK refused to carry out what it agreed, it withdrew it, which keeps the debt"
    result = dprk("redate", "proto", "2", "2008-12-11")
    assert (result.code, result.out, result.err) == (
        0,
        "",
        "proto: entry 2 (rejected on 2008-10-01) now dated 2008-12-11; proto is now rejected "
        "(since 2008-12-11; it was rejected since 2008-10-01); "
        f"{owed}; {agreed}: 'dprk drop-entry proto 2', then 'dprk mark proto withdrawn "
        "--date 2008-12-11'\n",
    )
    assert b'date = 2008-12-11\nevent = "status"\nstatus = "rejected"' in ledger.read_bytes()
    before = ledger.read_bytes()
    result = dprk("mark", "late", "rejected", "--date", "2008-12-11")
    assert (result.code, result.err) == (
        0,
        "late: recorded rejected on 2008-12-11; late stays implemented (since 2009-03-01); "
        f"{owed} from 2008-12-11 to 2009-03-01; {agreed}: 'dprk drop-entry late 2', then "
        "'dprk mark late withdrawn --date 2008-12-11'\n",
    )
    assert ledger.read_bytes() != before
    result = dprk("balance", "--as-of", "2009-01-01", "--format", "csv", "--party", "DPRK")
    assert result.out.splitlines() == [
        "party,direction,measure,counterpart,since,days,in_part,disputed,held_by"
    ]
    result = dprk("drop-entry", "twice", "2")
    assert (result.code, result.err.splitlines()[-1]) == (
        0,
        "twice: dropped entry 2 (rejected on 2008-10-01); twice is now rejected (since "
        f"2008-12-11; it was rejected since 2008-10-01); {owed}; {agreed}: 'dprk drop-entry "
        "twice 2', then 'dprk mark twice withdrawn --date 2008-12-11'",
    )
    # a change that ends no debt the balance before it did not end says nothing
    result = dprk("drop-entry", "late", "3")
    assert (result.code, result.err) == (
        0,
        "late: dropped entry 3 (implemented on 2009-03-01); late is now rejected (since "
        "2008-12-11; it was implemented since 2009-03-01)\n",
    )


def test_a_measure_withdrawn_after_its_counterpart_acted_owes(dprk, empty):
    """The PLO collected weapons for Israel's second redeployment, which Israel then
    suspended (withdrawn): `balance` listed the PLO owed and no one owing, so the two
    columns no longer added up and the suspension vanished from the account. A
    measure its actor dropped after the other side had paid for it owes, as a reversed
    one does; one the other side rejected is no debt, owed by no one and to no one (the
    side that would be owed turned it down: it was listed owed, with no one owing)."""
    for ident, actor in (("frd", "DPRK"), ("weapons", "US"), ("offer", "DPRK")):
        extra = ["--in-exchange-for", "frd"] if ident == "weapons" else []
        if ident == "offer":
            extra = ["--in-exchange-for", "weapons"]
        assert dprk("add-measure", ident, "--actor", actor, "--id", ident, "--status",
                    "agreed", "--date", "1998-10-23", *extra).code == 0  # fmt: skip
    assert dprk("mark", "weapons", "implemented", "--date", "1998-11-30").code == 0
    assert dprk("mark", "frd", "withdrawn", "--date", "1998-12-20").code == 0
    assert dprk("mark", "offer", "rejected", "--date", "1998-12-21").code == 0
    rows = dprk("balance", "--as-of", "1998-12-31", "--format", "csv").out.splitlines()
    assert rows[1:] == [
        "DPRK,owes,frd,weapons,1998-11-30,31,false,false,",
        "US,owed,weapons,frd,1998-11-30,31,false,false,",
    ]
    counts = json.loads(dprk("status", "--as-of", "1998-12-31", "--format", "json").out)
    owes = {name: (p["owes"], p["owed"]) for name, p in counts["parties"].items()}
    assert owes["DPRK"] == (1, 0) and owes["US"] == (0, 1)


def test_an_exchange_one_side_carried_out_in_part_stays_open_for_the_rest(dprk, empty):
    """Sohae dismantled in full, and the relief it was traded for eased only minimally:
    `balance` called the exchange settled (both had acted). It stays open: the US owes
    the rest of the relief, and the DPRK is owed it, in the table, JSON, CSV and the
    status counts, until the relief is carried out in full."""
    for args in (
        ["Dismantle Sohae", "--id", "sohae", "--actor", "DPRK", "--status", "agreed"],
        ["Ease sanctions", "--id", "relief", "--actor", "US", "--in-exchange-for", "sohae"],
    ):
        assert dprk("add-measure", *args, "--date", "2018-06-12").code == 0
    assert dprk("mark", "sohae", "implemented", "--date", "2018-07-23").code == 0

    def counts() -> tuple[int, int]:  # (kept by status, then brought up to date by a write)
        parties = json.loads(dprk("status", "--format", "json").out)["parties"]
        return parties["DPRK"]["owed"], parties["US"]["owes"]

    assert counts() == (1, 1)
    result = dprk("mark", "relief", "implemented", "--extent", "minimal", "--date", "2018-09-01")
    assert result.code == 0, result.err
    assert counts() == (1, 1)

    def sides(*args: str) -> dict:
        doc = json.loads(dprk("balance", *args, "--format", "json").out)
        return {name: (p["owed"], p["owes"]) for name, p in doc["parties"].items()}

    assert sides("--as-of", "2018-09-11") == {
        "DPRK": (
            [{"measure": "sohae", "counterpart": "relief", "since": "2018-07-23", "days": 50,
              "in_part": True, "disputed": False, "held_by": []}],
            [],
        ),
        "US": (
            [],
            [{"measure": "relief", "counterpart": "sohae", "since": "2018-07-23", "days": 50,
              "in_part": True, "disputed": False, "held_by": []}],
        ),
        "ROK": ([], []),
    }  # fmt: skip
    # (before the relief acted at all, the US owed all of it)
    [owed] = sides("--as-of", "2018-08-01")["DPRK"][0]
    assert (owed["measure"], owed["in_part"]) == ("sohae", False)
    table = dprk("balance", "--as-of", "2018-09-11").out
    assert "Owes: the counterpart acted, this has not (or only in part)" in table
    assert "Owed: acted, while what it was exchanged for has not (or only in part)" in table
    row = next(line for line in table.splitlines() if line.split()[:2] == ["US", "relief"])
    assert row.endswith("  the rest"), table
    rows = list(csv.DictReader(io.StringIO(dprk("balance", "--format", "csv").out)))
    assert [(r["party"], r["direction"], r["measure"], r["in_part"]) for r in rows] == [
        ("DPRK", "owed", "sohae", "true"),
        ("US", "owes", "relief", "true"),
    ]
    assert dprk("balance", "--format", "ids").out.split() == ["sohae", "relief"]
    # carried out in full: settled
    assert dprk("mark", "relief", "implemented", "--date", "2018-10-01").code == 0
    assert counts() == (0, 0)
    assert sides() == {"DPRK": ([], []), "US": ([], []), "ROK": ([], [])}


def test_both_sides_carried_out_in_part_each_owe_the_other_the_rest(dprk, empty):
    for args in (
        ["Dismantle Sohae", "--id", "sohae", "--actor", "DPRK", "--status", "agreed"],
        ["Ease sanctions", "--id", "relief", "--actor", "US", "--in-exchange-for", "sohae"],
    ):
        assert dprk("add-measure", *args, "--date", "2018-06-12").code == 0
    for ident, when in (("sohae", "2018-07-23"), ("relief", "2018-09-01")):
        mark = ["mark", ident, "implemented", "--extent", "intermediate", "--date", when]
        assert dprk(*mark).code == 0
    doc = json.loads(dprk("balance", "--as-of", "2018-09-11", "--format", "json").out)
    said = {
        (name, way, o["measure"], o["counterpart"], o["since"], o["in_part"])
        for name, p in doc["parties"].items()
        for way in ("owed", "owes")
        for o in p[way]
    }
    assert said == {
        ("DPRK", "owed", "sohae", "relief", "2018-07-23", True),
        ("US", "owes", "relief", "sohae", "2018-07-23", True),
        ("US", "owed", "relief", "sohae", "2018-09-01", True),
        ("DPRK", "owes", "sohae", "relief", "2018-09-01", True),
    }
    status = json.loads(dprk("status", "--format", "json").out)["parties"]
    assert [(status[p]["owes"], status[p]["owed"]) for p in ("DPRK", "US")] == [(1, 1), (1, 1)]


def test_a_debt_no_dated_record_dates_has_no_since(dprk, tmp_path):
    """Written by hand without a history: nothing says when a1 acted. The balance showed
    today (or the --as-of day) with 0 days, a date made up; `status` says null."""
    (tmp_path / "dprk-ledger.toml").write_text(
        'schema = 1\ntitle = "Hand"\nparties = ["A", "B"]\n\n'
        '[[measures]]\nid = "a1"\ntitle = "A acts"\nactor = "A"\nstatus = "implemented"\n'
        'in_exchange_for = ["b1"]\n\n'
        '[[measures]]\nid = "b1"\ntitle = "B pays"\nactor = "B"\nstatus = "proposed"\n'
        'in_exchange_for = ["a1"]\n',
        encoding="utf-8",
    )
    assert dprk("balance", "--format", "csv").out == (
        "party,direction,measure,counterpart,since,days,in_part,disputed,held_by\n"
        "A,owed,a1,b1,,,false,false,\nB,owes,b1,a1,,,false,false,\n"
    )
    drawn = json.loads(dprk("balance", "--as-of", "2019-01-01", "--format", "json").out)
    assert drawn["parties"]["A"]["owed"] == [
        {
            "measure": "a1",
            "counterpart": "b1",
            "since": None,
            "days": None,
            "in_part": False,
            "disputed": False,
            "held_by": [],
        }
    ]


_ACT_AGAIN = [
    ("mark", "a", "implemented", "--date", "2018-01-10"),
    ("mark", "a", "reversed", "--date", "2018-02-01"),
    ("sequence", "a", "--after", "b", "--date", "2018-04-01"),
    ("mark", "a", "implemented", "--date", "2018-05-01"),
]
_FOUND_BEFORE_UNDONE = [
    ("sequence", "a", "--after", "b", "--require", "verified", "--date", "2018-01-02"),
    ("mark", "b", "implemented", "--date", "2018-02-01"),
    ("verify", "b", "--by", "IAEA", "--date", "2018-03-01"),
    ("mark", "b", "reversed", "--date", "2018-04-01"),
    ("mark", "b", "implemented", "--date", "2018-05-01"),
    ("mark", "a", "implemented", "--date", "2018-06-01"),
]
_AGAIN_AFTER_THE_OTHER_UNDONE = [
    ("sequence", "a", "--after", "b", "--date", "2018-01-10"),
    ("mark", "b", "implemented", "--date", "2018-02-01"),
    ("mark", "a", "implemented", "--date", "2018-03-01"),
    ("mark", "b", "reversed", "--date", "2018-04-01"),
    ("mark", "a", "reversed", "--date", "2018-05-01"),
    ("mark", "a", "implemented", "--date", "2018-06-01"),
]
_THROUGH_A_PARTNER = [
    ("add-measure", "C", "--actor", "US", "--id", "c", "--date", "2018-01-01"),
    ("sequence", "a", "--with", "b", "--date", "2018-01-02"),
    ("sequence", "b", "--after", "c", "--demanded-by", "US", "--date", "2018-01-02"),
    ("mark", "a", "implemented", "--date", "2018-03-01"),
]


@pytest.mark.parametrize(
    ("steps", "warned"),
    [
        (_ACT_AGAIN, "a: acted on 2018-05-01 although 'b', which it was to follow, has not acted"),
        (_FOUND_BEFORE_UNDONE, "a: acted on 2018-06-01, after 'b', which it was to follow, "
                               "no longer stood verified on 2018-04-01 (it has not been "
                               "verified again)"),
        (_THROUGH_A_PARTNER, "a: acted on 2018-03-01 although 'c', which it was to follow as "
                             "its partner 'b' was, demanded by US, has not acted"),
        (_AGAIN_AFTER_THE_OTHER_UNDONE, "a: acted on 2018-06-01, after 'b', which it was to "
                                        "follow, was reversed on 2018-04-01 (it has not acted "
                                        "again)"),
    ],
    ids=["acted-again-after-the-order", "a-finding-undone-by-a-reversal", "a-partners-order",
         "again-after-the-other-was-undone"],
)  # fmt: skip
def test_check_sees_an_action_out_of_order_that_next_held_back(dprk, empty, steps, warned):
    """check judged only a measure's first action (one carried out before the order was
    set, undone, and carried out again while the order stood said nothing), counted a
    finding a reversal had undone, and read no order of a measure's `--with` partner:
    'ok', where `next` had held the measure back. One the other had acted (or been
    verified) for, and was undone, is said to have been undone then: the warning said
    it "has not acted", which a reader took for never."""
    for ident, actor in (("a", "DPRK"), ("b", "US")):
        made = dprk("add-measure", ident.upper(), "--actor", actor, "--id", ident,
                    "--date", "2018-01-01")  # fmt: skip
        assert made.code == 0
    for step in steps[:-1]:
        assert dprk(*step).code == 0, step
    if ("mark", "a", "reversed") not in {s[:3] for s in steps}:  # (a reversed one: not waiting)
        held = dprk("next", "--as-of", steps[-1][-1], "--format", "json")
        assert "a" in [m["id"] for m in json.loads(held.out)["blocked"]]
    assert dprk(*steps[-1]).code == 0
    checked = dprk("check")
    assert checked.code == 0
    assert f"warning: {warned}; no fix needed if that is what happened" in checked.out
    assert dprk("check", "--strict").code == 1


def test_a_partners_order_holds_a_measure_from_the_day_they_went_together(dprk, empty):
    """a acted in March; a went together with c in April, c being to follow b: check
    said a acted out of order in March, when it had no partner."""
    for ident in ("a", "b", "c"):
        made = dprk("add-measure", ident.upper(), "--actor", "US", "--id", ident,
                    "--date", "2018-01-01")  # fmt: skip
        assert made.code == 0
    assert dprk("sequence", "c", "--after", "b", "--date", "2018-01-10").code == 0
    assert dprk("mark", "a", "implemented", "--date", "2018-03-01").code == 0
    assert dprk("sequence", "a", "--with", "c", "--date", "2018-04-10").code == 0
    assert dprk("check").out == "ok: no problems found\n"


def test_an_order_tightened_later_judges_an_action_by_what_it_required_then(dprk, empty):
    """a was to follow b once b acted; b acted, then a. The order was tightened in April to
    b verified: check said a's March action came before b was verified, though the order
    of March asked only that b had acted. An action after the tightening is judged by it."""
    for ident in ("a", "b"):
        made = dprk("add-measure", ident.upper(), "--actor", "US", "--id", ident,
                    "--date", "2018-01-01")  # fmt: skip
        assert made.code == 0
    for step in (
        ("sequence", "a", "--after", "b", "--date", "2018-02-01"),
        ("mark", "b", "implemented", "--date", "2018-02-15"),
        ("mark", "a", "implemented", "--date", "2018-03-01"),
        ("sequence", "a", "--after", "b", "--require", "verified", "--date", "2018-04-01"),
    ):
        assert dprk(*step).code == 0
    assert dprk("check").out == "ok: no problems found\n"
    assert dprk("mark", "a", "reversed", "--date", "2018-05-01").code == 0
    assert dprk("mark", "a", "implemented", "--date", "2018-06-01").code == 0
    assert (
        "a: acted on 2018-06-01 although 'b', which it was to follow, has not stood verified"
        in (dprk("check").out)
    )


def test_an_order_holds_from_the_day_the_measure_it_names_came_to_be(dprk, empty):
    """x was to follow y from January, but y was only made in July: `next` as of June let x
    go ahead (an order toward a measure not yet made is left out), and check then said x
    acted out of order in June. It judges the order from July, as `next` does."""
    made = [
        ("add-measure", "X", "--actor", "DPRK", "--id", "x", "--status", "agreed",
         "--date", "2008-01-01"),
        ("add-measure", "Y", "--actor", "US", "--id", "y", "--date", "2008-07-12"),
        ("sequence", "x", "--after", "y", "--date", "2008-01-01", "--demanded-by", "US"),
    ]  # fmt: skip
    for step in made:
        assert dprk(*step).code == 0, step
    ahead = json.loads(dprk("next", "--as-of", "2008-06-25", "--format", "json").out)
    assert "x" in [m["id"] for m in ahead["ready"]]
    assert dprk("mark", "x", "implemented", "--date", "2008-06-26").code == 0
    checked = dprk("check")
    assert (checked.code, checked.out) == (0, "ok: no problems found\n")
    # Carried out again once y was made, and still before y acted: out of order.
    assert dprk("mark", "x", "reversed", "--date", "2008-08-01").code == 0
    assert dprk("mark", "x", "implemented", "--date", "2008-08-02").code == 0
    assert "x: acted on 2008-08-02 although 'y', which it was to follow, demanded by US" in (
        dprk("check").out
    )


def test_check_of_a_ledger_named_with_ledger_advises_commands_that_name_it(dprk, korea):
    """check of 'desk/korea.toml' advised 'dprk sequence ...', which found no ledger (or
    another one) where it was run; the merge driver's advice names the file."""
    desk = korea.parent / "desk"
    desk.mkdir()
    (desk / "korea.toml").write_bytes(korea.read_bytes())
    named = dprk("--ledger", "desk/korea.toml", "check")
    assert named.code == 0
    assert "run 'dprk --ledger desk/korea.toml sequence inventory-submission --with " in named.out
    assert "'dprk sequence" not in named.out
    assert "run 'dprk sequence inventory-submission --with " in dprk("check").out


def test_a_value_that_begins_with_dprk_is_not_taken_for_advice(dprk, korea):
    """With --ledger, each quoted 'dprk ' in a line was taken for the start of a command:
    an actor typed 'dprk dprk' was said as 'dprk --ledger desk.toml dprk', and a party
    'dprk ' beside 'DPRK' as 'dprk --ledger desk.toml '. Only commands are begun so.
    ('dprk k', a letter more than DPRK, as a short name's typo is: 'dprk dprk' is not.)"""
    text = korea.read_text(encoding="utf-8")
    assert '\nactor = "US"\n' in text
    desk = korea.parent / "desk.toml"
    desk.write_text(text.replace('\nactor = "US"\n', '\nactor = "dprk k"\n', 1), "utf-8")
    before = desk.read_bytes()
    named = dprk("--ledger", "desk.toml", "check")
    assert named.code == 1
    assert (
        "actor 'dprk k' is not a declared party; did you mean DPRK? correct the actor with "
        "'dprk --ledger desk.toml edit end-of-war-declaration --actor DPRK', or add it with "
        "'dprk --ledger desk.toml add-party \"dprk k\"' if it is a new side" in named.out
    )
    assert "'dprk --ledger desk.toml dprk" not in named.out
    assert desk.read_bytes() == before


def test_every_line_about_a_ledger_named_with_ledger_advises_commands_that_name_it(dprk, korea):
    """Only check and the merge named the ledger in their advice: with '--ledger
    iran.toml', undo advised 'dprk undo' (run so, it undid the other ledger's change),
    add-measure 'dprk add-party Russia' (written to the other ledger), plan's deadlock
    note and an unknown id's hint named no file. Every line advises commands that name it,
    and, followed, they work on it; a ledger found without the option needs none."""
    iran = korea.parent / "iran.toml"
    korea_bytes = korea.read_bytes()
    assert dprk("-l", "iran.toml", "init", "--title", "Iran", "--party", "Iran",
                "--party", "US").code == 0  # fmt: skip
    assert dprk("-l", "iran.toml", "add-party", "IAEA").code == 0
    saved = iran.read_bytes()
    assert dprk("-l", "iran.toml", "add-party", "E3").code == 0
    iran.write_bytes(saved)  # (put back, as git would)
    undo = dprk("-l", "iran.toml", "undo")
    assert undo.code == 1
    assert "run 'dprk --ledger iran.toml undo' again to let it go" in undo.err
    assert dprk("--ledger", "iran.toml", "undo").code == 0  # (add-party IAEA)
    assert "IAEA" not in iran.read_text(encoding="utf-8")
    added = dprk("-l", "iran.toml", "add-measure", "X", "--actor", "Russia")
    assert "add it with 'dprk --ledger iran.toml add-party Russia'" in added.err
    unknown = dprk("-l", "iran.toml", "show", "nope")
    assert unknown.err == (
        "dprk: error: no measure with id 'nope'; 'dprk --ledger iran.toml status --format "
        "ids' lists them\n"
    )
    (korea.parent / "k2.toml").write_bytes(korea_bytes)
    plan = dprk("-l", "k2.toml", "plan").out
    assert "run 'dprk --ledger k2.toml sequence inventory-submission --with " in plan
    # (and the commands `plan --format json` gives as data, which a script runs as given)
    (deadlock,) = json.loads(dprk("-l", "k2.toml", "plan", "--format", "json").out)["deadlocks"]
    assert deadlock["suggestions"] == [
        "dprk --ledger k2.toml sequence inventory-submission --with end-of-war-declaration"
    ]
    assert [d["command"] for d in deadlock["drops"]][0].startswith("dprk --ledger k2.toml ")
    for found in (["-l", "dprk-ledger.toml"], []):  # (found so anyway: no option needed)
        plan = dprk(*found, "plan").out
        assert "run 'dprk sequence inventory-submission --with " in plan
        (deadlock,) = json.loads(dprk(*found, "plan", "--format", "json").out)["deadlocks"]
        assert deadlock["suggestions"][0].startswith("dprk sequence inventory-submission ")
    assert korea.read_bytes() == korea_bytes


def test_a_title_or_party_of_characters_not_seen_written_by_hand_is_an_error(dprk, tmp_path):
    """`title = "\ufeff"` or a party of a Hangul filler, written by hand: the command line
    refuses such text as blank, and `check` said ok."""
    path = tmp_path / "dprk-ledger.toml"
    for header, title, said in (
        ('parties = ["A"]', "\\ufeff", "field 'title': is blank; give some text"),
        ('parties = ["A", "\\u3164"]', "One", "field 'parties[2]': is blank; give some text"),
    ):
        path.write_text(
            f'schema = 1\ntitle = "T"\n{header}\n\n'
            f'[[measures]]\nid = "m1"\ntitle = "{title}"\nactor = "A"\nstatus = "proposed"\n',
            encoding="utf-8",
        )
        before = path.read_bytes()
        result = dprk("check")
        assert result.code == 1, result.out
        assert said in result.out + result.err
        assert "Traceback" not in result.err
        assert path.read_bytes() == before


def test_an_order_made_stricter_is_not_said_to_have_ended(dprk, empty):
    """'Executive after decommissioning' (2000) was made 'after decommissioning is
    verified' (2003): the warning of the executive formed before decommissioning said it
    was to follow it 'until 2003-10-22', as if the demand were dropped then. It says the
    order changed; once it is removed, no more than the day."""
    for ident, actor in (("dec", "DPRK"), ("ex", "US")):
        assert dprk("add-measure", ident, "--actor", actor, "--id", ident, "--date",
                    "1998-04-10").code == 0  # fmt: skip
    for args in (
        ["sequence", "ex", "--after", "dec", "--demanded-by", "ROK", "--date", "2000-02-01"],
        ["mark", "ex", "implemented", "--date", "2000-05-30"],
        ["mark", "dec", "implemented", "--date", "2001-10-23"],
        ["sequence", "ex", "--after", "dec", "--require", "verified", "--demanded-by", "ROK",
         "--date", "2003-10-22"],
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    said = "acted on 2000-05-30, before 'dec' acted on 2001-10-23 (it was to follow it until 2003-10-22"
    checked = dprk("check")
    assert checked.code == 0
    assert f"{said}, when the order changed, demanded by ROK);" in checked.out, checked.out
    assert dprk("sequence", "ex", "--remove", "dec", "--date", "2004-01-01").code == 0
    assert f"{said}, demanded by ROK);" in dprk("check").out


def test_check_warns_of_one_party_s_measures_exchanged_for_each_other(dprk, empty):
    """Iran's release linked 'in exchange for' Iran's house arrest: balance said Iran
    owes Iran, and check said ok. It is a warning, until they are unlinked."""
    for ident in ("ha", "rel"):
        assert dprk("add-measure", ident, "--actor", "DPRK", "--id", ident, "--date",
                    "2023-08-10").code == 0  # fmt: skip
    linked = dprk("link", "rel", "ha")
    assert (linked.code, linked.err) == (
        0,
        # (both made in 2023, linked from today: the line says so)
        "rel: in exchange for ha (recorded on both) (from today; to correct it from the "
        "start: 'dprk undo', then 'dprk link rel ha --date 2023-08-10')\ndprk: warning: ha: "
        "'ha' and 'rel' are both "
        "DPRK's: an exchange is one side's measure for another's; unlink them on the day they "
        "were linked, so that it never stood ('dprk unlink ha rel --date D', D as 'dprk log "
        "ha rel' dates the link), or correct the actor of one from its first day ('dprk edit "
        "ha --actor PARTY --date 2023-08-10', or 'dprk edit rel --actor PARTY --date "
        "2023-08-10')\n",
    )
    checked = dprk("check")
    assert (checked.code, checked.out) == (
        0,
        "warning: ha: 'ha' and 'rel' are both DPRK's: an exchange is one side's measure for "
        "another's; unlink them on the day they were linked, so that it never stood ('dprk "
        "unlink ha rel --date D', D as 'dprk log ha rel' dates the link), or correct the "
        "actor of one from its first day ('dprk edit ha --actor PARTY --date 2023-08-10', or "
        "'dprk edit rel --actor PARTY --date 2023-08-10') [exchange-within-a-party]\n0 "
        "errors, 1 warning\n",
    )
    logged = json.loads(dprk("log", "ha", "rel", "--format", "json").out)
    day = next(e["date"] for e in logged if e["event"] == "exchange")
    assert dprk("unlink", "ha", "rel", "--date", day).code == 0
    assert dprk("check").out == "ok: no problems found\n"
    on = json.loads(dprk("show", "ha", "--as-of", day, "--format", "json").out)
    assert on["in_exchange_for"] == []  # (ended the day it was made: it never stood)


def _funds_for_release_both_iran_s(dprk) -> str:
    """Iran's release, and the funds entered as Iran's too, in exchange for it: the
    warning that says so, as the write gave it."""
    assert dprk("init", "--party", "US", "--party", "Iran").code == 0
    made = dprk("add-measure", "Release", "--actor", "Iran", "--id", "release", "--status",
                "agreed", "--date", "2023-08-10")  # fmt: skip
    assert made.code == 0, made.err
    made = dprk("add-measure", "Funds", "--actor", "Iran", "--id", "funds", "--status",
                "agreed", "--date", "2023-08-10", "--in-exchange-for", "release")  # fmt: skip
    assert made.code == 0, made.err
    return made.err


def _owes_itself(dprk, day: str) -> list[str]:
    """The parties the balance on `day` has both owed and owing for one exchange."""
    rows = list(csv.DictReader(io.StringIO(
        dprk("balance", "--as-of", day, "--format", "csv").out)))  # fmt: skip
    owes = {(r["party"], r["measure"], r["counterpart"]) for r in rows if r["direction"] == "owes"}
    return sorted(
        r["party"]
        for r in rows
        if r["direction"] == "owed" and (r["party"], r["counterpart"], r["measure"]) in owes
    )


def test_the_advice_to_correct_the_actor_of_one_of_an_exchange_within_a_party_works(dprk, tmp_path):
    """The warning of one party's two measures exchanged for each other said 'or correct
    the actor of one': done as said, an edit without --date, it is a hand-over of today,
    and every day before still had Iran owe itself. It gives the dated command now, and
    that command, followed, mends every day."""
    said = _funds_for_release_both_iran_s(dprk)
    advice = re.search(r"'(dprk edit funds --actor PARTY --date 2023-08-10)'", said)
    assert advice is not None, said
    command = shlex.split(advice.group(1).replace("PARTY", "US"))[1:]
    assert dprk("mark", "release", "implemented", "--date", "2023-09-18").code == 0
    assert _owes_itself(dprk, "2023-10-15") == ["Iran"]
    assert dprk(*command).code == 0
    assert _owes_itself(dprk, "2023-10-15") == []
    assert _owes_itself(dprk, "2023-08-10") == []
    assert dprk("check").out == "ok: no problems found\n"


def test_check_warns_of_an_exchange_that_stood_within_one_party_on_past_days(dprk, tmp_path):
    """The funds entered as Iran's, in exchange for Iran's release, then given to the US
    without --date (a hand-over of today): check said ok, though every day before today
    had the exchange within Iran, and the balance as of then had Iran owe itself. It
    warns now, naming the days, with a command that mends them."""
    _funds_for_release_both_iran_s(dprk)
    assert dprk("edit", "funds", "--actor", "US").code == 0
    assert dprk("mark", "release", "implemented", "--date", "2023-09-18").code == 0
    assert _owes_itself(dprk, "2023-10-15") == ["Iran"]
    yesterday = today() - timedelta(days=1)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    checked = dprk("check")
    assert (checked.code, checked.out) == (
        0,
        "warning: funds: 'funds' and 'release' were both Iran's, and exchanged for each "
        f"other, from 2023-08-10 to {yesterday}: on those days the balance has Iran owe "
        "itself; if 'funds' was US's from 2023-08-10 on, correct its actor from that day "
        "('dprk edit funds --actor US --date 2023-08-10') [exchange-within-a-party]\n"
        "0 errors, 1 warning\n",
    )
    assert ledger.read_bytes() == before
    assert dprk("edit", "funds", "--actor", "US", "--date", "2023-08-10").code == 0
    assert _owes_itself(dprk, "2023-10-15") == []
    assert dprk("check").out == "ok: no problems found\n"


def test_check_warns_of_an_exchange_within_one_party_unlinked_since(dprk, tmp_path):
    """The same exchange within Iran, ended by an unlink without --date: check said ok,
    though it stood until today. It warns, with the unlink dated on the day it began."""
    _funds_for_release_both_iran_s(dprk)
    assert dprk("unlink", "funds", "release").code == 0
    assert dprk("mark", "release", "implemented", "--date", "2023-09-18").code == 0
    assert _owes_itself(dprk, "2023-10-15") == ["Iran"]
    yesterday = today() - timedelta(days=1)
    checked = dprk("check")
    assert (checked.code, checked.out) == (
        0,
        "warning: funds: 'funds' and 'release' were both Iran's, and exchanged for each "
        f"other, from 2023-08-10 to {yesterday}: on those days the balance has Iran owe "
        "itself; if they were never exchanged so, end the link on the day it began ('dprk "
        "unlink funds release --date 2023-08-10') [exchange-within-a-party]\n"
        "0 errors, 1 warning\n",
    )
    assert dprk("unlink", "funds", "release", "--date", "2023-08-10").code == 0
    assert _owes_itself(dprk, "2023-10-15") == []
    assert dprk("check").out == "ok: no problems found\n"


@pytest.mark.parametrize(
    ("steps", "advised"),
    [
        ((("edit", "hfo", "--actor", "ROK", "--date", "2008-06-01"),),
         "if 'hfo' was ROK's from 2008-01-01 on, correct its actor from that day ('dprk "
         "edit hfo --actor ROK --date 2008-01-01')"),
        ((("unlink", "hfo", "shut", "--date", "2008-06-01"),),
         "if they were never exchanged so, end the link on the day both came to be DPRK's "
         "('dprk unlink hfo shut --date 2008-01-01')"),
    ],
    ids=["handed-back", "unlinked"],
)  # fmt: skip
def test_the_mend_of_an_exchange_a_hand_over_made_within_a_party_names_its_day(
    dprk, tmp_path, steps, advised
):
    """ROK's hfo, linked to DPRK's shut on 2007-03-01, handed to DPRK on 2008-01-01, then
    handed back (or the link ended): check advised "if 'hfo' was ROK's from the start,
    correct its actor from then (... --date 2008-01-01)", the start read as hfo's first
    day, and "end the link on the day it began (... --date 2008-01-01)", while the link
    began on 2007-03-01. Each mend is worded by its day, which the command gives."""
    assert dprk("init", "--party", "DPRK", "--party", "ROK", "--party", "US").code == 0
    for args in (
        ("add-measure", "HFO", "--actor", "ROK", "--id", "hfo", "--date", "2007-02-13"),
        ("add-measure", "Shut", "--actor", "DPRK", "--id", "shut", "--date", "2007-02-13"),
        ("link", "hfo", "shut", "--date", "2007-03-01"),
        ("mark", "hfo", "implemented", "--date", "2007-12-01"),
        ("edit", "hfo", "--actor", "DPRK", "--date", "2008-01-01"),
        *steps,
    ):
        assert dprk(*args).code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    checked = dprk("check")
    assert (checked.code, checked.out) == (
        0,
        "warning: hfo: 'hfo' and 'shut' were both DPRK's, and exchanged for each other, "
        "from 2008-01-01 to 2008-05-31: on those days the balance has DPRK owe itself; "
        f"{advised} [exchange-within-a-party]\n0 errors, 1 warning\n",
    )
    assert ledger.read_bytes() == before
    command = re.search(r"\('(dprk [^']+)'\)", advised)
    assert command is not None
    assert dprk(*shlex.split(command.group(1))[1:]).code == 0
    assert dprk("check").out == "ok: no problems found\n"


@pytest.mark.parametrize("which", ["hfo", "shutdown"])
@pytest.mark.parametrize("cold", [False, True], ids=["kept", "read-anew"])
def test_the_advice_for_an_exchange_a_dated_hand_over_made_within_a_party_works(
    dprk, empty, which, cold
):
    """The ROK's fuel oil for the DPRK's shutdown; the fuel handed to the DPRK by an edit
    dated 1 January 2008. The warning advised correcting the actor of one "from its first
    day" (13 February 2007): followed, the hand-over, dated later, stood, and so did the
    warning, word for word. The advice is dated on the day both came to be the DPRK's,
    and either command, followed, leaves no exchange within a party on any day."""
    for args in (
        ("add-measure", "Shut down Yongbyon", "--actor", "DPRK", "--id", "shutdown"),
        ("add-measure", "50,000 t HFO", "--actor", "ROK", "--id", "hfo",
         "--in-exchange-for", "shutdown"),
    ):  # fmt: skip
        made = dprk(*args, "--status", "agreed", "--date", "2007-02-13")
        assert made.code == 0, made.err
    assert dprk("mark", "shutdown", "implemented", "--date", "2007-07-14").code == 0
    handed = dprk("edit", "hfo", "--actor", "DPRK", "--date", "2008-01-01")
    assert handed.code == 0, handed.err
    if cold:
        shutil.rmtree(empty.parent / ".dprk")
    checked = dprk("check")
    advice = re.search(rf"'(dprk edit {which} --actor PARTY --date [0-9-]+)'", checked.out)
    assert advice is not None, checked.out
    assert advice.group(1).endswith("--date 2008-01-01"), checked.out
    assert "\ndprk: warning: hfo: " in handed.err and advice.group(1) in handed.err
    command = shlex.split(advice.group(1).replace("PARTY", "ROK"))[1:]
    result = dprk(*command)
    assert result.code == 0, result.err
    assert dprk("check").out == "ok: no problems found\n"
    for day in ("2007-12-31", "2008-02-01", "2026-12-01"):
        assert _owes_itself(dprk, day) == []
    rows = csv.DictReader(
        io.StringIO(dprk("balance", "--as-of", "2008-02-01", "--format", "csv").out)
    )
    owes = sorted((r["party"], r["direction"], r["measure"]) for r in rows)
    if which == "hfo":  # (the fuel the ROK's all along: it owes it for the shutdown)
        assert owes == [("DPRK", "owed", "shutdown"), ("ROK", "owes", "hfo")]
    else:  # (the shutdown the ROK's from then, the fuel the DPRK's: the DPRK owes it)
        assert owes == [("DPRK", "owes", "hfo"), ("ROK", "owed", "shutdown")]


@pytest.mark.parametrize(
    ("advised", "entry"),
    [("dprk unlink x y --date 2019-01-01", 'event = "exchange"\ndetail = "no longer in '
      'exchange for y"'),
     ("dprk edit x --actor PARTY --date 2019-01-01", "event = \"edit\"\ndetail = \"actor: "
      "'A' -> 'B'\""),
     ("dprk edit y --actor PARTY --date 2019-01-01", "event = \"edit\"\ndetail = \"actor: "
      "'A' -> 'B'\"")],
    ids=["unlink", "edit-x", "edit-y"],
)  # fmt: skip
@pytest.mark.parametrize("cold", [False, True], ids=["kept", "read-anew"])
def test_the_unlink_advised_after_a_hand_over_keeps_the_days_the_exchange_was_real(
    dprk, tmp_path, advised, entry, cold
):
    """A's x for B's y from 2018, y handed to A by an edit dated 2019: the warning advised
    unlinking them "on the day they were linked, so that it never stood" (2018-01-01),
    which would erase the year the exchange was a real one between A and B. The unlink
    is dated on the day both came to be A's, at the edit and in check alike; each command
    advised, followed, leaves check clean and the exchange of 2018 between A and B."""
    assert dprk("init", "--title", "t", "--party", "A", "--party", "B", "--party", "C").code == 0
    for args in (("x", "--actor", "A"), ("y", "--actor", "B", "--in-exchange-for", "x")):
        made = dprk("add-measure", *args, "--date", "2018-01-01")
        assert made.code == 0, made.err
    assert dprk("mark", "x", "implemented", "--date", "2018-03-01").code == 0
    warning = (
        "x: 'x' and 'y' are both A's: an exchange is one side's measure for another's; "
        "unlink them from the day both came to be A's ('dprk unlink x y --date 2019-01-01'), "
        "or correct the actor of one from the day both came to be A's ('dprk edit x --actor "
        "PARTY --date 2019-01-01', or 'dprk edit y --actor PARTY --date 2019-01-01')"
    )
    handed = dprk("edit", "y", "--actor", "A", "--date", "2019-01-01")
    assert (handed.code, handed.err) == (
        0,
        f"y: edited on 2019-01-01 (actor: 'B' -> 'A')\ndprk: warning: {warning}\n",
    )
    if cold:
        shutil.rmtree(tmp_path / ".dprk")
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    checked = dprk("check")
    assert (checked.code, checked.out) == (
        0,
        f"warning: {warning} [exchange-within-a-party]\n0 errors, 1 warning\n",
    )
    assert ledger.read_bytes() == before
    assert f"'{advised}'" in warning
    followed = dprk(*shlex.split(advised.replace("PARTY", "B"))[1:])
    assert followed.code == 0, followed.err
    assert ledger.read_text().count(f"date = 2019-01-01\n{entry}\n") == 1
    assert dprk("check").out == "ok: no problems found\n"
    then = dprk("balance", "--as-of", "2018-06-01", "--format", "csv")
    rows = sorted((r["party"], r["direction"], r["measure"], r["counterpart"])
                  for r in csv.DictReader(io.StringIO(then.out)))  # fmt: skip
    assert (then.code, rows) == (0, [("A", "owed", "x", "y"), ("B", "owes", "y", "x")])
    for day in ("2018-06-01", "2019-06-01", "2026-12-01"):
        assert _owes_itself(dprk, day) == []


def test_the_unlink_advised_for_a_link_made_within_a_party_is_dated_by_that_link(dprk, tmp_path):
    """Linked while one party's, the exchange is advised unlinked on the day they were
    linked, so that it never stood, as before; linked again while one party's, after a
    link between two parties that ended, the unlink is dated on the day of the new link
    (the first link's day would erase the days it was a real one), and mends it."""
    assert dprk("init", "--title", "t", "--party", "A", "--party", "B").code == 0
    for args in (("x", "--actor", "A"), ("y", "--actor", "B", "--in-exchange-for", "x")):
        assert dprk("add-measure", *args, "--date", "2018-01-01").code == 0
    assert dprk("mark", "x", "implemented", "--date", "2018-03-01").code == 0
    assert dprk("unlink", "x", "y", "--date", "2018-06-01").code == 0
    assert dprk("edit", "y", "--actor", "A", "--date", "2019-01-01").code == 0
    warning = (
        "x: 'x' and 'y' are both A's: an exchange is one side's measure for another's; unlink "
        "them from the day they were linked again, both A's ('dprk unlink x y --date "
        "2020-01-01'), or correct the actor of one from the day both came to be A's ('dprk "
        "edit x --actor PARTY --date 2019-01-01', or 'dprk edit y --actor PARTY --date "
        "2019-01-01')"
    )
    linked = dprk("link", "x", "y", "--date", "2020-01-01")
    assert (linked.code, linked.err) == (
        0,
        f"x: in exchange for y (recorded on both)\ndprk: warning: {warning}\n",
    )
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    checked = dprk("check")
    assert (checked.code, checked.out) == (
        0,
        f"warning: {warning} [exchange-within-a-party]\n0 errors, 1 warning\n",
    )
    assert ledger.read_bytes() == before
    assert dprk("unlink", "x", "y", "--date", "2020-01-01").code == 0
    assert dprk("check").out == "ok: no problems found\n"
    assert _owes_itself(dprk, "2018-04-01") == [] and _owes_itself(dprk, "2020-06-01") == []
    assert "B,owes,y,x," in dprk("balance", "--as-of", "2018-04-01", "--format", "csv").out
    assert dprk("add-measure", "z", "--actor", "A", "--date", "2021-01-01").code == 0
    linked = dprk("link", "x", "z", "--date", "2021-02-01")
    assert linked.code == 0
    assert (
        "unlink them on the day they were linked, so that it never stood ('dprk unlink x z "
        "--date D', D as 'dprk log x z' dates the link)" in linked.err
    )


@pytest.mark.parametrize(
    ("steps", "past", "advised", "said"),
    [
        ((("unlink", "x", "y", "--date", "2018-06-01"), ("link", "x", "y", "--date", "2019-01-01")),
         "from 2018-02-01 to 2018-05-31", "if they were never exchanged so, end the link on the "
         "day it began ('dprk unlink x y --date 2018-02-01')",
         "x: recorded no longer in exchange for y on 2018-02-01; x stays in exchange for y "
         "(since 2019-01-01)\n"),
        ((("edit", "y", "--actor", "B", "--date", "2019-01-01"),
          ("edit", "y", "--actor", "A", "--date", "2020-01-01")),
         "from 2018-02-01 to 2018-12-31", "if 'y' was B's from 2018-01-01 on, correct its "
         "actor from that day ('dprk edit y --actor B --date 2018-01-01')",
         "y: recorded actor: 'A' -> 'B' on 2018-01-01, stays 'A' (since 2020-01-01)\n"),
    ],
    ids=["linked-again", "handed-back"],
)  # fmt: skip
def test_an_exchange_that_stood_within_a_party_and_stands_so_again_is_given_its_mend(
    dprk, tmp_path, steps, past, advised, said
):
    """A's x and y, linked in 2018 and then unlinked and linked again (or y handed to B
    and back to A), all dated: the link stands now, and the days of 2018 had A owe
    itself. Check's warning of those days ended in "owe itself; " and nothing: it offered
    the unlink only for a link ended since, and the correction of an actor only to the
    party the measure is now. The unlink dated on the run's first day keeps the link
    made again; the actor is the one the measure was handed when the run ended. Each,
    followed, mends those days alone."""
    assert dprk("init", "--title", "t", "--party", "A", "--party", "B").code == 0
    for ident in ("x", "y"):
        assert dprk("add-measure", ident, "--actor", "A", "--date", "2018-01-01").code == 0
    for args in (
        ("link", "x", "y", "--date", "2018-02-01"),
        ("mark", "x", "implemented", "--date", "2018-03-01"),
        *steps,
    ):
        assert dprk(*args).code == 0
    assert _owes_itself(dprk, "2018-04-01") == ["A"]
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    checked = dprk("check")
    assert checked.code == 0
    assert checked.out.splitlines()[1:] == [
        f"warning: x: 'x' and 'y' were both A's, and exchanged for each other, {past}: on "
        f"those days the balance has A owe itself; {advised} [exchange-within-a-party]",
        "0 errors, 2 warnings",
    ]
    assert "are both A's" in checked.out.splitlines()[0]
    assert ledger.read_bytes() == before
    command = re.search(r"\('(dprk [^']+)'\)", advised)
    assert command is not None
    followed = dprk(*shlex.split(command.group(1))[1:])
    assert (followed.code, followed.out, followed.err) == (0, "", said)
    assert ledger.read_bytes() != before
    checked = dprk("check")
    assert (checked.code, checked.out.splitlines()[1:]) == (0, ["0 errors, 1 warning"])
    assert "are both A's" in checked.out
    assert _owes_itself(dprk, "2018-04-01") == []
    assert _owes_itself(dprk, "2026-12-01") == ["A"]  # (the exchange that stands, warned of)
    standing = re.search(r"\('(dprk unlink [^']+)'\)", checked.out)
    assert standing is not None, checked.out
    assert dprk(*shlex.split(standing.group(1))[1:]).code == 0
    assert dprk("check").out == "ok: no problems found\n"
    assert _owes_itself(dprk, "2018-04-01") == [] and _owes_itself(dprk, "2026-12-01") == []


def _x_and_a_pair(dprk, one: str, two: str, day: str) -> None:
    """The US's x, and two DPRK measures, all made on `day`."""
    for ident, actor in (("x", "US"), (one, "DPRK"), (two, "DPRK")):
        made = dprk("add-measure", ident.upper(), "--actor", actor, "--id", ident, "--date", day)
        assert made.code == 0, made.err


def test_a_partner_s_order_holds_a_measure_until_the_partner_acts_as_next_holds_it(dprk, empty):
    """h and f were to go together, h after x; h went alone, before x. `next --as-of` the
    day after freed f (it groups measures yet to act), but when f acted, `check` said it
    acted before x as its partner's order held it: one fact, told twice, and not as
    `next` told it. A partner's order holds a measure until the partner acts."""
    _x_and_a_pair(dprk, "f", "h", "2020-01-01")
    for args in (
        ("sequence", "h", "--with", "f", "--date", "2020-01-02"),
        ("sequence", "h", "--after", "x", "--date", "2020-01-02"),
        ("mark", "h", "implemented", "--date", "2020-01-03"),
    ):
        assert dprk(*args).code == 0
    free = json.loads(dprk("next", "--as-of", "2020-01-04", "--format", "json").out)
    assert "f" in [m["id"] for m in free["ready"]]
    assert dprk("mark", "f", "implemented", "--date", "2020-01-05").code == 0
    found = json.loads(dprk("check", "--format", "json").out)["problems"]
    assert [(p["measure"], p["message"].split(";")[0]) for p in found] == [
        ("h", "acted on 2020-01-03 although 'x', which it was to follow, has not acted"),
        ("f", "acted on 2020-01-05, while 'h', which it was to be carried out together "
              "with, acted on 2020-01-03"),
    ]  # fmt: skip


def test_a_hold_a_partner_s_acting_ended_says_so(dprk, empty):
    """m went alone while its partner n was to follow x: the warning said m was held
    "until 2001-01-01, when the order changed", the day n acted; no order changed."""
    _x_and_a_pair(dprk, "m", "n", "2000-01-01")
    for args in (
        ("sequence", "n", "--after", "x", "--date", "2000-01-01"),
        ("sequence", "m", "--with", "n", "--date", "2000-02-01"),
        ("mark", "m", "implemented", "--date", "2000-06-01"),
        ("mark", "n", "implemented", "--date", "2001-01-01"),
    ):
        assert dprk(*args).code == 0
    first = dprk("check").out.splitlines()[0]
    assert first == (
        "warning: m: acted on 2000-06-01 although 'x', which it was to follow as its partner "
        "'n' was until 2001-01-01, when 'n' acted, has not acted; no fix needed if that is "
        "what happened [acted-out-of-order]"
    )


def test_check_names_a_hand_edit_s_contradicting_dates_before_what_follows(dprk, empty):
    """An action moved by hand after its finding: `check` named first the status the
    history no longer gives ('set status = "implemented"'), which, followed, left a new
    error once the date was mended; and `status` said 'verified (its parts)' of a
    measure with no parts. The dates are named first; the status is as written."""
    assert dprk("add-measure", "M", "--actor", "US", "--id", "m", "--date", "2018-01-01").code == 0
    assert dprk("mark", "m", "implemented", "--date", "2018-05-01").code == 0
    assert dprk("verify", "m", "--by", "IAEA", "--date", "2018-06-01").code == 0
    text = empty.read_text(encoding="utf-8").replace("date = 2018-05-01", "date = 2018-07-01")
    empty.write_text(text, encoding="utf-8")
    checked = dprk("check")
    assert checked.code == 1
    assert [line.rsplit("[", 1)[-1] for line in checked.out.splitlines()[:2]] == [
        "contradicting-dates]",
        "status-history]",
    ], checked.out
    row = next(line for line in dprk("status").out.splitlines() if line.startswith("m "))
    assert "(its parts)" not in row and re.search(r" verified +full +verified ", row), row
    empty.write_text(text.replace("date = 2018-07-01", "date = 2018-05-01"), encoding="utf-8")
    assert dprk("check").out == "ok: no problems found\n"


def test_a_year_typed_wrong_before_a_creation_as_agreed_is_one_error_its_advice_mends(dprk, empty):
    """An implementation's year typed wrong by hand, before the measure's creation as
    agreed: `check` said the measure went back to agreed on its creation's day (status
    'implemented' but its history gives 'agreed', to be set by hand or marked again,
    neither of which mends it), and warned that a measure to follow it acted after it
    'was reversed', which no entry says; `status --as-of` read it as agreed where `show`
    said implemented. The contradiction of the two dates is the one error, its advice
    names each entry's redate by number, and either, followed, mends the ledger."""
    yongbyon_for_bda(dprk)
    assert dprk("mark", "shutdown", "implemented", "--date", "2007-07-14").code == 0
    text = empty.read_text(encoding="utf-8")
    assert text.count("date = 2007-06-25\n") == 1
    typo = text.replace("date = 2007-06-25\n", "date = 2006-06-25\n")
    empty.write_text(typo, encoding="utf-8")
    checked = dprk("check")
    assert (checked.code, checked.err) == (1, "")
    assert checked.out == (
        "error: bda: implemented on 2006-06-25 comes before its creation as agreed on "
        "2007-03-19: a measure that has acted is not agreed after; correct one of the two "
        "dates ('dprk redate bda 1 YYYY-MM-DD' corrects the first, 'dprk redate bda 2 "
        "YYYY-MM-DD' the second) [contradicting-dates]\n"
        "1 error, 0 warnings\n"
    )
    # (every view reads the history as show does: implemented, from the day typed)
    past = json.loads(dprk("status", "--as-of", "2007-07-01", "--format", "json").out)
    assert {m["id"]: m["status"] for m in past["measures"]} == {
        "bda": "implemented",
        "shutdown": "agreed",
    }
    assert json.loads(dprk("show", "bda", "--format", "json").out)["status"] == "implemented"
    advised = re.findall(r"'(dprk redate bda [12] YYYY-MM-DD)'", checked.out)
    for advice, day in zip(advised, ("2007-06-25", "2006-06-01"), strict=True):
        empty.write_text(typo, encoding="utf-8")
        done = dprk(*advice.replace("YYYY-MM-DD", day).split()[1:])
        assert done.code == 0, done.err
        assert dprk("check").out == "ok: no problems found\n"
    log = json.loads(dprk("log", "bda", "--format", "json").out)
    assert [(e["date"], e["event"]) for e in log[:2]] == [
        ("2006-06-01", "created"),
        ("2006-06-25", "status"),
    ]


def test_a_history_whose_creation_was_removed_by_hand_is_one_error(dprk, empty, tmp_path):
    """A measure's creation entry deleted by hand (a slip when cleaning up, a bad merge)
    passed `check`, while every past day read the measure as made on its next entry, at
    that entry's status: before the edit `next` on 2007-05-01 had 'bda' go ahead and
    'shutdown' wait for it, after it 'bda' was not there and 'shutdown' could go ahead.
    `check` names the measure, what its history now gives, and how to mend it (no
    command writes a creation back: the file is mended); a write that would leave a
    history without its creation (an import) is refused, and one that leaves the hand
    edit as it was is not."""
    yongbyon_for_bda(dprk)
    waits = dprk("next", "--as-of", "2007-05-01", "--format", "ids").out
    text = empty.read_text(encoding="utf-8")
    created = re.search(
        r'\[\[measures\.history\]\]\ndate = 2007-03-19\nevent = "created"\n.*?\n\n', text, re.S
    )
    assert created is not None
    empty.write_text(text.replace(created.group(0), ""), encoding="utf-8")
    checked = dprk("check")
    assert (checked.code, checked.err) == (1, "")
    assert checked.out == (
        'error: bda: its history has no creation (the entry of event "created", one per '
        "measure); its earliest entry ('dprk log bda' lists it first) is taken for the day "
        "it was made and the status it began at, so it did not stand before that day; no "
        "command writes a creation back: put it in the file again, as the first of its "
        '[[measures.history]] tables (date, event = "created", status, detail, recorded; '
        "the file's earlier version in git has it) [transitions]\n"
        "1 error, 0 warnings\n"
    )
    # (the error was there before: a change that leaves it as it was is made)
    assert dprk("note", "bda", "Funds in transit", "--date", "2007-07-01").code == 0
    edited = empty.read_bytes()
    # a history without its creation is never written: an import of one is refused
    row = json.loads(dprk("export", "--format", "json").out)["measures"][0]
    row["id"] = "bda-copy"
    row["history"] = [h for h in row["history"] if h["event"] != "created"]
    (tmp_path / "row.json").write_text(json.dumps([row]), encoding="utf-8")
    imported = dprk("import", "row.json")
    assert (imported.code, imported.out) == (1, "")
    assert "bda-copy" in imported.err and "has no creation" in imported.err, imported.err
    assert empty.read_bytes() == edited
    # the creation put back as advised: no error, and the past days read as before
    empty.write_text(
        edited.decode("utf-8").replace(
            'status = "implemented"\n\n', 'status = "implemented"\n\n' + created.group(0), 1
        ),
        encoding="utf-8",
    )
    assert dprk("check").out == "ok: no problems found\n"
    assert dprk("next", "--as-of", "2007-05-01", "--format", "ids").out == waits


def test_show_lists_at_once_a_measure_a_teammate_a_time_zone_ahead_added(dprk, empty, monkeypatch):
    """Added in Seoul on its today, the measure was refused by 'show' in Washington until
    midnight there ('was not in the talks yet'), while the guide says show lists such an
    entry at once; with --as-of that day it is not there yet, as before."""
    from dprk_cli import clock

    here = clock.today()
    assert dprk("add-measure", "Seoul offer", "--actor", "US", "--id", "so",
                "--date", here.isoformat()).code == 0  # fmt: skip
    monkeypatch.setattr(clock, "today", lambda: here - timedelta(days=1))
    shown = dprk("show", "so", "--format", "json")
    assert shown.code == 0, shown.err
    assert json.loads(shown.out)["id"] == "so"
    day = (here - timedelta(days=1)).isoformat()
    refused = dprk("show", "so", "--as-of", day)
    assert refused.err == (
        f"dprk: error: measure 'so' was not in the talks yet on {day} (made on {here})\n"
    )


def test_one_measure_added_twice_under_two_ids_is_a_warning(dprk, korea):
    """Two analysts added 'Dismantle the Yongbyon nuclear complex' (DPRK) on two branches,
    one as 'yongbyon-dismantlement', one as 'yongbyon': the merge kept both, check said
    nothing, and status counted it twice. check warns of two measures of one title and
    actor; told apart, or one removed, it is gone."""
    for ident in ("yongbyon-dismantlement", "yongbyon"):
        added = dprk("add-measure", "Dismantle the Yongbyon nuclear complex", "--actor", "DPRK",
                     "--id", ident, "--date", "2018-09-19")  # fmt: skip
        assert added.code == 0, added.err
    checked = dprk("check", "--format", "json")
    assert checked.code == 0  # (a warning)
    alike = [p for p in json.loads(checked.out)["problems"] if p["check"] == "measures-alike"]
    # (said of the later in the file, which keeps its measures in id order)
    later = "yongbyon-dismantlement"
    assert [(p["severity"], p["measure"]) for p in alike] == [("warning", later)]
    assert alike[0]["message"] == (
        "has the title and actor of 'yongbyon' (DPRK): one measure added twice is counted "
        f"twice; if so, keep the one that holds more ('dprk show yongbyon {later}' compares "
        "them) and remove the other ('dprk remove ID', once what it holds is on the one "
        f"kept), else tell them apart ('dprk edit {later} --title TEXT')"
    )
    assert dprk("remove", later).code == 0
    assert "measures-alike" not in dprk("check").out


def _verifier_renamed_by_hand(folder, was: str, now: str):
    """The ledger in `folder`, its one finding by `was` made one by `now` by hand: in the
    finding's record and in its history entry (as no command writes a party's own word)."""
    path = folder / "dprk-ledger.toml"
    text = path.read_text(encoding="utf-8")
    assert text.count(was) == 2  # (the finding's record and its history entry)
    path.write_text(text.replace(was, now), encoding="utf-8")
    return path


def test_check_finds_a_finding_by_the_measure_s_own_actor(dprk, tmp_path):
    """A finding by 'FARC EP' on a FARC-EP measure, as a dprk that told the two names apart
    accepted (or a hand edit writes): the party's own word, counted as verification, and
    'check' said ok. It is an error, named with its drop; the drop, followed, leaves the
    ledger ok and the measure implemented, not verified."""
    for args in (
        ("init", "--party", "Colombia", "--party", "FARC-EP"),
        ("add-measure", "Hand over weapons", "--actor", "FARC-EP", "--id", "arms",
         "--status", "agreed", "--date", "2016-11-24"),
        ("mark", "arms", "implemented", "--date", "2017-06-27"),
        ("verify", "arms", "--by", "UN Mission", "--date", "2017-06-28"),
    ):  # fmt: skip
        assert dprk(*args).code == 0
    path = _verifier_renamed_by_hand(tmp_path, "UN Mission", "FARC EP")
    assert json.loads(dprk("show", "arms", "--format", "json").out)["status"] == "verified"
    before = path.read_bytes()
    result = dprk("check")
    assert result.code == 1, result.out
    assert (
        "error: arms: its finding by FARC EP on 2017-06-28 is the word of its own actor then, "
        "which is not verification; drop it with 'dprk drop-finding arms 3' [own-word]"
    ) in result.out
    assert path.read_bytes() == before
    assert dprk("drop-finding", "arms", "3").code == 0
    again = dprk("check")
    assert again.code == 0 and "own-word" not in again.out, again.out
    assert json.loads(dprk("show", "arms", "--format", "json").out)["status"] == "implemented"


def test_check_finds_a_finding_of_the_actor_of_its_day_on_a_measure_handed_over_since(
    dprk, tmp_path
):
    """Iran's cap, verified by Iran (a hand edit) on 2016-01-16, then handed to the US on
    2016-02-01: `check` said ok, looking only at measures whose findings name their
    actor now, while `verify --by Iran` on a day before the hand-over is refused as
    Iran's own word. A measure handed over is read for its actor on each finding's day."""
    for args in (
        ("init", "--party", "Iran", "--party", "US"),
        ("add-measure", "Cap enrichment", "--actor", "Iran", "--id", "cap", "--status",
         "implemented", "--date", "2015-07-14"),
        ("verify", "cap", "--by", "IAEA", "--date", "2016-01-16"),
        ("edit", "cap", "--actor", "US", "--date", "2016-02-01"),
        ("add-measure", "Relief", "--actor", "US", "--id", "relief", "--status",
         "implemented", "--date", "2016-01-16"),
        ("verify", "relief", "--by", "Iran", "--date", "2016-01-17"),
    ):  # fmt: skip
        assert dprk(*args).code == 0
    path = _verifier_renamed_by_hand(tmp_path, "IAEA", "Iran")
    before = path.read_bytes()
    for _ in range(2):  # (found anew, then as kept)
        result = dprk("check")
        assert result.code == 1, result.out
        assert result.out == (
            "error: cap: its finding by Iran on 2016-01-16 is the word of its own actor "
            "then, which is not verification; drop it with 'dprk drop-finding cap 2' "
            "[own-word]\n1 error, 0 warnings\n"
        )
    assert path.read_bytes() == before
    assert dprk("drop-finding", "cap", "2").code == 0
    assert dprk("check").out == "ok: no problems found\n"


def test_the_reference_gives_the_severity_check_reports_for_a_finding_of_the_own_actor(
    dprk, tmp_path
):
    """The reference's table of checks listed `own-word` and `former-names` as warnings,
    while `check` reported their findings as errors (exit 1: a hook refusing the commit).
    The table asks each check its severity; what `check` reports is what it says."""
    for args in (
        ("init", "--party", "USSR", "--party", "US"),
        ("add-measure", "Destroy SS-20s", "--actor", "USSR", "--id", "ss20",
         "--status", "agreed", "--date", "1987-12-08"),
        ("mark", "ss20", "implemented", "--date", "1989-05-01"),
        ("verify", "ss20", "--by", "OSI", "--date", "1989-05-12"),
    ):  # fmt: skip
        assert dprk(*args).code == 0
    path = _verifier_renamed_by_hand(tmp_path, "OSI", "USSR")
    before = path.read_bytes()
    result = dprk("check", "--format", "json")
    assert result.code == 1
    reported = {p["check"]: p["severity"] for p in json.loads(result.out)["problems"]}
    assert reported == {"own-word": "error"}
    reference = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")
    for check in ("own-word", "former-names", "parties", "duplicate-ids", "missing-steps"):
        row = next(line for line in reference.splitlines() if line.startswith(f"| `{check}` |"))
        said = row.split(" | ")[1]
        assert said == ("warning" if check == "missing-steps" else "error"), row
    assert path.read_bytes() == before


def test_a_cut_of_a_measure_never_done_in_full_keeps_its_debt_from_the_other_side(dprk, tmp_path):
    """Iran's enrichment limit carried out in part, then the relief paid for it, then the
    limit cut further: Iran owed the rest from the day of the relief, and went on owing it;
    the cut dated the debt anew (0 days on the day of the cut), as if it had just opened.
    Only a step from done in full to less opens a debt after the other side acted."""
    for args in (
        ("init", "--party", "Iran", "--party", "P5+1"),
        ("add-measure", "Limit enrichment", "--actor", "Iran", "--id", "enrich",
         "--date", "2015-07-14"),
        ("add-measure", "Lift sanctions", "--actor", "P5+1", "--id", "lift",
         "--date", "2015-07-14", "--in-exchange-for", "enrich"),
        ("mark", "enrich", "implemented", "--extent", "intermediate", "--date", "2016-01-10"),
        ("mark", "lift", "implemented", "--date", "2016-01-16"),
        ("mark", "enrich", "implemented", "--extent", "minimal", "--date", "2019-11-05"),
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    for day, days in (("2016-01-16", 0), ("2019-11-04", 1388), ("2019-11-05", 1389)):
        owed = dprk("balance", "--as-of", day, "--party", "Iran", "--format", "csv").out
        row = f"Iran,owes,enrich,lift,2016-01-16,{days},true,false,"
        assert owed.splitlines()[1:] == [row], day
    shutil.rmtree(tmp_path / ".dprk")  # (read anew: the same)
    owed = dprk("balance", "--as-of", "2019-11-05", "--party", "Iran", "--format", "csv").out
    assert owed.splitlines()[1:] == ["Iran,owes,enrich,lift,2016-01-16,1389,true,false,"]
    assumed = dprk("balance", "--as-of", "2019-11-05", "--assume", "enrich=reversed",
                   "--party", "Iran", "--format", "csv")  # fmt: skip
    assert assumed.code == 0, assumed.err
    # (reversed, it owes the whole, no longer in part: still from the day of the relief)
    assert assumed.out.splitlines()[1:] == ["Iran,owes,enrich,lift,2016-01-16,1389,false,false,"]


def _whole_of_two_parts_paid_for(dprk) -> None:
    """The DPRK's whole w of two parts, p1 and p2, exchanged for the US's b: all three
    carried out on 2018-02-01."""
    for ident, extra in (("w", []), ("p1", ["--part-of", "w"]), ("p2", ["--part-of", "w"])):
        assert dprk("add-measure", ident, "--actor", "DPRK", "--id", ident, "--status",
                    "agreed", "--date", "2018-01-01", *extra).code == 0  # fmt: skip
    assert dprk("add-measure", "b", "--actor", "US", "--id", "b", "--in-exchange-for", "w",
                "--date", "2018-01-01").code == 0  # fmt: skip
    assert dprk("mark", "p1", "p2", "b", "implemented", "--date", "2018-02-01").code == 0


def test_check_names_an_undated_whole_stored_otherwise_than_its_parts_date_it(dprk, empty):
    """w, added without a date, made of p (implemented on 2020-04-08): a file that
    stores w's creation on another day (as dprk wrote it once: the day w was added)
    passed `check`, while `show` listed that day and the timeline 2020-04-08. `check`
    names the day, and following its advice passes."""
    assert dprk("add-measure", "W", "--actor", "DPRK", "--id", "w").code == 0
    assert dprk("add-measure", "P", "--actor", "DPRK", "--id", "p", "--part-of", "w",
                "--status", "implemented", "--date", "2020-04-08").code == 0  # fmt: skip
    text = empty.read_text(encoding="utf-8")
    head, sep, rest = text.partition('id = "w"\n')
    empty.write_text(head + sep + rest.replace("date = 2020-04-08", "date = 2021-01-01", 1))
    result = dprk("check")
    # (a warning: reports hold w from its parts' day already, and a file an earlier dprk
    # wrote holds such a creation; `check` in a hook does not fail on it)
    assert result.code == 0
    assert result.out == (
        "warning: w: its creation, recorded without a date, is dated 2021-01-01 but its "
        "parts date it 2020-04-08 (the first step of one of them while a part of it); set "
        "date = 2020-04-08 on that entry in the file (dprk's next change of the measure or "
        "of a part of it sets it too) [creation-history]\n0 errors, 1 warning\n"
    )
    edited = empty.read_text(encoding="utf-8")
    head, sep, rest = edited.partition('id = "w"\n')
    empty.write_text(head + sep + rest.replace("date = 2021-01-01", "date = 2020-04-08", 1))
    assert empty.read_text(encoding="utf-8") == text
    assert dprk("check").out == "ok: no problems found\n"
    # (the other way the advice gives: a change of a part of it)
    empty.write_text(edited)
    assert dprk("note", "p", "seen in a report", "--date", "2020-05-01").code == 0
    assert "date = 2021-01-01" not in empty.read_text(encoding="utf-8")
    assert dprk("check").out == "ok: no problems found\n"


# The US's withdrawal wd, added as agreed on 1973-03-01 in exchange for the DRV's release
# of prisoners; found later to have been proposed on 1973-01-20; a part of it, wd-0
# proposed on 1973-01-10, and another, wd-1, carried out on 1973-03-12.
_OVERTAKEN_WHOLE = {
    "release": ("add-measure", "Release", "--actor", "DRV", "--id", "pow", "--date",
                "1973-02-01"),
    "withdraw": ("add-measure", "Withdraw", "--actor", "US", "--id", "wd", "--status",
                 "agreed", "--date", "1973-03-01", "--in-exchange-for", "pow"),
    "proposed": ("mark", "wd", "proposed", "--date", "1973-01-20"),
    "first part": ("add-measure", "First increment", "--actor", "US", "--id", "wd-1",
                   "--part-of", "wd", "--status", "implemented", "--date", "1973-03-12"),
    "early part": ("add-measure", "Zeroth", "--actor", "US", "--id", "wd-0", "--part-of",
                   "wd", "--date", "1973-01-10"),
}  # fmt: skip


@pytest.mark.parametrize(
    "order",
    [
        ("release", "withdraw", "proposed", "first part", "early part"),
        ("release", "withdraw", "first part", "proposed", "early part"),
        ("release", "withdraw", "early part", "first part", "proposed"),
        ("release", "withdraw", "first part", "early part", "proposed"),
    ],
)
def test_a_whole_dated_by_a_step_found_before_its_creation_is_no_undated_one(
    dprk, tmp_path, monkeypatch, order
):
    """wd, added as agreed on a day, then found proposed earlier: its creation is dated
    (overtaken by the earlier step, which dates the measure), not recorded without a date.
    Made of parts, it was taken for one: `check` and every write warned that its
    creation, "recorded without a date", was on another day than its earliest event, and
    advised setting it to that day (which no change of dprk did, and which would have
    made it agreed from the day it was first proposed); and a part proposed before that
    step dated it back, as if added without a date: the timeline had it agreed on
    1973-01-10 and never on 1973-03-01, a view of 1973-01-15 listed it. In every order
    the facts are entered, the ledger passes `check` and every view says the same."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")  # (the same records in each order)
    seen = {}
    for ordered in (order, ("release", "withdraw", "proposed", "early part", "first part")):
        folder = tmp_path / "-".join(ordered).replace(" ", "_")
        folder.mkdir()
        monkeypatch.chdir(folder)
        assert dprk("init", "--party", "US", "--party", "DRV").code == 0
        for name in ordered:
            result = dprk(*_OVERTAKEN_WHOLE[name])
            assert result.code == 0, (name, result.err)
            assert "warning" not in result.err, (name, result.err)
        assert dprk("check").out == "ok: no problems found\n"
        seen[ordered] = [
            dprk(*args).out
            for args in (
                ("status", "--format", "json"),
                ("show", "wd"),
                ("log", "wd", "pow"),
                ("timeline",),
                ("status", "--as-of", "1973-01-15", "--format", "csv"),
            )
        ]
    first, second = seen.values()
    assert first == second
    records = {r["id"]: r for r in json.loads(first[0])["measures"]}
    assert (records["wd"]["status"], records["wd"]["status_date"]) == ("implemented", "1973-03-12")
    wd = [line.split()[:4] for line in first[3].splitlines() if " wd " in line]
    assert wd == [
        ["1973-01-20", "○", "wd", "proposed"],  # (a proposal: no party's step)
        ["1973-03-01", "○", "wd", "exchange:"],  # (the day wd was added with the link)
        ["1973-03-01", "●", "wd", "agreed"],  # (the DRV had only proposed: none answered)
        ["1973-03-12", "○", "wd", "implemented"],
    ]
    assert [row.split(",")[0] for row in first[4].splitlines()[1:]] == ["wd-0"]


def test_a_name_two_parties_had_in_turn_leads_to_the_party_that_took_it(dprk, tmp_path):
    """The USSR was renamed Russia in 1991, and the UK, whose measure records it, was
    renamed USSR in 1992. The UK's former name then led on through 'USSR' to Russia:
    `add-party UK` and `--actor UK` advised "give Russia", and a finding by the UK on a
    Russian measure was refused as Russia's own word. A rename is followed from a name
    only when it came after the one that gave the name: the UK is the USSR now."""
    path = tmp_path / "dprk-ledger.toml"
    for args in (
        ["init", "--party", "USSR", "--party", "US", "--party", "UK"],
        ["add-measure", "Withdraw SS-20", "--actor", "USSR", "--id", "ss20", "--date",
         "1987-01-10"],
        ["add-measure", "UK step", "--actor", "UK", "--id", "ukstep", "--date", "1990-01-01"],
        ["rename-party", "USSR", "Russia", "--date", "1991-12-26"],
        ["rename-party", "UK", "USSR", "--date", "1992-01-01"],
        ["mark", "ss20", "implemented", "--date", "1988-06-01"],
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    assert dprk("check").out == "ok: no problems found\n"
    before = path.read_bytes()
    added = dprk("add-party", "UK")
    assert (added.code, added.err) == (
        1,
        "dprk: error: party 'UK' was renamed USSR on 1992-01-01, as the ledger's measures "
        "record it: declared again, one side would be two parties; give USSR where you mean "
        "it\n",
    )
    actor = dprk("add-measure", "X", "--actor", "UK", "--id", "x", "--date", "1995-01-01")
    assert (
        actor.err == "dprk: error: --actor: party 'UK' was renamed USSR on 1992-01-01; give USSR\n"
    )
    by = dprk("verify", "ss20", "--by", "UK", "--date", "1993-01-01")
    assert by.err == "dprk: error: --by: party 'UK' was renamed USSR on 1992-01-01; give USSR\n"
    assert path.read_bytes() == before
    # (the advice followed: the party that is USSR now is no actor of ss20)
    assert dprk("verify", "ss20", "--by", "USSR", "--date", "1993-01-01").code == 0
    assert dprk("check").out == "ok: no problems found\n"


def _installment_and_its_release(dprk, monkeypatch) -> None:
    """The US oil revenue release made of two installments, and Iran's enrichment cap in
    exchange for the release; the first installment paid, recorded at a fixed time."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01 00:00:00 UTC
    assert dprk("init", "--title", "t", "--party", "Iran", "--party", "US").code == 0
    for args in (
        ("Enrichment cap", "--actor", "Iran", "--id", "cap"),
        ("Oil revenue release", "--actor", "US", "--id", "oil", "--in-exchange-for", "cap"),
        ("Installment 1", "--actor", "US", "--id", "inst-1", "--part-of", "oil"),
        ("Installment 2", "--actor", "US", "--id", "inst-2", "--part-of", "oil"),
    ):
        made = dprk("add-measure", *args, "--date", "2025-01-10")
        assert (made.code, made.err) == (0, ""), args
    assert dprk("mark", "inst-1", "implemented", "--date", "2025-03-01").code == 0


def _both_exchanged(part: str, day: str) -> str:
    """The warning of `part`, exchanged for cap as the release it is a part of is."""
    return (
        f"{part}: is exchanged for 'cap', and so is 'oil', which it is a part of: the "
        "balance counts that one exchange twice, for the part and for the whole; if the "
        f"whole's exchange covers its parts, end the part's link ('dprk unlink {part} cap "
        f"--date {day}'), or, if the part alone was traded for it, the whole's ('dprk "
        f"unlink oil cap --date {day}')"
    )


_INST_1_LINKED = """\
[[measures]]
id = "inst-1"
title = "Installment 1"
actor = "US"
status = "implemented"
part_of = "oil"
in_exchange_for = [
    "cap",
]

[[measures.history]]
date = 2025-01-10
event = "created"
status = "proposed"
detail = "created as proposed"
recorded = 2026-01-01 00:00:00+00:00

[[measures.history]]
date = 2025-02-01
event = "exchange"
detail = "in exchange for cap"
recorded = 2026-01-01 00:00:00+00:00

[[measures.history]]
date = 2025-03-01
event = "status"
status = "implemented"
detail = "implemented"
recorded = 2026-01-01 00:00:00+00:00
"""


@pytest.mark.parametrize("ended", ["inst-1", "oil"], ids=["the-part-s", "the-whole-s"])
def test_check_warns_of_a_part_and_its_whole_exchanged_for_one_measure(
    dprk, tmp_path, monkeypatch, ended
):
    """An installment linked to the enrichment cap its whole, the release, was exchanged
    for already: check said ok, and the balance had Iran owe 2 for what is one exchange.
    The link is recorded, with a warning, as check gives it in every format; either
    unlink it advises, followed, leaves one exchange in the balance and check clean."""
    _installment_and_its_release(dprk, monkeypatch)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_text(encoding="utf-8")
    linked = dprk("link", "inst-1", "cap", "--date", "2025-02-01")
    warning = _both_exchanged("inst-1", "2025-02-01")
    assert (linked.code, linked.out, linked.err) == (
        0,
        "",
        f"inst-1: in exchange for cap (recorded on both)\ndprk: warning: {warning}\n",
    )
    after = ledger.read_text(encoding="utf-8")
    assert _INST_1_LINKED in after and _INST_1_LINKED not in before
    assert after == before.replace(
        before[
            before.index('[[measures]]\nid = "inst-1"') : before.index(
                '[[measures]]\nid = "inst-2"'
            )
        ],
        _INST_1_LINKED + "\n",
    ).replace(
        '    "oil",\n]\n',
        '    "inst-1",\n    "oil",\n]\n',
    ).replace(
        'detail = "in exchange for oil"\nrecorded = 2026-01-01 00:00:00+00:00\n',
        'detail = "in exchange for oil"\nrecorded = 2026-01-01 00:00:00+00:00\n\n'
        '[[measures.history]]\ndate = 2025-02-01\nevent = "exchange"\n'
        'detail = "in exchange for inst-1"\nrecorded = 2026-01-01 00:00:00+00:00\n',
    )
    owes = json.loads(dprk("balance", "--format", "json").out)["parties"]["Iran"]["owes"]
    assert [(o["measure"], o["counterpart"]) for o in owes] == [("cap", "inst-1"), ("cap", "oil")]
    written = ledger.read_bytes()
    checked = dprk("check")
    assert (checked.code, checked.out, checked.err) == (
        0,
        f"warning: {warning} [exchanged-with-its-whole]\n0 errors, 1 warning\n",
        "",
    )
    as_json = dprk("check", "--format", "json")
    assert as_json.code == 0
    assert json.loads(as_json.out) == {
        "ok": True,
        "errors": 0,
        "warnings": 1,
        "problems": [
            {
                "severity": "warning",
                "check": "exchanged-with-its-whole",
                "measure": "inst-1",
                "measures": ["inst-1", "oil", "cap"],
                "message": warning.removeprefix("inst-1: "),
            }
        ],
    }
    ids = dprk("check", "--format", "ids")
    assert (ids.code, ids.out) == (0, "inst-1\noil\ncap\n")
    assert dprk("check", "--strict").code == 1
    assert ledger.read_bytes() == written
    unlinked = dprk("unlink", ended, "cap", "--date", "2025-02-01")
    assert (unlinked.code, unlinked.err) == (0, f"{ended}: no longer in exchange for cap\n")
    assert dprk("check").out == "ok: no problems found\n"
    kept = "oil" if ended == "inst-1" else "inst-1"
    for day in ("2025-03-01", "2025-06-01", str(today())):
        balance = json.loads(dprk("balance", "--as-of", day, "--format", "json").out)
        owes = balance["parties"]["Iran"]["owes"]
        assert [(o["measure"], o["counterpart"]) for o in owes] == [("cap", kept)], day


def test_the_write_that_makes_a_part_and_its_whole_exchanged_for_one_measure_warns_once(
    dprk, tmp_path, monkeypatch
):
    """add-measure --part-of --in-exchange-for, and edit --part-of of a measure exchanged
    for what the whole is, made a part and its whole exchanged for one measure without a
    word. Each warns, as check does, and is recorded all the same; a later write that
    leaves it as it was says nothing of it."""
    _installment_and_its_release(dprk, monkeypatch)
    ledger = tmp_path / "dprk-ledger.toml"
    added = dprk("add-measure", "Installment 3", "--actor", "US", "--id", "inst-3",
                 "--part-of", "oil", "--in-exchange-for", "cap", "--date", "2025-04-01")  # fmt: skip
    assert (added.code, added.out, added.err) == (
        0,
        "inst-3\n",
        "inst-3: added as a part of oil; oil now implemented (intermediate) from 2025-03-01, "
        "minimal from 2025-04-01 (it was implemented (intermediate))\n"
        f"dprk: warning: {_both_exchanged('inst-3', '2025-04-01')}\n",
    )
    made = dprk("add-measure", "Installment 4", "--actor", "US", "--id", "inst-4",
                "--in-exchange-for", "cap", "--date", "2025-04-01")  # fmt: skip
    assert (made.code, made.err) == (0, "")
    joined = dprk("edit", "inst-4", "--part-of", "oil", "--date", "2025-05-01")
    assert (joined.code, joined.out, joined.err) == (
        0,
        "",
        "inst-4: edited on 2025-05-01 (part_of: (none) -> 'oil')\n"
        f"dprk: warning: {_both_exchanged('inst-4', '2025-05-01')}\n",
    )
    stored = {m["id"]: m for m in tomllib.loads(ledger.read_text(encoding="utf-8"))["measures"]}
    assert stored["cap"]["in_exchange_for"] == ["inst-3", "inst-4", "oil"]
    assert [(stored[i]["part_of"], stored[i]["in_exchange_for"]) for i in ("inst-3", "inst-4")] == [
        ("oil", ["cap"]),
        ("oil", ["cap"]),
    ]
    for args, said in (
        (("note", "inst-3", "second tranche", "--date", "2025-06-01"),
         "inst-3: note on 2025-06-01\n"),
        (("mark", "inst-4", "implemented", "--date", "2025-06-01"),
         "inst-4: implemented on 2025-06-01 (part of oil, now implemented (intermediate) "
         "from 2025-03-01, minimal from 2025-04-01, intermediate from 2025-06-01)\n"),
        (("mark", "cap", "agreed", "--date", "2025-06-02"), "cap: agreed on 2025-06-02\n"),
    ):  # fmt: skip
        later = dprk(*args)
        assert (later.code, later.err) == (0, said), args
    checked = dprk("check")
    assert (checked.code, checked.out) == (
        0,
        f"warning: {_both_exchanged('inst-3', '2025-04-01')} [exchanged-with-its-whole]\n"
        f"warning: {_both_exchanged('inst-4', '2025-05-01')} [exchanged-with-its-whole]\n"
        "0 errors, 2 warnings\n",
    )
    for part, day in (("inst-3", "2025-04-01"), ("inst-4", "2025-05-01")):
        assert dprk("unlink", part, "cap", "--date", day).code == 0
    assert dprk("check").out == "ok: no problems found\n"


def _file_problem(message: str) -> dict:
    """check's document of a ledger whose file is the one problem (`file`)."""
    return {
        "ok": False,
        "errors": 1,
        "warnings": 0,
        "problems": [
            {"severity": "error", "check": "file", "measure": None, "measures": [],
             "message": message}
        ],
    }  # fmt: skip


def test_check_of_a_ledger_file_missing_gives_its_document(dprk, tmp_path, monkeypatch):
    """`check --format json` of a ledger named that does not exist printed nothing on
    standard output (its error on standard error alone), where an empty or broken file
    gives the document with its `file` problem: a pipeline reading `.ok` got nothing. A
    file missing, a folder, one that cannot be opened, or none found is the file's
    problem as those are, in every format, with the same exit."""
    (tmp_path / "fold.toml").mkdir()
    told = {
        "nope.toml": "no such ledger; run 'dprk --ledger nope.toml init' to create it",
        "fold.toml": "is a folder, not a ledger file; name a file in it",
    }
    for name, said in told.items():
        result = dprk("--ledger", name, "check", "--format", "json")
        assert (result.code, result.err) == (1, ""), result.err
        assert json.loads(result.out) == _file_problem(said)
        table = dprk("--ledger", name, "check")
        assert (table.code, table.err) == (1, "")
        assert table.out == (
            f"error: {name}: {said} [file]\n"
            f"{name} cannot be read until this is mended; its rules are checked then\n"
            "1 error, 0 warnings\n"
        )
        rows = list(csv.DictReader(io.StringIO(dprk("--ledger", name, "check", "--format",
                                                    "csv").out)))  # fmt: skip
        assert [(r["check"], r["message"]) for r in rows] == [("file", said)]
        assert dprk("--ledger", name, "check", "--strict", "--format", "json").code == 1
        status = dprk("--ledger", name, "status", "--format", "json")  # (as it was)
        assert (status.code, status.out, status.err) == (1, "", f"dprk: error: {name}: {said}\n")
    # none found, in this folder or a parent
    result = dprk("check", "--format", "json")
    assert (result.code, result.err) == (1, "")
    assert json.loads(result.out) == _file_problem(
        "no dprk-ledger.toml here or in any parent folder; run 'dprk init' to create one (or "
        "name a ledger with --ledger PATH or DPRK_LEDGER)"
    )
    assert not (tmp_path / "dprk-ledger.toml").exists() and not (tmp_path / "nope.toml").exists()
    monkeypatch.setenv("DPRK_LEDGER", "nope.toml")
    result = dprk("check", "--format", "json")
    assert (result.code, result.err) == (1, "")
    assert json.loads(result.out) == _file_problem(
        "no such ledger; run 'dprk --ledger nope.toml init' to create it"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fold.toml"]


def test_check_of_a_ledger_it_may_not_read_gives_its_document(dprk, empty, monkeypatch):
    """A ledger the user may not read (simulated: root reads every file) is the file's
    problem in check's document, as one missing is."""
    from dprk_cli.store import fs as files

    before = empty.read_bytes()
    shutil.rmtree(empty.parent / ".dprk", ignore_errors=True)  # (the file read, not kept)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files, "open", refuse, raising=False)
    result = dprk("check", "--format", "json")
    assert (result.code, result.err) == (1, ""), result.err
    assert json.loads(result.out) == _file_problem("permission denied")
    monkeypatch.undo()
    assert empty.read_bytes() == before


def _doha_refuted(dprk) -> None:
    """The Doha exchange: the Taliban's counter-terrorism guarantees marked implemented on
    their own word, then refuted by the UN's monitors; the US withdrawal still agreed."""
    assert dprk("init", "--title", "Doha", "--party", "US", "--party", "Taliban").code == 0
    for args in (
        ["US withdraws all forces", "--actor", "US", "--id", "wd"],
        ["Taliban counter-terrorism guarantees", "--actor", "Taliban", "--id", "ct",
         "--in-exchange-for", "wd", "--category", "counter-terrorism"],
    ):  # fmt: skip
        result = dprk("add-measure", *args, "--status", "agreed", "--date", "2020-02-29")
        assert result.code == 0, result.err
    mark = ["mark", "ct", "implemented", "--date", "2020-03-01", "--note", "They comply"]
    assert dprk(*mark).code == 0
    verify = ["verify", "ct", "--by", "UN Monitoring Team", "--result", "refuted"]
    assert dprk(*verify, "--date", "2020-05-27").code == 0


def test_a_debt_for_a_refuted_action_says_it_stands_disputed(dprk, tmp_path):
    """Three users read the balance as the Taliban owed for guarantees the UN's monitors
    had refuted: `disputed` counts as acted at full extent, as documented, and the
    balance said nothing of it. The debt stands (the rule is kept), and each row whose
    action stands disputed on the day says so: the owed row of the refuted measure, and
    the owes row of what was traded for it."""
    _doha_refuted(dprk)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    table = dprk("balance", "--as-of", "2021-05-01")
    assert table.code == 0 and table.err == ""
    lines = table.out.splitlines()
    assert lines[lines.index("Owed: acted, while what it was exchanged for has not") + 1 :][:2] == [
        "party    measure  counterpart  since       days  action",
        "Taliban  ct       wd           2020-03-01   426  disputed",
    ]
    assert "US     wd       ct                   2020-03-01   426  disputed" in lines
    assert any(line.startswith("disputed: a verifier refuted the action") for line in lines)
    doc = json.loads(dprk("balance", "--as-of", "2021-05-01", "--format", "json").out)
    assert doc["parties"]["Taliban"]["owed"] == [
        {"measure": "ct", "counterpart": "wd", "since": "2020-03-01", "days": 426,
         "in_part": False, "disputed": True, "held_by": []}
    ]  # fmt: skip
    assert list(doc["parties"]["US"]["owes"][0])[-2:] == ["disputed", "held_by"]
    assert doc["parties"]["US"]["owes"][0]["disputed"] is True
    assert dprk("balance", "--as-of", "2021-05-01", "--format", "csv").out == (
        "party,direction,measure,counterpart,since,days,in_part,disputed,held_by\n"
        "US,owes,wd,ct,2020-03-01,426,false,true,\n"
        "Taliban,owed,ct,wd,2020-03-01,426,false,true,\n"
    )
    # before the refutation, the action stood unrefuted: no word, and false
    early = dprk("balance", "--as-of", "2020-04-01")
    assert "disputed" not in early.out and "action" not in early.out
    assert dprk("balance", "--as-of", "2020-04-01", "--format", "tsv").out.splitlines() == [
        "party\tdirection\tmeasure\tcounterpart\tsince\tdays\tin_part\tdisputed\theld_by",
        "US\towes\twd\tct\t2020-03-01\t31\tfalse\tfalse\t",
        "Taliban\towed\tct\twd\t2020-03-01\t31\tfalse\tfalse\t",
    ]
    # today's balance, kept beside the ledger and read back, says it too
    for _ in range(2):
        rows = dprk("balance", "--format", "jsonl").out.splitlines()
        assert [json.loads(row)["disputed"] for row in rows] == [True, True]
    yearly = dprk("balance", "--yearly", "--as-of", "2021-05-01", "--format", "csv")
    assert yearly.out.splitlines()[0].endswith(",in_part,disputed,held_by")
    assert yearly.out.splitlines()[1:] == [
        "2020,2020-12-31,US,owes,wd,ct,2020-03-01,305,false,true,",
        "2020,2020-12-31,Taliban,owed,ct,wd,2020-03-01,305,false,true,",
        "2021,2021-05-01,US,owes,wd,ct,2020-03-01,426,false,true,",
        "2021,2021-05-01,Taliban,owed,ct,wd,2020-03-01,426,false,true,",
    ]
    assert ledger.read_bytes() == before


def test_the_scorecard_counts_the_commitments_whose_action_stands_disputed(dprk, tmp_path):
    """The refuted guarantees scored 100 with no marker. The score stays (a disputed
    measure counts as acted at full extent, as documented); each group says how many of
    its commitments stand disputed on the day, as the last column and key."""
    _doha_refuted(dprk)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    card = dprk("scorecard", "--as-of", "2021-05-01", "--by", "category")
    assert card.code == 0 and card.err == ""
    assert card.out.splitlines()[:4] == [
        "Scorecard on 2021-05-01, by category",
        "category           commitments  none  min  mid  full  score              disputed",
        "(no category)                1     1    0    0     0      0  ░░░░░░░░░░         0",
        "counter-terrorism            1     0    0    0     1    100  ██████████         1",
    ]
    assert "disputed: commitments whose action a verifier refuted" in card.out
    assert dprk("scorecard", "--as-of", "2021-05-01", "--format", "csv").out == (
        "name,measures,not_initiated,minimal,intermediate,full,score,disputed,late,overdue\n"
        "US,1,1,0,0,0,0,0,0,0\nTaliban,1,0,0,0,1,100,1,0,0\n"
    )
    doc = json.loads(dprk("scorecard", "--as-of", "2021-05-01", "--format", "json").out)
    taliban = doc["groups"][1]
    assert (list(taliban)[-3], taliban["disputed"], taliban["score"]) == ("disputed", 1, 100)
    yearly = dprk("scorecard", "--yearly", "--as-of", "2021-05-01", "--format", "csv")
    assert yearly.out.splitlines() == [
        "name,year,measures,not_initiated,minimal,intermediate,full,score,disputed,late,overdue",
        "US,2020,1,1,0,0,0,0,0,0,0",
        "US,2021,1,1,0,0,0,0,0,0,0",
        "Taliban,2020,1,0,0,0,1,100,1,0,0",
        "Taliban,2021,1,0,0,0,1,100,1,0,0",
    ]
    # before the refutation: none disputed, and the table has no such column
    early = dprk("scorecard", "--as-of", "2020-04-01")
    assert "disputed" not in early.out
    assert (
        dprk("scorecard", "--as-of", "2020-04-01", "--format", "csv").out.splitlines()[2]
        == "Taliban,1,0,0,0,1,100,0,0,0"
    )
    assert ledger.read_bytes() == before


def test_the_report_says_what_stands_disputed_in_the_balance_and_the_scores(dprk, tmp_path):
    """The report's "how far each side went" said the Taliban kept 100% of what the UN's
    monitors had refuted, and their card said they were owed for it, without a word."""
    _doha_refuted(dprk)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    assert dprk("report", "--as-of", "2021-05-01", "--output", "page.html").code == 0
    page = (tmp_path / "page.html").read_text(encoding="utf-8")
    assert (
        '<b>Owed</b>: <span class="id">ct</span> for <span class="id">wd</span> '
        "(disputed: a verifier refuted it) (426 days)."
    ) in page
    scores = page[page.index('<h2 id="scorecard">') :]
    assert '<th scope="col" class="num">disputed</th>' in scores
    taliban = scores[scores.index("<tr><td>Taliban</td>") :]
    assert taliban.split("</tr>")[0].endswith('<td class="num">1</td>')
    assert "Disputed: the commitments whose action a verifier refuted" in scores
    assert (
        '<b>Owes</b>: <span class="id">wd</span> for <span class="id">ct</span> '
        '(<span class="id">ct</span> disputed: a verifier refuted it) (426 days).'
    ) in page
    assert dprk("report", "--as-of", "2020-04-01", "--output", "early.html").code == 0
    early = (tmp_path / "early.html").read_text(encoding="utf-8")
    assert "(disputed:" not in early and 'class="num">disputed</th>' not in early
    assert ledger.read_bytes() == before
