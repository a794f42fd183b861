"""What the commands do to a ledger, usable without the command line.

Each operation takes a `Draft` (the ledger being changed; `store.edit`
opens one), checks what only it can check (a declared party, a valid and
unused id, a measure made of parts acts through them), makes its changes
with `changes`, and returns what happened in words. The rules every write
keeps are checked once, when the draft is finished.

    from dprk_cli import operations, store
    with store.edit("dprk-ledger.toml", description="close the test site") as draft:
        ident = operations.add_measure(draft, "Close the test site", "DPRK")
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache, partial
from typing import Any, NamedTuple, NoReturn

from . import changes
from .clock import today
from .draft import Draft
from .draft import settle as settled
from .errors import DprkError, UsageError, each_checked
from .lifecycle import (
    CONTRADICTING_DATES,
    DATED_FIELDS,
    EDIT_FIELDS,
    UNDONE_ADVICE,
    WITHOUT_ACTION,
    LedgerLife,
    Life,
    actions_found,
    blocking,
    correction_before_creation,
    dated_creation,
    dated_value,
    describe_entry,
    dropped_text,
    early_corrections,
    effective_creation,
    exchanged_with,
    field_changes,
    field_in_force,
    field_said,
    field_value,
    first_event,
    found_on,
    in_log_order,
    linked_by,
    links_in_force,
    made_after,
    made_in_words,
    match_verifications,
    own_undated_day,
    redated_name,
    redated_text,
    renamed_by,
    replay,
    restated,
    step_problem,
    unlike_history,
    unnumbered,
    wholes_over_time,
    written_on,
)
from .model import (
    Conflict,
    Constraint,
    HistoryEntry,
    Ledger,
    Measure,
    MeasureIndex,
    Verification,
)
from .rules import (
    LINK_HISTORY,
    ORDER_HISTORY,
    STATUS_HISTORY,
    LinkApart,
    Problem,
    adding_party,
    alike_key,
    as_declared,
    case_twin,
    check_id,
    declared_as,
    demanding_party,
    events_after_today,
    fields_unlike_history,
    finder_said,
    id_key,
    in_force_known,
    initials_of,
    link_apart,
    link_past_not_its_own,
    links_to_the_unheld,
    links_unlike_history,
    made_of_parts_message,
    near_ids,
    nearest_party,
    nearest_party_said,
    nesting_problem,
    new_party_problem,
    number_read,
    order_options,
    orders_unlike_history,
    own_word,
    party_in_verifier,
    party_in_verifier_said,
    party_key,
    party_named,
    party_problem,
    rename_steps,
    renamed_ids,
    renames_made,
    require_party,
    same_finding,
    same_number,
    settle_field,
    slug_from_title,
    verifier_as_recorded,
    verifier_mistyped,
    verifier_problem,
    verifier_typo,
)
from .vocab import (
    ACTED,
    CORRECTION,
    CREATED,
    EXTENT_LEVEL,
    NOTE,
    PARTS_DEPTH,
    PENDING,
    RENAME,
    RESOLVE,
    VERIFICATION,
    Extent,
    MergedInto,
    Require,
    Result,
    State,
    Status,
    acted_parts_left_text,
    ancestors,
    by_said,
    commas_and_more,
    counted,
    day_of,
    default_extent,
    descendants,
    done_in_part,
    done_level,
    finding_text,
    follows_actions,
    in_prose,
    one_form,
    owing,
    parts_in_brief,
    parts_recorded,
    party_in_prose,
    pending_below,
    references,
    rename_text,
    renamed_from,
    says_extents,
    settlement_text,
    shell_word,
    sources_brought,
    state_text,
    text_key,
    text_problem,
    to_do_again,
)

# --- parties and the ledger's header ----------------------------------------------------


def add_party(draft: Draft, name: str) -> str:
    name = one_form(name)  # (a new name is written in one form: `as_declared`)
    party_settled_first(draft, name)
    problem = new_party_problem(name, draft.parties)
    if problem is not None:
        raise DprkError(problem)
    now = renamed_now(draft.index(), draft.parties, name)
    if now is not None:  # (a former name: the side is declared, under its name now)
        raise DprkError(
            f"party {party_in_prose(name, quoted=True)} was "
            f"{renamed_how(draft.index(), name, now)}, as the ledger's measures record it: "
            "declared again, one side would be two parties; give "
            f"{shell_word(now)} where you mean it"
        )
    draft.set_header(parties=[*draft.parties, name])
    return f"added party {party_in_prose(name)}"


def party_added_near(draft: Draft, name: str) -> str | None:
    """The warning of `add-party` that declared `name` near a party declared before it
    (or a former name of one), as every option that names a party judges a typo
    (`rules.nearest_party`): a real side may have a near name, so it is declared, and
    the way to correct either said; None when it is near none."""
    name = one_form(name)
    others = [p for p in draft.parties if p != name]

    def correct(earlier: str) -> str:  # (the earlier one the typo: the new name is right)
        return party_taken_out(
            draft.index(),
            earlier,
            f"'dprk undo', then 'dprk rename-party {shell_word(earlier)} {shell_word(name)} "
            "--typo'",
        )

    return party_declared_near(draft, others, name, earlier=correct)


def party_taken_out(measures: MeasureIndex, name: str, otherwise: str) -> str:
    """The way to take out party `name`, declared by a typo of another declared party
    (`add-party`'s and `init`'s warnings): 'dprk remove-party NAME' while no measure
    names it as `remove-party` reads them (a rename to the party it is near is refused:
    that one is declared); `otherwise` where one does."""
    named = (measures[i] for i in measures.mentioning(name, any_signs=True))
    users, past = _naming_party(named, name)
    return otherwise if users or past else f"'dprk remove-party {shell_word(name)}'"


def party_declared_near(
    measures: Draft | MeasureIndex,
    others: Collection[str],
    name: str,
    back: str = "'dprk undo' takes it back",
    *,
    earlier: Callable[[str], str | None] | None = None,
) -> str | None:
    """The warning that party `name` was declared near one of `others`, declared beside
    it, or a former name of one (the renames `measures` record), with the way `back`
    (`add-party`'s: `party_added_near`; `init`'s, whose ledger is new, corrects the name);
    None when it is near none. `earlier`: the way to correct the one party of `others` it
    is near, declared before it, where that one was the typo, said beside `back` (None
    from it: that one is no typo, `back` is said alone). A name
    one of `others` is by its initials (`rules.abbreviates`: 'US' beside United States) is
    that side declared twice, most likely: the way to take it out is said instead."""
    twice = initials_of(name, others)
    if twice is not None:  # (a party's initials, or the name its initials are: one side)
        return (
            f"{party_in_prose(name)} may be the declared party {party_in_prose(twice)} by its "
            f"initials, one side declared twice; if so, 'dprk remove-party {shell_word(name)}' "
            "takes it out"
        )
    former = former_parties(measures, others, name)
    near = nearest_party_said(name, others, former)
    if not near:
        return None
    which = "the declared party" if len(near) == 1 else "the declared parties"
    said = f"{party_in_prose(name)} is near {which} {in_prose(near)}"
    first = nearest_party(name, others, former)[0]
    way = None  # (two, or one by a former name: `back` alone)
    if earlier is not None and len(near) == 1 and near[0] == party_in_prose(first):
        way = earlier(first)
    if way is None:
        return f"{said}; if it was a typo, {back}"
    typed = party_in_prose(name)
    return f"{said}; if {typed} was the typo, {back}; if {party_in_prose(first)} was, {way}"


def _party(draft: Draft, name: str, option: str, *, may_add: bool = True) -> str:
    """The declared party `name` names (`rules.require_party`); refused, by a name the
    party had before a rename (`_refuse_former_name`), or, near a declared party's name
    or a former one (`former_parties`), as a typo of it."""
    declared = party_named(name, draft.parties)
    if declared is not None:
        return declared
    _refuse_former_name(draft, name, option)
    former = former_parties(draft, draft.parties, name)
    corrected = corrected_to(draft.index(), draft.parties, name)
    return require_party(
        name, draft.parties, option, may_add=may_add, former=former, corrected=corrected
    )


def _whole_named(draft: Draft, parent: str, instead: str) -> None:
    """Refuse `parent`, given to --part-of, where no measure has that id and it is 'none'
    in any case (as '--deadline none' points to '--no-deadline'): a measure's id is
    asked for, or `instead`, the way to say it is part of none. A measure whose id is
    'none' is the one named."""
    if parent.strip().lower() == "none" and not draft.has(parent):
        raise DprkError(
            f"--part-of: no measure with id '{parent}'; give a measure's id ('dprk status "
            f"--format ids' lists them), or {instead}"
        )


def _refuse_former_name(draft: Draft, name: str, option: str) -> None:
    """Refuse `name`, typed in `option`, a name a party had before a rename
    (`refuse_former_name`), in the ledger as the draft stands."""
    refuse_former_name(draft.index(), draft.parties, name, option)


def refuse_former_name(
    measures: MeasureIndex, parties: Collection[str], name: str, option: str
) -> None:
    """Refuse `name`, typed in `option` (of a write, or a report's `--party`), a name a
    party had before a rename and no declared party's (in any case: 'Dprk' declared
    since is the one meant), naming the party it is now: declaring it anew, or
    recording a finding under it, would make one side two, and a look-alike suggested
    for it may be the other side (`former_name_said`)."""
    said = former_name_said(measures, parties, name, option)
    if said is not None:
        raise DprkError(said)


def former_name_said(
    measures: MeasureIndex, parties: Collection[str], name: str, option: str
) -> str | None:
    """What `refuse_former_name` says of `name`, typed in `option`: the party it names
    now, and since when; None for a name that is no party's former one (or a declared
    party's). A report's --verified-by warns of it in the same words."""
    if party_named(name, parties) is not None:
        return None
    now = renamed_now(measures, parties, name)
    if now is None:
        return None
    return (
        f"{option}: party {party_in_prose(name, quoted=True)} was "
        f"{renamed_how(measures, name, now)}; give {shell_word(now)}"
    )


def rename_party(
    draft: Draft,
    old: str,
    new: str,
    when: date,
    *,
    option: str = "NEW",
    merge: bool = False,
    dated: bool = True,
) -> str:
    """Rename a party everywhere: the parties list, actors, demanding parties (`option`:
    what gave the new name, for a refusal); `merge`: into a party declared already (one
    side written two ways), which then names what either did. Not `dated` (`when` is
    today, not given): where the rename dated on the first day of the measures it
    changed would differ, the words say it is from today, and how to date it so
    (`from_today`, as an undated edit says it)."""
    header = draft.header()  # (as it was: a rename dated otherwise is tried on it)
    if option == "NEW":  # (not the rename a settlement of the conflict makes)
        party_settled_first(draft, old, new)
        _refuse_rename_made(draft, old, new, when, dated)
    old, new = _party(draft, old, "OLD", may_add=False), one_form(new)
    others = [p for p in draft.parties if p != old]
    if merge:  # (into a party declared: as the ledger spells it, typed in any case)
        into = declared_as(new, others)
        if into is None and party_named(new, [old]) is None:  # (a typo makes no new side)
            _refuse_former_name(draft, new, "NEW")
            former = former_parties(draft, others, new)
            try:
                require_party(new, others, "NEW", may_add=False, former=former)
            except DprkError as refused:
                raise DprkError(
                    f"{refused} (--merge makes {party_in_prose(old)} one with a declared "
                    "party; leave it out to give a new name)"
                ) from None
        new = into or new
    folded = new in draft.parties

    def made_one(into: str) -> str:  # (the way two names of one side become one)
        command = f"dprk rename-party {shell_word(old)} {shell_word(into)}"
        return (
            f"if the two are one side written two ways, make them one from the start with "
            f"'{command} --typo' (or from a day of the talks on with '{command} --merge "
            f"--date D'; what {party_in_prose(old)} did becomes {party_in_prose(into)}'s)"
        )

    if folded and new == old:
        raise DprkError(
            f"party {party_in_prose(old, quoted=True)} is already so named; nothing to rename"
        )
    if folded and not merge:
        raise DprkError(
            f"party {party_in_prose(new, quoted=True)} is already declared; choose another "
            f"name, or, {made_one(new)}"
        )
    problem = None if folded else new_party_problem(new, others, hint=False)
    same = declared_as(new, others) if problem else None
    if problem is not None and same is not None and option == "NEW":
        # (written another way: as a name declared exactly is advised)
        raise DprkError(f"{option}: {problem}; {made_one(same)}")
    if problem is not None:
        raise DprkError(f"{option}: {problem}")
    # (another side's former name: taken, its measures record that it is OLD's now)
    taken = None if folded else renamed_now(draft.index(), draft.parties, new)
    key = party_key(old)  # (a finding by it, as verify names a party: `verify`)
    # (a finding by it in any spelling, its dots left out too: 'NK' of an 'N.K.' merged)
    measures = [draft.get(i) for i in draft.mentioning(old, any_signs=True)]
    days = _renamed_from(draft, measures, old, when, partial(_same_party, key))
    if folded:
        draft.set_header(parties=[p for p in draft.parties if p != old])
    else:
        draft.set_header(parties=[new if p == old else p for p in draft.parties])
    count = 0
    later = 0  # measures made after `when`: made under the new name, no entry says more
    first: tuple[date, str] | None = None  # (the first of them made, and its day)
    came: list[str] = []  # (those renamed on the day they came to the name: `_renamed_from`)
    renaming = f"renaming {party_in_prose(old)} to {party_in_prose(new)}"
    drops: list[tuple[Measure, Measure, list[int]]] = []  # (of a merge: `_findings_to_drop`)
    began: list[date] = []  # (the first day of each measure it changed, before `when`)
    renamed_ones: list[tuple[Measure, Measure]] = []  # (each changed: renamed, as it was)
    unnamed: list[tuple[str, date, str]] = []  # (`_own_reversals_unnamed`)
    for m in measures:
        renamed, made_later = changes.party_renamed_on(
            m, old, new, days.get(m.id, when), names=partial(_same_party, key), merge=folded
        )
        if renamed is m:
            continue
        count += 1
        if (first_day := effective_creation(m)) is not None and first_day < when:
            began.append(first_day)
        if m.id in days:
            came.append(f"{m.id} on {days[m.id]}")
        if folded:  # (the party that undid it may be its actor now: `by` dropped)
            renamed, by_dropped = _own_reversals_unnamed(
                m, renamed, draft.parties, old, partial(_same_party, key)
            )
            unnamed += by_dropped
        later += made_later
        if made_later and (first is None or written_on(m, when) < first[0]):
            first = (written_on(m, when), m.id)
        draft.put(renamed)
        renamed_ones.append((renamed, m))
    # (judged once every measure is renamed, in the same order: a party's former names
    # as the ledger's renames record them are read once for the write, `names`, not
    # again for each finding, each read going through every measure renamed so far)
    names: _Former = {}
    for renamed, m in renamed_ones:
        # (a merge: the two names one side, a finding it doubles or makes its own word
        # is the one to drop, every one of them, of every measure, named in one refusal
        # below; a new name may rather be another, so no advice there)
        if not folded:
            own_word_found(draft, renamed, renaming, former=names)
            _refuse_findings_twice(renamed, renaming, None)
        elif dropped := _findings_to_drop(draft, renamed, m, names):
            drops.append((renamed, m, dropped))
    if drops:  # (the first measure's refusal, naming the drops of the others too)
        renamed, m, _ = drops[0]
        every = [(was, places) for _, was, places in drops]
        own_word_found(draft, renamed, renaming, was=m, drops=every, former=names)
        _refuse_findings_twice(renamed, renaming, m, drops=every)
    if taken is not None and taken != old and not count:
        raise DprkError(  # (with no measure to say so, the name would still read as taken's)
            f"{option}: party {party_in_prose(new, quoted=True)} was "
            f"{renamed_how(draft.index(), new, taken)}, as the ledger's measures record it, "
            "and no measure of "
            f"{party_in_prose(old)} would record that it took the name: it would read as "
            f"{party_in_prose(taken)}'s, one side two parties; choose another name"
        )
    made = f"; {later} made after {when} had the new name from the start (no entry)"
    made = made if later else ""
    was, now = party_in_prose(old), party_in_prose(new)
    done = f"merged party {was} into {now}" if folded else f"renamed party {was} to {now}"
    on = f" on {when}" if dated else ""  # (a year typed wrong is seen)
    done = f"{done}{on} ({counted(count, 'measure')} changed{made})"
    done += _own_reversals_said(unnamed, new)
    if not dated and began:  # (recorded today on measures made before: dated, it differs)
        day, again = min(began), ""
        trial = Draft(header, draft.before())
        try:  # (the advice is one that does not fail when followed)
            rename_party(trial, old, new, day, option=option, merge=merge)
            trial.finish()
            flag = " --merge" if merge else ""
            again = (
                f"'dprk undo', then 'dprk rename-party {shell_word(old)} {shell_word(new)} "
                f"--date {day}{flag}'"
            )
        except DprkError:
            pass
        done += from_today(again)
    if came:  # (renamed on the day each came to the name, not before: its entry says so)
        done = (
            f"{done}; {in_prose(came, most=5)}: renamed on the day an entry brought it to "
            f"{was} (a merge's, {was} having the name already), not before, as renames keep "
            "the order they were made in"
        )
    if not count and not folded:  # (no entry to write: the old name is known no more)
        done = (
            f"{done}; no measure records the old name, so {party_in_prose(old, quoted=True)} "
            "reads as another party from now on (a merge with a copy still naming it cannot "
            "tell the rename from a removal)"
        )
        if not dated:
            return done
        # (nor its day: the party's past is recorded under the old name declared again,
        # then merged on that day, which each of those measures records)
        return (
            f"{done}, and the day is not kept: to record what {was} did before {when}, "
            f"'dprk add-party {shell_word(old)}', record it, then 'dprk rename-party "
            f"{shell_word(old)} {shell_word(new)} --merge --date {when}'"
        )
    if first is None or later < count:
        return done
    # (each of its measures made under the new name: none records the old one, which
    # the ledger then forgets: a finding by it, a party declared so, are another's)
    day, ident = first
    return (
        f"{done}; no measure records that {now} was {was}, so dprk takes "
        f"{party_in_prose(old, quoted=True)} for another party or verifier: 'dprk undo', "
        f"then the rename dated on or after {day} (when '{ident}' was made), keeps the old "
        "name"
    )


def correct_party_typo(draft: Draft, old: str, new: str) -> str:
    """Correct a party's name typed wrong (`rename-party --typo`): `new` wherever the
    ledger names `old`, a declared party or a name one had before a rename (the parties
    list, its measures' actors, demands, orders and findings, and the records of its
    renames: `changes.party_respelt`), each measure changed saying so in a correction
    dated today. A correction of the record, no event of the talks, as `rename_verifier`
    is: no rename is recorded, so `old` is no former name afterwards (a name typed near
    it is near `new`), and a view of any day reads `new`. `new` is no other party's former
    name; it may differ from `old` in case or spacing alone. A declared party's name: `old`
    (declared, or a former name whose every rename is a merge into it) is a spelling of
    that side, one with it from the start, every day reading `new` (the merge's records
    taken out), where a merge (`rename_party`'s) makes it one from a day. What was done,
    in words."""
    party_settled_first(draft, old, new)
    new = one_form(new)
    declared = party_named(old, draft.parties)
    if declared is None and renamed_now(draft.index(), draft.parties, old) is None:
        near = former_parties(draft, draft.parties, old)  # (a typo of the typo: as OLD)
        require_party(old, draft.parties, "OLD", may_add=False, former=near)
    was = declared or old
    key = party_key(was)
    names = partial(_same_party, key)
    others = [p for p in draft.parties if p != declared]
    if new == was:
        raise DprkError(
            f"party {party_in_prose(was, quoted=True)} is already so named; nothing to correct"
        )
    into = party_named(new, others) if party_key(new) != key else None
    merged: list[_Rename] = []  # (a former name's merges into `into`: taken out)
    if into is not None and declared is None:  # (a former name: one merged, or renamed)
        renames = _renames_of_name(draft, was)
        merged = [r for r in renames if r.merge and party_key(r.new) == party_key(into)]
        if not merged or len(merged) < len(renames):
            now = renamed_now(draft.index(), draft.parties, was) or into
            raise DprkError(
                f"NEW: party {party_in_prose(into)} is already declared; "
                f"{party_in_prose(was, quoted=True)}, "
                f"{renamed_how(draft.index(), was, now)}, cannot take a declared party's "
                "name; choose another name"
            )
    if into is None and party_key(new) != key:
        taken = renamed_now(draft.index(), draft.parties, new)
        if taken is not None and party_key(taken) != key:
            raise DprkError(
                f"NEW: party {party_in_prose(new, quoted=True)} was "
                f"{renamed_how(draft.index(), new, taken)}, as the ledger's measures record "
                f"it: corrected so, {party_in_prose(was)} would read as "
                f"{party_in_prose(taken)}; choose another name"
            )
    problem = new_party_problem(new, others, hint=False) if into is None else None
    if problem is not None:
        raise DprkError(f"NEW: {problem}")
    new = into or new  # (a declared party's, as the ledger spells it)
    if declared is not None and into is not None:  # (one side from the start)
        draft.set_header(parties=[p for p in draft.parties if p != declared])
    elif declared is not None:
        draft.set_header(parties=[new if p == declared else p for p in draft.parties])
    correcting = f"correcting party name {party_in_prose(was)} to {party_in_prose(new)}"
    detail = changes.party_typo_text(was, new)
    corrected: list[Measure] = []
    unnamed: list[tuple[str, date, str]] = []  # (`_own_reversals_unnamed`)
    for ident in draft.mentioning(old, any_signs=True):
        m = unmerged = draft.get(ident)
        if merged:  # (its record of the merge, which made the two one from its day alone)
            kept = [
                h
                for h in m.history
                if not (
                    changes.is_party_merge(h)
                    and changes.party_rename_of(h, (was,), party_key) is not None
                )
            ]
            if len(kept) < len(m.history):
                unmerged = m.model_copy(update={"history": kept})
        fixed = changes.party_respelt(unmerged, was, new, names)
        if fixed is m:
            continue
        for h in fixed.history:  # (a rename from the name to itself: the typo was no typo)
            if changes.is_party_rename(h) and any(
                party_key(o) == party_key(n) == party_key(new)
                for o, n in changes.renames_said(h.detail)
            ):
                raise DprkError(
                    f"NEW: '{m.id}' records a rename of {party_in_prose(was)} from or to "
                    f"{party_in_prose(new)} ({h.detail}, {h.date}): corrected so, the party "
                    "would be renamed to the name it had; choose another name"
                )
        if into is not None:  # (the party that undid it may be its actor now)
            fixed, by_dropped = _own_reversals_unnamed(m, fixed, draft.parties)
            unnamed += by_dropped
        fixed = changes.with_entry(fixed, changes.entry(today(), CORRECTION, detail=detail))
        draft.put(fixed)
        corrected.append(fixed)
    former: _Former = {}  # (read once for the write, as `rename_party` reads them)
    for fixed in corrected:  # (a finding that would be its actor's word, or one given twice)
        own_word_found(draft, fixed, correcting, former=former)
        _refuse_findings_twice(fixed, correcting, None)
    one = ""
    if into is not None:  # (a declared party's name: the two one side from the start)
        one = f", a party declared already: one side from the start, every day reads {new}"
    taken_out = ""
    if merged:
        days = in_prose(sorted({str(r.date) for r in merged}))
        taken_out = f", the records of the merge on {days} taken out"
    return (
        f"corrected party name {party_in_prose(was)} to {party_in_prose(new)}{one} "
        f"({counted(len(corrected), 'measure')} corrected{taken_out}; no rename recorded: "
        "the name was typed wrong)"
    ) + _own_reversals_said(unnamed, new)


def _own_reversals_unnamed(
    m: Measure,
    renamed: Measure,
    parties: list[str],
    old: str | None = None,
    names: Callable[[str], bool] | None = None,
) -> tuple[Measure, list[tuple[str, date, str]]]:
    """`renamed`, `m` with a party made one with another (a merge, a typo corrected to a
    declared party), with `by` dropped from each reversal it makes a reversal by the
    measure's own actor (`changes.own_reversals_unnamed`); and each one dropped: the id,
    the reversal's day, and the party `m` said undid it. A merge's (`old`, the party
    merged, `names` as `party_renamed` takes it): where a dropped `by` was all of `m`
    that named `old`, `m` with it dropped, and no entry of the merge, which would have
    every view of a day before it read the measure's own actor as `old`."""
    renamed, days = changes.own_reversals_unnamed(renamed, parties)
    was = [h for h in m.history if h.by is not None]
    dropped: list[tuple[str, date, str]] = []
    entries: list[HistoryEntry] = []
    for day in days:  # (the entry as it was: that day's first with a `by` not yet said)
        h = next(h for h in was if h.date == day)
        was.remove(h)
        entries.append(h)
        dropped.append((m.id, day, str(h.by)))
    if old is not None and entries:
        taken = {id(h) for h in entries}
        history = [h.model_copy(update={"by": None}) if id(h) in taken else h for h in m.history]
        alone = m.model_copy(update={"history": history})
        if not changes.names_party(alone, old, names=names):
            return alone, dropped
    return renamed, dropped


def _own_reversals_said(unnamed: list[tuple[str, date, str]], actor: str) -> str:
    """What a merge (or a typo corrected to a declared party) says of the reversals whose
    `by` it dropped, now by their measures' own actor, `actor` (`_own_reversals_unnamed`):
    '' where none."""
    if not unnamed:
        return ""
    bys = in_prose(sorted({f"'by {by}'" for _, _, by in unnamed}))
    whose = "measure's" if len(unnamed) == 1 else "measures'"
    places = in_prose([f"{ident} on {day}" for ident, day, _ in unnamed], most=5)
    return (
        f"; dropped {bys} on {counted(len(unnamed), 'reversal')} now by the {whose} own "
        f"actor, {party_in_prose(actor)} ({places}): a reversal by its actor names no party"
    )


def _refuse_rename_made(draft: Draft, old: str, new: str, when: date, dated: bool) -> None:
    """Refuse the rename of party `old` to `new` dated `when` where the ledger's measures
    record it made already, `old` being no declared party's name (typed again to move it,
    its day given wrong): said so, with what moves it to `when` on every measure
    (`_rename_moved_by`: the redate, as `dprk log` numbers the entry, or the undo; tried
    first, its refusal said where it would fail), or, made on that day (or no day given),
    that nothing is left to do."""
    if party_named(old, draft.parties) is not None:
        return
    was, now = party_key(old), party_key(one_form(new))
    made = next(
        (
            h
            for m in _renames_of(draft, old)
            for h in m.history
            if changes.is_party_rename(h)
            and any(
                (party_key(o), party_key(n)) == (was, now)
                for o, n in changes.renames_said(h.detail)
            )
        ),
        None,
    )
    if made is None:
        return
    said_old, said_new = next(
        (o, n) for o, n in changes.renames_said(made.detail) if party_key(o) == was
    )
    did = (
        f"OLD: party {party_in_prose(said_old, quoted=True)} was renamed "
        f"{party_in_prose(said_new)} on {made.date}, as the ledger's measures record it"
    )
    if made.date == when or not dated:
        raise DprkError(f"{did}: that rename is made already; nothing to rename")
    by = _rename_redate_by(draft, made, when)
    if by is not None:  # (the advice is one that does not fail when followed)
        trial = Draft(draft.header(), draft.before())
        try:
            redate(trial, *by, when)
            trial.finish()
        except DprkError as refused:
            raise DprkError(
                f"{did}, not on {when}; 'dprk redate {by[0]} {by[1]} {when}', which would "
                f"move it, is refused: {refused.message}"
            ) from None
    raise DprkError(f"{did}, not on {when}: {_rename_moved_by(draft, made, when)}")


def _renamed_from(
    draft: Draft, measures: list[Measure], old: str, when: date, names: Callable[[str], bool]
) -> dict[str, date]:
    """The day each of `measures` that came to party `old`'s name after `when`, by an entry
    of a rename to it (`named_since`), is renamed from, by id: that entry's day, as
    renames keep the order they were made in. Only where the ledger shows the party had
    the name before that entry (`_took_name_by`: a merge's). Else the party took the name
    after `when`: refused, with the way to date that rename by `when`
    (`_rename_moved_by`)."""
    days: dict[str, date] = {}
    for m in measures:
        since = changes.named_since(m, old)
        if since is None or since <= when:
            continue
        took = max(  # (the entry of that day's rename to it)
            (
                h
                for h in m.history
                if h.date == since
                and changes.is_party_rename(h)
                and any(new == old for _, new in changes.renames_said(h.detail))
            ),
            key=lambda h: h.recorded,
        )
        if _took_name_by(measures, old, names, took):
            raise DprkError(
                f"--date: {when} is before party {party_in_prose(old, quoted=True)} took that "
                f"name ({since}, as '{m.id}' records it); date the rename on or after that "
                f"day, or, to keep {when}, date that one ({took.detail}) no later first: "
                f"{_rename_moved_by(draft, took, when)}"
            )
        days[m.id] = since
    return days


def _took_name_by(
    measures: Iterable[Measure],
    name: str,
    names: Callable[[str], bool],
    said: HistoryEntry | _Rename,
) -> bool:
    """Whether party `name` took that name by the entry of a rename to it (`said`, or the
    rename read from it: its day, and when it was written), as `measures` show it:
    not where the entry says it is a merge's (`vocab.is_party_merge`: the party had the
    name before), nor, for an entry written before a merge's said so, where they show
    the party had the name before, a measure naming it on that day (now, or until a
    rename of it since), made by then, that records no rename to it and was entered
    before the entry was written (one entered since may be given under the new name, as
    `add-measure` has it). One answer for `rename-party` (`_renamed_from`), a name given
    for a day (`_took_name`) and a rename redated (`_rename_redated`)."""
    if said.merge:  # (true only on a rename's entry: `vocab.is_party_merge`)
        return False
    day, recorded = said.date, said.recorded
    return not any(
        changes.named_since(held, name) is None
        and renamed_by(held, day)
        and (changes.first_recorded(held) or recorded) <= recorded
        and (
            changes.names_party(held, name, names=names)
            or any(
                h.date >= day and names(old)
                for h in held.history
                if changes.is_party_rename(h)
                for old, _ in changes.renames_said(h.detail)
            )
        )
        for held in measures
    )


def rename_verifier(draft: Draft, old: str, new: str, *, new_verifier: bool = False) -> str:
    """Correct a verifier's name typed wrong: every finding by `old` (in any spelling, as
    `verify --by` takes a name on record: `rules.party_key`) is by `new`, in its record and
    in the words of its history entry, all else of it kept. A correction of the record,
    no event of the talks: no entry says it (the journal does: `undo` takes it back). A
    `new` no spelling of `old` is judged as `verify --by` judges a name (a party's former
    name, a typo of a party's or of another verifier's; `new_verifier` as there) and spelt
    as the ledger spells it (a declared party, a verifier on record: one verifier, one
    name). Refused where a finding would become its actor's own word, or one its measure
    holds already (the record to drop named), as a party's rename is. What was done, in
    words."""
    key = party_key(old)

    def named(by: str) -> bool:
        return party_key(by) == key

    ids = sorted(draft.verified_by(named))
    ordering = _ordering_verifier(draft, old, named)
    if not ids and not ordering:
        _refuse_no_finding(draft, old)
    typed, new = new, one_form(" ".join(new.split()))
    if party_key(new) == key:  # (a spelling of it corrected: as typed, or as declared)
        new = party_named(new, draft.parties) or new
    else:
        new = _verifier_judged(
            draft,
            typed,
            "NEW",
            new_verifier=new_verifier,
            recorded=lambda: [by for by in draft.verifiers() if not named(by)],  # (not old)
        )[0]
    spelt: dict[str, None] = {}  # (the spellings of `old` renamed, by their measures' ids)
    count = 0
    orders = 0  # (the orders that wait for its finding)
    past = 0  # (the measures whose history alone names it, in an order changed since)
    renamed_ones: list[tuple[Measure, Measure]] = []  # (each changed: renamed, as it was)
    for ident in ids:
        m = draft.get(ident)
        by = [v.by for v in m.verifications if named(v.by) and v.by != new]
        if not by:
            continue
        renamed = changes.verifier_renamed(m, old, new, names=named)
        settled_first(m, HISTORY)  # (a finding and its entry: the history's)
        spelt.update(dict.fromkeys(by))
        count += len(by)
        # (its orders, renamed with its findings: counted as those of measures of their own)
        standing, history = _orders_renamed(m, new, named, spelt)
        orders += standing
        past += history and not standing
        draft.put(renamed)
        renamed_ones.append((renamed, m))
    for ident in ordering:
        m = draft.get(ident)
        renamed = changes.orders_verifier_renamed(m, new, named)
        if renamed is m:
            continue
        standing, _ = _orders_renamed(m, new, named, spelt)
        orders += standing
        past += not standing
        draft.put(renamed)
    if not count and not orders and not past:
        raise DprkError(
            f"NEW: {party_in_prose(new, quoted=True)} is the name its findings give already; "
            "nothing to rename"
        )
    was = in_prose(map(party_in_prose, spelt))
    renaming = f"renaming verifier {was} to {party_in_prose(new)}"
    names: _Former = {}  # (read once for the write, as `rename_party` reads them)
    drops: list[tuple[Measure, list[int]]] = []  # (the findings it would give twice)
    for renamed, m in renamed_ones:
        own_word_found(draft, renamed, renaming, former=names)
        twice = _twice_dropped(renamed, m)
        if twice:
            drops.append((m, twice))
    if drops:  # (one verifier's finding given twice: the record renamed is the one to drop)
        m = drops[0][0]
        gone = {(held.id, place) for held, places in drops for place in places}
        left = bool(orders or past) or any(
            changes.orders_name_verifier(held, named)
            or any(
                named(v.by) and v.by != new and (held.id, place) not in gone
                for place, v in enumerate(held.verifications)
            )
            for _, held in renamed_ones
        )  # (after the drops: whether anything is left to rename, or the drops are all)
        _refuse_findings_twice(draft.get(m.id), renaming, m, drops=drops, whole=not left)
    said = [f"{counted(count, 'finding')} on {counted(len(renamed_ones), 'measure')}"] * bool(count)
    if orders:
        said.append(f"{counted(orders, 'order')} waiting for its finding")
    if past:
        said.append(f"past orders on {counted(past, 'measure')}")
    return f"renamed verifier {was} to {party_in_prose(new)} ({'; '.join(said)})"


def _orders_renamed(
    m: Measure, new: str, named: Callable[[str], bool], spelt: dict[str, None]
) -> tuple[int, bool]:
    """What a rename of a verifier (`named`: whether a name is it) to `new` renames of
    `m`'s orders: how many of its orders wait for its finding, and whether its history
    names it in an order (standing or past: `changes.orders_verifier_renamed`); each
    spelling they give it, but `new`, noted in `spelt`."""
    met: list[str] = []  # (its spellings the orders give, standing or past)

    def noted(by: str) -> bool:
        if named(by):
            met.append(by)
        return named(by)

    history = changes.orders_verifier_renamed(m, new, noted) is not m
    by = [c.verified_by for c in m.constraints if c.verified_by and named(c.verified_by)]
    spelt.update(dict.fromkeys(b for b in met if b != new))
    return sum(b != new for b in by), history


def _ordering_verifier(draft: Draft, old: str, named: Callable[[str], bool]) -> list[str]:
    """The ids of the measures with an order that waits for a finding by verifier `old`
    (`named`: whether a name is it), standing now or in their history only (changed or
    removed since: `changes.orders_name_verifier`), in id order; those with a finding
    by it aside (`verifier_renamed` renames both)."""
    found = []
    for ident in sorted(draft.mentioning(old, any_signs=True)):
        m = draft.get(ident)
        if changes.orders_name_verifier(m, named) and not any(named(v.by) for v in m.verifications):
            found.append(ident)
    return found


def _refuse_no_finding(draft: Draft, old: str) -> NoReturn:
    """Refuse a rename of verifier `old`, by whom no finding is on record: a declared
    party's name says so; another is taken for a typo of a verifier on record, as `verify
    --by` takes one (`rules.verifier_typo`: "did you mean"), where it is near one."""
    declared = party_named(old, draft.parties)
    if declared is not None:
        raise DprkError(
            f"OLD: party {party_in_prose(declared, quoted=True)} has no finding on record; "
            "nothing to rename ('dprk rename-party' renames a party)"
        )
    near = verifier_typo(old, None, lambda _: (), draft.verifiers)
    raise DprkError(
        f"OLD: {near}"
        if near is not None
        else f"OLD: no finding on record is by {party_in_prose(old, quoted=True)}; nothing to "
        "rename"
    )


def remove_party(draft: Draft, name: str) -> str:
    """Remove a declared party that nothing names."""
    party_settled_first(draft, name)
    name = _party(draft, name, "NAME", may_add=False)
    users, past = _naming_party(map(draft.get, draft.mentioning(name)), name)
    if users:
        raise DprkError(
            f"party {party_in_prose(name, quoted=True)} is named by {_some(users, 'measure')}; "
            "a party that carried out "
            "or demanded a measure stays in its history (a hand-over to another keeps it "
            f"there): 'dprk rename-party {shell_word(name)} NEW' corrects its name ({_ONE_WITH}), "
            "and it can go only with those measures ('dprk remove ID')"
        )
    if past:
        raise DprkError(
            f"party {party_in_prose(name, quoted=True)} is named in the history of "
            f"{_some(past, 'measure')}: an order it "
            "demanded, or a measure it was to carry out, then; that past is kept, so it can "
            f"go only with those measures ('dprk remove ID'); 'dprk rename-party "
            f"{shell_word(name)} NEW' corrects its name, there too ({_ONE_WITH})"
        )
    draft.set_header(parties=[p for p in draft.parties if p != name])
    return f"removed party {party_in_prose(name)}"


_ONE_WITH = (
    "with --typo, NEW a party declared: one side written two ways made one from the start; "
    "with --merge --date D, two sides made one from that day"
)


def _naming_party(named: Iterable[Measure], name: str) -> tuple[list[str], list[str]]:
    """Which of the measures `named` name party `name`, so that `remove-party` keeps it:
    those it carries out or demanded an order of, and, of the others, those whose history
    names it (a demand, or a measure it was to carry out, then); each in id order."""
    users: list[str] = []
    past: list[str] = []
    for m in named:
        if m.actor == name or any(c.demanded_by == name for c in m.constraints):
            users.append(m.id)
        elif changes.history_names_party(m, name):
            past.append(m.id)
    return sorted(users), sorted(past)


def _some(ids: list[str], noun: str) -> str:
    """'2 measures (a, b)', the first five named: '7 measures (a, ... and 2 more)'
    (`named_first`: six, all six)."""
    return f"{counted(len(ids), noun)} ({commas_and_more(ids, 5)})"


def set_title(draft: Draft, title: str) -> str:
    if any(c.field == "title" for c in draft.conflicts):  # (as `edit` of a measure's)
        raise DprkError(
            "the ledger's title is in conflict from a merge; settle it first with 'dprk "
            "resolve --field title --take ours|theirs|VALUE' (a value of your own settles it "
            "too)"
        )
    if title == draft.title:  # (as `edit` says of a measure's)
        return "title: already so; nothing changed"
    draft.set_header(title=title)
    return f"title: {title}"


def refuse_future_end(day: date | None) -> None:
    """A usage error if `day`, the day the talks ended, is after today: an end is
    recorded once the talks have ended (`set_ended` asks it; the command, before any
    lock)."""
    if day is not None and day > today():
        raise UsageError(
            f"--ended: {day} is after today ({today()}); record the end once the talks have ended"
        )


def set_ended(draft: Draft, day: date | None, note: str | None = None) -> str:
    """Record the day the talks ended (with why, `note`: None keeps the note on record,
    "" drops it), or, `day` None, that they go on: every view asked of no day then reads
    the ledger as of that day. A day after today is refused (`refuse_future_end`)."""
    refuse_future_end(day)
    if note is None:  # (a field not given is kept, as `edit` keeps one)
        note = draft.ended_note
    if (day, note if day is not None else "") == (draft.ended, draft.ended_note):
        return ("ended: already so" if day else "talks not ended: already so") + (
            "; nothing changed"
        )
    was = draft.ended
    draft.set_header(ended=(day, note if day is not None else ""))
    if day is None:
        return f"ended: none (was {was}); views read the ledger as of today again"
    said = f" ({note})" if note else ""
    return f"ended: {day}{said}; views read the ledger as of that day (--as-of reads another)"


# --- measures -----------------------------------------------------------------------------


def add_measure(
    draft: Draft,
    title: str,
    actor: str,
    *,
    ident: str | None = None,
    when: date | None = None,
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
) -> str:
    """Add a measure (linked both ways to what it is exchanged for); its id.

    Without `when`, the creation is undated: it takes the date of the
    measure's earliest event, today until an earlier one is recorded.
    """
    named, renamed_since = _named_then(draft, actor, when)
    actor = _party(draft, named, "--actor")
    if status in (Status.verified, Status.disputed):
        raise UsageError(
            f"--status: {status.value} comes only from a verifier's finding; add the measure "
            f"as implemented, then 'dprk verify ID --by VERIFIER'"
        )
    if extent is not None and status != Status.implemented:
        raise UsageError("--extent goes with --status implemented")
    day = when or today()
    new_id = check_id(ident) if ident is not None else None
    if new_id is None:
        new_id = slug_from_title(title, _Taken(draft), actor=actor, when=day)
    if draft.has(new_id):
        raise DprkError(f"a measure with id '{new_id}' already exists; choose another --id")
    if ident is not None:  # (an id made from the title is free of that past: `_Taken`)
        _refuse_past_id(draft, new_id, "--id")
        _refuse_case_twin(draft, new_id, "--id")
    linked = list(dict.fromkeys(in_exchange_for or []))
    prerequisites = list(dict.fromkeys(after or []))
    for other in [*linked, *prerequisites, *([part_of] if part_of else [])]:
        if other == new_id:
            raise DprkError(f"measure '{new_id}' cannot refer to itself")
        if other == part_of:
            _whole_named(draft, other, "leave --part-of out to add a measure of its own")
        draft.get(other)
    if part_of:
        _nesting_allowed(draft, new_id, part_of)
        _not_its_own_price(draft, new_id, part_of, linked)
        if not category.strip():  # (a step of a measure is of its kind: `whole_category`)
            category = draft.get(part_of).category
    draft.put(
        changes.new_measure(
            new_id,
            title,
            actor,
            when=day,
            dated=when is not None,
            status=status,
            extent=extent,
            category=category,
            in_exchange_for=linked,
            after=prerequisites,
            part_of=part_of,
            deadline=deadline,
            sources=sources,
            note=note,
            expected_parts=expected_parts or None,
        )
    )
    added = draft.get(new_id)
    if renamed_since:  # (given under the name its actor had then: the renames say since when)
        added = _rename_entries(added, renamed_since)
        draft.put(added)
    for other in linked:
        _link_added(draft, added, other)
    return new_id


def party_named_on(
    measures: MeasureIndex, parties: Collection[str], name: str, when: date, option: str
) -> str:
    """The party `name`, typed in `option` (a report's --party asked of day `when`),
    names on `when` (`_named_then`): its name now where `name` is the one it had that day;
    `name` itself otherwise, for the option to take or refuse as any name."""
    return _named_then(measures, name, when, option, parties=parties)[0]


def party_name_then(measures: MeasureIndex, name: str, when: date) -> str:
    """The name the party named `name` now had at the end of `when`, as a view of that
    day names it (`changes.name_on`), from the renames the ledger's measures record (none
    is read without a rename of any party: one search of the kept records)."""
    renaming = measures.mentioning(" renamed ")
    if not renaming:
        return name
    renames = changes.party_renames_after((measures[i] for i in renaming), when, party_key)
    return changes.name_on(renames, name, when)


def _named_then(
    draft: Draft | MeasureIndex,
    name: str,
    when: date | None,
    option: str = "--actor",
    *,
    parties: Collection[str] | None = None,
) -> tuple[str, list[_Rename]]:
    """The party `name` names on `when`, a name a party had until a rename dated on or
    after it (`_renames_from`): as it is named now, and the renames since (its measure
    then records them, `_rename_entries`, as an import's row naming it does); `name`
    itself otherwise, and none, for the party option to take or refuse (`_party`). A
    measure given under the party's name now records no rename: the name does not say
    it was ever the one renamed (`rename-party --merge` makes one party of two). The name
    is the party's until its first rename to another name: after a respelling ('Khmer
    Rouge' to 'Khmer-Rouge', one name by `party_key`) too, and a measure of a day after
    that records the renames since that day only. A name of the chain the party had
    after `when` or left before it is refused, `option` naming the one of that day
    (taken, the measure would record part of the renames, or name it as another).
    `parties`: the declared ones, of `draft` read as the ledger's measures (a report's)."""
    if parties is None:
        assert isinstance(draft, Draft)
        parties = draft.parties
    if when is None or party_named(name, parties) is not None:
        return name, []
    steps = _renames_from(draft, name, parties)
    key = party_key(name)
    left = next((s for s in steps if party_key(s.new) != key), None)
    if left is None:
        return name, []
    now = steps[-1].new
    if when > left.date:
        then = [s.new for s in steps if s.date < when][-1]
        if party_key(then) != party_key(now):  # (else its name now, as `_party` says)
            raise DprkError(
                f"{option}: party {party_in_prose(name, quoted=True)} was renamed "
                f"{party_in_prose(left.new)} on {left.date}; on {when} it was "
                f"{party_in_prose(then)}: give {shell_word(then)}, or {shell_word(now)}, "
                "its name now"
            )
        return name, []
    took = _took_name(draft, left, when)
    if took is not None:
        then = took.old
        # (renamed back since: the name of that day is its name now, said once)
        give = (
            f"{shell_word(then)}, its name then and now"
            if then == now
            else f"{shell_word(then)}, or {shell_word(now)}, its name now"
        )
        raise DprkError(
            f"{option}: party {party_in_prose(name, quoted=True)} took that name on "
            f"{took.date}; on {when} it was {party_in_prose(then)}: give {give}"
        )
    return now, [s for s in steps if s.date >= when]


def _took_name(draft: Draft | MeasureIndex, left: _Rename, when: date) -> _Rename | None:
    """The rename by which the party `left` renamed took the name it left, after `when`,
    as the measures recording `left` record it (renames of its name in another spelling
    aside: `party_key`), traced back to the one whose old name it had on `when`; None
    when it had the name on `when`. A rename to a name the party had before it (a
    merge's: `_took_name_by`) gave it none."""
    key = party_key(left.old)
    held = [
        m
        for m in _renames_of(draft, left.old)
        if any(h.date == left.date and changes.party_rename_of(h, (left.old,)) for h in m.history)
    ]
    taken = sorted(
        {
            _Rename(h.date, h.recorded, old, new, changes.is_party_merge(h))
            for m in held
            for h in m.history
            if changes.is_party_rename(h) and h.date <= left.date
            for old, new in changes.renames_said(h.detail)
        }
    )
    took = None
    while True:  # (back along the renames to the name it had on `when`)
        into = [
            r
            for r in taken
            if party_key(r.new) == key
            and party_key(r.old) != key
            and r.date > when
            and (took is None or (r.date, r.recorded) < (took.date, took.recorded))
            and _took_name_by(held, r.new, partial(_same_party, key), r)
        ]
        if not into:
            return took
        took, key = into[-1], party_key(into[-1].old)


def _link_added(draft: Draft, m: Measure, other: str) -> None:
    """Record on measure `other` the exchange link of `m`, a measure being added with it
    (`add-measure --in-exchange-for`, an import row): `m`'s creation is its own record of
    the link, and `other`'s entry comes into force on the later of the two beginnings
    (`changes.link_day`: a link made with a measure that began before the other counts
    from the other's beginning). Added without a date, the entry is undated as the
    creation is, and keeps that creation's date (`changes.follows_creation`) as it moves."""
    created = next((h for h in m.history if h.event == CREATED), None)
    undated = created is not None and created.undated
    day = effective_creation(m) or today()
    partner = draft.get(other)
    on = day if undated else changes.link_day(partner, day)
    draft.put(changes.link_exchange(partner, m.id, on, undated=undated))


def _refuse_on_parent(
    draft: Draft, ident: str, what: str, when: date, *, after_acting: bool
) -> None:
    """Refuse a change of status of a measure that had parts on `when` (it stands as
    they do; `LedgerLife.parts_on`: one made of parts later could act before; a finding
    or a reversal, `after_acting`, follows the actions of parts made that day too)."""
    life = LedgerLife(draft.index())
    parts = life.parts_on(ident, when, after_acting=after_acting)
    if parts:
        gone = not set(parts) <= set(life.parts(ident))  # (some have left it since)
        message = made_of_parts_message(
            ident, parts, f"{what} on its parts", on=when if gone else None
        )
        raise DprkError(message)


def mark(
    draft: Draft,
    ident: str,
    status: Status,
    when: date,
    *,
    extent: Extent | None = None,
    note: str = "",
    sources: list[str] | None = None,
    dated: bool = True,
    by: str | None = None,
) -> str | None:
    """Record that a measure changed status on `when` (see `lifecycle` for what may follow
    what; the draft refuses a history the rules do not allow). `dated`: `when` was given
    (not today by default). A measure added without a date, given the status it was
    created with, has that step recorded: its creation stays undated, so that an earlier
    event found later still moves it back (the timeline draws the two as one:
    `lifecycle.restating_creation`). `by`: of a reversal, the party that undid it, a
    declared party other than its actor on `when` (as `--actor` takes a name: `_party`);
    the party as recorded, or None."""
    if by is not None and status == Status.reversed:
        by = _undone_by(draft, ident, by, when)
    if status in (Status.implemented, Status.reversed):
        # (an implementation of the day a part was made is its own; a reversal follows it)
        later = follows_actions(status)
        _refuse_on_parent(draft, ident, f"record {status.value}", when, after_acting=later)
    m = draft.get(ident)
    life = replay(m)
    then = life.state_on(when)
    wanted = extent or default_extent(status)
    if (
        then is not None
        and restated(then, status, wanted)
        # (made of parts that gave it another state, it is no step reported again: the
        # rules judge it against theirs, `LedgerLife.steps_after_acting`)
        and LedgerLife(draft.index()).given_by_parts(ident, when) is None
    ):
        # The same step reported again on a later day it is dated by is recorded (the
        # confirmation says it changes nothing): an earlier event found later (a reversal
        # between the two) may make it the step that counts, so that a history can be
        # entered in any order. Refused: the step already on record for that very day, and
        # one given no date (most likely a step forgotten to be recorded already).
        # (a creation recorded without a date has the day of its earliest event: a step
        # of its state on that day, another event's, is a step of its own)
        began = life.state_began(when)
        since = f" (since {began})" if began is not None and began != when else ""
        setter = life.set_by(when)
        borrowed = setter is not None and setter.event == CREATED and life.undated
        if (
            not dated
            or (began == when and then.status == status and not borrowed)
            or changes.step_on(m, when, status, wanted) is not None
        ):
            # (progress is a greater extent: one already full has none to give)
            progress = (
                "; give a greater --extent to record progress"
                if status == Status.implemented and then.extent != Extent.full
                else ""
            )
            shown = state_text(then.status, then.extent)
            if status == Status.implemented and then.status in (Status.verified, Status.disputed):
                # (the action typed again: it is on record, and a finding stands on it)
                shown = f"{state_text(Status.implemented, then.extent)}, and {then.status.value},"
            raise DprkError(f"measure '{ident}' is already {shown} on {when}{since}{progress}")
    twice = changes.step_on(m, when, status, wanted)
    if dated and twice is not None and twice.event != CREATED:
        # (the same step on that day again, a step between them: recorded, it would change
        # nothing, as the day's steps replay in the order a measure's life runs; the
        # later of two extents that day, recorded last, does)
        again = replay(changes.mark(m, status, when, extent=extent))
        if (again.state_on(when), again.state) == (then, life.state):
            raise DprkError(
                f"measure '{ident}': {describe_entry(twice, None)} is on record already, and "
                f"changes nothing recorded again ('dprk log {ident}' lists that day's steps)"
            )
    draft.put(changes.mark(m, status, when, extent=extent, note=note, sources=sources, by=by))
    return by


def _undone_by(draft: Draft, ident: str, name: str, when: date) -> str:
    """The declared party `name`, given to `mark reversed --by`, names (`_party`, as
    `--actor` takes one: any case, an abbreviation's dots; a typo or a former name
    refused, with the party meant); refused where it is the measure's actor on `when`
    (a reversal by its own actor names none)."""
    party = _party(draft, name, "--by", may_add=False)
    m = draft.get(ident)
    actor = changes.actor_on(m, when, draft.parties)
    if party == actor:
        raise DprkError(
            f"--by: {party_in_prose(party)} is the actor of '{ident}' on {when}; a reversal "
            f"by its own actor is recorded without --by ('dprk mark {shell_word(ident)} "
            f"reversed --date {when}')"
        )
    return party


def cut_back_that_day(draft: Draft, ident: str, when: date, extent: Extent) -> str | None:
    """The warning of a `mark` that recorded `ident` implemented to `extent` on `when`,
    a day it has a step to a greater extent on: the two replay as done so far, then cut
    back, which may be meant, or the first may have been entered wrong. Names that step
    (its number in `dprk log`) and what takes it back: `drop-entry`, where a finding
    standing on it would refuse that, the finding first (the refusal's own advice, as
    `drop-entry` gives it); None where no such step is there."""
    m = draft.get(ident)
    level = EXTENT_LEVEL[extent]
    ordered = in_log_order(m)
    above = [
        (number, h)
        for number, h in enumerate(ordered, 1)
        if h.event == "status"
        and h.date == when
        and h.status == Status.implemented
        and EXTENT_LEVEL[h.extent or Extent.full] > level
    ]
    if not above:
        return None
    number, entry = above[-1]
    was = state_text(Status.implemented, entry.extent or Extent.full, full=True)
    return _if_wrong(draft, m, entry, number, f"{ident} was {was} on {when}")


# (a finding in words, as the line of a step carried out anew names those it sets aside)
_FINDING_WORD = {
    Result.confirmed: "confirmation",
    Result.refuted: "refutation",
    Result.partial: "partial finding",
}


def findings_set_aside(draft: Draft, ident: str, before: Measure, when: date) -> str:
    """'; cf is no longer disputed: the refutation by SLMM on 2002-12-31 was of its
    earlier action (implemented on 2002-02-23), and this one awaits a finding of its
    own': what a step on `when` that carried `ident` out anew (`lifecycle.acts_anew`: to
    another extent, less or more) did to the findings that verified it or disputed it
    that day (`before`: the measure as the ledger held it), which count no more
    (`lifecycle.actions_found`); "" where it did not so end a verification or a
    dispute."""
    was = replay(before)
    then = was.state_on(when)
    now = replay(draft.get(ident)).state_on(when)
    if then is None or now is None or then.status not in (Status.verified, Status.disputed):
        return ""
    if now.status != Status.implemented:
        return ""
    found = [
        (step, action)
        for step, action in actions_found(was)
        if (day := was.day_of(step)) is not None and day <= when
    ]
    if not found or found[-1][1] is None:
        return ""
    action = found[-1][1]
    named = [
        f"the {_FINDING_WORD[v.result]} by {v.by} on {v.date}"
        for step, on in found
        if on is action and (v := step.verification) is not None
    ]
    if not named:
        return ""
    done = state_text(action.state.status, action.state.extent)
    day = was.day_of(action)
    of = f"{done} on {day}" if day is not None else done
    return (
        f"; {ident} is no longer {then.status.value}: {in_prose(named)} "
        f"{'was' if len(named) == 1 else 'were'} of its earlier action ({of}), and this one "
        "awaits a finding of its own"
    )


def said_on_another_day(draft: Draft, ident: str, before: Measure) -> str | None:
    """The warning of a `mark` that recorded a step of `ident` (`before`: the measure
    before it) that its history has on another day, the same status at the same extent,
    with nothing between the two that makes either an act of its own (another state: a
    reversal, another extent, a finding): most likely the same act entered again to
    correct its day. Names the other step (its number in `dprk log`), what takes it back,
    and the redate that would have moved it (after an undo of this mark); None where no
    such step is there."""
    m = draft.get(ident)
    steps = replay(m).steps
    at = next(  # (the draft's measure is its own copy: its entries are told by their values)
        (
            k
            for k, s in enumerate(steps)
            if s.entry is not None and s.entry.event == "status" and s.entry not in before.history
        ),
        None,
    )
    if at is None:
        return None
    new = steps[at].entry
    if new is None or new.status is None:
        return None
    wanted = State(new.status, new.extent or default_extent(new.status))
    other = None
    for way in (range(at - 1, -1, -1), range(at + 1, len(steps))):
        for k in way:
            step = steps[k]
            if step.state != wanted:
                break  # (another state between: each is an act of its own)
            h = step.entry
            if (
                h is not None
                and h.event == "status"
                and h.date != new.date
                and h.status == new.status
                and (h.extent or default_extent(new.status)) == wanted.extent
            ):
                other = h
                break
        if other is not None:
            break
    if other is None:
        return None
    number = next(n for n, h in enumerate(in_log_order(m), 1) if h is other)
    was = next(n for n, h in enumerate(in_log_order(before), 1) if h == other)
    said = state_text(wanted.status, wanted.extent)
    # (made on a copy of the ledger as it was before this mark: advice that works when followed)
    moved = _taken(
        Draft(draft.header(), draft.before()),
        partial(redate, ident=ident, number=was, when=new.date),
    )
    then = f"'dprk undo', then 'dprk redate {ident} {was} {new.date}' moves it" if moved else ""
    return _if_wrong(draft, m, other, number, f"{ident} was already {said} on {other.date}", then)


def _taken(trial: Draft, change: Callable[[Draft], object]) -> bool:
    """Whether `change`, made on `trial` (a copy of a ledger), is taken: so that advice
    never names a command that would be refused when followed."""
    try:
        change(trial)
        trial.finish()
    except (DprkError, ValueError):  # (a value refused as the file is written: refused too)
        return False
    return True


def _if_wrong(
    draft: Draft, m: Measure, entry: HistoryEntry, number: int, said: str, way: str = ""
) -> str:
    """A warning that a change may repeat or undo `entry` of `m` (its number in `dprk
    log`), entered wrong (`said`: what it records), with what takes it back: drop-entry,
    where that drop, made on a copy of the ledger as it now stands, is taken, or, where a
    finding standing on it refuses it, the finding first (the refusal's own advice, as
    `drop-entry` gives it); and `way`, another, after it."""
    ways = []
    found = _findings_of_drop(m, entry, _without(m, entry))[0]
    if found:
        ways.append(_drop_finding_first(m.id, number, [n for n, _, _ in found]))
    elif _taken(
        Draft(draft.header(), draft.index()), partial(drop_entry, ident=m.id, number=number)
    ):
        ways.append(f"'dprk drop-entry {m.id} {number}' takes it back")
    if way:
        ways.append(way)
    if not ways:
        return f"{said} (entry {number})"
    return f"{said} (entry {number}): if that was wrong, {ways[0]}" + "".join(
        f" (or {w})" for w in ways[1:]
    )


def verify(
    draft: Draft,
    ident: str,
    by: str,
    result: Result,
    when: date,
    *,
    method: str = "",
    evidence: list[str] | None = None,
    note: str = "",
    new_verifier: bool = False,
    dated: bool = True,
) -> str:
    """Record a verifier's finding; the verifier as recorded (`rules.verifier_as_recorded`:
    '--by rok' is the declared ROK). A name near a declared party's, which no finding
    has on record, is refused as a typo of it unless `new_verifier` says it is a verifier
    new to the ledger (`rules.verifier_problem`); so is a name near a verifier on record.
    A name a party had on `when` is that party (`_named_then`), the measure recording the
    renames since; `dated`: whether `when` was given (a finding recorded without a day, as
    of today, judges a former name as every option given no day does: refused)."""
    # (made of parts on `when`, a finding follows the day's actions: FINDING_RANK)
    whole = _whole_finding(draft, ident, result, when, by, dated=dated)
    m = draft.get(ident)
    by, renamed_since = _verifier_judged(  # (and, as judged, the renames since)
        draft,
        by,
        "--by",
        finding=(m, when),
        new_verifier=new_verifier,
        recorded=draft.verifiers,
        dated=dated,
    )
    if any(same_finding((v.by, v.result, v.date), (by, result, when)) for v in m.verifications):
        raise DprkError(  # (as `mark` refuses a step already on record for its day)
            f"measure '{ident}' already has the finding {result.value} by {by} on {when}"
        )
    if whole:  # (its own history does not say whether it acted: the rules judge it by its parts)
        m = _rename_entries(m, renamed_since)
        draft.put(changes.verify(m, by, result, when, method=method, evidence=evidence, note=note))
        return by
    life = replay(m)
    then, undone_that_day = found_standing(m, when, life)
    # (reversed, it acted before: which finding it may take, its own branch says)
    pending = then is not None and then.status not in (*ACTED, Status.reversed)
    if then is None and life.steps and _acts_later(m, when) is None:
        # (dated before the measure was made: that it has not acted by then is the reason
        # that fits a finding, said before the rules judge the two dates)
        first = life.steps[0]
        raise DprkError(
            f"measure '{ident}' has not acted by {when}, nor was it made yet "
            f"({describe_entry(first.entry, first.verification)}, after that day): a "
            "finding needs an action to find; "
            + _action_first(m, when, by, result, life, named=first.entry)
        )
    if then is not None and pending and undone_that_day is not None:
        raise DprkError(
            f"measure '{ident}' was reversed on {when} with no action on record before it "
            f"(it was {then.status.value} until then): a finding needs an action to find; "
            + _action_first(m, when, by, result, life)
        )
    if then is not None and then.status == Status.reversed and found_on(then, result)[1]:
        # (undone: found not to do what it did, or in part, it is recorded; confirmed, not)
        undone = life.state_began(when) or when
        then_ = "that day" if undone == when else f"before {when}"
        later = _acts_later(m, when)
        act, again = None, ""
        if later is not None:  # (a finding of what it did again is dated from then)
            again = f"; it acted again on {later}: a finding of that is dated on or after it"
        elif undone != when:  # (a step on the day of a reversal replays before it)
            act = _action_first(m, when, by, result, life, lead="")
        lead = "" if act is None else f"record it implemented again first with {act}, or "
        raise DprkError(
            f"measure '{ident}' was reversed on {undone}, {then_}: a confirmation would say "
            f"it is carried out; {lead}record what the verifier found as refuted or partial "
            f"('--result refuted', '--result partial'){again}"
        )
    if then is not None and pending and _acts_later(m, when) is None:
        raise DprkError(
            f"measure '{ident}' has not acted by {when} (it is {then.status.value} then): a "
            "finding needs an action to find; " + _action_first(m, when, by, result, life)
        )
    m = _rename_entries(draft.get(ident), renamed_since)
    draft.put(changes.verify(m, by, result, when, method=method, evidence=evidence, note=note))
    return by


def _whole_finding(
    draft: Draft, ident: str, result: Result, when: date, by: str = "", *, dated: bool = True
) -> bool:
    """Whether a finding of `result` on `ident` dated `when` is one on a measure made of
    parts that day: a partial one is recorded on the whole as it is (it sets nothing;
    whether the whole had acted is theirs to say, `LedgerLife.problems`); a confirmation
    or a refutation would set the status its parts set, and is refused. A confirmation
    by `by`, who confirmed every part (`facts.verifiers`), is refused saying so, and how
    to record that verifier's own word on the whole (on `when`, where `dated`)."""
    life = LedgerLife(draft.index())
    parts = life.parts_on(ident, when, after_acting=True)
    if not parts:
        return False
    if result == Result.partial:
        return True
    shown = parts_in_brief(parts)
    # (some have left it since: the parts it had that day record it)
    gone = not set(parts) <= set(life.parts(ident))
    then, had = (f" on {when}", " it had then") if gone else ("", "")
    confirms = result == Result.confirmed and by
    raise DprkError(
        f"a confirmed or refuted finding on '{ident}'{then} would set a status its parts "
        f"set: record it on the parts{had} ({shown}); a partial finding on the whole is "
        "recorded as it is"
        + (_confirmed_parts(draft, life, ident, by, when, dated=dated) if confirms else "")
    )


def _confirmed_parts(
    draft: Draft, life: LedgerLife, ident: str, by: str, when: date, *, dated: bool
) -> str:
    """What to add to the refusal of `by`'s confirmation of `ident`, a measure verified
    through its parts, where `by` had confirmed every part at the end of `when`, the
    finding's day (`facts.verifiers`, of the measures as they stood then: `_as_it_stood`):
    that, and the note that records the verifier's own word on the whole (dated `when`,
    where `dated`); "" otherwise."""
    from .facts import verifiers_of

    key = party_key(by)
    then = _as_it_stood(draft, life, ident, when)
    named = verifiers_of(LedgerLife(then), ident, then.get)
    verifier = next((v for v in named if party_key(v) == key), None)
    if verifier is None:
        return ""
    on = f" --date {when}" if dated else ""
    return (
        f"; {verifier} has confirmed every part: record its own word on the whole as a note "
        f"('dprk note {shell_word(ident)} TEXT --source {shell_word(verifier)}{on}')"
    )


def _as_it_stood(draft: Draft, life: LedgerLife, ident: str, day: date) -> dict[str, Measure]:
    """Measure `ident` and every measure a part of it at any time, parts of those too, as
    they stood at the end of `day` (`changes.measure_on`, each at its state then, its
    dated fields as they were: `changes.fields_on`), by id; those not made by then left
    out. `life`: the replay of the draft as it stands."""
    states: dict[str, State] = {}
    todo = [ident]
    while todo:
        i = todo.pop()
        state = None if i in states or not draft.has(i) else life.state(i, day)
        if state is not None:
            states[i] = state
            todo += life.members(i)
    found = {}
    for i, state in states.items():
        m = draft.get(i)
        update = changes.fields_on(m, day, draft.parties)
        m = m.model_copy(update=update) if update else m
        found[i] = changes.measure_on(m, day, states, state.status, state.extent)
    return found


def _verifier_judged(
    draft: Draft,
    typed: str,
    option: str,
    *,
    finding: tuple[Measure, date] | None = None,
    new_verifier: bool = False,
    recorded: Callable[[], Iterable[str]],
    dated: bool = True,
) -> tuple[str, list[_Rename]]:
    """Verifier `typed` (given in `option`) as the ledger spells it (`rules.
    verifier_as_recorded`: '--by rok' is the declared ROK), judged as `verify --by` and
    `rename-verifier`'s NEW judge one: refused where it is a party's former name
    (`_refuse_former_name`: of another's measure, named as it is now), or no verifier
    `new_verifier` allows (`rules.verifier_problem`: near a declared party, a party's
    former name or a verifier on `recorded`, that no finding has). `finding`: the measure
    and the day of a finding by it, refused too where it is its actor's own word then
    (`_refuse_own_word`, said first), its actor's former names read as theirs; a name a
    party had on that day is that party (`_named_then`), a name of its renames it had on
    another day refused; with the renames since that day (none without `finding`)."""
    m = None if finding is None else finding[0]
    others = _naming(draft, "" if m is None else m.id)
    by = verifier_as_recorded(typed, draft.parties, m, others=others)
    former = None  # (the names the measure's actor had before a rename, each with its own)
    renamed_since: list[_Rename] = []
    if finding is not None:
        m, when = finding
        _refuse_own_word(draft, m, by, when)
        actor = changes.actor_on(m, when, draft.parties)
        former = {
            old: _reached([m, *_renames_of(draft, old)], old, actor)
            for old in _former_names(draft, m, actor, typed)
        }
        # (no day given: a former name is judged as of none, as every party option's)
        then, renamed_since = _named_then(draft, typed, when if dated else None, option)
        if then != typed:  # (the party's name that day: the party, as declared now)
            return then, renamed_since
    _refuse_former_name(draft, typed, option)
    renamed = {}  # (every party's former names, for a name no party's: "did you mean")
    if party_named(typed, draft.parties) is None:
        renamed = former_parties(draft, draft.parties, typed)
    problem = verifier_problem(
        typed,
        draft.parties,
        m,
        others,
        new=new_verifier,
        former=former,
        renamed=renamed,
        recorded=recorded,
        option=option,
    )
    if problem is not None:
        raise DprkError(problem)
    return by, renamed_since


def _action_first(
    m: Measure,
    when: date,
    by: str,
    result: Result,
    life: Life,
    *,
    named: HistoryEntry | None = None,
    lead: str = "record it first with ",
) -> str:
    """The advice of a finding on `m` dated `when` refused for want of an action before
    it: the action to record first and the days it may take, each tried with the finding
    after it as the rules of its life judge the two (`replay`): an action before a step
    that may not follow one (agreed, withdrawn) or before a creation dated later is
    refused or out of order, so the advice, run as it says, must not be. On or before
    `when` if a day there fits (from the day its state then was set); else on or after
    the first later day from which every day fits, then the finding dated so too, with
    what is in the way (`named`: the entry the refusal names already); else the dates
    to correct. The one home of that advice: every refusal of `verify` for it asks."""
    known = {(p.check, unnumbered(p.message)) for p in life.problems}

    def fits(day: date, found: date) -> bool:
        tried = changes.verify(changes.mark(m, Status.implemented, day), by, result, found)
        return all((p.check, unnumbered(p.message)) in known for p in replay(tried).problems)

    command = f"'dprk mark {m.id} implemented --date YYYY-MM-DD'"
    if fits(when, when):
        # (from the step that set its state then, not a note's or an order's day; between
        # two of its entries every day fits as the later one does)
        steps = life.steps
        set_on = max(
            (s.date for s in steps if s.date <= when and (s.changed or s is steps[0])),
            default=None,
        )
        if set_on is None:
            return f"{lead}{command} (on or before {when})"
        first = when
        for day in sorted({s.date for s in steps if set_on <= s.date < when}, reverse=True):
            if not fits(day, when):  # (the days after it, up to the next, fit as that one)
                first = day + timedelta(days=1)
                break
            first = day
        if first >= when:
            return f"{lead}'dprk mark {m.id} implemented --date {when}'"
        return f"{lead}{command} (on a day from {first} to {when})"
    start = None  # (the days of its later steps: each day between fits as the one before)
    for day in sorted({h.date for h in m.history if h.date > when and h.status}, reverse=True):
        if not fits(day, day):
            break
        start = day
    if start is None:
        return (
            "no action recorded before it would stand as its history is: correct its dates "
            f"first ('dprk log {m.id}' numbers the entries, 'dprk redate' corrects one)"
        )
    blocker = next(
        (
            s.entry
            for s in reversed(life.steps)
            if when < s.date <= start and s.entry is not None and s.event != VERIFICATION
        ),
        None,
    )
    why = (
        f": {describe_entry(blocker, None)} may not follow an action"
        if blocker is not None and blocker is not named
        else ""
    )
    return f"{lead}{command} (on or after {start}{why}), then the finding, dated on or after it"


def _own_word(m: Measure, by: str, day: date, parties: list[str]) -> str | None:
    """The party `m` was to be carried out by on `day`, when a finding by `by` that day
    would be that party's own word (`rules.own_word`); None when it would not."""
    actor = changes.actor_on(m, day, parties)
    return actor if own_word(by, actor) else None


def party_in_verifier_warned(draft: Draft, ident: str, by: str, when: date) -> str | None:
    """What a finding by `by` (as recorded) on `ident` dated `when` is warned of, when the
    verifier's name holds a declared party's whole name (`rules.party_in_verifier`: its
    actor's on that day first); None when it holds none. What `verify` says once the
    finding is written, as `check` says it of one on record."""
    actor = changes.actor_on(draft.get(ident), when, draft.parties)
    party = party_in_verifier(by, actor, draft.parties)
    if party is None:
        return None
    return party_in_verifier_said(by, party, actor, ident, when)


def parties_in_findings_written(draft: Draft) -> list[str]:
    """What the findings a change wrote (those its measures hold and did not before it:
    imported, renamed) are warned of, each whose verifier's name holds a declared party's
    whole name (`rules.party_in_verifier`: its measure's actor on its day first), as
    `check` says it of one on record, with its entry and the drop that mends it
    (`party-in-verifier-name`), each measure's from its last entry back; to be said once
    the change is written."""
    before, parties = draft.before(), draft.parties
    holds: dict[str, bool] = {}  # (each verifier's name: asked once)
    found: list[str] = []
    for ident in sorted(draft.touched):
        if not draft.has(ident):
            continue
        m = draft.get(ident)
        for record in m.verifications:
            if record.by not in holds:
                holds[record.by] = party_in_verifier(record.by, "", parties) is not None
        if not any(holds[record.by] for record in m.verifications):
            continue
        held = before[ident].verifications if ident in before else []
        numbers = {id(h): n for n, h in enumerate(in_log_order(m), 1)}
        lines: list[tuple[int, str]] = []
        for h, v in match_verifications(m):
            if h is None or v is None or not holds[v.by] or v in held:
                continue  # (a record with no entry: `check` names it, finding-records)
            actor = changes.actor_on(m, v.date, parties)
            party = party_in_verifier(v.by, actor, parties)
            if party is not None:
                number = numbers[id(h)]
                said = party_in_verifier_said(v.by, party, actor, ident, v.date, number=number)
                lines.append((number, f"{ident}: {said}"))
        found += [line for _, line in sorted(lines, reverse=True)]
    return found


def renamed_now(measures: MeasureIndex, parties: Collection[str], name: str) -> str | None:
    """The declared party that `name` is a former name of: the one it became through each
    rename of a party the histories of `measures` record (`dprk rename-party`), names
    matched as every party option matches them (`rules.party_key`); None when it is no
    party's former name (or a name a party renamed back has again). The one home of
    "was renamed": what a party option, `add-party` and `check` ask."""
    return changes.renamed_to(_renames_of(measures, name), name, parties, party_key)


def corrected_to(
    measures: MeasureIndex, parties: Collection[str], name: str
) -> tuple[str, date] | None:
    """The declared party that `name`, no declared party's, was corrected to as a typo
    (`rename-party --typo`: the correction each measure it changed records,
    `changes.party_typo_of`; a name the party was renamed to since, `renamed_now`), with
    the day of the latest such correction; None when no measure records one (only those
    that hold both the words and the name are read). Since the correction the typo is no
    former name (`renamed_how`), but the one who types it means that party."""
    if party_named(name, parties) is not None:
        return None
    holding = set(measures.mentioning(" corrected to "))
    if not holding:
        return None
    found: tuple[str, date] | None = None
    for i in measures.mentioning(name, any_signs=True):
        if i not in holding:
            continue
        for h in measures[i].history:
            typo = changes.party_typo_of(h, (name,), key=party_key)
            if typo is not None and (found is None or h.date >= found[1]):
                found = typo[1], h.date
    if found is None:
        return None
    now = party_named(found[0], parties) or renamed_now(measures, parties, found[0])
    return None if now is None else (now, found[1])


def renamed_how(measures: MeasureIndex, name: str, now: str) -> str:
    """How former name `name` came to name the party `now` (`renamed_now`), with the day
    of each rename, as the histories record them: 'renamed DPRK on 2026-03-01', or, by a
    merge into a party declared already (`vocab.is_party_merge`), 'merged into Russia on
    1991-12-26' (renamed more than once, each name in turn: 'renamed RSFSR on 1991-12-25,
    then Russia on 1992-04-16'), so that whoever typed the old name knows since when it
    is not the party's; 'renamed' and the name alone where the histories lead not to it
    by its renames."""
    recorded = _renames_of(measures, name)
    steps = changes.renames_to(recorded, name, now, party_key)
    steps = [s for s in steps if party_key(s[0]) != party_key(s[1])]  # (a respelling: same)
    if not steps:
        return f"renamed {party_in_prose(now)}"
    merges = _merges_in(recorded)
    said, verb = [], ""
    for old, new, day in steps:
        was, verb = verb, "merged into" if (*_keys(old, new), day) in merges else "renamed"
        said.append(f"{verb + ' ' if verb != was else ''}{party_in_prose(new)} on {day}")
    return ", then ".join(said)


def _merges_in(measures: Iterable[Measure]) -> set[tuple[str, str, date]]:
    """Each merge of a party into another (`vocab.is_party_merge`) the histories of
    `measures` record: (old, new, day), the names by `rules.party_key`."""
    return {
        (*_keys(old, new), h.date)
        for m in measures
        for h in m.history
        if changes.is_party_merge(h)
        for old, new in changes.renames_said(h.detail)
    }


def _keys(old: str, new: str) -> tuple[str, str]:
    return party_key(old), party_key(new)


def _reached(measures: Iterable[Measure], old: str, now: str) -> str:
    """Party `now`, that former name `old` names, as `rules.nearest_party` is given it:
    `vocab.MergedInto` where a step from `old` to it was a merge (the words then say the
    party was merged into it, not renamed)."""
    recorded = list(measures)
    merges = _merges_in(recorded)
    if not merges:
        return now
    steps = changes.renames_to(recorded, old, now, party_key)
    merged = any((*_keys(o, n), day) in merges for o, n, day in steps)
    return MergedInto(now) if merged else now


def former_parties(
    measures: Draft | MeasureIndex, parties: Collection[str], name: str
) -> dict[str, str]:
    """The names parties had before a rename that `name`, no declared party's, may be a
    typo of, each with the declared party it names now (`rules.nearest_party` weighs
    them): those the measures that may record a rename of a party `name` is one letter or
    so off (`_renames_of`, `mistyped`: no measure is read without a rename of any party).
    A name a party has again, or one declared since, is left out: it names that party."""
    recorded = _renames_of(measures, name, mistyped=True)
    found: dict[str, str] = {}
    for old, _ in changes.party_renames_recorded(recorded):
        if old in found or party_named(old, parties) is not None:
            continue
        now = changes.renamed_to(recorded, old, parties, party_key)
        if now is not None:
            found[old] = _reached(recorded, old, now)
    return found


def _renames_of(draft: Draft | MeasureIndex, name: str, *, mistyped: bool = False) -> list[Measure]:
    """The measures whose histories may record a rename of party `name` (none without a
    rename of any party: one search of the kept records): found by its first letter in
    any case (a name is one with or without the dots of an abbreviation: 'U.S.S.R.' may
    be recorded as 'USSR', and the other way round), or, written in full-width,
    invisible or look-alike letters, every one that records a rename (`rules.party_key`
    then tells). `mistyped`: of a party `name` may be a typo of too, as "did you mean"
    weighs one (`rules.nearest_party`), whose first letter may be the one mistyped: those
    that hold the letters after it in order as well ('XSSR', 'SSR' or 'XUSSR' for USSR).
    A name none is found by so ('Lodz') may be one recorded with its first letter written
    otherwise ('Łódź'): those found by that letter so (`_written_otherwise`)."""
    renaming = draft.mentioning(" renamed ")
    if not renaming:
        return []
    spaced = " ".join(name.split())
    if spaced.isascii() and spaced.isprintable():
        said = draft.mentioning(f"party {spaced[:1]}", any_case=True)
        rest = spaced[1:]
        if mistyped and any(c.isalnum() for c in rest):
            wanted = {*said, *draft.mentioning(rest, any_signs=True)}
            said = [i for i in renaming if i in wanted]
        if not said:  # (its first letter recorded with an accent or a stroke: 'Łódź')
            otherwise = {
                i for c in _written_otherwise(spaced[:1]) for i in draft.mentioning(f"party {c}")
            }
            said = [i for i in renaming if i in otherwise]
    else:
        said = renaming
    return [draft.get(i) if isinstance(draft, Draft) else draft[i] for i in said]


@cache
def _written_otherwise(letter: str) -> tuple[str, ...]:
    """The Latin letters beyond ASCII that a name's `letter` may be written as, in either
    case, with an accent or a stroke ('Ł', 'ł', 'Ó' for 'l' and 'o'), as a search and a
    party's name read them plain (`vocab.text_key`)."""
    first = letter.casefold()
    return tuple(c for c in map(chr, range(0xC0, 0x250)) if text_key(c)[:1] == first)


# (a write's former names of each party, by (party, verifier), read once from the draft
# as it stands: each read goes through every measure the write changed, `_renames_of`)
_Former = dict[tuple[str, str], set[str]]


def _former_names(
    draft: Draft, m: Measure, now: str, by: str, former: _Former | None = None
) -> set[str]:
    """The names party `now` had before a rename, as `m` records them, and, when `by` is
    not among them, as the other measures that record a rename of `by` do (a rename dated
    before `m` was made wrote no entry on it). `former`: those already read, by (`now`,
    `by`), where `m` is in `draft` as it stands (`_renames_of` then finds it too)."""
    names = changes.former_names(m, now)
    if any(own_word(by, old) for old in names):
        return names
    if former is None:
        return changes.former_names([m, *_renames_of(draft, by)], now)
    if (now, by) not in former:
        former[now, by] = changes.former_names([m, *_renames_of(draft, by)], now)
    return former[now, by]


def _own_word_of(
    draft: Draft,
    m: Measure,
    by: str,
    when: date,
    parties: list[str] | None = None,
    former: _Former | None = None,
) -> str | None:
    """The party a finding by `by` on `when` would be the own word of, as `m`'s actor
    then (`_own_word`), or by a name that party had before 'dprk rename-party' ('now
    NAME'; a party declared since under that name is another side); None for none.
    `parties`: the ledger's, and those an import declares; `former`, as `_former_names`
    takes it."""
    parties = draft.parties if parties is None else parties
    actor = _own_word(m, by, when, parties)
    if actor is None and party_named(by, parties) is None:
        now = changes.actor_on(m, when, parties)
        if any(own_word(by, old) for old in _former_names(draft, m, now, by, former)):
            actor = f"now {party_in_prose(now)}"
    return actor


def _naming(draft: Draft, ident: str) -> Callable[[str], Iterator[Measure]]:
    """The measures other than `ident` that may name a verifier, in any case, with or
    without the dots of an abbreviation ('I.A.E.A.' or 'IAEA'), in id order
    (`verifier_as_recorded`: one verifier across the ledger, however typed)."""

    def others(name: str) -> Iterator[Measure]:
        named = draft.mentioning(name, any_signs=True)
        return (draft.get(i) for i in sorted(named) if i != ident)

    return others


def _refuse_own_word(draft: Draft, m: Measure, by: str, when: date) -> None:
    """Refuse a finding by `by` on `when` that would be the word of `m`'s own actor, or of
    a name that is its initials, or whose initials it is (`rules.abbreviates`: 'US' of
    United States, declared as a side of its own or not: one side most likely)."""
    actor = _own_word_of(draft, m, by, when)
    who = f"'{by}'" if by == actor else f"'{by}' ({actor})"
    if actor is None:  # (its actor by its initials, as "did you mean" takes them)
        then = changes.actor_on(m, when, draft.parties)
        actor = then if initials_of(by, [then]) is not None else None
        who = f"'{by}' ({party_in_prose(then)}, by its initials)"
    if actor is not None:
        raise DprkError(
            f"{who} is the actor of '{m.id}' on {when}: a party's own word is not "
            "verification, which needs an independent verifier; record its claim with "
            f"'dprk note {m.id} TEXT --date {when}'"
        )


def own_word_found(
    draft: Draft,
    m: Measure,
    change: str,
    parties: list[str] | None = None,
    *,
    was: Measure | None = None,
    drops: Sequence[tuple[Measure, list[int]]] = (),
    former: _Former | None = None,
) -> None:
    """Refuse a `change` (an actor handed over on a past day, a party renamed, an import)
    that would make a finding `m` holds the word of the party it was then to be carried
    out by: as `verify` refuses one. `was`: `m` as the ledger holds it, its findings in
    the same order, where dropping those findings first lets the change through (a
    party renamed: the fix is the finding, not the name), which the refusal then says;
    `drops`: every finding to drop for the change to go through, of `m` and of other
    measures (each as the ledger holds it, and their places), so that one refusal names
    them all. `former`, as `_former_names` takes it."""
    owns = _own_words(draft, m, parties, former)
    if owns:
        _, v, actor = owns[0]
        fix = ""
        if was is not None:
            them = "it" if len(owns) == 1 else f"it and {len(owns) - 1} more like it"
            fix = _to_drop(them, len(owns), drops or [(was, [i for i, _, _ in owns])])
        raise DprkError(
            f"{change} would make the finding of '{m.id}' by {v.by} on {v.date} the word "
            f"of its own actor then ({actor}): a party's own word is not verification{fix}"
        )


def _own_words(
    draft: Draft, m: Measure, parties: list[str] | None = None, former: _Former | None = None
) -> list[tuple[int, Verification, str]]:
    """The findings of `m` that are the word of the party it was to be carried out by
    then: each with its place and that party. `former`, as `_former_names` takes it."""
    return [
        (i, v, actor)
        for i, v in enumerate(m.verifications)
        if (actor := _own_word_of(draft, m, v.by, v.date, parties, former)) is not None
    ]


def _findings_to_drop(
    draft: Draft, m: Measure, was: Measure, former: _Former | None = None
) -> list[int]:
    """The places of the findings of `m`, a party merged into another (`was`: as the
    ledger holds it), to drop first for the merge to go through: those it would make
    their actor's own word (`own_word_found`), and of each finding it would give twice,
    the record it renames (`_refuse_findings_twice`). `former`, as `_former_names`
    takes it."""
    return sorted(
        {i for i, _, _ in _own_words(draft, m, None, former)} | set(_twice_dropped(m, was))
    )


def _to_drop(
    lead: str, alike: int, drops: Sequence[tuple[Measure, list[int]]], *, whole: bool = False
) -> str:
    """'; drop LEAD first (the commands)': `lead` names the findings of the refused
    measure's kind (`alike`: how many), the rest of `drops` (of it and other measures,
    the first its own) counted after it; with `whole` (the drops are all the correction
    takes), no "first"."""
    rest = sum(len(places) for _, places in drops) - alike
    if rest:
        of = in_prose(
            f"'{m.id}'" for k, (m, places) in enumerate(drops) if k or len(places) > alike
        )
        lead += (
            f" and {counted(rest, 'more finding')} of {of} (its actor's own word, or given twice)"
        )
    return f"; drop {lead}{'' if whole else ' first'} ({_findings_dropped(*drops)})"


def found_standing(
    m: Measure, when: date, life: Life | None = None
) -> tuple[State | None, State | None]:
    """How measure `m` stood for a finding dated `when`, as `verify` judges it (None: not
    made yet), and, for one reversed that day, the state the day's steps before the
    reversal left it in (a finding of a reversal's day replays before it,
    `vocab.DAY_RANK`), else None. An undated creation moves back to the finding."""
    life = life or replay(m)
    then = life.state_on(when)
    if then is None and dated_creation(m) is None and life.steps:
        then = life.steps[0].state
    undone_that_day = None
    if then is not None and then.status == Status.reversed:
        undone_that_day = life.before_reversal_on(when)
        then = undone_that_day or then
    return then, undone_that_day


def _acts_later(m: Measure, when: date) -> date | None:
    """The first day after `when` on which `m` acts (a finding before it is then a date
    to correct, which the rules of its life say); None if it acts on none."""
    return min((h.date for h in m.history if h.date > when and h.status in ACTED), default=None)


def note(draft: Draft, ident: str, text: str, when: date, *, source: str | None = None) -> None:
    draft.put(changes.note(draft.get(ident), text, when, source=source))


def _held_earlier(m: Measure, new: Measure, name: str) -> tuple[date, date] | None:
    """For a deadline `new` gives from an earlier day than `m` held it from, with the
    value it had (`changes.deadline_from`), those two days (before, after); else None."""
    if name != "deadline" or new.deadline != m.deadline:
        return None
    before, after = changes.deadline_from(m), changes.deadline_from(new)
    if before is None or after is None or after >= before:
        return None
    return before, after


def edit(
    draft: Draft,
    ident: str,
    when: date,
    *,
    add_sources: list[str] | None = None,
    remove_sources: list[str] | None = None,
    note: str = "",
    dated: bool = False,
    alone: bool = True,
    **fields: Any,
) -> str:
    """Change a measure's fields; what was done, in words (a dated field changed on a day
    before a later change of it, or given on a day it had that value (`dated`: `when` was
    given), is only recorded: `changes.edit`). An undated change of a dated field is a
    hand-over of today: the words say so, and (`alone`: the measure is the change's only
    one) how to make it count from the measure's first day instead (`from_start`; of
    several, the command says it once for all, after 'dprk undo' that takes back all)."""
    m = draft.get(ident)
    not_before_creation(m, when, "edit")
    for name in fields:
        settled_first(m, name)
        crossed = (
            changes.correction_crossed(m, name, when)
            if name in changes.CORRECTED_FIELDS and getattr(m, name) != fields[name]
            else None
        )
        if crossed is not None:
            last = max(h.date for h, _, _ in field_changes(m, name))
            raise DprkError(
                f"--date: {when} is before the last correction of the {name} ({last}): the "
                "last correction made is the one in force, and is dated on or after the one "
                "it follows; date the edit on or after that day"
                + (", or leave out --date" if last <= today() else "")
            )
    if "actor" in fields:
        then, handed_since = _named_then(draft, fields["actor"], when if dated else None)
        fields["actor"] = _party(draft, then, "--actor")
    if fields.get("part_of") is not None:
        parent = fields["part_of"]
        if parent == ident:
            raise DprkError(f"measure '{ident}' cannot be a part of itself")
        _whole_named(draft, parent, "--no-part-of to make it a measure of its own")
        draft.get(parent, beside=ident)
        _nesting_allowed(draft, ident, parent)
    recorded = changes.recorded_only_edits(m, when, fields, dated=dated)
    new = changes.edit(
        m,
        when,
        add_sources=add_sources,
        remove_sources=remove_sources,
        note=note,
        dated=dated,
        **fields,
    )
    if "actor" in fields and new is not m:
        own_word_found(draft, new, f"'{ident}' carried out by {fields['actor']}")
        if handed_since:  # (handed over under the name its new actor had then)
            new = _rename_entries(new, handed_since)
    draft.put(new)
    if new is m:
        # (a note rides on the entry an edit writes: with none written, it is not kept,
        # which a user who gave one would not guess)
        on = f" --date {when}" if dated else ""
        dropped = (
            f" (the note was not recorded: 'dprk note {ident} {shell_word(note)}{on}' adds it)"
        )
        return f"{ident}: already so; nothing changed" + (dropped if note else "")
    kept = []
    for name, (later, piece) in recorded.items():
        since = changes.field_since(new, name)  # (of the value in force, without a break)
        moved = _held_earlier(m, new, name)
        if piece and later is None and moved is not None:
            # (a deadline given at a creation a step found later overtook, given from a
            # day before it: the value stands, from an earlier day than it did)
            held = changes.shown(new.deadline)
            kept.append(
                f"recorded {piece} on {when}, is {held} from {moved[1]} on (it was from {moved[0]})"
            )
        elif piece and later is None:
            stood = f" (since {since})" if since is not None and since < when else ""
            kept.append(f"recorded {piece} on {when}, as it stands{stood}")
        elif piece and later is not None:
            # (what the edit in force set: a hand edit may have left the field otherwise,
            # which the line says, as the file keeps it)
            now = field_in_force(new, name)
            value = now[2] if now is not None else getattr(new, name)
            stays = "(none)" if value is None else f"'{value}'"
            before = changes.field_since(m, name)
            if since is not None and before is not None and since != before:
                # (dated before the edit that set the same value: the day it holds from
                # moved, as a link dated before the one on record says it)
                line = (
                    f"recorded {piece} on {when}, is {stays} from {since} on (it was from {before})"
                )
            else:
                line = f"recorded {piece} on {when}, stays {stays} (since {since or later.date})"
            held = getattr(new, name)
            if now is not None and held != now[1]:
                line += (
                    f", though the file holds {'(none)' if held is None else repr(str(held))}, "
                    "set by hand ('dprk check' says how to mend it)"
                )
            kept.append(line)
    # (what changed, in the words its log entry gives it; what it only recorded, apart)
    only = {piece for _, piece in recorded.values() if piece}
    # (the entries the edit added, counted: one alike to an entry on record, recorded in
    # its second under a fixed time, is new all the same)
    fresh = Counter(new.history) - Counter(m.history)
    words = [
        piece
        for h in fresh
        if h.date == when and h.event == "edit"
        for piece in h.detail.split("; ")
        if piece not in only
    ]
    done = f"{ident}: edited on {when} ({'; '.join(words)})" if words else ""
    if done and not dated and _counts_from_today(m, new, when, draft) is not None:
        given = dict(fields, add_sources=add_sources, remove_sources=remove_sources, note=note)
        done += from_today(from_start(draft, [ident], when, given) if alone else "")
    if not kept:
        return done or f"{ident}: edited"
    return f"{done}; {'; '.join(kept)}" if done else f"{ident}: {'; '.join(kept)}"


# The options of `dprk edit`, in the order it declares them, by the field each sets.
_EDIT_OPTIONS = {
    "title": "--title",
    "category": "--category",
    "actor": "--actor",
    "deadline": "--deadline",
    "notes": "--notes",
    "part_of": "--part-of",
    "expected_parts": "--expected-parts",
    "add_sources": "--add-source",
    "remove_sources": "--remove-source",
}


def _counts_from_today(m: Measure, new: Measure, when: date, draft: Draft) -> date | None:
    """The first day of `m`, where an undated edit on `when` that made it `new` changed a
    dated field of it begun before: a hand-over of today, which the edit dated on that day
    may make from the start instead (`from_start` tells whether it would: not where a
    later change of the field keeps its value). None where it changed none. A field
    changed before is handed over today all the same: its line says so. Made today,
    without a date, a part of a measure begun before (`whole_began_before`, in `draft`
    as changed): that measure's first day, to which the edit dated then dates it back
    (the whole's past reads without it, else)."""
    changed = [name for name in DATED_FIELDS if getattr(m, name) != getattr(new, name)]
    first = effective_creation(m)
    if "part_of" in changed and first is not None and first >= when:
        joined = whole_began_before(draft, new.id, when)
        first = first if joined is None else joined[1]
    if not changed or first is None or first >= when:
        return None
    return first


def from_today(again: str) -> str:
    """The words that end the line of an undated change recorded today on what began
    before (an edit of a dated field, a party's rename), with `again`, the way to make
    it from the start instead ("'dprk undo', then ..."; "": none is)."""
    return f" (from today; to correct it from the start: {again})" if again else " (from today)"


def begun_from_today(
    draft: Draft,
    idents: Sequence[str],
    when: date,
    redo: Callable[[Draft, date], object],
    command: Callable[[date], str],
    *,
    alone: bool = True,
) -> str:
    """The words that end the line of a change between the measures `idents` recorded
    without a date, on `when`, where each of them began before (a link, an order): it
    counts from today, and every view of a day before reads without it. With, `alone`
    (the command's only change), the way to make it from the day the last of them began
    instead: `command` of that day, after 'dprk undo'; only where `redo` (the change, made
    on a draft of that day) on a copy of the ledger as it was is taken, so that the advice
    never fails when followed. "" where one of them began on `when` or later (or has no
    day): dated from today, it misses no day of theirs."""
    life = LedgerLife(draft.index())
    days = [life.life(i).created for i in idents]
    began = [d for d in days if d is not None]
    if len(began) < len(days) or max(began) >= when:
        return ""
    first = max(began)
    if not alone:
        return from_today("")
    trial = Draft(draft.header(), draft.before())
    try:
        redo(trial, first)
        trial.finish()
    except DprkError:
        return from_today("")
    return from_today(f"'dprk undo', then '{command(first)}'")


def ended_from_today(
    draft: Draft,
    ident: str,
    other: str,
    when: date,
    end: Callable[[Draft, date], object],
    command: str,
    *,
    order: bool = False,
    alone: bool = True,
) -> str:
    """The words that end the line of an undated end, on `when`, of the link (`order`:
    the order) between the measures `ident` and `other` that stood on days before: it
    ends from today, and every view of a day before keeps it. With, `alone` (the
    command's only change), the ways to correct it instead, after 'dprk undo': to take
    it back as never entered, 'dprk drop-entry ID N' of the entry that made it as it
    stood, where that drop, made on a copy of the ledger as it was, is taken and leaves
    `ident` as the end left it; and to end it on the day it ended, `command` with a
    date, where the end (`end`, made on a draft of a day) dated the day before `when` is
    taken: advice that never fails when followed. "" where it stood from `when` on
    (or one of the two has no day): ended today, it misses no day of it."""
    before = draft.before()
    if ident not in before or other not in before:
        return ""
    a, b = before[ident], before[other]
    life = LedgerLife(before)
    days = [life.life(i).created for i in (ident, other)]
    if order:
        found = changes.order_changes_with(a, other)
        if ident in b.together_with:
            found = sorted(
                [*found, *changes.order_changes_with(b, ident)], key=lambda f: f[0].sort_key()
            )
        since = changes.orders_since(a).get(other)
    else:
        found = changes.link_changes(a, b)
        since = changes.linked_since(a, b)
    began = [d for d in (since, *days) if d is not None]
    if None in days or max(began) >= when:
        return ""
    thing = "order" if order else "link"
    said = f" (from today: views of earlier days keep the {thing}"
    if not alone:
        return said + ")"
    routes = []
    made = found[-1][0] if found and found[-1][1] else None
    if made is not None:
        own = [h for h, sets in found if sets and h.date == made.date and _holds(a, h)]
        made = own[-1] if own else made
        holder = a if _holds(a, made) else b
        number = _entry_number(holder, lambda h: h is made)

        def bond(m: Measure) -> object:
            return _order_with(m, other) if order else other in m.in_exchange_for

        trial = Draft(draft.header(), before)
        try:
            drop_entry(trial, holder.id, int(number))
            trial.finish()
            if bond(trial.get(ident)) == bond(draft.get(ident)):
                routes.append(
                    f"to take it back as never entered: 'dprk undo', then 'dprk drop-entry "
                    f"{holder.id} {number}'"
                )
        except (DprkError, ValueError):
            pass
    trial = Draft(draft.header(), before)
    try:
        end(trial, when - timedelta(days=1))
        trial.finish()
        routes.append(
            f"to end it on the day it ended: 'dprk undo', then '{command} --date YYYY-MM-DD'"
        )
    except DprkError:
        pass
    return said + "".join(f"; {r}" for r in routes) + ")"


def _holds(m: Measure, entry: HistoryEntry) -> bool:
    """Whether `entry` is one of `m`'s history entries (itself, not an equal one)."""
    return any(h is entry for h in m.history)


def _note_option(note: str) -> str:
    """' --note NOTE' of a command advised, or "" for no note."""
    return f" --note {shell_word(note)}" if note else ""


def from_start(draft: Draft, idents: Sequence[str], when: date, given: Mapping[str, Any]) -> str:
    """For an undated edit on `when` of the measures `idents` in `draft` (`given`: the
    fields, sources and note it was given): "'dprk undo', then" the edit of each again,
    dated on its first day where it was a hand-over of today (`_counts_from_today`), as
    given where not ('dprk undo' takes back the change of every one), with its note;
    then "to date the change:" the same, dated on a day to give (`--date DAY`), for a
    change made on a day of its own (a deadline postponed, a measure handed over).
    "" where none was, or where those edits would be refused (a whole made of a part
    from a day it acted on its own) or only recorded (a later change of the field on
    record keeps its value): told by making them on a copy of the ledger as it
    was before the change, as the commands will, so that the advice is never one that
    fails when followed."""
    before = draft.before()
    redo: list[tuple[str, date | None, dict[str, Any]]] = []
    for ident in idents:
        m, new = before[ident], draft.get(ident)
        if new == m:
            continue  # (already so: nothing to redo)
        fields = {
            name: getattr(new, name)
            for name in EDIT_FIELDS
            if name in given and getattr(m, name) != getattr(new, name)
        }  # (a field given as it was: nothing to redo; one as the ledger names it now)
        redo.append((ident, _counts_from_today(m, new, when, draft), fields))
    if all(first is None for _, first, _ in redo):
        return ""
    sources = {
        "add_sources": given.get("add_sources"),
        "remove_sources": given.get("remove_sources"),
    }
    note = given.get("note") or ""
    trial = Draft(draft.header(), before)
    try:
        for ident, first, fields in redo:
            day, dated = (when, False) if first is None else (first, True)
            edit(trial, ident, day, **sources, note=note, dated=dated, alone=False, **fields)
        trial.finish()
    except DprkError:
        return ""
    for ident, _, fields in redo:  # (only recorded, a later change of it kept: not made)
        if any(
            getattr(trial.get(ident), name) != getattr(draft.get(ident), name) for name in fields
        ):
            return ""
    said: list[str] = []
    moved: list[str] = []  # (the same, dated on the day the change was made: a postponement)
    for ident, first, fields in redo:
        options = []
        for name, option in _EDIT_OPTIONS.items():
            value = fields.get(name) if name in EDIT_FIELDS else given.get(name)
            if name in fields and value is None and name == "expected_parts":
                options.append(f"{option} 0")  # (0: none said)
            elif name in fields and value is None:  # (deadline, part_of)
                options.append(f"--no-{option[2:]}")
            elif isinstance(value, list):
                options.extend(f"{option} {shell_word(str(v))}" for v in value)
            elif value is not None:
                options.append(f"{option} {shell_word(str(value))}")
        # (the count of parts, a correction of the record, takes no --date: given apart)
        count = [o for o in options if o.startswith("--expected-parts ")] if first else []
        options = [o for o in options if o not in count]
        if note:
            options.append(f"--note {shell_word(note)}")
            count += [f"--note {shell_word(note)}"] if count else []
        dates = [f"--date {first}", "--date DAY"] if first is not None else ["", ""]
        for each, dating in ((said, dates[0]), (moved, dates[1])):
            each.append(f"'dprk edit {ident} {' '.join([*options, dating]).rstrip()}'")
            if count:
                each.append(f"'dprk edit {ident} {' '.join(count)}'")
    return (
        f"'dprk undo', then {in_prose(said)}; to date the change: 'dprk undo', then "
        f"{in_prose(moved)}"
    )


def link(
    draft: Draft,
    ident: str,
    other: str,
    when: date,
    note: str = "",
    *,
    dated: bool = False,
    standing: bool = True,
) -> str:
    """Record that two measures are exchanged for each other (on both); what was done, in
    words (`standing`: and where the link then stands; not for one a change of the same
    command ends). Dated before a later change of the link between them, it is only
    recorded; so is one given (`dated`: `when` was given) while they are linked already,
    on a later day than the link's last change: an unlink dated between, found later,
    does not undo it."""
    if ident == other:
        raise DprkError(f"measure '{ident}' cannot be exchanged for itself")
    a, b = draft.get(ident), draft.get(other, beside=ident)
    later = changes.link_superseded_by(a, b, when)
    found = changes.link_changes(a, b)
    follows = None  # (the end whose record of the link follows the other's creation there)
    if (
        later is None
        and dated
        and other in a.in_exchange_for
        and found
        and found[-1][0].date < when
    ):
        new_a, new_b, follows = _recorded_on_both(draft, a, b, when, note)
        if follows is None:
            draft.put(new_a)
            draft.put(new_b)
            if not standing:
                return f"{ident}: recorded in exchange for {other} on {when}"
            return (
                f"{ident}: recorded in exchange for {other} on {when}, as it stands (since "
                f"{changes.linked_since(a, b) or found[-1][0].date})"
            )
        # (the entry dated a record that followed a creation: where the link stands from
        # may have moved, which the line says, as a link dated before one on record)
        later = found[-1][0]
    elif later is not None:
        new_a, new_b, follows = _recorded_on_both(draft, a, b, when, note)
    else:
        new_a = changes.link_exchange(a, other, when, note)
        new_b = changes.link_exchange(b, ident, when, note)
    draft.put(new_a)
    draft.put(new_b)
    if follows is not None:
        # (the creation the entry dates, and the record that follows it, put where they
        # now stand: a change after this one in the same command, the end 'link --until'
        # gives, reads the link there, not on the creation's old day)
        made = draft.get(follows[1])
        day = effective_creation(made)
        if day is not None:  # (it is: the entry on it dates it)
            draft.put(changes.undated_creation_on(made, day))
        draft.date_links_to(follows[1])
    unchanged = "" if not standing else "; nothing changed"
    if new_a is a and new_b is b:
        if later is not None:
            return f"{ident}: already recorded in exchange for {other} on {when}{unchanged}"
        return f"{ident}: already in exchange for {other}{unchanged}"
    if later is not None:
        alone = ""
        if follows is not None:
            p, of, dated_so = follows
            alone = (
                f" (on {of}: {p}'s record of the link, written when {of} was added, is dated "
                "that day)"
                if dated_so
                else f" (on {of}: {p}'s record of the link follows {of}'s creation to that day)"
            )
        if not standing:
            return f"{ident}: recorded in exchange for {other} on {when}{alone}"
        return (
            f"{ident}: recorded in exchange for {other} on {when}{alone}; "
            f"{_link_stays(draft, a, b, other, later)}"
        )
    said = f"{ident}: in exchange for {other} (recorded on both)"
    if dated or not standing:
        return said
    # (linked from today: the days before read the two unlinked, so the line says so)
    return said + begun_from_today(
        draft,
        [ident, other],
        when,
        lambda trial, day: link(trial, ident, other, day, note, dated=True),
        lambda day: f"dprk link {ident} {other}{_note_option(note)} --date {day}",
    )


def _recorded_on_both(
    draft: Draft, a: Measure, b: Measure, when: date, note: str
) -> tuple[Measure, Measure, tuple[str, str, bool] | None]:
    """`a` and `b` with the link between them recorded on `when` (`changes.recorded_only`),
    on both, but where one end's record of it, written when the other was added with it
    without a date, stands there once the entry on the other dates its creation
    (`_follows_to`): that end is as `_follows_to` leaves it. And, for that end, its id,
    the other's, and whether its record was given the day (None: both have the entry)."""
    new_a = changes.recorded_only(
        a, changes.entry(when, "exchange", detail=changes.exchange_text(b.id), note=note)
    )
    new_b = changes.recorded_only(
        b, changes.entry(when, "exchange", detail=changes.exchange_text(a.id), note=note)
    )
    # (one end added with the link without a date, the other's record of it follows its
    # creation, which the entry on it now dates `when`: a second entry there restates it)
    for end, theirs in ((b, new_a), (a, new_b)):
        kept = _follows_to(draft, end, theirs, when)
        if kept is not None:
            if end is a:
                return kept, new_b, (end.id, theirs.id, kept is not end)
            return new_a, kept, (end.id, theirs.id, kept is not end)
    return new_a, new_b, None


def _follows_to(draft: Draft, p: Measure, of: Measure, when: date) -> Measure | None:
    """`p` as a link with `of` on `when` leaves it, when its record of the link, written
    when `of` was added with it without a date (`changes.follows_creation`), stands on
    `when` once `of` (as the change has it: holding a change of the link on `when`) dates
    its creation: an entry of the link on `p` on that day would restate it
    (`changes.recorded_only`). `p` itself, its record following `of`'s creation there (an
    event typed later that moves that creation leaves the link recorded on `p` on `when`:
    `changes.links_dated`); or, `p` added without a date too, and not begun before `when`
    by events of its own, `p` with that record dated `when` (`changes.
    creation_link_dated`): it counts from the later of the two beginnings, and `p`'s own,
    which the entry would have begun on `when`, may be its later events' (a note typed
    after the link, or the link's end) or none at all. None when an entry on `p` is
    needed. Not for `of` made of parts, which its parts may date otherwise."""
    if draft.parts_of(of.id) or not any(changes.follows_creation(h, of.id) for h in p.history):
        return None
    created = next((h for h in of.history if h.event == CREATED), None)
    day = effective_creation(of)
    if created is None or not created.undated or day is None:
        return None
    mine = next((h for h in p.history if h.event == CREATED), None)
    if mine is None or not mine.undated:
        return p if changes.link_day(p, day) == when else None
    begun = LedgerLife(draft.index()).own_beginning(p)
    if begun is not None and begun < when:
        # (begun before the link by events of its own, which the link does not move: its
        # record follows `of`'s creation, as a dated measure's does)
        return p if changes.link_day(p, day, begun) == when else None
    # (begun, as the entry on `when` would begin it, on that day at the latest)
    if changes.link_day(p, day, when if begun is None else min(begun, when)) != when:
        return None
    return changes.creation_link_dated(p, of.id, when)


def link_until(
    draft: Draft, ident: str, other: str, when: date, until: date, note: str, *, dated: bool
) -> list[str]:
    """Record a link of `ident` and `other` from `when` with its end on `until`, in one
    change (`link` then `unlink`); what was done, a line each, where the link then stands
    said once, on the end's line. The `note` is the link's: its end is recorded with none
    (what the note says did not end it)."""
    # (the state between the two steps was never held: what the end says it was is what
    # the ledger held before the change)
    was = (draft.get(ident), draft.get(other) if draft.has(other) else None)
    return [
        link(draft, ident, other, when, note, dated=dated, standing=False),
        unlink(draft, ident, other, until, was=was, dated=True),
    ]


def unlink(
    draft: Draft,
    ident: str,
    other: str,
    when: date,
    note: str = "",
    *,
    was: tuple[Measure, Measure | None] | None = None,
    dated: bool = False,
) -> str:
    """Drop the exchange link between two measures (from both); what was done, in words.
    Dated before a later change of the link, it is only recorded, if they were linked then
    (and said so when that moved the day the link stands as it does from, against `was`,
    the two measures before the change: as they are now by default). Not `dated` (`when`
    was not given), the end of a link that stood before `when` says it is from today
    (`ended_from_today`)."""
    a = draft.get(ident)
    if other == ident and ident not in a.in_exchange_for:  # (one listing itself is mended)
        raise DprkError(f"measure '{ident}' cannot be exchanged for itself")
    if (
        not draft.has(other)
        and other not in a.in_exchange_for
        and not changes.link_changes(a, other)
    ):  # (an id of no measure is refused as every command refuses it, unless `a` still
        # lists it, or its history ends the link: a measure removed since)
        draft.require([other], beside=ident)
    b = draft.get(other) if draft.has(other) and other != ident else None
    if b is None and other != ident and changes.typed_wrong_link(a, other):
        if dated:
            raise DprkError(
                f"'{other}' is no measure of this ledger, and '{ident}' has no record of a "
                "link to it: dropping it corrects the record, which has no day; leave out "
                "--date"
            )
        draft.put(changes.typed_wrong_link_dropped(a, other, when, note))
        return (
            f"{ident}: dropped the exchange link to {other}, no measure of this ledger "
            "(a correction of the record, no event of the talks)"
        )
    later = changes.link_superseded_by(a, b, when) if b is not None else None
    if later is not None and b is not None:
        found = changes.link_changes(a, b)
        by_then = [(h, linked) for h, linked in found if h.date <= when]
        if not changes.linked_then(found, when):
            if by_then and by_then[-1][0].date == when:
                return (
                    f"{ident}: already recorded no longer in exchange for {other} on {when}; "
                    "nothing changed"
                )
            since = (
                f"unlinked on {by_then[-1][0].date}"
                if by_then
                else f"first linked on {found[0][0].date}"
            )
            raise DprkError(
                f"measures '{ident}' and '{other}' were not exchanged for each other on {when} "
                f"({since})"
            )
        for m, partner in ((a, other), (b, ident)):
            said = f"no longer {changes.exchange_text(partner)}"
            draft.put(
                changes.recorded_only(m, changes.entry(when, "exchange", detail=said, note=note))
            )
        return (
            f"{ident}: recorded no longer in exchange for {other} on {when}; "
            f"{_link_stays(draft, *(was or (a, b)), other, later)}"
        )
    # (neither lists the other, while the history of one still links them: its end is
    # recorded there, as the other's history has it: `changes.unlink_exchange`)
    listed = other in a.in_exchange_for or (b is not None and ident in b.in_exchange_for)
    owed = b is not None and True in (
        changes.link_in_force(a, other),
        changes.link_in_force(b, ident),
    )
    if not listed and not owed:
        ended = changes.link_changes(a, b if b is not None else other)
        if ended and not ended[-1][1]:  # (ended already: on that day, or before it)
            day = ended[-1][0].date
            if day == when:
                return (
                    f"{ident}: already recorded no longer in exchange for {other} on {when}; "
                    "nothing changed"
                )
            raise DprkError(
                f"measures '{ident}' and '{other}' were not exchanged for each other on "
                f"{when} (unlinked on {day})"
            )
        if b is None:
            # (a measure removed since, the link standing in the history until then: the
            # removal ended it, and no link can be entered with an id of no measure, as
            # the refusal of its id says)
            draft.require([other], beside=ident)
        raise DprkError(
            f"measures '{ident}' and '{other}' are not exchanged for each other (to record a "
            f"link not entered yet that ended on {when}, give it with its end: 'dprk link "
            f"{ident} {other} --date YYYY-MM-DD --until {when}')"
        )
    draft.put(changes.unlink_exchange(a, other, when, note))
    if b is not None:
        draft.put(changes.unlink_exchange(draft.get(other), ident, when, note))
    if not listed:  # (its end recorded where a history lacked it)
        on = [m.id for m in (a, b) if m is not None and draft.get(m.id) is not m]
        return f"{ident}: recorded no longer in exchange for {other} on {when}, on {', '.join(on)}"
    said = f"{ident}: no longer in exchange for {other}"
    if dated or b is None:
        return said
    # (ended from today: the days before read the two linked, so the line says so)
    return said + ended_from_today(
        draft,
        ident,
        other,
        when,
        lambda trial, day: unlink(trial, ident, other, day, note, dated=True),
        f"dprk unlink {ident} {other}{_note_option(note)}",
    )


def _link_stays(
    draft: Draft, was: Measure, partner: Measure | None, other: str, later: HistoryEntry
) -> str:
    """What the link between `was` and `other` (`partner`, both before the change) stays,
    after a change dated before `later`: linked or not, since the day from which it has
    stood so without a break, as the draft has it; and, when the change moved that day
    (a link dated before the one on record, an unlink before the unlink on record), the
    day it was before (not said with no `partner`)."""
    m = draft.get(was.id)
    linked = "in exchange for" if other in m.in_exchange_for else "not in exchange for"
    since = later.date
    if draft.has(other):
        since = changes.link_run_since(changes.link_changes(m, draft.get(other))) or since
    before = since  # (none given: not said)
    if partner is not None:
        before = changes.link_run_since(changes.link_changes(was, partner)) or before
    if since != before:
        return f"{m.id} is {linked} {other} from {since} on (it was from {before})"
    return f"{m.id} stays {linked} {other} (since {since})"


def settled_first(m: Measure, name: str) -> None:
    """Refuse a change of field `name` of `m` while a merge holds it in conflict: the
    value a settlement takes would be in doubt, or no side's would fit (a history
    redated, or a finding dropped, on neither side's history)."""
    if any(c.field == name for c in m.conflicts):
        values = "ours|theirs" if name == HISTORY else "ours|theirs|VALUE"
        mine = "" if name == HISTORY else " (a value of your own settles it too)"
        raise DprkError(
            f"measure '{m.id}': its {name} is in conflict from a merge; settle it first "
            f"with 'dprk resolve {m.id} --field {name} --take {values}'{mine}"
        )


def party_settled_first(draft: Draft, *names: str) -> None:
    """Refuse a change of the parties list naming a party a merge holds in conflict
    (spelled two ways, or renamed two ways): the settlement renames the one it finds
    under our name, and would find none, or the wrong one."""
    from .rules import PARTY

    typed = {*names, *(name.strip() for name in names)}  # (an old name as spelt, or trimmed)
    for c in draft.conflicts:
        if c.field == PARTY and {c.ours, c.theirs} & typed:
            field = settle_field(c, draft.conflicts)
            raise DprkError(
                f"party {party_in_prose(str(c.ours), quoted=True)} is in conflict from a merge "
                f"(theirs {party_in_prose(str(c.theirs), quoted=True)}); settle "
                f"it first with 'dprk resolve --field {field} --take ours|theirs|NAME'"
            )


def not_before_creation(m: Measure, when: date, what: str, *, undated: bool = False) -> None:
    """Refuse a correction of the record (a rename, a title fixed: `correction`) dated
    before `m`'s dated creation: nothing can happen to a measure before the day it was
    made, and its log, in date order, would list the correction above its creation. (An
    undated creation moves back, as for any event; a correction does not move it: a
    rename, `undated`, is refused before the day such a measure is dated from too.)"""
    made = made_after(m, when, undated=undated)
    if made is not None:
        raise DprkError(
            f"--date: {when} is before '{m.id}' was created ({made_in_words(m, made)}); date "
            f"the {what} on or after that day"
        )


class _Again(NamedTuple):
    """The change a refusal for corrections left (`_refuse_corrections_left`) advises to
    make again once they are redated: `verb` ("redate", "drop") entry `entry` of measure
    `ident` (as the file holds it), by the command `command` gives for its number."""

    verb: str
    ident: str
    entry: HistoryEntry
    command: Callable[[int], str]


def _refuse_corrections_left(
    draft: Draft, change: str, again: _Again, ids: Collection[str]
) -> None:
    """Refuse a `change` (in words: "entry 2 of 'x' (...) dropped") of the measures `ids`
    that would leave a correction of the record dated before the day a measure was made
    (`lifecycle.correction_before_creation`, the rule `dprk check` reports): a drop or a
    redate of the event that dated it moves that day, and a redate of the creation dates
    it. Said of every correction left, with every other error the change makes in the
    measure's history (`_other_reasons`), and the redates that date the corrections on the
    new day, the one dated last first (renames stay in the order they were made), then the
    change `again`: numbered as it will be once those redates are made (`_numbered_after`),
    or, where another error is to be mended first, named by what it is."""
    for ident in ids:
        if not draft.has(ident) or ident not in draft.before():
            continue
        was, now = draft.before()[ident], draft.get(ident)
        known = early_corrections(was)
        left = [h for h in early_corrections(now) if h not in known]
        if not left:
            continue
        left.sort(key=lambda e: (e.date, e.recorded), reverse=True)
        made = correction_before_creation(now, left[0])
        assert made is not None
        said = " and ".join(
            f"{describe_entry(h, None)}{f' ({h.detail})' if h.detail else ''}" for h in left
        )
        # (an undated creation, given a date: a correction may come before it no longer)
        dated = dated_creation(now) is not None and dated_creation(was) is None
        others = _other_reasons(was, now, left)
        redates, number = _numbered_after(draft, ident, left, made, again)
        which = f"the {left[0].event}" if len(left) == 1 else "those"
        first = f"redate {which} first ({', then '.join(redates)})"
        if others or number is None:
            mended = " once that is mended" if others else ""
            what = describe_entry(again.entry, None)
            then = (
                f"then {again.verb} this entry{mended} ({what}: 'dprk log {again.ident}' "
                "numbers the entries anew)"
            )
        else:
            then = (
                f"then {again.verb} this entry, numbered {number} by then "
                f"('{again.command(number)}')"
            )
        raise DprkError(
            f"{change}, {said} would come before '{ident}' was created "
            f"({made_in_words(now, made)}): a correction is dated on or after that day"
            f"{', once the creation has a date' if dated else ''}"
            f"{''.join(f'; besides, {o}' for o in others)}; {first}, {then}"
        )


def _other_reasons(was: Measure, now: Measure, left: Sequence[HistoryEntry]) -> list[str]:
    """The errors the replay finds in `now` (a change of `was`) besides the corrections
    `left` before its creation, and not in `was`: each, in words, one more reason the
    change is refused (its advice numbers no entry: those are of a history not written)."""
    before = {unnumbered(p.message) for p in replay(was).problems}
    said = []
    for p in blocking(replay(now).problems):
        if p.entry is not None and any(p.entry is h for h in left):
            continue
        text = unnumbered(p.message)
        if text not in before and text not in said:
            said.append(text)
    return said


def _numbered_after(
    draft: Draft, ident: str, left: Sequence[HistoryEntry], made: date, again: _Again
) -> tuple[list[str], int | None]:
    """The redates that date the corrections `left` of `ident` (the one dated last first)
    on `made`, each a command numbered as the file will then be; and the number the entry
    to change `again` has once they are made (None when that cannot be told: a redate
    refused, or the entry not found). Told by making them on a copy of the ledger as it
    stands, as the commands will."""
    trial = Draft(draft.header(), draft.before())
    said: list[str] = []
    number: int | None = None
    try:
        for h in left:
            n = next(n for n, e in enumerate(in_log_order(trial.get(ident)), 1) if e == h)
            said.append(f"'dprk redate {ident} {n} {made}'")
            redate(trial, ident, n, made)
        ordered = in_log_order(trial.get(again.ident))
        number = next(
            (n for n, e in enumerate(ordered, 1) if e is again.entry),
            next((n for n, e in enumerate(ordered, 1) if e == again.entry), None),
        )
    except (DprkError, StopIteration):
        pass
    if len(said) < len(left):  # (numbered as the file holds them: each by the log anew)
        said = [f"'dprk redate {ident} N {made}'"]
    return said, number


def rename(draft: Draft, old: str, new: str, when: date, *, said: bool = True) -> int:
    """Give measure `old` the id `new`, and rewrite every reference to it; how many
    other measures changed. `said`: its history records the rename (not for an id a
    merge's side gave it, whose own rename its history holds: `resolve`)."""
    m = draft.get(old)
    check_id(new, "NEW_ID")
    if new == old:
        raise DprkError(f"measure '{old}' has the id '{new}' already")
    if draft.has(new):
        raise DprkError(f"a measure with id '{new}' already exists; choose another id")
    _refuse_past_id(draft, new, "NEW_ID")
    _refuse_case_twin(draft, new, "NEW_ID", old)
    not_before_creation(m, when, "rename", undated=True)
    since = changes.id_since(m)
    if since is not None and when < since:
        raise DprkError(
            f"--date: {when} is before '{old}' took that id ({since}); date the rename on or "
            "after that day"
        )
    renamed = changes.rename_in(m, old, new)
    draft.remove(old)
    if said:
        renamed = changes.with_entry(renamed, changes.entry(when, RENAME, detail=rename_text(old)))
    draft.put(renamed)
    others = 0
    for other in map(draft.get, draft.mentioning(old)):
        if other.id == new:
            continue
        updated = changes.rename_in(other, old, new)
        if updated is not other:
            draft.put(updated)
            others += 1
    return others


def _held_in_the_past(draft: Draft, ident: str) -> list[str]:
    """The measures whose history names `ident` as a measure none now has: one removed
    (or renamed, its old id named by a change made before) that they were exchanged
    for, sequenced with or a part of."""
    return sorted(
        i
        for i in draft.mentioning(ident)
        if i != ident and draft.has(i) and ident in changes.history_references(draft.get(i))
    )


def _named_in_the_past(draft: Draft, ids: list[str]) -> dict[str, list[str]]:
    """Of `ids` (new ones), those the history of the ledger's measures names, each with
    those measures (`_held_in_the_past`): one id at a time for a few, the histories read
    once for many."""
    if len(ids) <= 20:
        return {i: held for i in ids if (held := _held_in_the_past(draft, i))}
    wanted = set(ids)
    found: dict[str, list[str]] = {}
    for ident in draft:
        m = draft.get(ident)
        for other in wanted & changes.history_references(m):
            found.setdefault(other, []).append(ident)
    return {i: sorted(holders) for i, holders in found.items() if not draft.has(i)}


def _refuse_past_id(draft: Draft, ident: str, option: str) -> None:
    """Refuse to give a measure an id the history of others names (`_held_in_the_past`):
    their past would become its past (an exchange, an order, a part it never had)."""
    holders = _held_in_the_past(draft, ident)
    if holders:
        gone = _removed_by_record(draft, ident, holders)
        also = "" if gone else " (the measure it names, exported with its history, imports)"
        raise DprkError(
            f"{option}: {_past_id_problem(ident, holders, gone)}; choose another id{also}"
        )


def _removed_by_record(draft: Draft, ident: str, holders: list[str]) -> bool:
    """Whether the history of one of `holders` (measures whose history names `ident`)
    records the removal of `ident` (`changes.removals_recorded`): a measure removed, not
    one this ledger has yet to take in (an export chosen by filters names those it left
    out). A removal that dropped no reference records none: its id is named all the same."""
    return any(ident in changes.removals_recorded(draft.get(h)) for h in holders)


def _past_id_problem(ident: str, holders: list[str], gone: bool) -> str:
    what = (
        "no longer in the ledger" if gone else "not in this ledger (removed, or not taken in yet)"
    )
    return (
        f"'{ident}' is the id of a measure {what}, named in the history of "
        f"{_some(holders, 'measure')}: a new one by that id would take on that past"
    )


def added_twice(draft: Draft, ident: str) -> str | None:
    """The measure that `ident`, just added, seems to be added again (`alike_on_record`);
    None if none."""
    return alike_on_record(draft, [ident]).get(ident)


def whole_began_before(draft: Draft, ident: str, when: date) -> tuple[str, date] | None:
    """The measure `ident` is a part of, and the day it began, where that is before `when`
    and `ident`, given no date, begins on `when` itself (an undated creation no earlier
    event dates): a part counts from the day it became one, so the whole's days before
    `when` read without it, in every view and `--as-of`. The rule stands; the write that
    makes such a part says so, and how to count it from the whole's first day instead
    (`part_from_today`; an edit of `part_of`, `_counts_from_today`). None otherwise."""
    m = draft.get(ident)
    created = next((h for h in m.history if h.event == CREATED), None)
    if m.part_of is None or created is None or not created.undated or not draft.has(m.part_of):
        return None
    if (own_undated_day(m) or when) < when:
        return None
    began = LedgerLife(draft.index()).life(m.part_of).created
    if began is None or began >= when:
        return None
    return m.part_of, began


def part_from_today(draft: Draft, ident: str, when: date) -> str | None:
    """The warning of a write that added `ident` without a date as a part of a measure
    begun before (`whole_began_before`): the whole's past reads without it (its `mark`
    of a past day then says the whole less done from today alone), and the redate of
    its creation that counts it from the whole's first day, as `--date` would have;
    that advice only where a copy of the ledger takes it (a whole that acted on its
    own then is refused a part), so that it never fails when followed. None otherwise."""
    found = whole_began_before(draft, ident, when)
    if found is None:
        return None
    whole, began = found
    said = (
        f"{ident}: a part of {whole} from today only, added without --date: {whole}'s days "
        "before today read without it"
    )
    trial = Draft(draft.header(), draft.index())
    try:
        redate(trial, ident, 1, began)
        trial.finish()
    except DprkError:
        return said
    status = draft.get(ident).status
    acted = "" if status == Status.proposed else f" ({status.value} from then)"
    return (
        f"{said}; 'dprk redate {ident} 1 {began}' counts it from {whole}'s first day, as "
        f"--date {began} would have{acted}"
    )


def alike_on_record(draft: Draft, added: Collection[str]) -> dict[str, str]:
    """For each measure of `added` (just added, or given a title or an actor anew:
    `made_alike`) that seems to be one on record added again, that one: the first, in
    file order, of the same title and actor (`rules.alike_key`, as `dprk check`'s
    measures-alike asks), whatever id either was given, of the measures not in `added`.
    One pass over every title and actor."""
    added = set(added)
    wanted: dict[tuple[str, str], list[str]] = {}
    for ident in added:
        m = draft.get(ident)
        wanted.setdefault(alike_key(m.title, m.actor), []).append(ident)
    found: dict[str, str] = {}
    index = draft.index()
    # (a title no other measure on record may have, as the store tells without reading
    # one, is not looked for: most often, none is. Asking is a search of every kept
    # title, of about the cost of the pass below, which finds every title at once: for
    # one title alone, then, not for each of an import's, the square of its rows)
    if len(wanted) == 1:
        wanted = {key: ids for key, ids in wanted.items() if index.may_hold_title(key[0], added)}
    if not wanted:
        return found
    for i, title, actor in index.titles():
        if i in added:
            continue
        key = alike_key(title, actor)
        for ident in wanted.pop(key, ()):
            found[ident] = i
        if not wanted:
            break
    return found


def made_alike(draft: Draft, edited: Collection[str]) -> dict[str, str]:
    """For each measure of `edited` (by the change `draft` holds) whose title or actor
    the change made read otherwise (`rules.alike_key`), the measure it now seems to be
    added twice beside: one on record (`alike_on_record`, as `add-measure` and `import`
    warn of one), else one of `edited` before it, made alike in the same change. An edit
    that leaves a measure's title and actor reading as they did makes nothing alike (an
    alike measure on record before is check's to tell)."""
    before = draft.before()
    changed: dict[str, tuple[str, str]] = {}
    for ident in edited:
        m = draft.get(ident)
        key = alike_key(m.title, m.actor)
        was = before.get(ident)
        if was is not None and alike_key(was.title, was.actor) == key:
            continue
        changed[ident] = key
    found = alike_on_record(draft, list(changed))
    first: dict[tuple[str, str], str] = {}
    for ident, key in changed.items():
        twin = first.setdefault(key, ident)
        if twin != ident and ident not in found:
            found[ident] = twin
    return found


def _refuse_case_twin(draft: Draft, ident: str, option: str, renamed: str = "") -> None:
    """Refuse a new id that differs from a measure's in case alone (`rules.case_twin`);
    the measure being `renamed` may change its own id's case."""
    twin = case_twin(ident, (i for i in draft if i != renamed))
    if twin is not None:
        raise DprkError(
            f"{option}: '{ident}' differs from the id of measure '{twin}' in case alone; "
            "give another id"
        )


class _Taken:
    """The ids a new measure may not take: those of the ledger's measures, one that
    differs from one of them in case alone (`rules.case_twin`: 'yongbyon' beside
    'Yongbyon'), and those the history of others names (`_held_in_the_past`)."""

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self._keys: set[str] | None = None  # (every id's `rules.id_key`, when first asked)

    def __contains__(self, ident: object) -> bool:
        if not isinstance(ident, str):
            return False
        if self.draft.has(ident):
            return True
        if self._keys is None:
            self._keys = {id_key(i) for i in self.draft}
        return id_key(ident) in self._keys or bool(_held_in_the_past(self.draft, ident))


def remove(
    draft: Draft,
    ident: str,
    when: date,
    *,
    force: bool = False,
    along: Collection[str] = (),
    dated: bool = False,
) -> list[tuple[str, date]]:
    """Remove a measure; refused while others refer to it unless `force`, which drops
    those references (the ids changed are returned, each with the day its entry says: a
    measure made, or linked to it, after `when` has its reference dropped that day). The
    measures removed `along` with it (in the same command) do not count: measures that
    refer only to each other go together. The changes of exchange links it alone
    recorded (a link another measure was added with) are written on that measure first
    (`changes.link_record_kept`): the history of the links it ends stays with the
    measures that stay."""
    draft.get(ident)
    referring = [other for other in draft.referring_to(ident) if other not in along]
    if referring and not force:
        shown = parts_in_brief(referring)
        raise DprkError(
            f"measure '{ident}' is referred to by {shown} (exchange links, sequencing or "
            f"parts); 'dprk remove {' '.join(along or [ident])}"
            f"{f' --date {when}' if dated else ''} --force' drops those references too, "
            f"their entries kept in the history{_ways_back(draft, ident, referring, when)}"
        )
    gone = draft.get(ident)
    draft.remove(ident)
    # (the links it alone recorded, as the measures that stay were added with them:
    # kept in their own history, as a link recorded on both is)
    for other in sorted(changes.link_changes_by_other(gone)):
        if draft.has(other):
            kept = changes.link_record_kept(draft.get(other), gone)
            if kept is not draft.get(other):
                draft.put(kept)
    dropped = []
    for other in referring:
        m = draft.get(other)
        # (a measure made later, or linked later: its reference dropped then, not before
        # it was made, as `sequence --remove` and `unlink` refuse)
        on = max(written_on(m, when), changes.last_named(m, ident) or when)
        draft.put(changes.drop_references(m, ident, on))
        dropped.append((other, on))
    return dropped


# (how many measures referring to one removed `remove`'s refusal says each way back of)
_WAYS_SAID = 3


def _ways_back(draft: Draft, ident: str, referring: list[str], when: date) -> str:
    """How `remove`'s refusal says the references of the measures `referring` to `ident`
    are taken back, in words ("; ..."), each command working when run in the order given:
    a link or an order as if never entered, by dropping the entry of it in force
    (`drop_entry`: on either measure, where it was recorded; one another measure was added
    with is on `ident` alone), numbered as the log will be once the drops before it are
    made (a change of an order dropped gives back the one it replaced: the changes before
    it are dropped in turn, the last first); an order no entry takes back (one given when
    the measure was added, which dropping its changes gives back), a link no entry takes
    back (one written by hand, as the bundled example has) and a part, by the change that
    ends it on the day `--force` would
    (its end kept in the other's history, as `--force` keeps it). Told by making the drops
    on a copy of the ledger as the file holds it. More than `_WAYS_SAID` measures: how to
    find the entries."""
    if len(referring) > _WAYS_SAID:
        return (
            "; to take a link or an order back as if never entered, drop its entry first "
            f"('dprk drop-entry ID N': 'dprk log ID' numbers them, 'dprk log {ident}' those "
            "of the links other measures were added with)"
        )
    trial = Draft(draft.header(), draft.before())
    drops: list[str] = []
    ends: list[str] = []

    def dropped(holder: str, entries: list[HistoryEntry], gone: Callable[[Measure], bool]) -> bool:
        """Whether dropping `entries` of `holder`, in turn until the reference is taken
        back (`gone` of the other measure then), takes it back: made on the trial, and
        said, if so. (A change dropped may give back the order it replaced: the change
        before it is dropped next.)"""
        nonlocal trial
        attempt, said = trial, []
        for entry in entries:
            found = enumerate(in_log_order(attempt.get(holder)), 1)
            number = next(n for n, e in found if e == entry)
            attempt = Draft(attempt.header(), attempt.index())
            try:
                drop_entry(attempt, holder, number)
            except DprkError:
                return False
            said.append(f"'dprk drop-entry {holder} {number}'")
            if gone(attempt.get(other)):
                trial = attempt
                drops.extend(said)
                return True
        return False

    for other in referring:
        m = trial.get(other)
        on = max(written_on(m, when), changes.last_named(m, ident) or when)
        order = next((c for c in m.constraints if c.other == ident), None)
        # (the entries in force of its link and its order with `ident`, the one the log
        # lists last dropped first: the other's number stays)
        wanted: list[tuple[str, list[HistoryEntry], Callable[[Measure], bool]]] = []
        found = changes.link_changes(m, trial.get(ident))
        linked = None  # (the entry in force of its link, where one is)
        if ident in m.in_exchange_for and found and found[-1][1]:
            linked = found[-1][0]
            holder = other if any(h == linked for h in m.history) else ident
            wanted.append((holder, [linked], lambda n: ident not in n.in_exchange_for))
        changed = changes.order_changes_with(m, ident) if order is not None else []
        if changed:  # (the last first, back to the one that leaves no order)
            wanted.append(
                (
                    other,
                    [c[0] for c in reversed(changed)],
                    lambda n: all(c.other != ident for c in n.constraints),
                )
            )
        wanted.sort(key=lambda w: in_log_order(trial.get(w[0])).index(w[1][0]), reverse=True)
        taken = [w[1][0] for w in wanted if dropped(*w)]
        if order is not None and not (changed and changed[-1][0] in taken):
            ends.append(
                f"no entry dropped takes back {other}'s order {changes.constraint_text(order)} "
                f"(one given when it was added has none): 'dprk sequence {other} --remove "
                f"{ident} --date {on}' ends it first, as --force does, the end kept in "
                f"{other}'s history"
            )
        if ident in m.in_exchange_for and not (linked is not None and linked in taken):
            ends.append(
                f"no entry dropped takes back {other}'s exchange link with {ident} (one "
                f"written by hand has none): 'dprk unlink {other} {ident} --date {on}' ends it "
                f"first, as --force does, the end kept in {other}'s history"
            )
        if m.part_of == ident:
            ends.append(
                f"{other} is a part of it: 'dprk edit {other} --no-part-of --date {on}' takes "
                f"it out first, as --force does, kept in {other}'s history"
            )
    said = ""
    if drops:
        their = "its entry first" if len(drops) == 1 else "their entries first, in this order"
        said += (
            f"; to take a link or an order back as if never entered, drop {their} "
            f"({', then '.join(drops)})"
        )
    return said + "".join(f"; {end}" for end in ends)


def redate(
    draft: Draft, ident: str, number: int, when: date, note: str = ""
) -> tuple[str, HistoryEntry, Callable[[], str], str]:
    """Correct the date of the `number`-th history entry (and the other measure's record
    of the same change, for a link kept on both); what it was, in words (as its correction
    names it: `redated_name`), the entry as it was (its number once written:
    `renumbered`), the other record redated, in words to be said once the draft is
    finished ("" for none: the numbers are those the log gives the ledger as written,
    `_its_entry`), and the order or link now in force, in words ("" when it stays; a
    dated field an edit changed is said by `fields_corrected`)."""
    before = draft.get(ident)
    settled_first(before, HISTORY)
    twin = changes.redate_repeats(before, number, when)
    if twin is not None:
        _refuse_step_repeated(draft, ident, number, twin, when)
    m, old = changes.redate(before, number, when)
    made = correction_before_creation(m, old.model_copy(update={"date": when}))
    if made is not None and changes.is_party_rename(old):  # (moved on every measure)
        raise DprkError(
            f"{ident}: the rename would be dated {when}, before '{ident}' was created "
            f"({made}): it then had the new name from the start; "
            + _rename_moved_by(draft, old, when)
        )
    if made is not None:  # (as `edit` and `rename` refuse one)
        raise DprkError(
            f"{ident}: the {old.event} entry would be dated {when}, before '{ident}' was "
            f"created ({made}); a correction is dated on or after that day"
        )
    if changes.is_rename(old):  # (as `rename` and `rename-party` refuse one)
        _renames_kept_in_order(ident, m)
    for name in changes.CORRECTED_FIELDS if old.event == "edit" else ():
        crossed = changes.correction_crossed(before, name, when, moved=old)
        if crossed is not None and field_said(old.detail, name) is not None:
            way = "before" if crossed.date > when else "after"
            raise DprkError(  # (as `edit` refuses one)
                f"{ident}: entry {number} ({describe_entry(old, None)}) redated to {when} "
                f"would come {way} {describe_entry(crossed, None)} ({crossed.detail}), a "
                f"correction of its {name} made {way} it; corrections of a field keep the "
                "order they were made in"
            )
    _refuse_findings_made_one(m, number, when)
    own_word_found(draft, m, f"redating entry {number} to {when}")
    other = changes.sequenced_with(old)
    ended = ""  # (an end of the `with` dropped with it, in words)
    if other is not None and changes.sets_with(old, other):
        # (an end of the `with` that the other measure's order brought about, dated
        # before the `with` now begins, ends none: dropped, as `_mirror_redated` drops
        # the other measure's; typed in date order it would never have been written)
        stale = changes.ends_of_no_with(m, other)
        if stale and draft.has(other):  # (a removal typed is a fact: it stays, and refuses)
            typed = changes.removals_typed(m, draft.get(other), stale)
            stale = [h for h in stale if not any(h is t for t in typed)]
        if stale:
            kept = [h for h in m.history if not any(h is e for e in stale)]
            m = changes.as_history_says(m.model_copy(update={"history": kept}), other)
            ended = f"the end of the with on {', '.join(str(h.date) for h in stale)} dropped"
    if other is not None and changes.removal_without_order(before, other) is None:
        refused = changes.removal_without_order(m, other, before)
        if refused is not None:
            raise refused
    found = next((v for h, v in match_verifications(before) if h is old), None)
    full = says_extents(before.history)  # (an implementation in full: '(full)' said)
    was = redated_name(old, found, full=full)  # (as its correction names it)
    m, carried = _links_carried(draft, before, m)
    _redated(
        draft,
        m,
        number,
        old,
        when,
        note,
        (f"; {ended}: it would end no order" if ended else "") + carried,
        found,
        full,
    )
    mirrored, theirs = _mirror_redated(draft, before, old, when, note)
    if changes.is_party_rename(old):
        mirrored = _rename_redated(draft, ident, old, when, note)
    if ended:  # (the line says it too)
        mirrored = _and_then(mirrored, ended)
    _links_followed(draft, ident, note)
    partner = exchanged_with(old)
    if partner is not None and partner != ident:
        # (a measure since removed: its side of the link is gone, this one's history stays)
        side = draft.get(partner) if draft.has(partner) else partner
        unlinked = changes.unlinked_before_linked(draft.get(ident), side)
        if unlinked is not None:
            raise unlinked
    if partner is not None and draft.has(partner) and partner != ident:
        made = effective_creation(draft.get(partner))
        # (a link kept on both sides is refused by the other measure's creation, its
        # record moved with this one: this is for the one written on one side alone)
        if not mirrored and made is not None and when < made:  # (as `link` refuses one)
            raise DprkError(
                f"{ident}: its exchange link with '{partner}' would be dated {when}, before "
                f"'{partner}' was made ({made}); correct the other date ('dprk log "
                f"{partner}' numbers its entries)"
            )
        added = changes.added_with_link(draft.get(partner), ident)
        if not mirrored and added is not None and linked_by(old):
            # (its creation records the link, and stays: the link counts from this day)
            said = f"{partner} was added with it on {added}"
            mirrored = _and_then(None, f"so is the link on {partner}'s side ({said})")
    # (each side's order in force: putting one in force may end the other's `with`, and
    # leave the order that other measure's own later change set)
    orders = [_order_redated(draft, ident, old)]
    if theirs is not None:
        orders.append(_order_redated(draft, theirs[0], theirs[1]))
    said = "; ".join(o for o in orders if o) or _link_redated(draft, ident, old)
    # (the day a measure was made follows its first event: redated, it may pass a correction)
    change = f"entry {number} of '{ident}' ({was}) redated to {when}"
    again = _Again("redate", ident, old, lambda n: f"dprk redate {ident} {n} {when}")
    other_side = exchanged_with(old) or changes.sequenced_with(old)
    _refuse_corrections_left(draft, change, again, {ident, other_side or ident})
    _fields_redated(draft, ident, old)  # (said by the line: `fields_corrected`)
    return was, old, mirrored or _said_none, said


def renote(
    draft: Draft, ident: str, number: int, text: str, note: str = ""
) -> tuple[str, str, str]:
    """Reword the note of the `number`-th history entry of measure `ident` (as `dprk log`
    numbers them, as `redate` takes it) to `text`: a note typed wrong, on an entry that
    stays as it was, its day and what it records. A correction entry, dated today, says
    so and keeps the note it had (`changes.reworded_text`); `note` is the correction's
    own. What the entry is, in words (as its correction names it), the note it had, and
    the other measures' records of a party's rename reworded with it, in words ("" for
    none: `_rename_renoted`)."""
    before = draft.get(ident)
    settled_first(before, HISTORY)
    m, old = changes.renote(before, number, text)
    found = next((v for h, v in match_verifications(before) if h is old), None)
    full = says_extents(before.history)  # (an implementation in full: '(full)' said)
    detail = changes.reworded_text(old, text, found, full=full)
    draft.put(changes.with_entry(m, changes.entry(today(), CORRECTION, detail=detail, note=note)))
    also = _rename_renoted(draft, ident, old, text, note) if changes.is_party_rename(old) else ""
    return redated_name(old, found, full=full), old.note, also


def _rename_renoted(draft: Draft, ident: str, old: HistoryEntry, text: str, note: str) -> str:
    """Reword to `text` the note of every other measure's record of the party rename `old`
    records, as `_rename_redated` moves them: one rename, one event of the talks, with one
    note (a record reading `text` already is left as it is). Each says so in a correction
    of its own. In words: the measures and each one's record, as `dprk log` numbers it
    ("" for none)."""
    said: list[str] = []
    for other in draft.mentioning(old.detail):
        if other == ident:
            continue
        m = draft.get(other)
        record = _rename_record(m, old)
        if record is None or record[1].note == text:
            continue
        number = record[0]
        m, theirs = changes.renote(m, number, text)
        detail = changes.reworded_text(theirs, text)
        draft.put(
            changes.with_entry(m, changes.entry(today(), CORRECTION, detail=detail, note=note))
        )
        said.append(f"{other} (its entry {number})")
    return f"the same rename on {in_prose(said, most=5)}" if said else ""


def _said_none() -> str:
    """No other record redated, in words (`redate`)."""
    return ""


def _and_then(first: Callable[[], str] | None, then: str) -> Callable[[], str]:
    """`first`'s words (said once the draft is finished), and `then`, after a ';'."""
    return lambda: "; ".join(s for s in (first() if first else "", then) if s)


def drop_finding(draft: Draft, ident: str, number: int, note: str = "") -> str:
    """Drop a verifier's finding entered by mistake (a wrong verifier, result or piece of
    evidence: drop it, and record the right one with `verify`): the `number`-th entry of
    the measure's history, as `dprk log` numbers them, with its record. The status is
    replayed without it; a correction entry says what was dropped. What it was, in words."""
    m = draft.get(ident)
    settled_first(m, HISTORY)
    entry = changes.numbered_entry(m, number)
    if entry.event != VERIFICATION:
        raise DprkError(
            f"entry {number} of '{ident}' ({describe_entry(entry, None)}) is no finding; "
            f"'dprk log {ident}' numbers the entries"
        )
    record = next((v for h, v in match_verifications(m) if h is entry), None)
    was = describe_entry(entry, record)
    kept = m.model_copy(
        update={
            "history": [h for h in m.history if h is not entry],
            "verifications": [v for v in m.verifications if v is not record],
        }
    )
    kept = changes.left_undated(kept)
    why = f"a finding {changes.MISTAKE}"
    kept = changes.with_entry(kept, changes.drop_correction(today(), was, note, why=why))
    kept, strays = _stray_renames_dropped(kept)
    draft.put(kept)
    _refuse_drop_leaving_corrections(draft, ident, number, was, entry, command="drop-finding")
    if strays:  # (said with the finding they went with)
        names = in_prose(redated_name(h) for h in strays)
        was += f"; {names} with it: {ident} names the party no more"
    for h in strays:  # (the last record of a rename gone: as `rename-party` says of none)
        if not any(
            changes.same_change(e, h)
            for other in draft.mentioning(h.detail)
            if other != ident
            for e in draft.get(other).history
        ):
            old = next(changes.renames_said(h.detail))[0]
            was += (
                f"; no measure records {party_in_prose(old, quoted=True)} any more, which "
                "reads as another party from now on"
            )
    return was


def _stray_renames_dropped(m: Measure) -> tuple[Measure, list[HistoryEntry]]:
    """`m` without its records of a party's renames where it names none of the names
    they chain (a finding by the party dropped, say): `rename-party` writes one on each
    measure naming the party, and a measure made naming none records none, as a redate
    of the rename leaves one made after it. Each goes in a correction of its own (dated
    today: `changes.drop_correction`, which names them as a redate's correction does:
    `redated_name`); and the records dropped."""
    renames = [h for h in m.history if changes.is_party_rename(h)]
    if not renames:
        return m, []
    others = [h for h in m.history if not changes.is_party_rename(h)]
    rest = m.model_copy(update={"history": others})
    chained: list[set[str]] = []  # (the names each party had, as these renames chain them)
    for h in renames:
        names = {name for pair in changes.renames_said(h.detail) for name in pair}
        joined = [c for c in chained if c & names]
        chained = [c for c in chained if not c & names] + [names.union(*joined)]

    def named(names: set[str]) -> bool:
        return any(
            changes.names_party(rest, n, names=partial(_same_party, party_key(n))) for n in names
        )

    strays = {
        id(h)
        for names in chained
        if not named(names)
        for h in renames
        if names >= {n for pair in changes.renames_said(h.detail) for n in pair}
    }
    if not strays:
        return m, []
    gone = [h for h in renames if id(h) in strays]
    why = "this measure names the party no more"
    for h in gone:
        m = m.model_copy(update={"history": [e for e in m.history if e is not h]})
        m = changes.with_entry(m, changes.drop_correction(today(), redated_name(h), "", why=why))
    return m, gone


def _corrected_by(entry: HistoryEntry, ident: str, number: int, draft: Draft | None = None) -> str:
    """What an entry `drop-entry` does not drop records, and the correction of its own
    that kind has (`drop-entry` drops a step or a dated note entered by mistake, and a
    finding, as `drop_finding`)."""
    moves = f"'dprk redate {ident} {number} YYYY-MM-DD' moves it"
    ends = entry.detail.startswith(("removed: ", "no longer in exchange for "))
    # (the other measure of a link or an order, named as its entry names it)
    other = exchanged_with(entry) or changes.sequenced_with(entry) or "OTHER"
    dated = [name for name in DATED_FIELDS if field_said(entry.detail, name)]
    if entry.event == CREATED:
        return f"the measure itself: 'dprk remove {ident}'"
    if entry.event == "exchange" and ends:
        return f"the end of a link: {moves}, and 'dprk link {ident} {other} --date D' links again"
    if entry.event == "exchange":
        return f"a link: 'dprk unlink {ident} {other} --date D' ends it"
    if entry.event == "sequence" and ends:
        return (
            f"the end of an order: {moves}, and 'dprk sequence {ident} --after {other} --date D' "
            "(or --with) orders them again"
        )
    if entry.event == "sequence":
        return f"an order: 'dprk sequence {ident} --remove {other} --date D' ends it"
    if entry.event == "edit" and dated:  # (a hand-over, a deadline, a part: events)
        field = dated[0]
        return (
            f"a dated change of its {field.replace('_', ' ')}: {moves}, and 'dprk edit "
            f"{ident} --{field.replace('_', '-')} VALUE --date D' changes it again"
        )
    if changes.is_party_rename(entry):
        old, new = next(changes.renames_said(entry.detail))
        if draft is not None and party_named(new, draft.parties) is None:  # (renamed since)
            new = renamed_now(draft.index(), draft.parties, new) or new
        return (
            f"a party's rename: 'dprk rename-party {shell_word(new)} {shell_word(old)}' gives "
            "the old name back, on every measure"
        )
    if entry.event == "edit":  # (a title, a category, notes: corrected again by an edit)
        return f"a correction of the record: 'dprk edit {ident}' corrects it again"
    if entry.event == "rename":
        return f"a rename: 'dprk rename {ident} OLD' gives the old id back"
    # (a redate's, a drop's or a settled conflict's record: it is no event of the talks, and
    # has no date in them to move)
    return (
        "dprk's record of a correction: 'dprk undo' takes back the last change; "
        f"otherwise correct the entry it names again ('dprk log {ident}' numbers them)"
    )


def _refuse_step_repeated(draft: Draft, ident: str, number: int, twin: int, when: date) -> None:
    """Refuse the redate of step `number` of `ident` to `when`, where its entry `twin`
    records the same step (`changes.redate_repeats`: one step twice on a day, which the
    replay takes as one), with the ways that correct a day found wrong, each tried first
    on the ledger as it is (a way refused is not said): drop the entry redated, the other
    recording the step, or drop the other, then redate it (keeping its own words)."""
    m = draft.get(ident)
    refusal = changes.redate_repeats_said(m, number, twin, when)
    cmd = f"dprk drop-entry {shell_word(ident)}"
    moved = number - 1 if twin < number else number  # (its number once the other is gone)
    ways = []
    if _works(draft, lambda trial: drop_entry(trial, ident, number)):
        ways.append(f"'{cmd} {number}' takes it out, entry {twin} recording that step")

    def other_dropped(trial: Draft) -> None:
        drop_entry(trial, ident, twin)
        redate(trial, ident, moved, when)

    if _works(draft, other_dropped):
        again = f"'{cmd} {twin}', then 'dprk redate {shell_word(ident)} {moved} {when}'"
        if ways:
            ways.append(f"(or {again}, keeps entry {number} with its own words)")
        else:
            ways.append(f"{again}, moves it")
    if ways:
        refusal += f": if entry {number}'s day was wrong, {' '.join(ways)}"
    raise DprkError(refusal)


def _works(draft: Draft, change: Callable[[Draft], object]) -> bool:
    """Whether `change`, made on a copy of the ledger as `draft` found it, is taken (a
    way a refusal advises: one that does not fail when followed)."""
    trial = Draft(draft.header(), draft.before())
    try:
        change(trial)
        trial.finish()
    except DprkError:
        return False
    return True


def drop_entry(draft: Draft, ident: str, number: int, note: str = "") -> str:
    """Drop a step (a status change) or a dated note entered by mistake (on the wrong
    measure, say), or a finding (as `drop_finding`), a change of a link or an order, or an
    edit of a dated field (`_drop_edit_entry`): the `number`-th entry of the
    measure's history, as `dprk log` numbers them. The status is replayed without it
    (a change the rest of the record no longer fits is refused, as any write is); a
    correction entry says what was dropped. What it was, in words."""
    m = draft.get(ident)
    entry = changes.numbered_entry(m, number)
    if not _since_merge(m, entry):  # (one recorded since may go: kept by either side)
        settled_first(m, HISTORY)
    if entry.event == VERIFICATION:
        return drop_finding(draft, ident, number, note)
    if entry.event == "exchange" and exchanged_with(entry) not in (None, ident):
        return _drop_link_entry(draft, m, entry, number, note)
    if entry.event == "sequence" and changes.sequenced_with(entry) not in (None, ident):
        return _drop_order_entry(draft, m, entry, number, note)
    if entry.event == "edit" and any(field_said(entry.detail, n) for n in DATED_FIELDS):
        return _drop_edit_entry(draft, m, entry, number, note)
    if entry.event not in ("status", NOTE):
        what = describe_entry(entry, None)
        raise DprkError(
            f"entry {number} of '{ident}' ({what}) is none of what drop-entry takes back (a "
            "step, a dated note, a finding, a change of a link or of an order, or an edit of "
            "an actor, a deadline or a part_of); it records "
            f"{_corrected_by(entry, ident, number, draft)}"
        )
    was = describe_entry(entry, None, full=says_extents(m.history))
    kept = _without(m, entry)
    refusing, again = _findings_of_drop(m, entry, kept)
    _refuse_dropping_found(m, number, was, refusing)
    refound = _found_instead_said(m, again)
    taken = _sources_taken_back(m, entry)
    if taken:  # (said by the line: `source_left`)
        kept = kept.model_copy(update={"sources": [s for s in kept.sources if s not in taken]})
    draft.put(changes.with_entry(kept, changes.drop_correction(today(), was, note)))
    _refuse_drop_leaving_corrections(draft, ident, number, was, entry)
    if entry.status == Status.reversed:
        _refuse_offer_left(draft, ident, number, was)
    return was + _creation_moved(m, draft.get(ident)) + refound


def _drop_edit_entry(draft: Draft, m: Measure, entry: HistoryEntry, number: int, note: str) -> str:
    """Drop an edit of a dated field (actor, deadline, part_of: what `edit --date` records)
    entered by mistake (on the wrong measure, say), as if never entered: each later edit
    of the field says, as the value before, what the one before it now set
    (`edits_in_order`), and the field is what the edit of it now dated last set, or, with
    none left, the value the dropped one changed (as a redate puts it in force). The rules
    refuse what the rest of the record no longer fits, as any write. Refused for an entry
    that corrects the record too (a title, a source: no event of the talks), which goes
    whole or not at all."""
    was = dropped_text(entry)  # (with its change of each field: two of one day differ)
    names = [n for n in DATED_FIELDS if field_said(entry.detail, n)]
    others = sorted(changes.fields_edited(entry) - set(names))
    if others:
        raise DprkError(
            f"entry {number} of '{m.id}' ({was}) corrects its {', '.join(others)} too, which "
            f"drop-entry does not take back; it records {_corrected_by(entry, m.id, number)}"
        )
    kept = m.model_copy(update={"history": [h for h in m.history if h is not entry]})
    kept = changes.edits_in_order(kept, was=m)
    update: dict[str, Any] = {}
    for name in names:
        found = _put_in_force(kept, name, draft.parties, draft.has)
        if found is not None:
            update[name] = found[1]
        elif not field_changes(kept, name):  # (none left: as it was before the dropped one)
            said = field_said(entry.detail, name)
            assert said is not None
            update[name] = dated_value(name, field_value(said.group(1)))
    kept = changes.left_undated(kept.model_copy(update=update))
    try:  # (an actor given back may be one that verified it then: as a redate refuses)
        own_word_found(draft, kept, f"entry {number} of '{m.id}' ({was}) dropped")
    except DprkError as exc:
        own = [
            h
            for h, v in match_verifications(m)
            if v is not None and _own_word_of(draft, kept, v.by, v.date) is not None
        ]
        finding = _entry_number(m, lambda h: bool(own) and h is own[0])
        raise DprkError(
            f"{exc}; drop that finding first ('dprk drop-finding {m.id} {finding}'), then "
            f"this entry ('dprk log {m.id}' numbers the entries anew)"
        ) from None
    draft.put(changes.with_entry(kept, changes.drop_correction(today(), was, note)))
    _refuse_drop_leaving_corrections(draft, m.id, number, was, entry)
    return was + _creation_moved(m, draft.get(m.id))


def fields_corrected(draft: Draft, ident: str, entry: HistoryEntry) -> str:
    """In words, each dated field an edit dropped (`_drop_edit_entry`) or redated
    (`_fields_redated`) changed, as it now stands and since when (the day its edits leave
    it so without a break, or its creation with none left): 'its deadline is now (none)
    (since 2000-01-01)'; 'its deadline stays 2000-09-01 (since 2000-05-02)'; the same
    value from another day, both days: 'its deadline is now 2014-02-05 (since
    2014-01-30; it was since 2014-01-08)'. "" for another entry."""
    if entry.event != "edit":
        return ""
    m, was = draft.get(ident), draft.before()[ident]
    said = []
    for name in DATED_FIELDS:
        if field_said(entry.detail, name) is None:
            continue
        value = getattr(m, name)
        text = "(none)" if value is None else str(value)
        since = changes.field_since(m, name) or effective_creation(m)
        then = changes.field_since(was, name) or effective_creation(was)
        if value != getattr(was, name):
            said.append(f"its {name} is now {text}" + (f" (since {since})" if since else ""))
        elif since != then and since is not None and then is not None:
            said.append(f"its {name} is now {text} (since {since}; it was since {then})")
        else:
            said.append(f"its {name} stays {text}" + (f" (since {since})" if since else ""))
    return "; ".join(said)


def _refuse_offer_left(draft: Draft, ident: str, number: int, was: str) -> None:
    """Refuse to drop entry `number` of `ident` (`was`, in words: a reversal) where a
    measure it is part of, offered again after it acted through its parts, would be
    offered while it stood acted through `ident` (`LedgerLife.steps_after_acting`, which
    `dprk check` reports): the rules' advice, to mark `ident` reversed by the day before
    the offer, would record a second reversal while the one dropped is on record. Said
    with what works: that reversal first, then the drop; the reversal moved there; or
    the offer dropped first."""
    wholes = ancestors(draft.index(), ident)
    if not wholes:
        return
    before, after = LedgerLife(draft.before()), LedgerLife(draft.index())
    for whole in wholes:
        known = {(s.on, s.status) for s in before.steps_after_acting(whole)}
        for step in after.steps_after_acting(whole):
            acted = [p for p, state in step.parts if state.status in ACTED]
            if step.status not in PENDING or (step.on, step.status) in known or ident not in acted:
                continue
            by = date.fromordinal(step.on.toordinal() - 1)
            own = (step.on, "status", step.status)
            entries = enumerate(in_log_order(draft.get(whole)), 1)
            offer = next((str(n) for n, h in entries if (h.date, h.event, h.status) == own), "N")
            dropped = (
                f"'dprk drop-entry {whole} {offer}'"
                if offer != "N"
                else f"'dprk log {whole}' numbers the entries, 'dprk drop-entry {whole} N' drops it"
            )
            raise DprkError(
                f"entry {number} of '{ident}' ({was}) is the reversal by which {whole}, offered "
                f"again on {step.on}, stood undone by then (its parts that acted reversed by the "
                f"day before the offer): dropped, {whole} would be offered again while "
                f"{state_text(step.before.status, step.before.extent)} through its parts, which "
                f"no measure can be; mark {ident} reversed by {by} first ('dprk mark {ident} "
                f"reversed --date {by}'), then drop this entry ('dprk log {ident}' numbers the "
                f"entries anew), or move this reversal there ('dprk redate {ident} {number} "
                f"{by}'), or drop the offer first ({dropped})"
            )


def _refuse_drop_leaving_corrections(
    draft: Draft,
    ident: str,
    number: int,
    was: str,
    entry: HistoryEntry,
    *,
    other: str | None = None,
    command: str = "drop-entry",
) -> None:
    """Refuse to drop entry `number` of `ident` (`entry`, `was` in words; with the record
    of it `other` keeps), by `command`, where a measure's first day would move past a
    correction of its record (`_refuse_corrections_left`)."""
    change = f"entry {number} of '{ident}' ({was}) dropped"
    again = _Again("drop", ident, entry, lambda n: f"dprk {command} {ident} {n}")
    _refuse_corrections_left(draft, change, again, {ident, other or ident})


def _refuse_removed_partner(
    draft: Draft, m: Measure, number: int, was: str, other: str, kind: str
) -> None:
    """Refuse to drop entry `number` of `m` (`was`, in words), a change of a `kind` (link,
    order) with `other`, once `other` was removed: its end is the removal's record, no
    change of the link or order, and stays on record with it."""
    if draft.has(other):
        return
    article = "an" if kind[0] in "aeiou" else "a"
    raise DprkError(
        f"entry {number} of '{m.id}' ({was}) is of {article} {kind} with '{other}', which was "
        f"removed since (its removal ended the {kind}, in entry "
        f"{_entry_number(m, lambda h: h.detail.startswith(f'{other} removed: '))}): "
        f"{article} {kind} {'to' if kind == 'link' else 'with'} a measure no longer in the "
        "ledger stays on record"
    )


def _drop_link_entry(draft: Draft, m: Measure, entry: HistoryEntry, number: int, note: str) -> str:
    """Drop a change of an exchange link entered by mistake (a link, or its end), from
    both measures (each records it): the link is then what the changes left say, on both
    (none left: not linked), and an undated measure is dated by the events left. Refused
    where a later end would be left ending no link: that one is dropped first."""
    other = exchanged_with(entry)
    assert other is not None
    was = describe_entry(entry, None)
    kept = m.model_copy(update={"history": [h for h in m.history if h is not entry]})
    _refuse_removed_partner(draft, m, number, was, other, "link")
    partner = draft.get(other)
    theirs = ""
    mirror = (
        changes.exchange_text(m.id)
        if linked_by(entry)
        else f"no longer {changes.exchange_text(m.id)}"
    )
    alike = [
        h
        for h in partner.history
        if h.event == "exchange" and h.date == entry.date and h.detail == mirror
    ]
    same = [h for h in alike if h.recorded == entry.recorded] or alike
    if same:
        history = [h for h in partner.history if h is not same[0]]
        partner = partner.model_copy(update={"history": history})
        theirs = f", and {other}'s record of it"
    found = changes.link_changes(kept, partner)
    if found and not found[0][1] and linked_by(entry):  # (an end left ending none)
        end = _entry_number(
            m,
            lambda h: h is not entry and exchanged_with(h) == other and not linked_by(h),
        )
        raise DprkError(
            f"entry {number} of '{m.id}' ({was}) made the link that entry {end} ends; drop "
            f"that first ('dprk drop-entry {m.id} {end}'), then this one"
        )
    linked = bool(found) and found[-1][1]
    if not same and (m.id in partner.in_exchange_for) != linked:  # (added linked: no entry)
        theirs = f", and {other}'s side of the link, which has no entry of its own"
    for which, toward, words in ((kept, other, entry.detail), (partner, m.id, mirror)):
        links = sorted(
            {*which.in_exchange_for, toward} if linked else set(which.in_exchange_for) - {toward}
        )
        which = changes.left_undated(which.model_copy(update={"in_exchange_for": links}))
        said = dropped_text(entry, words)
        draft.put(changes.with_entry(which, changes.drop_correction(today(), said, note)))
    _refuse_drop_leaving_corrections(draft, m.id, number, was, entry, other=other)
    return was + theirs + _creation_moved(m, draft.get(m.id))


def _drop_order_entry(draft: Draft, m: Measure, entry: HistoryEntry, number: int, note: str) -> str:
    """Drop a change of an order entered by mistake (an order after another measure, a
    change of it, its end; a change of a `with`, from both measures, which record it):
    the order is then what the changes left say on each (none left: what it replaced, or
    nothing), and an undated measure is dated by the events left, as if it had never been
    entered. Refused where `changes.order_kept` keeps it (each refusal says what corrects
    it), and for an order with a measure removed since."""
    other = changes.sequenced_with(entry)
    assert other is not None
    was = describe_entry(entry, None)
    _refuse_removed_partner(draft, m, number, was, other, "order")
    partner = draft.get(other)
    kept = changes.order_kept(m, partner, entry)
    if kept == changes.ONE_SIDED:
        raise DprkError(
            f"entry {number} of '{m.id}' ({was}) is of a with, kept on both measures, that "
            f"'{other}' has no record of: drop-entry takes a with back from both; it records "
            f"{_corrected_by(entry, m.id, number)}"
        )
    if kept == changes.ENDED_WITH:  # (only both measures' records together give it back)
        raise DprkError(
            f"entry {number} of '{m.id}' ({was}) ended a with, kept on both measures with "
            f"'{other}', which drop-entry cannot give back: 'dprk sequence {m.id} --with "
            f"{other} --date {entry.date}' orders them together again from that day"
        )
    if kept == changes.NAMED_LATER:
        named = changes.order_named_later(m, partner, entry)
        assert named is not None
        whose, later = named
        then = _entry_number(whose, lambda h: h is later)
        where = "" if whose is m else f" of '{whose.id}'"
        if changes.sets_with(later):  # (dropped, the with goes from both)
            raise DprkError(
                f"entry {number} of '{m.id}' ({was}) is of the order with '{other}' that "
                f"entry {then}{where}, a with kept on both measures, changed later, naming "
                f"it: this entry stays, in force only before {later.date} ('dprk redate "
                f"{m.id} {number} {later.date}' leaves it no day in force)"
            )
        raise DprkError(
            f"entry {number} of '{m.id}' ({was}) is of the order with '{other}' that entry "
            f"{then}{where} changed later, naming what it replaced; drop that first ('dprk "
            f"drop-entry {whose.id} {then}'), then this one"
        )
    if kept == changes.UNREAD:
        raise DprkError(
            f"entry {number} of '{m.id}' ({was}): the order with '{other}' it leaves cannot "
            f"be read back from the changes left ('dprk log {m.id}' lists them)"
        )
    if kept == changes.WITH_ALONE:
        raise DprkError(_with_alone(draft, m, partner, entry, number, was))
    sides = [(m, entry)]
    mirror = changes.order_mirror(m, partner, entry)
    if mirror is not None:  # (a change of a with, recorded on both: dropped from both)
        sides.append((partner, mirror))
    said = ""
    for which, dropping in sides:
        toward = other if which is m else m.id
        dropped = changes.order_dropped(which, dropping)
        assert dropped is not None
        left, now = dropped
        if now != _order_with(which, toward):
            text = changes.constraint_text(now) if now else f"not sequenced with {toward}"
            said += f"; {which.id} is now {text}"
        draft.put(
            changes.with_entry(
                changes.left_undated(left),
                changes.drop_correction(today(), dropped_text(dropping), note),
            )
        )
    theirs = f", and {other}'s record of it" if mirror is not None else ""
    moved = _creation_moved(m, draft.get(m.id))
    if mirror is not None:
        moved += _creation_moved(partner, draft.get(other))
    return was + theirs + said + moved


def _with_alone(
    draft: Draft, m: Measure, partner: Measure, entry: HistoryEntry, number: int, was: str
) -> str:
    """The refusal to drop `entry` (entry `number` of `m`, `was` in words), a change of
    a `with` recorded on both measures whose drop would give the `with` back on one of
    them alone (`changes.with_held_alone`): it names the later change that stands in
    the with's place on the other, and, where they work, the commands that take `entry`
    back: that change dropped first, then `entry`, then that change entered again (which
    ends the `with` on both, on its day). Told by making them on a copy of the ledger as
    it was, in turn, so that the advice never fails when followed."""
    found = changes.with_held_alone(m, partner, entry)
    assert found is not None
    side, later, order = found
    alone = partner.id if side is m else m.id
    then = _entry_number(side, lambda h: h is later)
    said = (
        f"entry {number} of '{m.id}' ({was}) ended a with, kept on both measures, that it "
        f"would give back on '{alone}' alone: entry {then} of '{side.id}' "
        f"({later.detail}), dated {later.date}, stands in its place there"
    )
    again = (
        f"dprk sequence {side.id} {order_options(order)} --date {later.date}"
        if order is not None
        else f"dprk sequence {side.id} --remove {alone} --date {later.date}"
    ) + _note_option(later.note)
    commands: list[str] = []
    trial = Draft(draft.header(), draft.before())
    try:
        drop_entry(trial, side.id, int(then))
        trial.finish()
        commands.append(f"dprk drop-entry {side.id} {then}")
        now = _entry_number(trial.get(m.id), lambda h: h == entry)
        trial = Draft(trial.header(), trial.index())
        drop_entry(trial, m.id, int(now))
        trial.finish()
        commands.append(f"dprk drop-entry {m.id} {now}")
        trial = Draft(trial.header(), trial.index())
        if order is not None:
            sequence(
                trial,
                side.id,
                alone,
                later.date,
                together=order.with_ is not None,
                require=order.require,
                demanded_by=order.demanded_by,
                verified_by=order.verified_by,
                note=later.note,
                dated=True,
            )
        else:
            unsequence(trial, side.id, alone, later.date, later.note, dated=True)
        trial.finish()
        kept = _order_with(trial.get(side.id), alone)
        if kept != order or _order_with(trial.get(alone), side.id) is not None:
            raise DprkError("not as it stood")
    except (DprkError, ValueError):
        return f"{said} ('dprk log {side.id}' lists it)"
    first, this = (f"'{c}'" for c in commands)
    return (
        f"{said}; drop that first ({first}), then this one ({this}), and enter that order "
        f"again ('{again}'): the with then ends on both on {later.date}"
    )


def _entry_number(m: Measure, wanted: Callable[[HistoryEntry], bool]) -> str:
    """The number `dprk log` gives `m`'s first entry that is `wanted`, or 'N'."""
    return next((str(n) for n, h in enumerate(in_log_order(m), 1) if wanted(h)), "N")


def _creation_moved(was: Measure, now: Measure, *, then_said: bool = False) -> str:
    """In words, the day a measure added without a date is dated from now, when a change
    moved it ("" when it stays): with no event left, the day it was added (a rename dated
    before it waits for an event, as on a measure with none yet); `then_said`: and the
    day it was dated from before, for a line that says it nowhere else (a step's, a
    note's: `records_moved`; a drop's says the state it was in since then)."""
    before, after = effective_creation(was), effective_creation(now)
    if after == before or not after:
        return ""
    created = next((h for h in now.history if h.event == CREATED), None)
    added = created is not None and created.undated and first_event(now, created) is None
    then = f" (it was from {before})" if before and then_said else ""
    return f"; {now.id} is now dated from {after}{', the day it was added' if added else ''}{then}"


def records_moved(draft: Draft, ident: str, when: date, besides: Collection[str] = ()) -> str:
    """What a step, a note, an edit or a link dated `when` on `ident` moved of other
    measures' records, in words for its line, as a redate says them (`draft` finished):
    each record of a link that moved (`links_moved`: one written when one of the two was
    added without a date counts from the later of the two beginnings), with the day the
    measure, added without a date, is now dated from (`_creation_moved`), which moved
    it: '; y is now dated from 2019-01-10 (it was from 2019-02-28), and x's record of
    its link with y (its entry 2) with it'; "" for none (a first event that dates a
    measure and moves no record is said by its own day). `besides`: the measures whose
    links with `ident` the line says already (a link's other end)."""
    before = draft.before()
    if ident not in before or not draft.has(ident):
        return ""
    if effective_creation(before[ident]) == effective_creation(draft.get(ident)):
        return ""  # (no entry redated: a record moves only with its undated creation)
    links = links_moved(draft, ident, None, when, besides)
    if not links:
        return ""
    made = _creation_moved(before[ident], draft.get(ident), then_said=True)
    return f"{made}, and {links} with it" if made else f"; {links} moved with it"


def _sources_taken_back(m: Measure, step: HistoryEntry) -> list[str]:
    """The sources a `step` of `m` brought (`sources_brought`: none among them before
    it, or a step brought it) that its drop takes back out of `m`'s sources: each still
    among them that no other entry names too (a note's, a step's, an edit's addition:
    `changes.sources_recorded`). None for a note's, which may have been among them
    before it."""
    if step.event != "status":
        return []
    held = {
        source
        for h in m.history
        if h is not step
        for source, added in changes.sources_recorded(h)
        if added
    }
    return [s for s in sources_brought(step) if s in m.sources and s not in held]


def source_left(draft: Draft, ident: str, dropped: HistoryEntry) -> str | None:
    """In words, what a drop of `dropped` from `ident` (`draft` finished) did with the
    sources it brought (`sources_brought`): a step's, those taken back out of the
    measure's sources, and each left there as another entry names it too (named by
    its number in `dprk log`); a note's, where it stays among them (it may have been
    among them before the note: a drop leaves it), with the command that removes it.
    None for none."""
    brought = sources_brought(dropped)
    was, now = draft.before()[ident].sources, draft.get(ident).sources
    if dropped.event == NOTE:
        if not brought or brought[0] not in now:
            return None
        return (
            f"its source '{brought[0]}' stays among the measure's sources ('dprk edit "
            f"{ident} --remove-source {shell_word(brought[0])}' removes it)"
        )
    said = []
    taken = [f"'{s}'" for s in brought if s in was and s not in now]
    if taken:
        its = "its source" if len(taken) == 1 else "its sources"
        verb = "is" if len(taken) == 1 else "are"
        said.append(f"{its} {in_prose(taken)} {verb} taken out of the measure's sources")
    numbered = list(enumerate(in_log_order(draft.get(ident)), 1))
    for source in (s for s in brought if s in now):  # (another entry names it too)
        also = next((n, h) for n, h in numbered if (source, True) in changes.sources_recorded(h))
        said.append(
            f"its source '{source}' stays among the measure's sources: entry {also[0]} "
            f"({describe_entry(also[1], None)}) names it too"
        )
    return "; ".join(said) or None


# A finding of a measure: its number in `dprk log`, its entry and its record.
_Finding = tuple[int, HistoryEntry, Verification | None]


def _without(m: Measure, entry: HistoryEntry) -> Measure:
    """`m` with `entry` dropped, as `drop-entry` leaves it (a creation dated by it left
    undated: `changes.left_undated`)."""
    history = [h for h in m.history if h is not entry]
    return changes.left_undated(m.model_copy(update={"history": history}))


def _findings_of_drop(
    m: Measure, entry: HistoryEntry, kept: Measure
) -> tuple[list[_Finding], list[tuple[_Finding, HistoryEntry]]]:
    """What `m`'s findings say of dropping `entry` (`kept`: `_without`), from one replay
    of each of the two (`drop-entry` asks both): the findings that refuse it, those that
    found it (`_finding_on_action`) but for those that would find a later report of the
    same act instead, else one it would leave with no action (`_finding_left`), none for
    none; and those that would find that later report (`_found_instead`)."""
    life = replay(m) if entry.status in ACTED else None
    found = [] if life is None else _finding_on_action(m, entry, life)
    left: Life | None = None
    again: list[tuple[_Finding, HistoryEntry]] = []
    if found and life is not None:  # (the replay of what the drop would leave is asked then)
        left = replay(kept)
        again = _found_instead(entry, found, life, left)
        found = [f for f in found if not any(f[1] is g[1] for g, _ in again)]
        if found:
            return found, again
    last = _finding_left(m, replay(kept) if left is None else left)
    return [last] if last is not None else [], again


def _finding_on_action(m: Measure, entry: HistoryEntry, life: Life) -> list[_Finding]:
    """The findings of `m` that found `entry`, where it is the action they found: the last
    action before each finding (`lifecycle.actions_found`, of `life`, `m`'s replay).
    Dropped, a finding would stand on the action before it (one done in part, say), which
    it did not find; the findings go first, or the action's date is corrected. In the
    order `dprk log` numbers them; none for none (among `m`'s entries)."""
    if entry.status not in ACTED:
        return []
    found: list[_Finding] = []
    for step, action in actions_found(life):
        if action is not None and action.entry is entry and step.entry is not None:
            number = _numbered(m, step.entry)
            if number is not None:
                found.append((number, step.entry, step.verification))
    return sorted(found, key=lambda f: f[0])


def _found_instead(
    entry: HistoryEntry, findings: list[_Finding], life: Life, left: Life
) -> list[tuple[_Finding, HistoryEntry]]:
    """Each of `findings` (those of a measure that found `entry`, an action:
    `_finding_on_action`, of `life`, its replay) that finds, in `left` (the replay of the
    measure with `entry` dropped), a step recorded between the two that said the same
    again (the same state: the act reported again on a later day, as the day it was done
    corrected), with that step's entry: dropped, `entry` leaves the finding on the same
    act, on that day. None for none."""
    if not findings:
        return []
    steps = life.steps
    at = next(k for k, s in enumerate(steps) if s.verification is None and s.entry is entry)
    found: list[tuple[_Finding, HistoryEntry]] = []
    for step, action in actions_found(left):
        finding = next((f for f in findings if f[1] is step.entry), None)
        if finding is None or action is None or action.entry is None:
            continue
        upto = next(k for k, s in enumerate(steps) if s.entry is step.entry)
        if action.state == steps[at].state and any(
            s.entry is action.entry for s in steps[at + 1 : upto]
        ):
            found.append((finding, action.entry))
    return found


def _found_instead_said(m: Measure, again: list[tuple[_Finding, HistoryEntry]]) -> str:
    """'; the finding confirmed by UN on 2020-03-10 now finds the action implemented on
    2020-03-02' for each finding that found an action of `m` and finds another report of
    the same act once it is dropped (`again`: `_findings_of_drop`); "" for none."""
    said = []
    for (_, h, v), action in again:
        what = describe_entry(action, None, full=says_extents(m.history))
        said.append(f"the finding {describe_entry(h, v)} now finds the action {what}")
    return "".join(f"; {s}" for s in said)


def _finding_left(m: Measure, kept: Life) -> _Finding | None:
    """The finding of `m` that `kept` (the replay of `m` with an entry dropped) would leave
    with no action to find: the rules' advice, to record the action first, is what the
    drop takes out. None for none (among `m`'s entries)."""
    left = next(
        (
            p
            for p in kept.problems
            if p.check in (WITHOUT_ACTION, CONTRADICTING_DATES)
            and p.entry is not None
            and p.entry.event == VERIFICATION
        ),
        None,
    )
    if left is None or left.entry is None:
        return None
    found = _numbered(m, left.entry)
    if found is None:
        return None
    v = next((v for e, v in match_verifications(m) if e == left.entry), None)
    return found, left.entry, v


def _numbered(m: Measure, entry: HistoryEntry) -> int | None:
    """The number of `entry` among `m`'s in `dprk log`; None when it is not among them."""
    return next((n for n, h in enumerate(in_log_order(m), 1) if h is entry), None)


def _refuse_dropping_found(m: Measure, number: int, was: str, found: list[_Finding]) -> None:
    """Refuse to drop entry `number` of `m` (`was`, in words), the action that the
    findings `found` found, every one named: they go first, or the action's date is
    corrected (`_drop_finding_first`). Nothing for no finding."""
    if not found:
        return
    entries = "entry" if len(found) == 1 else "entries"
    said = in_prose(f"{n} ({describe_entry(finding, v)})" for n, finding, v in found)
    first = _drop_finding_first(m.id, number, [n for n, _, _ in found])
    raise DprkError(
        f"entry {number} of '{m.id}' ({was}) is the action that {entries} {said} found; {first}"
    )


def _drop_finding_first(ident: str, number: int, found: Sequence[int]) -> str:
    """What takes back entry `number` of `ident`, an action that its entries `found`,
    findings, found: the findings first (the last first, `_drops_numbered`), or the
    action's date corrected."""
    them = "the finding" if len(found) == 1 else "the findings"
    return (
        f"drop {them} first ('{_drops_numbered(ident, found)}'), or correct the "
        f"action's date with 'dprk redate {ident} {number} YYYY-MM-DD'"
    )


def _found_twice(m: Measure) -> Verification | None:
    """A finding `m` holds twice (`rules.same_finding`), which `verify` refuses to record;
    its later record. None when each is held once."""
    twice = _findings_twice(m)
    return m.verifications[twice[0][1]] if twice else None


def _findings_twice(m: Measure) -> list[tuple[int, int]]:
    """Each pair of places in `m`'s findings that hold one finding (`rules.same_finding`)."""
    found = [(v.by, v.result, v.date) for v in m.verifications]
    return [
        (i, j)
        for i, v in enumerate(found)
        for j in range(i + 1, len(found))
        if same_finding(v, found[j])
    ]


def _refuse_findings_twice(
    m: Measure,
    change: str,
    was: Measure | None,
    *,
    drops: Sequence[tuple[Measure, list[int]]] = (),
    whole: bool = False,
) -> None:
    """Refuse a `change` after which `m` would hold one finding twice. With `was` (`m` as
    the ledger holds it, its findings in the same order), advising to drop, of each two,
    the record the change renames (the later where it renames both) first: what that
    finding says is on record already, by the name it keeps (`drops`: every finding to
    drop, as `own_word_found` takes them). `whole`: once dropped, nothing names the
    name the change renames, so that the drops are the whole correction, no change after
    them (which would find nothing to rename)."""
    twice = _findings_twice(m)
    if not twice:
        return
    if was is None:
        w = m.verifications[twice[0][1]]
        raise DprkError(
            f"{change} would give '{m.id}' the finding {w.result.value} by {w.by} on {w.date} twice"
        )
    dropped = _twice_dropped(m, was)
    w = m.verifications[twice[0][1]]
    by = in_prose(sorted({was.verifications[d].by for d in dropped}))
    ones = "the one" if len(dropped) == 1 else "the ones"
    fix = _to_drop(f"{ones} by {by}", len(dropped), drops or [(was, dropped)], whole=whole)
    if whole:
        fix += f": no other finding or order names {by}, so that is the whole correction"
    raise DprkError(
        f"{change} would give '{m.id}' the finding {w.result.value} by {w.by} on {w.date} "
        f"twice{fix}"
    )


def _twice_dropped(m: Measure, was: Measure) -> list[int]:
    """Of each finding `m` holds twice after a change to `was` (`m` as the ledger holds
    it, its findings in the same order), the place of the record the change renames (the
    later where it renames both): the one to drop."""

    def renamed(k: int) -> bool:
        return was.verifications[k].by != m.verifications[k].by

    return sorted({i if renamed(i) and not renamed(j) else j for i, j in _findings_twice(m)})


def _findings_dropped(*drops: tuple[Measure, Iterable[int]]) -> str:
    """The commands that drop the findings at the places given of each measure's records,
    each by the number `dprk log` gives its entry, the last of a measure first (dropping
    one renumbers those after it), joined with '&&'; 'N' for one with no entry, with
    where the numbers are."""
    said: list[str] = []
    unnumbered: list[str] = []
    for m, places in drops:
        ordered = in_log_order(m)
        entry = {id(v): h for h, v in match_verifications(m) if h is not None and v is not None}
        numbers = {
            next((n for n, h in enumerate(ordered, 1) if h is entry.get(id(v))), 0)
            for v in (m.verifications[p] for p in places)
        }
        said.append(_drops_numbered(m.id, numbers))
        if 0 in numbers:
            unnumbered.append(f"'dprk log {m.id}'")
    verb = "numbers" if len(unnumbered) == 1 else "number"
    where = f"; {in_prose(unnumbered)} {verb} the entries" if unnumbered else ""
    return f"'{' && '.join(said)}'{where}"


def _drops_numbered(ident: str, numbers: Iterable[int]) -> str:
    """The commands that drop the findings of `ident` that `dprk log` numbers `numbers`
    (0: one with no entry, 'N'), the last first (dropping one renumbers those after it),
    joined with '&&'."""
    return " && ".join(
        f"dprk drop-finding {ident} {n or 'N'}" for n in sorted(set(numbers), reverse=True)
    )


def _refuse_findings_made_one(m: Measure, number: int, when: date) -> None:
    """Refuse a redate that dates a finding the day the same verifier gave the same finding
    on: the two would be one, recorded twice (as `verify` refuses one given again)."""
    w = _found_twice(m)
    if w is not None and w.date == when:
        raise DprkError(
            f"measure '{m.id}' already has the finding {w.result.value} by {w.by} on "
            f"{when}: entry {number} redated to that day would record it twice"
        )


def _redated(
    draft: Draft,
    m: Measure,
    number: int,
    old: HistoryEntry,
    when: date,
    note: str,
    dropped: str = "",
    found: Verification | None = None,
    full: bool = False,
) -> None:
    """Put `m`, its entry `old` redated, with the correction entry that says so (and
    what it `dropped` with it, in words). The entry is named by what it was, not its
    number: a later change renumbers the entries, and the number would name another;
    a finding by its verifier too (`found`, its record: `redated_text`)."""
    detail = f"{redated_text(old, when, found, full=full)}{dropped}"
    draft.put(changes.with_entry(m, changes.entry(today(), CORRECTION, detail=detail, note=note)))


def _links_carried(draft: Draft, before: Measure, m: Measure) -> tuple[Measure, str]:
    """`m` (`before`, an entry redated) with its records of the links other measures were
    added with moved as its creation now holds them back (`changes.links_follow_own_creation`,
    as `Draft.finish` would move them), and the moves in the correction's words ("" for
    none): '; the exchange entry with b of D redated to E with it'."""
    carried = changes.links_follow_own_creation(
        m, dated_creation(before), lambda i: draft.get(i) if draft.has(i) else None
    )
    said = "".join(
        f"; {redated_text(h, now.date)} with it"
        for h, now in zip(m.history, carried.history, strict=True)
        if now.date != h.date
    )
    return carried, said


def links_moved(
    draft: Draft, ident: str, old: HistoryEntry | None, when: date, besides: Collection[str] = ()
) -> str:
    """In words, each record of a link that `ident`'s entry `old`, redated to `when`,
    moved with it in the ledger as written (`draft` finished): its own, held back by its
    creation (`_links_carried`), and another measure's, written when `ident` was added
    with it (`_links_followed`); but the other record of the entry redated, which
    `_mirror_redated` says. Each is said in one form, numbered as the log numbered it
    and numbers it now: "a's record of its link with b (its entry 2, now entry 3)", and
    where it stays after `when`, the measure made later; "" for none. `old` None: no
    entry redated, a step or a note recorded on `when` (`records_moved`); `besides`: the
    measures whose links with `ident` are said already."""
    before = draft.before()
    if ident not in before:
        return ""
    mirror = None  # (the other record of the entry redated)
    side = None if old is None else exchanged_with(old)
    if old is not None and side is not None and side in before:
        number = changes.mirror_of(before[ident], before[side], old)
        mirror = None if number is None else in_log_order(before[side])[number - 1]
    others = sorted(i for i, m in draft.changes().items() if m is not None and i != ident)
    said = []
    for holder in [ident, *others]:
        if holder not in before:
            continue
        then = list(enumerate(in_log_order(before[holder]), 1))
        for n, h in enumerate(in_log_order(draft.get(holder)), 1):
            other = exchanged_with(h)
            if other is None or (holder != ident and other != ident):
                continue
            if (other if holder == ident else holder) in besides:  # (said by the line)
                continue
            if (old is not None and changes.same_change(h, old)) or (
                mirror is not None and changes.same_change(h, mirror)
            ):
                continue
            was = next(((k, e) for k, e in then if changes.same_change(e, h)), None)
            if was is None or was[1].date == h.date:
                continue
            its = f"its entry {was[0]}" + ("" if was[0] == n else f", now entry {n}")
            made = other if other != ident else holder  # (the later of the two)
            later = "" if h.date == when else f", on {h.date}: not before {made} was made"
            said.append(f"{holder}'s record of its link with {other} ({its}{later})")
    return ", and ".join(said)


def links_moved_by_drop(draft: Draft, ident: str, dropped: HistoryEntry) -> str:
    """', and x's record of its link with y (its entry 2) with it' for each record of a
    link that an entry `dropped` from `ident` moved (`links_moved`: the measure, added
    without a date, dated from a later event, and the link that counts from it), `draft`
    finished; "" for none."""
    m = draft.get(ident) if draft.has(ident) else None
    day = None if m is None else effective_creation(m)
    links = "" if day is None else links_moved(draft, ident, dropped, day)
    return f", and {links} with it" if links else ""


def renumbered(draft: Draft, ident: str, number: int, old: HistoryEntry, when: date) -> str:
    """' (now entry 2)' for entry `number` of `ident`, `old` redated to `when`, where the
    ledger as written (`draft` finished) numbers it otherwise; "" when it keeps it. Not
    foretold before the write: settling it may move more (an undated creation dated by
    the step, a record of a link held back by the creation: `Draft.finish`)."""
    now = entry_renumbered(draft.get(ident), number, old, when)
    return "" if now is None else f" (now entry {now})"


def entry_renumbered(m: Measure, number: int, old: HistoryEntry, when: date) -> int | None:
    """The number `m`'s entry `number`, `old` redated to `when`, has in `dprk log` now
    (the numbers follow the dates), if it is another; None when it keeps it. A line names
    an entry by the number it was given by, which a next command would take for another
    entry: it says the new one too."""
    ordered = in_log_order(m)
    now = next(
        (n for n, h in enumerate(ordered, 1) if h.date == when and changes.same_change(h, old)),
        number,
    )
    return None if now == number else now


def _its_entry(m: Measure, number: int, old: HistoryEntry, when: date) -> str:
    """'its entry 3' for another measure's record redated with one (', now entry 2' when
    the redate renumbered it: `entry_renumbered`), `m` as the finished draft holds it:
    settling may move more (its undated creation, dated by the record moved back)."""
    now = entry_renumbered(m, number, old, when)
    return f"its entry {number}" + ("" if now is None else f", now entry {now}")


def _mirror_redated(
    draft: Draft, m: Measure, old: HistoryEntry, when: date, note: str
) -> tuple[Callable[[], str] | None, tuple[str, HistoryEntry] | None]:
    """Redate the other side's record of a change `m`'s redated entry `old` records, for a
    link kept on both measures (an exchange link, a `with` order): both then say when it
    was made. In words, said once the draft is finished (None when there is none: its
    number is the log's in the ledger as written, where settling may move more, an
    undated creation of the other measure, say: `_its_entry`), with the other measure
    and its entry as it was (the order it keeps toward `m` may now be another's:
    `_order_redated`)."""
    other = exchanged_with(old) or changes.sequenced_with(old)
    if other is None or other == m.id or not draft.has(other):
        return None, None
    partner = draft.get(other)
    number = changes.mirror_of(m, partner, old)
    if number is None:
        return None, None
    moved, theirs = changes.redate(partner, number, when)
    was = describe_entry(theirs, None)
    stale = changes.ends_of_no_with(moved, m.id)
    if not stale:
        _redated(draft, moved, number, theirs, when, note)

        def written() -> str:  # (once the draft is finished)
            return f"{other}'s record of it ({_its_entry(draft.get(other), number, theirs, when)})"

        return written, (other, theirs)
    # An end of a `with` dated before the `with` began ends none (the record moved before
    # it, or the `with` moved after an end another change brought about): typed in date
    # order it would never have been written, and it is dropped.
    kept = [h for h in moved.history if not any(h is e for e in stale)]
    moved = changes.as_history_says(moved.model_copy(update={"history": kept}), m.id)
    if any(h.date == when and h.detail == theirs.detail for h in stale):
        detail = f"{was} dropped: redated to {when}, it would end no order"
        said = f"{other}'s record of it dropped (its entry {number} would end no order)"
    else:
        days = ", ".join(str(h.date) for h in stale)
        detail = (
            f"{redated_text(theirs, when)}; the end of the with on {days} dropped: it would "
            "end no order"
        )
        said = f"{other}'s record of it (its entry {number}; its end on {days} dropped)"
    draft.put(
        changes.with_entry(moved, changes.entry(today(), CORRECTION, detail=detail, note=note))
    )
    return _and_then(None, said), (other, theirs)


def _renames_kept_in_order(ident: str, m: Measure) -> None:
    """Refuse `m` (measure `ident`, redated) where two of its renames would come in
    another order than they were made in."""
    crossed = changes.renames_out_of_order(m)
    if crossed is not None:
        first, then = crossed
        raise DprkError(
            f"{ident}: {describe_entry(then, None)} would come before "
            f"{describe_entry(first, None)}, the rename it follows ({first.detail}, then "
            f"{then.detail}); renames keep the order they were made in"
        )


def _rename_redated(
    draft: Draft, ident: str, old: HistoryEntry, when: date, note: str
) -> Callable[[], str] | None:
    """Redate every other measure's record of the party rename `old` records: one
    `rename-party` writes it on each measure naming the party, and the rename has one day
    in the talks (one record moved alone, the measures would name the party two ways on
    the days between). Each measure is left as `rename-party --date WHEN` would leave it:
    one made after `when` had the new name from the start (its record goes), one made by
    `when` but after the old day, under the new name (or one the party took since, as its
    record says), was renamed too (the record is written, as the rename wrote it), unless
    it was entered after the rename was typed (given under the new name, it records
    none), or the rename is a merge's, as `rename-party` reads one (`_took_name_by`: its
    entry says so, or, written before one did, the ledger shows the party had the new
    name before it), which leaves the other party's own measures alone. Each is refused
    as the one redated would be. In words, said once the draft is finished (None for
    none): the measures, and the number of each one's record (`_its_entry`). Each
    records in a correction of its own that its record moved, went or came
    (`changes.RENAME_DROPPED_HERE`, `changes.RENAME_WRITTEN_HERE`)."""
    pairs = list(changes.renames_said(old.detail))
    new = next((n for _, n in pairs if n in draft.parties), pairs[0][1])
    moved: list[tuple[str, int, HistoryEntry]] = []
    dropped: list[str] = []
    written: list[str] = []
    naming = draft.mentioning(new, any_signs=True)
    # (a merge's: its entry says so, or the ledger shows the party had the new name
    # before the rename, as `rename-party` reads it, `_took_name_by`; a measure under that
    # name that records none may be that party's own, which the merge typed on the new
    # day leaves alone)
    took = partial(
        _took_name_by,
        (draft.get(i) for i in naming),
        new,
        partial(_same_party, party_key(new)),
        old,
    )
    merged: bool | None = None  # (asked once, of the first measure it may be written on)
    for other in naming:
        if other == ident:
            continue
        m = draft.get(other)
        record = _rename_record(m, old)
        number = None if record is None else record[0]
        made_by = renamed_by(m, when)
        if number is None and made_by and not renamed_by(m, old.date):
            # (made after the old day, under the new name: the rename came after it now;
            # one entered after the rename was typed was given under the new name, which
            # records none, as `add-measure` has it: after a `--merge`, it may be the
            # merged-into party's own; renamed on since, as
            # its record says, the party is named by the name it has now)
            now = changes.renamed_to([m], new, draft.parties, party_key) or new
            names = changes.names_party(m, now, names=partial(_same_party, party_key(now)))
            if not names or (changes.first_recorded(m) or old.recorded) > old.recorded:
                continue
            if any(changes.same_change(h, old) for h in m.history):
                continue
            if merged is None:
                merged = not took()
            if merged:
                continue
            m = changes.with_entry(m, old.model_copy(update={"date": when}))
            _renames_kept_in_order(other, m)
            _redated(draft, m, 0, old, when, note, changes.RENAME_WRITTEN_HERE)
            m = draft.get(other)
            n = next(
                n
                for n, h in enumerate(in_log_order(m), 1)
                if h.date == when and changes.same_change(h, old)
            )
            written.append(f"{other} (its entry {n})")
            continue
        if record is None:
            continue
        number = record[0]
        if not made_by:  # (made after the new day: it had the new name from the start)
            kept = [h for h in m.history if h is not record[1]]
            m = m.model_copy(update={"history": kept})
            _redated(draft, m, number, old, when, note, changes.RENAME_DROPPED_HERE)
            dropped.append(f"{other} (its entry {number})")
            continue
        m, theirs = changes.redate(m, number, when)
        _renames_kept_in_order(other, m)
        own_word_found(draft, m, f"redating the rename to {when}")
        _redated(draft, m, number, theirs, when, note)
        moved.append((other, number, theirs))
    if not (moved or written or dropped):
        return None
    return partial(_renames_said, draft, when, moved, written, dropped)


def _renames_said(
    draft: Draft,
    when: date,
    redated: list[tuple[str, int, HistoryEntry]],
    written: list[str],
    dropped: list[str],
) -> str:
    """`_rename_redated`'s words, the draft finished: each measure's record `redated`
    (its id, its number before, and the entry as it was) by the number the log gives it
    in the ledger as written (`_its_entry`)."""
    moved = [f"{i} ({_its_entry(draft.get(i), n, h, when)})" for i, n, h in redated]
    said = [f"the same rename on {in_prose(moved, most=5)}"] if moved else []
    there = " (a correction there says so)"  # (where no record of the rename was, or is)
    if written:
        said.append(
            f"the rename written on {in_prose(written, most=5)}, made before that day{there}"
        )
    if dropped:
        said.append(
            f"the rename dropped from {in_prose(dropped, most=5)}, made after that day: the "
            f"new name from the start{there}"
        )
    return ", and ".join(said)


def _rename_moved_by(draft: Draft, old: HistoryEntry, when: date) -> str:
    """The way to date the party rename `old` records `when`, in words: redated on a
    measure made by then that records it (the rename moves on every one); with none, the
    ledger would forget the old name, as `rename-party` dated so says."""
    by = _rename_redate_by(draft, old, when)
    if by is not None:
        return f"'dprk redate {by[0]} {by[1]} {when}' moves it on every measure"
    # (a rename given back is dated after the rename, and one typed again no earlier than
    # that: refused on `when`; only the rename taken back whole leaves it free)
    was, now = next(changes.renames_said(old.detail))
    flag = " --merge" if changes.is_party_merge(old) else ""  # (typed again as it was)
    return (
        f"no measure recording it was made by {when}, to keep the old name: if the rename "
        f"is the last change, 'dprk undo' takes it back, and then 'dprk rename-party "
        f"{shell_word(was)} {shell_word(now)} --date {when}{flag}' dates it so, saying what that "
        "forgets; else no command can (a rename given back is dated after it, and one "
        "typed again no earlier)"
    )


def _rename_redate_by(draft: Draft, old: HistoryEntry, when: date) -> tuple[str, int] | None:
    """The measure, and its entry as `dprk log` numbers it, whose redate to `when` moves
    the party rename `old` records on every measure (`_rename_moved_by`): one made by
    then that records it; None for none."""
    for other in draft.mentioning(old.detail):
        m = draft.get(other)
        if not renamed_by(m, when):
            continue
        record = _rename_record(m, old)
        if record is not None:
            return other, record[0]
    return None


def _rename_record(m: Measure, old: HistoryEntry) -> tuple[int, HistoryEntry] | None:
    """`m`'s record of the rename entry `old` (the same change, on its day), with the
    number `dprk log` gives it; None where `m` holds none."""
    return next(
        (
            (n, h)
            for n, h in enumerate(in_log_order(m), 1)
            if changes.same_change(h, old) and h.date == old.date
        ),
        None,
    )


def _links_followed(draft: Draft, ident: str, note: str) -> None:
    """Date the records of links other measures hold, written when `ident` was added with
    `--in-exchange-for`, as its creation now is (redated, or undated and dated anew by
    the entry redated: `Draft.date_links_to`, as the write would), each move recorded
    on that measure by a correction of its own, as the other record of a link redated
    is (`_mirror_redated`); the line says them once written (`links_moved`)."""
    draft.put(settled(draft.get(ident)))  # (an undated creation dated as written)
    for other in draft.date_links_to(ident):
        was, now = draft.before()[other], draft.get(other)
        moved = [
            redated_text(h, e.date)
            for e in now.history
            for h in was.history
            if changes.same_change(e, h) and e.date != h.date
        ]
        if moved:
            detail = "; ".join(moved)
            draft.put(
                changes.with_entry(
                    now, changes.entry(today(), CORRECTION, detail=detail, note=note)
                )
            )


def _put_in_force(
    m: Measure, name: str, parties: Collection[str], present: Callable[[str], bool]
) -> tuple[HistoryEntry, Any, str | None] | None:
    """Dated field `name` of `m` as its history puts it in force (`field_in_force`): that
    edit, the value, and the value as the edit shows it; None when there is none, or it
    cannot stand (`rules.in_force_known`)."""
    found = field_in_force(m, name)
    if found is None or not in_force_known(name, found[2], m.id, parties, present):
        return None
    return found


# (how a measure an import's row refers to comes in with it: its file given too, one
# import of several files, `import_measures`)
_LEFT_OUT = (
    " (an export chosen by filters keeps the links of its measures to those left out: "
    "give the file that holds it to the same import, 'dprk import FILE...')"
)


def _unlike_history(m: Measure, parties: Collection[str], known: Collection[str]) -> str | None:
    """Why a row's actor, deadline or larger measure is not the one its history puts in
    force (`rules.fields_unlike_history`), as its status must be; None when each is."""
    unlike = unlike_history(m)
    found = fields_unlike_history(m, unlike, parties, known.__contains__)
    for u, stored, given in found:
        return (
            f"{u.name} {stored} is not what its history gives ({given}, by its edit of "
            f"{u.date}); give that {u.name}, or correct the history"
        )
    for u, order in orders_unlike_history(m, unlike, known.__contains__):
        now = changes.constraint_text(order) if order is not None else "none"
        return (
            f"its order toward '{u.other}' ({now}) is not what its history gives "
            f"({u.value or 'none'}, by its change of order of {u.date}); give that order, or "
            "correct the history"
        )
    for u in links_to_the_unheld(m, unlike, known.__contains__):
        return (
            f"its history links it with '{u.value}' (by its exchange entry of {u.date}), "
            f"which is neither in the ledger nor the file, and its in_exchange_for does not "
            f"list it; import '{u.value}' with it{_LEFT_OUT}, or take the entries of its "
            f"history that name '{u.value}' out of the file too"
        )
    for u, linked in links_unlike_history(m, unlike, known.__contains__):
        held, said, mend = (
            ("does not list", "links them", "give"),
            ("lists", "ends the link", "take"),
        )[not linked]
        return (
            f"in_exchange_for {held} '{u.value}', though its history {said} (by its exchange "
            f"entry of {u.date}); {mend} '{u.value}' {'in' if linked else 'out of'} the row's "
            "in_exchange_for, or take that entry out of the row's history"
        )
    return None


def _fields_redated(draft: Draft, ident: str, old: HistoryEntry) -> None:
    """Put in force each dated field a redated `edit` entry changed, as the edit of it now
    dated last set it (`_put_in_force`)."""
    if old.event != "edit":
        return
    m = draft.get(ident)
    update: dict[str, Any] = {}
    for name in DATED_FIELDS:
        if f"{name}: " not in old.detail:
            continue
        found = _put_in_force(m, name, draft.parties, draft.has)
        if found is not None and found[1] != getattr(m, name):
            update[name] = found[1]
    if update:
        draft.put(m.model_copy(update=update))


def _link_redated(draft: Draft, ident: str, old: HistoryEntry) -> str:
    """Put in force the exchange link between `ident` and the measure a redated `exchange`
    entry is about, as the change now dated last made it (on both); in words, or ""."""
    other = exchanged_with(old)
    if other is None or not draft.has(other) or other == ident:
        return ""
    a, b = draft.get(ident), draft.get(other)
    latest, linked = changes.link_changes(a, b)[-1]
    if linked == (other in a.in_exchange_for) == (ident in b.in_exchange_for):
        return ""
    for m, partner in ((a, other), (b, ident)):
        links = {*m.in_exchange_for, partner} if linked else set(m.in_exchange_for) - {partner}
        draft.put(m.model_copy(update={"in_exchange_for": sorted(links)}))
    said = "in exchange for" if linked else "not in exchange for"
    return f"{ident} is now {said} {other} (since {latest.date})"


def _order_redated(draft: Draft, ident: str, old: HistoryEntry) -> str:
    """Put in force the order between `ident` and the measure a redated `sequence` entry is
    about, as the change now dated last set it (a `with` on both measures); in words, or ""
    when it stays (or the change cannot be read back, or names a party no longer declared)."""
    other = changes.sequenced_with(old)
    if other is None or not draft.has(other) or other == ident:
        return ""
    m = draft.get(ident)
    found = changes.order_in_force(m, other)
    if found is None:
        return ""
    latest, constraint = found
    if constraint == _order_with(m, other):
        return ""
    if constraint is not None and constraint.demanded_by not in (None, *draft.parties):
        return ""
    kept = [c for c in m.constraints if c.other != other]
    moved = m.model_copy(
        update={
            "constraints": sorted(
                [*kept, *([constraint] if constraint else [])], key=Constraint.sort_key
            )
        }
    )
    draft.put(moved)
    draft.put(changes.follow_with(moved, draft.get(other), latest.date, "order redated"))
    text = changes.constraint_text(constraint) if constraint else f"not sequenced with {other}"
    return f"{ident} is now {text} (since {latest.date})"


# --- sequencing ---------------------------------------------------------------------------


def sequence(
    draft: Draft,
    ident: str,
    other: str,
    when: date,
    *,
    together: bool = False,
    require: Require = Require.acted,
    demanded_by: str | None = None,
    verified_by: str | None = None,
    new_verifier: bool = False,
    note: str = "",
    dated: bool = False,
    alone: bool = True,
) -> str:
    """Set `ident` after `other` (or, `together`, with it); what was done, in words. Given
    (`dated`: `when` was given) the order in force, on a later day than its last change,
    it is recorded: a change dated between, found later, does not overrule it.
    `verified_by`, with `require` verified: the verifier whose confirmed finding the order
    waits for, judged as `verify --by` judges one (`_order_verifier`; as `demanded_by`, a
    name a party had on `when`, given, is that party: `_named_then`). Not `dated`, a new
    order of two measures begun before `when` says it is from today (`begun_from_today`;
    `alone`: the command's only change, which the advice to date it may then undo)."""
    renamed_since: list[_Rename] = []  # (demanded, or verified, under its name then)
    if demanded_by is not None:
        then = when if dated else None
        named, renamed_since = _named_then(draft, demanded_by, then, "--demanded-by")
        by = _party(draft, named, "--demanded-by")
        demanded_by = demanding_party(by, draft.parties, "--demanded-by")
    if ident == other:
        raise DprkError(f"measure '{ident}' cannot be sequenced after or together with itself")
    if verified_by is not None:  # (a party's name on the day dated: the party, as above)
        named, renamed = _named_then(draft, verified_by, when if dated else None, "--verified-by")
        verified_by = _order_verifier(draft, other, named, when, new_verifier=new_verifier)
        renamed_since += renamed
    constraint = (
        Constraint(with_=other)
        if together
        else Constraint(
            after=other, require=require, demanded_by=demanded_by, verified_by=verified_by
        )
    )
    m, partner = draft.get(ident), draft.get(other, beside=ident)
    if renamed_since:  # (the renames since, as `rename-party` left each measure then)
        m = _rename_entries(m, renamed_since)
    later = changes.superseded_by(m, partner, when, together=together)
    # (a `with` stands only held by both: one the other lacks, written so by hand, is
    # recorded on both below)
    held = not together or [c for c in partner.constraints if c.other == ident] == [
        Constraint(with_=ident)
    ]
    if (
        later is None
        and dated
        and held
        and [c for c in m.constraints if c.other == other] == [constraint]
    ):
        found = changes.order_in_force(m, other)
        made = effective_creation(m)
        text = changes.constraint_text(constraint)
        if found is None and made is not None and made < when and not together:
            # An order given with the measure when it was added has no entry of its own:
            # it is recorded on the day the measure was made, as it stood since, so that
            # the order given again here is an order as it stands, not a new one.
            m = changes.recorded_only(m, changes.entry(made, "sequence", detail=text))
            found = changes.order_in_force(m, other)
        if found is not None and found[0].date < when:
            draft.put(
                changes.recorded_only(m, changes.entry(when, "sequence", detail=text, note=note))
            )
            if together:
                back = f"together with {ident}"
                mirror = changes.entry(when, "sequence", detail=back, note=note)
                draft.put(changes.recorded_only(partner, mirror))
            # (since the order has stood without a break: not the day it was last given)
            began = changes.orders_since(m).get(other, found[0].date)
            since = "; ".join([str(began), *_in_force_from(draft, partner, began)])
            return f"{ident}: recorded {text} on {when}, as it stands (since {since})"
    new_m, new_partner = changes.sequence(m, partner, constraint, when, note)
    draft.put(new_m)
    draft.put(new_partner)
    text = changes.constraint_text(constraint)
    if new_m is m and new_partner is partner:
        if later is not None:
            return f"{ident}: already recorded {text} on {when}; nothing changed"
        return f"{ident}: already {text}; nothing changed"
    if later is not None:
        line = f"{ident}: recorded {text} on {when}; {_order_stays(m, new_m, other, later, when)}"
        return line + _other_order_moved(partner, new_partner, ident)
    said = ["recorded on both"] if together else []
    replaced = []  # the orders, on either measure, this one takes the place of
    for before, after, toward in ((m, new_m, other), (partner, new_partner, ident)):
        was = _order_with(before, toward)
        if was is not None and was != _order_with(after, toward):
            replaced.append(f"{before.id} {changes.constraint_text(was)}")
    if replaced:
        said.append("replaces: " + "; ".join(replaced))
    said.extend(_in_force_from(draft, new_partner, when))
    if not together:
        said.extend(_acted_before(draft, ident, when))
        said.extend(_undone_owing_nothing(draft, ident))
    line = f"{ident}: {text}" + (f" ({'; '.join(said)})" if said else "")
    if dated:
        return line

    def again(day: date) -> str:  # (the same order, dated `day`)
        how = order_options(constraint) + (" --new-verifier" if new_verifier else "")
        return f"dprk sequence {ident} {how}{_note_option(note)} --date {day}"

    if replaced:
        return line  # (a change of an order that stood: the days before read the old one)
    # (ordered from today: the days before read without the order, so the line says so)
    return line + begun_from_today(
        draft,
        [ident, other],
        when,
        lambda trial, day: sequence(
            trial,
            ident,
            other,
            day,
            together=together,
            require=require,
            demanded_by=demanded_by,
            verified_by=verified_by,
            new_verifier=new_verifier,
            note=note,
            dated=True,
        ),
        again,
        alone=alone,
    )


def _order_verifier(
    draft: Draft, other: str, typed: str, when: date, *, new_verifier: bool = False
) -> str:
    """The verifier an order after `other` waits for (`sequence --verified-by`), as the
    ledger spells it: judged as `verify --by` judges one (`_verifier_judged`: a typo of
    a party or of a verifier on record refused, "did you mean"; one new to the ledger
    needs `new_verifier`), and refused where it is the actor of `other` on `when`, whose
    own word is no verification."""
    by = _verifier_judged(
        draft, typed, "--verified-by", new_verifier=new_verifier, recorded=draft.verifiers
    )[0]
    m = draft.get(other)
    actor = _own_word_of(draft, m, by, when)
    if actor is not None:
        who = f"'{by}'" if by == actor else f"'{by}' ({actor})"
        raise DprkError(
            f"--verified-by: {who} is the actor of '{other}' on {when}: a party's own word "
            "is not verification, which needs an independent verifier"
        )
    return by


def _undone_owing_nothing(draft: Draft, ident: str) -> list[str]:
    """What an order holds of `ident` where it stands reversed, exchanged for measures
    none of which stands acted (each reversed too, say), and is not to be carried out
    again (`vocab.to_do_again`, as `next` and `plan` ask it: nor is it a part of a measure
    that owes): nothing, in words, and what would make it count (a counterpart that acts,
    or acts again; and of a measure it is part of, that measure's). An order holds what is
    to be carried out. Empty otherwise, and of a measure made of parts (the order holds
    its parts, each as it is to act)."""
    from .facts import node_of

    index = draft.index()
    others = index.counterparts(ident)
    if not others:
        return []
    life = LedgerLife(index)
    if life.parts(ident):
        return []
    chain = [ident, *(w for w in ancestors(index, ident) if draft.has(w))]
    partners = {w: others if w == ident else index.counterparts(w) for w in chain}
    # (each as `next` and `plan` read it on the day the ledger stands on)
    around = {
        i: node_of(draft.get(i), life)
        for i in dict.fromkeys([*chain, *(o for found in partners.values() for o in found)])
    }
    if around[ident].status != Status.reversed or to_do_again(around, ident, (), owing(around)):
        return []  # (owed, or a part of one owed: to be carried out again, and held)
    stand = {o: life.state(o) for o in sorted(others)}
    statuses = {s.status for s in stand.values() if s is not None}
    if len(stand) == 1:
        [(other, state)] = stand.items()
        standing = "not made" if state is None else state.status.value
        too = " too" if standing == Status.reversed.value else ""
        counterpart = f"{other}, what it was exchanged for, stands {standing}{too}"
    elif statuses == {Status.reversed}:
        counterpart = f"what it was exchanged for, {in_prose(stand)}, stands reversed too"
    else:
        each = (f"{o} {'-' if s is None else s.status.value}" for o, s in stand.items())
        counterpart = f"what it was exchanged for has not acted ({', '.join(each)})"
    owed = "neither is owed" if len(stand) == 1 else "none of them is owed"
    # (each measure it is part of, exchanged for others: none of them owes either)
    nor = []
    waited = [o for o in stand if around[o].status not in ACTED]
    for below, whole in zip(chain, chain[1:], strict=False):
        theirs = sorted(partners[whole])
        if theirs:
            which = "it" if below == ident else below
            each = (f"{o} ({around[o].status.value})" for o in theirs)
            nor.append(f", nor does {whole}, which {which} is part of, owe for {in_prose(each)}")
            waited += [o for o in theirs if around[o].status not in ACTED and o not in waited]
    acted_once = {o for o in waited if _ever_acted(life, o)}
    unless = [
        f"{in_prose(ids, 'or')} acts{again}"
        for ids, again in (
            ([o for o in waited if o not in acted_once], ""),
            ([o for o in waited if o in acted_once], " again"),
        )
        if ids
    ]
    return [
        f"{ident} was reversed on {life.status_since(ident)}, and {counterpart}: {owed}"
        f"{''.join(nor)}, and an order holds a reversed measure only while it is to be "
        f"carried out again, so this one holds nothing of {ident} unless "
        f"{' or '.join(unless)}"
    ]


def _ever_acted(life: LedgerLife, ident: str) -> bool:
    """Whether `ident` has acted on any day of its record (made of parts: through one)."""
    return any(state.status in ACTED for _, state in life.states_held(ident))


def _acted_before(draft: Draft, ident: str, when: date) -> list[str]:
    """What an order set on `when` holds of `ident` as it stands, in words, when it has
    acted without a break since a day before: of one done in full, nothing (an order holds
    a measure until it acts, and an action before the order was set is not judged,
    `check`'s acted-out-of-order; valid all the same, it holds the measure should that
    action be undone); of one done in part, the rest (its further steps wait for what the
    order asks, `sequencing.rest_owed`; what it did before the order stands). Of a measure
    made of parts, acted through a part before `when`: it holds each part until that part
    acts (a demand for no more phases until the other side moves), so those yet to act,
    as `next` and `plan` hold them (`vocab.pending_below`), are named, and the rest of
    each part carried out in part (`sequencing.rest_held` holds it so)."""
    index = draft.index()
    life = LedgerLife(index)
    acted = life.acted_since(ident)
    if acted is None or acted >= when:
        return []
    parts = index.parts()
    if ident in parts:
        through = [
            p for p in parts[ident] if (since := life.acted_since(p)) is not None and since <= acted
        ]
        how = f"{ident} acted on {acted}" + (f" through {in_prose(through)}" if through else "")
        # (those yet to act on `when`: one that has acted since did so under the order)
        below = (p for p in descendants(parts, ident) if p in index)
        then = {p: _YetToAct(_yet_to_act(life, index[p], when)) for p in below}
        held = sorted(pending_below(parts, then, ident, parts))
        rests = [  # (the rest of each part carried out in part that acts itself)
            f"{p} (done: {index[p].extent.value})"
            for p in sorted(then)
            if p not in parts and p not in held and done_in_part(index[p])
        ]
        rest = f"the rest of {in_prose(rests)}" if rests else ""
        if not held:
            if rest:
                return [f"{how}, before this order: it holds {rest}"]
            return [
                f"{how}, before this order, and no part is yet to act: it holds nothing of {ident}"
            ]
        also = f", and {rest}" if rest else ""
        return [
            f"{how}, before this order: it holds only its parts yet to act, {in_prose(held)}" + also
        ]
    extent = draft.get(ident).extent
    if extent != Extent.full:  # (what it did stands; what it has yet to do waits)
        return [
            f"{ident} acted on {acted}, in part, before this order: it holds the rest of "
            f"{ident} (done: {extent.value})"
        ]
    return [
        f"{ident} acted on {acted}, before this order: an order holds a measure until it "
        f"acts, so this one holds nothing of {ident} unless that action is undone"
    ]


class _YetToAct(NamedTuple):
    pending: bool


def _yet_to_act(life: LedgerLife, m: Measure, when: date) -> bool:
    """Whether `m` was yet to act on `when`, as an order set that day reads it: it has not
    acted since a day before (it is pending, or acted on that day or later)."""
    since = life.acted_since(m.id)
    return m.pending if since is None else since >= when


def _in_force_from(draft: Draft, partner: Measure, when: date) -> list[str]:
    """When an order made on `when` toward `partner` comes into force, in words, if later
    (as `--as-of` views and `check` read it: from the day `partner` was made, one added
    without a date dated by its parts too)."""
    made = LedgerLife(draft.index()).life(partner.id).created
    if made is None or made <= when:
        return []
    whence = (
        f"when {partner.id} was made"
        if dated_creation(partner)
        else f"the first day {partner.id} has on record"
    )
    return [f"in force from {made}, {whence}"]


def _order_with(m: Measure, other: str) -> Constraint | None:
    return next((c for c in m.constraints if c.other == other), None)


def _held_through(draft: Draft, m: Measure, other: str) -> tuple[str, str] | None:
    """The measure whose own order makes `m` wait for `other`, as `next` holds it: one it
    is part of, one it goes together with (yet to act, as it is), and so on through
    theirs, the nearest first; with how it holds `m`, in words. None when none does."""
    seen = {m.id}
    ahead: list[tuple[Measure, list[tuple[str, str]]]] = [(m, [])]
    while ahead:
        here, path = ahead.pop(0)
        near = [(here.part_of, "is part of")] + [
            (c.with_, "goes together with") for c in here.constraints if c.with_
        ]
        for ident, words in near:
            if ident is None or ident in seen or not draft.has(ident):
                continue
            seen.add(ident)
            held = draft.get(ident)
            if words == "goes together with" and held.status not in PENDING:
                continue  # (a partner that acted holds it no more)
            way = [*path, (words, ident)]
            if any(c.after == other for c in held.constraints):
                if len(way) == 1:
                    return held.id, f"which it {words}"
                chain = ", which ".join(f"{w} '{i}'" for w, i in way)
                return held.id, f"as {m.id} {chain}"
            ahead.append((held, way))
    return None


def unsequence(
    draft: Draft,
    ident: str,
    other: str,
    when: date,
    note: str = "",
    *,
    dated: bool = False,
    alone: bool = True,
) -> str:
    """Drop the order between `ident` and `other` (a `with` from both), dated `when`;
    what was done, in words. The advice it gives to drop another order is dated as the
    command was (`dated`: `when` was given). Not `dated`, the end of an order that stood
    before `when` says it is from today (`ended_from_today`; `alone`: the command's only
    change, which the advice to correct it may then undo)."""
    m = draft.get(ident)
    partner = draft.get(other) if draft.has(other) and other != ident else None
    through = _held_through(draft, m, other)
    if (
        partner is None
        and through is None
        and _order_with(m, other) is None
        and not changes.order_changes_with(m, other)
    ):
        # (an id of no measure is refused as every command refuses it, itself as
        # `sequence` refuses it, unless `m` holds an order with it, or its history does:
        # a measure removed since, an order with itself written by hand)
        if other == ident:
            raise DprkError(f"measure '{ident}' cannot be sequenced after or together with itself")
        draft.require([other], beside=ident)
    if (
        through is not None
        and _order_with(m, other) is None
        and (partner is None or _order_with(partner, ident) is None)
        and not changes.order_changes_with(m, other)
    ):
        holder, how = through
        on = _removal_on(draft.get(holder), other, when, dated)
        raise DprkError(
            f"measure '{ident}' has no sequencing constraint with '{other}' of its own: it "
            f"waits for it through the order of '{holder}', {how} ('dprk sequence {holder} "
            f"--remove {other}{on}' drops that one)"
        )
    later = changes.superseded_by(m, partner or other, when, together=other in m.together_with)
    new_m, new_partner = changes.unsequence(m, other, partner, when, note, dated=dated)
    draft.put(new_m)
    if new_partner is not None:
        draft.put(new_partner)
    if later is not None and later in m.history and later not in new_m.history:
        # (the later end was the other's change of order, which found the `with` still
        # standing: with this end before it, it ends nothing, and is gone, as typed in
        # date order; this one is the end)
        return f"{ident}: no longer together with {other}"
    if later is not None:
        said = f"no longer sequenced with {other} on {when}"
        if new_m is m:
            return f"{ident}: already recorded {said}; nothing changed"
        line = f"{ident}: recorded {said}; {_order_stays(m, new_m, other, later, when)}"
        moved = _other_order_moved(partner, new_partner, ident) if partner else ""
        theirs = None if new_partner is None else _order_with(new_partner, ident)
        if theirs is not None and theirs.after is not None and not moved:
            # (its own order toward this one stands, as a removal in date order says)
            moved = f"; {other} is still {changes.constraint_text(theirs)}"
        return line + moved
    kept = None if new_partner is None else _order_with(new_partner, ident)
    if new_partner is not None and kept is not None and kept.after is not None:
        # (its own order toward this one)
        on = _removal_on(new_partner, ident, when, dated)
        return (
            f"{ident}: no longer {changes.constraint_text(_order_with(m, other) or kept)}; "
            f"{other} is still {changes.constraint_text(kept)} ('dprk sequence {other} "
            f"--remove {ident}{on}' drops that)"
        )
    if through is not None:
        holder, how = through
        on = _removal_on(draft.get(holder), other, when, dated)
        return (
            f"{ident}: no longer sequenced with {other} by an order of its own; it still "
            f"waits for it through the order of '{holder}', {how} ('dprk sequence {holder} "
            f"--remove {other}{on}' drops that one)"
        )
    gone = _order_with(m, other)  # (the order it had: named, after or together)
    if gone is not None:
        said = f"{ident}: no longer {changes.constraint_text(gone)}"
        if dated:
            return said
        # (ended from today: the days before read the order, so the line says so)
        return said + ended_from_today(
            draft,
            ident,
            other,
            when,
            lambda trial, day: unsequence(trial, ident, other, day, note, dated=True),
            f"dprk sequence {ident} --remove {other}{_note_option(note)}",
            order=True,
            alone=alone,
        )
    return f"{ident}: no longer sequenced with {other}"


def _removal_on(m: Measure, other: str, when: date, dated: bool) -> str:
    """The date of the advice to drop `m`'s order toward `other`, given in answer to a
    command dated `when` (`dated`: given a date; undated, today's, none): ' --date D',
    that day, or the day the order was set when later (a removal dated before it would
    be refused); "" for an undated command."""
    if not dated:
        return ""
    began = changes.orders_since(m).get(other)
    return f" --date {max(when, began) if began is not None else when}"


def _other_order_moved(before: Measure, after: Measure | None, toward: str) -> str:
    """What a change recorded after the fact did to the other measure's own order toward
    `toward` ("" for nothing): a `with` dated between replaced it, and was ended since."""
    was = _order_with(before, toward)
    now = _order_with(after, toward) if after is not None else None
    if was == now:
        return ""
    if now is not None:
        return f"; {before.id} now {changes.constraint_text(now)}"
    assert was is not None
    return f"; {before.id} no longer {changes.constraint_text(was)}"


def _order_stays(was: Measure, m: Measure, other: str, later: HistoryEntry, when: date) -> str:
    """What the order between `m` and `other` stays, after a change dated `when`, before
    `later` (`was`: `m` before it), and since when; and, when the change moved that day
    (an order dated before the same order on record), the day it was before."""
    now = _order_with(m, other)
    text = changes.constraint_text(now) if now is not None else f"not sequenced with {other}"
    since, before = _order_since(m, other, later, when), _order_since(was, other, later, when)
    if since != before and _order_with(was, other) == now:
        return f"{m.id} is {text} from {since} on (it was from {before})"
    return f"{m.id} stays {text} (since {since})"


def _order_since(m: Measure, other: str, later: HistoryEntry, when: date) -> date:
    """Since when the order between `m` and `other` has stood as it does, for a change
    dated `when`, before `later`: since `m`'s own change of it dated after `when` (a
    `with` it shares with `other` may be ended by `other`'s, `later`, dated after that)."""
    own = changes.order_in_force(m, other)
    since = own[0].date if own is not None and own[0].date > when else later.date
    # (an order, or its own removal, that stood unbroken from then: this change's day,
    # one before it, or one it was given again on since)
    own_end = _order_with(m, other) is None and own is not None and own[1] is None
    run = changes.order_run_since(m, other) if own_end or _order_with(m, other) else None
    if run is not None and run <= since:
        since = run
    return since


# --- what a change left ---------------------------------------------------------------------


@dataclass(frozen=True)
class Standing:
    """Where a measure stands after a change, for the confirmation line."""

    status: Status
    extent: Extent
    since: date | None  # when its current state (status at its extent) began
    status_since: date | None  # when its status began (`status` shows this one)
    parent: str | None = None  # what it is part of, and how that now stands
    parent_status: Status | None = None
    parent_extent: Extent | None = None
    # the measures that one is a part of in turn, each with how it now stands
    above: tuple[tuple[str, Status, Extent], ...] = ()
    # of those, the ones that stand as they did before the change (`standing`'s `before`)
    unmoved: frozenset[str] = frozenset()
    # a step on a part moved since its day: each whole it was a part of from that day on
    # and how that stood then (`Stretch`), said instead of `parent` alone
    stretches: tuple[Stretch, ...] = ()
    # a step dated in the past: each whole (`parent`, those `above`) that came to its state
    # on another day than the step's, with its state and the days (`_state_held`); or one
    # left in its state but from another day, and the days it was so from (`_day_moved`)
    dated: Mapping[str, str] = field(default_factory=dict)
    # how many parts `parent` has on record, and how many it is to have (its
    # `expected_parts`), when that is said: None when it is not
    parent_parts: tuple[int, int] | None = None


class Stretch(NamedTuple):
    """A whole a part was in from a step's day on (`Life.wholes_from`), and each state the
    whole held while the part was in it (`LedgerLife.stretch`, followed state by state)."""

    part: str
    whole: str
    start: date
    until: date | None  # the day the part left it (None: it still is a part of it)
    on_day: bool  # the part was in it on the step's day
    held: tuple[tuple[State, date], ...]  # each state, in order, and the day it began
    ended: date | None  # the day the last of those next changed (None: it stands so)
    # the day the first of those states' status began: before that state's own day where
    # its extent was reached later ('implemented (minimal) from D, in full from E', as
    # `status` dates it), and each extent it held from then (`_extents_held`)
    status_began: date | None = None
    earlier: tuple[tuple[Extent, date], ...] = ()


def standing(
    draft: Draft,
    ident: str,
    before: Mapping[str, Stood] | None = None,
    *,
    whole: bool = True,
    when: date | None = None,
) -> Standing:
    """The measure's status, extent and since when, as the finished draft holds it; and,
    given how its wholes stood before the change (`wholes_standing`), which of them it
    left as they were. `whole`: False for a line that is not to say how the measure it
    is part of stands (`whole_said_on`). `when`: the day of the step recorded; a part
    moved since (an edit of its `part_of` dated later) is said of each whole it was in
    from that day on, as the replay has them (`stretches`), not of today's alone; None
    for a change of no day (an entry dropped), whose wholes are said from another day
    where they stand as they did (`_day_moved`), and, moved to another state, with both
    states and the day each began ('now implemented from D (it was verified from E)')."""
    life = LedgerLife(draft.index())
    m = draft.get(ident)
    parent = m.part_of if m.part_of is not None and draft.has(m.part_of) else None
    stretches: list[Stretch] = []
    runs = life.life(ident).wholes_from(when) if when is not None and whole else ()
    if runs and [(w, until) for w, _, until in runs] != [(m.part_of, None)]:
        for w, start, until in runs:
            stood = life.stretch(w, start) if w is not None and draft.has(w) else None
            held, ended, began = [], None, stood[2] if stood is not None else None
            # (each state the whole came to before the part left it, not the first alone:
            # the day that one ended is not the day the part left)
            while w is not None and stood is not None:
                held.append(stood[:2])
                ended = stood[3]
                if ended is None or (until is not None and ended >= until):
                    break
                stood = life.stretch(w, ended)
            if w is not None and held:
                first = held[0][1]  # (the day the first state began)
                earlier = _extents_held(life, w, began, first)
                stretches.append(
                    Stretch(
                        ident, w, start, until, start == when, tuple(held), ended, began, earlier
                    )
                )
    p = draft.get(parent) if parent is not None else None
    chain = ancestors(draft.index(), ident, most=PARTS_DEPTH)[1:]  # (above its whole)
    above = tuple((w.id, w.status, w.extent) for w in (draft.get(i) for i in chain if i in draft))
    # (a part's step may move its whole only from a later day, another part's, or to an
    # extent on its own day of a status begun before: as `status --as-of` dates it, not
    # 'now' as though from the step's day, `_days_told`)
    dated = {}
    moved = set()  # (in the state it was in, from another day: not 'still', `_day_moved`)
    # (a change of no day of its own, an entry dropped: the day moved alone is said)
    for w in [parent, *chain] if whole and parent is not None else []:
        since = life.state_since(w) if draft.has(w) else None
        if since is None:
            continue
        began = life.status_since(w)
        earlier = _extents_held(life, w, began, since)
        now_held = _state_held(draft.get(w).status, draft.get(w).extent, since, began, earlier)
        then = (before or {}).get(w)
        # (or a correction, of no day of its own, moved it to another state: both states
        # and the day each began, as `stands_now` says them of the part; so a step dated
        # before the day it came to the state it left, which moved it from an earlier day)
        other = then is not None and then[:2] != (draft.get(w).status, draft.get(w).extent)
        corrected = (
            other
            and then is not None
            and then.since is not None
            and (when is None or then.since > when)
        )
        if then is not None and (corrected or _day_moved(then, draft.get(w), since, began)):
            moved.add(w)  # (as `wholes_moved` words it: 'now ... from D (it was ... from E)')
            was_held = _state_held(
                then.status, then.extent, then.since, then.status_since, then.earlier
            )
            now_at = State(draft.get(w).status, draft.get(w).extent)
            was_held = ", ".join([*_was_from(then.days, began, then, now_at), was_held])
            dated[w] = _held_anew(life, w, now_held, was_held, then.days)
        elif when is not None and _days_told(draft.get(w).status, since, began, when):
            dated[w] = now_held
    return Standing(
        status=m.status,
        extent=m.extent,
        since=life.state_since(ident),
        status_since=life.status_since(ident),
        parent=parent,
        parent_status=p.status if p is not None and whole else None,
        parent_extent=p.extent if p is not None else None,
        above=above,
        unmoved=frozenset(
            w
            for w, then in (before or {}).items()
            if draft.has(w)
            and (draft.get(w).status, draft.get(w).extent) == then[:2]
            and w not in moved
        ),
        stretches=tuple(stretches),
        dated=dated,
        parent_parts=(
            (  # (a part that stands rejected counts for nothing, as `next` counts them)
                parts_recorded(draft.get(i).status for i in life.parts(p.id) if i in draft)[0],
                p.expected_parts,
            )
            if p is not None and p.expected_parts is not None
            else None
        ),
    )


def _day_moved(then: Stood, w: Measure, since: date, began: date | None) -> bool:
    """Whether a whole stands as it did (`then`, with its days: `wholes_standing`'s
    `dated`) but from another day (`since`, its status from `began`), as `status --as-of`
    dates it: a step of a part dated before another's moves the day alone."""
    return (
        then.since is not None
        and (w.status, w.extent) == (then.status, then.extent)
        and (since, began) != (then.since, then.status_since)
    )


def confirmation(
    ident: str,
    recorded: str,
    when: date,
    now: Standing,
    expected: Status | None,
    expected_extent: Extent | None = None,
    *,
    was: Standing | None = None,
    why: str | None = None,
    by: str | None = None,
) -> str:
    """The line a command prints after recording an event: what was recorded and what
    the ledger now holds. 'pg: implemented on 2018-07-23'; when a later-dated entry
    keeps another status current, or it stood so already, 'pg: recorded agreed on
    2018-06-01; pg stays implemented (since 2018-09-01)'; when the event moved it all
    the same (`was`: where it stood before) to a state a later-dated entry sets (a
    reversal found between a finding and a new action), or to the same state from a
    later day (a reversal found between two actions: the second counts from its own
    day), 'pg is now ... (since ...; it was ...)'. `by`: the party that undid it, of a
    reversal by another party than its actor, said after the day ('lo: reversed on
    2020-06-16 by DPRK')."""
    state = state_text(now.status, now.extent)
    recorded_on = f"{when}{by_said(by)}" if by is not None else str(when)  # (who undid it)
    if (
        expected is not None
        and now.status == expected
        and (expected_extent is None or now.extent == expected_extent)
        and (now.since is None or now.since >= when)  # (else it stood so already)
        # (and a later-dated event did not set that status again since: withdrawn, then
        # agreed again, the status is of that later day)
        and (now.status_since is None or now.status_since <= when)
    ):
        began = now.status_since
        if (  # carried further: a new extent of a status that began earlier
            now.since == when
            and began is not None
            and began < when
            and now.status in ACTED
            and recorded in (now.status.value, state, state_text(now.status, now.extent, full=True))
        ):
            shown = f"{now.status.value} in full" if now.extent == Extent.full else recorded
            return with_parent(f"{ident}: {shown} on {when}; {now.status.value} since {began}", now)
        line = f"{ident}: {recorded} on {recorded_on}"
        if now.since is not None and now.since != when:
            line += f"; {ident} is {state} {_since_text(now)}"
        elif recorded not in (state, state_text(now.status, now.extent, full=True)):
            line += f"; {ident} is {state}"
    else:
        since = f"{why or _since_text(now)}; " if now.since is not None else ""
        line = f"{ident}: recorded {recorded} on {recorded_on}; {ident} "
        then = None  # (where it stood before, when the entry moved it all the same)
        if was is not None and (was.status, was.extent) != (now.status, now.extent):
            then = state_text(was.status, was.extent)
        elif was is not None:
            # (of any day: a step recorded under a later one may move the day the state
            # shown began to its own, which the line says too)
            then = held_before(was, now)
        if then is not None:
            line += f"is now {state} ({since}it was {then})"
        else:
            line += f"stays {state}" + (f" ({since[:-2]})" if since else "")
    return with_parent(line, now)


def _dated_anew(was: Standing, now: Standing) -> bool:
    """Whether a change left a measure in the state it was in (`was`), but held from
    another day: of any day, the change's own too (a step redated that began the status
    shown moves the day it began, which the line says: its former day is said nowhere
    else)."""
    days, then = (now.since, now.status_since), (was.since, was.status_since)
    return None not in (*days, *then) and days != then


def held_before(was: Standing, now: Standing) -> str | None:
    """'implemented since 1989-04-01': how a measure stood before a change (`was`) that
    left it in that state but held from another day (`_dated_anew`), for the line to say
    both days; None where it did not. One wording for a step (`confirmation`) and for a
    correction (`stands_now`)."""
    if (was.status, was.extent) != (now.status, now.extent) or not _dated_anew(was, now):
        return None
    return f"{state_text(was.status, was.extent)} {_since_text(was)}"


def stands_now(ident: str, now: Standing, was: Standing, past: Sequence[str] = ()) -> str:
    """How a measure stands after a correction of its record (an entry dropped or
    redated): 'x is implemented' where it left it as it was; moved to another state, or
    left in its state but from another day (the redated step's own day too), both
    states and days, as `confirmation` says a day moved: 'x is now implemented (since
    2025-01-14; it was reversed since 2025-01-20)'. (A correction is of no day of its
    own: the line alone says which day the state it leaves began, and which it undid.)
    `past`: how its past moved, where it did (`past_moved`), said of one left as it was:
    'x is verified from 1990-03-21 on; in its past now implemented from ... (it was
    reversed from ...)'."""
    state = state_text(now.status, now.extent)
    then = held_before(was, now)
    if then is None and (was.status, was.extent) != (now.status, now.extent):
        then = state_text(was.status, was.extent)
        if was.since is not None:
            then += f" {_since_text(was)}"
    if then is None:
        return past[0] if past else f"{ident} is {state}"
    since = f"{_since_text(now)}; " if now.since is not None else ""
    return f"{ident} is now {state} ({since}it was {then})"


def linked_standing(draft: Draft, ident: str, number: int) -> dict[str, Standing]:
    """How each other measure a redate of `ident`'s entry `number` may move stood before
    it (`standing`): the other measure of the link or order the entry records, and each
    one `ident` is exchanged for (a record of a link moves with a creation)."""
    m = draft.get(ident)
    entry = changes.numbered_entry(m, number)
    other = exchanged_with(entry) or changes.sequenced_with(entry)
    ids = sorted({*m.in_exchange_for, *([other] if other else [])} - {ident})
    return {i: standing(draft, i, whole=False) for i in ids if draft.has(i)}


def others_moved(draft: Draft, stood: Mapping[str, Standing]) -> str:
    """'; b is now proposed (since D; it was proposed since E)' for each measure of
    `stood` (as it stood before: `linked_standing`) that the finished change left in
    another state or from another day, as `stands_now` says it of the measure
    corrected (its record of a link moved back, its undated creation moved with it);
    "" for none."""
    said = ""
    for other, was in stood.items():
        if draft.has(other):
            text = stands_now(other, standing(draft, other, whole=False), was)
            said += f"; {text}" if text.startswith(f"{other} is now ") else ""
    return said


def finding_line(
    draft: Draft,
    ident: str,
    by: str,
    result: Result,
    when: date,
    *,
    was: Standing,
    wholes: Mapping[str, Stood] | None = None,
    whole_said: bool = True,
) -> str:
    """`confirmation` of a finding `verify` recorded; a confirmation that leaves the
    measure disputed says that a refutation of its day outweighs it (`FINDING_RANK`).
    `wholes`: how its wholes stood before (`standing`); `whole_said`: see
    `whole_said_on`."""
    now = standing(draft, ident, wholes, whole=whole_said, when=when)
    expected = {Result.confirmed: Status.verified, Result.refuted: Status.disputed}.get(result)
    why = None
    if result == Result.confirmed and now.status == Status.disputed and now.since == when:
        found = draft.get(ident).verifications
        refuters = sorted({v.by for v in found if v.date == when and v.result == Result.refuted})
        said = ", ".join(finder_said(r, draft.parties) for r in refuters)
        why = f"refuted by {said} the same day" if refuters else None
    # (a party's finding, no verifier's: said so, `rules.finder_said`)
    what = f"{result.value} by {finder_said(by, draft.parties)}"
    line = confirmation(ident, what, when, now, expected, was=was, why=why)
    return line + _found_before_reversal(draft, ident, by, result, when)


def _found_before_reversal(draft: Draft, ident: str, by: str, result: Result, when: date) -> str:
    """For a finding `verify` recorded (`draft` finished) on the day `ident` was reversed:
    that it was taken as one of the action the reversal undid (a finding of a reversal's
    day replays before it: `found_standing`, as `verify` judges it and every view reads
    it), and, where that works, how to make it one of the reversal: its date moved to the
    day after ('dprk redate ID N DAY', made on a copy of the ledger first, so that the
    advice never fails when followed, and leaves it a finding of the reversal). "" for a
    finding of any other day."""
    m = draft.get(ident)
    before = draft.before()
    undone = found_standing(m, when)[1]
    if undone is None:
        return ""
    if ident in before:  # (as it stood for the finding: the finding itself aside)
        undone = found_standing(before[ident], when)[1] or undone
    said = (
        "; taken as a finding of the action the reversal of that day undid (it was "
        f"{state_text(undone.status, undone.extent)} until then), as a finding of a "
        "reversal's day comes before it"
    )
    entry = next(
        (
            e
            for e, v in match_verifications(m)
            if v is not None and (v.by, v.result, v.date) == (by, result, when)
        ),
        None,
    )
    number = _numbered(m, entry) if entry is not None else None
    after = when + timedelta(days=1)
    if number is None or after > today():
        return said
    trial = Draft(draft.header(), draft.index())
    try:
        redate(trial, ident, number, after)
        trial.finish()
    except (DprkError, ValueError):
        return said
    then, undone = found_standing(trial.get(ident), after)
    if then is None or then.status != Status.reversed or undone is not None:
        return said
    return (
        f"{said}; to make it a finding of the reversal, date it the day after ('dprk redate "
        f"{ident} {number} {after}')"
    )


class Stood(NamedTuple):
    """How a whole stood before a change (`wholes_standing`)."""

    status: Status
    extent: Extent
    since: date | None = None  # the day it came to that state (asked for: `dated`)
    status_since: date | None = None  # the day its status began (`status` shows this one)
    # each extent it held from that day until `since` (`_extents_held`)
    earlier: tuple[tuple[Extent, date], ...] = ()
    # each state it came to, and the day (`LedgerLife.states_held`): a change may move
    # its past alone
    days: tuple[tuple[date, State], ...] = ()


def wholes_standing(
    draft: Draft, ident: str | None, part_of: str | None = None, *, dated: bool = False
) -> dict[str, Stood]:
    """How the measures `ident` is or was a part of stand now (a redate moves when it
    was), and the one `part_of` names (a whole it is to join: `ident` None for a measure
    being added), with those each is a part of in turn: for `wholes_moved` to say, once
    the change is made, how the change moved them. `dated`: with the day each came to
    stand so (`LedgerLife.state_since`), and its status (`status_since`), for a change
    that may move those days alone."""
    return wholes_standing_of(draft, [(ident, part_of)], dated=dated)


def wholes_standing_of(
    draft: Draft, rows: Iterable[tuple[str | None, str | None]], *, dated: bool = False
) -> dict[str, Stood]:
    """`wholes_standing` of each (`ident`, `part_of`) of `rows` at once (the measures
    of an import: one replay of the ledger for all)."""
    index = draft.index()
    life = LedgerLife(index) if dated else None
    named: list[str | None] = []
    for ident, part_of in rows:
        named += [draft.get(ident).part_of if ident is not None and draft.has(ident) else None]
        named += [part_of]
        for below in (ident, part_of):
            if below is not None and draft.has(below):
                named += wholes_over_time(index, below)  # (its wholes, and those above them)
    found = {}
    for whole in named:
        if whole is not None and whole not in found and draft.has(whole):
            w = draft.get(whole)
            if life is None:
                found[whole] = Stood(w.status, w.extent)
            else:
                since, began = life.state_since(whole), life.status_since(whole)
                earlier = _extents_held(life, whole, began, since)
                days = life.states_held(whole)
                found[whole] = Stood(w.status, w.extent, since, began, earlier, days)
    return found


def whole_said_on(draft: Draft, targets: Sequence[str]) -> set[str]:
    """The measures of one command whose lines say how the measure they are part of now
    stands: of several parts of one measure, the last (`wholes_said_on`)."""
    said = wholes_said_on({ident: [draft.get(ident).part_of] for ident in targets})
    return {ident for ident, wholes in said.items() if wholes}


def wholes_said_on(named: Mapping[str, Iterable[str | None]]) -> dict[str, set[str | None]]:
    """For each measure of one command, in order, the wholes its line says (of those
    `named` for it: its whole, or those an edit of `part_of` moved): each on the line of
    the last measure naming it. Each line is printed once the whole command is made: said
    on an earlier part's line, the whole's state would read as that part's change alone
    having made it."""
    last: dict[str | None, str] = {}
    for ident, wholes in named.items():
        for whole in wholes:
            last[whole] = ident
    said: dict[str, set[str | None]] = {ident: set() for ident in named}
    for whole, ident in last.items():
        said[ident].add(whole)
    return said


def wholes_moved(
    draft: Draft,
    was: Mapping[str, Stood],
    *,
    left: int = 0,
    when: date | None = None,
    told: Collection[str] = (),
) -> str:
    """'; w now agreed (it was implemented)' for each of the wholes `was` names that the
    finished change moved (a part removed or moved to another, as its parts give it).
    A whole the change left back on what its own history holds, from the day the parts
    that had acted left it (`LedgerLife.acted_parts_left`: the parts an edit of
    `part_of` moved out, or those left once another part is removed or redated), is said
    to be so from that day, and why ('w is agreed again from 1989-06-01: its only acted
    part left (it was implemented)'), as `status --as-of` and the timeline have it;
    `left`: how many parts the change moved out of their wholes (an edit of their
    `part_of`), counted where the replay counts none. `was` holding the days (`dated`:
    a part added, moved, redated or removed): a whole its parts give its state is said
    from which day it now stands so, in the words of a step's line (`with_parent`),
    where that is not `when`, the day the change was given (an edit's, a redate's, a
    part added's), or its status began before: 'rod now implemented from 2018-07-23 (it
    was proposed)', 'x now implemented (intermediate) from 2020-02-01, in full from
    2020-04-01 (it was implemented (intermediate))'; and said too
    when it stands as it did but from another day ('wd now verified from 2018-07-10 (it
    was verified from 2018-07-11)'), as `status --as-of` has them: its status's day
    too, where its extent was reached later, with the extent it had from then
    (`_state_held`: 'asm now implemented from 1993-08-15 (it was implemented
    (intermediate) from 1993-07-01, in full from 1993-08-15)'), the day `status` shows;
    and one that stands as it did from the day it did, whose past moved, how it did
    (`_past_moved`), but for those the step's line told of already (`told`: its
    `Standing.stretches`)."""
    return "".join(f"; {text}" for text in wholes_moved_said(draft, was, left, when, told))


def wholes_moved_said(
    draft: Draft,
    was: Mapping[str, Stood],
    left: int = 0,
    when: date | None = None,
    told: Collection[str] = (),
) -> list[str]:
    """What `wholes_moved` says, a text for each whole the change moved, each naming
    it first: 'w now implemented (it was verified)' (an import says each on its line)."""
    said = []
    life: LedgerLife | None = None
    for whole, before in was.items():
        if not draft.has(whole):
            continue
        w = draft.get(whole)
        now, then = state_text(w.status, w.extent), state_text(before.status, before.extent)
        since = began = None
        earlier: tuple[tuple[Extent, date], ...] = ()
        if before.since is not None:
            life = life or LedgerLife(draft.index())
            # (one standing as its own history holds is dated by that, not by its parts:
            # an undated creation a part dates is no day to tell)
            if life.state(whole) != life.life(whole).state:
                since, began = life.state_since(whole), life.status_since(whole)
                earlier = _extents_held(life, whole, began, since)
        held = _state_held(w.status, w.extent, since, began, earlier)
        if (w.status, w.extent) == (before.status, before.extent):
            # (its status may have moved while its extent's day did not, or the other way)
            if since is None and before.since is not None and life is not None:
                # (back on its own history as it was, from another day: the day its
                # acted parts left moved, as `status --as-of` dates it)
                back = _back_from_acting(life, whole)
                day = life.state_since(whole)
                if back is not None and day is not None and day != before.since:
                    gone = life.acted_parts_left(whole, day)
                    why = f": {acted_parts_left_text(gone)}" if gone else ""
                    said.append(f"{whole} is {now}{back}{why} (it was from {before.since})")
                    continue
            # (and the day it came to each extent it held on the way, where its status
            # began before: another part's step, or one moved out, moves that day alone)
            if since is None or (since, began, earlier) == (
                before.since,
                before.status_since,
                before.earlier,
            ):
                # (today's state held from the day it was, its past may have moved all the
                # same: a part's edit of part_of redated, a part's step moved)
                if life is not None and before.days and whole not in told:
                    said += _past_moved(life, whole, before.days)
                continue
            stood = _state_held(
                before.status, before.extent, before.since, before.status_since, before.earlier
            )
            assert life is not None  # (`before.since` given: read above)
            earlier_held = _was_from(before.days, began, before, State(w.status, w.extent))
            stood = ", ".join([*earlier_held, stood])
            said.append(f"{whole} now {_held_anew(life, whole, held, stood, before.days)}")
            continue
        back, gone = None, 0
        # (whatever the change: a part removed may leave it on its own history from the
        # day the one that had acted left it, as much as that part's edit did)
        if before.status in ACTED and w.status not in ACTED:
            life = life or LedgerLife(draft.index())
            back = _back_from_acting(life, whole)
            if back is not None:
                # (those that had acted, as the timeline counts them: not all moved)
                gone = life.acted_parts_left(whole, life.statuses(whole)[-1][0]) or left
        if back is None or not gone:
            shown = held if _days_told(w.status, since, began, when) else now
            # (dated, the days it tells may have read otherwise before: said, as they were)
            now_at = State(w.status, w.extent)
            came = _was_from(before.days, began, before, now_at) if shown == held else []
            if came:
                stood = _state_held(
                    before.status, before.extent, before.since, before.status_since, before.earlier
                )
                then = ", ".join([*came, stood])
            said.append(f"{whole} now {shown} (it was {then})")
        else:
            said.append(f"{whole} is {now}{back}: {acted_parts_left_text(gone)} (it was {then})")
    return said


def states_held(draft: Draft, ident: str) -> tuple[tuple[date, State], ...]:
    """Each state measure `ident` came to, with its day (`LedgerLife.states_held`): its
    record before a change, for `past_moved` to say, once it is made, how it moved."""
    return LedgerLife(draft.index()).states_held(ident)


def past_moved(draft: Draft, ident: str, was: Sequence[tuple[date, State]]) -> list[str]:
    """How measure `ident`, which the finished change left in its state from the day it
    was, now stands and how its past moved (`was`: `states_held` before the change), in
    the words a whole's past is said in (`_past_moved`): 'p is verified from 1990-03-21
    on; in its past now implemented from 1989-04-02 to 1990-03-21 (it was reversed from
    1989-04-02 to 1989-05-13, ...)'; [] where none of its past moved. The days before
    its record now begins are left out: a measure dated from a later day (an undated
    creation an entry dropped dated) says that day, and no more, of them."""
    life = LedgerLife(draft.index())
    days = life.states_held(ident)
    if days:
        first = days[0][0]
        was = [
            (max(day, first), state)
            for at, (day, state) in enumerate(was)
            if at + 1 == len(was) or was[at + 1][0] > first
        ]
    return _past_moved(life, ident, was)


def _past_moved(life: LedgerLife, whole: str, was: Sequence[tuple[date, State]]) -> list[str]:
    """How a whole that stands as it did, from the day it did, now stands and how its
    past moved, where any day of its record did (`was`: `LedgerLife.states_held` before
    the change), the stretches of its record that differ before and after, as `status
    --as-of` has them: 'w is agreed from 2020-01-01 on; it no longer acted (it was
    implemented (intermediate) from 2020-02-01 to 2020-03-01)', 'w is implemented from
    2020-02-01 on; in its past now implemented (minimal) from 2020-02-01 to 2020-02-20
    (it was implemented (minimal) from 2020-02-01 to 2020-03-01)', both told over the
    same days, from the first that differs: 'in its past now implemented in full from
    2001-04-01 to 2001-06-01 (it was implemented (intermediate) from 2001-04-01 to
    2001-06-01)', the one before that went on over them too: 'in its past now
    implemented (intermediate) from 1982-04-25 to 1989-03-15 (it was implemented in
    full from 1982-04-25 to 1989-03-15)'; [] where none did."""
    found = _past_stretches(life, whole, was)
    if found is None:
        return []
    came, gone = ([text for _, text in told] for told in found[:2])
    own, start = found[2:]
    if not any(own):  # (today's stretch alone moved: another day said it)
        return []
    since, began = life.state_since(whole), life.status_since(whole)
    now_day, now_state = life.states_held(whole)[-1]
    held = _state_held(
        now_state.status, now_state.extent, since or now_day, began,
        _extents_held(life, whole, began, since),
    )  # fmt: skip
    # (none of its own now: the one before went on over them; today's is dated by
    # `held`, a past one is said as what it now is over those days, as any other)
    if not own[0] and not came:
        acted = any(s.status in ACTED for _, s in was[start:]) and not any(
            s.status in ACTED for _, s in life.states_held(whole)
        )
        what = "it no longer acted" if acted else "it no longer was so"
        return [f"{whole} is {held} on; {what} (it was {', '.join(gone)})"]
    then = ", ".join(gone) if gone else "not so"
    return [f"{whole} is {held} on; in its past now {', '.join(came)} (it was {then})"]


def _was_from(
    was: Sequence[tuple[date, State]], start: date | None, stood: Stood, now: State
) -> list[str]:
    """The states a whole's record before a change (`was`: `LedgerLife.states_held`) held
    from `start`, the day its state now began, to the day the state it stood in began
    (`stood`), each from its day: 'implemented from 2024-12-11, verified from
    2025-03-12', where a part's creation dated back made it implemented (intermediate)
    from 2024-12-11 on, and it was implemented (intermediate) from today alone. Said
    before what it stood in, so that the days the line tells now read as they were
    before too; [] where it began that state on or before `start`, or held nothing more
    done on those days than it holds now (`now`; what it held then below it, the day its
    state began tells already)."""
    end = stood.status_since or stood.since
    if start is None or end is None or start >= end:
        return []
    held = [
        (max(day, start), state)
        for at, (day, state) in enumerate(was)
        if day < end and (at + 1 == len(was) or was[at + 1][0] > start)
    ]
    level = done_level(now)
    if not any(
        done_level(state) > level
        or (done_level(state) == level and state.status == Status.verified != now.status)
        for _, state in held
    ):
        return []
    return [f"{state_text(state.status, state.extent)} from {day}" for day, state in held]


def _held_anew(
    life: LedgerLife, whole: str, held: str, stood: str, was: Sequence[tuple[date, State]]
) -> str:
    """How a whole left in its state from another day stands (`held`, `_state_held`), and
    stood (`stood`), with the stretches of its past before that which changed with it
    (`was`: its `LedgerLife.states_held` before the change, `_past_stretches`; what it
    was over them, `stood` says from its day), in the words of a
    whole's line: 'implemented from 2002-04-08, in its past now verified from 2001-10-23
    to 2002-04-08 (it was implemented from 2001-10-23)' (a part verified on the day the
    whole acted verifies it until another part came). One wording for a step's line
    (`standing`, `with_parent`) and a correction's (`wholes_moved`)."""
    past = _past_stretches(life, whole, was) if was else None
    began = life.status_since(whole)
    # (those before the day its state, as `held` tells it, began: after it, told there)
    came = [text for day, text in past[0] if began is None or day < began] if past else []
    now = f"{held}, in its past now {', '.join(came)}" if came else held
    return f"{now} (it was {stood})"


def _past_stretches(
    life: LedgerLife, whole: str, was: Sequence[tuple[date, State]]
) -> tuple[list[tuple[date, str]], list[tuple[date, str]], tuple[bool, bool], int] | None:
    """The stretches of a whole's record before today's that differ now and before the
    change (`was`: `LedgerLife.states_held` before it), each as the lines of a whole say
    one ('verified from 2001-10-23 to 2002-04-08'), with the day each is told from:
    those of its record now, those of its
    record before, whether each record has a stretch of its own among those that
    differ (today's aside), and where the first that differs is in each record (the
    ones before it are the same); None where the records are the same. One wording for a whole
    whose past alone moved (`_past_moved`) and one a part's step left in its state from
    another day (`standing`)."""
    days = life.states_held(whole)
    if tuple(days) == tuple(was) or not days:
        return None
    # (the stretches that differ: after those the two records share, before those they
    # end on, today's among them)
    start = 0
    while start < min(len(days), len(was)) and days[start] == was[start]:
        start += 1
    end = 0
    while end < min(len(days), len(was)) - start and days[-1 - end] == was[-1 - end]:
        end += 1

    # (the first day the two differ: a stretch of one record that began before it, the
    # other's stretches inserted in it, is told from that day, so both say the same days)
    first = min(record[start][0] for record in (days, was) if start < len(record))

    def stretches(record: Sequence[tuple[date, State]]) -> list[tuple[date, str]]:
        found = []
        for at in range(max(start - 1, 0), len(record) - max(end, 1)):
            (day, state), until = record[at], record[at + 1][0]
            if max(day, first) >= until:
                continue
            # (full, its status begun in a stretch before: 'in full', as `_state_held`
            # has it, not a bare 'implemented', which reads as come to that day)
            text = state_text(state.status, state.extent)
            if at and state.extent == Extent.full and state.status in ACTED:
                text += " in full" if record[at - 1][1].status == state.status else ""
            found.append((max(day, first), f"{text} from {max(day, first)} to {until}"))
        return found

    own = (start < len(days) - max(end, 1), start < len(was) - max(end, 1))
    return stretches(days), stretches(was), own, start


def _back_from_acting(life: LedgerLife, whole: str) -> str | None:
    """' again from 1989-06-01' (' from ...' when it never stood so before): the day a
    measure made of parts came back to the status its own history holds, having acted
    through parts it had before (`LedgerLife.statuses`, as every view reads it); None
    when its parts give it that status (reversed), or it never acted by them (a part
    moved out on the day it came, a misfiling corrected: it never was one)."""
    statuses = life.statuses(whole)
    if not statuses or life.state(whole) != life.life(whole).state:
        return None
    since, status = statuses[-1]
    earlier = [s for _, s in statuses[:-1]]
    if not any(s in ACTED for s in earlier):
        return None
    return f"{' again' if status in earlier else ''} from {since}"


def with_parent(line: str, now: Standing) -> str:
    """`line`, and how the measure it is a part of now stands, and those that one is a
    part of in turn ('(part of mid, now implemented; top now implemented)'); one the
    change left as it was, from the same day, stands 'still' so ('(part of mid, still
    implemented)'), and one it left so from another day says both days ('(part of w, now
    implemented from 2020-01-10 (it was implemented from 2020-01-11))'); one a
    past step moved to a state it came to on another day is said from which
    (`dated`: '(part of w, now implemented (intermediate) from 2020-01-15, in full from
    2020-02-01)'). A part moved since the step's day (`stretches`): each whole in turn,
    each state it held while the part was in it, and the day the part left it where the
    whole did not change that day ('wd implemented (intermediate) from 2018-07-01,
    implemented from 2018-07-10, until a left it on 2018-08-01'), as `status --as-of` has
    them; the first with the day its status began, where that was before ('w implemented
    (intermediate) from 2020-02-01, in full from 2020-02-08, ...'), the day `status
    --as-of` dates it. One whose whole another line of the command says (`whole_said_on`:
    a later part's) names it alone: '(part of laf)'."""

    def word(whole: str) -> str:
        return "still" if whole in now.unmoved else "now"

    def stands(whole: str, status: Status, extent: Extent) -> str:
        # (moved, from another day than the step's: that day too, `standing`'s `dated`)
        if whole in now.unmoved or whole not in now.dated:
            return f"{word(whole)} {state_text(status, extent)}"
        return f"now {now.dated[whole]}"

    if now.stretches:  # (moved since the step's day: each whole in turn, and its days)
        said = []
        for it in now.stretches:
            where = "on that day" if it.on_day else f"since {it.start}"
            if not it.on_day and it.until is not None:
                where = f"from {it.start} until {it.until}"
            (first, since), *rest = it.held  # (the first with its status's day: `_state_held`)
            held = ", ".join(
                [
                    _state_held(first.status, first.extent, since, it.status_began, it.earlier),
                    *(f"{state_text(*state)} from {began}" for state, began in rest),
                ]
            )
            if it.until is not None and it.ended != it.until:  # (the whole stood so after)
                held += f", until {it.part} left it on {it.until}"
            elif it.ended is not None:  # (it changed on the day the part left)
                held += f" until {it.ended}"
            said.append(f"part of {it.whole} {where}: {it.whole} {held}")
        last = now.stretches[-1]
        further = ""
        if last.until is None and last.whole == now.parent:
            further = "".join(f"; {w} {word(w)} {state_text(s, e)}" for w, s, e in now.above)
        return f"{line} ({'; '.join(said)}{further})"
    if now.parent is not None and now.parent_status is not None:
        parent = stands(now.parent, now.parent_status, now.parent_extent or Extent.not_initiated)
        further = "".join(f"; {w} {stands(w, s, e)}" for w, s, e in now.above)
        counted = ""
        recorded, expected = now.parent_parts or (0, 0)
        if recorded < expected:  # (a whole that is to have more parts than recorded)
            counted = f"{recorded} of {expected} parts recorded, "
        line += f" (part of {now.parent}, {counted}{parent}{further})"
    elif now.parent is not None:  # (its whole said on a later part's line: named alone)
        line += f" (part of {now.parent})"
    return line


def _since_text(now: Standing) -> str:
    """'since D', or, when its status began before its extent was reached, both days (as
    `status` dates the status): 'since 2018-07-23; in full since 2019-03-01'."""
    return _held_from(now.status, now.extent, now.since, now.status_since, "since", "; ")


def _state_held(
    status: Status,
    extent: Extent,
    since: date | None,
    began: date | None,
    earlier: Sequence[tuple[Extent, date]] = (),
) -> str:
    """A whole's state and from which day it holds: 'implemented (intermediate) from D',
    or, its status come before its extent (`_held_from`), the status and each day, with
    each extent it held before (`earlier`, `_extents_held`): 'implemented (minimal) from
    2018-07-01, intermediate from 2018-07-10' (not 'implemented (intermediate) from
    2018-07-01', which it was not then, nor 'implemented from 2018-07-01', which reads
    as in full)."""
    if not _two_days(status, since, began):
        return f"{state_text(status, extent)} {_held_from(status, extent, since, began)}"
    if not earlier or earlier[0][1] != began:  # (not known: the status alone)
        return f"{status.value} {_held_from(status, extent, since, began)}"
    (first, _), *rest = earlier
    steps = [f"{_extent_word(e)} from {day}" for e, day in [*rest, (extent, since)]]
    return ", ".join([f"{state_text(status, first)} from {began}", *steps])


def _extent_word(extent: Extent) -> str:
    """An extent as a whole's line says it came to it: 'in full', 'intermediate'."""
    return "in full" if extent == Extent.full else extent.value


def _extents_held(
    life: LedgerLife, whole: str, began: date | None, since: date | None
) -> tuple[tuple[Extent, date], ...]:
    """Each extent `whole` held from `began` (the day its status began) until `since` (the
    day it came to the one it has), and the day it came to it, followed as `status
    --as-of` has them (`LedgerLife.stretch`): `_state_held`'s first days. None where the
    status and the state began on one day."""
    held: list[tuple[Extent, date]] = []
    day = began
    while day is not None and since is not None and day < since:
        stood = life.stretch(whole, day)
        if stood is None:
            break
        held.append((stood[0].extent, max(stood[1], day)))
        day = stood[3]
    return tuple(held)


def _days_told(status: Status, since: date | None, began: date | None, when: date | None) -> bool:
    """Whether a whole's line says from which day it stands in the state it came to
    (`since`, its status from `began`) after a change given on `when`: a state come to on
    that day is the change's doing, no day to tell, but for the day its status began
    before (`_two_days`), which `status` shows ('implemented (intermediate) from D, in
    full from E', not 'implemented', which reads as in full since E)."""
    return since is not None and (since != when or _two_days(status, since, began))


def _two_days(status: Status, since: date | None, began: date | None) -> bool:
    """Whether a state is told by two days: its status began (`began`) before the day it
    came to its extent (`since`), as `status` dates the status."""
    return began is not None and since is not None and began < since and status in ACTED


def _held_from(
    status: Status,
    extent: Extent,
    since: date | None,
    began: date | None,
    word: str = "from",
    sep: str = ", ",  # (in a `wholes_moved` line a ';' parts one whole from the next)
) -> str:
    """'from D' (`since`: the day its state began), or, when its status began (`began`)
    before its extent was reached, both days: 'from 1993-07-01, in full from 1993-08-15'."""
    if not _two_days(status, since, began):
        return f"{word} {since}"
    reached = _extent_word(extent)
    return f"{word} {began}{sep}{reached} {word} {since}"


# --- import -------------------------------------------------------------------------------


@dataclass
class Incoming:
    """What an import file holds, validated record by record (`store.interchange` reads it)."""

    measures: list[Measure]
    where: dict[str, str]  # measure id -> 'row 3' / 'measure #3', for error messages
    title: str | None = None
    parties: list[str] = field(default_factory=list)
    ended: tuple[date, str] | None = None  # the day the talks ended, and why (a document's)
    dates: dict[str, date] = field(default_factory=dict)  # the `date` of a record, by id
    has_status: set[str] = field(default_factory=set)  # ids whose record gave a status
    has_extent: set[str] = field(default_factory=set)  # ids whose record gave an extent
    # Several files read as one import (`store.interchange.joined`): each place in `where`
    # names its file ('kedo.json: measure #1'), and a refusal gives it alone (`at`).
    several: bool = False
    # The headings of its CSV or TSV files, as written (`store.interchange.ignored_unmatched`).
    headings: list[str] = field(default_factory=list)

    def at(self, ident: str, label: str) -> str:
        """Where measure `ident`'s row is, as a refusal begins: the file's `label` and
        the row ('kedo.json: measure #1'); the place alone when it names its file."""
        return self.where[ident] if self.several else f"{label}: {self.where[ident]}"


def _parties_as_declared(m: Measure, parties: list[str]) -> Measure:
    """`m` naming each party it names (its actor, its orders' demanding parties, and
    those its history names) as the ledger spells it (`rules.party_named`: in another
    Unicode form of the same letters, in any case or spacing, as an option takes it),
    its history too (`changes.party_renamed`), so that it reads back the same; or as it
    is."""
    for name in dict.fromkeys(name for _, name, _ in _parties_named(m)):
        declared = party_named(name, parties)
        if declared is not None and declared != name:
            m = changes.party_renamed(m, name, declared)
    return m


class _Rename(NamedTuple):
    """A rename of a party, as the ledger's measures record it: its day, when it was
    made (`recorded`), the old name and the new, each spelt as its entry spells them
    (not as a name typed that matched it: `_rename_entries` repeats the entry)."""

    date: date
    recorded: datetime
    old: str
    new: str
    merge: bool = False  # (the entry says it is a merge's: `vocab.is_party_merge`)


def _renames_from(
    draft: Draft | MeasureIndex, name: str, parties: Collection[str] | None = None
) -> list[_Rename]:
    """The renames by which party `name`, not declared, became one declared now, as the
    ledger's measures record them, in order; none when they record no such rename. Each
    rename followed is the first of its name made after the one before (recorded later,
    or in the same second and dated later: a respelling, 'Khmer Rouge' to 'Khmer-Rouge',
    leaves a name of one key, `party_key`, whose first rename found would be that one
    again). A rename dated before the one that gave the name (a merge's: the party had
    the name already) is taken from that one's day, as it was written on the measures the
    merge brought (`_renamed_from`): renames keep the order they were made in. `parties`:
    the declared ones (those of `draft`, a draft, by default)."""
    if parties is None:
        assert isinstance(draft, Draft)
        parties = draft.parties
    steps: list[_Rename] = []
    now = name
    while now not in parties and len(steps) <= len(parties):
        found = [
            r
            for r in _renames_of_name(draft, now)
            if not steps or (r.recorded, r.date) > (steps[-1].recorded, steps[-1].date)
        ]
        if not found:
            return []
        step = found[0]
        if steps and step.date < steps[-1].date:
            step = step._replace(date=steps[-1].date)
        steps.append(step)
        now = step.new
    return steps if now in parties else []


def _renames_of_name(draft: Draft | MeasureIndex, name: str) -> list[_Rename]:
    """The renames of a party named `name` the ledger's measures record, by date (one
    entry each on every measure it changed: each once); the name matched as every party
    option matches one ('U.S.S.R.' for a rename of 'USSR'), each rename with the names
    its entry gives."""
    found = {
        _Rename(h.date, h.recorded, *pair, changes.is_party_merge(h))
        for m in _renames_of(draft, name)
        for h in m.history
        if (pair := changes.party_rename_of(h, (name,), party_key)) is not None
    }
    return sorted(found)


def _verifier_mistyped(
    draft: Draft, m: Measure, parties: list[str], spelt: dict[str, str], new: Collection[str]
) -> str | None:
    """Why a finding of an import's row is refused, as `verify --by` refuses it
    (`rules.verifier_mistyped`): its verifier is no declared party but near one, or near
    a verifier with findings in the ledger, a typo of the nearest, with no
    finding by it on record in the ledger nor in a row before (`spelt`, by `party_key`),
    none said new (`new`: `import --new-verifier`, by `party_key`), and the finding not
    one dprk recorded (`_recorded_by_dprk`); None when none is."""
    on_record = draft.get(m.id) if draft.has(m.id) else None
    accepted = _recorded_by_dprk(m)
    for name in dict.fromkeys(v.by for v in m.verifications):
        if party_key(name) in spelt or party_key(name) in new or name in accepted:
            continue
        naming = _naming(draft, m.id)
        if party_named(name, parties) is None:
            problem = verifier_mistyped(name, parties, on_record, naming, recorded=draft.verifiers)
            # (or of one an earlier row names: two spellings of one new verifier)
            problem = problem or verifier_typo(
                name, on_record, naming, lambda: spelt.values(), "an earlier row names"
            )
        else:
            problem = None
        if problem is not None:
            return (
                f"its finding by {problem} If "
                f"{party_in_prose(name, quoted=True)} is a verifier new to the ledger and no "
                f"party, import with --new-verifier {shell_word(name)}"
            )
    return None


def _refuse_new_verifiers_unused(incoming: Incoming, new_verifiers: Collection[str]) -> None:
    """Refuse an `import --new-verifier` name that no finding of the file is by (as
    `_verifier_mistyped` matches them, by `party_key`): one misspelt would say nothing
    and allow nothing, where `verify --new-verifier` is always about the finding it
    records (and refuses a name that is no new verifier: `rules.verifier_problem`). The
    refusal names the file's verifiers nearest to it (`nearest_party`), if any."""
    found: dict[str, str] = {}  # (each verifier of the file by its key, as first spelt)
    for m in incoming.measures:
        for v in m.verifications:
            found.setdefault(party_key(v.by), v.by)
    for name in new_verifiers:
        if party_key(name) in found:
            continue
        near = nearest_party(name, list(found.values()))
        advice = (
            f"did you mean {in_prose(map(party_in_prose, near), 'or')}?"
            if near
            else "leave it out of --new-verifier"
        )
        raise DprkError(
            f"--new-verifier: none of its findings is by {party_in_prose(name, quoted=True)}; "
            f"{advice}"
        )


def _recorded_by_dprk(m: Measure) -> set[str]:
    """The verifiers of an import's row whose findings carry the history entry dprk wrote
    for each (`lifecycle.match_verifications`, the entry naming the result and the
    verifier as `vocab.finding_text` words it), as an export gives them: findings
    `verify` took when it recorded them (one near a party's name with --new-verifier),
    not judged again as typos. A sheet made by hand gives its findings without their
    entries (the import writes them), and is judged."""
    return {
        v.by
        for h, v in match_verifications(m)
        if h is not None and v is not None and h.detail.startswith(finding_text(v.result, v.by))
    }


def _verifiers_as_recorded(
    draft: Draft, m: Measure, parties: list[str], spelt: dict[str, str]
) -> Measure:
    """An import's row with each verifier as on record (`rules.verifier_as_recorded`, as
    `verify` names one: a declared party, one the measure or another of the ledger has a
    finding by), else as the file first spells it (`spelt`, by `party_key`, kept)."""
    for name in dict.fromkeys(v.by for v in m.verifications):
        key = party_key(name)
        if key not in spelt:
            on_record = draft.get(m.id) if draft.has(m.id) else None
            spelt[key] = verifier_as_recorded(name, parties, on_record, _naming(draft, m.id))
        if spelt[key] != name:
            m = changes.verifier_renamed(m, name, spelt[key])
    return m


def _refuse_renames_not_here(draft: Draft, incoming: Incoming, label: str) -> None:
    """Refuse an import whose measures record a party of the ledger renamed (`dprk
    rename-party` in the ledger it was exported from) to a name this ledger does not
    have: its rows would declare the new name beside the old, one side made two (and a
    finding by it under the old name taken for independent)."""
    pairs = changes.party_renames_recorded(incoming.measures)
    if not pairs:  # (most files: no rename to follow, one pass over their histories)
        return
    named = _incoming_names(incoming)
    for name in draft.parties:
        now = changes.renamed_to(incoming.measures, name, named, party_key)
        if now is None or declared_as(now, draft.parties) is not None:
            continue
        said = next(
            (m, day) for m in incoming.measures if (day := changes.named_since(m, now)) is not None
        )
        # (renamed more than once in the file: each rename, in turn, from the name here;
        # one straight to the last name is refused as two renames when next imported)
        chain = changes.renames_to(incoming.measures, name, now, party_key) or [
            (name, now, said[1])
        ]
        commands, was = [], name
        for _, then, day in chain:
            commands.append(f"dprk rename-party {shell_word(was)} {shell_word(then)} --date {day}")
            was = then
        raise DprkError(
            f"{label}: its measures record party {party_in_prose(name, quoted=True)} renamed "
            f"{party_in_prose(now, quoted=True)} (on {said[1]}, as '{said[0].id}' records it), "
            f"which this ledger names {party_in_prose(name, quoted=True)} still: rename it "
            f"here first ('{' && '.join(commands)}'), then import"
        )
    # A party both renamed, each its own way (DPRK to NK in the file, to PRK here).
    for old, new in pairs:
        if as_declared(old, draft.parties) is not None or declared_as(new, draft.parties):
            continue
        steps = _renames_from(draft, old)
        if not steps or any(party_key(step.new) == party_key(new) for step in steps):
            continue  # (renamed so here too, and maybe again since: read as it is now)
        here = steps[-1].new
        raise DprkError(
            f"{label}: its measures record party {party_in_prose(old, quoted=True)} renamed "
            f"{party_in_prose(new, quoted=True)}, which this ledger renamed "
            f"{party_in_prose(steps[0].new, quoted=True)} (on {steps[0].date}"
            f"{_and_since(steps)}): one side would be two parties; give it "
            f"one name, here ('dprk rename-party {shell_word(here)} {shell_word(new)}') or "
            "in the ledger the file came from, then import"
        )


def _refuse_ids_renamed_not_here(draft: Draft, incoming: Incoming, label: str) -> None:
    """Refuse an import whose measure records a rename of its id (`dprk rename` in the
    ledger it was exported from) to one this ledger does not have, while this ledger
    gives the measure the old id still (and the file holds no row of it: one that does
    gave it to another measure since): imported, it would be added beside the one here,
    one measure twice. The way on, as for a party: the renames here first, each on its
    day, in turn; a measure this ledger renamed too, to another id, is refused as well,
    with the rename that gives it the file's id. A rename this ledger made too
    (`rules.renames_made`: the same entry,
    matched by its ids and day, not by the old id alone, which may be another measure's
    since) is made here: the measure is the one that holds it, read as its id now."""
    made: dict[tuple[str, str, date], str] | None = None
    for m in incoming.measures:
        steps = rename_steps(m)
        if not steps:
            continue
        if made is None:  # (once an import, and only for a file that records a rename)
            made = renames_made(draft.index())
        done = next((k for k in reversed(range(len(steps))) if _step(steps[k]) in made), None)
        if done is not None:  # (the measure is the one here that made that rename)
            here, now = done + 1, made[_step(steps[done])]
            if here == len(steps) or now == m.id:
                continue
        else:
            if draft.has(m.id):
                continue
            named = next(
                (
                    k
                    for k, (old, _, _) in enumerate(steps)
                    if draft.has(old) and old not in incoming.where
                ),
                None,
            )
            if named is not None:
                here, now = named, steps[named][0]
            else:  # (its first id renamed here another way: the same measure)
                here, now = 0, renamed_ids(draft.index()).get(steps[0][0], (m.id,))[0]
                if now == m.id:
                    continue
        was = steps[here][0]
        # (each rename from the id here, on its day: a chain is no one rename)
        chain = ", then ".join(f"'{new}' (on {h.date})" for _, new, h in steps[here:])
        said = f"{incoming.at(m.id, label)} (measure '{m.id}'): it records measure '{was}' renamed"
        if now != was:  # (renamed both here and there, each its own way: as a party is)
            ours = renamed_ids(draft.index())[was][1]
            raise DprkError(
                f"{said} {chain}, which this ledger renamed "
                f"'{now}' (on {ours.date}): it would be that measure twice; give it one id, "
                f"here ('dprk rename {shell_word(now)} {shell_word(m.id)} --date "
                f"{steps[-1][2].date}') or in the ledger the file came from, then import"
            )
        commands = " && ".join(
            f"dprk rename {shell_word(old)} {shell_word(new)} --date {h.date}"
            for old, new, h in steps[here:]
        )
        raise DprkError(
            f"{said} {chain}, which this ledger names "
            f"'{was}' still: it would be that measure twice; rename it here first "
            f"('{commands}'), then import"
        )


def _step(step: tuple[str, str, HistoryEntry]) -> tuple[str, str, date]:
    """A rename as another ledger's is matched with it: the ids and the day."""
    return (step[0], step[1], step[2].date)


def _ids_renamed_since(
    draft: Draft, incoming: Incoming, label: str
) -> tuple[dict[str, tuple[str, HistoryEntry]], dict[str, list[HistoryEntry]]]:
    """Read each measure id an import's file names (a row's id, a link, an order, a
    whole, its history's words) that the ledger renamed since (`rules.renamed_ids`) as
    the id it has now, as `dprk rename` rewrote the measures that were there, a row of
    the measure itself with the rename's entry (so that an export from before the
    rename replaces the measure, not adds it again); the renames read, by old id. A file
    that holds the new id's row, its history recording the rename, was written after it
    and is read as it is; an id renamed back to itself is read as it is. A row of a
    measure renamed here is given the renames' entries it lacks (the ledger's record of
    its ids: a file from before them, or from a ledger that gave it its id otherwise).
    Refused where the old id may mean another measure: the file
    holds the new id too (without that rename), or the ledger gave the old id to a
    measure since. A row that gives no history (a sheet made by hand) is recorded as
    created first (`_as_recorded`): the entries it lacks are returned, by id, to be
    added then."""
    renamed = renamed_ids(draft.index())
    later: dict[str, list[HistoryEntry]] = {}
    if not renamed:  # (most ledgers: no measure renamed)
        return {}, later
    rows = {m.id: m for m in incoming.measures}
    names = {m.id: {m.id, *references(m), *changes.history_references(m)} for m in rows.values()}
    named = set().union(*names.values())
    read: dict[str, tuple[str, HistoryEntry]] = {}
    for old in sorted(named & renamed.keys()):
        new, entry = renamed[old]
        if new == old:  # (renamed back, at the end of its renames: the id it has now)
            continue
        row = rows.get(new)
        if row is not None and any(renamed_from(h) == old for h in row.history):
            continue  # (written after the rename: its old id is another measure's)
        if row is not None or draft.has(old):
            naming = next(i for i, said in names.items() if old in said)
            since, other = (
                (f"the file holds '{new}' too", ", another id where it means another")
                if row is not None
                else (f"the ledger gave '{old}' to another measure since", "")
            )
            raise DprkError(
                f"{incoming.at(naming, label)} (measure '{naming}'): '{old}' is the id "
                f"'{new}' had before a rename (on {entry.date}), and {since}: which measure "
                f"the file means is not clear; give '{new}' in the file where it means the "
                f"one renamed{other}"
            )
        # (the day of the last rename: the one that gave the id it has now)
        read[old] = (new, rename_steps(draft.get(new))[-1][2])
    holders = {new for new, _ in renamed.values()}  # (the measures renamed, by id now)
    if not read and not holders & {m.id for m in incoming.measures}:
        return read, later
    for at, m in enumerate(incoming.measures):
        was = m.id
        for old, (new, _) in read.items():
            m = changes.rename_in(m, old, new)
        if m.id in holders:  # (a measure renamed here: with the renames it lacks)
            said = {(h.date, h.detail) for h in m.history if h.event == RENAME}
            lacks = [
                h
                for h in draft.get(m.id).history
                if renamed_from(h) is not None and (h.date, h.detail) not in said
            ]
            if not m.history:  # (its creation first, made of its row's status and date)
                later[m.id] = lacks
            else:  # (in the order the ledger lists them: a row as the ledger holds it)
                m = m.model_copy(update={"history": [*m.history, *lacks]}).normalized()
        if m.id != was:
            incoming.where[m.id] = incoming.where.pop(was)
            if was in incoming.dates:
                incoming.dates[m.id] = incoming.dates.pop(was)
            for ids in (incoming.has_status, incoming.has_extent):
                if was in ids:
                    ids.discard(was)
                    ids.add(m.id)
        incoming.measures[at] = m
    return read, later


def _and_since(steps: list[_Rename]) -> str:
    """', and 'X' since (on D)' for a name renamed again after its first rename here."""
    return (
        ""
        if len(steps) < 2
        else f", and {party_in_prose(steps[-1].new, quoted=True)} since {steps[-1].date}"
    )


def _incoming_names(incoming: Incoming) -> set[str]:
    """Every party name an import's file gives: declared, as actors, demanding parties."""
    named = {
        n
        for m in incoming.measures
        for n in (m.actor, *(c.demanded_by for c in m.constraints))
        if n
    }
    return named | set(incoming.parties)


def _names_renamed_since(
    draft: Draft, incoming: Incoming
) -> tuple[dict[str, list[_Rename]], list[str]]:
    """The parties an import's file names that the ledger renamed since: each name no
    party has now, with the renames that made it one that has (`_renames_from`: its rows
    are renamed as the ledger's measures were, not the old name declared again beside
    the new one); and, in words, each name a party has now that another had before a
    rename (the one named so now is meant, as a command means it, but the file may be
    older)."""
    named = {
        one_form(n)
        for m in incoming.measures
        for n in (
            m.actor,
            *(c.demanded_by for c in m.constraints),
            *(v.by for v in m.verifications),
        )
        if n
    }
    renames: dict[str, list[_Rename]] = {}
    taken: list[str] = []
    for name in sorted(named | set(map(one_form, incoming.parties))):
        if as_declared(name, draft.parties) is None:
            steps = _renames_from(draft, name)
            if steps:
                renames[name] = steps
            continue
        away = _renames_of_name(draft, name) if name in draft.parties else []
        if not away:
            continue
        meant = next(reversed(_renames_from(draft, away[0].new)), away[0]).new
        if meant != name:  # (renamed back: the same party, whenever the file was written)
            taken.append(
                f"the file's {party_in_prose(name)} is read as the party named so now, though "
                f"the ledger renamed a party {party_in_prose(name)} to "
                f"{party_in_prose(away[0].new)} on {away[0].date}: if the file was written "
                f"before, it meant {party_in_prose(meant)} ('dprk undo', then give "
                f"{party_in_prose(meant)} in it)"
            )
    return renames, taken


def _as_now(steps: list[_Rename]) -> str:
    """The name a party renamed by `steps` has now, and since when, in words."""
    return f"as {party_in_prose(steps[-1].new)} (renamed so on {steps[-1].date})"


def _named_before_renamed(
    draft: Draft, m: Measure, when: date | None, renames: Mapping[str, list[_Rename]]
) -> str | None:
    """Why an import's row `m` may not name its actor or a demanding party by a name the
    ledger renamed since (`renames`), as `add-measure --actor` and `sequence
    --demanded-by` judge it (`_named_then`): the row gives no day (its creation's, else
    its `date`, `when`), or one after the rename, when the party no longer had it (read
    as the name now, the row would record the rename before its own creation). None
    where it gives none so, or a day the party had it, or where its creation was
    recorded before the rename was (an export written before it: read under the name
    now, as the ledger's measures of that day were renamed)."""
    created = next((h for h in m.history if h.event == CREATED), None)
    day = created.date if created is not None else when
    named = [("actor", m.actor)]
    named += [("demanded_by", c.demanded_by) for c in m.constraints if c.demanded_by]
    for what, name in named:
        steps = renames.get(one_form(name))
        left = next((s for s in steps or () if party_key(s.new) != party_key(name)), None)
        if left is None or (day is not None and day <= left.date):
            continue
        if created is not None and created.recorded <= left.recorded:
            continue  # (written before the rename was made)
        said = former_name_said(draft.index(), draft.parties, name, what)
        if said is not None:
            return said
    return None


def _renamed_as_the_ledger(
    m: Measure, renames: Mapping[str, list[_Rename]]
) -> tuple[Measure, list[_Rename]]:
    """`m`, an import's row, with each party the ledger renamed since (`_renames_from`)
    renamed as `dprk rename-party` renamed the measures that were there (a finding by it
    too, as verify names a party), and the renames that changed it, whose entries
    `_rename_entries` writes once the row is recorded (a row with no history is then
    created on its `date`)."""
    made: list[_Rename] = []
    for name, steps in renames.items():
        old = name  # (the row's spelling: a rename's entry may spell it otherwise)
        for step in steps:
            names = partial(_same_party, party_key(step.old))
            renamed = changes.party_renamed(m, old, step.new, names=names)
            if renamed is not m:
                m = renamed
                made.append(step)
            old = step.new
    return m, made


def _rename_entries(m: Measure, made: Iterable[_Rename]) -> Measure:
    """`m`, given under a name its party had before `made` renamed it (an import's row,
    `_renamed_as_the_ledger`; `add-measure` or a hand-over dated then, `_named_then`),
    with each rename's entry, as that rename wrote it, where it came to be by the
    rename's day (`changes.with_rename_entry`): recorded as `rename-party` left each
    measure of the party's made by its day."""
    said = {(h.date, h.detail) for h in m.history if changes.is_party_rename(h)}
    for step in sorted(set(made)):
        if (step.date, changes.party_rename_text(step.old, step.new)) not in said:
            m = changes.with_rename_entry(
                m, step.old, step.new, step.date, step.recorded, merge=step.merge
            )[0]
    return m


def _same_party(key: str, name: str) -> bool:
    """Whether `name` names the party `key` is the key of (`rules.party_key`)."""
    return party_key(name) == key


def import_measures(
    draft: Draft,
    incoming: Incoming,
    *,
    replace: bool,
    label: str,
    new_verifiers: Collection[str] = (),
) -> tuple[int, int, list[str], list[str], list[str], list[str], str, list[str], list[str]]:
    """Add (or, `replace`, overwrite) the measures of an import file; how many were
    already in the ledger, how many of those were there as they are, what replacing
    took out of the others (`dropped_by`), a line each, the parties read under their new
    names, the new measures that seem to be measures on record imported again
    (`_imported_twice`), a line each, the measures replaced, each with the fields it
    changed ('bol (title)', `_fields_changed`), in the file's order, what the line
    says of the day the file gives the talks' end (`_end_of_the_file`: "" for nothing),
    the rows recorded implemented today for want of a date, in order, and, a line each,
    the measures whose findings a step the import recorded set aside, as `mark` says it
    (`findings_set_aside`, of the measures `_acted_anew_on` finds). Every row is
    checked against the ledger and the rules of a measure's life before anything changes,
    and a bad one is named.

    A row with no history is recorded as created (on its `date`, else undated); a row
    whose `status` its history does not give gets an entry for the change (dated by
    its `date`, else today); exchange links are made on both sides. A finding by a
    verifier no party but near one is refused as a typo of it (`_verifier_mistyped`),
    unless `new_verifiers` names it (`import --new-verifier`, as `verify --new-verifier`
    says a verifier is new on purpose) or it carries the entry dprk wrote for it.
    """

    _refuse_renames_not_here(draft, incoming, label)
    _refuse_ids_renamed_not_here(draft, incoming, label)
    ids_read, renames_lacked = _ids_renamed_since(draft, incoming, label)
    # (the file's entries keep the times it gives, recorded before a rename here or not)
    # (an entry is a frozen record: equal, and hashed alike, field by field)
    given = {h for m in incoming.measures for h in m.history}
    draft.as_given = given.__contains__
    parties = list(draft.parties)
    renames, taken = _names_renamed_since(draft, incoming)
    for name in map(one_form, incoming.parties):
        if name in renames:
            continue
        if party_named(name, parties) is None:  # (in any case or spacing: as an option)
            problem = new_party_problem(name, parties, hint=False)
            if problem is not None:
                raise DprkError(f"{label}: parties: {problem}")
            parties.append(name)
    for name in new_verifiers:  # (as `verify --new-verifier` refuses a party's name)
        declared = party_named(name, parties)
        if declared is not None:
            raise DprkError(
                f"--new-verifier: {party_in_prose(name, quoted=True)} is the declared party "
                f"{party_in_prose(declared)}, no new verifier; leave it out of --new-verifier"
            )
    _refuse_new_verifiers_unused(incoming, new_verifiers)
    said_new = {party_key(name) for name in new_verifiers}
    arriving = {m.id: m for m in incoming.measures}
    known = set(draft) | set(arriving)
    draft.refused_as = _told_of_the_file(arriving)

    def fail(ident: str, text: str) -> DprkError:
        read = "".join(
            f"; the file's {party_in_prose(name)} read {_as_now(steps)}"
            for name, steps in renames.items()
            if steps[-1].new in text
        )
        read += "".join(
            f"; the file's '{old}' read as '{new}' (renamed so on {e.date})"
            for old, (new, e) in ids_read.items()
            if new == ident or f"'{new}'" in text
        )
        return DprkError(f"{incoming.at(ident, label)} (measure '{ident}'): {text}{read}")

    replaced = 0
    renamed_by: dict[str, list[_Rename]] = {}  # (the renames each row was read under)
    fresh = [m.id for m in incoming.measures if not draft.has(m.id)]
    past = _named_in_the_past(draft, fresh)
    fresh_ids = set(fresh)
    # (`rules.case_twin`, of the ledger's ids and the file's, each folded once)
    cased = {id_key(i): i for i in draft}
    seen: dict[str, str] = {}
    every_id: list[str] = []  # (the ids of the ledger and the file, once a row names none)

    def take(row: tuple[int, Measure]) -> None:
        """Check a row (its place, the measure) against the ledger, and take it as the
        ledger names things."""
        nonlocal replaced
        at, m = row
        if m.id in past:  # (one removed, or another by its id: its past is not theirs)
            if _removed_by_record(draft, m.id, past[m.id]):
                raise fail(m.id, f"{_past_id_problem(m.id, past[m.id], True)}; give it another id")
            for holder in past[m.id]:
                lacking = link_past_not_its_own(m, draft.get(holder))
                if lacking is not None:
                    raise fail(
                        m.id,
                        f"'{holder}' in the ledger records an exchange link with '{m.id}' "
                        f"(its entry of {lacking.date}: '{lacking.detail}') that this row's "
                        f"history does not: it is not the '{m.id}' the history of '{holder}' "
                        "names, and would take on that past; give it another id",
                    )
        twin = seen.setdefault(id_key(m.id), m.id)
        if twin == m.id and not draft.has(m.id):
            twin = cased.get(id_key(m.id), m.id)
        if twin != m.id:
            raise fail(m.id, f"its id differs from '{twin}' in case alone; give it another id")
        if draft.has(m.id):
            if not replace:
                raise fail(
                    m.id, "a measure with this id already exists; use --replace to overwrite it"
                )
            replaced += 1
            kept = _kept_by_others(draft, m, arriving)
            if kept:
                raise fail(m.id, kept)
        if renames:
            later = _named_before_renamed(draft, m, incoming.dates.get(m.id), renames)
            if later is not None:  # (as `add-measure --actor` so dated refuses it)
                raise DprkError(f"{incoming.at(m.id, label)} (measure '{m.id}'): {later}")
            m, made = _renamed_as_the_ledger(m, renames)
            incoming.measures[at] = arriving[m.id] = m
            if made:
                renamed_by[m.id] = made
        # (every party the row names, as `add-measure --actor` and `sequence --demanded-by`
        # name one: a new side of each told at once, each to declare, after the rows)
        # (a name near a declared party, as `--actor` takes it, is a typo of it: "did you
        # mean", and no advice to declare it; two spellings of one new side, one command)
        said = typo = None
        for role, name, what in _parties_named(m):
            problem = party_problem(name, parties)
            if problem is None or party_named(name, parties) is not None:
                continue  # (a declared side in any case or spacing, as --actor takes it)
            if adding_party(name, parties) is None or nearest_party(name, parties):
                typo = typo or f"{what}{problem}"
                continue
            said = said or f"{what}{problem}"
            named = as_declared(name, list(undeclared)) or declared_as(name, list(undeclared))
            named = named or one_form(name)
            undeclared.setdefault(named, []).append((incoming.where[m.id], role))
        said = typo or said
        if said is not None:
            raise fail(m.id, said)
        m = _parties_as_declared(m, parties)
        mistyped = _verifier_mistyped(draft, m, parties, by, said_new)
        if mistyped is not None:
            raise fail(m.id, mistyped)
        m = incoming.measures[at] = arriving[m.id] = _verifiers_as_recorded(draft, m, parties, by)
        twice = _found_twice(m)  # (as `verify` refuses a finding given again)
        if twice is not None:
            raise fail(
                m.id,
                f"its finding {twice.result.value} by {twice.by} on {twice.date} is given twice; "
                "give it once",
            )
        for other in changes.link_changes_by_other(m) if m.id in fresh_ids else ():
            if other in arriving or other == m.id or not draft.has(other):
                continue
            lacking = link_past_not_its_own(draft.get(other), m)
            if lacking is not None:  # (another measure by that id: the past is not its own)
                raise fail(
                    m.id,
                    f"its history has it exchanged for '{other}' (by its entry of "
                    f"{lacking.date}: '{lacking.detail}'), which the ledger's '{other}' does "
                    f"not record: that is another measure by the id its history names, and "
                    f"would take on that past (a rename of the ledger's leaves the file's id "
                    f"read as its new one); take the entries of its history that name "
                    f"'{other}' out of the file",
                )
        for other in [*m.in_exchange_for, *(c.other for c in m.constraints), *_part(m)]:
            if other == m.id:
                raise fail(m.id, "refers to itself")
            if other not in known:
                # (the ids near it, in the ledger or the file, as the command line finds them)
                if not every_id:
                    every_id.extend(dict.fromkeys([*draft, *arriving]))
                near = ", ".join(near_ids(other, [i for i in every_id if i != m.id]))
                # (a history that names it would keep it: refused, or its id taken for good)
                also = (
                    ", with the entries of its history that name it"
                    if other in changes.history_references(m)
                    else ""
                )
                said = (
                    f"; did you mean {near}?"
                    if near
                    else f"; import '{other}' with it{_LEFT_OUT}, or take the reference out "
                    f"of the file{also}"
                )
                raise fail(
                    m.id,
                    f"refers to '{other}', which is neither in the ledger nor the file{said}",
                )

    by: dict[str, str] = {}  # (each verifier named, as the ledger, or the file first, spells it)
    # (each new side a row names: where, and as what: its actor, or whose demand an order is)
    undeclared: dict[str, list[tuple[str, str]]] = {}
    refused = [0]

    def counted(row: tuple[int, Measure]) -> None:
        try:
            take(row)
        except DprkError:
            refused[0] += 1
            raise

    try:
        each_checked(
            list(enumerate(incoming.measures)), lambda row: incoming.where[row[1].id], counted
        )
    except DprkError as exc:
        if not undeclared:
            raise
        raise DprkError(
            f"{exc.message}; "
            + _declare_them(
                undeclared, parties, alone=refused[0] == 1 and "did you mean" not in exc.message
            ),
            exc.exit_code,
        ) from None

    # A new part given no category takes its whole's, as `add-measure --part-of` does
    # (the whole's in the file, or else in the ledger; one of no category given its own).
    def whole_category(ident: str, seen: set[str]) -> str:
        m = arriving.get(ident) or (draft.get(ident) if draft.has(ident) else None)
        if m is None or m.category.strip() or m.part_of is None or m.part_of in seen:
            return "" if m is None else m.category
        if ident not in fresh_ids:  # (one in the ledger keeps the category it has)
            return m.category
        return whole_category(m.part_of, seen | {ident})

    for at, m in enumerate(incoming.measures):
        if m.id in fresh_ids and m.part_of is not None and not m.category.strip():
            category = whole_category(m.part_of, {m.id})
            if category:
                m = m.model_copy(update={"category": category})
                incoming.measures[at] = arriving[m.id] = m

    # A measure made of parts takes its status from them, not from its row: what an
    # export wrote for it is checked against its parts once every row is in.
    wholes = {m.part_of for m in incoming.measures if m.part_of is not None}
    wholes.update(w for w in (m.id for m in incoming.measures) if draft.parts_of(w))
    settled: dict[str, Measure] = {}
    found: list[str] = []  # (rows whose findings make them stand otherwise than said)
    done_today: list[str] = []  # (rows recorded implemented today, for want of a date)

    def settle(m: Measure) -> None:
        """Give row `m` the history its status asks, and check it against the rules of a
        measure's life; kept in `settled`."""
        when = incoming.dates.get(m.id)
        given = m.id in incoming.has_status and m.id not in wholes
        said = m.status
        if when is not None and m.history and m.id not in wholes:
            unread = _date_not_in_history(m, when, given, m.id in incoming.has_extent)
            if unread is not None:
                raise fail(m.id, unread)
        try:
            recorded = _as_recorded(
                m,
                when,
                given=given,
                whole=m.id in wholes,
                extent_given=m.id in incoming.has_extent,
            )
            # (implemented by a step the row gave no day for: made today)
            undated = when is None and given and len(recorded.history) > len(m.history)
            if undated and said == Status.implemented:
                done_today.append(m.id)
            m = _rename_entries(recorded, renamed_by.get(m.id, []))
            lacked = renames_lacked.get(m.id)
            if lacked:  # (a sheet's row of a measure renamed here: after its creation)
                m = m.model_copy(update={"history": [*m.history, *lacked]}).normalized()
        except DprkError as exc:
            raise fail(m.id, exc.message) from None
        life = replay(m)
        # (a partial finding of a whole is judged by the state its parts give it on its
        # day, as the ledger holds them once every row is in: `_check_whole_findings`)
        errors = [p for p in blocking(life.problems) if m.id not in wholes or p.partial_on is None]
        if errors:
            raise fail(m.id, _in_a_row(errors[0].check, errors[0].message))
        if given and life.status != said:  # (a status a finding since sets: said, not refused)
            found.append(
                f"{m.id}: {incoming.where[m.id]} gives status {said.value}; its findings make "
                f"it {life.status.value}, as the ledger records it"
            )
            m = m.model_copy(update={"status": life.status, "extent": life.extent})
        late = events_after_today({}, {m.id: m}, [m.id])
        if late:
            raise fail(m.id, late[0].message)
        try:
            own_word_found(draft, m, "importing it", parties)
        except DprkError as exc:
            raise fail(m.id, exc.message) from None
        if m.id in incoming.has_extent and m.id not in wholes and life.extent != m.extent:
            why = "an extent goes with status implemented"
            if when is not None and life.status == m.status == Status.implemented:
                # (the step the row's date made: a later one of its history sets it)
                why = (
                    f"its step to it on {when} comes before the one its history has on "
                    f"{life.state_began(today())}; give a date on or after that day"
                )
            raise fail(
                m.id,
                f"extent '{m.extent.value}' is not what its history gives "
                f"('{life.extent.value}'): {why}",
            )
        unlike = _unlike_history(m, parties, known)
        if unlike is not None:
            raise fail(m.id, unlike)
        settled[m.id] = m

    each_checked(incoming.measures, lambda m: incoming.where[m.id], settle)
    # Exchange links on both sides: among the new rows, and to measures already here.
    for m in list(settled.values()):
        for other in m.in_exchange_for:
            if other in settled:
                partner = settled[other]
                if m.id not in partner.in_exchange_for:
                    settled[other] = partner.model_copy(
                        update={"in_exchange_for": sorted({*partner.in_exchange_for, m.id})}
                    )
            elif m.id not in draft.get(other).in_exchange_for:
                _link_added(draft, m, other)  # (a row is a measure being added)
    untitled = draft.title == Ledger.model_fields["title"].default
    title = incoming.title if incoming.title and untitled else None
    if title is not None or parties != draft.parties:
        draft.set_header(title=title, parties=parties)
    ended = _end_of_the_file(draft, incoming)
    for ident, m in settled.items():
        if draft.has(ident):
            was = draft.get(ident)
            settled[ident] = _recorded_as_before(was, _links_kept(was, m, arriving))
    lost = []
    unchanged = 0
    changed: list[str] = []  # (each measure replaced, with the fields it changed)
    acted_anew: list[tuple[Measure, date]] = []  # (as it was, and the day it acted anew)
    for m in settled.values():
        if draft.has(m.id):
            was = draft.get(m.id)
            fields = _fields_changed(was, m, whole=m.id in wholes)
            if not fields:  # (left alone: its block is kept as written, hand layout and all)
                unchanged += 1
                continue
            changed.append(f"{m.id} ({', '.join(fields)})")
            dropped = dropped_by(was, m)
            if dropped:
                lost.append(f"{m.id}: replaced by {incoming.where[m.id]}, which {dropped}")
            day = None if m.id in wholes else _acted_anew_on(was, m)
            if day is not None:
                acted_anew.append((was, day))
        draft.put(m)
    for m in settled.values():  # (before the wholes are replayed: parts nested too deep)
        deep = nesting_problem(m.id, ancestors(draft.index(), m.id, most=PARTS_DEPTH + 1))
        if deep is not None:
            raise fail(m.id, _in_a_row("parts", deep))
    _check_wholes(draft, incoming, wholes & incoming.has_status, fail)
    _check_whole_findings(draft, incoming, wholes, fail)
    read_as = [f"{party_in_prose(name)} {_as_now(steps)}" for name, steps in renames.items()]
    read_as += [f"{old} as {new} (renamed so on {e.date})" for old, (new, e) in ids_read.items()]
    twins = _imported_twice(draft, [i for i in fresh if i in settled], incoming.where)
    set_aside = [
        said.removeprefix("; ")
        for was, day in acted_anew
        if (said := findings_set_aside(draft, was.id, was, day))
    ]
    return (
        replaced,
        unchanged,
        [*taken, *found, *lost],
        read_as,
        twins,
        changed,
        ended,
        done_today,
        set_aside,
    )


def _acted_anew_on(was: Measure, m: Measure) -> date | None:
    """The day of the last step to implemented that a row `m` replacing `was` (verified
    or disputed, as the ledger holds it) brings, its findings all kept: the step whose
    day `findings_set_aside` reads, as it reads a `mark`'s; None where there is none (a
    row that drops a finding is said by what it drops, `dropped_by`)."""
    if was.status not in (Status.verified, Status.disputed) or m.status != Status.implemented:
        return None
    if any(v not in m.verifications for v in was.verifications):
        return None
    days = [
        h.date
        for h in m.history
        if h.event == "status" and h.status == Status.implemented and h not in was.history
    ]
    return max(days, default=None)


def _end_of_the_file(draft: Draft, incoming: Incoming) -> str:
    """Take the day the talks ended that an import's document gives (with its note) into
    a ledger being filled from it: one with no measures of its own yet and no end, as
    its title into an untitled one. Into any other, the end stays as it was: the file's
    would make every view of a ledger with measures of its own read as of another day,
    its later steps left out. What the line says of it ("" for nothing to say: no end in
    the file, or the ledger's own end on that day)."""
    if incoming.ended is None:
        return ""
    day, note = incoming.ended
    if draft.ended is None and not len(draft.before()):
        draft.set_header(ended=incoming.ended)
        return f"talks ended on {day}{f' ({note})' if note else ''}, as the file records"
    if draft.ended == day:
        return ""
    noted = f" --note {shell_word(note)}" if note else ""
    return (
        f"the file records the talks ended on {day}; this ledger's end is unchanged: "
        f"'dprk edit-ledger --ended {day}{noted}' sets it"
    )


def _fields_changed(was: Measure, row: Measure, *, whole: bool) -> list[str]:
    """The fields (as a file names them) in which an import's `row` differs from `was`,
    the measure it replaces; none, for a row that changes nothing. A measure made of parts
    (`whole`) takes its status and extent from them, whatever its row says: a row that
    gives its own, such as the one it was created with, changes neither."""
    if whole:
        row = row.model_copy(update={"status": was.status, "extent": was.extent})
    if was == row:
        return []
    return [
        info.alias or name
        for name, info in Measure.model_fields.items()
        if getattr(was, name) != getattr(row, name)
    ]


def _date_not_in_history(
    m: Measure, when: date, given: bool, extent_given: bool = False
) -> str | None:
    """Why an import's row that gives its history cannot take its `date` (`when`), or
    None. A row's date is the day it was created, or reached the status it gives; a
    history gives both days, and only a status (or, implemented, an extent) it does not
    give is dated by the row (a step added, `_as_recorded`). A date that is neither day
    would be dropped: refused, with the redate that moves the entry that gave the status
    to it, as a field unlike the row's own history is refused (`_unlike_history`)."""
    life = replay(m)
    if given and life.status != m.status:  # (the step it asks is dated by the row's date)
        return None
    if extent_given and _extent_step_asked(m):  # (as is a step to another extent)
        return None
    since = life.status_since
    if when in (life.created, since):
        return None
    step = life.set_by(today())
    ordered = in_log_order(m)
    number = next(
        (n for n, h in enumerate(ordered, 1) if step is not None and h is step.entry),
        next((n for n, h in enumerate(ordered, 1) if h.event == "created"), 1),
    )
    status = life.status.value
    days = (
        f"created {life.created} as {status}"
        if since == life.created
        else f"created {life.created}; {status} from {since}"
    )
    return (
        f"date {when} is not a day its history gives it ({days}), and the history cell is "
        "what is recorded; to move the day, correct the entry's date in the history cell, "
        f"or leave the date out and, once imported, run 'dprk redate {shell_word(m.id)} "
        f"{number} {when}'"
    )


def _imported_twice(draft: Draft, added: list[str], where: Mapping[str, str]) -> list[str]:
    """A line for each new measure of an import (`added`, in the file's order) that has
    the title and actor of one on record (`alike_on_record`, as `add-measure` warns of
    one), or else of a row before it in the file (`rules.alike_key`, as `dprk check`'s
    measures-alike would tell of the two: that row named too), with the way back; one
    whose id reads as the number an id on record does ('12.0', '0012') says that pandas
    or a spreadsheet may have read that id as a number."""
    twins = made_alike(draft, added)  # (a new measure: none read as it did before)
    new = set(added)
    numbers: dict[object, str] | None = None  # (each number an id on record reads as)
    said = []
    for ident in added:
        twin = twins.get(ident)
        if twin is None:
            continue
        numbered = same_number([twin], ident)
        if not numbered and number_read(ident) is not None:
            if numbers is None:  # (made once, of every id: at most once an import)
                numbers = {}
                for i in draft:
                    if i not in new:
                        numbers.setdefault(number_read(i), i)
                numbers.pop(None, None)
            numbered = [numbers[n]] if (n := number_read(ident)) in numbers else []
        read = (
            f" (pandas or a spreadsheet may have read '{numbered[0]}' as a number)"
            if numbered
            else ""
        )
        row = f" ({where[twin]})" if twin in new else ""  # (a row of the file before it)
        said.append(
            f"{ident}: {where[ident]} has the title and actor of '{twin}'{row}{read}; if it is "
            f"the same measure, 'dprk undo' takes the import back, or 'dprk remove {ident}' "
            "this one"
        )
    return said


def _parties_named(m: Measure) -> Iterator[tuple[str, str, str]]:
    """The parties an import's row names that must be declared, as the commands that
    record them ask (`add-measure --actor`, `sequence --demanded-by`): each with its role
    (`_ROLES`) and the words that name it in a refusal."""
    yield ACTOR, m.actor, "actor "
    for c in m.constraints:
        if c.demanded_by is not None:
            yield DEMANDING, c.demanded_by, f"its order after '{c.after}': demanded_by "
    # (and its history, where it says whose demand an order was, or who was its actor:
    # an order of a party not declared is read as none on the days it stood, `orders_on`)
    for h, name in changes.parties_in_history(m):
        role = DEMANDING if h.event == "sequence" else UNDOING if name == h.by else FORMER
        yield role, name, f"its entry of {h.date} ('{h.detail}'): "


ACTOR, DEMANDING, FORMER, UNDOING = "actor", "demanding", "former", "undoing"
# (`_declare_them`: a former actor, which an edit of the actor names, is no row's actor)
_ROLES = {
    ACTOR: "the actor of",
    DEMANDING: "demanding an order in",
    FORMER: "once the actor of",
    UNDOING: "undoing the measure of",
}


def _declare_them(
    undeclared: dict[str, list[tuple[str, str]]], parties: list[str], *, alone: bool
) -> str:
    """How to declare the new sides an import's rows name (`undeclared`: each with the
    rows that name it, and as what), every one at once, so that one run tells all there
    is to do: the commands, joined with '&&'. `alone`: one row was refused, naming one
    new side, which is then 'it'."""
    commands = " && ".join(
        command for name in undeclared if (command := adding_party(name, parties)) is not None
    )
    if alone and len(undeclared) == 1:
        return f"add it with '{commands}'"
    # (a row's actor now, named in its history too as the one it became: its actor)
    undeclared = {
        name: [
            (place, role) for place, role in found if role != FORMER or (place, ACTOR) not in found
        ]
        for name, found in undeclared.items()
    }

    def rows(places: list[str]) -> str:
        return in_prose(dict.fromkeys(places), most=3)

    def named_by(found: list[tuple[str, str]]) -> str:
        """Where a new side is named: its rows, each role's (`_ROLES`) apart."""
        by_role = {r: [place for place, role in found if role == r] for r in _ROLES}
        return ", ".join(f"{_ROLES[r]} {rows(p)}" for r, p in by_role.items() if p)

    roles = {role for found in undeclared.values() for _, role in found}
    if roles == {ACTOR}:  # (actors alone: the rows say as what)
        if len(undeclared) == 1:
            [(name, found)] = undeclared.items()
            return f"add {party_in_prose(name, quoted=True)}, {named_by(found)}, with '{commands}'"
        named = ", ".join(
            f"{party_in_prose(name, quoted=True)} ({rows([place for place, _ in found])})"
            for name, found in undeclared.items()
        )
        return f"add the undeclared actors {named} all at once with '{commands}'"
    if len(undeclared) == 1:
        [(name, found)] = undeclared.items()
        return f"add {party_in_prose(name, quoted=True)}, {named_by(found)}, with '{commands}'"
    named = ", ".join(
        f"{party_in_prose(name, quoted=True)} ({named_by(found)})"
        for name, found in undeclared.items()
    )
    return f"add the undeclared parties {named} all at once with '{commands}'"


# What of an import's row the advice of a rule's check is about (`_in_a_row`); else the
# row's status, date or history, as its life's rules are.
_IN_THE_ROW = {
    LINK_HISTORY: "in_exchange_for or exchange entries",
    "one-sided-exchanges": "in_exchange_for",
    "repeated-links": "in_exchange_for or constraints",
    "one-sided-with": "constraints",
    ORDER_HISTORY: "constraints or sequence entries",
    "field-history": "actor, deadline, part_of or edit entries",
    "parts": "part_of, in_exchange_for or history",
}


def _in_a_row(check: str, message: str, *, of_parts: bool = False) -> str:
    """What a rule's `check` finds wrong with an import's row (`message`), with advice
    on mending the file: the rules' advice names commands, run on a measure in the
    ledger, which the import (refused) did not put there, or put there as the row has
    it (in words too: `UNDONE_ADVICE`). A row's status its history does not give
    (`STATUS_HISTORY`) is mended in the row: set as its history gives it, or left out.
    `of_parts`: the problem judges a measure by the state its parts give it, which their
    rows hold."""
    bare = message.replace(UNDONE_ADVICE, "")
    if "'dprk " not in message and bare == message and check != STATUS_HISTORY:
        return message
    fact = bare.split("; ", 1)[0]
    if check == STATUS_HISTORY:
        return (
            f"{fact}; set the row's status and extent to what its history gives, or leave "
            "them out of the row, or correct its history, in the file (as 'dprk export' "
            "writes them)"
        )
    if check == WITHOUT_ACTION:
        whose = (
            "the action it found to the rows of its parts"
            if of_parts
            else ("the row the action it found")
        )
        return (
            f"{fact}; give {whose} (status implemented, dated on or "
            "before the finding, or a history entry of it, as 'dprk export' writes one), "
            "or leave the finding out of the row"
        )
    fields = _IN_THE_ROW.get(check, "status, date or history")
    return (
        f"{fact}; correct the row's {fields} in the file (as 'dprk export' writes them), or "
        "leave what does not fit out of the row and record it with commands once the rest "
        "is in"
    )


def _told_of_the_file(rows: Collection[str]) -> Callable[[Problem], str]:
    """How an import's refusal words a rule's problem (`Draft.refused_as`): as what to
    mend in the file (`_in_a_row`) where the problem is of a measure the file holds
    (`rows`), or its advice names one; else as the rule words it."""
    import re

    def told(p: Problem) -> str:
        named = {w for c in re.findall(r"'dprk ([^']*)'", p.message) for w in c.split()}
        if p.measure in rows or any(w in rows for w in named):
            return _in_a_row(p.check, p.message)
        return p.message

    return told


def _recorded_as_before(was: Measure, row: Measure) -> Measure:
    """`row`, each of whose history entries that is one of `was` in all but the time it
    was recorded is that one: a sheet imported again gives its creation anew, the same
    fact, which neither drops the one on record nor changes the measure."""

    # (one to one, each entry as recorded first: two notes alike but for the time each
    # was recorded are two entries, each kept as it was)
    left = list(was.history)

    def kept(e: HistoryEntry) -> HistoryEntry:
        found = next((h for h in left if h == e), None) or next(
            (h for h in left if _one_entry(h, e)), None
        )
        if found is None:
            return e
        left.remove(found)
        return found

    history = [kept(e) for e in row.history]
    if history == row.history:
        return row
    return changes.left_undated(row.model_copy(update={"history": history}))


def _links_kept(was: Measure, row: Measure, arriving: Mapping[str, Measure]) -> Measure:
    """`row` with the changes `was` (its measure as the ledger holds it) records of its
    exchange links with measures outside the file, where the row records no change of
    that link: the other measure keeps its record of them, which the file cannot speak
    for, and a link one end alone records on a past day has the views disagree about
    that day. A link that stands needs the row to say so (`_kept_by_others`)."""
    own = {other for h in row.history if (other := exchanged_with(h)) is not None}
    kept = [
        h
        for h in was.history
        if (other := exchanged_with(h)) is not None
        and other != row.id
        and other not in arriving
        and other not in own
    ]
    if not kept:
        return row
    return row.model_copy(update={"history": [*row.history, *kept]})


def _one_entry(a: HistoryEntry, b: HistoryEntry) -> bool:
    """Whether two history entries record one fact: alike but for the time each was
    recorded, and, both undated creations, their day (which events give, not a row)."""
    same = {"recorded": a.recorded} | ({"date": a.date} if a.undated and b.undated else {})
    return a == b.model_copy(update=same)


def dropped_by(was: Measure, now: Measure) -> str:
    """What replacing measure `was` by `now` (an import's row) takes out of the record,
    in words ("" for nothing): history entries, findings, sources, orders and exchange
    links it does not give, the texts and dates it leaves empty."""
    from .vocab import counted

    said = []
    things = 0  # (what it drops, counted: 'brings it back' for one)
    entries = sum(1 for h in was.history if not any(_one_entry(h, e) for e in now.history))
    if entries:
        said.append(counted(entries, "history entry"))
        things += entries
    for old, new, noun in (
        (was.verifications, now.verifications, "finding"),
        (was.sources, now.sources, "source"),
        (was.constraints, now.constraints, "sequencing order"),
        (was.in_exchange_for, now.in_exchange_for, "exchange link"),
    ):
        gone = sum(1 for x in old if x not in new)
        if gone:
            said.append(counted(gone, noun))
            things += gone
    emptied = [
        name
        for name in ("category", "notes", "deadline", "part_of")
        if getattr(was, name) and not getattr(now, name)
    ]
    if emptied:
        said.append("its " + in_prose(emptied))
        things += len(emptied)
    if not said:
        return ""
    return f"drops {', '.join(said)} ('dprk undo' brings {'it' if things == 1 else 'them'} back)"


def _kept_by_others(draft: Draft, row: Measure, arriving: Mapping[str, Measure]) -> str:
    """Why `row` may not replace its measure, and the way on ("" when it may): a measure
    staying in the ledger (not in the import) is exchanged for it, or is to go together
    with it, and the row does not say so (the link or the order would be one-sided)."""
    was = draft.get(row.id)

    def staying(other: str, said: Collection[str]) -> bool:
        return other not in said and other not in arriving and draft.has(other)

    for other in was.in_exchange_for:
        if staying(other, row.in_exchange_for) and row.id in draft.get(other).in_exchange_for:
            return (
                f"'{other}' is exchanged for it in the ledger, and the row does not say so; "
                f"give '{other}' in the row's in_exchange_for, or unlink them first "
                f"('dprk unlink {row.id} {other}')"
            )
    together = {c.with_ for c in row.constraints if c.with_ is not None}
    for other in (c.with_ for c in was.constraints if c.with_ is not None):
        if staying(other, together) and any(
            back.with_ == row.id for back in draft.get(other).constraints
        ):
            return (
                f"'{other}' is to go together with it in the ledger, and the row does not "
                f'say so; give {{"with": "{other}"}} among the row\'s constraints, or end '
                f"the order first ('dprk sequence {row.id} --remove {other}')"
            )
    return ""


def _check_wholes(
    draft: Draft, incoming: Incoming, given: set[str], fail: Callable[[str, str], DprkError]
) -> None:
    """Refuse a row of a measure made of parts whose status is not what its parts give,
    or, where they give it no action, its own history (an export's is: it wrote what they
    gave; `LedgerLife.parts_give`, as `check` says it). A row with no history, its status
    recorded as its creation on its `date` (`_as_recorded`), is judged on that day: a
    sheet's whole agreed before any part acted is what it was then, as `mark` records
    it afterwards, and its parts give it its status from their day on."""
    if not given:
        return
    life = LedgerLife(draft.index())
    for m in incoming.measures:
        if m.id not in given:
            continue
        day = incoming.dates.get(m.id) if not m.history else None
        then = life.state(m.id, day) if day is not None else None
        if then is not None and then.status == m.status:
            continue  # (what it stood at on its day: its parts acted after)
        state = life.state(m.id)
        if state is not None and state.status != m.status:
            if life.parts_give(m.id):
                source, how = "its parts give", "takes its status from them"
            else:
                source = "its history gives"
                how = (
                    "stands as its own history has it while its parts give it no action (none "
                    "has acted, or those that did were undone before its latest offer)"
                )
            # (a status of its own, which the row's creation would have held: kept on
            # record by the step `mark` records on a whole once it is in)
            keep = ""
            if not m.history and m.status not in (*ACTED, Status.reversed, Status.proposed):
                on = incoming.dates.get(m.id) or "YYYY-MM-DD"
                keep = f", then record it: 'dprk mark {m.id} {m.status.value} --date {on}'"
            raise fail(
                m.id,
                f"status '{m.status.value}' is not what {source} ('{state.status.value}'): a "
                f"measure made of parts {how}; record the change on a part, or leave the "
                f"status out of the row{keep}",
            )


def _check_whole_findings(
    draft: Draft, incoming: Incoming, wholes: set[str], fail: Callable[[str, str], DprkError]
) -> None:
    """Refuse a row of a measure made of parts whose partial finding has no action to find
    in the state its parts give it on the finding's day (`LedgerLife.problems`, as the
    rules judge it on every write), once every row of the file is in the ledger: the
    parts' rows may come before or after the whole's."""
    life = LedgerLife(draft.index())

    def judged(m: Measure) -> None:
        own = life.life(m.id).problems
        for p in blocking(life.problems(m.id)):
            if p.partial_on is not None:
                raise fail(m.id, _in_a_row(p.check, p.message, of_parts=p not in own))

    rows = [m for m in incoming.measures if m.id in wholes]
    each_checked(rows, lambda m: incoming.where[m.id], judged)


def _not_its_own_price(draft: Draft, new_id: str, part_of: str, linked: list[str]) -> None:
    """Refuse a measure added as a part of `part_of` and in exchange for it, or for a whole
    above it: the rule (`rules.part_cycles`) would advise commands for a measure that
    was never written."""
    for whole in [part_of, *ancestors(draft.index(), part_of)]:
        if whole in linked:
            raise DprkError(
                f"measure '{new_id}' would be exchanged for '{whole}', which it is to be a "
                f"part of{'' if whole == part_of else f' (through {part_of!r})'}: a measure is "
                "no price paid for its own whole; give --part-of "
                f"{part_of} or --in-exchange-for {whole}, not both"
            )


def _nesting_allowed(draft: Draft, ident: str, whole: str) -> None:
    """Refuse making `ident` a part of `whole` when its parts, theirs in turn, would then
    nest deeper than parts may (`vocab.PARTS_DEPTH`)."""
    above = ancestors(draft.index(), whole, most=PARTS_DEPTH + 1)
    if ident in (whole, *above):
        return  # (a cycle: `dprk check` names it)
    chain = [whole, *above]
    height, level, seen = 0, [ident], {ident}
    while level and height + 1 + len(above) <= PARTS_DEPTH:
        level = [p for i in level for p in draft.parts_of(i) if p not in seen]
        seen.update(level)
        height += 1 if level else 0
    if height + 1 + len(above) > PARTS_DEPTH:
        raise DprkError(
            f"'{ident}' as a part of '{whole}' would nest parts more than {PARTS_DEPTH} "
            f"levels deep ({' -> '.join([ident, *chain][:4])} -> ...); parts nest at "
            f"most {PARTS_DEPTH} levels"
        )


def _part(m: Measure) -> list[str]:
    return [m.part_of] if m.part_of is not None else []


def _as_recorded(
    m: Measure, when: date | None, *, given: bool, whole: bool = False, extent_given: bool = False
) -> Measure:
    """An imported measure with a history that gives its status (see `import_measures`);
    `whole`: it is made of parts, which give it its status; `extent_given`: the row gives
    its extent too."""

    status = m.status
    if not m.history:
        start = status
        if status in (Status.verified, Status.disputed):
            if not m.verifications and whole:  # (a finding on it is refused: its parts')
                raise DprkError(
                    f"status '{status.value}' comes only from a verifier's finding, and a "
                    "measure made of parts takes its status from them: leave the status out "
                    "of the row, and record the findings on its parts ('dprk verify PART "
                    "--by VERIFIER')"
                )
            if not m.verifications:
                raise DprkError(
                    f"status '{status.value}' comes only from a verifier's finding; give its "
                    "verifications, or import it as implemented and run 'dprk verify "
                    f"{m.id} --by VERIFIER'"
                )
            start = Status.implemented
            when = when or min(v.date for v in m.verifications)
        extent = (
            m.extent if start == Status.implemented and m.extent != Extent.not_initiated else None
        )
        created = changes.new_measure(
            m.id,
            m.title,
            m.actor,
            when=when or today(),
            dated=when is not None,
            status=start,
            extent=extent,
        ).history[0]
        imported = created.model_copy(
            update={"detail": created.detail.replace("created", "imported", 1)}
        )
        # each finding with its entry, as 'dprk verify' records one
        findings = [changes.finding_entry(v) for v in m.verifications]
        return m.model_copy(update={"history": [imported, *findings]})
    if given and replay(m).status != status:
        if status in (Status.verified, Status.disputed):
            raise DprkError(
                f"status '{status.value}' is not what its history gives "
                f"('{replay(m).status.value}'), and it comes only from a verifier's finding; "
                "add the verification to the row, or record it with 'dprk verify "
                f"{m.id} --by VERIFIER'"
            )
        # (a status its history cannot lead to: said of the row's field, not of the step
        # made of it, dated by the row's date or today, which no row gives)
        life = replay(m)
        unreachable = step_problem(life.state_on(when or today()) or life.state, status)
        if unreachable is not None:
            given_extent = f" (extent '{m.extent.value}')" if extent_given else ""
            its_extent = f", extent '{life.extent.value}'" if extent_given else ""
            raise DprkError(
                _in_a_row(
                    STATUS_HISTORY,
                    f"its status '{status.value}'{given_extent} is not what its history "
                    f"gives ('{life.status.value}'{its_extent}), and it cannot become "
                    f"'{status.value}' by its history: {unreachable}",
                )
            )
        extent = (
            m.extent if status == Status.implemented and m.extent != Extent.not_initiated else None
        )
        return changes.mark(m, status, when or today(), extent=extent, note="set by import")
    if extent_given and not whole and _extent_step_asked(m):
        # (carried further, or back, as `mark ID implemented --extent` records it: a step on
        # the row's day; none given, no day to put it on)
        if when is None:
            was = replay(m).extent
            option = "" if m.extent == Extent.full else f" --extent {m.extent.value}"
            raise DprkError(
                f"extent '{m.extent.value}' is not what its history gives ('{was.value}'), "
                "and a step to it needs its day: give the row the day in a date column, or "
                f"leave its extent '{was.value}' and, once imported, run 'dprk mark "
                f"{shell_word(m.id)} implemented{option} --date YYYY-MM-DD'"
            )
        return changes.mark(m, Status.implemented, when, extent=m.extent, note="set by import")
    return m


def _extent_step_asked(m: Measure) -> bool:
    """Whether an import's row `m`, implemented as its history gives, asks a step to
    another extent (its own, one an implementation reaches)."""
    if m.status != Status.implemented or m.extent == Extent.not_initiated:
        return False
    life = replay(m)
    return life.status == Status.implemented and life.extent != m.extent


# --- settling merge conflicts -------------------------------------------------------------

HISTORY = "history"


@dataclass
class Settled:
    """What settling a conflict decided: the measure's new version (None: removed)."""

    measure: Measure | None
    taken: str
    value: str | None


def conflict_on(conflicts: list[Conflict], name: str, where: str) -> Conflict:
    """The conflict on field `name`, or an error listing the fields that are in conflict."""
    for c in conflicts:
        if c.field == name:
            return c
    if not conflicts:
        raise DprkError(f"{where} has no unresolved merge conflicts")
    fields = ", ".join(c.field for c in conflicts)
    raise DprkError(f"{where} has no merge conflict on '{name}' (conflicts on: {fields})")


def choose(conflict: Conflict, take: str) -> tuple[str, str | None]:
    """Which side's value `--take` names: ('ours'|'theirs'|'value', the value as text).
    A value of one's own for what must say something (a title, a party) is not blank."""
    if take == "ours":
        return "ours", conflict.ours
    if take == "theirs":
        return "theirs", conflict.theirs
    if conflict.field in _SAYS_SOMETHING and not take.strip():
        raise UsageError("--take: is blank; give some text")
    if conflict.field not in _MAY_BE_EMPTY and not take.strip():  # (an empty $VAR, say)
        raise UsageError("--take: is blank; give ours, theirs, or a value (none clears it)")
    if conflict.field in _PARTY_NAMED:  # (as every option naming a party takes one)
        take = take.strip()
    return "value", take


_SAYS_SOMETHING = {"title", "party"}  # (as --title and a party name are never blank)
_MAY_BE_EMPTY = {"category", "notes"}  # ("" says none, as for `edit`)
_PARTY_NAMED = {"party", "actor"}  # (the spaces around a party's name typed taken off)

SETTLED = "merge conflict settled"  # (the note of what a settlement changes besides)


def resolve_title(draft: Draft, name: str, take: str) -> str:
    """Settle a conflict of the ledger's own: its title, or a party added on both sides
    and spelled two ways (the merged ledger names it as ours did; `take` renames it)."""
    from .rules import PARTY

    if name == PARTY or name.startswith(PARTY + ":"):
        conflict = _party_conflict(draft.conflicts, name)
        name = PARTY
    else:
        conflict = conflict_on(draft.conflicts, name, "the ledger")
    taken, value = choose(conflict, take)
    rest = [c for c in draft.conflicts if c is not conflict]
    if name == PARTY:
        current, chosen = conflict.ours or "", value or ""
        draft.set_header(conflicts=rest)
        if taken == "theirs" and _one_rename_kept(draft, conflict.theirs or "", current):
            return f"party: took {taken} (now '{chosen}')"
        _one_rename_kept(draft, current, conflict.theirs or "")
        if chosen != current:
            rename_party(draft, current, chosen, today(), option="--take")
            return f"party: took {taken} (now '{chosen}')"
        return f"party: took {taken} ('{chosen}')"
    _refuse_no_title(taken, value)
    if taken == "value":
        _refuse_unfit_take(draft.header(), {"title": value or ""})
    draft.set_header(title=value or "", conflicts=rest)
    return f"{name}: took {_took(taken, value, cleared=False, whole=True)}"


def _one_rename_kept(draft: Draft, keep: str, drop: str) -> bool:
    """Keep one side's rename of a party the two sides renamed two ways (to `keep`, and
    to `drop`), on every measure: the merge kept both sides' entries, and a party renamed
    twice from one name is no record a desk could type. Each entry of the rename to
    `drop` goes, and one of the rename to `keep` (its day, when it was made) stands in
    its place where the measure has none; the measures name the party `keep`, as the
    side that renamed it so left them, with no entry of their own (`keep` named anew:
    the parties list too). False, changing nothing, where the ledger records no rename
    of one name to both (a party added on both sides, spelt two ways)."""
    if not keep or not drop:
        return False

    def renames_to(name: str) -> dict[str, HistoryEntry]:  # (by the name renamed)
        found: dict[str, HistoryEntry] = {}
        for i in draft.mentioning(f"renamed {name}"):
            for h in draft.get(i).history:
                for old, new in (
                    changes.renames_said(h.detail) if changes.is_party_rename(h) else ()
                ):
                    if new == name:
                        found.setdefault(party_key(old), h)
        return found

    kept, dropped = renames_to(keep), renames_to(drop)
    shared = set(kept) & set(dropped)
    if not shared:
        return False

    def dropping(h: HistoryEntry) -> str | None:  # (the name it renamed, by its key)
        return next(
            (
                party_key(old)
                for old, new in changes.renames_said(h.detail)
                if new == drop and party_key(old) in shared
            ),
            None,
        )

    named = keep not in draft.parties
    same = partial(_same_party, party_key(drop))
    touched = set(draft.mentioning(f"renamed {drop}"))
    if named:
        touched.update(draft.mentioning(drop, any_signs=True))
    for ident in sorted(touched):
        was = draft.get(ident)
        m = changes.party_renamed(was, drop, keep, names=same) if named else was
        gone = {dropping(h) for h in m.history} - {None}
        history = [h for h in m.history if dropping(h) is None]
        have = {key for key, h in kept.items() if any(changes.same_change(e, h) for e in history)}
        history.extend(kept[key] for key in sorted(k for k in gone - have if k is not None))
        if m is not was or len(history) != len(m.history) or gone - have:
            draft.put(m.model_copy(update={"history": history}))
    if named:
        draft.set_header(parties=[keep if p == drop else p for p in draft.parties])
    return True


def _refuse_no_title(taken: str, value: str | None) -> None:
    """Refuse 'none' (or nothing) for a title: a title is never cleared ('--take none'
    clears what may be empty: a deadline, a category, notes)."""
    if taken == "value" and (value or "").strip().casefold() in ("", "none"):
        raise UsageError(
            "--take: a title cannot be cleared; give ours, theirs, or the title to keep"
        )


def _party_conflict(conflicts: list[Conflict], name: str) -> Conflict:
    """The conflict on a party `--field` names: 'party' (the one there is), or
    'party:OURS' (of several, the one of the party as our side names it)."""
    from .rules import PARTY

    parties = [c for c in conflicts if c.field == PARTY]
    if name == PARTY and len(parties) > 1:
        named = ", ".join(settle_field(c, conflicts) for c in parties)
        raise UsageError(f"--field: {len(parties)} parties are in conflict; name one: {named}")
    found = [c for c in parties if name == PARTY or name == f"{PARTY}:{c.ours}"]
    if not found:
        named = ", ".join(settle_field(c, conflicts) for c in conflicts) or "none"
        raise DprkError(f"the ledger has no merge conflict on '{name}' (conflicts on: {named})")
    return found[0]


def resolve(draft: Draft, ident: str, name: str, take: str, when: date) -> str:
    """Settle the merge conflict on field `name` of a measure: ours, theirs, or a value."""
    from .rules import ID, MEASURE_GONE

    held = draft.get(ident)
    outcome = settle(held, name, take, draft.parties, when)
    stood = None  # (how a measure whose history is taken from a side stood before)
    if name == HISTORY and outcome.measure is not None:
        outcome.measure = _links_as_taken(draft, held, outcome.measure, outcome.taken)
        stood = standing(draft, ident, whole=False)
    if outcome.measure is None:  # (dropped as the side that removed it did: as --force)
        referring = remove(draft, ident, when, force=True)
        others = ", ".join(o for o, _ in referring)
        dropped = f"; dropped the references to it from {others}" if referring else ""
        return f"{ident}: removed (took {outcome.taken}){dropped}"
    took = _took_on(outcome.measure, name, outcome.taken, outcome.value)
    if stood is not None:  # (what taking that side's history changed, in words)
        draft.put(settled(outcome.measure))  # (its status as its history gives it)
        took += _history_taken(held, outcome.measure, stood, standing(draft, ident, whole=False))
    detail = settlement_text(name, took)
    # (the notes replaced and taken, whole beside the words that show them by their start)
    kept = changes.notes_kept(held.notes, outcome.measure.notes) if name == "notes" else {}
    settlement = changes.entry(today(), RESOLVE, detail=detail, **kept)
    draft.put(changes.with_entry(outcome.measure, settlement))
    if name == ID and outcome.value != ident:  # renamed on both sides: the id chosen
        # (a side's id: that side's rename, which the merged history holds, gave it, and
        # the settlement says which was taken; a new id is a rename of the merged one)
        rename(draft, ident, outcome.value or "", when, said=outcome.taken == "value")
        return f"{ident}: id: took {took}"
    if name.startswith("constraints."):
        partner = _pair_together(draft, outcome.measure, name.split(".", 1)[1], when)
        if partner:
            return f"{ident}: {name}: took {took}; {partner}"
    if name == MEASURE_GONE:
        given = _references_back(draft, ident)
        said = [f"its references given back on {', '.join(given)}"] if given else []
        back = _linked_back(draft, draft.get(ident), when)
        said += [back] if back else []
        if said:
            return f"{ident}: {name}: took {outcome.taken} ({'; '.join(said)})"
    return f"{ident}: {name}: took {took}"


def _history_taken(was: Measure, now: Measure, stood: Standing, stands: Standing) -> str:
    """What taking one side's history changed of a measure (`was` before, `now` after),
    in words after the side taken: the findings it dropped and those it added ('
    (finding dropped: confirmed by IAEA on 2019-01-01)'), and its status where that
    moved, or the day it held it from, as a correction says it (`stands_now`: '; x is
    now implemented (since ...; it was verified since ...)'); "" where neither."""

    def said(m: Measure) -> dict[tuple[Any, ...], str]:
        return {
            (v.by, v.result, v.date, v.method, tuple(v.evidence)): (
                f"{finding_text(v.result, v.by, v.method)} on {v.date}"
            )
            for v in m.verifications
        }

    before, after = said(was), said(now)
    found = []
    for words, keys in (("dropped", before.keys() - after), ("added", after.keys() - before)):
        if keys:
            plural = "s" if len(keys) > 1 else ""
            found.append(
                f"finding{plural} {words}: "
                + ", ".join(sorted(before[k] if words == "dropped" else after[k] for k in keys))
            )
    text = f" ({'; '.join(found)})" if found else ""
    # (as a correction says it: another state, or the same from another day)
    moved = (stood.status, stood.extent) != (stands.status, stands.extent)
    if moved or held_before(stood, stands) is not None:
        text += f"; {stands_now(now.id, stands, stood)}"
    return text


def _took_on(m: Measure, name: str, taken: str, value: str | None) -> str:
    """Which value a settled conflict on field `name` of `m` (as settled) took, in words:
    the value, and for ours or theirs the value too ("theirs ('2019-01-01')"; "theirs
    (after n)" for an order), as which side is ours turns round in a rebase. A conflict
    on the history is named by the side alone."""
    if name.startswith("constraints."):
        other = name.split(".", 1)[1]
        now = next((c for c in m.constraints if c.other == other), None)
        words = changes.constraint_text(now) if now is not None else "none"
        return words if taken == "value" else f"{taken} ({words})"
    from .rules import ID

    if name == ID:  # (the id chosen: a side's, or a new one)
        return _took(taken, value, cleared=False)
    if name not in Measure.model_fields or name == HISTORY:
        return taken
    held = getattr(m, name)
    whole = name in ("title", "category")  # (as an edit names them)
    return _took(
        taken, value if taken == "value" else held, cleared=held in (None, ""), whole=whole
    )


def _took(taken: str, value: Any, *, cleared: bool, whole: bool = False) -> str:
    """Which value a settled conflict took, in words: the value given ("'DPRK shuts down
    the site'", on one line, cut as an edit's are but for a title or a category,
    `whole`, named whole as an edit names them) or 'none (cleared)' ('took value'
    said not which); ours or theirs with the value it held ("theirs ('2019-01-01')",
    "ours (none)"), as which side is ours turns round in a rebase."""
    said = "none" if cleared or value in (None, "") else changes.shown(value, whole=whole)
    if taken != "value":
        return f"{taken} ({said})"
    return "none (cleared)" if said == "none" else said


def _references_back(draft: Draft, ident: str) -> list[str]:
    """A measure kept that one side of a merge removed: the measures whose references to
    it that removal dropped (their entry '<ident> removed: ...', `drop_references`) have
    them back, as their histories had them, and that entry goes (the measure was never
    removed); their ids."""
    prefix = f"{ident} removed: "
    given = []
    for other in sorted(draft.mentioning(prefix)):
        if other == ident:
            continue
        m = draft.get(other)
        gone = [h for h in m.history if h.event == "edit" and h.detail.startswith(prefix)]
        if not gone:
            continue
        said = {piece for h in gone for piece in h.detail.removeprefix(prefix).split("; ")}
        update: dict[str, Any] = {"history": [h for h in m.history if h not in gone]}
        if f"no longer in exchange for {ident}" in said and ident not in m.in_exchange_for:
            update["in_exchange_for"] = [*m.in_exchange_for, ident]
        if f"no longer a part of {ident}" in said and m.part_of is None:
            update["part_of"] = ident
        orders = [o for o in map(changes.dropped_order, said) if o is not None]
        if orders and not any(c.other == ident for c in m.constraints):
            update["constraints"] = sorted([*m.constraints, orders[0]], key=Constraint.sort_key)
        back = m.model_copy(update=update)
        if f"no longer sequenced with {ident}" in said:  # (said so before its words were kept)
            back = changes.as_history_says(back, ident)
        draft.put(back)
        given.append(other)
    return given


def _linked_back(draft: Draft, m: Measure, when: date) -> str:
    """A measure kept that one side of a merge removed: the measures it is exchanged for,
    or goes together with, take their side of the link back (the removal dropped it from
    them); in words, or ""."""
    back = []
    for other in m.in_exchange_for:
        if draft.has(other) and m.id not in draft.get(other).in_exchange_for:
            draft.put(changes.link_exchange(draft.get(other), m.id, when, SETTLED))
            back.append(other)
    for other in m.together_with:
        if draft.has(other):
            partner = draft.get(other)
            followed = changes.follow_with(m, partner, when, SETTLED)
            if followed is not partner:
                draft.put(followed)
                back.append(other)
    return f"linked back on {', '.join(dict.fromkeys(back))}" if back else ""


def _pair_together(draft: Draft, m: Measure, other: str, when: date) -> str:
    """Keep a `with` on both measures once a conflict on the constraint between them is
    settled (the merge takes the other measure's side of it from one branch alone): the
    other follows, unless it has a conflict of its own on it. What changed, in words."""
    if other not in draft:
        return ""
    partner = draft.get(other)
    if any(c.field == f"constraints.{m.id}" for c in partner.conflicts):
        return ""
    found = changes.order_in_force(m, other)  # (on the day the settled order was set)
    day = found[0].date if found is not None else when
    followed = changes.follow_with(m, partner, day, SETTLED)
    if followed is partner:
        return ""
    draft.put(followed)
    together = "together" if other in m.together_with else "no longer together"
    return f"{other}: {together} with {m.id}"


def settle(m: Measure, name: str, take: str, parties: list[str], when: date) -> Settled:
    """Settle the conflict on field `name` of `m` with ours, theirs or a value of one's own."""
    from .rules import ID, MEASURE_GONE

    conflict = conflict_on(m.conflicts, name, f"measure '{m.id}'")
    taken, value = choose(conflict, take)
    rest = [c for c in m.conflicts if c.field != name]
    if name in (MEASURE_GONE, HISTORY):
        if taken == "value":
            if name == HISTORY:
                raise UsageError(
                    f"the histories of '{m.id}' on the two sides do not fit together: take "
                    "ours or theirs (the other side's entries are then dropped)"
                )
            raise UsageError(
                f"measure '{m.id}' was removed on one side: take ours or theirs "
                f"(ours {'keeps' if conflict.ours else 'removes'} it, "
                f"theirs {'keeps' if conflict.theirs else 'removes'} it)"
            )
        if name == HISTORY:
            return Settled(_take_history(m, taken, rest), taken, value)
        if value is None:
            return Settled(None, taken, value)
        return Settled(m.model_copy(update={"conflicts": rest}), taken, value)
    update: dict[str, Any] = {"conflicts": rest}
    if taken == "value" and name in ("title", "category"):  # (one line: notes may hold more)
        problem = text_problem(value or "")
        if problem is not None:
            raise UsageError(f"--take: {problem}")
    if name.startswith("constraints."):
        other = name.split(".", 1)[1]
        kept = [c for c in m.constraints if c.other != other]
        chosen = _parse_constraint(value, other) if value not in (None, "none") else None
        update["constraints"] = sorted(
            [*kept, *([chosen] if chosen else [])], key=Constraint.sort_key
        )
    elif name == "deadline":
        update["deadline"] = _parse_deadline(value)
    elif name == "status":
        try:
            status = Status(value or "")
        except ValueError:
            raise UsageError(
                f"--take: '{value}' is not a status; choose one of: "
                + ", ".join(s.value for s in Status)
            ) from None
        # (the field, as the line and the settlement's entry name it, is the one chosen)
        settled = m.model_copy(update={**update, "status": status})
        if replay(settled).status != status:  # the history must say so: record it
            settled = changes.mark(settled, status, when, note=SETTLED)
        return Settled(settled, taken, value)
    elif name == "actor":
        if value is not None and taken == "value":  # (typed: in any case, as --actor)
            value = require_party(value, parties, "--take", may_add=False)
        if value is None or value not in parties:
            raise DprkError(
                f"--take: '{value}' is not a declared party (declared: {', '.join(parties)})"
            )
        update["actor"] = value
    elif name == "title":
        _refuse_no_title(taken, value)
        update[name] = value
    elif name in ("category", "notes"):
        update[name] = "" if taken == "value" and value == "none" else value or ""
    elif name == ID:  # (`resolve` gives it that id)
        check_id(value or "", "--take")
    elif name == "part_of":  # (the measure it names must be there: the rules check it)
        update["part_of"] = None if value in (None, "", "none") else check_id(value, "--take")
    else:  # pragma: no cover - a field name the merge never writes
        raise DprkError(f"measure '{m.id}': dprk cannot settle a conflict on '{name}'")
    if taken == "value":
        _refuse_unfit_take(m, update)
    left = {"ours": conflict.theirs, "theirs": conflict.ours}.get(taken, "")  # (not taken)
    return Settled(_in_force_as_settled(m.model_copy(update=update), name, left), taken, value)


def _refuse_unfit_take(held: Measure | Ledger, update: dict[str, Any]) -> None:
    """Refuse a value typed with --take that its field's rule refuses (a title too long),
    of a measure or of the ledger `held`: a usage error naming --take, as `edit` and
    `edit-ledger` name their option."""
    from pydantic import ValidationError

    from .model import describe_problem

    for name, value in update.items():
        if name == "conflicts":
            continue
        try:
            type(held).__pydantic_validator__.validate_assignment(held.model_copy(), name, value)
        except ValidationError as exc:
            raise UsageError(
                f"--take: {describe_problem(exc.errors(include_url=False)[0])}"
            ) from None


def _in_force_as_settled(m: Measure, name: str, other: str | None = "") -> Measure:
    """`m`, its conflict on `name` settled, with its history saying so where its history
    puts the field in force (a dated field, an order): the value chosen, not the change
    of that day recorded last, stays in force when another entry is redated. A dated
    field settled by taking a side (`other`: the value of the side not taken; "" for a
    value of one's own) keeps that side's edit of the day alone, as its desk wrote it
    (`changes.edits_not_taken`), as a party renamed two ways keeps one rename."""
    if name.startswith("constraints."):
        return changes.settled_order(m, name.split(".", 1)[1], SETTLED)
    if name in DATED_FIELDS:
        if other != "":
            m = changes.edits_not_taken(m, name, other)
        return changes.settled_field(m, name, SETTLED)
    return m


def _actor_of(m: Measure, other: list[dict[str, Any]]) -> str | None:
    """The actor `m`'s history gives it: as its last hand-over set it, or, with none,
    the one the `other` side's history (as JSON) handed it over from, as the two had it
    before they parted; None when neither records a hand-over."""
    from .lifecycle import field_changes, field_value

    found = field_changes(m, "actor")
    if found:
        return field_value(found[-1][2])
    import json

    try:
        theirs = [HistoryEntry.model_validate_json(json.dumps(h)) for h in other]
    except ValueError:
        return None
    before = field_changes(m.model_copy(update={"history": theirs}), "actor")
    return field_value(before[0][1]) if before else None


def _refuse_unfit_since(
    m: Measure, chosen: Measure, taken: str, since: list[dict[str, Any]]
) -> None:
    """Refuse a side's history that an entry recorded since the merge (`since`, as JSON)
    does not fit, naming that entry and the way on: drop it, then take the side."""
    from .lifecycle import describe_entry

    if not since:
        return
    for problem in replay(chosen).problems:
        entry = problem.entry
        dumped = entry.model_dump(mode="json") if entry is not None else None
        if entry is None or dumped not in since:
            continue
        number = next(
            n for n, h in enumerate(in_log_order(m), 1) if h.model_dump(mode="json") == dumped
        )
        whose, other = ("their", "ours") if taken == "theirs" else ("our", "theirs")
        raise DprkError(
            f"measure '{m.id}': {describe_entry(entry, None)}, recorded since the merge, "
            f"does not fit {whose} history ({problem.message}); drop it first with 'dprk "
            f"drop-entry {m.id} {number}', then take {taken}, or take {other}"
        )


def _since_merge(m: Measure, entry: HistoryEntry) -> bool:
    """Whether `entry` was recorded on `m` since a merge left its history in conflict
    (the conflict's record of the history the merge left holds it not): a settlement
    keeps it whichever side it takes."""
    import json

    conflict = next((c for c in m.conflicts if c.field == HISTORY), None)
    if conflict is None:
        return False
    try:
        merged = json.loads(conflict.ours or "{}")["history"]
    except (ValueError, KeyError, TypeError):
        return False
    return entry.model_dump(mode="json") not in merged


def _take_history(m: Measure, taken: str, rest: list[Conflict]) -> Measure:
    """`m` with one side's history and findings (kept in the conflict's own record), and
    what was recorded on it since the merge (neither side has it): a step, a finding, a
    rename, the settlements of its other conflicts."""
    import json

    conflict = next(c for c in m.conflicts if c.field == HISTORY)
    text = conflict.ours if taken == "ours" else conflict.theirs
    try:
        side = json.loads(text or "{}")
        merged = json.loads(conflict.ours or "{}")  # (what the merge left: ours)
        history = list(side["history"])
        findings = list(side["verifications"])
        # What was recorded since the merge (a reversal, a rename, the settlements of
        # other conflicts) is kept, whichever side is taken; once, where the side taken
        # had recorded it too (the end of a link recorded first, as a refusal to take it
        # advises: `_link_taken_apart`).
        theirs_only = [_but_recorded(e) for e in history if e not in merged["history"]]
        for h in m.history:
            kept = h.model_dump(mode="json")
            if (h.event == RESOLVE or kept not in merged["history"]) and kept not in history:
                if h.event != RESOLVE and _but_recorded(kept) in theirs_only:
                    continue
                history.append(kept)
        for v in m.verifications:
            kept = v.model_dump(mode="json")
            if kept not in merged["verifications"] and kept not in findings:
                findings.append(kept)
        # (read as JSON, as it was written: the models are strict, and a date comes
        # back from JSON as its text)
        chosen = Measure.model_validate_json(
            json.dumps(
                {
                    **m.model_dump(mode="json", by_alias=True),
                    "history": history,
                    "verifications": findings,
                    "conflicts": [c.model_dump(mode="json") for c in rest],
                },
                ensure_ascii=False,
            )
        )
    except (ValueError, KeyError, TypeError):
        raise DprkError(f"measure '{m.id}': the recorded history conflict is damaged") from None
    _refuse_unfit_since(m, chosen, taken, history[len(side["history"]) :])
    if not any(c.field == "actor" for c in rest):  # (the actor the history taken gives)
        left = json.loads((conflict.theirs if taken == "ours" else conflict.ours) or "{}")
        actor = _actor_of(chosen, left.get("history", []))
        if actor is not None and actor != chosen.actor:
            chosen = chosen.model_copy(update={"actor": actor})
    # Its `after` orders as the history taken puts them in force (the merge left the
    # other side's end of an order, say, which that history does not record).
    for other in sorted({o for o in map(changes.sequenced_with, chosen.history) if o}):
        found = changes.order_in_force(chosen, other)
        now = next((c for c in chosen.constraints if c.other == other), None)
        if found is not None and all(c is None or c.after for c in (found[1], now)):
            chosen = changes.as_history_says(chosen, other)
    return chosen


def _links_as_taken(draft: Draft, held: Measure, m: Measure, taken: str) -> Measure:
    """`m`, its history in conflict (`held`) settled as side `taken`, exchanged for the
    measures its own changes of each link leave it exchanged for, and they for it (the
    merge merged in_exchange_for apart from the histories, which stood as ours). The other
    end follows while its history is in conflict too, or where its own changes of the link
    agree (or it has none); where they have it otherwise, the two ends would disagree
    (`rules.link_apart`): refused, with the ways on."""
    for other, (_, linked) in sorted(links_in_force(m).items()):
        if other == m.id or not draft.has(other):
            continue  # (removed since: its removal ended the link)
        partner = draft.get(other)
        theirs = links_in_force(partner).get(m.id)
        if theirs is not None and not any(c.field == HISTORY for c in partner.conflicts):
            linked_now = theirs[1]  # (as the other end's history has it)
        else:
            linked_now = linked
        m = changes.listed(m, other, linked_now)
        partner = changes.listed(partner, m.id, linked_now)
        found = link_apart(m, partner)
        if found is not None:
            raise DprkError(_link_taken_apart(held, taken, found, partner))
        draft.put(partner)
    return m


def _link_taken_apart(held: Measure, taken: str, found: LinkApart, partner: Measure) -> str:
    """The refusal of a settlement of `held`'s history as side `taken` whose changes of a
    link (`found`) the other end's history has otherwise: take the other side, where its
    history has the link as the other end's does; or first drop the other end's change,
    when it is the later (it would stay in force), else record this one's on it too."""
    import json

    o, day = found.other, found.change.date
    said = (
        f"has it exchanged for '{o}' (linked on {day})"
        if found.linked
        else f"has it no longer exchanged for '{o}' (unlinked on {day})"
    )
    assert found.partner is not None  # (the other end's history says otherwise)
    entry, linked = found.partner
    theirs = (
        f"has them exchanged (linked on {entry.date})"
        if linked
        else f"ends the link on {entry.date}"
    )
    other_side = "theirs" if taken == "ours" else "ours"
    conflict = next(c for c in held.conflicts if c.field == HISTORY)
    try:
        side = json.loads((conflict.theirs if taken == "ours" else conflict.ours) or "{}")
        history = [HistoryEntry.model_validate_json(json.dumps(h)) for h in side["history"]]
        there = links_in_force(held.model_copy(update={"history": history})).get(o)
    except (ValueError, KeyError, TypeError):
        there = None
    either = f"take {other_side}, as '{o}' has it, or " if there and there[1] == linked else ""
    if entry.sort_key() >= found.change.sort_key():
        kind = "link" if linked else "end"
        number = _entry_number(partner, lambda h: h is entry)
        first = f"first drop that {kind} from '{o}' ('dprk drop-entry {o} {number}')"
    else:
        kind, command = ("link", "link") if found.linked else ("end", "unlink")
        first = (
            f"first record that {kind} on '{o}' too ('dprk {command} {held.id} {o} --date {day}')"
        )
    return (
        f"measure '{held.id}': the history {taken} {said}, but the history of '{o}' {theirs}, "
        f"and the two ends of the link would disagree; {either}{first}, then take {taken}"
    )


def _but_recorded(entry: dict[str, Any]) -> dict[str, Any]:
    """A history entry (as JSON) without the time it was recorded: what it records."""
    return {k: v for k, v in entry.items() if k != "recorded"}


def _parse_deadline(value: str | None) -> date | None:
    if value is None or value in ("", "none"):
        return None
    day = day_of(value)
    if day is None:
        raise UsageError(f"--take: '{value}' is not a date; use YYYY-MM-DD or none")
    return day


def _parse_constraint(text: str | None, other: str) -> Constraint:
    import tomllib

    from pydantic import ValidationError

    try:
        data = tomllib.loads(f"c = {text}")["c"]
        constraint = Constraint.model_validate(data)
    except (tomllib.TOMLDecodeError, ValidationError, TypeError):
        raise UsageError(
            f"--take: '{text}' is not a constraint; write it as the ledger does, e.g. "
            f'{{ after = "{other}", require = "verified" }}'
        ) from None
    if constraint.other != other:
        raise UsageError(f"--take: the constraint must refer to '{other}'")
    return constraint
