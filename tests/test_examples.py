"""Every shipped ledger loads, is in canonical form, and tells the 2018 story."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dprk_cli.store import parse_bytes, render_ledger
from dprk_cli.vocab import default_extent, state_text
from tests.conftest import EXAMPLE, ROOT

SHIPPED = sorted([*(ROOT / "examples").glob("*.toml"), *(ROOT / "seeds").glob("*.toml")])


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_ledger_is_valid_and_canonical(path: Path):
    raw = path.read_bytes()
    ledger = parse_bytes(raw, str(path))
    assert render_ledger(ledger).encode() == raw
    index = ledger.index()
    for m in ledger.measures:
        assert m.actor in ledger.parties
        for other in m.in_exchange_for:
            assert m.id in index[other].in_exchange_for, (m.id, other)
        for c in m.constraints:
            assert c.other in index
            assert c.demanded_by is None or c.demanded_by in ledger.parties


def test_packaged_example_matches_the_one_in_examples():
    packaged = ROOT / "dprk_cli" / "examples" / "korea-2018.toml"
    assert packaged.read_bytes() == EXAMPLE.read_bytes()


def test_korea_example_holds_the_seed_facts():
    index = parse_bytes(EXAMPLE.read_bytes(), "example").index()
    inv, eow = index["inventory-submission"], index["end-of-war-declaration"]
    assert (inv.actor, eow.actor) == ("DPRK", "US")
    assert inv.pending and eow.pending
    assert inv.in_exchange_for == ["end-of-war-declaration"]
    assert [(c.after, c.demanded_by) for c in inv.constraints] == [
        ("end-of-war-declaration", "DPRK")
    ]
    assert [(c.after, c.demanded_by) for c in eow.constraints] == [("inventory-submission", "US")]
    for ident in ("punggye-ri-closure", "tongchang-ri-dismantlement"):
        assert index[ident].acted and not index[ident].verified and not index[ident].verifications
    assert index["remains-repatriation"].acted
    assert index["gaeseong-liaison-office"].acted
    assert str(max(index["gaeseong-liaison-office"].event_dates())) == "2018-09-14"
    assert all(m.sources for m in index.values())


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_each_step_of_a_shipped_ledger_says_its_state_as_dprk_writes_it(path: Path):
    """The example's steps said 'proposed -> implemented', written by hand: false once a
    step is recorded before them (a withdrawal, back-dated). dprk's own steps say the
    state they lead to ('implemented (intermediate)'), a note after it kept."""
    for m in parse_bytes(path.read_bytes(), str(path)).measures:
        for h in m.history:
            if h.event == "status" and h.status is not None and h.detail:
                state = state_text(h.status, h.extent or default_extent(h.status))
                assert h.detail == state or h.detail.startswith(f"{state}: "), (m.id, h.detail)


def test_a_step_recorded_before_an_example_s_step_leaves_its_words_true(dprk, korea):
    """After a withdrawal recorded before it, the closure's log said 'withdrawn', then
    'proposed -> implemented'."""
    assert dprk("mark", "punggye-ri-closure", "withdrawn", "--date", "2018-05-01").code == 0
    log = json.loads(dprk("log", "punggye-ri-closure", "--format", "json").out)
    assert [(e["status"], e["detail"]) for e in log if e["event"] == "status"] == [
        ("withdrawn", "withdrawn"),
        ("implemented", "implemented"),
    ]
    assert dprk("check").code == 0
