"""`dprk check`'s registry: each check finds its problem, says what to do, and only that."""

from __future__ import annotations

import pytest

from dprk_cli.analysis.checks import CHECKS, Check, Problem, run_checks
from dprk_cli.model import Verification
from dprk_cli.store import parse_bytes
from dprk_cli.vocab import Result
from tests.conftest import ROOT

from .build import day, event, ledger, m


def found(lg) -> list[tuple[str, str, str | None]]:
    return [(p.severity, p.check, p.measure) for p in run_checks(lg).problems]


def messages(lg) -> list[str]:
    return [p.message for p in run_checks(lg).problems]


def test_a_clean_ledger_has_no_problems():
    result = run_checks(ledger(m("a", exchange=["b"]), m("b", "B", exchange=["a"], after=["a"])))
    assert result.problems == [] and result.ok


def test_registry_is_a_named_ordered_list_anyone_can_extend(monkeypatch):
    names = [c.name for c in CHECKS]
    assert len(names) == len(set(names))
    assert names[:2] == ["parties", "duplicate-ids"]  # (the header first)
    assert (
        names.index("unknown-links") < names.index("acted-out-of-order") < names.index("deadlocks")
    )

    def no_titles_shouting(lg):
        return [Problem("warning", "", x.id, "title is all capitals") for x in lg.measures]

    monkeypatch.setattr(
        "dprk_cli.analysis.checks.CHECKS", [*CHECKS, Check("shouting", no_titles_shouting)]
    )
    assert found(ledger(m("a"))) == [("warning", "shouting", "a")]


def test_duplicate_ids():
    assert found(ledger(m("a"), m("a"))) == [("error", "duplicate-ids", "a")]
    assert "give each its own id" in messages(ledger(m("a"), m("a")))[0]


def test_self_references():
    assert found(ledger(m("a", after=["a"]))) == [("error", "self-references", "a")]
    assert "dprk sequence a --remove a" in messages(ledger(m("a", after=["a"])))[0]
    assert found(ledger(m("a", exchange=["a"]))) == [("error", "self-references", "a")]


def test_links_to_unknown_ids():
    lg = ledger(m("a", exchange=["ghost"], after=["nowhere"]))
    assert found(lg)[:2] == [("error", "unknown-links", "a"), ("error", "unknown-links", "a")]
    text = " ".join(messages(lg))
    assert "'ghost'" in text and "dprk sequence a --remove nowhere" in text


def test_one_sided_exchange_link():
    lg = ledger(m("a", exchange=["b"]), m("b"))
    assert found(lg) == [("error", "one-sided-exchanges", "a")]
    assert "run 'dprk link a b' to record it on both" in messages(lg)[0]


def test_one_sided_with_link():
    lg = ledger(m("a", together=["b"]), m("b"))
    assert found(lg) == [("error", "one-sided-with", "a")]
    assert "dprk sequence a --with b" in messages(lg)[0]


def test_undeclared_actor_and_demanding_party():
    lg = ledger(m("a", actor="NK"), m("b", after=["a"], demands={"a": "Japan"}))
    assert found(lg) == [("error", "undeclared-parties", "a"), ("error", "undeclared-parties", "b")]
    text = " ".join(messages(lg))
    assert "dprk add-party NK" in text and "dprk add-party Japan" in text


def test_status_that_disagrees_with_the_history():
    lg = ledger(m("a", status="implemented", history=[event("2018-01-01", "proposed", "created")]))
    assert found(lg) == [("error", "status-history", "a")]
    assert 'status = "proposed"' in messages(lg)[0]


def test_verification_on_a_measure_that_never_acted():
    lg = ledger(
        m(
            "a",
            verifications=[Verification(by="IAEA", result=Result.partial, date=day("2021-02-01"))],
        )
    )
    assert found(lg) == [("error", "verification-without-action", "a")]
    assert "dprk mark a implemented" in messages(lg)[0]


def test_verification_dated_before_the_measure_acted():
    lg = ledger(
        m(
            "a",
            status="implemented",
            history=[
                event("2018-01-01", "proposed", "created"),
                event("2018-03-01", "implemented"),
            ],
            verifications=[Verification(by="IAEA", result=Result.partial, date=day("2018-02-01"))],
        )
    )
    assert found(lg) == [("error", "contradicting-dates", "a")]
    assert "2018-02-01" in messages(lg)[0] and "2018-03-01" in messages(lg)[0]


def test_acted_before_it_was_proposed():
    lg = ledger(
        m(
            "a",
            status="proposed",
            history=[
                event("2018-01-01", "implemented"),
                event("2018-02-01", "proposed", "created"),
            ],
        )
    )
    assert ("error", "contradicting-dates", "a") in found(lg)


def test_entries_recorded_late_are_no_problem():
    # The implementation was entered a year after the verification that followed it:
    # the order of recording is no error, only the order of the dates counts.
    from datetime import UTC, datetime

    from dprk_cli.model import HistoryEntry
    from dprk_cli.vocab import Status

    def entry(when, status, name, recorded):
        return HistoryEntry(
            date=day(when),
            event=name,
            status=Status(status),
            recorded=datetime(recorded, 1, 1, tzinfo=UTC),
        )

    lg = ledger(
        m(
            "a",
            status="verified",
            history=[
                entry("2018-01-01", "proposed", "created", 2018),
                entry("2018-05-01", "implemented", "status", 2020),
                entry("2018-06-01", "verified", "verification", 2019),
            ],
            verifications=[
                Verification(by="IAEA", result=Result.confirmed, date=day("2018-06-01"))
            ],
        )
    )
    assert found(lg) == []


def test_acting_before_a_prerequisite_is_a_warning():
    # (first was made before second acted: an order toward a measure not yet made holds
    # nothing, see the test below)
    made = event("2018-03-01", "proposed", "created")
    lg = ledger(
        m("first", status="implemented", history=[made, event("2018-05-01", "implemented")]),
        m(
            "second",
            status="implemented",
            after=["first"],
            demands={"first": "B"},
            history=[event("2018-04-01", "implemented", "created")],
        ),
        m(
            "third",
            status="implemented",
            verified_after=["first"],
            history=[event("2018-06-01", "implemented", "created")],
        ),
    )
    assert found(lg) == [
        ("warning", "acted-out-of-order", "second"),
        ("warning", "acted-out-of-order", "third"),
    ]
    first, second = messages(lg)
    assert "before 'first' acted on 2018-05-01" in first and "demanded by B" in first
    assert "has not stood verified" in second
    assert run_checks(lg).ok  # warnings alone pass


def test_acting_before_the_measure_to_follow_was_made_is_no_warning():
    lg = ledger(
        m("first", status="implemented", history=[event("2018-05-01", "implemented", "created")]),
        m(
            "second",
            status="implemented",
            after=["first"],
            history=[event("2018-04-01", "implemented", "created")],
        ),
    )
    assert found(lg) == []


def test_deadlocks_are_warnings_and_errors_under_strict():
    lg = ledger(
        m("a", after=["b"], exchange=["b"], demands={"b": "A"}),
        m("b", "B", after=["a"], exchange=["a"], demands={"a": "B"}),
    )
    # named after the measure its sentence starts with: "b waits for a ..."
    assert found(lg) == [("warning", "deadlocks", "b")]
    assert messages(lg)[0].startswith("deadlock: b waits for a (demanded by B); a waits for b")
    assert "dprk sequence b --with a" in messages(lg)[0]
    assert run_checks(lg).ok
    strict = run_checks(lg, strict=True)
    assert [p.severity for p in strict.problems] == ["error"] and not strict.ok


def test_checks_run_on_a_ledger_with_repeated_ids():
    lg = ledger(m("a", after=["b"]), m("a"), m("b", after=["a"]))
    names = [check for _, check, _ in found(lg)]
    assert names[0] == "duplicate-ids" and "deadlocks" in names


@pytest.mark.parametrize(
    "path",
    sorted([*(ROOT / "examples").glob("*.toml"), *(ROOT / "seeds").glob("*.toml")]),
    ids=lambda p: p.name,
)
def test_shipped_ledgers_have_no_errors(path):
    result = run_checks(parse_bytes(path.read_bytes(), str(path)))
    assert result.errors == 0, [p.message for p in result.problems]


def test_an_exchange_of_one_party_s_two_measures_is_a_warning():
    """Iran's release 'in exchange for' Iran's house arrest: the balance had Iran owe
    itself, and check said ok."""
    lg = ledger(m("ha", "B", exchange=["rel"]), m("rel", "B", exchange=["ha"]))
    assert found(lg) == [("warning", "exchange-within-a-party", "ha")]
    assert messages(lg) == [
        "'ha' and 'rel' are both B's: an exchange is one side's measure for another's; "
        "unlink them on the day they were linked, so that it never stood ('dprk unlink ha rel "
        "--date D', D as 'dprk log ha rel' dates the link), or correct the actor of one from "
        "its first day ('dprk edit ha --actor PARTY --date 2020-01-01', or 'dprk edit rel "
        "--actor PARTY --date 2020-01-01')"
    ]
    assert found(ledger(m("ha", "B", exchange=["rel"]), m("rel", "C", exchange=["ha"]))) == []
