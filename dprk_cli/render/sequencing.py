"""Reports about order: next, plan, balance, check.

Each function turns an analysis result into a `Report`; the command picks the
format. JSON keys are the documented, stable shapes. Full sentences (a
deadlock, a problem and its fix) go in notes or text, which are never cut,
while the tables stay narrow enough for an 80-column terminal.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from ..analysis.sequencing import (
    BlockedMeasure,
    Deadlock,
    DeadlockPeriod,
    Hold,
    NextSteps,
    Phase,
    Plan,
    Readiness,
    VerificationNeeded,
    Wait,
    dated,
    deadlock_text,
    drop_command,
    drops_text,
    held_text,
    verified_words,
    wait_reason,
)
from ..shapes import (
    BALANCE_COLUMNS,
    BALANCE_YEARLY_COLUMNS,
    CHECK_COLUMNS,
    DEADLOCK_HISTORY_COLUMNS,
    NEXT_COLUMNS,
    PLAN_COLUMNS,
)
from ..vocab import (
    Extent,
    Require,
    counted,
    falls_due,
    in_prose,
    named_first,
    refuted_by_parties,
    shell_word,
)
from . import Alert, Column, Report, Section, advised_command, amend, deferred

if TYPE_CHECKING:  # (each command imports only the analysis it runs)
    from ..analysis.balance import Outstanding, PartyBalance
    from ..analysis.checks import CheckResult
    from ..analysis.whatif import PlanChange

# --- next ------------------------------------------------------------------------------


def wait_record(w: Wait) -> dict[str, Any]:
    return {
        "measure": w.measure,
        "after": w.after,
        "require": w.require.value,
        "demanded_by": w.demanded_by,
        "verified_by": w.verified_by,
    }


def _next_wait_record(w: Wait) -> dict[str, Any]:
    """A wait of `next`'s blocked measure, and the `with` partner it comes through, a
    part of the measure whose constraint it is (`via`; None: `measure` says it)."""
    return wait_record(w) | {"via": w.via}


def wait_text(w: Wait, own: str, *, demand: bool = False, held: str | None = None) -> str:
    """What measure `own` waits for, in words: the id, "(verified)" when a finding is
    awaited, why it is not met (`wait_reason`; `held`: a plan's reason for it), whose
    demand it is (`demand`: "(demanded by P)", as a deadlock's demands read; nothing for
    an order all agreed), and through which measure ("[via w]"; "[via p, part of w]":
    its `via`, a `with` partner that is a part of the measure whose constraint it is). `next`
    and `plan` say a wait alike."""
    said = [verified_words(w)] if w.require != Require.acted else []
    reason = wait_reason(w, held)
    if reason is not None:
        said.append(reason)
    if demand and w.demanded_by:
        said.append(f"demanded by {w.demanded_by}")
    text = w.after + (f" ({'; '.join(said)})" if said else "")
    if w.via is not None:
        text += f" [via {w.via}, part of {w.measure}]"
    elif w.measure != own:
        text += f" [via {w.measure}]"
    return text


def due_record(deadline: date | None, as_of: date) -> dict[str, Any]:
    """A measure's deadline in force and whether it is overdue on `as_of`, as `next` and
    `plan` give them, last (a measure they list to carry out is not done in full: past
    its deadline, it is overdue)."""
    return {"deadline": _day(deadline), "overdue": falls_due(deadline, as_of)}


def due_text(deadline: date | None, as_of: date) -> str:
    """A deadline as the tables of `next` and `plan` show it: '2002-05-31', '2002-05-31
    (overdue)' once passed on `as_of`; "" for none."""
    if deadline is None:
        return ""
    return deadline.isoformat() + (" (overdue)" if falls_due(deadline, as_of) else "")


def _due_column() -> Column:
    return Column("deadline", "deadline", priority=75, label=True)


def _blocked_record(r: Readiness, behind: Collection[str], due: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": r.id,
        "actor": r.actor,
        "title": r.title,
        "waiting_for": r.waiting_for,
        "demanded_by": r.demanded_by,
        "deadlocked": r.deadlocked,
        "behind_deadlock": r.id in behind,
        "waits": [_next_wait_record(w) for w in r.waits],
        # (last: the rest of one carried out in part that its orders hold, as `ready`'s)
        "in_part": r.rest is not None,
        "extent": (r.rest or Extent.not_initiated).value,
        "reversed_on": _day(r.again),  # (last: one reversed, to be carried out again)
    } | due


def _day(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def rest_text(r: Readiness | BlockedMeasure) -> str:
    """What is left of a measure `next` lists, or `plan` lists blocked, in words: 'the
    rest (done: intermediate)' for one carried out in part (`rest_words`: of one made of
    parts, the parts to record); 'again: reversed on 2002-10-14' for one reversed, to be
    carried out again; "" for a pending one (all of it)."""
    if r.again is not None:
        return again_words(r.again)
    return "" if r.rest is None else rest_words(r.rest, r.id, r.parts)


def again_words(day: date | None) -> str:
    """A measure reversed that is to be carried out again, in words, as `next` and `plan`
    say it: 'again: reversed on 2002-10-14'."""
    return "again: reversed" + ("" if day is None else f" on {day.isoformat()}")


def rest_words(extent: Extent, ident: str, parts: tuple[int, int] | None) -> str:
    """The rest of a measure carried out to `extent`, in words, as `next` and `plan` say
    it: 'the rest (done: intermediate)'; of measure `ident` made of parts, `parts` of
    them recorded of those it is to have (`Readiness.parts`), the parts to record, with
    the command that records one (how far it went is theirs to say)."""
    if parts is not None:
        recorded, expected = parts
        return (
            f"the rest: {recorded} of {expected} parts recorded; record the others "
            f"('dprk add-measure ... --part-of {ident}')"
        )
    return f"the rest (done: {extent.value})"


def phase_left(p: Phase) -> dict[str, str]:
    """What is left of each measure of phase `p` to act, by id: the rest of one carried
    out in part (`rest_words`), "" for any other; those of its measures first, in their
    order, then the rest of those carried out in part, as `plan` lists them by id."""
    return (
        dict.fromkeys(p.measures, "")
        | {i: again_words(day) for i, day in p.again.items()}
        | {i: rest_words(e, i, p.to_record.get(i)) for i, e in p.rest}
    )


def next_report(steps: NextSteps, as_of: date, *, ready_ids_only: bool = False) -> Report:
    """What can go ahead on `as_of` (today, or --as-of), what is blocked and by whose
    demand.

    `ready_ids_only` (for the ids format) keeps only the measures that can go
    ahead in the flat records, so that a pipe acts on them alone. Only what the
    chosen format shows is made.
    """
    # (`in_part`, `extent`: the rest of a measure carried out in part, and how far it went;
    # `together_with`: the measures it is to be carried out together with, as `plan` says)
    together = steps.together
    deadlines = steps.deadlines
    ready: list[dict[str, Any]] = [
        {
            "id": r.id,
            "actor": r.actor,
            "title": r.title,
            "in_part": r.rest is not None,
            "extent": (r.rest or Extent.not_initiated).value,
            "together_with": together.get(r.id, []),
            "reversed_on": _day(r.again),  # (one reversed, to be carried out again)
        }
        # (last: its deadline in force, and whether it is overdue)
        | due_record(deadlines.get(r.id), as_of)
        for r in steps.ready
    ]
    verify = [
        {
            "id": v.id,
            "actor": v.actor,
            "title": v.title,
            "unblocks": v.unblocks,
            "frees": v.frees,
            "also_waits": _also_waits(v),
            "verify_by": v.by,
        }
        for v in steps.verify
    ]
    made: list[list[dict[str, Any]]] = []

    def blocked() -> list[dict[str, Any]]:  # (for the document and the records alike)
        if not made:
            behind = steps.behind
            made.append(
                [
                    _blocked_record(r, behind, due_record(deadlines.get(r.id), as_of))
                    for r in steps.blocked
                ]
            )
        return made[0]

    def records() -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = [{"state": "ready"} | r for r in ready]
        if not ready_ids_only:
            found += [{"state": "blocked"} | r for r in blocked()]
            found += [{"state": "verify"} | r for r in verify]
        return found

    def sections() -> list[Section]:
        behind = steps.behind
        # (and of one held; or reversed, to be carried out again)
        held = any(r.rest is not None or r.again is not None for r in steps.blocked)
        # (a deadline column only where a row has a deadline)
        due_held = any(r.id in deadlines for r in steps.blocked)
        due_ready = any(r.id in deadlines for r in steps.ready)
        blocked_rows = [
            {
                "id": r.id,
                "actor": r.actor,
                # (each wait with its own demander: a column of the parties of any
                # demand read as theirs an order all agreed, beside one they demanded)
                "waits": [wait_text(w, r.id, demand=True) for w in r.waits],
                "note": "deadlocked"
                if r.deadlocked
                else ("behind a deadlock" if r.id in behind else ""),
            }
            | ({"left": rest_text(r)} if held else {})
            | ({"deadline": due_text(deadlines.get(r.id), as_of)} if due_held else {})
            for r in steps.blocked
        ]
        # (of a past day, --as-of: what could go ahead then, not now)
        on = advised_on(as_of)
        when = "now" if on is None else f"on {on}"
        # (a column of what is left only where the rest of one done in part is listed; a
        # note only where one is to be carried out together with others, as `plan` says)
        left = any(r.rest is not None or r.again is not None for r in steps.ready)
        joined = any(r.id in together for r in steps.ready)
        found = [
            Section(
                f"Can go ahead {when}",
                [
                    Column("id", "id", priority=100, label=True),
                    Column("actor", "actor", priority=90),
                    *([Column("left", "left", wrap=True, whole=True, label=True)] if left else []),
                    *([_due_column()] if due_ready else []),
                    Column("title", "title", wrap=True, priority=80),
                    *([Column("note", "note", wrap=True, priority=85)] if joined else []),
                ],
                [
                    row
                    | ({"left": rest_text(r)} if left else {})
                    | ({"deadline": due_text(deadlines.get(r.id), as_of)} if due_ready else {})
                    | ({"note": together_note(together.get(r.id, []))} if joined else {})
                    for row, r in zip(ready, steps.ready, strict=True)
                ],
                empty=f"(nothing can go ahead {when})",
            ),
            Section(
                "Blocked",
                [
                    Column("id", "id", priority=100, label=True),
                    Column("actor", "actor", priority=90),
                    *([Column("left", "left", wrap=True, whole=True, label=True)] if held else []),
                    *([_due_column()] if due_held else []),
                    Column("waits", "waits for", priority=95, label=True, wrap=True, whole=True),
                    # (kept as a label is, folded: the one word that a measure is
                    # deadlocked, or behind a deadlock, is what a row most needs said)
                    Column("note", "note", wrap=True, whole=True, label=True),
                ],
                blocked_rows,
                empty="(nothing is blocked)",
            ),
        ]
        if verify:
            # (a measure in a deadlock, or waiting for others to act too, waits for more
            # than the finding: it alone does not free it)
            # (the verifiers the orders name, as the plan's verify step says them)
            verify_rows = [
                row
                | {"unblocks": [_held(i, v) for i in v.unblocks]}
                | ({"id": f"{v.id} (by {in_prose(v.by)})"} if v.by else {})
                for row, v in zip(verify, steps.verify, strict=True)
            ]
            found.append(
                Section(
                    "Verifications needed to unblock",
                    [
                        Column("id", "verify", priority=100, label=True),
                        Column("actor", "actor", priority=90),
                        Column("unblocks", "unblocks", priority=80),
                    ],
                    verify_rows,
                )
            )
        return found

    notes: list[str] = []
    if any(r.deadlocked for r in steps.blocked) or any(v.stuck for v in steps.verify):
        notes.append(
            Alert("Deadlocked measures wait, in a circle, for each other: see 'dprk plan'.")
        )
    named = [v for v in steps.verify if v.by]
    if named:  # (as the plan's note says a verify step's command)
        command = "dprk verify ID --by VERIFIER"
        if len(named) == 1 and len(named[0].by) == 1:
            command = f"dprk verify {shell_word(named[0].id)} --by {shell_word(named[0].by[0])}"
        notes.append(f"A finding asked of a named verifier is theirs: '{command}' records it.")
    return Report(
        document=deferred(
            lambda: {
                "as_of": as_of.isoformat(),
                "ready": ready,
                "blocked": blocked(),
                "verify": verify,
            }
        ),
        records=deferred(records),
        columns=NEXT_COLUMNS,
        sections=deferred(sections),
        notes=notes,
    )


def _also_waits(v: VerificationNeeded) -> list[dict[str, Any]]:
    """What each measure the finding `v` is needed for waits for besides it, as the JSON
    says it (one record a measure that the finding alone does not free, in the order of
    `unblocks`): whether it is caught in a deadlock, the measures to act first, and the
    other measures to be verified."""
    stuck = set(v.stuck)
    return [
        {
            "id": i,
            "deadlocked": i in stuck,
            "to_act": v.also.get(i, []),
            "to_be_verified": v.findings.get(i, []),
        }
        for i in v.unblocks
        if i in stuck or i in v.also or i in v.findings
    ]


def _held(ident: str, v: VerificationNeeded) -> str:
    """A measure the finding `v` is needed for, as the table names it: with what else it
    waits for (a deadlock; measures to act first, a few named; one that cannot act with
    its status, as the blocked row says it: "protocol, rejected"; other measures to be
    verified, a few named): "a1 (deadlocked; also waits for b1 and w to act)"."""
    stuck = ident in v.stuck
    first, others, closed = v.also.get(ident, []), v.findings.get(ident, []), v.closed
    if not first and not others:
        return f"{ident} (deadlocked)" if stuck else ident
    said = []
    if first:
        shown = named_first(first, 3)
        more = len(first) - len(shown)
        able = [i for i in shown if i not in closed]
        listed = ", ".join(able) + f" and {more} more" if more > 0 else in_prose(able)
        said += [f"{listed} to act"] if able else []
        said += [f"{i}, {_closed_words(closed[i])}" for i in shown if i in closed]
        if more > 0 and not able:
            said[-1] += f" and {more} more"
    if others:
        said.append(f"{in_prose(others, most=3)} to be verified")
    return f"{ident} ({'deadlocked; ' if stuck else ''}also waits for {'; '.join(said)})"


def _closed_words(status: str | None) -> str:
    """Why a measure waited for cannot act, as `wait_reason` says it."""
    return "no such measure" if status is None else status


# --- plan ------------------------------------------------------------------------------


def suggested(d: Deadlock, on: date | None = None) -> list[str]:
    """The commands that would break deadlock `d` run together (`Deadlock.suggestions`),
    for a view of the ledger as it stood on day `on` (None: as it stands) dated that day
    (`dated`)."""
    return [dated(s, on) for s in d.suggestions]


def drop_record(w: Wait, on: date | None = None) -> dict[str, Any]:
    """A demand whose drop alone breaks a deadlock (`Deadlock.drops`), with the command
    that drops it, dated as the view is (`dated`)."""
    return {**wait_record(w), "command": advised_command(dated(drop_command(w), on))}


def advised_on(as_of: date) -> date | None:
    """The day a view's advice is dated (`suggested`): its day, but today's (undated)."""
    from ..clock import today

    return None if as_of == today() else as_of


def deadlock_record(d: Deadlock, on: date | None = None) -> dict[str, Any]:
    return {
        "measures": d.measures,
        "demands": [wait_record(w) for w in d.demands],
        "together": d.together,
        "parts": d.parts,
        "suggestions": [advised_command(c) for c in suggested(d, on)],
        "drops": [drop_record(w, on) for w in d.drops],
        "holds": [_hold_record(h) for h in d.holds],
        "text": deadlock_text(d),
        "since": None if d.since is None else d.since.isoformat(),
    }


def _blocked_plan_record(b: BlockedMeasure, due: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": b.id,
        "actor": b.actor,
        "title": b.title,
        "waiting_for": b.waiting_for,
        "holds": [_hold_record(h) for h in b.holds],
        # (last: the rest of one carried out in part that its orders hold, as `next` says)
        "in_part": b.rest is not None,
        "extent": (b.rest or Extent.not_initiated).value,
        "reversed_on": _day(b.again),  # (one reversed, to be carried out again)
    } | due  # (last: its deadline in force, and whether it is overdue)


def blocked_waits(b: BlockedMeasure) -> list[str]:
    """What blocked measure `b` waits for, each hold in words as `next` says a wait,
    whose demand it is too, and the `with` partner it comes through: "z (withdrawn;
    demanded by B) [via p2-south, part of p2]". `plan`'s table, csv and json lines, and
    the report's page, say them alike."""
    return [wait_text(h.wait, b.id, demand=True, held=h.reason) for h in b.holds]


def _hold_record(h: Hold) -> dict[str, Any]:
    """A constraint that holds a measure, with why (a blocked measure's, a deadlock's),
    and the `with` partner it comes through (`Wait.via`)."""
    return wait_record(h.wait) | {"reason": h.reason, "via": h.wait.via}


def together_note(others: list[str]) -> str:
    """What a measure is to be carried out together with (`others`), as `next` and the
    report's phased plan note it: 'together with ss20'; "" for none."""
    return f"together with {in_prose(others)}" if others else ""


def together_ids(ident: str, group: list[str]) -> str:
    """The measures `ident` is to be carried out together with (`group`, its `with` group,
    itself among them), as `plan` lists them: 'ss20', 'a and b'."""
    return in_prose([i for i in group if i != ident])


def plan_report(plan: Plan, as_of: date, *, act_ids_only: bool = False) -> Report:
    """A phased order of what is pending on `as_of` (today, or --as-of), the deadlocks
    (with each demand and a way out), and what they block.

    As ids, the measures to carry out, in plan order (`act_ids_only`). Only what the
    chosen format shows is made.
    """
    labels = plan.labels
    deadlines = plan.deadlines
    on = advised_on(as_of)

    def due(ident: str) -> dict[str, Any]:
        return due_record(deadlines.get(ident), as_of)

    def phase_due(p: Phase) -> dict[str, Any]:
        """The deadlines of a phase's measures to act (and rests) that have one, by id,
        and those overdue, in id order."""
        acting = sorted({*p.measures, *(i for i, _ in p.rest)})
        dated = {i: deadlines[i] for i in acting if i in deadlines}
        return {
            "deadlines": {i: d.isoformat() for i, d in dated.items()},
            "overdue": [i for i, d in dated.items() if falls_due(d, as_of)],
        }

    def document() -> dict[str, Any]:
        return {
            "as_of": as_of.isoformat(),
            "phases": [
                {
                    "phase": p.number,
                    "measures": p.measures,
                    "verify": p.verify,
                    "verify_by": p.verify_by,
                    "rest": [{"id": i, "extent": e.value} for i, e in p.rest],
                    "together": p.together,
                    # (those reversed, carried out again)
                    "again": [{"id": i, "reversed_on": _day(d)} for i, d in p.again.items()],
                }
                | phase_due(p)  # (last: the deadlines of its measures, those overdue)
                for p in plan.phases
            ],
            "deadlocks": [deadlock_record(d, on) for d in plan.deadlocks],
            "blocked": [_blocked_plan_record(b, due(b.id)) for b in plan.blocked],
        }

    def rows() -> list[dict[str, Any]]:  # the phases, a step a row
        found: list[dict[str, Any]] = []
        for p in plan.phases:
            # (the rest of one carried out in part among those to act, by id, as `next`)
            left = phase_left(p)
            joined = {i: group for group in p.together for i in group}
            said = p.rest or p.again
            for ident in sorted(left) if p.rest else p.measures:
                actor, title = labels[ident]
                found.append(
                    {"phase": p.number, "step": "act", "id": ident, "actor": actor, "title": title}
                    | ({"left": left[ident]} if said else {})
                    | ({"with": together_ids(ident, joined[ident])} if ident in joined else {})
                )
            for ident in p.verify:
                actor, title = labels[ident]
                found.append(  # (the title as every report gives it: the step says verify)
                    {
                        "phase": p.number,
                        "step": "verify",
                        "id": ident,
                        "actor": actor,
                        "title": title,
                    }
                )
        return found

    verify_by = {p.number: p.verify_by for p in plan.phases}  # (each phase's, by number)

    def by_whom(row: dict[str, Any]) -> str:
        """The verifiers a verify step's orders name ("by IAEA"), "" for anyone's."""
        if row["step"] != "verify":
            return ""
        named = verify_by[row["phase"]].get(row["id"], [])
        return f"by {in_prose(named)}" if named else ""

    def act_detail(row: dict[str, Any]) -> str:
        """What is left of an act step's measure, and what it goes together with."""
        said = [row["left"]] if row.get("left") else []
        said += [f"together with {row['with']}"] if "with" in row else []
        return "; ".join(said)

    def records() -> list[dict[str, Any]]:
        found = [
            {k: v for k, v in r.items() if k not in ("left", "with")}
            | {
                "detail": act_detail(r) or by_whom(r),
                "since": None,
                "holds": "",
            }
            # (a verify step's is none: it verifies, it carries out nothing)
            | (due(r["id"]) if r["step"] == "act" else {"deadline": None, "overdue": None})
            for r in rows()
            if not act_ids_only or r["step"] == "act"
        ]
        if act_ids_only:
            return found
        for d in plan.deadlocks:
            text = deadlock_text(d)
            since = None if d.since is None else d.since.isoformat()
            held = held_text(d)
            for ident in d.measures:
                actor, title = labels[ident]
                found.append(
                    {
                        "phase": None,
                        "step": "deadlocked",
                        "id": ident,
                        "actor": actor,
                        "title": title,
                        "detail": text,
                        "since": since,
                        "holds": held,
                    }
                    | due(ident)
                )
        for b in plan.blocked:
            found.append(
                {
                    "phase": None,
                    "step": "blocked",
                    "id": b.id,
                    "actor": b.actor,
                    "title": b.title,
                    # (the rest of one carried out in part said first, as the table does)
                    "detail": (f"{left}: " if (left := rest_text(b)) else "")
                    + "waits for "
                    + "; ".join(blocked_waits(b)),
                    "since": None,
                    "holds": "",
                }
                | due(b.id)
            )
        return found

    def sections() -> list[Section]:
        deadlock_rows = [
            {
                "deadlock": number,
                "id": w.measure,
                "after": w.after
                + (f" ({verified_words(w)})" if w.require != Require.acted else ""),
                "demanded_by": w.demanded_by or "all (agreed)",
            }
            for number, d in enumerate(plan.deadlocks, 1)
            for w in d.demands
        ]
        # (the rest of one done in part; or one reversed, to be carried out again)
        held = any(b.rest is not None or b.again is not None for b in plan.blocked)
        # (a deadline column only where a row has a deadline)
        due_held = any(b.id in deadlines for b in plan.blocked)
        blocked_rows = [
            {"id": b.id, "actor": b.actor, "waits": blocked_waits(b)}
            | ({"left": rest_text(b)} if held else {})
            | ({"deadline": due_text(deadlines.get(b.id), as_of)} if due_held else {})
            for b in plan.blocked
        ]
        steps = rows()
        due_acts = any(r["step"] == "act" and r["id"] in deadlines for r in steps)
        # (a column of what is left only where the rest of one done in part is listed; of
        # the measures each goes together with only where a phase joins some)
        left = any(p.rest or p.again for p in plan.phases)
        joined = any(p.together for p in plan.phases)
        found = [
            Section(
                "Plan" if on is None else f"Plan on {on}",  # (a past day named, as `next`)
                [
                    Column("phase", "phase", justify="right", priority=100, label=True),
                    Column("step", "step", priority=95),
                    Column("id", "id", priority=100, label=True),
                    Column("actor", "actor", priority=90),
                    *([Column("left", "left", wrap=True, whole=True, priority=85)] if left else []),
                    *([Column("with", "together with", wrap=True, priority=88)] if joined else []),
                    *([_due_column()] if due_acts else []),
                    Column("title", "title", wrap=True, priority=80),
                ],
                # (a verify step that orders naming a verifier wait for names it)
                [
                    (r | {"id": f"{r['id']} ({by})"} if (by := by_whom(r)) else r)
                    | (
                        {"deadline": due_text(deadlines.get(r["id"]), as_of)}
                        if due_acts and r["step"] == "act"
                        else {}
                    )
                    for r in steps
                ],
                empty="(nothing can be planned)",
            ),
            Section(
                "Deadlocks",
                [
                    Column("deadlock", "#", justify="right", priority=100, label=True),
                    Column("id", "measure", priority=100, label=True),
                    Column("after", "waits for", priority=95, label=True),
                    Column("demanded_by", "demanded by", priority=90),
                ],
                deadlock_rows,
                empty="(no deadlocks)",
            ),
        ]
        if blocked_rows:
            found.append(
                Section(
                    "Blocked (not planned)",
                    [
                        Column("id", "id", priority=100, label=True),
                        Column("actor", "actor", priority=90),
                        *(
                            [Column("left", "left", wrap=True, whole=True, priority=85)]
                            if held
                            else []
                        ),
                        *([_due_column()] if due_held else []),
                        Column(
                            "waits", "waits for", priority=95, label=True, wrap=True, whole=True
                        ),
                    ],
                    blocked_rows,
                )
            )
        return found

    notes: list[str] = []
    for number, d in enumerate(plan.deadlocks, 1):
        since = "" if d.since is None else f" since {d.since}"
        note = f"Deadlock {number}{since}: {deadlock_text(d)}."
        if d.suggestions:
            note += " They are exchanged for each other: to carry them out together, run " + (
                in_prose(f"'{s}'" for s in suggested(d, on)) + "."
            )
        dropping = drops_text(d, lambda command: f"'{dated(command, on)}'")
        if dropping:
            note += f" {dropping[0].upper()}{dropping[1:]}."
        notes.append(Alert(note))
    if any(p.verify for p in plan.phases):
        steps = [(i, p.verify_by.get(i, [])) for p in plan.phases for i in p.verify]
        command = "dprk verify ID --by VERIFIER"
        if len(steps) == 1 and len(steps[0][1]) == 1:  # (one step, one verifier named)
            command = f"dprk verify {shell_word(steps[0][0])} --by {shell_word(steps[0][1][0])}"
        notes.append(
            "A 'verify' step is an independent verification of a measure that a later "
            f"phase waits for; '{command}' records it."
        )
    return Report(
        document=deferred(document),
        records=deferred(records),
        columns=PLAN_COLUMNS,
        sections=deferred(sections),
        notes=notes,
    )


def deadlock_history_report(periods: list[DeadlockPeriod], as_of: date) -> Report:
    """Every deadlock the ledger's history held up to `as_of` (today, or --as-of), each
    with the day it began and the day it ended (or that it stands still), its measures
    and demands in the words `plan` says a deadlock in, as it stood on its first day.
    As ids, each measure that stood in one, once."""

    def period_record(p: DeadlockPeriod) -> dict[str, Any]:
        d = p.deadlock
        return {
            "from": p.began.isoformat(),
            "until": None if p.ended is None else p.ended.isoformat(),
            "measures": d.measures,
            "demands": [wait_record(w) for w in d.demands],
            "together": d.together,
            "parts": d.parts,
            "text": deadlock_text(d),
            "days": p.days(as_of),
        }

    def records() -> list[dict[str, Any]]:
        return [
            {k: v for k, v in period_record(p).items() if k not in ("demands", "together", "parts")}
            for p in periods
        ]

    def sections() -> list[Section]:
        rows = [
            {
                "number": number,
                "from": p.began.isoformat(),
                "until": "standing" if p.ended is None else p.ended.isoformat(),
                "days": p.days(as_of),
                "measures": ", ".join(p.deadlock.measures),
            }
            for number, p in enumerate(periods, 1)
        ]
        return [
            Section(
                "Deadlocks over time",
                [
                    Column("number", "#", justify="right", priority=100, label=True),
                    Column("from", "from", priority=100, label=True),
                    Column("until", "until", priority=100, label=True),
                    Column("days", "days", justify="right", priority=95),
                    Column("measures", "measures", wrap=True, priority=90),
                ],
                rows,
                empty="(no deadlocks)",
            )
        ]

    notes: list[str] = []
    for number, p in enumerate(periods, 1):
        if p.first != p.began:  # (circles that met parted: dated from an earlier stretch)
            stood = f"from {p.first} until now" if p.ended is None else _stood(p.first, p.ended)
            notes.append(
                f"Deadlock {number}, {stood}, as plan --as-of dates it from {p.began}: "
                f"{deadlock_text(p.deadlock)}."
            )
        elif p.ended is None:
            notes.append(Alert(f"Deadlock {number}, from {p.began}, standing still: "
                               f"{deadlock_text(p.deadlock)}."))  # fmt: skip
        else:
            notes.append(
                f"Deadlock {number}, {_stood(p.began, p.ended)}: {deadlock_text(p.deadlock)}."
            )
    return Report(
        document=deferred(
            lambda: {
                "as_of": as_of.isoformat(),
                "deadlocks": [period_record(p) for p in periods],
            }
        ),
        records=deferred(records),
        columns=DEADLOCK_HISTORY_COLUMNS,
        sections=deferred(sections),
        notes=notes,
        ids=list(dict.fromkeys(i for p in periods for i in p.deadlock.measures)),
    )


def _stood(began: date, ended: date) -> str:
    """The stretch of days a deadlock stood, said so that `ended`, the first day it no
    longer stood, is not read as one of them: "from 2025-01-26 until 2025-01-27 (1 day)"."""
    return f"from {began} until {ended} ({counted((ended - began).days, 'day')})"


def plan_change(report: Report, change: PlanChange, as_of: date | None = None) -> Report:
    """Add to a plan report what an assumption changed: the deadlocks it dissolves, the
    measures it moves into phase 1, to act or to verify, and the deadlocks it creates
    (JSON: `dissolved`, `newly_ready`, `newly_verifiable`, `created`; a deadlock created
    is one of the plan's, its suggestions dated as theirs are: `as_of`, the plan's day)."""
    on = advised_on(as_of) if as_of is not None else None

    def add(document: Any) -> Any:
        if isinstance(document, dict):
            document["dissolved"] = [deadlock_record(d) for d in change.dissolved]
            document["newly_ready"] = list(change.newly_ready)
            document["newly_verifiable"] = list(change.newly_verifiable)
            document["created"] = [deadlock_record(d, on) for d in change.created]
        return document

    amend(report, "document", add)
    lines = [f"Dissolves: {deadlock_text(d)}." for d in change.dissolved]
    lines += [f"Creates: {deadlock_text(d)}." for d in change.created]
    moved = [f"{i} (the rest)" if i in change.rests else i for i in change.newly_ready]
    moved += [f"{i} (to verify)" for i in change.newly_verifiable]
    if moved:
        lines.append("Moves into phase 1: " + ", ".join(moved) + ".")
    if not lines:
        lines.append("Dissolves no deadlock and moves nothing into phase 1.")
    report.lead.extend(lines)
    return report


# --- balance ---------------------------------------------------------------------------


def _outstanding_record(o: Outstanding) -> dict[str, Any]:
    return {
        "measure": o.measure,
        "counterpart": o.counterpart,
        "since": o.since.isoformat() if o.since else None,
        "days": o.days,
        "in_part": o.in_part,
        "disputed": o.disputed,
        "held_by": o.held_by,
    }


def held_words(o: Outstanding, direction: str) -> str:
    """What holds a debt back, in words, as `next` says what a blocked measure waits for:
    "held by constitution (in full)" ("" for a debt due)."""
    owing = o.counterpart if direction == "owed" else o.measure
    return "held by " + ", ".join(wait_text(w, owing) for w in o.held) if o.held else ""


def balance_report(
    balances: dict[str, PartyBalance],
    day: date,
    claimed: Mapping[str, Sequence[str]] | None = None,
) -> Report:
    """What each party is owed and owes, with the counterpart and for how long (and, where
    the side that owes acted in part, that it owes the rest; where the side that acted
    stands disputed, that its action does, and by whom where parties to the talks alone
    refuted it: `claimed`, `analysis.balance.claimed_by_parties`; where an order holds the
    side that owes back, what holds it, in place of the days)."""

    claimed = claimed or {}
    records = _balance_records(balances)
    owed_rows: list[dict[str, Any]] = []
    owes_rows: list[dict[str, Any]] = []
    held = [
        held_words(o, direction)
        for b in balances.values()
        for direction, items in (("owed", b.owed), ("owes", b.owes))
        for o in items
    ]
    claims: dict[tuple[str, ...], None] = {}  # (each party claim said, in order)
    verifiers = False  # (whether a verifier's refutation disputes a row)
    for record, words in zip(records, held, strict=True):
        rows = owed_rows if record["direction"] == "owed" else owes_rows
        acted = record["measure" if record["direction"] == "owed" else "counterpart"]
        action = ""
        if record["disputed"]:
            by = tuple(claimed.get(acted, ()))
            action = f"disputed by {in_prose(by)}" if by else "disputed"
            claims |= {by: None} if by else {}
            verifiers = verifiers or not by
        rows.append(
            record
            | {"owing": "the rest" if record["in_part"] else "all"}
            | {"action": action}
            | ({"days": words} if words else {})
        )
    summary = [
        {"party": name, "owed": len(b.owed), "owes": len(b.owes)} for name, b in balances.items()
    ]
    detail = [
        Column("party", "party", priority=100, label=True),
        Column("measure", "measure", priority=100, label=True),
        Column("counterpart", "counterpart", priority=95, label=True),
        Column("since", "since", priority=90),
        Column("days", "days", justify="right", priority=85),
    ]

    def section(
        title: str, columns: list[Column], rows: list[dict[str, Any]], empty: str
    ) -> Section:
        """One side's table; where a side that owes acted in part, what is owing (all of
        it, or the rest) is said of each row; where the side that acted stands disputed,
        its action is said to (`action`)."""
        if any(row["in_part"] for row in rows):
            title += " (or only in part)"
            columns = [*columns, Column("owing", "owing", priority=88)]
        if any(row["disputed"] for row in rows):
            columns = [*columns, Column("action", "action", priority=87)]
        return Section(title, columns, rows, empty=empty)

    return Report(
        document=deferred(lambda: _balance_document(balances, day)),  # (made only for JSON)
        records=records,
        columns=BALANCE_COLUMNS,
        sections=[
            Section(
                f"Reciprocity balance on {day.isoformat()}",
                [
                    Column("party", "party", label=True),
                    Column("owed", "owed", justify="right"),
                    Column("owes", "owes", justify="right"),
                ],
                summary,
            ),
            section(
                "Owed: acted, while what it was exchanged for has not",
                detail,
                owed_rows,
                "(nothing owed)",
            ),
            section(
                "Owes: the counterpart acted, this has not",
                [
                    *detail[:2],
                    Column("counterpart", "counterpart (acted)", priority=95, label=True),
                    *detail[3:],
                ],
                owes_rows,
                "(nothing owing)",
            ),
        ],
        notes=([DISPUTED_DEBT_NOTE] if verifiers else []) + [claimed_note(by) for by in claims],
        id_key="measure",  # (`--format ids`: the measures of the exchanges out of balance)
    )


# (said under a balance where the action a row rests on stands disputed)
DISPUTED_DEBT_NOTE = (
    "disputed: a verifier refuted the action the row rests on (the measure owed for, or "
    "the counterpart that acted); the balance still counts it as acted, as it counts "
    "every disputed measure."
)


def claimed_note(by: Sequence[str]) -> str:
    """What a row whose action parties to the talks alone refuted means (`by`: those
    parties), said under the balance as `DISPUTED_DEBT_NOTE` says a verifier's: 'disputed
    by Russia: refuted by Russia, a party to the talks, not by a verifier; ...'."""
    return (
        f"disputed by {in_prose(by)}: {refuted_by_parties(by)}, not by a verifier "
        f"({'its' if len(by) == 1 else 'their'} claim that the action the row rests on, the "
        "measure owed for or the counterpart that acted, was not done); the balance still "
        "counts it as acted, as it counts every disputed measure."
    )


def _balance_document(balances: dict[str, PartyBalance], day: date) -> dict[str, Any]:
    return {
        "as_of": day.isoformat(),
        "parties": {
            name: {
                "owed": [_outstanding_record(o) for o in b.owed],
                "owes": [_outstanding_record(o) for o in b.owes],
            }
            for name, b in balances.items()
        },
    }


def _balance_records(balances: dict[str, PartyBalance]) -> list[dict[str, Any]]:
    """A row per entry of the balance: each party's owed, then what it owes."""
    return [
        {"party": name, "direction": direction} | _outstanding_record(o)
        for name, b in balances.items()
        for direction, items in (("owed", b.owed), ("owes", b.owes))
        for o in items
    ]


def balance_years_report(drawn: list[tuple[int, date, dict[str, PartyBalance]]]) -> Report:
    """Each party's balance at the end of each year (`analysis.balance.by_year`): for
    people, how many exchanges each party is owed for and owes, a column a year (as the
    yearly scorecard lays out its scores); JSON, a list of each year's `balance` document
    (the same objects), with its `year` first; CSV, `balance`'s rows with the year and
    the day first."""
    from .scores import last_year_said, year_priorities

    years = [year for year, _, _ in drawn]
    day = drawn[-1][1]
    counts = {
        year: {name: (len(b.owed), len(b.owes)) for name, b in balances.items()}
        for year, _, balances in drawn
    }
    names = list(dict.fromkeys(name for _, _, balances in drawn for name in balances))
    # (a year in which no party's counts moved is left out first in a narrow terminal)
    changed = {
        year
        for year, before in zip(years, [None, *years[:-1]], strict=True)
        if before is None or counts[year] != counts[before]
    }
    priorities = year_priorities(years, changed)

    def section(title: str, side: int) -> Section:
        return Section(
            f"{title} on 31 December of each year{last_year_said(day, years)}",
            [Column("party", "party", priority=100, label=True)]
            + [
                Column(str(y), str(y), justify="right", priority=p)
                for y, p in zip(years, priorities, strict=True)
            ],
            [
                {"party": name}
                | {str(y): counts[y][name][side] for y in years if name in counts[y]}
                for name in names
            ],
        )

    return Report(
        document=deferred(
            lambda: [
                {"year": year} | _balance_document(balances, end) for year, end, balances in drawn
            ]
        ),
        records=[
            {"year": year, "as_of": end.isoformat()} | record
            for year, end, balances in drawn
            for record in _balance_records(balances)
        ],
        columns=BALANCE_YEARLY_COLUMNS,
        sections=[section("Owed", 0), section("Owes", 1)],
        notes=[
            "Counted by exchange, as 'dprk balance' counts them: what each is, and since "
            "when, in --format json or csv, or on the day with --as-of."
        ],
        id_key="measure",  # (`--format ids`: the measures out of balance in any year)
    )


# --- check -----------------------------------------------------------------------------


def check_report(
    result: CheckResult, unread: str | None = None, ended: str | None = None
) -> Report:
    """Every problem on one line with the measure and what to do, then a count; `unread`:
    the ledger's file, when it could not be read (its problems are the reader's);
    `ended`: the day the talks ended, said after the count."""
    problems = [
        {
            "severity": p.severity,
            "check": p.check,
            "measure": p.measure,
            "measures": [p.measure, *p.others] if p.measure is not None else [],
            "message": p.message,
        }
        for p in result.problems
    ]
    document = {
        "ok": result.ok,
        "errors": result.errors,
        "warnings": result.warnings,
        "problems": problems,
    }
    # (a problem of a file that could not be read names the file, as a command's error does)
    whole = unread or "(ledger)"
    lines = [
        f"{p['severity']}: {p['measure'] or whole}: {p['message']} [{p['check']}]" for p in problems
    ]
    if unread is not None:
        these = "these are" if len(problems) > 1 else "this is"
        lines.append(f"{unread} cannot be read until {these} mended; its rules are checked then")
    lines.append(_count(result))
    if ended is not None:  # (every view asked of no day reads the ledger as of it)
        lines[-1] += f"; talks ended on {ended}"
    return Report(
        document=document,
        records=problems,
        columns=CHECK_COLUMNS,
        id_key="measure",
        ids=[i for p in result.problems if p.measure for i in (p.measure, *p.others)],
        text="\n".join(lines),
    )


def _count(result: CheckResult) -> str:
    if not result.problems:
        return "ok: no problems found"
    parts = [
        f"{n} {word}{'s' if n != 1 else ''}"
        for n, word in ((result.errors, "error"), (result.warnings, "warning"))
    ]
    return ", ".join(parts)
