"""`python -m dprk_cli` runs the dprk command."""

from .cli.app import entry_point

entry_point()
