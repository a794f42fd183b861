"""A measure written into the file by hand without a history has no day until an event
of the talks dates it: a correction of the record (an edit) dates nothing, and no view
says it acted, or has owed or been owed, since the day of that correction."""

from __future__ import annotations

import json

import pytest

_PAIR = """
[[measures]]
id = "police"
title = "Integrate police"
actor = "Serbia"
status = "implemented"
in_exchange_for = ["asm"]

[[measures]]
id = "asm"
title = "Establish the ASM"
actor = "Kosovo"
status = "agreed"
in_exchange_for = ["police"]
"""


@pytest.fixture
def pair(dprk, tmp_path):
    assert dprk("init", "--party", "Serbia", "--party", "Kosovo").code == 0
    path = tmp_path / "dprk-ledger.toml"
    with path.open("a", encoding="utf-8") as f:
        f.write(_PAIR)
    return path


def _balance(dprk, *args):
    done = dprk("balance", *args, "--format", "json")
    assert done.code == 0, done.err
    rows = {}
    for name, party in json.loads(done.out)["parties"].items():
        for way in ("owed", "owes"):
            for row in party[way]:
                rows[name, way] = (row["since"], row["days"])
    return rows


def test_an_edit_of_a_hand_written_measure_dates_nothing(dprk, pair):
    """An edit wrote the creation stored on today's date, and the balance said police
    was owed since today (a past view: a negative count of days), `show` that it acted
    today, `status` that its last event was today."""
    before = _balance(dprk)
    assert before == {("Serbia", "owed"): (None, None), ("Kosovo", "owes"): (None, None)}
    done = dprk("edit", "police", "--category", "security")
    assert done.code == 0, done.err
    assert _balance(dprk) == before
    assert _balance(dprk, "--as-of", "2014-01-01") == before
    for args in ((), ("--as-of", "2014-01-01")):
        shown = json.loads(dprk("show", "police", *args, "--format", "json").out)
        assert (shown["acted_on"], shown["full_date"], shown["status_date"]) == (None,) * 3
        assert shown["last_date"] is None
    shown = dprk("show", "police", "--as-of", "2014-01-01")
    assert "acted on         -" in shown.out
    row = dprk("status", "police", "--format", "csv").lines[1].split(",")
    assert row[-1] == ""  # (acted_on)
    assert dprk("timeline", "--format", "csv").lines[1:] == []
    assert dprk("check").out == "ok: no problems found\n"


def test_an_exchange_one_side_of_which_acted_on_no_day_says_it_acted(dprk, pair):
    """Police stands implemented on no known day: `exchanges` said 'neither' acted
    (before and after an edit that dates nothing), and listed asm, which has not, as the
    one that acted first."""
    for _ in range(2):
        done = dprk("exchanges", "--format", "json")
        assert done.code == 0, done.err
        (row,) = json.loads(done.out)["exchanges"]
        assert (row["measure"], row["acted_on"], row["counterpart"]) == ("police", None, "asm")
        assert (row["first"], row["lag_days"], row["state"]) == ("Serbia", None, "one acted")
        assert dprk("edit", "police", "--category", "security").code == 0
    both = dprk("mark", "asm", "implemented", "--date", "2015-03-01")
    assert both.code == 0, both.err
    (row,) = json.loads(dprk("exchanges", "--format", "json").out)["exchanges"]
    assert (row["measure"], row["counterpart"], row["counterpart_acted_on"]) == (
        "asm",
        "police",
        None,
    )
    assert (row["first"], row["lag_days"], row["state"]) == (None, None, "both acted")


_PRINCIPLES = """
[[measures]]
id = "asm-principles"
title = "ASM principles"
actor = "Kosovo"
status = "agreed"
"""


def test_a_note_dated_back_leaves_a_hand_written_creation_of_no_day(dprk, tmp_path):
    """A note is no step: it said that the measure was agreed on the note's day, and a
    view of a day before lost the measure, though the file has it agreed on every day.
    The creation stays of no day, and the change says so."""
    assert dprk("init", "--party", "Serbia", "--party", "Kosovo").code == 0
    with (tmp_path / "dprk-ledger.toml").open("a", encoding="utf-8") as f:
        f.write(_PRINCIPLES)
    past = ("status", "--as-of", "2015-09-01", "--format", "csv")
    assert dprk(*past).lines[1].startswith("asm-principles,")
    done = dprk("note", "asm-principles", "Court review", "--date", "2015-12-23")
    assert done.code == 0, done.err
    assert done.err.splitlines() == [
        "asm-principles: note on 2015-12-23",
        "asm-principles had no history: its creation is recorded with no day, as written by hand",
    ]
    assert dprk(*past).lines[1].startswith("asm-principles,")
    log = json.loads(dprk("log", "asm-principles", "--format", "json").out)
    assert [(e["date"], e["event"]) for e in log] == [(None, "created"), ("2015-12-23", "note")]
    row = json.loads(dprk("show", "asm-principles", "--format", "json").out)
    assert (row["status_date"], row["last_date"]) == (None, "2015-12-23")
    events = json.loads(dprk("timeline", "--format", "json").out)["events"]
    assert [(e["date"], e["event"]) for e in events] == [("2015-12-23", "note")]
    assert dprk("check").out == "ok: no problems found\n"
    # (a step dates it then, and its earliest note with it: nothing comes before it)
    done = dprk("mark", "asm-principles", "implemented", "--date", "2016-05-01")
    assert done.code == 0, done.err
    log = json.loads(dprk("log", "asm-principles", "--format", "json").out)
    assert [(e["date"], e["event"]) for e in log] == [
        ("2015-12-23", "created"),
        ("2015-12-23", "note"),
        ("2016-05-01", "status"),
    ]
    assert dprk("check").out == "ok: no problems found\n"


def test_a_creation_written_by_hand_and_redated_no_longer_says_an_event_dates_it(dprk, tmp_path):
    """Redated, the creation is dated as given, but `log` still said it was 'dated by
    its earliest event'."""
    assert dprk("init", "--party", "Serbia", "--party", "Kosovo").code == 0
    path = tmp_path / "dprk-ledger.toml"
    with path.open("a", encoding="utf-8") as f:
        f.write(_PRINCIPLES)
    assert dprk("edit", "asm-principles", "--category", "governance").code == 0
    done = dprk("redate", "asm-principles", "1", "2015-08-25")
    assert done.code == 0, done.err
    first = json.loads(dprk("log", "asm-principles", "--format", "json").out)[0]
    assert (first["date"], first["detail"]) == (
        "2015-08-25",
        "created as agreed (written by hand without a history)",
    )
    assert "dated by its earliest event" not in path.read_text(encoding="utf-8")
    assert "dated by its earliest event" not in dprk("show", "asm-principles").out
    assert dprk("check").out == "ok: no problems found\n"
    # (and a creation given a day so is one: nothing is listed before it)
    assert dprk("status", "--as-of", "2015-08-24", "--format", "ids").out == ""


def test_dropping_a_link_to_an_id_typed_wrong_corrects_the_record(dprk, tmp_path):
    """`check` advises 'dprk unlink A B' for an exchange id typed wrong by hand; that
    recorded an exchange of today, a row of `timeline` and the measure's `last_date`.
    A link to no measure was never in the talks: its drop is a correction of the
    record, which `undo` takes back."""
    assert dprk("init", "--party", "Serbia", "--party", "Kosovo").code == 0
    for ident, actor in (("kosovo-no-block", "Kosovo"), ("serbia-no-block", "Serbia")):
        done = dprk("add-measure", ident, "--id", ident, "--actor", actor, "--date", "2013-04-19")
        assert done.code == 0, done.err
    path = tmp_path / "dprk-ledger.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        'actor = "Serbia"\nstatus = "proposed"\n',
        'actor = "Serbia"\nstatus = "proposed"\nin_exchange_for = ["kosovo-no-blok"]\n',
    )
    path.write_text(text, encoding="utf-8")
    checked = dprk("check")
    assert "drop the link with 'dprk unlink serbia-no-block kosovo-no-blok'" in checked.out
    dated = dprk("unlink", "serbia-no-block", "kosovo-no-blok", "--date", "2014-01-01")
    assert dated.code != 0 and "Traceback" not in dated.err
    assert len(dated.err.splitlines()) == 1 and "no day" in dated.err
    assert path.read_text(encoding="utf-8") == text
    done = dprk("unlink", "serbia-no-block", "kosovo-no-blok")
    assert done.code == 0, done.err
    assert done.err == (
        "serbia-no-block: dropped the exchange link to kosovo-no-blok, no measure of this "
        "ledger (a correction of the record, no event of the talks)\n"
    )
    assert dprk("check").out == "ok: no problems found\n"
    (last,) = [
        e for e in json.loads(dprk("log", "serbia-no-block", "--format", "json").out) if e["n"] == 2
    ]
    assert (last["event"], last["detail"]) == (
        "correction",
        "exchange link to kosovo-no-blok dropped (no measure of this ledger: typed "
        "wrong, no event of the talks)",
    )
    events = json.loads(dprk("timeline", "--format", "json").out)["events"]
    assert {e["date"] for e in events} == {"2013-04-19"}
    row = json.loads(dprk("show", "serbia-no-block", "--format", "json").out)
    assert (row["last_date"], row["in_exchange_for"]) == ("2013-04-19", [])
    undone = dprk("undo")
    assert undone.code == 0, undone.err
    assert path.read_text(encoding="utf-8") == text
