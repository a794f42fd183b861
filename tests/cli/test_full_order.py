"""An order that waits for a measure done in full (`sequence --after OTHER --require
full`), through the real entry point: kept in the ledger, met only once OTHER acted in
full (through every part, for a measure made of parts) on the day asked, in `next`,
`plan`, `status --ready`, `--as-of` and `plan --history` alike; refused with `--with`."""

from __future__ import annotations

import json

import pytest

from tests.cli.test_corrections import refused

ORDER = (
    "sequence", "talks", "--after", "last400", "--require", "full",
    "--demanded-by", "Taliban", "--date", "2020-03-11",
)  # fmt: skip


@pytest.fixture
def doha(dprk, tmp_path):
    """The last 400 Taliban prisoners (the Afghan government's to release) and the
    intra-Afghan talks (the Taliban's), both agreed; no order yet."""
    assert dprk("init", "--title", "Doha", "--party", "Taliban", "--party", "Gov").code == 0
    for args in (
        ("Last 400 Taliban prisoners released", "--actor", "Gov", "--id", "last400"),
        ("Intra-Afghan negotiations begin", "--actor", "Taliban", "--id", "talks"),
    ):
        made = dprk("add-measure", *args, "--status", "agreed", "--date", "2020-02-29")
        assert made.code == 0, made.err
    return tmp_path / "dprk-ledger.toml"


def _next(dprk, *args: str) -> dict:
    result = dprk("next", "--format", "json", *args)
    assert result.code == 0, result.err
    return json.loads(result.out)


def _phases(dprk, *args: str) -> list[list[str]]:
    result = dprk("plan", "--format", "json", *args)
    assert result.code == 0, result.err
    return [p["measures"] for p in json.loads(result.out)["phases"]]


def _rest(dprk, *args: str) -> list[list[dict]]:
    result = dprk("plan", "--format", "json", *args)
    assert result.code == 0, result.err
    return [p["rest"] for p in json.loads(result.out)["phases"]]


def _ready(dprk, *args: str) -> list[str]:
    result = dprk("status", "--ready", "--format", "ids", *args)
    assert result.code == 0, result.err
    return result.out.split()


def test_the_order_is_kept_and_shown(dprk, doha):
    result = dprk(*ORDER)
    assert (result.code, result.out) == (0, "")
    assert result.err == "talks: after last400 (in full), demanded by Taliban\n"
    text = doha.read_text()
    assert '{ after = "last400", require = "full", demanded_by = "Taliban" }' in text
    assert 'detail = "after last400 (in full), demanded by Taliban"' in text
    assert (
        "order            after last400 (in full), demanded by Taliban" in dprk("show", "talks").out
    )
    record = json.loads(dprk("show", "talks", "--format", "json").out)
    assert record["constraints"] == [
        {"after": "last400", "require": "full", "demanded_by": "Taliban", "verified_by": None}
    ]
    assert dprk("check", "--strict").code == 0


def test_a_measure_done_in_part_does_not_meet_it(dprk, doha):
    """400 prisoners to be released before the talks: 200 released (minimal) leaves the
    talks waiting, and the rest of the release can go ahead, in phase 1 of the plan, the
    talks after it; the rest released frees the talks, on that day and not before."""
    assert dprk(*ORDER).code == 0
    assert _phases(dprk) == [["last400"], ["talks"]]
    marked = dprk("mark", "last400", "implemented", "--extent", "minimal", "--date", "2020-08-13")
    assert marked.code == 0, marked.err

    steps = _next(dprk)
    assert [(r["id"], r["in_part"], r["extent"]) for r in steps["ready"]] == [
        ("last400", True, "minimal")
    ]
    assert [(b["id"], b["waits"]) for b in steps["blocked"]] == [
        (
            "talks",
            [
                {
                    "measure": "talks",
                    "after": "last400",
                    "require": "full",
                    "demanded_by": "Taliban",
                    "verified_by": None,
                    "via": None,
                }  # fmt: skip
            ],
        )
    ]
    shown = dprk("next", "--as-of", "2020-08-14")
    assert "talks  Taliban  last400 (in full; demanded by Taliban)" in shown.out
    assert _ready(dprk) == ["last400"]  # (its rest, as next lists it)
    # (the rest of the release is phase 1's `rest`, as that of one no order waits for,
    # not among its `measures` too)
    assert _phases(dprk) == [[], ["talks"]]
    assert _rest(dprk) == [[{"id": "last400", "extent": "minimal"}], []]
    plan = dprk("plan")
    assert (
        "    1  act   last400  Gov      the rest (done: minimal)  Last 400 Taliban prisoners "
        "released" in plan.out
    ), plan.out

    full = dprk("mark", "last400", "implemented", "--extent", "full", "--date", "2020-09-03")
    assert full.code == 0, full.err
    assert [r["id"] for r in _next(dprk)["ready"]] == ["talks"]
    assert _ready(dprk) == ["talks"]
    assert _phases(dprk) == [["talks"]]
    # (a day before: done in part then, the talks waited; as the ledger stood then)
    assert _ready(dprk, "--as-of", "2020-09-02") == ["last400"]
    assert [r["id"] for r in _next(dprk, "--as-of", "2020-09-02")["ready"]] == ["last400"]
    assert _ready(dprk, "--as-of", "2020-09-03") == ["talks"]


def test_a_measure_done_in_part_and_verified_does_not_meet_it(dprk, doha):
    """A finding on what was done in part confirms that part: the rest is still owed, and
    the talks wait for it, as `check` judges them acting then (out of order)."""
    assert dprk(*ORDER).code == 0
    marked = dprk("mark", "last400", "implemented", "--extent", "minimal", "--date", "2020-08-13")
    assert marked.code == 0, marked.err
    found = dprk("verify", "last400", "--by", "ICRC", "--new-verifier", "--date", "2020-08-20")
    assert found.code == 0, found.err
    before = doha.read_bytes()
    assert _ready(dprk) == ["last400"]  # (its rest, as next lists it)
    assert [b["id"] for b in _next(dprk)["blocked"]] == ["talks"]
    assert _phases(dprk) == [[], ["talks"]]
    assert _rest(dprk) == [[{"id": "last400", "extent": "minimal"}], []]
    assert doha.read_bytes() == before


def test_an_order_to_act_is_met_by_a_part_where_one_in_full_is_not(dprk, doha):
    """The same release, acted in part: an order to follow it once it acted is met."""
    given = dprk("sequence", "talks", "--after", "last400", "--date", "2020-03-11")
    assert given.code == 0, given.err
    assert dprk("mark", "last400", "implemented", "--extent", "minimal",
                "--date", "2020-08-13").code == 0  # fmt: skip
    assert _ready(dprk) == ["last400", "talks"]  # (and the rest of the release)


def _in_two_halves(dprk) -> None:
    """last400 made of first200 and other200; the talks after last400 in full (the
    Taliban's demand), other200 after the talks (the government's): a deadlock from
    2020-03-11, which first200 released on 2020-04-01 does not end (it would end an
    order to act), and other200 released on 2020-08-13 does."""
    for args in (
        ("First 200", "--actor", "Gov", "--id", "first200", "--part-of", "last400"),
        ("Other 200", "--actor", "Gov", "--id", "other200", "--part-of", "last400"),
    ):
        assert dprk("add-measure", *args, "--date", "2020-02-29").code == 0
    assert dprk(*ORDER).code == 0
    given = dprk("sequence", "other200", "--after", "talks", "--demanded-by", "Gov",
                 "--date", "2020-03-11")  # fmt: skip
    assert given.code == 0, given.err
    circle = (
        "talks waits for last400 to be done in full (demanded by Taliban); other200 waits "
        "for talks (demanded by Gov); last400 acts through its part other200"
    )
    assert given.err.endswith(
        f"dprk: warning: deadlock: {circle}; it stands from 2020-03-11; 'dprk plan' shows it\n"
    )
    marked = dprk("mark", "first200", "implemented", "--date", "2020-04-01")
    assert marked.code == 0 and "warning" not in marked.err, marked.err


def test_a_measure_made_of_parts_meets_it_once_every_part_acted_in_full(dprk, doha):
    _in_two_halves(dprk)
    plan = json.loads(dprk("plan", "--as-of", "2020-04-02", "--format", "json").out)
    assert [d["measures"] for d in plan["deadlocks"]] == [["last400", "other200", "talks"]]
    assert [d["require"] for d in plan["deadlocks"][0]["demands"]] == ["full", "acted"]
    ended = dprk("mark", "other200", "implemented", "--date", "2020-08-13")
    assert ended.code == 0, ended.err
    assert "deadlock on 2020-03-11: talks waits for last400 to be done in full" in ended.err
    history = json.loads(dprk("plan", "--history", "--format", "json").out)["deadlocks"]
    assert [(d["from"], d["until"], d["measures"]) for d in history] == [
        ("2020-03-11", "2020-08-13", ["last400", "other200", "talks"])
    ]
    assert _ready(dprk) == ["talks"]
    assert _ready(dprk, "--as-of", "2020-08-12") == []


def test_with_takes_no_require_full_and_undo_takes_the_order_back(dprk, doha):
    err = refused(dprk, doha, "sequence", "talks", "--with", "last400", "--require", "full", code=2)
    assert err == "dprk: error: --require and --demanded-by go with --after\n"
    before = doha.read_bytes()
    assert dprk(*ORDER).code == 0
    assert _phases(dprk) == [["last400"], ["talks"]]
    undone = dprk("undo")
    assert undone.code == 0, undone.err
    assert doha.read_bytes() == before
    assert _phases(dprk) == [["last400", "talks"]]


def test_acting_before_it_was_done_in_full_is_acting_out_of_order(dprk, doha):
    """The talks begun after 200 prisoners of 400 were released: the write and check say
    they acted out of order, as they say of an order to act begun before any release;
    once the rest is released, check says when, and the talks came before."""
    assert dprk(*ORDER).code == 0
    assert dprk("mark", "last400", "implemented", "--extent", "minimal",
                "--date", "2020-08-13").code == 0  # fmt: skip
    marked = dprk("mark", "talks", "implemented", "--date", "2020-09-12")
    assert marked.code == 0, marked.err
    said = (
        "talks: acted on 2020-09-12 although 'last400', which it was to follow, demanded "
        "by Taliban, has not been done in full; no fix needed if that is what happened"
    )
    assert f"dprk: warning: {said}" in marked.err
    assert 'status = "implemented"' in doha.read_text().split('id = "talks"')[1]
    checked = dprk("check")
    assert (checked.code, checked.out.count("warning:")) == (0, 1)
    assert f"warning: {said}" in checked.out
    full = dprk("mark", "last400", "implemented", "--extent", "full", "--date", "2020-09-20")
    assert full.code == 0, full.err
    assert (
        "warning: talks: acted on 2020-09-12, before 'last400' was done in full on "
        "2020-09-20 (it was to follow it, demanded by Taliban)" in dprk("check").out
    )


def test_acting_once_it_was_done_in_full_is_in_order(dprk, doha):
    assert dprk(*ORDER).code == 0
    assert dprk("mark", "last400", "implemented", "--date", "2020-08-13").code == 0
    marked = dprk("mark", "talks", "implemented", "--date", "2020-09-12")
    assert marked.code == 0 and "warning" not in marked.err, marked.err
    assert dprk("check").out == "ok: no problems found\n"
