"""Commands that set up a ledger: init, add-party."""

from __future__ import annotations

from typing import Annotated

import typer

from ..common import editing, session

EXAMPLES = ("korea-2018",)


def init(
    ctx: typer.Context,
    title: Annotated[str | None, typer.Option("--title", help="What the negotiation is.")] = None,
    party: Annotated[
        list[str] | None, typer.Option("--party", help="A party to the talks (repeat for each).")
    ] = None,
    example: Annotated[
        str | None,
        typer.Option("--example", help=f"Start from a bundled example: {', '.join(EXAMPLES)}."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing ledger.")] = False,
) -> None:
    """Create a ledger in the current folder (or at --ledger / $DPRK_LEDGER).

    Example: dprk init --title "Six-party talks" --party DPRK --party US --party ROK
    """
    from importlib import resources

    from ... import store
    from ...errors import UsageError
    from ...model import Ledger
    from ...render import message

    path = store.new_ledger_path(session(ctx).ledger)
    if example is not None:
        if example not in EXAMPLES:
            raise UsageError(f"no example named '{example}'; bundled: {', '.join(EXAMPLES)}")
        raw = (resources.files("dprk_cli.examples") / f"{example}.toml").read_bytes()
        ledger = store.parse_bytes(raw, f"example {example}")
    else:
        ledger = Ledger()
    parties = list(dict.fromkeys([*ledger.parties, *(party or [])]))
    ledger = Ledger.model_validate(
        {
            "schema": ledger.schema_,
            "title": title if title is not None else ledger.title,
            "parties": parties,
            "measures": [m.model_dump(by_alias=True) for m in ledger.measures],
        }
    )
    store.create(path, ledger, force=force, lock_timeout=session(ctx).lock_timeout)
    message(f"created {path} ({len(ledger.parties)} parties, {len(ledger.measures)} measures)")


def add_party(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The party's name as it will be written, e.g. DPRK.")],
) -> None:
    """Declare a party to the talks.

    Example: dprk add-party ROK
    """
    from ...errors import DprkError
    from ...model import Ledger
    from ...render import message

    Ledger.model_validate({"parties": [name]})  # text hygiene: refused before any lock
    with editing(ctx, f"add-party {name}") as ed:
        if name in ed.parties:
            raise DprkError(f"party '{name}' is already declared")
        ed.set_header(parties=[*ed.parties, name])
    message(f"added party {name}")


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    app.command("add-party")(add_party)
