"""A snapshot's measures by id, for a write: each built only when the change asks for it."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import TYPE_CHECKING

from ..model import Measure, MeasureIndex
from . import cache
from .codec import share_field_sets
from .snapshots import DAMAGE

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
        self._built: dict[str, Measure] = {}
        self._parts: dict[str, list[str]] | None = None
        self._referred: dict[str, set[str]] | None = None

    def __getitem__(self, ident: str) -> Measure:
        found = self._built.get(ident)
        if found is None:
            found = self._built[ident] = self._build(self._positions[ident])
        return found

    def _build(self, at: int) -> Measure:
        full = self._snapshot._ledger
        if full is None:
            try:
                built = cache.build_measure(self._snapshot.column("models")[at])
            except DAMAGE:  # checksummed, yet not what this code writes
                full = self._snapshot.from_file()
            else:
                share_field_sets(built)
                return built
        return full.measures[at]

    def __contains__(self, ident: object) -> bool:
        return ident in self._positions

    def __iter__(self) -> Iterator[str]:
        return iter(self._positions)

    def __len__(self) -> int:
        return len(self._positions)

    def parts(self) -> dict[str, list[str]]:
        if self._parts is None:
            found: dict[str, list[str]] = {}
            for n in self._snapshot.nodes().measures:
                if n.part_of is not None and n.part_of != n.id:
                    found.setdefault(n.part_of, []).append(n.id)
            for ids in found.values():
                ids.sort()
            self._parts = found
        return self._parts

    def referrers(self, ids: Collection[str]) -> set[str]:
        if self._referred is None:
            referred: dict[str, set[str]] = {}
            for n in self._snapshot.nodes().measures:
                targets = set(n.in_exchange_for)
                targets.update(c.other for c in n.constraints)
                if n.part_of is not None:
                    targets.add(n.part_of)
                for target in targets:
                    referred.setdefault(target, set()).add(n.id)
            self._referred = referred
        found: set[str] = set()
        for ident in ids:
            found.update(self._referred.get(ident, ()))
        return found
