"""A partial finding on a measure made of parts: "11 of 12 facilities verified", the
withdrawal judged incomplete as a whole. It is recorded on the whole, changes nothing its
parts give it, and is listed wherever findings are; a confirmation or a refutation of the
whole stays its parts' to record."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest


@pytest.fixture
def talks(dprk, tmp_path):
    """The release of detainees agreed at Minsk, one batch of it released."""
    for args in (
        ("init", "--party", "Ukraine", "--party", "DPR"),
        ("add-measure", "DPR releases all detainees", "--actor", "DPR", "--id", "rel",
         "--status", "agreed", "--date", "2015-02-12"),
        ("add-measure", "DPR releases 139", "--actor", "DPR", "--id", "rel-1", "--part-of",
         "rel", "--status", "implemented", "--date", "2015-02-21"),
    ):  # fmt: skip
        result = dprk(*args)
        assert result.code == 0, result.err
    return tmp_path / "dprk-ledger.toml"


def _json(dprk, *args: str) -> dict:
    result = dprk(*args, "--format", "json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_a_partial_finding_on_a_whole_is_recorded_and_listed(dprk, talks):
    """It was refused ('record findings on its parts'), so the analyst wrote a note, which
    no view of findings lists."""
    before = _json(dprk, "show", "rel")
    old = talks.read_bytes()
    result = dprk("verify", "rel", "--by", "OSCE SMM", "--result", "partial", "--date",
                  "2015-03-01")  # fmt: skip
    assert (result.code, result.out) == (0, "")
    assert result.err == (
        "rel: recorded partial by OSCE SMM on 2015-03-01; rel stays implemented "
        "(since 2015-02-21)\n"
    )
    text = talks.read_text("utf-8")
    assert 'by = "OSCE SMM"' in text and 'result = "partial"' in text
    # its status and extent are its parts' still, and theirs are unchanged
    shown = _json(dprk, "show", "rel")
    assert (shown["status"], shown["extent"]) == (before["status"], before["extent"])
    assert (shown["status"], shown["extent"]) == ("implemented", "full")
    part = _json(dprk, "show", "rel-1")
    assert (part["status"], part["verifications"]) == ("implemented", [])
    assert [(v["by"], v["result"], v["date"]) for v in shown["verifications"]] == [
        ("OSCE SMM", "partial", "2015-03-01")
    ]
    assert "OSCE SMM  partial" in dprk("show", "rel").out
    log = dprk("log", "rel")
    assert log.code == 0
    assert log.lines[-1].split() == ["2", "2015-03-01", "rel", "verification", "partial", "by",
                                     "OSCE", "SMM"]  # fmt: skip
    assert dprk("status", "--partial", "--format", "ids").out == "rel\n"
    # the verification column says it beside how far its parts are verified
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(dprk("status", "--format", "csv").out))}
    assert rows["rel"]["verification"] == "unverified (0 of 1 parts verified); partial (OSCE SMM)"
    assert rows["rel-1"]["verification"] == "unverified"
    assert "unverified (0 of 1 parts verified); partial (OSCE SMM)" in dprk("show", "rel").out
    # --verified-by lists confirmations, of a whole as of any measure: a partial finding
    # lists neither (a measure of no parts with the same finding is not listed either)
    assert dprk("add-measure", "DPR withdraws heavy weapons", "--actor", "DPR", "--id", "hw",
                "--status", "implemented", "--date", "2015-02-24").code == 0  # fmt: skip
    assert dprk("verify", "hw", "--by", "OSCE SMM", "--result", "partial", "--date",
                "2015-03-01").code == 0  # fmt: skip
    assert dprk("status", "--partial", "--format", "ids").out == "hw\nrel\n"
    assert dprk("status", "--verified-by", "OSCE SMM", "--format", "ids").out == ""
    assert dprk("remove", "hw").code == 0
    # diff's new verifications, and the timeline
    (talks.parent / "old.toml").write_bytes(old)
    diff = _json(dprk, "diff", "old.toml")
    assert [m["new_verifications"] for m in diff["measures"]] == [
        [{"by": "OSCE SMM", "result": "partial", "date": "2015-03-01", "method": "",
          "evidence": [], "note": ""}]
    ]  # fmt: skip
    events = _json(dprk, "timeline")["events"]
    assert [(e["id"], e["by"], e["result"]) for e in events if e["event"] == "verification"] == [
        ("rel", "OSCE SMM", "partial")
    ]
    assert dprk("check").out == "ok: no problems found\n"


def test_confirmed_or_refuted_on_a_whole_is_refused_saying_why(dprk, talks):
    before = talks.read_bytes()
    for result in ("confirmed", "refuted"):
        refused = dprk("verify", "rel", "--by", "OSCE SMM", "--result", result, "--date",
                       "2015-03-01")  # fmt: skip
        assert (refused.code, refused.out) == (1, "")
        assert refused.err == (
            "dprk: error: a confirmed or refuted finding on 'rel' would set a status its "
            "parts set: record it on the parts (rel-1); a partial finding on the whole is "
            "recorded as it is\n"
        )
        assert talks.read_bytes() == before


def test_a_partial_finding_on_a_whole_that_has_not_acted_is_refused(dprk, talks):
    """Judged by the state its parts give it on the day, as any finding is by its
    measure's: the whole had not acted before its first batch was released."""
    assert dprk("add-measure", "DPR releases the rest", "--actor", "DPR", "--id", "rel-0",
                "--part-of", "rel", "--status", "agreed", "--date", "2015-02-13").code == 0  # fmt: skip
    before = talks.read_bytes()
    result = dprk("verify", "rel", "--by", "OSCE SMM", "--result", "partial", "--date",
                  "2015-02-15")  # fmt: skip
    assert (result.code, result.out) == (1, "")
    assert result.err == (  # (no finding on record to drop: the change was refused)
        "dprk: error: rel: partial by OSCE SMM on 2015-02-15 is a finding on a measure that "
        "has not acted (it is agreed then, as its parts (rel-0) give it); record the action "
        "on its parts first with 'dprk mark rel-0 implemented --date YYYY-MM-DD'; nothing was "
        "written\n"
    )
    assert "Traceback" not in result.err and len(result.err.splitlines()) == 1
    assert talks.read_bytes() == before
    # recorded once the part acted, then moved back by hand: `check` names it so too
    assert dprk("verify", "rel", "--by", "OSCE SMM", "--result", "partial", "--date",
                "2015-03-01").code == 0  # fmt: skip
    assert dprk("check").out == "ok: no problems found\n"
    talks.write_text(talks.read_text("utf-8").replace("2015-03-01", "2015-02-15"), "utf-8")
    for _ in range(2):  # (the file's changed block read, then the whole file anew)
        result = dprk("check")
        assert result.code == 1
        assert result.out.startswith(
            "error: rel: partial by OSCE SMM on 2015-02-15 is a finding on a measure that has "
            "not acted (it is agreed then, as its parts (rel-0) give it); record the action on "
            "its parts first with 'dprk mark rel-0 implemented --date YYYY-MM-DD', or drop the "
            "finding ('dprk drop-finding rel 2') [verification-without-action]\n"
        )
        shutil.rmtree(talks.parent / ".dprk")


def test_a_partial_finding_on_a_whole_is_dropped_redated_and_undone(dprk, talks):
    before = talks.read_bytes()
    assert dprk("verify", "rel", "--by", "OSCE SMM", "--result", "partial", "--date",
                "2015-03-01").code == 0  # fmt: skip
    found = talks.read_bytes()
    # undo takes it back, byte for byte; redo puts it back
    assert dprk("undo").code == 0
    assert talks.read_bytes() == before
    assert dprk("status", "--partial", "--format", "ids").out == ""
    assert dprk("redo").code == 0
    assert talks.read_bytes() == found
    # redated and renoted as on any measure
    number = next(
        line.split()[0] for line in dprk("log", "rel").out.splitlines() if "OSCE SMM" in line
    )
    result = dprk("redate", "rel", number, "2015-03-02")
    assert result.code == 0, result.err
    assert [v["date"] for v in _json(dprk, "show", "rel")["verifications"]] == ["2015-03-02"]
    result = dprk("renote", "rel", number, "incomplete: 12 held still")
    assert result.code == 0, result.err
    assert dprk("check").out == "ok: no problems found\n"
    # dropped
    result = dprk("drop-finding", "rel", number)
    assert result.code == 0, result.err
    assert _json(dprk, "show", "rel")["verifications"] == []
    assert dprk("status", "--partial", "--format", "ids").out == ""
    assert dprk("check").out == "ok: no problems found\n"
    assert dprk("undo").code == 0
    assert [v["date"] for v in _json(dprk, "show", "rel")["verifications"]] == ["2015-03-02"]


def _sinai(dprk, tmp_path):
    """The Sinai withdrawal in two phases, the first carried out; a copy of the ledger
    kept before the observers' partial finding on the whole."""
    for args in (
        ("init", "--party", "Israel", "--party", "Egypt"),
        ("add-measure", "Sinai withdrawal", "--actor", "Israel", "--id", "sinai", "--date",
         "1979-03-26"),
        ("add-measure", "Phase 1", "--actor", "Israel", "--id", "sinai-1", "--part-of", "sinai",
         "--date", "1979-03-26"),
        ("add-measure", "Phase 2", "--actor", "Israel", "--id", "sinai-2", "--part-of", "sinai",
         "--date", "1979-03-26"),
        ("mark", "sinai-1", "implemented", "--date", "1979-05-25"),
    ):  # fmt: skip
        result = dprk(*args)
        assert result.code == 0, result.err
    ledger = tmp_path / "dprk-ledger.toml"
    shutil.copy(ledger, tmp_path / "before.toml")
    result = dprk("verify", "sinai", "--result", "partial", "--by", "MFO", "--date", "1980-02-01")
    assert result.code == 0, result.err
    assert dprk("check").out == "ok: no problems found\n"
    return ledger


def test_a_partial_finding_on_a_whole_is_exported_and_imported_back(dprk, tmp_path):
    """The import judged the whole's row alone, without its parts: its finding was
    refused as one on a measure that had not acted, and the round trip the guide
    promises failed. It is judged with the parts, wherever their rows are in the file."""
    ledger = _sinai(dprk, tmp_path)
    doc = json.loads(dprk("export").out)
    assert [m["id"] for m in doc["measures"]] == ["sinai", "sinai-1", "sinai-2"]
    # into an empty ledger: byte for byte the original, the parts' rows before or after
    for name, rows in (("copy", doc["measures"]), ("turned", doc["measures"][::-1])):
        copy = tmp_path / f"{name}.toml"
        assert dprk("--ledger", copy, "init").code == 0
        given = json.dumps({**doc, "measures": rows})
        result = dprk("--ledger", copy, "import", "-", stdin=given)
        assert result.code == 0, result.err
        assert "Traceback" not in result.err
        assert copy.read_bytes() == ledger.read_bytes()
        assert dprk("--ledger", copy, "check").out == "ok: no problems found\n"
    # the whole's row alone into the ledger as it was before the finding (a diff's ids)
    older = tmp_path / "before.toml"
    diffed = dprk("diff", "before.toml", "--format", "ids")
    assert diffed.out == "sinai\n"
    result = dprk("--ledger", older, "import", "--replace", "-",
                  stdin=dprk("export", "sinai").out)  # fmt: skip
    assert result.code == 0, result.err
    assert older.read_bytes() == ledger.read_bytes()
    # and into the same ledger, a no-op
    kept = ledger.read_bytes()
    result = dprk("import", "--replace", "-", stdin=dprk("export", "sinai").out)
    assert result.code == 0, result.err
    assert ledger.read_bytes() == kept


def test_an_imported_partial_finding_on_a_whole_before_its_parts_acted_is_refused(dprk, tmp_path):
    """Judged with the parts the file gives it: dated before any part acted, the finding
    is refused in one line naming the row, the parts' rows to give the action, and
    nothing is written."""
    ledger = _sinai(dprk, tmp_path)
    doc = json.loads(dprk("export").out)
    doc["measures"][0]["verifications"][0]["date"] = "1979-04-01"
    for h in doc["measures"][0]["history"]:
        if h["event"] == "verification":
            h["date"] = "1979-04-01"
    copy = tmp_path / "copy.toml"
    assert dprk("--ledger", copy, "init").code == 0
    empty = copy.read_bytes()
    result = dprk("--ledger", copy, "import", "-", stdin=json.dumps(doc))
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "dprk: error: standard input: measure #1 (measure 'sinai'): partial by MFO on "
        "1979-04-01 is a finding on a measure that has not acted (it is proposed then, as its "
        "parts (sinai-1, sinai-2) give it); give the action it found to the rows of its parts "
        "(status implemented, dated on or before the finding, or a history entry of it, as "
        "'dprk export' writes one), or leave the finding out of the row\n"
    )
    assert copy.read_bytes() == empty
    assert ledger.exists()


def test_a_partial_finding_on_a_whole_its_parts_undid_is_advised_as_on_a_part(dprk, tmp_path):
    """The freeze was carried out through its parts, then undone: the refusal advised
    marking the parts implemented (a false action: they had acted) and dropping a finding
    the refused change never wrote, its number left 'N'. It says what a part's refusal
    says: the state on the day, the note, the parts to mark should they have acted again,
    and the days that fits."""
    for args in (
        ("init", "--party", "US", "--party", "DPRK"),
        ("add-measure", "Freeze", "--actor", "DPRK", "--id", "freeze", "--date", "1994-10-21"),
        ("add-measure", "Reactor", "--actor", "DPRK", "--id", "freeze-reactor", "--part-of",
         "freeze", "--date", "1994-10-21"),
        ("add-measure", "Reproc", "--actor", "DPRK", "--id", "freeze-reproc", "--part-of",
         "freeze", "--date", "1994-10-21"),
        ("mark", "freeze-reactor", "freeze-reproc", "implemented", "--date", "1994-11-01"),
        ("mark", "freeze-reactor", "freeze-reproc", "reversed", "--date", "2002-12-22"),
    ):  # fmt: skip
        result = dprk(*args)
        assert result.code == 0, result.err
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    found = ("--result", "partial", "--by", "IAEA", "--date", "2002-12-31")
    # (a part found in part of its own reversal is recorded: `lifecycle.found_on`)
    part = dprk("verify", "freeze-reactor", *found)
    assert part.err == (
        "freeze-reactor: recorded partial by IAEA on 2002-12-31; freeze-reactor stays "
        "reversed (since 2002-12-22) (part of freeze, still reversed)\n"
    )
    assert dprk("undo").code == 0
    assert ledger.read_bytes() == before
    result = dprk("verify", "freeze", *found)
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "dprk: error: freeze: partial by IAEA on 2002-12-31 is a finding on a measure that "
        "has not acted (it was reversed on 2002-12-22, as its parts (freeze-reactor, "
        "freeze-reproc) give it); record what the verifier said with 'dprk note freeze TEXT "
        "--date 2002-12-31', or, should its parts have acted again after 2002-12-22, record "
        "that first with 'dprk mark PART implemented --date YYYY-MM-DD' for each that did (on "
        "a day from 2002-12-23 to 2002-12-31); nothing was written\n"
    )
    assert ledger.read_bytes() == before
    # the advice followed: the note is taken, and so is the finding once a part acted again
    assert dprk("note", "freeze", "IAEA: seals removed", "--date", "2002-12-31").code == 0
    assert dprk("mark", "freeze-reactor", "implemented", "--date", "2002-12-23").code == 0
    result = dprk("verify", "freeze", *found)
    assert result.code == 0, result.err
    assert dprk("check").out == "ok: no problems found\n"


def test_a_refused_partial_finding_on_a_whole_numbers_only_findings_on_record(dprk, tmp_path):
    """'dprk drop-finding sinai N' was advised of a finding the refused change never
    wrote, and of one on record whose number the file gives."""
    ledger = _sinai(dprk, tmp_path)
    before = ledger.read_bytes()
    result = dprk("verify", "sinai", "--result", "partial", "--by", "UNEF", "--date",
                  "1979-04-01")  # fmt: skip
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "dprk: error: sinai: partial by UNEF on 1979-04-01 is a finding on a measure that has "
        "not acted (it is proposed then, as its parts (sinai-1, sinai-2) give it); record the "
        "action on its parts first with 'dprk mark PART implemented --date YYYY-MM-DD' for "
        "each part that acted; nothing was written\n"
    )
    assert ledger.read_bytes() == before
    # dropping the action the finding on record found: that finding is named by its number
    result = dprk("drop-entry", "sinai-1", "2")
    assert (result.code, result.out) == (1, "")
    assert "or drop the finding ('dprk drop-finding sinai 2'); nothing was written\n" in (
        result.err
    )
    assert " N'" not in result.err
    assert ledger.read_bytes() == before
    assert dprk("drop-finding", "sinai", "2").code == 0
    assert dprk("drop-entry", "sinai-1", "2").code == 0
    assert dprk("check").out == "ok: no problems found\n"


def test_partial_lists_a_whole_as_its_verification_column_says_it(dprk, talks):
    """A whole found in part, its parts confirmed since: the column said 'verified (its
    parts)' with no partial finding beside, and --partial listed it all the same. The
    later confirmation of its parts is what it stands at since, as a confirmation of a
    measure of no parts supersedes a partial finding made before."""
    assert dprk("verify", "rel", "--by", "OSCE SMM", "--result", "partial", "--date",
                "2015-03-01").code == 0  # fmt: skip
    assert dprk("status", "--partial", "--format", "ids").out == "rel\n"
    assert dprk("verify", "rel-1", "--by", "OSCE SMM", "--date", "2015-05-01").code == 0
    before = talks.read_bytes()

    def column() -> dict[str, str]:
        out = dprk("status", "--format", "csv").out
        return {r["id"]: r["verification"] for r in csv.DictReader(io.StringIO(out))}

    assert column()["rel"] == "verified (its parts)"
    listed = dprk("status", "--partial", "--format", "ids")
    assert (listed.code, listed.out, listed.err) == (0, "", "")
    # on a day the partial finding stood, it is listed, and said so
    then = dprk("status", "--partial", "--as-of", "2015-04-01", "--format", "csv")
    assert then.code == 0, then.err
    rows = list(csv.DictReader(io.StringIO(then.out)))
    assert [(r["id"], r["verification"]) for r in rows] == [
        ("rel", "unverified (0 of 1 parts verified); partial (OSCE SMM)")
    ]
    # found in part again since its parts were confirmed: listed, and said beside
    assert dprk("verify", "rel", "--by", "IAEA", "--result", "partial", "--date",
                "2015-06-01").code == 0  # fmt: skip
    assert column()["rel"] == "verified (its parts); partial (IAEA)"
    assert dprk("status", "--partial", "--format", "ids").out == "rel\n"
    assert dprk("undo").code == 0
    assert talks.read_bytes() == before
