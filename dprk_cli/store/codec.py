"""Bytes to ledger and back: parsing TOML with clear errors, and the deterministic writer.

The written form is a header (schema, title, parties) followed by one
`[[measures]]` block per measure, sorted by id, each rendered on its own. A
whole file is the concatenation of those pieces, so a change to one measure
can be written by re-rendering that measure alone and the result is still
byte for byte what a full rewrite gives.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from pydantic import BaseModel, ValidationError

from ..errors import FIELDS, LedgerUnreadable
from ..model import Ledger, Measure, measure_to_data, validation_problems
from ..vocab import DAY_IN_WORDS
from . import blocks
from .fs import MAX_BYTES, marks_ahead, stray_mark, utf16_encoding

_CONFLICT = re.compile(r"^(<{7}|>{7}|\|{7})( |$)", re.MULTILINE)
CONFLICT_MARKERS = "unresolved git merge conflict markers"
"""What a file git left merge conflict markers in is said to hold (`gitio.markers_advised`
says more where it knows more)."""
_TOML_POSITION = re.compile(r"^(?P<reason>.*) \(at line (?P<line>\d+), column (?P<col>\d+)\)$")
_TOML_END = re.compile(r"^(?P<reason>.*) \(at end of document\)$")
# A value written as a day (a key, '=', digits and dashes) that is not one: '2018-13-20';
# or a day written another way, which TOML cannot read: '30/10/1999', '1999.10.30'.
_DAY_LIKE = re.compile(
    r"^\s*[\w.\"-]+\s*=\s*(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}"
    r"|\d{4}[/.]\d{1,2}[/.]\d{1,2})(?=$|[\s,}#T])"
)


# A value written as a day in words (`vocab.day_in_words` says whether it names one).
_WORDS_LIKE = re.compile(rf"^\s*[\w.\"-]+\s*=\s*({DAY_IN_WORDS})\s*(?:$|#)")


def _not_a_date(line: str) -> str | None:
    """The value of a TOML line that was meant as a day and is none ('2018-13-20',
    '2018-2-3', '30/10/1999', '19 April 2013': `vocab.not_a_day` says which day it may
    be); None when the line holds no such value. (Asked of a line a parse error names,
    alone.)"""
    from ..vocab import day_in_words, day_of

    found = _DAY_LIKE.match(line)
    if found is not None:
        return found[1] if day_of(found[1]) is None else None
    words = _WORDS_LIKE.match(line)
    return words[1] if words is not None and day_in_words(words[1]) is not None else None


def check_encoding(raw: bytes, label: str) -> None:
    """Refuse, in one line saying how to mend it, a file that is no UTF-8 as a ledger is:
    one that starts with a byte-order mark, or is UTF-16 text, or starts with a UTF-16
    byte-order mark without being UTF-16 text; a mark, with a command that writes a copy
    without every mark before the text (`marks_ahead`: a BOM and stray FF FE, either
    first), never one that replaces the ledger. (Every command that reads the ledger says
    so, and `dprk undo`, which reads no more than it must, too.)"""
    if raw.startswith(b"\xef\xbb\xbf"):
        n = marks_ahead(raw)
        also = "" if n == 3 else f", then the stray bytes {raw[3:n].hex(' ').upper()}"
        raise LedgerUnreadable.of_file(
            label,
            f"file starts with a byte-order mark (BOM){also}; save it as UTF-8 without BOM: "
            + _copy_without(label, n, "them" if also else "it"),
        )
    utf16 = utf16_encoding(raw)
    if utf16 is not None:
        from ..vocab import path_word

        named = path_word(label)
        raise LedgerUnreadable.of_file(
            label,
            "file looks like UTF-16 text (a zero byte beside each letter), not "
            f"UTF-8; save it as UTF-8 without BOM, or convert it with 'iconv -f {utf16} -t "
            f"UTF-8 {named} > utf8.toml && mv utf8.toml {named}'",
        )
    stray = stray_mark(raw)
    if stray is not None:  # (a copy without them, to look at: the rest may be no text)
        n = marks_ahead(raw)
        also = "" if n == 2 else f", then {raw[2:n].hex(' ').upper()} (a byte-order mark)"
        those = "those two bytes" if n == 2 else f"those {n} bytes"
        raise LedgerUnreadable.of_file(
            label, f"{stray}{also}; remove {those}: " + _copy_without(label, n)
        )


def _copy_without(label: str, n: int, them: str = "them") -> str:
    """The command that writes a copy of file `label` without its first `n` bytes, in
    words, to look at before keeping it (the rest may be no text: never over the file)."""
    from ..vocab import path_word

    return (
        f"'tail -c +{n + 1} {path_word(label)} > without-mark.toml' writes a copy without "
        f"{them}, to look at before keeping it"
    )


def decode_text(raw: bytes, label: str) -> str:
    """The file's text, or a one-line reason it is not a readable ledger."""
    if len(raw) > MAX_BYTES:
        raise LedgerUnreadable.of_file(
            label, f"file is larger than {MAX_BYTES // 2**20} MiB; is it a ledger?"
        )
    check_encoding(raw, label)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise LedgerUnreadable.of_file(
            label,
            f"line {line}: invalid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8",
        ) from None


def toml_loads() -> Any:
    """The TOML reader: tomli, compiled and three times faster than the standard library's
    tomllib (imported here: a ledger served from the cache is never parsed). It reads
    TOML 1.1, as rtoml does, where tomllib before Python 3.15 reads TOML 1.0 alone: dprk
    writes 1.0, and `dprk check` warns of a file that is not (`syntax`)."""
    try:
        import tomli

        return tomli.loads
    except ImportError:  # pragma: no cover - tomli is a declared dependency
        import tomllib

        return tomllib.loads


def fast_loads() -> Any:
    """The reader of the block-by-block path: rtoml (the Rust `toml` crate), about twice
    as fast as tomli on a ledger's blocks, giving the same data. Its errors are never
    shown: any failure on that path reads the file whole again with `toml_loads`, and
    the message a user sees is that reader's."""
    try:
        import rtoml

        return rtoml.loads
    except ImportError:  # pragma: no cover - rtoml is a declared dependency
        return toml_loads()


_KEY = re.compile(r'^\s*(?P<key>[A-Za-z0-9_-]+|"[^"]*")\s*=')
_TABLE = re.compile(r"^\s*\[\[?\s*(?P<name>[^\]]+?)\s*\]\]?\s*(#.*)?$")


def _given_twice(lines: list[str], number: int) -> str | None:
    """Why line `number` ('Cannot overwrite a value', tomli says) cannot be read: its key
    is given twice in its table, and where that table is a history entry, that it is
    likely a measure's field written below its history (TOML reads it as the last
    entry's, whose own it then repeats). None where the line gives no key."""
    key = _KEY.match(lines[number - 1]) if 0 < number <= len(lines) else None
    if key is None:
        return None
    table = next((t["name"] for t in map(_TABLE.match, reversed(lines[: number - 1])) if t), None)
    where = f"[[{table}]]" if table else "one table"
    said = f"'{key['key'].strip(chr(34))}' is given twice in {where}"
    if table != "measures.history":
        return f"{said}; remove one"
    return (
        f"{said}, likely a field of the measure moved below its history (TOML reads it as "
        "the last entry's): move it above the measure's first [[measures.history]]"
    )


def parse_toml(text: str, label: str) -> dict[str, Any]:
    """Parse TOML; errors carry the line and column, and name merge-conflict markers."""
    loads = toml_loads()
    try:
        data: dict[str, Any] = loads(text)
        return data
    except ValueError as exc:  # (TOMLDecodeError)
        marker = _CONFLICT.search(text)
        if marker:
            line = text.count("\n", 0, marker.start()) + 1
            raise LedgerUnreadable.of_file(
                label,
                f"line {line}: {CONFLICT_MARKERS}; resolve the conflict (and see 'dprk "
                "git-setup' for merging ledgers)",
            ) from None
        message = str(exc).splitlines()[0] if str(exc) else "invalid TOML"
        found = _TOML_POSITION.match(message)
        if found:
            lines = text.split("\n")
            number = int(found["line"])
            bad = _not_a_date(lines[number - 1]) if 0 < number <= len(lines) else None
            from ..vocab import not_a_day

            reason = f"'{bad}' {not_a_day(bad, write='write a day as')}" if bad else ""
            if found["reason"] == "Cannot overwrite a value":
                reason = _given_twice(lines, number) or reason
            raise LedgerUnreadable.of_file(
                label,
                f"line {found['line']}, column {found['col']}: "
                f"{reason or 'TOML syntax error: ' + found['reason']}",
            ) from None
        end = _TOML_END.match(message)
        if end:
            last = text.count("\n") + (0 if text.endswith("\n") else 1)
            raise LedgerUnreadable.of_file(
                label, f"line {max(last, 1)} (end of file): TOML syntax error: {end['reason']}"
            ) from None
        raise LedgerUnreadable.of_file(label, f"TOML syntax error: {message}") from None
    except RecursionError:
        raise LedgerUnreadable.of_file(label, "nesting too deep to be a ledger") from None


def validate_ledger(data: Any, label: str, raw: bytes | None = None) -> Ledger:
    """The ledger the data describes, or a one-line error naming the measure and field.

    Every validator the models declare runs. Measures are validated one at a
    time, each one's parsed TOML dropped as its model is made (the parsed form
    and the models of a large ledger together would be the most memory any
    command needs), and the ledger is then validated with those models in
    place: pydantic takes a model instance as it is, and runs the ledger's own
    validators over it. Should anything fail, the data is validated whole
    again, for the one error message a user sees; with the file's bytes (`raw`), it
    names the line of an entry where it can (`blocks.lines_of`).
    """
    try:
        return _validate_in_pieces(data) or Ledger.model_validate(data)
    except ValidationError as exc:
        line = None if raw is None else blocks.lines_of(raw)
        found = validation_problems(exc, data, line)
        problems = [(FIELDS, ident, text) for ident, text, _ in found]
        raise LedgerUnreadable(label, problems, found[0][2]) from None
    except RecursionError:
        raise LedgerUnreadable.of_file(label, "nesting too deep to be a ledger") from None


def _validate_in_pieces(data: Any) -> Ledger | None:
    if not isinstance(data, dict) or not isinstance(data.get("measures"), list):
        return None
    measures = data["measures"]
    built: list[Measure] = []
    for index, item in enumerate(measures):
        try:
            measure = Measure.model_validate(item)
        except ValidationError:
            measures[:index] = [m.model_dump(by_alias=True) for m in built]  # as they were
            return None
        share_field_sets(measure)
        built.append(measure)
        measures[index] = None
    try:
        ledger = Ledger.model_validate({**data, "measures": built})
    except ValidationError:
        data["measures"] = [m.model_dump(by_alias=True) for m in built]
        return None
    share_field_sets(ledger, deep=False)
    return ledger


def read_bytes(raw: bytes, label: str) -> tuple[Ledger, blocks.Layout | None]:
    """The validated ledger `raw` holds, and where its blocks lie (None: it does not cut
    into blocks); a `LedgerError` naming the line, or the measure and field, if it is
    not a ledger.

    A file that cuts into blocks is read a block at a time, each block's parsed TOML
    dropped as its measure is made: the parsed form of a large ledger and its models
    together would be the most memory any command needs. Should anything fail, the
    file is read whole again, for the one error message a user sees.
    """
    try:
        found = _read_blocks(raw)
    except _Whole:
        found = None
    if found is not None:
        return found
    ledger = validate_ledger(parse_toml(decode_text(raw, label), label), label, raw)
    return ledger, None


class _Whole(Exception):
    """Read the file whole: it does not cut cleanly, or holds an error to be named."""


class InBlocks(NamedTuple):
    """A file that cuts into blocks (see `blocks`), read a block at a time."""

    header: dict[str, Any]  # the header's data, not yet validated
    starts: list[int]  # where each block starts (the header ends at the first)
    measures: Iterator[tuple[int, Measure]]  # each block's length and measure, validated
    since: Callable[[int], Iterator[tuple[int, Measure]]]  # (the same, from block N on)


# What reading a file block by block raises, as it meets something wrong (a TOML error is
# a ValueError): the file is then read whole, for the one error message a user sees.
NOT_IN_BLOCKS = (
    ValidationError,
    ValueError,
    UnicodeDecodeError,
    RecursionError,
    blocks.NotOneMeasure,
)


def in_blocks(raw: bytes) -> InBlocks | None:
    """`raw` as a header and its measures, each block parsed and its measure validated
    only as it is asked for (each block's parsed TOML dropped as its measure is made);
    None when the file does not cut into blocks. Reading raises one of `NOT_IN_BLOCKS`."""
    starts = blocks.cut(raw) if not raw.startswith(b"\xef\xbb\xbf") else None
    if starts is None:
        return None
    parsed = blocks.parse_blocks(raw, starts, fast_loads())
    if parsed is None:
        return None
    header, items = parsed

    def measures(first: int) -> Iterator[tuple[int, Measure]]:
        for start, end, item in items(first):
            m = Measure.model_validate(item)
            share_field_sets(m)
            yield end - start, m

    return InBlocks(header, starts, measures(0), measures)


def _read_blocks(raw: bytes) -> tuple[Ledger, blocks.Layout] | None:
    """The file read block by block (`in_blocks`), then the ledger with its measures in
    place (pydantic takes a model instance as it is, and runs the ledger's own
    validators over it)."""
    try:
        found = in_blocks(raw)
        if found is None:
            return None
        measures: list[Measure] = []
        ids: list[str] = []
        lengths: list[int] = []
        for length, m in found.measures:
            measures.append(m)
            ids.append(m.id)
            lengths.append(length)
        ledger = Ledger.model_validate({**found.header, "measures": measures})
    except NOT_IN_BLOCKS:
        raise _Whole() from None
    share_field_sets(ledger, deep=False)
    return ledger, blocks.Layout(found.starts[0], ids, lengths)


# Models made by validation each hold a set of the fields given; the models are
# frozen, so instances of one class can share one set (all fields counted as
# set, as validating a full dump gives): a set per object would be a fifth of a
# large ledger's memory. The cache's models share the same sets.
_FIELD_SETS: dict[type, set[str]] = {}


def field_set(cls: type) -> set[str]:
    """The one shared field set of a model class (see above)."""
    shared = _FIELD_SETS.get(cls)
    if shared is None:
        shared = _FIELD_SETS[cls] = set(cls.model_fields)  # type: ignore[attr-defined]
    return shared


def share_field_sets(model: Any, *, deep: bool = True) -> None:
    """Give `model` (and, `deep`, the models in its lists: a measure's constraints,
    history, verifications) the shared field set of its class. Nothing changes these
    sets in place (a copy gets a copy)."""
    put = _fields_set_setter()
    put(model, field_set(type(model)))
    if not deep:
        return
    values = model.__dict__
    for name, cls in _model_lists(type(model)):
        shared = field_set(cls)
        nested = bool(_model_lists(cls))
        for item in values[name]:
            if nested or type(item) is not cls:
                share_field_sets(item)
            else:
                put(item, shared)


_MODEL_LISTS: dict[type, list[tuple[str, type]]] = {}


def _model_lists(cls: type) -> list[tuple[str, type]]:
    """The fields of model class `cls` that hold a list of models, and their class."""
    found = _MODEL_LISTS.get(cls)
    if found is None:
        from typing import get_args, get_origin

        found = []
        for name, info in cls.model_fields.items():  # type: ignore[attr-defined]
            args = get_args(info.annotation)
            if get_origin(info.annotation) is list and len(args) == 1:
                item = args[0]
                if isinstance(item, type) and issubclass(item, BaseModel):
                    found.append((name, item))
        _MODEL_LISTS[cls] = found
    return found


def _fields_set_setter() -> Any:
    return slot_setters()["_set_fields_set"]


@functools.cache
def slot_setters() -> dict[str, Any]:
    """Setters for the four attributes every pydantic model instance holds: its slots'
    own descriptors (twice as fast as `object.__setattr__`, sixty thousand times).
    Found once: a read anew asks for them for every measure."""
    slots = {
        "_set_dict": "__dict__",
        "_set_fields_set": "__pydantic_fields_set__",
        "_set_extra": "__pydantic_extra__",
        "_set_private": "__pydantic_private__",
    }
    try:
        return {key: BaseModel.__dict__[slot].__set__ for key, slot in slots.items()}
    except (KeyError, AttributeError):  # pragma: no cover - another pydantic's layout
        return {key: functools.partial(_setattr_named, slot) for key, slot in slots.items()}


def _setattr_named(name: str, obj: object, value: object) -> None:  # pragma: no cover
    object.__setattr__(obj, name, value)


def render_header(ledger: Ledger) -> str:
    import tomli_w

    data: dict[str, Any] = {
        "schema": ledger.schema_,
        "title": ledger.title,
        "parties": ledger.parties,
    }
    if ledger.ended is not None:  # (talks that are over: written only for them)
        data["ended"] = ledger.ended
        if ledger.ended_note:
            data["ended_note"] = ledger.ended_note
    if ledger.conflicts:  # a title both sides of a git merge changed (see 'dprk resolve')
        data["conflicts"] = [c.model_dump(exclude_none=True) for c in ledger.conflicts]
    return tomli_w.dumps(data)


def render_measure(measure: Measure) -> str:
    import tomli_w

    data = measure_to_data(measure.normalized())  # (every recorded time in UTC: `_in_utc`)
    text = tomli_w.dumps({"measures": [data]})
    if not text.startswith("[[measures]]"):
        # tomli-w writes a short measure (no history, few fields) as an inline
        # `measures = [...]`, which cannot be followed by other measures' blocks.
        text = "[[measures]]\n" + tomli_w.dumps(data)
    return "\n" + text


def ordered(measures: list[Measure]) -> list[Measure]:
    return sorted(measures, key=lambda m: m.id)


def render_ledger(ledger: Ledger) -> str:
    """The ledger's one canonical text: same content, same bytes."""
    return render_header(ledger) + "".join(render_measure(m) for m in ordered(ledger.measures))


# Strings first (so a '#' inside one is skipped), then a '#' and the rest of
# its line: a comment (whose own quotes must not open a string).
_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''[\s\S]*?'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'[^'\n]*'"
    r"|#[^\n]*"
)


def count_comments(text: str) -> int:
    """How many TOML comments the text holds (a `#` outside any string)."""
    return len(comments(text))


def comments(text: str) -> list[str]:
    """The TOML comments the text holds (a `#` outside any string, to its line's end)."""
    if "#" not in text:
        return []
    return [t.group().rstrip() for t in _TOKENS.finditer(text) if t.group().startswith("#")]
