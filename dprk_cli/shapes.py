"""The documented shapes of what dprk writes for scripts: one home for every key.

- A measure's JSON record. `status --format json`, `show` and the cache all give a
  measure as the same object: its own fields (from the `Measure`) around where it
  stands (status, extent, since when: from its `Node`, the replay's or a what-if's),
  with its constraints, findings, history entries and parts as records of their own.
  The object is made in three pieces — `head`, `standing`, `tail` — so that a record
  kept as JSON text (the store keeps every measure's beside the ledger) can be given
  another standing (a what-if's) by replacing its middle: the text is byte for byte
  what encoding the whole object gives (`restand`).
- A measure's flat row, as `status` and `show` give it in CSV, TSV and JSON lines
  (`FLAT_COLUMNS`, `flat_record`).
- The other reports' columns (`NEXT_COLUMNS`, `PLAN_COLUMNS` and their kin), which the
  renderers write, and `REPORT_SHAPES`: each report's top-level JSON keys and columns,
  by which `store.interchange` tells a report's output given to `dprk import`.

Every key here is in the reference (docs/reference.md); scripts depend on them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from .vocab import (
    ACTED,
    CREATED,
    PENDING,
    Extent,
    Require,
    Result,
    Status,
    parts_verified_text,
    says_extents,
    state_text,
    step_detail,
    step_extent,
)

if TYPE_CHECKING:  # (kept records are served without the models)
    from .facts import Node
    from .model import Constraint, HistoryEntry, Measure, Verification

# Enum values by member: a dict lookup is cheaper than `.value` (a Python-level
# property), and a record is made for every measure and history entry.
_STATUS = {s: s.value for s in Status}
_EXTENT = {e: e.value for e in Extent}
_RESULT = {r: r.value for r in Result}
_REQUIRE = {r: r.value for r in Require}

# The one encoder of measure records: one line, ", " and ": " between items, text
# as it is (not \u-escaped). `render.json_line` writes everything else the same way.
_encode = json.JSONEncoder(ensure_ascii=False).encode


def encode(value: Any) -> str:
    """`value` (JSON types only) as one line of JSON, as records are written."""
    return _encode(value)


def constraint_record(c: Constraint) -> dict[str, Any]:
    if c.with_ is not None:
        return {"with": c.with_}
    return {
        "after": c.after,
        "require": _REQUIRE[c.require],
        "demanded_by": c.demanded_by,
        "verified_by": c.verified_by,
    }


def verification_record(v: Verification) -> dict[str, Any]:
    return {
        "by": v.by,
        "result": _RESULT[v.result],
        "date": v.date.isoformat(),
        "method": v.method,
        "evidence": list(v.evidence),
        "note": v.note,
    }


def history_record(
    h: HistoryEntry,
    measure_id: str | None = None,
    n: int | None = None,
    *,
    extents: bool = False,
    no_day: bool = False,
    of_reversal: bool = False,
    finder: str | None = None,
) -> dict[str, Any]:
    """A history entry as its documented JSON object; `n` is its number in the measure's
    history (1: the first, in the order events happened), as `dprk redate` takes it;
    `extents`: its measure's steps say the extent each reached, full too (`says_extents`:
    as `log` and `show` give them, not as the file holds them); `no_day`: it is a creation
    of no day (`lifecycle.no_day_creation`), whose `date` is null; `of_reversal`: a finding
    of the measure's reversal (`lifecycle.findings_of_reversal`), which set no status in
    the replay, whatever the file holds, and is said to be of the reversal; `finder`: of
    a finding's entry, its verifier (`lifecycle.finders`), who made it, as `by` names
    the party that undid a measure on its reversal's."""
    extent = step_extent(h, extents)
    status, detail = step_said(h, extents, of_reversal)
    record: dict[str, Any] = {
        "date": None if no_day else h.date.isoformat(),
        "event": h.event,
        "status": _STATUS[status] if status else None,
        "extent": _EXTENT[extent] if extent else None,
        "detail": detail,
        "note": h.note,
        "recorded": moment(h.recorded),
        # (new in 0.3.0, last: who did the entry: on a reversal by another party than its
        # actor, that party, `mark reversed --by`; on a finding, its verifier; null else)
        "by": h.by if h.by is not None else finder,
    }
    if n is not None:
        record = {"n": n} | record
    return record if measure_id is None else {"id": measure_id} | record


# (the words that say a finding was of the measure's reversal, said after its detail)
_OF_THE_REVERSAL = "of the reversal"
OF_REVERSAL = f", {_OF_THE_REVERSAL}"


def step_said(
    h: HistoryEntry, extents: bool, of_reversal: bool = False
) -> tuple[Status | None, str]:
    """A step's status and detail as every read says them (`step_detail`; `extents` as
    there): a finding of the measure's reversal (`of_reversal`,
    `lifecycle.findings_of_reversal`) set no status in the replay, whatever the entry
    holds, and its detail says it was of the reversal (`OF_REVERSAL`); a creation
    written by hand without its status began the measure as proposed, as the replay
    starts it (the ledger format's default)."""
    detail = step_detail(h, extents)
    if of_reversal:
        return None, f"{detail}{OF_REVERSAL}"
    if h.status is None and h.event == CREATED:
        return Status.proposed, detail
    return h.status, detail


DERIVED = "parts"  # the event of a derived line: a step a measure's parts gave it


def derived_record(day: date, status: Status, extent: Extent, detail: str) -> dict[str, Any]:
    """A step a measure made of parts took as they gave it, on `day`: no entry of its
    history (none to redate or drop), but derived from its parts, as `show` lists it
    beside the entries (`derived` true: so that no one takes it for one typed), with the
    status and extent it took (not-initiated while it has not acted, or once reversed, as
    the timeline's `parts` row and a measure's record give it) and `detail` as that row
    says it."""
    return {
        "date": day.isoformat(),
        "event": DERIVED,
        "status": _STATUS[status],
        "extent": _EXTENT[extent],
        "detail": detail,
        "derived": True,
    }


def part_record(node: Node) -> dict[str, Any]:
    """A part as `show` lists it beside its whole: its id and where it stands, its extent
    with its status (a part done in part is not one done in full)."""
    return {"id": node.id, "status": _STATUS[node.status], "extent": _EXTENT[node.extent]}


def head(m: Measure) -> dict[str, Any]:
    """The record's first keys: who and what."""
    return {"id": m.id, "title": m.title, "actor": m.actor, "category": m.category}


# The keys of `standing` that no ledger's measure holds (where it stands, derived): a
# record holding them is a report's output, not a ledger (`store.interchange` says so).
STANDING_ONLY = (
    "status_date",
    "acted",
    "verified",
    "pending",
    "last_date",
    "full_date",
    "verified_by",
    "late",
    "days_late",
    "acted_on",
    "verification",
)


def standing(node: Node) -> dict[str, Any]:
    """The record's middle keys: where the measure stands (from its node)."""
    status = node.status
    return {
        "status": _STATUS[status],
        "extent": _EXTENT[node.extent],
        "status_date": node.since.isoformat() if node.since is not None else None,
        "acted": status in ACTED,
        "verified": status == Status.verified,
        "pending": status in PENDING,
        "last_date": node.last_date.isoformat() if node.last_date is not None else None,
        "full_date": node.full_since.isoformat() if node.full_since is not None else None,
        "verified_by": list(node.verified_by),
    }


def tail(m: Measure, node: Node) -> dict[str, Any]:
    """The record's last keys: links, order, dates, sources, findings, history."""
    history = m.history
    verifications = m.verifications
    constraints = m.constraints
    record: dict[str, Any] = {
        "in_exchange_for": list(m.in_exchange_for),
        "after": [c.after for c in constraints if c.after is not None],
        "part_of": m.part_of,
        "constraints": [constraint_record(c) for c in constraints],
        "deadline": m.deadline.isoformat() if m.deadline else None,
        "sources": list(m.sources),
        "notes": m.notes,
        # (in the order the file lists them once dprk writes it, whatever order a hand
        # edit or an earlier dprk left: `Verification.sort_key`, as `show` and `log` do)
        "verifications": [
            verification_record(v)
            for v in (
                verifications
                if len(verifications) < 2
                else sorted(verifications, key=lambda v: v.sort_key())
            )
        ],
    }
    if m.conflicts:  # only while a git merge conflict waits for 'dprk resolve'
        record["conflicts"] = [
            {"field": c.field, "ours": c.ours, "theirs": c.theirs} for c in m.conflicts
        ]
    # (each step worded as `log` and the `show` table word it: 'implemented (full)' after
    # a step short of full; `export` keeps the file's own words)
    extents = says_extents(history)
    from .lifecycle import finders, findings_of_reversal, no_day_creation

    first = no_day_creation(m)  # (its date null, as `log` and `show` list it)
    of = findings_of_reversal(m)  # (a finding of its reversal set no status: as `log` says)
    found = finders(m)  # (each finding's verifier, its `by`)
    record["history"] = [
        history_record(
            h, extents=extents, no_day=h is first, of_reversal=id(h) in of, finder=found.get(id(h))
        )
        for h in history
    ]
    return record


def measure_record(
    m: Measure,
    node: Node,
    day: date | None = None,
    extra: dict[str, Any] | None = None,
    party: Callable[[str], bool] | None = None,
) -> dict[str, Any]:
    """A measure as its documented JSON object: its own fields from `m`, where it stands
    from its `node`, then how many parts it is to have (`expected_parts`: null when not
    said), whether it was done late and by how many days, on `day` (`late_record`; without
    a day, as the cache keeps it; the three new in 0.3.0), the `extra` keys a view adds
    (`status`'s flags, `show`'s parts), and, last of all, the day it first acted and its
    verification in words (`acted_record`: new in 0.3.0, after whatever a view adds; a
    finding by one `party` says is a declared party's said so). Its history as every
    read gives it (`changes.creation_as_read`)."""
    from .changes import creation_as_read

    m = creation_as_read(m)
    record = (
        head(m)
        | standing(node)
        | tail(m, node)
        | {"expected_parts": m.expected_parts}
        | late_record(node, day)
    )
    if extra:
        record |= extra
    return record | acted_record(node, party)


def late_record(node: Node, day: date | None = None) -> dict[str, Any]:
    """The record's last keys: `late`, whether the measure was carried out in full after
    its deadline (`Node.late`: null when not done in full, or with no deadline then),
    then `days_late`, how many days late it was done, or is overdue at the end of `day`
    (`Node.days_late`: null when neither)."""
    return {"late": node.late, "days_late": node.days_late(day)}


def acted_record(node: Node, party: Callable[[str], bool] | None = None) -> dict[str, Any]:
    """The record's last keys of all: `acted_on`, the day the measure first acted, in
    full or in part, whatever it stands at now (`Node.acted_on`: a measure made of parts,
    its first part's action; null when it has not acted), then `verification`, how it
    stands with verifiers in the words of the status table's column and of a flat row
    (`verification_text`: a finding by one `party` says is a declared party's, said so,
    'refuted (Russia, a party)')."""
    acted = node.acted_on
    return {
        "acted_on": acted.isoformat() if acted is not None else None,
        "verification": verification_text(node, party),
    }


def record_json(m: Measure, node: Node, party: Callable[[str], bool] | None = None) -> str:
    """`measure_record(m, node)` as its JSON text (one line), as the cache keeps it: its
    `days_late` that of a measure done late alone (`restand` says it on a day); its
    verification naming a finding by one `party` says is a declared party's (of the
    parties of the ledger the record is of) as a party's."""
    return encode(measure_record(m, node, party=party))


_STANDING_AT = ', "status": '
_TAIL_AT = ', "in_exchange_for": '
_LATE_AT = ', "late": '
_LATE_TEXT = {True: "true", False: "false", None: "null"}
_DAYS_LATE_AT = ', "days_late": '
_ACTED_AT = ', "acted_on": '


def restand(
    text: str,
    node: Node,
    extra: dict[str, Any] | None = None,
    day: date | None = None,
    party: Callable[[str], bool] | None = None,
) -> str:
    """A record's JSON text (`record_json`) standing as `node` says on `day`, with the
    `extra` keys before its last two: byte for byte the text of
    `measure_record(m, node, day, extra)`.

    The standing keys sit between the head and the tail, and neither holds those
    key names unescaped (a quote inside a string value is written `\\"`); `late` and
    `days_late`, then `acted_on` and `verification` (`acted_record`), the last keys of
    all, are said anew too (a finding by one `party` says is a declared party's, said
    so: `acted_record`).
    """
    start = text.find(_STANDING_AT)
    end = text.find(_TAIL_AT, start)
    days = node.days_late(day)
    last = (
        f"{text[end : text.rfind(_LATE_AT)]}{_LATE_AT}{_LATE_TEXT[node.late]}"
        f"{_DAYS_LATE_AT}{'null' if days is None else days}"
    )
    if extra:
        last += ", " + _extra_text(extra)
    return f"{text[:start]}, {standing_text(node)}{last}, {encode(acted_record(node, party))[1:]}"


def overdue_by(text: str, days: int) -> str:
    """A kept record's JSON text (`record_json`, of a measure not done in full) with
    its `days_late` the days it is overdue on the day read (`Node.days_late`, as the
    day's order counts them: `analysis.overview.Overview.overdue_days`)."""
    last = text.rfind(_ACTED_AT)
    return f"{text[: text.rfind(_DAYS_LATE_AT, 0, last)]}{_DAYS_LATE_AT}{days}{text[last:]}"


def with_extra(text: str, extra: dict[str, Any]) -> str:
    """A record's JSON text with the `extra` keys before its last two (`acted_record`)."""
    if not extra:
        return text
    last = text.rfind(_ACTED_AT)
    return f"{text[:last]}, {_extra_text(extra)}{text[last:]}"


_EXTRA_TEXT: dict[tuple[tuple[str, Any], ...], str] = {}


def _extra_text(extra: dict[str, Any]) -> str:
    """`extra` as JSON text without its braces (the flags `status` adds, kept once made)."""
    if all(type(v) is bool for v in extra.values()):
        key = tuple(extra.items())
        found = _EXTRA_TEXT.get(key)
        if found is None:
            found = _EXTRA_TEXT[key] = encode(extra)[1:-1]
        return found
    return encode(extra)[1:-1]


_BOOL = {True: "true", False: "false"}
_STANDING_TEXT: dict[tuple[Status, Extent], str] = {}


def standing_text(node: Node) -> str:
    """`standing(node)` as JSON text without its braces (every value in it is plain: no
    escaping is needed)."""
    key = (node.status, node.extent)
    found = _STANDING_TEXT.get(key)
    if found is None:
        status = node.status
        found = _STANDING_TEXT[key] = (
            f'"status": "{_STATUS[status]}", "extent": "{_EXTENT[node.extent]}", '
            '"status_date": {}, '
            f'"acted": {_BOOL[status in ACTED]}, "verified": {_BOOL[status == Status.verified]}, '
            f'"pending": {_BOOL[status in PENDING]}'
        )
    since = f'"{node.since.isoformat()}"' if node.since is not None else "null"
    last = f'"{node.last_date.isoformat()}"' if node.last_date is not None else "null"
    full = f'"{node.full_since.isoformat()}"' if node.full_since is not None else "null"
    who = encode(list(node.verified_by)) if node.verified_by else "[]"
    return (
        f'{found.replace("{}", since, 1)}, "last_date": {last}, "full_date": {full}, '
        f'"verified_by": {who}'
    )


def verification_text(n: Node, party: Callable[[str], bool] | None = None) -> str:
    """How a measure stands with verifiers, in a word or two, as the status table's
    verification column says it (and the `verification` column of a flat record): its
    latest finding (on its latest action, or, reversed, on the reversal, said so:
    `facts.node_of`), with every verifier whose
    finding stands at its result (`facts.found_by`); for a measure made of parts verified
    (or disputed) through them, that, and how far its parts are, with a partial finding of
    its own beside ('unverified (0 of 1 parts verified); partial (OSCE SMM)'). `party`:
    whether a name is a declared party's (`rules.by_a_party`), as `show` says who found:
    'refuted (Russia, a party)' (`finders_text`)."""

    def names(by: Sequence[str]) -> str:
        return finders_text(by, party)

    latest = n.shown_finding
    if latest is not None:
        by = (n.verified_by or latest.by) if latest.result == Result.confirmed else latest.by
        # (of a measure reversed, made since: on the reversal, not on what it did)
        named = names([*by, _OF_THE_REVERSAL] if n.status == Status.reversed else by)
        # (none, for a history written by hand against itself: the result alone)
        said = f"{latest.result.value} ({named})" if named else latest.result.value
        if latest.result == Result.confirmed:
            return said
        if latest.partial_by:  # (refuted, then found in part: both stand)
            said += f"; partial ({names(latest.partial_by)})"
        # (found in part since it was confirmed: it stays verified, by those who did)
        return f"confirmed ({names(n.verified_by)}); {said}" if n.verified_by else said
    # (a partial finding of its own, on a measure found through its parts: said beside)
    found = n.partial_beside
    beside = f"; partial ({names(found)})" if found else ""
    if n.status in (Status.verified, Status.disputed):
        return n.status.value + (" (its parts)" if through_parts(n) else "") + beside
    if not n.acted:
        return "-"
    if n.parts_tally is not None:  # (verified through them: how far they are)
        return f"unverified ({parts_verified_text(n.parts_tally)}){beside}"
    return "unverified"


def finders_text(by: Sequence[str], party: Callable[[str], bool] | None = None) -> str:
    """Those whose finding stands, as the verification column names them: 'IAEA, OPCW';
    where `party` says one is a declared party's (`rules.by_a_party`), so: 'Russia, a
    party', each name then apart from the next by a semicolon ('IAEA; US, a party')."""
    if party is None or not any(map(party, by)):
        return ", ".join(by)
    return "; ".join(f"{name}, a party" if party(name) else name for name in by)


def through_parts(n: Node) -> bool:
    """Whether `n`, verified or disputed with no finding of its own to show
    (`Node.shown_finding`), is so through its parts: a finding of its own that does not
    give its status, its parts give it; a measure of no parts whose file says so against
    its findings is so as written (and `check` says what is wrong)."""
    by_itself = n.parts_tally is None or (n.own.status == n.status and n.latest_finding is None)
    return not by_itself


def refuters(n: Node) -> tuple[str, ...]:
    """Those whose refutation stands as the latest finding shown of `n` (none when
    another finding is, or none is: a measure disputed through its parts)."""
    latest = n.shown_finding
    return tuple(latest.by) if latest is not None and latest.result == Result.refuted else ()


def verified_text(n: Node, party: Callable[[str], bool] | None = None) -> str:
    """A verified or disputed measure's state, with who found so in the words of the
    status table's verification column (`verification_text`): 'verified by IAEA, OPCW'
    (those whose confirmation stands), 'disputed by Russia' (those whose refutation
    stands; 'disputed by Russia, a party' where `party` says Russia is a declared party,
    `finders_text`), 'verified (its parts)'; any other, its state alone (the pictures'
    words: `graph`)."""
    said = state_text(n.status, n.extent)
    latest = n.shown_finding
    if latest is None and n.status in (Status.verified, Status.disputed) and through_parts(n):
        return f"{said} (its parts)"  # (as the column says it, whoever confirmed each)
    if n.status is Status.disputed:
        by = refuters(n)
    elif n.status is Status.verified:
        by = n.verified_by or (latest.by if latest and latest.result == Result.confirmed else ())
    else:
        return said
    return f"{said} by {finders_text(by, party)}" if by else said


# A measure as a flat row (`status` and `show` as CSV, TSV and JSON lines): these columns
# of its record, then the flags a view adds (`overdue`, `deadlocked`), then `FLAT_LAST`.
FLAT_COLUMNS = [
    "id",
    "title",
    "actor",
    "category",
    "status",
    "extent",
    "status_date",
    "acted",
    "verified",
    "pending",
    "in_exchange_for",
    "after",
    "part_of",
    "deadline",
    "last_date",
    "verified_by",
    "sources",
    "notes",
    "full_date",  # (new in 0.3.0: after the columns scripts read by place)
]
# (new in 0.3.0, after the flags: scripts read the columns before it by place)
# (`acted_on`, new in 0.3.0 too, last of all)
FLAT_LAST = ["verification", "late", "days_late", "acted_on"]


def flat_columns(flags: list[str]) -> list[str]:
    """The columns of a flat row of a measure, with the `flags` a view adds."""
    return [*FLAT_COLUMNS, *flags, *FLAT_LAST]


def flat_record(record: dict[str, Any], flags: dict[str, Any]) -> dict[str, Any]:
    """A measure's record (`measure_record`, as JSON gives it) as a flat row: its
    `FLAT_COLUMNS`, the `flags` a view adds, then its `verification` in words, whether it
    was done late and by how many days, or how many it is overdue by, and the day it first
    acted (the record's `verification`, `late`, `days_late` and `acted_on`)."""
    flat = {key: record.get(key) for key in FLAT_COLUMNS}
    flat["verified_by"] = record.get("verified_by") or []
    return (
        flat
        | flags
        | {
            "verification": record.get("verification"),
            "late": record.get("late"),
            "days_late": record.get("days_late"),
            "acted_on": record.get("acted_on"),
        }
    )


def moment(when: datetime) -> str:
    """A timestamp as export writes it (pydantic's JSON), in UTC, as 'Z' (every recorded
    time is read in UTC, `HistoryEntry._in_utc`: compared as text, as `jq` does, times
    sort in the order they happened)."""
    text = when.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


# --- the other reports' keys (docs/reference.md's JSON shapes and CSV columns) ----------
# The renderers write these columns (`render`); `store.interchange` tells a report's output
# given to `dprk import` by them (`REPORT_SHAPES`).

# (`in_part`, `extent`: of a ready row, and of a blocked one, the rest of a measure
# carried out in part, held by an order of its own; last in a blocked JSON record too)
NEXT_COLUMNS = [
    "state",
    "id",
    "actor",
    "title",
    "waiting_for",
    "demanded_by",
    "deadlocked",
    "behind_deadlock",
    "unblocks",
    "in_part",
    "extent",
    "together_with",  # (scripts read the columns before it by their place)
    "reversed_on",  # (of a measure reversed, to be carried out again, the day)
    "deadline",  # (last: its deadline in force, and whether it is overdue)
    "overdue",
]
# (`since`: the day a deadlocked row's deadlock has stood from, as the table says it;
# `holds`, last: what else holds its measures, as its note says it, `held_text`)
# (`deadline` and `overdue` last: scripts read the columns before them by their place)
PLAN_COLUMNS = [
    "phase",
    "step",
    "id",
    "actor",
    "title",
    "detail",
    "since",
    "holds",
    "deadline",
    "overdue",
]
DEADLOCK_HISTORY_COLUMNS = ["from", "until", "measures", "text", "days"]  # (`plan --history`)
SCORE_COLUMNS = [
    "name",
    "measures",
    "not_initiated",
    "minimal",
    "intermediate",
    "full",
    "score",
    "disputed",
    # (new in 0.3.0, last: scripts read the columns before them by their place)
    "late",
    "overdue",
]
SCORE_YEARLY_COLUMNS = ["name", "year", *SCORE_COLUMNS[1:]]
# (`disputed`, then `held_by`, last: scripts read the columns before them by their place)
BALANCE_COLUMNS = [
    "party",
    "direction",
    "measure",
    "counterpart",
    "since",
    "days",
    "in_part",
    "disputed",
    "held_by",
]
BALANCE_YEARLY_COLUMNS = ["year", "as_of", *BALANCE_COLUMNS]
# (`dprk exchanges`: the measure that acted first, then its counterpart, each with its
# actor and the day it acted for the exchange, `analysis.exchanges.act_for`; who moved
# first, how many days the other took)
EXCHANGE_COLUMNS = [
    "measure",
    "actor",
    "acted_on",
    "counterpart",
    "counterpart_actor",
    "counterpart_acted_on",
    "first",
    "lag_days",
    "state",
    # (new in 0.3.0 too, after the columns above: what became of each side since, and
    # the day each was done in full)
    "status",
    "counterpart_status",
    "full_on",
    "counterpart_full_on",
]
CHECK_COLUMNS = ["severity", "check", "measure", "message"]
LOG_COLUMNS = [
    "id",
    "n",
    "date",
    "event",
    "status",
    "extent",
    "detail",
    "note",
    "recorded",
    "by",  # (new in 0.3.0, last: scripts read the columns before it by their place)
]
# (`log --finding-by`: each entry a finding, with the evidence its record gives, last)
LOG_FINDING_COLUMNS = [*LOG_COLUMNS, "evidence"]
TIMELINE_COLUMNS = [
    "date",
    "party",
    "id",
    "title",
    "event",
    "status",
    "extent",
    "by",
    "result",
    "detail",
    "note",
    "move",
    "answers",
    "days_since",
    "answers_all",
    "hypothetical",
    # (new in 0.3.0, last: scripts read the columns before it by their place)
    "undone_by",
]
DIFF_COLUMNS = [
    "id",
    "change",
    "actor",
    "status_from",
    "status_to",
    "new_verifications",
    "fields",
    "title",
    "other_changes",
    "extent_from",
    "extent_to",
    "renamed_from",  # (last: scripts read the columns before it by their place)
]
# `undo --list`'s rows, and `redo --list`'s (the same keys: the changes redo puts back)
UNDO_COLUMNS = ["n", "command", "made"]

# Each report but `show` by the command that writes it: the top-level keys its JSON
# document always holds (none: a list of records), and its rows' columns (CSV, TSV; JSON
# lines' records hold them, or some of them and a few more). `status`'s rows: a measure's
# flat row (`flat_columns`, with the flags `overdue` and `deadlocked`).
REPORT_SHAPES: dict[str, tuple[tuple[str, ...], list[str]]] = {
    "status": (("as_of", "title", "parties", "measures"), []),
    "next": (("as_of", "ready", "blocked", "verify"), NEXT_COLUMNS),
    "plan": (("as_of", "phases", "deadlocks", "blocked"), PLAN_COLUMNS),
    "plan --history": (("as_of", "deadlocks"), DEADLOCK_HISTORY_COLUMNS),
    "scorecard": (("as_of", "by", "groups"), SCORE_YEARLY_COLUMNS),
    "balance": (("as_of", "parties"), BALANCE_COLUMNS),
    "balance --yearly": (("year", "as_of", "parties"), BALANCE_YEARLY_COLUMNS),
    "exchanges": (("as_of", "exchanges"), EXCHANGE_COLUMNS),
    "check": (("ok", "errors", "warnings", "problems"), CHECK_COLUMNS),
    "log": ((), LOG_COLUMNS),
    # (then `ended` and `ended_note`, of talks over read as of their end)
    "timeline": (("title", "lanes", "events", "as_of"), TIMELINE_COLUMNS),
    "diff": (
        ("from", "commit", "title", "parties", "conflicts", "summary", "measures"),
        DIFF_COLUMNS,
    ),
    "undo --list": ((), UNDO_COLUMNS),
}
