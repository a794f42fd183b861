"""Reading back what the analyses keep beside the ledger (`Plan.kept` and its kin).

A kept file is checksummed and marked with the code that wrote it, yet one that a hand
or other code made may still hold values of another type. Each value is checked as it
is read: a TypeError then has the command draw its answer again, instead of showing
nonsense or failing half way through its output.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, TypeVar

W = TypeVar("W", bound=StrEnum)

_WORDS: dict[type[StrEnum], dict[str, Any]] = {}


def word(kind: type[W], value: Any) -> W:
    """`kind(value)` (a ValueError when `value` is none of its words), found by its text:
    a plan holds thousands of them, and calling an enum class costs ten times a look-up."""
    words = _WORDS.get(kind)
    if words is None:
        words = _WORDS[kind] = {w.value: w for w in kind}
    found = words.get(value) if type(value) is str else None
    return kind(value) if found is None else found


def text(value: Any) -> str:
    if type(value) is not str:
        raise TypeError(f"not text: {value!r:.40}")
    return value


def optional_text(value: Any) -> str | None:
    return None if value is None else text(value)


def texts(value: Any) -> list[str]:
    if type(value) is not list or not all(type(v) is str for v in value):
        raise TypeError(f"not a list of text: {value!r:.40}")
    return value


def integer(value: Any) -> int:
    if type(value) is not int:
        raise TypeError(f"not a whole number: {value!r:.40}")
    return value


def optional_integer(value: Any) -> int | None:
    return None if value is None else integer(value)


def flag(value: Any) -> bool:
    if type(value) is not bool:
        raise TypeError(f"not true or false: {value!r:.40}")
    return value


def rows(value: Any) -> list[Any]:
    if type(value) is not list:
        raise TypeError(f"not a list: {value!r:.40}")
    return value
