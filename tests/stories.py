"""Negotiations the tests tell through dprk's real entry point, each shared by the test
files that ask it different questions."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

Run = Callable[..., Any]  # the `dprk` fixture


def told(dprk: Run, steps: Iterable[tuple[str, ...]]) -> None:
    """Run each of `steps`, as typed; each must be accepted."""
    for args in steps:
        result = dprk(*args)
        assert result.code == 0, (args, result.err)


# Northern Ireland, 1998-99: the UUP's demand that decommissioning come first (a deadlock
# with the IRA's from 1 July 1998), and its drop on 27 November 1999.
UUP_DEMAND = (
    "sequence",
    "exec",
    "--after",
    "decom",
    "--demanded-by",
    "UUP",
    "--date",
    "1998-07-01",
)
UUP_DROPPED = ("sequence", "exec", "--remove", "decom", "--date", "1999-11-27")


def northern_ireland(dprk: Run, *steps: tuple[str, ...], exchanged: bool = True) -> None:
    """Northern Ireland, 1998: the IRA's decommissioning (`decom`) and the UK's Executive
    (`exec`), exchanged for each other (unless not `exchanged`), the IRA demanding the
    Executive first (30 April 1998); then `steps`."""
    linked = ("--in-exchange-for", "decom") if exchanged else ()
    told(
        dprk,
        [
            ("init", "--title", "NI", "--party", "UK", "--party", "IRA", "--party", "UUP"),
            ("add-measure", "IRA decommissions", "--actor", "IRA", "--id", "decom", "--date",
             "1998-04-10"),
            ("add-measure", "Executive formed", "--actor", "UK", "--id", "exec", "--date",
             "1998-04-10", *linked),
            ("sequence", "decom", "--after", "exec", "--demanded-by", "IRA", "--date",
             "1998-04-30"),
            *steps,
        ],
    )  # fmt: skip


def inf_treaty(dprk: Run) -> None:
    """The INF Treaty: the USSR's SS-20s (`ss20`, eliminated 12 May 1991) and the US's
    Pershing IIs (`p2`, 6 May 1991); the USSR renamed Russia on 26 December 1991."""
    told(
        dprk,
        [
            ("init", "--party", "US", "--party", "USSR"),
            ("add-measure", "Eliminate SS-20s", "--actor", "USSR", "--id", "ss20", "--status",
             "implemented", "--date", "1991-05-12"),
            ("add-measure", "Eliminate Pershing IIs", "--actor", "US", "--id", "p2", "--status",
             "implemented", "--date", "1991-05-06"),
            ("rename-party", "USSR", "Russia", "--date", "1991-12-26"),
        ],
    )  # fmt: skip


def yongbyon_for_bda(dprk: Run) -> None:
    """The Six-Party Talks, 2007 (into a ledger declaring DPRK and US): the US's return of
    the Banco Delta Asia funds (`bda`, agreed 19 March, carried out 25 June), and the
    shutdown of Yongbyon (`shutdown`, agreed 13 February), which the DPRK demanded wait
    for it."""
    told(
        dprk,
        [
            ("add-measure", "Return BDA funds", "--actor", "US", "--id", "bda", "--status",
             "agreed", "--date", "2007-03-19"),
            ("add-measure", "Shut down Yongbyon", "--actor", "DPRK", "--id", "shutdown",
             "--status", "agreed", "--date", "2007-02-13"),
            ("sequence", "shutdown", "--after", "bda", "--demanded-by", "DPRK", "--date",
             "2007-03-19"),
            ("mark", "bda", "implemented", "--date", "2007-06-25"),
        ],
    )  # fmt: skip
