"""A view of a past day lists the sources the measure had on record that day: one a
later step, note or edit brought is left out, one an edit removed since is listed, as
`status --search --as-of` reads them (`changes.sources_on`)."""

from __future__ import annotations

import json

LATER = "JCS, 24 March 2022"
GIVEN = "KCNA report on the plenary meeting of the WPK Central Committee, 21 April 2018"


def _reversed_in_2022(dprk, korea) -> bytes:
    args = ("mark", "test-moratorium", "reversed", "--date", "2022-03-24", "--source", LATER)
    result = dprk(*args)
    assert result.code == 0, result.err
    return korea.read_bytes()


def test_a_source_a_later_step_brought_is_not_listed_on_an_earlier_day(dprk, korea):
    """A source brought by a step of 2022 was listed by `show` and `status` (CSV, JSON
    lines, JSON) of 2019, while `--search` of that day rightly did not find it."""
    before = _reversed_in_2022(dprk, korea)
    then = ("--as-of", "2019-01-01")
    result = dprk("show", "test-moratorium", *then)
    assert result.code == 0, result.err
    line = next(x for x in result.lines if x.startswith("sources"))
    assert GIVEN in line and LATER not in line
    shown = json.loads(dprk("show", "test-moratorium", *then, "--format", "json").out)
    assert shown["sources"] == [GIVEN]
    result = dprk("status", "test-moratorium", *then, "--format", "csv")
    assert result.code == 0, result.err
    assert GIVEN in result.out and LATER not in result.out
    document = json.loads(dprk("status", *then, "--format", "json").out)
    record = next(m for m in document["measures"] if m["id"] == "test-moratorium")
    assert record["sources"] == [GIVEN]
    assert dprk("status", "--search", "JCS", *then, "--format", "ids").lines == []
    lines = dprk("status", *then, "--format", "jsonl").lines
    record = next(r for r in map(json.loads, lines) if r["id"] == "test-moratorium")
    assert record["sources"] == [GIVEN]
    # (the day of the step, and the ledger as it stands, list it)
    shown = json.loads(dprk("show", "test-moratorium", "--format", "json").out)
    assert shown["sources"] == [GIVEN, LATER]
    on = ("--as-of", "2022-03-24", "--format", "json")
    assert json.loads(dprk("show", "test-moratorium", *on).out)["sources"] == [GIVEN, LATER]
    assert korea.read_bytes() == before


def test_talks_ended_before_the_step_do_not_list_its_source(dprk, korea):
    """Of talks that ended in 2019, `show` hid the step of 2022 but listed its source."""
    _reversed_in_2022(dprk, korea)
    assert dprk("edit-ledger", "--ended", "2019-12-31").code == 0
    before = korea.read_bytes()
    result = dprk("show", "test-moratorium")
    assert result.code == 0, result.err
    assert "2022-03-24" not in result.out
    line = next(x for x in result.lines if x.startswith("sources"))
    assert GIVEN in line and LATER not in line
    result = dprk("status", "test-moratorium", "--format", "csv")
    assert GIVEN in result.out and LATER not in result.out
    assert korea.read_bytes() == before


def test_a_source_removed_since_is_listed_on_a_day_it_was_on_record(dprk, korea):
    """A source an edit removed after the day was on record that day: listed, as a
    search of that day finds it."""
    args = ("edit", "test-moratorium", "--remove-source", GIVEN, "--date", "2020-01-01")
    assert dprk(*args).code == 0
    before = korea.read_bytes()
    on = ("--as-of", "2019-01-01", "--format", "json")
    assert json.loads(dprk("show", "test-moratorium", *on).out)["sources"] == [GIVEN]
    search = ("status", "--search", "plenary meeting", "--format", "ids")
    assert "test-moratorium" in dprk(*search, "--as-of", "2019-01-01").lines
    assert "test-moratorium" not in dprk(*search).lines
    shown = json.loads(dprk("show", "test-moratorium", "--format", "json").out)
    assert shown["sources"] == []
    assert korea.read_bytes() == before
