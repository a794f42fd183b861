"""Who moves first: readiness, the phased plan, and deadlocks, from sequencing constraints.

How order is modelled
---------------------
A *pending* measure (proposed or agreed) may go ahead once every `after`
constraint on it is met: its prerequisite has acted (``require="acted"``,
the default) or has been verified (``require="verified"``). Measures joined by
`with` constraints are carried out together (action for action): they form
one *group*, and the group is ready only when the constraints of all its
members are met; a plan puts the whole group in one phase.

A prerequisite that is withdrawn, reversed or not in the ledger cannot meet a
constraint, so whatever waits for it is blocked until the ledger changes. A
constraint of a measure on itself is ignored here (`dprk check` reports it).

The plan is a graph of *steps*: one "act" step per group of pending measures,
and one "verify" step per measure that some pending measure waits to see
verified and that is not verified yet. An edge runs from a prerequisite's step
to the step that waits for it: act(A) -> act(B) for "B after A", and
act(A) -> verify(A) -> act(B) for "B after A, verified". A verify step thus
falls in the phase after the one in which its measure acts (or in phase 1 when
the measure has acted already), and the step it gates one phase later again:
the strict phasing of agreements in which relief follows an inspector's report.

Phases are the layers of Kahn's algorithm: a step's phase is one more than the
latest phase among the steps it waits for. Deadlocks are the strongly
connected components (Tarjan) that hold a cycle: each side waiting for the
other. Steps downstream of a deadlock or of a prerequisite that cannot act are
reported as blocked, never planned. Everything runs in time linear in the
number of measures plus constraints.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from ..facts import Link, Node, Nodes
from ..plain import Plain
from ..vocab import ACTED, PENDING, Require, Status
from .kept import flag, integer, optional_text, rows, text
from .kept import texts as texts_of

if TYPE_CHECKING:
    from .overview import Around

# Why a prerequisite holds a measure back in a plan.
UNKNOWN = "unknown"  # the id is not in the ledger
DEADLOCKED = "deadlocked"  # the prerequisite is part of a deadlock
BLOCKED = "blocked"  # the prerequisite is itself blocked behind one


class Wait(NamedTuple):
    """One unmet `after` constraint: `measure` waits for `after` (to act or be verified).

    A named tuple: plans of thousands of measures make tens of thousands of them.
    """

    measure: str
    after: str
    require: Require
    demanded_by: str | None
    prerequisite_status: Status | None  # None: no measure with that id

    @property
    def impossible(self) -> bool:
        """Whether the prerequisite cannot meet the constraint as the ledger stands."""
        status = self.prerequisite_status
        return status is None or (status not in PENDING and status not in ACTED)


class Readiness(Plain):
    """Whether a pending measure can go ahead now, and if not, what holds it."""

    __slots__ = ("id", "actor", "title", "ready", "waits", "deadlocked")

    def __init__(
        self,
        id: str,
        actor: str,
        title: str,
        ready: bool,
        waits: tuple[Wait, ...] = (),  # its own unmet constraints and its `with` partners'
        deadlocked: bool = False,
    ) -> None:
        self.id = id
        self.actor = actor
        self.title = title
        self.ready = ready
        self.waits = waits
        self.deadlocked = deadlocked

    @property
    def waiting_for(self) -> list[str]:
        """The ids it waits for, in order, each once."""
        return list(dict.fromkeys(w.after for w in self.waits))

    @property
    def demanded_by(self) -> list[str]:
        """The parties whose demands hold it (agreed constraints name no party)."""
        return sorted({w.demanded_by for w in self.waits if w.demanded_by})


class Phase(Plain):
    """One phase of a plan: measures carried out, and verifications made, in it."""

    __slots__ = ("number", "measures", "verify")

    def __init__(self, number: int, measures: list[str], verify: list[str] | None = None) -> None:
        self.number = number
        self.measures = measures
        self.verify: list[str] = [] if verify is None else verify


class Deadlock(Plain):
    """A cycle of constraints among pending measures: nobody can go first."""

    __slots__ = ("measures", "demands", "together", "suggestions")

    def __init__(
        self,
        measures: list[str],
        demands: list[Wait],  # the constraints that make the cycle, in cycle order first
        together: list[list[str]] | None = None,  # `with` groups inside it
        suggestions: list[str] | None = None,  # commands that would break it
    ) -> None:
        self.measures = measures
        self.demands = demands
        self.together: list[list[str]] = [] if together is None else together
        self.suggestions: list[str] = [] if suggestions is None else suggestions


class Hold(Plain):
    """Why a blocked measure cannot be planned: one of its waits, and what is wrong with it."""

    __slots__ = ("wait", "reason")

    def __init__(self, wait: Wait, reason: str) -> None:
        self.wait = wait
        self.reason = reason  # UNKNOWN, DEADLOCKED, BLOCKED, or the prerequisite's status


class BlockedMeasure(Plain):
    """A pending measure left out of the plan, behind a deadlock or an impossible step."""

    __slots__ = ("id", "actor", "title", "holds")

    def __init__(self, id: str, actor: str, title: str, holds: list[Hold]) -> None:
        self.id = id
        self.actor = actor
        self.title = title
        self.holds = holds

    @property
    def waiting_for(self) -> list[str]:
        return list(dict.fromkeys(h.wait.after for h in self.holds))


class Plan(Plain):
    """A phased order for every pending measure, with what cannot be ordered and why.

    `labels`: the actor and title of each measure its phases and deadlocks name, so that
    the plan is shown without the ledger it was drawn from (a kept plan, see `kept`).
    """

    __slots__ = ("phases", "deadlocks", "blocked", "labels")

    def __init__(
        self,
        phases: list[Phase],
        deadlocks: list[Deadlock],
        blocked: list[BlockedMeasure],
        labels: dict[str, tuple[str, str]] | None = None,
    ) -> None:
        self.phases = phases
        self.deadlocks = deadlocks
        self.blocked = blocked
        self.labels: dict[str, tuple[str, str]] = {} if labels is None else labels

    def kept(self) -> list[str]:
        """The plan as lines of JSON, to keep beside the ledger (`from_kept` reads them)."""
        return [
            _dumps([[p.number, p.measures, p.verify] for p in self.phases]),
            _dumps(
                [
                    [d.measures, [_wait_row(w) for w in d.demands], d.together, d.suggestions]
                    for d in self.deadlocks
                ]
            ),
            _dumps(
                [
                    [b.id, b.actor, b.title, [[_wait_row(h.wait), h.reason] for h in b.holds]]
                    for b in self.blocked
                ]
            ),
            _dumps(self.labels),
        ]

    @classmethod
    def from_kept(cls, texts: Sequence[str | bytes]) -> Plan:
        """The plan `kept` gave these lines for (ValueError, TypeError or KeyError: they
        are not what it writes)."""
        phases, deadlocks, blocked, labels = map(json.loads, texts)
        if type(labels) is not dict:
            raise TypeError("labels: not a mapping")
        return cls(
            [
                Phase(integer(number), texts_of(measures), texts_of(verify))
                for number, measures, verify in rows(phases)
            ],
            [
                Deadlock(
                    texts_of(measures),
                    [_wait_of(w) for w in rows(demands)],
                    [texts_of(group) for group in rows(together)],
                    texts_of(suggestions),
                )
                for measures, demands, together, suggestions in rows(deadlocks)
            ],
            [
                BlockedMeasure(
                    text(ident),
                    text(actor),
                    text(title),
                    [Hold(_wait_of(w), text(r)) for w, r in rows(holds)],
                )
                for ident, actor, title, holds in rows(blocked)
            ],
            {ident: (text(actor), text(title)) for ident, (actor, title) in labels.items()},
        )


class VerificationNeeded(Plain):
    """A measure that has acted, whose verification pending measures wait for."""

    __slots__ = ("id", "actor", "title", "unblocks")

    def __init__(self, id: str, actor: str, title: str, unblocks: list[str]) -> None:
        self.id = id
        self.actor = actor
        self.title = title
        self.unblocks = unblocks


class NextSteps(Plain):
    """What can go ahead now, what is blocked, and which verifications would unblock."""

    __slots__ = ("ready", "blocked", "verify")

    def __init__(
        self,
        ready: list[Readiness],
        blocked: list[Readiness],
        verify: list[VerificationNeeded],
    ) -> None:
        self.ready = ready
        self.blocked = blocked
        self.verify = verify

    def of_party(self, party: str | None) -> NextSteps:
        """Only `party`'s measures and verifications (all of them for None)."""
        if party is None:
            return self
        return NextSteps(
            [r for r in self.ready if r.actor == party],
            [r for r in self.blocked if r.actor == party],
            [v for v in self.verify if v.actor == party],
        )

    def kept(self) -> list[str]:
        """The next steps as lines of JSON, to keep beside the ledger (`from_kept`)."""

        def listed(states: list[Readiness]) -> str:
            return _dumps(
                [
                    [r.id, r.actor, r.title, r.ready, [_wait_row(w) for w in r.waits], r.deadlocked]
                    for r in states
                ]
            )

        return [
            listed(self.ready),
            listed(self.blocked),
            _dumps([[v.id, v.actor, v.title, v.unblocks] for v in self.verify]),
        ]

    @classmethod
    def from_kept(cls, texts: Sequence[str | bytes]) -> NextSteps:
        """The next steps `kept` gave these lines for (ValueError, TypeError or KeyError:
        they are not what it writes)."""
        ready, blocked, verify = map(json.loads, texts)

        def states(found: Any) -> list[Readiness]:
            return [
                Readiness(
                    text(ident),
                    text(actor),
                    text(title),
                    flag(is_ready),
                    tuple(map(_wait_of, rows(waits))),
                    flag(stuck),
                )
                for ident, actor, title, is_ready, waits, stuck in rows(found)
            ]

        return cls(
            states(ready),
            states(blocked),
            [
                VerificationNeeded(text(ident), text(actor), text(title), texts_of(unblocks))
                for ident, actor, title, unblocks in rows(verify)
            ],
        )


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
    ]


def _wait_of(row: Any) -> Wait:
    measure, after, require, demanded_by, status = rows(row)
    return Wait(
        text(measure),
        text(after),
        Require(require),
        optional_text(demanded_by),
        None if status is None else Status(status),
    )


# --- the step graph --------------------------------------------------------------------


class _Graph:
    """Steps and edges built once from the ledger; every report reads from it.

    Steps are numbered: act steps first (one per group of pending measures, in
    ledger order of their first member), then verify steps as they are needed.
    """

    def __init__(self, ledger: Nodes) -> None:
        index = ledger.index()
        self.index = index
        # Statuses compared as plain strings: hashing an Enum member runs Python code,
        # and this loop runs once per measure and per constraint.
        status_of = {ident: str(m.status) for ident, m in index.items()}
        acted = {str(s) for s in ACTED}
        pending_set = {str(s) for s in PENDING}
        pending = [m for m in index.values() if status_of[m.id] in pending_set]
        self.pending = pending

        # `with` groups among pending measures (union-find, path halving).
        parent = {m.id: m.id for m in pending}

        def find(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for m in pending:
            for c in m.constraints:
                if c.with_ is not None and c.with_ in parent and c.with_ != m.id:
                    a, b = find(m.id), find(c.with_)
                    if a != b:
                        parent[max(a, b)] = min(a, b)

        self.group: dict[str, int] = {}
        self.members: list[list[str]] = []  # act step -> its measures, in ledger order
        root_step: dict[str, int] = {}
        for m in pending:
            root = find(m.id)
            step = root_step.get(root)
            if step is None:
                step = root_step[root] = len(self.members)
                self.members.append([])
            self.members[step].append(m.id)
            self.group[m.id] = step
        self.acts = len(self.members)

        self.verify_of: list[str] = []  # verify step (offset by self.acts) -> its measure
        verify_step: dict[str, int] = {}
        self.succ: list[list[int]] = [[] for _ in range(self.acts)]
        self.succ_wait: list[list[Wait | None]] = [[] for _ in range(self.acts)]  # beside succ
        self.pred_waits: list[list[tuple[int, Wait | None]]] = [[] for _ in range(self.acts)]
        self.waits: list[list[Wait]] = [[] for _ in range(self.acts)]  # unmet, per act step
        self.impossible: list[bool] = [False] * self.acts

        def add_edge(src: int, dst: int, wait: Wait | None) -> None:
            self.succ[src].append(dst)
            self.succ_wait[src].append(wait)
            self.pred_waits[dst].append((src, wait))

        def verify_node(ident: str) -> int:
            step = verify_step.get(ident)
            if step is None:
                step = verify_step[ident] = len(self.succ)
                self.verify_of.append(ident)
                self.succ.append([])
                self.succ_wait.append([])
                self.pred_waits.append([])
                self.impossible.append(False)
                if ident in self.group:  # pending: it must act before it can be verified
                    add_edge(self.group[ident], step, None)
            return step

        new_wait = tuple.__new__
        succ, succ_wait, pred_waits = self.succ, self.succ_wait, self.pred_waits
        group, waits_of, impossible = self.group, self.waits, self.impossible
        for m in pending:
            step = group[m.id]
            for c in m.constraints:
                if c.after is None or c.after == m.id:
                    continue  # a measure waiting for itself is a mistake for `dprk check`
                status = status_of.get(c.after)
                if status == "verified" or (status in acted and c.require == "acted"):
                    continue  # met
                wait = new_wait(  # (a plan of thousands of measures makes thousands)
                    Wait,
                    (
                        m.id,
                        c.after,
                        c.require,
                        c.demanded_by,
                        index[c.after].status if status else None,
                    ),
                )
                waits_of[step].append(wait)
                if status is None or (status not in pending_set and status not in acted):
                    impossible[step] = True
                    continue
                src = verify_node(c.after) if c.require == "verified" else group[c.after]
                succ[src].append(step)
                succ_wait[src].append(wait)
                pred_waits[step].append((src, wait))
        self.verify_step = verify_step
        self._components: list[list[int]] | None = None

    def size(self) -> int:
        return len(self.succ)

    def cyclic_components(self) -> list[list[int]]:
        """Strongly connected components that hold a cycle (found once)."""
        if self._components is None:
            self._components = self._find_cyclic_components()
        return self._components

    def _find_cyclic_components(self) -> list[list[int]]:
        """Tarjan's algorithm, iterative."""
        n = self.size()
        succ = self.succ
        number = [-1] * n
        low = [0] * n
        on_stack = [False] * n
        stack: list[int] = []
        found: list[list[int]] = []
        counter = 0
        for root in range(n):
            if number[root] != -1:
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
        `fixed`: steps whose phase is known already (0: unplanned), found so elsewhere
        (`plan_after`'s stand-ins for the steps it does not draw again)."""
        n = self.size()
        pred_waits, succ, impossible = self.pred_waits, self.succ, self.impossible
        indegree = [len(p) for p in pred_waits]
        phase = [0] * n
        order = [s for s in range(n) if indegree[s] == 0]  # (topological: grows as it goes)
        for s in order:
            if fixed is not None and s in fixed:
                number = fixed[s]
            elif impossible[s]:
                number = 0
            else:
                number = 1
                for src, _ in pred_waits[s]:
                    before = phase[src]
                    if before == 0:
                        number = 0
                        break
                    if before >= number:
                        number = before + 1
            phase[s] = number
            for t in succ[s]:
                indegree[t] -= 1
                if indegree[t] == 0:
                    order.append(t)
        return phase, [p > 0 for p in phase]

    def step_measures(self, step: int) -> list[str]:
        if step < self.acts:
            return self.members[step]
        return [self.verify_of[step - self.acts]]


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
    """Every pending measure's readiness, by id: ready, or what it waits for and why.

    `with` partners share readiness: each waits for whatever any of them waits
    for. `deadlocked` is true for measures in a cycle of constraints.
    """
    graph = _graph_of(ledger)
    stuck = _deadlocked_measures(graph, graph.cyclic_components())
    return _readiness(graph, stuck)


def deadlocked_among(ledger: Nodes) -> set[str]:
    """The measures `readiness` marks deadlocked, among the measures of `ledger` alone (a
    cycle among some measures of a larger ledger is a cycle in it)."""
    graph = _graph_of(ledger)
    return _deadlocked_measures(graph, graph.cyclic_components())


def ready_among(ledger: Nodes, ids: Collection[str]) -> dict[str, bool]:
    """Whether each pending measure of `ids` has every constraint met, as `readiness`
    says: `ledger` must hold their `with` partners and what they wait for."""
    graph = _graph_of(ledger)
    return {i: not graph.waits[graph.group[i]] for i in ids if i in graph.group}


def _readiness(graph: _Graph, stuck: set[str]) -> dict[str, Readiness]:
    result: dict[str, Readiness] = {}
    for m in graph.pending:
        waits = graph.waits[graph.group[m.id]]
        result[m.id] = Readiness(
            id=m.id,
            actor=m.actor,
            title=m.title,
            ready=not waits,
            waits=tuple(waits),
            deadlocked=m.id in stuck,
        )
    return result


def _deadlocked_measures(graph: _Graph, components: list[list[int]]) -> set[str]:
    return {
        ident for comp in components for s in comp if s < graph.acts for ident in graph.members[s]
    }


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
    states = _readiness(graph, _deadlocked_measures(graph, _cycles(graph, deadlock_free)))
    ready = [r for r in states.values() if r.ready]
    blocked = [r for r in states.values() if not r.ready]
    unblocks: dict[str, set[str]] = {}
    for waits in graph.waits:
        for w in waits:
            if w.require == Require.verified and w.prerequisite_status in ACTED:
                unblocks.setdefault(w.after, set()).add(w.measure)
    verify = []
    for ident in sorted(unblocks):
        m = graph.index[ident]
        verify.append(VerificationNeeded(ident, m.actor, m.title, sorted(unblocks[ident])))
    return NextSteps(ready=ready, blocked=blocked, verify=verify).of_party(party)


def find_deadlocks(ledger: Nodes) -> list[Deadlock]:
    """Every cycle of constraints among pending measures, with each edge's demanding party."""
    graph = _graph_of(ledger)
    return _deadlocks(graph, graph.cyclic_components())


def reached(
    ids: Collection[str],
    lookup: Callable[[list[str]], dict[str, Node]],
    follow: Callable[[Link], str | None],
) -> dict[str, Node]:
    """The nodes of `ids` and of every measure reached from them along the constraints
    of the pending ones, each constraint followed to what `follow` names (None: not
    followed); `lookup` gives the nodes of the ids it knows."""
    found: dict[str, Node] = {}
    asked: set[str] = set()
    frontier = list(dict.fromkeys(ids))
    while frontier:
        asked.update(frontier)
        fresh = lookup(frontier)
        found.update(fresh)
        following = (follow(c) for n in fresh.values() if n.pending for c in n.constraints)
        frontier = list(dict.fromkeys(i for i in following if i is not None and i not in asked))
    return found


def deadlocks_through(
    ids: Collection[str],
    lookup: Callable[[list[str]], dict[str, Node]],
    place: Callable[[str], Any],
) -> list[Deadlock]:
    """The deadlocks any of `ids` is caught in, as `find_deadlocks` finds them, from the
    measures a cycle through them could pass alone: those the pending ones among them
    wait for or go with, and so on (`lookup` gives the nodes of the ids it knows; `place`
    ranks them as the ledger lists them). A change to a few measures of a large ledger
    reads a few nodes, not every one."""
    found = reached(ids, lookup, lambda c: c.other)
    wanted = set(ids)
    nodes = Nodes("", [], False, [found[i] for i in sorted(found, key=place)])
    return [d for d in find_deadlocks(nodes) if wanted & set(d.measures)]


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
    phases, deadlocks, blocked = _drawn(graph, components, stuck_steps, graph.layers())
    index = graph.index
    labels = _labels(phases, deadlocks, lambda i: _label(index[i]))
    return Plan(phases, deadlocks, blocked, labels)


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
    for step in range(graph.size()):
        if not planned[step] or (drawn is not None and not drawn(step)):
            continue
        p = by_phase.get(phase[step])
        if p is None:  # (not setdefault: that would make a Phase per step)
            p = by_phase[phase[step]] = Phase(phase[step], [], [])
        if step < graph.acts:
            p.measures.extend(graph.members[step])
        else:
            p.verify.append(graph.verify_of[step - graph.acts])
    phases = [by_phase[n] for n in sorted(by_phase)]
    for p in phases:
        p.measures.sort()
        p.verify.sort()

    blocked: list[BlockedMeasure] = []
    for step in range(graph.acts):
        if planned[step] or step in stuck_steps or (drawn is not None and not drawn(step)):
            continue
        holds = []
        for wait in graph.waits[step]:
            if wait.impossible:
                reason = UNKNOWN if wait.prerequisite_status is None else wait.prerequisite_status
                holds.append(Hold(wait, str(reason)))
        for src, held in graph.pred_waits[step]:
            if held is None or planned[src]:
                continue
            holds.append(Hold(held, DEADLOCKED if _in_stuck(graph, src, stuck_steps) else BLOCKED))
        for ident in graph.members[step]:
            m = graph.index[ident]
            blocked.append(BlockedMeasure(ident, m.actor, m.title, holds))
    blocked.sort(key=lambda b: b.id)
    return phases, _deadlocks(graph, components), blocked


def _labels(
    phases: list[Phase], deadlocks: list[Deadlock], label: Callable[[str], tuple[str, str]]
) -> dict[str, tuple[str, str]]:
    """The actor and title (`label`) of each measure the phases and deadlocks name, in
    that order: a plan's `labels`."""
    named = [i for p in phases for i in (*p.measures, *p.verify)]
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
    drawn again: drawing the whole plan is as quick then.
    """
    most = max(len(around.ids) // _DRAWN_AGAIN_SHARE, _DRAWN_AGAIN_FEW)
    inside = dict(changed)
    was = around.nodes(list(changed))
    frontier = list(changed)
    while frontier:  # the pending measures behind the changed ones, however far
        near = around.referrers(frontier)
        found = around.nodes({i for x in frontier for i in near[x] if i not in inside})
        ahead = {
            i
            for x in frontier
            for i in near[x]
            if i in found and found[i].pending and any(c.other == x for c in found[i].constraints)
        }
        for x in frontier:  # (a `with` recorded on one side only still makes a group)
            for n in (inside[x], was.get(x)):
                if n is not None:
                    ahead.update(c.with_ for c in n.constraints if c.with_ is not None)
        ahead.difference_update(inside)
        found.update(around.nodes([i for i in ahead if i not in found]))
        frontier = [i for i in ahead if i in found and found[i].pending]
        inside.update((i, found[i]) for i in frontier)
        if len(inside) > most:
            return None
    around_them = (*inside.values(), *was.values())
    waited = {i for n in around_them for c in n.constraints for i in (c.after, c.with_)}
    outside = around.nodes([i for i in waited if i is not None and i not in inside])
    verified = {t for p in base.phases for t in p.verify if t in outside}
    still = _verifications_wanted(verified, inside, around)

    place = around.place
    stand_ins = [n.replace(constraints=()) for n in outside.values()]
    drawn = sorted([*inside.values(), *stand_ins], key=lambda n: place[n.id])
    graph = _Graph(Nodes("", [], False, drawn))
    phase_of = {m: p.number for p in base.phases for m in p.measures}
    stuck = {m for d in base.deadlocks for m in d.measures}
    fixed = {graph.group[i]: phase_of.get(i, 0) for i in outside if i in graph.group}
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
    for p in base.phases:
        measures.setdefault(p.number, []).extend(m for m in p.measures if m not in inside)
        for t in p.verify:
            if t not in inside and (t not in verified or t in still):
                verify[t] = p.number
    for p in phases:
        measures.setdefault(p.number, []).extend(p.measures)
        verify.update(dict.fromkeys(p.verify, p.number))  # (the phase `base` gives it, if any)
    numbers = sorted({*measures, *verify.values()})
    merged = [
        Phase(n, sorted(measures.get(n, [])), sorted(t for t, k in verify.items() if k == n))
        for n in numbers
    ]
    merged = [p for p in merged if p.measures or p.verify]
    deadlocks = sorted(kept_deadlocks + deadlocks, key=lambda d: d.measures)
    blocked = sorted([b for b in base.blocked if b.id not in inside] + blocked, key=lambda b: b.id)

    def label(i: str) -> tuple[str, str]:
        n = inside.get(i) or outside.get(i)
        return base.labels[i] if n is None else _label(n)

    return Plan(merged, deadlocks, blocked, _labels(merged, deadlocks, label))


def _verifications_wanted(
    verified: set[str], inside: Mapping[str, Node], around: Around
) -> set[str]:
    """Those of `verified` that a pending measure not among `inside` waits to see verified."""
    if not verified:
        return set()
    near = around.referrers(verified)
    others = around.nodes({i for t in verified for i in near[t] if i not in inside})
    return {
        c.after
        for n in others.values()
        if n.pending
        for c in n.constraints
        if c.after in verified and c.require == Require.verified and c.after != n.id
    }


def _in_stuck(graph: _Graph, step: int, stuck_steps: set[int]) -> bool:
    """Whether a step is deadlocked (a verify step counts when its measure's act step is)."""
    if step in stuck_steps:
        return True
    if step >= graph.acts:
        ident = graph.verify_of[step - graph.acts]
        return ident in graph.group and graph.group[ident] in stuck_steps
    return False


def _deadlocks(graph: _Graph, components: list[list[int]]) -> list[Deadlock]:
    found = [_describe(graph, comp) for comp in components]
    return sorted(found, key=lambda d: d.measures)


def _describe(graph: _Graph, component: list[int]) -> Deadlock:
    """A deadlock's measures, and its demands in the order of one cycle through it."""
    inside = set(component)
    measures = sorted({i for s in component for i in graph.step_measures(s)})
    start = min((s for s in component if s < graph.acts), key=lambda s: min(graph.members[s]))

    # One cycle through `start`: depth-first along edges that stay inside.
    came_from: dict[int, tuple[int, Wait | None]] = {}
    cycle: list[Wait] = []
    work = [start]
    seen = {start}
    closing: tuple[int, Wait | None] | None = None
    while work and closing is None:
        node = work.pop()
        for nxt, wait in zip(graph.succ[node], graph.succ_wait[node], strict=True):
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

    together = [sorted(graph.members[s]) for s in component if s < graph.acts]
    together = sorted(g for g in together if len(g) > 1)

    # Exchanged measures waiting for each other may be carried out together instead:
    # `sequence A --with B` replaces the `after` between them. That is advised only when
    # it breaks the deadlock: when every demand in it is between two measures exchanged
    # for each other and not yet to be carried out together.
    suggestions: list[str] = []
    pairs: set[frozenset[str]] = set()
    for w in demands:
        if graph.group.get(w.measure) == graph.group.get(w.after) or not _exchanged(
            graph.index, w.measure, w.after
        ):
            suggestions = []
            break
        pair = frozenset((w.measure, w.after))
        if pair not in pairs:
            pairs.add(pair)
            suggestions.append(f"dprk sequence {w.measure} --with {w.after}")
    return Deadlock(measures, demands, together, suggestions)


def _exchanged(index: dict[str, Node], a: str, b: str) -> bool:
    ma, mb = index.get(a), index.get(b)
    return (ma is not None and b in ma.in_exchange_for) or (
        mb is not None and a in mb.in_exchange_for
    )


def demand_text(wait: Wait) -> str:
    """'a waits for b (demanded by X)': one demand of a deadlock, in words."""
    what = " to be verified" if wait.require == Require.verified else ""
    who = f"demanded by {wait.demanded_by}" if wait.demanded_by else "agreed by all"
    return f"{wait.measure} waits for {wait.after}{what} ({who})"


def deadlock_text(deadlock: Deadlock) -> str:
    """A deadlock in one sentence: each demand of the cycle, in order."""
    text = "; ".join(demand_text(w) for w in deadlock.demands)
    for group in deadlock.together:
        text += f"; {' and '.join(group)} are to be carried out together"
    return text
