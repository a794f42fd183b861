"""Commands that record what happened: add-measure, mark, verify."""

from __future__ import annotations

from typing import Annotated

import typer

from ...vocab import MarkStatus, Result, Status
from ..common import (
    DateOption,
    IdsArgument,
    NoteOption,
    complete_id,
    complete_party,
    editing,
    expand_ids,
)


def add_measure(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(help="What the measure is, in a short sentence.")],
    actor: Annotated[
        str,
        typer.Option(
            "--actor",
            help="The declared party that must carry it out.",
            autocompletion=complete_party,
        ),
    ],
    ident: Annotated[
        str | None, typer.Option("--id", help="Its id (a slug); made from the title if not given.")
    ] = None,
    category: Annotated[
        str, typer.Option("--category", help="e.g. denuclearization, sanctions, diplomatic.")
    ] = "",
    status: Annotated[
        Status, typer.Option("--status", help="Where it stands now.", case_sensitive=False)
    ] = Status.proposed,
    in_exchange_for: Annotated[
        list[str] | None,
        typer.Option(
            "--in-exchange-for",
            help="Id of a measure it is traded for (linked both ways).",
            autocompletion=complete_id,
        ),
    ] = None,
    after: Annotated[
        list[str] | None,
        typer.Option(
            "--after", help="Id of a measure that must act first.", autocompletion=complete_id
        ),
    ] = None,
    when: DateOption = None,
    deadline: Annotated[
        str | None, typer.Option("--deadline", help="When it is due (YYYY-MM-DD).")
    ] = None,
    source: Annotated[
        list[str] | None, typer.Option("--source", help="Where this is reported (repeatable).")
    ] = None,
    note: NoteOption = None,
) -> None:
    """Record a measure a party offers, is asked for, or has taken; prints its id.

    Example: id=$(dprk add-measure "Submit a nuclear inventory" --actor DPRK)
    """
    from ... import changes
    from ...errors import DprkError
    from ...render import value
    from ..common import event_date, parse_date

    day = event_date(when)
    due = parse_date(deadline, "--deadline")
    with editing(ctx, f"add-measure {title}") as ed:
        require_party(actor, ed.parties, "--actor")
        new_id = ident if ident is not None else changes.slug_from_title(title, ed)
        check_id(new_id)
        if ed.has(new_id):
            raise DprkError(f"a measure with id '{new_id}' already exists; choose another --id")
        linked = list(dict.fromkeys(in_exchange_for or []))
        prerequisites = list(dict.fromkeys(after or []))
        for other in [*linked, *prerequisites]:
            if other == new_id:
                raise DprkError(f"measure '{new_id}' cannot refer to itself")
            ed.get(other)
        ed.put(
            changes.new_measure(
                new_id,
                title,
                actor,
                when=day,
                status=status,
                category=category,
                in_exchange_for=linked,
                after=prerequisites,
                deadline=due,
                sources=source,
                note=note or "",
            )
        )
        for other in linked:
            ed.put(changes.link_exchange(ed.get(other), new_id, day))
    value(new_id)


def mark(
    ctx: typer.Context,
    ids: IdsArgument,
    status: Annotated[
        MarkStatus,
        typer.Argument(
            help="proposed, agreed, implemented, reversed or withdrawn.", case_sensitive=False
        ),
    ],
    when: DateOption = None,
    note: NoteOption = None,
    source: Annotated[str | None, typer.Option("--source", help="Where this is reported.")] = None,
) -> None:
    """Record that a measure changed status (verified and disputed come from 'dprk verify').

    Example: dprk mark punggye-ri-closure implemented --date 2018-05-24 --source "press pool"
    """
    from ... import changes
    from ...render import message
    from ..common import event_date

    targets = expand_ids(ids)
    day = event_date(when)
    new_status = Status(status.value)
    with editing(ctx, f"mark {' '.join(targets)} {status.value}") as ed:
        for ident in targets:
            ed.put(changes.mark(ed.get(ident), new_status, day, note=note or "", source=source))
    for ident in targets:
        message(f"{ident}: {new_status.value} on {day.isoformat()}")


def verify(
    ctx: typer.Context,
    ids: IdsArgument,
    by: Annotated[str, typer.Option("--by", help="Who verified it (e.g. IAEA).")],
    result: Annotated[
        Result,
        typer.Option(
            "--result",
            help="confirmed makes it verified, refuted disputed, partial records only.",
            case_sensitive=False,
        ),
    ] = Result.confirmed,
    method: Annotated[str, typer.Option("--method", help="How, e.g. on-site inspection.")] = "",
    evidence: Annotated[
        list[str] | None, typer.Option("--evidence", help="A report or document (repeatable).")
    ] = None,
    when: DateOption = None,
    note: NoteOption = None,
) -> None:
    """Record an independent verification of a measure that has acted.

    Example: dprk status --acted --unverified --party DPRK --format ids | dprk verify - --by IAEA
    """
    from ... import changes
    from ...render import message
    from ..common import event_date

    targets = expand_ids(ids)
    day = event_date(when)
    with editing(ctx, f"verify {' '.join(targets)} by {by}") as ed:
        for ident in targets:
            ed.put(
                changes.verify(
                    ed.get(ident),
                    by,
                    result,
                    day,
                    method=method,
                    evidence=evidence,
                    note=note or "",
                )
            )
    for ident in targets:
        message(f"{ident}: {result.value} by {by} on {day.isoformat()}")


def require_party(name: str, parties: list[str], option: str) -> None:
    from ...errors import DprkError

    if name not in parties:
        declared = ", ".join(parties) if parties else "none yet"
        raise DprkError(
            f"{option}: '{name}' is not a declared party (declared: {declared}); "
            f"add it with 'dprk add-party {name}' if it is a new side"
        )


def check_id(ident: str) -> None:
    import re

    from ...errors import UsageError
    from ...model import ID_PATTERN

    if ident == "-" or not re.fullmatch(ID_PATTERN, ident) or len(ident) > 100:
        raise UsageError(
            f"--id: '{ident}' is not a valid id (letters, digits, '.', '_' and '-', "
            "starting with a letter or digit; no spaces or slashes)"
        )


def register(app: typer.Typer) -> None:
    app.command("add-measure")(add_measure)
    app.command("mark")(mark)
    app.command("verify")(verify)
