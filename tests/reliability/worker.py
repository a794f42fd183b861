"""A dprk worker process for the concurrency and crash tests (run as a script).

Takes one JSON argument: `commands` (argument lists for dprk's `main`), `go`
(a file to wait for, so that all workers start together), `loop_until` (a
file: repeat the commands until it exists), `unlocked` (replace the ledger
lock with one that returns at once, and take away the check that the file is
still as read before it is replaced, to show what the two prevent) and
`widen` (seconds to sleep between reading the ledger and writing it), and
`pause` (seconds between rounds of a loop).
Prints a JSON list with each command's exit code, output and errors, and
for reading loops, whether each output was valid JSON.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import time


def main() -> None:
    config = json.loads(sys.argv[1])
    import dprk_cli.store.fs as fs
    import dprk_cli.store.ledger as store
    from dprk_cli.cli.app import main as dprk

    if config.get("unlocked"):

        @contextlib.contextmanager
        def no_lock(ledger, timeout):
            yield

        store.ledger_lock = no_lock
        fs.ledger_lock = no_lock
        from dprk_cli.store.cache import AsRead

        AsRead.check = lambda as_read, path: None  # type: ignore[method-assign]
    if config.get("widen"):
        real_open = store.open_snapshot

        def slow_open(path, *, verify=False):
            found = real_open(path, verify=verify)
            if verify:  # only the write path verifies what it read
                time.sleep(config["widen"])
            return found

        store.open_snapshot = slow_open

    go = config.get("go")
    while go and not os.path.exists(go):
        time.sleep(0.005)
    results = []
    until = config.get("loop_until")
    while True:
        for args in config["commands"]:
            results.append(run(dprk, args, config.get("parse_json", False)))
        if not until or os.path.exists(until):
            break
        time.sleep(config.get("pause", 0))
    sys.stdout.write(json.dumps(results))


def run(dprk, args, parse_json: bool) -> dict:
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        code = dprk(args)
    finally:
        sys.stdout, sys.stderr = saved
    result = {"code": code, "out": out.getvalue(), "err": err.getvalue()}
    if parse_json:
        try:
            json.loads(result["out"])
            result["json"] = True
        except ValueError:
            result["json"] = False
        result["out"] = result["out"][:200]
    return result


if __name__ == "__main__":
    main()
