"""A merge is not a rename of the party that stays: after 'rename-party "Palestinian
Authority" PLO --merge --date 1995-09-28', a view of a day before the merge named PLO
"Palestinian Authority" (its row gone on a day PLO had no measure, its own measure of
1993 shown under the merged name's row beside it otherwise). On the days before the
merge each party is itself: PLO is PLO, the Palestinian Authority is the Palestinian
Authority, whose measures read under its own name; a merge written before its entries
said so reads as it did."""

import json

import pytest

PA = "Palestinian Authority"


@pytest.fixture
def oslo(dprk, tmp_path, tick):
    for args in (
        ["init", "--title", "Oslo", "--party", "Israel", "--party", "PLO", "--party", PA,
         "--party", "Norway"],
        ["add-measure", "Host back-channel talks", "--actor", "Norway", "--id", "backchannel",
         "--date", "1993-01-20", "--status", "implemented"],
        ["add-measure", "PLO recognizes Israel", "--actor", "PLO", "--id", "plo-rec",
         "--date", "1993-09-09", "--status", "implemented"],
        ["add-measure", "Elections", "--actor", PA, "--id", "elections",
         "--date", "1995-09-28", "--status", "agreed"],
        ["add-measure", "Redeploy", "--actor", "Israel", "--id", "redeploy",
         "--date", "1995-01-10"],
        ["sequence", "redeploy", "--after", "backchannel", "--demanded-by", PA,
         "--date", "1995-02-01"],
        ["rename-party", PA, "PLO", "--merge", "--date", "1995-09-28"],
    ):  # fmt: skip
        tick()
        result = dprk(*args)
        assert result.code == 0, (args, result.err)
    return tmp_path / "dprk-ledger.toml"


def _ok(dprk, *args):
    result = dprk(*args)
    assert (result.code, result.err) == (0, ""), (args, result.err)
    return result.out


def _rows(dprk, day: str) -> list[str]:
    """The parties' rows of `status --as-of DAY`, by the name each starts with."""
    table = _ok(dprk, "status", "--as-of", day).splitlines()
    rows = table[2 : table.index("")]
    return [" ".join(r.split()[:2]) if r.startswith(PA) else r.split()[0] for r in rows]


def test_before_the_merge_the_party_that_stays_keeps_its_own_name(dprk, oslo):
    before = oslo.read_bytes()
    assert _rows(dprk, "1993-06-01") == ["Israel", "PLO", PA, "Norway"]
    assert _rows(dprk, "1993-09-10") == ["Israel", "PLO", PA, "Norway"]
    data = json.loads(_ok(dprk, "status", "--as-of", "1995-06-01", "--format", "json"))
    assert list(data["parties"]) == ["Israel", "PLO", PA, "Norway"]
    assert data["parties"]["PLO"]["measures"] == 1 and data["parties"][PA]["measures"] == 0
    actors = {m["id"]: m["actor"] for m in data["measures"]}
    assert actors == {"backchannel": "Norway", "plo-rec": "PLO", "redeploy": "Israel"}
    (order,) = next(m for m in data["measures"] if m["id"] == "redeploy")["constraints"]
    assert order["demanded_by"] == PA  # (the merged party's order: its own name then)
    data = json.loads(_ok(dprk, "status", "--as-of", "1995-09-27", "--format", "json"))
    assert list(data["parties"]) == ["Israel", "PLO", PA, "Norway"]
    assert json.loads(_ok(dprk, "balance", "--as-of", "1993-06-01", "--format", "json"))[
        "parties"
    ].keys() == {"Israel", "PLO", PA, "Norway"}
    # (on the merge's day and after it: one party)
    data = json.loads(_ok(dprk, "status", "--as-of", "1995-09-28", "--format", "json"))
    assert list(data["parties"]) == ["Israel", "PLO", "Norway"]
    assert {m["id"]: m["actor"] for m in data["measures"]}["elections"] == "PLO"
    assert oslo.read_bytes() == before


def test_a_merge_written_before_its_entry_said_so_reads_as_it_did(dprk, oslo):
    old = oslo.read_text().replace("merge = true\n", "")
    oslo.write_text(old)
    assert _rows(dprk, "1993-06-01") == ["Israel", PA, "Norway"]
    assert _rows(dprk, "1993-09-10") == ["Israel", PA, "PLO", "Norway"]
    assert oslo.read_text() == old


def test_a_party_merged_into_one_renamed_since_is_listed_on_a_day_before_both(dprk, oslo):
    """PLO renamed State of Palestine after the Authority was merged into it: on a day
    before both, the Authority was left out of the parties (its merge was looked for
    under the party's name of today)."""
    assert dprk("rename-party", "PLO", "State of Palestine", "--date", "2013-01-05").code == 0
    data = json.loads(_ok(dprk, "status", "--as-of", "1995-06-01", "--format", "json"))
    assert list(data["parties"]) == ["Israel", "PLO", PA, "Norway"]
