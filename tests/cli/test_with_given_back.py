"""Dropping an order that replaced a `with` on both measures, where the other measure's
own later order stands in the with's place there: the drop would give the with back on
one measure alone. It is refused, naming that later order, and the way it gives (drop
that order first, then this one, then enter it again) works when followed."""

from __future__ import annotations

import json
import shlex
import tomllib

import pytest

_STORY = [
    ("init", "--party", "Iran", "--party", "US"),
    ("add-measure", "US returns to the JCPOA", "--actor", "US", "--id", "us-return",
     "--date", "2021-04-06"),
    ("add-measure", "Iran returns to compliance", "--actor", "Iran", "--id", "iran-return",
     "--date", "2021-04-06", "--in-exchange-for", "us-return"),
    ("sequence", "us-return", "--with", "iran-return", "--date", "2022-08-08"),
    ("sequence", "iran-return", "--after", "us-return", "--demanded-by", "Iran",
     "--date", "2022-09-01"),
    ("sequence", "us-return", "--after", "iran-return", "--demanded-by", "US",
     "--date", "2022-09-02"),
]  # fmt: skip

_ADVICE = (
    "'dprk drop-entry us-return 5'",
    "'dprk drop-entry {dropped}'",
    "'dprk sequence us-return --after iran-return --demanded-by US --date 2022-09-02'",
)


def _told(dprk, tick) -> None:
    for args in _STORY:
        tick()
        result = dprk(*args)
        assert result.code == 0, (args, result.err)


def _orders(path) -> dict[str, list[dict]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {m["id"]: m.get("constraints", []) for m in data["measures"]}


def _clean(dprk) -> dict:
    found = json.loads(dprk("check", "--format", "json").out)
    assert found["errors"] == 0, found
    return found


@pytest.mark.parametrize("dropped", ["iran-return 3", "us-return 4"])
def test_a_with_given_back_on_one_side_is_refused_with_advice_that_works(
    dprk, tmp_path, tick, dropped
):
    _told(dprk, tick)
    path = tmp_path / "dprk-ledger.toml"
    before = path.read_bytes()
    result = dprk("drop-entry", *dropped.split())
    assert (result.code, result.out) == (1, ""), result.err
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert path.read_bytes() == before
    err = result.err
    assert err.startswith(f"dprk: error: entry {dropped.split()[1]} of '{dropped.split()[0]}'")
    # the obstacle named: us-return's own order of 2022-09-02
    assert "entry 5 of 'us-return' (after iran-return, demanded by US), dated 2022-09-02" in err
    assert "'iran-return' alone" in err
    # never the advice that sets the with again, erasing a demand
    assert "--with" not in err
    advice = [a.format(dropped=dropped) for a in _ADVICE]
    for said in advice:
        assert said in err, err
    assert err.index(advice[0]) < err.index(advice[1]) < err.index(advice[2])
    # followed, it works: Iran's demand taken back, US's stands, no with, no error
    for said in advice:
        tick()
        followed = dprk(*shlex.split(said.strip("'"))[1:])
        assert followed.code == 0, (said, followed.err)
    assert _orders(path) == {
        "iran-return": [],
        "us-return": [{"after": "iran-return", "demanded_by": "US"}],
    }
    found = _clean(dprk)
    assert found["warnings"] == 0, found
    # taken back, step by step, byte for byte
    for _ in advice:
        assert dprk("undo").code == 0
    assert path.read_bytes() == before


def test_the_advice_for_an_order_entered_by_mistake_is_one_that_works(dprk, tmp_path, tick):
    """iran-return acted before us-return, which Iran demanded it follow: `check`'s
    advice, if the order was entered by mistake, was to drop the entry, which is
    refused (it would give the with back on iran-return alone). It is its removal
    on the day it was set, which, followed, leaves the ledger clean."""
    _told(dprk, tick)
    tick()
    assert dprk("mark", "iran-return", "implemented", "--date", "2022-10-01").code == 0
    path = tmp_path / "dprk-ledger.toml"
    before = path.read_bytes()
    said = dprk("check").out
    advice = "'dprk sequence iran-return --remove us-return --date 2022-09-01'"
    assert f"if the order was entered by mistake: {advice} [acted-out-of-order]" in said, said
    tick()
    followed = dprk(*shlex.split(advice.strip("'"))[1:])
    assert followed.code == 0, followed.err
    assert _orders(path) == {
        "iran-return": [],
        "us-return": [{"after": "iran-return", "demanded_by": "US"}],
    }
    found = _clean(dprk)
    assert found["warnings"] == 0, found
    assert dprk("undo").code == 0 and path.read_bytes() == before
