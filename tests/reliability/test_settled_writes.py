"""A change dated in the past reads no past day when none reads otherwise than today
(`sequencing.settled_since`): what it says of the deadlocks it made, moved or ended is
what searching those days says. Random histories with orders and circles, then a step
dated on or after the ledger's latest entry, through the real entry point, once as
dprk runs and once with the days searched whatever they read.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dprk_cli import store
from dprk_cli.analysis import sequencing

from .test_command_properties import IDS, SETTINGS, START, arguments, command, run, seeds

pytestmark = pytest.mark.slow  # process-heavy: left out by `pytest -m "not slow"`

# (orders, and circles of them, more often than the other property tests make them)
ordered = st.tuples(
    st.sampled_from(["sequence", "sequence", "sequence", "mark", "verify", "redate", "undo"]),
    st.integers(0, len(IDS) - 1),
    st.integers(0, len(IDS) - 1),
    st.integers(0, 1500),
    st.integers(0, 5),
)
last = st.tuples(
    st.sampled_from(["implemented", "withdrawn", "reversed", "agreed"]),
    st.integers(0, len(IDS) - 1),
    st.integers(0, 3),  # days after the latest entry
)


@SETTINGS
@given(seeds, st.lists(st.one_of(command, ordered), min_size=1, max_size=25), last)
def test_a_step_after_every_entry_says_what_searching_the_past_days_says(start, commands, step):
    status, i, after = step
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    try:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "one" / "dprk-ledger.toml"
            path.parent.mkdir()
            assert run("--ledger", str(path), "init", "--party", "DPRK", "--party", "US")[0] == 0
            for kind, a, b, days, k in start + commands:
                when = (START + timedelta(days=days)).isoformat()
                run("--ledger", str(path), *arguments(kind, IDS[a], IDS[b], when, k))
            measures = store.load(path).measures
            latest = max((m.dated_to() for m in measures), default="")
            if not latest or IDS[i] not in {m.id for m in measures}:
                return
            day = date.fromisoformat(latest) + timedelta(days=after)
            if day > date.today():
                return
            assert run("--ledger", str(path), "status", "--format", "ids")[0] == 0
            kept = Path(folder) / "kept"
            shutil.copytree(path.parent, kept)
            args = ["mark", IDS[i], status, "--date", day.isoformat()]
            # (both runs record the same time; the read before it, as the clock says,
            # keeps what it derives: a file written after the clock's time is not trusted)
            os.environ["SOURCE_DATE_EPOCH"] = str(int(time.time()))
            told = run("--ledger", str(path), *args)
            written = path.read_bytes()
            shutil.rmtree(path.parent)  # (the same ledger, in the same place, again)
            shutil.copytree(kept, path.parent)
            real = sequencing.settled_since
            sequencing.settled_since = lambda *_: False  # (every past day searched)
            try:
                searched = run("--ledger", str(path), *args)
            finally:
                sequencing.settled_since = real
            assert told == searched, args
            assert written == path.read_bytes()
    finally:
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved
