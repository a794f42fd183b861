"""The HTML report: one self-contained page a person would rather look at.

Inline CSS and inline SVG only: no scripts, no fonts, no images or styles
from anywhere (a Content-Security-Policy says so to the browser), so the page
opens the same from a mail attachment as from a file server. Every piece of
user text is HTML-escaped. The page holds the per-party summary (with its
overdue count, as `status` gives it, and its count done late), any deadlocks,
the timeline drawn as an SVG (one lane per party), every deadlock the history
held (when any), the phased plan, and the measure table (with each deadline,
marked when overdue on the page's day, or done late, by how many days).
"""

from __future__ import annotations

import html
import itertools
import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from ..analysis.asof import done_in_part, is_overdue
from ..analysis.balance import Outstanding, PartyBalance, claims_in
from ..analysis.overview import done_late_text, flags_text
from ..analysis.scorecard import Scorecard
from ..analysis.sequencing import (
    Deadlock,
    DeadlockPeriod,
    NextSteps,
    Plan,
    Readiness,
    dated,
    deadlock_clauses,
    drops_text,
)
from ..analysis.status import PartySummary, awaits_verification, folded
from ..analysis.timeline import ASSUMED, Event, Timeline
from ..facts import Node, Nodes
from ..shapes import verification_text
from ..vocab import (
    Status,
    counted,
    in_prose,
    named_first,
    parts_verified_text,
    refuted_by_parties,
)
from . import cells, finders, what_if
from .palette import DEADLOCK, STATUS_COLOURS, status_colours
from .scores import LATE_NOTE, OVERDUE_NOTE, disputed_note, years_said
from .sequencing import (
    advised_on,
    blocked_waits,
    phase_left,
    suggested,
    together_note,
    wait_text,
)
from .timeline import event_words, findings_said, rejection


@dataclass
class PageData:
    """Everything the page shows, computed by the analysis layer."""

    ledger: Nodes
    summaries: dict[str, PartySummary]
    readiness: dict[str, Readiness]
    plan: Plan
    timeline: Timeline
    steps: NextSteps  # what `next` lists, every party's: the party cards count it
    balances: dict[str, PartyBalance] = field(default_factory=dict)
    day: date | None = None  # the day the balance is drawn, and deadlines judged
    scores: Scorecard | None = None  # by party, with years
    as_of: date | None = None  # the day the ledger is shown as it stood (--as-of)
    ended: bool = False  # `as_of` is the day the talks ended, no day asked of
    ended_note: str = ""  # (then, the note the ledger records of the end)
    # the day the talks ended, on or before the `as_of` asked of (`render.ended_by`)
    ended_before: str | None = None
    conflicts: str | None = None  # the ledger's unresolved merge conflicts, as status says
    assumed: list[str] = field(default_factory=list)  # --assume's, as given: a what-if
    # (every deadlock the history held up to `day`, as `plan --history` gives them; under
    # --assume, `day` as the assumption has it)
    history: list[DeadlockPeriod] = field(default_factory=list)


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


# --- the page ---------------------------------------------------------------------------


# The least width the timeline (1100 units wide) and the score chart (720) are shown at
# on screen, in px: their words (11 to 12.5 units) at 9 px and more. A narrower screen
# scrolls them sideways (`_scrolled`).
TIMELINE_LEAST = 880
CHART_LEAST = 600

# The most room a column of ids is given, in characters: an id with a longer run of
# letters than this (no hyphen to break it after) breaks between two letters.
ID_ROOM = 20
ID_CHAR = 8  # (px: a character of the ids' monospace font at 13px is some 7.8 wide)

CSS = """
:root { --ink: #1f2937; --muted: #6b7280; --line: #e5e7eb; --panel: #f9fafb; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 32px 40px 48px; }
h1 { font-size: 28px; line-height: 1.25; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 36px 0 12px; padding-bottom: 6px;
  border-bottom: 1px solid var(--line); }
.sub { color: var(--muted); margin: 0 0 8px; }
code, .id, .ids { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
  font-size: 13px; }
code.run span { white-space: nowrap; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(250px, 1fr));
  gap: 16px; }
.card { border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px;
  background: var(--panel); }
.card h3 { margin: 0 0 8px; font-size: 17px; overflow-wrap: anywhere; }
.card details { font-size: 13px; color: var(--muted); }
.nums { display: grid; grid-template-columns: repeat(4, 1fr); gap: 4px; text-align: center; }
.nums b { display: block; font-size: 22px; line-height: 1.2; }
.nums span { color: var(--muted); font-size: 12px; }
.bar { display: flex; height: 10px; border-radius: 5px; overflow: hidden; margin: 12px 0 8px;
  background: var(--line); }
.card p { margin: 4px 0 0; font-size: 13px; color: var(--muted); }
.card p.breakdown { margin: 0 0 6px; color: var(--ink); }
.breakdown .each { white-space: nowrap; }
.swatch { display: inline-block; width: 9px; height: 9px; border-radius: 2px;
  margin-right: 4px; vertical-align: baseline; }
.alert { border: 2px solid DEADLOCK_COLOUR; border-left-width: 8px; border-radius: 8px;
  background: #fff7ed; padding: 12px 16px; margin: 16px 0; }
.alert h2 { margin: 0 0 6px; padding: 0; border: none; color: DEADLOCK_COLOUR;
  font-size: 16px; }
.alert ul { margin: 6px 0; padding-left: 20px; }
.alert p { margin: 6px 0 0; }
.pill { display: inline-block; padding: 1px 9px; border-radius: 999px; font-size: 12px;
  font-weight: 600; border: 1px solid; white-space: nowrap; }
.legend { display: flex; flex-wrap: wrap; gap: 8px 14px; margin: 8px 0 0; font-size: 13px;
  color: var(--muted); }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; }
th, td { text-align: left; vertical-align: top; padding: 7px 5px;
  border-bottom: 1px solid var(--line); }
th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
/* (an id breaks after its hyphens; one with a run of letters longer than its column can
   take breaks anywhere in it, rather than push the table off the page: each column of
   ids is as wide as its longest run, up to ID_ROOM characters, `_room_for`) */
td.id, td.ids, td.waits, .chip .id, .card .id { overflow-wrap: anywhere; }
th.room { min-width: calc(var(--room) * ID_CHARpx + 10px); }
td.title { min-width: 150px; overflow-wrap: anywhere; }
td.ids { font-size: 12px; }
td.date { white-space: nowrap; font-variant-numeric: tabular-nums; }
/* (a date is kept whole, what is said of it under it wraps: 'partly done, overdue' kept
   on one line made the deadline column 140 px wide) */
td.date b { white-space: normal; }
tr.stuck td { background: #fff7ed; }
.muted { color: var(--muted); }
ol.phases { list-style: none; padding: 0; margin: 0; display: grid; gap: 10px; }
ol.phases li { display: grid; grid-template-columns: 92px 1fr; gap: 12px; align-items: start;
  border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
ol.phases .n { font-weight: 700; }
.chip { display: inline-block; margin: 2px 6px 2px 0; padding: 2px 8px; border-radius: 6px;
  border: 1px solid var(--line); background: var(--panel); }
.chip small { color: var(--muted); }
svg { display: block; max-width: 100%; height: auto; }
svg.timeline-part { display: none; }
footer { margin-top: 40px; color: var(--muted); font-size: 12.5px; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.yearly { width: auto; margin-top: 12px; }
table.history ul { margin: 0; padding-left: 18px; }
table.yearly caption { text-align: left; color: var(--muted); font-size: 13px;
  padding-bottom: 4px; }
table.yearly td.num, table.yearly th.num { padding-left: 14px; }
.wide { overflow-x: auto; position: relative; }
.unseen { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
@media print {
  main { max-width: none; padding: 0; }
  /* (a tall timeline is printed in parts, each cut between two rows of labels) */
  svg.timeline-whole { display: none; }
  svg.timeline-part { display: block; break-inside: avoid; }
  /* (the timeline's heading and key go to the page of its first part: kept in one block
     with it, as chromium printed them alone at the foot of a page, break-after or not) */
  p.keep { break-after: avoid; break-inside: avoid; }
  .kept { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  tr, .card, .alert, ol.phases li { break-inside: avoid; }
  /* (the score table and its chart go on one page) */
  .together { break-inside: avoid; }
  table { font-size: 11px; }
  th { font-size: 9.5px; letter-spacing: 0; }
  table.scores .score { width: 80px; }
  .wide { overflow: visible; }
  /* (the measures table is laid out to the page's width, its cells wrapping: at the
     widths its words asked, some 1,000 px, Chromium shrank every page to 70% to fit it
     in a Letter or A4 page's 720 to 740 px. Each column of ids is as wide as its
     longest run, `_room_for`; the dates and the actor narrow; the rest share what is
     left) */
  table.measures { table-layout: fixed; }
  table.measures th, table.measures td { padding: 5px 3px; overflow-wrap: anywhere; }
  table.measures .id, table.measures .ids { font-size: 10px; }
  table.measures th.room { width: calc(var(--room) * 6px + 6px); }
  table.measures th.actor { width: 8%; }
  table.measures th.date { width: 68px; }
  table.measures td.date { font-size: 10px; }
  table.measures .pill { padding: 0 4px; font-size: 9.5px; white-space: normal; }
}
@media screen {
  /* (on a narrow screen a wide picture keeps a size its words can be read at, in a box
     that scrolls sideways: shrunk to a phone's width, their words were 4 px tall) */
  .timeline-box > svg { min-width: TIMELINE_LEASTpx; }
  .chart-box > svg { min-width: CHART_LEASTpx; }
  /* (a box that scrolls sideways shows a shadow on the side where more of it is) */
  .wide { background:
      linear-gradient(to right, #fff 30%, rgba(255, 255, 255, 0)) left center,
      linear-gradient(to left, #fff 30%, rgba(255, 255, 255, 0)) right center,
      radial-gradient(farthest-side at 0 50%, rgba(0, 0, 0, .2), rgba(0, 0, 0, 0)) left center,
      radial-gradient(farthest-side at 100% 50%, rgba(0, 0, 0, .2), rgba(0, 0, 0, 0))
        right center;
    background-repeat: no-repeat;
    background-size: 40px 100%, 40px 100%, 14px 100%, 14px 100%;
    background-attachment: local, local, scroll, scroll; }
}
@media screen and (max-width: 600px) {
  main { padding: 20px 14px 32px; }
  /* (the measures table still scrolls in its box, but less: its title column narrower) */
  td.title { min-width: 110px; }
}
.score { display: block; width: 160px; height: 10px; margin-top: 4px; border-radius: 5px;
  background: var(--line); overflow: hidden; }
.score span { display: block; height: 100%; background: #1d4ed8; }
""".replace("DEADLOCK_COLOUR", DEADLOCK)
CSS = CSS.replace("TIMELINE_LEAST", str(TIMELINE_LEAST)).replace("CHART_LEAST", str(CHART_LEAST))
CSS = CSS.replace("ID_CHAR", str(ID_CHAR))


def report_page(data: PageData) -> str:
    """The whole page as one string."""
    return "".join(report_pieces(data))


def report_pieces(data: PageData) -> Iterator[str]:
    """The page a piece at a time, each ending its line (a large ledger's page, most of
    it the table of every measure, is written without being held whole)."""
    ledger = data.ledger
    timeline = data.timeline
    span = ""
    if timeline.first and timeline.last:
        span = f"; events from {timeline.first.isoformat()} to {timeline.last.isoformat()}"
    title = ledger.title
    if data.as_of is not None:
        span += f"; as of {data.as_of.isoformat()}"
        if data.ended:  # (as every view's first line says it)
            said = f": {data.ended_note}" if data.ended_note else ""
            span += f", the day the talks ended{said} (--as-of DAY reads another)"
        elif data.ended_before is not None:  # (asked of that day or a later one)
            said = f": {data.ended_note}" if data.ended_note else ""
            span += f"; the talks ended on {data.ended_before}{said}"
        # (the title names the day too: a browser prints it atop each page, and names
        # the tab by it)
        title = f"{title} — as of {data.as_of.isoformat()}"
    if data.assumed:  # (said atop the page and in its title, as a view's first line)
        title = f"{title} — {what_if(data.assumed)}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{esc(ledger.title)}</h1>",
        f'<p class="sub">{counted(len(ledger.measures), "measure")}, '
        f"{counted(len(ledger.parties), 'party')}"
        f"{esc(span)}.</p>",
        f'<p class="sub"><strong>{esc(what_if(data.assumed))}</strong></p>' if data.assumed else "",
        (
            '<section class="alert"><h2>Unresolved merge conflicts</h2>'
            f"<p>{esc(data.conflicts)}. Until each is settled, this page shows our side of "
            "it.</p></section>"
            if data.conflicts
            else ""
        ),
        _deadlocks(data.plan.deadlocks, None if data.as_of is None else advised_on(data.as_of)),
        '<h2 id="summary">Who has acted, and what each side still owes</h2>',
        _cards(data),
        (
            '<p class="sub" style="margin-top:10px">Owed: its measures that acted while what '
            "they were exchanged for has not; owes: the reverse. Days counted to "
            f"{data.day.isoformat()}.</p>"
            if data.day and any(b.owed or b.owes for b in data.balances.values())
            else ""
        ),
        _legend(),
        timeline_svg(
            timeline,
            '<h2 id="timeline">Timeline</h2>\n'
            '<p class="sub keep">One lane per party, time running down the page. A filled dot is a '
            "party's own step, in the colour of the status it set, and the grey text under it "
            "says how many days after another party's latest step of an earlier day it came; "
            "a ring struck through is a measure rejected: turned down by the side it was "
            "offered to, or by its own party when demanded of it (the ledger does not say "
            "which, so it is no party's step); a hollow dot is a proposal (offered by its "
            "party or asked of it: the ledger does not say which), a note or a link; a diamond "
            f"is {esc(findings_said(timeline))}, in the colour of the status it gives "
            "(verified when it confirmed, disputed when it refuted; a partial finding in the "
            "colour of "
            "implemented). Events of one day stand one under another, joined by a line.</p>"
            + _supposed_key(data.assumed),
        ),
        _deadlock_history(data),
        _scorecard(data.scores, data.assumed),
        '<h2 id="plan">Phased plan</h2>',
        _plan(data),
        '<h2 id="measures">Measures</h2>',
    ]
    yield from (p + "\n" for p in parts if p)
    if ledger.measures:
        yield from (line + "\n" for line in _measure_table(data))
    else:  # (a page as of a day before the first measure: no empty table)
        yield '<p class="muted">No measures yet.</p>\n'
    yield (
        f"<footer>Made by dprk from the ledger &ldquo;{esc(ledger.title)}&rdquo;. "
        "Statuses: proposed and agreed are pending; implemented, verified and disputed have "
        "acted.</footer>\n</main>\n</body>\n</html>\n"
    )


def _supposed_key(assumed: list[str]) -> str:
    """Under --assume, what the timeline's dashed rings are: the steps the what-if
    supposes (`analysis.timeline.assumed_steps`), said hypothetical as the page says it."""
    if not assumed:
        return ""
    return (
        f'\n<p class="sub keep"><strong>{esc(what_if(assumed))}</strong>: a dashed ring is a '
        "step it supposes, on the day the page is of, in the colour of the status it "
        "gives.</p>"
    )


def _pill(status: str) -> str:
    fill, accent = status_colours(status)
    return (
        f'<span class="pill" style="background:{fill};color:{accent};border-color:{accent}">'
        f"{esc(status)}</span>"
    )


def _extent(m: Node) -> str:
    """How far an acted measure went, when not in full (PAM's levels)."""
    if m.acted and m.extent.value != "full":
        return f' <span class="muted">{esc(m.extent.value)}</span>'
    return ""


def _legend() -> str:
    return '<div class="legend">' + "".join(_pill(s) for s in STATUS_COLOURS) + "</div>"


def _deadlocks(deadlocks: list[Deadlock], on: date | None) -> str:
    """The deadlocks, each with the commands that would break it, dated `on` (the day of an
    --as-of report, `suggested`)."""
    if not deadlocks:
        return ""
    out = []
    for d in deadlocks:
        items = "".join(f"<li>{esc(line)}</li>" for line in deadlock_clauses(d))
        out.append('<section class="alert">')
        out.append(f"<h2>Deadlock: {esc(', '.join(d.measures))}</h2>")
        # (the day it has stood from, as `plan` gives it)
        first = "Nobody" if d.since is None else f"Since {d.since}, nobody"
        out.append(f"<p>{first} can go first:</p><ul>{items}</ul>")
        if d.suggestions:
            cmds = in_prose(_command(_as_run(s)) for s in suggested(d, on))
            out.append(
                "<p>They are exchanged for each other: carrying them out together would "
                f"break it ({cmds}).</p>"
            )
        dropping = drops_text(d, lambda c: _command(_as_run(dated(c, on))), esc)
        if dropping:
            out.append(f"<p>{dropping[0].upper()}{dropping[1:]}.</p>")
        out.append("</section>")
    return "\n".join(out)


def _deadlock_history(data: PageData) -> str:
    """Every deadlock the history held up to the page's day, one row each: the day it
    began and the day it ended (or that it stands still), the days it stood (to the page's
    day, standing), its measures and who demanded what, in the words `plan --history`
    gives them. Nothing when it held none."""
    if not data.history or data.day is None:
        return ""
    day = data.day.isoformat()
    asked = "dprk plan --history" + ("" if data.as_of is None else f" --as-of {day}")
    said = (
        "Every deadlock the talks have been in up to "
        f"{day}, as {_command(_as_run(asked))} gives it: the day it began, "
        "the day it ended or that it stands still, and who demanded what."
    )
    if data.assumed:  # (an assumption stands on the page's day, not before)
        said += (
            f" The days before {day} as they were; {day} hypothetical: "
            f"as if {esc(', '.join(data.assumed))}."
        )
    rows = []
    for number, p in enumerate(data.history, 1):
        until = f'<b style="color:{DEADLOCK}">standing</b>' if p.ended is None else p.ended
        stood = p.days(data.day)  # (as `plan --history` counts them)
        items = "".join(f"<li>{esc(line)}</li>" for line in deadlock_clauses(p.deadlock))
        if p.first != p.began:  # (circles that met parted: dated from an earlier stretch)
            items += f'<li class="muted">in this form from {p.first}</li>'
        rows.append(
            f'<tr><td class="num">{number}</td><td class="date">{p.began}</td>'
            f'<td class="date">{until}</td><td class="num">{stood}</td>'
            f'<td class="ids">{esc(", ".join(p.deadlock.measures))}</td>'
            f"<td><ul>{items}</ul></td></tr>"
        )
    head = "".join(
        f'<th scope="col"{css}>{name}</th>'
        for name, css in (
            ("#", ' class="num"'),
            ("from", ""),
            ("until", ""),
            ("days", ' class="num"'),
            ("measures", ""),
            ("who demanded what", ""),
        )
    )
    return (
        '<h2 id="deadlock-history">Deadlocks over time</h2>\n'
        f'<p class="sub">{said}</p>\n'
        f'<div class="wide"><table class="history"><thead><tr>{head}</tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table></div>"
    )


def _cards(data: PageData) -> str:
    if not data.summaries:  # (a ledger just made, with no party named yet)
        return '<p class="muted">No parties yet.</p>'
    by_party: dict[str, list[Node]] = {}
    for m in data.ledger.measures:
        by_party.setdefault(m.actor, []).append(m)
    steps = data.steps
    cards = ['<div class="cards">']
    wholes = {m.part_of for m in data.ledger.measures if m.part_of is not None}
    # (a disputed action's refutation: a party's claim, where parties alone refuted it)
    claimed = claims_in(data.balances, data.ledger)
    for name, s in data.summaries.items():
        measures = by_party.get(name, [])
        # (what `next` lists of the party: its rest of a measure done in part too)
        ready = sum(1 for r in steps.ready if r.actor == name)
        held = [r for r in steps.blocked if r.actor == name]
        stuck = sum(1 for r in held if r.deadlocked)
        blocked = len(held)
        extra = [f"{ready} ready to go", f"{blocked} blocked"]
        if stuck:
            extra[-1] += f' (<b style="color:{DEADLOCK}">{stuck} deadlocked</b>)'
        late = ""
        if data.day is not None:  # (as `status` counts them: past a deadline, not done in full)
            overdue = sum(1 for m in measures if is_overdue(m, data.day))
            count = f'<b style="color:{DEADLOCK}">{overdue}</b>' if overdue else "0"
            done_late = sum(1 for m in measures if m.late)  # (as `status --late` lists them)
            late = (
                f"<p>Deadlines: {count} overdue on {data.day.isoformat()}; "
                f"{done_late} done late.</p>"
            )
        unverified = sum(1 for m in measures if awaits_verification(m, wholes))
        cards.append(
            '<div class="card">'
            f"<h3>{esc(name)}</h3>"
            '<div class="nums">'
            f"<div><b>{s.measures}</b><span>measure{'s' if s.measures != 1 else ''}</span></div>"
            f"<div><b>{s.acted}</b><span>acted</span></div>"
            f"<div><b>{s.verified}</b><span>verified</span></div>"
            f"<div><b>{s.pending}</b><span>pending</span></div>"
            "</div>"
            + _breakdown(_status_counts(measures))
            # (what `next` lists: the pending, the rest of one done in part an order
            # holds, and one reversed the other side is owed for, to carry out again)
            + f"<p>To do: {', '.join(extra)}.</p>"
            + late
            + (f"<p>Acted but unverified: {unverified}.</p>" if unverified else "")
            + _balance(data.balances.get(name), claimed)
            + "</div>"
        )
    cards.append("</div>")
    return "\n".join(cards)


def _breakdown(counts: list[tuple[str, int]]) -> str:
    """A party's measures by status: a bar of the statuses' colours, and under it the
    same in words ("proposed 3 · agreed 2 · implemented 5"), each after a swatch of its
    colour. The words are what a screen reader reads, and what a reader who does not
    tell implemented from rejected by colour goes by: the bar, which says nothing more,
    is hidden from assistive technology."""
    if not counts:  # (a party with no measure: an empty bar, as before, and no words)
        return '<div class="bar" aria-hidden="true"></div>'
    bar = "".join(
        f'<span title="{esc(status)}: {count}" style="flex:{count};'
        f'background:{status_colours(status)[1]}"></span>'
        for status, count in counts
    )
    words = " &middot; ".join(  # (a status and its count on one line)
        f'<span class="each"><span class="swatch" style="background:'
        f'{status_colours(status)[1]}"></span>{esc(status)} {count}</span>'
        for status, count in counts
    )
    return f'<div class="bar" aria-hidden="true">{bar}</div><p class="breakdown">{words}</p>'


def _balance(
    balance: PartyBalance | None, claimed: Mapping[str, Sequence[str]] | None = None
) -> str:
    """What the party is owed and owes: its measures that acted with no return, and back;
    an action disputed said refuted by a verifier, or by the parties to the talks that
    alone refuted it (`claimed`: `analysis.balance.claimed_by_parties`)."""
    if balance is None or not (balance.owed or balance.owes):
        return ""
    claimed = claimed or {}

    def refuted(acted: str) -> str:
        by = claimed.get(acted)
        return esc(refuted_by_parties(by)) if by else "a verifier refuted it"

    lines = []
    for word, items in (("Owed", balance.owed), ("Owes", balance.owes)):
        if not items:
            continue
        shown = [
            f'<span class="id">{esc(o.measure)}</span> for <span class="id">'
            f"{esc(o.counterpart)}</span>"
            + (" (the rest: acted in part)" if o.in_part else "")
            + (f" (disputed: {refuted(o.measure)})" if o.disputed and word == "Owed" else "")
            + (
                f' (<span class="id">{esc(o.counterpart)}</span> disputed: '
                f"{refuted(o.counterpart)})"
                if o.disputed and word == "Owes"
                else ""
            )
            + (f" ({counted(o.days, 'day')})" if o.days is not None else "")
            + (f" ({_held(o, word)})" if o.held else "")
            for o in items
        ]
        first = named_first(shown, 3)
        rest = shown[len(first) :]
        lines.append(f"<p><b>{word}</b>: {'; '.join(first)}{'' if rest else '.'}</p>")
        if rest:  # (the rest on the page too, folded: no script needed to open it)
            lines.append(
                f"<details><summary>and {len(rest)} more</summary>"
                f"<p>{'; '.join(rest)}.</p></details>"
            )
    return "".join(lines)


def _held(o: Outstanding, word: str) -> str:
    """What holds a debt back, as the balance's table says it, each id marked."""
    owing = o.counterpart if word == "Owed" else o.measure
    said = [(w.after, wait_text(w, owing)) for w in o.held]
    return "held by " + ", ".join(
        f'<span class="id">{esc(after)}</span>{esc(text[len(after) :])}' for after, text in said
    )


def _status_counts(measures: Iterable[Node]) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for m in measures:
        counts[m.status.value] = counts.get(m.status.value, 0) + 1
    return [(s.value, counts[s.value]) for s in Status if s.value in counts]


def _plan(data: PageData) -> str:
    plan = data.plan
    index = data.ledger.index()
    if not index:
        return '<p class="muted">No measures yet.</p>'
    if not plan.phases and not plan.blocked and not plan.deadlocks:
        # (a reversed measure has neither acted, now, nor been dropped: undone, it may be
        # owed again, as the cards above say)
        undone = [n.id for n in data.ledger.measures if n.status == Status.reversed]
        if not undone:
            return (
                '<p class="muted">Nothing is pending: every measure has acted or been dropped.</p>'
            )
        # (Owes is pointed to for those something is owed for: each of them, named when
        # others are not)
        owed = {o.measure for b in data.balances.values() for o in b.owes}
        owing = [i for i in undone if i in owed]
        named = (
            ("it" if len(undone) == 1 else "them")
            if len(owing) == len(undone)
            else in_prose([f'<span class="id">{esc(i)}</span>' for i in owing], most=12)
        )
        said = (
            f"undone: what each side owes for {named} is under Owes, above" if owing else "undone"
        )
        return (
            '<p class="muted">Nothing is pending: every measure has acted or been dropped but '
            f"{in_prose([_chip(i, index) for i in undone], most=12)}, reversed ({said}).</p>"
        )
    out = ['<ol class="phases">']
    for phase in plan.phases:
        # (the rest of one carried out in part among those to act, by id, as `plan` has it)
        left = phase_left(phase)
        # (and what each is to be carried out together with, as the plan's table says it)
        joined = {i: [j for j in group if j != i] for group in phase.together for i in group}
        chips = [
            _chip(i, index, left[i], together_note(joined.get(i, [])))
            for i in (sorted(left) if phase.rest else left)
        ]
        chips += [
            f'<span class="chip">verify <span class="id">{esc(i)}</span>'
            + (f" by {esc(in_prose(phase.verify_by[i]))}" if i in phase.verify_by else "")
            + "</span>"
            for i in phase.verify
        ]
        out.append(
            f'<li><span class="n">Phase {phase.number}</span><div>{"".join(chips)}</div></li>'
        )
    out.append("</ol>")
    if plan.deadlocks or plan.blocked:
        stuck = sorted({i for d in plan.deadlocks for i in d.measures})
        lines = []
        if stuck:
            lines.append(
                f'<li><b style="color:{DEADLOCK}">Deadlocked</b>: '
                + "".join(_chip(i, index) for i in stuck)
                + "</li>"
            )
        for b in plan.blocked:
            lines.append(
                f"<li>{_chip(b.id, index)} waits for "
                + ", ".join(
                    f'<span class="id">{esc(i)}</span>'
                    for i in dict.fromkeys(blocked_waits(b))  # (as `plan` words them)
                )
                + "</li>"
            )
        out.append(
            '<p class="sub" style="margin-top:14px">Not in the plan until something changes:</p>'
        )
        out.append(f"<ul>{''.join(lines)}</ul>")
    return "\n".join(out)


def _chip(ident: str, index: dict[str, Node], left: str = "", together: str = "") -> str:
    """A measure's id and actor (and `left`, what is left of it: `rest_words`; `together`,
    what it is to be carried out together with: `together_note`)."""
    m = index.get(ident)
    who = f" <small>{esc(m.actor)}</small>" if m is not None else ""
    for said in (left, together):
        if said:
            who += f" <small>{esc(said)}</small>"
    return f'<span class="chip"><span class="id">{esc(ident)}</span>{who}</span>'


def _measure_table(data: PageData) -> Iterator[str]:
    """The table of every measure, a line at a time."""
    parties = data.ledger.parties

    party = finders(parties)  # (whether a finding by a name is a party's)
    # (in the order `dprk status` lists them: the file's, each measure's parts right
    # under it)
    ordered = list(data.ledger.measures)
    rows = list(folded(ordered))
    waited = (
        (wait_text(w, m.id), 0) for m in ordered if (r := data.readiness.get(m.id)) for w in r.waits
    )
    rooms = {  # (the columns of ids: each as wide as the longest run of its ids)
        "id": _room_for((m.id, 2 * depth) for depth, m in rows),  # (a part: set in, marked)
        "in exchange for": _room_for((i, 0) for m in ordered for i in m.in_exchange_for),
        "waits for": _room_for(waited),
    }
    yield '<div class="wide"><table class="measures">'
    yield (
        "<thead><tr>"
        + "".join(
            f'<th scope="col"{rooms.get(name, _NAMED.get(name, ""))}>{name}</th>'
            for name in (
                "id",
                "measure",
                "actor",
                "status",
                "verification",
                "in exchange for",
                "waits for",
                "since",
                "deadline",
            )
        )
        + "</tr></thead>"
    )
    yield "<tbody>"
    for depth, m in rows:
        state = data.readiness.get(m.id)
        if state is None:
            waits = '<span class="muted">&ndash;</span>'
        elif state.ready:
            waits = "ready"
        else:
            waits = "<br>".join(
                f'<span class="id">{esc(wait_text(w, m.id))}</span>'
                + (f' <span class="muted">({esc(w.demanded_by)})</span>' if w.demanded_by else "")
                for w in state.waits
            )
            if state.rest is not None:  # (what holds the rest of one carried out in part)
                waits = f'<span class="muted">the rest:</span> {waits}'
            if state.deadlocked:
                waits += f'<br><b style="color:{DEADLOCK}">deadlock</b>'
        if m.shown_finding is not None or m.status in (Status.verified, Status.disputed):
            # (worded as the status table and `show` word it, whichever finding came
            # first: 'confirmed (UN); partial (IAEA)', 'refuted (UN); partial (IAEA)';
            # with no finding to show, 'verified (its parts)'; a party's said so, as
            # `show` says it: 'refuted (Russia, a party)')
            verification = esc(verification_text(m, party))
        elif m.acted and m.parts_tally is not None:
            said = parts_verified_text(m.parts_tally)
            verification = f'<span class="muted">unverified</span> ({said})'
        else:
            verification = '<span class="muted">unverified</span>' if m.acted else ""
        last = m.since.isoformat() if m.since else ""
        deadline = m.deadline.isoformat() if m.deadline else ""
        if data.day is not None and is_overdue(m, data.day):
            late = flags_text(None, True, done_in_part(m))  # ('partly done, overdue')
            deadline += f'<br><b style="color:{DEADLOCK}">{late}</b>'
        elif m.late:  # (carried out in full after it: said as `show` says it, with the days)
            said = f"{flags_text(None, False, late=True)}: {done_late_text(m)}"
            deadline += f'<br><b class="muted">{esc(said)}</b>'
        stuck = ' class="stuck"' if state is not None and state.deadlocked else ""
        yield (
            f"<tr{stuck}>"
            f'<td class="id">{_nested(depth, m.id)}</td>'
            f'<td class="title">{esc(m.title)}</td>'
            f"<td>{esc(m.actor)}</td>"
            f"<td>{_pill(m.status.value)}{_extent(m)}</td>"
            f"<td>{verification}</td>"
            f'<td class="ids">{"<br>".join(esc(i) for i in m.in_exchange_for)}</td>'
            f'<td class="waits">{waits}</td>'
            f'<td class="date">{last}</td>'
            f'<td class="date">{deadline}</td>'
            "</tr>"
        )
    yield "</tbody>"
    yield "</table></div>"


# (a run a line breaks after, not in: a browser breaks after a hyphen, but not before
# a digit, and at a space)
_UNBROKEN = re.compile(r"(?:[^\s-]|-(?=\d))*-?")


def _room_for(ids: Iterable[tuple[str, int]]) -> str:
    """The style of the heading of a column of ids (each with how many characters more
    its first line holds: a part's mark, set in): as wide as their longest run of
    characters that a line does not break, up to `ID_ROOM`. Its ids break anywhere
    (CSS), and without it a column of ids shrank to a letter: every row of the printed
    table a column of single letters."""
    longest = max(
        (len(run) + (lead if not k else 0) for i, lead in ids
         for k, run in enumerate(_UNBROKEN.findall(i))),
        default=0,
    )  # fmt: skip
    if not longest:
        return ""
    # (`--room`, in characters: on screen ID_CHAR px each, printed in a smaller font, `CSS`)
    return f' class="room" style="--room:{min(longest, ID_ROOM)}"'


# The classes of the measures table's other headings the printed page sizes (`CSS`).
_NAMED = {"actor": ' class="actor"', "since": ' class="date"', "deadline": ' class="date"'}


def _nested(depth: int, ident: str) -> str:
    """A measure's id cell: a part under its measure, marked and set in by its depth."""
    if not depth:
        return esc(ident)
    return (
        f'<span class="part" style="padding-left:{(depth - 1) * 12}px" title="a part of the '
        f'measure above">&#x2514;&#xa0;</span>{esc(ident)}'
    )


# --- the scorecard ------------------------------------------------------------------------

CHART_WIDTH = 720
CHART_HEIGHT = 240
PARTY_COLOURS = ("#1d4ed8", "#b91c1c", "#15803d", "#a16207", "#86198f", "#0e7490", "#374151")


# A group with no commitment has no score: a dash, said in words (the score table's and
# the yearly table's cell).
_NO_SCORE = '<span aria-hidden="true">&ndash;</span><span class="unseen">no score</span>'


def _scorecard(card: Scorecard | None, assumed: list[str]) -> str:
    """Each party's score (Peace Accords Matrix scale) and, by year, a line chart;
    `assumed`: a what-if's assumptions, which the last year's scores take alone."""
    if card is None:
        return ""
    if not any(g.tally.measures for g in card.groups):
        return (
            '<h2 id="scorecard">How far each side went</h2>'
            f'<p class="muted">No commitments yet on {card.as_of.isoformat()}: a measure '
            "counts once agreed or carried out.</p>"
        )
    rows = []
    # (a column of the commitments that stand disputed, where one does, as the card's)
    disputed = any(g.tally.disputed for g in card.groups)
    late = any(g.tally.late for g in card.groups)  # (and of those done late, or overdue)
    overdue = any(g.tally.overdue for g in card.groups)
    for g in card.groups:
        t = g.tally
        score = _NO_SCORE if t.score is None else f"<b>{t.score}</b>"
        width = 0 if t.score is None else t.score
        rows.append(
            f'<tr><td>{esc(g.name)}</td><td class="num">{t.measures}</td>'
            f'<td class="num">{t.not_initiated}</td><td class="num">{t.minimal}</td>'
            f'<td class="num">{t.intermediate}</td><td class="num">{t.full}</td>'
            f'<td class="num">{score}</td>'
            f'<td><span class="score"><span style="width:{width}%"></span></span></td>'
            + (f'<td class="num">{t.disputed}</td>' if disputed else "")
            + (f'<td class="num">{t.late}</td>' if late else "")
            + (f'<td class="num">{t.overdue}</td>' if overdue else "")
            + "</tr>"
        )
    table = (
        '<div class="wide"><table class="scores"><thead><tr><th scope="col">party</th>'
        + "".join(
            f'<th scope="col" class="num">{name}</th>'
            for name in ("commitments", "not initiated", "minimal", "intermediate", "full", "score")
        )
        + '<th scope="col"><span class="unseen">score as a bar</span></th>'
        + ('<th scope="col" class="num">disputed</th>' if disputed else "")
        + ('<th scope="col" class="num">late</th>' if late else "")
        + ('<th scope="col" class="num">overdue</th>' if overdue else "")
        + "</tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></div>"
    )
    return (
        '<h2 id="scorecard">How far each side went</h2>'
        '<p class="sub keep">Commitments (measures agreed or carried out, now or before) by '
        "how far they were carried out, on the Peace Accords Matrix scale: not "
        "initiated 0, minimal 1, intermediate 2, full 3; score = 100 &times; levels / "
        f"(3 &times; commitments), on {card.as_of.isoformat()}."
        + (
            # (parties' refutations said so, as the card's note says them)
            " Disputed: " + esc(disputed_note(card).removeprefix("disputed: "))
            if disputed and card.claimed
            else " Disputed: the commitments whose action a verifier refuted; each still "
            "counts at the level it was carried out to, as a disputed measure is counted."
            if disputed
            else ""
        )
        + (" Late: " + esc(LATE_NOTE.removeprefix("late: ")) if late else "")
        + (" Overdue: " + esc(OVERDUE_NOTE.removeprefix("overdue: ")) if overdue else "")
        + "</p>"
        f'<div class="together">{table}{_score_chart(card, assumed)}</div>'
        + _score_years(card, assumed)
    )


def _score_years(card: Scorecard, assumed: list[str]) -> str:
    """Each party's score on 31 December of each year (the last: on the card's day), as
    `dprk scorecard --yearly` gives it: the chart's figures, read without the picture
    (a screen reader reads the picture's name alone). Under the chart, when there is one
    (two years or more)."""
    years = card.years
    if len(years) < 2:
        return ""
    said = f"Score {years_said(card.as_of, years, assumed)}"
    rows = []
    for g in card.groups:
        scores = dict(g.years)
        cells = "".join(
            f'<td class="num">{score}</td>'
            if (t := scores.get(y)) is not None and (score := t.score) is not None
            else f'<td class="num">{_NO_SCORE}</td>'
            for y in years
        )
        rows.append(f"<tr><td>{esc(g.name)}</td>{cells}</tr>")
    return (
        '\n<div class="wide"><table class="yearly">'
        f"<caption>{esc(said)}</caption><thead><tr>"
        f'<th scope="col">{esc(card.by)}</th>'
        + "".join(f'<th scope="col" class="num">{y}</th>' for y in years)
        + "</tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></div>"
    )


_DASHES = ("", "7 4", "2 3", "9 3 2 3", "4 4", "1 5")  # each party's line, in turn


def _score_chart(card: Scorecard, assumed: list[str]) -> str:
    years = card.years
    if len(years) < 2:
        return ""
    left, right, top, bottom = 44, 130, 16, 28
    inner_w = CHART_WIDTH - left - right
    inner_h = CHART_HEIGHT - top - bottom

    def x_of(year: int) -> float:
        return left + (year - years[0]) * inner_w / (years[-1] - years[0])

    def y_of(score: float) -> float:
        return top + inner_h * (1 - score / 100)

    out = []
    for level in (0, 25, 50, 75, 100):
        y = y_of(level)
        out.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + inner_w}" y2="{y:.1f}" '
            'stroke="#e5e7eb"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="#6b7280">{level}</text>'
        )
    # (a year's label is some 26 units wide at this size: every year, or every second,
    # third..., so that each has room beside the next)
    apart = inner_w / max(len(years) - 1, 1)
    step = max(1, math.ceil(34 / apart))
    for year in years[::step]:
        out.append(
            f'<text x="{x_of(year):.1f}" y="{CHART_HEIGHT - 8}" text-anchor="middle" '
            f'font-size="11" fill="#6b7280">{year}</text>'
        )
    legend_y = top + 4
    for i, g in enumerate(card.groups):
        # A year with no commitment has no score: the line breaks there, so that it
        # shows no score between two that does not exist.
        runs: list[list[tuple[float, float, int, int]]] = [[]]
        for year, tally in g.years:
            if tally.score is None:
                if runs[-1]:
                    runs.append([])
            else:
                runs[-1].append((x_of(year), y_of(tally.score), year, tally.score))
        runs = [run for run in runs if run]
        if not runs:
            continue
        colour = PARTY_COLOURS[i % len(PARTY_COLOURS)]
        dashes = _DASHES[i % len(_DASHES)]  # (told apart by more than colour)
        dashed = f' stroke-dasharray="{dashes}"' if dashes else ""
        for run in runs:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _, _ in run)
            out.append(
                f'<polyline class="score" points="{path}" fill="none" stroke="{colour}" '
                f'stroke-width="2.5"{dashed}><title>{esc(g.name)}</title></polyline>'
            )
            out.extend(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}">'
                f"<title>{esc(g.name)}, {year}: {score}</title></circle>"
                for x, y, year, score in run
            )
        legend_x = left + inner_w + 10
        # (a long name on more lines, up to six: "Jamahiriya al-Ar" was all of one shown)
        lines = _wrapped(g.name, CHART_WIDTH - legend_x - 30, 6, 12, breaks=" -")
        name = "".join(
            f'<tspan x="{legend_x + 26}" dy="{14 if k else 0}">{esc(line)}</tspan>'
            for k, line in enumerate(lines)
        )
        out.append(
            f'<line x1="{legend_x}" y1="{legend_y - 3}" x2="{legend_x + 20}" y2="{legend_y - 3}" '
            f'stroke="{colour}" stroke-width="2.5"{dashed}/>'
            f'<text x="{legend_x + 26}" y="{legend_y + 1}" '
            f'font-size="12" fill="#1f2937"><title>{esc(g.name)}</title>{name}</text>'
        )
        legend_y += 20 + 14 * (len(lines) - 1)
    tall = max(CHART_HEIGHT, legend_y - 8)  # (a long legend: the picture is taller)
    said = esc(f"Each party's score {years_said(card.as_of, years, assumed)}")
    return _scrolled(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {CHART_WIDTH} {tall}" '
        f'width="{CHART_WIDTH}" height="{tall}" role="img" aria-label="{said}" '
        'font-family="system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif">'
        f"<title>{said}</title>" + "".join(out) + "</svg>",
        "chart-box",
    )


# --- the timeline as SVG ------------------------------------------------------------------

WIDTH = 1100
AXIS = 96  # room for the date axis on the left
TOP = 44  # room for the lane headers
LINE = 15  # label line height
LABEL_GAP = 6  # between stacked labels
LABEL_STEP = 2 * LINE + LABEL_GAP  # from one label to the next below it
MEASURE_SIZE, DETAIL_SIZE = 12.5, 11.5  # a label's lines: the measure's (bold), the day's


MAX_EVENTS = 300  # a picture of more is a wall; `dprk timeline` lists them all
# The most a printed part of the timeline is tall, in its own units (1100 of them across
# some 720 px of an A4 or Letter page): a third of a page, so that a page breaks where a
# part ends and leaves little of it blank, whatever the sections above it take.
PAGE = 500
# A timeline no taller than a printed page (with room for the heading and key above it,
# kept on its page) is one picture, printed too. (At 1300, on Letter paper, the heading
# and key took a page of their own: the picture did not fit under them.)
ONE_PAGE = 1200
QUIET = 365  # days without an event drawn as a break rather than as empty space
BREAK = 48.0  # the height of a break
MONTH_ROOM = 17  # the least from one month's name on the axis to the next (`_month_lines`)


def _spans(days: list[date]) -> list[tuple[date, date]]:
    """The stretches of time with events, split wherever a year or more passed quietly."""
    spans = [[days[0], days[0]]]
    for day in days[1:]:
        if (day - spans[-1][1]).days > QUIET:
            spans.append([day, day])
        else:
            spans[-1][1] = day
    return [(start, end) for start, end in spans]


def _month_lines(start: date, end: date, y_of: Callable[[date], float]) -> list[tuple[date, float]]:
    """The months from `start` to `end` whose lines are drawn, each where `y_of` puts its
    first day. Two too near each other to print both keep the later: the one right above
    the events under it (the earlier, kept, stood over them, June's events under a line
    'May 1996'); none is drawn on the first day's label (`start`, on the axis). (Between
    two days' labels, `timeline_svg` leaves room for every month's name: none is left
    out there.)"""
    found: list[tuple[date, float]] = []
    month: date | None = date(start.year, start.month, 1)
    while month is not None and month <= end:
        if month >= start:
            found.append((month, y_of(month)))
        month = _next_month(month)
    top = y_of(start)
    kept: list[tuple[date, float]] = []
    below = math.inf  # (the line kept under it, from the bottom up)
    for month, y in reversed(found):
        if y - top > MONTH_ROOM - 1 and below - y > MONTH_ROOM - 1:
            kept.append((month, y))
            below = y
    return kept[::-1]


def _months_begun(after: date, until: date) -> int:
    """How many months begin after the day `after`, up to `until` (the first days of
    a month in between, `until` itself too)."""
    return (until.year - after.year) * 12 + until.month - after.month


def _next_month(month: date) -> date | None:
    """The first day of the month after `month` (None after the last a date can have)."""
    if month.month < 12:
        return month.replace(month=month.month + 1, day=1)
    return None if month.year == date.max.year else date(month.year + 1, 1, 1)


def _quiet(end: date, start: date) -> str:
    """A quiet time's length in whole months (`start` is the day its last month ends on,
    or after: from the 31st, the last day of a shorter month)."""
    from calendar import monthrange

    months = (start.year - end.year) * 12 + start.month - end.month
    if start.day < end.day and start.day != monthrange(start.year, start.month)[1]:
        months -= 1  # (the last month is not over)
    years, rest = divmod(months, 12)
    length = f"{years} year{'s' if years != 1 else ''}" + (
        f" {rest} month{'s' if rest != 1 else ''}" if rest else ""
    )
    return f"{length} without events ({end.isoformat()} to {start.isoformat()})"


def timeline_svg(timeline: Timeline, head: str = "") -> str:
    """The events drawn in time order down the page, one column (lane) per party, under
    `head` (the section's heading and key): printed, the two are kept on one page with
    the picture, or with its first part.

    Only the latest MAX_EVENTS are drawn, with a line saying so.
    """
    if not timeline.events:
        return _kept(head, '<p class="muted">No dated events yet.</p>')
    note = ""
    total = len(timeline.events)
    if len(timeline.events) > MAX_EVENTS:
        note = (
            f'<p class="sub">The latest {MAX_EVENTS} of {len(timeline.events)} events; '
            f"{_command(_as_run('dprk timeline'))} lists them all.</p>\n"
        )
        timeline = Timeline(timeline.lanes, timeline.events[-MAX_EVENTS:], timeline.parties)
    first, last = timeline.first, timeline.last
    assert first is not None and last is not None
    days = sorted({e.date for e in timeline.events})
    spans = _spans(days)
    active = sum(max((end - start).days, 0) for start, end in spans)
    scale = min(max(640 / max(active, 1), 2.0), 14.0)
    lanes = timeline.lanes
    lane_width = (WIDTH - AXIS) / max(len(lanes), 1)
    # Each day with events is as far below the one before as the time between them, at
    # `scale`, or as its labels need, whichever is more (the busiest lane's count that
    # day): a label stays beside its dot however many events a month holds, and time
    # still runs down the page, stretched where it was busy.
    # (a label is drawn 32 units into its lane: it keeps 8 units from the lane's end)
    labelled = [(e, _label(e, max(lane_width - 40, 60))) for e in timeline.events]
    busiest: Counter[tuple[date, str]] = Counter()
    for e, lines in labelled:
        busiest[e.date, e.lane] += _tall(lines) + LABEL_GAP
    room: dict[date, int] = {}  # (the height the labels of a day take in its busiest lane)
    for (day, _), tall in busiest.items():
        room[day] = max(room.get(day, 0), tall)
    placed: dict[date, float] = {}
    y = float(TOP + 16)
    previous: date | None = None
    for day in days:
        if previous is not None:
            quiet = (day - previous).days > QUIET
            apart = BREAK if quiet else (day - previous).days * scale
            below = room[previous] + (BREAK if quiet else 0)
            if not quiet and _months_begun(previous, day) > 1:
                # The months begun in between are drawn under the labels of the day before,
                # in proportion to their days (`y_of`): room there for each one's name,
                # the shortest month's too, where the labels take the time between (a
                # tall block of them, a long id on two lines, left a month unnamed).
                below = max(
                    below,
                    room[previous] - 0.5 * LABEL_STEP + MONTH_ROOM * (day - previous).days / 28,
                )
            y += max(apart, below)
        placed[day] = y
        previous = day

    def y_of(day: date) -> float:
        """Where `day` is drawn: a day with events where it was placed, another between
        the two days with events around it, in proportion."""
        i = bisect_right(days, day)
        if i == 0:
            return placed[days[0]]
        before = days[i - 1]
        if i == len(days) or day == before:
            return placed[before] + (day - before).days * scale
        after = days[i]
        # (from below the labels of the day before: a month's line does not cross them)
        low = placed[before] + room[before] - 0.5 * LABEL_STEP
        return low + (placed[after] - low) * (day - before).days / (after - before).days

    out: list[str] = []
    busy: list[tuple[float, float]] = []  # what a page's edge must not cut (`_page_cuts`)
    for i, (start, end) in enumerate(spans):
        # Month lines and labels within each stretch of events.
        for month, y in _month_lines(start, end, y_of):
            busy.append((y - 10, y + 6))
            out.append(
                f'<line x1="{AXIS - 8}" y1="{y:.1f}" x2="{WIDTH}" y2="{y:.1f}" '
                'stroke="#e5e7eb" stroke-dasharray="3 4"/>'
            )
            out.append(
                f'<text x="{AXIS - 12}" y="{y + 4:.1f}" text-anchor="end" font-size="12" '
                f'fill="#6b7280">{month.strftime("%b %Y")}</text>'
            )
        out.append(
            f'<text x="{AXIS - 12}" y="{y_of(start) + 4:.1f}" text-anchor="end" font-size="12" '
            f'font-weight="600" fill="#374151">{start.isoformat()}</text>'
        )
        busy.append((y_of(start) - 10, y_of(start) + 6))
        if i + 1 < len(spans):  # a long quiet time: a break, not empty space
            resumes = y_of(spans[i + 1][0])  # (below the last day's labels)
            gap_top = resumes - BREAK * 0.75
            gap_mid = resumes - BREAK * 0.5
            busy.append((gap_top - 1, gap_top + BREAK * 0.5 + 1))
            out.append(
                f'<rect class="break" x="{AXIS - 8}" y="{gap_top:.1f}" '
                f'width="{WIDTH - AXIS + 8}" height="{BREAK * 0.5:.1f}" fill="#f9fafb" '
                'stroke="#d1d5db" stroke-dasharray="6 4"/>'
            )
            out.append(
                f'<text x="{(AXIS + WIDTH) / 2:.1f}" y="{gap_mid + 4:.1f}" text-anchor="middle" '
                f'font-size="12" fill="#6b7280">{_quiet(end, spans[i + 1][0])}</text>'
            )
    bottom = y_of(last)
    labels_end = bottom
    axes: list[tuple[int, float]] = []  # where each lane's axis goes in `out`, and its x
    heads: list[str] = []  # each lane's name, atop the picture (and atop each printed part)
    for i, party in enumerate(lanes):
        left = AXIS + i * lane_width
        x = left + 14
        heads.append(
            f'<rect x="{left + 2:.1f}" y="4" width="{lane_width - 4:.1f}" height="26" rx="6" '
            'fill="#f3f4f6"/>'
        )
        heads.append(
            f'<text x="{left + lane_width / 2:.1f}" y="22" text-anchor="middle" font-size="14" '
            f'font-weight="700" fill="#1f2937"><title>{esc(party)}</title>'
            f"{esc(_fit(party, lane_width - 16, 14))}</text>"
        )
        mine = [(e, lines) for e, lines in labelled if e.lane == party]
        lane_parts, lane_end = _lane(mine, x, y_of, busy)
        labels_end = max(labels_end, lane_end)
        axes.append((len(out), x))  # (drawn once the height is known, under the events)
        out.append("")
        out.extend(lane_parts)
    height = labels_end + 24
    for at, x in axes:
        out[at] = (
            f'<line x1="{x:.1f}" y1="{TOP:.1f}" x2="{x:.1f}" y2="{height - 8:.1f}" '
            'stroke="#d1d5db" stroke-width="2"/>'
        )
    body = "\n".join(out)
    lane_heads = "\n".join(heads)
    cuts = _page_cuts(busy, height)
    label = esc(_timeline_said(timeline, total))
    if len(cuts) == 2:  # (it fits a page: one picture)
        picture = _timeline_picture("", 0, height, label, f"\n{lane_heads}\n{body}\n")
        return _kept(head, note + _scrolled(picture, "timeline-box"))
    # Taller than a printed page: on screen one picture, as above; printed, in parts one
    # under the other, each cut between two rows of labels and no taller than a page (a
    # page breaks between two parts, never through a label), each under the lanes' names.
    # The drawing is written once: the parts show it through `<use>`.
    inside = (
        f'\n<g id="timeline-lanes">\n{lane_heads}\n</g>\n<g id="timeline-body">\n{body}\n</g>\n'
    )
    whole = _timeline_picture("timeline-whole", 0, height, label, inside)
    pictures = [_scrolled(whole, "timeline-box")]  # (the parts are printed, never scrolled)
    for k, (top, bottom) in enumerate(itertools.pairwise(cuts)):
        shown = '<use href="#timeline-body"/>'
        if k:
            top -= TOP  # (room for the lanes' names, over what the part before showed)
            # (from a little above the part's top: a label the edge crosses leaves no
            # sliver in the row of dots it is printed at)
            shown += (
                f'<rect x="0" y="{top - 4:.1f}" width="{WIDTH}" height="{TOP + 4}" fill="#fff"/>'
            )
        shown += f'<use href="#timeline-lanes" transform="translate(0 {top:.1f})"/>'
        said = f"{label}, part {k + 1} of {len(cuts) - 1}"
        pictures.append(_timeline_picture("timeline-part", top, bottom - top, said, shown))
    # (the heading and key in one block with the first part, printed on one page)
    return _kept(head, note + "\n".join(pictures[:2])) + "\n" + "\n".join(pictures[2:])


def _timeline_said(timeline: Timeline, total: int) -> str:
    """What the timeline's picture shows, in words: its name for a screen reader (which
    reads a picture by its name, not its marks) and its tooltip. How many events (of
    `total`, when only the latest are drawn), over what time, in which parties' lanes."""
    first, last = timeline.first, timeline.last
    assert first is not None and last is not None
    shown = len(timeline.events)
    said = f"Timeline of {counted(shown, 'event')}"
    if shown < total:
        said = f"Timeline of the latest {shown} of {total} events"
    if first == last:
        said += f", on {first.isoformat()}"
    else:
        # (the days between them, as the timeline's "days after" and the balance count)
        days = counted((last - first).days, "day")
        said += f", from {first.isoformat()} to {last.isoformat()} ({days})"
    lanes = timeline.lanes
    if len(lanes) == 1:
        return f"{said}, in one lane, for {lanes[0]}"
    return f"{said}, one lane for each party: {in_prose(lanes)}"


def _scrolled(picture: str, box: str) -> str:
    """A wide `picture` on screen in a box (`box`: its class) that scrolls sideways where
    the screen is narrower than the least width the box gives it (`CSS`); printed, as it
    was (the print rules let a `.wide` box overflow, and the least width is the screen's)."""
    return f'<div class="wide {box}">{picture}</div>'


def _kept(head: str, picture: str) -> str:
    """`head` and the `picture` under it, printed on one page."""
    return f'<div class="kept">\n{head}\n{picture}\n</div>' if head else picture


def _timeline_picture(css: str, top: float, tall: float, label: str, inside: str) -> str:
    """One SVG of the timeline, showing its drawing from `top`, `tall` units down: the
    whole, or a printed part (`css`: its class)."""
    cls = f' class="{css}"' if css else ""
    return (
        f'<svg{cls} xmlns="http://www.w3.org/2000/svg" viewBox="0 {top:g} {WIDTH} {tall:g}" '
        f'width="{WIDTH}" height="{tall:.0f}" role="img" aria-label="{label}" '
        'font-family="system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif">'
        f"<title>{label}</title>{inside}</svg>"
    )


def _page_cuts(busy: list[tuple[float, float]], height: float) -> list[float]:
    """Where a picture `height` tall, taller than a page (`ONE_PAGE`), is cut into parts
    no taller than `PAGE` (the first, half of it): 0, each cut, and `height`. A cut
    falls where nothing `busy` names is drawn (a label, a mark, a month's name), as low
    as it may; where no such place is (a part all labels), at the part's height. A
    picture no taller than a page is not cut: 0 and `height`."""
    spans = sorted(busy)
    free: list[tuple[float, float]] = []  # (where, how much room) between busy stretches
    reach = 0.0
    for top, bottom in spans:
        if top > reach:
            free.append(((reach + top) / 2, top - reach))
        reach = max(reach, bottom)
    cuts = [0.0]
    while height > ONE_PAGE and height - cuts[-1] > PAGE:
        # (the first, half as tall: it fits below the sections above it, most often)
        tall = PAGE - TOP if len(cuts) > 1 else PAGE / 2
        limit = cuts[-1] + tall
        fits = [(y, room) for y, room in free if cuts[-1] + tall / 4 < y <= limit]
        # (in the part's lower half, between two days' rows where they are apart, as low
        # as may be; else as low as may be between two rows: the labels of one day,
        # stacked close, are cut apart only where nothing else is)
        roomy = [y for y, room in fits if room >= 12 and y >= cuts[-1] + tall / 2]
        cuts.append(roomy[-1] if roomy else fits[-1][0] if fits else limit)
    cuts.append(height)
    return cuts


class _Lines(NamedTuple):
    """A timeline label's lines: the measure's (one, or up to four in a narrow lane), and
    the day's, with what happened and how many days after whom (one, or up to four)."""

    measure: list[str]
    detail: list[str]
    tooltip: str  # (the detail's whole text)


def _tall(lines: _Lines) -> int:
    """From a label's first line to below its last."""
    return (len(lines.measure) + len(lines.detail)) * LINE


def _label(e: Event, room: float) -> _Lines:
    """The lines of `e`'s label, each no wider than `room`. A measure's id too long for a
    line goes on up to four, cut after hyphens where it has them. The day's line, too
    long, keeps the day and the days after together as far as they fit, and puts what
    happened below them, on up to four lines, cut after a space or a hyphen (three more
    for a change of an exchange link, whose words end in the other measure's id, which
    may take four lines as the measure's own does). Only what those lines cannot
    hold (a long note) is cut short: the whole text is the label's tooltip, and `dprk
    timeline` lists it."""
    day, words = e.date.isoformat(), event_words(e)
    after = (
        f"{e.days_since} d after {in_prose(e.answers or ())}" if e.days_since is not None else ""
    )
    tooltip = " · ".join(filter(None, (day, words, after)))
    measure = _wrapped(e.measure, room, 4, MEASURE_SIZE)
    if _width(tooltip, DETAIL_SIZE) <= room:
        return _Lines(measure, [tooltip], tooltip)
    detail: list[str] = []
    count = 7 if e.kind == "exchange" else 4
    for piece in filter(None, (day, after, words)):
        joined = f"{detail[-1]} · {piece}" if detail else piece
        if detail and _width(joined, DETAIL_SIZE) <= room:
            detail[-1] = joined
        else:
            detail.extend(_wrapped(piece, room, count, DETAIL_SIZE, breaks=" -"))
    return _Lines(measure, detail, tooltip)


def _wrapped(text: str, room: float, count: int, size: float, breaks: str = "-_ ") -> list[str]:
    """`text` at `size` px on at most `count` lines of `room`, each cut after the last of
    `breaks` that fits (or where the line is full); the last shortened if it must be."""
    lines: list[str] = []
    while len(lines) < count - 1 and _width(text, size) > room:
        kept = max(_fitting(text, room, size), 1)
        cut = max((k + 1 for k, ch in enumerate(text[:kept]) if ch in breaks), default=kept)
        lines.append(text[:cut].rstrip(" "))
        text = text[cut:].lstrip(" ")
    return [*lines, _fit(text, room, size)]


def _lane(
    events: list[tuple[Event, _Lines]],
    x: float,
    y_of: Callable[[date], float],
    busy: list[tuple[float, float]],
) -> tuple[list[str], float]:
    """One lane's dots and labels; labels are pushed down so they never overlap. Where
    each mark and label is drawn is added to `busy`."""
    parts: list[str] = []
    next_free = 0.0
    same_day: dict[date, int] = {}
    for e, lines in events:
        y = y_of(e.date)
        label_y = max(y, next_free)
        next_free = label_y + _tall(lines) + LABEL_GAP
        nth = same_day.get(e.date, 0)
        same_day[e.date] = nth + 1
        dot_x, text_x = x, x + 18
        if nth:  # (another event of that day: its mark beside its own label, joined to the day)
            parts.append(
                f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x:.1f}" y2="{label_y:.1f}" '
                'stroke="#94a3b8" stroke-width="2"/>'
            )
            y = label_y
        elif label_y - y > 1:
            parts.append(
                f'<path d="M{dot_x:.1f},{y:.1f} C{x + 10:.1f},{y:.1f} {x + 6:.1f},{label_y:.1f} '
                f'{text_x - 4:.1f},{label_y:.1f}" fill="none" stroke="#cbd5e1"/>'
            )
        parts.append(_mark(e, dot_x, y))
        busy.append((y - 9, y + 9))  # (a mark, and its label's lines, from the top of
        busy.append((label_y - 7, label_y + 8 + _tall(lines) - LINE))  # the first down)
        line_y = label_y + 4
        for text in lines.measure:
            parts.append(
                f'<text x="{text_x:.1f}" y="{line_y:.1f}" font-size="12.5" font-weight="600" '
                f'fill="#111827"><title>{esc(e.title)}</title>{esc(text)}</text>'
            )
            line_y += LINE
        for k, text in enumerate(lines.detail):
            more = ' class="more"' if k else ""  # (a line the one above goes on to)
            parts.append(
                f'<text{more} x="{text_x:.1f}" y="{line_y:.1f}" font-size="11.5" '
                f'fill="#6b7280"><title>{esc(lines.tooltip)}</title>{esc(text)}</text>'
            )
            line_y += LINE
    return parts, next_free


def _mark(e: Event, x: float, y: float) -> str:
    since = e.days_since
    after = (
        f" ({counted(since, 'day')} after {in_prose(e.answers or ())})" if since is not None else ""
    )
    # (the party whose measure it is: a screen reader, which reads the title, is not
    # shown the lane it is drawn in)
    said = f"{e.date.isoformat()}, {e.lane}: {e.measure} {event_words(e)}{after}"
    title = f"<title>{esc(said)}</title>"
    if e.kind == "verification":
        fill, accent = status_colours("verified" if e.result is None else _result_status(e))
        return (
            f'<path d="M{x:.1f},{y - 7:.1f} L{x + 7:.1f},{y:.1f} L{x:.1f},{y + 7:.1f} '
            f'L{x - 7:.1f},{y:.1f} Z" fill="{fill}" stroke="{accent}" stroke-width="2">'
            f"{title}</path>"
        )
    if rejection(e):  # (no step of its party's: a ring struck through, no filled dot)
        fill, accent = status_colours(Status.rejected.value)
        return (
            f'<path d="M{x - 6:.1f},{y:.1f} a6,6 0 1,0 12,0 a6,6 0 1,0 -12,0 '
            f'M{x - 4.2:.1f},{y + 4.2:.1f} L{x + 4.2:.1f},{y - 4.2:.1f}" fill="{fill}" '
            f'stroke="{accent}" stroke-width="2">{title}</path>'
        )
    if e.kind == ASSUMED and e.status is not None:  # (supposed: a dashed ring, its colour)
        fill, accent = status_colours(e.status.value)
        return (
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="#fff" stroke="{accent}" '
            f'stroke-width="2.5" stroke-dasharray="3 2">{title}</circle>'
        )
    if e.move and e.status is not None:
        fill, accent = status_colours(e.status.value)
        return (
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6.5" fill="{accent}" stroke="#fff" '
            f'stroke-width="2">{title}</circle>'
        )
    return (
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="#fff" stroke="#9ca3af" '
        f'stroke-width="2">{title}</circle>'
    )


def _result_status(e: Event) -> str:
    return {"confirmed": "verified", "refuted": "disputed"}.get(
        e.result.value if e.result else "", "implemented"
    )


def _fit(text: str, room: float, size: float) -> str:
    """`text` at `size` px shortened to what `room` holds."""
    if _width(text, size) <= room:
        return text
    return text[: _fitting(text, room - _width("…", size), size)] + "…"


# How wide each character is drawn, in hundredths of an em (rounded up), by the widest
# sans-serif a browser may draw the pictures in: DejaVu Sans Bold, Linux's default (Arial,
# Segoe UI, Roboto and the regular weight are narrower). Measured by an average
# character (0.55 em), a label in DejaVu Sans ran a tenth past its room, and the
# picture's right edge cut it. The printable ASCII characters, from " " to "~":
_ASCII_EMS = (
    35, 46, 53, 84, 70, 101, 88, 31, 46, 46, 53, 84, 38, 42, 38, 37, 70, 70, 70, 70, 70, 70,
    70, 70, 70, 70, 40, 40, 84, 84, 84, 59, 100, 78, 77, 74, 84, 69, 69, 83, 84, 38, 38, 78,
    64, 100, 84, 86, 74, 86, 78, 73, 69, 82, 78, 111, 78, 73, 73, 46, 37, 46, 84, 50, 50, 68,
    72, 60, 72, 68, 44, 72, 72, 35, 35, 67, 35, 105, 72, 69, 72, 72, 50, 60, 48, 72, 66, 93,
    65, 66, 59, 72, 37, 72, 84,
)  # fmt: skip
# Any other character of one column (Cyrillic, Greek, accented Latin): as wide as its
# widest letters (Cyrillic's ж ш щ ю Ж Ш Щ Ю take more), a capital wider.
_WIDE_EMS = {"…": 1.0, **dict.fromkeys("жфшщыюМФ", 1.11), **dict.fromkeys("ЖШЩЫЮ", 1.33)}
_OTHER_EM, _OTHER_CAPITAL_EM = 0.85, 1.0
_BY_CELLS = {0: 0.0, 2: 1.0}  # (a combining accent; a wide East Asian character)


def _width(text: str, size: float) -> float:
    """How wide `text` is drawn at `size` px, at most (a wide East Asian character takes
    an em; a combining accent nothing)."""
    return size * sum(_em(ch) for ch in text)


def _em(ch: str) -> float:
    if " " <= ch <= "~":
        return _ASCII_EMS[ord(ch) - 32] / 100
    found = _WIDE_EMS.get(ch)
    if found is not None:
        return found
    return _BY_CELLS.get(cells(ch), _OTHER_CAPITAL_EM if ch.isupper() else _OTHER_EM)


def _fitting(text: str, room: float, size: float) -> int:
    """How many of `text`'s first characters fit in `room` at `size` px."""
    kept, used = 0, 0.0
    for ch in text:
        used += _em(ch) * size
        if used > room:
            break
        kept += 1
    return kept


def _as_run(command: str) -> str:
    """A dprk command the page advises, as it runs on the ledger the page was made from
    (named with --ledger: 'dprk --ledger FILE ...', `advise_as`)."""
    from . import advised_as

    prog = advised_as()
    return prog + command[len("dprk") :] if command.startswith("dprk ") else command


def _command(command: str) -> str:
    """A command the page advises, as code that a line breaks at its spaces alone: a
    browser also breaks after a hyphen, and '--date' read '-' and '-date'."""
    words = " ".join(f"<span>{esc(word)}</span>" for word in command.split(" "))
    return f'<code class="run">{words}</code>'
