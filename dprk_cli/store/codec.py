"""Bytes to ledger and back: parsing TOML with clear errors, and the deterministic writer.

The written form is a header (schema, title, parties) followed by one
`[[measures]]` block per measure, sorted by id, each rendered on its own. A
whole file is the concatenation of those pieces, so a change to one measure
can be written by re-rendering that measure alone and the result is still
byte for byte what a full rewrite gives.
"""

from __future__ import annotations

import re
from datetime import UTC
from typing import Any

from pydantic import ValidationError

from ..errors import LedgerError
from ..model import Ledger, Measure, measure_to_data

MAX_BYTES = 256 * 1024 * 1024
_CONFLICT = re.compile(r"^(<{7}|>{7}|\|{7})( |$)", re.MULTILINE)
_TOML_POSITION = re.compile(r"^(?P<reason>.*) \(at line (?P<line>\d+), column (?P<col>\d+)\)$")
_TOML_END = re.compile(r"^(?P<reason>.*) \(at end of document\)$")


def decode_text(raw: bytes, label: str) -> str:
    """The file's text, or a one-line reason it is not a readable ledger."""
    if len(raw) > MAX_BYTES:
        raise LedgerError(f"{label}: file is larger than {MAX_BYTES // 2**20} MiB; is it a ledger?")
    if raw.startswith(b"\xef\xbb\xbf"):
        raise LedgerError(
            f"{label}: file starts with a byte-order mark (BOM); save it as UTF-8 without BOM"
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise LedgerError(
            f"{label}: line {line}: invalid UTF-8 (byte 0x{raw[exc.start]:02x}); "
            "save the file as UTF-8"
        ) from None


def parse_toml(text: str, label: str) -> dict[str, Any]:
    """Parse TOML; errors carry the line and column, and name merge-conflict markers."""
    # Imported here: a ledger served from the cache is never parsed.
    try:  # the compiled reader is three times faster; tomllib is the same grammar
        import tomli as _toml
    except ImportError:  # pragma: no cover - tomli is a declared dependency
        import tomllib as _toml  # type: ignore[no-redef]
    try:
        return _toml.loads(text)
    except _toml.TOMLDecodeError as exc:
        marker = _CONFLICT.search(text)
        if marker:
            line = text.count("\n", 0, marker.start()) + 1
            raise LedgerError(
                f"{label}: line {line}: unresolved git merge conflict markers; resolve the "
                "conflict (and see 'dprk git-setup' for merging ledgers)"
            ) from None
        message = str(exc).splitlines()[0] if str(exc) else "invalid TOML"
        found = _TOML_POSITION.match(message)
        if found:
            raise LedgerError(
                f"{label}: line {found['line']}, column {found['col']}: "
                f"TOML syntax error: {found['reason']}"
            ) from None
        end = _TOML_END.match(message)
        if end:
            last = text.count("\n") + (0 if text.endswith("\n") else 1)
            raise LedgerError(
                f"{label}: line {max(last, 1)} (end of file): TOML syntax error: {end['reason']}"
            ) from None
        raise LedgerError(f"{label}: TOML syntax error: {message}") from None
    except RecursionError:
        raise LedgerError(f"{label}: nesting too deep to be a ledger") from None


def validate_ledger(data: Any, label: str) -> Ledger:
    """The ledger the data describes, or a one-line error naming the measure and field."""
    try:
        return _validate_in_pieces(data) or Ledger.model_validate(data)
    except ValidationError as exc:
        raise LedgerError(f"{label}: {describe_validation_error(exc, data)}") from None
    except RecursionError:
        raise LedgerError(f"{label}: nesting too deep to be a ledger") from None


def _validate_in_pieces(data: Any) -> Ledger | None:
    """The ledger validated a measure at a time, each measure's parsed TOML dropped as
    its model is made (the parsed form and the models of a large ledger together would
    be the most memory any command needs); None if anything is wrong, and the whole
    ledger is then validated again for the one error message a user sees.

    Only while the ledger's own checks are the schema version alone: a check across
    measures added to the model would be skipped here, so it turns this off.
    """
    decorators = Ledger.__pydantic_decorators__
    if set(decorators.model_validators) != {"_supported"} or decorators.field_validators:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("measures"), list):
        return None
    try:
        header = Ledger.model_validate({k: v for k, v in data.items() if k != "measures"})
    except ValidationError:
        return None
    from .cache import share_field_sets

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
    return header.model_copy(update={"measures": built})


def describe_validation_error(exc: ValidationError, data: Any = None) -> str:
    """The first problem pydantic found, said as a person would: which measure, which field."""
    errors = exc.errors(include_url=False)
    first = errors[0]
    loc = list(first["loc"])
    where = _where(loc, data)
    reason = _reason(first)
    more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
    return f"{where}: {reason}{more}" if where else f"{reason}{more}"


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
        for ch in value if isinstance(value, str) else "":
            code = ord(ch)
            if 0xDC80 <= code <= 0xDCFF:
                return f"is not valid UTF-8 (byte 0x{code - 0xDC00:02x}); dprk takes UTF-8 text"
            if 0xD800 <= code <= 0xDFFF:
                return f"contains a lone surrogate (U+{code:04X}), which is not text"
        return "is not valid UTF-8 text"
    if kind == "string_pattern_mismatch":
        value = error.get("input")
        if isinstance(value, str):
            for ch in value:
                code = ord(ch)
                if code < 0x20 or 0x7F <= code <= 0x9F:
                    return f"contains a control character (U+{code:04X})"
                if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
                    return f"contains a bidirectional override (U+{code:04X})"
            return (
                f"{value!r} is not a valid id (letters, digits, '.', '_' and '-' only, "
                "starting with a letter or digit, no spaces or slashes)"
            )
        return "has characters that are not allowed"
    if kind == "extra_forbidden":
        return "is not a field dprk knows (a typo?)"
    if kind == "missing":
        return "is required"
    message = str(error["msg"])
    return message.removeprefix("Value error, ")


def render_header(ledger: Ledger) -> str:
    import tomli_w

    data: dict[str, Any] = {
        "schema": ledger.schema_,
        "title": ledger.title,
        "parties": ledger.parties,
    }
    if ledger.conflicts:  # a title both sides of a git merge changed (see 'dprk resolve')
        data["conflicts"] = [c.model_dump(exclude_none=True) for c in ledger.conflicts]
    return tomli_w.dumps(data)


def render_measure(measure: Measure) -> str:
    import tomli_w

    data = measure_to_data(measure.normalized())
    for entry in data.get("history", ()):
        offset = entry["recorded"].utcoffset()
        if offset is not None and (offset.seconds % 60 or offset.microseconds):
            # TOML offsets are whole minutes: the same moment, written in UTC
            entry["recorded"] = entry["recorded"].astimezone(UTC)
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
    if "#" not in text:
        return 0
    return sum(1 for token in _TOKENS.finditer(text) if token.group().startswith("#"))
