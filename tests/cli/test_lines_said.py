"""Lines dprk says after a change, and lists of ids it reads: what each says and takes."""

from __future__ import annotations

import json
import shlex


def test_a_rejection_dates_a_counterpart_reversed_since_and_the_days_it_ended(dprk, tmp_path):
    """A rejection that ended a debt named each counterpart with the day it acted, but
    gave none for one reversed since (it has not acted now), and said no days when only
    that one's debt the reversal ended later: it gives the day that counterpart had
    acted from, and the days the rejection ended its debt for."""
    assert dprk("init", "--title", "t", "--party", "DPRK", "--party", "US").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    for args in (
        ["add-measure", "Close Punggye-ri", "--actor", "DPRK", "--id", "pg", "--date", "2018-04-20"],
        ["add-measure", "Test moratorium", "--actor", "DPRK", "--id", "tm", "--date", "2018-04-20"],
        ["mark", "pg", "implemented", "--date", "2018-05-24"],
        ["mark", "tm", "implemented", "--date", "2018-04-21"],
        ["add-measure", "End-of-war declaration", "--actor", "US", "--id", "eow",
         "--date", "2018-07-07", "--in-exchange-for", "pg"],
        ["link", "eow", "tm", "--date", "2018-07-07"],
        ["mark", "tm", "reversed", "--date", "2022-03-24"],
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    result = dprk("mark", "eow", "rejected", "--date", "2019-02-28")
    assert (result.code, result.out, result.err) == (
        0,
        "",
        "eow: rejected on 2019-02-28; balance no longer counts it owed to DPRK, which acted "
        "for it (pg, 2018-05-24; tm, 2018-04-21), for tm from 2019-02-28 to 2022-03-24; if "
        "US took back what it offered, it withdrew it, which keeps the debt: 'dprk "
        "drop-entry eow 3', then 'dprk mark eow withdrawn --date 2019-02-28'\n",
    )
    assert b'date = 2019-02-28\nevent = "status"\nstatus = "rejected"' in ledger.read_bytes()


def _talks_of_2018(dprk) -> None:
    assert dprk("init", "--title", "t", "--party", "DPRK", "--party", "US").code == 0
    for args in (
        ["add-measure", "Close Punggye-ri", "--actor", "DPRK", "--id", "pg", "--date", "2018-04-20"],
        ["add-measure", "Test moratorium", "--actor", "DPRK", "--id", "tm", "--date", "2018-04-20"],
        ["add-measure", "End-of-war declaration", "--actor", "US", "--id", "eow",
         "--date", "2018-07-07", "--in-exchange-for", "pg"],
        ["add-measure", "Liaison office", "--actor", "US", "--id", "office", "--date", "2019-02-27"],
    ):  # fmt: skip
        assert dprk(*args).code == 0, args


def test_a_list_of_ids_as_of_a_day_leaves_out_the_measures_made_later(dprk, tmp_path):
    """`dprk status --format ids | dprk status - --as-of DAY` failed whole when one
    measure was made after that day ("measure 'eow' was not in the talks yet"), though
    a view of a past day leaves such measures out. A list leaves each out, with one
    warning naming them and when each was made; one id of no measure is still refused;
    `show ID --as-of` of one measure made later still says it was not in the talks."""
    _talks_of_2018(dprk)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    ids = dprk("status", "--format", "ids").out
    assert ids.split() == ["eow", "office", "pg", "tm"]
    later = (
        "dprk: warning: measures 'eow' (made on 2018-07-07), 'office' (made on 2019-02-27) "
        "were not in the talks yet on 2018-05-01; left out\n"
    )
    result = dprk("status", "-", "--as-of", "2018-05-01", "--format", "ids", stdin=ids)
    assert (result.code, result.out, result.err) == (0, "pg\ntm\n", later)
    result = dprk("status", "pg", "eow", "office", "--as-of", "2018-05-01", "--format", "csv")
    assert (result.code, [r.split(",")[0] for r in result.lines], result.err) == (
        0,
        ["id", "pg"],
        later,
    )
    # every one made later: none listed, as a filter that keeps none
    result = dprk("status", "eow", "--as-of", "2018-05-01", "--format", "json")
    assert (result.code, result.err) == (
        0,
        "dprk: warning: measure 'eow' was not in the talks yet on 2018-05-01 (made on "
        "2018-07-07); left out, none listed\n",
    )
    assert json.loads(result.out)["measures"] == []
    # show: a list leaves them out; one measure alone is refused, as before
    result = dprk("show", "-", "--as-of", "2018-05-01", "--format", "json", stdin=ids)
    assert (result.code, [m["id"] for m in json.loads(result.out)], result.err) == (
        0,
        ["pg", "tm"],
        later,
    )
    result = dprk("show", "pg", "eow", "--as-of", "2018-05-01")
    assert (result.code, result.out.splitlines()[0].split()[0]) == (0, "pg")
    assert result.err == (
        "dprk: warning: measure 'eow' was not in the talks yet on 2018-05-01 (made on "
        "2018-07-07); left out\n"
    )
    result = dprk("show", "eow", "--as-of", "2018-05-01")
    assert (result.code, result.out, result.err) == (
        1,
        "",
        "dprk: error: measure 'eow' was not in the talks yet on 2018-05-01 (made on 2018-07-07)\n",
    )
    # an id of no measure is refused, as without --as-of
    result = dprk("status", "pg", "eow", "nosuch", "--as-of", "2018-05-01")
    assert (result.code, result.out) == (1, "")
    assert result.err.startswith("dprk: error: no measure with id 'nosuch'")
    assert "Traceback" not in result.err and len(result.err.splitlines()) == 1
    assert ledger.read_bytes() == before


def test_note_takes_one_id_or_a_list_on_standard_input_and_undo_says_one_that_runs(dprk, tmp_path):
    """`dprk note a b "text"` said "Got unexpected extra argument(s) (text)", though the
    problem is the second id: it says `note` takes one id, or '-' to read several from
    standard input. A note on several measures read so was described to undo as
    `note a b text`, a command dprk refuses; it is described as one that runs, the ids
    said as standard input gave them."""
    _talks_of_2018(dprk)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    result = dprk("note", "pg", "tm", "Seen sealed")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "dprk: error: 'dprk note' takes one measure id, then TEXT (quoted, if it has "
        "spaces); to note several measures, '-' reads their ids from standard input, one "
        "per line: '... | dprk note - TEXT' (see 'dprk note --help')\n"
    )
    assert ledger.read_bytes() == before
    result = dprk("note", "-", "Seen sealed", "--date", "2018-08-01", stdin="pg\ntm\n")
    assert (result.code, result.err) == (
        0,
        "pg: note on 2018-08-01\ntm: note on 2018-08-01\n",
    )
    result = dprk("undo")
    assert (result.code, result.out) == (0, "")
    said = 'note - "Seen sealed" --date 2018-08-01 (ids on standard input: pg tm)'
    assert result.err.startswith(f"undid: {said} (made ")
    assert ledger.read_bytes() == before
    # what it says runs: the same note again
    result = dprk(*shlex.split(said.split(" (ids")[0]), stdin="pg\ntm\n")
    assert result.code == 0, result.err
    # one id read so is said as given alone
    assert dprk("note", "-", "Seen", "--date", "2018-08-01", stdin="pg\n").code == 0
    assert dprk("undo").err.startswith("undid: note pg Seen --date 2018-08-01 (made ")


def test_the_list_of_commands_says_edit_ledger_records_the_end_of_the_talks(dprk):
    """`dprk --help` said edit-ledger would "Change the ledger's title." alone, though it
    also records the day the talks ended (--ended, --reopen), as its own help says."""
    result = dprk("--help")
    assert result.code == 0
    [line] = [line for line in result.lines if line.split()[:1] == ["edit-ledger"]]
    assert line.split(None, 1)[1] == ("Change the title, or record the day the talks ended.")
    own = dprk("edit-ledger", "--help").out
    assert "--ended" in own and "--reopen" in own


def test_an_undated_edit_of_a_dated_field_offers_to_date_the_change_too(dprk, tmp_path):
    """A deadline moved without --date was advised only dated on the measure's first
    day ("to correct it from the start"), fit for a typo, wrong for a postponement: the
    line also offers to date the change on the day it was made, in the same line, for
    one measure or several, and followed with that day it dates the edit so."""
    assert dprk("init", "--title", "t", "--party", "Armenia", "--party", "Azerbaijan").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    for ident, deadline in (("kalbajar", "2020-11-15"), ("lachin", "2020-12-01")):
        assert dprk("add-measure", f"Return {ident}", "--actor", "Armenia", "--id", ident,
                    "--date", "2020-11-10", "--deadline", deadline,
                    "--status", "agreed").code == 0  # fmt: skip
    before = ledger.read_bytes()
    result = dprk("edit", "kalbajar", "--deadline", "2020-11-25", "--note", "postponed")
    redo = "'dprk edit kalbajar --deadline 2020-11-25 --note postponed --date"
    assert (result.code, result.out) == (0, "")
    assert result.err.endswith(
        "(deadline: '2020-11-15' -> '2020-11-25') (from today; to correct it from the "
        f"start: 'dprk undo', then {redo} 2020-11-10'; to date the change: 'dprk undo', "
        f"then {redo} DAY')\n"
    )
    assert result.err.count("\n") == 1
    assert dprk("undo").code == 0 and ledger.read_bytes() == before
    moved = dprk(*shlex.split(f"{redo[1:]} 2020-11-12")[1:])
    assert moved.code == 0, moved.err
    assert b'date = 2020-11-12\nevent = "edit"' in ledger.read_bytes()
    assert dprk("undo").code == 0 and ledger.read_bytes() == before
    # several measures: said once, after their lines
    result = dprk("edit", "kalbajar", "lachin", "--actor", "Azerbaijan")
    assert (result.code, result.err.splitlines()[-1]) == (
        0,
        "to correct them from the start: 'dprk undo', then 'dprk edit kalbajar --actor "
        "Azerbaijan --date 2020-11-10' and 'dprk edit lachin --actor Azerbaijan --date "
        "2020-11-10'; to date the change: 'dprk undo', then 'dprk edit kalbajar --actor "
        "Azerbaijan --date DAY' and 'dprk edit lachin --actor Azerbaijan --date DAY'",
    )


def test_a_step_to_another_extent_says_the_findings_of_the_earlier_action_no_longer_count(
    dprk, tmp_path
):
    """The LTTE's ceasing of offensive operations, carried out in full, refuted by the
    SLMM, then reported carried out to a minimal extent: the line said "cf: implemented
    (minimal) on 2006-07-21" alone, though the measure was no longer disputed and the
    scorecard counted one dispute less. Another extent is an action anew, which waits for
    a finding of its own (a report at the extent found changes nothing): the line says
    the findings of the earlier action no longer count, as `show` says it; so does one
    carried further after a confirmation."""
    for args in (
        ["init", "--title", "T", "--party", "GoSL", "--party", "LTTE"],
        ["add-measure", "LTTE ceases offensive operations", "--actor", "LTTE", "--id", "cf",
         "--status", "agreed", "--date", "2002-02-22"],
        ["mark", "cf", "implemented", "--date", "2002-02-23"],
        ["verify", "cf", "--by", "SLMM", "--result", "refuted", "--date", "2002-12-31"],
        ["add-measure", "Reopen A9 road", "--actor", "GoSL", "--id", "a9", "--status",
         "agreed", "--date", "2002-02-22"],
        ["mark", "a9", "implemented", "--extent", "minimal", "--date", "2002-04-08"],
        ["verify", "a9", "--by", "SLMM", "--result", "confirmed", "--date", "2002-05-01"],
    ):  # fmt: skip
        result = dprk(*args)
        assert result.code == 0, (args, result.err)
    again = dprk("mark", "cf", "implemented", "--date", "2003-01-10")
    assert again.code == 0
    assert again.err == (
        "cf: recorded implemented on 2003-01-10; cf stays disputed (since 2002-12-31)\n"
    )
    assert dprk("undo").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    lower = dprk("mark", "cf", "implemented", "--extent", "minimal", "--date", "2006-07-21")
    assert (lower.code, lower.out) == (0, "")
    assert lower.err == (
        "cf: implemented (minimal) on 2006-07-21; cf is no longer disputed: the refutation "
        "by SLMM on 2002-12-31 was of its earlier action (implemented on 2002-02-23), and "
        "this one awaits a finding of its own\n"
    )
    shown = dprk("show", "cf").out
    assert "unverified since it last acted" in shown
    further = dprk("mark", "a9", "implemented", "--date", "2002-09-01")
    assert further.err == (
        "a9: implemented (full) on 2002-09-01; a9 is no longer verified: the confirmation "
        "by SLMM on 2002-05-01 was of its earlier action (implemented (minimal) on "
        "2002-04-08), and this one awaits a finding of its own\n"
    )
    status = json.loads(dprk("status", "--format", "json").out)["measures"]
    assert [(m["id"], m["status"], m["verification"]) for m in status] == [
        ("a9", "implemented", "unverified"),
        ("cf", "implemented", "unverified"),
    ]
    assert 'status = "implemented"\nextent = "minimal"' in ledger.read_text()


def test_an_import_that_sets_findings_aside_says_so_as_mark_does(dprk, tmp_path):
    """An exported measure, disputed, given back to `import --replace` carried out to a
    minimal extent on a later day: the import set the SLMM's refutation aside (the
    measure no longer disputed, its new action awaiting a finding) and said nothing of
    it, where `mark` says so in its line. The import says it in the same words, a line a
    measure, the rest counted past ten; a row that leaves it disputed says nothing."""
    ledger = tmp_path / "dprk-ledger.toml"
    for args in (
        ["init", "--title", "T", "--party", "GoSL", "--party", "LTTE"],
        ["add-measure", "LTTE ceases offensive operations", "--actor", "LTTE", "--id", "cf",
         "--status", "agreed", "--date", "2002-02-22"],
        ["mark", "cf", "implemented", "--date", "2002-02-23"],
        ["verify", "cf", "--by", "SLMM", "--result", "refuted", "--date", "2002-12-31"],
    ):  # fmt: skip
        result = dprk(*args)
        assert result.code == 0, (args, result.err)
    document = json.loads(dprk("export", "--format", "json").out)
    row = document["measures"][0]
    lower = {**row, "status": "implemented", "extent": "minimal", "date": "2006-07-21"}
    (tmp_path / "lower.json").write_text(json.dumps([lower]), encoding="utf-8")
    result = dprk("import", "--replace", "lower.json")
    assert (result.code, result.out) == (0, ""), result.err
    assert result.err == (
        "imported 1 measure from lower.json (0 new, 1 replaced)\n"
        "replaced: cf (status, extent, history)\n"
        "by the import: cf is no longer disputed: the refutation by SLMM on 2002-12-31 was "
        "of its earlier action (implemented on 2002-02-23), and this one awaits a finding "
        "of its own\n"
    )
    assert 'status = "implemented"\nextent = "minimal"' in ledger.read_text()
    status = json.loads(dprk("status", "--format", "json").out)["measures"]
    assert [(m["id"], m["status"], m["verification"]) for m in status] == [
        ("cf", "implemented", "unverified")
    ]
    assert dprk("undo").code == 0
    kept = {**row, "status": "implemented", "extent": "full", "date": "2003-01-10"}
    (tmp_path / "kept.json").write_text(json.dumps([kept]), encoding="utf-8")
    result = dprk("import", "--replace", "kept.json")  # (the same extent: still disputed)
    assert result.code == 0, result.err
    assert "no longer" not in result.err
    assert dprk("undo").code == 0

    many = [{**row, "id": f"cf{n:02}"} for n in range(12)]
    (tmp_path / "many.json").write_text(json.dumps(many), encoding="utf-8")
    assert dprk("import", "many.json").code == 0
    before = ledger.read_bytes()
    lower = [
        {**m, "status": "implemented", "extent": "minimal", "date": "2006-07-21"} for m in many
    ]
    (tmp_path / "lower.json").write_text(json.dumps(lower), encoding="utf-8")
    result = dprk("import", "--replace", "lower.json")
    assert result.code == 0, result.err
    lines = result.err.splitlines()
    assert lines[2:] == [
        f"by the import: cf{n:02} is no longer disputed: the refutation by SLMM on 2002-12-31 "
        "was of its earlier action (implemented on 2002-02-23), and this one awaits a "
        "finding of its own"
        for n in range(10)
    ] + [
        "and 2 more measures no longer verified or disputed: each finding was of an earlier "
        "action, and the step the import recorded awaits a finding of its own"
    ]
    assert ledger.read_bytes() != before
