"""A snapshot's measures by id, for a write: each built only when the change asks for it."""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable, Iterator
from typing import TYPE_CHECKING

from ..model import Measure, MeasureIndex
from ..vocab import parts_by_whole, wholes_once

if TYPE_CHECKING:
    from .snapshots import Snapshot


class StoreIndex(MeasureIndex):
    """A snapshot's measures by id, each built from the cache when first asked for; the
    parts and references come from the nodes, without building any measure."""

    def __init__(self, snapshot: Snapshot) -> None:
        self._snapshot = snapshot
        positions: dict[str, int] = {}
        for i, ident in enumerate(snapshot.ids):
            positions.setdefault(ident, i)  # (a hand edit may repeat an id: the first)
        self._positions = positions
        self._ids = snapshot.ids
        self._built: dict[str, Measure] = {}
        self._parts: dict[str, list[str]] | None = None
        self._referred: list[tuple[str | None, list[str], list[str], list[str]]] | None = None
        self._former: dict[str, list[str]] | None = None
        # (what `mentioning` found, by text: the kept records do not change under it,
        # and an import asks as many times as it has findings, each a pass over them)
        self._mentioning: dict[tuple[str, bool, bool], list[str]] = {}

    def __getitem__(self, ident: str) -> Measure:
        found = self._built.get(ident)
        if found is None:
            found = self._built[ident] = self._build(self._positions[ident])
        return found

    def unkept(self, ident: str) -> Measure:
        """The measure `ident`, as `[ident]` gives it, but not kept once built: for a few
        reads of many measures that do not come back to them (a check's advice), which
        would otherwise hold every one they read."""
        found = self._built.get(ident)
        return found if found is not None else self._build(self._positions[ident])

    def _build(self, at: int) -> Measure:
        snapshot = self._snapshot
        return snapshot.built(at, lambda: snapshot.line("models", self._ids[at]))

    def __contains__(self, ident: object) -> bool:
        return ident in self._positions

    def __iter__(self) -> Iterator[str]:
        return iter(self._positions)

    def __len__(self) -> int:
        return len(self._positions)

    def links(self) -> Iterator[tuple[str, str | None, Collection[str]]]:
        for ident, (part_of, refers, _, _) in zip(self._ids, self._links(), strict=True):
            yield ident, part_of, refers

    # `parts` and `referrers` as `MeasureIndex` answers them, read straight off the kept
    # links rather than through `links` (a write asks four or five times: a pass over
    # ten thousand measures through a generator is twice as slow).

    def parts(self) -> dict[str, list[str]]:
        if self._parts is None:
            wholes = [part_of for part_of, _, _, _ in self._links()]
            self._parts = parts_by_whole(zip(self._ids, wholes, strict=True))
        return self._parts

    def former_parts(self, wholes: Callable[[Measure], Iterable[str]]) -> dict[str, list[str]]:
        if self._former is None:  # (`wholes` made the kept lines)
            pairs = zip(self._ids, self._links(), strict=True)
            self._former = wholes_once((ident, was) for ident, (_, _, was, _) in pairs if was)
        return self._former

    def restated(self) -> Collection[str]:
        return self._snapshot.written_before().keys()

    def referrers(self, ids: Collection[str]) -> set[str]:
        wanted = set(ids)
        pairs = zip(self._ids, self._links(), strict=True)
        return {ident for ident, (_, refers, _, _) in pairs if not wanted.isdisjoint(refers)}

    def followed_once(
        self, ids: Collection[str], ended: Callable[[Measure], Iterable[str]]
    ) -> set[str]:
        wanted = set(ids)  # (`ended` made the kept lines: `Node.ended`)
        pairs = zip(self._ids, self._links(), strict=True)
        return {ident for ident, (_, _, _, once) in pairs if not wanted.isdisjoint(once)}

    def settled(self) -> tuple[str, bool] | None:
        # (statuses set by hand, as a read of this content counted them first: not
        # counted, not known; else found from every measure's kept problems)
        by_hand = self._snapshot.by_hand()
        return None if by_hand is None else (self._snapshot.index.latest, by_hand > 0)

    def may_hold_title(self, key: str, but: Collection[str] = ()) -> bool:
        # (a title in plain ASCII reads as `key` when it is its words in some case and
        # spacing: one search of the kept nodes for such a string, but in the rows of
        # `but`, [id, title, ...] (`facts.node_row`: an edited measure's row holds its own
        # title); anything else, as every title would be asked)
        words = key.split()
        if not key.isascii() or not words or not self._snapshot.has_column("nodes"):
            return True
        rows = tuple(b'["' + i.encode() + b'","' for i in but if i in self._positions)
        return not self._snapshot.lacks_words("nodes", [w.encode() for w in words], rows)

    def titles(self) -> Iterator[tuple[str, str, str]]:
        # (from the kept nodes, [id, title, actor, ...] (`facts.node_row`), small lines;
        # where none are kept, from the models a write keeps: nodes made anew would
        # replay every measure)
        if self._snapshot.has_column("nodes"):
            for line in self._snapshot.stream("nodes"):
                # (the three strings a row begins with, cut out without decoding the rest
                # of it, long where the title is short: '","' is found only between two
                # strings of a JSON row written without spaces, and the third ends at its
                # first quote; one holding an escape, or a row of another shape, is
                # decoded whole)
                parts = line.split(b'","', 2)
                end = parts[-1].find(b'"')
                if len(parts) == 3 and parts[0].startswith(b'["') and end >= 0:
                    ident, title, actor = parts[0][2:], parts[1], parts[2][:end]
                    if b"\\" not in ident + title + actor:
                        yield ident.decode("utf-8"), title.decode("utf-8"), actor.decode("utf-8")
                        continue
                found = json.loads(line)[:3]
                yield found[0], found[1], found[2]
            return
        from pydantic_core import from_json  # (twice as fast as json, on whole models)

        for line in self._snapshot.stream("models"):
            model = from_json(line)
            yield model["id"], model["title"], model["actor"]

    def verifiers(self, *, orders: bool = False) -> Iterator[tuple[str, str]]:
        # (from the kept models, JSON written without spaces: '"by":"' is found there only
        # where a finding names its verifier ('demanded_by' has '_by"', and a quote within
        # a string is escaped), '"verified_by":"' only where an order names one, before
        # the findings, as the model lists them; a name holding an escape is decoded)
        if not self._snapshot.may_hold("models", b'"by":"') and not (
            orders and self._snapshot.may_hold("models", b'"verified_by":"')
        ):
            return
        import re

        key = rb'"(?:verified_)?by":"' if orders else rb'"by":"'
        named = re.compile(key + rb'((?:[^"\\]|\\.)*)"').finditer
        for ident, line in zip(self._snapshot.ids, self._snapshot.stream("models"), strict=True):
            for found in named(line):
                by = found.group(1)
                yield ident, json.loads(b'"' + by + b'"') if b"\\" in by else by.decode("utf-8")

    def mentioning(
        self, text: str, *, any_case: bool = False, any_signs: bool = False
    ) -> list[str]:
        asked = (text, any_case, any_signs)
        found = self._mentioning.get(asked)
        if found is None:
            found = self._mentioning[asked] = self._mentioning_now(*asked)
        return list(found)

    def mentions(self, ident: str, text: str) -> bool:
        # (its own kept record searched as `_mentioning_now` searches each; an id a hand
        # edit gave twice, or text written escaped, as every measure would be asked)
        needle = json.dumps(text, ensure_ascii=False)[1:-1]
        if needle != text or not text or ident in self._snapshot.index.twice:
            return super().mentions(ident, text)
        if ident not in self._positions:
            return False
        return needle.encode("utf-8") in self._snapshot.line("models", ident)

    def _mentioning_now(self, text: str, any_case: bool, any_signs: bool) -> list[str]:
        # (as `MeasureIndex.mentioning` says: a measure whose kept model, as JSON, does
        # not hold the text as JSON writes it cannot hold it in any field)
        if any_signs:
            return self._spelt(text)
        needle = json.dumps(text, ensure_ascii=False)[1:-1]
        if needle != text or not text or (any_case and not text.isascii()):
            return list(self)  # (written escaped, or with letters of other cases: all)
        found = needle.encode("utf-8")
        lines = self._snapshot.stream("models")
        if any_case:
            import re

            holds = re.compile(re.escape(found), re.IGNORECASE).search
            return [i for i, line in zip(self._snapshot.ids, lines, strict=True) if holds(line)]
        if not self._snapshot.may_hold("models", found):
            return []
        return [i for i, line in zip(self._snapshot.ids, lines, strict=True) if found in line]

    def _spelt(self, text: str) -> list[str]:
        """The measures whose kept model holds the letters and digits of `text` in order,
        in any case, with any run of other signs between them ('I.A.E.A.', 'I A E A' and
        'iaea' for 'IAEA'); all for a text with letters beyond ASCII or none."""
        letters = [c for c in text if c.isalnum()]
        if not letters or not text.isascii():
            return list(self)
        import re

        between = rb"[^A-Za-z0-9]*"
        pattern = between.join(re.escape(c.encode()) for c in letters)
        holds = re.compile(pattern, re.IGNORECASE).search
        lines = self._snapshot.stream("models")
        return [i for i, line in zip(self._snapshot.ids, lines, strict=True) if holds(line)]

    def _links(self) -> list[tuple[str | None, list[str], list[str], list[str]]]:
        """Each measure's part_of, the ids it refers to, those it was a part of once and
        those an `after` order since ended named, in file order (the cache's `links`
        column: no measure is built to know them)."""
        if self._referred is None:
            self._referred = self._snapshot.links()
        return self._referred
