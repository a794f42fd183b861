"""Pure functions from a ledger to results: summaries, filters, sequencing, checks.

Nothing here reads files, prints, or knows about Typer or Rich.
"""
