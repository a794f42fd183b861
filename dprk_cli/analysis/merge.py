"""Three-way merge of ledgers, measure by measure and field by field, and settling conflicts.

Pure: `merge(base, ours, theirs)` takes three validated ledgers and returns the
merged one. Records of what happened (history, verifications) and lists
(sources, exchange links, constraints, parties) are merged as sets, so that
nothing either side added is lost; a single value (title, actor, category,
notes, deadline) changed to different values on both sides becomes a
`Conflict` record on the measure (or on the ledger, for its title), which
`dprk check` rejects until `dprk resolve` settles it. The status and extent
follow the merged history, as the replay (`lifecycle`) gives them. An event
both sides recorded (same date, event, status and detail) is kept once, their
notes joined; so is an undated creation (and the links it wrote on other measures)
that each side's back-dated events moved to its own date, dated again from the
merged history; histories whose union the rules of a measure's life do not allow
(one side recorded an agreement after the other's implementation) become a
conflict on the field `history`, settled by taking one side's history: until
then the measure keeps ours (history, findings, status, extent), and theirs is
only in the conflict's record.

A list item present in the base and removed on one side is removed (the other
side kept it unchanged). A measure removed on one side and changed on the
other is kept, with a conflict on the field `measure`; so is a removed measure
that the merged ledger still refers to, so that a clean merge never leaves a
link to a measure that is gone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from ..changes import (
    RENAME_DROPPED_HERE,
    actor_on,
    as_created,
    as_history_says,
    edits_in_order,
    is_party_merge,
    is_party_rename,
    link_in_force,
    links_dated,
    party_renamed,
    party_typo_of,
    removal_without_order,
    rename_in,
    renames_said,
    same_change,
    sequenced_with,
    verifier_renamed,
    with_entry,
    with_rename_entry,
)
from ..lifecycle import (
    DATED_FIELDS,
    MISSING_STEPS,
    LedgerLife,
    blocking,
    corrected_event,
    edit_words_key,
    effective_creation,
    event_names,
    events_named,
    exchanged_with,
    field_changes,
    field_in_force,
    in_log_order,
    linked_in,
    match_verifications,
    redated_text,
    renamed_by,
    replay,
    unnumbered,
)
from ..model import Conflict, Constraint, HistoryEntry, Ledger, Measure, Verification
from ..rules import (
    CHANGED,
    ERROR,
    ID,
    KEPT,
    MEASURE_GONE,
    MERGE_CONFLICTS,
    PARTY,
    WARNING,
    Problem,
    describe_conflict,
    new_problems,
    own_word,
    party_key,
    same_finding,
    settle_field,
)
from ..vocab import (
    BOOKKEEPING,
    CORRECTION,
    CREATED,
    Extent,
    Status,
    finding_text,
    party_in_prose,
    references,
    renamed_from,
    settles,
    shell_word,
    state_text,
)

if TYPE_CHECKING:
    from .sequencing import Deadlock

T = TypeVar("T")
R = TypeVar("R", HistoryEntry, Verification)

SCALARS = ("title", "actor", "category", "notes", "deadline", "part_of")
"""Single-valued fields merged three ways; status and extent follow the history instead."""
# A party rename's entry, the day a side moved it to, and the side's correction saying so
# (None for none found: a hand edit)
Moved = tuple[HistoryEntry, date, HistoryEntry | None]
HISTORY = "history"  # the conflict field for histories that do not fit together


@dataclass(frozen=True)
class Unresolved:
    """One conflict left in a ledger: where it is and both sides' values."""

    measure: str | None  # None: the ledger's own header (its title)
    field: str
    ours: str | None
    theirs: str | None


@dataclass
class MergeResult:
    """The merged ledger and the conflicts it holds (new ones and any carried in)."""

    ledger: Ledger
    conflicts: list[Unresolved] = field(default_factory=list)
    # what the merge did that neither side did alone, to be said (two parties made one)
    notes: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.conflicts


# (a problem by its severity, check, measure and words)
Made = frozenset[tuple[str, str, str | None, str]]


def unsound(
    merged: Ledger, ours: Ledger, theirs: Ledger, made: Made | None = None
) -> list[Problem]:
    """The errors of `dprk check` that the merge made and neither side had (a measure
    made a part of another on one side, and that one a part of it on the other, say),
    merge conflicts aside (each is recorded already): a merge that is not to be committed
    as it stands. `made`: what `problems_made` found of these three ledgers, when found
    already (the rules are not run again)."""
    if made is None:
        made = problems_made(merged, ours, theirs)
    both = {
        (check, measure, words) for severity, check, measure, words in made if severity == ERROR
    }
    both |= _own_words_made(merged, (ours, theirs))
    both |= _renames_unchained_made(merged, (ours, theirs))
    return [Problem(ERROR, *key) for key in sorted(both, key=lambda k: (k[1] or "", k[0], k[2]))]


def problems_made(merged: Ledger, ours: Ledger, theirs: Ledger) -> Made:
    """The problems of `check`'s rules that the merge made and neither side had, merge
    conflicts aside, by their severity, check, measure and words (worded as check words
    them: the merge is written as it stands): what `unsound` and `gaps_made` read, found
    once for both."""
    after = merged.index()
    found: list[set[tuple[str, str, str | None, str]]] = []
    for side in (ours, theirs):
        before = side.index()
        touched = [i for i, m in after.items() if before.get(i) != m]
        touched.extend(i for i in before if i not in after)
        found.append(
            {
                (p.severity, p.check, p.measure, p.message)
                for p in new_problems(
                    before, side.parties, after, merged.parties, touched, refused=False
                )
                if p.check != MERGE_CONFLICTS
            }
        )
    return frozenset(found[0] & found[1])


def gaps_made(made: Made) -> list[Problem]:
    """The steps missing (`lifecycle.MISSING_STEPS`: a step recorded before one the other
    side recorded first, with nothing between them to lead from one to the other) that
    the merge made and neither side had, of what `problems_made` found: `check`'s
    warnings, as a step typed on one desk after the other side's warns of it."""
    gaps = {(check, measure, words) for _, check, measure, words in made if check == MISSING_STEPS}
    return [Problem(WARNING, *key) for key in sorted(gaps, key=lambda k: (k[1] or "", k[2]))]


def states_apart(
    merged: Ledger, ours: Ledger, theirs: Ledger
) -> list[tuple[str, str, str, str, bool]]:
    """Each measure both sides hold whose status (and extent) the merged history gives
    otherwise than either side had it (two steps each side recorded, read together; a
    whole whose parts each side moved): its id, its state as merged, ours and theirs
    (`vocab.state_text`), and whether its parts give it, in id order."""
    mine, other = ours.index(), theirs.index()
    wholes = {m.part_of for m in merged.measures if m.part_of is not None}
    found: list[tuple[str, str, str, str, bool]] = []
    for m in sorted(merged.measures, key=lambda m: m.id):
        o, t = mine.get(m.id), other.get(m.id)
        if o is None or t is None:
            continue
        now = (m.status, m.extent)
        if now in ((o.status, o.extent), (t.status, t.extent)):
            continue
        mine_said, theirs_said = state_text(o.status, o.extent), state_text(t.status, t.extent)
        found.append((m.id, state_text(*now), mine_said, theirs_said, m.id in wholes))
    return found


VERIFIERS_ALIKE = "verifiers-alike"


def verifiers_alike_made(merged: Ledger, ours: Ledger, theirs: Ledger) -> list[Problem]:
    """Warnings of one verifier spelt two ways that the merge made: each verifier named
    near another (`rules.verifiers_spelt_near`: 'Joint Monitoring Center' beside 'Joint
    Monitoring Centre') that no side had near it (one desk's findings by one spelling,
    the other's by another). On one desk the second spelling is refused as a typo, and
    `check` does not warn of one kept with --new-verifier, as near names of distinct
    verifiers are common (UNMIS and UNMISS)."""
    from ..rules import verifiers_named, verifiers_spelt_near

    def named(ledger: Ledger) -> list[tuple[str, str]]:
        return [(m.id, by) for m in ledger.measures for by in verifiers_named(m)]

    def pairs(ledger: Ledger) -> set[frozenset[str]]:
        return {
            frozenset(p)
            for p in verifiers_spelt_near((by for _, by in named(ledger)), ledger.parties)
        }

    held = pairs(ours) | pairs(theirs)
    merged_named = named(merged)
    made = [
        (name, near)
        for name, near in verifiers_spelt_near((by for _, by in merged_named), merged.parties)
        if frozenset((name, near)) not in held
    ]
    return _verifiers_alike(merged_named, made)


def _verifiers_alike(
    named: Iterable[tuple[str, str]], pairs: Iterable[tuple[str, str]]
) -> list[Problem]:
    """A warning for each of `pairs` (a verifier's name and the one named before it that
    it is near, `rules.verifiers_spelt_near`), said of the first measure of `named` (each
    measure's id and a verifier it names, in order) that names the later one."""
    first: dict[str, str] = {}
    for ident, by in named:
        first.setdefault(by, ident)
    found = []
    for name, near in pairs:
        it, other = party_in_prose(name, quoted=True), party_in_prose(near, quoted=True)
        where = "" if first[near] == first[name] else f" (on {first[near]})"
        found.append(
            Problem(
                WARNING,
                VERIFIERS_ALIKE,
                first[name],
                f"its verifier {it} is near {other}{where}: one verifier spelt "
                "two ways is counted as two; if so, make them one ('dprk rename-verifier "
                f"{shell_word(name)} {shell_word(near)}', or the other way round), else "
                "leave them",
                (first[near],) if first[near] != first[name] else (),
            )
        )
    return found


def deadlocks_made(merged: Ledger, ours: Ledger, theirs: Ledger) -> list[Deadlock]:
    """The deadlocks the merge made, that neither side held: each standing in the merged
    ledger that did not stand on our side, as a write that made it finds it
    (`sequencing.deadlocks_made`, with the day it stands from), through the measures the
    merge changed there, and that their side did not hold either (who waits for whom), as
    of its end where it records one. Talks that ended are read as of their end, as `plan`
    reads them (`_deadlocks_ended`)."""
    from ..clock import today
    from ..model import index_of
    from .sequencing import deadlocks_made as made_by
    from .sequencing import deadlocks_of, waits_in

    before, after = ours.index(), merged.index()
    changed = [i for i, m in after.items() if before.get(i) != m]
    changed.extend(i for i in before if i not in after)
    if not changed:
        return []
    place = {m.id: n for n, m in enumerate(merged.measures)}
    if merged.ended is not None:
        return _deadlocks_ended(merged, ours, theirs, changed, place)
    made = made_by(
        index_of(before),
        index_of(after),
        changed,
        list(merged.parties),
        today(),
        lambda ident: place.get(ident, len(place)),
    )
    if not made.now:
        return []

    # (their side as its views read it: as of its end, where it ended and ours reopened)
    caught = [i for d in made.now for i in d.measures]
    held = {waits_in(d) for d in deadlocks_of(theirs, caught, theirs.ended)}
    return [d for d in made.now if waits_in(d) not in held]


def _deadlocks_ended(
    merged: Ledger, ours: Ledger, theirs: Ledger, changed: list[str], place: dict[str, int]
) -> list[Deadlock]:
    """The deadlocks the merge made in talks that ended: each standing in the merged
    ledger as of its end, through the measures the merge changed, that neither side held
    as of its own end (as `diff` reads each version), with the day it stands from."""
    from ..model import index_of
    from .sequencing import deadlock_since, deadlocks_of, waits_in

    end = merged.ended
    assert end is not None
    now = deadlocks_of(merged, changed, end)
    if not now:
        return []
    caught = [i for d in now for i in d.measures]
    held = {waits_in(d) for side in (ours, theirs) for d in deadlocks_of(side, caught, side.ended)}
    made = [d for d in now if waits_in(d) not in held]
    index = index_of(merged.index())
    for d in made:
        d.since = deadlock_since(
            d, index, end, list(merged.parties), lambda i: place.get(i, len(place))
        )
    return made


def _own_words_made(merged: Ledger, sides: Sequence[Ledger]) -> set[tuple[str, str | None, str]]:
    """Each finding the merge made the word of its measure's own actor on its day, as no
    side had it (a party renamed, or merged into another, on one side; a finding by the
    party it came to be, on the other): `check`'s own-word error, with the drop that
    mends it (from the last entry back: a drop leaves the numbers before it as they are)."""
    from ..lifecycle import in_log_order, match_verifications
    from .checks import own_word_found

    def own(m: Measure, parties: list[str]) -> set[tuple[str, date]]:
        return {
            (v.by, v.date) for v in m.verifications if own_word(v.by, actor_on(m, v.date, parties))
        }

    indexes = [(side.index(), side.parties) for side in sides]
    found: set[tuple[str, str | None, str]] = set()
    for m in merged.measures:
        made = own(m, merged.parties) if m.verifications else set()
        for held, parties in indexes:
            if made and m.id in held:
                made -= own(held[m.id], parties)
        if not made:
            continue
        numbers = {id(h): n for n, h in enumerate(in_log_order(m), 1)}
        for entry, v in match_verifications(m):
            if v is None or (v.by, v.date) not in made:
                continue
            number = numbers.get(id(entry)) if entry is not None else None
            p = own_word_found(m.id, v, number)
            found.add((p.check, p.measure, p.message))
    return found


def _renames_unchained_made(
    merged: Ledger, sides: Sequence[Ledger]
) -> set[tuple[str, str | None, str]]:
    """Each measure whose party renames the merge left out of chain, as no side had them
    (a rename redated on one side, the party renamed again on the other): `check`'s
    rename-chain error, with its fix."""
    from ..changes import is_party_rename
    from .checks import renames_unchained_in

    indexes = [(side.index(), side.conflicts) for side in sides]
    found: set[tuple[str, str | None, str]] = set()
    for m in merged.measures:
        if not any(is_party_rename(h) for h in m.history):
            continue
        p = renames_unchained_in(m, merged.conflicts)
        if p is None or any(
            m.id in held and renames_unchained_in(held[m.id], conflicts) is not None
            for held, conflicts in indexes
        ):
            continue
        found.add((p.check, p.measure, p.message))
    return found


def unresolved(ledger: Ledger) -> list[Unresolved]:
    """Every conflict record in the ledger, header first, then by measure id."""
    found = [Unresolved(None, c.field, c.ours, c.theirs) for c in ledger.conflicts]
    for m in sorted(ledger.measures, key=lambda m: m.id):
        found.extend(Unresolved(m.id, c.field, c.ours, c.theirs) for c in m.conflicts)
    return found


def merge(base: Ledger | None, ours: Ledger, theirs: Ledger) -> MergeResult:
    """Merge `ours` and `theirs`, two descendants of `base` (None: no common ancestor)."""
    moves = (
        (party_renames(base, ours), party_renames(base, theirs)) if base is not None else ({}, {})
    )
    notes = _parties_made_one(base, ours, theirs, moves)
    notes.extend(_renamed_or_replaced(base, ours, theirs, moves))
    ours, theirs, renamed_two_ways = _follow_party_renames(base, ours, theirs, moves)
    ours, theirs = _rename_days_followed(base, ours, theirs)
    if base is not None:  # (each side's verifier renames, on the other side's findings)
        found = verifier_renames(base, ours), verifier_renames(base, theirs)
        ours, theirs = _verifiers_renamed(ours, found[1]), _verifiers_renamed(theirs, found[0])
        ours, theirs = _verifiers_renamed_two_ways(base, (ours, theirs), found, notes)
    theirs = _verifiers_spelt_as_ours(ours, theirs)
    base_measures = base.index() if base is not None else {}
    our_measures, their_measures = ours.index(), theirs.index()
    base_measures, our_measures, their_measures, renamed_apart = _follow_renames(
        base_measures, our_measures, their_measures
    )
    parents = {
        m.part_of
        for side in (base_measures, our_measures, their_measures)
        for m in side.values()
        if m.part_of is not None
    }
    merged: dict[str, Measure] = {}
    removed: dict[str, tuple[Measure | None, Measure | None]] = {}
    for ident in sorted({*base_measures, *our_measures, *their_measures}):
        b, o, t = base_measures.get(ident), our_measures.get(ident), their_measures.get(ident)
        result = _merge_presence(b, o, t, derived=ident in parents)
        if result is None:
            removed[ident] = (o, t)
        else:
            merged[ident] = result
    _keep_referenced(merged, removed)
    for ident, (ours_id, theirs_id) in renamed_apart.items():
        if ident in merged:
            merged[ident] = _add_conflicts(
                merged[ident], [Conflict(field=ID, ours=ours_id, theirs=theirs_id)]
            )
    _links_dated(merged)
    parties = _merge_list(
        base.parties if base is not None else [],
        ours.parties,
        theirs.parties,
        keep=_used_parties(merged.values()),
    )
    _findings_apart(merged, our_measures, their_measures, parties)
    _derive_parents(merged, parents)
    notes.extend(_notes_joined(merged, our_measures, their_measures))

    title, title_conflict = _three(
        base.title if base is not None else None, ours.title, theirs.title
    )
    header_conflicts = _merge_conflicts(
        base.conflicts if base is not None else [], ours.conflicts, theirs.conflicts
    )
    if title_conflict:
        header_conflicts = _with_conflict(header_conflicts, "title", ours.title, theirs.title)
    for mine, other in _spelled_two_ways(parties, ours.parties):
        # One side named two ways (in case or spaces): ours, until `dprk resolve` says.
        parties = [p for p in parties if p != other]
        for ident, m in merged.items():
            merged[ident] = _alike_settled(party_renamed(m, other, mine))
        header_conflicts = _with_conflict(header_conflicts, PARTY, mine, other)
    for mine, other in renamed_two_ways:
        header_conflicts = _with_conflict(header_conflicts, PARTY, mine, other)
    # (the day the talks ended and its note, as one value: both sides' different days,
    # ours, as a title both changed would be without `dprk resolve`)
    ended, ended_apart = _three(
        (base.ended, base.ended_note) if base is not None else None,
        (ours.ended, ours.ended_note),
        (theirs.ended, theirs.ended_note),
    )
    if ended_apart and ours.ended != theirs.ended:
        notes.append(_ended_apart(ours, theirs))
    ledger = Ledger.model_validate(
        {
            "schema": ours.schema_,
            "title": title,
            "parties": parties,
            "conflicts": header_conflicts,
            "ended": ended[0] if ended else None,
            "ended_note": ended[1] if ended else "",
            "measures": [merged[i].normalized() for i in sorted(merged)],
        }
    )
    return MergeResult(ledger=ledger, conflicts=unresolved(ledger), notes=notes)


def _ended_apart(ours: Ledger, theirs: Ledger) -> str:
    """What the merge says of two days the talks ended (or one side's reopening), set
    apart on the two sides: ours is kept, and the command that sets theirs."""

    def said(side: Ledger) -> str:
        return "were reopened" if side.ended is None else f"ended on {side.ended}"

    if theirs.ended is None:
        command = "dprk edit-ledger --reopen"
    else:
        command = f"dprk edit-ledger --ended {theirs.ended}"
        if theirs.ended_note:
            command += f" --note {shell_word(theirs.ended_note)}"
    theirs_said = said(theirs).replace("ended on", "on") if ours.ended else said(theirs)
    return (
        f"the talks {said(ours)} on our side and {theirs_said} on theirs: the merge keeps "
        f"ours; '{command}' sets theirs"
    )


def _alike_settled(m: Measure) -> Measure:
    """`m` without a conflict on its actor whose two sides name one party now (each side's
    spelling of it, one of them renamed to the other): nothing is left to choose."""
    kept = [c for c in m.conflicts if c.field != "actor" or c.ours != c.theirs]
    return m if len(kept) == len(m.conflicts) else m.model_copy(update={"conflicts": kept})


def verifier_renames(base: Ledger, side: Ledger) -> dict[str, str]:
    """The verifiers of `base` that `side` renamed (`dprk rename-verifier`, which records
    no entry: known as a party's rename is, by where the name stood): no finding of `side`
    names it any more, and each finding of the base by it, on a measure `side` still
    holds, is there by one other name (the same day, result and method), the same one
    for them all."""
    named = {v.by for m in side.measures for v in m.verifications}
    now = side.index()
    found: dict[str, set[str]] = {}
    for m in base.measures:
        there = now.get(m.id)
        for v in m.verifications:
            if v.by in named or there is None:
                continue
            names = {
                w.by
                for w in there.verifications
                if (w.date, w.result, w.method) == (v.date, v.result, v.method)
            }
            found.setdefault(v.by, set()).update(names or {""})  # (gone: not a rename)
    return {old: names.pop() for old, names in found.items() if len(names) == 1 and "" not in names}


def _verifiers_renamed(side: Ledger, renames: dict[str, str]) -> Ledger:
    """`side` with each verifier the other side renamed (`verifier_renames`) called by its
    new name, in its findings and their entries: what it added under the old name is
    the renamed verifier's, as a measure added for a renamed party is the party's."""
    if not renames:
        return side
    measures = []
    for m in side.measures:
        for old, new in renames.items():
            m = verifier_renamed(m, old, new)
        measures.append(m)
    if all(a is b for a, b in zip(measures, side.measures, strict=True)):
        return side
    return side.model_copy(update={"measures": measures})


def _verifiers_renamed_two_ways(
    base: Ledger,
    sides: tuple[Ledger, Ledger],
    renames: tuple[dict[str, str], dict[str, str]],
    notes: list[str],
) -> tuple[Ledger, Ledger]:
    """Our side and theirs with each verifier both renamed, each its own way
    (`verifier_renames`), named as ours renamed it, as a party renamed two ways is (one
    verifier, one finding, where the merge kept both names and the finding twice); as
    theirs did where only theirs named it as a verifier of the base (the findings made
    one with that verifier's), both names kept where both did. Each said in `notes`,
    with the command that names it the other way."""
    ours, theirs = sides
    verifiers = {v.by for m in base.measures for v in m.verifications}
    for old, mine in renames[0].items():
        other = renames[1].get(old)
        if other is None or party_key(other) == party_key(mine):  # (spelt as ours: alike)
            continue
        said = (
            f"verifier {party_in_prose(old, quoted=True)} was renamed "
            f"{party_in_prose(mine, quoted=True)} on our side and "
            f"{party_in_prose(other, quoted=True)} on theirs"
        )
        if mine in verifiers and other in verifiers:
            command = f"dprk rename-verifier {shell_word(mine)} {shell_word(other)}"
            notes.append(f"{said}: both names are kept; '{command}' makes them one")
            continue
        kept, dropped, whose = (
            (other, mine, "theirs") if other in verifiers else (mine, other, "ours")
        )
        ours, theirs = (_verifiers_renamed(side, {dropped: kept}) for side in (ours, theirs))
        command = f"dprk rename-verifier {shell_word(kept)} {shell_word(dropped)}"
        named = "theirs" if whose == "ours" else "ours"
        notes.append(f"{said}: it is named as {whose}; '{command}' names it as {named}")
    return ours, theirs


def _verifiers_spelt_as_ours(ours: Ledger, theirs: Ledger) -> Ledger:
    """`theirs` with each verifier named as ours names it, where the two spell one
    verifier otherwise (in case or spacing: `rules.party_key`, as `verify` takes a name
    on record): one finding typed on both sides is then one, and one verifier keeps one
    name across the ledger, as in a ledger kept alone."""
    spelt: dict[str, str] = {}
    for m in ours.measures:
        for v in m.verifications:
            spelt.setdefault(party_key(v.by), v.by)
    if not spelt:
        return theirs
    used = {v.by for m in ours.measures for v in m.verifications}
    measures = []
    for m in theirs.measures:
        for name in dict.fromkeys(v.by for v in m.verifications):
            mine = spelt.get(party_key(name), name)
            if mine != name and name not in used:  # (ours writes it so too: left so)
                m = verifier_renamed(m, name, mine)
        measures.append(m)
    if all(a is b for a, b in zip(measures, theirs.measures, strict=True)):
        return theirs
    return theirs.model_copy(update={"measures": measures})


def _parties_made_one(
    base: Ledger | None, ours: Ledger, theirs: Ledger, moves: tuple[dict[str, str], ...]
) -> list[str]:
    """A party one side renamed to the name the other side gave a party it added: both
    sides' measures for the two are one party's once the rename is followed, which is
    said (most often what the two desks meant; else `dprk rename-party` and `dprk edit
    --actor` set them apart again). A party both sides renamed alike was added by none."""
    if base is None:
        return []
    found = []
    for renames_, other, whose in ((moves[0], theirs, "our"), (moves[1], ours, "their")):
        alike = moves[1] if whose == "our" else moves[0]  # (the other side's renames)
        for old, new in renames_.items():
            if new in other.parties and new not in base.parties and alike.get(old) != new:
                added = "their" if whose == "our" else "our"
                found.append(
                    f"party {party_in_prose(old)} was renamed {party_in_prose(new)} on {whose} "
                    f"side, and {added} side added a party {party_in_prose(new)}: they are one "
                    "party now (set them apart with 'dprk rename-party' and 'dprk edit ID --actor')"
                )
    return found


def _renamed_or_replaced(
    base: Ledger | None, ours: Ledger, theirs: Ledger, moves: tuple[dict[str, str], ...]
) -> list[str]:
    """A party one side renamed or removed, a party added in its place, last (`_replaced_last`),
    which the other side's measures still name: one party renamed, or two, cannot be told.
    Taken as renamed two ways, the other side keeping the old name (`moves` is added to):
    named as ours, with a conflict on the party that `dprk resolve` settles; said, with
    both readings."""
    if base is None:
        return []
    found = []
    sides = ((ours, theirs, moves[0], moves[1], "our"), (theirs, ours, moves[1], moves[0], "their"))
    for side, other, own, others, whose in sides:
        for old, new in _replaced_last(base, side, own).items():
            if (
                old not in other.parties
                or old in others
                or old not in _used_parties(other.measures)
            ):
                continue
            own[old], others[old] = new, old
            was, now = party_in_prose(old, quoted=True), party_in_prose(new, quoted=True)
            kept, other_side = ("ours", "theirs") if whose == "our" else ("theirs", "ours")
            found.append(
                f"party {was} was renamed {now} on {whose} side, or removed there and {now} "
                f"added (either leaves {now} last in the list), and the other side's measures "
                f"name {was}: one party or two? It is named as ours, in conflict: take {kept} "
                f"to follow the rename (one party {now}), {other_side} to keep {was} (if "
                f"{now} is a party of its own, set them apart with 'dprk add-party' and "
                "'dprk edit ID --actor')"
            )
    return found


def _follow_party_renames(
    base: Ledger | None, ours: Ledger, theirs: Ledger, moves: tuple[dict[str, str], ...]
) -> tuple[Ledger, Ledger, list[tuple[str, str]]]:
    """Both sides with each party one side renamed (`dprk rename-party`) renamed on the
    other side too: a measure the other side added under the old name is the renamed
    party's. A party renamed on both sides to two names takes ours (the pairs returned,
    ours first: a conflict of the ledger's own, which `dprk resolve` settles). `moves`:
    the parties each side renamed (`party_renames`)."""
    if base is None:
        return ours, theirs, []
    by_ours, by_theirs = dict(moves[0]), dict(moves[1])  # (`party_renames` of each side)
    two_ways = []
    for old, new in by_theirs.items():
        if old in by_ours and by_ours[old] != new:
            two_ways.append((by_ours[old], new))
    to_theirs = dict(by_ours)
    to_theirs.update({new: by_ours[old] for old, new in by_theirs.items() if old in by_ours})
    # A party in conflict in the base (renamed two ways), settled on each side, one way
    # each (one kept the base's name, the other took its other): a conflict again.
    for c in base.conflicts:
        name = c.ours or ""
        held = c in ours.conflicts or c in theirs.conflicts  # (unsettled on a side)
        if c.field != PARTY or name not in base.parties or held:
            continue
        mine, other = by_ours.get(name, name), by_theirs.get(name, name)
        if mine != other and (name in ours.parties) != (name in theirs.parties):
            two_ways.append((mine, other))
            to_theirs[other] = mine
            by_theirs.pop(name, None)
    to_ours = {old: new for old, new in by_theirs.items() if old not in by_ours}
    return (
        with_parties_renamed(ours, to_ours, told=theirs),
        with_parties_renamed(theirs, to_theirs, told=ours),
        two_ways,
    )


def party_renames(base: Ledger, side: Ledger) -> dict[str, str]:
    """The parties of `base` that `side` renamed: gone from its list, and each measure of
    the base that named one (as its actor or a demanding party) names one other party of
    its list in its place there (a new one, or one declared already: `rename-party
    --merge` made the two one); or, named by none, a new party in its place in the
    list (last in it, only where a measure of `side` records the rename)."""
    gone = [p for p in base.parties if p not in side.parties]
    if not gone:
        return {}
    new = {p for p in side.parties if p not in base.parties}
    kept = set(side.parties)
    now = side.index()
    found: dict[str, set[str]] = {old: set() for old in gone}
    for m in base.measures:
        there = now.get(m.id)
        if there is None:
            continue
        pairs: list[tuple[str | None, str | None]] = [(m.actor, there.actor)]
        was = {c.other: c.demanded_by for c in m.constraints}
        pairs.extend((was.get(c.other), c.demanded_by) for c in there.constraints)
        for before, after in pairs:
            if before in found and after in kept:
                found[before].add(after)
    # A party no measure of the base named: renamed, when the new name holds its place in
    # the list (`rename-party` keeps it there; a party added goes last) and no other rename
    # explains it; put last, as a party added is too, when one of its measures records
    # the rename (else `_replaced_last`: a rename, or a removal and an addition).
    named = {name for names in found.values() for name in names}
    for old in gone:
        at = base.parties.index(old)
        if not found[old] and at < len(side.parties):
            put = side.parties[at]
            last = at == len(side.parties) - 1
            if put in new and put not in named and (not last or _renames_recorded(side, old, put)):
                found[old].add(put)
    return {old: names.pop() for old, names in found.items() if len(names) == 1}


def _replaced_last(base: Ledger, side: Ledger, renames: dict[str, str]) -> dict[str, str]:
    """The parties of `base` named by no measure of it that `side` dropped, a new party
    last in its list in their place, no measure recording a rename (each: the new name):
    `rename-party` leaves it so, and so do `remove-party` and `add-party`, which cannot
    be told apart there (`party_renames` follows neither)."""
    named = _used_parties(base.measures) | set(renames.values())
    found = {}
    for old in base.parties:
        at = base.parties.index(old)
        if old in side.parties or old in named or old in renames or at != len(side.parties) - 1:
            continue
        put = side.parties[at]
        if put not in base.parties and put not in named:
            found[old] = put
    return found


def with_parties_renamed(
    ledger: Ledger, renames: dict[str, str], *, told: Ledger | None = None
) -> Ledger:
    """`ledger` with each party `renames` names called by its new name. A measure the
    rename changes (the party its actor, a demanding party, a verifier), made by the
    rename's day, takes the rename's entry as `told` (the side that renamed it) records
    it, day and time (each rename's, renamed more than once since: `_renames_recorded`):
    as `rename-party` left those made by its day on that side, so that the merged ledger
    knows the old name from it too. A rename the measure records already (the base's,
    on the way from a name this side took back to the one `told` gave) is not written
    again: both sides hold it once, and the merge keeps it once, whichever side is ours.
    A name `told` corrected as a typo (`rename-party --typo`: no rename recorded) is
    corrected so on each measure it changes, with the correction `told` wrote, as the
    command would have written it there."""
    renames = {old: new for old, new in renames.items() if old != new}
    if not renames:
        return ledger
    measures = ledger.measures
    for old, new in renames.items():
        steps = [] if told is None else _renames_recorded(told, old, new)
        typo = None if told is None or steps else _typo_recorded(told, old, new)
        renamed = []
        for m in measures:
            now = party_renamed(m, old, new)
            if now is not m and typo is not None:  # (the correction, once)
                if not any(same_change(h, typo) for h in now.history):
                    now = with_entry(now, typo)
            elif now is not m:  # (as `rename-party` writes it: each rename on its day, one
                # made between takes the later only)
                for was, to, said in steps:
                    if not any(same_change(h, said) for h in now.history):
                        merge = is_party_merge(said)
                        now = with_rename_entry(
                            now, was, to, said.date, said.recorded, merge=merge
                        )[0]
            renamed.append(now)
        measures = renamed
    parties = list(dict.fromkeys(renames.get(p, p) for p in ledger.parties))
    return ledger.model_copy(update={"parties": parties, "measures": measures})


def _typo_recorded(ledger: Ledger, old: str, new: str) -> HistoryEntry | None:
    """The correction of party name `old`, typed wrong, to `new` that `ledger`'s measures
    record (`changes.party_typo_of`), as first recorded; None: none records it."""
    said = [h for m in ledger.measures for h in m.history if party_typo_of(h, (old,)) == (old, new)]
    return min(said, key=lambda h: h.recorded, default=None)


def _renames_recorded(ledger: Ledger, old: str, new: str) -> list[tuple[str, str, HistoryEntry]]:
    """The renames that took party `old` to `new`, as `ledger`'s measures record them, in
    the order made: each (old name, new name) with its entry as first recorded. One, for
    a party renamed once; more, for one renamed again (USSR to RSFSR, then to Russia) or
    merged into a party renamed since, as `party_renames` sees only where it ended. A
    rename is followed from a name only if made after the one that gave it (by day, then
    by the time recorded), as `changes.renamed_to` follows them. Empty: none records it."""
    first: dict[tuple[str, str], HistoryEntry] = {}
    for m in ledger.measures:
        for h in m.history:
            for pair in renames_said(h.detail) if is_party_rename(h) else ():
                held = first.get(pair)
                if held is None or (h.recorded, h.date) < (held.recorded, held.date):
                    first[pair] = h
    paths: list[list[tuple[str, str, HistoryEntry]]] = [[]]
    while paths:  # (breadth first: the fewest renames that lead there)
        path = paths.pop(0)
        at = path[-1][1] if path else old
        since = (path[-1][2].date, path[-1][2].recorded) if path else None
        for (was, to), h in first.items():
            if was != at or any(to == step[0] for step in path) or to == old:
                continue
            if since is not None and (h.date, h.recorded) < since:
                continue
            if to == new:
                return [*path, (was, to, h)]
            paths.append([*path, (was, to, h)])
    return []


def _rename_days_followed(
    base: Ledger | None, ours: Ledger, theirs: Ledger
) -> tuple[Ledger, Ledger]:
    """Both sides with each party rename one side redated (`_renames_redated`) dated so
    where the other side wrote it anew, on a measure the base has without it (one added
    under the old name, which records the rename as it then stood): the rename has one
    day, as `redate` leaves it on every measure recording it, and as the two typed on
    one desk leave it, in either order."""
    if base is None:
        return ours, theirs
    by_ours, by_theirs = (_renames_redated(base, side) for side in (ours, theirs))

    def alone(moved: list[Moved], by: list[Moved]) -> list[Moved]:
        # (redated on both sides: each side's own days stand, as the merge finds them)
        return [m for m in moved if not any(same_change(m[0], o) for o, _, _ in by)]

    return (
        _rename_days_taken(base, ours, alone(by_theirs, by_ours)),
        _rename_days_taken(base, theirs, alone(by_ours, by_theirs)),
    )


def _renames_redated(base: Ledger, side: Ledger) -> list[Moved]:
    """Each party rename of `base` (its entry there) that `side` redated: the base
    records it on one day, the side on one other day (`changes.same_change`: the
    same rename, whatever day), and the day the side gives it."""
    said = [h for m in base.measures for h in m.history if is_party_rename(h)]
    if not said:
        return []
    renames: list[HistoryEntry] = []
    for h in said:
        if not any(same_change(h, r) for r in renames):
            renames.append(h)
    now = [h for m in side.measures for h in m.history if is_party_rename(h)]
    found: list[Moved] = []
    for rename in renames:
        was = {h.date for h in said if same_change(h, rename)}
        days = {h.date for h in now if same_change(h, rename)}
        if len(was) == 1 and len(days) == 1 and days != was:
            day = days.pop()
            words = redated_text(rename, day)
            told = next(
                (
                    h
                    for m in side.measures
                    for h in m.history
                    if h.event == CORRECTION and h.detail.startswith(words)
                ),
                None,
            )
            found.append((rename, day, told))
    return found


def _rename_days_taken(base: Ledger, side: Ledger, redated: list[Moved]) -> Ledger:
    """`side` with each rename the other side `redated` moved to its new day where `side`
    records it anew, on the base's day (a measure the base has not, or has without it);
    dropped there from a measure made after the new day, as `redate` drops it (it had
    the new name from the start), with the correction `redate` writes there, of the
    side's redate (its day, time and note)."""
    if not redated:
        return side
    held = base.index()
    measures = []
    for m in side.measures:
        was = held.get(m.id)
        for rename, day, told in redated:
            if was is not None and any(same_change(h, rename) for h in was.history):
                continue
            at = [h for h in m.history if same_change(h, rename) and h.date == rename.date]
            if not at:
                continue
            kept = [h for h in m.history if not any(h is e for e in at)]
            m = m.model_copy(update={"history": kept})
            if renamed_by(m, day):
                m = with_entry(m, at[0].model_copy(update={"date": day}))
            elif told is not None:  # (as the redate typed after its making says it there)
                dropped = f"{redated_text(at[0], day)}{RENAME_DROPPED_HERE}"
                m = with_entry(m, told.model_copy(update={"detail": dropped}))
        measures.append(m)
    if all(a is b for a, b in zip(measures, side.measures, strict=True)):
        return side
    return side.model_copy(update={"measures": measures})


def _spelled_two_ways(parties: list[str], ours: list[str]) -> list[tuple[str, str]]:
    """Each party the merged list names twice (`rules.party_key`): our name, the other."""
    first: dict[str, str] = {}
    found = []
    for name in parties:
        seen = first.setdefault(party_key(name), name)
        if seen != name:
            mine, other = (seen, name) if seen in ours or name not in ours else (name, seen)
            found.append((mine, other))
    return found


def describe(
    c: Unresolved,
    *,
    place: bool = True,
    header: Sequence[Conflict] = (),
    resolve: str = "dprk resolve",
) -> str:
    """One conflict as a sentence: both values and the command that settles it (`header`:
    the ledger's own conflicts, which say how to name one of several; `resolve`: how
    that command starts)."""
    record = Conflict(field=c.field, ours=c.ours, theirs=c.theirs)
    named = settle_field(record, header) if c.measure is None else None
    return describe_conflict(c.measure, record, place=place, field=named, resolve=resolve)


# -- measures -----------------------------------------------------------------


def _merge_presence(
    b: Measure | None, o: Measure | None, t: Measure | None, *, derived: bool = False
) -> Measure | None:
    """The merged measure, or None when it is gone (removed, and not changed elsewhere)."""
    if o is None and t is None:
        return None
    if o is None or t is None:
        present, ours_side = (t, False) if o is None else (o, True)
        assert present is not None
        if b is None:
            return present  # added on one side
        if present == b:
            return None  # removed on one side, untouched on the other
        # Removed on one side, changed on the other: keep it, and say so.
        return _add_conflicts(
            present,
            [_gone_conflict(ours_removed=not ours_side, present=CHANGED)],
        )
    if o == t:
        return o
    if b is not None and o == b:
        return t
    if b is not None and t == b:
        return o
    return merge_measure(b, o, t, derived=derived)


def _follow_renames(
    base: dict[str, Measure], ours: dict[str, Measure], theirs: dict[str, Measure]
) -> tuple[dict[str, Measure], dict[str, Measure], dict[str, Measure], dict[str, tuple[str, str]]]:
    """The three versions with each measure renamed on a side known by its new id in all
    three, so that the other side's changes to it merge into it (rather than keep the
    old id beside the new, or a removal against a change). Renamed on both sides to
    different ids, it takes ours. Renamed (on one side or both) to an id the other side
    gave another measure, it keeps its old id on every side, so that the two measures
    stay two. Either way it is returned (by the id it merges under) with the id each
    side gives it: the merge records a conflict on its id for `dprk resolve`."""
    ours_new, theirs_new = renames(base, ours), renames(base, theirs)
    # (an id in conflict, settled on each side, one way each: a conflict again)
    ours_kept, theirs_kept = _kept_settled(base, ours), _kept_settled(base, theirs)
    apart: dict[str, tuple[str, str]] = {}
    waiting = sorted({*ours_new, *theirs_new})
    while waiting:
        # A rename to an id the base still gives another measure waits until that one is
        # renamed in turn (a chain: b to c, then a to b); in a cycle (a and b swapped),
        # one renamed on one side only moves aside first, under an id none of them has.
        wanted = {ours_new.get(o) or theirs_new.get(o): o for o in waiting}
        free = [o for o in waiting if (ours_new.get(o) or theirs_new.get(o)) not in base]
        taken = next(  # (renamed to the id of a measure that side removed)
            (
                o
                for o in waiting
                if o not in free and (ours_new.get(o) or theirs_new.get(o)) not in waiting
            ),
            None,
        )
        if not free and taken is not None:
            # The removed measure moves aside, under an id none of them has, on every side
            # that still holds it: the other side's changes to it stay its own (a conflict
            # with the removal), and the id is free for the measure renamed to it.
            gone = ours_new.get(taken) or theirs_new.get(taken)
            assert gone is not None
            spare = spare_id(gone, (base, ours, theirs))
            base = renamed(base, gone, spare)
            if taken not in ours_new:
                ours = renamed(ours, gone, spare)
            if taken not in theirs_new:
                theirs = renamed(theirs, gone, spare)
            continue
        if not free:
            aside = next(
                (o for o in waiting if o in wanted and (o in ours_new) != (o in theirs_new)), None
            )
            if aside is None:
                break  # (renamed on both sides, or the id taken meanwhile: left as it is)
            spare = spare_id(aside, (base, ours, theirs))
            base = renamed(base, aside, spare)
            if aside not in ours_new:
                ours = renamed(ours, aside, spare)
            else:
                theirs = renamed(theirs, aside, spare)
            for moves in (ours_new, theirs_new):
                if aside in moves:
                    moves[spare] = moves.pop(aside)
            waiting[waiting.index(aside)] = spare
            continue
        old = free[0]
        waiting.remove(old)
        ours_id, theirs_id = ours_new.get(old), theirs_new.get(old)
        new = ours_id or theirs_id
        assert new is not None
        if (ours_id not in (None, theirs_id) and ours_id in theirs) or (
            theirs_id not in (None, ours_id) and theirs_id in ours
        ):  # the new id is another measure's on the other side: the rename waits
            if ours_id is not None:
                ours = renamed(ours, ours_id, old)
            if theirs_id is not None:
                theirs = renamed(theirs, theirs_id, old)
            apart[old] = (ours_id or old, theirs_id or old)
            continue
        if ours_id is None and old in ours_kept:  # (settled apart: under our id, as ever)
            theirs = renamed(theirs, new, old)
            apart[old] = (old, new)
            continue
        base = renamed(base, old, new)
        if ours_id is None:
            ours = renamed(ours, old, new)
        if theirs_id is None:
            theirs = renamed(theirs, old, new)
            if old in theirs_kept:
                apart[new] = (new, old)
        elif theirs_id != new:
            theirs = renamed(theirs, theirs_id, new)
            apart[new] = (new, theirs_id)
    return base, ours, theirs, apart


def spare_id(ident: str, sides: Iterable[dict[str, Measure]]) -> str:
    """An id none of `sides` gives a measure, for `ident` while the ids of a cycle of
    renames move (never left in a merged ledger)."""
    taken = set().union(*sides)
    n = 1
    while f"{ident}-{n}" in taken:
        n += 1
    return f"{ident}-{n}"


def renames(base: dict[str, Measure], side: dict[str, Measure]) -> dict[str, str]:
    """The measures of `base` that `side` renamed, each to its new id. A measure of the
    side was the base's measure `x` when it holds a rename from `x` (`dprk rename` records
    one) that `x` did not hold in the base, and `x`'s creation there (known by when it was
    recorded: a redate on the side keeps it; one without a creation, by every entry it
    held); renamed more than once since, the first such rename says where it came from.
    Its old id may name another measure on the side now (one added since, or renamed to
    it). A rename the side undid (a measure of the side under the id a rename in the base
    took it from, with its creation, without that rename) moves it back. A base measure
    that two of the side's claim is left as it is."""

    def entries(m: Measure) -> set[tuple[object, str]]:
        return {(h.recorded, h.event) for h in m.history}

    def known(m: Measure) -> set[tuple[object, str]]:  # (what it is known by)
        return _creations(m) or entries(m)

    claims: dict[str, list[str]] = {}
    for ident, m in side.items():
        if ident in base and _kept_whole(base[ident], m):
            continue  # (the base's own measure of that id, as it was: no heir of another)
        moves = sorted(
            (h for h in m.history if renamed_from(h) is not None), key=lambda h: h.recorded
        )
        for h in moves:
            was = renamed_from(h)
            assert was is not None
            before = base.get(was)
            if before is None or h in before.history or not known(before) <= entries(m):
                continue
            if was in side and _kept_whole(before, side[was]):
                continue  # (still there under its id: another measure, of one creation time)
            if was != ident:
                claims.setdefault(was, []).append(ident)
            break
    # A rename undone (a `git revert` of it): the side holds the measure under the id the
    # base's rename entry names, with its creation, without that entry.
    for ident, m in base.items():
        if ident in side:
            continue
        for h in m.history:
            was = renamed_from(h)
            there = side.get(was) if was is not None and was not in base else None
            if there is not None and h not in there.history and known(there) <= entries(m):
                claims.setdefault(ident, []).append(there.id)
                break
    # An id in conflict, settled by taking the other side's (no rename entry: the side
    # held it under that id already): the base knew it under ours.
    for ident, m in base.items():
        if ident in side:
            continue
        for other in _ids_in_conflict(m):
            there = side.get(other)
            if there is not None and other not in base and known(m) <= entries(there):
                claims.setdefault(ident, []).append(other)
                break
    # An id in conflict settled with a new one, where the base's id went to a measure of
    # the other side: the side holds it under the new id, renamed from an id the base
    # never held (the merged file's): known by its creation.
    claimed = {heir for heirs in claims.values() for heir in heirs}
    made: dict[frozenset[tuple[object, str]], list[str]] | None = None
    for ident, m in side.items():
        if ident in claimed or ident in base:
            continue
        froms = [was for h in m.history if (was := renamed_from(h)) is not None]
        if not froms or any(was in base for was in froms):
            continue
        if made is None:
            made = {}
            for was, b in base.items():
                made.setdefault(frozenset(_creations(b)), []).append(was)
        found = made.get(frozenset(_creations(m)), []) if _creations(m) else []
        if len(found) > 1:  # (created in one second: the one whose events it holds)
            found = [was for was in found if _kept_events(base[was], m)]
        if len(found) == 1 and found[0] != ident:
            claims.setdefault(found[0], []).append(ident)
    # (one heir found two ways, say by its rename and by the conflict it settled, is one)
    return {was: heirs[0] for was, heirs in claims.items() if len(set(heirs)) == 1}


def _creations(m: Measure) -> set[tuple[object, str]]:
    """What a measure is known by across ids: its creation, by when it was recorded."""
    return {(h.recorded, h.event) for h in m.history if h.event == CREATED}


def _kept_whole(b: Measure, m: Measure) -> bool:
    """Whether `m` is `b` under its title, holding every entry of `b`'s history as it
    was: the same measure, its record grown since (measures created in one second, as a
    file made under a fixed clock holds them, share what `_creations` knows them by)."""
    held = set(m.history)
    return m.title == b.title and all(h in held for h in b.history)


def _kept_events(b: Measure, m: Measure) -> bool:
    """Whether `m` holds every event of the talks `b`'s history records, as it was (its
    corrections of the record aside: a rename, a redate, a settlement)."""
    held = set(m.history)
    return all(h in held for h in b.history if h.event not in BOOKKEEPING)


def _ids_in_conflict(m: Measure) -> list[str]:
    """The ids a conflict on `m`'s id names but its own (the other side's)."""
    return [v for c in m.conflicts if c.field == ID for v in (c.ours, c.theirs) if v and v != m.id]


def _kept_settled(base: dict[str, Measure], side: dict[str, Measure]) -> set[str]:
    """The measures of `base` whose id was in conflict that `side` settled by keeping the
    id the base gives them (a settlement on its id the base does not hold)."""
    found = set()
    for ident, m in base.items():
        there = side.get(ident)
        if there is not None and _ids_in_conflict(m):
            held = {(h.recorded, h.detail) for h in m.history}
            if any(settles(h, ID) and (h.recorded, h.detail) not in held for h in there.history):
                found.add(ident)
    return found


def renamed(measures: dict[str, Measure], old: str, new: str) -> dict[str, Measure]:
    """`measures` with measure `old` known as `new`, and every reference to it too."""
    result: dict[str, Measure] = {}
    for m in measures.values():
        changed = rename_in(m, old, new)
        result[changed.id] = changed
    return result


def _gone_conflict(*, ours_removed: bool, present: str) -> Conflict:
    if ours_removed:
        return Conflict(field=MEASURE_GONE, ours=None, theirs=present)
    return Conflict(field=MEASURE_GONE, ours=present, theirs=None)


def _keep_referenced(
    merged: dict[str, Measure], removed: dict[str, tuple[Measure | None, Measure | None]]
) -> None:
    """Bring back a removed measure that a merged measure still links to, as a conflict."""
    changed = True
    while changed:  # a restored measure may itself link to another removed one
        changed = False
        wanted = {ref for m in merged.values() for ref in references(m)}
        for ident in sorted(wanted & removed.keys()):
            o, t = removed.pop(ident)
            present = o if o is not None else t
            if present is None:
                continue  # removed on both sides: the link was already dangling
            conflict = _gone_conflict(ours_removed=o is None, present=KEPT)
            merged[ident] = _add_conflicts(present, [conflict])
            changed = True


def _findings_fit(m: Measure, parties: list[str]) -> bool:
    """Whether each of `m`'s findings is a verifier's, not the word of the party that was
    to carry it out that day (`rules.own_word`), and recorded once (`rules.same_finding`):
    what `verify` and a hand-over refuse."""
    seen: list[tuple[str, object, date]] = []
    for v in m.verifications:
        found = (v.by, v.result, v.date)
        if own_word(v.by, actor_on(m, v.date, parties)) or any(
            same_finding(found, f) for f in seen
        ):
            return False
        seen.append(found)
    return True


def _findings_apart(
    merged: dict[str, Measure],
    ours: dict[str, Measure],
    theirs: dict[str, Measure],
    parties: list[str],
) -> None:
    """A measure whose findings each side kept sound, and the merge would not: a finding by
    the party one side made its actor that day, or one finding that each side recorded
    with its method told its own way. The histories do not fit together: a conflict, the
    measure as ours until `dprk resolve` settles it (as `merge_measure` leaves one)."""
    for ident, m in merged.items():
        o, t = ours.get(ident), theirs.get(ident)
        if o is None or t is None or any(c.field == HISTORY for c in m.conflicts):
            continue
        if _findings_fit(m, parties) or not (
            _findings_fit(o, parties) and _findings_fit(t, parties)
        ):
            continue
        conflicts = _with_conflict(list(m.conflicts), HISTORY, _side(o), _side(t))
        merged[ident] = m.model_copy(
            update={
                "history": o.history,
                "verifications": o.verifications,
                "status": o.status,
                "extent": o.extent,
                "conflicts": conflicts,
            }
        )


def _derive_parents(merged: dict[str, Measure], parents: Collection[str]) -> None:
    """Measures made of parts take their status and extent from the merged parts; one
    that was made of parts on a side (`parents`) and is no longer, from its own history
    (a `part_of` left in conflict, say, until `dprk resolve` settles it)."""
    life = LedgerLife(merged)
    for ident in [i for i in merged if i in parents or life.has_parts(i)]:
        state = life.state(ident)
        m = merged[ident]
        if state is not None and (state.status, state.extent) != (m.status, m.extent):
            merged[ident] = m.model_copy(update={"status": state.status, "extent": state.extent})


def _dated_by_history(
    conflicts: list[Conflict],
    history: list[HistoryEntry],
    values: dict[str, Any],
    o: Measure,
    t: Measure,
    apart: Collection[str] = (),
) -> list[Conflict]:
    """`conflicts` without those of a dated field (actor, deadline, part_of) that each
    side changed by a dated edit: the edit dated last in the merged history is in force,
    as it would be had both been typed on one side (`values` takes its value). Two edits
    of one day, neither dated last, stay a conflict; so does a field settled two ways
    apart (`apart`) whose sides' last edits share a day: each settlement kept its own
    side's edit of that day alone, and the merge, reading the other's as removed, would
    leave one."""
    kept = []
    merged = o.model_copy(update={"history": history})
    for c in conflicts:
        if c.field in apart and _last_edit_day(o, c.field) == _last_edit_day(t, c.field):
            kept.append(c)
            continue
        if c.field in DATED_FIELDS:
            given = field_in_force(merged, c.field, sole=True)
            if given is not None and given[1] in (getattr(o, c.field), getattr(t, c.field)):
                values[c.field] = given[1]
                continue
        kept.append(c)
    return kept


def _last_edit_day(m: Measure, name: str) -> date | None:
    found = field_changes(m, name)
    return found[-1][0].date if found else None


def _edited_both_ways(
    conflicts: list[Conflict], b: Measure | None, o: Measure, t: Measure
) -> list[Conflict]:
    """The dated fields each side edited since the base, or the base had in conflict, to
    two values, one of them the base's (two settlements of one conflict, made apart and
    merged again: git's base is then one of the two sides, or their merge, conflict
    and all, and its value would decide): conflicts, for the merged history to settle
    by its dates (`_dated_by_history`), or to stay one."""
    found = []
    named = {c.field for c in conflicts}
    for name in DATED_FIELDS:
        if name in named or getattr(o, name) == getattr(t, name):
            continue
        if _settled_on_one_side(b, o, t, name) is not None:
            continue
        base = _edit_keys(b, name) if b is not None else set()
        if _settled_apart(b, o, t, name) or (
            _edit_keys(o, name) - base and _edit_keys(t, name) - base
        ):
            found.append(
                Conflict(field=name, ours=_text(getattr(o, name)), theirs=_text(getattr(t, name)))
            )
    return found


def _settled_apart(b: Measure | None, o: Measure, t: Measure, name: str) -> bool:
    """Whether each side settled a conflict on field `name` since the base, apart: the
    base had it in conflict and neither side has now, or each side recorded a settlement
    of it that the base has not (git's base may be one of the sides first merged)."""
    if b is not None and _holds(b, name) and not _holds(o, name) and not _holds(t, name):
        return True
    return bool(_settled_since(o, b, name) and _settled_since(t, b, name))


def _settled_on_one_side(b: Measure | None, o: Measure, t: Measure, name: str) -> Measure | None:
    """The side that settled a conflict on field `name` since the base, when the other
    still holds it unsettled (a merge committed with its conflict): its settlement
    stands. None otherwise."""
    for side, other in ((o, t), (t, o)):
        if (  # (the conflicts first: nearly every field has none, and no history is read)
            _holds(other, name)
            and not _holds(side, name)
            and _settled_since(side, b, name)
            and not _settled_since(other, b, name)
        ):
            return side
    return None


def _holds(m: Measure, name: str) -> bool:
    """Whether `m` holds a conflict on field `name`."""
    return any(c.field == name for c in m.conflicts)


def _settled_since(m: Measure, b: Measure | None, name: str) -> bool:
    """Whether `m` records a settlement of a conflict on field `name` that the base `b`
    does not."""
    found = {(h.date, h.recorded, h.detail) for h in m.history if settles(h, name)}
    if found and b is not None:
        found -= {(h.date, h.recorded, h.detail) for h in b.history if settles(h, name)}
    return bool(found)


def _edit_keys(m: Measure, name: str) -> set[tuple[date, datetime, str]]:
    """`m`'s edits of dated field `name`, each known by its day, when it was recorded and
    the value it set (the value before is rewritten as edits are entered)."""
    return {(h.date, h.recorded, after) for h, _, after in field_changes(m, name)}


def _used_parties(measures: Iterable[Measure]) -> set[str]:
    used: set[str] = set()
    for m in measures:
        used.add(m.actor)
        used.update(c.demanded_by for c in m.constraints if c.demanded_by)
    return used


def merge_measure(b: Measure | None, o: Measure, t: Measure, *, derived: bool = False) -> Measure:
    """Merge two versions of one measure field by field (`b` None: added on both sides).
    The status of a measure made of parts (`derived`) is set from them afterwards."""
    conflicts: list[Conflict] = []
    values: dict[str, Any] = {"id": o.id}
    settled = {name: side for name in SCALARS if (side := _settled_on_one_side(b, o, t, name))}
    for name in SCALARS:
        base_value = getattr(b, name) if b is not None else _empty(name)
        value, clash = _three(base_value, getattr(o, name), getattr(t, name))
        if name in settled:  # (the other side still holds it in conflict: settled here)
            value, clash = getattr(settled[name], name), False
        if not clash and getattr(o, name) != getattr(t, name) and _settled_apart(b, o, t, name):
            # (one conflict settled two ways apart: git's base is one of the two sides,
            # or their merge, and its value would decide; the desks disagree)
            value, clash = getattr(o, name), True
        values[name] = value
        if clash:
            conflicts.append(
                Conflict(field=name, ours=_text(getattr(o, name)), theirs=_text(getattr(t, name)))
            )

    base_history, our_history, their_history = (
        _undated_apart(history) for history in _histories(b, o, t, derived=derived)
    )
    history = _one_creation(
        _once(
            _merge_records(base_history, our_history, their_history, order=HistoryEntry.sort_key),
            base_history,
            _event_key,
            _join_events,
            (our_history, their_history),
        )
    )
    if b is not None and _changed_both_ways(base_history, our_history, their_history):
        conflicts.append(Conflict(field=HISTORY, ours=_side(o), theirs=_side(t)))
    for c in _edited_both_ways(conflicts, b, o, t):
        conflicts.append(c)
        values[c.field] = getattr(o, c.field)  # (ours, until settled)
    apart = {c.field for c in conflicts if _settled_apart(b, o, t, c.field)}
    conflicts = _dated_by_history(conflicts, history, values, o, t, apart)
    values["verifications"] = _once(
        _merge_records(
            b.verifications if b else [],
            o.verifications,
            t.verifications,
            order=Verification.sort_key,
        ),
        b.verifications if b else [],
        _finding_key,
        _join_findings,
        (o.verifications, t.verifications),
    )
    values["history"] = _undated_dated(history, values["verifications"], o, t)
    undone: dict[str, Measure] = {}
    if b is not None:
        values["history"], values["verifications"], undone = _corrected_apart(
            values["history"], values["verifications"], b, o, t
        )
    values["sources"] = _merge_list(b.sources if b else [], o.sources, t.sources)
    values["in_exchange_for"] = sorted(
        _merge_list(b.in_exchange_for if b else [], o.in_exchange_for, t.in_exchange_for)
    )
    values["constraints"], constraint_conflicts = _merge_constraints(
        b.constraints if b else [], o.constraints, t.constraints
    )
    _as_corrected(values, undone)
    constraint_conflicts += _orders_settled_apart(b, o, t, values, constraint_conflicts)
    conflicts.extend(constraint_conflicts)
    conflicts.extend(_merge_state(b, o, t, values, derived=derived))
    if (
        b is not None
        and not any(c.field == HISTORY for c in conflicts)
        and _orders_unfit(o.model_copy(update={"history": values["history"]}), b, o, t)
    ):
        conflicts.append(Conflict(field=HISTORY, ours=_side(o), theirs=_side(t)))
    if any(c.field == HISTORY for c in conflicts):
        # Histories that do not fit together: the measure stands as ours (its history,
        # findings, status and extent) until `dprk resolve` settles it; theirs is kept
        # in the conflict's record, not mixed in.
        values.update(
            history=o.history, verifications=o.verifications, status=o.status, extent=o.extent
        )

    _fields_as_dated(values, o, conflicts)
    carried = _merge_conflicts(b.conflicts if b else [], o.conflicts, t.conflicts)
    carried = [c for c in carried if c.field not in settled]
    for c in conflicts:
        carried = _with_conflict(carried, c.field, c.ours, c.theirs)
    values["conflicts"] = carried
    merged = _as_dated(Measure.model_validate(values), b, o, t, undone)
    # (an edit's words, as it stands; the first from the value before any edit, which
    # ours gives when an edit before it went on the other side: a revert)
    return edits_in_order(merged, was=o)


def _fields_as_dated(values: dict[str, Any], o: Measure, conflicts: list[Conflict]) -> None:
    """Each dated field (actor, deadline, part_of) not in conflict as the edit of it dated
    last in the merged history sets it: merged field by field, a side's value could win
    over the history (a revert of a hand-over merged on a branch kept the actor from
    before both, though the history kept the other one), and the two disagreed."""
    clashed = {c.field for c in conflicts}
    if HISTORY in clashed:
        return  # (it stands as ours until settled)
    merged = o.model_copy(update={"history": values["history"]})
    for name in DATED_FIELDS:
        found = field_in_force(merged, name) if name not in clashed else None
        if found is not None:  # (none, or words changed by hand: as merged)
            values[name] = found[1]


def _as_dated(
    m: Measure, b: Measure | None, o: Measure, t: Measure, undone: Collection[str] = ()
) -> Measure:
    """`m` with each link and order that both sides changed as the merged history puts it
    in force: the later-dated change (a link ended on one side, recorded again as it
    stands on the other, later, is in force; merged field by field, the end won whatever
    its day, and the history and the ledger disagreed). So too each one a change of which
    one side dropped as entered by mistake, where the history still has changes of it
    (`undone`: 'exchange OTHER', 'sequence OTHER', `_corrected_apart`): merged field by
    field, the side that kept the change won (an end, or an order replaced, dropped on
    the other side came back in the field, not in the history)."""
    if any(c.field == HISTORY for c in m.conflicts):
        return m  # (it stands as ours until settled)
    clashed = {c.field for c in m.conflicts}
    fixes = {
        "exchange": (exchanged_with, _link_as_dated),
        "sequence": (sequenced_with, _order_as_dated),
    }
    for event, (about, fix) in fixes.items():
        dropped = [key.split(" ", 1)[1] for key in undone if key.startswith(f"{event} ")]
        for other in dict.fromkeys([*_changed_on_both(b, o, t, about), *sorted(dropped)]):
            m = fix(m, other, clashed)
    return m


def _changed_on_both(
    b: Measure | None, o: Measure, t: Measure, about: Callable[[HistoryEntry], str | None]
) -> list[str]:
    """The other measures whose link (`about`: `exchanged_with`) or order with this one
    (`sequenced_with`) each side changed since the base, in id order."""
    base = _entries_about(b, about) if b is not None else {}
    ours, theirs = _entries_about(o, about), _entries_about(t, about)
    return [
        other
        for other in sorted(ours.keys() & theirs.keys())
        if ours[other] != base.get(other, []) and theirs[other] != base.get(other, [])
    ]


def _corrected_apart(
    history: list[HistoryEntry], findings: list[Verification], b: Measure, o: Measure, t: Measure
) -> tuple[list[HistoryEntry], list[Verification], dict[str, Measure]]:
    """The merged `history` and `findings` without the other side's copy of an event one
    side dropped or redated (`dprk drop-entry`, `drop-finding`, `redate`) when both had
    recorded it: merged as a record the other side added, it came back beside the
    correction that says it was a mistake. A correction applies to the copies of its
    event recorded before it. With, for each change of a link or an order dropped so,
    the other measure it named and the side that dropped it (`_as_corrected`)."""
    base = {_record_key(h) for h in b.history}
    gone: list[tuple[str, datetime, Measure]] = []
    for side in (o, t):
        held = events_named(side)
        for h in side.history:
            said = corrected_event(h)
            if said is not None and _record_key(h) not in base and said not in held:
                gone.append((said, h.recorded, side))
    if not gone:
        return history, findings, {}
    merged = o.model_copy(update={"history": history, "verifications": findings})
    dropped: set[int] = set()  # (the records dropped, by identity)
    undone: dict[str, Measure] = {}
    for entry, v in match_verifications(merged):
        texts = event_names(entry, v)
        made = entry.recorded if entry is not None else None
        for was, at, side in gone:
            if was in texts and (made is None or made <= at):
                dropped.update(id(record) for record in (entry, v) if record is not None)
                other = linked_in(entry.event, entry.detail) if entry is not None else None
                if other is not None and entry is not None:
                    undone[f"{entry.event} {other}"] = side
    return (
        [h for h in history if id(h) not in dropped],
        [v for v in findings if id(v) not in dropped],
        undone,
    )


def _as_corrected(values: dict[str, Any], undone: dict[str, Measure]) -> None:
    """The links and orders in `values` (a merged measure's fields) as the side that
    dropped a change of them has them, where the merged history keeps no change of them
    left (`_corrected_apart`): merged field by field, the other side's copy of the change
    dropped kept its link or order, with no entry left to say so."""
    for key, side in undone.items():
        event, other = key.split(" ", 1)
        if any(
            linked_in(h.event, h.detail) == other for h in values["history"] if h.event == event
        ):
            continue  # (changes of it left: as they say, `_as_dated`)
        if event == "exchange":
            links = set(values["in_exchange_for"]) - {other}
            values["in_exchange_for"] = sorted(links | ({other} & set(side.in_exchange_for)))
        else:
            kept = [c for c in values["constraints"] if c.other != other]
            kept += [c for c in side.constraints if c.other == other]
            values["constraints"] = sorted(kept, key=Constraint.sort_key)


def _orders_unfit(m: Measure, b: Measure, o: Measure, t: Measure) -> bool:
    """Whether the merged history `m` has of an order both sides changed removes one
    when none stood (an order redated on one side past its removal on the other), which
    no command would record: the two histories do not fit together."""
    return any(
        removal_without_order(m, other) is not None
        for other in _changed_on_both(b, o, t, sequenced_with)
    )


def _entries_about(
    m: Measure, about: Callable[[HistoryEntry], str | None]
) -> dict[str, list[HistoryEntry]]:
    found: dict[str, list[HistoryEntry]] = {}
    for h in m.history:
        other = about(h)
        if other is not None:
            found.setdefault(other, []).append(h)
    return found


def _link_as_dated(m: Measure, other: str, clashed: set[str]) -> Measure:
    linked = link_in_force(m, other)
    if linked is None or linked == (other in m.in_exchange_for):
        return m
    links = {*m.in_exchange_for, other} if linked else set(m.in_exchange_for) - {other}
    return m.model_copy(update={"in_exchange_for": sorted(links)})


def _order_as_dated(m: Measure, other: str, clashed: set[str]) -> Measure:
    return m if f"constraints.{other}" in clashed else as_history_says(m, other)


def _histories(
    b: Measure | None, o: Measure, t: Measure, *, derived: bool
) -> tuple[list[HistoryEntry], list[HistoryEntry], list[HistoryEntry]]:
    """The three histories to merge. A measure written by hand without a history stands
    where its fields say, as if created so (`changes.as_created`): a side that wrote it
    so (added it, or set its state, where the base had no history) has that history
    here, to merge with the other side's, so that two creations (as two statuses, say)
    are a conflict rather than one side's state lost. (A measure made of parts takes
    its state from them, not from a creation.)"""
    histories = []
    for m, other in ((o, t), (t, o)):
        wrote_state = b is None or (not b.history and (m.status, m.extent) != (b.status, b.extent))
        if not m.history and other.history and wrote_state and not derived:
            histories.append(as_created(m, _SET_APART))
        else:
            histories.append(m.history)
    return (b.history if b is not None else []), histories[0], histories[1]


def _one_creation(history: list[HistoryEntry]) -> list[HistoryEntry]:
    """`history` with an undated creation that starts where its one dated creation does
    folded into it: one measure added on both sides, once with a date and once without
    (or by hand), is created once, on that date."""
    dated = [h for h in history if h.event == CREATED and not h.undated]
    if len(dated) != 1:
        return history
    kept = dated[0]
    same = [
        h
        for h in history
        if h.event == CREATED and h.undated and _event_key(h)[1:] == _event_key(kept)[1:]
    ]
    for h in same:
        kept = _join_events(kept, h)
    return [kept if h is dated[0] else h for h in history if not any(h is s for s in same)]


_SET_APART = date(1, 1, 1)
"""The date an undated entry is merged under (`_undated_apart`)."""


def _undated_apart(history: list[HistoryEntry]) -> list[HistoryEntry]:
    """`history` as the merge compares it. An undated creation is dated by the measure's
    earliest event (`lifecycle.effective_creation`), and the links written on other
    measures when it was added follow it (`changes.links_dated`): a back-dated event on
    each side moves them each its own way. Each is still one entry (known by when it was
    recorded and what it says), so its date is set apart here, and given again from the
    merged history (`_undated_dated`) and the merged measures (`_links_dated`)."""
    return [h.model_copy(update={"date": _SET_APART}) if h.undated else h for h in history]


def _undated_dated(
    history: list[HistoryEntry], verifications: list[Verification], o: Measure, t: Measure
) -> list[HistoryEntry]:
    """The merged history with its undated entries dated again: each as the earliest
    date a side gave it, and the creation by the merged history's earliest event (before
    any, by the earliest date a side gave a creation)."""
    given: dict[tuple[Any, ...], date] = {}
    for m in (o, t):
        for h in m.history:
            if h.undated:
                key = _undated_key(h)
                given[key] = min(given.get(key, h.date), h.date)
    if not any(h.undated for h in history):
        return history
    fallback = min(given.values(), default=date.max)
    dated = [
        h.model_copy(update={"date": given.get(_undated_key(h), fallback)}) if h.undated else h
        for h in history
    ]
    created = next((h for h in dated if h.event == CREATED and h.undated), None)
    if created is None:
        return sorted(dated, key=HistoryEntry.sort_key)
    probe = o.model_copy(update={"history": dated, "verifications": verifications})
    day = effective_creation(probe) or created.date
    dated = [h.model_copy(update={"date": day}) if h is created else h for h in dated]
    return sorted(dated, key=HistoryEntry.sort_key)


def _undated_key(h: HistoryEntry) -> tuple[Any, ...]:
    """An undated entry, whatever date a side gave it: the creation (a measure has one),
    or a link, by what it says and when it was recorded."""
    return (CREATED,) if h.event == CREATED else (h.event, h.detail, h.recorded)


def _links_dated(merged: dict[str, Measure]) -> None:
    """The links each merged measure added without a date wrote on the measures it is
    traded for, dated as its merged creation is (`changes.links_dated`), not before the
    other's own beginning (`LedgerLife.own_beginning`, of one added without a date)."""
    begun: dict[str, date | None] = {}
    life: LedgerLife | None = None
    for ident, m in merged.items():
        created = next((h for h in m.history if h.event == CREATED), None)
        if created is None:
            continue
        for other in m.in_exchange_for:
            p = merged.get(other)
            if p is None:
                continue
            if created.undated and other not in begun:
                life = life or LedgerLife(dict(merged))
                begun[other] = life.own_beginning(p)  # (the links it holds aside)
            merged[other] = links_dated(p, ident, created, begun=begun.get(other))


def _empty(name: str) -> Any:
    """A field's value in the empty base of a measure added on both sides."""
    return None if name in ("title", "actor") else Measure.model_fields[name].default


def _merge_state(
    b: Measure | None, o: Measure, t: Measure, values: dict[str, Any], *, derived: bool
) -> list[Conflict]:
    """Set the merged status and extent from the merged history (three ways when a side's
    status was set by hand, or the measure has no history: it stands where its fields
    say); the conflicts this leaves."""
    status, clash = _three(b.status if b is not None else None, o.status, t.status)
    if o.status == t.status:
        extent, _ = _three(b.extent if b is not None else None, o.extent, t.extent)
    else:  # (a status and its extent are one pair: the side whose status is taken)
        extent = o.extent if status == o.status else t.extent
    merged = Measure.model_validate({**values, "status": status, "extent": extent, "conflicts": []})
    life = replay(merged)
    hand_set = not derived and (
        not merged.history
        or any(
            m is not None and not m.conflicts and _own_state(m) != (m.status, m.extent)
            for m in (b, o, t)
        )
    )
    if hand_set:
        values["status"], values["extent"] = status, extent
        if clash:
            return [Conflict(field="status", ours=o.status.value, theirs=t.status.value)]
        return []
    values["status"], values["extent"] = life.status, life.extent
    # (what a problem is known by: the numbers its advice gives entries move with a side's)
    known = {unnumbered(p.message) for m in (b, o, t) if m is not None for p in replay(m).problems}
    if any(unnumbered(p.message) not in known for p in blocking(life.problems)):
        return [Conflict(field=HISTORY, ours=_side(o), theirs=_side(t))]
    return []


def _changed_both_ways(
    base: list[HistoryEntry], ours: list[HistoryEntry], theirs: list[HistoryEntry]
) -> bool:
    """Whether one entry of the base was changed on both sides, each its own way (a
    redate to two dates, say; or dropped on one side and redated on the other): the
    merge would keep both as two events, or bring back what one side dropped. An entry
    is known by when it was recorded and what it records."""

    def identity(h: HistoryEntry) -> tuple[Any, ...]:
        return (h.recorded, h.event, h.status, h.extent)

    ours_keys = {_record_key(h) for h in ours}
    theirs_keys = {_record_key(h) for h in theirs}
    base_keys = {_record_key(h) for h in base}
    gone = {identity(h) for h in base if _record_key(h) not in ours_keys | theirs_keys}
    for entry in gone:
        ours_new = {_record_key(h) for h in ours if identity(h) == entry} - base_keys
        theirs_new = {_record_key(h) for h in theirs if identity(h) == entry} - base_keys
        if (ours_new or theirs_new) and ours_new != theirs_new:
            return True
    return False


def _own_state(m: Measure) -> tuple[Status, Any]:
    life = replay(m)
    return life.status, life.extent


def _side(m: Measure) -> str:
    """One side's history and findings, kept in a history conflict for `dprk resolve`. A
    side written by hand without a history has the one its fields say (as if created
    so, today: `changes.as_created`), so that taking it gives its state back."""
    import json

    from ..clock import today

    history = m.history or as_created(m, today())
    return json.dumps(
        {
            "history": [h.model_dump(mode="json") for h in history],
            "verifications": [v.model_dump(mode="json") for v in m.verifications],
        },
        ensure_ascii=False,
    )


def _once(
    records: list[R],
    base: list[R],
    key: Callable[[R], tuple[Any, ...]],
    join: Callable[[R, R], R],
    sides: Sequence[list[R]] = (),
) -> list[R]:
    """The merged records with one both sides recorded (the same `key`) kept once: the
    first recorded stays, with what the other adds `join`ed in. An event one side
    recorded more than once (`sides`: each side's records) is kept as often as that side
    has it: a hand-over back and forth on one day, its first and last alike, is three."""
    most: Counter[tuple[Any, ...]] = Counter()
    for side in sides:
        for k, n in Counter(map(key, side)).items():
            most[k] = max(most[k], n)
    kept: list[R] = []
    seen: dict[tuple[Any, ...], int] = {}
    held: Counter[tuple[Any, ...]] = Counter()
    in_base = {_record_key(r) for r in base}
    for record in records:
        k = key(record)
        at = seen.get(k)
        if at is None or _record_key(record) in in_base or held[k] < most[k]:
            seen.setdefault(k, len(kept))
            held[k] += 1
            kept.append(record)
            continue
        kept[at] = join(kept[at], record)
    return kept


def _notes(first: str, second: str) -> str:
    return "; ".join(n for n in dict.fromkeys([first, second]) if n)


_NOTE_SAID = 40
"""How much of each side's note a warning of notes joined quotes."""


def _notes_joined(
    merged: dict[str, Measure], ours: dict[str, Measure], theirs: dict[str, Measure]
) -> list[str]:
    """A warning for each event both sides recorded, each with a note of its own, that the
    merge kept once with the two notes joined (`_join_events`): the measure, the entry as
    `dprk log` numbers it, and both notes, shortened; and so for each finding
    (`_join_findings`) whose record no entry said so stands for (`_findings_joined`)."""
    said: list[str] = []
    for ident in sorted(merged):
        o, t = ours.get(ident), theirs.get(ident)
        if o is None or t is None:
            continue
        said.extend(_findings_joined(ident, merged[ident], o, t))
        if o.history == t.history:
            continue
        mine = {_event_key(h): h.note for h in o.history if h.note}
        other = {_event_key(h): h.note for h in t.history if h.note}
        if not mine.keys() & other.keys():
            continue
        for number, h in enumerate(in_log_order(merged[ident]), 1):
            joined = _joined(h.note, mine.get(_event_key(h)), other.get(_event_key(h)))
            if joined:
                said.append(_joined_said(f"{ident}: entry {number} ({h.event}, {h.date})", joined))
    return said


def _findings_joined(ident: str, merged: Measure, o: Measure, t: Measure) -> list[str]:
    """A warning for each finding of `merged` both sides recorded, each with a note of its
    own, that the merge kept once with the two notes joined (`_join_findings`), where no
    history entry paired with it says so (`_notes_joined`: its entry's notes were joined
    alike): a record written without its entry (by hand). Named by the finding's words
    (`vocab.finding_text`) and day."""
    mine = {_finding_key(v): v.note for v in o.verifications if v.note}
    other = {_finding_key(v): v.note for v in t.verifications if v.note}
    if not mine.keys() & other.keys():
        return []
    told = {
        id(v)
        for h, v in match_verifications(merged)
        if h is not None and v is not None and h.note == v.note
    }
    said = []
    for v in merged.verifications:
        joined = _joined(v.note, mine.get(_finding_key(v)), other.get(_finding_key(v)))
        if joined and id(v) not in told:
            what = finding_text(v.result, v.by, v.method)
            said.append(_joined_said(f"{ident}: the finding {what} of {v.date}", joined))
    return said


def _joined(note: str, a: str | None, b: str | None) -> list[tuple[str, str]]:
    """Each side's note, ours `a` and theirs `b`, of a record the merge kept once with
    `note`, each with its side, in the order `note` joins them (the record recorded first
    gives the first: `_once`), where it is the two joined (`_notes`); else none."""
    if not a or not b or note in (a, b):
        return []
    if note == _notes(a, b):
        return [("ours", a), ("theirs", b)]
    return [("theirs", b), ("ours", a)] if note == _notes(b, a) else []


def _joined_said(what: str, joined: list[tuple[str, str]]) -> str:
    """A merge's warning of a record (`what`) both sides made, kept once with both notes
    (`joined`: each side's, in the order the record holds them, as `dprk log` shows it)."""
    (first, one), (then, other) = joined
    return (
        f"{what} was recorded on both sides, each with its own note; kept once, the notes "
        f"joined: {first} '{_shortened(one)}', then {then} '{_shortened(other)}'"
    )


def _shortened(text: str) -> str:
    return text if len(text) <= _NOTE_SAID else text[: _NOTE_SAID - 1].rstrip() + "…"


def _join_events(first: HistoryEntry, second: HistoryEntry) -> HistoryEntry:
    return first.model_copy(
        update={
            "note": _notes(first.note, second.note),
            "undated": first.undated and second.undated,
        }
    )


def _join_findings(first: Verification, second: Verification) -> Verification:
    return first.model_copy(
        update={
            "note": _notes(first.note, second.note),
            "evidence": list(dict.fromkeys([*first.evidence, *second.evidence])),
        }
    )


def _event_key(h: HistoryEntry) -> tuple[Any, ...]:
    """The same event: date, event, status, extent and detail (and, for an entry that
    changes nothing, its note too: two notes of one day are two events; not for a
    correction, whose words say what it changed: one redate both sides made, each with
    its note, is one). A creation is
    known by its date and the state it starts in (its detail only says that again). An
    implementation said to be full is one said plainly (as an earlier dprk wrote it). An
    edit is known without the values it shows before each dated field's change (they
    follow the edit dated before it: `changes.edits_in_order`)."""
    extent = None if h.extent == Extent.full else h.extent
    if h.event == CREATED:
        return (h.date, h.event, h.status or Status.proposed, extent)
    key: tuple[Any, ...] = (h.date, h.event, h.status, extent, _words(h))
    if h.status is None and h.event not in ("created", "verification", CORRECTION):
        key += (h.note,)
    return key


def _finding_key(v: Verification) -> tuple[Any, ...]:
    return (v.date, v.by, v.result, v.method)


def _merge_constraints(
    base: list[Constraint], ours: list[Constraint], theirs: list[Constraint]
) -> tuple[list[Constraint], list[Conflict]]:
    """Constraints keyed by the other measure: each merged three ways."""
    b, o, t = _by_other(base), _by_other(ours), _by_other(theirs)
    kept: list[Constraint] = []
    conflicts: list[Conflict] = []
    for other in sorted({*b, *o, *t}):
        value, clash = _three(b.get(other), o.get(other), t.get(other))
        if clash:
            conflicts.append(
                Conflict(
                    field=f"constraints.{other}",
                    ours=constraint_toml(o.get(other)),
                    theirs=constraint_toml(t.get(other)),
                )
            )
        if value is not None:
            kept.append(value)
    return sorted(kept, key=Constraint.sort_key), conflicts


def _orders_settled_apart(
    b: Measure | None, o: Measure, t: Measure, values: dict[str, Any], found: list[Conflict]
) -> list[Conflict]:
    """The orders whose conflict each side settled apart, two ways (`_settled_apart`, as
    `merge_measure` finds it for a single value: git's base is one of the two sides, or
    their merge, and would decide): conflicts again, the desks disagree; the measure
    keeps our order until `dprk resolve` settles it (in `values`)."""
    named = {c.field for c in found}
    ours, theirs = _by_other(o.constraints), _by_other(t.constraints)
    kept = _by_other(values["constraints"])
    again = []
    for other in sorted({*ours, *theirs}):
        name = f"constraints.{other}"
        if name in named or ours.get(other) == theirs.get(other):
            continue
        if not _settled_apart(b, o, t, name):
            continue
        again.append(
            Conflict(
                field=name,
                ours=constraint_toml(ours.get(other)),
                theirs=constraint_toml(theirs.get(other)),
            )
        )
        kept.pop(other, None)
        if other in ours:
            kept[other] = ours[other]
    if again:
        values["constraints"] = sorted(kept.values(), key=Constraint.sort_key)
    return again


def _by_other(constraints: list[Constraint]) -> dict[str, Constraint]:
    found: dict[str, Constraint] = {}
    for c in constraints:
        found.setdefault(c.other, c)
    return found


def constraint_toml(c: Constraint | None) -> str | None:
    """A constraint as the TOML inline table the ledger itself uses."""
    if c is None:
        return None
    if c.with_ is not None:
        return f'{{ with = "{c.with_}" }}'
    text = f'after = "{c.after}"'
    if c.require.value != "acted":
        text += f', require = "{c.require.value}"'
    if c.demanded_by:
        text += ", demanded_by = " + _toml_string(c.demanded_by)
    if c.verified_by:
        text += ", verified_by = " + _toml_string(c.verified_by)
    return "{ " + text + " }"


def _toml_string(value: str) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


# -- conflicts ----------------------------------------------------------------


def _add_conflicts(m: Measure, new: list[Conflict]) -> Measure:
    carried = list(m.conflicts)
    for c in new:
        carried = _with_conflict(carried, c.field, c.ours, c.theirs)
    return m.model_copy(update={"conflicts": carried})


def _with_conflict(conflicts: list[Conflict], name: str, ours: Any, theirs: Any) -> list[Conflict]:
    """`conflicts` with the one on `name` replaced by a fresh record, sorted by field (a
    party's conflicts are one for each party named two ways, known by our name)."""
    new = Conflict(field=name, ours=_text(ours), theirs=_text(theirs))
    kept = [c for c in conflicts if _conflict_key(c) != _conflict_key(new)]
    kept.append(new)
    return sorted(kept, key=_conflict_key)


def _conflict_key(c: Conflict) -> tuple[str, str]:
    """What a conflict record is on: its field (and, for a party, which: ours)."""
    return (c.field, c.ours or "" if c.field == PARTY else "")


def _merge_conflicts(
    base: list[Conflict], ours: list[Conflict], theirs: list[Conflict]
) -> list[Conflict]:
    """Conflicts carried in from earlier merges, keyed by field (a settled one stays settled)."""
    b = {_conflict_key(c): c for c in base}
    o = {_conflict_key(c): c for c in ours}
    t = {_conflict_key(c): c for c in theirs}
    kept = []
    for name in sorted({*b, *o, *t}):
        value, _ = _three(b.get(name), o.get(name), t.get(name))
        if value is not None:
            kept.append(value)
    return kept


# -- building blocks ----------------------------------------------------------


def _three(base: T | None, ours: T | None, theirs: T | None) -> tuple[T | None, bool]:
    """The three-way value and whether both sides changed it differently (then ours)."""
    if ours == theirs:
        return ours, False
    if ours == base:
        return theirs, False
    if theirs == base:
        return ours, False
    return ours, True


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, Status):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Constraint):
        return constraint_toml(value)
    return str(value)


def _merge_list(
    base: list[T],
    ours: list[T],
    theirs: list[T],
    *,
    key: Callable[[T], Hashable] = lambda x: x,
    keep: set[Any] | None = None,
) -> list[T]:
    """Items of either side, as a set: what one side removed from the base goes.

    Base items keep their place; additions follow, each side's in its own order,
    the two sides' additions in an order that does not depend on which is ours.
    Base items in `keep` stay even if a side removed them.
    """
    result = _merge_sets(base, ours, theirs, key)
    if keep:
        present = {key(x) for x in result}
        for item in base:
            k = key(item)
            if k in keep and k not in present:
                result.append(item)
                present.add(k)
    return result


def _merge_sets(
    base: list[T], ours: list[T], theirs: list[T], key: Callable[[T], Hashable]
) -> list[T]:
    if ours == theirs:
        return list(ours)
    if ours == base:
        return list(theirs)
    if theirs == base:
        return list(ours)
    base_keys = [key(x) for x in base]
    our_keys = {key(x) for x in ours}
    their_keys = {key(x) for x in theirs}
    result: list[T] = []
    seen: set[Hashable] = set()
    for item, k in zip(base, base_keys, strict=True):
        if k in seen:
            continue
        if k in our_keys and k in their_keys:
            result.append(item)
            seen.add(k)
    base_set = set(base_keys)
    our_new = [x for x in ours if key(x) not in base_set]
    their_new = [x for x in theirs if key(x) not in base_set]
    first, second = sorted(
        (our_new, their_new), key=lambda items: [_order_key(key(x)) for x in items]
    )
    for item in [*first, *second]:
        k = key(item)
        if k not in seen:
            result.append(item)
            seen.add(k)
    return result


def _order_key(k: Hashable) -> str:
    return k if isinstance(k, str) else repr(k)


def _record_key(record: HistoryEntry | Verification) -> str:
    """A record as the merge knows it: all it holds, but for an edit the values it shows
    before each dated field's change (they follow the edit dated before it, and an edit
    dated back on either side rewrites them: `changes.edits_in_order`)."""
    if isinstance(record, HistoryEntry) and record.event == "edit":
        record = record.model_copy(update={"detail": _words(record)})
    return record.model_dump_json()


def _words(h: HistoryEntry) -> str:
    """An entry's words as the merge knows them: an edit's without the values it shows
    before each dated field's change (`changes.edits_in_order` rewrites them)."""
    return edit_words_key(h.detail) if h.event == "edit" else h.detail


def _merge_records(
    base: list[Any], ours: list[Any], theirs: list[Any], *, order: Callable[[Any], Any]
) -> list[Any]:
    """History entries or verification records as a set, in date order.

    The set comes in an order that does not depend on which side is ours (the base's
    records, then each side's additions in its own order: `_merge_list`), and the sort
    is stable: entries of one day recorded within one second keep the order each side
    recorded them in, as the replay takes them (`HistoryEntry.sort_key`).
    """
    if ours in (theirs, base):
        return list(theirs)
    if theirs == base:
        return list(ours)
    return sorted(_merge_counted(base, ours, theirs, _record_key), key=order)


def _merge_counted(
    base: list[Any], ours: list[Any], theirs: list[Any], key: Callable[[Any], str]
) -> list[Any]:
    """Records of either side, each as many times as the sides give it: a record one side
    holds twice (a note typed twice, a hand-over made back and forth in one second) is
    that side's twice, where a set would keep it once. Of a record the base holds, each
    side's removals and additions count (`n` = base + what each side did, as a set
    merges: both sides adding it, it is added once); in the base's order, then each
    side's additions in its own order, in an order that does not depend on which is
    ours."""
    counts: list[Counter[str]] = [Counter(map(key, side)) for side in (base, ours, theirs)]
    wanted: dict[str, int] = {}
    for k in {*counts[0], *counts[1], *counts[2]}:
        b, o, t = counts[0][k], counts[1][k], counts[2][k]
        do, dt = o - b, t - b
        if do >= 0 and dt >= 0:
            wanted[k] = b + max(do, dt)
        elif do < 0 and dt < 0:
            wanted[k] = b + min(do, dt)
        else:
            wanted[k] = max(b + do + dt, 0)
    result: list[Any] = []
    taken: Counter[str] = Counter()
    sides: list[list[Any]] = sorted(
        (ours, theirs), key=lambda side: [_order_key(key(x)) for x in side]
    )
    for record in [*base, *sides[0], *sides[1]]:
        k = key(record)
        if taken[k] < wanted[k]:
            taken[k] += 1
            result.append(record)
    return result
