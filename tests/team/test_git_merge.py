"""Two analysts edit one ledger on two branches; `git merge` runs dprk's driver.

Each test builds a real repository in a temporary folder, sets it up with
`dprk git-setup`, edits the ledger on two branches with the real `dprk`
command and by hand, merges with git, and looks at what came out.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from dprk_cli import store
from tests.conftest import shell
from tests.team.helpers import (
    LEDGER,
    dprk_in,
    drop_measure,
    git,
    hand_edit,
    init_repo,
    ok,
    read_ledger,
    replace_measure,
)

pytestmark = pytest.mark.slow  # process-heavy: left out by `pytest -m "not slow"`


@pytest.fixture
def repo(tmp_path):
    return init_repo(tmp_path / "talks")


def _alice(repo):
    """Branch main: Alice's week of work."""
    ok(dprk_in(repo, "add-party", "Japan"))
    ok(
        dprk_in(
            repo,
            "add-measure",
            "Japan resumes talks on abductees",
            "--actor",
            "Japan",
            "--id",
            "abductee-talks",
            "--in-exchange-for",
            "end-of-war-declaration",
            "--date",
            "2018-10-02",
        )
    )
    # the same measure, entered identically by both analysts
    ok(
        dprk_in(
            repo,
            "add-measure",
            "Hotline reopens",
            "--actor",
            "ROK",
            "--id",
            "hotline",
            "--date",
            "2018-10-05",
        )
    )
    ok(
        dprk_in(
            repo,
            "mark",
            "inventory-submission",
            "implemented",
            "--date",
            "2018-10-10",
            "--note",
            "seen by Alice",
            epoch=1700000100,
        )
    )
    ok(
        dprk_in(
            repo,
            "verify",
            "tongchang-ri-dismantlement",
            "--by",
            "IAEA",
            "--result",
            "partial",
            "--date",
            "2018-11-01",
        )
    )
    ok(
        dprk_in(
            repo,
            "mark",
            "gaeseong-liaison-office",
            "reversed",
            "--date",
            "2018-12-01",
            "--source",
            "Alice's source",
        )
    )
    hand_edit(
        repo / LEDGER,
        lambda led: replace_measure(led, "remains-repatriation", notes="Notes rewritten by Alice"),
    )
    git(repo, "commit", "-q", "-am", "Alice's changes")


def _bob(repo):
    """Branch bob, from the same base: Bob's week of work."""
    git(repo, "checkout", "-q", "-b", "bob", "HEAD~1")
    ok(dprk_in(repo, "add-party", "China"))
    ok(
        dprk_in(
            repo,
            "add-measure",
            "China hosts a four-party meeting",
            "--actor",
            "China",
            "--id",
            "four-party-meeting",
            "--in-exchange-for",
            "end-of-war-declaration",
            "--date",
            "2018-10-03",
        )
    )
    ok(
        dprk_in(
            repo,
            "add-measure",
            "Hotline reopens",
            "--actor",
            "ROK",
            "--id",
            "hotline",
            "--date",
            "2018-10-05",
        )
    )
    ok(
        dprk_in(
            repo,
            "mark",
            "inventory-submission",
            "implemented",
            "--date",
            "2018-10-10",
            "--note",
            "seen by Bob",
            epoch=1700000200,
        )
    )
    ok(
        dprk_in(
            repo,
            "verify",
            "inventory-submission",
            "--by",
            "IAEA",
            "--date",
            "2018-11-15",
            "--method",
            "document review",
        )
    )
    ok(
        dprk_in(
            repo,
            "verify",
            "tongchang-ri-dismantlement",
            "--by",
            "38 North",
            "--date",
            "2018-11-02",
            "--method",
            "satellite imagery",
        )
    )
    hand_edit(
        repo / LEDGER,
        lambda led: drop_measure(
            replace_measure(
                replace_measure(
                    led,
                    "remains-repatriation",
                    deadline=date(2019, 1, 1),
                    sources=[*led.index()["remains-repatriation"].sources, "Bob's source"],
                ),
                "gaeseong-liaison-office",
                sources=[*led.index()["gaeseong-liaison-office"].sources, "Bob's source"],
            ),
            "second-summit",
        ).model_copy(update={"title": "US–DPRK talks, as followed by the desk"}),
    )
    git(repo, "commit", "-q", "-am", "Bob's changes")


@pytest.fixture(scope="module")
def _two_branches_once(tmp_path_factory):
    repo = init_repo(tmp_path_factory.mktemp("shared") / "talks")
    git(repo, "commit", "-q", "--allow-empty", "-m", "start of the week")
    _alice(repo)
    _bob(repo)
    git(repo, "checkout", "-q", "main")
    return repo


@pytest.fixture
def two_branches(_two_branches_once, tmp_path):
    """A copy of the two-branch repository, for this test alone to merge."""
    copy = tmp_path / "talks"
    shutil.copytree(_two_branches_once, copy, symlinks=True)
    return copy


def test_git_setup_routes_the_ledger_to_dprk(repo):
    attrs = git(repo, "check-attr", "merge", "--", LEDGER).out
    assert attrs.strip().endswith("merge: dprk")
    assert git(repo, "config", "merge.dprk.driver").out.strip() == "dprk merge-driver %O %A %B %P"


def test_clean_merge_keeps_everything_from_both_sides(two_branches):
    repo = two_branches
    merged = git(repo, "merge", "-q", "--no-edit", "bob", check=False)
    assert merged.code == 0, merged.err + merged.out
    assert git(repo, "status", "--porcelain").out == ""

    path = repo / LEDGER
    raw = path.read_bytes()
    ledger = read_ledger(path)
    index = ledger.index()

    # header: parties are a union, the title changed on one side only
    assert set(ledger.parties) >= {"DPRK", "US", "ROK", "Japan", "China"}
    assert ledger.title == "US–DPRK talks, as followed by the desk"
    # added on one side, kept; added on both identically, kept once
    assert "abductee-talks" in index and "four-party-meeting" in index
    assert [m.id for m in ledger.measures].count("hotline") == 1
    assert len(index["hotline"].history) == 1
    # removed on one side and untouched on the other: removed
    assert "second-summit" not in index
    # exchange links from both sides, on both ends
    assert index["end-of-war-declaration"].in_exchange_for == [
        "abductee-talks",
        "four-party-meeting",
        "inventory-submission",
        "punggye-ri-closure",
        "test-moratorium",
    ]
    # status merged by history: implemented on one side, verified on the other
    inventory = index["inventory-submission"]
    assert inventory.status.value == "verified"
    notes = [h.note for h in inventory.history if h.status and h.status.value == "implemented"]
    assert notes == ["seen by Alice; seen by Bob"]  # one event, recorded on both sides
    assert any(h.event == "verification" for h in inventory.history)
    # verifications are a union
    tongchang = index["tongchang-ri-dismantlement"]
    assert sorted(v.by for v in tongchang.verifications) == ["38 North", "IAEA"]
    assert tongchang.status.value == "verified"
    # different fields changed on each side: both kept
    remains = index["remains-repatriation"]
    assert remains.notes == "Notes rewritten by Alice"
    assert remains.deadline == date(2019, 1, 1)
    assert "Bob's source" in remains.sources
    # one side reversed it and added a source, the other added a source: all kept
    gaeseong = index["gaeseong-liaison-office"]
    assert gaeseong.status.value == "reversed"
    assert {"Alice's source", "Bob's source"} <= set(gaeseong.sources)

    # written in the canonical form, and clean by `dprk check`
    assert raw == store.render_ledger(ledger).encode("utf-8")
    check = dprk_in(repo, "check")
    assert check.code == 0, check.out + check.err
    assert not ledger.conflicts and not any(m.conflicts for m in ledger.measures)


def test_merging_again_gives_the_same_bytes_either_way(two_branches, tmp_path):
    repo = two_branches
    git(repo, "merge", "-q", "--no-edit", "bob")
    merged = (repo / LEDGER).read_bytes()
    base = git(repo, "merge-base", "main~1", "bob").out.strip()
    for name, rev in (("base", base), ("ours", "main~1"), ("theirs", "bob")):
        (tmp_path / name).write_bytes(git(repo, "show", f"{rev}:{LEDGER}").out.encode("utf-8"))
    for out, (a, b) in (("one", ("ours", "theirs")), ("two", ("ours", "theirs"))):
        ok(dprk_in(tmp_path, "merge-driver", "base", a, b, "--output", out))
    assert (tmp_path / "one").read_bytes() == (tmp_path / "two").read_bytes() == merged
    # ours and theirs swapped: the same ledger
    ok(
        dprk_in(
            tmp_path, "merge-driver", "base", "theirs", "ours", "--output", "swapped", process=True
        )
    )
    assert (tmp_path / "swapped").read_bytes() == merged
    # the inputs were left alone
    assert (tmp_path / "ours").read_bytes() == git(repo, "show", f"main~1:{LEDGER}").out.encode(
        "utf-8"
    )
    # merging the merge with one of its sides changes nothing
    (tmp_path / "merged").write_bytes(merged)
    ok(dprk_in(tmp_path, "merge-driver", "ours", "merged", "ours", "--output", "again"))
    assert (tmp_path / "again").read_bytes() == merged


def test_merge_from_the_other_branch_gives_the_same_ledger(two_branches):
    repo = two_branches
    git(repo, "merge", "-q", "--no-edit", "bob")
    on_main = (repo / LEDGER).read_bytes()
    git(repo, "checkout", "-q", "-b", "bob-merges", "bob")
    git(repo, "merge", "-q", "--no-edit", "main~1")
    assert (repo / LEDGER).read_bytes() == on_main


def test_diff_briefs_what_the_merge_brought(two_branches):
    repo = two_branches
    git(repo, "merge", "-q", "--no-edit", "bob")
    result = ok(dprk_in(repo, "diff", "HEAD~1", "--format", "json"))
    doc = json.loads(result.out)
    by_id = {m["id"]: m for m in doc["measures"]}
    assert by_id["four-party-meeting"]["change"] == "added"
    assert by_id["second-summit"]["change"] == "removed"
    inventory = by_id["inventory-submission"]
    assert (inventory["status_from"], inventory["status_to"]) == ("implemented", "verified")
    assert [v["by"] for v in inventory["new_verifications"]] == ["IAEA"]
    assert doc["parties"]["added"] == ["China"]
    assert doc["title"]["to"] == "US–DPRK talks, as followed by the desk"


def _conflicting_branches(repo):
    git(repo, "checkout", "-q", "-b", "bob")
    hand_edit(
        repo / LEDGER,
        lambda led: replace_measure(
            replace_measure(led, "punggye-ri-closure", title="Punggye-ri test site blown up"),
            "second-summit",
            deadline=date(2019, 2, 27),
        ),
    )
    ok(dprk_in(repo, "verify", "punggye-ri-closure", "--by", "IAEA", "--date", "2019-03-01"))
    git(repo, "commit", "-q", "-am", "Bob's changes")
    git(repo, "checkout", "-q", "main")
    hand_edit(
        repo / LEDGER,
        lambda led: replace_measure(
            replace_measure(led, "punggye-ri-closure", title="Punggye-ri test site closed"),
            "second-summit",
            deadline=date(2019, 2, 28),
        ),
    )
    git(repo, "commit", "-q", "-am", "Alice's changes")


def test_conflict_is_recorded_checked_and_resolved(repo):
    _conflicting_branches(repo)
    merged = git(repo, "merge", "--no-edit", "bob", check=False)
    assert merged.code != 0
    assert "punggye-ri-closure" in merged.err + merged.out
    # (the driver names the ledger by the path git gives it, %P)
    assert f"dprk: merged {LEDGER} with 2 conflicts (" in merged.err + merged.out

    path = repo / LEDGER
    ledger = read_ledger(path)  # still a ledger dprk can load
    index = ledger.index()
    title_conflict = index["punggye-ri-closure"].conflicts[0]
    assert (title_conflict.field, title_conflict.ours, title_conflict.theirs) == (
        "title",
        "Punggye-ri test site closed",
        "Punggye-ri test site blown up",
    )
    # everything that merged cleanly did merge
    assert index["punggye-ri-closure"].status.value == "verified"
    assert b"<<<<<<<" not in path.read_bytes()

    check = dprk_in(repo, "check", process=True)
    assert check.code == 1
    text = check.out + check.err
    assert "punggye-ri-closure" in text and "'title'" in text
    assert "second-summit" in text and "'deadline'" in text
    assert "dprk resolve" in text

    status = ok(dprk_in(repo, "status"))
    assert "unresolved merge conflicts in punggye-ri-closure, second-summit" in status.out
    shown = ok(dprk_in(repo, "show", "punggye-ri-closure"))
    assert "title: ours 'Punggye-ri test site closed', theirs 'Punggye-ri test site blown up'" in (
        shown.out
    )

    before = path.read_bytes()
    bad = dprk_in(repo, "resolve", "punggye-ri-closure", "--field", "actor", "--take", "ours")
    assert bad.code == 1 and bad.out == ""
    assert "no merge conflict on 'actor' (conflicts on: title)" in bad.err
    assert path.read_bytes() == before

    ok(
        dprk_in(
            repo,
            *("resolve", "punggye-ri-closure", "--field", "title", "--take", "theirs"),
            process=True,
        )
    )
    settled_one = path.read_bytes()
    ok(dprk_in(repo, "resolve", "second-summit", "--field", "deadline", "--take", "2019-03-01"))
    # undo brings a measure's conflict back, byte for byte, to be settled again
    settled_both = path.read_bytes()
    undone = dprk_in(repo, "undo")
    assert undone.code == 0, undone.err
    assert undone.err.startswith("undid: resolve second-summit --field deadline --take 2019-03-01")
    assert path.read_bytes() == settled_one
    again = dprk_in(repo, "check", process=True)
    assert again.code == 1 and "'deadline'" in again.out + again.err
    ok(dprk_in(repo, "undo"))
    assert path.read_bytes() == before
    ok(dprk_in(repo, "resolve", "punggye-ri-closure", "--field", "title", "--take", "theirs"))
    ok(dprk_in(repo, "resolve", "second-summit", "--field", "deadline", "--take", "2019-03-01"))
    assert path.read_bytes() == settled_both
    ledger = read_ledger(path)
    assert ledger.index()["punggye-ri-closure"].title == "Punggye-ri test site blown up"
    assert ledger.index()["second-summit"].deadline == date(2019, 3, 1)
    assert not any(m.conflicts for m in ledger.measures)
    assert ok(dprk_in(repo, "check")).code == 0
    git(repo, "add", LEDGER)
    git(repo, "commit", "-q", "--no-edit")
    assert git(repo, "status", "--porcelain").out == ""


def test_title_conflict_in_the_header(repo):
    git(repo, "checkout", "-q", "-b", "bob")
    hand_edit(repo / LEDGER, lambda led: led.model_copy(update={"title": "Bob's talks"}))
    git(repo, "commit", "-q", "-am", "Bob renames")
    git(repo, "checkout", "-q", "main")
    hand_edit(repo / LEDGER, lambda led: led.model_copy(update={"title": "Alice's talks"}))
    git(repo, "commit", "-q", "-am", "Alice renames")
    assert git(repo, "merge", "--no-edit", "bob", check=False).code != 0

    check = dprk_in(repo, "check")
    assert check.code == 1
    assert "unresolved merge conflict on field 'title'" in check.out + check.err
    ok(dprk_in(repo, "resolve", "--field", "title", "--take", "Joint desk's talks"))
    ledger = read_ledger(repo / LEDGER)
    assert ledger.title == "Joint desk's talks" and not ledger.conflicts
    ok(dprk_in(repo, "check"))
    # undo brings the conflict back, and it can be settled again
    assert ok(dprk_in(repo, "undo")).err.startswith(
        'undid: resolve --field title --take "Joint desk\'s talks" (made '
    )
    assert [c.field for c in read_ledger(repo / LEDGER).conflicts] == ["title"]
    for _ in range(2):  # after the write, and served from the cache it left
        again = dprk_in(repo, "check")
        assert again.code == 1
        assert "unresolved merge conflict on field 'title'" in again.out + again.err
    ok(dprk_in(repo, "resolve", "--field", "title", "--take", "ours"))
    assert read_ledger(repo / LEDGER).title == "Alice's talks"


def test_removed_on_one_side_changed_on_the_other(repo):
    git(repo, "checkout", "-q", "-b", "bob")
    hand_edit(repo / LEDGER, lambda led: drop_measure(led, "second-summit"))
    git(repo, "commit", "-q", "-am", "Bob drops the summit")
    git(repo, "checkout", "-q", "main")
    ok(dprk_in(repo, "mark", "second-summit", "agreed", "--date", "2018-10-07"))
    git(repo, "commit", "-q", "-am", "Alice: summit agreed")
    assert git(repo, "merge", "--no-edit", "bob", check=False).code != 0

    summit = read_ledger(repo / LEDGER).index()["second-summit"]
    assert summit.status.value == "agreed"  # kept, with Alice's change
    assert [(c.field, c.ours, c.theirs) for c in summit.conflicts] == [("measure", "changed", None)]
    check = dprk_in(repo, "check")
    assert check.code == 1 and "removed on one side (theirs)" in check.out + check.err
    ok(dprk_in(repo, "resolve", "second-summit", "--field", "measure", "--take", "theirs"))
    assert "second-summit" not in read_ledger(repo / LEDGER).index()
    ok(dprk_in(repo, "check"))


def test_pre_commit_hook_blocks_a_conflicted_ledger(repo):
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\nexec dprk check >&2\n", encoding="utf-8")
    hook.chmod(0o755)
    _conflicting_branches(repo)
    git(repo, "merge", "--no-edit", "bob", check=False)
    git(repo, "add", LEDGER)
    blocked = git(repo, "commit", "-q", "--no-edit", check=False)
    assert blocked.code != 0
    assert "punggye-ri-closure" in blocked.err


@pytest.mark.parametrize("command", ["rebase", "cherry-pick", "revert"])
def test_check_says_when_the_merge_driver_did_not_run_in_a_rebase(repo, command):
    """A rebase (as 'git pull --rebase' runs), a cherry-pick or a revert merges with the
    driver too. It did not run: check found the ledger sound, every write went on, and
    'git add' with 'git rebase --continue' dropped the commit, its change lost."""
    git(repo, "checkout", "-q", "-b", "bob")
    ok(dprk_in(repo, "mark", "second-summit", "agreed", "--date", "2018-10-01"))
    git(repo, "commit", "-q", "-am", "Bob's mark")
    git(repo, "checkout", "-q", "main")
    ok(dprk_in(repo, "note", "second-summit", "Alice's note", "--date", "2018-09-11"))
    git(repo, "commit", "-q", "-am", "Alice's note")
    if command == "revert":  # (undoing Alice's note, after Bob's mark came in)
        ok(dprk_in(repo, "mark", "second-summit", "agreed", "--date", "2018-10-01"))
        git(repo, "commit", "-q", "-am", "Bob's mark, again")
    git(repo, "config", "merge.dprk.driver", "false")  # (as when dprk is not on git's PATH)
    if command == "rebase":
        git(repo, "checkout", "-q", "bob")
        assert git(repo, "rebase", "main", check=False).code != 0
    elif command == "cherry-pick":
        assert git(repo, "cherry-pick", "bob", check=False).code != 0
    else:
        assert git(repo, "revert", "--no-edit", "HEAD~1", check=False).code != 0
    before = (repo / LEDGER).read_bytes()
    check = dprk_in(repo, "check")
    assert (check.code, check.err) == (1, "")
    # (in a rebase, ours is the branch replayed onto: 'git add' drops the commit's change)
    side, other, keep = (
        ("the branch you are rebasing onto", "the commit being replayed", "to drop it")
        if command == "rebase"
        else ("your side", "the other side", "to keep your side alone")
    )
    assert check.out.splitlines()[0] == (
        f"error: dprk-ledger.toml: git is merging it (in a {command}), and it holds "
        f"{side} alone: dprk's merge driver did not run (is dprk on the PATH git uses?) "
        f"or failed, so {other}'s changes are not in it; run 'git "
        f"{command} --abort' and {command} again (see 'dprk git-setup'), or, {keep}, "
        "'git add' it [file]"
    )
    noted = dprk_in(repo, "note", "second-summit", "more", "--date", "2018-10-02")
    assert (noted.code, noted.out) == (1, "")
    assert noted.err.startswith(
        f"dprk: error: dprk-ledger.toml: git is merging it (in a {command}) and it holds "
        f"{side} alone"
    )
    assert (repo / LEDGER).read_bytes() == before
    status = dprk_in(repo, "status", "--format", "ids")
    assert status.code == 0 and "'dprk check' says what to do" in status.err
    git(repo, command, "--abort")
    ok(dprk_in(repo, "check"))


def test_check_says_when_the_merge_driver_did_not_run_in_a_stash_pop(repo):
    """'git stash pop' merges with the driver too; stopped without it, check said ok and
    writes went on while the stashed change was in no file."""
    ok(dprk_in(repo, "edit", "second-summit", "--title", "Stashed", "--date", "2019-01-01"))
    git(repo, "stash", "-q")
    ok(dprk_in(repo, "edit", "second-summit", "--title", "Kept", "--date", "2019-01-02"))
    git(repo, "commit", "-q", "-am", "kept")
    git(repo, "config", "merge.dprk.driver", "false")  # (as when dprk is not on git's PATH)
    assert git(repo, "stash", "pop", check=False).code != 0
    before = (repo / LEDGER).read_bytes()
    check = dprk_in(repo, "check")
    assert (check.code, check.err) == (1, "")
    assert check.out.startswith(
        "error: dprk-ledger.toml: git is merging it (in a stash), and it holds your side alone"
    )
    assert "run 'git reset --merge' and 'git stash pop' again (git keeps the stash)" in check.out
    noted = dprk_in(repo, "note", "second-summit", "more", "--date", "2019-02-01")
    assert noted.code == 1 and (repo / LEDGER).read_bytes() == before
    git(repo, "reset", "-q", "--merge")
    ok(dprk_in(repo, "git-setup"))
    git(repo, "stash", "pop", check=False)
    assert "conflict on field 'title': ours 'Kept', theirs 'Stashed'" in dprk_in(repo, "check").out


def test_check_says_when_the_merge_driver_did_not_run(repo):
    """Git could not run the driver (here: it fails): the ledger holds our side alone,
    and 'dprk check' says so, rather than finding a sound ledger."""
    git(repo, "checkout", "-q", "-b", "bob")
    ok(dprk_in(repo, "note", "second-summit", "Bob's note", "--date", "2018-10-01"))
    git(repo, "commit", "-q", "-am", "Bob's note")
    git(repo, "checkout", "-q", "main")
    ok(dprk_in(repo, "note", "inventory-submission", "Alice's note", "--date", "2018-10-01"))
    git(repo, "commit", "-q", "-am", "Alice's note")
    git(repo, "config", "merge.dprk.driver", "false")  # (as when dprk is not on git's PATH)
    assert git(repo, "merge", "--no-edit", "bob", check=False).code != 0
    for process in (False, True):
        check = dprk_in(repo, "check", process=process)
        assert check.code == 1 and check.err == ""
        assert check.out.startswith(
            "error: dprk-ledger.toml: git is merging it, and it holds your side alone"
        ), check.out
        assert check.out.endswith("1 error, 0 warnings\n"), check.out
    # every other command reads and writes on, and says so (it said nothing)
    warned = (
        "dprk: warning: dprk-ledger.toml: git is merging it and it holds your side alone "
        "(dprk's merge driver did not run, or refused a side): the other side's changes are "
        "not in it; 'dprk check' says what to do\n"
    )
    status = dprk_in(repo, "status", "--format", "ids", process=True)
    assert (status.code, status.err) == (0, warned)
    assert "second-summit" in status.out.split()
    # a write is refused: written on, the file was no longer our side alone, and every
    # warning stopped (check too) while the other side's changes were still in no file
    before = (repo / LEDGER).read_bytes()
    noted = dprk_in(repo, "note", "second-summit", "Alice again", "--date", "2018-10-02")
    assert (noted.code, noted.out) == (1, "")
    assert noted.err == (
        "dprk: error: dprk-ledger.toml: git is merging it and it holds your side alone "
        "(dprk's merge driver did not run, or refused a side): the other side's changes are "
        "not in it; nothing was written; 'dprk check' says what to do\n"
    )
    # (undo and init --force too: either put a file back that was no longer our side
    # alone, and check then said ok, the other side's changes still in no file)
    for args in (("undo",), ("init", "--force", "--party", "US")):
        refused = dprk_in(repo, *args)
        assert (refused.code, refused.err) == (1, noted.err), args
    assert (repo / LEDGER).read_bytes() == before
    git(repo, "merge", "--abort")
    ok(dprk_in(repo, "git-setup"))  # (the driver again)
    merged = git(repo, "merge", "--no-edit", "bob", check=False)
    assert merged.code == 0, merged.err
    assert ok(dprk_in(repo, "check", "--format", "json")).code == 0
    notes = [e["note"] for e in json.loads(ok(dprk_in(repo, "log", "--format", "json")).out)]
    assert "Bob's note" in notes and "Alice's note" in notes


def test_check_reports_a_merge_the_driver_missed_as_a_file_problem_in_every_format(repo):
    """The driver did not run: check said so on standard error alone, and printed nothing
    on standard output, not even with --format json, so that a script reading its
    document broke just when the ledger held one side of a merge. It is the file's
    problem, as a TOML syntax error is: listed in every format, with its count."""
    git(repo, "checkout", "-q", "-b", "bob")
    ok(dprk_in(repo, "note", "test-moratorium", "A", "--date", "2018-09-20"))
    git(repo, "commit", "-q", "-am", "Bob's note")
    git(repo, "checkout", "-q", "main")
    ok(dprk_in(repo, "note", "test-moratorium", "B", "--date", "2018-09-21"))
    git(repo, "commit", "-q", "-am", "Alice's note")
    git(repo, "config", "merge.dprk.driver", "false")  # (as when dprk is not on git's PATH)
    assert git(repo, "merge", "--no-edit", "bob", check=False).code != 0
    before = (repo / LEDGER).read_bytes()
    said = (
        "git is merging it, and it holds your side alone: dprk's merge driver did not run "
        "(is dprk on the PATH git uses?) or failed, so the other side's changes are not in "
        "it; run 'git merge --abort' and merge again (see 'dprk git-setup'), or, to keep "
        "your side alone, 'git add' it"
    )
    checked = dprk_in(repo, "check", "--format", "json")
    assert (checked.code, checked.err) == (1, "")
    assert json.loads(checked.out) == {
        "ok": False,
        "errors": 1,
        "warnings": 0,
        "problems": [
            {
                "severity": "error",
                "check": "file",
                "measure": None,
                "measures": [],
                "message": said,
            }
        ],
    }
    table = dprk_in(repo, "check")
    assert (table.code, table.err) == (1, "")
    assert table.out == (
        f"error: dprk-ledger.toml: {said} [file]\n"
        "dprk-ledger.toml cannot be read until this is mended; its rules are checked then\n"
        "1 error, 0 warnings\n"
    )
    assert (repo / LEDGER).read_bytes() == before


def test_a_removal_taken_in_a_settlement_is_not_taken_for_a_merge_the_driver_missed(repo):
    """Bob agreed to the summit, Alice removed it; the merge left a conflict, and Alice
    settled it by taking the removal: the file was her side again, byte for byte. check
    then said the merge driver had not run, every write was refused, and its advice (abort
    and merge again) led back to the same conflict."""
    git(repo, "checkout", "-q", "-b", "bob")
    ok(dprk_in(repo, "mark", "second-summit", "agreed", "--date", "2018-10-07"))
    git(repo, "commit", "-q", "-am", "Bob agrees")
    git(repo, "checkout", "-q", "main")
    ok(dprk_in(repo, "remove", "second-summit"))
    git(repo, "commit", "-q", "-am", "Alice removes")
    ours = (repo / LEDGER).read_bytes()
    assert git(repo, "merge", "--no-edit", "bob", check=False).code == 1
    settled = dprk_in(repo, "resolve", "second-summit", "--field", "measure", "--take", "ours")
    assert settled.err == "second-summit: removed (took ours)\n"
    assert (repo / LEDGER).read_bytes() == ours
    checked = dprk_in(repo, "check", "--format", "ids", process=True)
    assert (checked.code, checked.err) == (0, "")
    noted = dprk_in(repo, "note", "test-moratorium", "still holds", "--date", "2018-10-08")
    assert (noted.code, noted.err) == (0, "test-moratorium: note on 2018-10-08\n")
    git(repo, "add", LEDGER)
    git(repo, "commit", "-q", "--no-edit")
    assert "second-summit" not in ok(dprk_in(repo, "status", "--format", "ids")).out.split()


def test_a_side_taken_whole_with_git_is_told_how_to_end_the_merge(repo):
    """Alice took her side whole (git checkout --ours): check says the other side's changes
    are in no file, and how to keep her side alone."""
    git(repo, "checkout", "-q", "-b", "bob")
    ok(dprk_in(repo, "edit", "second-summit", "--title", "Hanoi summit"))
    git(repo, "commit", "-q", "-am", "Bob's title")
    git(repo, "checkout", "-q", "main")
    ok(dprk_in(repo, "edit", "second-summit", "--title", "Second summit, in Hanoi"))
    git(repo, "commit", "-q", "-am", "Alice's title")
    assert git(repo, "merge", "--no-edit", "bob", check=False).code == 1
    git(repo, "checkout", "--ours", LEDGER)
    checked = dprk_in(repo, "check")
    assert checked.code == 1
    assert "or, to keep your side alone, 'git add' it [file]\n" in checked.out, checked.out


def test_their_side_taken_whole_with_git_is_caught_as_ours_is(repo):
    """Alice took Bob's side whole (git checkout --theirs): her title was in no file, and
    check said all was well, where her own side taken whole was caught."""
    git(repo, "checkout", "-q", "-b", "bob")
    ok(dprk_in(repo, "edit", "second-summit", "--title", "Hanoi summit"))
    git(repo, "commit", "-q", "-am", "Bob's title")
    git(repo, "checkout", "-q", "main")
    ok(dprk_in(repo, "edit", "second-summit", "--title", "Second summit, in Hanoi"))
    git(repo, "commit", "-q", "-am", "Alice's title")
    assert git(repo, "merge", "--no-edit", "bob", check=False).code == 1
    git(repo, "checkout", "--theirs", LEDGER)
    before = (repo / LEDGER).read_bytes()
    checked = dprk_in(repo, "check")
    assert (checked.code, checked.err) == (1, "")
    assert checked.out.splitlines()[0] == (
        "error: dprk-ledger.toml: git is merging it, and it holds their side alone: it was "
        "taken whole from that side ('git checkout --theirs'), so your side's changes are "
        "not in it; run 'git merge --abort' and merge again (see 'dprk git-setup'), or, to "
        "keep their side alone, 'git add' it [file]"
    )
    said = (
        "dprk-ledger.toml: git is merging it and it holds their side alone (taken whole from "
        "that side, as 'git checkout --theirs' takes it): your side's changes are not in it; "
    )
    status = dprk_in(repo, "status", "--format", "ids")
    assert (status.code, status.err) == (0, f"dprk: warning: {said}'dprk check' says what to do\n")
    noted = dprk_in(repo, "note", "second-summit", "more", "--date", "2018-10-02")
    assert (noted.code, noted.out) == (1, "")
    assert noted.err == f"dprk: error: {said}nothing was written; 'dprk check' says what to do\n"
    assert (repo / LEDGER).read_bytes() == before
    git(repo, "add", LEDGER)  # (their side kept, as the advice says: no longer unmerged)
    ok(dprk_in(repo, "check"))


def test_check_after_a_recorded_conflict_is_settled_but_not_yet_added(repo):
    """The driver ran and recorded a conflict; once settled with 'dprk resolve', the file
    is no longer our side alone: check passes though git still has it unmerged."""
    _conflicting_branches(repo)
    assert git(repo, "merge", "--no-edit", "bob", check=False).code != 0
    assert "merge-conflicts" in dprk_in(repo, "check").out
    ok(dprk_in(repo, "resolve", "punggye-ri-closure", "--field", "title", "--take", "ours"))
    ok(dprk_in(repo, "resolve", "second-summit", "--field", "deadline", "--take", "ours"))
    assert "UU" in git(repo, "status", "--porcelain").out
    assert ok(dprk_in(repo, "check")).code == 0


def test_a_merge_keeps_our_files_comments_where_it_changed_nothing(repo):
    """Comments written by hand in the header and in a measure neither side touched stay
    through a merge, which writes anew only the measures it changed (as any dprk write
    does). The merge used to write the whole file anew, and every comment went."""
    ledger = repo / LEDGER
    text = ledger.read_text(encoding="utf-8")
    text = "# kept by the Korea desk\n" + text.replace(
        'id = "remains-repatriation"\n', 'id = "remains-repatriation"  # see the DPAA file\n'
    ).replace('id = "test-moratorium"\n', 'id = "test-moratorium"  # since April 2018\n')
    ledger.write_text(text, encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Comments")
    git(repo, "checkout", "-q", "-b", "bob")
    ok(dprk_in(repo, "mark", "test-moratorium", "reversed", "--date", "2019-01-01"))
    ok(dprk_in(repo, "add-measure", "A new channel", "--actor", "US", "--id", "aa-channel"))
    git(repo, "commit", "-q", "-am", "Bob")
    git(repo, "checkout", "-q", "main")
    ok(dprk_in(repo, "mark", "second-summit", "implemented", "--date", "2019-02-28"))
    git(repo, "commit", "-q", "-am", "Alice")
    merged = git(repo, "merge", "--no-edit", "bob", check=False)
    assert merged.code == 0, merged.err
    # (the one in the measure Bob changed goes with the block, and the merge says so)
    assert "1 hand-written comment(s) in what the merge changed were removed" in merged.err
    text = ledger.read_text(encoding="utf-8")
    assert "# since April 2018" not in text
    assert text.startswith("# kept by the Korea desk\n")
    assert 'id = "remains-repatriation"  # see the DPAA file\n' in text
    assert ok(dprk_in(repo, "check")).code == 0
    shown = json.loads(ok(dprk_in(repo, "status", "--format", "json")).out)["measures"]
    status = {m["id"]: m["status"] for m in shown}
    assert (status["test-moratorium"], status["second-summit"]) == ("reversed", "implemented")
    assert "aa-channel" in status


def test_a_merge_keeps_the_comments_their_side_wrote(repo):
    """Bob wrote comments by hand (in the header, on a measure, on a measure he added by
    hand); Alice recorded a note. The merge kept our file's text for every measure it
    did not change, so Bob's comments went without a word; under a rebase his commit
    came out empty and was dropped. Where our side left a measure as the base had it,
    and the merge took it as theirs, their text is kept, as git's own merge would."""
    ledger = repo / LEDGER
    git(repo, "checkout", "-q", "-b", "bob")
    text = "# Korea desk: do not reorder\n" + ledger.read_text(encoding="utf-8").replace(
        'id = "test-moratorium"\n', 'id = "test-moratorium"  # check the KCNA date\n'
    )
    text += (
        '\n# found in the archive\n[[measures]]\nid = "zz-hand"\ntitle = "By hand"  # Bob\n'
        'actor = "US"\nstatus = "proposed"\n'
    )
    ledger.write_text(text, encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Bob's comments")
    git(repo, "checkout", "-q", "main")
    ok(dprk_in(repo, "note", "second-summit", "expected soon", "--date", "2018-10-01"))
    git(repo, "commit", "-q", "-am", "Alice")
    merged = git(repo, "merge", "--no-edit", "bob", check=False)
    assert merged.code == 0, merged.err
    assert "comment" not in merged.err
    text = ledger.read_text(encoding="utf-8")
    assert text.startswith("# Korea desk: do not reorder\n")
    assert 'id = "test-moratorium"  # check the KCNA date\n' in text
    assert "# found in the archive\n" in text and 'title = "By hand"  # Bob\n' in text
    assert ok(dprk_in(repo, "check")).code == 0
    assert "expected soon" in ok(dprk_in(repo, "show", "second-summit")).out
    # the same, rebased: Bob's commit keeps its comments
    git(repo, "reset", "-q", "--hard", "HEAD~1")
    git(repo, "checkout", "-q", "bob")
    rebased = git(repo, "rebase", "main", check=False)
    assert rebased.code == 0, rebased.err
    assert "Bob's comments" in git(repo, "log", "--format=%s", "-1").out
    assert ledger.read_text(encoding="utf-8").startswith("# Korea desk: do not reorder\n")


def _desk(folder):
    """A repository with a ledger of one party and nothing else, committed."""
    folder.mkdir(parents=True)
    git(folder, "-c", "init.defaultBranch=main", "init", "-q")
    ok(dprk_in(folder, "init", "--title", "T", "--party", "US"))
    ok(dprk_in(folder, "git-setup"))
    return folder


def _diverged(repo, on_desk, on_main) -> None:
    """Commit the ledger as it stands (the base), then change it on a branch desk-a
    (`on_desk`) and on main (`on_main`), a commit each; main is left checked out."""
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "checkout", "-q", "-b", "desk-a")
    on_desk()
    git(repo, "commit", "-q", "-am", "a")
    git(repo, "checkout", "-q", "main")
    on_main()
    git(repo, "commit", "-q", "-am", "b")


def _history_conflict(repo, into: str, other: str, ident: str) -> str:
    """Merge `other` into `into`: a conflict on the history of `ident`, the only problem
    check names; the ledger's text on `into` before the merge."""
    git(repo, "checkout", "-q", into)
    ours_before = (repo / LEDGER).read_text(encoding="utf-8")
    merged = git(repo, "merge", "--no-edit", other, check=False)
    assert merged.code == 1
    assert f"measure '{ident}': the two sides recorded histories that do not fit" in merged.err
    checked = dprk_in(repo, "check", "--format", "json")
    assert checked.code == 1
    assert [(p["check"], p["measure"]) for p in json.loads(checked.out)["problems"]] == [
        ("merge-conflicts", ident)
    ]
    return ours_before


HAND_ADDED = '\n[[measures]]\nid = "relief"\ntitle = "Sanctions relief"\nactor = "US"\n'


@pytest.mark.parametrize("by_hand", [False, True], ids=["add-measure", "by-hand"])
@pytest.mark.parametrize("into", ["main", "desk-a"])
def test_an_undated_creation_moved_back_on_both_sides_is_one_creation(tmp_path, by_hand, into):
    """A measure added without a date (or by hand, without a history) is dated by its
    earliest event. Each desk recorded a back-dated event, which moved the creation each
    its own way: the merge called the histories incompatible, and taking a side dropped
    the other's event. It is one creation, dated by the merged history's earliest event."""
    repo = _desk(tmp_path / "talks")
    ledger = repo / LEDGER
    if by_hand:
        ledger.write_text(ledger.read_text(encoding="utf-8") + HAND_ADDED, encoding="utf-8")
    else:
        ok(dprk_in(repo, "add-measure", "Sanctions relief", "--actor", "US", "--id", "relief"))
    _diverged(
        repo,
        lambda: ok(dprk_in(repo, "mark", "relief", "agreed", "--date", "2018-10-20",
                           epoch=1700000100)),
        lambda: ok(dprk_in(repo, "note", "relief", "raised", "--date", "2018-10-10",
                           epoch=1700000200)),
    )  # fmt: skip
    other = "desk-a" if into == "main" else "main"
    git(repo, "checkout", "-q", into)
    merged = git(repo, "merge", "--no-edit", other, check=False)
    assert merged.code == 0, merged.err
    assert "conflict" not in merged.err
    assert ok(dprk_in(repo, "check")).out == "ok: no problems found\n"
    shown = json.loads(ok(dprk_in(repo, "show", "relief", "--format", "json")).out)
    assert shown["status"] == "agreed"
    assert [(h["date"], h["event"]) for h in shown["history"]] == [
        ("2018-10-10", "created"),
        ("2018-10-10", "note"),
        ("2018-10-20", "status"),
    ]
    text = ledger.read_text(encoding="utf-8")
    created = "22:15:00" if by_hand else "22:13:20"  # (by hand: desk A's, recorded first)
    given = "written by hand without a history" if by_hand else "no date given"
    assert text[text.index("[[measures]]") :] == (
        '[[measures]]\nid = "relief"\ntitle = "Sanctions relief"\nactor = "US"\n'
        'status = "agreed"\n\n[[measures.history]]\ndate = 2018-10-10\nevent = "created"\n'
        'status = "proposed"\n'
        f'detail = "created as proposed ({given}: dated by its earliest event)"\n'
        f"undated = true\nrecorded = 2023-11-14 {created}+00:00\n\n"
        '[[measures.history]]\ndate = 2018-10-10\nevent = "note"\nnote = "raised"\n'
        "recorded = 2023-11-14 22:16:40+00:00\n\n"
        '[[measures.history]]\ndate = 2018-10-20\nevent = "status"\nstatus = "agreed"\n'
        'detail = "agreed"\nrecorded = 2023-11-14 22:15:00+00:00\n'
    )


@pytest.mark.parametrize("into", ["main", "desk-a"])
def test_a_history_conflict_leaves_the_measure_as_ours(tmp_path, into):
    """Desk A recorded an implementation, desk B a withdrawal, a day later: histories
    that do not fit together. The merged measure held both sides' entries, so check
    named an extra error (implemented, then withdrawn) and its status came from the
    mixture. It stands as ours until settled; theirs is in the conflict's record."""
    repo = _desk(tmp_path / "talks")
    ledger = repo / LEDGER
    ok(dprk_in(repo, "add-measure", "Security guarantees", "--actor", "US", "--id", "sg",
               "--status", "agreed", "--date", "2018-06-12"))  # fmt: skip
    _diverged(
        repo,
        lambda: ok(dprk_in(repo, "mark", "sg", "implemented", "--date", "2018-10-09",
                           epoch=1700000100)),
        lambda: ok(dprk_in(repo, "mark", "sg", "withdrawn", "--date", "2018-10-10",
                           epoch=1700000200)),
    )  # fmt: skip
    sides = {"main": ("withdrawn", "2018-10-10"), "desk-a": ("implemented", "2018-10-09")}
    other = "desk-a" if into == "main" else "main"
    ours_before = _history_conflict(repo, into, other, "sg")
    log = ok(dprk_in(repo, "log", "sg", "--format", "csv")).out.splitlines()
    assert [line.split(",")[2:5] for line in log[1:]] == [
        ["2018-06-12", "created", "agreed"],
        [sides[into][1], "status", sides[into][0]],
    ]
    text = ledger.read_text(encoding="utf-8")
    conflict_at = text.index("[[measures.conflicts]]")
    history_at = text.index("[[measures.history]]")
    # the measure's own lines are ours, word for word; the conflict record sits between
    assert text[:conflict_at] == ours_before[: ours_before.index("[[measures.history]]")]
    assert text[history_at:] == ours_before[ours_before.index("[[measures.history]]") :]
    for take, side in (("ours", into), ("theirs", other)):
        settled = dprk_in(repo, "resolve", "sg", "--field", "history", "--take", take)
        # (theirs moves the status: the line says so, as a correction does)
        (now, day), (was, since) = sides[side], sides[into]
        moved = (
            "" if side == into else f"; sg is now {now} (since {day}; it was {was} since {since})"
        )
        assert (settled.code, settled.err) == (0, f"sg: history: took {take}{moved}\n")
        shown = json.loads(ok(dprk_in(repo, "show", "sg", "--format", "json")).out)
        assert shown["status"] == sides[side][0]
        acts = [(h["date"], h["status"]) for h in shown["history"] if h["event"] == "status"]
        assert acts == [(sides[side][1], sides[side][0])]
        assert ok(dprk_in(repo, "check")).out == "ok: no problems found\n"
        ok(dprk_in(repo, "undo"))


@pytest.mark.parametrize("into", ["main", "desk-a"])
def test_a_measure_added_by_hand_and_by_add_measure_as_two_statuses_is_a_conflict(tmp_path, into):
    """Desk A wrote a measure by hand, agreed (no history: it stands where its fields
    say, as if created so); desk B added the same id with add-measure, proposed on a
    date. The merge kept B's history, the hand-set status went without a word, and
    check said ok. Created as two statuses: a conflict on its history, either way."""
    repo = _desk(tmp_path / "talks")
    ledger = repo / LEDGER

    def by_hand() -> None:
        text = ledger.read_text(encoding="utf-8") + HAND_ADDED + 'status = "agreed"\n'
        ledger.write_text(text, encoding="utf-8")
        ok(dprk_in(repo, "check"))

    _diverged(
        repo,
        by_hand,
        lambda: ok(dprk_in(repo, "add-measure", "Sanctions relief", "--actor", "US",
                           "--id", "relief", "--date", "2018-10-01")),
    )  # fmt: skip
    status = {"main": "proposed", "desk-a": "agreed"}
    other = "desk-a" if into == "main" else "main"
    ours_before = _history_conflict(repo, into, other, "relief")
    # until settled, the measure is ours, word for word, with the conflict's record
    text = ledger.read_text(encoding="utf-8")
    own = ours_before.index("[[measures.history]]") if into == "main" else len(ours_before)
    assert text[: text.index("[[measures.conflicts]]")] == ours_before[:own].rstrip() + "\n\n"
    assert (
        json.loads(ok(dprk_in(repo, "show", "relief", "--format", "json")).out)["status"]
        == status[into]
    )
    for take, side in (("ours", into), ("theirs", other)):
        settled = dprk_in(repo, "resolve", "relief", "--field", "history", "--take", take)
        assert settled.code == 0, settled.err
        assert settled.err.startswith(f"relief: history: took {take}")
        # (theirs moves the status: the line says so, as a correction does; desk A's, of
        # no history, takes a creation of no day, as written by hand: said once)
        moved = f"; relief is now {status[side]} (" if side != into else None
        hand = "relief had no history: its creation is recorded with no day, as written by hand"
        kept = f"took {take}\n" + (f"{hand}\n" if side == "desk-a" else "")
        assert (moved in settled.err) if moved else settled.err.endswith(kept)
        shown = json.loads(ok(dprk_in(repo, "show", "relief", "--format", "json")).out)
        assert shown["status"] == status[side]
        created = [(h["date"], h["status"]) for h in shown["history"] if h["event"] == "created"]
        assert len(created) == 1 and created[0][1] == status[side]
        assert ok(dprk_in(repo, "check")).out == "ok: no problems found\n"
        ok(dprk_in(repo, "undo"))


def test_settling_a_history_conflict_keeps_when_their_entries_were_recorded(tmp_path):
    """Each desk corrected the day of one implementation ('dprk redate'), to its own day:
    a conflict on the history. '--take theirs' wrote their correction as recorded a
    second after our latest entry, not when it was recorded on their branch: the file
    no longer said which desk found what first. Their entries keep their times."""
    repo = _desk(tmp_path / "talks")
    ok(dprk_in(repo, "add-measure", "Security guarantees", "--actor", "US", "--id", "sg",
               "--status", "agreed", "--date", "2018-06-12"))  # fmt: skip
    ok(dprk_in(repo, "mark", "sg", "implemented", "--date", "2018-10-01", epoch=1700000050))
    _diverged(
        repo,
        lambda: ok(dprk_in(repo, "redate", "sg", "2", "2018-10-03", epoch=1700000100)),
        lambda: ok(dprk_in(repo, "redate", "sg", "2", "2018-10-05", epoch=1700000200)),
    )
    theirs = store.parse_bytes(git(repo, "show", f"desk-a:{LEDGER}").out.encode(), LEDGER)
    _history_conflict(repo, "main", "desk-a", "sg")
    settled = dprk_in(repo, "resolve", "sg", "--field", "history", "--take", "theirs",
                      epoch=1700000300)  # fmt: skip
    assert (settled.code, settled.err) == (
        0,
        "sg: history: took theirs; sg is now implemented (since 2018-10-03; it was "
        "implemented since 2018-10-05)\n",
    )
    history = read_ledger(repo / LEDGER).index()["sg"].history
    assert [h for h in history if h.event != "resolve"] == theirs.index()["sg"].history
    assert [h.detail for h in history if h.event == "correction"] == [
        "implemented on 2018-10-01 redated to 2018-10-03"
    ]
    assert ok(dprk_in(repo, "check")).out == "ok: no problems found\n"


def test_undo_takes_back_the_resolve_of_an_order_conflict(tmp_path):
    """Ours put m after n, theirs together with n (written on both): the merge kept a
    conflict on m, and n's side of the together-order waited on it. undo of the resolve
    was refused ("would bring back an error" on n), though it brings back the file as
    it was."""
    repo = init_repo(tmp_path / "talks", example=False)
    for args in (
        ("init", "--title", "T", "--party", "X", "--party", "Y", "--force"),
        ("add-measure", "m", "--id", "m", "--actor", "X", "--date", "2018-01-01"),
        ("add-measure", "n", "--id", "n", "--actor", "Y", "--date", "2018-01-01"),
    ):
        ok(dprk_in(repo, *args))
    _diverged(
        repo,
        lambda: ok(dprk_in(repo, "sequence", "m", "--with", "n", "--date", "2018-02-01")),
        lambda: ok(dprk_in(repo, "sequence", "m", "--after", "n", "--date", "2018-02-01")),
    )
    git(repo, "merge", "-q", "desk-a", "-m", "merge", check=False)
    path = repo / LEDGER
    merged = path.read_bytes()
    assert dprk_in(repo, "check").code == 1
    ok(dprk_in(repo, "resolve", "m", "--field", "constraints.n", "--take", "theirs"))
    assert dprk_in(repo, "check").code == 0
    undone = dprk_in(repo, "undo")
    assert undone.code == 0, undone.err
    assert undone.err.startswith("undid: resolve m --field constraints.n --take theirs")
    assert path.read_bytes() == merged


@pytest.mark.parametrize("inserted_on", ["ours", "theirs", "both"])
def test_an_edit_dated_back_on_one_side_merges_as_one_history(tmp_path, inserted_on):
    """An edit dated back rewrites what the later edit says it replaced; the other side
    still has the later edit's old words (or, with an edit of its own dated back, other
    words). The merge is one history, the later edit once, each edit saying what the
    one before it set."""
    repo = init_repo(tmp_path / "talks", example=False)
    for args in (
        ("init", "--title", "T", "--party", "US", "--force"),
        ("add-measure", "X", "--id", "x", "--actor", "US", "--date", "2021-01-01"),
        ("edit", "x", "--deadline", "2021-12-31", "--date", "2021-07-15"),
    ):
        ok(dprk_in(repo, *args))
    dated_back = ("edit", "x", "--deadline", "2021-06-30", "--date", "2021-05-01")
    noted = ("note", "x", "talks resumed", "--date", "2021-08-01")
    if inserted_on == "both":
        noted = ("edit", "x", "--deadline", "2021-03-31", "--date", "2021-03-01")
    theirs, ours = (noted, dated_back) if inserted_on == "ours" else (dated_back, noted)
    _diverged(repo, lambda: ok(dprk_in(repo, *theirs)), lambda: ok(dprk_in(repo, *ours)))
    merged = git(repo, "merge", "-q", "desk-a", "-m", "merge", check=False)
    assert merged.code == 0, merged.err
    history = read_ledger(repo / LEDGER).index()["x"].history
    said = [(str(h.date), h.event, h.detail or h.note) for h in history]
    if inserted_on == "both":
        assert said[1:] == [
            ("2021-03-01", "edit", "deadline: (none) -> '2021-03-31'"),
            ("2021-05-01", "edit", "deadline: '2021-03-31' -> '2021-06-30'"),
            ("2021-07-15", "edit", "deadline: '2021-06-30' -> '2021-12-31'"),
        ]
    else:
        assert said[1:] == [
            ("2021-05-01", "edit", "deadline: (none) -> '2021-06-30'"),
            ("2021-07-15", "edit", "deadline: '2021-06-30' -> '2021-12-31'"),
            ("2021-08-01", "note", "talks resumed"),
        ]
    assert ok(dprk_in(repo, "check")).code == 0


@pytest.mark.parametrize("into", ["main", "desk-a"])
def test_a_status_set_by_hand_on_one_side_merges_with_its_own_extent(tmp_path, into):
    """Desk A set a status by hand (implemented, no history); desk B marked the measure
    withdrawn. The merge took our status and their extent (full), a pair no status has:
    check named an extent error besides the conflict, and every 'dprk resolve' the driver
    suggested was refused on it. Our status comes with our extent, and each choice the
    driver names settles it."""
    repo = _desk(tmp_path / "talks")
    ledger = repo / LEDGER
    ok(dprk_in(repo, "add-measure", "Suspend exercises", "--actor", "US", "--id", "ex",
               "--status", "agreed", "--date", "2018-06-12"))  # fmt: skip

    def by_hand() -> None:
        text = ledger.read_text(encoding="utf-8")
        ledger.write_text(
            text.replace('status = "agreed"\n', 'status = "implemented"\n', 1), encoding="utf-8"
        )

    _diverged(
        repo,
        by_hand,
        lambda: ok(dprk_in(repo, "mark", "ex", "withdrawn", "--date", "2018-08-01")),
    )
    ours, theirs = ("withdrawn", "implemented") if into == "main" else ("implemented", "withdrawn")
    other = "desk-a" if into == "main" else "main"
    git(repo, "checkout", "-q", into)
    merged = git(repo, "merge", "--no-edit", other, check=False)
    assert merged.code == 1
    assert (
        f"measure 'ex': unresolved merge conflict on field 'status': ours '{ours}', theirs "
        f"'{theirs}'; settle it with 'dprk resolve ex --field status --take ours|theirs|VALUE'"
    ) in merged.err
    text = ledger.read_text(encoding="utf-8")
    block = text[text.index('id = "ex"') : text.index("[[measures.history]]")]
    assert block == (
        f'id = "ex"\ntitle = "Suspend exercises"\nactor = "US"\nstatus = "{ours}"\n'
        f'conflicts = [\n    {{ field = "status", ours = "{ours}", theirs = "{theirs}" }},\n]\n\n'
    )
    checked = dprk_in(repo, "check", "--format", "json")
    assert checked.code == 1
    carried = [("status-history", "ex")] if into == "desk-a" else []  # (ours had it so)
    assert [(p["check"], p["measure"]) for p in json.loads(checked.out)["problems"]] == [
        *carried,
        ("merge-conflicts", "ex"),
    ]
    before = ledger.read_bytes()
    for take, status in (("ours", ours), ("theirs", theirs), ("withdrawn", "withdrawn")):
        settled = dprk_in(repo, "resolve", "ex", "--field", "status", "--take", take)
        assert settled.code == 0, settled.err
        # (the line and the settlement's entry name the status taken: they named the one
        # the measure had before when the history had to record it)
        took = f"'{status}'" if take == status else f"{take} ('{status}')"
        assert settled.err == f"ex: status: took {took}\n"
        shown = json.loads(ok(dprk_in(repo, "show", "ex", "--format", "json")).out)
        assert shown["status"] == status
        said = [h["detail"] for h in shown["history"] if h["event"] == "resolve"]
        assert said == [f"merge conflict on status settled: took {took}"]
        assert ok(dprk_in(repo, "check")).out == "ok: no problems found\n"
        ok(dprk_in(repo, "undo"))
        assert ledger.read_bytes() == before


@pytest.mark.parametrize("into", ["main", "desk-a"])
def test_a_comment_the_merge_drops_is_counted_either_way_under_the_ledgers_name(tmp_path, into):
    """Desk A wrote a comment in a measure, desk B noted it: the merge writes the measure
    anew. Merged into main, the comment went without a word; merged into desk-a, the
    warning named git's temporary file (.merge_file_...). Either way, it is counted,
    under the ledger's own path (git's %P); a driver set up by an older dprk, without
    it, still merges."""
    repo = _desk(tmp_path / "talks")
    ledger = repo / LEDGER
    ok(dprk_in(repo, "add-measure", "Shut the test site", "--actor", "US", "--id", "pg",
               "--date", "2018-04-20"))  # fmt: skip

    def comment() -> None:
        text = ledger.read_text(encoding="utf-8")
        ledger.write_text(
            text.replace('id = "pg"\n', 'id = "pg"\n# A: check the KCNA wording\n'),
            encoding="utf-8",
        )

    _diverged(
        repo, comment, lambda: ok(dprk_in(repo, "note", "pg", "B note", "--date", "2018-05-01"))
    )
    other = "desk-a" if into == "main" else "main"
    git(repo, "checkout", "-q", into)
    merged = git(repo, "merge", "--no-edit", other, check=False)
    assert merged.code == 0, merged.err
    assert merged.err.startswith(
        "dprk: warning: dprk-ledger.toml: 1 hand-written comment(s) in what the merge changed "
        "were removed (dprk does not keep TOML comments; put remarks in a measure's notes)\n"
    ), merged.err
    assert "# A:" not in ledger.read_text(encoding="utf-8")
    assert ok(dprk_in(repo, "check")).out == "ok: no problems found\n"
    assert "B note" in ok(dprk_in(repo, "log", "pg")).out
    git(repo, "reset", "-q", "--hard", "HEAD~1")
    git(repo, "config", "merge.dprk.driver", "dprk merge-driver %O %A %B")  # (an older set-up)
    merged = git(repo, "merge", "--no-edit", other, check=False)
    assert merged.code == 0, merged.err
    assert ": 1 hand-written comment(s) in what the merge changed were removed" in merged.err
    assert "B note" in ok(dprk_in(repo, "log", "pg")).out


@pytest.mark.parametrize("into", ["main", "desk-a"])
def test_a_side_with_a_toml_syntax_error_is_named_with_advice_that_works(tmp_path, into):
    """Desk A left a quote open; desk B marked another measure. The driver named git's
    temporary file (.merge_file_...), and check said the driver did not run, advising to
    abort and merge again, which failed the same way. Both name the ledger, the side
    and the line, and say how to merge by hand; doing so merges."""
    repo = _desk(tmp_path / "talks")
    ledger = repo / LEDGER
    ok(dprk_in(repo, "add-measure", "Shut the test site", "--actor", "US", "--id", "pg",
               "--date", "2018-04-20"))  # fmt: skip
    ok(dprk_in(repo, "add-measure", "Suspend exercises", "--actor", "US", "--id", "ex",
               "--date", "2018-06-12"))  # fmt: skip

    def broken() -> None:
        text = ledger.read_text(encoding="utf-8")
        ledger.write_text(text.replace('"Shut the test site"\n', '"Shut the test site\n'))

    _diverged(
        repo,
        broken,
        lambda: ok(dprk_in(repo, "mark", "ex", "implemented", "--date", "2018-06-18")),
    )
    other = "desk-a" if into == "main" else "main"
    git(repo, "checkout", "-q", into)
    before = ledger.read_bytes()
    merged = git(repo, "merge", "--no-edit", other, check=False)
    assert merged.code == 1
    side, whose = (
        ("theirs", "the branch being merged") if into == "main" else ("ours", "your branch")
    )
    said = merged.err.splitlines()[0]
    assert said.startswith(
        f"dprk: error: dprk-ledger.toml: the ledger of {whose} ({side}): line "
    ), said
    assert "TOML syntax error" in said and "merge_file" not in said
    assert ledger.read_bytes() == before
    checked = dprk_in(repo, "check")
    assert (checked.code, checked.err) == (1, "")
    assert checked.out.splitlines()[0] == said.replace("dprk: ", "", 1) + " [file]"
    if side == "theirs":
        assert "fix the error on the branch being merged and merge again" in said
        fixed = git(repo, "show", f":3:{LEDGER}").out
        (repo / "theirs.toml").write_text(fixed.replace("test site\n", 'test site"\n', 1))
        (repo / "base.toml").write_text(git(repo, "show", f":1:{LEDGER}").out)
    else:
        assert "fix the error in dprk-ledger.toml (your side, as git left it)" in said
        text = ledger.read_text(encoding="utf-8")
        ledger.write_text(text.replace("test site\n", 'test site"\n', 1))
        (repo / "theirs.toml").write_text(git(repo, "show", f":3:{LEDGER}").out)
        (repo / "base.toml").write_text(git(repo, "show", f":1:{LEDGER}").out)
    for step in ("'git show :1:", "'git show :3:", "'dprk merge-driver base.toml dprk-ledger.toml "
                 "theirs.toml'", "'git add dprk-ledger.toml' and 'dprk check'"):  # fmt: skip
        assert step in said
    # (the files of the merge by hand were left in the work tree, for a 'git add -A')
    assert said.endswith("'dprk check', and delete base.toml and theirs.toml")
    ok(dprk_in(repo, "merge-driver", "base.toml", LEDGER, "theirs.toml"))
    git(repo, "add", LEDGER)
    assert ok(dprk_in(repo, "check")).out == "ok: no problems found\n"
    (repo / "base.toml").unlink()
    (repo / "theirs.toml").unlink()
    assert "??" not in git(repo, "status", "--porcelain").out  # (nothing left behind)
    shown = json.loads(ok(dprk_in(repo, "status", "--format", "json")).out)["measures"]
    assert {m["id"]: m["status"] for m in shown} == {"ex": "implemented", "pg": "proposed"}


def test_a_conflict_settled_two_ways_then_merged_criss_cross_is_a_conflict(tmp_path):
    """Desk a merged main and kept main's deadline; desk b merged a's first commit and
    kept a's. Merging the two, git's base is the merge of the first two commits, itself
    in conflict: the merge was clean, took main's deadline, and the history's settlement
    recorded last said a's; check said ok, and a later redate flipped it."""
    repo = _desk(tmp_path / "talks")
    tick = iter(range(1700000100, 1700000200))

    def run(*args: str) -> None:
        ok(dprk_in(repo, *args, epoch=next(tick)))

    run("add-measure", "X", "--actor", "US", "--id", "x", "--date", "2020-01-01")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    for branch, deadline in (("a", "2020-07-01"), ("main", "2020-08-01")):
        git(repo, "checkout", "-q", *(["-b", "a"] if branch == "a" else ["main"]))
        run("edit", "x", "--deadline", deadline, "--date", "2020-03-01")
        git(repo, "commit", "-q", "-am", branch)
    git(repo, "checkout", "-q", "a")
    git(repo, "merge", "-q", "main", "-m", "a merges main", check=False)
    run("resolve", "x", "--field", "deadline", "--take", "theirs")
    git(repo, "commit", "-q", "-am", "a merges main")
    git(repo, "checkout", "-q", "-b", "b", "main")
    git(repo, "merge", "-q", "a~1", "-m", "b merges a", check=False)
    run("resolve", "x", "--field", "deadline", "--take", "theirs")
    git(repo, "commit", "-q", "-am", "b merges a")
    merged = git(repo, "merge", "--no-edit", "a", check=False)
    assert merged.code == 1
    assert (
        "unresolved merge conflict on field 'deadline': ours '2020-07-01', theirs '2020-08-01'"
    ) in merged.err + merged.out
    assert dprk_in(repo, "check").code == 1


def _settled_two_ways(
    tmp_path: Path,
    on_o: tuple[str, ...],
    on_main: tuple[str, ...],
    x: tuple[str, ...],
    y: tuple[str, ...],
    o_first: bool = False,
) -> tuple[Path, Callable[..., None]]:
    """A repository where branch o and main each made a change that conflicts; desk x
    merged o into main and settled it (`x`), desk y merged main into o and settled it
    (`y`): merging x and y is a criss-cross merge. The repository (on y), and how the
    test runs dprk there (each command a moment after the last). git merges the two
    merge bases into one in the order of their dates: main's change is committed first
    unless `o_first`."""
    repo = init_repo(tmp_path / "talks")
    tick = iter(range(1700000100, 1700000200))

    def run(*args: str) -> None:
        ok(dprk_in(repo, *args, epoch=next(tick)))

    git(repo, "branch", "o")
    changes = (("main", on_main), ("o", on_o))
    for branch, change in reversed(changes) if o_first else changes:
        git(repo, "checkout", "-q", branch)
        run(*change)
        git(repo, "commit", "-q", "-am", branch)
    for desk, start, other, settle in (("x", "main", "o", x), ("y", "o", "main", y)):
        git(repo, "checkout", "-q", "-b", desk, start)
        git(repo, "merge", "-q", other, check=False)
        run(*settle)
        git(repo, "commit", "-q", "-am", desk)
    return repo, run


@pytest.mark.parametrize("o_first", [False, True])
@pytest.mark.parametrize("same", [False, True])
def test_an_id_settled_two_ways_then_merged_criss_cross_is_one_measure(tmp_path, same, o_first):
    """Renamed two ways; desk x settled on main's id, desk y on o's. Merged, the measure
    was there twice, under both ids, and counted twice in every report; the one conflict
    said it was removed on one side. Settled the same way, it merges cleanly, whichever
    of the two merge bases is older: with o's the older, git's merge of the bases holds
    the id under o's, and the merge took desk y's settlement, found both by its rename
    and by the conflict it settled, for two claims on the measure, and kept neither
    (the id in conflict, and the measure removed on one side)."""
    repo, run = _settled_two_ways(
        tmp_path,
        ("rename", "pompeo-pyongyang-visit", "p-o"),
        ("rename", "pompeo-pyongyang-visit", "p-m"),
        ("resolve", "p-m", "--field", "id", "--take", "ours"),  # (p-m)
        ("resolve", "p-o", "--field", "id", "--take", "theirs" if same else "ours"),
        o_first=o_first,
    )
    merged = git(repo, "merge", "--no-edit", "x", check=False)
    ids = ok(dprk_in(repo, "status", "--format", "ids")).out.split()
    visits = [i for i in ids if i.startswith("p-")]
    if same:
        assert merged.code == 0, merged.err
        assert visits == ["p-m"]
        assert dprk_in(repo, "check").code == 0
        return
    assert merged.code == 1
    assert visits == ["p-o"]
    check = dprk_in(repo, "check")
    assert check.code == 1
    assert "p-o: its id is in conflict: 'p-o' in ours, 'p-m' in theirs" in check.out
    assert "removed on one side" not in check.out
    run("resolve", "p-o", "--field", "id", "--take", "theirs")
    ids = ok(dprk_in(repo, "status", "--format", "ids")).out.split()
    assert [i for i in ids if i.startswith("p-")] == ["p-m"]
    assert dprk_in(repo, "check").code == 0


@pytest.mark.parametrize("o_first", [False, True])
@pytest.mark.parametrize("same", [False, True])
def test_a_party_settled_two_ways_then_merged_criss_cross_is_a_conflict(tmp_path, same, o_first):
    """Renamed two ways; desk x settled on SK, desk y on RK. Merged, the party was RK
    without a word: desk x's settlement was dropped, where a title so is a conflict.
    Settled the same way, the merge warned twice that each side renamed the party to
    a name the other side had added, 'they are one party now', advising to set apart
    what was one party renamed alike on both sides."""
    repo, run = _settled_two_ways(
        tmp_path,
        ("rename-party", "ROK", "RK"),
        ("rename-party", "ROK", "SK"),
        ("resolve", "--field", "party", "--take", "ours"),  # (SK)
        ("resolve", "--field", "party", "--take", "theirs" if same else "ours"),
        o_first=o_first,
    )
    git(repo, "checkout", "-q", "x")
    merged = git(repo, "merge", "--no-edit", "y", check=False)
    parties = json.loads(ok(dprk_in(repo, "status", "--format", "json")).out)["parties"]
    if same:
        assert merged.code == 0, merged.err
        assert "one party now" not in merged.err + merged.out  # (renamed alike, none added)
        assert sorted(parties) == ["DPRK", "SK", "US"]
        assert dprk_in(repo, "check").code == 0
        return
    assert merged.code == 1
    assert sorted(parties) == ["DPRK", "SK", "US"]
    check = dprk_in(repo, "check")
    assert check.code == 1
    assert "conflict on field 'party': ours 'SK', theirs 'RK'" in check.out
    run("resolve", "--field", "party", "--take", "theirs")
    parties = json.loads(ok(dprk_in(repo, "status", "--format", "json")).out)["parties"]
    assert sorted(parties) == ["DPRK", "RK", "US"]
    assert dprk_in(repo, "check").code == 0


@pytest.mark.parametrize("o_first", [False, True])
def test_an_order_settled_two_ways_then_merged_criss_cross_is_a_conflict(tmp_path, o_first):
    """Together on one branch, the order removed on the other; desk x settled on the
    `with`, desk y on no order. Merged either way, the merge was clean and the order
    gone: desk x's settlement was dropped without a word, where a title so is a
    conflict."""
    ident, other = "inventory-submission", "end-of-war-declaration"
    repo, run = _settled_two_ways(
        tmp_path,
        ("sequence", ident, "--with", other, "--date", "2018-09-20"),
        ("sequence", ident, "--remove", other, "--date", "2018-09-20"),
        ("resolve", ident, "--field", f"constraints.{other}", "--take", "theirs"),  # (with)
        ("resolve", ident, "--field", f"constraints.{other}", "--take", "theirs"),  # (none)
        o_first=o_first,
    )
    for desk, into, ours in (("x", "y", "together with"), ("y", "x", "-")):
        git(repo, "checkout", "-q", desk)
        merged = git(repo, "merge", "--no-edit", into, check=False)
        assert merged.code == 1, merged.out
        check = dprk_in(repo, "check")
        assert check.code == 1
        assert f"{ident}: unresolved merge conflict on field 'constraints.{other}'" in check.out
        shown = json.loads(ok(dprk_in(repo, "show", ident, "--format", "json")).out)
        orders = [c["with"] for c in shown["constraints"] if c["with"]]
        assert orders == ([other] if ours != "-" else [])  # (ours, until settled)
        run("resolve", ident, "--field", f"constraints.{other}", "--take", "theirs")
        assert dprk_in(repo, "check").code == 0
        git(repo, "merge", "--abort")


def test_a_criss_cross_merge_says_nothing_of_the_base_git_merges_first(tmp_path):
    """Desk x committed a title conflict unsettled, desk y settled it; merging the two,
    git first merges their common ancestors into a base, with the driver: its conflict
    message was printed ("unresolved merge conflict on field 'title'"), though the merge
    was clean, and following it failed ("has no unresolved merge conflicts")."""
    repo = init_repo(tmp_path / "talks")
    assert git(repo, "config", "merge.dprk.recursive").out.strip() == "dprk-base"
    assert git(repo, "config", "merge.dprk-base.driver").out.strip() == (
        "dprk merge-driver --quiet %O %A %B %P"
    )
    tick = iter(range(1700000100, 1700000200))

    def run(*args: str) -> None:
        ok(dprk_in(repo, *args, epoch=next(tick)))

    git(repo, "checkout", "-q", "-b", "o")
    run("edit", "second-summit", "--title", "T-O")
    git(repo, "commit", "-q", "-am", "o")
    git(repo, "checkout", "-q", "main")
    run("edit", "second-summit", "--title", "T-M")
    git(repo, "commit", "-q", "-am", "m")
    git(repo, "checkout", "-q", "-b", "x")
    git(repo, "merge", "-q", "o", check=False)
    git(repo, "commit", "-q", "-am", "x, unsettled")
    git(repo, "checkout", "-q", "-b", "y", "o")
    git(repo, "merge", "-q", "main", check=False)
    run("resolve", "second-summit", "--field", "title", "--take", "T-Y")
    git(repo, "commit", "-q", "-am", "y")
    git(repo, "checkout", "-q", "x")
    merged = git(repo, "merge", "--no-edit", "y", check=False)
    assert merged.code == 0, merged.err
    assert "conflict" not in merged.err + merged.out
    shown = json.loads(ok(dprk_in(repo, "show", "second-summit", "--format", "json")).out)
    assert shown["title"] == "T-Y"
    assert dprk_in(repo, "check").code == 0


def test_the_resolve_a_merge_suggests_names_a_ledger_not_found_by_default(tmp_path):
    """A ledger kept in a subfolder under its own name: the driver's suggested 'dprk
    resolve' had no --ledger, so run where git runs (the repository's top) it found no
    ledger. It now names the ledger, quoted for the shell, and works as printed."""
    repo = tmp_path / "talks"
    repo.mkdir()
    git(repo, "-c", "init.defaultBranch=main", "init", "-q")
    place = "desk notes/korea.toml"
    (repo / "desk notes").mkdir()
    ok(dprk_in(repo, "--ledger", place, "init", "--title", "T", "--party", "US"))
    ok(dprk_in(repo, "--ledger", place, "git-setup"))
    ok(dprk_in(repo, "--ledger", place, "add-measure", "Shut the site", "--actor", "US",
               "--id", "pg", "--date", "2018-04-20"))  # fmt: skip
    _diverged(
        repo,
        lambda: ok(dprk_in(repo, "--ledger", place, "edit", "pg", "--title", "Close the site")),
        lambda: ok(dprk_in(repo, "--ledger", place, "edit", "pg", "--title", "Blow up the site")),
    )
    merged = git(repo, "merge", "--no-edit", "desk-a", check=False)
    assert merged.code == 1
    whole = repo.resolve() / place  # (named from anywhere: see the test after this one)
    suggested = f"'dprk --ledger \"{whole}\" resolve pg --field title --take ours|theirs|VALUE'"
    assert (
        f"dprk: merged {place} with 1 conflict ('dprk --ledger \"{whole}\" check' lists them, "
        f"'dprk --ledger \"{whole}\" resolve' settles each):\n"
    ) in merged.err
    assert suggested in merged.err, merged.err
    assert "'dprk resolve" not in merged.err
    settled = shell(
        'dprk --ledger "desk notes/korea.toml" resolve pg --field title --take theirs', cwd=repo
    )
    assert settled.code == 0, settled.err
    assert (
        ok(dprk_in(repo, "--ledger", place, "show", "pg", "--format", "json")).out.count(
            '"title": "Close the site"'
        )
        == 1
    )
    assert ok(dprk_in(repo, "--ledger", place, "check")).out == "ok: no problems found\n"


def test_the_commands_a_merge_advises_work_from_the_folder_the_merge_was_typed_in(tmp_path):
    """The ledger in a subfolder ('Nuclear talks/한반도 2018/dprk-ledger.toml'), and git
    merge typed there: the driver advised 'dprk --ledger "Nuclear talks/..." resolve',
    a path from the repository's top, which run where the user is failed ('folder ...
    does not exist'). The ledger is named by its whole path: the advice works as
    printed, there and at the top."""
    repo = tmp_path / "talks"
    folder = repo / "Nuclear talks" / "한반도 2018"
    folder.mkdir(parents=True)
    git(repo, "-c", "init.defaultBranch=main", "init", "-q")
    ok(dprk_in(folder, "init", "--title", "T", "--party", "US"))
    ok(dprk_in(folder, "git-setup"))
    ok(dprk_in(folder, "add-measure", "Shut the site", "--actor", "US", "--id", "pg",
               "--date", "2018-04-20"))  # fmt: skip
    _diverged(
        repo,
        lambda: ok(dprk_in(folder, "edit", "pg", "--title", "Close the site")),
        lambda: ok(dprk_in(folder, "edit", "pg", "--title", "Blow up the site")),
    )
    merged = git(folder, "merge", "--no-edit", "desk-a", check=False)
    assert merged.code == 1, merged.err
    whole = folder.resolve() / "dprk-ledger.toml"
    found = re.search(r"settle it with '([^']*)'", merged.err)
    assert found is not None, merged.err
    assert found[1] == (
        f'dprk --ledger "{whole}" resolve pg --field title --take ours|theirs|VALUE'
    )
    listed = re.search(r"\('([^']*)' lists them", merged.err)
    assert listed is not None and listed[1] == f'dprk --ledger "{whole}" check'
    assert shell(listed[1], cwd=repo).code == 1  # (the conflict listed, from the top)
    settled = shell(found[1].replace("ours|theirs|VALUE", "theirs"), cwd=folder)
    assert settled.code == 0, settled.err
    assert shell(listed[1], cwd=folder).out == "ok: no problems found\n"
    shown = json.loads(ok(dprk_in(folder, "show", "pg", "--format", "json")).out)
    assert shown["title"] == "Close the site"


def test_a_merge_the_driver_did_not_run_is_seen_in_a_worktree_of_its_own(tmp_path):
    """In a work tree made by 'git worktree add', '.git' is a file naming the git folder:
    the merge under way there is seen all the same."""
    repo = _desk(tmp_path / "talks")
    ok(dprk_in(repo, "add-measure", "Shut the site", "--actor", "US", "--id", "pg",
               "--date", "2018-04-20"))  # fmt: skip
    _diverged(
        repo,
        lambda: ok(dprk_in(repo, "note", "pg", "A note", "--date", "2018-05-01")),
        lambda: ok(dprk_in(repo, "note", "pg", "B note", "--date", "2018-05-02")),
    )
    tree = tmp_path / "second desk"
    git(repo, "worktree", "add", "-q", "-b", "two", str(tree), "main")
    assert (tree / ".git").is_file()
    git(repo, "config", "merge.dprk.driver", "false")
    assert git(tree, "merge", "--no-edit", "desk-a", check=False).code != 0
    status = dprk_in(tree, "status", "--format", "ids", process=True)
    assert status.code == 0 and status.out == "pg\n"
    assert status.err.startswith(
        "dprk: warning: dprk-ledger.toml: git is merging it and it holds your side alone"
    ), status.err
    assert dprk_in(tree, "check").code == 1
    assert dprk_in(repo, "status", "--format", "ids", process=True).err == ""  # (not merging)


@pytest.mark.parametrize(
    ("renames", "summit"),
    [
        ([["rename", "second-summit", "hanoi-summit"], ["remove", "missile-parade-restraint"]],
         "hanoi-summit"),
        ([["rename", "second-summit", "hanoi-summit"],
          ["rename", "pompeo-pyongyang-visit", "second-summit"]], "hanoi-summit"),
        ([["rename", "second-summit", "t"], ["rename", "pompeo-pyongyang-visit", "second-summit"],
          ["rename", "t", "pompeo-pyongyang-visit"]], "pompeo-pyongyang-visit"),
    ],
    ids=["renamed-and-another-removed", "old-id-given-to-another", "two-ids-swapped"],
)  # fmt: skip
def test_a_change_merges_into_the_measure_the_other_side_renamed(repo, renames, summit):
    """The measures of the example were written in one second, and a rename was known
    only by the entries a measure held: renamed beside a removal, the summit was taken for
    the removed parade, and Alice's note on the parade landed on it; its old id given to
    another measure (or two ids swapped), Alice's mark of the summit landed on the other
    one. Each with a clean merge and a clean check."""
    git(repo, "switch", "-q", "-c", "bob")
    for n, change in enumerate(renames, 10):
        ok(dprk_in(repo, *change, epoch=1700000000 + n))
    git(repo, "commit", "-q", "-am", "Bob renames")
    git(repo, "switch", "-q", "main")
    ok(dprk_in(repo, "mark", "second-summit", "implemented", "--date", "2019-02-28"))
    ok(dprk_in(repo, "note", "missile-parade-restraint", "parade note", "--date", "2018-09-10"))
    git(repo, "commit", "-q", "-am", "Alice")
    git(repo, "merge", "--no-edit", "bob", check=False)
    merged = read_ledger(repo / LEDGER).index()
    assert merged[summit].title == "US holds a second Trump–Kim summit"
    assert merged[summit].status.value == "implemented"
    assert "parade note" not in {h.note for h in merged[summit].history}
    parade = merged["missile-parade-restraint"]  # (removed by Bob, noted by Alice: a conflict)
    removed = ["remove", "missile-parade-restraint"] in renames
    assert [c.field for c in parade.conflicts] == (["measure"] if removed else [])
    assert "parade note" in {h.note for h in parade.history}
    visit = next(m for m in merged.values() if m.title.startswith("US Secretary of State Pompeo"))
    assert visit.status.value == "proposed"


@pytest.mark.parametrize(
    ("bob", "alice"),
    [
        (["verify", "pompeo-pyongyang-visit", "--by", "DPRK", "--date", "2018-10-10"],
         ["edit", "pompeo-pyongyang-visit", "--actor", "DPRK", "--date", "2018-10-01"]),
        (["verify", "pompeo-pyongyang-visit", "--by", "IAEA", "--date", "2018-10-10",
          "--method", "sampling"],
         ["verify", "pompeo-pyongyang-visit", "--by", "iaea", "--date", "2018-10-10",
          "--method", "imagery"]),
    ],
    ids=["finding-by-the-actor-one-side-made", "one-finding-told-two-ways"],
)  # fmt: skip
def test_findings_the_merge_would_make_unsound_are_a_history_conflict(repo, bob, alice):
    """A finding by DPRK on one side, the measure handed to DPRK before it on the other:
    merged cleanly, the visit stood verified by its own actor, which 'verify' and a
    hand-over each refuse, and check said nothing; one finding recorded on each side with
    its own method was kept twice."""
    ok(dprk_in(repo, "mark", "pompeo-pyongyang-visit", "implemented", "--date", "2018-10-07"))
    git(repo, "commit", "-q", "-am", "visit")
    git(repo, "switch", "-q", "-c", "bob")
    ok(dprk_in(repo, *bob, epoch=1700000010))
    git(repo, "commit", "-q", "-am", "Bob")
    git(repo, "switch", "-q", "main")
    ok(dprk_in(repo, *alice, epoch=1700000020))
    git(repo, "commit", "-q", "-am", "Alice")
    assert git(repo, "merge", "--no-edit", "bob", check=False).code != 0
    visit = read_ledger(repo / LEDGER).index()["pompeo-pyongyang-visit"]
    assert [c.field for c in visit.conflicts] == ["history"]
    assert len(visit.verifications) == (0 if bob[3] == "DPRK" else 1)  # (ours, until settled)
    checked = dprk_in(repo, "check")
    assert checked.code == 1 and "[merge-conflicts]" in checked.out
    settled = dprk_in(repo, "resolve", "pompeo-pyongyang-visit", "--field", "history",
                      "--take", "theirs")  # fmt: skip
    assert settled.code == 0, settled.err
    assert dprk_in(repo, "check").code == 0


def test_a_merge_each_side_of_which_is_sound_but_not_the_two_is_not_committed(repo):
    """Bob made the summit a part of the guarantees, Alice the guarantees a part of the
    summit: git committed the merge, and check then found a measure that is a part of
    itself; its advice ('dprk edit ID --no-part-of') was refused, as the cycle stood on the
    days before. The merge now stops for the mending, and the advice works."""
    git(repo, "switch", "-q", "-c", "bob")
    ok(dprk_in(repo, "edit", "second-summit", "--part-of", "security-guarantees",
               "--date", "2018-09-12", epoch=1700000010))  # fmt: skip
    git(repo, "commit", "-q", "-am", "Bob")
    git(repo, "switch", "-q", "main")
    ok(dprk_in(repo, "edit", "security-guarantees", "--part-of", "second-summit",
               "--date", "2018-09-12", epoch=1700000020))  # fmt: skip
    git(repo, "commit", "-q", "-am", "Alice")
    merged = git(repo, "merge", "--no-edit", "bob", check=False)
    assert merged.code != 0
    assert "the two sides together break 2 rules of 'dprk check'" in merged.out + merged.err
    assert git(repo, "status", "--porcelain").out.startswith("UU ")
    checked = dprk_in(repo, "check")
    assert checked.code == 1 and "[parts]" in checked.out
    advice = re.search(r"'dprk (edit ID --no-part-of --date [\d-]+)'", checked.out)
    assert advice is not None
    command = advice.group(1).replace("ID", "second-summit").split()
    ok(dprk_in(repo, *command, epoch=1700000030))
    assert dprk_in(repo, "check").code == 0
    git(repo, "commit", "-q", "-am", "merged")


def test_a_measure_in_conflict_can_be_renamed_its_conflict_with_it(repo):
    """Renaming a measure with a title conflict was refused, and the refusal advised
    'dprk resolve' of the new id, which did not exist: a change carries a conflict, and
    never makes one."""
    git(repo, "switch", "-q", "-c", "bob")
    ok(dprk_in(repo, "edit", "second-summit", "--title", "T1", "--date", "2018-09-11"))
    git(repo, "commit", "-q", "-am", "Bob")
    git(repo, "switch", "-q", "main")
    ok(dprk_in(repo, "edit", "second-summit", "--title", "T2", "--date", "2018-09-11"))
    git(repo, "commit", "-q", "-am", "Alice")
    assert git(repo, "merge", "--no-edit", "bob", check=False).code != 0
    renamed = dprk_in(repo, "rename", "second-summit", "hanoi-summit", epoch=1700000010)
    assert (renamed.code, renamed.err) == (0, "second-summit: renamed hanoi-summit\n")
    summit = read_ledger(repo / LEDGER).index()["hanoi-summit"]
    assert [c.field for c in summit.conflicts] == ["title"]
    settled = dprk_in(repo, "resolve", "hanoi-summit", "--field", "title", "--take", "ours")
    assert settled.err == "hanoi-summit: title: took ours ('T2')\n"
    assert dprk_in(repo, "check").code == 0


def test_settling_a_history_conflict_keeps_what_was_recorded_since_the_merge(repo):
    """The same finding told two ways on two branches, a history conflict; then the
    visit reversed and renamed before settling: '--take theirs' dropped the reversal and
    the rename's record (the visit stood verified again, and diff saw it added)."""
    ok(dprk_in(repo, "mark", "pompeo-pyongyang-visit", "implemented", "--date", "2018-10-07"))
    git(repo, "commit", "-q", "-am", "visit")
    git(repo, "switch", "-q", "-c", "bob")
    ok(dprk_in(repo, "verify", "pompeo-pyongyang-visit", "--by", "IAEA", "--date", "2018-10-10",
               "--method", "sampling", epoch=1700000010))  # fmt: skip
    git(repo, "commit", "-q", "-am", "Bob")
    git(repo, "switch", "-q", "main")
    ok(dprk_in(repo, "verify", "pompeo-pyongyang-visit", "--by", "IAEA", "--date", "2018-10-10",
               "--method", "imagery", epoch=1700000020))  # fmt: skip
    git(repo, "commit", "-q", "-am", "Alice")
    assert git(repo, "merge", "--no-edit", "bob", check=False).code != 0
    ok(dprk_in(repo, "mark", "pompeo-pyongyang-visit", "reversed", "--date", "2018-11-01",
               epoch=1700000030))  # fmt: skip
    ok(dprk_in(repo, "rename", "pompeo-pyongyang-visit", "visit", epoch=1700000040))
    settled = dprk_in(repo, "resolve", "visit", "--field", "history", "--take", "theirs")
    assert settled.code == 0, settled.err
    visit = read_ledger(repo / LEDGER).index()["visit"]
    assert visit.status.value == "reversed"
    assert [v.method for v in visit.verifications] == ["sampling"]
    details = [h.detail for h in visit.history]
    assert "reversed" in details and "renamed from pompeo-pyongyang-visit" in details
    assert dprk_in(repo, "check").code == 0
    renamed = json.loads(ok(dprk_in(repo, "diff", "HEAD", "--format", "json")).out)
    assert [(m["id"], m["change"]) for m in renamed["measures"]] == [("visit", "renamed")]


def test_a_rename_to_the_id_of_a_measure_removed_on_that_side_keeps_both_apart(repo):
    """Bob removed the parade and gave its id to the summit; Alice marked the summit and
    noted the parade: her note went into the summit, the summit's step stayed on a
    leftover measure said to be removed, and settling that conflict lost it."""
    git(repo, "switch", "-q", "-c", "bob")
    ok(dprk_in(repo, "remove", "missile-parade-restraint", epoch=1700000010))
    ok(dprk_in(repo, "rename", "second-summit", "missile-parade-restraint", epoch=1700000012))
    git(repo, "commit", "-q", "-am", "Bob")
    git(repo, "switch", "-q", "main")
    ok(dprk_in(repo, "mark", "second-summit", "implemented", "--date", "2019-02-28"))
    ok(dprk_in(repo, "note", "missile-parade-restraint", "parade note", "--date", "2018-09-10"))
    git(repo, "commit", "-q", "-am", "Alice")
    assert git(repo, "merge", "--no-edit", "bob", check=False).code != 0
    merged = read_ledger(repo / LEDGER).index()
    summit = merged["missile-parade-restraint"]
    assert summit.title == "US holds a second Trump–Kim summit"
    assert summit.status.value == "implemented" and not summit.conflicts
    assert "parade note" not in {h.note for h in summit.history}
    (parade,) = [m for m in merged.values() if "parade" in m.title]
    assert parade.id == "missile-parade-restraint-1"
    assert [c.field for c in parade.conflicts] == ["measure"]
    assert "parade note" in {h.note for h in parade.history}
    ok(dprk_in(repo, "resolve", parade.id, "--field", "measure", "--take", "theirs"))
    assert dprk_in(repo, "check").code == 0
    assert read_ledger(repo / LEDGER).index()["missile-parade-restraint"].status.value == (
        "implemented"
    )


def test_a_revert_of_a_hand_over_leaves_the_actor_the_history_gives(tmp_path):
    """A hand-over on a desk (to DPRK, 5 Oct.) merged beside one on main (to ROK, 1 Oct.),
    then `git revert` of the desk's commit: merged field by field, the actor went back to
    the US, from before both, while the history kept the hand-over to ROK, and the merge
    stopped on that; the edit left also named ROK as the value before it."""
    repo = _desk(tmp_path / "talks")
    ok(dprk_in(repo, "add-party", "DPRK"))
    ok(dprk_in(repo, "add-party", "ROK"))
    ok(dprk_in(repo, "add-measure", "Summit", "--id", "summit", "--actor", "US",
               "--date", "2018-09-01"))  # fmt: skip

    def hand_over(party: str, day: str) -> Callable[[], None]:
        return lambda: ok(dprk_in(repo, "edit", "summit", "--actor", party, "--date", day))

    _diverged(repo, hand_over("DPRK", "2018-10-05"), hand_over("ROK", "2018-10-01"))
    assert git(repo, "merge", "-q", "--no-edit", "desk-a").code == 0
    reverted = git(repo, "revert", "--no-edit", "desk-a", check=False)
    assert reverted.code == 0, reverted.err
    shown = json.loads(dprk_in(repo, "show", "summit", "--format", "json").out)
    assert shown["actor"] == "ROK"
    edits = [(h["date"], h["detail"]) for h in shown["history"] if h["event"] == "edit"]
    assert edits == [("2018-10-01", "actor: 'US' -> 'ROK'")]
    assert dprk_in(repo, "check").out == "ok: no problems found\n"
    # reverted in turn: the desk's hand-over, dated last, is in force again
    assert git(repo, "revert", "--no-edit", "HEAD").code == 0
    shown = json.loads(dprk_in(repo, "show", "summit", "--format", "json").out)
    assert shown["actor"] == "DPRK"
    edits = [(h["date"], h["detail"]) for h in shown["history"] if h["event"] == "edit"]
    assert edits == [
        ("2018-10-01", "actor: 'US' -> 'ROK'"),
        ("2018-10-05", "actor: 'ROK' -> 'DPRK'"),
    ]


def test_a_revert_of_the_first_of_two_hand_overs_rewords_the_one_left(tmp_path):
    repo = _desk(tmp_path / "talks")
    ok(dprk_in(repo, "add-party", "DPRK"))
    ok(dprk_in(repo, "add-party", "ROK"))
    ok(dprk_in(repo, "add-measure", "Summit", "--id", "summit", "--actor", "US",
               "--date", "2018-09-01"))  # fmt: skip
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    for party, day in (("ROK", "2018-10-01"), ("DPRK", "2018-10-05")):
        ok(dprk_in(repo, "edit", "summit", "--actor", party, "--date", day))
        git(repo, "commit", "-q", "-am", party)
    assert git(repo, "revert", "--no-edit", "HEAD~1").code == 0
    shown = json.loads(dprk_in(repo, "show", "summit", "--format", "json").out)
    assert shown["actor"] == "DPRK"
    edits = [(h["date"], h["detail"]) for h in shown["history"] if h["event"] == "edit"]
    assert edits == [("2018-10-05", "actor: 'US' -> 'DPRK'")]
    assert dprk_in(repo, "check").out == "ok: no problems found\n"


@pytest.mark.parametrize("ticking", [False, True])
def test_an_entry_one_side_recorded_twice_is_kept_twice(tmp_path, ticking):
    """One desk handed the summit to the ROK, back to the US and to the ROK again, all
    dated 1 October (and noted a call twice); the other desk noted something else on it.
    The merge kept each repeated entry once, as if both desks had recorded it: the last
    hand-over was gone, the summit the US's again, and `check` said nothing. An entry
    both sides hold is kept once; one side's repeats are that side's, kept as many times."""
    repo = init_repo(tmp_path / "talks")
    tick = iter(range(1700000100, 1700000200))

    def run(*args: str) -> None:
        ok(dprk_in(repo, *args, epoch=next(tick) if ticking else 1700000100))

    git(repo, "checkout", "-q", "-b", "desk-b")
    run("note", "second-summit", "B note", "--date", "2018-10-02")
    git(repo, "commit", "-q", "-am", "b")
    git(repo, "checkout", "-q", "main")
    for actor in ("ROK", "US", "ROK"):
        run("edit", "second-summit", "--actor", actor, "--date", "2018-10-01")
    for _ in range(2):
        run("note", "second-summit", "Envoy call", "--date", "2018-10-01")
    git(repo, "commit", "-q", "-am", "a")
    merged = git(repo, "merge", "--no-edit", "desk-b", check=False)
    assert merged.code == 0, merged.err
    shown = json.loads(ok(dprk_in(repo, "show", "second-summit", "--format", "json")).out)
    assert shown["actor"] == "ROK"
    edits = [e["detail"] for e in shown["history"] if e["event"] == "edit"]
    assert edits == ["actor: 'US' -> 'ROK'", "actor: 'ROK' -> 'US'", "actor: 'US' -> 'ROK'"]
    notes = [e["note"] for e in shown["history"] if e["event"] == "note"]
    assert notes.count("Envoy call") == 2 and notes.count("B note") == 1
    assert dprk_in(repo, "check").code == 0


def test_a_link_and_a_part_of_made_on_two_branches_are_mended_as_advised(repo):
    """One analyst links two measures, the other makes one a part of the other, on the
    same day: the merge and check advised 'dprk unlink A B' or 'dprk edit A --no-part-of',
    each refused (ended today, the days between stayed as they were). The advice names the
    day both began, and, followed, leaves check clean."""
    a, b = "missile-parade-restraint", "security-guarantees"
    git(repo, "checkout", "-q", "-b", "bob")
    ok(dprk_in(repo, "link", a, b, "--date", "2018-09-18"))
    git(repo, "commit", "-q", "-am", "Bob links")
    git(repo, "checkout", "-q", "main")
    ok(dprk_in(repo, "edit", a, "--part-of", b, "--date", "2018-09-18"))
    git(repo, "commit", "-q", "-am", "Alice makes it a part")
    merged = git(repo, "merge", "-q", "bob", check=False)
    assert merged.code == 1
    checked = dprk_in(repo, "check")
    assert checked.code == 1
    advice = (
        f"remove one of the two with 'dprk unlink {a} {b} --date 2018-09-18' or 'dprk edit "
        f"{a} --no-part-of --date 2018-09-18'"
    )
    assert advice in checked.out
    before = (repo / LEDGER).read_bytes()
    undated = dprk_in(repo, "unlink", a, b)
    assert undated.code == 1 and (repo / LEDGER).read_bytes() == before
    ok(dprk_in(repo, "unlink", a, b, "--date", "2018-09-18"))
    assert dprk_in(repo, "check").code == 0


def _link_settled_apart(tmp_path) -> Path:
    """Measures a (X) and b (Y), linked on 1 February 2018. Desk A ended the link on
    1 March and marked both implemented on 9 March; main marked both withdrawn on
    10 March, recorded later: merged into main, each measure's history is in conflict."""
    repo = init_repo(tmp_path / "talks", example=False)
    for args in (
        ("init", "--title", "T", "--party", "X", "--party", "Y", "--force"),
        ("add-measure", "a", "--id", "a", "--actor", "X", "--date", "2018-01-01"),
        ("add-measure", "b", "--id", "b", "--actor", "Y", "--date", "2018-01-01"),
        ("link", "a", "b", "--date", "2018-02-01"),
    ):
        ok(dprk_in(repo, *args))

    def desk() -> None:
        ok(dprk_in(repo, "unlink", "a", "b", "--date", "2018-03-01", epoch=1700000100))
        ok(dprk_in(repo, "mark", "a", "b", "implemented", "--date", "2018-03-09",
                   epoch=1700000100))  # fmt: skip

    _diverged(
        repo,
        desk,
        lambda: ok(dprk_in(repo, "mark", "a", "b", "withdrawn", "--date", "2018-03-10",
                           epoch=1700000200)),
    )  # fmt: skip
    merged = git(repo, "merge", "--no-edit", "desk-a", check=False)
    assert merged.code == 1
    assert [(p["check"], p["measure"]) for p in json.loads(
        dprk_in(repo, "check", "--format", "json").out)["problems"]] == [
        ("merge-conflicts", "a"), ("merge-conflicts", "b")
    ]  # fmt: skip
    return repo


def _links(repo: Path) -> dict[str, list[str]]:
    return {i: m.in_exchange_for for i, m in read_ledger(repo / LEDGER).index().items()}


@pytest.mark.parametrize("first", ["ours", "theirs"])
def test_a_link_settled_two_ways_is_refused_with_advice_that_works(tmp_path, first):
    """Desk A ended the link of a and b, main kept it; each measure's history in conflict.
    Settled with theirs on one and ours on the other, one log said the two were linked,
    the other that the link had ended, and neither measure listed the other; check said
    nothing. The second settlement is refused, and each way it advises works."""
    repo = _link_settled_apart(tmp_path)
    second = "theirs" if first == "ours" else "ours"
    ok(dprk_in(repo, "resolve", "a", "--field", "history", "--take", first, epoch=1700000300))
    checked = json.loads(dprk_in(repo, "check", "--format", "json").out)["problems"]
    assert [(p["check"], p["measure"]) for p in checked] == [("merge-conflicts", "b")]
    before = (repo / LEDGER).read_bytes()
    refused = dprk_in(repo, "resolve", "b", "--field", "history", "--take", second)
    advice = {
        "ours": (
            "measure 'b': the history ours has it exchanged for 'a' (linked on 2018-02-01), "
            "but the history of 'a' ends the link on 2018-03-01, and the two ends of the link "
            "would disagree; take theirs, as 'a' has it, or first drop that end from 'a' "
            "('dprk drop-entry a 3'), then take ours"
        ),
        "theirs": (
            "measure 'b': the history theirs has it no longer exchanged for 'a' (unlinked on "
            "2018-03-01), but the history of 'a' has them exchanged (linked on 2018-02-01), "
            "and the two ends of the link would disagree; take ours, as 'a' has it, or first "
            "record that end on 'a' too ('dprk unlink b a --date 2018-03-01'), then take "
            "theirs"
        ),
    }
    assert (refused.code, refused.err) == (1, f"dprk: error: {advice[second]}\n")
    assert (repo / LEDGER).read_bytes() == before
    # the side 'a' took, for 'b' too
    ok(dprk_in(repo, "resolve", "b", "--field", "history", "--take", first, epoch=1700000400))
    assert ok(dprk_in(repo, "check")).out == "ok: no problems found\n"
    linked = first == "ours"
    assert _links(repo) == {"a": ["b"] * linked, "b": ["a"] * linked}
    ok(dprk_in(repo, "undo"))
    # or the side it refused, once 'a' agrees with it
    mend = {
        "ours": ("drop-entry", "a", "3"),
        "theirs": ("unlink", "b", "a", "--date", "2018-03-01"),
    }
    ok(dprk_in(repo, *mend[second], epoch=1700000400))
    ok(dprk_in(repo, "resolve", "b", "--field", "history", "--take", second, epoch=1700000500))
    assert ok(dprk_in(repo, "check")).out == "ok: no problems found\n"
    assert _links(repo) == {"a": ["b"] * (not linked), "b": ["a"] * (not linked)}
    for ident, other in (("a", "b"), ("b", "a")):  # (the end recorded once on each)
        shown = json.loads(ok(dprk_in(repo, "show", ident, "--format", "json")).out)
        changes_of_link = [h["detail"] for h in shown["history"] if h["event"] == "exchange"]
        ended = [f"no longer in exchange for {other}"] if linked else []
        assert changes_of_link == [f"in exchange for {other}", *ended]


def test_ours_taken_on_both_ends_of_a_link_keeps_it_on_both(tmp_path):
    """Ours on both kept the link in both histories, while the merge had taken it out of
    both measures' in_exchange_for (the other side ended it): the logs said linked, the
    measures did not, and check said nothing. Each measure lists the other, as its
    history says."""
    repo = _link_settled_apart(tmp_path)
    for ident in ("a", "b"):
        settled = dprk_in(repo, "resolve", ident, "--field", "history", "--take", "ours")
        assert (settled.code, settled.err) == (0, f"{ident}: history: took ours\n")
    assert ok(dprk_in(repo, "check")).out == "ok: no problems found\n"
    assert _links(repo) == {"a": ["b"], "b": ["a"]}


@pytest.mark.parametrize("into", ["main", "desk-a"])
def test_a_rename_redated_on_one_branch_is_so_on_a_measure_the_other_added(tmp_path, into):
    """One branch redates a party's rename; the other adds a measure under the old name,
    which records the rename on its old day. The merge gave one rename two days; now the
    added measure has it on the new day too, as the two typed on one desk leave it."""
    setup = (
        ("init", "--title", "T", "--party", "SOC", "--party", "KPNLF", "--force"),
        ("add-measure", "Canton", "--actor", "KPNLF", "--id", "canton", "--date", "1991-10-23"),
        ("rename-party", "KPNLF", "BLDP", "--date", "1992-05-01"),
    )
    redate = ("redate", "canton", "2", "1992-06-01")
    add = ("add-measure", "Mines", "--actor", "KPNLF", "--id", "mines", "--date", "1992-02-01")
    desk = init_repo(tmp_path / "desk", example=False)
    for n, args in enumerate((*setup, redate, add)):
        ok(dprk_in(desk, *args, epoch=1700000000 + n))
    repo = init_repo(tmp_path / "talks", example=False)
    for n, args in enumerate(setup):
        ok(dprk_in(repo, *args, epoch=1700000000 + n))
    _diverged(
        repo,
        lambda: ok(dprk_in(repo, *redate, epoch=1700000003)),
        lambda: ok(dprk_in(repo, *add, epoch=1700000004)),
    )
    git(repo, "checkout", "-q", into)
    merged = git(repo, "merge", "--no-edit", "main" if into == "desk-a" else "desk-a", check=False)
    assert merged.code == 0, merged.err
    measures = read_ledger(repo / LEDGER).index()
    assert {
        ident: [str(h.date) for h in m.history if h.detail == "party KPNLF renamed BLDP"]
        for ident, m in measures.items()
    } == {"canton": ["1992-06-01"], "mines": ["1992-06-01"]}
    assert (repo / LEDGER).read_bytes() == (desk / LEDGER).read_bytes()
    assert ok(dprk_in(repo, "check")).out == "ok: no problems found\n"


@pytest.mark.parametrize("into", ["main", "desk-a"])
@pytest.mark.parametrize("fold", [False, True], ids=["renamed-twice", "merged-then-renamed"])
def test_renames_in_a_chain_on_one_branch_are_so_on_a_measure_the_other_added(tmp_path, into, fold):
    """One branch renames USSR RSFSR, then Russia (or merges USSR into Russia, then
    renames it RF); the other adds a measure under USSR. The merge wrote no rename on
    it, and the ledger forgot USSR ('add-party USSR' was taken); now it records each
    rename on its day, as the commands typed on one desk leave it."""
    last = "RF" if fold else "Russia"
    parties = ("USSR", "Russia", "US") if fold else ("USSR", "US")
    setup: list[tuple[str, ...]] = [
        ("init", "--title", "T", *[a for p in parties for a in ("--party", p)], "--force")
    ]
    setup += [
        ("add-measure", f"Cut {n}", "--actor", p, "--id", f"m{n}", "--date", "1990-06-01")
        for n, p in enumerate(parties[:-1], 1)
    ]
    renames = (
        [("rename-party", "USSR", "Russia", "--merge", "--date", "1991-12-01"),
         ("rename-party", "Russia", "RF", "--date", "1992-01-10")]
        if fold
        else [("rename-party", "USSR", "RSFSR", "--date", "1991-12-01"),
              ("rename-party", "RSFSR", "Russia", "--date", "1991-12-25")]
    )  # fmt: skip
    add = ("add-measure", "Old pledge", "--actor", "USSR", "--id", "old", "--date", "1991-01-01")
    start = 1700000000 + len(setup)
    desk = init_repo(tmp_path / "desk", example=False)
    for n, args in enumerate((*setup, add, *renames)):
        ok(dprk_in(desk, *args, epoch=1700000000 + n))
    repo = init_repo(tmp_path / "talks", example=False)
    for n, args in enumerate(setup):
        ok(dprk_in(repo, *args, epoch=1700000000 + n))

    def rename() -> None:
        for n, args in enumerate(renames, 1):
            ok(dprk_in(repo, *args, epoch=start + n))

    _diverged(repo, rename, lambda: ok(dprk_in(repo, *add, epoch=start)))
    git(repo, "checkout", "-q", into)
    merged = git(repo, "merge", "--no-edit", "main" if into == "desk-a" else "desk-a", check=False)
    assert merged.code == 0, merged.err
    old = read_ledger(repo / LEDGER).index()["old"]
    assert [(str(h.date), h.detail) for h in old.history][1:] == [
        (args[-1], f"party {args[1]} renamed {args[2]}") for args in renames
    ]
    assert old.actor == last
    assert (repo / LEDGER).read_bytes() == (desk / LEDGER).read_bytes()
    assert ok(dprk_in(repo, "check")).out == "ok: no problems found\n"
    ok(dprk_in(repo, "remove", "m1"))
    before = (repo / LEDGER).read_bytes()
    refused = dprk_in(repo, "add-party", "USSR")
    assert (refused.code, refused.out) == (1, "")
    # (each rename on its day, the merge's too: the names in turn, a verb where it changes)
    verbs = ["merged into" if "--merge" in args else "renamed" for args in renames]
    said = ", then ".join(
        f"{verb + ' ' if i == 0 or verb != verbs[i - 1] else ''}{args[2]} on {args[-1]}"
        for i, (verb, args) in enumerate(zip(verbs, renames, strict=True))
    )
    assert refused.err.startswith(f"dprk: error: party 'USSR' was {said}, as the ledger")
    assert (repo / LEDGER).read_bytes() == before


@pytest.mark.parametrize("into", ["main", "desk-a"])
def test_a_rename_on_one_branch_is_so_where_the_other_named_the_party_in_an_order(tmp_path, into):
    """One branch renames KPNLF BLDP; the other orders a measure of SOC's after another,
    KPNLF demanding it. The merge named BLDP in the order but wrote no rename on the
    measure, where 'rename-party' typed after the order on one desk writes one."""
    setup = (
        ("init", "--title", "T", "--party", "SOC", "--party", "KPNLF", "--force"),
        ("add-measure", "Canton", "--actor", "KPNLF", "--id", "c", "--date", "1991-10-23"),
        ("add-measure", "A", "--actor", "SOC", "--id", "a", "--date", "1991-11-01"),
        ("add-measure", "S", "--actor", "SOC", "--id", "s", "--date", "1991-11-02"),
    )
    rename = ("rename-party", "KPNLF", "BLDP", "--date", "1992-05-01")
    order = ("sequence", "s", "--after", "a", "--demanded-by", "KPNLF", "--date", "1992-03-05")
    desk = init_repo(tmp_path / "desk", example=False)
    for n, args in enumerate((*setup, order, rename)):
        ok(dprk_in(desk, *args, epoch=1700000000 + n))
    repo = init_repo(tmp_path / "talks", example=False)
    for n, args in enumerate(setup):
        ok(dprk_in(repo, *args, epoch=1700000000 + n))
    _diverged(
        repo,
        lambda: ok(dprk_in(repo, *rename, epoch=1700000005)),
        lambda: ok(dprk_in(repo, *order, epoch=1700000004)),
    )
    git(repo, "checkout", "-q", into)
    merged = git(repo, "merge", "--no-edit", "main" if into == "desk-a" else "desk-a", check=False)
    assert merged.code == 0, merged.err
    s = read_ledger(repo / LEDGER).index()["s"]
    assert [(str(h.date), h.detail) for h in s.history][1:] == [
        ("1992-03-05", "after a, demanded by BLDP"),
        ("1992-05-01", "party KPNLF renamed BLDP"),
    ]
    assert (repo / LEDGER).read_bytes() == (desk / LEDGER).read_bytes()
    assert ok(dprk_in(repo, "check")).out == "ok: no problems found\n"


def _renamed_apart(tmp_path, on_desk, on_main) -> Path:
    """A repository whose measure 'a', of KPNLF, is changed on desk-a (`on_desk`) and on
    main (`on_main`), each a list of commands; main is left checked out."""
    repo = init_repo(tmp_path / "talks", example=False)
    setup = (
        ("init", "--title", "T", "--party", "KPNLF", "--party", "SOC", "--force"),
        ("add-measure", "A", "--actor", "KPNLF", "--id", "a", "--date", "1991-10-01"),
    )
    for n, args in enumerate(setup):
        ok(dprk_in(repo, *args, epoch=1700000000 + n))
    _diverged(
        repo,
        lambda: [ok(dprk_in(repo, *args, epoch=1700000010 + n)) for n, args in enumerate(on_desk)],
        lambda: [ok(dprk_in(repo, *args, epoch=1700000020 + n)) for n, args in enumerate(on_main)],
    )
    return repo


def test_a_merge_that_puts_a_partys_renames_out_of_order_is_refused(tmp_path):
    """One desk redates a party's rename later; the other renames the party again, dated
    between. Merged, 'dprk log' read BLDP renamed LDP before KPNLF renamed BLDP, which
    no desk could type, and the merge and check said nothing. The merge names the rule
    (rename-chain), exits 1 and commits nothing; check says it, and its redate mends it."""
    repo = init_repo(tmp_path / "talks", example=False)
    setup = (
        ("init", "--title", "T", "--party", "KPNLF", "--party", "SOC", "--force"),
        ("add-measure", "A", "--actor", "KPNLF", "--id", "a", "--date", "1991-10-01"),
        ("rename-party", "KPNLF", "BLDP", "--date", "1992-05-01"),
    )
    for n, args in enumerate(setup):
        ok(dprk_in(repo, *args, epoch=1700000000 + n))
    _diverged(
        repo,
        lambda: ok(dprk_in(repo, "redate", "a", "2", "1992-09-01", epoch=1700000010)),
        lambda: ok(
            dprk_in(repo, "rename-party", "BLDP", "LDP", "--date", "1992-07-01", epoch=1700000020)
        ),
    )
    head = git(repo, "rev-parse", "HEAD").out
    merged = git(repo, "merge", "--no-edit", "desk-a", check=False)
    said = (
        "a: entry 2 (party BLDP renamed LDP, 1992-07-01) comes before entry 3 (party KPNLF "
        "renamed BLDP, 1992-09-01), the rename it follows (made before it): read in the "
        "order 'dprk log' gives them, its party renames do not follow one from another; "
        "renames keep the order they were made in: date it on or after that day ('dprk "
        "redate a 2 1992-09-01')"
    )
    assert merged.code == 1
    assert "the two sides together break 1 rule of 'dprk check'" in merged.out + merged.err
    assert f"  {said} [rename-chain]" in merged.out + merged.err
    assert git(repo, "rev-parse", "HEAD").out == head  # (nothing committed)
    before = (repo / LEDGER).read_bytes()
    checked = dprk_in(repo, "check")
    assert (checked.code, checked.out) == (
        1,
        f"error: {said} [rename-chain]\n1 error, 0 warnings\n",
    )
    assert (repo / LEDGER).read_bytes() == before
    ok(dprk_in(repo, "redate", "a", "2", "1992-09-01", epoch=1700000030))
    assert [
        h.detail for h in read_ledger(repo / LEDGER).index()["a"].history if " renamed " in h.detail
    ] == ["party KPNLF renamed BLDP", "party BLDP renamed LDP"]
    assert ok(dprk_in(repo, "check")).out == "ok: no problems found\n"


@pytest.mark.parametrize(
    ("take", "said", "branch"),
    [
        ("theirs", "took theirs (now 'Khmer PNLF')", "desk-a"),
        ("ours", "took ours ('BLDP')", "main"),
    ],
)
def test_a_party_renamed_two_ways_keeps_the_one_rename_taken(tmp_path, take, said, branch):
    """One desk renames KPNLF BLDP, the other Khmer PNLF. '--take theirs' left both
    renames and renamed BLDP Khmer PNLF today: KPNLF renamed twice, as no desk could
    type. The side taken leaves its rename alone (its entries, its day), the ledger as
    that side wrote it; check is clean."""
    repo = _renamed_apart(
        tmp_path,
        [("rename-party", "KPNLF", "Khmer PNLF", "--date", "1992-06-01")],
        [("rename-party", "KPNLF", "BLDP", "--date", "1992-05-01")],
    )
    wanted = git(repo, "show", f"{branch}:{LEDGER}").out.encode()
    merged = git(repo, "merge", "--no-edit", "desk-a", check=False)
    assert merged.code == 1
    settled = dprk_in(repo, "resolve", "--field", "party", "--take", take, epoch=1700000030)
    assert (settled.code, settled.err) == (0, f"party: {said}\n")
    assert (repo / LEDGER).read_bytes() == wanted
    assert ok(dprk_in(repo, "check")).out == "ok: no problems found\n"


@pytest.mark.parametrize(
    ("take", "edits"),
    [
        ("ours", ["deadline: (none) -> '1993-01-01'", "actor: 'KPNLF' -> 'SOC'"]),
        ("theirs", ["actor: 'KPNLF' -> 'BLDP'; deadline: (none) -> '1993-01-01'"]),
    ],
)
def test_an_actor_handed_over_two_ways_on_one_day_keeps_the_edit_taken(tmp_path, take, edits):
    """Each desk hands measure a over on the same day, one to BLDP (with a deadline), the
    other to SOC. The merge reads the two edits as one chain (the later-recorded one from
    the value the other set), and '--take ours' left it so: the log said main handed a
    over from BLDP, which no desk recorded. The side taken keeps its edit alone, as that
    desk wrote it; the other's change of another field stays; check is clean."""
    repo = _renamed_apart(
        tmp_path,
        [
            ("add-party", "BLDP"),
            ("edit", "a", "--actor", "BLDP", "--deadline", "1993-01-01", "--date", "1992-05-01"),
        ],
        [("add-party", "BLDP"), ("edit", "a", "--actor", "SOC", "--date", "1992-05-01")],
    )
    merged = git(repo, "merge", "--no-edit", "desk-a", check=False)
    assert merged.code == 1
    before = (repo / LEDGER).read_bytes()
    settled = dprk_in(repo, "resolve", "a", "--field", "actor", "--take", take, epoch=1700000030)
    who = "SOC" if take == "ours" else "BLDP"
    said = f"took {take} ('{who}')"
    assert (settled.code, settled.out, settled.err) == (0, "", f"a: actor: {said}\n")
    log = json.loads(ok(dprk_in(repo, "log", "a", "--format", "json")).out)
    assert [(e["date"], e["event"], e["detail"]) for e in log] == [
        ("1991-10-01", "created", "created as proposed"),
        *(("1992-05-01", "edit", edit) for edit in edits),
        (str(date.today()), "resolve", f"merge conflict on actor settled: {said}"),
    ]
    # (the file: the edits kept as each desk wrote them, written so; no other change)
    text = (repo / LEDGER).read_text(encoding="utf-8")
    assert [line for line in text.splitlines() if line.startswith("detail = ")] == [
        'detail = "created as proposed"',
        *(f'detail = "{edit}"' for edit in edits),
        f'detail = "merge conflict on actor settled: {said}"',
    ]
    assert f'actor = "{who}"\nstatus = "proposed"\ndeadline = 1993-01-01\n' in text
    assert ok(dprk_in(repo, "check")).out == "ok: no problems found\n"
    undone = dprk_in(repo, "undo")
    assert undone.code == 0 and (repo / LEDGER).read_bytes() == before


def test_a_merge_that_makes_a_deadlock_neither_side_had_warns_of_it(repo):
    """Each desk gave one order, each sound alone; merged, the two measures wait for
    each other. Every write that makes a deadlock warns of it; the merge said nothing."""
    git(repo, "switch", "-q", "-c", "bob")
    ok(dprk_in(repo, "sequence", "pompeo-pyongyang-visit", "--after", "second-summit",
               "--demanded-by", "US", "--date", "2018-10-01"))  # fmt: skip
    git(repo, "commit", "-q", "-am", "bob's order")
    git(repo, "switch", "-q", "main")
    ok(dprk_in(repo, "sequence", "second-summit", "--after", "pompeo-pyongyang-visit",
               "--demanded-by", "DPRK", "--date", "2018-10-01"))  # fmt: skip
    git(repo, "commit", "-q", "-am", "alice's order")
    merged = git(repo, "merge", "-q", "--no-edit", "bob", check=False)
    assert merged.code == 0, merged.err + merged.out
    warned = (
        f"dprk: warning: {LEDGER}: deadlock: second-summit waits for pompeo-pyongyang-visit "
        "(demanded by DPRK); pompeo-pyongyang-visit waits for second-summit (demanded by "
        "US); it stands from 2018-10-01; 'dprk plan' shows it"
    )
    said = merged.err + merged.out  # (git passes on what its merge driver says)
    assert warned in said.splitlines()
    # (the deadlock the base held already, and each side still: not said again)
    assert said.count("deadlock:") == 1
    assert "second-summit waits for pompeo-pyongyang-visit" in ok(dprk_in(repo, "check")).out


def test_a_merge_of_talks_reopened_reads_their_side_as_of_its_end(repo):
    """The talks ended; one desk gave two orders after the end, making a circle its
    `plan` does not read (as of the end), while the other reopened the talks. Merged, the
    talks are open and the circle stands: no side held it as its views read it, yet the
    merge said nothing, having read their side as of today."""
    ok(dprk_in(repo, "edit-ledger", "--ended", "2018-09-30"))
    git(repo, "commit", "-q", "-am", "talks over")
    git(repo, "switch", "-q", "-c", "bob")
    ok(dprk_in(repo, "sequence", "pompeo-pyongyang-visit", "--after", "second-summit",
               "--demanded-by", "US", "--date", "2018-10-01"))  # fmt: skip
    ok(dprk_in(repo, "sequence", "second-summit", "--after", "pompeo-pyongyang-visit",
               "--demanded-by", "DPRK", "--date", "2018-10-01"))  # fmt: skip
    assert "second-summit waits for" not in ok(dprk_in(repo, "plan")).out
    git(repo, "commit", "-q", "-am", "bob's orders")
    git(repo, "switch", "-q", "main")
    ok(dprk_in(repo, "edit-ledger", "--reopen"))
    git(repo, "commit", "-q", "-am", "talks reopened")
    merged = git(repo, "merge", "-q", "--no-edit", "bob", check=False)
    assert merged.code == 0, merged.err + merged.out
    said = (merged.err + merged.out).splitlines()
    assert [line for line in said if "deadlock" in line] == [
        f"dprk: warning: {LEDGER}: deadlock: second-summit waits for pompeo-pyongyang-visit "
        "(demanded by DPRK); pompeo-pyongyang-visit waits for second-summit (demanded by "
        "US); it stands from 2018-10-01; 'dprk plan' shows it"
    ], said
    assert read_ledger(repo / LEDGER).ended is None
    assert "second-summit waits for" in dprk_in(repo, "plan").out


def test_a_step_both_desks_recorded_with_their_own_notes_is_said_joined(repo):
    """Both desks marked one step on one day, each with its note: the merge kept the step
    once with the two notes joined, and said nothing of it."""
    git(repo, "switch", "-q", "-c", "bob")
    ok(dprk_in(repo, "mark", "security-guarantees", "implemented", "--date", "2018-09-15",
               "--note", "B: Naqoura handed to LAF, as the liaison office confirmed"))  # fmt: skip
    git(repo, "commit", "-q", "-am", "bob's step")
    git(repo, "switch", "-q", "main")
    ok(dprk_in(repo, "mark", "security-guarantees", "implemented", "--date", "2018-09-15",
               "--note", "A: IDF left Naqoura"))  # fmt: skip
    git(repo, "commit", "-q", "-am", "alice's step")
    merged = git(repo, "merge", "-q", "--no-edit", "bob", check=False)
    assert merged.code == 0, merged.err + merged.out
    said = (merged.err + merged.out).splitlines()
    assert [line for line in said if line.startswith("dprk:")] == [
        f"dprk: warning: {LEDGER}: security-guarantees: entry 2 (status, 2018-09-15) was "
        "recorded on both sides, each with its own note; kept once, the notes joined: ours "
        "'A: IDF left Naqoura', then theirs 'B: Naqoura handed to LAF, as the liaiso…'"
    ]
    log = json.loads(ok(dprk_in(repo, "log", "security-guarantees", "--format", "json")).out)
    assert [(e["event"], e["note"]) for e in log][1:] == [
        ("status", "A: IDF left Naqoura; B: Naqoura handed to LAF, as the liaison office confirmed")
    ]
    assert ok(dprk_in(repo, "check")).code == 0


def _desks(repo, ours: tuple[str, ...], theirs: tuple[str, ...]) -> list[str]:
    """Bob's command on his branch, recorded first, then Alice's on main, merged: what
    dprk said of the merge (its lines on standard error)."""
    git(repo, "switch", "-q", "-c", "bob")
    ok(dprk_in(repo, *theirs, epoch=1700000000))
    git(repo, "commit", "-q", "-am", "bob's change")
    git(repo, "switch", "-q", "main")
    ok(dprk_in(repo, *ours, epoch=1700000900))
    git(repo, "commit", "-q", "-am", "alice's change")
    merged = git(repo, "merge", "-q", "--no-edit", "bob", check=False)
    assert merged.code == 0, merged.err + merged.out
    return [line for line in (merged.err + merged.out).splitlines() if line.startswith("dprk:")]


def test_notes_joined_are_said_in_the_order_the_entry_holds_them(repo):
    """Bob recorded the step first: the entry holds his note first (the order each was
    recorded in, whichever side is ours), but the warning named ours first, as the guide
    said the notes were joined, so that the warning and the log disagreed."""
    ok(dprk_in(repo, "add-measure", "Naqoura handover", "--actor", "ROK", "--id", "naqoura",
               "--status", "agreed", "--date", "2018-09-01"))  # fmt: skip
    git(repo, "commit", "-q", "-am", "naqoura")
    said = _desks(
        repo,
        ("mark", "naqoura", "implemented", "--date", "2018-09-15", "--note",
         "A: IDF left Naqoura"),
        ("mark", "naqoura", "implemented", "--date", "2018-09-15", "--note",
         "B: Naqoura handed to LAF"),
    )  # fmt: skip
    assert said == [
        f"dprk: warning: {LEDGER}: naqoura: entry 2 (status, 2018-09-15) was recorded on both "
        "sides, each with its own note; kept once, the notes joined: theirs 'B: Naqoura "
        "handed to LAF', then ours 'A: IDF left Naqoura'"
    ]
    log = json.loads(ok(dprk_in(repo, "log", "naqoura", "--format", "json")).out)
    assert log[1]["note"] == "B: Naqoura handed to LAF; A: IDF left Naqoura"


def test_a_step_the_merge_leaves_missing_is_said(repo):
    """Bob withdrew the measure, Alice then recorded an implementation dated years
    before: merged, the withdrawal came after the implementation with nothing between,
    and the merge said nothing, where the same two steps typed on one desk warn; check
    warned afterwards, and the status was Bob's, though Alice's line said implemented."""
    ok(dprk_in(repo, "add-measure", "Return of displaced persons", "--actor", "DPRK", "--id",
               "idp", "--status", "agreed", "--date", "2018-06-12"))  # fmt: skip
    git(repo, "commit", "-q", "-am", "idp")
    said = _desks(
        repo,
        ("mark", "idp", "implemented", "--extent", "minimal", "--date", "2018-06-14"),
        ("mark", "idp", "withdrawn", "--date", "2018-09-19"),
    )
    warned = ok(dprk_in(repo, "check")).out.splitlines()[0]
    gap = warned.removeprefix("warning: idp: ").removesuffix(" [missing-steps]")
    assert gap.startswith("implemented (minimal) on 2018-06-14 comes before withdrawn on "), gap
    assert said == [
        f"dprk: warning: {LEDGER}: idp: as merged, {gap} [missing-steps]",
    ]
    assert "'dprk log idp'" in gap
    assert ok(dprk_in(repo, "status", "idp", "--format", "ids", "--status", "withdrawn")).out == (
        "idp\n"
    )


def test_a_state_neither_side_had_is_said(repo):
    """Each desk carried out one part of a withdrawal: each side had the whole done in
    part, the merge in full, without a word."""
    for args in (
        ("add-measure", "Withdrawal", "--actor", "DPRK", "--id", "w", "--status", "agreed",
         "--date", "2018-06-12"),
        ("add-measure", "North", "--actor", "DPRK", "--id", "w-n", "--part-of", "w",
         "--status", "agreed", "--date", "2018-06-12"),
        ("add-measure", "South", "--actor", "DPRK", "--id", "w-s", "--part-of", "w",
         "--status", "agreed", "--date", "2018-06-12"),
    ):  # fmt: skip
        ok(dprk_in(repo, *args))
    git(repo, "commit", "-q", "-am", "parts")
    said = _desks(
        repo,
        ("mark", "w-s", "implemented", "--date", "2018-07-02"),
        ("mark", "w-n", "implemented", "--date", "2018-07-01"),
    )
    assert said == [
        f"dprk: warning: {LEDGER}: w: as merged, its parts make it implemented, as neither "
        "side had it (ours implemented (intermediate), theirs implemented (intermediate)); "
        "'dprk show w' shows why"
    ]
    assert ok(dprk_in(repo, "check")).code == 0


def test_one_verifier_spelt_two_ways_by_two_desks_is_said(repo):
    """Each desk recorded a finding by one monitor, spelt its own way: merged, both
    spellings were verifiers, silently, and check found nothing, where one desk refuses
    the second spelling as a typo of the first."""
    said = _desks(
        repo,
        ("verify", "punggye-ri-closure", "--by", "Joint Monitoring Center", "--result",
         "partial", "--date", "2018-09-21", "--new-verifier"),
        ("verify", "punggye-ri-closure", "--by", "Joint Monitoring Centre", "--result",
         "partial", "--date", "2018-09-20", "--new-verifier"),
    )  # fmt: skip
    alike = (
        "punggye-ri-closure: its verifier 'Joint Monitoring Center' is near 'Joint "
        "Monitoring Centre': one verifier spelt two ways is counted as two; if so, make them "
        'one (\'dprk rename-verifier "Joint Monitoring Center" "Joint Monitoring Centre"\', '
        "or the other way round), else leave them [verifiers-alike]"
    )
    assert said == [f"dprk: warning: {LEDGER}: {alike}"]
    # (check does not warn of it afterwards: distinct verifiers are often named alike)
    assert "[verifiers-alike]" not in ok(dprk_in(repo, "check")).out
    # (on one desk, the second spelling is refused as a typo of the first)
    refused = dprk_in(repo, "verify", "second-summit", "--by", "Joint Monitoring Centr",
                      "--result", "partial", "--date", "2018-09-22")  # fmt: skip
    assert refused.code != 0 and "did you mean" in refused.err
    ok(dprk_in(repo, "rename-verifier", "Joint Monitoring Center", "Joint Monitoring Centre"))
    assert "Joint Monitoring Center'" not in ok(dprk_in(repo, "check")).out


def test_a_merge_of_talks_that_ended_reads_deadlocks_as_of_their_end(repo):
    """The talks ended before two orders given after them: merged, the orders make a
    circle only after the end, which `plan` and `check` do not read; the merge warned of
    the deadlock as it stood today."""
    ok(dprk_in(repo, "edit-ledger", "--ended", "2018-09-30"))
    git(repo, "commit", "-q", "-am", "talks over")
    git(repo, "switch", "-q", "-c", "bob")
    ok(dprk_in(repo, "sequence", "pompeo-pyongyang-visit", "--after", "second-summit",
               "--demanded-by", "US", "--date", "2018-10-01"))  # fmt: skip
    git(repo, "commit", "-q", "-am", "bob's order")
    git(repo, "switch", "-q", "main")
    ok(dprk_in(repo, "sequence", "second-summit", "--after", "pompeo-pyongyang-visit",
               "--demanded-by", "DPRK", "--date", "2018-10-01"))  # fmt: skip
    git(repo, "commit", "-q", "-am", "alice's order")
    merged = git(repo, "merge", "-q", "--no-edit", "bob", check=False)
    assert merged.code == 0, merged.err + merged.out
    assert "deadlock" not in merged.err + merged.out
    assert "second-summit waits for" not in dprk_in(repo, "plan").out
    # (the same orders dated before the end: the deadlock stood then, and is said so)
    git(repo, "reset", "-q", "--hard", "HEAD~1")
    git(repo, "switch", "-q", "bob")
    ok(dprk_in(repo, "redate", "pompeo-pyongyang-visit", "3", "2018-09-20"))
    git(repo, "commit", "-q", "-am", "bob's order, dated again")
    git(repo, "switch", "-q", "main")
    ok(dprk_in(repo, "redate", "second-summit", "2", "2018-09-20"))
    git(repo, "commit", "-q", "-am", "alice's order, dated again")
    merged = git(repo, "merge", "-q", "--no-edit", "bob", check=False)
    said = (merged.err + merged.out).splitlines()
    assert (
        f"dprk: warning: {LEDGER}: deadlock: second-summit waits for pompeo-pyongyang-visit "
        "(demanded by DPRK); pompeo-pyongyang-visit waits for second-summit (demanded by "
        "US); it stood at the end of talks on 2018-09-30, from 2018-09-20 for 10 days; 'dprk "
        "plan' shows it"
    ) in said


def test_a_finding_both_desks_recorded_with_their_own_notes_is_said_joined(repo):
    """Both desks recorded one finding (one day, verifier, result and method), each with
    its note: the merge kept it once with the two notes joined, and said nothing of it,
    where it says so of a step's."""
    git(repo, "switch", "-q", "-c", "bob")
    ok(dprk_in(repo, "verify", "punggye-ri-closure", "--by", "IAEA", "--result", "partial",
               "--date", "2018-09-20", "--note", "B: seen from the air, the portals sealed "
               "and the spoil heaps moved"))  # fmt: skip
    git(repo, "commit", "-q", "-am", "bob's finding")
    git(repo, "switch", "-q", "main")
    ok(dprk_in(repo, "verify", "punggye-ri-closure", "--by", "IAEA", "--result", "partial",
               "--date", "2018-09-20", "--note", "A: imagery only"))  # fmt: skip
    git(repo, "commit", "-q", "-am", "alice's finding")
    merged = git(repo, "merge", "-q", "--no-edit", "bob", check=False)
    assert merged.code == 0, merged.err + merged.out
    said = (merged.err + merged.out).splitlines()
    log = json.loads(ok(dprk_in(repo, "log", "punggye-ri-closure", "--format", "json")).out)
    number, entry = next((n, e) for n, e in enumerate(log, 1) if e["date"] == "2018-09-20")
    assert [line for line in said if line.startswith("dprk:")] == [
        f"dprk: warning: {LEDGER}: punggye-ri-closure: entry {number} (verification, "
        "2018-09-20) was recorded on both sides, each with its own note; kept once, the "
        "notes joined: ours 'A: imagery only', then theirs 'B: seen from the air, the portals "
        "seale…'"
    ]
    assert entry["note"] == (
        "A: imagery only; B: seen from the air, the portals sealed and the spoil heaps moved"
    )
    assert [e["date"] for e in log].count("2018-09-20") == 1
    assert ok(dprk_in(repo, "check")).code == 0


def test_a_finding_written_by_hand_on_both_desks_with_their_own_notes_is_said_joined(repo):
    """Both desks wrote one finding into the file by hand (a record, no history entry for
    it), each with its note: the merge kept it once with the two notes joined, and said
    nothing of it, having looked for notes joined in the history alone."""
    from dprk_cli.model import Verification

    def found(note: str) -> Callable:
        def change(ledger):
            m = next(m for m in ledger.measures if m.id == "punggye-ri-closure")
            v = Verification(by="IAEA", result="partial", date=date(2018, 9, 20), note=note)
            return replace_measure(ledger, m.id, verifications=[*m.verifications, v])

        return change

    git(repo, "switch", "-q", "-c", "bob")
    hand_edit(repo / LEDGER, found("B: seen from the air"))
    git(repo, "commit", "-q", "-am", "bob's finding")
    git(repo, "switch", "-q", "main")
    hand_edit(repo / LEDGER, found("A: imagery only"))
    git(repo, "commit", "-q", "-am", "alice's finding")
    merged = git(repo, "merge", "-q", "--no-edit", "bob", check=False)
    assert merged.code == 0, merged.err + merged.out
    said = (merged.err + merged.out).splitlines()
    assert [line for line in said if line.startswith("dprk:")] == [
        f"dprk: warning: {LEDGER}: punggye-ri-closure: the finding partial by IAEA of "
        "2018-09-20 was recorded on both sides, each with its own note; kept once, the "
        "notes joined: ours 'A: imagery only', then theirs 'B: seen from the air'"
    ]
    kept = next(m for m in read_ledger(repo / LEDGER).measures if m.id == "punggye-ri-closure")
    assert [(v.date.isoformat(), v.note) for v in kept.verifications] == [
        ("2018-09-20", "A: imagery only; B: seen from the air")
    ]


def test_an_id_renamed_on_both_desks_and_settled_on_a_side_says_no_rename_that_never_was(
    tmp_path,
):
    """Both desks renamed one measure, each its own way; the merge's conflict on the id,
    settled by taking the desk's id, wrote a rename from the merged file's id: the log
    said the measure was renamed from main's id after the settlement, and diff against
    the desk's own commit, which held that id all along, reported a rename."""
    repo = _desk(tmp_path / "talks")
    tick = iter(range(1700000100, 1700000200))

    def run(*args: str) -> None:
        ok(dprk_in(repo, *args, epoch=next(tick)))

    run("add-measure", "US releases prisoners", "--actor", "US", "--id", "pow",
        "--date", "2020-11-10")  # fmt: skip
    _diverged(repo, lambda: run("rename", "pow", "pow-a"), lambda: run("rename", "pow", "pow-b"))
    assert git(repo, "merge", "-q", "desk-a", check=False).code == 1
    settled = dprk_in(
        repo, "resolve", "pow-b", "--field", "id", "--take", "theirs", epoch=next(tick)
    )
    assert (settled.code, settled.err) == (0, "pow-b: id: took theirs ('pow-a')\n")
    git(repo, "commit", "-q", "-am", "merge")
    (kept,) = read_ledger(repo / LEDGER).measures
    assert kept.id == "pow-a"
    assert [(h.event, h.detail) for h in kept.history] == [
        ("created", "created as proposed"),
        ("rename", "renamed from pow"),
        ("resolve", "merge conflict on id settled: took theirs ('pow-a')"),
    ]
    logged = json.loads(ok(dprk_in(repo, "log", "pow-a", "--format", "json")).out)
    assert "renamed from pow-b" not in [e["detail"] for e in logged]
    assert ok(dprk_in(repo, "check")).code == 0
    for against, change, was in (("HEAD^2", "changed", None), ("HEAD^1", "renamed", "pow-b")):
        brief = json.loads(ok(dprk_in(repo, "diff", against, "HEAD", "--format", "json")).out)
        assert [(m["id"], m["change"], m["renamed_from"]) for m in brief["measures"]] == [
            ("pow-a", change, was)
        ]
        said = ok(dprk_in(repo, "diff", against, "HEAD")).out
        assert ("Renamed since" in said, "renamed from pow-b" in said) == (bool(was), False)


def test_a_redate_both_desks_made_with_their_own_notes_is_one_correction_said_joined(tmp_path):
    """Both desks redated one step to one day, each with its note: the merge kept both
    corrections, took for two changes, and said nothing of it, and diff since the two
    desks parted told the one redate twice, in two wordings."""
    repo = _desk(tmp_path / "talks")
    tick = iter(range(1700000100, 1700000200))

    def run(*args: str) -> None:
        ok(dprk_in(repo, *args, epoch=next(tick)))

    run("add-measure", "US releases prisoners", "--actor", "US", "--id", "m",
        "--date", "2020-11-10")  # fmt: skip
    run("mark", "m", "agreed", "--date", "2020-11-25")
    _diverged(
        repo,
        lambda: run("redate", "m", "2", "2020-11-26", "--note", "desk A source"),
        lambda: run("redate", "m", "2", "2020-11-26", "--note", "desk B source"),
    )
    merged = git(repo, "merge", "-q", "--no-edit", "desk-a", check=False)
    assert merged.code == 0, merged.err + merged.out
    (kept,) = read_ledger(repo / LEDGER).measures
    day = kept.history[-1].date.isoformat()  # (a correction is dated the day it is made)
    assert [(h.event, h.date.isoformat(), h.note) for h in kept.history] == [
        ("created", "2020-11-10", ""),
        ("status", "2020-11-26", ""),
        ("correction", day, "desk A source; desk B source"),
    ]
    said = (merged.err + merged.out).splitlines()
    assert [line for line in said if line.startswith("dprk:")] == [
        f"dprk: warning: {LEDGER}: m: entry 3 (correction, {day}) was recorded on both "
        "sides, each with its own note; kept once, the notes joined: theirs 'desk A source', "
        "then ours 'desk B source'"
    ]
    assert ok(dprk_in(repo, "check")).code == 0
    parted = git(repo, "merge-base", "HEAD^1", "HEAD^2").out.strip()
    brief = json.loads(ok(dprk_in(repo, "diff", parted, "HEAD", "--format", "json")).out)
    (change,) = brief["measures"]
    assert [e["event"] for e in change["new_history"]] == ["status"]  # (as redated)
    assert [e["correction"]["note"] for e in change["redated_history"]] == [
        "desk A source; desk B source"
    ]
    lines = ok(dprk_in(repo, "diff", parted, "HEAD")).out.splitlines()
    assert [line for line in lines if "2020-11-26" in line] == [
        "m   agreed: now dated 2020-11-26 (was 2020-11-25) (desk A source; desk B source)"
    ]


@pytest.mark.parametrize("into", ["main", "desk-a"])
def test_a_measure_added_under_a_name_the_other_desk_corrected_as_a_typo(tmp_path, into):
    """Desk A added a measure under the party's name as it stood, Sudn; desk B corrected
    that name to Sudan as a typo (`rename-party --typo`). The merge named the measure
    Sudan, but said nothing of it: its log alone, of every measure that named Sudn, held
    no correction. It records the correction desk B wrote, as the command would have."""
    repo = _desk(tmp_path / "talks")
    ok(dprk_in(repo, "add-party", "Sudn"))
    ok(dprk_in(repo, "add-measure", "X", "--actor", "Sudn", "--id", "x", "--date", "2018-06-01"))
    _diverged(
        repo,
        lambda: ok(dprk_in(repo, "add-measure", "Y", "--actor", "Sudn", "--id", "y",
                           "--date", "2018-07-01", epoch=1700000100)),
        lambda: ok(dprk_in(repo, "rename-party", "Sudn", "Sudan", "--typo",
                           epoch=1700000200)),
    )  # fmt: skip
    other = "desk-a" if into == "main" else "main"
    git(repo, "checkout", "-q", into)
    merged = git(repo, "merge", "--no-edit", other, check=False)
    assert merged.code == 0, merged.err
    assert ok(dprk_in(repo, "check")).out == "ok: no problems found\n"
    ledger = read_ledger(repo / LEDGER)
    assert ledger.parties == ["US", "Sudan"]
    typo = "party name Sudn corrected to Sudan (a typo, no event of the talks)"
    for ident in ("x", "y"):
        shown = json.loads(ok(dprk_in(repo, "show", ident, "--format", "json")).out)
        assert shown["actor"] == "Sudan"
        assert [h["detail"] for h in shown["history"] if h["event"] == "correction"] == [typo]
    text = (repo / LEDGER).read_text(encoding="utf-8")
    assert text.count(typo) == 2 and 'Sudn"' not in text
