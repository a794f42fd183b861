"""The ledger's words: statuses, extents, verification results, constraint kinds,
what an id is; and the rules that need nothing but those words: the extent a status
implies, a whole derived from its parts, which measures are parts of which, and
what a measure refers to.

Standard library only, so that the command line can name choices in its
options, and a read served from the cache can ask these rules, without importing
the pydantic models.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Container, Iterable, Iterator, Mapping, Sequence
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, TypeVar

from .plain import commas_and_more as commas_and_more
from .plain import named_first as named_first  # (and for the layers above: one home)

if TYPE_CHECKING:
    from datetime import date


class Status(StrEnum):
    """Where a measure stands, in the field's own words."""

    proposed = "proposed"
    agreed = "agreed"
    implemented = "implemented"
    verified = "verified"
    disputed = "disputed"
    reversed = "reversed"
    withdrawn = "withdrawn"
    rejected = "rejected"


class MarkStatus(StrEnum):
    """The statuses `dprk mark` sets; verified and disputed come from `dprk verify`."""

    proposed = "proposed"
    agreed = "agreed"
    implemented = "implemented"
    reversed = "reversed"
    withdrawn = "withdrawn"
    rejected = "rejected"


class Extent(StrEnum):
    """How far a measure has been carried out: the Peace Accords Matrix's four levels."""

    not_initiated = "not-initiated"
    minimal = "minimal"
    intermediate = "intermediate"
    full = "full"


class ActedExtent(StrEnum):
    """The extents `dprk mark ID implemented --extent` takes (an implementation did something)."""

    minimal = "minimal"
    intermediate = "intermediate"
    full = "full"


# The short word a table shows each extent by (`status`'s extent column). An analyst
# copies what the table shows, so wherever an extent is given (an option, --assume, an
# import's row) its short word names it too (`extent_word`); the ledger keeps the full one.
EXTENT_SHORT = {
    Extent.not_initiated: "-",
    Extent.minimal: "min",
    Extent.intermediate: "mid",
    Extent.full: "full",
}
# (the words among them that are not the extent's own: '-' is no word one gives)
EXTENT_ALIASES = {s: e.value for e, s in EXTENT_SHORT.items() if s.isalpha() and s != e.value}


# The extents `--extent` takes: `ActedExtent`'s words, and the short words a table shows
# two of them by (`EXTENT_ALIASES`), each read as its full word (`extent_word`).
ExtentGiven = StrEnum(  # type: ignore[misc]
    "ExtentGiven", [(w, w) for w in [*(e.value for e in ActedExtent), *EXTENT_ALIASES]]
)


def extent_word(text: str) -> str:
    """The extent `text` names, as the ledger writes it: a table's short word ('mid', in
    any case) its full one ('intermediate'); any other text as given, for the reader of
    the extent to take or refuse."""
    return EXTENT_ALIASES.get(text.strip().lower(), text)


class Result(StrEnum):
    """What a verifier found."""

    confirmed = "confirmed"
    partial = "partial"
    refuted = "refuted"


# The status a finding of each result makes a measure (a partial one makes none): the
# replay's rule (`lifecycle`), and what `verify --result` answers a status given in its
# place with ('disputed': use --result refuted).
FINDING_MAKES: Mapping[Result, Status] = {
    Result.confirmed: Status.verified,
    Result.refuted: Status.disputed,
}


def result_making(given: str) -> Result | None:
    """The result of the finding that makes a measure stand at the status `given` names
    (in any case: 'Disputed' is what a refuted finding makes); None for any other word."""
    key = given.strip().lower()
    return next((r for r, status in FINDING_MAKES.items() if status.value == key), None)


# Within one day, events are replayed in the order a measure's life runs, whatever order
# they were recorded in (`model.HistoryEntry.sort_key`): a proposal before its agreement,
# an implementation before its verification, a verification before a reversal. A
# measure created with a status is as one created that day and marked so: a step of its
# day that ranks lower replays before that status (`lifecycle.replay`).
DAY_RANK = {
    Status.proposed: 1,
    Status.agreed: 2,
    Status.rejected: 3,
    Status.withdrawn: 3,
    Status.implemented: 4,
    Status.verified: 5,
    Status.disputed: 6,
    Status.reversed: 7,
}


def follows_actions(status: Status) -> bool:
    """Whether a step to `status` replays after the actions of its day (`DAY_RANK`: a
    finding, a reversal), so that what acted that day, a part included, acted before it."""
    return DAY_RANK[status] > DAY_RANK[Status.implemented]


# A finding's place among them: verifiers who disagree on one day leave the measure
# disputed (a refutation after a confirmation), whatever order they were entered in.
FINDING_RANK = {
    Result.confirmed: DAY_RANK[Status.verified],
    Result.partial: DAY_RANK[Status.verified],
    Result.refuted: DAY_RANK[Status.disputed],
}


def finding_place(result: Result) -> tuple[int, bool, int]:
    """Where a finding of `result` counts among the events of its day, as `DAY_RANK`
    ranks steps (compared with `(DAY_RANK[status],)`): after the day's steps and before a
    reversal; a refutation after a confirmation (`FINDING_RANK`); a partial finding after
    both, by the same verifier or another (it changes nothing: the measure stays as they
    left it, found in part since). The one rule the replay, `dprk log`'s numbers and the
    facts read of findings ask."""
    return (DAY_RANK[Status.verified], result == Result.partial, FINDING_RANK[result])


# A finding's result, as the status its history entry records (none: partial).
RESULT_OF_STATUS = {Status.verified: Result.confirmed, Status.disputed: Result.refuted}


class Require(StrEnum):
    """What a sequencing constraint waits for in its prerequisite: that it acted, that
    it stands verified, or that it acted in full (`done_in_full`; through every part, for
    a measure made of parts)."""

    acted = "acted"
    verified = "verified"
    full = "full"


class Order(Protocol):
    """An order between two measures as it is read (a `model.Constraint`, or the
    analyses' `facts.Link`): after one, or together with it."""

    @property
    def after(self) -> str | None: ...
    @property
    def with_(self) -> str | None: ...
    @property
    def require(self) -> Require: ...
    @property
    def demanded_by(self) -> str | None: ...
    @property
    def verified_by(self) -> str | None: ...
    @property
    def other(self) -> str: ...


ACTED = frozenset({Status.implemented, Status.verified, Status.disputed})
PENDING = frozenset({Status.proposed, Status.agreed})
CLOSED = frozenset({Status.withdrawn, Status.rejected})
# Statuses that were commitments (the scorecard counts them): agreed, or carried out.
COMMITTED = frozenset(
    {Status.agreed, Status.implemented, Status.verified, Status.disputed, Status.reversed}
)


def a_commitment(status: Status, committed: date | None) -> bool:
    """Whether a measure standing at `status` counts as a commitment (the scorecard's):
    agreed or carried out (`COMMITTED`), or, whatever it came to, once one (`committed`:
    the first day it stood so, None if never): an agreed measure withdrawn, its side
    reneging, stays one, at not initiated, as a reversed one is."""
    return status in COMMITTED or committed is not None


# The score of each extent on the Peace Accords Matrix scale (0 to 3).
EXTENT_LEVEL = {
    Extent.not_initiated: 0,
    Extent.minimal: 1,
    Extent.intermediate: 2,
    Extent.full: 3,
}

# What an id is (rules.check_id says why one is not): a slug of at most 100 characters.
ID_PATTERN = r"[A-Za-z0-9][A-Za-z0-9._-]*"
ID_MAX = 100
# How deep measures may be nested in parts (a part of a part of ...): deep enough for any
# talks, and a bound on what a replay of wholes walks through.
PARTS_DEPTH = 64
ID_RULE = (
    "Latin letters (a-z, A-Z), digits, '.', '_' and '-', starting with a letter or digit; no "
    "spaces or slashes"
)


def id_problem(ident: str) -> str | None:
    """Why `ident` cannot be a measure id, or None if it can."""
    import re

    if ident == "-" or not re.fullmatch(ID_PATTERN, ident):
        return f"'{ident}' is not a valid id ({ID_RULE})"
    if len(ident) > ID_MAX:
        return f"'{ident[:20]}...' is too long for an id (at most {ID_MAX} characters)"
    return None


def day_of(text: str) -> date | None:
    """The day `text` writes as YYYY-MM-DD, the one form dprk reads and writes a date in;
    None for anything else (an ISO week date such as 2018-W38-4, which the standard
    library would read, included)."""
    from datetime import date

    if not written_as_day(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def written_as_day(text: str) -> bool:
    """Whether `text` is written YYYY-MM-DD, ASCII digits and dashes (a day or not)."""
    digits = text[:4] + text[5:7] + text[8:]
    return len(text) == 10 and text[4] + text[7] == "--" and digits.isascii() and digits.isdigit()


def not_a_day(text: object, *, write: str = "use") -> str:
    """Why `text` (a value given for a day that `day_of` does not read) is no date, in
    words after it: written YYYY-MM-DD, a day the calendar lacks ("is no day of the
    calendar: February 2018 has 28 days", or there is no year 0: the first day dprk
    takes is 0001-01-01); a year of more than four digits, said so; else how to write one
    (`write`: the verb, 'use' or 'write a day as')."""
    import calendar

    if isinstance(text, str) and written_as_day(text):
        year, month = int(text[:4]), int(text[5:7])
        if year == 0:
            return (
                "is no day of the calendar: there is no year 0 (the first year dprk takes is 0001)"
            )
        if not 1 <= month <= 12:
            return f"is no day of the calendar: there is no month {month}"
        days = calendar.monthrange(year, month)[1]
        name = calendar.month_name[month]
        return f"is no day of the calendar: {name} {year} has {days} days"
    if isinstance(text, str) and _year_past_9999(text):
        return (
            "is not a date dprk takes: its year has more than 4 digits (the last year is "
            f"9999); {write} YYYY-MM-DD"
        )
    return f"is not a date; {write} YYYY-MM-DD{_day_meant(text)}"


# The words for carrying a measure out (a prisoner released, a border reopened, sanctions
# eased, removed or lifted), 'released' and 'eased' near 'reversed' in spelling.
_CARRIED_OUT = (
    "released", "reopened", "eased", "removed", "lifted", "started", "began", "begun",
    "fulfilled", "executed", "enacted", "delivered", "honoured", "honored",
)  # fmt: skip
# Words people use for a status, and the status dprk records each as: a value given in
# one of them is answered with that status (`choice_meant`), before any status near it in
# spelling ('resumed' is near 'reversed', and means the opposite).
STATUS_WORDS: Mapping[str, Status] = {
    **dict.fromkeys(
        ("resumed", "restored", "done", "completed", "carried out"),
        Status.implemented,
    ),
    **dict.fromkeys(_CARRIED_OUT, Status.implemented),
    **dict.fromkeys(
        ("suspended", "undone", "revoked", "broken", "violated", "reimposed"), Status.reversed
    ),
    **dict.fromkeys(("signed", "accepted"), Status.agreed),
    "offered": Status.proposed,
    **dict.fromkeys(("refused", "declined"), Status.rejected),
    **dict.fromkeys(("cancelled", "canceled", "abandoned", "retracted"), Status.withdrawn),
}
# Words people use for a status or an extent that name no one of them, and what to give
# instead, with the choice that advice is for (a cut in extent is no rejection; a measure
# 'reinstated' is back in force, sanctions 'reinstated' undo the one that lifted them;
# done in part is one of two extents): answered so (`choice_meant`), and never with a
# choice near in spelling.
WORDS_UNCLEAR: Mapping[str, tuple[str, str]] = {
    "reduced": (
        Status.implemented,
        "is no status: a measure carried out in part is recorded as 'implemented' with "
        "--extent minimal or intermediate",
    ),
    "reinstated": (
        Status.implemented,
        "is no status: 'implemented' if the measure is back in force, 'reversed' if what "
        "it undid is",
    ),
    **dict.fromkeys(
        ("partial", "partly", "partially", "in part"),
        (
            Extent.minimal,
            "is no extent: a measure carried out in part is 'minimal' or 'intermediate'",
        ),
    ),
}
_STATUSES = frozenset(Status)
# What turns a word into its opposite ('unimplemented', 'disagreed', 'not agreed'): such
# a word is never taken for the word it negates, however near in spelling.
_NEGATIONS = ("un", "dis", "non", "not")


def choice_meant(given: object, choices: Iterable[str]) -> str:
    """For a value not among a field's or an option's choices ('implemnted'): the one it
    is near, as words to end the message with (" (did you mean 'implemented'?)"); for a
    word people use for a status that is among them (`STATUS_WORDS`), that status
    (" ('suspended' is recorded as 'reversed')"); for one that names no one choice
    (`WORDS_UNCLEAR`), what to give instead; "" when none is near or `given` is no text.
    Asked by the command line and by a file's fields alike."""
    choices = list(choices)
    if isinstance(given, str):
        key = _word_key(given)
        status = STATUS_WORDS.get(key)
        if status is not None and status in choices:
            return f" ('{given.strip()}' is recorded as '{status}')"
        choice, instead = WORDS_UNCLEAR.get(key, (None, ""))
        if choice in choices:
            return f" ('{given.strip()}' {instead})"
    near = nearest_choice(given, choices)
    return f" (did you mean '{near}'?)" if near is not None else ""


def _word_key(given: str) -> str:
    """`given` as `STATUS_WORDS` names it: in lower case, its words one space apart."""
    return " ".join(given.replace("-", " ").replace("_", " ").lower().split())


def nearest_choice(given: object, choices: Iterable[str]) -> str | None:
    """The one of `choices` that `given` is near (`choice_meant`); None for none, and for
    a word that says the opposite of the one it is near ('unimplemented')."""
    import difflib

    if not isinstance(given, str):
        return None
    key = given.strip().lower()
    choices = list(choices)
    near = difflib.get_close_matches(key, choices, n=1, cutoff=0.6)
    if not near or _word_key(key) in STATUS_WORDS or _word_key(key) in WORDS_UNCLEAR:
        return None
    # (nor, among statuses, for a typo of such a word nearer it than any status:
    # 'relased', of 'released', is not 'reversed')
    closeness = difflib.SequenceMatcher(None, key, near[0]).ratio()
    words = [*STATUS_WORDS, *WORDS_UNCLEAR]
    if near[0] in _STATUSES and difflib.get_close_matches(key, words, n=1, cutoff=closeness):
        return None
    for negation in _NEGATIONS:
        rest = _word_key(key).removeprefix(negation).strip()
        if rest != _word_key(key) and difflib.get_close_matches(rest, choices, n=1, cutoff=0.8):
            return None
    return near[0]


# A day written another way, its year in four digits: 22/02/2019, 2.3.2019, 2019/02/22,
# 2019-2-22, 20190222.
_OTHER_WAY = (
    r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})|(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})"
    r"|(\d{4})(\d{2})(\d{2})"
)


# A day written in words, its month named in English, in full or cut short: 19 April
# 2013, 19 Apr. 2013, April 19, 2013, 19th April 2013 (`day_in_words`; and a
# value a line of a ledger holds as one, `store.codec`).
DAY_IN_WORDS = (
    r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})"
    r"|([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})"
)
_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip


def day_in_words(text: str) -> str | None:
    """The day `text` writes in words ('19 April 2013', 'April 19, 2013', '19 Apr 2013'),
    as YYYY-MM-DD; None for anything else (a word that names no month, no such day)."""
    import re
    from datetime import date

    found = re.fullmatch(DAY_IN_WORDS, text.strip())
    if found is None:
        return None
    day, word, year = found.group(1, 2, 3) if found.group(1) else found.group(5, 4, 6)
    word = word.lower()  # (in full, or its first three or four letters: Apr, Sept)
    month = next(
        (i for i, name in enumerate(_MONTHS, 1) if word in (name, name[:3], name[:4])), None
    )
    if month is None:
        return None
    try:
        return date(int(year), month, int(day)).isoformat()
    except ValueError:
        return None


def _day_meant(text: object) -> str:
    """The days `text`, written another way than YYYY-MM-DD, may be, as words to add to
    the advice: " (2019-02-22?)", or both readings of one that could be day-month or
    month-day (" (2019-03-02 or 2019-02-03?)"), or the one a day in words names
    (`day_in_words`); "" for anything else."""
    import re
    from datetime import date

    found = re.fullmatch(_OTHER_WAY, text.strip()) if isinstance(text, str) else None
    if found is None:
        named = day_in_words(text) if isinstance(text, str) else None
        return f" ({named}?)" if named is not None else ""
    if found.group(4) is not None:
        readings = [(found.group(4), found.group(5), found.group(6))]
    elif found.group(7) is not None:
        readings = [(found.group(7), found.group(8), found.group(9))]
    else:
        first, second, year = found.group(1), found.group(2), found.group(3)
        readings = [(year, second, first), (year, first, second)]  # (day first, then month)
    days: list[str] = []
    for year, month, day in readings:
        try:
            meant = date(int(year), int(month), int(day)).isoformat()
        except ValueError:
            continue
        if meant not in days:
            days.append(meant)
    return f" ({' or '.join(days)}?)" if days else ""


def _year_past_9999(text: str) -> bool:
    """Whether `text` is written YYYYY-MM-DD, a year of five digits or more."""
    digits, rest = text[:-6], text[-6:]
    return (
        len(digits) > 4 and digits.isascii() and digits.isdigit() and written_as_day("0000" + rest)
    )


# The events of a history that are not status changes of their own.
CREATED = "created"
VERIFICATION = "verification"
NOTE = "note"  # a dated note: `dprk note`, or written by hand (its text the detail)

LEDGER_FILENAME = "dprk-ledger.toml"
UNTITLED = "Untitled negotiation"  # the title of a ledger given none
SCHEMA_VERSION = 1
# What a merge conflict of the ledger's own is on: its title, or a party added on both
# sides and spelled two ways (`rules.PARTY`).
HEADER_CONFLICTS = ("title", "party")


# Entries about the record rather than the negotiation: corrections, renames, settled
# merge conflicts. The log lists them; the timeline of events leaves them out, and
# they do not date an undated creation.
RESOLVE = "resolve"  # a merge conflict settled
RENAME = "rename"  # a measure given another id
CORRECTION = "correction"  # an entry's date corrected (`dprk redate`), on the day it was
BOOKKEEPING = frozenset({"edit", RENAME, CORRECTION, RESOLVE})

# The entries of a day that are no step come before its steps, in the order a measure's
# life runs them (`model.HistoryEntry.sort_key`): its notes, then its exchange links and
# unlinks, then its orders, then its edits and the other corrections of the record
# (`BOOKKEEPING`); each kind in the order recorded, as entries of one kind may depend on
# each other (a link then its unlink, two edits of one field, a rename then an edit of
# the id). No kind's replay reads another's within a day (each is read as the day ends:
# an actor and a link, a part and an order, a removal and what it dropped), so two
# ledgers of the same facts replay, list and number them alike, whatever order they
# were typed in.
KIND_RANK = {NOTE: 1, "exchange": 2, "sequence": 3, **dict.fromkeys(BOOKKEEPING, 4)}


class _Entry(Protocol):
    @property
    def event(self) -> str: ...
    @property
    def detail(self) -> str: ...


_RENAMED_FROM = "renamed from "  # (the detail of a `rename` entry)


def rename_text(old: str) -> str:
    """The detail of the entry `dprk rename` writes on the measure it gives an id."""
    return _RENAMED_FROM + old


def renamed_from(h: _Entry) -> str | None:
    """The id a measure had before the rename entry `h` records (None: `h` is none)."""
    if h.event != RENAME or not h.detail.startswith(_RENAMED_FROM):
        return None
    return h.detail.removeprefix(_RENAMED_FROM)


SOURCE_SAID = "source: "  # (in a note's or a step's detail: a source it brought)
SOURCES_BETWEEN = "; " + SOURCE_SAID  # (between a step's words and each source it brought)


def with_sources_said(words: str, sources: Iterable[str]) -> str:
    """The detail of a note's or a step's entry: its own words (a step's state; a note
    has none) and each source it brought to its measure's sources, 'source: Reuters',
    '; ' between them ('agreed; source: Reuters; source: AP'), read back by
    `sources_brought`."""
    return "; ".join([*([words] if words else []), *(SOURCE_SAID + s for s in sources)])


def sources_brought(h: _Entry) -> list[str]:
    """The sources a note's or a step's entry says it brought to its measure's sources
    (`with_sources_said`): a note's one (given, the measure may have had it), all its
    detail after 'source: ' (a note has one source, whatever it holds); a step's each
    (one the measure had not, or a step brought), after its words. None for another
    entry, or a step written before steps said theirs."""
    if h.event == NOTE:
        return [h.detail.removeprefix(SOURCE_SAID)] if h.detail.startswith(SOURCE_SAID) else []
    if h.event != "status":
        return []
    _, said, rest = h.detail.partition(SOURCES_BETWEEN)
    return rest.split(SOURCES_BETWEEN) if said else []


def is_party_rename(h: _Entry) -> bool:
    """Whether `h` records a rename of a party (`rename-party`, on each measure it
    changed: `changes.party_rename_text`)."""
    return h.event == "edit" and h.detail.startswith("party ")


MERGE_SHOWN = " (a merge)"  # (after the words of a merge's entry, as `log` shows them)


def is_party_merge(h: _Entry) -> bool:
    """Whether `h` records a party made one with a party declared already (`rename-party
    --merge`): a rename's entry that says so (its `merge` key). The one home of "a merge,
    not a rename"; an entry written before the key was kept says nothing, and is read as
    a rename's, as it was (a command that must tell asks the ledger then:
    `operations._took_name_by`)."""
    return is_party_rename(h) and getattr(h, "merge", False) is True


class MergedInto(str):
    """A declared party's name, as the party a former name names now (`former` of
    `rules.nearest_party`), where that name came to it by a merge (`is_party_merge`): the
    party so named was merged into it, not renamed, and "did you mean" says so."""

    __slots__ = ()


def renames_said(text: str) -> Iterator[tuple[str, str]]:
    """Each (old name, new name) a `changes.party_rename_text` may be read as: a name may
    itself hold the words ' renamed '."""
    at = text.find(" renamed ")
    while at >= 0:
        yield text[6:at], text[at + 9 :]
        at = text.find(" renamed ", at + 1)


def rename_named(h: _Entry) -> str:
    """A party's rename `h` records, as a correction names it: 'the rename of USSR to
    Russia' (the first way its words read: `renames_said`)."""
    old, new = next(renames_said(h.detail))
    return f"the rename of {party_in_prose(old)} to {party_in_prose(new)}"


def settlement_text(name: str, took: str) -> str:
    """The detail of the entry `dprk resolve` writes on a measure whose conflict on field
    `name` it settles, taking `took` (in words)."""
    return f"merge conflict on {name} settled: took {took}"


def settles(h: _Entry, name: str) -> bool:
    """Whether `h` records a settlement of a conflict on field `name`."""
    return h.event == RESOLVE and h.detail.startswith(f"merge conflict on {name} settled:")


# Every kind of history entry (ledger-format.md lists them): a file naming another is
# refused as it is read.
EVENTS = (CREATED, "status", VERIFICATION, "exchange", "sequence", NOTE, *sorted(BOOKKEEPING))


def event_status_problem(event: str, status: str | None, extent: str | None = None) -> str | None:
    """Why a history entry of `event` cannot give `status` (and `extent`), or None: a
    `status` entry gives the status it sets, a finding's gives verified or disputed (or
    none, for a partial one), a creation's the status it began at; no other entry sets
    one. An extent goes with an implementation only."""
    if extent is not None and status != Status.implemented:
        return (
            f'extent = "{extent}" goes only with status = "implemented" (how far it was '
            "carried out); remove it from this entry"
        )
    if event == "status":
        return None if status is not None else "a 'status' entry gives the status it sets"
    if event == VERIFICATION:
        if status in (None, Status.verified, Status.disputed):
            return None
        return f"a '{VERIFICATION}' entry sets verified or disputed, not '{status}'"
    if event == CREATED or status is None:
        return None
    return (
        f"a '{event}' entry sets no status; remove its status = \"{status}\" (a change of "
        "status is a 'status' entry)"
    )


def given(*keys: str) -> dict[str, Any]:
    """A JSON Schema condition: each of `keys` is given, not left out nor null (an export
    writes a field that is not set as null; the file leaves it out)."""
    return {"required": list(keys), "properties": {key: {"not": {"type": "null"}} for key in keys}}


def event_status_schema() -> list[dict[str, Any]]:
    """`event_status_problem` as JSON Schema conditions on a history entry (`allOf`), for
    an editor to flag what a load refuses."""
    setting = ["status", VERIFICATION, CREATED]
    return [
        {
            "if": given("extent"),
            "then": {"required": ["status"], "properties": {"status": {"const": "implemented"}}},
        },
        {"if": {"properties": {"event": {"const": "status"}}}, "then": given("status")},
        {
            "if": {"properties": {"event": {"const": VERIFICATION}}},
            "then": {"properties": {"status": {"enum": ["verified", "disputed", None]}}},
        },
        {
            "if": {"properties": {"event": {"not": {"enum": setting}}}},
            "then": {"not": given("status")},
        },
    ]


def text_problem(value: str, *, lines: bool = False) -> str | None:
    """Why `value` is not text dprk keeps, or None: a byte that is not UTF-8 (passed on
    by the shell as a lone surrogate), a control character (a line break or a tab only
    where `lines`, as in notes), or a bidirectional override, which could make a
    terminal show other text than the file holds."""
    for ch in value:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:
            return f"is not valid UTF-8 (byte 0x{code - 0xDC00:02x}); dprk takes UTF-8 text"
        if 0xD800 <= code <= 0xDFFF:
            return f"contains a lone surrogate (U+{code:04X}), which is not text"
        if (code < 0x20 and not (lines and ch in "\n\t")) or 0x7F <= code <= 0x9F:
            return f"contains a control character (U+{code:04X})"
        if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
            return f"contains a bidirectional override (U+{code:04X})"
    return None


# Characters that show as nothing though they are letters or symbols: the Hangul fillers,
# the combining grapheme joiner, Mongolian and Khmer vowel marks and separators shown as
# nothing, the blank Braille pattern; and the variation selectors, which only choose how
# the character before them is drawn (an emoji's colour). As a regular expression's
# character class too (`model`: the text a file may hold).
_SHOWN_AS_NOTHING = "\u115f\u1160\u3164\uffa0\u034f\u17b4\u17b5\u180e\u2800"
_SELECTORS = ((0xFE00, 0xFE0F), (0xE0100, 0xE01EF))
BLANK_LOOKING_CLASS = "".join(f"\\u{ord(c):04x}" for c in _SHOWN_AS_NOTHING) + "".join(
    f"\\U{low:08x}-\\U{high:08x}" for low, high in _SELECTORS
)
_BLANK_LOOKING = frozenset(
    _SHOWN_AS_NOTHING + "".join(chr(c) for low, high in _SELECTORS for c in range(low, high + 1))
)


@cache
def _characters_of(category: str) -> str:
    """The characters of a Unicode category (`Cf`, format characters; `M`, marks) in the
    Basic Multilingual Plane, as ranges of a character class in `\\u` escapes
    (`portable_pattern`: found once, not per pattern)."""
    import unicodedata

    spans: list[list[int]] = []
    for c in range(0x10000):
        if unicodedata.category(chr(c)).startswith(category):
            if spans and spans[-1][1] == c - 1:
                spans[-1][1] = c
            else:
                spans.append([c, c])
    return "".join(
        f"\\u{low:04x}" if low == high else f"\\u{low:04x}-\\u{high:04x}" for low, high in spans
    )


def portable_pattern(pattern: str) -> str:
    """`pattern` (a regular expression of pydantic-core's engine) as JSON Schema tools read
    one (ECMA-262 without its Unicode flag, and Python's `re`): `\\p{Cf}` spelled out as the
    format characters of the Basic Multilingual Plane (and `\\p{M}` its marks), a `\\U`
    escape within it as `\\u`,
    and the ranges beyond it left out (a tool reads those characters as two halves); so
    a tool may let pass a few characters dprk refuses, never the other way round."""
    import re

    def within(found: re.Match[str]) -> str:
        low, high = int(found[1], 16), int(found[2], 16)
        return f"\\u{low:04x}-\\u{high:04x}" if high < 0x10000 else ""

    return re.sub(
        r"\\U([0-9a-fA-F]{8})-\\U([0-9a-fA-F]{8})",
        within,
        pattern.replace("\\p{Cf}", _characters_of("Cf")).replace("\\p{M}", _characters_of("M")),
    )


def seen(text: str) -> str:
    """`text` without the characters that are not seen: Unicode's format characters (a
    zero-width space or joiner, a soft hyphen) and those that show as nothing."""
    if text.isprintable() and _BLANK_LOOKING.isdisjoint(text):
        return text  # (the common case)
    import unicodedata

    return "".join(c for c in text if unicodedata.category(c) != "Cf" and c not in _BLANK_LOOKING)


def says_nothing(value: str) -> bool:
    """Whether `value` shows nothing: spaces only, or characters that are not seen, or
    marks that go on another character (a combining accent) with none to go on."""
    shown = seen(value).strip()
    if shown.isascii():
        return not shown
    import unicodedata

    return all(c.isspace() or unicodedata.category(c).startswith("M") for c in shown)


# How a measure's parts stand (`facts.parts_tally`): how many have acted, how many stand
# verified, of how many, and how many stand disputed.
PartsTally = tuple[int, int, int, int]


def parts_verified_text(tally: PartsTally) -> str:
    """'1 of 3 parts verified', of a measure's parts (its node's `parts_tally`), as the
    status table, `show` and the report say it; and how many stand disputed, which
    leave it unverified ('0 of 2 parts verified, 2 disputed')."""
    _, done, count, disputed = tally
    return f"{done} of {count} parts verified" + (f", {disputed} disputed" if disputed else "")


def acted_parts_left_text(count: int) -> str:
    """'its only acted part left' ('its acted parts left', `count` of them): why a measure
    made of parts came back to what its own history holds, on the day the parts that
    had acted left it (an edit of their `part_of`), as `edit` and the timeline say it."""
    return "its only acted part left" if count == 1 else "its acted parts left"


A_PARTY = "a party to the talks"  # (how a finding by a declared party says who found)


def refuted_by_parties(by: Sequence[str]) -> str:
    """'refuted by Russia, a party to the talks' ('refuted by Russia and US, parties to
    the talks'): a refutation declared parties alone made (`rules.by_a_party`), as the
    balance's note, the report's balance and the scorecard's note say it: their claim,
    no verifier's."""
    return f"refuted by {in_prose(by)}, " + (A_PARTY if len(by) == 1 else "parties to the talks")


def finding_text(result: Result, by: str, method: str = "") -> str:
    """'confirmed by IAEA (on-site inspection)': how a finding's history entry reads.
    The replay pairs the entry with the verifier's record by this text
    (`lifecycle.match_verifications`), so it has this one home."""
    return f"{result.value} by {by}" + (f" ({method})" if method else "")


# A named tuple, not a `plain.Plain` record: a state is compared, hashed and unpacked
# everywhere, and made by the thousand.
class State(NamedTuple):
    """Where a measure stands: its status and how far it has been carried out."""

    status: Status
    extent: Extent


def done_level(state: State) -> int:
    """How much of a measure standing at `state` is done, on `EXTENT_LEVEL`'s scale: its
    extent while it has acted, none (0) while it has not (pending, or undone: reversed,
    or withdrawn). A step to a lower level undid what was done, in whole or in part
    (`lifecycle.Life.rolled_back`)."""
    return EXTENT_LEVEL[state.extent] if state.status in ACTED else 0


def owes_nothing(state: State) -> bool:
    """Whether a measure standing at `state` owes nothing for what it was exchanged for,
    whatever that did: done in full, or rejected (the side that would be owed turned it
    down). A step from either to less, or offered again, opens what it owes anew
    (`lifecycle.Life.rolled_back`)."""
    return done_level(state) >= EXTENT_LEVEL[Extent.full] or state.status == Status.rejected


class StandsAt(Protocol):
    """What a measure stands at (a `Node`, a `Measure`, or what a kept row says of one)."""

    @property
    def status(self) -> Status: ...
    @property
    def extent(self) -> Extent: ...


class Due(StandsAt, Protocol):
    """What a measure stands at, with the deadline it has (a `Node`, a `Measure`, or a
    day of one: `rules.deadline_before_creation`)."""

    @property
    def deadline(self) -> date | None: ...


def is_overdue(m: Due, day: date) -> bool:
    """Past its deadline on `day` (the deadline itself is not late) and not carried out
    in full. The one rule of "overdue": every view asks it (`analysis.asof`), and the
    check of a deadline before the measure was made.

    A measure carried out in part (`done_in_part`) still owes the rest, and is late; a
    withdrawn or rejected measure is dropped rather than late; a reversed one, undone,
    is late again.
    """
    return may_fall_due(m) and falls_due(m.deadline, day)


def may_fall_due(m: Due) -> bool:
    """Whether the measure has a deadline it can miss: it has not been carried out in
    full (not acted, or acted in part), and is not withdrawn or rejected."""
    return (
        m.deadline is not None
        and m.status not in CLOSED
        and (m.status not in ACTED or done_in_part(m))
    )


def done_in_full(m: StandsAt) -> bool:
    """Whether the measure has acted at the full extent: carried out in full, found so or
    not (a finding changes no extent); neither pending nor undone (reversed), nor done in
    part (`lifecycle.Life.full_since` dates it)."""
    return m.status in ACTED and m.extent == Extent.full


def done_late(deadline: date | None, full_since: date) -> bool | None:
    """Whether a measure that came to be carried out in full on `full_since` was done
    late: `is_overdue`'s rule asked of it that day, as it stood before its step (not done
    in full, so the deadline alone tells): its deadline then (`deadline`: as it stood at
    the end of that day, a move of it dated that day or before counts) had passed. Done
    on the deadline itself, it is not late. None without a deadline: none to miss."""
    if deadline is None:
        return None
    return falls_due(deadline, full_since)


def days_past(deadline: date, day: date) -> int:
    """How many days after `deadline` `day` is: how late a measure done (or read as
    overdue) on `day` is, by that deadline (`falls_due`: at least 1 when late)."""
    return (day - deadline).days


def done_in_part(m: StandsAt) -> bool:
    """Whether the measure has acted, but not in full (its extent minimal or
    intermediate): it still owes the rest (a deadline finds it late for it, an exchange
    open for it)."""
    return m.status in ACTED and m.extent != Extent.full


_OWING = frozenset((*PENDING, Status.reversed, Status.withdrawn))


def is_owed(m: StandsAt, counterpart: StandsAt) -> bool:
    """Whether `m` is owed for, exchanged for `counterpart`: it has acted, and the
    counterpart has not (pending, reversed, withdrawn) or only in part."""
    return owes(counterpart, m)


def owes(m: StandsAt, counterpart: StandsAt) -> bool:
    """Whether `m` owes, exchanged for `counterpart`: the counterpart has acted, and `m`
    has not (pending, reversed, withdrawn), or only in part (it owes the rest)."""
    return counterpart.status in ACTED and (m.status in _OWING or done_in_part(m))


class _Exchanged(StandsAt, Protocol):
    @property
    def id(self) -> str: ...
    @property
    def in_exchange_for(self) -> Sequence[str]: ...


_E = TypeVar("_E", bound=_Exchanged)


def owing(index: Mapping[str, _Exchanged]) -> set[str]:
    """The measures of `index` (the ledger as it stands on a day) that owe on that day:
    those the balance lists under `owes`, as `owes` says of any counterpart (an exchange
    counting whichever side records it). `next` and `plan` ask it of a measure reversed:
    owed, it is to be carried out again (`to_do_again`). Of a measure whose counterparts,
    both ways, are all in `index`, a few measures of the ledger tell it as the whole
    does."""
    return open_debts(index)[0]


def open_debts(index: Mapping[str, _Exchanged]) -> tuple[set[str], set[str]]:
    """The measures that owe, and those owed, in `index`, each once (`owes`, `is_owed`)."""
    owing: set[str] = set()
    owed: set[str] = set()
    for m, c in exchange_pairs(index.values(), index):
        for one, two in ((m, c), (c, m)):
            if is_owed(one, two):
                owed.add(one.id)
            if owes(one, two):  # (as well, when both acted in part)
                owing.add(one.id)
    return owing, owed


def exchange_pairs(measures: Iterable[_E], index: Mapping[str, _E]) -> list[tuple[_E, _E]]:
    """Each exchange of `measures` once, its two measures in id order: an exchange counts
    whichever side records it; a link of a measure to itself, or to one not in `index`
    (the measures by id), is none. Of the two, the one that records it first is as
    `measures` gives it, the other as `index` does. The one home of the pairs the
    balance, the exchanges report and `owing` read."""
    seen: set[tuple[str, str]] = set()
    found: list[tuple[_E, _E]] = []
    for m in measures:
        for other in m.in_exchange_for:
            c = index.get(other)
            pair = (m.id, other) if m.id < other else (other, m.id)
            if c is None or other == m.id or pair in seen:
                continue
            seen.add(pair)
            found.append((m, c) if m.id == pair[0] else (c, m))
    return found


def overdue_from(deadline: date, undone: date | None) -> date:
    """The day a measure overdue counts its days overdue from (`days_past`): its
    deadline, or, when it last stopped being done in full (or was offered again after a
    rejection: `lifecycle.Life.rolled_back`, `undone`) after it, that day: it owed
    nothing from the day it was done to the day it was undone, and owes again since."""
    return undone if undone is not None and undone > deadline else deadline


def falls_due(deadline: date | None, day: date) -> bool:
    """Whether a deadline has passed on `day` (on the day itself it has not)."""
    return deadline is not None and deadline < day


def in_prose(items: Iterable[str], last: str = "and", *, most: int | None = None) -> str:
    """`items` as a list in prose, the one way dprk writes one: 'a', 'a and b', 'a, b, c
    and d' (`last`: the word before the last, 'or' for a choice); with `most`, no more
    than that many named, the others counted ('a, b, c and 2 more'), but never one alone:
    'and 1 more' is no shorter than the one it counts, named; "" for none."""
    named = list(items)
    if most is not None and len(named_first(named, most)) < len(named):
        return commas_and_more(named, most)
    if len(named) < 2:
        return "".join(named)
    return f"{', '.join(named[:-1])} {last} {named[-1]}"


PARTS_NAMED = 6  # (the parts of a measure a message names, the others left to '...')


def parts_in_brief(ids: Sequence[str]) -> str:
    """The parts of a measure (or the measures that refer to one) as a message names
    them: the first `PARTS_NAMED`, then '...' for the others ('a, b, c, d, e, f ...'),
    but all of them where one alone would be left (`named_first`)."""
    shown = named_first(ids, PARTS_NAMED)
    return ", ".join(shown) + (" ..." if len(shown) < len(ids) else "")


def party_in_prose(name: str, *, quoted: bool = False) -> str:
    """A party's name as a message writes it, the one way every message names one: as it
    is ('ROK'), or in single quotes where the message quotes names (`quoted`: "party
    'ROK'"); but in double quotes, either way, when a space begins or ends it (written by
    hand: no command declares one), which would not be seen otherwise ('renamed party
    "ROK " to ROK', not 'renamed party ROK  to ROK')."""
    if name and name == name.strip():
        return f"'{name}'" if quoted else name
    return f'"{name}"'


def possessive(name: str) -> str:
    """A party's name as the one whose something is: "US's", "DPRK's"; a name ending in
    a small s, as a plural does, takes the apostrophe alone ("Unionists'", "Church
    witnesses'")."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def counted(n: int, noun: str) -> str:
    """'1 measure', '3 measures', '1 party', '2 parties'."""
    if n == 1:
        return f"1 {noun}"
    plural = noun[:-1] + "ies" if noun.endswith("y") and noun[-2] not in "aeiou" else noun + "s"
    return f"{n} {plural}"


def one_form(text: str) -> str:
    """`text` in the one Unicode form dprk writes a new name in and compares text by:
    a letter typed as two code points (macOS types Hangul and accents so) made the one
    a web page gives (NFC). The two cannot be told apart on screen."""
    if text.isascii():
        return text
    import unicodedata

    return unicodedata.normalize("NFC", text)


def text_key(text: str) -> str:
    """What text is compared by, where a search finds it: in any case, as it looks (in
    one Unicode form, full-width letters as the letters they are, characters that are
    not seen left out: `seen`), and with or without its accents ('fein' finds 'Sinn
    Féin', 'Féin' finds 'Fein'): the marks set over or under a letter are left out, and
    a letter no accent can be taken off is read plain, as an id is made of it
    (`latin_letters`: 'lodz' finds 'Łódź', 'strom' 'Strømfjord'). A curly quote is the
    straight one ("d'Ivoire" finds 'd’Ivoire', as a party's name takes either). A
    Hangul syllable stays whole ('가' does not find '각')."""
    folded = text.casefold()
    if folded.isascii():
        return folded
    import unicodedata

    # (in any case again once decomposed: '™' is 'TM')
    bare = "".join(map(_plain, seen(unicodedata.normalize("NFKD", text).casefold())))
    return unicodedata.normalize("NFC", bare)


# The quotes and apostrophes typed or pasted for a straight one ('’' of a word processor,
# the modifier letter apostrophe of a transliteration, a prime), as a search reads them.
_QUOTES = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u02bc\u2032", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
}


@cache
def _plain(ch: str) -> str:
    """`ch` as a search reads it (`text_key`, of text decomposed): an accent nothing,
    a curly quote straight, a Latin letter no accent can be taken off plain."""
    if ch.isascii():
        return ch
    import unicodedata

    if unicodedata.combining(ch):
        return ""
    return _QUOTES.get(ch) or latin_letters(ch) or ch


# A Latin letter no accent can be taken off, as the base letter its Unicode name gives
# ('LATIN SMALL LETTER L WITH STROKE': l), or the few named by a word of their own.
_LATIN_NAME = (
    r"LATIN (?:SMALL |CAPITAL )?(?:LETTER|LIGATURE) (?:SMALL CAPITAL )?"
    r"(?:TURNED |REVERSED |INVERTED |SIDEWAYS |AFRICAN |OPEN |DOTLESS |CLOSED |BARRED )?"
    r"(\w+)"
)
_LATIN_WORDS = {
    "SCHWA": "a", "EZH": "z", "ESH": "sh", "KRA": "k", "YOGH": "y", "WYNN": "w",
    "ALPHA": "a", "GAMMA": "g", "IOTA": "i", "UPSILON": "u", "OMEGA": "o", "ETH": "d",
    "SHARP": "ss", "THORN": "th", "ENG": "ng",
}  # fmt: skip


@cache
def latin_letters(ch: str) -> str:
    """`ch`, a Latin letter no accent can be taken off, as its base Latin letters in
    small letters ('ł' l, 'Ø' o, 'æ' ae, 'ß' ss, 'þ' th); "" for a character that is no
    Latin letter, or one whose name gives none. How an id is made of a title
    (`rules.slug_from_title`: 'Łódź talks' lodz-talks) and what a search reads
    (`text_key`): one rule, so that a search finds what the id spells."""
    import re
    import unicodedata

    found = re.match(_LATIN_NAME, unicodedata.name(ch, ""))
    if found is None:
        return ""
    word = found.group(1)
    return word.lower() if len(word) <= 2 else _LATIN_WORDS.get(word, "")


def words_key(text: str) -> str:
    """What a phrase is known by: its words in any case, however spaced ('Sanctions '
    is 'sanctions'), and as they look: in any Unicode form, full-width letters as the
    letters they are ('ＳＡＮＣＴＩＯＮＳ'), and characters that are not seen (a
    zero-width space) left out (`seen`)."""
    if text.isascii():  # (the common case: no other form, nothing unseen but spaces)
        return " ".join(text.casefold().split())
    import unicodedata

    return " ".join(seen(unicodedata.normalize("NFKC", text).casefold()).split())


# What spaces a name's words as a space does: a hyphen or a dash ('buffer-zone',
# 'buffer zone', 'buffer–zone'), in a category as in a party's name (`rules.party_key`).
HYPHENS = "-\u2010\u2011\u2012\u2013\u2014\u2212"
_HYPHENS = str.maketrans(dict.fromkeys(HYPHENS, " "))


def letters_of(key: str) -> str:
    """The letters and digits of `key`, and the point of a number ('1.5 track' is not
    '15 track'), as a one-dot leader: what a party's name (`rules.party_key`) and a
    category (`category_key`) are known by, so that the spaces, hyphens, dashes and
    other signs between their words, or none, tell no two apart ('FARC-EP', 'FARC_EP'
    and 'FARCEP')."""
    if "." in key:
        import re

        # (the point of a number, between two digits)
        key = re.sub(r"(?<=\d)\.(?=\d)", "\u2024", key)
    return "".join(c for c in key if c.isalnum() or c == "\u2024")


def category_key(name: str) -> str:
    """What a category is known by, as a party's name is: its letters and digits
    (`letters_of`), read as a search reads them (`text_key`: in any case, as they look,
    with or without accents), however spaced, hyphenated or run together
    ('Buffer-Zone', 'buffer_zone' and 'BufferZone' are 'bufferzone'); "" for one that
    says nothing (spaces, or a mark with nothing to go on, written by hand): no
    category."""
    key = text_key(name)
    # (one of signs alone, written by hand, is still the category it spells: by its words)
    key = letters_of(key) or " ".join(key.translate(_HYPHENS).split()) or " ".join(key.split())
    return "" if key and says_nothing(key) else key


def given_twice(ids: Iterable[str]) -> list[str]:
    """The ids of `ids` that come more than once, in the order each first comes again (a
    ledger written by hand may give two measures one id)."""
    seen: set[str] = set()
    found: dict[str, None] = {}
    for ident in ids:
        if ident in seen:
            found[ident] = None
        seen.add(ident)
    return list(found)


def default_extent(status: Status | str) -> Extent:
    """The extent a status has when none is said: full for a measure that has acted
    (implemented, verified, disputed), not initiated otherwise."""
    return Extent.full if status in ACTED else Extent.not_initiated


def parts_counted(recorded: int, expected: int | None) -> int:
    """How many parts a measure made of `recorded` parts is counted as having: the parts
    it is to have (`expected_parts`), when more than are recorded."""
    return max(recorded, expected or 0)


def counts_as_part(status: Status | str) -> bool:
    """Whether a part standing at `status` counts in its whole: every one but a part that
    stands rejected, which leaves the measure as if it were no part of it (all rejected:
    it stands as its own history says, as one without parts). The one home of the rule,
    which `counted_parts`, the plan's graph and the filters ask."""
    return status != Status.rejected


def counted_parts(parts: Iterable[State]) -> list[State]:
    """The states of a measure's parts that count in what it stands at
    (`derive_from_parts`) and in how many of them are verified (`facts.tally_of`):
    those `counts_as_part` counts."""
    return [p for p in parts if counts_as_part(p.status)]


def parts_recorded(statuses: Iterable[Status | str]) -> tuple[int, int]:
    """Of a measure's parts on record, at `statuses`: how many count in it
    (`counts_as_part`), the parts recorded of those it is to have, as `next` counts what
    is left to record; and how many stand rejected, which count for nothing."""
    counted = rejected = 0
    for status in statuses:
        if counts_as_part(status):
            counted += 1
        else:
            rejected += 1
    return counted, rejected


def derive_from_parts(
    own: State,
    parts: Iterable[State],
    undone: Callable[[], bool] | None = None,
    expected: int | None = None,
) -> State:
    """A measure made of parts: implemented as soon as one part has acted, verified
    when every part is verified; its extent from the share of parts that acted
    (none: not initiated; under half: minimal; half or more: intermediate; all:
    full, when each acted in full, else intermediate: a part done in part leaves the
    rest of the whole undone; it counts toward the half, as having acted). Until one
    part has acted it stands as its own history says; reversed, when a part that had
    acted, on record, was reversed (`undone`: whether one of its parts
    that stand reversed had, asked only then; a part added reversed, its action not on
    record, has not acted: the action is a gap still to record; nor does one reversed
    before the measure's own later offer, which then stands: `LedgerLife.offered_again`.
    None: each part reversed is taken to have acted, as its status alone says).
    `expected`: how many parts the measure is to have (its `expected_parts`), when more
    than are recorded: the share counts against it, and it is full, or verified, only
    once that many are recorded, each done in full, or verified. A part that stands
    rejected counts for nothing (`counted_parts`): an offer turned down was never part of
    what is to be done; one withdrawn counts, as a part not carried out (a debt)."""
    return _derived_of(own, counted_parts(parts), undone, expected)


def _derived_of(
    own: State, states: list[State], undone: Callable[[], bool] | None, expected: int | None
) -> State:
    """`derive_from_parts` of the parts that count (`states`), each of them counted."""
    acted = sum(1 for p in states if p.status in ACTED)
    if not states:
        return own
    if acted == 0:
        if any(p.status == Status.reversed for p in states) and (undone is None or undone()):
            return State(Status.reversed, Extent.not_initiated)
        return own
    total = parts_counted(len(states), expected)
    if acted == total and all(p.extent == Extent.full for p in states):
        extent = Extent.full
    elif 2 * acted >= total:
        extent = Extent.intermediate
    else:
        extent = Extent.minimal
    if len(states) == total and all(p.status == Status.verified for p in states):
        return State(Status.verified, extent)
    return State(Status.implemented, extent)


def _derived_before(own: State, parts: list[State]) -> State:
    """What dprk derived, and stored, of a measure made of parts before this rule: full
    once every part had acted, one only in part too (`derive_from_parts` has it
    intermediate then). Asked only to tell what such a dprk wrote (`written_before`)."""
    state = derive_from_parts(own, parts)
    acted = [p for p in parts if p.status in ACTED]
    if acted and len(acted) == len(parts) and state.extent == Extent.intermediate:
        return State(state.status, Extent.full)
    return state


# What an earlier dprk stored of a measure made of parts, where the rule now gives another
# (`written_before`): full once every part had acted, one only in part too; or a part
# that stands rejected counted (as a part that has not acted).
EARLIER_FULL = "full"
EARLIER_REJECTED = "rejected"


def written_before(
    stored: State, own: State, parts: Iterable[State], expected: int | None = None
) -> str | None:
    """Which earlier rule, if any, gave `stored`, the state the file holds of a measure
    made of `parts` (of `own` state, to have `expected` parts), where the rule now gives
    another: `EARLIER_FULL` (`_derived_before`; no such dprk wrote a count of parts to
    expect) or `EARLIER_REJECTED` (its parts that stand rejected counted). No hand edit:
    read as the parts give it until a change of the measure or of a part writes that
    (`check` warns of it)."""
    states = list(parts)
    if stored == derive_from_parts(own, states, expected=expected):
        return None
    if any(p.status == Status.rejected for p in states) and stored == _derived_of(
        own, states, None, expected
    ):
        return EARLIER_REJECTED
    if expected is None and stored == _derived_before(own, states):
        return EARLIER_FULL
    return None


# --- parts: a measure made of others ----------------------------------------------------


class _Part(Protocol):
    @property
    def part_of(self) -> str | None: ...


def parts_by_whole(pairs: Iterable[tuple[str, str | None]]) -> dict[str, list[str]]:
    """What each measure is made of: from (id, part_of) pairs, the ids of the measures
    that name each one as the whole they are part of (never itself), in id order."""
    found: dict[str, list[str]] = {}
    for ident, whole in pairs:
        if whole is not None and whole != ident:
            found.setdefault(whole, []).append(ident)
    for ids in found.values():
        ids.sort()
    return found


def wholes_once(pairs: Iterable[tuple[str, Iterable[str]]]) -> dict[str, list[str]]:
    """What each measure was made of once: from (id, the others it was a part of once)
    pairs, the ids of the measures that were parts of each one on some day, in id order."""
    found: dict[str, list[str]] = {}
    for ident, wholes in pairs:
        for whole in wholes:
            if whole != ident:
                found.setdefault(whole, []).append(ident)
    for ids in found.values():
        ids.sort()
    return found


class _PendingPart(Protocol):
    @property
    def pending(self) -> bool: ...


def pending_below(
    parts: Mapping[str, Sequence[str]],
    index: Mapping[str, _PendingPart],
    ident: str,
    through: Container[str],
) -> list[str]:
    """The pending parts of `ident` that act themselves, looked for down through its parts
    in `through` (made of parts, theirs too); a cycle of parts followed once. Through every
    measure made of parts (`parts`), those an order on `ident` holds as `next` and `plan`
    read it, also once it has acted through another part: each until it acts."""
    found = []
    seen = {ident}
    stack = [ident]
    while stack:
        for p in parts.get(stack.pop(), ()):
            if p not in seen:
                seen.add(p)
                if p in through:
                    stack.append(p)
                elif p in index and index[p].pending:
                    found.append(p)
    return found


def descendants(parts: Mapping[str, Sequence[str]], ident: str) -> list[str]:
    """The parts of `ident`, and theirs, each once (a cycle of parts followed once), in
    the order found."""
    found: list[str] = []
    seen = {ident}
    todo = [ident]
    while todo:
        for p in parts.get(todo.pop(), ()):
            if p not in seen:
                seen.add(p)
                found.append(p)
                todo.append(p)
    return found


def ancestors(index: Mapping[str, _Part], ident: str, most: int | None = None) -> list[str]:
    """The measures `ident` is part of, nearest first (a cycle is followed once; `most`:
    no more than that many)."""
    found: list[str] = []
    seen = {ident}
    current = index.get(ident)
    while (
        current is not None
        and current.part_of is not None
        and current.part_of not in seen
        and (most is None or len(found) < most)
    ):
        found.append(current.part_of)
        seen.add(current.part_of)
        current = index.get(current.part_of)
    return found


class _Undone(_Part, Protocol):
    @property
    def status(self) -> Status: ...
    @property
    def deadline(self) -> date | None: ...


def to_do_again(
    index: Mapping[str, _Undone], ident: str, parts: Container[str], debtors: Container[str]
) -> bool:
    """Whether measure `ident` of `index` is to be carried out again: it stands reversed,
    acts itself (not made of parts, `parts`: the rest of one made of parts is its parts'
    to do), and owes, or is a part of a measure that owes (of a part of one, and so on),
    `debtors` being those that do (`owing`). A measure owes so when the other side is
    owed for it, or when it has a deadline in force, passed or not: the deadline says it
    is to be carried out by then, and undone it is not (past it, `status` calls it
    overdue). One nobody is owed for, with no deadline, is not: nothing is to be done
    again. The one home of the rule: `next` and `plan` list such a measure as one to do
    (`sequencing._again`), and an order set on it holds it (`operations.sequence` says
    when one holds nothing)."""
    m = index.get(ident)
    if m is None or m.status != _REVERSED or ident in parts:
        return False
    if ident in debtors or m.deadline is not None:
        return True
    for w in ancestors(index, ident):
        whole = index.get(w)
        if w in debtors or (whole is not None and whole.deadline is not None):
            return True
    return False


_REVERSED = Status.reversed  # (a member looked up once: `to_do_again` runs per measure)


class _Order(Protocol):
    @property
    def after(self) -> str | None: ...
    @property
    def with_(self) -> str | None: ...


class _Other(Protocol):
    @property
    def other(self) -> str: ...


class _Linked(Protocol):
    @property
    def in_exchange_for(self) -> Sequence[str]: ...
    @property
    def constraints(self) -> Sequence[_Other]: ...
    @property
    def part_of(self) -> str | None: ...


def references(m: _Linked) -> set[str]:
    """The ids a measure refers to: what it is exchanged for, sequenced with (after or
    together with), and part of."""
    found = set(m.in_exchange_for)
    found.update(c.other for c in m.constraints)
    if m.part_of is not None:
        found.add(m.part_of)
    return found


class _Standing(Protocol):
    @property
    def status(self) -> Status: ...
    @property
    def constraints(self) -> Sequence[_Order]: ...


class Standing:
    """What a measure's status and constraints say of it, for a `model.Measure` and for
    the analyses' `facts.Node` alike."""

    __slots__ = ()

    @property
    def acted(self: _Standing) -> bool:
        return self.status in ACTED

    @property
    def pending(self: _Standing) -> bool:
        return self.status in PENDING

    @property
    def verified(self: _Standing) -> bool:
        return self.status == Status.verified

    @property
    def after(self: _Standing) -> list[str]:
        return [c.after for c in self.constraints if c.after is not None]

    @property
    def together_with(self: _Standing) -> list[str]:
        return [c.with_ for c in self.constraints if c.with_ is not None]


# What a line says around a dprk command it quotes that is not run on the ledger the line
# is about, so that `run_as` leaves it as it is: one to run in the ledger an imported
# file came from ('dprk resolve' in the ledger it was exported from), one named for what
# it writes ('as 'dprk export' writes them', 'dprk export' (JSON, JSON lines, CSV or
# TSV)), and one named as what something is of ('the output of 'dprk status'').
IN_THE_SOURCE = "in the ledger it was exported from"
EXPORT_FORMATS = "(JSON, JSON lines, CSV or TSV)"
_NOT_RUN_HERE = (IN_THE_SOURCE, "writes", EXPORT_FORMATS)


def run_as(text: str, prog: str, commands: Collection[str]) -> str:
    """`text` with each dprk command it advises ('dprk ...', one of `commands`) begun with
    `prog` (a ledger named with --ledger: 'dprk --ledger FILE'), so that it works as it is
    given. (A value it quotes that begins so, an actor 'dprk government', is left as it
    is; so is a command that names its ledger already, as `check` writes them, and one
    the line says is not run on this ledger: `_NOT_RUN_HERE` after it, 'of' before it.)"""
    if prog == "dprk" or "'dprk " not in text:
        return text
    import re

    names = "|".join(re.escape(c) for c in sorted(commands, key=len, reverse=True))
    elsewhere = "|".join(re.escape(words) for words in _NOT_RUN_HERE)
    # (and each command after the first of several it joins: 'dprk a && dprk b')
    return re.sub(
        rf"(?:(?<=')|(?<= && ))(?<!of ')dprk (?=(?:{names})[ '])(?![^']*' (?:{elsewhere})(?!\w))",
        lambda _: f"{prog} ",
        text,
    )


def ordinal(n: int) -> str:
    """`n` as an ordinal number in figures: '1st', '2nd', '3rd', '4th', '11th', '22nd'."""
    end = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{end}"


def shell_word(text: str) -> str:
    """`text` as one word of a command a message advises, which the message quotes in
    '': as it is when the shell reads it so, else in double quotes ('dprk add-party
    "North Korea"'); text holding a character that is not shown as itself (a zero-width
    space, which a message writes as an escape) or a '!' in the shell's $'...' quotes,
    where that escape reads back as the character ('dprk rename-party $'DPRK\\u200b'
    DPRK')."""
    import re

    if text and re.fullmatch(r"[\w@%+=:,./-]+", text, re.ASCII):
        return text
    if not text.replace(" ", "").isprintable() or "!" in text:
        # (and a '!', which an interactive shell expands in double quotes: 'a!b.toml')
        return "$'" + "".join(_escaped(c) for c in text) + "'"
    return '"' + "".join("\\" + c if c in '"\\$`' else c for c in text) + '"'


def path_word(path: str) -> str:
    """A file's name as one word of a command a message advises (`shell_word`), with
    './' before a relative name that starts with '-', which a command would take for an
    option ('iconv ... ./-rows.csv')."""
    return shell_word("./" + path if path.startswith("-") else path)


def _escaped(c: str) -> str:
    if c in "\\'":
        return "\\" + c
    if c == " " or c.isprintable():
        return c
    code = ord(c)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def state_text(status: Status, extent: Extent, *, full: bool = False) -> str:
    """'implemented', 'implemented (intermediate)', 'verified (minimal)', 'agreed';
    `full`: the full extent named too, 'implemented (full)' (a step of a measure whose
    history records another extent: read alone, a bare 'implemented' would not say
    how far it went)."""
    if status in ACTED and (extent != Extent.full or full):
        return f"{status.value} ({extent.value})"
    return status.value


class _Step(_Entry, Protocol):
    @property
    def status(self) -> Status | None: ...
    @property
    def extent(self) -> Extent | None: ...


def says_extents(history: Iterable[_Step]) -> bool:
    """Whether the steps of a measure (its `history`) are shown with the extent each
    reached, full too: it records an implementation short of full, beside which a bare
    'implemented' does not say how far a step went (`step_extent`, `step_detail`)."""
    return any(h.extent not in (None, Extent.full) for h in history)


def step_extent(entry: _Step, extents: bool) -> Extent | None:
    """The extent `entry` is shown with (`extents`: `says_extents` of its measure): the
    one it records, or full for an implementation in full (a creation as implemented
    too) where extents are said."""
    if extents and entry.event in (CREATED, "status") and entry.status == Status.implemented:
        return entry.extent or Extent.full
    return entry.extent


def undone_by(entry: _Entry) -> str | None:
    """The party that undid a measure, as the entry of its reversal names it (`by`: `mark
    reversed --by`), where another than its actor did; None for any other entry, and for
    a reversal that names none (its actor's, or one the record does not say who made)."""
    return getattr(entry, "by", None)


class _Undoing(_Entry, Protocol):
    @property
    def date(self) -> date: ...
    @property
    def by(self) -> str | None: ...


def reversals_by_others(history: Iterable[_Undoing]) -> tuple[tuple[date, str], ...]:
    """The day of each reversal in `history` another party than the measure's actor made,
    with that party, as its entry names it (`by`, as `undone_by` reads one entry)."""
    return tuple((h.date, h.by) for h in history if h.by is not None)


def by_said(party: str) -> str:
    """Who undid a measure, as the words of its reversal say it after the day or the
    status: ' by DPRK' (the confirmation line, `log`, `show`, the timeline)."""
    return f" by {party}"


def step_detail(entry: _Step, extents: bool) -> str:
    """`entry`'s detail as shown: an implementation in full worded as `state_text` says
    it, '(created as) implemented (full)', where extents are said (`says_extents`); a
    merge's entry with the words that say so (`MERGE_SHOWN`); a reversal by another party
    than its actor with who undid it after its words, before the sources it brought
    ('reversed by DPRK; source: Yonhap': `undone_by`); a detail not in dprk's own words
    (edited by hand) as it is."""
    if is_party_merge(entry):
        return entry.detail + MERGE_SHOWN
    by = undone_by(entry)
    if by is not None:
        words, between, brought = entry.detail.partition(SOURCES_BETWEEN)
        return f"{words}{by_said(by)}{between}{brought}"
    if not extents or step_extent(entry, extents) != Extent.full:
        return entry.detail
    bare, said = Status.implemented.value, state_text(Status.implemented, Extent.full, full=True)
    # (the sources it brought said after its words: `with_sources_said`)
    words, between, brought = entry.detail.partition(SOURCES_BETWEEN)
    if words in (bare, f"created as {bare}"):
        return words.replace(bare, said) + between + brought
    return entry.detail
