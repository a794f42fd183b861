"""Three-way merge of ledgers, measure by measure and field by field, and settling conflicts.

Pure: `merge(base, ours, theirs)` takes three validated ledgers and returns the
merged one. Records of what happened (history, verifications) and lists
(sources, exchange links, constraints, parties) are merged as sets, so that
nothing either side added is lost; a single value (title, actor, category,
notes, deadline) changed to different values on both sides becomes a
`Conflict` record on the measure (or on the ledger, for its title), which
`dprk check` rejects until `dprk resolve` settles it. The status follows the
merged history: it is the status of the latest-dated entry that set one.

A list item present in the base and removed on one side is removed (the other
side kept it unchanged). A measure removed on one side and changed on the
other is kept, with a conflict on the field `measure`; so is a removed measure
that the merged ledger still refers to, so that a clean merge never leaves a
link to a measure that is gone.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from ..changes import current_status
from ..errors import DprkError, UsageError
from ..model import Conflict, Constraint, HistoryEntry, Ledger, Measure, Verification
from ..vocab import Status

T = TypeVar("T")

# The conflict field for a measure removed on one side and changed (or still
# needed) on the other; the side that removed it has no value.
MEASURE_GONE = "measure"
CHANGED = "changed"
KEPT = "kept"
SCALARS = ("title", "actor", "category", "notes", "deadline")
"""Single-valued fields merged three ways; `status` follows the history instead."""
SETTLEABLE = (*SCALARS, "status")


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

    @property
    def clean(self) -> bool:
        return not self.conflicts


def unresolved(ledger: Ledger) -> list[Unresolved]:
    """Every conflict record in the ledger, header first, then by measure id."""
    found = [Unresolved(None, c.field, c.ours, c.theirs) for c in ledger.conflicts]
    for m in sorted(ledger.measures, key=lambda m: m.id):
        found.extend(Unresolved(m.id, c.field, c.ours, c.theirs) for c in m.conflicts)
    return found


def merge(base: Ledger | None, ours: Ledger, theirs: Ledger) -> MergeResult:
    """Merge `ours` and `theirs`, two descendants of `base` (None: no common ancestor)."""
    base_measures = base.index() if base is not None else {}
    our_measures, their_measures = ours.index(), theirs.index()
    merged: dict[str, Measure] = {}
    removed: dict[str, tuple[Measure | None, Measure | None]] = {}
    for ident in sorted({*base_measures, *our_measures, *their_measures}):
        b, o, t = base_measures.get(ident), our_measures.get(ident), their_measures.get(ident)
        result = _merge_presence(b, o, t)
        if result is None:
            removed[ident] = (o, t)
        else:
            merged[ident] = result
    _keep_referenced(merged, removed)

    parties = _merge_list(
        base.parties if base is not None else [],
        ours.parties,
        theirs.parties,
        keep=_used_parties(merged.values()),
    )
    title, title_conflict = _three(
        base.title if base is not None else None, ours.title, theirs.title
    )
    header_conflicts = _merge_conflicts(
        base.conflicts if base is not None else [], ours.conflicts, theirs.conflicts
    )
    if title_conflict:
        header_conflicts = _with_conflict(header_conflicts, "title", ours.title, theirs.title)
    ledger = Ledger.model_validate(
        {
            "schema": ours.schema_,
            "title": title,
            "parties": parties,
            "conflicts": header_conflicts,
            "measures": [merged[i].normalized() for i in sorted(merged)],
        }
    )
    return MergeResult(ledger=ledger, conflicts=unresolved(ledger))


def describe(c: Unresolved, *, place: bool = True) -> str:
    """One conflict as a sentence: both values and the command that settles it.

    With `place`, the sentence starts by naming the measure (or the ledger);
    without, it is for a report that names the measure in a column of its own.
    """
    where = (f"measure '{c.measure}'" if c.measure is not None else "the ledger") + ": "
    if c.field == MEASURE_GONE:
        removed = "ours" if c.ours is None else "theirs"
        kept = "theirs" if removed == "ours" else "ours"
        how = "changed" if (c.ours or c.theirs) == CHANGED else "still needed"
        text = (
            f"removed on one side ({removed}) and {how} on the other ({kept}); keep it with "
            f"'dprk resolve {c.measure} --field measure --take {kept}' or drop it with "
            f"'--take {removed}'"
        )
    else:
        target = f"{c.measure} " if c.measure is not None else ""
        text = (
            f"unresolved merge conflict on field '{c.field}': ours {value_text(c.ours)}, "
            f"theirs {value_text(c.theirs)}; settle it with "
            f"'dprk resolve {target}--field {c.field} --take ours|theirs|VALUE'"
        )
    return where + text if place else text


def value_text(text: str | None) -> str:
    """A conflicting value as shown to a person: quoted, shortened, or (none)."""
    if text is None:
        return "(none)"
    shown = text if len(text) <= 60 else text[:57] + "..."
    return repr(shown) if not shown.startswith("{") else shown


# -- measures -----------------------------------------------------------------


def _merge_presence(b: Measure | None, o: Measure | None, t: Measure | None) -> Measure | None:
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
    return merge_measure(b, o, t)


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
        wanted = {ref for m in merged.values() for ref in _references(m)}
        for ident in sorted(wanted & removed.keys()):
            o, t = removed.pop(ident)
            present = o if o is not None else t
            if present is None:
                continue  # removed on both sides: the link was already dangling
            conflict = _gone_conflict(ours_removed=o is None, present=KEPT)
            merged[ident] = _add_conflicts(present, [conflict])
            changed = True


def _references(m: Measure) -> Iterable[str]:
    yield from m.in_exchange_for
    for c in m.constraints:
        yield c.other


def _used_parties(measures: Iterable[Measure]) -> set[str]:
    used: set[str] = set()
    for m in measures:
        used.add(m.actor)
        used.update(c.demanded_by for c in m.constraints if c.demanded_by)
    return used


def merge_measure(b: Measure | None, o: Measure, t: Measure) -> Measure:
    """Merge two versions of one measure field by field (`b` None: added on both sides)."""
    conflicts: list[Conflict] = []
    values: dict[str, Any] = {"id": o.id}
    for name in SCALARS:
        base_value = getattr(b, name) if b is not None else _empty(name)
        value, clash = _three(base_value, getattr(o, name), getattr(t, name))
        values[name] = value
        if clash:
            conflicts.append(
                Conflict(field=name, ours=_text(getattr(o, name)), theirs=_text(getattr(t, name)))
            )

    history = _merge_records(
        b.history if b else [], o.history, t.history, order=HistoryEntry.sort_key
    )
    values["history"] = history
    values["verifications"] = _merge_records(
        b.verifications if b else [],
        o.verifications,
        t.verifications,
        order=lambda v: (v.date, v.by, v.result.value),
    )
    values["sources"] = _merge_list(b.sources if b else [], o.sources, t.sources)
    values["in_exchange_for"] = sorted(
        _merge_list(b.in_exchange_for if b else [], o.in_exchange_for, t.in_exchange_for)
    )
    values["constraints"], constraint_conflicts = _merge_constraints(
        b.constraints if b else [], o.constraints, t.constraints
    )
    conflicts.extend(constraint_conflicts)

    status, status_conflict = _merge_status(b, o, t, history)
    values["status"] = status
    if status_conflict:
        conflicts.append(Conflict(field="status", ours=o.status.value, theirs=t.status.value))

    carried = _merge_conflicts(b.conflicts if b else [], o.conflicts, t.conflicts)
    for c in conflicts:
        carried = _with_conflict(carried, c.field, c.ours, c.theirs)
    values["conflicts"] = carried
    return Measure.model_validate(values)


def _empty(name: str) -> Any:
    """A field's value in the empty base of a measure added on both sides."""
    return None if name in ("title", "actor") else Measure.model_fields[name].default


def _merge_status(
    b: Measure | None, o: Measure, t: Measure, history: list[HistoryEntry]
) -> tuple[Status, bool]:
    """The status the merged history gives; three ways when a side's status is hand-set."""
    consistent = all(
        m is None or current_status(m.history, m.status) == m.status for m in (b, o, t)
    )
    fallback, clash = _three(b.status if b is not None else None, o.status, t.status)
    if consistent:
        if any(h.status is not None for h in history):
            return current_status(history), False
        return fallback, clash
    return fallback, clash


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
                    ours=constraint_text(o.get(other)),
                    theirs=constraint_text(t.get(other)),
                )
            )
        if value is not None:
            kept.append(value)
    return sorted(kept, key=Constraint.sort_key), conflicts


def _by_other(constraints: list[Constraint]) -> dict[str, Constraint]:
    found: dict[str, Constraint] = {}
    for c in constraints:
        found.setdefault(c.other, c)
    return found


def constraint_text(c: Constraint | None) -> str | None:
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
    """`conflicts` with the one on `name` replaced by a fresh record, sorted by field."""
    kept = [c for c in conflicts if c.field != name]
    kept.append(Conflict(field=name, ours=_text(ours), theirs=_text(theirs)))
    return sorted(kept, key=lambda c: c.field)


def _merge_conflicts(
    base: list[Conflict], ours: list[Conflict], theirs: list[Conflict]
) -> list[Conflict]:
    """Conflicts carried in from earlier merges, keyed by field (a settled one stays settled)."""
    b = {c.field: c for c in base}
    o = {c.field: c for c in ours}
    t = {c.field: c for c in theirs}
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
        return constraint_text(value)
    return str(value)


def _merge_list(
    base: list[T],
    ours: list[T],
    theirs: list[T],
    *,
    key: Callable[[T], Hashable] = lambda x: x,  # type: ignore[assignment,return-value]
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
    return record.model_dump_json()


def _merge_records(
    base: list[Any], ours: list[Any], theirs: list[Any], *, order: Callable[[Any], Any]
) -> list[Any]:
    """History entries or verification records as a set, in date order.

    When both sides added records, ties in date order are broken on the whole
    record, so that the result does not depend on which side is ours.
    """
    if ours in (theirs, base):
        return list(theirs)
    if theirs == base:
        return list(ours)
    merged = _merge_list(base, ours, theirs, key=_record_key)
    return sorted(merged, key=lambda r: (order(r), _record_key(r)))


# -- settling a conflict ------------------------------------------------------


@dataclass
class Settled:
    """What `settle` decided: the measure's new version (None: removed) and what was taken."""

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
    """Which side's value `--take` names: ('ours'|'theirs'|'value', the value as text)."""
    if take == "ours":
        return "ours", conflict.ours
    if take == "theirs":
        return "theirs", conflict.theirs
    return "value", take


def settle(m: Measure, name: str, take: str, parties: list[str]) -> Settled:
    """Settle the conflict on field `name` of `m` with ours, theirs or a value of one's own."""
    conflict = conflict_on(m.conflicts, name, f"measure '{m.id}'")
    taken, value = choose(conflict, take)
    rest = [c for c in m.conflicts if c.field != name]
    if name == MEASURE_GONE:
        if taken == "value":
            raise UsageError(
                f"measure '{m.id}' was removed on one side: take ours or theirs "
                f"(ours {'keeps' if conflict.ours else 'removes'} it, "
                f"theirs {'keeps' if conflict.theirs else 'removes'} it)"
            )
        if value is None:
            return Settled(None, taken, value)
        return Settled(m.model_copy(update={"conflicts": rest}), taken, value)
    update: dict[str, Any] = {"conflicts": rest}
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
            update["status"] = Status(value or "")
        except ValueError:
            raise UsageError(
                f"--take: '{value}' is not a status; choose one of: "
                + ", ".join(s.value for s in Status)
            ) from None
    elif name == "actor":
        if value is None or value not in parties:
            raise DprkError(
                f"--take: '{value}' is not a declared party (declared: {', '.join(parties)})"
            )
        update["actor"] = value
    elif name in ("title", "category", "notes"):
        update[name] = value or ""
    else:  # pragma: no cover - a field name the merge never writes
        raise DprkError(f"measure '{m.id}': dprk cannot settle a conflict on '{name}'")
    return Settled(m.model_copy(update=update), taken, value)


def _parse_deadline(value: str | None) -> date | None:
    if value in (None, "", "none"):
        return None
    try:
        if len(value) != 10:  # type: ignore[arg-type]
            raise ValueError
        return date.fromisoformat(value)  # type: ignore[arg-type]
    except ValueError:
        raise UsageError(f"--take: '{value}' is not a date; use YYYY-MM-DD or none") from None


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
