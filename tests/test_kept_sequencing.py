"""`plan`, `next`, `balance` and `check` keep what they draw beside the ledger, for its
content (and, for the balance, its day); `status` keeps them too when it derives its order
from every node. What is kept reads back equal, is shown byte for byte as drawing it again shows it,
and is drawn again when the ledger changed, when it is damaged or forged, or (the
balance) when the day moved on."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.generate import build
from dprk_cli import facts, store
from dprk_cli.analysis.balance import (
    balance_from_kept,
    balance_kept,
    claims_in,
    reciprocity_balance,
)
from dprk_cli.analysis.checks import CheckResult, run_checks
from dprk_cli.analysis.sequencing import NextSteps, Plan, next_steps, phased_plan
from dprk_cli.cli.app import main
from dprk_cli.store import cache
from dprk_cli.store.snapshots import Snapshot

from .reliability.test_command_properties import IDS, START, arguments, command, run, seeds

KEPT = ("plan", "deadlock-days", "next", "balance", "check")
REPORTS = [
    ["plan"],
    ["plan", "--format", "json"],
    ["plan", "--format", "ids"],
    ["plan", "--format", "csv"],
    ["next"],
    ["next", "--format", "json"],
    ["next", "--format", "ids"],
    ["next", "--party", "US", "--format", "jsonl"],
    ["balance"],
    ["balance", "--format", "json"],
    ["balance", "--party", "US", "--format", "csv"],
    ["check"],
    ["check", "--strict", "--format", "json"],
]


def _generated(folder: Path, size: int = 300) -> Path:
    """A generated ledger with deadlocks, blocked measures and verification steps."""
    path = folder / "dprk-ledger.toml"
    store.create(path, build(size, seed=7, cycles=2).ledger, force=True)
    return path


def _forget(path: Path) -> None:
    for name in KEPT:
        store.side_file(path, f"kept-{name}").unlink(missing_ok=True)


def _node_reads(monkeypatch) -> list[int]:
    """The nodes each read of the cache's rows made: none, for a report read from what was
    kept (the balance keeps which disputed actions parties alone refuted, too)."""
    read: list[int] = []
    real = facts.nodes_from_rows

    def counted(rows):
        made = real(rows)
        read.append(len(made))
        return made

    monkeypatch.setattr(facts, "nodes_from_rows", counted)
    return read


def test_kept_forms_read_back_equal(tmp_path):
    path = _generated(tmp_path)
    nodes = store.load_nodes(path)
    plan = phased_plan(nodes)
    steps = next_steps(nodes)
    # (what the forms must carry is all there: deadlocks, blocked measures and their
    # holds, verification steps, waits for a measure that cannot act)
    assert plan.deadlocks and plan.blocked and any(p.verify for p in plan.phases)
    assert steps.verify and any(r.deadlocked for r in steps.blocked)
    assert any(w.impossible for r in steps.blocked for w in r.waits)
    assert Plan.from_kept(plan.kept()) == plan
    assert NextSteps.from_kept(steps.kept()) == steps
    day = date(2024, 2, 29)
    balances = reciprocity_balance(nodes, day)
    assert any(b.owed for b in balances.values()) and any(b.owes for b in balances.values())
    assert balance_from_kept(balance_kept(balances, day, {})) == (day, balances, {})
    claims = {"a": ("US",), "b": ("DPRK", "US")}  # (read back in order, as tuples)
    assert balance_from_kept(balance_kept(balances, day, claims)) == (day, balances, claims)
    assert claims_in(balances, nodes) == {}  # (the generated ledger's: verifiers' alone)
    found = run_checks(store.load(path))
    assert found.warnings and found.errors == 0
    assert CheckResult.from_kept(found.kept()) == found
    strict = found.strictly()
    assert strict.errors == found.warnings and strict.warnings == 0
    assert CheckResult.from_kept(strict.kept()) == strict


def test_reports_read_what_was_kept_and_show_what_drawing_again_shows(dprk, tmp_path, monkeypatch):
    path = _generated(tmp_path)
    read = _node_reads(monkeypatch)
    drawn = [dprk(*args) for args in REPORTS]  # nothing kept: each drawn, then kept
    assert [r.code for r in drawn] == [0] * (len(REPORTS) - 1) + [1] and read  # (warnings)
    assert {name for name in KEPT if store.side_file(path, f"kept-{name}").exists()} == set(KEPT)
    read.clear()
    again = [dprk(*args) for args in REPORTS]
    assert read == []  # every one read from what was kept
    assert [(r.code, r.out, r.err) for r in again] == [(r.code, r.out, r.err) for r in drawn]
    shutil.rmtree(store.side_file(path, "cache").parent)  # the cache gone: all drawn anew
    fresh = [dprk(*args) for args in REPORTS]
    assert [(r.code, r.out, r.err) for r in fresh] == [(r.code, r.out, r.err) for r in drawn]


def test_a_kept_balance_names_a_partys_claim_reading_no_node(dprk, tmp_path, monkeypatch):
    """A disputed action parties alone refuted is said to be their claim ('disputed by
    US'), and one a verifier refuted a verifier's, from what was kept as from what is
    drawn: the kept balance holds which is which, and reads no measure to say it."""
    path = _generated(tmp_path)
    owed = json.loads(dprk("balance", "--format", "json").out)["parties"]
    claimed = next(
        o["measure"] for p in owed.values() for o in p["owed"] if o["since"] and not o["disputed"]
    )
    found = dprk("verify", claimed, "--by", "US", "--result", "refuted", "--date", "2026-01-02")
    assert found.code == 0, found.err
    before = path.read_bytes()
    shown = [["balance"], ["balance", "--format", "json"], ["balance", "--party", "US"]]
    drawn = [dprk(*args) for args in shown]
    assert [r.code for r in drawn] == [0] * len(shown)
    rows = [line.split() for line in drawn[0].out.splitlines()]
    assert any(claimed in row and row[-3:] == ["disputed", "by", "US"] for row in rows)
    assert any(row[-1:] == ["disputed"] for row in rows)  # (a verifier's refutation too)
    assert "disputed by US: refuted by US, a party to the talks" in drawn[0].out
    assert "a verifier refuted the action" in drawn[0].out
    read = _node_reads(monkeypatch)
    again = [dprk(*args) for args in shown]
    assert read == []
    assert [(r.code, r.out, r.err) for r in again] == [(r.code, r.out, r.err) for r in drawn]
    _forget(path)  # (drawn anew, from every node: the same)
    fresh = [dprk(*args) for args in shown]
    assert read and [(r.code, r.out, r.err) for r in fresh] == [
        (r.code, r.out, r.err) for r in drawn
    ]
    assert path.read_bytes() == before


def test_status_deriving_its_order_keeps_them(dprk, tmp_path, monkeypatch):
    """After a pull (the cache gone), `status` derives its order from every node, and
    keeps the plan, the next steps and the balance from the same nodes."""
    path = _generated(tmp_path)
    expected = [dprk(*args).out for args in REPORTS]
    shutil.rmtree(store.side_file(path, "cache").parent)
    assert dprk("status", "--format", "ids").code == 0
    read = _node_reads(monkeypatch)
    assert [dprk(*args).out for args in REPORTS] == expected
    assert read == []


def test_a_write_draws_them_again(dprk, tmp_path):
    path = _generated(tmp_path)
    first = json.loads(dprk("plan", "--format", "json").out)["phases"][0]["measures"][0]
    before = {tuple(args): dprk(*args).out for args in REPORTS}
    assert dprk("mark", first, "implemented", "--date", "2026-01-02").code == 0
    after = {tuple(args): dprk(*args).out for args in REPORTS}
    assert first not in after[("plan", "--format", "ids")].split()
    assert after != before
    _forget(path)
    assert {tuple(args): dprk(*args).out for args in REPORTS} == after


def _rewrite_kept(path: Path, name: str, edit) -> None:
    side = store.side_file(path, f"kept-{name}")
    head, body = side.read_bytes().split(b"\n", 1)
    key = json.loads(head)["key"]
    cache.write_kept(path, name, key, edit(body.rstrip(b"\n").split(b"\n")))


def _first_text_a_number(value):
    """`value` with its first text (depth first) made the number 5, and whether it had one."""
    if isinstance(value, str):
        return 5, True
    if isinstance(value, list | dict):
        items = list(value.items()) if isinstance(value, dict) else list(enumerate(value))
        for key, item in items:
            changed, done = _first_text_a_number(item)
            if done:
                value[key] = changed
                return value, True
    return value, False


DAMAGE = {
    # checksummed, yet not what this code writes
    "forged: lines of another shape": lambda lines: [b"[]", b"{}"],
    "forged: a line left out": lambda lines: lines[:-1],
    "forged: a wait of another shape": lambda lines: [
        line.replace(b',"acted",', b',"maybe",', 1) for line in lines
    ],
    "forged: not JSON": lambda lines: [line.replace(b'"', b"", 2) for line in lines],
    "forged: a text made a number": lambda lines: [
        json.dumps(_first_text_a_number(json.loads(line))[0]).encode() for line in lines
    ],
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_what_was_kept_damaged_or_forged_is_drawn_again(dprk, tmp_path, damage):
    path = _generated(tmp_path)
    expected = [dprk(*args) for args in REPORTS]
    for name in KEPT:
        _rewrite_kept(path, name, DAMAGE[damage])
    again = [dprk(*args) for args in REPORTS]
    assert [(r.code, r.out, r.err) for r in again] == [(r.code, r.out, r.err) for r in expected]


def test_a_damaged_block_is_drawn_again(dprk, tmp_path):
    path = _generated(tmp_path)
    expected = [dprk(*args) for args in REPORTS]
    for name in KEPT:
        side = store.side_file(path, f"kept-{name}")
        raw = bytearray(side.read_bytes())
        raw[-5] ^= 1  # one byte of the body: its block's checksum no longer matches
        side.write_bytes(bytes(raw))
    again = [dprk(*args) for args in REPORTS]
    assert [(r.code, r.out, r.err) for r in again] == [(r.code, r.out, r.err) for r in expected]


def test_a_balance_kept_on_another_day_is_drawn_for_today(dprk, tmp_path, monkeypatch):
    from dprk_cli import clock

    _generated(tmp_path)
    real = clock.today
    monkeypatch.setattr(clock, "today", lambda: real() - timedelta(days=400))
    old = dprk("balance", "--format", "json")
    assert old.code == 0
    monkeypatch.setattr(clock, "today", real)
    now = dprk("balance", "--format", "json")
    header = dprk("balance").out.splitlines()[0]
    assert header == f"Reciprocity balance on {real().isoformat()}"
    days = [o["days"] for p in json.loads(now.out)["parties"].values() for o in p["owed"]]
    then = [o["days"] for p in json.loads(old.out)["parties"].values() for o in p["owed"]]
    # (a debt an agreed order holds back has no days, either day)
    assert any(d is not None for d in days)
    assert [None if d is None else d - 400 for d in days] == then


HISTORY = [
    ["plan", "--history"],
    ["plan", "--history", "--format", "json"],
    ["plan", "--history", "--format", "csv"],
    ["plan", "--history", "--format", "ids"],
]


def _history_reads(monkeypatch) -> list[int]:
    from dprk_cli.analysis import sequencing

    read: list[int] = []
    real = sequencing.deadlock_history
    monkeypatch.setattr(sequencing, "deadlock_history", lambda *a: read.append(1) or real(*a))
    return read


def _ended_deadlock(dprk) -> None:
    """Withdraw a measure of the generated ledger's first deadlock: it ended that day."""
    first = json.loads(dprk("plan", "--format", "json").out)["deadlocks"][0]["measures"][0]
    ended = dprk("mark", first, "withdrawn", "--date", "2025-12-30")
    assert ended.code == 0, ended.err


def test_plan_history_is_kept_for_its_content_and_day(dprk, tmp_path, monkeypatch):
    path = _generated(tmp_path)
    _ended_deadlock(dprk)
    before = path.read_bytes()
    read = _history_reads(monkeypatch)
    drawn = [dprk(*args) for args in HISTORY]
    assert [(r.code, r.err) for r in drawn] == [(0, "")] * len(HISTORY)
    found = json.loads(drawn[1].out)["deadlocks"]
    assert len(found) >= 2 and any(d["until"] == "2025-12-30" for d in found)
    assert read == [1]  # drawn once, then read from what was kept
    assert store.side_file(path, "kept-deadlock-history").exists()
    read.clear()
    again = [dprk(*args) for args in HISTORY]
    assert read == []
    assert [(r.code, r.out, r.err) for r in again] == [(r.code, r.out, r.err) for r in drawn]
    # (another day: drawn for it; the cache gone: drawn anew, as it was shown)
    past = dprk("plan", "--history", "--as-of", "2025-12-29", "--format", "json")
    assert read == [1] and past.code == 0
    assert all(d["until"] is None for d in json.loads(past.out)["deadlocks"])
    shutil.rmtree(store.side_file(path, "cache").parent)
    fresh = [dprk(*args) for args in HISTORY]
    assert [(r.code, r.out, r.err) for r in fresh] == [(r.code, r.out, r.err) for r in drawn]
    assert path.read_bytes() == before


def test_plan_history_is_drawn_again_after_a_write(dprk, tmp_path, monkeypatch):
    _generated(tmp_path)
    before = dprk("plan", "--history", "--format", "json").out
    _ended_deadlock(dprk)
    read = _history_reads(monkeypatch)
    after = dprk("plan", "--history", "--format", "json").out
    assert read == [1] and after != before
    assert "2025-12-30" in after


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_kept_history_damaged_or_forged_is_drawn_again(dprk, tmp_path, monkeypatch, damage):
    path = _generated(tmp_path)
    _ended_deadlock(dprk)
    expected = [dprk(*args) for args in HISTORY]
    _rewrite_kept(path, "deadlock-history", DAMAGE[damage])
    read = _history_reads(monkeypatch)
    again = [dprk(*args) for args in HISTORY]
    assert read == [1]
    assert [(r.code, r.out, r.err) for r in again] == [(r.code, r.out, r.err) for r in expected]


def test_a_kept_history_reads_back_equal(tmp_path):
    from dprk_cli.analysis.sequencing import deadlock_history, history_from_kept, history_kept
    from dprk_cli.model import index_of

    path = _generated(tmp_path)
    ledger = store.load(path)
    index = index_of(ledger.index())
    place = {m.id: n for n, m in enumerate(ledger.measures)}
    periods = deadlock_history(index, list(ledger.parties), date(2026, 1, 1), place.__getitem__)
    assert periods and any(p.deadlock.holds or p.deadlock.drops for p in periods)
    day = date(2026, 1, 1)
    assert history_from_kept(history_kept(day, periods)) == (day, periods)
    assert history_from_kept(history_kept(day, [])) == (day, [])


def test_a_party_not_declared_is_refused_in_one_line(dprk, tmp_path):
    path = _generated(tmp_path)
    before = path.read_bytes()
    for args in (["next", "--party", "Atlantis"], ["balance", "--party", "Atlantis"]):
        result = dprk(*args)
        assert result.code != 0 and result.out == ""
        assert len(result.err.splitlines()) == 1 and "Atlantis" in result.err
    assert path.read_bytes() == before


# --- random histories: kept is what drawing again gives ----------------------------------


def _outputs(path: Path) -> list[str]:
    found = []
    for args in (
        ["plan", "--format", "json"],
        ["next", "--format", "json"],
        ["balance", "-f", "json"],
        ["check", "--format", "json"],
    ):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = main(["--ledger", str(path), *args])
        found.append(f"{code} {out.getvalue()}")
    return found


@pytest.mark.slow  # (a few hundred in-process commands)
@settings(
    max_examples=int(os.environ.get("DPRK_PROPERTY_EXAMPLES", "15")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)
@given(seeds, st.lists(command, min_size=1, max_size=15))
def test_after_any_commands_what_is_kept_is_what_is_drawn(start, commands):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dprk-ledger.toml"
        assert run("--ledger", str(path), "init", "--party", "DPRK", "--party", "US")[0] == 0
        for n, (kind, i, j, days, k) in enumerate(start + commands):
            when = (START + timedelta(days=days)).isoformat()
            if run("--ledger", str(path), *arguments(kind, IDS[i], IDS[j], when, k))[0] != 0:
                continue
            if n == len(start) - 1:  # a deadlock, and a wait for a verification, to start
                for one, other in (("a", "b"), ("b", "a"), ("c", "d")):
                    more = ["--require", "verified"] if one == "c" else []
                    args = ["sequence", one, "--after", other, *more]
                    assert run("--ledger", str(path), *args)[0] == 0
            if n % 2:  # kept by status, deriving its order from every node
                shutil.rmtree(store.side_file(path, "cache").parent)
                assert run("--ledger", str(path), "status", "--format", "ids")[0] == 0
            kept = _outputs(path)  # (read from what was kept, or drawn and kept)
            assert _outputs(path) == kept
            _forget(path)
            assert _outputs(path) == kept


def test_check_reads_for_its_advice_only_the_measures_whose_orders_were_changed(
    dprk, tmp_path, monkeypatch
):
    """The advice for an order entered by mistake looks for the change that set it in the
    history of the measure holding it: every such measure was built from its record, and
    its partner too, though an order given when a measure was added has no change to find
    (at 100,000 measures, 100,000 built for 51,000 warnings: 13 s and 90 MiB of a
    `status` after a pull). Only a measure whose record names a `sequence` entry is read,
    and the findings are the same."""
    from dprk_cli.store.measures import StoreIndex

    path = _generated(tmp_path)
    first, second = store.snapshot(path).ids[:2]
    assert dprk("sequence", second, "--after", first, "--date", "2026-01-01").code == 0
    built: list[int] = []
    real = StoreIndex._build
    monkeypatch.setattr(StoreIndex, "_build", lambda self, at: built.append(at) or real(self, at))
    found = dprk("check", "--format", "json")
    warnings = [p for p in json.loads(found.out)["problems"] if p["check"] == "acted-out-of-order"]
    assert len(warnings) > 10
    assert len(built) < 5, len(built)
    monkeypatch.setattr(StoreIndex, "mentioning", lambda self, text, **_: list(self))
    _forget(path)
    built.clear()
    assert dprk("check", "--format", "json").out == found.out  # (every measure read)
    assert len(built) > len(warnings)


def _links_reads(monkeypatch) -> list[int]:
    """Each read of the links column (every measure's references): none, for a `plan
    --assume` that reads who refers to whom as kept beside the plan."""
    read: list[int] = []
    real = Snapshot.links

    def counted(self):
        found = real(self)
        read.append(len(found))
        return found

    monkeypatch.setattr(Snapshot, "links", counted)
    return read


def _assumptions(dprk) -> list[list[str]]:
    plan = json.loads(dprk("plan", "--format", "json").out)
    first, second = plan["phases"][0]["measures"][:2]
    stuck = plan["deadlocks"][0]["measures"][0]  # (assumed carried out: ends its deadlock)
    return [
        ["--assume", f"{first}=implemented"],
        ["--assume", f"{second}=withdrawn", "--format", "json"],
        ["--assume", f"{stuck}=implemented"],
        ["--assume", f"{stuck}=implemented", "--assume", f"{first}=rejected", "--format", "json"],
    ]


def test_plan_assuming_reads_who_refers_to_whom_as_kept_beside_the_plan(
    dprk, tmp_path, monkeypatch
):
    path = _generated(tmp_path)
    assumed = _assumptions(dprk)
    referred = store.side_file(path, "kept-referred")
    assert referred.exists()  # (kept as the plan was drawn)
    expected = []
    for args in assumed:  # nothing kept: read from every measure's links
        referred.unlink(missing_ok=True)
        expected.append(dprk("plan", *args))
    assert "Dissolves: " in expected[2].out
    raw = path.read_bytes()
    read = _links_reads(monkeypatch)
    again = [dprk("plan", *args) for args in assumed]
    assert read == []
    assert [(r.code, r.out, r.err) for r in again] == [(r.code, r.out, r.err) for r in expected]
    assert path.read_bytes() == raw


@pytest.mark.parametrize("damage", ["a line left out", "a block's checksum"])
def test_who_refers_to_whom_kept_damaged_is_read_again(dprk, tmp_path, damage):
    path = _generated(tmp_path)
    assumed = _assumptions(dprk)
    expected = [dprk("plan", *args) for args in assumed]
    side = store.side_file(path, "kept-referred")
    if damage == "a line left out":
        _rewrite_kept(path, "referred", lambda lines: lines[:-1])
    else:
        body = bytearray(side.read_bytes())
        body[-5] ^= 1
        side.write_bytes(bytes(body))
    again = [dprk("plan", *args) for args in assumed]
    assert [(r.code, r.out, r.err) for r in again] == [(r.code, r.out, r.err) for r in expected]
