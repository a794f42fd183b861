"""Commands about the ledger itself: init, add-party, edit-ledger, rename-party,
rename-verifier, remove-party."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from ..common import (
    DateOption,
    complete_party,
    described,
    editing,
    journal_let_go,
    merge_unfinished,
    session,
)

if TYPE_CHECKING:
    from ...model import Ledger

EXAMPLES = ("korea-2018",)

PartyArgument = Annotated[
    str, typer.Argument(help="A declared party's name.", autocompletion=complete_party)
]


def init(
    ctx: typer.Context,
    title: Annotated[str | None, typer.Option("--title", help="What the negotiation is.")] = None,
    party: Annotated[
        list[str] | None, typer.Option("--party", help="A party to the talks (repeat for each).")
    ] = None,
    example: Annotated[
        str | None,
        typer.Option(
            "--example",
            metavar="NAME",
            help=f"Start from a bundled example: {', '.join(EXAMPLES)}.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing ledger ('dprk undo' restores it).")
    ] = False,
) -> None:
    """Create a ledger in the current folder (or at --ledger / $DPRK_LEDGER).

    Example: dprk init --title "Six-party talks" --party DPRK --party US --party ROK
    """
    from ... import store
    from ...errors import UsageError
    from ...model import Ledger
    from ...render import message
    from ...rules import new_party_problem
    from ...vocab import counted, one_form

    path = store.new_ledger_path(session(ctx).ledger)
    if example is not None:
        example = example.lower()  # (a name in any case, as a status or a format)
        if example not in EXAMPLES:
            raise UsageError(f"no example named '{example}'; bundled: {', '.join(EXAMPLES)}")
        ledger = store.parse_bytes(store.example(example), f"example {example}")
    else:
        ledger = Ledger()
    parties = list(ledger.parties)
    first = len(parties)  # (the parties given follow the example's)
    for name in map(one_form, party or []):
        problem = None if name in parties else new_party_problem(name, parties, hint=False)
        if problem is not None:
            raise UsageError(f"--party: {problem}")
        if name not in parties:
            parties.append(name)
    ledger = Ledger.model_validate(
        {
            "schema": ledger.schema_,
            "title": title if title is not None else ledger.title,
            "parties": parties,
            "measures": [m.model_dump(by_alias=True) for m in ledger.measures],
        }
    )
    if force and path.exists():
        merge_unfinished(path, writing=True)  # (as every write: see `editing`)
    outcome = store.Outcome()
    done = store.create(
        path,
        ledger,
        force=force,
        lock_timeout=session(ctx).lock_timeout,
        description=described(ctx, example=example),
        outcome=outcome,
    )
    sizes = f"{counted(len(ledger.parties), 'party')}, {counted(len(ledger.measures), 'measure')}"
    if done == "unchanged":  # ('dprk undo' would take back the change before)
        message(f"{path}: already so ({sizes}); nothing changed")
        return
    message(f"{done} {path} ({sizes})")
    if done == "replaced":
        message("'dprk undo' brings the ledger it replaced back")
    if outcome.let_go is not None:
        journal_let_go(ctx, path, outcome.let_go)
    if first < len(ledger.parties):
        _near_parties(ledger, first)


def _near_parties(ledger: Ledger, first: int) -> None:
    """Warn of each of the parties `init` declared, the `ledger`'s from the `first` on,
    near one declared before it (a typo of it, maybe: a real side may be so near), as
    `add-party` warns (`operations.party_declared_near`), with the way to take it out
    (`operations.party_taken_out`), and, near one given before it (not the example's),
    the way to take that one out, either may be the typo."""
    from ... import operations
    from ...model import MeasureIndex
    from ...render import warning
    from ...vocab import shell_word

    measures = MeasureIndex(ledger.index())
    parties = list(ledger.parties)
    for at in range(first, len(parties)):
        name = parties[at]
        typo = f"'dprk rename-party {shell_word(name)} NAME --typo'"
        back = f"{operations.party_taken_out(measures, name, typo)} corrects it"
        given = parties[first:at]

        def earlier(other: str, given: list[str] = given, name: str = name) -> str | None:
            if other not in given:  # (the example's: no typo of the command's)
                return None
            way = f"'dprk rename-party {shell_word(other)} {shell_word(name)} --typo'"
            return operations.party_taken_out(measures, other, way)

        near = operations.party_declared_near(measures, parties[:at], name, back, earlier=earlier)
        if near is not None:
            warning(near)


def add_party(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The party's name as it will be written, e.g. DPRK.")],
) -> None:
    """Declare a party to the talks.

    Example: dprk add-party China
    """
    from ... import operations
    from ...model import Ledger
    from ...render import message

    Ledger.model_validate({"parties": [name]})  # text hygiene: refused before any lock
    with editing(ctx) as draft:
        done = operations.add_party(draft, name)
    message(done)
    near = operations.party_added_near(draft, name)
    if near is not None:  # (a typo of a declared party, maybe: a real side may be so near)
        from ...render import warning

        warning(near)


def edit_ledger(
    ctx: typer.Context,
    title: Annotated[
        str | None,
        typer.Option("--title", help="The negotiation's new title.", show_default=False),
    ] = None,
    ended: Annotated[
        str | None,
        typer.Option(
            "--ended",
            metavar="DATE",
            help="The day the talks ended (YYYY-MM-DD, not after today): every view asked "
            "of no day then reads the ledger as of that day (--as-of still reads any day).",
            show_default=False,
        ),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option(
            "--note",
            help="With --ended: why or how the talks ended. Without it, the note on record "
            "is kept; --note '' drops it.",
        ),
    ] = None,
    reopen: Annotated[
        bool,
        typer.Option(
            "--reopen", help="The talks go on: drop the day they ended (views read today)."
        ),
    ] = False,
) -> None:
    """Change the ledger's title, or record the day the talks ended.

    Example: dprk edit-ledger --title "US–DPRK talks, 2018–2019"
    """
    from ... import operations
    from ...errors import UsageError
    from ...model import Ledger
    from ...render import message
    from ..common import parse_date

    if ended is not None and reopen:
        raise UsageError("give --ended or --reopen, not both")
    if note is not None and ended is None:
        raise UsageError("--note says why the talks ended: give it with --ended")
    if title is None and ended is None and not reopen:
        raise UsageError("nothing to change: give --title, --ended (with --note) or --reopen")
    if ended is not None and ended.strip().lower() in ("", "none"):
        # (as `edit --deadline none`: the flag drops it)
        raise UsageError(
            f"--ended: '{ended}' is not a date; use YYYY-MM-DD, or --reopen to drop the end"
        )
    day = parse_date(ended, "--ended")
    operations.refuse_future_end(day)
    # (text hygiene: refused before any lock)
    Ledger.model_validate(
        {"title": title or "-", "ended": day, "ended_note": note or ""}
        if day
        else {"title": title or "-"}
    )
    with editing(ctx) as draft:
        done = []
        if title is not None:
            done.append(operations.set_title(draft, title))
        was = draft.ended
        if ended is not None or reopen:
            done.append(operations.set_ended(draft, day, note))
    for line in done:
        message(line)
    if day is not None and day != was:  # (an end typed wrong would hide what follows it)
        from ...render import warning
        from ..derived import after_the_end

        said = after_the_end(session(ctx), day)
        if said is not None:
            warning(said)


def rename_party(
    ctx: typer.Context,
    old: PartyArgument,
    new: Annotated[str, typer.Argument(help="Its new name.")],
    when: DateOption = None,
    merge: Annotated[
        bool,
        typer.Option(
            "--merge",
            help="NEW is declared already: make the two one party from --date on (two "
            "sides that became one that day); what OLD did becomes NEW's, and a day before "
            "reads OLD as a party of its own (a spelling of one side: --typo).",
        ),
    ] = False,
    typo: Annotated[
        bool,
        typer.Option(
            "--typo",
            help="OLD was typed wrong: correct it to NEW everywhere, its renames too, as a "
            "correction of the record, no event (no day, no former name kept). NEW may be "
            "a declared party: OLD, a spelling of it, is then that party from the start.",
        ),
    ] = False,
) -> None:
    """Rename a party everywhere: the parties list, every actor, every demanding party.

    A rename is an event of the talks, dated, and OLD stays the party's name before it;
    --typo corrects a name typed wrong instead, as if it had never been written.

    Example: dprk rename-party DPRK "North Korea"
    """
    from ... import operations
    from ...errors import UsageError
    from ...model import Ledger
    from ...render import message
    from ..common import event_date

    if typo and when is not None:
        raise UsageError(
            "--typo corrects a name typed wrong, which has no day; leave out --date (a rename "
            "dated is an event of the talks: give --date without --typo)"
        )
    if typo and merge:
        raise UsageError(
            "give --typo or --merge, not both (--merge makes OLD one with NEW, a declared "
            "party, from the day given; --typo corrects OLD, a name typed wrong or a "
            "spelling of NEW, on every day)"
        )
    Ledger.model_validate({"parties": [new]})  # text hygiene: refused before any lock
    day = event_date(when)
    with editing(ctx) as draft:
        if typo:
            done = operations.correct_party_typo(draft, old, new)
        else:
            done = operations.rename_party(
                draft, old, new, day, merge=merge, dated=when is not None
            )
    message(done)


def rename_verifier(
    ctx: typer.Context,
    old: Annotated[str, typer.Argument(help="The verifier's name as its findings give it.")],
    new: Annotated[str, typer.Argument(help="The name they should give.")],
    new_verifier: Annotated[
        bool,
        typer.Option(
            "--new-verifier",
            help="NEW is a verifier new to the ledger, no party, though near a party's or "
            "another verifier's name (without it, such a name is refused as a typo).",
        ),
    ] = False,
) -> None:
    """Correct a verifier's name typed wrong, in every finding by it and its history entry.

    A correction of the record, not an event of the talks: no history entry says it, and
    'dprk undo' takes it back.

    Example: dprk verify punggye-ri-closure --by IEAE && dprk rename-verifier IEAE IAEA
    """
    from ... import operations
    from ...model import Ledger
    from ...render import message, warning
    from ...vocab import counted, named_first

    Ledger.model_validate({"parties": [new]})  # text hygiene: refused before any lock
    with editing(ctx) as draft:
        done = operations.rename_verifier(draft, old, new, new_verifier=new_verifier)
    message(done)
    # (a verifier now named with a party's name, as `check` warns of it: the first few)
    lines = operations.parties_in_findings_written(draft)
    told = named_first(lines, 10)
    for line in told:
        warning(line)
    if len(lines) > len(told):
        warning(
            f"and {counted(len(lines) - len(told), 'more finding')} by it, as 'dprk check' "
            "lists them [party-in-verifier-name]"
        )


def remove_party(ctx: typer.Context, name: PartyArgument) -> None:
    """Remove a declared party that no measure names.

    Example: dprk add-party Japan && dprk remove-party Japan
    """
    from ... import operations
    from ...render import message

    with editing(ctx) as draft:
        done = operations.remove_party(draft, name)
    message(done)
