"""A file read anew is read a measure at a time (`store.anew`): its models let go as
they are read, it makes the very cache that reading the whole ledger makes, and
whatever it cannot read so is read whole, as before."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from dprk_cli.model import Ledger
from dprk_cli.store import anew, side_file, snapshots
from tests.test_cache import ledgers


def _cache(
    path: Path, *, whole: bool, monkeypatch: pytest.MonkeyPatch, declines: bool = False
) -> dict[str, bytes]:
    """Every file of the cache a first read of `path` makes: a measure at a time, or (with
    that way closed) from the ledger read whole (`declines`: the file is one that
    is read whole either way)."""
    shutil.rmtree(side_file(path, "x").parent, ignore_errors=True)
    taken: list[str] = []
    real = anew.read_anew

    def read_anew(*args):  # type: ignore[no-untyped-def]
        found = None if whole else real(*args)
        taken.append("anew" if found is not None else "whole")
        return found

    with monkeypatch.context() as patch:
        patch.setattr(anew, "read_anew", read_anew)
        snapshot = snapshots.open_snapshot(path)
        nodes = snapshot.nodes().measures
    assert taken == ["whole" if whole or declines else "anew"]
    found = {p.name: p.read_bytes() for p in side_file(path, "x").parent.iterdir()}
    # The index names the file's status only once the file is old enough to tell its
    # content by it (a tenth of a second): that, and so its checksum, depends on when.
    meta, body = found[side_file(path, "cache").name].split(b"\n", 1)
    found[side_file(path, "cache").name] = body
    kept = {k: v for k, v in json.loads(meta).items() if k not in ("status", "crc")}
    found["(index)"] = repr(kept).encode()
    found["(nodes served)"] = repr([(n, vars_of(n)) for n in nodes]).encode()
    return found


def vars_of(node: object) -> list[object]:
    return [getattr(node, name) for name in type(node).__slots__]  # type: ignore[attr-defined]


def same_cache(path: Path, monkeypatch: pytest.MonkeyPatch, *, declines: bool = False) -> None:
    """Reading `path` a measure at a time makes the cache reading it whole makes."""
    one = _cache(path, whole=False, monkeypatch=monkeypatch, declines=declines)
    other = _cache(path, whole=True, monkeypatch=monkeypatch)
    assert sorted(one) == sorted(other)
    for name in one:
        assert one[name] == other[name], name


@pytest.fixture(params=["alone", "with a helper"])
def helper(request, monkeypatch):
    """Each read anew made alone, or with its later half read by a helper process
    (however few the measures, and however many processors): the helpers started, each
    reaped by the time the test ends, and whether each gave what it read."""
    started: list[int] = []
    gave: list[bool] = []
    if request.param == "alone":
        monkeypatch.setattr(anew, "helped_from", lambda count: None)
    else:
        monkeypatch.setattr(anew, "helped_from", lambda count: count // 2 or None)
        monkeypatch.setattr(anew, "_BATCH", 3)  # (taken a few at a time)
        real_fork, real_taken = os.fork, anew._Helper.taken

        def fork() -> int:
            pid = real_fork()
            if pid:
                started.append(pid)
            return pid

        def taken(self, reading):  # type: ignore[no-untyped-def]
            gave.append((yield from real_taken(self, reading)))
            return gave[-1]

        monkeypatch.setattr(os, "fork", fork)
        monkeypatch.setattr(anew._Helper, "taken", taken)
    yield request.param, started, gave
    for pid in started:
        with pytest.raises(ChildProcessError):  # (reaped: no process is left behind)
            os.waitpid(pid, os.WNOHANG)


@pytest.mark.parametrize("name", ["korea example", "seed", "generated", "every field"])
def test_a_file_read_a_measure_at_a_time_makes_the_cache_the_whole_ledger_makes(
    tmp_path, dprk, monkeypatch, name, helper
):
    path = tmp_path / "dprk-ledger.toml"
    from dprk_cli import store

    store.create(path, ledgers()[name], force=True)
    same_cache(path, monkeypatch)
    way, started, gave = helper
    assert gave == ([True] if way != "alone" else [])  # (its half read there, and taken)
    assert len(started) == len(gave)


@pytest.mark.parametrize("at", [0, -1])
def test_the_latest_day_an_entry_is_dated_is_kept_from_either_half(
    tmp_path, monkeypatch, helper, at
):
    """The index keeps the latest day an entry is dated (a view then stands at the end
    of today when it is later): found in the half this process reads, or the helper's."""
    from dprk_cli import store
    from dprk_cli.store import cache

    from .analysis.build import event, ledger, m

    measures = [
        m(f"m{i:02}", history=[event(f"2018-01-{i + 1:02}", "proposed", "created")])
        for i in range(8)
    ]
    measures[at] = m(measures[at].id, history=[event("2019-05-05", "proposed", "created")])
    path = tmp_path / "dprk-ledger.toml"
    store.create(path, ledger(*measures), force=True)
    shutil.rmtree(side_file(path, "x").parent)
    snapshots.open_snapshot(path)
    index = cache.read_index(path)
    assert index is not None and index.latest == "2019-05-05"


def test_parts_errors_and_merge_conflicts_read_a_measure_at_a_time(
    tmp_path, dprk, monkeypatch, helper
):
    """A measure made of parts takes the dates its parts give (known only once every
    measure is read), and the rules find the same errors from the nodes as from the
    models: one-sided links, unknown ids, an undeclared actor, a status set by hand,
    a cycle of parts, a merge conflict."""
    assert dprk("init", "--example", "korea-2018").code == 0
    path = tmp_path / "dprk-ledger.toml"
    whole = "end-of-war-declaration"
    for n, day in ((1, "2018-10-01"), (2, "2018-11-15")):
        ident = dprk(
            "add-measure", f"Step {n}", "--actor", "US", "--part-of", whole, "--date", day
        ).out.strip()
        assert dprk("mark", ident, "implemented", "--date", day).code == 0
    text = path.read_text(encoding="utf-8")
    text = text.replace('actor = "DPRK"', 'actor = "Narnia"', 1)  # undeclared
    text = text.replace(
        'id = "missile-parade-restraint"\n',
        'id = "missile-parade-restraint"\npart_of = "nowhere"\n',
        1,
    )
    text = text.replace(
        'id = "remains-repatriation"\n',
        'id = "remains-repatriation"\npart_of = "security-guarantees"\n',
        1,
    )
    text = text.replace(
        'id = "security-guarantees"\n',
        'id = "security-guarantees"\npart_of = "remains-repatriation"\n',
        1,
    )
    text += (  # set by hand: verified without a history; and a merge conflict
        '\n[[measures]]\nid = "zz-extra"\ntitle = "x"\nactor = "US"\nstatus = "verified"\n'
        '\n[[measures.conflicts]]\nfield = "title"\nours = "a"\ntheirs = "b"\n'
    )
    path.write_text(text, encoding="utf-8")
    same_cache(path, monkeypatch)
    check = dprk("check", "--format", "json")
    for rule in ("undeclared-parties", "unknown-links", "parts", "status-history"):
        assert f'"{rule}"' in check.out, rule
    status = dprk("status", "--format", "json").out
    shutil.rmtree(side_file(path, "x").parent)
    assert dprk("status", "--format", "json").out == status  # (read anew again)
    records = {m["id"]: m for m in json.loads(status)["measures"]}
    assert records[whole]["status_date"] == "2018-10-01"  # its first part's, not its own
    way, started, gave = helper
    if way != "alone":  # (the merge conflict, last, is in the helper's half: read here)
        assert gave and not any(gave) and len(started) == len(gave)


def test_who_verified_a_measure_made_of_parts_counts_from_the_day_its_parts_give(
    tmp_path, dprk, monkeypatch, helper
):
    """Who confirmed what a measure did last counts from the day its status began; for a
    measure made of parts, the day they give, known only once every measure is read. The
    read a measure at a time counted from its own day (a ledger written by hand, a finding
    before the measure was made: found by the property test of the whole read). Since a
    measure that stands as its parts give it names no verifier of its own (its parts'
    rows name theirs), the whole names none, read anew or warm."""
    path = tmp_path / "dprk-ledger.toml"
    path.write_text(
        'schema = 1\ntitle = "T"\nparties = ["DPRK"]\n\n'
        '[[measures]]\nid = "w"\ntitle = "Whole"\nactor = "DPRK"\nstatus = "verified"\n'
        "verifications = [\n"
        '    { by = "IAEA", result = "confirmed", date = 2017-06-01 },\n'
        '    { by = "DPAA", result = "confirmed", date = 2018-03-01 },\n]\n'
        'history = [\n    { date = 2018-01-01, event = "created", '
        "recorded = 2018-01-01 00:00:00+00:00 },\n]\n\n"
        '[[measures]]\nid = "p"\ntitle = "Part"\nactor = "DPRK"\nstatus = "proposed"\n'
        'part_of = "w"\nverifications = [\n'
        '    { by = "DPAA", result = "confirmed", date = 2018-03-01 },\n]\n',
        encoding="utf-8",
    )
    same_cache(path, monkeypatch)
    cold = dprk("status", "--format", "json")
    assert cold.code == 0, cold.err
    assert dprk("status", "--format", "json").out == cold.out  # (warm)
    whole = next(m for m in json.loads(cold.out)["measures"] if m["id"] == "w")
    assert (whole["status"], whole["verified_by"]) == ("verified", [])


def test_a_whole_created_acting_after_steps_of_its_own_is_told_so_read_anew(
    tmp_path, dprk, monkeypatch, helper
):
    """A whole whose creation acts after a step of its own dated the same day, on a day
    it had a part: the advice is for a creation (no entry to drop), read anew, whole or
    after a hand edit of its part alike. The read a measure at a time, whose replay keeps
    no history entries, took the creation for a step to drop (found by the property test
    of the whole read: a different problem in the cache)."""
    path = tmp_path / "dprk-ledger.toml"
    path.write_text(
        'schema = 1\ntitle = "T"\nparties = ["US"]\n\n'
        '[[measures]]\nid = "a"\ntitle = "A part"\nactor = "US"\npart_of = "b"\n\n'
        '[[measures]]\nid = "b"\ntitle = "A whole"\nactor = "US"\nstatus = "implemented"\n'
        'extent = "full"\n\n'
        '[[measures.history]]\ndate = 2018-03-01\nevent = "created"\nstatus = "implemented"\n'
        "recorded = 2018-03-01 00:00:00+00:00\n\n"
        '[[measures.history]]\ndate = 2018-03-01\nevent = "status"\nstatus = "agreed"\n'
        "recorded = 2018-03-01 00:00:00+00:00\n",
        encoding="utf-8",
    )
    said = (
        "is implemented on 2018-03-01 by its creation, dated after steps of its own, on a "
        "day it was made of parts (a): what it does then is its parts' to record, and a "
        "creation is no entry to drop; record it created agreed on 2018-03-01, its first day"
    )

    def parts_problems() -> list[tuple[str, list[str], str]]:
        before = path.read_bytes()
        check = dprk("check", "--format", "json")
        assert (check.code, check.err) == (1, "")
        assert path.read_bytes() == before
        found = json.loads(check.out)["problems"]
        return [(p["measure"], p["measures"], p["message"][: len(said)]) for p in found]

    assert parts_problems() == [("b", ["b", "a"], said)]  # (read anew)
    path.write_text(path.read_text().replace("A part", "A part, renamed"))
    assert parts_problems() == [("b", ["b", "a"], said)]  # (its part edited by hand)
    same_cache(path, monkeypatch)
    way, started, gave = helper
    # (the whole read by the helper, in the first check's read anew and in the cache's)
    assert gave == ([True, True] if way != "alone" else [])


def test_a_whole_stored_reversed_against_its_parts_shows_no_finding_read_anew(
    tmp_path, dprk, monkeypatch, helper
):
    """A whole stored reversed with no history, against its parts (verified): no entry
    dates its reversal, so no finding of its own is one made since it (`facts.node_of`),
    and its latest finding is none, read anew, whole or after a hand edit of its part
    alike: `status --partial` does not list it, as its verification column shows none.
    The read a measure at a time chose the finding from the whole read alone, as reversed
    since its refutation, and took its partial finding since for its latest (found by the
    property test of the whole read: a different node in the cache)."""
    path = tmp_path / "dprk-ledger.toml"
    path.write_text(
        'schema = 1\ntitle = "T"\nparties = ["US"]\n\n'
        '[[measures]]\nid = "0"\ntitle = "A part"\nactor = "US"\nstatus = "verified"\n'
        'part_of = "XO"\nverifications = [\n'
        '    { by = "IAEA", result = "confirmed", date = 2000-01-01 },\n]\n\n'
        '[[measures]]\nid = "XO"\ntitle = "A whole"\nactor = "US"\nstatus = "reversed"\n'
        "verifications = [\n"
        '    { by = "IAEA", result = "partial", date = 2018-01-28 },\n'
        '    { by = "DPAA", result = "refuted", date = 2000-01-01 },\n]\n',
        encoding="utf-8",
    )

    def partial_and_said() -> tuple[list[str], str]:
        before = path.read_bytes()
        chosen = dprk("status", "--partial", "--format", "ids")
        assert chosen.code == 0, chosen.err
        shown = dprk("show", "XO", "--format", "json")
        assert shown.code == 0, shown.err
        assert path.read_bytes() == before
        return chosen.out.split(), json.loads(shown.out)["verification"]

    assert partial_and_said() == ([], "-")  # (read anew)
    path.write_text(path.read_text().replace("A part", "A part, renamed"))
    assert partial_and_said() == ([], "-")  # (its part edited by hand)
    same_cache(path, monkeypatch)
    way, started, gave = helper
    # (the whole read by the helper, in the first read anew and in the cache's)
    assert gave == ([True, True] if way != "alone" else [])


def test_a_part_found_before_it_acted_has_not_acted_for_its_whole_read_anew(
    tmp_path, dprk, monkeypatch, helper
):
    """A part confirmed before any action of its own (an error `check` names), then
    reversed the same day: a finding is no action, so it has not acted, and its whole
    stands proposed as it was made, read anew, whole or after a hand edit of its part
    alike. The read a measure at a time kept the part's replay without its findings, took
    the confirmation for its first action, and so its whole for reversed through it
    (found by the property test of the whole read: a different node in the cache); the
    yearly scorecard, whose replays are kept light too, counted two measures a year for
    the one it counts today."""
    path = tmp_path / "dprk-ledger.toml"
    path.write_text(
        'schema = 1\ntitle = "T"\nparties = ["US"]\n\n'
        '[[measures]]\nid = "w"\ntitle = "A whole"\nactor = "US"\n'
        'history = [\n    { date = 2000-01-01, event = "created", '
        "recorded = 2000-01-01 00:00:00+00:00 },\n]\n\n"
        '[[measures]]\nid = "0"\ntitle = "A part"\nactor = "US"\nstatus = "reversed"\n'
        'part_of = "w"\nverifications = [\n'
        '    { by = "IAEA", result = "confirmed", date = 2000-01-01 },\n]\n'
        'history = [\n    { date = 2000-01-01, event = "created", '
        "recorded = 2000-01-01 00:00:00+00:00 },\n"
        '    { date = 2000-01-01, event = "status", status = "reversed", '
        "recorded = 2000-01-01 00:00:00+00:00 },\n]\n",
        encoding="utf-8",
    )

    def found() -> tuple[list[tuple[str, str]], list[tuple[str, str, str | None]]]:
        before = path.read_bytes()
        check = dprk("check", "--format", "json")
        assert (check.code, check.err) == (1, "")
        listed = dprk("status", "--format", "json")
        assert (listed.code, listed.err) == (0, "")
        assert path.read_bytes() == before
        problems = [(p["measure"], p["check"]) for p in json.loads(check.out)["problems"]]
        records = json.loads(listed.out)["measures"]
        return problems, [(m["id"], m["status"], m["status_date"]) for m in records]

    said = (
        [("0", "verification-without-action"), ("w", "parts-left-to-act")],
        [("w", "proposed", "2000-01-01"), ("0", "reversed", "2000-01-01")],
    )
    assert found() == said  # (read anew)
    path.write_text(path.read_text().replace("A part", "A part, renamed"))
    assert found() == said  # (its part edited by hand)
    # (the scorecard's years, from replays kept light too: one measure, as today's count)
    yearly = dprk("scorecard", "--yearly", "--format", "json")
    assert (yearly.code, yearly.err) == (0, "")
    (group,) = json.loads(yearly.out)["groups"]
    assert {y["measures"] for y in group["years"]} == {group["measures"]} == {1}
    same_cache(path, monkeypatch)
    way, started, gave = helper
    # (the part read by the helper, in the first read anew and in the cache's)
    assert gave == ([True, True] if way != "alone" else [])


def test_a_link_recorded_on_the_other_measure_alone_counts_on_both_read_anew(
    tmp_path, dprk, monkeypatch, helper
):
    """A link a measure was added with is recorded on the other alone, and its day is an
    event of both (`Node.link_days`): known only once both are read, whichever half of
    the file each is in, and for a measure made of parts (its dates known then too)."""
    path = tmp_path / "dprk-ledger.toml"
    for args in (
        ["init", "--party", "US", "--party", "DRV"],
        # (the first half's measure, exchanged for one of the later half, and the other way)
        ["add-measure", "Ceasefire", "--actor", "DRV", "--id", "zz", "--status", "agreed",
         "--date", "1973-02-20"],
        ["add-measure", "Amnesty", "--actor", "US", "--id", "amnesty", "--status",
         "implemented", "--date", "1973-03-10", "--in-exchange-for", "zz"],
        ["mark", "amnesty", "agreed", "--date", "1973-01-10"],
        ["add-measure", "Release", "--actor", "DRV", "--id", "pow", "--date", "1973-02-01"],
        ["add-measure", "Withdraw", "--actor", "US", "--id", "wd", "--status", "agreed",
         "--date", "1973-03-01", "--in-exchange-for", "pow"],
        ["mark", "wd", "proposed", "--date", "1973-01-20"],
        ["add-measure", "First", "--actor", "US", "--id", "wd-1", "--part-of", "wd",
         "--status", "implemented", "--date", "1973-03-29"],
    ):  # fmt: skip
        result = dprk(*args)
        assert result.code == 0, (args, result.err)
    warm = dprk("status", "--as-of", "1973-02-25", "--format", "json").out
    same_cache(path, monkeypatch)
    assert dprk("status", "--as-of", "1973-02-25", "--format", "json").out == warm
    shutil.rmtree(side_file(path, "x").parent)
    records = json.loads(dprk("status", "--format", "json").out)["measures"]
    assert [(m["id"], m["status_date"], m["last_date"]) for m in records] == [
        ("amnesty", "1973-03-10", "1973-03-10"),
        ("pow", "1973-02-01", "1973-03-01"),  # (its record of the link, of the day wd was added)
        ("wd", "1973-03-29", "1973-03-29"),
        ("wd-1", "1973-03-29", "1973-03-29"),
        ("zz", "1973-02-20", "1973-03-10"),  # (its record of the link, of amnesty's day)
    ]
    then = json.loads(dprk("status", "--as-of", "1973-02-25", "--format", "json").out)
    assert [(m["id"], m["last_date"]) for m in then["measures"]] == [
        ("amnesty", "1973-01-10"),  # (not linked yet: from the day it was added, 03-10)
        ("pow", "1973-02-01"),
        ("wd", "1973-01-20"),  # (not linked yet: from the day it was added, 03-01)
        ("zz", "1973-02-20"),
    ]
    chosen = dprk("status", "--since", "1973-03-10", "--until", "1973-03-10", "--format", "ids")
    assert chosen.out == "amnesty\nzz\n"  # (the link's day is one of zz's too)
    way, started, gave = helper
    assert gave == ([True] * 2 if way != "alone" else [])  # (read anew twice)
    assert len(started) == len(gave)


@pytest.mark.parametrize(
    "edit",
    [
        "an id repeated",
        "an id not on the block's first line",
        "triple quotes",
        "a key pydantic refuses",
        "a block that does not parse",
    ],
)
def test_what_cannot_be_read_a_measure_at_a_time_is_read_whole(tmp_path, dprk, edit, helper):
    """Nothing is written by the measure-at-a-time read that the whole read would not
    write: the same answer, or the same one-line error, and the ledger as it was."""
    assert dprk("init", "--example", "korea-2018").code == 0
    path = tmp_path / "dprk-ledger.toml"
    text = path.read_text(encoding="utf-8")
    edits = {
        "an id repeated": ('id = "test-moratorium"', 'id = "second-summit"'),
        "an id not on the block's first line": (
            'id = "test-moratorium"\ntitle = "DPRK halts nuclear tests and ICBM test launches"\n',
            'title = "DPRK halts nuclear tests and ICBM test launches"\nid = "test-moratorium"\n',
        ),
        "triple quotes": ('id = "test-moratorium"\n', 'id = "test-moratorium"\n# """\n'),
        "a key pydantic refuses": (
            'id = "test-moratorium"\n',
            'id = "test-moratorium"\ncolour = "red"\n',
        ),
        "a block that does not parse": (
            'id = "test-moratorium"\n',
            'id = "test-moratorium"\ntitle ==\n',
        ),
    }
    old, new = edits[edit]
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    raw = path.read_bytes()
    first = dprk("status", "--format", "json")
    again = dprk("status", "--format", "json")  # (from the cache, if one was made)
    shutil.rmtree(side_file(path, "x").parent, ignore_errors=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(anew, "read_anew", lambda *args: None)
        whole = dprk("status", "--format", "json")
    assert (first.code, first.out, first.err) == (whole.code, whole.out, whole.err)
    assert (again.code, again.out, again.err) == (whole.code, whole.out, whole.err)
    if edit in ("a key pydantic refuses", "a block that does not parse"):
        assert first.code != 0 and first.err.count("\n") == 1
    else:
        assert first.code == 0
    assert path.read_bytes() == raw


def test_the_ledger_declares_no_validator_over_its_measures():
    """A file read anew validates its header apart from its measures (each validated as
    its block is read, then let go): a rule across measures belongs in `rules.py`,
    where the nodes are checked, not in a validator of the ledger."""
    decorators = Ledger.__pydantic_decorators__
    assert set(decorators.model_validators) == {"_supported"}
    assert not decorators.field_validators and not decorators.root_validators


def test_a_file_read_anew_holds_no_model_once_its_measures_are_read(tmp_path, monkeypatch):
    """What the measure-at-a-time read keeps while it writes the columns (each measure's
    node, its replay without the entries it names) holds on to none of the models it
    validated: a large ledger's models are let go as they are read."""
    import gc

    from dprk_cli import store
    from dprk_cli.model import HistoryEntry, Measure, Verification
    from dprk_cli.store import cache
    from tests.test_cache import build

    path = tmp_path / "dprk-ledger.toml"
    store.create(path, build(300, seed=3).ledger, force=True)
    shutil.rmtree(side_file(path, "x").parent)
    kinds = (Measure, HistoryEntry, Verification)

    def alive() -> int:
        gc.collect()
        return sum(isinstance(o, kinds) for o in gc.get_objects())

    seen: dict[str, int] = {}
    real = cache.write_column

    def write_column(ledger, name, key, ids, lines):  # type: ignore[no-untyped-def]
        seen[name] = alive()
        return real(ledger, name, key, ids, lines)

    before = alive()
    monkeypatch.setattr(cache, "write_column", write_column)
    snapshot = snapshots.open_snapshot(path)
    assert len(snapshot.nodes().measures) == 300 and snapshot._ledger is None
    assert set(seen) == set(cache.COLUMNS)
    assert all(count == before for name, count in seen.items() if name != "models"), seen


@pytest.mark.parametrize("broken", ["early", "late"])
def test_a_block_that_does_not_parse_stops_the_read_in_either_half(tmp_path, dprk, broken, helper):
    """A block that does not parse, in the half this process reads or in the helper's:
    the same one-line error as the whole read gives, the helper ended either way, and
    the ledger as it was."""
    from dprk_cli import store
    from tests.test_cache import build

    path = tmp_path / "dprk-ledger.toml"
    store.create(path, build(40, seed=5).ledger, force=True)
    shutil.rmtree(side_file(path, "x").parent)
    text = path.read_text(encoding="utf-8")
    blocks = text.split("\n[[measures]]\n")
    at = 3 if broken == "early" else len(blocks) - 3
    blocks[at] = blocks[at].replace("\ntitle = ", "\ntitle == ", 1)
    path.write_text("\n[[measures]]\n".join(blocks), encoding="utf-8")
    raw = path.read_bytes()
    first = dprk("status", "--format", "json")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(anew, "read_anew", lambda *args: None)
        whole = dprk("status", "--format", "json")
    assert (first.code, first.out, first.err) == (whole.code, whole.out, whole.err)
    assert first.code != 0 and first.err.count("\n") == 1 and "line" in first.err
    assert path.read_bytes() == raw
    way, started, gave = helper
    if way != "alone":
        assert len(started) == 1  # (started, then ended: see the fixture)
        assert gave == ([] if broken == "early" else [False])


@pytest.mark.parametrize("entry_day", ["2000-01-01", "2000-01-02"])
def test_findings_written_by_hand_are_judged_alike_a_measure_at_a_time(
    tmp_path, monkeypatch, helper, entry_day
):
    """A finding with no history entry beside an entry with no record (on another day, or
    the same): read a measure at a time, the rules took the entry-without-record problem
    for one of a finding without its entry (a light replay keeps a problem's words, not
    its entry) and left out the status error the whole read finds."""
    path = tmp_path / "dprk-ledger.toml"
    path.write_text(
        'schema = 1\ntitle = "T"\nparties = ["A"]\n\n[[measures]]\nid = "m"\ntitle = "M"\n'
        'actor = "A"\nstatus = "proposed"\n\n[[measures.verifications]]\nby = "B"\n'
        'result = "confirmed"\ndate = 2000-01-02\n\n[[measures.history]]\ndate = 2000-01-01\n'
        'event = "created"\nrecorded = 2000-01-01 00:00:00+00:00\n\n[[measures.history]]\n'
        f'date = {entry_day}\nevent = "verification"\nrecorded = 2000-01-01 00:00:00+00:00\n',
        encoding="utf-8",
    )
    same_cache(path, monkeypatch)


def test_checks_advice_read_from_measures_keeps_none_of_them(dprk, empty):
    """The advice of an order's warning ("entered by mistake: 'dprk drop-entry b 2'")
    reads the measures' histories: every model it built was kept for the rest of the
    command, so that a read with the cache gone held one for each measure a warning named
    (at 100,000 measures, 671 MiB where it had been 375). They are let go once read; the
    warning says the same."""
    from dprk_cli.cli.common import RUNNING

    _acted_without_partners(dprk, 6)
    warned = dprk("check").out
    assert warned.count("entered by mistake: 'dprk drop-entry b") == 6, warned
    shutil.rmtree(side_file(empty, "x").parent)  # (the cache gone: read anew, checked)
    shown = dprk("status", "--format", "json")
    assert shown.code == 0, shown.err
    session = RUNNING.get()  # (the command's session, and what it read, still held)
    assert session is not None
    assert list(session.snapshot().measures()._built) == []
    assert dprk("check").out == warned


def test_check_lets_go_of_what_it_read_before_printing(dprk, empty):
    """`check` after a write reads the file's bytes (for its TOML 1.1 places) and every
    node (for the checks); with both held while fifty thousand warnings were printed, a
    check of 100,000 measures peaked at 527 MiB. The bytes are not kept once looked at,
    and the nodes (with the graph built on them) are let go once the findings are found;
    the findings are the same."""
    from dprk_cli.cli.common import RUNNING

    _acted_without_partners(dprk, 3)
    before = empty.read_bytes()
    warned = dprk("check")
    assert warned.code == 0 and warned.out.count("entered by mistake") == 3, warned.out
    session = RUNNING.get()
    assert session is not None
    snapshot = session.snapshot()
    assert snapshot._raw is None and snapshot._nodes is None
    shutil.rmtree(side_file(empty, "x").parent)  # (the cache gone: everything read anew)
    again = dprk("check")
    assert (again.code, again.out, again.err) == (warned.code, warned.out, warned.err)
    assert empty.read_bytes() == before


def _acted_without_partners(dprk, count: int) -> None:
    """`count` pairs of measures to go together, each pair's US measure carried out alone:
    a warning of an order acted out of order each, whose advice reads the histories."""
    for k in range(count):
        for ident, actor in ((f"a{k}", "DPRK"), (f"b{k}", "US")):
            made = dprk("add-measure", ident, "--actor", actor, "--id", ident, "--status",
                        "agreed", "--date", "2023-08-10")  # fmt: skip
            assert made.code == 0, made.err
        assert dprk("sequence", f"a{k}", "--with", f"b{k}", "--date", "2023-08-10").code == 0
        assert dprk("mark", f"b{k}", "implemented", "--date", "2023-09-18").code == 0


_HOLDERS = """
import sys
from dprk_cli.store import anew, cache

raws = []
bytes_of, columns = cache.Held.bytes, anew._columns

def held_bytes(self):
    raw = bytes_of(self)
    if not raws:
        raws.append(raw)
    return raw

def counted_columns(*args, **kwargs):
    # (the list's own reference, and the argument's)
    print("held by", sys.getrefcount(raws[0]) - 2, file=sys.stderr, flush=True)
    return columns(*args, **kwargs)

cache.Held.bytes, anew._columns = held_bytes, counted_columns
sys.argv = ["dprk", "status", "--format", "ids"]
from dprk_cli.cli.start import entry_point
entry_point()
"""


def test_a_file_read_anew_lets_its_bytes_go_once_its_blocks_are_read(tmp_path):
    """Once every block is read, the file's bytes are held by nothing (at 100,000
    measures, 90 MB through the columns and the command): in a process of its own, as
    the first validation of a ledger in a process builds its validator, and that
    takes a snapshot of its caller's local names (`anew._header`)."""
    import subprocess
    import sys

    from dprk_cli import store
    from tests.test_cache import build

    path = tmp_path / "dprk-ledger.toml"
    store.create(path, build(300, seed=3).ledger, force=True)
    shutil.rmtree(side_file(path, "x").parent)
    done = subprocess.run(
        [sys.executable, "-c", _HOLDERS],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "DPRK_LEDGER": str(path)},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == "held by 0\n"
    assert len(done.stdout.split()) == 300


@pytest.mark.parametrize("child", ["reads it", "fails"])
def test_a_write_whose_file_is_read_anew_has_it_read_by_a_child_process(
    tmp_path, dprk, monkeypatch, child
):
    """A write of a large file the cache does not know has it read anew by a child
    process, and works from the cache the child wrote (`anew.read_apart`); a child that
    made no cache leaves the read to this process. Either way the write, its output,
    the file and the cache are those of a write read anew here. (Both writes are
    recorded at one second, as a busy machine may not run them in one.)"""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert dprk("init", "--example", "korea-2018").code == 0
    path = tmp_path / "dprk-ledger.toml"
    cache_dir = side_file(path, "x").parent
    start = path.read_bytes()
    args = ("mark", "remains-repatriation", "implemented", "--date", "2018-08-01")

    def write(apart: int) -> tuple[int, str, str, bytes, dict[str, bytes]]:
        path.write_bytes(start)
        shutil.rmtree(cache_dir, ignore_errors=True)
        monkeypatch.setattr(anew, "APART_FROM", apart)
        done = dprk(*args)
        found = {p.name: p.read_bytes() for p in cache_dir.iterdir() if p.suffix != ".lock"}
        # (the index names the file's status once the file is old enough: see `_cache`)
        meta, body = found[side_file(path, "cache").name].split(b"\n", 1)
        kept = {k: v for k, v in json.loads(meta).items() if k not in ("status", "crc")}
        found[side_file(path, "cache").name] = repr(kept).encode() + body
        return done.code, done.out, done.err, path.read_bytes(), found

    here = write(1 << 60)  # (too large a size: read in this process)
    children: list[int] = []
    real_fork, real_anew = os.fork, anew.read_anew

    def fork() -> int:
        pid = real_fork()
        if pid:
            children.append(pid)
        return pid

    def read_anew(*args):  # type: ignore[no-untyped-def]
        if child == "fails" and os.getpid() != parent:
            return None  # (the child makes no cache)
        return real_anew(*args)

    parent = os.getpid()
    monkeypatch.setattr(os, "fork", fork)
    monkeypatch.setattr(anew, "read_anew", read_anew)
    apart = write(0)
    assert children  # (forked, and reaped: no process is left behind)
    for pid in children:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
    assert apart[:4] == here[:4]
    assert apart[0] == 0 and "implemented on 2018-08-01" in apart[1] + apart[2]
    assert sorted(apart[4]) == sorted(here[4])
    journal = [name for name in here[4] if "journal" in name or "undo" in name]
    for name in here[4]:
        if name not in journal:  # (the journal dates its entry: the same otherwise)
            assert apart[4][name] == here[4][name], name
