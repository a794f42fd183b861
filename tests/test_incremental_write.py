"""A change re-renders only the measures it touched, and a file in dprk's own form is
still byte for byte the full deterministic rewrite; a hand-edited file keeps every
byte the change did not reach.

Each command below runs on a medium generated ledger whose cache is already
built, as it is after any earlier command. After each one the file must equal
`render_ledger` of what it holds, and only a handful of measures may have
been rendered.
"""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest

from benchmarks.generate import build
from dprk_cli import store
from dprk_cli.cli.app import main
from dprk_cli.store import codec

SIZE = 400


@pytest.fixture(scope="module")
def medium_made(tmp_path_factory) -> Path:
    """A generated ledger of SIZE measures, its cache and layout built by a first write
    (made once for the module: each test works on a copy)."""
    folder = tmp_path_factory.mktemp("medium")
    path = folder / "dprk-ledger.toml"
    store.create(path, build(SIZE, seed=11, cycles=1).ledger, force=False)
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert main(["--ledger", str(path), "status", "--format", "ids"]) == 0
        # a first write: the layout is in the cache now
        assert main(["--ledger", str(path), "add-party", "EU"]) == 0
    return folder


@pytest.fixture
def medium(dprk, tmp_path: Path, medium_made: Path) -> Path:
    """A copy of the medium ledger and its cache, in this test's folder."""
    shutil.copy2(medium_made / "dprk-ledger.toml", tmp_path)
    shutil.copytree(medium_made / ".dprk", tmp_path / ".dprk")
    return tmp_path / "dprk-ledger.toml"


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
    layout = store.snapshot(medium).layout
    assert layout is not None
    assert len(layout.ids) == len(layout.lengths) == SIZE
    assert layout.header_end + sum(layout.lengths) == medium.stat().st_size


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


@pytest.mark.parametrize("lost", ["cache", "models", "nodes", "records", ".dprk"])
def test_a_write_after_the_cache_was_lost_rerenders_only_what_it_touched(
    medium, dprk, rendered, lost
):
    if lost == ".dprk":
        import shutil

        shutil.rmtree(medium.parent / ".dprk")
    else:
        store.side_file(medium, lost).unlink(missing_ok=True)
    ident = pending(medium, 1)[0]
    rendered.clear()
    assert dprk("mark", ident, "agreed", "--date", "2026-03-01").code == 0
    assert rendered == [ident]
    assert store.load(medium).index()[ident].status == "agreed"
    assert_canonical(medium)


def test_a_hand_edited_file_keeps_every_byte_the_change_did_not_reach(medium, dprk, rendered):
    raw = medium.read_bytes()
    first = raw.index(b"\n[[measures]]\n")
    edited = raw[:first] + b"\n# a remark" + raw[first:].replace(b"id = ", b"id   =   ", 3)
    medium.write_bytes(edited)
    ident = pending(medium, 1)[0]
    assert dprk("mark", ident, "implemented", "--date", "2026-04-01").code == 0
    assert rendered == [ident]
    after = medium.read_bytes()
    assert after.startswith(edited[: first + len(b"\n# a remark")])  # the header, remark kept
    assert after.count(b"id   =   ") == 3 - (b'id   =   "' + ident.encode() in edited)
    back = store.parse_bytes(after, "check")
    assert back.index()[ident].status == "implemented"
    assert len(back.measures) == SIZE


@pytest.mark.parametrize(
    "header",
    [b"[[measures]] # from the archive", b"  [[measures]]", b"[[ measures ]]", b"[[measures]]\t"],
)
def test_a_block_header_written_otherwise_by_hand_still_cuts_the_file(
    medium, dprk, rendered, header
):
    """A table header TOML allows written with spaces or a comment made a one-measure
    change rewrite the whole file, every hand-written comment in it dropped."""
    raw = medium.read_bytes()
    second = raw.index(b"\n[[measures]]\n", raw.index(b"\n[[measures]]\n") + 1)
    edited = raw[:second] + b"\n# keep me\n" + header + raw[second + len(b"\n[[measures]]") :]
    medium.write_bytes(edited)
    ident = store.parse_bytes(edited, "edited").measures[5].id  # (a block further on)
    result = dprk("note", ident, "seen again", "--date", "2026-04-01")
    assert result.code == 0, result.err
    assert "comment" not in result.err
    assert rendered == [ident]
    after = medium.read_bytes()
    assert b"\n# keep me\n" + header + b"\n" in after
    assert store.parse_bytes(after, "check").index()[ident].history[-1].note == "seen again"


def test_an_import_searches_the_kept_records_once_for_each_text(dprk, medium, tmp_path):
    """`import --replace` of an unchanged export searched the kept records for the same
    text once for every finding it checked (a rename of the verifier's party), and
    walked every id to plan each search: 115 s at 20,000 measures, growing with the
    square of the ledger. Each search of one text, and each plan, is made once."""
    from dprk_cli.store.snapshots import Snapshot

    from .spying import answered

    exported = dprk("export", "--format", "json")
    assert exported.code == 0, exported.err
    (tmp_path / "x.json").write_text(exported.out, encoding="utf-8")
    before = medium.read_bytes()
    with answered(Snapshot, "may_hold") as searches, answered(Snapshot, "stream") as streams:
        result = dprk("import", "--replace", "x.json")
    assert result.code == 0, result.err
    assert result.err.endswith(f" {SIZE} unchanged; nothing changed)\n"), result.err
    assert medium.read_bytes() == before
    assert 0 < len(searches) <= 10, len(searches)  # (was one a finding: 400 and more)
    assert len(streams) <= 10, len(streams)


def test_an_edit_of_an_actor_reads_no_title_when_none_may_read_as_its_own(dprk, medium):
    """An edit of a title or an actor warns of a measure it makes alike another, as
    `add-measure` does, asking the kept nodes first whether any title may read as the
    edited one's. The edited measure's own row always held its title, so an edit of an
    actor read every measure's title to find none: its own row is passed over."""
    from dprk_cli.rules import alike_key
    from dprk_cli.store.measures import StoreIndex

    from .spying import answered

    measures = store.load(medium).measures
    keys = [alike_key(m.title, "") for m in measures]
    m = next(m for m, key in zip(measures, keys, strict=True) if keys.count(key) == 1)
    twin = next(t for t in measures if t.actor != m.actor)
    with answered(StoreIndex, "titles") as read:
        handed = dprk("edit", m.id, "--actor", twin.actor)
    assert (handed.code, "warning" in handed.err) == (0, False), handed.err
    assert read == []
    with answered(StoreIndex, "titles") as read:
        titled = dprk("edit", m.id, "--title", twin.title.upper())
    assert titled.code == 0, titled.err
    assert f"dprk: warning: {m.id}: '{twin.id}' has the same title and actor" in titled.err
    assert read != []


def _carried_out_candidates(medium: Path) -> tuple[list[str], str]:
    """Pending measures with an order, in no circle of orders standing now, none waiting
    for them, and the day after the latest entry of the ledger."""
    from datetime import date, timedelta

    from dprk_cli.analysis.sequencing import deadlocked_among, waited_for
    from dprk_cli.model import MeasureIndex
    from dprk_cli.store.snapshots import nodes_of
    from dprk_cli.vocab import PENDING

    ledger = store.load(medium)
    stuck = deadlocked_among(nodes_of(ledger))
    latest = max(date.fromisoformat(m.dated_to()) for m in ledger.measures)
    index = MeasureIndex(ledger.index())
    ids = [
        m.id
        for m in ledger.measures
        if m.status in PENDING
        and m.constraints
        and m.id not in stuck
        and not waited_for(index, [m.id])  # (what a write asks first: nothing waits for it)
    ]
    assert len(ids) >= 3 and latest + timedelta(days=1) < date.today()
    return ids, (latest + timedelta(days=1)).isoformat()


def test_a_measure_carried_out_after_every_entry_reads_no_past_day(dprk, medium):
    """A measure carried out as of a day no entry of the ledger comes after (the usual
    `mark`) moved what a circle of orders reads of it on the days since; but those days
    read as the ledger stands, before the change and after it, so the write asks only
    whether it ended a deadlock standing now, and searches no past day: not after a
    read, nor right after another such write (which kept what the next one asks)."""
    from dprk_cli.analysis import sequencing

    from .spying import answered

    ids, day = _carried_out_candidates(medium)
    assert dprk("status", "--format", "ids").code == 0
    for ident in ids[:2]:
        with answered(sequencing, "deadlocks_made") as searched:
            result = dprk("mark", ident, "implemented", "--date", day)
        assert (result.code, "deadlock" in result.err) == (0, False), result.err
        assert result.err.startswith(f"{ident}: implemented on {day}\n"), result.err
        assert searched == []
        marked = store.load(medium).index()[ident]
        assert (marked.status.value, marked.history[-1].date.isoformat()) == ("implemented", day)


def test_a_measure_carried_out_reads_the_past_days_a_later_entry_or_a_hand_set_status_moves(
    dprk, medium
):
    """Where an entry of the ledger is dated after the day a measure is carried out as
    of, or a measure holds a status its history does not give (a past day replays the
    history, today reads the status), the days since may read otherwise than today: the
    write searches them for the deadlocks it moved."""
    from datetime import date, timedelta

    from dprk_cli.analysis import sequencing

    from .spying import answered

    ids, day = _carried_out_candidates(medium)
    earlier = (date.fromisoformat(day) - timedelta(days=3)).isoformat()
    assert dprk("status", "--format", "ids").code == 0
    with answered(sequencing, "deadlocks_made") as searched:
        result = dprk("mark", ids[0], "implemented", "--date", earlier)
    assert result.code == 0, result.err
    assert searched != []
    # a status set by hand, against the history: a read warns of it and counts it
    text = medium.read_text(encoding="utf-8")
    block = text.index(f'id = "{ids[2]}"')
    at = text.index('status = "', block)
    end = text.index('"', at + len('status = "'))
    medium.write_text(text[:at] + 'status = "implemented' + text[end:], encoding="utf-8")
    read = dprk("status", "--format", "ids")
    assert read.code == 0 and "a status its history does not give" in read.err, read.err
    with answered(sequencing, "deadlocks_made") as searched:
        result = dprk("mark", ids[1], "implemented", "--date", day)
    assert result.code == 0, result.err
    assert searched != []


def test_check_finds_toml_1_1_a_hand_edit_put_in_a_few_blocks(dprk, medium, monkeypatch):
    """What `check` keeps of a file with no TOML 1.1 is carried to the next content by
    dprk's own writes alone: a hand edit of a block, read from the blocks it changed
    (the rest of the cache kept), may put some in, and `check` finds it."""
    from dprk_cli.store import edited, syntax

    from .spying import answered

    looked: list[int] = []
    real = syntax.toml_1_1_places
    monkeypatch.setattr(syntax, "toml_1_1_places", lambda t: looked.append(1) or real(t))
    first = dprk("check")
    assert looked == [1] and "toml-1.0" not in first.out
    text = medium.read_text(encoding="utf-8")
    at = text.index("{ after = ")
    end = text.index(" }", at)
    medium.write_text(text[:end] + ", }" + text[end + 2 :], encoding="utf-8")
    with answered(edited, "read_edited") as read:
        found = dprk("check")
    assert read == [True]  # (the block it changed read, the rest of the cache kept)
    assert looked == [1, 1]
    assert "a comma after the last value of an inline table" in found.out, found.out


def _settled(dprk, medium: Path) -> None:
    """The ledger as a write leaves it and a read after settles it: the cache's index
    holds the status that tells its content (the copy made for the test has another)."""
    import time

    from dprk_cli.store import cache

    assert dprk("add-party", "UN").code == 0
    time.sleep(cache.SETTLE + 0.05)  # (a status taken at once could not tell a write)
    assert dprk("status", "--format", "ids").code == 0
    index = cache.read_index(medium)
    assert index is not None and index.status is not None


def test_a_write_on_a_warm_cache_hashes_only_the_file_it_writes(dprk, medium, monkeypatch):
    """A write read its file and hashed it to know which content the cache is of, though
    the file's status told (as every read trusts it): at 10,000 measures a twelfth of a
    warm `mark`. The file it writes is hashed (its new content's key); the one it read,
    whose status is the cache's, is not."""
    from dprk_cli.store import cache

    _settled(dprk, medium)
    before = medium.read_bytes()
    hashed: list[bytes] = []
    real = cache.content_key

    def spying(raw):
        hashed.append(raw if isinstance(raw, bytes) else b"".join(raw))
        return real(raw)

    monkeypatch.setattr(cache, "content_key", spying)
    monkeypatch.setattr(store.ledger, "content_key", spying)
    ident = store.load(medium).measures[0].id
    result = dprk("edit", ident, "--title", "Retitled on a warm cache")
    assert result.code == 0, result.err
    assert result.err.startswith(f"{ident}: edited on "), result.err
    after = medium.read_bytes()
    assert after != before and b'title = "Retitled on a warm cache"' in after
    assert hashed == [after]  # (the file read is not hashed again)
    assert store.parse_bytes(after, "check").index()[ident].title == "Retitled on a warm cache"
    assert dprk("check").code == 0


def test_a_write_hashes_a_file_whose_status_is_not_the_caches(dprk, medium, monkeypatch):
    """A file another program wrote since (its status is not the one the cache holds) is
    hashed, and the write made on it as it now is."""
    import os

    from dprk_cli.store import cache

    _settled(dprk, medium)
    edited = medium.read_bytes().replace(b"\n[[measures]]", b"\n# by hand\n[[measures]]", 1)
    medium.write_bytes(edited)
    os.utime(medium, ns=(0, 0))  # (times set back: the size, the change time tell)
    hashed: list[bytes] = []
    real = cache.content_key

    def spying(raw):
        hashed.append(raw if isinstance(raw, bytes) else b"".join(raw))
        return real(raw)

    monkeypatch.setattr(cache, "content_key", spying)
    ident = store.load(medium).measures[-1].id
    hashed.clear()
    result = dprk("edit", ident, "--title", "Retitled after a hand edit")
    assert result.code == 0, result.err
    after = medium.read_bytes()
    assert hashed[0] == edited
    assert b"\n# by hand\n" in after and b'title = "Retitled after a hand edit"' in after


def test_a_write_that_warns_of_an_order_broken_reads_no_other_measures_record(dprk, medium):
    """A measure marked acted against its order is warned of at once, with advice for an
    order entered by mistake read from the history of the measure holding it, if its
    record names an order's change. Which records do was found by searching every kept
    record, for the two or three measures a write judges: at 10,000 measures, the
    largest single cost of a warm `mark` after loading. Only the records of the
    measures judged are read; the warnings are the ones `check` gives, for an order
    given when its measure was added and for one a `sequence` set."""
    import json

    from dprk_cli.store.measures import StoreIndex
    from dprk_cli.vocab import ACTED

    from .spying import answered

    ids, day = _carried_out_candidates(medium)
    index = store.load(medium).index()
    waiting = [i for i in index if index[i].status not in ACTED and i not in ids]
    given, sequenced = (
        (
            i
            for i in ids
            if any(
                c.after is not None and index[c.after].status not in ACTED
                for c in index[i].constraints
            )
        ),
        ids[-1],
    )
    first = next(given)
    other = next(w for w in waiting if w != sequenced and w not in index[sequenced].constraints)
    ordered = dprk("sequence", sequenced, "--after", other, "--date", day)
    assert ordered.code == 0, ordered.err
    assert dprk("status", "--format", "ids").code == 0
    for ident, advice in ((first, "--remove"), (sequenced, "drop-entry")):
        with answered(StoreIndex, "_mentioning_now") as searched:
            result = dprk("mark", ident, "implemented", "--date", day)
        assert result.code == 0, result.err
        said, *warned = result.err.splitlines()
        assert said == f"{ident}: implemented on {day}"
        assert searched == []
        marked = store.load(medium).index()[ident]
        assert (marked.status.value, marked.history[-1].date.isoformat()) == ("implemented", day)
        checked = json.loads(dprk("check", "--format", "json").out)["problems"]
        found = [
            f"dprk: warning: {ident}: {p['message']}"
            for p in checked
            if p["check"] == "acted-out-of-order" and p["measure"] == ident
        ]
        assert warned and warned[: len(found)] == found, (warned, found)
        assert any(f"acted on {day} although '" in f and advice in f for f in found), found
