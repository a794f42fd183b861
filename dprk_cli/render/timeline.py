"""The timeline report: every dated event, one lane per party.

For people, each event is a row: its date, a mark in the lane of the party
whose measure it concerns, how many days after another party's latest step
it came (for a party's own steps), the measure, and what happened. For scripts, one
record per event with the documented keys below.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection, Sequence
from datetime import date
from typing import Any

from ..analysis.timeline import AGAIN, ASSUMED, GIVEN, PARTS, Event, Timeline
from ..shapes import TIMELINE_COLUMNS
from ..vocab import A_PARTY, ACTED, Extent, Result, State, Status, by_said, state_text
from . import WORD, Column, Report, Rows, Section, finders

ENDED = "talks ended"  # (the last row of talks that are over, read as of their end)
SUPPOSED = "hypothetical: "  # (what a step a what-if supposes says first: `event_words`)
MOVE_MARK = "●"  # a party's own step
EVENT_MARK = "○"  # anything else about its measure: a proposal, a note, a link, an order
CHECK_MARK = "✓"  # a verifier's finding that confirmed the measure
REFUTED_MARK = "✗"  # one that refuted it
PARTIAL_MARK = "◐"  # one that found it done in part
REJECTED_MARK = "⊘"  # a measure turned down, by whom no entry says: no step (`Event.move`)
_AROUND = "'\"()[]{},;:!?"  # (what may stand around an id in words; a '.' too, at the end)
_FINDING_MARKS: dict[Result | None, str] = {
    Result.refuted: REFUTED_MARK,
    Result.partial: PARTIAL_MARK,
}


def event_record(e: Event) -> dict[str, Any]:
    """An event as its documented JSON object."""
    return {
        "date": e.date.isoformat(),
        "party": e.lane,
        "id": e.measure,
        "title": e.title,
        "event": e.kind,
        "status": e.status.value if e.status else None,
        "extent": e.extent.value if e.extent else None,
        "by": e.by,
        "result": e.result.value if e.result else None,
        "detail": e.detail,
        "note": e.note,
        "move": e.move,
        # (the first of the parties it answers, in the order the ledger declares them;
        # `answers_all`: each of them, when more than one stepped that day)
        "answers": e.answers[0] if e.answers else None,
        "days_since": e.days_since,
        "answers_all": list(e.answers) if e.answers is not None else None,
        # (a step a what-if supposes, `--assume`: no entry of the ledger's)
        "hypothetical": e.kind == ASSUMED,
        # (new in 0.3.0: who undid the measure, another party than its actor, in whose
        # lane the reversal is drawn, `party`; null else)
        "undone_by": e.undone_by,
    }


def mark(e: Event) -> str:
    if e.kind == "verification":
        return _FINDING_MARKS.get(e.result, CHECK_MARK)
    if rejection(e):
        return REJECTED_MARK
    return MOVE_MARK if e.move else EVENT_MARK


def rejection(e: Event) -> bool:
    """Whether `e` is an entry that rejected its measure (not a change its parts gave it)."""
    return e.status is Status.rejected and e.kind != PARTS


def event_words(e: Event) -> str:
    """What an event did, in a few words (the table, the picture and the report say
    it alike): the finding, the status it set, or its kind with its detail; and its
    note, after them, as a note's (a step's note was said by the JSON alone)."""
    if e.kind == "verification":
        words = e.detail or (f"{e.result.value} by {e.by}" if e.result else "verified")
        return f"{words}; {e.note}" if e.note else words
    if e.kind == PARTS and e.status is not None:
        return by_parts_words(State(e.status, e.extent or Extent.full), e.detail)
    if e.kind == ASSUMED and e.status is not None:  # (a what-if's: `assumed_steps`)
        state = State(e.status, e.extent or Extent.full)
        words = by_parts_words(state, e.detail) if e.detail else state_text(*state)
        return f"{SUPPOSED}{words}"
    if e.status is not None:
        # (an extent is said of an action: a measure reversed or pending has none to tell)
        words = e.status.value + (f" ({e.extent.value})" if e.extent and e.status in ACTED else "")
        if e.undone_by is not None:  # (drawn in the lane of the party that undid it)
            words += by_said(e.undone_by)
        return f"{words}; {e.note}" if e.note else words
    said = "; ".join(text for text in (e.detail, e.note) if text)
    return f"{e.kind}: {said}" if said else e.kind


def by_parts_words(state: State, detail: str) -> str:
    """A change of state a measure's parts gave it, in words (`state`: the state it
    took; `detail`: `analysis.timeline.steps_by_parts`'s), as the timeline and `show`'s
    derived lines say it: 'implemented (minimal), as its parts give it'; 'agreed again:
    its only acted part left', as `edit --part-of` says it. Its extent is said in full
    too, 'implemented (full)': the step is a part's, read alone, a bare 'implemented'
    would not say how far the measure then went."""
    words = state_text(state.status, state.extent, full=True)
    if detail == GIVEN:
        return f"{words}, {detail}"
    return f"{words} {detail}" if detail.startswith(AGAIN) else f"{words}: {detail}"


def findings_said(timeline: Timeline) -> str:
    """What the legend says a finding's mark is (the report's too): 'a verifier's
    finding', or, where a
    declared party made one of those drawn (`render.finders`, of the parties of the day
    read), that it may be a party's, its claim, as its row says (`rules.finder_said`)."""
    party = finders(timeline.parties)
    if party is not None:
        finders_named = {e.by for e in timeline.events if e.kind == "verification" and e.by}
        named = next((name for name in sorted(finders_named) if party(name)), None)
        if named is not None:
            return (
                "a finding, a verifier's or a party's (a party's is its claim, not a "
                f"verifier's: 'refuted by {named} ({A_PARTY})')"
            )
    return "a verifier's finding"


def timeline_report(
    title: str,
    timeline: Timeline,
    lanes: list[str] | None = None,
    *,
    filtered: bool = False,
    supposed: date | None = None,
    as_of: str | None = None,
    ended: tuple[str, str] | None = None,
    ids: Collection[str] = (),
) -> Report:
    """The timeline as one report; `lanes` chooses the party columns (default: all);
    `filtered`: some events are left out (by lane, measure or period), while every
    party's steps still count for 'days after'; `supposed`: the day of the steps a
    what-if supposes (`--assume`), which the note says; `as_of`: the day the ledger is
    read as of (`--as-of`, or the day the talks ended), which the heading names, as
    `status`'s does, and the JSON's `as_of` (today, asked of none); `ended`: the day
    the talks ended and its note, for a view read as of it or a later day (`ended_by`)
    whose period holds that day: the row after the events of that day, the last one read
    as of the end (the JSON gives the note after `ended` whatever the period,
    `ended_on`); `ids`: the ledger's measures, whose ids "what happened" keeps whole
    whatever the filters show (a measure shown may be exchanged for one left out)."""
    from ..clock import today

    shown = lanes if lanes is not None else timeline.lanes
    # Each event's record or row is made as a writer reaches it, for the format shown
    # alone (a large ledger has hundreds of thousands of events).
    records = Rows(timeline.events, event_record)
    # (the ids of the ledger's measures and of those shown: made with the first row)
    known: set[str] = set()

    def row(e: Event | tuple[str, str]) -> dict[str, Any]:
        if not known:
            known.update(ids)
            known.update(x.measure for x in timeline.events)
        return _row(e, known)

    items: Sequence[Event | tuple[str, str]] = timeline.events
    if ended is not None:  # (after the events of its day: the last row, as of the end)
        at = bisect_right(timeline.events, ended[0], key=_event_day)
        items = [*timeline.events[:at], ended, *timeline.events[at:]]
    rows = Rows(items, row)
    columns = [Column("date", "date", priority=100, label=True)]
    # (a lane is the party a row is of: kept, as its date and measure are)
    columns += [Column(_lane_key(p), p, justify="center", label=True) for p in shown]
    columns += [
        Column("after", "days after", justify="right", priority=70),
        # (the measure's id apart from the words: an id is never cut; the words, a label
        # too, are folded onto more lines, never cut: `Column.folded`)
        Column("id", "measure", priority=100, label=True),
        Column("event", "what happened", wrap=True, priority=90, label=True),
    ]
    notes = []
    if timeline.events:
        notes.append(
            f"{MOVE_MARK} a party's own step; {EVENT_MARK} another event about its measure "
            "(a proposal among them: offered by its party or asked of it, the ledger does not "
            "say which); "
            f"{REJECTED_MARK} its measure rejected (turned down by the side it was offered "
            "to, or by its own party when demanded of it: the ledger does not say which, so "
            "it is no party's step); "
            f"{CHECK_MARK} {findings_said(timeline)} ({REFUTED_MARK} refuted, {PARTIAL_MARK} "
            "partial). 'days after': days since another party's latest "
            "step on an earlier day (that party in brackets; each of them, when more than "
            "one stepped that day)."
            + (" The steps the filters leave out count too." if filtered else "")
            + (
                f" '{SUPPOSED.strip()}' a step the what-if supposes, on "
                f"{supposed.isoformat()}, as if it were taken (no entry of the ledger's)."
                if supposed is not None
                else ""
            )
        )
    heading = f"{title}: timeline" + ("" if as_of is None else f", as of {as_of}")
    document = {"title": title, "lanes": list(shown), "events": records}
    document["as_of"] = as_of if as_of is not None else today().isoformat()
    return Report(
        document=document,
        records=records,
        columns=TIMELINE_COLUMNS,
        sections=[Section(heading, columns, rows, empty="(no events)")],
        notes=notes,
        ended_note=True,
    )


def _event_day(e: Event) -> str:
    return e.date.isoformat()


def _row(e: Event | tuple[str, str], known: set[str]) -> dict[str, Any]:
    """An event as a row of the table; beside what happened, the width of the longest id
    of `known` its words name (`screen.least_widths`: folded, an id is never broken). Or
    the end of talks (its day and note: no party's, no measure's), after its day's events."""
    if not isinstance(e, Event):  # (an event is a named tuple too: asked first)
        day, note = e
        return {"date": day, "id": "", "event": f"{ENDED}; {note}" if note else ENDED}
    words = event_words(e)
    row: dict[str, Any] = {"date": e.date.isoformat(), "id": e.measure, "event": words}
    longest = 0
    for word in words.split():
        word = word.strip(_AROUND)
        if word not in known:
            word = word.rstrip(".")
        if word in known:
            longest = max(longest, len(word))  # (an id is ASCII: a column a letter)
    if longest:
        row["event" + WORD] = longest
    row[_lane_key(e.lane)] = mark(e)
    if e.days_since is not None:
        row["after"] = f"{e.days_since} ({', '.join(e.answers or ())})"
    return row


def _lane_key(party: str) -> str:
    return f"lane:{party}"
