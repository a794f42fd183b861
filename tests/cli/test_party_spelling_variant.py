"""A party declared twice, under two spellings of one side ('South Africa', later 'RSA'):
'rename-party RSA "South Africa" --typo' makes them one side from the start, every day
reading 'South Africa', the name typed kept in a correction, as a typo of a name no party
has is corrected. It was refused ('a typo corrected makes no two parties one'), and the
merge advised instead left two parties on every day before it, a step recorded since on
such a day credited to RSA."""

from __future__ import annotations

import json
import tomllib

from dprk_cli.clock import today


def _ledger(tmp_path):
    return tmp_path / "dprk-ledger.toml"


def _run(dprk, *commands) -> None:
    for args in commands:
        result = dprk(*args)
        assert result.code == 0, (args, result.err)


def _namibia(dprk) -> None:
    _run(
        dprk,
        ["init", "--party", "South Africa", "--party", "Cuba"],
        ["add-measure", "Implement UNSCR 435", "--actor", "South Africa", "--id", "w",
         "--status", "agreed", "--date", "1988-12-22"],
        ["add-party", "RSA"],
        ["add-measure", "Reduce SADF troops to 1500", "--actor", "RSA", "--id", "sadf-1500",
         "--status", "implemented", "--date", "1989-07-01"],
        ["add-measure", "Withdraw Cuban troops", "--actor", "Cuba", "--id", "cuba",
         "--status", "agreed", "--date", "1988-12-22"],
        ["sequence", "cuba", "--after", "sadf-1500", "--demanded-by", "RSA", "--date",
         "1989-07-01"],
    )  # fmt: skip


def _actors_on(dprk, day: str) -> dict[str, str]:
    out = dprk("status", "--as-of", day, "--format", "json").out
    return {m["id"]: m["actor"] for m in json.loads(out)["measures"]}


def _parties_on(dprk, day: str) -> list[str]:
    return list(json.loads(dprk("status", "--as-of", day, "--format", "json").out)["parties"])


def test_a_spelling_of_a_declared_party_is_one_side_from_the_start(dprk, tmp_path):
    _namibia(dprk)
    ledger = _ledger(tmp_path)
    before = ledger.read_bytes()
    done = dprk("rename-party", "RSA", "South Africa", "--typo")
    assert (done.code, done.out) == (0, "")
    assert done.err == (
        "corrected party name RSA to South Africa, a party declared already: one side from "
        "the start, every day reads South Africa (2 measures corrected; no rename recorded: "
        "the name was typed wrong)\n"
    )
    data = tomllib.loads(ledger.read_text())
    assert data["parties"] == ["South Africa", "Cuba"]
    sadf = next(m for m in data["measures"] if m["id"] == "sadf-1500")
    assert sadf["actor"] == "South Africa"
    assert sadf["history"][-1]["detail"] == (
        "party name RSA corrected to South Africa (a typo, no event of the talks)"
    )
    assert sadf["history"][-1]["date"] == today()
    assert _parties_on(dprk, "1989-06-30") == ["South Africa", "Cuba"]
    assert _actors_on(dprk, "1989-07-01") == {
        "cuba": "Cuba",
        "sadf-1500": "South Africa",
        "w": "South Africa",
    }
    cuba = next(m for m in data["measures"] if m["id"] == "cuba")
    assert cuba["constraints"][0]["demanded_by"] == "South Africa"
    # (a step recorded afterwards on an earlier day is South Africa's)
    _run(dprk, ["mark", "sadf-1500", "agreed", "--date", "1989-06-01"])
    assert _actors_on(dprk, "1989-06-15")["sadf-1500"] == "South Africa"
    assert "RSA" not in dprk("status", "--as-of", "1989-06-15").out
    assert dprk("check").out == "ok: no problems found\n"
    # (the name typed is no former name: a party RSA may be declared again, as any name)
    assert dprk("undo").code == 0 and dprk("undo").code == 0
    assert ledger.read_bytes() == before


def test_a_spelling_merged_on_a_day_is_one_side_from_the_start_once_corrected(dprk, tmp_path):
    """Merged as the guide advised, RSA stood a party of its own on every day before the
    merge; --typo afterwards takes the merge's record out and makes it one side from the
    start."""
    _namibia(dprk)
    _run(dprk, ["rename-party", "RSA", "South Africa", "--merge", "--date", "1989-07-01"])
    assert sorted(_parties_on(dprk, "1989-06-30")) == ["Cuba", "RSA", "South Africa"]
    ledger = _ledger(tmp_path)
    before = ledger.read_bytes()
    done = dprk("rename-party", "RSA", "South Africa", "--typo")
    assert (done.code, done.out) == (0, "")
    assert done.err == (
        "corrected party name RSA to South Africa, a party declared already: one side from "
        "the start, every day reads South Africa (2 measures corrected, the records of "
        "the merge on 1989-07-01 taken out; no rename recorded: the name was typed wrong)\n"
    )
    assert "renamed South Africa" not in ledger.read_text()
    assert _parties_on(dprk, "1989-06-30") == ["South Africa", "Cuba"]
    assert _actors_on(dprk, "1989-06-30") == {"cuba": "Cuba", "w": "South Africa"}
    assert dprk("check").out == "ok: no problems found\n"
    assert dprk("undo").code == 0
    assert ledger.read_bytes() == before


def test_a_former_name_renamed_on_a_day_is_still_refused(dprk, tmp_path):
    """A rename that is no merge (the side took a new name that day) is history: its
    former name corrected to a declared party's is refused as before."""
    _run(
        dprk,
        ["init", "--party", "USSR", "--party", "US", "--party", "Russia"],
        ["add-measure", "Cut", "--actor", "USSR", "--id", "cut", "--date", "1990-01-01"],
        ["remove-party", "Russia"],
        ["rename-party", "USSR", "Russia", "--date", "1991-12-26"],
    )  # fmt: skip
    ledger = _ledger(tmp_path)
    before = ledger.read_bytes()
    refused = dprk("rename-party", "USSR", "US", "--typo")
    assert (refused.code, refused.out) == (1, "")
    assert refused.err.startswith("dprk: error: NEW: party US is already declared; 'USSR'")
    assert ledger.read_bytes() == before
