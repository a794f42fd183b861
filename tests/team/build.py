"""Small ledgers built in code, for the merge and diff tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from dprk_cli.model import Constraint, HistoryEntry, Ledger, Measure, Verification
from dprk_cli.vocab import Result, Status

DAY0 = date(2018, 6, 1)
RECORDED = datetime(2024, 1, 1, tzinfo=UTC)


def day(n: int) -> date:
    return DAY0 + timedelta(days=n)


def entry(
    n: int, event: str = "status", status: str | None = None, note: str = "", rec: int = 0
) -> HistoryEntry:
    return HistoryEntry(
        date=day(n),
        event=event,
        status=Status(status) if status else None,
        detail=f"{event} {status or ''}".strip(),
        note=note,
        recorded=RECORDED + timedelta(seconds=rec),
    )


def verification(n: int, by: str = "IAEA", result: str = "confirmed") -> Verification:
    return Verification(by=by, result=Result(result), date=day(n))


def measure(
    ident: str,
    actor: str = "DPRK",
    *,
    title: str | None = None,
    status: str = "proposed",
    history: list[HistoryEntry] | None = None,
    **fields: object,
) -> Measure:
    return Measure.model_validate(
        {
            "id": ident,
            "title": title or f"Measure {ident}",
            "actor": actor,
            "status": status,
            "history": history
            if history is not None
            else [entry(0, "created", status=status, rec=0)],
            **fields,
        }
    )


def ledger(*measures: Measure, parties=("DPRK", "US"), title: str = "Talks") -> Ledger:
    return Ledger.model_validate(
        {
            "title": title,
            "parties": list(parties),
            "measures": sorted(measures, key=lambda m: m.id),
        }
    )


def put(base: Ledger, *measures: Measure) -> Ledger:
    """`base` with these measures added or replaced."""
    index = base.index()
    for m in measures:
        index[m.id] = m
    return base.model_copy(update={"measures": sorted(index.values(), key=lambda m: m.id)})


def drop(base: Ledger, *ids: str) -> Ledger:
    return base.model_copy(update={"measures": [m for m in base.measures if m.id not in ids]})


def edit(base: Ledger, ident: str, **update: object) -> Ledger:
    """`base` with fields of one measure changed, validated as a file would be (a new
    status without an extent takes the extent that status implies)."""
    data = base.index()[ident].model_dump(by_alias=True)
    if "status" in update and "extent" not in update:
        data.pop("extent")
    return put(base, Measure.model_validate({**data, **update}))


def after(other: str, **kw: object) -> Constraint:
    return Constraint.model_validate({"after": other, **kw})


def base_ledger_text() -> str:
    from dprk_cli.store import render_ledger

    return render_ledger(ledger(measure("a", notes="base", deadline=date(2019, 1, 1))))


BASE_LEDGER_TEXT = base_ledger_text()
