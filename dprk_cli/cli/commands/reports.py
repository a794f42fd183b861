"""Commands that show the ledger: status, show, log."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from collections.abc import Callable

    from ...facts import Nodes

from ..common import (
    AsOfOption,
    AssumeOption,
    Format,
    FormatOption,
    IdsArgument,
    MeasureFilters,
    NoPagerOption,
    ShownAsOfOption,
    TableFormat,
    TableFormatOption,
    chosen_ids,
    complete_id,
    expand_ids,
    flag_filters,
    measure_filters,
    period_of,
    session,
)

# The formats that show each measure's JSON record (the others show kept table rows).
RECORD_FORMATS = frozenset({Format.json, Format.jsonl, Format.csv, Format.tsv})


@flag_filters
def status(
    ctx: typer.Context,
    ids: Annotated[
        list[str] | None,
        typer.Argument(
            help=(
                "Only these measures' rows (with other filters: those of them that pass; "
                "counts: of all), in the table's order, not the order given: the ledger's, "
                "as every filter keeps it, so that each row stands where the whole table has "
                "it (a part under its measure). '-' reads ids from standard input, one per "
                "line (none there: no row, said on standard error, exit 0). Ids of no "
                "measure are refused, each named; with --as-of, those of measures made "
                "after that day are left out, named on standard error."
            ),
            autocompletion=complete_id,
            show_default=False,
        ),
    ] = None,
    *,
    filters: MeasureFilters,
    as_of: AsOfOption = None,
    assume: AssumeOption = None,
    fmt: FormatOption = Format.table,
    no_parts: Annotated[
        bool,
        typer.Option(
            "--no-parts",
            help="Leave out the measures that are parts of a larger one (counts: of all).",
        ),
    ] = False,
    show_all: Annotated[
        bool,
        typer.Option(
            "--all", help="List every measure (the default; kept for scripts; overrides --limit)."
        ),
    ] = False,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            help=(
                "List at most N measures, the first N of the table (a measure made of parts "
                "then its parts), in every format (a script's in the order of its whole "
                "list; counts: of all)."
            ),
            min=0,
        ),
    ] = None,
    no_pager: NoPagerOption = False,
) -> None:
    """Who has acted, what is verified, what each side still owes.

    In a terminal, a table taller than the screen goes through a pager ($DPRK_PAGER,
    else $PAGER, else less; PAGER=cat or --no-pager prints it in full).

    Example: dprk status --party DPRK --acted --unverified
    """
    from ...analysis.status import Filters
    from ...clock import today
    from ...render import allow_pager, emit, hypothetical
    from ...render.views import status_report
    from ...vocab import UNTITLED
    from ..common import assumed, filtered_nodes
    from ..derived import counts, table

    if no_pager:
        allow_pager(False)
    s = session(ctx)
    if filters == Filters() and ids is None and as_of is None and not assume and not no_parts:
        # Every measure as the file has it: the records and counts the cache keeps
        # serve it, without a node (a table reads them, when it is one).
        from ...shapes import overdue_by, with_extra

        snapshot = s.snapshot()
        # (the records found before anything is shown, for the formats that show them)
        kept = snapshot.record_reader(now=fmt in RECORD_FORMATS)

        def record(i: int, extra: dict[str, Any]) -> str:
            # (a kept record counts the days of one done late; those of one overdue are
            # the day's, as its order gives them)
            days = overview.overdue_days.get(snapshot.ids[i])
            return with_extra(kept(i) if days is None else overdue_by(kept(i), days), extra)

        summaries, overview = counts(s, None)
        conflicted = s.memo("conflicts", lambda: _conflicts(snapshot.nodes()) or "")

        report = status_report(
            snapshot.index.header.get("title", UNTITLED),  # (a default is not kept)
            summaries,
            lambda: snapshot.ids,
            record=record,
            nodes=lambda: snapshot.nodes().measures,  # (the table's kept rows serve it)
            conflicts=lambda: conflicted,
            table=lambda: table(s, overview.order),
            limit=None if show_all else limit,
            overview=overview,
            header_conflicts=snapshot.index.header.get("conflicts") or (),
            as_of=today(),
        )
        emit(report, fmt.value)
        return
    nodes, day = s.nodes(as_of)
    named = None
    if ids is not None:  # (none on standard input: none listed, a script's whole answer)
        wanted = expand_ids(ids, read_only=True)
        named = set(s.made_later_left_out(wanted, nodes.index(), as_of))
    nodes, texts_ = assumed(s, nodes, assume, day)
    # (the order of the day, which the flags column shows: --overdue and --deadlocked
    # choose by it, from the order kept beside the ledger as it stands)
    summaries, overview = counts(s, nodes if as_of is not None or texts_ else None, day)
    chosen = filtered_nodes(
        nodes, filters, lambda: s.each(as_of), s.searched(as_of), overview, s.verifiers
    )
    if no_parts:
        chosen = [n for n in chosen if n.part_of is None]
    if named is not None:  # (in the ledger's order, as the other filters keep them)
        chosen = [n for n in chosen if n.id in named]
    text = s.record_text(as_of, nodes if texts_ else None)
    report = status_report(
        nodes.title,
        summaries,
        lambda: [n.id for n in chosen],
        record=lambda i, extra: text(chosen[i], extra),
        nodes=lambda: chosen,
        conflicts=lambda: _conflicts(nodes),
        limit=None if show_all else limit,
        overview=overview,
        as_of=day,
        days_late=filters.late or filters.overdue,
        parties=nodes.parties,  # (of the day shown, as they were named then)
    )
    emit(hypothetical(report, texts_), fmt.value)


def _conflicts(nodes: Nodes) -> str | None:
    if nodes.in_conflict():
        from ...render.team import conflicts_note

        return conflicts_note(nodes)
    return None


def show(
    ctx: typer.Context,
    ids: IdsArgument,
    as_of: ShownAsOfOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Everything about a measure: links, constraints, verifications, history.

    With --as-of, the measure as it stood at the end of that day: its status, actor,
    deadline, whole, links and orders then, the sources on record then, and its history
    up to that day (its title, category and notes as they stand today: they describe
    the record). Of several ids (or '-'), those of measures made after that day are
    left out, named on standard error; one alone is refused.

    Example: dprk show inventory-submission --format json
    """
    from ...analysis.overview import order_overview
    from ...facts import Nodes
    from ...model import MeasureIndex
    from ...render import emit
    from ...render.views import show_report
    from ...vocab import ancestors
    from ..derived import counts, parties

    s = session(ctx)
    snapshot = s.snapshot()
    # (only the measures shown are built, and their nodes read; on a past day, the
    # ledger as it stood then)
    index = snapshot.measures() if as_of is None else MeasureIndex(s.measures(as_of).index())
    wanted = expand_ids(ids, read_only=True)
    # (a list whenever ids were given as a list, or read from standard input: a script's
    # `jq '.[]'` holds for any number of them)
    listed = len(ids) > 1 or "-" in ids
    # (every unknown id named at once; on a past day, asked of the ledger as it stands)
    if listed:  # (of a past day, those made later left out, as `status` leaves them)
        wanted = s.made_later_left_out(wanted, index, as_of)
    else:  # (one alone, made after that day, is refused)
        s.require(wanted, index, as_of)
    measures = [index[ident] for ident in wanted]
    wholes = index.parts()
    parts = {m.id: wholes[m.id] for m in measures if m.id in wholes}
    wanted = [m.id for m in measures] + [p for ids in parts.values() for p in ids]
    # (their orders hold it; a whole a hand edit names that is not in the ledger is no
    # measure to read: `check` names it)
    wanted += [w for m in measures for w in ancestors(index, m.id) if w in index]
    # (each measure's flags as `status` gives them, on today or the --as-of day: from the
    # order kept beside the ledger, as `status` reads it, or of the ledger as it stood;
    # asked of no day where an entry is dated after today, at the end of today, as
    # `status` stands then, `Session.held_back`: its state, fields and flags of today,
    # its history as it stands, the entry ahead listed)
    held = s.held_back() if as_of is None else None
    if as_of is None and held is None:
        found = snapshot.nodes_of(list(dict.fromkeys(wanted)))
        overview = counts(s, None)[1]
        declared = parties(s)
    else:
        ledger, day = s.nodes(as_of or held)
        then = ledger.index()
        found = {i: then[i] for i in dict.fromkeys(wanted) if i in then}
        overview = order_overview(ledger, day)
        declared = list(ledger.parties)  # (as they were named that day)
    if held is not None:
        today = s.measures(held).index()
        measures = [
            today[m.id].model_copy(update={"history": m.history, "verifications": m.verifications})
            if m.id in today
            else m
            for m in measures
        ]
        ahead = [i for i in dict.fromkeys(wanted) if i not in found]  # (made after today)
        found |= snapshot.nodes_of(ahead) if ahead else {}
    numbered_as = None
    if as_of is not None and as_of == s.ended_day():
        # (talks that ended, read as of their end: the corrections of the record made
        # since are listed too, as `log` lists them, numbered as it numbers them)
        from datetime import date

        from ...analysis.asof import entries_at_the_end

        now = snapshot.measures()
        numbered_as = {m.id: now[m.id] for m in measures if m.id in now}
        day = date.fromisoformat(as_of)
        measures = [
            m.model_copy(update={"history": entries_at_the_end(numbered_as[m.id], day)})
            if m.id in numbered_as
            else m
            for m in measures
        ]
    nodes = Nodes("", [], (), list(found.values()))
    shown = {whole: [found[p] for p in ids] for whole, ids in parts.items()}
    # (the steps the parts of each measure made of parts, now or once, gave it, up to the
    # --as-of day: derived lines of its history, as the timeline's `parts` rows)
    from ...analysis.timeline import steps_by_parts
    from ...lifecycle import LedgerLife

    life = LedgerLife(index)  # (replays only the measures asked of it: these and their parts)
    derived = {m.id: steps_by_parts(life, m.id) for m in measures}
    report = show_report(
        measures,
        nodes,
        shown,
        listed=listed,
        overview=overview,
        derived=derived,
        parties=declared,
        numbered_as=numbered_as,
    )
    emit(report, fmt.value)


@period_of("entries")
def log(
    ctx: typer.Context,
    ids: Annotated[
        list[str] | None,
        typer.Argument(
            help="Measure ids (default: all); '-' reads stdin.", autocompletion=complete_id
        ),
    ] = None,
    *,
    filters: MeasureFilters,
    finding_by: Annotated[
        str | None,
        typer.Option(
            "--finding-by",
            metavar="VERIFIER",
            help=(
                "Only the findings this verifier made, confirmed, partial or refuted, each "
                "with its evidence (any case or spacing, as a party's name). Unlike "
                "'status --verified-by', which keeps the measures its confirmation "
                "verifies now, every finding it made is listed, standing or not."
            ),
        ),
    ] = None,
    fmt: FormatOption = Format.table,
    no_pager: NoPagerOption = False,
) -> None:
    """The history of changes, in the order events happened (newest last).

    --since and --until choose the entries shown by their dates (a correction of the
    record, dated the day it was made, too).

    Example: dprk log punggye-ri-closure
    """
    from ...analysis.status import Filters
    from ...render import allow_pager, emit
    from ...render.views import log_report

    if no_pager:
        allow_pager(False)
    # (the findings of one verifier alone: a name no finding gives is warned of)
    by = None if finding_by is None else _finding_by(ctx, finding_by)

    # (--since and --until choose the entries, every one in the period, a correction of
    # the record too: not the measures, whose events of the talks they would ask)
    within = filters.in_period if filters.since or filters.until else None
    # (a measure's history is never empty: say which entries there are none of)
    empty = f"(no entries {filters.period_words()})" if within else "(no history)"
    if finding_by is not None:  # (nor which findings)
        period = f" {filters.period_words()}" if within else ""
        empty = f"(no findings by '{finding_by}'{period})"
    filters = filters.but_period()
    wanted = expand_ids(ids, read_only=True) if ids else []
    if ids and not wanted and fmt == Format.table:
        return  # (nothing on standard input, as said: no table of nothing, as `show`)
    if ids and filters == Filters():  # only the measures named are built
        s = session(ctx)
        snapshot = s.snapshot()
        found = snapshot.measures()
        s.require(wanted, found, None)  # (every unknown id named at once, as `show` does)
        shown = [found[i] for i in wanted]
        emit(
            log_report(snapshot.header(), shown, within=within, empty=empty, finding_by=by),
            fmt.value,
        )
        return
    if not ids and filters == Filters():  # every measure, built one at a time
        snapshot = session(ctx).snapshot()
        emit(
            log_report(
                snapshot.header(), snapshot.in_order(), within=within, empty=empty, finding_by=by
            ),
            fmt.value,
        )
        return
    s = session(ctx)
    snapshot = s.snapshot()
    chosen = chosen_ids(snapshot.nodes, filters, s.each) or []  # (kept nodes first)
    index = snapshot.measures()  # (only the measures shown are built)
    if ids:
        s.require(wanted, index, None)
        kept = set(chosen)
        chosen = [i for i in wanted if i in kept]
    emit(
        log_report(
            snapshot.header(),
            [index[i] for i in chosen],
            within=within,
            empty=empty,
            finding_by=by,
        ),
        fmt.value,
    )


def _finding_by(ctx: typer.Context, typed: str) -> Callable[[str], bool]:
    """Whether a finding's verifier is the one `log --finding-by` names (in any case or
    spacing, as a party's name: `rules.party_key`). A name no finding on record gives is
    warned of, with the verifiers near it (`rules.nearest_verifier`, as `status
    --verified-by` warns): a typo lists nothing, and the answer would look like one."""
    from ...errors import UsageError
    from ...rules import nearest_verifier, party_key

    key = party_key(typed)
    if not key:
        raise UsageError("--finding-by needs a verifier's name")
    recorded = list(session(ctx).verifiers())
    if not any(party_key(each) == key for each in recorded):
        from ...render import warning
        from ...vocab import in_prose, party_in_prose

        near = nearest_verifier(typed, recorded)
        quoted = (party_in_prose(each, quoted=True) for each in near)
        meant = f" (did you mean {in_prose(quoted, 'or')}?)" if near else ""
        warning(f"--finding-by: no finding in the ledger is by '{typed}'{meant}")
    return lambda by: party_key(by) == key


class ScoreBy(StrEnum):
    """What `dprk scorecard` groups by."""

    party = "party"
    category = "category"


@measure_filters
def scorecard(
    ctx: typer.Context,
    filters: MeasureFilters,
    by: Annotated[
        ScoreBy, typer.Option("--by", help="Group by party or by category.", case_sensitive=False)
    ] = ScoreBy.party,
    as_of: AsOfOption = None,
    assume: AssumeOption = None,
    yearly: Annotated[
        bool, typer.Option("--yearly", help="Also each group's score on 31 December of each year.")
    ] = False,
    no_parts: Annotated[
        bool,
        typer.Option(
            "--no-parts",
            help=(
                "Leave out the measures that are parts of a larger one: a whole counts once, "
                "not its parts (a part as it was on the day scored, each year's end with "
                "--yearly)."
            ),
        ),
    ] = False,
    fmt: TableFormatOption = TableFormat("table"),
) -> None:
    """How far each side went: commitments by extent, scored 0 to 100 (Peace Accords Matrix).

    With --assume, as if the measure stood so on the day scored (today, or the --as-of
    day), said hypothetical; by year, the years before as they were, as the report's.

    Example: dprk scorecard --by category --as-of 2018-12-31
    """
    from ...analysis.scorecard import History, Yearly
    from ...analysis.scorecard import scorecard as compute
    from ...analysis.status import Filters
    from ...render import emit, hypothetical
    from ...render.scores import scorecard_report
    from ..common import assumed, chosen_ids, filtered_nodes

    s = session(ctx)
    nodes, day = s.nodes(as_of)
    # (a what-if, as every view takes it; the yearly scores take it on the last day alone:
    # `Nodes.assumed`)
    nodes, texts = assumed(s, nodes, assume, day)
    ids = chosen_ids(lambda: nodes, filters, lambda: s.each(as_of), s.searched(as_of))
    chosen = None if ids is None else set(ids)
    history = over_years = None
    if yearly:  # (the ledger as it stands is read a measure at a time)
        every = s.measures(as_of).measures if as_of else s.snapshot().in_order()
        history = History.of(every)
        on_the_day = filters.of_the_day()
        if on_the_day != Filters():  # (judged on each year's end, as --as-of would)
            wider = chosen_ids(lambda: nodes, filters.but_the_day(), lambda: s.each(as_of))
            over_years = Yearly(None if wider is None else set(wider))
            if on_the_day.by_state():
                over_years.on_state = on_the_day.accepts_state
            else:
                over_years.on_day = lambda end: {
                    n.id
                    for n in filtered_nodes(
                        s.nodes(end.isoformat())[0],
                        on_the_day,
                        lambda: s.each(end.isoformat()),
                        s.searched(end.isoformat()),
                    )
                }
    card = compute(
        nodes,
        day,
        by=by.value,
        chosen=chosen,
        history=history,
        yearly=over_years,
        no_parts=no_parts,
    )
    emit(hypothetical(scorecard_report(card, yearly=yearly, assumed=texts), texts), fmt.value)
