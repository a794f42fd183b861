"""The cache of the parsed ledger: served only when current and intact, and then equal
to what validating the TOML gives.

The TOML file is the one source of truth. A cache made from other bytes (an
edit of the same size, too), by other code, or damaged in any way is never
served: what it held is made again, from the other columns when they are
intact, else by parsing and validating the file.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pydantic import BaseModel

from benchmarks.generate import build
from dprk_cli import store
from dprk_cli.facts import nodes_of
from dprk_cli.model import (
    Conflict,
    Constraint,
    HistoryEntry,
    Ledger,
    Measure,
    Verification,
)
from dprk_cli.shapes import record_json
from dprk_cli.store import cache, snapshots
from dprk_cli.vocab import Extent, Require, Result, Status
from tests.conftest import EXAMPLE, ROOT


def every_field() -> Ledger:
    """A small ledger with every field of every model set, and awkward text."""
    when = datetime(2018, 9, 19, 8, 30, tzinfo=UTC)
    full = Measure(
        id="a.b_c-1",
        title="Ünïcode — “quotes”, [bold]markup[/] and \\ backslash",
        actor="DPRK",
        category="denuclearization",
        status=Status.disputed,
        extent=Extent.intermediate,
        part_of="other",
        expected_parts=3,
        conflicts=[Conflict(field="title", ours="x", theirs=None)],
        in_exchange_for=["other"],
        deadline=date(2019, 1, 1),
        sources=["one", "two"],
        notes="line one\nline two\twith a tab",
        constraints=[
            Constraint(
                after="other", require=Require.verified, demanded_by="US", verified_by="IAEA"
            ),
            Constraint(with_="third"),
        ],
        verifications=[
            Verification(
                by="IAEA",
                result=Result.refuted,
                date=date(2018, 10, 1),
                method="inspection",
                evidence=["GOV/2018/1", "GOV/2018/2"],
                note="a note",
            )
        ],
        history=[
            HistoryEntry(
                date=date(2018, 9, 1),
                event="created",
                status=Status.agreed,
                undated=True,
                recorded=when,
            ),
            HistoryEntry(
                date=date(2018, 9, 2),
                event="status",
                status=Status.implemented,
                extent=Extent.intermediate,
                detail="agreed -> implemented",
                note="n",
                recorded=when,
            ),
            HistoryEntry(date=date(2018, 9, 3), event="exchange", recorded=when),
            HistoryEntry(
                date=date(2018, 9, 4),
                event="edit",
                detail="notes: 'a' -> 'b'",
                notes_before="a\nlonger",
                notes_after="b\nlonger",
                recorded=when,
            ),
            HistoryEntry(
                date=date(2018, 9, 5),
                event="edit",
                detail="party North Korea renamed DPRK",
                recorded=when,
                merge=True,
            ),
            HistoryEntry(
                date=date(2018, 9, 6),
                event="status",
                status=Status.reversed,
                detail="reversed",
                recorded=when,
                by="US",
            ),
        ],
    )
    bare = Measure(id="other", title="Other", actor="US")
    third = Measure(
        id="third", title="Third", actor="US", constraints=[Constraint(with_="a.b_c-1")]
    )
    return Ledger(
        title="Every field",
        parties=["DPRK", "US"],
        conflicts=[Conflict(field="party", ours="DPRK", theirs="US")],
        ended=date(2019, 2, 28),
        ended_note="Hanoi: no deal",
        measures=[full, bare, third],
    )


def ledgers() -> dict[str, Ledger]:
    return {
        "korea example": store.parse_bytes(EXAMPLE.read_bytes(), "example"),
        "seed": store.parse_bytes((ROOT / "seeds" / "korea-2018-09.toml").read_bytes(), "seed"),
        "generated": build(300, seed=7, cycles=2).ledger,
        "every field": every_field(),
        "empty": Ledger(),
    }


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """Each time the store parses the TOML of a ledger it reads (that is, the cache could
    not tell what the file holds), the label: read whole, read anew a measure at a time,
    or read by its changed blocks."""
    from dprk_cli.store import anew, edited

    calls: list[str] = []
    real, real_anew, real_edited = snapshots.read_bytes, anew.read_anew, edited.read_edited

    def counting(raw: bytes, label: str):
        calls.append(label)
        return real(raw, label)

    def counting_anew(path, held, status):  # (a measure at a time: see `anew`)
        found = real_anew(path, held, status)
        if found is not None:
            calls.append(str(path))
        return found

    def counting_edited(path, earlier, held, as_read, **options):  # (see `edited`)
        found = real_edited(path, earlier, held, as_read, **options)
        if found is not None:
            calls.append(str(path))
        return found

    monkeypatch.setattr(snapshots, "read_bytes", counting)
    monkeypatch.setattr(anew, "read_anew", counting_anew)
    monkeypatch.setattr(edited, "read_edited", counting_edited)
    return calls


def make(tmp_path: Path, ledger: Ledger, parses: list[str] | None = None) -> Path:
    """The ledger written, and every column of its cache made (the commands that need a
    column make it; a new file gets the models and nodes only)."""
    path = tmp_path / "dprk-ledger.toml"
    store.create(path, ledger, force=True)
    snapshot = store.snapshot(path)
    for name in cache.COLUMNS:
        snapshot.column(name)
    if parses is not None:
        parses.clear()
    return path


def side(path: Path, name: str = "cache") -> Path:
    return store.side_file(path, name)


@pytest.mark.parametrize("name", list(ledgers()))
def test_served_cache_equals_validating_the_file(tmp_path, parses, name):
    path = make(tmp_path, ledgers()[name], parses)
    raw = path.read_bytes()
    served = store.load(path)
    assert parses == []  # served from the cache `create` wrote
    validated = store.parse_bytes(raw, "direct")
    assert served == validated
    assert served.model_dump() == validated.model_dump()
    assert store.render_ledger(served).encode() == raw
    assert store.load_nodes(path).measures == nodes_of(validated).measures
    records = store.snapshot(path).records()
    nodes = nodes_of(validated).measures
    assert records == [record_json(m, n) for m, n in zip(validated.measures, nodes, strict=True)]


def test_a_cache_is_written_by_the_first_read_and_served_to_the_next(tmp_path, parses):
    path = tmp_path / "dprk-ledger.toml"
    path.write_bytes(EXAMPLE.read_bytes())
    first = store.load(path)
    assert len(parses) == 1
    assert all(side(path, name).exists() for name in ("cache", "layout", *cache.COLUMNS))
    assert store.load(path) == first
    assert len(parses) == 1


def test_an_edit_of_the_same_size_is_never_served_stale(tmp_path, parses):
    path = make(tmp_path, ledgers()["korea example"], parses)
    raw = path.read_bytes()
    edited = raw.replace(b'title = "US', b'title = "UK', 1)
    assert len(edited) == len(raw) and edited != raw
    path.write_bytes(edited)
    assert store.load(path).title.startswith("UK")
    assert len(parses) == 1
    assert store.load(path).title.startswith("UK")  # and the rebuilt cache is served
    assert len(parses) == 1


def test_an_edit_within_the_same_clock_tick_is_never_served_stale(tmp_path, parses):
    """A file written again at once, keeping its size, inode and times, is told apart by
    its content: its status is trusted only once it has settled."""
    import os

    path = make(tmp_path, ledgers()["korea example"], parses)
    raw = path.read_bytes()
    info = path.stat()
    store.load(path)  # just written: not settled, so the file is hashed
    edited = raw.replace(b'title = "US', b'title = "UK', 1)
    with open(path, "r+b") as handle:  # the same inode, the same size...
        handle.write(edited)
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))  # ...and the same time
    assert store.load(path).title.startswith("UK")
    assert len(parses) == 1


def test_a_settled_file_is_told_by_its_status_without_reading_it(tmp_path, parses, monkeypatch):
    path = make(tmp_path, ledgers()["korea example"], parses)
    store.load(path)
    monkeypatch.setattr(cache, "now_ns", lambda: 10**19)  # long after the write: settled
    store.load(path)  # hashes once more, and records the file's status
    assert cache.read_index(path).status is not None
    reads: list[Path] = []
    real = snapshots.read_file_and_stat
    monkeypatch.setattr(
        snapshots, "read_file_and_stat", lambda p, **k: reads.append(p) or real(p, **k)
    )
    assert store.load_nodes(path).title == store.parse_bytes(path.read_bytes(), "x").title
    assert reads == [] and parses == []


def _settled(path: Path, monkeypatch) -> None:
    """The cache of the file at `path` records its status, long after the write."""
    monkeypatch.setattr(cache, "now_ns", lambda: 10**19)
    store.load(path)
    assert cache.read_index(path).status is not None


def test_a_settled_files_bytes_read_for_a_look_are_told_by_its_status(tmp_path, dprk, monkeypatch):
    """`check` reads the file's bytes to look for TOML 1.1 (none kept for this content):
    the status they were read with, and the file's after, tell they are the content the
    cache is of, as it tells a read served from the cache; they are not hashed again."""
    path = make(tmp_path, ledgers()["korea example"])
    _settled(path, monkeypatch)
    before = path.read_bytes()
    hashed: list[int] = []
    real = snapshots.content_key
    monkeypatch.setattr(snapshots, "content_key", lambda raw: hashed.append(1) or real(raw))
    result = dprk("check", "--format", "json")
    assert (result.code, result.err) == (0, "")
    assert json.loads(result.out)["errors"] == 0
    assert hashed == []
    kept = cache.read_kept(path, snapshots.TOML_1_1, cache.read_index(path).key)
    assert kept is not None and list(kept) == []  # (looked for, and none found)
    assert path.read_bytes() == before


def test_a_file_changed_in_place_under_a_read_is_told_by_its_bytes(tmp_path, monkeypatch):
    """The same size, inode and times as the cache recorded (but its status's change
    time, which no program sets): its bytes are hashed, and the read is of another
    content."""
    import os

    from dprk_cli.errors import LedgerChanged

    path = make(tmp_path, ledgers()["korea example"])
    _settled(path, monkeypatch)
    snapshot = store.snapshot(path)
    raw, info = path.read_bytes(), path.stat()
    edited = raw.replace(b'title = "US', b'title = "UK', 1)
    assert len(edited) == len(raw) and edited != raw
    with open(path, "r+b") as handle:
        handle.write(edited)
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    with pytest.raises(LedgerChanged):
        snapshot.raw(keep=False)


def change_body(blob: bytes, edit) -> bytes:
    """A side file with its body (after the first line) edited, its checksum left as it was."""
    head, body = blob.split(b"\n", 1)
    return head + b"\n" + edit(body)


def forge(blob: bytes, edit) -> bytes:
    """A side file with its body edited and its checksum made to match (not damage:
    forgery, which is caught where the data does not fit what this code writes)."""

    head, body = blob.split(b"\n", 1)
    body = edit(body)
    meta = json.loads(head)
    meta["crc"] = cache.checksum(meta, body)
    return json.dumps(meta).encode() + b"\n" + body


DAMAGE = {
    "truncated": lambda blob: blob[: len(blob) // 2],
    "truncated to the metadata": lambda blob: blob.split(b"\n", 1)[0],
    "empty": lambda blob: b"",
    "not json": lambda blob: b"\x00\xff garbage \n\n\n",
    "one byte of the body altered": lambda blob: change_body(
        blob, lambda body: body[:-3] + bytes([body[-3] ^ 1]) + body[-2:]
    ),
    "a line left out": lambda blob: blob.rsplit(b"\n", 1)[0],
    "key of another ledger": lambda blob: blob.replace(b'"key": "', b'"key": "1', 1),
}
INDEX_DAMAGE = {
    "made by other code": lambda blob: blob.replace(b'"code": "', b'"code": "0', 1),
    "another format": lambda blob: blob.replace(b"dprk-cache-", b"dprk-cache-0", 1),
}
FORGERY = {
    "models": {
        "wrong types": lambda body: body.replace(b'"date":"', b'"date":5,"x":"', 1),
        "a required field missing": lambda body: body.replace(b'"actor":', b'"actr":', 1),
        "not json": lambda body: body.replace(b"}", b"", 1),
    },
    "nodes": {
        "wrong types": lambda body: body.replace(b'"US"', b"5", 1),
        "a value missing": lambda body: body.replace(b",", b"", 1),
        "not json": lambda body: body.replace(b"]", b"", 1),
    },
    "cache": {
        "wrong types": lambda body: body.replace(b'"title": "', b'"title": 5, "x": "', 1),
        "not json": lambda body: body.replace(b"]", b"", 1),
    },
    "layout": {
        "wrong types": lambda body: body.replace(b'"', b"", 2),
        "not json": lambda body: body.replace(b"]", b"", 1),
    },
}
CASES = [(name, kind) for name in ("cache", "layout", *cache.COLUMNS) for kind in DAMAGE]
CASES += [("cache", kind) for kind in INDEX_DAMAGE]
CASES += [(name, f"forged: {kind}") for name, kinds in FORGERY.items() for kind in kinds]


def damaged(name: str, kind: str, blob: bytes) -> bytes:
    if kind.startswith("forged: "):
        return forge(blob, FORGERY[name][kind.removeprefix("forged: ")])
    return {**DAMAGE, **INDEX_DAMAGE}[kind](blob)


@pytest.mark.parametrize(("name", "kind"), CASES, ids=[f"{n}: {k}" for n, k in CASES])
def test_a_damaged_cache_is_never_served(tmp_path, parses, name, kind):
    path = make(tmp_path, ledgers()["korea example"])
    expected = store.parse_bytes(path.read_bytes(), "direct")
    parses.clear()
    blob = side(path, name).read_bytes()
    side(path, name).write_bytes(damaged(name, kind, blob))
    snapshot = store.snapshot(path)
    assert snapshot.ledger() == expected
    assert snapshot.nodes().measures == nodes_of(expected).measures
    nodes = nodes_of(expected).measures
    assert snapshot.records() == [
        record_json(m, n) for m, n in zip(expected.measures, nodes, strict=True)
    ]
    # only the file can tell what the index, the layout or the models held
    assert len(parses) == (1 if name in ("cache", "layout", "models") else 0)
    again = store.snapshot(path)  # made again, and served
    assert (again.ledger(), again.nodes().measures) == (expected, nodes_of(expected).measures)
    assert again.ids == [m.id for m in expected.measures]
    assert len(parses) == (1 if name in ("cache", "layout", "models") else 0)


@pytest.mark.parametrize("name", ["cache", "layout", *cache.COLUMNS])
def test_a_write_on_a_damaged_cache_writes_what_the_file_and_the_change_say(tmp_path, dprk, name):
    path = make(tmp_path, ledgers()["korea example"])
    side(path, name).write_bytes(
        DAMAGE["one byte of the body altered"](side(path, name).read_bytes())
    )
    result = dprk("mark", "inventory-submission", "agreed", "--date", "2018-09-20")
    assert result.code == 0, result.err
    raw = path.read_bytes()
    back = store.parse_bytes(raw, "x")
    assert store.render_ledger(back).encode() == raw
    assert back.index()["inventory-submission"].status == "agreed"
    assert store.load(path) == back
    assert store.load_nodes(path).measures == nodes_of(back).measures


@pytest.mark.parametrize("how", ["damaged", "forged"])
def test_a_wrong_layout_is_not_used_for_a_write(tmp_path, dprk, how):
    path = make(tmp_path, ledgers()["korea example"])
    blob = side(path, "layout").read_bytes()
    ids, layout = json.loads(blob.split(b"\n", 1)[1])
    layout[1][0] += 7  # a block said to be longer than it is
    body = json.dumps([ids, layout], ensure_ascii=False).encode()
    change = forge if how == "forged" else change_body  # the checksum made to match, or not
    side(path, "layout").write_bytes(change(blob, lambda _: body))
    result = dprk("mark", "inventory-submission", "agreed", "--date", "2018-09-20")
    assert result.code == 0, result.err
    raw = path.read_bytes()
    back = store.parse_bytes(raw, "x")
    assert store.render_ledger(back).encode() == raw
    assert back.index()["inventory-submission"].status == "agreed"


def test_served_models_share_nothing_mutable_between_measures(tmp_path):
    path = make(tmp_path, build(50, seed=3).ledger)
    ledger = store.load(path)
    lists = [id(m.sources) for m in ledger.measures] + [id(m.conflicts) for m in ledger.measures]
    assert len(set(lists)) == len(lists)  # defaults are fresh lists, not one shared list


def test_the_cache_follows_every_model_field(tmp_path):
    """A field added to a model must reach the cache's rebuilt models; `every_field`
    sets them all, so a field it misses is a test to update, not data lost silently."""
    for model in (Ledger, Measure, Constraint, Verification, HistoryEntry, Conflict):
        for name in model.model_fields:
            if (model, name) == (Ledger, "schema_"):
                continue  # one value only
            assert _is_set_somewhere(every_field(), model, name), f"{model.__name__}.{name}"
    path = make(tmp_path, every_field())
    assert store.load(path) == every_field()


def _is_set_somewhere(ledger: Ledger, model: type, name: str) -> bool:
    found = []

    def walk(value: object) -> None:
        if isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, BaseModel):
            if isinstance(value, model):
                default = model.model_fields[name].get_default(call_default_factory=True)
                found.append(getattr(value, name) != default)
            for field in type(value).model_fields:
                walk(getattr(value, field))

    walk(ledger)
    return any(found)


@pytest.mark.parametrize("layout", ["in blocks", "whole"])
def test_models_read_from_the_file_share_one_field_set_per_class(tmp_path, layout):
    """A set of given fields per model instance (a measure, each constraint, entry and
    finding) would be a fifth of a large ledger's memory: read from the file, block by
    block or whole, every instance holds its class's one set, as the cache's do."""
    from dprk_cli.store.codec import field_set

    path = make(tmp_path, build(40, seed=4).ledger)
    raw = path.read_bytes()
    whole = layout.startswith("whole")
    if whole:  # a table named in quotes: the file is not cut into blocks
        raw = raw.replace(b"[[measures]]", b'[["measures"]]', 1)
    read, found = snapshots.read_bytes(raw, "direct")
    assert (found is None) == whole
    assert read == store.load(path)
    seen: set[type] = set()

    def walk(value: object) -> None:
        if isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, BaseModel):
            assert value.__pydantic_fields_set__ is field_set(type(value)), type(value)
            seen.add(type(value))
            for name in type(value).model_fields:
                walk(getattr(value, name))

    walk(read.measures)
    assert {Measure, Constraint, HistoryEntry, Verification} <= seen


def test_a_column_is_written_as_its_lines_are_made(tmp_path):
    """A column is written from its lines as they come (a large ledger's records are
    never held together): each line is asked for once, and the file, checksummed,
    reads back line for line; a line whose bytes change is no longer served."""
    path = make(tmp_path, build(600, seed=5).ledger)
    index = cache.read_index(path)
    assert index is not None
    asked = []

    def lines():
        for i, ident in enumerate(index.ids):
            asked.append(ident)
            yield json.dumps({"line": i, "id": ident}).encode()

    assert cache.write_column(path, "records", "a key", index.ids, lines())
    assert asked == index.ids
    column = cache.read_column(path, "records")
    assert column is not None and column.base == "a key" and column.ids == index.ids
    assert [json.loads(line)["line"] for line in column.lines] == list(range(600))
    mapped = cache.open_column(path, "records")
    assert mapped is not None and list(mapped.lines()) == column.lines
    blob = side(path, "records").read_bytes()
    side(path, "records").write_bytes(blob.replace(b'"line": 599', b'"line": 598'))
    assert cache.read_column(path, "records") is None
    assert cache.open_column(path, "records") is None


def test_each_column_holds_one_line_per_measure_in_file_order(tmp_path):
    path = make(tmp_path, build(600, seed=5).ledger)
    index = cache.read_index(path)
    assert index is not None and index.layout is not None
    assert len(index.ids) == 600 and index.ids == sorted(index.ids)
    for name in cache.COLUMNS:
        head, ids, body = side(path, name).read_bytes().split(b"\n", 2)
        assert json.loads(head)["key"] == index.key
        assert json.loads(ids) == index.ids
        assert len(body.split(b"\n")) == 600
    assert store.load(path) == store.parse_bytes(path.read_bytes(), "direct")


def test_every_validator_the_models_declare_runs_on_the_fast_load_path(monkeypatch):
    """Loading validates a measure at a time; a validator added to either model still runs."""
    from pydantic import field_validator, model_validator

    from dprk_cli.errors import LedgerError
    from dprk_cli.store import codec

    class StrictMeasure(Measure):
        @field_validator("title")
        @classmethod
        def _no_shouting(cls, value: str) -> str:
            if value.isupper():
                raise ValueError("is all capitals")
            return value

    class StrictLedger(Ledger):
        measures: list[StrictMeasure] = []  # type: ignore[assignment]

        @model_validator(mode="after")
        def _unique(self) -> StrictLedger:
            ids = [m.id for m in self.measures]
            if len(ids) != len(set(ids)):
                raise ValueError("repeats an id")
            return self

    monkeypatch.setattr(codec, "Measure", StrictMeasure)
    monkeypatch.setattr(codec, "Ledger", StrictLedger)
    raw = EXAMPLE.read_bytes()
    loaded = store.parse_bytes(raw, "example")
    assert len(loaded.measures) == 14 and type(loaded.measures[0]) is StrictMeasure
    shouting = raw.replace(
        'title = "US holds a second Trump–Kim summit"'.encode(),
        b'title = "US HOLDS A SECOND SUMMIT"',
    )
    assert shouting != raw
    with pytest.raises(LedgerError, match="is all capitals"):
        store.parse_bytes(shouting, "shouting")
    twice = raw.replace(b'id = "test-moratorium"', b'id = "second-summit"')
    with pytest.raises(LedgerError, match="repeats an id"):
        store.parse_bytes(twice, "twice")


def test_the_cache_key_names_the_versions_of_dprk_and_pydantic(monkeypatch, tmp_path):
    import pydantic

    import dprk_cli

    def fingerprint() -> str:
        cache._FINGERPRINT.clear()
        return cache.code_fingerprint()

    first = fingerprint()
    assert fingerprint() == first
    monkeypatch.setattr(dprk_cli, "__version__", "0.0.0")
    assert fingerprint() != first
    monkeypatch.undo()
    # another pydantic: its version module says another version
    other = tmp_path / "pydantic"
    other.mkdir()
    version = (Path(pydantic.__file__).parent / "version.py").read_text(encoding="utf-8")
    assert f"VERSION = '{pydantic.VERSION}'" in version
    (other / "version.py").write_text(version.replace(pydantic.VERSION, "0.0.0"))
    located = cache.package_dir
    monkeypatch.setattr(
        cache, "package_dir", lambda name: other if name == "pydantic" else located(name)
    )
    assert fingerprint() != first
    monkeypatch.undo()
    assert fingerprint() == first
    # dprk's own code edited (any module: each may derive something the cache keeps)
    import shutil

    copy = tmp_path / "dprk_cli"
    shutil.copytree(cache.package_dir("dprk_cli"), copy)
    monkeypatch.setattr(
        cache, "package_dir", lambda name: copy if name == "dprk_cli" else located(name)
    )
    copied = fingerprint()
    module = copy / "analysis" / "overview.py"
    module.write_text(module.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    assert fingerprint() != copied
    monkeypatch.undo()
    cache._FINGERPRINT.clear()


def _served_is_the_file(path: Path) -> None:
    ledger = store.parse_bytes(path.read_bytes(), "direct")
    nodes = nodes_of(ledger).measures
    streamed = store.snapshot(path)
    assert [line.decode() for line in streamed.stream("records")] == [
        record_json(m, n) for m, n in zip(ledger.measures, nodes, strict=True)
    ]
    assert all(streamed.measures()[m.id] == m for m in ledger.measures)
    snapshot = store.snapshot(path)
    assert snapshot.ledger() == ledger
    nodes = nodes_of(ledger).measures
    assert snapshot.nodes().measures == nodes
    assert snapshot.records() == [
        record_json(m, n) for m, n in zip(ledger.measures, nodes, strict=True)
    ]


def test_a_write_logs_its_changes_and_leaves_the_columns_as_they_were(tmp_path, dprk):
    path = make(tmp_path, ledgers()["korea example"])
    columns = {name: side(path, name).read_bytes() for name in cache.COLUMNS}
    assert dprk("mark", "inventory-submission", "agreed", "--date", "2018-09-20").code == 0
    assert dprk("add-measure", "A new step", "--actor", "US", "--id", "new-step").code == 0
    assert dprk("remove", "new-step").code == 0
    assert {name: side(path, name).read_bytes() for name in cache.COLUMNS} == columns
    changes, _ = cache.read_changes(path)
    assert len(changes) == 3
    assert changes[0].lines["models"].keys() == {"inventory-submission"}
    assert changes[2].lines["records"] == {"new-step": None}
    _served_is_the_file(path)


def test_a_change_of_a_link_on_the_measure_that_records_it_brings_the_other_up(tmp_path, dprk):
    """A link a measure was added with is recorded on the other alone, and its day is an
    event of both (`Node.link_days`): a redate of that record, its end or an undo changes
    the other measure's dates without touching it, and the cache served them as before."""
    path = tmp_path / "dprk-ledger.toml"
    for args in (
        ["init", "--party", "US", "--party", "RVN"],
        ["add-measure", "Pledge", "--actor", "US", "--id", "pledge", "--status", "agreed",
         "--date", "1973-01-05"],
        ["add-measure", "Sign", "--actor", "RVN", "--id", "sign", "--in-exchange-for",
         "pledge", "--status", "implemented", "--date", "1973-01-27"],
        ["mark", "sign", "proposed", "--date", "1972-10-08"],
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    assert dprk("status", "--format", "json").code == 0  # (the cache made)
    ids = ["status", "--since", "1973-01-08", "--until", "1973-01-08", "--format", "ids"]
    for change, chosen in (
        (["redate", "pledge", "2", "1973-01-08"], "pledge\nsign\n"),
        (["unlink", "pledge", "sign", "--date", "1973-01-20"], "pledge\nsign\n"),
        (["redate", "pledge", "2", "1973-01-07"], ""),
        (["undo"], "pledge\nsign\n"),
        (["redate", "pledge", "2", "1973-01-07"], ""),
    ):
        result = dprk(*change)
        assert result.code == 0, (change, result.err)
        assert dprk(*ids).out == chosen, change
        _served_is_the_file(path)
    as_of = json.loads(dprk("status", "--as-of", "1973-01-10", "--format", "json").out)
    assert [(m["id"], m["last_date"]) for m in as_of["measures"]] == [
        ("pledge", "1973-01-07"),
        ("sign", "1973-01-07"),
    ]


def test_a_measure_added_or_removed_near_an_id_no_measure_has_is_checked_as_a_fresh_read(
    korea, dprk, monkeypatch
):
    """A link left naming no measure (a hand edit) says which ids are near it; a measure
    added or removed elsewhere changes those, though it is no neighbour of the link's."""
    raw = korea.read_bytes()
    korea.write_bytes(raw.replace(b'after = "end-of-war-declaration"', b'after = "end-of-war"'))
    assert dprk("check").code == 1
    for n, (args, near) in enumerate((
        (["add-measure", "Talks", "--actor", "US", "--id", "end-of-war-talks"],
         "(did you mean end-of-war-declaration, end-of-war-talks?)"),
        (["remove", "end-of-war-talks"], "(did you mean end-of-war-declaration?)"),
    )):  # fmt: skip
        assert dprk(*args).code == 0, args
        got = dprk("check")
        assert near in got.out, args
        written = korea.read_bytes()
        fresh = korea.parent / f"fresh-{n}"  # (no cache there: the file read anew)
        fresh.mkdir()
        (fresh / korea.name).write_bytes(written)
        monkeypatch.chdir(fresh)
        want = dprk("check")
        monkeypatch.chdir(korea.parent)
        assert (got.code, got.out, got.err) == (want.code, want.out, want.err), args
        assert korea.read_bytes() == written


def test_a_long_log_is_folded_into_the_columns(tmp_path, dprk, monkeypatch):
    monkeypatch.setattr(cache, "DELTA_ENTRIES", 2)
    path = make(tmp_path, ledgers()["korea example"])
    for day in ("2018-09-20", "2018-09-21", "2018-09-22"):
        assert dprk("note", "inventory-submission", "seen", "--date", day).code == 0
    assert cache.read_changes(path) == ([], 0)  # written whole by the third write
    index = cache.read_index(path)
    assert all(cache.read_column(path, name).base == index.key for name in cache.COLUMNS)
    _served_is_the_file(path)


def test_a_change_larger_than_the_log_may_grow_is_written_into_the_columns(
    tmp_path, dprk, monkeypatch
):
    """A party renamed in half the ledger (45,000 of 100,000 measures) was logged, the
    log read back whole, then every column written whole: 2.4 GB at its peak. A change
    larger than the log may grow is now written into the columns at once, from those
    before it (a change logged before it included), one column at a time."""
    monkeypatch.setattr(cache, "DELTA_LIMIT", 20_000)
    path = make(tmp_path, ledgers()["korea example"])
    assert dprk("note", "inventory-submission", "seen", "--date", "2018-09-20").code == 0
    logged, size = cache.read_changes(path)
    assert len(logged) == 1 and size < cache.DELTA_LIMIT  # (a small change: logged)
    writes: list[str] = []
    original = cache.write_column
    monkeypatch.setattr(
        cache, "write_column", lambda *args: writes.append(args[1]) or original(*args)
    )
    monkeypatch.setattr(cache, "append_change", _never)  # (not logged, to be read back)
    renamed = dprk("rename-party", "DPRK", "North Korea")
    assert renamed.code == 0, renamed.err
    monkeypatch.undo()
    assert sorted(writes) == sorted(cache.COLUMNS)  # (each once)
    assert cache.read_changes(path) == ([], 0)
    index = cache.read_index(path)
    assert all(cache.read_column(path, name).base == index.key for name in cache.COLUMNS)
    _served_is_the_file(path)


def _never(*args: object) -> None:
    raise AssertionError("the change was logged")


@pytest.mark.parametrize("how", ["torn", "lost", "altered"])
def test_a_damaged_log_is_never_served(tmp_path, dprk, parses, how):
    path = make(tmp_path, ledgers()["korea example"])
    assert dprk("mark", "inventory-submission", "agreed", "--date", "2018-09-20").code == 0
    assert dprk("note", "inventory-submission", "seen", "--date", "2018-09-21").code == 0
    log = side(path, "delta")
    blob = log.read_bytes()
    damaged = {
        "torn": blob[: len(blob) - 30],
        "lost": b"",
        "altered": blob.replace(b"agreed", b"agreeX", 1),
    }[how]
    log.write_bytes(damaged)
    parses.clear()
    _served_is_the_file(path)
    assert len(parses) <= 1  # the models from the file, when the log no longer leads there


def test_where_no_cache_can_be_written_every_report_answers_from_the_file(tmp_path, dprk):
    """A read writes each column as soon as it is made and reads it back from its file;
    where `.dprk/` cannot be made (here a file is in its way), the read keeps what it
    made instead, and answers exactly as a ledger with a cache does."""
    import shutil

    for name in ("cached", "bare"):
        (tmp_path / name).mkdir()
    cached = make(tmp_path / "cached", ledgers()["korea example"])
    bare = make(tmp_path / "bare", ledgers()["korea example"])
    shutil.rmtree(side(bare).parent)
    side(bare).parent.write_text("in the way\n")
    raw = bare.read_bytes()
    commands = [
        ["status", "--format", "json"],
        ["status"],
        ["check", "--format", "json"],
        ["plan", "--format", "json"],
        ["show", "inventory-submission", "--format", "json"],
    ]
    for command in commands:
        with_cache = dprk("--ledger", str(cached), *command)
        without = dprk("--ledger", str(bare), *command)
        said = with_cache.out.replace("cached/dprk-ledger.toml", "bare/dprk-ledger.toml")
        assert (without.code, without.out, without.err) == (
            with_cache.code,
            said,  # (the commands check advises name the ledger as --ledger did)
            with_cache.err,
        ), command
        assert without.out
    assert bare.read_bytes() == raw
    assert side(bare).parent.read_text() == "in the way\n"
    assert side(cached).exists()


@pytest.mark.parametrize("chunk", [1, 100, 4096])
def test_a_column_read_in_small_chunks_serves_every_line_as_the_file_says(
    tmp_path, dprk, monkeypatch, chunk
):
    """A mapped column is checked and read a chunk at a time, each chunk handed back once
    read: whatever the chunk's size (one byte, a part of a line, many lines), the lines
    served, streamed or picked out by a write, are the file's."""
    monkeypatch.setattr(cache, "READ_CHUNK", chunk)
    path = make(tmp_path, ledgers()["generated"])
    before = cache.open_column(path, "records")
    assert before is not None
    whole = cache.read_column(path, "records")
    assert list(before.lines()) == whole.lines
    last = len(whole.ids) - 1
    assert before.lines_at({0, last}) == {0: whole.lines[0], last: whole.lines[last]}
    ident = whole.ids[1]
    assert dprk("note", ident, "seen", "--date", "2018-09-21").code == 0
    _served_is_the_file(path)


def test_the_cache_says_who_refers_to_whom_as_the_measures_do(tmp_path):
    """A write asks who refers to the measures it touches (and their parts) of the index
    the cache serves, without building a measure: the answers are the measures' own."""
    import random

    from dprk_cli.model import MeasureIndex

    base = ledgers()["generated"]
    measures = [  # every fifth measure a part of the one before it
        m.model_copy(update={"part_of": base.measures[i - 1].id}) if i % 5 == 1 else m
        for i, m in enumerate(base.measures)
    ]
    ledger = base.model_copy(update={"measures": measures})
    path = make(tmp_path, ledger)
    ledger = store.parse_bytes(path.read_bytes(), "direct")
    assert sum(1 for m in ledger.measures if m.part_of) == 60
    served = store.snapshot(path).measures()
    direct = MeasureIndex({m.id: m for m in ledger.measures})
    assert served.parts() == direct.parts()
    ids = [m.id for m in ledger.measures]
    picks = random.Random(7)
    for size in (0, 1, 2, 5, 20):
        wanted = set(picks.sample(ids, size)) | ({"not-a-measure"} if size == 2 else set())
        assert served.referrers(wanted) == direct.referrers(wanted)
    assert any(served.referrers({i}) for i in ids)  # (the ledger has references)


def test_showing_or_logging_named_measures_reads_only_theirs(tmp_path, dprk, monkeypatch):
    """`show ID` and `log ID` on a warm cache build the measures named and read their
    nodes (and their parts'), never every measure's; they say what they say when the
    cache is gone and everything is read from the file."""
    from dprk_cli.store.snapshots import Snapshot

    base = ledgers()["generated"]
    measures = [  # a measure with parts, to show them
        m.model_copy(update={"part_of": base.measures[0].id}) if i in (1, 2) else m
        for i, m in enumerate(base.measures)
    ]
    path = make(tmp_path, base.model_copy(update={"measures": measures}))
    # (warm as a read leaves it: with the order `status` keeps, whence `show`'s flags)
    assert dprk("status", "--format", "json").code == 0
    whole, part = base.measures[0].id, base.measures[2].id
    commands = [
        ["show", whole, "--format", "json"],
        ["show", part, whole],
        ["log", part, whole, "--format", "json"],
    ]
    read_all = []
    for name in ("ledger", "nodes", "records"):
        real = getattr(Snapshot, name)
        monkeypatch.setattr(
            Snapshot, name, lambda self, real=real, name=name: read_all.append(name) or real(self)
        )
    warm = _warm_reads_none_and_says_what_cold_says(path, dprk, commands, read_all)
    assert json.loads(warm[0].out)["parts"] == sorted([base.measures[1].id, part])
    assert read_all  # (the read after the cache was gone read every measure)


def test_a_filtered_status_reads_the_records_it_shows(tmp_path, dprk, monkeypatch):
    """`status` with a filter prints the kept records of the measures it keeps, each read
    from its own line, never every measure's record; as a full read gives them."""
    from dprk_cli.store.snapshots import Snapshot

    path = make(tmp_path, ledgers()["generated"])
    command = ["status", "--party", "DPRK", "--pending", "--format", "json"]
    full = json.loads(dprk("status", "--format", "json").out)["measures"]
    read = []
    real = Snapshot.records
    monkeypatch.setattr(Snapshot, "records", lambda self: read.append(1) or real(self))
    shown = json.loads(dprk(*command).out)["measures"]
    assert read == []
    wanted = [r["id"] for r in full if r["actor"] == "DPRK" and r["pending"]]
    assert wanted and [r["id"] for r in shown] == wanted
    assert shown == [r for r in full if r["id"] in set(wanted)]
    assert path.exists()


CHANGES = [
    ["add-measure", "A new step", "--id", "new-step", "--actor", "US", "--date", "2018-09-20"],
    ["mark", "inventory-submission", "agreed", "--date", "2018-09-20"],
    ["edit", "inventory-submission", "--title", "An inventory, declared"],
    ["link", "inventory-submission", "new-step"],
    ["sequence", "new-step", "--after", "inventory-submission"],
    ["add-measure", "A part", "--id", "a-part", "--actor", "DPRK", "--part-of", "new-step"],
    ["mark", "a-part", "implemented", "--date", "2018-10-01"],
    ["rename", "new-step", "renamed-step"],
    ["add-party", "China"],
    ["edit-ledger", "--title", "Talks, retitled"],
    ["remove", "a-part"],
]


def test_undo_puts_back_the_blocks_a_change_rewrote_and_the_cache_follows(
    tmp_path, dprk, monkeypatch
):
    """Undo of a change written block by block reads only the blocks it rewrote (never
    the whole file), and leaves the cache as reading the file afresh would: after each
    of a run of changes of every kind is undone, newest first."""
    from dprk_cli.store import undo

    path = make(tmp_path, ledgers()["korea example"])
    files = [path.read_bytes()]
    for change in CHANGES:
        result = dprk(*change)
        assert result.code == 0, (change, result.err)
        files.append(path.read_bytes())
    assert len(set(files)) == len(files)

    def whole(*args, **kwargs):
        raise AssertionError("undo read the whole file")

    monkeypatch.setattr(undo, "_checked", whole)
    monkeypatch.setattr(undo, "remember", whole)
    for change, expected in zip(reversed(CHANGES), reversed(files[:-1]), strict=True):
        result = dprk("undo")
        assert result.code == 0, (change, result.err)
        assert path.read_bytes() == expected, change
        _served_is_the_file(path)
        assert dprk("check").code == 0
    assert dprk("undo").code == 1  # (nothing more: the ledger was made, not changed)


def test_a_sequence_that_closes_a_cycle_warns_from_the_measures_on_it(tmp_path, dprk, monkeypatch):
    """`sequence` warns of the deadlock its change makes, reading the nodes a cycle
    through the measure could pass, not every measure's (nor building any)."""
    from dprk_cli.store.snapshots import Snapshot

    path = make(tmp_path, ledgers()["generated"])
    for ident in ("first-step", "second-step"):
        assert dprk("add-measure", ident, "--id", ident, "--actor", "US").code == 0
    assert dprk("sequence", "first-step", "--after", "second-step").code == 0
    read_all = []
    for name in ("ledger", "nodes"):
        real = getattr(Snapshot, name)
        monkeypatch.setattr(
            Snapshot, name, lambda self, real=real, name=name: read_all.append(name) or real(self)
        )
    result = dprk("sequence", "second-step", "--after", "first-step")
    assert result.code == 0
    assert "deadlock: " in result.err and "first-step" in result.err
    assert read_all == []
    said = result.err.split("deadlock: ", 1)[1].split("; it stands from ")[0]
    assert said in dprk("check").out  # (the cycle as check names it)
    assert "second-step" in path.read_text()


def test_the_verifiers_on_record_are_read_from_the_kept_models_as_each_measure_has_them(
    tmp_path, dprk
):
    """`verify --by` and `import` take a name near a verifier on record for a typo of it
    (`rules.verifier_typo`), asking who has findings on record: the store's index reads
    that from the kept models, building no measure. It is each measure's own findings'
    verifiers, a name the models write escaped as well, and nothing that only reads
    alike (a title, a note, a demanding party); with the orders', the verifier each
    names."""
    from dprk_cli.model import MeasureIndex
    from dprk_cli.store.measures import StoreIndex

    path = tmp_path / "dprk-ledger.toml"
    for args in (
        ("init", "--party", "US", "--party", "DPRK"),
        ("add-measure", 'Says "by":"Fake"', "--actor", "DPRK", "--id", "a",
         "--status", "implemented", "--date", "2018-01-01"),
        ("add-measure", "B", "--actor", "US", "--id", "b", "--status", "implemented",
         "--date", "2018-01-01"),
        ("sequence", "b", "--after", "a", "--demanded-by", "US", "--require", "verified",
         "--verified-by", 'OHR "Sarajevo"'),
        ("verify", "a", "--by", 'OHR "Sarajevo"', "--date", "2018-01-02"),
        ("verify", "a", "--by", "Misión \\ Beta", "--date", "2018-01-03"),
        ("verify", "b", "--by", "IAEA", "--date", "2018-01-02", "--note", '"by":"Fake"'),
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    index = StoreIndex(store.snapshot(path))
    assert list(index.verifiers()) == [
        ("a", 'OHR "Sarajevo"'),
        ("a", "Misión \\ Beta"),
        ("b", "IAEA"),
    ]
    # With the verifiers orders wait for, before each measure's findings.
    assert list(index.verifiers(orders=True)) == [
        ("a", 'OHR "Sarajevo"'),
        ("a", "Misión \\ Beta"),
        ("b", 'OHR "Sarajevo"'),
        ("b", "IAEA"),
    ]
    assert index._built == {}
    measures = store.load(path).measures
    assert list(index.verifiers()) == [(m.id, v.by) for m in measures for v in m.verifications]
    whole = MeasureIndex({m.id: m for m in measures})
    assert list(index.verifiers(orders=True)) == list(whole.verifiers(orders=True))


def test_renaming_an_id_or_a_party_builds_the_measures_that_name_it(tmp_path, dprk, monkeypatch):
    """`rename` and `rename-party` rewrite every measure that names the id or the party
    (a reference, an actor, a demand, or only the words of a history entry), building
    those alone: the file they write is the one looking at every measure gives."""
    from dprk_cli.store.measures import StoreIndex

    def changes(folder: Path) -> bytes:
        folder.mkdir()
        path = make(folder, ledgers()["generated"])
        first, second = store.snapshot(path).ids[:2]
        steps = [
            ["sequence", second, "--after", first, "--date", "2018-01-02"],
            ["sequence", second, "--remove", first, "--date", "2018-01-03"],
            ["link", first, store.snapshot(path).ids[5], "--date", "2018-01-04"],
            ["rename", first, "renamed-one"],
            ["rename-party", "DPRK", "North Korea"],
        ]
        for step in steps:
            built.clear()
            result = dprk("--ledger", str(path), *step)
            assert result.code == 0, (step, result.err)
            counts.append(len(built))
        return path.read_bytes()

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # (both runs record one time)
    built: list[int] = []
    counts: list[int] = []
    real = StoreIndex._build
    monkeypatch.setattr(StoreIndex, "_build", lambda self, at: built.append(at) or real(self, at))
    named = changes(tmp_path / "named")
    assert 0 < counts[3] < 150  # the rename: of 300 measures (and its checks)
    monkeypatch.setattr(StoreIndex, "mentioning", lambda self, text, **_: list(self))
    counts.clear()
    every = changes(tmp_path / "every")
    assert counts[3] >= 300
    assert named == every
    assert b"renamed from" in named and b"North Korea" in named


def test_a_sequence_whose_ledger_changes_after_its_write_is_not_made_twice(
    tmp_path, dprk, monkeypatch
):
    """The deadlock warning is read after the write, without the lock: should another
    process write meanwhile, the change stands, once, and no warning is given (a read
    the ledger changed under is run again; a write must not be)."""
    from dprk_cli.analysis import sequencing
    from dprk_cli.errors import LedgerChanged

    path = make(tmp_path, ledgers()["korea example"])

    def changed(*args, **kwargs):  # (what the warning reads of the ledger as written)
        raise LedgerChanged(f"{path}: the ledger changed while it was being read")

    monkeypatch.setattr(sequencing, "deadlocks_made", changed)
    result = dprk("sequence", "inventory-submission", "--after", "end-of-war-declaration")
    assert (result.code, result.err) == (
        0,
        "inventory-submission: after end-of-war-declaration (replaces: inventory-submission "
        "after end-of-war-declaration, demanded by DPRK)\n",
    )
    log = json.loads(dprk("log", "inventory-submission", "--format", "json").out)
    said = [e for e in log if "end-of-war-declaration" in (e["detail"] or "")]
    assert len(said) == 1, log


def test_a_limited_status_table_reads_only_the_measures_it_shows(tmp_path, dprk, monkeypatch):
    """`status --limit N` reads no measure's node, warm: it shows the first N rows of
    the kept table (parts under their measure, a part listed late in the file too); it
    prints what it prints when the cache is gone and every measure is read."""
    from dprk_cli.store.snapshots import Snapshot

    base = ledgers()["generated"]
    order = sorted(base.measures, key=lambda m: m.id)  # (as the file lists them)
    whole, parts = order[0].id, {order[i].id for i in (1, 3, 40)}
    measures = [  # parts among the first measures, and one listed after the limit
        m.model_copy(update={"part_of": whole}) if m.id in parts else m for m in base.measures
    ]
    path = make(tmp_path, base.model_copy(update={"measures": measures}))
    assert store.snapshot(path).ids[:4] == [m.id for m in order[:4]]
    commands = [["status", "--limit", "12"], ["status", "--limit", "12", "--format", "csv"]]
    read_all = []
    real = Snapshot.nodes
    monkeypatch.setattr(Snapshot, "nodes", lambda self: read_all.append(1) or real(self))
    dprk("status", "--format", "ids")  # (the counts kept, as any status leaves them)
    read_all.clear()
    warm = _warm_reads_none_and_says_what_cold_says(path, dprk, commands, read_all)
    assert "└ " + order[3].id in warm[0].out
    assert "└ " + order[40].id in warm[0].out  # (under its measure, as the table shows it)
    assert order[10].id in warm[0].out and order[11].id not in warm[0].out  # (12 rows)
    assert "more measures not shown (--limit 12)" in warm[0].out


def _warm_reads_none_and_says_what_cold_says(path, dprk, commands, read_all):
    """Run `commands` on the warm cache (nothing recorded in `read_all` meanwhile), then
    with the cache gone: each says the same both times. The warm results."""
    import shutil

    warm = [dprk(*c) for c in commands]
    assert read_all == []
    shutil.rmtree(side(path).parent)
    cold = [dprk(*c) for c in commands]
    for w, c in zip(warm, cold, strict=True):
        assert (w.code, w.out, w.err) == (c.code, c.out, c.err)
        assert w.code == 0 and w.out
    return warm


@pytest.mark.parametrize("written", [False, True], ids=["warm", "after a write"])
def test_every_node_is_read_after_a_few_were_read_from_the_mapped_column(dprk, korea, written):
    """A read that looked up a few nodes (from the column's mapped file, its lines not
    held) and then reads every node gets them all, as a fresh read does: the lines are
    not held besides the nodes either way."""
    assert dprk("status").code == 0
    if written:  # (the column is then the kept one, merged with the log of changes)
        assert dprk("edit", "second-summit", "--title", "A second summit").code == 0
    fresh = store.snapshot(korea).nodes()
    snapshot = store.snapshot(korea)
    ids = snapshot.ids
    few = snapshot.nodes_of(ids[:2])
    every = snapshot.nodes()
    assert [n.id for n in every.measures] == [n.id for n in fresh.measures] == ids
    assert [n.title for n in every.measures] == [n.title for n in fresh.measures]
    assert [n.status for n in every.measures] == [n.status for n in fresh.measures]
    assert [few[i].title for i in ids[:2]] == [n.title for n in every.measures[:2]]
    assert "nodes" not in snapshot._lines


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "tsv"])
def test_status_finds_its_records_before_it_shows_anything(dprk, korea, monkeypatch, fmt):
    """A read is made again from the start when another process wrote meanwhile, but
    only while nothing is shown: the records are found (their column mapped, or made
    from the ledger) before the first line, not at the first measure after the header."""
    from dprk_cli.render import output_started

    assert dprk("status", "--format", "json").code == 0  # (the cache made)
    shown_when_found: list[bool] = []
    real = snapshots.Snapshot.stream

    def stream(self, name):
        if name == "records":
            shown_when_found.append(output_started())
        return real(self, name)

    monkeypatch.setattr(snapshots.Snapshot, "stream", stream)
    for cache_kept in (True, False):
        if not cache_kept:
            for column in korea.parent.glob(".dprk/*records*"):
                column.unlink()
        result = dprk("status", "--format", fmt)
        assert result.code == 0, result.err
        assert shown_when_found == [False], (cache_kept, shown_when_found)
        shown_when_found.clear()


@pytest.mark.parametrize("chunk", [7, 64, 2**20])
def test_a_column_is_searched_a_chunk_at_a_time_across_the_chunks_edges(
    tmp_path, monkeypatch, chunk
):
    """`ColumnFile.holds` hands each chunk back once searched: a text that spans two
    chunks is found, and one the file does not hold is not."""
    path = make(tmp_path, ledgers()["korea example"])
    store.snapshot(path).nodes()  # (the columns written)
    column = cache.open_column(path, "models")
    assert column is not None
    monkeypatch.setattr(cache, "READ_CHUNK", chunk)
    text = bytes(column.data[:])
    for ident in store.snapshot(path).ids:
        assert ident.encode() in text and column.holds(ident.encode())
    # (every 10-byte slice of the file is found, wherever the chunks' edges fall)
    for at in range(0, len(text) - 10, 97):
        assert column.holds(text[at : at + 10])
    assert column.holds(b"punggye-ri-closure")
    assert not column.holds(b"no-such-measure-anywhere")
