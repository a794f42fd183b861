"""`dprk check`: a ledger's problems, found by a named, ordered list of pure checks.

Each check is a function `(ledger) -> list[Problem]` that reports what is
wrong and never raises. `CHECKS` is the registry, run in order by
`run_checks`; the command and every output format pick up whatever is in it.
To add a check, write the function and append it:

    CHECKS.append(Check("merge-conflicts", merge_conflicts))

A problem is an *error* (the ledger is wrong: `dprk check` exits 1) or a
*warning* (worth seeing; an error only under `--strict`). Its message names
what is wrong and what to do. Checks run on whatever `store.load` accepts,
including a hand-edited ledger that repeats an id (which no write allows).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from ..model import HistoryEntry, Ledger, Measure
from ..vocab import ACTED, PENDING, Require, Result
from .sequencing import deadlock_text, find_deadlocks

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One problem: how bad, which check found it, the measure (None: the ledger), what to do."""

    severity: str
    check: str
    measure: str | None
    message: str


@dataclass(frozen=True)
class Check:
    """A named check: `run(ledger)` returns its problems."""

    name: str
    run: Callable[[Ledger], list[Problem]]


def error(measure: str | None, message: str) -> Problem:
    """An error; `run_checks` fills in the name of the check that found it."""
    return Problem(ERROR, "", measure, message)


def warning(measure: str | None, message: str) -> Problem:
    return Problem(WARNING, "", measure, message)


# --- the checks, in the order they run -------------------------------------------------


def duplicate_ids(ledger: Ledger) -> list[Problem]:
    counts = Counter(m.id for m in ledger.measures)
    return [
        error(
            ident,
            f"id '{ident}' is used by {n} measures; give each its own id by editing the file "
            "(dprk refuses to change the ledger until then)",
        )
        for ident, n in counts.items()
        if n > 1
    ]


def self_references(ledger: Ledger) -> list[Problem]:
    found = []
    for m in ledger.measures:
        if m.id in m.in_exchange_for:
            found.append(
                error(m.id, f"is exchanged for itself; remove '{m.id}' from its in_exchange_for")
            )
        for c in m.constraints:
            if c.other == m.id:
                kind = "together with" if c.with_ is not None else "after"
                found.append(
                    error(
                        m.id,
                        f"is sequenced {kind} itself; remove that with "
                        f"'dprk sequence {m.id} --remove {m.id}'",
                    )
                )
    return found


def unknown_links(ledger: Ledger) -> list[Problem]:
    known = {m.id for m in ledger.measures}
    found = []
    for m in ledger.measures:
        for other in m.in_exchange_for:
            if other not in known:
                found.append(
                    error(
                        m.id,
                        f"in_exchange_for names '{other}', which is not in the ledger; correct "
                        "the id or remove it from the list",
                    )
                )
        for c in m.constraints:
            if c.other not in known:
                kind = "together with" if c.with_ is not None else "after"
                found.append(
                    error(
                        m.id,
                        f"is sequenced {kind} '{c.other}', which is not in the ledger; correct "
                        f"the id or run 'dprk sequence {m.id} --remove {c.other}'",
                    )
                )
    return found


def _one_sided(
    ledger: Ledger, links: Callable[[Measure], list[str]], advice: Callable[[str, str], str]
) -> list[Problem]:
    """Problems for each link from a measure that its partner does not return."""
    index = ledger.index()
    found = []
    for m in ledger.measures:
        for other in links(m):
            partner = index.get(other)
            if partner is not None and other != m.id and m.id not in links(partner):
                found.append(error(m.id, advice(m.id, other)))
    return found


def one_sided_exchanges(ledger: Ledger) -> list[Problem]:
    return _one_sided(
        ledger,
        lambda m: m.in_exchange_for,
        lambda mine, other: (
            f"is exchanged for '{other}', but '{other}' does not list it; add "
            f"'{mine}' to the in_exchange_for of '{other}' (or drop the link here)"
        ),
    )


def one_sided_with(ledger: Ledger) -> list[Problem]:
    return _one_sided(
        ledger,
        lambda m: m.together_with,
        lambda mine, other: (
            f"is to go together with '{other}', but '{other}' does not say so; run "
            f"'dprk sequence {mine} --with {other}' to record it on both"
        ),
    )


def undeclared_parties(ledger: Ledger) -> list[Problem]:
    declared = set(ledger.parties)
    found = []
    for m in ledger.measures:
        if m.actor not in declared:
            found.append(
                error(
                    m.id,
                    f"actor '{m.actor}' is not a declared party; add it with "
                    f"'dprk add-party {m.actor}' or correct the actor",
                )
            )
        for c in m.constraints:
            if c.demanded_by and c.demanded_by not in declared:
                found.append(
                    error(
                        m.id,
                        f"the constraint after '{c.after}' is demanded by '{c.demanded_by}', "
                        f"which is not a declared party; add it with "
                        f"'dprk add-party {c.demanded_by}' or correct the name",
                    )
                )
    return found


def status_matches_history(ledger: Ledger) -> list[Problem]:
    found = []
    for m in ledger.measures:
        latest = None
        for h in _history(m):
            if h.status is not None:
                latest = h
        if latest is not None and latest.status != m.status:
            found.append(
                error(
                    m.id,
                    f"status is '{m.status.value}' but its latest history entry "
                    f"({latest.date.isoformat()}) says '{latest.status.value}'; set "
                    f'status = "{latest.status.value}" in the file, or record the change '
                    f"with 'dprk mark {m.id} ... --date YYYY-MM-DD'",
                )
            )
    return found


def verifications_need_action(ledger: Ledger) -> list[Problem]:
    found = []
    for m in ledger.measures:
        if m.verifications and _first_acted(m) is None and not (not m.history and m.acted):
            n = len(m.verifications)
            found.append(
                error(
                    m.id,
                    f"has {n} verification record{'s' if n > 1 else ''} but never acted; "
                    f"record the action first with 'dprk mark {m.id} implemented --date "
                    "YYYY-MM-DD', or remove the verification",
                )
            )
    return found


def contradicting_dates(ledger: Ledger) -> list[Problem]:
    found = []
    for m in ledger.measures:
        acted = _first_acted(m)
        if acted is None:
            continue
        for v in m.verifications:
            if v.date < acted:
                found.append(
                    error(
                        m.id,
                        f"the verification by {v.by} is dated {v.date.isoformat()}, before the "
                        f"measure acted ({acted.isoformat()}); correct one of the two dates",
                    )
                )
        created = next((h for h in _history(m) if h.event == "created"), None)
        if created is not None and created.status in PENDING and acted < created.date:
            found.append(
                error(
                    m.id,
                    f"acted on {acted.isoformat()}, before it was {created.status.value} on "
                    f"{created.date.isoformat()}; correct one of the two dates",
                )
            )
    return found


def acted_out_of_order(ledger: Ledger) -> list[Problem]:
    index = ledger.index()
    found = []
    for m in ledger.measures:
        acted = _first_acted(m)
        if acted is None:
            continue
        for c in m.constraints:
            first = index.get(c.after) if c.after is not None else None
            if first is None or first.id == m.id:
                continue
            verified = c.require == Require.verified
            then = _first_verified(first) if verified else _first_acted(first)
            done = "was verified" if verified else "acted"
            who = f", demanded by {c.demanded_by}" if c.demanded_by else ""
            if then is None:
                found.append(
                    warning(
                        m.id,
                        f"acted on {acted.isoformat()} although '{first.id}', which it was "
                        f"to follow{who}, has not {'been verified' if verified else 'acted'}; "
                        "no fix needed if that is what happened",
                    )
                )
            elif then > acted:
                found.append(
                    warning(
                        m.id,
                        f"acted on {acted.isoformat()}, before '{first.id}' {done} on "
                        f"{then.isoformat()} (it was to follow it{who}); no fix needed if that "
                        "is what happened",
                    )
                )
    return found


def deadlocks(ledger: Ledger) -> list[Problem]:
    found = []
    for d in find_deadlocks(ledger):
        if d.suggestions:
            fix = "to carry the exchanged measures out together, run " + " and ".join(
                f"'{s}'" for s in d.suggestions
            )
        else:
            fix = "drop or change one of these constraints with 'dprk sequence ID --remove OTHER'"
        first = d.demands[0].measure if d.demands else d.measures[0]
        found.append(warning(first, f"deadlock: {deadlock_text(d)}; {fix}"))
    return found


def merge_conflicts(ledger: Ledger) -> list[Problem]:
    """Fields a git merge left in conflict (both sides changed them differently)."""
    from .merge import describe, unresolved

    return [error(c.measure, describe(c, place=False)) for c in unresolved(ledger)]


CHECKS: list[Check] = [
    Check("duplicate-ids", duplicate_ids),
    Check("self-references", self_references),
    Check("unknown-links", unknown_links),
    Check("one-sided-exchanges", one_sided_exchanges),
    Check("one-sided-with", one_sided_with),
    Check("undeclared-parties", undeclared_parties),
    Check("status-history", status_matches_history),
    Check("verification-without-action", verifications_need_action),
    Check("contradicting-dates", contradicting_dates),
    Check("acted-out-of-order", acted_out_of_order),
    Check("deadlocks", deadlocks),
    Check("merge-conflicts", merge_conflicts),
]


# --- running them ----------------------------------------------------------------------


@dataclass(frozen=True)
class CheckResult:
    """Every problem found, in registry order, and what they add up to."""

    problems: list[Problem]

    @property
    def errors(self) -> int:
        return sum(p.severity == ERROR for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity == WARNING for p in self.problems)

    @property
    def ok(self) -> bool:
        return self.errors == 0


def run_checks(ledger: Ledger, *, strict: bool = False) -> CheckResult:
    """Run every check in `CHECKS`; under `strict` every warning counts as an error."""
    problems = []
    for check in CHECKS:
        for p in check.run(ledger):
            if not p.check:
                p = replace(p, check=check.name)
            if strict and p.severity == WARNING:
                p = replace(p, severity=ERROR)
            problems.append(p)
    return CheckResult(problems)


# --- dates from a measure's history ----------------------------------------------------


def _history(m: Measure) -> list[HistoryEntry]:
    return sorted(m.history, key=HistoryEntry.sort_key)


def _first_acted(m: Measure) -> date | None:
    """When the actor first carried it out: the earliest entry, other than a verifier's
    finding, that gave it an acted status."""
    dates = [
        h.date
        for h in m.history
        if h.status is not None and h.status in ACTED and h.event != "verification"
    ]
    return min(dates) if dates else None


def _first_verified(m: Measure) -> date | None:
    dates = [v.date for v in m.verifications if v.result == Result.confirmed]
    return min(dates) if dates else None
