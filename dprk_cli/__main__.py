"""`python -m dprk_cli` runs the dprk command."""

from .cli.start import entry_point

entry_point()
