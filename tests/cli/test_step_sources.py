"""The sources a step brought: `mark --source` records on the step's entry the sources it
added to the measure's, as a note's entry records its own ('source: ...' in its detail);
`log` and `show` say them, and `drop-entry` of the step takes them back out of the
measure's sources, unless another entry brought them too."""

from __future__ import annotations

import json
import tomllib

WHITE_HOUSE = "White House press briefing, 10 September 2018"  # (second-summit's first source)


def _sources(dprk, ident: str) -> list[str]:
    return json.loads(dprk("show", ident, "--format", "json").out)["sources"]


def _log(dprk, ident: str) -> list[dict]:
    return json.loads(dprk("log", ident, "--format", "json").out)


def _filed(path, ident: str) -> dict:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return next(m for m in data["measures"] if m["id"] == ident)


def _clean(dprk) -> None:
    assert json.loads(dprk("check", "--format", "json").out)["errors"] == 0


def test_a_step_s_sources_are_on_its_entry_in_log_show_and_the_file(dprk, korea):
    one = dprk("mark", "second-summit", "agreed", "--date", "2018-10-07", "--source", "Reuters")
    assert one.code == 0, one.err
    two = dprk(
        "mark",
        "second-summit",
        "implemented",
        "--date",
        "2019-02-27",
        "--source",
        "AP",
        "--source",
        "KCNA, 28 Feb 2019",
    )
    assert two.code == 0, two.err
    log = _log(dprk, "second-summit")
    assert [(e["n"], e["detail"]) for e in log[1:]] == [
        (2, "agreed; source: Reuters"),
        (3, "implemented; source: AP; source: KCNA, 28 Feb 2019"),
    ]
    assert list(log[1]) == [  # (no key added: the detail says it, as a note's does)
        "id", "n", "date", "event", "status", "extent", "detail", "note", "recorded", "by"
    ]  # fmt: skip
    table = dprk("log", "second-summit").out
    assert "agreed; source: Reuters" in table
    assert "implemented; source: AP; source: KCNA, 28 Feb 2019" in table
    assert "agreed; source: Reuters" in dprk("show", "second-summit").out
    shown = json.loads(dprk("show", "second-summit", "--format", "json").out)
    assert [h["detail"] for h in shown["history"][1:]] == [e["detail"] for e in log[1:]]
    assert shown["sources"][-3:] == ["Reuters", "AP", "KCNA, 28 Feb 2019"]
    filed = _filed(korea, "second-summit")
    assert [h["detail"] for h in filed["history"][1:]] == [e["detail"] for e in log[1:]]
    _clean(dprk)


def test_drop_entry_of_a_step_takes_the_sources_it_brought_back_out(dprk, korea):
    before = korea.read_bytes()
    sources = _sources(dprk, "second-summit")
    args = ["--source", "AP", "--source", "KCNA"]
    assert dprk("mark", "second-summit", "agreed", "--date", "2018-10-07", *args).code == 0
    marked = korea.read_bytes()
    dropped = dprk("drop-entry", "second-summit", "2")
    assert (dropped.code, dropped.out) == (0, "")
    assert dropped.err == (
        "second-summit: dropped entry 2 (agreed on 2018-10-07); second-summit is now proposed "
        "(since 2018-09-10; it was agreed since 2018-10-07); its sources 'AP' and 'KCNA' "
        "are taken out of the measure's sources\n"
    )
    assert _sources(dprk, "second-summit") == sources
    assert _filed(korea, "second-summit")["sources"] == sources
    assert "second-summit" not in dprk("status", "--search", "KCNA", "--format", "ids").out
    _clean(dprk)
    assert dprk("undo").code == 0 and korea.read_bytes() == marked
    assert dprk("undo").code == 0 and korea.read_bytes() == before


def test_a_dropped_step_leaves_a_source_another_entry_brought_too(dprk, korea):
    sources = _sources(dprk, "second-summit")
    assert (
        dprk("mark", "second-summit", "agreed", "--date", "2018-10-07", "--source", "AP").code == 0
    )
    note = ["note", "second-summit", "seen", "--date", "2018-10-08", "--source", "AP"]
    assert dprk(*note).code == 0
    dropped = dprk("drop-entry", "second-summit", "2")
    assert dropped.code == 0, dropped.err
    assert dropped.err.endswith(
        "; its source 'AP' stays among the measure's sources: entry 2 (the note entry of "
        "2018-10-08) names it too\n"
    )
    assert _sources(dprk, "second-summit") == [*sources, "AP"]
    _clean(dprk)


def test_a_source_that_backs_two_steps_stays_while_either_is_on_record(dprk, korea):
    """A report backing two steps: the second names it too (a step brought it), so the
    drop of either leaves it for the other, and the drop of both takes it out."""
    sources = _sources(dprk, "second-summit")
    for status, day in (("agreed", "2018-10-07"), ("implemented", "2019-02-27")):
        assert dprk("mark", "second-summit", status, "--date", day, "--source", "AP").code == 0
    assert [e["detail"] for e in _log(dprk, "second-summit")[1:]] == [
        "agreed; source: AP",
        "implemented; source: AP",
    ]
    dropped = dprk("drop-entry", "second-summit", "3")
    assert dropped.code == 0, dropped.err
    assert dropped.err.endswith(
        "; its source 'AP' stays among the measure's sources: entry 2 (agreed on "
        "2018-10-07) names it too\n"
    )
    assert _sources(dprk, "second-summit") == [*sources, "AP"]
    dropped = dprk("drop-entry", "second-summit", "2")
    assert dropped.code == 0, dropped.err
    assert dropped.err.endswith("; its source 'AP' is taken out of the measure's sources\n")
    assert _sources(dprk, "second-summit") == sources
    _clean(dprk)


def test_a_step_given_a_source_the_measure_has_records_only_the_one_it_added(dprk, korea):
    sources = _sources(dprk, "second-summit")
    args = ["--source", WHITE_HOUSE, "--source", "AP"]
    assert dprk("mark", "second-summit", "agreed", "--date", "2018-10-07", *args).code == 0
    assert _log(dprk, "second-summit")[1]["detail"] == "agreed; source: AP"
    assert _sources(dprk, "second-summit") == [*sources, "AP"]
    dropped = dprk("drop-entry", "second-summit", "2")
    assert dropped.code == 0, dropped.err
    assert dropped.err.endswith("; its source 'AP' is taken out of the measure's sources\n")
    assert _sources(dprk, "second-summit") == sources  # (the White House's stays)
    # (given only sources it has: the step brought none, and says none)
    again = ["mark", "second-summit", "agreed", "--date", "2018-10-07", "--source", WHITE_HOUSE]
    assert dprk(*again).code == 0
    step = next(e for e in _log(dprk, "second-summit") if e["event"] == "status")
    assert step["detail"] == "agreed"
    dropped = dprk("drop-entry", "second-summit", str(step["n"]))
    assert dropped.code == 0 and "source" not in dropped.err, dropped.err
    assert _sources(dprk, "second-summit") == sources


def test_a_step_s_source_holding_the_words_between_two_is_refused(dprk, korea):
    before = korea.read_bytes()
    result = dprk(
        "mark", "second-summit", "agreed", "--date", "2018-10-07", "--source", "AP; source: KCNA"
    )
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith("dprk: error: ") and result.err.count("\n") == 1, result.err
    assert "'; source: '" in result.err
    assert korea.read_bytes() == before


def test_a_step_s_sources_round_trip_through_export_and_import(dprk, korea, tmp_path):
    args = ["--source", "AP", "--source", "KCNA"]
    assert dprk("mark", "second-summit", "agreed", "--date", "2018-10-07", *args).code == 0
    for fmt in ("json", "csv"):
        (tmp_path / f"talks.{fmt}").write_text(dprk("export", "--format", fmt).out, "utf-8")
        copy = tmp_path / f"copy-{fmt}.toml"
        parties = ["--party", "DPRK", "--party", "ROK", "--party", "US"]
        title = ["--title", "US–DPRK denuclearization talks, 2018"]
        assert dprk("--ledger", copy, "init", *title, *parties).code == 0
        result = dprk("--ledger", copy, "import", f"talks.{fmt}")
        assert result.code == 0, result.err
        assert copy.read_bytes() == korea.read_bytes(), fmt
        dropped = dprk("--ledger", copy, "drop-entry", "second-summit", "2")
        assert "its sources 'AP' and 'KCNA' are taken out" in dropped.err, dropped.err


def test_a_step_written_before_steps_recorded_their_sources_reads_as_it_did(dprk, empty):
    """A ledger written before: the step's source is among the measure's sources, its
    entry says nothing of it. It checks clean, reads as it did, and a drop leaves the
    source, said by no entry, where it is."""
    assert (
        dprk(
            "add-measure", "Hold a summit", "--actor", "US", "--id", "s", "--date", "2018-09-10"
        ).code
        == 0
    )
    assert dprk("mark", "s", "agreed", "--date", "2018-10-07").code == 0
    text = empty.read_text(encoding="utf-8")
    measure = 'id = "s"\n'
    assert text.count(measure) == 1 and "sources" not in text
    empty.write_text(text.replace(measure, f'{measure}sources = ["Reuters"]\n'), "utf-8")
    _clean(dprk)
    assert _log(dprk, "s")[1]["detail"] == "agreed"
    dropped = dprk("drop-entry", "s", "2")
    assert dropped.code == 0 and "source" not in dropped.err, dropped.err
    assert _sources(dprk, "s") == ["Reuters"]
    _clean(dprk)
