"""What day it is, and when a change is recorded (standard library only)."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta


def today() -> date:
    return datetime.now().date()


def now() -> datetime:
    """When a change is recorded; SOURCE_DATE_EPOCH fixes it, for reproducible files."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch and not (epoch.isascii() and epoch.isdigit()):
        from .errors import UsageError

        raise UsageError(
            f"SOURCE_DATE_EPOCH: '{epoch}' is not a whole number of seconds since "
            "1970-01-01; unset it, or give one (it fixes the time changes are recorded at)"
        )
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), UTC)
        except (OverflowError, OSError, ValueError):
            from .errors import UsageError

            raise UsageError(
                f"SOURCE_DATE_EPOCH: {epoch} seconds is past the years dprk records (up "
                "to 9999); unset it, or give seconds since 1970-01-01"
            ) from None
    return datetime.now(UTC).replace(microsecond=0)


def fixed_ahead() -> datetime | None:
    """The time SOURCE_DATE_EPOCH fixes (`now`) when it is more than a day after the
    system's clock; else None. Reproducible files are made at a time past: entries
    recorded then read as a time typed wrong (`recorded-after-now`) once the variable
    is gone, and each later entry of their measure is recorded after them. A write warns
    of it (`draft.Draft.finish`) rather than refuse it: a test may set a clock ahead."""
    if not os.environ.get("SOURCE_DATE_EPOCH"):
        return None
    fixed = now()
    return fixed if fixed - datetime.now(UTC) > _AHEAD else None


def latest_now() -> datetime:
    """The latest moment it can be now: the clock's (`now`), or the system's where a fixed
    SOURCE_DATE_EPOCH is earlier (a file recorded after it is no mistake: a clock set back
    for reproducible files). A time recorded after it was recorded by no clock: a hand
    edit's, typed wrong."""
    return max(now(), datetime.now(UTC).replace(microsecond=0))


# How far ahead of the clock dprk's own writes may record: each entry a second after a
# measure's latest (`lifecycle.recorded_in_order`), so a script's writes within one
# second run ahead by seconds; a year typed wrong runs ahead by far more.
_AHEAD = timedelta(days=1)


def recorded_ahead(moment: datetime, *, system: bool = False) -> bool:
    """Whether a time recorded is later than any clock can have written it: a day or more
    after the latest moment it can be now (`latest_now`), not seconds after it, as quick
    writes in a row record (a time typed wrong: `check`'s `recorded-after-now`). With
    `system`, after the system's clock alone, which a fixed SOURCE_DATE_EPOCH (even one
    not read) cannot move: what a reader that must not fail on it may ask, the times
    ahead of `latest_now` among those (it is never earlier). A difference, which no
    moment near the last one dprk records overflows."""
    now = datetime.now(UTC) if system else latest_now()
    return moment - now > _AHEAD
