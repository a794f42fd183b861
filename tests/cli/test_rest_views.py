"""The rest of a measure carried out in part, held by an order set on it after it acted,
is held alike in every view, through the real entry point: `plan` lists the verification
it waits for, `status` flags and lists it blocked as `next` does, the report says what
it waits for, and `plan --assume` says when an assumption frees it."""

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


def _delisting(dprk) -> None:
    """The US began delisting the DPRK, then held the rest until the verification
    protocol was agreed and acted on."""
    for args in (
        ("init", "--party", "DPRK", "--party", "US"),
        ("add-measure", "Verification protocol", "--actor", "DPRK", "--id", "proto",
         "--date", "2008-07-12"),
        ("add-measure", "Delist the DPRK", "--actor", "US", "--id", "sst",
         "--status", "agreed", "--date", "2007-10-03"),
        ("mark", "sst", "implemented", "--extent", "intermediate", "--date", "2008-06-26"),
        ("sequence", "sst", "--after", "proto", "--demanded-by", "US", "--date", "2008-08-11"),
    ):  # fmt: skip
        done = dprk(*args)
        assert done.code == 0, done.err


def test_status_and_the_report_hold_a_blocked_rest_as_next_does(dprk, tmp_path):
    _delisting(dprk)
    path = tmp_path / "dprk-ledger.toml"
    before = path.read_bytes()
    day = ("--as-of", "2008-09-01")
    blocked = json.loads(dprk("next", *day, "--format", "json").out)["blocked"]
    assert [(r["id"], r["in_part"]) for r in blocked] == [("sst", True)]
    listed = dprk("status", *day, "--blocked", "--format", "ids")
    assert (listed.code, listed.out) == (0, "sst\n")
    assert dprk("status", *day, "--ready", "--format", "ids").out == "proto\n"
    table = dprk("status", *day)
    assert table.code == 0, table.err
    [row] = [line for line in table.lines if line.startswith("sst ")]
    assert row.split()[-5:] == ["2008-06-26", "blocked", "Delist", "the", "DPRK"]
    document = json.loads(dprk("status", *day, "--format", "json").out)
    counts = {name: (c["ready"], c["blocked"]) for name, c in document["parties"].items()}
    assert counts == {"DPRK": (1, 0), "US": (0, 1)}
    # today too (the counts kept for the file), and after a write brings them up to date
    now = json.loads(dprk("status", "--format", "json").out)
    assert {name: c["blocked"] for name, c in now["parties"].items()} == {"DPRK": 0, "US": 1}
    assert dprk("status", "--blocked", "--format", "ids").out == "sst\n"
    made = dprk("report", *day, "--output", "r.html")
    assert made.code == 0, made.err
    page = (tmp_path / "r.html").read_text()
    [cell] = [r for r in page.splitlines() if r.startswith('<tr><td class="id">sst</td>')]
    assert (
        '<td class="waits"><span class="muted">the rest:</span> '
        '<span class="id">proto</span> <span class="muted">(US)</span></td>'
    ) in cell
    assert "0 ready to go, 1 blocked" in page
    assert path.read_bytes() == before
    # proto acts: nothing holds the rest any more, in the counts a write brings up
    done = dprk("mark", "proto", "implemented", "--date", "2008-10-11")
    assert done.code == 0, done.err
    assert dprk("status", "--blocked", "--format", "ids").out == ""
    now = json.loads(dprk("status", "--format", "json").out)
    assert {name: c["blocked"] for name, c in now["parties"].items()} == {"DPRK": 0, "US": 0}


def test_status_brought_up_after_a_write_flags_the_rest_an_order_holds(dprk):
    """The first `status` after the order is given brings the counts it kept up to date
    from what changed, as a read of everything anew gives them."""
    for args in (
        ("init", "--party", "DPRK", "--party", "US"),
        ("add-measure", "Verification protocol", "--actor", "DPRK", "--id", "proto",
         "--date", "2008-07-12"),
        ("add-measure", "Delist the DPRK", "--actor", "US", "--id", "sst",
         "--status", "implemented", "--extent", "intermediate", "--date", "2008-06-26"),
    ):  # fmt: skip
        assert dprk(*args).code == 0
    assert dprk("status", "--blocked", "--format", "ids").out == ""  # (kept, to bring up)
    given = dprk("sequence", "sst", "--after", "proto", "--demanded-by", "US")
    assert given.code == 0, given.err
    document = json.loads(dprk("status", "--format", "json").out)
    assert {name: c["blocked"] for name, c in document["parties"].items()} == {
        "DPRK": 0,
        "US": 1,
    }
    [row] = [line for line in dprk("status").lines if line.startswith("sst ")]
    assert " blocked " in row


def test_plan_assume_says_it_frees_a_rest(dprk, tmp_path):
    for args in (
        ("init", "--party", "DPRK", "--party", "US"),
        ("add-measure", "Verification protocol", "--actor", "DPRK", "--id", "proto",
         "--status", "agreed", "--date", "2008-07-12"),
        ("add-measure", "HFO", "--actor", "US", "--id", "hfo", "--status", "agreed",
         "--date", "2007-10-03"),
        ("mark", "proto", "hfo", "implemented", "--extent", "intermediate",
         "--date", "2008-10-11"),
        ("sequence", "proto", "--after", "hfo", "--require", "full", "--demanded-by", "DPRK",
         "--date", "2008-12-11"),
        ("sequence", "hfo", "--after", "proto", "--require", "full", "--demanded-by", "US",
         "--date", "2008-12-12"),
    ):  # fmt: skip
        done = dprk(*args)
        assert done.code == 0, done.err
    before = (tmp_path / "dprk-ledger.toml").read_bytes()
    asked = ("plan", "--as-of", "2008-12-31", "--assume", "hfo=implemented")
    shown = dprk(*asked)
    assert shown.code == 0, shown.err
    lead = [line for line in shown.out.split("\nPlan")[0].splitlines() if line]
    assert lead[-1] == "Moves into phase 1: proto (the rest)."
    assert lead[-2].startswith("Dissolves: proto waits for hfo to be done in full")
    document = json.loads(dprk(*asked, "--format", "json").out)
    assert document["newly_ready"] == ["proto"]
    assert document["newly_verifiable"] == []
    assert (tmp_path / "dprk-ledger.toml").read_bytes() == before


def test_the_report_s_party_card_counts_what_next_lists(dprk, tmp_path):
    """Korea: DPRK's Tongchang-ri dismantlement, done in part, has its rest to go, which
    `next` lists ready beside the pledge; the party card said "1 ready to go"."""
    assert dprk("init", "--example", "korea-2018").code == 0
    path = tmp_path / "dprk-ledger.toml"
    before = path.read_bytes()
    for day in ((), ("--as-of", "2026-01-01")):
        steps = json.loads(dprk("next", *day, "--format", "json").out)
        made = dprk("report", *day, "--output", "r.html")
        assert (made.code, made.out) == (0, ""), made.err
        page = (tmp_path / "r.html").read_text(encoding="utf-8")
        for party in ("DPRK", "US", "ROK"):
            ready = sum(r["actor"] == party for r in steps["ready"])
            blocked = sum(r["actor"] == party for r in steps["blocked"])
            card = page.split(f"<h3>{party}</h3>")[1].split("<h3>")[0]
            assert f"To do: {ready} ready to go, {blocked} blocked" in card, (party, day)
        dprk_card = page.split("<h3>DPRK</h3>")[1].split("<h3>")[0]
        assert "To do: 2 ready to go, 1 blocked" in dprk_card
    assert [r["id"] for r in steps["ready"] if r["actor"] == "DPRK"] == [
        "complete-denuclearization-pledge",
        "tongchang-ri-dismantlement",
    ]
    assert path.read_bytes() == before


def _counts_of_next(dprk, *day: str) -> tuple[dict[str, tuple[int, int]], list[str], list[str]]:
    """What `next` lists, every party's: per party (ready, blocked), and the ids of each."""
    steps = json.loads(dprk("next", *day, "--format", "json").out)
    parties = json.loads(dprk("status", *day, "--format", "json").out)["parties"]
    counts = {
        name: (
            sum(r["actor"] == name for r in steps["ready"]),
            sum(r["actor"] == name for r in steps["blocked"]),
        )
        for name in parties
    }
    return counts, [r["id"] for r in steps["ready"]], [r["id"] for r in steps["blocked"]]


def _status_counts_next(dprk, *day: str) -> None:
    """`status` counts, lists and flags ready and blocked what `next` lists so."""
    counts, ready, blocked = _counts_of_next(dprk, *day)
    document = json.loads(dprk("status", *day, "--format", "json").out)
    found = {name: (c["ready"], c["blocked"]) for name, c in document["parties"].items()}
    assert found == counts, day
    table = dprk("status", *day)
    assert table.code == 0, table.err
    for name, (r, b) in counts.items():
        [row] = [line for line in table.lines if line.startswith(f"{name} ")]
        cells = row[len(name) :].split()
        assert cells[5:7] == [str(r), str(b)], (name, day)
    listed = dprk("status", *day, "--ready", "--format", "ids")
    assert (listed.code, sorted(listed.out.split())) == (0, sorted(ready)), day
    listed = dprk("status", *day, "--blocked", "--format", "ids")
    assert (listed.code, sorted(listed.out.split())) == (0, sorted(blocked)), day


def test_status_counts_the_rest_nothing_holds_ready_as_next_lists_it(dprk, tmp_path):
    """Bosnia: Republika Srpska withdrew part of its heavy weapons; the rest, which no
    order holds, is what `next` lists ready and the report's card counts, but `status`
    counted it nowhere (ready 0, blocked 0), while a rest an order holds it counted
    blocked."""
    path = tmp_path / "dprk-ledger.toml"
    rs, fed = "Republika Srpska", "Federation of BiH"
    for args in (
        ("init", "--party", fed, "--party", rs),
        ("add-measure", "Heavy weapons (RS)", "--actor", rs, "--id", "hw-rs",
         "--status", "agreed", "--date", "1995-11-21", "--deadline", "1996-04-18"),
        ("add-measure", "Heavy weapons (Fed)", "--actor", fed, "--id", "hw-fed",
         "--status", "agreed", "--date", "1995-11-21", "--in-exchange-for", "hw-rs"),
        ("mark", "hw-fed", "implemented", "--date", "1996-04-18"),
        ("status",),  # (the counts kept, brought up to date by the next write)
        ("mark", "hw-rs", "implemented", "--extent", "intermediate", "--date", "1996-04-18"),
    ):  # fmt: skip
        done = dprk(*args)
        assert done.code == 0, done.err
    before = path.read_bytes()
    assert _counts_of_next(dprk)[1] == ["hw-rs"]
    document = json.loads(dprk("status", "--format", "json").out)
    assert document["parties"][rs]["ready"] == 1
    assert dprk("status", "--ready", "--format", "ids").out == "hw-rs\n"
    [row] = [line for line in dprk("status").lines if line.startswith("hw-rs ")]
    assert " ready, partly done, overdue " in row
    for day in ((), ("--as-of", "1997-01-01")):
        _status_counts_next(dprk, *day)
    assert path.read_bytes() == before
    for args in (
        ("add-measure", "Returns to RS", "--actor", rs, "--id", "ret-rs",
         "--status", "agreed", "--date", "1995-11-21"),
        ("add-measure", "Returns to Federation", "--actor", fed, "--id", "ret-fed",
         "--status", "agreed", "--date", "1995-11-21", "--in-exchange-for", "ret-rs"),
        ("sequence", "ret-rs", "--after", "ret-fed", "--demanded-by", rs,
         "--date", "1996-02-01"),
        ("mark", "ret-rs", "implemented", "--extent", "minimal", "--date", "1998-12-31"),
    ):  # fmt: skip
        done = dprk(*args)
        assert done.code == 0, done.err
        _status_counts_next(dprk)  # (the kept counts brought up after each write)
    before = path.read_bytes()
    document = json.loads(dprk("status", "--format", "json").out)
    assert {name: (c["ready"], c["blocked"]) for name, c in document["parties"].items()} == {
        fed: (1, 0),
        rs: (1, 1),
    }
    _status_counts_next(dprk, "--as-of", "1999-01-01")
    assert path.read_bytes() == before


def test_status_counts_korea_as_next_and_the_report_do(dprk):
    """Korea: the rest of the Tongchang-ri dismantlement, which nothing holds."""
    assert dprk("init", "--example", "korea-2018").code == 0
    for day in ((), ("--as-of", "2026-01-01"), ("--as-of", "2018-12-31")):
        _status_counts_next(dprk, *day)


def test_status_counts_a_reversed_part_to_do_again_as_next_lists_it(dprk, tmp_path):
    """A part reversed, which an order for its whole in full waits to see carried out
    again: `next` lists it ready; `status` counted and flagged it nowhere."""
    for args in (
        ("init", "--party", "A", "--party", "B"),
        ("add-measure", "Whole", "--actor", "A", "--id", "w", "--status", "agreed",
         "--date", "2020-01-01"),
        ("add-measure", "P1", "--actor", "A", "--id", "p1", "--status", "agreed",
         "--date", "2020-01-01", "--part-of", "w"),
        ("add-measure", "P2", "--actor", "A", "--id", "p2", "--status", "agreed",
         "--date", "2020-01-01", "--part-of", "w"),
        ("add-measure", "X", "--actor", "B", "--id", "x", "--status", "agreed",
         "--date", "2020-01-01"),
        ("sequence", "x", "--after", "w", "--require", "full", "--demanded-by", "B",
         "--date", "2020-01-02"),
        ("mark", "p1", "p2", "implemented", "--date", "2020-02-01"),
        ("status",),  # (the counts kept, brought up to date by the next write)
        ("mark", "p2", "reversed", "--date", "2020-03-01"),
    ):  # fmt: skip
        done = dprk(*args)
        assert done.code == 0, done.err
    before = (tmp_path / "dprk-ledger.toml").read_bytes()
    assert _counts_of_next(dprk)[1:] == (["p2"], ["x"])
    _status_counts_next(dprk)
    [row] = [line for line in dprk("status").lines if line.startswith("└ p2 ")]
    assert " ready " in row
    _status_counts_next(dprk, "--as-of", "2020-03-02")
    assert (tmp_path / "dprk-ledger.toml").read_bytes() == before
