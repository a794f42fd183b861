"""A reversal by another party than the measure's actor: `mark ID reversed --by PARTY`
records who undid it on the entry (`by`), and every view says so; the timeline draws the
reversal as that party's step, in its lane. The measure stands reversed, as before."""

from __future__ import annotations

import json

import pytest

OFFICE = "gaeseong-liaison-office"
BLOWN_UP = ("mark", OFFICE, "reversed", "--date", "2020-06-16")


def _reversed_by_dprk(dprk) -> None:
    done = dprk(*BLOWN_UP, "--by", "DPRK")
    assert (done.code, done.out) == (0, ""), done.err
    assert done.err == f"{OFFICE}: reversed on 2020-06-16 by DPRK\n"


def _event_of(dprk, *args: str) -> dict:
    document = json.loads(dprk("timeline", "--format", "json", *args).out)
    (event,) = [e for e in document["events"] if (e["id"], e["date"]) == (OFFICE, "2020-06-16")]
    return event


def test_the_party_that_undid_a_measure_is_recorded_and_shown(dprk, korea):
    _reversed_by_dprk(dprk)
    text = korea.read_text()
    block = text[text.index(f'id = "{OFFICE}"') :].split("[[measures]]")[0]
    assert block.endswith('detail = "reversed"\nrecorded = ' + block.split("recorded = ")[-1])
    assert '\nby = "DPRK"\n' in block
    assert 'status = "reversed"' in block  # (it stands reversed, as before)
    assert dprk("check").code == 0
    log = dprk("log", OFFICE)
    assert log.out.splitlines()[-1].split() == [
        "3", "2020-06-16", OFFICE, "status", "reversed", "reversed", "by", "DPRK",
    ]  # fmt: skip
    shown = dprk("show", OFFICE).out
    assert "3  2020-06-16  status   reversed     reversed by DPRK" in shown
    assert "status           reversed\n" in shown
    records = json.loads(dprk("log", OFFICE, "--format", "json").out)
    assert list(records[-1])[-1] == "by"  # (the new key, last)
    assert (records[-1]["by"], records[-1]["detail"]) == ("DPRK", "reversed by DPRK")
    assert [r["by"] for r in records[:-1]] == [None, None]
    history = json.loads(dprk("show", OFFICE, "--format", "json").out)["history"]
    assert (history[-1]["by"], list(history[-1])[-1]) == ("DPRK", "by")
    csv = dprk("log", OFFICE, "--format", "csv").out.splitlines()
    assert csv[0].endswith(",recorded,by")
    assert csv[-1].endswith(",DPRK")


def test_the_timeline_draws_the_reversal_as_the_undoing_party_s_step(dprk, korea):
    _reversed_by_dprk(dprk)
    event = _event_of(dprk)
    assert (event["party"], event["move"], event["detail"]) == ("DPRK", True, "reversed by DPRK")
    # (days after the ROK's latest step, its opening of the office on 2018-09-14)
    assert (event["answers"], event["days_since"]) == ("ROK", 641)
    assert list(event)[-1] == "undone_by" and event["undone_by"] == "DPRK"
    table = dprk("timeline").out
    header = next(line for line in table.splitlines() if line.startswith("date"))
    row = next(line for line in table.splitlines() if line.startswith("2020-06-16"))
    assert row.index("●") == header.index("DPRK")
    assert "641 (ROK)" in row and row.endswith(f"{OFFICE}           reversed by DPRK")
    # (an event of another party's measure with no --by stays in its actor's lane)
    others = json.loads(dprk("timeline", "--format", "json").out)["events"]
    assert all(e["undone_by"] is None for e in others if e["id"] != OFFICE)


def test_a_reversal_without_by_reads_as_before(dprk, korea):
    done = dprk(*BLOWN_UP)
    assert done.err == f"{OFFICE}: reversed on 2020-06-16\n"
    assert "by = " not in korea.read_text().split(f'id = "{OFFICE}"')[1].split("[[measures]]")[0]
    event = _event_of(dprk)
    assert (event["party"], event["undone_by"], event["detail"]) == ("ROK", None, "reversed")
    assert json.loads(dprk("log", OFFICE, "--format", "json").out)[-1]["by"] is None


def test_by_is_refused_for_its_own_actor_an_unknown_party_and_another_status(dprk, korea):
    was = korea.read_bytes()
    for args, said in (
        (
            ("--by", "ROK"),
            f"dprk: error: --by: ROK is the actor of '{OFFICE}' on 2020-06-16; a reversal by "
            f"its own actor is recorded without --by ('dprk mark {OFFICE} reversed --date "
            "2020-06-16')\n",
        ),
        (
            ("--by", "DPKR"),
            "dprk: error: --by: 'DPKR' is not a declared party (declared: DPRK, ROK, US); did "
            "you mean DPRK?\n",
        ),
        (
            ("--by", "China"),
            "dprk: error: --by: 'China' is not a declared party (declared: DPRK, ROK, US)\n",
        ),
    ):
        refused = dprk(*BLOWN_UP, *args)
        assert (refused.code, refused.out, refused.err) == (1, "", said)
        assert korea.read_bytes() == was
    other = dprk("mark", OFFICE, "withdrawn", "--date", "2020-06-16", "--by", "DPRK")
    assert other.code == 2 and other.out == ""
    assert other.err == (
        "dprk: error: --by goes with reversed: it names the party that undid the measure, "
        f"not its actor ('dprk mark {OFFICE} reversed --by PARTY')\n"
    )
    assert korea.read_bytes() == was


def test_by_takes_a_party_in_any_case_or_with_dots_as_actor_does(dprk, korea):
    done = dprk(*BLOWN_UP, "--by", "d.p.r.k.")
    assert (done.code, done.err) == (0, f"{OFFICE}: reversed on 2020-06-16 by DPRK\n")
    assert '\nby = "DPRK"\n' in korea.read_text()


def test_undo_and_drop_entry_take_it_back(dprk, korea):
    was = korea.read_bytes()
    _reversed_by_dprk(dprk)
    assert dprk("undo").code == 0
    assert korea.read_bytes() == was
    _reversed_by_dprk(dprk)
    dropped = dprk("drop-entry", OFFICE, "3")
    assert dropped.code == 0, dropped.err
    assert "by = " not in korea.read_text().split(f'id = "{OFFICE}"')[1].split("[[measures]]")[0]
    assert [e["id"] for e in json.loads(dprk("timeline", "--format", "json").out)["events"]
            if e["date"] == "2020-06-16"] == []  # fmt: skip
    assert dprk("check").code == 0


def test_a_rename_of_the_party_renames_who_undid_it_and_a_past_day_reads_the_old_name(dprk, korea):
    _reversed_by_dprk(dprk)
    renamed = dprk("rename-party", "DPRK", "North Korea", "--date", "2021-01-01")
    assert renamed.code == 0, renamed.err
    assert '\nby = "North Korea"\n' in korea.read_text()
    assert dprk("check").code == 0
    assert _event_of(dprk)["undone_by"] == "North Korea"
    assert _event_of(dprk, "--as-of", "2020-12-31")["undone_by"] == "DPRK"
    records = json.loads(dprk("log", OFFICE, "--format", "json").out)
    assert [r["by"] for r in records if r["by"]] == ["North Korea"]


def test_a_typo_corrected_or_a_merge_carries_it(dprk, korea):
    assert dprk("add-party", "DPKR").code == 0
    typo = dprk(*BLOWN_UP, "--by", "DPKR")
    assert typo.code == 0, typo.err
    corrected = dprk("rename-party", "DPKR", "DPRK", "--typo")
    assert corrected.code == 0, corrected.err
    assert '\nby = "DPRK"\n' in korea.read_text()
    assert "DPKR" not in korea.read_text().split("[[measures]]", 1)[0]
    assert dprk("check").code == 0
    assert dprk("add-party", "North Korea").code == 0
    merged = dprk("rename-party", "DPRK", "North Korea", "--merge", "--date", "2021-01-01")
    assert merged.code == 0, merged.err
    assert '\nby = "North Korea"\n' in korea.read_text()
    assert dprk("check").code == 0
    assert _event_of(dprk, "--as-of", "2020-12-31")["undone_by"] == "DPRK"


def test_check_names_a_by_no_party_has_and_one_that_is_the_actor(dprk, korea):
    _reversed_by_dprk(dprk)
    text = korea.read_text()
    korea.write_text(text.replace('\nby = "DPRK"\n', '\nby = "DPRKK"\n'))
    found = dprk("check")
    assert found.code == 1
    assert (
        f"error: {OFFICE}: its reversal of 2020-06-16 was undone by 'DPRKK' (by), which is not "
        "a declared party; did you mean DPRK?"
    ) in found.out
    korea.write_text(text.replace('\nby = "DPRK"\n', '\nby = "ROK"\n'))
    found = dprk("check")
    assert found.code == 1
    assert (
        f"error: {OFFICE}: its reversal of 2020-06-16 names its own actor, ROK, as the party "
        "that undid it (by)"
    ) in found.out
    assert "[undone-by-actor]" in found.out
    # (on another entry than a reversal's, the file is refused as it is read)
    korea.write_text(
        text.replace('\nby = "DPRK"\n', "\n").replace(
            'detail = "implemented"\n', 'detail = "implemented"\nby = "DPRK"\n', 1
        )
    )
    read = dprk("status")
    assert read.code != 0 and "by is given only on the entry of a reversal" in read.err
    assert "Traceback" not in read.err


def test_a_measure_handed_over_since_to_the_party_that_undid_it_can_be(dprk, korea):
    """The reversal's `by` is judged against the actor on its day, as `mark --by` judges
    it: the office handed over to the DPRK after the DPRK blew it up is a hand-over the
    ledger takes (it was refused as a reversal by its own actor, though check was clean)."""
    _reversed_by_dprk(dprk)
    handed = dprk("edit", OFFICE, "--actor", "DPRK", "--date", "2020-07-01")
    assert (handed.code, handed.out) == (0, ""), handed.err
    assert 'actor = "DPRK"' in korea.read_text()
    assert '\nby = "DPRK"\n' in korea.read_text()
    checked = dprk("check")  # (the example's own deadlock is its one warning)
    assert (checked.code, checked.out.count("warning:")) == (0, 1), checked.out
    assert "undone-by-actor" not in checked.out and "[deadlocks]" in checked.out


def _office_reversed_by(dprk, ledger, party: str) -> bytes:
    """A ledger of three parties whose office, the ROK's, was undone by `party`; its
    bytes, as the merge found them."""
    for args in (
        ("init", "--title", "t", "--party", "DPRK", "--party", "ROK", "--party", "US"),
        ("add-measure", "Office opens", "--actor", "ROK", "--id", "office", "--status",
         "implemented", "--date", "2018-09-14"),
        ("add-measure", "Talks", "--actor", "DPRK", "--id", "talks", "--date", "2018-04-27"),
        ("mark", "office", "reversed", "--date", "2020-06-16", "--by", party),
    ):  # fmt: skip
        done = dprk(*args)
        assert done.code == 0, (args, done.err)
    return ledger.read_bytes()


OWN = "(office on 2020-06-16): a reversal by its actor names no party\n"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ("DPRK", "ROK", "--merge", "--date", "2021-01-01"),
            "merged party DPRK into ROK on 2021-01-01 (2 measures changed); dropped 'by DPRK' "
            f"on 1 reversal now by the measure's own actor, ROK {OWN}",
        ),
        (
            ("ROK", "DPRK", "--merge", "--date", "2021-01-01"),
            "merged party ROK into DPRK on 2021-01-01 (1 measure changed); dropped 'by DPRK' "
            f"on 1 reversal now by the measure's own actor, DPRK {OWN}",
        ),
        (
            ("DPRK", "ROK", "--typo"),
            "corrected party name DPRK to ROK, a party declared already: one side from the "
            "start, every day reads ROK (2 measures corrected; no rename recorded: the name "
            "was typed wrong); dropped 'by DPRK' on 1 reversal now by the measure's own "
            f"actor, ROK {OWN}",
        ),
    ],
)
def test_a_merge_that_makes_the_party_that_undid_a_measure_its_actor_drops_by(
    dprk, tmp_path, args, said
):
    """Two names of one side made one: the party that undid a measure of the other name
    is its own actor now, whose reversal names no `by`; the merge was refused as one
    that made a reversal name its own actor."""
    ledger = tmp_path / "dprk-ledger.toml"
    was = _office_reversed_by(dprk, ledger, "DPRK")
    merged = dprk("rename-party", *args)
    assert (merged.code, merged.out, merged.err) == (0, "", said)
    text = ledger.read_text()
    assert "\nby = " not in text
    assert dprk("check").out == "ok: no problems found\n"
    records = json.loads(dprk("log", "office", "--format", "json").out)
    assert [r["by"] for r in records] == [None] * len(records)
    assert [r["detail"] for r in records if r["date"] == "2020-06-16"] == ["reversed"]
    shown = json.loads(dprk("show", "office", "--format", "json").out)
    assert shown["status"] == "reversed"
    # (the ROK's office, on a day before the merge too: a merge entry on it, there for the
    # `by` alone, would have that day read its actor as the DPRK)
    then = json.loads(dprk("status", "--as-of", "2020-12-31", "--format", "json").out)
    assert [m["actor"] for m in then["measures"] if m["id"] == "office"] == ["ROK"]
    undone = dprk("undo")
    assert undone.code == 0, undone.err
    assert ledger.read_bytes() == was


def test_a_merge_of_another_side_keeps_by(dprk, tmp_path):
    """Merged into a third party, the one that undid the office is still another than
    its actor: its `by` is renamed, as before, and nothing dropped."""
    ledger = tmp_path / "dprk-ledger.toml"
    _office_reversed_by(dprk, ledger, "DPRK")
    merged = dprk("rename-party", "DPRK", "US", "--merge", "--date", "2021-01-01")
    assert merged.err == "merged party DPRK into US on 2021-01-01 (2 measures changed)\n"
    assert '\nby = "US"\n' in ledger.read_text()
    assert dprk("check").out == "ok: no problems found\n"
