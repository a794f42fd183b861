"""Commands that draw the negotiation: timeline, graph, report."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..common import (
    AsOfOption,
    AssumeOption,
    Format,
    FormatOption,
    MeasureFilters,
    NoPagerOption,
    Session,
    ShownAsOfOption,
    chosen_ids,
    complete_id,
    expand_ids,
    measure_filters,
    parse_date,
    period_of,
    require_party,
    session,
)

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable

    from ...analysis.timeline import Event
    from ...facts import Nodes
    from ...model import Ledger, Measure


# The suffixes of a file `dprk report` does not write, which a user may hope it converts
# its page to (a PDF for a briefing, a picture, a document), or another of dprk's formats:
# refused, where a page written under such a name could not be opened by what opens it.
OTHER_FORMATS = frozenset(
    (".pdf", ".ps", ".eps", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg")
    + (".doc", ".docx", ".odt", ".rtf", ".pptx", ".xlsx", ".epub")
    + (".md", ".markdown", ".json", ".jsonl", ".csv", ".tsv")
)


def _not_html(output: Path) -> str:
    """Why `output` names no file the report can be written to, and what to do."""
    page = output.with_suffix(".html")
    if output.suffix.lower() == ".pdf":
        return (
            f"'dprk report' writes an HTML page, not a PDF; write {page} and print it to "
            f"PDF (a browser's Print, or chromium --headless --print-to-pdf={output} {page})"
        )
    return f"'dprk report' writes an HTML page, not a {output.suffix} file; name it {page}"


class GraphFormat(StrEnum):
    """What `dprk graph` writes."""

    mermaid = "mermaid"
    dot = "dot"


@period_of("events")
def timeline(
    ctx: typer.Context,
    ids: Annotated[
        list[str] | None,
        typer.Argument(
            help=(
                "Only these measures' events (with other filters: those of them that "
                "pass); '-' reads ids from standard input, one per line. Ids of no "
                "measure are refused, each named; with --as-of, those of measures made "
                "after that day are left out, named on standard error."
            ),
            autocompletion=complete_id,
            show_default=False,
        ),
    ] = None,
    *,
    filters: MeasureFilters,
    as_of: ShownAsOfOption = None,
    assume: AssumeOption = None,
    fmt: FormatOption = Format.table,
    no_pager: NoPagerOption = False,
) -> None:
    """Every dated event in order, one lane per party: who moved when, and how long
    the other side took to answer.

    With --as-of, as the ledger stood at the end of that day (as the report's timeline
    of that day): the events up to it, of the measures then in the talks, chosen by the
    filters as they stood then. With --assume, as if the measure stood so: the step
    supposed is a row of that day (today, or the --as-of day), said hypothetical, as the
    report's timeline draws it.

    Example: dprk timeline --since 2018-06-01 --party DPRK
    """
    import copy
    from datetime import date

    from ...analysis.timeline import Wholes, build_timeline
    from ...render import allow_pager, emit, ended_by, hypothetical
    from ...render.timeline import timeline_report

    if no_pager:
        allow_pager(False)
    s = session(ctx)
    named = None if ids is None else _named(s, ids, as_of)
    if ids and not named and "-" in ids and fmt == Format.table:
        return  # (nothing on standard input, as said: no table of nothing, as `log`)
    snapshot = s.snapshot()
    header = _header_on(s, as_of)
    # --party picks lanes: an event is in the lane of the party that was then to carry
    # the measure out, which may not be its actor now
    lanes = [require_party(party, header.parties) for party in filters.parties] or None
    # (a filter leaves out steps an event shown may answer: not --until, of later ones)
    probe = copy.copy(filters)
    probe.until = None
    filtered = probe != type(filters)() or ids is not None
    if lanes:
        filters = copy.copy(filters)
        filters.parties = []
    # (a what-if: the ledger as if each --assume held on the day viewed, and the steps it
    # supposes on that day, as the report's timeline draws them: `assumed_steps`)
    supposing, texts, supposed = _supposed(s, as_of, assume)
    # (--since and --until choose the events, `within`, not the measures: an event dated
    # in the period shows whatever else its measure holds, as `log` lists an entry)
    period, filters = filters, filters.but_period()
    if as_of is None:
        chosen = chosen_ids(
            snapshot.nodes if supposing is None else lambda: supposing, filters, s.each
        )
        # (every measure's events are read, one measure built at a time: see build_timeline)
        wholes = Wholes.of(
            (ident, part_of, was)
            for ident, (part_of, _, was, _) in zip(snapshot.ids, snapshot.links(), strict=True)
        )
        every: Collection[str] = snapshot.ids
    else:  # (the ledger as it stood then, `analysis.asof`, as every view of a day reads it)
        nodes = s.nodes(as_of)[0]
        chosen = chosen_ids(
            lambda: nodes if supposing is None else supposing,
            filters,
            lambda: s.each(as_of),
            s.searched(as_of),
        )
        wholes = Wholes.of((n.id, n.part_of, n.was_part_of) for n in nodes)
        every = [n.id for n in nodes]
    if named is not None:
        kept = set(named if chosen is None else chosen)
        chosen = [i for i in named if i in kept]
    events = build_timeline(
        header,
        s.each(as_of),
        chosen,
        within=period.in_period,
        wholes=wholes,
        removed=_removed_since(s, as_of),
        supposed=supposed,
    )
    if lanes:
        events = events.in_lanes(lanes)
    day = supposed[0][1].date if supposed else None
    # (talks over by the day read, as of their end or a later day: a row of its day, with
    # the note, in the period shown)
    ended = ended_by()
    if ended is not None and not period.in_period(date.fromisoformat(ended[0])):
        ended = None
    report = timeline_report(
        header.title,
        events,
        lanes,
        filtered=filtered,
        supposed=day,
        as_of=as_of,
        ended=ended,
        ids=every,  # (an id "what happened" names is kept whole, its measure shown or not)
    )
    emit(hypothetical(report, texts), fmt.value)


def _named(s: Session, ids: list[str], as_of: str | None) -> list[str]:
    """The measures `timeline ID...` names, in the ledger's order (as `status ID...`
    keeps them): an id of no measure refused, each named; with --as-of, those made after
    that day left out, named on standard error (`Session.made_later_left_out`)."""
    wanted = expand_ids(ids, read_only=True)
    if as_of is None:
        known = s.snapshot().ids
        s.require(wanted, set(known), None)
    else:
        then = s.nodes(as_of)[0].index()
        known = list(then)
        wanted = s.made_later_left_out(wanted, then, as_of)
    given = set(wanted)
    return [i for i in known if i in given]


def _supposed(
    s: Session, as_of: str | None, assume: list[str] | None
) -> tuple[Nodes | None, list[str], list[tuple[tuple[Any, ...], Event]]]:
    """Under --assume, the nodes as if each assumption held on the day viewed (today, or
    the --as-of day: `common.assumed`, every view's parser and refusals), the assumptions
    as text, and the steps they suppose (`analysis.timeline.assumed_steps`, the rows the
    report's timeline draws); without, none."""
    if not assume:
        return None, [], []
    from ...analysis.timeline import assumed_steps
    from ..common import assumed

    recorded, day = s.nodes(as_of)
    nodes, texts = assumed(s, recorded, assume, day)
    return nodes, texts, assumed_steps(recorded, nodes, day)


def _header_on(s: Session, as_of: str | None) -> Ledger:
    """The ledger's own fields (`Snapshot.header`), its parties as they were named at the
    end of the --as-of day (`asof.as_of`: a party renamed since, by its name then), the
    lanes of a timeline of that day."""
    header = s.snapshot().header()
    if as_of is None:
        return header
    parties = s.measures(as_of).parties
    return header if parties == header.parties else header.model_copy(update={"parties": parties})


def _removed_since(s: Session, as_of: str | None) -> set[str]:
    """The measures removed after the --as-of day (`asof.removed_after`): the ledger as
    it stood then held them, and its timeline says so of a link or an order with one."""
    if as_of is None:
        return set()
    from ...analysis.asof import removed_after

    day = parse_date(as_of, "--as-of")
    assert day is not None
    return removed_after(s.snapshot().ledger(), day)


@measure_filters
def graph(
    ctx: typer.Context,
    filters: MeasureFilters,
    fmt: Annotated[
        GraphFormat,
        typer.Option(
            "--format",
            "-f",
            help="mermaid (GitHub and many editors draw it) or dot (Graphviz).",
            case_sensitive=False,
        ),
    ] = GraphFormat.mermaid,
    as_of: AsOfOption = None,
    assume: AssumeOption = None,
) -> None:
    """The measures as a graph: exchange links, sequencing constraints, deadlocks.

    With --as-of, as they stood at the end of that day: the measures then in the talks,
    their states, and the links and orders then in force. With filters, the measures
    they choose and those linked to them directly (exchanged, ordered, parts and wholes).
    With --assume, as if the measure stood so (the title says it is hypothetical).

    Example: dprk graph --format dot | dot -Tsvg > talks.svg
    """
    from ...analysis.sequencing import find_deadlocks
    from ...render import emit
    from ...render.graph import graph_report, with_neighbours
    from ..common import assumed

    s = session(ctx)
    nodes, day = s.nodes(as_of)
    nodes, texts = assumed(s, nodes, assume, day)  # (as every view takes a what-if)
    stuck = {(w.measure, w.after) for d in find_deadlocks(nodes) for w in d.demands}
    chosen = chosen_ids(lambda: nodes, filters, lambda: s.each(as_of), s.searched(as_of))
    if chosen is not None:
        nodes = with_neighbours(nodes, set(chosen))
        if not chosen:  # (a picture of nothing: said, as status says it of its table)
            from ...render import warning

            warning("no measures match: the graph is empty")
    emit(graph_report(nodes, stuck, fmt.value, day, day if as_of else None, texts), "table")


def report(
    ctx: typer.Context,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="The HTML file to write ('-' for standard output).",
            metavar="FILE.html",
        ),
    ],
    as_of: AsOfOption = None,
    assume: AssumeOption = None,
) -> None:
    """Write one self-contained HTML page: summary, timeline, plan, deadlocks, measures.

    Deadlines are judged, and owed days counted, on today, or on the --as-of day (the
    whole page then shows the ledger as it stood at its end). With --assume, the page
    shows the talks as if the measure stood so, and says it is hypothetical (its
    timeline draws the step supposed, on that day, as a dashed ring).

    Example: dprk report --output talks.html
    """
    from ...analysis.balance import reciprocity_balance
    from ...analysis.scorecard import History, scorecard
    from ...analysis.sequencing import (
        CircleWatch,
        history_as_if,
        next_steps,
        phased_plan,
        readiness,
    )
    from ...analysis.status import party_summaries
    from ...analysis.timeline import Wholes, assumed_steps, build_timeline
    from ...render import Report, emit, ended_by, message, reads_as_ended, warning
    from ...render.html import PageData, report_page, report_pieces
    from ...render.team import conflicts_note
    from ...store.fs import atomic_write, other_than_html, refuse_read_only
    from ..common import assumed
    from ..derived import dated_deadlocks, deadlock_history
    from ..derived import next_steps as kept_next

    s = session(ctx)
    if str(output) != "-":
        from ...errors import UsageError
        from ...store.paths import is_own_file

        if is_own_file(s.ledger_path(), output):
            raise UsageError(
                f"--output {output} would write the report over the ledger or dprk's own "
                "files; name another file"
            )
        if output.suffix.lower() in OTHER_FORMATS:
            raise UsageError(f"--output {output}: {_not_html(output)}")
        if other_than_html(output):
            raise UsageError(
                f"--output {output} exists and is no HTML page; 'dprk report' writes over "
                "an HTML page alone: name another file, or remove this one first"
            )
    snapshot = s.snapshot()
    nodes, day = s.nodes(as_of)  # (as it stands: kept, no history replayed again)
    recorded = nodes
    nodes, texts = assumed(s, nodes, assume, day)  # (as every view takes a what-if)
    # Every measure is read once, a measure at a time, for its events and, noted as it
    # goes, what the yearly scores read of its history.
    history = History()
    measures: Iterable[Measure]
    # (and, of the ledger as it stands, what the deadlock history reads to know which
    # measures may be in a circle: none is built again for it)
    watched = None
    if as_of:
        measures = s.measures(as_of).measures
    else:
        watched = CircleWatch()
        measures = map(watched.note, snapshot.in_order())
    wholes = Wholes.of((n.id, n.part_of, n.was_part_of) for n in nodes)
    timeline = build_timeline(
        _header_on(s, as_of),
        map(history.note, measures),
        wholes=wholes,
        removed=_removed_since(s, as_of),
        # (the steps the what-if supposes, as the assumption moved the nodes)
        supposed=assumed_steps(recorded, nodes, day) if texts else (),
    )
    plan = phased_plan(nodes)
    # (every deadlock the record held up to the page's day, as `plan --history` gives
    # them; an assumption stands on that day alone, as the plan has it)
    periods = deadlock_history(s, day, watched)
    # (the day each deadlock has stood from, as `plan` says it, under --assume too: from
    # the history's stretches standing still, else walked back)
    dated_deadlocks(s, plan, day, phased_plan(recorded) if texts else None, periods=periods)
    if texts:
        periods = history_as_if(periods, plan.deadlocks, day)
    data = PageData(
        ledger=nodes,
        summaries=party_summaries(nodes),
        readiness=readiness(nodes),
        plan=plan,
        timeline=timeline,
        balances=reciprocity_balance(nodes, day),
        day=day,
        scores=scorecard(nodes, day, by="party", history=history),
        as_of=day if as_of else None,
        ended=reads_as_ended(),
        ended_note=end[1] if (end := ended_by()) is not None else "",
        ended_before=end[0] if end is not None and not reads_as_ended() else None,
        conflicts=conflicts_note(nodes) if nodes.in_conflict() else None,
        assumed=texts,
        history=periods,
        # (the party cards count what `next` lists: as kept, for the ledger as it stands)
        steps=kept_next(s) if not as_of and not texts else next_steps(nodes),
    )
    if data.conflicts:  # (as status says it; the page says it to its readers)
        warning(f"{data.conflicts}; the page shows our side of each")
    if str(output) == "-":
        emit(Report(document=None, text=report_page(data), id_key=None, verbatim=True), "table")
        return
    # (written a piece at a time: a large ledger's page is not held whole)
    refuse_read_only(output, "report")
    atomic_write(output, (p.encode("utf-8") for p in report_pieces(data)), what="report")
    message(f"wrote {output}")
