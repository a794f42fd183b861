"""The three-way merge, rule by rule, on small ledgers built in code."""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import time
import tomllib
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from unittest import mock

import pytest

from dprk_cli import store
from dprk_cli.analysis.merge import merge, unresolved
from dprk_cli.errors import DprkError, UsageError
from dprk_cli.operations import settle as settle_on
from tests.team.build import after, day, drop, edit, entry, ledger, measure, put, verification


def settle(m, name, take, parties):
    return settle_on(m, name, take, parties, date(2026, 1, 1))


BASE = ledger(
    measure("a", sources=["s1"], notes="base notes"),
    measure("b", "US", in_exchange_for=["c"]),
    measure("c", in_exchange_for=["b"]),
)


def both_ways(base, ours, theirs):
    """Merge both ways round; the ledgers must agree when the merge is clean."""
    one, two = merge(base, ours, theirs), merge(base, theirs, ours)
    if one.clean:
        assert two.clean and one.ledger == two.ledger
    return one


def test_measure_added_on_one_side_is_kept():
    ours = put(BASE, measure("new"))
    assert "new" in both_ways(BASE, ours, BASE).ledger.index()


def test_measure_added_identically_on_both_sides_is_kept_once():
    side = put(BASE, measure("new", title="Same"))
    result = both_ways(BASE, side, side)
    assert result.clean
    assert [m.id for m in result.ledger.measures].count("new") == 1


def test_same_id_added_with_different_content_merges_field_by_field():
    ours = put(BASE, measure("new", title="Ours", notes="from ours"))
    theirs = put(BASE, measure("new", title="Theirs", history=[entry(0, "created", rec=5)]))
    result = merge(BASE, ours, theirs)
    new = result.ledger.index()["new"]
    assert new.notes == "from ours"  # one side left it empty: no conflict
    assert [(c.field, c.ours, c.theirs) for c in new.conflicts] == [("title", "Ours", "Theirs")]
    assert len(new.history) == 1  # one creation, of one day and one status: one event


def test_same_id_added_on_both_sides_created_two_ways_is_a_history_conflict():
    """Created on two dates (or as two statuses): a measure is created once, so the
    merge keeps no second creation silently; it used to keep both, and check said ok."""
    ours = put(BASE, measure("new", history=[entry(0, "created", "proposed")]))
    theirs = put(BASE, measure("new", history=[entry(3, "created", rec=5)]))
    for one, two in ((ours, theirs), (theirs, ours)):
        new = merge(BASE, one, two).ledger.index()["new"]
        assert [c.field for c in new.conflicts] == ["history"]


def test_different_fields_changed_on_each_side_are_both_kept():
    ours = edit(BASE, "a", notes="ours notes")
    theirs = edit(BASE, "a", deadline=date(2019, 1, 1), category="sanctions")
    a = both_ways(BASE, ours, theirs).ledger.index()["a"]
    assert (a.notes, a.deadline, a.category) == ("ours notes", date(2019, 1, 1), "sanctions")


def test_same_change_on_both_sides_is_no_conflict():
    side = edit(BASE, "a", notes="agreed notes")
    result = both_ways(BASE, side, side)
    assert result.clean and result.ledger.index()["a"].notes == "agreed notes"


def test_same_field_changed_differently_is_a_conflict_that_keeps_both_values():
    ours = edit(BASE, "a", deadline=date(2019, 1, 1))
    theirs = edit(BASE, "a", deadline=date(2019, 2, 1))
    result = merge(BASE, ours, theirs)
    assert not result.clean
    [conflict] = result.conflicts
    assert (conflict.measure, conflict.field) == ("a", "deadline")
    assert (conflict.ours, conflict.theirs) == ("2019-01-01", "2019-02-01")
    assert result.ledger.index()["a"].deadline == date(2019, 1, 1)  # ours, until resolved


def test_a_value_removed_on_one_side_and_changed_on_the_other_is_a_conflict():
    base = edit(BASE, "a", deadline=date(2019, 1, 1))
    ours = edit(base, "a", deadline=None)
    theirs = edit(base, "a", deadline=date(2019, 3, 1))
    [conflict] = merge(base, ours, theirs).conflicts
    assert (conflict.ours, conflict.theirs) == (None, "2019-03-01")


def test_sources_are_a_union_in_an_order_that_does_not_depend_on_the_side():
    ours = edit(BASE, "a", sources=["s1", "ours-1", "ours-2"])
    theirs = edit(BASE, "a", sources=["s1", "theirs-1"])
    a = both_ways(BASE, ours, theirs).ledger.index()["a"]
    assert a.sources == ["s1", "ours-1", "ours-2", "theirs-1"]


def test_a_list_item_removed_on_one_side_is_removed():
    ours = edit(BASE, "a", sources=[])
    theirs = edit(BASE, "a", sources=["s1", "s2"])
    assert both_ways(BASE, ours, theirs).ledger.index()["a"].sources == ["s2"]


def test_status_follows_the_merged_history():
    base = put(BASE, measure("x", status="agreed", history=[entry(0, "created", "agreed")]))
    implemented = entry(10, "status", "implemented", note="ours saw it", rec=1)
    ours = edit(base, "x", status="implemented", history=[*base.index()["x"].history, implemented])
    theirs_history = [
        *base.index()["x"].history,
        entry(10, "status", "implemented", note="theirs saw it", rec=2),
        entry(20, "verification", "verified", rec=3),
    ]
    theirs = edit(
        base, "x", status="verified", history=theirs_history, verifications=[verification(20)]
    )
    x = both_ways(base, ours, theirs).ledger.index()["x"]
    assert x.status.value == "verified"
    # one event both sides recorded is kept once, with both notes
    assert [h.note for h in x.history if h.status and h.status.value == "implemented"] == [
        "ours saw it; theirs saw it"
    ]
    assert len(x.verifications) == 1


def test_verifications_are_a_union_without_duplicates():
    base = put(BASE, measure("x", status="implemented"))
    v_iaea, v_other = verification(5), verification(6, by="38 North", result="partial")
    ours = edit(base, "x", verifications=[v_iaea])
    theirs = edit(base, "x", verifications=[v_iaea, v_other])
    x = both_ways(base, ours, theirs).ledger.index()["x"]
    assert [v.by for v in x.verifications] == ["IAEA", "38 North"]


def test_removed_on_one_side_untouched_on_the_other_is_removed():
    ours = drop(BASE, "a")
    result = both_ways(BASE, ours, BASE)
    assert result.clean and "a" not in result.ledger.index()


def test_removed_on_one_side_changed_on_the_other_is_kept_as_a_conflict():
    ours = drop(BASE, "a")
    theirs = edit(BASE, "a", notes="still here")
    result = merge(BASE, ours, theirs)
    a = result.ledger.index()["a"]
    assert a.notes == "still here"
    assert [(c.field, c.ours, c.theirs) for c in a.conflicts] == [("measure", None, "changed")]
    settled = settle(a, "measure", "ours", ["DPRK", "US"])
    assert settled.measure is None
    kept = settle(a, "measure", "theirs", ["DPRK", "US"]).measure
    assert kept is not None and not kept.conflicts


def test_a_removed_measure_still_linked_to_comes_back_as_a_conflict():
    ours = drop(BASE, "a")
    theirs = edit(BASE, "b", constraints=[after("a")])
    result = merge(BASE, ours, theirs)
    assert "a" in result.ledger.index()
    assert [(c.measure, c.field, c.theirs) for c in result.conflicts] == [("a", "measure", "kept")]


def test_parties_are_a_union_and_a_used_party_is_not_removed():
    ours = put(BASE, measure("j", "Japan")).model_copy(update={"parties": ["DPRK", "US", "Japan"]})
    theirs = BASE.model_copy(update={"parties": ["DPRK", "US", "China"]})
    # each side's additions after the base, in an order that does not depend on the side
    assert both_ways(BASE, ours, theirs).ledger.parties == ["DPRK", "US", "China", "Japan"]
    dropped_us = BASE.model_copy(update={"parties": ["DPRK"]})
    assert "US" in merge(BASE, dropped_us, BASE).ledger.parties  # measure b is the US's


def test_constraints_added_on_each_side_are_both_kept():
    ours = edit(BASE, "a", constraints=[after("b")])
    theirs = edit(BASE, "a", constraints=[after("c", demanded_by="US")])
    a = both_ways(BASE, ours, theirs).ledger.index()["a"]
    assert [c.other for c in a.constraints] == ["b", "c"]


def test_one_constraint_changed_differently_is_a_conflict_settled_by_a_value():
    base = edit(BASE, "a", constraints=[after("b")])
    ours = edit(base, "a", constraints=[after("b", require="verified")])
    theirs = edit(base, "a", constraints=[after("b", demanded_by="US")])
    result = merge(base, ours, theirs)
    [conflict] = result.conflicts
    assert conflict.field == "constraints.b"
    assert conflict.ours == '{ after = "b", require = "verified" }'
    assert conflict.theirs == '{ after = "b", demanded_by = "US" }'
    a = result.ledger.index()["a"]
    both = '{ after = "b", require = "verified", demanded_by = "US" }'
    settled = settle(a, "constraints.b", both, ["DPRK", "US"]).measure
    assert settled is not None and not settled.conflicts
    assert settled.constraints == [after("b", require="verified", demanded_by="US")]
    with pytest.raises(UsageError, match="must refer to 'b'"):
        settle(a, "constraints.b", '{ after = "c" }', ["DPRK", "US"])


def test_title_of_the_ledger_changed_differently_is_a_header_conflict():
    ours = BASE.model_copy(update={"title": "Ours"})
    theirs = BASE.model_copy(update={"title": "Theirs"})
    result = merge(BASE, ours, theirs)
    assert [(c.measure, c.field, c.ours, c.theirs) for c in result.conflicts] == [
        (None, "title", "Ours", "Theirs")
    ]
    raw = store.render_ledger(result.ledger).encode("utf-8")
    assert store.parse_bytes(raw, "merged") == result.ledger


def test_conflicts_carried_in_stay_until_settled_on_either_side():
    conflicted = merge(BASE, edit(BASE, "a", notes="x"), edit(BASE, "a", notes="y")).ledger
    # one side keeps working without settling it: the conflict stays
    later = edit(conflicted, "b", notes="more")
    assert [c.field for c in unresolved(merge(conflicted, conflicted, later).ledger)] == ["notes"]
    # one side settles it: it is settled in the merge
    settled = edit(conflicted, "a", conflicts=[], notes="x")
    assert merge(conflicted, settled, later).clean


def test_no_common_ancestor_merges_as_if_everything_were_added():
    ours = ledger(measure("a"), measure("o"))
    theirs = ledger(measure("a"), measure("t"))
    result = both_ways(None, ours, theirs)
    assert result.clean
    assert [m.id for m in result.ledger.measures] == ["a", "o", "t"]


def test_merging_is_idempotent_and_deterministic():
    ours = edit(BASE, "a", notes="ours", sources=["s1", "s9"])
    assert merge(BASE, ours, ours).ledger == ours
    assert merge(BASE, BASE, ours).ledger == ours
    assert merge(BASE, ours, BASE).ledger == ours
    theirs = edit(BASE, "b", notes="theirs")
    first = store.render_ledger(merge(BASE, ours, theirs).ledger)
    assert first == store.render_ledger(merge(BASE, ours, theirs).ledger)


@pytest.mark.parametrize(
    ("field", "take", "expected"),
    [
        ("deadline", "ours", date(2019, 1, 1)),
        ("deadline", "theirs", date(2019, 2, 1)),
        ("deadline", "2019-03-03", date(2019, 3, 3)),
        ("deadline", "none", None),
    ],
)
def test_settling_a_deadline(field, take, expected):
    result = merge(
        BASE, edit(BASE, "a", deadline=date(2019, 1, 1)), edit(BASE, "a", deadline=day(245))
    )
    settled = settle(result.ledger.index()["a"], field, take, ["DPRK", "US"]).measure
    assert settled is not None and settled.deadline == expected and not settled.conflicts


def test_settling_refuses_bad_values():
    result = merge(BASE, edit(BASE, "a", actor="US"), edit(BASE, "a", actor="ROK"))
    a = result.ledger.index()["a"]
    with pytest.raises(DprkError, match="'Japan' is not a declared party"):
        settle(a, "actor", "Japan", ["DPRK", "US"])
    with pytest.raises(DprkError, match="no merge conflict on 'title' \\(conflicts on: actor\\)"):
        settle(a, "title", "ours", ["DPRK", "US"])
    with pytest.raises(DprkError, match="has no unresolved merge conflicts"):
        settle(BASE.index()["a"], "title", "ours", ["DPRK", "US"])
    dated = merge(
        BASE, edit(BASE, "a", deadline=date(2019, 1, 1)), edit(BASE, "a", deadline=day(245))
    )
    with pytest.raises(UsageError, match="'soon' is not a date"):
        settle(dated.ledger.index()["a"], "deadline", "soon", [])


def test_entries_recorded_within_one_second_keep_their_order_through_a_merge(
    dprk, tmp_path, monkeypatch
):
    """A script marked 'm' minimal, then intermediate, within one second on one side:
    the merge (either way round) keeps that order, so 'm' stays intermediate."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    base = tmp_path / "base.toml"
    assert dprk("--ledger", base, "init", "--party", "US").code == 0
    for ident in ("m", "n"):
        added = dprk("--ledger", base, "add-measure", ident.upper(), "--actor", "US", "--id",
                     ident, "--date", "2018-01-01")  # fmt: skip
        assert added.code == 0, added.err
    ours, theirs = tmp_path / "ours.toml", tmp_path / "theirs.toml"
    for copy in (ours, theirs):
        copy.write_bytes(base.read_bytes())
    for extent in ("minimal", "intermediate"):
        marked = dprk("--ledger", ours, "mark", "m", "implemented", "--extent", extent,
                      "--date", "2018-10-01")  # fmt: skip
        assert marked.code == 0, marked.err
    assert dprk("--ledger", theirs, "mark", "n", "agreed", "--date", "2018-10-01").code == 0
    noted = dprk("--ledger", theirs, "note", "m", "Reported by KCNA", "--date", "2018-09-01")
    assert noted.code == 0, noted.err  # (both sides add to m's history)
    merged = []
    for one, two, name in ((ours, theirs, "one.toml"), (theirs, ours, "two.toml")):
        out = tmp_path / name
        result = dprk("merge-driver", base, one, two, "--output", out)
        assert result.code == 0, result.err
        merged.append(out.read_bytes())
    assert merged[0] == merged[1]
    shown = dprk("--ledger", tmp_path / "one.toml", "show", "m", "n", "--format", "json")
    m, n = json.loads(shown.out)
    assert (m["status"], m["extent"], n["status"]) == ("implemented", "intermediate", "agreed")
    assert [(h["event"], h["detail"]) for h in m["history"][1:]] == [
        ("note", ""),
        ("status", "implemented (minimal)"),
        ("status", "implemented (intermediate)"),
    ]
    assert dprk("--ledger", tmp_path / "one.toml", "check").code == 0


@contextlib.contextmanager
def _desk(seconds_ago: int) -> Iterator[None]:
    """The clock a desk recorded its change by: `seconds_ago` before the test's own (its
    SOURCE_DATE_EPOCH, else now), so that what the test records after the merge comes
    later. Two desks record their changes in different seconds (within one second,
    which was found first is not known: a step that does not fit is then a gap)."""
    base = int(os.environ.get("SOURCE_DATE_EPOCH") or time.time())
    with mock.patch.dict(os.environ, {"SOURCE_DATE_EPOCH": str(base - seconds_ago)}):
        yield


def _conflicting(dprk, tmp_path, ours_args, theirs_args):
    """The bundled example changed one way in ours and then another in theirs, merged
    into the ledger the `dprk` fixture reads: the merged bytes."""
    assert dprk("init", "--example", "korea-2018").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    sides = {name: tmp_path / f"{name}.toml" for name in ("base", "ours", "theirs")}
    for side in sides.values():
        side.write_bytes(ledger.read_bytes())
    for side, args, ago in ((sides["ours"], ours_args, 2), (sides["theirs"], theirs_args, 1)):
        with _desk(ago):
            changed = dprk("--ledger", side, *args)
        assert changed.code == 0, changed.err
    merged = dprk("merge-driver", sides["base"], sides["ours"], sides["theirs"], "--output", ledger)
    assert merged.code == 1, merged.err  # (a conflict)
    return ledger.read_bytes()


@pytest.mark.parametrize(
    ("field", "ours_args", "theirs_args", "takes"),
    [
        (
            "history",
            ["mark", "second-summit", "implemented", "--date", "2018-10-01"],
            ["mark", "second-summit", "rejected", "--date", "2018-10-03"],
            {"ours": ("status", "implemented"), "theirs": ("status", "rejected")},
        ),
        (
            "part_of",
            ["edit", "tongchang-ri-dismantlement", "--part-of", "complete-denuclearization-pledge",
             "--date", "2018-10-01"],
            ["edit", "tongchang-ri-dismantlement", "--part-of", "inventory-submission",
             "--date", "2018-10-01"],
            {
                "ours": ("part_of", "complete-denuclearization-pledge"),
                "theirs": ("part_of", "inventory-submission"),
                "none": ("part_of", None),
            },
        ),
    ],
)  # fmt: skip
def test_every_conflict_the_merge_records_can_be_settled_and_undone(
    dprk, tmp_path, monkeypatch, field, ours_args, theirs_args, takes
):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    merged = _conflicting(dprk, tmp_path, ours_args, theirs_args)
    ident = ours_args[1]
    ledger = tmp_path / "dprk-ledger.toml"
    found = json.loads(dprk("check", "--format", "json").out)["problems"]
    errors = [(p["check"], p["measure"]) for p in found if p["severity"] == "error"]
    # The conflict, and no error elsewhere (a whole's status, say); two histories that
    # do not fit together are not mixed: the measure keeps ours until it is settled.
    assert errors == [("merge-conflicts", ident)]
    for take, (key, value) in takes.items():
        result = dprk("resolve", ident, "--field", field, "--take", take)
        assert result.code == 0, result.err
        # (the value taken is named: ours and theirs swap in a rebase)
        shown = {"none": "none (cleared)", "ours": "ours", "theirs": "theirs"}[take]
        if field != "history" and take != "none":
            shown += f" ('{value}')"
        if (field, take) == ("history", "theirs"):  # (the status it moved, as a drop says)
            shown += (
                "; second-summit is now rejected (since 2018-10-03; it was implemented since "
                "2018-10-01)"
            )
        said = f"{ident}: {field}: took {shown}\n"
        if (field, take) == ("part_of", "theirs"):
            # (a part that acted makes the measure it joins acted: the deadlock that
            # measure stood in ends, and the write says so)
            said += (
                "dprk: warning: deadlock: inventory-submission waits for "
                "end-of-war-declaration (demanded by DPRK); end-of-war-declaration waits for "
                "inventory-submission (demanded by US); it no longer stands\n"
            )
        assert result.err == said
        assert json.loads(dprk("show", ident, "--format", "json").out)[key] == value
        assert json.loads(dprk("check", "--format", "json").out)["errors"] == 0
        undone = dprk("undo")
        assert undone.code == 0, undone.err
        assert ledger.read_bytes() == merged


def test_a_notes_conflict_settled_with_notes_of_several_lines(dprk, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    edit = ["edit", "second-summit", "--date", "2018-10-01", "--notes"]
    _conflicting(dprk, tmp_path, [*edit, "Hanoi"], [*edit, "Da Nang"])
    notes = "Hanoi, 27-28 February 2019\nno agreement"
    result = dprk("resolve", "second-summit", "--field", "notes", "--take", notes)
    assert result.code == 0, result.err
    assert json.loads(dprk("show", "second-summit", "--format", "json").out)["notes"] == notes
    assert dprk("sequence", "second-summit", "--remove", "no such").code == 2  # (an id)


def test_a_settled_conflict_keeps_the_notes_and_the_title_in_full(dprk, tmp_path, monkeypatch):
    """A conflict on notes settled by taking a side wrote the notes taken in its entry by
    their first 57 characters alone (and the notes it replaced not at all), a title so
    too: the entry keeps the notes before and after whole, as an edit's does, and names
    a title whole, as an edit names it."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    ours = "Hanoi summit, 27-28 February 2019: no agreement on sanctions relief, talks cut short"
    theirs = "Da Nang was considered for the summit, then Hanoi was chosen by both delegations"
    edit = ["edit", "second-summit", "--date", "2018-10-01", "--notes"]
    _conflicting(dprk, tmp_path, [*edit, ours], [*edit, theirs])
    ledger = tmp_path / "dprk-ledger.toml"
    result = dprk("resolve", "second-summit", "--field", "notes", "--take", "theirs")
    assert result.code == 0, result.err
    assert result.err == f"second-summit: notes: took theirs ('{theirs[:57]}...')\n"
    data = tomllib.loads(ledger.read_text(encoding="utf-8"))
    m = next(m for m in data["measures"] if m["id"] == "second-summit")
    settled = m["history"][-1]
    assert settled["event"] == "resolve"
    assert (settled["notes_before"], settled["notes_after"]) == (ours, theirs)
    assert m["notes"] == theirs
    assert dprk("check").code == 0
    title = "The second summit of the two leaders, held in Hanoi on 27 and 28 February 2019"
    for name in ("ours", "theirs"):
        side = tmp_path / f"{name}.toml"
        side.write_bytes(ledger.read_bytes())
    edit = ["edit", "second-summit", "--date", "2018-10-02", "--title"]
    for name, value in (("ours", title), ("theirs", "Second summit")):
        assert dprk("--ledger", tmp_path / f"{name}.toml", *edit, value).code == 0
    base = tmp_path / "base.toml"
    base.write_bytes(ledger.read_bytes())
    merged = dprk("merge-driver", base, tmp_path / "ours.toml", tmp_path / "theirs.toml",
                  "--output", ledger)  # fmt: skip
    assert merged.code == 1, merged.err
    result = dprk("resolve", "second-summit", "--field", "title", "--take", "ours")
    assert result.code == 0, result.err
    assert result.err == f"second-summit: title: took ours ('{title}')\n"
    log = json.loads(dprk("log", "second-summit", "--format", "json").out)
    assert log[-1]["detail"] == f"merge conflict on title settled: took ours ('{title}')"


def _jep_two_desks(dprk, tmp_path, *, swapped: bool = False) -> Path:
    """JEP carried out on 2018-03-15; one desk confirms it (UN Verification Mission,
    2018-03-20), the other redates the step to 2018-04-01: the histories conflict (ours
    the confirmation; `swapped`, ours the redate)."""
    ledger = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--party", "Gov", "--party", "FARC").code == 0
    args = ("--actor", "Gov", "--id", "jep", "--date", "2016-11-24", "--status", "agreed")
    with _desk(10):
        assert dprk("add-measure", "JEP", *args).code == 0
        assert dprk("mark", "jep", "implemented", "--date", "2018-03-15").code == 0
    sides = {name: tmp_path / f"{name}.toml" for name in ("base", "ours", "theirs")}
    for side in sides.values():
        side.write_bytes(ledger.read_bytes())
    by = ("--by", "UN Verification Mission", "--date", "2018-03-20")
    ours, theirs = ("verify", "jep", *by), ("redate", "jep", "2", "2018-04-01")
    if swapped:
        ours, theirs = theirs, ours
    for side, args, ago in ((sides["ours"], ours, 2), (sides["theirs"], theirs, 1)):
        with _desk(ago):
            assert dprk("--ledger", side, *args).code == 0
    merged = dprk("merge-driver", *sides.values(), "--output", ledger)
    assert merged.code == 1, merged.err
    return ledger


def test_a_history_taken_from_a_side_says_the_findings_dropped_and_the_status(
    dprk, tmp_path, monkeypatch
):
    """`resolve --field history --take theirs` dropped our side's finding and took the
    measure from verified back to implemented, and said only 'history: took theirs'. The
    line, and the settlement's entry, say the findings dropped (or added) and the status
    now, as a drop of a finding says it."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    ledger = _jep_two_desks(dprk, tmp_path)
    merged = ledger.read_bytes()
    took = (
        "took theirs (finding dropped: confirmed by UN Verification Mission on 2018-03-20); "
        "jep is now implemented (since 2018-04-01; it was verified since 2018-03-20)"
    )
    result = dprk("resolve", "jep", "--field", "history", "--take", "theirs")
    assert (result.code, result.out, result.err) == (0, "", f"jep: history: {took}\n")
    log = json.loads(dprk("log", "jep", "--format", "json").out)
    assert log[-1]["detail"] == f"merge conflict on history settled: {took}"
    record = json.loads(dprk("show", "jep", "--format", "json").out)
    assert (record["status"], record["verifications"]) == ("implemented", [])
    assert dprk("check").code == 0
    assert dprk("undo").code == 0 and ledger.read_bytes() == merged
    # Ours taken: the finding stays, and the status as it was: nothing more to say.
    result = dprk("resolve", "jep", "--field", "history", "--take", "ours")
    assert (result.code, result.err) == (0, "jep: history: took ours\n")


def test_a_history_taken_from_a_side_says_the_findings_it_adds(dprk, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    _jep_two_desks(dprk, tmp_path, swapped=True)
    result = dprk("resolve", "jep", "--field", "history", "--take", "theirs")
    assert (result.code, result.err) == (
        0,
        "jep: history: took theirs (finding added: confirmed by UN Verification Mission on "
        "2018-03-20); jep is now verified (since 2018-03-20; it was implemented since "
        "2018-04-01)\n",
    )


@pytest.mark.parametrize(
    ("ours_args", "theirs_args", "resolve"),
    [
        (["edit-ledger", "--title", "Ours"], ["edit-ledger", "--title", "Theirs"], []),
        (
            ["edit", "second-summit", "--title", "Hanoi", "--date", "2018-10-01"],
            ["edit", "second-summit", "--title", "Da Nang", "--date", "2018-10-01"],
            ["second-summit"],
        ),
    ],
)
@pytest.mark.parametrize("blank", ["", "  "])
def test_a_title_settled_blank_is_refused_as_a_blank_title_is(
    dprk, tmp_path, ours_args, theirs_args, resolve, blank
):
    merged = _conflicting(dprk, tmp_path, ours_args, theirs_args)
    result = dprk("resolve", *resolve, "--field", "title", "--take", blank)
    assert (result.code, result.out) == (2, "")
    assert result.err == "dprk: error: --take: is blank; give some text\n"
    assert (tmp_path / "dprk-ledger.toml").read_bytes() == merged


def _one_measure_two_sides(dprk, tmp_path, ours_args, theirs_args):
    """A two-party ledger with one measure, changed by `ours_args` and `theirs_args`
    (lists of commands) on the two sides of a merge: the ledger and the sides' files."""
    assert dprk("init", "--party", "A", "--party", "US").code == 0
    assert dprk("add-measure", "Old", "--actor", "US", "--id", "old",
                "--date", "2018-01-01").code == 0  # fmt: skip
    return _changed_sides(dprk, tmp_path, ours_args, theirs_args)


def _changed_sides(dprk, tmp_path, ours_args, theirs_args):
    """The ledger of the test's folder copied as base, ours and theirs, each side then
    changed by its commands: the ledger and the three files."""
    ledger = tmp_path / "dprk-ledger.toml"
    sides = {name: tmp_path / f"{name}.toml" for name in ("base", "ours", "theirs")}
    for side in sides.values():
        side.write_bytes(ledger.read_bytes())
    for side, commands in (("ours", ours_args), ("theirs", theirs_args)):
        for args in commands:
            done = dprk("--ledger", sides[side], *args)
            assert done.code == 0, done.err
    return ledger, sides


@pytest.mark.parametrize("renaming", ["ours", "theirs"])
def test_a_party_renamed_on_one_side_is_renamed_in_what_the_other_added(dprk, tmp_path, renaming):
    """One side renames US to USA; the other adds a measure for US, and a constraint US
    demands: the merged ledger has one party, USA, everywhere (it had both, check ok)."""
    rename = [["rename-party", "US", "USA"]]
    added = [
        ["add-measure", "New", "--actor", "US", "--id", "new", "--date", "2018-01-02"],
        ["sequence", "new", "--after", "old", "--demanded-by", "US"],
    ]
    ours, theirs = (rename, added) if renaming == "ours" else (added, rename)
    ledger, sides = _one_measure_two_sides(dprk, tmp_path, ours, theirs)
    merged = dprk("merge-driver", *sides.values(), "--output", ledger)
    assert (merged.code, merged.err) == (0, "")
    doc = json.loads(dprk("export").out)
    assert doc["parties"] == ["A", "USA"]
    assert {m["id"]: m["actor"] for m in doc["measures"]} == {"new": "USA", "old": "USA"}
    new = next(m for m in doc["measures"] if m["id"] == "new")
    assert [c["demanded_by"] for c in new["constraints"]] == ["USA"]
    # (made before the rename: it records it, day and time as the renaming side wrote
    # it, as 'rename-party' left the measures made by its day there)
    old = next(m for m in doc["measures"] if m["id"] == "old")
    entry = [h for h in old["history"] if h["detail"] == "party US renamed USA"]
    assert [h for h in new["history"] if h["detail"] == "party US renamed USA"] == entry
    assert len(entry) == 1
    assert dprk("check").out == "ok: no problems found\n"


@pytest.mark.parametrize("renaming", ["ours", "theirs"])
def test_a_verifier_renamed_on_one_side_is_renamed_in_what_the_other_added(
    dprk, tmp_path, renaming
):
    """One side corrects a verifier's name (rename-verifier, which records no entry);
    the other adds a finding by the old name: the merged ledger names one verifier, as
    a party renamed on one side is one party (it named both, the verifier split in two)."""
    assert dprk("init", "--party", "Gov", "--party", "FARC").code == 0
    for ident in ("weapons", "assets"):
        assert dprk("add-measure", ident.title(), "--actor", "FARC", "--id", ident,
                    "--date", "2016-11-24", "--status", "agreed").code == 0  # fmt: skip
        assert dprk("mark", ident, "implemented", "--date", "2017-06-27").code == 0
    assert dprk("verify", "weapons", "--by", "UN Mission", "--date", "2017-06-27").code == 0
    rename = [["rename-verifier", "UN Mission", "UN Mission in Colombia"]]
    added = [["verify", "assets", "--by", "UN Mission", "--result", "partial",
              "--date", "2017-09-15"]]  # fmt: skip
    ours, theirs = (rename, added) if renaming == "ours" else (added, rename)
    ledger, sides = _changed_sides(dprk, tmp_path, ours, theirs)
    merged = dprk("merge-driver", *sides.values(), "--output", ledger)
    assert (merged.code, merged.err) == (0, "")
    doc = json.loads(dprk("export").out)
    found = {m["id"]: [v["by"] for v in m["verifications"]] for m in doc["measures"]}
    assert found == {"assets": ["UN Mission in Colombia"], "weapons": ["UN Mission in Colombia"]}
    assets = next(m for m in doc["measures"] if m["id"] == "assets")
    assert "partial by UN Mission in Colombia" in [h["detail"] for h in assets["history"]]
    assert 'UN Mission"' not in ledger.read_text(encoding="utf-8")
    assert dprk("check").out == "ok: no problems found\n"


@pytest.mark.parametrize("order", [False, True])
def test_a_verifier_renamed_two_ways_is_named_as_ours_and_said(dprk, tmp_path, order):
    """Both sides correct one verifier's name, each its own way: the merge names it as
    ours (one verifier, one finding, where it kept both names, the finding twice) and
    says so with the command that names it as theirs, which then does. An order that
    waits for its finding, added on their side, follows too."""
    assert dprk("init", "--party", "Gov", "--party", "FARC").code == 0
    for ident in ("weapons", "assets"):
        assert dprk("add-measure", ident.title(), "--actor", "FARC", "--id", ident,
                    "--date", "2016-11-24", "--status", "agreed").code == 0  # fmt: skip
    assert dprk("mark", "weapons", "implemented", "--date", "2017-06-27").code == 0
    assert dprk("verify", "weapons", "--by", "UN Misión", "--date", "2017-06-27").code == 0
    theirs = [["rename-verifier", "UN Misión", "UN Mission in Colombia"]]
    if order:
        theirs.append(["sequence", "assets", "--after", "weapons", "--require", "verified",
                       "--verified-by", "UN Mission in Colombia", "--date", "2017-07-01"])  # fmt: skip
    ledger, sides = _changed_sides(
        dprk, tmp_path, [["rename-verifier", "UN Misión", "UN Mission"]], theirs
    )
    merged = dprk("merge-driver", *sides.values(), "--output", ledger)
    assert (merged.code, merged.out) == (0, "")
    assert merged.err == (
        f"dprk: warning: {ledger}: verifier 'UN Misión' was renamed 'UN Mission' on our "
        "side and 'UN Mission in Colombia' on theirs: it is named as ours; 'dprk "
        'rename-verifier "UN Mission" "UN Mission in Colombia"\' names it as theirs\n'
    )
    doc = json.loads(dprk("export").out)
    found = {m["id"]: [v["by"] for v in m["verifications"]] for m in doc["measures"]}
    assert found == {"assets": [], "weapons": ["UN Mission"]}
    assert "UN Mission in Colombia" not in ledger.read_text()
    assert dprk("check").out == "ok: no problems found\n"
    taken = dprk("rename-verifier", "UN Mission", "UN Mission in Colombia")
    assert taken.code == 0, taken.err
    doc = json.loads(dprk("export").out)
    found = {m["id"]: [v["by"] for v in m["verifications"]] for m in doc["measures"]}
    assert found == {"assets": [], "weapons": ["UN Mission in Colombia"]}
    assert "'UN Mission'" not in ledger.read_text() and '"UN Mission"' not in ledger.read_text()
    assert dprk("check").out == "ok: no problems found\n"


def test_a_verifier_renamed_two_ways_one_to_a_verifier_on_record_is_named_so(dprk, tmp_path):
    """Their side made the verifier typed wrong one with a verifier on record, ours gave
    it a new name: the merge takes theirs (the finding once, by the one on record), where
    it left a conflict on the history, and says so with the command that takes ours."""
    assert dprk("init", "--party", "Gov", "--party", "FARC").code == 0
    for ident in ("weapons", "assets"):
        assert dprk("add-measure", ident.title(), "--actor", "FARC", "--id", ident,
                    "--date", "2016-11-24", "--status", "implemented").code == 0  # fmt: skip
    assert dprk("verify", "weapons", "--by", "UN Misión", "--date", "2017-06-27").code == 0
    assert dprk("verify", "assets", "--by", "UN Mission", "--new-verifier",
                "--date", "2017-06-27").code == 0  # fmt: skip
    ledger, sides = _changed_sides(
        dprk,
        tmp_path,
        [["rename-verifier", "UN Misión", "UN Mission in Colombia", "--new-verifier"]],
        [["rename-verifier", "UN Misión", "UN Mission"]],
    )
    merged = dprk("merge-driver", *sides.values(), "--output", ledger)
    assert (merged.code, merged.out) == (0, "")
    assert merged.err == (
        f"dprk: warning: {ledger}: verifier 'UN Misión' was renamed 'UN Mission in "
        "Colombia' on our side and 'UN Mission' on theirs: it is named as theirs; 'dprk "
        'rename-verifier "UN Mission" "UN Mission in Colombia"\' names it as ours\n'
    )
    doc = json.loads(dprk("export").out)
    found = {m["id"]: [v["by"] for v in m["verifications"]] for m in doc["measures"]}
    assert found == {"assets": ["UN Mission"], "weapons": ["UN Mission"]}
    assert dprk("check").out == "ok: no problems found\n"


def test_a_party_renamed_two_ways_is_a_conflict_resolve_settles(dprk, tmp_path):
    ledger, sides = _one_measure_two_sides(
        dprk,
        tmp_path,
        [["rename-party", "US", "United States"]],
        [["rename-party", "US", "USA"],
         ["add-measure", "T", "--actor", "USA", "--id", "t", "--date", "2018-01-03"]],
    )  # fmt: skip
    merged = dprk("merge-driver", *sides.values(), "--output", ledger)
    assert merged.code == 1
    assert "field 'party': ours 'United States', theirs 'USA'" in merged.err
    doc = json.loads(dprk("export").out)
    assert doc["parties"] == ["A", "United States"]
    assert {m["actor"] for m in doc["measures"]} == {"United States"}
    assert dprk("check").code == 1
    assert dprk("resolve", "--field", "party", "--take", "theirs").code == 0
    doc = json.loads(dprk("export").out)
    assert doc["parties"] == ["A", "USA"]
    assert {m["actor"] for m in doc["measures"]} == {"USA"}
    assert dprk("check").out == "ok: no problems found\n"


RENAMED_BACK_AND_ON = {  # (the base's names of the party, in order; each side's rename)
    "back-one": (["DPRK", "North Korea"], "DPRK", "DPR Korea"),
    "back-two": (["A", "B", "C"], "A", "D"),
    "back-between": (["A", "B", "C"], "B", "D"),
    "two-ways": (["A"], "B", "C"),
}


@pytest.mark.parametrize("case", sorted(RENAMED_BACK_AND_ON))
def test_a_party_renamed_back_on_one_side_and_on_on_the_other_merges_alike_both_ways(
    dprk, tmp_path, monkeypatch, case
):
    """The base renamed a party; one side renames it back to a name it had, the other
    to a new one. Merged with the side that took the name back as theirs, the base's
    rename was written on the measure again (on the way from that name to ours), so
    that check failed for good, its advice a hand edit; the other way round, once. Both
    ways now: one conflict, on the party, the same history, the base's renames once, and
    settled alike, the same bytes, check ok."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    names, back, on = RENAMED_BACK_AND_ON[case]
    assert dprk("init", "--party", names[0], "--party", "US").code == 0
    with _desk(9):
        assert dprk("add-measure", "Test moratorium", "--actor", names[0], "--id", "m",
                    "--date", "2018-04-20", "--status", "implemented").code == 0  # fmt: skip
    for n, (was, to) in enumerate(itertools.pairwise(names)):
        with _desk(8 - n):
            assert dprk("rename-party", was, to, "--date", f"2018-06-0{n + 1}").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    files = {name: tmp_path / f"{name}.toml" for name in ("base", "back", "on")}
    for side in files.values():
        side.write_bytes(ledger.read_bytes())
    for side, name, ago in (("back", back, 3), ("on", on, 2)):
        with _desk(ago):
            done = dprk("--ledger", files[side], "rename-party", names[-1], name,
                        "--date", "2018-06-12")  # fmt: skip
            assert done.code == 0, done.err
    histories, written = [], []
    for ours, theirs in (("back", "on"), ("on", "back")):
        merged = dprk("merge-driver", files["base"], files[ours], files[theirs],
                      "--output", ledger)  # fmt: skip
        mine, other = (back, on) if ours == "back" else (on, back)
        assert (merged.code, merged.out) == (1, "")
        assert merged.err == (
            "dprk: merged the ledger with 1 conflict ('dprk check' lists them, "
            "'dprk resolve' settles each):\n"
            f"  the ledger: unresolved merge conflict on field 'party': ours '{mine}', "
            f"theirs '{other}'; settle it with 'dprk resolve --field party --take "
            "ours|theirs|VALUE'\n"
        )
        shown = json.loads(dprk("show", "m", "--format", "json").out)
        histories.append([(h["date"], h["detail"]) for h in shown["history"]])
        take = "theirs" if ours == "back" else "ours"  # (the new name, either way)
        settled = dprk("resolve", "--field", "party", "--take", take)
        taken = f"(now '{on}')" if take == "theirs" else f"('{on}')"
        assert (settled.code, settled.out) == (0, "")
        assert settled.err == f"party: took {take} {taken}\n"
        assert dprk("check").out == "ok: no problems found\n"
        written.append(ledger.read_bytes())
    said = [f"party {was} renamed {to}" for was, to in itertools.pairwise(names)]
    assert histories[0] == histories[1]
    assert [d for _, d in histories[0]] == [
        "created as implemented",
        *said,
        f"party {names[-1]} renamed {back}",  # (of one day: in the order recorded)
        f"party {names[-1]} renamed {on}",
    ]
    assert written[0] == written[1]
    assert f'actor = "{on}"' in written[0].decode()


def _party_last_two_sides(dprk, tmp_path, renaming, parties=("DPRK", "US", "ROK")):
    """A ledger whose party ROK no measure names; one side renames it South Korea, the
    other adds a measure for ROK: the ledger, the sides' files and the driver's run."""
    assert dprk("init", *[a for p in parties for a in ("--party", p)]).code == 0
    rename = [["rename-party", "ROK", "South Korea"]]
    added = [["add-measure", "Halt", "--actor", "ROK", "--id", "halt", "--date", "2018-04-27"]]
    ours, theirs = (rename, added) if renaming == "ours" else (added, rename)
    ledger, sides = _changed_sides(dprk, tmp_path, ours, theirs)
    return ledger, sides, dprk("merge-driver", *sides.values(), "--output", ledger)


@pytest.mark.parametrize("follow", [True, False])
@pytest.mark.parametrize("renaming", ["ours", "theirs"])
def test_a_party_renamed_last_or_replaced_is_a_conflict_resolve_settles(
    dprk, tmp_path, renaming, follow
):
    """Renamed last in the list, which a removal and an addition leave so too, and named
    by the other side's measures: not two parties silently, but a conflict on the party,
    named as ours; the renaming side taken follows the rename, the other keeps ROK."""
    ledger, sides, merged = _party_last_two_sides(dprk, tmp_path, renaming)
    ours, theirs = ("South Korea", "ROK") if renaming == "ours" else ("ROK", "South Korea")
    assert merged.code == 1
    whose = "our" if renaming == "ours" else "their"
    assert (
        f"party 'ROK' was renamed 'South Korea' on {whose} side, or removed there and "
        "'South Korea' added (either leaves 'South Korea' last in the list), and the other "
        "side's measures name 'ROK': one party or two?"
    ) in merged.err
    assert f"field 'party': ours '{ours}', theirs '{theirs}'" in merged.err
    text = ledger.read_text()
    assert f'parties = [\n    "DPRK",\n    "US",\n    "{ours}",\n]\n' in text
    assert (
        f'conflicts = [\n    {{ field = "party", ours = "{ours}", theirs = "{theirs}" }},\n]\n'
        in text
    )
    assert f'actor = "{ours}"' in text
    check = dprk("check")
    assert check.code == 1 and "unresolved merge conflict on field 'party'" in check.out
    side = renaming if follow else ("theirs" if renaming == "ours" else "ours")
    settled = dprk("resolve", "--field", "party", "--take", side)
    assert settled.code == 0, settled.err
    name = "South Korea" if follow else "ROK"
    doc = json.loads(dprk("export").out)
    assert doc["parties"] == ["DPRK", "US", name]
    assert [m["actor"] for m in doc["measures"]] == [name]
    assert dprk("check").out == "ok: no problems found\n"


def test_a_party_renamed_last_with_a_measure_recording_it_is_followed(dprk, tmp_path):
    """The renaming side's own measure records the rename: a rename, last or not, and the
    other side's measure for ROK is South Korea's, with the rename's entry."""
    assert dprk("init", "--party", "DPRK", "--party", "US", "--party", "ROK").code == 0
    ledger, sides = _changed_sides(
        dprk,
        tmp_path,
        [["add-measure", "Halt", "--actor", "ROK", "--id", "halt", "--date", "2018-04-27"]],
        [["add-measure", "Talks", "--actor", "ROK", "--id", "talks", "--date", "2018-04-01"],
         ["rename-party", "ROK", "South Korea", "--date", "2018-05-01"]],
    )  # fmt: skip
    merged = dprk("merge-driver", *sides.values(), "--output", ledger)
    assert (merged.code, merged.err) == (0, "")
    doc = json.loads(dprk("export").out)
    assert doc["parties"] == ["DPRK", "US", "South Korea"]
    assert {m["id"]: m["actor"] for m in doc["measures"]} == {
        "halt": "South Korea",
        "talks": "South Korea",
    }
    halt = json.loads(dprk("show", "halt", "--format", "json").out)
    assert [h["detail"] for h in halt["history"]][-1] == "party ROK renamed South Korea"
    assert dprk("check").out == "ok: no problems found\n"


@pytest.mark.parametrize("renaming", ["ours", "theirs"])
def test_a_party_renamed_in_its_place_not_last_is_followed(dprk, tmp_path, renaming):
    """ROK not last: the new name in its place is a rename (an added party goes last)."""
    ledger, sides, merged = _party_last_two_sides(
        dprk, tmp_path, renaming, parties=("DPRK", "ROK", "US")
    )
    assert (merged.code, merged.err) == (0, "")
    doc = json.loads(dprk("export").out)
    assert doc["parties"] == ["DPRK", "South Korea", "US"]
    assert [m["actor"] for m in doc["measures"]] == ["South Korea"]
    assert dprk("check").out == "ok: no problems found\n"


@pytest.mark.parametrize("day", ["1992-06-01", "1992-01-15"], ids=["later", "earlier"])
@pytest.mark.parametrize("redating", ["ours", "theirs"])
def test_a_rename_redated_on_one_side_is_so_on_a_measure_the_other_added(
    dprk, tmp_path, monkeypatch, redating, day
):
    """One side redates a party's rename (on every measure recording it); the other adds
    a measure under the old name, which records the rename on its old day. Merged, one
    rename had two days, and check said ok; now it is what the two commands typed on one
    desk give: the new day on the added measure too (or, made after it, no record: the
    new name from the start)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    for args in (
        ["init", "--party", "SOC", "--party", "KPNLF"],
        ["add-measure", "Canton", "--actor", "KPNLF", "--id", "canton", "--date", "1991-10-23"],
        ["rename-party", "KPNLF", "BLDP", "--date", "1992-05-01"],
    ):
        assert dprk(*args).code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    sides = {name: tmp_path / f"{name}.toml" for name in ("base", "ours", "theirs", "desk")}
    for side in sides.values():
        side.write_bytes(ledger.read_bytes())
    redate = ["redate", "canton", "2", day]
    add = ["add-measure", "Mines", "--actor", "KPNLF", "--id", "mines", "--date", "1992-02-01"]
    redater, adder = ("ours", "theirs") if redating == "ours" else ("theirs", "ours")
    # (on one desk: redated, then added; added first, then redated, when the rename now
    # comes before the measure, which add-measure refuses under the old name)
    typed = [redate, add] if day == "1992-06-01" else [add, redate]
    for args, ago in zip(typed, (2, 1), strict=True):
        with _desk(ago):
            assert dprk("--ledger", sides["desk"], *args).code == 0
            side = sides[redater if args is redate else adder]
            assert dprk("--ledger", side, *args).code == 0
    merged = dprk("merge-driver", *list(sides.values())[:3], "--output", ledger)
    assert (merged.code, merged.err) == (0, "")
    renames = {
        m["id"]: [h["date"] for h in m["history"] if h["detail"] == "party KPNLF renamed BLDP"]
        for m in json.loads(dprk("export").out)["measures"]
    }
    assert renames == {"canton": [day], "mines": [day] if day == "1992-06-01" else []}
    assert ledger.read_bytes() == sides["desk"].read_bytes()
    assert dprk("check").out == "ok: no problems found\n"


RENAMED_TWICE = {  # (the parties, then each rename, one desk's commands)
    "chain": (
        ["USSR", "US"],
        [["rename-party", "USSR", "RSFSR", "--date", "1991-12-01"],
         ["rename-party", "RSFSR", "Russia", "--date", "1991-12-25"]],
        ["party USSR renamed RSFSR", "party RSFSR renamed Russia"],
    ),
    "merged-then-renamed": (
        ["USSR", "Russia", "US"],
        [["rename-party", "USSR", "Russia", "--merge", "--date", "1991-12-01"],
         ["rename-party", "Russia", "RF", "--date", "1992-01-10"]],
        ["party USSR renamed Russia (a merge)", "party Russia renamed RF"],
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(RENAMED_TWICE))
@pytest.mark.parametrize("renaming", ["ours", "theirs"])
def test_a_party_renamed_twice_on_one_side_is_so_on_a_measure_the_other_added(
    dprk, tmp_path, monkeypatch, renaming, case
):
    """One side renames a party twice (or merges it into another, renamed since); the
    other adds a measure under its oldest name. The merge found the rename from the
    oldest name to the last, which no entry records, and wrote none on the added
    measure: the ledger forgot the old name. Each rename is written there now, day and
    time, as the commands typed on one desk leave it."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    parties, renames, said = RENAMED_TWICE[case]
    assert dprk("init", *[a for p in parties for a in ("--party", p)]).code == 0
    for n, actor in enumerate(parties[:-1], 1):  # (each a measure: the base's own renamed)
        assert dprk("add-measure", f"Cut {n}", "--actor", actor, "--id", f"m{n}",
                    "--date", "1990-06-01").code == 0  # fmt: skip
    ledger = tmp_path / "dprk-ledger.toml"
    sides = {name: tmp_path / f"{name}.toml" for name in ("base", "ours", "theirs", "desk")}
    for side in sides.values():
        side.write_bytes(ledger.read_bytes())
    add = ["add-measure", "Old pledge", "--actor", "USSR", "--id", "old", "--date", "1991-01-01"]
    adder = "theirs" if renaming == "ours" else "ours"
    for args, ago in zip([add, *renames], (3, 2, 1), strict=True):
        with _desk(ago):
            assert dprk("--ledger", sides["desk"], *args).code == 0
            side = sides[adder if args is add else renaming]
            assert dprk("--ledger", side, *args).code == 0
    merged = dprk("merge-driver", *list(sides.values())[:3], "--output", ledger)
    assert (merged.code, merged.err) == (0, "")
    shown = json.loads(dprk("show", "old", "--format", "json").out)
    assert [(h["date"], h["detail"]) for h in shown["history"]][1:] == [
        (renames[0][-1], said[0]),
        (renames[1][-1], said[1]),
    ]
    assert ledger.read_bytes() == sides["desk"].read_bytes()
    assert dprk("check").out == "ok: no problems found\n"


NAMED_NOT_AS_ACTOR = {  # (the other desk's command naming KPNLF on SOC's measure)
    "demanding": ["sequence", "s", "--after", "a", "--demanded-by", "KPNLF",
                  "--date", "1992-03-05"],
    "verifying": ["verify", "a", "--by", "KPNLF", "--result", "confirmed",
                  "--date", "1992-03-05"],
}  # fmt: skip


@pytest.mark.parametrize("how", sorted(NAMED_NOT_AS_ACTOR))
@pytest.mark.parametrize("renaming", ["ours", "theirs"])
def test_a_party_renamed_on_one_side_is_so_on_a_measure_the_other_named_it_on(
    dprk, tmp_path, monkeypatch, renaming, how
):
    """One side renames KPNLF BLDP; the other names KPNLF on a measure of SOC's, as the
    party demanding its order or as a verifier. The merge named BLDP there but wrote the
    rename only on the party's own measures: now on every measure the rename changes,
    as 'rename-party' typed on one desk after the other command leaves it."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    for args in (
        ["init", "--party", "SOC", "--party", "KPNLF"],
        ["add-measure", "Canton", "--actor", "KPNLF", "--id", "c", "--date", "1991-10-23"],
        ["add-measure", "A", "--actor", "SOC", "--id", "a", "--date", "1991-11-01"],
        ["add-measure", "S", "--actor", "SOC", "--id", "s", "--date", "1991-11-02"],
        ["mark", "a", "implemented", "--date", "1991-12-01"],
    ):
        assert dprk(*args).code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    sides = {name: tmp_path / f"{name}.toml" for name in ("base", "ours", "theirs", "desk")}
    for side in sides.values():
        side.write_bytes(ledger.read_bytes())
    named = NAMED_NOT_AS_ACTOR[how]
    rename = ["rename-party", "KPNLF", "BLDP", "--date", "1992-05-01"]
    other = "theirs" if renaming == "ours" else "ours"
    for args, ago in ((named, 2), (rename, 1)):
        with _desk(ago):
            assert dprk("--ledger", sides["desk"], *args).code == 0
            side = sides[other if args is named else renaming]
            assert dprk("--ledger", side, *args).code == 0
    merged = dprk("merge-driver", *list(sides.values())[:3], "--output", ledger)
    assert (merged.code, merged.err) == (0, "")
    shown = json.loads(dprk("show", named[1], "--format", "json").out)
    assert [(h["date"], h["detail"]) for h in shown["history"]][-2:] == [
        ("1992-03-05", "after a, demanded by BLDP" if how == "demanding" else "confirmed by BLDP"),
        ("1992-05-01", "party KPNLF renamed BLDP"),
    ]
    assert ledger.read_bytes() == sides["desk"].read_bytes()
    assert dprk("check").out == "ok: no problems found\n"


def test_settling_the_history_keeps_the_settlements_made_before(dprk, tmp_path, monkeypatch):
    """The title settled first, then the history: the title's settlement stays on record
    (neither side's history holds it), and undo goes back step by step."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    ident = "second-summit"
    assert dprk("init", "--example", "korea-2018").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    sides = {name: tmp_path / f"{name}.toml" for name in ("base", "ours", "theirs")}
    for side in sides.values():
        side.write_bytes(ledger.read_bytes())
    for side, title, status, when, ago in (
        ("ours", "Ours", "implemented", "2018-10-01", 2),
        ("theirs", "Theirs", "rejected", "2018-10-03", 1),
    ):
        for args in (["edit", ident, "--title", title, "--date", when],
                     ["mark", ident, status, "--date", when]):  # fmt: skip
            with _desk(ago):
                assert dprk("--ledger", sides[side], *args).code == 0
    merged = dprk("merge-driver", *sides.values(), "--output", ledger)
    assert merged.code == 1, merged.err
    merged_bytes = ledger.read_bytes()
    conflicts = json.loads(dprk("show", ident, "--format", "json").out)["conflicts"]
    assert {c["field"] for c in conflicts} == {"title", "history"}
    assert dprk("resolve", ident, "--field", "title", "--take", "Hanoi summit").code == 0
    settled_title = ledger.read_bytes()
    assert dprk("resolve", ident, "--field", "history", "--take", "ours").code == 0
    shown = json.loads(dprk("show", ident, "--format", "json").out)
    settlements = [h["detail"] for h in shown["history"] if h["event"] == "resolve"]
    assert settlements == [
        "merge conflict on title settled: took 'Hanoi summit'",
        "merge conflict on history settled: took ours",
    ]
    assert shown["title"] == "Hanoi summit" and shown["status"] == "implemented"
    assert json.loads(dprk("check", "--format", "json").out)["errors"] == 0
    assert dprk("undo").code == 0 and ledger.read_bytes() == settled_title
    assert dprk("undo").code == 0 and ledger.read_bytes() == merged_bytes


@pytest.mark.parametrize(
    ("ours_day", "theirs_day", "conflict"),
    [("2018-10-10", "2018-10-20", True), ("2018-10-10", "2018-10-10", False),
     ("2018-10-10", None, False)],
    ids=["two-ways", "the-same-way", "one-side"],
)  # fmt: skip
def test_an_entry_redated_both_ways_is_a_history_conflict(
    dprk, tmp_path, monkeypatch, ours_day, theirs_day, conflict
):
    """Both sides redate one event, each to its own date: the merge used to keep both, so
    the measure acted twice. It is a history conflict now, settled by taking a side."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    ident = "second-summit"
    assert dprk("init", "--example", "korea-2018").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    assert dprk("mark", ident, "implemented", "--date", "2018-10-01").code == 0
    entry = str(len(json.loads(dprk("show", ident, "--format", "json").out)["history"]))
    sides = {name: tmp_path / f"{name}.toml" for name in ("base", "ours", "theirs")}
    for side in sides.values():
        side.write_bytes(ledger.read_bytes())
    for side, when in (("ours", ours_day), ("theirs", theirs_day)):
        if when is not None:
            assert dprk("--ledger", sides[side], "redate", ident, entry, when).code == 0
    merged = dprk("merge-driver", *sides.values(), "--output", ledger)
    assert merged.code == (1 if conflict else 0), merged.err
    history = json.loads(dprk("show", ident, "--format", "json").out)["history"]
    acts = [h["date"] for h in history if h["status"] == "implemented"]
    if not conflict:
        assert acts == [ours_day]
        assert dprk("check").code == 0
        return
    found = json.loads(dprk("check", "--format", "json").out)["problems"]
    assert [(p["check"], p["measure"]) for p in found if p["severity"] == "error"] == [
        ("merge-conflicts", ident)
    ]
    assert dprk("resolve", ident, "--field", "history", "--take", "theirs").code == 0
    history = json.loads(dprk("show", ident, "--format", "json").out)["history"]
    assert [h["date"] for h in history if h["status"] == "implemented"] == [theirs_day]
    assert dprk("check").code == 0


@pytest.mark.parametrize("redated", [True, False], ids=["redated-there", "left-there"])
def test_a_finding_dropped_on_one_side_and_redated_on_the_other_is_a_history_conflict(
    dprk, tmp_path, monkeypatch, redated
):
    """Ours dropped a finding entered by mistake; theirs redated it. The merge brought it
    back, redated, without a word, and the measure stood verified again. Left alone on
    the other side, the drop merges."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    ident = "punggye-ri-closure"
    assert dprk("init", "--example", "korea-2018").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    assert dprk("verify", ident, "--by", "IAEA", "--date", "2018-06-01").code == 0
    log = json.loads(dprk("log", ident, "--format", "json").out)
    n = str(next(e["n"] for e in log if e["event"] == "verification"))
    sides = {name: tmp_path / f"{name}.toml" for name in ("base", "ours", "theirs")}
    for side in sides.values():
        side.write_bytes(ledger.read_bytes())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083300")  # (the changes, later)
    assert dprk("--ledger", sides["ours"], "drop-finding", ident, n).code == 0
    if redated:
        assert dprk("--ledger", sides["theirs"], "redate", ident, n, "2018-06-10").code == 0
    merged = dprk("merge-driver", *sides.values(), "--output", ledger)
    assert merged.code == (1 if redated else 0), merged.err
    found = json.loads(dprk("check", "--format", "json").out)["problems"]
    errors = [(p["check"], p["measure"]) for p in found if p["severity"] == "error"]
    assert errors == ([("merge-conflicts", ident)] if redated else [])
    shown = json.loads(dprk("show", ident, "--format", "json").out)
    assert (shown["status"], shown["verifications"]) == ("implemented", [])


def test_an_order_and_a_link_dropped_on_one_side_and_recorded_on_both_stay_dropped(
    dprk, tmp_path, monkeypatch
):
    """Both analysts recorded the same order and the same link; ours dropped them as
    entered by mistake. The merge took theirs' copies out of the history, but kept the
    order and the link they had set: `b` waited for `a`, with no entry to say so, and
    check said ok."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    ledger = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--party", "US", "--party", "DPRK").code == 0
    for ident, actor in (("a", "US"), ("b", "DPRK"), ("c", "DPRK")):
        assert dprk("add-measure", ident, "--actor", actor, "--date", "2020-01-01").code == 0
    sides = {name: tmp_path / f"{name}.toml" for name in ("base", "ours", "theirs")}
    for side in sides.values():
        side.write_bytes(ledger.read_bytes())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083300")
    for side in ("ours", "theirs"):
        for args in (("sequence", "b", "--after", "a"), ("link", "c", "a")):
            assert dprk("--ledger", sides[side], *args, "--date", "2020-02-01").code == 0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083400")
    for ident in ("b", "c"):
        assert dprk("--ledger", sides["ours"], "drop-entry", ident, "2").code == 0
    merged = dprk("merge-driver", *sides.values(), "--output", ledger)
    assert merged.code == 0, merged.err
    assert dprk("check").out == "ok: no problems found\n"
    doc = json.loads(dprk("status", "--format", "json").out)
    assert [(m["id"], m["after"], m["in_exchange_for"]) for m in doc["measures"]] == [
        ("a", [], []),
        ("b", [], []),
        ("c", [], []),
    ]
    log = json.loads(dprk("log", "b", "--format", "json").out)
    assert [e["detail"] for e in log] == [
        "created as proposed",
        "the sequence entry of 2020-02-01 (after a) dropped: entered by mistake",
    ]
    assert ledger.read_bytes() == sides["ours"].read_bytes()


@pytest.mark.parametrize(
    ("change", "after", "links"),
    [
        (("sequence", "vp", "--remove", "hfo"), ["hfo"], []),
        (("sequence", "vp", "--after", "hfo", "--demanded-by", "China"), ["hfo"], []),
        (("unlink", "vp", "hfo"), [], ["hfo"]),
    ],
    ids=["removal", "demand-replaced", "unlink"],
)
def test_an_end_or_a_replacement_dropped_on_one_side_and_recorded_on_both_stays_dropped(
    dprk, tmp_path, monkeypatch, change, after, links
):
    """Both desks ended (or replaced) an order or a link of the base; one dropped it as
    entered by mistake. The history merged without it, but the field kept the other
    side's end: the merge broke order-history or one-sided-exchanges, and git refused it.
    The order and the link are what the merged history says."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    ledger = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--party", "US", "--party", "DPRK", "--party", "China").code == 0
    assert (
        dprk("add-measure", "VP", "--actor", "DPRK", "--id", "vp", "--date", "2008-07-12").code == 0
    )
    linked = ["--in-exchange-for", "vp"] if change[0] == "unlink" else []
    assert dprk("add-measure", "HFO", "--actor", "US", "--id", "hfo", "--date", "2008-07-12",
                *linked).code == 0  # fmt: skip
    if not linked:
        assert dprk("sequence", "vp", "--after", "hfo", "--demanded-by", "DPRK", "--date",
                    "2008-12-11").code == 0  # fmt: skip
    sides = {name: tmp_path / f"{name}.toml" for name in ("base", "ours", "theirs")}
    for side in sides.values():
        side.write_bytes(ledger.read_bytes())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083300")
    for side in ("ours", "theirs"):
        assert dprk("--ledger", sides[side], *change, "--date", "2009-01-20").code == 0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083400")
    log = json.loads(dprk("--ledger", sides["ours"], "log", "vp", "--format", "json").out)
    n = str(log[-1]["n"])
    assert dprk("--ledger", sides["ours"], "drop-entry", "vp", n).code == 0
    merged = dprk("merge-driver", *sides.values(), "--output", ledger)
    assert merged.code == 0, merged.err
    assert dprk("check").code == 0
    doc = json.loads(dprk("status", "--format", "json").out)
    shown = {m["id"]: m for m in doc["measures"]}
    assert (shown["vp"]["after"], shown["vp"]["in_exchange_for"]) == (after, links)
    assert [c.get("demanded_by") for c in shown["vp"]["constraints"]] == ["DPRK"] * len(after)
    assert shown["hfo"]["in_exchange_for"] == ["vp"] * len(links)


def test_one_measure_added_on_both_sides_on_two_dates_is_a_history_conflict(
    dprk, tmp_path, monkeypatch
):
    """Two analysts enter the same measure from two sources, dated two ways: one measure,
    with a conflict on its history that `resolve` settles (and undo brings back). The
    merge used to keep two creations, and check said ok."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    add = ["add-measure", "Dismantle the engine test stand", "--actor", "DPRK", "--id", "sohae"]
    merged = _sides(
        dprk,
        tmp_path,
        [[*add, "--date", "2018-07-23", "--status", "agreed"]],
        [[*add, "--date", "2018-09-19"]],
    )
    assert merged.code == 1 and "measure 'sohae'" in merged.err
    ledger = tmp_path / "dprk-ledger.toml"
    conflicted = ledger.read_bytes()
    found = json.loads(dprk("check", "--format", "json").out)["problems"]
    assert [(p["check"], p["measure"]) for p in found if p["severity"] == "error"] == [
        ("merge-conflicts", "sohae")
    ]
    # (until settled, it stands as ours: not both creations, as it used to)
    shown = json.loads(dprk("show", "sohae", "--format", "json").out)
    assert [(h["date"], h["event"], h["status"]) for h in shown["history"]] == [
        ("2018-07-23", "created", "agreed")
    ]
    assert shown["status"] == "agreed"
    assert dprk("resolve", "sohae", "--field", "history", "--take", "theirs").code == 0
    shown = json.loads(dprk("show", "sohae", "--format", "json").out)
    assert [(h["date"], h["event"]) for h in shown["history"] if h["event"] == "created"] == [
        ("2018-09-19", "created")
    ]
    assert shown["status"] == "proposed"
    assert dprk("check").code == 0
    assert dprk("undo").code == 0
    assert ledger.read_bytes() == conflicted


@pytest.mark.parametrize(("take", "together"), [("ours", True), ("theirs", False), ("none", False)])
def test_settling_a_constraint_keeps_a_with_on_both_measures(
    dprk, tmp_path, monkeypatch, take, together
):
    """Ours carries two measures out together, theirs puts one after the other: the
    other measure takes `with` from our side alone. Settling the conflict brings it along,
    so that taking theirs is no longer refused ('does not say so'), and undo gives the
    merged ledger back."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    one, two = "second-summit", "inventory-submission"
    merged = _sides(
        dprk, tmp_path, [["sequence", one, "--with", two]], [["sequence", one, "--after", two]]
    )
    assert merged.code == 1, merged.err
    ledger = tmp_path / "dprk-ledger.toml"
    conflicted = ledger.read_bytes()
    settled = dprk("resolve", one, "--field", f"constraints.{two}", "--take", take)
    assert settled.code == 0, settled.err
    if not together:
        assert f"; {two}: no longer together with {one}\n" in settled.err
    assert dprk("check").code == 0
    for ident, other in ((one, two), (two, one)):
        constraints = json.loads(dprk("show", ident, "--format", "json").out)["constraints"]
        assert ({"with": other} in constraints) is together
    assert dprk("undo").code == 0
    assert ledger.read_bytes() == conflicted


def test_a_measure_created_twice_by_hand_is_an_error_of_check(dprk, tmp_path):
    """A second `created` entry, written by hand, is named by check; it changes nothing."""
    assert dprk("init", "--example", "korea-2018").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    shown = json.loads(dprk("show", "second-summit", "--format", "json").out)
    created = next(h for h in shown["history"] if h["event"] == "created")
    text = ledger.read_text(encoding="utf-8")
    at = text.index('id = "second-summit"')
    at = text.index("[[measures.history]]", at)
    extra = (
        '[[measures.history]]\ndate = 2019-02-27\nevent = "created"\nstatus = "withdrawn"\n'
        f'detail = "created as withdrawn"\nrecorded = {created["recorded"]}\n\n'
    )
    ledger.write_text(text[:at] + extra + text[at:], encoding="utf-8")
    before = ledger.read_bytes()
    checked = dprk("check")
    assert checked.code == 1
    assert "second-summit: created as withdrawn on 2019-02-27 follows created as" in checked.out
    assert "[transitions]" in checked.out
    assert (
        json.loads(dprk("show", "second-summit", "--format", "json").out)["status"]
        == (shown["status"])
    )
    assert ledger.read_bytes() == before


def _sides(dprk, tmp_path, ours_args, theirs_args):
    """The bundled example changed by commands in ours and in theirs, then merged into
    the ledger the `dprk` fixture reads: the merge driver's result."""
    assert dprk("init", "--example", "korea-2018").code == 0
    ledger, sides = _changed_sides(dprk, tmp_path, ours_args, theirs_args)
    return dprk("merge-driver", *sides.values(), "--output", ledger)


def _ids(dprk) -> list[str]:
    return dprk("status", "--format", "ids").out.split()


def test_a_measure_renamed_on_one_side_takes_the_other_sides_changes(dprk, tmp_path, monkeypatch):
    """Renamed in theirs, marked and waited for in ours: one measure, under its new id,
    with our change, and our reference to it renamed. It used to be kept twice (a
    'removed on one side' conflict), its links one-sided."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    old, new = "inventory-submission", "nuclear-inventory"
    merged = _sides(
        dprk,
        tmp_path,
        [["mark", old, "agreed", "--date", "2018-10-01"],
         ["sequence", "second-summit", "--after", old, "--date", "2018-10-01"]],
        [["rename", old, new]],
    )  # fmt: skip
    assert merged.code == 0, merged.err
    ids = _ids(dprk)
    assert new in ids and old not in ids
    shown = json.loads(dprk("show", new, "--format", "json").out)
    assert shown["status"] == "agreed"
    assert [h["event"] for h in shown["history"]].count("rename") == 1
    summit = json.loads(dprk("show", "second-summit", "--format", "json").out)
    assert new in summit["after"] and old not in summit["after"]
    assert json.loads(dprk("check", "--format", "json").out)["errors"] == 0


def test_a_measure_renamed_on_both_sides_is_one_measure_with_a_conflict_on_its_id(
    dprk, tmp_path, monkeypatch
):
    """Renamed to two ids: one measure (it was two, counted twice), in conflict on its
    id until `resolve` takes one; undo brings the conflict back."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    old = "inventory-submission"
    merged = _sides(
        dprk, tmp_path, [["rename", old, "inventory"]], [["rename", old, "declaration-list"]]
    )
    assert merged.code == 1
    assert "its id is in conflict: 'inventory' in ours, 'declaration-list' in theirs" in merged.err
    ids = _ids(dprk)
    assert "inventory" in ids and "declaration-list" not in ids and old not in ids
    found = json.loads(dprk("check", "--format", "json").out)["problems"]
    assert [(p["check"], p["measure"]) for p in found if p["severity"] == "error"] == [
        ("merge-conflicts", "inventory")
    ]
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    result = dprk("resolve", "inventory", "--field", "id", "--take", "theirs")
    assert result.code == 0, result.err
    assert result.err == "inventory: id: took theirs ('declaration-list')\n"
    ids = _ids(dprk)
    assert "declaration-list" in ids and "inventory" not in ids
    declaration = json.loads(dprk("show", "end-of-war-declaration", "--format", "json").out)
    assert "declaration-list" in declaration["in_exchange_for"]
    assert json.loads(dprk("check", "--format", "json").out)["errors"] == 0
    assert dprk("undo").code == 0 and ledger.read_bytes() == before
    kept = dprk("resolve", "inventory", "--field", "id", "--take", "ours")
    assert kept.code == 0 and kept.err == "inventory: id: took ours ('inventory')\n"
    assert json.loads(dprk("check", "--format", "json").out)["errors"] == 0
    assert dprk("undo").code == 0 and ledger.read_bytes() == before
    chosen = dprk("resolve", "inventory", "--field", "id", "--take", "inventory-list")
    assert chosen.err == "inventory: id: took 'inventory-list'\n"  # (it said 'took value')
    log = json.loads(dprk("log", "inventory-list", "--format", "json").out)
    assert "merge conflict on id settled: took 'inventory-list'" in [e["detail"] for e in log]


@pytest.mark.parametrize("renaming", ["ours", "theirs"])
def test_a_measure_renamed_to_an_id_the_other_side_added_stays_apart(
    dprk, tmp_path, monkeypatch, renaming
):
    """One side renamed a measure to 'closure' and noted it; the other added another
    measure as 'closure' and put a measure after the old id. The merge fused the two
    into one 'closure' (conflicts on its actor, title and history), and brought the old
    id back as removed on one side, the other side's constraint still on it. Both are
    kept, apart: the renamed one under its old id, with its rename in conflict."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    old = "inventory-submission"
    rename = [["rename", old, "closure"], ["note", "closure", "seen", "--date", "2018-10-01"]]
    added = [
        ["add-measure", "Close the liaison office", "--actor", "US", "--id", "closure",
         "--date", "2018-09-01"],
        ["sequence", "second-summit", "--after", old, "--date", "2018-10-01"],
    ]  # fmt: skip
    ours, theirs = (rename, added) if renaming == "ours" else (added, rename)
    merged = _sides(dprk, tmp_path, ours, theirs)
    assert merged.code == 1
    ids = ("closure", old) if renaming == "ours" else (old, "closure")
    assert merged.err.count("\n") == 2
    assert (
        f"  measure '{old}': its id is in conflict: '{ids[0]}' in ours, '{ids[1]}' in theirs "
        "(renamed on both sides, or on one to an id the other gave another measure, which "
        f"keeps it); keep one id with 'dprk resolve {old} --field id --take "
        "ours|theirs|NEW_ID' (an id another measure holds is refused: rename that one first)\n"
    ) in merged.err
    assert {"closure", old} <= set(_ids(dprk))
    office = json.loads(dprk("show", "closure", "--format", "json").out)
    assert (office["title"], office["actor"]) == ("Close the liaison office", "US")
    assert [h["event"] for h in office["history"]] == ["created"]
    kept = json.loads(dprk("show", old, "--format", "json").out)
    assert "seen" in [h["note"] for h in kept["history"]]
    summit = json.loads(dprk("show", "second-summit", "--format", "json").out)
    assert old in summit["after"]
    found = json.loads(dprk("check", "--format", "json").out)["problems"]
    assert [(p["check"], p["measure"]) for p in found if p["severity"] == "error"] == [
        ("merge-conflicts", old)
    ]
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    refused = dprk("resolve", old, "--field", "id", "--take", renaming)
    assert (refused.code, refused.err) == (
        1,
        "dprk: error: a measure with id 'closure' already exists; choose another id\n",
    )
    assert ledger.read_bytes() == before
    renamed = dprk("resolve", old, "--field", "id", "--take", "nuclear-inventory")
    assert renamed.code == 0, renamed.err
    assert (
        "nuclear-inventory"
        in json.loads(dprk("show", "second-summit", "--format", "json").out)["after"]
    )
    assert json.loads(dprk("check", "--format", "json").out)["errors"] == 0
    assert dprk("undo").code == 0 and ledger.read_bytes() == before
    other = "theirs" if renaming == "ours" else "ours"
    assert dprk("resolve", old, "--field", "id", "--take", other).code == 0
    assert json.loads(dprk("check", "--format", "json").out)["errors"] == 0


def test_a_measure_renamed_alike_on_both_sides_merges_cleanly(dprk, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    old = "inventory-submission"
    merged = _sides(
        dprk,
        tmp_path,
        [["rename", old, "inventory"]],
        [["rename", old, "inventory"], ["mark", "inventory", "agreed", "--date", "2018-10-01"]],
    )
    assert merged.code == 0, merged.err
    assert json.loads(dprk("show", "inventory", "--format", "json").out)["status"] == "agreed"
    assert old not in _ids(dprk)
    assert json.loads(dprk("check", "--format", "json").out)["errors"] == 0


def test_one_party_added_on_both_sides_spelled_two_ways_is_a_conflict(dprk, tmp_path, monkeypatch):
    """'ROK' in ours and 'rok' in theirs name one side: the merge used to keep both (a
    clean merge, so git committed it, and check then failed). Now the ledger names it
    as ours did, with a conflict that resolve settles, renaming it if theirs is taken."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    merged = _sides(
        dprk,
        tmp_path,
        [["add-party", "China"]],
        [["add-party", "china"],
         ["add-measure", "Host talks", "--actor", "china", "--id", "host", "--date", "2018-10-01"]],
    )  # fmt: skip
    assert merged.code == 1
    assert "unresolved merge conflict on field 'party': ours 'China', theirs 'china'" in merged.err
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    found = json.loads(dprk("check", "--format", "json").out)["problems"]
    assert [p["check"] for p in found if p["severity"] == "error"] == ["merge-conflicts"]
    assert json.loads(dprk("show", "host", "--format", "json").out)["actor"] == "China"
    result = dprk("resolve", "--field", "party", "--take", "theirs")
    assert result.code == 0 and result.err == "party: took theirs (now 'china')\n"
    assert json.loads(dprk("show", "host", "--format", "json").out)["actor"] == "china"
    assert "china" in json.loads(dprk("status", "--format", "json").out)["parties"]
    assert dprk("check").code == 0
    undone = dprk("undo")
    assert (
        undone.err.startswith("undid: resolve --field party --take theirs")
        and ledger.read_bytes() == before
    )


def test_one_measure_added_on_both_sides_under_one_party_spelled_two_ways(
    dprk, tmp_path, monkeypatch
):
    """Both sides added measure 'host' by a party spelled 'China' and 'china': beside the
    party's conflict, the merge asked to choose its actor between 'China' and 'China' (the
    other spelling renamed to ours), and after taking theirs, between 'china' and 'china'.
    One party, one conflict: settled, the ledger is sound."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    host = ["add-measure", "Host talks", "--actor", "{}", "--id", "host", "--date", "2018-10-01"]
    merged = _sides(
        dprk,
        tmp_path,
        [["add-party", "China"], [a.format("China") for a in host]],
        [["add-party", "china"], [a.format("china") for a in host]],
    )
    assert merged.code == 1
    assert "merged the ledger with 1 conflict" in merged.err
    assert "unresolved merge conflict on field 'party': ours 'China', theirs 'china'" in merged.err
    assert "field 'actor'" not in merged.err
    shown = json.loads(dprk("show", "host", "--format", "json").out)
    assert shown["actor"] == "China" and shown.get("conflicts", []) == []
    result = dprk("resolve", "--field", "party", "--take", "theirs")
    assert result.code == 0, result.err
    assert json.loads(dprk("show", "host", "--format", "json").out)["actor"] == "china"
    assert dprk("check").code == 0


def test_one_verifier_spelt_two_ways_on_two_sides_is_one(dprk, tmp_path, monkeypatch):
    """One finding typed on both sides as 'ctbto' and 'CTBTO' made a conflict of
    histories that do not fit together, whose advice, followed, was refused as a finding
    already on record; findings by 'iaea' on one side and 'IAEA' on the other kept both
    names. Their spelling is ours': the finding is one, the verifier one."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    site, remains = "punggye-ri-closure", "test-moratorium"
    merged = _sides(
        dprk,
        tmp_path,
        [["verify", site, "--by", "ctbto", "--date", "2018-08-11"],
         ["verify", remains, "--by", "iaea", "--date", "2018-08-12"]],
        [["verify", site, "--by", "CTBTO", "--date", "2018-08-11"],
         ["verify", site, "--by", "IAEA", "--date", "2018-08-13", "--result", "partial"]],
    )  # fmt: skip
    assert merged.code == 0, merged.err
    shown = json.loads(dprk("show", site, "--format", "json").out)
    assert [(v["by"], v["date"]) for v in shown["verifications"]] == [
        ("ctbto", "2018-08-11"),
        ("iaea", "2018-08-13"),
    ]
    assert [h["detail"] for h in shown["history"]].count("confirmed by ctbto") == 1
    assert dprk("check").code == 0


def test_a_verifier_ours_spells_both_ways_keeps_their_spelling(dprk, tmp_path, monkeypatch):
    """Ours already writes a verifier two ways (a finding of the base as 'iaea', a new one
    as 'IAEA', written by hand or by an older dprk: `verify` now takes the name on record):
    theirs' 'iaea' findings are left as they are, not changed to ours' first spelling,
    which would be a change of theirs no one made."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    site = "test-moratorium"  # (after punggye-ri-closure, where ours writes IAEA)
    assert dprk("init", "--example", "korea-2018").code == 0
    assert dprk("verify", site, "--by", "iaea", "--date", "2018-08-11").code == 0
    ledger, sides = _changed_sides(
        dprk,
        tmp_path,
        [["verify", "punggye-ri-closure", "--by", "iaea", "--date", "2018-08-12"]],
        [["note", site, "seen", "--date", "2018-08-13"]],
    )
    blocks = sides["ours"].read_text(encoding="utf-8").split("[[measures]]\n")
    at = next(i for i, b in enumerate(blocks) if b.startswith('id = "punggye-ri-closure"'))
    assert blocks[at].count('"iaea"') == 1 and blocks[at].count("by iaea") == 1
    blocks[at] = blocks[at].replace('"iaea"', '"IAEA"').replace("by iaea", "by IAEA")
    sides["ours"].write_text("[[measures]]\n".join(blocks), encoding="utf-8")
    merged = dprk("merge-driver", *sides.values(), "--output", ledger)
    assert merged.code == 0, merged.err
    shown = json.loads(dprk("show", site, "--format", "json").out)
    assert [v["by"] for v in shown["verifications"]] == ["iaea"]
    assert dprk("check").code == 0


def test_taking_their_removal_of_a_measure_still_needed_drops_the_references(dprk, tmp_path):
    """Removed on their side, sequenced after on ours: check advised '--take theirs', which
    was then refused (jp2 still sequenced after the removed jp1). It drops the references,
    as 'remove --force' does, and says so."""
    assert dprk("init", "--party", "US", "--party", "Japan").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    assert (
        dprk("add-measure", "J", "--actor", "US", "--id", "jp1", "--date", "2018-06-01").code == 0
    )
    assert (
        dprk("add-measure", "J2", "--actor", "Japan", "--id", "jp2", "--date", "2018-06-01").code
        == 0
    )
    sides = {name: tmp_path / f"{name}.toml" for name in ("base", "ours", "theirs")}
    for side in sides.values():
        side.write_bytes(ledger.read_bytes())
    assert dprk("--ledger", sides["theirs"], "remove", "jp1").code == 0
    assert dprk("--ledger", sides["ours"], "sequence", "jp2", "--after", "jp1").code == 0
    merged = dprk("merge-driver", sides["base"], sides["ours"], sides["theirs"], "-o", ledger)
    assert merged.code == 1
    assert "drop it with '--take theirs'" in dprk("check").out
    result = dprk("resolve", "jp1", "--field", "measure", "--take", "theirs")
    assert result.code == 0, result.err
    assert result.err == "jp1: removed (took theirs); dropped the references to it from jp2\n"
    assert dprk("check", "--strict").out == "ok: no problems found\n"
    assert json.loads(dprk("show", "jp2", "--format", "json").out)["constraints"] == []


def test_a_history_conflict_says_where_the_sides_differ(dprk, tmp_path):
    """Redated two ways: the conflict said "'dprk check' says where", and check printed
    only that line again."""
    assert dprk("init", "--party", "US").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    assert dprk("add-measure", "X", "--actor", "US", "--id", "x", "--date", "2018-01-01").code == 0
    assert dprk("mark", "x", "implemented", "--date", "2018-03-01").code == 0
    sides = {name: tmp_path / f"{name}.toml" for name in ("base", "ours", "theirs")}
    for side in sides.values():
        side.write_bytes(ledger.read_bytes())
    assert dprk("--ledger", sides["ours"], "redate", "x", "2", "2018-03-07").code == 0
    assert dprk("--ledger", sides["theirs"], "redate", "x", "2", "2018-03-05").code == 0
    assert (
        dprk("merge-driver", sides["base"], sides["ours"], sides["theirs"], "-o", ledger).code == 1
    )
    out = dprk("check").out
    assert (
        "error: x: the two sides recorded histories that do not fit together (ours: "
        "'implemented' on 2018-03-07, "
    ) in out
    assert "theirs: 'implemented' on 2018-03-05, " in out


@pytest.mark.parametrize("swap", [False, True], ids=["ours-first", "theirs-first"])
def test_an_undated_measure_moved_back_on_both_sides_moves_its_links_once(
    dprk, tmp_path, monkeypatch, swap
):
    """A measure added without a date, in exchange for another: the link on the other
    measure is dated as its creation. Each side back-dated an event of it, and moved the
    link each its own way: the merge called the other measure's histories incompatible.
    One link, dated as the merged creation."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    assert dprk("init", "--example", "korea-2018").code == 0
    added = dprk("add-measure", "Ease sanctions", "--actor", "US", "--id", "relief",
                 "--in-exchange-for", "inventory-submission")  # fmt: skip
    assert added.code == 0, added.err
    ours = [["note", "relief", "raised", "--date", "2018-10-10"]]
    theirs = [["mark", "relief", "agreed", "--date", "2018-10-20"]]
    if swap:
        ours, theirs = theirs, ours
    ledger, sides = _changed_sides(dprk, tmp_path, ours, theirs)
    merged = dprk("merge-driver", *sides.values(), "--output", ledger)
    assert (merged.code, merged.err) == (0, "")
    assert json.loads(dprk("check", "--format", "json").out)["errors"] == 0
    links = [
        (h["date"], h["detail"])
        for h in json.loads(dprk("show", "inventory-submission", "--format", "json").out)["history"]
        if h["event"] == "exchange"
    ]
    assert links == [("2018-10-10", "in exchange for relief")]
    text = ledger.read_text(encoding="utf-8")
    assert text.count('detail = "in exchange for relief"') == 1
    shown = json.loads(dprk("show", "relief", "--format", "json").out)
    assert [(h["date"], h["event"]) for h in shown["history"]] == [
        ("2018-10-10", "created"),
        ("2018-10-10", "note"),
        ("2018-10-20", "status"),
    ]


def test_a_status_set_by_hand_on_a_measure_without_history_is_kept():
    """A measure written by hand, agreed, without a history; each side changed another
    field by hand. The merged measure came out proposed (the model's default)."""
    base = put(BASE, measure("x", status="agreed", history=[]))
    ours = edit(base, "x", title="Ours")
    theirs = edit(base, "x", notes="theirs")
    result = both_ways(base, ours, theirs)
    assert result.clean
    x = result.ledger.index()["x"]
    assert (x.title, x.notes, x.status.value, x.history) == ("Ours", "theirs", "agreed", [])


def test_a_state_set_by_hand_against_a_history_the_other_side_began_is_a_conflict():
    """The base has a measure written by hand, proposed, without a history. Ours sets it
    agreed by hand; theirs records a note with dprk, which writes its creation as
    proposed. The note's side won and the hand-set status went; it is a conflict on the
    history, and the measure stands as each merge's ours."""
    base = put(BASE, measure("x", history=[]))
    ours = edit(base, "x", status="agreed")
    created = entry(0, "created", "proposed", rec=5).model_copy(update={"undated": True})
    theirs = edit(base, "x", history=[created, entry(0, "note", note="raised", rec=5)])
    for one, two, status, events in (
        (ours, theirs, "agreed", []),
        (theirs, ours, "proposed", ["created", "note"]),
    ):
        x = merge(base, one, two).ledger.index()["x"]
        assert [c.field for c in x.conflicts] == ["history"]
        assert (x.status.value, [h.event for h in x.history]) == (status, events)


def test_a_measure_added_by_hand_and_on_a_date_as_one_status_is_created_once():
    """Added by hand (no history, proposed) on one side, on a date as proposed on the
    other: one creation, on that date."""
    ours = put(BASE, measure("x", history=[]))
    theirs = put(BASE, measure("x", history=[entry(3, "created", "proposed", rec=5)]))
    result = both_ways(BASE, ours, theirs)
    assert result.clean
    x = result.ledger.index()["x"]
    assert [(h.date, h.event, h.undated) for h in x.history] == [(day(3), "created", False)]


@pytest.mark.parametrize("field", ["actor", "deadline"])
def test_a_dated_field_edited_on_both_sides_follows_the_edit_dated_last(dprk, tmp_path, field):
    """Ours handed the measure to A in March, theirs to a third party in April: the merge
    asked which to keep, and 'resolve --take ours' left the April edit in the history,
    the actor then not the one dated last. The edit dated last is in force, as it would
    be had both been typed on one side, and the log reads in date order."""
    values = {"actor": ("A", "ROK"), "deadline": ("2019-03-01", "2019-06-01")}[field]
    ledger, sides = _one_measure_two_sides(
        dprk,
        tmp_path,
        [["edit", "old", f"--{field}", values[0], "--date", "2018-03-01"]],
        [["add-party", "ROK"], ["edit", "old", f"--{field}", values[1], "--date", "2018-04-01"]],
    )
    merged = dprk("merge-driver", *sides.values(), "--output", ledger)
    assert merged.code == 0, merged.err
    record = json.loads(dprk("show", "old", "--format", "json").out)
    assert record[field] == values[1]
    edits = [h["detail"] for h in record["history"] if h["event"] == "edit"]
    start = "'US'" if field == "actor" else "(none)"
    assert edits == [
        f"{field}: {start} -> '{values[0]}'",
        f"{field}: '{values[0]}' -> '{values[1]}'",
    ]
    assert dprk("check").out == "ok: no problems found\n"


def _typing(dprk, monkeypatch):
    """A function that runs a command, each a second after the one before (so that the
    history's order is the order typed), and checks its exit code (`code`, default 0)."""
    clock = iter(range(1796083200, 1796083300))

    def run(*args, code=0):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(next(clock)))
        done = dprk(*args)
        assert done.code == code, done.err
        return done

    return run


def _merged_in_turn(dprk, monkeypatch, tmp_path, base, *, theirs, ours):
    """A two-party ledger made by the `base` commands, changed by `theirs` and then `ours`
    on two copies, and merged with a conflict: a function that runs a command, each a
    second after the one before (so that the history's order is the order typed)."""
    run = _typing(dprk, monkeypatch)

    run("init", "--party", "DPRK", "--party", "US")
    for args in base:
        run(*args)
    ledger = tmp_path / "dprk-ledger.toml"
    sides = {name: tmp_path / f"{name}.toml" for name in ("base", "ours", "theirs")}
    for side in sides.values():
        side.write_bytes(ledger.read_bytes())
    run("--ledger", sides["theirs"], *theirs)
    run("--ledger", sides["ours"], *ours)
    assert dprk("merge-driver", *sides.values(), "--output", ledger).code == 1
    return run


def _record(dprk, ident, *args):
    """The record of `ident` in `status --format json` (`args`: --as-of DAY, say)."""
    shown = dprk("status", "--format", "json", *args)
    assert shown.code == 0, shown.err
    return next(r for r in json.loads(shown.out)["measures"] if r["id"] == ident)


@pytest.mark.parametrize(
    ("take", "settled"),
    [("theirs", "2019-01-01"), ("ours", "2019-03-01"), ("2019-02-02", "2019-02-02")],
)
def test_a_settled_deadline_stays_when_another_entry_is_redated(
    dprk, tmp_path, monkeypatch, take, settled
):
    """Each side edited the deadline on the same day: a conflict. The settlement set the
    field, but the history still said the edit recorded last was in force, so a redate
    of an unrelated entry (which puts dated fields in force from their edits) brought
    back the value `resolve` had turned down, and `check` said ok."""
    run = _merged_in_turn(
        dprk,
        monkeypatch,
        tmp_path,
        [
            ["add-measure", "Inventory", "--actor", "DPRK", "--id", "inv", "--date", "2018-07-07"],
            ["edit", "inv", "--deadline", "2018-12-01", "--date", "2018-09-01"],
        ],
        theirs=["edit", "inv", "--deadline", "2019-01-01", "--date", "2018-09-21"],
        ours=["edit", "inv", "--deadline", "2019-03-01", "--date", "2018-09-21"],
    )
    run("resolve", "inv", "--field", "deadline", "--take", take)

    def deadline(*args):
        return _record(dprk, "inv", *args)["deadline"]

    assert deadline() == settled
    assert deadline("--as-of", "2018-10-01") == settled
    named = {"theirs": "theirs ('2019-01-01')", "ours": "ours ('2019-03-01')"}.get(
        take, f"'{take}'"
    )
    assert [h["detail"] for h in _record(dprk, "inv")["history"] if h["event"] == "resolve"] == [
        f"merge conflict on deadline settled: took {named}"
    ]
    redated = run("redate", "inv", "2", "2018-09-02")
    assert "its deadline is now" not in redated.err
    assert deadline() == settled
    assert deadline("--as-of", "2018-10-01") == settled
    assert deadline("--as-of", "2018-09-10") == "2018-12-01"
    assert dprk("check").code == 0


@pytest.mark.parametrize(("take", "together"), [("theirs", False), ("ours", True)])
def test_a_settled_order_stays_when_another_entry_is_redated(
    dprk, tmp_path, monkeypatch, take, together
):
    """Theirs put inv after eow, ours together with eow, later: a conflict. Taking
    theirs set the order, but inv's history still said the `with` was in force, so a
    redate of inv's other entry put it back on both measures, while eow's log ended
    with its removal."""
    run = _merged_in_turn(dprk, monkeypatch, tmp_path, [
        ["add-measure", "End of war", "--actor", "US", "--id", "eow", "--date", "2018-07-07"],
        ["add-measure", "Inventory", "--actor", "DPRK", "--id", "inv", "--date", "2018-07-07"],
    ], theirs=["sequence", "inv", "--after", "eow", "--demanded-by", "DPRK", "--date", "2018-07-07"],
       ours=["sequence", "inv", "--with", "eow", "--date", "2018-07-10"])  # fmt: skip
    run("resolve", "inv", "--field", "constraints.eow", "--take", take)

    def orders(ident, *args):
        return _record(dprk, ident, *args)["constraints"]

    theirs = {"after": "eow", "require": "acted", "demanded_by": "DPRK", "verified_by": None}
    expected = [{"with": "eow"}] if together else [theirs]
    assert orders("inv") == expected
    assert orders("inv", "--as-of", "2018-08-01") == expected
    assert ({"with": "inv"} in orders("eow", "--as-of", "2018-08-01")) is together
    run("redate", "inv", "2", "2018-07-08")
    assert orders("inv") == expected
    assert orders("inv", "--as-of", "2018-08-01") == expected
    assert ({"with": "inv"} in orders("eow")) is together
    assert ({"with": "inv"} in orders("eow", "--as-of", "2018-08-01")) is together
    assert dprk("check").code == 0


@pytest.mark.parametrize(
    ("field", "theirs", "ours", "code"),
    [
        ("deadline", ["--deadline", "2019-01-01"], ["--deadline", "2019-03-01"], 2),
        ("notes", ["--notes", "theirs"], ["--notes", "ours"], 0),  # ("" says none)
    ],
)
def test_an_empty_take_clears_only_what_an_empty_value_clears(
    dprk, tmp_path, monkeypatch, field, theirs, ours, code
):
    """`--take ""` (an empty variable in a script) cleared a deadline without a word,
    while spaces were refused: `none` is the way to clear one."""
    _merged_in_turn(dprk, monkeypatch, tmp_path, [
        ["add-measure", "Inventory", "--actor", "DPRK", "--id", "inv", "--date", "2018-07-07"],
    ], theirs=["edit", "inv", *theirs, "--date", "2018-09-21"],
       ours=["edit", "inv", *ours, "--date", "2018-09-21"])  # fmt: skip
    ledger = tmp_path / "dprk-ledger.toml"
    merged = ledger.read_bytes()
    settled = dprk("resolve", "inv", "--field", field, "--take", "")
    assert settled.code == code, settled.err
    if code:
        assert settled.err == (
            "dprk: error: --take: is blank; give ours, theirs, or a value (none clears it)\n"
        )
        assert ledger.read_bytes() == merged
    else:
        assert _record(dprk, "inv")[field] == ""


@pytest.mark.parametrize("base", ["a1", "m1"])
@pytest.mark.parametrize("into", ["A", "B"])
def test_two_settlements_of_one_conflict_merged_again_are_a_conflict(
    dprk, tmp_path, monkeypatch, base, into
):
    """Desk A and desk B each merged the other's edit of one day and settled the deadline
    conflict differently; merging their merges, git's base is one of the first two sides,
    and the field took whichever value differed from it: no conflict, a deadline the
    merged history contradicted, and check said ok. The desks disagree: a conflict."""
    run = _typing(dprk, monkeypatch)

    sides = {name: tmp_path / f"{name}.toml" for name in ("b0", "a1", "m1", "A", "B")}
    run("--ledger", sides["b0"], "init", "--party", "A")
    run("--ledger", sides["b0"], "add-measure", "X", "--actor", "A", "--id", "x",
        "--date", "2020-01-01")  # fmt: skip
    for name, deadline in (("a1", "2020-07-01"), ("m1", "2020-08-01")):
        sides[name].write_bytes(sides["b0"].read_bytes())
        run("--ledger", sides[name], "edit", "x", "--deadline", deadline, "--date", "2020-03-01")
    for merged, ours, theirs in (("A", "a1", "m1"), ("B", "m1", "a1")):
        run("merge-driver", sides["b0"], sides[ours], sides[theirs], "-o", sides[merged], code=1)
        run("--ledger", sides[merged], "resolve", "x", "--field", "deadline", "--take", "theirs")
    other = "B" if into == "A" else "A"
    out = tmp_path / "merged.toml"
    result = run("merge-driver", sides[base], sides[into], sides[other], "-o", out, code=1)
    values = {"A": "2020-08-01", "B": "2020-07-01"}
    assert (
        f"unresolved merge conflict on field 'deadline': ours '{values[into]}', "
        f"theirs '{values[other]}'"
    ) in result.err
    assert dprk("--ledger", out, "check").code == 1


@pytest.mark.parametrize("field", ["title", "notes", "category"])
@pytest.mark.parametrize("base", ["a1", "m1", "virtual"])
def test_a_field_settled_two_ways_apart_is_a_conflict_and_settled_once_is_not(
    dprk, tmp_path, monkeypatch, base, field
):
    """Each desk merged the other's title and settled the conflict its own way; merging
    their merges took whichever title differed from git's base: one desk's choice was
    lost without a word. A conflict, as for a dated field; settled on one side alone,
    the settlement stands."""
    run = _typing(dprk, monkeypatch)

    sides = {name: tmp_path / f"{name}.toml" for name in ("b0", "a1", "m1", "A", "B")}
    run("--ledger", sides["b0"], "init", "--party", "A")
    run("--ledger", sides["b0"], "add-measure", "X", "--actor", "A", "--id", "x")
    for name, value in (("a1", "Desk A"), ("m1", "Desk B")):
        sides[name].write_bytes(sides["b0"].read_bytes())
        run("--ledger", sides[name], "edit", "x", f"--{field}", value)
    for merged, ours, theirs in (("A", "a1", "m1"), ("B", "m1", "a1")):
        run("merge-driver", sides["b0"], sides[ours], sides[theirs], "-o", sides[merged], code=1)
    unsettled = sides["B"].read_bytes()
    sides["virtual"] = tmp_path / "virtual.toml"  # (git's own base: the two merged)
    sides["virtual"].write_bytes(unsettled)
    for merged in ("A", "B"):
        run("--ledger", sides[merged], "resolve", "x", "--field", field, "--take", "ours")
    out = tmp_path / "merged.toml"
    result = run("merge-driver", sides[base], sides["A"], sides["B"], "-o", out, code=1)
    assert (
        f"unresolved merge conflict on field '{field}': ours 'Desk A', theirs 'Desk B'"
    ) in result.err
    assert dprk("--ledger", out, "check").code == 1
    # B left it unsettled: A's settlement stands (git's base, the merge of the two first
    # sides, holds the conflict)
    # (whichever side git takes for ours, and whatever base: a committed conflict, its
    # value the base's, took the other's settlement away without a word)
    sides["B"].write_bytes(unsettled)
    for ours, theirs in (("A", "B"), ("B", "A")):
        run("merge-driver", sides[base], sides[ours], sides[theirs], "-o", out)
        shown = json.loads(dprk("--ledger", out, "show", "x", "--format", "json").out)
        assert shown[field] == "Desk A", (ours, theirs)
        assert dprk("--ledger", out, "check").code == 0


def test_a_rename_undone_by_a_revert_moves_the_measure_back(dprk, tmp_path, monkeypatch):
    """`git revert` of a rename merges the commit before it (theirs) into the commits
    since (ours), from the rename (the base): the measure came out twice, under both ids,
    with a conflict whose every choice was wrong. The rename is undone, and what was
    recorded since goes with the measure."""
    typed = _typing(dprk, monkeypatch)

    def run(path, *args):
        return typed("--ledger", path, *args)

    before, renamed, later = (tmp_path / f"{n}.toml" for n in ("before", "renamed", "later"))
    run(before, "init", "--party", "US", "--party", "DPRK")
    run(before, "add-measure", "Summit", "--actor", "US", "--id", "summit", "--date", "2018-09-10")
    run(before, "add-measure", "Guarantees", "--actor", "US", "--id", "sg", "--date", "2018-09-10")
    renamed.write_bytes(before.read_bytes())
    run(renamed, "rename", "summit", "hanoi", "--date", "2018-09-20")
    later.write_bytes(renamed.read_bytes())
    run(later, "mark", "hanoi", "agreed", "--date", "2018-10-01")
    run(later, "sequence", "sg", "--after", "hanoi", "--date", "2018-10-02")
    out = tmp_path / "reverted.toml"
    result = dprk("merge-driver", renamed, later, before, "-o", out)
    assert (result.code, result.err) == (0, "")
    merged = json.loads(dprk("--ledger", out, "status", "--format", "json").out)["measures"]
    assert [(m["id"], m["status"], m["after"]) for m in merged] == [
        ("sg", "proposed", ["summit"]),
        ("summit", "agreed", []),
    ]
    assert dprk("--ledger", out, "check").code == 0


def test_an_edit_whose_value_cannot_be_read_back_leaves_the_conflict(dprk, tmp_path):
    """Each side edited the deadline, on two days; theirs, dated last, had its words
    changed by hand to no date. The merge read the value back and failed on it; the
    conflict is left to `resolve`."""
    ledger, sides = _one_measure_two_sides(
        dprk,
        tmp_path,
        [["edit", "old", "--deadline", "2019-03-01", "--date", "2018-09-21"]],
        [["edit", "old", "--deadline", "2019-01-01", "--date", "2018-09-25"]],
    )
    text = sides["theirs"].read_text(encoding="utf-8")
    sides["theirs"].write_text(text.replace("-> '2019-01-01'", "-> 'soon'"), encoding="utf-8")
    result = dprk("merge-driver", *sides.values(), "--output", ledger)
    assert result.code == 1, result.err
    assert (
        "unresolved merge conflict on field 'deadline': ours '2019-03-01', theirs '2019-01-01'"
    ) in result.err
    assert "Traceback" not in result.err


@pytest.mark.parametrize(
    ("ours_args", "theirs_args", "ident"),
    [
        (["edit-ledger", "--title", "Ours"], ["edit-ledger", "--title", "Theirs"], None),
        (["edit", "second-summit", "--title", "Ours", "--date", "2018-09-11"],
         ["edit", "second-summit", "--title", "Theirs", "--date", "2018-09-11"],
         "second-summit"),
    ],
    ids=["the-ledgers", "a-measures"],
)  # fmt: skip
def test_a_title_in_conflict_is_not_settled_as_none(dprk, tmp_path, ours_args, theirs_args, ident):
    """'--take none' clears a field (the help says so); a title set to 'none' was taken
    as the text 'none'. A title is never cleared: refused, with what to give instead."""
    merged = _conflicting(dprk, tmp_path, ours_args, theirs_args)
    ledger = tmp_path / "dprk-ledger.toml"
    ids = [ident] if ident else []
    for take in ("none", "None"):
        refused = dprk("resolve", *ids, "--field", "title", "--take", take)
        assert (refused.code, refused.out) == (2, "")
        assert refused.err == (
            "dprk: error: --take: a title cannot be cleared; give ours, theirs, or the title "
            "to keep\n"
        )
        assert ledger.read_bytes() == merged
    assert dprk("resolve", *ids, "--field", "title", "--take", "theirs").code == 0


def test_report_of_a_ledger_in_conflict_says_so_on_the_page_and_on_stderr(dprk, tmp_path):
    """A page read by others cannot show the terminal's warning: it says, as status
    does, which measures are in conflict and that it shows our side of each."""
    _conflicting(
        dprk,
        tmp_path,
        ["edit", "second-summit", "--title", "A second summit in Hanoi"],
        ["edit", "second-summit", "--title", "A second summit in Vietnam"],
    )
    result = dprk("report", "-o", "talks.html")
    assert result.code == 0
    assert result.err == (
        "dprk: warning: unresolved merge conflicts in second-summit: 'dprk check' lists "
        "them, 'dprk resolve ID --field NAME --take ours|theirs|VALUE' settles each; the "
        "page shows our side of each\nwrote talks.html\n"
    )
    page = (tmp_path / "talks.html").read_text(encoding="utf-8")
    assert '<section class="alert"><h2>Unresolved merge conflicts</h2>' in page
    assert "unresolved merge conflicts in second-summit" in page
    assert page.index("Unresolved merge conflicts") < page.index('id="summary"')
    # settled, the page has no word of it
    assert dprk("resolve", "second-summit", "--field", "title", "--take", "ours").code == 0
    result = dprk("report", "-o", "talks.html")
    assert result.err == "wrote talks.html\n"
    assert "merge conflict" not in (tmp_path / "talks.html").read_text(encoding="utf-8")


def test_a_party_renamed_before_it_had_measures_takes_the_other_sides_new_ones(dprk, tmp_path):
    """One desk renamed a party no measure named yet; the other added a measure under the
    old name. The party was split in two by the merge (ROK with the new measure, South
    Korea with none): the renamed party keeps its place in the list, which says it is
    the same party, and the merged measure is South Korea's."""
    assert dprk("init", "--title", "T", "--party", "DPRK", "--party", "ROK", "--party",
                "US").code == 0  # fmt: skip
    assert (
        dprk("add-measure", "A", "--id", "a", "--actor", "DPRK", "--date", "2018-01-01").code == 0
    )
    _split(tmp_path)
    assert dprk("--ledger", "ours.toml", "rename-party", "ROK", "South Korea").code == 0
    assert dprk("--ledger", "theirs.toml", "add-measure", "B", "--id", "b", "--actor", "ROK",
                "--date", "2018-02-01").code == 0  # fmt: skip
    for ours, theirs in (("ours", "theirs"), ("theirs", "ours")):
        merged = dprk("merge-driver", "base.toml", f"{ours}.toml", f"{theirs}.toml", "-o", "m.toml")
        assert merged.code == 0, merged.err
        doc = json.loads(dprk("--ledger", "m.toml", "status", "--format", "json").out)
        assert list(doc["parties"]) == ["DPRK", "South Korea", "US"]
        assert {m["id"]: m["actor"] for m in doc["measures"]} == {"a": "DPRK", "b": "South Korea"}
        assert dprk("--ledger", "m.toml", "check").out == "ok: no problems found\n"


@pytest.mark.parametrize(
    ("made", "ended", "again", "shown"),
    [
        (
            ["sequence", "x", "--after", "y", "--date", "2018-02-01"],
            ["sequence", "x", "--remove", "y"],
            ["sequence", "x", "--after", "y"],
            lambda m: [c.get("after") for c in m["constraints"]],
        ),
        (
            ["link", "x", "y", "--date", "2018-02-01"],
            ["unlink", "x", "y"],
            ["link", "x", "y"],
            lambda m: m["in_exchange_for"],
        ),
    ],
)
@pytest.mark.parametrize(("ended_on", "again_on"), [("2019-01-01", "2019-06-01"),
                                                    ("2019-06-01", "2019-01-01")])  # fmt: skip
def test_a_link_or_order_ended_on_one_side_and_recorded_again_on_the_other_is_as_dated(
    dprk, tmp_path, made, ended, again, shown, ended_on, again_on
):
    """One desk ended an order (or a link), the other recorded it again, as it stands, on
    another day: the removal won the merge whatever the days, and the history (the later
    change in force) and the ledger disagreed, with check saying ok. The later-dated
    change is in force, as the history says."""
    _x_and_y(dprk)
    assert dprk(*made).code == 0
    _split(tmp_path)
    step = dprk("--ledger", "ours.toml", *ended, "--date", ended_on)
    assert step.code == 0, step.err
    step = dprk("--ledger", "theirs.toml", *again, "--date", again_on)
    assert step.code == 0, step.err
    expected = ["y"] if again_on > ended_on else []
    for ours, theirs in (("ours", "theirs"), ("theirs", "ours")):
        merged = dprk("merge-driver", "base.toml", f"{ours}.toml", f"{theirs}.toml", "-o", "m.toml")
        assert merged.code == 0, merged.err
        doc = json.loads(dprk("--ledger", "m.toml", "show", "x", "--format", "json").out)
        assert shown(doc) == expected, (ours, doc["history"])
        on = json.loads(dprk("--ledger", "m.toml", "status", "--as-of", "2019-12-31", "--format",
                             "json").out)  # fmt: skip
        assert shown(next(m for m in on["measures"] if m["id"] == "x")) == expected
        assert dprk("--ledger", "m.toml", "check").out == "ok: no problems found\n"


def test_an_order_redated_on_one_side_past_its_removal_on_the_other_is_a_conflict(
    dprk, tmp_path, tick
):
    """The order moved to 1 March on one desk, removed on 15 February on the other: the
    merge gave a history that removes an order before it was set, which no command
    records, and check said ok. The histories do not fit: a conflict, ours until
    settled. (Each desk's command typed a moment after the order: of changes recorded
    within one second, the one dated first is read as typed first.)"""
    _x_and_y(dprk)
    assert dprk("sequence", "x", "--after", "y", "--date", "2018-02-01").code == 0
    _split(tmp_path)
    tick()
    assert dprk("--ledger", "ours.toml", "redate", "x", "2", "2018-03-01").code == 0
    removed = dprk("--ledger", "theirs.toml", "sequence", "x", "--remove", "y", "--date",
                   "2018-02-15")  # fmt: skip
    assert removed.code == 0, removed.err
    for ours, theirs in (("ours", "theirs"), ("theirs", "ours")):
        merged = dprk("merge-driver", "base.toml", f"{ours}.toml", f"{theirs}.toml", "-o", "m.toml")
        assert merged.code == 1, merged.err
        assert (
            "measure 'x': the two sides recorded histories that do not fit together" in merged.err
        )
        shown = json.loads(dprk("--ledger", "m.toml", "show", "x", "--format", "json").out)
        side = json.loads(dprk("--ledger", f"{ours}.toml", "show", "x", "--format", "json").out)
        assert shown["history"] == side["history"]  # (ours, until settled)
        merged_bytes = (tmp_path / "m.toml").read_bytes()
        for take, name in (("ours", ours), ("theirs", theirs)):
            (tmp_path / "m.toml").write_bytes(merged_bytes)
            assert dprk("--ledger", "m.toml", "resolve", "x", "--field", "history", "--take",
                        take).code == 0  # fmt: skip
            # (the order the side's history puts in force, as that side had it)
            got = json.loads(dprk("--ledger", "m.toml", "show", "x", "--format", "json").out)
            had = json.loads(dprk("--ledger", f"{name}.toml", "show", "x", "--format", "json").out)
            assert got["constraints"] == had["constraints"], (take, name)
            assert dprk("--ledger", "m.toml", "check").out == "ok: no problems found\n"


def test_a_side_refused_for_an_entry_made_since_the_merge_names_it_and_the_way_out(dprk, tmp_path):
    """A reversal recorded during a history conflict does not fit their history (the
    measure was rejected there): taking theirs was refused with the rules' words alone.
    It names the entry recorded since the merge, and how to go on."""
    _conflicting(
        dprk,
        tmp_path,
        ["mark", "second-summit", "implemented", "--date", "2018-10-01"],
        ["mark", "second-summit", "rejected", "--date", "2018-10-03"],
    )
    assert dprk("mark", "second-summit", "reversed", "--date", "2018-10-10").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    number = next(
        e["n"]
        for e in json.loads(dprk("log", "second-summit", "--format", "json").out)
        if e["status"] == "reversed"
    )
    result = dprk("resolve", "second-summit", "--field", "history", "--take", "theirs")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "dprk: error: measure 'second-summit': reversed on 2018-10-10, recorded since the "
        "merge, does not fit their history (rejected on 2018-10-03 comes before reversed on "
        "2018-10-10: only a measure that has acted can be reversed, and a rejected one "
        "has not: if it was offered again and carried out, record those first, dated "
        "after the rejection and by the reversal); drop it first with 'dprk drop-entry "
        "second-summit "
        f"{number}', then take theirs, or take ours\n"
    )
    assert ledger.read_bytes() == before
    assert dprk("drop-entry", "second-summit", str(number)).code == 0
    taken = dprk("resolve", "second-summit", "--field", "history", "--take", "theirs")
    assert taken.code == 0, taken.err
    assert json.loads(dprk("show", "second-summit", "--format", "json").out)["status"] == (
        "rejected"
    )


@pytest.mark.parametrize(
    ("correct", "kept"),
    [
        (["drop-finding", "remains-repatriation", "3"], []),
        (["redate", "remains-repatriation", "3", "2018-09-21"], ["2018-09-21"]),
    ],
)
def test_a_correction_on_one_side_applies_to_the_same_event_the_other_side_recorded(
    dprk, tmp_path, correct, kept
):
    """Both desks recorded DPAA's finding; one then dropped it as entered by mistake (or
    corrected its day). The merge brought the other desk's copy back, beside the
    correction that says it was a mistake. A correction applies to the copies of its
    event recorded before it, on either side."""
    assert dprk("init", "--example", "korea-2018").code == 0
    _split(tmp_path)
    for name in ("ours", "theirs"):
        assert dprk("--ledger", f"{name}.toml", "verify", "remains-repatriation", "--by",
                    "DPAA", "--date", "2018-09-20").code == 0  # fmt: skip
    assert dprk("--ledger", "ours.toml", *correct).code == 0
    corrected = json.loads(
        dprk("--ledger", "ours.toml", "show", "remains-repatriation", "--format", "json").out
    )
    for ours, theirs in (("ours", "theirs"), ("theirs", "ours")):
        merged = dprk("merge-driver", "base.toml", f"{ours}.toml", f"{theirs}.toml", "-o", "m.toml")
        assert merged.code == 0, merged.err
        shown = json.loads(
            dprk("--ledger", "m.toml", "show", "remains-repatriation", "--format", "json").out
        )
        assert [v["date"] for v in shown["verifications"]] == kept
        assert (shown["status"], shown["status_date"]) == (
            corrected["status"],
            corrected["status_date"],
        )
        assert dprk("--ledger", "m.toml", "check").code == 0


@pytest.mark.parametrize("take", ["ours", "theirs"])
def test_a_history_taken_whole_takes_the_actor_that_history_gives(dprk, tmp_path, take):
    """Our desk handed the summit to DPRK and marked it implemented; theirs marked it
    rejected. Settled with theirs, the measure kept our actor, which their history never
    gave it. The actor is the one the history taken gives."""
    assert dprk("init", "--example", "korea-2018").code == 0
    _split(tmp_path)
    for name, args in (
        ("ours", ["edit", "second-summit", "--actor", "DPRK", "--date", "2018-10-01"]),
        ("ours", ["mark", "second-summit", "implemented", "--date", "2018-10-02"]),
        ("theirs", ["mark", "second-summit", "rejected", "--date", "2018-10-03"]),
    ):
        with _desk(2 if name == "ours" else 1):
            assert dprk("--ledger", f"{name}.toml", *args).code == 0
    merged = dprk("merge-driver", "base.toml", "ours.toml", "theirs.toml", "-o",
                  "dprk-ledger.toml")  # fmt: skip
    assert merged.code == 1 and "histories that do not fit" in merged.err
    assert dprk("resolve", "second-summit", "--field", "history", "--take", take).code == 0
    shown = json.loads(dprk("show", "second-summit", "--format", "json").out)
    assert (shown["actor"], shown["status"]) == (
        ("DPRK", "implemented") if take == "ours" else ("US", "rejected")
    )
    assert dprk("check").code == 0


def _split(tmp_path) -> None:
    """The ledger the `dprk` fixture reads, as the base of a merge and its two sides."""
    for name in ("base", "ours", "theirs"):
        (tmp_path / f"{name}.toml").write_bytes((tmp_path / "dprk-ledger.toml").read_bytes())


def _x_and_y(dprk) -> None:
    """A new ledger with x (DPRK's) and y (the US's), made on 1 January 2018."""
    assert dprk("init", "--title", "T", "--party", "DPRK", "--party", "US").code == 0
    for ident, actor in (("x", "DPRK"), ("y", "US")):
        assert dprk("add-measure", ident.upper(), "--id", ident, "--actor", actor,
                    "--date", "2018-01-01").code == 0  # fmt: skip


@pytest.mark.parametrize("merging", ["ours", "theirs"])
def test_a_party_merged_into_another_on_one_side_stays_one(dprk, tmp_path, merging):
    """One side makes 'North Korea' one with DPRK ('rename-party --merge'); the other adds
    a measure for North Korea and an order it demands: the merge kept 'North Korea' as a
    party of its own, the measure under it, and check said ok (a plain rename was
    followed). Merged into a party declared already, it is followed too."""
    assert dprk("init", "--party", "DPRK", "--party", "North Korea", "--party", "US").code == 0
    assert dprk("add-measure", "Old", "--actor", "North Korea", "--id", "old", "--date",
                "2018-01-01").code == 0  # fmt: skip
    fold = [["rename-party", "North Korea", "DPRK", "--merge", "--date", "2018-07-01"]]
    added = [
        ["add-measure", "New", "--actor", "North Korea", "--id", "new", "--date", "2018-07-10"],
        ["sequence", "new", "--after", "old", "--demanded-by", "North Korea", "--date",
         "2018-07-10"],
    ]  # fmt: skip
    ours, theirs = (fold, added) if merging == "ours" else (added, fold)
    ledger, sides = _changed_sides(dprk, tmp_path, ours, theirs)
    merged = dprk("merge-driver", *sides.values(), "--output", ledger)
    assert (merged.code, merged.err) == (0, "")
    doc = json.loads(dprk("export").out)
    assert doc["parties"] == ["DPRK", "US"]
    assert {m["id"]: m["actor"] for m in doc["measures"]} == {"new": "DPRK", "old": "DPRK"}
    new = next(m for m in doc["measures"] if m["id"] == "new")
    assert [c["demanded_by"] for c in new["constraints"]] == ["DPRK"]
    assert dprk("check").out == "ok: no problems found\n"


def test_a_with_against_an_after_in_conflict_is_settled_not_recorded_again(dprk, tmp_path):
    """One side sets inv with eow, the other eow after inv: the merge holds eow's order in
    conflict, and check advised 'dprk sequence inv --with eow', which, followed, took the
    with away from inv. While their orders are in conflict, the conflict is the one
    thing said of them; resolved, check is clean."""
    assert dprk("init", "--party", "DPRK", "--party", "US").code == 0
    for ident, actor in (("inv", "DPRK"), ("eow", "US")):
        assert dprk("add-measure", ident, "--actor", actor, "--id", ident,
                    "--date", "2018-06-12").code == 0  # fmt: skip
    ledger, sides = _changed_sides(
        dprk,
        tmp_path,
        [["sequence", "eow", "--after", "inv", "--demanded-by", "US", "--date", "2018-08-02"]],
        [["sequence", "inv", "--with", "eow", "--date", "2018-08-01"]],
    )
    merged = dprk("merge-driver", *sides.values(), "--output", ledger)
    assert merged.code == 1
    assert "one-sided-with" not in merged.err
    found = json.loads(dprk("check", "--format", "json").out)["problems"]
    assert [p["check"] for p in found if p["severity"] == "error"] == ["merge-conflicts"]
    settled = dprk("resolve", "eow", "--field", "constraints.inv", "--take", "theirs")
    assert settled.code == 0, settled.err
    assert dprk("check").out == "ok: no problems found\n"


def test_a_party_merged_on_one_side_and_its_finding_on_the_other_is_not_committed(dprk, tmp_path):
    """One side merges US into A (`rename-party --merge`); the other records A's finding
    on US's measure, a verifier's word then. Merged, the finding is A's on A's own
    measure: the merge said nothing, exited 0 (git committed it), and `check` then failed
    with own-word. The merge names the rule the two sides break together, with the drop
    that mends it, and exits 1; followed, `check` is clean."""
    ledger, sides = _one_measure_two_sides(
        dprk,
        tmp_path,
        [["rename-party", "US", "A", "--merge", "--date", "2018-06-01"]],
        [["mark", "old", "implemented", "--date", "2018-01-05"],
         ["verify", "old", "--by", "A", "--date", "2018-02-01"]],
    )  # fmt: skip
    merged = dprk("merge-driver", *sides.values(), "--output", ledger)
    assert (merged.code, merged.out) == (1, "")
    assert merged.err.splitlines()[-1] == (
        "  old: its finding by A on 2018-02-01 is the word of its own actor then, which is "
        "not verification; drop it with 'dprk drop-finding old 3' [own-word]"
    )
    assert "the two sides together break 1 rule of 'dprk check'" in merged.err
    check = dprk("check")
    assert check.code == 1 and "[own-word]" in check.out
    assert dprk("drop-finding", "old", "3").code == 0
    assert dprk("check").out == "ok: no problems found\n"


def test_a_merge_keeps_a_whole_an_earlier_dprk_stored_full_that_no_side_changed(dprk, tmp_path):
    """w, made of p1 (done in part) and p2 (done), as an earlier dprk wrote it on every
    side: full once both parts had acted (its extent line left out), read intermediate
    as its parts give it. Each side noted another measure, yet the merge wrote w anew,
    `extent = "intermediate"` added: a change no side made (two desks, one on each dprk,
    would flip the line at each merge). Every side is read as the views read it, so w,
    alike on all three, keeps its text."""
    for args in (
        ("init", "--party", "A", "--party", "B"),
        ("add-measure", "W", "--actor", "A", "--id", "w", "--status", "agreed",
         "--date", "2020-01-01"),
        ("add-measure", "P1", "--actor", "A", "--id", "p1", "--part-of", "w",
         "--status", "agreed", "--date", "2020-01-01"),
        ("add-measure", "P2", "--actor", "A", "--id", "p2", "--part-of", "w",
         "--status", "agreed", "--date", "2020-01-01"),
        ("add-measure", "X", "--actor", "B", "--id", "x", "--date", "2020-01-01"),
        ("add-measure", "Y", "--actor", "B", "--id", "y", "--date", "2020-01-01"),
        ("mark", "p1", "implemented", "--extent", "intermediate", "--date", "2020-02-01"),
        ("mark", "p2", "implemented", "--date", "2020-02-10"),
    ):  # fmt: skip
        assert dprk(*args).code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    stored = b'id = "w"\ntitle = "W"\nactor = "A"\nstatus = "implemented"\n'
    now = ledger.read_bytes()
    assert now.count(stored + b'extent = "intermediate"\n') == 1
    earlier = now.replace(stored + b'extent = "intermediate"\n', stored)
    sides = {name: tmp_path / f"{name}.toml" for name in ("base", "ours", "theirs")}
    for side in sides.values():
        side.write_bytes(earlier)
    for side, ident in ((sides["ours"], "x"), (sides["theirs"], "y")):
        noted = dprk("--ledger", side, "note", ident, "Seen", "--date", "2020-03-01")
        assert noted.code == 0, noted.err
    ours, theirs = sides["ours"].read_bytes(), sides["theirs"].read_bytes()
    out = tmp_path / "merged.toml"
    merged = dprk("merge-driver", *sides.values(), "--output", out)
    assert (merged.code, merged.out, merged.err) == (0, "", "")
    # (ours, with their note on y, the last block; w as every side holds it)
    expected = ours[: ours.index(b'id = "y"')] + theirs[theirs.index(b'id = "y"') :]
    assert out.read_bytes() == expected
    assert expected.count(stored + b"\n") == 1
    assert [side.read_bytes() for side in sides.values()] == [earlier, ours, theirs]
