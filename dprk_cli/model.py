"""The ledger's data: parties, measures, constraints, verifications, history.

Pydantic models in strict mode with unknown fields forbidden, so that a
hand-edited ledger with a typo is refused rather than half-read. Each model
validates one record; rules that need the whole ledger (links to ids that
exist, declared actors) live in `dprk_cli.analysis.checks`. No I/O here.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    model_validator,
)

from .vocab import ACTED, PENDING, SCHEMA_VERSION, Require, Result, Status

# C0 and C1 control characters, DEL, bidirectional embeddings, overrides and
# isolates, and lone surrogates: none of them belongs in a ledger's text.
_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_FORBIDDEN_IN_NOTES = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
ID_PATTERN = r"[A-Za-z0-9][A-Za-z0-9._-]*"
_ID = re.compile(ID_PATTERN)


def _describe(ch: str) -> str:
    code = ord(ch)
    if 0xD800 <= code <= 0xDFFF:
        return f"a lone surrogate (U+{code:04X})"
    return f"a control character (U+{code:04X})"


def _clean(pattern: re.Pattern[str]):
    def check(value: str) -> str:
        bad = pattern.search(value)
        if bad:
            raise ValueError(f"contains {_describe(bad.group())}")
        return value

    return check


def _check_id(value: str) -> str:
    if not _ID.fullmatch(value):
        raise ValueError(
            "is not a valid id (letters, digits, '.', '_' and '-' only, "
            "starting with a letter or digit, no spaces or slashes)"
        )
    return value


# Checked by pydantic-core's own regex engine, not by Python callbacks: a
# ledger of ten thousand measures holds a hundred thousand strings.
_TEXT = r"^[^\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]*$"
_NOTES = r"^[^\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]*$"
Text = Annotated[str, Field(pattern=_TEXT)]
Notes = Annotated[str, Field(pattern=_NOTES)]
MeasureId = Annotated[str, Field(max_length=100, pattern="^" + ID_PATTERN + "$")]
PartyName = Annotated[str, Field(min_length=1, max_length=60, pattern=_TEXT)]
# Enums are read from TOML as their string values; strict mode would ask for
# enum instances, so these fields alone accept the value (still only valid ones).
StatusValue = Annotated[Status, Field(strict=False)]
ResultValue = Annotated[Result, Field(strict=False)]
RequireValue = Annotated[Require, Field(strict=False)]
Title = Annotated[str, Field(min_length=1, max_length=500, pattern=_TEXT)]


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
    date: date
    method: Text = ""
    evidence: list[Text] = []
    note: Notes = ""


class Constraint(_Record):
    """A sequencing rule: go only after another measure, or together with it.

    Exactly one of `after` and `with` is set. `demanded_by` names the party
    whose demand this is; empty means the order is agreed by all.
    """

    after: MeasureId | None = None
    with_: MeasureId | None = Field(default=None, alias="with")
    require: RequireValue = Require.acted
    demanded_by: PartyName | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Constraint:
        if (self.after is None) == (self.with_ is None):
            raise ValueError("a constraint needs exactly one of 'after' and 'with'")
        if self.with_ is not None and (self.require != Require.acted or self.demanded_by):
            raise ValueError("a 'with' constraint takes neither 'require' nor 'demanded_by'")
        return self

    @property
    def other(self) -> str:
        return self.after if self.after is not None else self.with_  # type: ignore[return-value]

    def sort_key(self) -> tuple[int, str]:
        return (0, self.after) if self.after is not None else (1, self.with_ or "")


class HistoryEntry(_Record):
    """One change to a measure: when it happened, what changed, when it was recorded."""

    date: date
    event: Annotated[str, Field(max_length=40, pattern="^" + ID_PATTERN + "$")]
    status: StatusValue | None = None
    detail: Text = ""
    note: Notes = ""
    recorded: datetime

    def sort_key(self) -> tuple[date, datetime, str]:
        recorded = self.recorded
        if recorded.tzinfo is None:  # a hand-written local time: ordered as if UTC
            recorded = recorded.replace(tzinfo=UTC)
        return (self.date, recorded, self.event)


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


class Measure(_Record):
    """One step a party takes, or is asked to take, in exchange for another's."""

    id: MeasureId
    title: Title
    actor: PartyName
    category: Text = ""
    status: StatusValue = Status.proposed
    conflicts: list[Conflict] = []
    in_exchange_for: list[MeasureId] = []
    deadline: date | None = None
    sources: list[Text] = []
    notes: Notes = ""
    constraints: list[Constraint] = []
    verifications: list[Verification] = []
    history: list[HistoryEntry] = []

    @property
    def acted(self) -> bool:
        return self.status in ACTED

    @property
    def pending(self) -> bool:
        return self.status in PENDING

    @property
    def verified(self) -> bool:
        return self.status == Status.verified

    @property
    def after(self) -> list[str]:
        return [c.after for c in self.constraints if c.after is not None]

    @property
    def together_with(self) -> list[str]:
        return [c.with_ for c in self.constraints if c.with_ is not None]

    @property
    def last_date(self) -> date | None:
        dates = [h.date for h in self.history] + [v.date for v in self.verifications]
        return max(dates) if dates else None

    @property
    def first_date(self) -> date | None:
        return self.history[0].date if self.history else None

    def normalized(self) -> Measure:
        """The same measure with its lists in the ledger's canonical order."""
        return self.model_copy(
            update={
                "in_exchange_for": sorted(set(self.in_exchange_for)),
                "constraints": sorted(self.constraints, key=Constraint.sort_key),
                "verifications": sorted(
                    self.verifications, key=lambda v: (v.date, v.by, v.result.value)
                ),
                "history": sorted(self.history, key=HistoryEntry.sort_key),
            }
        )


class Ledger(_Record):
    """A whole negotiation: its title, the declared parties, and every measure."""

    schema_: int = Field(default=SCHEMA_VERSION, alias="schema")
    title: Title = "Untitled negotiation"
    parties: list[PartyName] = []
    conflicts: list[Conflict] = []
    measures: list[Measure] = []

    @model_validator(mode="after")
    def _supported(self) -> Ledger:
        if self.schema_ != SCHEMA_VERSION:
            raise ValueError(
                f"schema {self.schema_} is not supported by this dprk (it reads schema "
                f"{SCHEMA_VERSION}); upgrade dprk"
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


_ALWAYS = ("id", "title", "actor", "status")


def measure_to_data(measure: Measure) -> dict[str, Any]:
    """A measure as plain TOML-ready data, in field order, empty optional fields left out."""
    data = measure.model_dump(mode="python", by_alias=True, exclude_defaults=True)
    data.update({key: getattr(measure, key) for key in _ALWAYS})
    return {key: data[key] for key in Measure.model_fields if key in data}


def today() -> date:
    return datetime.now().date()


def now() -> datetime:
    """When a change is recorded; SOURCE_DATE_EPOCH fixes it, for reproducible files."""
    import os
    from datetime import UTC

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC).replace(microsecond=0)
