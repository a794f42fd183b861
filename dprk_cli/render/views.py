"""Reports for the core commands: status, show, log.

Each function turns analysis results into a `Report`; the command picks the
format. JSON keys are the documented, stable shapes.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import date
from json import JSONEncoder
from operator import itemgetter
from typing import TYPE_CHECKING, Any, overload

from ..analysis.status import PartySummary, folded
from ..plain import Plain
from ..shapes import (
    DERIVED,
    LOG_COLUMNS,
    LOG_FINDING_COLUMNS,
    derived_record,
    flat_columns,
    flat_record,
    history_record,
    measure_record,
    part_record,
    verification_text,
)
from ..vocab import (
    EXTENT_SHORT,
    Extent,
    commas_and_more,
    counted,
    named_first,
    parts_recorded,
    says_extents,
    state_text,
)
from . import (
    WORD,
    Alert,
    Column,
    Encoded,
    Report,
    Rows,
    Section,
    cell_width,
    deferred,
    finders,
    longest_word,
)

if TYPE_CHECKING:  # (the status view is often made from kept data: no model, no analysis)
    from ..analysis.overview import Order, Overview
    from ..facts import Node, Nodes
    from ..model import HistoryEntry, Ledger, Measure
    from ..vocab import State

PARTY_COLUMNS = [
    Column("party", "party", label=True),
    Column("measures", "measures", justify="right"),
    Column("acted", "acted", justify="right"),
    Column("verified", "verified", justify="right"),
    Column("pending", "pending", justify="right"),
    # (least needed in a narrow terminal: what was refused, before what is owed)
    Column("rejected", "rejected", justify="right", priority=35),
]
ORDER_COLUMNS = [  # from the sequencing analysis; after the counts in a narrow terminal
    Column("ready", "ready", justify="right", priority=45),
    Column("blocked", "blocked", justify="right", priority=45),
    Column("owes", "owes", justify="right", priority=47),
    Column("owed", "owed", justify="right", priority=47),
    Column("overdue", "overdue", justify="right", priority=48),
]

# In a narrow terminal (`screen.fit_columns`) the title is shortened first; then the
# lowest priorities go first, the title last; the id and the status always stay.
MEASURE_TABLE = [
    Column("id", "id", priority=100, label=True),
    Column("actor", "actor", priority=94),
    Column("status", "status", priority=95, label=True),
    Column("extent", "extent", priority=62),
    # (folded onto more lines, down to its longest word, before who is to act goes)
    Column("verification", "verification", wrap=True, whole=True, priority=92),
    Column("in_exchange_for", "in exchange for", priority=30),
    Column("status_date", "since", priority=75),  # when the status began
    # ready, blocked, deadlocked, overdue: who is to move, kept before the day and the title
    Column("flags", "flags", priority=80),
    Column("title", "title", wrap=True, priority=60),
]
# (shown when the measures listed are those done late or overdue: `status_report`)
DAYS_LATE_COLUMN = Column("days_late", "days late", justify="right", priority=78)
EXTENT_CELL = {e.value: short for e, short in EXTENT_SHORT.items()}  # (vocab's, one home)
# (a kept row's extent read back: `cli.derived.brought_up` counts what it owes)
EXTENT_OF_CELL = {cell: Extent(value) for value, cell in EXTENT_CELL.items()}


def _verification_shown(m: Measure, n: Node, party: Callable[[str], bool] | None = None) -> str:
    """`shapes.verification_text`, said in full where the findings listed below it were made
    on an earlier action (before the measure was carried further, or undone and done
    again) or before a reversal: they do not verify what it did since; a finding by one
    `party` says is a declared party's (on the day shown: `finders`) said to be a
    party's: 'refuted (Russia, a party)'."""
    said = verification_text(n, party)
    if said == "unverified" and m.verifications:
        return "unverified since it last acted (the findings below were on an earlier action)"
    if not n.acted and m.verifications and said == "-":
        return "- (the findings below were made before it was reversed)"
    return said


def party_record(summary: PartySummary) -> dict[str, Any]:
    return {
        "measures": summary.measures,
        "acted": summary.acted,
        "verified": summary.verified,
        "pending": summary.pending,
        "rejected": summary.rejected,
    }


def order_record(overview: Overview | None, party: str) -> dict[str, Any]:
    """A party's ready, blocked, owes, owed and overdue counts (none without an overview)."""
    if overview is None:
        return {}
    counts = overview.parties.get(party)
    return {
        "ready": counts.ready if counts else 0,
        "blocked": counts.blocked if counts else 0,
        "owes": counts.owes if counts else 0,
        "owed": counts.owed if counts else 0,
        "overdue": counts.overdue if counts else 0,
    }


# The status table's rows of every measure, made once for each content of the ledger and
# kept beside it (`table_lines`): the first line says each column's widest cell, each
# other line one row, in the order the table shows them, then the measure's state, the
# deadline it may miss, whether it is done in part and whether it was done late (its
# flags depend on the day: `KeptRows` adds them).
TABLE_KEYS = [c.key for c in MEASURE_TABLE if c.key != "flags"]
_FOLDED = [c.key for c in MEASURE_TABLE if c.whole and c.key in TABLE_KEYS]
_SIZE_KEYS = [*TABLE_KEYS, *(key + WORD for key in _FOLDED)]  # (what the widths line holds)
_CELLS = itemgetter(*TABLE_KEYS)
_DUMPS = JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def table_lines(nodes: list[Node], order: Order, parties: Collection[str] = ()) -> list[bytes]:
    """Every measure's row of the status table, as kept lines (see above); a finding by
    one of `parties`, those declared, said to be a party's (`finders`)."""
    placed = folded(nodes)
    party = finders(parties)
    rows = [table_cells(depth, n, party) for depth, n in placed]
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in TABLE_KEYS]
    widths = {key: _widest(column) for key, column in zip(TABLE_KEYS, columns, strict=True)}
    for key in _FOLDED:  # (and the longest word of each column folded onto more lines)
        widths[key + WORD] = max(map(longest_word, columns[TABLE_KEYS.index(key)]), default=0)
    states = order.states
    due = _due(order)
    partly = order.partly
    late = order.late
    lines = [_DUMPS(widths).encode("utf-8")]
    for (_, n), row in zip(placed, rows, strict=True):
        ident = n.id
        lines.append(
            table_line(
                ident, row, states.get(ident), due.get(ident), ident in partly, ident in late
            )
        )
    return lines


def table_cells(depth: int, n: Node, party: Callable[[str], bool] | None = None) -> tuple[Any, ...]:
    """A measure's cells in the kept status table, in `TABLE_KEYS` order."""
    return _CELLS(measure_row(depth, n, None, party))  # type: ignore[no-any-return]


def table_line(
    ident: str,
    cells: Sequence[Any],
    state: str | None,
    due: str | None,
    partly: bool,
    late: bool,
) -> bytes:
    """One kept row of the status table: the id, the cells, the state, the deadline,
    whether the measure is done in part (`Order.partly`) and whether it was done late
    (`Order.late`)."""
    return _DUMPS([ident, *cells, state, due, partly, late]).encode("utf-8")


def _due(order: Order) -> dict[str, str]:
    return {ident: deadline.isoformat() for ident, _, deadline in order.deadlines}


class KeptRow(Plain):
    """A kept row of the status table (`table_line`), read."""

    __slots__ = ("id", "cells", "state", "due", "partly", "late")

    def __init__(
        self,
        id: str,
        cells: dict[str, Any],
        state: str | None,
        due: str | None,
        partly: bool,
        late: bool,
    ) -> None:
        self.id = id
        self.cells = cells  # by key
        self.state = state
        self.due = due
        self.partly = partly
        self.late = late


def kept_row(line: bytes) -> KeptRow:
    """A kept row of the status table (`table_line`): the id, the cells by key, the
    state, the deadline, whether the measure is done in part and whether it was done
    late."""
    import json

    ident, *cells, state, due, partly, late = json.loads(line)
    row = dict(zip(TABLE_KEYS, cells, strict=True))
    return KeptRow(ident, row, state, due, partly is True, late is True)


def _kept_id(row: bytes) -> str:
    """The id of a kept row of the status table, found without decoding the row: a row
    begins with its id, which holds no character JSON escapes."""
    return row[2 : row.index(b'"', 2)].decode("utf-8")


def rows_by_id(lines: Sequence[bytes]) -> dict[str, bytes]:
    """The kept rows of the status table (`table_lines`, the widths left out) by id, found
    without decoding them (`_kept_id`)."""
    return {_kept_id(row): row for row in lines[1:]}


class _Place(Plain):
    """A measure's place among its parts and wholes (what `folded` reads)."""

    __slots__ = ("id", "part_of")

    def __init__(self, id: str, part_of: str | None) -> None:
        self.id = id
        self.part_of = part_of


def table_places(parts: Sequence[tuple[str, str | None]]) -> list[tuple[int, str]]:
    """The depth and id of each row of the status table, in order, from each measure's
    id and what it is part of, in file order (as `table_lines` places them)."""
    if all(part is None for _, part in parts):  # (no parts: as the file lists them)
        return [(0, ident) for ident, _ in parts]
    return [(depth, p.id) for depth, p in folded([_Place(*each) for each in parts])]


def table_after(
    widths: dict[str, int],
    before: dict[str, bytes],
    changed: Collection[str],
    states: dict[str, str],
    late: Collection[str],
    order: Order,
    placed: list[tuple[int, str]],
    nodes_of: Callable[[Collection[str]], dict[str, Node]],
    parties: Collection[str] = (),
) -> list[bytes]:
    """The kept table of an earlier content of the ledger (its `widths`, and its rows by
    id, `before`, in the `states` of then, those done `late` then) brought to the ledger
    as it stands: the rows of the measures `changed` since, of those the table now places
    deeper or shallower (`placed`: the depth and id of each row, in order), and of those
    whose state moved or that are done late now and were not, or were and are not
    (`order`, the order now), are written anew; every other row is kept as it was. Byte
    for byte `table_lines` of the ledger as it stands."""
    now_states = order.states
    now_late = order.late
    due = _due(order)
    fresh: dict[str, tuple[Any, ...]] = {}
    restated: set[str] = set()
    for depth, ident in placed:
        was = before.get(ident)
        # (a measure's depth moves only with its own part_of, a change, or its whole's:
        # only a part's row is looked at for it)
        if (
            ident in changed
            or was is None
            or (depth and _id_cell(was, ident) != _indent(depth, ident))
        ):
            fresh[ident] = ()
        elif now_states.get(ident) != states.get(ident) or (ident in now_late) != (ident in late):
            restated.add(ident)
    nodes = nodes_of(list(fresh))
    depths = {ident: depth for depth, ident in placed}
    wide = dict(widths)
    new_width: dict[str, dict[str, int]] = {}
    party = finders(parties) if fresh else None  # (the parties, those the kept rows had)
    for ident in fresh:
        cells = fresh[ident] = table_cells(depths[ident], nodes[ident], party)
        new_width[ident] = _sizes(cells)
        for key, width in new_width[ident].items():
            wide[key] = max(wide.get(key, 0), width)
    # A widest cell (or longest word) replaced by a narrower one, or removed: that column
    # is measured again; so is one an earlier kept table did not measure.
    shrunk = {key for key in _SIZE_KEYS if key not in widths}
    for ident, line in before.items():
        if ident in fresh or ident not in depths:
            then = _sizes(tuple(kept_row(line).cells.values()))
            now = new_width.get(ident)
            for key, size in then.items():
                if size == widths.get(key) and (now is None or now[key] < size):
                    shrunk.add(key)
    lines = [b""]
    for _, ident in placed:
        made = fresh.get(ident)
        state, when, partly = now_states.get(ident), due.get(ident), ident in order.partly
        done = ident in now_late
        if made is not None:
            lines.append(table_line(ident, made, state, when, partly, done))
        elif ident in restated:
            kept_cells = list(kept_row(before[ident]).cells.values())
            lines.append(table_line(ident, kept_cells, state, when, partly, done))
        else:
            lines.append(before[ident])
    if shrunk:
        rows = [kept_row(line).cells for line in lines[1:]]
        for key in shrunk:
            if key.endswith(WORD):
                folded = key.removesuffix(WORD)
                wide[key] = max((longest_word(row[folded]) for row in rows), default=0)
            else:
                wide[key] = _widest([row[key] for row in rows])
    lines[0] = _DUMPS(wide).encode("utf-8")
    return lines


def _sizes(cells: Sequence[Any]) -> dict[str, int]:
    """What the kept widths say of one row's `cells` (in `TABLE_KEYS` order): each cell's
    width, and the longest word of each folded one."""
    sizes = {key: _widest([value]) for key, value in zip(TABLE_KEYS, cells, strict=True)}
    for key in _FOLDED:
        sizes[key + WORD] = longest_word(cells[TABLE_KEYS.index(key)])
    return sizes


def _indent(depth: int, ident: str) -> str:
    """A measure's id cell: a part indented under its measure."""
    return ("  " * (depth - 1) + "└ " + ident) if depth else ident


def _id_cell(line: bytes, ident: str) -> str:
    """The id cell of a kept row (ids and their indent hold no character JSON escapes)."""
    start = len(ident.encode("utf-8")) + 5  # past '["', the id, and '","'
    return line[start : line.index(b'"', start)].decode("utf-8")


def _widest(column: Sequence[Any]) -> int:
    """The widest `cell_width` in a column of cells (a column of printable ASCII text,
    or of lists of it, is measured by its lengths alone: ten thousand cells at a time)."""
    from itertools import chain

    texts = column
    kinds = set(map(type, texts))
    if kinds == {list}:  # (a list's cell is as wide as its widest item)
        texts = list(chain.from_iterable(texts))
        kinds = set(map(type, texts))
    if kinds <= {str} and all(map(str.isascii, texts)) and all(map(str.isprintable, texts)):
        return max(map(len, texts), default=0)
    return max(map(cell_width, column), default=0)


class KeptRows(Sequence[dict[str, Any]]):
    """The rows of kept table lines (`table_lines`: the first line, the widths, is left
    out), each read when shown, with the flags the day's `overview` gives."""

    def __init__(self, lines: Sequence[bytes], overview: Overview | None) -> None:
        self.lines = lines
        self.overview = overview

    def __len__(self) -> int:
        return len(self.lines) - 1

    def _row(self, line: bytes) -> dict[str, Any]:
        from ..analysis.asof import falls_due
        from ..analysis.overview import flags_text

        kept = kept_row(line)
        row, due = kept.cells, kept.due
        if self.overview is not None:  # (as `Overview.flags` gives them)
            overdue = due is not None and falls_due(date.fromisoformat(due), self.overview.day)
            row["flags"] = flags_text(kept.state, overdue, kept.partly, kept.late)
        return row

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...
    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...
    def __getitem__(self, index: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(index, slice):
            return [self._row(self.lines[i + 1]) for i in range(*index.indices(len(self)))]
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        return self._row(self.lines[index % len(self) + 1])


def order_notes(
    overview: Overview, ids: Collection[str] | None = None, most: int | None = None
) -> list[str]:
    """Deadlocked and overdue measures (of `ids`, or all) named under the table (a narrow
    terminal may leave out the flags column), an overdue one done in part said so; at
    most `most` ids of each, then how many more."""
    from ..analysis.overview import PARTLY

    notes: list[str] = []
    stuck = [i for i, state in overview.states.items() if state == "deadlocked"]
    late = [i for i in overview.due if i in overview.overdue]
    if ids is not None:
        stuck = [i for i in stuck if i in ids]
        late = [i for i in late if i in ids]
    late = [f"{i} ({PARTLY})" if overview.partly(i) else i for i in late]
    if stuck:
        notes.append(
            Alert(f"deadlocked: {_some(stuck, most)} ('dprk plan' shows who demands what)")
        )
    if late:
        notes.append(Alert(f"overdue on {overview.day.isoformat()}: {_some(late, most)}"))
    return notes


def _some(ids: list[str], most: int | None) -> str:
    if most is None or len(named_first(ids, most)) == len(ids):
        return ", ".join(ids)
    return f"{commas_and_more(ids, most)} (the flags column marks each)"


def status_report(
    title: str,
    summaries: dict[str, PartySummary],
    listed: Callable[[], list[str]],
    *,
    record: Callable[[int, dict[str, Any]], str],
    nodes: Callable[[], Sequence[Node]],
    conflicts: Callable[[], str | None],
    table: Callable[[], Sequence[bytes]] | None = None,
    limit: int | None = None,
    overview: Overview | None = None,
    header_conflicts: Sequence[dict[str, Any]] = (),
    as_of: date,
    days_late: bool = False,
    parties: Collection[str] = (),
) -> Report:
    """The main view, as of the day `as_of` (today, or --as-of, then named in the heading
    of the party counts, as other views of a past day name it): per-party counts, then
    the measures `listed()` names (their ids); `record(i, extra)` gives the JSON record of
    the i-th, as text, with the `extra` keys last; `nodes()` gives the nodes of the
    measures listed (for the table, but where `table` serves it), `conflicts()` a note on
    unresolved merge conflicts, if any (`header_conflicts`: the ledger's own, for JSON).
    `table()`, when given, says the report lists every measure of the ledger, and gives
    their kept table lines (`table_lines`).

    With an `overview`, each party also gets its ready, blocked, owes, owed and
    overdue counts, and each measure its `overdue` and `deadlocked` flags. `days_late`:
    the table says how many days late each measure is (`Node.days_late` on `as_of`), for
    the measures chosen as done late or overdue. `parties`: those declared on the day
    shown, whose findings the table's verification column says are a party's (the kept
    rows of `table` say it already).
    """
    # Only what the chosen format shows is made (Deferred), and the JSON records are
    # written one at a time (Rows): `--format json` on ten thousand measures reads
    # their kept records, not their nodes; a table in a terminal reads its kept rows a
    # screenful at a time, not the ids of every measure.
    ids: list[str] = []

    def listing() -> list[str]:
        if not ids:
            ids.extend(listed())
        return ids

    at: list[Sequence[int]] = []

    def shown_at() -> Sequence[int]:
        """Where in `listing()` the measures every format lists are: all of them, or with
        --limit the first `limit` the table shows (a measure made of parts followed by its
        parts): what a person sees is what a script is given, in the order a script is
        given every measure (so that a limit that cuts none changes nothing)."""
        if not at:
            if limit is None:
                at.append(range(len(listing())))
            else:
                if table is not None:
                    shown = [kept_row(line).id for line in table()[1 : limit + 1]]
                else:
                    shown = [n.id for _, n in folded(list(nodes()))[:limit]]
                where = {ident: i for i, ident in enumerate(listing())}
                at.append(sorted(where[ident] for ident in shown))
        return at[0]

    def listed_shown() -> list[str]:  # (every format lists at most `limit`)
        return listing() if limit is None else [listing()[i] for i in shown_at()]

    def full_record(i: int) -> Encoded:
        return Encoded(record(i, order_flags(overview, ids[i])))

    parties = {
        name: party_record(s) | order_record(overview, name) for name, s in summaries.items()
    }

    def document() -> dict[str, Any]:
        return {
            "as_of": as_of.isoformat(),
            "title": title,
            **({"conflicts": list(header_conflicts)} if header_conflicts else {}),
            "parties": parties,
            "measures": Rows(shown_at(), full_record),
            # (how many that match --limit left out: a script knows the list was cut)
            **({"not_shown": max(0, len(listing()) - limit)} if limit is not None else {}),
        }

    def sections() -> list[Section]:
        measures = Section(
            "Measures",
            [c for c in MEASURE_TABLE if overview is not None or c.key != "flags"],
            [],
            # (none listed, though some match: --limit 0; the listing read only then)
            empty="(none listed)" if limit == 0 and listing() else "(no measures match)",
        )
        # (with --limit, the first rows of the whole table: parts under their measure)
        if table is not None:
            import json

            lines = table()
            kept = KeptRows(lines, overview)
            measures.rows = kept if limit is None else kept[:limit]
            measures.widths = dict(json.loads(lines[0]))
            if overview is not None:
                measures.widths["flags"] = overview.flags_width
        else:
            placed = folded(list(nodes()))[:limit]
            party = finders(parties)
            measures.rows = [measure_row(depth, n, overview, party) for depth, n in placed]
            if days_late:  # (how late each is: done late, or overdue on the day)
                at = [c.key for c in measures.columns].index("status_date") + 1
                measures.columns.insert(at, DAYS_LATE_COLUMN)
                for row, (_, n) in zip(measures.rows, placed, strict=True):
                    row["days_late"] = n.days_late(as_of)
        from ..clock import today

        # (a past day, --as-of, named as every view of one names it; today's, as it is)
        heading = title if as_of == today() else f"{title}, as of {as_of.isoformat()}"
        return [
            Section(
                heading,
                PARTY_COLUMNS + (ORDER_COLUMNS if overview else []),
                [{"party": name} | counts for name, counts in parties.items()],
            ),
            measures,
        ]

    def flat_records() -> list[dict[str, Any]]:
        import json

        listing()
        # (each row's verification in words, `late` and the rest: the record's own)
        return [
            flat_record(json.loads(record(i, {})), order_flags(overview, ids[i]))
            for i in shown_at()
        ]

    def cut() -> str | None:
        """What --limit left out, in words: the table's note, and the line standard error
        says for the formats whose data has no place for it (`Report.cut`)."""
        if limit is None or len(listing()) <= limit:
            return None
        return f"{counted(len(listing()) - limit, 'more measure')} not shown (--limit {limit})"

    def notes() -> list[str]:
        # (made when shown, after the table: a screenful of it needs none of them)
        found = []
        if (left_out := cut()) is not None:
            found.append(left_out)
        if overview is not None:
            chosen = None if table is not None else set(listing())
            # (ten of each at most: 159 overdue ids made a line no one could read; the
            # table's flags column marks each)
            found.extend(order_notes(overview, chosen, most=10))
        note = conflicts()
        if note:
            found.append(note)
        return found

    return Report(
        document=deferred(document),
        records=deferred(flat_records),
        columns=flat_columns(FLAG_COLUMNS if overview is not None else []),
        sections=deferred(sections),
        notes=deferred(notes),
        ids=deferred(listed_shown),
        cut=deferred(cut),
    )


FLAG_COLUMNS = ["overdue", "deadlocked"]  # (the keys `order_flags` gives)


def order_flags(overview: Overview | None, ident: str) -> dict[str, Any]:
    """A measure's `overdue` and `deadlocked` keys, on the overview's day: what `status`
    adds to its record, and `show` to its own (none without an overview)."""
    if overview is None:
        return {}
    return {"overdue": ident in overview.overdue, "deadlocked": overview.deadlocked(ident)}


def measure_row(
    depth: int, n: Node, overview: Overview | None, party: Callable[[str], bool] | None = None
) -> dict[str, Any]:
    """A measure as the status table shows it (a part indented under its measure); a
    finding by one `party` says is a declared party's said so, as `show` says it."""
    r = {
        "id": _indent(depth, n.id),
        "actor": n.actor,
        "status": n.status.value,
        "extent": EXTENT_CELL[n.extent.value],
        "verification": verification_text(n, party),
        "in_exchange_for": list(n.in_exchange_for),
        "status_date": n.since.isoformat() if n.since else None,
        "title": n.title,
    }
    if overview is not None:
        r["flags"] = overview.flags(n.id)
    return r


def show_report(
    measures: list[Measure],
    nodes: Nodes,
    parts: dict[str, list[Node]] | None = None,
    *,
    listed: bool = False,
    overview: Overview | None = None,
    derived: dict[str, list[tuple[date, State, str]]] | None = None,
    parties: Collection[str] = (),
    numbered_as: Mapping[str, Measure] | None = None,
) -> Report:
    """Everything about one or more measures (and, from `parts`, what each is made of):
    a list of records when `listed` (several ids were asked for) or there are several, else
    the one record. With an `overview` (the order `status` reads, on its day), each record
    is `status`'s, its flags included, and the table says them too. `parties`: those
    declared on the day shown, whose findings the verification line says are a party's.
    `derived`: the steps
    the parts of each measure made of parts gave it (`analysis.timeline.steps_by_parts`),
    listed in its history as derived lines. `numbered_as`: for a measure whose history
    is shown in part (talks that ended: `asof.entries_at_the_end`), the measure as it
    stands, whose history numbers the entries as `log` and `redate` do."""
    from ..changes import constraint_text
    from ..facts import orders_of_wholes

    parts = parts or {}
    derived = derived or {}
    index = nodes.index()
    day = overview.day if overview is not None else None
    party = finders(parties)  # (its JSON record and its verification line say it alike)
    records = [
        measure_record(
            m,
            index[m.id],
            day,
            order_flags(overview, m.id)
            | {"parts": [p.id for p in parts.get(m.id, [])]}
            | {"part_states": [part_record(p) for p in parts.get(m.id, [])]}
            | {
                "derived_history": [
                    derived_record(day, state.status, state.extent, detail)
                    for day, state, detail in derived.get(m.id, [])
                ]
            },
            party,
        )
        for m in measures
    ]
    sections: list[Section] = []
    for m, record in zip(measures, records, strict=True):
        fields = [
            ("title", m.title),
            ("actor", m.actor),
            ("category", m.category or "-"),
            ("status", index[m.id].status.value),  # (as every view reads it: `facts.Node`)
            ("extent", index[m.id].extent.value),
            ("verification", _verification_shown(m, index[m.id], party)),
            ("acted on", record["acted_on"] or "-"),  # (the day it first acted)
            ("in exchange for", list(m.in_exchange_for) or "-"),
            ("order", "; ".join(constraint_text(c) for c in m.constraints) or "-"),
            ("deadline", record["deadline"] or "-"),
            # (ready, blocked, deadlocked, overdue: as the status table's flags say them)
            *([("flags", _flags_shown(overview, index[m.id]))] if overview is not None else []),
            ("sources", list(m.sources) or "-"),
            ("notes", m.notes or "-"),
        ]
        at = 5  # after the extent
        if m.part_of is not None:
            fields.insert(at, ("part of", m.part_of))
            at += 1
            held = [  # (the orders of what it is part of hold it too: `next` says so)
                f"{whole}: {constraint_text(c)}" for whole, c in orders_of_wholes(index, m.id)
            ]
            if held:
                order = [name for name, _ in fields].index("order")
                fields.insert(order + 1, ("held by its whole", held))
        if m.id in parts:
            # (each with its extent, as `log` words a step: one done in part says so)
            shown = [f"{p.id} ({state_text(p.status, p.extent)})" for p in parts[m.id]]
            fields.insert(at, ("parts", shown))
            at += 1
        if m.expected_parts is not None:  # (how many it is to have, those not found yet too)
            # (a part that stands rejected counts for nothing, as `next` counts them: apart)
            recorded, rejected = parts_recorded(p.status for p in parts.get(m.id, []))
            recorded_said = f"{recorded} of {m.expected_parts} expected"
            if rejected:
                recorded_said += f", and {rejected} rejected"
            fields.insert(at, ("parts recorded", recorded_said))
        if m.conflicts:  # left by a git merge, until 'dprk resolve'
            from .team import conflict_text

            fields.append(("merge conflicts", [conflict_text(c) for c in m.conflicts]))
        sections.append(
            Section(
                m.id,
                [
                    # (a field's name of several words is folded at its spaces where the
                    # window is too narrow for it beside a value's longest word: `pieces`)
                    Column("field", "field", wrap=True, whole=True, label=True),
                    # (kept as a label is, folded: the values are what `show` is for,
                    # never left out, however narrow the terminal)
                    Column("value", "value", wrap=True, whole=True, label=True),
                ],
                [{"field": k, "value": v} for k, v in fields],
            )
        )
        if m.verifications:
            sections.append(
                Section(
                    f"{m.id}: verifications",
                    [
                        Column("date", "date", label=True),
                        Column("by", "by", priority=60),
                        Column("result", "result", label=True),
                        Column("method", "method", wrap=True, whole=True),
                        Column("evidence", "evidence", wrap=True, whole=True),
                        # (a finding's note, when one has a note: an empty column
                        # would only take room from the others in a narrow terminal)
                        *(
                            [Column("note", "note", wrap=True, whole=True)]
                            if any(v.note for v in m.verifications)
                            else []
                        ),
                    ],
                    # (in the order they replay, as `log` lists them: of one day, a
                    # confirmation before the refutation that leaves it disputed; the
                    # record's order, `Verification.sort_key`)
                    record["verifications"],
                    whole_rows=True,  # (every fact of `show`'s, however narrow)
                )
            )
        whole = None if numbered_as is None else numbered_as.get(m.id)
        sections.append(_history_section(f"{m.id}: history", m, derived.get(m.id, []), whole))
    document: Any = records[0] if len(records) == 1 and not listed else records
    return Report(
        document=document,
        records=[flat_record(r, order_flags(overview, r["id"])) for r in records],
        columns=flat_columns(FLAG_COLUMNS if overview is not None else []),
        sections=sections,
    )


def _flags_shown(overview: Overview, n: Node) -> str:
    """A measure's flags as `show` says them: the status table's, with how late it is
    (`Node.days_late`): done late, by the deadline then in force (and the first, when it
    was moved and missed too), overdue, by so many days on the day read (since the day
    it was undone, when after its deadline: `Node.owed_again`)."""
    from ..analysis.overview import done_late_text

    said = overview.flags(n.id) or "-"
    days = n.days_late(overview.day)
    if days is None:
        return said
    if n.full_since is None:  # (overdue: the flags end with it)
        again = n.owed_again
        since = "" if again is None else f" (owed again since {again.isoformat()})"
        return f"{said} by {counted(days, 'day')}{since}"
    return f"{said}: {done_late_text(n)}"


# The date a table of `log` or `show` gives a creation of no day (JSON: null).
NO_DAY = "-"

HISTORY_COLUMNS = [
    # (an entry's number is what `dprk redate ID N` takes: it names the row)
    Column("n", "#", justify="right", label=True),
    Column("date", "date", label=True),
    Column("id", "id", label=True),
    Column("event", "event", label=True),
    Column("status", "status", label=True),
    Column("detail", "detail", wrap=True),
    Column("note", "note", wrap=True),
]


def numbered(m: Measure) -> list[tuple[int, HistoryEntry]]:
    """A measure's history in the order events happened, numbered from 1 (as `dprk log`
    shows and `dprk redate` takes them)."""
    from ..lifecycle import in_log_order

    return list(enumerate(in_log_order(m), 1))


def _history_section(
    title: str,
    m: Measure,
    derived: Sequence[tuple[date, State, str]] = (),
    whole: Measure | None = None,
) -> Section:
    """A measure's history as `show` lists it: its entries, numbered, and the steps its
    parts gave it (`derived`), each after the entries of its day, as the timeline places
    them, unnumbered and said to be derived: no entry to redate or drop. `whole`: the
    measure whose history `m`'s entries are some of (the same objects), which numbers
    them (`log`'s numbers)."""
    from ..lifecycle import finders, findings_of_reversal, no_day_creation

    extents = says_extents(m.history)
    first = no_day_creation(m)  # (listed first, with no date: `NO_DAY`)
    of = findings_of_reversal(m)
    found = finders(m)
    rows = [
        history_record(
            h, None, n, extents=extents, of_reversal=id(h) in of, finder=found.get(id(h))
        )
        | ({"date": NO_DAY} if h is first else {})
        for n, h in _numbered_within(m, whole)
    ]
    if derived:
        from .timeline import by_parts_words

        for day, state, detail in derived:
            on = day.isoformat()
            at = next(
                (i for i, row in enumerate(rows) if row["date"] != NO_DAY and row["date"] > on),
                len(rows),
            )
            said = by_parts_words(state, detail)
            row = {"n": "", "date": on, "event": DERIVED, "status": state.status.value}
            rows.insert(at, row | {"detail": f"derived: {said}", "note": ""})
    # (`show` gives everything in full: its free text folded, never cut)
    columns = [c.but(whole=c.wrap) for c in HISTORY_COLUMNS if c.key != "id"]
    return Section(title, columns, rows, empty="(no history)", whole_rows=True)


def _numbered_within(m: Measure, whole: Measure | None) -> list[tuple[int, HistoryEntry]]:
    """`m`'s history numbered (`numbered`), or, with `whole`, the entries of `whole`'s
    history that `m` holds, numbered as `whole`'s."""
    if whole is None:
        return numbered(m)
    held = {id(h) for h in m.history}
    return [(n, h) for n, h in numbered(whole) if id(h) in held]


def log_report(
    ledger: Ledger,
    measures: Iterable[Measure],
    within: Callable[[date], bool] | None = None,
    empty: str = "(no history)",
    finding_by: Callable[[str], bool] | None = None,
) -> Report:
    """The history of the given measures, merged in the order events happened, newest
    last; each entry numbered within its measure's history.

    `within`, when given, keeps only the entries whose date it accepts. Only the entries
    are held, not their measures (which may be built one at a time: `Snapshot.in_order`),
    and each entry's record is made as the writer reaches it. `empty` says there is none.
    `finding_by`, when given, keeps only the findings whose verifier it accepts (`log
    --finding-by`: confirmed, partial or refuted), each with its record's evidence.
    """
    from ..lifecycle import findings_of_reversal, match_verifications, no_day_creation

    def findings(m: Measure) -> dict[int, tuple[str, list[str]]]:
        # (each finding's entry, with its verifier, its `by`; under `finding_by`, each one
        # it accepts, with its record's evidence too)
        if not m.verifications:
            return {}
        return {
            id(h): (v.by, list(v.evidence) if finding_by is not None else [])
            for h, v in match_verifications(m)
            if h is not None and v is not None and (finding_by is None or finding_by(v.by))
        }

    events = sorted(
        (
            # (n: in its measure's log order, `in_log_order`; whether its steps say their
            # extents, its creation of no day and its findings of its reversal, asked
            # once of each measure; a finding's verifier, and the evidence of one `finding_by`
            # keeps)
            (
                date.min if h is first else h.date,
                m.id,
                n,
                h,
                extents,
                h is first,
                id(h) in of,
                found.get(id(h)),
            )
            for m, extents, first, of, found in (
                (
                    m,
                    says_extents(m.history),
                    no_day_creation(m),
                    findings_of_reversal(m),
                    findings(m),
                )
                for m in measures
            )
            for n, h in numbered(m)
            if (within is None or within(h.date)) and (finding_by is None or id(h) in found)
        ),
        # by date, then by measure (a day reads the same whatever order it was entered
        # in), then each measure's own replay order; a creation of no day first
        key=lambda item: item[:3],
    )

    def record_of(event: tuple[Any, ...]) -> dict[str, Any]:
        found = event[7]
        record = history_record(
            event[3],
            event[1],
            event[2],
            extents=event[4],
            no_day=event[5],
            of_reversal=event[6],
            finder=None if found is None else found[0],
        )
        return record if finding_by is None else record | {"evidence": found[1]}

    records = Rows(events, record_of)
    # (the table says a creation of no day has none: `NO_DAY`)
    rows = Rows(events, lambda event: record_of(event) | ({"date": NO_DAY} if event[5] else {}))
    columns = HISTORY_COLUMNS
    if finding_by is not None:  # (the evidence of each finding, after its note)
        columns = [*columns, Column("evidence", "evidence", wrap=True)]
    if len({event[1] for event in events}) == 1:
        # (the history of one measure: its id, the same on every row, names none of
        # them, and is the first to go in a narrow terminal)
        columns = [
            c.but(label=False, priority=10, repeated=True) if c.key == "id" else c for c in columns
        ]
    return Report(
        document=records,
        records=records,
        columns=LOG_COLUMNS if finding_by is None else LOG_FINDING_COLUMNS,
        # (as `show`'s history: a terminal too narrow for every column shows each entry
        # as its fields, rather than leave its note or detail out)
        sections=[Section("History", columns, rows, empty=empty, whole_rows=True)],
    )
