"""Reports for team work through git: the briefing diff, and how conflicts read.

`diff_report` turns a `LedgerDiff` into the documented JSON shape and into
sections a reader scans in a briefing: added, removed, status changes, new
verifications, other changes.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Any

from ..analysis.diff import FieldChange, LedgerDiff, MeasureChange
from ..facts import Nodes
from ..model import Conflict, Constraint, HistoryEntry, Verification
from ..shapes import DIFF_COLUMNS, constraint_record, history_record, verification_record
from ..vocab import (
    ACTED,
    RENAME,
    Extent,
    Status,
    in_prose,
    party_in_prose,
    state_text,
    step_detail,
)
from . import Column, Report, Section

if TYPE_CHECKING:
    from ..analysis.sequencing import Deadlock


def diff_report(
    diff: LedgerDiff,
    rev: str,
    commit: tuple[str, str, str] | None = None,
    to: str | None = None,
    to_commit: tuple[str, str, str] | None = None,
) -> Report:
    """What changed since `rev`, for people (sections) and scripts (JSON, CSV and JSON
    lines: a flat row per measure). `commit`: the commit a day given as `rev` stands for (its id,
    short id and day: `gitio.commit_by_day`), which a line above the tables names once
    ("Since 2026-11-30 (commit abc1234, 2026-11-29)"). `to`: the revision compared with
    in place of the working file (and `to_commit`, the commit a day given so stands for),
    which the headings name after it ("since HEAD~2, at HEAD")."""
    entries = [_measure_entry(m) for m in diff.measures]
    document = {
        "from": rev,
        "commit": _commit_record(commit),
        "to": to,
        "to_commit": _commit_record(to_commit),
        "title": {"from": diff.title[0], "to": diff.title[1]} if diff.title else None,
        "ended": _ended_record(diff),
        "parties": {
            "added": diff.parties_added,
            "removed": diff.parties_removed,
            "renamed": [{"from": old, "to": new} for old, new in diff.parties_renamed],
            "corrected": [{"from": old, "to": new} for old, new in diff.parties_corrected],
        },
        "conflicts": {"added": diff.conflicts_added, "settled": diff.conflicts_settled},
        "deadlocks": {
            "started": [_deadlock_record(d) for d in diff.deadlocks_started],
            "ended": [_deadlock_record(d) for d in diff.deadlocks_ended],
        },
        "summary": {
            "added": len(diff.of_kind("added")),
            "removed": len(diff.of_kind("removed")),
            "changed": len(diff.of_kind("changed")),
            "renamed": len(diff.of_kind("renamed")),
            # (a step to another extent alone is one: "Status changes" lists it)
            "status_changes": sum(1 for m in _kept(diff) if m.state_changed),
            "new_verifications": sum(len(m.new_verifications) for m in diff.measures),
        },
        "measures": entries,
    }
    heading = rev + ("" if to is None else f", at {to}")
    # (a day names the commit it was read as once, above whichever sections follow)
    named = since(rev, commit) + ("" if to is None else f", at {since(to, to_commit)}")
    return Report(
        document=document,
        records=[_flat(m) for m in diff.measures],
        columns=DIFF_COLUMNS,
        sections=_sections(diff, heading),
        notes=_header_notes(diff),
        lead=[f"Since {named}"] if commit is not None or to_commit is not None else None,
    )


def _ended_record(diff: LedgerDiff) -> dict[str, Any] | None:
    """The day the talks ended and its note, before and after, when either changed."""
    if diff.ended is None:
        return None
    (was, was_note), (now, now_note) = diff.ended
    return {
        "from": None if was is None else was.isoformat(),
        "to": None if now is None else now.isoformat(),
        "note_from": was_note,
        "note_to": now_note,
    }


def _ended_text(day: date | None, note: str) -> str:
    """The day the talks ended as the table says it: 'DAY (NOTE)', '(none)'."""
    return "(none)" if day is None else day.isoformat() + (f" ({note})" if note else "")


def _deadlock_record(d: Deadlock) -> dict[str, Any]:
    """A deadlock that started or ended: its measures, who waits for whom (each demand,
    as `plan` records it), and the words `check` says it in."""
    from ..analysis.sequencing import deadlock_text
    from .sequencing import wait_record

    return {
        "measures": d.measures,
        "demands": [wait_record(w) for w in d.demands],
        "text": deadlock_text(d),
    }


def _deadlocks_section(diff: LedgerDiff) -> list[Section]:
    """The deadlocks that started and ended, a row each: who waits for whom."""
    from ..analysis.sequencing import deadlock_text

    rows = [
        {"change": change, "measures": ", ".join(d.measures), "text": deadlock_text(d)}
        for change, found in (("started", diff.deadlocks_started), ("ended", diff.deadlocks_ended))
        for d in found
    ]
    if not rows:
        return []
    columns = [
        Column("change", "deadlock", priority=100, label=True),
        Column("measures", "measures", priority=95),
        Column("text", "who waits for whom", wrap=True, priority=90),
    ]
    return [Section("Deadlocks", columns, rows)]


def _commit_record(commit: tuple[str, str, str] | None) -> dict[str, str] | None:
    return {"id": commit[0], "date": commit[2]} if commit is not None else None


def since(rev: str, commit: tuple[str, str, str] | None = None) -> str:
    """`rev` as the headings name it: a day with the commit it stands for (`commit`, as
    `diff_report` takes it), '2026-11-30 (commit abc1234, 2026-11-29)'."""
    return rev if commit is None else f"{rev} (commit {commit[1]}, {commit[2]})"


def _kept(diff: LedgerDiff) -> list[MeasureChange]:
    """The measures there before and after: changed, or renamed (and maybe changed)."""
    return [m for m in diff.measures if m.change in ("changed", "renamed")]


def _measure_entry(m: MeasureChange) -> dict[str, Any]:
    # (each entry worded as `log` words it: of the ledger now, or, removed, the revision)
    def entry(h: HistoryEntry) -> dict[str, Any]:
        return history_record(h, extents=m.says_extents, finder=m.found_by.get(id(h)))

    return {
        "id": m.id,
        "change": m.change,
        "renamed_from": m.renamed_from,
        "title": m.measure.title,
        "actor": m.measure.actor,
        "status_from": m.status_from.value if m.status_from else None,
        "status_to": m.status_to.value if m.status_to else None,
        "status_date": m.status_date.isoformat() if m.status_date else None,
        "new_verifications": [verification_record(v) for v in m.new_verifications],
        "removed_verifications": [
            {**verification_record(v), "correction": _dropped_record(m, v)}
            for v in m.removed_verifications
        ],
        "renamed_verifications": [
            {**verification_record(new), "by_before": old.by}
            for old, new in m.renamed_verifications
        ],
        "new_history": [entry(h) for h in m.new_history],
        "removed_history": [
            {
                **history_record(h, extents=m.said_extents, finder=m.found_by.get(id(h))),
                "correction": _dropped_record(m, h),
            }
            for h in m.removed_history
        ],
        "redated_history": [
            {
                **entry(new),
                "date_before": old.date.isoformat(),
                "correction": _correction_record(m, new),
            }
            for old, new in m.redated_history
        ],
        "reworded_history": [
            {**entry(new), "detail_before": old.detail} for old, new in m.reworded_history
        ],
        "fields": [
            {"field": f.field, "from": _plain(f.before), "to": _plain(f.after)} for f in m.fields
        ],
        "extent_from": m.extent_from.value if m.extent_from else None,
        "extent_to": m.extent_to.value if m.extent_to else None,
        "renoted_history": [
            {
                **entry(new),
                "note_before": old.note,
                "correction": _record_or_none(m.renoted_by.get(id(new))),
            }
            for old, new in m.renoted_history
        ],
    }


def _record_or_none(h: HistoryEntry | None) -> dict[str, Any] | None:
    return history_record(h) if h is not None else None


def _correction_record(m: MeasureChange, new: HistoryEntry) -> dict[str, Any] | None:
    """The correction entry `dprk redate` recorded for the entry `new` re-dated (null for
    one re-dated by hand): its day and note, said with the redate, not as an entry new."""
    found = m.redated_by.get(id(new))
    return history_record(found) if found is not None else None


def _dropped_record(m: MeasureChange, gone: HistoryEntry | Verification) -> dict[str, Any] | None:
    """The correction entry `drop-entry` or `drop-finding` recorded for the entry or the
    finding `gone` (null for one removed by hand, or re-dated): said with it, not as an
    entry new."""
    found = m.dropped_by.get(id(gone))
    return history_record(found) if found is not None else None


def _plain(value: Any) -> Any:
    """A field value as JSON: dates as ISO text, constraints and conflicts as objects."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Constraint):
        return constraint_record(value)
    if isinstance(value, Conflict):
        return conflict_record(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return str(value)


def conflict_record(c: Conflict) -> dict[str, Any]:
    return {"field": c.field, "ours": c.ours, "theirs": c.theirs}


def _flat(m: MeasureChange) -> dict[str, Any]:
    return {
        "id": m.id,
        "change": m.change,
        "actor": m.measure.actor,
        "status_from": m.status_from.value if m.status_from else None,
        "status_to": m.status_to.value if m.status_to else None,
        "new_verifications": [_verification_text(v) for v in m.new_verifications],
        "fields": [f.field for f in m.fields],
        "title": m.measure.title,
        # (the table's lines of other changes: a redated or reworded entry, a note...)
        "other_changes": _other_changes(m) if m.change in ("changed", "renamed") else [],
        "extent_from": m.extent_from.value if m.extent_from else None,
        "extent_to": m.extent_to.value if m.extent_to else None,
        "renamed_from": m.renamed_from,
    }


def _state_change(m: MeasureChange) -> tuple[str, str]:
    """Where `m` stood before and after, as `status` says it ('implemented
    (intermediate)'); a side done in full is said so where the other side was done in
    part ('implemented (full)'), so that a step to another extent reads as one."""
    sides = ((m.status_from, m.extent_from), (m.status_to, m.extent_to))
    full = any(s in ACTED and e not in (None, Extent.full) for s, e in sides)
    return (
        _state_word(*sides[0], full=full),
        _state_word(*sides[1], full=full),
    )


def _state_word(status: Status | None, extent: Extent | None, *, full: bool) -> str:
    if status is None:
        return ""
    return state_text(status, extent or Extent.full, full=full) if status in ACTED else status.value


def _verification_text(v: Verification) -> str:
    return f"{v.result.value} by {v.by} on {v.date.isoformat()}"


_MEMBERSHIP_COLUMNS = [
    Column("id", "id", priority=100, label=True),
    Column("actor", "actor", priority=90),
    Column("status", "status", priority=95, label=True),
    Column("title", "title", wrap=True, priority=80),
]


def _membership_section(title: str, entries: list[MeasureChange], kind: str) -> Section:
    """Measures added or removed: the status they arrived with, or had when they left."""
    rows = []
    for m in entries:
        status = m.status_to if kind == "added" else m.status_from
        rows.append(
            {
                "id": m.id,
                "actor": m.measure.actor,
                "status": status.value if status else "",
                "title": m.measure.title,
            }
        )
    return Section(title, _MEMBERSHIP_COLUMNS, rows)


def _sections(diff: LedgerDiff, rev: str) -> list[Section]:
    if diff.empty:
        return [Section(f"Changes since {rev}", [], [], empty="(no changes to the ledger)")]
    if not diff.measures:  # (the ledger's own title, end, parties or conflicts: said below;
        # a deadlock of the day the talks ended, moved, above them)
        none = Section(f"Changes since {rev}", [], [], empty="(no measure changed)")
        return [none, *_deadlocks_section(diff)]
    sections = []
    for kind, label in (("added", "Added"), ("removed", "Removed")):
        entries = diff.of_kind(kind)
        if entries:
            sections.append(_membership_section(f"{label} since {rev}", entries, kind))
    renamed = diff.of_kind("renamed")
    if renamed:
        sections.append(
            Section(
                f"Renamed since {rev}",
                [
                    Column("id", "id", priority=100, label=True),
                    Column("from", "renamed from", priority=95, label=True),
                    Column("actor", "actor", priority=90),
                    Column("title", "title", wrap=True, priority=80),
                ],
                [
                    {
                        "id": m.id,
                        "from": m.renamed_from or "",
                        "actor": m.measure.actor,
                        "title": m.measure.title,
                    }
                    for m in renamed
                ],
            )
        )
    moved = [m for m in _kept(diff) if m.state_changed]
    if moved:
        sections.append(
            Section(
                "Status changes",
                [
                    Column("id", "id", priority=100, label=True),
                    Column("actor", "actor", priority=90),
                    Column("from", "from", priority=95),
                    Column("to", "to", priority=96, label=True),
                    Column("date", "date", priority=70),
                    Column("title", "title", wrap=True, priority=60),
                ],
                [
                    {
                        "id": m.id,
                        "actor": m.measure.actor,
                        "from": _state_change(m)[0],
                        "to": _state_change(m)[1],
                        "date": m.status_date.isoformat() if m.status_date else "",
                        "title": m.measure.title,
                    }
                    for m in moved
                ],
            )
        )
    checked = [(m, v) for m in diff.measures for v in m.new_verifications]
    if checked:
        sections.append(
            Section(
                "New verifications",
                [
                    Column("id", "id", priority=100, label=True),
                    Column("by", "by", priority=95),
                    Column("result", "result", priority=96, label=True),
                    Column("date", "date", priority=90),
                    Column("method", "method", wrap=True, priority=50),
                ],
                [
                    {
                        "id": m.id,
                        "by": v.by,
                        "result": v.result.value,
                        "date": v.date.isoformat(),
                        "method": v.method or "-",
                    }
                    for m, v in checked
                ],
            )
        )
    other = [{"id": m.id, "what": what} for m in _kept(diff) for what in _other_changes(m)]
    if other:
        sections.append(
            Section(
                "Other changes",
                [Column("id", "id", priority=100, label=True), Column("what", "change", wrap=True)],
                other,
            )
        )
    return sections + _deadlocks_section(diff)


def _said_by_state(m: MeasureChange, h: HistoryEntry) -> bool:
    """Whether `h` is the step the status change says (`MeasureChange.state_entry`, one
    of its new entries): that one, not another recorded alike (a step copied by hand)."""
    return h is m.state_entry


def _other_changes(m: MeasureChange) -> list[str]:
    from ..changes import change_unrecorded

    # (a field an entry recorded, an edit, a link, an order, a note's or a step's source,
    # is said by its entry, with its day and note, or by the correction that dropped it:
    # not twice; the step the status change says is not listed, its sources are the field's)
    dropped_entries = [h for h in m.removed_history if id(h) in m.dropped_by]
    listed = [h for h in m.new_history if not _said_by_state(m, h)]
    entries = [*listed, *dropped_entries]
    lines = [
        _field_text(FieldChange(f.field, *left))
        for f in m.fields
        if (left := change_unrecorded(f.field, f.before, f.after, entries)) is not None
    ]
    # (an entry or a finding a correction dropped is said once, by the correction: what
    # it dropped, and why, with its note; a finding's entry and record are one event;
    # one redated since, then dropped, is named as the revision held it: `dropped_as`)
    dropped: set[int] = set()

    def gone(item: HistoryEntry | Verification, otherwise: str) -> None:
        by = m.dropped_by.get(id(item))
        if by is None:
            lines.append(otherwise)
        elif id(by) not in dropped:
            dropped.add(id(by))
            lines.append(_entry_text(by, m.dropped_as.get(id(by))))

    for v in m.removed_verifications:
        gone(v, f"verification removed: {_verification_text(v)}")
    lines.extend(  # (a correction of the typing: the same finding, no new one)
        f"verifier {party_in_prose(old.by, quoted=True)} now named "
        f"{party_in_prose(new.by, quoted=True)} ({new.date.isoformat()} finding)"
        for old, new in m.renamed_verifications
    )
    described = {"verification"} if m.new_verifications else set()
    if m.renamed_from is not None:
        described.add(RENAME)  # (said in its own section)
    pairs = [*m.redated_history, *m.reworded_history, *m.renoted_history]
    moved_from = {id(old) for old, _ in pairs}
    moved_to = {id(new) for _, new in pairs}
    # (the status change says the step that made its status, no other: an earlier step
    # recorded since, or a later one that left the status as it was, is listed)
    for h in listed:
        if id(h) in moved_to or h.event in described:
            continue
        lines.append(_entry_text(h, _worded(h, m.says_extents)))
    for h in m.removed_history:
        if id(h) not in moved_from:
            was = _worded(h, m.said_extents)
            gone(h, f"history entry removed: {h.date.isoformat()} {was}")
    for old, new in m.redated_history:
        # (the correction that recorded it is not listed apart: its note is said here)
        by = m.redated_by.get(id(new))
        lines.append(
            f"{_worded(new, m.says_extents)}: now dated {new.date.isoformat()} (was "
            f"{old.date.isoformat()})" + (f" ({by.note})" if by is not None and by.note else "")
        )
    lines.extend(
        f"{new.date.isoformat()}: {new.detail} (reworded: it read {old.detail})"
        for old, new in m.reworded_history
    )
    from ..changes import shown

    for old, new in m.renoted_history:
        by = m.renoted_by.get(id(new))  # (its correction is not listed apart: its note is)
        lines.append(
            f"{new.date.isoformat()}: {_worded(new, m.says_extents)}: note now {shown(new.note)} "
            f"(was {shown(old.note)})" + (f" ({by.note})" if by is not None and by.note else "")
        )
    return lines


def _worded(h: HistoryEntry, extents: bool) -> str:
    """What entry `h` says, as `log` words it (`vocab.step_detail`: a step in full, in a
    history that names another extent (`extents`), 'implemented (full)'), or its kind."""
    return step_detail(h, extents) or h.event


def _entry_text(h: HistoryEntry, detail: str | None = None) -> str:
    said = detail or h.detail or h.event
    return f"{h.date.isoformat()}: {said}" + (f" ({h.note})" if h.note else "")


def _field_text(f: FieldChange) -> str:
    if isinstance(f.before, list) or isinstance(f.after, list):
        old = [_item_text(v) for v in f.before or []]
        new = [_item_text(v) for v in f.after or []]
        parts = [f"+{v}" for v in new if v not in old] + [f"-{v}" for v in old if v not in new]
        if f.field == "conflicts":
            return f"merge conflicts: {'; '.join(parts) or 'reordered'}"
        return f"{f.field}: {'; '.join(parts) or 'reordered'}"
    return f"{f.field}: {_item_text(f.before)} -> {_item_text(f.after)}"


def _item_text(value: Any) -> str:
    if value is None or value == "":
        return "(none)"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Constraint):
        text = f"with {value.with_}" if value.with_ else f"after {value.after}"
        if value.with_ is None and value.require.value != "acted":
            by = f" by {value.verified_by}" if value.verified_by else ""
            text += f" ({value.require.value}{by})"
        if value.demanded_by:
            text += f" [demanded by {value.demanded_by}]"
        return text
    if isinstance(value, Conflict):
        return value.field
    return str(value)


def _header_notes(diff: LedgerDiff) -> list[str]:
    notes = []
    if diff.title:
        was = "(none)" if diff.title[0] is None else diff.title[0]
        notes.append(f"title: {was} -> {diff.title[1]}")
    if diff.ended:
        (day, note), (now, now_note) = diff.ended
        notes.append(f"ended: {_ended_text(day, note)} -> {_ended_text(now, now_note)}")
    if diff.parties_added:
        notes.append(f"parties added: {', '.join(map(party_in_prose, diff.parties_added))}")
    if diff.parties_removed:
        notes.append(f"parties removed: {', '.join(map(party_in_prose, diff.parties_removed))}")
    if diff.parties_renamed:
        moves = ", ".join(
            f"{party_in_prose(old)} -> {party_in_prose(new)}" for old, new in diff.parties_renamed
        )
        notes.append(f"parties renamed: {moves}")
    if diff.parties_corrected:
        fixed = ", ".join(
            f"{party_in_prose(old)} -> {party_in_prose(new)}" for old, new in diff.parties_corrected
        )
        notes.append(f"party names corrected (typed wrong): {fixed}")
    if diff.conflicts_added or diff.conflicts_settled:
        came = [f"+{name}" for name in diff.conflicts_added]
        went = [f"-{name}" for name in diff.conflicts_settled]
        notes.append(f"the ledger's merge conflicts: {'; '.join(came + went)}")
    return notes


def conflicts_note(ledger: Nodes) -> str:
    """A line for the status view: which measures hold unresolved merge conflicts."""
    ids = sorted({n.id for n in ledger.measures if n.conflicted})
    fields = sorted({_HEADER_FIELDS.get(f, f) for f in ledger.conflicted})
    where = ([f"the ledger's {in_prose(fields)}"] if fields else []) + ids
    own = " (with no ID for the ledger's own)" if fields else ""
    return (
        f"unresolved merge conflicts in {', '.join(where)}: 'dprk check' lists them, "
        f"'dprk resolve ID --field NAME --take ours|theirs|VALUE' settles each{own}"
    )


_HEADER_FIELDS = {"party": "parties"}  # (a conflict's field, in the words of a sentence)


def conflict_text(c: Conflict) -> str:
    """A conflict in a few words, for `show`: the field and both sides' values."""
    from ..rules import value_text

    return f"{c.field}: ours {value_text(c.ours)}, theirs {value_text(c.theirs)}"
