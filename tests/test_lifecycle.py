"""The replay of a measure's life, rule by rule, on histories built in code."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from dprk_cli.lifecycle import (
    CONTRADICTING_DATES,
    MISSING_STEPS,
    TRANSITIONS,
    WITHOUT_ACTION,
    LedgerLife,
    Life,
    State,
    derive_from_parts,
    effective_creation,
    replay,
    unnumbered,
)
from dprk_cli.model import HistoryEntry, Measure, Verification
from dprk_cli.vocab import Extent, Result, Status

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def d(text: str) -> date:
    return date.fromisoformat(text)


def h(
    when: str,
    status: str | None = None,
    event: str = "status",
    *,
    extent: str | None = None,
    rec: int = 0,
    undated: bool = False,
    detail: str = "",
) -> HistoryEntry:
    return HistoryEntry(
        date=d(when),
        event=event,
        status=Status(status) if status else None,
        extent=Extent(extent) if extent else None,
        detail=detail,
        undated=undated,
        recorded=T0 + timedelta(seconds=rec),
    )


def finding(when: str, result: str = "confirmed", by: str = "IAEA") -> tuple:
    status = {"confirmed": "verified", "refuted": "disputed"}.get(result)
    return (
        h(when, status, "verification", detail=f"{result} by {by}"),
        Verification(by=by, result=Result(result), date=d(when)),
    )


def measure(*entries: HistoryEntry, findings: tuple = (), **fields) -> Measure:
    history = list(entries)
    records = []
    for entry, record in findings:
        history.append(entry)
        records.append(record)
    return Measure(id="m", title="M", actor="A", history=history, verifications=records, **fields)


def problems(m: Measure) -> list[tuple[str, str]]:
    return [(p.check, p.message) for p in replay(m).problems]


def test_the_history_is_replayed_in_event_order_whatever_the_order_of_recording():
    late_first = measure(
        h("2018-09-01", "implemented", rec=1),  # recorded first, happened last
        h("2018-01-01", "proposed", "created", rec=3),
        h("2018-06-01", "agreed", rec=2),
    )
    life = replay(late_first)
    assert [s.state.status for s in life.steps] == [
        Status.proposed,
        Status.agreed,
        Status.implemented,
    ]
    assert life.problems == [] and life.status_since == d("2018-09-01")


def test_same_day_entries_follow_the_order_a_measure_s_life_runs():
    m = measure(
        h("2018-01-01", "proposed", "created"),
        h("2018-05-01", "implemented", rec=1),
        h("2018-05-01", "agreed", rec=2),  # recorded after, but an agreement comes first
    )
    assert [s.state.status for s in replay(m).steps][1:] == [Status.agreed, Status.implemented]
    assert problems(m) == []


def test_an_undated_creation_takes_the_earliest_event_s_date():
    m = measure(
        h("2026-11-30", "proposed", "created", undated=True),
        h("2018-07-23", "implemented"),
    )
    assert effective_creation(m) == d("2018-07-23")
    life = replay(m)
    assert life.created == d("2018-07-23") and life.problems == []
    assert life.state_on(d("2018-07-22")) is None
    assert life.state_on(d("2018-07-23")) == State(Status.implemented, Extent.full)


def test_an_event_before_a_dated_creation_is_a_problem_naming_both():
    m = measure(h("2018-04-20", "proposed", "created"), h("2018-03-01", "implemented"))
    assert problems(m) == [
        (
            CONTRADICTING_DATES,
            "implemented on 2018-03-01 comes before its creation on 2018-04-20; correct one "
            "of the two dates ('dprk redate m 1 YYYY-MM-DD' corrects the first, 'dprk redate "
            "m 2 YYYY-MM-DD' the second)",
        )
    ]
    # (a refused change names no numbers, of a history it did not write: 'dprk log' gives them)
    assert unnumbered(problems(m)[0][1]) == (
        "implemented on 2018-03-01 comes before its creation on 2018-04-20; correct one "
        "of the two dates ('dprk log m' numbers the entries, 'dprk redate' corrects one)"
    )


@pytest.mark.parametrize(
    ("path", "words"),
    [
        (["implemented", "agreed"], "a measure that has acted cannot be pending again"),
        (["rejected", "reversed"], "only a measure that has acted can be reversed"),
        (["implemented", "withdrawn"], "only a pending measure can be withdrawn"),
        (
            ["implemented", "rejected"],
            "only a pending measure (proposed or agreed) can be rejected",
        ),
        (["proposed", "verified"], "verified and disputed come only from a verifier's finding"),
    ],
)
def test_transitions_the_rules_refuse(path, words):
    entries = [h("2018-01-01", "proposed", "created")]
    # (each recorded after the one before it: it contradicts what was on record then)
    entries += [h(f"2018-0{i + 2}-01", status, rec=i + 1) for i, status in enumerate(path)]
    found = problems(measure(*entries))
    assert found and found[-1][0] == TRANSITIONS and words in found[-1][1]


@pytest.mark.parametrize(
    "path",
    [
        ["agreed", "implemented", "reversed", "implemented"],
        ["proposed", "withdrawn", "proposed", "agreed"],
        ["agreed", "rejected"],
        ["agreed", "agreed"],  # a second report of the same step is no contradiction
    ],
)
def test_transitions_the_rules_allow(path):
    entries = [h("2018-01-01", "proposed", "created")]
    entries += [h(f"2018-0{i + 2}-01", status) for i, status in enumerate(path)]
    assert problems(measure(*entries)) == []


@pytest.mark.parametrize("pending", ["proposed", "agreed"])
@pytest.mark.parametrize("recorded_first", [True, False])
def test_a_reversal_of_a_pending_measure_is_a_gap_whenever_it_was_recorded(pending, recorded_first):
    """A reversal says the measure acted: the action is the step yet to be found, as the
    step between two endings is, typed before or after the pending step it follows."""
    entries = [h("2018-01-01", "proposed", "created")]
    if pending == "agreed":
        entries.append(h("2018-02-01", "agreed", rec=2))
    entries.append(h("2018-05-01", "reversed", rec=1 if recorded_first else 3))
    found = problems(measure(*entries))
    assert [c for c, _ in found] == [MISSING_STEPS]
    assert "nothing on record has it carried out between the two" in found[0][1]
    assert replay(measure(*entries)).state.status == Status.reversed
    entries.append(h("2018-03-01", "implemented", rec=4))
    assert problems(measure(*entries)) == []


def test_a_finding_needs_the_measure_to_have_acted_by_its_date():
    before = measure(
        h("2018-01-01", "proposed", "created"),
        h("2018-03-01", "implemented"),
        findings=[finding("2018-02-01")],
    )
    assert [c for c, _ in problems(before)] == [CONTRADICTING_DATES]
    assert "comes before the measure acted (implemented on 2018-03-01)" in problems(before)[0][1]
    never = measure(h("2018-01-01", "proposed", "created"), findings=[finding("2018-02-01")])
    assert [c for c, _ in problems(never)] == [WITHOUT_ACTION]


def test_findings_set_verified_and_disputed_and_partial_changes_nothing():
    m = measure(
        h("2018-01-01", "proposed", "created"),
        h("2018-02-01", "implemented", extent="minimal"),
        findings=[
            finding("2018-03-01", "partial"),
            finding("2018-04-01", "refuted"),
            finding("2018-05-01", "confirmed"),
        ],
    )
    life = replay(m)
    assert [s.state.status for s in life.steps] == [
        Status.proposed,
        Status.implemented,
        Status.implemented,
        Status.disputed,
        Status.verified,
    ]
    assert life.extent == Extent.minimal  # a finding does not change how far it went
    assert life.first_verified == d("2018-05-01") and life.first_acted == d("2018-02-01")


def test_a_replay_kept_light_tells_its_first_action_and_no_more_of_its_findings():
    """A replay kept light (a file read anew, the yearly scorecard) has no findings: it
    keeps the step its measure first acted on (a confirmation before it is no action),
    and refuses what only its findings tell, rather than take a finding for an action."""
    m = measure(
        h("2018-01-01", "proposed", "created"),
        h("2018-03-01", "implemented"),
        h("2018-04-01", "reversed"),
        h("2018-05-01", "implemented", extent="minimal"),
        findings=[finding("2018-02-01"), finding("2018-06-01", "refuted")],
    )
    full = replay(m)
    assert (full.first_acted, full.last_action) == (d("2018-03-01"), d("2018-05-01"))
    assert full.first_verified == d("2018-02-01")
    light = full.light()
    (passed,) = Life.from_light_rows([full.light_row()])
    for kept in (light, passed, light.made_earlier(d("2017-12-01"))):
        assert kept.first_acted == d("2018-03-01")
        assert [s.state for s in kept.steps] == [s.state for s in full.steps]
        with pytest.raises(TypeError, match="kept light"):
            kept.last_action  # noqa: B018
        with pytest.raises(TypeError, match="kept light"):
            kept.first_verified  # noqa: B018


def test_a_finding_recorded_without_a_history_entry_still_counts():
    m = Measure(
        id="m",
        title="M",
        actor="A",
        status=Status.verified,
        history=[h("2018-01-01", "implemented", "created")],
        verifications=[Verification(by="IAEA", result=Result.confirmed, date=d("2018-02-01"))],
    )
    # (it counts; and, the measure having a history, check names the entry it lacks:
    # 'dprk log' would not list it, nor 'dprk drop-finding' reach it)
    assert replay(m).status == Status.verified
    assert [p[0] for p in problems(m)] == ["finding-records"]


def test_extent_progress_and_regress_and_reversal():
    m = measure(
        h("2018-01-01", "agreed", "created"),
        h("2018-02-01", "implemented", extent="minimal"),
        h("2018-03-01", "implemented", extent="full"),
        h("2018-04-01", "implemented", extent="intermediate"),
        h("2018-05-01", "reversed"),
    )
    life = replay(m)
    assert [s.state.extent for s in life.steps] == [
        Extent.not_initiated,
        Extent.minimal,
        Extent.full,
        Extent.intermediate,
        Extent.not_initiated,
    ]
    assert life.state_on(d("2018-03-15")) == State(Status.implemented, Extent.full)
    assert life.status_since == d("2018-05-01") and problems(m) == []


def test_acted_since_is_the_day_it_last_came_to_have_acted():
    m = measure(
        h("2018-01-01", "agreed", "created"),
        h("2018-02-01", "implemented"),
        h("2018-03-01", "reversed"),
        h("2018-04-01", "implemented"),
    )
    assert replay(m).acted_since == d("2018-04-01")


@pytest.mark.parametrize(
    ("acted", "total", "extent"),
    [
        (0, 11, Extent.not_initiated),
        (1, 11, Extent.minimal),
        (5, 11, Extent.minimal),
        (6, 11, Extent.intermediate),
        (8, 11, Extent.intermediate),
        (11, 11, Extent.full),
        (1, 2, Extent.intermediate),
    ],  # fmt: skip
)
def test_a_measure_made_of_parts_takes_its_extent_from_the_share_that_acted(acted, total, extent):
    parts = [State(Status.implemented, Extent.full)] * acted
    parts += [State(Status.agreed, Extent.not_initiated)] * (total - acted)
    own = State(Status.agreed, Extent.not_initiated)
    derived = derive_from_parts(own, parts)
    assert derived.extent == extent
    assert derived.status == (Status.implemented if acted else Status.agreed)


def test_a_measure_made_of_parts_is_full_only_when_every_part_acted_in_full():
    own = State(Status.agreed, Extent.not_initiated)
    full, minimal = (
        State(Status.implemented, Extent.full),
        State(Status.implemented, Extent.minimal),
    )
    agreed = State(Status.agreed, Extent.not_initiated)
    assert derive_from_parts(own, [full, full]).extent == Extent.full
    assert derive_from_parts(own, [full, minimal]) == State(Status.implemented, Extent.intermediate)
    assert derive_from_parts(own, [minimal, agreed]).extent == Extent.intermediate  # (half acted)
    assert derive_from_parts(own, [minimal, agreed, agreed]).extent == Extent.minimal
    disputed = State(Status.disputed, Extent.minimal)  # (a part found short: still in part)
    assert derive_from_parts(own, [full, disputed]).extent == Extent.intermediate
    found = State(Status.verified, Extent.minimal)
    assert derive_from_parts(own, [State(Status.verified, Extent.full), found]) == (
        State(Status.verified, Extent.intermediate)
    )


def test_a_measure_made_of_parts_is_verified_when_every_part_is():
    own = State(Status.agreed, Extent.not_initiated)
    verified = State(Status.verified, Extent.full)
    assert derive_from_parts(own, [verified, verified]).status == Status.verified
    reversed_ = State(Status.reversed, Extent.not_initiated)
    assert derive_from_parts(own, [reversed_, State(Status.agreed, Extent.not_initiated)]) == (
        State(Status.reversed, Extent.not_initiated)
    )


def test_ledger_life_folds_parts_of_parts_and_survives_a_cycle():
    def part(ident, parent, status="agreed", **kw):
        entries = [h("2018-01-01", status, "created")]
        return Measure(
            id=ident, title=ident, actor="A", status=Status(status), part_of=parent,
            history=entries, **kw,
        )  # fmt: skip

    index = {
        m.id: m
        for m in (
            part("top", None),
            part("mid", "top"),
            part("leaf", "mid", "implemented"),
            part("other", "mid"),
            part("x", "y"),
            part("y", "x"),
        )
    }
    life = LedgerLife(index)
    assert life.state("mid") == State(Status.implemented, Extent.intermediate)
    # (its one part acted, in part: so did it)
    assert life.state("top") == State(Status.implemented, Extent.intermediate)
    assert life.state("x") is not None  # a cycle does not loop


def test_a_redate_whose_words_go_on_is_read_as_a_redate_not_a_drop():
    """`redate` may add what else it did to its correction's words ("...; the end of the
    with on D dropped: ..."): read anchored at the end, that redate was not known as one,
    and the drop's pattern took the redate for a drop of something else."""
    from dprk_cli.lifecycle import corrected_event, dropped_event, redate_of

    words = (
        "the sequence entry of 2019-01-05 redated to 2019-01-07; the end of the with on "
        "2019-02-01 dropped: it would end no order"
    )
    h = HistoryEntry(
        date=date(2026, 12, 6),
        event="correction",
        detail=words,
        recorded=datetime(2026, 12, 6, tzinfo=UTC),
    )
    assert redate_of(h) == ("the sequence entry of 2019-01-05", date(2019, 1, 7))
    assert dropped_event(h) is None
    assert corrected_event(h) == "the sequence entry of 2019-01-05"
