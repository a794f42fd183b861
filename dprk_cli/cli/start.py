"""The `dprk` console script's entry: Ctrl-C while Python is still loading dprk.

Until the command runs (`app.entry_point` then takes Ctrl-C its own way), an
interrupt would end in a traceback of whatever module was being imported. Nothing
has been read or written yet: the process says so in one line and ends at once.
"""

from __future__ import annotations

import os
import signal


def _interrupted_while_loading(signum: int, frame: object) -> None:
    os.write(2, b"dprk: interrupted\n")
    os._exit(130)  # (EXIT_INTERRUPTED; errors is not loaded yet)


signal.signal(signal.SIGINT, _interrupted_while_loading)


def entry_point() -> None:
    import gc

    # (as `app.entry_point` says: no collection passes in a short-lived process; from
    # here, so that loading Typer and dprk's modules makes none either: ~8 ms a command)
    gc.disable()
    from .app import entry_point as run

    run()
