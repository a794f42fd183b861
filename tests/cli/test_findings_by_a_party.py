"""A finding by a declared party (allowed when it is not the measure's actor) is that
party's claim, not an independent verifier's: every line that words it says who found,
and that it is a party to the talks. The status it gives is unchanged."""

from __future__ import annotations

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
