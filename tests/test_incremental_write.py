"""A change to a ledger loaded through the cache re-renders only the measures it
touched, and the file is still byte for byte the full deterministic rewrite.

Each command below runs on a medium generated ledger whose cache (with the
layout of every measure's block) is already built, as it is after any earlier
command. After each one the file must equal `render_ledger` of what it holds,
and only a handful of measures may have been rendered.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.generate import build
from dprk_cli import store
from dprk_cli.store import codec

SIZE = 400


@pytest.fixture
def medium(dprk, tmp_path: Path) -> Path:
    """A generated ledger of SIZE measures, its cache and layout built by a first write."""
    path = tmp_path / "dprk-ledger.toml"
    store.create(path, build(SIZE, seed=11, cycles=1).ledger, force=False)
    assert dprk("status", "--format", "ids").code == 0
    assert dprk("add-party", "EU").code == 0  # a first write: the layout is in the cache now
    return path


@pytest.fixture
def rendered(monkeypatch) -> list[str]:
    """The ids of the measures rendered to TOML, in order."""
    ids: list[str] = []
    real = codec.render_measure

    def counting(measure):
        ids.append(measure.id)
        return real(measure)

    monkeypatch.setattr(store.ledger, "render_measure", counting)
    monkeypatch.setattr(codec, "render_measure", counting)
    return ids


def assert_canonical(path: Path) -> None:
    raw = path.read_bytes()
    assert store.render_ledger(store.parse_bytes(raw, "check")).encode("utf-8") == raw
    assert store.render_ledger(store.load(path)).encode("utf-8") == raw  # through the cache


def pending(path: Path, n: int) -> list[str]:
    return [m.id for m in store.load(path).measures if m.pending][:n]


def test_medium_ledger_starts_canonical_and_cached(medium):
    assert_canonical(medium)
    loaded = store.load_full(medium, want_layout=True)
    assert loaded.layout is not None and loaded.layout.canonical
    assert len(loaded.layout.spans or {}) == SIZE


COMMANDS = {
    "add-measure": lambda p: [
        "add-measure",
        "A new measure",
        "--actor",
        "US",
        "--id",
        "zz-new",
        "--in-exchange-for",
        pending(p, 1)[0],
        "--after",
        pending(p, 2)[1],
        "--date",
        "2026-01-01",
    ],
    "add-measure first in id order": lambda p: [
        "add-measure",
        "Sorts first",
        "--actor",
        "DPRK",
        "--id",
        "0-first",
        "--date",
        "2026-01-01",
    ],
    "mark": lambda p: ["mark", pending(p, 1)[0], "implemented", "--date", "2026-01-02"],
    "mark several": lambda p: ["mark", *pending(p, 3), "withdrawn", "--date", "2026-01-02"],
    "verify": lambda p: [
        "verify",
        [m.id for m in store.load(p).measures if m.acted][0],
        "--by",
        "IAEA",
        "--result",
        "partial",
        "--date",
        "2026-01-03",
    ],
    "sequence": lambda p: ["sequence", pending(p, 2)[0], "--with", pending(p, 2)[1]],
}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_change_rerenders_only_what_it_touched(medium, dprk, rendered, name):
    before = {m.id: m for m in store.load(medium).measures}
    result = dprk(*COMMANDS[name](medium))
    assert result.code == 0, result.err
    changed = {m.id for m in store.load(medium).measures if before.get(m.id) != m}
    assert changed, "the command changed nothing"
    assert set(rendered) <= changed
    assert len(rendered) <= 4  # not the other few hundred
    assert_canonical(medium)


def test_changes_in_a_row_stay_byte_identical(medium, dprk, rendered):
    ids = pending(medium, 6)
    by_commands = 0
    for i, ident in enumerate(ids):
        rendered.clear()
        assert dprk("mark", ident, "agreed", "--date", f"2026-02-{i + 1:02d}").code in (0, 1)
        assert dprk("add-measure", f"Step {i}", "--actor", "ROK", "--id", f"step-{i}").code == 0
        by_commands += len(rendered)
        assert_canonical(medium)
    assert by_commands <= 2 * len(ids)


def test_a_header_change_keeps_every_measure_block(medium, dprk, rendered):
    assert dprk("add-party", "UN").code == 0
    assert rendered == []
    assert_canonical(medium)


def test_a_write_after_the_cache_was_lost_is_a_full_rewrite_and_canonical(medium, dprk):
    store.side_file(medium, "cache").unlink()
    assert dprk("mark", pending(medium, 1)[0], "agreed", "--date", "2026-03-01").code in (0, 1)
    assert_canonical(medium)


def test_a_hand_edited_file_is_rewritten_whole(medium, dprk, rendered):
    raw = medium.read_bytes()
    medium.write_bytes(raw.replace(b"\n[[measures]]\n", b"\n# a remark\n[[measures]]\n", 1))
    assert dprk("mark", pending(medium, 1)[0], "implemented", "--date", "2026-04-01").code == 0
    assert len(rendered) >= SIZE  # not canonical: nothing to reuse
    assert b"# a remark" not in medium.read_bytes()
    assert_canonical(medium)
