"""The counts, order and table rows `status` keeps beside the ledger, brought up to date
after writes from the measures they changed (`cli.derived.brought_up`), are byte for byte
what deriving them again from every measure gives: random command sequences, and the
cases that must fall back to deriving everything (through the real entry point).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dprk_cli.cli import derived
from dprk_cli.cli.app import main
from dprk_cli.render.views import kept_row
from dprk_cli.store.cache import side_file

from ..spying import answered
from .test_command_properties import IDS, START, arguments, command, run, seeds

pytestmark = pytest.mark.slow  # process-heavy: left out by `pytest -m "not slow"`

SETTINGS = settings(
    max_examples=int(os.environ.get("DPRK_PROPERTY_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)

# Besides the commands of the other property test: measures carried out together, and
# constraints dropped again (groups made and split).
more = st.tuples(
    st.sampled_from(["with", "unsequence", "add-with"]),
    st.integers(0, len(IDS) - 1),
    st.integers(0, len(IDS) - 1),
    st.integers(0, 1500),
    st.integers(0, 5),
)


def more_arguments(kind: str, one: str, other: str, when: str, k: int) -> list[str]:
    if kind == "with":
        return ["sequence", one, "--with", other, "--date", when]
    if kind == "unsequence":
        return ["sequence", one, "--remove", other, "--date", when]
    if kind == "add-with":
        return ["add-measure", f"Deal {k}", "--id", f"{one}-deal{k}", "--actor", "US"]
    return arguments(kind, one, other, when, k)


def counting() -> contextlib.AbstractContextManager[list[bool]]:
    """Whether each status brought the kept counts up (True) or derived them (False)."""
    return answered(derived, "brought_up")


KEPT = ("memo", "kept-table", "kept-each")  # what status keeps beside the ledger


def kept(path: Path) -> tuple[dict[str, object], bytes, str]:
    """What status kept (the memo's status part; the table's rows and each measure's
    part of the order, as their files hold them) and its output."""
    code, err = run("--ledger", str(path), "status", "--format", "json")
    assert code == 0, err
    memo = side_file(path, "memo").read_bytes().split(b"\n", 1)[1]
    table = b"".join(side_file(path, name).read_bytes().split(b"\n", 1)[1] for name in KEPT[1:])
    return json.loads(memo), table, err


def forget(path: Path) -> None:
    """Delete what status keeps: the next one derives it from every measure."""
    for name in KEPT:
        side_file(path, name).unlink()


def assert_as_derived(path: Path) -> None:
    """Status now (brought up, when it can be) keeps what deriving everything keeps."""
    memo, table, _ = kept(path)
    forget(path)
    fresh_memo, fresh_table, _ = kept(path)
    assert memo["status"] == fresh_memo["status"]
    assert memo.get("conflicts", "") == fresh_memo.get("conflicts", "")
    assert table == fresh_table


def output(*args: str) -> str:
    """What dprk ARGS prints on standard output (it must succeed)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(list(args)) == 0
    return out.getvalue()


def status_json(path: Path) -> str:
    return output("--ledger", str(path), "status", "--format", "json")


@SETTINGS
@given(seeds, st.lists(st.one_of(command, more), min_size=1, max_size=25))
def test_kept_counts_brought_up_are_the_derived_ones(start, commands):
    with tempfile.TemporaryDirectory() as folder, counting() as seen:
        path = Path(folder) / "dprk-ledger.toml"
        assert run("--ledger", str(path), "init", "--party", "DPRK", "--party", "US")[0] == 0
        for kind, i, j, days, k in start + commands:
            when = (START + timedelta(days=days)).isoformat()
            code, _ = run("--ledger", str(path), *more_arguments(kind, IDS[i], IDS[j], when, k))
            if code == 0:
                assert_as_derived(path)
        assert seen  # (status ran: brought up, or derived)


def ledger_of(folder: Path, measures: int) -> Path:
    """A generated ledger of `measures` measures (with deadlocks among them)."""
    from benchmarks.generate import build
    from dprk_cli import store

    path = folder / "dprk-ledger.toml"
    store.create(path, build(measures, seed=7, cycles=2).ledger, force=True)
    return path


def pending_ids(path: Path, count: int) -> list[str]:
    return output("--ledger", str(path), "status", "--pending", "--format", "ids").split()[:count]


def test_a_read_after_writes_brings_the_kept_counts_up(tmp_path: Path) -> None:
    path = ledger_of(tmp_path, 300)
    kept(path)  # derived from every measure, and kept
    first, second = pending_ids(path, 2)
    with counting() as seen:
        assert run("--ledger", str(path), "mark", first, "implemented")[0] == 0
        assert run("--ledger", str(path), "sequence", second, "--after", first)[0] == 0
        assert run("--ledger", str(path), "add-measure", "New step", "--actor", "US")[0] == 0
        brought = status_json(path)
        assert seen == [True]  # two writes and an addition later: brought up, not derived
    forget(path)
    with counting() as seen:
        assert status_json(path) == brought
        assert seen == [False]
    assert_as_derived(path)


def test_a_narrower_widest_cell_measures_its_column_again(tmp_path: Path) -> None:
    path = ledger_of(tmp_path, 120)
    kept(path)
    lines = side_file(path, "kept-table").read_bytes().split(b"\n")[2:]  # (after the widths)
    rows = [kept_row(line) for line in lines if line]
    assert len(rows) >= 120
    widest = max(rows, key=lambda r: len(r.cells["title"]))
    assert run("--ledger", str(path), "edit", widest.id, "--title", "Short")[0] == 0
    with counting() as seen:
        assert_as_derived(path)
        assert seen[0] is True


def test_an_error_in_the_ledger_derives_everything_again(tmp_path: Path) -> None:
    path = ledger_of(tmp_path, 120)
    kept(path)
    # A hand edit: an actor that is not a declared party (an error the rules find).
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('actor = "US"', 'actor = "UN"', 1), encoding="utf-8")
    kept(path)
    first = pending_ids(path, 1)[0]
    assert run("--ledger", str(path), "mark", first, "implemented")[0] == 0
    with counting() as seen:
        assert_as_derived(path)
        assert seen[0] is False
