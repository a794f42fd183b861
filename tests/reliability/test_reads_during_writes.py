"""A read takes no lock: when another process changes the ledger under it, the command
is run again on the ledger as it now is, unless it has shown something already."""

from __future__ import annotations

import pytest

from dprk_cli import render
from dprk_cli.cli.app import READ_ATTEMPTS
from dprk_cli.errors import LedgerChanged
from dprk_cli.store.snapshots import Snapshot


def _changing(monkeypatch, times: int) -> list[int]:
    """The next `times` reads of the nodes find the ledger changed under them."""
    calls: list[int] = []
    real = Snapshot.nodes

    def nodes(self):
        calls.append(1)
        if len(calls) <= times:
            raise LedgerChanged(f"{self.path}: the ledger changed while it was being read")
        return real(self)

    monkeypatch.setattr(Snapshot, "nodes", nodes)
    return calls


def test_a_read_the_ledger_changed_under_is_run_again(dprk, korea, monkeypatch):
    before = korea.read_bytes()
    expected = dprk("scorecard")  # (reads every node each time: `plan` keeps what it drew)
    calls = _changing(monkeypatch, 2)
    again = dprk("scorecard")
    assert (again.code, again.out, again.err) == (0, expected.out, "")
    assert len(calls) == 3  # twice changed, then read whole
    assert korea.read_bytes() == before


def test_a_ledger_that_keeps_changing_ends_with_one_line(dprk, korea, monkeypatch):
    before = korea.read_bytes()
    calls = _changing(monkeypatch, 1000)
    result = dprk("plan")
    assert result.code == 1 and result.out == ""
    assert result.err.splitlines() == [
        f"dprk: error: {korea.name}: the ledger changed while it was being read"
    ]
    assert len(calls) == READ_ATTEMPTS
    assert korea.read_bytes() == before


@pytest.mark.parametrize("show", [render.value, render.message, render.warning])
def test_nothing_is_shown_twice(dprk, korea, monkeypatch, show):
    """Once a command has shown something (on either stream), it is not run again: that
    would show it twice."""
    real = Snapshot.nodes
    calls: list[int] = []

    def nodes(self):
        calls.append(1)
        show("shown before the ledger changed")
        raise LedgerChanged(f"{self.path}: the ledger changed while it was being read")

    monkeypatch.setattr(Snapshot, "nodes", nodes)
    result = dprk("plan")
    assert result.code == 1 and len(calls) == 1
    assert (result.out + result.err).count("shown before the ledger changed") == 1
    assert result.err.endswith("the ledger changed while it was being read\n")
    monkeypatch.setattr(Snapshot, "nodes", real)
    assert dprk("plan").code == 0  # the next command starts with nothing shown


def test_a_read_that_fails_before_its_first_line_is_run_again(dprk, korea, monkeypatch):
    """A report's parts are made as the writer reaches them: a read they make may find
    the ledger changed after the report was handed over but before a byte was written.
    Nothing was shown, so the command runs again (a busy machine's readers lost this)."""
    expected = dprk("status", "--format", "json")
    calls: list[int] = []
    real = Snapshot.ids

    def ids(self):
        calls.append(1)
        if len(calls) <= 2:
            raise LedgerChanged(f"{self.path}: the ledger changed while it was being read")
        return real.fget(self)

    monkeypatch.setattr(Snapshot, "ids", property(ids))
    again = dprk("status", "--format", "json")
    assert (again.code, again.out, again.err) == (0, expected.out, "")
    assert len(calls) >= 3


def test_a_write_whose_read_keeps_changing_says_nothing_was_written(dprk, korea, monkeypatch):
    from dprk_cli.store import ledger

    def changing(path, **_):
        raise LedgerChanged(f"{path}: the ledger changed while it was being read")

    monkeypatch.setattr(ledger, "open_snapshot", changing)
    before = korea.read_bytes()
    result = dprk("mark", "end-of-war-declaration", "agreed", "--date", "2018-10-01")
    assert (result.code, result.out) == (1, "")
    assert result.err.splitlines() == [
        f"dprk: error: {korea.name}: the ledger changed while it was being read; nothing was "
        "written; run the command again"
    ]
    assert korea.read_bytes() == before
