"""Commands that show the ledger: status, show, log."""

from __future__ import annotations

from typing import Annotated

import typer

from ..common import (
    AsOfOption,
    Format,
    FormatOption,
    IdsArgument,
    MeasureFilters,
    complete_id,
    expand_ids,
    filtered_measures,
    measure_filters,
    session,
)


@measure_filters
def status(
    ctx: typer.Context,
    filters: MeasureFilters,
    as_of: AsOfOption = None,
    fmt: FormatOption = Format.table,
    show_all: Annotated[
        bool, typer.Option("--all", help="In a terminal, list every measure.")
    ] = False,
    limit: Annotated[
        int | None, typer.Option("--limit", help="In a terminal, list at most N measures.", min=0)
    ] = None,
) -> None:
    """Who has acted, what is verified, what each side still owes.

    Example: dprk status --party DPRK --acted --unverified
    """
    import sys

    from ... import store
    from ...analysis.overview import order_overview
    from ...analysis.status import party_summaries
    from ...render import emit
    from ...render.views import status_report
    from ..common import as_of_day

    s = session(ctx)
    ledger, day = as_of_day(store.load(s.ledger_path()), as_of)
    measures = filtered_measures(ledger, filters)
    summaries = party_summaries(ledger)
    overview = order_overview(ledger, day)
    if fmt == Format.table and not show_all and limit is None and sys.stdout.isatty():
        import shutil

        # what is not a measure row: the party table (a line per party and 4 more),
        # the measure table's title, header and rule, and up to 5 lines of notes
        # after it, and the shell prompt
        limit = max(shutil.get_terminal_size().lines - len(summaries) - 16, 10)
    emit(
        status_report(
            ledger,
            summaries,
            measures,
            limit=limit if fmt == Format.table else None,
            overview=overview,
        ),
        fmt.value,
    )


def show(
    ctx: typer.Context,
    ids: IdsArgument,
    fmt: FormatOption = Format.table,
) -> None:
    """Everything about a measure: links, constraints, verifications, history.

    Example: dprk show inventory-submission --format json
    """
    from ... import store
    from ...errors import DprkError
    from ...render import emit
    from ...render.views import show_report
    from ...rules import unknown_id_message

    s = session(ctx)
    ledger = store.load(s.ledger_path())
    index = ledger.index()
    measures = []
    for ident in expand_ids(ids):
        if ident not in index:
            raise DprkError(unknown_id_message(ident, index))
        measures.append(index[ident])
    emit(show_report(measures), fmt.value)


@measure_filters
def log(
    ctx: typer.Context,
    ids: Annotated[
        list[str] | None,
        typer.Argument(
            help="Measure ids (default: all); '-' reads stdin.", autocompletion=complete_id
        ),
    ] = None,
    filters: MeasureFilters = None,
    fmt: FormatOption = Format.table,
) -> None:
    """The history of changes, in the order events happened (newest last).

    --since and --until also limit the entries shown to those dates.

    Example: dprk log punggye-ri-closure
    """
    from ... import store
    from ...errors import DprkError
    from ...render import emit
    from ...render.views import log_report
    from ...rules import unknown_id_message

    s = session(ctx)
    ledger = store.load(s.ledger_path())
    measures = filtered_measures(ledger, filters)
    if ids:
        index = ledger.index()
        wanted = expand_ids(ids)
        for ident in wanted:
            if ident not in index:
                raise DprkError(unknown_id_message(ident, index))
        kept = {m.id for m in measures}
        measures = [index[i] for i in wanted if i in kept]
    emit(log_report(ledger, measures, within=filters.in_period), fmt.value)
