"""Commands about order: sequence, next, plan, balance, check."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ...vocab import Require
from ..common import (
    AsOfOption,
    AssumeOption,
    Format,
    FormatOption,
    IdsArgument,
    NoteOption,
    OrderDateOption,
    complete_id,
    complete_party,
    editing,
    expand_ids,
    session,
)

PartyOption = Annotated[
    list[str] | None,
    typer.Option(
        "--party",
        help="Only this party's measures (repeat for several).",
        autocompletion=complete_party,
    ),
]


def sequence(
    ctx: typer.Context,
    ids: IdsArgument,
    after: Annotated[
        str | None,
        typer.Option(
            "--after",
            metavar="OTHER",
            help="ID goes only once OTHER has acted (or been verified, or acted in full, "
            "with --require).",
            autocompletion=complete_id,
            show_default=False,
        ),
    ] = None,
    with_: Annotated[
        str | None,
        typer.Option(
            "--with",
            metavar="OTHER",
            help="ID and OTHER are carried out together (recorded on both).",
            autocompletion=complete_id,
            show_default=False,
        ),
    ] = None,
    remove: Annotated[
        str | None,
        typer.Option(
            "--remove",
            metavar="OTHER",
            help="Drop the constraint between ID and OTHER.",
            autocompletion=complete_id,
            show_default=False,
        ),
    ] = None,
    require: Annotated[
        Require | None,
        typer.Option(
            "--require",
            help="With --after: what OTHER must have done: acted (default), verified, or "
            "full (acted in full, through every part of one made of parts).",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    demanded_by: Annotated[
        str | None,
        typer.Option(
            "--demanded-by",
            metavar="PARTY",
            help="With --after: whose demand the order is (default: agreed by all).",
            autocompletion=complete_party,
            show_default=False,
        ),
    ] = None,
    verified_by: Annotated[
        str | None,
        typer.Option(
            "--verified-by",
            metavar="VERIFIER",
            help="With --require verified: only a confirmed finding by this verifier meets "
            "the order (default: anyone's).",
            show_default=False,
        ),
    ] = None,
    new_verifier: Annotated[
        bool,
        typer.Option(
            "--new-verifier",
            help="The --verified-by name is a verifier new to the ledger, no party, though "
            "near a party's name (without it, such a name is refused as a typo of the "
            "party's).",
        ),
    ] = False,
    when: OrderDateOption = None,
    note: NoteOption = None,
) -> None:
    """Set who moves first: ID after OTHER, or together with it.

    Example: dprk sequence second-summit --after pompeo-pyongyang-visit --demanded-by US
    """
    from ... import operations
    from ...errors import UsageError
    from ...render import message
    from ..common import event_date

    given = [name for name, v in (("--after", after), ("--with", with_), ("--remove", remove)) if v]
    if len(given) != 1:
        raise UsageError("give exactly one of --after, --with and --remove")
    if after is None and (require is not None or demanded_by is not None):
        raise UsageError("--require and --demanded-by go with --after")
    if verified_by is not None and require != Require.verified:
        raise UsageError("--verified-by goes with --after OTHER --require verified")
    if new_verifier and verified_by is None:
        raise UsageError("--new-verifier goes with --verified-by")
    targets = expand_ids(ids)
    day = event_date(when)
    other = after or with_ or remove or ""
    done: list[str] = []
    # (the deadlocks the change made are told, as of every write, and those the measures
    # stand in still, changed or not: an order given again says the deadlock stands)
    with editing(ctx, targets, ids=targets, standing=targets) as draft:
        for ident in targets:
            if remove is not None:
                done.append(
                    operations.unsequence(
                        draft,
                        ident,
                        remove,
                        day,
                        note or "",
                        dated=when is not None,
                        alone=len(targets) == 1,
                    )
                )
            else:
                done.append(
                    operations.sequence(
                        draft,
                        ident,
                        other,
                        day,
                        together=with_ is not None,
                        require=require or Require.acted,
                        demanded_by=demanded_by,
                        verified_by=verified_by,
                        new_verifier=new_verifier,
                        note=note or "",
                        dated=when is not None,
                        alone=len(targets) == 1,
                    )
                )
    for line in done:
        message(line)


def next_steps(
    ctx: typer.Context,
    party: PartyOption = None,
    as_of: AsOfOption = None,
    assume: AssumeOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """What each side can do now, and what the rest waits for.

    Example: dprk next --party DPRK --format ids
    """
    from ...analysis.sequencing import next_steps as compute
    from ...render import emit, hypothetical
    from ...render.sequencing import next_report
    from ..common import assumed, require_party
    from ..derived import parties

    s = session(ctx)
    if as_of is None and not assume:  # the ledger as it stands: as kept beside it
        from ...clock import today
        from ..derived import next_steps as kept

        chosen = [require_party(p, parties(s), "--party") for p in party or []]
        steps = kept(s).of_party(chosen)
        emit(next_report(steps, today(), ready_ids_only=fmt == Format.ids), fmt.value)
        return
    nodes, day = s.nodes(as_of)
    chosen = [require_party(p, nodes.parties, "--party") for p in party or []]
    nodes, texts = assumed(s, nodes, assume, day)
    steps = compute(nodes).of_party(chosen)
    report = next_report(steps, day, ready_ids_only=fmt == Format.ids)
    emit(hypothetical(report, texts), fmt.value)


def plan(
    ctx: typer.Context,
    as_of: AsOfOption = None,
    assume: AssumeOption = None,
    history: Annotated[
        bool,
        typer.Option(
            "--history",
            help="Every deadlock the ledger's history has held, instead: the day each "
            "began, the day it ended (or that it stands still), and who demanded what "
            "(with --as-of, up to that day).",
        ),
    ] = False,
    fmt: FormatOption = Format.table,
) -> None:
    """A phased order for what is pending, and where the talks are deadlocked.

    With --assume, also which deadlocks the assumption dissolves, what it moves
    into phase 1, and which deadlocks it creates. With --history, every deadlock
    the talks have been in, and when.

    Example: dprk plan --assume end-of-war-declaration=implemented
    """
    from ...analysis.sequencing import phased_plan
    from ...clock import today
    from ...render import emit, hypothetical
    from ...render.sequencing import plan_change, plan_report
    from ..common import assumed
    from ..derived import dated_deadlocks, deadlock_days
    from ..derived import plan as kept

    s = session(ctx)
    if history:
        from ...errors import UsageError
        from ...render.sequencing import deadlock_history_report
        from ..common import parse_date
        from ..derived import deadlock_history

        if assume:
            raise UsageError(
                "--history lists the deadlocks the record held, not an assumption's: "
                "give --history or --assume, not both"
            )
        day = parse_date(as_of, "--as-of") or today()
        emit(deadlock_history_report(deadlock_history(s, day), day), fmt.value)
        return
    if as_of is None and not assume:  # the ledger as it stands: as kept beside it
        result, day = kept(s), today()
        deadlock_days(s, result)
        emit(plan_report(result, day, act_ids_only=fmt == Format.ids), fmt.value)
        return
    found = None
    day = today()
    if as_of is None and assume:  # the kept plan, drawn again where the assumptions move it
        from ..derived import plan_assuming

        found = plan_assuming(s, assume)
    if found is not None:
        result, base, texts = found
    else:
        nodes, day = s.nodes(as_of)
        changed, texts = assumed(s, nodes, assume, day)
        result = phased_plan(changed)
        if texts:
            base = kept(s) if as_of is None else phased_plan(nodes)
    if texts and as_of is None:  # (the plan as it stands: its days as kept)
        deadlock_days(s, base)
        dated_deadlocks(s, result, day, base, dated=True)
    else:
        dated_deadlocks(s, result, day, base if texts else None)
    report = plan_report(result, day, act_ids_only=fmt == Format.ids)
    if texts:
        from ...analysis.whatif import compare_plans

        plan_change(report, compare_plans(base, result), day)
    emit(hypothetical(report, texts), fmt.value)


def balance(
    ctx: typer.Context,
    party: Annotated[
        list[str] | None,
        typer.Option(
            "--party", help="Only this party (repeat for several).", autocompletion=complete_party
        ),
    ] = None,
    as_of: AsOfOption = None,
    assume: AssumeOption = None,
    yearly: Annotated[
        bool,
        typer.Option(
            "--yearly",
            help="Instead, each party's balance on 31 December of each year (the last year's "
            "on today, or the --as-of day).",
        ),
    ] = False,
    fmt: FormatOption = Format.table,
) -> None:
    """What each party is owed and owes for exchanged steps, and since when.

    Example: dprk balance --party DPRK --as-of 2018-09-17
    """
    from ...analysis.balance import claims_in, reciprocity_balance
    from ...render import emit, hypothetical
    from ...render.sequencing import balance_report
    from ..common import assumed, require_party

    s = session(ctx)
    texts: list[str] = []
    if yearly:
        if assume:  # (an assumption holds from the balance's day: after every year but the last)
            from ...errors import UsageError

            raise UsageError(
                "--assume answers as of one day, and --yearly draws every year before it: "
                "give one of them"
            )
        from ...analysis.asof import as_of_each
        from ...analysis.balance import by_year
        from ...clock import today
        from ...render.sequencing import balance_years_report
        from ..common import parse_date

        # (the file read once: each year's end is the ledger as it then stood, as --as-of
        # that day draws it, made from it and let go: a year's ledger is as large as the
        # whole, and thirty of them held at once took three times a balance's memory;
        # each measure replayed once for the years that leave it as it stands)
        whole = s.snapshot().ledger()
        day = parse_date(as_of, "--as-of") or today()
        chosen = [require_party(p, whole.parties, "--party") for p in party or []]
        drawn = by_year(whole.measures, day, as_of_each(whole, day))
        if chosen:  # (every year names a party renamed since as the view's day names it)
            from ...operations import party_name_then

            then = {party_name_then(s.snapshot().measures(), c, day) for c in chosen}
            drawn = [
                (year, end, {p: b for p, b in balances.items() if p in then})
                for year, end, balances in drawn
            ]
        emit(balance_years_report(drawn), fmt.value)
        return
    if as_of is None and not assume:  # the ledger as it stands: as kept beside it
        from ...clock import today
        from ..derived import balance as kept
        from ..derived import parties

        declared = parties(s)
        chosen = [require_party(p, declared, "--party") for p in party or []]
        day = today()
        balances, claimed = kept(s, day)  # (whose refutation a disputed action's: kept too)
        if chosen:
            balances = {p: balances[p] for p in balances if p in chosen}
    else:
        nodes, day = s.nodes(as_of)
        chosen = [require_party(p, nodes.parties, "--party") for p in party or []]
        nodes, texts = assumed(s, nodes, assume, day)
        balances = reciprocity_balance(nodes, day)
        if chosen:
            balances = {p: balances[p] for p in balances if p in chosen}
        claimed = claims_in(balances, nodes)
    emit(hypothetical(balance_report(balances, day, claimed), texts), fmt.value)


def exchanges(
    ctx: typer.Context,
    party: Annotated[
        list[str] | None,
        typer.Option(
            "--party",
            help="Only the exchanges this party is in (repeat for several).",
            autocompletion=complete_party,
        ),
    ] = None,
    as_of: AsOfOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Who moved first in each exchange, and how long the other took.

    Each pair of measures exchanged for each other, the one that acted first (in full
    or in part) first, with the day each acted for the exchange and the days between
    them, then each side's status on the day viewed and the day it was done in full
    (who finished first), in the order of the first act's day. A side's act is the day
    it first acted; for an exchange made later, the act that stood on the day it was
    made, or the first after it (one undone before it counts not). Each side is named by
    the party that acted on that day, as the timeline's lane has it (one handed over
    since is still that party's).

    Example: dprk exchanges --party US --format csv
    """
    from ...analysis.exchanges import exchanges as found
    from ...render import emit
    from ...render.exchanges import exchanges_report
    from ..common import require_party

    s = session(ctx)
    nodes, day = s.nodes(as_of)
    chosen = [require_party(p, nodes.parties, "--party") for p in party or []]
    # (the records behind the nodes: a measure handed over since it acted is read for
    # the party that acted then, each built only when asked for)
    records = s.snapshot().measures() if as_of is None else s.measures(as_of).index()
    emit(exchanges_report(found(nodes, chosen, records), day), fmt.value)


def check(
    ctx: typer.Context,
    strict: Annotated[
        bool, typer.Option("--strict", help="Count warnings (deadlocks...) as errors.")
    ] = False,
    fmt: FormatOption = Format.table,
) -> None:
    """Find problems in the ledger (deadlocks are warnings); exit 1 on an error.

    Example: dprk check --strict || echo 'the ledger has problems'
    """
    from ...errors import LedgerNotRead, LedgerUnreadable
    from ...render import emit, verdict
    from ...render.sequencing import check_report
    from ..derived import checked, record_line, toml_1_1

    s = session(ctx)
    s.lists_problems = True
    unread = None
    try:
        from ...analysis.checks import toml_1_0

        _merge_missed(s.ledger_path())

        # (the file's TOML looked at first, its bytes freed before the checks read the
        # measures: the two together would more than double what a check holds at once)
        places = toml_1_0(toml_1_1(s))
        result = checked(s).first(places).located(record_line(s))
        s.snapshot().let_go()  # (its findings found: what was read to find them is freed
        # before they are printed, which at 100,000 measures may be 50,000 lines)
    except LedgerUnreadable as exc:  # (every problem the reader found, listed as any other)
        from ...analysis.checks import CheckResult

        unread, result = exc.label, CheckResult.unreadable(exc)
    except LedgerNotRead as exc:  # (none to read: missing, a folder... the file's problem)
        from ...analysis.checks import CheckResult
        from ...vocab import LEDGER_FILENAME

        unread = exc.label or LEDGER_FILENAME  # (none found: the name looked for)
        result = CheckResult.unreadable(LedgerUnreadable.of_file(unread, exc.text))
    if s.ledger is not None:  # (named with --ledger: the advice names it too)
        from ...render import as_advised

        result = result.advised(as_advised)
    if strict:
        result = result.strictly()
    code = 0 if result.ok else 1
    verdict(code)  # (also when the reader goes early: `dprk check | head -1` fails)
    ended = s.ended_day() if unread is None else None
    emit(check_report(result, unread, ended), fmt.value)
    if code:
        raise typer.Exit(code)


def _merge_missed(path: Path) -> None:
    """Refuse the ledger at `path` as a file problem (`LedgerUnreadable`) when git is
    merging it and left it holding one side alone (ours: dprk's merge driver did not
    run, or refused a side; theirs, or ours, taken whole with 'git checkout'): the other
    side's changes are in no file, so its rules are not what
    to check. A problem of the file as any other, so that every format reports it (a
    script reading check's JSON reads it there); other commands warn on standard error
    (`common.merge_unfinished`)."""
    from ...errors import LedgerUnreadable
    from ...store.gitio import merge_not_run, merge_side_unreadable

    held = merge_not_run(path)
    if held is None:
        return
    from ...store.paths import git_stopped, stopped_words

    label, said = str(path), stopped_words(git_stopped(path), held)
    why = (  # (the driver never leaves their side alone: it was taken whole by hand)
        "it was taken whole from that side ('git checkout --theirs')"
        if held == "theirs"
        else "dprk's merge driver did not run (is dprk on the PATH git uses?) or failed"
    )
    text = (merge_side_unreadable(path) if held == "ours" else None) or (
        f"git is merging it{said.during}, and it holds {said.ours} alone: {why}, so "
        f"{said.theirs}'s changes are not in it; {said.way_out} (see 'dprk git-setup'), or, "
        f"{said.keep}, 'git add' it"
    )
    # (a side's error names the side's file in the repository: the same as the ledger's
    # label, run at its top, said once)
    raise LedgerUnreadable.of_file(label, text.removeprefix(f"{label}: "))
