"""Commands that record what happened: add-measure, mark, verify, note."""

from __future__ import annotations

from typing import Annotated

import typer

from ...vocab import ExtentGiven, MarkStatus, Result, extent_word, says_extents, state_text
from ..common import (
    DateOption,
    IdsArgument,
    MarkIdsArgument,
    NoteOption,
    complete_id,
    complete_party,
    debt_ended,
    described,
    editing,
    expand_ids,
)

ExtentOption = Annotated[
    ExtentGiven | None,
    typer.Option(
        "--extent",
        help="How far it was carried out: minimal, intermediate or full (default full); "
        "min and mid, as tables show them, too.",
        case_sensitive=False,
        show_default=False,
    ),
]


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
        str | None,
        typer.Option(
            "--id",
            help=(
                "Its id (a slug); made from the title if not given (from the actor and the "
                "date, for a title without Latin letters or digits; never an id taken, in "
                "any case)."
            ),
        ),
    ] = None,
    category: Annotated[
        str, typer.Option("--category", help="e.g. denuclearization, sanctions, diplomatic.")
    ] = "",
    status: Annotated[
        MarkStatus,
        typer.Option(
            "--status",
            help="Where it stands now (verified and disputed come from 'dprk verify'; "
            "withdrawn and rejected as 'dprk mark --help' says them).",
            case_sensitive=False,
        ),
    ] = MarkStatus.proposed,
    extent: ExtentOption = None,
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
    part_of: Annotated[
        str | None,
        typer.Option(
            "--part-of",
            help="Id of a larger measure this is a step of.",
            autocompletion=complete_id,
            show_default=False,
        ),
    ] = None,
    expected_parts: Annotated[
        int | None,
        typer.Option(
            "--expected-parts",
            help="How many parts it is to be made of, those not recorded yet too: it is "
            "carried out in full only once that many are recorded, each in full.",
            min=1,
            metavar="N",
            show_default=False,
        ),
    ] = None,
    when: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="When it was proposed (YYYY-MM-DD). Without it, the measure is dated by "
            "its earliest recorded event.",
            show_default=False,
        ),
    ] = None,
    deadline: Annotated[
        str | None, typer.Option("--deadline", help="When it is due (YYYY-MM-DD).")
    ] = None,
    source: Annotated[
        list[str] | None, typer.Option("--source", help="Where this is reported (repeatable).")
    ] = None,
    note: Annotated[
        str | None,
        typer.Option("--note", help="Notes on the measure (also kept with its creation)."),
    ] = None,
) -> None:
    """Record a measure a party offers, is asked for, or has taken; prints its id.

    Example: id=$(dprk add-measure "Submit a nuclear inventory" --actor DPRK)
    """
    from ... import operations
    from ...clock import today
    from ...render import added, change_written, value
    from ...vocab import Extent, Status
    from ..common import given_date, parse_date

    day = given_date(when)
    due = parse_date(deadline, "--deadline")
    with editing(ctx) as draft:
        wholes = operations.wholes_standing(draft, None, part_of, dated=True)
        new_id = operations.add_measure(
            draft,
            title,
            actor,
            ident=ident,
            when=day,
            status=Status(status.value),
            extent=Extent(extent_word(extent.value)) if extent is not None else None,
            category=category,
            in_exchange_for=in_exchange_for,
            after=after,
            part_of=part_of,
            deadline=due,
            sources=source,
            note=note or "",
            expected_parts=expected_parts,
        )
        if ident is None:  # (the id it was given, named: two alike are told apart)
            draft.described = described(ctx, draft.parties, ident=new_id)
    moved = operations.wholes_moved(draft, wholes, when=day)
    if moved:  # (a part yet to act makes what it is part of less done: said, as `mark` does)
        from ...render import message

        message(f"{new_id}: added as a part of {part_of}{moved}")
    later = None if day is not None else operations.part_from_today(draft, new_id, today())
    if later is not None:  # (a whole's past without it: said where it starts)
        from ...render import warning

        warning(later)
    twin = operations.added_twice(draft, new_id)
    if twin is not None:
        from ...render import warning

        # (by its id, which holds after others' changes too; but a measure referred to
        # is not removed: the add, the last change, is undone)
        back = "dprk undo" if draft.referring_to(new_id) else f"dprk remove {new_id}"
        warning(
            f"{new_id}: '{twin}' has the same title and actor; if it is the same measure, "
            f"'{back}' takes this one back"
        )
    # (the id last, after what is said of the change: an output that fails, a full disk
    # under a redirection, loses none of it, and the error names the measure added)
    change_written(added(new_id))
    value(new_id)


def mark(
    ctx: typer.Context,
    ids: MarkIdsArgument,
    status: Annotated[
        MarkStatus,
        typer.Argument(
            help="proposed, agreed, implemented, reversed (carried out, then undone), "
            "withdrawn (taken back by its own actor, an offer or a measure it agreed and "
            "then refused to carry out: still owed for in 'dprk balance' once the other side "
            "acted) or rejected (turned down by the side it was offered to, or demanded of "
            "before it agreed: no debt in 'dprk balance').",
            case_sensitive=False,
        ),
    ],
    when: DateOption = None,
    extent: ExtentOption = None,
    note: NoteOption = None,
    source: Annotated[
        list[str] | None, typer.Option("--source", help="Where this is reported (repeatable).")
    ] = None,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            help="With reversed: the declared party that undid the measure, where it was "
            "not its actor (the reversal is then that party's step in the timeline).",
        ),
    ] = None,
) -> None:
    """Record that a measure changed status (verified and disputed come from 'dprk verify').

    Example: dprk mark second-summit agreed --date 2018-10-07 --source "Pompeo in Pyongyang"
    """
    from ... import operations
    from ...render import message
    from ...vocab import Extent, Status
    from ..common import event_date

    targets = expand_ids(ids)
    day = event_date(when)
    new_status = Status(status.value)
    new_extent = Extent(extent_word(extent.value)) if extent is not None else None
    undone_by: dict[str, str | None] = {}  # (the party that undid each, as recorded)
    with editing(ctx, targets, ids=targets) as draft:
        was = {i: operations.standing(draft, i, whole=False) for i in targets}
        wholes = {i: operations.wholes_standing(draft, i, dated=True) for i in targets}
        before = {i: draft.get(i) for i in targets}
        for ident in targets:
            undone_by[ident] = operations.mark(
                draft,
                ident,
                new_status,
                day,
                extent=new_extent,
                note=note or "",
                sources=source,
                dated=when is not None,
                by=by,
            )
    last = operations.whole_said_on(draft, targets)
    for ident in targets:
        # (worded as its step in `log`: in full too where the history has another extent)
        said = says_extents(draft.get(ident).history)
        recorded = state_text(new_status, new_extent or Extent.full, full=said)
        now = operations.standing(draft, ident, wholes[ident], whole=ident in last, when=day)
        expected_extent = (new_extent or Extent.full) if new_status == Status.implemented else None
        line = operations.confirmation(
            ident,
            recorded,
            day,
            now,
            new_status,
            expected_extent,
            was=was[ident],
            by=undone_by[ident],
        )
        moved = operations.records_moved(draft, ident, day)  # (its undated creation, a link)
        if new_status == Status.implemented:  # (to another extent: the findings set aside)
            moved += operations.findings_set_aside(draft, ident, before[ident], day)
        message(line + moved + debt_ended(draft, ident, note or "", source or []))
        if new_status == Status.implemented and new_extent not in (None, Extent.full):
            # (below a step of that day in full, or further: a mistake to undo, maybe)
            cut = operations.cut_back_that_day(draft, ident, day, new_extent)
            if cut is not None:
                from ...render import warning

                warning(cut)
        again = operations.said_on_another_day(draft, ident, before[ident])
        if again is not None:
            from ...render import warning

            warning(again)


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
    new_verifier: Annotated[
        bool,
        typer.Option(
            "--new-verifier",
            help="The --by name is a verifier new to the ledger, no party, though near a "
            "party's name (without it, such a name is refused as a typo of the party's).",
        ),
    ] = False,
) -> None:
    """Record an independent verification of a measure that has acted.

    Example: dprk status --acted --unverified --party DPRK --format ids | dprk verify - --by IAEA
    """
    from ... import operations
    from ...render import message
    from ..common import event_date

    targets = expand_ids(ids)
    day = event_date(when)
    with editing(ctx, targets, ids=targets) as draft:
        was = {i: operations.standing(draft, i, whole=False) for i in targets}
        wholes = {i: operations.wholes_standing(draft, i, dated=True) for i in targets}
        recorded: dict[str, str] = {}  # (the verifier as each measure records it)
        warned: list[str] = []  # (a verifier named with a party's name: said once written)
        for ident in targets:
            recorded[ident] = operations.verify(
                draft,
                ident,
                by,
                result,
                day,
                method=method,
                evidence=evidence,
                note=note or "",
                new_verifier=new_verifier,
                dated=when is not None,
            )
            warn = operations.party_in_verifier_warned(draft, ident, recorded[ident], day)
            if warn is not None:
                warned.append(warn)
        names = set(recorded.values())
        if len(names) == 1:  # (undo names the change as it was recorded)
            draft.described = described(ctx, ids=targets, by=names.pop())
    said = operations.whole_said_on(draft, targets)
    for ident in targets:
        line = operations.finding_line(
            draft,
            ident,
            recorded[ident],
            result,
            day,
            was=was[ident],
            wholes=wholes[ident],
            whole_said=ident in said,
        )
        message(line)
    if warned:
        from ...render import warning

        for each in dict.fromkeys(warned):
            warning(each)


def note(
    ctx: typer.Context,
    ident: Annotated[
        str,
        typer.Argument(
            help=(
                "The measure's id; '-' reads the ids of several from standard input, one per line."
            ),
            autocompletion=complete_id,
        ),
    ],
    text: Annotated[str, typer.Argument(help="The note.")],
    when: DateOption = None,
    source: Annotated[
        str | None, typer.Option("--source", help="Where this is reported (added to its sources).")
    ] = None,
) -> None:
    """Add a dated note (and a source) to a measure, without changing its status.

    Example: dprk note punggye-ri-closure "Tunnels seen sealed" --date 2018-06-01
    """
    from ... import operations
    from ...errors import DprkError, UsageError
    from ...render import message
    from ...vocab import id_problem
    from ..common import event_date

    # (the id is checked here, not as it is read: the note given first is told so)
    problem = id_problem(ident) if ident != "-" else None
    if problem is not None:
        if "-" in text and id_problem(text) is None:  # (an id of words, as a title makes)
            problem = f"'{ident}' is not a valid id; TEXT '{text}' looks like one{_ID_FIRST}"
        raise UsageError(f"ID: {problem}")
    targets = expand_ids([ident])
    day = event_date(when)
    with editing(ctx, ident=targets) as draft:
        if ident != "-" and ident not in draft and text in draft:
            raise DprkError(f"no measure with id '{ident}'; TEXT '{text}' is one{_ID_FIRST}")
        draft.require(targets)
        for target in targets:
            operations.note(draft, target, text, day, source=source)
        if len(targets) > 1:  # (as it runs: one id, or '-' and the ids standard input gave)
            from ..common import described, named

            given = named(targets)
            draft.described = f"{described(ctx, ident='-')} (ids on standard input: {given})"
    for target in targets:  # (an undated creation it dates, and a link's record, moved)
        message(f"{target}: note on {day}{operations.records_moved(draft, target, day)}")


# (as `mark` says its ids come first: `cli.app._ids_first`)
_ID_FIRST = " (the id comes first, then TEXT: 'dprk note ID TEXT')"


def register(app: typer.Typer) -> None:
    app.command("add-measure")(add_measure)
    app.command("mark")(mark)
    app.command("verify")(verify)
    app.command("note")(note)
