"""Commands for a ledger shared through git: git-setup, merge-driver, resolve, diff."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app (none yet)."""
