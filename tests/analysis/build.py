"""Small ledgers built in memory for the analysis tests: every answer is known by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from dprk_cli.facts import Nodes, nodes_of
from dprk_cli.model import Constraint, HistoryEntry, Ledger, Measure
from dprk_cli.vocab import Require, Status

RECORDED = datetime(2026, 1, 1, tzinfo=UTC)


def day(text: str) -> date:
    return date.fromisoformat(text)


def event(when: str, status: str | None = None, name: str = "status") -> HistoryEntry:
    return HistoryEntry(
        date=day(when),
        event=name,
        status=Status(status) if status else None,
        recorded=RECORDED,
    )


def m(
    ident: str,
    actor: str = "A",
    status: str = "proposed",
    *,
    after: list[str] | None = None,
    verified_after: list[str] | None = None,
    demands: dict[str, str] | None = None,
    together: list[str] | None = None,
    exchange: list[str] | None = None,
    history: list[HistoryEntry] | None = None,
    **fields: Any,
) -> Measure:
    """A measure: `after`/`verified_after` prerequisites, `demands` maps a prerequisite
    to the party demanding it, `together` are `with` partners."""
    demands = demands or {}
    constraints = [Constraint(after=a, demanded_by=demands.get(a)) for a in after or []]
    constraints += [
        Constraint(after=a, require=Require.verified, demanded_by=demands.get(a))
        for a in verified_after or []
    ]
    constraints += [Constraint(with_=w) for w in together or []]
    if history is None:
        history = [event("2020-01-01", status, "created")]
    return Measure(
        id=ident,
        title=f"Measure {ident}",
        actor=actor,
        status=Status(status),
        in_exchange_for=sorted(exchange or []),
        constraints=constraints,
        history=history,
        **fields,
    )


def ledger(*measures: Measure, parties: tuple[str, ...] = ("A", "B", "C")) -> Ledger:
    return Ledger(title="Test", parties=list(parties), measures=list(measures))


def nodes(*measures: Measure, parties: tuple[str, ...] = ("A", "B", "C")) -> Nodes:
    """The ledger of `measures` as the analyses read it."""
    return nodes_of(ledger(*measures, parties=parties))
