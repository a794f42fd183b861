"""A finding by a declared party (allowed when it is not the measure's actor) is that
party's claim, not an independent verifier's: every line that words it says who found,
and that it is a party to the talks. The status it gives is unchanged."""

from __future__ import annotations

import csv
import io
import json
import re
from html import unescape


def _grain_deal(dprk) -> None:
    """Russia's corridor done in part, the UN's exports done in full; Russia then says
    the UN did not deliver (a refutation by a party, not the measure's actor)."""
    assert dprk("init", "--title", "T", "--party", "Russia", "--party", "UN").code == 0
    assert dprk("add-measure", "Corridor safe", "--actor", "Russia", "--id", "corridor",
                "--status", "agreed", "--date", "2022-07-22").code == 0  # fmt: skip
    assert dprk("add-measure", "Ease Russian exports", "--actor", "UN", "--id", "exports",
                "--status", "agreed", "--in-exchange-for", "corridor",
                "--date", "2022-07-22").code == 0  # fmt: skip
    assert dprk("mark", "corridor", "implemented", "--extent", "minimal",
                "--date", "2022-08-01").code == 0  # fmt: skip
    assert dprk("mark", "exports", "implemented", "--date", "2022-11-29").code == 0


def _page_text(path) -> str:
    """The page's words: a table's cells apart, an id's span in its sentence."""
    page = re.sub(r"</?(span|b)\b[^>]*>", "", path.read_text())
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_a_refutation_by_a_party_is_said_to_be_a_partys_everywhere(dprk, tmp_path):
    _grain_deal(dprk)
    found = dprk("verify", "exports", "--by", "Russia", "--result", "refuted",
                 "--date", "2023-07-17")  # fmt: skip
    assert found.code == 0, found.err
    assert found.err == (
        "exports: refuted by Russia (a party to the talks) on 2023-07-17; exports is disputed\n"
    )
    # (the record is the finding as any other: the words alone say whose it is)
    text = (tmp_path / "dprk-ledger.toml").read_text()
    assert '{ by = "Russia", result = "refuted", date = 2023-07-17 }' in text
    assert 'status = "disputed"' in text

    shown = dprk("show", "exports")
    assert shown.code == 0, shown.err
    assert re.search(r"^verification +refuted \(Russia, a party\)$", shown.out, re.M)

    balance = dprk("balance")
    assert balance.code == 0, balance.err
    assert "a verifier refuted" not in balance.out
    assert re.search(r"^UN +exports +corridor +2022-11-29 +\d+ +the rest +disputed by Russia$",
                     balance.out, re.M)  # fmt: skip
    note = " ".join(balance.out.split("\n\n")[-1].split())
    assert note.startswith(
        "disputed by Russia: refuted by Russia, a party to the talks, not by a verifier "
    )
    # (JSON as it was: the entry is disputed, its keys unchanged)
    entry = json.loads(dprk("balance", "--format", "json").out)["parties"]["UN"]["owed"][0]
    assert list(entry) == [
        "measure", "counterpart", "since", "days", "in_part", "disputed", "held_by",
    ]  # fmt: skip
    assert entry["disputed"] is True

    made = dprk("report", "-o", "r.html")
    assert made.code == 0, made.err
    page = _page_text(tmp_path / "r.html")
    assert (
        "exports for corridor (the rest: acted in part) (disputed: refuted by Russia, a "
        "party to the talks)"
    ) in page
    assert "corridor for exports (the rest: acted in part) (exports disputed: refuted by " \
        "Russia, a party to the talks)" in page  # fmt: skip
    assert "a verifier refuted it" not in page
    # (its table of measures words the finding as `show` does)
    assert "Ease Russian exports UN disputed refuted (Russia, a party)" in page


def test_a_verifiers_refutation_is_said_as_before(dprk, tmp_path):
    _grain_deal(dprk)
    found = dprk("verify", "exports", "--by", "JCC", "--result", "refuted",
                 "--date", "2023-07-17")  # fmt: skip
    assert found.err == "exports: refuted by JCC on 2023-07-17; exports is disputed\n"
    assert re.search(r"^verification +refuted \(JCC\)$", dprk("show", "exports").out, re.M)
    balance = dprk("balance").out
    assert re.search(r"^UN +exports +corridor +2022-11-29 +\d+ +the rest +disputed$", balance, re.M)
    assert "disputed: a verifier refuted the action the row rests on" in balance
    assert "a party" not in balance
    assert dprk("report", "-o", "r.html").code == 0
    assert "(the rest: acted in part) (disputed: a verifier refuted it)" in _page_text(
        tmp_path / "r.html"
    )


def test_a_party_renamed_since_still_found_as_a_party(dprk, tmp_path):
    _grain_deal(dprk)
    assert dprk("verify", "exports", "--by", "Russia", "--result", "refuted",
                "--date", "2023-07-17").code == 0  # fmt: skip
    renamed = dprk("rename-party", "Russia", "Russian Federation", "--date", "2024-01-01")
    assert renamed.code == 0, renamed.err
    shown = dprk("show", "exports").out
    assert re.search(r"^verification +refuted \(Russian Federation, a party\)$", shown, re.M)
    # (a day before the rename names it as it was named then, a party still)
    then = dprk("show", "exports", "--as-of", "2023-12-31").out
    assert re.search(r"^verification +refuted \(Russia, a party\)$", then, re.M)
    assert "disputed by Russia: refuted by Russia, a party to the talks" in " ".join(
        dprk("balance", "--as-of", "2023-12-31").out.split()
    )


def test_a_confirmation_by_a_party_says_so_too(dprk, tmp_path):
    _grain_deal(dprk)
    before = (tmp_path / "dprk-ledger.toml").read_bytes()
    # (the actor's own word is refused as before, the ledger untouched)
    own = dprk("verify", "exports", "--by", "UN", "--date", "2023-07-17")
    assert own.code != 0 and "Traceback" not in own.err
    assert (tmp_path / "dprk-ledger.toml").read_bytes() == before
    found = dprk("verify", "corridor", "--by", "UN", "--date", "2023-07-17")
    assert found.code == 0, found.err
    assert found.err.startswith("corridor: confirmed by UN (a party to the talks) on 2023-07-17;")
    assert re.search(r"^verification +confirmed \(UN, a party\)$", dprk("show", "corridor").out,
                     re.M)  # fmt: skip


def _status_row(dprk, ident: str, *args: str) -> str:
    """The status table's row of `ident`, its cells' spaces made one."""
    shown = dprk("status", *args)
    assert shown.code == 0, shown.err
    rows = [line for line in shown.out.splitlines() if line.startswith(f"{ident} ")]
    assert len(rows) == 1, shown.out
    return " ".join(rows[0].split())


def _verification(dprk, ident: str, *args: str) -> tuple[str, str]:
    """`ident`'s verification as status gives it to scripts: JSON, then CSV."""
    doc = json.loads(dprk("status", *args, "--format", "json").out)
    (record,) = [r for r in doc["measures"] if r["id"] == ident]
    assert list(record)[-1] == "verification"  # (the last key, as before)
    rows = list(csv.DictReader(io.StringIO(dprk("status", *args, "--format", "csv").out)))
    (row,) = [r for r in rows if r["id"] == ident]
    return record["verification"], row["verification"]


def test_the_status_table_and_its_scripts_say_a_partys_finding(dprk, tmp_path):
    _grain_deal(dprk)
    assert dprk("status").code == 0  # (the cache made before the finding)
    assert dprk("verify", "exports", "--by", "Russia", "--result", "refuted",
                "--date", "2023-07-17").code == 0  # fmt: skip
    row = _status_row(dprk, "exports")
    assert row.startswith("exports UN disputed full refuted (Russia, a party) corridor ")
    assert _verification(dprk, "exports") == ("refuted (Russia, a party)",) * 2
    # (a view chosen by a filter, and one of a past day, say it alike)
    assert "refuted (Russia, a party)" in _status_row(dprk, "exports", "--party", "UN")
    assert _verification(dprk, "exports", "--party", "UN") == ("refuted (Russia, a party)",) * 2
    assert (
        _verification(dprk, "exports", "--as-of", "2023-12-31")
        == ("refuted (Russia, a party)",) * 2
    )
    # (a verifier's finding beside it: named apart, as show names them)
    assert dprk("verify", "exports", "--by", "JCC", "--result", "refuted",
                "--date", "2023-07-18").code == 0  # fmt: skip
    assert "refuted (JCC; Russia, a party)" in _status_row(dprk, "exports")


def test_a_finder_declared_a_party_since_is_said_to_be_one(dprk, tmp_path):
    """A finding recorded while its finder was no declared party is a verifier's; once
    the finder is declared, it is that party's, in every view (`rules.by_a_party` reads
    the parties of the day shown): the table the cache keeps says it anew."""
    ledger = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--title", "T", "--party", "UN").code == 0
    assert dprk("add-measure", "Ease exports", "--actor", "UN", "--id", "exports",
                "--status", "implemented", "--date", "2022-07-22").code == 0  # fmt: skip
    assert dprk("verify", "exports", "--by", "Russia", "--result", "refuted",
                "--date", "2023-07-17").code == 0  # fmt: skip
    assert "refuted (Russia) " in _status_row(dprk, "exports") + " "
    assert _verification(dprk, "exports") == ("refuted (Russia)",) * 2
    assert dprk("add-party", "Russia").code == 0
    assert "refuted (Russia, a party)" in _status_row(dprk, "exports")
    assert _verification(dprk, "exports") == ("refuted (Russia, a party)",) * 2
    assert dprk("rename-party", "Russia", "Russian Federation", "--date", "2024-01-01").code == 0
    assert "refuted (Russian Federation, a party)" in _status_row(dprk, "exports")
    assert _verification(dprk, "exports") == ("refuted (Russian Federation, a party)",) * 2
    # (a day before the rename: named as it was then, a party then too)
    assert "refuted (Russia, a party)" in _status_row(dprk, "exports", "--as-of", "2023-12-31")
    # (no longer declared: a verifier's again)
    assert dprk("remove-party", "Russian Federation").code == 0
    assert "refuted (Russian Federation) " in _status_row(dprk, "exports") + " "
    assert _verification(dprk, "exports") == ("refuted (Russian Federation)",) * 2
    # (a bad party name changes nothing, in one line)
    before = ledger.read_bytes()
    bad = dprk("add-party", "un")
    assert bad.code != 0 and len(bad.err.strip().splitlines()) == 1
    assert "Traceback" not in bad.err and ledger.read_bytes() == before
    assert "refuted (Russian Federation) " in _status_row(dprk, "exports") + " "


def test_a_party_merged_into_another_keeps_its_findings_a_partys(dprk, tmp_path):
    assert dprk("init", "--title", "T", "--party", "UN", "--party", "Russia",
                "--party", "USSR").code == 0  # fmt: skip
    assert dprk("add-measure", "Ease exports", "--actor", "UN", "--id", "exports",
                "--status", "implemented", "--date", "2022-07-22").code == 0  # fmt: skip
    assert dprk("verify", "exports", "--by", "USSR", "--result", "refuted",
                "--date", "2023-07-17").code == 0  # fmt: skip
    assert "refuted (USSR, a party)" in _status_row(dprk, "exports")
    merged = dprk("rename-party", "USSR", "Russia", "--merge", "--date", "2024-01-01")
    assert merged.code == 0, merged.err
    assert "refuted (Russia, a party)" in _status_row(dprk, "exports")
    assert _verification(dprk, "exports") == ("refuted (Russia, a party)",) * 2


def test_the_graph_names_a_partys_finding_as_a_partys(dprk, tmp_path):
    _grain_deal(dprk)
    assert dprk("graph").code == 0  # (drawn before the finding)
    assert dprk("verify", "exports", "--by", "Russia", "--result", "refuted",
                "--date", "2023-07-17").code == 0  # fmt: skip
    drawn = dprk("graph")
    assert drawn.code == 0, drawn.err
    assert 'm1["exports<br/><i>disputed by Russia, a party</i>"]' in drawn.out
    dot = dprk("graph", "--format", "dot").out
    assert '"exports" [label="exports\\ndisputed by Russia, a party",' in dot
    # (a day before the finding: none to name)
    assert 'm1["exports<br/><i>implemented</i>"]' in dprk("graph", "--as-of", "2023-01-01").out
    # (a verifier's, as before)
    assert dprk("verify", "corridor", "--by", "JCC", "--date", "2023-07-17").code == 0
    assert 'm0["corridor<br/><i>verified (minimal) by JCC</i>"]' in dprk("graph").out


def test_the_scorecard_says_a_party_refuted_what_it_counts_disputed(dprk, tmp_path):
    _grain_deal(dprk)
    assert dprk("verify", "exports", "--by", "Russia", "--result", "refuted",
                "--date", "2023-07-17").code == 0  # fmt: skip
    card = dprk("scorecard")
    assert card.code == 0, card.err
    note = " ".join(card.out.split("\n\n")[-1].split())
    assert note == (
        "disputed: commitments whose action was refuted by Russia, a party to the talks, "
        "not by a verifier (its claim that it was not done); each still counts at the "
        "level it was carried out to (full, for one done in full), as a disputed measure "
        "is counted."
    )
    assert dprk("report", "-o", "r.html").code == 0
    assert "Disputed: commitments whose action was refuted by Russia, a party to the " \
        "talks, not by a verifier" in _page_text(tmp_path / "r.html")  # fmt: skip
    # (a verifier's refutation too: both said)
    assert dprk("verify", "corridor", "--by", "JCC", "--result", "refuted",
                "--date", "2023-07-17").code == 0  # fmt: skip
    note = " ".join(dprk("scorecard").out.split("\n\n")[-1].split())
    assert note.startswith(
        "disputed: commitments whose action a verifier refuted, or that was refuted by "
        "Russia, a party to the talks, alone (its claim, not a verifier's finding); each "
    )
    # (a day before the finding: nothing disputed, no note)
    assert "disputed" not in dprk("scorecard", "--as-of", "2023-01-01").out


def test_the_scorecard_note_of_a_verifiers_refutation_is_as_before(dprk, tmp_path):
    _grain_deal(dprk)
    assert dprk("verify", "exports", "--by", "JCC", "--result", "refuted",
                "--date", "2023-07-17").code == 0  # fmt: skip
    note = " ".join(dprk("scorecard").out.split("\n\n")[-1].split())
    assert note.startswith("disputed: commitments whose action a verifier refuted; each ")
    assert dprk("report", "-o", "r.html").code == 0
    assert "Disputed: the commitments whose action a verifier refuted;" in _page_text(
        tmp_path / "r.html"
    )


def test_the_timeline_says_a_partys_finding_is_a_partys(dprk, tmp_path):
    _grain_deal(dprk)
    assert dprk("verify", "exports", "--by", "Russia", "--result", "refuted",
                "--date", "2023-07-17").code == 0  # fmt: skip
    drawn = dprk("timeline")
    assert drawn.code == 0, drawn.err
    assert re.search(r"^2023-07-17 +✗ +exports +refuted by Russia \(a party to the talks\)$",
                     drawn.out, re.M)  # fmt: skip
    legend = " ".join(drawn.out.split("\n\n")[-1].split())
    assert (
        "✓ a finding, a verifier's or a party's (a party's is its claim, not a verifier's: "
        "'refuted by Russia (a party to the talks)') (✗ refuted, ◐ partial)"
    ) in legend
    # (the JSON names who found as before; its words say it is a party's)
    events = json.loads(dprk("timeline", "--format", "json").out)["events"]
    (found,) = [e for e in events if e["event"] == "verification"]
    assert found["by"] == "Russia"
    assert found["detail"] == "refuted by Russia (a party to the talks)"
    # (the report's timeline says it alike)
    assert dprk("report", "-o", "r.html").code == 0
    assert "a diamond is a finding, a verifier's or a party's (a party's is its claim, " \
        "not a verifier's: 'refuted by Russia (a party to the talks)')" \
        in _page_text(tmp_path / "r.html")  # fmt: skip
    # (the lanes of the UN alone: its finding drawn there, said so)
    assert "a verifier's or a party's" in dprk("timeline", "--party", "UN").out
    # (renamed since: a day before reads the name of then, a party then too)
    assert dprk("rename-party", "Russia", "Russian Federation", "--date", "2024-01-01").code == 0
    assert "refuted by Russian Federation (a party to the talks)" in dprk("timeline").out
    then = dprk("timeline", "--as-of", "2023-12-31").out
    assert "refuted by Russia (a party to the talks)" in then


def test_a_timeline_of_verifiers_findings_keeps_its_legend(dprk, tmp_path):
    _grain_deal(dprk)
    assert dprk("verify", "exports", "--by", "JCC", "--result", "refuted",
                "--date", "2023-07-17").code == 0  # fmt: skip
    drawn = dprk("timeline").out
    assert re.search(r"^2023-07-17 +✗ +exports +refuted by JCC$", drawn, re.M)
    assert "✓ a verifier's finding (✗ refuted, ◐ partial)" in " ".join(drawn.split())
    assert dprk("report", "-o", "r.html").code == 0
    assert "a diamond is a verifier's finding, in the colour" in _page_text(tmp_path / "r.html")
