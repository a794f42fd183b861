"""`dprk exchanges`: who moved first in each exchange, in every output format."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from ..shapes import EXCHANGE_COLUMNS
from . import Column, Report, Section, deferred

if TYPE_CHECKING:
    from ..analysis.exchanges import Exchange


def exchange_record(e: Exchange) -> dict[str, Any]:
    """One exchange as its documented JSON object (`shapes.EXCHANGE_COLUMNS`)."""
    one, other = e.measure, e.counterpart
    return {
        "measure": one.id,
        "actor": e.actor,
        "acted_on": _day(e.acted),
        "counterpart": other.id,
        "counterpart_actor": e.counterpart_actor,
        "counterpart_acted_on": _day(e.counterpart_acted),
        "first": e.first,
        "lag_days": e.lag_days,
        "state": e.state,
        "status": one.status.value,
        "counterpart_status": other.status.value,
        # (the day each stands done in full from, as `status`'s `full_date`)
        "full_on": _day(one.full_since),
        "counterpart_full_on": _day(other.full_since),
    }


def _day(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def exchanges_report(found: list[Exchange], day: date) -> Report:
    """Each exchange, the measure that acted first before its counterpart, in the order
    of the first act's day: for people, a table; for scripts, a record a row (JSON, under
    `as_of`: the day read); `--format ids`, the ids of both measures, each once."""
    records = [exchange_record(e) for e in found]
    columns = [
        Column("measure", "measure", priority=100, label=True),
        Column("actor", "actor", priority=90),
        Column("acted_on", "acted on", priority=95),
        Column("counterpart", "counterpart", priority=100, label=True),
        Column("counterpart_actor", "counterpart actor", priority=90),
        Column("counterpart_acted_on", "counterpart acted on", priority=95),
        Column("first", "first", priority=85),
        Column("lag_days", "lag (days)", justify="right", priority=85),
        Column("state", "state", priority=80),
        # (what became of each side since, and when each was done in full: in a narrow
        # terminal, left out before the rest, the days in full first)
        Column("status", "status", priority=70),
        Column("counterpart_status", "counterpart status", priority=70),
        Column("full_on", "in full on", priority=65),
        Column("counterpart_full_on", "counterpart in full on", priority=65),
    ]
    return Report(
        document=deferred(lambda: {"as_of": day.isoformat(), "exchanges": records}),
        records=records,
        columns=EXCHANGE_COLUMNS,
        sections=[
            Section(f"Exchanges on {day.isoformat()}", columns, records, empty="(no exchanges)")
        ],
        ids=list(dict.fromkeys(i for r in records for i in (r["measure"], r["counterpart"]))),
    )
