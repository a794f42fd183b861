"""`dprk check`: a ledger's problems, found by a named, ordered list of pure checks.

Each check is a function `(subject) -> list[Problem]` that reports what is
wrong and never raises; the `Subject` is the ledger as the checks read it
(its measures' nodes, its header's merge conflicts, and the errors each of
the ledger's rules finds in each measure: kept beside the ledger by the
store, which brings them up to date on every write, or found now). `CHECKS`
is the registry, run in order by `run_checks`; the command and every output
format pick up whatever is in it.
To add a check, write the function and append it:

    CHECKS.append(Check("shouting", no_titles_shouting))

A problem is an *error* (the ledger is wrong: `dprk check` exits 1) or a
*warning* (worth seeing; an error only under `--strict`). The errors are the
ledger's rules (`dprk_cli.rules`), the same ones every write keeps; the
warnings (a measure that acted before what it was to follow, a deadlock)
are findings about the negotiation, not mistakes in the record. Checks run
on whatever `store.load` accepts, including a hand-edited ledger that
repeats an id (which no write allows).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import FIELDS, FILE
from ..facts import (
    Link,
    Node,
    Nodes,
    Spans,
    acted_spans,
    done_in,
    own_spans,
    spans_through_parts,
)
from ..lifecycle import MISDATED
from ..plain import Plain
from ..rules import (
    AFTER_THE_END,
    ERROR,
    EXCHANGE_WITHIN,
    MERGE_CONFLICTS,
    PARTIES,
    PARTS_OF_ANOTHER_PARTY,
    PARTY,
    RECORDED_AFTER_NOW,
    RULES,
    WARNING,
    Problem,
    acted_as_another_party,
    alike_key,
    another_party,
    duplicate_ids,
    header_problems,
    id_key,
    order_options,
    own_word,
    party_in_verifier,
    party_in_verifier_said,
    party_key,
    party_list_problems,
    party_named,
    stood_from,
    within_a_party_runs,
)
from ..rules import (
    severity as rule_severity,
)
from ..vocab import (
    ACTED,
    CLOSED,
    EXTENT_LEVEL,
    Extent,
    Require,
    Result,
    Status,
    counted,
    counts_as_part,
    finding_text,
    in_prose,
    named_first,
    party_in_prose,
    possessive,
    shell_word,
)
from .kept import optional_text, rows, text
from .sequencing import (
    dated,
    deadlock_text,
    drops_text,
    find_deadlocks,
    stood_at_the_end,
    without_parts_to_act,
)

if TYPE_CHECKING:
    from ..errors import LedgerUnreadable
    from ..model import (
        Conflict,
        Constraint,
        HistoryEntry,
        Ledger,
        Measure,
        MeasureIndex,
        Verification,
    )
    from .sequencing import Deadlock

__all__ = ["CHECKS", "Check", "CheckResult", "Problem", "Subject", "run_checks"]


class Subject(Plain):
    """A ledger as the checks read it."""

    __slots__ = (
        "nodes",
        "conflicts",
        "errors",
        "deadlock_free",
        "day",
        "measure",
        "index",
        "lines",
        "ended",
        "at_end",
    )

    def __init__(
        self,
        nodes: Nodes,
        conflicts: Sequence[Conflict],  # the header's own merge conflicts (its title)
        errors: dict[str, list[Problem]],  # what each rule finds, in ledger order
        # Known to hold no deadlock (what `status` derived and kept for this content marks
        # no measure deadlocked): the deadlock check then has nothing to look for.
        deadlock_free: bool = False,
        day: date | None = None,  # today, for what is judged against it (None: the clock's)
        # a measure in full by its id, for the few warnings whose advice reads its history
        # (None: not at hand; the advice then names no day)
        measure: Callable[[str], Measure] | None = None,
        # the measures in full, for the few checks that search their histories (a party's
        # former names: `former_names`); None: not at hand, not looked for
        index: MeasureIndex | None = None,
        # the lines of the file the blocks of an id given twice begin on, by id (the
        # store's `blocks.lines_of`; none: not at hand, or no id given twice)
        lines: Mapping[str, Sequence[int]] | None = None,
        # the day the talks ended, as the header records it (None: talks not over)
        ended: date | None = None,
        # the ledger as it stood when the talks ended, as `plan` reads it: its nodes then
        # (None: those of the ledger as it stands, which nothing changed since the end),
        # and the day each deadlock standing then stood from (None: not known); made when
        # asked (None: not at hand, deadlocks read as the ledger stands)
        at_end: Callable[[], tuple[Nodes | None, Callable[[Deadlock], date | None]]] | None = None,
    ) -> None:
        from ..clock import today

        self.nodes = nodes
        self.conflicts = conflicts
        self.errors = errors
        self.deadlock_free = deadlock_free
        self.day = day if day is not None else today()
        self.measure = measure
        self.index = index
        self.lines = lines or {}
        self.ended = ended
        self.at_end = at_end

    @property
    def measures(self) -> list[Node]:
        return self.nodes.measures

    @classmethod
    def of(cls, ledger: Ledger) -> Subject:
        """The subject of a whole ledger, its rules run now."""
        from ..facts import nodes_of
        from ..rules import Context, errors_by_measure

        ctx = Context(ledger.index(), ledger.parties)
        nodes = nodes_of(ledger, life=ctx.life)
        found = errors_by_measure(ctx, ledger.measures)
        from ..model import index_of

        end = ledger.ended

        def at_end() -> tuple[Nodes, Callable[[Deadlock], date | None]]:
            from .asof import as_of
            from .sequencing import deadlock_since

            assert end is not None
            index, parties = index_of(ledger.index()), list(ledger.parties)
            place = {m.id: n for n, m in enumerate(ledger.measures)}.__getitem__
            return nodes_of(as_of(ledger, end)), lambda d: deadlock_since(
                d, index, end, parties, place
            )

        return cls.kept(
            nodes,
            ledger.conflicts,
            found,
            measure=ledger.index().__getitem__,
            index=index_of(ledger.index()),
            ended=end,
            at_end=at_end if end is not None else None,
        )

    @classmethod
    def kept(
        cls,
        nodes: Nodes,
        conflicts: Sequence[Conflict],
        found: Iterable[Iterable[Problem]],
        *,
        deadlock_free: bool = False,
        measure: Callable[[str], Measure] | None = None,
        index: MeasureIndex | None = None,
        lines: Mapping[str, Sequence[int]] | None = None,
        ended: date | None = None,
        at_end: Callable[[], tuple[Nodes | None, Callable[[Deadlock], date | None]]] | None = None,
    ) -> Subject:
        """The subject of a ledger whose errors were found measure by measure (`found`,
        aligned with the nodes)."""
        errors: dict[str, list[Problem]] = {name: [] for name, _ in RULES}
        for problems in found:
            for p in problems:
                errors.setdefault(p.check, []).append(p)
        return cls(
            nodes,
            conflicts,
            errors,
            deadlock_free,
            measure=measure,
            index=index,
            lines=lines,
            ended=ended,
            at_end=at_end,
        )


class Check(Plain):
    """A named check: `run(subject)` returns its problems, each of the check's `severity`
    (what the reference says of it)."""

    __slots__ = ("name", "run", "severity")

    def __init__(
        self, name: str, run: Callable[[Subject], list[Problem]], severity: str = WARNING
    ) -> None:
        self.name = name
        self.run = run
        self.severity = severity


def warning(measure: str | None, message: str, others: tuple[str, ...] = ()) -> Problem:
    """A warning; `run_checks` fills in the name of the check that found it."""
    return Problem(WARNING, "", measure, message, others)


def _rule_check(name: str) -> Check:
    def run(subject: Subject) -> list[Problem]:
        found = list(subject.errors.get(name, []))
        if name == MERGE_CONFLICTS:
            found = header_problems(list(subject.conflicts)) + found
        elif name == EXCHANGE_WITHIN:  # (standing now, the rule's; then on past days)
            found += _once_exchanged_within_a_party(subject)
        elif name == PARTS_OF_ANOTHER_PARTY:  # (so too: a part of one once, `_once_...`)
            found += _once_parts_of_another_party(subject)
        return found

    return Check(name, run, rule_severity(name))


def _once_exchanged_within_a_party(subject: Subject) -> list[Problem]:
    """Two measures exchanged for each other while both were one party's, on past days,
    and not now (`rules.exchange_within_a_party` says one that stands): the balance as
    of those days has the party owe itself. A measure handed to the other party without
    --date (an edit of today, where the actor was wrong from the start), or a link ended
    without --date, leaves it so. The first such run of days is named, with the dated
    commands that mend it (`_stood_within`). Only the measures whose actor an edit
    changed, or whose link an unlink ended, are read in full (most ledgers have none);
    each day is read as `--as-of` reads it (`rules.within_a_party_runs`)."""
    index = subject.index
    if index is None:
        return []
    from ..lifecycle import exchanged_with

    measure = subject.measure or index.__getitem__
    nodes = subject.nodes.index()
    parties = list(subject.nodes.parties)
    ids = sorted({*index.mentioning("actor: "), *index.mentioning("no longer in exchange for ")})
    seen: set[tuple[str, str]] = set()
    found = []
    for ident in ids:
        if ident not in nodes:
            continue
        m = measure(ident)
        partners = {*m.in_exchange_for, *filter(None, map(exchanged_with, m.history))}
        for other in sorted(partners - {ident}):
            pair = (min(ident, other), max(ident, other))
            made = [nodes[i].created if i in nodes else None for i in pair]
            if pair in seen or made[0] is None or made[1] is None:
                continue
            seen.add(pair)
            a, b = measure(pair[0]), measure(pair[1])
            runs = within_a_party_runs(a, b, parties, max(made[0], made[1]), subject.day)
            ended = next(((start, end, p) for start, end, p in runs if end is not None), None)
            if ended is not None:  # (the first run of days that has ended)
                start, end, party = ended
                found.append(_stood_within(a, b, (start, party), end, nodes, parties))
    return found


def _stood_within(
    a: Measure,
    b: Measure,
    run: tuple[date, str],
    ended: date,
    nodes: dict[str, Node],
    parties: list[str],
) -> Problem:
    """The warning of `a` and `b`, exchanged for each other within one party from `run`
    (its first day, and the party) until the day before `ended`, and what mends it: the
    actor of one that is another party's now (else was when the run ended: handed back
    since) corrected from the day it took the one it had then (an edit's day, else its
    first day); the link, ended since or with the run, ended on the day the run began (a
    link made again after the run stays in force). One or the other ended the run, so
    there is always a command to give. Each is worded by its day, the day a hand-over
    began the run named so, not as the link's or the measure's start."""
    from ..changes import actor_on, handed_over, link_changes, links_on
    from ..lifecycle import field_changes

    start, party = run
    last = ended - timedelta(days=1)
    days = f"on {start}" if last == start else f"from {start} to {last}"
    fixes = []
    for x in (a, b):
        if not handed_over(x):
            continue
        actor = x.actor
        if party_key(actor) == party_key(party):
            actor = actor_on(x, ended, parties)
        if party_key(actor) == party_key(party):
            continue
        took = max(
            (h.date for h, _, _ in field_changes(x, "actor") if h.date <= start),
            default=nodes[x.id].created or start,
        )
        fixes.append(
            f"if '{x.id}' was {possessive(actor)} from {took} on, correct its actor from that day "
            f"('dprk edit {x.id} --actor {shell_word(actor)} --date {took}')"
        )
    if b.id not in a.in_exchange_for or b.id not in links_on(a, ended, {a.id: a, b.id: b}):
        # (a run a hand-over began, and no link of that day: the link began before it)
        handed = {h.date for x in (a, b) for h, _, _ in field_changes(x, "actor")}
        linked = {h.date for h, made in link_changes(a, b) if made}
        began = "it began"
        if start in handed and start not in linked:
            began = f"both came to be {possessive(party)}"
        fixes.append(
            f"if they were never exchanged so, end the link on the day {began} ('dprk "
            f"unlink {a.id} {b.id} --date {start}')"
        )
    return Problem(
        WARNING,
        EXCHANGE_WITHIN,
        a.id,
        f"'{a.id}' and '{b.id}' were both {possessive(party)}, and exchanged for each other, "
        f"{days}: "
        f"on those days the balance has {party} owe itself; " + "; or ".join(fixes),
        (b.id,),
    )


def ids_in_case(subject: Subject) -> list[Problem]:
    """Two measures whose ids differ in case alone (`rules.case_twin`: no command makes
    a second, but a merge of two desks' additions, or a hand edit, may)."""
    first: dict[str, str] = {}
    found = []
    for m in subject.measures:
        twin = first.setdefault(id_key(m.id), m.id)
        if twin != m.id:
            found.append(
                warning(
                    m.id,
                    f"its id differs from '{twin}' in case alone: a reader (and 'dprk "
                    "import', which refuses such an id) does not tell them apart; rename "
                    f"one ('dprk rename {m.id} NEW_ID')",
                    (twin,),
                )
            )
    return found


def measures_alike(subject: Subject) -> list[Problem]:
    """Two measures of one title and one actor (`rules.alike_key`): one measure added
    twice, most likely (on two git branches under two ids, or by hand), which every
    count would count twice. Said of the later in the file."""
    first: dict[tuple[str, str], str] = {}
    found = []
    for m in subject.measures:
        twin = first.setdefault(alike_key(m.title, m.actor), m.id)
        if twin != m.id:
            found.append(
                warning(
                    m.id,
                    f"has the title and actor of '{twin}' ({m.actor}): one measure added "
                    "twice is counted twice; if so, keep the one that holds more ('dprk "
                    f"show {twin} {m.id}' compares them) and remove the other ('dprk remove "
                    "ID', once what it holds is on the one kept), else tell them apart "
                    f"('dprk edit {m.id} --title TEXT')",
                    (twin,),
                )
            )
    return found


ACTED_OUT_OF_ORDER = "acted-out-of-order"
# (up to how many measures judged `acted_out_of_order` asks of each holder's record
# alone whether it names an order's change, rather than searching every record once)
_FEW_TO_SEARCH = 64


def acted_out_of_order(subject: Subject) -> list[Problem]:
    """A measure that acted before a measure it was to follow had acted (or been verified, by
    the verifier the order names if it names one, or acted in full, as the order asks:
    `_met_as_ordered`): worth seeing, and perhaps just what happened. Judged on each day
    it came to act while the order stood (one undone and carried out again after the
    order was set acted then), against what the other had done by that day (a finding
    before a reversal no longer stands); the first such day that came too early is
    named. A part was to follow what the measure it is part of was to follow (each
    measure it was a part of, on the days it was: one moved out since, until it left),
    and a measure what the one it goes together with was to follow (and its parts, each
    on the days it was one); a measure made of parts acted while a part it had then
    acted, and stood verified while every part it had then did, a part moved out since
    counting until it left (`facts.spans_through_parts`, as `--as-of` reads it). One that had
    and no longer did on the day is said to have been undone then (one made of parts, to
    stand as they gave it then). An order changed or removed since counts on the days it
    stood, from the day the measure it names came to be."""
    index = subject.nodes.index()
    parts = _parts_over_time(index)
    found = []
    together: list[Problem] = []  # (said after the orders broken)
    # (the advice for an order entered by mistake reads the history of the measure that
    # holds it, for the change that set it: only one whose record names a `sequence`
    # entry may hold one, `changes.order_in_force`; the others' orders were given when
    # they were added, or by hand, and are not read: at 100,000 measures, half of them;
    # a few measures judged, as a write judges them, each holder's record alone is read)
    known = subject.index
    few = known is not None and len(subject.measures) <= _FEW_TO_SEARCH
    sequenced = set(known.mentioning("sequence")) if known is not None and not few else None
    asked: dict[str, bool] = {}

    def measure(holder: str) -> Callable[[str], Measure] | None:
        if few:
            assert known is not None
            if holder not in asked:
                asked[holder] = known.mentions(holder, "sequence")
            return subject.measure if asked[holder] else None
        return subject.measure if sequenced is None or holder in sequenced else None

    met_over_time: dict[tuple[str, str, str | None], Spans | None] = {}

    for m in subject.measures:
        together += _apart(m, index, measure(m.id))
        if m.first_acted is None:
            continue
        acts = [d for d, acted, _ in own_spans(m, verified=False) if acted]
        held = _constraints_holding(m, index, parts)
        for how, holder, c, bound, until, ender in held:
            first = index.get(c.after) if c.after is not None else None
            if first is None or first.id == m.id:
                continue
            start = max(
                (d for d in (c.set_on, bound, first.created) if d is not None), default=None
            )
            # (the days it came to act while the order held it: not before it was to
            # follow it, nor before it became a part of the measure that was, nor before
            # the measure it was to follow came to be, as `--as-of` views leave it out)
            held_acts = [
                d for d in acts if (start is None or d >= start) and (until is None or d < until)
            ]
            went: dict[date, Extent] = {}  # (a later step of one acting in part, `_steps_on`)
            if not held_acts and holder == m.id and m.first_acted is not None:
                went = {
                    d: e
                    for d, e in _steps_on(m, subject.measure)
                    if (start is None or d >= start) and (until is None or d < until)
                }
                held_acts = list(went)
            if not held_acts:
                continue
            verified = c.require == Require.verified
            # (an order naming a verifier, or one for the measure done in full: met on
            # the days the plan's own rule says it was, `_met_as_ordered`)
            ordered = _met_as_ordered(first, c, subject, met_over_time)
            if ordered is not None:
                spans = ordered
            elif first.statuses:  # (made of parts: as those it had each day gave it)
                spans = spans_through_parts(first)
            else:
                spans = own_spans(first, verified=verified)
            met = verified or ordered is not None  # (the third of the spans, not the second)
            # (each time it came to act: the first that the other had not come before)
            judged = [(d, done_in(spans, d, met)) for d in held_acts]
            acted, then = next(((d, t) for d, t in judged if t is None or t > d), judged[0])
            undone = _undone_on(spans, acted, met)

            full = c.require == Require.full and ordered is not None
            by = f" by {c.verified_by}" if verified and ordered is not None else ""
            done = "was done in full" if full else f"was verified{by}" if verified else "acted"
            who = f", demanded by {c.demanded_by}" if c.demanded_by else ""
            # (how to take the order back, said only in a warning: most orders draw none;
            # one that stands, whose hold a part left, is taken back as ever)
            left = ender is not None and ender.left
            back = None if until is not None and not left else (holder, first.id, c.set_on)
            whose = "" if holder == m.id else " " + how.format(holder)
            if until is not None and ender is not None:  # (a partner acted, a part left)
                whose += f" until {until}, when {ender.said}"
            elif until is not None:
                # (an order toward it stands now: this one was changed, not dropped)
                kept = index.get(holder)
                changed = kept is not None and any(o.after == first.id for o in kept.constraints)
                whose += f" until {until}" + (", when the order changed" if changed else "")
            if undone is not None and (then is None or then > acted):
                lost = f"no longer stood verified{by} on {undone.isoformat()}"
                if full:
                    lost = f"no longer stood done in full on {undone.isoformat()}"
                elif not verified:
                    lost = _lost_action(first, undone)
                not_again = (
                    "been done in full" if full else f"been verified{by}" if verified else "acted"
                )
                again = (
                    f"it {done} again on {then.isoformat()}"
                    if then is not None
                    else f"it has not {not_again} again"
                )
                said = (
                    f"{_how_it_acted(acted, went)}, after '{first.id}', which it was to "
                    f"follow{whose}{who}, {lost} ({again})"
                )
            elif then is None:
                # (not "been verified": one confirmed and refuted on a day was, and did
                # not stand so at its end; read from the node, no measure loaded)
                lacks = (
                    "has not been done in full"
                    if full
                    else f"has not stood verified{by}"
                    if verified
                    else "has not acted"
                )
                said = (
                    f"{_how_it_acted(acted, went)} although '{first.id}', which it was "
                    f"to follow{whose}{who}, {lacks}"
                )
            elif then > acted:
                said = (
                    f"{_how_it_acted(acted, went)}, before '{first.id}' {done} on "
                    f"{then.isoformat()} (it was to follow it{whose}{who})"
                )
            else:
                continue
            found.append(
                warning(
                    m.id,
                    f"{said}; no fix needed if that is what happened"
                    + _mistaken(back, index, measure(back[0]) if back else None, acted),
                    # (about the one it was to follow, and the one whose order held it)
                    tuple(dict.fromkeys(i for i in (first.id, holder) if i != m.id)),
                )
            )
    return found + together


def out_of_order_made(
    before: MeasureIndex,
    after: MeasureIndex,
    touched: Collection[str],
    parties: list[str],
    declared: tuple[Collection[str], Collection[str]] = ((), ()),
) -> list[Problem]:
    """The acted-out-of-order warnings a change from `before` to `after` made about the
    measures it `touched` (`acted_out_of_order`'s own, in its words): each of an order
    that none was of before it (`_order_of`), so that a warning that stood before is not
    said again, though the change moved its words (a step redated: its confirmation line
    says the new day). Read from the few measures that judge
    them (`_judged_on`), not the whole ledger; the ledger before the change only when the
    one after finds something. A rename gives the words of every warning through the
    measure new ids (its undo, the ids it had: `_renamed`), and a party's rename (its
    merge, its removal, or their undo: a party `declared` before the change that is not
    after it) new names, and makes none: none is said of it.

    A measure the change did not touch is judged too where an order it holds names one
    that gave ground (`_waiting_on`: a mark reversed, a finding dropped), or a measure it
    is a part of was given an order or had one moved (`_under_orders_moved`): it may act
    against that order now, as above."""
    ids = [i for i in sorted(touched) if i in after]
    if _renamed(before, after, touched) or any(p not in declared[1] for p in declared[0]):
        return []
    waiting = _waiting_on(before, after, ids)
    waiting += [i for i in _under_orders_moved(before, after, ids) if i not in waiting]
    found = _judged_on(after, ids + waiting, parties)
    if not found:
        return []
    judged = _judged_on(before, ids + waiting, parties)
    held = {_order_of(p) for p in judged}
    return [
        Problem(p.severity, ACTED_OUT_OF_ORDER, p.measure, p.message, p.others)
        for p in found
        if _order_of(p) not in held
    ]


def _renamed(before: MeasureIndex, after: MeasureIndex, touched: Collection[str]) -> bool:
    """Whether the change from `before` to `after` renamed a measure of `touched` (a
    measure new after it whose rename entry names an id gone), or took such a rename
    back (its undo: a measure gone after it whose rename entry names an id new), the one
    way or the other read alike."""
    from ..vocab import renamed_from

    def one_way(old: MeasureIndex, new: MeasureIndex) -> bool:
        return any(
            (was := renamed_from(h)) is not None and was in old and was not in new
            for i in touched
            if i in new and i not in old
            for h in new[i].history
        )

    return one_way(before, after) or one_way(after, before)


def _order_of(p: Problem) -> tuple[str | None, tuple[str, ...], bool]:
    """The order an acted-out-of-order warning is of: its measure, the measures it names
    (the one to follow or go with, and the one whose order held it) and whether it is of
    acting together, whatever days its words give."""
    return p.measure, p.others, "carried out together with" in p.message


def _waiting_on(before: MeasureIndex, after: MeasureIndex, ids: list[str]) -> list[str]:
    """The measures not of `ids` that an order names one of `ids` in, or what one of them
    is part of, where that one gave ground (`_gave_ground`): an order standing, or one
    since ended (`changes.orders_ended`: it held on the days before it ended, as `check`
    judges them); with the measures those go together with and their parts, which follow
    what they follow. A step along the indexes (one pass over who refers to whom), taken
    only when one gave ground: a mark that carries a measure out, a note or a title takes
    none."""
    from ..vocab import ancestors

    gave = [i for i in ids if _gave_ground(before.get(i), after.get(i))]
    if not gave:
        return []
    named = set(gave)
    for ident in gave:
        named.update(ancestors(after, ident))
    holders = {
        i
        for i in after.referrers(named)
        if i not in ids and any(c.other in named for c in after[i].constraints)
    }
    holders.update(i for i in after.followed_once(named, _ended_afters) if i not in ids)
    for ident in list(holders):
        holders.update(
            c.with_ for c in after[ident].constraints if c.with_ is not None and c.with_ in after
        )
        holders.update(after.parts().get(ident, ()))
    return sorted(holders - set(ids))


def _ended_afters(m: Measure) -> list[str]:
    """The measures `m`'s `after` orders since ended named (`changes.orders_ended`)."""
    if not any(h.event == "sequence" for h in m.history):
        return []
    from ..changes import orders_ended

    return [c.after for c, _, _ in orders_ended(m) if c.after is not None]


def _under_orders_moved(before: MeasureIndex, after: MeasureIndex, ids: list[str]) -> list[str]:
    """The parts, and theirs, of each measure of `ids` whose orders the change set, moved
    or took away (`sequence` of a measure made of parts, its order redated): an order on
    such a measure holds each part until that part acts, and a part acts for itself."""
    moved = [i for i in ids if _orders_of_measure(before.get(i)) != _orders_of_measure(after[i])]
    if not moved:
        return []
    from ..vocab import descendants

    parts = after.parts()
    found = {p for ident in moved for p in descendants(parts, ident)}
    return sorted(found - set(ids))


def _orders_of_measure(m: Measure | None) -> tuple[object, ...]:
    """`m`'s orders as they stand and as its history gives them over time (what an order
    holds depends on both)."""
    if m is None:
        return ()
    return (m.constraints, [h for h in m.history if h.event == "sequence"])


def _gave_ground(was: Measure | None, now: Measure | None) -> bool:
    """Whether `now` had not acted, or did not stand verified, on a day `was` had (a mark
    reversed or moved later, a finding dropped), or came to be earlier, or is to have
    another count of parts (`expected_parts`: its parts may no longer make it done in
    full, or verified): a measure waiting for it may then act against the order."""
    from ..lifecycle import effective_creation

    if was is None:
        return False
    if now is None or now.expected_parts != was.expected_parts:
        return True
    made, remade = effective_creation(was), effective_creation(now)
    if remade is not None and (made is None or remade < made):
        return True
    # (a confirmation dropped or moved, one verifier's while another's stands: an order
    # naming that verifier may have been met by it alone)
    if any(v.result == Result.confirmed and v not in now.verifications for v in was.verifications):
        return True
    old, new = _ground(was), _ground(now)

    def on(spans: list[tuple[date, tuple[bool, ...]]], day: date) -> tuple[bool, ...]:
        return next((g for d, g in reversed(spans) if d <= day), (False, False, False))

    days = {d for d, _ in old + new}
    return any(a > b for day in days for a, b in zip(on(old, day), on(new, day), strict=True))


def _ground(m: Measure) -> list[tuple[date, tuple[bool, ...]]]:
    """The days `m`'s own life changed whether it had acted, whether it stood verified and
    whether it stood done in full, each with the three from that day."""
    from ..lifecycle import replay
    from ..vocab import done_in_full

    found: list[tuple[date, tuple[bool, ...]]] = []
    was = (False, False, False)
    for step in replay(m).steps:
        state = step.state
        now = (state.status in ACTED, state.status == Status.verified, done_in_full(state))
        if now != was and step.date is not None:
            found.append((step.date, now))
            was = now
    return found


def _judged_on(index: MeasureIndex, ids: list[str], parties: list[str]) -> list[Problem]:
    """`acted_out_of_order`'s warnings about `ids` (those in `index` that acted), from
    their nodes and those of what it reads of them (`asof.nodes_on`): what holds each, as
    `_holders` walks it (each measure it is or was a part of, each measure it goes
    together with and the parts of that one, now or once, and so on through theirs), and
    the measures the orders of all of these name, now or once."""
    from ..changes import sequenced_with
    from ..lifecycle import replay, was_part_of
    from .asof import nodes_on

    def parts(ident: str) -> list[str]:
        now, once = index.parts(), index.former_parts(was_part_of)
        return sorted({*now.get(ident, ()), *once.get(ident, ())})

    # (one that never acted is judged of nothing; one made of parts acts through them, and
    # is judged of acting apart from one it goes together with: `_apart`)
    acted = [
        i for i in ids if i in index and (replay(index[i]).first_acted is not None or parts(i))
    ]
    if not acted:
        return []
    held: set[str] = set()
    spread: set[str] = set()  # (the partners, and their parts, taken with theirs)
    todo = list(acted)
    while todo:
        ident = todo.pop()
        if ident in held or ident not in index:
            continue
        held.add(ident)
        m = index[ident]
        todo.extend(w for w in (m.part_of, *was_part_of(m)) if w is not None)
        below = [c.with_ for c in m.constraints if c.with_ is not None]
        while below:  # (a partner, and its parts, now or once, and theirs)
            partner = below.pop()
            if partner not in spread and partner in index:
                spread.add(partner)
                todo.append(partner)
                below.extend(parts(partner))
    named = {c.other for i in held for c in index[i].constraints}
    named.update(o for i in held for h in index[i].history if (o := sequenced_with(h)))
    wanted = sorted(held | {i for i in named if i in index})
    nodes = nodes_on(index, wanted, None, parties, parts)
    subject = Subject(
        Nodes("", parties, (), [nodes[i] for i in wanted if i in nodes]),
        (),
        {},
        measure=index.__getitem__,
        index=index,  # (what an order naming a verifier, or for one done in full, reads)
    )
    return [p for p in acted_out_of_order(subject) if p.measure in acted]


def _mistaken(
    back: tuple[str, str, date | None] | None,
    index: dict[str, Node],
    measure: Callable[[str], Measure] | None,
    acted: date | None = None,
) -> str:
    """Advice, after 'no fix needed if that is what happened', for an order entered by
    mistake (`back`: its holder, the measure it names, the day it was set; None for an
    order no longer standing, which nothing takes back): the command that takes back the
    change that set it as if it had never been entered (`_taken_back`; `acted`: the day
    the measure acted against it, which the change in force then set), where one is on
    record; else (an order given when the measure was added, or by hand) its removal on
    the day it stood from (`rules.stood_from`), so that it never stood (removed undated,
    it would stand until today)."""
    if back is None:
        return ""
    taken = _taken_back_or_removed(back, index, measure, acted)
    return f"; if the order was entered by mistake: {taken}"


def _taken_back_or_removed(
    back: tuple[str, str, date | None],
    index: dict[str, Node],
    measure: Callable[[str], Measure] | None,
    acted: date | None = None,
) -> str:
    """The command, quoted, that takes back an order (`back`: its holder, the measure it
    names, the day it was set) as if it had never been entered (`_taken_back`, as it
    stood on `acted`, given), where one is on record; else its removal on the day it
    stood from (`rules.stood_from`), so that it never stood (removed undated, it would
    stand until today)."""
    holder, other, set_on = back
    taken = _taken_back(holder, other, measure, acted)
    if taken is not None:
        return f"'{taken}'"
    made = [n.created for n in map(index.get, (holder, other)) if n is not None]
    day = stood_from(set_on, made)
    told = "" if day is not None else ", D the day it was set ('dprk log' dates it)"
    on = day if day is not None else "D"
    return f"'dprk sequence {holder} --remove {other} --date {on}'{told}"


def _taken_back(
    holder: str, other: str, measure: Callable[[str], Measure] | None, acted: date | None = None
) -> str | None:
    """The command that takes back the change of `holder`'s history that set its order
    with `other` as it stands (its latest-dated; `acted` given, a day a measure acted
    against it: the latest-dated on or before that day, one set again later, a demand
    made anew, being none of the mistake), as if it had never been entered:
    `drop-entry` of it (and of each earlier one that gives the order again, or the one it
    corrected that day: `_drops_of`),
    where that takes it back (`changes.order_kept`); else the order
    it replaced given again on its day (a `with`: on each measure, what it replaced
    there). Following a removal instead would end what the change replaced too. None when
    no change of it is on record, or it replaced no order (its removal on the day it was
    set is the advice then), or its drop would give a `with` back on one measure alone
    (`changes.WITH_ALONE`: given again there, it would replace the other's later order;
    its removal leaves the with ended), or the measures are not at hand."""
    if measure is None:
        return None
    from ..changes import WITH_ALONE, order_dropped, order_in_force, order_kept, order_mirror

    m = measure(holder)
    found = order_in_force(m, other)
    standing = [c for c in m.constraints if c.other == other]
    if found is None or found[1] is None or standing != [found[1]]:
        return None  # (given when it was added, or by hand: no change of it on record)
    if acted is not None and found[0].date > acted:  # (given again since: no slip of it)
        then = _in_force_on(m, other, acted)
        return _drops_of(m, measure(other), then, acted) if then is not None else None
    h, partner = found[0], measure(other)  # (the other read only where it may count)
    kept = order_kept(m, partner, h)
    if kept is None:
        return _drops_of(m, partner, (h, found[1]))
    if kept == WITH_ALONE:  # (given back on one measure alone: its removal instead)
        return None
    sides = [(m, h)]
    mirror = order_mirror(m, partner, h)
    if mirror is not None:
        sides.append((partner, mirror))
    again = []
    for side, change in sides:
        dropped = order_dropped(side, change)
        if dropped is None:
            return None
        if dropped[1] is not None:
            again.append(f"dprk sequence {side.id} {order_options(dropped[1])} --date {h.date}")
    return " && ".join(again) if again else None


def _in_force_on(m: Measure, other: str, day: date) -> tuple[HistoryEntry, Constraint] | None:
    """`m`'s latest-dated change of its order with `other` on or before `day`, with the
    order it set (`changes.order_in_force`, of the changes up to that day); None where
    that change set none (a removal), none was on record by then, or it cannot be read
    back."""
    from ..changes import order_changes_with, order_in_force

    later = {id(h) for h, _ in order_changes_with(m, other) if h.date > day}
    then = order_in_force(
        m.model_copy(update={"history": [h for h in m.history if id(h) not in later]}), other
    )
    return (then[0], then[1]) if then is not None and then[1] is not None else None


def _drops_of(
    m: Measure,
    partner: Measure,
    found: tuple[HistoryEntry, Constraint],
    acted: date | None = None,
) -> str | None:
    """The `drop-entry` commands that take away `m`'s order with `partner` as `found` has
    it (its latest-dated change, and the order it set; `acted` given, the day a measure
    acted against it: the one in force that day, `_in_force_on`, those dated later left as
    they are): that change, and each earlier one
    that gives an order back once the later are dropped, where it gives the same order
    (given again on another day: dropping the latest alone leaves it standing) or one of
    its kind set the day of the change it replaced (corrected the day it was set, it
    never stood on its own: dropping the correction alone gives back the slip it
    corrected); the last first (dropping one renumbers those after it), joined with
    '&&'. An order it gives back that stood before the change dropped is left standing:
    the change was the slip; so is one of the other kind (a `with` an order after the
    other replaced, or the reverse), set that day or not: the change replaced an order,
    no slip in how it was typed. None when
    one of the earlier ones is kept (`changes.order_kept`), or the order stands by no
    change (given when the measure was added): its removal is the advice then."""
    from ..changes import order_dropped, order_in_force, order_kept, order_mirror
    from ..lifecycle import in_log_order

    order, drops = found[1], []
    while True:
        h = found[0]
        if order_kept(m, partner, h) is not None:
            return None
        drops.append(next(n for n, e in enumerate(in_log_order(m), 1) if e is h))
        mirror = order_mirror(m, partner, h)  # (a with: drop-entry takes it from both)
        left = order_dropped(m, h)
        theirs = order_dropped(partner, mirror) if mirror is not None else None
        if left is None or (mirror is not None and theirs is None):
            return None
        m, partner = left[0], theirs[0] if theirs is not None else partner
        if acted is not None:  # (what stood on that day, those dated later left as they are)
            again = _in_force_on(m, partner.id, acted)
            if again is None:
                break  # (none stood then: taken away)
        else:
            standing = [c for c in m.constraints if c.other == partner.id]
            if not standing:
                break  # (taken away)
            latest = order_in_force(m, partner.id)
            if latest is None or latest[1] is None or standing != [latest[1]]:
                return None
            again = (latest[0], latest[1])
        kind = (again[1].with_ is None) == (order.with_ is None)
        if again[1] != order and (again[0].date != h.date or not kind):
            break  # (it gives back the order that stood before it: the change was the slip)
        order, found = again[1], again
    return " && ".join(f"dprk drop-entry {m.id} {n}" for n in drops)


def _apart(
    m: Node, index: dict[str, Node], measure: Callable[[str], Measure] | None
) -> list[Problem]:
    """`m` set to be carried out together with another (`--with`, as it stands), first
    acting, from the day they were set together, on a later day than the other, or
    alone (one withdrawn or rejected by then ties nothing; one withdrawn or rejected
    after `m` acted left it alone all the same; one that was acting already when they
    were set together is not judged): said of the measure that acted late or alone. A
    measure made of parts acts while a part it had then does."""
    found = []
    for c in m.constraints:
        other = index.get(c.with_) if c.with_ is not None else None
        if other is None:
            continue
        closed = other.since if other.status in CLOSED else None
        if other.status in CLOSED and closed is None:
            continue  # (closed on a day not known: nothing to judge by)
        mine, theirs = (_acts_from(n, c.set_on) for n in (m, other))
        if mine is None or theirs is None:
            continue  # (acting when they were set together)
        if not mine or (closed is not None and closed <= mine[0]):
            continue  # (it never acted, or the other was closed by then)
        if theirs and theirs[0] >= mine[0]:
            continue  # (acted the same day, or the other acted late: said of it)
        said = (
            f"acted on {theirs[0].isoformat()}"
            if theirs
            else "has not acted"
            if closed is None
            else f"was {other.status.value} on {closed.isoformat()} without acting"
        )
        found.append(
            warning(
                m.id,
                f"acted on {mine[0].isoformat()}, while '{other.id}', which it was to be "
                f"carried out together with, {said}; no fix needed if that is what happened"
                + _mistaken((m.id, other.id, c.set_on), index, measure),
                (other.id,),
            )
        )
    return found


def _how_it_acted(day: date, went: Mapping[date, Extent]) -> str:
    """How a measure came to act on `day`, as an out-of-order warning says it: it acted,
    or it went on to a higher extent (`went`, `_steps_on`), the rest of what it began."""
    step = went.get(day)
    if step is None:
        return f"acted on {day.isoformat()}"
    return f"went on to {step.value} on {day.isoformat()} (the rest of what it began)"


def _steps_on(n: Node, measure: Callable[[str], Measure] | None) -> list[tuple[date, Extent]]:
    """The days a measure that acts itself, having acted in part, went on to a higher
    extent while it still stood acted (the rest of what it began, which an order given
    after it began holds: `sequencing.rest_owed`), each with the extent reached; read
    from its replay, for the few measures with an order given after they acted (none
    when the measures are not at hand, or for one made of parts: its parts step)."""
    if measure is None or n.statuses:
        return []
    from ..lifecycle import replay

    found: list[tuple[date, Extent]] = []
    was: Extent | None = None
    for step in replay(measure(n.id)).steps:
        status, extent = step.state.status, step.state.extent
        if status not in ACTED:
            was = None
            continue
        if was is not None and EXTENT_LEVEL[extent] > EXTENT_LEVEL[was]:
            found.append((step.date, extent))
        was = extent
    return found


def _acts_from(n: Node, start: date | None) -> list[date] | None:
    """The days after `start` on which `n` came to act (the first of them first); None
    when it was acting on `start` already (having come to act that day too: the pair set
    together the day one acted is set around that action). A measure made of parts, as
    those it had each day gave it (`facts.acted_spans`)."""
    spans = acted_spans(n)
    if start is not None:
        before = [acted for d, acted, _ in spans if d <= start]
        if before and before[-1]:
            return None
    return [d for d, acted, _ in spans if acted and (start is None or d > start)]


def _undone_on(spans: Spans, day: date, verified: bool) -> date | None:
    """The day by `day` on which a measure that had acted (`verified`: stood verified)
    no longer had, when it has not by the end of `day`; None when it never had, or has."""
    undone: date | None = None
    had = False
    for d, acted, found in spans:
        if d > day:
            break
        done = found if verified else acted
        if done:
            had, undone = True, None
        elif had and undone is None:
            undone = d
    return undone


def _met_as_ordered(
    first: Node, c: Link, subject: Subject, known: dict[tuple[str, str, str | None], Spans | None]
) -> Spans | None:
    """For an order that asks more of `first` than its node's spans tell (one naming a
    verifier, `verified_by`; one for it done in full), `first`'s (acted, met as `c`
    asks) over time: each day the ledger read as of it (`asof.nodes_on`, what `plan
    --as-of` reads) gave either anew, the order judged by the plan's own rule of it
    (`sequencing.order_met`; one made of parts verified by who confirmed each part it
    had that day, `facts.verifiers`). Read from `first`'s entries and findings, and its
    parts' (each day one of them is dated on), so that
    only measures such an order names are read in full; kept in `known` for the other
    orders that name it so. None for any other order, or when the measures are not at
    hand (then judged from the node, as an order naming no verifier)."""
    from .sequencing import by_status_alone

    if by_status_alone(c):
        return None
    full = c.require == Require.full
    index = subject.index
    if index is None or first.id not in index:
        return None
    from ..rules import party_key

    key = (first.id, c.require.value, None if full else party_key(c.verified_by or ""))
    if key in known:
        return known[key]
    from ..lifecycle import was_part_of
    from .asof import nodes_on
    from .sequencing import order_met

    now, once = index.parts(), index.former_parts(was_part_of)

    def parts(ident: str) -> list[str]:
        return sorted({*now.get(ident, ()), *once.get(ident, ())})

    days: set[date] = set()
    seen: set[str] = set()
    todo = [first.id]
    while todo:
        ident = todo.pop()
        if ident in seen or ident not in index:
            continue
        seen.add(ident)
        m = index[ident]
        days.update(h.date for h in m.history)
        days.update(v.date for v in m.verifications)
        todo.extend(parts(ident))
    parties = list(subject.nodes.parties)
    spans: Spans = []
    below = sorted(seen)  # (its parts, now or once, and theirs: a whole's verifier is theirs)
    for day in sorted(days):
        n = nodes_on(index, below, day, parties, parts).get(first.id)
        acted = n is not None and n.status in ACTED
        met = order_met(c, n)
        if (spans[-1][1:] if spans else (False, False)) != (acted, met):
            spans.append((day, acted, met))
    known[key] = spans
    return spans


def _lost_action(n: Node, day: date) -> str:
    """How `n`, which had acted, no longer had on `day`: reversed; or, made of parts, back
    at the status the parts it had then gave it (its only parts that had acted left it,
    say), which is no reversal."""
    status = next((s for d, s in reversed(n.statuses) if d <= day), Status.reversed)
    if status == Status.reversed:
        return f"was reversed on {day.isoformat()}"
    return f"stood {status.value} on {day.isoformat()}, as its parts gave it"


class Ender(NamedTuple):
    """What ended a hold on a measure before the order itself did: a partner that acted
    (`said`: "'n' acted"), or a part that left the measure made of parts whose order held
    it (`left`: "it left 'w'"), the order standing all the same."""

    said: str
    left: bool = False


# (how, the holder, its order, from when, until when, and what ended the hold then, if
# something other than the order's own end did)
Held = tuple[str, str, Link, date | None, date | None, Ender | None]


def _orders_of(n: Node, own: str) -> list[tuple[Link, date | None]]:
    """`n`'s `after` orders, each with the day it ended (None: it stands), those it held
    once and changed or removed since (`Node.ended`) too; none toward `own`."""
    found: list[tuple[Link, date | None]] = [
        (c, None) for c in n.constraints if c.after not in (None, own)
    ]
    return found + [(c, until) for c, until in n.ended if c.after not in (None, own)]


def _constraints_holding(m: Node, index: dict[str, Node], parts: PartsOverTime) -> list[Held]:
    """The `after` constraints `m` was to keep, each with how it holds it, in words to fill
    with the holder ("" its own; "as part of '{}'" a whole's; "as its partner '{}' was"
    that of a measure it goes together with; "as '{}' was, going together with it" one
    its group holds; a part or a whole of one of its group named with the one that goes
    together with it, `_PART` and `_WHOLE`), the measure that holds it, the day `m` came
    under it (None: always) and the day the order ended (None: it stands): its own, and
    those of every measure that holds it (`_holders`), an order changed or removed since
    counting until then."""
    found: list[Held] = [("", m.id, c, None, until, None) for c, until in _orders_of(m, "")]
    for holder, how, bound, ends, ender in _holders(m, index, parts):
        for c, until in _orders_of(index[holder], m.id):
            if ends is not None and (until is None or ends < until):
                found.append((how, holder, c, bound, ends, ender))
            else:
                found.append((how, holder, c, bound, until, None))
    return found


_UP = "as part of '{}'"
_WITH = "as its partner '{}' was"
_GROUP = "as '{}' was, going together with it"
# (a part or a whole of a measure of its group does not go together with it itself: the
# one that does is named, the second '{}', filled as the hold is found)
_PART = "as '{}' was, a part of '{}' going together with it"
_WHOLE = "as '{}' was, of which '{}', going together with it, was a part"


def _wholes_over_time(node: Node) -> list[tuple[str, date | None, date | None]]:
    """Each measure `node` was a part of, with the day it became one (None: since it was
    made) and the day it left (None: it still is): the one it is a part of now, and
    those an edit moved it out of since (`Node.left`, from the replay's reading of its
    `part_of` over time, as `--as-of` has it on each day)."""
    found: list[tuple[str, date | None, date | None]] = [
        (whole, start, end) for whole, start, end in node.left
    ]
    if node.part_of is not None:
        found.append((node.part_of, node.joined, None))
    return found


# (each measure's parts, now or once, each with the day it became one, None: since it
# was made, and the day it left, None: it still is one)
PartsOverTime = dict[str, list[tuple[str, date | None, date | None]]]


def _parts_over_time(index: dict[str, Node]) -> PartsOverTime:
    """Each measure's parts over time, in id order: `_wholes_over_time` of every measure
    turned around (a part moved out since is one of the measure it left, until then)."""
    found: PartsOverTime = {}
    for n in index.values():
        for whole, start, end in _wholes_over_time(n):
            if whole in index and whole != n.id:
                found.setdefault(whole, []).append((n.id, start, end))
    for stretches in found.values():
        stretches.sort(key=lambda s: (s[0], s[1] or date.min))
    return found


def _holders(
    m: Node, index: dict[str, Node], parts: PartsOverTime
) -> list[tuple[str, str, date | None, date | None, Ender | None]]:
    """The measures whose orders hold `m`, as `next` groups them, each with how (see
    `_constraints_holding`), the day from which it does (None: always), the day it no
    longer does (None: never) and what ended it then: each measure it is or was a part
    of, and so on up, on the days it (and each between) was one (one it left, until that
    day); each measure it or one of those goes together with, from the day they went
    together (one made of parts with its parts, as those go together with it, each on the
    days it was one: `_parts_over_time`, one moved out since until it left), and so on
    through theirs, until that partner came to act (`next` groups measures yet to act:
    one left alone by a partner that acted is held by its own orders only; that partner
    is named). Of two ways over the same days, the one that held it first; a measure
    that held it over days apart (a part that left it and came back) is named for each."""
    best: dict[str, list[tuple[str, date | None, date | None, Ender | None]]] = {}
    # (and, for a part or a whole of a measure of its group, that measure: `_PART`)
    ahead: list[tuple[str, str, date | None, date | None, Ender | None, str | None]] = [
        (m.id, "", None, None, None, None)
    ]
    taken: set[tuple[str, date | None, date | None]] = set()  # (each stretch once)
    while ahead:
        ident, how, bound, ends, ender, of = ahead.pop()
        node = index.get(ident)
        if node is None or (bound is not None and ends is not None and bound >= ends):
            continue  # (not in the ledger, or held on no day)
        if ident != m.id:
            if (ident, bound, ends) in taken:
                continue
            taken.add((ident, bound, ends))
            had = best.setdefault(ident, [])
            over = [h for h in had if _overlap(h[1], h[2], bound, ends)]
            if any(h[1] is None or (bound is not None and h[1] <= bound) for h in over):
                continue  # (held from then already)
            had[:] = [h for h in had if h not in over]
            had.append((how, bound, ends, ender))
        elif how:
            continue  # (back to itself)
        for whole_id, start, end in _wholes_over_time(node):
            whole = index.get(whole_id)
            if whole is None:
                continue
            # (what it is or was part of holds it, on the days it was one; of a measure of
            # its group, as the whole of the one that goes together with it, or, of a part
            # of that one, as that one or another part of it)
            up, member = _UP, None
            if of is not None and how == _PART.format("{}", of):
                up, member = (_GROUP, None) if whole_id == of else (how, of)
            elif how not in ("", _UP):
                member = of or ident
                up = _WHOLE.format("{}", member)
            until, by = ends, ender
            if end is not None and (ends is None or end < ends):
                who = "it" if ident == m.id else f"'{ident}'"
                until, by = end, Ender(f"{who} left '{whole_id}'", left=True)
            then = _later(bound, start)
            if until is None or then is None or then < until:
                ahead.append((whole.id, up, then, until, by, member))
        for link in node.constraints:
            partner = index.get(link.with_) if link.with_ is not None else None
            if partner is None:
                continue
            side = _WITH if how == "" else _GROUP
            then = _later(bound, link.set_on)
            acts = _acts_from(partner, then)
            # (acting when they went together: no pair to hold it; else until it acted)
            acted = then if acts is None else (acts[0] if acts else None)
            until, by = ends, ender
            if acted is not None and (ends is None or acted < ends):
                until, by = acted, Ender(f"'{partner.id}' acted")
            ahead.append((partner.id, side, then, until, by, None))
            # (its parts go together with it, each on the days it was one: one moved out
            # since, until it left, as `--as-of` has it; and theirs in turn)
            below = [(partner.id, then, until, by)]
            seen: set[tuple[str, date | None, date | None]] = set()
            while below:
                whole_id, start, stop, why = below.pop()
                for part, joined, left in parts.get(whole_id, ()):
                    held_until, held_by = stop, why
                    if left is not None and (stop is None or left < stop):
                        held_until = left
                        held_by = Ender(f"'{part}' left '{whole_id}'", left=True)
                    held_from = _later(start, joined)
                    key = (part, held_from, held_until)
                    if key in seen or (held_from and held_until and held_from >= held_until):
                        continue  # (followed already, or a part on no day it held)
                    seen.add(key)
                    held = _PART.format("{}", partner.id)
                    ahead.append((part, held, held_from, held_until, held_by, partner.id))
                    below.append((part, held_from, held_until, held_by))
    return [(holder, *entry) for holder, entries in best.items() for entry in entries]


def _overlap(
    a_from: date | None, a_until: date | None, b_from: date | None, b_until: date | None
) -> bool:
    """Whether two stretches of days (from a day, None: always; until a day, None: never)
    share a day."""
    return (a_until is None or b_from is None or b_from < a_until) and (
        b_until is None or a_from is None or a_from < b_until
    )


def _earlier(a: date | None, b: date | None) -> date | None:
    """The earlier of two days on which something ends (None: never)."""
    if a is None:
        return b
    return a if b is None else min(a, b)


def _later(a: date | None, b: date | None) -> date | None:
    """The later of two days from which something holds (None: always)."""
    if a is None:
        return b
    return a if b is None else max(a, b)


def dated_after_today(subject: Subject) -> list[Problem]:
    """A measure whose record says it changed, or was found so, or has another event (a
    note, a link, an order, a dated field's edit) after today: no command
    records that (`--date` refuses it), so a hand edit did, a date typed wrong most
    likely. A warning, for what is after today is judged on the day `check` runs (a
    write refuses such an event: `rules.events_after_today`; this reads the nodes). A
    grace of two days: a teammate a time zone ahead (in Seoul, in Kiritimati) records
    events of a day that has not yet begun here, and dprk wrote them (Kiritimati, at UTC+14,
    is two days ahead of Pago Pago, at UTC-11, for an hour each day). A finding's record
    redated by hand is said once, by the `finding-records` error, which gives the day to
    write (`_misdated_said`); the measure's other events after today are warned of. A
    day a part moved the measure made of it (`Node.by_parts`) is the part's event, warned
    of on the part, whose log numbers it: not on the whole, unless an entry of its own is
    of that day too."""
    day = subject.day
    grace = day + timedelta(days=2)
    found = []
    for n in subject.measures:
        # (and its latest other event, a note, a link, an order: `last_date`, and the
        # latest edit of a dated field, a deadline moved: `last_edit`)
        dates = [n.since, n.acted_since, n.first_acted, n.first_verified, n.last_date, n.last_edit]
        if n.latest_finding is not None:
            dates.append(n.latest_finding.date)
        # (the latest of them, but a finding's record redated by hand, which the
        # `finding-records` error names with the day to write: said once, there)
        for latest in sorted({d for d in dates if d is not None and d > grace}, reverse=True):
            if latest in n.by_parts and not _own_day(subject, n.id, latest):
                continue  # (a part's event moved it that day: warned of on the part)
            record = _record_alone(subject, n.id, latest)
            if record is not None and _misdated_said(subject, n.id, latest):
                continue
            found.append(
                warning(
                    n.id,
                    f"its record has an event on {latest}, after today ({day}): a date typed "
                    f"wrong? ('dprk log {n.id}' numbers the entries, 'dprk redate' corrects "
                    "one)"
                    if record is None
                    else f"the finding '{record}': {MISDATED} {latest}, after today ({day}), "
                    f"a day no entry of its history holds ('dprk log {shell_word(n.id)}' "
                    "does not list it): a date typed wrong? correct it in the file",
                )
            )
            break
    return found


FAR_BEFORE_THE_REST = "far-before-the-rest"
FAR_YEARS = 100  # (how far before the next earliest day a day is taken as typed wrong)


def far_before_the_rest(subject: Subject) -> list[Problem]:
    """A day more than FAR_YEARS years before the next earliest day of the ledger
    (`far_before`): a year typed wrong by centuries most likely (1195 for 1995), which
    every view by year would stretch back to."""
    return far_before(subject.nodes, subject.measure)


def far_before(
    nodes: Nodes,
    measure: Callable[[str], Measure] | None,
    only: Collection[str] | None = None,
) -> list[Problem]:
    """The far-before-the-rest warnings of a ledger (its `nodes`; `only`: of those measures
    alone, as the write that brought the day says it): each measure whose first day
    (`_first_day`) is the ledger's earliest, where that is more than FAR_YEARS years before
    the next earliest day of any measure. One pass over the nodes for the two earliest
    days; only the measures of the earliest are read in full (`measure`), to name the
    entry of that day (one a part's day alone gave its whole, not its own: said of the
    part). Days close together, however old, and a ledger of one day, are not warned of."""
    first = second = None
    days = [_first_day(n) for n in nodes.measures]
    for day in days:
        if day is None or day == first:
            continue
        if first is None or day < first:
            first, second = day, first
        elif second is None or day < second:
            second = day
    if first is None or second is None:
        return []
    bound = years_before(second, FAR_YEARS)
    if bound is None or first >= bound:
        return []
    found = []
    for n, day in zip(nodes.measures, days, strict=True):
        if day != first or (only is not None and n.id not in only):
            continue
        what = f"its record has an event on {first}"
        advice = f"('dprk log {shell_word(n.id)}' numbers the entries, 'dprk redate' corrects one)"
        if measure is not None:
            said = _far_day_said(measure(n.id), first)
            if said is None:
                continue  # (a part's day that moved its whole: said of the part)
            what, advice = said
        found.append(
            Problem(
                WARNING,
                FAR_BEFORE_THE_REST,
                n.id,
                f"{what}, more than {FAR_YEARS} years before the next earliest day of the "
                f"ledger ({second}): a date typed wrong? {advice}",
            )
        )
    return found


def _first_day(n: Node) -> date | None:
    """A measure's first day, as its node has it: the day it came to be (an event before
    it is an error, `rules`, and a deadline before it a warning of its own,
    `deadline-before-creation`); for one written by hand whose creation no event dates,
    its earliest event or deadline."""
    if n.created is not None:
        return n.created
    days = [n.since, n.first_acted, n.first_verified, n.last_date, n.last_edit, n.deadline]
    if n.latest_finding is not None:
        days.append(n.latest_finding.date)
    return min((d for d in days if d is not None), default=None)


def years_before(day: date, years: int) -> date | None:
    """The same day `years` years before `day` (29 February: the 28th), None before year 1."""
    year = day.year - years
    if year < 1:
        return None
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


def _far_day_said(m: Measure, day: date) -> tuple[str, str] | None:
    """What holds measure `m`'s `day` in its own record, and how to correct it: its first
    entry of that day as `dprk log` numbers it (the redate that corrects it), else a
    finding's record alone (corrected in the file), else its deadline. None when its own
    record holds no such day (a whole its part's day moved)."""
    from ..lifecycle import in_log_order

    ident = shell_word(m.id)
    log = f"'dprk log {ident}' numbers the entries"
    for number, h in enumerate(in_log_order(m), 1):
        if h.date == day and not h.undated:
            return (
                f"its record has an event on {day} (entry {number}, {h.event})",
                f"({log}, 'dprk redate {ident} {number} YYYY-MM-DD' corrects it)",
            )
    for v in m.verifications:
        if v.date == day:
            record = finding_text(v.result, v.by)
            return (
                f"the finding '{record}' is dated {day}",
                "correct its record under the measure's verifications in the file",
            )
    if m.deadline == day:
        return (
            f"its deadline is {day}",
            f"('dprk edit {ident} --deadline YYYY-MM-DD' corrects it)",
        )
    return None


def _misdated_said(subject: Subject, ident: str, day: date) -> bool:
    """Whether measure `ident` has a finding's record dated `day` whose date alone a hand
    edit changed, which the `finding-records` error says with the day to write
    (`lifecycle.misdated_records`)."""
    assert subject.measure is not None  # (`_record_alone` found the record)
    from ..lifecycle import misdated_records

    return any(v.date == day for v in misdated_records(subject.measure(ident)))


def _own_day(subject: Subject, ident: str, day: date) -> bool:
    """Whether measure `ident`'s own record (its history, its findings) holds an entry
    dated `day`, beside what its parts made of it that day; taken not to when the measure
    is not at hand (its parts' events are warned of on them)."""
    if subject.measure is None:
        return False
    m = subject.measure(ident)
    return any(h.date == day for h in m.history) or any(v.date == day for v in m.verifications)


def _record_alone(subject: Subject, ident: str, day: date) -> str | None:
    """In words, the finding of measure `ident` whose record under its verifications
    alone is dated `day`, no entry of its history (a hand edit of the record's date):
    `dprk log` and `dprk redate` do not reach that day, the file does. None when an entry
    holds the day, or the measure is not at hand."""
    if subject.measure is None:
        return None
    m = subject.measure(ident)
    if any(h.date == day for h in m.history):
        return None
    return next((finding_text(v.result, v.by) for v in m.verifications if v.date == day), None)


def dated_after(measures: Iterable[Node], day: date) -> list[str]:
    """The ids of the measures with an event dated after `day` (their latest, `Node.last_date`:
    a step, a finding, a note, a link, an order; or an edit of a dated field, a hand-over,
    a deadline moved, `Node.last_edit`; not a correction of the record), in ledger order."""
    return [
        n.id
        for n in measures
        if (n.last_date is not None and n.last_date > day)
        or (n.last_edit is not None and n.last_edit > day)
    ]


def after_the_end_text(ids: Sequence[str], day: date, *, given: bool = False) -> str:
    """What is said of measures `ids`, with events dated after `day`, the day the talks
    ended: by `check`, or (`given`) by the write that records that day."""
    which = f"{day}, the end given" if given else f"the talks ended on {day}"
    have = "has" if len(ids) == 1 else "have"
    return (
        f"{counted(len(ids), 'measure')} {have} events dated after {which} "
        f"({in_prose(ids, most=3)}): views asked of no day leave them out; --as-of DAY "
        "shows them"
    )


def after_the_end(subject: Subject) -> list[Problem]:
    """Events dated after the day the talks ended (the header's `ended`): kept (a measure
    carried out after the talks is no mistake), but every view asked of no day reads the
    ledger as of the end, without them; an end typed wrong hides them all. One warning,
    the measures counted, a few named."""
    if subject.ended is None:
        return []
    ids = dated_after(subject.measures, subject.ended)
    return [warning(None, after_the_end_text(ids, subject.ended))] if ids else []


def recorded_after_now(subject: Subject) -> list[Problem]:
    """A measure with a history entry recorded a day or more after now (`clock.recorded_ahead`:
    quick writes in a row record seconds ahead, no more; `clock.latest_now`: a fixed
    SOURCE_DATE_EPOCH later than the system's clock moves it on, one earlier does not, as
    a file recorded after a clock set back is none typed wrong): no command records one
    but after such an entry, so a hand edit did, a year
    typed wrong most likely; and since dprk never records an entry before a measure's
    latest (`lifecycle.recorded_in_order`), every entry it adds to the measure is
    recorded after that time. A warning, judged when `check` runs. One comparison per
    node; the first such entry is named when the measure is at hand in full."""
    from ..clock import latest_now, recorded_ahead

    moment = latest_now()
    found = []
    for n in subject.measures:
        if n.last_recorded is None or not recorded_ahead(n.last_recorded):
            continue
        at = n.last_recorded.isoformat(sep=" ")
        entry = f"an entry recorded at {at}"
        if subject.measure is not None:
            from ..lifecycle import in_log_order

            listed = in_log_order(subject.measure(n.id))
            late = [(i, h) for i, h in enumerate(listed, 1) if recorded_ahead(h.recorded)]
            number, h = min(late, key=lambda found: found[1].recorded)
            after = [f"entry {i}" for i, _ in late if i != number]
            shown = named_first(after, 0)  # (one named, more counted)
            more = f" (and {shown[0] if shown else f'{len(after)} more'} after it)" if after else ""
            at = h.recorded.isoformat(sep=" ")
            entry = f"entry {number} ({h.event}, {h.date}) is recorded at {at}{more}"
        found.append(
            warning(
                n.id,
                f"{entry}, after now ({moment.isoformat(sep=' ')}): a time typed wrong? "
                f"correct its recorded in the file ('dprk log {shell_word(n.id)}' numbers the "
                "entries); until then, each entry dprk adds to it is recorded after that time",
            )
        )
    return found


def corrections_out_of_order(subject: Subject) -> list[Problem]:
    """A correction of a measure's title, category or notes dated before one of the same
    field recorded before it, which `edit` and `redate` refuse (`changes.correction_crossed`,
    the one rule, asked of each as `edit` asked it when it was made: the order made is the
    order recorded), written by an earlier dprk or by hand: `dprk log`, read by date, and
    every view of a past day read the words out of the order they were made in, the last
    made in force. The first of a measure is named (a redate renumbers the entries), with
    the redate that dates it on the day of the last one before it, as `edit` would have.
    Only the measures whose history may edit one of these fields are read in full."""
    index = subject.index
    if index is None:
        return []
    from ..changes import CORRECTED_FIELDS, correction_crossed
    from ..lifecycle import field_changes, in_log_order

    measure = subject.measure or index.__getitem__
    wanted = {i for name in CORRECTED_FIELDS for i in index.mentioning(f"{name}: ")}
    found = []
    for node in subject.measures:
        if node.id not in wanted:
            continue
        m = measure(node.id)
        crossing = None
        for name in CORRECTED_FIELDS:
            edits = sorted(field_changes(m, name), key=lambda e: e[0].recorded)
            for at, (h, before, after) in enumerate(edits):
                made = m.model_copy(update={"history": [e[0] for e in edits[:at]]})
                if correction_crossed(made, name, h.date) is not None:
                    last = max(e[0].date for e in edits[:at])
                    crossing = (name, h, f"{name}: {before} -> {after}", last)
                    break
            if crossing is not None:
                break
        if crossing is None:
            continue
        name, h, said, last = crossing
        number = next(n for n, e in enumerate(in_log_order(m), 1) if e is h)
        found.append(
            warning(
                m.id,
                f"entry {number} ({said}), dated {h.date}, was recorded after a correction "
                f"of its {name} dated {last}: 'dprk log', read by date, and every view of a "
                "past day (--as-of) read them out of the order they were made in, the last "
                f"made in force; date it on or after that day ('dprk redate "
                f"{shell_word(m.id)} {number} {last}')",
            )
        )
    return found


def deadlocks(subject: Subject) -> list[Problem]:
    """Each deadlock, as `plan` finds it: of talks that ended, as of their end (`plan`
    reads them so), with the days it had stood then and its advice dated that day."""
    end = subject.ended if subject.at_end is not None else None
    nodes, since = subject.at_end() if subject.at_end is not None else (None, None)
    if nodes is None:  # (as the ledger stands: of talks over, as it stood at their end too)
        if subject.deadlock_free:
            return []
        nodes = subject.nodes
    found = []
    known = nodes.index()
    for d in find_deadlocks(nodes):
        if d.suggestions:
            fix = "to carry the exchanged measures out together, run " + in_prose(
                f"'{dated(s, end)}'" for s in d.suggestions
            )
        else:  # (the demands, any one of which dropped breaks it; else what to do, in words)
            fix = drops_text(d, lambda command: f"'{dated(command, end)}'") or (
                "drop or change one of these constraints with 'dprk sequence ID --remove OTHER'"
            )
        if end is not None and since is not None:  # (talks over: the days it stood then)
            fix = f"{stood_at_the_end(end, since(d))}; {fix}"
        first = d.demands[0].measure if d.demands else d.measures[0]
        # (its measures, then those it says hold them besides: "b also waits for d")
        held = [h.wait.after for h in d.holds if h.wait.after in known]
        others = tuple(i for i in dict.fromkeys([*d.measures, *held]) if i != first)
        found.append(warning(first, f"deadlock: {deadlock_text(d)}; {fix}", others))
    return found


DEMANDS_BOTH_WAYS = "demands-both-ways"


def demands_both_ways(subject: Subject) -> list[Problem]:
    """Two measures each ordered to wait for the other, both orders standing and demanded
    by one party: a deadlock of its own making, one of them typed the wrong way round
    most likely. Said of the one set later (by day, then as recorded), with the command
    that takes it back (`_taken_back`; else its removal on the day it was set)."""
    index = subject.nodes.index()
    found = []
    for n in subject.measures:
        for c in n.constraints:
            if c.after is None or c.demanded_by is None or c.after <= n.id:
                continue  # (each pair once, from the first of the two by id)
            other = index.get(c.after)
            if other is None:
                continue
            back = next((b for b in other.constraints if _demands(b, n.id, c)), None)
            if back is None:
                continue
            mine, theirs = (n.id, c.after, c.set_on), (other.id, n.id, back.set_on)
            first, later = (mine, theirs) if _set_before(mine, theirs, subject) else (theirs, mine)
            fix = f"{_taken_back_or_removed(later, index, subject.measure)} takes back the later"
            found.append(
                warning(later[0], _both_ways(c.demanded_by, first[0], later[0], fix), (first[0],))
            )
    return found


def _demands(c: Link, after: str, of: Link) -> bool:
    """Whether order `c` waits for `after`, demanded by the party that demanded `of`."""
    return c.after == after and c.demanded_by == of.demanded_by


def _set_before(
    a: tuple[str, str, date | None], b: tuple[str, str, date | None], subject: Subject
) -> bool:
    """Whether order `a` (its holder, the measure it waits for, the day it was set) was
    set before `b`: by day, then by when the change that set each was recorded, where the
    measures are at hand; else `a` (the first by id)."""
    if a[2] != b[2]:
        return a[2] is None or (b[2] is not None and a[2] < b[2])
    if subject.measure is None:
        return True
    from ..changes import order_in_force

    sets = [order_in_force(subject.measure(holder), other) for holder, other, _ in (a, b)]
    if sets[0] is None or sets[1] is None:
        return True
    return sets[0][0].sort_key() <= sets[1][0].sort_key()


def _both_ways(party: str, first: str, later: str, fix: str) -> str:
    """The words of a party's demands that `later` wait for `first` and `first` for
    `later` (set in that order), and of `fix`, the command that takes back the later."""
    return (
        f"{party_in_prose(party)} demands both that {first} wait for {later} and that "
        f"{later} wait for {first}, a deadlock of its own making: was one typed the wrong "
        f"way round? {fix}"
    )


def demands_both_ways_made(
    before: MeasureIndex, after: MeasureIndex, touched: Collection[str]
) -> list[Problem]:
    """The demands-both-ways warnings a change from `before` to `after` made (in
    `demands_both_ways`'s words): of each measure it `touched`, an order demanded by one
    party toward a measure whose order back that party demands too, where the two did
    not both stand before it; 'dprk undo' takes it back."""
    undo = "'dprk undo' takes back this change"
    found = []
    for ident in sorted(touched):
        m = after.get(ident)
        for c in m.constraints if m is not None else ():
            party, other = c.demanded_by, after.get(c.after) if c.after is not None else None
            if m is None or party is None or other is None or not _both(m, other, party):
                continue
            if other.id in touched and other.id < ident:
                continue  # (both touched: said once, of the first of the two by id)
            was, theirs = before.get(ident), before.get(other.id)
            if was is not None and theirs is not None and _both(was, theirs, party):
                continue  # (they stood so before the change)
            found.append(
                Problem(
                    WARNING,
                    DEMANDS_BOTH_WAYS,
                    ident,
                    _both_ways(party, other.id, ident, undo),
                    (other.id,),
                )
            )
    return found


def _both(m: Measure, other: Measure, party: str) -> bool:
    """Whether `party` demands both that `m` wait for `other` and `other` for `m`."""
    return any(c.after == other.id and c.demanded_by == party for c in m.constraints) and any(
        c.after == m.id and c.demanded_by == party for c in other.constraints
    )


def _once_parts_of_another_party(subject: Subject) -> list[Problem]:
    """A part that acted while a part of a measure another party carried out, and is a
    part of it no more: on those days its step counted as that party's (a part attached
    to the wrong measure, corrected with an `edit --part-of` dated after it acted, where
    the correction was meant from its first day). Only for the measures that were a part
    of another once, read in full; the days it was one are those the replay gives
    (`Node.left`, as `--as-of` has them)."""
    measure = subject.measure
    if measure is None:
        return []
    from ..lifecycle import field_changes, in_log_order

    index, parties = subject.nodes.index(), list(subject.nodes.parties)
    found = []
    for n in subject.measures:
        # (the stretches it was a part of another measure than its own now)
        stretches = [(w, s, e) for w, s, e in n.left if w != n.part_of and w in index]
        if not stretches:
            continue
        m = measure(n.id)
        acted = _acted_days(m)
        for whole_id, start, end in stretches:
            whole = index[whole_id]
            days = [d for d in acted if (start is None or start <= d) and d < end]
            # (judged on the first day it acted there)
            apart = acted_as_another_party(m, measure(whole.id), days[:1], parties)
            if apart is None:
                continue
            day, _, theirs = apart
            moved = next(
                (h for h, _, _ in field_changes(m, "part_of") if h.date == end),
                None,
            )
            number = in_log_order(m).index(moved) + 1 if moved is not None else None
            # (a part from its creation: its first day; one made a part by an edit: the
            # day of that edit, on which the two then cancel out)
            joined = start is not None
            first = start if start is not None else (n.created or day)
            on = "on the day it became one" if joined else "on its first day"
            redate = (
                f"; if it was never a part of '{whole.id}', date the edit that took it out {on} "
                f"('dprk redate {n.id} {number} {first}')"
                if number is not None
                else ""
            )
            found.append(
                warning(
                    n.id,
                    f"was a part of '{whole.id}', which {theirs} carries out, until {end}, and "
                    f"acted on {day}: on those days its steps count as {possessive(theirs)} there"
                    f"{redate}; no fix needed if it was",
                    (whole.id,),
                )
            )
    return found + _once_handed_parts(subject)


def _once_handed_parts(subject: Subject) -> list[Problem]:
    """A part of a measure of its own party now, that acted while it was another party's
    (an `edit --actor` dated after it acted, where the correction was meant from its first
    day): on those days its step counted as the whole's actor's, as one moved out since
    (`_once_parts_of_another_party`). Only the measures whose actor an edit changed, or
    whose whole's did, are read in full; each day's actor as `--as-of` has it."""
    index, measure = subject.index, subject.measure
    if index is None or measure is None:
        return []
    from ..changes import actor_on
    from ..lifecycle import field_changes, in_log_order

    nodes, parties = subject.nodes.index(), list(subject.nodes.parties)
    handed = set(index.mentioning("actor: "))
    found = []
    for n in subject.measures:
        whole = nodes.get(n.part_of) if n.part_of is not None else None
        if whole is None or another_party(n.actor, whole.actor):
            continue  # (a part of another party now: the rule's own warning)
        if n.id not in handed and whole.id not in handed:
            continue
        m, w = measure(n.id), measure(whole.id)
        joined = n.joined
        acted = [d for d in _acted_days(m) if joined is None or joined <= d]
        apart = acted_as_another_party(m, w, acted, parties)
        if apart is None:
            continue
        day, mine, theirs = apart
        # (the edit of its actor that ended it: dated on its first day, it never was)
        edit = next(
            (
                h
                for h, _, _ in field_changes(m, "actor")
                if h.date > day and not another_party(actor_on(m, h.date, parties), theirs)
            ),
            None,
        )
        first = joined if joined is not None else n.created
        redate = (
            f"; if it was never {possessive(mine)}, date the edit of its actor on its first "
            "day ('dprk "
            f"redate {n.id} {in_log_order(m).index(edit) + 1} {first}')"
            if edit is not None and first is not None
            else ""
        )
        found.append(
            warning(
                n.id,
                f"was carried out by {mine} while a part of '{whole.id}', which {theirs} "
                f"carries out, and acted on {day}: on those days its steps count as "
                f"{possessive(theirs)} there{redate}; no fix needed if it was",
                (whole.id,),
            )
        )
    return found


def _acted_days(m: Measure) -> list[date]:
    """The day of each step by which `m` acted (its replay's), in order: the days a part
    of another party's measure counted as that party's (`rules.acted_as_another_party`)."""
    from ..lifecycle import replay

    return [s.date for s in replay(m).steps if s.state.status in ACTED]


def parts_left_to_act(subject: Subject) -> list[Problem]:
    """A pending measure made of parts none of which is left to act: nothing of it can go
    ahead (`status` calls it neither ready nor blocked; `next` and `plan` list nothing of
    it). A part is missing, or the measure ended with its parts and its own status does
    not say so."""
    index = subject.nodes.index()
    found = []
    spent = without_parts_to_act(subject.nodes)
    for ident in spent:
        whole = index[ident]
        parts = [n for n in subject.measures if n.part_of == ident]
        ended = ", ".join(
            f"{n.id}, none of whose parts is left to act either"
            if n.id in spent
            else f"{n.id} {n.status.value}"
            for n in parts
        )
        found.append(
            warning(
                ident,
                f"is {whole.status.value}, and none of its parts is left to act ({ended}): "
                f"nothing of it can go ahead; add a part ('dprk add-measure TITLE --actor "
                f"{shell_word(whole.actor)} --part-of {ident}'), or record how it ended "
                f"('dprk mark {ident} withdrawn', or rejected)",
                tuple(n.id for n in parts),
            )
        )
    return found


def more_parts_than_expected(subject: Subject) -> list[Problem]:
    """A measure with more parts on record than it is said to have (`expected_parts`): a
    part recorded twice, or the count said is wrong. Its state counts the parts it has,
    but for those that stand rejected, which count for nothing (`vocab.counts_as_part`),
    here too."""
    wanted = {n.id: n.expected_parts for n in subject.measures if n.expected_parts is not None}
    if not wanted:
        return []
    from ..vocab import parts_by_whole

    parts = parts_by_whole((n.id, n.part_of) for n in subject.measures if n.part_of in wanted)
    status = {n.id: n.status for n in subject.measures if n.part_of in wanted}
    found = []
    for ident, expected in wanted.items():
        have = [p for p in parts.get(ident, []) if counts_as_part(status[p])]
        if len(have) > expected:
            rejected = [p for p in parts.get(ident, []) if not counts_as_part(status[p])]
            found.append(_more_parts(ident, have, expected, rejected))
    return found


MORE_PARTS_THAN_EXPECTED = "more-parts-than-expected"


def _more_parts(ident: str, have: list[str], expected: int, rejected: list[str]) -> Problem:
    """The warning of measure `ident`, with the parts `have` on record that count, where it
    is to have `expected` (fewer), and those that stand `rejected` besides (said apart:
    they count for nothing)."""
    besides = ""
    if rejected:
        stands, counts = ("stands", "counts") if len(rejected) == 1 else ("stand", "count")
        besides = f" that count ({in_prose(rejected)} {stands} rejected and {counts} for nothing)"
    return warning(
        ident,
        f"has {len(have)} parts on record{besides}, and is to have {expected} "
        f"(expected_parts): a part recorded twice, or the count is wrong ('dprk "
        f"edit {ident} --expected-parts {len(have)}', or 0 to say none)",
        tuple(have),
    )


def more_parts_made(
    before: MeasureIndex, after: MeasureIndex, touched: Collection[str]
) -> list[Problem]:
    """The more-parts-than-expected warnings a change from `before` to `after` made (in
    `more_parts_than_expected`'s words): of each measure it `touched`, and what one of
    them is part of, with more parts on record than it is to have where it had not as
    many, or was to have another count, before it (a part added, moved in, or a count
    lowered). The parts are counted only where such a measure says a count."""
    wholes = {
        w
        for i in touched
        if i in after
        for w in (i, after[i].part_of)
        if w is not None and w in after
    }
    wanted = {w: after[w].expected_parts for w in sorted(wholes)}
    counted = {w: n for w, n in wanted.items() if n is not None}
    if not counted:
        return []
    now, then = after.parts(), None
    found = []
    for ident, expected in counted.items():
        mine = [p for p in now.get(ident, []) if p != ident]
        have = [p for p in mine if counts_as_part(after[p].status)]
        if len(have) <= expected:
            continue
        then = before.parts() if then is None else then
        was = before.get(ident)
        had = [p for p in then.get(ident, []) if p != ident and counts_as_part(before[p].status)]
        if was is None or (len(had), was.expected_parts) != (len(have), expected):
            rejected = [p for p in mine if p not in have]
            found.append(
                _more_parts(ident, have, expected, rejected)._replace(
                    check=MORE_PARTS_THAN_EXPECTED
                )
            )
    return found


def former_names(subject: Subject) -> list[Problem]:
    """A declared party that the ledger's measures record as the former name of another
    declared party (`dprk rename-party`; declared again since by hand, or by an
    `add-party` that once took it): one side made two parties; and each finding by the
    former name on a measure the party it became carried out that day, its own word
    taken for verification (which `verify` refuses). Errors, each with its fix: drop
    those findings first, then make the two names one (`rename-party --merge`, which a
    finding left would make refuse)."""
    index, parties = subject.index, subject.nodes.parties
    if index is None or not parties or not index.mentioning(" renamed "):
        return []
    from ..changes import actor_on, named_since
    from ..lifecycle import in_log_order, match_verifications
    from ..operations import renamed_now

    found: list[Problem] = []
    for old in parties if len(parties) > 1 else ():
        now = renamed_now(index, parties, old)
        if now is None or any(
            named_since(index[i], old) is not None for i in index.mentioning(f"renamed {old}")
        ):
            continue  # (a name another party took by a rename since: `rename-party B A`)
        key, days = party_key(old), set()
        findings = []
        for ident in index.mentioning(old, any_case=old.isascii()):
            m = index[ident]
            since = named_since(m, now)
            if since is not None:
                days.add(since)
            for entry, v in match_verifications(m):
                if v is None or entry is None or party_key(v.by) != key:
                    continue
                if party_key(actor_on(m, v.date, list(parties))) != party_key(now):
                    continue
                number = next(n for n, h in enumerate(in_log_order(m), 1) if h is entry)
                renamed = f" on {since}" if since is not None else ""
                by, was, it = party_in_prose(v.by), party_in_prose(old), party_in_prose(now)
                findings.append(
                    Problem(
                        ERROR,
                        FORMER_NAMES,
                        ident,
                        f"its finding by {by} on {v.date} is the word of its own actor "
                        f"then, {it} (named {was} before its rename{renamed}): a party's "
                        "own word is not verification; drop it with 'dprk drop-finding "
                        f"{ident} {number}'",
                    )
                )
        when = f" (on {min(days)})" if days else ""
        was, it = party_in_prose(old), party_in_prose(now)
        first = (
            f"first drop the findings by {was} on {possessive(it)} own measures (listed below), "
            "then "
            if findings
            else ""
        )
        found.append(
            Problem(
                ERROR,
                FORMER_NAMES,
                None,
                f"party {party_in_prose(old, quoted=True)} is declared beside {it}, though the "
                f"ledger's measures record {was} renamed {it}{when}: one side is two parties; "
                f"{first}make the two one with 'dprk rename-party {shell_word(old)} "
                f"{shell_word(now)} --merge'",
            )
        )
        found.extend(findings)
    return found + _found_under_former_names(subject, index)


def _found_under_former_names(subject: Subject, index: MeasureIndex) -> list[Problem]:
    """Each finding recorded under a name a party had before a rename that no declared
    party has, in any spelling of it (`operations.renamed_now`: 'U.S.S.R.' of a 'USSR'
    renamed 'Russia', which a rename by an earlier dprk left as it was): one side counted
    as two verifiers, or, on a measure the party it is now carried out that day, its own
    word taken for verification. Errors, each with its fix: drop the finding, and record
    it again under the name the party has now (not its own word: dropped alone). The
    findings of one measure are listed from its last entry back, so that a drop leaves
    the numbers of those after it as they are."""
    from ..changes import actor_on
    from ..operations import renamed_now
    from ..rules import party_named

    parties = list(subject.nodes.parties)
    measure = subject.measure or index.__getitem__
    now_of: dict[str, str | None] = {}  # (each verifier's name: asked once)

    def renamed(by: str) -> str | None:
        if by not in now_of:
            declared = party_named(by, parties) is not None
            now_of[by] = None if declared else renamed_now(index, parties, by)
        return now_of[by]

    found = []
    for node in subject.measures:
        if not node.findings:
            continue
        m = measure(node.id)
        if not any(renamed(v.by) is not None for v in m.verifications):
            continue
        for number, v in _findings_from_last(m, lambda _, v: renamed(v.by) is not None):
            now = renamed(v.by)
            if number is None or now is None:
                continue  # (a record with no entry: the finding-records check names it)
            finding = (
                f"its finding by {party_in_prose(v.by)} on {v.date} is "
                f"{possessive(party_in_prose(now))}, "
                "under a name it had before a rename"
            )
            drop = f"'dprk drop-finding {m.id} {number}'"
            if party_key(actor_on(m, v.date, parties)) == party_key(now):
                said = (
                    f"{finding}: the word of its own actor then, which is not verification; "
                    f"drop it with {drop}"
                )
            else:
                again = [
                    "dprk verify",
                    shell_word(m.id),
                    f"--by {shell_word(now)} --result {v.result.value}",
                    *([f"--method {shell_word(v.method)}"] if v.method else []),
                    *(f"--evidence {shell_word(e)}" for e in v.evidence),
                    f"--date {v.date}",
                    *([f"--note {shell_word(v.note)}"] if v.note else []),
                ]
                said = (
                    f"{finding}, counted as another verifier's; drop it with {drop}, then "
                    f"record it under the name it has now with '{' '.join(again)}'"
                )
            found.append(Problem(ERROR, FORMER_NAMES, m.id, said))
    return found


FORMER_NAMES = "former-names"


def _findings_from_last(
    m: Measure, keep: Callable[[Measure, Verification], bool]
) -> list[tuple[int | None, Verification]]:
    """The findings of `m` that `keep` keeps (asked of `m` and each finding), each with
    the number `dprk log` gives its entry (None: a record with no entry), from the last
    entry back: the order in which their drops ('dprk drop-finding ID N') leave the
    numbers of those yet to drop."""
    from ..lifecycle import in_log_order, match_verifications

    numbers = {id(h): n for n, h in enumerate(in_log_order(m), 1)}
    found = [
        (numbers.get(id(entry)) if entry is not None else None, v)
        for entry, v in match_verifications(m)
        if v is not None and keep(m, v)
    ]
    return sorted(found, key=lambda f: -(f[0] or 0))


def own_words(subject: Subject) -> list[Problem]:
    """Each finding whose verifier is the party that was to carry its measure out that
    day (`rules.own_word`, names compared as parties are): the party's own word, which a
    status counts as verification. `verify` refuses one; this finds one written by hand
    or by an earlier dprk, or one whose verifier became the actor when names came to be
    compared without their spaces and hyphens ('FARC EP' of FARC-EP). Looked for in the
    measures whose standing findings name their actor, or a party where the measure was
    handed from one party to another (no other is read), each an error
    with the drop that mends it, from the last entry back (a drop leaves the numbers of
    the entries before it as they are)."""
    from ..changes import actor_on

    measure = subject.measure or (subject.index.__getitem__ if subject.index else None)
    parties = list(subject.nodes.parties)
    # (a measure handed to another party: its finding may be the word of the one before,
    # its actor on the finding's day; such a hand-over's entry reads "actor: 'A' -> 'B'")
    handed = set(subject.index.mentioning("actor: '")) if subject.index is not None else None
    found = []
    for node in subject.measures:
        standing = (*node.verified_by, *(node.latest_finding.by if node.latest_finding else ()))
        if measure is None or not standing:
            continue
        if not (
            any(own_word(by, node.actor) for by in standing)
            or (
                (handed is None or node.id in handed)
                and any(party_named(by, parties) is not None for by in standing)
            )
        ):
            continue
        m = measure(node.id)
        for number, v in _findings_from_last(
            m, lambda m, v: own_word(v.by, actor_on(m, v.date, parties))
        ):
            found.append(own_word_found(m.id, v, number))
    return found


OWN_WORD = "own-word"


def own_word_found(ident: str, v: Verification, number: int | None) -> Problem:
    """The own-word error of finding `v` on measure `ident`, whose entry `dprk log`
    numbers `number` (None: a record with no entry), with the drop that mends it: as
    `check` and a merge that makes one (`merge.unsound`) say it."""
    mend = (
        f"drop it with 'dprk drop-finding {shell_word(ident)} {number}'"
        if number is not None
        else "delete its record from the measure's verifications in the file"
    )
    said = (
        f"its finding by {party_in_prose(v.by)} on {v.date} is the word of its own "
        f"actor then, which is not verification; {mend}"
    )
    return Problem(ERROR, OWN_WORD, ident, said)


def parties_in_verifiers(subject: Subject) -> list[Problem]:
    """Each finding whose verifier's name holds a declared party's whole name among its
    words, and names no party itself (`rules.party_in_verifier`: 'Republic of Iraq' of
    Iraq, its actor's first): that party's word under another name, it may be (its own
    word on its own step, no verification), or a separate body named after it. Warnings,
    each said as `verify` says it (`rules.party_in_verifier_said`), with the drop that
    mends it; only the measures whose findings name such a verifier are read in full."""
    from ..changes import actor_on

    index, parties = subject.index, list(subject.nodes.parties)
    if index is None or not parties:
        return []
    measure = subject.measure or index.__getitem__
    holds: dict[str, bool] = {}  # (each verifier's name: asked once)
    ids: dict[str, None] = {}
    for ident, by in index.verifiers():
        if by not in holds:
            holds[by] = party_in_verifier(by, "", parties) is not None
        if holds[by]:
            ids[ident] = None
    found = []
    for ident in ids:
        m = measure(ident)
        for number, v in reversed(_findings_from_last(m, lambda _, v: holds.get(v.by, False))):
            if number is None:
                continue  # (a record with no entry: the finding-records check names it)
            actor = actor_on(m, v.date, parties)
            party = party_in_verifier(v.by, actor, parties)
            if party is None:
                continue
            said = party_in_verifier_said(v.by, party, actor, m.id, v.date, number=number)
            found.append(warning(m.id, said))
    return found


PARTY_IN_VERIFIER_NAME = "party-in-verifier-name"


def renames_unchained(subject: Subject) -> list[Problem]:
    """Each measure whose party renames, read in the order `dprk log` gives them, do not
    follow one from another (`changes.renames_unchained`): a git merge of a rename
    redated on one desk and the party renamed again on the other, or a hand edit, writes
    it, which `redate` and `rename-party` refuse. Errors; only the measures whose
    history records a rename are read in full."""
    index = subject.index
    if index is None or not index.mentioning(" renamed "):
        return []
    measure = subject.measure or index.__getitem__
    found = []
    for ident in index.mentioning(" renamed "):
        p = renames_unchained_in(measure(ident), subject.conflicts)
        if p is not None:
            found.append(p)
    return found


RENAME_CHAIN = "rename-chain"


def renames_unchained_in(m: Measure, conflicts: Sequence[Conflict]) -> Problem | None:
    """The rename-chain error of measure `m` (None: its renames chain), with the fix: as
    `check` and a merge that makes one (`merge.unsound`) say it. A party renamed two ways
    on two sides is left to `dprk resolve` while the ledger's conflict on it (of
    `conflicts`) is open."""
    from ..changes import renames_said, renames_unchained
    from ..lifecycle import in_log_order

    apart = [
        frozenset((party_key(c.ours or ""), party_key(c.theirs or "")))
        for c in conflicts
        if c.field == PARTY
    ]
    crossed = renames_unchained(m, party_key, apart)
    if crossed is None:
        return None
    first, then = crossed
    numbers = {id(h): n for n, h in enumerate(in_log_order(m), 1)}
    a, b = numbers[id(first)], numbers[id(then)]
    said = f"entry {a} ({first.detail}, {first.date})"
    then_said = f"entry {b} ({then.detail}, {then.date})"
    old = next(renames_said(then.detail))[0]
    if any(party_key(o) == party_key(old) for o, _ in renames_said(first.detail)):
        message = (
            f"{then_said} renames {party_in_prose(old)}, which {said} had renamed already: "
            "read in the order 'dprk log' gives them, its party renames do not follow one "
            "from another; delete from the measure's history in the file the entry of the "
            "rename that was not made (no command drops a rename's entry)"
        )
    else:
        message = (
            f"{said} comes before {then_said}, the rename it follows (made before it): read "
            "in the order 'dprk log' gives them, its party renames do not follow one from "
            "another; renames keep the order they were made in: date it on or after that "
            f"day ('dprk redate {shell_word(m.id)} {a} {then.date}')"
        )
    return Problem(ERROR, RENAME_CHAIN, m.id, message)


def _naming(subject: Subject) -> Callable[[str], list[str]]:
    """The ids of the measures that name a party: as their actor, a demanding party, or a
    verifier whose finding stands."""

    def naming(name: str) -> list[str]:
        return [
            n.id
            for n in subject.nodes.measures
            if n.actor == name
            or name in n.verified_by
            or any(c.demanded_by == name for c in n.constraints)
        ]

    return naming


_RULES_BEFORE_WARNINGS = [name for name, _ in RULES if name != MERGE_CONFLICTS]

CHECKS: list[Check] = [
    Check(
        PARTIES,
        lambda subject: party_list_problems(subject.nodes.parties, _naming(subject)),
        ERROR,
    ),
    Check("duplicate-ids", lambda subject: duplicate_ids(subject.measures, subject.lines), ERROR),
    Check(FORMER_NAMES, former_names, ERROR),
    Check(OWN_WORD, own_words, ERROR),
    Check(RENAME_CHAIN, renames_unchained, ERROR),
    *(_rule_check(name) for name in _RULES_BEFORE_WARNINGS),
    Check("ids-in-case", ids_in_case),
    Check("measures-alike", measures_alike),
    Check(PARTY_IN_VERIFIER_NAME, parties_in_verifiers),
    Check(ACTED_OUT_OF_ORDER, acted_out_of_order),
    Check("parts-left-to-act", parts_left_to_act),
    Check(MORE_PARTS_THAN_EXPECTED, more_parts_than_expected),
    Check("events-after-today", dated_after_today),
    Check(FAR_BEFORE_THE_REST, far_before_the_rest),
    Check(AFTER_THE_END, after_the_end),
    Check(RECORDED_AFTER_NOW, recorded_after_now),
    Check("corrections-out-of-order", corrections_out_of_order),
    Check("deadlocks", deadlocks),
    Check(DEMANDS_BOTH_WAYS, demands_both_ways),
    _rule_check(MERGE_CONFLICTS),
]


# What `dprk check` says of the file itself, before any check of `CHECKS`: a file that is
# no ledger dprk can read (`FILE`), a value in it the format refuses (`FIELDS`: every one
# found), each an error that stops every command; and TOML that dprk reads but readers of
# TOML 1.0 do not (`TOML_1_0`), a warning. Their severity, by name.
TOML_1_0 = "toml-1.0"
FILE_CHECKS = {FILE: ERROR, FIELDS: ERROR, TOML_1_0: WARNING}

# What each kind of TOML 1.1 is (`store.syntax.toml_1_1_places`), and how to write it in 1.0.
_TOML_1_1 = {
    "lines": (
        "an inline table ({ ... }) over more than one line, or with a comment in it",
        "write it on one line, without the comment",
    ),
    "comma": ("a comma after the last value of an inline table ({ ..., })", "delete that comma"),
    "escape": ("the escape \\e or \\xHH in a string", "write \\u001b or \\u00HH instead"),
    "seconds": ("a time without its seconds (07:32)", "write them (07:32:00)"),
}


def toml_1_0(places: Sequence[Sequence[Any]]) -> list[Problem]:
    """The warning of a ledger file that holds TOML 1.1 (`places`: each line, and what is
    written there), which tools that read TOML 1.0 refuse: one line, naming the first
    line and the others."""
    if not places:
        return []
    (line, kind), others = places[0], [str(p[0]) for p in places[1:]]
    what, fix = _TOML_1_1[kind]
    also = ""
    if others:
        listed = in_prose(others, most=NAMED_LINES)
        also = f" (TOML 1.1 also on line{'s' if len(others) > 1 else ''} {listed})"
    return [
        Problem(
            WARNING,
            TOML_1_0,
            None,
            f"line {line}: {what} is TOML 1.1, which tools that read TOML 1.0 (Python's "
            f"tomllib before 3.15, among others) cannot read; {fix}{also}",
        )
    ]


NAMED_LINES = 5  # the other lines of TOML 1.1 named, the rest counted


# --- running them ----------------------------------------------------------------------


class CheckResult(Plain):
    """Every problem found, in registry order, and what they add up to."""

    __slots__ = ("problems", "day")

    def __init__(self, problems: list[Problem], day: date | None = None) -> None:
        self.problems = problems
        self.day = day  # the day they were found on (what is after today depends on it)

    @property
    def errors(self) -> int:
        return sum(p.severity == ERROR for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity == WARNING for p in self.problems)

    @property
    def ok(self) -> bool:
        return self.errors == 0

    def first(self, problems: list[Problem]) -> CheckResult:
        """These problems, after `problems` (those of the file: `FILE_CHECKS`)."""
        return CheckResult([*problems, *self.problems], self.day) if problems else self

    @classmethod
    def unreadable(cls, exc: LedgerUnreadable) -> CheckResult:
        """The problems of a file that could not be read as a ledger (`FILE_CHECKS`): every
        one the reader found; no other check can run until they are mended."""
        return cls([Problem(FILE_CHECKS[c], c, m, text) for c, m, text in exc.problems])

    def advised(self, advise: Callable[[str], str]) -> CheckResult:
        """The same problems, the commands they advise begun as `advise` begins them (a
        ledger named with --ledger: 'dprk --ledger FILE', `render.as_advised`), so that
        they work as they are given."""
        return CheckResult([p._replace(message=advise(p.message)) for p in self.problems], self.day)

    def located(self, line_of: Callable[[str, str], int | None]) -> CheckResult:
        """The same problems, a verification record one names by its date alone (`MISDATED`:
        no entry holds the day, `dprk log` does not list it) followed by its line in the
        file (`line_of`: the measure's id and the day, `store.syntax.record_line`), where
        it is corrected by hand. `line_of` is asked only of such a record."""
        import re

        def located(p: Problem) -> Problem:
            said = re.search(MISDATED + r" (\d{4}-\d{2}-\d{2})", p.message)
            line = None if said is None or p.measure is None else line_of(p.measure, said[1])
            if said is None or line is None:
                return p
            at = said.end()
            return p._replace(message=f"{p.message[:at]} (line {line} of the file){p.message[at:]}")

        return CheckResult([located(p) for p in self.problems], self.day)

    def strictly(self) -> CheckResult:
        """The same problems, every warning counted as an error (`--strict`)."""
        # (each made anew rather than by `_replace`, slower: a large ledger has thousands)
        return CheckResult(
            [
                Problem(ERROR, p.check, p.measure, p.message, p.others)
                if p.severity == WARNING
                else p
                for p in self.problems
            ],
            self.day,
        )

    def kept(self) -> Iterator[str]:
        """Their day and how many they are, then each problem, as lines of JSON to keep
        beside the ledger (`from_kept`), made one at a time: fifty thousand warnings are
        never one text."""
        yield json.dumps([None if self.day is None else self.day.isoformat(), len(self.problems)])
        for p in self.problems:
            yield json.dumps(list(p), ensure_ascii=False)

    @classmethod
    def from_kept(cls, texts: Iterable[str | bytes]) -> CheckResult:
        """The result `kept` gave these lines for (ValueError, TypeError or KeyError: they
        are not what it writes, or not all of it)."""
        from datetime import date

        lines = iter(texts)
        day, count = rows(json.loads(next(lines, b"null")))
        problems = [rows(json.loads(line)) for line in lines]
        if len(problems) != count:
            raise ValueError(f"{len(problems)} problems kept of {count}")
        found = []
        for severity, check, measure, message, others in problems:
            if severity not in (ERROR, WARNING):
                raise ValueError(f"not a severity: {severity!r}")
            found.append(
                Problem(
                    severity,
                    text(check),
                    optional_text(measure),
                    text(message),
                    tuple([text(i) for i in rows(others)]),
                )
            )
        return cls(found, None if day is None else date.fromisoformat(text(day)))


def run_checks(ledger: Ledger | Subject, *, strict: bool = False) -> CheckResult:
    """Run every check in `CHECKS`; under `strict` every warning counts as an error."""
    subject = ledger if isinstance(ledger, Subject) else Subject.of(ledger)
    problems = []
    for check in CHECKS:
        for p in check.run(subject):
            if not p.check:
                p = Problem(p.severity, check.name, p.measure, p.message, p.others)
            problems.append(p)
    result = CheckResult(problems, subject.day)
    return result.strictly() if strict else result
