"""dprk: a tracker for reciprocal measures in negotiations.

Layers, each importing only those before it (tests/test_architecture.py holds
them): errors, vocab, model, lifecycle, rules, changes, draft, operations, store,
analysis, render, cli. docs/design.md says what each is for.
"""

__version__ = "0.3.0"
