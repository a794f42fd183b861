"""Watching what a function of dprk returns, to tell which way a command went."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def answered(owner: Any, name: str) -> Iterator[list[bool]]:
    """Each call of `owner.name` meanwhile: whether it answered (returned something other
    than None)."""
    seen: list[bool] = []
    original = getattr(owner, name)

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        found = original(*args, **kwargs)
        seen.append(found is not None)
        return found

    setattr(owner, name, wrapped)
    try:
        yield seen
    finally:
        setattr(owner, name, original)
