"""What changed between two versions of a ledger, measure by measure, for a briefing.

Pure: two ledgers in, a `LedgerDiff` out. A measure is added, removed, renamed
(`dprk rename`, as the merge knows one: `merge.renames`) or changed; a renamed or
changed one says how its status moved, which verifications and history entries are
new (or gone, or only re-dated; a finding only its verifier's name corrected, by
`dprk rename-verifier`, is neither new nor gone, and one redated or renoted too only
re-dated or renoted: compared under its verifier's name now; an entry is followed through
every correction made since, in any order), and which other fields changed.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from ..lifecycle import (
    Step,
    corrected_event,
    dropped_event,
    event_names,
    events_named,
    finders,
    match_verifications,
    redate_of,
    replay,
    reworded_of,
)
from ..model import HistoryEntry, Ledger, Measure, Verification
from ..rules import settle_field
from ..vocab import CORRECTION, Extent, Status, says_extents

if TYPE_CHECKING:
    from .sequencing import Deadlock

# Fields compared one by one; status and extent (a status change: `state_changed`),
# verifications and history are reported apart.
COMPARED = (
    "title",
    "part_of",
    "actor",
    "category",
    "deadline",
    "in_exchange_for",
    "constraints",
    "sources",
    "notes",
    "conflicts",
    "expected_parts",
)


@dataclass
class FieldChange:
    """One field of a measure, before and after."""

    field: str
    before: Any
    after: Any


@dataclass
class MeasureChange:
    """How one measure differs: added, removed or changed."""

    id: str
    change: str  # "added", "removed", "renamed" or "changed"
    measure: Measure  # the new version (the old one when removed)
    status_from: Status | None
    status_to: Status | None
    status_date: date | None = None  # when the latest status change happened
    # the entry of the step that made its status (or extent) what it is: the one the
    # status change says (`_state_step`), no other new entry
    state_entry: HistoryEntry | None = None
    new_verifications: list[Verification] = field(default_factory=list)
    removed_verifications: list[Verification] = field(default_factory=list)
    # findings whose verifier's name changed (`rename-verifier`; redated too, perhaps),
    # (before, after): in neither list above, nor their entries in those below but as
    # redated (`_renamed_findings`)
    renamed_verifications: list[tuple[Verification, Verification]] = field(default_factory=list)
    new_history: list[HistoryEntry] = field(default_factory=list)
    removed_history: list[HistoryEntry] = field(default_factory=list)
    # entries only re-dated (each in both lists above; its note reworded too, perhaps:
    # `renoted_history` then has it too): (before, after)
    redated_history: list[tuple[HistoryEntry, HistoryEntry]] = field(default_factory=list)
    # the correction entry `dprk redate` recorded for one of them, by the new entry's id():
    # it says that one change, and is not among the new entries (`_redates_recorded`)
    redated_by: dict[int, HistoryEntry] = field(default_factory=dict)
    # the correction entry `drop-entry` or `drop-finding` recorded for an entry or a
    # finding removed, by its id(): it says that one change, and is not among the new
    # entries (`_drops_recorded`)
    dropped_by: dict[int, HistoryEntry] = field(default_factory=dict)
    # the words of such a correction (by its id()) naming the event as the revision held
    # it, for one redated since before it was dropped: the redate no change of its own
    dropped_as: dict[int, str] = field(default_factory=dict)
    # entries only re-worded (each in both lists above): an edit's words rewritten by an
    # earlier edit of its field recorded later, (before, after)
    reworded_history: list[tuple[HistoryEntry, HistoryEntry]] = field(default_factory=list)
    # entries whose note alone changed, or it and their day (each in both lists above; a
    # finding's record with it, in neither list of findings): `dprk renote`, or a hand
    # edit, (before, after)
    renoted_history: list[tuple[HistoryEntry, HistoryEntry]] = field(default_factory=list)
    # the correction entry `dprk renote` recorded for an entry whose note it reworded, by
    # the id() of the entry now: it says that one change, and is not among the new entries
    renoted_by: dict[int, HistoryEntry] = field(default_factory=dict)
    fields: list[FieldChange] = field(default_factory=list)
    renamed_from: str | None = None  # the id it had before (`change` "renamed")
    # (how far it went, before and after: a step to another extent, its status the same,
    # is a change of where it stands too)
    extent_from: Extent | None = None
    extent_to: Extent | None = None
    # (whether its steps are said with the extent each reached, full too, as `log` says
    # them of its history now, and of the revision's: `vocab.says_extents`)
    says_extents: bool = False
    said_extents: bool = False
    # (the verifier of each finding's entry of either revision, by the entry's id(): who
    # made it, its `by`, as `log` gives it: `lifecycle.finders`)
    found_by: dict[int, str] = field(default_factory=dict)

    @property
    def status_changed(self) -> bool:
        return self.status_from != self.status_to

    @property
    def state_changed(self) -> bool:
        """Whether its status or its extent changed (the table's "Status changes")."""
        return self.status_changed or self.extent_from != self.extent_to


@dataclass
class LedgerDiff:
    """Every difference between two ledgers, measures in id order."""

    title: tuple[str | None, str] | None = None
    # the day the talks ended and its note (`edit-ledger --ended`), before and after, when
    # either changed: (None, "") for talks not over (or no ledger at the revision)
    ended: tuple[tuple[date | None, str], tuple[date | None, str]] | None = None
    parties_added: list[str] = field(default_factory=list)
    parties_removed: list[str] = field(default_factory=list)
    # (old name, new name): a party renamed, in the order made (`dprk rename-party`, as
    # the entries it wrote say: `party_names_recorded`); its measures are compared
    # under the new name
    parties_renamed: list[tuple[str, str]] = field(default_factory=list)
    # (name typed wrong, name corrected to): a party's name corrected as a typo
    # (`rename-party --typo`, as the corrections it wrote say), in the order made; its
    # measures are compared under the corrected name
    parties_corrected: list[tuple[str, str]] = field(default_factory=list)
    measures: list[MeasureChange] = field(default_factory=list)
    # the ledger's own merge conflicts (its title, its parties) that came, and that went
    conflicts_added: list[str] = field(default_factory=list)
    conflicts_settled: list[str] = field(default_factory=list)
    # the deadlocks standing now that did not before (as `plan` finds them: who waits for
    # whom), and those standing before that stand no more (`deadlocks_apart`)
    deadlocks_started: list[Deadlock] = field(default_factory=list)
    deadlocks_ended: list[Deadlock] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (
            self.title
            or self.ended
            or self.parties_added
            or self.parties_removed
            or self.parties_renamed
            or self.parties_corrected
            or self.measures
            or self.conflicts_added
            or self.conflicts_settled
        )

    def of_kind(self, change: str) -> list[MeasureChange]:
        return [m for m in self.measures if m.change == change]


def diff_ledgers(before: Ledger | None, after: Ledger) -> LedgerDiff:
    """What changed from `before` (None: nothing yet) to `after`."""
    old = before.index() if before is not None else {}
    new = after.index()
    result = LedgerDiff()
    if before is None or before.title != after.title:  # (no ledger before: a new title)
        result.title = (before.title if before is not None else None, after.title)
    was_ended = (before.ended, before.ended_note) if before is not None else (None, "")
    if was_ended != (after.ended, after.ended_note):
        result.ended = (was_ended, (after.ended, after.ended_note))
    from .merge import renamed, renames, spare_id, with_parties_renamed

    if before is not None:
        # (one at a time, as they were made: B to A after A to C; a typo corrected, then
        # the name renamed, or the other way round)
        for was, now, typo in party_names_recorded(before, after):
            if typo:
                result.parties_corrected.append((was, now))
                before = _with_party_respelt(before, was, now)
            else:
                result.parties_renamed.append((was, now))
                before = with_parties_renamed(before, {was: now})
        old = before.index()
    old_parties = before.parties if before is not None else []
    result.parties_added = [p for p in after.parties if p not in old_parties]
    result.parties_removed = [p for p in old_parties if p not in after.parties]
    old_conflicts = before.conflicts if before is not None else []
    # (each named as `dprk resolve --field` names it: `rules.settle_field`)
    result.conflicts_added = [
        settle_field(c, after.conflicts) for c in after.conflicts if c not in old_conflicts
    ]
    result.conflicts_settled = [
        settle_field(c, old_conflicts) for c in old_conflicts if c not in after.conflicts
    ]
    moved = renames(old, new) if before is not None else {}
    came_from: dict[str, str] = {}
    aside: dict[str, str] = {}  # an id moved aside in a cycle -> the id it had
    gone: list[Measure] = []  # (removed, their id given to a measure renamed since)
    while moved:  # (compared under its new id, as are references to it; an id another
        # renamed measure had first is free once that one is renamed: a cycle stays)
        free = [(was, now) for was, now in moved.items() if now not in old]
        if not free:
            taken = [(was, now) for was, now in moved.items() if now not in moved]
            if not taken:  # a cycle (two ids swapped): one moves aside first
                was, now = next(iter(moved.items()))
                spare = spare_id(was, (old, new))
                old = renamed(old, was, spare)
                moved[spare] = moved.pop(was)
                aside[spare] = aside.pop(was, was)
                continue
            for _, now in taken:
                gone.append(old.pop(now))
            free = taken
        for was, now in free:
            old = renamed(old, was, now)
            came_from[now] = aside.pop(was, was)
            del moved[was]
    for ident in sorted({*old, *new}):
        change = diff_measure(old.get(ident), new.get(ident))
        if ident in came_from:
            change = change or MeasureChange(
                ident, "changed", new[ident], old[ident].status, new[ident].status
            )
            change.change, change.renamed_from = "renamed", came_from[ident]
        if change is not None:
            result.measures.append(change)
    result.measures.extend(filter(None, (diff_measure(m, None) for m in gone)))
    _dated_by_parts(result.measures, after)
    if result.measures or result.ended:  # (no measure changed, nor the day read: no
        # deadlock came or went; the day the talks ended moved: any may have)
        then = None if before is None else before.model_copy(update={"measures": [*old.values()]})
        changed = [m.id for m in result.measures]
        if result.ended:
            changed = sorted({*changed, *old, *new})
        result.deadlocks_started, result.deadlocks_ended = deadlocks_apart(then, after, changed)
    return result


def deadlocks_apart(
    before: Ledger | None, after: Ledger, changed: Collection[str]
) -> tuple[list[Deadlock], list[Deadlock]]:
    """The deadlocks of `after` that `before` (its measures under their ids now, its
    parties under their names now; None: nothing yet) did not hold, and those of
    `before` that `after` does not, each as `plan` asked of no day finds it in that
    version (as of the day the talks ended, for a version that records one: `ended`),
    among those the `changed` measures are caught in (`sequencing.deadlocks_of`: a
    deadlock comes or goes only through a measure that changed, or its parts). A deadlock
    is known by who waits for whom in it, so that one whose circle changed ended, and the
    one it became started."""
    from .sequencing import deadlocks_of, waits_in

    now = deadlocks_of(after, changed, after.ended)
    then = deadlocks_of(before, changed, before.ended) if before is not None else []
    held, holds = {waits_in(d) for d in then}, {waits_in(d) for d in now}
    started = [d for d in now if waits_in(d) not in held]
    return started, [d for d in then if waits_in(d) not in holds]


def _dated_by_parts(found: list[MeasureChange], after: Ledger) -> None:
    """The day the status of each measure made of parts (now, or once) among `found`
    began, as its parts give it (`LedgerLife.status_since`, as `status` says), or its
    extent, when only that moved (`state_since`, as `status --as-of` has it): its own
    history alone gave the day it was made, or its last step of its own."""
    from ..lifecycle import LedgerLife, was_part_of

    wholes = {w for m in after.measures for w in (m.part_of, *was_part_of(m)) if w is not None}
    dated = [c for c in found if c.status_date is not None and c.id in wholes]
    if not dated:
        return

    life = LedgerLife(after.index())
    for change in dated:
        since = life.status_since if change.status_changed else life.state_since
        change.status_date = since(change.id)


def party_names_recorded(before: Ledger, after: Ledger) -> list[tuple[str, str, bool]]:
    """The parties renamed, or their names corrected as typos, between `before` and
    `after`, in the order they were, as the entries `dprk rename-party` wrote say
    (`changes.party_rename_of`, and `changes.party_typo_of` for `--typo`'s
    corrections): each (old name, new name, whether a typo corrected) of an entry
    `before` does not hold, of a party then declared, to a name `after` declares. None
    when they do not lead from the one list of parties to the other (a hand edit)."""
    from ..changes import party_rename_of, party_typo_of

    held = {(h.recorded, h.detail) for m in before.measures for h in m.history}
    new = sorted(
        {
            (h.recorded, h.detail): h
            for m in after.measures
            for h in m.history
            if h.event in ("edit", CORRECTION) and (h.recorded, h.detail) not in held
        }.items()
    )
    parties = list(before.parties)
    found: list[tuple[str, str, bool]] = []
    for _, h in new:
        # (an entry of a rename made already, on another measure, renames no party
        # declared by then: none; one made again after a rename back is one more)
        move = party_rename_of(h, parties)
        typo = move is None and (move := party_typo_of(h, parties)) is not None
        if move is None:
            continue
        was, now = move
        if now in parties:  # (made one with a party declared: `rename-party --merge`)
            parties = [p for p in parties if p != was]
        else:
            parties = [now if p == was else p for p in parties]
        found.append((was, now, typo))
    given = {now for _, now, _ in found}  # (the names they end with, declared at the end)
    return found if all(p in after.parties for p in parties if p in given) else []


def _with_party_respelt(ledger: Ledger, was: str, now: str) -> Ledger:
    """`ledger` with party `was`, a name typed wrong, spelt `now` wherever it names it,
    as `rename-party --typo` respells it (`changes.party_respelt`), no entry written."""
    from ..changes import party_respelt
    from ..rules import party_key

    key = party_key(was)
    measures = [party_respelt(m, was, now, lambda n: party_key(n) == key) for m in ledger.measures]
    parties = [now if p == was else p for p in ledger.parties]
    return ledger.model_copy(update={"parties": parties, "measures": measures})


def diff_measure(before: Measure | None, after: Measure | None) -> MeasureChange | None:
    """How one measure changed, or None if it did not."""
    if after is None:
        assert before is not None
        return MeasureChange(
            id=before.id,
            change="removed",
            measure=before,
            status_from=before.status,
            status_to=None,
            extent_from=before.extent,
            said_extents=says_extents(before.history),
            found_by=finders(before),
        )
    if before is None:
        return MeasureChange(
            id=after.id,
            change="added",
            measure=after,
            status_from=None,
            status_to=after.status,
            extent_to=after.extent,
            status_date=_status_date(after),
            new_verifications=list(after.verifications),
            new_history=list(after.history),
            says_extents=says_extents(after.history),
            found_by=finders(after),
        )
    if before == after:
        return None
    # (each finding's record as JSON, once, for every comparison below)
    old_texts = [v.model_dump_json() for v in before.verifications]
    new_texts = [v.model_dump_json() for v in after.verifications]
    # (compared under the verifiers' names now: a finding renamed, and redated, is one)
    held, renamed_findings = before, _renamed_findings(before, after, old_texts, new_texts)
    if renamed_findings:
        before = _with_verifiers_renamed(before, renamed_findings)
        old_texts = [v.model_dump_json() for v in before.verifications]
    # (a finding redated is neither new nor removed: its entry shows as redated)
    old_verifications, new_verifications = set(old_texts), set(new_texts)
    texts = old_texts, new_texts  # (a finding redated, its note reworded, or both)
    for then, now in _findings_changed(before.verifications, after.verifications, _FIXED, texts):
        old_verifications.add(now)
        new_verifications.add(then)
    # (an entry redated, its note reworded, or both: one entry, in each list it belongs to)
    corrected = _only_changed(before.history, after.history, _FIXED)
    change = MeasureChange(
        id=after.id,
        change="changed",
        measure=after,
        status_from=before.status,
        status_to=after.status,
        extent_from=before.extent,
        extent_to=after.extent,
        says_extents=says_extents(after.history),
        said_extents=says_extents(before.history),
        # (an entry gone is given as the revision held it: its verifier's name then)
        found_by=finders(before) | finders(held) | finders(after),
        new_verifications=[
            v
            for v, t in zip(after.verifications, new_texts, strict=True)
            if t not in old_verifications
        ],
        removed_verifications=[
            v
            for v, t in zip(before.verifications, old_texts, strict=True)
            if t not in new_verifications
        ],
        new_history=_unmatched(after.history, before.history),
        removed_history=_unmatched(before.history, after.history),
        redated_history=[(h, now) for h, now in corrected if h.date != now.date],
        reworded_history=_only_changed(before.history, after.history, ("detail",)),
        renoted_history=[(h, now) for h, now in corrected if h.note != now.note],
        fields=[
            FieldChange(name, getattr(before, name), getattr(after, name))
            for name in COMPARED
            if getattr(before, name) != getattr(after, name)
        ],
    )
    change.renamed_verifications = [(v, v2) for v, _, v2, _ in renamed_findings]
    if change.state_changed:  # (the step to its status; to its extent, if that alone moved)
        step = _state_step(after, status_only=before.status != after.status)
        if step is not None:
            change.status_date, change.state_entry = step.date, step.entry
    added = {id(n) for n in change.new_history}
    kept = [h for h in after.history if id(h) not in added]
    named = {id(v2): v for v, _, v2, _ in renamed_findings}  # (its name then, for a redate)
    # (the verifiers' names either revision holds: a correction naming a finding by any
    # other had it named so between two renames, `_named`)
    names = {v.by for m in (held, before, after) for v in m.verifications}
    new, change.redated_by, change.renoted_by = _redates_recorded(
        change.new_history, corrected, kept, after, named, names
    )
    new, change.dropped_by, change.dropped_as = _drops_recorded(new, before, change, names)
    change.new_history = _corrections_of_held(new, held, before)
    # (an entry gone, or only redated, is given as the revision held it, the name then)
    was = {id(h_now): h for _, h, _, h_now in renamed_findings if h is not None}
    change.removed_history = [was.get(id(h), h) for h in change.removed_history]
    change.redated_history = [(was.get(id(h), h), now) for h, now in change.redated_history]
    change.renoted_history = [(was.get(id(h), h), now) for h, now in change.renoted_history]
    if (
        not change.state_changed
        and not change.new_verifications
        and not change.removed_verifications
        and not change.renamed_verifications
        and not change.new_history
        and not change.removed_history
        and not change.fields
    ):
        return None  # the same content, only in another order (a hand-edited file)
    return change


# A finding whose verifier's name changed: its record and entry (if any) as the revision
# held them, and as the ledger holds them now.
_Renamed = tuple[Verification, HistoryEntry | None, Verification, HistoryEntry | None]


def _renamed_findings(
    before: Measure, after: Measure, old_texts: list[str], new_texts: list[str]
) -> list[_Renamed]:
    """The findings `before` holds and `after` holds with their verifier's name changed, as
    `rename-verifier` corrects one: the same finding (its result, method, evidence and
    note), its entry the same entry, recorded at the same moment, worded as the rename
    words it (`changes.finding_entry_renamed`); or both, so renamed, only redated or
    renoted since (or both), as those corrections alone are matched (`_findings_changed`,
    `_only_changed`: `_FIXED`). A finding dropped and made again by another verifier is
    two changes, and stays so. (`old_texts`, `new_texts`: each record of `before` and
    `after` as JSON, in their order.)"""
    from ..changes import finding_entry_renamed

    old_ones, new_ones = set(old_texts), set(new_texts)
    if old_ones <= new_ones or new_ones <= old_ones:  # (none gone, or none came: most)
        return []
    text = dict(zip(map(id, before.verifications), old_texts, strict=True))
    text.update(zip(map(id, after.verifications), new_texts, strict=True))
    gone = [
        (h, v)
        for h, v in match_verifications(before)
        if v is not None and text[id(v)] not in new_ones
    ]
    came = [
        (h, v)
        for h, v in match_verifications(after)
        if v is not None and text[id(v)] not in old_ones
    ]
    found: list[_Renamed] = []
    taken: set[int] = set()
    for also_fixed in (False, True):  # (a rename alone first: the closer match)
        for h, v in gone:
            if any(v is one for one, *_ in found):
                continue
            for h2, v2 in came:
                if id(v2) in taken or v2.by == v.by or (h is None) != (h2 is None):
                    continue
                v_now = v.model_copy(update={"by": v2.by})
                h_now = None if h is None else finding_entry_renamed(h, v, v2.by)
                if also_fixed:
                    same = bool(_findings_changed([v_now], [v2], _FIXED)) and (
                        h_now is None or h2 is None or bool(_only_changed([h_now], [h2], _FIXED))
                    )  # (an entry exactly when the other has one: above)
                else:
                    same = v_now.model_dump_json() == text[id(v2)] and h_now == h2
                if same:
                    taken.add(id(v2))
                    found.append((v, h, v2, h_now))
                    break
    return found


def _with_verifiers_renamed(m: Measure, found: list[_Renamed]) -> Measure:
    """`m` (the revision's measure) with each finding of `found` (and its entry) under its
    verifier's name now, as `rename-verifier` would have written it (`_renamed_findings`):
    compared so, it is no new finding and none gone, and a redate of it one redate."""
    if not found:
        return m
    records = {id(v): v.model_copy(update={"by": v2.by}) for v, _, v2, _ in found}
    entries = {id(h): h_now for _, h, _, h_now in found if h is not None and h_now is not None}
    return m.model_copy(
        update={
            "verifications": [records.get(id(v), v) for v in m.verifications],
            "history": [entries.get(id(h), h) for h in m.history],
        }
    )


def _unmatched(entries: list[HistoryEntry], others: list[HistoryEntry]) -> list[HistoryEntry]:
    """The `entries` that none of `others` matches, each other matching one: the same
    entry whatever second it was recorded in (an event both sides of a merge recorded
    is kept once, with the time it was first recorded, which one side's file then shows
    it with)."""
    from collections import Counter

    def said(h: HistoryEntry) -> str:
        return h.model_dump_json(exclude={"recorded"})

    left = Counter(map(said, others))
    found = []
    for h in entries:
        key = said(h)
        if left[key]:
            left[key] -= 1
        else:
            found.append(h)
    return found


def _corrections_of_held(new: list[HistoryEntry], *before: Measure) -> list[HistoryEntry]:
    """The `new` entries but the corrections (a drop, a redate) of an event `before` did
    not hold (`corrected_event`, `events_named`): entered since and corrected since, it
    is no change of the record compared with, which never claimed it. (`before` as the
    revision held it, and under its verifiers' names now: a correction names a finding
    by the name it had when it was made.)"""
    held = {name for m in before for name in events_named(m)}
    return [h for h in new if (said := corrected_event(h)) is None or said in held]


def _redates_recorded(
    new: list[HistoryEntry],
    pairs: list[tuple[HistoryEntry, HistoryEntry]],
    kept: list[HistoryEntry],
    after: Measure,
    named: dict[int, Verification],
    names: Collection[str] = (),
) -> tuple[list[HistoryEntry], dict[int, HistoryEntry], dict[int, HistoryEntry]]:
    """The `new` entries but the corrections that record a redate of one of `pairs` (its
    entries redated, renoted or both: as `dprk redate` words it, `redate_of`) or the
    rewording of its note (`dprk renote`: `reworded_of`), and the last of each kind (the
    redate that put it on its day, the renote that gave it its note), by the id() of the
    entry now: a correction is one change, said once (by the entry corrected, with its
    day or note before), not once more by the entries that record it. Redated twice since
    (A to B, then B to C), it is one change, A to C; one of the entries `kept` as it was,
    redated away and back (A to B, then B to A), or its note so, is no change at all. A
    chain is followed in the order recorded (`_chain`), through its day at the revision
    again (A to B, B to A, then A to C: A to C), a renote naming it on the day it then
    stood on. A finding's entry goes
    with its record in `after`, whose verifier a redate's words name (`redated_name`): by
    its name now, or, renamed since (`named`: the revision's record, by the id() of the
    one now), by the name it had when the redate was made, before the rename, or between
    two renames: a name no finding of either revision is by (`names`: those they are by;
    `_named`)."""
    fixes = [c for c in _corrections(new) if c[0] != "drop"]
    records = {id(h): v for h, v in match_verifications(after) if h is not None}
    taken: set[int] = set()
    redated_by: dict[int, HistoryEntry] = {}
    renoted_by: dict[int, HistoryEntry] = {}
    for old, now in [*pairs, *((h, h) for h in kept)]:
        v = records.get(id(now))
        was = named.get(id(v)) if v is not None else None
        held = None if was is None else names  # (renamed: any other name it had between)
        chain, day, _ = _chain((old, v), old.date, fixes, taken, was, held)
        if chain and day == now.date:
            taken.update(map(id, chain))
            redates = [h for h in chain if redate_of(h) is not None]
            renotes = [h for h in chain if redate_of(h) is None]
            if redates and old.date != now.date:
                redated_by[id(now)] = redates[-1]
            if renotes and old.note != now.note:
                renoted_by[id(now)] = renotes[-1]
    return [h for h in new if id(h) not in taken], redated_by, renoted_by


# The fields of an entry (and of a finding's record) a correction changes without making
# it another: its day (`dprk redate`) and its note (`dprk renote`).
_FIXED = ("date", "note")

# A correction among the new entries: its kind ("redate", "renote" or "drop"), its place,
# itself, the event it names, and the day it redated it to (None for the other kinds).
_Correction = tuple[str, int, HistoryEntry, str, date | None]


def _corrections(new: list[HistoryEntry]) -> list[_Correction]:
    """The redates (`redate_of`), the renotes (`reworded_of`) and the drops
    (`dropped_event`) among `new`, in order."""
    found: list[_Correction] = []
    for i, h in enumerate(new):
        if (move := redate_of(h)) is not None:
            found.append(("redate", i, h, *move))
        elif (name := reworded_of(h)) is not None:
            found.append(("renote", i, h, name, None))
        elif (name := dropped_event(h)) is not None:
            found.append(("drop", i, h, name, None))
    return found


def _chain(
    event: tuple[HistoryEntry | None, Verification | None],
    day: date,
    corrections: list[_Correction],
    taken: set[int],
    was: Verification | None = None,
    held: Collection[str] | None = None,
) -> tuple[list[HistoryEntry], date, HistoryEntry | None]:
    """The redates and renotes among `corrections` that moved `event` (its entry, its
    finding) from `day` or reworded its note, each recorded after the one before it and
    naming it on the day that one left it on (`event_names`; a finding by its verifier's
    name now, or by the name it `was` given before a rename, or, `held` given, by a name
    none of `held` is: `_named`), none `taken`; the day they left it on; and the drop that
    ended it there, if one did."""
    chain: list[HistoryEntry] = []
    after = -1
    names = [event] if was is None else [event, (event[0], was)]
    while True:
        on = [_on(one, day) for one in names]
        move = next(
            (
                m
                for m in corrections
                if m[1] > after
                and id(m[2]) not in taken
                and any(_named(one, m[3], held) is not None for one in on)
            ),
            None,
        )
        if move is None:
            return chain, day, None
        kind, after, h, _, to = move
        if kind == "drop":
            return chain, day, h
        chain.append(h)
        if to is not None:
            day = to


def _drops_recorded(
    new: list[HistoryEntry], before: Measure, change: MeasureChange, names: Collection[str] = ()
) -> tuple[list[HistoryEntry], dict[int, HistoryEntry], dict[int, str]]:
    """The `new` entries but the corrections that record a drop (`drop-entry`,
    `drop-finding`: `dropped_event`) of an entry or a finding `change` removed, and those,
    by the id() of the entry and of the finding they dropped: a drop is one change, said
    once (by its correction, which says what and why), not once more as an entry gone.
    One redated since (`redate_of`: A to B, then dropped as of B; or away and back, A to
    B to A, then dropped) is dropped as the revision held it: its redates, followed in
    the order recorded (`_chain`), are no change of their own, left out too, and the
    correction's words are given naming it as of A (the third dict, by its id()). A
    finding whose verifier was renamed since (`rename-verifier` records nothing) is named
    by a correction under a name no finding of either revision is by (`names`: those
    they are by): matched so once every drop naming one as it was held is (`_named`), its
    words given naming it as the revision held it too."""
    pairs = (*change.redated_history, *change.reworded_history, *change.renoted_history)
    moved = {id(old) for old, _ in pairs}
    gone = {id(h) for h in change.removed_history if id(h) not in moved}
    gone |= {id(v) for v in change.removed_verifications}
    left = [
        (h, v)
        for h, v in match_verifications(before)
        if (h is not None and id(h) in gone) or (h is None and v is not None and id(v) in gone)
    ]
    corrections = _corrections(new)
    taken: set[int] = set()
    found: dict[int, HistoryEntry] = {}
    said_as: dict[int, str] = {}
    for held in (None, names):  # (by a name held first: then by one it had between)
        for pair in left:
            if any(one is not None and id(one) in found for one in pair):
                continue
            day = next(one.date for one in pair if one is not None)
            chain, day, drop = _chain(pair, day, corrections, taken, held=held)
            if drop is None:
                continue
            taken.update((*map(id, chain), id(drop)))
            found.update((id(one), drop) for one in pair if one is not None and id(one) in gone)
            # (in the same words, of its day then: `event_names` keeps their order)
            name = dropped_event(drop) or ""
            place = _named(_on(pair, day), name, held)
            was = event_names(*pair)[place or 0]
            if was != name:
                said_as[id(drop)] = was + drop.detail[len(name) :]
    return [h for h in new if id(h) not in taken], found, said_as


# (a verifier's name no one is given: where it stands in an event's names, `_named`)
_ANY = "\x00"


def _named(
    pair: tuple[HistoryEntry | None, Verification | None],
    text: str,
    held: Collection[str] | None = None,
) -> int | None:
    """Where `text` stands among the names a correction may give the event `pair` (its
    entry, its finding: `event_names`), or None. With `held` (verifiers' names), a
    finding named by its verifier under a name none of `held` is, all else as its own
    name says it, too: `rename-verifier` records no entry, so the name a finding had
    between two renames, by which a correction made then names it, is known by no
    revision, and any other name is another finding's."""
    names = event_names(*pair)
    if text in names:
        return names.index(text)
    entry, v = pair
    if held is None or v is None:
        return None
    for place, name in enumerate(event_names(entry, v.model_copy(update={"by": _ANY}))):
        start, _, end = name.partition(_ANY)
        if (
            name.count(_ANY) == 1
            and len(text) > len(start) + len(end)
            and text.startswith(start)
            and text.endswith(end)
            and text[len(start) : len(text) - len(end)] not in held
        ):
            return place
    return None


def _on(
    pair: tuple[HistoryEntry | None, Verification | None], day: date
) -> tuple[HistoryEntry | None, Verification | None]:
    """An event (its entry, its finding) as on `day`, where a redate moved it."""
    entry, v = pair
    return (
        None if entry is None else entry.model_copy(update={"date": day}),
        None if v is None else v.model_copy(update={"date": day}),
    )


def _findings_changed(
    before: list[Verification],
    after: list[Verification],
    names: tuple[str, ...],
    texts: tuple[list[str], list[str]] | None = None,
) -> list[tuple[str, str]]:
    """The findings of `before` that `after` holds with only their fields `names` changed
    (a redate of their entry, its note reworded, or both): each one's record as JSON, with its new
    version's (`texts`: the records of `before` and `after` as JSON, in their order, when
    the caller has them already)."""
    if texts is None:
        texts = [v.model_dump_json() for v in before], [v.model_dump_json() for v in after]
    old_ones, new_ones = texts
    old_set, new_set = set(old_ones), set(new_ones)
    moved: dict[str, str] = {}
    for v, text in zip(after, new_ones, strict=True):
        if text not in old_set:
            moved.setdefault(v.model_dump_json(exclude=set(names)), text)
    pairs = []
    for v, text in zip(before, old_ones, strict=True):
        if text not in new_set:
            new = moved.pop(v.model_dump_json(exclude=set(names)), None)
            if new is not None:
                pairs.append((text, new))
    return pairs


def _status_date(m: Measure) -> date | None:
    step = _state_step(m, status_only=True)
    return step.date if step is not None else None


def _state_step(m: Measure, *, status_only: bool) -> Step | None:
    """The step that made its status what it is (`status_only`: as `status_since` dates
    it), or its state (status and extent: a step to another extent): what a status change
    says, by its day. Only that one: an earlier new step is a fact of its own."""
    found = None
    previous = None
    for step in replay(m).steps:
        now = step.state.status if status_only else step.state
        if previous is None or now != previous:
            found = step
        previous = now
    return found


def _only_changed(
    before: list[HistoryEntry], after: list[HistoryEntry], names: tuple[str, ...]
) -> list[tuple[HistoryEntry, HistoryEntry]]:
    """The entries of `before` that `after` holds with only their fields `names` changed
    (one of them at least; recorded in the same second: the same entry), each with its
    new version, in the order of `before`."""

    def besides(h: HistoryEntry) -> str:
        return h.model_dump_json(exclude=set(names))

    gone = {h.model_dump_json() for h in before} - {h.model_dump_json() for h in after}
    moved: dict[str, HistoryEntry] = {}
    for h in after:
        moved.setdefault(besides(h), h)
    pairs = []
    for h in before:
        if h.model_dump_json() not in gone:
            continue
        new = moved.pop(besides(h), None)
        if new is not None and any(getattr(new, n) != getattr(h, n) for n in names):
            pairs.append((h, new))
    return pairs
