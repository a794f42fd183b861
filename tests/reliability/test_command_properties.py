"""Random sequences of commands, dated at random in the past and run in random order, the
way analysts rebuild talks after the fact (hypothesis, through the real entry point).

After every command dprk accepts, `dprk check` finds no error and every measure's
stored status and extent are the ones its history replays to; every command it
refuses leaves the ledger byte for byte as it was, with one line on standard error.
"""

from __future__ import annotations

import io
import os
import re
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dprk_cli import store
from dprk_cli.analysis.checks import run_checks
from dprk_cli.cli.app import main
from dprk_cli.facts import nodes_of
from dprk_cli.lifecycle import LedgerLife
from dprk_cli.rules import Context, errors_by_measure
from dprk_cli.shapes import record_json

pytestmark = pytest.mark.slow  # process-heavy: left out by `pytest -m "not slow"`

START = date(2017, 1, 1)
IDS = ["a", "b", "c", "d"]
STATUSES = ["agreed", "implemented", "implemented", "reversed", "withdrawn", "rejected"]
RESULTS = ["confirmed", "partial", "refuted"]

command = st.tuples(
    st.sampled_from(
        [
            "add",
            "add-undated",
            "add-part",
            "mark",
            "mark",
            "mark",
            "extent",
            "verify",
            "note",
            "sequence",
            "link",
            "unlink",
            "title",
            "redate",
            "rename",
            "remove",
            "undo",
        ]
    ),
    st.integers(0, len(IDS) - 1),
    st.integers(0, len(IDS) - 1),
    st.integers(0, 1500),  # days after START: every event in the past
    st.integers(0, 5),
)
SETTINGS = settings(
    max_examples=int(os.environ.get("DPRK_PROPERTY_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)


def run(*args: str) -> tuple[int, str]:
    """dprk ARGS through its entry point; the exit code and standard error."""
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = io.StringIO(""), io.StringIO(), io.StringIO()
    try:
        code = main(list(args))
        err = sys.stderr.getvalue()
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
    return code, err


def arguments(kind: str, one: str, other: str, when: str, k: int) -> list[str]:
    if kind == "add":
        return ["add-measure", f"Measure {one}", "--id", one, "--actor", "DPRK", "--date", when]
    if kind == "add-undated":
        return ["add-measure", f"Measure {one}", "--id", one, "--actor", "US"]
    if kind == "add-part":
        return ["add-measure", "A step", "--id", f"{one}{k}", "--actor", "DPRK", "--part-of", other]
    if kind == "mark":
        return ["mark", one, STATUSES[k], "--date", when]
    if kind == "extent":
        extent = ["minimal", "intermediate", "full"][k % 3]
        return ["mark", one, "implemented", "--extent", extent, "--date", when]
    if kind == "verify":
        return ["verify", one, "--by", "IAEA", "--result", RESULTS[k % 3], "--date", when]
    if kind == "note":
        return ["note", one, "seen", "--date", when]
    if kind == "sequence":
        return ["sequence", one, "--after", other, "--date", when]
    if kind == "link":
        return ["link", one, other, "--date", when]
    if kind == "unlink":
        return ["unlink", one, other, "--date", when]
    if kind == "title":
        return ["edit", one, "--title", f"Title {k}", "--date", when]
    if kind == "redate":
        return ["redate", one, str(k % 3 + 1), when]
    if kind == "rename":
        return ["rename", one, f"{one}x"]
    if kind == "remove":
        return ["remove", one, *(["--force"] if k % 2 else [])]
    return ["undo"]


def assert_sound(path: Path) -> None:
    ledger = store.parse_bytes(path.read_bytes(), "property")
    assert_cache_is_the_file(path, ledger)
    result = run_checks(ledger)
    assert result.errors == 0, [p.message for p in result.problems if p.severity == "error"]
    life = LedgerLife(ledger.index())
    for m in ledger.measures:
        state = life.state(m.id)
        assert state is not None and (m.status, m.extent) == (state.status, state.extent), m.id


def assert_cache_is_the_file(path: Path, ledger) -> None:
    """What the write left in the cache (updated measure by measure) is what reading the
    file from scratch gives: the models, nodes, records and every rule's errors."""
    snapshot = store.snapshot(path)
    assert snapshot.ledger() == ledger
    nodes = nodes_of(ledger).measures
    assert snapshot.nodes().measures == nodes
    records = [record_json(m, n) for m, n in zip(ledger.measures, nodes, strict=True)]
    streamed = store.snapshot(path)  # (read line by line from the columns and the log)
    assert [line.decode() for line in streamed.stream("records")] == records
    assert all(streamed.measures()[m.id] == m for m in ledger.measures)
    assert snapshot.records() == records
    ctx = Context(ledger.index(), ledger.parties)
    assert snapshot.problems() == list(errors_by_measure(ctx, ledger.measures))


# Every run starts from measures to act on: some dated, one undated.
seeds = st.tuples(st.integers(0, 300), st.integers(0, 300), st.integers(0, 300)).map(
    lambda days: [
        ("add", 0, 0, days[0], 0),
        ("add", 1, 0, days[1], 0),
        ("add-undated", 2, 0, 0, 0),
        ("add", 3, 0, days[2], 0),
    ]
)


@SETTINGS
@given(seeds, st.lists(command, min_size=1, max_size=25))
def test_every_accepted_command_leaves_a_sound_ledger(start, commands):
    commands = start + commands
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dprk-ledger.toml"
        assert run("--ledger", str(path), "init", "--party", "DPRK", "--party", "US")[0] == 0
        for kind, i, j, days, k in commands:
            when = (START + timedelta(days=days)).isoformat()
            args = arguments(kind, IDS[i], IDS[j], when, k)
            before = path.read_bytes()
            code, err = run("--ledger", str(path), *args)
            if code == 0:
                assert_sound(path)
            else:
                assert code in (1, 2), (args, err)
                assert err.startswith("dprk: error: ") and err.count("\n") == 1, (args, err)
                assert "internal error" not in err, (args, err)
                assert path.read_bytes() == before, args


# Undated wholes exchanged for each other, their parts added acted or pending, moved
# between them, marked and redated, in any order: the history an analyst records after
# the fact. Each whole's undated creation is dated by its parts, and moves the records
# of its links that the measures at their other end hold.
WHOLES = ["w", "x", "y"]
whole_command = st.tuples(
    st.sampled_from(["link", "part", "part", "part", "part-of", "mark", "redate"]),
    st.integers(0, len(WHOLES) - 1),
    st.integers(0, len(WHOLES) - 1),
    st.integers(0, 600),  # days after START
    st.integers(0, 5),
)


def whole_arguments(kind: str, one: str, other: str, when: str, k: int) -> list[str]:
    actor = ["DPRK", "US"][WHOLES.index(one) % 2]
    if kind == "whole":
        return ["add-measure", f"Whole {one}", "--id", one, "--actor", actor]
    if kind == "linked":
        return ["add-measure", f"Whole {one}", "--id", one, "--actor", actor,
                "--in-exchange-for", other]  # fmt: skip
    if kind == "link":
        return ["link", one, other]
    part = f"{one}-{k % 3}"
    if kind == "part":
        status = ["implemented", "agreed", "implemented"][k % 3]
        return ["add-measure", f"Part {part}", "--id", part, "--actor", actor, "--part-of",
                one, "--status", status, "--date", when]  # fmt: skip
    if kind == "part-of":
        return ["edit", part, "--part-of", other, "--date", when]
    if kind == "mark":
        return ["mark", part, ["implemented", "reversed", "agreed"][k % 3], "--date", when]
    return ["redate", part, "1", when]


ADVICE = re.compile(r'set (status|extent) = "([^"]+)" in the file')


def assert_advice_not_yet_followed(path: Path, err: str) -> None:
    """An error or warning that tells the user to set a measure's status or extent in
    the file names a measure whose file holds another: advice the file already carries
    cannot be followed."""
    for line in err.splitlines():
        named = re.match(r"dprk: (?:error|warning): (\S+): ", line)
        found = ADVICE.search(line)
        if named is None or found is None:
            continue
        ledger = store.parse_bytes(path.read_bytes(), "property")
        m = next((m for m in ledger.measures if m.id == named.group(1)), None)
        assert m is not None, line
        assert getattr(m, found.group(1)).value != found.group(2), line


# Every run starts from the wholes, added without a date, each but the first exchanged
# for an earlier one or for none.
wholes_made = st.tuples(st.integers(0, 1), st.integers(0, 2)).map(
    lambda links: [
        ("whole", 0, 0, 0, 0),
        ("linked" if links[0] else "whole", 1, 0, 0, 0),
        ("linked" if links[1] else "whole", 2, links[1] - 1 if links[1] else 0, 0, 0),
    ]
)


@SETTINGS
@given(wholes_made, st.lists(whole_command, min_size=1, max_size=15))
def test_undated_wholes_exchanged_for_each_other_take_every_part(start, commands):
    """After every command dprk accepts the ledger is sound (`assert_sound`); a refusal
    never advises setting in the file what it holds already."""
    commands = start + commands
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dprk-ledger.toml"
        assert run("--ledger", str(path), "init", "--party", "DPRK", "--party", "US")[0] == 0
        for kind, i, j, days, k in commands:
            when = (START + timedelta(days=days)).isoformat()
            args = whole_arguments(kind, WHOLES[i], WHOLES[j], when, k)
            before = path.read_bytes()
            code, err = run("--ledger", str(path), *args)
            assert_advice_not_yet_followed(path, err)
            if code == 0:
                assert_sound(path)
            else:
                assert code in (1, 2), (args, err)
                assert err.startswith("dprk: error: ") and err.count("\n") == 1, (args, err)
                assert path.read_bytes() == before, args
