"""Commands that fix the record: edit, link, unlink, rename, remove, redate."""

from __future__ import annotations

from typing import Annotated

import typer

from ..common import (
    CorrectionNoteOption,
    DateOption,
    DropNoteOption,
    IdsArgument,
    LinkDateOption,
    NoteOption,
    complete_id,
    complete_party,
    debt_ended,
    described,
    editing,
    expand_ids,
)

IdArgument = Annotated[str, typer.Argument(help="A measure's id.", autocompletion=complete_id)]
# (the entry `redate` and `renote` correct, as `dprk log ID` numbers it)
EntryNumberArgument = Annotated[
    int,
    typer.Argument(
        help="Which entry: its number in 'dprk log ID' (1 = the first).", metavar="N", min=1
    ),
]


def edit(
    ctx: typer.Context,
    ids: IdsArgument,
    title: Annotated[str | None, typer.Option("--title", help="A new title.")] = None,
    category: Annotated[str | None, typer.Option("--category", help="A new category.")] = None,
    actor: Annotated[
        str | None,
        typer.Option(
            "--actor",
            help="A new actor (a declared party). Counts from today, or from --date; the "
            "measure's first day corrects it from the start.",
            autocompletion=complete_party,
        ),
    ] = None,
    deadline: Annotated[
        str | None,
        typer.Option(
            "--deadline",
            help="A new deadline (YYYY-MM-DD). Counts from today, or from --date; the "
            "measure's first day corrects it from the start.",
        ),
    ] = None,
    no_deadline: Annotated[bool, typer.Option("--no-deadline", help="Drop the deadline.")] = False,
    notes: Annotated[
        str | None, typer.Option("--notes", help="Replace the measure's notes.")
    ] = None,
    part_of: Annotated[
        str | None,
        typer.Option(
            "--part-of",
            help="Make it a step of a larger measure. Counts from today, or from --date; the "
            "measure's first day corrects it from the start.",
            autocompletion=complete_id,
        ),
    ] = None,
    no_part_of: Annotated[
        bool, typer.Option("--no-part-of", help="It is no longer a step of another measure.")
    ] = False,
    expected_parts: Annotated[
        int | None,
        typer.Option(
            "--expected-parts",
            help="How many parts it is to be made of, those not recorded yet too (0: none "
            "said, as many as are recorded). A correction of the record: it reads so on "
            "every day, and takes no --date.",
            min=0,
            metavar="N",
            show_default=False,
        ),
    ] = None,
    add_source: Annotated[
        list[str] | None, typer.Option("--add-source", help="Add a source (repeatable).")
    ] = None,
    remove_source: Annotated[
        list[str] | None, typer.Option("--remove-source", help="Remove a source (repeatable).")
    ] = None,
    when: DateOption = None,
    note: NoteOption = None,
) -> None:
    """Correct a measure's title, category, actor, deadline, notes, sources, parent or parts.

    A title, category or notes corrected read so on every day. Without --date, a new
    actor, deadline or parent counts from today only (days before keep the old one); to
    correct one from the start, give --date with the measure's first day (the day 'dprk
    log ID' gives its creation).

    Example: dprk edit punggye-ri-closure --title "Close the test site" --add-source "38 North"
    """
    from ... import operations
    from ...errors import UsageError
    from ...render import message
    from ..common import event_date, parse_date

    if deadline is not None and no_deadline:
        raise UsageError("give --deadline or --no-deadline, not both")
    if part_of is not None and no_part_of:
        raise UsageError("give --part-of or --no-part-of, not both")
    both = [src for src in add_source or [] if src in (remove_source or [])]
    if both:
        raise UsageError(f"source '{both[0]}' is given to both --add-source and --remove-source")
    fields: dict[str, object] = {}
    for name, value in (("title", title), ("category", category), ("actor", actor)):
        if value is not None:
            fields[name] = value
    if notes is not None:
        fields["notes"] = notes
    if deadline is not None and deadline.strip().lower() in ("", "none"):
        # (`resolve --take none` drops a deadline; here the flag does)
        raise UsageError(
            f"--deadline: '{deadline}' is not a date; use YYYY-MM-DD, or --no-deadline to "
            "drop the deadline"
        )
    if deadline is not None or no_deadline:
        fields["deadline"] = parse_date(deadline, "--deadline")
    if part_of is not None or no_part_of:
        fields["part_of"] = part_of
    if expected_parts is not None:
        if when is not None:  # (the count the sources give, as a title: of no day)
            raise UsageError(
                "--expected-parts takes no --date: how many parts a measure is to have "
                "corrects the record, and reads so on every day; leave out --date (give "
                "the other changes in an edit of their own)"
            )
        fields["expected_parts"] = expected_parts or None
    if not fields and not add_source and not remove_source:
        raise UsageError(
            "nothing to change: give --title, --category, --actor, --deadline (or "
            "--no-deadline), --notes, --part-of (or --no-part-of), --expected-parts, "
            "--add-source or --remove-source"
        )
    targets = expand_ids(ids)
    day = event_date(when)
    done = []
    # (the wholes each was, or is to be, a part of, as they stood; and, of a count of
    # parts, the measure itself, whose parts count against it, and those above it)
    wholes: list[dict[str, operations.Stood]] = []
    with editing(ctx, targets, ids=targets) as draft:
        for ident in targets:
            if "part_of" in fields or "expected_parts" in fields:
                stood = (
                    operations.wholes_standing(draft, ident, part_of, dated=True)
                    if "part_of" in fields
                    else {}
                )
                if "expected_parts" in fields:
                    stood |= operations.wholes_standing_of(draft, [(None, ident)], dated=True)
                wholes.append(stood)
            done.append(
                operations.edit(
                    draft,
                    ident,
                    day,
                    add_sources=add_source,
                    remove_sources=remove_source,
                    note=note or "",
                    dated=when is not None,
                    alone=len(targets) == 1,
                    **fields,
                )
            )
        again = ""  # (of several: how to correct them all from the start, said once)
        if len(targets) > 1 and when is None:
            given = dict(fields, add_sources=add_source, remove_sources=remove_source, note=note)
            again = operations.from_start(draft, targets, day, given)
    # (of several parts of one whole, the last one's line says how it now stands)
    said = operations.wholes_said_on(dict(zip(targets, wholes, strict=True))) if wholes else {}
    for at, line in enumerate(done):
        moved = (
            operations.wholes_moved(
                draft,
                {w: s for w, s in wholes[at].items() if w in said[targets[at]]},
                left=len(targets) if "part_of" in fields else 0,
                when=day,
            )
            if wholes
            else ""
        )
        # (dated earlier than its first event, an edit dates its undated creation, and the
        # records of links that count from it)
        moved += operations.records_moved(draft, targets[at], day)
        message(line + moved)
    if again:
        message(f"to correct them from the start: {again}")
    if "title" in fields or "actor" in fields:  # (as add-measure warns of one added twice)
        from ...render import warning

        for ident, twin in operations.made_alike(draft, targets).items():
            warning(
                f"{ident}: '{twin}' has the same title and actor; if it is the same measure, "
                f"keep the one that holds more ('dprk show {twin} {ident}' compares them) and "
                f"remove the other ('dprk remove ID'), else tell them apart ('dprk edit "
                f"{ident} --title TEXT')"
            )


def link(
    ctx: typer.Context,
    ident: IdArgument,
    other: IdArgument,
    when: LinkDateOption = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            help="The link ended on this day (YYYY-MM-DD, after --date): recorded with its "
            "end, as 'dprk unlink' would, in one change (--note is the link's, not its end's).",
            show_default=False,
        ),
    ] = None,
    note: NoteOption = None,
) -> None:
    """Record that two measures are exchanged for each other (kept on both).

    Example: dprk link inventory-submission end-of-war-declaration
    """
    from ... import operations
    from ...errors import UsageError
    from ...render import message
    from ..common import event_date

    day = event_date(when)
    ended = None if until is None else event_date(until, "--until")
    if ended is not None and ended <= day:
        raise UsageError(f"--until: {ended} is not after the link's day, {day}")
    with editing(ctx) as draft:
        dated = when is not None
        said = (
            [operations.link(draft, ident, other, day, note or "", dated=dated)]
            if ended is None
            else operations.link_until(draft, ident, other, day, ended, note or "", dated=dated)
        )
    # (dated earlier than their first events, it dates an undated creation, and the
    # records of other links that count from it)
    moved = "".join(  # (their own records of the link: said by its line)
        operations.records_moved(draft, i, day, {ident, other} - {i})
        for i in dict.fromkeys((ident, other))
    )
    for at, line in enumerate(said):
        message(line + (moved if at == 0 else ""))


def unlink(
    ctx: typer.Context,
    ident: IdArgument,
    other: IdArgument,
    when: DateOption = None,
    note: NoteOption = None,
) -> None:
    """Drop the exchange link between two measures (from both).

    Example: dprk unlink inventory-submission end-of-war-declaration
    """
    from ... import operations
    from ...render import message
    from ..common import event_date

    day = event_date(when)
    with editing(ctx) as draft:
        said = operations.unlink(draft, ident, other, day, note or "", dated=when is not None)
    message(said)


def rename(
    ctx: typer.Context,
    ident: IdArgument,
    new_id: Annotated[str, typer.Argument(help="The new id.", metavar="NEW_ID")],
    when: DateOption = None,
) -> None:
    """Give a measure a new id, and rewrite every reference to it.

    Example: dprk rename second-summit hanoi-summit
    """
    from ... import operations
    from ...render import message
    from ...vocab import counted
    from ..common import event_date

    day = event_date(when)
    with editing(ctx) as draft:
        others = operations.rename(draft, ident, new_id, day)
    also = f" ({counted(others, 'other measure')} updated)" if others else ""
    message(f"{ident}: renamed {new_id}{also}")


def remove(
    ctx: typer.Context,
    ids: IdsArgument,
    force: Annotated[
        bool,
        typer.Option("--force", help="Also drop other measures' links and constraints to it."),
    ] = False,
    when: DateOption = None,
) -> None:
    """Remove a measure entered by mistake ('dprk undo' brings it back).

    Example: dprk remove second-summit
    """
    from ... import operations
    from ...render import message
    from ..common import event_date

    targets = expand_ids(ids)
    day = event_date(when)
    dropped = {}
    wholes = {}  # (the whole each was a part of, as it stood)
    with editing(ctx, targets, ids=targets) as draft:
        for ident in targets:
            wholes[ident] = operations.wholes_standing(draft, ident, dated=True)
            dropped[ident] = operations.remove(
                draft, ident, day, force=force, along=targets, dated=when is not None
            )
    for ident in targets:
        others = [(o, on) for o, on in dropped[ident] if o not in targets]
        later = [f"{on} for {o}" for o, on in others if on != day]
        dated = f"; dated {', '.join(later)}: not before it was made, or linked" if later else ""
        also = f" (references dropped from {', '.join(o for o, _ in others)}{dated})"
        moved = operations.wholes_moved(draft, wholes[ident])
        message(f"{ident}: removed{also if others else ''}{moved}")


def redate(
    ctx: typer.Context,
    ident: IdArgument,
    number: EntryNumberArgument,
    new_date: Annotated[str, typer.Argument(help="Its correct date (YYYY-MM-DD).", metavar="DATE")],
    note: CorrectionNoteOption = None,
) -> None:
    """Correct the date of one entry of a measure's history.

    Example: dprk redate tongchang-ri-dismantlement 2 2018-07-22
    """
    from ... import operations
    from ...changes import numbered_entry
    from ...render import message
    from ...vocab import VERIFICATION
    from ..common import event_date

    day = event_date(new_date, "DATE")
    with editing(ctx) as draft:
        stood = operations.standing(draft, ident, whole=False)  # (as it stood before)
        wholes = operations.wholes_standing(draft, ident, dated=True)
        step = numbered_entry(draft.get(ident), number).event in ("status", VERIFICATION)
        others = operations.linked_standing(draft, ident, number)  # (as they stood)
        was, entry, mirrored, order = operations.redate(draft, ident, number, day, note or "")
        draft.described = _entry_described(ctx, number, was)
    renumbered = operations.renumbered(draft, ident, number, entry, day)  # (as written)
    carried = operations.links_moved(draft, ident, entry, day)
    fields = operations.fields_corrected(draft, ident, entry)  # (an edit of a dated field)
    mirror = ", and ".join(said for said in (mirrored(), carried) if said)
    # (a step on a part moved since its new day is said of the wholes it was in from then,
    # as `mark` and `verify` of it on that day say it: the change may be in their past alone)
    now = operations.standing(draft, ident, wholes, when=day if step else None)
    head = f"{ident}: entry {number} ({was}) now dated {day}{renumbered}" + (
        f", and {mirror}" if mirror else ""
    )
    said = f"{head}; {operations.stands_now(ident, now, stood)}"
    message(
        (operations.with_parent(said, now) if now.stretches else said)
        + operations.others_moved(draft, others)
        + (f"; {order}" if order else "")
        + (f"; {fields}" if fields else "")
        + operations.wholes_moved(draft, wholes, when=day, told={it.whole for it in now.stretches})
        + debt_ended(draft, ident)
    )


def renote(
    ctx: typer.Context,
    ident: IdArgument,
    number: EntryNumberArgument,
    text: Annotated[str, typer.Argument(help="Its note as it should read.", metavar="TEXT")],
    note: CorrectionNoteOption = None,
) -> None:
    """Reword the note of one entry of a measure's history.

    The entry keeps its date and what it records; a correction entry, dated today, keeps
    the note it had.

    Example: dprk renote tongchang-ri-dismantlement 2 "Engine test stand taken apart"
    """
    from ... import operations
    from ...changes import shown
    from ...render import message

    with editing(ctx) as draft:
        was, old, also = operations.renote(draft, ident, number, text, note or "")
        draft.described = _entry_described(ctx, number, was)
    said = f"{ident}: entry {number} ({was}) reworded (note: {shown(old)} -> {shown(text)})"
    message(f"{said}, and {also}" if also else said)


def drop_entry(
    ctx: typer.Context,
    ident: IdArgument,
    number: Annotated[
        int,
        typer.Argument(
            help=(
                "Which entry: its number in 'dprk log ID' (a step, a note, a finding, a "
                "link, an order, an edit of an actor, a deadline or a part_of)."
            ),
            metavar="N",
            min=1,
        ),
    ],
    note: DropNoteOption = None,
) -> None:
    """Drop a step, note, finding, link's or order's change or dated edit entered by mistake.

    (On the wrong measure, say.) The status is replayed without it; a link's change, and
    a change of a --with, go from both measures; an order is then what its changes left
    say (a change a later one names as replaced is dropped after it); an actor, a
    deadline or a part_of what its edits left set (none left: the value the one dropped
    replaced). Record the right one with 'dprk mark', 'dprk note', 'dprk verify', 'dprk
    link', 'dprk sequence' or 'dprk edit --date'.

    Example: dprk drop-entry pompeo-pyongyang-visit 2
    """
    _drop(ctx, "drop-entry", ident, number, note)


def drop_finding(
    ctx: typer.Context,
    ident: IdArgument,
    number: Annotated[
        int,
        typer.Argument(
            help="Which finding: its entry's number in 'dprk log ID'.", metavar="N", min=1
        ),
    ],
    note: DropNoteOption = None,
) -> None:
    """Drop a verifier's finding entered by mistake (record the right one with 'dprk verify').

    Example: dprk verify test-moratorium --by CTBTO && dprk drop-finding test-moratorium 4
    """
    _drop(ctx, "drop-finding", ident, number, note)


def _drop(ctx: typer.Context, command: str, ident: str, number: int, note: str | None) -> None:
    """Drop entry `number` of `ident` as `command` does (`drop-entry`: a step, a note or a
    finding; `drop-finding`: a finding alone), and say how the measure now stands."""
    from ... import operations
    from ...changes import numbered_entry
    from ...render import message
    from ...vocab import ancestors

    drop = operations.drop_entry if command == "drop-entry" else operations.drop_finding
    # (an order's change dropped may give back one that closes a deadlock, now or on its
    # day: told, as of every write, `editing`)
    with editing(ctx) as draft:
        stood = operations.standing(draft, ident, whole=False)  # (as it stood before)
        record = operations.states_held(draft, ident)  # (each state, for its past moved)
        # (with their days: a whole left as it was, but from another day, says both)
        wholes = operations.wholes_standing(draft, ident, dated=True)
        dropped = numbered_entry(draft.get(ident), number)
        was = drop(draft, ident, number, note or "")
        draft.described = _entry_described(ctx, number, was)
    now = operations.standing(draft, ident, wholes)
    past = operations.past_moved(draft, ident, record)
    stands = operations.stands_now(ident, now, stood, past)
    # (a whole it left as it was, its past moved with the measure's: said after it)
    above = ancestors(draft.index(), ident)
    unmoved = {w: s for w, s in wholes.items() if w in now.unmoved and w in above}
    left = operations.source_left(draft, ident, dropped)
    fields = operations.fields_corrected(draft, ident, dropped)  # (an edit of a dated field)
    former = {  # (said as they were before: by their states alone)
        w: operations.Stood(s.status, s.extent)
        for w, s in wholes.items()
        if w not in ancestors(draft.index(), ident)
    }
    message(
        operations.with_parent(
            f"{ident}: dropped entry {number} ({was})"
            # (the records of links that counted from the day it dated, moved with it)
            f"{operations.links_moved_by_drop(draft, ident, dropped)}; {stands}",
            now,
        )
        + (f"; {fields}" if fields else "")
        + (f"; {left}" if left else "")
        # (a part taken from the whole an edit put it in: the one it is in now is said above)
        + (operations.wholes_moved(draft, former) if dropped.event == "edit" else "")
        + operations.wholes_moved(draft, unmoved)
        + debt_ended(draft, ident)
    )


def _entry_described(ctx: typer.Context, number: int, was: str) -> str:
    """A correction of entry `number` as the undo journal keeps it: the command as given,
    then the entry as its confirmation said it was (`was`), since entries are numbered
    anew (two `drop-entry ID 2` in a row drop two entries). Redo writes what the change
    wrote, not the command, so the words added run nothing."""
    return f"{described(ctx)} (entry {number}: {was})"
