"""A replay kept light (`Life.light`: its steps without the entries and findings they
name, as a file read anew and the yearly scorecard keep every measure's) answers what
is asked of it as the full replay does: the same lines from every command that reads
one, whatever order the entries were recorded in, a step marked again, reversals,
findings made before any action, a whole made after steps of its own."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dprk_cli.lifecycle import Life, replay
from dprk_cli.model import HistoryEntry, Ledger, Measure, Verification
from dprk_cli.store import anew, render_ledger, side_file
from dprk_cli.vocab import Extent, Result, Status

_DAYS = [
    date(2019, 12, 31),
    date(2020, 1, 1),
    date(2020, 1, 2),
    date(2020, 6, 1),
    date(2021, 1, 1),
    date(2021, 3, 1),
]
_VERIFIERS = ["IAEA", "US"]
_MARKED = [
    Status.proposed,
    Status.agreed,
    Status.implemented,
    Status.reversed,
    Status.withdrawn,
    Status.rejected,
]
_FOUND = {Result.confirmed: Status.verified, Result.refuted: Status.disputed, Result.partial: None}

day = st.sampled_from(_DAYS)
# a step (a status, at an extent when carried out) or a finding (a result, by a verifier)
step = st.one_of(
    st.tuples(
        st.just("status"),
        day,
        st.sampled_from(_MARKED),
        st.none() | st.sampled_from(list(Extent)),
    ),
    st.tuples(
        st.just("verification"), day, st.sampled_from(list(Result)), st.sampled_from(_VERIFIERS)
    ),
)
life_of = st.tuples(
    st.tuples(day, st.sampled_from([Status.proposed, Status.agreed]), st.booleans()),
    st.lists(step, max_size=5),
)


def _measure(ident: str, part_of: str | None, drawn, order: list[int]) -> Measure:
    """A measure of `drawn` (its creation and its steps), each entry recorded at the
    moment `order` gives it (not the order of their days)."""
    (made, first, undated), steps = drawn
    moments = iter(datetime(2022, 1, 1, tzinfo=UTC) + timedelta(minutes=n) for n in order)
    history = [
        HistoryEntry(
            date=made, event="created", status=first, undated=undated, recorded=next(moments)
        )
    ]
    verifications = []
    for kind, when, what, more in steps:
        if kind == "status":
            extent = more if what == Status.implemented else None
            history.append(
                HistoryEntry(
                    date=when, event="status", status=what, extent=extent, recorded=next(moments)
                )
            )
        else:
            verifications.append(Verification(by=more, result=what, date=when))
            history.append(
                HistoryEntry(
                    date=when,
                    event="verification",
                    status=_FOUND[what],
                    detail=f"{what.value} by {more}",
                    recorded=next(moments),
                )
            )
    m = Measure(
        id=ident,
        title=f"Measure {ident}",
        actor="US" if ident in ("w", "b") else "DPRK",
        part_of=part_of,
        verifications=verifications,
        history=history,
    )
    own = replay(m).state  # (stored as its own history gives it)
    return m.model_copy(update={"status": own.status, "extent": own.extent})


def _ledger(lives: dict[str, tuple[str | None, tuple, list[int]]]) -> Ledger:
    """A ledger of the measures `lives` gives: by id, the whole each is a part of, its
    creation and steps (`life_of`), and the order each entry was recorded in."""
    measures = [_measure(i, whole, drawn, order) for i, (whole, drawn, order) in lives.items()]
    return Ledger(title="Light and full", parties=["US", "DPRK"], measures=measures)


@st.composite
def ledgers(draw) -> Ledger:
    """A whole `w` of parts `a` and `b`, and `c`, a part of `a`, of `w` or of none."""
    wholes = {"w": None, "a": "w", "b": "w", "c": draw(st.sampled_from(["a", "w", None]))}
    lives = {}
    for ident, part_of in wholes.items():
        drawn = draw(life_of)
        lives[ident] = (part_of, drawn, list(draw(st.permutations(range(1 + len(drawn[1]))))))
    return _ledger(lives)


_DAY1, _DAY2, _DAY3 = date(2019, 12, 31), date(2020, 6, 1), date(2021, 1, 1)
_PLAIN = ((_DAY1, Status.proposed, False), [])
# (a part found before it acted, then reversed the same day: no action, for its whole too)
_FOUND_FIRST = _ledger(
    {
        "w": (None, _PLAIN, [0]),
        "a": ("w", _PLAIN, [0]),
        "c": (
            "a",
            (
                (_DAY1, Status.proposed, False),
                [
                    ("status", _DAY1, Status.reversed, None),
                    ("verification", _DAY1, Result.confirmed, "IAEA"),
                ],
            ),
            [0, 1, 2],
        ),
    }
)
# (steps marked again, a whole made after steps of its own, a part confirmed before it
# acted, reversed and carried out again, entries recorded in no order of their days)
_OUT_OF_ORDER = _ledger(
    {
        "w": (
            None,
            (
                (_DAY3, Status.agreed, False),
                [
                    ("status", _DAY1, Status.implemented, Extent.minimal),
                    ("status", _DAY2, Status.implemented, Extent.minimal),
                ],
            ),
            [2, 0, 1],
        ),
        "a": (
            "w",
            (
                (_DAY1, Status.agreed, True),
                [
                    ("verification", _DAY1, Result.confirmed, "US"),
                    ("status", _DAY2, Status.implemented, None),
                    ("status", _DAY2, Status.implemented, None),
                    ("status", _DAY3, Status.reversed, None),
                    ("status", _DAY3, Status.implemented, Extent.intermediate),
                ],
            ),
            [5, 3, 4, 0, 2, 1],
        ),
        "b": (
            "w",
            (
                (_DAY2, Status.proposed, False),
                [
                    ("verification", _DAY1, Result.refuted, "IAEA"),
                    ("verification", _DAY2, Result.partial, "US"),
                    ("status", _DAY3, Status.implemented, Extent.full),
                ],
            ),
            [3, 2, 1, 0],
        ),
    }
)


_COMMANDS = [
    ("status", "--format", "json"),
    ("check", "--format", "json"),
    ("scorecard", "--yearly", "--format", "json"),
]


def _answers(dprk, path, patch: pytest.MonkeyPatch, way: str) -> list[tuple[int, str, str]]:
    """What each command answers of `path` read anew (its cache gone), the replays kept
    light (alone, or its later half read by a helper process, passed as light rows) or
    kept whole (`full`)."""
    shutil.rmtree(side_file(path, "x").parent, ignore_errors=True)
    with patch.context() as p:
        if way == "full":
            p.setattr(Life, "light", lambda self: self)
        if way == "with a helper":
            p.setattr(anew, "helped_from", lambda count: count // 2 or None)
        else:
            p.setattr(anew, "helped_from", lambda count: None)
        found = []
        for args in _COMMANDS:
            said = dprk(*args)
            found.append((said.code, said.out, said.err))
    return found


@settings(
    max_examples=int(os.environ.get("DPRK_PROPERTY_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ledgers())
@example(_FOUND_FIRST)
@example(_OUT_OF_ORDER)
def test_a_light_replay_answers_as_the_full_replay(tmp_path, dprk, monkeypatch, value):
    path = tmp_path / "dprk-ledger.toml"
    path.write_text(render_ledger(value), encoding="utf-8")
    before = path.read_bytes()
    full = _answers(dprk, path, monkeypatch, "full")
    assert all(code in (0, 1) and not err.startswith("Traceback") for code, _, err in full)
    assert _answers(dprk, path, monkeypatch, "alone") == full
    assert _answers(dprk, path, monkeypatch, "with a helper") == full
    assert path.read_bytes() == before
