"""The rules a ledger keeps, each in one function that `dprk check` and every write ask.

What an id is (`check_id`, `slug_from_title`), what a party is
(`require_party`), and the errors a ledger can hold: links to ids that do
not exist or that the other side does not return, undeclared parties, a
history the rules of a measure's life do not allow (`lifecycle.replay`), a
stored status or extent that differs from the replay (or a dated field, or an
exchange link, from what its history says), parts that contain themselves,
merge conflicts waiting for `dprk resolve`.

Each rule is a function `(context, measure) -> messages`, so that `dprk
check` runs them over the whole ledger and a write runs them over just the
measures it touched and their neighbours (`new_problems`): a write is refused
when it would add an error, while errors already in a hand-edited file are
left to the commands that fix them.
"""

from __future__ import annotations

import difflib
import functools
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Collection, Container, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple, Protocol, cast

from .errors import DprkError, UsageError
from .lifecycle import (
    CONTRADICTING_DATES,
    DATED_FIELDS,
    FINDING_RECORDS,
    MISSING_STEPS,
    ORDER_REPLACED,
    ORDERS,
    TRANSITIONS,
    WARNING_CHECKS,
    WITHOUT_ACTION,
    LedgerLife,
    Life,
    Step,
    StepAfterActing,
    Unlike,
    correction,
    describe_entry,
    drop_advice,
    in_log_order,
    links_in_force,
    match_verifications,
    own_undated_day,
    redate_advice,
    redate_unnumbered,
    replay,
    step_problem,
    unentered,
    unnumbered,
    was_part_of,
)
from .vocab import (
    A_PARTY,
    ACTED,
    CREATED,
    EARLIER_REJECTED,
    HYPHENS,
    PARTS_DEPTH,
    PENDING,
    VERIFICATION,
    Extent,
    MergedInto,
    Order,
    Require,
    State,
    Status,
    ancestors,
    commas_and_more,
    counted,
    default_extent,
    id_problem,
    in_prose,
    is_overdue,
    latin_letters,
    letters_of,
    one_form,
    parts_in_brief,
    party_in_prose,
    possessive,
    references,
    rename_text,
    renamed_from,
    reversals_by_others,
    seen,
    shell_word,
    state_text,
    words_key,
)

if TYPE_CHECKING:
    from .facts import Node
    from .model import Conflict, HistoryEntry, Measure, MeasureIndex

ERROR = "error"
WARNING = "warning"
# A history entry recorded after now: `check` warns of it (`analysis.checks`), and a write
# that records an entry after it says so (`draft`).
RECORDED_AFTER_NOW = "recorded-after-now"
# An event a write records dated after the day the talks ended (the header's `ended`):
# allowed, and said, since the views read the ledger as of the end (`draft`).
AFTER_THE_END = "after-the-end"


def severity(check: str) -> str:
    """How bad a problem of the rules below is: an error, but for a step that a record
    rebuilt after the fact still lacks (`lifecycle.MISSING_STEPS`), one party's two
    measures exchanged for each other (`EXCHANGE_WITHIN`), a deadline before the
    measure was made (`DEADLINE_BEFORE_CREATION`) and an undated creation of a measure
    made of parts left on another day than its parts date it (`CREATION_HISTORY`: every
    report holds it from theirs; a file an earlier dprk wrote may hold it) and a whole
    stored as an earlier dprk derived it from its parts (`EXTENT_BEFORE`), and a part
    of another party's measure (`PARTS_OF_ANOTHER_PARTY`), and a part exchanged for what
    its whole is exchanged for (`EXCHANGED_WITH_ITS_WHOLE`), a warning."""
    return WARNING if check in _WARNINGS else ERROR


EXCHANGE_WITHIN = "exchange-within-a-party"
DEADLINE_BEFORE_CREATION = "deadline-before-creation"
CREATION_HISTORY = "creation-history"
# A measure whose status its history does not give (a status set by hand): reads warn of it.
STATUS_HISTORY = "status-history"
# A measure made of parts stored as an earlier dprk derived it (`extent_written_before`).
EXTENT_BEFORE = "extent-before"
PARTS_OF_ANOTHER_PARTY = "parts-of-another-party"
EXCHANGED_WITH_ITS_WHOLE = "exchanged-with-its-whole"
_WARNINGS = WARNING_CHECKS | {
    EXCHANGE_WITHIN,
    DEADLINE_BEFORE_CREATION,
    CREATION_HISTORY,
    EXTENT_BEFORE,
    PARTS_OF_ANOTHER_PARTY,
    EXCHANGED_WITH_ITS_WHOLE,
}


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


# --- what an id is ----------------------------------------------------------------------
# (`vocab.id_problem` says why a text cannot be an id: a read given one needs no rules)


def check_id(ident: str, option: str = "--id") -> str:
    """`ident` if it can be a measure id; a usage error naming `option` if not."""
    problem = id_problem(ident)
    if problem is not None:
        raise UsageError(f"{option}: {problem}")
    return ident


@functools.cache
def _latin_plain(ch: str) -> str:
    """`ch`, a letter no accent can be taken off, as its base Latin letters
    (`vocab.latin_letters`, as a search reads them: "" for one that is not Latin, or
    whose name gives none; dropped, they made ids that misled: 'strae-closure',
    'odz-meeting'). A character that is no letter, mark, digit or invisible format
    character (a dash of any kind, an arrow, a symbol, a space) is a space: it parts
    the words either side, as '-' and ' ' do ('Kravchuk–Yeltsin' kravchuk-yeltsin,
    'HEU→LEU' heu-leu; run together, they misled)."""
    if unicodedata.category(ch)[0] in "PSZ":
        return " "
    return latin_letters(ch)


def _slug_words(text: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", text)
    if not plain.isascii():
        plain = "".join(c if c.isascii() else _latin_plain(c) for c in plain)
    return re.findall(r"[a-z0-9]+", plain.lower())


def slug_from_title(
    title: str, taken: Container[str], *, actor: str = "", when: date | None = None
) -> str:
    """A readable, unused id from a title: 'Close the test site' -> 'close-the-test-site'.

    A title with no Latin letters or digits (한국어, 中文...) gives an id from the
    actor and the date instead: 'dprk-2018-07-23'.
    """
    slug = ""
    for word in _slug_words(title):
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > 48:
            break
        slug = candidate
    if not slug:
        stem = "-".join(_slug_words(actor))[:30] or "measure"
        slug = f"{stem}-{when.isoformat()}" if when is not None else stem
    ident, n = slug, 2
    while ident in taken:
        ident = f"{slug}-{n}"
        n += 1
    return ident


def blank_text(m: Measure) -> str | None:
    """A category of spaces only, which the command line refuses (`cli.app`; "" says
    none), or None. An import checks its rows so. (A blank title, source, verifier or
    piece of evidence the model itself refuses: `model.Saying`.)"""
    if m.category and not m.category.strip():
        return "field 'category' is blank (leave it empty for none)"
    return None


def made_of_parts_message(
    ident: str, parts: list[str], instead: str, *, on: date | None = None
) -> str:
    """Why a change is refused of a measure made of `parts` (it stands as they do), and
    what to do `instead`; `on`: the day it was made of them, when some have left since."""
    shown = parts_in_brief(parts)
    was = "is made of parts" if on is None else f"was made of parts on {on}"
    return f"measure '{ident}' {was} ({shown}): {instead}; its status and extent follow them"


def id_key(ident: str) -> str:
    """What an id is known by, its case set aside: two ids of one key but not one id
    differ in case alone, which a new measure's may not (`case_twin`)."""
    return ident.casefold()


def case_twin(ident: str, ids: Iterable[str]) -> str | None:
    """The id among `ids` that differs from `ident` in case alone ('Foo' for 'foo'),
    which a new measure may not take: a reader, a spreadsheet and a file system blind to
    case do not tell two such measures apart. None when there is none."""
    key = id_key(ident)
    return next((i for i in ids if i != ident and id_key(i) == key), None)


def unknown_id_message(
    ident: str | Sequence[str],
    known: Iterable[str],
    *,
    beside: str | None = None,
    as_of: date | None = None,
) -> str:
    """'no measure with id X', with the nearest ids as suggestions (one in another case
    first, said with why: ids are case-sensitive; else those that hold its words,
    `_holding`; else those spelt nearly so); of several ids, each named once, with its
    suggestions. `beside`: the measure the id was given with (`unlink A B`, `sequence A
    --remove B`), never the one meant (it cannot be linked or ordered with itself), so
    left out, and those it refers to or that refer to it (`_beside`) named first among
    the near ids: those such a command can change. Of one id whose words more ids hold
    than are named, how many more, and the search that finds them. An id a measure had
    before 'dprk rename' gave it another is answered with the id it has now
    (`_renamed_to`), as a party's former name is; one of a measure removed since, whose
    removal a measure records (`_removed_on`), with that removal, not with ids near it:
    no other measure is the one meant, and none can be linked or ordered with it now.
    `as_of`: asked by a view of that past day, of the ledger as it stands (`known`); one
    removed after it is said so too: the file keeps no record of a measure removed, so
    no view of a day before its removal holds it (`analysis.asof.as_of`)."""
    ids = [i for i in known if i != beside]
    first = _beside(beside, known)
    asked = [ident] if isinstance(ident, str) else list(ident)
    renamed = {one: new for one in asked if (new := _renamed_to(one, known)) is not None}
    removed = {
        one: gone
        for one in asked
        if one not in renamed and (gone := _removed_on(one, known)) is not None
    }
    if len(asked) == 1 and renamed:
        new = renamed[asked[0]]
        return f"no measure with id '{asked[0]}': it was renamed {new}; give {new}"
    if len(asked) == 1 and removed:
        day, holders = removed[asked[0]]
        before = (
            "; the file keeps no record of a measure removed, so no view of a day before "
            "its removal shows it"
            if as_of is not None and as_of < day
            else ""
        )
        return (
            f"no measure with id '{asked[0]}': it was removed from the ledger on {day} (its "
            f"removal is recorded on {', '.join(holders)}){before}"
        )
    near = [(one, [] if one in removed else near_ids(one, ids, first)) for one in asked]
    missing = any(not c for one, c in near if one not in renamed and one not in removed)
    listed = "; 'dprk status --format ids' lists them" if missing else ""
    if len(near) == 1:
        one, close = near[0]
        if not close:
            return f"no measure with id '{one}'{listed}"
        held = _holding(one, ids)
        more = ""
        if len(held) > len(close):
            word = max(_id_words(one), key=len)
            n = len(held) - len(close)
            hold = "holds" if n == 1 else "hold"
            more = f" ({n} more {hold} '{word}'; see 'dprk status --search {word}')"
        cased = " (ids are case-sensitive)" if _cased(one, close, ids) else ""
        return f"no measure with id '{one}'{cased}; did you mean {', '.join(close)}?{more}"
    said = [
        f"'{one}' (renamed {renamed[one]})"
        if one in renamed
        else f"'{one}' (removed on {removed[one][0]})"
        if one in removed
        else f"'{one}'"
        + (
            f" ({'ids are case-sensitive; ' * _cased(one, c, ids)}did you mean {', '.join(c)}?)"
            if c
            else ""
        )
        for one, c in near
    ]
    return f"no measures with ids {', '.join(said)}{listed}"


def _cased(ident: str, near: list[str], ids: list[str]) -> bool:
    """Whether the id meant is `ident` in another case (`near` is its twin alone): every
    command takes an id in its exact case, as it is kept (a party's name, a word, is
    taken in any case), so the refusal says why `ident` names none."""
    return near == [case_twin(ident, ids)]


def _renamed_to(ident: str, known: Iterable[str]) -> str | None:
    """The id that the measure once given id `ident` has now, by the entry 'dprk rename'
    wrote on it ('renamed from ident'; of several, the last recorded), when `known` is
    an index of measures; else None. Asked only of an id found missing: the index reads
    only the measures whose kept record may name it (`MeasureIndex.mentioning`)."""
    mentioning = getattr(known, "mentioning", None)
    if mentioning is None:
        return None
    index = cast("Mapping[str, Measure]", known)
    found = _renames_on(index, mentioning(ident)).get(ident)
    return found[0] if found is not None else None


def _removed_on(ident: str, known: Iterable[str]) -> tuple[date, list[str]] | None:
    """The day the measure with id `ident` was last removed from the ledger, and the
    measures that record it so (`changes.removals_recorded`: the entry a removal writes
    on each whose reference to it it dropped), when `known` is an index of measures;
    else None, as for a removal no measure records. Asked only of an id found missing,
    as `_renamed_to` is: the measures read are those whose kept record may name it."""
    from .changes import removals_recorded

    mentioning = getattr(known, "mentioning", None)
    if mentioning is None:
        return None
    index = cast("Mapping[str, Measure]", known)
    days = {
        other: day
        for other in mentioning(ident)
        if other in index and (day := removals_recorded(index[other]).get(ident)) is not None
    }
    if not days:
        return None
    last = max(days.values())
    return last, sorted(other for other, day in days.items() if day == last)


def renamed_ids(index: MeasureIndex) -> dict[str, tuple[str, HistoryEntry]]:
    """Every id a measure of `index` had before 'dprk rename' gave it another, with the
    id it has now and the rename's entry ('renamed from ident'; of several, the last
    recorded), as `unknown_id_message` answers one: what an import reads an old id as.
    The measures read are those whose kept record may hold a rename's words."""
    return _renames_on(index, index.mentioning(rename_text("")))


def rename_steps(m: Measure) -> list[tuple[str, str, HistoryEntry]]:
    """The renames of `m`'s id its history records, in the order they were made: each
    the id it had, the id it gave (the next rename's old id, the last one's `m.id`) and
    its entry. A rename is matched with another ledger's by the three (the entry's day)."""
    entries = sorted((h for h in m.history if renamed_from(h) is not None), key=_made)
    olds = [cast("str", renamed_from(h)) for h in entries]
    return list(zip(olds, [*olds[1:], m.id], entries, strict=False))  # (none: no rename)


def _made(h: HistoryEntry) -> tuple[datetime, date]:
    """When a rename was made, to read several in the order they were made in."""
    return (h.recorded, h.date)


def renames_made(index: MeasureIndex) -> dict[tuple[str, str, date], str]:
    """Every rename the measures of `index` record (`rename_steps`: the id it had, the
    one it gave, its day), with the id of the measure that holds it now: the renames a
    file's measure records that this ledger made too, whatever was renamed since."""
    return {
        (old, new, h.date): ident
        for ident in index.mentioning(rename_text(""))
        if ident in index
        for old, new, h in rename_steps(index[ident])
    }


def _renames_on(
    index: Mapping[str, Measure], ids: Iterable[str]
) -> dict[str, tuple[str, HistoryEntry]]:
    """The ids the measures `ids` of `index` had before a rename, each with the id of the
    one that had it last (by when its rename was recorded) and that rename's entry."""
    found: dict[str, tuple[str, HistoryEntry]] = {}
    for other in ids:
        if other not in index:
            continue
        for h in index[other].history:
            old = renamed_from(h)
            if old is not None and (old not in found or h.recorded > found[old][1].recorded):
                found[old] = (other, h)
    return found


NEAR_IDS = 3  # (the most suggestions an unknown id is given)


def near_ids(ident: str, ids: list[str], first: Collection[str] = ()) -> list[str]:
    """The ids nearest `ident`: one in another case first; else those that hold its
    words (`_holding`: 'punggye' for 'punggye-ri-closure'); else those spelt nearly so;
    of these, those in `first` before the rest. An id that is `ident` with its numbers
    written with zeros before them or without (`_unpadded`: pp-05 for 'pp-5') comes
    before them all: pp-53 is spelt as near 'pp-5', but is not the fifth."""
    twin = case_twin(ident, ids)
    if twin:
        return [twin]
    key = _unpadded(ident) if any(c.isdigit() for c in ident) else None
    padded = [] if key is None else [i for i in ids if i != ident and _unpadded(i) == key]
    near = _holding(ident, ids) or difflib.get_close_matches(
        ident, ids, n=max(len(ids), 1), cutoff=0.6
    )
    near = padded + [i for i in near if i not in padded]
    return sorted(near, key=lambda i: (i not in padded, i not in first))[:NEAR_IDS]


def _unpadded(ident: str) -> str:
    """`ident` as `id_key` knows it, each of its numbers without the zeros before it:
    'PP-05' and 'pp-5' are 'pp-5', 'item-007.2' is 'item-7.2'."""
    return re.sub(r"\d+", lambda n: n.group().lstrip("0") or "0", id_key(ident))


def _beside(ident: str | None, known: Iterable[str]) -> set[str]:
    """The measures that measure `ident` refers to or that refer to it (exchange,
    sequencing, part of), when `known` is an index of measures holding it; else none."""
    if ident is None or not hasattr(known, "referrers") or ident not in known:
        return set()
    index = cast("MeasureIndex", known)
    return (references(index[ident]) | index.referrers({ident})) - {ident}


def _id_words(ident: str) -> list[str]:
    """The words of an id, in any case: 'Punggye-ri' is 'punggye' and 'ri'."""
    return [w for w in re.split(r"[-_.]+", id_key(ident)) if w]


def _holding(ident: str, ids: list[str]) -> list[str]:
    """The ids that hold every word of `ident` (in any case, as `status --search` finds
    text; a word of two letters as a word of their own: 'ri' in 'punggye-ri-closure',
    not 'us' in 'suspension'), those that hold each as a word of their own first
    ('summit' in 'second-summit' before 'summitry'), else in the order given. None for
    an id with a word of one letter."""
    words = _id_words(ident)
    if not words or any(len(w) < 2 for w in words):
        return []

    def holds(i: str) -> bool:
        key, own = id_key(i), _id_words(i)
        return all(w in key if len(w) > 2 else w in own for w in words)

    found = [i for i in ids if holds(i)]
    return sorted(found, key=lambda i: -len(set(words) & set(_id_words(i))))


# --- what a party is --------------------------------------------------------------------


def party_key(name: str) -> str:
    """What makes two names one party: 'DPRK', 'dprk' and ' DPRK' name the same side, and
    so do two names that look the same: one letter written as two code points or one
    (ç, or c and a cedilla, as text copied from a PDF may hold it), full-width letters
    (ＵＳ), an invisible character inside (a zero-width space or joiner), spaces doubled
    ('38  North'), a Cyrillic or Greek letter among Latin ones that looks like a Latin
    letter (the Cyrillic Р in 'DРRK'), a name written with the dots of an
    abbreviation or without them ('U.S.', 'U.S' and 'US'), one written with other
    spaces or hyphens inside it, or none ('FARC-EP', 'FARC EP' and 'FARCEP'; 'D P R K'
    and 'D-PRK' are the DPRK), and one written with other punctuation or accents, or
    none ("Côte d'Ivoire", 'Cote d’Ivoire' and 'COTE DIVOIRE'; 'FARC_EP' and 'FARC/EP'; a
    letter with a stroke or a ligature as the letters it is made of: 'Łódź' and 'Lodz'):
    no two sides are told apart by them alone. A name is known by its letters and
    digits; one that has none (all signs) by its words."""
    key = words_key(name)
    if key.isascii():
        letters = letters_of(key)
        return letters or key
    import unicodedata

    # (an accent apart from its letter, and left out: a mark is neither letter nor digit;
    # a Latin letter no accent can be taken off read plain, as a search and an id read
    # it: 'Łódź' is Lodz, 'Strømsø' Stromso)
    letters = "".join(
        c if c.isascii() else latin_letters(c) or c
        for c in letters_of(unicodedata.normalize("NFKD", key))
    )
    if not letters:
        return key
    if letters.isascii() or not any(c.isascii() for c in letters):
        return letters  # (one script: a name in Cyrillic or Greek alone is its own)
    return _in_its_script(letters)


# The small words a name's initials may leave out ('of' of the DPRK, the Democratic
# People's Republic of Korea) or keep (of the ROK, the Republic of Korea), as party keys.
_SMALL_WORDS = frozenset({"a", "an", "and", "de", "for", "in", "of", "on", "s", "the", "to"})


@functools.lru_cache(maxsize=1024)
def initials(name: str) -> frozenset[str]:
    """The initials of a name of two words or more, as `party_key` reads a name: the
    first letter or digit of each word, its small words (`_SMALL_WORDS`, "'s" among them)
    kept and left out: 'us' of United States, 'dprk' and 'dprok' of the Democratic
    People's Republic of Korea, 'rok' of the Republic of Korea; none of a name of one
    word. Read only where a name is judged near a party's (`_nearest_scored`), a ledger's
    few names each once."""
    keys = [k for k in map(party_key, name.split()) if k]
    every = "".join(k[0] for k in keys)
    main = "".join(k[0] for k in keys if k not in _SMALL_WORDS)
    return frozenset(i for i in (every, main) if len(i) >= 2)


def abbreviates(name: str, party: str) -> bool:
    """Whether one of two names is the initials of the other's words (`initials`; in any
    case, with or without the dots of an abbreviation): 'US' and United States, 'U.K.'
    and the United Kingdom; not the USSR and the Soviet Union (SU). Such a name is taken
    for that party wherever a name is judged near one (`nearest_party`), and a finding by
    it for its own word (`verify`)."""
    return party_key(name) in initials(party) or party_key(party) in initials(name)


def initials_of(name: str, parties: Iterable[str]) -> str | None:
    """The first of `parties` that `name` is one by its initials (`abbreviates`), or None."""
    return next((p for p in parties if abbreviates(name, p)), None)


def alike_key(title: str, actor: str) -> tuple[str, str]:
    """What makes two measures alike, one measure added twice most likely (on two git
    branches under two ids, by hand, or typed again): one title (`vocab.words_key`) and
    one actor (`party_key`). `dprk check` warns of two (measures-alike), and
    `add-measure` of one it adds beside another."""
    return words_key(title), _side(actor)


@functools.lru_cache(maxsize=1024)
def _side(actor: str) -> str:
    return party_key(actor)  # (a ledger holds a few parties: each made once)


# An id a spreadsheet or pandas reads as a number: digits, a decimal point, an exponent
# ('0012', '12.0', '1e5'), as its id and the number read from it both may be written.
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?")


def number_read(value: object) -> object | None:
    """The number an id (or a number read in its place) reads as, to tell an id that a
    spreadsheet or pandas turned into a number ('0012' read as 12, '1e5' as 100000.0):
    equal for '0012', 12, '12.0' and 12.0; None for an id that reads as no number."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    text = value if isinstance(value, str) else repr(value)
    if _NUMBER.fullmatch(text) is None:
        return None
    from decimal import Decimal  # (exact, and for any size: no float's rounding)

    return Decimal(text)


def same_number(ids: Iterable[str], value: object) -> list[str]:
    """The ids of `ids` that read as the number `value` reads as (`number_read`), an id
    equal to `value` left out: those a spreadsheet or pandas may have turned into it."""
    number = number_read(value)
    if number is None:
        return []
    return [i for i in ids if i != value and number_read(i) == number]


# What spaces a name's words (a space, as `words_key` leaves it, or a hyphen or a dash:
# 'FARC-EP', 'FARC EP', 'FARC–EP'): what `new_party_problem` says two names differ in.
_SPACING = str.maketrans("", "", " " + HYPHENS)

# Cyrillic and Greek letters (as `casefold` leaves them) that look like a Latin letter,
# in capitals or in small letters.
_LATIN_LOOKALIKES = str.maketrans(
    "авеікмнорстухѕјԁԛԝүһӏαβεζηικμνορτυχ",
    "abeikmhopctyxsjdqwyhlabezhikmnoptyx",
)


_CYRILLIC, _GREEK = "авеікмнорстухѕјԁԛԝүһӏ", "αβεζηικμνορτυχ"
# The other way, for a name mostly in Cyrillic or Greek: each Latin letter that looks like
# one of that script (the first, where two do: 'y' is у).
_AS_CYRILLIC = str.maketrans(dict(zip("abeikmhopctyxsjdqwyhl"[::-1], _CYRILLIC[::-1], strict=True)))
_AS_GREEK = str.maketrans(dict(zip("abezhikmnoptyx", _GREEK, strict=True)))


def _in_its_script(letters: str) -> str:
    """A name's letters written in two scripts, read in the one most of them are in: a
    Cyrillic or Greek letter among Latin ones as the Latin it looks like ('Irаn', its а
    Cyrillic, is Iran), and a Latin one among Cyrillic or Greek letters as theirs
    ('Россия' with a Latin o typed in it is Россия; 'ЕС', all Cyrillic, stays beside a
    Latin 'EC')."""
    others = [c for c in letters if not c.isascii()]
    if len(others) * 2 <= len(letters):
        return letters.translate(_LATIN_LOOKALIKES)
    cyrillic = sum("\u0400" <= c <= "\u052f" for c in others) * 2 > len(others)
    return letters.translate(_AS_CYRILLIC if cyrillic else _AS_GREEK)


def own_word(by: str, actor: str) -> bool:
    """Whether a finding by `by` on a measure `actor` was to carry out (that day) is the
    party's own word about its own step: no verification, which needs an independent
    verifier. The names are compared as parties are (`party_key`; a ledger holds a few
    parties and verifiers: each name's key made once)."""
    return _side(by) == _side(actor)


def by_a_party(by: str, parties: Collection[str]) -> bool:
    """Whether a finding by `by` is a declared party's (`party_named`): a party's claim
    about another's step, which `verify` records (only the actor's own word is refused)
    and the ledger reads as any finding, but which is no independent verifier's. A
    finding names its verifier as the party is named on the day a view reads (a rename
    or a merge of a party renames its findings; a past day's view names it as it was
    then, its parties too), so the parties of that view say it."""
    return party_named(by, parties) is not None


def _name_words(name: str) -> list[str]:
    """A name's words, each as a party's name is known (`party_key`), spaced by spaces,
    hyphens or dashes ('UNSC-appointed team': unsc, appointed, team)."""
    words = (party_key(w) for w in name.translate(_WORDS_APART).split())
    return [w for w in words if w]


_WORDS_APART = str.maketrans(dict.fromkeys(HYPHENS, " "))


def party_in_verifier(by: str, actor: str, parties: Collection[str]) -> str | None:
    """The declared party whose whole name a verifier's name `by` holds among its words
    ('Republic of Iraq' holds Iraq; 'Iraqi Directorate' and 'UNSCOM' hold none), the
    measure's actor `actor` first, then the others as declared; None when it holds none,
    or names a declared party itself (`party_named`: its finding is that party's). Such
    a verifier may be the party under another name, its word taken for an independent
    verifier's, or a separate body named after it (the Iraq Survey Group): not refused,
    warned of (`party_in_verifier_said`), by `verify` as it records one and by `check`."""
    if party_named(by, parties) is not None:
        return None
    words = _name_words(by)
    if len(words) < 2:
        return None
    for party in dict.fromkeys([actor, *parties]):
        own = _name_words(party)
        if own and any(words[i : i + len(own)] == own for i in range(len(words) - len(own) + 1)):
            return party
    return None


def party_in_verifier_said(
    by: str, party: str, actor: str, ident: str, day: date, *, number: int | None = None
) -> str:
    """What a finding by `by` on measure `ident` dated `day` is warned of, `by` holding
    the name of `party` (`party_in_verifier`), the measure's actor that day `actor`: if
    it is the actor's own word, it is no verification (a note); if another party's, its
    claim (recorded under its name). `number`: the entry of the finding on record, which
    `check` names and drops, as `import` and `rename-verifier` do of one they wrote
    ('its finding on DAY (entry N): ...'; None: `verify` as it records it, which `undo`
    takes back)."""
    named = (
        f"{party_in_prose(by, quoted=True)} contains the name of the party {party_in_prose(party)}"
    )
    if number is not None:
        named = f"its finding on {day} (entry {number}): {named}"
    whose = possessive(party_in_prose(party))
    if number is None:
        mend = "take it back with 'dprk undo'"
    else:
        mend = f"drop it with 'dprk drop-finding {shell_word(ident)} {number}'"
    if party_key(party) != party_key(actor):
        return (
            f"{named}; if this is {whose} word, {mend} and record it under {whose} name "
            f"(--by {shell_word(party)}): a party's claim, not an independent verifier's"
        )
    then = "its actor that day" if number is not None else f"the actor of '{ident}' on {day}"
    return (
        f"{named}, {then}; if this is {whose} own word, {mend} and record it with "
        f"'dprk note {shell_word(ident)} TEXT --date {day}' instead (a party's own word is "
        "not verification)"
    )


def party_finder(parties: Collection[str]) -> Callable[[str], bool]:
    """Whether a finding by a name is a declared party's (`by_a_party`), of `parties`,
    those of the day a view shows: what every view asks of each finder it names, to say
    it is a party's ('refuted (Russia, a party)': `shapes.finders_text`)."""
    return lambda by: by_a_party(by, parties)


def finder_said(by: str, parties: Collection[str]) -> str:
    """Who made a finding, as a line about it names them: 'Russia (a party to the
    talks)' for a declared party's (`by_a_party`), the verifier's name alone else."""
    return f"{by} ({A_PARTY})" if by_a_party(by, parties) else by


def same_finding(a: tuple[str, object, date], b: tuple[str, object, date]) -> bool:
    """Whether two findings, each (verifier, result, day), are one: the same verifier
    (names compared as parties are), result and day. A measure records a finding once."""
    return party_key(a[0]) == party_key(b[0]) and a[1:] == b[1:]


def verifier_as_recorded(
    name: str,
    parties: Collection[str],
    m: Measure | None,
    others: Callable[[str], Iterable[Measure]] = lambda _: (),
) -> str:
    """The verifier `name` names, as the ledger spells it: a declared party (so that its
    findings are renamed with it), else one with a finding on `m` already ('38 NORTH'
    or '38  North' is the 38 North on record: one verifier, not three), else one with a
    finding on another measure (`others(spaced)`: those that may name it, in any case),
    else `name` with its spaces single."""
    found = party_named(name, parties)
    if found is None:
        found = verifier_on_record(name, m, others)
    return found if found is not None else one_form(" ".join(name.split()))


def verifier_on_record(
    name: str, m: Measure | None, others: Callable[[str], Iterable[Measure]] = lambda _: ()
) -> str | None:
    """The verifier `name` names that is on record, as the ledger spells it: with a
    finding, or named by an order that waits for its finding (`sequence --verified-by`),
    on `m` first, else on another measure (`others(spaced)`: those that may name it, in
    any case), names compared as parties are (`party_key`); None when none is."""
    key = party_key(name)
    spaced = one_form(" ".join(name.split()))
    measures = itertools.chain(() if m is None else (m,), others(spaced))
    named = (by for each in measures for by in verifiers_named(each))
    return next((by for by in named if party_key(by) == key), None)


def verifiers_named(m: Measure, *, orders: bool = True) -> Iterator[str]:
    """The verifiers `m` names: those its orders wait for a finding of (unless `orders`
    is false), then those of its findings, as the model lists them (the store's order:
    `MeasureIndex.verifiers`)."""
    if orders:
        for c in m.constraints:
            if c.verified_by is not None:
                yield c.verified_by
    for v in m.verifications:
        yield v.by


def verifier_problem(
    name: str,
    parties: Collection[str],
    m: Measure | None,
    others: Callable[[str], Iterable[Measure]] = lambda _: (),
    *,
    new: bool = False,
    former: Mapping[str, str] | None = None,
    renamed: Mapping[str, str] | None = None,
    recorded: Callable[[], Iterable[str]] | None = None,
    option: str = "--by",
) -> str | None:
    """Why `name`, typed in `option` (`--by`, or the NEW name `rename-verifier` gives a
    verifier) for a finding on `m`, is refused as a verifier, or None: a name that is no
    declared party but near one (`nearest_party`, as every party option measures it) is
    most likely a typo of that party (its own word, it may be, taken for an independent
    verifier's), unless a finding by it is on record already (`verifier_on_record`, on
    `m` or `others`) or the command says it is a verifier new to the ledger (`new`:
    `--new-verifier`), which a declared party is not; so is a name near a verifier on
    record, of `recorded()`, the nearer named (`verifier_mistyped`). `former`: the names
    the measure's actor had before a rename, each with the name it has now; a name near
    one of them ('FRAC-EP' of a FARC-EP renamed Comunes) is a typo of the actor's own
    name as well; `renamed`: other parties' former names, each with the name it has
    now, weighed as every option weighs them (`nearest_party`)."""
    declared = party_named(name, parties)
    if declared is not None:
        if not new:
            return None
        return (
            f"--new-verifier: '{name}' is the declared party {declared}, no new verifier; "
            "leave --new-verifier out to record its finding"
        )
    if new:
        return None
    problem = verifier_mistyped(
        name, parties, m, others, former=former, renamed=renamed, recorded=recorded
    )
    return None if problem is None else f"{option}: {problem} {_NEW_VERIFIER.format(name)}"


def verifier_mistyped(
    name: str,
    parties: Collection[str],
    m: Measure | None,
    others: Callable[[str], Iterable[Measure]] = lambda _: (),
    *,
    former: Mapping[str, str] | None = None,
    renamed: Mapping[str, str] | None = None,
    recorded: Callable[[], Iterable[str]] | None = None,
) -> str | None:
    """Why `name`, a verifier that is no declared party, is taken for a typo (as
    `verifier_problem` tells, `former` and `renamed` as there), in words ending "did you
    mean ...?", or None. The declared parties and the verifiers on record (`recorded()`)
    are ranked together, by how alike their names are (`_nearest_scored`): the nearest
    is named, both kinds where equally near ('IFR' is IFOR's, a verifier on record, not
    FRY's). The one home of that hint for a verifier: `verify --by` and an import's
    findings ask it."""
    weighed = {**(renamed or {}), **(former or {})}
    likeness, near = _nearest_scored(name, parties, weighed)
    if verifier_on_record(name, m, others) is not None:
        return None
    seen = [] if recorded is None else [by for by in recorded() if party_named(by, parties) is None]
    than, found = _nearest_scored(name, seen, None)
    typed = [each for each, _ in found]
    if typed and (not near or than > likeness):
        return verifier_typo(name, m, others, lambda: seen)
    if typed and than == likeness:  # (as near: both named)
        return _party_or_verifier(name, parties, near, typed)
    if not near:
        return None
    old = near[0][1] if len(near) == 1 else None  # (another as near: each is named)
    if old is not None and former is not None and old in former:  # (ending "did you mean")
        was = (
            f"a party merged into {party_in_prose(former[old])}"
            if isinstance(former[old], MergedInto)
            else f"the name {party_in_prose(former[old])} had before a rename"
        )
        return (
            f"'{name}' is not a declared party, and is near {party_in_prose(old)}, {was}: "
            "did you mean "
            f"{party_in_prose(former[old])}, the measure's own actor, whose word is not "
            "verification?"
        )
    return party_problem(name, parties, weighed)  # (ending "did you mean PARTY?")


_NEW_VERIFIER = "If '{}' is a verifier new to the ledger and no party, add --new-verifier"


def _party_or_verifier(
    name: str, parties: Collection[str], near: list[tuple[str, str | None]], seen: list[str]
) -> str:
    """The words of `name` refused as a typo of the parties `near` (`_nearest`) or of the
    verifiers on record `seen`, all as near it, ending "did you mean ...?"."""
    declared = ", ".join(map(party_in_prose, parties))
    kind = "a declared party" if len(near) == 1 else "declared parties"
    which = "a verifier" if len(seen) == 1 else "verifiers"
    return (
        f"{party_in_prose(name, quoted=True)} is not a declared party (declared: {declared}), "
        f"nor a verifier on record; did you mean {in_prose(_near_said(near), 'or')}, {kind}, "
        f"or {in_prose(map(party_in_prose, seen), 'or')}, {which} on record?"
    )


def verifier_typo(
    name: str,
    m: Measure | None,
    others: Callable[[str], Iterable[Measure]],
    recorded: Callable[[], Iterable[str]],
    said: str = "on record",
) -> str | None:
    """Why `name`, a verifier named for a finding on `m` that is no declared party nor
    near one, is taken for a typo of a verifier with findings on record (`recorded()`:
    their names, in the ledger), in words ending "did you mean ...?", or None: when it
    is near none of them, as a name is near a party (`nearest_party`: 'IFRO' of IFOR),
    or is one of them in another case or spacing (`verifier_on_record`, on `m` or
    `others`), which names that one. Every verifier is read only for a name not on
    record. What `verify --by` and an import's findings ask (each with its way to say a
    verifier is new: `--new-verifier`); `said`: where the names `recorded` gives are."""
    if verifier_on_record(name, m, others) is not None:
        return None
    near = nearest_verifier(name, recorded())
    if not near:
        return None
    which = "a verifier" if len(near) == 1 else "verifiers"
    return (
        f"{party_in_prose(name, quoted=True)} is not a verifier on record, nor a declared "
        f"party; did you mean {in_prose(map(party_in_prose, near), 'or')}, {which} {said}?"
    )


def nearest_verifier(name: str, recorded: Iterable[str]) -> list[str]:
    """The verifier on record `name` names (of `recorded`: the names findings give, in
    the ledger; in any case or spacing, as a party's, `party_key`), that one alone, else
    those it is nearest to, as a typo of one would be (as `nearest_party` measures it);
    none when none is near. The one home of "did you mean" among the verifiers on
    record: `verify --by` (`verifier_typo`) and `status --verified-by` ask it."""
    return [each for each, _ in _nearest(name, list(recorded), None)]


def verifiers_spelt_near(names: Iterable[str], parties: Collection[str]) -> list[tuple[str, str]]:
    """Each verifier of `names` (as findings and orders give them, in order; declared
    parties aside) near one named before it, with the nearest of those (the first, of
    several as near): one verifier spelt two ways, most likely, which a merge of two
    desks' findings or a hand edit lets in. Near as `verify --by` finds a typo of a
    verifier on record (`nearest_verifier`), which refuses the second on one desk."""
    seen: list[str] = []
    found = []
    for name in dict.fromkeys(names):
        if party_named(name, parties) is not None:
            continue
        near = nearest_verifier(name, seen) if seen else []
        if near:
            found.append((name, near[0]))
        seen.append(name)
    return found


def declared_as(name: str, parties: Collection[str]) -> str | None:
    """The declared party that names the side `name` names (`party_key`: in any case,
    with characters that look alike), as the ledger spells it; None when none does."""
    key = party_key(name)
    return next((p for p in parties if party_key(p) == key), None)


def party_named(name: str, parties: Collection[str]) -> str | None:
    """The declared party a name typed in an option (`--actor`, `--demanded-by`, `--by`,
    `--party`, a party argument) names, as the ledger spells it: the one so spelt
    (`as_declared`), else the one that names the same side (`declared_as`: in any case,
    spacing, with or without the dots of an abbreviation, in letters that look alike);
    None when none does. The one home of that match: no ledger dprk writes declares two
    parties of one side (`new_party_problem`), so the name is never ambiguous, and a
    typo never makes a new side."""
    return as_declared(name, parties) or declared_as(name, parties)


def new_party_problem(name: str, parties: Collection[str], *, hint: bool = True) -> str | None:
    """Why `name` cannot be declared beside `parties` (one of them already names that
    side, or it begins or ends with a space), or None; `hint`: with how to rename one."""
    if name != name.strip():
        return f"party name {party_in_prose(name, quoted=True)} begins or ends with a space"
    if ORDER_REPLACED in name:
        return (
            f"party name {party_in_prose(name, quoted=True)} {_ORDER_WORDS}, which would be "
            "read back as ending its orders; name it without them ('dprk rename-party' keeps a "
            "party's former names in the history)"
        )
    if name in parties:
        return f"party {party_in_prose(name, quoted=True)} is already declared"
    same = declared_as(name, parties)
    if same is not None:
        if same.strip() == name:
            how = f"the declared name has {stray_space(same)}"
        else:
            how = _differ_only(name_differences(same, name))
        said = f"party {party_in_prose(same, quoted=True)} is already declared ({how})"
        if hint:
            said += (
                f"; rename it with 'dprk rename-party {shell_word(same)} {shell_word(name)}' "
                "if that is what you mean"
            )
        return said
    return None


# The kinds of difference two names of one side may differ in (`name_differences`).
_LOOKS = "characters that look alike or are not seen"
_DIFFERENCES = ("case", "spaces or hyphens", "dots", "other punctuation", "accents", _LOOKS)


def name_differences(one: str, other: str) -> list[str]:
    """The kinds of difference (`_DIFFERENCES`) between two names of one side
    (`party_key`), in that order: each where the names still differ with every other
    kind set aside ('IRÁN' and 'Iran': case and accents; 'P5 1' and 'P5+1': spaces or
    hyphens and other punctuation). Names that differ in the Unicode form of their
    letters alone differ in characters that look alike."""
    found = [k for k in _DIFFERENCES if _set_aside(one, k) != _set_aside(other, k)]
    return found or [_LOOKS]


def _differ_only(kinds: list[str]) -> str:
    """How two names of one side differ, in words (`new_party_problem`)."""
    if kinds == ["case"]:
        return "names differ only in case"
    if kinds == ["dots"]:
        return "the names differ only in the dots of an abbreviation"
    return f"the names differ only in {in_prose(kinds)}"


def _set_aside(name: str, kept: str) -> str:
    """`name` with every kind of difference (`_DIFFERENCES`) but `kept` set aside."""
    if kept != _LOOKS:
        name = seen(unicodedata.normalize("NFKC", name))
    if kept != "accents":
        bare = unicodedata.normalize("NFD", name)
        name = unicodedata.normalize(
            "NFC", "".join(c for c in bare if not unicodedata.combining(c))
        )
    if kept != "case":
        name = name.casefold()
    if kept != "dots":
        name = name.replace(".", "")
    if kept != "spaces or hyphens":
        name = "".join(name.split()).translate(_SPACING)
    if kept != "other punctuation":
        name = "".join(c for c in name if not _punctuation(c))
    if kept != _LOOKS:  # (last: an accent set aside leaves the letter that may look Latin)
        name = "".join(map(_as_latin, name))
    return name


def _as_latin(c: str) -> str:
    """Letter `c` as the Latin letter it looks like (`_LATIN_LOOKALIKES`), in its case."""
    small = c.lower()
    latin = small.translate(_LATIN_LOOKALIKES)
    if latin == small:
        return c
    return latin.upper() if c != small else latin


def _punctuation(c: str) -> bool:
    """Whether `c` is punctuation or a sign other than a space, a hyphen or a dot."""
    if c.isalnum() or c.isspace() or c == "." or c.translate(_SPACING) == "":
        return False
    return unicodedata.category(c)[0] not in "MC"  # (no accent, nothing unseen)


def party_list_problems(
    parties: Sequence[str], naming: Callable[[str], list[str]] | None = None
) -> list[Problem]:
    """The declared parties that name one side twice (the same name, or names that
    differ only in case, by a space around them, or in characters that look alike or
    are not seen: `party_key`), and those declared with a space at their start or end
    (`stray_space`), which no command declares (`new_party_problem`): errors `dprk
    check` reports. `naming`: the ids of the measures that name a party, to name them."""
    first: dict[str, str] = {}
    twinned: set[str] = set()
    found = []
    for name in parties:
        key = party_key(name)
        if key in first:
            twinned.update((first[key], name))
            found.append(Problem(ERROR, PARTIES, None, _one_side_twice(first[key], name, parties)))
        else:
            first[key] = name
    for name in parties:
        where = stray_space(name)
        if name in twinned or (where is None and ORDER_REPLACED not in name):
            continue
        if ORDER_REPLACED in name:  # (its orders misread: `lifecycle.ORDER_WAS`)
            said = (
                f"party {party_in_prose(name, quoted=True)} {_ORDER_WORDS}: the orders it "
                "demanded are read back as "
                f"ending there until it is renamed; rename it with '{mending(name, parties)}' "
                "(its former name is kept in the history)"
            )
            found.append(Problem(ERROR, PARTIES, None, said))
            continue
        named = naming(name) if naming is not None else None
        by = f" ({_named_by(named)})" if named is not None else ""
        found.append(
            Problem(
                ERROR,
                PARTIES,
                None,
                f"party {party_in_prose(name, quoted=True)} is declared with {where}{by}; "
                "rename it with "
                f"'{mending(name, parties)}', which gives it that name wherever it is written",
            )
        )
    return found


# What a party's name may not hold: the words a change of order writes before the order
# it replaced ('after b, demanded by US (was: after b)'), where its readers end the order.
_ORDER_WORDS = (
    f"holds '{ORDER_REPLACED}', the words a change of order writes before the order it replaced"
)


def demanding_party(name: str, parties: Collection[str], option: str) -> str:
    """Declared party `name`, as the party an order is demanded by; refused when its name
    holds the words a change of order writes before the order it replaced (written by
    hand: `new_party_problem` declares none such), which its readers would end it at."""
    if ORDER_REPLACED in name:
        raise DprkError(
            f"{option}: party {party_in_prose(name, quoted=True)} {_ORDER_WORDS}: an order it "
            "demanded would be read "
            f"back as ending there; rename it first with '{mending(name, parties)}'"
        )
    return name


def _one_side_twice(one: str, other: str, parties: Collection[str]) -> str:
    """Parties `one` and `other` name one side: how to keep one (where one of them has a
    space at its start or end and the other not, the merge of that one into the other)."""
    said = (
        f"parties {party_in_prose(one, quoted=True)} and {party_in_prose(other, quoted=True)} "
        "name one side"
    )
    spaced = [p for p in (one, other) if stray_space(p) is not None]
    if len(spaced) != 1:
        return (
            f"{said}; keep one: take the other out of the parties list, and give its "
            "measures the one kept"
        )
    name = spaced[0]
    kept = other if name == one else one
    return (
        f"{said}, {party_in_prose(name, quoted=True)} with {stray_space(name)}; make them one with "
        f"'{mending(name, parties)}' (what {party_in_prose(name, quoted=True)} did becomes "
        f"{party_in_prose(kept)}'s)"
    )


def _named_by(ids: list[str]) -> str:
    """'named by 3 measures: a, b and c' (the first five named), or 'no measure names
    it'."""
    if not ids:
        return "no measure names it"
    return f"named by {counted(len(ids), 'measure')}: {in_prose(ids, most=5)}"


def stray_space(name: str) -> str | None:
    """Where a party's name has spaces around it, which no command declares: 'a space at
    its end', 'spaces at its start and end'; None for a name without."""
    start, end = len(name) - len(name.lstrip()), len(name) - len(name.rstrip())
    if not start and not end:
        return None
    where = " and ".join(w for w, n in (("start", start), ("end", end)) if n)
    return f"{'a space' if start + end == 1 else 'spaces'} at its {where}"


def mending(name: str, parties: Collection[str]) -> str:
    """The command that mends the name of party `name`, declared with a space at its start
    or end (`stray_space`), or holding the words a change of order writes before the
    order it replaced (`new_party_problem`): its rename to the name without them, or,
    where another declared party names that side, its merge into that one."""
    into = _mended_into(name, parties)
    merge = " --merge" if into in parties else ""  # (into one declared)
    return f"dprk rename-party {shell_word(name)} {shell_word(into)}{merge}"


def _mended_into(name: str, parties: Collection[str]) -> str:
    """The name party `name` has once mended (`mending`): another declared party that
    names its side, else its name up to the words of an order replaced, without the
    spaces around it (NEW, for one that leaves nothing)."""
    kept = name.split(ORDER_REPLACED, 1)[0].strip()
    if not kept:
        return "NEW"
    return declared_as(kept, [p for p in parties if p != name]) or kept


PARTIES = "parties"  # (the check of the parties list)


def as_declared(name: str, parties: Collection[str]) -> str | None:
    """The declared party `name` is, as the ledger spells it: `name` itself, or the one it
    is in another Unicode form of the same letters (한국 or ç typed on macOS, as two code
    points a letter, where the ledger has one: the two cannot be told apart on screen).
    None when it is none (a name in another case is another's: `party_problem` suggests
    it)."""
    if name in parties:
        return name
    if name.isascii():
        return None
    key = one_form(name)
    return next((p for p in parties if one_form(p) == key), None)


def party_problem(
    name: str,
    parties: Collection[str],
    former: Mapping[str, str] | None = None,
    corrected: tuple[str, date] | None = None,
) -> str | None:
    """Why `name` is not a declared party as the ledger spells it (with the nearest one,
    `former` names weighed too: `nearest_party`; `corrected`: the declared party a
    correction of a typo made it, and that correction's day, the one meant), or None if it
    is (`as_declared`; a record, as a file holds or imports it, names a party as declared:
    an option takes any name of it, `require_party`)."""
    if as_declared(name, parties) is not None:
        return None
    declared = ", ".join(map(party_in_prose, parties)) if parties else "none yet"
    if corrected is not None:  # (the correction says which party: none weighed)
        now, day = corrected
        said = f"{party_in_prose(name, quoted=True)} was corrected to {party_in_prose(now)}"
        hint = f"; {said} on {day}; did you mean {party_in_prose(now)}?"
    else:
        near = _nearest(name, parties, former)
        hint = f"; did you mean {in_prose(_near_said(near), 'or')}?" if near else ""
    return (
        f"{party_in_prose(name, quoted=True)} is not a declared party (declared: {declared}){hint}"
    )


def _near_said(near: list[tuple[str, str | None]]) -> list[str]:
    """The parties `near` (`_nearest`) in words, each with the former name it was found by."""
    return [party_in_prose(party) + _found_by(party, old) for party, old in near]


def _found_by(party: str, old: str | None) -> str:
    """The former name `old` that `party` was found by, in words (none: its own name): a
    name it had before a rename, or that of a party merged into it (`vocab.MergedInto`)."""
    if old is None:
        return ""
    if isinstance(party, MergedInto):
        return f" ({party_in_prose(old)} was merged into it)"
    return f" (named {party_in_prose(old)} before a rename)"


def nearest_party(
    name: str, parties: Collection[str], former: Mapping[str, str] | None = None
) -> list[str]:
    """The declared party `name` names (`declared_as`), else those it is nearest to, as
    a typo of one would be ('FARC-PE', 'farc-pe' or 'Farc Pe' for FARC-EP, 'dpkr' for
    DPRK): the names compared as parties are (`party_key`: in any case, spacing, dots of
    an abbreviation, letters that look alike), the most alike at least 0.6 alike
    (`difflib`), all of those equally near ('P5' beside P5+1 and P5+2), in the order
    declared; none when none is near. A short name (four letters or fewer) is near a
    name a letter longer or shorter at most: two of USSR's four are US, three Russia's,
    as alike by the ratio as a typo of a long name is, but a typo of neither. A name that
    is the initials of a party's words, or whose initials a party's name is (`abbreviates`:
    'US' of United States), is as near as a name can be short of naming it. `former`:
    names parties had before a rename, each with the declared party it names now; a
    name nearer one of them than any declared party's ('USRR', of a USSR renamed
    Russia, beside US) is a typo of it, and the party meant is the one that name now
    belongs to. The one home of "did you mean" for a party: what every option that
    names one asks, `--by` included."""
    return [party for party, _ in _nearest(name, parties, former)]


def nearest_party_said(
    name: str, parties: Collection[str], former: Mapping[str, str] | None = None
) -> list[str]:
    """`nearest_party`'s parties in words, each with the former name it was found by
    ("Russia (named USSR before a rename)")."""
    return _near_said(_nearest(name, parties, former))


def _nearest(
    name: str, parties: Collection[str], former: Mapping[str, str] | None
) -> list[tuple[str, str | None]]:
    """The parties `nearest_party` finds, each with the former name it was found by
    (None: its own); declared names as near as a former one are taken."""
    return _nearest_scored(name, parties, former)[1]


def _nearest_scored(
    name: str, parties: Collection[str], former: Mapping[str, str] | None
) -> tuple[float, list[tuple[str, str | None]]]:
    """`_nearest`'s parties, with how alike `name` is to them (`difflib`'s ratio, 1 for
    the party it names; 0 with none), to rank them beside other names (`verifier_problem`)."""
    same = declared_as(name, parties)
    if same is not None:
        return 1.0, [(same, None)]
    key = party_key(name)
    own_initials = initials(name)

    def closest(names: Iterable[str]) -> tuple[float, list[str]]:
        """The best likeness at least 0.6 among `names` (0: none; 1: by initials), and
        the names that have it, in their order (one spelling of a key: the first)."""
        keyed: dict[str, str] = {}
        for each in names:
            keyed.setdefault(party_key(each), each)
        matcher = difflib.SequenceMatcher()
        matcher.set_seq2(key)
        best, found = 0.0, list[str]()
        for each_key, each in keyed.items():
            if key in initials(each) or each_key in own_initials:
                ratio = 1.0  # (one is the other's initials: 'US', United States)
            else:
                matcher.set_seq1(each_key)
                if matcher.real_quick_ratio() < 0.6 or matcher.quick_ratio() < 0.6:
                    continue
                if min(len(key), len(each_key)) <= 4 and abs(len(key) - len(each_key)) > 1:
                    continue  # (a short name alike by its length alone: USSR and US)
                if not _words_typed_alike(name, each):
                    continue  # (alike by whole words alone: Governor, Government of Nepal)
                ratio = matcher.ratio()
            if ratio < 0.6 or ratio < best:
                continue
            if ratio > best:
                best, found = ratio, []
            found.append(each)
        return best, found

    mine = closest(parties)
    old = closest(former) if former else (0.0, [])
    if former is not None and old[1] and old[0] > mine[0]:
        now: dict[str, str] = {}
        for each in old[1]:
            now.setdefault(former[each], each)  # (two former names of one party: the first)
        return old[0], [(party, each) for party, each in now.items()]
    return mine[0], [(party, None) for party in mine[1]]


def _words_typed_alike(name: str, other: str) -> bool:
    """Whether two names that begin or end with the same whole words (as `party_key`
    reads each word) differ in the rest as a typo would: the Supreme Court of Nepal, the
    Government of India and the Governor of Nepal share words with the Government of
    Nepal, and differ in others, so are none of its typos; 'Goverment of Nepal' (a letter
    left out), 'Govenrment of Nepal' (two swapped), 'Government Nepal' (a small word
    left out: `_SMALL_WORDS`) and 'Govt of Nepal' (a word shortened) are. Names that
    share no first or last word are judged as wholes (`_nearest_scored`'s likeness), as
    are names of one word."""
    words = [k for k in map(party_key, name.split()) if k]
    others = [k for k in map(party_key, other.split()) if k]
    if len(words) < 2 or len(others) < 2:
        return True
    start = 0
    while start < min(len(words), len(others)) and words[start] == others[start]:
        start += 1
    end = 0
    while end < min(len(words), len(others)) - start and words[-1 - end] == others[-1 - end]:
        end += 1
    if start == 0 and end == 0:
        return True
    mine = words[start : len(words) - end]
    theirs = others[start : len(others) - end]
    if not mine or not theirs:  # (a word left out, or one added: a small one alone)
        return all(w in _SMALL_WORDS for w in mine or theirs)
    a, b = sorted(("".join(mine), "".join(theirs)), key=len)
    if len(a) >= 3 and a[0] == b[0] and _letters_within(a, b):
        return True  # (a word shortened: 'Govt of Nepal')
    return _typos_apart(a, b) <= (1 if len(b) <= 4 else 2)


def _letters_within(short: str, long: str) -> bool:
    """Whether the letters of `short` are found in `long` in their order."""
    rest = iter(long)
    return all(letter in rest for letter in short)


def _typos_apart(a: str, b: str) -> int:
    """How many typos turn `a` into `b`: letters left out, added, changed, or two
    neighbours swapped (the optimal string alignment distance)."""
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        now = [i] + [0] * len(b)
        for j, y in enumerate(b, 1):
            now[j] = min(row[j] + 1, now[j - 1] + 1, row[j - 1] + (x != y))
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                now[j] = min(now[j], before[j - 2] + 1)
        before, row = row, now
    return row[-1]


def adding_party(name: str, parties: Collection[str]) -> str | None:
    """The command that declares `name` as a new side beside `parties`, to advise; None
    when `add-party` would refuse it (`new_party_problem`: it names a declared side,
    spelt another way, which is then the one meant)."""
    if new_party_problem(name, parties, hint=False) is not None:
        return None
    return f"dprk add-party {shell_word(name)}"


def require_party(
    name: str,
    parties: Collection[str],
    option: str,
    *,
    may_add: bool = True,
    former: Mapping[str, str] | None = None,
    corrected: tuple[str, date] | None = None,
) -> str:
    """The declared party `name`, typed in `option`, names, as the ledger spells it
    (`party_named`); otherwise an error naming `option`, the declared parties, the
    nearest one (`former`: names parties had before a rename, each with the party it
    names now, weighed too: `nearest_party`; `corrected`: the party a correction of a
    typo made it, with its day, the one meant), and (`may_add`, where `add-party` takes
    the name: `adding_party`) how to declare a new side, a name near a party's as well
    ('P5' beside P5+1 and P5+2 may be the P5), but not a party's initials ('US' of
    United States: `abbreviates`), nor a typo corrected, which would declare one side
    twice."""
    declared = party_named(name, parties)
    if declared is not None:
        return declared
    problem = party_problem(name, parties, former, corrected)
    assert problem is not None
    adding = adding_party(name, parties) if may_add and corrected is None else None
    if adding is not None and initials_of(name, parties) is not None:
        adding = None
    after = " " if problem.endswith("?") else "; "  # (after "did you mean PARTY?")
    advice = f"{after}add it with '{adding}' if it is a new side" if adding else ""
    raise DprkError(f"{option}: {problem}{advice}")


# --- problems -----------------------------------------------------------------------------


class Problem(NamedTuple):
    """One problem: how bad, which check found it, the measure (None: the ledger), what to do.
    (A named tuple: a large ledger's check makes thousands.)"""

    severity: str
    check: str
    measure: str | None
    message: str
    others: tuple[str, ...] = ()  # the other measures it names (`Naming`, a deadlock's)


class Checked(Protocol):
    """What the rules read of a measure: a `model.Measure`, or its `facts.Node` (a file
    read anew is checked from its nodes, its measures' models let go as they were
    read; their merge conflicts are kept apart, see `Context.replayed`)."""

    @property
    def id(self) -> str: ...
    @property
    def actor(self) -> str: ...
    @property
    def status(self) -> Status: ...
    @property
    def extent(self) -> Extent: ...
    @property
    def part_of(self) -> str | None: ...
    @property
    def deadline(self) -> date | None: ...
    @property
    def in_exchange_for(self) -> Sequence[str]: ...
    @property
    def constraints(self) -> Sequence[Order]: ...
    @property
    def together_with(self) -> list[str]: ...


class Context:
    """What the rules ask about the ledger a measure sits in."""

    index: Mapping[str, Checked]
    parties: Collection[str]
    life: LedgerLife
    conflicts: Callable[[Checked], Sequence[Conflict]]  # a measure's merge conflicts
    # Measures in full, by id, where the index holds nodes: the few whose histories a
    # rule reads (those ever a part, and their wholes: `_priced_as_its_whole`)
    full: Mapping[str, Measure]
    # The ledger as its file holds it, where the measures checked are a change not yet
    # written (`new_problems`): advice to drop an entry is for one the file holds. None:
    # the measures checked are the file's.
    written: Mapping[str, Measure] | None

    def __init__(
        self,
        index: Mapping[str, Measure],
        parties: Collection[str],
        written: Mapping[str, Measure] | None = None,
    ) -> None:
        from .model import index_of

        measures = index_of(index)
        self.index = measures
        self.parties = set(parties)
        self.life = LedgerLife(measures)
        self.conflicts = _own_conflicts
        self.full = index
        self.written = written

    @classmethod
    def replayed(
        cls,
        index: Mapping[str, Checked],
        parties: Collection[str],
        life: LedgerLife,
        conflicts: Callable[[Checked], Sequence[Conflict]],
        full: Mapping[str, Measure] | None = None,
    ) -> Context:
        """The context of measures known by their nodes (`index`), their replay made
        already (`life`), their merge conflicts kept apart (`conflicts`), and those in
        `full` whose histories a rule reads (`wanted_in_full`)."""
        made = cls.__new__(cls)
        made.index, made.parties, made.life = index, set(parties), life
        made.conflicts = conflicts
        made.full = full if full is not None else {}
        made.written = None
        return made


def wanted_in_full(index: Mapping[str, Checked], life: LedgerLife) -> set[str]:
    """The measures of `index` a rule reads the histories of (`Context.full`): those a
    part of another now or once, and those wholes; those due before they were made
    (`deadline_before_creation`); those whose history has a link otherwise than their
    in_exchange_for holds it, and the measures at its other end (`links_match_history`);
    those exchanged for a measure of their own party, and it (`exchange_within_a_party`).
    Few, in most ledgers none."""
    from .lifecycle import LINKS

    wanted: set[str] = set()
    for m in index.values():
        own = life.life(m.id)
        for u in own.unlike:
            if u.name == LINKS:
                wanted.add(m.id)
                if u.value is not None and u.value in index:
                    wanted.add(u.value)
        wholes = _wholes_ever(own, m.part_of)
        if wholes:
            wanted.add(m.id)
            wanted.update(w for w in wholes if w in index)
        made = own.created
        if made is not None and m.deadline is not None and _given_later(m, made):
            wanted.add(m.id)
        if _found_since(own.state, m.status):
            wanted.add(m.id)  # (`status_matches_history`: the numbers of its findings)
        for other in m.in_exchange_for:  # (`exchange_within_a_party`: the day each took
            partner = index.get(other)  # its actor, should an edit have handed it over)
            if partner is not None and party_key(partner.actor) == party_key(m.actor):
                wanted.update((m.id, other))
    return wanted


def _wholes_ever(life: Life, part_of: str | None) -> list[str]:
    """The measures a measure is a part of now (`part_of`) or was on some day (by its
    edits of part_of: `life`), in id order. (One made a part with its creation has no
    edit of part_of: a part since it was made.)"""
    return sorted({*life.former_wholes(part_of), *([part_of] if part_of is not None else [])})


def _own_conflicts(m: Checked) -> Sequence[Conflict]:
    return cast("Measure", m).conflicts  # (a context made of measures checks measures)


class Naming(NamedTuple):
    """A rule's message that names other measures of the ledger besides its own: those it
    is about too (`Problem.others`: `check --format json` lists them in `measures`, and
    `--format ids` prints them). A message that names none is a plain str."""

    message: str
    others: Iterable[str]


Rule = Callable[[Context, Checked], Iterator["str | Naming"]]


def rule_problem(ctx: Context, name: str, ident: str, said: str | Naming) -> Problem:
    """The problem rule `name` found in measure `ident`, as it said it: the other
    measures its message names, each once, those of the ledger only (an id it does not
    hold is no measure to list: `unknown_links`)."""
    if isinstance(said, str):
        return Problem(severity(name), name, ident, said)
    others = tuple(dict.fromkeys(i for i in said.others if i != ident and i in ctx.index))
    return Problem(severity(name), name, ident, said.message, others)


def self_references(ctx: Context, m: Checked) -> Iterator[str]:
    if m.id in m.in_exchange_for:
        yield f"is exchanged for itself; remove '{m.id}' from its in_exchange_for"
    for c in m.constraints:
        if c.other == m.id:
            kind = "together with" if c.with_ is not None else "after"
            yield (
                f"is sequenced {kind} itself; remove that with "
                f"'dprk sequence {m.id} --remove {m.id}'"
            )
    if m.part_of == m.id:
        yield f"is a part of itself; remove that with 'dprk edit {m.id} --no-part-of'"


# (the check of a link to an id no measure has: its words name the ids near it, of every
# measure the ledger holds, so a measure added or removed anywhere may change them)
UNKNOWN_LINKS = "unknown-links"


def unknown_links(ctx: Context, m: Checked) -> Iterator[str]:
    known = ctx.index

    def meant(other: str) -> str:  # (the ids near it, as an id given to a command gets)
        near = near_ids(other, [i for i in known if i != m.id])
        return f" (did you mean {', '.join(near)}?)" if near else ""

    for other in m.in_exchange_for:
        if other not in known:
            yield (
                f"in_exchange_for names '{other}', which is not in the ledger{meant(other)}; "
                f"correct the id or drop the link with 'dprk unlink {m.id} {other}'"
            )
    for c in m.constraints:
        if c.other not in known:
            kind = "together with" if c.with_ is not None else "after"
            yield (
                f"is sequenced {kind} '{c.other}', which is not in the ledger"
                f"{meant(c.other)}; correct the id or run "
                f"'dprk sequence {m.id} --remove {c.other}'"
            )
    if m.part_of is not None and m.part_of not in known:
        yield (
            f"is a part of '{m.part_of}', which is not in the ledger{meant(m.part_of)}; "
            f"correct the id or run 'dprk edit {m.id} --no-part-of'"
        )


def repeated_links(ctx: Context, m: Checked) -> Iterator[str | Naming]:
    """A link or an order listed twice (a hand edit): each holds once, and the analyses
    would count it twice."""
    seen: set[str] = set()
    for other in m.in_exchange_for:
        if other in seen:
            yield Naming(f"in_exchange_for names '{other}' twice; remove one in the file", (other,))
        seen.add(other)
    seen.clear()
    for c in m.constraints:
        if c.other in seen:
            yield Naming(
                f"has more than one sequencing constraint with '{c.other}'; keep one in the "
                f"file, or set the one in force with 'dprk sequence {m.id} --after "
                f"{c.other}' (or --with)",
                (c.other,),
            )
        seen.add(c.other)


def one_sided_exchanges(ctx: Context, m: Checked) -> Iterator[str | Naming]:
    for other in m.in_exchange_for:
        partner = ctx.index.get(other)
        if partner is not None and other != m.id and m.id not in partner.in_exchange_for:
            yield Naming(
                f"is exchanged for '{other}', but '{other}' does not list it; run "
                f"'dprk link {m.id} {other}' to record it on both (or 'dprk unlink')",
                (other,),
            )


def parts_of_another_party(ctx: Context, m: Checked) -> Iterator[str | Naming]:
    """A part carried out by another party than the measure it is part of: the measure
    takes its status from its parts, so its actor is credited with the other party's
    steps (in the balance and the scorecard), and a finding by its actor on the part
    verifies its own measure. Perhaps meant (a joint measure); most often a part given
    the wrong actor, or a measure of the other side's that is no step of this one. A
    warning: the write that makes it (a part added or moved, an actor edited) tells of
    it, as `check` does."""
    whole = ctx.index.get(m.part_of) if m.part_of is not None else None
    if whole is None or not another_party(m.actor, whole.actor):
        return
    day, found_by_it = _apart_from(ctx, m, whole)
    dated = f" --date {day}" if day is not None else ""
    actor = (  # (not when the whole's actor found on it: its own word, refused)
        ""
        if found_by_it
        else f"correct its actor ('dprk edit {m.id} --actor {shell_word(whole.actor)}{dated}'), or "
    )
    yield Naming(
        f"is carried out by {m.actor}, and is a part of '{whole.id}', which "
        f"{whole.actor} carries out: its steps count as {possessive(whole.actor)} there (a "
        f"finding by {whole.actor} on it verifies {possessive(whole.actor)} own measure); "
        f"{actor}make it a measure of its own ('dprk edit {m.id} --no-part-of"
        f"{dated}'); no fix needed if that is what you mean",
        (whole.id,),
    )


def another_party(part_actor: str, whole_actor: str) -> bool:
    """Whether a part carried out by `part_actor` counts its steps as another party's,
    those of `whole_actor`, who carries out the measure it is a part of (names as parties
    are: `party_key`). The one rule of parts of another party, asked of now by each write
    and `check` (`parts_of_another_party`), and of the days a part acted by `check`
    (`acted_as_another_party`)."""
    return party_key(part_actor) != party_key(whole_actor)


def acted_as_another_party(
    part: Measure, whole: Measure, days: Iterable[date], parties: list[str]
) -> tuple[date, str, str] | None:
    """The first of `days` (days `part` acted while a part of `whole`) on which it was
    carried out by another party than `whole` (`another_party`, each one's actor that day
    as `--as-of` has it: `changes.actor_on`), with the part's actor and the whole's then;
    None: on none of them."""
    from .changes import actor_on

    for day in days:
        mine, theirs = actor_on(part, day, parties), actor_on(whole, day, parties)
        if another_party(mine, theirs):
            return day, mine, theirs
    return None


def _apart_from(ctx: Context, part: Checked, whole: Checked) -> tuple[date | None, bool]:
    """The day from which `part` has been carried out by another party than `whole`
    without a break (the later of the day each took its actor, by `changes.field_since`
    or from its creation, and the day it became a part): the day to correct it from;
    and whether the whole's actor has a finding on it (which a hand-over to that party
    would make its own word). None, False when not known (their histories not at hand:
    `Context.full`)."""
    whole_m, part_m = ctx.full.get(whole.id), ctx.full.get(part.id)
    if whole_m is None or part_m is None:
        return None, False
    from .changes import field_since

    part_life = ctx.life.life(part.id)
    days = [
        field_since(whole_m, "actor") or ctx.life.life(whole.id).created,
        field_since(part_m, "actor") or part_life.created,
        part_life.joined(part.part_of),
    ]
    known = [d for d in days if d is not None]
    key = party_key(whole.actor)
    found_by_it = any(party_key(v.by) == key for v in part_m.verifications)
    return (max(known) if known else None), found_by_it


def exchanged_with_its_whole(ctx: Context, m: Checked) -> Iterator[str | Naming]:
    """A part exchanged for a measure that the measure it is a part of (or one above it)
    is exchanged for too: each link is an exchange of its own, so the balance counts that
    exchange for the part and for the whole, twice where one was meant (nothing says a
    whole's exchange covers its parts, or a part's its whole). For each measure it is
    exchanged for, the nearest whole exchanged for it too is named (one above that whole,
    exchanged for it as well, is named of that whole). A warning: the write that makes it
    (a link, a part added or moved) tells of it. The advice ends one of the two links on
    the day both came to stand, so that the balance counts it once from then; a part
    exchanged for its whole itself is an error of `part_cycles`."""
    if not m.in_exchange_for or m.part_of is None or m.part_of == m.id:
        return  # (exchanged for nothing, or a part of nothing)
    chain = ancestors(ctx.index, m.id)
    for other in m.in_exchange_for:
        if other == m.id or other in chain or other not in ctx.index:
            continue
        level = next(
            (
                i
                for i, w in enumerate(chain)
                if w in ctx.index and other in ctx.index[w].in_exchange_for
            ),
            None,
        )
        if level is None:
            continue
        whole = chain[level]
        below = [m.id, *chain[:level]]  # (each joined the one above it: the days count)
        days = [_exchanged_from(ctx, m.id, other), _exchanged_from(ctx, whole, other)]
        days += [ctx.life.life(i).joined(ctx.index[i].part_of) for i in below]
        dated = days[0] is not None and days[1] is not None
        on = f" --date {max(d for d in days if d is not None)}" if dated else ""
        through = f" (through {', '.join(chain[:level])})" if level else ""
        yield Naming(
            f"is exchanged for '{other}', and so is '{whole}', which it is a part of"
            f"{through}: the balance counts that one exchange twice, for the part and for "
            "the whole; if the whole's exchange covers its parts, end the part's link "
            f"('dprk unlink {m.id} {other}{on}'), or, if the part alone was traded for it, "
            f"the whole's ('dprk unlink {whole} {other}{on}')",
            (whole, other),
        )


def _exchanged_from(ctx: Context, a: str, b: str) -> date | None:
    """The day `a` and `b` have stood exchanged for each other since without a break, as
    the balance dates an exchange (the later of the two measures' records of it:
    `Node.exchanged_on`, `changes.exchanged_since`); None when neither dates it."""
    from .changes import exchanged_since
    from .model import Measure

    days = []
    for x, y in ((a, b), (b, a)):
        n = ctx.index.get(x)
        if n is None or y not in n.in_exchange_for:
            continue
        if isinstance(n, Measure):
            own = exchanged_since(n, ctx.life.life(x).created)
            days.append(own[list(n.in_exchange_for).index(y)])
        else:
            days.append(cast("Node", n).exchanged_on(y))
    return max((d for d in days if d is not None), default=None)


def exchange_within_a_party(ctx: Context, m: Checked) -> Iterator[str | Naming]:
    """Two measures of one party exchanged for each other (each pair once): the balance
    would have the party owe itself. A warning: a write tells of it. The advice to correct
    the actor of one is dated on the day the two came to be that party's (`_one_party_since`),
    so that, followed, the exchange stands within one party on no day."""
    for other in m.in_exchange_for:
        partner = ctx.index.get(other)
        if partner is None or other <= m.id or m.id not in partner.in_exchange_for:
            continue  # (a link to itself, or on one side, is an error of its own)
        if party_key(m.actor) == party_key(partner.actor):  # (names as parties are)
            # (an edit of the actor without --date is a hand-over of today: every day
            # before would still hold the exchange; dated on its first day, it mends them;
            # one handed over by a dated edit is corrected from that day, as an edit dated
            # before it would leave the hand-over in force)
            since, handed, unlink_on = _one_party_since(ctx, (m.id, other))
            edits = ", or ".join(
                f"'dprk edit {ident} --actor PARTY --date {day}'"
                if day is not None
                else f"'dprk edit {ident} --actor PARTY --date D', D as 'dprk log {ident}' "
                "dates its creation"
                for ident, day in since
            )
            when = (
                f"from the day both came to be {possessive(partner.actor)}"
                if handed
                else "from its first day"
            )
            # (linked while the two were two parties', an unlink dated on the day they
            # were linked would erase the days the exchange was a real one)
            unlink = (
                f"unlink them from the day {unlink_on[1]} ('dprk unlink "
                f"{m.id} {other} --date {unlink_on[0]}')"
                if unlink_on is not None
                else "unlink them on the day they were linked, so that it never stood "
                f"('dprk unlink {m.id} {other} --date D', D as 'dprk log {m.id} {other}' "
                "dates the link)"
            )
            yield Naming(
                f"'{m.id}' and '{other}' are both {possessive(partner.actor)}: an exchange is one "
                f"side's measure for another's; {unlink}, or correct the actor of one "
                f"{when} ({edits})",
                (other,),
            )


def _one_party_since(
    ctx: Context, pair: tuple[str, str]
) -> tuple[list[tuple[str, date | None]], bool, tuple[date, str] | None]:
    """The day from which to correct the actor of each of `pair`, two measures of one
    party exchanged for each other, so that they are that party's on no day: its first
    day (`Life.created`; None: not known), when neither was handed over (an edit of its
    actor: `changes.field_since`); else the day both came to be that party's, the later
    of the days each took the actor it has (an edit of one dated before that day would
    leave the hand-over in force after it). With whether one was handed over, and the
    day to unlink them from (`_within_since`)."""
    from .changes import field_since
    from .model import Measure

    made = {ident: ctx.life.life(ident).created for ident in pair}
    took: dict[str, date | None] = {}
    full: dict[str, Measure] = {}
    for ident in pair:
        found = ctx.index.get(ident)
        if not isinstance(found, Measure):  # (in a file read anew: `wanted_in_full`)
            found = ctx.full.get(ident)
        if found is not None:
            full[ident] = found
        took[ident] = field_since(found, "actor") if found is not None else None
    known = [d for ident in pair for d in (took[ident] or made[ident],) if d is not None]
    day = max(known) if known else None
    unlink_on = _within_since(ctx, full, pair)
    if all(d is None for d in took.values()):
        return [(ident, made[ident]) for ident in pair], False, unlink_on
    return [(ident, day) for ident in pair], True, unlink_on


def _within_since(
    ctx: Context, full: Mapping[str, Measure], pair: tuple[str, str]
) -> tuple[date, str] | None:
    """The day from which the exchange of `pair` has stood within one party, where that
    is after the day they were first linked (an edit handed one over later, or they were
    linked again while one party's): an unlink of the day they were linked would erase
    the days the exchange was a real one. With what began it, in words. None when it
    stood so from the day they were linked, or a day is not known."""
    from .changes import link_changes
    from .lifecycle import field_changes

    made = [ctx.life.life(ident).created for ident in pair]
    if len(full) < 2 or made[0] is None or made[1] is None:
        return None
    a, b = (full[ident] for ident in pair)
    runs = within_a_party_runs(a, b, list(ctx.parties), max(made[0], made[1]))
    if not runs or runs[-1][1] is not None:
        return None
    day, _, party = runs[-1]
    linked = {h.date for h, made_it in link_changes(a, b) if made_it}
    if day <= min(linked, default=max(made[0], made[1])):  # (none: made with a measure)
        return None
    handed = {h.date for x in (a, b) for h, _, _ in field_changes(x, "actor")}
    if day in linked and day not in handed:
        return day, f"they were linked again, both {possessive(party)}"
    return day, f"both came to be {possessive(party)}"


def within_a_party_runs(
    a: Measure, b: Measure, parties: list[str], begun: date, until: date | None = None
) -> list[tuple[date, date | None, str]]:
    """The runs of days on which `a` and `b`, from `begun` (the later of their first
    days) to `until` (None: every day on record), stood exchanged for each other while
    both were one party's: each run's first day, the day it ended (None: it stands at
    the end), and the party. Read on the days either's actor or the link changed (between
    them, all stands still), each as `--as-of` reads it (`changes.actor_on`,
    `changes.links_on`): what `exchange-within-a-party` judges, now and on past days."""
    from .changes import actor_on, link_changes, links_on
    from .lifecycle import field_changes

    both = {a.id: a, b.id: b}
    days = {begun}
    for x in (a, b):
        days.update(h.date for h, _, _ in field_changes(x, "actor"))
    days.update(h.date for h, _ in link_changes(a, b))
    runs: list[tuple[date, date | None, str]] = []
    start: tuple[date, str] | None = None
    for day in sorted(d for d in days if d >= begun and (until is None or d <= until)):
        party = actor_on(a, day, parties)
        within = b.id in links_on(a, day, both) and party_key(party) == party_key(
            actor_on(b, day, parties)
        )
        if within and start is None:
            start = (day, party)
        elif not within and start is not None:
            runs.append((start[0], day, start[1]))
            start = None
    if start is not None:
        runs.append((start[0], None, start[1]))
    return runs


def deadline_before_creation(ctx: Context, m: Checked) -> Iterator[str]:
    """A deadline before the day its measure was made, overdue on that day
    (`vocab.is_overdue`, of the state it ended that day at): overdue from the start. Not
    one carried out in full on that day, never overdue: a late delivery first learned of
    when it happened. A warning (the record may say so: a measure put on the table after
    the day it was due); only of a measure given a date (one added without one is dated
    by its events). A deadline given later than the measure's start, as one added with
    it at a status past the offer is when a step found later overtook the creation
    (`changes.given_on`), is judged from the day it was given (`deadline_given`): the
    agreement found to have come before it does not move that day, an edit of the
    deadline dated back to it does, as the words say."""
    life = ctx.life.life(m.id)
    made = life.created
    if m.deadline is None or life.undated or made is None:
        return
    from .changes import field_since
    from .model import Measure

    # (in a file read anew, a measure due before it was made or given its deadline is
    # read in full: `wanted_in_full`)
    mine = m if isinstance(m, Measure) else ctx.full.get(m.id)
    day = deadline_given(mine, made) if mine is not None else made
    if m.deadline >= day:
        return
    first = life.state_on(day)
    if first is None or not is_overdue(_Due(first.status, first.extent, m.deadline), day):
        return
    # (moved on the day it was set, as the measure was made or by an edit: undated, from
    # today only, and every day before still reads it)
    set_on = (field_since(mine, "deadline") if mine is not None else None) or day
    made_as = life.steps[0].state.status if life.steps else None
    by = m.deadline - timedelta(days=1)
    edit = f"'dprk edit {m.id} --deadline {m.deadline} --date DAY'"
    if day > made:  # (given after the start: an edit dated back to a day before it was due)
        on = f"on a DAY from {made} to {by}, {edit}"
        if made == by:
            on = f"'dprk edit {m.id} --deadline {m.deadline} --date {made}'"
        earlier = f"; or, given before it was due, {on} gives it from then" if made <= by else ""
        yield (
            f"its deadline {m.deadline} is before the day it was given ({day}; the measure "
            f"was made on {made}): it is overdue from that day ('dprk edit {m.id} --deadline "
            f"YYYY-MM-DD --date {set_on}' moves it from the day it was set{earlier})"
        )
        return
    agreed = (
        f"; or, agreed before it was due, on a DAY by {by}, 'dprk mark {m.id} agreed --date "
        f"DAY' records the agreement and {edit} the deadline given with it"
        if made_as is not None and made_as != Status.proposed  # (an offer: nothing before)
        else ""
    )
    yield (
        f"its deadline {m.deadline} is before the measure was made ({made}): it is overdue "
        f"from the start ('dprk edit {m.id} --deadline YYYY-MM-DD --date {set_on}' moves it "
        f"from the day it was set{agreed})"
    )


def deadline_given(m: Measure, made: date) -> date:
    """The day from which `m`'s deadline is judged: the day the measure was made
    (`made`), but for one it was added with at a status past the offer, which a step
    found later overtook: the creation's own day (`changes.given_on`), when no edit of
    the deadline dated before it set one (`changes.deadline_days`)."""
    from .changes import deadline_days, given_on

    given = given_on(m)
    if given is None:
        return made
    first = next((when for when, due in deadline_days(m) if due is not None), None)
    return given if first == given else made


def _given_later(m: Checked, made: date) -> bool:
    """Whether `m`'s deadline is before the day it was made, or may be before a later
    day it was given (`deadline_given`, asked of a node by the edits of it that it keeps:
    `Node.deadline_edits`), so that a file read anew reads it in full."""
    from .model import Measure

    if m.deadline is None or m.deadline < made:
        return m.deadline is not None
    if isinstance(m, Measure):
        return m.deadline < deadline_given(m, made)
    edits = cast("Node", m).deadline_edits
    return any(due is not None and m.deadline < when for when, due in edits)


class _Due(NamedTuple):
    """A measure's state on a day, with its deadline, to ask `vocab.is_overdue`."""

    status: Status
    extent: Extent
    deadline: date | None


def one_sided_with(ctx: Context, m: Checked) -> Iterator[str | Naming]:
    for other in m.together_with:
        partner = ctx.index.get(other)
        if partner is not None and other != m.id and m.id not in partner.together_with:
            if any(
                c.field.split(".")[0] in _ORDERS_HELD
                for n in (m, partner)
                for c in ctx.conflicts(n)
            ):
                continue  # (a merge left their orders in conflict: settling it is the fix)
            day = order_set_on(ctx, m, other)
            on = f" --date {day}" if day is not None else ""
            yield Naming(
                f"is to go together with '{other}', but '{other}' does not say so; run "
                f"'dprk sequence {m.id} --with {other}{on}' to record it on both (from the "
                "day it was set)",
                (other,),
            )


_ORDERS_HELD = ("constraints", "history")  # (fields of a merge conflict holding orders)


def order_set_on(ctx: Context, m: Checked, other: str) -> date | None:
    """The day `m`'s order toward `other` was set, as its changes of order date it, or,
    written by hand with none, the day both measures were (None: neither is dated)."""
    from .model import Measure

    written = ctx.written
    was = written.get(m.id) if written is not None else None
    if written is not None and was is not None and other in written and _orders(was, other):
        # (a change's refusal advises the file as it was: the days it gives, as check
        # does; a measure written by hand without a history is dated by the change)
        from .changes import orders_since
        from .lifecycle import LedgerLife
        from .model import index_of

        life = LedgerLife(index_of(written))
        made = [life.life(i).created for i in (m.id, other)]
        return stood_from(orders_since(was).get(other), made)
    if isinstance(m, Measure):
        from .changes import orders_since

        day = orders_since(m).get(other)
    else:
        # (a node's orders are `facts.Link`s, each with the day it was set)
        day = next((getattr(c, "set_on", None) for c in m.constraints if c.other == other), None)
    # (an order toward an id no measure has: dated by `m` alone)
    made = [ctx.life.life(i).created for i in (m.id, other) if i in ctx.life.known]
    return stood_from(day, made)


def _orders(m: Measure, other: str) -> bool:
    """Whether `m` holds an order toward `other` (after it, or together with it)."""
    return any(c.other == other for c in m.constraints)


def stood_from(set_on: date | None, made: Iterable[date | None]) -> date | None:
    """The day a tie between measures (an order, a cycle of parts) stood from: the day
    its changes set it (`set_on`), or, written by hand with none, the day all of them
    were, the latest of the days they were `made` (None: none is dated)."""
    if set_on is not None:
        return set_on
    return max((d for d in made if d is not None), default=None)


UNDECLARED = "undeclared-parties"  # (the check of a measure naming a party not declared)


def undeclared_parties(ctx: Context, m: Checked) -> Iterator[str | Naming]:
    if m.actor not in ctx.parties:

        def edited(party: str) -> str:  # (the actor corrected to `party`)
            return f"dprk edit {m.id} --actor {shell_word(party)}"

        yield (
            f"actor {party_in_prose(m.actor, quoted=True)} is not a declared party; "
            f"{_mend_party(m.actor, ctx, 'actor', edited)}"
        )
    for c in m.constraints:
        if c.demanded_by and c.demanded_by not in ctx.parties:

            def ordered(party: str, c: Order = c) -> str:  # (the order again, by `party`)
                day = order_set_on(ctx, m, c.other)
                on = f" --date {day}" if day is not None else ""
                again = order_options(c, demanded_by=party)
                return f"dprk sequence {m.id} {again}{on}"

            yield Naming(
                f"the constraint after '{c.after}' is demanded by "
                f"{party_in_prose(c.demanded_by, quoted=True)}, which is "
                f"not a declared party; {_mend_party(c.demanded_by, ctx, 'name', ordered)}",
                (c.other,),
            )
    for day, party in _reversals_of(m):
        if party not in ctx.parties:
            yield (
                f"its reversal of {day} was undone by {party_in_prose(party, quoted=True)} "
                "(by), which is not a declared party; "
                f"{_mend_party(party, ctx, 'by of that entry in the file', _by_written)}"
            )


def _reversals_of(m: Checked) -> tuple[tuple[date, str], ...]:
    """The day of each reversal of `m` another party than its actor made, with that party
    (`HistoryEntry.by`): a node keeps them (`Node.undone_by`), a measure's history says
    them (`vocab.reversals_by_others`)."""
    kept: tuple[tuple[date, str], ...] | None = getattr(m, "undone_by", None)
    if kept is not None:
        return kept
    history: Iterable[HistoryEntry] = getattr(m, "history", ())
    return reversals_by_others(history)


def _by_written(party: str) -> str:
    """The `by` of a reversal's entry naming `party`, as the file writes it."""
    import json  # (a TOML basic string is a JSON string, for a name)

    return f"by = {json.dumps(party, ensure_ascii=False)}"


UNDONE_BY_ACTOR = "undone-by-actor"  # (a reversal said to be by another party, its actor's)


def undone_by_its_actor(ctx: Context, m: Checked) -> Iterator[str]:
    """A reversal whose `by` names the measure's own actor on its day (`changes.actor_on`,
    as `mark reversed --by` judges it: a measure handed over since to the party that
    undid it is no such case): `by` names another party than it; a reversal by its actor
    names none."""
    reversals = _reversals_of(m)
    if not reversals:
        return
    from .changes import actor_on

    full = ctx.full.get(m.id)
    for day, party in reversals:
        if party == (m.actor if full is None else actor_on(full, day, list(ctx.parties))):
            yield (
                f"its reversal of {day} names its own actor, {party_in_prose(party)}, as the "
                "party that undid it (by); by names another party than the actor: take it out "
                "of that entry in the file"
            )


def _mend_party(name: str, ctx: Context, what: str, correcting: Callable[[str], str]) -> str:
    """How to mend `name`, not a declared party: declare it, or correct it (to the
    declared spelling of its side, where it names one). A name near a declared party
    (`nearest_party`, as an option that names one judges it: a typo, most likely)
    names that party first, with the command that corrects the name to it
    (`correcting`), then the way to declare it, for a new side of a near name."""
    adding = adding_party(name, ctx.parties)
    if adding is not None:
        near = nearest_party(name, ctx.parties)
        if not near:
            return f"add it with '{adding}' or correct the {what}"
        how = f" with '{correcting(near[0])}'" if len(near) == 1 else ""
        return (
            f"did you mean {in_prose(map(party_in_prose, near), 'or')}? correct the {what}"
            f"{how}, or add it with '{adding}' if it is a new side"
        )
    same = declared_as(name, ctx.parties)
    where = None if same is None else stray_space(same)
    if same is not None and where is not None:  # (the typo is the list's: mend it there)
        into = _mended_into(same, ctx.parties)
        then = (
            "which mends this too"
            if name == into
            else f"then correct the {what} to {party_in_prose(into, quoted=True)}"
        )
        return (
            f"the parties list spells that side {party_in_prose(same, quoted=True)}, with {where}: "
            "rename it with "
            f"'{mending(same, ctx.parties)}', {then}"
        )
    spelt = (
        f" to {party_in_prose(same, quoted=True)} (the parties list spells that side so)"
        if same
        else ""
    )
    if same and one_form(name) == one_form(same):  # (they look the same: say how they differ)
        apart = "the parties list's" if unicodedata.is_normalized("NFC", name) else f"the {what}'s"
        spelt = (
            f" to {party_in_prose(same, quoted=True)} as the parties list has it: the two are the "
            "same letters stored "
            f"in two Unicode forms ({apart} decomposed, as some editors save them); retype "
            "one of them in the file"
        )
    return f"correct the {what}{spelt}"


def _unfit(status: Status, extent: Extent) -> str | None:
    """Why `extent` does not go with `status`, in words (a hand edit: one that has not
    acted with an extent, or one that has acted without one); None when it does."""
    acted = status in ACTED
    if acted != (extent == Extent.not_initiated):
        return None
    return (
        "one that has acted is minimal, intermediate or full"
        if acted
        else "one that has not acted is not initiated"
    )


def _extent_unfit(m: Checked) -> str | None:
    """A measure's stored extent that does not go with its status (`_unfit`): what is
    wrong, and what to set, in words."""
    why = _unfit(m.status, m.extent)
    if why is None:
        return None
    return (
        f"extent is '{m.extent.value}' but its status is '{m.status.value}' ({why}); set "
        f'extent = "{default_extent(m.status).value}" in the file, or leave it out'
    )


def _status_alone_wrong(m: Checked, state: State) -> bool:
    """Whether a measure whose stored extent is unfit for its stored status (`_unfit`)
    has the extent its history gives, fit for the status the history gives: the status is
    what is wrong (often a `status` line left out, read as proposed), and setting the
    extent to fit it would delete the right one."""
    return (
        state.status != m.status
        and state.extent == m.extent
        and _unfit(state.status, state.extent) is None
    )


# The way back from a finding to the action it found: a status set by hand to
# implemented, where a finding since the measure last acted makes it verified or
# disputed, is not reached by marking it implemented again (the finding stands).
_FOUND_SINCE = (
    "the findings since it last acted ('dprk log {ident}' numbers the entries, 'dprk "
    "drop-finding {ident} N' drops one)"
)


def _found_since_said(ident: str, numbers: Sequence[int] | None) -> str:
    """The findings since a measure last acted, and how to drop them (`_FOUND_SINCE`):
    each by the number `dprk log` gives its entry (`_numbers_found_since`), the last
    first (dropping one renumbers those after it); without the numbers (none known, or
    a finding with no entry), 'N', which 'dprk log' gives."""
    if not numbers or 0 in numbers:
        return _FOUND_SINCE.format(ident=ident)
    drops = [f"'dprk drop-finding {ident} {n}'" for n in sorted(numbers, reverse=True)]
    if len(drops) == 1:
        return f"the finding since it last acted ({drops[0]})"
    return f"the findings since it last acted ({', then '.join(drops)})"


def _numbers_found_since(m: Measure | None) -> list[int] | None:
    """The numbers `dprk log` gives the entries of `m`'s findings since it last acted (0
    for a finding with no entry), as its full replay has them (the context's may be
    light, its steps without their entries: `Life.light`); None where its history is not
    at hand (a node read anew whose model no rule asked for)."""
    if m is None:
        return None
    ordered = in_log_order(m)
    found = [s.entry for s in _findings_since(replay(m))]
    return [next((n for n, h in enumerate(ordered, 1) if h is e), 0) for e in found]


def _findings_since(life: Life) -> list[Step]:
    """The steps of a measure's findings since it last acted, the latest first, as its
    full `life` has them."""
    found = []
    for step in reversed(life.steps):
        if step.verification is not None or step.event == VERIFICATION:
            found.append(step)
        elif step.changed:
            break
    return found


def _found_since(state: State, stored: Status) -> bool:
    """Whether a measure standing `state` by its history is left so by a finding, where
    the status `stored` is the action that finding found (`_FOUND_SINCE`)."""
    return stored == Status.implemented and state.status in (Status.verified, Status.disputed)


def _drop_findings(life: Life, ident: str, replayed: Status) -> str:
    """How a status set by hand to implemented is reached where findings since the action
    leave it `replayed` (`_found_since`): drop the one finding; where there are more,
    each drop but the last leaves the status set by hand against the history, which a
    write refuses: the file is set as the history gives it first, then they are dropped.
    (A write's refusal: `life` is the full replay, with its steps; the entries are not
    numbered, 'dprk log' numbers them: `_FOUND_SINCE`, how many said.)"""
    found = len(_findings_since(life))
    said = _FOUND_SINCE.format(ident=ident)
    if found <= 1:
        return f"first drop {said} (or correct the file)"
    said = said.replace("drops one", f"drops one; {found} to drop")
    return f'first set status = "{replayed.value}" in the file, then drop {said}'


def _unentered_finding(life: Life) -> bool:
    """Whether a finding of the measure has no history entry (written by hand: its
    `FINDING_RECORDS` problem, `lifecycle._unentered`, names it and how to mend it)."""
    return any(map(unentered, life.problems))


_MEND_UNENTERED = (
    "first mend the finding written by hand without its history entry ('dprk check' "
    "names it, with how)"
)


def _derived_from_parts(life: LedgerLife, ident: str) -> tuple[str, str]:
    """How the state of a measure made of parts is said to be given: by its parts (once
    one has acted: `LedgerLife.parts_give`), else by its history; and what dprk derives
    it from, in words."""
    if life.parts_give(ident):
        return "its parts give", "the parts"
    return "its history gives", "its history and its parts"


def _whole_set_by_hand(life: LedgerLife, ident: str, stored: Status, replayed: State) -> str:
    """What a write refused says of a measure made of parts whose status was set by hand
    to `stored` against the `replayed` one (`_hand_set_status_lost`): such a measure is
    not marked ('dprk mark' refuses it), its parts are. Where they can take it there
    (not a finding's status, nor a step its rules refuse), marking them is advised."""
    source, derived = _derived_from_parts(life, ident)
    fix = f'set status = "{replayed.status.value}" in the file (dprk derives it from {derived})'
    finding = stored in (Status.verified, Status.disputed)
    if not finding and step_problem(replayed, stored) is None:
        parts = life.parts(ident)
        mark = f"'dprk mark {{}} {stored.value} --date YYYY-MM-DD'"
        how = (
            f"on its part with {mark.format(parts[0])}"
            if len(parts) == 1
            else f"on its parts with {mark.format('ID')} for each that took that step "
            f"({parts_in_brief(parts)})"
        )
        fix = f"record the change first {how}, or {fix}"
    return (
        f"its status '{stored.value}' in the file is not what {source} "
        f"('{replayed.status.value}'), one of the two written by hand; {fix}"
    )


def status_matches_history(ctx: Context, m: Checked) -> Iterator[str]:
    state = ctx.life.state(m.id)
    if _unentered_finding(ctx.life.life(m.id)):
        return  # (the finding written by hand is the cause: `FINDING_RECORDS` says it)

    # (an extent unfit for its status, stored or given by an entry written by hand; where
    # the history breaks a rule of its own, that problem is the one to say)
    def refused() -> bool:
        return bool(ctx.life.problems(m.id))

    unfit = _extent_unfit(m)
    if unfit is not None and state is not None and _status_alone_wrong(m, state):
        unfit = None  # (the extent is the history's: the status is the one to set)
    elif unfit is not None and m.status in ACTED and refused():
        unfit = None
    elif unfit is None and state is not None and state.status in ACTED:
        given = _unfit(state.status, state.extent)
        if given is not None and not ctx.life.has_parts(m.id) and not refused():
            unfit = (
                f"its history gives '{state.status.value}' at extent '{state.extent.value}', "
                f"which no step gives ({given}); correct that entry's extent in the file, or "
                f"leave it out ({default_extent(state.status).value})"
            )
    if unfit is not None:
        yield unfit
        return
    if state is None or (state.status == m.status and state.extent == m.extent):
        return
    if ctx.life.standing(m.id, State(m.status, m.extent), state) == state:
        return  # (as an earlier dprk derived it from its parts: `extent_written_before`)
    made_of_parts = ctx.life.has_parts(m.id)
    if state.status != m.status:
        name, stored, replayed = "status", m.status.value, state.status.value
        how = f"'dprk mark {m.id} ... --date YYYY-MM-DD'"
    else:
        name, stored, replayed = "extent", m.extent.value, state.extent.value
        how = f"'dprk mark {m.id} implemented --extent ... --date YYYY-MM-DD'"
    if made_of_parts:
        source, derived = _derived_from_parts(ctx.life, m.id)
        fix = f" (dprk derives it from {derived})"
    else:
        source, fix = "its history gives", f", or record the change with {how}"
    unreachable = step_problem(state, m.status) if name == "status" and not made_of_parts else None
    if unreachable is not None:
        fix = f", since it cannot become '{stored}' by its history: {unreachable}"
    elif name == "status" and not made_of_parts and _found_since(state, m.status):
        # (the same words however the file is read: a file read anew keeps no steps, and
        # reads such a measure in full, `wanted_in_full`, for the numbers of its entries)
        from .model import Measure

        full = m if isinstance(m, Measure) else ctx.full.get(m.id)
        numbers = _numbers_found_since(full)
        fix = f", or, for it to stand implemented, drop {_found_since_said(m.id, numbers)}"
        if not numbers or len(numbers) > 1:
            fix += "; more than one: set the file first, then drop them"
    said, to_set = f"'{stored}'", f'{name} = "{replayed}"'
    if name == "status" and m.status == Status.proposed:
        said += " (or left out, which reads as 'proposed')"  # (a hand edit's usual slip)
    if name == "status" and state.extent not in (m.extent, default_extent(state.status)):
        # (both lines left out: the status set alone would read as at its default extent)
        to_set += f' and extent = "{state.extent.value}"'
    yield f"{name} is {said} but {source} '{replayed}'; set {to_set} in the file{fix}"


def extent_written_before(ctx: Context, m: Checked) -> Iterator[str | Naming]:
    """A measure made of parts whose file holds the state an earlier dprk derived from
    them (`vocab.written_before`): full once every part had acted, one only in part too,
    or with a part that stands rejected counted: no hand edit, so a warning. Every view
    reads it as its parts give it now (`LedgerLife.standing`), and the next change of it
    or of a part writes that."""
    full = ctx.full.get(m.id)  # (as the file holds it: a node read anew is read so)
    if full is None or not ctx.life.has_parts(m.id):
        return
    life = ctx.life
    stored, given = State(full.status, full.extent), life.state(m.id)
    if given is None or given == stored:
        return
    earlier = life.written_before(m.id, stored)  # (None: it stands as stored, `standing`)
    if earlier is None:
        return
    if earlier == EARLIER_REJECTED:
        yield _rejected_written_before(life, m.id, stored, given)
        return
    in_part = [
        p
        for p in life.parts(m.id)
        if p in life.known and (s := life.state(p)) is not None and s.extent != Extent.full
    ]
    acted = "acted" if len(in_part) == 1 else "each acted"
    yield Naming(
        f"extent '{stored.extent.value}' in the file was written by an earlier dprk, which "
        f"counted a whole full once every part had acted; {in_prose(in_part)} {acted} only "
        f"in part, so it is '{given.extent.value}'; the next change to {m.id} or its parts "
        f'writes it (or set extent = "{given.extent.value}" in the file)',
        in_part,
    )


def _rejected_written_before(life: LedgerLife, ident: str, stored: State, given: State) -> Naming:
    """`extent_written_before`'s words for a whole an earlier dprk stored counting its
    parts that stand rejected, which now count for nothing (`vocab.counted_parts`)."""
    rejected = [
        p
        for p in life.parts(ident)
        if p in life.known and (s := life.state(p)) is not None and s.status == Status.rejected
    ]
    name = "status" if stored.status != given.status else "extent"
    was = stored.status.value if name == "status" else stored.extent.value
    now = given.status.value if name == "status" else given.extent.value
    to_set = f'{name} = "{now}"'
    if name == "status" and stored.extent != given.extent:
        to_set += f' and extent = "{given.extent.value}"'
    stands = "stands" if len(rejected) == 1 else "stand"
    counts = "counts" if len(rejected) == 1 else "count"
    return Naming(
        f"{name} '{was}' in the file was written by an earlier dprk, which counted a part "
        f"that stands rejected in its whole; {in_prose(rejected)} {stands} rejected and no "
        f"longer {counts}, so it is '{now}'; the next change to {ident} or its parts writes "
        f"it (or set {to_set} in the file)",
        rejected,
    )


def in_force_known(
    name: str,
    value: str | None,
    ident: str,
    parties: Collection[str],
    present: Callable[[str], bool],
) -> bool:
    """Whether dated field `name` of measure `ident` can take `value`, as an edit of it
    shows it: an actor still declared, a larger measure still `present` (not `ident`
    itself); a deadline, or none, always. (An edit naming a party or measure since
    renamed or removed puts nothing in force.)"""
    if name == "actor":
        return value in parties
    if name == "part_of":
        return value is None or (value != ident and present(value))
    return True


def fields_unlike_history(
    m: Checked,
    unlike: Iterable[Unlike],
    parties: Collection[str],
    present: Callable[[str], bool],
) -> Iterator[tuple[Unlike, str, str]]:
    """Those of `m`'s dated fields stored `unlike` their history (`lifecycle.unlike_history`)
    whose history's value can stand (`in_force_known`): each with the value stored and the
    value the history gives, in words."""
    from .changes import shown

    for u in unlike:
        if u.name in DATED_FIELDS and in_force_known(u.name, u.value, m.id, parties, present):
            yield u, shown(getattr(m, u.name), whole=True), shown(u.value, whole=True)


def orders_unlike_history(
    m: Checked, unlike: Iterable[Unlike], present: Callable[[str], bool]
) -> Iterator[tuple[Unlike, Order | None]]:
    """Those of `m`'s orders stored `unlike` the one its change of order dated last set
    (`lifecycle.orders_unlike`), each with the order stored (None: none). Not an order
    toward a measure no longer `present`: its removal drops the order, in an entry of its
    own (`changes.drop_references`)."""
    for u in unlike:
        if u.name == ORDERS and u.other is not None and present(u.other):
            yield u, next((c for c in m.constraints if c.other == u.other), None)


def links_unlike_history(
    m: Checked, unlike: Iterable[Unlike], present: Callable[[str], bool]
) -> Iterator[tuple[Unlike, bool]]:
    """Those of `m`'s exchange links its own changes of them leave otherwise than its
    `in_exchange_for` holds them (`lifecycle.unlike_history`), each with whether its
    history links them (else it ends the link). Not a link to a measure no longer
    `present`: its removal ended the link. (In a ledger, one end's history is read with
    the other's: `link_apart`; an import's row is read alone.)"""
    from .lifecycle import LINKS

    for u in unlike:
        if u.name == LINKS and u.value is not None and present(u.value):
            yield u, u.value not in m.in_exchange_for


def links_to_the_unheld(
    m: Measure, unlike: Iterable[Unlike], present: Callable[[str], bool]
) -> Iterator[Unlike]:
    """Those of `m`'s exchange links its own changes of them leave standing though its
    `in_exchange_for` lists them not (`lifecycle.unlike_history`), to a measure not
    `present` whose removal its history does not record (`changes.removals_recorded`):
    a link to a measure the ledger never held, which no command can end or mend, and
    whose id a measure brought in later would take on with that past. (A removal ends
    the links it drops: `links_unlike_history` passes those over.)"""
    from .changes import removals_recorded
    from .lifecycle import LINKS

    gone: Mapping[str, date] | None = None
    for u in unlike:
        if u.name != LINKS or u.value is None or present(u.value) or u.value in m.in_exchange_for:
            continue
        gone = removals_recorded(m) if gone is None else gone
        if u.value not in gone:
            yield u


def link_past_not_its_own(m: Measure, holder: Measure) -> HistoryEntry | None:
    """The first of `holder`'s changes of its exchange link with `m.id`, when `m`'s own
    history records none of them: `m` is then not the measure `holder`'s history names,
    but another by its id, and would take on a past it never had. None when `m` records
    some (the same measure: a record unlike the other's is `lifecycle.unlike_history`'s
    to tell), or when the first links them on `m`'s creation day (the link it was added
    with, `--in-exchange-for`, which the other alone records: `m` may be that one).
    (Orders and parts are recorded on one side only: not asked.)"""
    from .changes import link_changes, link_changes_by_other
    from .lifecycle import dated_creation

    theirs = link_changes(holder, m.id)
    if not theirs or link_changes_by_other(m).get(holder.id):
        return None
    first, linked = theirs[0]
    made = dated_creation(m)
    return None if linked and (made is None or first.date == made) else first


def dated_fields_match_history(ctx: Context, m: Checked) -> Iterator[str | Naming]:
    flags = {"actor": "--actor", "deadline": "--deadline", "part_of": "--part-of"}
    unlike = ctx.life.life(m.id).unlike
    if not unlike:
        return
    # (a field a merge left in conflict, or two histories, is that conflict's to say)
    held = {c.field for c in ctx.conflicts(m)}
    settled = [u for u in unlike if u.name not in held and "history" not in held]
    found = fields_unlike_history(m, settled, ctx.parties, ctx.index.__contains__)
    for u, stored, given in found:
        value = getattr(m, u.name)
        record = (
            f"{flags[u.name]} {shell_word(str(value))}"
            if value is not None
            else f"--no-{flags[u.name][2:]}"
        )
        written = "leave it out" if u.value is None else f"set {u.name} = {_toml(u)}"
        yield Naming(
            f"{u.name} is {stored} but its history gives {given} (by its edit of {u.date}); "
            f"{written} in the file, or record the change with "
            f"'dprk edit {m.id} {record} --date YYYY-MM-DD' (a day from {u.date} on)",
            # (of part_of, the wholes the two name)
            [str(v) for v in (value, u.value) if v is not None] if u.name == "part_of" else (),
        )


def creation_matches_parts(ctx: Context, m: Checked) -> Iterator[str]:
    """A measure added without a date: its creation stored on the day every report holds
    it from (`LedgerLife.undated_made_on`; without parts, the day of its earliest event,
    as every read dates it: `effective_creation`), which every write moves with its
    events and parts. A file written by hand (a step's date changed), or by a dprk that
    left it on the day the measure was added, may hold another."""
    if not ctx.life.members(m.id):
        # (its replay found it: `lifecycle.unlike_history`; one added without events
        # keeps the day it was added on)
        for u in ctx.life.life(m.id).unlike:
            if u.name == CREATED:
                yield (
                    f"its creation, recorded without a date, is dated {u.value} but its "
                    f"earliest event dates it {u.date}; set date = {u.date} on that entry in "
                    "the file (dprk's next change of the measure sets it too)"
                )
        return
    full = ctx.full.get(m.id)
    created = None if full is None else next((h for h in full.history if h.event == CREATED), None)
    # (a measure made again from its record, for a file read anew, does not say whether
    # its creation was given a date: its replay does)
    own = ctx.life.life(m.id)
    if full is None or created is None or not own.undated:
        return
    # (the day the file stores, where a read gave it the day of its earliest event:
    # `changes.creation_as_read`, as its replay found it)
    stored = next((u.value for u in own.unlike if u.name == CREATED), None)
    on = created.date if stored is None else date.fromisoformat(stored)
    day = ctx.life.undated_made_on(full, undated=True)
    if day is None or day == on:
        return
    mine = own_undated_day(full, undated=True)
    if mine is not None and day < mine:
        source = f"its parts date it {day} (the first step of one of them while a part of it)"
    elif any(h is not created and not correction(h) for h in full.history) or full.verifications:
        source = f"its earliest event dates it {day}"
    else:
        source = f"it was added on {day}, before any part of it acted"
    yield (
        f"its creation, recorded without a date, is dated {on} but {source}; "
        f"set date = {day} on that entry in the file (dprk's next change of the measure or "
        "of a part of it sets it too)"
    )


LINK_HISTORY = "link-history"


class LinkApart(NamedTuple):
    """An exchange link one end's own changes of it leave otherwise than both ends'
    `in_exchange_for` hold it (`link_apart`)."""

    measure: str  # the end whose history says otherwise
    other: str
    change: HistoryEntry  # its latest change of the link (`lifecycle.links_in_force`)
    linked: bool  # whether that change linked them
    partner: tuple[HistoryEntry, bool] | None  # the other's latest change of it, if any


def link_apart(m: Measure, other: Measure) -> LinkApart | None:
    """The link of `m` and `other`, when `m`'s own changes of it (`lifecycle.links_in_force`)
    leave it otherwise than `m`'s `in_exchange_for` holds it, as that of `other` does too
    (a log saying linked, neither listing the other; or the reverse); None when they
    agree. (Where the two fields disagree, the link is one-sided: `one_sided_exchanges`.)
    The one rule of a link's two ends: `dprk check` asks it (`links_match_history`), and
    so does a settlement of a history in conflict (`operations.resolve`)."""
    mine = links_in_force(m).get(other.id)
    listed = other.id in m.in_exchange_for
    if mine is None or other.id == m.id or mine[1] == listed:
        return None
    if listed != (m.id in other.in_exchange_for):
        return None
    return LinkApart(m.id, other.id, mine[0], mine[1], links_in_force(other).get(m.id))


def links_match_history(ctx: Context, m: Checked) -> Iterator[str | Naming]:
    from .lifecycle import LINKS
    from .model import Measure

    unlike = [u for u in ctx.life.life(m.id).unlike if u.name == LINKS]
    if not unlike or any(c.field == "history" for c in ctx.conflicts(m)):
        return  # (two histories: that conflict's to say)
    # (the links' changes are in the measures' histories: a measure checked from its node,
    # in a file read anew, is read in full: `wanted_in_full`)
    mine = m if isinstance(m, Measure) else ctx.full.get(m.id)
    if mine is None:
        return
    for u in links_to_the_unheld(mine, unlike, ctx.index.__contains__):
        yield (
            f"its history has it exchanged for '{u.value}' (linked on {u.date}), a measure "
            "the ledger does not hold and whose removal it does not record (its reference "
            "taken out by hand, the history's record of it left); take the exchange entries "
            f"naming '{u.value}' out of its history in the file"
        )
    for u in unlike:
        partner = ctx.index.get(u.value or "")  # (removed since: its removal ended the link)
        if partner is None or any(c.field == "history" for c in ctx.conflicts(partner)):
            continue  # (in conflict: settling it brings both ends to one history, or is refused)
        theirs = partner if isinstance(partner, Measure) else ctx.full.get(partner.id)
        found = link_apart(mine, theirs) if theirs is not None else None
        if found is not None and theirs is not None:
            yield Naming(link_apart_words(found, mine, theirs), (found.other,))


def link_apart_words(found: LinkApart, m: Measure, other: Measure) -> str:
    """What `dprk check` says of a link `found` apart (`link_apart`), and how to mend it:
    where the other's history has the link otherwise, the later of the two changes is
    recorded on the end that lacks it, or dropped as entered by mistake; where it agrees,
    the fields are set as the histories say, or the histories as the fields do."""
    from .lifecycle import in_log_order

    o, day = found.other, found.change.date
    said = (
        f"has it exchanged for '{o}' (linked on {day})"
        if found.linked
        else f"has it no longer exchanged for '{o}' (unlinked on {day})"
    )
    held = "neither lists the other" if found.linked else "both list each other"
    theirs = found.partner
    if theirs is None or theirs[1] == found.linked:
        # (the histories agree: the fields were set otherwise, by hand)
        fix = (
            "put each back in the other's in_exchange_for in the file"
            if found.linked
            else "take each out of the other's in_exchange_for in the file"
        )
        command = "unlink" if found.linked else "link"
        record = "the link's end" if found.linked else "the link again"
        return (
            f"its history {said}, but {held} in in_exchange_for; {fix}, or record {record} "
            f"with 'dprk {command} {m.id} {o} --date YYYY-MM-DD' (a day from {day} on)"
        )
    entry, linked = theirs
    was = "linked" if linked else "unlinked"
    # (the later of the two changes: recorded on the end that lacks it, or dropped)
    later, on, lacking = (
        (entry, other, m.id)
        if entry.sort_key() >= found.change.sort_key()
        else (found.change, m, o)
    )
    kind = "link" if later is entry and linked or later is not entry and found.linked else "end"
    number = next(n for n, h in enumerate(in_log_order(on), 1) if h is later)
    command = "link" if kind == "link" else "unlink"
    return (
        f"its history {said}, but {held} in in_exchange_for, as the history of '{o}' has "
        f"it ({was} on {entry.date}); record the {kind} of {later.date} on '{lacking}' too "
        f"with 'dprk {command} {m.id} {o} --date {later.date}', or, if it was entered by "
        f"mistake, drop it with 'dprk drop-entry {on.id} {number}'"
    )


ORDER_HISTORY = "order-history"


def orders_match_history(ctx: Context, m: Checked) -> Iterator[str | Naming]:
    """An order whose stored form is not the one its change of order dated last set (a
    hand edit, or an import that dropped a demanding party): `--as-of` and `check`'s
    other rules read the history, the plan the file."""
    from .changes import constraint_text

    unlike = ctx.life.life(m.id).unlike
    if not unlike:
        return
    held = {c.field for c in ctx.conflicts(m)}
    if any(name in held for name in _ORDERS_HELD):
        return  # (a merge left its orders in conflict: settling it is the fix)
    for u, stored in orders_unlike_history(m, unlike, ctx.index.__contains__):
        now = f"'{constraint_text(stored)}'" if stored is not None else "none"
        given = f"'{u.value}'" if u.value is not None else "none (it removed it)"
        said = (
            f"its order toward '{u.other}' is {now} but its history gives {given} (by its "
            f"change of order of {u.date}); "
        )
        if u.value is None:
            said += f"take the constraint with '{u.other}' out of its constraints in the file"
        elif stored is None:
            said += f"add {_toml_order(u.value)} to its constraints in the file"
        else:
            said += f"set it to {_toml_order(u.value)} in its constraints in the file"
        if stored is not None:
            said += (
                f", or record the order it has with 'dprk sequence {m.id} "
                f"{order_options(stored)} --date YYYY-MM-DD' (a day after {u.date})"
            )
        yield Naming(said, [u.other] if u.other is not None else [])


def _toml_order(words: str) -> str:
    """An order in words (`changes.constraint_text`), as an inline table of the file."""
    import json

    from .lifecycle import order_said

    said = order_said(words)
    assert said is not None  # (`lifecycle.orders_unlike` reads back the orders it gives)
    pieces = [("after", said.after), ("with", said.with_)]
    if said.require != Require.acted:
        pieces.append(("require", said.require.value))
    pieces.append(("demanded_by", said.demanded_by))
    pieces.append(("verified_by", said.verified_by))
    inside = ", ".join(f"{key} = {json.dumps(v, ensure_ascii=False)}" for key, v in pieces if v)
    return f"{{ {inside} }}"


def order_options(c: Order, *, demanded_by: str | None = None) -> str:
    """The options of `dprk sequence` that give the order `c` ('--after b --require
    verified --demanded-by US', '--with b'); `demanded_by`: as demanded by that party
    instead."""
    if c.with_ is not None:
        return f"--with {c.with_}"
    said = f"--after {c.after}"
    if c.require != Require.acted:
        said += f" --require {c.require.value}"
    if demanded_by or c.demanded_by:
        said += f" --demanded-by {shell_word(demanded_by or c.demanded_by or '')}"
    if c.require == Require.verified and c.verified_by:
        said += f" --verified-by {shell_word(c.verified_by)}"
    return said


def _toml(u: Unlike) -> str:
    import json

    return str(u.value) if u.name == "deadline" else json.dumps(u.value, ensure_ascii=False)


def _replayed(check: str) -> Rule:
    def rule(ctx: Context, m: Checked) -> Iterator[str]:
        for problem in ctx.life.problems(m.id, _finding_held(ctx, m.id)):
            if problem.check == check:
                yield problem.message

    rule.__name__ = check.replace("-", "_")
    return rule


def _finding_held(ctx: Context, ident: str) -> Callable[[date, str], str | None] | None:
    """How the advice of a problem of measure `ident` drops a finding of its own (by its
    day and words, `LedgerLife.problems`): by the number the file gives it, where the
    measures checked are a change not yet written (`Context.written`), and not at all
    where the file does not hold it (the change refused is the one that recorded it);
    None: the measures checked are the file's, whose replay numbers it."""
    if ctx.written is None:
        return None
    was = ctx.written.get(ident)

    def dropped(day: date, words: str) -> str | None:
        if was is None:
            return None
        for entry, v in match_verifications(was):
            on = v.date if v is not None else entry.date if entry is not None else None
            if on == day and describe_entry(entry, v) == words:
                return drop_advice(was, entry, "drop-finding")
        return None

    return dropped


def transitions(ctx: Context, m: Checked) -> Iterator[str | Naming]:
    """The steps the rules of a measure's life do not let follow the state before them:
    as its own replay finds them, and, for a measure made of parts, its own withdrawal,
    rejection or offer made again after it acted through them
    (`LedgerLife.steps_after_acting`)."""
    for problem in ctx.life.problems(m.id):
        if problem.check == TRANSITIONS:
            yield problem.message
    for step in ctx.life.steps_after_acting(m.id):
        yield _after_acting(ctx, m.id, step)


def _after_acting(ctx: Context, ident: str, step: StepAfterActing) -> Naming:
    """What `check` says of a measure made of parts that ended, or was offered again, after
    it acted through them, and what to do: record on its parts how it ended (those yet to
    act by the end of its day ended so, those carried out and undone reversed, its own
    step dropped first where the file holds it: a refused change is not written), or that it
    was undone before the offer (those carried out reversed by the day before; a reversal
    on record of the offer's day or later, which a reversal the day before would make a
    second, moved to that day, or the offer dated once they were undone). With the parts
    it names."""
    day, status = step.on, step.status.value
    pending = [p for p, state in step.parts if state.status in PENDING]
    acted = [p for p, state in step.parts if state.status in ACTED]

    def advised(ids: list[str], to: str, on: date = day) -> str:
        if len(ids) == 1:
            return f"'dprk mark {ids[0]} {to} --date {on}'"
        return f"'dprk mark ID {to} --date {on}' for each of {', '.join(ids)}"

    told = (
        f"{state_text(step.before.status, step.before.extent)} on {step.since}, as its parts "
        f"give it, comes before {status} on {day}: {step.reason}; once a part has acted, "
    )
    redate = "or correct one of the two dates ('dprk redate')"
    if step.status in PENDING:
        if not acted:
            return Naming(f"{told}what it does is its parts' to record: {redate}", ())
        # (an offer of the day a part was reversed replays before the reversal)
        by = date.fromordinal(day.toordinal() - 1)
        if step.undone_late:
            return Naming(told + _undone_late(ctx, step, by), acted)
        return Naming(
            f"{told}its undoing is its parts' to record: mark reversed those undone, by the "
            f"day before the offer ({advised(acted, 'reversed', by)}), and the offer stands, "
            f"{redate}",
            acted,
        )
    steps = []
    if pending:
        steps.append(f"mark {status} those yet to act ({advised(pending, status)})")
    if acted:
        steps.append(f"mark reversed those undone ({advised(acted, 'reversed')})")
    drop = f"('dprk log {ident}' numbers the entries, 'dprk drop-entry {ident} N' drops one)"
    # (a change refused is not written: its own step, there, is not the file's to drop)
    held = _holds_step(ctx, ident, day, step.status)
    if steps and held:
        # (its own step first: while the ledger holds it, a part's step before it is
        # refused, and a reversal of a part whose action was refused would stand alone)
        how = f": drop its own {status} step of {day} first {drop}, then {' and '.join(steps)}"
    elif steps:
        how = f": {' and '.join(steps)}"
    elif held:
        how = f", and they say it (none is left to act or to undo): drop its own step {drop}"
    else:
        how = ", and they say it already (none is left to act or to undo)"
    return Naming(f"{told}how it ended is its parts' to record{how}, {redate}", pending + acted)


def _holds_step(ctx: Context, ident: str, day: date, status: Status) -> bool:
    """Whether the ledger's file holds measure `ident`'s own step to `status` on `day`:
    always, where the measures checked are the file's (`Context.written`)."""
    if ctx.written is None:
        return True
    m = ctx.written.get(ident)
    return m is not None and any(
        h.date == day and h.status == status and h.event in (CREATED, "status") for h in m.history
    )


def _undone_late(ctx: Context, step: StepAfterActing, by: date) -> str:
    """The advice of an offer of a measure made of parts after it acted through them, some
    of which have a reversal on record on the offer's day or later (`undone_late`): those
    moved to the day before (`by`; marked reversed again, they would be reversed twice),
    the others marked reversed then; or, where each is so, the offer dated the day after
    they undid it (`stands_from`), once that day has come."""
    late = dict(step.undone_late)
    unrecorded = [p for p, state in step.parts if state.status in ACTED and p not in late]
    moves = []
    for p, on in step.undone_late:
        m = ctx.full.get(p)  # (a part's history is read in full: `wanted_in_full`)
        entry = None
        if m is not None:
            entry = next(
                (
                    h
                    for h in in_log_order(m)
                    if h.date == on and h.event == "status" and h.status == Status.reversed
                ),
                None,
            )
        how = redate_advice(m, entry, by) if m and entry else redate_unnumbered(p, by)
        moves.append(f"of {p} on {on} {how}")
    todo = [f"move to that day the reversal{'' if len(moves) == 1 else 's'} {' and '.join(moves)}"]
    if unrecorded:
        marks = (
            f"'dprk mark {unrecorded[0]} reversed --date {by}'"
            if len(unrecorded) == 1
            else f"'dprk mark ID reversed --date {by}' for each of {', '.join(unrecorded)}"
        )
        todo.append(f"mark reversed those undone with none on record ({marks})")
    from .clock import today

    # (a day after today is no day to date an offer: `--date` refuses it)
    later = (
        f"date the offer {step.stands_from}, the day after its parts were undone"
        if step.stands_from is not None and step.stands_from <= today()
        else "correct one of the two dates ('dprk redate')"
    )
    return (
        "its undoing is its parts' to record, by the day before the offer (a reversal of the "
        f"offer's day or later comes after it): {' and '.join(todo)}, and the offer stands, or "
        f"{later}"
    )


def _created_acting(ctx: Context, m: Checked, step: Step, parts: list[str]) -> str:
    """What to say of measure `m`, made of `parts` on the day of its creation `step` at a
    status that acted, where steps of its own are dated before it (a sheet's row imported
    as implemented, then marked agreed on an earlier day): its parts' to record. A
    creation is no entry to drop, and redated it would have it act from the earlier day:
    imported again with a creation at its status before acting on its first day, it has a
    creation that did not act, and its parts the action. Its row alone does it where the
    row holds all the measure has (`_row_holds_all`); else its export, the creation
    corrected in its history cell, keeps the rest."""
    import csv
    import io

    life = ctx.life.life(m.id)
    first = life.steps[0].date
    before = life.state_on(step.date - timedelta(days=1))
    status = (
        before.status
        if before is not None and before.status in (Status.proposed, Status.agreed)
        else Status.agreed
    )
    full = ctx.full.get(m.id)
    if full is not None and _row_holds_all(full, status, first):
        row = io.StringIO()
        csv.writer(row, lineterminator="").writerow(
            [m.id, full.title, m.actor, status.value, first.isoformat()]
        )
        command = (
            f"printf '%s\\n' 'id,title,actor,status,date' {shell_word(row.getvalue())} | "
            "dprk import --replace --format csv -"
        )
        how = f"by importing its row again ('{command}')"
    else:
        sheet = shell_word(f"{m.id}.csv")
        how = (
            f"by exporting it ('dprk export --format csv --search {shell_word(m.id)} > "
            f"{sheet}'), setting in its row the created entry of the history cell to status "
            f"{status.value} and date {first} and emptying the status and extent cells (its "
            f"history gives them), and importing it again ('dprk import --replace {sheet}')"
        )
    acted = step.state.status.value
    return (
        f"is {acted} on {step.date} by its creation, dated after steps of its own, on a day "
        f"it was made of parts ({', '.join(parts)}): what it does then is its parts' to "
        f"record, and a creation is no entry to drop; record it created {status.value} on "
        f"{first}, its first day, {how}, then the action on its parts ('dprk mark PART "
        f"{acted} --date {step.date}')"
    )


def _row_holds_all(m: Measure, status: Status, first: date) -> bool:
    """Whether a row of measure `m`'s id, title, actor, `status` and `first` day, imported
    in its place, loses nothing of it: it has no other field, and its history is its
    creation (with no note) and one step to `status` on `first` (also with none), which
    the row's creation says."""
    others = m.model_dump(
        exclude={"id", "title", "actor", "status", "extent", "history"}, exclude_defaults=True
    )
    steps = [h for h in m.history if h.event != CREATED]
    return (
        not others
        and all(not h.note for h in m.history)
        and len(steps) == 1
        and (steps[0].event, steps[0].status, steps[0].extent, steps[0].date)
        == ("status", status, None, first)
    )


def part_cycles(ctx: Context, m: Checked) -> Iterator[str | Naming]:
    # (a cycle first, and alone: what its measures do through their parts follows from it)
    chain = [] if m.part_of is None or m.part_of == m.id else ancestors(ctx.index, m.id)
    last = ctx.index.get(chain[-1]) if chain else None
    if last is not None and last.part_of == m.id:
        # (removed today, a link would leave the cycle on the days before: removed the day
        # the cycle closed, when the last of its links was made, it leaves none)
        lives = [ctx.life.life(i) for i in [m.id, *chain]]
        edited = [
            r[-1][0] for r in (life.part_runs for life in lives) if r and r[-1][0] != date.min
        ]
        # (written by hand, no edit of part_of: it closed when the last of them was made)
        day = stood_from(max(edited, default=None), [life.created for life in lives])
        closed = f" --date {day}" if day is not None else ""
        yield Naming(
            f"is a part of a measure that is itself a part of it ({' -> '.join([m.id, *chain])}"
            f" -> {m.id}); remove one link with 'dprk edit ID --no-part-of{closed}'",
            chain,
        )
        return
    for step, parts in ctx.life.own_steps_among_parts(m.id):
        if not step.changed:  # (a finding that changed nothing: `own_steps_among_parts`)
            yield Naming(
                f"has a finding of its own on {step.date}, a day it was made of parts "
                f"({', '.join(parts)}): its parts' to record; "
                f"drop it ('dprk log {m.id}' numbers the entries, 'dprk drop-finding {m.id} "
                "N' drops it) and record it on the parts, or correct the date of one of the "
                "two ('dprk redate')",
                parts,
            )
            continue
        if ctx.life.life(m.id).is_creation(step):  # (after earlier steps)
            yield Naming(_created_acting(ctx, m, step, parts), parts)
            continue
        yield Naming(
            f"is {step.state.status.value} on {step.date} by its own history, on a day it "
            f"was made of parts ({', '.join(parts)}): what it does then is its parts' to "
            f"record; drop its own step, and first any finding of it ('dprk log {m.id}' "
            f"numbers the entries, 'dprk drop-finding {m.id} N' and 'dprk drop-entry {m.id} N' "
            "drop them), and record it on the parts, or correct the date of one of the two "
            "('dprk redate')",
            parts,
        )
    deep = nesting_problem(m.id, chain)
    if deep is not None:
        yield Naming(deep, chain[:2])  # (the two it names)
    past = _past_part_cycle(ctx, m)
    if past is not None:
        day, then = past
        yield Naming(
            f"was a part of a measure that was itself a part of it on {day} "
            f"({' -> '.join([m.id, *then])}); correct the date of an edit of part_of ('dprk "
            "log' numbers the entries, 'dprk redate' corrects one)",
            then,
        )
    priced = _priced_as_its_whole(ctx, m)
    for whole in chain:
        if whole in m.in_exchange_for:  # (a step of a measure is no price paid for it)
            # (ended on the first day both stood, neither stood with the other: undated, the
            # end is today's, and the days before stay as they are)
            on = f" --date {priced[1]}" if priced is not None and priced[0] == whole else ""
            yield Naming(_exchanged_for_its_whole(ctx, m, whole, on), (whole,))
            return
    if priced is not None:
        whole, day = priced
        yield Naming(
            f"was exchanged for '{whole}' on {day}, a day it was a part of it (as the link's "
            "changes and its edits of part_of are dated): a measure is no price paid for its "
            f"own whole; end the link on that day ('dprk unlink {m.id} {whole} "
            f"--date {day}', for a link on record), or correct a date ('dprk log {m.id}' "
            "numbers the entries, 'dprk redate' corrects one)",
            (whole,),
        )


def _exchanged_for_its_whole(ctx: Context, m: Checked, whole: str, on: str) -> str:
    """What `part_cycles` says of measure `m`, exchanged for `whole`, which it is a part
    of (`on`: the day to remove one, as ' --date DAY', or nothing), and what to do: remove
    one of the two where the file holds both (`Context.written`); where the change refused
    would make one, it is not there to remove: the other removed first, then the change,
    or the change toward another measure."""
    was: Checked | None = ctx.written.get(m.id) if ctx.written is not None else m
    linked = was is not None and whole in was.in_exchange_for
    inside = was is not None and was.part_of == m.part_of
    unlink = f"'dprk unlink {m.id} {whole}{on}'"
    leave = f"'dprk edit {m.id} --no-part-of{on}'"
    ended = (
        "(a link that ended before it became a part is recorded with its end: 'dprk link "
        f"{m.id} {whole} --date YYYY-MM-DD --until YYYY-MM-DD'"
    )
    said = f"is exchanged for '{whole}', which it is a part of"
    if linked and not inside:  # (the change made it a part)
        return (
            f"{said}: a measure is no price paid for its own whole; end the link first "
            f"({unlink}), then make it a part, or make it a part of another measure"
        )
    if inside and not linked:  # (the change linked them)
        return (
            f"{said}: a measure is no price paid for its own whole; take it out of the "
            f"whole first ({leave}), then link them, or link another measure {ended})"
        )
    if not linked:  # (the change did both)
        return (
            f"{said}: a measure is no price paid for its own whole; link it or make it a "
            "part, not both"
        )
    return (
        f"{said}; remove one of the two with {unlink} or {leave} {ended}, or 'dprk unlink "
        f"{m.id} {whole} --date YYYY-MM-DD')"
    )


def _priced_as_its_whole(ctx: Context, m: Checked) -> tuple[str, date] | None:
    """A measure `m` was a part of on some day (by its edits of part_of) and exchanged for
    that day (by the link's dated changes), and the first such day; None when none."""
    from .changes import link_changes, linked_then
    from .model import Measure

    life = ctx.life.life(m.id)
    wholes = _wholes_ever(life, m.part_of)
    if not wholes:
        return None
    # (the link's changes are in the measures' histories: a measure checked from its node,
    # in a file read anew, is read in full: `wanted_in_full`)
    mine = m if isinstance(m, Measure) else ctx.full.get(m.id)
    if mine is None:
        return None
    for whole in wholes:
        other = ctx.index.get(whole)
        if not isinstance(other, Measure):
            other = ctx.full.get(whole)
        if other is None:
            continue
        found = link_changes(mine, other)
        if not found and whole not in mine.in_exchange_for:
            continue
        # (a link written by hand, with no change of it on record, stood from the day both
        # measures were; the days they were made are judged too)
        made = life.created  # (before it was made it was a part of nothing)
        begun = {d for d in (made, ctx.life.life(whole).created) if d is not None}
        days = sorted(
            {h.date for h, _ in found} | {d for d, _ in life.part_runs if d != date.min} | begun
        )
        for day in (d for d in days if made is None or d >= made):
            if (linked_then(found, day) if found else True) and life.within(whole, day):
                return whole, day
    return None


def nesting_problem(ident: str, chain: Sequence[str]) -> str | None:
    """Why measure `ident`, a part of each of `chain` in turn (`vocab.ancestors`), is
    nested too deep (`vocab.PARTS_DEPTH`); None when it is not."""
    if len(chain) <= PARTS_DEPTH:
        return None
    return (
        f"is a part of a part ... more than {PARTS_DEPTH} levels deep ({ident} -> {chain[0]} "
        f"-> {chain[1]} -> ...), and parts nest at most {PARTS_DEPTH} levels; make one of "
        "the measures between a measure of its own ('dprk edit ID --no-part-of')"
    )


def _past_part_cycle(ctx: Context, m: Checked) -> tuple[date, list[str]] | None:
    """The first day, before its parts stood as they do now, on which `m` was a part of
    a measure that was itself a part of it (through its edits of `part_of`, or theirs),
    and the chain on that day; None if there was none. (A cycle that stands now is
    named as such.) A measure not yet made on a day was a part of nothing then, nor had
    parts (a part_of written by hand, with no edit, stood from the measure's creation)."""
    runs = ctx.life.life(m.id).part_runs
    if not runs and m.part_of is None:
        return None

    def whole_on(ident: str, day: date) -> str | None:
        found = ctx.index.get(ident)
        if found is None:
            return None
        made = ctx.life.life(ident).created
        if made is not None and made > day:
            return None
        value = found.part_of
        for since, whole in ctx.life.life(ident).part_runs:
            if since > day:
                break
            value = whole
        return value

    # The days on which a chain from `m` could change: those of an edit of part_of by
    # any measure it could reach, over the wholes of every day, and the days they were
    # made.
    edits: set[date] = set()
    days: set[date] = set()
    seen, todo = {m.id}, [m.id]
    while todo:
        ident = todo.pop()
        found = ctx.index.get(ident)
        if found is None:
            continue
        life = ctx.life.life(ident)
        edits.update(since for since, _ in life.part_runs if since != date.min)
        if life.created is not None:
            days.add(life.created)
        for whole in {found.part_of, *(w for _, w in life.part_runs)}:
            if whole is not None and whole not in seen:
                seen.add(whole)
                todo.append(whole)
    if not edits:
        return None  # (the parts stand as they always did)
    last = max(edits)
    for day in sorted(days | edits):
        if day >= last:
            break  # (from the last change on, the parts stand as they do now)
        chain: list[str] = []
        whole = whole_on(m.id, day)
        while whole is not None and whole not in chain and whole != m.id:
            chain.append(whole)
            whole = whole_on(whole, day)
        if whole == m.id and chain:
            return day, [*chain, m.id]
    return None


MERGE_CONFLICTS = "merge-conflicts"


def merge_conflicts(ctx: Context, m: Checked) -> Iterator[str]:
    for c in ctx.conflicts(m):
        yield describe_conflict(m.id, c, place=False)


# The error rules, in the order `dprk check` reports them (duplicate ids, a
# whole-ledger rule, comes first; see `ledger_problems`).
RULES: list[tuple[str, Rule]] = [
    ("self-references", self_references),
    (UNKNOWN_LINKS, unknown_links),
    ("repeated-links", repeated_links),
    ("one-sided-exchanges", one_sided_exchanges),
    ("one-sided-with", one_sided_with),
    (EXCHANGE_WITHIN, exchange_within_a_party),
    (DEADLINE_BEFORE_CREATION, deadline_before_creation),
    (UNDECLARED, undeclared_parties),
    (UNDONE_BY_ACTOR, undone_by_its_actor),
    # (a measure that is, through its parts, a part of itself: what its replay says
    # follows from it, so it is named first)
    ("parts", part_cycles),
    (PARTS_OF_ANOTHER_PARTY, parts_of_another_party),
    (EXCHANGED_WITH_ITS_WHOLE, exchanged_with_its_whole),
    # (dates that contradict each other leave a status the history does not give, and a
    # finding with no action before it: the cause is named first, and a refusal says
    # it, not what follows from it)
    (CONTRADICTING_DATES, _replayed(CONTRADICTING_DATES)),
    (STATUS_HISTORY, status_matches_history),
    (EXTENT_BEFORE, extent_written_before),
    ("field-history", dated_fields_match_history),
    (CREATION_HISTORY, creation_matches_parts),
    (LINK_HISTORY, links_match_history),
    (ORDER_HISTORY, orders_match_history),
    (TRANSITIONS, transitions),
    (MISSING_STEPS, _replayed(MISSING_STEPS)),
    (WITHOUT_ACTION, _replayed(WITHOUT_ACTION)),
    (FINDING_RECORDS, _replayed(FINDING_RECORDS)),
    (MERGE_CONFLICTS, merge_conflicts),
]
RULE_NAMES = [  # (the errors: docs)
    PARTIES,
    "duplicate-ids",
    *(name for name, _ in RULES if severity(name) == ERROR),
]


def measure_problems(
    ctx: Context, measures: Iterable[Checked], only: Collection[str] | None = None
) -> list[Problem]:
    """The errors of `measures`, rule by rule (`only`: just the rules named)."""
    found: list[Problem] = []
    for name, rule in RULES:
        if only is not None and name not in only:
            continue
        for m in measures:
            found.extend(rule_problem(ctx, name, m.id, said) for said in rule(ctx, m))
    return found


def errors_by_measure(ctx: Context, measures: Iterable[Checked]) -> Iterator[list[Problem]]:
    """The errors of each of `measures`, in the rules' order (what the store keeps for
    each measure, so that `dprk check` need not run the rules again), a measure at a
    time: a file read anew writes them as they come, and never holds them all."""
    seen: set[str] = set()
    for m in measures:
        mine: list[Problem] = []
        again = m.id in seen  # (an id given twice: its history is read as the first's)
        seen.add(m.id)
        for name, rule in RULES:
            if again and rule is status_matches_history:
                continue
            mine.extend(rule_problem(ctx, name, m.id, said) for said in rule(ctx, m))
        yield mine


def duplicate_ids(
    measures: Iterable[_Identified], lines: Mapping[str, Sequence[int]] | None = None
) -> list[Problem]:
    """An id given to more than one measure (a block pasted twice), with the lines their
    blocks begin on in the file (`lines`, by id, where known: `store.blocks.lines_of`)."""
    counts = Counter(m.id for m in measures)
    return [
        Problem(
            ERROR,
            "duplicate-ids",
            ident,
            f"id '{ident}' is used by {n} measures{lines_said((lines or {}).get(ident, ()))}; "
            "give each its own id by editing the file (dprk refuses to change the ledger until "
            "then)",
        )
        for ident, n in counts.items()
        if n > 1
    ]


def lines_said(lines: Sequence[int]) -> str:
    """The lines of the file a problem lies on, as its message gives them after what they
    hold: ' (lines 8 and 36)'; "" for none known."""
    if not lines:
        return ""
    return f" (line{'s' if len(lines) > 1 else ''} {in_prose(map(str, lines))})"


def header_problems(conflicts: list[Conflict]) -> list[Problem]:
    """The ledger's own merge conflicts (its title, its parties)."""
    return [
        Problem(
            ERROR,
            MERGE_CONFLICTS,
            None,
            describe_conflict(None, c, place=False, field=settle_field(c, conflicts)),
        )
        for c in conflicts
    ]


# --- a write adds no error ----------------------------------------------------------------


def neighbours(index: Mapping[str, Measure], ids: Collection[str]) -> set[str]:
    """`ids`, the measures they refer to (or were a part of once), and the measures that
    refer to them."""
    from .model import index_of

    measures = index_of(index)
    found = {i for i in ids if i in measures}
    for ident in ids:
        m = measures.get(ident)
        if m is None:
            continue
        found.update(i for i in references(m) if i in measures)
        found.update(a for a in ancestors(measures, ident) if a in measures)
        found.update(w for w in was_part_of(m) if w in measures)  # (its steps then)
        # (the other end of each link its history changed: `links_match_history` reads both)
        found.update(i for i in links_in_force(m) if i in measures)
    found.update(measures.referrers(ids))
    return found


def regrouped(
    before: Mapping[str, Measure], after: Mapping[str, Measure], ids: Collection[str]
) -> set[str]:
    """The measures below (parts of parts of ...) those of `ids` whose `part_of` a change
    from `before` to `after` moved: how deep in parts they sit moved with it
    (`nesting_problem`)."""
    from .model import index_of

    was, now = index_of(before), index_of(after)

    def whole(index: Mapping[str, Measure], ident: str) -> str | None:
        m = index.get(ident)
        return None if m is None else m.part_of

    todo = [i for i in ids if whole(was, i) != whole(now, i)]
    if not todo:
        return set()
    parts = now.parts()
    found: set[str] = set()
    while todo:
        for p in parts.get(todo.pop(), ()):
            if p not in found:
                found.add(p)
                todo.append(p)
    return found


def naming_parties(
    before: Mapping[str, Measure],
    before_parties: Collection[str],
    after: Mapping[str, Measure],
    after_parties: Collection[str],
) -> list[str]:
    """The ids of the measures (in `after`) that may name a party declared on one side of
    a change and not the other: those whose undeclared parties the change may mend or
    make. Every measure, but for an index that finds the text in its measures (the
    store's: `MeasureIndex.mentioning`), which builds none to answer."""
    from .model import MeasureIndex

    moved = set(before_parties) ^ set(after_parties)
    if not (isinstance(before, MeasureIndex) and isinstance(after, MeasureIndex)):
        return list(after)
    found: set[str] = set()
    for name in moved:
        found.update(before.mentioning(name))
        found.update(after.mentioning(name))
    return [i for i in after if i in found]


def new_problems(
    before: Mapping[str, Measure],
    before_parties: Collection[str],
    after: Mapping[str, Measure],
    after_parties: Collection[str],
    touched: Collection[str],
    *,
    refused: bool = True,
) -> list[Problem]:
    """The problems a change from `before` to `after` adds among the measures it touched
    (and their neighbours): its errors, which a write must refuse, and its warnings,
    which it must tell of. Problems already there before the change are not counted;
    nor are problems elsewhere in the ledger. A parties list that comes to name one
    side twice is an error the change adds too. Their advice is for the file as it was
    (`Context.written`: an error refuses the change); `refused` False, for the file
    as the change leaves it, as `check` words it (a merge, written with its errors)."""
    around = neighbours(before, touched) | neighbours(after, touched)
    around |= regrouped(before, after, touched)
    old_ctx = Context(before, before_parties)
    new_ctx = Context(after, after_parties, written=before if refused else None)
    old = set(
        map(
            _known_by, measure_problems(old_ctx, [before[i] for i in sorted(around) if i in before])
        )
    )
    found = [
        p
        for p in measure_problems(new_ctx, [after[i] for i in sorted(around) if i in after])
        # (a conflict a merge left is carried by a change, never made: renamed with its
        # measure, its words name the new id)
        if _known_by(p) not in old and p.check != MERGE_CONFLICTS
    ]
    if set(before_parties) != set(after_parties):  # a measure may name a party
        rest = [after[i] for i in naming_parties(before, before_parties, after, after_parties)]
        rest = [m for m in rest if m.id not in around]
        only = {UNDECLARED}
        was = [before[m.id] for m in rest if m.id in before]  # (a hand edit's, kept)
        old.update(map(_known_by, measure_problems(old_ctx, was, only=only)))
        found.extend(
            p for p in measure_problems(new_ctx, rest, only=only) if _known_by(p) not in old
        )
    found.extend(_hand_set_status_lost(old_ctx, new_ctx, touched))
    found.extend(events_after_today(before, after, touched))
    if list(before_parties) != list(after_parties):  # (one side named twice)
        known = {p.message for p in party_list_problems(list(before_parties))}
        found.extend(p for p in party_list_problems(list(after_parties)) if p.message not in known)
    return found


def _known_by(p: Problem) -> tuple[str, str | None, str]:
    """What a problem is known by, before and after a change: its check, its measure and
    its words, the numbers its advice gives entries aside (`lifecycle.unnumbered`)."""
    return p.check, p.measure, unnumbered(p.message)


def errors_of(problems: Iterable[Problem]) -> list[Problem]:
    """The errors among `problems` (what a write must refuse; `new_problems`)."""
    return [p for p in problems if p.severity == ERROR]


def events_after_today(
    before: Mapping[str, Measure], after: Mapping[str, Measure], touched: Collection[str]
) -> list[Problem]:
    """Events a change would record after today (from any command, an import included):
    refused, as `--date` refuses them. Only what the change adds is judged; a deadline
    may be in the future."""
    from .clock import today
    from .lifecycle import describe_entry, match_verifications

    day = today()
    found = []
    for ident in sorted(touched):
        now = after.get(ident)
        if now is None:
            continue
        was = before.get(ident)
        old = match_verifications(was) if was is not None else []  # (models hold lists)
        for entry, v in match_verifications(now):
            event = v if v is not None else entry
            if event is not None and event.date > day and (entry, v) not in old:
                found.append(
                    Problem(
                        ERROR,
                        "future-events",
                        ident,
                        f"{describe_entry(entry, v)} is after today ({day}); record events "
                        "once they have happened (a deadline may be in the future)",
                    )
                )
                break
    return found


def _hand_set_status_lost(old: Context, new: Context, touched: Collection[str]) -> list[Problem]:
    """A status set by hand (against the history) that a change would replace: refused,
    so that a hand edit is never undone without a word (settling a merge conflict on
    the status is that word)."""
    found = []
    renamed = {}  # old id -> new id, for a measure given another id (`rename`)
    for ident in touched:
        m = new.index.get(ident)
        if m is not None and ident not in old.index:
            for h in getattr(m, "history", ()):  # (a draft's measures hold their history)
                former = renamed_from(h)
                if former is not None:
                    renamed[former] = ident
    for ident in sorted(touched):
        was, now = old.index.get(ident), new.index.get(renamed.get(ident, ident))
        if was is None or now is None or _status_settled(old, was, new, now):
            continue
        unfit = _extent_unfit(was)
        if unfit is not None and (now.status, now.extent) != (was.status, was.extent):
            found.append(
                Problem(ERROR, STATUS_HISTORY, ident, unfit.replace("; set", "; first set"))
            )
            continue
        replayed = old.life.state(ident)
        if replayed is None or replayed.status == was.status or now.status == was.status:
            continue
        if old.life.has_parts(ident) and not _unentered_finding(old.life.life(ident)):
            said = _whole_set_by_hand(old.life, ident, was.status, replayed)
            found.append(Problem(ERROR, STATUS_HISTORY, ident, said))
            continue
        unreachable = step_problem(replayed, was.status)
        fix = (
            f"record the change first with 'dprk mark {ident} {was.status.value} --date "
            "YYYY-MM-DD' (or correct the file; an entry of its history written by mistake "
            f"is dropped with 'dprk drop-entry {ident} N', 'dprk log {ident}' numbers them)"
            if unreachable is None
            else f'set status = "{replayed.status.value}" in the file, since it cannot become '
            f"'{was.status.value}' by its history: {unreachable}"
        )
        if unreachable is None and _found_since(replayed, was.status):
            # (a write's refusal numbers none of the entries of a measure it changed:
            # `Draft.finish`; 'dprk log' numbers them)
            fix = _drop_findings(old.life.life(ident), ident, replayed.status)
        if _unentered_finding(old.life.life(ident)):
            fix = _MEND_UNENTERED
        found.append(
            Problem(
                ERROR,
                STATUS_HISTORY,
                ident,
                f"its status '{was.status.value}' in the file is not what its history gives "
                f"('{replayed.status.value}'), one of the two written by hand; {fix}",
            )
        )
    return found


def _status_settled(old: Context, was: Checked, new: Context, now: Checked) -> bool:
    """Whether the change settles a merge conflict on the measure's status (`dprk
    resolve --field status`): the status chosen there replaces the one in the file,
    set by hand or not, by the user's own decision."""
    return any(c.field == "status" for c in old.conflicts(was)) and not any(
        c.field == "status" for c in new.conflicts(now)
    )


# --- merge conflicts, as people read them ------------------------------------------------


def _apart(c: Conflict) -> str:
    """Where two sides' histories in conflict differ: the entries only one side has, in
    words ("ours: 'implemented' on 2018-03-07; theirs: 'implemented' on 2018-03-05")."""
    import json

    def entries(text: str | None) -> list[tuple[str, str]]:
        try:
            found = json.loads(text or "{}").get("history", [])
            return [(str(h["date"]), str(h.get("detail") or h["event"])) for h in found]
        except (ValueError, TypeError, KeyError, AttributeError):
            return []

    ours, theirs = entries(c.ours), entries(c.theirs)

    def only(side: list[tuple[str, str]], other: list[tuple[str, str]]) -> str:
        said = [f"'{what}' on {day}" for day, what in side if (day, what) not in other]
        return commas_and_more(said, 3)

    mine, yours = only(ours, theirs), only(theirs, ours)
    if not mine and not yours:
        return "the same entries, in an order the rules do not allow"
    return f"ours: {mine or 'nothing of its own'}; theirs: {yours or 'nothing of its own'}"


MEASURE_GONE = "measure"
ID = "id"  # the conflict of a measure renamed two ways, or to an id taken on the other side
PARTY = "party"  # the ledger's conflict of one party added on both sides, spelled two ways
CHANGED = "changed"
KEPT = "kept"


def settle_field(c: Conflict, header: Sequence[Conflict]) -> str:
    """What `dprk resolve --field` names conflict `c` of the ledger's own by (`header`:
    all of them): its field; a party's, when several parties are in conflict,
    'party:OURS' (our name of it)."""
    if c.field == PARTY and sum(1 for h in header if h.field == PARTY) > 1:
        return f"{PARTY}:{c.ours}"
    return c.field


def describe_conflict(
    measure: str | None,
    c: Conflict,
    *,
    place: bool = True,
    field: str | None = None,
    resolve: str = "dprk resolve",
) -> str:
    """One conflict as a sentence: both values and the command that settles it (`field`:
    what `--field` names it by, if not its field: `settle_field`; `resolve`: how that
    command starts, e.g. with the `--ledger` of a ledger not found by default).

    With `place`, the sentence starts by naming the measure (or the ledger);
    without, it is for a report that names the measure in a column of its own.
    """
    where = (f"measure '{measure}'" if measure is not None else "the ledger") + ": "
    if c.field == MEASURE_GONE:
        removed = "ours" if c.ours is None else "theirs"
        kept = "theirs" if removed == "ours" else "ours"
        how = "changed" if (c.ours or c.theirs) == CHANGED else "still needed"
        text = (
            f"removed on one side ({removed}) and {how} on the other ({kept}); keep it with "
            f"'{resolve} {measure} --field measure --take {kept}' or drop it with "
            f"'--take {removed}'"
        )
    elif c.field == ID:
        text = (
            f"its id is in conflict: '{c.ours}' in ours, '{c.theirs}' in theirs (renamed on "
            "both sides, or on one to an id the other gave another measure, which keeps it); "
            f"keep one id with '{resolve} {measure} --field id --take ours|theirs|NEW_ID' "
            "(an id another measure holds is refused: rename that one first)"
        )
    elif c.field == "history":
        text = (
            f"the two sides recorded histories that do not fit together ({_apart(c)}); keep "
            f"one side's with '{resolve} {measure} --field history --take ours|theirs' and "
            "record the other side's events again"
        )
    else:
        target = f"{measure} " if measure is not None else ""
        text = (
            f"unresolved merge conflict on field '{c.field}': ours {value_text(c.ours)}, "
            f"theirs {value_text(c.theirs)}; settle it with "
            f"'{resolve} {target}--field {field or c.field} --take ours|theirs|VALUE'"
        )
    return where + text if place else text


def value_text(text: str | None) -> str:
    """A conflicting value as shown to a person: quoted, shortened, or (none)."""
    if text is None:
        return "(none)"
    shown = text if len(text) <= 60 else text[:57] + "..."
    return repr(shown) if not shown.startswith("{") else shown
