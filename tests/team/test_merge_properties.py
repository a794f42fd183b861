"""Properties of the merge over random concurrent edits (hypothesis).

A base ledger is grown by random edits; two sides then each make their own
random edits to it, the way two analysts do on two branches, with the same
change functions the commands use (and hand edits: notes, titles, removed
measures). Whatever the edits:

- nothing is lost: every measure either side added or changed is in the
  merge, with every history entry and verification record that side had
  (an event both sides recorded is kept once, with both notes);
- merging is symmetric: ours and theirs swapped give the same ledger, apart
  from which value a conflicting field holds until it is resolved;
- merging is idempotent: a side merged with itself, or with an unchanged
  base, is that side;
- the merged ledger is written canonically and reads back the same; its
  status is the one its history gives; and when both sides pass
  `dprk check`, a clean merge passes it too.
"""

from __future__ import annotations

import os
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dprk_cli import operations, store
from dprk_cli.analysis.checks import run_checks
from dprk_cli.analysis.merge import merge
from dprk_cli.draft import Draft
from dprk_cli.errors import DprkError
from dprk_cli.lifecycle import effective_creation, replay
from dprk_cli.model import Ledger
from dprk_cli.vocab import Result, Status
from tests.team.build import day

pytestmark = pytest.mark.slow  # process-heavy: left out by `pytest -m "not slow"`

IDS = ["m0", "m1", "m2", "m3", "m4", "m5"]
PARTIES = ["DPRK", "US", "Japan", "China"]
TEXTS = ["alpha", "bravo", "charlie", "delta"]
KINDS = [
    "add",
    "mark",
    "verify",
    "source",
    "drop-source",
    "notes",
    "deadline",
    "title",
    "constrain",
    "unconstrain",
    "exchange",
    "remove",
    "party",
]

# Mostly the measures already in the base, sometimes new ones.
ident = st.one_of(st.sampled_from(IDS[:3]), st.sampled_from(IDS))
op = st.tuples(
    st.sampled_from(KINDS),
    ident,
    ident,
    st.integers(min_value=0, max_value=40),
    st.integers(min_value=0, max_value=4),
)
ops = st.lists(op, max_size=15)


@contextmanager
def clock(epoch: int):
    """Fix the `recorded` time of new history entries (as SOURCE_DATE_EPOCH does)."""
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


def apply(ledger: Ledger, edits: list[tuple[str, str, str, int, int]]) -> Ledger:
    """The ledger after each edit that dprk accepts, made as the commands make it (an
    operation on a draft, finished under the rules); the others are skipped, as dprk
    refuses them."""
    for kind, ident, other, n, k in edits:
        draft = Draft(ledger)
        m = draft.index().get(ident)
        try:
            if kind == "add" and m is None:
                operations.add_measure(
                    draft,
                    f"Measure {TEXTS[k % 4]}",
                    draft.parties[k % 2],
                    ident=ident,
                    when=day(n),
                )
            elif kind == "party":
                operations.add_party(draft, PARTIES[k % 4])
            elif m is None:
                continue
            elif kind == "mark":
                status = [
                    Status.agreed,
                    Status.implemented,
                    Status.implemented,
                    Status.reversed,
                    Status.withdrawn,
                ][k]
                operations.mark(draft, ident, status, _after_start(m, n), note=TEXTS[k % 4])
            elif kind == "verify":
                result = [Result.confirmed, Result.partial, Result.refuted][k % 3]
                by = ["IAEA", "38 North"][k % 2]
                operations.verify(draft, ident, by, result, _after_start(m, n))
            elif kind == "source":
                operations.edit(draft, ident, _after_start(m, n), add_sources=[TEXTS[k % 4]])
            elif kind == "drop-source" and m.sources:
                operations.edit(draft, ident, _after_start(m, n), remove_sources=m.sources[:1])
            elif kind == "notes":
                operations.edit(draft, ident, _after_start(m, n), notes=TEXTS[k % 4])
            elif kind == "deadline":
                operations.edit(draft, ident, _after_start(m, n), deadline=day(n) if k else None)
            elif kind == "title":
                operations.edit(draft, ident, _after_start(m, n), title=f"Measure {TEXTS[k % 4]}")
            elif kind == "constrain" and other in draft and other != ident:
                demanded = [None, "DPRK", "US", None, None][k]
                operations.sequence(draft, ident, other, _after_start(m, n), demanded_by=demanded)
            elif kind == "unconstrain":
                operations.unsequence(draft, ident, other, _after_start(m, n))
            elif kind == "exchange" and other in draft and other != ident:
                operations.link(draft, ident, other, _after_start(m, n))
            elif kind == "remove":
                operations.remove(draft, ident, _after_start(m, n), force=True)
            else:
                continue
            if draft.changed:
                draft.finish()
                ledger = draft.ledger
        except DprkError:
            continue
    return Ledger.model_validate(
        {
            "title": ledger.title,
            "parties": ledger.parties,
            "measures": [m.normalized() for m in ledger.measures],
        }
    )


def _after_start(m, n):
    first = effective_creation(m) or day(0)
    return max(first, day(n))


START = Ledger.model_validate({"title": "Talks", "parties": ["DPRK", "US"]})

sides = st.tuples(ops, ops, ops, st.booleans())


def _three(base_ops, our_ops, their_ops, same_clock):
    with clock(1_700_000_000):
        seeds = [("add", i, i, 0, 0) for i in IDS[:3]] + [("mark", "m1", "m1", 2, 1)]
        base = apply(apply(START, seeds), base_ops)
    with clock(1_700_000_100):
        ours = apply(base, our_ops)
    with clock(1_700_000_100 if same_clock else 1_700_000_200):
        theirs = apply(base, their_ops)
    return base, ours, theirs


def _kept(record, merged) -> bool:
    """Whether a side's history entry or finding is in the merged measure: as it is, or
    as the one event both sides recorded (kept once, the notes joined)."""
    if record in merged:
        return True
    if hasattr(record, "event"):
        key = ("date", "event", "status", "extent", "detail")
    else:
        key = ("date", "by", "result", "method")
    return any(
        all(getattr(r, f) == getattr(record, f) for f in key) and record.note in r.note
        for r in merged
    )


SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)


@SETTINGS
@given(sides)
def test_nothing_either_side_added_or_changed_is_lost(drawn):
    base, ours, theirs = _three(*drawn)
    merged = merge(base, ours, theirs).ledger.index()
    before = base.index()
    for side, other in ((ours, theirs), (theirs, ours)):
        for ident, m in side.index().items():
            if before.get(ident) == m and ident not in other.index():
                continue  # untouched here, removed there: a removal, not a loss
            assert ident in merged, ident
            for name in ("history", "verifications"):
                kept = getattr(merged[ident], name)
                missing = [r for r in getattr(m, name) if not _kept(r, kept)]
                assert not missing, (ident, name, missing)


def _masked(ledger: Ledger, conflicts) -> dict:
    """The ledger with the fields in conflict left out (they hold ours until resolved)."""
    fields: dict[str | None, set[str]] = {}
    for c in conflicts:
        fields.setdefault(c.measure, set()).add(c.field)
    data = ledger.model_dump(mode="json", by_alias=True)
    data.pop("conflicts")
    if "title" in fields.get(None, set()):
        data.pop("title")
    for m in data["measures"]:
        m.pop("conflicts")
        for name in fields.get(m["id"], set()):
            if name.startswith("constraints."):
                other = name.split(".", 1)[1]
                m["constraints"] = [
                    c for c in m["constraints"] if other not in (c.get("after"), c.get("with"))
                ]
            elif name != "measure":
                m.pop(name, None)
    return data


@SETTINGS
@given(sides)
def test_merging_is_symmetric_conflicts_aside(drawn):
    base, ours, theirs = _three(*drawn)
    one, two = merge(base, ours, theirs), merge(base, theirs, ours)
    assert {(c.measure, c.field) for c in one.conflicts} == {
        (c.measure, c.field) for c in two.conflicts
    }
    assert _masked(one.ledger, one.conflicts) == _masked(two.ledger, two.conflicts)
    if one.clean:
        assert store.render_ledger(one.ledger) == store.render_ledger(two.ledger)


def _canonical(ledger: Ledger) -> Ledger:
    return store.parse_bytes(store.render_ledger(ledger).encode("utf-8"), "canonical")


@SETTINGS
@given(sides)
def test_merging_is_idempotent(drawn):
    base, ours, theirs = _three(*drawn)
    assert merge(base, ours, ours).ledger == _canonical(ours)
    assert merge(base, base, theirs).ledger == _canonical(theirs)
    assert merge(base, ours, base).ledger == _canonical(ours)
    merged = merge(base, ours, theirs).ledger
    if not merge(base, ours, theirs).conflicts:
        assert merge(ours, merged, ours).ledger == merged
        assert merge(merged, merged, merged).ledger == merged


@SETTINGS
@given(sides)
def test_merged_ledger_is_canonical_consistent_and_checks_clean(drawn):
    base, ours, theirs = _three(*drawn)
    result = merge(base, ours, theirs)
    raw = store.render_ledger(result.ledger).encode("utf-8")
    assert store.parse_bytes(raw, "merged") == result.ledger
    conflicted = {(c.measure, c.field) for c in result.conflicts}
    for m in result.ledger.measures:
        if (m.id, "status") not in conflicted:
            life = replay(m)
            assert (m.status, m.extent) == (life.status, life.extent)
    if result.clean and run_checks(ours).ok and run_checks(theirs).ok:
        problems = run_checks(result.ledger).problems
        assert run_checks(result.ledger).ok, [p.message for p in problems]
