"""The changes commands make to measures, as pure functions: new measure in, new measure out.

Every change adds a history entry dated when the event happened (which may
be long before it is recorded); a measure's status is always the status of
its latest-dated history entry that set one, so late entries land in place.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container
from datetime import date

from .errors import DprkError
from .model import Constraint, HistoryEntry, Measure, Verification, now
from .vocab import ACTED, PENDING, Require, Result, Status


def slug_from_title(title: str, taken: Container[str]) -> str:
    """A readable id from a title: 'Close the test site' -> 'close-the-test-site'."""
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", folded.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > 48:
            break
        slug = candidate
    slug = slug or "measure"
    ident, n = slug, 2
    while ident in taken:
        ident = f"{slug}-{n}"
        n += 1
    return ident


def entry(
    when: date,
    event: str,
    *,
    status: Status | None = None,
    detail: str = "",
    note: str = "",
) -> HistoryEntry:
    return HistoryEntry(
        date=when, event=event, status=status, detail=detail, note=note, recorded=now()
    )


def with_history(m: Measure, new: HistoryEntry, **update: object) -> Measure:
    """`m` with `new` added to its history (in date order) and the status recomputed."""
    history = sorted([*m.history, new], key=HistoryEntry.sort_key)
    status = current_status(history, m.status)
    return m.model_copy(update={"history": history, "status": status, **update})


def current_status(history: list[HistoryEntry], default: Status = Status.proposed) -> Status:
    for h in reversed(history):
        if h.status is not None:
            return h.status
    return default


def status_on(m: Measure, day: date) -> Status | None:
    """The measure's status as it stood at the end of `day`, or None if not yet recorded."""
    found = None
    for h in m.history:
        if h.date > day:
            break
        if h.status is not None:
            found = h.status
    return found


def new_measure(
    ident: str,
    title: str,
    actor: str,
    *,
    when: date,
    status: Status = Status.proposed,
    category: str = "",
    in_exchange_for: list[str] | None = None,
    after: list[str] | None = None,
    deadline: date | None = None,
    sources: list[str] | None = None,
    note: str = "",
) -> Measure:
    detail = f"created as {status.value}"
    return Measure(
        id=ident,
        title=title,
        actor=actor,
        category=category,
        status=status,
        in_exchange_for=sorted(set(in_exchange_for or [])),
        deadline=deadline,
        sources=list(sources or []),
        notes=note,
        constraints=[Constraint(after=a) for a in dict.fromkeys(after or [])],
        history=[entry(when, "created", status=status, detail=detail, note=note)],
    )


def link_exchange(m: Measure, other: str, when: date) -> Measure:
    """Record that `m` is traded for `other` (the caller links the other side too)."""
    if other in m.in_exchange_for:
        return m
    return with_history(
        m,
        entry(when, "exchange", detail=f"in exchange for {other}"),
        in_exchange_for=sorted({*m.in_exchange_for, other}),
    )


def mark(
    m: Measure, status: Status, when: date, *, note: str = "", source: str | None = None
) -> Measure:
    """Set a new status (proposed, agreed, implemented, reversed, withdrawn) as of `when`."""
    before = status_on(m, when) or m.status
    _check_transition(m.id, before, status)
    update: dict[str, object] = {}
    if source and source not in m.sources:
        update["sources"] = [*m.sources, source]
    return with_history(
        m,
        entry(when, "status", status=status, detail=f"{before.value} -> {status.value}", note=note),
        **update,
    )


def _check_transition(ident: str, before: Status, after: Status) -> None:
    if before == after:
        raise DprkError(f"measure '{ident}' is already {after.value} on that date")
    if after == Status.reversed and before not in ACTED:
        raise DprkError(
            f"measure '{ident}' is {before.value}: only a measure that has acted can be "
            "reversed (mark it withdrawn if it was dropped before being carried out)"
        )
    if after == Status.withdrawn and before not in PENDING:
        raise DprkError(
            f"measure '{ident}' is {before.value}: only a pending measure can be withdrawn "
            "(mark it reversed if it was carried out and then undone)"
        )
    if after in PENDING and before in ACTED:
        raise DprkError(
            f"measure '{ident}' has already acted ({before.value}); mark it reversed if it "
            "was undone"
        )
    if after == Status.implemented and before == Status.verified:
        raise DprkError(f"measure '{ident}' is already verified")


def verify(
    m: Measure,
    by: str,
    result: Result,
    when: date,
    *,
    method: str = "",
    evidence: list[str] | None = None,
    note: str = "",
) -> Measure:
    """Record a verifier's finding: confirmed makes it verified, refuted disputed."""
    before = status_on(m, when) or m.status
    if before not in ACTED:
        raise DprkError(
            f"measure '{m.id}' has not acted (it is {before.value} on {when.isoformat()}); "
            f"record that first with 'dprk mark {m.id} implemented --date YYYY-MM-DD'"
        )
    record = Verification(
        by=by, result=result, date=when, method=method, evidence=list(evidence or []), note=note
    )
    new_status = {Result.confirmed: Status.verified, Result.refuted: Status.disputed}.get(result)
    detail = f"{result.value} by {by}" + (f" ({method})" if method else "")
    verifications = sorted([*m.verifications, record], key=lambda v: (v.date, v.by, v.result.value))
    return with_history(
        m,
        entry(when, "verification", status=new_status, detail=detail, note=note),
        verifications=verifications,
    )


def constraint_text(c: Constraint) -> str:
    """A constraint in words: 'after X (verified), demanded by P' or 'together with X'."""
    if c.with_ is not None:
        return f"together with {c.with_}"
    text = f"after {c.after}"
    if c.require == Require.verified:
        text += " (verified)"
    if c.demanded_by:
        text += f", demanded by {c.demanded_by}"
    return text


def add_constraint(m: Measure, constraint: Constraint, when: date, note: str = "") -> Measure:
    """Add the constraint, replacing any `m` had with the same measure; `m` itself when
    it is already there (so that repeating a command records nothing new)."""
    if constraint.other == m.id:
        raise DprkError(f"measure '{m.id}' cannot be sequenced after or together with itself")
    if constraint in m.constraints:
        return m
    replaced = [c for c in m.constraints if c.other == constraint.other]
    detail = constraint_text(constraint)
    if replaced:
        detail += f" (was: {constraint_text(replaced[0])})"
    kept = [c for c in m.constraints if c.other != constraint.other]
    return with_history(
        m,
        entry(when, "sequence", detail=detail, note=note),
        constraints=sorted([*kept, constraint], key=Constraint.sort_key),
    )


def remove_constraint(m: Measure, other: str, when: date, note: str = "") -> Measure:
    """Drop the constraint between `m` and `other`; an error if there is none."""
    gone = [c for c in m.constraints if c.other == other]
    if not gone:
        raise DprkError(f"measure '{m.id}' has no sequencing constraint with '{other}'")
    return with_history(
        m,
        entry(when, "sequence", detail=f"removed: {constraint_text(gone[0])}", note=note),
        constraints=[c for c in m.constraints if c.other != other],
    )


def sequence(
    m: Measure, other: Measure, constraint: Constraint, when: date, note: str = ""
) -> tuple[Measure, Measure]:
    """Set the order between two measures; both come back, changed or not.

    A `with` constraint is kept on both measures, like an exchange link. Any
    other constraint on `m` replaces a `with` link between them, on both sides:
    two measures cannot go together when one waits for the other.
    """
    new_m = add_constraint(m, constraint, when, note)
    if constraint.with_ is not None:
        return new_m, add_constraint(other, Constraint(with_=m.id), when, note)
    if m.id in other.together_with:
        return new_m, remove_constraint(other, m.id, when, note)
    return new_m, other


def unsequence(
    m: Measure, other_id: str, other: Measure | None, when: date, note: str = ""
) -> tuple[Measure, Measure | None]:
    """Drop the constraint between `m` and `other_id` (which may no longer exist);
    a `with` link goes from both sides."""
    was_with = other_id in m.together_with
    new_m = remove_constraint(m, other_id, when, note)
    if was_with and other is not None and other is not m and m.id in other.together_with:
        return new_m, remove_constraint(other, m.id, when, note)
    return new_m, other
