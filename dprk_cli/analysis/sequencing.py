"""Who moves first: readiness, the phased plan, and deadlocks, from sequencing constraints.

How order is modelled
---------------------
A *pending* measure (proposed or agreed) may go ahead once every `after`
constraint on it is met: its prerequisite has acted (``require="acted"``,
the default), has been verified (``require="verified"``; by the verifier it names,
``verified_by``, when it names one: `verified_as_ordered`) or has acted in full
(``require="full"``: `vocab.done_in_full`; one made of parts, through every part): the
one rule of it is `order_met`, which `check` asks too. A
measure carried out in part meets no order for it in full: the rest of it is a step of
its own (`_REST`), listed in the plan's `rest`.
Measures joined by
`with` constraints are carried out together (action for action): they form
one *group*, and the group is ready only when the constraints of all its
members are met; a plan puts the whole group in one phase.

A prerequisite that is withdrawn, reversed or not in the ledger cannot meet a
constraint, so whatever waits for it is blocked until the ledger changes; but a part
reversed of a measure made of parts that an order waits to see done in full may be
carried out again, its actor's to do now (`_AGAIN`, an act of it in the plan). A
constraint of a measure on itself is ignored here (`dprk check` reports it).

The plan is a graph of *steps*: one "act" step per group of pending measures,
and one "verify" step per measure that some pending measure waits to see
verified and that is not verified yet. An edge runs from a prerequisite's step
to the step that waits for it: act(A) -> act(B) for "B after A", and
act(A) -> verify(A) -> act(B) for "B after A, verified". A verify step thus
falls in the phase after the one in which its measure acts (or in phase 1 when
the measure has acted already), and the step it gates one phase later again:
the strict phasing of agreements in which relief follows an inspector's report.

A measure made of parts acts only through its parts (`vocab.derive_from_parts`):
it has acted once one part has, and is verified once every part is. So a
pending one has no act step of its own. Every constraint on it holds each of its
parts (and theirs, for parts made of parts), and a `with` on it joins each of
its pending parts to the group. What waits for it to act waits for a stand-in
step placed with its first part to act (an *or*); what waits for it to be
verified, for a stand-in placed with the last of its parts' verify steps (an
*and*). Neither stand-in is listed in a plan.

A measure carried out in part (`vocab.done_in_part`: acted, its extent minimal or
intermediate) still owes the rest, and `next` lists the rest as what its actor can do
next (`rest_owed`). An order holds what a measure has yet to do: the rest waits for the
measure's own unmet orders (`_Graph.rest_waits`, edges into its `_REST` step), given
before or after it began; what it did before an order stands (`check` judges a later
step, `checks._steps_on`). `next` lists a held rest as blocked, `plan` puts the rest in
the phase after what it waits for (`Phase.rest`; phase 1 when nothing holds it), and two
rests each waiting for the other in full are a deadlock. The orders of a measure it is
part of hold it too (they hold what each part has yet to do), those of its `with`
partners do not; but it goes with them still (`_Graph.rest_group`): listed together with
them where it goes when they do (ready with them, in their phase: `_together`, the one
home of what a step carries out together). What holds a rest has one home,
`rest_held`, which every view asks: `status --blocked`, the flags and counts of `status`
and the report's "waits for" hold a held rest blocked as `next` does (`standing`), and
`plan` plans the verification it waits for; `status --ready` leaves a free rest out (it
lists pending measures). One made of parts is not listed itself: what is left of it is
its parts' (those pending, and those carried out in part).
One that has acted with fewer parts recorded than it is to have (`expected_parts`) owes
the parts not recorded yet, listed as its rest (`_Graph.to_record`), which an order for
it in full waits for too (a `_REST` step before its `_WHOLE_FULL`, the step its own
orders hold, as they hold the rest of one that acts itself: `_Graph.rest_step`).

Phases are the layers of Kahn's algorithm: a step's phase is one more than the
latest phase among the steps it waits for (a stand-in's, that of its first
part to act or of its last part's verification). Deadlocks are the strongly
connected components (Tarjan), holding a cycle, of the steps that cannot be
planned: each side waiting for the other. (Without parts these are all the
cyclic components; a cycle through a measure made of parts is none when another
of its parts can act first.) Steps downstream of a deadlock or of a
prerequisite that cannot act are reported as blocked, never planned.
Everything runs in time linear in the number of measures plus constraints
(and parts).
"""

from __future__ import annotations

import heapq
import json
from collections.abc import Callable, Collection, Container, Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from ..facts import Link, Node, Nodes
from ..plain import Plain
from ..vocab import (
    ACTED,
    PARTS_DEPTH,
    PENDING,
    Extent,
    Require,
    Result,
    Status,
    ancestors,
    counted,
    counts_as_part,
    descendants,
    done_in_full,
    done_in_part,
    in_prose,
    owing,
    parts_by_whole,
    pending_below,
    possessive,
    to_do_again,
)
from .kept import flag, integer, optional_text, rows, text, word
from .kept import texts as texts_of

if TYPE_CHECKING:
    from ..model import Ledger, Measure, MeasureIndex
    from .overview import Around

# Why a prerequisite holds a measure back in a plan.
UNKNOWN = "unknown"  # the id is not in the ledger
DEADLOCKED = "deadlocked"  # the prerequisite is part of a deadlock
BLOCKED = "blocked"  # the prerequisite is itself blocked behind one
PARTS = "parts"  # made of parts, it cannot act (or be verified) through them


class Wait(NamedTuple):
    """One unmet `after` constraint: `measure` waits for `after` (to act or be verified).

    A named tuple: plans of thousands of measures make tens of thousands of them.
    """

    measure: str
    after: str
    require: Require
    demanded_by: str | None
    prerequisite_status: Status | None  # None: no measure with that id
    # made of parts, it cannot act (or be verified) through them: a part withdrawn, say
    not_through_parts: bool = False
    # the `with` partner of the measure it holds through which it comes, a part of
    # `measure` (`_via`; None: `measure` says it): set on the copy a listed measure holds
    via: str | None = None
    verified_by: str | None = None  # the verifier whose confirmation it waits for, if named

    @property
    def impossible(self) -> bool:
        """Whether the prerequisite cannot meet the constraint as the ledger stands."""
        status = self.prerequisite_status
        return status is None or (status not in PENDING and status not in ACTED)


class Readiness(Plain):
    """Whether a pending measure can go ahead now, and if not, what holds it; or the rest
    of a measure carried out in part (`rest`: how far it went), which can unless an order
    of its own holds it (`rest_owed`; `parts`, of a measure made of parts that has acted,
    its rest the parts not recorded yet: how many are on record, and how many it is to
    have); or a measure reversed that is to be carried out again (`again`: the day it
    was reversed, `_again`), held as a pending one is."""

    __slots__ = (
        "id",
        "actor",
        "title",
        "ready",
        "waits",
        "deadlocked",
        "rest",
        "parts",
        "again",
    )

    def __init__(
        self,
        id: str,
        actor: str,
        title: str,
        ready: bool,
        waits: tuple[Wait, ...] = (),  # its own unmet constraints and its `with` partners'
        deadlocked: bool = False,
        rest: Extent | None = None,  # done in part: the extent it reached (None: pending)
        parts: tuple[int, int] | None = None,  # its parts recorded, of those it is to have
        again: date | None = None,  # reversed, to be carried out again: the day reversed
    ) -> None:
        self.id = id
        self.actor = actor
        self.title = title
        self.ready = ready
        self.waits = waits
        self.deadlocked = deadlocked
        self.rest = rest
        self.parts = parts
        self.again = again

    @property
    def waiting_for(self) -> list[str]:
        """The ids it waits for, in order, each once."""
        return list(dict.fromkeys(w.after for w in self.waits))

    @property
    def demanded_by(self) -> list[str]:
        """The parties whose demands hold it (agreed constraints name no party)."""
        return sorted({w.demanded_by for w in self.waits if w.demanded_by})


class Phase(Plain):
    """One phase of a plan: measures carried out, and verifications made, in it; with,
    for a verification that orders naming a verifier wait for, those verifiers
    (`verify_by`, by the measure's id: `_verifiers_awaited`); the rest of each measure
    carried out in part placed in it (`rest`: its id and the extent it reached, in id
    order): in phase 1 where nothing holds it, as `next` lists it (`rest_owed`), else
    after what its orders wait for (`_rest_placed`; `to_record`, by id, of those made of
    parts whose rest is parts not recorded yet: `Readiness.parts`); and, last, the groups
    of its measures to be carried out together (`together`: `with` orders join them into
    one step, each group in id order, the groups in order of their first id); and of its
    measures, those reversed that are carried out again (`again`: by id, in id order,
    the day each was reversed, as `next` says it: `Readiness.again`)."""

    __slots__ = (
        "number",
        "measures",
        "verify",
        "verify_by",
        "rest",
        "together",
        "to_record",
        "again",
    )

    def __init__(
        self,
        number: int,
        measures: list[str],
        verify: list[str] | None = None,
        verify_by: dict[str, list[str]] | None = None,
        rest: list[tuple[str, Extent]] | None = None,
        together: list[list[str]] | None = None,
        to_record: dict[str, tuple[int, int]] | None = None,
        again: dict[str, date | None] | None = None,
    ) -> None:
        self.number = number
        self.measures = measures
        self.verify: list[str] = [] if verify is None else verify
        self.verify_by: dict[str, list[str]] = {} if verify_by is None else verify_by
        self.rest: list[tuple[str, Extent]] = [] if rest is None else rest
        self.together: list[list[str]] = [] if together is None else together
        self.to_record: dict[str, tuple[int, int]] = {} if to_record is None else to_record
        self.again: dict[str, date | None] = {} if again is None else again


class Deadlock(Plain):
    """A cycle of constraints among pending measures: nobody can go first."""

    __slots__ = (
        "measures",
        "demands",
        "together",
        "suggestions",
        "parts",
        "drops",
        "since",
        "holds",
        "verified_through",
    )

    def __init__(
        self,
        measures: list[str],
        demands: list[Wait],  # the constraints that make the cycle, in cycle order first
        together: list[list[str]] | None = None,  # `with` groups inside it
        # commands that would break it, run together (the exchanged measures carried out
        # together)
        suggestions: list[str] | None = None,
        parts: list[list[str]] | None = None,  # a measure made of parts, then those inside it
        drops: list[Wait] | None = None,  # its demands any one of which, dropped, breaks it
        since: date | None = None,
        holds: list[Hold] | None = None,
        verified_through: list[str] | None = None,
    ) -> None:
        self.measures = measures
        self.demands = demands
        self.together: list[list[str]] = [] if together is None else together
        self.suggestions: list[str] = [] if suggestions is None else suggestions
        self.parts: list[list[str]] = [] if parts is None else parts
        self.drops: list[Wait] = [] if drops is None else drops
        # the day it has stood from without a break, up to the day of the plan that shows
        # it (`date_deadlocks`, once drawn; not in `Plan.kept`: a plan kept for a content
        # is dated for a day, `days_kept`); None: not known
        self.since = since
        # what holds its measures besides it, that no plan can see to (`_held_besides`):
        # broken, it would leave them blocked all the same, so no way out is offered (no
        # `suggestions`, no `drops`)
        self.holds: list[Hold] = [] if holds is None else holds
        # those of `parts`' measures it holds in their verification alone, not in acting
        # (one that acted: what waits for its finding waits for its parts in it to act
        # and be verified), which `deadlock_clauses` says so
        self.verified_through: list[str] = [] if verified_through is None else verified_through


class Hold(Plain):
    """Why a blocked measure cannot be planned: one of its waits, and what is wrong with it."""

    __slots__ = ("wait", "reason")

    def __init__(self, wait: Wait, reason: str) -> None:
        self.wait = wait
        self.reason = reason  # UNKNOWN, DEADLOCKED, BLOCKED, or the prerequisite's status


class BlockedMeasure(Plain):
    """A pending measure left out of the plan, behind a deadlock or an impossible step; or
    the rest of one carried out in part that its orders hold so (`rest`: how far it went;
    `parts`, of one made of parts with parts still to record, as `Readiness.parts`); or a
    measure reversed, to be carried out again, held so (`again`: the day reversed)."""

    __slots__ = ("id", "actor", "title", "holds", "rest", "parts", "again")

    def __init__(
        self,
        id: str,
        actor: str,
        title: str,
        holds: list[Hold],  # each wait with its `via` as this measure holds it
        rest: Extent | None = None,  # done in part: the extent it reached (None: pending)
        parts: tuple[int, int] | None = None,  # (recorded, expected): parts to record
        again: date | None = None,  # reversed, to be carried out again: the day reversed
    ) -> None:
        self.id = id
        self.actor = actor
        self.title = title
        self.holds = holds
        self.rest = rest
        self.parts = parts
        self.again = again

    @property
    def waiting_for(self) -> list[str]:
        return list(dict.fromkeys(h.wait.after for h in self.holds))


class Plan(Plain):
    """A phased order for every pending measure, with what cannot be ordered and why.

    `labels`: the actor and title of each measure its phases and deadlocks name, so that
    the plan is shown without the ledger it was drawn from (a kept plan, see `kept`);
    `deadlines`: the deadline in force of each measure it names (its `labels`, and
    those blocked) that has one.
    """

    __slots__ = ("phases", "deadlocks", "blocked", "labels", "deadlines")

    def __init__(
        self,
        phases: list[Phase],
        deadlocks: list[Deadlock],
        blocked: list[BlockedMeasure],
        labels: dict[str, tuple[str, str]] | None = None,
        deadlines: dict[str, date] | None = None,
    ) -> None:
        self.phases = phases
        self.deadlocks = deadlocks
        self.blocked = blocked
        self.labels: dict[str, tuple[str, str]] = {} if labels is None else labels
        self.deadlines: dict[str, date] = {} if deadlines is None else deadlines

    def kept(self) -> list[str]:
        """The plan as lines of JSON, to keep beside the ledger (`from_kept` reads them)."""
        return [
            _dumps(
                [
                    [
                        p.number,
                        p.measures,
                        p.verify,
                        p.verify_by,
                        [[i, e.value] for i, e in p.rest],
                        p.together,
                        {i: list(n) for i, n in p.to_record.items()},
                        {i: _day_text(d) for i, d in p.again.items()},
                    ]
                    for p in self.phases
                ]
            ),
            _dumps([_deadlock_row(d) for d in self.deadlocks]),
            _dumps(
                [
                    [
                        b.id,
                        b.actor,
                        b.title,
                        [[_wait_row(h.wait), h.reason] for h in b.holds],
                        None if b.rest is None else b.rest.value,
                        None if b.parts is None else list(b.parts),
                        _day_text(b.again),
                    ]
                    for b in self.blocked
                ]
            ),
            _dumps(self.labels),
            _dumps({i: d.isoformat() for i, d in self.deadlines.items()}),
        ]

    @classmethod
    def from_kept(cls, texts: Sequence[str | bytes]) -> Plan:
        """The plan `kept` gave these lines for (ValueError, TypeError or KeyError: they
        are not what it writes)."""
        phases, deadlocks, blocked, labels, deadlines = map(json.loads, texts)
        if type(labels) is not dict:
            raise TypeError("labels: not a mapping")
        return cls(
            [
                Phase(
                    integer(number),
                    texts_of(measures),
                    texts_of(verify),
                    {text(i): texts_of(by) for i, by in cast(dict[Any, Any], verify_by).items()},
                    [(text(i), Extent(text(e))) for i, e in rows(rest)],
                    [texts_of(group) for group in rows(together)],
                    {text(i): _counts(n) for i, n in cast(dict[Any, Any], to_record).items()},
                    {text(i): _day_of(d) for i, d in cast(dict[Any, Any], again).items()},
                )
                for number, measures, verify, verify_by, rest, together, to_record, again in rows(
                    phases
                )
            ],
            [_deadlock_of(*row) for row in rows(deadlocks)],
            [
                BlockedMeasure(
                    text(ident),
                    text(actor),
                    text(title),
                    [Hold(_wait_of(w), text(r)) for w, r in rows(holds)],
                    None if rest is None else Extent(text(rest)),
                    None if parts is None else _counts(parts),
                    _day_of(again),
                )
                for ident, actor, title, holds, rest, parts, again in rows(blocked)
            ],
            {ident: (text(actor), text(title)) for ident, (actor, title) in labels.items()},
            _deadlines_of(deadlines),
        )


def _deadlock_row(d: Deadlock) -> list[Any]:
    """A deadlock as `Plan.kept` keeps it (`_deadlock_of` reads it back), but the day it
    has stood from (`Deadlock.since`)."""
    return [
        d.measures,
        [_wait_row(w) for w in d.demands],
        d.together,
        d.suggestions,
        d.parts,
        [d.demands.index(w) for w in d.drops],
        [[_wait_row(h.wait), h.reason] for h in d.holds],
        d.verified_through,
    ]


def _deadlock_of(
    measures: Any,
    demands: Any,
    together: Any,
    suggestions: Any,
    parts: Any,
    drops: Any,
    holds: Any,
    verified_through: Any,
) -> Deadlock:
    """A deadlock as `Plan.kept` keeps it (its drops by their places among its demands)."""
    waits = [_wait_of(w) for w in rows(demands)]
    return Deadlock(
        texts_of(measures),
        waits,
        [texts_of(group) for group in rows(together)],
        texts_of(suggestions),
        [texts_of(made) for made in rows(parts)],
        [waits[integer(at)] for at in rows(drops)],
        holds=[Hold(_wait_of(w), text(r)) for w, r in rows(holds)],
        verified_through=texts_of(verified_through),
    )


class VerificationNeeded(Plain):
    """A measure that has acted, whose verification pending measures wait for (`unblocks`);
    `also`: those of them that wait, besides findings, for measures to act first (the
    parts of a whole yet to act, another measure), by id, with those measures; `closed`:
    those of the measures named there that cannot act as the ledger stands, each with its
    status (withdrawn, rejected, reversed; None: not in the ledger), as a wait on it says
    (`Wait.impossible`); `stuck`: those caught in a deadlock (whoever's they are:
    `--party` keeps the finding); `findings`: those that wait for other findings too (of
    another measure, or of another part of a whole), by id, with the measures to be
    verified. One caught in a deadlock is in `also` and `findings` all the same, as it
    would be without it (the measures in the circle with it named too). A measure named
    in none of these the finding alone frees (`frees`). `by`: the verifiers whose finding
    the orders waiting for it name (`Wait.verified_by`), in name order, as the plan's
    verify step names them; [] when anyone's does."""

    __slots__ = ("id", "actor", "title", "unblocks", "also", "stuck", "closed", "findings", "by")

    def __init__(
        self,
        id: str,
        actor: str,
        title: str,
        unblocks: list[str],
        also: dict[str, list[str]] | None = None,
        stuck: list[str] | None = None,
        closed: dict[str, str | None] | None = None,
        findings: dict[str, list[str]] | None = None,
        by: list[str] | None = None,
    ) -> None:
        self.id = id
        self.actor = actor
        self.title = title
        self.unblocks = unblocks
        self.also = also or {}
        self.stuck = stuck or []
        self.closed = closed or {}
        self.findings = findings or {}
        self.by = by or []

    @property
    def frees(self) -> list[str]:
        """The measures this finding alone frees: of those it unblocks, the ones that wait
        for nothing else (no deadlock, no measure to act first, no other finding)."""
        more = (self.also, self.findings)
        stuck = set(self.stuck)
        return [i for i in self.unblocks if i not in stuck and not any(i in d for d in more)]


def behind_a_deadlock(states: Iterable[Readiness]) -> frozenset[str]:
    """The blocked measures that are in no deadlock but wait, directly or through others
    that wait, for one that is (`states`: every pending measure's readiness, a measure
    made of parts through which a deadlock runs included): they cannot move until the
    deadlock is broken (`plan` lists them so). One pass back along the waits, from the
    deadlocked ones."""
    waiting: dict[str, list[str]] = {}  # who waits for each measure
    stuck = []
    for r in states:
        for w in r.waits:
            waiting.setdefault(w.after, []).append(r.id)
        if r.deadlocked:
            stuck.append(r.id)
    seen = set(stuck)
    found: set[str] = set()
    while stuck:
        for ident in waiting.get(stuck.pop(), ()):
            if ident not in seen:
                seen.add(ident)
                found.add(ident)
                stuck.append(ident)
    return frozenset(found)


class NextSteps(Plain):
    """What can go ahead now, what is blocked, and which verifications are needed to unblock;
    and, for each measure that can go ahead joined by `with` orders to others, those
    others, in id order (`together`: one act step of the graph, as the plan's phase
    holds it); and the deadline in force of each measure listed that has one
    (`deadlines`, by id)."""

    __slots__ = ("ready", "blocked", "verify", "behind", "together", "deadlines")

    def __init__(
        self,
        ready: list[Readiness],
        blocked: list[Readiness],
        verify: list[VerificationNeeded],
        behind: frozenset[str],
        together: dict[str, list[str]] | None = None,
        deadlines: dict[str, date] | None = None,
    ) -> None:
        self.ready = ready
        self.blocked = blocked
        self.verify = verify
        # the blocked measures behind a deadlock, as the whole ledger has them: a party
        # chosen (`of_party`) leaves out rows, not what a row says (c of B behind A's a)
        self.behind = behind
        # (as the whole ledger has them too: a party's row names the other's measure)
        self.together: dict[str, list[str]] = {} if together is None else together
        self.deadlines: dict[str, date] = {} if deadlines is None else deadlines

    def of_party(self, party: str | list[str] | None) -> NextSteps:
        """Only the measures of `party` (one or several; all of them for None or none),
        and the verifications of its measures or that one of its measures waits for."""
        if not party:
            return self
        chosen = {party} if isinstance(party, str) else set(party)
        theirs = {r.id for r in (*self.ready, *self.blocked) if r.actor in chosen}
        return NextSteps(
            [r for r in self.ready if r.actor in chosen],
            [r for r in self.blocked if r.actor in chosen],
            [v for v in self.verify if v.actor in chosen or not theirs.isdisjoint(v.unblocks)],
            self.behind,
            self.together,
            self.deadlines,
        )

    def kept(self) -> list[str]:
        """The next steps as lines of JSON, to keep beside the ledger (`from_kept`)."""

        def listed(states: list[Readiness]) -> str:
            return _dumps(
                [
                    [
                        r.id,
                        r.actor,
                        r.title,
                        r.ready,
                        [_wait_row(w) for w in r.waits],
                        r.deadlocked,
                        None if r.rest is None else r.rest.value,
                        None if r.parts is None else list(r.parts),
                        _day_text(r.again),
                    ]
                    for r in states
                ]
            )

        return [
            listed(self.ready),
            listed(self.blocked),
            _dumps(
                [
                    [v.id, v.actor, v.title, v.unblocks, v.also, v.stuck, v.closed, v.findings]
                    + [v.by]
                    for v in self.verify
                ]
            ),
            _dumps(sorted(self.behind)),
            _dumps(self.together),
            _dumps({i: d.isoformat() for i, d in self.deadlines.items()}),
        ]

    @classmethod
    def from_kept(cls, texts: Sequence[str | bytes]) -> NextSteps:
        """The next steps `kept` gave these lines for (ValueError, TypeError or KeyError:
        they are not what it writes)."""
        ready, blocked, verify, behind, together, deadlines = map(json.loads, texts)

        def states(found: Any) -> list[Readiness]:
            return [
                Readiness(
                    text(ident),
                    text(actor),
                    text(title),
                    flag(is_ready),
                    tuple(map(_wait_of, rows(waits))),
                    flag(stuck),
                    None if rest is None else Extent(text(rest)),
                    None if parts is None else _counts(parts),
                    _day_of(again),
                )
                for ident, actor, title, is_ready, waits, stuck, rest, parts, again in rows(found)
            ]

        return cls(
            states(ready),
            states(blocked),
            [
                VerificationNeeded(
                    text(ident),
                    text(actor),
                    text(title),
                    texts_of(unblocks),
                    {text(i): texts_of(ids) for i, ids in cast(dict[Any, Any], also).items()},
                    texts_of(stuck),
                    {
                        text(i): optional_text(status)
                        for i, status in cast(dict[Any, Any], closed).items()
                    },
                    {text(i): texts_of(ids) for i, ids in cast(dict[Any, Any], findings).items()},
                    texts_of(by),
                )
                for ident, actor, title, unblocks, also, stuck, closed, findings, by in rows(verify)
            ],
            frozenset(texts_of(behind)),
            {text(i): texts_of(ids) for i, ids in cast(dict[Any, Any], together).items()},
            _deadlines_of(deadlines),
        )


def _deadlines_of(found: Any) -> dict[str, date]:
    """Deadlines by id as `kept` keeps them (TypeError or ValueError: they are not)."""
    if type(found) is not dict:
        raise TypeError("deadlines: not a mapping")
    return {text(i): date.fromisoformat(text(d)) for i, d in found.items()}


def _deadlines(index: Mapping[str, Node], ids: Iterable[str]) -> dict[str, date]:
    """The deadline in force of each of `ids` that has one, by id (`NextSteps.deadlines`,
    `Plan.deadlines`)."""
    found: dict[str, date] = {}
    for i in ids:
        n = index.get(i)
        if n is not None and n.deadline is not None:
            found[i] = n.deadline
    return found


def _counts(row: Any) -> tuple[int, int]:
    """Two counts as `kept` keeps them (`Readiness.parts`): TypeError or ValueError when
    they are not."""
    recorded, expected = rows(row)
    return integer(recorded), integer(expected)


def _day_text(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _day_of(found: Any) -> date | None:
    """A day as `_day_text` keeps it (TypeError or ValueError: it is not one)."""
    return None if found is None else date.fromisoformat(text(found))


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _wait_row(w: Wait) -> list[Any]:
    status = w.prerequisite_status
    return [
        w.measure,
        w.after,
        w.require.value,
        w.demanded_by,
        None if status is None else status.value,
        w.not_through_parts,
        w.via,
        w.verified_by,
    ]


def _wait_of(row: Any) -> Wait:
    measure, after, require, demanded_by, status, stuck, via, verifier = rows(row)
    return Wait(
        text(measure),
        text(after),
        word(Require, require),
        optional_text(demanded_by),
        None if status is None else word(Status, status),
        flag(stuck),
        optional_text(via),
        optional_text(verifier),
    )


def order_met(c: Link, prerequisite: Node | None) -> bool:
    """Whether `prerequisite` (None: not in the ledger), as it stands, meets `after` order
    `c`: it has acted (``require="acted"``); it stands verified (``"verified"``), by the
    verifier the order names when it names one (`verified_as_ordered`); it has acted in
    full (``"full"``: `vocab.done_in_full`, one done in part and verified owes the rest).
    The one rule of "is this order met": the plan, `next`, `status --ready`, a past day
    and a what-if ask it through the step graph, and `check`'s out-of-order warning asks
    it of each day the prerequisite changed (`checks._met_as_ordered`; or, for an order
    this reads of the status alone, `by_status_alone`, of the days its node's spans say
    it acted or stood verified)."""
    if prerequisite is None:
        return False
    if c.require == Require.acted:
        return prerequisite.status in ACTED
    if c.require == Require.full:
        return done_in_full(prerequisite)
    return prerequisite.status == Status.verified and verified_as_ordered(c, prerequisite)


def by_status_alone(c: Link) -> bool:
    """Whether `order_met` judges order `c` by its prerequisite's status alone (acted,
    or verified by anyone), so that whether it stood acted or verified on a day tells."""
    return c.require == Require.acted or (c.require == Require.verified and not c.verified_by)


def met_since(c: Link, prerequisite: Node) -> date | None:
    """The day `prerequisite`, which meets `after` order `c` (`order_met`), came to meet it
    and has met it since: the day it last came to have acted (``"acted"``), to stand done
    in full (``"full"``: `Node.full_since`), to stand verified (``"verified"``; by the
    verifier the order names, no earlier than the latest confirmation, when it is one: a
    node does not keep each verifier's day). None when its record does not say."""
    if c.require == Require.acted:
        return prerequisite.acted_since
    if c.require == Require.full:
        return prerequisite.full_since
    day = prerequisite.since
    latest = prerequisite.latest_finding
    if c.verified_by is not None and latest is not None and latest.result == Result.confirmed:
        return max(d for d in (day, latest.date) if d is not None)
    return day


def held_back(ledger: Nodes, ids: Iterable[str]) -> dict[str, tuple[tuple[Wait, ...], date | None]]:
    """What the parties' agreed orders say of each of `ids` (measures a party owes for,
    `analysis.balance`), as `next` judges it: the unmet orders that hold it back
    (`_waits`, of a pending measure: its own, its `with` partners' and those of what it
    is part of, as `next` lists it blocked; `_Graph.rest_waits`, of the rest of one
    carried out in part: its own; `_left_held`, of one made of parts that has acted: those
    that hold everything it has left, or none), empty where none does; and, where none does, the
    latest day one of those orders that once held it came to be met (`met_since`; None
    where none did, or the record does not say); of a measure made of parts, the first
    day one of what it has left (a part to act, a rest) was so freed, through its own
    orders, its parts' or its wholes' (it goes ahead when any of it can). Only an order
    all agreed counts: one party's demand (`demanded_by`) is its claim, not the
    agreement's, and holds no debt back. An order given once what it names met it never
    held it; one taken out or replaced before it was met (`_orders_ended`) held it until
    then. Only the ids with either are given; a ledger with no agreed `after` order,
    standing or ended, holds nothing (its graph is not built)."""
    if not any(
        c.after is not None and c.demanded_by is None
        for n in ledger.measures
        for c in (*n.constraints, *(o for o, _ in n.ended))
    ):
        return {}
    from ..facts import orders_of_wholes

    graph = _graph_of(ledger)
    index = graph.index
    in_part = {m.id for m in graph.in_part}
    found: dict[str, tuple[tuple[Wait, ...], date | None]] = {}

    def freed_of(holders: Sequence[str], wholes: bool = True) -> date | None:
        """The latest day an agreed order that held `holders` (their own, and with
        `wholes` those of what they are part of) came to be met, or ended unmet."""
        orders = [(h, c) for h in holders for c in index[h].constraints]
        if wholes:
            orders += [o for h in holders for o in orders_of_wholes(index, h)]
        freed = None
        for holder, c, end in [
            *((h, c, None) for h, c in orders),
            *_orders_ended(index, holders, wholes=wholes),
        ]:
            first = index.get(c.after) if c.after not in (None, holder) else None
            if first is None or c.demanded_by is not None:
                continue
            met = met_since(c, first) if order_met(c, first) else None
            # (one ended before it was met held until it ended: taken out, or replaced)
            stopped = met if end is None or (met is not None and met <= end) else end
            given = c.set_on or index[holder].created
            if stopped is not None and (given is None or given <= stopped):
                freed = stopped if freed is None else max(freed, stopped)
        return freed

    def freed_through(left: Sequence[Sequence[str]]) -> date | None:
        """The day the first of what a measure made of parts has `left` (the holders of
        each: a part's act step, or one rest) came to be free: a whole goes ahead when
        any of it can (None when one of them was never held, or the record does not
        say when it came to be free)."""
        days = [freed_of(holders) for holders in left]
        return None if None in days else min(d for d in days if d is not None)

    for ident in ids:
        step = graph.group.get(ident)
        if ident in graph.wholes or step is not None:
            waits = _waits(graph, ident)[1] if _stands(graph, ident) else ()
            leaves = graph.leaves(ident) if step is None else ()
            if leaves:  # (it goes ahead through its parts: when their orders let one)
                left = [graph.members[graph.group[p]] for p in leaves]
            else:
                left = [graph.members[step] if step is not None else [ident]]
        elif ident in graph.parts:  # (acted through a part: held when all it has left is)
            waits = _left_held(graph, ident, in_part)
            left = [
                graph.members[graph.group[p]] if p in graph.group else [p]
                for p in (ident, *descendants(graph.parts, ident))
                if p in graph.group or p in in_part
            ] or [[ident]]
        elif ident in in_part:
            waits = rest_held(graph, ident)
            left = []
        else:
            continue
        waits = tuple(w for w in waits if w.demanded_by is None)
        if waits:
            found[ident] = (waits, None)
            continue
        freed = freed_through(left) if left else freed_of([ident], wholes=False)
        if freed is not None:
            found[ident] = ((), freed)
    return found


def _orders_ended(
    index: Mapping[str, Node], holders: Iterable[str], wholes: bool
) -> list[tuple[str, Link, date]]:
    """The `after` orders that held `holders` and ended since (`Node.ended`: taken out,
    or replaced), each with the measure that had it and the day it ended: their own, and,
    with `wholes`, those of what they are part of (and so on up), as `orders_of_wholes`
    reads the standing ones (not one toward the measure itself or one below it)."""
    found: list[tuple[str, Link, date]] = []
    for holder in holders:
        below: set[str] = set()
        for m in [holder, *(ancestors(index, holder) if wholes else ())]:
            if m not in index:
                break
            below.add(m)
            found += [(m, c, end) for c, end in index[m].ended if c.after not in (None, *below)]
    return found


def _left_held(graph: _Graph, whole: str, in_part: Container[str]) -> tuple[Wait, ...]:
    """The agreed orders that hold everything `whole`, a measure made of parts that has
    acted, has left (`held_back`): each part below it yet to act (`next` lists it, ready or
    blocked: its waits), the rest of each carried out in part (`rest_held`) and the parts
    still to record of it or of a whole below it (`rest_held` too; `in_part`: the ids of
    `graph.in_part`), each held by an unmet agreed order, its own or of what it is part
    of; none when anything of it is free, or nothing is left."""
    found: list[Wait] = []
    for ident in (whole, *descendants(graph.parts, whole)):
        if ident in graph.group:
            waits: Iterable[Wait] = graph.waits[graph.group[ident]]
        elif ident in in_part:
            waits = rest_held(graph, ident)
        else:
            continue
        agreed = [w for w in waits if w.demanded_by is None]
        if not agreed:
            return ()
        found += agreed
    return tuple(dict.fromkeys(found))


def verified_as_ordered(c: Link, prerequisite: Node) -> bool:
    """Whether `prerequisite`, which stands verified, is verified as order `c` asks: by
    anyone, unless the order names a verifier (`verified_by`), whose confirmed finding
    must stand (`status.confirmed_by`: among those who confirmed what it did last, names
    compared as parties are; one refuted or withdrawn since, or another verifier's,
    does not do; of a measure verified through its parts, among those who confirmed
    every part that counts, `facts.verifiers`), as `status --verified-by` lists it.
    Asked through `order_met` (a status assumed names no verifier, so meets no order
    that names one)."""
    if c.verified_by is None:
        return True
    from ..rules import party_key
    from .status import confirmed_by

    return confirmed_by(prerequisite, party_key(c.verified_by))


# --- the step graph --------------------------------------------------------------------

# The kinds of the steps after the act steps.
_VERIFY = 0  # a measure's verification
_WHOLE_ACTS = 1  # a measure made of parts has acted: one of its parts has
_WHOLE_VERIFIED = 2  # a measure made of parts is verified: each of its parts is
_REST = 3  # the rest of a measure carried out in part: it has acted in full
_WHOLE_FULL = 4  # a measure made of parts has acted in full: each of its parts has
_AGAIN = 5  # a part reversed acts again, as its whole's order for it in full waits to see


class _Graph:
    """Steps and edges built once from the ledger; every report reads from it.

    Steps are numbered: act steps first (one per group of pending measures, in
    ledger order of their first member), then the other steps as they are needed:
    verify steps, the rest of a measure carried out in part that an order waits to see
    done in full (`_REST`: its actor's to do, listed as an act of it; of one made of
    parts with fewer recorded than it is to have, the parts to record, before its
    `_WHOLE_FULL`), a part reversed that such an order for its whole waits to see carried
    out again (`_AGAIN`: its actor's to do now, an act of it too), and the stand-ins of
    measures made of parts (`_WHOLE_ACTS`, `_WHOLE_VERIFIED`, `_WHOLE_FULL`), which no
    one carries out and no plan lists.
    """

    def __init__(self, ledger: Nodes) -> None:
        index = ledger.index()
        self.index = index
        # Statuses compared as plain strings: hashing an Enum member runs Python code,
        # and this loop runs once per measure and per constraint.
        status_of = {ident: str(m.status) for ident, m in index.items()}
        acted = {str(s) for s in ACTED}
        pending_set = {str(s) for s in PENDING}
        reversed_ = str(Status.reversed)
        pending = [m for m in index.values() if status_of[m.id] in pending_set]
        self.pending = pending

        # Measures made of parts (of parts in the ledger): a pending one acts through its
        # parts alone, so it has no act step of its own, and every constraint on a
        # measure holds each of its parts too (`_inherited`). A part that stands rejected
        # is none (`vocab.counted_parts`): one whose parts all do acts itself.
        parts = parts_by_whole(
            (m.id, m.part_of)
            for m in index.values()
            if m.part_of in index and counts_as_part(status_of[m.id])
        )
        self.parts = parts
        wholes = {m.id for m in pending if m.id in parts}
        self.wholes = wholes
        # Those yet to act, pending or not: a part may still act, and so they (one
        # withdrawn, rejected or reversed is implemented once a part is).
        to_act = {i for i in parts if status_of[i] not in acted}
        self.to_act = to_act
        # Those reversed that are to be carried out again (`_again`), by id, with the day
        # they were reversed: each acts itself, as a pending measure does.
        redo = self.redo = _again(index, status_of, parts)
        doers = [m for m in index.values() if m.id in redo] if redo else []
        doers = [m for m in pending if m.id not in wholes] + doers
        if redo:  # (in the ledger's order, as the act steps are numbered)
            place = {ident: at for at, ident in enumerate(index)}
            doers.sort(key=lambda m: place[m.id])
        # What `next` lists, ready or blocked: the pending measures and those to redo.
        self.listed = (
            [m for m in index.values() if m.id in redo or status_of[m.id] in pending_set]
            if redo
            else pending
        )
        self.leaves_of: dict[str, list[str]] = {}
        # Those carried out in part that act themselves: the rest is owed (`rest_owed`);
        # and those made of parts that have acted with fewer parts recorded than they are
        # to have (`expected_parts`): the parts not recorded yet are the rest, their
        # actor's to record and carry out (`to_record`: how many are on record, of how many).
        self.to_record = {
            w: (len(ps), expected)
            for w, ps in parts.items()
            if status_of[w] in acted
            and (expected := index[w].expected_parts) is not None
            and len(ps) < expected
        }
        self.in_part = [
            m
            for m in index.values()
            if status_of[m.id] in acted
            and (m.id in self.to_record if m.id in parts else done_in_part(m))
        ]
        # Parts reversed that an order for their whole in full waits to see act again
        # (`_AGAIN`: their actor's to do, ready now, as the rest of one done in part is).
        self.again: list[Node] = []

        # `with` groups among pending measures (union-find, path halving), and the rest of
        # one carried out in part that acts itself, which goes with its partners still
        # (`rest_group`: in their act step's phase, listed together with them).
        parent = {m.id: m.id for m in doers}
        rests = [m.id for m in self.in_part if m.id not in parts]
        parent.update((i, i) for i in rests)
        rest_ids = set(rests)

        def find(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        def join(ids: list[str]) -> None:
            for other in ids[1:]:
                a, b = find(ids[0]), find(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)

        for m in index.values():
            if m.id not in parent and m.id not in parts:
                continue  # (neither to act nor acting through parts)
            for c in m.constraints:
                if c.with_ is None or c.with_ == m.id:
                    continue
                if m.id in parent and c.with_ in parent:
                    join([m.id, c.with_])
                elif m.id in parts or c.with_ in parts:
                    # Together with a measure made of parts: with each of its pending
                    # parts, whether or not one has acted; one with none ties nothing.
                    ours = self._below(m.id, parts) if m.id in parts else [m.id]
                    theirs = self._below(c.with_, parts) if c.with_ in parts else [c.with_]
                    # (a part carried out in part goes with what its own orders join it to)
                    ours = [i for i in ours if i in parent and (i == m.id or i not in rest_ids)]
                    theirs = [
                        i for i in theirs if i in parent and (i == c.with_ or i not in rest_ids)
                    ]
                    if ours and theirs:
                        join(ours + theirs)

        self.group: dict[str, int] = {}
        self.members: list[list[str]] = []  # act step -> its measures, in ledger order
        root_step: dict[str, int] = {}
        for m in doers:
            root = find(m.id)
            step = root_step.get(root)
            if step is None:
                step = root_step[root] = len(self.members)
                self.members.append([])
            self.members[step].append(m.id)
            self.group[m.id] = step
        self.acts = len(self.members)
        # the act step each such rest goes with, and the rests that go with each act step
        self.rest_group: dict[str, int] = {}
        self.rests_with: dict[int, list[str]] = {}
        for ident in rests:
            step = root_step.get(find(ident))
            if step is not None:
                self.rest_group[ident] = step
                self.rests_with.setdefault(step, []).append(ident)

        # The other steps (offset by self.acts): each one's kind and measure.
        self.kind: list[int] = []
        self.measure_of: list[str] = []
        verify_step: dict[str | tuple[str, str], int] = {}
        whole_step: dict[str, int] = {}
        full_step: dict[str, int] = {}
        # The step of the rest of each measure carried out in part (`_REST`, what its
        # orders hold: `rest_held`): its full step, or of one made of parts with parts
        # still to record, the step of recording them, before its `_WHOLE_FULL`.
        rest_step: dict[str, int] = {}
        self.succ: list[list[int]] = [[] for _ in range(self.acts)]
        self.succ_wait: list[list[Wait | None]] = [[] for _ in range(self.acts)]  # beside succ
        self.pred_waits: list[list[tuple[int, Wait | None]]] = [[] for _ in range(self.acts)]
        self.waits: list[list[Wait]] = [[] for _ in range(self.acts)]  # unmet, per act step
        self.impossible: list[bool] = [False] * self.acts

        def add_edge(src: int, dst: int, wait: Wait | None) -> None:
            self.succ[src].append(dst)
            self.succ_wait[src].append(wait)
            self.pred_waits[dst].append((src, wait))

        def new_step(kind: int, ident: str) -> int:
            step = len(self.succ)
            self.kind.append(kind)
            self.measure_of.append(ident)
            self.succ.append([])
            self.succ_wait.append([])
            self.pred_waits.append([])
            self.impossible.append(False)
            return step

        # (A cycle of parts, an error `dprk check` names, is followed once: `making`; parts
        # nested deeper than they may, another, are not followed past the limit.)
        making: set[str] = set()

        def acts_node(ident: str) -> int:
            """The step after which `ident` (pending, or made of parts) has acted."""
            if ident not in to_act:
                return self.group[ident]
            step = whole_step.get(ident)
            if step is None:
                step = whole_step[ident] = new_step(_WHOLE_ACTS, ident)
                making.add(ident)
                ways = []
                for p in parts[ident] if len(making) <= PARTS_DEPTH else ():
                    if p in making or (p not in to_act and p not in self.group):
                        continue  # (a part that acted would have made it act)
                    way = acts_node(p)
                    if way < self.acts or not self.impossible[way]:
                        ways.append(way)
                for way in ways:
                    add_edge(way, step, None)
                making.discard(ident)
                self.impossible[step] = not ways
            return step

        def verify_node(ident: str, key: str | None = None) -> int:
            """The step after which `ident` (not verified, or not by the verifier of
            `key`) has been verified (by that verifier: for one made of parts, a stand-in
            of its own, waiting for each part not verified by it)."""
            slot: str | tuple[str, str] = ident
            if key is not None and ident in parts:
                slot = (ident, key)
            step = verify_step.get(slot)
            if step is None:
                made_of = parts.get(ident, [])
                step = verify_step[slot] = new_step(_WHOLE_VERIFIED if made_of else _VERIFY, ident)
                if made_of and (len(making) > PARTS_DEPTH or not self.verifiable(ident)):
                    self.impossible[step] = True
                    return step
                making.add(ident)
                for p in made_of:  # verified when every part is (by the verifier named)
                    if p not in making and not self.verified_by(p, key):
                        add_edge(verify_node(p, key), step, None)
                making.discard(ident)
                if not made_of and ident in self.group:  # pending: it must act first
                    add_edge(self.group[ident], step, None)
            return step

        def full_node(ident: str) -> int:
            """The step after which `ident` (not done in full: pending, carried out in part,
            or made of parts) has acted in full (`vocab.done_in_full`): its act step, where
            it is pending and acts itself (a step carries a measure out, as the plan has
            it); the rest of one carried out in part (`_REST`, its actor's to do now); for
            one made of parts, every part's (`_WHOLE_FULL`; a part reversed, carried out
            again, `_AGAIN`, its actor's to do now; never, where a part can never act:
            one withdrawn or rejected)."""
            if ident in self.group:
                return self.group[ident]
            step = full_step.get(ident)
            if step is None:
                made_of = parts.get(ident, [])
                step = full_step[ident] = new_step(_WHOLE_FULL if made_of else _REST, ident)
                if not made_of:
                    rest_step[ident] = step
                    return step
                if len(making) > PARTS_DEPTH:
                    self.impossible[step] = True
                    return step
                making.add(ident)
                if ident in self.to_record:  # (and the parts not recorded yet: the rest)
                    rest_step[ident] = new_step(_REST, ident)
                    add_edge(rest_step[ident], step, None)
                for p in made_of:
                    if p in making or done_in_full(index[p]):
                        continue
                    if (
                        status_of[p] in pending_set
                        or status_of[p] in acted
                        or p in parts
                        or p in redo
                    ):
                        add_edge(full_node(p), step, None)
                    elif status_of[p] == reversed_:  # (marked implemented again, it acts)
                        again = full_step.get(p)
                        if again is None:
                            again = full_step[p] = new_step(_AGAIN, p)
                            self.again.append(index[p])
                        add_edge(again, step, None)
                    else:  # (a part that can never act: the whole is never done in full)
                        self.impossible[step] = True
                making.discard(ident)
            return step

        for ident in wholes:
            acts_node(ident)

        new_wait = tuple.__new__
        succ, succ_wait, pred_waits = self.succ, self.succ_wait, self.pred_waits
        group, waits_of, impossible = self.group, self.waits, self.impossible
        made: dict[str, list[tuple[Wait, int | None]]] = {}  # a whole's unmet constraints
        self.whole_waits: dict[str, list[Wait]] = {}

        def key_of(c: Link) -> str:
            from ..rules import party_key

            return party_key(c.verified_by or "")

        def unmet(m: Node) -> list[tuple[Wait, int | None]]:
            """`m`'s unmet constraints, each with the step it waits for (None: it waits
            for the impossible)."""
            found: list[tuple[Wait, int | None]] = []
            for c in m.constraints:
                if c.after is None or c.after == m.id:
                    continue  # a measure waiting for itself is a mistake for `dprk check`
                status = status_of.get(c.after)
                # (met, as `order_met` says: only one that has acted meets any order)
                if status in acted and order_met(c, index[c.after]):
                    continue
                src: int | None = None
                if status is None or (
                    status not in pending_set
                    and status not in acted
                    and c.after not in parts
                    and c.after not in redo
                ):
                    pass
                elif c.require == "verified":
                    src = verify_node(c.after, None if c.verified_by is None else key_of(c))
                elif c.require == "full":
                    src = full_node(c.after)
                else:
                    src = acts_node(c.after)
                wait = new_wait(  # (a plan of thousands of measures makes thousands)
                    Wait,
                    (
                        m.id,
                        c.after,
                        c.require,
                        c.demanded_by,
                        index[c.after].status if status else None,
                        src is not None and src >= self.acts and impossible[src],
                        None,
                        c.verified_by,
                    ),
                )
                found.append((wait, src))
            return found

        def held(m: Node) -> list[tuple[Wait, int | None]]:
            """What holds `m` (what it has yet to do): its own unmet constraints, then
            those of each measure it is part of (`unmet`), up through its wholes."""
            ahead = unmet(m)
            if m.part_of is not None and parts:
                below = {m.id}  # (what a part is part of is never a step to wait for)
                for whole in ancestors(index, m.id):
                    if whole not in index:
                        break  # (a part of a measure not in the ledger: an error of its own)
                    inherited = made.get(whole)
                    if inherited is None:
                        inherited = made[whole] = unmet(index[whole])
                        self.whole_waits[whole] = [w for w, _ in inherited]
                    ahead += [(w, src) for w, src in inherited if w.after not in below]
                    below.add(whole)
            return ahead

        for m in doers:
            step = group[m.id]
            ahead = held(m)
            for wait, src in ahead:
                if wait.measure != m.id and wait in waits_of[step]:
                    continue  # (its whole's, which another of its parts here holds too)
                waits_of[step].append(wait)
                if src is None:
                    impossible[step] = True
                    continue
                succ[src].append(step)
                succ_wait[src].append(wait)
                pred_waits[step].append((src, wait))
        for whole in wholes:
            if whole not in made:
                self.whole_waits[whole] = [w for w, _ in unmet(index[whole])]
        # The rest of one carried out in part waits for its own unmet orders, and for
        # those of each measure it is part of: an order holds what a measure has yet to
        # do (of one made of parts, what each part has yet to do), so its further steps
        # (`_REST`) come after what it asks, what it did before standing (`rest_owed`).
        self.rest_waits: dict[int, list[Wait]] = {}
        for m in self.in_part:
            ahead = held(m)
            if not ahead:
                continue
            full = full_node(m.id)
            step = rest_step.get(m.id, full)  # (of one made of parts: its parts to record)
            self.rest_waits[step] = [w for w, _ in ahead]
            for wait, src in ahead:
                if src is None:
                    impossible[step] = True
                else:
                    add_edge(src, step, wait)
        self.full_step = full_step
        self.rest_step = rest_step
        self.whole_step = whole_step
        self._layers: tuple[list[int], list[bool]] | None = None
        self._components: list[list[int]] | None = None

    def leaves(self, ident: str) -> list[str]:
        """The pending parts of a pending measure made of parts that act themselves (the
        parts of its parts made of parts, and so on), in id order."""
        found = self.leaves_of.get(ident)
        if found is None:
            found = self.leaves_of[ident] = sorted(self._below(ident, self.to_act))
        return found

    def yet_to_act(self, ident: str) -> list[str]:
        """The parts of a measure made of parts that act themselves and are pending (the
        parts of its parts made of parts, and so on), whatever its own status."""
        return self._below(ident, self.parts)

    def _below(self, ident: str, through: Container[str]) -> list[str]:
        """The pending parts of `ident` that act themselves, looked for down through its
        parts in `through` (made of parts, theirs too); a cycle of parts followed once."""
        return pending_below(self.parts, self.index, ident, through)

    def verifiable(self, ident: str, seen: frozenset[str] = frozenset()) -> bool:
        """Whether `ident` is verified, or may yet be: it is pending or has acted, or is
        made of parts each of which may (a cycle of parts is followed once)."""
        status = self.index[ident].status
        if status == Status.verified:
            return True
        if ident in self.parts:
            inside = seen | {ident}
            return all(self.verifiable(p, inside) for p in self.parts[ident] if p not in inside)
        return status in PENDING or status in ACTED

    def unverified(self, ident: str, key: str | None = None) -> list[str]:
        """What is to be verified for `ident`, which has acted, to be: itself, or for a
        measure made of parts, each of its parts that has acted and is not verified
        (each of theirs, for a part made of parts); none when it cannot be. `key`: by
        the verifier of that key (`rules.party_key`), a part verified by another too."""
        if ident not in self.parts:
            return [ident]
        if not self.verifiable(ident):
            return []
        found: list[str] = []
        seen = {ident}
        stack = [ident]
        while stack:
            for p in self.parts.get(stack.pop(), ()):
                status = self.index[p].status
                if p in seen or status not in ACTED or self.verified_by(p, key):
                    continue
                seen.add(p)
                if p in self.parts:
                    stack.append(p)
                else:
                    found.append(p)
        return sorted(found)

    def verified_by(self, ident: str, key: str | None) -> bool:
        """Whether `ident` stands verified, by the verifier of `key` if one is named
        (through its parts, for one made of them: `status.confirmed_by`)."""
        n = self.index[ident]
        if n.status != Status.verified:
            return False
        from .status import confirmed_by

        return key is None or confirmed_by(n, key)

    def size(self) -> int:
        return len(self.succ)

    def cyclic_components(self) -> list[list[int]]:
        """The deadlocks: strongly connected components, holding a cycle, of the steps
        that cannot be planned (found once). Without measures made of parts every step
        on a cycle is one of them; with them, a cycle through a measure made of parts
        may be left by another of its parts, which acts first."""
        if self._components is None:
            if self.whole_step:
                _, planned = self.layers()
                self._components = self._find_cyclic_components(planned)
            else:
                self._components = self._find_cyclic_components(None)
        return self._components

    def _find_cyclic_components(self, skip: list[bool] | None) -> list[list[int]]:
        """Tarjan's algorithm, iterative, over the steps `skip` does not name."""
        n = self.size()
        succ = self.succ
        number = [-1] * n
        low = [0] * n
        on_stack = [False] * n
        stack: list[int] = []
        found: list[list[int]] = []
        counter = 0
        for root in range(n):
            if number[root] != -1 or (skip is not None and skip[root]):
                continue
            work = [(root, 0)]
            number[root] = low[root] = counter
            counter += 1
            stack.append(root)
            on_stack[root] = True
            while work:
                node, i = work[-1]
                edges = succ[node]
                if i < len(edges):
                    work[-1] = (node, i + 1)
                    nxt = edges[i]
                    if skip is not None and skip[nxt]:
                        continue
                    if number[nxt] == -1:
                        number[nxt] = low[nxt] = counter
                        counter += 1
                        stack.append(nxt)
                        on_stack[nxt] = True
                        work.append((nxt, 0))
                    elif on_stack[nxt] and number[nxt] < low[node]:
                        low[node] = number[nxt]
                    continue
                work.pop()
                if work:
                    up = work[-1][0]
                    if low[node] < low[up]:
                        low[up] = low[node]
                if low[node] == number[node]:
                    component = []
                    while True:
                        top = stack.pop()
                        on_stack[top] = False
                        component.append(top)
                        if top == node:
                            break
                    if len(component) > 1 or node in succ[node]:
                        found.append(component)
        return found

    def layers(self, fixed: Mapping[int, int] | None = None) -> tuple[list[int], list[bool]]:
        """Each step's phase (0 when it cannot be planned): 1 for a step that waits for
        nothing, else one after the latest of what it waits for; none for a step that
        waits for the impossible or for an unplanned step, or is in (or behind) a cycle.
        A measure made of parts has acted in the phase of its first part to act, and is
        verified in the phase of its last part's verification.
        `fixed`: steps whose phase is known already (0: unplanned), found so elsewhere
        (`plan_after`'s stand-ins for the steps it does not draw again)."""
        if fixed is None and self._layers is not None:
            return self._layers
        n = self.size()
        acts = self.acts
        kind = self.kind
        pred_waits, succ, impossible = self.pred_waits, self.succ, self.impossible
        indegree = [len(p) for p in pred_waits]
        phase = [0] * n
        fired = [False] * n  # a measure made of parts: one of its parts has been placed
        order = [s for s in range(n) if indegree[s] == 0]  # (topological: grows as it goes)
        # A stand-in takes the phase of a step just placed, so it is placed at once, before
        # any step of a later phase: steps are placed phase by phase.
        now: list[int] = []
        at = 0
        while True:
            if now:
                s = now.pop()
            elif at < len(order):
                s = order[at]
                at += 1
            else:
                break
            if fixed is not None and s in fixed:
                number = fixed[s]
            elif impossible[s]:
                number = 0
            elif s >= acts and kind[s - acts] == _WHOLE_ACTS:
                number = phase[s]  # (its first part's, or 0: none could be placed)
            else:
                rise = 0 if s >= acts and kind[s - acts] in (_WHOLE_VERIFIED, _WHOLE_FULL) else 1
                number = rise
                for src, _ in pred_waits[s]:
                    before = phase[src]
                    if before == 0:
                        number = 0
                        break
                    if before + rise > number:
                        number = before + rise
            phase[s] = number
            for t in succ[s]:
                indegree[t] -= 1
                if t >= acts and kind[t - acts] not in (_VERIFY, _REST, _AGAIN):
                    if kind[t - acts] == _WHOLE_ACTS:
                        if fired[t]:
                            continue
                        if number > 0 and not impossible[t]:
                            fired[t] = True
                            phase[t] = number
                            now.append(t)
                            continue
                    if indegree[t] == 0:
                        fired[t] = True
                        now.append(t)
                elif indegree[t] == 0:
                    order.append(t)
        result = phase, [p > 0 for p in phase]
        if fixed is None:
            self._layers = result
        return result

    def step_measures(self, step: int) -> list[str]:
        if step < self.acts:
            return self.members[step]
        return [self.measure_of[step - self.acts]]


def _again(
    index: Mapping[str, Node], status_of: Mapping[str, str], parts: Container[str]
) -> dict[str, date]:
    """The measures reversed that are to be carried out again, by id, with the day each
    was reversed, as `vocab.to_do_again` says it on the day the ledger stands on: each
    that acts itself (not made of parts) and owes, as the balance says it
    (`balance.owing`), or is a part of a measure that owes. (A status set by hand that no
    entry dates is dated by the measure's latest event.)"""
    reversed_ = str(Status.reversed)
    undone = [i for i, status in status_of.items() if status == reversed_ and i not in parts]
    if not undone:
        return {}
    debtors = owing(index)
    found: dict[str, date] = {}
    for i in undone:
        day = index[i].since or index[i].last_date
        if day is not None and to_do_again(index, i, parts, debtors):
            found[i] = day
    return found


def _graph_of(ledger: Nodes) -> _Graph:
    """The step graph of `ledger`, built once whichever analysis of it asks first
    (`status` derives readiness, and keeps the plan and the next steps, from one graph)."""
    graph = ledger.derived.get("graph")
    if graph is None:
        graph = ledger.derived["graph"] = _Graph(ledger)
    assert isinstance(graph, _Graph)
    return graph


# --- public analysis -------------------------------------------------------------------


def readiness(ledger: Nodes) -> dict[str, Readiness]:
    """Every pending measure's readiness, by id: ready, or what it waits for and why; that
    of the rest of each measure carried out in part (`rest_owed`: blocked where an order
    holds it, `rest_held`, else ready); and of each part reversed that an order for its
    whole in full awaits (ready): what `next` lists, each as it lists it. A measure made
    of parts has none: its parts have (`_listed`).

    `with` partners share readiness: each waits for whatever any of them waits
    for. `deadlocked` is true for measures in a cycle of constraints.
    """
    return standing(ledger)[0]


def standing(ledger: Nodes) -> tuple[dict[str, Readiness], set[str]]:
    """`readiness`, and the measures of its deadlocks, as `plan` names them
    (`_circle`): the pending measures it marks deadlocked, and a measure made of parts,
    which it leaves out (pending, withdrawn or acted: it still acts, or is verified,
    through its parts), through which a deadlock runs."""
    graph = _graph_of(ledger)
    stuck = _deadlocked_measures(graph, graph.cyclic_components())
    states = _readiness(graph, stuck)
    if graph.in_part:  # (a rest, held or free, as `next` lists it)
        states.update((r.id, r) for r in rest_owed(graph, stuck))
    for n in graph.again:  # (a part reversed, to be carried out again: ready, as `next` has it)
        states[n.id] = Readiness(n.id, n.actor, n.title, True, again=n.since or n.last_date)
    return states, stuck


def without_parts_to_act(ledger: Nodes) -> list[str]:
    """The pending measures made of parts none of which is left to act (each withdrawn or
    reversed, or made of such parts; a part rejected is none: `vocab.counted_parts`), in
    id order: neither ready nor blocked, for nothing of them can go ahead, nor waits. The
    graph is built only for a ledger with a pending measure made of parts."""
    index = ledger.index()
    if not any(
        n.part_of is not None and n.part_of in index and index[n.part_of].pending
        for n in ledger.measures
    ):
        return []
    graph = _graph_of(ledger)
    live = {str(s) for s in (*ACTED, *PENDING)}

    def spent(whole: str) -> bool:  # (no part below it pending or acted: a cycle once)
        seen, stack = {whole}, [whole]
        while stack:
            for p in graph.parts.get(stack.pop(), ()):
                if p not in seen:
                    if p not in graph.parts and index[p].status in live:
                        return False
                    seen.add(p)
                    stack.append(p)
        return True

    return sorted(w for w in graph.wholes if not _stands(graph, w) and spent(w))


def deadlocked_among(ledger: Nodes) -> set[str]:
    """The measures `readiness` marks deadlocked, among the measures of `ledger` alone (a
    cycle among some measures of a larger ledger is a cycle in it)."""
    graph = _graph_of(ledger)
    return _deadlocked_measures(graph, graph.cyclic_components())


def ready_among(ledger: Nodes, ids: Collection[str]) -> dict[str, bool]:
    """Whether each pending measure of `ids` has every constraint met, as `readiness`
    says, and for each measure of `ids` carried out in part, whether its rest is free:
    False where an order holds it (`rest_held`). `ledger` must hold their `with` partners
    and what they wait for."""
    graph = _graph_of(ledger)
    found = {i: not _waits(graph, i)[0] for i in ids if _listed(graph, i)}
    for m in graph.in_part:
        if m.id in ids:
            found[m.id] = not rest_held(graph, m.id)
    return found


def _listed(graph: _Graph, ident: str) -> bool:
    """Whether a pending measure is itself ready or blocked, as `next`, `status` and the
    report list it: one with a step of its own. A measure made of parts is neither: it
    acts through its parts alone (`mark` refuses it), which are listed in its place,
    each waiting for what it waits for."""
    return ident in graph.group


def _stands(graph: _Graph, ident: str) -> bool:
    """Whether a pending measure can act, now or later: a step of its own, or a measure
    made of parts with a part left to act. One whose every part is withdrawn, rejected
    or reversed cannot: nothing of it waits, and nothing can go ahead (`check` says
    what to do: `parts_left_to_act`)."""
    return ident in graph.group or (ident in graph.wholes and bool(graph.leaves(ident)))


def _waits(graph: _Graph, ident: str) -> tuple[bool, tuple[Wait, ...]]:
    """Whether a pending measure waits, and for what: its unmet constraints, those of
    its `with` partners and of the measures it is part of. A measure made of parts
    can go ahead when one of its parts can (it acts through them); until then it
    waits for its own constraints and for whatever its parts wait for."""
    step = graph.group.get(ident)
    if step is not None:
        waits = graph.waits[step]
        return bool(waits), tuple(waits)
    leaves = [graph.waits[graph.group[p]] for p in graph.leaves(ident)]
    if any(not waits for waits in leaves):
        return False, ()
    found = [*graph.whole_waits.get(ident, ()), *(w for waits in leaves for w in waits)]
    return True, tuple(dict.fromkeys(found))


def _readiness(graph: _Graph, stuck: set[str], *, wholes: bool = False) -> dict[str, Readiness]:
    """The readiness of each pending measure `_listed`; with `wholes`, also of each
    pending measure made of parts with a part left to act (`_stands`), which `next` lists
    not, but reads: what waits for it to act is behind a deadlock its parts are in."""
    result: dict[str, Readiness] = {}
    for m in graph.listed:
        if not (_listed(graph, m.id) or (wholes and _stands(graph, m.id))):
            continue
        waiting, waits = _waits(graph, m.id)
        result[m.id] = Readiness(
            id=m.id,
            actor=m.actor,
            title=m.title,
            ready=not waiting,
            waits=tuple(_through(w, _via(graph, m.id, w)) for w in waits),
            deadlocked=m.id in stuck,
            again=graph.redo.get(m.id),
        )
    return result


def _through(w: Wait, via: str | None) -> Wait:
    """Wait `w` as a measure holds it through the `with` partner `via` (`_via`; None:
    `w` itself, as most are)."""
    return w if via is None else w._replace(via=via)


def _via(graph: _Graph, ident: str, w: Wait) -> str | None:
    """The `with` partner of pending `ident` through which wait `w` holds it, where that
    partner is a part of the measure whose constraint `w` is (`consulate` with `p2-south`,
    a part of `p2`, which waits for `zone-c-report`: `p2-south`); None where the wait is
    its own, its whole's, or that of a partner (or of a whole it is tied to) itself,
    which `w.measure` names alone. The nearest tie first: `ident`'s own, then its
    partners', along the `with` group."""
    step = graph.group.get(ident)
    index = graph.index
    if w.measure == ident or step is None or w.measure in ancestors(index, ident):
        return None
    seen, ahead = {ident}, [ident]
    for q in ahead:  # (grows as it goes: the partners of partners, nearest first)
        for c in index[q].constraints if q in index else ():
            tied = c.with_
            if tied is None or tied in seen:
                continue
            if tied == w.measure:  # (tied to it itself: a whole its parts stand in for)
                return None
            if w.measure in ancestors(index, tied):
                return tied
            seen.add(tied)
            ahead.append(tied)
    # (tied through a whole to its parts, which carry no tie of their own)
    return next((p for p in graph.members[step] if w.measure in ancestors(index, p)), None)


def _deadlocked_measures(graph: _Graph, components: list[list[int]]) -> set[str]:
    """The measures caught in a deadlock: those each of `components` names (`_circle`),
    as `plan` names them."""
    found: set[str] = set()
    for comp in components:
        found |= _circle(graph, comp)
    return found


def _circle(graph: _Graph, component: list[int]) -> set[str]:
    """The measures a deadlock (the steps of a cyclic `component`) runs through, the one
    answer `plan`, `status`'s flags and a write's warning give: the measures of its
    steps (a measure made of parts by its stand-ins, whatever its status: one that acted
    stands in it while what waits for its finding waits for a part in the circle), each
    measure whose demand the circle keeps (a measure made of parts whose order its
    parts keep), and each measure made of parts whose `with` joined a group in it."""
    inside = set(component)
    found = {i for s in component for i in graph.step_measures(s)}
    for s in component:
        found.update(w.measure for src, w in graph.pred_waits[s] if w is not None and src in inside)
    for s in component:
        if s < graph.acts and len(graph.members[s]) > 1:
            found |= _joined_by_wholes(graph, graph.members[s])
    return found


def _kind(graph: _Graph, step: int) -> int | None:
    """The kind of `step` (None: an act step)."""
    return graph.kind[step - graph.acts] if step >= graph.acts else None


def _verifiers_awaited(graph: _Graph, step: int) -> list[str]:
    """The verifiers whose finding the orders that wait for verify step `step` name
    (`Wait.verified_by`), each once (names compared as `verified_as_ordered` compares
    them), in name order: [] when none names one (anyone's finding meets them)."""
    named: dict[str, str] = {}
    ahead, seen = [step], {step}
    while ahead:  # (through a measure made of parts verified through this one)
        s = ahead.pop()
        for t, wait in zip(graph.succ[s], graph.succ_wait[s], strict=True):
            if wait is not None and wait.verified_by is not None:
                from ..rules import party_key  # (loaded for an order that names a verifier)

                named.setdefault(party_key(wait.verified_by), wait.verified_by)
            elif wait is None and t not in seen and _kind(graph, t) == _WHOLE_VERIFIED:
                seen.add(t)
                ahead.append(t)
    return sorted(named.values())


def _cycles(graph: _Graph, deadlock_free: bool) -> list[list[int]]:
    """The graph's cyclic components; none to look for when the ledger is known to be
    `deadlock_free` (what `status` derived and kept for it marks no measure deadlocked:
    every cycle holds an act step, whose measures it marks)."""
    return [] if deadlock_free else graph.cyclic_components()


def next_steps(
    ledger: Nodes, party: str | None = None, *, deadlock_free: bool = False
) -> NextSteps:
    """The pending measures that can go ahead now, the blocked ones, and the
    verifications (of measures that have acted) that pending measures wait for.

    `party` keeps only that party's measures; `deadlock_free`: see `_cycles`.
    """
    graph = _graph_of(ledger)
    stuck = _deadlocked_measures(graph, _cycles(graph, deadlock_free))
    states = _readiness(graph, stuck, wholes=True)
    steps = [r for r in states.values() if _listed(graph, r.id)]
    ready = [r for r in steps if r.ready]
    blocked = [r for r in steps if not r.ready]
    if graph.in_part:  # (the rest of what was carried out in part, held by its orders or not)
        rest = rest_owed(graph, stuck)
        ready = list(heapq.merge(ready, [r for r in rest if r.ready], key=lambda r: r.id))
        rest_held = [r for r in rest if not r.ready]
        if rest_held:
            blocked = list(heapq.merge(blocked, rest_held, key=lambda r: r.id))
            states.update((r.id, r) for r in rest_held)
    if graph.again:  # (and a part reversed that an order for its whole in full awaits)
        again = [
            Readiness(n.id, n.actor, n.title, True, again=n.since or n.last_date)
            for n in graph.again
        ]
        ready = list(heapq.merge(ready, sorted(again, key=lambda r: r.id), key=lambda r: r.id))
    unblocks: dict[str, set[str]] = {}
    also: dict[str, list[str]] = {}  # (what a measure held waits for to act besides)
    closed: dict[str, str | None] = {}  # (of those, what cannot act: its status)
    needs: dict[str, set[str]] = {}  # (every finding a measure held waits for)
    asked: dict[str, dict[str, str]] = {}  # (the verifiers each finding is asked of)
    for r in blocked:
        # What it waits for is what the blocked row says it waits for (`_waits`): its
        # own constraints, its `with` partners' ("[via partner]") and its wholes'.
        found = False
        for w in r.waits:
            if w.require == Require.verified and w.prerequisite_status in ACTED:
                key = None
                if w.verified_by is not None:
                    from ..rules import party_key

                    key = party_key(w.verified_by)
                for ident in graph.unverified(w.after, key):
                    unblocks.setdefault(ident, set()).add(r.id)
                    needs.setdefault(r.id, set()).add(ident)
                    if key is not None and w.verified_by is not None:
                        asked.setdefault(ident, {}).setdefault(key, w.verified_by)
                found = True
        if found:
            first = _to_act_first(graph, r.waits)
            closed.update(_cannot_act(r.waits))
            if first:
                also[r.id] = first
    verify = []
    for ident in sorted(unblocks):
        m = graph.index[ident]
        held = sorted(unblocks[ident])
        caught = [i for i in held if i in states and states[i].deadlocked]
        # (what else each waits for, deadlocked or not: a deadlock broken leaves it
        # waiting for them still, those in the circle with it named too)
        more = {i: also[i] for i in held if i in also}
        named = {i for ids in more.values() for i in ids}
        cannot = {i: status for i, status in closed.items() if i in named}
        # (the other findings each waits for: this one alone does not free it)
        others = {i: sorted(needs[i] - {ident}) for i in held if needs[i] - {ident}}
        by = sorted(asked.get(ident, {}).values())
        verify.append(
            VerificationNeeded(ident, m.actor, m.title, held, more, caught, cannot, others, by)
        )
    # (behind a deadlock: waiting, directly or through others, for a measure in one, a
    # measure made of parts through which one runs included, as `plan` holds it)
    behind = behind_a_deadlock(states.values())
    together = _together_with(graph, ready)
    deadlines = _deadlines(graph.index, [r.id for r in (*ready, *blocked)])
    return NextSteps(ready, blocked, verify, behind, together, deadlines).of_party(party)


def _together_with(graph: _Graph, ready: list[Readiness]) -> dict[str, list[str]]:
    """For each measure of `ready` (pending, or the rest of one carried out in part) that
    `with` orders join to others (`_together`, those ready with it), as the plan's phase
    groups them (`Phase.together`), those others, in id order."""
    found: dict[str, list[str]] = {}
    now = {r.id for r in ready}
    for r in ready:
        step = graph.group.get(r.id) if r.rest is None else graph.rest_group.get(r.id)
        if step is not None:
            group = _together(graph, step, now.__contains__)
            if r.id in group:
                found[r.id] = [i for i in group if i != r.id]
    return found


def _together(graph: _Graph, step: int, alongside: Callable[[str], bool]) -> list[str]:
    """The measures to be carried out together in act step `step`: those `with` orders
    join into it (`_Graph.members`), and the rest of each carried out in part that its
    orders join to them (`_Graph.rests_with`) where `alongside` says it goes with them
    (ready with them, in their phase: the orders of each hold it apart), in id order;
    none for one alone."""
    group = [*graph.members[step], *filter(alongside, graph.rests_with.get(step, ()))]
    return sorted(group) if len(group) > 1 else []


def _rest_phase(graph: _Graph, phase: Sequence[int], ident: str) -> int:
    """The phase the rest of `ident`, carried out in part, goes in: 1 where nothing holds
    it, else its `_REST` step's (0: it cannot be planned)."""
    step = graph.rest_step.get(ident)
    return 1 if step is None else phase[step]


def rest_owed(graph: _Graph, stuck: Container[str] = frozenset()) -> list[Readiness]:
    """The rest of each measure carried out in part that acts itself (`vocab.done_in_part`),
    in id order, with the extent it reached: its actor still owes the rest, which can go
    ahead unless an order of its own or of a measure it is part of, unmet, holds it
    (`_Graph.rest_waits`: an order holds what a measure has yet to do, given before or
    after it began; what it did
    before the order stands, `operations.sequence` says so, and `check` judges a later
    step). `stuck`: the deadlocked measures, a held rest among them. One made of parts is
    not listed: what is left of it is its parts', listed themselves; but for the parts it
    is to have that are not recorded yet (`to_record`, said in `parts`)."""
    found = []
    for m in sorted(graph.in_part, key=lambda m: m.id):
        waits = rest_held(graph, m.id)
        found.append(
            Readiness(
                m.id,
                m.actor,
                m.title,
                not waits,
                waits,
                m.id in stuck,
                rest=m.extent,
                parts=graph.to_record.get(m.id),
            )
        )
    return found


def rest_held(graph: _Graph, ident: str) -> tuple[Wait, ...]:
    """What holds the rest of `ident`, a measure carried out in part (`graph.in_part`):
    its own unmet orders, and those of each measure it is part of (an order on a measure
    made of parts holds what each part has yet to do), given before or after it began
    (`_Graph.rest_waits`, the edges into its `_REST` step); none where nothing does (the
    rest can go ahead) or `ident` is not carried out in part. The one answer every view
    gives: `next` lists a held rest blocked (`rest_owed`), `plan` places it
    (`_rest_placed`) and plans the verifications it waits for (`_drawn`), and `status`,
    its flags and counts and the report's "waits for" read it (`standing`, `ready_among`)."""
    step = graph.rest_step.get(ident)
    return () if step is None else tuple(graph.rest_waits.get(step, ()))


def _to_act_first(graph: _Graph, waits: Sequence[Wait]) -> list[str]:
    """What a step held by `waits` waits for to act, besides findings: a measure it is to
    follow that has not acted, and the parts yet to act of one made of parts it waits
    for (to act, or to be verified), in id order."""
    found: set[str] = set()
    for w in waits:
        if w.prerequisite_status not in ACTED:
            found.add(w.after)
        elif w.after in graph.parts:
            found.update(graph.yet_to_act(w.after))
    return sorted(found)


def _cannot_act(waits: Sequence[Wait]) -> dict[str, str | None]:
    """Of the measures `waits` wait for, those that cannot act as the ledger stands
    (`Wait.impossible`, as the blocked row's words say it), each with its status (None:
    not in the ledger)."""
    return {
        w.after: None if w.prerequisite_status is None else w.prerequisite_status.value
        for w in waits
        if w.impossible
    }


def find_deadlocks(ledger: Nodes) -> list[Deadlock]:
    """Every cycle of constraints among pending measures, with each edge's demanding party."""
    graph = _graph_of(ledger)
    return _deadlocks(graph, graph.cyclic_components())


def reached(
    ids: Collection[str],
    lookup: Callable[[list[str]], dict[str, Node]],
    follow: Callable[[Link], str | None],
    parts: Callable[[str], Sequence[str]] | None = None,
) -> dict[str, Node]:
    """The nodes of `ids` and of every measure reached from them along the constraints
    of the pending ones (and of those carried out in part, whose rest waits, and of those
    reversed, which may be carried out again: to the measures they, and the measures made
    of parts, are exchanged for too, by which the balance says whether they owe: `_again`),
    each constraint followed to what `follow` names (None: not
    followed); `lookup` gives the nodes of the ids it knows. With `parts` (the ids of
    a measure's parts), from a measure to its whole and to its parts too, and along
    the constraints of a measure made of parts (its parts wait for what it waits for)."""
    found: dict[str, Node] = {}
    asked: set[str] = set()
    frontier = list(dict.fromkeys(ids))
    while frontier:
        asked.update(frontier)
        fresh = lookup(frontier)
        found.update(fresh)
        following: list[str | None] = []
        for n in fresh.values():
            made_of = parts(n.id) if parts is not None else ()
            undone = n.status == Status.reversed
            if n.pending or made_of or done_in_part(n) or undone:  # (a rest waits too)
                following += map(follow, n.constraints)
            if undone or made_of:  # (whether it owes, and so is to be carried out again)
                following += n.in_exchange_for
            if parts is not None:
                following.append(n.part_of)
                following += made_of
        frontier = list(dict.fromkeys(i for i in following if i is not None and i not in asked))
    return found


def deadlocks_through(
    ids: Collection[str],
    lookup: Callable[[list[str]], dict[str, Node]],
    place: Callable[[str], Any],
    parts: Callable[[str], Sequence[str]],
) -> list[Deadlock]:
    """The deadlocks any of `ids` is caught in, as `find_deadlocks` finds them, from the
    measures a cycle through them could pass alone, or a way out of it: those the pending
    ones among them wait for or go with, their wholes and parts, and so on (`lookup`
    gives the nodes of the ids it knows; `parts` the ids of a measure's parts; `place`
    ranks them as the ledger lists them). A change to a few measures of a large ledger
    reads a few nodes, not every one."""
    found = reached(ids, lookup, lambda c: c.other, parts)
    wanted = set(ids)
    nodes = Nodes("", [], (), [found[i] for i in sorted(found, key=place)])
    return [d for d in find_deadlocks(nodes) if wanted & set(d.measures)]


class Made(Plain):
    """The deadlocks a change made (`deadlocks_made`): those standing now (`now`, each
    with the day it stands from, as `plan` dates it: `Deadlock.since`); those
    the measures asked of stand in now, which the change did not make (`still`); those
    it made on a past day and that stand no more, or whose run it made then ended
    before the one standing now, each with the first day it stood, as `plan --as-of`
    dates it (`deadlock_since`), and the one its run stood from before the change where
    it stood then too, from another day (None: not so), a day made so being one it did
    not stand on before, or stood on from another day, and with the day it ends on and
    the one it ended on before, where it stood on past days alone before the change too
    and the change moved its end, either way (`deadlock_until`; None: not so); so is a
    run of the past the change ended earlier, from the same first day (`then`); those
    standing now before the change too whose day they stand from, as `plan` gives it
    (`deadlock_since`), the change moved, either way, each with that day and the one
    before, and, where it moved later and the stretch from the one before stands still,
    ended before (a break put into its run), that stretch's first day and end, as
    `plan --history` has them (`deadlock_since`, `deadlock_until`; else None)
    (`earlier`; not where the history did not say the one before: a merge's
    measure in conflict, say, of which no day is known to have moved); those standing
    before it that it left standing on no day (`gone`). Each is a run, as `plan --as-of`
    groups deadlocks day by day (`_sharing`): one however many circles make it, said in
    the words of one of its days (its first, where it stood on a past day)."""

    __slots__ = ("now", "still", "then", "earlier", "gone")

    def __init__(self) -> None:
        self.now: list[Deadlock] = []
        self.still: list[Deadlock] = []
        self.then: list[tuple[date, date | None, tuple[date, date] | None, Deadlock]] = []
        self.earlier: list[tuple[date, date, tuple[date, date] | None, Deadlock]] = []
        # (one standing before the change that it ended and left standing on no day, with
        # the day it stood from then, and the day it ended where that was before the
        # change (None: it stood up to it): `deadlocks_made`; one it left standing on past
        # days goes with `then`)
        self.gone: list[tuple[date | None, date | None, Deadlock]] = []


# (the most measures a change may touch for its past days to be looked at, and the most
# days looked at: an import of thousands of measures is told of what stands now alone)
PAST_MEASURES = 64
PAST_DAYS = 400


def deadlocks_made(
    before: MeasureIndex,
    after: MeasureIndex,
    changed: Collection[str],
    parties: list[str],
    today: date,
    place: Callable[[str], Any],
    *,
    standing: Collection[str] = (),
    ended: date | None = None,
) -> Made:
    """The deadlocks a change from `before` to `after` made through the measures it
    changed (`changed`, and what they are or were a part of): one standing now, as
    `plan` finds it, that did not stand before; and one standing on a past day since the
    change's date, as `plan --as-of` finds it then, that did not stand that day before,
    or did from another day (`deadlock_since` compared), and stands no more, or ended
    before its run standing now (said of the first day its run stood); and one standing
    now and before whose run up to now, as `plan` dates it
    (`deadlock_since`), the change made begin on another day (read only when one
    stands). With `standing` (ids), also the deadlocks those measures stand in now that
    the change did not make (an order given again, or toward a measure outside the
    circle). And one standing before the change, as `plan` finds it, that the change
    ended (`_ended`): a measure in it acted, was withdrawn or removed, an order went; or
    one that stood before it on a past day it moved only, and stands on none of those
    days after it (`_made`): a stretch of the past it took out of the record.

    `ended`: the day the talks ended (None: not over): the change is read as of it, as
    `plan` reads talks that ended, that day standing for `today` and the ledger as it
    stood at its end for the ledger as it stands (a change dated after it makes none).
    """
    waiting = parts_waiting(before, after, changed)
    owed = owed_again(before, after, changed)
    if ended is not None:
        today = ended
    made = _made(
        before,
        after,
        changed,
        parties,
        today,
        place,
        standing=standing,
        waiting=waiting,
        owed=owed,
        at=ended,
    )
    partners = [i for ids in owed.values() for i in ids]
    _ended(made, before, after, changed, parties, today, place, [*waiting, *partners], at=ended)
    return made


def owed_again(
    before: MeasureIndex, after: MeasureIndex, changed: Collection[str]
) -> dict[str, list[str]]:
    """Those of `changed` whose state decides whether a measure reversed is owed, and so
    to be carried out again (`_again`, as the balance says it: `balance.owing`), each with
    those measures: the ones it is exchanged for, before the change or after it, reversed
    in either (now or once: a past day reads them so too); and those whose deadline does
    (`vocab.to_do_again`: a part reversed is owed while a measure it is a part of has a
    deadline), each with its parts so reversed, and theirs. A deadlock through one of them
    may begin or end with such a change though no circle passes the measure changed: one
    carried out again makes what was given for it owed again, a deadline given to a
    measure made of parts makes its parts reversed owed. Read from the few measures
    exchanged for those changed, or their parts, none for a change that moved no state,
    exchange nor deadline (a note, an order) or of a measure with no exchange nor part."""
    from ..vocab import descendants

    found: dict[str, list[str]] = {}
    for ident in changed:
        pair = (before.get(ident), after.get(ident))
        undone: list[str] = []
        if _owing_read(pair[0]) != _owing_read(pair[1]):
            others = sorted({o for m in pair if m is not None for o in m.in_exchange_for})
            undone = [o for o in others if _reversed_once(after, o) or _reversed_once(before, o)]
        if _deadline_read(pair[0]) != _deadline_read(pair[1]):
            parts = {p for index in (before, after) for p in descendants(index.parts(), ident)}
            undone += [
                p
                for p in sorted(parts)
                if p not in undone and (_reversed_once(after, p) or _reversed_once(before, p))
            ]
        if undone:
            found[ident] = undone
    return found


def _deadline_read(m: Measure | None) -> tuple[Any, ...] | None:
    """What says whether the parts of measure `m` that stand reversed are owed, on any
    day: its deadline, and the edits that set one (None: not there)."""
    if m is None:
        return None
    edits = [(h.date, h.detail) for h in m.history if h.event == "edit"]
    return m.deadline, [(day, detail) for day, detail in edits if "deadline: " in detail]


def _owing_read(m: Measure | None) -> tuple[Any, ...] | None:
    """What says whether those exchanged for measure `m` owe it, on any day: its state,
    the entries that set one, what it is exchanged for (None: not there)."""
    if m is None:
        return None
    steps = [(h.date, h.status, h.extent) for h in m.history if h.status or h.extent]
    return m.status, m.extent, steps, tuple(m.in_exchange_for)


def _reversed_once(index: MeasureIndex, ident: str) -> bool:
    """Whether `ident` is in `index`, reversed now or once by its history."""
    m = index.get(ident)
    if m is None:
        return False
    return m.status == Status.reversed or any(h.status == Status.reversed for h in m.history)


def _ended(
    made: Made,
    before: MeasureIndex,
    after: MeasureIndex,
    changed: Collection[str],
    parties: list[str],
    today: date,
    place: Callable[[str], Any],
    waiting: Collection[str] = (),
    at: date | None = None,
) -> None:
    """Add to `made` the deadlocks standing before the change through the measures it
    took out of a circle (`changes.left_circle`), and what they are or were a part of
    (and through `waiting`, the measures made of parts a status it moved may have let
    act again: `parts_waiting`), that stand no more after it: said as one that no
    longer stands, as a change that made one on a past day says it (`then`), where it
    stood on the day it stood from before (its first day, and the one before where the
    change moved it); else as gone (`gone`, with the day it stood from). Read only for
    a change that took one out, or moved such a status. `at`: the day the ledger is read
    as of (None: as it stands)."""
    from ..changes import left_circle
    from ..lifecycle import was_part_of
    from ..vocab import ancestors

    out = [i for i in changed if left_circle(before.get(i), after.get(i), parties)]
    if not out and not waiting:
        return
    seeds = [*out, *waiting]
    for index in (before, after):
        for ident in out:
            m = index.get(ident)
            seeds.extend(ancestors(index, ident) if m is not None else ())
            seeds.extend(was_part_of(m) if m is not None else ())
    seeds = list(dict.fromkeys(seeds))
    stood = _deadlocks_on(before, seeds, at, parties, place)
    if not stood:
        return
    renamed = _renamed(before, after, changed)

    def now(waits: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
        return {(renamed.get(a, a), renamed.get(b, b)) for a, b in waits}

    # (the runs said already, each by the day it stood from before the change and its
    # waits: a run said once, whatever circles it was made of, as `plan --as-of` shows it)
    said: list[tuple[date | None, set[tuple[str, str]]]] = [
        (was or since, _waits_of(x)) for since, was, _, x in made.then
    ]
    said += [(since, _waits_of(x, renamed)) for since, _, x in made.gone]
    for d in stood:
        if _goes_on(d, after, renamed, parties, place, at):
            continue
        since, run = _run_back(d, before, today, parties, place)
        if any(day == since and not now(run).isdisjoint(waits) for day, waits in said):
            continue
        said.append((since, now(run)))
        held = []
        if since is not None:  # (standing on its first day still: `plan --as-of` shows it)
            around = [*seeds, *(renamed.get(i, i) for i in d.measures)]
            held = _sharing(now(run), _deadlocks_on(after, around, since, parties, place))
        if held and since is not None:
            first = _earliest(deadlock_since(x, after, since, parties, place) for x in held)
            first = first or since
            said_so = _as_on(held[0], after, since, first, around, parties, place)
            made.then.append((first, None if first == since else since, None, said_so))
        else:
            made.gone.append((since, None, d))


def _goes_on(
    d: Deadlock,
    after: MeasureIndex,
    renamed: Mapping[str, str],
    parties: list[str],
    place: Callable[[str], Any],
    at: date | None = None,
) -> bool:
    """Whether deadlock `d`, standing before a change, goes on after it as a smaller
    circle through some of its measures (one of them withdrawn or carried out, the others
    still waiting for each other): a deadlock that shares one of its waits is the same
    one (`deadlock_since`), so it has not ended. `at`: the day the ledger is read as of
    (None: as it stands)."""

    def now(ident: str) -> str:
        return renamed.get(ident, ident)

    waits = {(now(a), now(b)) for a, b in _waits_of(d)}
    around = [now(i) for i in d.measures if now(i) in after]
    return any(waits & _waits_of(x) for x in _deadlocks_on(after, around, at, parties, place))


def waited_for(index: MeasureIndex, ids: Collection[str]) -> bool:
    """Whether a circle of orders may pass one of `ids` in `index` as it stands: going
    back from them along the orders of the pending measures that wait for them, and for
    those, and so on, one of them comes back (a circle comes back to each of its
    measures). Read from the links the index keeps and the few measures found waiting,
    not through every measure a circle from them could pass: a write asks it of the
    measures it took out of a circle (`changes.left_circle`: one carried out, most often)
    before it looks for a deadlock it ended (`deadlocks_made`). Where parts (a measure
    made of parts waits through those yet to act, whatever its status), a measure to go
    together with, or more than `WAITED_STEPS` steps back are met, it may."""
    from ..vocab import PENDING, ancestors

    wanted = {w for i in ids if i in index for w in (i, *ancestors(index, i))}
    parts = index.parts()
    seen = set(wanted)
    frontier = set(wanted)
    for _ in range(WAITED_STEPS):
        if any(parts.get(i) for i in frontier):
            return True
        found: set[str] = set()
        for ident in index.referrers(frontier):
            m = index.get(ident)
            if m is None or not any(c.other in frontier for c in m.constraints):
                continue  # (an exchange, or an order toward another)
            if m.part_of is not None or any(c.with_ is not None for c in m.constraints):
                return True
            if parts.get(ident):
                return True  # (acted through one part, it may still wait through another)
            if m.status not in PENDING and not done_in_part(m):
                continue  # (done in full or closed: waits for nothing; a rest waits)
            if ident in wanted:
                return True
            found.add(ident)
        frontier = found - seen
        if not frontier:
            return False
        seen |= frontier
    return True


# (how many steps back `waited_for` goes before it leaves the answer to the full search)
WAITED_STEPS = 6


def _never_acts(index: MeasureIndex, ident: str) -> bool:
    """Whether `ident` is in `index` and can never act as it stands: withdrawn, rejected
    or reversed, and made of no parts (one made of parts acts through them): what waits
    for it to act waits for the impossible (`_Graph`)."""
    from ..vocab import ACTED, PENDING

    m = index.get(ident)
    if m is None or m.status in PENDING or m.status in ACTED:
        return False
    return not index.parts().get(ident)


def parts_waiting(before: MeasureIndex, after: MeasureIndex, changed: Collection[str]) -> list[str]:
    """The measures made of parts (and the parts) through which a change may have closed
    or broken a circle of orders that does not pass what it changed: one of `changed` came
    to a status that can never act, or left one (`_never_acts`: withdrawn, offered again),
    and a part of a measure, or a measure made of parts, waits for it, or for a pending
    measure that waits for it, and so on (`WAITED_STEPS` back). A measure made of parts
    acts through any part that can: one whose every other part now waits for the
    impossible acts through the last alone, and a circle through that one stands (or one
    able to act again breaks it). Empty, at no cost, for a change that moved no status so
    (a measure carried out, most often); else from the links the indexes keep and the
    few measures found waiting: the parts and their wholes, before and after the change,
    to look for circles through (`deadlocks_made`)."""
    from ..vocab import PENDING, ancestors

    moved = [i for i in changed if _never_acts(before, i) != _never_acts(after, i)]
    if not moved:
        return []
    found: list[str] = []
    for index in (before, after):
        parts = index.parts()
        frontier = {i for i in moved if i in index}
        seen = set(frontier)
        for _ in range(WAITED_STEPS):
            if not frontier:
                break
            waiting: set[str] = set()
            for ident in index.referrers(frontier):
                m = index.get(ident)
                if m is None or not any(c.after in frontier for c in m.constraints):
                    continue  # (an exchange, a part, or an order toward another)
                if m.part_of is not None or parts.get(ident):
                    found += [ident, *ancestors(index, ident)]
                if m.status in PENDING or parts.get(ident):
                    waiting.add(ident)  # (it may act no more, or again: what waits for it)
            frontier = waiting - seen
            seen |= frontier
    return list(dict.fromkeys(i for i in found if i in after or i in before))


def settled_since(before: MeasureIndex, after: MeasureIndex, start: date) -> bool:
    """Whether every day from `start` on reads as the ledger stands, before a change
    (`before`) and after it (`after`): no entry of it is dated after `start`, and no
    measure holds a status its history does not give (which a past day, replayed, reads
    otherwise: `MeasureIndex.settled`). Then a circle of orders stands on such a day as
    it stands now, and a change that moved a measure on past days from `start` alone
    (`changes.moved_in_orders`) made or ended on them what it made or ended as the ledger
    stands: a measure carried out as of a recent day, most often. Told from what the
    store keeps, no measure read; False when that is not known."""
    day = start.isoformat()
    for index in (before, after):
        found = index.settled()
        if found is None or found[1] or found[0] > day:
            return False
    return True


def _made(
    before: MeasureIndex,
    after: MeasureIndex,
    changed: Collection[str],
    parties: list[str],
    today: date,
    place: Callable[[str], Any],
    *,
    standing: Collection[str] = (),
    waiting: Collection[str] = (),
    owed: Mapping[str, Collection[str]] | None = None,
    at: date | None = None,
) -> Made:
    """The deadlocks a change made (`deadlocks_made`), but those it ended, and those
    standing on past days before it that it took out of the record (`Made.gone`: read on
    the same days, standing then before the change and on none of them after it).

    Only the days on which the change moved what one of `changed` was (its own state,
    its orders, what it was a part of: `changes.moved_in_orders`), while it was pending
    or a part of another, are looked at: a measure that acted, was dropped or was
    removed closes no deadlock, but as a part a measure made of parts could have acted
    through. Of those, the days an event of a measure a circle through them could pass
    changed it: the deadlocks stand the same between (at most `PAST_DAYS`, of a change
    of at most `PAST_MEASURES`). Each day reads the measures a circle could pass alone
    (`asof.nodes_on`), as a write reads them now (`deadlocks_through`). `at`: the day
    the ledger is read as of (None: as it stands; `today`, then, that day)."""
    from ..changes import entry_days, moved_in_orders
    from ..lifecycle import was_part_of
    from ..vocab import ancestors

    made = Made()
    spans: list[tuple[date, date | None]] = []
    moved_now = False
    owed = owed or {}
    for ident in changed:
        days, moved = moved_in_orders(
            before.get(ident), after.get(ident), parties, owed_for=ident in owed
        )
        spans.extend(days)
        moved_now = moved_now or moved
    if at is not None:  # (read as of a day: what the change moved on it moved "now")
        moved_now = moved_now or any(a <= today and (b is None or today < b) for a, b in spans)
    # (a status moved to or from one that can never act, which a part, or what it waits
    # for, waits for: the circles through its measure made of parts, `parts_waiting`)
    moved_now = moved_now or bool(waiting)
    if not moved_now and not spans and not standing:
        return made
    # (and the measures reversed that one of them decides is owed: `owed_again`)
    seeds = list(dict.fromkeys([*changed, *waiting, *(i for ids in owed.values() for i in ids)]))
    for index in (before, after):  # (and what they are part of, now or once: its state)
        for ident in changed:
            m = index.get(ident)
            seeds.extend(ancestors(index, ident) if m is not None else ())
            seeds.extend(was_part_of(m) if m is not None else ())
    seeds = list(dict.fromkeys(seeds))

    def through(
        index: MeasureIndex, ids: Collection[str], day: date | None, asked: set[str] | None = None
    ) -> list[Deadlock]:
        return _deadlocks_on(index, ids, day, parties, place, asked)

    # (a measure the change gave a new id, `rename` or a conflict on its id resolved,
    # is known by it before too: its deadlocks are those it stood in)
    renamed = _renamed(before, after, changed)

    if moved_now or standing:
        ids = list(dict.fromkeys([*seeds, *standing]))
        found = through(after, ids, at)
        # (one that goes on from those standing before, each of its waits one of theirs,
        # is theirs, a circle of it taken out, as `plan` dates it and `_goes_on` ends none;
        # read through its measures, where those the change touched stood in none)
        around = list(dict.fromkeys([*ids, *(i for d in found for i in d.measures)]))
        held = through(before, around, at) if found else []
        was = {w for x in held for w in _waits_of(x, renamed)}
        for d in found:
            if not _waits_of(d) <= was and not set(seeds).isdisjoint(d.measures):
                made.now.append(d)
            elif not set(standing).isdisjoint(d.measures):
                made.still.append(d)
        # (the day each made stands from, as `plan` dates it: the write's warning says it)
        for d in made.now:
            d.since = deadlock_since(d, after, today, parties, place)
    if not spans or len(changed) > PAST_MEASURES:
        return made
    dated: dict[tuple[bool, Any, date], date | None] = {}

    def since_of(d: Deadlock, index: MeasureIndex, day: date) -> date | None:
        """The day `d`, standing at the end of `day` in `index`, stood from."""
        asked = (index is after, _kept_as(d), day)
        if asked not in dated:
            dated[asked] = deadlock_since(d, index, day, parties, place)
        return dated[asked]

    def within(day: date) -> bool:
        return day < today and any(a <= day and (b is None or day < b) for a, b in spans)

    # (and the first day after a span the change left as it was: a run going on over it
    # may stand from another day, as a redate moves it)
    kept = sorted({b for _, b in spans if b is not None and b < today and not within(b)})
    todo = sorted({start for start, _ in spans if start < today} | set(kept))
    seen: set[date] = set()
    # (each run made on a past day, on the first day read it stood: the day it stood from
    # and the waits of its deadlocks read so, as `plan --as-of` groups them: `_Runs`)
    first = _Runs()
    # (each standing that day before the change, on the first day read, and each standing
    # after it on any day read: one of the first not of the second was taken out)
    stood_then: dict[Any, tuple[date, Deadlock]] = {}
    stands_then: set[tuple[str, str]] = set()  # (the waits of those standing after)
    # (each standing on a day read before the change, no wait of it standing that day
    # after it: its run may stand after it still from its first day, and end earlier)
    cut: list[tuple[date, Deadlock]] = []
    while todo and len(seen) < PAST_DAYS:
        day = heapq.heappop(todo)
        if day in seen:
            continue
        seen.add(day)
        asked: set[str] = set()
        found = through(after, seeds, day, asked)
        was_on = through(before, seeds, day, asked)
        for ident in sorted(asked):  # (the days the measures it read changed: read too)
            m = after.get(ident)
            m = m if m is not None else before.get(ident)
            for then in entry_days(m) if m is not None else ():
                if then not in seen and within(then):
                    heapq.heappush(todo, then)
        for x in was_on:
            key = _kept_as(x, renamed)
            if key not in stood_then or day < stood_then[key][0]:
                stood_then[key] = (day, x)
        # (one standing before that shares no wait with those found through `seeds` may go
        # on without them, a circle through them taken out: read through its own measures,
        # as `_goes_on` reads one standing now)
        left = [x for x in was_on if not _sharing(_waits_of(x, renamed), found)]
        ways = list(dict.fromkeys(renamed.get(i, i) for x in left for i in x.measures))
        goes_on = through(after, ways, day, asked) if left else []
        stands_then.update(w for d in [*found, *goes_on] for w in _waits_of(d))
        cut += [(day, x) for x in left if not _sharing(_waits_of(x, renamed), goes_on)]
        for d in found:
            # (of a run standing that day before too, a wait shared: made only where the
            # day it stood from, as `plan --as-of` dates it (`deadlock_since`), moved)
            since = since_of(d, after, day)
            held = _sharing(_waits_of(d), was_on, renamed)
            if held and since == _earliest(since_of(x, before, day) for x in held):
                continue
            first.add(day, since, d)
    # (one standing now that goes on from one standing now before too, a wait shared,
    # whose run up to now the change moved, either way: the day it stands from as `plan`
    # dates it, and the day it did; an order given again earlier says so, not that it
    # still stands, nor, where it added a circle to it, that it made one)
    stood_now = through(after, seeds, at)
    around = [*seeds, *(i for d in stood_now for i in d.measures)]
    was_now = through(before, list(dict.fromkeys(around)), at) if stood_now else []
    sinces: dict[Any, date | None] = {}
    for d in stood_now:
        key = _kept_as(d)
        held = _sharing(_waits_of(d), was_now, renamed)  # (of its run before the change)
        if not held:
            continue
        sinces[key] = since = d.since or deadlock_since(d, after, today, parties, place)
        stood = _earliest(deadlock_since(x, before, today, parties, place) for x in held)
        if since is not None and stood is not None and since != stood:  # (both known)
            # (moved later: the stretch from the day it stood from may stand still, ended
            # before its run now, as `plan --history` shows it; said too)
            split: tuple[date, date] | None = None
            if stood < since:
                run = {w for x in held for w in _waits_of(x, renamed)}
                found_then = _sharing(run, through(after, list(dict.fromkeys(around)), stood))
                cut_from = _earliest(
                    deadlock_since(x, after, stood, parties, place) for x in found_then
                )
                cut_until = (
                    deadlock_until(found_then[0], after, stood, today, parties, place)
                    if found_then
                    else None
                )
                if cut_from is not None and cut_until is not None and cut_until <= since:
                    split = (cut_from, cut_until)
            made.earlier.append((since, stood, split, d))
            made.still = [s for s in made.still if _kept_as(s) != key]
            made.now = [s for s in made.now if _kept_as(s) != key]
    new = {_kept_as(d) for d in made.now}
    stood_now = [d for d in stood_now if _kept_as(d) not in new]
    if all(day in seen for day in todo):  # (every day read: else one may stand on another)
        stands_then.update(w for d in [*made.now, *stood_now] for w in _waits_of(d))
        # (a run whose deadlocks share no wait with one standing after on any day read: said
        # once, of the first day read it stood, whatever circles it was made of then)
        out = _Runs()
        for day, x in sorted(stood_then.values(), key=lambda held: (held[0], held[1].measures)):
            if not _waits_of(x, renamed).isdisjoint(stands_then):
                continue
            # (from a day the change moved: a run begun on another stands on it after too)
            began = since_of(x, before, day)
            if began is None or not within(began):
                continue
            if began not in seen and _sharing(_waits_of(x, renamed), through(after, seeds, began)):
                continue
            if out.add(day, began, x, renamed):
                until = deadlock_until(x, before, day, today, parties, place)
                said_so = _as_on(x, before, day, began, seeds, parties, place)
                made.gone.append((began, until, said_so))
    # (a run of the past standing after the change from the first day it stood from
    # before it, that the change ended on another day: said of that day, with both days
    # it ended on, as `plan --as-of` shows them; one it took out from its first day is
    # gone, above)
    told: list[tuple[date, set[tuple[str, str]]]] = []
    for day, x in cut:
        began, run = _run_back(x, before, day, parties, place)
        waits = {(renamed.get(a, a), renamed.get(b, b)) for a, b in run}
        if (
            began is None
            or began == day
            or any(on == began and not waits.isdisjoint(held) for on, held in told)
        ):
            continue
        around = list(dict.fromkeys([*seeds, *(renamed.get(i, i) for i in x.measures)]))
        stands = _sharing(waits, through(after, around, began))
        stands = [h for h in stands if since_of(h, after, began) == began]
        if not stands:
            continue
        ends = _ends((stands[0], began), (x, day), after, before, today, parties, place)
        if ends is not None:
            told.append((began, waits))
            made.then.append((began, None, ends, stands[0]))
    if not first.runs:
        return made
    gone = [(day, d) for day, _, _, d in first.runs]
    standing_now = through(after, sorted({i for _, d in gone for i in d.measures}), at)
    stuck = {i for d in standing_now for i in d.measures}
    same = [d for d in standing_now if _kept_as(d) not in new]
    # (one stands still whose circle does, whatever parts its wholes act through now; of
    # one standing now, a run the change made that ended before the one standing now)
    # (said of the first day it stood, as `plan --as-of` dates it, and of the day it stood
    # from before the change where that moved: on the day found, or on the first day after
    # it the change left as it was, its run going on over it)
    # (and, where its run stood on past days alone before the change too, from the day
    # found so or from the same first day, the day it ends on and the one it ended on
    # before, where the change moved it: a break filled, or a run lengthened)
    for day, d in gone:
        if _in_circle(d) <= stuck and not any(
            day < (sinces.get(_kept_as(x)) or date.min) for x in _sharing(_waits_of(d), same)
        ):
            continue
        since = since_of(d, after, day) or day
        if any(on == since and not _waits_of(d).isdisjoint(held) for on, held in told):
            continue
        was_from, ends = None, None
        for on in [day, *(b for b in kept if b > day)]:
            if on != day and since_of(d, after, on) != since:
                break  # (its run ended before it)
            held = _sharing(_waits_of(d), through(before, seeds, on), renamed)
            if held:
                was_from = _earliest(since_of(x, before, on) for x in held)
                ends = _ends((d, day), (held[0], on), after, before, today, parties, place)
                break
        if was_from is None and since < day:  # (its first day the change left as it was)
            run = _run_back(d, after, day, parties, place)[1]
            held = _sharing(run, through(before, [*seeds, *d.measures], since), renamed)
            held = [x for x in held if since_of(x, before, since) == since]
            if held:
                ends = _ends((d, day), (held[0], since), after, before, today, parties, place)
        said_so = _as_on(d, after, day, since, seeds, parties, place)
        made.then.append((since, None if was_from == since else was_from, ends, said_so))
    return made


def _as_on(
    d: Deadlock,
    index: MeasureIndex,
    day: date,
    on: date,
    around: Collection[str],
    parties: list[str],
    place: Callable[[str], Any],
) -> Deadlock:
    """Deadlock `d`, standing at the end of `day`, as its run stood on `on`, an earlier
    day of it (the day a write names it by): the first deadlock `plan --as-of ON` finds
    that shares a wait with the run (`_run_back`), read through `around` and the run's
    measures; `d` itself where none is found, or `on` is not before `day`. A write says
    a deadlock of the past in the words of the day it names: the orders, what each
    requires and the parts a measure made of parts acts through may differ later."""
    if on >= day:
        return d
    run = _run_back(d, index, day, parties, place)[1] or _waits_of(d)
    ids = [*around, *d.measures, *(i for w in sorted(run) for i in w)]
    found = _sharing(run, _deadlocks_on(index, list(dict.fromkeys(ids)), on, parties, place))
    return found[0] if found else d


def _ends(
    now: tuple[Deadlock, date],
    was: tuple[Deadlock, date],
    after: MeasureIndex,
    before: MeasureIndex,
    today: date,
    parties: list[str],
    place: Callable[[str], Any],
) -> tuple[date, date] | None:
    """The day a run of the past ends on after a change and the one it ended on before
    it (`deadlock_until`), each read from one of its deadlocks and a day it stood on
    (`now`, `was`): where both are known (it stands on no day up to `today`, before the
    change nor after it; one ended by the change, or standing now after it, is said so)
    and differ. A write says a run's end moved, either way, as it says its start moved."""
    (d, day), (x, on) = now, was
    ends = deadlock_until(d, after, day, today, parties, place)
    ended = deadlock_until(x, before, on, today, parties, place)
    return None if ends is None or ended is None or ends == ended else (ends, ended)


class _Runs:
    """Deadlocks read day by day, day after day, grouped by run as `plan --as-of` dates
    them (`deadlock_since`): one that stood from the day another of the run did and
    shares a wait with one of them (`_sharing`) is of it. Each run with the first day
    read it stood, the day it stood from, the waits of its deadlocks read so far, and
    the first of them read, whose words a write says it in."""

    def __init__(self) -> None:
        self.runs: list[tuple[date, date | None, set[tuple[str, str]], Deadlock]] = []

    def add(
        self, day: date, since: date | None, d: Deadlock, renamed: Mapping[str, str] | None = None
    ) -> bool:
        """Add deadlock `d`, standing on `day` from `since`: whether it begins a run."""
        waits = _waits_of(d, renamed)
        for _, began, held, _ in self.runs:
            if began == since and not held.isdisjoint(waits):
                held |= waits
                return False
        self.runs.append((day, since, waits, d))
        return True


def _earliest(days: Iterable[date | None]) -> date | None:
    """The earliest of `days`, the days the deadlocks of one run stood from (None where
    one of them is not known), as a deadlock going on from several dates it."""
    known = list(days)
    return None if not known or None in known else min(cast(list[date], known))


def _deadlocks_on(
    index: MeasureIndex,
    ids: Collection[str],
    day: date | None,
    parties: list[str],
    place: Callable[[str], Any],
    asked: set[str] | None = None,
) -> list[Deadlock]:
    """The deadlocks any of `ids` is caught in at the end of `day` (None: as the ledger
    stands), as `plan --as-of` finds them then, from the measures a circle through them
    could pass alone, each read as it stood that day (`asof.nodes_on`,
    `deadlocks_through`); `asked` gets the ids of the measures read."""
    from ..lifecycle import was_part_of
    from .asof import nodes_on

    def parts(ident: str) -> list[str]:
        now, once = index.parts(), index.former_parts(was_part_of)
        return sorted({*now.get(ident, ()), *once.get(ident, ())})

    def lookup(wanted: list[str]) -> dict[str, Node]:
        if asked is not None:
            asked.update(wanted)
        return nodes_on(index, wanted, day, parties, parts) if wanted else {}

    return deadlocks_through([i for i in ids if i in index], lookup, place, parts)


def deadlocks_of(ledger: Ledger, ids: Collection[str], day: date | None = None) -> list[Deadlock]:
    """The deadlocks of `ledger` as it stands (at the end of `day`, when given) that any
    of `ids` is caught in, as `plan` finds them (`find_deadlocks`), from the measures a
    circle through them could pass alone (`_deadlocks_on`): those of a few measures of a
    large ledger, a few nodes read."""
    from ..model import index_of

    index = index_of(ledger.index())
    order = {m.id: n for n, m in enumerate(ledger.measures)}
    return _deadlocks_on(index, ids, day, list(ledger.parties), order.__getitem__)


def deadlock_since(
    d: Deadlock,
    index: MeasureIndex,
    day: date,
    parties: list[str],
    place: Callable[[str], Any],
) -> date | None:
    """The day from which deadlock `d`, standing at the end of `day` (a plan's day), has
    stood without a break up to it, as `plan --as-of` finds deadlocks each day: a
    deadlock goes on from the day before when that day held one sharing one of its waits
    (`_waits_of`: a measure waiting for another, whoever demands it and whatever it
    requires), and so on back (through each such one, where two met in it: the earliest
    day any of them stood from). So a measure that joins a circle for a while (by
    `--with`, or by a second circle through it and the circle's measures) leaves the
    same deadlock standing, as does one that leaves it: one day, whichever day the plan
    is drawn for. Walking back from `day`, only the days an event of a measure of the
    deadlocks reached so (and of their parts, now or once; and, of one through a measure
    made of parts, of every measure read to judge it: what its other parts wait for, and
    so on, `_judged_by`) changed what a plan reads of them are looked at (between two,
    their waits stand or not alike): the first after a day no such deadlock stood on.
    From the histories of the few measures a circle through those could pass, not the
    whole ledger day by day. None when the history
    does not say: `d` does not stand so by the history on `day` (a status set by hand
    against it), or more than `PAST_DAYS` days would be looked at."""
    return _run_back(d, index, day, parties, place)[0]


def _run_back(
    d: Deadlock,
    index: MeasureIndex,
    day: date,
    parties: list[str],
    place: Callable[[str], Any],
) -> tuple[date | None, set[tuple[str, str]]]:
    """`deadlock_since`, and the waits of every deadlock of its run it went back through
    (`_waits_of`), those of its first day among them: by them a write finds that run on
    its first day (`_ended`), whatever circles it was made of then."""
    from ..changes import entry_days

    asked: set[str] = set()
    if _kept_as(d) not in {
        _kept_as(x) for x in _deadlocks_on(index, d.measures, day, parties, place, asked)
    }:
        return None, set()
    held, waits, on = [d], _waits_of(d), day
    run = set(waits)
    for _ in range(PAST_DAYS):  # (each turn, the latest day the deadlocks held change on)
        measures = _with_parts(index, held)
        read = _judged_by(index, held, measures, asked)
        began = max((x for i in read for x in entry_days(index[i]) if x <= on), default=None)
        if began is None or began == date.min:
            return None, run
        before = began - timedelta(days=1)
        asked = set()
        found = _deadlocks_on(index, sorted(measures, key=place), before, parties, place, asked)
        held = [x for x in found if not waits.isdisjoint(_waits_of(x))]
        if not held:
            return began, run
        waits, on = {w for x in held for w in _waits_of(x)}, before
        run |= waits
    return None, run


def deadlock_until(
    d: Deadlock,
    index: MeasureIndex,
    day: date,
    today: date,
    parties: list[str],
    place: Callable[[str], Any],
) -> date | None:
    """The day deadlock `d`, standing at the end of `day`, ended, as `plan --as-of` finds
    deadlocks each day: the first day after it that held none sharing one of its waits
    (nor of those it went on through so), as `deadlock_since` finds the day it began,
    walking forward over the days an event of their measures (and parts, and what one
    through a measure made of parts is judged by: `_judged_by`) changed them.
    None: standing still on `today`, or more than `PAST_DAYS` days would be looked at."""
    from ..changes import entry_days

    held, waits, on = [d], _waits_of(d), day
    asked: set[str] = set()
    if d.parts:  # (what its judgement reads that day: `_judged_by`)
        _deadlocks_on(index, d.measures, day, parties, place, asked)
    for _ in range(PAST_DAYS):  # (each turn, the next day the deadlocks held change on)
        measures = _with_parts(index, held)
        read = _judged_by(index, held, measures, asked)
        ends = min((x for i in read for x in entry_days(index[i]) if x > on), default=None)
        if ends is None or ends > today:
            return None
        asked = set()
        found = _deadlocks_on(index, sorted(measures, key=place), ends, parties, place, asked)
        held = [x for x in found if not waits.isdisjoint(_waits_of(x))]
        if not held:
            return ends
        waits, on = {w for x in held for w in _waits_of(x)}, ends
    return None


class DeadlockPeriod(Plain):
    """A stretch of days a deadlock stood (`deadlock_history`): from the day it began,
    the day `plan --as-of` dates it from on any day of the stretch (`Deadlock.since`),
    to the first day `plan --as-of` no longer shows it so (None: it stands still), said
    in the words of its first day (`deadlock`: the first circle of it standing then)."""

    __slots__ = ("began", "ended", "deadlock", "first")

    def __init__(
        self, began: date, ended: date | None, deadlock: Deadlock, first: date | None = None
    ) -> None:
        self.began = began
        self.ended = ended
        self.deadlock = deadlock
        # (the first day it stood in this stretch: `began` but where circles that met part,
        # and `plan --as-of` dates one of them from a day of an earlier stretch)
        self.first = began if first is None else first

    def days(self, day: date) -> int:
        """How many days it stood: from the day it began to the day before `ended`, the
        first day it no longer stood; standing still, to `day`, the day viewed (the days
        so far), as `plan --history` and the report's history alike count them."""
        return ((self.ended or day) - self.began).days


def deadlock_history(
    index: MeasureIndex,
    parties: list[str],
    today: date,
    place: Callable[[str], Any],
    may: Mapping[str, list[str]] | None = None,
) -> list[DeadlockPeriod]:
    """Every deadlock the ledger's history held up to the end of `today`, each stretch of
    days it stood without a break (`DeadlockPeriod`), in the order they began.

    The days read are those an event of a measure changed what it was (`entry_days`):
    between two, every deadlock stands as it did. Each is read as `plan --as-of` reads
    it (`_deadlocks_on`, `asof.nodes_on`), through the measures an event changed that
    day (and what they are or were a part of) and those of the deadlocks standing the
    day before, not the whole ledger: a circle that forms passes a measure that changed.
    A deadlock goes on from the day before where that day held one sharing one of its
    waits, from the earliest day of those, as `deadlock_since` walks back (so a stretch
    begins on the day `plan --as-of` dates it from on any day of it); where it goes on
    from several stretches, those begun later end that day, gone on as the earliest.
    Where circles met or parted, the day is `deadlock_since`'s own (which may be a day
    of an earlier stretch: `DeadlockPeriod.first` is then the day it first stood in
    this one). Several circles each make their own; one that ended and stood again,
    two. Only the measures `may_circle` names (`may`, when found already: a
    `CircleWatch` that noted every measure, which builds none of the others again), and
    of those the changes a circle reads (`changes.read_by_circles`), make a day read."""
    from ..changes import entry_days, read_by_circles
    from ..lifecycle import was_part_of
    from ..vocab import ancestors

    if may is None:
        may = may_circle(index)
    moved: dict[date, set[str]] = {}
    # (one reversed once is carried out again while it owes: a day its counterpart moved
    # may make or end a circle through it, read as a day it moved itself)
    owing: dict[date, set[str]] = {}
    for ident in may:
        if ident not in index:  # (an order to a measure not in the ledger)
            continue
        m = index[ident]
        for day in entry_days(m):
            if date.min < day <= today:
                moved.setdefault(day, set()).add(ident)
        if any(h.status == Status.reversed for h in m.history):
            for other in m.in_exchange_for:
                for day in entry_days(index[other]) if other in index else ():
                    if date.min < day <= today:
                        owing.setdefault(day, set()).add(ident)
                        moved.setdefault(day, set())
    periods: list[DeadlockPeriod] = []
    # (those standing the day before: each deadlock, its waits, the day it stood from and
    # the stretch it is of, by its place in `periods`)
    standing: list[tuple[Deadlock, set[tuple[str, str]], date, int]] = []
    stretches: dict[date, list[int]] = {}  # (the stretches begun each day)
    held_waits: list[set[tuple[str, str]]] = []  # (the waits of each stretch's deadlocks)
    read = read_by_circles(parties)
    for day in sorted(moved):
        # (the measures whose change that day a circle reads, and what they are or were a
        # part of: every circle that forms passes one, every one that ends or changes too)
        seeds: set[str] = set()
        for ident in moved[day]:
            m = index[ident]
            # (one a circle through a measure made of parts waits for moves it as it can act
            # or not: any change of it is read)
            if ident not in may or (len(may[ident]) == 1 and not read(m, day)):
                continue
            for whole in (*may[ident], *ancestors(index, ident), *was_part_of(m)):
                seeds.add(whole)
                seeds.update(ancestors(index, whole))
        for ident in owing.get(day, ()):
            seeds.update(may[ident])
        if not seeds:
            continue
        touched = [x for x in standing if not seeds.isdisjoint(_in_any(x[0]))]
        seeds.update(i for x in touched for i in x[0].measures)
        found = _deadlocks_on(index, sorted(seeds, key=place), day, parties, place)
        # (one standing the day before that none of these changed stands on as it was,
        # but where a circle found that day runs through it)
        taken = seeds | {i for d in found for i in _in_any(d)}
        now = [x for x in standing if taken.isdisjoint(_in_any(x[0]))]
        for d in found:
            waits = _waits_of(d)
            held = [x for x in standing if not waits.isdisjoint(x[1])]
            if not held:  # (none the day before: it begins)
                since: date | None = day
            elif len(held) == 1 and held[0][1] == waits:  # (the same circle: it goes on)
                since = held[0][2]
            else:  # (circles met or parted: the day as `plan --as-of` dates it)
                since = deadlock_since(d, index, day, parties, place) or min(x[2] for x in held)
            begun = since or day
            # (of the stretch dated from that day, standing the day before or begun this
            # day, sharing one of its waits, as `_Runs` groups them; else one of its own,
            # dated so: where circles that met part, a day of one that stood before)
            period = next(
                (
                    k
                    for k in stretches.get(begun, ())
                    if periods[k].ended is None and not waits.isdisjoint(held_waits[k])
                ),
                None,
            )
            if period is None:
                period = len(periods)
                periods.append(DeadlockPeriod(begun, None, d, day))
                stretches.setdefault(begun, []).append(period)
                held_waits.append(set())
            held_waits[period] |= waits
            now.append((d, waits, begun, period))
        going_on = {x[3] for x in now}
        for x in standing:
            if x[3] not in going_on:
                periods[x[3]].ended = day
        standing = now
    return sorted(periods, key=lambda p: p.began)


def stood_from(periods: Iterable[DeadlockPeriod]) -> Callable[[Deadlock], date | None]:
    """The day a deadlock standing still at the end of `periods` (`deadlock_history`, up
    to a day) has stood from, found by its waits on the first day of its stretch (None:
    no stretch standing began so): what `deadlock_since` gives it on that day (a stretch
    begins on the day `plan --as-of` dates it from on any day of it), without walking
    back again."""
    began = {waits_in(p.deadlock): p.began for p in periods if p.ended is None}
    return lambda d: began.get(waits_in(d))


def history_as_if(
    periods: list[DeadlockPeriod], deadlocks: Sequence[Deadlock], day: date
) -> list[DeadlockPeriod]:
    """The deadlock history `periods` (`deadlock_history`, up to the end of `day`) with
    `day` as an assumption has it (it stands on that day, not before): `deadlocks`, those
    of the plan drawn on it, each dated as `date_deadlocks` dates it from the plan without
    it. A stretch standing on `day` goes on where one of them is dated from the day it
    began and shares a measure with it (or is the one dated so, where no other stretch
    standing began that day); else the assumption ends it on `day` (one begun that day
    never stood: left out). One of them dated from `day` that goes on from no stretch
    begins on `day`, standing still."""
    standing = [p for p in periods if p.ended is None]
    began: dict[date, int] = {}
    for p in standing:
        began[p.began] = began.get(p.began, 0) + 1
    gone_on: set[int] = set()
    out: list[DeadlockPeriod] = []
    for p in periods:
        if p.ended is not None:
            out.append(p)
            continue
        dated_so = [k for k, d in enumerate(deadlocks) if d.since == p.began]
        held = set(p.deadlock.measures)
        going = [k for k in dated_so if not held.isdisjoint(deadlocks[k].measures)]
        if not going and began[p.began] == 1:
            going = dated_so
        if going:
            gone_on.update(going)
            out.append(p)
        elif p.began < day:
            out.append(DeadlockPeriod(p.began, day, p.deadlock, p.first))
    out.extend(
        DeadlockPeriod(day, None, d)
        for k, d in enumerate(deadlocks)
        if k not in gone_on and d.since == day
    )
    return out


def may_circle(index: MeasureIndex) -> dict[str, list[str]]:
    """The measures a change of which could make, end or change a deadlock on some day of
    the ledger's history, each with those to look for one through (itself, and for one
    that a circle through a measure made of parts waits for, those of the circle). A circle of
    steps runs along orders (one measure after another, in force now or once: its
    constraints and its history's `sequence` entries), and within a measure made of parts
    (its parts and wholes, now or once) or a group carried out together (`with`), so it
    runs, with each family of parts and group taken as one, along orders that come back
    to where they began (a strongly connected set of them, or an order within one): the
    measures of such families, and what those made of parts wait for, and so on. A
    measure outside them is in no deadlock on any day, nor moves one."""
    watch = CircleWatch()
    for ident in index:
        watch.note(index[ident])
    return watch.found()


class CircleWatch:
    """What `may_circle` reads of each measure (the orders it gives, now or once, and the
    families of parts and groups it is of), noted a measure at a time as a reader passes
    every measure (`note`), which it need not hold: `found` gives what `may_circle` gives
    of the measures noted."""

    __slots__ = ("family", "orders", "wholes")

    def __init__(self) -> None:
        self.family: dict[str, str] = {}
        self.orders: list[tuple[str, str]] = []
        self.wholes: list[str] = []  # (those a part of another, now or once)

    def root(self, ident: str) -> str:
        family = self.family
        found = family.setdefault(ident, ident)
        while found != family[found]:
            family[found] = family[family[found]]
            found = family[found]
        return found

    def join(self, a: str, b: str) -> None:
        self.family[self.root(a)] = self.root(b)

    def note(self, m: Measure) -> Measure:
        """Note `m`, and give it back (for a reader that passes it on)."""
        from ..changes import sequenced_with, with_change
        from ..lifecycle import was_part_of

        ident = m.id
        once = was_part_of(m)
        if m.part_of is not None or once:
            self.wholes.append(ident)
        for whole in (m.part_of, *once):
            if whole is not None:
                self.join(ident, whole)
        for c in m.constraints:
            if c.with_ is not None:
                self.join(ident, c.with_)
            else:
                self.orders.append((ident, c.other))
        for h in m.history:
            other = sequenced_with(h)
            if other is not None:
                self.orders.append((ident, other))
                if with_change(h) is not None:  # (a `with` set, ended or replaced)
                    self.join(ident, other)
        return m

    def found(self) -> dict[str, list[str]]:
        """What `may_circle` gives of the measures noted."""
        root = self.root
        after: dict[str, set[str]] = {}
        looped: set[str] = set()
        for a, b in self.orders:
            ra, rb = root(a), root(b)
            if ra == rb:
                looped.add(ra)
            else:
                after.setdefault(ra, set()).add(rb)
        cyclic = looped | _on_cycles(after)
        # (a circle through a measure made of parts stands or not as another of its parts
        # can act first: as what its parts wait for, and what that waits for, can act; one
        # in a circle of its own too, which a change of it may close while it makes the
        # first)
        wholes = {root(i) for i in self.wholes}
        feeds: dict[str, set[str]] = {}
        for start in cyclic & wholes:
            todo, seen = [start], {start}
            while todo:
                for nxt in after.get(todo.pop(), ()):
                    if nxt not in seen:
                        seen.add(nxt)
                        todo.append(nxt)
                        feeds.setdefault(nxt, set()).add(start)
        members: dict[str, list[str]] = {}
        for i in list(self.family):
            members.setdefault(root(i), []).append(i)
        found = {i: [i] for r in cyclic for i in members[r]}
        for r, held in feeds.items():
            circled = [i for w in sorted(held) for i in members[w]]
            for i in members[r]:
                found[i] = [i, *circled]
        return found


def _on_cycles(after: Mapping[str, Collection[str]]) -> set[str]:
    """The nodes of `after` (each with those it points to) on a cycle: in a strongly
    connected component of more than one (Tarjan's, without recursion)."""
    number: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: set[str] = set()
    for start in after:
        if start in number:
            continue
        work = [(start, iter(after.get(start, ())))]
        number[start] = low[start] = len(number)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, edges = work[-1]
            for nxt in edges:
                if nxt not in number:
                    number[nxt] = low[nxt] = len(number)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(after.get(nxt, ()))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], number[nxt])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == number[node]:
                    component = []
                    while True:
                        top = stack.pop()
                        on_stack.discard(top)
                        component.append(top)
                        if top == node:
                            break
                    if len(component) > 1:
                        found.update(component)
    return found


def _in_any(d: Deadlock) -> set[str]:
    """Every measure deadlock `d` names: those in it, and the parts it acts through."""
    return {*d.measures, *(i for g in d.parts for i in g), *(i for g in d.together for i in g)}


def _with_parts(index: MeasureIndex, held: Iterable[Deadlock]) -> set[str]:
    """The measures of `held` in `index`, and their parts, now or once, and theirs: what
    a deadlock's day is read from (a part that could act first breaks a circle through
    its whole)."""
    from ..lifecycle import was_part_of

    now, once = index.parts(), index.former_parts(was_part_of)
    found = {i for x in held for i in x.measures if i in index}
    todo = list(found)
    while todo:
        ident = todo.pop()
        for part in (*now.get(ident, ()), *once.get(ident, ())):
            if part not in found and part in index:
                found.add(part)
                todo.append(part)
    return found


def _judged_by(
    index: MeasureIndex, held: Sequence[Deadlock], measures: set[str], asked: set[str]
) -> set[str]:
    """The measures whose events may make or break deadlocks `held`, standing on a day:
    their measures and parts (`measures`, `_with_parts`), and where one of them runs
    through a measure made of parts, every measure read to judge them that day (`asked`,
    what `_deadlocks_on` read): such a circle stands only while no other part can act
    first, so also as what those parts wait for, and what that waits for, can act (a
    part waiting for a measure withdrawn never can). Between two days on which none of
    these changed, they stand alike (`deadlock_since`, `deadlock_until`)."""
    if not any(x.parts for x in held):
        return measures
    return measures | {i for i in asked if i in index}


def date_deadlocks(
    plan: Plan,
    since: Callable[[Deadlock], date | None] | None,
    base: Plan | None = None,
    day: date | None = None,
) -> None:
    """Give each deadlock of `plan` the day it has stood from (`Deadlock.since`): as its
    history says (`since`: `deadlock_since`, for the ledger and day of the plan). For a
    plan drawn on an assumption, from `base`, the plan without it, of the same `day`:
    each deadlock of `base` as its history says (`since` None: `base`'s are dated
    already), one of `plan` as the same deadlock of `base` does, and one the assumption
    made from `day`, the day the assumption stands from (it did not stand the day
    before: `base` does not hold it). A deadlock of `plan` goes on from those of `base`
    sharing one of its waits, as one goes on from the day before (`deadlock_since`):
    the earliest day of theirs (None where one of them is not known)."""
    if since is not None:
        for d in (base if base is not None else plan).deadlocks:
            d.since = since(d)
    if base is None:
        return
    for d in plan.deadlocks:
        waits = _waits_of(d)
        stood = [x.since for x in base.deadlocks if not waits.isdisjoint(_waits_of(x))]
        known = [s for s in stood if s is not None]
        d.since = day if not stood else min(known) if len(known) == len(stood) else None


def days_kept(day: date, deadlocks: Sequence[Deadlock]) -> list[str]:
    """The day each of `deadlocks` (a plan's, drawn on `day`) has stood from, as lines
    of JSON to keep beside the ledger (`days_from_kept` reads them)."""
    since = [None if d.since is None else d.since.isoformat() for d in deadlocks]
    return [_dumps(day.isoformat()), _dumps(since)]


def days_from_kept(texts: Sequence[str | bytes]) -> tuple[date, list[date | None]]:
    """The day and the days `days_kept` gave these lines for (ValueError, TypeError or
    KeyError: they are not what it writes)."""
    day, since = map(json.loads, texts)
    return date.fromisoformat(text(day)), [
        None if d is None else date.fromisoformat(text(d)) for d in rows(since)
    ]


def history_kept(day: date, periods: Sequence[DeadlockPeriod]) -> list[str]:
    """The deadlocks the history held up to `day` (`deadlock_history`), as lines of JSON
    to keep beside the ledger (`history_from_kept` reads them): the day and how many
    stretches, then a line a stretch, in their order."""
    lines = [_dumps([day.isoformat(), len(periods)])]
    for p in periods:
        ended = None if p.ended is None else p.ended.isoformat()
        row = [p.began.isoformat(), ended, p.first.isoformat(), _deadlock_row(p.deadlock)]
        lines.append(_dumps(row))
    return lines


def history_from_kept(texts: Sequence[str | bytes]) -> tuple[date, list[DeadlockPeriod]]:
    """The day and the stretches `history_kept` gave these lines for (ValueError,
    TypeError or KeyError: they are not what it writes)."""
    if not texts:
        raise ValueError("no day")
    head, *found = map(json.loads, texts)
    day, count = rows(head)
    if integer(count) != len(found):
        raise ValueError("a stretch left out")
    periods = []
    for began, ended, first, deadlock in map(rows, found):
        periods.append(
            DeadlockPeriod(
                date.fromisoformat(text(began)),
                None if ended is None else date.fromisoformat(text(ended)),
                _deadlock_of(*rows(deadlock)),
                date.fromisoformat(text(first)),
            )
        )
    return date.fromisoformat(text(day)), periods


def _kept_as(
    d: Deadlock, renamed: Mapping[str, str] | None = None
) -> tuple[tuple[str, ...], frozenset[tuple[str, str]]]:
    """What tells one deadlock from another, before a change and after it: its measures
    (`_in_circle`: not a part a measure made of parts acts through, which a part added,
    dropped or withdrawn changes while the circle stands), and which waits for which
    (not whose demand a wait is, nor what it requires: a demand given again by another
    party, or asking another step, with the circle standing leaves the deadlock it was
    in); before it, each measure the change gave a new id known by it (`renamed`)."""
    named = renamed or {}

    def now(ident: str) -> str:
        return named.get(ident, ident)

    return tuple(sorted(map(now, _in_circle(d)))), frozenset(
        (now(w.measure), now(w.after)) for w in d.demands
    )


def _waits_of(d: Deadlock, renamed: Mapping[str, str] | None = None) -> set[tuple[str, str]]:
    """Which waits for which in deadlock `d`: the waits one deadlock shares with another
    (`deadlock_since`), whoever demands each and whatever it requires; each measure a
    change gave a new id known by it (`renamed`)."""
    if not renamed:
        return {(w.measure, w.after) for w in d.demands}
    return {(renamed.get(w.measure, w.measure), renamed.get(w.after, w.after)) for w in d.demands}


def waits_in(d: Deadlock) -> frozenset[tuple[str, str]]:
    """Which waits for which in deadlock `d` (`_waits_of`), as a key: what a deadlock is
    known by from one version of a ledger to another (`diff`, `merge`), so that one whose
    circle changed ended, and the one it became started."""
    return frozenset(_waits_of(d))


def _sharing(
    waits: Collection[tuple[str, str]],
    found: Iterable[Deadlock],
    renamed: Mapping[str, str] | None = None,
) -> list[Deadlock]:
    """Those of `found` that share one of `waits`: of one run with the deadlock those
    are of, as `plan --as-of` dates deadlocks day by day (`deadlock_since`), one deadlock
    whatever circles make it on each day (`renamed`: as `_waits_of`). A write says a
    deadlock made, moved or ended by its runs, not by its circles, as `plan` and `check`
    show one."""
    return [x for x in found if not _waits_of(x, renamed).isdisjoint(waits)]


def _in_circle(d: Deadlock) -> set[str]:
    """The measures of a deadlock but those in it only as the parts a measure made of
    parts acts through (`Deadlock.parts`): a part named by one of its demands (by an
    order of its own, or one that waits for it) is kept."""
    demanded = {i for w in d.demands for i in (w.measure, w.after)}
    through = {p for _, *parts in d.parts for p in parts} - demanded
    return set(d.measures) - through


def _renamed(
    before: Mapping[str, Measure], after: Mapping[str, Measure], changed: Collection[str]
) -> dict[str, str]:
    """The measures a change gave a new id, by the id each had before: of those only
    before it and those only after it, the ones made by one creation (as a draft knows
    a measure renamed: `draft.Draft._was`)."""
    from ..vocab import CREATED

    gone = [i for i in changed if i in before and i not in after]
    new = [i for i in changed if i in after and i not in before]
    if not gone or not new:
        return {}

    def made(m: Measure) -> tuple[Any, ...] | None:
        created = next((h for h in m.history if h.event == CREATED), None)
        return None if created is None else (created.date, created.recorded)

    by_creation = {made(after[i]): i for i in new}
    found = {}
    for ident in gone:
        key = made(before[ident])
        if key is not None and key in by_creation:
            found[ident] = by_creation[key]
    return found


def phased_plan(ledger: Nodes, *, deadlock_free: bool = False) -> Plan:
    """A phased order for every pending measure, its deadlocks, and what they block.

    Phase 1 holds what can go now; each later phase what the earlier ones
    unlock. A `with` group shares one phase; a verification-gated measure comes
    in the phase after the one in which the verification is made.
    `deadlock_free`: see `_cycles`.
    """
    graph = _graph_of(ledger)
    components = _cycles(graph, deadlock_free)
    stuck_steps = {s for comp in components for s in comp}
    layers = graph.layers()
    phases, deadlocks, blocked = _drawn(graph, components, stuck_steps, layers)
    if graph.in_part:
        phases, held = _rest_placed(graph, phases, layers, stuck_steps)
        if held:
            blocked = sorted(blocked + held, key=lambda b: b.id)
    index = graph.index
    labels = _labels(phases, deadlocks, lambda i: _label(index[i]))
    deadlines = _deadlines(index, [*labels, *(b.id for b in blocked)])
    return Plan(phases, deadlocks, blocked, labels, deadlines)


def _rest_placed(
    graph: _Graph,
    phases: list[Phase],
    layers: tuple[list[int], list[bool]],
    stuck_steps: set[int],
) -> tuple[list[Phase], list[BlockedMeasure]]:
    """`phases` with the rest of each measure carried out in part (`rest_owed`): in phase
    1 where nothing holds it, else in the phase after what its orders wait for (its
    `_REST` step's); and the held rests that cannot be planned, blocked (those in a
    deadlock are the deadlock's)."""
    phase, planned = layers
    rest: dict[int, list[tuple[str, Extent]]] = {}
    blocked: list[BlockedMeasure] = []
    for m in sorted(graph.in_part, key=lambda m: m.id):
        step = graph.rest_step.get(m.id)
        number = _rest_phase(graph, phase, m.id)
        if number > 0:
            rest.setdefault(number, []).append((m.id, m.extent))
        elif step is not None and step not in stuck_steps:
            source = _sources(graph, step)
            holds = [
                Hold(w, _reason(graph, w, source.get(w), planned, stuck_steps))
                for w in rest_held(graph, m.id)
            ]
            counts = graph.to_record.get(m.id)
            blocked.append(BlockedMeasure(m.id, m.actor, m.title, holds, m.extent, counts))
    return _with_rest(phases, rest, graph.to_record), blocked


def _with_rest(
    phases: list[Phase],
    rest: Mapping[int, list[tuple[str, Extent]]],
    to_record: Mapping[str, tuple[int, int]] | None = None,
) -> list[Phase]:
    """`phases` with `rest` (the rest of each measure carried out in part, by id, by the
    phase it goes in: `_rest_placed`; `to_record`, as `Phase` has it, of those among them
    made of parts with parts still to record), a phase made for it where there was none."""
    if not rest:
        return phases
    by_number = {p.number: p for p in phases}
    for number, ids in rest.items():
        counts = {i: to_record[i] for i, _ in ids if to_record and i in to_record}
        p = by_number.get(number)
        if p is None:
            by_number[number] = Phase(number, [], [], rest=ids, to_record=counts)
        else:
            by_number[number] = Phase(
                number, p.measures, p.verify, p.verify_by, ids, p.together, counts, p.again
            )
    return [by_number[n] for n in sorted(by_number)]


def _drawn(
    graph: _Graph,
    components: list[list[int]],
    stuck_steps: set[int],
    layers: tuple[list[int], list[bool]],
    drawn: Callable[[int], bool] | None = None,
) -> tuple[list[Phase], list[Deadlock], list[BlockedMeasure]]:
    """The phases, deadlocks and blocked measures of `graph`, its steps phased by `layers`:
    of every step, or of those `drawn` names (the cycles are all drawn)."""
    phase, planned = layers
    by_phase: dict[int, Phase] = {}

    def awaited(step: int) -> bool:
        """Whether a planned measure waits for the verification `step` (itself, or that
        of a measure made of parts it is one of), or the planned rest of one carried out
        in part (`rest_held`: the step its orders hold, `_Graph.rest_waits`): one that
        none waits for is no step."""
        ahead, seen = list(graph.succ[step]), set()
        while ahead:
            t = ahead.pop()
            if t in seen:
                continue
            seen.add(t)
            if t < graph.acts or t in graph.rest_waits:
                if planned[t]:
                    return True
            elif graph.kind[t - graph.acts] == _WHOLE_VERIFIED:
                ahead.extend(graph.succ[t])
        return False

    for step in range(graph.size()):
        if not planned[step] or (drawn is not None and not drawn(step)):
            continue
        p = by_phase.get(phase[step])
        if p is None:  # (not setdefault: that would make a Phase per step)
            p = by_phase[phase[step]] = Phase(phase[step], [], [])
        if step < graph.acts:
            p.measures.extend(graph.members[step])
            # (joined by `with` orders: one step, and the rests that go in its phase)
            rests = graph.rests_with.get(step, ())
            same = {i for i in rests if _rest_phase(graph, phase, i) == phase[step]}
            group = _together(graph, step, same.__contains__)
            if group:
                p.together.append(group)
            if graph.redo:  # (those reversed, carried out again)
                p.again.update((i, graph.redo[i]) for i in graph.members[step] if i in graph.redo)
        elif graph.kind[step - graph.acts] == _AGAIN:  # (carried out again: an act of it)
            ident = graph.measure_of[step - graph.acts]
            p.measures.append(ident)
            p.again[ident] = graph.index[ident].since or graph.index[ident].last_date
        elif graph.kind[step - graph.acts] == _VERIFY and awaited(step):
            ident = graph.measure_of[step - graph.acts]
            p.verify.append(ident)
            named = _verifiers_awaited(graph, step)
            if named:
                p.verify_by[ident] = named
    phases = [by_phase[n] for n in sorted(by_phase) if by_phase[n].measures or by_phase[n].verify]
    for p in phases:
        p.measures.sort()
        p.verify.sort()
        p.verify_by = {i: p.verify_by[i] for i in p.verify if i in p.verify_by}
        p.together.sort()
        p.again = {i: p.again[i] for i in sorted(p.again)}

    blocked: list[BlockedMeasure] = []
    for step in range(graph.acts):
        if planned[step] or step in stuck_steps or (drawn is not None and not drawn(step)):
            continue
        holds = _holds(graph, step, planned, stuck_steps)
        for ident in graph.members[step]:
            m = graph.index[ident]
            own = [Hold(_through(h.wait, _via(graph, ident, h.wait)), h.reason) for h in holds]
            blocked.append(
                BlockedMeasure(ident, m.actor, m.title, own, again=graph.redo.get(ident))
            )
    blocked.sort(key=lambda b: b.id)
    return phases, _deadlocks(graph, components, planned, stuck_steps), blocked


def _holds(graph: _Graph, step: int, planned: list[bool], stuck_steps: set[int]) -> list[Hold]:
    """Each constraint that holds act step `step` (not planned), as `next` lists what holds
    its measures (`_waits`: the step's unmet constraints, one home for both), with why:
    the measure it names is not in the ledger (UNKNOWN), cannot act (its status: withdrawn,
    rejected, reversed), is caught in a deadlock (DEADLOCKED), cannot act or be verified
    through its parts (PARTS), or is itself blocked (BLOCKED); else it is yet to act or be
    verified, which the plan could see to (its status: proposed, agreed, implemented,
    disputed), and the measure waits for it besides what keeps it out of the plan."""
    source = _sources(graph, step)
    return [
        Hold(wait, _reason(graph, wait, source.get(wait), planned, stuck_steps))
        for wait in graph.waits[step]
    ]


def _sources(graph: _Graph, step: int) -> dict[Wait, int]:
    """The step each wait of act step `step` waits for (none for one that cannot be met)."""
    return {held: src for src, held in graph.pred_waits[step] if held is not None}


def _reason(
    graph: _Graph, wait: Wait, src: int | None, planned: list[bool], stuck_steps: set[int]
) -> str:
    """Why `wait`, on step `src` (None: on nothing that can meet it), holds its step, as
    `_holds` says it."""
    if src is None:
        reason = UNKNOWN if wait.prerequisite_status is None else wait.prerequisite_status
    elif planned[src]:
        reason = wait.prerequisite_status or UNKNOWN
    elif _in_stuck(graph, src, stuck_steps):
        reason = DEADLOCKED
    elif src >= graph.acts and graph.kind[src - graph.acts] not in (_VERIFY, _REST, _AGAIN):
        reason = PARTS if graph.impossible[src] else BLOCKED
    else:
        reason = BLOCKED
    return str(reason)


def _labels(
    phases: list[Phase], deadlocks: list[Deadlock], label: Callable[[str], tuple[str, str]]
) -> dict[str, tuple[str, str]]:
    """The actor and title (`label`) of each measure the phases and deadlocks name, in
    that order: a plan's `labels`."""
    named = [i for p in phases for i in (*p.measures, *p.verify, *(i for i, _ in p.rest))]
    named += [i for d in deadlocks for i in d.measures]
    return {i: label(i) for i in named}


def _label(node: Node) -> tuple[str, str]:
    return node.actor, node.title


_DRAWN_AGAIN_SHARE = 8  # (see `plan_after`)
_DRAWN_AGAIN_FEW = 64


def plan_after(base: Plan, changed: Mapping[str, Node], around: Around) -> Plan | None:
    """`phased_plan` of the ledger that `around` reads, with the measures of `changed`
    standing as given there (a what-if), drawn again only where a change can move it.

    `base` is the plan of the ledger as it stands. A step's phase, or why it is blocked,
    depends only on the steps it waits for, so only the steps of the changed measures
    and of the pending measures behind them (those waiting for one of them, or to go
    with one, and so on) are drawn again. They are drawn on a small graph of their own,
    with each step they wait for that is not drawn again standing in for itself: no
    constraint of its own, the phase `base` gives it (or unplanned, deadlocked if `base`
    says so). Every cycle through a changed step lies among the steps drawn again, and
    a cycle among the others is in `base` as it was. A verification `base` plans, of
    a measure not drawn again, stays while any measure not drawn again still waits for
    it. None when more than an eighth of the measures (and more than a few) would be
    drawn again: drawing the whole plan is as quick then; None too when a measure made
    of parts, or a part, is met (see `Around.in_parts`).

    A measure reversed and exchanged for another is carried out again while it owes
    (`_again`): one that does is drawn as a pending one is, and whether it does is read
    from its counterparts (`_Owing`), which the small graph holds too (stand-ins no
    step waits for), so that it judges as the whole plan does. One whose counterpart
    changed may come to owe or owe no more: it is drawn again, with what is behind it.
    """
    most = max(len(around.ids) // _DRAWN_AGAIN_SHARE, _DRAWN_AGAIN_FEW)
    inside = dict(changed)
    was = around.nodes(list(changed))
    frontier = list(changed)
    in_parts = around.in_parts
    if not in_parts.isdisjoint(changed):
        return None  # (see `Around.in_parts`)
    if _in_part_held([*inside.values(), *was.values()]):
        return None
    owing = _Owing(changed, around)
    # (one exchanged for a changed measure comes to owe, or owes no more: drawn again)
    turned = owing.turned([*inside.values(), *was.values()])
    inside.update(around.nodes(turned))
    frontier += turned
    while frontier:  # the measures to act behind the changed ones, however far
        near = around.referrers(frontier)
        if in_parts and any(not in_parts.isdisjoint(near[x]) for x in frontier):
            return None
        found = around.nodes({i for x in frontier for i in near[x] if i not in inside})
        if _in_part_held(found.values()):
            return None  # (the rest of one carried out in part waits for what changed)
        ahead = {
            i
            for x in frontier
            for i in near[x]
            if i in found
            and owing.acts(found[i])
            and any(c.other == x for c in found[i].constraints)
        }
        for x in frontier:  # (a `with` recorded on one side only still makes a group)
            for n in (inside[x], was.get(x)):
                if n is not None:
                    ahead.update(c.with_ for c in n.constraints if c.with_ is not None)
        ahead.difference_update(inside)
        found.update(around.nodes([i for i in ahead if i not in found]))
        frontier = [i for i in ahead if i in found and owing.acts(found[i])]
        inside.update((i, found[i]) for i in frontier)
        if len(inside) > most:
            return None
    around_them = (*inside.values(), *was.values())
    waited = {i for n in around_them for c in n.constraints for i in (c.after, c.with_)}
    outside = around.nodes([i for i in waited if i is not None and i not in inside])
    if not (in_parts.isdisjoint(outside) and in_parts.isdisjoint(inside)):
        return None
    if _in_part_held(outside.values()):
        return None  # (a rest that goes with those drawn again, in the phase its orders give)
    verified = {t for p in base.phases for t in p.verify if t in outside}
    if in_parts and any(not in_parts.isdisjoint(i) for i in around.referrers(verified).values()):
        return None  # (a part waits for what its whole waits to see verified)
    # (what `base` plans: the act of each of its measures, the rest of each it places)
    planned = {i for p in base.phases for i in (*p.measures, *(i for i, _ in p.rest))}
    still = _verifications_wanted(verified, inside, around, planned)

    place = around.place
    stand_ins = [n.replace(constraints=()) for n in outside.values()]
    # (the counterparts of those reversed: by them the graph says whether each owes, as
    # the whole plan does; no step waits for one, nor is one drawn; whether one is a
    # part asks nothing of that, and the graph makes no measure made of parts of them)
    counterparts = owing.counterparts([*inside.values(), *outside.values()])
    judges = [
        n.replace(constraints=(), part_of=None)
        for i, n in counterparts.items()
        if i not in inside and i not in outside
    ]
    drawn = sorted([*inside.values(), *stand_ins, *judges], key=lambda n: place[n.id])
    graph = _Graph(Nodes("", [], (), drawn))
    phase_of = {m: p.number for p in base.phases for m in p.measures}
    stuck = {m for d in base.deadlocks for m in d.measures}
    standing = [*outside, *(n.id for n in judges)]
    fixed = {graph.group[i]: phase_of.get(i, 0) for i in standing if i in graph.group}
    components = graph.cyclic_components()
    stuck_steps = {s for comp in components for s in comp}
    stuck_steps.update(graph.group[i] for i in outside if i in graph.group and i in stuck)
    phases, deadlocks, blocked = _drawn(
        graph,
        components,
        stuck_steps,
        graph.layers(fixed),
        lambda step: step not in fixed,
    )

    kept_deadlocks = [d for d in base.deadlocks if d.measures[0] not in inside]
    measures: dict[int, list[str]] = {}
    verify: dict[str, int] = {}
    verify_by: dict[str, list[str]] = {}
    together: dict[int, list[list[str]]] = {}
    again: dict[int, dict[str, date | None]] = {}
    for p in base.phases:
        measures.setdefault(p.number, []).extend(m for m in p.measures if m not in inside)
        again[p.number] = {i: d for i, d in p.again.items() if i not in inside}
        kept = [g for g in p.together if not any(m in inside for m in g)]
        together.setdefault(p.number, []).extend(kept)
        for t in p.verify:
            if t not in inside and (t not in verified or t in still):
                verify[t] = p.number
        verify_by.update(p.verify_by)
    for p in phases:
        measures.setdefault(p.number, []).extend(p.measures)
        again.setdefault(p.number, {}).update(p.again)
        together.setdefault(p.number, []).extend(p.together)
        verify.update(dict.fromkeys(p.verify, p.number))  # (the phase `base` gives it, if any)
        for t in p.verify:  # (drawn anew: the verifiers its orders name now)
            verify_by.pop(t, None)
        verify_by.update(p.verify_by)
    numbers = sorted({*measures, *verify.values()})

    def verify_in(n: int) -> list[str]:
        return sorted(t for t, k in verify.items() if k == n)

    merged = [
        Phase(
            n,
            sorted(measures.get(n, [])),
            verify_in(n),
            {t: verify_by[t] for t in verify_in(n) if t in verify_by},
            together=sorted(together.get(n, [])),
            again={i: d for i, d in sorted(again.get(n, {}).items())},
        )
        for n in numbers
    ]
    merged = [p for p in merged if p.measures or p.verify]
    # (the rest of what was carried out in part: as `base` has it, but of the measures
    # drawn again, each as it stands here; none of them is made of parts, nor a part)
    # (held by no order: `_in_part_held` leaves the others to the whole plan)
    rest: dict[int, list[tuple[str, Extent]]] = {}
    for p in base.phases:
        for i, e in p.rest:
            if i not in inside:
                rest.setdefault(p.number, []).append((i, e))
    rest.setdefault(1, []).extend((n.id, n.extent) for n in inside.values() if done_in_part(n))
    rest = {n: sorted(ids) for n, ids in rest.items() if ids}
    to_record = {i: n for p in base.phases for i, n in p.to_record.items()}
    merged = _with_rest(merged, rest, to_record)
    deadlocks = sorted(kept_deadlocks + deadlocks, key=lambda d: d.measures)
    blocked = sorted([b for b in base.blocked if b.id not in inside] + blocked, key=lambda b: b.id)

    def label(i: str) -> tuple[str, str]:
        n = inside.get(i) or outside.get(i)
        return base.labels[i] if n is None else _label(n)

    def deadline(i: str) -> date | None:
        n = inside.get(i) or outside.get(i)
        return base.deadlines.get(i) if n is None else n.deadline

    labels = _labels(merged, deadlocks, label)
    named = [*labels, *(b.id for b in blocked)]
    deadlines = {i: d for i in named if (d := deadline(i)) is not None}
    return Plan(merged, deadlocks, blocked, labels, deadlines)


class _Owing:
    """Which measures reversed are to be carried out again (`_again`, as the balance says
    it: `balance.owing`), in the ledger `around` reads with the measures of `changed`
    standing as given there, judged from each one's counterparts alone: what
    `plan_after` draws again around a change. An exchange counts whichever side records
    it, so one reversed that records none (`Node.to_redo_if_owed` says no) may still owe
    where a counterpart names it alone (a link `check` reports); none of them is a part
    (`plan_after` draws the whole plan where it meets one)."""

    def __init__(self, changed: Mapping[str, Node], around: Around) -> None:
        self.changed = changed
        self.around = around
        self.judged: dict[str, bool] = {}

    def now(self, ids: Collection[str]) -> dict[str, Node]:
        """The nodes of those of `ids` in the ledger, the changed ones as they stand now."""
        found = self.around.nodes([i for i in ids if i not in self.changed])
        found.update((i, self.changed[i]) for i in ids if i in self.changed)
        return found

    def was(self, ids: Collection[str]) -> dict[str, Node]:
        """The nodes of those of `ids` in the ledger, as it stood before the change."""
        return self.around.nodes(ids)

    def _of(self, n: Node, now: bool = True) -> set[str]:
        """The ids of those exchanged for `n`, in the ledger as it stands `now` (else as
        it stood before the change)."""
        found = set(n.in_exchange_for)
        named = (self.now if now else self.was)(self.around.referrers([n.id])[n.id])
        found.update(i for i, o in named.items() if n.id in o.in_exchange_for)
        if now:  # (a change may record an exchange the file does not)
            found.update(i for i, o in self.changed.items() if n.id in o.in_exchange_for)
        found.discard(n.id)
        return found

    def _owes(self, n: Node, now: bool = True) -> bool:
        """Whether `n` owes, as `_again` judges it (the whole plan's test), in the ledger
        as it stands `now` (else as it stood before the change)."""
        index = {**(self.now if now else self.was)(self._of(n, now)), n.id: n}
        status_of = {i: str(o.status) for i, o in index.items()}
        return n.id in _again(index, status_of, ())

    def acts(self, n: Node) -> bool:
        """Whether `n` (as it stands now) is to act: pending, or to be carried out again."""
        if n.pending:
            return True
        if n.status != Status.reversed:
            return False
        found = self.judged.get(n.id)
        if found is None:
            found = self.judged[n.id] = self._owes(n)
        return found

    def turned(self, nodes: Iterable[Node]) -> list[str]:
        """The measures reversed and exchanged for one of `nodes` (changed measures, as
        they stand now and as they stood), not changed themselves, that come to owe, or
        owe no more, with the change."""
        ids = {i for n in nodes for i in self._of(n) | self._of(n, now=False)}
        found = []
        for i, n in sorted(self.was(ids - set(self.changed)).items()):
            if n.status == Status.reversed and self.acts(n) != self._owes(n, now=False):
                found.append(i)
        return found

    def counterparts(self, nodes: Iterable[Node]) -> dict[str, Node]:
        """The counterparts, as they stand now, of those of `nodes` reversed."""
        return self.now({i for n in nodes if n.status == Status.reversed for i in self._of(n)})


def _in_part_held(nodes: Iterable[Node]) -> bool:
    """Whether one of `nodes` is carried out in part with an order of its own, whose rest
    the order may hold (`_Graph.rest_waits`): `plan_after` leaves that to the whole plan."""
    return any(
        done_in_part(n) and any(c.after is not None and c.after != n.id for c in n.constraints)
        for n in nodes
    )


def _verifications_wanted(
    verified: set[str], inside: Mapping[str, Node], around: Around, planned: Container[str]
) -> set[str]:
    """Those of `verified` that a measure not among `inside` waits to see verified, its act
    or its rest planned (`planned`): a verification that nothing planned waits for is no
    step of a plan (`_drawn`)."""
    if not verified:
        return set()
    near = around.referrers(verified)
    waiting = {i for t in verified for i in near[t] if i not in inside and i in planned}
    return {
        c.after
        for n in around.nodes(waiting).values()
        for c in n.constraints
        if c.after in verified and c.require == Require.verified and c.after != n.id
    }


def _in_stuck(graph: _Graph, step: int, stuck_steps: set[int]) -> bool:
    """Whether a step is deadlocked (a verify step counts when its measure's act step is)."""
    if step in stuck_steps:
        return True
    if step >= graph.acts and graph.kind[step - graph.acts] == _VERIFY:
        ident = graph.measure_of[step - graph.acts]
        return ident in graph.group and graph.group[ident] in stuck_steps
    return False


def _deadlocks(
    graph: _Graph,
    components: list[list[int]],
    planned: list[bool] | None = None,
    stuck_steps: set[int] | None = None,
) -> list[Deadlock]:
    """The deadlocks of `graph` over its cyclic `components`, each with the demands that
    break it (`_breaking`: `planned`, the steps the plan places, the graph's own unless
    given) and what holds it besides (`stuck_steps`: the deadlocked steps, those of
    `components` unless given)."""
    if planned is None and components:
        planned = graph.layers()[1]
    if stuck_steps is None:
        stuck_steps = {s for comp in components for s in comp}
    found = [_describe(graph, comp, planned or [], stuck_steps) for comp in components]
    return sorted(found, key=lambda d: d.measures)


def _describe(
    graph: _Graph, component: list[int], planned: list[bool], stuck_steps: set[int]
) -> Deadlock:
    """A deadlock's measures, and its demands in the order of one cycle through it."""
    inside = set(component)
    named = {i for s in component for i in graph.step_measures(s)}
    # (a circle through the rests of measures carried out in part alone has no act step)
    start = min(
        (s for s in component if s < graph.acts or _kind(graph, s) == _REST),
        key=lambda s: (s >= graph.acts, min(graph.step_measures(s))),
    )

    # One cycle through `start`: depth-first along edges that stay inside.
    came_from: dict[int, tuple[int, Wait | None]] = {}
    cycle: list[Wait] = []
    work = [start]
    seen = {start}
    closing: tuple[int, Wait | None] | None = None

    def by_name(edge: tuple[int, Wait | None]) -> tuple[Any, ...]:
        # (edges in an order of their measures' ids, not of the steps' numbers: the same
        # cycle is found in the whole ledger and in the few measures around a change)
        nxt, wait = edge
        said = (wait.measure, wait.after) if wait is not None else ("", "")
        return (sorted(graph.step_measures(nxt)), nxt >= graph.acts, said)

    while work and closing is None:
        node = work.pop()
        edges = zip(graph.succ[node], graph.succ_wait[node], strict=True)
        for nxt, wait in sorted(edges, key=by_name):
            if nxt not in inside:
                continue
            if nxt == start:
                closing = (node, wait)
                break
            if nxt not in seen:
                seen.add(nxt)
                came_from[nxt] = (node, wait)
                work.append(nxt)
    if closing is not None:
        node, wait = closing
        path: list[Wait | None] = [wait]
        while node != start:
            node, wait = came_from[node]
            path.append(wait)
        cycle = [w for w in reversed(path) if w is not None]
    on_cycle = set(cycle)
    rest = sorted(
        (
            w
            for s in component
            for src, w in graph.pred_waits[s]
            if w is not None and src in inside and w not in on_cycle
        ),
        key=lambda w: (w.measure, w.after),
    )
    demands = cycle + list(dict.fromkeys(rest))
    measures = sorted(_circle(graph, component))

    together = [sorted(graph.members[s]) for s in component if s < graph.acts]
    together = sorted(g for g in together if len(g) > 1)

    # Exchanged measures waiting for each other may be carried out together instead:
    # `sequence A --with B` replaces the `after` between them. That is advised only when
    # it breaks the deadlock: when every demand in it is between two measures exchanged
    # for each other and not yet to be carried out together.
    suggestions: list[str] = []
    pairs: set[frozenset[str]] = set()
    for w in demands:
        # (a measure made of parts is no group of its own: `--with` on it joins its parts)
        together_now = w.measure in graph.group and graph.group[w.measure] == graph.group.get(
            w.after
        )
        if together_now or not _exchanged(graph.index, w.measure, w.after):
            suggestions = []
            break
        pair = frozenset((w.measure, w.after))
        if pair not in pairs:
            pairs.add(pair)
            suggestions.append(f"dprk sequence {w.measure} --with {w.after}")
    named.update(measures)
    parts = [
        [whole, *(p for p in graph.parts[whole] if p in named)]
        for whole in measures
        if whole in graph.parts
    ]
    # (a measure in it held besides by what no plan sees to stays blocked however it is
    # broken: no way out is offered, and what holds it is said instead)
    holds = _held_besides(graph, component, inside, planned, stuck_steps)
    if holds:
        suggestions = []
    drops = [] if holds else _breaking(graph, component, demands, planned)
    verified = _verified_through(graph, component, demands, [whole for whole, *_ in parts])
    return Deadlock(
        measures,
        demands,
        together,
        suggestions,
        parts,
        drops,
        holds=holds,
        verified_through=verified,
    )


def _verified_through(
    graph: _Graph, component: list[int], demands: list[Wait], wholes: list[str]
) -> list[str]:
    """Those of `wholes` (measures made of parts a deadlock's steps `component` run
    through) it holds in their verification alone: its stand-in for the finding
    (`_WHOLE_VERIFIED`) is in it, its stand-in for acting is not, nor an order of its
    own (which its parts keep). One that acted already is held so: what waits for its
    finding waits for its parts in the circle to act and be verified."""
    kinds: dict[str, set[int]] = {}
    for s in component:
        if s >= graph.acts:
            kinds.setdefault(graph.measure_of[s - graph.acts], set()).add(
                graph.kind[s - graph.acts]
            )
    ordering = {w.measure for w in demands}
    return [
        whole for whole in wholes if kinds.get(whole) == {_WHOLE_VERIFIED} and whole not in ordering
    ]


def _held_besides(
    graph: _Graph,
    component: list[int],
    inside: set[int],
    planned: list[bool],
    stuck_steps: set[int],
) -> list[Hold]:
    """The waits of a deadlock's measures (of the act steps `component`, `inside`) on
    what is outside it and the plan cannot place: a measure withdrawn, rejected, reversed
    or not in the ledger, one blocked itself or in another deadlock, a measure made of
    parts that cannot act through them; each with its reason, as `_holds` gives it, and
    the `with` partner in it that the wait comes through, a part of the measure whose
    constraint it is (`Wait.via`, as a blocked measure's: none where that measure is in
    the deadlock's steps itself; the first by id of several). By the measures' ids: the
    same whether the whole ledger is read or the few measures around a change."""
    found: dict[Wait, Hold] = {}
    through: dict[Wait, set[str]] = {}  # (the partners each wait comes through)
    own: set[Wait] = set()  # (those of a measure of its steps)
    index = graph.index
    for step in component:
        if step >= graph.acts:
            continue
        source = _sources(graph, step)
        members = graph.members[step]
        for wait in graph.waits[step]:
            src = source.get(wait)
            if src is not None and (src in inside or planned[src]):
                continue
            if wait not in found:
                found[wait] = Hold(wait, _reason(graph, wait, src, planned, stuck_steps))
                through[wait] = set()
            if wait.measure in members:
                own.add(wait)
            else:
                through[wait].update(p for p in members if wait.measure in ancestors(index, p))
    holds = [
        h if w in own else Hold(_through(w, min(through[w], default=None)), h.reason)
        for w, h in found.items()
    ]
    return sorted(holds, key=lambda h: (h.wait.measure, h.wait.after))


# (the most steps times demands a deadlock's drops are tried for, each on its own: a
# deadlock of thousands of measures is left without them)
_DROPS_TRIED = 40_000


def _breaking(
    graph: _Graph, component: list[int], demands: list[Wait], planned: list[bool]
) -> list[Wait]:
    """Those of `demands`, a deadlock's (over the steps `component`), of which any one,
    dropped alone (`sequence ID --remove OTHER`), breaks it: none of its steps is left
    in a circle (`planned`: the steps the plan places). One of a circle of two always
    does; in a deadlock of several circles, one that all of them pass."""
    if len(component) * len(demands) > _DROPS_TRIED:
        return []
    inside = set(component)
    return [w for w in demands if _broken_without(graph, component, inside, planned, w)]


def _broken_without(
    graph: _Graph, component: list[int], inside: set[int], planned: list[bool], drop: Wait
) -> bool:
    """Whether the deadlock over the steps `component` (`inside`) is broken once the
    order of `drop` is dropped: the steps the plan can place then are found as `layers`
    places them (a step once all it waits for is placed, a measure made of parts once one
    of its parts acts), the steps outside as the plan placed them (`planned`); broken
    when no circle is left among the rest."""
    acts, kind, impossible = graph.acts, graph.kind, graph.impossible

    def kept(wait: Wait | None) -> bool:
        return wait is None or (wait.measure, wait.after) != (drop.measure, drop.after)

    placed: set[int] = set()
    grew = True
    while grew:
        grew = False
        for s in component:
            if s in placed or impossible[s]:
                continue
            ready = [
                src in placed if src in inside else planned[src]
                for src, wait in graph.pred_waits[s]
                if kept(wait)
            ]
            either = s >= acts and kind[s - acts] == _WHOLE_ACTS
            if any(ready) if either else all(ready):
                placed.add(s)
                grew = True
    left = {s for s in component if s not in placed}
    waiting = {s: 0 for s in left}
    for s in left:
        for nxt, wait in zip(graph.succ[s], graph.succ_wait[s], strict=True):
            if nxt in left and kept(wait):
                waiting[nxt] += 1
    free = [s for s, n in waiting.items() if n == 0]
    while free:
        s = free.pop()
        del waiting[s]
        for nxt, wait in zip(graph.succ[s], graph.succ_wait[s], strict=True):
            if nxt in waiting and kept(wait):
                waiting[nxt] -= 1
                if waiting[nxt] == 0:
                    free.append(nxt)
    return not waiting


def _joined_by_wholes(graph: _Graph, group: list[str]) -> set[str]:
    """The measures made of parts whose `with` put the measures of `group` (carried out
    together) in one group: each whole above a member that goes with a member, or with
    another such whole."""
    index = graph.index
    above: set[str] = set()
    for ident in group:
        above.update(ancestors(index, ident))
    inside = above | set(group)
    return {
        whole
        for whole in above
        if whole in index and any(c.with_ in inside for c in index[whole].constraints)
    }


def _exchanged(index: dict[str, Node], a: str, b: str) -> bool:
    ma, mb = index.get(a), index.get(b)
    return (ma is not None and b in ma.in_exchange_for) or (
        mb is not None and a in mb.in_exchange_for
    )


def verified_words(w: Wait) -> str:
    """What a wait for more than an action awaits, in words: "verified", or "verified by
    V" when its order names the verifier; "in full" for an action in full; "" for a wait
    for an action."""
    if w.require == Require.full:
        return "in full"
    if w.require != Require.verified:
        return ""
    return f"verified by {w.verified_by}" if w.verified_by else "verified"


def awaited_words(w: Wait) -> str:
    """What a wait awaits besides an action, as a sentence says it after the measure
    waited for: " to be verified", " to be verified by V", " to be done in full" ("" for
    a wait for an action)."""
    if w.require == Require.full:
        return " to be done in full"
    return " to be " + verified_words(w) if w.require == Require.verified else ""


def demand_text(wait: Wait) -> str:
    """'a waits for b (demanded by X)': one demand of a deadlock, in words."""
    what = awaited_words(wait)
    who = f"demanded by {wait.demanded_by}" if wait.demanded_by else "agreed by all"
    return f"{wait.measure} waits for {wait.after}{what} ({who})"


def drop_command(w: Wait) -> str:
    """The command that drops demand `w` of a deadlock (its measure's order toward the
    other): `sequence ID --remove OTHER`, as `Deadlock.drops` advises it."""
    return f"dprk sequence {w.measure} --remove {w.after}"


# (why a hold cannot be met, in words, beside the statuses, which say it themselves)
_REASON_WORDS = {
    DEADLOCKED: "deadlocked",
    BLOCKED: "blocked itself",
    UNKNOWN: "no such measure",
    PARTS: "not through its parts",
}


def hold_reason(h: Hold) -> str:
    """Why hold `h` cannot be met, in words: "rejected", "deadlocked", "blocked itself"."""
    return wait_reason(h.wait, h.reason) or _REASON_WORDS.get(h.reason, h.reason)


def wait_reason(w: Wait, held: str | None = None) -> str | None:
    """Why wait `w` is not met, in words, where there is more to it than a measure yet to
    act or be verified: the measure it names cannot act ("withdrawn", "no such measure"),
    nor through its parts, or was disputed (a finding that refuted it stands: a new one
    must confirm it). `held`, a plan's reason (`Hold.reason`), adds what only a plan sees:
    that measure is deadlocked, or blocked itself. The one rule by which `next` and `plan`
    word a wait (None: nothing to say; the status of one yet to act says nothing more)."""
    if held in (DEADLOCKED, BLOCKED, PARTS):
        return _REASON_WORDS[held]
    status = w.prerequisite_status
    if w.impossible:
        return _REASON_WORDS[UNKNOWN] if status is None else status.value
    if w.not_through_parts:
        return _REASON_WORDS[PARTS]
    if w.require == Require.verified and status == Status.disputed:
        return status.value
    return None


def hold_text(h: Hold) -> str:
    """What a hold waits for, and why it holds: "x (verified; rejected)", as a deadlock
    says what else holds one of its measures."""
    w = h.wait
    verified = verified_words(w) + "; " if w.require != Require.acted else ""
    via = "" if w.via is None else f" [via {w.via}, part of {w.measure}]"
    return f"{w.after} ({verified}{hold_reason(h)}){via}"


def held_text(d: Deadlock) -> str:
    """What else holds the measures of deadlock `d` (`Deadlock.holds`), in words, a
    clause for each measure held: "u also waits for x (verified; rejected); v also waits
    for y (blocked itself)" ("" for none), as its advice and plan's csv say it."""
    held: dict[str, list[str]] = {}
    for h in d.holds:
        held.setdefault(h.wait.measure, []).append(hold_text(h))
    return "; ".join(f"{i} also waits for {', '.join(said)}" for i, said in held.items())


def drops_text(
    d: Deadlock, command: Callable[[str], str], words: Callable[[str], str] = str
) -> str:
    """The ways out of deadlock `d` by one demand dropped (`Deadlock.drops`), in words,
    each naming whose demand it is: "dropping one demand breaks it: UUP's that exec wait
    for decom ('dprk sequence exec --remove decom'), ..." ("" for none). `command` shows
    each command (quoted, dated as the view is), `words` the words around (escaped).
    Where a measure in it is held besides (`Deadlock.holds`), no way out is offered,
    whether by a demand dropped or by `--with`: this says what else holds it instead,
    "breaking it would leave u blocked all the same: u also waits for x (verified;
    rejected)", as `plan`, `check` and the page give a deadlock's advice."""
    if d.holds:
        held = list(dict.fromkeys(h.wait.measure for h in d.holds))
        return words(
            f"breaking it would leave {in_prose(held)} blocked all the same: " + held_text(d)
        )
    if not d.drops:
        return ""
    said = []
    for w in d.drops:
        who = possessive(w.demanded_by) if w.demanded_by else "the agreed order"
        what = awaited_words(w)
        said.append(
            f"{words(f'{who} that {w.measure} wait for {w.after}{what}')} "
            f"({command(drop_command(w))})"
        )
    return "dropping one demand breaks it: " + in_prose(said, "or")


def deadlock_text(deadlock: Deadlock) -> str:
    """A deadlock in one sentence: each demand of the cycle, in order."""
    return "; ".join(deadlock_clauses(deadlock))


def dated(command: str, on: date | None) -> str:
    """A command that would break a deadlock, for a view of the ledger as it stood on day
    `on` (None: as it stands) dated that day: undated, it would break it from today
    only, and the view of that day would still show it."""
    return f"{command} --date {on}" if on is not None else command


def at_the_end(ended: date) -> str:
    """When a deadlock is read of talks that ended on `ended`, in words."""
    return f"at the end of talks on {ended}"


def stood_at_the_end(ended: date, since: date | None) -> str:
    """A deadlock standing when the talks ended on `ended`, as a write and `check` say
    it: from `since` (None: not known), the days it had stood then."""
    said = f"it stood {at_the_end(ended)}"
    if since is None:
        return said
    return f"{said}, from {since} for {counted((ended - since).days, 'day')}"


def deadlock_clauses(deadlock: Deadlock) -> list[str]:
    """The clauses of `deadlock_text`, one for each demand (and each group carried out
    together, each measure acting through its parts): a list shows one per line."""
    clauses = [demand_text(w) for w in deadlock.demands]
    clauses.extend(
        f"{in_prose(group)} are to be carried out together" for group in deadlock.together
    )
    clauses.extend(_through_parts(deadlock, whole, parts) for whole, *parts in deadlock.parts)
    return clauses


def _through_parts(deadlock: Deadlock, whole: str, parts: list[str]) -> str:
    """How the measure made of parts `whole` is in `deadlock`, through its `parts` in it:
    'w acts through its part p'; held in its verification alone (`verified_through`),
    'w is verified only once its part p acts and is verified' (every part must be)."""
    one = len(parts) == 1
    named = f"its {'part' if one else 'parts'} {in_prose(parts)}"
    if whole in deadlock.verified_through:
        verbs = "acts and is verified" if one else "act and are verified"
        return f"{whole} is verified only once {named} {verbs}"
    return f"{whole} acts through {named}"
