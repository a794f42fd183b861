"""TOML 1.0, as other tools read a ledger: where a file holds what TOML 1.1 alone allows.

dprk writes TOML 1.0; its readers (tomli, rtoml) read TOML 1.1 too, which allows what
1.0 readers (Python's tomllib before 3.15, among others) refuse: an inline table over
several lines, or with a comment or a comma after its last value; the escapes \\e and
\\xHH; a time without its seconds. `toml_1_1_places` finds them in a text that reads as
TOML 1.1, for `dprk check` alone (an ordinary read never looks), in the file's bytes
(UTF-8: every byte of a character beyond ASCII is above them all, so no pattern
mistakes one for a quote or a brace, and the file is never decoded whole). One pass of one pattern
(possessive: no backtracking) skips at C speed what is TOML 1.0 for sure, which is all
of a ledger dprk wrote; each place it stops at is looked at closely. (Standard library
only: a check served from the cache loads no model to look.) A group repeated
possessively holds one atomic group, `(?:(?>...))*+`: Python's `re` before 3.11.5
mishandles a possessive repeat of a group that can backtrack (there it matched past an
inline table broken over two lines), and a greedy repeat in an atomic group would keep
its backtracking state for the whole file until the group ends.
"""

from __future__ import annotations

import re


def _but(chars: str) -> str:
    """The class of every byte but `chars` (`[^...]`), written as the ranges of bytes it
    holds: `re` tests such a class byte by byte faster than the negated one (`_TOML_1_0`
    looks at every byte of a large file: a quarter of its time)."""
    left = sorted({ord(c) for c in chars})
    ranges, start = [], 0
    for b in [*left, 256]:
        if b > start:
            ranges.append(f"\\x{start:02x}" + (f"-\\x{b - 1:02x}" if b - 1 > start else ""))
        start = b + 1
    return "[" + "".join(ranges) + "]"


_BASIC_ANY = r'"(?!"")[^"\\\n]*+(?:(?>\\.[^"\\\n]*+))*+"'
_ML_BASIC_ANY = r'"""[^"\\]*+(?:(?>(?:\\[\s\S]|"(?!""))[^"\\]*+))*+"""(?:"{0,2}+)'
_LITERAL = r"'(?!'')[^'\n]*+'"
_ML_LITERAL = r"'''[^']*+(?:(?>'(?!'')[^']*+))*+'''(?:'{0,2}+)"
# (a basic string with none of TOML 1.1's escapes: '"(?!"")[^"\\\n]*+...', its classes
# written with `_but`, as the other classes of `_TOML_1_0` that look at most bytes are)
_BASIC_1_0 = '"(?!"")' + _but('"\\\n') + r"*+(?:(?>\\[^ex\n]" + _but('"\\\n') + '*+))*+"'
_ML_BASIC_1_0 = (
    '"""' + _but('"\\') + r'*+(?:(?>(?:\\[^ex]|"(?!""))' + _but('"\\') + '*+))*+"""(?:"{0,2}+)'
)
# a time's end with its seconds (':32:00'), or a UTC offset east ('+09:00', as dprk writes
# '+00:00'; one west, '-05:00', is looked at closely), or a '+' alone
_TIMES = r":\d\d:\d\d|\+\d\d:\d\d|\+"
# an inline table on one line, in TOML 1.0 (no comment, no comma after its last value),
# holding inline tables of that kind one level deep
_IN_TABLE = (
    _but("\"'#{}\n,:+") + "++|" + _BASIC_1_0 + "|" + _LITERAL + "|" + _TIMES + r"|,(?![ \t]*+\})"
)
_TABLE_0 = r"\{(?:(?>" + _IN_TABLE + r"))*+\}"
_TABLE_1 = r"\{(?:(?>" + _IN_TABLE + "|" + _TABLE_0 + r"))*+\}"
_TOML_1_0 = re.compile(
    (
        r"(?:(?>"
        + _but("\"'#{}:+")
        + "++|"
        + "|".join(
            (_BASIC_1_0, _ML_BASIC_1_0, _LITERAL, _ML_LITERAL, r"#[^\n]*+", _TABLE_1, _TIMES)
        )
        + r"))++"
    ).encode()
)
# a multi-line string, of either kind (for `blocks.cut`, which finds no block in one)
MULTI_LINE_STRINGS = "|".join((_ML_BASIC_ANY, _ML_LITERAL)).encode()
_STRING = re.compile("|".join((_ML_BASIC_ANY, _BASIC_ANY)).encode())
_IN_INLINE = re.compile(
    "|".join(
        (_ML_BASIC_ANY, _ML_LITERAL, _BASIC_ANY, _LITERAL, r"#[^\n]*+", r"[{}\[\],\n]")
    ).encode()
)
_ESCAPE = re.compile(rb"\\([\s\S])")


def toml_1_1_places(data: bytes | str) -> list[tuple[int, str]]:
    """Each line of `data` (TOML that reads as 1.1: the file's bytes, or its text) where
    TOML 1.1 alone is written, in order, with what is written there: "lines" (an inline
    table over several lines, or with a comment), "comma" (a comma after an inline
    table's last value), "escape" (\\e or \\xHH in a string) or "seconds" (a time
    without its seconds)."""
    text = data.encode("utf-8") if isinstance(data, str) else data
    places: dict[int, str] = {}

    def found(at: int, kind: str) -> None:
        places.setdefault(text.count(b"\n", 0, at) + 1, kind)

    at, end = 0, len(text)
    while True:
        skipped = _TOML_1_0.match(text, at)
        if skipped is not None:
            at = skipped.end()
        if at >= end:
            break
        c = text[at : at + 1]
        if c == b'"':  # (a string holding an escape of TOML 1.1)
            string = _STRING.match(text, at)
            if string is None:  # pragma: no cover - the text reads as TOML
                at += 1
                continue
            for escape in _ESCAPE.finditer(string.group()):
                if escape.group(1) in (b"e", b"x"):
                    found(at + escape.start(), "escape")
            at = string.end()
        elif c == b":":  # (a time without its seconds, '07:32', or a UTC offset, '+09:00')
            if text[at - 3 : at - 2] not in (b"+", b"-"):
                found(at, "seconds")
            at += 3
        elif c == b"{":  # (an inline table not on one line, or with a comma after its end)
            kind = _inline_table_1_1(text, at)
            if kind is not None:
                found(at, kind)
            at += 1  # (what it holds is looked at as any other TOML)
        else:  # (the end of an inline table looked at from its start)
            at += 1
    return sorted(places.items())


def _inline_table_1_1(text: bytes, start: int) -> str | None:
    """What in the inline table at `start` is TOML 1.1 alone: "lines" (a line break or a
    comment in it, outside an array it holds: an array may take several lines), "comma"
    (a comma after its last value), or None."""
    open_: list[bytes] = []  # the inline tables and arrays open, innermost last
    last, after = b"", start
    for token in _IN_INLINE.finditer(text, start):
        t = token.group()
        if text[after : token.start()].strip():
            last = b"value"
        after = token.end()
        if t in (b"{", b"["):
            open_.append(t)
        elif t in (b"}", b"]"):
            if t == b"}" and last == b",":
                return "comma"
            open_.pop()
            if not open_:
                return None
        elif (t == b"\n" or t.startswith(b"#")) and open_[-1] == b"{":
            return "lines"
        last = t if t in (b"{", b"}", b"[", b"]", b",") else b"value"
    return None  # pragma: no cover - the text reads as TOML


_HEADER = re.compile(rb"^[ \t]*\[")  # a table's header line ([[measures]], [[measures.history]])
_KEY = re.compile(rb"^[ \t]*([A-Za-z0-9_-]+)[ \t]*=")  # a line that begins with a key


def record_line(data: bytes, ident: str, day: str) -> int | None:
    """The line of `data` (a ledger file's bytes) where measure `ident`'s verification
    record dated `day` is written: a line of its `verifications` (as dprk writes them,
    `{ by = ..., date = DAY }`, or in a `[[measures.verifications]]` table) that holds
    `date = DAY`; for advice that sends the reader to that line. None when it is not
    found so (a file laid out otherwise by hand)."""
    dated = re.compile(rb"\bdate[ \t]*=[ \t]*" + re.escape(day.encode()) + rb"\b")
    named = re.compile(rb'^[ \t]*id[ \t]*=[ \t]*"' + re.escape(ident.encode()) + rb'"[ \t]*$')
    found: int | None = None  # (the first such line of the measure read so far)
    ours = False  # (the measure read so far is `ident`)
    table = array = False  # (in a [[measures.verifications]] table; in `verifications = [`)
    for number, line in enumerate(data.split(b"\n"), 1):
        if _HEADER.match(line):
            header = line.split(b"#")[0].replace(b" ", b"").strip()
            if header == b"[[measures]]":
                if ours:
                    return found
                found = None
            table, array = header == b"[[measures.verifications]]", False
            continue
        key = _KEY.match(line)
        if key is not None:
            ours = ours or named.match(line) is not None
            array = key.group(1) == b"verifications"
        if (table or array) and found is None and dated.search(line):
            found = number
    return found if ours else None
