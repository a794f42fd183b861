"""The ledger's data: parties, measures, constraints, verifications, history.

Pydantic models in strict mode with unknown fields forbidden, so that a
hand-edited ledger with a typo is refused rather than half-read. Each model
validates one record; a measure's life over time is replayed in
`dprk_cli.lifecycle`, and the rules that need the whole ledger (links to ids
that exist, declared actors) live in `dprk_cli.rules`. No I/O here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from datetime import UTC, date, datetime
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from .errors import also_named
from .vocab import (
    ACTED,
    BLANK_LOOKING_CLASS,
    BOOKKEEPING,
    CREATED,
    DAY_RANK,
    EVENTS,
    HEADER_CONFLICTS,
    ID_MAX,
    ID_PATTERN,
    ID_RULE,
    KIND_RANK,
    RESULT_OF_STATUS,
    SCHEMA_VERSION,
    UNTITLED,
    VERIFICATION,
    Extent,
    Require,
    Result,
    Standing,
    Status,
    choice_meant,
    day_of,
    default_extent,
    event_status_problem,
    event_status_schema,
    finding_place,
    given,
    is_party_rename,
    not_a_day,
    parts_by_whole,
    portable_pattern,
    references,
    says_nothing,
    text_problem,
    wholes_once,
)

# Checked by pydantic-core's own regex engine, not by Python callbacks: a
# ledger of ten thousand measures holds a hundred thousand strings.
_TEXT = r"^[^\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]*$"
_NOTES = r"^[^\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]*$"
# Text that says something, as the command line asks of it (`vocab.says_nothing`): one
# character at least that is seen, neither a space nor a format character (a zero-width
# space, a byte-order mark), nor a mark that goes on another (a combining accent), nor
# one that shows as nothing (`vocab.BLANK_LOOKING_CLASS`).
_SAYING = (
    r"^[^\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]*"
    r"[^\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\s\p{Cf}\p{M}" + BLANK_LOOKING_CLASS + "]"
    r"[^\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]*$"
)
Text = Annotated[str, Field(pattern=_TEXT)]
Saying = Annotated[str, Field(pattern=_SAYING)]
Notes = Annotated[str, Field(pattern=_NOTES)]
MeasureId = Annotated[str, Field(max_length=ID_MAX, pattern="^" + ID_PATTERN + "$")]
EXPECTED_PARTS_MAX = 1_000_000  # (the most parts a measure can be said to be made of)
PartyName = Annotated[str, Field(min_length=1, max_length=60, pattern=_SAYING)]
# Enums are read from TOML as their string values; strict mode would ask for
# enum instances, so these fields alone accept the value (still only valid ones).
StatusValue = Annotated[Status, Field(strict=False)]
ResultValue = Annotated[Result, Field(strict=False)]
RequireValue = Annotated[Require, Field(strict=False)]
ExtentValue = Annotated[Extent, Field(strict=False)]
Title = Annotated[str, Field(min_length=1, max_length=500, pattern=_SAYING)]


def _empty_list() -> Any:
    """A list field's default: an empty list made by `list()` for each model that leaves
    the field out (a `[]` default would be deep-copied: twenty thousand copies for a
    ledger of ten thousand measures). The schema still gives the default as []."""
    return Field(default_factory=list, json_schema_extra={"default": []})


def _implied(schema: dict[str, Any]) -> None:
    """A measure's extent left out of the file: the one its status implies, not one
    default (an editor filling in "not-initiated" would write what `check` refuses)."""
    del schema["default"]
    schema["description"] = (
        "How far it was carried out; left out, the extent its status implies "
        "(full for implemented, verified and disputed, else not-initiated)"
    )


def _own_conflicts(schema: dict[str, Any]) -> None:
    """The ledger's own conflicts in the schema: on its title or a party (`_supported`)."""
    schema["default"] = []
    schema["items"] = {
        "allOf": [schema["items"]],
        "properties": {"field": {"enum": list(HEADER_CONFLICTS)}},
    }


class _Record(BaseModel):
    model_config = ConfigDict(
        strict=True,
        extra="forbid",
        frozen=True,
        populate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
        # Validators are built on first use, not at import: a command served from
        # the cache (store/cache.py) never validates, and building them costs more
        # than the rest of a small command's start-up.
        defer_build=True,
    )


class Verification(_Record):
    """One verifier's finding about one measure, with its date and method."""

    by: PartyName
    result: ResultValue
    date: dt.date
    method: Text = ""
    evidence: list[Saying] = _empty_list()
    note: Notes = ""

    def sort_key(self) -> tuple[dt.date, int, bool, int, str]:
        """The order findings are listed in (the file, `show`, its JSON): by date, those
        of one day in the order they count (`vocab.finding_place`, as `dprk log` numbers
        them), then by verifier: two ledgers of the same findings list them alike."""
        return (self.date, *finding_place(self.result), self.by)


class Constraint(_Record):
    """A sequencing rule: go only after another measure, or together with it.

    Exactly one of `after` and `with` is set. `demanded_by` names the party
    whose demand this is; left out, the order is agreed by all. `verified_by`, with
    `require = "verified"` alone, names the verifier whose confirmed finding the order
    waits for; left out, anyone's will do. A `with` constraint takes neither `require`
    (but "acted") nor `demanded_by`.
    """

    model_config = ConfigDict(
        json_schema_extra={
            "oneOf": [
                {
                    "allOf": [
                        given("after"),
                        {"not": given("with")},
                        {
                            "if": given("verified_by"),
                            "then": {
                                "required": ["require"],
                                "properties": {"require": {"const": "verified"}},
                            },
                        },
                    ]
                },
                {
                    "allOf": [
                        given("with"),
                        {"not": given("after")},
                        {"not": given("demanded_by")},
                        {"not": given("verified_by")},
                    ],
                    "properties": {"require": {"const": "acted"}},
                },
            ]
        }
    )

    after: MeasureId | None = None
    with_: MeasureId | None = Field(default=None, alias="with")
    require: RequireValue = Require.acted
    demanded_by: PartyName | None = None
    verified_by: PartyName | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Constraint:
        if (self.after is None) == (self.with_ is None):
            raise ValueError("a constraint needs exactly one of 'after' and 'with'")
        if self.with_ is not None and (self.require != Require.acted or self.demanded_by):
            raise ValueError("a 'with' constraint takes neither 'require' nor 'demanded_by'")
        if self.verified_by is not None and self.require != Require.verified:
            raise ValueError("'verified_by' goes with require = \"verified\" alone")
        return self

    @property
    def other(self) -> str:
        return self.after if self.after is not None else self.with_  # type: ignore[return-value]

    def sort_key(self) -> tuple[int, str]:
        return (0, self.after) if self.after is not None else (1, self.with_ or "")


class HistoryEntry(_Record):
    """One change to a measure: when it happened, what changed, when it was recorded.

    `status` and `extent` are set by the entries that change them; `undated`
    marks a creation recorded without a date (dprk dates it by the measure's
    earliest event, see `lifecycle`). `notes_before` and `notes_after` keep, in
    full, the notes an edit (or a settled conflict on them) replaced and set, where
    `detail` shows them cut or on one line (`changes.notes_kept`); None where it
    shows them whole, or where an earlier dprk kept their start alone. `merge` is true
    on the entry of a party's rename that made it one with a party declared already
    (`rename-party --merge`: `vocab.is_party_merge`); an entry written before it was
    kept reads as a rename's, as it did. `by` names, on the entry of a reversal, the
    declared party that undid the measure, where it was not its actor (`mark reversed
    --by`); left out, the actor undid it, or the record does not say who (as before).
    """

    model_config = ConfigDict(json_schema_extra={"allOf": event_status_schema()})  # type: ignore[dict-item]

    date: dt.date
    event: Annotated[str, Field(pattern="^(" + "|".join(EVENTS) + ")$")]
    status: StatusValue | None = None
    extent: ExtentValue | None = None
    detail: Text = ""
    note: Notes = ""
    notes_before: Notes | None = None
    notes_after: Notes | None = None
    undated: bool = False
    recorded: datetime
    merge: bool = False
    by: PartyName | None = None

    @field_validator("recorded")
    @classmethod
    def _in_utc(cls, value: datetime) -> datetime:
        """The one reading of a recorded time, wherever it comes from (the file, an
        import, a command): the moment in UTC, as dprk writes it and every output gives
        it. A time written by hand without its offset is taken as UTC; one with another
        offset ('09:00:00+09:00') is the same moment in UTC ('00:00:00+00:00'), which a
        write of its block puts in the file. It must be a moment of years 1 to 9999 in
        UTC."""
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        try:
            return value.astimezone(UTC)
        except OverflowError:
            raise ValueError(f"{value.isoformat()} is outside the years 1 to 9999 in UTC") from None

    @model_validator(mode="after")
    def _status_fits_event(self) -> HistoryEntry:
        problem = event_status_problem(self.event, self.status, self.extent)
        if problem is not None:
            raise ValueError(problem)
        if self.merge and not is_party_rename(self):
            raise ValueError("merge is true only on the entry of a party's rename")
        if self.by is not None and (self.event, self.status) != ("status", Status.reversed):
            raise ValueError("by is given only on the entry of a reversal (event status)")
        return self

    def sort_key(self) -> tuple[int, dt.date, tuple[Any, ...], datetime]:
        """The replay order (`lifecycle` replays, and the file lists, entries in it):
        the creation first, then by date, within a day in the order a measure's life
        runs (the entries that are no step first, by kind: `vocab.KIND_RANK`), then in
        the order they were recorded. `recorded` is kept to the second:
        entries recorded in one second keep the order of the list (every sort of a
        history is stable), where a new entry goes last: two commands run within a
        second replay in the order they ran. Findings of one day come in the order
        `vocab.finding_place` gives, then by their words (the verifier's name), not as
        recorded: two ledgers of the same findings list and number them alike."""
        rank: tuple[Any, ...]
        if self.event == CREATED:
            rank = (0,)
        elif self.event == VERIFICATION:
            result = RESULT_OF_STATUS.get(self.status, Result.partial)  # type: ignore[arg-type]
            rank = (*finding_place(result), self.detail)
        elif self.status is not None:
            rank = (DAY_RANK[self.status],)
        else:  # (before the day's steps, ranked `(1,)` and on)
            rank = (0, KIND_RANK[self.event])
        first = 0 if self.event == CREATED else 1
        return (first, self.date, rank, self.recorded)


class Conflict(_Record):
    """A field that both sides of a git merge changed differently, until `dprk resolve`.

    `ours` and `theirs` hold each side's value as text (a date as YYYY-MM-DD, a
    constraint as a TOML inline table); a missing value means that side has none
    (no deadline, the constraint or the measure removed). `dprk check` rejects
    a ledger that holds any.
    """

    field: Annotated[
        str, Field(max_length=140, pattern=r"^[a-z_]+(\.[A-Za-z0-9][A-Za-z0-9._-]*)?$")
    ]
    ours: Notes | None = None
    theirs: Notes | None = None


class Measure(Standing, _Record):
    """One step a party takes, or is asked to take, in exchange for another's.

    `extent` is left out of the file when it is the one its status implies
    (`default_extent`), and read back so.
    """

    id: MeasureId
    title: Title
    actor: PartyName
    category: Text = ""
    status: StatusValue = Status.proposed
    extent: ExtentValue = Field(default=Extent.not_initiated, json_schema_extra=_implied)
    part_of: MeasureId | None = None
    conflicts: list[Conflict] = _empty_list()
    in_exchange_for: list[MeasureId] = _empty_list()
    deadline: date | None = None
    sources: list[Saying] = _empty_list()
    notes: Notes = ""
    constraints: list[Constraint] = _empty_list()
    verifications: list[Verification] = _empty_list()
    history: list[HistoryEntry] = _empty_list()
    # (how many parts it is to have, the ones not recorded yet too: `derive_from_parts`;
    # last, after the fields an export's columns gave before it)
    expected_parts: Annotated[int, Field(ge=1, le=EXPECTED_PARTS_MAX)] | None = None

    @model_validator(mode="after")
    def _extent_from_status(self) -> Measure:
        if "extent" not in self.model_fields_set and self.status in ACTED:
            self.__dict__["extent"] = Extent.full  # (the model is frozen once made)
        return self

    def event_dates(self) -> list[date]:
        """The days of its events in the negotiation, as `timeline` shows them: each
        history entry (a note or a link included) but the record's corrections
        (`BOOKKEEPING`: an edit, a redate, a rename, a resolve), and each finding."""
        found = [h.date for h in self.history if h.event not in BOOKKEEPING]
        found.extend(v.date for v in self.verifications)
        return found

    def dated_to(self) -> str:
        """The latest day any entry of its history or any finding is dated, as YYYY-MM-DD
        ("" for none): what a view that stands at the end of a day leaves out after it."""
        days = [h.date for h in self.history]
        days.extend(v.date for v in self.verifications)
        return max(days).isoformat() if days else ""

    @staticmethod
    def row_dated_to(row: Mapping[str, Any]) -> str:
        """`dated_to` of a measure's JSON row, as the cache keeps its model, read without
        making the model (a day as YYYY-MM-DD sorts as the day does)."""
        entries = (*row.get("history", ()), *row.get("verifications", ()))
        return max((e["date"] for e in entries), default="")

    def normalized(self) -> Measure:
        """The same measure with its lists in the ledger's canonical order."""
        return self.model_copy(
            update={
                "in_exchange_for": sorted(set(self.in_exchange_for)),
                "constraints": sorted(self.constraints, key=Constraint.sort_key),
                "verifications": sorted(self.verifications, key=Verification.sort_key),
                "history": sorted(self.history, key=HistoryEntry.sort_key),
            }
        )


class Ledger(_Record):
    """A whole negotiation: its title, the declared parties, and every measure."""

    schema_: int = Field(
        default=SCHEMA_VERSION, alias="schema", json_schema_extra={"const": SCHEMA_VERSION}
    )
    title: Title = UNTITLED
    parties: list[PartyName] = _empty_list()
    conflicts: list[Conflict] = Field(default_factory=list, json_schema_extra=_own_conflicts)
    # (the day the talks ended, for a record of talks that are over: every view asked of
    # no day reads the ledger as of it; and why, in a note of its own)
    ended: date | None = None
    ended_note: Notes = ""
    measures: list[Measure] = _empty_list()

    @model_validator(mode="after")
    def _supported(self) -> Ledger:
        if self.ended_note and self.ended is None:
            raise ValueError("ended_note says why the talks ended, and no ended day is given")
        for c in self.conflicts:  # (the ledger's own: what `dprk resolve --field` settles)
            if c.field not in HEADER_CONFLICTS:
                raise ValueError(
                    "the ledger's own merge conflicts are on "
                    f"{' or '.join(repr(f) for f in HEADER_CONFLICTS)}, not {c.field!r} "
                    "(a measure's go in its own conflicts list)"
                )
        if self.schema_ != SCHEMA_VERSION:
            # (a later schema: a later dprk wrote it; an earlier one was never released)
            fix = (
                "upgrade dprk"
                if self.schema_ > SCHEMA_VERSION
                else f"set schema = {SCHEMA_VERSION}"
            )
            raise ValueError(
                f"schema {self.schema_} is not supported by this dprk (it reads schema "
                f"{SCHEMA_VERSION}); {fix}"
            )
        return self

    def index(self) -> dict[str, Measure]:
        """Measures by id (the first one, should a hand edit have repeated an id)."""
        found = {m.id: m for m in self.measures}  # a comprehension: the common case, fast
        if len(found) == len(self.measures):
            return found
        found = {}
        for m in self.measures:
            found.setdefault(m.id, m)
        return found


# --- measures by id, and who refers to whom ------------------------------------------------


# A time as TOML writes one, with its offset or without (read as UTC, `_in_utc`).
_TIME = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?"
    r"([Zz]|[+-][0-9]{2}:[0-9]{2})?$"
)


def ledger_json_schema() -> dict[str, Any]:
    """The JSON Schema of a ledger (and of `export --format json`), from the models every
    load is validated with, in the form JSON Schema tools and editors read: patterns
    as they read them (`vocab.portable_pattern`), and a time as TOML allows one."""
    from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
    from pydantic_core import core_schema

    class _Portable(GenerateJsonSchema):
        def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
            found = super().str_schema(schema)
            if "pattern" in found:
                found["pattern"] = portable_pattern(found["pattern"])
            return found

        def datetime_schema(self, schema: core_schema.DatetimeSchema) -> JsonSchemaValue:
            return {"type": "string", "pattern": _TIME}

    return Ledger.model_json_schema(by_alias=True, schema_generator=_Portable)


class MeasureIndex(Mapping[str, Measure]):
    """Measures by id, with the two reverse look-ups the rules and the replay need: the
    parts of each measure, and the measures that refer to some ids.

    This one holds the measures in a dict and answers by looking at every measure;
    the store's index of a large ledger answers from what it keeps beside the file,
    and builds a measure only when asked for it.
    """

    def __init__(self, measures: Mapping[str, Measure]) -> None:
        self._measures = measures
        self._parts: dict[str, list[str]] | None = None
        self._former: dict[str, list[str]] | None = None

    def __getitem__(self, ident: str) -> Measure:
        return self._measures[ident]

    def __contains__(self, ident: object) -> bool:
        return ident in self._measures

    def __iter__(self) -> Iterator[str]:
        return iter(self._measures)

    def __len__(self) -> int:
        return len(self._measures)

    def links(self) -> Iterator[tuple[str, str | None, Collection[str]]]:
        """Each measure's id, what it is part of, and the ids it refers to (`references`);
        the store's index answers from what it keeps, without building measures."""
        for m in self._measures.values():
            yield m.id, m.part_of, references(m)

    def may_hold_title(self, key: str, but: Collection[str] = ()) -> bool:
        """False only when surely no measure's title, but those of `but`, reads as `key`
        (`vocab.words_key`): the store's index tells it from what it keeps without
        reading a title; here, every title is asked (`titles`)."""
        return True

    def titles(self) -> Iterator[tuple[str, str, str]]:
        """Each measure's id, title and actor (what tells a measure added twice:
        `rules.alike_key`); the store's index answers from what it keeps, without
        building measures."""
        for ident, m in self._measures.items():
            yield ident, m.title, m.actor

    def verifiers(self, *, orders: bool = False) -> Iterator[tuple[str, str]]:
        """Each finding's measure id and verifier, measure by measure, in order (who has
        findings on record: `rules.verifier_typo`); with `orders`, each order's that
        waits for a named verifier's finding too (`Constraint.verified_by`), before the
        measure's findings, as its record lists them: a verifier an order names is on
        record as well. The store's index answers from what it keeps, without building
        measures."""
        for ident, m in self._measures.items():
            if orders:
                for c in m.constraints:
                    if c.verified_by is not None:
                        yield ident, c.verified_by
            for v in m.verifications:
                yield ident, v.by

    def mentioning(
        self, text: str, *, any_case: bool = False, any_signs: bool = False
    ) -> list[str]:
        """The ids of the measures that may hold `text` in any field (an id, a party, in a
        reference or a history entry's words; `any_case`: in any case of its letters;
        `any_signs`: in any case too, with or without signs and spaces between its letters
        and digits, as 'I.A.E.A.' names the IAEA), in order: every one here; the store's
        index leaves out those whose kept record does not hold it."""
        return list(self)

    def mentions(self, ident: str, text: str) -> bool:
        """Whether measure `ident` may hold `text` in any field: whether `mentioning(text)`
        would give it, asked of one measure (the store's index reads its kept record
        alone, not every one)."""
        return ident in self.mentioning(text)

    def parts(self) -> dict[str, list[str]]:
        """The ids of each measure's parts (those that name it as `part_of`), in id order."""
        if self._parts is None:
            self._parts = parts_by_whole((ident, whole) for ident, whole, _ in self.links())
        return self._parts

    def former_parts(self, wholes: Callable[[Measure], Iterable[str]]) -> dict[str, list[str]]:
        """The ids of the measures that were parts of each measure once and are not now, in
        id order, `wholes` giving what a measure was a part of once (its history says:
        `Life.former_wholes`); the store's index answers from what it keeps."""
        if self._former is None:
            self._former = wholes_once((m.id, wholes(m)) for m in self._measures.values())
        return self._former

    def restated(self) -> Collection[str]:
        """The ids of the measures this index gives otherwise than their file holds them
        (a whole an earlier dprk stored as it derived it from its parts, given as they
        give it now: `Snapshot.standing`), which a change to one or to its parts writes
        anew; the store's index knows them, measures held here are as they are."""
        return ()

    def referrers(self, ids: Collection[str]) -> set[str]:
        """The measures that refer to any of `ids` (exchange, sequencing, part of). One
        pass over who refers to whom (a write asks a few times, for the few measures it
        touches: cheaper than a map of every measure's referrers, in time and memory)."""
        wanted = set(ids)
        return {ident for ident, _, refers in self.links() if not wanted.isdisjoint(refers)}

    def counterparts(self, ident: str) -> set[str]:
        """The other measures of this index measure `ident` is exchanged for: an exchange
        counts whichever side records it (its own `in_exchange_for`, or theirs naming it,
        found through `referrers`)."""
        found = {o for o in self[ident].in_exchange_for if o in self}
        found.update(r for r in self.referrers({ident}) if ident in self[r].in_exchange_for)
        found.discard(ident)
        return found

    def followed_once(
        self, ids: Collection[str], ended: Callable[[Measure], Iterable[str]]
    ) -> set[str]:
        """The measures an `after` order since ended held after one of `ids`, `ended`
        giving the measures a measure's ended orders named (`changes.orders_ended`); the
        store's index answers from what it keeps, without building measures."""
        wanted = set(ids)
        return {i for i, m in self._measures.items() if not wanted.isdisjoint(ended(m))}

    def settled(self) -> tuple[str, bool] | None:
        """The latest day an entry of these measures is dated, or a later one (YYYY-MM-DD,
        "" for none), and whether one of them may hold a status its history does not give
        (set by hand): from then on, each day reads as they stand (`--as-of` replays the
        history). None when not known without reading every measure: the store's index
        knows both from what it keeps (`Index.latest`, and the count of statuses set by
        hand a read keeps); here, not."""
        return None


def index_of(measures: Mapping[str, Measure]) -> MeasureIndex:
    """`measures` as a `MeasureIndex` (as it is, if it already is one)."""
    return measures if isinstance(measures, MeasureIndex) else MeasureIndex(measures)


# --- validation errors, said as a person would -------------------------------------------


def describe_validation_error(exc: ValidationError, data: Any = None) -> str:
    """The first problem pydantic found, said as a person would: which measure, which field
    (a field dprk does not know before the one it stands for: `validation_problems`), and
    the others after it, as a refusal names them (`errors.also_named`)."""
    problems = validation_problems(exc, data)
    return also_named(problems[0][2], [text for _, _, text in problems[1:]])


def validation_problems(
    exc: ValidationError, data: Any = None, line: EntryLine | None = None
) -> list[tuple[str | None, str, str]]:
    """Every problem pydantic found in a ledger's `data`, each said as a person would: the
    measure's id (None for the ledger's own fields, or a measure with no valid id to name
    it by: the text then names it, 'measure #3'), the field and what is wrong with it
    (within that measure), and all of it in one ("measure 'a', field 'actor': ...").

    The cause comes first: in one table, a field dprk does not know ('acter') before the
    other problems of that table ('actor' is required), and said as the typo of the
    required field it is most like. A key a history entry lacks is said with the entry's
    line in the file (`line`, where the file's text is at hand) and its day and event:
    'history[3]' counts the file's entries, not the numbers 'dprk log' gives them."""
    errors = exc.errors(include_url=False)
    first_of: dict[tuple[Any, ...], int] = {}
    missing: dict[tuple[Any, ...], list[str]] = {}
    for place, e in enumerate(errors):
        table = tuple(e["loc"][:-1])
        first_of.setdefault(table, place)
        if e["type"] == "missing" and e["loc"] and isinstance(e["loc"][-1], str):
            missing.setdefault(table, []).append(e["loc"][-1])
    ranked = sorted(
        range(len(errors)),
        key=lambda i: (
            first_of[tuple(errors[i]["loc"][:-1])],
            errors[i]["type"] != "extra_forbidden",
        ),
    )
    found = []
    for i in ranked:
        e = errors[i]
        loc = list(e["loc"])
        ident = _measure_id(loc, data)
        where = _where(loc[2:] if ident is not None else loc, data)
        whole = _where(loc, data)
        reason = _reason(e)
        if e["type"] == "extra_forbidden" and isinstance(loc[-1], str):
            wanted = missing.get(tuple(loc[:-1]), [])
            reason = _unknown_field(_ROOTS.get(exc.title), loc, wanted) or reason
        elif e["type"] == "value_error":
            reason = _moved_below_history(exc.title, loc, data) or reason
        elif e["type"] == "list_type" and isinstance(e.get("input"), dict):
            reason += _entries_in_double_brackets(exc.title, loc)
        entry = _history_entry(loc, data)
        if e["type"] == "missing" and entry is not None:
            measure, place, history = entry
            named, reason = _lacked_by_entry(str(loc[-1]), place, history)
            where, whole = f"{where} ({named})", f"{whole} ({named})"
        number = _line_of(loc, line) if line is not None else None
        at = f"line {number}: " if number is not None else ""
        found.append(
            (
                ident,
                at + (f"{where}: {reason}" if where else reason),
                at + (f"{whole}: {reason}" if whole else reason),
            )
        )
    return found


# Where in the file a measure's entry begins (`store.blocks.lines_of`): the measure's place
# in the file, the table ('history') and the entry's place there, all from 0, and the key
# whose own line is asked for (where the table writes it); None: not known (the file's
# text is not at hand, or it does not write the entry as a table).
EntryLine = Callable[..., "int | None"]


def _line_of(loc: list[Any], line: EntryLine) -> int | None:
    """The line of the file a problem's place (`loc`) is on: a measure's field's, an
    entry's field's (its entry's, where the key is not written, or its table is inline:
    then the line of the measure's field that holds it); None for the ledger's own."""
    if len(loc) < 3 or loc[0] != "measures" or not isinstance(loc[1], int):
        return None
    if len(loc) in (4, 5) and isinstance(loc[3], int):  # (an entry, or its field)
        key = loc[4] if len(loc) == 5 and isinstance(loc[4], str) else None
        found = line(loc[1], str(loc[2]), loc[3], key)
        if found is not None:
            return int(found)
    return line(loc[1], None, 0, str(loc[2])) if isinstance(loc[2], str) else None


def _history_entry(loc: list[Any], data: Any) -> tuple[int, int, list[Any]] | None:
    """The history entry of a measure a problem's place (`loc`) is a key of: the
    measure's place in the file, the entry's in its history, and that history, as `data`
    holds them; None for any other place."""
    if len(loc) != 5 or loc[0] != "measures" or loc[2] != "history":
        return None
    measure, place = loc[1], loc[3]
    if not isinstance(measure, int) or not isinstance(place, int):
        return None
    try:
        history = data["measures"][measure]["history"]
        entry = history[place]
    except (KeyError, IndexError, TypeError):
        return None
    return (measure, place, history) if isinstance(entry, dict) else None


def _lacked_by_entry(key: str, place: int, history: list[Any]) -> tuple[str, str]:
    """A history entry (at `place` in `history`) that lacks `key`: the entry, named by
    its event and day as the file gives them ('its note entry of 1994-11-01'), and what
    to write; for `recorded`, an example as dprk writes one: the time of the entry before
    it in the file (or after it), which keeps its place among the entries of its day."""
    entry = history[place]
    event = entry.get("event") if isinstance(entry.get("event"), str) else None
    day = entry.get("date") if isinstance(entry.get("date"), date) else None
    named = f"its {event + ' ' if event else ''}entry" + (f" of {day}" if day else "")
    if key != "recorded":
        return named, "is required"
    before, after = history[:place][::-1], history[place + 1 :]
    near = [
        (h["recorded"], side)
        for side, entries in (("before", before), ("after", after))
        for h in entries
        if isinstance(h, dict) and isinstance(h.get("recorded"), datetime)
    ]
    if near:
        time, side = near[0]
        example = f"{time.astimezone(UTC)} (the time of the entry {side} it)"
    else:
        example = f"{day or date(2026, 11, 27)} 00:00:00+00:00"
    return named, (
        f"is required; add the time the entry was recorded, in UTC, as dprk writes one: "
        f"recorded = {example}"
    )


# The tables of a ledger, as a problem with a field of one names it.
_TABLES: dict[type[BaseModel], str] = {
    Ledger: "the ledger",
    Measure: "the measure",
    HistoryEntry: "a history entry",
    Verification: "a verification",
    Constraint: "an order",
    Conflict: "a merge conflict",
}
# The model validated, by its name (`ValidationError.title`): the whole file, or a measure.
_ROOTS: dict[str, type[BaseModel]] = {"Ledger": Ledger, "Measure": Measure}


def _model_at(root: type[BaseModel], loc: list[Any]) -> type[BaseModel] | None:
    """The model of the table at `loc` (fields and list indexes) under `root`; None when
    that place holds no table of the ledger."""
    import typing

    model: type[BaseModel] | None = root
    for key in loc:
        if isinstance(key, int):
            continue
        if model is None:
            return None
        field = next((f for name, f in model.model_fields.items() if key in (name, f.alias)), None)
        if field is None:
            return None
        kinds, model = [field.annotation], None
        while kinds:  # (list[X], X | None, Annotated[X, ...]: the model within)
            kind = kinds.pop()
            if isinstance(kind, type) and issubclass(kind, BaseModel):
                model = kind
                break
            kinds.extend(typing.get_args(kind))
    return model


def _field_names(model: type[BaseModel]) -> list[str]:
    """The fields of `model` as the file spells them (`with`, not `with_`)."""
    return [f.alias or name for name, f in model.model_fields.items()]


def _unknown_field(root: type[BaseModel] | None, loc: list[Any], wanted: list[str]) -> str | None:
    """Why field `loc[-1]`, one its table does not have, is there: a field of the table
    it sits in (a measure's field written after its `[[measures.history]]`, which TOML
    reads as the entry's), where to move it; else the known field of its table it is
    most like, a required one first (`wanted`: those missing). None: neither."""
    import difflib

    key = loc[-1]
    table = _model_at(root, loc[:-1]) if root is not None else None
    if table is not None and len(loc) >= 3 and isinstance(loc[-2], int):
        outer = _model_at(root, loc[:-3]) if root is not None else None
        if outer is not None and key in _field_names(outer) and key not in _field_names(table):
            tables = [k for k in loc[:-1] if isinstance(k, str)]
            if root is Measure:
                tables.insert(0, "measures")
            first = "the first" if outer is Ledger else f"{_TABLES.get(outer, 'its table')}'s first"
            return (
                f"'{key}' is a field of {_TABLES.get(outer, 'the table it is in')}, not of "
                f"{_TABLES.get(table, 'this table')}: move it above {first} "
                f"[[{'.'.join(tables)}]]"
            )
    names = wanted + (_field_names(table) if table is not None else [])
    like = difflib.get_close_matches(key, list(dict.fromkeys(names)), n=1, cutoff=0.6)
    return f"is not a field dprk knows (a typo of '{like[0]}'?)" if like else None


def _entries_in_double_brackets(title: str, loc: list[Any]) -> str:
    """What to write for a measure's list of tables (its history, findings, orders,
    conflicts) written as one table, at `loc`: `[measures.history]`, single brackets, is a
    table; each entry of the list is headed `[[measures.history]]`. "" for any other."""
    if title == "Ledger" and len(loc) == 3 and loc[0] == "measures":
        field = loc[2]
    elif title == "Measure" and len(loc) == 1:
        field = loc[0]
    else:
        return ""
    if field not in ("history", "verifications", "constraints", "conflicts"):
        return ""
    return f"; write [[measures.{field}]] (double brackets): each entry is one of a list"


def _moved_below_history(title: str, loc: list[Any], data: Any) -> str | None:
    """Why the last history entry, at `loc`, holds a status or an extent its event cannot
    hold, where the measure has none of its own: the measure's field, written below its last
    `[[measures.history]]` (TOML reads it as that entry's), where to move it; removing it,
    as the entry's own problem would say, leaves the measure without it. None else."""
    if len(loc) < 2 or loc[-2] != "history" or not isinstance(loc[-1], int):
        return None
    at = loc[:-2]
    measure: Any = data if title == "Measure" else None
    if title == "Ledger" and len(at) == 2 and at[0] == "measures" and isinstance(data, dict):
        listed = data.get("measures")
        if isinstance(listed, list) and isinstance(at[1], int) and at[1] < len(listed):
            measure = listed[at[1]]
    history = measure.get("history") if isinstance(measure, dict) else None
    if not isinstance(history, list) or loc[-1] != len(history) - 1:
        return None  # (a field below the history is read as its last entry's alone)
    entry = history[loc[-1]]
    if not isinstance(entry, dict) or not isinstance(entry.get("event"), str):
        return None
    moved = [k for k in ("status", "extent") if k in entry and k not in measure]
    kept = {k: None if k in moved else entry.get(k) for k in ("status", "extent")}
    if not moved or event_status_problem(entry["event"], **kept) is not None:
        return None  # (the entry's problem is its own: said as it is)
    fields = " and ".join(  # (as the file has them)
        f'{k} = "{entry[k]}"' if isinstance(entry[k], str) else f"{k} = {_as_toml(entry[k])}"
        for k in moved
    )
    them = "them" if len(moved) > 1 else "it"
    return (
        f"{fields}: probably the measure's, moved below its history, as a "
        f"'{entry['event']}' entry cannot hold {them} and the measure has none: move "
        f"{them} above the measure's first [[measures.history]]"
    )


def _measure_id(loc: list[Any], data: Any) -> str | None:
    """The id of the measure a problem's place (`loc`) is in, when the data gives it one
    that is an id; None for anything else."""
    if len(loc) < 2 or loc[0] != "measures" or not isinstance(loc[1], int):
        return None
    measures = data.get("measures") if isinstance(data, dict) else None
    if not isinstance(measures, list) or loc[1] >= len(measures):
        return None
    entry = measures[loc[1]]
    ident = entry.get("id") if isinstance(entry, dict) else None
    if not isinstance(ident, str) or len(ident) > ID_MAX or not re.fullmatch(ID_PATTERN, ident):
        return None
    return ident


def each_problem(exc: ValidationError) -> list[tuple[str, Any]]:
    """Every problem pydantic found, in its order: where (as `describe_validation_error`
    names it, "field 'history[2].note'"; "" for the record itself) and its error record,
    for a reader that says more of some values than `describe_problem` can (an import's
    JSON: `store.interchange`)."""
    return [(_where(list(e["loc"]), None), e) for e in exc.errors(include_url=False)]


def _where(loc: list[Any], data: Any) -> str:
    parts: list[str] = []
    if len(loc) >= 2 and loc[0] == "measures" and isinstance(loc[1], int):
        index = loc[1]
        ident = None
        if isinstance(data, dict):
            measures = data.get("measures")
            if isinstance(measures, list) and index < len(measures):
                entry = measures[index]
                if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                    ident = entry["id"]
        parts.append(f"measure '{ident}'" if ident else f"measure #{index + 1}")
        loc = loc[2:]
    field = ".".join(str(p) if not isinstance(p, int) else f"[{p + 1}]" for p in loc)
    field = field.replace(".[", "[")
    if field:
        parts.append(f"field '{field}'")
    return ", ".join(parts)


def describe_problem(error: Any) -> str:
    """What is wrong with one value, from one of pydantic's error records."""
    return _reason(error)


def _reason(error: Any) -> str:
    kind = error["type"]
    if kind == "string_unicode":  # a lone surrogate: from invalid UTF-8 in an argument
        value = error.get("input")
        found = text_problem(value) if isinstance(value, str) else None
        return found if found is not None else "is not valid UTF-8 text"
    if kind == "string_pattern_mismatch":
        value = error.get("input")
        if isinstance(value, str):
            # (notes may hold line breaks and tabs: what they may not is named)
            lines = (error.get("ctx") or {}).get("pattern") == _NOTES
            found = text_problem(value, lines=lines)
            if found is not None:
                return found
            if says_nothing(value):
                return "is blank; give some text"
            if error.get("loc", ())[-1:] == ("event",):
                return (
                    f"{value!r} is not an event dprk knows (one of: {', '.join(EVENTS)})"
                    + choice_meant(value, EVENTS)
                )
            if error.get("loc", ())[-1:] == ("field",):  # (a merge conflict's)
                return f"{value!r} is not a field a merge conflict names"
            return f"{value!r} is not a valid id ({ID_RULE})"
        return "has characters that are not allowed"
    if kind == "extra_forbidden":
        return "is not a field dprk knows (a typo?)"
    if kind == "missing":
        return "is required"
    if kind.startswith("bool_"):  # (`undated`: bool_type, bool_parsing)
        value = error.get("input")
        quoted = " (without quotes)" if isinstance(value, str) else ""
        return f"{_as_toml(value)} is not true or false; write true or false{quoted}"
    if kind in ("list_type", "model_type", "dict_type", "model_attributes_type"):
        shown = _as_toml(error.get("input"))
        return f"{shown} is not {'a list' if kind == 'list_type' else 'a table'}"
    if kind == "string_type":
        return f"{_as_toml(error.get('input'))} is not text; write it in quotes"
    if kind.startswith("datetime_"):  # (`recorded`: datetime_type, datetime_parsing, ...)
        value = error.get("input")
        if isinstance(value, str) and _is_time(value):
            return f"'{value}' is text in quotes; write a date and time without them: {value}"
        return (
            f"{_as_toml(error.get('input'))} is not a date and time; write one as dprk does, "
            "2026-11-27 00:00:00+00:00"
        )
    if kind == "string_too_short":
        return "is empty; give some text"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        value = error.get("input")
        quoted = " (write it without quotes)" if isinstance(value, str) else ""
        return f"{_as_toml(value)} is not a whole number{quoted}"
    if kind == "string_too_long":
        most = (error.get("ctx") or {}).get("max_length")
        value = error.get("input")
        length = f" ({len(value)} given)" if isinstance(value, str) else ""
        return f"is too long: at most {most} characters{length}"
    if kind.startswith("date_"):  # (date_parsing, date_from_datetime_parsing, date_type, ...)
        value = error.get("input")
        if isinstance(value, datetime):  # (a TOML date and time)
            return f"{_as_toml(value)} has a time of day; write the day alone, YYYY-MM-DD"
        if isinstance(value, dt.time):  # (a TOML time of day alone)
            return f"{_as_toml(value)} is a time of day, not a date; use YYYY-MM-DD"
        if isinstance(value, str) and day_of(value) is not None:  # (a TOML string)
            return f"'{value}' is text in quotes; write a date without them: {value}"
        return f"{_as_toml(value)} {not_a_day(value)}"
    if kind == "enum":  # (a status, an extent, a result, a requirement)
        expected = (error.get("ctx") or {}).get("expected", "")
        meant = choice_meant(error.get("input"), re.findall(r"'([^']*)'", expected))
        return f"{_as_toml(error.get('input'))} is not one of {expected}{meant}"
    message = str(error["msg"])
    return message.removeprefix("Value error, ")


def _as_toml(value: Any) -> str:
    """A value read from the file, shown as the file writes it: text in quotes, true
    and false, dates, times, lists and tables as TOML spells them (not Python's True or
    datetime.date(2018, 1, 1))."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, date | datetime | dt.time):  # (UTC as the file most often says it)
        text = value.isoformat()
        return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return repr(value)


def _is_time(text: str) -> bool:
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


_ALWAYS = ("id", "title", "actor", "status")


def measure_to_data(measure: Measure) -> dict[str, Any]:
    """A measure as plain TOML-ready data, in field order, empty optional fields left out."""
    data = measure.model_dump(mode="python", by_alias=True, exclude_defaults=True)
    data.update({key: getattr(measure, key) for key in _ALWAYS})
    if measure.extent == default_extent(measure.status):
        data.pop("extent", None)
    else:  # (also the field's default, not-initiated, on a measure that acted: a hand edit)
        data["extent"] = measure.extent
    return {key: data[key] for key in Measure.model_fields if key in data}
