"""Property tests: any ledger the model accepts is written and read back equal,
and writing it again gives the same bytes, whole or one measure at a time."""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dprk_cli import store
from dprk_cli.model import (
    ID_PATTERN,
    Conflict,
    Constraint,
    HistoryEntry,
    Ledger,
    Measure,
    Verification,
)
from dprk_cli.store import render_ledger
from dprk_cli.vocab import (
    EVENTS,
    HEADER_CONFLICTS,
    Require,
    Result,
    Status,
    event_status_problem,
    says_nothing,
)

pytestmark = pytest.mark.slow  # process-heavy: left out by `pytest -m "not slow"`

# More examples for a deeper search: DPRK_PROPERTY_EXAMPLES=2000 pytest tests/reliability
SETTINGS = settings(
    max_examples=int(os.environ.get("DPRK_PROPERTY_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Any character the model allows: no controls (C0, C1, DEL), no bidi overrides, no surrogates.
_CHARS = st.characters(exclude_categories=("Cc", "Cs"), exclude_characters=_BIDI)
_NOTE_CHARS = st.one_of(_CHARS, st.sampled_from("\n\t"))
text = st.text(_CHARS, max_size=30)
notes = st.text(_NOTE_CHARS, max_size=60)
# (text that says something: not blank, nor only characters that are not seen)
saying = st.text(_CHARS, min_size=1, max_size=30).filter(lambda t: not says_nothing(t))
title = st.text(_CHARS, min_size=1, max_size=60).filter(lambda t: not says_nothing(t))
party = st.text(_CHARS, min_size=1, max_size=12).filter(lambda t: not says_nothing(t))
ident = st.from_regex(ID_PATTERN.replace("*", "{0,12}"), fullmatch=True)
zones = st.one_of(
    st.none(),
    st.just(UTC),
    st.integers(-23 * 60, 23 * 60).map(lambda m: timezone(timedelta(minutes=m))),
    st.integers(-86399, 86399).map(lambda s: timezone(timedelta(seconds=s))),  # not TOML's
)
# (a moment of years 1 to 9999 in UTC too: the model refuses one that is not)
moment = st.datetimes(
    min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=zones
)

verification = st.builds(
    Verification,
    by=party,
    result=st.sampled_from(Result),
    date=st.dates(),
    method=text,
    evidence=st.lists(saying, max_size=2),
    note=notes,
)
constraint = st.one_of(
    st.builds(
        Constraint,
        after=ident,
        require=st.sampled_from(Require),
        demanded_by=st.none() | party,
    ),
    st.builds(lambda other: Constraint.model_validate({"with": other}), ident),
)


def _entry(event: str, status: Status | None, **fields) -> HistoryEntry:
    """An entry whose status fits its event (a `status` entry gives one; a note none)."""
    if event_status_problem(event, status) is not None:
        status = Status.agreed if event == "status" else None
    return HistoryEntry(event=event, status=status, **fields)


history = st.builds(
    _entry,
    date=st.dates(),
    event=st.sampled_from(EVENTS),
    status=st.none() | st.sampled_from(Status),
    detail=text,
    note=notes,
    recorded=moment,
)
conflict = st.builds(
    Conflict,
    field=st.from_regex(r"[a-z_]{1,10}", fullmatch=True),
    ours=st.none() | notes,
    theirs=st.none() | notes,
)
measure = st.builds(
    Measure,
    id=ident,
    title=title,
    actor=party,
    category=text,
    status=st.sampled_from(Status),
    conflicts=st.lists(conflict, max_size=1),
    in_exchange_for=st.lists(ident, max_size=3),
    deadline=st.none() | st.dates(),
    sources=st.lists(saying, max_size=3),
    notes=notes,
    constraints=st.lists(constraint, max_size=2),
    verifications=st.lists(verification, max_size=2),
    history=st.lists(history, max_size=3),
)
header_conflict = st.builds(  # (the ledger's own are on its title or a party)
    Conflict,
    field=st.sampled_from(HEADER_CONFLICTS),
    ours=st.none() | notes,
    theirs=st.none() | notes,
)
ledger = st.builds(
    Ledger,
    title=title,
    parties=st.lists(party, max_size=4),
    conflicts=st.lists(header_conflict, max_size=1),
    measures=st.lists(measure, max_size=6),
)


def _expected(value: Ledger) -> dict:
    """What a written ledger reads back as: measures by id, lists in canonical order."""
    measures = sorted((m.normalized() for m in value.measures), key=lambda m: m.id)
    return value.model_copy(update={"measures": measures}).model_dump()


@SETTINGS
@given(ledger)
def test_written_ledger_reads_back_equal_and_rewrites_to_the_same_bytes(value):
    raw = render_ledger(value).encode("utf-8")
    back = store.parse_bytes(raw, "property")
    assert back.model_dump() == _expected(value)
    assert render_ledger(back).encode("utf-8") == raw


def _unique(value: Ledger) -> Ledger:
    seen: dict[str, Measure] = {}
    for m in value.measures:
        seen.setdefault(m.id, m)
    return value.model_copy(update={"measures": list(seen.values())})


@SETTINGS
@given(ledger.map(_unique), st.lists(measure, max_size=3), st.data())
def test_one_measure_at_a_time_gives_the_bytes_of_a_whole_rewrite(value, incoming, data):
    """The write path re-renders only the measures a change touched; the file
    must still be byte for byte what writing the whole ledger gives. (Whether the
    change is allowed is the rules' business, tested elsewhere: here any change.)"""
    from dprk_cli.store.codec import render_measure
    from dprk_cli.store.ledger import splice

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dprk-ledger.toml"
        store.create(path, value, force=False)
        snapshot = store.snapshot(path)
        if snapshot.layout is None:  # a ledger without measures: nothing cuts
            assert not value.measures
            return
        loaded = snapshot.ledger()
        removed = data.draw(st.sets(st.sampled_from([m.id for m in value.measures] or ["-"])))
        kept = {m.id: m for m in loaded.measures if m.id not in removed}
        kept.update({m.id: m.normalized() for m in incoming})
        changes: dict[str, Measure | None] = {i: None for i in removed if i in snapshot.ids}
        changes.update({m.id: m.normalized() for m in incoming})
        retitled = data.draw(st.booleans())
        header = loaded.model_copy(
            update={"title": data.draw(title) if retitled else loaded.title, "measures": []}
        )
        raw = path.read_bytes()
        pieces, layout, _, placed = splice(raw, snapshot.layout, header, retitled, changes)
        result = b"".join(pieces)
        # the old bytes left alone go as runs: no more pieces than changes and runs between
        assert len(pieces) <= 2 * len(changes) + 2
        assert all(bytes(placed[i]) == render_measure(m).encode() for i, m in changes.items() if m)
        final = store.parse_bytes(result, "edited")
        assert render_ledger(final).encode("utf-8") == result
        assert {m.id for m in final.measures} == set(kept)
        assert layout.ids == [m.id for m in final.measures]
        assert layout.header_end + sum(layout.lengths) == len(result)
        for m in final.measures:
            assert m == kept[m.id].normalized()


@SETTINGS
@given(ledger.map(_unique), st.data())
def test_a_file_read_a_measure_at_a_time_makes_the_cache_the_whole_read_makes(value, data):
    """Any ledger (parts, cycles of parts, links to nowhere, statuses its history does
    not give, merge conflicts): the measure-at-a-time read of its file makes, byte for
    byte, the cache made from the whole ledger (see `store.anew`)."""
    import tempfile
    from pathlib import Path

    from tests.test_read_anew import same_cache

    ids = [m.id for m in value.measures]
    wholes = st.none() | st.sampled_from(ids) if ids else st.none()
    measures = [m.model_copy(update={"part_of": data.draw(wholes)}) for m in value.measures]
    raw = render_ledger(value.model_copy(update={"measures": measures})).encode()
    declines = not measures  # (a file without measures is read whole)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dprk-ledger.toml"
        path.write_bytes(raw)
        with pytest.MonkeyPatch.context() as patch:
            same_cache(path, patch, declines=declines)


@SETTINGS
@given(ledger.map(_unique), st.data())
def test_states_on_many_days_are_the_states_on_each(value, data):
    """A measure's states on a run of days (a yearly scorecard asks every measure for
    every year, in one pass over its life) are its states on each day, asked one at a
    time: parts, cycles of parts and histories out of order included."""
    from dprk_cli.lifecycle import LedgerLife

    ids = [m.id for m in value.measures]
    wholes = st.none() | st.sampled_from(ids) if ids else st.none()
    measures = [m.model_copy(update={"part_of": data.draw(wholes)}) for m in value.measures]
    life = LedgerLife({m.id: m for m in measures})
    # (the days events happened on, the day before and after each, and any day)
    low, high = date(1, 1, 2), date(9999, 12, 30)
    dated = [h.date for m in measures for h in m.history if low <= h.date <= high]
    near = [d + timedelta(days=k) for d in dated for k in (-1, 0, 1)]
    day = st.dates()
    days = sorted(data.draw(st.lists(st.sampled_from(near) | day if near else day, max_size=8)))
    for m in measures:
        assert life.states_on(m.id, days) == [life.state(m.id, day) for day in days]
        own = life.life(m.id)
        assert own.states_on(days) == [own.state_on(day) for day in days]
