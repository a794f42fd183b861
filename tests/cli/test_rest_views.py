"""The rest of a measure carried out in part, held by an order set on it after it acted,
is held alike in every view, through the real entry point: `plan` lists the verification
it waits for, as `next` does."""

from __future__ import annotations

import json


def _minsk(dprk) -> None:
    """Ukraine began the constitutional reform, then asked for the heavy weapons'
    withdrawal to be verified before going on with it."""
    for args in (
        ("init", "--party", "Russia", "--party", "Ukraine"),
        ("add-measure", "Withdraw heavy weapons", "--actor", "Russia", "--id", "hw",
         "--status", "implemented", "--date", "2015-03-03"),
        ("add-measure", "Constitutional reform", "--actor", "Ukraine", "--id", "reform",
         "--status", "agreed", "--date", "2015-02-12"),
        ("mark", "reform", "implemented", "--extent", "minimal", "--date", "2015-08-31"),
        ("sequence", "reform", "--after", "hw", "--require", "verified",
         "--demanded-by", "Ukraine", "--date", "2016-06-01"),
    ):  # fmt: skip
        done = dprk(*args)
        assert done.code == 0, done.err


def test_plan_lists_the_verification_a_rest_waits_for(dprk, tmp_path):
    _minsk(dprk)
    before = (tmp_path / "dprk-ledger.toml").read_bytes()
    shown = dprk("plan")
    assert shown.code == 0, shown.err
    assert shown.out.startswith(
        "Plan\n"
        "phase  step    id      actor    left                      title\n"
        "    1  verify  hw      Russia                             Withdraw heavy weapons\n"
        "    2  act     reform  Ukraine  the rest (done: minimal)  Constitutional reform\n"
    )
    document = json.loads(dprk("plan", "--format", "json").out)
    assert [(p["phase"], p["verify"], p["rest"]) for p in document["phases"]] == [
        (1, ["hw"], []),
        (2, [], [{"id": "reform", "extent": "minimal"}]),
    ]
    # an assumption that leaves the order unmet plans the verification all the same
    assumed = json.loads(
        dprk("plan", "--assume", "reform=implemented:intermediate", "--format", "json").out
    )
    assert [(p["phase"], p["verify"], p["rest"]) for p in assumed["phases"]] == [
        (1, ["hw"], []),
        (2, [], [{"id": "reform", "extent": "intermediate"}]),
    ]
    assert (tmp_path / "dprk-ledger.toml").read_bytes() == before
