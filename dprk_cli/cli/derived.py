"""What the reports derive from the whole ledger and keep beside it.

`status` keeps the per-party counts, the order (each pending measure's state, the
deadlines) and the table's rows, made for one content of the ledger and, after a few
writes, brought up to date from the measures they changed (`brought_up`) rather than
made again. The plan, the next steps, the balance and what `check` finds are kept for
one content too: made by the first command that asks for them, or by `status` when it
derives its order from every node (`keep_reports`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from .common import Session, histories_of, said_idle

if TYPE_CHECKING:
    from ..analysis.balance import PartyBalance
    from ..analysis.checks import CheckResult
    from ..analysis.overview import Around, Order, Overview
    from ..analysis.sequencing import CircleWatch, Deadlock, DeadlockPeriod, NextSteps, Plan
    from ..analysis.status import PartySummary
    from ..facts import Nodes

T = TypeVar("T")


def counts(
    s: Session, nodes: Nodes | None, day: date | None = None
) -> tuple[dict[str, PartySummary], Overview]:
    """The per-party counts and the order of the ledger (as it stands: kept beside it;
    of `nodes`, when given: a past day's, or a what-if's), on `day` (default today)."""
    from ..analysis.overview import kept_overview, order_of, overview_on
    from ..analysis.status import party_summaries, summaries_from_json, summaries_json
    from ..clock import today

    if nodes is not None:
        return party_summaries(nodes), overview_on(order_of(nodes), day or today())
    made: list[Order] = []

    def order() -> Order:  # (derived once, whichever part of it is asked for first)
        if not made:
            made.append(order_of(s.snapshot().nodes()))
        return made[0]

    def make() -> dict[str, Any]:
        brought = brought_up(s)
        if brought is not None:
            return brought
        current = s.snapshot().nodes()
        return {
            "parties": summaries_json(party_summaries(current)),
            "order": order().summary(),
            "basis": basis(s),
        }

    kept = s.memo("status", make)
    if made:  # just derived, from the nodes at hand: keep the table's rows too
        table(s, order)
        each_kept(s, order)
        keep_reports(s)

    def each() -> Order:  # read only by a report that shows every measure's flags
        return made[0] if made else _each_of(each_kept(s, order))

    return summaries_from_json(kept["parties"]), kept_overview(kept["order"], day or today(), each)


def plan(s: Session) -> Plan:
    """The phased plan of the ledger as it stands: as kept beside it, or drawn now and kept."""
    from ..analysis.sequencing import Plan, phased_plan

    def draw() -> Plan:
        nodes = s.snapshot().nodes()
        drawn = phased_plan(nodes, deadlock_free=deadlock_free(s))
        _keep_referred(s, nodes)  # (what `plan --assume` reads beside the plan)
        return drawn

    return _kept(s, "plan", Plan.from_kept, draw, Plan.kept)


def _keep_referred(s: Session, nodes: Nodes) -> None:
    """Keep who refers to whom in the ledger as it stands, its `nodes` at hand, beside
    the plan (`overview.referred_lines`): `plan --assume` reads the lines of the few
    measures an assumption can move (`read_around_kept`), not every measure's links."""
    from ..analysis.overview import referred_lines
    from ..vocab import references

    snapshot = s.snapshot()
    if snapshot.kept("referred") is None:
        lines = referred_lines((n.id, n.part_of, references(n)) for n in nodes.measures)
        if lines is not None:
            snapshot.keep_lines("referred", lines)


def deadlock_days(s: Session, plan: Plan) -> None:
    """Give each deadlock of `plan`, the kept plan of the ledger as it stands, the day it
    has stood from up to today: as kept beside it (for today), or found now
    (`dated_deadlocks`, which reads measures' histories) and kept."""
    if not plan.deadlocks:
        return
    from ..analysis.sequencing import days_from_kept, days_kept
    from ..clock import today

    day = today()

    def find() -> tuple[date, list[date | None]]:
        dated_deadlocks(s, plan, day)
        return day, [d.since for d in plan.deadlocks]

    _, days = _kept(
        s,
        "deadlock-days",
        days_from_kept,
        find,
        lambda found: days_kept(found[0], plan.deadlocks),
        lambda found: found[0] == day and len(found[1]) == len(plan.deadlocks),
    )
    for d, since in zip(plan.deadlocks, days, strict=True):
        d.since = since


def dated_deadlocks(
    s: Session,
    plan: Plan,
    day: date,
    base: Plan | None = None,
    *,
    dated: bool = False,
    periods: Iterable[DeadlockPeriod] = (),
) -> None:
    """Give each deadlock of `plan`, drawn for `day`, the day it has stood from
    (`sequencing.date_deadlocks`; `base`: the plan without the assumptions `plan` was
    drawn on, its deadlocks `dated` already, or not), from the histories of its
    measures: a plan without deadlocks reads none. `periods`: the deadlock history up to
    `day`, when read already, whose stretches standing still date those they hold."""
    if not plan.deadlocks and (base is None or not base.deadlocks):
        return
    from ..analysis.sequencing import date_deadlocks, deadlock_since, stood_from

    if dated:
        date_deadlocks(plan, None, base, day)
        return

    index, parties, place = histories_of(s.snapshot())
    known = stood_from(periods)

    def since(d: Deadlock) -> date | None:
        found = known(d)
        return found if found is not None else deadlock_since(d, index, day, parties, place)

    date_deadlocks(plan, since, base, day)


def deadlock_history(
    s: Session, day: date, watched: CircleWatch | None = None
) -> list[DeadlockPeriod]:
    """Every deadlock the session's ledger's history held up to the end of `day`, each
    with the days it stood (`sequencing.deadlock_history`), read from the histories of
    its measures as `plan --as-of` reads them: as kept beside the ledger (when found for
    that day), or found now and kept. `watched`: what a reader that passed every measure
    of the ledger as it stands noted of them; else a pass over them notes it, a measure
    at a time, and only those that may be in a circle are held."""
    from ..analysis.sequencing import CircleWatch, history_from_kept, history_kept
    from ..analysis.sequencing import deadlock_history as periods

    def find() -> tuple[date, list[DeadlockPeriod]]:
        snapshot = s.snapshot()
        noted = watched
        if noted is None:
            noted = CircleWatch()
            for m in snapshot.in_order():
                noted.note(m)
        index, parties, place = histories_of(snapshot)
        return day, periods(index, parties, day, place, noted.found())

    found = _kept(
        s,
        "deadlock-history",
        history_from_kept,
        find,
        lambda found: history_kept(*found),
        lambda found: found[0] == day,
    )
    return found[1]


def next_steps(s: Session) -> NextSteps:
    """What each side can do now in the ledger as it stands (every party's): as kept
    beside it, or found now and kept."""
    from ..analysis.sequencing import NextSteps, next_steps

    def find() -> NextSteps:
        return next_steps(s.snapshot().nodes(), deadlock_free=deadlock_free(s))

    return _kept(s, "next", NextSteps.from_kept, find, NextSteps.kept)


def balance(s: Session, day: date) -> tuple[dict[str, PartyBalance], dict[str, tuple[str, ...]]]:
    """Each party's balance in the ledger as it stands, drawn on `day`, and which of its
    disputed actions parties alone refuted (`analysis.balance.claims_in`): as kept beside
    it (when it was drawn on that day), or drawn now and kept."""
    from ..analysis.balance import balance_from_kept, balance_kept, claims_in, reciprocity_balance

    def draw() -> tuple[date, dict[str, PartyBalance], dict[str, tuple[str, ...]]]:
        nodes = s.snapshot().nodes()
        balances = reciprocity_balance(nodes, day)
        return day, balances, claims_in(balances, nodes)

    found = _kept(
        s,
        "balance",
        balance_from_kept,
        draw,
        lambda drawn: balance_kept(drawn[1], drawn[0], drawn[2]),
        lambda drawn: drawn[0] == day,
    )
    return found[1], found[2]


def checked(s: Session) -> CheckResult:
    """What `dprk check` finds in the ledger as it stands (warnings as warnings): as kept
    beside it, or found now and kept."""
    from ..analysis.checks import CheckResult, Subject, run_checks
    from ..rules import RECORDED_AFTER_NOW

    def at_end() -> tuple[Nodes | None, Callable[[Deadlock], date | None]]:
        """The ledger as it stood when the talks ended, as `plan` reads it: its nodes (None:
        those of the ledger as it stands, which it is then: `stands_as_on`), and the day a
        deadlock standing then stood from."""
        from ..analysis.sequencing import deadlock_since

        end = s.ended_day()
        assert end is not None  # (asked of talks that ended alone)
        day = date.fromisoformat(end)
        nodes = None if stands_as_on(s, day) else s.nodes(end)[0]
        index, parties, place = histories_of(s.snapshot())
        return nodes, lambda d: deadlock_since(d, index, day, parties, place)

    def run() -> CheckResult:
        snapshot = s.snapshot()
        end = s.ended_day()
        ended = date.fromisoformat(end) if end is not None else None
        subject = Subject.kept(
            snapshot.nodes(),
            snapshot.conflicts(),
            snapshot.problems(),
            deadlock_free=deadlock_free(s),
            # (its advice reads a few measures' histories: each not kept once read)
            measure=snapshot.measures().unkept,
            index=snapshot.measures(),
            lines=snapshot.lines_twice(),  # (where a block pasted twice lies: `duplicate-ids`)
            ended=ended,
            at_end=at_end if ended is not None else None,
        )
        return run_checks(subject)

    from ..clock import today

    day = today()  # (a finding judged against today: kept for the day it was found on)

    def holds(r: CheckResult) -> bool:
        # (an entry recorded after now is judged against the clock's second: found again)
        return r.day == day and all(p.check != RECORDED_AFTER_NOW for p in r.problems)

    return _kept(s, "check", CheckResult.from_kept, run, CheckResult.kept, holds)


def after_the_end(s: Session, day: date) -> str | None:
    """What a write that records `day` as the day the talks ended says of the measures with
    events dated after it (`analysis.checks.after_the_end_text`), None for none: the
    nodes read only when an entry of the ledger is dated after that day."""
    if not anything_after(s, day):
        return None
    from ..analysis.checks import after_the_end_text, dated_after

    ids = dated_after(s.snapshot().nodes().measures, day)
    return after_the_end_text(ids, day, given=True) if ids else None


def anything_after(s: Session, day: date) -> bool:
    """Whether an entry of the ledger as it stands is dated after `day` (the latest day one
    is dated, `Index.latest`, kept by the store: no measure read)."""
    return s.snapshot().index.latest > day.isoformat()


def stands_as_on(s: Session, day: date) -> bool:
    """Whether the ledger as it stood at the end of `day` (`asof.as_of`, what `--as-of`
    reads) holds the measures, orders and states of the ledger as it stands: no entry of
    it is dated after `day` (`anything_after`), and the rules find no error (a status
    its history does not give, which a past day replays; an id linked or ordered that no
    measure has, which a past day leaves out). Told from what the store keeps, no
    measure read."""
    return not anything_after(s, day) and not s.snapshot().has_errors()


def toml_1_1(s: Session) -> list[list[Any]]:
    """Each line of the ledger's file written in TOML 1.1 alone, and what is written
    there (`store.syntax.toml_1_1_places`): looked for by `check` alone, once for one
    content of the file, and kept beside it (a write of dprk's from a content that held
    none keeps none for the content it makes). The file's bytes are looked at as they
    are, and not kept: at 100,000 measures they are 90 MB."""
    from ..store.snapshots import TOML_1_1

    def find() -> list[bytes]:
        from ..store.syntax import toml_1_1_places

        found = toml_1_1_places(s.snapshot().raw(keep=False))
        return [b"%d %s" % (line, kind.encode()) for line, kind in found]

    places: list[list[Any]] = []
    for line in s.kept_lines(TOML_1_1, find):
        number, _, kind = line.decode().partition(" ")
        places.append([int(number), kind])
    return places


def record_line(s: Session) -> Callable[[str, str], int | None]:
    """The line of the ledger's file where a measure's verification record of a day is
    written (`store.syntax.record_line`), for the advice of `check`: the file's bytes
    read when first asked, and once for every record asked of (a ledger that needs none
    is not read again)."""
    from ..store.syntax import record_line as line_in

    read: list[bytes] = []

    def line(ident: str, day: str) -> int | None:
        if not read:
            read.append(s.snapshot().raw(keep=False))
        return line_in(read[0], ident, day)

    return line


def keep_reports(s: Session) -> None:
    """Keep the plan (and the day each of its deadlocks has stood from), the next steps,
    today's balance and the checks' findings of the ledger as it stands, once `status`
    has derived its order from every node: the step graph it built serves the plan and
    the next steps too (`analysis.sequencing._graph_of`), so that the first `plan`,
    `next`, `balance` or `check` after a pull reads them rather than every node."""
    from ..clock import today

    deadlock_days(s, plan(s))
    next_steps(s)
    balance(s, today())
    checked(s)


def _kept(
    s: Session,
    name: str,
    read: Callable[[Sequence[bytes]], T],
    make: Callable[[], T],
    lines: Callable[[T], Iterable[str]],
    fits: Callable[[T], bool] = lambda _: True,
) -> T:
    """What `make` derives from the ledger as it stands, kept under `name` beside it as
    the `lines` of JSON that `read` reads back; made again (and kept) when none is kept
    for this content, when what is kept does not `fit`, or when it is damaged."""
    from ..store.cache import StaleCache
    from ..store.snapshots import DAMAGE

    snapshot = s.snapshot()
    found = snapshot.kept(name)
    if found is not None:
        try:
            value = read(found)
            if fits(value):
                return value
        except (StaleCache, *DAMAGE):  # a block damaged, or not what this code writes
            pass
    value = make()
    snapshot.keep_lines(name, (text.encode("utf-8") for text in lines(value)))
    return value


def deadlock_free(s: Session) -> bool:
    """Whether the order `status` derived and kept for this content of the ledger marks
    no measure deadlocked (the deadlocked are the measures of the cycles that
    `analysis.sequencing.find_deadlocks` describes). False when none is kept: not known."""
    kept = s.snapshot().memo("status")
    order = kept.get("order") if isinstance(kept, dict) else None
    states = order.get("states") if isinstance(order, dict) else None
    return isinstance(states, list) and "deadlocked" not in states


def parties(s: Session) -> list[str]:
    """The parties the ledger as it stands declares (its header: no measure is read)."""
    return list(s.snapshot().index.header.get("parties", []))


def basis(s: Session) -> dict[str, Any]:
    """What the kept counts of a content can be brought up to a later one from (see
    `brought_up`): the declared parties, and whether the header holds a merge conflict,
    the rules find an error, or an id is held twice (a measure pasted by hand: its
    counts could not be taken back by its id alone)."""
    snapshot = s.snapshot()
    header = snapshot.index.header
    ids = snapshot.ids
    return {
        "parties": parties(s),
        "conflicts": bool(header.get("conflicts")),
        "errors": snapshot.has_errors() or len(set(ids)) != len(ids),
    }


# When more than an eighth of the measures changed, and more than a few, the counts
# are derived again from every measure.
_BROUGHT_UP_SHARE = 8
_BROUGHT_UP_FEW = 64


def brought_up(s: Session) -> dict[str, Any] | None:
    """The counts, order and table rows kept for an earlier content of the ledger,
    brought up to this one from the measures changed since (the log of changes names
    them), with its table rows kept too: what a read after a few writes would otherwise
    derive again from every measure. None when they are not kept, when too much changed,
    or when the ledger has an error then or now (a `with` recorded on one side, an
    undeclared actor: the order of a measure could move without its neighbours')."""
    from ..analysis.overview import Order, PartyOrder, Was, order_after
    from ..analysis.status import summaries_after
    from ..render.views import EXTENT_OF_CELL, kept_row, rows_by_id, table_after, table_places
    from ..store.cache import StaleCache
    from ..store.snapshots import DAMAGE
    from ..vocab import Status

    snapshot = s.snapshot()
    earlier = snapshot.earlier(("table", "each"))
    if earlier is None:
        return None
    kept = earlier.memo.get("status")
    ids = snapshot.ids
    changed = earlier.changed
    if not isinstance(kept, dict) or len(changed) > max(
        len(ids) // _BROUGHT_UP_SHARE, _BROUGHT_UP_FEW
    ):
        return None
    then = basis(s)
    if kept.get("basis") != then or then["errors"] or then["conflicts"]:
        return None
    try:
        around = read_around(s)
        if around is None:
            return None
        rows = earlier.kept["table"][:]
        before = rows_by_id(rows)
        was: dict[str, Was | None] = dict.fromkeys(changed)
        for ident in changed:
            line = before.get(ident)
            if line is not None:
                cells = kept_row(line).cells
                was[ident] = Was(
                    cells["actor"],
                    Status(cells["status"]),
                    EXTENT_OF_CELL[cells["extent"]],
                    tuple(cells["in_exchange_for"]),
                )
        each = _each_of(earlier.kept["each"])
        counts = {name: PartyOrder(*c) for name, c in kept["order"]["parties"].items()}
        old = Order(counts, each.states, each.deadlines, each.partly, each.late, each.again)
        order = order_after(old, was, around)
        parties = summaries_after(
            kept["parties"],
            {i: None if w is None else (w.actor, w.status) for i, w in was.items()},
            around.nodes(changed),
        )
        if order is None or parties is None:
            return None
        placed = table_places([(i, part) for i, part, _ in around.links])
        widths = json.loads(rows[0])
        lines = table_after(
            widths,
            before,
            changed,
            each.states,
            each.late,
            order,
            placed,
            around.nodes,
            then["parties"],
        )
    except (StaleCache, *DAMAGE):  # a kept piece damaged, or not what this code writes
        return None
    s.kept_lines("table", lambda: lines)
    each_kept(s, lambda: order)
    snapshot.keep("conflicts", "")  # (no error, no header conflict: no conflict at all)
    return {"parties": parties, "order": order.summary(), "basis": then}


def read_around(s: Session) -> Around | None:
    """The ledger as it stands, to be read around a few measures (who refers to whom, and
    the nodes asked for); None when a hand edit repeated an id."""
    from ..analysis.overview import Around

    snapshot = s.snapshot()
    ids = snapshot.ids
    links = [
        (i, part, refers) for i, (part, refers, _, _) in zip(ids, snapshot.links(), strict=True)
    ]
    around = Around(links, snapshot.nodes_of)
    return around if len(around.place) == len(ids) else None


def read_around_kept(s: Session) -> Around | None:
    """The ledger as it stands, to be read around a few measures as `read_around` reads
    it, who refers to whom read from the lines kept beside the plan (made now from
    every measure's links, and kept, when they are not): a measure's line read when it
    is asked about. None when a hand edit repeated an id."""
    from ..analysis.overview import Around, referred_lines

    snapshot = s.snapshot()
    ids = snapshot.ids

    def make() -> list[bytes]:
        links = zip(ids, snapshot.links(), strict=True)
        lines = referred_lines((i, part, refers) for i, (part, refers, _, _) in links)
        if lines is None:
            raise ValueError("an id that cannot be kept in a line")
        return lines

    try:
        around = Around.from_kept(ids, snapshot.nodes_of, s.kept_lines("referred", make))
    except ValueError:  # (an id that cannot be kept, or lines not of these measures)
        return read_around(s)
    return around if len(around.place) == len(ids) else None


def plan_assuming(s: Session, values: list[str]) -> tuple[Plan, Plan, list[str]] | None:
    """The plan of the ledger as it stands as if each of `values` (--assume) held from
    today, the plan as it stands, and the assumptions as text: from the kept plan and the
    measures the assumptions can move (`whatif.plan_assuming`). None when it is to be
    drawn from every measure."""
    from ..analysis.whatif import parse_assumptions
    from ..analysis.whatif import plan_assuming as drawn
    from ..clock import today
    from ..store.cache import StaleCache
    from ..store.snapshots import DAMAGE

    s.snapshot()  # (a ledger that cannot be read is named before a mistaken --assume)
    assumptions = parse_assumptions(values)
    try:
        around = read_around_kept(s)
        if around is None:
            return None
        base = plan(s)
        result = drawn(base, assumptions, today(), around)
        if result is None:
            return None
        found = around.nodes([a.id for a in assumptions])
    except (StaleCache, *DAMAGE):  # a kept piece damaged, or not what this code writes
        return None
    said_idle(found, assumptions, today())
    return result, base, [a.text for a in assumptions]


def each_kept(s: Session, order: Callable[[], Order]) -> Sequence[bytes]:
    """Each measure's part of the order (`Order.each`: its state, the deadlines), kept
    beside the ledger in a file of its own (a large ledger's is megabytes, which a
    screenful of the table does not read); made from the `order` when it is not."""
    return s.kept_lines("each", lambda: [text.encode("utf-8") for text in order().each()])


def _each_of(lines: Sequence[bytes]) -> Order:
    from ..analysis.overview import Order

    return Order.from_each([line.decode("utf-8") for line in lines])


def table(s: Session, order: Callable[[], Order]) -> Sequence[bytes]:
    """The status table's rows of every measure, kept beside the ledger (made from the
    nodes and the `order` when they are not)."""
    from ..render.views import table_lines

    def made() -> list[bytes]:
        nodes = s.snapshot().nodes()
        return table_lines(nodes.measures, order(), nodes.parties)

    return s.kept_lines("table", made)
