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
with those measures, in that order. A file that holds a multi-line string
(whose text could hold a line that looks like a table header), or that does
not cut cleanly in any other way, is read whole instead (`split` returns None),
and a change to it rewrites it whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

MARK = b"\n[[measures]]\n"  # the start of a block (the newline before it included)
_UNSAFE = (b'"""', b"'''")  # what could open a multi-line string
# A block's header line as TOML allows it written by hand: spaces around or inside the
# brackets, a comment after (found only when a file holds one: `cut`).
_ANY_MARK = None


def _any_mark() -> Any:
    global _ANY_MARK
    if _ANY_MARK is None:
        import re

        _ANY_MARK = re.compile(rb"\n[ \t]*\[\[[ \t]*measures[ \t]*\]\][ \t]*(?:#[^\r\n]*)?\n")
    return _ANY_MARK


def starts_block(raw: bytes, at: int) -> bool:
    """Whether a block's header line begins at `at` (the newline before it)."""
    if raw[at : at + len(MARK)] == MARK:
        return True
    return _any_mark().match(raw, at) is not None


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
        return None
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
    return starts


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
    for start in starts:
        at = raw.find(b"\n", start + 1) + 1  # (the line after the block's header line)
        end = raw.find(b"\n", at)
        line = raw[at:end]
        if not (line.startswith(_ID_AT) and line.endswith(b'"')) or b"\\" in line:
            return None
        ids.append(line[len(_ID_AT) : -1].decode("utf-8"))
    return ids if len(set(ids)) == len(ids) else None


def lines_of(raw: bytes) -> Callable[..., int | None]:
    """Where a table of the file `raw` begins, by its line's number (from 1): what "where
    in the file is this" answers for a measure or an entry of it, as a function of
    (`measure`, `table`=None, `entry`=0): the `[[measures]]` line of the measure numbered
    `measure` in file order (from 0), or, with `table`, the line of its entry numbered
    `entry` there (`[[measures.history]]`, from 0). None when the file does not cut into
    blocks (`cut`: a multi-line string could hold a line like a table's) or does not
    write it as a table of its own (an inline table). The file is cut, and its line
    ends found, once for every question asked of it (a file of an id given many times
    is asked once a block). A finding's record, which may be inline, is found by
    `syntax.record_line`."""
    import re
    from bisect import bisect_left

    starts = cut(raw)
    ends: list[int] = []  # (the file's line ends, found when first asked)

    def line_of(measure: int, table: str | None = None, entry: int = 0) -> int | None:
        if starts is None or not 0 <= measure < len(starts):
            return None
        at = starts[measure] + 1  # (the newline before the block's header line is not its)
        if table is not None:
            end = starts[measure + 1] if measure + 1 < len(starts) else len(raw)
            header = re.compile(
                rb"\n[ \t]*\[\[[ \t]*measures[ \t]*\.[ \t]*" + table.encode() + rb"[ \t]*\]\]"
            )
            found = list(header.finditer(raw, at, end))
            if not 0 <= entry < len(found):
                return None
            at = found[entry].start() + 1
        if not ends:
            ends.extend(m.start() for m in re.finditer(rb"\n", raw))
        return bisect_left(ends, at) + 1

    return line_of


class NotOneMeasure(Exception):
    """A block that does not hold exactly one measure: the file is read whole."""
