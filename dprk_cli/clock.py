"""What day it is, and when a change is recorded (standard library only)."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime


def today() -> date:
    return datetime.now().date()


def now() -> datetime:
    """When a change is recorded; SOURCE_DATE_EPOCH fixes it, for reproducible files."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC).replace(microsecond=0)
