"""A ledger file as a header and one block per measure.

Each `[[measures]]` table, with the tables that belong to it (its history and
verifications), is one block of the file. When the file can be cut there
safely, dprk reads it block by block — each block's TOML parsed, validated and
dropped in turn, so that a large ledger never stands in memory as one parsed
tree — and a change rewrites only the blocks of the measures it changed,
leaving every other byte of the file as it was (hand-written comments and
layout included).

The cut is safe when every block parses on its own to exactly one measure and
the header to no measure at all: then the whole file parses to the header
with those measures, in that order. A block's header line may end as Windows
ends it (CRLF: a block pasted from a Windows editor), the block then starting
at the CR before it. In a file that holds a multi-line string (whose text could
hold a line that looks like a table header) the header lines are looked for
outside the strings and comments. Comment lines above a block's `[[measures]]`
line, after a blank line, are its heading (blank lines between them and it too:
a section's heading set apart, `# ---- Ohrid, 2023 ----`, heads what follows):
the block starts at the first of them, and keeps them when it is written anew
(`heading`). A file
that does not cut cleanly is read whole instead (`cut` returns None), and a
change to it rewrites it whole (`why_whole` says why).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

MARK = b"\n[[measures]]\n"  # the start of a block (the newline before it included)
_UNSAFE = (b'"""', b"'''")  # what could open a multi-line string
# A block's header line as TOML allows it written by hand: spaces around or inside the
# brackets, a comment after, its line ends as Windows ends them (found only when a file
# holds one: `cut`).
_MARK_TEXT = rb"\r?\n[ \t]*\[\[[ \t]*measures[ \t]*\]\][ \t]*(?:#[^\r\n]*)?\r?\n"
_COMMENT_LINE = rb"\r?\n[ \t]*#[^\r\n]*"
_BLANK_LINE = rb"\r?\n[ \t]*(?=\r?\n)"  # (in a heading: after a comment line)
_ANY_MARK = None
_HEADED_MARK = None  # a block's header line after its heading's comment lines
_OUTSIDE_STRINGS = None  # a block's header line, or a string or comment to skip


def _any_mark() -> Any:
    global _ANY_MARK
    if _ANY_MARK is None:
        import re

        _ANY_MARK = re.compile(_MARK_TEXT)
    return _ANY_MARK


def _headed_mark() -> Any:
    global _HEADED_MARK
    if _HEADED_MARK is None:
        import re

        _HEADED_MARK = re.compile(
            b"(?:" + _COMMENT_LINE + b"(?:" + _BLANK_LINE + b")*)*" + _MARK_TEXT
        )
    return _HEADED_MARK


def _outside_strings() -> Any:
    global _OUTSIDE_STRINGS
    if _OUTSIDE_STRINGS is None:
        import re

        from .syntax import MULTI_LINE_STRINGS

        _OUTSIDE_STRINGS = re.compile(
            b"|".join(
                (
                    MULTI_LINE_STRINGS,
                    rb'"(?:[^"\\\r\n]|\\.)*"',
                    rb"'[^'\r\n]*'",
                    rb"#[^\r\n]*",
                    b"(?P<mark>" + _MARK_TEXT + b")",
                )
            )
        )
    return _OUTSIDE_STRINGS


def starts_block(raw: bytes, at: int) -> bool:
    """Whether a block begins at `at`: the newline before its header line, or before the
    first comment line of its heading."""
    if raw[at : at + len(MARK)] == MARK:
        return True
    return _headed_mark().match(raw, at) is not None


def heading(raw: bytes | memoryview, start: int, end: int) -> int:
    """Where the header line of the block from `start` to `end` begins (the newline
    before it): after the comment lines of its heading, if it has one (no comment line
    looks like a header line: the first found is the block's)."""
    if raw[start : start + len(MARK)] == MARK:
        return start
    found = _any_mark().search(raw, start, end)
    return start if found is None else int(found.start())


class Layout(NamedTuple):
    """Where the header ends and each measure's block lies: `lengths` in file order, and
    (when known) each block's `digests` (`digest`), by which a later content of the file
    tells the blocks it left as they were (`store.edited`)."""

    header_end: int
    ids: list[str]
    lengths: list[int]
    digests: list[bytes] | None = None

    def digested(self, raw: bytes | memoryview) -> Layout:
        """This layout with the digest of each of its blocks in `raw`."""
        from hashlib import sha1

        digests = []
        with memoryview(raw) as view:
            at = self.header_end
            for length in self.lengths:
                # (`digest`, inlined: a call and an import per block took three times as long)
                digests.append(sha1(view[at : at + length]).digest())
                at += length
        return self._replace(digests=digests)

    def fits(self, raw: bytes) -> bool:
        """Whether the layout matches `raw`: a block starts at each of its offsets, and
        the last ends where the file does (a check before a change is written by it)."""
        at = self.header_end
        for length in self.lengths:
            if not starts_block(raw, at):
                return False
            at += length
        return at == len(raw) and bool(self.lengths)

    def spans(self) -> Iterator[tuple[str, int, int]]:
        """Each block's id, start and end, in file order."""
        start = self.header_end
        for ident, length in zip(self.ids, self.lengths, strict=True):
            yield ident, start, start + length
            start += length


DIGEST_SIZE = 20  # bytes of a block's digest


def digest(block: bytes | memoryview) -> bytes:
    """A block's digest: its SHA-1, as the file's content key is (`cache.content_key`)."""
    from hashlib import sha1

    return sha1(block).digest()


def cut(raw: bytes) -> list[int] | None:
    """Where each block starts (the header ends at the first), or None when the file
    cannot be cut safely by looking at its bytes."""
    if any(quotes in raw for quotes in _UNSAFE):  # (a plain scan: a regex takes 5 times as long)
        # (a header line is looked for outside the strings, and the comments)
        starts = [
            found.start() for found in _outside_strings().finditer(raw) if found.group("mark")
        ]
    else:
        starts = []
        at = raw.find(MARK)
        while at >= 0:
            starts.append(at)
            at = raw.find(MARK, at + 1)
        # Every `[[` a table header of dprk's own forms: then no block header was written
        # otherwise by hand (two counts, fast); else the lines are looked at (a regex).
        if raw.count(b"[[") != len(starts) + raw.count(b"\n[[measures."):
            starts = [found.start() for found in _any_mark().finditer(raw)]
    if not starts:
        return None
    if b"#" in raw:  # (a block's heading: comment lines above its header, after a blank one)
        # (a blank line right above a header line, and a line of TOML above it, as dprk
        # writes them: no heading; a look at the first byte of that line, inline)
        starts = [
            at
            if at
            and raw[at - 1] == 10
            and (above := raw.rfind(b"\n", 0, at - 1) + 1) < at - 1
            and raw[above] not in b"# \t\r"
            else _headed(raw, at)
            for at in starts
        ]
    return starts


def _headed(raw: bytes, at: int) -> int:
    """Where the block whose header line begins at `at` (the newline before it) starts:
    at the newline before its heading's first comment line, if lines above its header
    line are comments after a blank line, with only blank lines or such comments between
    them and it (none holding what could open a multi-line string); comment lines right
    below a line of TOML, with no blank line between, are the block's above."""
    start = found = at
    comments = False  # (comment lines passed since the last blank one)
    while True:
        above = raw.rfind(b"\n", 0, start)
        line = raw[above + 1 : start].strip()
        if not line:  # (a blank line: the comments passed below it are a heading's)
            if comments:
                found, comments = start, False
        elif not line.startswith(b"#") or any(q in line for q in _UNSAFE):
            return found
        else:
            comments = True
        if above < 0:
            return found
        start = above - 1 if raw[above - 1 : above] == b"\r" else above


def parse_blocks(
    raw: bytes, starts: list[int], loads: Any
) -> tuple[dict[str, Any], Callable[[int], Iterator[tuple[int, int, dict[str, Any]]]]] | None:
    """The header's data and what gives, one at a time, each block's start, end and
    measure data from the block numbered its argument on (0: the first); None if the
    header holds measures itself. A block that does not hold exactly one measure and
    nothing else raises `NotOneMeasure` (read the file whole then)."""
    header = loads(raw[: starts[0]].decode("utf-8"))
    if "measures" in header:
        return None

    def blocks(first: int) -> Iterator[tuple[int, int, dict[str, Any]]]:
        ends = [*starts[1:], len(raw)]
        for start, end in zip(starts[first:], ends[first:], strict=True):
            yield start, end, parse_block(raw, start, end, loads)

    return header, blocks


def parse_block(raw: bytes, start: int, end: int, loads: Any) -> dict[str, Any]:
    """The measure's data in the block of `raw` from `start` to `end`; `NotOneMeasure`
    if the block holds anything else."""
    data = loads(raw[start:end].decode("utf-8"))
    items = data.get("measures")
    if len(data) != 1 or not isinstance(items, list) or len(items) != 1:
        raise NotOneMeasure(start)
    found: dict[str, Any] = items[0]
    return found


_ID_AT = b'id = "'  # how dprk writes a block's first line after its header


def ids_at(raw: bytes, starts: list[int]) -> list[str] | None:
    """Each block's id, read off its first line as dprk writes it; None when a block does
    not start so (a hand edit), or an id is repeated. A reader checks each measure's id
    against its block's as it reads it."""
    ids = []
    for number, start in enumerate(starts):
        if raw[start + 1 : start + 2] != b"[":  # (a heading, a CRLF, an indented header)
            start = _header_line(raw, starts, number) - 1
        at = raw.find(b"\n", start + 1) + 1  # (the line after the block's header line)
        end = raw.find(b"\n", at)
        line = raw[at:end].removesuffix(b"\r")
        if not (line.startswith(_ID_AT) and line.endswith(b'"')) or b"\\" in line:
            return None
        ids.append(line[len(_ID_AT) : -1].decode("utf-8"))
    return ids if len(set(ids)) == len(ids) else None


def lines_of(raw: bytes) -> Callable[..., int | None]:
    """Where a table of the file `raw` begins, by its line's number (from 1): what "where
    in the file is this" answers for a measure or an entry of it, as a function of
    (`measure`, `table`=None, `entry`=0): the `[[measures]]` line of the measure numbered
    `measure` in file order (from 0), or, with `table`, the line of its entry numbered
    `entry` there (`[[measures.history]]`, from 0); with `key`, the line in that table
    where the key is written (a measure's key written as a table of its own,
    `[measures.history]`, that table's line; the table's, where it is not). None when the
    file does not cut into blocks (`cut`: a multi-line string could hold a line like a
    table's) or does not write it as a table of its own (an inline table). The file is
    cut, and its line ends found, once for every question asked of it (a file of an id
    given many times is asked once a block). A finding's record, which may be inline, is
    found by `syntax.record_line`."""
    import re
    from bisect import bisect_left

    starts = cut(raw)
    ends: list[int] = []  # (the file's line ends, found when first asked)
    next_table = re.compile(rb"\n[ \t]*\[")  # (a table's header line)

    def line_of(
        measure: int, table: str | None = None, entry: int = 0, key: str | None = None
    ) -> int | None:
        if starts is None or not 0 <= measure < len(starts):
            return None
        at = _header_line(raw, starts, measure)
        end = starts[measure + 1] if measure + 1 < len(starts) else len(raw)
        if table is not None:
            header = re.compile(
                rb"\n[ \t]*\[\[[ \t]*measures[ \t]*\.[ \t]*" + table.encode() + rb"[ \t]*\]\]"
            )
            found = list(header.finditer(raw, at, end))
            if not 0 <= entry < len(found):
                return None
            at = found[entry].start() + 1
        if key is not None:  # (the key's own line in its table, where it is written)
            after = next_table.search(raw, at, end)
            name = re.escape(key.encode())
            written = re.compile(rb"\n[ \t]*(?:" + name + rb'|"' + name + rb'")[ \t]*=').search(
                raw, at, end if after is None else after.start()
            )
            if written is None and table is None:  # (written as a table of its own)
                written = re.compile(
                    rb"\n[ \t]*\[[ \t]*measures[ \t]*\.[ \t]*" + name + rb"[ \t]*\]"
                ).search(raw, at, end)
            at = at if written is None else written.start() + 1
        if not ends:
            ends.extend(m.start() for m in re.finditer(rb"\n", raw))
        return bisect_left(ends, at) + 1

    return line_of


def _header_line(raw: bytes, starts: list[int], number: int) -> int:
    """Where the header line of block `number` begins (after the line end before it, and
    its heading)."""
    end = starts[number + 1] if number + 1 < len(starts) else len(raw)
    at = heading(raw, starts[number], end)
    return at + 2 if raw[at : at + 1] == b"\r" else at + 1


def why_whole(raw: bytes, loads: Any) -> str:
    """Why `raw`, a file that holds measures, does not cut into blocks (`cut`), in words
    and with the line to look at, for the warning of a change that rewrites it whole."""
    import re

    def line(at: int) -> int:
        return raw.count(b"\n", 0, at) + 1

    quoted = re.search(rb"""(?m)^[ \t]*\[\[?[ \t]*["'][^\r\n]*\]""", raw)
    if quoted is not None:
        return f"a table named in quotes at line {line(quoted.start())}"
    starts = cut(raw)
    if starts is None:
        return "no [[measures]] line found outside a string"
    try:
        if "measures" in loads(raw[: starts[0]].decode("utf-8")):
            return f"measures written above line {line(starts[0] + 1)}, in the header"
    except ValueError:
        return "a header that does not read as TOML alone"
    ends = [*starts[1:], len(raw)]
    for start, end in zip(starts, ends, strict=True):
        try:
            parse_block(raw, start, end, loads)
        except (NotOneMeasure, ValueError):
            at = heading(raw, start, end)
            return f"a [[measures]] block that does not read alone at line {line(at + 1)}"
    return "a layout that cannot be cut into one block per measure"  # pragma: no cover


class NotOneMeasure(Exception):
    """A block that does not hold exactly one measure: the file is read whole."""
