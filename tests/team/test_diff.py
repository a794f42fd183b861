"""`dprk diff`: what changed since a git revision, measure by measure."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from datetime import date
from pathlib import Path

import pytest

from dprk_cli.analysis.diff import diff_ledgers
from dprk_cli.clock import today
from dprk_cli.vocab import Status
from tests.team.build import after, drop, edit, entry, ledger, measure, put, verification
from tests.team.helpers import (
    LEDGER,
    dprk_in,
    git,
    git_env,
    hand_edit,
    init_repo,
    ok,
    replace_measure,
)

BASE = ledger(measure("a"), measure("b", "US", status="implemented"), measure("gone"))


def test_diff_of_two_ledgers():
    later = put(
        drop(BASE, "gone"),
        measure("new"),
        BASE.index()["b"].model_copy(
            update={
                "status": Status.verified,
                "verifications": [verification(9)],
                "history": [*BASE.index()["b"].history, entry(9, "verification", "verified")],
            }
        ),
    )
    later = edit(later, "a", deadline=date(2019, 1, 1), constraints=[after("b")])
    result = diff_ledgers(BASE, later)
    kinds = {m.id: m.change for m in result.measures}
    assert kinds == {"a": "changed", "b": "changed", "gone": "removed", "new": "added"}
    b = next(m for m in result.measures if m.id == "b")
    assert (b.status_from.value, b.status_to.value, b.status_date) == (
        "implemented",
        "verified",
        date(2018, 6, 10),
    )
    assert [v.by for v in b.new_verifications] == ["IAEA"]
    a = next(m for m in result.measures if m.id == "a")
    assert not a.status_changed
    assert [f.field for f in a.fields] == ["deadline", "constraints"]
    assert diff_ledgers(BASE, BASE).empty


@pytest.fixture
def repo(tmp_path):
    repo = init_repo(tmp_path / "talks")
    ok(dprk_in(repo, "verify", "punggye-ri-closure", "--by", "IAEA", "--date", "2019-03-01"))
    ok(dprk_in(repo, "add-measure", "Hotline reopens", "--actor", "ROK", "--id", "hotline"))
    hand_edit(
        repo / LEDGER,
        lambda led: replace_measure(led, "second-summit", deadline=date(2019, 2, 27)),
    )
    return repo


def test_diff_json_against_head(repo):
    doc = json.loads(ok(dprk_in(repo, "diff", "--format", "json", process=True)).out)
    assert doc["from"] == "HEAD"
    assert doc["summary"] == {
        "added": 1,
        "removed": 0,
        "changed": 2,
        "renamed": 0,
        "status_changes": 1,
        "new_verifications": 1,
    }
    by_id = {m["id"]: m for m in doc["measures"]}
    assert set(by_id) == {"hotline", "punggye-ri-closure", "second-summit"}
    closure = by_id["punggye-ri-closure"]
    assert (closure["status_from"], closure["status_to"], closure["status_date"]) == (
        "implemented",
        "verified",
        "2019-03-01",
    )
    assert closure["new_verifications"][0]["by"] == "IAEA"
    assert by_id["second-summit"]["fields"] == [
        {"field": "deadline", "from": None, "to": "2019-02-27"}
    ]
    assert by_id["hotline"]["change"] == "added" and by_id["hotline"]["status_from"] is None


def test_diff_table_reads_as_a_briefing(repo):
    out = ok(dprk_in(repo, "diff")).out
    assert "Added since HEAD" in out and "hotline" in out
    assert "Status changes" in out
    assert "punggye-ri-closure" in out and "implemented" in out and "verified" in out
    assert "New verifications" in out and "IAEA" in out
    assert "deadline: (none) -> 2019-02-27" in out


def test_diff_other_formats(repo):
    ids = ok(dprk_in(repo, "diff", "--format", "ids")).out.split()
    assert ids == ["hotline", "punggye-ri-closure", "second-summit"]
    rows = list(csv.DictReader(io.StringIO(ok(dprk_in(repo, "diff", "--format", "csv")).out)))
    assert rows[1]["status_to"] == "verified"
    markdown = ok(dprk_in(repo, "diff", "--format", "markdown")).out
    assert "## Status changes" in markdown


def test_diff_since_an_older_revision_and_after_commit(repo):
    git(repo, "commit", "-q", "-am", "week's changes")
    assert "(no changes to the ledger)" in ok(dprk_in(repo, "diff")).out
    older = json.loads(ok(dprk_in(repo, "diff", "HEAD~1", "--format", "json")).out)
    assert older["summary"]["added"] == 1


def test_diff_when_the_ledger_was_not_yet_committed(tmp_path):
    repo = init_repo(tmp_path / "talks", example=False)
    ok(dprk_in(repo, "init", "--party", "US", "--title", "Talks"))
    ok(dprk_in(repo, "add-measure", "A step", "--actor", "US", "--id", "step"))
    result = ok(dprk_in(repo, "diff"))
    assert "step" in result.out and "was not committed at HEAD" in result.out
    # its title is as new as its parties (it was null: "unless the title changed")
    assert "title: (none) -> Talks" in result.lines
    doc = json.loads(ok(dprk_in(repo, "diff", "--format", "json")).out)
    assert doc["title"] == {"from": None, "to": "Talks"}
    assert doc["parties"]["added"] == ["US"]


def test_an_undated_creation_moved_by_a_back_dated_event_is_shown_redated(tmp_path):
    """A measure added without a date took its first, back-dated, event: its creation
    moved to that day. The table said the creation was removed and never showed its new
    date; it says it was re-dated. The JSON keeps its keys, and names the move too."""
    repo = tmp_path / "talks"
    repo.mkdir()
    git(repo, "-c", "init.defaultBranch=main", "init", "-q")
    ok(dprk_in(repo, "init", "--title", "T", "--party", "A"))
    ok(dprk_in(repo, "add-measure", "U", "--actor", "A", "--id", "u"))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    ok(dprk_in(repo, "mark", "u", "agreed", "--date", "2018-10-01"))
    (u,) = json.loads(ok(dprk_in(repo, "diff", "--format", "json")).out)["measures"]
    (removed,) = u["removed_history"]  # (dated the day it was added, today)
    was = removed["date"]
    assert removed["event"] == "created"
    assert [(h["date"], h["event"]) for h in u["new_history"]] == [
        ("2018-10-01", "created"),
        ("2018-10-01", "status"),
    ]
    assert [(h["date"], h["date_before"], h["event"]) for h in u["redated_history"]] == [
        ("2018-10-01", was, "created")
    ]
    shown = ok(dprk_in(repo, "diff"))
    assert shown.out.endswith(
        "Other changes\nid  change\n"
        "u   created as proposed (no date given: dated by its earliest event): "
        f"now dated 2018-10-01 (was {was})\n"
    )
    assert "removed" not in shown.out


def test_a_hand_over_reworded_by_an_earlier_one_found_later_is_not_removed(tmp_path):
    """A hand-over of 1 June recorded after the one of 1 September rewrites the latter's
    words (US -> DPRK becomes ROK -> DPRK): diff listed that entry as new and as removed,
    though no entry went away. It is the same entry, reworded."""
    repo = tmp_path / "talks"
    repo.mkdir()
    git(repo, "-c", "init.defaultBranch=main", "init", "-q")
    ok(dprk_in(repo, "init", "--title", "T", "--party", "DPRK", "--party", "US", "--party", "ROK"))
    ok(dprk_in(repo, "add-measure", "H", "--actor", "US", "--id", "h", "--date", "2018-01-01"))
    ok(dprk_in(repo, "edit", "h", "--actor", "DPRK", "--date", "2018-09-01"))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    ok(dprk_in(repo, "edit", "h", "--actor", "ROK", "--date", "2018-06-01"))
    shown = ok(dprk_in(repo, "diff")).out
    assert shown == (
        "Other changes\nid  change\n"
        "h   2018-06-01: actor: 'US' -> 'ROK'\n"
        "h   2018-09-01: actor: 'ROK' -> 'DPRK' (reworded: it read actor: 'US' -> 'DPRK')\n"
    )
    (h,) = json.loads(ok(dprk_in(repo, "diff", "--format", "json")).out)["measures"]
    assert [(e["date"], e["detail"], e["detail_before"]) for e in h["reworded_history"]] == [
        ("2018-09-01", "actor: 'ROK' -> 'DPRK'", "actor: 'US' -> 'DPRK'")
    ]
    assert [e["detail"] for e in h["removed_history"]] == ["actor: 'US' -> 'DPRK'"]
    assert h["redated_history"] == []


def test_a_finding_redated_is_no_new_finding(tmp_path):
    """IAEA's finding, redated: diff announced it as a new verification (and the one of
    the day before as removed), and counted it; a briefing built on it would report a
    finding that was not made. It is the same finding, redated."""
    repo = tmp_path / "talks"
    repo.mkdir()
    git(repo, "-c", "init.defaultBranch=main", "init", "-q")
    ok(dprk_in(repo, "init", "--title", "T", "--party", "A"))
    ok(dprk_in(repo, "add-measure", "X", "--actor", "A", "--id", "x", "--date", "2019-01-01"))
    ok(dprk_in(repo, "mark", "x", "implemented", "--date", "2019-02-01"))
    ok(dprk_in(repo, "verify", "x", "--by", "IAEA", "--date", "2019-03-01"))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    ok(dprk_in(repo, "redate", "x", "3", "2019-03-05"))
    doc = json.loads(ok(dprk_in(repo, "diff", "--format", "json")).out)
    (x,) = doc["measures"]
    assert (x["new_verifications"], x["removed_verifications"]) == ([], [])
    assert doc["summary"]["new_verifications"] == 0
    assert [(h["date"], h["date_before"]) for h in x["redated_history"]] == [
        ("2019-03-05", "2019-03-01")
    ]
    shown = ok(dprk_in(repo, "diff")).out
    assert "confirmed by IAEA: now dated 2019-03-05 (was 2019-03-01)" in shown
    assert "New verifications" not in shown and "removed" not in shown


def test_a_redate_is_said_once_with_the_note_of_its_correction(dprk, tmp_path):
    """An implementation redated: 'Other changes' listed it twice, as the correction's
    entry ('2026-12-06: implemented on 2004-02-26 redated to 2004-02-27') and as the
    entry re-dated, and the JSON's `new_history` held the correction beside the
    `redated_history` that says the same. One change, said once: the entry re-dated,
    with the correction that recorded it (its note in the table)."""
    git(tmp_path, "-c", "init.defaultBranch=main", "init", "-q")
    assert dprk("init", "--title", "T", "--party", "US", "--party", "USSR").code == 0
    assert dprk("add-measure", "Amnesty", "--actor", "US", "--id", "amnesty",
                "--status", "agreed", "--date", "2004-01-01").code == 0  # fmt: skip
    assert dprk("mark", "amnesty", "implemented", "--date", "2004-02-26").code == 0
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    assert dprk("redate", "amnesty", "2", "2004-02-27", "--note", "decree of 27 Feb").code == 0
    written = (tmp_path / LEDGER).read_bytes()
    table = dprk("diff")
    assert table.code == 0, table.err
    assert [" ".join(line.split()) for line in table.lines] == [
        "Other changes",
        "id change",
        "amnesty implemented: now dated 2004-02-27 (was 2004-02-26) (decree of 27 Feb)",
    ]
    doc = dprk("diff", "--format", "json")
    assert doc.code == 0
    found = json.loads(doc.out)
    assert found["summary"]["changed"] == 1
    (m,) = found["measures"]
    assert [(h["date"], h["event"]) for h in m["new_history"]] == [("2004-02-27", "status")]
    (h,) = m["redated_history"]
    assert (h["date"], h["date_before"]) == ("2004-02-27", "2004-02-26")
    assert (h["correction"]["event"], h["correction"]["detail"], h["correction"]["note"]) == (
        "correction",
        "implemented on 2004-02-26 redated to 2004-02-27",
        "decree of 27 Feb",
    )
    assert (tmp_path / LEDGER).read_bytes() == written  # (read, not written)


def test_a_redate_names_a_finding_by_its_verifier_and_a_link_by_the_other_measure(
    dprk, tmp_path, tick
):
    """IAEA and ROK confirmed a on one day, and a was linked with b and with c on one day:
    a redate's correction said 'the verification on 2019-02-01 redated to 2019-02-03' and
    'the exchange entry of 2019-01-10 redated to 2019-01-12', leaving which to guess. It
    names the verifier and the other measure; `diff` reads the new words, and those an
    earlier dprk wrote, as one change said once."""
    git(tmp_path, "-c", "init.defaultBranch=main", "init", "-q")
    assert dprk("init", "--title", "T", "--party", "DPRK", "--party", "US").code == 0
    assert dprk("add-measure", "A", "--actor", "DPRK", "--id", "a", "--status", "implemented",
                "--date", "2019-01-01").code == 0  # fmt: skip
    for ident in ("b", "c"):
        assert dprk("add-measure", ident.upper(), "--actor", "US", "--id", ident,
                    "--date", "2019-01-01").code == 0  # fmt: skip
        tick()
        assert dprk("link", "a", ident, "--date", "2019-01-10").code == 0
    for by in ("IAEA", "ROK"):
        tick()
        assert dprk("verify", "a", "--by", by, "--date", "2019-02-01").code == 0
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    finding = dprk("redate", "a", "5", "2019-02-03")
    assert (finding.code, finding.out, finding.err) == (
        0,
        "",
        "a: entry 5 (the verification by ROK on 2019-02-01) now dated 2019-02-03; a is verified\n",
    )
    tick()
    link = dprk("redate", "a", "3", "2019-01-12")
    assert (link.code, link.out, link.err) == (
        0,
        "",
        "a: entry 3 (the exchange entry with c of 2019-01-10) now dated 2019-01-12, and c's record of "
        "it (its entry 2); a is verified\n",
    )
    written = (tmp_path / LEDGER).read_bytes()
    said = {
        "a": [
            "the exchange entry with c of 2019-01-10 redated to 2019-01-12",
            "the verification by ROK on 2019-02-01 redated to 2019-02-03",
        ],
        "c": ["the exchange entry with a of 2019-01-10 redated to 2019-01-12"],
    }
    for text in [*said["a"], *said["c"]]:
        assert f'detail = "{text}"'.encode() in written
    log = json.loads(dprk("log", "a", "--format", "json").out)
    assert [e["detail"] for e in log if e["event"] == "correction"] == said["a"][::-1]
    table = [
        "Other changes",
        "id change",
        "a in exchange for c: now dated 2019-01-12 (was 2019-01-10)",
        "a confirmed by ROK: now dated 2019-02-03 (was 2019-02-01)",
        "c in exchange for a: now dated 2019-01-12 (was 2019-01-10)",
    ]
    # (the words an earlier dprk wrote, the day alone: read as the same changes)
    old = {
        "the verification by ROK on": "the verification on",
        "the exchange entry with c of": "the exchange entry of",
        "the exchange entry with a of": "the exchange entry of",
    }
    earlier = _words_before(written.decode(), old)
    for text, words in ((written.decode(), said), (earlier, None)):
        (tmp_path / LEDGER).write_text(text, encoding="utf-8")
        shown = dprk("diff")
        assert (shown.code, [" ".join(line.split()) for line in shown.lines]) == (0, table)
        doc = dprk("diff", "--format", "json")
        assert doc.code == 0, doc.err
        for m in json.loads(doc.out)["measures"]:
            assert "correction" not in [h["event"] for h in m["new_history"]]  # (said once)
            corrections = [h["correction"]["detail"] for h in m["redated_history"]]
            expected = words[m["id"]] if words else [_words_before(t, old) for t in said[m["id"]]]
            assert corrections == expected
        assert (tmp_path / LEDGER).read_text(encoding="utf-8") == text  # (read, not written)


def _words_before(text: str, old: dict[str, str]) -> str:
    """`text` in the words an earlier dprk gave a redate (`old`: new words to old)."""
    for new, was in old.items():
        text = text.replace(new, was)
    return text


def test_a_step_recorded_since_is_listed_when_a_later_one_changed_the_status(dprk, tmp_path):
    """The Punggye-ri closure marked again, a day earlier and with a note, then verified:
    'Other changes' listed '2018-05-24: implemented (journalists present)' until the
    verification moved the status, then the table and the CSV's `other_changes` dropped
    it, as if the status change said it. The status change says the step that made the
    status (the verification); any other step recorded since is still listed."""
    git(tmp_path, "-c", "init.defaultBranch=main", "init", "-q")
    assert dprk("init", "--party", "DPRK", "--party", "US").code == 0
    assert dprk("add-measure", "Shut", "--actor", "DPRK", "--id", "p",
                "--date", "2018-04-20").code == 0  # fmt: skip
    assert dprk("mark", "p", "implemented", "--date", "2018-05-25").code == 0
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    assert dprk("mark", "p", "implemented", "--date", "2018-05-24",
                "--note", "journalists present").code == 0  # fmt: skip
    assert dprk("verify", "p", "--by", "IAEA", "--date", "2018-06-01").code == 0
    written = (tmp_path / LEDGER).read_bytes()
    table = dprk("diff")
    assert table.code == 0, table.err
    assert [" ".join(line.split()) for line in table.lines] == [
        "Status changes",
        "id actor from to date title",
        "p DPRK implemented verified 2018-06-01 Shut",
        "",
        "New verifications",
        "id by result date method",
        "p IAEA confirmed 2018-06-01 -",
        "",
        "Other changes",
        "id change",
        "p 2018-05-24: implemented (journalists present)",
    ]
    shown = dprk("diff", "--format", "csv")
    assert shown.code == 0
    (row,) = csv.DictReader(io.StringIO(shown.out))
    assert (row["status_from"], row["status_to"]) == ("implemented", "verified")
    assert row["other_changes"] == "2018-05-24: implemented (journalists present)"
    assert (tmp_path / LEDGER).read_bytes() == written  # (read, not written)


def test_a_step_recorded_twice_is_listed_once_beside_the_status_change(dprk, tmp_path):
    """An agreement of 1 October copied by hand into the history a second time: the
    status change says the first, and 'Other changes' hid the copy too, as it is equal to
    the step said; the JSON's `new_history` held both. The copy is listed."""
    git(tmp_path, "-c", "init.defaultBranch=main", "init", "-q")
    assert dprk("init", "--title", "T", "--party", "A").code == 0
    assert dprk("add-measure", "U", "--actor", "A", "--id", "u", "--date", "2018-01-01").code == 0
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    assert dprk("mark", "u", "agreed", "--date", "2018-10-01").code == 0

    def twice(led):
        (u,) = led.measures
        copied = [*u.history, u.history[-1].model_copy()]
        return led.model_copy(update={"measures": [u.model_copy(update={"history": copied})]})

    hand_edit(tmp_path / LEDGER, twice)
    written = (tmp_path / LEDGER).read_bytes()
    table = dprk("diff")
    assert table.code == 0, table.err
    assert [" ".join(line.split()) for line in table.lines] == [
        "Status changes",
        "id actor from to date title",
        "u A proposed agreed 2018-10-01 U",
        "",
        "Other changes",
        "id change",
        "u 2018-10-01: agreed",
    ]
    shown = dprk("diff", "--format", "csv")
    assert shown.code == 0, shown.err
    (row,) = csv.DictReader(io.StringIO(shown.out))
    assert row["other_changes"] == "2018-10-01: agreed"
    (u,) = json.loads(dprk("diff", "--format", "json").out)["measures"]
    assert [(h["date"], h["event"]) for h in u["new_history"]] == [("2018-10-01", "status")] * 2
    assert (tmp_path / LEDGER).read_bytes() == written  # (read, not written)


def test_an_entry_entered_and_dropped_since_the_revision_is_no_change(dprk, tmp_path):
    """An implementation marked after the commit, then dropped as a mistake: `diff` said
    'amnesty  2026-12-06: implemented (minimal) on 2015-09-16 dropped: entered by
    mistake' and counted amnesty changed, a withdrawal from a record that never claimed
    it. The correction of an entry the revision did not hold is no change; the drop of
    one it held is still said."""
    git(tmp_path, "-c", "init.defaultBranch=main", "init", "-q")
    assert dprk("init", "--title", "T", "--party", "US", "--party", "USSR").code == 0
    assert dprk("add-measure", "Amnesty", "--actor", "US", "--id", "amnesty",
                "--status", "agreed", "--date", "2004-01-01").code == 0  # fmt: skip
    assert dprk("note", "amnesty", "Decree drafted", "--date", "2015-06-01").code == 0
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    assert dprk("mark", "amnesty", "implemented", "--extent", "min",
                "--date", "2015-09-16").code == 0  # fmt: skip
    assert dprk("drop-entry", "amnesty", "3").code == 0
    written = (tmp_path / LEDGER).read_bytes()
    assert b"implemented (minimal) on 2015-09-16 dropped: entered by mistake" in written
    table = dprk("diff")
    assert table.code == 0, table.err
    assert table.lines == ["Changes since HEAD", "(no changes to the ledger)"]
    doc = dprk("diff", "--format", "json")
    assert doc.code == 0
    found = json.loads(doc.out)
    assert (found["summary"]["changed"], found["measures"]) == (0, [])
    assert dprk("drop-entry", "amnesty", "2").code == 0  # (the note the revision held)
    table = dprk("diff")
    assert table.code == 0, table.err
    assert [" ".join(line.split()) for line in table.lines] == [
        "Other changes",
        "id change",
        f"amnesty {today()}: the note entry of 2015-06-01 dropped: entered by mistake",
    ]  # (said once, by its correction: `test_a_drop_is_said_once_by_its_correction`)
    assert (tmp_path / LEDGER).read_bytes() != written


def test_a_drop_is_said_once_by_its_correction(dprk, tmp_path):
    """An implementation committed, then dropped as a mistake: 'Other changes' said it
    twice, as the correction ('... dropped: entered by mistake') and as 'history entry
    removed: 2004-02-26 implemented', and a finding dropped three times (its record
    removed too); the JSON held the correction in `new_history` beside the entries
    removed. One change, said once: by the correction, with its note, which JSON gives
    with the entry (and the finding) removed, not as an entry new."""
    git(tmp_path, "-c", "init.defaultBranch=main", "init", "-q")
    assert dprk("init", "--title", "T", "--party", "US", "--party", "USSR").code == 0
    assert dprk("add-measure", "Amnesty", "--actor", "US", "--id", "amnesty",
                "--status", "agreed", "--date", "2004-01-01").code == 0  # fmt: skip
    assert dprk("mark", "amnesty", "implemented", "--date", "2004-02-26").code == 0
    assert dprk("verify", "amnesty", "--by", "OSCE", "--date", "2004-03-01").code == 0
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    assert dprk("drop-entry", "amnesty", "3", "--note", "wrong verifier").code == 0
    assert dprk("drop-entry", "amnesty", "2", "--note", "decree not signed").code == 0
    written = (tmp_path / LEDGER).read_bytes()
    table = dprk("diff")
    assert table.code == 0, table.err
    dropped = [
        f"{today()}: confirmed by OSCE on 2004-03-01 dropped: wrong verifier",
        f"{today()}: implemented on 2004-02-26 dropped: decree not signed",
    ]
    assert [" ".join(line.split()) for line in table.lines] == [
        "Status changes",
        "id actor from to date title",
        "amnesty US verified agreed 2004-01-01 Amnesty",
        "",
        "Other changes",
        "id change",
        *(f"amnesty {line}" for line in dropped),
    ]
    shown = dprk("diff", "--format", "csv")
    assert shown.code == 0
    (row,) = csv.DictReader(io.StringIO(shown.out))
    assert row["other_changes"].split("; ") == dropped
    doc = dprk("diff", "--format", "json")
    assert doc.code == 0
    (m,) = json.loads(doc.out)["measures"]
    assert m["new_history"] == []
    assert [(h["date"], h["event"], h["correction"]["detail"]) for h in m["removed_history"]] == [
        ("2004-02-26", "status", "implemented on 2004-02-26 dropped: decree not signed"),
        ("2004-03-01", "verification", "confirmed by OSCE on 2004-03-01 dropped: wrong verifier"),
    ]
    (v,) = m["removed_verifications"]
    assert (v["by"], v["correction"]["detail"], v["correction"]["note"]) == (
        "OSCE",
        "confirmed by OSCE on 2004-03-01 dropped: wrong verifier",
        "",
    )
    assert (tmp_path / LEDGER).read_bytes() == written  # (read, not written)


def test_the_entries_of_findings_give_their_verifier_as_by_as_log_gives_it(dprk, tmp_path):
    """`log`, `show` and `status` give a finding's entry its verifier as `by` (a reversal's,
    the party that undid it); diff's JSON gave `by` null on each finding's entry, new,
    re-dated or removed. It names the verifier as log does (a removed one's as the
    revision held it)."""
    git(tmp_path, "-c", "init.defaultBranch=main", "init", "-q")
    assert dprk("init", "--title", "T", "--party", "US", "--party", "USSR").code == 0
    assert dprk("add-measure", "Amnesty", "--actor", "US", "--id", "amnesty",
                "--status", "agreed", "--date", "2004-01-01").code == 0  # fmt: skip
    assert dprk("mark", "amnesty", "implemented", "--date", "2004-02-26").code == 0
    assert dprk("verify", "amnesty", "--by", "OSCE", "--date", "2004-03-01").code == 0
    assert dprk("verify", "amnesty", "--by", "UNHCR", "--date", "2004-03-02").code == 0
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    assert dprk("redate", "amnesty", "4", "2004-03-03").code == 0

    def entries(key: str) -> list[tuple[str, str | None]]:
        written = (tmp_path / LEDGER).read_bytes()
        doc = dprk("diff", "--format", "json")
        assert (doc.code, doc.err) == (0, "")
        assert (tmp_path / LEDGER).read_bytes() == written  # (read, not written)
        (m,) = json.loads(doc.out)["measures"]
        return [(h["detail"], h["by"]) for h in m[key]]

    assert entries("redated_history") == [("confirmed by UNHCR", "UNHCR")]
    git(tmp_path, "commit", "-q", "-am", "redated")
    assert dprk("drop-finding", "amnesty", "3").code == 0
    assert dprk("verify", "amnesty", "--by", "IAEA", "--result", "refuted",
                "--date", "2004-03-10").code == 0  # fmt: skip
    assert dprk("mark", "amnesty", "reversed", "--by", "USSR", "--date", "2004-04-01").code == 0
    new = entries("new_history")
    assert new == [("refuted by IAEA", "IAEA"), ("reversed by USSR", "USSR")]
    assert entries("removed_history") == [("confirmed by OSCE", "OSCE")]
    log = json.loads(dprk("log", "amnesty", "--format", "json").out)
    assert [
        (h["detail"], h["by"])
        for h in log
        if h["date"] >= "2004-03-10" and h["event"] != "correction"
    ] == new


def test_a_redate_made_twice_since_is_said_once(dprk, tmp_path):
    """An implementation redated twice since the commit (26 to 27 February, then to 28):
    'Other changes' said 'now dated 2004-02-28 (was 2004-02-26)' and the correction of the
    first redate too ('implemented on 2004-02-26 redated to 2004-02-27'), which the net
    line says. One change, said once, with the note of the redate that dated it so."""
    git(tmp_path, "-c", "init.defaultBranch=main", "init", "-q")
    assert dprk("init", "--title", "T", "--party", "US", "--party", "USSR").code == 0
    assert dprk("add-measure", "Amnesty", "--actor", "US", "--id", "amnesty",
                "--status", "agreed", "--date", "2004-01-01").code == 0  # fmt: skip
    assert dprk("mark", "amnesty", "implemented", "--date", "2004-02-26").code == 0
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    assert dprk("redate", "amnesty", "2", "2004-02-27", "--note", "draft decree").code == 0
    assert dprk("redate", "amnesty", "2", "2004-02-28", "--note", "decree of 28 Feb").code == 0
    written = (tmp_path / LEDGER).read_bytes()
    table = dprk("diff")
    assert table.code == 0, table.err
    assert [" ".join(line.split()) for line in table.lines] == [
        "Other changes",
        "id change",
        "amnesty implemented: now dated 2004-02-28 (was 2004-02-26) (decree of 28 Feb)",
    ]
    doc = dprk("diff", "--format", "json")
    assert doc.code == 0
    (m,) = json.loads(doc.out)["measures"]
    assert [(h["date"], h["event"]) for h in m["new_history"]] == [("2004-02-28", "status")]
    (h,) = m["redated_history"]
    assert (h["date_before"], h["correction"]["detail"]) == (
        "2004-02-26",
        "implemented on 2004-02-27 redated to 2004-02-28",
    )
    assert (tmp_path / LEDGER).read_bytes() == written  # (read, not written)


def test_a_redate_chain_through_the_committed_day_is_one_change_or_none(dprk, tmp_path):
    """An implementation redated away and back to its committed day (1 to 2 November,
    then to 1): `diff` said 'implemented on 1994-11-01 redated to 1994-11-02 (first)',
    no change at all. Redated once more (to 3), it said that line, the third redate's
    correction and the net line, JSON's `correction` null; dropped instead, the drop
    and the first redate's line. The chain, followed in the order recorded, is one
    change from the committed day to the day now (none if the same), with the last
    redate's note; a drop at its end is the drop line alone."""
    git(tmp_path, "-c", "init.defaultBranch=main", "init", "-q")
    assert dprk("init", "--title", "AF", "--party", "US", "--party", "DPRK").code == 0
    assert dprk("add-measure", "Freeze Yongbyon", "--actor", "DPRK", "--id", "freeze",
                "--status", "agreed", "--date", "1994-10-21").code == 0  # fmt: skip
    assert dprk("mark", "freeze", "implemented", "--date", "1994-11-01").code == 0
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    assert dprk("redate", "freeze", "2", "1994-11-02", "--note", "first").code == 0
    assert dprk("redate", "freeze", "2", "1994-11-01", "--note", "back").code == 0
    written = (tmp_path / LEDGER).read_bytes()
    table = dprk("diff")
    assert table.code == 0, table.err
    assert table.lines == ["Changes since HEAD", "(no changes to the ledger)"]
    doc = dprk("diff", "--format", "json")
    assert doc.code == 0
    assert json.loads(doc.out)["measures"] == []
    assert (tmp_path / LEDGER).read_bytes() == written  # (read, not written)

    assert dprk("redate", "freeze", "2", "1994-11-03", "--note", "third").code == 0
    table = dprk("diff")
    assert table.code == 0, table.err
    assert [" ".join(line.split()) for line in table.lines] == [
        "Other changes",
        "id change",
        "freeze implemented: now dated 1994-11-03 (was 1994-11-01) (third)",
    ]
    doc = dprk("diff", "--format", "json")
    assert doc.code == 0
    (m,) = json.loads(doc.out)["measures"]
    assert [(h["date"], h["event"]) for h in m["new_history"]] == [("1994-11-03", "status")]
    (h,) = m["redated_history"]
    assert (h["date_before"], h["correction"]["detail"], h["correction"]["note"]) == (
        "1994-11-01",
        "implemented on 1994-11-01 redated to 1994-11-03",
        "third",
    )
    shown = dprk("diff", "--format", "csv")
    assert shown.code == 0
    (row,) = csv.DictReader(io.StringIO(shown.out))
    assert row["other_changes"] == "implemented: now dated 1994-11-03 (was 1994-11-01) (third)"

    assert dprk("undo").code == 0
    assert dprk("drop-entry", "freeze", "2", "--note", "gone").code == 0
    written = (tmp_path / LEDGER).read_bytes()
    table = dprk("diff")
    assert table.code == 0, table.err
    assert [" ".join(line.split()) for line in table.lines] == [
        "Status changes",
        "id actor from to date title",
        "freeze DPRK implemented agreed 1994-10-21 Freeze Yongbyon",
        "",
        "Other changes",
        "id change",
        f"freeze {today()}: implemented on 1994-11-01 dropped: gone",
    ]
    doc = dprk("diff", "--format", "json")
    assert doc.code == 0
    (m,) = json.loads(doc.out)["measures"]
    assert m["new_history"] == []
    assert [(h["date"], h["correction"]["detail"]) for h in m["removed_history"]] == [
        ("1994-11-01", "implemented on 1994-11-01 dropped: gone")
    ]
    assert (tmp_path / LEDGER).read_bytes() == written  # (read, not written)


def test_a_link_or_an_order_a_command_recorded_is_said_once_by_its_entry(dprk, tmp_path):
    """Freeze linked with fuel oil, fuel oil sequenced after the freeze and given a
    deadline: 'Other changes' (and CSV's `other_changes`) said the link and the order
    twice, as a field ('in_exchange_for: +hfo', 'constraints: +after freeze [demanded
    by US]') and as the entry recorded, where the deadline was said once, by its entry;
    a committed link dropped said 'in_exchange_for: -lwr' beside the drop. A field an
    entry recorded (or a drop took back) is said by that entry alone, JSON's `fields`
    keeping it; a field changed by hand is still said as a field."""
    git(tmp_path, "-c", "init.defaultBranch=main", "init", "-q")
    assert dprk("init", "--title", "AF", "--party", "US", "--party", "DPRK").code == 0
    for ident, title, actor in [("freeze", "Freeze Yongbyon", "DPRK"),
                                ("hfo", "Deliver heavy fuel oil", "US"),
                                ("lwr", "Build light-water reactors", "US")]:  # fmt: skip
        assert dprk("add-measure", title, "--actor", actor, "--id", ident,
                    "--status", "agreed", "--date", "1994-10-21").code == 0  # fmt: skip
    assert dprk("link", "freeze", "lwr", "--date", "1994-10-22").code == 0
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    assert dprk("link", "freeze", "hfo", "--date", "1994-10-21").code == 0
    assert dprk("sequence", "hfo", "--after", "freeze", "--demanded-by", "US",
                "--date", "1994-10-21").code == 0  # fmt: skip
    assert dprk("edit", "hfo", "--deadline", "1995-10-21", "--date", "1994-10-21").code == 0
    assert dprk("drop-entry", "lwr", "2", "--note", "no such link").code == 0
    hand_edit(tmp_path / LEDGER, lambda led: replace_measure(led, "hfo", notes="by tanker"))
    written = (tmp_path / LEDGER).read_bytes()
    table = dprk("diff")
    assert table.code == 0, table.err
    dropped = {
        other: f"{today()}: the exchange entry of 1994-10-22 (in exchange for {other}) "
        "dropped: no such link"
        for other in ("freeze", "lwr")
    }
    said = {
        "freeze": ["1994-10-21: in exchange for hfo", dropped["lwr"]],
        "hfo": [
            "notes: (none) -> by tanker",
            "1994-10-21: in exchange for freeze",
            "1994-10-21: after freeze, demanded by US",
            "1994-10-21: deadline: (none) -> '1995-10-21'",
        ],
        "lwr": [dropped["freeze"]],
    }
    assert [" ".join(line.split()) for line in table.lines] == [
        "Other changes",
        "id change",
        *(" ".join(f"{ident} {line}".split()) for ident, lines in said.items() for line in lines),
    ]
    shown = dprk("diff", "--format", "csv")
    assert shown.code == 0
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(shown.out))}
    assert {ident: row["other_changes"].split("; ") for ident, row in rows.items()} == said
    assert rows["hfo"]["fields"] == "deadline; in_exchange_for; constraints; notes"
    doc = dprk("diff", "--format", "json")
    assert doc.code == 0
    fields = {m["id"]: m["fields"] for m in json.loads(doc.out)["measures"]}
    assert fields["freeze"] == [{"field": "in_exchange_for", "from": ["lwr"], "to": ["hfo"]}]
    assert fields["hfo"][2] == {
        "field": "constraints",
        "from": [],
        "to": [{"after": "freeze", "require": "acted", "demanded_by": "US", "verified_by": None}],
    }
    assert fields["lwr"] == [{"field": "in_exchange_for", "from": ["freeze"], "to": []}]
    assert (tmp_path / LEDGER).read_bytes() == written  # (read, not written)


@pytest.mark.parametrize("kind", ["step", "finding", "link"])
def test_an_entry_redated_then_dropped_since_is_said_once_by_the_drop(dprk, tmp_path, kind):
    """A step (a finding, a link) committed, then redated and dropped as a mistake: 'Other
    changes' said the redate's correction ('implemented on 2018-05-01 redated to
    2018-04-30') and 'history entry removed: 2018-05-01 implemented' (a finding's record
    removed too; a link on both measures), the drop itself nowhere, and JSON held the
    redate in `new_history`, its `correction` null. One change since the revision, said
    once by the drop, naming the entry as the revision held it (as a drop alone would):
    the redate in between is no change of its own, nor is the link the drop took back
    a field changed apart."""
    git(tmp_path, "-c", "init.defaultBranch=main", "init", "-q")
    assert dprk("init", "--title", "T", "--party", "DPRK", "--party", "US").code == 0
    assert dprk("add-measure", "Close site", "--actor", "DPRK", "--id", "site",
                "--date", "2018-04-20").code == 0  # fmt: skip
    assert dprk("add-measure", "Ease", "--actor", "US", "--id", "ease",
                "--date", "2018-04-20").code == 0  # fmt: skip
    assert dprk("mark", "site", "implemented", "--date", "2018-05-01").code == 0
    if kind == "finding":
        assert dprk("verify", "site", "--by", "IAEA", "--date", "2018-05-03").code == 0
    if kind == "link":
        assert dprk("link", "site", "ease", "--date", "2018-05-02").code == 0
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    entry, day, moved = {
        "step": ("2", "2018-05-01", "2018-04-30"),
        "finding": ("3", "2018-05-03", "2018-05-04"),
        "link": ("3", "2018-05-02", "2018-05-03"),
    }[kind]
    assert dprk("redate", "site", entry, moved, "--note", "as reported").code == 0
    drop = "drop-finding" if kind == "finding" else "drop-entry"
    assert dprk(drop, "site", entry, "--note", "no such event").code == 0
    written = (tmp_path / LEDGER).read_bytes()
    status = ["Status changes", "id actor from to date title"]
    said = {
        "step": [
            *status,
            "site DPRK implemented proposed 2018-04-20 Close site",
            "",
            "Other changes",
            "id change",
            f"site {today()}: implemented on 2018-05-01 dropped: no such event",
        ],
        "finding": [
            *status,
            "site DPRK verified implemented 2018-05-01 Close site",
            "",
            "Other changes",
            "id change",
            f"site {today()}: confirmed by IAEA on 2018-05-03 dropped: no such event",
        ],
        "link": [
            "Other changes",
            "id change",
            f"ease {today()}: the exchange entry of 2018-05-02 (in exchange for site) "
            "dropped: no such event",
            f"site {today()}: the exchange entry of 2018-05-02 (in exchange for ease) "
            "dropped: no such event",
        ],
    }[kind]
    table = dprk("diff")
    assert table.code == 0, table.err
    assert [" ".join(line.split()) for line in table.lines] == said
    doc = dprk("diff", "--format", "json")
    assert doc.code == 0, doc.err
    measures = json.loads(doc.out)["measures"]
    assert [m["id"] for m in measures] == (["ease", "site"] if kind == "link" else ["site"])
    for m in measures:
        assert (m["new_history"], m["redated_history"]) == ([], [])
        (h,) = m["removed_history"]  # (as the revision held it, with the drop's correction)
        assert (h["date"], h["correction"]["detail"], h["correction"]["note"]) == (
            day,
            f"{dropped_as(kind, m['id'], moved)} dropped: no such event",
            "",
        )
        if kind == "finding":
            (v,) = m["removed_verifications"]
            assert (v["date"], v["correction"]) == (day, h["correction"])
    assert (tmp_path / LEDGER).read_bytes() == written  # (read, not written)


def dropped_as(kind: str, ident: str, day: str) -> str:
    """How `drop-entry` or `drop-finding` named the event it dropped, as of `day`."""
    other = "site" if ident == "ease" else "ease"
    return {
        "step": f"implemented on {day}",
        "finding": f"confirmed by IAEA on {day}",
        "link": f"the exchange entry of {day} (in exchange for {other})",
    }[kind]


def test_the_csv_row_of_a_measure_says_what_else_changed_as_the_table_does(tmp_path):
    """An implementation entry redated by hand: the table said 'implemented: now dated
    2007-06-26 (was 2007-06-25)' and the JSON named it in `redated_history`, but the CSV
    row was 'bda,changed,US,implemented,implemented,,,Return BDA funds', saying nothing
    of what changed. Its `other_changes` cell gives the table's lines of other changes."""
    repo = tmp_path / "talks"
    repo.mkdir()
    git(repo, "-c", "init.defaultBranch=main", "init", "-q")
    ok(dprk_in(repo, "init", "--title", "T", "--party", "DPRK", "--party", "US"))
    ok(dprk_in(repo, "add-measure", "Return BDA funds", "--actor", "US", "--id", "bda",
               "--status", "agreed", "--date", "2007-03-19"))  # fmt: skip
    ok(dprk_in(repo, "mark", "bda", "implemented", "--date", "2007-06-25"))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    text = (repo / LEDGER).read_text(encoding="utf-8")
    assert text.count("date = 2007-06-25\n") == 1
    (repo / LEDGER).write_text(text.replace("date = 2007-06-25\n", "date = 2007-06-26\n"))
    said = "implemented: now dated 2007-06-26 (was 2007-06-25)"
    assert f"bda  {said}\n" in ok(dprk_in(repo, "diff")).out
    (row,) = csv.DictReader(io.StringIO(ok(dprk_in(repo, "diff", "--format", "csv")).out))
    assert (row["id"], row["change"], row["fields"]) == ("bda", "changed", "")
    assert row["other_changes"] == said
    ok(dprk_in(repo, "note", "bda", "Funds reached Banco Delta", "--date", "2007-06-27"))
    ok(dprk_in(repo, "edit", "bda", "--category", "sanctions", "--date", "2007-06-27"))
    (row,) = csv.DictReader(io.StringIO(ok(dprk_in(repo, "diff", "--format", "csv")).out))
    assert row["fields"] == "category"
    assert row["other_changes"].split("; ") == [
        "2007-06-27: note (Funds reached Banco Delta)",
        "2007-06-27: category: (none) -> 'sanctions'",
        said,
    ]
    table = ok(dprk_in(repo, "diff")).out.split("Other changes\nid   change\n")[1]
    assert table.splitlines() == [f"bda  {line}" for line in row["other_changes"].split("; ")]
    (record,) = [
        json.loads(line) for line in ok(dprk_in(repo, "diff", "--format", "jsonl")).out.splitlines()
    ]
    assert record["other_changes"] == row["other_changes"].split("; ")


@pytest.mark.parametrize(
    ("changes", "renamed", "added", "removed"),
    [
        ([["rename", "a", "a-old"], ["add-measure", "Brand new", "--actor", "A", "--id", "a",
                                     "--date", "2019-05-01"]],
         [("a-old", "a")], ["a"], []),
        ([["rename", "b", "c"], ["rename", "a", "b"]], [("b", "a"), ("c", "b")], [], []),
        ([["remove", "b"], ["rename", "a", "b"]], [("b", "a")], [], ["b"]),
        ([["rename", "a", "c"], ["remove", "b"]], [("c", "a")], [], ["b"]),
        ([["rename", "a", "t"], ["rename", "b", "a"], ["rename", "t", "b"]],
         [("a", "b"), ("b", "a")], [], []),
    ],
    ids=["old-id-given-again", "ids-moved-along", "removed-then-its-id-taken",
         "renamed-and-another-removed", "two-ids-swapped"],
)  # fmt: skip
def test_a_rename_is_seen_when_the_old_id_names_another_measure_now(
    tmp_path, changes, renamed, added, removed
):
    """A measure renamed and its id given to another: diff said the renamed one was added
    and the other changed its title ('c renamed from a', when b was). Measures added in
    one second (a script, an import) were taken for one another: a rename beside a
    removal was paired with the removed measure, and two ids swapped were two edits."""
    repo = tmp_path / "talks"
    repo.mkdir()
    git(repo, "-c", "init.defaultBranch=main", "init", "-q")
    ok(dprk_in(repo, "init", "--title", "T", "--party", "A"))
    for ident, title in (("a", "First"), ("b", "Second")):  # (recorded in one second)
        add = ("add-measure", title, "--actor", "A", "--id", ident, "--date", "2019-01-01")
        ok(dprk_in(repo, *add, epoch=1700000001))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    for n, change in enumerate(changes, 10):
        ok(dprk_in(repo, *change, epoch=1700000000 + n))
    doc = json.loads(ok(dprk_in(repo, "diff", "--format", "json")).out)
    by_change = {
        kind: sorted(
            (m["id"], m["renamed_from"]) if kind == "renamed" else m["id"]
            for m in doc["measures"]
            if m["change"] == kind
        )
        for kind in ("renamed", "added", "removed", "changed")
    }
    assert by_change == {"renamed": renamed, "added": added, "removed": removed, "changed": []}
    titles = {m["id"] + m["change"]: m["title"] for m in doc["measures"]}
    for new_id, old_id in renamed:
        assert titles[new_id + "renamed"] == {"a": "First", "b": "Second"}[old_id]


def test_diff_shows_a_merge_conflict_in_the_ledgers_own_title(tmp_path):
    """A title changed two ways on two branches: after the merge, diff said "no changes
    to the ledger", and the JSON had no trace of the conflict check reports."""
    repo = init_repo(tmp_path / "talks")
    git(repo, "switch", "-q", "-c", "a")
    ok(dprk_in(repo, "edit-ledger", "--title", "Talks A"))
    git(repo, "commit", "-q", "-am", "A")
    git(repo, "switch", "-q", "main")
    ok(dprk_in(repo, "edit-ledger", "--title", "Talks B"))
    git(repo, "commit", "-q", "-am", "B")
    git(repo, "merge", "-q", "a", check=False)
    assert dprk_in(repo, "check").code == 1
    out = ok(dprk_in(repo, "diff")).out
    assert out.splitlines() == [
        "Changes since HEAD",
        "(no measure changed)",
        "",
        "the ledger's merge conflicts: +title",
    ]
    doc = json.loads(ok(dprk_in(repo, "diff", "--format", "json")).out)
    assert doc["conflicts"] == {"added": ["title"], "settled": []}
    ok(dprk_in(repo, "resolve", "--field", "title", "--take", "theirs"))
    out = ok(dprk_in(repo, "diff")).out
    assert out.splitlines()[0] == "Changes since HEAD"
    assert "title: Talks B -> Talks A" in out and "merge conflicts" not in out


def test_diff_names_each_party_in_conflict_by_our_spelling():
    """Two parties in conflict were both 'party', once."""
    from dprk_cli.model import Conflict

    two = [
        Conflict(field="party", ours="JAPAN", theirs="Japan"),
        Conflict(field="party", ours="rok", theirs="ROK"),
    ]
    merged = BASE.model_copy(update={"conflicts": two})
    assert diff_ledgers(BASE, merged).conflicts_added == ["party:JAPAN", "party:rok"]
    settled = merged.model_copy(update={"conflicts": two[:1]})
    assert diff_ledgers(merged, settled).conflicts_settled == ["party:rok"]


def test_a_renamed_measure_is_listed_as_renamed(tmp_path):
    """A measure renamed (and then noted) since HEAD was listed as removed under its old
    id and added under its new one, its old finding under 'New verifications' as if new,
    and the measure that waits for it as changed. It is one measure, renamed."""
    repo = init_repo(tmp_path / "talks")
    ok(dprk_in(repo, "rename", "punggye-ri-closure", "test-site-closure", "--date", "2018-10-01"))
    ok(dprk_in(repo, "note", "test-site-closure", "renamed for the brief", "--date", "2018-10-02"))
    shown = ok(dprk_in(repo, "diff")).out
    assert shown.startswith(
        "Renamed since HEAD\nid                 renamed from        actor  title\n"
        "test-site-closure  punggye-ri-closure  DPRK   "
    ), shown
    assert "Removed" not in shown and "Added" not in shown
    assert "New verifications" not in shown
    assert "test-site-closure  2018-10-02: note (renamed for the brief)" in shown
    doc = json.loads(ok(dprk_in(repo, "diff", "--format", "json")).out)
    assert doc["summary"] == {
        "added": 0,
        "removed": 0,
        "changed": 0,
        "renamed": 1,
        "status_changes": 0,
        "new_verifications": 0,
    }
    (entry,) = doc["measures"]
    assert (entry["id"], entry["change"], entry["renamed_from"]) == (
        "test-site-closure",
        "renamed",
        "punggye-ri-closure",
    )
    assert [h["event"] for h in entry["new_history"]] == ["rename", "note"]


def test_an_event_both_desks_recorded_is_no_change_after_the_merge(tmp_path):
    """Both desks recorded the same finding, a second apart; the merge keeps it once, with
    the time it was first recorded. diff against our side said the finding was new and
    our own was removed: the entry differs only in when it was recorded."""
    repo = init_repo(tmp_path / "talks")
    git(repo, "checkout", "-q", "-b", "desk-a")
    found = ("verify", "remains-repatriation", "--by", "DPAA", "--result", "partial",
             "--date", "2018-09-20")  # fmt: skip
    ok(dprk_in(repo, *found, epoch=1_700_000_000))
    git(repo, "commit", "-q", "-am", "A")
    git(repo, "checkout", "-q", "main")
    ok(dprk_in(repo, *found, epoch=1_700_000_002))
    git(repo, "commit", "-q", "-am", "B")
    assert git(repo, "merge", "-q", "--no-edit", "desk-a", check=False).code == 0
    shown = ok(dprk_in(repo, "diff", "HEAD^1", "--format", "json"))
    assert json.loads(shown.out)["measures"] == []


def test_a_field_an_edit_recorded_is_said_once(tmp_path):
    """An edit of the notes, the category and a source: the table said each field's
    change, then the edit's entry, which says the same, again."""
    repo = tmp_path / "talks"
    repo.mkdir()
    git(repo, "-c", "init.defaultBranch=main", "init", "-q")
    ok(dprk_in(repo, "init", "--title", "T", "--party", "A"))
    ok(dprk_in(repo, "add-measure", "X", "--actor", "A", "--id", "x", "--date", "2020-01-01"))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    ok(dprk_in(repo, "edit", "x", "--notes", "new notes", "--category", "cat",
               "--add-source", "https://a.example/x", "--date", "2020-02-01"))  # fmt: skip
    shown = ok(dprk_in(repo, "diff")).out
    assert shown.endswith(
        "Other changes\nid  change\nx   2020-02-01: category: (none) -> 'cat'; notes: (none) -> "
        "'new notes'; source added: https://a.example/x\n"
    ), shown
    (x,) = json.loads(ok(dprk_in(repo, "diff", "--format", "json")).out)["measures"]
    assert {f["field"] for f in x["fields"]} == {"category", "notes", "sources"}


def test_a_source_a_note_or_an_edit_recorded_is_said_once_by_its_entry(dprk, tmp_path):
    """A note with --source: 'Other changes' (and CSV's `other_changes`) said the source
    twice, as a field changed by hand ('sources: +SRC1') and as the note's entry; and a
    source an edit added hid the field's whole change, a source given with a step (whose
    entry does not name it) with it. Each source is said once: by the entry that records
    it, or, recorded by none, as the field's."""
    git(tmp_path, "-c", "init.defaultBranch=main", "init", "-q")
    assert dprk("init", "--title", "T", "--party", "A", "--party", "B").code == 0
    assert dprk("add-measure", "M", "--actor", "A", "--id", "m", "--date", "2020-01-01").code == 0
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    assert dprk("note", "m", "a report", "--date", "2020-02-01", "--source", "SRC1").code == 0
    written = (tmp_path / LEDGER).read_bytes()
    table = dprk("diff")
    assert (table.code, table.err) == (0, "")
    assert [" ".join(line.split()) for line in table.lines] == [
        "Other changes",
        "id change",
        "m 2020-02-01: source: SRC1 (a report)",
    ]
    shown = dprk("diff", "--format", "csv")
    assert shown.code == 0
    (row,) = csv.DictReader(io.StringIO(shown.out))
    assert (row["fields"], row["other_changes"]) == (
        "sources",
        "2020-02-01: source: SRC1 (a report)",
    )
    assert (tmp_path / LEDGER).read_bytes() == written  # (read, not written)
    assert dprk("mark", "m", "agreed", "--date", "2020-03-01", "--source", "SRC3").code == 0
    assert dprk("edit", "m", "--add-source", "SRC2", "--remove-source", "SRC1").code == 0
    shown = dprk("diff", "--format", "csv")
    assert shown.code == 0
    (row,) = csv.DictReader(io.StringIO(shown.out))
    assert row["other_changes"] == (
        "sources: +SRC3; 2020-02-01: source: SRC1 (a report); "
        f"{today()}: source removed: SRC1; source added: SRC2"
    )


def test_a_step_s_source_is_said_by_its_entry_or_with_the_status_change(dprk, tmp_path):
    """A step records the sources it brought, as a note does: a step listed in 'Other
    changes' says its own, not again as the field's; the step the status change says is
    not listed, and its source is said as the field's, as before."""
    git(tmp_path, "-c", "init.defaultBranch=main", "init", "-q")
    assert dprk("init", "--title", "T", "--party", "A", "--party", "B").code == 0
    assert dprk("add-measure", "M", "--actor", "A", "--id", "m", "--date", "2020-01-01").code == 0
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    for day, extent, source in (("2020-02-01", "min", "SRC1"), ("2020-03-01", "full", "SRC2")):
        marked = dprk(
            "mark", "m", "implemented", "--date", day, "--extent", extent, "--source", source
        )
        assert marked.code == 0, marked.err
    shown = dprk("diff", "--format", "csv")
    assert shown.code == 0
    (row,) = csv.DictReader(io.StringIO(shown.out))
    assert row["other_changes"] == "sources: +SRC1; 2020-03-01: implemented (full); source: SRC2"


def test_a_party_renamed_is_shown_as_one_rename(repo):
    """A party renamed showed as a hand-over of each of its measures ("actor: DPRK -> NK",
    an order's demanding party dropped and added) besides a party added and removed."""
    git(repo, "commit", "-qam", "before")
    ok(dprk_in(repo, "rename-party", "DPRK", "NK"))
    shown = dprk_in(repo, "diff")
    assert shown.code == 0
    assert "parties renamed: DPRK -> NK" in shown.out
    assert "actor:" not in shown.out
    assert "constraints" not in shown.out
    assert "parties added" not in shown.out
    doc = json.loads(dprk_in(repo, "diff", "--format", "json").out)
    assert doc["parties"] == {
        "added": [],
        "removed": [],
        "renamed": [{"from": "DPRK", "to": "NK"}],
        "corrected": [],
    }
    changed = {m["id"]: m for m in doc["measures"]}
    assert changed and all(m["fields"] == [] for m in changed.values())
    assert {h["detail"] for m in changed.values() for h in m["new_history"]} == {
        "party DPRK renamed NK"
    }
    assert all(m["actor"] == "NK" for m in changed.values() if m["id"] != "hotline")


def test_the_status_date_of_a_measure_made_of_parts_is_the_day_its_parts_moved_it(tmp_path):
    """A part carried out in July moved its whole from agreed to implemented: diff dated
    the whole's change by the day the whole was made (May), status by July."""
    repo = init_repo(tmp_path / "talks", example=False)
    for args in (
        ("init", "--title", "T", "--party", "DPRK", "--force"),
        ("add-measure", "W", "--actor", "DPRK", "--id", "w", "--date", "2018-05-01",
         "--status", "agreed"),
        ("add-measure", "P", "--actor", "DPRK", "--id", "p", "--date", "2018-06-01",
         "--part-of", "w"),
    ):  # fmt: skip
        ok(dprk_in(repo, *args))
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    ok(dprk_in(repo, "mark", "p", "implemented", "--date", "2018-07-01"))
    doc = json.loads(ok(dprk_in(repo, "diff", "--format", "json")).out)
    dated = {m["id"]: (m["status_to"], m["status_date"]) for m in doc["measures"]}
    assert dated == {"p": ("implemented", "2018-07-01"), "w": ("implemented", "2018-07-01")}
    status = json.loads(ok(dprk_in(repo, "status", "--format", "json")).out)["measures"]
    assert {m["id"]: m["status_date"] for m in status}["w"] == "2018-07-01"


@pytest.mark.parametrize(
    "case", ["handed away", "name reused", "chain", "two ways", "twice", "back", "back again"]
)
def test_party_renames_are_read_from_what_rename_party_recorded(tmp_path, case):
    """Party renames were guessed from the actors: a rename whose only measure was then
    handed away showed as a party added and removed; a chain (A to C, then B to A) as
    actor changes; and one with measures handed both ways as a rename that never was
    (B to AA). A party renamed twice (A to AA, then AA to AAA), or renamed and back
    before another was, showed as a party added and one removed, and as actor changes:
    each name a rename gave had to be declared at the end. (A former name declared again
    is written by hand: add-party refuses one.)"""
    repo = init_repo(tmp_path / "talks", example=False)
    for args in (
        ("init", "--party", "A", "--party", "B", "--force"),
        ("add-measure", "X", "--actor", "A", "--id", "x", "--date", "2020-01-01"),
        ("add-measure", "Y", "--actor", "B", "--id", "y", "--date", "2020-01-01"),
    ):
        ok(dprk_in(repo, *args))
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    steps = {
        "handed away": [("rename-party", "A", "AA"), ("edit", "x", "--actor", "B")],
        "name reused": [("rename-party", "A", "AA")],
        "chain": [("rename-party", "A", "C"), ("rename-party", "B", "A")],
        "two ways": [
            ("rename-party", "A", "AA"),
            ("edit", "x", "--actor", "B", "--date", "2020-02-01"),
            ("edit", "y", "--actor", "AA", "--date", "2020-02-01"),
            ("rename-party", "B", "A"),
        ],
        "twice": [("rename-party", "A", "AA"), ("rename-party", "AA", "AAA")],
        "back": [
            ("rename-party", "A", "AA"),
            ("rename-party", "AA", "A"),
            ("rename-party", "B", "BB"),
        ],
        "back again": [
            ("rename-party", "A", "AA"),
            ("rename-party", "AA", "A"),
            ("rename-party", "A", "AA"),
        ],
    }[case]
    for epoch, step in enumerate(steps, 1700000100):
        ok(dprk_in(repo, *step, epoch=epoch))
    if case == "name reused":  # (add-party refuses a former name: declared by hand)
        assert dprk_in(repo, "add-party", "A").code == 1
        ledger = repo / "dprk-ledger.toml"
        text = ledger.read_text(encoding="utf-8")
        listed = 'parties = [\n    "AA",\n    "B",\n]'
        assert listed in text
        ledger.write_text(text.replace(listed, 'parties = ["AA", "B", "A"]'), encoding="utf-8")
    doc = json.loads(ok(dprk_in(repo, "diff", "--format", "json")).out)
    renamed = [(r["from"], r["to"]) for r in doc["parties"]["renamed"]]
    expected = {
        "handed away": ([("A", "AA")], [], []),
        "name reused": ([("A", "AA")], ["A"], []),
        "chain": ([("A", "C"), ("B", "A")], [], []),
        "two ways": ([("A", "AA"), ("B", "A")], [], []),
        "twice": ([("A", "AA"), ("AA", "AAA")], [], []),
        "back": ([("A", "AA"), ("AA", "A"), ("B", "BB")], [], []),
        "back again": ([("A", "AA"), ("AA", "A"), ("A", "AA")], [], []),
    }[case]
    assert (renamed, doc["parties"]["added"], doc["parties"]["removed"]) == expected
    if case in ("chain", "twice", "back", "back again"):  # (under the new names: no actor
        # changed)
        assert all(m["fields"] == [] for m in doc["measures"])


def test_diff_dates_the_status_a_whole_took_when_its_part_left_as_status_does(tmp_path):
    """p, implemented, moved from w1 to w2 on 1 March: w1 stands agreed again from that
    day, as `status` says; `diff` dated it from w1's own agreement in January (w1 has no
    parts now, and its own history alone was asked)."""
    repo = init_repo(tmp_path / "talks", example=False)
    for args in (
        ("init", "--party", "P"),
        ("add-measure", "W1", "--actor", "P", "--id", "w1", "--date", "2018-01-01"),
        ("mark", "w1", "agreed", "--date", "2018-01-02"),
        ("add-measure", "W2", "--actor", "P", "--id", "w2", "--date", "2018-01-01"),
        ("mark", "w2", "agreed", "--date", "2018-01-02"),
        ("add-measure", "P", "--actor", "P", "--id", "p", "--date", "2018-01-01"),
        ("mark", "p", "implemented", "--date", "2018-01-03"),
        ("edit", "p", "--part-of", "w1", "--date", "2018-02-01"),
    ):
        ok(dprk_in(repo, *args))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "w1 made of p")
    ok(dprk_in(repo, "edit", "p", "--part-of", "w2", "--date", "2018-03-01"))
    shown = json.loads(ok(dprk_in(repo, "status", "--format", "json")).out)["measures"]
    since = {m["id"]: m["status_date"] for m in shown}
    changed = json.loads(ok(dprk_in(repo, "diff", "--format", "json")).out)["measures"]
    dated = {m["id"]: m["status_date"] for m in changed if m.get("status_date")}
    assert dated == {"w1": "2018-03-01", "w2": "2018-03-01"}
    assert all(since[ident] == day for ident, day in dated.items())


def test_diff_follows_a_measure_given_a_new_id_to_settle_an_id_conflict(tmp_path):
    """Desk a renamed w to n1; desk b added another measure as n1. Merged on a, the
    conflict settled with a new id (w2): `diff a` listed a's own measure as added, and
    b's n1 as a's n1 changed (title, actor, its rename entry removed)."""
    repo = init_repo(tmp_path / "talks", example=False)
    ok(dprk_in(repo, "init", "--party", "P", "--party", "Q"))
    ok(dprk_in(repo, "add-measure", "W", "--actor", "Q", "--id", "w", "--date", "2018-01-01"))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "checkout", "-q", "-b", "a")
    ok(dprk_in(repo, "rename", "w", "n1", "--date", "2018-02-01", epoch=1700000100))
    git(repo, "commit", "-q", "-am", "a")
    git(repo, "checkout", "-q", "-b", "b", "main")
    ok(dprk_in(repo, "add-measure", "N", "--actor", "P", "--id", "n1", "--date", "2018-02-02",
               epoch=1700000200))  # fmt: skip
    git(repo, "commit", "-q", "-am", "b")
    git(repo, "checkout", "-q", "a")
    assert git(repo, "merge", "-q", "b", check=False).code == 1
    ok(dprk_in(repo, "resolve", "w", "--field", "id", "--take", "w2"))
    doc = json.loads(ok(dprk_in(repo, "diff", "a", "--format", "json")).out)
    changes = {m["id"]: (m["change"], m.get("renamed_from")) for m in doc["measures"]}
    assert changes == {"n1": ("added", None), "w2": ("renamed", "n1")}


def test_two_ids_swapped_and_committed_are_no_change(tmp_path):
    """second-summit and the Pompeo visit swapped ids by three renames, committed: the
    file was HEAD's byte for byte, yet `diff` listed both as renamed, their titles,
    sources and notes swapped (the example's measures were all recorded in one second:
    each one's creation looked like the other's)."""
    repo = init_repo(tmp_path / "talks")
    for old, new in (
        ("second-summit", "tmp-x"),
        ("pompeo-pyongyang-visit", "second-summit"),
        ("tmp-x", "pompeo-pyongyang-visit"),
    ):
        ok(dprk_in(repo, "rename", old, new, "--date", "2018-09-20"))
    doc = json.loads(ok(dprk_in(repo, "diff", "--format", "json")).out)
    changes = {m["id"]: (m["change"], m.get("renamed_from")) for m in doc["measures"]}
    assert changes == {
        "pompeo-pyongyang-visit": ("renamed", "second-summit"),
        "second-summit": ("renamed", "pompeo-pyongyang-visit"),
    }
    git(repo, "commit", "-q", "-am", "swap")
    assert git(repo, "diff", "--quiet", "HEAD", check=False).code == 0
    doc = json.loads(ok(dprk_in(repo, "diff", "--format", "json")).out)
    assert doc["measures"] == []


def test_a_measure_renamed_on_both_desks_is_followed_to_the_other_desk_s_id(tmp_path):
    """Both desks renamed second-summit (summit-a, summit-b); merged on b, the id conflict
    settled: `diff a` paired summit-b with the denuclearization pledge (renamed, its
    title, actor and status changed) and listed summit-a as removed."""
    repo = init_repo(tmp_path / "talks")
    git(repo, "checkout", "-q", "-b", "a")
    ok(dprk_in(repo, "rename", "second-summit", "summit-a", "--date", "2018-09-20"))
    git(repo, "commit", "-q", "-am", "a")
    git(repo, "checkout", "-q", "main")
    ok(dprk_in(repo, "rename", "second-summit", "summit-b", "--date", "2018-09-20",
               epoch=1700000100))  # fmt: skip
    git(repo, "commit", "-q", "-am", "b")
    assert git(repo, "merge", "-q", "a", check=False).code == 1
    ok(dprk_in(repo, "resolve", "summit-b", "--field", "id", "--take", "ours", epoch=1700000200))
    doc = json.loads(ok(dprk_in(repo, "diff", "a", "--format", "json")).out)
    changes = {m["id"]: (m["change"], m.get("renamed_from")) for m in doc["measures"]}
    assert changes == {"summit-b": ("renamed", "summit-a")}


def test_a_party_merged_into_another_is_shown_as_one_rename(repo):
    """'rename-party NK DPRK --merge' showed as NK removed and each of its measures handed
    over ('actor: NK -> DPRK'), its rename entry aside: a rename to a party declared
    already is one too."""
    ok(dprk_in(repo, "add-party", "NK"))
    ok(dprk_in(repo, "add-measure", "X", "--actor", "NK", "--id", "x", "--date", "2018-06-01"))
    git(repo, "commit", "-qam", "before")
    ok(dprk_in(repo, "rename-party", "NK", "DPRK", "--merge"))
    shown = dprk_in(repo, "diff")
    assert shown.code == 0
    assert "parties renamed: NK -> DPRK" in shown.out
    assert "actor:" not in shown.out and "parties removed" not in shown.out
    doc = json.loads(dprk_in(repo, "diff", "--format", "json").out)
    assert doc["parties"] == {
        "added": [],
        "removed": [],
        "renamed": [{"from": "NK", "to": "DPRK"}],
        "corrected": [],
    }


def test_a_party_name_typed_wrong_and_corrected_is_shown_as_one_correction(repo):
    """'rename-party Sudn Sudan --typo' showed as party Sudn removed, Sudan added and its
    measure handed over ('actor: Sudn -> Sudan'): the correction it records on each
    measure says the name was typed wrong, and diff says so, in the table and in JSON."""
    ok(dprk_in(repo, "add-party", "Sudn"))
    ok(dprk_in(repo, "add-measure", "X", "--actor", "Sudn", "--id", "x", "--date", "2018-06-01"))
    git(repo, "commit", "-qam", "before")
    before = (repo / LEDGER).read_bytes()
    ok(dprk_in(repo, "rename-party", "Sudn", "Sudan", "--typo"))
    assert (repo / LEDGER).read_bytes() != before
    shown = dprk_in(repo, "diff", "HEAD")
    assert shown.code == 0, shown.err
    assert "party names corrected (typed wrong): Sudn -> Sudan" in shown.out
    assert "actor:" not in shown.out
    assert "parties added" not in shown.out and "parties removed" not in shown.out
    assert "x  " in shown.out and "party name Sudn corrected to Sudan" in shown.out
    doc = json.loads(ok(dprk_in(repo, "diff", "HEAD", "--format", "json")).out)
    assert doc["parties"] == {
        "added": [],
        "removed": [],
        "renamed": [],
        "corrected": [{"from": "Sudn", "to": "Sudan"}],
    }
    assert list(doc["parties"]) == ["added", "removed", "renamed", "corrected"]
    (changed,) = doc["measures"]
    assert (changed["id"], changed["actor"], changed["fields"]) == ("x", "Sudan", [])
    assert [h["detail"] for h in changed["new_history"]] == [
        "party name Sudn corrected to Sudan (a typo, no event of the talks)"
    ]


def test_a_typo_corrected_then_the_name_renamed_is_shown_in_that_order(repo):
    """A party's name corrected as a typo, then the party renamed: one correction and one
    rename, in the order made, and no hand-over of its measures."""
    ok(dprk_in(repo, "add-party", "Sudn"))
    ok(dprk_in(repo, "add-measure", "X", "--actor", "Sudn", "--id", "x", "--date", "2018-06-01"))
    git(repo, "commit", "-qam", "before")
    ok(dprk_in(repo, "rename-party", "Sudn", "Sudan", "--typo"))
    renamed = ["rename-party", "Sudan", "Republic of Sudan", "--date", "2019-01-01"]
    ok(dprk_in(repo, *renamed, epoch=1700000100))
    doc = json.loads(ok(dprk_in(repo, "diff", "HEAD", "--format", "json")).out)
    assert doc["parties"] == {
        "added": [],
        "removed": [],
        "renamed": [{"from": "Sudan", "to": "Republic of Sudan"}],
        "corrected": [{"from": "Sudn", "to": "Sudan"}],
    }
    (changed,) = doc["measures"]
    assert (changed["actor"], changed["fields"]) == ("Republic of Sudan", [])


def test_an_undated_whole_redated_by_its_part_is_shown_redated(tmp_path):
    """w, added without a date, dated 2020-04-08 by its part p: p redated to 2020-03-01
    moved w in every report, but its stored creation stayed, so `diff` said nothing of
    w. Its creation is re-dated in the file, and `diff` says so."""
    repo = tmp_path / "talks"
    repo.mkdir()
    git(repo, "-c", "init.defaultBranch=main", "init", "-q")
    ok(dprk_in(repo, "init", "--title", "T", "--party", "A"))
    ok(dprk_in(repo, "add-measure", "W", "--actor", "A", "--id", "w"))
    ok(dprk_in(repo, "add-measure", "P", "--actor", "A", "--id", "p", "--part-of", "w",
               "--status", "implemented", "--date", "2020-04-08"))  # fmt: skip
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    ok(dprk_in(repo, "redate", "p", "1", "2020-03-01"))
    doc = json.loads(ok(dprk_in(repo, "diff", "--format", "json")).out)
    w = next(m for m in doc["measures"] if m["id"] == "w")
    assert [(h["date"], h["date_before"], h["event"]) for h in w["redated_history"]] == [
        ("2020-03-01", "2020-04-08", "created")
    ]
    shown = ok(dprk_in(repo, "diff")).out
    assert (
        "w   created as proposed (no date given: dated by its earliest event): "
        "now dated 2020-03-01 (was 2020-04-08)\n"
    ) in shown


def test_a_step_to_another_extent_is_a_status_change_with_its_extent(dprk, tmp_path):
    """The Guatemalan accords' land fund, done in part: 'Status changes' read 'agreed ->
    implemented', not how far, and a step from part of the way to full, the status the
    same, was no status change at all. The table says each side as `status` does, and
    the CSV and JSON give the extent before and after in columns and keys of their own,
    after the others."""
    git(tmp_path, "-c", "init.defaultBranch=main", "init", "-q")
    assert dprk("init", "--party", "GOV", "--party", "URNG").code == 0
    for args in (
        ("add-measure", "Land fund", "--actor", "GOV", "--id", "land", "--status", "agreed",
         "--date", "1996-05-06"),
        ("add-measure", "Demobilization", "--actor", "URNG", "--id", "demob",
         "--status", "implemented", "--extent", "intermediate", "--date", "1996-12-29"),
    ):  # fmt: skip
        assert dprk(*args).code == 0
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    assert dprk("mark", "land", "implemented", "--extent", "intermediate",
                "--date", "1997-06-01").code == 0  # fmt: skip
    assert dprk("mark", "demob", "implemented", "--date", "1997-05-14").code == 0
    written = (tmp_path / LEDGER).read_bytes()
    table = dprk("diff")
    assert table.code == 0, table.err
    assert [" ".join(line.split()) for line in table.lines] == [
        "Status changes",
        "id actor from to date title",
        "demob URNG implemented (intermediate) implemented (full) 1997-05-14 Demobilization",
        "land GOV agreed implemented (intermediate) 1997-06-01 Land fund",
    ]  # (the extent, said with the status, is no other change)
    shown = dprk("diff", "--format", "csv")
    assert shown.code == 0
    rows = list(csv.DictReader(io.StringIO(shown.out)))
    assert list(rows[0])[-4:] == ["other_changes", "extent_from", "extent_to", "renamed_from"]
    assert [(r["id"], r["status_from"], r["status_to"], r["extent_from"], r["extent_to"])
            for r in rows] == [
        ("demob", "implemented", "implemented", "intermediate", "full"),
        ("land", "agreed", "implemented", "not-initiated", "intermediate"),
    ]  # fmt: skip
    doc = dprk("diff", "--format", "json")
    assert doc.code == 0
    measures = json.loads(doc.out)["measures"]
    assert [list(m)[-3:] for m in measures] == [["extent_from", "extent_to", "renoted_history"]] * 2
    assert [(m["status_date"], m["extent_from"], m["extent_to"]) for m in measures] == [
        ("1997-05-14", "intermediate", "full"),
        ("1997-06-01", "not-initiated", "intermediate"),
    ]
    assert (tmp_path / LEDGER).read_bytes() == written  # (read, not written)


@pytest.mark.parametrize(
    ("steps", "then", "dated"),
    [  # (in full, then less on a later day; in part, then in full on a later day)
        ((), ("p2", "--extent", "mid", "--date", "2020-04-01"), "2020-04-01"),
        ((("p1", "--extent", "intermediate", "--date", "2020-06-03"),),
         ("p1", "--date", "2020-06-10"), "2020-06-10"),
    ],
)  # fmt: skip
def test_a_whole_s_extent_change_is_dated_the_day_its_extent_began(
    dprk, tmp_path, steps, then, dated
):
    """A part that moved its whole from full to part of the way (or back), the whole's
    status the same, was dated the day the whole's status began (2020-02-01), not the
    day its extent did, as `status --as-of` and the part's own row have it."""
    git(tmp_path, "-c", "init.defaultBranch=main", "init", "-q")
    assert dprk("init", "--party", "A").code == 0
    assert dprk("add-measure", "W", "--actor", "A", "--id", "w", "--date", "2020-01-01",
                "--status", "agreed").code == 0  # fmt: skip
    for part in ("p1", "p2"):
        assert dprk("add-measure", part, "--actor", "A", "--id", part, "--part-of", "w",
                    "--date", "2020-01-01", "--status", "agreed").code == 0  # fmt: skip
    for ident, *args in (("p1", "--date", "2020-02-01"), ("p2", "--date", "2020-03-01"), *steps):
        assert dprk("mark", ident, "implemented", *args).code == 0
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    assert dprk("mark", then[0], "implemented", *then[1:]).code == 0
    written = (tmp_path / LEDGER).read_bytes()
    doc = dprk("diff", "--format", "json")
    assert doc.code == 0, doc.err
    assert [(m["id"], m["status_date"]) for m in json.loads(doc.out)["measures"]] == [
        (then[0], dated),
        ("w", dated),
    ]
    table = dprk("diff")
    assert table.code == 0
    assert [line.split()[0] + " " + line.split()[-2] for line in table.lines[2:]] == [
        f"{then[0]} {dated}",
        f"w {dated}",
    ]
    assert (tmp_path / LEDGER).read_bytes() == written  # (read, not written)


def test_a_step_to_another_extent_alone_is_counted_and_listed_as_a_status_change(dprk, tmp_path):
    """A step from part of the way to full, its status the same, was under "Status
    changes" in the table but not counted in `status_changes`, and its `fields` named the
    extent, as those of one whose status moved with it did not. It is a status change:
    counted, its extents in `extent_from` and `extent_to`; `fields` names other fields."""
    git(tmp_path, "-c", "init.defaultBranch=main", "init", "-q")
    assert dprk("init", "--party", "GOV", "--party", "URNG").code == 0
    for args in (
        ("add-measure", "Land fund", "--actor", "GOV", "--id", "land", "--status", "agreed",
         "--date", "1996-05-06"),
        ("add-measure", "Demobilization", "--actor", "URNG", "--id", "demob",
         "--status", "implemented", "--extent", "intermediate", "--date", "1996-12-29"),
    ):  # fmt: skip
        assert dprk(*args).code == 0
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    assert dprk("mark", "land", "implemented", "--extent", "intermediate",
                "--date", "1997-06-01").code == 0  # fmt: skip
    assert dprk("mark", "demob", "implemented", "--date", "1997-05-14").code == 0
    assert dprk("edit", "demob", "--title", "Demobilization of the URNG").code == 0
    written = (tmp_path / LEDGER).read_bytes()
    doc = dprk("diff", "--format", "json")
    assert doc.code == 0, doc.err
    shown = json.loads(doc.out)
    assert shown["summary"]["status_changes"] == 2
    assert [(m["id"], [f["field"] for f in m["fields"]], m["extent_from"], m["extent_to"])
            for m in shown["measures"]] == [
        ("demob", ["title"], "intermediate", "full"),
        ("land", [], "not-initiated", "intermediate"),
    ]  # fmt: skip
    rows = dprk("diff", "--format", "csv")
    assert rows.code == 0
    assert [(r["id"], r["fields"]) for r in csv.DictReader(io.StringIO(rows.out))] == [
        ("demob", "title"),
        ("land", ""),
    ]
    table = dprk("diff")
    assert table.code == 0
    assert [" ".join(line.split()) for line in table.lines[:4]] == [
        "Status changes",
        "id actor from to date title",
        "demob URNG implemented (intermediate) implemented (full) 1997-05-14 Demobilization of "
        "the URNG",
        "land GOV agreed implemented (intermediate) 1997-06-01 Land fund",
    ]
    assert (tmp_path / LEDGER).read_bytes() == written  # (read, not written)


def _a_whole_an_earlier_dprk_stored_full(dprk, tmp_path) -> bytes:
    """w, made of p1 (done in part) and p2 (done), committed as an earlier dprk wrote it:
    full once both parts had acted (its extent line left out), where it is intermediate."""
    git(tmp_path, "-c", "init.defaultBranch=main", "init", "-q")
    for args in (
        ("init", "--party", "A", "--party", "B"),
        ("add-measure", "W", "--actor", "A", "--id", "w", "--status", "agreed",
         "--date", "2020-01-01"),
        ("add-measure", "P1", "--actor", "A", "--id", "p1", "--part-of", "w",
         "--status", "agreed", "--date", "2020-01-01"),
        ("add-measure", "P2", "--actor", "A", "--id", "p2", "--part-of", "w",
         "--status", "agreed", "--date", "2020-01-01"),
        ("mark", "p1", "implemented", "--extent", "intermediate", "--date", "2020-02-01"),
        ("mark", "p2", "implemented", "--date", "2020-02-10"),
    ):  # fmt: skip
        assert dprk(*args).code == 0
    path = tmp_path / LEDGER
    stored = b'id = "w"\ntitle = "W"\nactor = "A"\nstatus = "implemented"\n'
    now = path.read_bytes()
    assert now.count(stored + b'extent = "intermediate"\n') == 1
    earlier = now.replace(stored + b'extent = "intermediate"\n', stored)
    path.write_bytes(earlier)
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "before the upgrade")
    return earlier


def test_a_whole_an_earlier_dprk_stored_full_is_compared_as_the_views_read_it(dprk, tmp_path):
    """The committed w, stored full by an earlier dprk, is read intermediate, as its
    parts give it. Noted, and so written intermediate, diff said 'w extent: full ->
    intermediate', a change no view ever showed; with the rest of p1 done, w going from
    intermediate to full was no change at all. The committed version is compared as the
    views read it."""
    path = tmp_path / LEDGER
    earlier = _a_whole_an_earlier_dprk_stored_full(dprk, tmp_path)
    assert dprk("note", "w", "Site visit", "--date", "2020-02-20").code == 0
    written = path.read_bytes()
    block = written[written.index(b'id = "w"') :]
    assert block.startswith(b'id = "w"\ntitle = "W"\nactor = "A"\nstatus = "implemented"\n'
                            b'extent = "intermediate"\n')  # fmt: skip
    table = dprk("diff")
    assert (table.code, table.err) == (0, "")
    assert [" ".join(line.split()) for line in table.lines] == [
        "Other changes",
        "id change",
        "w 2020-02-20: note (Site visit)",
    ]
    doc = dprk("diff", "--format", "json")
    assert doc.code == 0
    assert [(m["id"], m["fields"]) for m in json.loads(doc.out)["measures"]] == [("w", [])]
    assert path.read_bytes() == written  # (read, not written)

    path.write_bytes(earlier)
    assert dprk("mark", "p1", "implemented", "--extent", "full", "--date", "2020-03-01").code == 0
    written = path.read_bytes()
    block = written[written.index(b'id = "w"') :]
    assert block.startswith(b'id = "w"\ntitle = "W"\nactor = "A"\nstatus = "implemented"\n\n')
    table = dprk("diff")
    assert (table.code, table.err) == (0, "")
    assert [" ".join(line.split()) for line in table.lines] == [
        "Status changes",
        "id actor from to date title",
        "p1 A implemented (intermediate) implemented (full) 2020-03-01 P1",
        "w A implemented (intermediate) implemented (full) 2020-03-01 W",
    ]  # (as of a ledger this dprk wrote: w's date, the day its extent began)
    assert path.read_bytes() == written


def _two_findings_committed(dprk, tmp_path, tick) -> None:
    """A measure found confirmed on its day by IICD and by the Church witnesses, committed."""
    git(tmp_path, "-c", "init.defaultBranch=main", "init", "-q")
    assert dprk("init", "--party", "IRA", "--party", "UK").code == 0
    assert dprk("add-measure", "Final act", "--actor", "IRA", "--id", "d",
                "--status", "implemented", "--date", "2005-09-26").code == 0  # fmt: skip
    tick()
    assert dprk("verify", "d", "--by", "IICD", "--date", "2005-09-26",
                "--method", "inspection").code == 0  # fmt: skip
    tick()
    assert dprk("verify", "d", "--by", "Church witnesses", "--date", "2005-09-26",
                "--method", "eyewitness").code == 0  # fmt: skip
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    tick()


def test_a_verifier_renamed_is_one_correction_not_a_new_finding(dprk, tmp_path, tick):
    """rename-verifier, a correction of the typing: diff listed the finding under 'New
    verifications' as made by 'Reid and Good', and said the Church witnesses' finding was
    removed and its entry reworded. It is the same finding, its verifier's name corrected:
    one line, in every format; JSON gives it in `renamed_verifications`."""
    _two_findings_committed(dprk, tmp_path, tick)
    assert dprk("rename-verifier", "Church witnesses", "Reid and Good").code == 0
    written = (tmp_path / LEDGER).read_bytes()
    said = "verifier 'Church witnesses' now named 'Reid and Good' (2005-09-26 finding)"
    table = dprk("diff")
    assert (table.code, table.err) == (0, "")
    assert [" ".join(line.split()) for line in table.lines] == [
        "Other changes",
        "id change",
        f"d {said}",
    ]
    shown = dprk("diff", "--format", "csv")
    assert shown.code == 0
    (row,) = csv.DictReader(io.StringIO(shown.out))
    assert (row["change"], row["new_verifications"], row["other_changes"]) == ("changed", "", said)
    markdown = dprk("diff", "--format", "markdown")
    assert markdown.code == 0
    assert "New verifications" not in markdown.out and said in markdown.out
    doc = dprk("diff", "--format", "json")
    assert doc.code == 0
    found = json.loads(doc.out)
    assert found["summary"]["new_verifications"] == 0
    (m,) = found["measures"]
    assert (m["new_verifications"], m["removed_verifications"]) == ([], [])
    assert (m["new_history"], m["removed_history"], m["reworded_history"]) == ([], [], [])
    (v,) = m["renamed_verifications"]
    assert (v["by"], v["by_before"], v["date"], v["result"], v["method"]) == (
        "Reid and Good",
        "Church witnesses",
        "2005-09-26",
        "confirmed",
        "eyewitness",
    )
    assert (tmp_path / LEDGER).read_bytes() == written  # (read, not written)


def test_a_finding_dropped_and_made_again_by_another_is_not_a_rename(dprk, tmp_path, tick):
    """A finding dropped and one made by another verifier, alike but for the name, are two
    events of the record (a drop, a new finding), not a verifier's name corrected."""
    _two_findings_committed(dprk, tmp_path, tick)
    log = [line.split()[0] for line in dprk("log", "d").lines if "by Church witnesses" in line]
    assert log == ["2"]
    assert dprk("drop-finding", "d", "2").code == 0
    tick()
    assert dprk("verify", "d", "--by", "Reid and Good", "--date", "2005-09-26",
                "--method", "eyewitness", "--new-verifier").code == 0  # fmt: skip
    doc = dprk("diff", "--format", "json")
    assert doc.code == 0, doc.err
    (m,) = json.loads(doc.out)["measures"]
    assert m["renamed_verifications"] == []
    assert [v["by"] for v in m["new_verifications"]] == ["Reid and Good"]
    assert [v["by"] for v in m["removed_verifications"]] == ["Church witnesses"]
    assert "now named" not in dprk("diff").out


def test_git_s_warning_on_the_revision_is_passed_on(tmp_path):
    """`main@{DAY}` before the branch's reflog begins: git takes the oldest entry and
    warns that the log only goes back so far. dprk hid the warning and said 'Added since
    main@{2020-01-01}' as if the ledger were compared with that day. git's warning is
    said on standard error, as dprk's are; the exit code is the same."""
    repo = init_repo(tmp_path / "talks")
    ok(dprk_in(repo, "add-measure", "Hotline reopens", "--actor", "ROK", "--id", "hotline"))
    written = (repo / LEDGER).read_bytes()
    for fmt in ("table", "json"):
        result = dprk_in(repo, "diff", "main@{2020-01-01}", "--format", fmt)
        assert result.code == 0, result.err
        (line,) = result.err.splitlines()
        assert line.startswith("dprk: warning: log for 'main' only goes back to "), line
        assert "hotline" in result.out
    quiet = dprk_in(repo, "diff", "main@{0}")
    assert (quiet.code, quiet.err) == (0, "")
    assert (repo / LEDGER).read_bytes() == written  # (read, not written)


def _git_on(repo: Path, when: str, *args: str) -> str:
    """git ARGS in `repo`, as committed at `when` (an ISO moment): its standard output."""
    env = {**git_env(), "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    proc = subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, env=env, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


@pytest.fixture
def dated_repo(tmp_path) -> tuple[Path, dict[str, str]]:
    """Commits of measure a (20 November), b (29 November), a side branch's commit of 30
    November merged on 3 December with c; d added since. Each commit's id, by name."""
    repo = tmp_path / "talks"
    repo.mkdir()
    git(repo, "-c", "init.defaultBranch=main", "init", "-q")
    ok(dprk_in(repo, "init", "--title", "T", "--party", "A"))
    ids: dict[str, str] = {}
    for ident, when in (("a", "2026-11-20T12:00:00+00:00"), ("b", "2026-11-29T12:00:00+00:00")):
        ok(dprk_in(repo, "add-measure", ident.upper(), "--actor", "A", "--id", ident,
                   "--date", "2019-01-01"))  # fmt: skip
        _git_on(repo, when, "add", "-A")
        _git_on(repo, when, "commit", "-q", "-m", ident)
        ids[ident] = _git_on(repo, when, "rev-parse", "HEAD")
    _git_on(repo, "2026-11-30T12:00:00+00:00", "switch", "-q", "-c", "side")
    (repo / "notes.txt").write_text("side\n")
    _git_on(repo, "2026-11-30T12:00:00+00:00", "add", "notes.txt")
    _git_on(repo, "2026-11-30T12:00:00+00:00", "commit", "-q", "-m", "side")
    ids["side"] = _git_on(repo, "2026-11-30T12:00:00+00:00", "rev-parse", "HEAD")
    _git_on(repo, "2026-12-03T12:00:00+00:00", "switch", "-q", "main")
    ok(dprk_in(repo, "add-measure", "C", "--actor", "A", "--id", "c", "--date", "2019-01-01"))
    _git_on(repo, "2026-12-03T12:00:00+00:00", "commit", "-q", "-am", "c")
    _git_on(repo, "2026-12-03T12:00:00+00:00", "merge", "-q", "--no-ff", "-m", "side", "side")
    ok(dprk_in(repo, "add-measure", "D", "--actor", "A", "--id", "d", "--date", "2019-01-01"))
    return repo, ids


def test_diff_since_a_day_compares_with_the_branch_s_last_commit_by_then(dated_repo):
    """`dprk diff 2026-11-30`: the ledger as committed in the current branch's last commit
    (its first-parent history: not the side branch's commit of that day) made by the end
    of that day, the 29th's; the heading says which commit, JSON's `commit` too."""
    repo, ids = dated_repo
    written = (repo / LEDGER).read_bytes()
    short = _git_on(repo, "2026-12-07T00:00:00+00:00", "rev-parse", "--short", ids["b"])
    for day in ("2026-11-30", "2026-11-29"):
        result = dprk_in(repo, "diff", day)
        assert (result.code, result.err) == (0, "")
        assert result.lines[:3] == [
            f"Since {day} (commit {short}, 2026-11-29)",
            "",
            f"Added since {day}",
        ]
        assert [line.split()[0] for line in result.lines[4:]] == ["c", "d"]
    rows = list(
        csv.DictReader(io.StringIO(ok(dprk_in(repo, "diff", "2026-11-30", "-f", "csv")).out))
    )
    assert [(r["id"], r["change"]) for r in rows] == [("c", "added"), ("d", "added")]
    doc = json.loads(ok(dprk_in(repo, "diff", "2026-11-30", "--format", "json")).out)
    assert (doc["from"], doc["commit"]) == ("2026-11-30", {"id": ids["b"], "date": "2026-11-29"})
    assert doc["summary"]["added"] == 2
    head = json.loads(ok(dprk_in(repo, "diff", "--format", "json")).out)
    assert (head["from"], head["commit"]) == ("HEAD", None)
    later = dprk_in(repo, "diff", "2026-12-07")
    assert later.lines[0].startswith("Since 2026-12-07 (commit ")
    assert later.lines[2] == "Added since 2026-12-07"
    assert [line.split()[0] for line in later.lines[4:]] == ["d"]
    assert (repo / LEDGER).read_bytes() == written  # (read, not written)


def test_the_commit_a_day_stands_for_is_named_at_the_top_whatever_sections_appear(
    dated_repo,
):
    """With only a status changed since, the table said "Status changes" and named no
    commit nor day: the commit is named once, at the top, whichever sections follow; the
    JSON is as it was."""
    repo, ids = dated_repo
    when = "2026-12-05T12:00:00+00:00"
    _git_on(repo, when, "add", "-A")
    _git_on(repo, when, "commit", "-q", "-m", "d")
    short = _git_on(repo, when, "rev-parse", "--short", "HEAD")
    ok(dprk_in(repo, "mark", "a", "agreed", "--date", "2019-02-01"))
    written = (repo / LEDGER).read_bytes()
    result = dprk_in(repo, "diff", "2026-12-05")
    assert (result.code, result.err) == (0, "")
    assert result.lines[:3] == [
        f"Since 2026-12-05 (commit {short}, 2026-12-05)",
        "",
        "Status changes",
    ]
    assert result.out.count(f"commit {short}") == 1
    assert result.lines[4].split()[:4] == ["a", "A", "proposed", "agreed"]
    doc = json.loads(ok(dprk_in(repo, "diff", "2026-12-05", "--format", "json")).out)
    assert list(doc)[:4] == ["from", "commit", "to", "to_commit"]
    assert doc["commit"] == {"id": _git_on(repo, when, "rev-parse", "HEAD"), "date": "2026-12-05"}
    # a revision that is no day names no commit, as before
    plain = dprk_in(repo, "diff", "HEAD")
    assert (plain.code, plain.lines[0]) == (0, "Status changes")
    assert (repo / LEDGER).read_bytes() == written  # (read, not written)


def test_a_day_no_commit_of_the_branch_was_made_by_is_refused(dated_repo):
    repo, _ = dated_repo
    written = (repo / LEDGER).read_bytes()
    for fmt in ("table", "json"):
        result = dprk_in(repo, "diff", "2026-11-19", "--format", fmt)
        assert (result.code, result.out) == (1, "")
        assert result.err == (
            "dprk: error: no commit of the current branch was made on or before 2026-11-19 "
            "(its first is of 2026-11-20): give a later day, or a revision ('git log "
            "--first-parent --oneline' lists them)\n"
        )
        assert "Traceback" not in result.err
    result = dprk_in(repo, "diff", "2026-02-30")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "dprk: error: '2026-02-30' is no git revision, and no day of the calendar: February "
        "2026 has 28 days\n"
    )
    assert (repo / LEDGER).read_bytes() == written


def test_a_ref_named_as_a_day_is_the_ref(dated_repo):
    """A tag (or branch) named 2026-11-30 is what git reads that name as, not the day."""
    repo, ids = dated_repo
    _git_on(repo, "2026-12-07T00:00:00+00:00", "tag", "2026-11-30", ids["a"])
    result = dprk_in(repo, "diff", "2026-11-30")
    assert (result.code, result.err) == (0, "")
    assert result.lines[0] == "Added since 2026-11-30"
    assert [line.split()[0] for line in result.lines[2:]] == ["b", "c", "d"]
    doc = json.loads(ok(dprk_in(repo, "diff", "2026-11-30", "--format", "json")).out)
    assert doc["commit"] is None


def test_every_format_says_what_a_renamed_measure_was_called(tmp_path):
    """`rename resume resume-data`: JSON's record said `"renamed_from": "resume"`, but the
    JSON lines had no such key and CSV and TSV no column: a pipeline could not follow the
    measure. CSV, TSV and JSON lines give `renamed_from` as their last column (the
    others keep their places), empty for a measure not renamed."""
    repo = init_repo(tmp_path / "talks")
    ok(dprk_in(repo, "rename", "punggye-ri-closure", "test-site-closure", "--date", "2018-10-01"))
    ok(dprk_in(repo, "add-measure", "Hotline reopens", "--actor", "ROK", "--id", "hotline"))
    written = (repo / LEDGER).read_bytes()
    doc = json.loads(ok(dprk_in(repo, "diff", "--format", "json")).out)
    lines = ok(dprk_in(repo, "diff", "--format", "jsonl")).out.splitlines()
    assert [r["renamed_from"] for r in doc["measures"]] == [None, "punggye-ri-closure"]
    assert [(r["id"], r["renamed_from"]) for r in map(json.loads, lines)] == [
        ("hotline", None),
        ("test-site-closure", "punggye-ri-closure"),
    ]
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        out = ok(dprk_in(repo, "diff", "--format", fmt)).out
        header = out.splitlines()[0].split(delimiter)
        assert header == [
            "id", "change", "actor", "status_from", "status_to", "new_verifications",
            "fields", "title", "other_changes", "extent_from", "extent_to", "renamed_from",
        ]  # fmt: skip
        rows = list(csv.DictReader(io.StringIO(out), delimiter=delimiter))
        assert [(r["id"], r["change"], r["renamed_from"]) for r in rows] == [
            ("hotline", "added", ""),
            ("test-site-closure", "renamed", "punggye-ri-closure"),
        ]
    assert (repo / LEDGER).read_bytes() == written


def _two_commits(tmp_path: Path) -> tuple[Path, bytes]:
    """The example committed (HEAD~2), then hotline added (HEAD~1), then closure
    renamed (HEAD); a working file changed since (d added): its bytes."""
    repo = init_repo(tmp_path / "talks")
    ok(dprk_in(repo, "add-measure", "Hotline reopens", "--actor", "ROK", "--id", "hotline"))
    git(repo, "commit", "-q", "-am", "hotline")
    ok(dprk_in(repo, "rename", "punggye-ri-closure", "test-site-closure", "--date", "2018-10-01"))
    git(repo, "commit", "-q", "-am", "rename")
    ok(dprk_in(repo, "add-measure", "Later", "--actor", "ROK", "--id", "later"))
    return repo, (repo / LEDGER).read_bytes()


def test_diff_between_two_revisions(tmp_path):
    """`dprk diff A B` was refused ('unexpected extra argument') and `A..B` was an
    unknown revision: the ledger as committed at B was not to be compared without a
    worktree of B. Both compare A's with B's, in every format, B said in the headings
    and in JSON's `to`; the working file is not read."""
    repo, written = _two_commits(tmp_path)
    for args in (["HEAD~2", "HEAD~1"], ["HEAD~2..HEAD~1"]):
        result = dprk_in(repo, "diff", *args)
        assert (result.code, result.err) == (0, ""), result.err
        assert result.lines[0] == "Added since HEAD~2, at HEAD~1"
        assert "hotline" in result.out and "later" not in result.out
        assert "Renamed" not in result.out
        doc = json.loads(ok(dprk_in(repo, "diff", *args, "--format", "json")).out)
        assert (doc["from"], doc["to"], doc["commit"], doc["to_commit"]) == (
            "HEAD~2", "HEAD~1", None, None,
        )  # fmt: skip
        assert [m["id"] for m in doc["measures"]] == ["hotline"]
        ids = ok(dprk_in(repo, "diff", *args, "--format", "ids")).out.split()
        assert ids == ["hotline"]
    result = ok(dprk_in(repo, "diff", "HEAD~1", "HEAD"))
    assert result.lines[0] == "Renamed since HEAD~1, at HEAD"
    assert "later" not in result.out and "hotline" not in result.out
    rows = list(
        csv.DictReader(io.StringIO(ok(dprk_in(repo, "diff", "HEAD~1..HEAD", "-f", "csv")).out))
    )
    assert [(r["id"], r["renamed_from"]) for r in rows] == [
        ("test-site-closure", "punggye-ri-closure")
    ]
    one = json.loads(ok(dprk_in(repo, "diff", "HEAD~1", "--format", "json")).out)
    assert one["to"] is None and {m["id"] for m in one["measures"]} == {
        "later",
        "test-site-closure",
    }
    same = ok(dprk_in(repo, "diff", "HEAD", "HEAD"))
    assert "(no changes to the ledger)" in same.out
    assert (repo / LEDGER).read_bytes() == written  # (read, not written)


def test_two_revisions_do_not_read_the_working_file(tmp_path):
    """A working file that does not parse stops `diff A`, not `diff A B`."""
    repo, _ = _two_commits(tmp_path)
    broken = b"title = \n[[measures]\n"
    (repo / LEDGER).write_bytes(broken)
    assert dprk_in(repo, "diff", "HEAD~1").code != 0
    result = dprk_in(repo, "diff", "HEAD~2", "HEAD~1", "--format", "ids")
    assert (result.code, result.out, result.err) == (0, "hotline\n", "")
    assert (repo / LEDGER).read_bytes() == broken


def test_a_day_is_either_revision(dated_repo):
    """A day (YYYY-MM-DD) stands for the current branch's last commit made by its end, as
    A or as B; each heading and JSON's `commit` and `to_commit` name the commit."""
    repo, ids = dated_repo
    short = {
        k: _git_on(repo, "2026-12-07T00:00:00+00:00", "rev-parse", "--short", ids[k])
        for k in ("a", "b")
    }
    for args in (["2026-11-20", "2026-11-29"], ["2026-11-20..2026-11-29"]):
        result = dprk_in(repo, "diff", *args)
        assert (result.code, result.err) == (0, "")
        assert result.lines[:3] == [
            f"Since 2026-11-20 (commit {short['a']}, 2026-11-20), at 2026-11-29 "
            f"(commit {short['b']}, 2026-11-29)",
            "",
            "Added since 2026-11-20, at 2026-11-29",
        ]
        assert [line.split()[0] for line in result.lines[4:]] == ["b"]
        doc = json.loads(ok(dprk_in(repo, "diff", *args, "--format", "json")).out)
        assert (doc["commit"], doc["to_commit"]) == (
            {"id": ids["a"], "date": "2026-11-20"},
            {"id": ids["b"], "date": "2026-11-29"},
        )
    result = ok(dprk_in(repo, "diff", ids["a"], "2026-11-30", "--format", "ids"))
    assert result.out.split() == ["b"]
    refused = dprk_in(repo, "diff", "HEAD", "2026-11-19")
    assert (refused.code, refused.out) == (1, "")
    assert refused.err.startswith(
        "dprk: error: no commit of the current branch was made on or before 2026-11-19 "
    )


def test_a_second_revision_without_the_ledger_is_refused_in_one_line(tmp_path):
    """The ledger not committed at B: one line, and the exit of a revision refused; at A
    alone (B holds it), every measure is new, as with one revision."""
    repo = tmp_path / "talks"
    repo.mkdir()
    git(repo, "-c", "init.defaultBranch=main", "init", "-q")
    (repo / "README").write_text("talks\n")
    git(repo, "add", "README")
    git(repo, "commit", "-q", "-m", "readme")
    ok(dprk_in(repo, "init", "--title", "T", "--party", "A"))
    ok(dprk_in(repo, "add-measure", "Step", "--actor", "A", "--id", "step"))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "ledger")
    written = (repo / LEDGER).read_bytes()
    for fmt in ("table", "json", "csv"):
        result = dprk_in(repo, "diff", "HEAD", "HEAD~1", "--format", fmt)
        assert (result.code, result.out) == (1, "")
        assert result.err == (
            f"dprk: error: {LEDGER} was not committed at HEAD~1, so there is nothing to "
            "compare with it there: give a revision that holds it ('git log --oneline -- "
            f"{LEDGER}' lists those that changed it)\n"
        )
    result = ok(dprk_in(repo, "diff", "HEAD~1..HEAD"))
    assert result.lines[0] == "Added since HEAD~1, at HEAD"
    assert f"{LEDGER} was not committed at HEAD~1: every measure is new" in result.out
    unknown = dprk_in(repo, "diff", "HEAD", "nowhere")
    assert (unknown.code, unknown.out) == (1, "")
    assert unknown.err.startswith("dprk: error: unknown git revision 'nowhere' ")
    both = dprk_in(repo, "diff", "HEAD", "HEAD~1..HEAD")
    assert (both.code, both.out) == (2, "")
    assert both.err == (
        "dprk: error: 'HEAD~1..HEAD' names two revisions already: give REV TO or REV..TO\n"
    )
    forked = dprk_in(repo, "diff", "HEAD~1...HEAD")
    assert (forked.code, forked.out) == (2, "")
    assert forked.err.startswith("dprk: error: 'HEAD~1...HEAD': REV...TO (since the two ")
    assert (repo / LEDGER).read_bytes() == written


def _passage_verified_committed(dprk, tmp_path, tick) -> None:
    """Safe passage carried out, confirmed by the 'Joint Cordination Centre' (a typing
    error) on 2022-08-03 (entry 3), committed."""
    git(tmp_path, "-c", "init.defaultBranch=main", "init", "-q")
    assert dprk("init", "--title", "BSGI", "--party", "Russia", "--party", "Ukraine",
                "--party", "UN").code == 0  # fmt: skip
    assert dprk("add-measure", "Safe passage", "--actor", "Ukraine", "--id", "passage",
                "--date", "2022-07-22", "--status", "agreed").code == 0  # fmt: skip
    assert dprk("mark", "passage", "implemented", "--date", "2022-08-01").code == 0
    assert dprk("verify", "passage", "--by", "Joint Cordination Centre",
                "--date", "2022-08-03").code == 0  # fmt: skip
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    tick()


RENAMED_AND_REDATED = [
    "Other changes",
    "id change",
    "passage verifier 'Joint Cordination Centre' now named 'JCC' (2022-08-04 finding)",
    "passage confirmed by JCC: now dated 2022-08-04 (was 2022-08-03) (JCC's log)",
]


@pytest.mark.parametrize("first", ["rename", "redate"])
def test_a_finding_renamed_and_redated_is_one_finding_corrected_twice(dprk, tmp_path, tick, first):
    """rename-verifier and redate on one finding, in either order: diff listed a new
    verification by JCC on the new day, the old one removed and its entry removed (and,
    redated first, the redate's correction as an entry of its own). It is one finding,
    corrected twice: the rename's line and the redate's (with its correction's note), in
    every format, no new verification and nothing removed."""
    _passage_verified_committed(dprk, tmp_path, tick)
    steps = {
        "rename": ("rename-verifier", "Joint Cordination Centre", "JCC"),
        "redate": ("redate", "passage", "3", "2022-08-04", "--note", "JCC's log"),
    }
    for step in (first, *(s for s in steps if s != first)):
        assert dprk(*steps[step]).code == 0
        tick()
    correction = [e["detail"] for e in json.loads(dprk("log", "passage", "--format",
                  "json").out) if e["event"] == "correction"]  # fmt: skip
    name = "JCC" if first == "rename" else "Joint Cordination Centre"
    assert correction == [f"the verification by {name} on 2022-08-03 redated to 2022-08-04"]
    written = (tmp_path / LEDGER).read_bytes()
    table = dprk("diff")
    assert (table.code, table.err) == (0, "")
    assert [" ".join(line.split()) for line in table.lines] == RENAMED_AND_REDATED
    other = [" ".join(line.split()[1:]) for line in RENAMED_AND_REDATED[2:]]
    doc = dprk("diff", "--format", "json")
    assert (doc.code, doc.err) == (0, "")
    found = json.loads(doc.out)
    assert (found["summary"]["changed"], found["summary"]["new_verifications"]) == (1, 0)
    (m,) = found["measures"]
    assert (m["new_verifications"], m["removed_verifications"]) == ([], [])
    (v,) = m["renamed_verifications"]
    assert (v["by"], v["by_before"], v["date"]) == ("JCC", "Joint Cordination Centre", "2022-08-04")
    # (the entry redated in both lists, as a redate alone has it: the one gone as the
    # revision held it, no drop's correction; no correction listed as an entry of its own)
    assert [(h["date"], h["detail"]) for h in m["new_history"]] == [
        ("2022-08-04", "confirmed by JCC")
    ]
    assert [(h["date"], h["detail"], h["correction"]) for h in m["removed_history"]] == [
        ("2022-08-03", "confirmed by Joint Cordination Centre", None)
    ]
    assert m["reworded_history"] == []
    (h,) = m["redated_history"]
    assert (h["detail"], h["date"], h["date_before"]) == (
        "confirmed by JCC",
        "2022-08-04",
        "2022-08-03",
    )
    assert (h["correction"]["detail"], h["correction"]["note"]) == (correction[0], "JCC's log")
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        shown = dprk("diff", "--format", fmt)
        assert (shown.code, shown.err) == (0, "")
        (row,) = csv.DictReader(io.StringIO(shown.out), delimiter=delimiter)
        assert (row["change"], row["new_verifications"]) == ("changed", "")
        assert row["other_changes"] == "; ".join(other)
    lines = dprk("diff", "--format", "jsonl")
    assert (lines.code, lines.err) == (0, "")
    (record,) = map(json.loads, lines.out.splitlines())
    assert record["other_changes"] == other
    markdown = dprk("diff", "--format", "markdown")
    assert (markdown.code, markdown.err) == (0, "")
    assert "New verifications" not in markdown.out and "removed" not in markdown.out
    assert all(line.replace("'", "\\'") in markdown.out or line in markdown.out for line in other)
    assert (tmp_path / LEDGER).read_bytes() == written  # (read, not written)


def test_a_finding_renamed_twice_and_redated_is_one_rename_and_one_redate(dprk, tmp_path, tick):
    """Renamed twice (a typing error corrected, then the name shortened), redated last: one
    rename, from the name the revision had to the name it has now, and the redate."""
    _passage_verified_committed(dprk, tmp_path, tick)
    for old, new in (("Joint Cordination Centre", "Joint Coordination Centre"),
                     ("Joint Coordination Centre", "JCC")):  # fmt: skip
        assert dprk("rename-verifier", old, new).code == 0
        tick()
    assert dprk("redate", "passage", "3", "2022-08-04", "--note", "JCC's log").code == 0
    table = dprk("diff")
    assert (table.code, table.err) == (0, "")
    assert [" ".join(line.split()) for line in table.lines] == RENAMED_AND_REDATED
    (m,) = json.loads(dprk("diff", "--format", "json").out)["measures"]
    assert [(v["by_before"], v["by"]) for v in m["renamed_verifications"]] == [
        ("Joint Cordination Centre", "JCC")
    ]
    assert (m["new_verifications"], m["removed_verifications"]) == ([], [])
    assert [h["event"] for h in m["new_history"]] == ["verification"]  # (the one redated)


@pytest.mark.parametrize("redated", [False, True])
def test_a_finding_renamed_then_dropped_is_still_a_removal(dprk, tmp_path, tick, redated):
    """Renamed (and redated) since, then dropped: the finding the revision held is gone,
    a removal, not a rename; the status it made is gone with it. The drop's correction
    names it by its verifier's name since, which neither revision holds: diff said
    'verification removed' and 'history entry removed', and the drop's note was lost.
    It is said once, by the correction, naming the finding as the revision held it."""
    _passage_verified_committed(dprk, tmp_path, tick)
    assert dprk("rename-verifier", "Joint Cordination Centre", "JCC").code == 0
    tick()
    if redated:
        assert dprk("redate", "passage", "3", "2022-08-04").code == 0
        tick()
    assert dprk("drop-finding", "passage", "3", "--note", "not a finding").code == 0
    written = (tmp_path / LEDGER).read_bytes()
    table = dprk("diff")
    assert (table.code, table.err) == (0, "")
    dropped = (
        f"{today()}: confirmed by Joint Cordination Centre on 2022-08-03 dropped: not a finding"
    )
    assert [" ".join(line.split()) for line in table.lines] == [
        "Status changes",
        "id actor from to date title",
        "passage Ukraine verified implemented 2022-08-01 Safe passage",
        "",
        "Other changes",
        "id change",
        f"passage {dropped}",
    ]
    shown = dprk("diff", "--format", "csv")
    assert (shown.code, shown.err) == (0, "")
    (row,) = csv.DictReader(io.StringIO(shown.out))
    assert row["other_changes"] == dropped
    doc = dprk("diff", "--format", "json")
    assert doc.code == 0
    found = json.loads(doc.out)
    assert (found["summary"]["status_changes"], found["summary"]["new_verifications"]) == (1, 0)
    (m,) = found["measures"]
    assert (m["status_from"], m["status_to"]) == ("verified", "implemented")
    assert (m["renamed_verifications"], m["redated_history"], m["new_verifications"]) == (
        [],
        [],
        [],
    )
    assert [(v["by"], v["date"]) for v in m["removed_verifications"]] == [
        ("Joint Cordination Centre", "2022-08-03")
    ]
    day = "2022-08-04" if redated else "2022-08-03"  # (the correction as written)
    drop = f"confirmed by JCC on {day} dropped: not a finding"
    assert [v["correction"]["detail"] for v in m["removed_verifications"]] == [drop]
    assert [(h["detail"], h["correction"]["detail"]) for h in m["removed_history"]] == [
        ("confirmed by Joint Cordination Centre", drop)
    ]
    assert m["new_history"] == []
    assert (tmp_path / LEDGER).read_bytes() == written


def test_a_finding_redated_between_two_renames_keeps_the_redate_s_note(dprk, tmp_path, tick):
    """Renamed, redated, renamed again: the redate's correction names the finding by the
    name it had in between, which neither revision holds; diff said the rename and the
    redate but lost the redate's note. It is the redate of the finding renamed, its note
    said, as when it is redated before or after both renames."""
    _passage_verified_committed(dprk, tmp_path, tick)
    assert (
        dprk("rename-verifier", "Joint Cordination Centre", "Joint Coordination Centre").code == 0
    )
    tick()
    assert dprk("redate", "passage", "3", "2022-08-04", "--note", "JCC's log").code == 0
    tick()
    assert dprk("rename-verifier", "Joint Coordination Centre", "JCC").code == 0
    written = (tmp_path / LEDGER).read_bytes()
    table = dprk("diff")
    assert (table.code, table.err) == (0, "")
    assert [" ".join(line.split()) for line in table.lines] == RENAMED_AND_REDATED
    (m,) = json.loads(dprk("diff", "--format", "json").out)["measures"]
    (h,) = m["redated_history"]
    assert (h["date"], h["date_before"], h["correction"]["note"]) == (
        "2022-08-04",
        "2022-08-03",
        "JCC's log",
    )
    assert h["correction"]["detail"] == (
        "the verification by Joint Coordination Centre on 2022-08-03 redated to 2022-08-04"
    )
    assert [e["event"] for e in m["new_history"]] == ["verification"]  # (the one redated)
    assert (m["new_verifications"], m["removed_verifications"]) == ([], [])
    assert (tmp_path / LEDGER).read_bytes() == written


CORRECTIONS = {
    "rename": ("rename-verifier", "Joint Cordination Centre", "JCC"),
    "redate": ("redate", "passage", "3", "2022-08-04", "--note", "JCC's log"),
    "renote": ("renote", "passage", "3", "seen at the port", "--note", "the report's words"),
}


@pytest.mark.parametrize(
    "steps",
    [
        ("rename", "renote"),
        ("renote", "rename"),
        ("rename", "redate", "renote"),
        ("renote", "redate", "rename"),
        ("redate", "rename", "renote"),
    ],
)
def test_a_finding_renamed_and_renoted_is_one_finding_corrected(dprk, tmp_path, tick, steps):
    """rename-verifier and renote on one finding (redated too, perhaps), in any order: diff
    counted a new verification by JCC and said the one by the Joint Cordination Centre
    was deleted by hand (its `correction` null), though each correction alone diffs as
    one. It is one finding, its corrections each said once, with their own entries:
    renamed, renoted (and redated), nothing new and nothing removed."""
    _passage_verified_committed(dprk, tmp_path, tick)
    for step in steps:
        assert dprk(*CORRECTIONS[step]).code == 0
        tick()
    written = (tmp_path / LEDGER).read_bytes()
    day = "2022-08-04" if "redate" in steps else "2022-08-03"
    said = [
        "Other changes",
        "id change",
        f"passage verifier 'Joint Cordination Centre' now named 'JCC' ({day} finding)",
        *(
            ["passage confirmed by JCC: now dated 2022-08-04 (was 2022-08-03) (JCC's log)"]
            if "redate" in steps
            else []
        ),
        f"passage {day}: confirmed by JCC: note now 'seen at the port' (was (none)) "
        "(the report's words)",
    ]
    table = dprk("diff")
    assert (table.code, table.err) == (0, "")
    assert [" ".join(line.split()) for line in table.lines] == said
    doc = dprk("diff", "--format", "json")
    assert (doc.code, doc.err) == (0, "")
    found = json.loads(doc.out)
    assert (found["summary"]["changed"], found["summary"]["new_verifications"]) == (1, 0)
    (m,) = found["measures"]
    assert (m["new_verifications"], m["removed_verifications"]) == ([], [])
    (v,) = m["renamed_verifications"]
    assert (v["by"], v["by_before"], v["date"], v["note"]) == (
        "JCC",
        "Joint Cordination Centre",
        day,
        "seen at the port",
    )
    assert [(h["date"], h["detail"]) for h in m["new_history"]] == [(day, "confirmed by JCC")]
    assert [(h["date"], h["detail"], h["correction"]) for h in m["removed_history"]] == [
        ("2022-08-03", "confirmed by Joint Cordination Centre", None)
    ]
    (h,) = m["renoted_history"]
    assert (h["detail"], h["note"], h["note_before"], h["correction"]["note"]) == (
        "confirmed by JCC",
        "seen at the port",
        "",
        "the report's words",
    )
    redated = [(h["date_before"], h["date"], h["correction"]["note"]) for h in m["redated_history"]]
    assert redated == ([("2022-08-03", "2022-08-04", "JCC's log")] if "redate" in steps else [])
    assert (tmp_path / LEDGER).read_bytes() == written  # (read, not written)


def _step_committed(dprk, tmp_path) -> None:
    """Close site, carried out on 2018-05-01 with a note (entry 2), committed."""
    git(tmp_path, "-c", "init.defaultBranch=main", "init", "-q")
    assert dprk("init", "--title", "T", "--party", "DPRK", "--party", "US").code == 0
    assert dprk("add-measure", "Close site", "--actor", "DPRK", "--id", "site",
                "--date", "2018-04-20").code == 0  # fmt: skip
    assert dprk("mark", "site", "implemented", "--date", "2018-05-01",
                "--note", "first note").code == 0  # fmt: skip
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")


@pytest.mark.parametrize("first", ["redate", "renote"])
def test_an_entry_redated_and_renoted_is_both_corrections_nothing_removed(
    dprk, tmp_path, tick, first
):
    """redate and renote on one step, in either order: diff said the step removed by hand
    and listed the redate's correction as an entry new, the renote's lost. It is the same
    step: redated and renoted, each with its correction, nothing removed."""
    _step_committed(dprk, tmp_path)
    tick()
    steps = {
        "redate": ("redate", "site", "2", "2018-04-30", "--note", "as reported"),
        "renote": ("renote", "site", "2", "second note", "--note", "reworded"),
    }
    for step in (first, *(s for s in steps if s != first)):
        assert dprk(*steps[step]).code == 0
        tick()
    written = (tmp_path / LEDGER).read_bytes()
    table = dprk("diff")
    assert (table.code, table.err) == (0, "")
    assert [" ".join(line.split()) for line in table.lines] == [
        "Other changes",
        "id change",
        "site implemented: now dated 2018-04-30 (was 2018-05-01) (as reported)",
        "site 2018-04-30: implemented: note now 'second note' (was 'first note') (reworded)",
    ]
    doc = dprk("diff", "--format", "json")
    assert (doc.code, doc.err) == (0, "")
    (m,) = json.loads(doc.out)["measures"]
    assert [(h["date"], h["note"]) for h in m["new_history"]] == [("2018-04-30", "second note")]
    assert [(h["date"], h["note"], h["correction"]) for h in m["removed_history"]] == [
        ("2018-05-01", "first note", None)
    ]
    (h,) = m["redated_history"]
    assert (h["date_before"], h["date"], h["correction"]["note"]) == (
        "2018-05-01",
        "2018-04-30",
        "as reported",
    )
    (h,) = m["renoted_history"]
    assert (h["note_before"], h["note"], h["correction"]["note"]) == (
        "first note",
        "second note",
        "reworded",
    )
    assert (tmp_path / LEDGER).read_bytes() == written  # (read, not written)


@pytest.mark.parametrize("corrections", [("renote",), ("redate",), ("renote", "redate")])
def test_an_entry_corrected_then_dropped_since_is_said_once_by_the_drop(
    dprk, tmp_path, tick, corrections
):
    """A step committed, renoted (or redated, or both) and then dropped: a redate before
    the drop was folded into it, but the renote's correction was listed as an entry new.
    Every correction made before the drop is one change with it, said once, by the drop."""
    _step_committed(dprk, tmp_path)
    tick()
    steps = {
        "redate": ("redate", "site", "2", "2018-04-30"),
        "renote": ("renote", "site", "2", "second note"),
    }
    for step in corrections:
        assert dprk(*steps[step]).code == 0
        tick()
    assert dprk("drop-entry", "site", "2", "--note", "no such event").code == 0
    written = (tmp_path / LEDGER).read_bytes()
    table = dprk("diff")
    assert (table.code, table.err) == (0, "")
    assert [" ".join(line.split()) for line in table.lines] == [
        "Status changes",
        "id actor from to date title",
        "site DPRK implemented proposed 2018-04-20 Close site",
        "",
        "Other changes",
        "id change",
        f"site {today()}: implemented on 2018-05-01 dropped: no such event",
    ]
    doc = dprk("diff", "--format", "json")
    assert (doc.code, doc.err) == (0, "")
    (m,) = json.loads(doc.out)["measures"]
    assert (m["new_history"], m["redated_history"], m["renoted_history"]) == ([], [], [])
    (h,) = m["removed_history"]  # (as the revision held it, with the drop's correction)
    assert (h["date"], h["note"], h["correction"]["note"]) == ("2018-05-01", "first note", "")
    assert h["correction"]["detail"].endswith(" dropped: no such event")
    assert (tmp_path / LEDGER).read_bytes() == written  # (read, not written)


def test_diff_says_the_deadlocks_that_started_and_ended(tmp_path):
    """A deadlock the change ended (the two exchanged measures carried out together) and
    one it started (two orders demanded each way): diff listed the orders alone, and
    said nothing of either deadlock, in a table or in JSON."""
    repo = init_repo(tmp_path / "talks")
    ok(dprk_in(repo, "sequence", "inventory-submission", "--with", "end-of-war-declaration",
               "--date", "2018-10-01"))  # fmt: skip
    ok(dprk_in(repo, "sequence", "second-summit", "--after", "pompeo-pyongyang-visit",
               "--demanded-by", "DPRK", "--date", "2018-10-01"))  # fmt: skip
    ok(dprk_in(repo, "sequence", "pompeo-pyongyang-visit", "--after", "second-summit",
               "--demanded-by", "US", "--date", "2018-10-01"))  # fmt: skip
    ledger = (repo / LEDGER).read_bytes()
    doc = json.loads(ok(dprk_in(repo, "diff", "--format", "json")).out)
    started = (
        "second-summit waits for pompeo-pyongyang-visit (demanded by DPRK); "
        "pompeo-pyongyang-visit waits for second-summit (demanded by US)"
    )
    ended = (
        "inventory-submission waits for end-of-war-declaration (demanded by DPRK); "
        "end-of-war-declaration waits for inventory-submission (demanded by US)"
    )
    assert [d["text"] for d in doc["deadlocks"]["started"]] == [started]
    assert [d["text"] for d in doc["deadlocks"]["ended"]] == [ended]
    first = doc["deadlocks"]["started"][0]
    assert first["measures"] == ["pompeo-pyongyang-visit", "second-summit"]
    assert first["demands"][0] == {
        "measure": "second-summit",
        "after": "pompeo-pyongyang-visit",
        "require": "acted",
        "demanded_by": "DPRK",
        "verified_by": None,
    }
    table = ok(dprk_in(repo, "diff")).out
    assert "Deadlocks" in table
    assert "started" in table and "ended" in table
    assert "second-summit waits for pompeo-pyongyang-visit (demanded by DPRK)" in " ".join(
        table.split()
    )
    assert (repo / LEDGER).read_bytes() == ledger
    # (committed: no deadlock started or ended since)
    git(repo, "commit", "-q", "-am", "orders")
    doc = json.loads(ok(dprk_in(repo, "diff", "--format", "json")).out)
    assert doc["deadlocks"] == {"started": [], "ended": []}


def test_diff_says_the_end_of_the_talks_and_its_note(dprk, tmp_path):
    """`edit-ledger --ended` since the revision: diff said '(no changes to the ledger)',
    and its JSON had no key for it. The end is the ledger's own, as its title is."""
    git(tmp_path, "-c", "init.defaultBranch=main", "init", "-q")
    assert dprk("init", "--title", "T", "--party", "US", "--party", "DPRK").code == 0
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    doc = json.loads(dprk("diff", "--format", "json").out)
    assert doc["ended"] is None
    assert dprk("edit-ledger", "--ended", "2003-01-10", "--note", "NPT withdrawal").code == 0
    written = (tmp_path / LEDGER).read_bytes()
    table = dprk("diff")
    assert table.code == 0, table.err
    assert "(no changes to the ledger)" not in table.out
    assert "ended: (none) -> 2003-01-10 (NPT withdrawal)" in table.lines
    doc = json.loads(dprk("diff", "--format", "json").out)
    assert doc["ended"] == {
        "from": None,
        "to": "2003-01-10",
        "note_from": "",
        "note_to": "NPT withdrawal",
    }
    assert (tmp_path / LEDGER).read_bytes() == written  # (read, not written)
    git(tmp_path, "commit", "-q", "-am", "ended")
    assert dprk("edit-ledger", "--ended", "2003-01-10", "--note", "").code == 0
    assert "ended: 2003-01-10 (NPT withdrawal) -> 2003-01-10" in dprk("diff").lines
    assert dprk("edit-ledger", "--reopen").code == 0
    assert "ended: 2003-01-10 (NPT withdrawal) -> (none)" in dprk("diff").lines
    doc = json.loads(dprk("diff", "--format", "json").out)
    assert doc["ended"] == {
        "from": "2003-01-10",
        "to": None,
        "note_from": "NPT withdrawal",
        "note_to": "",
    }


def test_diff_finds_deadlocks_as_plan_does_on_a_ledger_whose_talks_ended(dprk, tmp_path):
    """An order dropped after the talks ended: plan, read as of the end, still has the
    deadlock, and diff said it ended. Each side's deadlocks are now those its plan finds,
    as of its end day."""
    git(tmp_path, "-c", "init.defaultBranch=main", "init", "-q")
    for args in (
        ("init", "--title", "T", "--party", "US", "--party", "DPRK"),
        ("add-measure", "HEU", "--actor", "DPRK", "--id", "heu", "--date", "2002-10-16"),
        ("add-measure", "NAT", "--actor", "US", "--id", "nat", "--in-exchange-for", "heu",
         "--date", "2002-10-25"),
        ("sequence", "nat", "--after", "heu", "--demanded-by", "US", "--date", "2002-10-25"),
        ("sequence", "heu", "--after", "nat", "--demanded-by", "DPRK", "--date", "2002-10-25"),
        ("edit-ledger", "--ended", "2003-01-10", "--note", "NPT withdrawal"),
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "ended")
    assert dprk("sequence", "nat", "--remove", "heu", "--date", "2005-09-19").code == 0
    written = (tmp_path / LEDGER).read_bytes()
    plan = json.loads(dprk("plan", "--format", "json").out)
    assert len(plan["deadlocks"]) == 1  # (as of the end: the order stood then)
    doc = json.loads(dprk("diff", "--format", "json").out)
    assert doc["deadlocks"] == {"started": [], "ended": []}
    table = dprk("diff")
    assert table.code == 0, table.err
    assert "Deadlocks" not in table.out
    assert (tmp_path / LEDGER).read_bytes() == written
    # reopened: the plan reads today, where the order is gone, and so does diff
    assert dprk("edit-ledger", "--reopen").code == 0
    assert json.loads(dprk("plan", "--format", "json").out)["deadlocks"] == []
    doc = json.loads(dprk("diff", "--format", "json").out)
    assert [d["measures"] for d in doc["deadlocks"]["ended"]] == [["heu", "nat"]]
    assert doc["deadlocks"]["started"] == []
    # the end alone moved (no measure changed): the deadlock of the day read is said
    git(tmp_path, "commit", "-q", "-am", "reopened")
    assert dprk("edit-ledger", "--ended", "2003-01-10").code == 0
    doc = json.loads(dprk("diff", "--format", "json").out)
    assert [d["measures"] for d in doc["deadlocks"]["started"]] == [["heu", "nat"]]
    assert (doc["measures"], doc["deadlocks"]["ended"]) == ([], [])
    assert "Deadlocks" in dprk("diff").out


def test_a_change_of_the_parts_expected_is_a_field_that_changed(tmp_path):
    repo = tmp_path / "talks"
    repo.mkdir()
    git(repo, "-c", "init.defaultBranch=main", "init", "-q")
    ok(dprk_in(repo, "init", "--title", "T", "--party", "Syria", "--party", "US"))
    ok(dprk_in(repo, "add-measure", "Destroy the 12 facilities", "--actor", "Syria", "--id",
               "sites", "--status", "agreed", "--date", "2013-11-15"))  # fmt: skip
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    ok(dprk_in(repo, "edit", "sites", "--expected-parts", "12"))
    (row,) = csv.DictReader(io.StringIO(ok(dprk_in(repo, "diff", "--format", "csv")).out))
    assert (row["id"], row["fields"]) == ("sites", "expected_parts")
    (m,) = json.loads(ok(dprk_in(repo, "diff", "--format", "json")).out)["measures"]
    assert m["fields"] == [{"field": "expected_parts", "from": None, "to": 12}]


def test_every_entry_list_words_a_step_as_log_does(dprk, tmp_path):
    """A step to full of a measure done in part first: `log` and `show` say it
    '{"extent": "full", "detail": "implemented (full)"}', so that the entry reads alone;
    `diff`'s JSON said '{"extent": null, "detail": "implemented"}' in `new_history`, as the
    file holds it. Each list of entries (new, removed, redated) words it as `log` does,
    the removed one as the revision's `log` did."""
    git(tmp_path, "-c", "init.defaultBranch=main", "init", "-q")
    assert dprk("init", "--title", "T", "--party", "ROK", "--party", "DPRK").code == 0
    for ident in ("mines", "posts", "guns"):
        made = dprk("add-measure", f"Measure {ident}", "--actor", "DPRK", "--id", ident,
                    "--status", "agreed", "--date", "2018-09-19")  # fmt: skip
        assert made.code == 0, made.err
        marked = dprk("mark", ident, "implemented", "--extent", "intermediate",
                      "--date", "2018-11-22")  # fmt: skip
        assert marked.code == 0, marked.err
    for ident in ("posts", "guns"):
        assert dprk("mark", ident, "implemented", "--date", "2019-01-10").code == 0
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")

    def logged(ident: str, n: int) -> dict:
        """Entry `n` of `ident`'s log, as JSON, without its id and number."""
        record = json.loads(dprk("log", ident, "--format", "json").out)[n - 1]
        return {k: v for k, v in record.items() if k not in ("id", "n")}

    removed = logged("posts", 3)
    assert dprk("mark", "mines", "implemented", "--date", "2019-02-01").code == 0
    assert dprk("drop-entry", "posts", "3").code == 0
    assert dprk("redate", "guns", "3", "2019-01-12").code == 0
    new, redated = logged("mines", 3), logged("guns", 3)
    assert redated["date"] == "2019-01-12"
    assert (new["extent"], new["detail"]) == ("full", "implemented (full)")
    written = (tmp_path / LEDGER).read_bytes()
    doc = dprk("diff", "--format", "json")
    assert doc.code == 0, doc.err
    measures = {m["id"]: m for m in json.loads(doc.out)["measures"]}
    assert measures["mines"]["new_history"] == [new]
    assert [
        {k: v for k, v in h.items() if k != "correction"}
        for h in measures["posts"]["removed_history"]
    ] == [removed]
    assert [
        {k: v for k, v in h.items() if k not in ("date_before", "correction")}
        for h in measures["guns"]["redated_history"]
    ] == [redated]
    # and the lines of "Other changes" (CSV's `other_changes`) as the JSON does
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(dprk("diff", "--format", "csv").out))}
    assert rows["guns"]["other_changes"] == (
        "implemented (full): now dated 2019-01-12 (was 2019-01-10)"
    )
    assert (tmp_path / LEDGER).read_bytes() == written  # (read, not written)


def _a_day_of_talks(dprk, tmp_path) -> bytes:
    """A ledger (no git) copied to yesterday.toml, then a step, a finding and a measure
    recorded: the copy's bytes."""
    assert dprk("init", "--title", "T", "--party", "ROK", "--party", "DPRK").code == 0
    made = dprk("add-measure", "Clear mines", "--actor", "DPRK", "--id", "mines",
                "--status", "agreed", "--date", "2018-09-19")  # fmt: skip
    assert made.code == 0, made.err
    yesterday = (tmp_path / LEDGER).read_bytes()
    (tmp_path / "yesterday.toml").write_bytes(yesterday)
    assert dprk("mark", "mines", "implemented", "--date", "2018-11-22").code == 0
    assert dprk("add-measure", "Hotline", "--actor", "ROK", "--id", "hotline").code == 0
    return yesterday


def test_diff_compares_the_ledger_with_a_file_outside_git(dprk, tmp_path):
    """`dprk diff yesterday.toml`, a copy kept outside git, said "not inside a git
    repository": an argument that names an existing file is that file, read as a
    revision's ledger is (no cache made of it), and compared with the ledger; every
    format as with a revision, `from` naming the file and `commit` null."""
    yesterday = _a_day_of_talks(dprk, tmp_path)
    written = (tmp_path / LEDGER).read_bytes()
    table = dprk("diff", "yesterday.toml")
    assert (table.code, table.err) == (0, ""), table.err
    assert [" ".join(line.split()) for line in table.lines] == [
        "Added since yesterday.toml",
        "id actor status title",
        "hotline ROK proposed Hotline",
        "",
        "Status changes",
        "id actor from to date title",
        "mines DPRK agreed implemented 2018-11-22 Clear mines",
    ]
    doc = dprk("diff", "yesterday.toml", "--format", "json")
    assert doc.code == 0, doc.err
    shown = json.loads(doc.out)
    assert (shown["from"], shown["commit"], shown["to"]) == ("yesterday.toml", None, None)
    assert [(m["id"], m["change"]) for m in shown["measures"]] == [
        ("hotline", "added"),
        ("mines", "changed"),
    ]
    assert (tmp_path / LEDGER).read_bytes() == written
    assert (tmp_path / "yesterday.toml").read_bytes() == yesterday
    assert not list((tmp_path / ".dprk").glob("yesterday*"))  # (read, no cache of it)


def test_diff_compares_two_ledger_files(dprk, tmp_path):
    """`dprk diff OLD.toml NEW.toml`: the two files, the ledger (none here) not read;
    given the other way, what NEW lacks is removed. A file that is no ledger is refused
    in one line naming it; an argument that names no file is a revision, as before."""
    _a_day_of_talks(dprk, tmp_path)
    (tmp_path / LEDGER).rename(tmp_path / "today.toml")
    result = dprk("diff", "yesterday.toml", "today.toml", "--format", "jsonl")
    assert result.code == 0, result.err
    assert [(r["id"], r["change"]) for r in map(json.loads, result.lines)] == [
        ("hotline", "added"),
        ("mines", "changed"),
    ]
    back = dprk("diff", "today.toml", "yesterday.toml")
    assert back.code == 0, back.err
    assert back.lines[0] == "Removed since today.toml, at yesterday.toml"
    (tmp_path / "notes.toml").write_text("not = [a ledger\n", encoding="utf-8")
    refused = dprk("diff", "notes.toml", "today.toml")
    assert (refused.code, refused.out) == (1, "")
    assert refused.err.startswith("dprk: error: notes.toml") and refused.err.count("\n") == 1
    assert "Traceback" not in refused.err
    (tmp_path / LEDGER).write_bytes((tmp_path / "today.toml").read_bytes())
    revision = dprk("diff", "nowhere.toml", "today.toml")
    assert (revision.code, revision.out) == (1, "")
    assert "is not inside a git repository" in revision.err


def test_a_file_and_a_revision_are_compared_either_way(dprk, tmp_path):
    """In a repository, a file beside a revision: `diff OLD.toml REV` compares the
    ledger as committed at REV with the file, `diff REV NEW.toml` the file with REV's;
    a file's name holding '..' (a parent folder) is a file, not REV..TO."""
    git(tmp_path, "-c", "init.defaultBranch=main", "init", "-q")
    _a_day_of_talks(dprk, tmp_path)
    git(tmp_path, "add", LEDGER)
    git(tmp_path, "commit", "-q", "-m", "today")
    (tmp_path / "kept").mkdir()
    (tmp_path / "yesterday.toml").rename(tmp_path / "kept" / "yesterday.toml")
    (tmp_path / "sub").mkdir()
    old = "../kept/yesterday.toml"
    since = dprk_in(tmp_path / "sub", "diff", old, "HEAD", "--format", "json")
    assert since.code == 0, since.err
    doc = json.loads(since.out)
    assert (doc["from"], doc["to"]) == (old, "HEAD")
    assert [(m["id"], m["change"]) for m in doc["measures"]] == [
        ("hotline", "added"),
        ("mines", "changed"),
    ]
    back = dprk("diff", "HEAD", "kept/yesterday.toml", "--format", "ids")
    assert (back.code, back.out) == (0, "hotline\nmines\n"), back.err
    back = dprk("diff", "HEAD", "kept/yesterday.toml")
    assert back.lines[0] == "Removed since HEAD, at kept/yesterday.toml"
    # a file named HEAD beside the ledger leaves the default revision as it was
    (tmp_path / "HEAD").write_bytes((tmp_path / "kept" / "yesterday.toml").read_bytes())
    assert dprk("diff").out == "Changes since HEAD\n(no changes to the ledger)\n"
