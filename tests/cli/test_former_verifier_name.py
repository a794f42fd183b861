"""A party's former name given with a day it had that name is the party, for a verifier
too: after 'rename-party USSR Russia --date 1991-12-26', 'status --verified-by USSR
--as-of 1991-06-01' warned "give Russia" and matched nothing, and 'sequence --verified-by
USSR --date 1988-01-01' was refused so, as '--party', '--demanded-by' and 'verify --by'
given so no longer are. Without a day, or on a day after the rename, as before."""

import tomllib


def _inf(dprk):
    for args in (
        ["init", "--title", "INF", "--party", "US", "--party", "USSR"],
        ["add-measure", "USSR eliminates SS-20", "--actor", "USSR", "--id", "ss20",
         "--status", "agreed", "--date", "1987-12-08"],
        ["add-measure", "US eliminates Pershing II", "--actor", "US", "--id", "p2",
         "--status", "agreed", "--date", "1987-12-08"],
        ["add-measure", "Inspections", "--actor", "US", "--id", "insp", "--status",
         "agreed", "--date", "1987-12-08"],
        ["mark", "ss20", "implemented", "--date", "1988-06-01"],
        ["mark", "p2", "implemented", "--date", "1988-06-01"],
        ["verify", "ss20", "--by", "US", "--date", "1988-07-01"],
        ["verify", "p2", "--by", "USSR", "--date", "1988-07-01"],
        ["rename-party", "USSR", "Russia", "--date", "1991-12-26"],
    ):  # fmt: skip
        result = dprk(*args)
        assert result.code == 0, (args, result.err)


def _measure(ledger, ident):
    return next(m for m in tomllib.loads(ledger.read_text())["measures"] if m["id"] == ident)


REFUSED = "party 'USSR' was renamed Russia on 1991-12-26; give Russia\n"


def test_status_verified_by_a_former_name_of_the_day(dprk, tmp_path):
    _inf(dprk)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    for fmt in ("table", "ids", "json"):
        asked = dprk("status", "--verified-by", "USSR", "--as-of", "1991-06-01", "--format", fmt)
        now = dprk("status", "--verified-by", "Russia", "--as-of", "1991-06-01", "--format", fmt)
        assert (asked.code, asked.err) == (0, ""), fmt
        assert asked.out == now.out, fmt
    ids = dprk("status", "--verified-by", "u.s.s.r.", "--as-of", "1991-06-01", "--format", "ids")
    assert (ids.code, ids.out, ids.err) == (0, "p2\n", "")
    # without a day, or of a day after the rename, the old name is no party's: refused,
    # as --party is
    for day in ([], ["--as-of", "1992-06-01"]):
        later = dprk("status", "--verified-by", "USSR", *day, "--format", "ids")
        assert (later.code, later.out) == (1, ""), day
        assert later.err == "dprk: error: --verified-by: " + REFUSED, day
    assert ledger.read_bytes() == before


def test_sequence_verified_by_a_former_name_of_the_day(dprk, tmp_path):
    _inf(dprk)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    order = ["sequence", "insp", "--after", "p2", "--require", "verified", "--verified-by"]
    for args in ([*order, "USSR"], [*order, "USSR", "--date", "1992-01-01"]):
        result = dprk(*args)
        assert (result.code, result.out, result.err) == (
            1,
            "",
            "dprk: error: --verified-by: " + REFUSED,
        ), args
        assert ledger.read_bytes() == before
    # the actor of the measure waited for, by its name of the day: its own word still
    own = dprk("sequence", "insp", "--after", "ss20", "--require", "verified",
               "--verified-by", "USSR", "--date", "1988-01-01")  # fmt: skip
    assert own.code == 1 and own.out == ""
    assert own.err.startswith("dprk: error: --verified-by: 'Russia' is the actor of 'ss20'")
    assert ledger.read_bytes() == before
    result = dprk(*order, "USSR", "--date", "1988-01-01")
    assert (result.code, result.out, result.err) == (
        0,
        "",
        "insp: after p2 (verified by Russia)\n",
    )
    insp = _measure(ledger, "insp")
    assert insp["constraints"] == [{"after": "p2", "require": "verified", "verified_by": "Russia"}]
    renames = [h for h in insp["history"] if h["detail"] == "party USSR renamed Russia"]
    assert [h["date"].isoformat() for h in renames] == ["1991-12-26"]
    assert dprk("check").code == 0
