"""What `dprk status` adds about order and time: per party, how many of its measures
are ready and blocked (what `next` lists so: the pending, the rest of one carried out
in part, one to be carried out again), how many it owes and is owed, how many are
overdue; per measure, whether it is deadlocked, overdue, ready or blocked.

`order_of` is the part that depends only on the ledger (so the store can keep
it beside the ledger, as JSON); `overview_on` adds what depends on the day;
`order_after` brings an order kept for an earlier content of the ledger up to
date from the measures changed since, reading only the measures a change can
move (`Around`).
"""

from __future__ import annotations

import functools
import json
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from ..plain import Plain
from ..vocab import Extent, Status, counted, days_past, overdue_from
from .asof import fallen_due, falls_due

if TYPE_CHECKING:
    from ..facts import Link, Node, Nodes
    from ..vocab import StandsAt as Standing


class PartyOrder(Plain):
    """Counts for one party (owes and owed count its measures, each once)."""

    __slots__ = ("ready", "blocked", "owes", "owed", "overdue")

    def __init__(
        self, ready: int = 0, blocked: int = 0, owes: int = 0, owed: int = 0, overdue: int = 0
    ) -> None:
        self.ready = ready
        self.blocked = blocked
        self.owes = owes
        self.owed = owed
        self.overdue = overdue


class Order(Plain):
    """Order across the ledger, whatever the day: per party its ready, blocked, owes and
    owed counts; each pending measure's state (ready, blocked or deadlocked); the
    measures that may fall due (id, actor, deadline); which of those are done in
    part (`partly`: late, they are late for the rest); and the measures done late
    (`late`: carried out in full after their deadline, `facts.Node.late`); and of those
    that may fall due, the ones undone after their deadline, each with the day it was
    undone, from which its days overdue count (`again`: `facts.Node.owed_again`).

    The store keeps it in two parts: `summary` (small: what a party's counts and the
    flags column's width need on any day) and `each` (each measure's state and
    deadline, as text: decoded only by a report that shows every measure's flags)."""

    __slots__ = ("parties", "states", "deadlines", "partly", "late", "again")

    def __init__(
        self,
        parties: dict[str, PartyOrder] | None = None,
        states: dict[str, str] | None = None,
        deadlines: list[tuple[str, str, date]] | None = None,
        partly: set[str] | None = None,
        late: set[str] | None = None,
        again: dict[str, date] | None = None,
    ) -> None:
        self.parties: dict[str, PartyOrder] = {} if parties is None else parties
        self.states: dict[str, str] = {} if states is None else states
        self.deadlines: list[tuple[str, str, date]] = [] if deadlines is None else deadlines
        self.partly: set[str] = set() if partly is None else partly
        self.late: set[str] = set() if late is None else late
        self.again: dict[str, date] = {} if again is None else again

    def summary(self) -> dict[str, Any]:
        """The small part, as JSON data: the counts, each party's deadlines in order, the
        earliest deadline of each state (as a late measure's flags say it: `late_words`),
        the states there are, and the states of those done late ('' for none)."""
        due: dict[str, list[str]] = {}
        earliest: dict[str, str] = {}
        for ident, actor, deadline in self.deadlines:
            when = deadline.isoformat()
            due.setdefault(actor, []).append(when)
            state = late_words(self.states.get(ident), ident in self.partly) or ""
            if state not in earliest or when < earliest[state]:
                earliest[state] = when
        return {
            "parties": {
                name: [c.ready, c.blocked, c.owes, c.owed] for name, c in self.parties.items()
            },
            "due": {actor: sorted(dates) for actor, dates in due.items()},
            "earliest": earliest,
            "states": sorted(set(self.states.values())),
            "late": sorted({self.states.get(ident, "") for ident in self.late}),
        }

    def each(self) -> list[str]:
        """Each measure's part (its state, the deadlines, those done in part, those done
        late, those undone after their deadline), as JSON texts: kept beside the summary
        in a file of its own, and decoded only if asked for."""
        deadlines = [[i, actor, d.isoformat()] for i, actor, d in self.deadlines]
        return [
            json.dumps(self.states),
            json.dumps(deadlines),
            json.dumps(sorted(self.partly)),
            json.dumps(sorted(self.late)),
            json.dumps({i: d.isoformat() for i, d in self.again.items()}),
        ]

    @classmethod
    def from_each(cls, texts: Sequence[str]) -> Order:
        """The per-measure part of an order kept as `each` gave it (without the counts)."""
        states = json.loads(texts[0])
        deadlines = [(i, actor, date.fromisoformat(d)) for i, actor, d in json.loads(texts[1])]
        partly = set(json.loads(texts[2]))
        late = set(json.loads(texts[3]))
        again = {i: date.fromisoformat(d) for i, d in json.loads(texts[4]).items()}
        return cls(states=states, deadlines=deadlines, partly=partly, late=late, again=again)


PARTLY = "partly done"  # (a measure late, having acted in part: late for the rest)
DONE_LATE = "done late"  # (carried out in full after its deadline: `facts.Node.late`)


def late_words(state: str | None, partly: bool) -> str | None:
    """What a late measure's flags say before 'overdue': its state (ready, blocked,
    deadlocked), and 'partly done' for one that has acted in part."""
    if not partly:
        return state
    return f"{state}, {PARTLY}" if state else PARTLY


def flags_text(state: str | None, overdue: bool, partly: bool = False, late: bool = False) -> str:
    """A measure's flags in a word or two: ready, blocked or deadlocked (pending
    measures), overdue ('partly done, overdue' for one that has acted in part), and
    'done late' for one carried out in full after its deadline ('deadlocked, done
    late')."""
    if overdue:
        words = late_words(state, partly)
        said = f"{words}, overdue" if words else "overdue"
    else:
        said = state or ""
    if late:
        return f"{said}, {DONE_LATE}" if said else DONE_LATE
    return said


def done_late_text(n: Node) -> str | None:
    """How late a measure done late was done (`Node.days_late`), in words: by its
    deadline ("57 days after its deadline"), or, moved, by the one then in force (and
    the first, when missed too); or, undone after it and done again, since the day it
    was undone ("13 days (owed again since 2018-12-28)", as it was overdue); None when
    it was not done late."""
    if n.full_since is None:
        return None
    days = n.days_late()
    if days is None:
        return None
    again = n.late_again
    if again is not None:  # (undone after its deadline: late from then, as it was overdue)
        return f"{counted(days, 'day')} (owed again since {again.isoformat()})"
    if not n.deadline_edits:  # (never moved: the one it has)
        return f"{counted(days, 'day')} after its deadline"
    due = n.deadline_on(n.full_since)
    said = f"{counted(days, 'day')} after the deadline then in force, {due}"
    first = n.first_deadline  # (said when moved, and missed too)
    if first is not None and first != due and falls_due(first, n.full_since):
        said += f"; {counted(days_past(first, n.full_since), 'day')} after the first, {first}"
    return said


class Overview:
    """Order and time across the ledger, as of one day: per party, its counts; per
    measure (read from the order only when asked for), its state and whether it is
    overdue."""

    def __init__(
        self,
        day: date,
        parties: dict[str, PartyOrder],
        flags_width: int,
        order: Order | Callable[[], Order],
    ) -> None:
        self.day = day
        self.parties = parties
        self.flags_width = flags_width  # the widest flags cell of the status table
        self._order = order

    def order(self) -> Order:
        if not isinstance(self._order, Order):
            self._order = self._order()
        return self._order

    @functools.cached_property
    def states(self) -> dict[str, str]:
        """The state of each measure `next` lists: ready, blocked or deadlocked; and
        deadlocked, a measure made of parts, not pending, that a deadlock runs through."""
        return self.order().states

    @functools.cached_property
    def overdue(self) -> set[str]:
        return set(self.overdue_days)

    @functools.cached_property
    def overdue_days(self) -> dict[str, int]:
        """How many days each overdue measure is overdue by on the day (`vocab.days_past`
        of its deadline, or of the day it was undone after it, `Order.again`:
        `facts.Node.days_late` of its node)."""
        day = self.day
        order = self.order()
        again = order.again
        return {
            i: days_past(overdue_from(due, again.get(i)), day)
            for i, _, due in order.deadlines
            if falls_due(due, day)
        }

    @functools.cached_property
    def due(self) -> list[str]:
        """The measures with a deadline they may miss, in ledger order."""
        return [ident for ident, _, _ in self.order().deadlines]

    def deadlocked(self, ident: str) -> bool:
        return self.states.get(ident) == "deadlocked"

    def partly(self, ident: str) -> bool:
        """Whether the measure has a deadline it may miss and has acted in part
        (`Order.partly`): late, it is late for the rest."""
        return ident in self.order().partly

    def done_late(self, ident: str) -> bool:
        """Whether the measure was carried out in full after its deadline (`Order.late`)."""
        return ident in self.order().late

    def flags(self, ident: str) -> str:
        return flags_text(
            self.states.get(ident), ident in self.overdue, self.partly(ident), self.done_late(ident)
        )


def order_of(ledger: Nodes) -> Order:
    """Readiness, balance and deadlines of the whole ledger, counted per party."""
    from .asof import done_in_part, may_fall_due
    from .balance import open_counts
    from .sequencing import standing

    states, stuck = standing(ledger)
    result = Order()
    parties = {name: PartyOrder() for name in ledger.parties}
    for m in ledger.index().values():
        counts = parties.get(m.actor)
        if counts is None:  # (not setdefault: that would make an object per measure)
            counts = parties[m.actor] = PartyOrder()
        state = states.get(m.id)
        if state is not None:
            counts.ready += state.ready
            counts.blocked += not state.ready
            result.states[m.id] = (
                "deadlocked" if state.deadlocked else "ready" if state.ready else "blocked"
            )
        elif m.id in stuck:  # (not pending, a deadlock runs through it: not counted)
            result.states[m.id] = "deadlocked"
        if may_fall_due(m):
            assert m.deadline is not None
            result.deadlines.append((m.id, m.actor, m.deadline))
            if done_in_part(m):
                result.partly.add(m.id)
            if m.owed_again is not None:
                result.again[m.id] = m.owed_again
        if m.late:
            result.late.add(m.id)
    for name, (owes, owed) in open_counts(ledger).items():
        counts = parties.setdefault(name, PartyOrder())
        counts.owes = owes
        counts.owed = owed
    result.parties = parties
    return result


def overview_on(order: Order, day: date) -> Overview:
    """`order` as of `day`: with the measures overdue then, counted per party."""
    parties = {
        name: PartyOrder(c.ready, c.blocked, c.owes, c.owed) for name, c in order.parties.items()
    }
    late: set[str | None] = set()
    for ident, actor, deadline in order.deadlines:
        if falls_due(deadline, day):
            late.add(late_words(order.states.get(ident), ident in order.partly))
            parties.setdefault(actor, PartyOrder()).overdue += 1
    done = {order.states.get(ident, "") for ident in order.late}
    width = _flags_width(set(order.states.values()), late, done)
    return Overview(day, parties, width, order)


def kept_overview(summary: dict[str, Any], day: date, order: Callable[[], Order]) -> Overview:
    """What `overview_on` gives, from an order's `summary` alone: the per-measure part is
    read (`order`) only when a report asks for it. A party's overdue count is found in
    its sorted deadlines (`fallen_due`)."""
    parties = {name: PartyOrder(*counts) for name, counts in summary["parties"].items()}
    for actor, dates in summary["due"].items():
        overdue = fallen_due(dates, day)
        if overdue:
            parties.setdefault(actor, PartyOrder()).overdue = overdue
    late = {
        state or None
        for state, first in summary["earliest"].items()
        if falls_due(date.fromisoformat(first), day)
    }
    width = _flags_width(set(summary["states"]), late, set(summary["late"]))
    return Overview(day, parties, width, order)


def _flags_width(states: set[str], late: set[str | None], done: set[str]) -> int:
    """The widest flags cell: of every state alone, of the states of the overdue, and of
    the states of those done late ('' for none: 'done late' alone)."""
    return max(
        [
            0,
            *map(len, states),
            *(len(flags_text(s, True)) for s in late),
            *(len(flags_text(s or None, False, late=True)) for s in done),
        ]
    )


def order_overview(ledger: Nodes, day: date) -> Overview:
    """Readiness, balance and deadlines of the whole ledger, counted per party, on `day`."""
    return overview_on(order_of(ledger), day)


# --- an order brought up to date -------------------------------------------------------


class Was(Plain):
    """A measure as it stood before a change: what the order counts of it."""

    __slots__ = ("actor", "status", "extent", "in_exchange_for")

    def __init__(
        self, actor: str, status: Status, extent: Extent, in_exchange_for: tuple[str, ...]
    ) -> None:
        self.actor = actor
        self.status = status
        self.extent = extent
        self.in_exchange_for = in_exchange_for


class Around:
    """The ledger as it stands, read around a few measures: every measure's id and what
    it refers to (`links`: id, part of, the ids it refers to, in file order), and the
    nodes of those asked for, each read once (`nodes_of`)."""

    def __init__(
        self,
        links: Sequence[tuple[str, str | None, Collection[str]]],
        nodes_of: Callable[[list[str]], dict[str, Node]],
    ) -> None:
        self.links = links
        self.ids = [ident for ident, _, _ in links]
        self.place = {ident: i for i, ident in enumerate(self.ids)}
        self._nodes_of = nodes_of
        self._nodes: dict[str, Node] = {}
        self._referred: dict[str, list[str]] | None = None
        self._referred_at: Callable[[int], list[str]] | None = None

    @classmethod
    def from_kept(
        cls,
        ids: list[str],
        nodes_of: Callable[[list[str]], dict[str, Node]],
        lines: Sequence[bytes],
    ) -> Around:
        """The ledger whose measures are `ids` (in file order), read around a few
        measures with who refers to whom as `referred_lines` kept it: the line of each
        measure asked about is read alone, the links of the others not at all (`links`
        is then empty). Raises ValueError when the lines are not of these ids (as many
        lines as measures, and one more)."""
        if len(lines) != len(ids) + 1:
            raise ValueError("kept referrers of another ledger")
        around = cls((), nodes_of)
        around.ids = ids
        around.place = {ident: i for i, ident in enumerate(ids)}

        def at(place: int) -> list[str]:
            line = lines[place]
            return line.decode("utf-8", "surrogatepass").split(" ") if line else []

        around.__dict__["in_parts"] = set(at(len(ids)))  # (the cached property, as kept)

        around._referred_at = at
        return around

    def nodes(self, ids: Collection[str]) -> dict[str, Node]:
        """The nodes of those of `ids` that are in the ledger."""
        wanted = [i for i in ids if i in self.place and i not in self._nodes]
        if wanted:
            self._nodes.update(self._nodes_of(wanted))
        return {i: self._nodes[i] for i in ids if i in self._nodes}

    def reached(self, ids: Collection[str], follow: Callable[[Link], str | None]) -> set[str]:
        """`ids` (those in the ledger), and every measure reached from them along the
        constraints of pending measures, as `sequencing.reached` follows them."""
        from .sequencing import reached

        return set(reached(ids, self.nodes, follow))

    @functools.cached_property
    def in_parts(self) -> set[str]:
        """The measures made of parts, and their parts: the analyses drawn around a few
        measures are drawn from every one when they meet one of these (a part waits for
        what its whole waits for, and a whole acts through its parts)."""
        found: set[str] = set()
        for ident, whole, _ in self.links:
            if whole is not None:
                found.add(ident)
                found.add(whole)
        return found

    def ledger(self, ids: Collection[str]) -> Nodes:
        """The measures `ids` alone, as the ledger lists them."""
        from ..facts import Nodes

        found = self.nodes(ids)
        return Nodes("", [], (), [found[i] for i in sorted(found, key=self.place.__getitem__)])

    def referrers(self, ids: Collection[str]) -> dict[str, set[str]]:
        """Who refers to each of `ids` (by exchange, order, or as its part)."""
        if self._referred_at is not None:  # (as kept: the lines of `ids` alone read)
            at, place = self._referred_at, self.place
            return {i: set(at(place[i])) if i in place else set() for i in ids}
        if self._referred is None:  # (one pass over every link, however often asked)
            referred: dict[str, list[str]] = {}
            for ident, _, refers in self.links:
                for other in refers:  # (each named once: lists, a third of sets' memory)
                    found = referred.get(other)
                    if found is None:
                        referred[other] = [ident]
                    else:
                        found.append(ident)
            self._referred = referred
        return {i: set(self._referred.get(i, ())) for i in ids}


def referred_lines(
    links: Iterable[tuple[str, str | None, Collection[str]]],
) -> list[bytes] | None:
    """Who refers to whom in a ledger whose measures' links are `links` (id, part of, the
    ids it refers to, in file order), as lines to keep beside it (`Around.from_kept`):
    for each measure in file order, the ids of those referring to it, a space between
    two (an empty line for none), then the measures made of parts and their parts.
    None when an id these lines would name holds a space or a line break (an id a hand
    edit broke): they could not be read back."""
    ids: list[str] = []
    referred: defaultdict[str, list[str]] = defaultdict(list)
    in_parts: set[str] = set()
    for ident, whole, refers in links:
        ids.append(ident)
        if whole is not None:
            in_parts.add(ident)
            in_parts.add(whole)
        for other in refers:
            referred[other].append(ident)
    named = [referred.get(i, ()) for i in ids]
    named.append(sorted(in_parts))
    text = "\n".join(map(" ".join, named))
    spaces = sum(map(len, named)) - sum(map(bool, named))
    if text.count("\n") != len(ids) or text.count(" ") != spaces:
        return None
    return text.encode("utf-8", "surrogatepass").split(b"\n")


def _partners(now: Around, ids: Collection[str]) -> set[str]:
    """The measures those of `ids` reversed are exchanged for, present: by them a ledger
    drawn around `ids` says whether each owes (`sequencing._again`)."""
    found = {o for n in now.nodes(ids).values() if n.to_redo_if_owed for o in n.in_exchange_for}
    return found & set(now.place)


def order_after(old: Order, was: dict[str, Was | None], now: Around) -> Order | None:
    """`old`, the order of an earlier content of the ledger, brought to the ledger as it
    stands `now`, the measures of `was` having changed since (each as it stood then;
    None: it was not there): `order_of(now)`, from the measures a change can move
    alone. None when a count would need a party the old order does not name.

    Only for a ledger whose rules find no error, then and now: its `with` partners
    record each other, and every actor is a declared party (see `rules`).
    """
    from .asof import done_in_part, may_fall_due
    from .balance import is_owed, owes
    from .sequencing import deadlocked_among, ready_among

    changed = set(was)
    present = now.place
    # A deadlock the change made passes a changed measure, and is found from there
    # along what the pending measures wait for and go with; any other deadlock was
    # there before, among the measures deadlocked then.
    stuck_before = {i for i, s in old.states.items() if s == "deadlocked" and i in present}
    # (one reversed is listed while it owes: a change of what it is exchanged for moves
    # it, and whether it owes is read from those, `sequencing._again`)
    referred = now.referrers(changed)
    undone = {i for i, n in now.nodes(set().union(*referred.values())).items() if n.to_redo_if_owed}
    reach = now.reached(changed | undone, lambda c: c.other)
    if not now.in_parts.isdisjoint(reach):
        return None  # (see `Around.in_parts`)
    around = stuck_before | reach
    stuck = deadlocked_among(now.ledger(around | _partners(now, around)))

    # Ready or blocked: the changed measures, those that refer to them, those whose
    # deadlock began or ended, and every measure in a `with` group with one of them.
    moved = changed | set().union(*referred.values()) | (stuck ^ stuck_before)
    group = now.reached(moved, lambda c: c.with_)
    if not now.in_parts.isdisjoint(group):
        return None
    members = now.nodes(group)
    # (pending, carried out in part (an order of its own holds the rest, blocked), or
    # reversed and exchanged: to be carried out again while it owes)
    listed = [i for i, n in members.items() if n.pending or done_in_part(n) or n.to_redo_if_owed]
    waited = {
        c.after
        for i in listed
        for c in members[i].constraints
        if c.after is not None and c.after in present
    }
    drawn = group | waited
    ready = ready_among(now.ledger(drawn | _partners(now, drawn)), listed)
    states: dict[str, str] = {}
    for ident in now.ids:
        if ident in group:
            r = ready.get(ident)
            if r is not None:
                states[ident] = "deadlocked" if ident in stuck else "ready" if r else "blocked"
            elif ident in stuck:  # (not pending: the rest of one done in part, as `order_of`)
                states[ident] = "deadlocked"
        else:
            kept = old.states.get(ident)
            if kept is not None:
                states[ident] = kept

    parties = {
        name: PartyOrder(c.ready, c.blocked, c.owes, c.owed) for name, c in old.parties.items()
    }

    def facts(ident: str, before: bool) -> tuple[str, Standing, Collection[str]] | None:
        """A measure's actor, what it stood at (status, extent) and exchanges, then
        (`before`) or now; None: absent."""
        if before and ident in was:
            then = was[ident]
            return None if then is None else (then.actor, then, then.in_exchange_for)
        n = now.nodes([ident]).get(ident)
        return None if n is None else (n.actor, n, n.in_exchange_for)

    def count(ident: str, before: bool, state: str | None, sign: int) -> bool:
        if state is None:
            return True
        mine = facts(ident, before)
        counts = parties.get(mine[0]) if mine is not None else None
        if counts is None:
            return False
        if state == "ready":
            counts.ready += sign
        else:
            counts.blocked += sign
        return True

    for ident in group | changed:
        if not (
            count(ident, True, old.states.get(ident), -1)
            and count(ident, False, states.get(ident), 1)
        ):
            return None

    # Owes and owed: the changed measures and whatever they are exchanged for, then
    # and now (an exchange counts whichever side records it).

    def partners(ident: str, before: bool, refs: dict[str, set[str]]) -> set[str]:
        mine = facts(ident, before)
        if mine is None:
            return set()
        found = {o for o in mine[2] if o != ident and facts(o, before) is not None}
        for other in refs[ident] | (changed if before else set()):
            theirs = facts(other, before)
            if other != ident and theirs is not None and ident in theirs[2]:
                found.add(other)
        return found

    exchanged = set(changed)
    for ident in changed:
        exchanged |= partners(ident, True, referred) | partners(ident, False, referred)
    refs = now.referrers(exchanged)
    for ident in exchanged:
        for before, sign in ((True, -1), (False, 1)):
            mine = facts(ident, before)
            if mine is None:
                continue
            theirs = [f[1] for o in partners(ident, before, refs) if (f := facts(o, before))]
            owing = any(owes(mine[1], other) for other in theirs)
            owed = any(is_owed(mine[1], other) for other in theirs)
            if owing or owed:
                counts = parties.get(mine[0])
                if counts is None:
                    return None
                counts.owes += sign * owing
                counts.owed += sign * owed

    due = {ident: (who, when) for ident, who, when in old.deadlines}
    deadlines: list[tuple[str, str, date]] = []
    partly: set[str] = set()
    late: set[str] = set()
    again: dict[str, date] = {}
    for ident in now.ids:
        if ident in changed:
            n = now.nodes([ident])[ident]
            if may_fall_due(n):
                assert n.deadline is not None
                deadlines.append((ident, n.actor, n.deadline))
                if done_in_part(n):
                    partly.add(ident)
                if n.owed_again is not None:
                    again[ident] = n.owed_again
            if n.late:
                late.add(ident)
        else:
            kept_due = due.get(ident)
            if kept_due is not None:
                deadlines.append((ident, *kept_due))
                if ident in old.partly:
                    partly.add(ident)
                if ident in old.again:
                    again[ident] = old.again[ident]
            if ident in old.late:
                late.add(ident)
    return Order(parties, states, deadlines, partly, late, again)
