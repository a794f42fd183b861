"""The scorecard report: per group, the commitments at each level and the score.

JSON: {"as_of", "by", "groups": [{"name", "measures", "not_initiated", "minimal",
"intermediate", "full", "score", "disputed", "years"?, "late", "overdue"}]}; CSV one row per
group (and, with --yearly, one per group and year, with a `year` column). For people, a
small bar per group and, by year, a row per group.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..analysis.scorecard import Scorecard, Tally
from ..shapes import SCORE_COLUMNS, SCORE_YEARLY_COLUMNS
from ..vocab import refuted_by_parties
from . import Column, Report, Section

BAR = 10  # characters in a score bar


def tally_record(tally: Tally) -> dict[str, Any]:
    return {
        "measures": tally.measures,
        "not_initiated": tally.not_initiated,
        "minimal": tally.minimal,
        "intermediate": tally.intermediate,
        "full": tally.full,
        "score": tally.score,
        "disputed": tally.disputed,
        "late": tally.late,
        "overdue": tally.overdue,
    }


def bar(score: int | None) -> str:
    """'███████░░░' for 70; empty for no score."""
    if score is None:
        return ""
    filled = round(score * BAR / 100)
    return "█" * filled + "░" * (BAR - filled)


def _shown(name: str) -> str:
    """A group's name in a table: '(no category)' for the measures with none."""
    return name or "(no category)"


def scorecard_report(card: Scorecard, *, yearly: bool, assumed: list[str] | None = None) -> Report:
    """The card as one report; with `yearly`, its years too (`assumed`: a what-if's
    assumptions, which the last year takes alone, as the yearly table says)."""
    groups: list[dict[str, Any]] = []
    records: list[dict[str, Any]] = []
    for g in card.groups:
        # (the measures with no category: "", as `status` gives their `category`, so that
        # the two join; no category a ledger holds is blank)
        name = g.name
        group = {"name": name} | tally_record(g.tally)
        if yearly:  # (`late` and `overdue` after `years`: keys added later go last)
            counts = {key: group.pop(key) for key in ("late", "overdue")}
            group["years"] = [{"year": y} | tally_record(t) for y, t in g.years]
            group.update(counts)
            records.extend({"name": name, "year": y} | tally_record(t) for y, t in g.years)
        else:
            records.append({"name": name} | tally_record(g.tally))
        groups.append(group)
    document = {"as_of": card.as_of.isoformat(), "by": card.by, "groups": groups}
    disputed = any(g.tally.disputed for g in card.groups)
    late = any(g.tally.late for g in card.groups)
    overdue = any(g.tally.overdue for g in card.groups)
    rows = [
        {"name": _shown(g.name)} | tally_record(g.tally) | {"bar": bar(g.tally.score)}
        for g in card.groups
    ]
    sections = [
        Section(
            f"Scorecard on {card.as_of.isoformat()}, by {card.by}",
            [
                Column("name", card.by, priority=100, label=True),
                Column("measures", "commitments", justify="right", priority=90),
                # (in a narrow terminal the lower levels go first)
                Column("not_initiated", "none", justify="right", priority=57),
                Column("minimal", "min", justify="right", priority=58),
                Column("intermediate", "mid", justify="right", priority=59),
                Column("full", "full", justify="right", priority=60),
                Column("score", "score", justify="right", priority=95),
                Column("bar", "", priority=50),
                # (only where one stands disputed: a column of noughts says nothing)
                *([Column("disputed", "disputed", justify="right", priority=56)] * disputed),
                *([Column("late", "late", justify="right", priority=55)] * late),
                *([Column("overdue", "overdue", justify="right", priority=54)] * overdue),
            ],
            rows,
            empty="(no commitments)",
        )
    ]
    years = card.years
    if yearly and years:
        sections.append(
            Section(
                f"Score {years_said(card.as_of, years, assumed or [])}",
                [Column("name", card.by, priority=100, label=True)]
                + [
                    Column(str(y), str(y), justify="right", priority=p)
                    for y, p in zip(years, year_priorities(years, card.years_changed), strict=True)
                ],
                [
                    {"name": _shown(g.name)} | {str(y): t.score for y, t in g.years}
                    for g in card.groups
                ],
            )
        )
    notes = [
        "Commitments are measures agreed or carried out, now or before (one withdrawn, "
        "rejected or offered again since stays one, at none). Levels: none 0, minimal 1, "
        "intermediate 2, full 3; score = 100 × levels / (3 × commitments)."
    ]
    if disputed:
        notes.append(disputed_note(card))
    if late:
        notes.append(LATE_NOTE)
    if overdue:
        notes.append(OVERDUE_NOTE)
    return Report(
        document=document,
        records=records,
        columns=(SCORE_YEARLY_COLUMNS if yearly else SCORE_COLUMNS),
        sections=sections,
        notes=notes,
        id_key=None,
    )


# (said under a card where a commitment stands disputed)
DISPUTED_NOTE = (
    "disputed: commitments whose action a verifier refuted; each still counts at the "
    "level it was carried out to (full, for one done in full), as a disputed measure is "
    "counted."
)
_STILL_COUNTS = DISPUTED_NOTE.split("; ", 1)[1]
# (said under a card where a commitment was done late, or is overdue)
LATE_NOTE = (
    "late: commitments carried out in full after their deadline as it stood that day; "
    "each still counts at the level it was carried out to."
)
OVERDUE_NOTE = (
    "overdue: commitments past their deadline on the day and not carried out in full (as "
    "status --overdue has them); each counts at the level it reached."
)


def disputed_note(card: Scorecard) -> str:
    """What the card's disputed column counts (`DISPUTED_NOTE`), where parties to the
    talks alone refuted some of them (`Scorecard.claimed`) said to be their claim, in the
    words the balance's note has: 'disputed: commitments whose action was refuted by
    Russia, a party to the talks, not by a verifier (...)'; with a verifier's refutation
    beside, both."""
    if not card.claimed:
        return DISPUTED_NOTE
    names = list(dict.fromkeys(name for by in card.claimed.values() for name in by))
    its = "its" if len(names) == 1 else "their"
    if sum(g.tally.disputed for g in card.groups) > len(card.claimed):  # (a verifier's too)
        said = (
            f"a verifier refuted, or that was {refuted_by_parties(names)}, alone ({its} "
            "claim, not a verifier's finding)"
        )
    else:
        said = (
            f"was {refuted_by_parties(names)}, not by a verifier ({its} claim that it was not done)"
        )
    return f"disputed: commitments whose action {said}; {_STILL_COUNTS}"


def year_priorities(years: list[int], changed: set[int]) -> list[int]:
    """Each year column's priority, in a terminal too narrow for them all: the last (the
    view's day) is kept longest, then the years in which something changed (`changed`:
    `Scorecard.years_changed`, or the balance's by year), then those in which nothing
    did, whose figures are the year before's; within each, the earliest go first. Each
    below the name's (100)."""
    turns = sorted(years, key=lambda y: (y == years[-1], y in changed, y))
    rank = {y: i for i, y in enumerate(turns)}
    return [89 - len(years) + 1 + rank[y] for y in years]


def years_said(day: date, years: list[int], assumed: list[str]) -> str:
    """'on 31 December of each year (2021: on 2021-06-30)', as a yearly view (the
    scorecard's table, the report's chart and table) says what it shows; under --assume
    (`assumed`), that the years before the last are as they were, the last hypothetical
    (an assumption stands on the day asked of, not before)."""
    said = f"on 31 December of each year{last_year_said(day, years)}"
    if not assumed:
        return said
    return (
        f"{said}. The years before {years[-1]} as they were; {years[-1]} hypothetical: "
        f"as if {', '.join(assumed)}"
    )


def last_year_said(day: date, years: list[int]) -> str:
    """' (2021: on 2021-06-30)': a yearly view's last year is drawn on the view's `day`
    (the card's, the balance's), unless that day ends it; '' when it does."""
    cut = day.year == years[-1] and (day.month, day.day) != (12, 31)
    return f" ({years[-1]}: on {day.isoformat()})" if cut else ""
