"""The ledger's words: statuses, verification results, constraint kinds.

Standard library only, so that the command line can name choices in its
options without importing the pydantic models at start-up.
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """Where a measure stands, in the field's own words."""

    proposed = "proposed"
    agreed = "agreed"
    implemented = "implemented"
    verified = "verified"
    disputed = "disputed"
    reversed = "reversed"
    withdrawn = "withdrawn"


class MarkStatus(StrEnum):
    """The statuses `dprk mark` sets; verified and disputed come from `dprk verify`."""

    proposed = "proposed"
    agreed = "agreed"
    implemented = "implemented"
    reversed = "reversed"
    withdrawn = "withdrawn"


class Result(StrEnum):
    """What a verifier found."""

    confirmed = "confirmed"
    partial = "partial"
    refuted = "refuted"


class Require(StrEnum):
    """What a sequencing constraint waits for in its prerequisite."""

    acted = "acted"
    verified = "verified"


ACTED = frozenset({Status.implemented, Status.verified, Status.disputed})
PENDING = frozenset({Status.proposed, Status.agreed})
CLOSED = frozenset({Status.withdrawn})

LEDGER_FILENAME = "dprk-ledger.toml"
SCHEMA_VERSION = 1
