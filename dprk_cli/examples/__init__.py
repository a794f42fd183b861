"""Example ledgers bundled with dprk."""
