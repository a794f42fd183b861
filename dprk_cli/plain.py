"""Plain records: the small records that a command's start-up defines.

A dataclass writes and compiles its methods when its module is imported: about half a
millisecond each, on every run of dprk, and seven of them stood between a small `status`
and its output; a `typing.NamedTuple` declared where annotations are postponed compiles
a forward reference per field, about 0.4 ms each. A `Plain` subclass names its fields in
`__slots__` and writes its own `__init__`; it is compared and shown by those fields, as
a dataclass is.

And what a list cut short names (`named_first`), here where every layer reaches it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

T = TypeVar("T")


class Plain:
    """A record compared (`==`) and shown (`repr`) by the fields in its `__slots__`."""

    __slots__: tuple[str, ...] = ()

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Plain)
        return self._values() == other._values()

    __hash__ = None  # type: ignore[assignment]  # (mutable, as a dataclass is)

    def but(self, **changes: Any) -> Any:
        """A copy with the fields `changes` names set so."""
        copy = object.__new__(type(self))
        for name in self.__slots__:
            object.__setattr__(copy, name, changes.get(name, getattr(self, name)))
        return copy

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({shown})"


def named_first(items: Sequence[T], most: int) -> list[T]:
    """Those of `items` a list cut short names, the others counted after them ('and 2
    more', as `vocab.in_prose` counts them): the first `most`, but all of them where one
    alone would be left, which is named rather than counted ('and 1 more' is no shorter
    than the one it counts)."""
    return list(items[:most]) if len(items) > most + 1 else list(items)


def commas_and_more(items: Sequence[str], most: int) -> str:
    """`items` joined by commas, cut short as `named_first` cuts them and the others
    counted: 'a, b, c and 2 more' (the one wording of a count after the names, which
    `vocab.in_prose` writes too)."""
    shown = named_first(items, most)
    rest = len(items) - len(shown)
    return ", ".join(shown) + (f" and {rest} more" if rest else "")
