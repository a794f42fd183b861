"""Lines dprk says after a change, and lists of ids it reads: what each says and takes."""

from __future__ import annotations


def test_a_rejection_dates_a_counterpart_reversed_since_and_the_days_it_ended(dprk, tmp_path):
    """A rejection that ended a debt named each counterpart with the day it acted, but
    gave none for one reversed since (it has not acted now), and said no days when only
    that one's debt the reversal ended later: it gives the day that counterpart had
    acted from, and the days the rejection ended its debt for."""
    assert dprk("init", "--title", "t", "--party", "DPRK", "--party", "US").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    for args in (
        ["add-measure", "Close Punggye-ri", "--actor", "DPRK", "--id", "pg", "--date", "2018-04-20"],
        ["add-measure", "Test moratorium", "--actor", "DPRK", "--id", "tm", "--date", "2018-04-20"],
        ["mark", "pg", "implemented", "--date", "2018-05-24"],
        ["mark", "tm", "implemented", "--date", "2018-04-21"],
        ["add-measure", "End-of-war declaration", "--actor", "US", "--id", "eow",
         "--date", "2018-07-07", "--in-exchange-for", "pg"],
        ["link", "eow", "tm", "--date", "2018-07-07"],
        ["mark", "tm", "reversed", "--date", "2022-03-24"],
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    result = dprk("mark", "eow", "rejected", "--date", "2019-02-28")
    assert (result.code, result.out, result.err) == (
        0,
        "",
        "eow: rejected on 2019-02-28; balance no longer counts it owed to DPRK, which acted "
        "for it (pg, 2018-05-24; tm, 2018-04-21), for tm from 2019-02-28 to 2022-03-24; if "
        "US took back what it offered, it withdrew it, which keeps the debt: 'dprk "
        "drop-entry eow 3', then 'dprk mark eow withdrawn --date 2019-02-28'\n",
    )
    assert b'date = 2019-02-28\nevent = "status"\nstatus = "rejected"' in ledger.read_bytes()
