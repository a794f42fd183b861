"""The changes commands make to one measure, as pure functions: measure in, measure out.

Every change adds a history entry dated when the event happened (which may be
long before it is recorded). Nothing here decides a measure's status: the
replay (`lifecycle`) does, when the change is committed (`draft.Draft.finish`),
and the rules (`rules`) say there whether the new history is allowed.
"""

from __future__ import annotations

import re
from collections.abc import (
    Callable,
    Collection,
    Iterable,
    Iterator,
    Mapping,
    Sequence,
)
from datetime import date, datetime
from typing import Any, NamedTuple

from .clock import now
from .errors import DprkError, UsageError
from .lifecycle import (
    DATED_FIELDS,
    EDIT_FIELDS,
    EXCHANGE_DETAIL,
    HAND_MADE,
    HAND_MADE_NOTE,
    ORDER_WAS,
    ORDER_WAS_THEN,
    SEQUENCE_DETAIL,
    Life,
    dated_creation,
    dated_value,
    describe_entry,
    edit_sources,
    effective_creation,
    exchanged_with,
    field_changes,
    field_said,
    field_value,
    hand_made_start,
    in_log_order,
    linked_by,
    linked_in,
    links_in_force,
    order_said,
    overtaken_creation,
    own_undated_day,
    part_runs,
    renamed_by,
    replay,
    was_part_of,
)
from .model import Constraint, HistoryEntry, Measure, Verification
from .vocab import (
    ACTED,
    CORRECTION,
    CREATED,
    ID_PATTERN,
    NOTE,
    PENDING,
    RENAME,
    SOURCES_BETWEEN,
    VERIFICATION,
    Extent,
    Order,
    Require,
    Result,
    Status,
    counted,
    default_extent,
    finding_text,
    shell_word,
    sources_brought,
    with_sources_said,
)
from .vocab import is_party_merge as is_party_merge  # (read by the layers above here too)
from .vocab import is_party_rename as is_party_rename
from .vocab import renames_said as renames_said


def entry(
    when: date,
    event: str,
    *,
    status: Status | None = None,
    extent: Extent | None = None,
    detail: str = "",
    note: str = "",
    undated: bool = False,
    notes_before: str | None = None,
    notes_after: str | None = None,
    by: str | None = None,
) -> HistoryEntry:
    return HistoryEntry(
        date=when,
        event=event,
        status=status,
        extent=extent,
        detail=detail,
        note=note,
        notes_before=notes_before,
        notes_after=notes_after,
        undated=undated,
        recorded=now(),
        by=by,
    )


MISTAKE = "entered by mistake"  # (why an entry is dropped, when no note says otherwise)


def drop_correction(when: date, said: str, note: str, *, why: str = MISTAKE) -> HistoryEntry:
    """The correction entry, dated `when`, that drops an event (`drop-entry`,
    `drop-finding`): '`said` dropped: why', `said` naming the event (`describe_entry`,
    `dropped_text`: by what, not a number, as `operations._redated` says), and why in the
    user's `note` when one is given ('reversed on 2023-11-23 dropped: to be recorded on
    its parts'), else in `why` (the words used with a note too before: such a file reads
    as it did, its note beside them). The note is the detail's words, not repeated as the
    entry's note, but for one with line breaks or tabs, which the detail holds as spaces:
    kept whole there too. `lifecycle.dropped_event` reads the event named back."""
    flat = re.sub(r"[\t\n]+", " ", note).strip()
    detail = f"{said} dropped: {flat or why}"
    return entry(when, CORRECTION, detail=detail, note="" if flat == note else note)


def edits_in_order(m: Measure, was: Measure | None = None) -> Measure:
    """`m` with each edit of a dated field (actor, deadline, part_of) saying, as the value
    before, what the edit dated before it set, whatever order they were typed in: an edit
    recorded later, dated between two, would leave the later one naming the value it
    replaced when it was typed. The first keeps its own: the value the field had before
    any edit (or, `was`: the measure before a redate moved another edit first, what its
    first said)."""
    rewritten: dict[int, str] = {}

    def say(h: HistoryEntry, name: str, before: str) -> None:
        detail = rewritten.get(id(h), h.detail)
        said = field_said(detail, name)
        if said is not None:
            rewritten[id(h)] = detail[: said.start(1)] + before + detail[said.end(1) :]

    for name in DATED_FIELDS:
        edits = field_changes(m, name)
        start = field_changes(was, name)[:1] if was is not None else []
        if edits and start and field_value(edits[0][1]) != field_value(start[0][1]):
            say(edits[0][0], name, start[0][1])
        for (_, _, set_before), (h, before, _) in zip(edits, edits[1:], strict=False):
            if field_value(before) != field_value(set_before):  # (a day quoted or not)
                say(h, name, set_before)
    if not rewritten:
        return m
    history = [
        h.model_copy(update={"detail": rewritten[id(h)]}) if id(h) in rewritten else h
        for h in m.history
    ]
    return m.model_copy(update={"history": history})


def with_entry(m: Measure, new: HistoryEntry, **update: Any) -> Measure:
    """`m` with `new` added to its history (kept in replay order) and fields updated.

    A measure written by hand without a history starts where its fields say; its
    first entry records that as its creation (undated: dated by its earliest event),
    so that the rules of its life hold for what follows (without it, the first
    entry, a reversal say, would be where it started), with the extent it stood at
    and an entry for each of its findings."""
    history = [*m.history, new]
    if not m.history and new.event != CREATED:
        history += as_created(m, new.date)
    return m.model_copy(update={"history": sorted(history, key=HistoryEntry.sort_key), **update})


def as_created(m: Measure, when: date) -> list[HistoryEntry]:
    """The history that says what the fields of `m`, written by hand without one, say:
    its creation (undated, first dated `when`) as its status, at its extent, and an
    entry for each of its findings."""
    start = hand_made_start(m)  # (its findings made it verified or disputed)
    created = creation(when, start.status, start.extent, dated=False, by_hand=True)
    return [created, *map(finding_entry, m.verifications)]  # (each finding has its entry)


def party_rename_text(old: str, new: str) -> str:
    """The detail of the entry `dprk rename-party` writes on each measure it changes."""
    return f"party {old} renamed {new}"


# What the correction on a measure says of its record of a party's rename redated on
# another, after the redate's own words (`lifecycle.redated_text`), when the redate drops
# that record (the measure was made after the new day) or writes it (made by then, after
# the old day): `operations._rename_redated`, and a merge that takes one side's redate.
RENAME_DROPPED_HERE = ", before this measure was made: dropped here"
RENAME_WRITTEN_HERE = ", on or after the day this measure was made: written here"


def party_rename_of(
    h: HistoryEntry, parties: Collection[str], key: Callable[[str], str] | None = None
) -> tuple[str, str] | None:
    """The party renamed, and its new name, that `h` records (`party_rename_text`), the
    old name one of `parties` (compared by `key` when given: `rules.party_key`, what names
    one party; a name may itself hold the words); None for another."""
    if not is_party_rename(h):
        return None
    wanted = set(parties) if key is None else {key(p) for p in parties}
    return next(
        (
            (old, new)
            for old, new in renames_said(h.detail)
            if new and (old if key is None else key(old)) in wanted
        ),
        None,
    )


def _party_renames(measures: Iterable[Measure]) -> list[tuple[str, str]]:
    """Each (old name, new name) of a party rename the `measures`' histories record."""
    return [
        pair
        for m in measures
        for h in m.history
        if is_party_rename(h)
        for pair in renames_said(h.detail)
    ]


def party_renames_recorded(measures: Iterable[Measure]) -> list[tuple[str, str]]:
    """Each (old name, new name) of a party rename the `measures`' histories record, once
    each, in the order first found."""
    return list(dict.fromkeys(_party_renames(measures)))


def former_names(m: Measure | Iterable[Measure], name: str) -> set[str]:
    """The names party `name` had before `dprk rename-party` renamed it, as the history of
    `m` (or of each of several measures) records them (`party_rename_text`)."""
    renames = _dated_renames([m] if isinstance(m, Measure) else m)
    # (renamed more than once: each name it had before the one it had next, in order)
    return {old for old in {o for o, _, _ in renames} if name in _renamed_on(renames, old)}


def renamed_to(
    measures: Iterable[Measure],
    name: str,
    parties: Collection[str],
    key: Callable[[str], str] = str.casefold,
) -> str | None:
    """The declared party that party `name` was renamed to, through each rename the
    `measures`' histories record, names compared by `key` (in any case: what names one
    party, `rules.party_key`, is given by the caller); None when they record none."""
    reached = _renamed_on(_dated_renames(measures, key), key(name))
    return next((p for p in parties if key(p) in reached), None)


_When = tuple[date, datetime]


def renames_to(
    measures: Iterable[Measure], name: str, now: str, key: Callable[[str], str] = str.casefold
) -> list[tuple[str, str, date]]:
    """The renames by which party `name` came to be named `now`, as the `measures`'
    histories record them and `renamed_to` follows them (each after the one that gave
    its name), in order: each (old, new, day), the names as its entry spells them; none
    when they lead not there. Renamed twice, both are to be made again, in turn."""
    said = sorted(
        {
            (h.date, h.recorded, old, new)
            for m in measures
            for h in m.history
            if is_party_rename(h)
            for old, new in renames_said(h.detail)
        }
    )

    def path(at: str, since: _When | None, seen: frozenset[int]) -> list[int] | None:
        if since is not None and key(at) == key(now):
            return []
        for i, (day, recorded, old, new) in enumerate(said):
            if (
                i not in seen
                and key(old) == key(at)
                and (since is None or (day, recorded) >= since)
            ):
                rest = path(new, (day, recorded), seen | {i})
                if rest is not None:
                    return [i, *rest]
        return None

    return [(said[i][2], said[i][3], said[i][0]) for i in path(name, None, frozenset()) or []]


def _dated_renames(
    measures: Iterable[Measure], key: Callable[[str], str] = str
) -> list[tuple[str, str, _When]]:
    """Each party rename the `measures`' histories record: (old, new, (day, recorded))."""
    return [
        (key(old), key(new), (h.date, h.recorded))
        for m in measures
        for h in m.history
        if is_party_rename(h)
        for old, new in renames_said(h.detail)
    ]


def _renamed_on(renames: list[tuple[str, str, _When]], first: str) -> set[str]:
    """The names party `first` took after it, through `renames`: a rename is followed
    from a name only if it came after the one that gave the name (by day, then by the
    time it was recorded), so a name another party took later, and left by an earlier
    rename of its own, is not followed on to that party (the USSR renamed Russia, then
    the UK renamed USSR: the UK's name is USSR, not Russia)."""
    todo: list[tuple[str, _When | None]] = [(first, None)]
    seen: set[tuple[str, _When | None]] = set()
    reached: set[str] = set()
    while todo:
        at, since = todo.pop()
        if (at, since) in seen:
            continue
        seen.add((at, since))
        for old, new, when in renames:
            if old == at and (since is None or when >= since):
                reached.add(new)
                todo.append((new, when))
    reached.discard(first)
    return reached


def named_since(m: Measure, name: str) -> date | None:
    """The day party `name` took that name by `dprk rename-party`, as `m`'s history
    records it (the latest rename to it); None when it records none."""
    return max(
        (
            h.date
            for h in m.history
            if is_party_rename(h) and any(new == name for _, new in renames_said(h.detail))
        ),
        default=None,
    )


# (its day, when it was made, old, new, and whether it made old one with new, declared
# already: `vocab.is_party_merge`)
PartyRename = tuple[date, datetime, str, str, bool]


def party_renames_after(
    measures: Iterable[Measure], day: date, key: Callable[[str], str] = str
) -> list[PartyRename]:
    """Each party rename the `measures`' histories record dated after `day`, once each,
    in the order they took effect (by day, then by when each was made): what a view of
    `day` takes back to name each party as it was then (`name_on`). Not a rename dated
    the day it was made (or later, by the clock it was recorded by), as one given no
    `--date` is: it says from when the party bears the name no more than a mended
    spelling does; nor a respelling (one name by `key`:
    `rules.party_key`, 'ROK ' mended to 'ROK')."""
    return _renames_in((h for m in measures for h in m.history), day, key)


def _renames_in(
    history: Iterable[HistoryEntry], day: date, key: Callable[[str], str]
) -> list[PartyRename]:
    """Each party rename of the entries `history` dated after `day` (`party_renames_after`),
    once each, in order."""
    return sorted(
        {
            (h.date, h.recorded, old, new, is_party_merge(h))
            for h in history
            if h.date > day and is_party_rename(h) and h.date < h.recorded.date()
            for old, new in renames_said(h.detail)
            if key(old) != key(new)
        }
    )


def name_on(renames: Sequence[PartyRename], name: str, day: date) -> str:
    """The name party `name` (so named now) had at the end of `day`: each rename of
    `renames` (`party_renames_after`, in order) dated after `day` taken back, the latest
    first, so that a party renamed twice is given the name before both (the UK renamed
    USSR after the USSR was renamed Russia: on a day before both, Russia is USSR and
    USSR is UK). A merge (`rename-party --merge`) is no rename of the party that stays:
    before it, that party has its own name, and the one merged into it is another
    (`merged_on`). The one home of "the name of a party on a day", that every view of a
    past day asks."""
    for on, _, old, new, merge in reversed(renames):
        if on > day and new == name and not merge:
            name = old
    return name


def merged_on(renames: Sequence[PartyRename], name: str, day: date) -> list[str]:
    """The parties merged since `day` into party `name` (so named now), each as it was
    named at the end of `day` (`name_on`, by the renames before its merge), in the order
    they were merged: on `day` each was a party of its own."""
    merged: list[str] = []
    then = name  # (the party's name as each rename found it, the latest first)
    for at in range(len(renames) - 1, -1, -1):
        on, _, old, new, merge = renames[at]
        if on <= day or new != then:
            continue
        if merge:
            merged.append(name_on(renames[:at], old, day))
        else:
            then = old  # (merged into it before this rename: under its name then)
    merged.reverse()
    return merged


def named_as_on(
    m: Measure,
    day: date,
    history: Iterable[HistoryEntry] | None = None,
    key: Callable[[str], str] = str,
) -> Measure:
    """`m` with each party named as it was at the end of `day` (`name_on`): the renames
    its own history records dated after `day` taken back (its actor, demanding parties,
    findings and the words of its entries, as `party_renamed` gave them); `m` itself
    when none is. Read from its own history (`history`: the whole of it, where `m` keeps
    only the entries dated by `day`), a measure of a party merged into another since
    (`rename-party --merge`) names the one it was of then."""
    renames = _renames_in(m.history if history is None else history, day, key)
    for _, _, old, new, _ in reversed(renames):
        if new != old:  # (each reading of its words: one names no party of `m`'s)
            m = party_renamed(m, new, old)
    return m


def is_rename(h: HistoryEntry) -> bool:
    """Whether `h` records a rename: of the measure's id, or of a party."""
    return h.event == RENAME or is_party_rename(h)


def renames_out_of_order(m: Measure) -> tuple[HistoryEntry, HistoryEntry] | None:
    """Two renames in `m`'s history whose dates contradict the order they were made in:
    an id renamed again, or a party's new name renamed again, dated before the rename
    it follows (which `dprk rename` and `dprk rename-party` refuse); None when none."""
    ids = sorted((h for h in m.history if h.event == RENAME), key=lambda h: h.recorded)
    for first, then in zip(ids, ids[1:], strict=False):
        if then.date < first.date:
            return first, then
    said = [(h, pair) for h in m.history if is_party_rename(h) for pair in renames_said(h.detail)]
    for first, (_, new) in said:
        for then, (old, _) in said:
            if old == new and then.recorded > first.recorded and then.date < first.date:
                return first, then
    return None


def renames_unchained(
    m: Measure,
    key: Callable[[str], str] = str,
    apart: Collection[frozenset[str]] = (),
) -> tuple[HistoryEntry, HistoryEntry] | None:
    """The first two party renames of `m`, in the order `dprk log` gives them, that do not
    chain (None when all do): a rename of a name its party had left already by an earlier
    one (a party renamed twice from one name), or one giving a name an earlier rename had
    renamed away, though made before it (so read, the party was renamed before it took the
    name). Names are compared by `key` (`rules.party_key`). A measure may name several
    parties, so a rename of a name no rename gave starts a chain of its own. `apart`: the
    two names of a party renamed two ways on two sides, while the merge's conflict on it
    is open (each pair by `key`: `dprk resolve` settles it)."""
    gone: dict[str, tuple[HistoryEntry, str]] = {}  # (each name left: by what, for what)
    given: set[str] = set()  # (the names the renames read so far gave, and not left)
    read: list[tuple[HistoryEntry, str]] = []  # (each rename read, and the name it left)
    for h in in_log_order(m):
        if not is_party_rename(h):
            continue
        said = list(renames_said(h.detail))  # (a name may hold the words: the reading
        old, new = next(((o, n) for o, n in said if key(o) in given), said[0])  # that chains)
        was, now = key(old), key(new)
        if was in gone and frozenset((gone[was][1], now)) not in apart:
            return gone[was][0], h
        for p, left in read:
            if left == now and p.recorded > h.recorded:
                return p, h
        gone[was] = (h, now)
        gone.pop(now, None)
        given.discard(was)
        given.add(now)
        read.append((h, was))
    return None


def id_since(m: Measure) -> date | None:
    """The day `m` took its id by `dprk rename` (its latest rename); None if it never
    changed."""
    return max((h.date for h in m.history if h.event == RENAME), default=None)


def party_renamed(
    m: Measure, old: str, new: str, *, names: Callable[[str], bool] | None = None
) -> Measure:
    """`m` with party `old` named `new`, as its actor and as a demanding party, and in the
    history entries whose words are read back as facts (an order's demanding party, a
    change of actor), so that the past reads the same under the new name (`m` itself
    when it names `old` nowhere)."""
    history = [_entry_party_renamed(h, old, new) for h in m.history]
    same_history = all(a is b for a, b in zip(history, m.history, strict=True))
    found = _verifier_renamed(m, new, names or old.__eq__)
    conflicts = [  # (an actor in conflict from a merge: each side's value, by its new name)
        c.model_copy(update={side: new for side in ("ours", "theirs") if getattr(c, side) == old})
        if c.field == "actor" and old in (c.ours, c.theirs)
        else c
        for c in m.conflicts
    ]
    same_conflicts = all(a is b for a, b in zip(conflicts, m.conflicts, strict=True))
    if (
        m.actor != old
        and all(old not in (c.demanded_by, c.verified_by) for c in m.constraints)
        and same_history
        and same_conflicts
        and found is None
    ):
        return m
    if found is not None:  # (a party that verified: its findings, and their entries)
        verifications, entries = found
        history = [entries.get(id(h), h) for h in history]
        same_history = False
    constraints = [
        c.model_copy(
            update={key: new for key in ("demanded_by", "verified_by") if getattr(c, key) == old}
        )
        if old in (c.demanded_by, c.verified_by)
        else c
        for c in m.constraints
    ]
    update: dict[str, Any] = {
        "actor": new if m.actor == old else m.actor,
        "constraints": constraints,
    }
    if not same_history:
        update["history"] = history
    if not same_conflicts:
        update["conflicts"] = conflicts
    if found is not None:
        update["verifications"] = found[0]
    return m.model_copy(update=update)


def party_renamed_on(
    m: Measure,
    old: str,
    new: str,
    when: date,
    *,
    names: Callable[[str], bool] | None = None,
    merge: bool = False,
) -> tuple[Measure, bool]:
    """`m` with party `old` renamed `new` on `when` (`party_renamed`), with the entry that
    says so (`with_rename_entry`; `merge`: made one with `new`, declared already); and
    whether it came to be after `when` (no entry). `m` itself, False, when it names `old`
    nowhere."""
    renamed = party_renamed(m, old, new, names=names)
    if renamed is m:
        return m, False
    return with_rename_entry(renamed, old, new, when, merge=merge)


def own_reversals_unnamed(m: Measure, parties: list[str]) -> tuple[Measure, list[date]]:
    """`m` with `by` taken off each reversal's entry that names the measure's own actor on
    its day (`actor_on`, as `rules.undone_by_its_actor` judges it), as a merge of two
    names of one side makes the party that undid it (a reversal by its actor names none);
    and the days of those reversals. `m` itself, [], where none does."""
    days: list[date] = []
    history = []
    for h in m.history:
        if h.by is not None and h.by == actor_on(m, h.date, parties):
            days.append(h.date)
            h = h.model_copy(update={"by": None})
        history.append(h)
    if not days:
        return m, []
    return m.model_copy(update={"history": history}), days


def with_rename_entry(
    m: Measure,
    old: str,
    new: str,
    when: date,
    recorded: datetime | None = None,
    *,
    merge: bool = False,
) -> tuple[Measure, bool]:
    """`m`, which party `old`, renamed `new` on `when`, had carried out or named, with the
    entry that says so (written now, or, `recorded`, at the time the rename it repeats
    was; `merge`: the entry says it made `old` one with `new`, declared already:
    `vocab.is_party_merge`), unless it came to be after `when` (it had the new name from
    the start); and whether it came to be after (`renamed_by`: not one added without a
    date)."""
    if not renamed_by(m, when):
        return m, True
    said = entry(when, "edit", detail=party_rename_text(old, new))
    if recorded is not None or merge:
        said = said.model_copy(update={"recorded": recorded or said.recorded, "merge": merge})
    return with_entry(m, said), False


def verifier_renamed(
    m: Measure, old: str, new: str, *, names: Callable[[str], bool] | None = None
) -> Measure:
    """`m` with its findings by verifier `old` (as written; `names`: whether a verifier's
    name is it, in any spelling) named `new`, and their entries, and the orders that wait
    for its finding (`orders_verifier_renamed`; `m` itself when none is)."""
    named = names or old.__eq__
    m = orders_verifier_renamed(m, new, named)
    found = _verifier_renamed(m, new, named)
    if found is None:
        return m
    verifications, entries = found
    history = [entries.get(id(h), h) for h in m.history]
    return m.model_copy(update={"verifications": verifications, "history": history})


def orders_verifier_renamed(m: Measure, new: str, names: Callable[[str], bool]) -> Measure:
    """`m` with the verifier its orders wait for (`verified_by`; `names`: whether a
    verifier's name is the one renamed) named `new`, in the orders and in the words of
    its history entries that are read back as facts (`_entry_orders_renamed`: the order
    a change set, the one it replaced, the one removed, the one a removal of the other
    measure dropped), whether the order stands now or not; `m` itself when no order
    names it."""
    history = [_entry_verifier_renamed(h, new, names) for h in m.history]
    same_history = all(a is b for a, b in zip(history, m.history, strict=True))
    named = [c.verified_by is not None and names(c.verified_by) for c in m.constraints]
    if same_history and not any(named):
        return m
    constraints = [
        c.model_copy(update={"verified_by": new}) if hit else c
        for c, hit in zip(m.constraints, named, strict=True)
    ]
    return m.model_copy(update={"constraints": constraints, "history": history})


def _entry_verifier_renamed(
    h: HistoryEntry, new: str, names: Callable[[str], bool]
) -> HistoryEntry:
    """`h` with the verifier the orders its words name wait for named `new` where `names`
    takes it (`_entry_orders_renamed`: a change of order, a removal's dropped order); `h`
    itself else."""
    if " (verified by " not in h.detail:
        return h
    detail = _entry_orders_renamed(h, lambda text: _order_verifier_renamed(text, new, names))
    return h if detail is None or detail == h.detail else h.model_copy(update={"detail": detail})


def _order_verifier_renamed(text: str, new: str, names: Callable[[str], bool]) -> str:
    """An order in words (`constraint_text`) naming verifier `new` where `names` takes
    the one it named; `text` itself else."""
    said = order_said(text)
    if said is None or said.verified_by is None or not names(said.verified_by):
        return text
    return constraint_text(said._replace(verified_by=new))


def _verifier_renamed(
    m: Measure, new: str, names: Callable[[str], bool]
) -> tuple[list[Verification], dict[int, HistoryEntry]] | None:
    """`m`'s findings by the party renamed (`names`: whether a verifier's name is it)
    named `new` as their verifier, and each finding's history entry so renamed (by the id
    of the entry it replaces); None when no finding names it."""
    from .lifecycle import match_verifications

    if not any(names(v.by) for v in m.verifications):
        return None
    renamed: dict[int, Verification] = {}
    entries: dict[int, HistoryEntry] = {}
    for h, v in match_verifications(m):
        if v is None or not names(v.by):
            continue
        renamed[id(v)] = v.model_copy(update={"by": new})
        if h is not None and (entry := finding_entry_renamed(h, v, new)) is not h:
            entries[id(h)] = entry
    return [renamed.get(id(v), v) for v in m.verifications], entries


def finding_entry_renamed(h: HistoryEntry, v: Verification, new: str) -> HistoryEntry:
    """The history entry `h` of finding `v` as a rename of its verifier to `new` words it
    (`rename-verifier`, `rename-party`): the finding's words (`finding_text`) naming
    `new`, the rest as it was (`h` itself when its words do not begin with the finding's).
    `diff` asks it whether an entry changed so alone."""
    words = finding_text(v.result, v.by)
    if not h.detail.startswith(words):
        return h
    return h.model_copy(update={"detail": finding_text(v.result, new) + h.detail[len(words) :]})


def party_typo_text(old: str, new: str) -> str:
    """The detail of the correction `dprk rename-party --typo` writes on each measure it
    changes: a name typed wrong, corrected; no rename of the party (`is_party_rename`
    reads none in it, nor does any reader of a correction's words)."""
    return f"party name {old} corrected to {new}{_TYPO_SAID}"


_TYPO_SAID = " (a typo, no event of the talks)"


def party_typo_of(
    h: HistoryEntry, parties: Collection[str], key: Callable[[str], str] | None = None
) -> tuple[str, str] | None:
    """The party name typed wrong, and the name it was corrected to, that `h` records
    (`party_typo_text`: the correction `rename-party --typo` wrote), the name typed wrong
    one of `parties` (compared by `key` when given, as `party_rename_of` compares them; a
    name may itself hold the words); None for another entry."""
    start = "party name "
    if h.event != CORRECTION or not h.detail.startswith(start):
        return None
    if not h.detail.endswith(_TYPO_SAID):
        return None
    wanted = parties if key is None else {key(p) for p in parties}
    text = h.detail[len(start) : -len(_TYPO_SAID)]
    at = text.find(" corrected to ")
    while at >= 0:
        old, new = text[:at], text[at + 14 :]
        if new and (old if key is None else key(old)) in wanted:
            return old, new
        at = text.find(" corrected to ", at + 1)
    return None


def party_respelt(m: Measure, old: str, new: str, names: Callable[[str], bool]) -> Measure:
    """`m` with party `old`, a name typed wrong, spelt `new` wherever `m` names it: as
    `party_renamed` renames it (its actor, its demands and the orders waiting for its
    finding, its findings, and the history's words read back as facts), and in the records
    of its renames, as the name left or the name given (`names`: whether a name is the one
    typed wrong, in any spelling), so that no record keeps the typo as a name the party
    had. No entry says it (the caller's correction does); `m` itself when it names `old`
    nowhere."""
    respelt = party_renamed(m, old, new, names=names)
    history = []
    for h in respelt.history:
        said = (
            next((pair for pair in renames_said(h.detail) if any(map(names, pair))), None)
            if is_party_rename(h)
            else None
        )
        if said is not None:
            pair = [new if names(name) else name for name in said]
            h = h.model_copy(update={"detail": party_rename_text(*pair)})
        history.append(h)
    if all(a.detail == b.detail for a, b in zip(history, respelt.history, strict=True)):
        return respelt
    return respelt.model_copy(update={"history": history})


def history_names_party(m: Measure, name: str) -> bool:
    """Whether `m`'s history names party `name` where its words are read back as facts
    (an order it demanded, an actor it had: `party_renamed` renames those)."""
    return any(_entry_party_renamed(h, name, _NO_PARTY) is not h for h in m.history)


def orders_name_verifier(m: Measure, names: Callable[[str], bool]) -> bool:
    """Whether an order of `m`, standing or of its history, waits for the finding of a
    verifier `names` takes (`orders_verifier_renamed` would change `m`)."""
    return orders_verifier_renamed(m, _NO_PARTY, names) is not m


def names_party(m: Measure, name: str, *, names: Callable[[str], bool] | None = None) -> bool:
    """Whether a rename of party `name` would change `m` (`party_renamed`, `names` as
    there): asked of the rename itself, so that what "names the party" means cannot
    drift from what a rename rewrites."""
    return party_renamed(m, name, _NO_PARTY, names=names) is not m


def same_change(h: HistoryEntry, other: HistoryEntry) -> bool:
    """Whether entry `h` records the same change as `other`, whatever day each has now:
    one command writes the same words at the same time on every measure it changes (a
    party's rename on each measure naming it), and a redate moves an entry's day alone."""
    return (h.event, h.detail, h.recorded) == (other.event, other.detail, other.recorded)


def first_recorded(m: Measure) -> datetime | None:
    """When `m` was entered: the time its earliest recorded entry was written (None for
    a measure with no history, which no ledger dprk writes holds)."""
    return min((h.recorded for h in m.history), default=None)


# (a name no party can have, control characters being refused in names: renaming a
# party to it shows what a rename would touch)
_NO_PARTY = "\x00"


def parties_in_history(m: Measure) -> Iterator[tuple[HistoryEntry, str]]:
    """The parties `m`'s history names where its words are read back as facts (whose
    demand an order was, or the one it replaced or removed, or the one a removal of the
    other measure dropped; an actor before or after a hand-over; the party that undid it,
    on a reversal's entry, `by`: those `party_renamed` renames), each with the entry that
    names it."""
    for h in m.history:
        if h.by is not None:
            yield h, h.by
        if h.event == "sequence":
            texts = [ORDER_WAS.sub("", h.detail).removeprefix("removed: ")]
            was = ORDER_WAS_THEN.search(h.detail)
            if was is not None:
                texts.append(was.group(1))
            for text in texts:
                order = _read_order(text)
                if order is not None and order.demanded_by:
                    yield h, order.demanded_by
        elif h.event == "edit" and (removal := _REMOVED_MEASURE.match(h.detail)):
            for piece in h.detail[removal.end() :].split("; "):
                order = dropped_order(piece)
                if order is not None and order.demanded_by:
                    yield h, order.demanded_by
        elif h.event == "edit":
            said = field_said(h.detail, "actor")
            for value in said.groups() if said is not None else ():
                name = field_value(value)
                if name:
                    yield h, name


def _entry_party_renamed(h: HistoryEntry, old: str, new: str) -> HistoryEntry:
    """`h` with party `old` named `new` where its words name a party: ', demanded by P' in
    an order (and in what it replaced), in an order a removal dropped ('ID removed: no
    longer after ID, demanded by P'), 'actor: 'P' -> ...' in an edit, and the party
    that undid the measure, on a reversal's entry (`by`); `h` itself else."""
    if h.by is not None and h.by == old:  # (a reversal by another party: `mark --by`)
        return h.model_copy(update={"by": new})
    detail = _entry_orders_renamed(h, lambda text: _demand_renamed(text, old, new))
    if detail is None:
        said = field_said(h.detail, "actor") if h.event == "edit" else None
        if said is None:
            return h
        quoted = f"'{old}'"
        values = [f"'{new}'" if v == quoted else v for v in said.groups()]
        detail = (
            h.detail[: said.start(1)] + values[0] + " -> " + values[1] + h.detail[said.end(2) :]
        )
    return h if detail == h.detail else h.model_copy(update={"detail": detail})


def _entry_orders_renamed(h: HistoryEntry, rename: Callable[[str], str]) -> str | None:
    """The words of `h` with each order they name given as `rename` gives it (an order
    in words, `constraint_text`, to the same order with a name changed): a change of
    order's (`_orders_renamed`) or a removal's, whose pieces say the orders it dropped
    (`_dropped_renamed`); None for an entry that names no order so. The one reading of
    where a history names an order, for a party's rename and a verifier's."""
    if h.event == "sequence":
        return _orders_renamed(h.detail, rename)
    removal = _REMOVED_MEASURE.match(h.detail) if h.event == "edit" else None
    if removal is None:
        return None
    pieces = h.detail[removal.end() :].split("; ")  # (as `dropped_order` reads them)
    return removal.group(0) + "; ".join(_dropped_renamed(p, rename) for p in pieces)


def _orders_renamed(detail: str, rename: Callable[[str], str]) -> str:
    """A change of order's `detail` with each order it names given as `rename` gives it:
    the order it set or removed, and the one it replaced (' (was: ...)'), each read as
    its readers read it (`order_in_force`, `parties_in_history`)."""
    was = ORDER_WAS_THEN.search(detail)
    head = detail if was is None else detail[: was.start()]
    removed = "removed: " if head.startswith("removed: ") else ""
    said = removed + rename(head[len(removed) :])
    return said if was is None else f"{said} (was: {rename(was.group(1))})"


def _dropped_renamed(piece: str, rename: Callable[[str], str]) -> str:
    """A piece of a removal's entry (`drop_references`) with the order it says was
    dropped given as `rename` gives it."""
    if not piece.startswith("no longer "):
        return piece
    return "no longer " + rename(piece.removeprefix("no longer "))


def _demand_renamed(text: str, old: str, new: str) -> str:
    """An order in words (`constraint_text`) with party `old`, its demanding party or the
    verifier it waits for, named `new`; `text` itself when it names `old` as neither (or
    it is not an order)."""
    said = order_said(text)
    if said is None or old not in (said.demanded_by, said.verified_by):
        return text
    return constraint_text(  # (the words as they were, but for the party's name)
        said._replace(
            demanded_by=new if said.demanded_by == old else said.demanded_by,
            verified_by=new if said.verified_by == old else said.verified_by,
        )
    )


UNDATED_NOTE = "no date given: dated by its earliest event"


def new_measure(
    ident: str,
    title: str,
    actor: str,
    *,
    when: date,
    dated: bool = True,
    status: Status = Status.proposed,
    extent: Extent | None = None,
    category: str = "",
    in_exchange_for: list[str] | None = None,
    after: list[str] | None = None,
    part_of: str | None = None,
    deadline: date | None = None,
    sources: list[str] | None = None,
    note: str = "",
    expected_parts: int | None = None,
) -> Measure:
    """A new measure, its creation the first entry of its history.

    A creation without a date the user gave (`dated=False`) is not a fact: it
    is dated by the measure's earliest event, so that events found later and
    dated earlier are not outranked by the day the measure was entered.
    """
    return Measure(
        id=ident,
        title=title,
        actor=actor,
        category=category,
        status=status,
        part_of=part_of,
        expected_parts=expected_parts,
        in_exchange_for=sorted(set(in_exchange_for or [])),
        deadline=deadline,
        sources=list(dict.fromkeys(sources or [])),
        notes=note,
        constraints=[Constraint(after=a) for a in dict.fromkeys(after or [])],
        history=[creation(when, status, extent, dated=dated, note=note)],
    )


def creation(
    when: date,
    status: Status,
    extent: Extent | None,
    *,
    dated: bool,
    note: str = "",
    by_hand: bool = False,
) -> HistoryEntry:
    """A measure's creation entry, as `status` (and `extent`, when implemented); `by_hand`:
    that of a measure written into the file without a history, which its first change
    records (`as_created`): no day is known for it (`lifecycle.HAND_MADE_NOTE`)."""
    detail = f"created as {status.value}"
    if status == Status.implemented and extent is not None and extent != Extent.full:
        detail += f" ({extent.value})"
    if by_hand:
        detail += f" ({HAND_MADE_NOTE})"
    elif not dated:
        detail += f" ({UNDATED_NOTE})"
    return entry(
        when,
        CREATED,
        status=status,
        extent=extent if status == Status.implemented and extent != Extent.full else None,
        detail=detail,
        note=note,
        undated=not dated,
    )


def link_exchange(
    m: Measure, other: str, when: date, note: str = "", *, undated: bool = False
) -> Measure:
    """Record that `m` is traded for `other` (the caller links the other side too).
    `undated`: `other` is being added without a date, and the entry keeps the date of
    its creation (`follows_creation`) as that moves. Where `m`'s own record and its
    field disagree on the link (`lifecycle.unlike_history`), it records what it lacks:
    the field, when its history links them already; the change, when its history ended
    the link."""
    own = link_in_force(m, other)
    if other in m.in_exchange_for and own is not False:
        return m
    linked = sorted({*m.in_exchange_for, other})
    if own is True:
        return m.model_copy(update={"in_exchange_for": linked})
    return with_entry(
        m,
        entry(when, "exchange", detail=exchange_text(other), note=note, undated=undated),
        in_exchange_for=linked,
    )


def listed(m: Measure, other: str, linked: bool) -> Measure:
    """`m` with `other` in its `in_exchange_for` or not, as `linked` says, and nothing else
    changed (its history has the link so already); `m` itself when it is so."""
    if (other in m.in_exchange_for) == linked:
        return m
    links = {*m.in_exchange_for, other} if linked else set(m.in_exchange_for) - {other}
    return m.model_copy(update={"in_exchange_for": sorted(links)})


def exchange_text(other: str) -> str:
    return f"in exchange for {other}"


def follows_creation(h: HistoryEntry, of: str) -> bool:
    """Whether entry `h` (of another measure) is the undated link written when measure
    `of` was added without a date: it is dated as that measure's creation, not before the
    beginning of the one holding it (`links_dated`)."""
    return h.undated and h.event == "exchange" and h.detail == exchange_text(of)


def creation_link_dated(p: Measure, of: str, when: date) -> Measure:
    """`p` with its record of the link written when measure `of` was added with it without
    a date (`follows_creation`) given `when` for a day of its own, as a link dated so
    (`dprk link --date`) records it: it then follows neither measure's beginning, and
    begins `p`, added without a date, on that day at the latest. `p` itself when it holds
    no such record."""
    if not any(follows_creation(h, of) for h in p.history):
        return p
    dated = {"date": when, "undated": False}
    history = [h.model_copy(update=dated) if follows_creation(h, of) else h for h in p.history]
    return p.model_copy(update={"history": history})


def link_day(p: Measure, day: date, begun: date | None = None) -> date:
    """The day a link made on `day` is recorded on `p`, exchanged for a measure added
    then: not before `p`'s own dated creation (the link came after both, and counts
    from the later); for `p` added without a date, not before `begun`, the day its own
    record dates it, where the caller knows it (`LedgerLife.own_beginning`: a link of a
    measure added without a date has no day of its own, and dates neither measure
    earlier than its own record does)."""
    own = dated_creation(p) or begun
    return max(day, own) if own is not None else day


def links_dated(
    p: Measure,
    of: str,
    created: HistoryEntry,
    was: HistoryEntry | None = None,
    mirrored: Collection[tuple[date, datetime]] = (),
    *,
    begun: date | None = None,
    said: Collection[HistoryEntry] = (),
) -> Measure:
    """`p` with the links written on it when measure `of` was added (`--in-exchange-for`)
    dated as `of`'s creation, `created`, now is: not before `p`'s own dated creation (the
    link came after both). Those are the links written when `of` was added without a date
    (`follows_creation`) and, when `of`'s creation was `was` before the change, the one
    written with it, still on its day: recorded on `p` alone (one `link` made apart, on
    the same day, is recorded on `of` too: `mirrored`, the day and time of each of those
    records of `of`). The link was made on the day `of` was added on, its creation's
    own: a step of `of` found later and dated before it does not take the link back
    with it (`links_follow_own_creation` moves it only as far as that day), so that the
    same link counts from the same day in either order of entry. `begun`: the day `p`'s
    own record dates it, added without a date (`link_day`). `said`: `of`'s own entries
    of the link on days of their own (`dprk link --date`): one on the day an undated
    record leaves was written on `of` alone, as that record stood there and said it
    (`operations._follows_to`), and is now written on `p` too, so that the link stays
    recorded on both that day. `p` itself when nothing changes."""
    own = dated_creation(p)
    day = link_day(p, created.date, begun)
    dated = {"date": day, "undated": created.undated}
    then = None if was is None or was.undated else (max(was.date, own) if own else was.date)

    def written_with(h: HistoryEntry) -> bool:
        return follows_creation(h, of) or (
            then is not None
            and was is not None
            and h.event == "exchange"
            and h.date == then
            and h.recorded == was.recorded
            and h.detail == exchange_text(of)
            and (h.date, h.recorded) not in mirrored
        )

    moved = (day, created.undated)
    if not any(written_with(h) and (h.date, h.undated) != moved for h in p.history):
        return p
    history = [h.model_copy(update=dated) if written_with(h) else h for h in p.history]
    # (the days an undated record leaves, on which `of` recorded the link on its own and
    # `p` holds no entry of it of its own: the record stood for that entry)
    left = {h.date for h in p.history if follows_creation(h, of) and h.date != day}
    own_days = {
        h.date
        for h in p.history
        if not h.undated and h.event == "exchange" and h.detail == exchange_text(of)
    }
    for h in said:
        if (
            h.date in left - own_days
            and not h.undated
            and h.event == "exchange"
            and h.detail == exchange_text(p.id)
        ):
            history.append(h.model_copy(update={"detail": exchange_text(of)}))
            own_days.add(h.date)
    if len(history) > len(p.history):
        history.sort(key=HistoryEntry.sort_key)
    return p.model_copy(update={"history": history})


def links_follow_own_creation(
    p: Measure, before: date | None, measure: Callable[[str], Measure | None]
) -> Measure:
    """`p`, whose own dated creation was `before` and is now another (a step found before
    it overtook it, or a redate): its records of the links written when another measure
    was added exchanged for it (`--in-exchange-for`: recorded with that one's creation,
    on the later of the two creations' days, `link_day`) dated as they would be now.
    Added as implemented in 2008, and found agreed in 2007, a measure another was added
    exchanged for in 2007 is exchanged for it from 2007, as if entered in date order.
    `measure`: another measure by its id (None: not in the ledger). `p` itself when
    nothing changes."""
    own = dated_creation(p)
    if own == before:
        return p
    history = list(p.history)
    for k, h in enumerate(history):
        of = exchanged_with(h)
        other = measure(of) if of is not None and linked_by(h) and not h.undated else None
        meant = None if other is None else _link_meant(other, p.id, h)
        if meant is None or h.date != (max(meant, before) if before else meant):
            continue  # (not held back by the creation, or redated by hand since: it stays)
        if other is not None and h.date == meant and added_with_link(other, p.id) is None:
            # (a link made apart, `dprk link`, on its own day on both sides: a creation
            # moved past it does not carry it, and is refused, as past a note)
            continue
        day = link_day(p, meant)  # (not before its dated creation, as it now is)
        if day != h.date:
            history[k] = h.model_copy(update={"date": day})
    if history == p.history:
        return p
    return p.model_copy(update={"history": history})


def _link_meant(other: Measure, ident: str, h: HistoryEntry) -> date | None:
    """The day the link that entry `h` (of measure `ident`) records was made on, as
    `other`'s record of the same change says: its creation, where it was added with the
    link, or its own entry of the link (`dprk link`, recorded on both at once); None
    when `other` holds no record of that change."""
    if added_with_link(other, ident) is not None:
        created = next((c for c in other.history if c.event == CREATED), None)
        if created is not None and not created.undated and created.recorded == h.recorded:
            return created.date
        return None
    return next(
        (e.date for e, linked in _exchanges(other, ident) if linked and e.recorded == h.recorded),
        None,
    )


def left_undated(m: Measure) -> Measure:
    """`m`, an event of it dropped: an undated creation is dated by the earliest event of
    the talks left (it followed the one dropped), or, none left, goes back to the day it
    was added, as a measure added alone has, a rename dated back waiting as on one
    (`lifecycle.own_undated_day`); `m` itself when its day stays."""
    day = own_undated_day(m)
    return m if day is None else undated_creation_on(m, day)


def undated_creation_on(m: Measure, day: date) -> Measure:
    """`m` with its creation, recorded without a date, dated `day` (the day its events, or
    its parts, date it); `m` itself when it is so dated already or was given a date."""
    created = next((h for h in m.history if h.event == CREATED), None)
    if created is None or not created.undated or created.date == day:
        return m
    history = [h.model_copy(update={"date": day}) if h is created else h for h in m.history]
    return m.model_copy(update={"history": history})


def creation_as_read(m: Measure) -> Measure:
    """`m` as every read gives it: its creation, recorded without a date, on the day of
    its earliest event (`effective_creation`) when the file stores it on a later day (a
    step's date changed by hand): no view lists an event before the measure was made.
    `m` itself otherwise (a later day, or the earlier day its parts date a whole by, is
    the next write's to store: `draft.settle`; `rules.creation_matches_parts` warns of
    it)."""
    created = next((h for h in m.history if h.event == CREATED), None)
    if created is None or not created.undated:
        return m
    day = effective_creation(m)
    return m if day is None or day >= created.date else undated_creation_on(m, day)


def added_with_link(m: Measure, other: str) -> date | None:
    """The day `m` was created on, when it holds an exchange link to `other` that no
    entry of its own records: it was added with it (`--in-exchange-for`), and its
    creation is its record of the link (which counts, on both sides, from the later of
    the two records; added without a date, from the day of its earliest event). None
    otherwise."""
    if other not in m.in_exchange_for or _exchanges(m, other):
        return None
    return effective_creation(m)


def typed_wrong_link(m: Measure, other: str) -> bool:
    """Whether `m` lists `other`, an id of no measure (the caller knows), with no record
    of a link to it in its history: typed wrong by hand, never linked in the talks (a
    measure removed since leaves the record of the link: its end is an event)."""
    return other in m.in_exchange_for and not _exchanges(m, other)


def typed_wrong_link_dropped(m: Measure, other: str, when: date, note: str = "") -> Measure:
    """`m` without its link to `other`, typed wrong (`typed_wrong_link`), and the
    correction that says so, dated `when` (the day it is typed): no event of the talks,
    as `timeline` and `last_date` read it."""
    kept = [i for i in m.in_exchange_for if i != other]
    said = f"exchange link to {other} dropped (no measure of this ledger: {_TYPED_WRONG})"
    return with_entry(m, entry(when, CORRECTION, detail=said, note=note), in_exchange_for=kept)


_TYPED_WRONG = "typed wrong, no event of the talks"


def unlink_exchange(m: Measure, other: str, when: date, note: str = "") -> Measure:
    """Drop the exchange link from `m` to `other` (the caller drops the other side too).
    Where `m`'s own record and its field disagree on the link (`lifecycle.unlike_history`),
    it records what it lacks: the field, when its history ended the link already; the
    change, when its history links them."""
    own = link_in_force(m, other)
    if other not in m.in_exchange_for and own is not True:
        return m
    kept = [i for i in m.in_exchange_for if i != other]
    if own is False:
        return m.model_copy(update={"in_exchange_for": kept})
    return with_entry(
        m,
        entry(when, "exchange", detail=f"no longer in exchange for {other}", note=note),
        in_exchange_for=kept,
    )


def _about(
    m: Measure, event: str, detail: re.Pattern[str], other: str
) -> list[tuple[HistoryEntry, bool]]:
    """`m`'s entries of `event` about `other` in replay order (`detail` reads the id in
    its group 2, and a change that undoes one in its group 1), each with whether it made
    the link or the order (or undid one)."""
    found = []
    for h in m.history:
        if h.event == event:
            said = detail.match(h.detail)
            if said is not None and said.group(2) == other:
                found.append((h, said.group(1) is None))
    return found


def _exchanges(m: Measure, other: str) -> list[tuple[HistoryEntry, bool]]:
    """`m`'s `exchange` entries about `other`, each with whether it linked them (an
    entry's words read as `lifecycle.EXCHANGE_DETAIL` reads them)."""
    return _about(m, "exchange", EXCHANGE_DETAIL, other)


def history_references(m: Measure) -> set[str]:
    """The other measures `m`'s history names: those it was exchanged for, sequenced
    with, or a part of on some day, and those whose removal dropped a reference to them
    (its past holds their ids)."""
    found = set(was_part_of(m))
    for h in m.history:
        other = exchanged_with(h) or sequenced_with(h)
        if other is None and h.event == "edit":
            removed = _REMOVED_MEASURE.match(h.detail)
            other = removed.group(1) if removed is not None else None
        if other is not None and other != m.id:
            found.add(other)
    return found


def removals_recorded(m: Measure) -> dict[str, date]:
    """The measures whose removal `m`'s history records (the entry `drop_references`
    writes: 'ID removed: ...'), each with the day of its last such entry: the links and
    orders it dropped ended there."""
    found: dict[str, date] = {}
    for h in m.history:
        removed = _REMOVED_MEASURE.match(h.detail) if h.event == "edit" else None
        if removed is not None:
            gone = removed.group(1)
            found[gone] = max(h.date, found.get(gone, h.date))
    return found


def link_changes(a: Measure, b: Measure | str) -> list[tuple[HistoryEntry, bool]]:
    """The changes of the exchange link between `a` and `b`, from both (each records
    them), in replay order: (entry, whether it linked them). `b` given by its id alone
    (a measure since removed): as `a`'s history has them."""
    both = _exchanges(a, b) if isinstance(b, str) else [*_exchanges(a, b.id), *_exchanges(b, a.id)]
    return sorted(both, key=lambda found: found[0].sort_key())


def link_changes_by_other(m: Measure) -> dict[str, list[tuple[date, bool]]]:
    """`m`'s own changes of its exchange links, by the other measure, in the order of its
    history: each one's day and whether it linked them (`recorded_on_the_other_alone`
    compares them with the other's)."""
    found: dict[str, list[tuple[date, bool]]] = {}
    for h in m.history:
        said = EXCHANGE_DETAIL.match(h.detail) if h.event == "exchange" else None
        if said is not None:
            found.setdefault(said.group(2), []).append((h.date, said.group(1) is None))
    return found


def exchange_partners(
    ident: str, in_exchange_for: Iterable[str], own: Mapping[str, object]
) -> set[str]:
    """The measures whose records of a link with measure `ident` are its too: those it is
    exchanged for, and those its own changes of a link name (`own`:
    `link_changes_by_other`)."""
    return {*in_exchange_for, *own} - {ident}


def recorded_on_the_other_alone(
    own: Iterable[tuple[date, bool]], theirs: Iterable[tuple[date, bool]]
) -> list[int]:
    """Where, among the changes of an exchange link the other measure records (`theirs`:
    each one's day and whether it made the link), are those this measure's own record
    (`own`) lacks. Each end of a link records its changes (`dprk link`, `unlink`), but a
    measure added with `--in-exchange-for` has its creation for its record of the link,
    and the other alone holds the change, on the day the link came into force (the later
    of the two beginnings: `link_day`). That change is an event of both measures all the
    same, whichever was added first: the one rule of it, which a node's `link_days`
    (what `last_date`, `--since` and `--until` read) and the timeline's rows follow.
    Matched from the latest back: the changes both record came after the one the
    measure was added with, so of a day's link, unlink and link again, the first link
    is the one the other alone holds, as its history reads them."""
    left = list(own)
    changes = list(theirs)
    found = []
    for place in range(len(changes) - 1, -1, -1):
        if changes[place] in left:
            left.remove(changes[place])
        else:
            found.append(place)
    return found[::-1]


# A measure's own changes of its exchange links, by the other measure (what
# `link_changes_by_other` gives).
LinkChanges = Mapping[str, list[tuple[date, bool]]]


def days_recorded_on_others(
    ident: str,
    in_exchange_for: Iterable[str],
    own: LinkChanges,
    theirs: Callable[[str], LinkChanges | None],
    created: date | None,
) -> tuple[date, ...]:
    """The days of the changes of measure `ident`'s exchange links that only the other
    measure records (`recorded_on_the_other_alone`), in order, but the day it was made
    (`created`, an event day of its own already): a node's `link_days`. `own`: its own
    changes of them (`link_changes_by_other`); `theirs`: another measure's, by its id
    (None: not in the ledger)."""
    days: set[date] = set()
    for other in exchange_partners(ident, in_exchange_for, own):
        found = theirs(other)
        changes = None if found is None else found.get(ident)
        if changes:
            unmatched = recorded_on_the_other_alone(own.get(other, ()), changes)
            days.update(changes[i][0] for i in unmatched)
    if created is not None:
        days.discard(created)
    return tuple(sorted(days))


def link_days(
    m: Measure, created: date | None, measure: Callable[[str], Measure | None]
) -> tuple[date, ...]:
    """`days_recorded_on_others` of `m`, made on `created`, from the measures themselves
    (`measure`: one by its id, None when not in the ledger)."""

    def theirs(other: str) -> LinkChanges | None:
        partner = measure(other)
        return None if partner is None else link_changes_by_other(partner)

    return days_recorded_on_others(
        m.id, m.in_exchange_for, link_changes_by_other(m), theirs, created
    )


def linked_since(a: Measure, b: Measure) -> date | None:
    """The day from which `a` and `b` have been exchanged for each other without a break
    (the first of the links their latest unlink left, or of all); None when their changes
    of the link end in an unlink, or there are none."""
    found = link_changes(a, b)
    return link_run_since(found) if found and found[-1][1] else None


def exchanged_since(m: Measure, created: date | None) -> tuple[date | None, ...]:
    """For each measure `m` is exchanged for (in `in_exchange_for`'s order), the day from
    which its own record has had them exchanged without a break: the first of its latest
    run of links (made again after an unlink, from the new link), or, with no change of it
    of its own (added with `--in-exchange-for`, or by hand), the day it was made
    (`created`, as its replay gives it). None: its own record ended the link (a hand
    edit). The other's record may begin later: an exchange stands from the later of the
    two (`Node.exchanged_on`, `balance.opened`)."""
    found: list[date | None] = []
    for other in m.in_exchange_for:
        changes = link_changes(m, other)
        if not changes:
            found.append(created)
        else:
            found.append(link_run_since(changes) if changes[-1][1] else None)
    return tuple(found)


def link_run_since(found: list[tuple[HistoryEntry, bool]]) -> date | None:
    """The day from which the last of the link changes `found` (in replay order) has held
    without a break: the first of the latest run of links, or of unlinks (None: none)."""
    if not found:
        return None
    now = found[-1][1]
    start = found[-1][0].date
    for entry, linked in reversed(found):
        if linked != now:
            break
        start = entry.date
    return start


def link_in_force(m: Measure, other: str) -> bool | None:
    """Whether `m` is exchanged for `other` as its latest-dated change of the link left
    it (None: no change of it on record; `lifecycle.links_in_force`)."""
    found = links_in_force(m).get(other)
    return found[1] if found is not None else None


def link_superseded_by(a: Measure, b: Measure, when: date) -> HistoryEntry | None:
    """The change of the exchange link between `a` and `b` dated after `when`, if any.
    As with an order (`superseded_by`), the link is what its latest-dated change made it:
    one dated before a later one is recorded, and changes nothing."""
    later = [h for h, _ in link_changes(a, b) if h.date > when]
    return later[-1] if later else None


def linked_on(m: Measure, other: str, day: date) -> bool | None:
    """Whether `m` was exchanged for `other` at the end of `day`, as its changes of the
    link say (before its first, the opposite of what that did); None when none is dated
    after `day` (the link is as it stands)."""
    found = _exchanges(m, other)
    if not any(h.date > day for h, _ in found):
        return None
    return linked_then(found, day)


def unlinked_before_linked(a: Measure, b: Measure | str) -> DprkError | None:
    """The refusal of a history in which the two measures are unlinked before the change
    that first linked them (a redate moved one across the other: the unlink ends no
    link, as `unlink` refuses one on a day they were not linked); None when it holds.
    A link with no change that made it (written by hand) stood before its first change.
    `b` given by its id alone (a measure since removed): as `a`'s history has the link."""
    found = link_changes(a, b)
    first_link = next((h for h, linked in found if linked), None)
    if first_link is None or not found or found[0][1]:
        return None
    h = found[0][0]
    other = b if isinstance(b, str) else b.id
    return DprkError(
        f"'{a.id}' and '{other}' would be no longer exchanged for each other on {h.date}, "
        f"before they were ({first_link.date}): an unlink ends a link made before it"
    )


def linked_then(found: list[tuple[HistoryEntry, bool]], day: date) -> bool:
    """Whether the changes of a link `found` (in replay order, at least one) leave it
    made at the end of `day`: as the latest by then left it, or, before the first, the
    opposite of what that one did."""
    by_then = [linked for h, linked in found if h.date <= day]
    return by_then[-1] if by_then else not found[0][1]


def links_on(m: Measure, day: date, index: Mapping[str, Measure] | None = None) -> list[str]:
    """What `m` was exchanged for at the end of `day`: as the changes of each link dated
    after `day` leave it, read from both measures' records where the other is in `index`
    (a link given when a measure was added is written on the other one alone); the
    others as they stand."""
    later = {o for o in map(exchanged_with, (h for h in m.history if h.date > day)) if o}
    if index is not None:  # (a link `m` was added with: only the other records its change)
        for other in m.in_exchange_for:
            partner = index.get(other)
            if partner is not None and any(
                h.date > day and exchanged_with(h) == m.id for h in partner.history
            ):
                later.add(other)
    if not later:
        return m.in_exchange_for
    then = set(m.in_exchange_for)
    for other in later:
        partner = index.get(other) if index is not None else None
        if partner is None:
            linked = linked_on(m, other, day)
        else:
            linked = linked_then(link_changes(m, partner), day)
        if linked is not None:
            (then.add if linked else then.discard)(other)
    return sorted(then)


def recorded_only(m: Measure, new: HistoryEntry) -> Measure:
    """`m` with `new` in its history and nothing else changed (a change dated before a
    later one of the same thing), or `m` itself when that entry is there already."""
    same = (new.date, new.event, new.detail)
    if any((h.date, h.event, h.detail) == same for h in m.history):
        return m
    return with_entry(m, new)


def mark(
    m: Measure,
    status: Status,
    when: date,
    *,
    extent: Extent | None = None,
    note: str = "",
    sources: list[str] | None = None,
    by: str | None = None,
) -> Measure:
    """Record a new status (proposed, agreed, implemented, reversed, withdrawn, rejected)
    as of `when`; an implementation at an `extent` (default full); a reversal `by` another
    party than its actor (the one that undid it)."""
    if status in (Status.verified, Status.disputed):
        raise UsageError(
            f"{status.value} comes from a verifier: use 'dprk verify {m.id} --by VERIFIER'"
        )
    if by is not None and status != Status.reversed:
        raise UsageError(
            f"--by goes with reversed: it names the party that undid the measure, not its "
            f"actor ('dprk mark {shell_word(m.id)} reversed --by PARTY')"
        )
    if extent is not None and status != Status.implemented:
        if status == Status.reversed and extent in (Extent.minimal, Extent.intermediate):
            # (undone in part: it stands carried out as far as what is left; on the day,
            # with the note and sources, given: the step the user typed, but its status)
            kept = f" --date {when.isoformat()}" + (f" --note {shell_word(note)}" if note else "")
            kept += "".join(f" --source {shell_word(s)}" for s in sources or ())
            raise UsageError(
                "--extent goes with implemented; a step undone in part is recorded as "
                f"what is left of it: 'dprk mark {shell_word(m.id)} implemented --extent "
                f"{extent.value}{kept}' (reversed undoes it whole)"
            )
        raise UsageError("--extent goes with implemented")
    joined = next((s for s in sources or () if SOURCES_BETWEEN in s), None)
    if joined is not None:  # (its entry could not tell where it ends: `sources_brought`)
        raise UsageError(
            f"--source: '{joined}' holds '{SOURCES_BETWEEN}', which a step's entry puts "
            "between the sources it brought; give each source to a --source of its own"
        )
    shown = status.value
    if status == Status.implemented and extent is not None and extent != Extent.full:
        shown += f" ({extent.value})"
    # (the sources it brought, said by its entry, as a note's: a drop takes them back;
    # one a step brought before too, that it backs as well, which the other's drop leaves)
    stepped = {s for h in m.history if h.event == "status" for s in sources_brought(h)}
    brought = [s for s in dict.fromkeys(sources or ()) if s not in m.sources or s in stepped]
    return with_entry(
        m,
        entry(
            when,
            "status",
            status=status,
            extent=extent if status == Status.implemented and extent != Extent.full else None,
            detail=with_sources_said(shown, brought),
            note=note,
            by=by,
        ),
        sources=add_sources(m, sources),
    )


def add_sources(m: Measure, sources: list[str] | None) -> list[str]:
    """The measure's sources with `sources` added (each once)."""
    return list(dict.fromkeys([*m.sources, *(sources or [])]))


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
    record = Verification(
        by=by, result=result, date=when, method=method, evidence=list(evidence or []), note=note
    )
    return with_entry(
        m,
        finding_entry(record),
        verifications=sorted([*m.verifications, record], key=Verification.sort_key),
    )


def finding_entry(v: Verification) -> HistoryEntry:
    """The history entry of a finding (`lifecycle.match_verifications` pairs them):
    confirmed makes the measure verified, refuted disputed."""
    new_status = {Result.confirmed: Status.verified, Result.refuted: Status.disputed}.get(v.result)
    return entry(
        v.date,
        VERIFICATION,
        status=new_status,
        detail=finding_text(v.result, v.by, v.method),
        note=v.note,
    )


def note(m: Measure, text: str, when: date, *, source: str | None = None) -> Measure:
    """A dated note (and source) on a measure: no change of status."""
    detail = with_sources_said("", [source] if source else [])
    return with_entry(
        m,
        entry(when, NOTE, detail=detail, note=text),
        sources=add_sources(m, [source] if source else None),
    )


# The fields `dprk edit` changes, and how each reads in the history.
EDITABLE = EDIT_FIELDS  # (`lifecycle.edit_pieces` reads each piece of their entry)
# (the fields an edit's detail shows whole; a party, a day or an id is short)
_KEPT_WHOLE = ("title", "category", "part_of")


def shown(value: Any, *, whole: bool = False) -> str:
    """A value in an edit's detail: quoted as typed, on one line, cut at 60 characters
    unless `whole` (an id, which `field_then` reads back, or a title); a count (how many
    parts a measure is to have) as a number, unquoted."""
    if value is None or value == "":
        return "(none)"
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    text = value.isoformat() if isinstance(value, date) else str(value)
    text = " ".join(text.replace("\t", " ").split("\n")).replace("\r", "")  # (one line)
    return "'" + (text if whole or len(text) <= 60 else text[:57] + "...") + "'"


def notes_kept(before: str | None, after: str | None) -> dict[str, Any]:
    """The notes a change replaced and set, in full, as its entry keeps them beside its
    words (`notes_before`, `notes_after`: none there, "") when those words show either
    otherwise than whole (`shown`: cut, or a line break or tab as a space); {} when they
    show both whole."""
    if all(shown(v) in ("(none)", f"'{v}'") for v in (before, after)):
        return {}
    return {"notes_before": before or "", "notes_after": after or ""}


def edit(
    m: Measure,
    when: date,
    *,
    add_sources: list[str] | None = None,
    remove_sources: list[str] | None = None,
    note: str = "",
    dated: bool = False,
    **fields: Any,
) -> Measure:
    """Change fields of a measure (title, category, actor, deadline, notes, part_of) and
    its sources; one history entry says what changed. `m` itself if nothing did.

    A dated field (`DATED_FIELDS`) changed on a day before a later change of it is only
    recorded, from the value it had then (`field_then`): the change dated last is in
    force, whatever order they were entered in. Given (`dated`: `when` was given) the
    value it has, it is recorded too: an edit dated between, found later, does not
    overrule it (`recorded_only_edits`)."""
    update: dict[str, Any] = {}
    said = []
    recorded = recorded_only_edits(m, when, fields, dated=dated)
    for name, value in fields.items():
        if name not in EDITABLE:
            raise TypeError(name)
        # (a title or a category is what a measure is known by: kept whole, as an id is;
        # notes, free text, by their start)
        whole = name in _KEPT_WHOLE
        if name in recorded:
            if recorded[name][1]:
                said.append(recorded[name][1])
        elif getattr(m, name) != value:
            update[name] = value
            said.append(
                f"{name}: {shown(getattr(m, name), whole=whole)} -> {shown(value, whole=whole)}"
            )
    sources = list(m.sources)
    for source in remove_sources or []:
        if source not in sources:
            listed = "; ".join(m.sources) or "none"
            raise DprkError(f"measure '{m.id}' has no source '{source}' (its sources: {listed})")
        sources.remove(source)
        said.append(f"source removed: {source}")
    for source in add_sources or []:
        if source not in sources:
            sources.append(source)
            said.append(f"source added: {source}")
    if sources != m.sources:
        update["sources"] = sources
    if not said:
        return m
    checked = Measure.model_validate({**m.model_dump(by_alias=True), **_aliased(update)})
    # (notes kept whole beside the words, which show them by their start)
    kept = notes_kept(m.notes, checked.notes) if "notes" in update else {}
    return with_entry(checked, entry(when, "edit", detail="; ".join(said), note=note, **kept))


def fields_edited(h: HistoryEntry) -> set[str]:
    """The fields an `edit` entry says it changed, as `edit` writes it ('sources' for a
    source added or removed); none for another entry."""
    if h.event != "edit":
        return set()
    said = (piece.partition(":")[0] for piece in h.detail.split("; "))
    return {"sources" if name.startswith("source ") else name for name in said}


def fields_recorded(h: HistoryEntry) -> set[str]:
    """The fields an entry says it changed, which `diff` says by the entry, not again as
    a field changed by hand (`change_unrecorded`): an edit's (`fields_edited`), a link's
    `in_exchange_for`, an order's `constraints`, and those the removal of a measure
    dropped (`drop_references`)."""
    if h.event == "exchange":
        return {"in_exchange_for"}
    if h.event == "sequence":
        return {"constraints"}
    removal = _REMOVED_MEASURE.match(h.detail) if h.event == "edit" else None
    if removal is None:
        return fields_edited(h)
    pieces = h.detail[removal.end() :].split("; ")
    return {next(n for said, n in _DROPPED_FIELDS if p.startswith(said)) for p in pieces}


def sources_recorded(h: HistoryEntry) -> list[tuple[str, bool]]:
    """The sources an entry says it added (True) or removed (False), in its order: an
    edit's (`edit_sources`), a note's or a step's (`sources_brought`); none for another
    entry: the sources given with a new measure are not in its words."""
    if h.event == "edit":
        return edit_sources(h.detail)
    return [(source, True) for source in sources_brought(h)]


def change_unrecorded(
    name: str, before: Any, after: Any, entries: Iterable[HistoryEntry]
) -> tuple[Any, Any] | None:
    """What of field `name`'s change from `before` to `after` none of `entries` says it
    made, as (before, after), which `diff` says as a field changed by hand; None when
    they say it all (each said once: by its entry, with its day and note). A field an
    entry records whole (`fields_recorded`) is its entry's; sources one by one
    (`sources_recorded`): a note's, a step's or an edit's source is its entry's, one
    added beside it by hand, or with a step written before steps said theirs, is still
    said as the field's."""
    entries = list(entries)
    if name != "sources":
        return None if any(name in fields_recorded(h) for h in entries) else (before, after)
    said = {source: added for h in entries for source, added in sources_recorded(h)}
    # (the sources as a hand edit alone would leave them: those an entry added taken
    # out, those an entry removed put back)
    hand = [s for s in after if s in before or said.get(s) is not True]
    hand += [s for s in before if s not in after and said.get(s) is False]
    if hand == before or (said and sorted(hand) == sorted(before)):
        return None  # (an entry's source put back at the end moved none by hand)
    return before, hand


# How `drop_references` says each field it dropped, first match first (an order: the rest).
_DROPPED_FIELDS = (
    ("no longer in exchange for ", "in_exchange_for"),
    ("no longer a part of ", "part_of"),
    ("", "constraints"),
)


def recorded_only_edits(
    m: Measure, when: date, fields: dict[str, Any], *, dated: bool = False
) -> dict[str, tuple[HistoryEntry | None, str]]:
    """Of the dated fields in `fields`, those an edit on `when` only records, changing
    nothing: each with the latest edit of it dated after `when` (it stays as that one set
    it), or None for one given (`dated`: `when` was given) the value it has, with no later
    edit (it stays as it stands); and what the edit records, from the value the field had
    then ('part_of: (none) -> 'yb''). A value it had then already is recorded too, as a
    later-found change between may make it count, unless an edit of that day set it ("")."""
    found: dict[str, tuple[HistoryEntry | None, str]] = {}
    for name, value in fields.items():
        if name not in DATED_FIELDS:
            continue
        edits = field_changes(m, name)
        later = [h for h, _, _ in edits if h.date > when]
        if not later and not (dated and getattr(m, name) == value):
            continue  # (a change, made now)
        typed = shown(value, whole=name == "part_of")
        # (given the value it has: from the value its history gives, which a hand edit of
        # the file may have left unlike it)
        then = field_then(m, name, when) if later else (edits[-1][2] if edits else typed)
        if name == "deadline" and (days := deadline_days(m)) and days[-1][0] > when:
            # (none before the day one given at a creation a step found later overtook
            # holds from: `deadline_days`, as every view of that day reads it)
            then = shown(deadline_on(m, when))
        that_day = any(h.date == when and after == typed for h, _, after in edits)
        piece = "" if that_day else f"{name}: {then} -> {typed}"
        if later:
            found[name] = (later[-1], piece)
        elif piece:
            found[name] = (None, piece)
    return found


def field_since(m: Measure, name: str) -> date | None:
    """The day from which dated field `name` of `m` has had the value its edits leave it
    with, without a break (an edit that gave it again the value it had breaks nothing:
    from the measure's creation, when its first edit found it so); None when no edit of it
    is on record."""
    found = field_changes(m, name)
    if not found:
        return None
    final = found[-1][2]
    start = found[-1][0].date
    for h, _, after in reversed(found):  # (what each set: its words of before may be
        if after != final:  # stale, an edit dated between recorded later)
            return start
        start = h.date
    return (effective_creation(m) or start) if found[0][1] == final else start


# The fields an edit corrects, as words of the record rather than facts of the talks
# (`lifecycle.correction`): the last correction made is the one in force, and each is
# dated on or after the one it follows (`correction_crossed`), so that `dprk log`, read
# by date, and a search of a past day (`text_on`) read them in the order they were made.
# Every view, of a past day too (`analysis.asof`), shows them as they stand.
CORRECTED_FIELDS = ("title", "category", "notes")


def correction_crossed(
    m: Measure, name: str, when: date, moved: HistoryEntry | None = None
) -> HistoryEntry | None:
    """The correction of field `name` (`CORRECTED_FIELDS`) on record in `m` that one dated
    `when` would cross: `moved`, one of them redated, or (None) a new one, made after
    every one on record. That is one made before it dated after `when`, or one made after
    it dated before `when` (`m`'s history keeps them in the order they were made, as this
    rule holds it; within a day, in the order they were recorded); None when none. `dprk
    edit` and `dprk redate` refuse a day it finds."""
    edits = [h for h, _, _ in field_changes(m, name)]
    at = next((i for i, h in enumerate(edits) if h is moved), len(edits))
    earlier = (h for h in edits[:at] if h.date > when)
    later = (h for h in edits[at + 1 :] if h.date < when)
    return next(earlier, None) or next(later, None)


def field_then(m: Measure, name: str, day: date) -> str | None:
    """Dated field `name` of `m` at the end of `day`, as an edit shows it, from its edits
    forward: the value the latest by then set, or, before the first, the one that one
    changed. None when no edit of it is dated after `day` (it is as it stands)."""
    found = field_changes(m, name)
    if not any(h.date > day for h, _, _ in found):
        return None
    by_then = [after for h, _, after in found if h.date <= day]
    return by_then[-1] if by_then else found[0][1]


def given_on(m: Measure) -> date | None:
    """The day from which what `m` was added with (its deadline, its orders:
    `add-measure --deadline`, `--after`) is in force, when that is after the measure's
    start: its creation's own day, when it was dated at a status past the offer and a step
    found later is dated before it (`lifecycle.overtaken_creation`). Added as agreed on
    a day, a measure was given them that day, as the link it was added with was made that
    day (`links_dated`): the offer found later does not take them back with it. None
    otherwise: they count from its start (an undated creation follows its events; one as
    proposed is its start). `fields_on`, `deadline_days` and `orders_on` read it."""
    created = overtaken_creation(m)
    return created.date if created is not None else None


def corrects_from_start(m: Measure, h: HistoryEntry, first: date | None = None) -> bool:
    """Whether `h`, an edit of `m`, is dated on the day from which what `m` was added
    with is in force (`first`, when known): its first day (`effective_creation`), or its
    creation's own, when a step found later overtook it (`given_on`). A dated field it
    changed had its new value from then, as every view of a past day reads it
    (`field_then`, `deadline_days`), so no view draws it as a change (`analysis.timeline`:
    the value it was added with is the one it set). An edit dated before an overtaken
    creation, on the measure's first day too, changes the field on its own day, which
    the timeline draws. The advice to correct a change of today from the start dates the
    edit on the first day (`operations.from_start`)."""
    if h.event != "edit":
        return False
    if first is None:
        first = given_on(m) or effective_creation(m)
    return h.date == first


def deadline_changes(m: Measure) -> list[tuple[HistoryEntry, str | None, str | None]]:
    """Each edit of `m`'s deadline, in replay order (by the days they happened, whatever
    order they were typed in), with the deadline before it (what the edit dated before
    it set: `field_then`'s reading; the first's, as it says) and the one it set, each as
    `YYYY-MM-DD` (None for none). Given a deadline at a creation a step found later
    overtook (`given_on`), the first edit dated before that creation finds none: the
    one it was added with never stood (`deadline_days`)."""
    found = field_changes(m, "deadline")
    changes = []
    before = field_value(found[0][1]) if found else None
    given = given_on(m) if before is not None else None
    if given is not None and found[0][0].date < given:
        before = None
    for h, _, after in found:
        changes.append((h, before, field_value(after)))
        before = field_value(after)
    return changes


def deadline_days(m: Measure) -> tuple[tuple[date, date | None], ...]:
    """`m`'s deadline as each edit of it left it (`deadline_changes`, in replay order),
    each with the day of its edit, the first pair (`date.min`) the deadline it had before
    them: what `facts.Node.deadline_on` reads as `field_then` does (`fields_on`). Given a
    deadline at a creation a step found later overtook (`given_on`), none from `date.min`,
    then that one from the creation's day (unless an edit dated before it set one). ()
    when it was never edited nor so given, or an edit's value cannot be read back (it is
    as it stands on every day)."""
    found = deadline_changes(m)
    given = given_on(m) if found or m.deadline is not None else None
    if not found and given is None:
        return ()
    try:
        first = dated_value("deadline", found[0][1]) if found else m.deadline
        days = [(date.min, first)]
        if given is not None:  # (none before the creation's day, unless an edit set one)
            days = [(date.min, None)]
            if not found or found[0][0].date >= given:
                days.append((given, first))
        days += [(h.date, dated_value("deadline", after)) for h, _, after in found]
    except ValueError:
        return ()
    return tuple(days)


def deadline_on(m: Measure, day: date) -> date | None:
    """`m`'s deadline at the end of `day`, as `deadline_days` has it (the latest pair by
    then): as it stands when no pair is dated after `day`."""
    days = deadline_days(m)
    if not days or days[-1][0] <= day:
        return m.deadline
    return [value for on, value in days if on <= day][-1]


def deadline_from(m: Measure) -> date | None:
    """The day from which `m`'s deadline has been as it stands, as `deadline_days` has
    it (its last change of value); None when from its start."""
    days = deadline_days(m)
    since = None
    for on, value in reversed(days):
        if value != m.deadline:
            break
        since = on
    return None if since == date.min else since


def deadline_change_text(before: str | None, after: str | None) -> str:
    """A change of a deadline in words, as the timeline says it: 'set to 2019-01-01',
    'moved from 2019-01-01 to 2019-03-01', 'removed (was 2019-03-01)'; an edit that gave
    it the deadline it had, 'kept at 2019-03-01'."""
    if before == after:
        return f"kept at {after}" if after is not None else "still none"
    if before is None:
        return f"set to {after}"
    if after is None:
        return f"removed (was {before})"
    return f"moved from {before} to {after}"


def settled_field(m: Measure, name: str, note: str) -> Measure:
    """`m` with dated field `name`, as it stands, in force by its history too: when the
    edit of it dated last set another value (a merge kept two edits of one day, and a
    settlement chose), an edit dated that day, recorded after it, sets the value it has,
    so that a redate later puts it in force again; `m` itself otherwise."""
    found = field_changes(m, name)
    if not found:
        return m
    latest, _, after = found[-1]
    whole = name == "part_of"
    value = shown(getattr(m, name), whole=whole)
    if value == after:
        return m
    detail = f"{name}: {after} -> {value}"
    return with_entry(m, entry(latest.date, "edit", detail=detail, note=note))


def edits_not_taken(m: Measure, name: str, other: str | None) -> Measure:
    """`m` without the edits of dated field `name`, dated the day of its last one, that set
    `other` (as text: None for none): a merge kept both sides' edits of one day, each
    its own desk's, and a settlement took the one that did not set `other`, so that the
    history reads as that side wrote it, its edit saying the value before as it did, not
    a change from the other side's value that no desk made. An edit that changed other
    fields too keeps their changes. `m` itself when none is dropped, or when the edits
    left would not put its value in force (`settled_field` then records it)."""
    found = field_changes(m, name)
    if len(found) < 2:
        return m
    day = found[-1][0].date
    gone = [h for h, _, after in found if h.date == day and field_value(after) == other]
    if not gone or len(gone) == len(found):
        return m
    history = []
    for h in m.history:
        if not any(h is g for g in gone):
            history.append(h)
            continue
        said = field_said(h.detail, name)
        assert said is not None  # (it is one of `field_changes`)
        start, end = said.start(1) - len(f"{name}: "), said.end(2)
        if h.detail[start - 2 : start] == "; ":
            start -= 2
        elif h.detail[end : end + 2] == "; ":
            end += 2
        rest = h.detail[:start] + h.detail[end:]
        if rest:  # (its changes of other fields stay)
            history.append(h.model_copy(update={"detail": rest}))
    kept = edits_in_order(m.model_copy(update={"history": history}), was=m)
    left = field_changes(kept, name)[-1]
    if left[0].date != day or field_value(left[2]) != _text_of(getattr(m, name)):
        return m
    return kept


def _text_of(value: object) -> str | None:
    """A dated field's value as an edit's words read back give it (`field_value`)."""
    return None if value is None else value.isoformat() if isinstance(value, date) else str(value)


def handed_over(m: Measure) -> bool:
    """Whether `m`'s actor was ever changed by an edit (the common case, no: its actor
    is its actor on every day)."""
    return any(h.event == "edit" and "actor: " in h.detail for h in m.history)


def actor_on(m: Measure, day: date, parties: list[str]) -> str:
    """Who was to carry `m` out at the end of `day` (`fields_on`)."""
    if not handed_over(m):
        return m.actor
    return str(fields_on(m, day, parties).get("actor", m.actor))


def fields_on(m: Measure, day: date, parties: list[str]) -> dict[str, Any]:
    """`m`'s dated fields (actor, deadline, part_of) at the end of `day` that differ from
    what they are now (`field_then`; the deadline as `deadline_days` has it, none before
    the creation's day for one given at a creation a step found later overtook). A value
    that cannot be read back, or an actor no longer declared (renamed since), leaves the
    field as it stands."""
    update: dict[str, Any] = {}
    for name in DATED_FIELDS:
        if name == "deadline":
            due = deadline_on(m, day)
            if due != m.deadline:
                update[name] = due
            continue
        if name == "part_of":  # (as the replay reads it: `part_runs`)
            runs = part_runs(m)
            if runs and runs[-1][0] > day:  # (the latest run by then; else as it stands)
                whole = [value for on, value in runs if on <= day][-1]
                if whole != m.part_of:
                    update[name] = whole
            continue
        then = field_then(m, name, day)
        if then is None:
            continue
        try:
            value = dated_value(name, field_value(then))
        except ValueError:
            continue
        if name == "actor" and value not in parties:
            continue
        if value != getattr(m, name):
            update[name] = value
    return update


def entries_on(m: Measure, day: date) -> list[HistoryEntry]:
    """The entries of `m`'s history on record at the end of `day`, in the file's order:
    those dated by then (a creation given no date moves with the measure's earliest
    event: kept; one an earlier event overtook is a step on its day like any other)."""
    kept = None if overtaken_creation(m) else CREATED
    return [h for h in m.history if h.date <= day or h.event == kept]


def measure_on(
    m: Measure, day: date, present: Collection[str], status: Status, extent: Extent
) -> Measure:
    """`m` as it stood at the end of `day`, at `status` and `extent` (its state then, as
    the ledger's replay gives it), its dated fields already read for that day
    (`fields_on`): its history (`entries_on`) and findings up to that day, and its links,
    orders and whole among the measures `present` then; `m` itself when nothing of it
    came later. The one home of a measure read as of a past day (`analysis.asof`, and a
    finding's day judged as it stood: `operations`)."""
    history = entries_on(m, day)
    unchanged = (
        len(history) == len(m.history)
        and status == m.status
        and extent == m.extent
        and all(v.date <= day for v in m.verifications)
        and all(i in present for i in m.in_exchange_for)
        and all(c.other in present for c in m.constraints)
        and (m.part_of is None or m.part_of in present)
    )
    if unchanged:
        return m  # nothing had happened to it after `day`
    return m.model_copy(
        update={
            "status": status,
            "extent": extent,
            "history": history,
            "verifications": [v for v in m.verifications if v.date <= day],
            "in_exchange_for": [i for i in m.in_exchange_for if i in present],
            "constraints": [c for c in m.constraints if c.other in present],
            "part_of": m.part_of if m.part_of in present else None,
        }
    )


def text_on(m: Measure, day: date) -> tuple[str, str]:
    """`m`'s title and notes at the end of `day`, as its edits show them (`field_then`):
    as they stand, unless an edit dated after `day` changed them. Notes are read whole
    from the edit that kept them so (`notes_kept`); an edit an earlier dprk wrote shows
    them cut (`shown`: their first 57 characters, then '...'): their start alone."""
    then = field_then(m, "title", day)
    title = (field_value(then) if then is not None else None) or m.title
    return title, _notes_on(m, day)


def _notes_on(m: Measure, day: date) -> str:
    """`m`'s notes at the end of `day` (`text_on`)."""
    found = field_changes(m, "notes")
    if not any(h.date > day for h, _, _ in found):
        return m.notes
    by_then = [(h, after) for h, _, after in found if h.date <= day]
    if by_then:  # (what the latest by then set; before the first, what that one replaced)
        h, said = by_then[-1]
        whole = h.notes_after
    else:
        h, said, _ = found[0]
        whole = h.notes_before
    if whole is not None:
        return whole
    text = field_value(said) or ""  # ('(none)': no notes then)
    return text[:-3] if len(text) == 60 and text.endswith("...") else text


def sources_on(m: Measure, day: date) -> list[str]:
    """The sources `m` held at the end of `day`, as its dated entries say: one an edit
    or a note or a step (`sources_brought`) added after `day` left out, one an edit
    removed after it put back. A source that no entry dates (given when the measure was
    added, or with a step written before steps said theirs) is taken to have been held
    from the start."""
    if all(h.date <= day for h in m.history):
        return list(m.sources)
    changed: dict[str, list[tuple[date, bool]]] = {}
    for h in m.history:
        for source, add in sources_recorded(h):
            changed.setdefault(source, []).append((h.date, add))
    held = []
    for source in dict.fromkeys([*m.sources, *changed]):
        dated = changed.get(source)
        if dated is None:
            held.append(source)
            continue
        by_then = [add for when, add in dated if when <= day]
        # (what the last change by then left; none by then: the first after it took
        # away what was held, or added what was not)
        if by_then[-1] if by_then else not dated[0][1]:
            held.append(source)
    return held


def _aliased(update: dict[str, Any]) -> dict[str, Any]:
    return {Measure.model_fields[k].alias or k: v for k, v in update.items()}


def constraint_text(c: Order) -> str:
    """A constraint in words: 'after X (verified), demanded by P', 'after X (verified by
    V)', 'after X (in full)' or 'together with X'."""
    if c.with_ is not None:
        return f"together with {c.with_}"
    text = f"after {c.after}"
    if c.require == Require.verified:
        text += f" (verified by {c.verified_by})" if c.verified_by else " (verified)"
    elif c.require == Require.full:
        text += " (in full)"
    if c.demanded_by:
        text += f", demanded by {c.demanded_by}"
    return text


def add_constraint(m: Measure, constraint: Constraint, when: date, note: str = "") -> Measure:
    """Add the constraint, replacing any `m` had with the same measure; `m` itself when
    it is already there, as its history says (so that repeating a command records nothing
    new). One the file holds and its history does not give (written by hand) is recorded,
    replacing the one the history gives: the two agree again."""
    if constraint.other == m.id:
        raise DprkError(f"measure '{m.id}' cannot be sequenced after or together with itself")
    replaced = [c for c in m.constraints if c.other == constraint.other]
    if replaced == [constraint]:
        found = order_in_force(m, constraint.other)
        if found is None or found[1] == constraint:
            return m
        replaced = [found[1]] if found[1] is not None else []
    detail = constraint_text(constraint)
    if replaced:
        detail += f" (was: {constraint_text(replaced[0])})"
    kept = [c for c in m.constraints if c.other != constraint.other]
    return with_entry(
        m,
        entry(when, "sequence", detail=detail, note=note),
        constraints=sorted([*kept, constraint], key=Constraint.sort_key),
    )


def remove_constraint(m: Measure, other: str, when: date, note: str = "") -> Measure:
    """Drop the constraint between `m` and `other`; an error if there is none."""
    gone = [c for c in m.constraints if c.other == other]
    if not gone:
        found = order_changes_with(m, other)
        if found and not found[-1][1]:  # (removed already: entering it again ends nothing)
            raise _no_order(m.id, other, when, found[-1][0], found)
        raise DprkError(
            f"measure '{m.id}' has no sequencing constraint with '{other}' (to record the end "
            f"of one not entered yet, enter it first, dated before {when}, then its removal)"
        )
    return with_entry(
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
    two measures cannot go together when one waits for the other. Dated before a
    later change between them (`superseded_by`), it is only recorded.
    """
    if superseded_by(m, other, when, together=constraint.with_ is not None) is not None:
        said = constraint_text(constraint)
        recorded = recorded_only(m, entry(when, "sequence", detail=said, note=note))
        if constraint.with_ is not None:  # (kept on both: recorded on both)
            mirror = entry(when, "sequence", detail=f"together with {m.id}", note=note)
            mine, theirs = _together_until(recorded, recorded_only(other, mirror), when)
            # (the other's own order may have been older than the `with`: replaced by it,
            # then ended with it, what stands is what its history now says)
            return as_history_says(mine, other.id), as_history_says(theirs, m.id)
        return recorded, other
    new_m = add_constraint(m, constraint, when, note)
    return new_m, follow_with(new_m, other, when, note)


# What a `sequence` entry does to a `with`, as `add_constraint`, `remove_constraint` and
# `sequence` (with `_together_until` and `unsequence`, on the other measure) write it:
# 'together with ID' (and ' (was: ...)', what it replaced) sets one; 'removed: together
# with ID' removes one; an order after ID that says ' (was: together with ID)' replaced one.
WITH_SET = "set"
WITH_REMOVED = "removed"
WITH_REPLACED = "replaced"
_WITH_SAID = re.compile(r"^(removed: )?together with (" + ID_PATTERN + r")(?: \(was: .*\))?$")


class WithChange(NamedTuple):
    """What a `sequence` entry does to a `with`: the measure it goes, or went, together
    with (`other`), and `how` (`WITH_SET`, `WITH_REMOVED`, `WITH_REPLACED`)."""

    other: str
    how: str


def with_change(h: HistoryEntry) -> WithChange | None:
    """What `h` does to a `with`, read by the structure of the entry `sequence` and its
    kin write (not by words it holds: a demanding party's name, or what an order replaced,
    may hold 'together with ID'); None for an entry that sets, ends or replaces none."""
    if h.event != "sequence":
        return None
    said = _WITH_SAID.match(h.detail)
    if said is not None:
        return WithChange(said.group(2), WITH_REMOVED if said.group(1) else WITH_SET)
    was = ORDER_WAS_THEN.search(h.detail)
    replaced = _WITH_SAID.match(was.group(1)) if was is not None else None
    if was is None or replaced is None or replaced.group(1):
        return None
    order = _read_order(h.detail[: was.start()])
    if order is None or order.after != replaced.group(2):
        return None
    return WithChange(replaced.group(2), WITH_REPLACED)


def sets_with(h: HistoryEntry, other: str | None = None) -> bool:
    """Whether `h` sets a `with` (with `other`, when given): `with_change`."""
    said = with_change(h)
    return said is not None and said.how == WITH_SET and other in (None, said.other)


def as_history_says(m: Measure, other: str) -> Measure:
    """`m` with the order toward `other` its history puts in force (`order_in_force`):
    an entry dated before a later change records it only, yet the later change may be one
    it brought about on this measure (a `with` recorded on both, ended on both)."""
    found = order_in_force(m, other)
    if found is None:
        return m
    then = found[1]
    now = [c for c in m.constraints if c.other == other]
    if now == ([then] if then is not None else []):
        return m
    kept = [c for c in m.constraints if c.other != other]
    if then is not None:
        kept.append(then)
    return m.model_copy(update={"constraints": sorted(kept, key=Constraint.sort_key)})


def _together_until(m: Measure, other: Measure, when: date) -> tuple[Measure, Measure]:
    """`m` and `other`, together from `when` by a `with` recorded before later changes
    of their order: the first of those that ends it, written on one of them only (an
    order one sets, a removal), ends it on the other too, as in date order it would have
    (a `with` is kept on both: its end is recorded on both)."""
    mine = [h for h, _ in order_changes_with(m, other.id) if h.date > when]
    theirs = [h for h, _ in order_changes_with(other, m.id) if h.date > when]
    if not mine and not theirs:
        return m, other
    first = min([*mine, *theirs], key=HistoryEntry.sort_key)
    if sets_with(first):
        return m, other  # (together again: both record it)
    day = first.date
    if first in mine and not any(h.date == day for h in theirs):
        end = entry(day, "sequence", detail=f"removed: together with {m.id}")
        return m, recorded_only(other, end)
    if first in theirs and not any(h.date == day for h in mine):
        end = entry(day, "sequence", detail=f"removed: together with {other.id}")
        return recorded_only(m, end), other
    return m, other


def _end_moved(m: Measure, other: Measure, when: date) -> Measure:
    """`m`, its `with` toward `other` now ended on `when` (a removal recorded after the
    fact), without the end `_together_until` recorded for it on a later day, when `other`
    changed its order then: the `with` had ended already, and that end would be a second
    one (typed in date order, there is none)."""
    later = [h for h, _ in order_changes_with(m, other.id) if h.date > when]
    if not later or with_change(later[0]) != (other.id, WITH_REMOVED):
        return m
    end = later[0]
    theirs = [h for h, _ in order_changes_with(other, m.id) if h.date == end.date]
    # (what the other's change replaced, '(was: together with m)', sets no `with`)
    if not theirs or any(sets_with(h, m.id) for h in theirs):
        return m  # (not an end taken from the other's change of order: one of its own)
    return m.model_copy(update={"history": [h for h in m.history if h is not end]})


def follow_with(m: Measure, other: Measure, when: date, note: str = "") -> Measure:
    """`other` with a `with` toward `m` just when `m` has one toward it (a `with` is kept
    on both measures; any other constraint replaces it); `other` itself if it has that
    already."""
    if other.id in m.together_with and m.id not in other.together_with:
        return _said_once(other, add_constraint(other, Constraint(with_=m.id), when, note))
    if other.id not in m.together_with and m.id in other.together_with:
        return _said_once(other, remove_constraint(other, m.id, when, note))
    return other


def _said_once(before: Measure, after: Measure) -> Measure:
    """`after`, a change of `before`, without an entry it added that `before` records
    already (the same change of the same day: a redate that puts back in force an order
    whose record stands, the end of a together the other's order wrote that day)."""
    held = {id(b) for b in before.history}
    said = {(b.date, b.event, b.detail) for b in before.history}
    kept = [h for h in after.history if id(h) in held or (h.date, h.event, h.detail) not in said]
    return after if len(kept) == len(after.history) else after.model_copy(update={"history": kept})


def unsequence(
    m: Measure,
    other_id: str,
    other: Measure | None,
    when: date,
    note: str = "",
    *,
    dated: bool = False,
) -> tuple[Measure, Measure | None]:
    """Drop the constraint between `m` and `other_id` (which may no longer exist);
    a `with` link goes from both sides. Dated before a later change between them
    (`superseded_by`), it is only recorded: the constraint then in force is named. The
    advice of a refusal is dated as the command was (`dated`: `when` was given)."""
    was_with = other_id in m.together_with
    partner = other if other is not None and other is not m else None
    if superseded_by(m, partner or other_id, when, together=was_with) is not None:
        found = order_changes_with(m, other_id)
        before = [(h, sets) for h, sets in found if h.date <= when]
        if before and not before[-1][1] and before[-1][0].date == when:
            return m, other  # (recorded already)
        then = _order_then(found, len(before))
        if then is None:
            raise _no_order(m.id, other_id, when, before[-1][0] if before else None, found)
        removed = recorded_only(m, entry(when, "sequence", detail=f"removed: {then}", note=note))
        ended = _read_order(then)
        if partner is not None and ended is not None and ended.with_:  # (kept on both)
            mirror = entry(when, "sequence", detail=f"removed: together with {m.id}", note=note)
            mirrored = recorded_only(partner, mirror)
            mine, theirs = _end_moved(removed, mirrored, when), _end_moved(mirrored, removed, when)
            return as_history_says(mine, other_id), as_history_says(theirs, m.id)
        return removed, other
    if (
        partner is not None
        and not any(c.other == other_id for c in m.constraints)
        and any(c.other == m.id for c in partner.constraints)
    ):  # (the order is the other's, toward this one)
        began = orders_since(partner).get(m.id)
        if began is not None and began > when:  # (its removal dated so would be refused)
            raise DprkError(
                f"measure '{m.id}' has no sequencing constraint with '{other_id}'; "
                f"'{other_id}' has one toward it, set on {began} ('dprk sequence {other_id} "
                f"--remove {m.id}' drops it, dated that day or later); to record the end of "
                f"an order of {m.id}'s not entered yet, enter it first, dated before {when}, "
                "then its removal"
            )
        on = f" --date {when}" if dated else ""  # (its order began by then: see above)
        raise DprkError(
            f"measure '{m.id}' has no sequencing constraint with '{other_id}'; '{other_id}' "
            f"has one toward it: 'dprk sequence {other_id} --remove {m.id}{on}' drops it"
        )
    new_m = remove_constraint(m, other_id, when, note)
    if was_with and other is not None and other is not m and m.id in other.together_with:
        return new_m, remove_constraint(other, m.id, when, note)
    return new_m, other


def sequenced_with(h: HistoryEntry) -> str | None:
    """The other measure a `sequence` entry is about (None for any other entry)."""
    return linked_in("sequence", h.detail) if h.event == "sequence" else None


def ends_of_no_with(m: Measure, other: str) -> list[HistoryEntry]:
    """`m`'s ends of a `with` toward `other` dated before its history first sets one: they
    end none (a redate moved one, or the `with`, across the other). None found when no
    entry sets a `with` (one written by hand stood from the start)."""
    found = order_changes_with(m, other)
    begins = [h.date for h, _ in found if sets_with(h, other)]
    if not begins:
        return []
    end = (other, WITH_REMOVED)
    return [h for h, _ in found if with_change(h) == end and h.date < min(begins)]


def removals_typed(m: Measure, other: Measure, ends: list[HistoryEntry]) -> list[HistoryEntry]:
    """Of `ends`, `m`'s ends of a `with` toward `other`, those a removal of the order
    made (`sequence --remove`: recorded on both measures that day), not an order of
    `other`'s that replaced the `with` (which ends it on `m` alone)."""
    removed = (m.id, WITH_REMOVED)
    days = {h.date for h, _ in order_changes_with(other, m.id) if with_change(h) == removed}
    return [h for h in ends if h.date in days]


def order_changes_with(m: Measure, other: str) -> list[tuple[HistoryEntry, bool]]:
    """`m`'s `sequence` entries about `other` in replay order, each with whether it set a
    constraint (or removed one)."""
    return _about(m, "sequence", SEQUENCE_DETAIL, other)


def _read_order(text: str) -> Constraint | None:
    """The constraint `constraint_text` wrote as `text` (`lifecycle.order_said`); None
    when it is not one."""
    said = order_said(text)
    if said is None:
        return None
    if said.with_ is not None:
        return Constraint(with_=said.with_)
    return Constraint(
        after=said.after,
        require=said.require,
        demanded_by=said.demanded_by,
        verified_by=said.verified_by,
    )


def _stood_first(found: list[tuple[HistoryEntry, bool]]) -> str | None:
    """The order that stood before any of the changes `found` (a measure's changes of its
    order with one other, in replay order) was recorded, in words; None for none. An order
    set when the measure was added (or written by hand) has no entry of its own: the change
    recorded first says what it replaced, or removed. (Not the change dated first: one
    entered later, dated back, says what stood when it was entered.)"""
    # (of changes recorded within one second, the first in the file: by date, and of one
    # day in the order they were written; a removal is no less likely typed first, the
    # end of an order given at creation)
    first, sets = min(enumerate(found), key=lambda f: (_recorded(f[1][0]), f[0]))[1]
    if not sets:
        return ORDER_WAS.sub("", first.detail.removeprefix("removed: "))
    was = ORDER_WAS_THEN.search(first.detail)
    return was.group(1) if was is not None else None


def _order_then(found: list[tuple[HistoryEntry, bool]], n: int) -> str | None:
    """The order, in words, that the first `n` of the changes `found` (a measure's changes
    of its order with one other, in replay order) left standing; None for none."""
    if n == 0:
        return _stood_first(found)
    h, sets = found[n - 1]
    return ORDER_WAS.sub("", h.detail) if sets else None


def _no_order(
    ident: str,
    other: str,
    when: date,
    last: HistoryEntry | None,
    found: list[tuple[HistoryEntry, bool]],
) -> DprkError:
    """The refusal of a removal dated `when`, when no order between the two stood."""
    since = (
        f"it was removed on {last.date}"
        if last is not None
        else (
            f"the first was set on {next(h.date for h, sets in found if sets)}"
            if any(sets for _, sets in found)
            else "none was set"
        )
    )
    return DprkError(
        f"measure '{ident}' had no sequencing constraint with '{other}' on {when} ({since})"
    )


def removal_without_order(m: Measure, other: str, was: Measure | None = None) -> DprkError | None:
    """The refusal of the first removal of an order between `m` and `other` that removes
    nothing (no order stood then: a redate moved it, or what it removed, across the other);
    None when each removes one. `was`: `m` before a redate, whose changes say the order it
    was added with (a redate moves a change's day, not what stood before any: within one
    second, the day alone gives the order changes were typed in)."""
    found = order_changes_with(m, other)
    before = order_changes_with(was, other) if was is not None else []
    for n, (h, sets) in enumerate(found):
        then = _stood_first(before) if n == 0 and before else _order_then(found, n)
        if not sets and then is None:
            last = found[n - 1][0] if n else None
            return _no_order(m.id, other, h.date, last, found)
    return None


def _recorded(h: HistoryEntry) -> datetime:
    return h.sort_key()[3]


def order_in_force(m: Measure, other: str) -> tuple[HistoryEntry, Constraint | None] | None:
    """The order between `m` and `other` as its latest-dated change set it (None for no
    constraint), with that change; None when `m` has no change of it on record, or the
    latest cannot be read back."""
    found = order_changes_with(m, other)
    if not found:
        return None
    latest, sets = found[-1]
    if not sets:
        return latest, None
    constraint = _read_order(ORDER_WAS.sub("", latest.detail))
    return (latest, constraint) if constraint is not None else None


def entered_after(m: Measure, h: HistoryEntry) -> HistoryEntry | None:
    """The last of `m`'s changes of the order `h` changes (with the same measure) entered
    after `h` that name, in their own words, the order they replaced or removed (' (was:
    ...)', 'removed: ...'): recorded later, or in the same second and after it in replay
    order (two commands of one second replay in the order they ran:
    `HistoryEntry.sort_key`); None when none was. Dropping `h` would leave such words
    naming an order that was never entered; a later change that names none does not
    stand on `h` (nor does a change dated earlier that stood by the one dated after it)."""
    other = sequenced_with(h)
    if other is None:
        return None
    place = {id(e): n for n, e in enumerate(m.history)}

    def typed(e: HistoryEntry) -> tuple[datetime, int]:
        return _recorded(e), place[id(e)]

    later = [
        e
        for e, _ in order_changes_with(m, other)
        if typed(e) > typed(h) and (" (was: " in e.detail or e.detail.startswith("removed: "))
    ]
    return max(later, key=typed) if later else None


def order_dropped(m: Measure, dropped: HistoryEntry) -> tuple[Measure, Constraint | None] | None:
    """`m` without `dropped`, its change of an order entered last (`entered_after`), and the
    order toward that measure its changes left put in force, as if `dropped` had never been
    entered: the one the latest-dated of them set (None: no order), or, none left, the one
    `dropped` replaced or removed (an order given when the measure was added), None for
    none. The order stays as it is where `dropped` was dated before a later change (it only
    recorded it), and the second value is None then too: None altogether when the order
    left cannot be read back."""
    other = sequenced_with(dropped)
    assert other is not None
    found = order_changes_with(m, other)
    kept = m.model_copy(update={"history": [h for h in m.history if h is not dropped]})
    if not found or found[-1][0] is not dropped:
        return kept, next((c for c in m.constraints if c.other == other), None)
    left = found[:-1]
    text = _order_then(left, len(left)) if left else _stood_first(found)
    then = _read_order(text) if text is not None else None
    if text is not None and then is None:
        return None
    orders = [c for c in m.constraints if c.other != other] + ([then] if then else [])
    return kept.model_copy(update={"constraints": sorted(orders, key=Constraint.sort_key)}), then


def order_mirror(m: Measure, partner: Measure, h: HistoryEntry) -> HistoryEntry | None:
    """`partner`'s record of `h`, `m`'s change of its order with it that set or ended a
    `with` (kept on both measures, a change of it is recorded on both): the change of the
    same day the same command recorded there (a `with` set: failing that, the one of that
    day that sets it); None when `partner` records none, or `h` changes no `with`. The
    record of an end is no `with` set: a `with` set and ended within one second (a script)
    leaves two entries recorded alike on each measure, and the set's was taken for the
    end's, so that each end's drop was refused as if the other were entered after it."""
    found = [e for e, _ in order_changes_with(partner, m.id) if e.date == h.date]
    if sets_with(h):
        alike = [e for e in found if sets_with(e, m.id)]
        same = [e for e in alike if e.recorded == h.recorded] or alike
    else:  # (its end: the removal, or an order that replaced it, on either measure)
        same = [
            e
            for e in found
            if e.recorded == h.recorded
            and not sets_with(e)
            and (with_change(e) is not None or with_change(h) is not None)
        ]
    return same[0] if same else None


# Why `drop-entry` keeps a change of an order (`order_kept`).
ONE_SIDED = "one-sided"  # a `with` the other measure does not record
ENDED_WITH = "ended-with"  # it gives back a `with` the other measure does not
NAMED_LATER = "named-later"  # a change entered later names what it replaced
UNREAD = "unread"  # the order left cannot be read back
WITH_ALONE = "with-alone"  # it gives back a `with` on one measure, not on the other


def order_kept(m: Measure, partner: Measure, h: HistoryEntry) -> str | None:
    """Why `drop-entry` keeps `h`, `m`'s change of its order with `partner`, rather than take
    it back as if it had never been entered (`order_dropped`); None when it takes it back.
    A change of a `with` (setting it, ending it) goes from both measures
    (`order_mirror`), each left with the order its own changes left; a `with` set that
    `partner` does not record is kept (ONE_SIDED), and so is a change of `m`'s alone
    whose drop gives back a `with` that no longer stands (ENDED_WITH: only both records
    together give it back). So is one a change entered after it names, in its own words,
    as what it replaced (on either measure, for a change recorded on both: NAMED_LATER),
    one whose order left cannot be read back (UNREAD), and a change recorded on both
    that ended a `with` where a later change of one of them stands in its place there:
    dropped, the `with` would come back on the other alone (WITH_ALONE,
    `with_held_alone`). One home for `drop-entry`, which refuses, and for the advice
    that names it."""
    mirror = order_mirror(m, partner, h)
    if mirror is None and sets_with(h):
        return ONE_SIDED
    dropped = order_dropped(m, h)
    if mirror is None:
        back = dropped[1] if dropped is not None else None  # (the order in force once dropped)
        now = next((c for c in m.constraints if c.other == partner.id), None)
        if back is not None and back.with_ is not None and back != now:
            return ENDED_WITH
    if order_named_later(m, partner, h) is not None:
        return NAMED_LATER
    if dropped is None or (mirror is not None and order_dropped(partner, mirror) is None):
        return UNREAD
    if with_held_alone(m, partner, h) is not None:
        return WITH_ALONE
    return None


def with_held_alone(
    m: Measure, partner: Measure, h: HistoryEntry
) -> tuple[Measure, HistoryEntry, Constraint | None] | None:
    """Where dropping `h`, `m`'s change of its order with `partner` recorded on both
    (`order_mirror`), gives back a `with` on one of the two alone: the other measure,
    with its latest-dated change of that order (entered on it alone, later: it stands in
    the with's place there) and the order that change set (None: it removed one). None
    when the drop leaves both with a `with`, or neither."""
    mirror = order_mirror(m, partner, h)
    if mirror is None:
        return None
    mine, theirs = order_dropped(m, h), order_dropped(partner, mirror)
    if mine is None or theirs is None:
        return None
    given = [c is not None and c.with_ is not None for c in (mine[1], theirs[1])]
    if given[0] == given[1]:
        return None
    side, toward = (partner, m.id) if given[0] else (m, partner.id)
    found = order_in_force(side, toward)
    if found is None:
        return None
    return side, found[0], found[1]


def order_named_later(
    m: Measure, partner: Measure, h: HistoryEntry
) -> tuple[Measure, HistoryEntry] | None:
    """The change entered after `h`, `m`'s change of its order with `partner`, that names
    what it replaced (`entered_after`), with the measure that records it: `m`'s, else, for
    a change recorded on both (`order_mirror`), `partner`'s; None when none does."""
    later = entered_after(m, h)
    if later is not None:
        return m, later
    mirror = order_mirror(m, partner, h)
    later = entered_after(partner, mirror) if mirror is not None else None
    return (partner, later) if later is not None else None


def settled_order(m: Measure, other: str, note: str) -> Measure:
    """`m` with its order toward `other`, as it stands, in force by its history too: when
    its change of that order dated last set another (a merge kept two of one day, or a
    settlement chose the one dated before), an entry dated that day, recorded after it,
    sets the order it has; `m` itself otherwise."""
    found = order_in_force(m, other)
    if found is None:
        return m
    latest, then = found
    now = next((c for c in m.constraints if c.other == other), None)
    if now == then:
        return m
    if now is not None:
        detail = constraint_text(now)
        if then is not None:
            detail += f" (was: {constraint_text(then)})"
    elif then is not None:
        detail = f"removed: {constraint_text(then)}"
    return with_entry(m, entry(latest.date, "sequence", detail=detail, note=note))


def orders_on(m: Measure, day: date, parties: list[str]) -> list[Constraint]:
    """`m`'s constraints at the end of `day`: for each measure a change of order dated
    after `day` is about, the one its latest change by then set (before its first change,
    the one that change replaced, or none); the others as they stand. Before the day of
    a creation a step found later overtook (`given_on`), none it was added with. A change
    that cannot be read back, or names a party no longer declared, leaves the order as it
    stands."""
    later = {sequenced_with(h) for h in m.history if h.date > day} - {None}
    # (the orders it was added with stand from the creation's own day, `given_on`: before
    # it, those its changes of order dated by then set alone)
    given = given_on(m) if m.constraints or later else None
    early = given is not None and day < given
    if not later and not early:
        return m.constraints
    orders = {c.other: c for c in m.constraints}
    if early:
        for other in list(orders):
            if not any(h.date <= day for h, _ in order_changes_with(m, other)):
                del orders[other]
    for other in sorted(o for o in later if o is not None):
        found = order_changes_with(m, other)
        by_then = [h for h, _ in found if h.date <= day]
        if early and not by_then:
            orders.pop(other, None)
            continue
        text = _order_then(found, len(by_then))
        if text is None:
            orders.pop(other, None)
            continue
        then = _read_order(text)
        if then is not None and then.demanded_by in (None, *parties):
            orders[other] = then
    return sorted(orders.values(), key=Constraint.sort_key)


def entry_days(m: Measure) -> set[date]:
    """The days of `m`'s entries and findings: those on which what it is may change."""
    return {h.date for h in m.history} | {v.date for v in m.verifications}


def moved_in_orders(
    was: Measure | None, now: Measure | None, parties: list[str], *, owed_for: bool = False
) -> tuple[list[tuple[date, date | None]], bool]:
    """The spans of days (from a day to one not in it; None: on) on which a change of a
    measure, from `was` to `now` (None: not there), moved what a circle of orders reads
    of it (`_as_ordered`: its status by its own history, its orders, what it is a part
    of), while it could be in one after the change (pending, or a part of another) or
    was a part of another before it (one its whole could act through), or could be in
    one before it on a past day (a circle that stood then, whose days it moves: the one
    it began on or the one it ended on, earlier or later, as a dated removal of an order
    moves it) or, could it be in one as it stands, as it stands (a break of a circle that
    may stand now, which moves the day it stands from); and whether it moved it as it
    stands. A change that moved nothing so closes no deadlock, and moves none standing.
    `owed_for`: a measure reversed once is exchanged for it, which is to be carried out
    again while it owes, as this one's state says (`sequencing._again`), or is a part of
    it, owed while it has a deadline (`vocab.to_do_again`): a move of its state (status,
    extent) or of whether a deadline is in force counts too, whatever its orders."""
    pair = (was, now)
    lives = [replay(m) if m is not None else None for m in pair]
    days = sorted({d for m in pair if m is not None for d in entry_days(m)})
    marks: list[date | None] = [*days, None]
    spans: list[tuple[date, date | None]] = []
    moved = False
    stands = now is not None and _may_circle(_as_ordered(now, lives[1], None, parties))
    for k, day in enumerate(marks):
        then, after = (
            _as_ordered(m, life, day, parties) for m, life in zip(pair, lives, strict=True)
        )
        # (a stretch of the past taken out of a circle, up to now too, may move the days a
        # run through it stood on; as it stands, one that can be in none now ends what it
        # stood in only, `left_circle`'s, but as a part its whole acts through)
        before_only = not stands and day is None
        # (a deadline given or dropped: the parts reversed it makes owed, or no longer)
        due = owed_for and _deadline_in_force(was, day) != _deadline_in_force(now, day)
        if then == after and not due:
            continue
        if not (_may_circle(after) or _may_circle(then, as_part=before_only)) and not (
            owed_for and (due or _state_of(then) != _state_of(after))
        ):
            continue
        if day is None:
            moved = True
        else:
            spans.append((day, marks[k + 1]))
    return spans, moved


def _deadline_in_force(m: Measure | None, day: date | None) -> bool:
    """Whether measure `m` (None: not there) has a deadline in force at the end of `day`
    (None: as it stands), as `deadline_on` reads it."""
    if m is None:
        return False
    return (m.deadline if day is None else deadline_on(m, day)) is not None


def left_circle(was: Measure | None, now: Measure | None, parties: list[str]) -> bool:
    """Whether a change of a measure, from `was` to `now` (None: not there), moved what a
    circle of orders reads of it as it stands (`_as_ordered`) while it could be in one
    before the change (pending with an order, or a part of another): a deadlock standing
    through it may have ended (it acted, was withdrawn or removed, its order went), which
    `moved_in_orders` does not look at (a change that moved nothing so makes none)."""
    if was is None:
        return False
    then = _as_ordered(was, replay(was), None, parties)
    if not _may_circle(then):
        return False
    return then != (None if now is None else _as_ordered(now, replay(now), None, parties))


def read_by_circles(parties: list[str]) -> Callable[[Measure, date], bool]:
    """Whether an event of measure `m` on `day` moved what a circle of orders reads of it
    (`_as_ordered`: its status by its own history, its orders, what it is a part of)
    from the day before, while it could be in one that day or the day before
    (`_may_circle`, as `moved_in_orders` asks it): a change so read alone can make, end
    or change a deadlock through it. Each measure is replayed once, when first asked."""
    from datetime import timedelta

    lives: dict[str, tuple[Measure, Life]] = {}

    def read(m: Measure, day: date) -> bool:
        kept = lives.get(m.id)
        if kept is None or kept[0] is not m:  # (the measure as another day's ledger has it)
            kept = lives[m.id] = (m, replay(m))
        life = kept[1]
        then = _as_ordered(m, life, day - timedelta(days=1), parties)
        now = _as_ordered(m, life, day, parties)
        return then != now and (_may_circle(now) or _may_circle(then))

    return read


_Ordered = tuple[Status, tuple[Constraint, ...], str | None, Extent, bool] | None


def _as_ordered(
    m: Measure | None, life: Life | None, day: date | None, parties: list[str]
) -> _Ordered:
    """What a circle of orders reads of measure `m` at the end of `day` (None: as it
    stands): its status by its own history, its orders, what it is a part of, and its
    extent (the rest of one done in part waits for its orders); None when it was not
    made by then (or is not there); and, last, whether it stands reversed with a deadline
    in force (owed by it, it is to be carried out again: `vocab.to_do_again`)."""
    if m is None or life is None:
        return None
    state = life.state if day is None else life.state_on(day)
    if state is None:
        return None
    undone = state.status == Status.reversed
    if day is None:
        due = undone and m.deadline is not None
        return state.status, tuple(m.constraints), m.part_of, state.extent, due
    fields = fields_on(m, day, parties)
    part_of = fields.get("part_of", m.part_of)
    due = undone and fields.get("deadline", m.deadline) is not None
    return state.status, tuple(orders_on(m, day, parties)), part_of, state.extent, due


def _state_of(ordered: _Ordered) -> tuple[Status, Extent] | None:
    """The state of a measure read so (`_as_ordered`): its status and extent (None: not
    made by then)."""
    return None if ordered is None else (ordered[0], ordered[3])


def _may_circle(ordered: _Ordered, *, as_part: bool = False) -> bool:
    """Whether a measure read so (`_as_ordered`) may be in a circle of orders: pending, or
    done in part (its rest waits), or reversed (owed, it is to be carried out again, as
    `next` lists it), with an order (one with none waits for nothing: no
    circle passes it, but as a
    measure made of parts, whose parts a change moves), or a part of another (`as_part`:
    only so, as it was before a change: pending then, it could be in none it is not in
    now)."""
    if ordered is None:
        return False
    status, orders, part_of, extent, _ = ordered
    waits = (
        status in PENDING
        or status == Status.reversed
        or (status in ACTED and extent != Extent.full)
    )
    return part_of is not None or (not as_part and bool(orders) and waits)


def _order_runs(m: Measure, other: str) -> list[tuple[str | None, date | None, date | None]]:
    """The orders `m` had toward `other` over time, as its changes of order set them: each
    in words (None: no order), with the day it was set (None: it stood before any change,
    from the measure's creation; one it was added with at a creation a step found later
    overtook, from the creation's own day, `given_on`, as `orders_on` reads it) and the
    day it ended (None: it stands)."""
    steps = order_changes_with(m, other)
    now: str | None = _stood_first(steps)
    start = given_on(m) if now is not None else None
    runs: list[tuple[str | None, date | None, date | None]] = []
    for h, sets in steps:
        text = ORDER_WAS.sub("", h.detail) if sets else None
        if not runs and start is not None and h.date < start:
            now, start = None, None  # (changed before the day it was given: never stood)
        if text == now:
            continue  # (recorded as it stands)
        runs.append((now, start, h.date))
        now, start = text, h.date
    runs.append((now, start, None))
    return runs


def _order_partners(m: Measure) -> list[str]:
    return sorted({o for o in map(sequenced_with, m.history) if o is not None})


def orders_since(m: Measure) -> dict[str, date]:
    """For each measure `m` is to follow, or go together with, by an order its changes of
    order set, the day since which that order, as it stands, has stood without a break (a
    removal, or a change to another order, breaks it: what an order required before it
    was changed, `orders_ended` dates); and for one it was added with at a creation a step
    found later overtook, that creation's day (`given_on`), as `orders_on` reads it. A
    measure that acted before that day did not act out of order under it."""
    since: dict[str, date] = {}
    partners = _order_partners(m)
    for other in partners:
        words, start, _ = _order_runs(m, other)[-1]
        if words is not None and start is not None:
            since[other] = start
    given = given_on(m) if any(c.other not in partners for c in m.constraints) else None
    if given is not None:
        since.update((c.other, given) for c in m.constraints if c.other not in partners)
    return since


def orders_from_creation(m: Measure) -> list[str]:
    """The orders `m` was added with (`add-measure --after`, or written by hand: no change
    of order of its own sets them), in words (`constraint_text`), in the order of the
    other measures' ids: toward a measure its changes of order name, the order the first
    of them replaced or removed (`_stood_first`); toward another, the one it holds, or the
    one a removal of that measure dropped (`drop_references`)."""
    partners = _order_partners(m)
    found = {other: _stood_first(order_changes_with(m, other)) for other in partners}
    held = {c.other: c for c in m.constraints if c.other not in found}
    for h in m.history:
        removal = _REMOVED_MEASURE.match(h.detail) if h.event == "edit" else None
        for piece in h.detail[removal.end() :].split("; ") if removal is not None else ():
            order = dropped_order(piece)
            if order is not None and order.other not in found:
                held.setdefault(order.other, order)
    found.update((other, constraint_text(c)) for other, c in held.items())
    return [text for _, text in sorted(found.items()) if text is not None]


def order_run_since(m: Measure, other: str) -> date | None:
    """The day since which `m`'s order toward `other` has stood as its changes of order
    left it, an order or none, without a break (`orders_since`, for none too); None when
    it stood so before any change."""
    return _order_runs(m, other)[-1][1]


def orders_ended(m: Measure) -> list[tuple[Constraint, date | None, date]]:
    """The `after` orders `m` had and a later change of its order ended (a removal, a
    change to another order or to `with`), in the order they ended: each with the day it
    was set (None: it stood before any change, from the measure's creation) and the day
    it ended. (`orders_since` dates those that stand.)"""
    found: list[tuple[Constraint, date | None, date]] = []
    for other in _order_partners(m):
        for words, start, end in _order_runs(m, other):
            if words is None or end is None:
                continue
            ended = _read_order(words)
            if ended is not None and ended.after is not None:
                found.append((ended, start, end))
    return sorted(found, key=lambda each: each[2])


def with_then(orders: dict[str, list[Constraint]], index: dict[str, Measure], day: date) -> None:
    """Make each `with` in `orders` (each measure's orders at the end of `day`,
    `orders_on`) held by both measures, as it is kept: where one holds it and the other
    does not (a change dated back, or redated, on one of them), the latest-dated of their
    changes of order with each other decides."""
    for ident in list(orders):
        for c in list(orders[ident]):
            other = c.with_
            if other is None or other not in orders or other == ident:
                continue
            if any(o.with_ == ident for o in orders[other]):
                continue
            mine = _last_change(index[ident], other, day)
            theirs = _last_change(index[other], ident, day)
            if mine is None and theirs is None:
                continue  # (one-sided in the file itself: `check` names it)
            if (
                theirs is None
                or (mine is not None and mine.sort_key() > theirs.sort_key())
                or (
                    mine is not None
                    and mine.sort_key() == theirs.sort_key()
                    and sets_with(theirs)  # (one change, both sides)
                )
            ):
                kept = [o for o in orders[other] if o.other != ident]
                orders[other] = sorted([*kept, Constraint(with_=ident)], key=Constraint.sort_key)
            else:
                orders[ident] = [o for o in orders[ident] if o.other != other]


def _last_change(m: Measure, other: str, day: date) -> HistoryEntry | None:
    """`m`'s latest change of its order with `other` dated by `day`."""
    found = [h for h, _ in order_changes_with(m, other) if h.date <= day]
    return found[-1] if found else None


def superseded_by(
    m: Measure, other: Measure | str, when: date, *, together: bool = False
) -> HistoryEntry | None:
    """The change of the order between `m` and `other` dated after `when`, if any: the
    latest one on `m` (on `other` too for a `with`, which the two share).

    The constraint between two measures is the one its latest-dated change set, whatever
    order the changes were entered in: one dated before a later one is recorded in the
    history and leaves the constraint as it is (a change dated the same day comes after,
    as entries of one day replay in the order they were recorded)."""
    other_id = other if isinstance(other, str) else other.id
    found = [h for h, _ in order_changes_with(m, other_id)]
    if together and not isinstance(other, str):
        found += [h for h, _ in order_changes_with(other, m.id)]
    later = [h for h in found if h.date > when]
    return max(later, key=HistoryEntry.sort_key) if later else None


_REMOVED_MEASURE = re.compile("^(" + ID_PATTERN + ") removed: ")  # (`drop_references`)


def drop_references(m: Measure, gone: str, when: date) -> Measure:
    """`m` without its exchange link, constraint and part-of link to `gone` (a measure
    being removed); one history entry says so. `m` itself if it had none."""
    said = []
    update: dict[str, Any] = {}
    if gone in m.in_exchange_for:
        update["in_exchange_for"] = [i for i in m.in_exchange_for if i != gone]
        said.append(f"no longer in exchange for {gone}")
    held = [c for c in m.constraints if c.other == gone]
    if held:  # (the order in words: a merge that keeps `gone` gives it back, `dropped_order`)
        update["constraints"] = [c for c in m.constraints if c.other != gone]
        said.append(f"no longer {constraint_text(held[0])}")
    if m.part_of == gone:
        update["part_of"] = None
        said.append(f"no longer a part of {gone}")
    if not said:
        return m
    return with_entry(
        m, entry(when, "edit", detail=f"{gone} removed: " + "; ".join(said)), **update
    )


def link_record_kept(m: Measure, gone: Measure) -> Measure:
    """`m`, its exchange links with `gone` (a measure being removed) recorded in its own
    history as `gone` recorded them: each change of such a link that `gone` alone holds
    (`recorded_on_the_other_alone`: the link `m` was added with, `--in-exchange-for`,
    whose change only the other measure records, from the later of the two beginnings)
    written on `m` as dated, with its note. A removal keeps the history of the links it
    ends on the measure that stays, as it keeps that of a `dprk link`, recorded on both;
    `m` itself when its own record lacks none."""
    theirs = _exchanges(gone, m.id)
    if not theirs:
        return m
    own = link_changes_by_other(m).get(gone.id, [])
    lacking = recorded_on_the_other_alone(own, [(h.date, linked) for h, linked in theirs])
    for place in lacking:
        h, linked = theirs[place]
        text = exchange_text(gone.id) if linked else f"no longer {exchange_text(gone.id)}"
        m = with_entry(m, entry(h.date, "exchange", detail=text, note=h.note))
    return m


def dropped_order(piece: str) -> Constraint | None:
    """The order a removal's entry says it dropped (`drop_references`: 'no longer after
    w, demanded by A', 'no longer together with w'); None for another piece, or one
    written before the order was put in words ('no longer sequenced with w')."""
    return _read_order(piece.removeprefix("no longer ")) if piece.startswith("no longer ") else None


def references(m: Measure, ident: str) -> bool:
    """Whether `m` links to `ident` (exchange, constraint, part of)."""
    return (
        ident in m.in_exchange_for
        or m.part_of == ident
        or any(c.other == ident for c in m.constraints)
    )


def _as_a_word(ident: str) -> re.Pattern[str]:
    """`ident` where a text names it as a measure, not as part of another id."""
    return re.compile(rf"(?<![A-Za-z0-9._-]){re.escape(ident)}(?![A-Za-z0-9_-]|\.[A-Za-z0-9])")


def last_named(m: Measure, ident: str) -> date | None:
    """The day of `m`'s latest entry that links it to measure `ident` (an order, an
    exchange, a part-of edit): a reference to it dropped is not dated before it."""
    word = _as_a_word(ident)
    days = [
        h.date
        for h in m.history
        if ident in h.detail
        and (
            (h.event in ("sequence", "exchange") and word.search(h.detail))
            or (
                h.event == "edit"
                and any(p.startswith("part_of: ") and word.search(p) for p in h.detail.split("; "))
            )
        )
    ]
    return max(days, default=None)


def rename_in(m: Measure, old: str, new: str) -> Measure:
    """`m` with every reference to measure `old` made to `new`: its own id, exchange
    links, constraints, part-of link, merge conflicts and history texts naming it."""
    word = _as_a_word(old)

    def swap(text: str) -> str:
        return word.sub(new, text) if old in text else text

    def swapped(h: HistoryEntry) -> str:
        """The entry's words with the measure named anew where they name measures (an
        order, a link, what it was a part of, what was removed): not in a title, a note
        or a source, where the id may be an ordinary word ('to', 'on')."""
        if old not in h.detail:
            return h.detail
        if h.event in ("sequence", "exchange") or (
            h.event == "edit" and _REMOVED_MEASURE.match(h.detail)
        ):
            return swap(h.detail)
        if h.event != "edit":
            return h.detail
        pieces = h.detail.split("; ")
        return "; ".join(swap(p) if p.startswith("part_of: ") else p for p in pieces)

    def ref(ident: str) -> str:
        return new if ident == old else ident

    update: dict[str, Any] = {
        "id": ref(m.id),
        "in_exchange_for": sorted(ref(i) for i in m.in_exchange_for),
        "part_of": ref(m.part_of) if m.part_of is not None else None,
        "constraints": sorted(
            (
                c.model_copy(
                    update={"after": ref(c.after)}
                    if c.after is not None
                    else {"with_": ref(c.other)}
                )
                for c in m.constraints
            ),
            key=Constraint.sort_key,
        ),
        "conflicts": [
            c.model_copy(update={"field": f"constraints.{new}"})
            if c.field == f"constraints.{old}"
            else c
            for c in m.conflicts
        ],
        "history": [h.model_copy(update={"detail": swapped(h)}) for h in m.history],
    }
    renamed = m.model_copy(update=update)
    return renamed if renamed != m else m


def step_on(
    m: Measure,
    day: date,
    status: Status,
    extent: Extent | None,
    *,
    besides: HistoryEntry | None = None,
) -> HistoryEntry | None:
    """The entry of `m`'s history (`besides` aside) that records the step `status` at
    `extent` (its default when None) on `day`, its creation included: a step is on record
    once a day, so `mark` and `redate` refuse a second. Not a creation recorded without
    a date: its day is its earliest event's, which a step of its own may be."""
    wanted = extent or default_extent(status)
    return next(
        (
            h
            for h in m.history
            if h is not besides
            and h.event != VERIFICATION
            and not (h.event == CREATED and h.undated)
            and h.date == day
            and h.status == status
            and (h.extent or default_extent(status)) == wanted
        ),
        None,
    )


def numbered_entry(m: Measure, number: int) -> HistoryEntry:
    """The `number`-th entry of `m`'s history, as `dprk log` numbers them (1: the first,
    `in_log_order`); an error naming the numbers there are, else."""
    ordered = in_log_order(m)
    if not 1 <= number <= len(ordered):  # (what the ledger holds: not a malformed N)
        raise DprkError(
            f"measure '{m.id}' has {counted(len(ordered), 'history entry')}; N is 1 to "
            f"{len(ordered)} ('dprk log {m.id}' numbers them)"
        )
    return ordered[number - 1]


def redate_repeats(m: Measure, number: int, when: date) -> int | None:
    """The number (as `dprk log` numbers them) of the entry of `m` that its `number`-th,
    a step, dated `when` would repeat: the same step on that day (`step_on`), which `mark`
    refuses too; None where it would repeat none (or is dated so already)."""
    old = numbered_entry(m, number)
    if old.status is None or old.event == VERIFICATION:  # (a creation is a step too)
        return None
    if old.date == when and not old.undated:
        return None
    same = step_on(m, when, old.status, old.extent, besides=old)
    if same is None:
        return None
    return next(n for n, h in enumerate(in_log_order(m), 1) if h is same)


def redate_repeats_said(m: Measure, number: int, twin: int, when: date) -> str:
    """The refusal of a redate of entry `number` of `m` to `when`, which would repeat its
    entry `twin` (`redate_repeats`)."""
    old = numbered_entry(m, number)
    return (
        f"entry {number} of '{m.id}' ({describe_entry(old, None)}) redated to {when} "
        f"would repeat its entry {twin}, the same step on that day"
    )


def redate(m: Measure, number: int, when: date) -> tuple[Measure, HistoryEntry]:
    """`m` with the `number`-th entry of its history (1: the first, as `dprk log`
    numbers them: `in_log_order`) dated `when`; and the entry as it was. A finding's
    record moves with its entry; a creation given a date is no longer undated."""
    from .lifecycle import match_verifications

    old = numbered_entry(m, number)
    if old.event == CORRECTION:
        raise DprkError(
            f"entry {number} of '{m.id}' is dprk's record of a correction, made the day it "
            "was typed: it has no date in the talks to correct"
        )
    if old.date == when and not old.undated:
        raise DprkError(f"entry {number} of '{m.id}' is already dated {when}")
    new_entry = old.model_copy(update={"date": when, "undated": False})
    twin = redate_repeats(m, number, when)
    if twin is not None:  # (as `mark` refuses the step again on its day)
        raise DprkError(redate_repeats_said(m, number, twin, when))
    if old.undated:
        new_entry = new_entry.model_copy(update={"detail": dated_detail(old.detail)})
    history = [new_entry if h is old else h for h in m.history]
    verifications = list(m.verifications)
    for h, record in match_verifications(m):
        if h is old and record is not None:
            verifications = [
                record.model_copy(update={"date": when}) if v is record else v
                for v in verifications
            ]
    moved = m.model_copy(
        update={
            "history": sorted(history, key=HistoryEntry.sort_key),
            "verifications": sorted(verifications, key=Verification.sort_key),
        }
    )
    return edits_in_order(moved, was=m), old


def dated_detail(detail: str) -> str:
    """The words of an undated creation once it is given a day (`redate`): what said it
    is dated by its earliest event goes (a creation written by hand without a history
    still says so)."""
    hand = f" ({HAND_MADE_NOTE})"
    if detail.endswith(hand):
        return detail[: -len(hand)] + f" ({HAND_MADE})"
    return detail.replace(f" ({UNDATED_NOTE})", "")


def reworded_text(
    entry: HistoryEntry, text: str, v: Verification | None = None, *, full: bool = False
) -> str:
    """How the correction of an entry whose note was reworded to `text` says it (`dprk
    renote`), `entry` as it was (`v`: its finding's record): named as a redate names it
    (`lifecycle.redated_name`; `full`: an implementation in full as 'implemented (full)'),
    and its note before and after, as an edit's detail says a value, but whole
    (`lifecycle.reworded_of` reads the event named back)."""
    from .lifecycle import redated_name

    return (
        f"{redated_name(entry, v, full=full)} reworded (note: {shown(entry.note, whole=True)} -> "
        f"{shown(text, whole=True)})"
    )


def renote(m: Measure, number: int, text: str) -> tuple[Measure, HistoryEntry]:
    """`m` with the note of the `number`-th entry of its history (as `dprk log` numbers
    them, as `redate` takes it) reading `text`; and the entry as it was. A finding's
    record carries the same note: it is reworded with its entry. The entry keeps its
    day, its place and what it recorded."""
    from .lifecycle import match_verifications

    old = numbered_entry(m, number)
    if old.event == CORRECTION:  # (as `redate` refuses one)
        raise DprkError(
            f"entry {number} of '{m.id}' is dprk's record of a correction: its note says "
            "why the correction was made, not what happened in the talks"
        )
    if old.note == text:
        raise DprkError(f"entry {number} of '{m.id}' already reads {text!r}")
    new_entry = old.model_copy(update={"note": text})
    verifications = list(m.verifications)
    for h, record in match_verifications(m):
        if h is old and record is not None:
            verifications = [
                record.model_copy(update={"note": text}) if v is record else v
                for v in verifications
            ]
    history = [new_entry if h is old else h for h in m.history]
    return m.model_copy(update={"history": history, "verifications": verifications}), old


def mirror_of(m: Measure, partner: Measure, h: HistoryEntry) -> int | None:
    """The number (as `redate` and `dprk log` count) of `partner`'s entry recording the
    change that `m`'s entry `h` records of a link the two keep on both sides: an exchange
    link, or a `with` order. None when `h` records no such change or `partner` has no entry
    of it (a hand edit, or a change made before both sides were written)."""
    if exchanged_with(h) == partner.id:
        linked = linked_by(h)
        found = [e for e, made in _exchanges(partner, m.id) if made == linked]
    elif sets_with(h, partner.id):  # (a `with` set: set on both)
        found = [e for e, _ in order_changes_with(partner, m.id) if sets_with(e, m.id)]
    elif sequenced_with(h) == partner.id:  # (a `with` removed, or ended by another order
        end = (m.id, WITH_REMOVED)  # or a removal, then or found later)
        found = [e for e, _ in order_changes_with(partner, m.id) if with_change(e) == end]
    else:
        return None
    same = [e for e in found if e.date == h.date and e.undated == h.undated]
    if not same:
        return None
    ordered = in_log_order(partner)
    return next(i for i, e in enumerate(ordered, 1) if e is same[0])
