"""A file another program changed (a pull, a hand edit) is read by the blocks it changed
(`store.edited`): the cache then serves what a read of the whole file anew serves, and
whatever that way cannot read is read anew, or whole, as before."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.generate import build
from dprk_cli import store
from dprk_cli.errors import LedgerChanged
from dprk_cli.model import Constraint, Ledger
from dprk_cli.store import blocks, cache, edited, side_file, snapshots
from dprk_cli.store.codec import render_measure
from dprk_cli.store.fs import ledger_lock
from dprk_cli.vocab import Require

from .analysis.build import m
from .spying import answered
from .test_read_anew import vars_of

BASE = build(30, seed=5, cycles=1).ledger


def spying() -> contextlib.AbstractContextManager[list[bool]]:
    """Each time the cache meets a file of another content meanwhile: whether the changed
    blocks were read (True), or the file read anew (False)."""
    return answered(edited, "read_edited")


@pytest.fixture
def taken() -> Iterator[list[bool]]:
    with spying() as found:
        yield found


def served(path: Path) -> dict[str, Any]:
    """Everything a command can be served from the cache of `path` as it is now."""
    snapshot = snapshots.open_snapshot(path)
    found: dict[str, Any] = {name: list(snapshot.column(name)) for name in cache.COLUMNS}
    layout = snapshot.layout
    assert layout is not None
    raw = path.read_bytes()
    found["key"] = snapshot.key
    found["ids"] = snapshot.ids
    found["layout"] = (layout.header_end, layout.lengths)
    found["header"] = snapshot.index.header
    found["latest"] = snapshot.index.latest  # (a later day holds views at today)
    found["nodes"] = [vars_of(n) for n in snapshot.nodes().measures]
    found["problems"] = snapshot.problems()
    # the digests kept are those of the file's blocks
    kept = cache.read_digests(path, snapshot.key, len(snapshot.ids))
    assert kept == layout.digested(raw).digests
    return found


def fresh(path: Path) -> dict[str, Any]:
    """What a read of the file anew serves (its cache deleted first; the undo journal is
    not the cache)."""
    forget(path)
    return served(path)


def forget(path: Path) -> None:
    for kept in side_file(path, "x").parent.iterdir():
        if kept.name != side_file(path, "undo").name:
            kept.unlink()


def warm(path: Path, ledger: Ledger) -> None:
    store.create(path, ledger, force=True)
    served(path)


def pieces(raw: bytes) -> tuple[bytes, list[bytes]]:
    starts = blocks.cut(raw)
    assert starts is not None
    ends = [*starts[1:], len(raw)]
    return raw[: starts[0]], [raw[s:e] for s, e in zip(starts, ends, strict=True)]


# --- every kind of hand edit, in any number and order ------------------------------------

EDITS = ["title", "comment", "remove", "swap", "add", "part", "after", "header", "party"]
EDITS += ["status", "future"]
STATUSES = ["proposed", "agreed", "implemented", "verified", "reversed"]
edit = st.tuples(st.sampled_from(EDITS), st.integers(0, 99), st.integers(0, 99))


def apply(raw: bytes, edits: list[tuple[str, int, int]]) -> bytes:
    """`raw` with `edits` made to it as a person (or a merge) makes them: every block
    they do not touch left byte for byte."""
    head, body = pieces(raw)
    ids = [b.split(b'"', 2)[1].decode() for b in body]
    for n, (kind, i, j) in enumerate(edits):
        if not body:
            break
        i, j = i % len(body), j % len(body)
        if kind == "title":
            body[i] = body[i].replace(b'\ntitle = "', b'\ntitle = "Edited: ', 1)
        elif kind == "comment":
            body[i] += b"# checked against the source by hand\n"
        elif kind == "remove":
            del body[i], ids[i]
        elif kind == "swap":
            body[i], body[j] = body[j], body[i]
            ids[i], ids[j] = ids[j], ids[i]
        elif kind == "add":
            ident = f"added-{n}"
            new = m(ident, "US", "agreed", after=[ids[j]])
            body.insert(i, render_measure(new).encode())
            ids.insert(i, ident)
        elif kind in ("part", "after"):  # (a block written anew: maybe a cycle, an error)
            measure = store.parse_bytes(head + body[i], "edit").measures[0]
            if kind == "part":
                changed = measure.model_copy(update={"part_of": ids[j]})
            else:
                ghost = Constraint(after=f"ghost-{j}", require=Require.acted)
                later = [*measure.constraints, Constraint(after=ids[j]), ghost]
                changed = measure.model_copy(update={"constraints": later})
            body[i] = render_measure(changed).encode()
        elif kind == "status":  # (a status set by hand, against the history)
            at = body[i].index(b'\nstatus = "') + len(b'\nstatus = "')
            end = body[i].index(b'"', at)
            body[i] = body[i][:at] + STATUSES[j % len(STATUSES)].encode() + body[i][end:]
        elif kind == "future":  # (a wrong year: the block's last entry 1200 years on)
            at = body[i].rindex(b"\ndate = ") + len(b"\ndate = ")
            year = int(body[i][at : at + 4]) + 1200  # (a leap day stays one)
            body[i] = body[i][:at] + b"%d" % year + body[i][at + 4 :]
        elif kind == "header":
            head = head.replace(b'\ntitle = "', b'\ntitle = "Edited: ', 1)
        elif kind == "party":
            head = head.replace(b"parties = [", b'parties = [ "Mongolia",', 1)
    return head + b"".join(body)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(edit, min_size=1, max_size=6))
def test_a_file_changed_by_hand_is_served_as_a_read_anew_serves_it(edits):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dprk-ledger.toml"
        warm(path, BASE)
        raw = path.read_bytes()
        path.write_bytes(apply(raw, edits))
        with spying() as calls:
            first = served(path)
        # (its changed blocks read, not the whole file; an edit that undoes itself: none)
        assert calls == ([] if path.read_bytes() == raw else [True])
        again = served(path)  # (as the next command finds the cache)
        assert again == first
        assert fresh(path) == first


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(edit, min_size=1, max_size=4), st.lists(edit, min_size=1, max_size=4))
def test_a_file_edited_again_from_where_it_was_is_served_as_a_read_anew_serves_it(first, then):
    """One hand edit read, then the file put back and edited otherwise (its blocks edited
    back, a status set by hand, a wrong year put right): what the cache serves then is of
    the file as it is, nothing kept of the content read in between."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dprk-ledger.toml"
        warm(path, BASE)
        raw = path.read_bytes()
        path.write_bytes(apply(raw, first))
        served(path)
        path.write_bytes(apply(raw, then))
        got = served(path)
        assert fresh(path) == got


def without(raw: bytes, *idents: str) -> bytes:
    """`raw` with the blocks of the measures `idents` cut out by hand."""
    head, body = pieces(raw)
    return head + b"".join(b for b in body if b.split(b'"', 2)[1].decode() not in idents)


def test_a_measure_removed_read_then_another_removed_too_says_the_ids_near_as_a_read_anew():
    """A measure removed by hand (the links to it now name no measure, and say which ids
    are near), read; then the file put back and that measure and one of the ids near
    removed: the links' ids near were those of the content read in between (the other
    measure's still offered), for the measures that hold them are not its neighbours."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dprk-ledger.toml"
        warm(path, BASE)
        raw = path.read_bytes()
        path.write_bytes(without(raw, "detainees-2002-1"))
        between = served(path)
        at = between["ids"].index("pipeline-study-2014-1")
        assert "did you mean remains-2006-1, remains-2000-1," in between["problems"][at][0].message
        path.write_bytes(without(raw, "detainees-2002-1", "remains-2000-1"))
        got = served(path)
        at = got["ids"].index("pipeline-study-2014-1")
        assert "remains-2000-1" not in got["problems"][at][0].message
        assert fresh(path) == got


def test_only_the_changed_blocks_are_parsed(tmp_path, monkeypatch, taken):
    path = tmp_path / "dprk-ledger.toml"
    warm(path, BASE)
    path.write_bytes(apply(path.read_bytes(), [("title", 3, 0), ("add", 7, 2), ("remove", 9, 0)]))
    parsed: list[int] = []
    real = blocks.parse_block

    def counting(raw: bytes, start: int, end: int, loads: Any) -> dict[str, Any]:
        parsed.append(start)
        return real(raw, start, end, loads)

    monkeypatch.setattr(blocks, "parse_block", counting)
    first = served(path)
    assert taken == [True]
    assert len(parsed) == 2  # (the retitled measure and the added one; the removed: none)
    monkeypatch.undo()
    assert first == fresh(path)


def test_many_changes_read_the_file_anew(tmp_path, taken):
    path = tmp_path / "dprk-ledger.toml"
    ledger = build(300, seed=5).ledger
    warm(path, ledger)
    assert edited.most(300) == 75
    path.write_bytes(apply(path.read_bytes(), [("title", i * 3, 0) for i in range(76)]))
    first = served(path)
    assert taken == [False]  # (76 of 300 changed: read anew)
    assert first == fresh(path)


@pytest.mark.parametrize(
    "damage",
    ["digests gone", "digests of another content", "layout gone", "a column damaged"],
)
def test_a_cache_that_cannot_say_what_changed_reads_the_file_anew(tmp_path, taken, damage):
    path = tmp_path / "dprk-ledger.toml"
    warm(path, BASE)
    if damage == "digests gone":
        side_file(path, "digests").unlink()
    elif damage == "digests of another content":
        digests = side_file(path, "digests")
        meta, body = digests.read_bytes().split(b"\n", 1)
        digests.write_bytes(meta.replace(b'"key": "', b'"key": "1', 1) + b"\n" + body)
    elif damage == "layout gone":
        side_file(path, "layout").unlink()
    else:
        column = side_file(path, "models")
        column.write_bytes(column.read_bytes().replace(b'"id"', b'"ID"'))
    path.write_bytes(apply(path.read_bytes(), [("title", 3, 0)]))
    first = served(path)
    assert taken == [False]
    assert first == fresh(path)


# --- through the command line --------------------------------------------------------------


def _edit_block(path: Path, ident: str, old: bytes, new: bytes) -> None:
    head, body = pieces(path.read_bytes())
    for i, block in enumerate(body):
        if block.startswith(b'\n[[measures]]\nid = "%s"\n' % ident.encode()):
            assert old in block
            body[i] = block.replace(old, new, 1)
    path.write_bytes(head + b"".join(body))


def test_status_after_a_hand_edit_is_what_a_fresh_read_gives(korea, dprk, taken):
    original = korea.read_bytes()
    for args in (["status", "--format", "json"], ["check"], ["plan", "--format", "json"]):
        korea.write_bytes(original)
        assert dprk("status", "--format", "json").code == 0  # (the cache of the original)
        _edit_block(korea, "punggye-ri-closure", b'\ntitle = "', b'\ntitle = "By hand: ')
        raw = korea.read_bytes()
        got = dprk(*args)
        assert taken[-1] is True  # (the command read the changed block)
        forget(korea)
        want = dprk(*args)
        assert (got.code, got.out, got.err) == (want.code, want.out, want.err)
        assert korea.read_bytes() == raw  # (a read writes nothing to the ledger)
    assert "By hand: " in dprk("show", "punggye-ri-closure").out


VIEWS = [
    ["status", "--format", "csv"],
    ["status", "--format", "json"],
    ["status"],
    ["show", "road", "--format", "json"],
    ["balance"],
    ["plan", "--format", "json"],
    ["next"],
    ["check"],
]


BY_HAND = {  # (the measure, and the text its block has in place of another)
    "year": ("road", b"\ndate = 2002-04-08\n", b"\ndate = 2027-04-08\n"),
    "status": ("road", b'\nstatus = "reversed"\n', b'\nstatus = "implemented"\n'),
    "rail's status": ("rail", b'\nstatus = "reversed"\n', b'\nstatus = "implemented"\n'),
}


@pytest.mark.parametrize(
    ("first", "then"), [("year", "status"), ("status", "year"), ("year", "rail's status")]
)
def test_a_hand_edit_read_then_another_from_the_same_file_reads_as_a_fresh_read(
    dprk, tmp_path, taken, first, then
):
    """A wrong year (an entry in the future) read, then the file put back and a status
    set by hand, or the other way round: the cache kept the future day for the content
    after it, so every view stood at today as --as-of does (road verified, by its
    history) where a fresh read gives the status the file holds (implemented)."""
    dprk("init", "--party", "A", "--party", "B")
    for ident, day in (("rail", "09"), ("road", "08")):
        dprk("add-measure", ident, "--actor", "A", "--id", ident, "--status", "agreed",
             "--date", "2002-02-22")  # fmt: skip
        dprk("mark", ident, "implemented", "--date", f"2002-04-{day}")
        dprk("verify", ident, "--by", "SLMM", "--date", "2002-04-20")
        assert dprk("mark", ident, "reversed", "--date", f"2006-08-{day}").code == 0
    path = tmp_path / "dprk-ledger.toml"
    good = path.read_bytes()
    _edit_block(path, *BY_HAND[first])
    assert dprk("status", "--format", "ids").code == 0
    path.write_bytes(good)
    _edit_block(path, *BY_HAND[then])
    edited = path.read_bytes()
    got = [dprk(*args) for args in VIEWS]
    assert taken[-1] is True  # (the changed blocks were read)
    for args, was in zip(VIEWS, got, strict=True):
        forget(path)
        want = dprk(*args)
        assert (was.code, was.out, was.err) == (want.code, want.out, want.err), args
    assert path.read_bytes() == edited  # (a read writes nothing to the ledger)
    if then != "year":  # (a day after today held back, every view stands at today)
        ident = BY_HAND[then][0]
        row = next(r for r in got[0].out.splitlines() if r.startswith(f"{ident},"))
        assert row.split(",")[4] == "implemented"


def test_a_removal_read_then_a_measure_pasted_near_it_is_checked_as_a_fresh_read(
    korea, dprk, taken
):
    """A measure removed by hand, read; the file put back, the measure removed again and
    a block pasted for a new one whose id is near the removed one's: `check` named no id
    near for the links left to the removed measure, as the content read in between had
    none, where a fresh read offers the pasted one."""
    original = korea.read_bytes()
    korea.write_bytes(without(original, "end-of-war-declaration"))
    assert dprk("check").code == 1
    pasted = b'\n[[measures]]\nid = "end-of-war-talks"\ntitle = "Talks"\nactor = "US"\n'
    korea.write_bytes(without(original, "end-of-war-declaration") + pasted)
    edited_raw = korea.read_bytes()
    views = [["check"], ["status", "--format", "json"]]
    got = [dprk(*args) for args in views]
    assert taken[-1] is True  # (the changed blocks were read)
    assert got[0].code == 1
    assert "(did you mean end-of-war-talks?)" in got[0].out
    for args, was in zip(views, got, strict=True):
        forget(korea)
        want = dprk(*args)
        assert (was.code, was.out, was.err) == (want.code, want.out, want.err), args
    assert korea.read_bytes() == edited_raw  # (a read writes nothing to the ledger)


@pytest.mark.parametrize("then", ["put back", "given a new id"])
def test_a_measure_pasted_by_hand_then_mended_is_counted_as_a_fresh_read_counts_it(
    korea, dprk, then
):
    """A block pasted as a template for a new measure (its id held twice), read, then
    mended: the counts kept for the content with the id held twice were brought up to
    the mended one by that id, and the pasted measure stayed counted for good (US: 6
    measures, 5 pending, against 5 and 4; after any later write too)."""
    original = korea.read_bytes()
    pasted = b'\n[[measures]]\nid = "second-summit"\ntitle = "Copy"\nactor = "US"\n'
    korea.write_bytes(original + pasted)
    assert dprk("status").code == 0
    korea.write_bytes(
        original if then == "put back" else original + pasted.replace(b"second", b"third")
    )
    for args in (["status", "--format", "json"], ["mark", "second-summit", "agreed",
                 "--date", "2018-09-20"], ["status", "--format", "json"]):  # fmt: skip
        got = dprk(*args)
        assert got.code == 0, got.err
    raw = korea.read_bytes()
    forget(korea)
    want = dprk("status", "--format", "json")
    assert got.out == want.out
    assert korea.read_bytes() == raw


def test_a_hand_edit_that_breaks_the_rules_is_reported_as_a_fresh_read_reports_it(
    korea, dprk, taken
):
    assert dprk("check").code == 0
    _edit_block(korea, "inventory-submission", b'after = "end-of-war', b'after = "nowhere')
    got = dprk("check")
    assert taken == [True]
    assert got.code == 1 and "nowhere" in got.out
    forget(korea)
    assert dprk("check").out == got.out


def test_a_hand_edit_that_does_not_parse_is_named_and_nothing_is_written(korea, dprk, taken):
    assert dprk("status").code == 0
    _edit_block(korea, "punggye-ri-closure", b'\ntitle = "', b'\ntitle = = "')
    raw = korea.read_bytes()
    got = dprk("status")
    assert taken == [False]
    assert got.code != 0 and got.out == ""
    assert got.err.startswith("dprk: error: ") and got.err.count("\n") == 1
    assert "TOML syntax error" in got.err
    forget(korea)
    assert dprk("status").err == got.err
    written = dprk("mark", "punggye-ri-closure", "implemented", "--date", "2018-10-01")
    assert written.code != 0 and written.err == got.err
    assert korea.read_bytes() == raw


def test_a_write_after_a_hand_edit_keeps_the_edit_and_undo_takes_back_only_the_write(
    korea, dprk, taken
):
    assert dprk("status").code == 0
    _edit_block(korea, "punggye-ri-closure", b'\ntitle = "', b'\ntitle = "By hand: ')
    edited_raw = korea.read_bytes()
    got = dprk("mark", "inventory-submission", "agreed", "--date", "2018-10-01")
    assert got.code == 0, got.err
    assert taken == [True]
    raw = korea.read_bytes()
    assert b"By hand: " in raw and raw != edited_raw
    assert served(korea) == fresh(korea)
    assert dprk("undo").code == 0
    assert korea.read_bytes() == edited_raw  # (the hand edit stays)
    assert served(korea) == fresh(korea)


def test_what_dprk_writes_keeps_the_digests_of_its_blocks(korea, dprk):
    writes = [
        ["add-measure", "A new measure", "--actor", "US", "--id", "new-one"],
        ["mark", "new-one", "agreed", "--date", "2018-10-01"],
        ["remove", "new-one"],
        ["undo"],
    ]
    for args in writes:
        assert dprk(*args).code == 0
        found = served(korea)  # (the digests kept are the file's, checked there)
    assert found["ids"].count("new-one") == 1


# --- two readers of two contents, each from the same cache ---------------------------------


def test_two_readers_of_two_edits_from_one_cache_each_serve_their_own(tmp_path):
    """Readers take no lock to read: two commands may meet two contents of the file
    (edited twice meanwhile) with the cache of the one before. The first brings the
    cache up, under the lock; the second, finding the cache no longer of the content
    it started from, reads its file anew. Every content is then served as read anew."""
    path = tmp_path / "dprk-ledger.toml"
    warm(path, BASE)
    raw = path.read_bytes()
    one = apply(raw, [("title", 3, 0), ("remove", 8, 0)])
    other = apply(raw, [("title", 5, 0), ("add", 2, 4), ("part", 6, 1)])
    at_first = cache.read_index(path)
    assert at_first is not None
    digests = side_file(path, "digests").read_bytes()
    gave = []
    for content in (one, other):  # (each read as it was found, from the first cache)
        path.write_bytes(content)
        _, as_read = cache.AsRead.read(path)
        side_file(path, "digests").write_bytes(digests)  # (as both found it)
        held = cache.Held(path, content, as_read.key)
        gave.append(edited.read_edited(path, at_first, held, as_read) is not None)
    assert gave == [True, False]
    for content in (other, one, other):
        path.write_bytes(content)
        assert served(path) == fresh(path)


def test_a_read_leaves_the_cache_to_a_write_that_holds_the_lock(tmp_path, taken):
    path = tmp_path / "dprk-ledger.toml"
    warm(path, BASE)
    path.write_bytes(apply(path.read_bytes(), [("title", 3, 0)]))
    with ledger_lock(path, 0):
        first = served(path)
    assert taken == [False]  # (read anew, as before)
    assert first == fresh(path)


def test_the_way_through_the_log_is_found_backwards():
    def change(start: str, end: str, **lines: bytes | None) -> cache.Change:
        return cache.Change(start, end, {"records": dict(lines)})

    branched = [change("A", "C", x=b"c"), change("A", "B", y=b"b"), change("C", "D", z=b"d")]
    assert cache.changed_lines("A", "records", branched, "B") == {"y": b"b"}
    assert cache.changed_lines("A", "records", branched, "D") == {"x": b"c", "z": b"d"}
    assert cache.changed_lines("B", "records", branched, "D") is None
    back = [change("A", "B", x=b"b"), change("B", "A", x=b"a"), change("A", "C", y=None)]
    assert cache.changed_lines("A", "records", back, "C") == {"y": None}
    assert cache.changed_lines("B", "records", back, "C") == {"x": b"a", "y": None}
    assert cache.changed_lines("A", "records", back, "A") == {}


def test_bytes_let_go_are_read_again_only_as_they_were(tmp_path):
    path = tmp_path / "dprk-ledger.toml"
    warm(path, BASE)
    raw, as_read = cache.AsRead.read(path)
    held = cache.Held(path, raw, as_read.key)
    held.drop()
    assert held.bytes() == raw  # (read again)
    held.drop()
    path.write_bytes(apply(raw, [("title", 1, 0)]))
    with pytest.raises(LedgerChanged):  # (a read runs again, on the file as it now is)
        held.bytes()
