"""dprk: a tracker for reciprocal measures in negotiations.

Layers, each importing only those before it: model (with vocab and changes),
errors, store, analysis, render, cli.
"""

__version__ = "0.1.0"
