"""Who verified a measure made of parts that stands verified through them: those who
confirmed every part that counts, nested parts too (`facts.verifiers`), named by its
`verified_by` in JSON and CSV, listed by `status --verified-by`, and meeting an order
that names them, one rule for all, on any day read.

The decommissioning of GAM's weapons in Aceh, 2005, handed over in stages, each
confirmed by the Aceh Monitoring Mission (AMM); the relocation of Indonesia's
non-organic troops waits for it, verified by the AMM."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest

from tests.cli.test_corrections import refused


@pytest.fixture
def aceh(dprk, tmp_path):
    """decom (GAM) made of stage-1 and stage-2, stage-2 made of stage-2a and stage-2b,
    and stage-0, an offer turned down (it counts for nothing); each stage confirmed by
    the AMM, those of stage-2 by the EU too; relocation (Indonesia) ordered after decom
    verified by the AMM."""
    for args in (
        ("init", "--title", "Aceh", "--party", "Indonesia", "--party", "GAM"),
        ("add-measure", "GAM hands over 840 weapons", "--actor", "GAM", "--id", "decom",
         "--status", "agreed", "--date", "2005-08-15"),
        ("add-measure", "Relocate non-organic troops", "--actor", "Indonesia", "--id",
         "relocation", "--status", "agreed", "--date", "2005-08-15"),
        ("sequence", "relocation", "--after", "decom", "--require", "verified",
         "--verified-by", "AMM", "--new-verifier", "--date", "2005-08-15"),
        ("add-measure", "Hand over all weapons at once", "--actor", "GAM", "--id", "stage-0",
         "--part-of", "decom", "--status", "rejected", "--date", "2005-08-20"),
        ("add-measure", "First stage", "--actor", "GAM", "--id", "stage-1", "--part-of",
         "decom", "--status", "implemented", "--date", "2005-09-15"),
        ("add-measure", "Second stage", "--actor", "GAM", "--id", "stage-2", "--part-of",
         "decom", "--status", "agreed", "--date", "2005-09-15"),
        ("add-measure", "Second stage, Banda Aceh", "--actor", "GAM", "--id", "stage-2a",
         "--part-of", "stage-2", "--status", "implemented", "--date", "2005-10-14"),
        ("add-measure", "Second stage, Lhokseumawe", "--actor", "GAM", "--id", "stage-2b",
         "--part-of", "stage-2", "--status", "implemented", "--date", "2005-10-20"),
        ("verify", "stage-1", "--by", "AMM", "--date", "2005-09-20"),
        ("verify", "stage-2a", "--by", "AMM", "--date", "2005-10-18"),
        ("verify", "stage-2a", "--by", "EU", "--new-verifier", "--date", "2005-10-18"),
        ("verify", "stage-2b", "--by", "EU", "--date", "2005-12-21"),
        ("verify", "stage-2b", "--by", "AMM", "--date", "2005-12-21"),
    ):  # fmt: skip
        result = dprk(*args)
        assert result.code == 0, (args, result.err)
    return tmp_path / "dprk-ledger.toml"


def _records(dprk, *args: str) -> dict[str, dict]:
    result = dprk("status", *args, "--format", "json")
    assert result.code == 0, result.err
    return {r["id"]: r for r in json.loads(result.out)["measures"]}


def _ids(dprk, *args: str) -> list[str]:
    result = dprk("status", *args, "--format", "ids")
    assert result.code == 0, result.err
    return result.out.split()


def test_a_whole_is_verified_by_who_confirmed_every_part(dprk, aceh):
    records = _records(dprk)
    assert records["decom"]["status"] == "verified"
    assert records["decom"]["verified_by"] == ["AMM"]  # (the EU did not confirm stage-1)
    assert records["stage-2"]["verified_by"] == ["AMM", "EU"]
    assert records["stage-0"]["verified_by"] == []  # (rejected: it counts for nothing)
    shown = json.loads(dprk("show", "decom", "--format", "json").out)
    assert shown["verified_by"] == ["AMM"]
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(dprk("status", "--format", "csv").out))}
    assert rows["decom"]["verified_by"] == "AMM"
    assert rows["stage-2"]["verified_by"] == "AMM; EU"
    # the table says it as before: verified through its parts
    assert "verified (its parts)" in dprk("show", "decom").out
    assert _ids(dprk, "--verified-by", "amm") == [
        "decom", "stage-1", "stage-2", "stage-2a", "stage-2b"
    ]  # fmt: skip
    assert _ids(dprk, "--verified-by", "EU") == ["stage-2", "stage-2a", "stage-2b"]
    # the order naming the AMM is met, as `status --verified-by AMM` lists decom
    assert _ids(dprk, "--ready") == ["relocation"]
    assert "relocation" not in dprk("next").out.split("Blocked")[-1]


def test_a_day_before_the_last_part_s_confirmation_names_none(dprk, aceh):
    before = _records(dprk, "--as-of", "2005-12-20")
    assert (before["decom"]["status"], before["decom"]["verified_by"]) == ("implemented", [])
    assert (before["stage-2"]["status"], before["stage-2"]["verified_by"]) == ("implemented", [])
    assert _ids(dprk, "--verified-by", "AMM", "--as-of", "2005-12-20") == ["stage-1", "stage-2a"]
    assert _ids(dprk, "--ready", "--as-of", "2005-12-20") == []
    assert _ids(dprk, "--verified-by", "AMM", "--as-of", "2005-12-21")[:3] == [
        "decom", "stage-1", "stage-2"
    ]  # fmt: skip
    assert _ids(dprk, "--ready", "--as-of", "2005-12-21") == ["relocation"]


def test_parts_confirmed_each_by_another_verifier_name_none(dprk, aceh):
    """stage-1 confirmed by ASEAN alone, stage-2 by the AMM and the EU: no one confirmed
    every part, so decom is verified (its parts) by none, and an order naming any waits."""
    number = next(
        line.split()[0] for line in dprk("log", "stage-1").out.splitlines() if "by AMM" in line
    )
    assert dprk("drop-finding", "stage-1", number).code == 0
    found = dprk("verify", "stage-1", "--by", "ASEAN", "--new-verifier", "--date", "2005-09-20")
    assert found.code == 0, found.err
    records = _records(dprk)
    assert (records["decom"]["status"], records["decom"]["verified_by"]) == ("verified", [])
    assert "decom" not in _ids(dprk, "--verified-by", "AMM")
    assert "decom" not in _ids(dprk, "--verified-by", "EU")
    assert _ids(dprk, "--verified-by", "ASEAN") == ["stage-1"]
    assert "verified (its parts)" in dprk("show", "decom").out
    assert _ids(dprk, "--ready") == []
    assert "stage-1 (by AMM)" in dprk("next").out


def test_a_part_s_finding_changed_rewrites_the_wholes_above_it(dprk, aceh, tmp_path):
    """A finding dropped on a part of a part: both wholes name anew who confirmed them, as
    the cache keeps them and as a read of the file without it gives them."""
    number = next(
        line.split()[0] for line in dprk("log", "stage-2a").out.splitlines() if "by AMM" in line
    )
    assert dprk("drop-finding", "stage-2a", number).code == 0
    kept = _records(dprk)
    assert kept["stage-2"]["verified_by"] == ["EU"]
    assert (kept["decom"]["status"], kept["decom"]["verified_by"]) == ("verified", [])
    assert "decom" not in _ids(dprk, "--verified-by", "AMM")
    shutil.rmtree(tmp_path / ".dprk")
    assert _records(dprk) == kept
    # confirmed again by the AMM: named again
    assert dprk("verify", "stage-2a", "--by", "AMM", "--date", "2005-10-19").code == 0
    assert _records(dprk)["decom"]["verified_by"] == ["AMM"]


def test_a_confirmation_on_the_whole_is_refused_pointing_to_a_note(dprk, aceh):
    err = refused(dprk, aceh, "verify", "decom", "--by", "amm", "--date", "2005-12-22")
    assert err == (
        "dprk: error: a confirmed or refuted finding on 'decom' would set a status its "
        "parts set: record it on the parts (stage-1, stage-2); a partial finding on the "
        "whole is recorded as it is; AMM has confirmed every part: record its own word on "
        "the whole as a note ('dprk note decom TEXT --source AMM --date 2005-12-22')\n"
    )
    # given no day, the note is advised without one; a refutation is refused as before
    err = refused(dprk, aceh, "verify", "decom", "--by", "AMM")
    assert err.endswith("('dprk note decom TEXT --source AMM')\n")
    err = refused(dprk, aceh, "verify", "decom", "--by", "AMM", "--result", "refuted")
    assert err.endswith("a partial finding on the whole is recorded as it is\n")
    # the EU did not confirm stage-1: the refusal says no more than before
    err = refused(dprk, aceh, "verify", "decom", "--by", "EU", "--date", "2005-12-22")
    assert err.endswith("a partial finding on the whole is recorded as it is\n")


def test_a_what_if_reads_the_wholes_above_an_assumed_part_the_same_way(dprk, aceh):
    """An assumption that changes nothing leaves decom verified by the AMM; a part assumed
    verified names no verifier, so the order naming the AMM still waits for it."""
    result = dprk("next", "--assume", "stage-1=verified", "--format", "json")
    assert result.code == 0, result.err
    assert [r["id"] for r in json.loads(result.out)["ready"]] == ["relocation"]
    result = dprk("next", "--as-of", "2005-12-20", "--assume", "stage-2b=verified")
    assert result.code == 0, result.err
    assert "relocation  Indonesia  decom (verified by AMM)" in result.out


def test_the_note_is_advised_as_the_parts_stood_on_the_finding_s_day(dprk, tmp_path):
    """Whether the verifier had confirmed every part is judged on the `--date` day: a
    refutation of a part found later takes the advice away from no earlier day, and a
    day before the last part was confirmed advises no note, whatever came after."""
    for args in (
        ("init", "--title", "T", "--party", "US", "--party", "Cuba"),
        ("add-measure", "prisoners", "--actor", "Cuba", "--id", "p", "--status", "agreed",
         "--date", "2014-12-17"),
        ("add-measure", "batch 1", "--actor", "Cuba", "--id", "p1", "--part-of", "p",
         "--status", "implemented", "--date", "2015-01-08"),
        ("add-measure", "batch 2", "--actor", "Cuba", "--id", "p2", "--part-of", "p",
         "--status", "implemented", "--date", "2015-01-11"),
        ("verify", "p1", "--by", "US", "--date", "2015-01-10"),
        ("verify", "p2", "--by", "US", "--date", "2015-01-12"),
        ("verify", "p2", "--by", "CCDHRN", "--new-verifier", "--result", "refuted",
         "--date", "2015-01-20"),
    ):  # fmt: skip
        result = dprk(*args)
        assert result.code == 0, (args, result.err)
    ledger = tmp_path / "dprk-ledger.toml"
    advice = (
        "; US has confirmed every part: record its own word on the whole as a note "
        "('dprk note p TEXT --source US --date 2015-01-13')\n"
    )
    err = refused(dprk, ledger, "verify", "p", "--by", "US", "--date", "2015-01-13")
    assert err.endswith("a partial finding on the whole is recorded as it is" + advice)
    # (the day before p2 was confirmed: p1 alone was)
    err = refused(dprk, ledger, "verify", "p", "--by", "US", "--date", "2015-01-11")
    assert err.endswith("a partial finding on the whole is recorded as it is\n")
    # (on the day of the refutation and after it, and given no day: as it stands)
    for day in (("--date", "2015-01-20"), ()):
        err = refused(dprk, ledger, "verify", "p", "--by", "US", *day)
        assert err.endswith("a partial finding on the whole is recorded as it is\n")


def test_no_note_is_advised_on_a_day_a_part_was_not_confirmed_yet(dprk, aceh):
    """On 2005-11-01 the AMM had confirmed stage-1 and stage-2a, not stage-2b (on
    2005-12-21): no note is advised for that day, though the AMM confirmed every part
    since; from 2005-12-21 on, it is."""
    err = refused(dprk, aceh, "verify", "decom", "--by", "AMM", "--date", "2005-11-01")
    assert err.endswith("a partial finding on the whole is recorded as it is\n")
    err = refused(dprk, aceh, "verify", "decom", "--by", "AMM", "--date", "2005-12-21")
    assert err.endswith("('dprk note decom TEXT --source AMM --date 2005-12-21')\n")
