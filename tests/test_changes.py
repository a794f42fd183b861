"""The changes to one measure, as pure functions: what each adds and what it leaves alone."""

from __future__ import annotations

from datetime import date

import pytest

from dprk_cli import changes
from dprk_cli.errors import DprkError, UsageError
from dprk_cli.model import Constraint
from dprk_cli.vocab import Extent, Result, Status

D1, D2, D3 = date(2018, 1, 1), date(2018, 2, 1), date(2018, 3, 1)


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def new(ident: str = "a", **kw):
    return changes.new_measure(ident, f"Measure {ident}", "DPRK", when=D1, **kw)


def test_a_new_measure_starts_with_its_creation():
    m = new(sources=["one", "one", "two"], after=["b", "b"], in_exchange_for=["c", "c"])
    (created,) = m.history
    assert (created.event, created.status, created.date, created.undated) == (
        "created",
        Status.proposed,
        D1,
        False,
    )
    assert m.sources == ["one", "two"] and m.after == ["b"] and m.in_exchange_for == ["c"]
    undated = new(dated=False, status=Status.implemented, extent=Extent.minimal)
    assert undated.history[0].undated
    assert undated.history[0].detail == (
        "created as implemented (minimal) (no date given: dated by its earliest event)"
    )
    assert undated.history[0].extent == Extent.minimal


def test_mark_adds_an_entry_and_a_source_and_decides_nothing():
    m = changes.mark(new(), Status.implemented, D2, extent=Extent.intermediate, sources=["s"])
    entry = m.history[-1]
    assert (entry.status, entry.extent, entry.detail) == (
        Status.implemented,
        Extent.intermediate,
        "implemented (intermediate); source: s",  # (the source it brought, as a note's)
    )
    assert m.sources == ["s"]
    assert m.status == Status.proposed  # the replay decides, when the draft is finished
    with pytest.raises(UsageError, match="comes from a verifier"):
        changes.mark(m, Status.verified, D3)
    with pytest.raises(UsageError, match="--extent goes with implemented"):
        changes.mark(m, Status.agreed, D3, extent=Extent.full)


def test_verify_keeps_the_finding_and_its_history_entry_together():
    m = changes.verify(new(), "IAEA", Result.refuted, D2, method="inspection", evidence=["r1"])
    (record,) = m.verifications
    assert (record.by, record.result, record.date, record.evidence) == (
        "IAEA",
        Result.refuted,
        D2,
        ["r1"],
    )
    entry = m.history[-1]
    assert (entry.event, entry.status, entry.detail) == (
        "verification",
        Status.disputed,
        "refuted by IAEA (inspection)",
    )
    partial = changes.verify(new(), "IAEA", Result.partial, D2)
    assert partial.history[-1].status is None


def test_note_changes_no_status():
    m = changes.note(new(), "seen from orbit", D2, source="38 North")
    entry = m.history[-1]
    assert (entry.event, entry.status, entry.note, entry.detail) == (
        "note",
        None,
        "seen from orbit",
        "source: 38 North",
    )
    assert m.sources == ["38 North"]


def test_edit_says_what_changed_and_nothing_when_nothing_did():
    m = new(sources=["old"])
    edited = changes.edit(m, D2, title="New title", deadline=D3, add_sources=["x"],
                          remove_sources=["old"])  # fmt: skip
    assert (edited.title, edited.deadline, edited.sources) == ("New title", D3, ["x"])
    assert edited.history[-1].detail == (
        "title: 'Measure a' -> 'New title'; deadline: (none) -> '2018-03-01'; "
        "source removed: old; source added: x"
    )
    assert changes.edit(m, D2, title="Measure a") is m
    with pytest.raises(DprkError, match="has no source 'nope'"):
        changes.edit(m, D2, remove_sources=["nope"])
    with pytest.raises(TypeError):
        changes.edit(m, D2, status=Status.agreed)


def test_exchange_links_once():
    m = changes.link_exchange(new(), "b", D2)
    assert changes.link_exchange(m, "b", D3) is m
    assert changes.unlink_exchange(m, "b", D3).in_exchange_for == []
    assert changes.unlink_exchange(new(), "b", D3).in_exchange_for == []


def test_sequence_after_replaces_a_with_link_on_both_sides():
    a, b = new("a"), new("b")
    a2, b2 = changes.sequence(a, b, Constraint(with_="b"), D2)
    assert a2.together_with == ["b"] and b2.together_with == ["a"]
    a3, b3 = changes.sequence(a2, b2, Constraint(after="b"), D3)
    assert a3.after == ["b"] and a3.together_with == [] and b3.together_with == []
    assert "(was: together with b)" in a3.history[-1].detail
    again, _ = changes.sequence(a3, b3, Constraint(after="b"), D3)
    assert again is a3
    with pytest.raises(DprkError, match="itself"):
        changes.add_constraint(a, Constraint(after="a"), D2)
    with pytest.raises(DprkError, match="no sequencing constraint"):
        changes.remove_constraint(a, "z", D2)


def test_drop_references_and_references():
    m = changes.sequence(
        changes.link_exchange(new("a", part_of="gone"), "gone", D2), new("gone"),
        Constraint(after="gone"), D2,
    )[0]  # fmt: skip
    assert changes.references(m, "gone")
    dropped = changes.drop_references(m, "gone", D3)
    assert not changes.references(dropped, "gone")
    assert dropped.history[-1].detail.startswith("gone removed: no longer in exchange for gone")
    assert changes.drop_references(new("b"), "gone", D3).id == "b"


def test_rename_rewrites_references_and_history_words_only_whole_ids():
    m = changes.link_exchange(new("x"), "pg", D2)
    m = changes.sequence(m, new("pg"), Constraint(after="pg"), D2)[0]
    m = changes.note(m, "about pg", D3, source="pg-2, pg.old and pg")
    renamed = changes.rename_in(m, "pg", "punggye")
    assert renamed.in_exchange_for == ["punggye"] and renamed.after == ["punggye"]
    assert renamed.history[-1].note == "about pg"  # notes are the analyst's own words
    details = [h.detail for h in renamed.history]
    assert "in exchange for punggye" in details and "after punggye" in details
    # (a source, a title, a note are the analyst's words, where an id may be a word)
    assert "source: pg-2, pg.old and pg" in details
    titled = changes.rename_in(changes.edit(m, D3, title="Close pg"), "pg", "punggye")
    assert titled.history[-1].detail == "title: 'Measure x' -> 'Close pg'"
    parted = changes.edit(changes.edit(new("z"), D2, part_of="pg-2"), D3, part_of="pg")
    details = [h.detail for h in changes.rename_in(parted, "pg", "punggye").history]
    assert details[-1] == "part_of: 'pg-2' -> 'punggye'"  # (only whole ids: pg-2 stays)
    untouched = new("y")
    assert changes.rename_in(untouched, "pg", "punggye") is untouched


def test_redate_moves_one_entry_and_its_finding():
    m = changes.verify(changes.mark(new(), Status.implemented, D2), "IAEA", Result.confirmed, D3)
    moved, old = changes.redate(m, 3, date(2018, 4, 1))
    assert old.event == "verification" and old.date == D3
    assert [v.date for v in moved.verifications] == [date(2018, 4, 1)]
    with pytest.raises(DprkError, match="has 3 history entries"):
        changes.redate(m, 4, D2)
    with pytest.raises(DprkError, match="already dated"):
        changes.redate(m, 2, D2)
    undated = new(dated=False)
    dated, _ = changes.redate(undated, 1, D1)
    assert not dated.history[0].undated and "no date given" not in dated.history[0].detail


def test_the_title_notes_and_sources_a_measure_held_on_a_day_are_read_from_its_edits():
    """What `--search --as-of` reads (`text_on`, `sources_on`): an edit or a note dated
    after the day undone; a title that holds the words of a source piece is a title."""
    m = new(sources=["given at creation"])
    m = changes.edit(m, D1, notes="x" * 80)
    title = "Talks; source added: not a source"
    m = changes.edit(
        m, D2, title=title, notes="short", add_sources=["one; two", "three"],
        remove_sources=["given at creation"],
    )  # fmt: skip
    m = changes.note(m, "seen", D3, source="wire")
    assert changes.text_on(m, D1) == ("Measure a", "x" * 80)  # (kept whole beside its words)
    cut = m.model_copy(
        update={"history": [h.model_copy(update={"notes_after": None}) for h in m.history]}
    )
    assert changes.text_on(cut, D1) == ("Measure a", "x" * 57)  # (an earlier dprk's: its start)
    assert changes.text_on(m, D2) == (title, "short")
    assert changes.sources_on(m, D1) == ["given at creation"]
    assert changes.sources_on(m, D2) == ["one; two", "three"]
    assert changes.sources_on(m, D3) == m.sources == ["one; two", "three", "wire"]
