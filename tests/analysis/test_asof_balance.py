"""The ledger as of a day, overdue measures, and the reciprocity balance."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from dprk_cli.analysis.asof import as_of, is_overdue
from dprk_cli.analysis.balance import reciprocity_balance
from dprk_cli.analysis.overview import order_overview
from dprk_cli.facts import nodes_of
from dprk_cli.lifecycle import replay
from dprk_cli.model import Verification
from dprk_cli.vocab import Result, Status

from .build import day, event, ledger, m


def closure(**fields):
    return m(
        "closure",
        actor="A",
        status="verified",
        history=[
            event("2018-04-20", "proposed", "created"),
            event("2018-05-24", "implemented"),
            event("2019-03-01", "verified", "verification"),
        ],
        verifications=[Verification(by="IAEA", result=Result.confirmed, date=day("2019-03-01"))],
        **fields,
    )


def test_as_of_takes_status_and_verifications_from_the_history():
    lg = ledger(closure())
    before = as_of(lg, day("2018-05-01")).index()["closure"]
    assert before.status == Status.proposed and before.verifications == []
    assert [h.date for h in before.history] == [day("2018-04-20")]
    done = as_of(lg, day("2018-05-24")).index()["closure"]  # the end of that day counts
    assert done.status == Status.implemented
    assert as_of(lg, day("2019-03-01")).index()["closure"].status == Status.verified


def test_as_of_leaves_out_measures_not_yet_created_and_links_to_them():
    lg = ledger(
        m("old", history=[event("2018-01-01", "proposed", "created")], after=["new"]),
        m(
            "new",
            history=[event("2018-06-01", "proposed", "created")],
            exchange=["old"],
        ),
    )
    then = as_of(lg, day("2018-03-01"))
    assert [x.id for x in then.measures] == ["old"]
    assert then.measures[0].constraints == []
    assert lg.index()["old"].constraints  # the original is untouched


def test_as_of_a_day_after_everything_is_the_ledger_itself():
    lg = ledger(closure())
    assert as_of(lg, day("2030-01-01")).measures == lg.measures


def test_overdue_is_past_the_deadline_and_not_acted():
    due = m("x", deadline=day("2018-10-01"))
    assert not is_overdue(due, day("2018-10-01"))  # due that day is not late yet
    assert is_overdue(due, day("2018-10-02"))
    assert not is_overdue(
        m("y", status="implemented", deadline=day("2018-01-01")), day("2019-01-01")
    )
    assert not is_overdue(m("z", status="withdrawn", deadline=day("2018-01-01")), day("2019-01-01"))
    assert is_overdue(m("w", status="reversed", deadline=day("2018-01-01")), day("2019-01-01"))
    assert not is_overdue(m("v"), day("2019-01-01"))


def test_a_measure_done_in_part_is_overdue_for_the_rest():
    """Implemented at a minimal or intermediate extent, a measure past its deadline was
    never overdue: it still owes the rest. In full, or disputed in full, it is not."""
    late = day("2019-01-01")
    for extent in ("minimal", "intermediate"):
        part = m("p", status="implemented", extent=extent, deadline=day("2018-01-01"))
        assert is_overdue(part, late) and not is_overdue(part, day("2018-01-01"))
        assert is_overdue(part.model_copy(update={"status": Status.verified}), late)
    for status in ("implemented", "disputed"):
        done = m("f", status=status, extent="full", deadline=day("2018-01-01"))
        assert not is_overdue(done, late)
    view = order_overview(nodes_of(ledger(part, done)), late)
    assert view.overdue == {"p"} and view.parties["A"].overdue == 1
    # (f, done in full on 2020-01-01 after its 2018 deadline, is no longer overdue: it was
    # done late, as its node, read as the ledger stands, says)
    # (p's rest, which nothing holds, can go ahead: ready, as `next` lists it)
    assert view.flags("p") == "ready, partly done, overdue" and view.flags("f") == "done late"


def test_acted_on_is_the_day_it_last_came_to_have_acted():
    assert replay(closure()).acted_since == day("2018-05-24")
    undone = m(
        "x",
        status="reversed",
        history=[event("2018-01-01", "implemented", "created"), event("2018-02-01", "reversed")],
    )
    assert replay(undone).acted_since is None


def test_balance_owed_and_owes_mirror_each_other():
    lg = ledger(
        closure(exchange=["relief"]),
        # (offered, and so exchanged for the closure, before the closure was carried out)
        m(
            "relief",
            actor="B",
            exchange=["closure"],
            history=[event("2018-05-01", "proposed", "created")],
        ),
        m("talks", actor="B", exchange=["visit"]),
        m("visit", actor="A", exchange=["talks"]),
        parties=("A", "B"),
    )
    balance = reciprocity_balance(nodes_of(lg), day("2018-06-03"))
    [owed] = balance["A"].owed
    assert (owed.measure, owed.counterpart, owed.since, owed.days) == (
        "closure",
        "relief",
        date(2018, 5, 24),
        10,
    )
    [owes] = balance["B"].owes
    assert (owes.measure, owes.counterpart, owes.since) == ("relief", "closure", date(2018, 5, 24))
    assert balance["A"].owes == [] and balance["B"].owed == []


def test_reversed_or_withdrawn_measure_owes_and_leaves_a_debt():
    lg = ledger(
        m("a", actor="A", status="implemented", exchange=["b"]),
        m("b", actor="B", status="withdrawn", exchange=["a"]),
        m("c", actor="A", status="implemented", exchange=["d"]),
        m("d", actor="B", status="reversed", exchange=["c"]),
        parties=("A", "B"),
    )
    balance = reciprocity_balance(nodes_of(lg), day("2020-01-02"))
    assert [o.measure for o in balance["A"].owed] == ["a", "c"]
    # (withdrawn after the other side paid: a debt its actor walked away from, as a
    # reversal is; it was "dropped, not owing", and the two columns did not add up)
    assert [o.measure for o in balance["B"].owes] == ["b", "d"]


def test_one_sided_exchange_link_still_counts():
    lg = ledger(m("a", actor="A", status="implemented", exchange=["b"]), m("b", actor="B"))
    assert [o.measure for o in reciprocity_balance(nodes_of(lg), day("2020-01-02"))["B"].owes] == [
        "b"
    ]


def test_overview_counts_per_party():
    lg = ledger(
        m("a", actor="A", status="implemented", exchange=["b"]),
        m("b", actor="B", exchange=["a"], deadline=day("2018-01-01")),
        m("c", actor="B", after=["b"]),
        m("d", actor="A", after=["e"]),
        m("e", actor="B", after=["d"]),
        parties=("A", "B"),
    )
    view = order_overview(nodes_of(lg), day("2019-01-01"))
    a, b = view.parties["A"], view.parties["B"]
    assert (a.ready, a.blocked, a.owes, a.owed, a.overdue) == (0, 1, 0, 1, 0)
    assert (b.ready, b.blocked, b.owes, b.owed, b.overdue) == (1, 2, 1, 0, 1)
    assert view.deadlocked("d") and view.deadlocked("e") and not view.deadlocked("c")
    assert view.overdue == {"b"}


def test_the_kept_overview_is_the_overview_on_any_day():
    """`kept_overview` (counts from an order's summary, per-measure flags read only when
    asked for) gives what `overview_on` gives, before, between and after the deadlines."""
    import json
    from datetime import timedelta

    from benchmarks.generate import build
    from dprk_cli.analysis.overview import Order, kept_overview, order_of, overview_on

    order = order_of(nodes_of(build(300, seed=5, cycles=2).ledger))
    summary = json.loads(json.dumps(order.summary()))  # as the memo keeps it
    each = json.loads(json.dumps(order.each()))
    dates = sorted({d for _, _, d in order.deadlines})
    assert len(dates) > 5 and order.states
    read: list[int] = []

    def kept_order() -> Order:
        read.append(1)
        return Order.from_each(each)

    for when in [
        dates[0] - timedelta(1),
        *dates[:: max(1, len(dates) // 8)],
        dates[-1] + timedelta(1),
    ]:
        made, kept = overview_on(order, when), kept_overview(summary, when, kept_order)
        assert kept.parties == made.parties
        assert kept.flags_width == made.flags_width
        assert not read  # counts and width need no measure's part
        assert kept.overdue == made.overdue and kept.states == made.states
        assert kept.due == made.due
        assert all(kept.flags(i) == made.flags(i) for i in order.states)
        read.clear()
    assert any(made.overdue for made in [overview_on(order, dates[-1] + timedelta(1))])


@given(
    deadlines=st.lists(st.dates(), max_size=20),
    day_=st.dates(),
)
def test_deadlines_kept_as_text_fall_due_as_dates_do(deadlines, day_):
    """`fallen_due` (sorted ISO text, as the store keeps deadlines) counts what
    `falls_due` says, for any dates (years before 1000 included)."""
    from dprk_cli.analysis.asof import fallen_due, falls_due

    kept = sorted(d.isoformat() for d in deadlines)
    assert fallen_due(kept, day_) == sum(falls_due(d, day_) for d in deadlines)
