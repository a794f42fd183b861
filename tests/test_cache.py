"""The cache of the parsed ledger: served only when current and intact, and then equal
to what validating the TOML gives.

The TOML file is the one source of truth. A cache made from other bytes (an
edit of the same size, too), by other code, or damaged in any way is never
served: the ledger is parsed and validated again and the cache rebuilt.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pydantic import BaseModel

from benchmarks.generate import build
from dprk_cli import store
from dprk_cli.model import (
    Conflict,
    Constraint,
    HistoryEntry,
    Ledger,
    Measure,
    Verification,
)
from dprk_cli.store import cache
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
        conflicts=[Conflict(field="title", ours="x", theirs=None)],
        in_exchange_for=["other"],
        deadline=date(2019, 1, 1),
        sources=["one", "two"],
        notes="line one\nline two\twith a tab",
        constraints=[
            Constraint(after="other", require=Require.verified, demanded_by="US"),
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
        ],
    )
    bare = Measure(id="other", title="Other", actor="US")
    third = Measure(
        id="third", title="Third", actor="US", constraints=[Constraint(with_="a.b_c-1")]
    )
    return Ledger(
        title="Every field",
        parties=["DPRK", "US"],
        conflicts=[Conflict(field="parties", ours='["DPRK"]', theirs='["US"]')],
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
    """Each time the store parses TOML (that is, did not serve the cache), the label."""
    calls: list[str] = []
    real = store.parse_bytes

    def counting(raw: bytes, label: str) -> Ledger:
        calls.append(label)
        return real(raw, label)

    monkeypatch.setattr(store.ledger, "parse_bytes", counting)
    return calls


def make(tmp_path: Path, ledger: Ledger, parses: list[str] | None = None) -> Path:
    path = tmp_path / "dprk-ledger.toml"
    store.create(path, ledger, force=True)  # (reads what it wrote back once)
    if parses is not None:
        parses.clear()
    return path


def cache_file(path: Path) -> Path:
    return store.side_file(path, "cache")


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


def test_a_cache_is_written_by_the_first_read_and_served_to_the_next(tmp_path, parses):
    path = tmp_path / "dprk-ledger.toml"
    path.write_bytes(EXAMPLE.read_bytes())
    first = store.load(path)
    assert len(parses) == 1 and cache_file(path).exists()
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


def damage_body(blob: bytes) -> bytes:
    """The cache with one title changed in its body, its checksum left as it was."""
    head, layout, body = blob.split(b"\n", 2)
    assert b'"title":"' in body
    return head + b"\n" + layout + b"\n" + body.replace(b'"title":"', b'"title":"X', 1)


def forge_body(blob: bytes, edit) -> bytes:
    """The cache with its body edited and its checksum made to match (not damage: forgery)."""
    head, layout, body = blob.split(b"\n", 2)
    body = edit(body)
    meta = json.loads(head)
    import hashlib

    meta["body"] = hashlib.sha1(body).hexdigest()
    return json.dumps(meta).encode() + b"\n" + layout + b"\n" + body


DAMAGE = {
    "truncated": lambda blob: blob[: len(blob) // 2],
    "truncated to the metadata": lambda blob: blob.split(b"\n", 1)[0],
    "empty": lambda blob: b"",
    "not json": lambda blob: b"\x00\xff garbage \n\n\n",
    "one byte of the body altered": damage_body,
    "body of another ledger": lambda blob: blob.rsplit(b"\n", 1)[0],
    "key of another ledger": lambda blob: blob.replace(b'"key": "', b'"key": "1', 1),
    "made by other code": lambda blob: blob.replace(b'"code": "', b'"code": "0', 1),
    "another format": lambda blob: blob.replace(b"dprk-cache-", b"dprk-cache-0", 1),
    "wrong types, checksum fixed": lambda blob: forge_body(
        blob, lambda body: body.replace(b'"date":"', b'"date":5,"x":"', 1)
    ),
    "a required field missing, checksum fixed": lambda blob: forge_body(
        blob, lambda body: body.replace(b'"actor":', b'"actr":', 1)
    ),
    "two lines joined, checksum fixed": lambda blob: forge_body(
        blob, lambda body: body.replace(b"}\n[", b"} [", 1)
    ),
}


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_a_damaged_cache_is_never_served(tmp_path, parses, kind):
    path = make(tmp_path, ledgers()["korea example"])
    expected = store.parse_bytes(path.read_bytes(), "direct")
    parses.clear()
    blob = cache_file(path).read_bytes()
    cache_file(path).write_bytes(DAMAGE[kind](blob))
    assert store.load(path) == expected
    assert len(parses) == 1
    assert store.load(path) == expected  # rebuilt, and served again
    assert len(parses) == 1


def test_a_damaged_layout_is_not_used_for_a_write(tmp_path, dprk, parses):
    path = make(tmp_path, ledgers()["korea example"])
    head, layout, body = cache_file(path).read_bytes().split(b"\n", 2)
    spans = json.loads(layout)
    first = next(iter(spans["spans"]))
    spans["spans"][first] = [0, 10]  # points at the wrong bytes, checksum left as it was
    cache_file(path).write_bytes(head + b"\n" + json.dumps(spans).encode() + b"\n" + body)
    result = dprk("mark", "inventory-submission", "agreed", "--date", "2018-09-20")
    assert result.code == 0, result.err
    raw = path.read_bytes()
    assert store.render_ledger(store.parse_bytes(raw, "x")).encode() == raw


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


def test_the_cache_body_is_a_header_line_then_chunks_of_measures(tmp_path):
    path = make(tmp_path, build(600, seed=5).ledger)
    head, layout, body = cache_file(path).read_bytes().split(b"\n", 2)
    assert json.loads(head)["format"] == cache.FORMAT
    lines = body.split(b"\n")
    assert [len(json.loads(line)) for line in lines[1:]] == [cache.CHUNK, cache.CHUNK, 88]
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


def test_the_cache_key_names_the_versions_of_dprk_and_pydantic(monkeypatch):
    import pydantic

    from dprk_cli.store import cache

    cache._FINGERPRINT.clear()
    first = cache.code_fingerprint()
    cache._FINGERPRINT.clear()
    monkeypatch.setattr(pydantic, "VERSION", "0.0.0")
    assert cache.code_fingerprint() != first
    cache._FINGERPRINT.clear()
