"""Commands that show the ledger: status, show, log."""

from __future__ import annotations

from typing import Annotated

import typer

from ..common import Format, FormatOption, expand_ids, session

PartyOption = Annotated[str | None, typer.Option("--party", help="Only this party's measures.")]


def status(
    ctx: typer.Context,
    party: PartyOption = None,
    pending: Annotated[
        bool, typer.Option("--pending", help="Only measures not yet acted (proposed or agreed).")
    ] = False,
    acted: Annotated[
        bool,
        typer.Option(
            "--acted", help="Only measures that have acted (implemented, verified, disputed)."
        ),
    ] = False,
    unverified: Annotated[
        bool, typer.Option("--unverified", help="Only acted measures nobody has verified.")
    ] = False,
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
    from ...analysis.status import Filters, party_summaries, select
    from ...render import emit
    from ...render.views import status_report
    from .measures import require_party

    s = session(ctx)
    ledger = store.load(s.ledger_path())
    if party is not None:
        require_party(party, ledger.parties, "--party")
    filters = Filters(party=party, pending=pending, acted=acted, unverified=unverified)
    measures = select(ledger, filters)
    summaries = party_summaries(ledger)
    if fmt == Format.table and not show_all and limit is None and sys.stdout.isatty():
        import shutil

        limit = max(shutil.get_terminal_size().lines - 4 - 2 * len(summaries) - 8, 10)
    emit(
        status_report(ledger, summaries, measures, limit=limit if fmt == Format.table else None),
        fmt.value,
    )


def show(
    ctx: typer.Context,
    ids: Annotated[
        list[str], typer.Argument(help="Measure ids; '-' reads them from standard input.")
    ],
    fmt: FormatOption = Format.table,
) -> None:
    """Everything about a measure: links, constraints, verifications, history.

    Example: dprk show inventory-submission --format json
    """
    from ... import store
    from ...errors import DprkError
    from ...render import emit
    from ...render.views import show_report
    from ...store import unknown_id_message

    s = session(ctx)
    ledger = store.load(s.ledger_path())
    index = ledger.index()
    measures = []
    for ident in expand_ids(ids):
        if ident not in index:
            raise DprkError(unknown_id_message(ident, index))
        measures.append(index[ident])
    emit(show_report(measures), fmt.value)


def log(
    ctx: typer.Context,
    ids: Annotated[
        list[str] | None, typer.Argument(help="Measure ids (default: all); '-' reads stdin.")
    ] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """The history of changes, in the order events happened (newest last).

    Example: dprk log punggye-ri-closure
    """
    from ... import store
    from ...errors import DprkError
    from ...render import emit
    from ...render.views import log_report
    from ...store import unknown_id_message

    s = session(ctx)
    ledger = store.load(s.ledger_path())
    if ids:
        index = ledger.index()
        measures = []
        for ident in expand_ids(ids):
            if ident not in index:
                raise DprkError(unknown_id_message(ident, index))
            measures.append(index[ident])
    else:
        measures = list(ledger.measures)
    emit(log_report(ledger, measures), fmt.value)


def register(app: typer.Typer) -> None:
    app.command("status")(status)
    app.command("show")(show)
    app.command("log")(log)
