"""`dprk git-setup`: the attribute, the driver's configuration, and ignored side files."""

from __future__ import annotations

import pytest

from tests.team.helpers import LEDGER, dprk_in, git, init_repo, ok


def test_setup_in_a_fresh_repository(tmp_path):
    repo = init_repo(tmp_path / "talks", setup=False)
    result = ok(dprk_in(repo, "git-setup", process=True))
    assert result.out == ""  # what it did goes to standard error
    assert "added 'dprk-ledger.toml merge=dprk'" in result.err
    assert "merge.dprk.driver" in result.err
    assert (repo / ".gitattributes").read_text() == "dprk-ledger.toml merge=dprk\n"
    assert git(repo, "config", "merge.dprk.driver").out.strip() == "dprk merge-driver %O %A %B %P"
    assert git(repo, "config", "merge.dprk.name").out.strip()
    # dprk's side files stay out of `git add -A`
    ok(dprk_in(repo, "mark", "second-summit", "agreed", "--date", "2018-10-01"))
    git(repo, "add", "-A")
    staged = git(repo, "diff", "--cached", "--name-only").out.split()
    assert staged == [".gitattributes", LEDGER]
    assert not any(".dprk" in name for name in git(repo, "ls-files").out.split())


def test_setup_is_idempotent(tmp_path):
    repo = init_repo(tmp_path / "talks", setup=False)
    ok(dprk_in(repo, "git-setup"))
    attributes = (repo / ".gitattributes").read_bytes()
    config = (repo / ".git" / "config").read_bytes()
    again = ok(dprk_in(repo, "git-setup"))
    assert "already" in again.err and "nothing to change" in again.err
    assert (repo / ".gitattributes").read_bytes() == attributes
    assert (repo / ".git" / "config").read_bytes() == config


def test_setup_before_any_ledger_ignores_side_files_through_gitignore(tmp_path):
    repo = tmp_path / "empty"
    repo.mkdir()
    git(repo, "-c", "init.defaultBranch=main", "init", "-q")
    (repo / ".gitattributes").write_text("*.png binary", encoding="utf-8")  # no final newline
    result = ok(dprk_in(repo, "git-setup"))
    assert "commit .gitattributes and .gitignore" in result.err
    assert (repo / ".gitattributes").read_text() == "*.png binary\ndprk-ledger.toml merge=dprk\n"
    assert (repo / ".gitignore").read_text() == ".dprk/\n"
    assert git(repo, "check-ignore", "-q", "sub/.dprk/x.lock", check=False).code == 0


def test_setup_for_a_ledger_with_another_name_in_a_subfolder(tmp_path):
    repo = tmp_path / "desk"
    (repo / "korea").mkdir(parents=True)
    git(repo, "-c", "init.defaultBranch=main", "init", "-q")
    ok(dprk_in(repo, "--ledger", "korea/talks 2018.toml", "init", "--party", "US"))
    ok(dprk_in(repo / "korea", "--ledger", "talks 2018.toml", "git-setup"))
    line = (repo / ".gitattributes").read_text()
    assert line == "/korea/talks[[:space:]]2018.toml merge=dprk\n"
    assert git(repo, "check-attr", "merge", "--", "korea/talks 2018.toml").out.endswith(
        "merge: dprk\n"
    )


def test_a_clone_only_needs_the_configuration(tmp_path):
    origin = init_repo(tmp_path / "origin")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(origin), str(clone))
    result = ok(dprk_in(clone, "git-setup"))
    assert "already uses the dprk merge driver" in result.err
    assert "nothing to change" not in result.err
    assert git(clone, "config", "merge.dprk.driver").out.strip() == "dprk merge-driver %O %A %B %P"
    assert git(clone, "status", "--porcelain").out == ""


@pytest.mark.parametrize("name", ["talks[2019].toml", "x*y?.toml", "#desk!.toml", "a\\b.toml"])
def test_setup_routes_a_ledger_whose_name_holds_glob_characters(tmp_path, name):
    """The pattern matches the file itself: '[2019]' is not a class of characters."""
    repo = tmp_path / "desk"
    repo.mkdir()
    git(repo, "-c", "init.defaultBranch=main", "init", "-q")
    ok(dprk_in(repo, "--ledger", name, "init", "--party", "US"))
    ok(dprk_in(repo, "--ledger", name, "git-setup"))
    assert git(repo, "check-attr", "merge", "--", name).out.endswith("merge: dprk\n")


def test_setup_says_so_when_a_nearer_gitattributes_overrides_it(tmp_path):
    repo = tmp_path / "desk"
    (repo / "korea").mkdir(parents=True)
    git(repo, "-c", "init.defaultBranch=main", "init", "-q")
    (repo / "korea" / ".gitattributes").write_text("*.toml -merge\n", encoding="utf-8")
    ok(dprk_in(repo, "--ledger", "korea/talks.toml", "init", "--party", "US"))
    result = dprk_in(repo, "--ledger", "korea/talks.toml", "git-setup")
    assert result.code == 1 and "Traceback" not in result.err
    assert result.err == (
        "dprk: error: git still does not merge korea/talks.toml with dprk ('git check-attr "
        "merge' says 'unset'): a .gitattributes nearer to it overrides the line; remove the "
        "'merge' setting there\n"
    )


def test_markers_left_in_a_clone_without_the_driver_say_to_set_it_up_and_merge_again(tmp_path):
    """.gitattributes names the dprk driver, but this clone never ran git-setup: git
    merged the ledger as text and left markers, and every command said to resolve the
    conflict and see 'dprk git-setup', which does not take the markers out. It says
    what does: abort the merge, set the driver up, merge again; and that works."""
    hub = tmp_path / "hub.git"
    git(tmp_path, "-c", "init.defaultBranch=main", "init", "-q", "--bare", str(hub))
    desk_a = init_repo(tmp_path / "a")
    git(desk_a, "remote", "add", "origin", str(hub))
    git(desk_a, "push", "-q", "origin", "main")
    git(tmp_path, "clone", "-q", str(hub), "b")
    desk_b = tmp_path / "b"
    ok(dprk_in(desk_a, "edit", "second-summit", "--notes", "desk A"))
    git(desk_a, "commit", "-q", "-am", "a")
    git(desk_a, "push", "-q", "origin", "main")
    ok(dprk_in(desk_b, "edit", "second-summit", "--category", "summitry"))
    git(desk_b, "commit", "-q", "-am", "b")
    assert git(desk_b, "pull", "-q", "--no-rebase", "origin", "main", check=False).code == 1
    ledger = desk_b / LEDGER
    held = ledger.read_bytes()
    assert b"<<<<<<< " in held
    advice = (
        "unresolved git merge conflict markers: git merged it as text, as this clone has "
        "not set up the dprk merge driver that .gitattributes names; run 'git merge "
        "--abort', then 'dprk git-setup', and merge again"
    )
    for args in (("check",), ("status",), ("mark", "second-summit", "agreed")):
        result = dprk_in(desk_b, *args)
        assert result.code == 1, args
        assert advice in result.err + result.out, args
        assert "Traceback" not in result.err
        assert ledger.read_bytes() == held
    # (the advice, followed, merges the ledger)
    git(desk_b, "merge", "--abort")
    ok(dprk_in(desk_b, "git-setup"))
    git(desk_b, "pull", "-q", "--no-rebase", "origin", "main")
    shown = ok(dprk_in(desk_b, "show", "second-summit", "--format", "json")).out
    assert '"notes": "desk A"' in shown and '"category": "summitry"' in shown
    assert ok(dprk_in(desk_b, "check")).out.endswith("0 errors, 1 warning\n")  # (its deadlock)
