"""How far each side went: extent, parts, the scorecard, and what-if (--assume)."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import shlex
import shutil
from datetime import date, timedelta

import pytest

from dprk_cli.clock import today

# --- extent -----------------------------------------------------------------------------------


def measure(dprk, ident: str) -> dict:
    return json.loads(dprk("show", ident, "--format", "json").out)


def _refused(dprk, ledger, args: tuple[str, ...], said: str) -> None:
    """`args` is refused (exit 1) with a message starting `said`; the ledger is as it was."""
    before = ledger.read_bytes()
    result = dprk(*args)
    assert result.code == 1
    assert result.err.startswith(said)
    assert ledger.read_bytes() == before


def on(dprk, ident: str, day: str) -> dict:
    doc = json.loads(dprk("status", "--as-of", day, "--format", "json").out)
    return next(m for m in doc["measures"] if m["id"] == ident)


def test_extent_is_replayed_like_the_status(dprk, empty):
    assert dprk("add-measure", "Dismantle Sohae", "--id", "sohae", "--actor", "DPRK",
                "--date", "2018-06-12").code == 0  # fmt: skip
    result = dprk("mark", "sohae", "implemented", "--extent", "minimal", "--date", "2018-07-23")
    assert result.err == "sohae: implemented (minimal) on 2018-07-23\n"
    result = dprk(
        "mark", "sohae", "implemented", "--extent", "intermediate", "--date", "2018-08-10"
    )
    assert result.err == (
        "sohae: implemented (intermediate) on 2018-08-10; implemented since 2018-07-23\n"
    )
    assert dprk("verify", "sohae", "--by", "38 North", "--date", "2018-08-20").code == 0
    m = measure(dprk, "sohae")
    assert (m["status"], m["extent"]) == ("verified", "intermediate")  # a finding keeps it
    assert on(dprk, "sohae", "2018-07-01")["extent"] == "not-initiated"
    assert on(dprk, "sohae", "2018-07-31")["extent"] == "minimal"
    assert on(dprk, "sohae", "2018-08-15")["extent"] == "intermediate"
    # carried further: a new claim, for a new finding
    assert dprk("mark", "sohae", "implemented", "--date", "2019-03-01").code == 0
    m = measure(dprk, "sohae")
    assert (m["status"], m["extent"]) == ("implemented", "full")
    assert dprk("mark", "sohae", "reversed", "--date", "2019-03-08").code == 0
    assert measure(dprk, "sohae")["extent"] == "not-initiated"
    log = json.loads(dprk("log", "sohae", "--format", "json").out)
    assert [e["extent"] for e in log if e["event"] == "status"] == [
        "minimal",
        "intermediate",
        "full",  # (the default, not written in the file, said beside the others)
        None,
    ]
    events = json.loads(dprk("timeline", "--format", "json").out)["events"]
    assert [e["extent"] for e in events if e["status"] == "implemented"][:2] == [
        "minimal",
        "intermediate",
    ]
    row = next(line for line in dprk("status").lines if line.startswith("sohae"))
    assert "reversed" in row
    assert "implemented (minimal)" in dprk("log", "sohae").out


@pytest.mark.parametrize("minimal_first", [True, False])
def test_an_implementation_in_full_after_one_in_part_says_full_read_alone(
    dprk, tmp_path, tick, minimal_first
):
    """The heavy fuel oil of the Agreed Framework: a first delivery in part, then in full.
    `log`, `timeline` and their JSON say the second step reached full, as the first says
    minimal (read alone, a bare 'implemented' under 'implemented (minimal)' does not),
    and so does `mark`'s line, in either order of entry; the file is written as before,
    full the default it leaves out."""
    assert dprk("init", "--party", "DPRK", "--party", "US").code == 0
    assert dprk("add-measure", "HFO", "--actor", "US", "--id", "hfo",
                "--date", "1994-10-21").code == 0  # fmt: skip
    minimal = ("mark", "hfo", "implemented", "--extent", "minimal", "--date", "1995-01-18")
    full = ("mark", "hfo", "implemented", "--extent", "full", "--date", "1996-01-01")
    for args in (minimal, full) if minimal_first else (full, minimal):
        tick()
        result = dprk(*args)
        assert result.code == 0, result.err
    ledger = tmp_path / "dprk-ledger.toml"
    written = ledger.read_bytes()
    assert b'extent = "full"' not in written and b"(full)" not in written
    assert written.count(b'detail = "implemented"\n') == 1
    # the other order: the full step typed after a later minimal one says it too
    tick()
    later = dprk("mark", "hfo", "implemented", "--extent", "minimal", "--date", "1997-01-01")
    assert later.code == 0
    tick()
    again = dprk("mark", "hfo", "implemented", "--extent", "full", "--date", "1996-06-01")
    assert (again.code, again.out) == (0, "")
    assert again.err.startswith("hfo: recorded implemented (full) on 1996-06-01; hfo stays ")
    assert dprk("undo").code == 0 and dprk("undo").code == 0
    assert ledger.read_bytes() == written

    log = dprk("log", "hfo")
    assert log.code == 0
    assert [line.split("  ")[-1].strip() for line in log.lines[2:]] == [
        "created as proposed",
        "implemented (minimal)",
        "implemented (full)",
    ]
    entries = json.loads(dprk("log", "hfo", "--format", "json").out)
    assert [(e["extent"], e["detail"]) for e in entries] == [
        (None, "created as proposed"),
        ("minimal", "implemented (minimal)"),
        ("full", "implemented (full)"),
    ]
    timeline = dprk("timeline")
    assert timeline.code == 0
    assert "1996-01-01        ●               hfo      implemented (full)" in timeline.out
    events = json.loads(dprk("timeline", "--format", "json").out)["events"]
    assert [(e["extent"], e["detail"]) for e in events][1:] == [
        ("minimal", "implemented (minimal)"),
        ("full", "implemented (full)"),
    ]
    assert ledger.read_bytes() == written  # (read, not written)


def test_show_and_status_json_word_a_step_in_full_as_log_does(dprk, tmp_path, tick):
    """A step in full after one in part read 'implemented', extent null, in `show` and
    `status` JSON while `log`, the timeline and the `show` table said 'implemented
    (full)': the one record words it as they do; `export` keeps the file's words."""
    for args in (
        ("init", "--party", "A", "--party", "B"),
        ("add-measure", "M", "--actor", "A", "--id", "m", "--status", "agreed",
         "--date", "2000-01-01"),
        ("mark", "m", "implemented", "--extent", "minimal", "--date", "2000-02-01"),
        ("mark", "m", "implemented", "--date", "2000-03-01"),
    ):  # fmt: skip
        tick()
        assert dprk(*args).code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    written = ledger.read_bytes()
    assert written.count(b'detail = "implemented"\n') == 1 and b"(full)" not in written
    said = [("agreed", None, "created as agreed"), ("implemented", "minimal",
            "implemented (minimal)"), ("implemented", "full", "implemented (full)")]  # fmt: skip
    log = dprk("log", "m", "--format", "json")
    assert log.code == 0
    assert [(e["status"], e["extent"], e["detail"]) for e in json.loads(log.out)] == said
    show = dprk("show", "m", "--format", "json")
    assert show.code == 0
    history = json.loads(show.out)["history"]
    assert [(e["status"], e["extent"], e["detail"]) for e in history] == said
    status = dprk("status", "--format", "json")
    assert status.code == 0
    history = json.loads(status.out)["measures"][0]["history"]
    assert [(e["status"], e["extent"], e["detail"]) for e in history] == said
    table = dprk("show", "m")
    assert table.code == 0 and "implemented (full)" in table.out
    exported = dprk("export", "--format", "json")
    assert exported.code == 0
    kept = json.loads(exported.out)["measures"][0]["history"][2]
    assert (kept["extent"], kept["detail"]) == (None, "implemented")
    assert ledger.read_bytes() == written  # (read, not written)


def test_full_date_is_the_day_a_measure_came_to_be_done_in_full_on_the_day_viewed(dprk, empty):
    """`full_date` in `status` and `show` (JSON, and `status`'s CSV) is the day a measure
    last came to be carried out in full, as of the day viewed: the step in full (entered
    before the step in part that came first), a finding since moving it not; for one made
    of parts, the day its parts' steps brought it to the full extent (the last part
    entered first); null when not done in full: pending, done in part, and reversed (undone:
    a later implementation in full is a new day)."""
    for args in (
        ["add-measure", "Plain", "--actor", "DPRK", "--id", "plain", "--status", "agreed",
         "--date", "2018-05-01"],
        ["mark", "plain", "implemented", "--date", "2018-06-01"],  # (the later step first)
        ["mark", "plain", "implemented", "--extent", "minimal", "--date", "2018-05-10"],
        ["verify", "plain", "--by", "IAEA", "--date", "2018-06-05"],
        ["add-measure", "Undone", "--actor", "US", "--id", "undone", "--status", "agreed",
         "--date", "2018-05-01"],
        ["mark", "undone", "implemented", "--date", "2018-05-05"],
        ["mark", "undone", "reversed", "--date", "2018-07-01"],
        ["add-measure", "Redone", "--actor", "US", "--id", "redone", "--status", "agreed",
         "--date", "2018-05-01"],
        ["mark", "redone", "implemented", "--date", "2018-05-05"],
        ["mark", "redone", "reversed", "--date", "2018-07-01"],
        ["mark", "redone", "implemented", "--date", "2018-08-01"],
        ["add-measure", "Whole", "--actor", "ROK", "--id", "whole", "--date", "2018-05-01"],
        ["add-measure", "One", "--actor", "ROK", "--id", "one", "--part-of", "whole",
         "--status", "agreed", "--date", "2018-05-01"],
        ["add-measure", "Two", "--actor", "ROK", "--id", "two", "--part-of", "whole",
         "--status", "agreed", "--date", "2018-05-01"],
        ["mark", "two", "implemented", "--date", "2018-06-20"],  # (the last part first)
        ["mark", "one", "implemented", "--date", "2018-06-10"],
        ["add-measure", "Open", "--actor", "DPRK", "--id", "open", "--date", "2018-05-01"],
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    before = empty.read_bytes()
    expected = {
        "2018-05-31": {"plain": None, "undone": "2018-05-05", "whole": None, "one": None},
        "2018-06-01": {"plain": "2018-06-01", "undone": "2018-05-05", "whole": None},
        "2018-06-15": {"plain": "2018-06-01", "one": "2018-06-10", "whole": None},
        "2018-06-20": {"whole": "2018-06-20", "one": "2018-06-10", "two": "2018-06-20"},
        "2018-07-01": {"undone": None, "redone": None, "plain": "2018-06-01"},
        None: {
            "one": "2018-06-10",
            "open": None,
            "plain": "2018-06-01",
            "redone": "2018-08-01",
            "two": "2018-06-20",
            "undone": None,
            "whole": "2018-06-20",
        },
    }
    for day, full in expected.items():
        as_of = ["--as-of", day] if day else []
        doc = dprk("status", *as_of, "--format", "json")
        assert (doc.code, doc.err) == (0, "")
        found = {m["id"]: m["full_date"] for m in json.loads(doc.out)["measures"]}
        assert {i: found[i] for i in full} == full, day
        shown = json.loads(dprk("show", *full, *as_of, "--format", "json").out)
        assert {m["id"]: m["full_date"] for m in shown} == full, day
        flat = dprk("status", *as_of, "--format", "csv").out
        rows = {r["id"]: r["full_date"] or None for r in csv.DictReader(io.StringIO(flat))}
        assert {i: rows[i] for i in full} == full, day
    plain = measure(dprk, "plain")
    assert (plain["status"], plain["status_date"], plain["full_date"]) == (
        "verified",
        "2018-06-05",
        "2018-06-01",
    )
    # read anew (no cache), a measure made of parts is dated as its parts give it
    shutil.rmtree(empty.parent / ".dprk")
    assert measure(dprk, "whole")["full_date"] == "2018-06-20"
    # as if: done in full since the assumed day, or no longer
    doc = json.loads(dprk("status", "--assume", "open=implemented", "--assume",
                          "plain=reversed", "--format", "json").out)  # fmt: skip
    assumed = {m["id"]: m["full_date"] for m in doc["measures"]}
    assert (assumed["open"], assumed["plain"]) == (today().isoformat(), None)
    assert empty.read_bytes() == before


def test_extent_shows_in_the_tables(dprk, korea):
    row = next(line for line in dprk("status").lines if line.startswith("tongchang"))
    assert " mid " in row
    assert "extent           intermediate" in dprk("show", "tongchang-ri-dismantlement").out


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["mark", "second-summit", "agreed", "--extent", "full"], 2, "--extent goes with"),
        (["mark", "second-summit", "implemented", "--extent", "half"], 2, "'half' is not one of"),
        (
            [
                "mark",
                "tongchang-ri-dismantlement",
                "implemented",
                "--extent",
                "intermediate",
                "--date",
                "2018-07-23",
            ],
            1,
            "already implemented (intermediate) on 2018-07-23",
        ),
    ],
)
def test_extent_refusals(dprk, korea, args, code, words):
    before = korea.read_bytes()
    result = dprk(*args)
    assert result.code == code and words in result.err, result.err
    assert korea.read_bytes() == before


def test_the_tables_short_extent_words_are_taken_for_the_full_ones(
    dprk, empty, tmp_path, monkeypatch
):
    """`status` shows 'min' and 'mid': copied from the table, they name the extent, which
    the ledger keeps in its full word, byte for byte as if typed so."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert dprk("add-measure", "Dismantle Sohae", "--id", "sohae", "--actor", "DPRK",
                "--date", "2018-06-12").code == 0  # fmt: skip
    long = tmp_path / "long.toml"
    shutil.copy(empty, long)
    result = dprk("mark", "sohae", "implemented", "--extent", "mid", "--date", "2018-07-23")
    assert (result.code, result.err) == (0, "sohae: implemented (intermediate) on 2018-07-23\n")
    assert dprk("--ledger", long, "mark", "sohae", "implemented", "--extent", "intermediate",
                "--date", "2018-07-23").code == 0  # fmt: skip
    assert empty.read_bytes() == long.read_bytes()
    assert 'extent = "intermediate"' in empty.read_text()
    assert " mid " in next(line for line in dprk("status").lines if line.startswith("sohae"))
    # add-measure, --assume and an import's row take them too, in any case
    result = dprk("add-measure", "Open a liaison office", "--id", "office", "--actor", "US",
                  "--status", "implemented", "--extent", "MIN", "--date", "2018-06-12")  # fmt: skip
    assert result.code == 0 and measure(dprk, "office")["extent"] == "minimal"
    assumed = dprk("status", "--assume", "office=implemented:mid", "--format", "json")
    assert assumed.code == 0 and assumed.err == ""
    doc = json.loads(assumed.out)
    assert doc["assumed"] == ["office=implemented:intermediate"]
    assert next(m for m in doc["measures"] if m["id"] == "office")["extent"] == "intermediate"
    (tmp_path / "rows.csv").write_text(
        "id,title,actor,status,extent\nhotline,Open a hotline,DPRK,implemented,Mid\n"
    )
    assert dprk("import", "rows.csv").code == 0
    assert measure(dprk, "hotline")["extent"] == "intermediate"
    # a word neither full nor short is refused with the choices, the ledger untouched
    before = empty.read_bytes()
    result = dprk("mark", "sohae", "implemented", "--extent", "mod")
    assert result.code == 2
    assert "'mod' is not one of 'minimal', 'intermediate', 'full'" in result.err
    result = dprk("mark", "sohae", "implemented", "--extent", "minimul")
    assert result.code == 2 and "(did you mean 'minimal'?)" in result.err
    assert empty.read_bytes() == before
    assert "--extent <minimal|intermediate|full|min|mid>" in dprk("mark", "--help").out


# --- parts: the Six-Party disablement of Yongbyon ---------------------------------------------


def six_party(dprk) -> None:
    """Second-phase actions (3 October 2007): DPRK disables the Yongbyon facilities in 11
    agreed steps; by August 2008, 8 were done. The other parties owed heavy fuel oil."""
    assert dprk("init", "--title", "Six-Party Talks", "--party", "DPRK", "--party", "US",
                "--party", "China").code == 0  # fmt: skip
    assert dprk("add-measure", "DPRK disables the Yongbyon nuclear facilities", "--id",
                "disablement", "--actor", "DPRK", "--status", "agreed", "--date",
                "2007-10-03").code == 0  # fmt: skip
    for n in range(1, 12):
        assert dprk("add-measure", f"Disablement step {n}", "--id", f"step-{n:02d}", "--actor",
                    "DPRK", "--status", "agreed", "--part-of", "disablement", "--date",
                    "2007-10-03").code == 0  # fmt: skip
    for n in range(1, 9):
        day = f"2008-0{min(n, 6)}-1{n % 10}"
        assert dprk("mark", f"step-{n:02d}", "implemented", "--date", day).code == 0
    assert dprk("add-measure", "DPRK declares its nuclear programme", "--id", "declaration",
                "--actor", "DPRK", "--status", "agreed", "--date", "2007-10-03").code == 0  # fmt: skip
    assert dprk("mark", "declaration", "implemented", "--date", "2008-06-26").code == 0
    assert dprk("add-measure", "Deliver heavy fuel oil", "--id", "hfo", "--actor", "US",
                "--status", "agreed", "--in-exchange-for", "disablement", "--date",
                "2007-10-03").code == 0  # fmt: skip
    assert dprk("mark", "hfo", "implemented", "--extent", "intermediate", "--date",
                "2008-07-31").code == 0  # fmt: skip


def test_a_measure_made_of_parts_takes_status_and_extent_from_them(dprk, tmp_path):
    six_party(dprk)
    parent = measure(dprk, "disablement")
    assert (parent["status"], parent["extent"]) == ("implemented", "intermediate")  # 8 of 11
    assert parent["parts"] == [f"step-{n:02d}" for n in range(1, 12)]
    assert on(dprk, "disablement", "2007-12-31")["extent"] == "not-initiated"
    assert on(dprk, "disablement", "2008-01-31")["extent"] == "minimal"  # 1 of 11
    assert on(dprk, "disablement", "2008-06-30")["extent"] == "intermediate"
    for n in range(9, 12):
        assert dprk("mark", f"step-{n:02d}", "implemented", "--date", "2008-10-01").code == 0
    assert measure(dprk, "disablement")["extent"] == "full"
    for n in range(1, 12):
        dprk("verify", f"step-{n:02d}", "--by", "US team", "--date", "2008-11-01")
    assert measure(dprk, "disablement")["status"] == "verified"
    assert json.loads(dprk("check", "--format", "json").out)["errors"] == 0


@pytest.mark.parametrize("cold", [False, True], ids=["kept", "read-anew"])
def test_a_whole_whose_parts_all_acted_one_only_in_part_is_not_full(dprk, tmp_path, cold):
    """DRC-Rwanda: the FDLR's neutralisation read full once both its parts had acted,
    its operations only minimally, and `balance` dropped the rest the DRC owed. Every
    part acted, one in part: intermediate, in every view, until that part is done in
    full, from that day (--as-of before and after)."""
    ledger = tmp_path / "dprk-ledger.toml"
    _entered(
        dprk,
        ["init", "--party", "DRC", "--party", "Rwanda"],
        ["add-measure", "Neutralise FDLR", "--actor", "DRC", "--id", "w", "--date", "2025-06-27"],
        ["add-measure", "CONOPS", "--actor", "DRC", "--id", "p1", "--part-of", "w",
         "--date", "2025-06-27"],
        ["add-measure", "Operations", "--actor", "DRC", "--id", "p2", "--part-of", "w",
         "--date", "2025-06-27"],
        ["add-measure", "Lift sanctions", "--actor", "Rwanda", "--id", "r",
         "--in-exchange-for", "w", "--date", "2025-06-27"],
        ["mark", "r", "implemented", "--date", "2025-07-01"],
        ["mark", "p1", "implemented", "--date", "2025-08-01"],
    )  # fmt: skip
    result = dprk("mark", "p2", "implemented", "--extent", "minimal", "--date", "2025-10-01")
    assert (result.code, result.out) == (0, "")
    assert result.err == (
        "p2: implemented (minimal) on 2025-10-01 (part of w, still implemented (intermediate))\n"
    )
    written = ledger.read_bytes()
    block = written[written.index(b'id = "w"') :]
    assert b'status = "implemented"\nextent = "intermediate"\n' in block
    if cold:
        shutil.rmtree(tmp_path / ".dprk")

    w = measure(dprk, "w")
    assert (w["status"], w["extent"], w["status_date"]) == ("implemented", "intermediate",
                                                            "2025-08-01")  # fmt: skip
    row = next(line for line in dprk("status", "-f", "csv").lines if line.startswith("w,"))
    assert row.split(",")[4:7] == ["implemented", "intermediate", "2025-08-01"]
    assert "extent           intermediate" in dprk("show", "w").out
    balance = dprk("balance", "--format", "json")
    assert balance.code == 0
    owes = json.loads(balance.out)["parties"]["DRC"]["owes"]
    assert [(o["measure"], o["counterpart"], o["since"], o["in_part"]) for o in owes] == [
        ("w", "r", "2025-07-01", True)
    ]
    events = json.loads(dprk("timeline", "--format", "json").out)["events"]
    assert [(e["date"], e["status"], e["extent"]) for e in events if e["event"] == "parts"] == [
        ("2025-08-01", "implemented", "intermediate")  # (p2 in part moves it no further)
    ]
    assert dprk("check").code == 0
    assert ledger.read_bytes() == written  # (read, not written)

    # the rest carried out: full from that day, and the debt closed
    result = dprk("mark", "p2", "implemented", "--date", "2026-02-01")
    assert result.code == 0
    assert result.err == (
        "p2: implemented in full on 2026-02-01; implemented since 2025-10-01"
        " (part of w, now implemented (intermediate) from 2025-08-01, in full from 2026-02-01)\n"
    )
    assert b'extent = "intermediate"' not in ledger.read_bytes()
    assert on(dprk, "w", "2026-01-31")["extent"] == "intermediate"
    assert on(dprk, "w", "2026-02-01")["extent"] == "full"
    assert measure(dprk, "w")["extent"] == "full"
    assert json.loads(dprk("balance", "--format", "json").out)["parties"]["DRC"]["owes"] == []
    events = json.loads(dprk("timeline", "--format", "json").out)["events"]
    assert [(e["date"], e["extent"]) for e in events if e["event"] == "parts"] == [
        ("2025-08-01", "intermediate"),
        ("2026-02-01", "full"),
    ]
    early = json.loads(dprk("balance", "--as-of", "2026-01-31", "--format", "json").out)
    assert [o["measure"] for o in early["parties"]["DRC"]["owes"]] == ["w"]


def test_show_says_how_far_each_part_went_beside_its_status(dprk, tmp_path):
    """`show` of a whole listed 'p2 (implemented)' for a part carried out only minimally,
    as if done in full: each part's status is said with its extent, as `log` says a step
    ('implemented (minimal)'), and the JSON gives each part's status and extent."""
    ledger = tmp_path / "dprk-ledger.toml"
    _entered(
        dprk,
        ["init", "--party", "DRC", "--party", "Rwanda"],
        ["add-measure", "Neutralise FDLR", "--actor", "DRC", "--id", "w", "--date", "2025-06-27"],
        ["add-measure", "CONOPS", "--actor", "DRC", "--id", "p1", "--part-of", "w",
         "--date", "2025-06-27"],
        ["add-measure", "Operations", "--actor", "DRC", "--id", "p2", "--part-of", "w",
         "--date", "2025-06-27"],
        ["add-measure", "Screening", "--actor", "DRC", "--id", "p3", "--part-of", "w",
         "--date", "2025-06-27"],
        ["mark", "p1", "implemented", "--date", "2025-08-01"],
        ["mark", "p2", "implemented", "--extent", "minimal", "--date", "2025-10-01"],
    )  # fmt: skip
    before = ledger.read_bytes()
    result = dprk("show", "w")
    assert (result.code, result.err) == (0, "")
    assert (
        "parts            p1 (implemented); p2 (implemented (minimal)); p3 (proposed)\n"
        in result.out
    )
    result = dprk("show", "w", "--format", "json")
    assert result.code == 0
    shown = json.loads(result.out)
    assert shown["parts"] == ["p1", "p2", "p3"]
    assert shown["part_states"] == [
        {"id": "p1", "status": "implemented", "extent": "full"},
        {"id": "p2", "status": "implemented", "extent": "minimal"},
        {"id": "p3", "status": "proposed", "extent": "not-initiated"},
    ]
    assert measure(dprk, "p1")["part_states"] == []
    assert ledger.read_bytes() == before


def _as_an_earlier_dprk_wrote_it(dprk, ledger) -> bytes:
    """w, made of p1 (done) and p2 (done only in part), exchanged for r (done), as a dprk
    from before 6 December 2026 wrote it: w full once both parts had acted, its extent
    line left out."""
    _entered(
        dprk,
        ["init", "--party", "A", "--party", "B"],
        ["add-measure", "W", "--actor", "A", "--id", "w", "--date", "2020-01-01"],
        ["add-measure", "P1", "--actor", "A", "--id", "p1", "--part-of", "w",
         "--date", "2020-01-01"],
        ["add-measure", "P2", "--actor", "A", "--id", "p2", "--part-of", "w",
         "--date", "2020-01-01"],
        ["add-measure", "R", "--actor", "B", "--id", "r", "--in-exchange-for", "w",
         "--date", "2020-01-01"],
        ["mark", "r", "implemented", "--date", "2020-01-15"],
        ["mark", "p1", "implemented", "--date", "2020-02-01"],
        ["mark", "p2", "implemented", "--extent", "minimal", "--date", "2020-03-01"],
    )  # fmt: skip
    now = ledger.read_bytes()
    stored = b'id = "w"\ntitle = "W"\nactor = "A"\nstatus = "implemented"\n'
    assert now.count(stored + b'extent = "intermediate"\n') == 1
    earlier = now.replace(stored + b'extent = "intermediate"\n', stored)
    ledger.write_bytes(earlier)
    return earlier


EARLIER_EXTENT = (
    "warning: w: extent 'full' in the file was written by an earlier dprk, which counted a "
    "whole full once every part had acted; p2 acted only in part, so it is 'intermediate'; "
    'the next change to w or its parts writes it (or set extent = "intermediate" in the '
    "file) [extent-before]\n0 errors, 1 warning\n"
)


@pytest.mark.parametrize("cold", [False, True], ids=["kept", "read-anew"])
@pytest.mark.parametrize("change", [("note", "w", "Seen"), ("mark", "p1", "implemented",
                                                           "--note", "Seen")])  # fmt: skip
def test_a_whole_an_earlier_dprk_stored_full_by_a_part_done_in_part_reads_as_its_parts_say(
    dprk, tmp_path, cold, change
):
    """A ledger an earlier dprk wrote holds w full: both its parts had acted, p2 only in
    part. Read now, `check` said it was an error, every read warned of a status set by
    hand, and `balance` dropped the rest A owes. No hand edit: `check` warns, every view
    reads w as its parts give it, without a word; a change to w or a part writes it."""
    ledger = tmp_path / "dprk-ledger.toml"
    earlier = _as_an_earlier_dprk_wrote_it(dprk, ledger)
    if cold:
        shutil.rmtree(tmp_path / ".dprk")
    for _ in range(2):  # (as read, then as kept)
        result = dprk("check")
        assert (result.code, result.out, result.err) == (0, EARLIER_EXTENT, "")
        result = dprk("status", "--format", "json")
        assert (result.code, result.err) == (0, "")
        w = next(m for m in json.loads(result.out)["measures"] if m["id"] == "w")
        assert (w["status"], w["extent"], w["status_date"]) == ("implemented", "intermediate",
                                                                "2020-02-01")  # fmt: skip
        result = dprk("show", "w")
        assert (result.code, result.err) == (0, "")
        assert "extent           intermediate" in result.out
        balance = dprk("balance", "--format", "json")
        assert (balance.code, balance.err) == (0, "")
        owes = json.loads(balance.out)["parties"]["A"]["owes"]
        assert [(o["measure"], o["counterpart"], o["in_part"]) for o in owes] == [("w", "r", True)]
        exported = dprk("export", "--format", "json")
        assert (exported.code, exported.err) == (0, "")
        kept = {m["id"]: m["extent"] for m in json.loads(exported.out)["measures"]}
        assert kept == {"p1": "full", "p2": "minimal", "r": "full", "w": "intermediate"}
        scores = json.loads(dprk("scorecard", "--format", "json").out)
        assert scores == json.loads(dprk("scorecard", "--format", "json", "--as-of",
                                         today().isoformat()).out)  # fmt: skip
    assert ledger.read_bytes() == earlier  # (read, not written)

    result = dprk(*change, "--date", "2020-04-01")
    assert (result.code, result.out) == (0, "")
    written = ledger.read_bytes()
    assert written.count(b'extent = "intermediate"\n') == 1
    block = written[written.index(b'id = "w"') :]
    assert block.startswith(
        b'id = "w"\ntitle = "W"\nactor = "A"\nstatus = "implemented"\nextent = "intermediate"\n'
    )
    result = dprk("check")
    assert (result.code, result.out, result.err) == (0, "ok: no problems found\n", "")
    if cold:
        shutil.rmtree(tmp_path / ".dprk")
        assert dprk("check").out == "ok: no problems found\n"


def test_a_write_elsewhere_leaves_a_whole_an_earlier_dprk_stored_as_it_was(dprk, tmp_path):
    """A change to a measure that is neither the whole nor a part of it is not refused
    for it, nor writes it: the warning stands until the whole or a part is changed."""
    ledger = tmp_path / "dprk-ledger.toml"
    earlier = _as_an_earlier_dprk_wrote_it(dprk, ledger)
    result = dprk("note", "r", "Seen", "--date", "2020-04-01")
    assert (result.code, result.out, result.err) == (0, "", "r: note on 2020-04-01\n")
    written = ledger.read_bytes()
    assert written[written.index(b'id = "w"') :] == earlier[earlier.index(b'id = "w"') :]
    assert dprk("check").out == EARLIER_EXTENT


def test_a_whole_set_full_by_hand_its_parts_short_of_every_one_acted_is_still_an_error(
    dprk, tmp_path
):
    """Set full by hand while one of its two parts has not acted: no earlier dprk wrote
    that (it counted a whole full only once every part had acted), so it is an error."""
    ledger = tmp_path / "dprk-ledger.toml"
    _entered(
        dprk,
        ["init", "--party", "A", "--party", "B"],
        ["add-measure", "W", "--actor", "A", "--id", "w", "--date", "2020-01-01"],
        ["add-measure", "P1", "--actor", "A", "--id", "p1", "--part-of", "w",
         "--date", "2020-01-01"],
        ["add-measure", "P2", "--actor", "A", "--id", "p2", "--part-of", "w",
         "--date", "2020-01-01"],
        ["mark", "p1", "implemented", "--extent", "minimal", "--date", "2020-02-01"],
    )  # fmt: skip
    text = ledger.read_bytes()
    assert text.count(b'extent = "intermediate"\n') == 1
    ledger.write_bytes(text.replace(b'extent = "intermediate"\n', b""))
    result = dprk("check")
    assert (result.code, result.out) == (
        1,
        "error: w: extent is 'full' but its parts give 'intermediate'; set extent = "
        '"intermediate" in the file (dprk derives it from the parts) [status-history]\n'
        "1 error, 0 warnings\n",
    )
    result = dprk("status", "--format", "json")
    assert "measure 'w' has a status its history does not give (a hand edit?)" in result.err
    assert measure(dprk, "w")["extent"] == "full"  # (set by hand: it stands for today)


def test_a_whole_s_extent_deleted_by_hand_is_named_in_one_plain_sentence(dprk, empty):
    """A whole's `extent` line deleted by hand: check's advice read 'set extent =
    "intermediate" in the file, (dprk derives it from the parts)', a stray comma before
    the parenthesis. Followed, the advice mends it."""
    assert dprk("add-measure", "Dismantle Sohae", "--actor", "DPRK", "--id", "sohae",
                "--status", "agreed", "--date", "2018-06-12").code == 0  # fmt: skip
    for ident, status, day in (("stand", "implemented", "2018-07-23"),
                               ("platform", "agreed", "2018-09-19")):  # fmt: skip
        added = dprk("add-measure", ident.title(), "--actor", "DPRK", "--id", ident,
                     "--part-of", "sohae", "--status", status, "--date", day)  # fmt: skip
        assert added.code == 0, added.err
    text = empty.read_text(encoding="utf-8")
    assert text.count('extent = "intermediate"\n') == 1
    empty.write_text(text.replace('extent = "intermediate"\n', ""), encoding="utf-8")
    result = dprk("check")
    assert (result.code, result.out) == (
        1,
        "error: sohae: extent is 'full' but its parts give 'intermediate'; set extent = "
        '"intermediate" in the file (dprk derives it from the parts) [status-history]\n'
        "1 error, 0 warnings\n",
    )
    empty.write_text(text, encoding="utf-8")
    assert dprk("check").out == "ok: no problems found\n"


def test_check_names_a_whole_s_status_set_by_hand_against_its_own_offer_as_its_history_s(
    dprk, empty
):
    """w, carried out through p, was agreed again once p was undone, and its status then
    set to 'implemented' by hand: `check` said "its parts give 'agreed'", but p is
    reversed: 'agreed' is w's own offer made again. It says that w's history gives it;
    the advice, followed, brings the file back byte for byte."""
    for args in (
        ["add-measure", "Whole", "--actor", "DPRK", "--id", "w", "--status", "agreed",
         "--date", "2018-06-12"],
        ["add-measure", "Part", "--actor", "DPRK", "--id", "p", "--part-of", "w",
         "--status", "agreed", "--date", "2018-06-12"],
        ["mark", "p", "implemented", "--date", "2018-07-01"],
        ["mark", "p", "reversed", "--date", "2019-03-01"],
        ["mark", "w", "agreed", "--date", "2019-07-01"],
    ):  # fmt: skip
        assert dprk(*args).code == 0
    text = empty.read_text(encoding="utf-8")
    stored = 'id = "w"\ntitle = "Whole"\nactor = "DPRK"\nstatus = "agreed"\n'
    assert text.count(stored) == 1
    edited = text.replace(stored, stored.replace("agreed", "implemented"))
    empty.write_text(edited, encoding="utf-8")
    result = dprk("check")
    assert (result.code, result.out) == (
        1,
        "error: w: status is 'implemented' but its history gives 'agreed'; set status = "
        '"agreed" in the file (dprk derives it from its history and its parts) '
        "[status-history]\n1 error, 0 warnings\n",
    )
    # the advice, followed: w's status line set to what its history gives
    empty.write_text(edited.replace(stored.replace("agreed", "implemented"), stored), "utf-8")
    assert empty.read_text(encoding="utf-8") == text
    assert dprk("check").code == 0


def test_a_finding_of_a_whole_before_its_parts_acted_is_not_its_verification(dprk, empty):
    """w was confirmed by IAEA, then made of a part that acted (w unverified again, as
    `--as-of` said) and was confirmed by 38 North: the table, `show` and the report said
    "confirmed (IAEA)" where `verified_by` named no one. It is verified through its
    parts, everywhere."""
    steps = [
        ("add-measure", "W", "--actor", "DPRK", "--id", "w", "--date", "2018-01-01",
         "--status", "implemented"),
        ("verify", "w", "--by", "IAEA", "--date", "2018-02-01"),
        ("add-measure", "A", "--actor", "DPRK", "--id", "a", "--part-of", "w", "--date",
         "2018-03-01"),
        ("mark", "a", "implemented", "--date", "2018-04-01"),
        ("verify", "a", "--by", "38 North", "--date", "2018-05-01"),
    ]  # fmt: skip
    for args in steps:
        assert dprk(*args).code == 0, args
    before = empty.read_bytes()
    row = next(line for line in dprk("status").lines if line.startswith("w "))
    assert "verified (its parts)" in row and "IAEA" not in row
    shown = dprk("show", "w").out
    assert "verification     verified (its parts)\n" in shown
    # (verified by who confirmed its part, not by the IAEA)
    assert json.loads(dprk("show", "w", "--format", "json").out)["verified_by"] == ["38 North"]
    page = dprk("report", "--output", "-").out
    cells = page.split('<td class="id">w</td>', 1)[1].split("</tr>", 1)[0]
    assert "verified (its parts)" in cells and "IAEA" not in cells
    midway = next(line for line in dprk("status", "--as-of", "2018-04-15").lines if "W" in line)
    assert "unverified" in midway
    assert empty.read_bytes() == before


def test_a_whole_made_verified_by_parts_that_join_it_verified_names_no_finding_of_its_own(
    dprk, empty
):
    """w, confirmed by IAEA, then made of two parts verified before they joined it: it
    stood verified all along, so its own finding (on its own step, before it had parts)
    was still shown as its verification, in the table, show, verified_by and the report;
    and so under --assume of its parts verified. It stands as its parts give it."""
    steps = [
        ("add-measure", "W", "--actor", "DPRK", "--id", "w", "--status", "implemented",
         "--date", "2018-01-10"),
        ("verify", "w", "--by", "IAEA", "--date", "2018-01-20"),
    ]  # fmt: skip
    for p in ("p1", "p2"):
        steps += [
            ("add-measure", p, "--actor", "DPRK", "--id", p, "--status", "implemented",
             "--date", "2018-01-05"),
            ("verify", p, "--by", "X", "--date", "2018-01-06"),
        ]  # fmt: skip
    for args in steps:
        assert dprk(*args).code == 0, args
    assert dprk("add-measure", "P3", "--actor", "DPRK", "--id", "p3", "--part-of", "w",
                "--date", "2018-01-25").code == 0  # fmt: skip
    for assumed in ([], ["--assume", "p3=verified"]):
        row = next(line for line in dprk("status", *assumed).lines if line.startswith("w "))
        said = "verified (its parts)" if assumed else "confirmed (IAEA)"
        assert said in row, (assumed, row)
        doc = json.loads(dprk("status", *assumed, "--format", "json").out)
        assert [m["verified_by"] for m in doc["measures"] if m["id"] == "w"] == [
            [] if assumed else ["IAEA"]
        ]
    assert dprk("remove", "p3").code == 0
    for p in ("p1", "p2"):
        assert dprk("edit", p, "--part-of", "w", "--date", "2018-02-01").code == 0
    before = empty.read_bytes()
    for cold in (False, True):
        if cold:
            shutil.rmtree(empty.parent / ".dprk")
        row = next(line for line in dprk("status").lines if line.startswith("w "))
        assert "verified (its parts)" in row and "IAEA" not in row
        # (by X, who confirmed both its parts)
        assert json.loads(dprk("show", "w", "--format", "json").out)["verified_by"] == ["X"]
    assert "verification     verified (its parts)\n" in dprk("show", "w").out
    page = dprk("report", "--output", "-").out
    cells = page.split('<td class="id">w</td>', 1)[1].split("</tr>", 1)[0]
    assert "verified (its parts)" in cells and "IAEA" not in cells
    assert "confirmed (IAEA)" in dprk("status", "--as-of", "2018-01-25").out
    assert empty.read_bytes() == before


def test_a_measure_verified_through_its_parts_says_so_everywhere(dprk, tmp_path):
    """Not 'unverified' beside 'verified'; and the report counts as unverified what
    --unverified lists (not the disputed, nor a measure made of parts)."""
    six_party(dprk)
    for n in range(9, 12):
        assert dprk("mark", f"step-{n:02d}", "implemented", "--date", "2008-10-01").code == 0
    for n in range(1, 12):
        assert dprk("verify", f"step-{n:02d}", "--by", "US team", "--date", "2008-11-01").code == 0
    row = next(line for line in dprk("status").lines if line.startswith("disablement"))
    assert "verified (its parts)" in row and "unverified" not in row
    shown = dprk("show", "disablement").out
    assert "verified (its parts)" in shown and "unverified" not in shown
    page = dprk("report", "--output", "-").out
    assert "<td>verified (its parts)</td>" in page
    assert dprk("verify", "declaration", "--by", "IAEA", "--result", "refuted", "--date",
                "2008-10-01").code == 0  # fmt: skip
    listed = dprk("status", "--party", "DPRK", "--unverified", "--format", "ids").out.split()
    assert listed == []  # every step verified, the declaration disputed
    page = dprk("report", "--output", "-").out
    card = page.split("<h3>DPRK</h3>", 1)[1].split('<div class="card">', 1)[0]
    assert "Acted but unverified" not in card
    assert dprk("add-measure", "Return remains", "--id", "remains", "--actor", "DPRK",
                "--date", "2008-01-01").code == 0  # fmt: skip
    assert dprk("mark", "remains", "implemented", "--date", "2008-02-01").code == 0
    listed = dprk("status", "--party", "DPRK", "--unverified", "--format", "ids").out.split()
    assert listed == ["remains"]
    card = dprk("report", "--output", "-").out.split("<h3>DPRK</h3>", 1)[1]
    assert "Acted but unverified: 1." in card.split('<div class="card">', 1)[0]


def _whole_of_three_two_acted(dprk) -> None:
    """w, made of w1, w2 and w3; w1 and w2 implemented on 2018-02-01."""
    for ident, whole in (("w", None), ("w1", "w"), ("w2", "w"), ("w3", "w")):
        part = ["--part-of", whole] if whole else []
        assert dprk("add-measure", ident.upper(), "--id", ident, "--actor", "DPRK",
                    "--date", "2018-01-01", *part).code == 0  # fmt: skip
    for ident in ("w1", "w2"):
        assert dprk("mark", ident, "implemented", "--date", "2018-02-01").code == 0


def test_show_of_a_measure_made_of_parts_counts_its_parts_verified(dprk, empty):
    """Acted through its parts, verified once each is: until then, show says how many."""
    _whole_of_three_two_acted(dprk)
    assert dprk("verify", "w1", "--by", "US", "--date", "2018-03-01").code == 0
    result = dprk("show", "w")
    assert result.code == 0
    assert "verification     unverified (1 of 3 parts verified)\n" in result.out
    assert "verification     unverified\n" in dprk("show", "w2").out  # (no parts: as it was)


def test_every_view_of_a_measure_made_of_parts_counts_its_parts_verified(dprk, empty):
    """The status table (also with --no-parts, and read anew), --as-of, --assume and the
    report said the whole was "unverified", where `show` said 1 of 3 parts verified (and
    `--unverified` leaves it out, verified through its parts): a reader took the verified
    parts for never confirmed. Each says how many, brought up to date by each finding."""
    _whole_of_three_two_acted(dprk)

    def cell(*args: str) -> str:
        line = next(line for line in dprk("status", *args).lines if line.startswith("w "))
        return line.split("  mid  ", 1)[1].strip().split("  ")[0]

    assert cell() == "unverified (0 of 3 parts verified)"
    assert dprk("verify", "w1", "--by", "US", "--date", "2018-03-01").code == 0
    before = empty.read_bytes()
    assert cell() == cell("--no-parts") == "unverified (1 of 3 parts verified)"
    assert cell("--as-of", "2018-02-15") == "unverified (0 of 3 parts verified)"
    assert cell("--assume", "w2=verified") == "unverified (2 of 3 parts verified)"
    shutil.rmtree(empty.parent / ".dprk")
    assert cell() == "unverified (1 of 3 parts verified)"
    page = dprk("report", "--output", "-").out
    row = page.split('<td class="id">w</td>', 1)[1].split("</tr>", 1)[0]
    assert "(1 of 3 parts verified)" in row
    assert dprk("status", "--unverified", "--format", "ids").out.split() == ["w2"]
    assert empty.read_bytes() == before


def test_acting_on_a_measure_made_of_parts_is_refused(dprk, tmp_path):
    six_party(dprk)
    path = tmp_path / "dprk-ledger.toml"
    before = path.read_bytes()
    for args in (
        ["mark", "disablement", "implemented", "--date", "2008-09-01"],
        ["mark", "disablement", "reversed", "--date", "2008-09-01"],
    ):
        result = dprk(*args)
        assert result.code == 1, result.err
        assert "is made of parts (step-01, step-02" in result.err and "on its parts" in result.err
        assert path.read_bytes() == before
    # (a confirmation sets a status its parts set; a partial finding is the whole's own)
    result = dprk("verify", "disablement", "--by", "IAEA", "--date", "2008-09-01")
    assert result.code == 1
    assert "would set a status its parts set: record it on the parts (step-01, step-02" in (
        result.err
    )
    assert path.read_bytes() == before


def test_status_folds_parts_under_their_measure(dprk, tmp_path):
    six_party(dprk)
    lines = dprk("status", "--party", "DPRK").lines
    first = next(i for i, line in enumerate(lines) if line.startswith("disablement"))
    assert lines[first + 1].startswith("└ step-01")
    assert dprk("status", "--format", "ids").out.split().count("step-01") == 1
    hidden = dprk("status", "--no-parts", "--format", "ids").out.split()
    assert "disablement" in hidden and not any(i.startswith("step-") for i in hidden)


def test_status_of_ids_lists_a_part_under_its_measure_as_the_whole_table_does(dprk, tmp_path):
    """`status ID...` gives the rows in the table's order: a part named with its measure
    under it, as the whole table folds it, whatever the order typed; a part named alone
    stands on its own row; --no-parts leaves it out."""
    six_party(dprk)
    path = tmp_path / "dprk-ledger.toml"
    before = path.read_bytes()
    lines = dprk("status", "step-02", "disablement", "step-01").lines
    first = next(i for i, line in enumerate(lines) if line.startswith("disablement"))
    assert lines[first + 1].startswith("└ step-01") and lines[first + 2].startswith("└ step-02")
    listed = dprk("status", "step-02", "disablement", "step-01", "--format", "ids")
    assert listed.lines == ["disablement", "step-01", "step-02"]
    alone = dprk("status", "step-02").lines
    assert any(line.startswith("step-02 ") for line in alone)
    hidden = dprk("status", "step-02", "disablement", "--no-parts", "--format", "ids")
    assert hidden.lines == ["disablement"]
    assert path.read_bytes() == before


def test_a_part_of_a_part_and_a_cycle(dprk, tmp_path):
    six_party(dprk)
    assert dprk("add-measure", "Cut the cooling tower", "--id", "tower", "--actor", "DPRK",
                "--part-of", "step-09", "--date", "2008-01-01").code == 0  # fmt: skip
    assert dprk("mark", "tower", "implemented", "--date", "2008-06-27").code == 0
    assert measure(dprk, "step-09")["status"] == "implemented"  # through its own part
    path = tmp_path / "dprk-ledger.toml"
    before = path.read_bytes()
    result = dprk("edit", "disablement", "--part-of", "tower")
    assert result.code == 1
    assert "is a part of a measure that is itself a part of it" in result.err
    assert path.read_bytes() == before


# --- the scorecard ---------------------------------------------------------------------------


def test_scorecard_for_dprk_on_31_august_2008(dprk, tmp_path):
    six_party(dprk)
    doc = json.loads(dprk("scorecard", "--as-of", "2008-08-31", "--format", "json").out)
    assert (doc["as_of"], doc["by"]) == ("2008-08-31", "party")
    groups = {g["name"]: g for g in doc["groups"]}
    assert set(groups) == {"DPRK", "US", "China"}
    # the disablement (intermediate), 8 steps in full and 3 not begun, the declaration in full
    assert groups["DPRK"] == {
        "name": "DPRK",
        "measures": 13,
        "not_initiated": 3,
        "minimal": 0,
        "intermediate": 1,
        "full": 9,
        "score": 74,  # round(100 * (2 + 9*3) / (3 * 13))
        "disputed": 0,
        "late": 0,
        "overdue": 0,
    }
    assert groups["US"]["score"] == 67 and groups["US"]["intermediate"] == 1
    assert groups["China"]["measures"] == 0 and groups["China"]["score"] is None
    table = dprk("scorecard", "--as-of", "2008-08-31").out
    assert "DPRK" in table and "74" in table and "███████░░░" in table


def test_scorecard_by_year_and_by_category(dprk, korea):
    doc = json.loads(dprk("scorecard", "--yearly", "--as-of", "2019-12-31", "--format", "json").out)
    dprk_years = next(g for g in doc["groups"] if g["name"] == "DPRK")["years"]
    assert [y["year"] for y in dprk_years] == [2018, 2019]
    # proposals, withdrawn and rejected measures were never commitments
    assert dprk("mark", "second-summit", "rejected", "--date", "2019-02-28").code == 0
    by_category = json.loads(dprk("scorecard", "--by", "category", "--format", "json").out)
    names = [g["name"] for g in by_category["groups"]]
    assert "denuclearization" in names and by_category["by"] == "category"
    rows = dprk("scorecard", "--yearly", "--format", "csv").out.splitlines()
    assert rows[0] == (
        "name,year,measures,not_initiated,minimal,intermediate,full,score,disputed,late,overdue"
    )
    assert dprk("scorecard", "--format", "ids").code == 2


def test_scorecard_counts_only_commitments(dprk, empty):
    for ident, status in (("a", "proposed"), ("b", "agreed"), ("c", "withdrawn")):
        assert dprk("add-measure", ident, "--id", ident, "--actor", "US", "--status", status,
                    "--date", "2018-01-01").code == 0  # fmt: skip
    assert dprk("add-measure", "d", "--id", "d", "--actor", "US", "--status", "implemented",
                "--extent", "minimal", "--date", "2018-01-01").code == 0  # fmt: skip
    us = json.loads(dprk("scorecard", "--format", "json").out)["groups"][1]
    assert (us["name"], us["measures"], us["minimal"], us["score"]) == ("US", 2, 1, 17)


def test_a_measure_withdrawn_once_agreed_stays_a_commitment(dprk, empty):
    """Wye River: two stages agreed, one carried out, the other suspended (withdrawn):
    the side scored 50 before the suspension and 100 after, rewarded for reneging. An
    agreed measure withdrawn stays a commitment at not initiated, from the day it was
    agreed, in the card, the yearly card and the report; an offer withdrawn before it
    was agreed was never one."""
    for ident, status in (("frd-1", "agreed"), ("frd-2", "agreed"), ("offer", "proposed")):
        assert dprk("add-measure", ident, "--id", ident, "--actor", "US", "--status", status,
                    "--date", "1998-10-23").code == 0  # fmt: skip
    assert dprk("mark", "frd-1", "implemented", "--date", "1998-11-20").code == 0
    assert dprk("mark", "frd-2", "withdrawn", "--date", "1998-12-20").code == 0
    assert dprk("mark", "offer", "withdrawn", "--date", "1998-12-20").code == 0

    def us(*args):
        groups = json.loads(dprk("scorecard", *args, "--format", "json").out)["groups"]
        return next(g for g in groups if g["name"] == "US")

    for day in ("1998-12-15", "1998-12-22", None):
        card = us("--as-of", day) if day else us()
        assert (card["measures"], card["not_initiated"], card["full"], card["score"]) == (
            2,
            1,
            1,
            50,
        )
    assert us("--as-of", "1998-10-22")["measures"] == 0
    yearly = json.loads(dprk("scorecard", "--yearly", "--format", "json").out)["groups"]
    years = {y["year"]: y for y in next(g for g in yearly if g["name"] == "US")["years"]}
    assert (years[1998]["measures"], years[1998]["score"]) == (2, 50)
    assert (years[1999]["measures"], years[1999]["score"]) == (2, 50)
    table = dprk("scorecard").out
    assert (
        "Commitments are measures agreed or carried out, now or before (one withdrawn, "
        "rejected or offered again since stays one, at none)."
    ) in table
    page = dprk("report", "--output", "-").out
    assert "<b>50</b>" in page and "agreed or carried out, now or before" in page


def test_a_measure_once_agreed_stays_a_commitment_whatever_it_came_to(dprk, empty):
    """The footer said 'agreed or carried out (or withdrawn once agreed)', while a measure
    agreed, withdrawn and offered again, or agreed and rejected, was counted too: the
    rule and its words are one, 'agreed or carried out, now or before'."""
    for ident in ("x", "y"):
        assert dprk("add-measure", ident, "--id", ident, "--actor", "US", "--status",
                    "agreed", "--date", "2018-01-01").code == 0  # fmt: skip
    for args in (["x", "withdrawn", "--date", "2018-02-01"], ["x", "proposed", "--date",
                 "2018-03-01"], ["y", "rejected", "--date", "2018-02-01"]):  # fmt: skip
        assert dprk("mark", *args).code == 0, args
    card = json.loads(dprk("scorecard", "--format", "json").out)["groups"]
    us = next(g for g in card if g["name"] == "US")
    assert (us["measures"], us["not_initiated"], us["score"]) == (2, 2, 0)
    assert "agreed or carried out, now or before" in dprk("scorecard").out


def test_scorecard_no_parts_counts_each_whole_once_as_its_parts_were_on_the_day(dprk, tmp_path):
    """A release of prisoners agreed as one measure and recorded prisoner by prisoner
    counted one commitment per prisoner beside the whole, against the other side's one
    (status has --no-parts; the scorecard refused it). --no-parts counts the whole alone;
    a measure made a part later counts on its own on the days before (each year's end,
    --as-of), as status --no-parts --as-of lists it."""
    assert dprk("init", "--party", "Cuba", "--party", "US").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    assert dprk("add-measure", "Release the prisoners", "--actor", "Cuba", "--id", "release",
                "--status", "agreed", "--date", "2014-12-17",
                "--expected-parts", "3").code == 0  # fmt: skip
    for n in (1, 2):
        assert dprk("add-measure", f"Prisoner {n}", "--actor", "Cuba", "--id", f"p{n}",
                    "--part-of", "release", "--status", "implemented",
                    "--date", "2015-01-10").code == 0  # fmt: skip
    assert dprk("add-measure", "Prisoner 3", "--actor", "Cuba", "--id", "p3",
                "--status", "agreed", "--date", "2014-12-20").code == 0  # fmt: skip
    assert dprk("edit", "p3", "--part-of", "release", "--date", "2016-03-01").code == 0
    assert dprk("mark", "p3", "implemented", "--date", "2016-04-01").code == 0
    assert dprk("add-measure", "Release Gross", "--actor", "US", "--id", "gross",
                "--status", "implemented", "--date", "2014-12-17").code == 0  # fmt: skip
    before = ledger.read_bytes()

    def counts(*args: str) -> dict[str, int]:
        result = dprk("scorecard", *args, "--format", "json")
        assert result.code == 0, result.err
        return {g["name"]: g["measures"] for g in json.loads(result.out)["groups"]}

    assert counts() == {"Cuba": 4, "US": 1}
    assert counts("--no-parts") == {"Cuba": 1, "US": 1}
    assert counts("--no-parts", "--as-of", "2015-12-31") == {"Cuba": 2, "US": 1}
    listed = dprk("status", "--no-parts", "--as-of", "2015-12-31", "--format", "ids").out
    assert listed.split() == ["gross", "p3", "release"]
    doc = json.loads(dprk("scorecard", "--no-parts", "--yearly", "--format", "json").out)
    cuba = next(g for g in doc["groups"] if g["name"] == "Cuba")
    years = {y["year"]: y["measures"] for y in cuba["years"]}
    assert (years[2014], years[2015], years[2016], years[today().year]) == (2, 2, 1, 1)
    whole = dprk("scorecard", "--yearly", "--format", "json").out
    cuba = next(g for g in json.loads(whole)["groups"] if g["name"] == "Cuba")
    assert {y["year"]: y["measures"] for y in cuba["years"]}[2016] == 4
    table = dprk("scorecard", "--no-parts")
    assert table.code == 0 and table.lines[2].split()[:2] == ["Cuba", "1"]
    assert ledger.read_bytes() == before


def test_a_score_of_one_half_rounds_up(dprk, empty):
    # one commitment carried out in full and seven only agreed: 100 * 3 / 24 = 12.5
    assert dprk("add-measure", "done", "--id", "done", "--actor", "US", "--status",
                "implemented", "--date", "2018-01-01").code == 0  # fmt: skip
    for n in range(7):
        assert dprk("add-measure", f"a{n}", "--id", f"a{n}", "--actor", "US", "--status",
                    "agreed", "--date", "2018-01-01").code == 0  # fmt: skip
    us = json.loads(dprk("scorecard", "--format", "json").out)["groups"][1]
    assert (us["name"], us["measures"], us["full"], us["score"]) == ("US", 8, 1, 13)
    assert dprk("scorecard", "--format", "csv").out.splitlines()[2] == "US,8,7,0,0,1,13,0,0,0"


def test_a_category_of_spaces_is_no_category(dprk, empty, tmp_path):
    """Refused from an import as on the command line; written by hand, it counts with
    the measures of no category (it took the group's name, blank)."""
    (tmp_path / "c.csv").write_text('id,title,actor,category\nz,Z,US,"  "\n', encoding="utf-8")
    before = empty.read_bytes()
    result = dprk("import", "c.csv")
    assert (result.code, result.err) == (
        1,
        "dprk: error: c.csv: row 2 (measure 'z'): field 'category' is blank (leave it empty "
        "for none)\n",
    )
    assert empty.read_bytes() == before
    for ident in ("a", "b"):
        assert dprk("add-measure", ident, "--id", ident, "--actor", "US", "--status",
                    "implemented", "--date", "2018-01-01").code == 0  # fmt: skip
    text = empty.read_text(encoding="utf-8")
    empty.write_text(text.replace('id = "a"\n', 'id = "a"\ncategory = "  "\n'), encoding="utf-8")
    doc = json.loads(dprk("scorecard", "--by", "category", "--format", "json").out)
    assert [(g["name"], g["measures"]) for g in doc["groups"]] == [("", 2)]


def test_the_measures_of_no_category_are_a_group_no_category_can_be_named(dprk, empty):
    """They were the group '(none)', which a category of that name joined: one group of
    two, while '--category (none)' counted one. They are "" in JSON (as status gives
    their category) and empty in CSV; the table says '(no category)'."""
    for ident, category in (("m", None), ("n", "(none)")):
        more = [] if category is None else ["--category", category]
        assert dprk("add-measure", ident, "--actor", "US", "--id", ident, "--status", "agreed",
                    "--date", "2018-01-01", *more).code == 0  # fmt: skip
    before = empty.read_bytes()
    doc = json.loads(dprk("scorecard", "--by", "category", "--format", "json").out)
    assert [(g["name"], g["measures"]) for g in doc["groups"]] == [("", 1), ("(none)", 1)]
    assert dprk("scorecard", "--by", "category", "--format", "csv").lines[1:] == [
        ",1,1,0,0,0,0,0,0,0",
        "(none),1,1,0,0,0,0,0,0,0",
    ]
    table = dprk("scorecard", "--by", "category").lines
    assert [line.split("  ")[0] for line in table[2:4]] == ["(no category)", "(none)"]
    assert empty.read_bytes() == before


def test_the_scorecard_names_the_measures_of_no_category_as_status_gives_them(dprk, korea):
    """The scorecard's JSON named their group null while status gave each of them the
    category "": a join of the two (pandas' merge, say) lost them. Both say "" now, the
    yearly records too; the table keeps '(no category)'."""
    assert dprk("add-measure", "Talks on talks", "--actor", "US", "--id", "plain",
                "--status", "agreed", "--date", "2018-03-01").code == 0  # fmt: skip
    before = korea.read_bytes()
    status = json.loads(dprk("status", "--format", "json").out)
    card = json.loads(dprk("scorecard", "--by", "category", "--format", "json").out)
    assert card["groups"][0] == {
        "name": "",
        "measures": 1,
        "not_initiated": 1,
        "minimal": 0,
        "intermediate": 0,
        "full": 0,
        "score": 0,
        "disputed": 0,
        "late": 0,
        "overdue": 0,
    }
    names = {g["name"] for g in card["groups"]}
    assert {m["category"] for m in status["measures"]} <= names
    assert next(m for m in status["measures"] if m["id"] == "plain")["category"] == ""
    yearly = dprk("scorecard", "--by", "category", "--yearly", "--format", "json")
    assert yearly.code == 0
    groups = json.loads(yearly.out)["groups"]
    assert groups[0]["name"] == "" and groups[0]["years"][0]["year"] == 2018
    records = dprk("scorecard", "--by", "category", "--yearly", "--format", "jsonl").lines
    assert json.loads(records[0])["name"] == ""
    table = dprk("scorecard", "--by", "category")
    assert table.code == 0 and table.lines[2].startswith("(no category) ")
    assert korea.read_bytes() == before


def test_a_category_with_no_commitment_is_listed_as_a_party_with_none_is(dprk, empty):
    """`--by party` listed a party with no commitment (0, no score); `--by category` left
    a category with no commitment out, as if the ledger held no such measure."""
    for ident, actor, category, status in (
        ("a", "US", "sanctions", "agreed"),
        ("b", "DPRK", "nuclear", "proposed"),
        ("c", "DPRK", "Nuclear", "rejected"),
    ):
        assert dprk("add-measure", ident, "--actor", actor, "--id", ident, "--category",
                    category, "--status", status, "--date", "2018-01-01").code == 0  # fmt: skip
    before = empty.read_bytes()
    doc = json.loads(dprk("scorecard", "--by", "category", "--format", "json").out)
    assert [(g["name"], g["measures"], g["score"]) for g in doc["groups"]] == [
        ("nuclear", 0, None),
        ("sanctions", 1, 0),
    ]
    table = dprk("scorecard", "--by", "category")
    assert table.code == 0 and table.lines[2].split() == ["nuclear", "0", "0", "0", "0", "0"]
    # the measures chosen are those whose categories are listed
    doc = json.loads(dprk("scorecard", "--by", "category", "--party", "US", "--format",
                          "json").out)  # fmt: skip
    assert [g["name"] for g in doc["groups"]] == ["sanctions"]
    assert empty.read_bytes() == before


def test_a_yearly_scorecard_as_of_a_day_says_its_last_year_is_of_that_day(dprk, empty):
    """Under 'Score on 31 December of each year', the last column was the score on the
    --as-of day: 0 for a measure carried out in August of that year."""
    assert dprk("add-measure", "c", "--actor", "US", "--id", "c", "--status", "agreed",
                "--date", "2002-01-01").code == 0  # fmt: skip
    assert dprk("mark", "c", "implemented", "--date", "2002-08-07").code == 0
    lines = dprk("scorecard", "--as-of", "2002-06-01", "--yearly").lines
    assert "Score on 31 December of each year (2002: on 2002-06-01)" in lines
    lines = dprk("scorecard", "--as-of", "2002-12-31", "--yearly").lines
    assert "Score on 31 December of each year" in lines


def test_the_report_s_score_chart_says_its_last_year_is_of_that_day(dprk, empty, tmp_path):
    """The report's chart was titled 'on 31 December of each year' while its last point
    was the score on the --as-of day, as the scorecard's table says; its points gave no
    number to read."""
    assert dprk("add-measure", "c", "--actor", "US", "--id", "c", "--status", "agreed",
                "--date", "2001-01-01").code == 0  # fmt: skip
    assert dprk("mark", "c", "implemented", "--date", "2002-08-07").code == 0
    page = dprk("report", "--as-of", "2002-06-01", "--output", "-").out
    said = "Each party&#x27;s score on 31 December of each year (2002: on 2002-06-01)"
    assert f"<title>{said}</title>" in page and f'aria-label="{said}"' in page
    assert "<title>US, 2001: 0</title>" in page and "<title>US, 2002: 0</title>" in page
    page = dprk("report", "--as-of", "2002-12-31", "--output", "-").out
    assert "<title>Each party&#x27;s score on 31 December of each year</title>" in page
    assert "<title>US, 2002: 100</title>" in page


# --- what if ---------------------------------------------------------------------------------


def test_what_if_the_war_were_declared_over(dprk, korea):
    before = korea.read_bytes()
    now = json.loads(dprk("plan", "--format", "json").out)
    assert now["deadlocks"] and "assumed" not in now
    result = dprk("plan", "--assume", "end-of-war-declaration=implemented", "--format", "json")
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert doc["assumed"] == ["end-of-war-declaration=implemented"]
    assert doc["deadlocks"] == []
    assert [d["measures"] for d in doc["dissolved"]] == [
        ["end-of-war-declaration", "inventory-submission"]
    ]
    assert doc["newly_ready"] == ["inventory-submission"]
    assert "inventory-submission" in doc["phases"][0]["measures"]
    table = dprk("plan", "--assume", "end-of-war-declaration=implemented").out
    assert table.startswith("Hypothetical: as if end-of-war-declaration=implemented")
    assert "Moves into phase 1: inventory-submission." in table
    nxt = dprk("next", "--assume", "end-of-war-declaration=implemented", "--format", "ids").out
    assert "inventory-submission" in nxt.split()
    bal = json.loads(
        dprk("balance", "--assume", "end-of-war-declaration=implemented", "--format", "json").out
    )
    assert bal["assumed"] == ["end-of-war-declaration=implemented"]
    assert bal["parties"]["DPRK"]["owed"] == []  # the complaint answered
    st = json.loads(
        dprk(
            "status", "--assume", "tongchang-ri-dismantlement=implemented:full", "--format", "json"
        ).out  # fmt: skip
    )
    m = next(x for x in st["measures"] if x["id"] == "tongchang-ri-dismantlement")
    assert m["extent"] == "full"
    assert korea.read_bytes() == before  # nothing is written


def test_what_if_says_a_verification_it_moves_into_phase_1(dprk, empty):
    """With an order asking the other's measure verified first, assuming it implemented
    brings its verification into phase 1: the lead said it moved nothing there while the
    table under it showed the step that did."""
    for ident, actor in (("us-srinf", "US"), ("dprk-inf", "DPRK")):
        assert dprk("add-measure", ident, "--id", ident, "--actor", actor, "--status",
                    "agreed", "--date", "1987-12-08").code == 0  # fmt: skip
    assert dprk("sequence", "dprk-inf", "--after", "us-srinf", "--require", "verified",
                "--demanded-by", "DPRK", "--date", "1988-01-15").code == 0  # fmt: skip
    before = empty.read_bytes()
    result = dprk("plan", "--as-of", "1989-06-01", "--assume", "us-srinf=implemented")
    assert result.code == 0, result.err
    assert "Moves into phase 1: us-srinf (to verify)." in result.out
    assert "moves nothing" not in result.out
    doc = json.loads(dprk("plan", "--as-of", "1989-06-01", "--assume", "us-srinf=implemented",
                          "--format", "json").out)  # fmt: skip
    assert doc["newly_ready"] == [] and doc["newly_verifiable"] == ["us-srinf"]
    assert doc["phases"][0]["verify"] == ["us-srinf"]
    both = dprk("plan", "--as-of", "1989-06-01", "--assume", "us-srinf=verified").out
    assert "Moves into phase 1: dprk-inf." in both
    assert empty.read_bytes() == before  # nothing is written


def test_a_what_if_that_carries_a_measure_to_another_extent_awaits_a_new_finding(dprk, empty):
    """Assumed implemented at another extent, a measure kept the finding on its earlier
    extent (a partial one said 'partial (UN)', and neither --unverified nor a confirmation's
    loss followed), where the step recorded carries it out anew, for a new finding. At the
    extent a verifier found, the step recorded changes nothing: nor does the what-if."""

    def row(*args: str) -> str:
        out = dprk("status", "w", "--as-of", "2023-11-02", *args).lines
        return " ".join(next(line for line in out if line.startswith("w ")).split())

    def ids(flag: str, *args: str) -> list[str]:
        return dprk("status", "--as-of", "2023-11-02", flag, "--format", "ids", *args).lines

    assert dprk("add-measure", "Withdraw troops", "--actor", "DPRK", "--id", "w", "--status",
                "agreed", "--date", "2023-01-01").code == 0  # fmt: skip
    assert dprk("mark", "w", "implemented", "--extent", "minimal", "--date", "2023-01-20").code == 0
    assert (
        dprk("verify", "w", "--by", "UN", "--result", "partial", "--date", "2023-02-15").code == 0
    )
    before = empty.read_bytes()
    further = ("--assume", "w=implemented")
    result = dprk("status", "w", "--as-of", "2023-11-02", *further)
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith("Hypothetical: as if w=implemented (nothing is written)")
    assert row(*further) == "w DPRK implemented full unverified 2023-01-20 Withdraw troops"
    assert (ids("--unverified", *further), ids("--partial", *further)) == (["w"], [])
    assert (ids("--unverified"), ids("--partial")) == ([], ["w"])  # (as recorded)
    assert empty.read_bytes() == before  # nothing is written
    # the step recorded says the same
    assert dprk("mark", "w", "implemented", "--date", "2023-11-02").code == 0
    assert row() == row(*further)
    assert (ids("--unverified"), ids("--partial")) == (["w"], [])
    # done in full and confirmed: assumed done in part, it awaits a new finding too
    assert dprk("verify", "w", "--by", "UN", "--date", "2023-11-10").code == 0
    less = ("--as-of", "2023-12-01", "--assume", "w=implemented:minimal")
    doc = json.loads(dprk("status", *less, "--format", "json").out)
    m = doc["measures"][0]
    assert (m["status"], m["extent"], m["verified"], m["verified_by"]) == (
        "implemented",
        "minimal",
        False,
        [],
    )
    assert dprk("status", *less, "--unverified", "--format", "ids").lines == ["w"]
    assert dprk("next", *less, "--format", "json").code == 0
    # at the extent UN confirmed, a party's word changes nothing, as `mark` has it
    same = dprk("status", "w", "--as-of", "2023-12-01", "--assume", "w=implemented")
    assert same.code == 0
    assert (
        "--assume: measure 'w' already stands verified on 2023-12-01 (as recorded since "
        "2023-11-10), so 'w=implemented' changes nothing" in same.err
    )
    assert "w DPRK verified full confirmed (UN)" in " ".join(same.out.split())


@pytest.mark.parametrize(
    ("value", "code", "words"),
    [
        ("ghost=implemented", 1, "--assume: no measure with id 'ghost'"),
        ("second-summit=done", 2, "'done' is not a status"),
        ("second-summit=implemented:most", 2, "'most' is not an extent"),
        ("second-summit", 2, "is not ID=STATUS[:EXTENT]"),
    ],
)
def test_what_if_refusals(dprk, korea, value, code, words):
    result = dprk("plan", "--assume", value)
    assert result.code == code and words in result.err and result.out == ""


@pytest.mark.parametrize("command", ["status", "plan", "next", "balance"])
def test_what_if_names_every_unknown_id_in_one_refusal(dprk, korea, command):
    """Two --assume of ids the ledger does not hold were refused one at a time (fix the
    first, run again, hear of the second), where `status ID...` names every unknown id in
    one line: --assume names them all at once too, asked the same way; on a past day, a
    measure made after it is said so after them."""
    before = korea.read_bytes()
    result = dprk(command, "--assume", "ghost=implemented", "--assume", "second-sumit=agreed")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "dprk: error: --assume: no measures with ids 'ghost', 'second-sumit' (did you mean "
        "second-summit?); 'dprk status --format ids' lists them\n"
    )
    early = dprk(command, "--as-of", "2018-01-01", "--assume", "second-summit=implemented",
                 "--assume", "ghost=agreed")  # fmt: skip
    assert (early.code, early.out) == (1, "")
    assert early.err == (
        "dprk: error: --assume: no measure with id 'ghost'; 'dprk status --format ids' lists "
        "them; measure 'second-summit' was not in the talks yet on 2018-01-01 (made on "
        "2018-09-10)\n"
    )
    assert korea.read_bytes() == before


@pytest.mark.parametrize("command", ["plan", "next", "status", "balance"])
def test_what_if_on_a_day_before_the_measure_was_in_the_talks(dprk, korea, command):
    """second-summit was first recorded on 2018-09-10: on 2018-01-01 it is not unknown,
    it was not there yet."""
    result = dprk(command, "--assume", "second-summit=implemented", "--as-of", "2018-01-01")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "dprk: error: --assume: measure 'second-summit' was not in the talks yet on 2018-01-01 "
        "(made on 2018-09-10)\n"
    )
    after = dprk(command, "--assume", "second-summit=implemented", "--as-of", "2018-09-10")
    assert after.code == 0, after.err


def test_a_cycle_of_parts_written_by_hand_is_named_not_followed_for_ever(dprk, korea):
    """Two measures each a part of the other (a hand edit: commands refuse it), one of
    them with a part that has acted: every command answers, and `check` names the
    cycle, read from the file anew or from the cache."""
    for ident in ("x", "y"):
        assert dprk("add-measure", f"Measure {ident}", "--id", ident, "--actor", "US",
                    "--date", "2018-07-01").code == 0  # fmt: skip
    assert dprk("add-measure", "Step", "--id", "z", "--actor", "US", "--part-of", "x",
                "--date", "2018-07-01").code == 0  # fmt: skip
    assert dprk("mark", "z", "implemented", "--date", "2018-07-23").code == 0
    assert dprk("edit", "x", "--part-of", "y").code == 0
    text = korea.read_text(encoding="utf-8")
    korea.write_text(text.replace('id = "y"\n', 'id = "y"\npart_of = "x"\n', 1), encoding="utf-8")
    for _ in range(2):  # read anew, then from the cache
        status = dprk("status", "--format", "json")
        assert status.code == 0, status.err
        records = {m["id"]: m for m in json.loads(status.out)["measures"]}
        assert records["x"]["status_date"] == records["z"]["status_date"] == "2018-07-23"
        check = dprk("check", "--format", "json")
        assert check.code == 1 and "is a part of a measure that is itself a part of it" in check.out
        assert dprk("show", "y").code == 0


def test_each_year_of_a_yearly_scorecard_is_the_scorecard_as_of_its_last_day(dprk, korea):
    """The yearly scores (each measure's state at the end of each year, read from one pass
    over its life) are the scores of the ledger rebuilt as it stood on 31 December:
    measures made of parts included, whose parts acted in different years."""
    whole = "gaeseong-liaison-office"
    for ident, day in (("part-a", "2019-03-01"), ("part-b", "2021-03-01")):
        assert dprk("add-measure", f"Part {ident}", "--id", ident, "--actor", "DPRK",
                    "--part-of", whole, "--status", "agreed", "--date", "2018-09-15").code == 0  # fmt: skip
        assert dprk("mark", ident, "implemented", "--date", day, "--extent", "minimal").code == 0
    yearly = json.loads(dprk("scorecard", "--yearly", "--format", "json").out)
    years = {g["name"]: {y["year"]: y for y in g["years"]} for g in yearly["groups"]}
    assert sorted(years["DPRK"]) == list(range(2018, today().year + 1))
    for year in (2018, 2019, 2020, 2021, 2022):
        then = json.loads(dprk("scorecard", "--as-of", f"{year}-12-31", "--format", "json").out)
        for group in then["groups"]:
            counted = {k: v for k, v in group.items() if k != "name"}
            assert years[group["name"]][year] == {"year": year, **counted}, (year, group)


def test_a_yearly_scorecard_always_has_the_year_of_its_day(dprk, korea):
    """Before the first event on record (or in a ledger written by hand, with no
    history), every group's years were empty: a CSV of a header alone."""
    early = dprk("scorecard", "--yearly", "--as-of", "2018-03-01", "--format", "csv")
    assert early.code == 0
    assert early.out.splitlines() == [
        "name,year,measures,not_initiated,minimal,intermediate,full,score,disputed,late,overdue",
        *(f"{party},2018,0,0,0,0,0,,0,0,0" for party in ("DPRK", "ROK", "US")),
    ]
    korea.write_text(
        'schema = 1\ntitle = "T"\nparties = ["A"]\n\n[[measures]]\nid = "m"\ntitle = "M"\n'
        'actor = "A"\nstatus = "implemented"\n',
        encoding="utf-8",
    )
    plain = json.loads(dprk("scorecard", "--format", "json").out)["groups"][0]
    yearly = json.loads(dprk("scorecard", "--yearly", "--format", "json").out)["groups"][0]
    assert yearly["years"] == [
        {"year": today().year, **{k: v for k, v in plain.items() if k != "name"}}
    ]
    assert plain["full"] == 1


@pytest.mark.parametrize("by", ["party", "category"])
def test_a_yearly_scorecard_of_one_party_counts_its_years_by_who_then_carried_it_out(
    dprk, empty, by
):
    """m was A's in 2019 and handed to B in 2020. With --party A the yearly scores had no
    year of A's (the filter read today's actor), and with --party B, A's 2019 showed. Each
    year is that of the party then to carry it out, as --as-of that year says."""
    for args in (
        ("add-measure", "M", "--actor", "DPRK", "--id", "m", "--date", "2019-01-01",
         "--status", "implemented", "--category", "nuclear"),
        ("edit", "m", "--actor", "US", "--date", "2020-06-01"),
    ):  # fmt: skip
        assert dprk(*args).code == 0
    for party, scored in (("DPRK", [2019]), ("US", list(range(2020, today().year + 1)))):
        card = json.loads(
            dprk("scorecard", "--yearly", "--by", by, "--party", party, "-f", "json").out
        )
        years = [y["year"] for g in card["groups"] for y in g["years"] if y["measures"]]
        assert years == scored, party
        then = json.loads(
            dprk("scorecard", "--as-of", f"{scored[0]}-12-31", "--party", party, "-f", "json").out
        )
        assert [g["measures"] for g in then["groups"] if g["measures"]] == [1]


@pytest.mark.parametrize(
    "chosen",
    [
        ["--acted"],
        ["--pending"],
        ["--status", "verified"],
        ["--status", "agreed", "--party", "DPRK"],
        ["--unverified"],
        ["--ready"],
        ["--acted", "--category", "nuclear"],
        ["--since", "2022-01-01"],
        ["--until", "2021-06-01", "--acted"],
        ["--search", "zebra"],
    ],
)
def test_each_year_of_a_yearly_scorecard_is_chosen_by_the_filters_as_of_its_end(
    dprk, empty, chosen
):
    """The filters judged on a day (a status, a finding, the order) were judged on the
    card's day for every year: a measure carried out in 2022 counted as --acted in 2020
    and 2021, and --pending years before it vanished. Each year is now the scorecard
    --as-of its 31 December with the same filters."""
    for args in (
        ("add-measure", "X", "--actor", "DPRK", "--id", "x", "--status", "agreed",
         "--date", "2020-03-01", "--category", "nuclear"),
        ("add-measure", "Y", "--actor", "US", "--id", "y", "--status", "agreed",
         "--date", "2020-03-01", "--after", "x"),
        ("mark", "x", "implemented", "--date", "2021-02-01"),
        ("verify", "x", "--by", "IAEA", "--date", "2022-03-01"),
        ("mark", "y", "implemented", "--date", "2022-04-01", "--extent", "minimal"),
        ("note", "x", "zebra", "--date", "2021-05-01"),
    ):  # fmt: skip
        result = dprk(*args)
        assert result.code == 0, (args, result.err)
    yearly = dprk("scorecard", "--yearly", "--as-of", "2022-12-31", *chosen, "--format", "json")
    assert yearly.code == 0, yearly.err
    years = {
        g["name"]: {y["year"]: y for y in g["years"]} for g in json.loads(yearly.out)["groups"]
    }
    assert sorted(years["DPRK"]) == [2020, 2021, 2022]
    counted = 0
    for year in (2020, 2021, 2022):
        then = dprk("scorecard", "--as-of", f"{year}-12-31", *chosen, "--format", "json")
        for group in json.loads(then.out)["groups"]:
            alone = {k: v for k, v in group.items() if k != "name"}
            assert years[group["name"]][year] == {"year": year, **alone}, (year, group)
            counted += group["measures"]
    assert counted  # (each filter chooses something in some year)


def test_scorecard_by_category_takes_a_category_in_any_case(dprk, empty):
    """`--category` matches in any case (and spacing), so the scorecard groups so too: one
    category spelled two ways is one group, named as most of its measures spell it
    (on a tie, as the first of them does)."""
    for ident, actor, status, category in (
        ("a", "DPRK", "implemented", "Sanctions"),
        ("b", "US", "agreed", "sanctions "),  # (a space typed by mistake: the same)
        ("c", "US", "agreed", "Security"),
    ):
        assert dprk("add-measure", ident, "--actor", actor, "--id", ident, "--status", status,
                    "--date", "2020-01-01", "--category", category).code == 0  # fmt: skip
    result = dprk("scorecard", "--by", "category", "--format", "csv")
    assert result.code == 0, result.err
    assert result.out.splitlines()[1:] == [
        "Sanctions,2,1,0,0,1,50,0,0,0",
        "Security,1,1,0,0,0,0,0,0,0",
    ]
    yearly = json.loads(dprk("scorecard", "--by", "category", "--yearly", "--format", "json").out)
    assert [g["name"] for g in yearly["groups"]] == ["Sanctions", "Security"]
    assert dprk("status", "--category", "SANCTIONS", "--format", "ids").out.split() == ["a", "b"]
    assert dprk("status", "--category", "sanctions", "--format", "ids").out.split() == ["a", "b"]
    # Spelled one way by most of its measures, it is named so: not as one stray spells it.
    assert dprk("add-measure", "d", "--actor", "US", "--id", "d", "--status", "agreed",
                "--date", "2020-01-01", "--category", "sanctions").code == 0  # fmt: skip
    result = dprk("scorecard", "--by", "category", "--format", "csv")
    assert result.out.splitlines()[1] == "sanctions,3,2,0,0,1,33,0,0,0"


def test_as_of_a_day_before_a_measure_was_made_a_part(dprk, empty):
    """q acted in 2018 and was made a part of w in 2019: on a day in 2018, w was still
    proposed and q no part of it (w showed implemented, and the scorecard counted two
    commitments); let go of in 2020, it was a part in 2019."""
    for ident in ("w", "q"):
        assert dprk("add-measure", ident, "--id", ident, "--actor", "US",
                    "--date", "2018-01-01").code == 0  # fmt: skip
    assert dprk("mark", "q", "implemented", "--date", "2018-02-01").code == 0
    assert dprk("edit", "q", "--part-of", "w", "--date", "2019-01-01").code == 0
    assert dprk("edit", "q", "--no-part-of", "--date", "2020-01-01").code == 0

    def on(day: str) -> dict[str, tuple[str, str | None]]:
        doc = json.loads(dprk("status", "--as-of", day, "--format", "json").out)
        return {m["id"]: (m["status"], m["part_of"]) for m in doc["measures"]}

    assert on("2018-06-01") == {"q": ("implemented", None), "w": ("proposed", None)}
    assert on("2019-06-01") == {"q": ("implemented", "w"), "w": ("implemented", None)}
    assert on(str(today())) == {"q": ("implemented", None), "w": ("proposed", None)}
    card = json.loads(dprk("scorecard", "--as-of", "2018-06-01", "--format", "json").out)
    us = next(g for g in card["groups"] if g["name"] == "US")
    assert (us["measures"], us["full"]) == (1, 1)


def test_as_of_reads_back_a_long_id_made_a_whole(dprk, empty):
    """An edit's detail cut values at 60 characters: a long id made a whole was read
    back cut, and the part lost its whole on every later day."""
    whole = "w" * 70
    for ident in (whole, "q"):
        assert dprk("add-measure", ident, "--id", ident, "--actor", "US",
                    "--date", "2018-01-01").code == 0  # fmt: skip
    assert dprk("edit", "q", "--part-of", whole, "--date", "2019-01-01").code == 0
    assert dprk("edit", "q", "--no-part-of", "--date", "2020-01-01").code == 0
    doc = json.loads(dprk("status", "--as-of", "2019-06-01", "--format", "json").out)
    assert {m["id"]: m["part_of"] for m in doc["measures"]}["q"] == whole


def test_a_whole_is_dated_by_when_its_parts_became_parts(dprk, empty):
    """engine acted in July and was made a part of sohae in August: sohae has acted since
    August (on 1 August, `--as-of` shows it proposed); it said July in `status`, and
    `balance` counted the US's debt from July."""
    for ident in ("sohae", "engine", "pad"):
        part = ["--part-of", "sohae"] if ident == "pad" else []
        assert dprk("add-measure", ident, "--id", ident, "--actor", "DPRK", *part,
                    "--date", "2018-06-01").code == 0  # fmt: skip
    assert dprk("add-measure", "relief", "--id", "relief", "--actor", "US",
                "--in-exchange-for", "sohae", "--date", "2018-06-01").code == 0  # fmt: skip
    assert dprk("mark", "engine", "implemented", "--date", "2018-07-23").code == 0
    assert dprk("edit", "engine", "--part-of", "sohae", "--date", "2018-08-15").code == 0
    before = empty.read_bytes()
    assert on(dprk, "sohae", "2018-08-01")["status"] == "proposed"
    sohae = measure(dprk, "sohae")
    assert (sohae["status"], sohae["extent"], sohae["status_date"]) == (
        "implemented",
        "intermediate",
        "2018-08-15",
    )
    owed = json.loads(dprk("balance", "--format", "json").out)["parties"]["US"]["owes"]
    assert [(d["measure"], d["since"]) for d in owed] == [("relief", "2018-08-15")]
    # The other part carried out in September: still implemented since August, and in
    # full since September, as a measure without parts is dated.
    result = dprk("mark", "pad", "implemented", "--date", "2018-09-10")
    assert result.code == 0, result.err
    sohae = measure(dprk, "sohae")
    assert (sohae["extent"], sohae["status_date"]) == ("full", "2018-08-15")
    assert empty.read_bytes() != before
    assert dprk("check").code == 0


def test_a_whole_is_dated_by_when_a_part_stopped_being_one(dprk, empty):
    """r, implemented, left w in September, after w's other part was reversed in July:
    w is reversed since September. It owes aid from July: the reversal of p1 cut w back
    to intermediate then, which opened the debt for the rest, and w reversed in
    September keeps it open from then."""
    for ident, actor, extra in (
        ("w", "DPRK", []),
        ("aid", "US", ["--in-exchange-for", "w"]),
        ("p1", "DPRK", ["--part-of", "w"]),
        ("r", "DPRK", ["--part-of", "w", "--status", "implemented"]),
    ):
        assert dprk("add-measure", ident, "--id", ident, "--actor", actor, *extra,
                    "--date", "2008-01-01").code == 0  # fmt: skip
    for args in (
        ("mark", "p1", "implemented", "--date", "2008-03-01"),
        ("mark", "aid", "implemented", "--date", "2008-03-10"),
        ("mark", "p1", "reversed", "--date", "2008-07-01"),
        ("edit", "r", "--no-part-of", "--date", "2008-09-01"),
    ):
        assert dprk(*args).code == 0
    assert on(dprk, "w", "2008-08-31")["status"] == "implemented"
    w = measure(dprk, "w")
    assert (w["status"], w["status_date"]) == ("reversed", "2008-09-01")
    assert 'status = "reversed"' in empty.read_text("utf-8")
    doc = json.loads(dprk("balance", "--as-of", "2008-09-01", "--format", "json").out)
    assert [(d["measure"], d["since"], d["days"]) for d in doc["parties"]["DPRK"]["owes"]] == [
        ("w", "2008-07-01", 62)
    ]


def test_a_step_of_a_measure_before_its_parts_were_made_is_recorded(dprk, empty):
    """p's own implementation in February, found after its parts (made in March) were
    recorded, was refused as a step to record on its parts; typed before them, it was
    accepted. Either way, p now stands as both orders give it."""
    assert dprk("add-measure", "P", "--actor", "US", "--id", "p", "--date", "2018-01-01").code == 0
    for ident in ("p1", "p2"):
        assert dprk("add-measure", ident, "--actor", "US", "--id", ident, "--part-of", "p",
                    "--status", "agreed", "--date", "2018-03-01").code == 0  # fmt: skip
    assert dprk("mark", "p1", "implemented", "--date", "2018-04-01").code == 0
    result = dprk("mark", "p", "implemented", "--date", "2018-02-01")
    assert result.code == 0, result.err
    assert "implemented on 2018-02-01" in result.err
    assert on(dprk, "p", "2018-02-15")["status"] == "implemented"
    p = measure(dprk, "p")
    assert (p["status"], p["extent"], p["status_date"]) == (
        "implemented",
        "intermediate",
        "2018-02-01",
    )
    assert 'date = 2018-02-01\nevent = "status"' in empty.read_text("utf-8")
    assert dprk("check").code == 0
    # On a day it had parts, a step is still theirs to record.
    before = empty.read_bytes()
    result = dprk("mark", "p", "reversed", "--date", "2018-05-01")
    assert result.code == 1 and "made of parts (p1, p2)" in result.err
    assert empty.read_bytes() == before


def test_a_measure_is_not_exchanged_for_what_it_is_a_part_of(dprk, empty):
    """The aid exchanged for the second phase was made a part of it, and check said ok:
    a step of a measure is no price paid for it. The edit, or the link, is refused; a
    file written so by hand is an error of check."""
    for ident, actor, extra in (("w", "DPRK", []), ("aid", "US", ["--in-exchange-for", "w"])):
        assert dprk("add-measure", ident, "--id", ident, "--actor", actor, *extra,
                    "--date", "2008-01-01").code == 0  # fmt: skip
    assert dprk("add-measure", "p", "--id", "p", "--actor", "DPRK", "--part-of", "w").code == 0
    before = empty.read_bytes()
    for args in (("edit", "aid", "--part-of", "w"), ("link", "p", "w")):
        result = dprk(*args)
        assert result.code == 1
        assert f"{args[1]}: is exchanged for 'w', which it is a part of" in result.err
        assert empty.read_bytes() == before
    text = empty.read_text("utf-8").replace('id = "aid"\n', 'id = "aid"\npart_of = "w"\n')
    empty.write_text(text, "utf-8")
    result = dprk("check", "--format", "json")
    assert result.code == 1
    found = [p for p in json.loads(result.out)["problems"] if p["check"] == "parts"]
    assert [p["measure"] for p in found] == ["aid"]


def test_a_refused_link_or_part_of_advises_removing_only_what_is_on_record(dprk, empty):
    """A link of a part to its whole, refused, advised 'dprk unlink' of the link it had
    just refused to write (itself refused: not exchanged for each other), as an edit
    making a linked measure a part advised 'dprk edit --no-part-of' of the part_of it
    refused. Each now advises removing the other first, which works."""
    for ident, actor, extra in (("w", "DPRK", []), ("aid", "US", ["--in-exchange-for", "w"]),
                                ("p", "DPRK", ["--part-of", "w"])):  # fmt: skip
        assert dprk("add-measure", ident, "--id", ident, "--actor", actor, *extra,
                    "--date", "2020-01-01").code == 0  # fmt: skip
    _refused(
        dprk,
        empty,
        ("link", "w", "p", "--date", "2020-01-05"),
        "dprk: error: p: is exchanged for 'w', which it is a part of: a measure is no price "
        "paid for its own whole; take it out of the whole first ('dprk edit p --no-part-of "
        "--date 2020-01-05'), then link them, or link another measure (a link that ended "
        "before it became a part is recorded with its end: 'dprk link p w --date YYYY-MM-DD "
        "--until YYYY-MM-DD'); nothing was written\n",
    )
    _refused(
        dprk,
        empty,
        ("edit", "aid", "--part-of", "w", "--date", "2020-01-03"),
        "dprk: error: aid: is exchanged for 'w', which it is a part of: a measure is no price "
        "paid for its own whole; end the link first ('dprk unlink aid w --date 2020-01-03'), "
        "then make it a part, or make it a part of another measure; nothing was written\n",
    )
    # Each advice, followed, is accepted.
    for args in (
        ("edit", "p", "--no-part-of", "--date", "2020-01-05"),
        ("link", "w", "p", "--date", "2020-01-05"),
        ("unlink", "aid", "w", "--date", "2020-01-03"),
        ("edit", "aid", "--part-of", "w", "--date", "2020-01-03"),
    ):
        result = dprk(*args)
        assert result.code == 0, result.err
    assert dprk("check").code == 0
    assert measure(dprk, "p")["in_exchange_for"] == ["w"]
    assert measure(dprk, "aid")["part_of"] == "w"


def test_a_finding_on_a_measure_before_it_had_parts_is_recorded(dprk, empty):
    """A finding dated before w's first part joined was refused once the joining was on
    record (typed the other way round it was accepted), as a step was before."""
    assert dprk("add-measure", "W", "--actor", "US", "--id", "w", "--status", "implemented",
                "--date", "2020-01-01").code == 0  # fmt: skip
    assert dprk("add-measure", "P", "--actor", "US", "--id", "p", "--date", "2020-01-02").code == 0
    assert dprk("edit", "p", "--part-of", "w", "--date", "2020-01-10").code == 0
    result = dprk("verify", "w", "--by", "IAEA", "--date", "2020-01-05")
    assert result.code == 0, result.err
    assert 'by = "IAEA"' in empty.read_text("utf-8")
    assert on(dprk, "w", "2020-01-07")["status"] == "verified"
    assert dprk("check").code == 0
    before = empty.read_bytes()
    result = dprk("verify", "w", "--by", "IAEA", "--date", "2020-01-12")
    assert result.code == 1 and "its parts set: record it on the parts (p)" in result.err
    assert empty.read_bytes() == before


def test_a_part_cannot_join_before_a_step_the_measure_took_on_its_own(dprk, empty):
    """w was reversed in January by its own history; p made a part of it on an earlier
    day was accepted, though marking w reversed on a day it had p was refused: the same
    two facts gave two ledgers by the order they were typed in, and check said ok."""
    assert dprk("add-measure", "W", "--actor", "US", "--id", "w", "--status", "implemented",
                "--date", "2020-01-01").code == 0  # fmt: skip
    assert dprk("add-measure", "P", "--actor", "US", "--id", "p", "--date", "2020-01-02").code == 0
    assert dprk("mark", "w", "reversed", "--date", "2020-01-20").code == 0
    _refused(
        dprk,
        empty,
        ("edit", "p", "--part-of", "w", "--date", "2020-01-05"),
        "dprk: error: w: is reversed on 2020-01-20 by its own history, on a day it was made "
        "of parts (p): what it does then is its parts' to record",
    )
    # made a part after it, or on the very day, it is accepted, as in the other order
    assert dprk("edit", "p", "--part-of", "w", "--date", "2020-01-20").code == 0
    assert dprk("check").code == 0
    assert dprk("undo").code == 0
    # in a file written so by hand, check finds it
    text = empty.read_text("utf-8").replace('id = "p"\n', 'id = "p"\npart_of = "w"\n')
    empty.write_text(text, "utf-8")
    result = dprk("check")
    assert result.code == 1 and "w: is reversed on 2020-01-20 by its own history" in result.out


@pytest.mark.parametrize("moved", [["p1"], ["p1", "p3"]], ids=["one-part", "two-parts"])
def test_a_whole_its_acted_parts_left_is_said_to_stand_as_before_from_the_day(dprk, empty, moved):
    """The Cuban withdrawal w acted through its part p1 (and p3); p1 (and p3) moved to
    y by an edit dated June 1989 took w back to agreed, from that day: the line said
    'w now agreed (it was implemented (intermediate))', which reads as a correction and
    names no day. It says w is agreed again from the edit's day, and why, as `show` and
    `status --as-of` have it."""
    for args in (
        ("add-measure", "W", "--actor", "DPRK", "--id", "w", "--status", "agreed"),
        ("add-measure", "Y", "--actor", "DPRK", "--id", "y", "--status", "agreed"),
        ("add-measure", "P1", "--actor", "DPRK", "--id", "p1", "--part-of", "w"),
        ("add-measure", "P2", "--actor", "DPRK", "--id", "p2", "--part-of", "w"),
        ("add-measure", "P3", "--actor", "DPRK", "--id", "p3", "--part-of", "w"),
        ("add-measure", "P4", "--actor", "DPRK", "--id", "p4", "--part-of", "w"),
    ):
        result = dprk(*args, "--date", "1988-12-22")
        assert result.code == 0, result.err
    for ident in moved:
        assert dprk("mark", ident, "implemented", "--date", "1989-01-10").code == 0
    was = "implemented (intermediate)" if len(moved) == 2 else "implemented (minimal)"
    edited = dprk("edit", *moved, "--part-of", "y", "--date", "1989-06-01")
    assert edited.code == 0, edited.err
    why = "its only acted part left" if len(moved) == 1 else "its acted parts left"
    assert edited.err.splitlines()[-1] == (
        f"{moved[-1]}: edited on 1989-06-01 (part_of: 'w' -> 'y'); w is agreed again from "
        f"1989-06-01: {why} (it was {was}); y now implemented (it was agreed)"
    )
    shown = json.loads(dprk("show", "w", "--format", "json").out)
    assert (shown["status"], shown["status_date"]) == ("agreed", "1989-06-01")
    for day, status in (("1989-05-31", "implemented"), ("1989-06-01", "agreed")):
        on = json.loads(dprk("status", "--as-of", day, "--format", "json").out)
        assert {m["id"]: m["status"] for m in on["measures"]}["w"] == status
    # (a misfiling corrected, dated the day the parts came: w never acted through them)
    assert dprk("undo").code == 0
    corrected = dprk("edit", *moved, "--part-of", "y", "--date", "1988-12-22")
    assert corrected.err.splitlines()[-1] == (
        f"{moved[-1]}: edited on 1988-12-22 (part_of: 'w' -> 'y'); w now agreed (it was "
        f"{was}); y now implemented from 1989-01-10 (it was agreed)"
    )
    assert [_stands(dprk, "y", day)[0] for day in ("1989-01-09", "1989-01-10")] == [
        "agreed",
        "implemented",
    ]


def test_an_edit_moving_two_parts_one_acted_says_its_only_acted_part_left(dprk, empty):
    """p1 (implemented) and p2 (not) moved out of w together: the edit said 'its acted
    parts left', counting the parts it moved, where the timeline counts those that had
    acted ('its only acted part left'). Both count those that had acted."""
    for args in (
        ("add-measure", "W", "--actor", "DPRK", "--id", "w", "--status", "agreed"),
        ("add-measure", "Y", "--actor", "DPRK", "--id", "y", "--status", "agreed"),
        ("add-measure", "P1", "--actor", "DPRK", "--id", "p1", "--part-of", "w"),
        ("add-measure", "P2", "--actor", "DPRK", "--id", "p2", "--part-of", "w"),
        ("add-measure", "P3", "--actor", "DPRK", "--id", "p3", "--part-of", "w"),
    ):
        assert dprk(*args, "--date", "1988-12-22").code == 0
    assert dprk("mark", "p1", "implemented", "--date", "1989-01-10").code == 0
    edited = dprk("edit", "p1", "p2", "--part-of", "y", "--date", "1989-06-01")
    assert edited.code == 0, edited.err
    assert edited.err.splitlines()[-1] == (
        "p2: edited on 1989-06-01 (part_of: 'w' -> 'y'); w is agreed again from 1989-06-01: "
        "its only acted part left (it was implemented (minimal)); y now implemented "
        "(intermediate) (it was agreed)"
    )
    before = empty.read_bytes()
    shown = json.loads(dprk("timeline", "--format", "json").out)
    assert [e["detail"] for e in shown["events"] if e["event"] == "parts" and e["id"] == "w"][
        -1
    ] == "again: its only acted part left"
    assert json.loads(dprk("show", "w", "--format", "json").out)["status"] == "agreed"
    assert empty.read_bytes() == before


@pytest.mark.parametrize("moved", [["p1"], ["p1", "p3"]], ids=["one-part", "two-parts"])
def test_the_timeline_says_a_whole_its_acted_parts_left_stands_so_again(dprk, empty, moved):
    """On the day p1 (and p3), the parts of w that had acted, moved to y, the timeline
    said 'w agreed, as its parts give it', though w then had no part that acted: it
    stood as its own history holds again. The row says so, and why, as `edit` did."""
    for args in (
        ("add-measure", "W", "--actor", "DPRK", "--id", "w", "--status", "agreed"),
        ("add-measure", "Y", "--actor", "DPRK", "--id", "y", "--status", "agreed"),
        ("add-measure", "P1", "--actor", "DPRK", "--id", "p1", "--part-of", "w"),
        ("add-measure", "P2", "--actor", "DPRK", "--id", "p2", "--part-of", "w"),
        ("add-measure", "P3", "--actor", "DPRK", "--id", "p3", "--part-of", "w"),
    ):
        assert dprk(*args, "--date", "1988-12-22").code == 0
    for ident in moved:
        assert dprk("mark", ident, "implemented", "--date", "1989-01-10").code == 0
    assert dprk("edit", *moved, "--part-of", "y", "--date", "1989-06-01").code == 0
    before = empty.read_bytes()
    why = "its only acted part left" if len(moved) == 1 else "its acted parts left"
    shown = dprk("timeline", "--format", "json")
    assert shown.code == 0, shown.err
    by_parts = [
        (e["date"], e["id"], e["status"], e["detail"])
        for e in json.loads(shown.out)["events"]
        if e["event"] == "parts"
    ]
    ext = "minimal" if len(moved) == 1 else "intermediate"
    assert by_parts == [
        ("1989-01-10", "w", "implemented", "as its parts give it"),
        ("1989-06-01", "w", "agreed", f"again: {why}"),
        ("1989-06-01", "y", "implemented", "as its parts give it"),
    ]
    table = dprk("timeline")
    assert table.code == 0, table.err
    rows = [" ".join(line.split()) for line in table.lines]
    assert f"1989-01-10 ○ w implemented ({ext}), as its parts give it" in rows
    assert f"1989-06-01 ○ w agreed again: {why}" in rows
    assert "1989-06-01 ○ y implemented (full), as its parts give it" in rows
    assert empty.read_bytes() == before


@pytest.mark.parametrize(
    ("step", "words"),
    [
        (("mark", "aghdam", "implemented", "--date", "2020-11-20"), "implemented"),
        (("verify", "aghdam", "--by", "OSCE", "--date", "2020-11-20"), "verified"),
        (("mark", "aghdam", "reversed", "--date", "2020-11-20"), "reversed"),
    ],
    ids=["mark", "verify", "reversed"],
)
def test_a_step_on_a_part_moved_since_names_the_wholes_it_was_in_from_its_day(
    dprk, empty, step, words
):
    """Aghdam, a part of the return of districts (rod), was moved to the withdrawal (wd) on
    18 November 2020 and back on the 21st; its step dated the 20th made wd so from then
    until the 21st, and rod so from the 21st (as `show --as-of` has them), but the line
    spoke of rod alone, as if the step had moved it on its own day. It names each whole
    in turn, and from which day, as the replay has them."""
    for args in (
        ("add-measure", "Return", "--actor", "DPRK", "--id", "rod", "--status", "agreed"),
        ("add-measure", "Withdraw", "--actor", "DPRK", "--id", "wd", "--status", "agreed"),
        ("add-measure", "Aghdam", "--actor", "DPRK", "--id", "aghdam", "--status", "agreed",
         "--part-of", "rod"),
    ):  # fmt: skip
        assert dprk(*args, "--date", "2020-11-10").code == 0
    assert dprk("edit", "aghdam", "--part-of", "wd", "--date", "2020-11-18").code == 0
    assert dprk("edit", "aghdam", "--part-of", "rod", "--date", "2020-11-21").code == 0
    if step[0] != "mark" or step[2] != "implemented":  # (a finding, a reversal: it acted)
        assert dprk("mark", "aghdam", "implemented", "--date", "2020-11-19").code == 0
    before = empty.read_bytes()
    done = dprk(*step)
    head = {
        "implemented": "aghdam: implemented on 2020-11-20",
        "verified": "aghdam: confirmed by OSCE on 2020-11-20; aghdam is verified",
        "reversed": "aghdam: reversed on 2020-11-20",
    }[words]
    assert (done.code, done.err) == (
        0,
        f"{head} (part of wd on that day: wd {words} from 2020-11-20 until 2020-11-21; part of "
        f"rod since 2020-11-21: rod {words} from 2020-11-21)\n",
    )
    for day, wd, rod in (("2020-11-20", words, "agreed"), ("2020-11-21", "agreed", words)):
        on = json.loads(dprk("status", "--as-of", day, "--format", "json").out)
        assert {m["id"]: m["status"] for m in on["measures"]} == {
            "aghdam": words, "wd": wd, "rod": rod,
        }  # fmt: skip
    # (the step is written on aghdam, and rod, a whole of it now, stores what it gives)
    written = _stored(empty)
    assert (written["aghdam"]["status"], written["rod"]["status"]) == (words, words)
    assert written["wd"]["status"] == "agreed"
    assert dprk("undo").code == 0
    assert empty.read_bytes() == before


def test_a_step_on_a_part_moved_since_names_each_state_of_its_former_whole_until_it_left(
    dprk, empty
):
    """a, a part of the withdrawal (wd) implemented on 1 July 2018, was moved to rod from
    1 August; b, wd's other part, was implemented on 10 July. The line said 'wd
    implemented (intermediate) from 2018-07-01 until 2018-07-10', the day wd next
    changed, read as the day a left; and of rod, which went on to full on 1 September
    through r2, 'until 2018-09-01', a stretch cut short. Each state a whole held while
    the part was in it is named, and the day the part left, as `--as-of` has them."""
    for args in (
        ("add-measure", "W", "--actor", "DPRK", "--id", "wd"),
        ("add-measure", "R", "--actor", "DPRK", "--id", "rod"),
        ("add-measure", "A", "--actor", "DPRK", "--id", "a", "--part-of", "wd"),
        ("add-measure", "B", "--actor", "DPRK", "--id", "b", "--part-of", "wd"),
        ("add-measure", "R2", "--actor", "DPRK", "--id", "r2", "--part-of", "rod"),
    ):
        assert dprk(*args, "--date", "2018-06-12").code == 0
    assert dprk("mark", "b", "implemented", "--date", "2018-07-10").code == 0
    assert dprk("mark", "r2", "implemented", "--date", "2018-09-01").code == 0
    assert dprk("edit", "a", "--part-of", "rod", "--date", "2018-08-01").code == 0
    before = empty.read_bytes()
    done = dprk("mark", "a", "implemented", "--date", "2018-07-01")
    assert (done.code, done.out, done.err) == (
        0,
        "",
        "a: implemented on 2018-07-01 (part of wd on that day: wd implemented (intermediate) "
        "from 2018-07-01, implemented from 2018-07-10, until a left it on 2018-08-01; part "
        "of rod since 2018-08-01: rod implemented (intermediate) from 2018-08-01, "
        "implemented from 2018-09-01)\n",
    )
    for day, wd, rod in (
        ("2018-07-01", "intermediate", "not-initiated"),
        ("2018-07-09", "intermediate", "not-initiated"),
        ("2018-07-10", "full", "not-initiated"),
        ("2018-07-31", "full", "not-initiated"),
        ("2018-08-01", "full", "intermediate"),  # (a left wd, which stood as before)
        ("2018-08-31", "full", "intermediate"),
        ("2018-09-01", "full", "full"),
    ):
        assert (_stands(dprk, "wd", day)[1], _stands(dprk, "rod", day)[1]) == (wd, rod), day
    assert _stored(empty)["a"]["status"] == "implemented"
    assert dprk("undo").code == 0
    assert empty.read_bytes() == before


def _two_parts_of_w(dprk, tmp_path):
    """A ledger of parties A and B, w made of p1 and p2 on 1 January 2020, p1
    implemented on 1 February: w implemented (intermediate) from then."""
    assert dprk("init", "--party", "A", "--party", "B").code == 0
    for args in (
        ("add-measure", "W", "--actor", "A", "--id", "w"),
        ("add-measure", "P1", "--actor", "A", "--id", "p1", "--part-of", "w"),
        ("add-measure", "P2", "--actor", "A", "--id", "p2", "--part-of", "w"),
    ):
        assert dprk(*args, "--date", "2020-01-01").code == 0
    assert dprk("mark", "p1", "implemented", "--date", "2020-02-01").code == 0
    return tmp_path / "dprk-ledger.toml"


def _w_on(dprk, day: str) -> tuple[str, str, str]:
    """w's status, extent and status_date as `status --as-of day --format json` has them."""
    w = on(dprk, "w", day)
    return w["status"], w["extent"], w["status_date"]


def test_a_step_on_a_part_moved_since_dates_its_former_whole_s_status_from_its_first_day(
    dprk, tmp_path
):
    """p2, a part of w until 10 February 2020, implemented on the 8th: w, implemented
    (intermediate) through p1 from the 1st, was in full from the 8th; the line said 'w
    implemented from 2020-02-08', the day its extent was reached, as if its status began
    then. Both days are said, as a whole's line says them (`_state_held`), the first
    the one `status --as-of` dates it by."""
    ledger = _two_parts_of_w(dprk, tmp_path)
    assert dprk("edit", "p2", "--no-part-of", "--date", "2020-02-10").code == 0
    before = ledger.read_bytes()
    done = dprk("mark", "p2", "implemented", "--date", "2020-02-08")
    assert (done.code, done.out, done.err) == (
        0,
        "",
        "p2: implemented on 2020-02-08 (part of w on that day: w implemented (intermediate) "
        "from 2020-02-01, in full from 2020-02-08, until p2 left it on 2020-02-10)\n",
    )
    for day, stood in (
        ("2020-02-01", ("implemented", "intermediate", "2020-02-01")),
        ("2020-02-07", ("implemented", "intermediate", "2020-02-01")),
        ("2020-02-08", ("implemented", "full", "2020-02-01")),
        ("2020-02-10", ("implemented", "full", "2020-02-01")),  # (p1 alone, full)
    ):
        assert _w_on(dprk, day) == stood, day
    assert on(dprk, "p2", "2020-02-10")["part_of"] is None
    assert _stored(ledger)["p2"]["status"] == "implemented"
    assert dprk("undo").code == 0
    assert ledger.read_bytes() == before


def test_a_step_redated_on_a_part_moved_since_names_its_former_whole_on_the_new_day(dprk, tmp_path):
    """p2 left w on 10 February 2020 and was implemented on the 15th; that step redated
    to the 8th made w, implemented (intermediate) through p1 from the 1st, in full from
    the 8th, but the line said 'p2 is implemented' alone: w stands as it did today
    (verified through p1). It says what `mark` of the step on that day says of w."""
    ledger = _two_parts_of_w(dprk, tmp_path)
    assert dprk("edit", "p2", "--no-part-of", "--date", "2020-02-10").code == 0
    assert dprk("mark", "p2", "implemented", "--date", "2020-02-15").code == 0
    assert dprk("verify", "p1", "--by", "IAEA", "--date", "2020-03-01").code == 0
    assert _w_on(dprk, "2020-02-08") == ("implemented", "intermediate", "2020-02-01")
    before = ledger.read_bytes()
    done = dprk("redate", "p2", "3", "2020-02-08")
    assert (done.code, done.out, done.err) == (
        0,
        "",
        "p2: entry 3 (implemented on 2020-02-15) now dated 2020-02-08 (now entry 2); p2 is "
        "now implemented (since 2020-02-08; it was implemented since 2020-02-15) (part of w on "
        "that day: w implemented (intermediate) from 2020-02-01, in full from 2020-02-08, until "
        "p2 left it on 2020-02-10)\n",
    )
    for day, stood in (
        ("2020-02-07", ("implemented", "intermediate", "2020-02-01")),
        ("2020-02-08", ("implemented", "full", "2020-02-01")),
        ("2020-02-10", ("implemented", "full", "2020-02-01")),
        ("2020-03-01", ("verified", "full", "2020-03-01")),  # (as today: no whole moved now)
    ):
        assert _w_on(dprk, day) == stood, day
    steps = [h for h in _stored(ledger)["p2"]["history"] if h["event"] == "status"]
    assert [(str(h["date"]), h["status"]) for h in steps] == [("2020-02-08", "implemented")]
    assert dprk("undo").code == 0
    assert ledger.read_bytes() == before


def test_a_part_removed_says_its_whole_is_back_on_its_own_history_from_the_day_and_why(
    dprk, tmp_path
):
    """w's parts p1 and p2 implemented on 1 and 5 February 2020, p1 taken out of w from 1
    March: p2 removed, w stands as its own history holds from the day p1 left (proposed
    from 1 March, as `status` and the timeline have it), but the line said 'w now
    proposed (it was implemented)', without the day or why, as `edit --part-of` says
    it. A removal says it in the same words."""
    ledger = _two_parts_of_w(dprk, tmp_path)
    assert dprk("mark", "p2", "implemented", "--date", "2020-02-05").code == 0
    assert dprk("edit", "p1", "--no-part-of", "--date", "2020-03-01").code == 0
    before = ledger.read_bytes()
    done = dprk("remove", "p2")
    assert (done.code, done.out, done.err) == (
        0,
        "",
        "p2: removed; w is proposed again from 2020-03-01: its only acted part left (it "
        "was implemented)\n",
    )
    for day, stood in (
        ("2020-02-01", ("implemented", "full", "2020-02-01")),  # (p1 alone, now)
        ("2020-02-29", ("implemented", "full", "2020-02-01")),
        ("2020-03-01", ("proposed", "not-initiated", "2020-03-01")),
    ):
        assert _w_on(dprk, day) == stood, day
    shown = dprk("timeline", "--format", "json")
    assert shown.code == 0, shown.err
    assert [
        (e["date"], e["status"], e["detail"])
        for e in json.loads(shown.out)["events"]
        if e["event"] == "parts"
    ] == [
        ("2020-02-01", "implemented", "as its parts give it"),
        ("2020-03-01", "proposed", "again: its only acted part left"),
    ]
    assert set(_stored(ledger)) == {"w", "p1"}
    assert dprk("undo").code == 0
    assert ledger.read_bytes() == before


def test_a_redated_move_of_a_whole_s_only_acted_part_says_from_which_day_it_is_back(dprk, tmp_path):
    """x's part x2, implemented on 10 January 2020, taken out of x from 1 February: x is
    proposed again from then. That edit redated to 22 January moved the day x went back
    to proposed, as `status` dates it, but the line named x2 alone: x's status and
    extent were as before, and one standing as its own history holds was not dated. It
    says from which day x is back, and why, in the words the edit used."""
    assert dprk("init", "--party", "A").code == 0
    for args in (
        ("X", "--id", "x"),
        ("X1", "--id", "x1", "--part-of", "x"),
        ("X2", "--id", "x2", "--part-of", "x"),
    ):
        assert dprk("add-measure", *args, "--actor", "A", "--date", "2020-01-01").code == 0
    assert dprk("mark", "x2", "implemented", "--date", "2020-01-10").code == 0
    assert dprk("edit", "x2", "--no-part-of", "--date", "2020-02-01").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    x = on(dprk, "x", "2020-02-01")
    assert (x["status"], x["status_date"]) == ("proposed", "2020-02-01")
    done = dprk("redate", "x2", "3", "2020-01-22")
    assert (done.code, done.out, done.err) == (
        0,
        "",
        "x2: entry 3 (the edit entry of 2020-02-01 (part_of: 'x' -> (none))) now dated "
        "2020-01-22; x2 is implemented; "
        "its part_of is now (none) (since 2020-01-22; it was since 2020-02-01); x is proposed "
        "again from 2020-01-22: its only acted part left (it was from 2020-02-01)\n",
    )
    for day, stood in (
        ("2020-01-21", ("implemented", "2020-01-10")),
        ("2020-01-22", ("proposed", "2020-01-22")),
        ("2020-02-01", ("proposed", "2020-01-22")),
    ):
        x = on(dprk, "x", day)
        assert (x["status"], x["status_date"]) == stood, day
    assert _status_days(dprk)["x"] == "2020-01-22"
    edits = [h for h in _stored(ledger)["x2"]["history"] if h["event"] == "edit"]
    assert [str(h["date"]) for h in edits] == ["2020-01-22"]
    assert dprk("undo").code == 0
    assert ledger.read_bytes() == before


def test_a_redated_move_of_a_whole_s_part_that_rewrites_its_past_says_so(dprk, tmp_path):
    """w's part q2, implemented on 1 February 2020, taken out of w from 1 March: w was
    implemented (intermediate) from then until 1 March. That edit redated to 10 January,
    q2's first day, leaves w agreed since 1 January, never acted, but the line named q2
    alone: w's state today was as before. It says how w now stands and the stretch of its
    record that is gone, as `status --as-of` has them."""
    assert dprk("init", "--party", "A").code == 0
    for args in (
        ("W", "--id", "w", "--date", "2020-01-01"),
        ("q1", "--id", "q1", "--part-of", "w", "--date", "2020-01-01"),
        ("q2", "--id", "q2", "--part-of", "w", "--date", "2020-01-10"),
    ):
        assert dprk("add-measure", *args, "--actor", "A", "--status", "agreed").code == 0
    assert dprk("mark", "q2", "implemented", "--date", "2020-02-01").code == 0
    assert dprk("edit", "q2", "--no-part-of", "--date", "2020-03-01").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    for day, stood in (
        ("2020-02-01", ("implemented", "intermediate", "2020-02-01")),
        ("2020-03-01", ("agreed", "not-initiated", "2020-03-01")),
    ):
        w = on(dprk, "w", day)
        assert (w["status"], w["extent"], w["status_date"]) == stood, day
    done = dprk("redate", "q2", "3", "2020-01-10")
    assert (done.code, done.out, done.err) == (
        0,
        "",
        "q2: entry 3 (the edit entry of 2020-03-01 (part_of: 'w' -> (none))) now dated "
        "2020-01-10 (now entry 2); q2 is "
        "implemented; its part_of is now (none) (since 2020-01-10; it was since 2020-03-01); w "
        "is agreed from 2020-01-01 on; it no longer acted (it was implemented (intermediate) "
        "from 2020-02-01 to 2020-03-01)\n",
    )
    for day in ("2020-01-01", "2020-02-01", "2020-03-01"):
        w = on(dprk, "w", day)
        assert (w["status"], w["extent"], w["status_date"]) == (
            "agreed",
            "not-initiated",
            "2020-01-01",
        ), day
    edits = [h for h in _stored(ledger)["q2"]["history"] if h["event"] == "edit"]
    assert [str(h["date"]) for h in edits] == ["2020-01-10"]
    assert dprk("undo").code == 0
    assert ledger.read_bytes() == before


_FOURTH_PART_GONE = {
    "remove": (("remove", "p4"), "p4: removed"),
    "edit": (
        ("edit", "p4", "--no-part-of", "--date", "2001-01-01"),
        "p4: edited on 2001-01-01 (part_of: 'w' -> (none))",
    ),
    "redate": (
        ("redate", "p4", "2", "2001-04-01"),
        "p4: entry 2 (implemented on 2001-06-01) now dated 2001-04-01; p4 is verified",
    ),
}


@pytest.mark.parametrize("change", list(_FOURTH_PART_GONE))
def test_a_whole_s_past_moved_from_one_extent_to_another_says_what_it_was(dprk, tmp_path, change):
    """w made of p1 to p4, implemented on 1 February, 1 March, 1 April and 1 June 2001
    and all verified on 1 June: w was implemented (intermediate) from 1 March to 1 June.
    p4 removed, moved out from its first day or its step redated to 1 April makes it
    implemented in full from 1 April, verified from 1 June as before; the line said the
    new stretch 'implemented' and that it 'was not so', where it was intermediate over
    those days. It says both, the extent and the same days, as `status --as-of` has them."""
    assert dprk("init", "--party", "A").code == 0
    assert dprk("add-measure", "Whole", "--actor", "A", "--id", "w", "--status", "agreed",
                "--date", "2001-01-01").code == 0  # fmt: skip
    for p in ("p1", "p2", "p3", "p4"):
        assert dprk("add-measure", f"Part {p}", "--actor", "A", "--id", p, "--part-of", "w",
                    "--status", "agreed", "--date", "2001-01-01").code == 0  # fmt: skip
    for p, day in (("p1", "02-01"), ("p2", "03-01"), ("p3", "04-01"), ("p4", "06-01")):
        assert dprk("mark", p, "implemented", "--date", f"2001-{day}").code == 0
    assert dprk("verify", "p1", "p2", "p3", "p4", "--by", "V", "--date", "2001-06-01").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    stood = {"2001-04-15": ("implemented", "intermediate"), "2001-06-01": ("verified", "full")}
    for day, state in stood.items():
        assert (on(dprk, "w", day)["status"], on(dprk, "w", day)["extent"]) == state, day
    args, line = _FOURTH_PART_GONE[change]
    done = dprk(*args)
    assert (done.code, done.out, done.err) == (
        0,
        "",
        f"{line}; w is verified from 2001-06-01 on; in its past now implemented in full from "
        "2001-04-01 to 2001-06-01 (it was implemented (intermediate) from 2001-04-01 to "
        "2001-06-01)\n",
    )
    assert ledger.read_bytes() != before
    assert ("p4" in _stored(ledger)) == (change != "remove")
    for day in ("2001-04-01", "2001-04-15", "2001-05-31"):
        w = on(dprk, "w", day)
        assert (w["status"], w["extent"], w["status_date"]) == (
            "implemented",
            "full",
            "2001-02-01",
        ), day
    w = on(dprk, "w", "2001-03-31")
    assert (w["status"], w["extent"]) == ("implemented", "intermediate")
    w = on(dprk, "w", "2001-06-01")
    assert (w["status"], w["extent"], w["status_date"]) == ("verified", "full", "2001-06-01")
    assert dprk("undo").code == 0
    assert ledger.read_bytes() == before


_TABA_JOINS = {
    "edit": (
        ("edit", "t", "--part-of", "w", "--date", "1982-04-25"),
        "t: edited on 1982-04-25 (part_of: (none) -> 'w')",
    ),
    "redate": (
        ("redate", "t", "2", "1982-04-25"),
        "t: entry 2 (the edit entry of 1989-03-15 (part_of: (none) -> 'w')) now dated "
        "1982-04-25; t is verified; its "
        "part_of is now w (since 1982-04-25; it was since 1989-03-15)",
    ),
}


@pytest.mark.parametrize("change", list(_TABA_JOINS))
def test_a_whole_s_past_lowered_to_the_extent_it_held_before_says_what_it_now_was(
    dprk, tmp_path, change
):
    """w made of p1 and p2, implemented on 25 January 1980 and 25 April 1982, all verified
    on 15 March 1989: w implemented (intermediate), in full from 25 April 1982. t, which
    acted on 15 March 1989, made a part of w from 25 April 1982 (or its edit redated to
    then) leaves w intermediate over those days, and the line said 'it no longer was so'
    of them, never what w now was. It says so, as the mirror case does: 'in its past now
    implemented (intermediate) from ... (it was implemented in full ...)'."""
    assert dprk("init", "--party", "Egypt", "--party", "Israel").code == 0
    for args in (
        ("Sinai", "--id", "w", "--status", "agreed"),
        ("Interim", "--id", "p1", "--part-of", "w", "--status", "agreed"),
        ("Final", "--id", "p2", "--part-of", "w", "--status", "agreed"),
    ):
        assert dprk("add-measure", *args, "--actor", "Israel", "--date", "1979-03-26").code == 0
    for args in (
        ("mark", "p1", "implemented", "--date", "1980-01-25"),
        ("verify", "p1", "--by", "MFO", "--date", "1980-01-25"),
        ("mark", "p2", "implemented", "--date", "1982-04-25"),
        ("verify", "p2", "--by", "Egypt", "--result", "refuted", "--date", "1982-04-26"),
        ("add-measure", "Taba", "--actor", "Israel", "--id", "t", "--date", "1982-04-25"),
        ("mark", "t", "implemented", "--date", "1989-03-15"),
        ("verify", "t", "--by", "MFO", "--date", "1989-03-15"),
        ("verify", "p2", "--by", "Egypt", "--date", "1989-03-15"),
    ):
        assert dprk(*args).code == 0, args
    if change == "redate":
        assert dprk("edit", "t", "--part-of", "w", "--date", "1989-03-15").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    w = on(dprk, "w", "1985-01-01")
    assert (w["status"], w["extent"]) == ("implemented", "full")
    args, line = _TABA_JOINS[change]
    done = dprk(*args)
    assert (done.code, done.out, done.err) == (
        0,
        "",
        f"{line}; w is verified from 1989-03-15 on; in its past now implemented "
        "(intermediate) from 1982-04-25 to 1989-03-15 (it was implemented in full from "
        "1982-04-25 to 1989-03-15)\n",
    )
    assert ledger.read_bytes() != before
    assert _stored(ledger)["t"]["part_of"] == "w"
    for day in ("1982-04-25", "1985-01-01", "1989-03-14"):
        w = on(dprk, "w", day)
        assert (w["status"], w["extent"]) == ("implemented", "intermediate"), day
    w = on(dprk, "w", "1989-03-15")
    assert (w["status"], w["extent"], w["status_date"]) == ("verified", "full", "1989-03-15")
    assert dprk("undo").code == 0
    assert ledger.read_bytes() == before


def test_a_part_removed_that_alone_had_acted_for_a_while_says_what_its_whole_now_was(
    dprk, tmp_path
):
    """w made of p1 and p2, implemented in 1980 and 1985, both verified in 1989: p1
    removed leaves w agreed until 1985, where it was intermediate, and the line said 'it
    no longer was so' of those years. It says what w now was over them."""
    assert dprk("init", "--party", "A").code == 0
    for ident in ("w", "p1", "p2"):
        part = () if ident == "w" else ("--part-of", "w")
        assert dprk("add-measure", ident.upper(), "--actor", "A", "--id", ident, *part,
                    "--status", "agreed", "--date", "1979-01-01").code == 0  # fmt: skip
    assert dprk("mark", "p1", "implemented", "--date", "1980-01-01").code == 0
    assert dprk("mark", "p2", "implemented", "--date", "1985-01-01").code == 0
    assert dprk("verify", "p1", "p2", "--by", "V", "--date", "1989-01-01").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    done = dprk("remove", "p1")
    assert (done.code, done.out, done.err) == (
        0,
        "",
        "p1: removed; w is verified from 1989-01-01 on; in its past now agreed from "
        "1980-01-01 to 1985-01-01 (it was implemented (intermediate) from 1980-01-01 to "
        "1985-01-01)\n",
    )
    assert "p1" not in _stored(ledger)
    w = on(dprk, "w", "1982-01-01")
    assert (w["status"], w["extent"]) == ("agreed", "not-initiated")
    assert dprk("undo").code == 0
    assert ledger.read_bytes() == before


def test_a_part_moved_or_redated_says_the_day_its_whole_came_to_an_extent_on_the_way(
    dprk, tmp_path
):
    """w made of p1, p2 and p3, implemented on 1 February, 1 March and 1 April 2020: w
    implemented (minimal) from February, intermediate from March, in full from April. p2
    moved to v from 15 February made w intermediate from then, and p2's step redated to
    20 February from the 20th, but neither line named w: its state, and the days its
    status and its extent today began, were as before. Each says w's days, in the words
    a dated edit of part_of uses, as `status --as-of` has them."""
    assert dprk("init", "--party", "A").code == 0
    for args in (
        ("W", "--id", "w"),
        ("V", "--id", "v"),
        *((p, "--id", p, "--part-of", "w") for p in ("p1", "p2", "p3")),
    ):
        assert dprk("add-measure", *args, "--actor", "A", "--date", "2020-01-01",
                    "--status", "agreed").code == 0  # fmt: skip
    for p, day in (("p1", "2020-02-01"), ("p2", "2020-03-01"), ("p3", "2020-04-01")):
        assert dprk("mark", p, "implemented", "--date", day).code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()

    def w_on(day: str) -> tuple[str, str, str]:
        w = on(dprk, "w", day)
        return w["status"], w["extent"], w["status_date"]

    assert w_on("2020-02-15") == ("implemented", "minimal", "2020-02-01")
    assert w_on("2020-03-01") == ("implemented", "intermediate", "2020-02-01")
    was = (
        "(it was implemented (minimal) from 2020-02-01, intermediate from 2020-03-01, in full "
        "from 2020-04-01)"
    )
    moved = dprk("edit", "p2", "--part-of", "v", "--date", "2020-02-15")
    assert (moved.code, moved.out, moved.err) == (
        0,
        "",
        "p2: edited on 2020-02-15 (part_of: 'w' -> 'v'); w now implemented (minimal) from "
        f"2020-02-01, intermediate from 2020-02-15, in full from 2020-04-01 {was}; v now "
        "implemented from 2020-03-01 (it was agreed)\n",
    )
    assert w_on("2020-02-14") == ("implemented", "minimal", "2020-02-01")
    assert w_on("2020-02-15") == ("implemented", "intermediate", "2020-02-01")
    assert w_on("2020-04-01") == ("implemented", "full", "2020-02-01")
    assert _stored(ledger)["p2"]["part_of"] == "v"
    assert dprk("undo").code == 0
    assert ledger.read_bytes() == before

    redated = dprk("redate", "p2", "2", "2020-02-20")
    assert (redated.code, redated.out, redated.err) == (
        0,
        "",
        "p2: entry 2 (implemented on 2020-03-01) now dated 2020-02-20; p2 is now implemented "
        "(since 2020-02-20; it was implemented since 2020-03-01); w now implemented (minimal) "
        f"from 2020-02-01, intermediate from 2020-02-20, in full from 2020-04-01 {was}\n",
    )
    assert w_on("2020-02-19") == ("implemented", "minimal", "2020-02-01")
    assert w_on("2020-02-20") == ("implemented", "intermediate", "2020-02-01")
    assert w_on("2020-04-01") == ("implemented", "full", "2020-02-01")
    assert _stored(ledger)["p2"]["history"][1]["date"] == date(2020, 2, 20)
    assert dprk("undo").code == 0
    assert ledger.read_bytes() == before


def test_a_part_moved_out_or_added_says_both_days_of_a_whole_whose_status_began_before(
    dprk, tmp_path
):
    """x made of a (implemented in part on 1 February 2020) and b (implemented 1 March):
    a taken out of x from 1 April leaves x implemented since February, in full from April,
    and b added to x made of a alone (implemented 1 February) on 1 April leaves x
    implemented since February, intermediate from April; but the lines said 'x now
    implemented', 'x now implemented (intermediate)', as though from the change's day.
    Each says both days, the first the one `status` shows, as a redate of it does."""
    assert dprk("init", "--party", "A").code == 0
    for args in (("X", "--id", "x"), *((p, "--id", p, "--part-of", "x") for p in "ab")):
        assert dprk("add-measure", *args, "--actor", "A", "--date", "2020-01-01",
                    "--status", "agreed").code == 0  # fmt: skip
    assert dprk("mark", "a", "implemented", "--extent", "mid", "--date", "2020-02-01").code == 0
    assert dprk("mark", "b", "implemented", "--date", "2020-03-01").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()

    def x_on(day: str) -> tuple[str, str, str]:
        x = on(dprk, "x", day)
        return x["status"], x["extent"], x["status_date"]

    assert x_on("2020-03-01") == ("implemented", "intermediate", "2020-02-01")
    out = dprk("edit", "a", "--no-part-of", "--date", "2020-04-01")
    assert (out.code, out.out, out.err) == (
        0,
        "",
        "a: edited on 2020-04-01 (part_of: 'x' -> (none)); x now implemented (intermediate) "
        "from 2020-02-01, in full from 2020-04-01 (it was implemented (intermediate))\n",
    )
    assert x_on("2020-03-31") == ("implemented", "intermediate", "2020-02-01")
    assert x_on("2020-04-01") == ("implemented", "full", "2020-02-01")
    assert _status_days(dprk)["x"] == "2020-02-01"
    assert _stored(ledger)["a"].get("part_of") is None
    assert dprk("undo").code == 0
    assert ledger.read_bytes() == before

    assert dprk("remove", "b").code == 0
    assert x_on("2020-02-01") == ("implemented", "intermediate", "2020-02-01")
    assert dprk("mark", "a", "implemented", "--date", "2020-02-01").code == 0
    assert x_on("2020-02-01") == ("implemented", "full", "2020-02-01")
    alone = ledger.read_bytes()
    added = dprk("add-measure", "c", "--actor", "A", "--id", "c", "--part-of", "x",
                 "--date", "2020-04-01", "--status", "agreed")  # fmt: skip
    assert (added.code, added.out, added.err) == (
        0,
        "c\n",
        "c: added as a part of x; x now implemented from 2020-02-01, intermediate from "
        "2020-04-01 (it was implemented)\n",
    )
    assert x_on("2020-03-31") == ("implemented", "full", "2020-02-01")
    assert x_on("2020-04-01") == ("implemented", "intermediate", "2020-02-01")
    assert _stored(ledger)["c"]["part_of"] == "x"
    assert dprk("undo").code == 0
    assert ledger.read_bytes() == alone


def test_a_part_s_step_on_a_past_day_names_the_days_its_whole_came_to_its_state(dprk, tmp_path):
    """w made of p1 and p2, p1 implemented on 1 February 2020: p2 implemented on 15
    January made w implemented (intermediate) from then, in full from 1 February, and
    p2 confirmed on 15 February made w verified only from 10 March, when p1 was; but
    the lines said 'now implemented', 'now verified', as though from the step's day.
    They say the whole's days, where they are not the step's, as `status --as-of` has
    them; a step whose day is the whole's keeps the words it had."""
    assert dprk("init", "--party", "A").code == 0
    for args in (
        ("W", "--id", "w"),
        ("P1", "--id", "p1", "--part-of", "w"),
        ("P2", "--id", "p2", "--part-of", "w"),
    ):
        assert dprk("add-measure", *args, "--actor", "A", "--date", "2020-01-01").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    marked = dprk("mark", "p1", "implemented", "--date", "2020-02-01")
    assert (marked.code, marked.err) == (
        0,
        "p1: implemented on 2020-02-01 (part of w, now implemented (intermediate))\n",
    )
    before = ledger.read_bytes()
    marked = dprk("mark", "p2", "implemented", "--date", "2020-01-15")
    assert (marked.code, marked.out, marked.err) == (
        0,
        "",
        "p2: implemented on 2020-01-15 (part of w, now implemented (intermediate) from "
        "2020-01-15, in full from 2020-02-01 (it was implemented (intermediate) from "
        "2020-02-01))\n",
    )
    assert _w_on(dprk, "2020-01-14") == ("proposed", "not-initiated", "2020-01-01")
    assert _w_on(dprk, "2020-01-15") == ("implemented", "intermediate", "2020-01-15")
    assert _w_on(dprk, "2020-02-01") == ("implemented", "full", "2020-01-15")
    steps = [h for h in _stored(ledger)["p2"]["history"] if h["event"] == "status"]
    assert [(str(h["date"]), h["status"]) for h in steps] == [("2020-01-15", "implemented")]
    assert dprk("undo").code == 0
    assert ledger.read_bytes() == before
    assert dprk("mark", "p2", "implemented", "--date", "2020-01-15").code == 0

    found = dprk("verify", "p1", "--by", "IAEA", "--date", "2020-03-10")
    assert (found.code, found.err) == (
        0,
        "p1: confirmed by IAEA on 2020-03-10; p1 is verified (part of w, still implemented)\n",
    )
    before = ledger.read_bytes()
    found = dprk("verify", "p2", "--by", "IAEA", "--date", "2020-02-15")
    assert (found.code, found.out, found.err) == (
        0,
        "",
        "p2: confirmed by IAEA on 2020-02-15; p2 is verified (part of w, now verified from "
        "2020-03-10)\n",
    )
    assert _w_on(dprk, "2020-03-09") == ("implemented", "full", "2020-01-15")
    assert _w_on(dprk, "2020-03-10") == ("verified", "full", "2020-03-10")
    assert [(str(v["date"]), v["by"]) for v in _stored(ledger)["p2"]["verifications"]] == [
        ("2020-02-15", "IAEA")
    ]
    assert dprk("undo").code == 0
    assert ledger.read_bytes() == before


def test_a_part_s_late_step_in_full_says_the_day_its_whole_came_to_full(dprk, tmp_path):
    """w made of a, implemented on 10 January 2019, and b, implemented (intermediate) on
    the 5th: w implemented (intermediate) from the 5th. b implemented in full on 1 March
    brought w to full that day, its status still from the 5th, and the line said 'now
    implemented', as though w had been implemented in full since. It says both days, as
    an edit's or a redate's line does, as `status --as-of` has them."""
    assert dprk("init", "--party", "A", "--party", "B").code == 0
    for args in (
        ("W", "--id", "w"),
        ("A", "--id", "a", "--part-of", "w"),
        ("B", "--id", "b", "--part-of", "w"),
    ):
        assert dprk("add-measure", *args, "--actor", "A", "--status", "agreed",
                    "--date", "2019-01-01").code == 0  # fmt: skip
    assert dprk("mark", "a", "implemented", "--date", "2019-01-10").code == 0
    assert dprk("mark", "b", "implemented", "--extent", "intermediate", "--date",
                "2019-01-05").code == 0  # fmt: skip
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    marked = dprk("mark", "b", "implemented", "--date", "2019-03-01")
    assert (marked.code, marked.out, marked.err) == (
        0,
        "",
        "b: implemented in full on 2019-03-01; implemented since 2019-01-05 (part of w, now "
        "implemented (intermediate) from 2019-01-05, in full from 2019-03-01)\n",
    )
    assert _w_on(dprk, "2019-01-04") == ("agreed", "not-initiated", "2019-01-01")
    assert _w_on(dprk, "2019-01-05") == ("implemented", "intermediate", "2019-01-05")
    assert _w_on(dprk, "2019-02-28") == ("implemented", "intermediate", "2019-01-05")
    assert _w_on(dprk, "2019-03-01") == ("implemented", "full", "2019-01-05")
    steps = [h for h in _stored(ledger)["b"]["history"] if h["event"] == "status"]
    assert [(str(h["date"]), h.get("extent")) for h in steps] == [
        ("2019-01-05", "intermediate"),
        ("2019-03-01", None),
    ]
    assert dprk("undo").code == 0
    assert ledger.read_bytes() == before


def test_a_part_s_step_that_moves_its_whole_s_day_alone_says_from_which_day(dprk, tmp_path):
    """w made of p1 and p2, p1 implemented on 11 January 2020, then found intermediate on
    the 10th: w, implemented (intermediate) from the 11th, is so from the 10th, but the
    line said 'still implemented (intermediate)', its state the same. A whole whose day
    alone moved is said from which day it now stands, and from which it did, as other
    lines word it, as `status --as-of` has them."""
    assert dprk("init", "--party", "A", "--party", "B").code == 0
    for args in (
        ("W", "--id", "w"),
        ("P1", "--id", "p1", "--part-of", "w"),
        ("P2", "--id", "p2", "--part-of", "w"),
    ):
        assert dprk("add-measure", *args, "--actor", "A", "--status", "agreed",
                    "--date", "2020-01-01").code == 0  # fmt: skip
    assert dprk("mark", "p1", "implemented", "--date", "2020-01-11").code == 0
    assert _w_on(dprk, "2020-01-10") == ("agreed", "not-initiated", "2020-01-01")
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    marked = dprk("mark", "p1", "implemented", "--extent", "intermediate", "--date", "2020-01-10")
    assert (marked.code, marked.out, marked.err) == (
        0,
        "",
        "p1: recorded implemented (intermediate) on 2020-01-10; p1 is now implemented (since "
        "2020-01-10; in full since 2020-01-11; it was implemented since 2020-01-11) (part of "
        "w, now implemented (intermediate) from 2020-01-10 (it was implemented (intermediate) "
        "from 2020-01-11))\n",
    )
    assert _w_on(dprk, "2020-01-09") == ("agreed", "not-initiated", "2020-01-01")
    assert _w_on(dprk, "2020-01-10") == ("implemented", "intermediate", "2020-01-10")
    assert _w_on(dprk, "2020-01-11") == ("implemented", "intermediate", "2020-01-10")
    steps = [h for h in _stored(ledger)["p1"]["history"] if h["event"] == "status"]
    assert [(str(h["date"]), h.get("extent")) for h in steps] == [
        ("2020-01-10", "intermediate"),
        ("2020-01-11", None),
    ]
    assert dprk("undo").code == 0
    assert ledger.read_bytes() == before


def test_a_part_s_step_before_its_whole_s_state_began_says_what_it_was(dprk, tmp_path):
    """w, implemented (intermediate) from 8 February 2010 by a later part, got its early
    part implemented on 15 February 2007: w is implemented in full from 2007, but the line
    said 'now implemented', as though w had just come to it from the step's day, hiding
    that it was implemented (intermediate) from 2010. A step dated before the day its
    whole came to the state it leaves says both states and the day each began, as a
    redate's or a dropped entry's line does."""
    assert dprk("init", "--party", "A", "--party", "B").code == 0
    assert dprk("add-measure", "Whole", "--actor", "A", "--id", "w", "--date", "2006-11-21",
                "--status", "agreed").code == 0  # fmt: skip
    assert dprk("add-measure", "Later part", "--actor", "A", "--id", "p2",
                "--part-of", "w").code == 0  # fmt: skip
    assert dprk("mark", "p2", "implemented", "--date", "2010-02-08").code == 0
    assert dprk("add-measure", "Early part", "--actor", "A", "--id", "p1", "--part-of", "w",
                "--date", "2006-11-21", "--status", "agreed").code == 0  # fmt: skip
    assert _w_on(dprk, "2026-01-01")[:2] == ("implemented", "intermediate")
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    marked = dprk("mark", "p1", "implemented", "--date", "2007-02-15")
    assert (marked.code, marked.out, marked.err) == (
        0,
        "",
        "p1: implemented on 2007-02-15 (part of w, now implemented from 2007-02-15 (it was "
        "implemented (intermediate) from 2010-02-08))\n",
    )
    assert _w_on(dprk, "2007-02-14") == ("agreed", "not-initiated", "2006-11-21")
    assert _w_on(dprk, "2007-02-15") == ("implemented", "full", "2007-02-15")
    assert dprk("undo").code == 0
    assert ledger.read_bytes() == before
    # its extent now reached on another day than the step's: each day, and what it was
    assert dprk("mark", "p2", "implemented", "--extent", "intermediate", "--date",
                "2010-02-08").code == 0  # fmt: skip
    assert dprk("mark", "p2", "implemented", "--date", "2012-05-01").code == 0
    assert _w_on(dprk, "2012-05-01") == ("implemented", "intermediate", "2010-02-08")
    before = ledger.read_bytes()
    marked = dprk("mark", "p1", "implemented", "--date", "2007-02-15")
    assert (marked.code, marked.out, marked.err) == (
        0,
        "",
        "p1: implemented on 2007-02-15 (part of w, now implemented from 2007-02-15, "
        "intermediate from 2010-02-08, in full from 2012-05-01 (it was implemented "
        "(intermediate) from 2010-02-08))\n",
    )
    # (p2, a part from its first step on: w was made of p1 alone before)
    assert _w_on(dprk, "2007-02-15") == ("implemented", "full", "2007-02-15")
    assert _w_on(dprk, "2010-02-08") == ("implemented", "intermediate", "2007-02-15")
    assert _w_on(dprk, "2012-05-01") == ("implemented", "full", "2007-02-15")
    assert dprk("undo").code == 0
    assert ledger.read_bytes() == before
    # its state as it was, from an earlier day (p1 in part): that day moved alone
    marked = dprk("mark", "p1", "implemented", "--extent", "minimal", "--date", "2007-02-15")
    assert (marked.code, marked.out, marked.err) == (
        0,
        "",
        "p1: implemented (minimal) on 2007-02-15 (part of w, now implemented (intermediate) "
        "from 2007-02-15 (it was implemented (intermediate) from 2010-02-08))\n",
    )
    assert dprk("undo").code == 0
    assert ledger.read_bytes() == before
    # a step after the day its whole's state began: what it came to, as before
    marked = dprk("mark", "p1", "implemented", "--date", "2013-01-10")
    assert (marked.code, marked.out, marked.err) == (
        0,
        "",
        "p1: implemented on 2013-01-10 (part of w, now implemented (intermediate) from "
        "2010-02-08, in full from 2013-01-10)\n",
    )


def test_a_part_moved_or_removed_says_how_its_wholes_now_stand(dprk, empty):
    """mark and verify named the whole's new status; a part moved to another whole, or
    removed, changed both wholes' status without a word."""
    for args in (
        ("add-measure", "W", "--actor", "DPRK", "--id", "w", "--date", "2018-06-01",
         "--status", "agreed"),
        ("add-measure", "W2", "--actor", "DPRK", "--id", "w2", "--date", "2018-06-01",
         "--status", "agreed"),
        ("add-measure", "P", "--actor", "DPRK", "--id", "p", "--date", "2018-06-01",
         "--part-of", "w"),
        ("mark", "p", "implemented", "--date", "2018-07-01"),
    ):  # fmt: skip
        assert dprk(*args).code == 0
    moved = dprk("edit", "p", "--part-of", "w2", "--date", "2018-08-01")
    assert (moved.code, moved.err) == (
        0,
        "p: edited on 2018-08-01 (part_of: 'w' -> 'w2'); w is agreed again from 2018-08-01: "
        "its only acted part left (it was implemented); w2 now implemented (it was agreed)\n",
    )
    states = {
        m["id"]: m["status"] for m in json.loads(dprk("status", "-f", "json").out)["measures"]
    }
    assert (states["w"], states["w2"]) == ("agreed", "implemented")
    assert dprk("undo").code == 0
    removed = dprk("remove", "p")
    assert (removed.code, removed.err) == (0, "p: removed; w now agreed (it was implemented)\n")
    assert dprk("undo").code == 0
    titled = dprk("edit", "p", "--title", "P2")
    assert titled.err == f"p: edited on {today()} (title: 'P' -> 'P2')\n"
    # (a redate that moves the day p joined a whole past the day it left moves that whole
    # too, and says so: it said how p stood alone)
    assert dprk("add-measure", "P3", "--actor", "DPRK", "--id", "p3", "--date", "2018-01-01",
                "--status", "implemented").code == 0  # fmt: skip
    assert dprk("edit", "p3", "--part-of", "w2", "--date", "2018-02-01").code == 0
    assert dprk("edit", "p3", "--no-part-of", "--date", "2018-03-01").code == 0
    redated = dprk("redate", "p3", "2", "2018-03-10")
    assert (redated.code, redated.err) == (
        0,
        "p3: entry 2 (the edit entry of 2018-02-01 (part_of: (none) -> 'w2')) now dated "
        "2018-03-10 (now entry 3); p3 is "
        "implemented; its part_of is now w2 (since 2018-03-10); w2 now implemented from "
        "2018-06-01 (it was agreed)\n",
    )
    assert _stands(dprk, "w2", "2018-06-01") == ("implemented", "full")  # (made that day)
    assert json.loads(dprk("show", "w2", "-f", "json").out)["status"] == "implemented"


def _stands(dprk, ident: str, day: str) -> tuple[str, str]:
    """How `status --as-of day` and `show --as-of day` have the measure: status (extent)."""
    listed = on(dprk, ident, day)
    shown = json.loads(dprk("show", ident, "--as-of", day, "--format", "json").out)
    assert (shown["status"], shown["extent"]) == (listed["status"], listed["extent"]), day
    return listed["status"], listed["extent"]


def test_a_dated_edit_of_part_of_says_from_which_day_each_whole_it_moved_stands(dprk, empty):
    """wd's parts a and b verified on 10 and 11 July 2018, b let go of from the 5th: wd
    is verified from the 10th, not the 11th, but the line named no whole, its status
    and extent unchanged. stand (implemented on 23 July) moved from wd to rod from 1
    July: rod is implemented from the 23rd, and wd, through its other part alone, in
    full from the 10th (it read intermediate until the 23rd), but the line said 'rod now
    implemented' alone, without a day. Each whole the edit moved, its state or the day
    it began, is said from which day it stands so, as `--as-of` has it."""
    for args in (
        ("add-measure", "W", "--actor", "DPRK", "--id", "wd"),
        ("add-measure", "A", "--actor", "DPRK", "--id", "a", "--part-of", "wd"),
        ("add-measure", "B", "--actor", "DPRK", "--id", "b", "--part-of", "wd"),
    ):
        assert dprk(*args, "--date", "2018-06-12").code == 0
    for args in (
        ("mark", "a", "implemented", "--date", "2018-07-01"),
        ("mark", "b", "implemented", "--date", "2018-07-02"),
        ("verify", "a", "--by", "US", "--date", "2018-07-10"),
        ("verify", "b", "--by", "US", "--date", "2018-07-11"),
    ):
        assert dprk(*args).code == 0
    assert _stands(dprk, "wd", "2018-07-10") == ("implemented", "full")
    assert _stands(dprk, "wd", "2018-07-11") == ("verified", "full")
    before = empty.read_bytes()
    let_go = dprk("edit", "b", "--no-part-of", "--date", "2018-07-05")
    assert (let_go.code, let_go.out, let_go.err) == (
        0,
        "",
        "b: edited on 2018-07-05 (part_of: 'wd' -> (none)); wd now verified from "
        "2018-07-10 (it was verified from 2018-07-11)\n",
    )
    assert _stands(dprk, "wd", "2018-07-09") == ("implemented", "full")
    assert _stands(dprk, "wd", "2018-07-10") == ("verified", "full")
    assert "part_of" not in _stored(empty)["b"]
    assert dprk("undo").code == 0
    assert empty.read_bytes() == before

    for args in (
        ("add-measure", "R", "--actor", "DPRK", "--id", "rod"),
        ("add-measure", "V", "--actor", "DPRK", "--id", "v"),
        ("add-measure", "O", "--actor", "DPRK", "--id", "other", "--part-of", "v"),
        ("add-measure", "S", "--actor", "DPRK", "--id", "stand", "--part-of", "v"),
    ):
        assert dprk(*args, "--date", "2018-06-12").code == 0
    assert dprk("mark", "other", "implemented", "--date", "2018-07-10").code == 0
    assert dprk("mark", "stand", "implemented", "--date", "2018-07-23").code == 0
    assert _stands(dprk, "v", "2018-07-15") == ("implemented", "intermediate")
    assert _stands(dprk, "v", "2018-07-23") == ("implemented", "full")
    before = empty.read_bytes()
    moved = dprk("edit", "stand", "--part-of", "rod", "--date", "2018-07-01")
    assert (moved.code, moved.out, moved.err) == (
        0,
        "",
        "stand: edited on 2018-07-01 (part_of: 'v' -> 'rod'); v now implemented from "
        "2018-07-10 (it was implemented (intermediate) from 2018-07-10, in full from "
        "2018-07-23); rod now "
        "implemented from 2018-07-23 (it was proposed)\n",
    )
    assert _stands(dprk, "v", "2018-07-09") == ("proposed", "not-initiated")
    assert _stands(dprk, "v", "2018-07-10") == ("implemented", "full")
    assert _stands(dprk, "rod", "2018-07-22") == ("proposed", "not-initiated")
    assert _stands(dprk, "rod", "2018-07-23") == ("implemented", "full")
    assert _stored(empty)["stand"]["part_of"] == "rod"
    assert dprk("undo").code == 0
    assert empty.read_bytes() == before


def test_a_part_added_redated_or_removed_says_from_which_day_its_whole_stands(dprk, empty):
    """wd, made of a (implemented 1 July 2018, moved to rod from 1 August) and b
    (implemented 10 July), stood implemented in full from the 10th. c, added to it on
    5 July, made it intermediate from the 10th (minimal until then), but the line said
    'wd now implemented (intermediate)' alone; b's step redated to the 20th moved that
    day and was not said at all; c removed again, the line said 'wd now implemented'
    without the 10th. Each says from which day the whole now stands so, in the words a
    dated edit of part_of uses, as `--as-of` has it."""
    for args in (
        ("add-measure", "W", "--actor", "DPRK", "--id", "wd"),
        ("add-measure", "R", "--actor", "DPRK", "--id", "rod"),
        ("add-measure", "A", "--actor", "DPRK", "--id", "a", "--part-of", "wd"),
        ("add-measure", "B", "--actor", "DPRK", "--id", "b", "--part-of", "wd"),
    ):
        assert dprk(*args, "--date", "2018-06-12").code == 0
    assert dprk("mark", "b", "implemented", "--date", "2018-07-10").code == 0
    assert dprk("edit", "a", "--part-of", "rod", "--date", "2018-08-01").code == 0
    assert dprk("mark", "a", "implemented", "--date", "2018-07-01").code == 0
    assert _stands(dprk, "wd", "2018-07-10") == ("implemented", "full")
    before = empty.read_bytes()
    added = dprk("add-measure", "C", "--actor", "DPRK", "--id", "c", "--part-of", "wd",
                 "--date", "2018-07-05")  # fmt: skip
    assert (added.code, added.out, added.err) == (
        0,
        "c\n",
        "c: added as a part of wd; wd now implemented (intermediate) from 2018-07-01, minimal "
        "from 2018-07-05, intermediate from 2018-07-10 (it was implemented)\n",
    )
    assert _stands(dprk, "wd", "2018-07-09") == ("implemented", "minimal")
    assert _stands(dprk, "wd", "2018-07-10") == ("implemented", "intermediate")
    assert _stands(dprk, "wd", "2018-08-01") == ("implemented", "intermediate")
    assert _stored(empty)["c"]["part_of"] == "wd"
    assert dprk("undo").code == 0
    assert empty.read_bytes() == before
    assert dprk("add-measure", "C", "--actor", "DPRK", "--id", "c", "--part-of", "wd",
                "--date", "2018-07-05").code == 0  # fmt: skip
    with_c = empty.read_bytes()

    redated = dprk("redate", "b", "2", "2018-07-20")
    assert (redated.code, redated.out, redated.err) == (
        0,
        "",
        "b: entry 2 (implemented on 2018-07-10) now dated 2018-07-20; b is now implemented "
        "(since 2018-07-20; it was implemented since 2018-07-10); wd now implemented "
        "(intermediate) from 2018-07-01, minimal from 2018-07-05, intermediate from 2018-07-20 "
        "(it was implemented (intermediate) from 2018-07-01, minimal from 2018-07-05, "
        "intermediate from 2018-07-10)\n",
    )
    assert _stands(dprk, "wd", "2018-07-19") == ("implemented", "minimal")
    assert _stands(dprk, "wd", "2018-07-20") == ("implemented", "intermediate")
    assert _stored(empty)["b"]["history"][1]["date"] == date(2018, 7, 20)
    assert dprk("undo").code == 0
    assert empty.read_bytes() == with_c

    removed = dprk("remove", "c")
    assert (removed.code, removed.out, removed.err) == (
        0,
        "",
        "c: removed; wd now implemented (intermediate) from 2018-07-01, in full from "
        "2018-07-10 (it was implemented (intermediate))\n",
    )
    assert _stands(dprk, "wd", "2018-07-09") == ("implemented", "intermediate")
    assert _stands(dprk, "wd", "2018-07-10") == ("implemented", "full")
    assert "c" not in _stored(empty)
    assert dprk("undo").code == 0
    assert empty.read_bytes() == with_c


def _batches(dprk, tmp_path, *, demob_done: bool = True):
    """asm and dem, agreed on 1 January 1993, each through its parts: asm's batches b1
    and b2 implemented on 1 July and 15 August, dem's phase d1 on 1 September (when
    `demob_done`). The ledger's path."""
    assert dprk("init", "--party", "Gov", "--party", "Ren").code == 0
    for args in (
        ("Assembly", "--id", "asm", "--date", "1993-01-01"),
        ("Demob", "--id", "dem", "--date", "1993-01-01"),
        ("Batch 1", "--id", "b1", "--part-of", "asm", "--date", "1993-02-01"),
        ("Batch 2", "--id", "b2", "--part-of", "asm", "--date", "1993-02-01"),
        ("Demob phase 1", "--id", "d1", "--part-of", "dem", "--date", "1993-02-01"),
    ):
        assert dprk("add-measure", *args, "--actor", "Gov", "--status", "agreed").code == 0
    marks = [("b1", "1993-07-01"), ("b2", "1993-08-15")]
    for ident, day in marks + ([("d1", "1993-09-01")] if demob_done else []):
        assert dprk("mark", ident, "implemented", "--date", day).code == 0
    return tmp_path / "dprk-ledger.toml"


def test_a_whole_s_two_days_name_the_extent_it_had_from_the_first(dprk, tmp_path):
    """w made of p1 and p2, p1 implemented on 25 July 1999; p3, implemented on 20
    September, made a part of w from 1 February: w was minimal from 25 July, one part of
    three, and intermediate from 20 September, but the line said 'now implemented from
    1999-07-25, intermediate from 1999-09-20', which reads as in full from July. The
    first day names the extent it had then, as `status --as-of` has it."""
    assert dprk("init", "--party", "A", "--party", "B").code == 0
    for args in (
        ("W", "--id", "w", "--date", "1999-01-01"),
        ("P1", "--id", "p1", "--part-of", "w", "--date", "1999-01-01"),
        ("P2", "--id", "p2", "--part-of", "w", "--date", "1999-01-01"),
        ("P3", "--id", "p3", "--date", "1999-02-01"),
    ):
        assert dprk("add-measure", *args, "--actor", "A", "--status", "agreed").code == 0
    assert dprk("mark", "p1", "implemented", "--date", "1999-07-25").code == 0
    assert dprk("mark", "p3", "implemented", "--date", "1999-09-20").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    joined = dprk("edit", "p3", "--part-of", "w", "--date", "1999-02-01")
    assert (joined.code, joined.out, joined.err) == (
        0,
        "",
        "p3: edited on 1999-02-01 (part_of: (none) -> 'w'); w now implemented (minimal) from "
        "1999-07-25, intermediate from 1999-09-20 (it was implemented (intermediate) from "
        "1999-07-25)\n",
    )
    for day, stood in (
        ("1999-07-24", ("agreed", "not-initiated", "1999-01-01")),
        ("1999-07-25", ("implemented", "minimal", "1999-07-25")),
        ("1999-09-19", ("implemented", "minimal", "1999-07-25")),
        ("1999-09-20", ("implemented", "intermediate", "1999-07-25")),
    ):
        assert _w_on(dprk, day) == stood, day
    assert _stored(ledger)["p3"]["part_of"] == "w"
    assert dprk("undo").code == 0
    assert ledger.read_bytes() == before


def _status_days(dprk) -> dict[str, str]:
    """The day `status` dates each measure's status by (its 'since')."""
    doc = json.loads(dprk("status", "--format", "json").out)
    return {m["id"]: m["status_date"] for m in doc["measures"]}


def test_a_dated_edit_of_part_of_says_the_day_each_whole_s_status_moved_to(dprk, tmp_path):
    """b1 (implemented 1 July) moved from asm to dem from 1 May: asm, through b2 alone, is
    implemented from 15 August, not 1 July, and dem from 1 July (in full from 1
    September, as before), as `status` dates them; but the line named neither, their
    status and extent unchanged and the day each came to its extent, full, the same.
    Moved back from 1 June, it named neither again; and with dem's phase not carried
    out it named dem alone, whose word changed, not asm. Each whole whose status's day
    moved is said from which day, and from which it came to its extent, as `--as-of`
    has them."""
    ledger = _batches(dprk, tmp_path)
    assert [_status_days(dprk)[i] for i in ("asm", "dem")] == ["1993-07-01", "1993-09-01"]
    before = ledger.read_bytes()
    moved = dprk("edit", "b1", "--part-of", "dem", "--date", "1993-05-01")
    assert (moved.code, moved.out, moved.err) == (
        0,
        "",
        "b1: edited on 1993-05-01 (part_of: 'asm' -> 'dem'); asm now implemented from "
        "1993-08-15, in its past now agreed from 1993-07-01 to 1993-08-15 (it was "
        "implemented (intermediate) from 1993-07-01, in full from 1993-08-15); dem now implemented (intermediate) from 1993-07-01, in full from "
        "1993-09-01 (it was implemented from 1993-09-01)\n",
    )
    assert _stands(dprk, "asm", "1993-08-14") == ("agreed", "not-initiated")
    assert _stands(dprk, "asm", "1993-08-15") == ("implemented", "full")
    assert _stands(dprk, "dem", "1993-06-30") == ("agreed", "not-initiated")
    assert _stands(dprk, "dem", "1993-07-01") == ("implemented", "intermediate")
    assert _stands(dprk, "dem", "1993-08-31") == ("implemented", "intermediate")
    assert _stands(dprk, "dem", "1993-09-01") == ("implemented", "full")
    assert [_status_days(dprk)[i] for i in ("asm", "dem")] == ["1993-08-15", "1993-07-01"]
    assert _stored(ledger)["b1"]["part_of"] == "dem"
    after = ledger.read_bytes()

    back = dprk("edit", "b1", "--part-of", "asm", "--date", "1993-06-01")
    assert (back.code, back.out, back.err) == (
        0,
        "",
        "b1: edited on 1993-06-01 (part_of: 'dem' -> 'asm'); dem now implemented from "
        "1993-09-01, in its past now agreed from 1993-07-01 to 1993-09-01 (it was "
        "implemented (intermediate) from 1993-07-01, in full from 1993-09-01); asm now implemented (intermediate) from 1993-07-01, in full from "
        "1993-08-15 (it was implemented from 1993-08-15)\n",
    )
    assert _stands(dprk, "dem", "1993-08-31") == ("agreed", "not-initiated")
    assert _stands(dprk, "dem", "1993-09-01") == ("implemented", "full")
    assert _stands(dprk, "asm", "1993-06-30") == ("agreed", "not-initiated")
    assert _stands(dprk, "asm", "1993-07-01") == ("implemented", "intermediate")
    assert _stands(dprk, "asm", "1993-08-14") == ("implemented", "intermediate")
    assert _stands(dprk, "asm", "1993-08-15") == ("implemented", "full")
    assert [_status_days(dprk)[i] for i in ("asm", "dem")] == ["1993-07-01", "1993-09-01"]
    assert _stored(ledger)["b1"]["part_of"] == "asm"
    assert dprk("undo").code == 0
    assert ledger.read_bytes() == after
    assert dprk("undo").code == 0
    assert ledger.read_bytes() == before


def test_a_part_moved_and_back_names_each_whole_whose_day_moved(dprk, tmp_path):
    """As above, dem's phase not carried out: the line named dem alone (its word changed
    each time), never asm, whose status's day moved from 1 July to 15 August and back."""
    ledger = _batches(dprk, tmp_path, demob_done=False)
    moved = dprk("edit", "b1", "--part-of", "dem", "--date", "1993-05-01")
    assert (moved.code, moved.out, moved.err) == (
        0,
        "",
        "b1: edited on 1993-05-01 (part_of: 'asm' -> 'dem'); asm now implemented from "
        "1993-08-15, in its past now agreed from 1993-07-01 to 1993-08-15 (it was "
        "implemented (intermediate) from 1993-07-01, in full from 1993-08-15); dem now implemented (intermediate) from 1993-07-01 (it was agreed)\n",
    )
    assert _stands(dprk, "asm", "1993-07-01") == ("agreed", "not-initiated")
    assert _stands(dprk, "asm", "1993-08-15") == ("implemented", "full")
    assert _stands(dprk, "dem", "1993-06-30") == ("agreed", "not-initiated")
    assert _stands(dprk, "dem", "1993-07-01") == ("implemented", "intermediate")
    assert _status_days(dprk)["asm"] == "1993-08-15"
    after = ledger.read_bytes()
    back = dprk("edit", "b1", "--part-of", "asm", "--date", "1993-06-01")
    assert (back.code, back.out, back.err) == (
        0,
        "",
        "b1: edited on 1993-06-01 (part_of: 'dem' -> 'asm'); dem now agreed (it was "
        "implemented (intermediate)); asm now implemented (intermediate) from 1993-07-01, in "
        "full from 1993-08-15 (it was implemented from 1993-08-15)\n",
    )
    assert _stands(dprk, "dem", "1993-07-01") == ("agreed", "not-initiated")
    assert _stands(dprk, "asm", "1993-06-30") == ("agreed", "not-initiated")
    assert _stands(dprk, "asm", "1993-07-01") == ("implemented", "intermediate")
    assert _stands(dprk, "asm", "1993-08-15") == ("implemented", "full")
    assert _status_days(dprk)["asm"] == "1993-07-01"
    assert _stored(ledger)["b1"]["part_of"] == "asm"
    assert dprk("undo").code == 0
    assert ledger.read_bytes() == after


def test_a_part_that_has_left_still_records_what_its_whole_did_then(dprk, empty):
    """p was a part of w from January to June. Marking w implemented in March was
    accepted once p had left (w had no parts now), while typed the other way round the
    same two facts were refused: a step on a day a measure had parts is theirs."""
    for ident in ("w", "p"):
        assert dprk("add-measure", ident, "--actor", "US", "--id", ident,
                    "--date", "2017-12-01").code == 0  # fmt: skip
    assert dprk("edit", "p", "--part-of", "w", "--date", "2018-01-01").code == 0
    assert dprk("edit", "p", "--no-part-of", "--date", "2018-06-01").code == 0
    before = empty.read_bytes()
    for args, said in (
        (("mark", "w", "implemented"), "measure 'w' was made of parts on 2018-03-01 (p): record "),
        (("verify", "w", "--by", "IAEA"), "a confirmed or refuted finding on 'w' on 2018-03-01 "
         "would set a status its parts set: record it on the parts it had then (p);"),
    ):  # fmt: skip
        result = dprk(*args, "--date", "2018-03-01")
        assert result.code == 1
        assert result.err.startswith(f"dprk: error: {said}")
        assert empty.read_bytes() == before
    # before p joined, and after it left, w's steps are its own
    assert dprk("mark", "w", "agreed", "--date", "2017-12-15").code == 0
    result = dprk("mark", "w", "implemented", "--date", "2018-07-01")
    assert result.err == "w: implemented on 2018-07-01\n"
    assert dprk("check").code == 0
    # Written by hand, a step on a day p was a part is an error of check, cache or none.
    text = empty.read_text("utf-8").replace("2018-07-01", "2018-03-01")
    empty.write_text(text, "utf-8")
    for _ in range(2):
        result = dprk("check", "--format", "json")
        assert result.code == 1
        found = [(p["check"], p["measure"]) for p in json.loads(result.out)["problems"]]
        assert found == [("parts", "w")]
        shutil.rmtree(empty.parent / ".dprk")


def test_a_step_of_a_whole_is_refused_when_its_former_part_is_recorded_after_it(dprk, empty):
    """The same facts in another order: w implemented in March, p's leaving in June,
    then its joining in January is refused."""
    for ident in ("w", "p"):
        assert dprk("add-measure", ident, "--actor", "US", "--id", ident, "--status", "agreed",
                    "--date", "2017-12-01").code == 0  # fmt: skip
    assert dprk("mark", "w", "implemented", "--date", "2018-03-01").code == 0
    assert dprk("edit", "p", "--no-part-of", "--date", "2018-06-01").code == 0  # (as it stands)
    before = empty.read_bytes()
    result = dprk("edit", "p", "--part-of", "w", "--date", "2018-01-01")
    assert result.code == 1
    assert "is implemented on 2018-03-01 by its own history, on a day it was made" in result.err
    assert empty.read_bytes() == before


def test_a_whole_recorded_as_one_step_first_is_broken_into_parts_as_the_refusal_says(dprk, empty):
    """The Sinai withdrawal recorded as one step, then broken into its phases: the part
    was refused with advice to correct a date, which only moving the withdrawal to the
    treaty's day (false) satisfied. It advises dropping the whole's own step, and
    followed, the phases record it."""
    assert dprk("add-measure", "Withdraw", "--actor", "US", "--id", "w", "--status",
                "agreed", "--date", "1979-03-26").code == 0  # fmt: skip
    assert dprk("mark", "w", "implemented", "--date", "1982-04-25").code == 0
    assert dprk("verify", "w", "--by", "MFO", "--date", "1982-05-01").code == 0
    before = empty.read_bytes()
    part = ["add-measure", "Interim", "--actor", "US", "--id", "i", "--part-of", "w",
            "--status", "agreed", "--date", "1979-03-26"]  # fmt: skip
    refused = dprk(*part)
    assert refused.code == 1 and empty.read_bytes() == before
    assert (
        "drop its own step, and first any finding of it ('dprk log w' numbers the entries, "
        "'dprk drop-finding w N' and 'dprk drop-entry w N' drop them), and record it on the "
        "parts"
    ) in refused.err
    # (its finding first, then its step: as the advice says)
    assert dprk("drop-finding", "w", "3").code == 0
    assert dprk("drop-entry", "w", "2").code == 0
    assert dprk(*part).code == 0
    marked = dprk("mark", "i", "implemented", "--date", "1980-01-25")
    assert marked.err == "i: implemented on 1980-01-25 (part of w, now implemented)\n"
    assert dprk("check").code == 0


def test_parts_that_were_a_cycle_on_past_days_are_refused_in_any_order(dprk, empty):
    """a was a part of b from January to March; b made a part of a in February was
    refused typed in date order (a cycle stood), and accepted once a's leaving was
    on record: the same facts gave two ledgers, one with a cycle in February. (The
    refusal names the measure edited, b, first: it named a until a refusal's first
    problem was taken from the measures the change was made to.)"""
    for ident in ("a", "b"):
        assert dprk("add-measure", ident, "--id", ident, "--actor", "US",
                    "--date", "2017-12-01").code == 0  # fmt: skip
    assert dprk("edit", "a", "--no-part-of", "--date", "2018-03-01").code == 0
    assert dprk("edit", "a", "--part-of", "b", "--date", "2018-01-01").code == 0
    _refused(
        dprk,
        empty,
        ("edit", "b", "--part-of", "a", "--date", "2018-02-01"),
        "dprk: error: b: was a part of a measure that was itself a part of it on 2018-02-01 "
        "(b -> a -> b)",
    )
    # from the day a left b, b may be a part of a
    assert dprk("edit", "b", "--part-of", "a", "--date", "2018-03-01").code == 0
    assert dprk("check").code == 0
    # written by hand a month earlier, it is an error of check, with the cache or without
    text = empty.read_text("utf-8")
    at = text.index("part_of: (none) -> 'a'")  # (b's joining, in its history)
    start = text.rindex("2018-03-01", 0, at)
    empty.write_text(text[:start] + "2018-02-01" + text[start + 10 :], "utf-8")
    for _ in range(2):
        result = dprk("check", "--format", "json")
        assert result.code == 1
        problems = json.loads(result.out)["problems"]
        assert ("parts", "a") in [(p["check"], p["measure"]) for p in problems]
        shutil.rmtree(empty.parent / ".dprk")


def test_a_whole_whose_part_left_is_dated_by_the_day_it_left(dprk, empty):
    """a, implemented in February, was w's only part until it left in April: w went back
    to proposed that day, yet its status_date stayed its creation day, and a list of
    what changed since March left it out."""
    assert dprk("add-measure", "W", "--actor", "US", "--id", "w", "--date", "2018-01-01").code == 0
    assert dprk("add-measure", "a", "--actor", "US", "--id", "a", "--part-of", "w",
                "--date", "2018-01-15").code == 0  # fmt: skip
    assert dprk("mark", "a", "implemented", "--date", "2018-02-01").code == 0
    assert dprk("edit", "a", "--no-part-of", "--date", "2018-04-01").code == 0
    for _ in range(2):  # (kept, and read anew)
        w = measure(dprk, "w")
        assert (w["status"], w["status_date"], w["last_date"]) == ("proposed",) + (
            "2018-04-01",
        ) * 2
        assert on(dprk, "w", "2018-03-01")["status"] == "implemented"
        since = dprk("status", "--since", "2018-03-15", "--format", "ids").out.split()
        assert since == ["w"]
        shutil.rmtree(empty.parent / ".dprk")


def _entered(dprk, *commands: list[str]) -> None:
    for args in commands:
        done = dprk(*args)
        assert done.code == 0, done.err


def _dates(dprk, ident: str) -> tuple[str, str, str]:
    """A measure's status, status date and last date, as status gives them."""
    m = measure(dprk, ident)
    return m["status"], m["status_date"], m["last_date"]


def test_a_whole_back_where_its_own_history_stands_is_dated_by_its_parts(dprk, empty):
    """big (agreed) was implemented in part as p1 was carried out in February, and agreed
    again when p1 left in April, while p2 stayed: as it stood where its own history puts
    it, it was dated by that history (January), while the timeline showed both changes
    and `status --since` April left it out."""
    _entered(
        dprk,
        ["add-measure", "Big", "--actor", "DPRK", "--id", "big", "--status", "agreed",
         "--date", "2020-01-01"],
        ["add-measure", "P1", "--actor", "DPRK", "--id", "p1", "--part-of", "big",
         "--date", "2020-01-01"],
        ["add-measure", "P2", "--actor", "DPRK", "--id", "p2", "--part-of", "big",
         "--date", "2020-01-01"],
        ["mark", "p1", "implemented", "--date", "2020-02-01"],
        ["edit", "p1", "--no-part-of", "--date", "2020-04-01"],
    )  # fmt: skip
    for _ in range(2):  # (kept, and read anew)
        assert _dates(dprk, "big") == ("agreed", "2020-04-01", "2020-04-01")
        assert on(dprk, "big", "2020-03-01")["status_date"] == "2020-02-01"
        since = dprk("status", "--since", "2020-04-01", "--format", "ids").out.split()
        assert since == ["big"]
        shutil.rmtree(empty.parent / ".dprk")


@pytest.mark.parametrize("leaving", ["a", "p"])
def test_a_part_that_left_moves_no_last_date_of_a_whole_read_anew(dprk, empty, leaving):
    """w stands implemented through e since February; a, implemented already, was a part
    from March to April. Read anew, w's last_date was the day a left (an id sorting
    before w's other part was met first), while the cached read and the timeline had
    nothing for w that day."""
    _entered(
        dprk,
        ["add-measure", "W", "--actor", "DPRK", "--id", "w", "--status", "agreed",
         "--date", "2018-01-01"],
        ["add-measure", "P", "--actor", "DPRK", "--id", leaving, "--date", "2018-01-15"],
        ["add-measure", "E", "--actor", "DPRK", "--id", "e", "--part-of", "w",
         "--status", "implemented", "--date", "2018-02-01"],
        ["mark", leaving, "implemented", "--date", "2018-02-10"],
        ["edit", leaving, "--part-of", "w", "--date", "2018-03-01"],
        ["edit", leaving, "--no-part-of", "--date", "2018-04-01"],
    )  # fmt: skip
    warm = dprk("status", "--format", "json").out
    shutil.rmtree(empty.parent / ".dprk")
    assert dprk("status", "--format", "json").out == warm
    assert _dates(dprk, "w") == ("implemented", "2018-02-01", "2018-02-01")


@pytest.mark.parametrize("also_now", [False, True], ids=["left", "left-and-another-now"])
def test_a_step_of_a_former_part_recorded_later_moves_its_former_whole(dprk, empty, also_now):
    """q was w's part in February, and carried out on 2019-02-15, typed after it left:
    the write brought up to date only the measures q is a part of now, so w kept the
    status date the cache had (2019-01-05), while a read anew said 2019-03-01 (back to
    agreed when q left), and `status --since` left it out."""
    _entered(
        dprk,
        ["add-measure", "W", "--actor", "DPRK", "--id", "w", "--status", "agreed",
         "--date", "2019-01-05"],
        ["add-measure", "V", "--actor", "DPRK", "--id", "v", "--date", "2019-01-05"],
        ["add-measure", "Q", "--actor", "DPRK", "--id", "q", "--date", "2019-01-20"],
        ["edit", "q", "--part-of", "w", "--date", "2019-02-01"],
        ["edit", "q", "--no-part-of", "--date", "2019-03-01"],
        *([["edit", "q", "--part-of", "v", "--date", "2019-03-10"]] if also_now else []),
        ["mark", "q", "implemented", "--date", "2019-02-15"],
    )  # fmt: skip
    for _ in range(2):  # (kept, and read anew)
        assert _dates(dprk, "w") == ("agreed", "2019-03-01", "2019-03-01")
        assert on(dprk, "w", "2019-02-20")["status"] == "implemented"
        since = dprk("status", "--since", "2019-02-20", "--format", "ids").out.split()
        assert "w" in since
        shutil.rmtree(empty.parent / ".dprk")


def test_the_timeline_shows_the_days_a_whole_changes_as_its_parts_do(dprk, empty):
    """`balance` said a measure made of parts was owed since the day its first part
    acted, and no timeline event fell on that day: the whole's own history holds no
    entry for it. Each change its parts give it is now an event of its own (not a move:
    the step is its part's), in every format."""
    _entered(
        dprk,
        ["add-measure", "Whole", "--actor", "DPRK", "--id", "w", "--date", "2020-01-01"],
        ["add-measure", "P1", "--actor", "DPRK", "--id", "p1", "--part-of", "w",
         "--date", "2020-01-01"],
        ["add-measure", "P2", "--actor", "DPRK", "--id", "p2", "--part-of", "w",
         "--date", "2020-01-01"],
        ["add-measure", "Other", "--actor", "US", "--id", "o", "--in-exchange-for", "w",
         "--date", "2020-01-02"],
        ["mark", "p1", "implemented", "--date", "2020-03-01"],
        ["mark", "p2", "implemented", "--date", "2020-08-01"],
    )  # fmt: skip
    before = empty.read_bytes()
    owed = json.loads(dprk("balance", "--format", "json").out)["parties"]["DPRK"]["owed"]
    assert [(o["measure"], o["since"]) for o in owed] == [("w", "2020-03-01")]
    lines = dprk("timeline").lines
    assert lines[6:] == [
        # (the link o was added with, recorded on w alone: an event of both)
        "2020-01-02        ○                    o        exchange: in exchange for w",
        "2020-01-02  ○                          w        exchange: in exchange for o",
        # (o was proposed, no step of the US's: the parts' steps answer none)
        "2020-03-01  ●                          p1       implemented",
        "2020-03-01  ○                          w        implemented (intermediate), as its parts give it",
        "2020-08-01  ●                          p2       implemented",
        # (the extent alone: it moves the whole's score; it had no event)
        "2020-08-01  ○                          w        implemented (full), as its parts give it",
        "",
        lines[-1],
    ]  # fmt: skip
    assert dprk("mark", "p1", "reversed", "--date", "2020-09-01").code == 0
    assert dprk("mark", "p2", "reversed", "--date", "2020-09-02").code == 0
    before = empty.read_bytes()
    events = json.loads(dprk("timeline", "--format", "json").out)["events"]
    found = [e for e in events if e["id"] == "w" and e["event"] == "parts"]
    assert found == [
        {"date": "2020-03-01", "party": "DPRK", "id": "w", "title": "Whole", "event": "parts",
         "status": "implemented", "extent": "intermediate", "by": None, "result": None,
         "detail": "as its parts give it", "note": "", "move": False, "answers": None,
         "days_since": None, "answers_all": None, "hypothetical": False,
         "undone_by": None},
        {"date": "2020-08-01", "party": "DPRK", "id": "w", "title": "Whole", "event": "parts",
         "status": "implemented", "extent": "full", "by": None, "result": None,
         "detail": "as its parts give it", "note": "", "move": False, "answers": None,
         "days_since": None, "answers_all": None, "hypothetical": False,
         "undone_by": None},
        {"date": "2020-09-01", "party": "DPRK", "id": "w", "title": "Whole", "event": "parts",
         "status": "implemented", "extent": "intermediate", "by": None, "result": None,
         "detail": "as its parts give it", "note": "", "move": False, "answers": None,
         "days_since": None, "answers_all": None, "hypothetical": False,
         "undone_by": None},
        {"date": "2020-09-02", "party": "DPRK", "id": "w", "title": "Whole", "event": "parts",
         "status": "reversed", "extent": "not-initiated", "by": None, "result": None,
         "detail": "as its parts give it", "note": "", "move": False, "answers": None,
         "days_since": None, "answers_all": None, "hypothetical": False,
         "undone_by": None},
    ]  # fmt: skip
    # (o was only proposed: a part's step answers no step of the US's)
    assert [e["days_since"] for e in events if e["id"] == "p2"] == [None, None, None]
    csv_lines = dprk("timeline", "--format", "csv", "--since", "2020-09-02").lines
    assert csv_lines[1:] == [
        "2020-09-02,DPRK,p2,P2,status,reversed,,,,reversed,,true,,,,false,",
        "2020-09-02,DPRK,w,Whole,parts,reversed,not-initiated,,,as its parts give it,,false,,,,false,",
    ]
    assert empty.read_bytes() == before


def test_the_timeline_shows_a_whole_made_already_carried_out_by_its_parts(dprk, empty):
    """A part acted in March; its whole was recorded in July, as agreed. status had the
    whole implemented from July; the timeline (and the report's picture) showed it only
    agreed that day."""
    _entered(
        dprk,
        ["add-measure", "W", "--actor", "DPRK", "--id", "w", "--status", "agreed",
         "--date", "2008-07-12"],
        ["add-measure", "P", "--actor", "DPRK", "--id", "p", "--status", "agreed",
         "--date", "2008-01-01", "--part-of", "w"],
        ["mark", "p", "implemented", "--date", "2008-03-01"],
    )  # fmt: skip
    assert _dates(dprk, "w") == ("implemented", "2008-07-12", "2008-07-12")
    before = empty.read_bytes()
    assert [line.split() for line in dprk("timeline").lines[4:6]] == [
        ["2008-07-12", "●", "w", "agreed"],
        ["2008-07-12", "○", "w", "implemented", "(full),", "as", "its", "parts", "give", "it"],
    ]
    assert dprk("timeline", "--format", "csv").lines[-1] == (
        "2008-07-12,DPRK,w,W,parts,implemented,full,,,as its parts give it,,false,,,,false,"
    )
    assert empty.read_bytes() == before


@pytest.mark.parametrize("cold", [False, True], ids=["kept", "read-anew"])
def test_a_whole_is_dated_by_the_days_its_parts_changed_it(dprk, empty, tmp_path, cold):
    """Phase 2 completed the withdrawal in August 2021: the timeline showed the whole
    carried out in full that day, yet its last_date stayed on the first phase, and
    --since August 2021 left it out of status, export and the timeline."""
    for args in (
        ("add-measure", "Withdraw", "--actor", "US", "--id", "w", "--date", "2020-01-01"),
        ("add-measure", "Phase 1", "--actor", "US", "--id", "p1", "--part-of", "w",
         "--date", "2020-01-01"),
        ("add-measure", "Phase 2", "--actor", "US", "--id", "p2", "--part-of", "w",
         "--date", "2020-01-01"),
        ("mark", "p1", "implemented", "--date", "2020-02-01"),
        ("mark", "p2", "implemented", "--date", "2021-08-30"),
    ):  # fmt: skip
        assert dprk(*args).code == 0
    if cold:
        shutil.rmtree(tmp_path / ".dprk")
    rows = json.loads(dprk("status", "--format", "json").out)["measures"]
    w = next(m for m in rows if m["id"] == "w")
    assert (w["status_date"], w["last_date"]) == ("2020-02-01", "2021-08-30")
    assert dprk("status", "--since", "2021-08-01", "--format", "ids").out == "p2\nw\n"
    assert dprk("status", "--until", "2020-01-31", "--format", "ids").out == "p1\np2\nw\n"
    late = dprk("timeline", "--since", "2021-08-01", "--format", "csv").out.splitlines()
    assert [row.split(",")[2] for row in late[1:]] == ["p2", "w"]


@pytest.mark.parametrize("cold", [False, True], ids=["kept", "read-anew"])
def test_a_whole_added_without_a_date_is_dated_by_its_parts(dprk, empty, tmp_path, cold):
    """A whole added without a date, its part carried out in 2018: the whole stood
    implemented "since" the day it was typed, every --as-of view of 2018 left it out,
    and the timeline showed it proposed years after its part had carried it out."""
    for args in (
        ("add-measure", "Dismantle Sohae", "--actor", "DPRK", "--id", "sohae"),
        ("add-measure", "Engine stand", "--actor", "DPRK", "--id", "stand",
         "--part-of", "sohae", "--status", "implemented", "--date", "2018-07-23"),
    ):  # fmt: skip
        assert dprk(*args).code == 0
    if cold:
        shutil.rmtree(tmp_path / ".dprk")
    rows = {m["id"]: m for m in json.loads(dprk("status", "--format", "json").out)["measures"]}
    assert (rows["sohae"]["status"], rows["sohae"]["status_date"]) == (
        "implemented",
        "2018-07-23",
    )
    then = json.loads(dprk("status", "--as-of", "2018-12-31", "--format", "json").out)
    assert [(m["id"], m["status"]) for m in then["measures"]] == [
        ("sohae", "implemented"),
        ("stand", "implemented"),
    ]
    before = json.loads(dprk("status", "--as-of", "2018-07-22", "--format", "json").out)
    assert before["measures"] == []
    card = json.loads(dprk("scorecard", "--as-of", "2018-12-31", "--format", "json").out)
    assert card["groups"][0]["measures"] == 2
    rows = dprk("timeline", "--format", "csv").out.splitlines()[1:]
    assert [r.split(",")[:5] for r in rows] == [
        ["2018-07-23", "DPRK", "sohae", "Dismantle Sohae", "created"],
        ["2018-07-23", "DPRK", "stand", "Engine stand", "created"],
        ["2018-07-23", "DPRK", "sohae", "Dismantle Sohae", "parts"],
    ]
    assert dprk("check").code == 0


def test_a_part_another_party_carries_out_is_warned_of(dprk, empty):
    """A Taliban step made a part of a GIRoA measure made GIRoA's measure verified on
    GIRoA's own finding, and counted the Taliban's act as GIRoA's; check said 'ok'."""
    assert dprk("add-measure", "Release", "--actor", "DPRK", "--id", "release",
                "--status", "agreed", "--date", "2020-02-29").code == 0  # fmt: skip
    assert dprk("add-measure", "Batch", "--actor", "US", "--id", "batch", "--part-of",
                "release", "--status", "implemented", "--date", "2020-04-12").code == 0  # fmt: skip
    checked = dprk("check", "--format", "json")
    assert checked.code == 0
    found = json.loads(checked.out)["problems"]
    assert [(p["severity"], p["check"], p["measure"]) for p in found] == [
        ("warning", "parts-of-another-party", "batch")
    ]
    assert "('dprk edit batch --actor DPRK --date 2020-04-12')" in found[0]["message"]
    assert dprk("edit", "batch", "--actor", "DPRK", "--date", "2020-04-12").code == 0
    assert dprk("check").out == "ok: no problems found\n"
    on = json.loads(dprk("status", "--as-of", "2020-05-01", "--format", "json").out)
    assert {m["id"]: m["actor"] for m in on["measures"]}["batch"] == "DPRK"


def test_the_write_that_makes_a_part_of_another_party_s_measure_warns_as_check_does(dprk, empty):
    """A part given another actor than its whole's, by add-measure --part-of, edit
    --part-of, or edit --actor of the part or of the whole, was recorded without a word;
    only a later check warned. Each such write warns as check does, its advice with it,
    and is recorded all the same; a write that leaves it as it was says nothing more."""
    assert dprk("add-measure", "Release", "--actor", "DPRK", "--id", "release",
                "--status", "agreed", "--date", "2020-02-29").code == 0  # fmt: skip

    def warned(ident: str, day: str) -> str:
        return (
            f"dprk: warning: {ident}: is carried out by US, and is a part of 'release', which "
            "DPRK carries out: its steps count as DPRK's there (a finding by DPRK on it "
            f"verifies DPRK's own measure); correct its actor ('dprk edit {ident} --actor "
            f"DPRK --date {day}'), or make it a measure of its own ('dprk edit {ident} "
            f"--no-part-of --date {day}'); no fix needed if that is what you mean\n"
        )

    def checked() -> list[str]:
        found = dprk("check")
        assert found.code == 0
        return found.out.splitlines()

    added = dprk("add-measure", "Batch", "--actor", "US", "--id", "batch", "--part-of",
                 "release", "--date", "2020-04-12")  # fmt: skip
    assert (added.code, added.out, added.err) == (0, "batch\n", warned("batch", "2020-04-12"))
    assert checked()[0] == f"warning: {warned('batch', '2020-04-12')[15:-1]} " + (
        "[parts-of-another-party]"
    )
    stored = _stored(empty)["batch"]
    assert (stored["actor"], stored["part_of"]) == ("US", "release")
    titled = dprk("edit", "batch", "--title", "Batch 1")
    assert (titled.code, titled.err) == (
        0,
        f"batch: edited on {today()} (title: 'Batch' -> 'Batch 1')\n",
    )

    assert dprk("add-measure", "Other", "--actor", "US", "--id", "other",
                "--date", "2020-03-01").code == 0  # fmt: skip
    before = empty.read_bytes()
    joined = dprk("edit", "other", "--part-of", "release", "--date", "2020-03-10")
    assert (joined.code, joined.out, joined.err) == (
        0,
        "",
        "other: edited on 2020-03-10 (part_of: (none) -> 'release')\n"
        + warned("other", "2020-03-10"),
    )
    assert _stored(empty)["other"]["part_of"] == "release"
    assert dprk("undo").code == 0
    assert empty.read_bytes() == before

    assert dprk("add-measure", "Own", "--actor", "DPRK", "--id", "own", "--part-of",
                "release", "--date", "2020-03-01").code == 0  # fmt: skip
    handed = dprk("edit", "own", "--actor", "US", "--date", "2020-03-20")
    assert (handed.code, handed.out, handed.err) == (
        0,
        "",
        "own: edited on 2020-03-20 (actor: 'DPRK' -> 'US')\n" + warned("own", "2020-03-20"),
    )
    assert _stored(empty)["own"]["actor"] == "US"
    assert dprk("undo").code == 0

    assert dprk("edit", "release", "--actor", "US", "--date", "2020-04-20").code == 0
    before = empty.read_bytes()
    back = dprk("edit", "release", "--actor", "DPRK", "--date", "2020-05-01")
    assert (back.code, back.out, back.err) == (
        0,
        "",
        "release: edited on 2020-05-01 (actor: 'US' -> 'DPRK')\n" + warned("batch", "2020-05-01"),
    )
    assert _stored(empty)["release"]["actor"] == "DPRK"
    assert dprk("undo").code == 0
    assert empty.read_bytes() == before


def test_a_part_that_acted_under_another_party_s_measure_before_a_correction_is_warned_of(
    dprk, empty
):
    """A US withdrawal increment attached to the DRV's release by mistake, corrected with
    `edit --part-of` dated after it acted: on the days before, its step counted as the
    DRV's release (`status --as-of` said so), and check said 'ok'. It warns, with the
    redate that dates the correction on the part's first day; followed, the days before
    read it as the US's."""
    for args in (
        ("Release", "--actor", "DPRK", "--id", "pow", "--status", "agreed"),
        ("Withdraw", "--actor", "US", "--id", "wd", "--status", "agreed"),
        ("Third increment", "--actor", "US", "--id", "wd-3", "--part-of", "pow", "--status",
         "agreed"),
    ):  # fmt: skip
        assert dprk("add-measure", *args, "--date", "1973-01-27").code == 0
    assert dprk("edit", "wd-3", "--part-of", "wd", "--date", "1973-03-20").code == 0
    assert dprk("mark", "wd-3", "implemented", "--date", "1973-03-01").code == 0
    checked = dprk("check")
    assert (checked.code, checked.out) == (
        0,
        "warning: wd-3: was a part of 'pow', which DPRK carries out, until 1973-03-20, and "
        "acted on 1973-03-01: on those days its steps count as DPRK's there; if it was never "
        "a part of 'pow', date the edit that took it out on its first day ('dprk redate wd-3 "
        "3 1973-01-27'); no fix needed if it was [parts-of-another-party]\n"
        "0 errors, 1 warning\n",
    )
    on = json.loads(dprk("status", "--as-of", "1973-03-05", "--format", "json").out)
    assert {m["id"]: m["status"] for m in on["measures"]}["pow"] == "implemented"
    assert dprk("redate", "wd-3", "3", "1973-01-27").code == 0
    assert dprk("check").out == "ok: no problems found\n"
    on = json.loads(dprk("status", "--as-of", "1973-03-05", "--format", "json").out)
    assert {m["id"]: m["status"] for m in on["measures"]} == {
        "pow": "agreed",
        "wd": "implemented",
        "wd-3": "implemented",
    }


def test_a_part_that_acted_as_another_party_s_before_its_actor_was_corrected_is_warned_of(
    dprk, tmp_path
):
    """q, B's part of A's w, implemented on 1 February 2020, its actor corrected to A from
    1 March: on the days before, its step counted as A's w (`status --as-of` said so), and
    check said 'ok', while the same part taken out of w from 1 March was warned of. It
    warns, with the redate that dates the correction on the part's first day; followed,
    check says 'ok'."""
    assert dprk("init", "--party", "A", "--party", "B").code == 0
    for args in (("W", "--actor", "A", "--id", "w"),
                 ("q", "--actor", "B", "--id", "q", "--part-of", "w")):  # fmt: skip
        assert dprk("add-measure", *args, "--date", "2020-01-01", "--status", "agreed").code == 0
    assert dprk("mark", "q", "implemented", "--date", "2020-02-01").code == 0
    assert dprk("edit", "q", "--actor", "A", "--date", "2020-03-01").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    checked = dprk("check")
    assert (checked.code, checked.out, checked.err) == (
        0,
        "warning: q: was carried out by B while a part of 'w', which A carries out, and "
        "acted on 2020-02-01: on those days its steps count as A's there; if it was never "
        "B's, date the edit of its actor on its first day ('dprk redate q 3 2020-01-01'); "
        "no fix needed if it was [parts-of-another-party]\n"
        "0 errors, 1 warning\n",
        "",
    )
    assert ledger.read_bytes() == before
    w = on(dprk, "w", "2020-02-01")
    assert (w["status"], w["status_date"]) == ("implemented", "2020-02-01")
    q = on(dprk, "q", "2020-02-01")
    assert (q["actor"], q["status"]) == ("B", "implemented")
    assert dprk("redate", "q", "3", "2020-01-01").code == 0
    assert dprk("check").out == "ok: no problems found\n"
    q = on(dprk, "q", "2020-02-01")
    assert (q["actor"], q["status"]) == ("A", "implemented")


def test_a_part_made_one_by_an_edit_is_advised_the_day_it_became_one(dprk, empty):
    """Made a part of the ROK's measure by a dated edit, not at its creation: the advice
    dated the edit that took it out on the part's first day, which made it a part of that
    measure for good. It dates it on the day it became one; followed, the two cancel."""
    for args in (
        ("Deliver HFO", "--actor", "ROK", "--id", "hfo"),
        ("Russian shipment", "--actor", "US", "--id", "ship"),
    ):
        assert dprk("add-measure", *args, "--status", "agreed", "--date", "2008-07-12").code == 0
    assert dprk("edit", "ship", "--part-of", "hfo", "--date", "2008-08-01").code == 0
    assert dprk("mark", "ship", "implemented", "--date", "2008-09-01").code == 0
    assert dprk("edit", "ship", "--no-part-of", "--date", "2008-10-01").code == 0
    said = dprk("check").out
    assert "on the day it became one ('dprk redate ship 4 2008-08-01')" in said, said
    assert dprk("redate", "ship", "4", "2008-08-01").code == 0
    assert dprk("check").out == "ok: no problems found\n"
    shown = json.loads(dprk("show", "ship", "--format", "json").out)
    assert shown["part_of"] is None
    on = json.loads(dprk("status", "--as-of", "2008-09-05", "--format", "json").out)
    assert {m["id"]: m["status"] for m in on["measures"]} == {
        "hfo": "agreed",
        "ship": "implemented",
    }


def test_a_part_under_another_party_s_measure_through_an_edit_that_kept_it_is_warned_of_once(
    dprk, empty
):
    """wd-3 was made a part of the DRV's release `pow` on 28 January 1973 (an edit
    entered last), an edit of 10 February set it to `pow` again, and one of 20 March
    took it out. check read the edits as two stretches: two warnings, one "until
    1973-02-10" (it stayed a part then) advising to redate that edit, which took it out
    of nothing. The stretches are those the replay gives (`status --as-of` has it a part
    of `pow` on every day between): one warning, from the day it became one."""
    for args in (
        ("Release", "--actor", "DPRK", "--id", "pow"),
        ("Withdraw", "--actor", "US", "--id", "wd"),
        ("Third increment", "--actor", "US", "--id", "wd-3"),
    ):
        assert dprk("add-measure", *args, "--status", "agreed", "--date", "1973-01-27").code == 0
    for args in (
        ("edit", "wd-3", "--part-of", "pow", "--date", "1973-02-10"),
        ("edit", "wd-3", "--no-part-of", "--date", "1973-03-20"),
        ("edit", "wd-3", "--part-of", "pow", "--date", "1973-01-28"),
        ("mark", "wd-3", "implemented", "--date", "1973-02-01"),
        ("mark", "wd-3", "reversed", "--date", "1973-02-05"),
        ("mark", "wd-3", "implemented", "--date", "1973-02-15"),
    ):
        result = dprk(*args)
        assert result.code == 0, result.err
    for day in ("1973-02-01", "1973-02-15"):
        on = json.loads(dprk("status", "--as-of", day, "--format", "json").out)
        assert {m["id"]: m["status"] for m in on["measures"]}["pow"] == "implemented"
    before = empty.read_bytes()
    for _ in range(2):  # (and with the cache gone, read anew)
        checked = dprk("check")
        assert (checked.code, checked.out) == (
            0,
            "warning: wd-3: was a part of 'pow', which DPRK carries out, until 1973-03-20, "
            "and acted on 1973-02-01: on those days its steps count as DPRK's there; if it "
            "was never a part of 'pow', date the edit that took it out on the day it became "
            "one ('dprk redate wd-3 7 1973-01-28'); no fix needed if it was "
            "[parts-of-another-party]\n0 errors, 1 warning\n",
        )
        shutil.rmtree(empty.parent / ".dprk")
    assert empty.read_bytes() == before


# --- parts of another party: the warning of a write and of check, now and on past days ---


def _another(ident: str, actor: str, whole: str, theirs: str, day: str) -> str:
    """The warning of a part of another party's measure now, as a write and check say it."""
    return (
        f"{ident}: is carried out by {actor}, and is a part of '{whole}', which {theirs} "
        f"carries out: its steps count as {theirs}'s there (a finding by {theirs} on it "
        f"verifies {theirs}'s own measure); correct its actor ('dprk edit {ident} --actor "
        f"{theirs} --date {day}'), or make it a measure of its own ('dprk edit {ident} "
        f"--no-part-of --date {day}'); no fix needed if that is what you mean"
    )


def _wrote(dprk, ledger, args: tuple[str, ...], out: str, err: str) -> None:
    """`args` exits 0 with `out` and `err`, and changes the ledger."""
    before = ledger.read_bytes()
    result = dprk(*args)
    assert (result.code, result.out, result.err) == (0, out, err)
    assert ledger.read_bytes() != before


def _checked(dprk, ledger, out: str) -> None:
    """check exits 0 (warnings only) with `out`, found anew and as kept beside the ledger,
    and writes nothing."""
    before = ledger.read_bytes()
    for _ in range(2):
        result = dprk("check")
        assert (result.code, result.out, result.err) == (0, out, "")
        shutil.rmtree(ledger.parent / ".dprk")
    assert ledger.read_bytes() == before


def test_a_part_of_another_party_s_measure_is_warned_of_by_its_write_and_by_check(dprk, empty):
    """A US part of a DPRK measure: the add-measure that makes it warns, a step of the part
    says nothing more, and check warns as the write did."""
    _wrote(dprk, empty, ("add-measure", "W", "--actor", "DPRK", "--id", "w", "--status",
                         "agreed", "--date", "2020-01-01"), "w\n", "")  # fmt: skip
    warned = _another("p", "US", "w", "DPRK", "2020-01-05")
    _wrote(dprk, empty, ("add-measure", "P", "--actor", "US", "--id", "p", "--part-of", "w",
                         "--status", "agreed", "--date", "2020-01-05"),
           "p\n", f"dprk: warning: {warned}\n")  # fmt: skip
    _wrote(dprk, empty, ("mark", "p", "implemented", "--date", "2020-02-01"), "",
           "p: implemented on 2020-02-01 (part of w, now implemented)\n")  # fmt: skip
    _checked(dprk, empty, f"warning: {warned} [parts-of-another-party]\n0 errors, 1 warning\n")


def test_a_part_handed_to_another_party_by_a_dated_edit_is_warned_of_from_that_day(dprk, empty):
    """A DPRK part of a DPRK measure, acted, then handed to the US by `edit --actor --date`:
    the edit warns, its advice dated on the hand-over, and check warns as it did."""
    for args in (("W", "--actor", "DPRK", "--id", "w"),
                 ("Q", "--actor", "DPRK", "--id", "q", "--part-of", "w")):  # fmt: skip
        assert dprk("add-measure", *args, "--status", "agreed", "--date", "2020-01-01").code == 0
    _wrote(dprk, empty, ("mark", "q", "implemented", "--extent", "minimal", "--date",
                         "2020-02-01"), "",
           "q: implemented (minimal) on 2020-02-01 (part of w, now implemented "
           "(intermediate))\n")  # fmt: skip
    warned = _another("q", "US", "w", "DPRK", "2020-03-01")
    _wrote(dprk, empty, ("edit", "q", "--actor", "US", "--date", "2020-03-01"), "",
           f"q: edited on 2020-03-01 (actor: 'DPRK' -> 'US')\ndprk: warning: {warned}\n")  # fmt: skip
    _checked(dprk, empty, f"warning: {warned} [parts-of-another-party]\n0 errors, 1 warning\n")


def test_a_part_that_acted_as_another_party_s_before_a_dated_correction_is_warned_of_by_check(
    dprk, empty
):
    """A US part of a DPRK measure that acted, its actor corrected to DPRK by a dated edit
    (which says nothing more: the part is DPRK's now), and a US part of a DPRK measure
    that acted, the measure handed to the US by a dated edit: check warns of each for the
    days it acted as another party's, with the redate that corrects the part's actor from
    its first day where an edit of its actor did it."""
    for args in (("W", "--actor", "DPRK", "--id", "w", "--date", "2020-01-01"),
                 ("Q", "--actor", "US", "--id", "q", "--part-of", "w", "--date", "2020-01-01"),
                 ("V", "--actor", "DPRK", "--id", "v", "--date", "2020-01-01"),
                 ("R", "--actor", "US", "--id", "r", "--part-of", "v", "--date", "2020-01-10"),
                 ):  # fmt: skip
        assert dprk("add-measure", *args, "--status", "agreed").code == 0
    assert dprk("mark", "q", "implemented", "--date", "2020-02-01").code == 0
    _wrote(dprk, empty, ("edit", "q", "--actor", "DPRK", "--date", "2020-03-01"), "",
           "q: edited on 2020-03-01 (actor: 'US' -> 'DPRK')\n")  # fmt: skip
    assert dprk("mark", "r", "implemented", "--extent", "minimal", "--date", "2020-02-01").code == 0
    _wrote(dprk, empty, ("edit", "v", "--actor", "US", "--date", "2020-03-01"), "",
           "v: edited on 2020-03-01 (actor: 'DPRK' -> 'US')\n")  # fmt: skip
    _checked(
        dprk,
        empty,
        "warning: q: was carried out by US while a part of 'w', which DPRK carries out, and "
        "acted on 2020-02-01: on those days its steps count as DPRK's there; if it was never "
        "US's, date the edit of its actor on its first day ('dprk redate q 3 2020-01-01'); "
        "no fix needed if it was [parts-of-another-party]\n"
        "warning: r: was carried out by US while a part of 'v', which DPRK carries out, and "
        "acted on 2020-02-01: on those days its steps count as DPRK's there; no fix needed "
        "if it was [parts-of-another-party]\n"
        "0 errors, 2 warnings\n",
    )


def test_a_part_moved_between_wholes_of_different_parties_is_warned_of_as_it_was_a_part(
    dprk, empty
):
    """US parts, acted, moved by a dated edit of part_of: s out of a DPRK measure into a
    US one (the edit says nothing more; check warns of the days it was the DPRK's part),
    t out of a US measure into a DPRK one (the edit warns, from its day, and check as it
    did)."""
    for args in (("W", "--actor", "DPRK", "--id", "w"), ("U", "--actor", "US", "--id", "u"),
                 ("S", "--actor", "US", "--id", "s", "--part-of", "w"),
                 ("T", "--actor", "US", "--id", "t", "--part-of", "u")):  # fmt: skip
        assert dprk("add-measure", *args, "--status", "agreed", "--date", "2020-01-01").code == 0
    for part in ("s", "t"):
        assert dprk("mark", part, "implemented", "--date", "2020-02-01").code == 0
    _wrote(dprk, empty, ("edit", "s", "--part-of", "u", "--date", "2020-03-01"), "",
           "s: edited on 2020-03-01 (part_of: 'w' -> 'u'); w is agreed again from "
           "2020-03-01: its only acted part left (it was implemented)\n")  # fmt: skip
    warned = _another("t", "US", "w", "DPRK", "2020-03-01")
    _wrote(dprk, empty, ("edit", "t", "--part-of", "w", "--date", "2020-03-01"), "",
           "t: edited on 2020-03-01 (part_of: 'u' -> 'w'); w now implemented from 2020-02-01 "
           f"(it was agreed)\ndprk: warning: {warned}\n")  # fmt: skip
    _checked(
        dprk,
        empty,
        f"warning: {warned} [parts-of-another-party]\n"
        "warning: s: was a part of 'w', which DPRK carries out, until 2020-03-01, and acted "
        "on 2020-02-01: on those days its steps count as DPRK's there; if it was never a part "
        "of 'w', date the edit that took it out on its first day ('dprk redate s 3 "
        "2020-01-01'); no fix needed if it was [parts-of-another-party]\n"
        "0 errors, 2 warnings\n",
    )


def _advice(dprk) -> list[str]:
    found = json.loads(dprk("check", "--format", "json").out)["problems"]
    return [a for p in found for a in re.findall(r"\('(dprk edit [^']*)'\)", p["message"])]


def test_the_advice_for_a_part_of_a_measure_handed_over_dates_the_hand_over(dprk, empty):
    """The USSR's eliminations, handed over to Russia on 26 December 1991: `check` warned
    that each part was still the USSR's and advised 'dprk edit ss-12 --actor Russia',
    which recorded the change today; the warning went, and every day from 1991 on still
    read the part as the USSR's under a Russian measure. The advice gives the day the
    measure was handed over (or the part's creation, when later)."""
    assert dprk("add-party", "Russia").code == 0
    for args in (
        ("add-measure", "Eliminate", "--actor", "DPRK", "--id", "elim", "--date", "1987-12-08"),
        ("add-measure", "SS-12", "--actor", "DPRK", "--id", "ss-12", "--part-of", "elim",
         "--date", "1988-01-01"),
        ("add-measure", "SS-4", "--actor", "DPRK", "--id", "ss-4", "--part-of", "elim",
         "--date", "1995-01-01"),
        ("edit", "elim", "--actor", "Russia", "--date", "1991-12-26"),
    ):  # fmt: skip
        assert dprk(*args).code == 0
    for _ in range(2):  # (found anew, then as kept beside the ledger)
        advice = _advice(dprk)
        assert advice == [
            "dprk edit ss-12 --actor Russia --date 1991-12-26",
            "dprk edit ss-12 --no-part-of --date 1991-12-26",
            "dprk edit ss-4 --actor Russia --date 1995-01-01",
            "dprk edit ss-4 --no-part-of --date 1995-01-01",
        ]
    for line in advice[::2]:
        assert dprk(*line.split()[1:]).code == 0
    assert dprk("check").out == "ok: no problems found\n"
    on = json.loads(dprk("status", "--as-of", "1992-06-01", "--format", "json").out)
    assert {m["id"]: m["actor"] for m in on["measures"]} == {"elim": "Russia", "ss-12": "Russia"}


def test_an_undated_whole_whose_part_left_keeps_the_past_its_part_gave_it(dprk, empty):
    """w, added without a date, had w1 as a part from 2020-01-01 to 2020-03-01: `status
    --as-of` held w implemented in February, but `timeline` lost that past (w "proposed"
    today, nothing more), as did the whole's own creation day."""
    assert dprk("add-measure", "W", "--actor", "DPRK", "--id", "w").code == 0
    assert dprk("add-measure", "W1", "--actor", "DPRK", "--id", "w1", "--part-of", "w",
                "--date", "2020-01-01").code == 0  # fmt: skip
    assert dprk("mark", "w1", "implemented", "--date", "2020-02-01").code == 0
    before = json.loads(dprk("timeline", "--format", "json").out)["events"]
    assert dprk("edit", "w1", "--no-part-of", "--date", "2020-03-01").code == 0
    events = json.loads(dprk("timeline", "--format", "json").out)["events"]
    of_w = [(e["date"], e["status"]) for e in events if e["id"] == "w"]
    assert of_w[:2] == [(e["date"], e["status"]) for e in before if e["id"] == "w"][:2]
    assert of_w[0] == ("2020-01-01", "proposed")
    assert ("2020-02-01", "implemented") in of_w
    past = json.loads(dprk("status", "--as-of", "2020-02-15", "--format", "json").out)
    assert {m["id"]: m["status"] for m in past["measures"]}["w"] == "implemented"


def test_an_undated_whole_s_creation_is_in_the_lane_of_its_actor_then(dprk, empty):
    """w, added without a date and dated by its part to 2020-01-01, handed from DPRK to
    the US on 2020-01-20: its creation was drawn in the US lane, where `status --as-of`
    has DPRK to carry it out that day."""
    assert dprk("add-measure", "W", "--actor", "DPRK", "--id", "w").code == 0
    assert dprk("add-measure", "W1", "--actor", "DPRK", "--id", "w1", "--part-of", "w",
                "--date", "2020-01-01").code == 0  # fmt: skip
    assert dprk("edit", "w", "--actor", "US", "--date", "2020-01-20").code == 0
    events = json.loads(dprk("timeline", "--format", "json").out)["events"]
    made = [e for e in events if e["id"] == "w" and e["event"] == "created"]
    assert [(e["date"], e["party"]) for e in made] == [("2020-01-01", "DPRK")]
    past = json.loads(dprk("status", "--as-of", "2020-01-10", "--format", "json").out)
    assert {m["id"]: m["actor"] for m in past["measures"]}["w"] == "DPRK"


def test_an_undated_whole_two_levels_up_is_dated_by_the_part_that_acted(dprk, empty):
    """top > mid > leaf, all added without a date, then leaf implemented on 2024-01-01:
    mid took that day, but top was implemented "today", `status --as-of` in 2024 left it
    out, and the timeline drew it today. Every level takes the day its parts acted."""
    assert dprk("add-measure", "Top", "--actor", "DPRK", "--id", "top").code == 0
    assert (
        dprk("add-measure", "Mid", "--actor", "DPRK", "--id", "mid", "--part-of", "top").code == 0
    )
    assert (
        dprk("add-measure", "Leaf", "--actor", "DPRK", "--id", "leaf", "--part-of", "mid").code == 0
    )
    assert dprk("mark", "leaf", "implemented", "--date", "2024-01-01").code == 0
    for as_of in ((), ("--as-of", "2024-06-01")):
        doc = json.loads(dprk("status", *as_of, "--format", "json").out)
        assert [(m["id"], m["status"], m["status_date"]) for m in doc["measures"]] == [
            ("leaf", "implemented", "2024-01-01"),
            ("mid", "implemented", "2024-01-01"),
            ("top", "implemented", "2024-01-01"),
        ]
    events = json.loads(dprk("timeline", "--format", "json").out)["events"]
    assert {e["date"] for e in events} == {"2024-01-01"}
    assert [(e["id"], e["status"]) for e in events if e["id"] == "top"] == [
        ("top", "proposed"),
        ("top", "implemented"),
    ]
    assert dprk("check").out == "ok: no problems found\n"


def _chain(count: int) -> str:
    """Measures m0 .. m{count-1}, each a part of the next."""
    return json.dumps(
        [
            {"id": f"m{i}", "title": f"Step {i}", "actor": "US"}
            | ({"part_of": f"m{i + 1}"} if i < count - 1 else {})
            for i in range(count)
        ]
    )


def test_parts_nest_at_most_64_levels_deep(dprk, empty, tmp_path):
    """A chain of parts 800 deep ended an import in an internal error (the replay of
    wholes ran out of recursion) after seconds; 5,000 deep ran for minutes. Parts nest
    at most 64 levels: an import, an edit or an addition past that is refused, and
    `check` names a file written so by hand."""
    (tmp_path / "deep.json").write_text(_chain(800), encoding="utf-8")
    before = empty.read_bytes()
    result = dprk("import", "deep.json")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "dprk: error: deep.json: measure #1 (measure 'm0'): is a part of a part ... more than "
        "64 levels deep (m0 -> m1 -> m2 -> ...), and parts nest at most 64 levels; correct the "
        "row's part_of, in_exchange_for or history in the file (as 'dprk export' writes them), "
        "or leave what does not fit out of the row and record it with commands once the rest "
        "is in\n"
    )
    assert empty.read_bytes() == before
    (tmp_path / "full.json").write_text(_chain(65), encoding="utf-8")
    assert dprk("import", "full.json").code == 0
    assert dprk("add-measure", "Top", "--id", "top", "--actor", "US").code == 0
    before = empty.read_bytes()
    for args in (["edit", "m64", "--part-of", "top"], ["add-measure", "X", "--part-of", "m0"]):
        result = dprk(*args, "--actor", "US") if args[0] == "add-measure" else dprk(*args)
        assert result.code == 1 and result.err.count("\n") == 1, result.err
        assert "would nest parts more than 64 levels deep" in result.err
        assert empty.read_bytes() == before
    assert dprk("check").code == 0
    text = empty.read_text(encoding="utf-8")
    head, sep, rest = text.partition('id = "m64"\n')
    empty.write_text(
        head + sep + rest.replace('actor = "US"\n', 'actor = "US"\npart_of = "top"\n', 1)
    )
    checked = dprk("check", "--format", "json")
    assert checked.code == 1
    found = [(p["check"], p["measure"]) for p in json.loads(checked.out)["problems"]]
    assert found == [("parts", "m0")]


def test_a_hand_written_chain_of_parts_thousands_deep_is_answered(dprk, empty):
    """A file written by hand with a chain of 1,100 parts (deeper than Python's recursion)
    ended `check`, `status`, `plan` and every report in "internal error: RecursionError".
    Every command answers; `check` names each measure nested too deep, and the wholes
    stand as the parts within the limit give them."""
    count = 1100
    blocks = [empty.read_text(encoding="utf-8")]
    history = (
        '[{ date = 2019-01-01, event = "created", status = "proposed", recorded = '
        '2020-01-01T00:00:00Z }, { date = 2019-02-01, event = "status", status = '
        '"implemented", extent = "full", recorded = 2020-01-01T00:00:00Z }]'
    )
    for i in range(count):
        block = f'\n[[measures]]\nid = "m{i:04}"\ntitle = "Step {i}"\nactor = "US"\n'
        block += 'status = "implemented"\n' if i == 0 else 'status = "proposed"\n'
        if i < count - 1:
            block += f'part_of = "m{i + 1:04}"\n'
        if i == 0:
            block += f"history = {history}\n"
        blocks.append(block)
    empty.write_text("".join(blocks), encoding="utf-8")
    before = empty.read_bytes()
    checked = dprk("check", "--format", "json")
    assert checked.code == 1, checked.err
    problems = json.loads(checked.out)["problems"]
    assert {p["check"] for p in problems} == {"parts", "status-history"}
    deep = [p["measure"] for p in problems if "levels deep" in p["message"]]
    assert deep == [f"m{i:04}" for i in range(count - 65)]
    # (a whole with the implemented m0000 within the limit below it stands implemented)
    stale = [p["measure"] for p in problems if p["check"] == "status-history"]
    assert stale == [f"m{i:04}" for i in range(1, 66)]
    assert dprk("status", "--as-of", "2019-06-01", "--format", "ids").out.count("\n") == count
    # (each answers, saying that 65 statuses are not their histories', as every read does)
    warned = (
        "dprk: warning: dprk-ledger.toml: measures 'm0001', 'm0002', 'm0003' and 62 more have "
        "a status its history does not give (a hand edit?): a report gives that status for today, and the history's with "
        "--as-of; 'dprk check' lists them\n"
    )
    for args in (["status"], ["plan"], ["next"], ["balance"], ["timeline"], ["scorecard"]):
        result = dprk(*args)
        assert (result.code, result.err) == (0, warned), args
    assert empty.read_bytes() == before


def test_an_undated_whole_s_latest_day_is_its_parts_not_the_day_it_was_added(dprk, empty):
    """w, added without a date, made of p (2019-03-01, implemented 2019-05-01): its
    `last_date` was the day it was added (today), after every event the timeline shows
    of it, also `--as-of` 2019-04-01, and `--since 2020-01-01` listed it."""
    assert dprk("add-measure", "W", "--actor", "DPRK", "--id", "w").code == 0
    assert dprk("add-measure", "P", "--actor", "DPRK", "--id", "p", "--part-of", "w",
                "--date", "2019-03-01").code == 0  # fmt: skip
    assert dprk("mark", "p", "implemented", "--date", "2019-05-01").code == 0
    for _ in ("written", "read anew"):
        for as_of, day in (((), "2019-05-01"), (("--as-of", "2019-04-01"), "2019-03-01")):
            doc = json.loads(dprk("status", *as_of, "--format", "json").out)
            assert [(m["id"], m["status_date"], m["last_date"]) for m in doc["measures"]] == [
                ("p", day, day),
                ("w", day, day),
            ]
        assert dprk("status", "--since", "2020-01-01", "--format", "ids").out == ""
        assert dprk("status", "--until", "2019-03-01", "--format", "ids").lines == ["p", "w"]
        shutil.rmtree(empty.parent / ".dprk")


def test_a_step_of_a_part_of_a_part_names_every_whole_it_moved(dprk, empty):
    """p, a part of mid, a part of top: 'p: implemented on 2018-02-01 (part of mid, now
    implemented)' said nothing of top, implemented too."""
    assert (
        dprk("add-measure", "T", "--actor", "DPRK", "--id", "top", "--date", "2018-01-01").code == 0
    )
    for ident, whole in (("mid", "top"), ("p", "mid")):
        assert dprk("add-measure", ident.upper(), "--actor", "DPRK", "--id", ident,
                    "--part-of", whole, "--date", "2018-01-01").code == 0  # fmt: skip
    lines = [
        (("mark", "p", "implemented", "--date", "2018-02-01"),
         "p: implemented on 2018-02-01 (part of mid, now implemented; top now implemented)"),
        (("verify", "p", "--by", "US", "--date", "2018-02-02"),
         "p: confirmed by US (a party to the talks) on 2018-02-02; p is verified (part of "
         "mid, now verified; top now verified)"),
        (("drop-entry", "p", "3"),
         "p: dropped entry 3 (confirmed by US on 2018-02-02); p is now implemented (since "
         "2018-02-01; it was verified since 2018-02-02) (part of mid, now implemented from "
         "2018-02-01 (it was verified from 2018-02-02); top now implemented from 2018-02-01 "
         "(it was verified from 2018-02-02))"),
    ]  # fmt: skip
    for args, said in lines:
        result = dprk(*args)
        assert (result.code, result.err) == (0, said + "\n")
        doc = json.loads(dprk("status", "--format", "json").out)
        states = {m["id"]: m["status"] for m in doc["measures"]}
        assert states["top"] == states["mid"] == states["p"]


def test_a_step_of_a_part_that_leaves_its_whole_as_it_was_says_it_stands_still(dprk, empty):
    """A later hand-over of a part found after the first, or an earlier agreement, or a
    finding of one part: the whole was as it had been, and the line said 'now
    implemented' of it, as if the step had moved it. A whole the step left as it was
    stands 'still' so; one it moved, 'now'."""
    assert (
        dprk("add-measure", "W", "--actor", "DPRK", "--id", "w", "--date", "2020-01-01").code == 0
    )
    for ident in ("p1", "p2"):
        assert dprk("add-measure", ident.upper(), "--actor", "DPRK", "--id", ident,
                    "--part-of", "w", "--date", "2020-01-01").code == 0  # fmt: skip
    lines = [
        (("mark", "p1", "implemented", "--date", "2020-02-01"),
         "p1: implemented on 2020-02-01 (part of w, now implemented (intermediate))"),
        (("mark", "p2", "implemented", "--date", "2020-03-01"),
         "p2: implemented on 2020-03-01 (part of w, now implemented (intermediate) from "
         "2020-02-01, in full from 2020-03-01)"),
        (("mark", "p1", "implemented", "--date", "2020-02-05"),
         "p1: recorded implemented on 2020-02-05; p1 stays implemented (since 2020-02-01) "
         "(part of w, still implemented)\ndprk: warning: p1 was already implemented on "
         "2020-02-01 (entry 2): if that was wrong, 'dprk drop-entry p1 2' takes it back (or "
         "'dprk undo', then 'dprk redate p1 2 2020-02-05' moves it)"),
        (("mark", "p2", "agreed", "--date", "2020-01-15"),
         "p2: recorded agreed on 2020-01-15; p2 stays implemented (since 2020-03-01) "
         "(part of w, still implemented)"),
        (("verify", "p1", "--by", "UN", "--result", "partial", "--date", "2020-04-01"),
         "p1: recorded partial by UN on 2020-04-01; p1 stays implemented (since 2020-02-01) "
         "(part of w, still implemented)"),
        (("drop-entry", "p1", "3"),
         "p1: dropped entry 3 (implemented on 2020-02-05); p1 is implemented (part of w, "
         "still implemented)"),
        (("verify", "p1", "--by", "UN", "--date", "2020-04-02"),
         "p1: confirmed by UN on 2020-04-02; p1 is verified (part of w, still implemented)"),
        (("verify", "p2", "--by", "UN", "--date", "2020-04-03"),
         "p2: confirmed by UN on 2020-04-03; p2 is verified (part of w, now verified)"),
    ]  # fmt: skip
    for args, said in lines:
        before = empty.read_bytes()
        result = dprk(*args)
        assert (result.code, result.err) == (0, said + "\n")
        assert empty.read_bytes() != before
        whole = json.loads(dprk("show", "w", "--format", "json").out)
        assert whole["status"] == re.search(r"\(part of w, (?:now|still) (\w+)", said)[1]


def test_the_advice_for_a_part_handed_to_another_party_dates_its_own_hand_over(dprk, empty):
    """A part handed over to the US on 1 March, its whole the DPRK's: the advice was dated
    the part's creation, before its own hand-over, so following it only recorded the
    change ("stays 'US'"), and check gave the same advice again. Both ways out are dated
    from the day the part came to be another party's."""
    for args in (
        ("add-measure", "Whole", "--actor", "DPRK", "--id", "whole", "--date", "2018-01-01"),
        ("add-measure", "Part", "--actor", "DPRK", "--id", "part", "--part-of", "whole",
         "--date", "2018-01-05"),
        ("edit", "part", "--actor", "US", "--date", "2018-03-01"),
    ):  # fmt: skip
        assert dprk(*args).code == 0
    advice = _advice(dprk)
    assert advice == [
        "dprk edit part --actor DPRK --date 2018-03-01",
        "dprk edit part --no-part-of --date 2018-03-01",
    ]
    for line in advice:
        assert dprk(*line.split()[1:]).code == 0
        assert dprk("check").out == "ok: no problems found\n"
        assert dprk("undo").code == 0


def test_the_advice_for_a_part_the_whole_s_party_verified_leaves_out_the_hand_over(dprk, empty):
    """An Amhara withdrawal (Ethiopia's) made part of the foreign forces' withdrawal
    (Eritrea's), and confirmed by Eritrea: the advice to hand the part to Eritrea was
    refused when followed (Eritrea's finding would be its own word), and the other way
    out, undated, left every earlier day counting Ethiopia's step as Eritrea's."""
    for args in (
        ("add-measure", "Foreign forces", "--actor", "US", "--id", "ffw", "--status",
         "agreed", "--date", "2022-11-02"),
        ("add-measure", "Amhara", "--actor", "DPRK", "--id", "amhara", "--part-of", "ffw",
         "--status", "agreed", "--date", "2022-11-02"),
        ("mark", "amhara", "implemented", "--date", "2023-01-20"),
        ("verify", "amhara", "--by", "US", "--date", "2023-02-01"),
    ):  # fmt: skip
        assert dprk(*args).code == 0
    advice = _advice(dprk)
    assert advice == ["dprk edit amhara --no-part-of --date 2022-11-02"]
    assert dprk(*advice[0].split()[1:]).code == 0
    assert dprk("check").out == "ok: no problems found\n"
    on = json.loads(dprk("status", "--as-of", "2023-06-30", "--format", "json").out)
    assert {m["id"]: m["status"] for m in on["measures"]}["ffw"] == "agreed"


def test_a_cycle_of_parts_is_named_before_what_follows_from_it(dprk, empty):
    """W made a part of its own part A, on a day before A acted: the refusal named A's
    own step 'on a day it was made of parts' and advised dropping it (and its finding),
    which did not help: the cycle, the root of both, came last, under 'more problems'.
    It now comes first, of the measure the edit was made to."""
    assert dprk("add-measure", "Release hostages", "--actor", "DPRK", "--id", "w", "--status",
                "agreed", "--date", "2025-01-15").code == 0  # fmt: skip
    assert dprk("add-measure", "Batch 1", "--actor", "DPRK", "--id", "a", "--part-of", "w",
                "--status", "agreed", "--date", "2025-01-15").code == 0  # fmt: skip
    assert dprk("mark", "a", "implemented", "--date", "2025-01-19").code == 0
    before = empty.read_bytes()
    result = dprk("edit", "w", "--part-of", "a", "--date", "2025-01-16")
    assert (result.code, result.out) == (1, "")
    assert result.err.startswith(
        "dprk: error: w: is a part of a measure that is itself a part of it (w -> a -> w); "
        "remove one link with 'dprk edit ID --no-part-of --date 2025-01-16'"
    )
    assert empty.read_bytes() == before


def test_a_finding_of_a_whole_refuses_a_part_made_before_it_a_partial_one_not(dprk, empty):
    """The assessment of the whole redeployment found first, its phases later: a
    confirmation of the whole let a part made before it in, and `check` said ok, where the
    same finding typed after the part was refused (`verify` on a measure made of parts).
    A confirmation of its own is its parts' to record, whatever order it was typed in; a
    partial finding, which sets nothing, is the whole's own, and lets the part in."""
    assert dprk("add-measure", "M", "--actor", "DPRK", "--id", "m", "--status", "agreed",
                "--date", "2008-01-01").code == 0  # fmt: skip
    assert dprk("mark", "m", "implemented", "--date", "2008-01-09").code == 0
    assert dprk("verify", "m", "--by", "AEC", "--result", "partial", "--date",
                "2008-07-01").code == 0  # fmt: skip
    assert dprk("verify", "m", "--by", "IAEA", "--date", "2008-07-02").code == 0
    before = empty.read_bytes()
    part = ("add-measure", "P", "--actor", "DPRK", "--id", "p", "--part-of", "m", "--status",
            "implemented", "--date", "2008-03-01")  # fmt: skip
    result = dprk(*part)
    assert (result.code, result.out) == (1, "")
    assert result.err.startswith(
        "dprk: error: m: is verified on 2008-07-02 by its own history, on a day it was made "
        "of parts (p): what it does then is its parts' to record; drop its own step, and "
        "first any finding of it ('dprk log m' numbers the entries"
    )
    assert empty.read_bytes() == before
    # the confirmation dropped, the part is taken, the partial finding kept
    assert dprk("drop-finding", "m", "4").code == 0
    assert dprk(*part).code == 0
    assert dprk("check").out == "ok: no problems found\n"
    shown = measure(dprk, "m")
    assert [(v["by"], v["result"]) for v in shown["verifications"]] == [("AEC", "partial")]
    assert shown["status"] == "implemented"


def test_a_measure_whose_parts_are_disputed_says_so_beside_unverified(dprk, empty):
    """A release in two batches, each refuted: the release read 'unverified (0 of 2
    parts verified)' in `status`, `show` and the report, and nothing said it was
    contested. It stays implemented (verified only when every part is), and says how
    many of its parts stand disputed."""
    assert dprk("add-measure", "Release", "--actor", "US", "--id", "rel", "--status",
                "agreed", "--date", "2020-02-29").code == 0  # fmt: skip
    for ident, day in (("b1", "2020-04-08"), ("b2", "2020-08-14")):
        assert dprk("add-measure", ident, "--actor", "US", "--id", ident, "--part-of", "rel",
                    "--status", "implemented", "--date", day).code == 0  # fmt: skip
    assert dprk("verify", "b1", "--by", "ICRC", "--result", "refuted", "--date",
                "2020-09-05").code == 0  # fmt: skip
    said = "unverified (0 of 2 parts verified, 1 disputed)"
    assert re.search(rf"\nrel +US +implemented +full +{re.escape(said)}", dprk("status").out)
    assert dprk("verify", "b2", "--by", "ICRC", "--result", "refuted", "--date",
                "2020-09-05").code == 0  # fmt: skip
    said = "unverified (0 of 2 parts verified, 2 disputed)"
    assert re.search(rf"\nrel +US +implemented +full +{re.escape(said)}", dprk("status").out)
    assert re.search(rf"\nverification +{re.escape(said)}\n", dprk("show", "rel").out)
    page = dprk("report", "--output", "-").out
    assert '<span class="muted">unverified</span> (0 of 2 parts verified, 2 disputed)' in page
    assert measure(dprk, "rel")["status"] == "implemented"


def test_the_report_words_a_measure_verified_with_no_finding_as_the_status_table(dprk, empty):
    """A measure verified through its parts read 'verified through its parts' in the
    report, words of its own, where the status table and `show` say 'verified (its
    parts)'; and a measure of no parts whose file says verified against its history
    read so too, where the table says 'verified'. The report asks the table's words (as
    `graph` does)."""
    assert dprk("add-measure", "Whole", "--actor", "US", "--id", "w", "--status", "agreed",
                "--date", "2017-01-01").code == 0  # fmt: skip
    for ident in ("p1", "p2"):
        assert dprk("add-measure", ident, "--actor", "US", "--id", ident, "--part-of", "w",
                    "--status", "implemented", "--date", "2017-02-01").code == 0  # fmt: skip
        assert dprk("verify", ident, "--by", "UN", "--date", "2017-03-01").code == 0
    assert dprk("add-measure", "Lone", "--actor", "US", "--id", "lone", "--status",
                "implemented", "--date", "2017-02-01").code == 0  # fmt: skip
    text = empty.read_text(encoding="utf-8")
    lone = text.index('id = "lone"')
    at = text.index('status = "implemented"', lone)
    empty.write_text(text[:at] + 'status = "verified"' + text[at + 22 :], encoding="utf-8")
    table = dprk("status").out
    assert re.search(r"\nw +US +verified +full +verified \(its parts\) +2017-03-01 ", table)
    assert re.search(r"\nlone +US +verified +full +verified +Lone\n", table), table
    result = dprk("report", "--output", "-")
    assert result.code == 0, result.err
    page = result.out
    assert "<td>verified (its parts)</td>" in page
    assert "<td>verified</td>" in page
    assert "through its parts" not in page


def test_a_part_added_to_a_verified_measure_says_what_it_made_of_it(dprk, empty):
    """Adding a part yet to act took its measure from verified to implemented
    (intermediate) with nothing said but the new id, where `mark` and `verify` on a part
    say what happens to its measure. The id alone goes to standard output."""
    assert dprk("add-measure", "Whole", "--actor", "US", "--id", "w", "--status", "agreed",
                "--date", "2017-01-01").code == 0  # fmt: skip
    assert dprk("add-measure", "P1", "--actor", "US", "--id", "p1", "--part-of", "w",
                "--status", "agreed", "--date", "2017-01-01").code == 0  # fmt: skip
    assert dprk("mark", "p1", "implemented", "--date", "2017-02-01").code == 0
    assert dprk("verify", "p1", "--by", "UN", "--date", "2017-03-01").code == 0
    added = dprk("add-measure", "P2", "--actor", "US", "--id", "p2", "--part-of", "w",
                 "--status", "agreed", "--date", "2017-01-01")  # fmt: skip
    assert (added.code, added.out, added.err) == (
        0,
        "p2\n",
        "p2: added as a part of w; w now implemented (intermediate) from 2017-02-01 (it was "
        "implemented from 2017-02-01, verified from 2017-03-01)\n",
    )
    assert _stands(dprk, "w", "2017-01-31") == ("agreed", "not-initiated")
    assert _stands(dprk, "w", "2017-02-01") == ("implemented", "intermediate")
    shown = json.loads(dprk("show", "w", "--format", "json").out)
    assert (shown["status"], shown["extent"]) == ("implemented", "intermediate")
    third = dprk("add-measure", "P3", "--actor", "US", "--id", "p3", "--part-of", "w",
                 "--status", "agreed", "--date", "2017-01-01")  # fmt: skip
    assert third.err == (
        "p3: added as a part of w; w now implemented (minimal) from 2017-02-01 (it was "
        "implemented (intermediate))\n"
    )
    assert _stands(dprk, "w", "2017-02-01") == ("implemented", "minimal")
    assert dprk("add-measure", "Q", "--actor", "US", "--id", "q").code == 0
    quiet = dprk("add-measure", "Q1", "--actor", "US", "--id", "q1", "--part-of", "q")
    assert (quiet.out, quiet.err) == ("q1\n", "")  # (q stays proposed)


def test_several_parts_marked_at_once_say_their_measure_s_state_once(dprk, empty):
    """`mark p1 p2 p3 implemented` said on each line '(part of w, now implemented)', the
    state all three left it in, as if each step alone had; `verify` likewise. The
    measure's state is said once, on the line of the last of its parts; each earlier
    part's line, which said nothing of the measure, names it: '(part of w)'."""
    assert dprk("add-measure", "W", "--actor", "US", "--id", "w", "--status", "agreed",
                "--date", "2017-01-01").code == 0  # fmt: skip
    for ident in ("p1", "p2", "p3"):
        assert dprk("add-measure", ident, "--actor", "US", "--id", ident, "--part-of", "w",
                    "--status", "agreed", "--date", "2017-01-01").code == 0  # fmt: skip
    marked = dprk("mark", "p1", "p2", "p3", "implemented", "--date", "2017-02-01")
    assert (marked.code, marked.err) == (
        0,
        "p1: implemented on 2017-02-01 (part of w)\n"
        "p2: implemented on 2017-02-01 (part of w)\n"
        "p3: implemented on 2017-02-01 (part of w, now implemented)\n",
    )
    found = dprk("verify", "p1", "p2", "--by", "UN", "--date", "2017-03-01")
    assert (found.code, found.err) == (
        0,
        "p1: confirmed by UN on 2017-03-01; p1 is verified (part of w)\n"
        "p2: confirmed by UN on 2017-03-01; p2 is verified (part of w, still implemented)\n",
    )
    alone = dprk("verify", "p3", "--by", "UN", "--date", "2017-03-01")
    assert alone.err == (
        "p3: confirmed by UN on 2017-03-01; p3 is verified (part of w, now verified)\n"
    )
    # ids from standard input likewise: one change of each measure, said once, on the
    # line of its last part given (the guide says so)
    assert dprk("add-measure", "V", "--actor", "US", "--id", "v", "--date", "2017-01-01").code == 0
    for ident in ("q1", "q2"):
        assert dprk("add-measure", ident, "--actor", "US", "--id", ident, "--part-of", "v",
                    "--date", "2017-01-01").code == 0  # fmt: skip
    before = empty.read_bytes()
    piped = dprk("mark", "-", "implemented", "--date", "2017-04-01", stdin="q2\nq1\n")
    assert (piped.code, piped.err) == (
        0,
        "q2: implemented on 2017-04-01 (part of v)\n"
        "q1: implemented on 2017-04-01 (part of v, now implemented)\n",
    )
    assert empty.read_bytes() != before
    assert dprk("undo").code == 0 and empty.read_bytes() == before


def test_several_parts_joined_at_once_say_their_measure_s_state_once(dprk, empty):
    """`edit p1 p2 --part-of w` said on both lines 'w now implemented (intermediate) from
    1989-07-06, in full from 1991-05-06 (it was agreed)', the state both left it in, as if
    each alone had, and p2's 'it was' was not how p1 had left it. As `mark` and `verify`
    say it: once, on the line of the last of its parts."""
    for ident in ("w", "p1", "p2"):
        assert dprk("add-measure", ident.upper(), "--actor", "US", "--id", ident,
                    "--status", "agreed", "--date", "1987-12-08").code == 0  # fmt: skip
    assert dprk("mark", "p1", "implemented", "--date", "1989-07-06").code == 0
    assert dprk("mark", "p2", "implemented", "--date", "1991-05-06").code == 0
    before = empty.read_bytes()
    joined = dprk("edit", "p1", "p2", "--part-of", "w", "--date", "1987-12-08")
    assert (joined.code, joined.out, joined.err) == (
        0,
        "",
        "p1: edited on 1987-12-08 (part_of: (none) -> 'w')\n"
        "p2: edited on 1987-12-08 (part_of: (none) -> 'w'); w now implemented "
        "(intermediate) from 1989-07-06, in full from 1991-05-06 (it was agreed)\n",
    )
    after = empty.read_bytes()
    assert after != before and after.count(b'part_of = "w"') == 2
    left = dprk("edit", "p1", "p2", "--no-part-of", "--date", "1987-12-08")
    assert (left.code, left.err) == (
        0,
        "p1: edited on 1987-12-08 (part_of: 'w' -> (none))\n"
        "p2: edited on 1987-12-08 (part_of: 'w' -> (none)); w now agreed (it was "
        "implemented)\n",
    )
    assert b'part_of = "w"' not in empty.read_bytes()


def test_a_measure_made_a_part_says_how_the_wholes_above_moved(dprk, empty):
    """Joining x, a part of top, an implemented q carried x out and, with it, top: the
    line said how x moved and not top (the wholes above the one joined were not read)."""
    for args in (["Top", "--id", "top"], ["Mid", "--id", "mid", "--part-of", "top"],
                 ["X", "--id", "x", "--part-of", "top"],
                 ["Leaf", "--id", "leaf", "--part-of", "mid", "--status", "implemented"],
                 ["Q", "--id", "q", "--status", "implemented"]):  # fmt: skip
        assert dprk("add-measure", *args, "--actor", "US", "--date", "2018-01-01").code == 0
    joined = dprk("edit", "q", "--part-of", "x", "--date", "2018-02-01")
    assert joined.code == 0, joined.err
    assert joined.err == (
        "q: edited on 2018-02-01 (part_of: (none) -> 'x'); x now implemented (it was "
        "proposed); top now implemented (intermediate) from 2018-01-01, in full from "
        "2018-02-01 (it was implemented (intermediate))\n"
    )
    status = {
        m["id"]: m["extent"] for m in json.loads(dprk("status", "-f", "json").out)["measures"]
    }
    assert status["top"] == "full"


def test_a_measure_added_as_a_part_and_in_exchange_for_its_whole_is_refused_plainly(dprk, empty):
    """add-measure --part-of W --in-exchange-for W was refused with the rule's advice,
    'dprk unlink NEW W' or 'dprk edit NEW --no-part-of', commands for a measure never
    written. It says to give one of the two, for a whole above too."""
    for ident in ("big", "freeze"):
        assert dprk("add-measure", ident, "--actor", "DPRK", "--id", ident,
                    "--date", "2018-06-01").code == 0  # fmt: skip
    assert dprk("edit", "freeze", "--part-of", "big", "--date", "2018-06-01").code == 0
    before = empty.read_bytes()
    for linked, said in (
        ("freeze", "'freeze', which it is to be a part of:"),
        ("big", "'big', which it is to be a part of (through 'freeze'):"),
    ):
        result = dprk("add-measure", "Shut reactor", "--actor", "DPRK", "--date", "2018-09-19",
                      "--part-of", "freeze", "--in-exchange-for", linked)  # fmt: skip
        assert (result.code, result.out) == (1, ""), result.err
        assert result.err == (
            f"dprk: error: measure 'shut-reactor' would be exchanged for {said} a measure is "
            f"no price paid for its own whole; give --part-of freeze or --in-exchange-for "
            f"{linked}, not both\n"
        )
        assert empty.read_bytes() == before


def test_a_cycle_of_parts_written_by_hand_is_undone_as_check_advises(dprk, empty):
    """Two measures made parts of each other by hand (no edit of part_of on record): check
    advised 'dprk edit ID --no-part-of' (today), refused as the cycle 'was' in the past,
    dated by the earlier measure's creation, before the other was made; its advice to
    redate an edit had no edit to redate. The advice names the day the cycle closed (the
    later creation); followed, it ends the cycle, and a measure not made yet on a day is
    no whole of anything then."""
    assert (
        dprk("add-measure", "Whole", "--actor", "DPRK", "--id", "w", "--date", "2018-06-12").code
        == 0
    )
    assert (
        dprk("add-measure", "Part", "--actor", "DPRK", "--id", "p", "--date", "2018-07-23").code
        == 0
    )
    text = empty.read_text(encoding="utf-8")
    for ident, whole in (("w", "p"), ("p", "w")):
        head = f'id = "{ident}"\n'
        at = text.index(head)
        end = text.index('status = "proposed"\n', at) + len('status = "proposed"\n')
        text = text[:end] + f'part_of = "{whole}"\n' + text[end:]
    empty.write_text(text, encoding="utf-8")
    checked = dprk("check")
    assert checked.code == 1
    assert (
        "is a part of a measure that is itself a part of it (w -> p -> w); remove one link "
        "with 'dprk edit ID --no-part-of --date 2018-07-23' [parts]" in checked.out
    )
    followed = dprk("edit", "w", "--no-part-of", "--date", "2018-07-23")
    assert followed.code == 0, followed.err
    assert dprk("check").out == "ok: no problems found\n"


def test_reversed_with_an_extent_says_how_a_step_undone_in_part_is_recorded(dprk, korea):
    """A journalist recording a partial re-tightening typed 'mark ... reversed --extent
    intermediate' and was told only that --extent goes with implemented: the refusal
    names the way the docs give (implemented at what is left), which works as given,
    with the day, the note and the sources typed (the advice left them out: run as
    printed, it recorded the step today, without them)."""
    import shlex

    before = korea.read_bytes()
    refused = dprk("mark", "punggye-ri-closure", "reversed", "--extent", "intermediate",
                   "--date", "2018-09-01", "--note", "tunnels reopened, in part",
                   "--source", "38 North", "--source", "AP")  # fmt: skip
    assert (refused.code, refused.out) == (2, "")
    advice = (
        "dprk mark punggye-ri-closure implemented --extent intermediate --date 2018-09-01 "
        '--note "tunnels reopened, in part" --source "38 North" --source AP'
    )
    assert refused.err == (
        "dprk: error: --extent goes with implemented; a step undone in part is recorded as "
        f"what is left of it: '{advice}' (reversed undoes it whole)\n"
    )
    assert korea.read_bytes() == before
    full = dprk("mark", "punggye-ri-closure", "reversed", "--extent", "full")
    assert full.err == "dprk: error: --extent goes with implemented\n"
    followed = dprk(*shlex.split(advice)[1:])
    assert followed.code == 0, followed.err
    shown = json.loads(dprk("show", "punggye-ri-closure", "--format", "json").out)
    assert shown["extent"] == "intermediate"
    step = shown["history"][-1]
    assert (step["date"], step["note"]) == ("2018-09-01", "tunnels reopened, in part")
    assert {"38 North", "AP"} <= set(shown["sources"])
    undated = dprk("mark", "punggye-ri-closure", "reversed", "--extent", "minimal")
    assert f"--extent minimal --date {date.today().isoformat()}' (reversed" in undated.err


def test_a_narrow_terminal_leaves_out_a_yearly_scorecards_earliest_years(dprk, korea, monkeypatch):
    """At 60 columns, `scorecard --yearly` left out the latest years first, the year of
    the card's own day among them ("left out to fit the terminal: 2026, 2025..."). The
    earliest go first, of the years in which nothing changed (every score the year
    before's: all but 2018 here); the year in which something did is kept."""
    monkeypatch.setenv("COLUMNS", "40")
    monkeypatch.setenv("TERM", "dumb")
    result = dprk("--no-pager", "scorecard", "--yearly", "--as-of", "2026-01-01", tty=True)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    head = next(line for line in lines if line.startswith("party") and "2026" in line)
    assert head.split() == ["party", "2018", "2023", "2024", "2025", "2026"], head
    # (the last note, under the yearly table: the first says what its own table left out)
    left = re.findall(r"\(left out to fit the terminal: (.*?); widen it", result.out, re.S)
    assert re.sub(r"\s+", " ", left[-1]) == "2019, 2020, 2021, 2022", left


def test_a_narrow_terminal_keeps_the_years_a_yearly_scorecard_changed_in(dprk, empty, monkeypatch):
    """A ledger whose events all fall in 1988-1991, its yearly scorecard run to today in
    a terminal 100 columns wide: the years kept were the last twelve, in which nothing
    changed, and 1988-1991 were left out. The years in which a score changed, and the
    last, today's, are kept; those in which nothing changed go first, and are named.
    JSON and CSV keep every year."""
    for args in (
        ("add-measure", "All troops out", "--actor", "DPRK", "--id", "w", "--status",
         "agreed", "--date", "1988-12-22"),
        ("mark", "w", "implemented", "--date", "1990-05-25", "--extent", "intermediate"),
        ("mark", "w", "implemented", "--date", "1991-06-25"),
    ):  # fmt: skip
        result = dprk(*args)
        assert result.code == 0, result.err
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("TERM", "dumb")
    result = dprk("--no-pager", "scorecard", "--yearly", tty=True)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    head = next(line for line in lines if line.startswith("party") and "1988" in line).split()
    this_year = str(today().year)
    assert head[1:4] == ["1988", "1990", "1991"] and head[-1] == this_year, head
    assert len(head) > 5  # (the rest of the room goes to years in which nothing changed)
    [left] = re.findall(
        r"\(left out\s+to\s+fit\s+the\s+terminal:\s+(.*?);\s+widen", result.out, re.S
    )
    hidden = re.sub(r"\s+", " ", left).split(", ")
    assert "1989" in hidden and not {"1988", "1990", "1991", this_year} & set(hidden)
    assert sorted(hidden + head[1:]) == [str(y) for y in range(1988, today().year + 1)]
    shown = json.loads(dprk("scorecard", "--yearly", "--format", "json").out)
    years = [y["year"] for y in shown["groups"][0]["years"]]
    assert years == list(range(1988, today().year + 1))


def test_a_narrow_terminal_names_the_years_it_left_out_in_calendar_order(dprk, empty, monkeypatch):
    """Too narrow for a year in which something changed, `scorecard --yearly` named the
    years it left out in the order it left them out, those in which nothing changed first:
    "..., 2024, 2025, 1988". They are named in calendar order, as the table runs."""
    for args in (
        ("add-measure", "All troops out", "--actor", "DPRK", "--id", "w", "--status",
         "agreed", "--date", "1988-12-22"),
        ("mark", "w", "implemented", "--date", "1990-05-25", "--extent", "intermediate"),
        ("mark", "w", "implemented", "--date", "1991-06-25"),
    ):  # fmt: skip
        result = dprk(*args)
        assert result.code == 0, result.err
    monkeypatch.setenv("COLUMNS", "24")
    monkeypatch.setenv("TERM", "dumb")
    result = dprk("--no-pager", "scorecard", "--yearly", tty=True)
    assert result.code == 0, result.err
    # (the last note, under the yearly table: the first says what its own table left out)
    left = re.findall(r"\(left out to fit the\s+terminal:\s+(.*?);\s+widen", result.out, re.S)
    assert left, result.out
    hidden = re.sub(r"\s+", " ", left[-1]).split(", ")
    assert "1988" in hidden and "1989" in hidden, hidden
    assert hidden == sorted(hidden), hidden


def test_a_part_added_reversed_with_no_action_on_record_has_not_acted_for_its_whole(dprk, empty):
    """A whole stands as its own history says until one of its parts has acted. A part
    added as reversed, its action not on record yet (a gap `check` warns of), made its
    agreed whole reversed, dated from the part's reversal: as if reincorporation had been
    carried out, and its debt younger. The whole stays agreed, and its debt as old; once
    the part's action is recorded, the whole acted then and was reversed after."""
    assert dprk("add-measure", "Guarantees", "--actor", "US", "--id", "sg", "--status",
                "implemented", "--date", "2017-01-01").code == 0  # fmt: skip
    assert dprk("add-measure", "Reincorporation", "--actor", "DPRK", "--id", "reinc",
                "--status", "agreed", "--in-exchange-for", "sg", "--date",
                "2016-11-24").code == 0  # fmt: skip
    owes = "DPRK,owes,reinc,sg,2017-01-01,{},false,false,"
    assert dprk("balance", "--as-of", "2019-09-01", "--format", "csv").out.splitlines()[1] == (
        owes.format(973)
    )
    added = dprk("add-measure", "Faction stays", "--actor", "DPRK", "--id", "faction",
                 "--part-of", "reinc", "--status", "reversed", "--date", "2019-08-29")  # fmt: skip
    assert added.code == 0, added.err
    assert "reinc now" not in added.err + added.out
    measures = json.loads(dprk("status", "--format", "json").out)["measures"]
    reinc = next(m for m in measures if m["id"] == "reinc")
    assert (reinc["status"], reinc["status_date"]) == ("agreed", "2016-11-24")
    assert dprk("balance", "--as-of", "2019-09-01", "--format", "csv").out.splitlines()[1] == (
        owes.format(973)
    )
    assert dprk("check").code == 0
    # its action recorded: the whole carried out through it, then undone by its reversal
    marked = dprk("mark", "faction", "implemented", "--date", "2017-06-27")
    assert marked.code == 0, marked.err
    assert json.loads(dprk("show", "reinc", "--format", "json").out)["status"] == "reversed"
    assert dprk("balance", "--as-of", "2019-09-01", "--format", "csv").out.splitlines()[1] == (
        "DPRK,owes,reinc,sg,2019-08-29,3,false,false,"
    )


def _prisoners(dprk, empty) -> None:
    """p5000, added without a date, and a1, its part, implemented on 2020-04-08."""
    assert (
        dprk("add-measure", "Release 5,000 prisoners", "--actor", "DPRK", "--id", "p5000").code == 0
    )
    assert dprk("add-measure", "Free 1,500", "--actor", "DPRK", "--id", "a1", "--part-of", "p5000",
                "--status", "implemented", "--date", "2020-04-08").code == 0  # fmt: skip


def _whole_made(ledger) -> str:
    """The date the file stores on p5000's creation."""
    text = ledger.read_text(encoding="utf-8")
    block = text[text.index('id = "p5000"') :]
    return re.search(r"\ndate = (\S+)\n", block).group(1)


def _made_everywhere(dprk, ident: str) -> set[str]:
    """The days every view dates `ident`'s creation by: show and log (table and JSON),
    the timeline."""
    days = set()
    for command in ("show", "log"):
        doc = json.loads(dprk(command, ident, "--format", "json").out)
        history = doc if isinstance(doc, list) else doc["history"]
        days.update(h["date"] for h in history if h["event"] == "created")
        table = dprk(command, ident).out
        days.update(re.findall(r"(\d{4}-\d\d-\d\d)  (?:\S+  )?created ", table))
    events = json.loads(dprk("timeline", "--format", "json").out)["events"]
    days.update(e["date"] for e in events if e["id"] == ident and e["event"] == "created")
    return days


def test_an_undated_whole_is_dated_in_the_file_by_the_part_that_dates_it(dprk, empty):
    """p5000, added without a date, made of a1, implemented on 2020-04-08: every report
    held p5000 from 2020-04-08 on (its status_date, the timeline), but the file stored
    its creation as of the day it was added (today), and `show --as-of 2020-05-01`
    listed that entry, dated after the day it shows. The file, show, log, the timeline
    and every past view date it 2020-04-08."""
    _prisoners(dprk, empty)
    assert _whole_made(empty) == "2020-04-08"
    assert _made_everywhere(dprk, "p5000") == {"2020-04-08"}
    shown = dprk("show", "p5000", "--as-of", "2020-05-01")
    assert shown.code == 0
    assert shown.lines[-2].startswith("1  2020-04-08  created  proposed  ")
    # (and, after it, the step its part gave it that day: derived, no entry)
    assert shown.lines[-1].split(None, 3) == [
        "2020-04-08",
        "parts",
        "implemented",
        "derived: implemented (full), as its parts give it",
    ]
    doc = json.loads(dprk("show", "p5000", "--as-of", "2020-05-01", "--format", "json").out)
    assert (doc["status"], doc["status_date"]) == ("implemented", "2020-04-08")
    assert [(h["date"], h["event"]) for h in doc["history"]] == [("2020-04-08", "created")]
    status = on(dprk, "p5000", "2020-05-01")
    assert status["status_date"] == "2020-04-08"
    assert dprk("show", "p5000", "--as-of", "2020-04-07").code != 0  # (not made yet)
    assert dprk("check").out == "ok: no problems found\n"


@pytest.mark.parametrize(
    ("args", "day"),
    [
        (("redate", "a1", "1", "2020-03-01"), "2020-03-01"),
        (("redate", "a1", "1", "2020-06-01"), "2020-06-01"),
        (("remove", "a1"), None),
        (
            (
                "add-measure",
                "Free 500",
                "--actor",
                "DPRK",
                "--id",
                "a2",
                "--part-of",
                "p5000",
                "--status",
                "implemented",
                "--date",
                "2020-02-01",
            ),
            "2020-02-01",
        ),  # fmt: skip
        (
            ("add-measure", "Free 500", "--actor", "DPRK", "--id", "a2", "--date", "2020-02-01"),
            "2020-04-08",
        ),  # fmt: skip
    ],
)
def test_a_change_of_the_part_that_dates_an_undated_whole_moves_its_date_in_the_file(
    dprk, empty, args, day
):
    """a1, which dates p5000, redated earlier or later, or removed; a part added that acted
    earlier: the whole's stored creation stayed where it was (or the day it was added),
    where reports moved it. It moves in the same write, and `undo` puts the file back
    byte for byte."""
    _prisoners(dprk, empty)
    before = empty.read_bytes()
    result = dprk(*args)
    assert result.code == 0, result.err
    assert _whole_made(empty) == (day or today().isoformat())
    assert _made_everywhere(dprk, "p5000") == {_whole_made(empty)}
    assert dprk("check").out == "ok: no problems found\n"
    assert dprk("undo").code == 0
    assert empty.read_bytes() == before


def test_a_part_joining_or_leaving_an_undated_whole_moves_its_date_in_the_file(dprk, empty):
    """a2, implemented on 2020-02-01, made a part of p5000 on 2020-03-01 (a step counts
    from the day it became a part: p5000 stands from 2020-03-01), then made a part of
    it from the day it was made: each moves p5000's stored creation as the reports move
    it."""
    _prisoners(dprk, empty)
    assert dprk("add-measure", "Free 500", "--actor", "DPRK", "--id", "a2",
                "--status", "implemented", "--date", "2020-02-01").code == 0  # fmt: skip
    steps = [
        (("edit", "a2", "--part-of", "p5000", "--date", "2020-03-01"), "2020-03-01"),
        (("redate", "a2", "2", "2020-02-01"), "2020-02-01"),
    ]
    for args, day in steps:
        before = empty.read_bytes()
        result = dprk(*args)
        assert result.code == 0, result.err
        assert _whole_made(empty) == day, args
        assert _made_everywhere(dprk, "p5000") == {day}
        assert dprk("check").out == "ok: no problems found\n"
        assert dprk("undo").code == 0
        assert empty.read_bytes() == before
        assert dprk(*args).code == 0


# Two undated wholes exchanged for each other, one of them (pow) carried out through a
# part, entered in several orders: the link written with either measure's creation, or
# made apart; pow's part added before the link or after it.
_POW = ["add-measure", "Release POWs", "--actor", "DRV", "--id", "pow"]
_POW_4 = ["add-measure", "Fourth release", "--actor", "DRV", "--id", "pow-4", "--part-of",
          "pow", "--status", "implemented", "--date", "1973-03-27"]  # fmt: skip
_WD = ["add-measure", "Withdraw", "--actor", "US", "--id", "wd"]
_EXCHANGED_IN_ORDER = {
    "part, then link": [_POW, _POW_4, [*_WD, "--in-exchange-for", "pow"]],
    "link, then part": [_POW, [*_WD, "--in-exchange-for", "pow"], _POW_4],
    "link from the other side": [_WD, [*_POW, "--in-exchange-for", "wd"], _POW_4],
    "link made apart": [_POW, _WD, _POW_4, ["link", "wd", "pow"]],
}
# A part given to wd: the command, what it says, wd's status then and the day wd's
# undated creation is stored on (its part's first step while a part of it).
_PART_OF_WD = {
    "implemented": (
        ["add-measure", "Fourth increment", "--actor", "US", "--id", "wd-4", "--part-of",
         "wd", "--status", "implemented", "--date", "1973-03-29"],
        "wd-4\n",
        "wd-4: added as a part of wd; wd now implemented (it was proposed)\n",
        "implemented",
        "1973-03-29",
    ),
    "agreed": (
        ["add-measure", "Fourth increment", "--actor", "US", "--id", "wd-4", "--part-of",
         "wd", "--status", "agreed", "--date", "1973-01-27"],
        "wd-4\n",
        "",
        "proposed",
        "1973-01-27",
    ),
    "edit --part-of": (
        ["edit", "wd-3", "--part-of", "wd", "--date", "1973-03-20"],
        "",
        "wd-3: edited on 1973-03-20 (part_of: (none) -> 'wd')\n",
        "proposed",
        "1973-03-20",
    ),
}  # fmt: skip


def _stored(ledger) -> dict[str, dict]:
    """The ledger's measures as its file stores them, by id."""
    import tomllib

    return {m["id"]: m for m in tomllib.loads(ledger.read_text(encoding="utf-8"))["measures"]}


@pytest.mark.parametrize("part", list(_PART_OF_WD))
@pytest.mark.parametrize("order", list(_EXCHANGED_IN_ORDER))
def test_a_part_is_added_to_an_undated_whole_exchanged_for_one_whose_part_acted(
    dprk, tmp_path, order, part
):
    """pow and wd, added without a date and exchanged for each other, pow implemented
    through its part pow-4: a part given to wd (added implemented or agreed, or an edit of
    part_of) was refused with "pow: status is 'proposed' but its parts give 'implemented';
    set status = "implemented" in the file", though the file said so and `check` was
    clean. Dating wd's creation by its new part moved pow's record of the link, and pow
    was stored with the status of its own history, not of its parts. The part is added,
    pow stays implemented in the file and in every view, both sides hold the link alike,
    `check` is clean, and `undo` puts the file back byte for byte."""
    assert dprk("init", "--party", "US", "--party", "DRV").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    _entered(dprk, *_EXCHANGED_IN_ORDER[order])
    args, out, err, status, made = _PART_OF_WD[part]
    if part == "edit --part-of":
        _entered(dprk, ["add-measure", "Third increment", "--actor", "US", "--id", "wd-3",
                        "--date", "1973-01-27"])  # fmt: skip
    assert _stored(ledger)["pow"]["status"] == "implemented"
    before = ledger.read_bytes()
    result = dprk(*args)
    assert (result.code, result.out, result.err) == (0, out, err)
    stored = _stored(ledger)
    assert (stored["pow"]["status"], stored["wd"]["status"]) == ("implemented", status)
    created = next(h for h in stored["wd"]["history"] if h["event"] == "created")
    assert (created["date"].isoformat(), created["undated"]) == (made, True)
    assert _made_everywhere(dprk, "wd") == {made}
    assert (measure(dprk, "pow")["status"], measure(dprk, "wd")["status"]) == (
        "implemented",
        status,
    )
    assert dprk("check").out == "ok: no problems found\n"
    for day in ("1973-03-30", today().isoformat()):
        pow, wd = on(dprk, "pow", day), on(dprk, "wd", day)
        assert pow["status"] == "implemented", day
        assert (pow["in_exchange_for"] == ["wd"]) == (wd["in_exchange_for"] == ["pow"]), day
    assert on(dprk, "wd", today().isoformat())["in_exchange_for"] == ["pow"]
    assert dprk("undo").code == 0
    assert ledger.read_bytes() == before


_WD_4 = ["add-measure", "Fourth increment", "--actor", "US", "--id", "wd-4", "--part-of",
         "wd", "--status", "implemented", "--date", "1973-03-29"]  # fmt: skip


def _wholes_in_order(order: tuple[str, ...]) -> list[list[str]]:
    """pow, wd and their parts, entered in `order`, the link with the whole added second."""
    made = {"pow": _POW, "pow-4": _POW_4, "wd": _WD, "wd-4": _WD_4}
    second = max(("pow", "wd"), key=order.index)
    link = ["--in-exchange-for", "wd" if second == "pow" else "pow"]
    return [[*made[name], *(link if name == second else [])] for name in order]


@pytest.mark.parametrize(
    "order",
    [
        order
        for order in itertools.permutations(("pow", "pow-4", "wd", "wd-4"))
        if order.index("pow") < order.index("pow-4") and order.index("wd") < order.index("wd-4")
    ],
    ids="-".join,
)
def test_a_link_between_undated_wholes_dates_each_by_its_own_record_in_every_order(
    dprk, tmp_path, monkeypatch, order
):
    """pow and wd, added without a date and exchanged for each other: pow carried out
    through its part on 1973-03-27, wd through its part on 1973-03-29. The link has no
    day of its own: it was dated as the creation of whichever whole was added second,
    and the record of it the other holds was an event of that one, which it dated. Added
    after wd, pow's link dated wd from 1973-03-27, before anything of wd's own; added
    before it, wd's from 1973-03-29: wd's creation, pow's last day, the timeline and the
    past views followed the order of typing. The link counts from the later of the two
    beginnings, each as its own record dates it, whichever holds it: every order gives
    the same answers (`dprk log` lists the entry where it is recorded)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    assert dprk("init", "--party", "US", "--party", "DRV").code == 0
    _entered(dprk, *_wholes_in_order(order))
    assert dprk("check").out == "ok: no problems found\n"
    records = json.loads(dprk("status", "--format", "json").out)["measures"]
    fields = ("id", "status", "status_date", "last_date", "in_exchange_for")
    assert [tuple(r[k] for k in fields) for r in records] == [
        ("pow", "implemented", "1973-03-27", "1973-03-29", ["wd"]),
        ("pow-4", "implemented", "1973-03-27", "1973-03-27", []),
        ("wd", "implemented", "1973-03-29", "1973-03-29", ["pow"]),
        ("wd-4", "implemented", "1973-03-29", "1973-03-29", []),
    ]
    assert _made_everywhere(dprk, "wd") == {"1973-03-29"}
    assert _made_everywhere(dprk, "pow") == {"1973-03-27"}
    shown = json.loads(dprk("show", "wd", "--format", "json").out)
    assert (shown["status_date"], shown["last_date"]) == ("1973-03-29", "1973-03-29")
    logged = json.loads(dprk("log", "wd", "pow", "--format", "json").out)
    assert sorted((e["date"], e["event"]) for e in logged) == [
        ("1973-03-27", "created"),
        ("1973-03-29", "created"),
        ("1973-03-29", "exchange"),
    ]
    assert dprk("timeline").lines[2:10] == [
        "1973-03-27      ○                pow      proposed",
        "1973-03-27      ●                pow-4    implemented",
        "1973-03-27      ○                pow      implemented (full), as its parts give it",
        "1973-03-29      ○                pow      exchange: in exchange for wd",
        "1973-03-29  ○                    wd       proposed",
        "1973-03-29  ○                    wd       exchange: in exchange for pow",
        "1973-03-29  ●           2 (DRV)  wd-4     implemented",
        "1973-03-29  ○                    wd       implemented (full), as its parts give it",
    ]
    before = json.loads(dprk("status", "--as-of", "1973-03-28", "--format", "json").out)
    assert [(m["id"], m["in_exchange_for"]) for m in before["measures"]] == [
        ("pow", []),
        ("pow-4", []),
    ]
    shutil.rmtree(tmp_path / ".dprk")  # (read anew: the same)
    assert json.loads(dprk("status", "--format", "json").out)["measures"] == records


def _status_by_hand(ledger, ident: str, status: str) -> None:
    """Measure `ident`'s status set to `status` in the file, as by hand."""
    text = ledger.read_text(encoding="utf-8")
    start = text.index(f'id = "{ident}"\n')
    at = text.index("status = ", start)
    end = text.index("\n", at)
    ledger.write_text(f'{text[:at]}status = "{status}"{text[end:]}', encoding="utf-8")


@pytest.mark.parametrize(
    ("part", "by_hand", "said", "advice"),
    [
        (
            "implemented",
            "agreed",
            "its status 'agreed' in the file is not what its parts give ('implemented'), one "
            'of the two written by hand; set status = "implemented" in the file (dprk derives '
            "it from the parts)",
            [],
        ),
        (
            "agreed",
            "implemented",
            "its status 'implemented' in the file is not what its history gives ('proposed'), "
            "one of the two written by hand; record the change first on its part with 'dprk mark "
            'pow-4 implemented --date YYYY-MM-DD\', or set status = "proposed" in the file '
            "(dprk derives it from its history and its parts)",
            ["mark", "pow-4", "implemented", "--date", "1973-03-27"],
        ),
    ],
)
def test_a_whole_s_status_set_by_hand_is_named_with_advice_that_works(
    dprk, tmp_path, part, by_hand, said, advice
):
    """pow, exchanged for wd, its status set by hand against what its part gives: a part
    added to wd moves pow's record of the link, so the write would replace that status,
    and is refused. The refusal names pow with what the file does not hold yet, and its
    advice works: before, it advised marking pow itself ('dprk mark pow implemented',
    refused: a measure made of parts), or "mark it reversed if it was undone", which is
    refused as well. Followed, either way, the part is added and `check` is clean."""
    assert dprk("init", "--party", "US", "--party", "DRV").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    pow_4 = [*_POW_4[:-4], "--status", part, "--date", "1973-03-27"]
    _entered(dprk, _POW, pow_4, [*_WD, "--in-exchange-for", "pow"])
    _status_by_hand(ledger, "pow", by_hand)
    new_part = _PART_OF_WD["implemented"][0]
    before = ledger.read_bytes()
    refused = dprk(*new_part)
    assert (refused.code, refused.out) == (1, "")
    assert refused.err == f"dprk: error: pow: {said}; nothing was written\n"
    assert ledger.read_bytes() == before
    assert _stored(ledger)["pow"]["status"] == by_hand  # (the advice is yet to be followed)
    for followed in ("the file", "the command"):
        if followed == "the file":
            match = re.search(r'set status = "(\w+)" in the file', said)
            _status_by_hand(ledger, "pow", match.group(1))
        elif advice:
            assert dprk(*advice).code == 0
        else:
            continue
        added = dprk(*new_part)
        assert added.code == 0, added.err
        assert dprk("check").out == "ok: no problems found\n"
        ledger.write_bytes(before)


def _whole_with_a_part_carried_out(dprk) -> None:
    """w (A) made of p1 and p2, p1 carried out on 2000-02-01; B's step bs on 2000-03-20."""
    _entered(
        dprk,
        ["add-measure", "whole", "--actor", "A", "--id", "w", "--date", "2000-01-01"],
        ["add-measure", "part one", "--actor", "A", "--id", "p1", "--part-of", "w",
         "--date", "2000-01-01"],
        ["add-measure", "part two", "--actor", "A", "--id", "p2", "--part-of", "w",
         "--date", "2000-01-01"],
        ["mark", "p1", "implemented", "--date", "2000-02-01"],
        ["add-measure", "b step", "--actor", "B", "--id", "bs", "--date", "2000-01-01"],
        ["mark", "bs", "implemented", "--date", "2000-03-20"],
    )  # fmt: skip


@pytest.mark.parametrize("ended", ["withdrawn", "rejected"])
def test_a_whole_that_acted_through_its_parts_cannot_be_withdrawn_as_it_stands(
    dprk, tmp_path, ended
):
    """w, carried out in part as p1 was, was marked withdrawn (or rejected) a month later:
    accepted, it stayed implemented, `check` found nothing, and the timeline drew the
    withdrawal as A's own step (B's step of 20 March came 19 days after it, not 48). The
    rule of any measure holds for it: only a pending measure can be withdrawn. Refused,
    the advice records on its parts how it ended, and followed, `check` is clean. Dated
    before a part acted, the whole's withdrawal stays accepted."""
    assert dprk("init", "--party", "A", "--party", "B").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    _whole_with_a_part_carried_out(dprk)
    # (dated before any part acted, or on the day one did, where it replays before the
    # action, it is accepted: the part carried out after it carries the whole out)
    for day in ("2000-01-15", "2000-02-01"):
        marked = dprk("mark", "w", ended, "--date", day)
        assert marked.code == 0, marked.err
        assert dprk("check").code == 0
        assert dprk("undo").code == 0
    before = ledger.read_bytes()
    refused = dprk("mark", "w", ended, "--date", "2000-03-01")
    assert refused.code == 1 and ledger.read_bytes() == before
    rule = {
        "withdrawn": "only a pending measure can be withdrawn (one carried out and undone is "
        "reversed)",
        "rejected": "only a pending measure (proposed or agreed) can be rejected",
    }[ended]
    assert refused.err == (
        "dprk: error: w: implemented (intermediate) on 2000-02-01, as its parts give it, "
        f"comes before {ended} on 2000-03-01: {rule}; once a part has acted, how it ended "
        f"is its parts' to record: mark "
        f"{ended} those yet to act ('dprk mark p2 {ended} --date 2000-03-01') and mark "
        "reversed those undone ('dprk mark p1 reversed --date 2000-03-01'), or correct one "
        "of the two dates ('dprk redate'); nothing was written\n"
    )
    rows = [line.split() for line in dprk("timeline").lines]
    assert ["2000-03-20", "●", "48", "(A)", "bs", "implemented"] in rows
    # followed: the part yet to act ends so (A's step of that day; a rejection, the
    # other side's turning it down, is none), and w stands as its parts give it
    assert dprk("mark", "p2", ended, "--date", "2000-03-01").code == 0
    assert dprk("check").code == 0
    assert measure(dprk, "w")["status"] == "implemented"
    rows = [line.split() for line in dprk("timeline").lines]
    # (answering no one: B's bs was only proposed by then, no step of B's)
    drawn = ["●"] if ended == "withdrawn" else ["⊘"]
    assert ["2000-03-01", *drawn, "p2", ended] in rows
    # (no step of w's own; a part rejected counts for nothing in it, so p1 alone, carried
    # out in full, leaves it done in full from then, as its parts give it)
    given = ["2000-03-01", "○", "w", "implemented", "(full),", "as", "its", "parts", "give", "it"]
    by_parts = [] if ended == "withdrawn" else [given]
    assert [row for row in rows if row[:1] == ["2000-03-01"] and "w" in row] == by_parts
    # and the part carried out, undone: w stands reversed
    assert dprk("mark", "p1", "reversed", "--date", "2000-03-01").code == 0
    assert dprk("check").code == 0
    assert measure(dprk, "w")["status"] == "reversed"


def _whole_stepped_by_hand(dprk, folder, status: str):
    """The ledger of `_whole_with_a_part_carried_out`, with w's own step to `status` moved
    by hand to 2000-03-01, after p1 carried it out (as no command writes it)."""
    assert dprk("init", "--party", "A", "--party", "B").code == 0
    ledger = folder / "dprk-ledger.toml"
    _whole_with_a_part_carried_out(dprk)
    assert dprk("mark", "w", status, "--date", "2000-01-15").code == 0
    text = ledger.read_text()
    assert text.count("date = 2000-01-15") == 1
    ledger.write_text(text.replace("date = 2000-01-15", "date = 2000-03-01"))
    return ledger


def test_check_names_a_withdrawal_of_a_whole_after_its_parts_acted_written_by_hand(dprk, tmp_path):
    """A ledger edited by hand to withdraw w after p1 carried it out: `check` reports it as
    it reports a plain measure withdrawn once carried out, with the same advice, which
    followed leaves the ledger clean."""
    _whole_stepped_by_hand(dprk, tmp_path, "withdrawn")
    for _ in range(2):  # (read anew, then kept)
        found = dprk("check")
        assert found.code == 1
        assert found.out == (
            "error: w: implemented (intermediate) on 2000-02-01, as its parts give it, comes "
            "before withdrawn on 2000-03-01: only a pending measure can be withdrawn (one "
            "carried out and undone is reversed); once a part has acted, how it ended is its "
            "parts' to record: drop its own withdrawn step of 2000-03-01 first "
            "('dprk log w' numbers the entries, 'dprk drop-entry w N' drops one), then mark "
            "withdrawn those yet to act ('dprk mark p2 withdrawn --date 2000-03-01') and mark "
            "reversed those undone ('dprk mark p1 reversed --date 2000-03-01'), or correct "
            "one of the two dates ('dprk redate') [transitions]\n1 error, 0 warnings\n"
        )
    # the advice, followed: its own step dropped, the part yet to act withdrawn
    log = dprk("log", "w").out
    assert "withdrawn" in log.splitlines()[-1] and log.splitlines()[-1].split()[0] == "2"
    assert dprk("drop-entry", "w", "2").code == 0
    assert dprk("mark", "p2", "withdrawn", "--date", "2000-03-01").code == 0
    assert dprk("check").code == 0


@pytest.mark.parametrize("offer", ["agreed", "proposed"])
def test_a_whole_that_acted_through_its_parts_cannot_be_offered_again_as_it_stands(
    dprk, tmp_path, offer
):
    """w, carried out in part as p1 was, was marked agreed (or, agreed before, proposed) a
    month later: accepted, it stayed implemented and `check` found nothing. The rule of
    any measure holds for it: one that has acted cannot be pending again. Refused, the
    advice records on its parts that it was undone by the day before, and followed, the
    offer is accepted and `check` is clean. Dated before a part acted, or on the day one
    did (where it replays before the action), the offer stays accepted."""
    assert dprk("init", "--party", "A", "--party", "B").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    _whole_with_a_part_carried_out(dprk)
    if offer == "proposed":
        assert dprk("mark", "w", "agreed", "--date", "2000-01-10").code == 0
    for day in ("2000-01-15", "2000-02-01"):
        marked = dprk("mark", "w", offer, "--date", day)
        assert marked.code == 0, marked.err
        assert dprk("check").code == 0
        assert dprk("undo").code == 0
    before = ledger.read_bytes()
    refused = dprk("mark", "w", offer, "--date", "2000-03-01")
    assert refused.code == 1 and ledger.read_bytes() == before
    assert refused.err == (
        "dprk: error: w: implemented (intermediate) on 2000-02-01, as its parts give it, "
        f"comes before {offer} on 2000-03-01: a measure that has acted cannot be pending "
        "again (mark it reversed if it was undone); once a part has acted, its undoing is "
        "its parts' to record: mark reversed those undone, by the day before the offer "
        "('dprk mark p1 reversed --date 2000-02-29'), and the offer stands, or correct one "
        "of the two dates ('dprk redate'); nothing was written\n"
    )
    # a reversal of the offer's own day replays after it: the offer is refused still
    assert dprk("mark", "p1", "reversed", "--date", "2000-03-01").code == 0
    again = dprk("mark", "w", offer, "--date", "2000-03-01")
    assert again.code == 1 and "cannot be pending again" in again.err
    assert dprk("undo").code == 0
    # followed: p1 undone the day before, the offer is accepted and w stands as offered
    assert dprk("mark", "p1", "reversed", "--date", "2000-02-29").code == 0
    assert dprk("mark", "w", offer, "--date", "2000-03-01").code == 0
    assert dprk("check").code == 0
    assert measure(dprk, "w")["status"] == offer


def test_check_names_an_offer_of_a_whole_after_its_parts_acted_written_by_hand(dprk, tmp_path):
    """A ledger edited by hand to have w agreed after p1 carried it out: `check` reports it
    as it reports a plain measure pending again once carried out, with the same advice,
    which followed leaves the ledger clean."""
    _whole_stepped_by_hand(dprk, tmp_path, "agreed")
    for _ in range(2):  # (read anew, then kept)
        found = dprk("check")
        assert found.code == 1
        assert found.out == (
            "error: w: implemented (intermediate) on 2000-02-01, as its parts give it, comes "
            "before agreed on 2000-03-01: a measure that has acted cannot be pending again "
            "(mark it reversed if it was undone); once a part has acted, its undoing is its "
            "parts' to record: mark reversed those undone, by the day before the offer ('dprk "
            "mark p1 reversed --date 2000-02-29'), and the offer stands, or correct one of the "
            "two dates ('dprk redate') [transitions]\n1 error, 0 warnings\n"
        )
    # the advice, followed
    assert dprk("mark", "p1", "reversed", "--date", "2000-02-29").code == 0
    assert dprk("check").code == 0


def _after_acting_refused(again: str, day: str, *, held: bool = False) -> str:
    """What a step of w to `again` on `day` is refused with, once p1 carried it out
    (`_whole_with_a_part_carried_out`), without its leading 'dprk: error: '; `held`: as
    `check` says it of a file that holds the step (it is to be dropped first)."""
    told = f"w: implemented (intermediate) on 2000-02-01, as its parts give it, comes before {again} on {day}: "
    if again == "proposed":
        return told + (
            "a measure that has acted cannot be pending again (mark it reversed if it was "
            "undone); once a part has acted, its undoing is its parts' to record: mark "
            f"reversed those undone, by the day before the offer ('dprk mark p1 reversed "
            f"--date {date.fromisoformat(day) - timedelta(days=1)}'), and the offer stands, or "
            "correct one of the two dates ('dprk redate')"
        )
    drop = (
        f"drop its own withdrawn step of {day} first ('dprk log w' numbers the entries, 'dprk "
        "drop-entry w N' drops one), then "
        if held
        else ""
    )
    return told + (
        "only a pending measure can be withdrawn (one carried out and undone is reversed); "
        f"once a part has acted, how it ended is its parts' to record: {drop}mark withdrawn "
        f"those yet to act ('dprk mark p2 withdrawn --date {day}') and mark reversed those "
        f"undone ('dprk mark p1 reversed --date {day}'), or correct one of the two dates "
        "('dprk redate')"
    )


@pytest.mark.parametrize("again", ["proposed", "withdrawn"])
def test_a_whole_that_acted_through_its_parts_is_refused_a_step_its_own_record_holds_already(
    dprk, tmp_path, again
):
    """w, carried out in part as p1 was, was marked proposed a month later, its own record
    proposed still (or withdrawn, withdrawn on its own record before p1 acted): taken for
    the same step reported again, it was written, and `check` found nothing; without a
    date, it was refused as 'already proposed', which w was not. A step reports the state
    it follows again only when that is the state it follows: for a whole, the one its
    parts give it, as any other step of a whole is judged. Implemented as its parts give
    it, w is refused the step as it is refused an offer or an ending, with the same advice,
    which followed works. Before a part acted, the step is reported again, as for any
    measure, and accepted."""
    assert dprk("init", "--party", "A", "--party", "B").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    _whole_with_a_part_carried_out(dprk)
    if again == "withdrawn":
        assert dprk("mark", "w", "withdrawn", "--date", "2000-01-15").code == 0
    repeated = dprk("mark", "w", again, "--date", "2000-01-20")
    assert repeated.code == 0, repeated.err
    assert dprk("undo").code == 0
    before = ledger.read_bytes()
    for day in ("2000-03-01", None):
        dated = ("--date", day) if day else ()
        refused = dprk("mark", "w", again, *dated)
        assert refused.code == 1 and ledger.read_bytes() == before
        assert refused.err == (
            f"dprk: error: {_after_acting_refused(again, day or str(today()))}; nothing was "
            "written\n"
        )
    assert dprk("check").code == 0
    # the advice, followed
    if again == "proposed":
        assert dprk("mark", "p1", "reversed", "--date", "2000-02-29").code == 0
        marked = dprk("mark", "w", again, "--date", "2000-03-01")
        assert marked.code == 0, marked.err
    else:
        assert dprk("mark", "p2", "withdrawn", "--date", "2000-03-01").code == 0
        assert dprk("mark", "p1", "reversed", "--date", "2000-03-01").code == 0
    assert dprk("check").out == "ok: no problems found\n"
    # (offered again once undone, it stands as offered; ended by its parts, reversed)
    assert measure(dprk, "w")["status"] == ("proposed" if again == "proposed" else "reversed")


@pytest.mark.parametrize("again", ["proposed", "withdrawn"])
def test_check_names_a_step_of_a_whole_its_own_record_held_already_written_by_hand(
    dprk, tmp_path, again
):
    """A ledger edited by hand to have w proposed (or withdrawn) again after p1 carried it
    out, its own record proposed (withdrawn) already: `check` reports it as it reports the
    same step written by a command, whether the file is read anew or kept."""
    assert dprk("init", "--party", "A", "--party", "B").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    _whole_with_a_part_carried_out(dprk)
    if again == "withdrawn":
        assert dprk("mark", "w", "withdrawn", "--date", "2000-01-10").code == 0
    assert dprk("mark", "w", again, "--date", "2000-01-15").code == 0
    text = ledger.read_text()
    assert text.count("date = 2000-01-15") == 1
    ledger.write_text(text.replace("date = 2000-01-15", "date = 2000-03-01"))
    for _ in range(2):  # (read anew, then kept)
        found = dprk("check")
        assert found.code == 1
        said = _after_acting_refused(again, "2000-03-01", held=True)
        assert f"error: {said} [transitions]\n" in found.out
    # the advice, followed (the step of 2000-03-01 dropped, not the one before it)
    if again == "withdrawn":
        log = [line.split() for line in dprk("log", "w").lines]
        number = next(row[0] for row in log if row[1:2] == ["2000-03-01"])
        assert dprk("drop-entry", "w", number).code == 0
        assert dprk("mark", "p2", "withdrawn", "--date", "2000-03-01").code == 0
        assert dprk("mark", "p1", "reversed", "--date", "2000-03-01").code == 0
    else:
        assert dprk("mark", "p1", "reversed", "--date", "2000-02-29").code == 0
    assert dprk("check").out == "ok: no problems found\n"


def test_a_part_s_action_before_its_whole_s_withdrawal_is_advised_in_an_order_that_works(
    dprk, tmp_path
):
    """w withdrawn on 2019-03-01, then pa's action of 2019-02-01 found: refused, with the
    advice for the whole's withdrawal, whose first step was to reverse pa (whose action
    was the one refused): followed, a reversal with no action, and a warning advising the
    action again, refused again. The whole's own step is dropped first; then the action
    is taken, and the parts end as it did."""
    assert dprk("init", "--party", "DPRK", "--party", "US").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    for args in (
        ("add-measure", "Whole", "--actor", "DPRK", "--id", "w", "--date", "2019-01-01"),
        ("add-measure", "Part A", "--actor", "DPRK", "--id", "pa", "--part-of", "w",
         "--date", "2019-01-02"),
        ("add-measure", "Part B", "--actor", "DPRK", "--id", "pb", "--part-of", "w",
         "--date", "2019-01-02"),
        ("mark", "w", "withdrawn", "--date", "2019-03-01"),
    ):  # fmt: skip
        assert dprk(*args).code == 0
    before = ledger.read_bytes()
    refused = dprk("mark", "pa", "implemented", "--date", "2019-02-01")
    assert refused.code == 1 and ledger.read_bytes() == before
    assert "drop its own withdrawn step of 2019-03-01 first ('dprk log w'" in refused.err
    assert refused.err.index("drop-entry w N") < refused.err.index("dprk mark pa reversed")
    # followed, in its order
    entries = [line.split() for line in dprk("log", "w").lines]
    number = next(row[0] for row in entries if "withdrawn" in row)
    assert dprk("drop-entry", "w", number).code == 0
    assert dprk("mark", "pa", "implemented", "--date", "2019-02-01").code == 0
    assert dprk("mark", "pb", "withdrawn", "--date", "2019-03-01").code == 0
    assert dprk("mark", "pa", "reversed", "--date", "2019-03-01").code == 0
    assert dprk("check").out == "ok: no problems found\n"
    assert measure(dprk, "w")["status"] == "reversed"


def _advised_marks(said: str) -> list[list[str]]:
    """The `dprk mark` commands a refusal's advice gives, in its order, each as arguments
    ("'dprk mark ID reversed --date D' for each of a, b" gives one for each)."""
    found = []
    for one, to, day, each in re.findall(
        r"'dprk mark (\S+) (\S+) --date (\S+)'(?: for each of ([\w, ]+))?", said
    ):
        for ident in each.split(", ") if one == "ID" else [one]:
            found.append(["mark", ident, to, "--date", day])
    return found


def _redeployment(dprk, ended: str, *more: list[str]) -> None:
    """frd (Israel) made of p1 and p2, all agreed on 1998-10-23; p1 carried out on
    1998-11-20 and p2 `ended` on 1998-12-20 (then `more`)."""
    _entered(
        dprk,
        ["init", "--party", "Israel", "--party", "PA"],
        ["add-measure", "Further redeployment", "--actor", "Israel", "--id", "frd",
         "--status", "agreed", "--date", "1998-10-23"],
        ["add-measure", "Phase 1", "--actor", "Israel", "--id", "p1", "--part-of", "frd",
         "--status", "agreed", "--date", "1998-10-23"],
        ["add-measure", "Phase 2", "--actor", "Israel", "--id", "p2", "--part-of", "frd",
         "--status", "agreed", "--date", "1998-10-23"],
        ["mark", "p1", "implemented", "--date", "1998-11-20"],
        ["mark", "p2", ended, "--date", "1998-12-20"],
        *more,
    )  # fmt: skip


@pytest.mark.parametrize("ended", ["withdrawn", "rejected"])
def test_a_refused_ending_of_a_whole_advises_its_parts_as_they_stand_by_the_end_of_its_day(
    dprk, tmp_path, ended
):
    """frd, carried out in part as p1 was, marked withdrawn (rejected) on the day p2 was
    withdrawn (rejected): refused, as it must be, but the advice was to mark p2 so that
    day, which is refused ("already withdrawn"): the parts were read as they stood the day
    before. An ending replays before the actions of its day and the parts' endings with
    it, and the parts it advises are marked on its day, after theirs: each part is read as
    it stands at the end of that day. p2, ended then, is left out; p1 alone is to be
    marked reversed; followed, `check` is clean and frd stands ended as its parts give it
    (reversed: it had acted)."""
    _redeployment(dprk, ended)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    refused = dprk("mark", "frd", ended, "--date", "1998-12-20")
    assert refused.code == 1 and ledger.read_bytes() == before
    assert f"'dprk mark p2 {ended}" not in refused.err
    advised = _advised_marks(refused.err)
    assert advised == [["mark", "p1", "reversed", "--date", "1998-12-20"]]
    for args in advised:
        done = dprk(*args)
        assert done.code == 0, done.err
    assert dprk("check").out == "ok: no problems found\n"
    assert measure(dprk, "frd")["status"] == "reversed"


def test_a_refused_ending_of_a_whole_reads_its_parts_steps_of_that_day(dprk, tmp_path):
    """frd withdrawn on the day p3 was carried out and p4, carried out before, reversed:
    the advice was to mark p3 withdrawn (refused: an ending after its action that day)
    and p4 reversed (a second reversal with no action between). Read as they stand at
    the end of the day, p3 is to be marked reversed with p1, and p4 is left out."""
    _redeployment(
        dprk,
        "withdrawn",
        ["add-measure", "Phase 3", "--actor", "Israel", "--id", "p3", "--part-of", "frd",
         "--status", "agreed", "--date", "1998-10-23"],
        ["add-measure", "Phase 4", "--actor", "Israel", "--id", "p4", "--part-of", "frd",
         "--status", "agreed", "--date", "1998-10-23"],
        ["mark", "p4", "implemented", "--date", "1998-11-25"],
        ["mark", "p3", "implemented", "--date", "1998-12-20"],
        ["mark", "p4", "reversed", "--date", "1998-12-20"],
    )  # fmt: skip
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    refused = dprk("mark", "frd", "withdrawn", "--date", "1998-12-20")
    assert refused.code == 1 and ledger.read_bytes() == before
    advised = _advised_marks(refused.err)
    assert advised == [
        ["mark", "p1", "reversed", "--date", "1998-12-20"],
        ["mark", "p3", "reversed", "--date", "1998-12-20"],
    ]
    for args in advised:
        done = dprk(*args)
        assert done.code == 0, done.err
    assert dprk("check").out == "ok: no problems found\n"
    assert measure(dprk, "frd")["status"] == "reversed"


@pytest.mark.parametrize("ended", ["withdrawn", "rejected"])
def test_a_refused_ending_of_a_whole_does_not_advise_dropping_a_step_never_written(
    dprk, tmp_path, ended
):
    """frd, carried out in part as p1 was, marked withdrawn (rejected): the refusal's
    advice began "drop its own withdrawn step of 1998-12-20 first, where the ledger holds
    it", but a refused change is not written, and the ledger holds no such step: 'dprk
    log frd' shows none. The refusal says only what to record on the parts; followed in
    its order, each command is accepted, `check` is clean and frd stands ended as its
    parts give it. Asked again, the refusal says the parts record it already, with nothing
    to drop. (`check` of a file that holds the step still says to drop it first.)"""
    _redeployment(dprk, ended)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    rule = {
        "withdrawn": "only a pending measure can be withdrawn (one carried out and undone is "
        "reversed)",
        "rejected": "only a pending measure (proposed or agreed) can be rejected",
    }[ended]
    told = (
        "dprk: error: frd: implemented (intermediate) on 1998-11-20, as its parts give it, "
        f"comes before {ended} on 1998-12-20: {rule}; once a part has acted, how it ended is "
        "its parts' to record"
    )
    refused = dprk("mark", "frd", ended, "--date", "1998-12-20")
    assert refused.code == 1 and ledger.read_bytes() == before
    assert refused.err == (
        f"{told}: mark reversed those undone ('dprk mark p1 reversed --date 1998-12-20'), or "
        "correct one of the two dates ('dprk redate'); nothing was written\n"
    )
    for args in _advised_marks(refused.err):
        done = dprk(*args)
        assert done.code == 0, done.err
    assert dprk("check").out == "ok: no problems found\n"
    assert measure(dprk, "frd")["status"] == "reversed"
    before = ledger.read_bytes()
    again = dprk("mark", "frd", ended, "--date", "1998-12-20")
    assert again.code == 1 and ledger.read_bytes() == before
    assert again.err == (
        f"{told}, and they say it already (none is left to act or to undo), or correct one of "
        "the two dates ('dprk redate'); nothing was written\n"
    )


def test_the_timeline_says_a_whole_reversed_through_its_parts_as_a_measure_reversed(dprk, tmp_path):
    """A whole reversed through its part read "reversed (not-initiated), as its parts give
    it" on the timeline, where a measure reversed reads "reversed": an extent is said of an
    action alone."""
    assert dprk("init", "--party", "A", "--party", "B").code == 0
    for args in (
        ("add-measure", "W", "--actor", "A", "--id", "w", "--date", "2000-01-01"),
        ("add-measure", "P", "--actor", "A", "--id", "p", "--part-of", "w",
         "--date", "2000-01-01"),
        ("mark", "p", "implemented", "--date", "2000-02-01", "--extent", "intermediate"),
        ("mark", "p", "reversed", "--date", "2000-03-01"),
    ):  # fmt: skip
        assert dprk(*args).code == 0
    rows = [" ".join(line.split()) for line in dprk("timeline").lines]
    # (its one part acted in part: so did the whole)
    assert "2000-02-01 ○ w implemented (intermediate), as its parts give it" in rows
    assert "2000-03-01 ○ w reversed, as its parts give it" in rows
    assert "2000-03-01 ● p reversed" in rows


def test_a_finding_or_reversal_on_the_day_a_part_acts_belongs_to_the_parts(dprk, empty):
    """The first shipment of Syria's chemicals was added as a part, implemented, on 7
    January 2014. `status --as-of 2014-01-07` has the whole implemented through it, but
    `verify` of the whole that day said it 'has not acted by 2014-01-07 (it is proposed
    then)' and advised marking the whole implemented; followed, the finding was shown in
    `log` and counted nowhere else, and `check` found nothing. A finding and a reversal
    follow the day's actions (its parts' too): refused there as the day after, naming the
    parts, the file unchanged; `check` flags such a finding written by hand."""
    for args in (
        ["add-party", "Syria"],
        ["add-measure", "Remove the chemicals", "--actor", "Syria", "--id", "removal",
         "--date", "2013-09-14"],
        ["add-measure", "First shipment", "--actor", "Syria", "--id", "shipment-1",
         "--part-of", "removal", "--status", "implemented", "--date", "2014-01-07"],
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    assert on(dprk, "removal", "2014-01-07")["status"] == "implemented"
    parts = "dprk: error: measure 'removal' is made of parts (shipment-1): record "
    found = (
        "dprk: error: a confirmed or refuted finding on 'removal' would set a status its parts "
        "set: record it on the parts (shipment-1); a partial finding on the whole is recorded "
        "as it is\n"
    )
    for day in ("2014-01-07", "2014-01-08"):
        _refused(dprk, empty, ("verify", "removal", "--by", "OPCW", "--date", day), found)
        _refused(dprk, empty, ("mark", "removal", "reversed", "--date", day), parts)
    result = dprk("verify", "removal", "--by", "OPCW", "--date", "2014-01-07")
    assert result.err == found, result.err
    # (the advice followed: the finding on the part, which the whole then stands by)
    assert dprk("verify", "shipment-1", "--by", "OPCW", "--date", "2014-01-07").code == 0
    assert on(dprk, "removal", "2014-01-07")["status"] == "verified"
    assert json.loads(dprk("check", "--format", "json").out)["errors"] == 0
    # (written by hand on the whole, the finding is one check names)
    # (after the measure's own keys, before its first table)
    lines = empty.read_text(encoding="utf-8").split("\n")
    at = lines.index('id = "removal"')
    end = next(i for i in range(at + 1, len(lines)) if lines[i].startswith("["))
    lines[end:end] = ["[[measures.verifications]]", 'by = "OPCW"', 'result = "confirmed"',
                      "date = 2014-01-07", ""]  # fmt: skip
    empty.write_text("\n".join(lines), encoding="utf-8")
    found = json.loads(dprk("check", "--format", "json").out)
    said = [p["message"] for p in found["problems"] if p.get("measure") == "removal"]
    assert any("shipment-1" in text for text in said), found


def _sohae_offered_again(dprk, offer: str) -> None:
    """sohae (DPRK), agreed on 2018-06-12, carried out through its part stand on
    2018-07-23; stand reversed on 2018-08-01, and sohae offered again (`offer`) the day
    after, as the refusal of the offer on its own advised."""
    assert dprk("init", "--party", "DPRK", "--party", "US").code == 0
    for args in (
        ["add-measure", "Dismantle Sohae launch site", "--actor", "DPRK", "--id", "sohae",
         "--status", "agreed", "--date", "2018-06-12"],
        ["add-measure", "Dismantle engine test stand", "--actor", "DPRK", "--id", "stand",
         "--part-of", "sohae", "--status", "implemented", "--date", "2018-07-23"],
    ):  # fmt: skip
        assert dprk(*args).code == 0
    refused = dprk("mark", "sohae", offer, "--date", "2018-08-02")
    assert refused.code == 1
    assert "('dprk mark stand reversed --date 2018-08-01'), and the offer stands" in refused.err
    assert dprk("mark", "stand", "reversed", "--date", "2018-08-01").code == 0
    offered = dprk("mark", "sohae", offer, "--date", "2018-08-02")
    assert offered.code == 0, offered.err
    assert offered.err == f"sohae: {offer} on 2018-08-02\n"


@pytest.mark.parametrize("offer", ["proposed", "agreed"])
def test_a_whole_offered_again_once_its_parts_were_undone_stands_as_offered(dprk, tmp_path, offer):
    """The advice of a refused offer of a whole that had acted through its parts: mark
    the part reversed by the day before, "and the offer stands". Followed, the offer was
    recorded, but the whole stayed reversed, as its parts gave it, in every view: the
    offer counted for nothing, and a withdrawal after it was refused. Its parts that acted
    all undone before it, a whole offered again stands as offered (agreed again, its own
    history's status said again, too), in every view, read from the cache or anew."""
    _sohae_offered_again(dprk, offer)
    for cold in (False, True):
        if cold:
            shutil.rmtree(tmp_path / ".dprk")
        table = [line.split(",") for line in dprk("status", "--format", "csv").out.splitlines()]
        assert (table[0][4], table[0][6]) == ("status", "status_date")
        assert [(row[0], row[4], row[6]) for row in table[1:]] == [
            ("sohae", offer, "2018-08-02"),
            ("stand", "reversed", "2018-08-01"),
        ]
        assert on(dprk, "sohae", "2018-08-01")["status"] == "reversed"
        assert on(dprk, "sohae", "2018-08-02")["status"] == offer
        assert measure(dprk, "sohae")["status"] == offer
        assert measure(dprk, "sohae")["status_date"] == "2018-08-02"
        log = dprk("log", "sohae", "--format", "csv").out
        assert f"sohae,2,2018-08-02,status,{offer}," in log
        timeline = [line for line in dprk("timeline").out.splitlines() if "sohae " in line]
        assert [line.split("sohae", 1)[1].strip() for line in timeline] == [
            "agreed",
            "implemented (full), as its parts give it",
            "reversed, as its parts give it",
            offer,
        ]
        # (it stands offered: `check` finds no error, and warns, as of any whole pending
        # with no part left to act, that nothing of it can go ahead)
        checked = dprk("check")
        assert checked.code == 0
        assert checked.out.startswith(
            f"warning: sohae: is {offer}, and none of its parts is left to act (stand reversed)"
        )
        assert checked.out.endswith("0 errors, 1 warning\n")


def test_a_whole_offered_again_can_end_or_act_again_through_its_parts(dprk, tmp_path):
    """Offered again once its part was undone, the whole is pending: its own withdrawal
    after the offer is accepted (it was refused: only a pending measure can be withdrawn),
    and a part carried out again carries it out again; a part reversed after the offer
    undoes it again, until it is offered anew. Each day in between reads so."""
    ledger = tmp_path / "dprk-ledger.toml"
    _sohae_offered_again(dprk, "proposed")
    withdrawn = dprk("mark", "sohae", "withdrawn", "--date", "2018-09-01")
    assert withdrawn.code == 0, withdrawn.err
    assert measure(dprk, "sohae")["status"] == "withdrawn"
    assert dprk("check").code == 0
    assert dprk("undo").code == 0
    assert dprk("mark", "stand", "implemented", "--date", "2018-10-01").code == 0
    assert dprk("mark", "stand", "reversed", "--date", "2018-11-01").code == 0
    assert dprk("mark", "sohae", "agreed", "--date", "2018-11-02").code == 0
    before = ledger.read_bytes()
    rejected = dprk("mark", "sohae", "rejected", "--date", "2018-11-05")
    assert rejected.code == 0, rejected.err
    assert ledger.read_bytes() != before
    for cold in (False, True):
        if cold:
            shutil.rmtree(tmp_path / ".dprk")
        assert [
            on(dprk, "sohae", day)["status"]
            for day in ("2018-08-01", "2018-08-02", "2018-09-30", "2018-10-01", "2018-11-01",
                        "2018-11-02", "2018-11-05")
        ] == [
            "reversed", "proposed", "proposed", "implemented", "reversed", "agreed", "rejected"
        ]  # fmt: skip
        assert measure(dprk, "sohae")["status"] == "rejected"
        assert dprk("check").code == 0


# The facts of a whole offered again on the day its part acted again and was undone again
# (p reversed on 2019-03-04, carried out and reversed again on 2019-03-05), each a command.
_UNDONE_AGAIN = {
    "reversed-04": ("mark", "p", "reversed", "--date", "2019-03-04"),
    "implemented-05": ("mark", "p", "implemented", "--date", "2019-03-05"),
    "reversed-05": ("mark", "p", "reversed", "--date", "2019-03-05"),
    "offer-05": ("mark", "w", "proposed", "--date", "2019-03-05"),
}


@pytest.mark.parametrize(
    "order",
    [
        ("reversed-04", "implemented-05", "reversed-05", "offer-05"),
        ("reversed-04", "offer-05", "implemented-05", "reversed-05"),
        ("reversed-04", "offer-05", "reversed-05", "implemented-05"),
        ("implemented-05", "reversed-05", "reversed-04", "offer-05"),
    ],
)
def test_a_whole_offered_again_on_the_day_its_part_acts_and_is_undone_again_reads_so(
    dprk, tmp_path, order
):
    """w's part p, carried out in 2018, was reversed on 2019-03-04, then carried out and
    reversed again on 2019-03-05, the day w was offered again. The offer was accepted
    and said w 'stays reversed (since 2019-03-04)': `status` dated w's reversal so, and
    the timeline drew no change of w after its offer, as if the offer had had no effect
    and p had not acted again. Within a day an offer replays before the actions and the
    reversals (a part's too), so the offer stood (p, the part that had acted, was
    reversed by the day before) until p acted again, after it, and was undone again:
    w is reversed from 2019-03-05, as a measure without parts with the same steps is,
    in every report and whatever order the facts are entered in."""
    assert dprk("init", "--party", "DPRK", "--party", "US").code == 0
    for args in (
        ["add-measure", "Whole", "--actor", "DPRK", "--id", "w", "--status", "agreed",
         "--date", "2018-06-12"],
        ["add-measure", "P", "--actor", "DPRK", "--id", "p", "--part-of", "w",
         "--status", "agreed", "--date", "2018-06-12"],
        ["mark", "p", "implemented", "--date", "2018-07-01"],
    ):  # fmt: skip
        assert dprk(*args).code == 0
    said = {}
    for fact in order:
        entered = dprk(*_UNDONE_AGAIN[fact])
        assert entered.code == 0, (fact, entered.err)
        said[fact] = entered.err
    if order[-1] == "offer-05":  # (said as of a measure without parts with these steps)
        assert said["offer-05"] == (
            "w: recorded proposed on 2019-03-05; w is now reversed (since 2019-03-05; it was "
            "reversed since 2019-03-04)\n"
        )
    if order[-1] == "implemented-05":  # (the step that undid the offer, said so)
        assert said["implemented-05"].endswith(" (part of w, now reversed)\n")
    for cold in (False, True):
        if cold:
            shutil.rmtree(tmp_path / ".dprk")
        assert dprk("check").code == 0
        table = [line.split(",") for line in dprk("status", "--format", "csv").out.splitlines()]
        assert (table[0][4], table[0][6]) == ("status", "status_date")
        assert sorted((row[0], row[4], row[6]) for row in table[1:]) == [
            ("p", "reversed", "2019-03-05"),
            ("w", "reversed", "2019-03-05"),
        ]
        assert measure(dprk, "w")["status_date"] == "2019-03-05"
        assert [on(dprk, "w", day)["status"] for day in ("2019-03-04", "2019-03-05")] == [
            "reversed",
            "reversed",
        ]
        rows = [" ".join(line.split()) for line in dprk("timeline").lines]
        assert [row for row in rows if " w " in row] == [
            "2018-06-12 ● w agreed",
            "2018-07-01 ○ w implemented (full), as its parts give it",
            "2019-03-04 ○ w reversed, as its parts give it",
            "2019-03-05 ○ w proposed",  # (an offer: no party's step, as the key says)
            "2019-03-05 ○ w reversed, as its parts give it",
        ]


def _checked_clean(dprk) -> None:
    """`check` finds no error, and warns only that nothing of w is left to act."""
    checked = dprk("check")
    assert checked.code == 0, checked.out
    assert "[missing-steps]" not in checked.out
    assert checked.out.endswith("0 errors, 1 warning\n"), checked.out
    assert "[parts-left-to-act]" in checked.out


@pytest.mark.parametrize("follow", ["redate", "later"])
def test_an_offer_refused_for_a_part_reversed_on_its_day_advises_what_works(dprk, tmp_path, follow):
    """w, carried out through p in 2018, was offered again on 2019-03-05, the day p's
    reversal is on record. Refused (the reversal replays after the offer of its day), the
    advice was to mark p reversed by the day before: followed, p was reversed twice with no
    action between, `check` warned of missing steps, and that warning's advice (p carried
    out on 2019-03-05) undid the offer again. The advice now moves the reversal on record
    to the day before ('dprk redate p 3 2019-03-04', numbered as `log` numbers it), or
    dates the offer the day after; either, followed, leaves `check` clean. A part that
    acted again on the offer's day is still advised to be marked reversed the day before,
    which is no second reversal."""
    assert dprk("init", "--party", "DPRK", "--party", "US").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    for args in (
        ["add-measure", "Whole", "--actor", "DPRK", "--id", "w", "--status", "agreed",
         "--date", "2018-06-12"],
        ["add-measure", "P", "--actor", "DPRK", "--id", "p", "--part-of", "w",
         "--status", "agreed", "--date", "2018-06-12"],
        ["mark", "p", "implemented", "--date", "2018-07-01"],
        ["mark", "p", "reversed", "--date", "2019-03-05"],
    ):  # fmt: skip
        assert dprk(*args).code == 0
    assert [line.split()[:4] for line in dprk("log", "p").lines[2:]][-1] == [
        "3", "2019-03-05", "p", "status"
    ]  # fmt: skip
    # p carried out again on the offer's day, then reversed: marked reversed the day
    # before, it is reversed once, acts again, and is reversed again
    assert dprk("mark", "p", "implemented", "--date", "2019-03-05").code == 0
    refused = dprk("mark", "w", "proposed", "--date", "2019-03-05")
    assert refused.code == 1
    assert "('dprk mark p reversed --date 2019-03-04'), and the offer stands" in refused.err
    assert dprk("mark", "p", "reversed", "--date", "2019-03-04").code == 0
    assert dprk("mark", "w", "proposed", "--date", "2019-03-05").code == 0
    assert dprk("check").out == "ok: no problems found\n"
    for _ in range(3):
        assert dprk("undo").code == 0
    # p's reversal on record is of the offer's own day
    before = ledger.read_bytes()
    refused = dprk("mark", "w", "proposed", "--date", "2019-03-05")
    assert refused.code == 1 and ledger.read_bytes() == before
    assert refused.err == (
        "dprk: error: w: implemented on 2018-07-01, as its parts give it, comes before "
        "proposed on 2019-03-05: a measure that has acted cannot be pending again (mark it "
        "reversed if it was undone); once a part has acted, its undoing is its parts' to "
        "record, by the day before the offer (a reversal of the offer's day or later comes "
        "after it): move to that day the reversal of p on 2019-03-05 ('dprk redate p 3 "
        "2019-03-04'), and the offer stands, or date the offer 2019-03-06, the day after its "
        "parts were undone; nothing was written\n"
    )
    if follow == "redate":
        assert dprk("redate", "p", "3", "2019-03-04").code == 0
        offered = dprk("mark", "w", "proposed", "--date", "2019-03-05")
    else:
        offered = dprk("mark", "w", "proposed", "--date", "2019-03-06")
    assert offered.code == 0, offered.err
    assert measure(dprk, "w")["status"] == "proposed"
    _checked_clean(dprk)


def test_an_offer_refused_for_a_part_reversed_today_does_not_advise_dating_it_tomorrow(
    dprk, tmp_path
):
    """w, carried out through p in 2018, offered again today, the day p's reversal is on
    record: the refusal advised, besides moving the reversal to yesterday, "date the offer
    TOMORROW, the day after its parts were undone", which `--date` refuses as after
    today. That alternative is given only once its day has come; the advice given, moving
    the reversal, followed, is accepted and leaves `check` clean."""
    day, yesterday = today(), today() - timedelta(days=1)
    tomorrow = day + timedelta(days=1)
    assert dprk("init", "--party", "DPRK", "--party", "US").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    _entered(
        dprk,
        ["add-measure", "Whole", "--actor", "DPRK", "--id", "w", "--status", "agreed",
         "--date", "2018-06-12"],
        ["add-measure", "P", "--actor", "DPRK", "--id", "p", "--part-of", "w",
         "--status", "agreed", "--date", "2018-06-12"],
        ["mark", "p", "implemented", "--date", "2018-07-01"],
        ["mark", "p", "reversed"],
    )  # fmt: skip
    before = ledger.read_bytes()
    for dated in ((), ("--date", str(day))):
        refused = dprk("mark", "w", "proposed", *dated)
        assert refused.code == 1 and ledger.read_bytes() == before
        assert str(tomorrow) not in refused.err
        assert refused.err == (
            "dprk: error: w: implemented on 2018-07-01, as its parts give it, comes before "
            f"proposed on {day}: a measure that has acted cannot be pending again (mark it "
            "reversed if it was undone); once a part has acted, its undoing is its parts' to "
            "record, by the day before the offer (a reversal of the offer's day or later comes "
            f"after it): move to that day the reversal of p on {day} ('dprk redate p 3 "
            f"{yesterday}'), and the offer stands, or correct one of the two dates ('dprk "
            "redate'); nothing was written\n"
        )
    assert dprk("mark", "w", "proposed", "--date", str(tomorrow)).code == 2
    assert dprk("redate", "p", "3", str(yesterday)).code == 0
    offered = dprk("mark", "w", "proposed")
    assert offered.code == 0, offered.err
    assert measure(dprk, "w")["status"] == "proposed"
    _checked_clean(dprk)


@pytest.mark.parametrize("follow", [("redate", "p", "3", "2019-03-04"),
                                    ("redate", "w", "2", "2019-03-06")])  # fmt: skip
def test_check_names_the_reversal_to_move_of_an_offer_on_a_part_s_reversal_day_written_by_hand(
    dprk, tmp_path, follow
):
    """A ledger edited by hand to have w offered again on the day its part p was reversed:
    `check` advises moving p's reversal (numbered as `log` numbers it) to the day before,
    or the offer to the day after, read anew or kept; either, followed, leaves it clean."""
    assert dprk("init", "--party", "DPRK", "--party", "US").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    for args in (
        ["add-measure", "Whole", "--actor", "DPRK", "--id", "w", "--status", "agreed",
         "--date", "2018-06-12"],
        ["add-measure", "P", "--actor", "DPRK", "--id", "p", "--part-of", "w",
         "--status", "agreed", "--date", "2018-06-12"],
        ["mark", "p", "implemented", "--date", "2018-07-01"],
        ["mark", "p", "reversed", "--date", "2019-03-05"],
        ["mark", "w", "proposed", "--date", "2019-03-06"],
    ):  # fmt: skip
        assert dprk(*args).code == 0
    text = ledger.read_text()
    assert text.count("date = 2019-03-06") == 1
    ledger.write_text(text.replace("date = 2019-03-06", "date = 2019-03-05"))
    for _ in range(2):  # (read anew, then kept)
        found = dprk("check")
        assert found.code == 1
        assert (
            "error: w: implemented on 2018-07-01, as its parts give it, comes before proposed "
            "on 2019-03-05: a measure that has acted cannot be pending again (mark it reversed "
            "if it was undone); once a part has acted, its undoing is its parts' to record, by "
            "the day before the offer (a reversal of the offer's day or later comes after it): "
            "move to that day the reversal of p on 2019-03-05 ('dprk redate p 3 2019-03-04'), "
            "and the offer stands, or date the offer 2019-03-06, the day after its parts were "
            "undone [transitions]\n"
        ) in found.out
    followed = dprk(*follow)
    assert followed.code == 0, followed.err
    _checked_clean(dprk)


@pytest.mark.parametrize("follow", ["mark-then-drop", "redate", "offer-dropped-first"])
def test_a_part_s_reversal_an_offer_of_its_whole_stands_by_is_refused_a_drop_with_advice_that_works(
    dprk, tmp_path, follow
):
    """w, carried out through p1 and p2, both reversed (p2 on 2019-03-05, its entry 3), was
    offered again on 2019-06-01. Dropping p2's reversal was refused, advising to mark p2
    reversed by 2019-05-31: followed, with the reversal of 2019-03-05 still on record, p2
    was reversed twice with no action between, and `check` warned of missing steps. The
    refusal now says that the offer stands by that reversal, and what works: mark p2
    reversed by the day before the offer and then drop the entry, move the reversal there
    instead, or drop the offer first. Each, followed, leaves `check` clean."""
    assert dprk("init", "--party", "DPRK", "--party", "US").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    for args in (
        ["add-measure", "Dismantle Sohae", "--actor", "DPRK", "--id", "w", "--status",
         "agreed", "--date", "2018-06-12"],
        ["add-measure", "Engine stand", "--actor", "DPRK", "--id", "p1", "--part-of", "w",
         "--status", "agreed", "--date", "2018-06-12"],
        ["add-measure", "Launch pad", "--actor", "DPRK", "--id", "p2", "--part-of", "w",
         "--status", "agreed", "--date", "2018-06-12"],
        ["mark", "p1", "implemented", "--date", "2018-07-01"],
        ["mark", "p2", "implemented", "--date", "2018-07-10"],
        ["mark", "p1", "reversed", "--date", "2019-03-01"],
        ["mark", "p2", "reversed", "--date", "2019-03-05"],
        ["mark", "w", "proposed", "--date", "2019-06-01"],
    ):  # fmt: skip
        assert dprk(*args).code == 0
    before = ledger.read_bytes()
    refused = dprk("drop-entry", "p2", "3")
    assert refused.code == 1 and ledger.read_bytes() == before
    assert refused.err == (
        "dprk: error: entry 3 of 'p2' (reversed on 2019-03-05) is the reversal by which w, "
        "offered again on 2019-06-01, stood undone by then (its parts that acted reversed by "
        "the day before the offer): dropped, w would be offered again while implemented "
        "(intermediate) through its parts, which no measure can be; mark p2 reversed by "
        "2019-05-31 first ('dprk mark p2 reversed --date 2019-05-31'), then drop this entry "
        "('dprk log p2' numbers the entries anew), or move this reversal there ('dprk redate "
        "p2 3 2019-05-31'), or drop the offer first ('dprk drop-entry w 2')\n"
    )
    if follow == "mark-then-drop":
        assert dprk("mark", "p2", "reversed", "--date", "2019-05-31").code == 0
        assert [line.split()[:2] for line in dprk("log", "p2").lines[2:]][2] == [
            "3", "2019-03-05"
        ]  # fmt: skip
        assert dprk("drop-entry", "p2", "3").code == 0
    elif follow == "redate":
        assert dprk("redate", "p2", "3", "2019-05-31").code == 0
    else:
        assert dprk("drop-entry", "w", "2").code == 0
        assert dprk("drop-entry", "p2", "3").code == 0
    if follow == "offer-dropped-first":  # (w stands implemented through p2)
        assert dprk("check").out == "ok: no problems found\n"
    else:
        assert measure(dprk, "w")["status"] == "proposed"
        _checked_clean(dprk)


@pytest.mark.parametrize("made_of_parts", [True, False])
def test_the_balance_dates_a_whole_undone_again_on_the_day_of_its_offer_as_a_measure(
    dprk, tmp_path, made_of_parts
):
    """w, exchanged for r (carried out), was carried out in 2018, reversed on 2019-03-04,
    offered again on 2019-03-05, and carried out and reversed again that day; made of a
    part p that did so, the balance said DPRK owed w since 2019-03-04, where the same
    steps of a measure without parts say 2019-03-05 (the day it last went from done in
    full to less, after its offer), as `status` dates the whole's reversal."""
    assert dprk("init", "--party", "DPRK", "--party", "US").code == 0
    steps = [
        ["add-measure", "W", "--actor", "DPRK", "--id", "w", "--status", "agreed",
         "--date", "2018-06-12"],
        ["add-measure", "R", "--actor", "US", "--id", "r", "--status", "agreed",
         "--in-exchange-for", "w", "--date", "2018-06-12"],
        ["mark", "r", "implemented", "--date", "2018-06-20"],
    ]  # fmt: skip
    acts = "p" if made_of_parts else "w"
    if made_of_parts:
        steps.append(["add-measure", "P", "--actor", "DPRK", "--id", "p", "--part-of", "w",
                      "--status", "agreed", "--date", "2018-06-12"])  # fmt: skip
    steps += [
        ["mark", acts, "implemented", "--date", "2018-07-01"],
        ["mark", acts, "reversed", "--date", "2019-03-04"],
        ["mark", acts, "implemented", "--date", "2019-03-05"],
        ["mark", acts, "reversed", "--date", "2019-03-05"],
        ["mark", "w", "proposed", "--date", "2019-03-05"],
    ]
    for args in steps:
        assert dprk(*args).code == 0, args
    for cold in (False, True):
        if cold:
            shutil.rmtree(tmp_path / ".dprk")
        parties = json.loads(dprk("balance", "--format", "json").out)["parties"]
        assert [(o["measure"], o["since"]) for o in parties["DPRK"]["owes"]] == [
            ("w", "2019-03-05")
        ]
        assert [(o["measure"], o["since"]) for o in parties["US"]["owed"]] == [("r", "2019-03-05")]
        assert measure(dprk, "w")["status_date"] == "2019-03-05"


def _s_as_this_dprk_and_an_earlier_one_wrote_it(dprk, ledger) -> tuple[bytes, bytes]:
    """w, made of p1 (done in part) and p2 (done), as this dprk writes it (intermediate)
    and as an earlier one wrote it: full once both parts had acted, its extent line left
    out."""
    _entered(
        dprk,
        ["init", "--party", "A", "--party", "B"],
        ["add-measure", "W", "--actor", "A", "--id", "w", "--status", "agreed",
         "--date", "2020-01-01"],
        ["add-measure", "P1", "--actor", "A", "--id", "p1", "--part-of", "w",
         "--status", "agreed", "--date", "2020-01-01"],
        ["add-measure", "P2", "--actor", "A", "--id", "p2", "--part-of", "w",
         "--status", "agreed", "--date", "2020-01-01"],
        ["mark", "p1", "implemented", "--extent", "intermediate", "--date", "2020-02-01"],
        ["mark", "p2", "implemented", "--date", "2020-02-10"],
    )  # fmt: skip
    now = ledger.read_bytes()
    stored = b'id = "w"\ntitle = "W"\nactor = "A"\nstatus = "implemented"\n'
    assert now.count(stored + b'extent = "intermediate"\n') == 1
    return now, now.replace(stored + b'extent = "intermediate"\n', stored)


@pytest.mark.parametrize("cold", [False, True], ids=["kept", "read-anew"])
@pytest.mark.parametrize(
    ("change", "out", "said"),
    [
        (["add-measure", "P3", "--actor", "A", "--id", "p3", "--part-of", "w",
          "--status", "agreed", "--date", "2020-03-01"], "p3\n", ""),
        (["drop-entry", "p1", "2"], "",
         "p1: dropped entry 2 (implemented (intermediate) on 2020-02-01); p1 is now agreed "
         "(since 2020-01-01; it was implemented (intermediate) since 2020-02-01) (part of w, "
         "now implemented (intermediate) from 2020-02-10, in its past now agreed from "
         "2020-02-01 to 2020-02-10 (it was implemented (intermediate) from 2020-02-01))\n"),
        (["mark", "p1", "implemented", "--extent", "full", "--date", "2020-03-01"], "",
         "p1: implemented in full on 2020-03-01; implemented since 2020-02-01 (part of w, now "
         "implemented (intermediate) from 2020-02-01, in full from 2020-03-01)\n"),
        (["redate", "p1", "2", "2020-02-05"], "",
         "p1: entry 2 (implemented (intermediate) on 2020-02-01) now dated 2020-02-05; p1 is "
         "now implemented (intermediate) (since 2020-02-05; it was implemented (intermediate) "
         "since 2020-02-01); w now implemented (intermediate) from 2020-02-05, in its past "
         "now agreed from 2020-02-01 to 2020-02-05 (it was implemented (intermediate) from "
         "2020-02-01)\n"),
        (["edit", "p2", "--no-part-of", "--date", "2020-03-01"], "",
         "p2: edited on 2020-03-01 (part_of: 'w' -> (none))\n"),
    ],
    ids=["add-part", "drop-entry", "mark", "redate", "no-part-of"],
)  # fmt: skip
def test_a_change_under_a_whole_an_earlier_dprk_stored_full_says_what_the_views_showed(
    dprk, tmp_path, tick, change, out, said, cold
):
    """w stored full by an earlier dprk is read intermediate, as its parts give it, by
    every view; but a change to a part compared with the stored 'full': a part added
    said w 'now implemented (intermediate) ... (it was implemented)', p1 done in full
    said w 'still implemented'. A change starts from w as the views read it: it says,
    and writes, byte for byte what it does to a ledger this dprk wrote, w's block with
    its extent."""
    ledger = tmp_path / "dprk-ledger.toml"
    now, earlier = _s_as_this_dprk_and_an_earlier_one_wrote_it(dprk, ledger)
    result = dprk(*change)
    assert (result.code, result.out, result.err) == (0, out, said)
    expected = ledger.read_bytes()
    assert expected != now

    ledger.write_bytes(earlier)
    if cold:
        shutil.rmtree(tmp_path / ".dprk")
    else:
        assert dprk("check").code == 0  # (the cache of the earlier file, kept)
    result = dprk(*change)
    assert (result.code, result.out, result.err) == (0, out, said)
    assert ledger.read_bytes() == expected
    result = dprk("check")
    assert (result.code, result.out, result.err) == (0, "ok: no problems found\n", "")


def test_show_lists_the_steps_a_measure_takes_from_its_parts_as_derived_lines(dprk, empty):
    """`show` of a measure made of parts gave its own history alone: nothing said that it
    came to act, or how far, on the days its parts did. The steps its parts gave it are
    derived lines of its history now (as the timeline's `parts` rows), unnumbered and
    said to be derived, in JSON under `derived_history`; up to the --as-of day too."""
    for args in (
        ("add-measure", "Dismantle Sohae", "--actor", "DPRK", "--id", "w", "--status",
         "agreed", "--date", "2020-01-01"),
        *(("add-measure", f"Part {p}", "--actor", "DPRK", "--id", p, "--part-of", "w",
           "--status", "agreed", "--date", "2020-01-02") for p in ("p1", "p2", "p3")),
        # (entered out of order: the later step first)
        ("mark", "p2", "implemented", "--date", "2020-03-05"),
        ("mark", "p1", "implemented", "--date", "2020-03-01"),
        ("note", "w", "engine stand gone", "--date", "2020-03-05"),
        ("mark", "p1", "reversed", "--date", "2020-04-01"),  # (a part reversed)
    ):  # fmt: skip
        result = dprk(*args)
        assert result.code == 0, result.err
    before = empty.read_bytes()
    shown = dprk("show", "w")
    assert shown.code == 0, shown.err
    history = shown.out[shown.out.index("w: history") :].splitlines()
    assert [" ".join(line.split()) for line in history[2:]] == [
        "1 2020-01-01 created agreed created as agreed",
        "2020-03-01 parts implemented derived: implemented (minimal), as its parts give it",
        "2 2020-03-05 note engine stand gone",
        "2020-03-05 parts implemented derived: implemented (intermediate), as its parts give it",
        "2020-04-01 parts implemented derived: implemented (minimal), as its parts give it",
    ]
    doc = json.loads(dprk("show", "w", "--format", "json").out)
    assert [h["event"] for h in doc["history"]] == ["created", "note"]  # (its entries alone)
    assert doc["derived_history"] == [
        {"date": day, "event": "parts", "status": "implemented", "extent": extent,
         "detail": "as its parts give it", "derived": True}
        for day, extent in (("2020-03-01", "minimal"), ("2020-03-05", "intermediate"),
                            ("2020-04-01", "minimal"))
    ]  # fmt: skip
    # Between the parts' steps, the lines of the days up to it alone.
    then = json.loads(dprk("show", "w", "--as-of", "2020-03-02", "--format", "json").out)
    assert [(h["date"], h["extent"]) for h in then["derived_history"]] == [
        ("2020-03-01", "minimal")
    ]
    table = dprk("show", "w", "--as-of", "2020-03-02").out
    assert " ".join(table.splitlines()[-1].split()) == (
        "2020-03-01 parts implemented derived: implemented (minimal), as its parts give it"
    )
    # A measure of no parts has none; every record has the key.
    assert json.loads(dprk("show", "p1", "--format", "json").out)["derived_history"] == []
    assert empty.read_bytes() == before


def test_a_part_added_without_a_date_to_a_whole_begun_before_says_its_past_reads_without_it(
    dprk, empty
):
    """c, agreed on 14 December 1995 and due on 18 April 1996, was given two parts without
    a date, then one of them marked implemented on 15 April: as the rule has it (an
    undated part counts from the day it became one, today), c stood implemented in full
    and not overdue on 19 April, and nothing said why. The add of each part says so, and
    the redate that counts it from c's first day; followed, c is overdue, in part."""
    args = ("--actor", "DPRK", "--part-of", "c")
    assert dprk("add-measure", "Cantonment", "--actor", "DPRK", "--id", "c", "--status",
                "agreed", "--date", "1995-12-14", "--deadline", "1996-04-18").code == 0  # fmt: skip
    before = empty.read_bytes()
    north = dprk("add-measure", "North", "--id", "c-n", *args)
    assert (north.code, north.out, north.err) == (
        0,
        "c-n\n",
        "dprk: warning: c-n: a part of c from today only, added without --date: c's days "
        "before today read without it; 'dprk redate c-n 1 1995-12-14' counts it from c's "
        "first day, as --date 1995-12-14 would have\n",
    )
    assert dprk("undo").code == 0 and empty.read_bytes() == before
    # (given a date: nothing to say)
    dated = dprk("add-measure", "North", "--id", "c-n", *args, "--date", "1995-12-14")
    assert (dated.code, dated.out, dated.err) == (0, "c-n\n", "")
    assert dprk("undo").code == 0
    for ident in ("c-n", "c-s"):
        assert dprk("add-measure", ident, "--id", ident, *args).code == 0
    assert dprk("mark", "c-n", "implemented", "--date", "1996-04-15").code == 0
    assert _stands(dprk, "c", "1996-04-19") == ("implemented", "full")
    followed = dprk("redate", "c-s", "1", "1995-12-14")
    assert followed.code == 0, followed.err
    assert _stands(dprk, "c", "1996-04-19") == ("implemented", "intermediate")
    overdue = dprk("status", "--as-of", "1996-04-19", "--overdue", "--format", "ids")
    assert (overdue.code, overdue.out) == (0, "c\n")
    # A part added with a status: the redate dates that status too, which it says.
    after = empty.read_bytes()
    acted = dprk("add-measure", "East", "--id", "c-e", *args, "--status", "implemented")
    assert acted.code == 0 and acted.err.endswith(
        "'dprk redate c-e 1 1995-12-14' counts it from c's first day, as --date 1995-12-14 "
        "would have (implemented from then)\n"
    )
    assert _stored(empty)["c-e"]["part_of"] == "c"
    assert dprk("undo").code == 0 and empty.read_bytes() == after
    # A whole begun today: its past holds nothing to miss.
    assert dprk("add-measure", "New", "--actor", "DPRK", "--id", "n").code == 0
    today_part = dprk("add-measure", "N1", "--id", "n1", "--actor", "DPRK", "--part-of", "n")
    assert (today_part.code, today_part.out, today_part.err) == (0, "n1\n", "")


def test_an_undated_edit_of_part_of_a_measure_made_today_says_how_to_count_it_from_the_whole_s_start(
    dprk, empty
):
    """e, added today without a date, made a part of c (begun 1995-12-14) by an undated
    edit said nothing: its first day is today, so no 'from the start' was given, though
    c's past reads without it. The edit says so, with the edit dated on c's first day."""
    assert dprk("add-measure", "C", "--actor", "DPRK", "--id", "c", "--status", "agreed",
                "--date", "1995-12-14").code == 0  # fmt: skip
    assert dprk("add-measure", "E", "--actor", "DPRK", "--id", "e").code == 0
    before = empty.read_bytes()
    result = dprk("edit", "e", "--part-of", "c")
    assert (result.code, result.out, result.err) == (
        0,
        "",
        f"e: edited on {today()} (part_of: (none) -> 'c') (from today; to correct it from "
        "the start: 'dprk undo', then 'dprk edit e --part-of c --date 1995-12-14'; to date "
        "the change: 'dprk undo', then 'dprk edit e --part-of c --date DAY')\n",
    )
    assert _stored(empty)["e"]["part_of"] == "c"
    assert dprk("undo").code == 0 and empty.read_bytes() == before
    followed = dprk("edit", "e", "--part-of", "c", "--date", "1995-12-14")
    assert followed.code == 0, followed.err
    assert on(dprk, "e", "1996-01-01")["part_of"] == "c"


def test_show_says_a_step_to_full_its_parts_gave_a_measure_as_the_timeline_does(dprk, empty):
    """`show`'s derived lines worded a step to full a measure took from its parts as a
    bare 'implemented', where the timeline's `parts` rows (their one wording,
    `render.timeline.by_parts_words`) say 'implemented (full)': after a step part of
    the way, read alone, a bare one does not say how far it went. Of a measure that
    never went part of the way, they say what the timeline says too."""
    for args in (
        ("add-measure", "Whole", "--actor", "DPRK", "--id", "w", "--status", "agreed",
         "--date", "2000-01-01"),
        *(("add-measure", f"Part {p}", "--actor", "DPRK", "--id", p, "--part-of", "w",
           "--status", "agreed", "--date", "2000-01-01") for p in ("p1", "p2")),
        ("mark", "p1", "implemented", "--date", "2000-02-01"),
        ("mark", "p2", "implemented", "--extent", "intermediate", "--date", "2000-03-01"),
        ("mark", "p2", "implemented", "--date", "2000-04-01"),
        # (one whole whose only part went all the way at once)
        ("add-measure", "Other", "--actor", "DPRK", "--id", "v", "--status", "agreed",
         "--date", "2000-01-01"),
        ("add-measure", "Its part", "--actor", "DPRK", "--id", "q1", "--part-of", "v",
         "--status", "agreed", "--date", "2000-01-01"),
        ("mark", "q1", "implemented", "--date", "2000-05-01"),
    ):  # fmt: skip
        result = dprk(*args)
        assert result.code == 0, result.err
    before = empty.read_bytes()
    timeline = dprk("timeline")
    assert timeline.code == 0, timeline.err
    rows = [" ".join(line.split()) for line in timeline.lines if "as its parts give it" in line]
    assert rows == [
        "2000-02-01 ○ w implemented (intermediate), as its parts give it",
        "2000-04-01 ○ w implemented (full), as its parts give it",
        "2000-05-01 ○ v implemented (full), as its parts give it",
    ]
    for ident, lines in (
        ("w", [
            "2000-02-01 parts implemented derived: implemented (intermediate), as its parts give it",
            "2000-04-01 parts implemented derived: implemented (full), as its parts give it",
        ]),
        ("v", ["2000-05-01 parts implemented derived: implemented (full), as its parts give it"]),
    ):  # fmt: skip
        shown = dprk("show", ident)
        assert (shown.code, shown.err) == (0, "")
        history = shown.out[shown.out.index(f"{ident}: history") :].splitlines()
        assert [" ".join(line.split()) for line in history[3:]] == lines
    # JSON gives the extent apart, as before: full.
    shown = dprk("show", "w", "--format", "json")
    assert shown.code == 0, shown.err
    assert [(h["extent"], h["detail"]) for h in json.loads(shown.out)["derived_history"]] == [
        ("intermediate", "as its parts give it"),
        ("full", "as its parts give it"),
    ]
    assert empty.read_bytes() == before


def _laf_verified_through_k(dprk, empty) -> None:
    """laf (due 2025-02-18) made of k alone: k done on 2024-12-11 and verified on
    2025-03-12, so laf is implemented from 2024-12-11 and verified from 2025-03-12."""
    for args in (
        ("add-measure", "LAF deploys", "--actor", "US", "--id", "laf", "--status", "agreed",
         "--date", "2024-11-27", "--deadline", "2025-02-18"),
        ("add-measure", "in Khiam", "--actor", "US", "--id", "k", "--part-of", "laf",
         "--status", "agreed", "--date", "2024-11-27"),
        ("mark", "k", "implemented", "--date", "2024-12-11"),
        ("verify", "k", "--by", "UN", "--date", "2025-03-12"),
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    assert _stands(dprk, "laf", "2025-03-20") == ("verified", "full")


@pytest.mark.parametrize("how", ["redate", "add-measure", "edit"])
def test_a_part_dated_back_says_what_its_whole_no_longer_was_on_the_days_between(dprk, empty, how):
    """A part yet to act, dated back into a whole verified through its other part (its
    creation redated, added with --date, or joined with edit --date), leaves the whole
    implemented (intermediate) from 2024-12-11: no longer implemented in full nor
    verified on the days between. The line said 'it was implemented (intermediate) from'
    today, or 'it was verified', as though the whole had stood below that before; it
    says the stretches the whole's record held over the days its state now tells."""
    _laf_verified_through_k(dprk, empty)
    made = today().isoformat()
    was = "implemented from 2024-12-11, verified from 2025-03-12"
    if how == "redate":
        assert dprk("add-measure", "in Tyre", "--actor", "US", "--id", "t", "--part-of", "laf",
                    "--status", "agreed").code == 0  # fmt: skip
        args: tuple[str, ...] = ("redate", "t", "1", "2024-11-27")
        said = (
            f"t: entry 1 (created as agreed on {made}) now dated 2024-11-27; t is now agreed "
            f"(since 2024-11-27; it was agreed since {made}); laf now implemented "
            f"(intermediate) from 2024-12-11 (it was {was}, implemented (intermediate) from "
            f"{made})\n"
        )
        out = ""
    elif how == "add-measure":
        args = ("add-measure", "in Tyre", "--actor", "US", "--id", "t", "--part-of", "laf",
                "--status", "agreed", "--date", "2024-11-27")  # fmt: skip
        said = f"t: added as a part of laf; laf now implemented (intermediate) from 2024-12-11 (it was {was})\n"
        out = "t\n"
    else:
        assert dprk("add-measure", "in Tyre", "--actor", "US", "--id", "t", "--status", "agreed",
                    "--date", "2024-11-27").code == 0  # fmt: skip
        args = ("edit", "t", "--part-of", "laf", "--date", "2024-11-28")
        said = (
            "t: edited on 2024-11-28 (part_of: (none) -> 'laf'); laf now implemented "
            f"(intermediate) from 2024-12-11 (it was {was})\n"
        )
        out = ""
    _wrote(dprk, empty, args, out, said)
    assert _stands(dprk, "laf", "2024-12-11") == ("implemented", "intermediate")
    assert _stands(dprk, "laf", "2025-03-20") == ("implemented", "intermediate")


@pytest.mark.parametrize("found", [False, True], ids=["alone", "verified-that-day"])
def test_a_same_day_mark_at_a_lesser_extent_warns_of_the_step_in_full_and_its_undoing(
    dprk, empty, found
):
    """d marked implemented, then implemented (intermediate) the same day: recorded as
    done in full, then cut back, so the balance counted what d owes from 2025-02-10, not
    from 2024-12-11, with nothing said. The mark warns, naming the step in full and the
    drop-entry that takes it back; run as it says (a finding of that day, which stands on
    the later step, left as it is), d stands intermediate and owes from 2024-12-11."""
    for args in (
        ("add-measure", "IDF withdraws", "--actor", "US", "--id", "w", "--status", "agreed",
         "--date", "2024-11-27"),
        ("add-measure", "LAF dismantles", "--actor", "DPRK", "--id", "d", "--status", "agreed",
         "--date", "2024-11-27", "--in-exchange-for", "w"),
        ("mark", "w", "implemented", "--extent", "intermediate", "--date", "2024-12-11"),
        ("mark", "d", "implemented", "--date", "2025-02-10"),
        *([("verify", "d", "--by", "UN", "--date", "2025-02-10")] if found else []),
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    advice = "'dprk drop-entry d 2'"
    warned = (
        f"dprk: warning: d was implemented (full) on 2025-02-10 (entry 2): if that was "
        f"wrong, {advice} takes it back\n"
    )
    now = "d is now verified (intermediate) (since 2025-02-10; it was verified)"
    line = f"d: recorded implemented (intermediate) on 2025-02-10; {now}" if found else (
        "d: implemented (intermediate) on 2025-02-10"
    )  # fmt: skip
    _wrote(
        dprk, empty,
        ("mark", "d", "implemented", "--extent", "intermediate", "--date", "2025-02-10",
         "--note", "was only partial"),
        "", f"{line}\n{warned}",
    )  # fmt: skip
    owes = json.loads(dprk("balance", "--as-of", "2025-02-18", "--format", "json").out)
    assert [o["since"] for o in owes["parties"]["DPRK"]["owes"]] == ["2025-02-10"]
    dropped = dprk(*shlex.split(advice.strip("'"))[1:])
    assert dropped.code == 0, dropped.err
    assert (measure(dprk, "d")["status"], measure(dprk, "d")["extent"]) == (
        "verified" if found else "implemented",
        "intermediate",
    )
    owes = json.loads(dprk("balance", "--as-of", "2025-02-18", "--format", "json").out)
    assert [o["since"] for o in owes["parties"]["DPRK"]["owes"]] == ["2024-12-11"]
    # (a step up that day, or a lesser one on another day, is progress or regress: unsaid)
    again = dprk("mark", "d", "implemented", "--extent", "minimal", "--date", "2025-02-11")
    assert again.code == 0 and "warning" not in again.err


def test_a_whole_reversed_by_its_part_has_the_same_extent_in_show_timeline_and_status(
    dprk, tmp_path
):
    """gp, made of gp-a, reversed as gp-a was: `show`'s `derived_history` gave the step
    extent null, where the timeline's `parts` row and `status` give the extent the whole
    then took, not-initiated. `show` gives it too (a pending or reversed measure's extent,
    as every measure record gives it)."""
    for args in (
        ("init", "--title", "T", "--party", "ROK", "--party", "DPRK"),
        ("add-measure", "Remove guard posts", "--actor", "DPRK", "--id", "gp",
         "--status", "agreed", "--date", "2018-09-19"),
        ("add-measure", "Demolish 10 posts", "--actor", "DPRK", "--id", "gp-a",
         "--part-of", "gp", "--status", "agreed", "--date", "2018-09-19"),
        ("mark", "gp-a", "implemented", "--date", "2018-11-30"),
        ("mark", "gp-a", "reversed", "--date", "2023-11-27"),
    ):  # fmt: skip
        result = dprk(*args)
        assert result.code == 0, result.err
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    shown = dprk("show", "gp", "--format", "json")
    assert shown.code == 0, shown.err
    derived = [
        (h["date"], h["status"], h["extent"]) for h in json.loads(shown.out)["derived_history"]
    ]
    assert derived == [
        ("2018-11-30", "implemented", "full"),
        ("2023-11-27", "reversed", "not-initiated"),
    ]
    timeline = dprk("timeline", "--format", "jsonl")
    assert timeline.code == 0, timeline.err
    rows = [json.loads(line) for line in timeline.out.splitlines()]
    assert [(r["date"], r["status"], r["extent"]) for r in rows if r["event"] == "parts"] == derived
    status = json.loads(dprk("status", "gp", "--format", "json").out)["measures"][0]
    assert (status["status"], status["extent"]) == derived[-1][1:]
    assert ledger.read_bytes() == before
