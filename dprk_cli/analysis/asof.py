"""The ledger as it stood on a given day, rebuilt from each measure's replayed history.

`as_of(ledger, day)` keeps what had happened by the end of `day`: measures
created after it are left out; each remaining measure gets the status and
extent the replay (`lifecycle`) gives on that day (a measure made of parts,
from its parts on that day), only the history entries and verifications
dated by then, and only the exchange links and sequencing constraints that
point at measures which existed by then; its actor, its deadline and what it was
a part of then (an `edit` of them is dated, and taken back after `day`:
`changes.fields_on`), and the order and the exchange links then in force between
it and others (`sequence`, `link` and `unlink` are dated: `changes.orders_on`,
`changes.links_on`), so a measure can be seen overdue as of that day by the
deadline it had then, and the sources on record then (`changes.sources_on`, as
`--search` of that day reads them). Its title, category and notes stay as they stand:
they describe the record, and every view shows them so (only `--search` reads the words
of that day: `status.searched`). Also here, from `vocab` (which the rules ask too):
`is_overdue` (past the deadline and not carried out in full: a measure done in part is
late for the rest), and its two halves (`fallen_due` counts the deadlines kept beside
the ledger as text). And the days a yearly view is drawn on (`year_ends`: the
scorecard's and the balance's, by year), and the measures removed since the day
(`removed_after`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from ..vocab import CREATED, Status

# (the rule of "overdue" is the vocabulary's: the rules ask it of a first day too)
from ..vocab import done_in_part as done_in_part
from ..vocab import falls_due as falls_due
from ..vocab import is_overdue as is_overdue
from ..vocab import may_fall_due as may_fall_due

if TYPE_CHECKING:  # (`is_overdue` and its halves are asked of kept counts too: no models)
    from ..changes import PartyRename
    from ..facts import Node, Nodes
    from ..lifecycle import Replays
    from ..model import HistoryEntry, Ledger, Measure


def as_of(
    ledger: Ledger, day: date, replays: Replays | None = None, named_on: date | None = None
) -> Ledger:
    """The ledger as it stood at the end of `day` (`replays`: the replays of its measures
    kept for several days, `as_of_each`), each party named as it was at the end of
    `named_on` (None: of `day`; a yearly view's day, `as_of_each`)."""
    from ..changes import (
        fields_on,
        links_on,
        measure_on,
        named_as_on,
        orders_on,
        party_renames_after,
        sources_on,
        with_then,
    )
    from ..lifecycle import LedgerLife
    from ..rules import party_key

    # Each measure's actor, deadline and what it was a part of then (`edit` of them is
    # dated: its status as a whole, or as a part, is that of the parts it had then); and
    # the orders and links then in force between it and others (`sequence` and `link` are
    # dated).
    each = [orders_on(m, day, ledger.parties) for m in ledger.measures]
    if any(o is not m.constraints for o, m in zip(each, ledger.measures, strict=True)):
        index = ledger.index()
        orders = {m.id: o for o, m in zip(each, ledger.measures, strict=True) if index[m.id] is m}
        with_then(orders, index, day)  # (a `with` held by both)
        each = [
            orders[m.id] if index[m.id] is m else o
            for o, m in zip(each, ledger.measures, strict=True)
        ]
    then = []
    # (both sides of a link read, `links_on`, when a change of one is dated after `day`)
    later = any(h.date > day for m in ledger.measures for h in m.history)
    everyone: Mapping[str, Measure] | None = ledger.index() if later else None
    for m, ordered in zip(ledger.measures, each, strict=True):
        update = fields_on(m, day, ledger.parties)
        if ordered != m.constraints:
            update["constraints"] = ordered
        links = links_on(m, day, everyone)
        if links is not m.in_exchange_for:
            update["in_exchange_for"] = links
        sources = sources_on(m, day)  # (those on record then: as `--search` reads them)
        if sources != m.sources:
            update["sources"] = sources
        then.append(m.model_copy(update=update) if update else m)
    life = LedgerLife({m.id: m for m in reversed(then)}, replays)  # (the first of a repeated id)
    states = {}
    for m in then:
        state = life.state(m.id, day)
        if state is not None:
            states[m.id] = state
    present = set(states)
    measures = []
    # (a party renamed since is named as it was then: only where a rename is dated later)
    named = day if named_on is None else named_on
    renamed = party_renames_after(ledger.measures, named, party_key) if later else []
    for m in then:
        state = states.get(m.id)
        if state is None:
            continue
        on = measure_on(m, day, present, state.status, state.extent)
        measures.append(named_as_on(on, named, m.history, party_key) if renamed else on)
    parties = _parties_on(ledger.parties, measures, renamed, named) if renamed else ledger.parties
    return ledger.model_copy(update={"measures": measures, "parties": list(parties)})


def _parties_on(
    parties: Sequence[str], measures: Sequence[Measure], renamed: Sequence[PartyRename], day: date
) -> list[str]:
    """The declared `parties`, each as it was named at the end of `day` (`name_on`), each
    followed by those merged into it since (`merged_on`: each a party of its own then);
    one that another was merged into since by an entry that does not say it was a merge
    (written before the entry said so) keeps its own name beside the other's where a
    measure of that day (`measures`, named as then) still names it."""
    from ..changes import merged_on, name_on

    named = {m.actor for m in measures}
    named.update(c.demanded_by for m in measures for c in m.constraints if c.demanded_by)
    named.update(v.by for m in measures for v in m.verifications)
    then: list[str] = []
    for p in parties:
        was = name_on(renamed, p, day)
        then.extend([was, p] if was != p and p in named else [was])
        then.extend(merged_on(renamed, p, day))
    return list(dict.fromkeys(then))


def as_of_each(ledger: Ledger, named_on: date) -> Callable[[date], Nodes]:
    """The nodes of `ledger` as it stood at the end of a day (`as_of`, then
    `facts.nodes_of`: what `--as-of` that day reads), for one day after another (the
    yearly balance's): each measure is replayed once for all the days that leave it as
    it stands (`lifecycle.Replays`), rather than once a day. A day's ledger is made, read
    and let go: it is as large as the whole. Every day names each party as `named_on`
    does, the yearly view's own day (`year_ends`)."""
    from ..facts import nodes_of
    from ..lifecycle import LedgerLife, Replays

    replays = Replays(ledger.measures)

    def on(day: date) -> Nodes:
        then = as_of(ledger, day, replays, named_on)
        return nodes_of(then, life=LedgerLife(then.index(), replays))

    return on


def removed_after(ledger: Ledger, day: date) -> set[str]:
    """The measures the histories of `ledger` (as it stands) record removed after `day`
    (`changes.removals_recorded`): the ledger held them then, but `as_of` rebuilds it
    from the file, which holds them no longer, and keeps no entry after `day`, the
    removal's among them; a view of that day names them removed since, not as measures
    that may never have been in it."""
    from ..changes import removals_recorded

    return {gone for m in ledger.measures for gone, on in removals_recorded(m).items() if on > day}


def year_ends(first: int | None, day: date) -> list[tuple[int, date]]:
    """The years a yearly view covers, each with the day it is drawn on: 31 December of
    each year from `first` (the year of the earliest event it counts; None, none: the
    year of `day` alone) to the year of `day`, the view's own day (today, or --as-of),
    on which that last year is drawn. A yearly view is a view over a span: each year
    names a party as the view's own day does (one row a party, as the scorecard's
    groups, of the ledger as of that day, are; `as_of_each`), not as that year's end
    would."""
    last = day.year
    years = range(min(last if first is None else first, last), last + 1)
    return [(year, min(date(year, 12, 31), day)) for year in years]


def not_in_talks_yet(m: Measure, made: date | None, day: date) -> str:
    """What a view of a past `day` (`show --as-of`, `--assume` with `--as-of`) says of
    measure `m`, made after it: not in the talks yet, and the day it came to be (`made`:
    `Life.created`, the day before which `as_of` leaves it out), so that whoever asked
    knows from when to ask. Added without a date, that day is the earliest event dprk
    knows of, and said so."""
    return f"measure '{m.id}' was not in the talks yet on {day}{_made_on(m, made, day)}"


def none_in_talks_yet(made: Sequence[tuple[Measure, date | None]], day: date) -> str:
    """What a view of a past `day` (`show ID... --as-of`, `status ID... --as-of`) says of
    the measures `made` names, each with the day it came to be, made after it: in one
    line, each with its day, as `not_in_talks_yet` says one (which one alone is said by)."""
    if len(made) == 1:
        return not_in_talks_yet(*made[0], day)
    said = ", ".join(f"'{m.id}'{_made_on(m, when, day)}" for m, when in made)
    return f"measures {said} were not in the talks yet on {day}"


def _made_on(m: Measure, made: date | None, day: date) -> str:
    """' (made on D)' of measure `m`, made on `made`, after `day` (of one added without a
    date, the day of its earliest event, said so); nothing when no later day is known."""
    if made is None or made <= day:  # (no later day known to give: the words alone)
        return ""
    created = next((h for h in m.history if h.event == CREATED), None)
    if created is None or created.undated:
        return f" (made on {made}: no date given, dated by its earliest event)"
    return f" (made on {made})"


def nodes_on(
    index: Mapping[str, Measure],
    ids: Collection[str],
    day: date | None,
    parties: list[str],
    parts: Callable[[str], Iterable[str]],
) -> dict[str, Node]:
    """The nodes of the measures `ids` (those in `index`) as the ledger stood at the end
    of `day` (`as_of`: what `plan --as-of` reads), or as it stands (None), made from
    them and from what their state and orders need alone: the measures they go together
    with, now or once; the measures their orders name, now or once (an order toward one
    not made yet stands not); those they are or were a part of; and the parts of all of
    these (`parts`: a measure's parts, now and once), whose states give a measure made of
    parts its own. A change to a few measures of a large ledger reads a few, not every
    one. Those not made by `day` have none. (And the measures exchanged for those of
    these reversed once, or made of parts: `next` reads whether one reversed owes.)"""
    from ..changes import sequenced_with, with_change
    from ..facts import nodes_of
    from ..lifecycle import was_part_of
    from ..model import Ledger

    around: dict[str, Measure] = {}
    named: set[str] = set()

    def take(todo: list[str], *, orders: bool) -> None:
        """Take each of `todo` and its parts (`orders`: and those it goes together with,
        and the measures its orders name, for their turn)."""
        while todo:
            ident = todo.pop()
            if ident in around or ident not in index:
                continue
            m = around[ident] = index[ident]
            todo.extend(parts(ident))
            if orders:  # (and what it is or was a part of: a part is one while it stands)
                named.update(c.other for c in m.constraints)
                named.update(w for w in (m.part_of, *was_part_of(m)) if w is not None)
                todo.extend(c.with_ for c in m.constraints if c.with_ is not None)
                for h in m.history:
                    other = sequenced_with(h)
                    if other is not None:
                        named.add(other)
                        if with_change(h) is not None:  # (a `with` set, ended or replaced)
                            todo.append(other)

    wanted = [i for i in dict.fromkeys(ids) if i in index]
    take(list(wanted), orders=True)
    take(sorted(named), orders=False)
    # (and what those reversed once, and those made of parts, are exchanged for: by them
    # the balance says whether one reversed owes, to be carried out again)
    exchanged = {
        other
        for ident, m in list(around.items())
        if m.status == Status.reversed
        or any(h.status == Status.reversed for h in m.history)
        or any(True for _ in parts(ident))
        for other in m.in_exchange_for
    }
    take(sorted(exchanged), orders=False)
    ledger = Ledger.model_construct(measures=list(around.values()), parties=list(parties))
    if day is not None:
        ledger = as_of(ledger, day)
    return nodes_of(ledger, wanted).index()


def entries_at_the_end(m: Measure, day: date) -> list[HistoryEntry]:
    """The entries of `m`'s history a view of talks that ended on `day` lists: those on
    record then (`changes.entries_on`), and every correction of the record made since (a
    redate, a rename, a title edited: `lifecycle.correction`), which is no event of the
    talks, as `log` lists them; in the file's order."""
    from ..changes import entries_on
    from ..lifecycle import correction

    then = {id(h) for h in entries_on(m, day)}
    return [h for h in m.history if id(h) in then or (h.date > day and correction(h))]


def fallen_due(deadlines: Sequence[str], day: date) -> int:
    """How many of `deadlines` (ISO dates, in order, as the store keeps them) have
    passed on `day`, as `falls_due` says: ISO dates sort as the days they name, so
    they are those before the first that has not."""
    import bisect

    return bisect.bisect_left(deadlines, day.isoformat())
