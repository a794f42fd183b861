"""Bad input to the team commands: one line on standard error, a non-zero exit,
nothing on standard output, and the ledger byte for byte as it was."""

from __future__ import annotations

import pytest

from tests.conftest import EXAMPLE
from tests.team.build import BASE_LEDGER_TEXT
from tests.team.helpers import LEDGER, dprk_in, git, init_repo, ok


def _fails(result, code, words):
    assert result.code == code, result.err
    assert result.out == ""
    assert result.err.startswith("dprk: error: ") and result.err.count("\n") == 1, result.err
    assert words in result.err
    assert "Traceback" not in result.err


def test_not_a_git_repository(tmp_path):
    ok(dprk_in(tmp_path, "init", "--example", "korea-2018"))
    before = (tmp_path / LEDGER).read_bytes()
    _fails(dprk_in(tmp_path, "git-setup", process=True), 1, "is not inside a git repository")
    _fails(dprk_in(tmp_path, "diff"), 1, "is not inside a git repository")
    assert (tmp_path / LEDGER).read_bytes() == before
    assert not (tmp_path / ".gitattributes").exists()


@pytest.mark.parametrize(
    ("rev", "words"),
    [
        ("no-such-branch", "unknown git revision 'no-such-branch'"),
        ("HEAD~99", "unknown git revision 'HEAD~99'"),
        ("--output=x", "'--output=x' is not a git revision"),
    ],
)
def test_diff_with_an_unknown_revision(tmp_path, rev, words):
    repo = init_repo(tmp_path / "talks")
    _fails(dprk_in(repo, "diff", "--", rev), 1, words)
    assert not (repo / "x").exists()


def test_diff_in_a_repository_with_no_commit_says_to_commit_first(tmp_path):
    """After 'git init', as the refusal outside a repository advises, diff said "unknown
    git revision 'HEAD' (try HEAD, ...)", the revision that failed: nothing is committed
    yet. It says so, and its advice, followed, makes diff work."""
    ok(dprk_in(tmp_path, "init", "--example", "korea-2018"))
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.email", "a@example.org")
    git(tmp_path, "config", "user.name", "A")
    before = (tmp_path / LEDGER).read_bytes()
    result = dprk_in(tmp_path, "diff")
    _fails(result, 1, f"the git repository at {tmp_path.resolve()} has no commit yet")
    assert f"commit the ledger first ('git add {LEDGER} && git commit -m ...')" in result.err
    assert (tmp_path / LEDGER).read_bytes() == before
    git(tmp_path, "add", LEDGER)
    git(tmp_path, "commit", "-q", "-m", "first")
    ok(dprk_in(tmp_path, "diff"))


def test_diff_advice_works_from_where_it_is_run(tmp_path):
    """From a subfolder, the advice named the ledger from the repository's top ('git add
    sub/dprk-ledger.toml'), which git, run there, did not find; with one commit, 'HEAD~1'
    was refused advising 'HEAD~1'. Each is said as it works where it is run."""
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    ok(dprk_in(tmp_path / "sub", "init", "--example", "korea-2018"))
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.email", "a@example.org")
    git(tmp_path, "config", "user.name", "A")
    here = tmp_path / "sub" / "deeper"
    result = dprk_in(here, "diff")
    _fails(result, 1, "commit the ledger first ('git add ../dprk-ledger.toml && git commit")
    git(here, "add", "../dprk-ledger.toml")
    git(here, "commit", "-q", "-m", "first")
    ok(dprk_in(here, "diff"))
    _fails(
        dprk_in(here, "diff", "HEAD~1"),
        1,
        "unknown git revision 'HEAD~1' (the repository has one commit, HEAD: give it, a "
        "branch, a tag or a commit id; 'git log --oneline' lists them)",
    )
    git(here, "commit", "-q", "--allow-empty", "-m", "second")
    ok(dprk_in(here, "diff", "HEAD~1"))
    _fails(dprk_in(here, "diff", "HEAD~5"), 1, "(try HEAD to HEAD~1, a branch, a tag")


def test_diff_with_a_broken_committed_ledger(tmp_path):
    repo = init_repo(tmp_path / "talks")
    good = (repo / LEDGER).read_bytes()
    (repo / LEDGER).write_text("schema = 1\ntitle = \n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "broken")
    (repo / LEDGER).write_bytes(good)
    _fails(dprk_in(repo, "diff"), 1, f"HEAD:{LEDGER}: line 2")


def test_resolve_bad_inputs_leave_the_ledger_alone(tmp_path):
    ok(dprk_in(tmp_path, "init", "--example", "korea-2018"))
    path = tmp_path / LEDGER
    before = path.read_bytes()
    _fails(
        dprk_in(tmp_path, "resolve", "no-such-measure", "--field", "title", "--take", "ours"),
        1,
        "no measure with id 'no-such-measure'",
    )
    _fails(
        dprk_in(tmp_path, "resolve", "second-summit", "--field", "title", "--take", "ours"),
        1,
        "measure 'second-summit' has no unresolved merge conflicts",
    )
    _fails(
        dprk_in(tmp_path, "resolve", "--field", "title", "--take", "ours"),
        1,
        "the ledger has no unresolved merge conflicts",
    )
    _fails(dprk_in(tmp_path, "resolve", "second-summit", "--take", "ours"), 2, "--field")
    assert path.read_bytes() == before


def test_resolve_a_bad_value_leaves_the_ledger_alone(tmp_path):
    (tmp_path / "base.toml").write_text(BASE_LEDGER_TEXT, encoding="utf-8")
    ours = BASE_LEDGER_TEXT.replace('title = "Measure a"', 'title = "Ours"')
    theirs = BASE_LEDGER_TEXT.replace("deadline = 2019-01-01", "deadline = 2019-02-01").replace(
        'title = "Measure a"', 'title = "Theirs"'
    )
    ours = ours.replace("deadline = 2019-01-01", "deadline = 2019-03-01")
    (tmp_path / "ours.toml").write_text(ours, encoding="utf-8")
    (tmp_path / "theirs.toml").write_text(theirs, encoding="utf-8")
    assert dprk_in(tmp_path, "merge-driver", "base.toml", "ours.toml", "theirs.toml").code == 1
    path = tmp_path / "ours.toml"
    before = path.read_bytes()
    _fails(
        dprk_in(
            tmp_path,
            "--ledger",
            "ours.toml",
            "resolve",
            "a",
            "--field",
            "deadline",
            "--take",
            "soon",
        ),
        2,
        "'soon' is not a date",
    )
    _fails(
        dprk_in(
            tmp_path, "--ledger", "ours.toml", "resolve", "a", "--field", "actor", "--take", "x"
        ),
        1,
        "no merge conflict on 'actor' (conflicts on: deadline, title)",
    )
    # (a field in conflict is settled before it is edited: a settlement taking ours
    # undid an edit dated later, and recorded it so)
    edited = dprk_in(tmp_path, "--ledger", "ours.toml", "edit", "a", "--deadline", "2019-06-01")
    _fails(edited, 1, "its deadline is in conflict from a merge; settle it first with")
    # (a title is one line: refused as any option's text is, exit 2)
    for bad, said in (("a\nb", "control character (U+000A)"), ("a\u202eb", "bidirectional")):
        resolved = dprk_in(
            tmp_path, "--ledger", "ours.toml", "resolve", "a", "--field", "title", "--take", bad
        )
        _fails(resolved, 2, f"--take: contains a {said}")
    assert path.read_bytes() == before
    ok(
        dprk_in(
            tmp_path,
            "--ledger",
            "ours.toml",
            "resolve",
            "a",
            "--field",
            "deadline",
            "--take",
            "theirs",
        )
    )
    ok(
        dprk_in(
            tmp_path,
            "--ledger",
            "ours.toml",
            "resolve",
            "a",
            "--field",
            "title",
            "--take",
            "A new title",
        )
    )
    ok(dprk_in(tmp_path, "--ledger", "ours.toml", "check"))


def test_merge_driver_with_unreadable_inputs(tmp_path):
    (tmp_path / "good.toml").write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "broken.toml").write_text("schema = 1\n[[measures]\n", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    before = (tmp_path / "good.toml").read_bytes()
    _fails(
        dprk_in(tmp_path, "merge-driver", "good.toml", "good.toml", "missing.toml"),
        1,
        "missing.toml: no such file",
    )
    _fails(
        dprk_in(tmp_path, "merge-driver", "good.toml", "good.toml", "broken.toml"),
        1,
        "broken.toml (theirs): line 2",
    )
    _fails(
        dprk_in(tmp_path, "merge-driver", "folder", "good.toml", "good.toml"),
        1,
        "folder: is a folder",
    )
    _fails(
        dprk_in(tmp_path, "merge-driver", "good.toml", "good.toml", "good.toml", "-o", "folder"),
        1,
        "folder: is a folder",
    )
    _fails(
        dprk_in(tmp_path, "merge-driver", "good.toml", "good.toml"), 2, "Missing argument 'THEIRS'"
    )
    assert (tmp_path / "good.toml").read_bytes() == before


def test_merge_driver_output_option_leaves_ours_alone(tmp_path):
    (tmp_path / "base.toml").write_text(BASE_LEDGER_TEXT, encoding="utf-8")
    ours = BASE_LEDGER_TEXT.replace('notes = "base"', 'notes = "ours"')
    (tmp_path / "ours.toml").write_text(ours, encoding="utf-8")
    result = ok(
        dprk_in(tmp_path, "merge-driver", "base.toml", "ours.toml", "base.toml", "-o", "m.toml")
    )
    assert result.out == "" and result.err == ""
    assert (tmp_path / "ours.toml").read_text() == ours
    assert 'notes = "ours"' in (tmp_path / "m.toml").read_text()


def test_merge_driver_run_by_hand_without_a_path_advises_commands_naming_ours(tmp_path):
    """Run by hand from a subfolder, given no PATH and no --output, its advice named no
    file: 'dprk check' checked another ledger ('0 errors') and 'dprk resolve' found no
    conflict. It names the file it wrote (ours), as from where it was run."""
    (tmp_path / "base.toml").write_text(BASE_LEDGER_TEXT, encoding="utf-8")
    for side in ("ours", "theirs"):
        text = BASE_LEDGER_TEXT.replace('notes = "base"', f'notes = "{side}"')
        (tmp_path / f"{side}.toml").write_text(text, encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    merged = dprk_in(sub, "merge-driver", "../base.toml", "../ours.toml", "../theirs.toml")
    assert merged.code == 1 and merged.out == ""
    assert "('dprk --ledger ../ours.toml check' lists them" in merged.err
    assert "settle it with 'dprk --ledger ../ours.toml resolve a --field notes" in merged.err
    settled = dprk_in(sub, "--ledger", "../ours.toml", "resolve", "a", "--field", "notes",
                      "--take", "theirs")  # fmt: skip
    assert settled.code == 0, settled.err
    assert 'notes = "theirs"' in (tmp_path / "ours.toml").read_text()


def test_git_setup_of_a_ledger_named_with_ledger_says_the_settings_it_wrote(tmp_path):
    """With '--ledger "desk notes/korea.toml"', git-setup said it had set the driver to
    'dprk --ledger "desk notes/korea.toml" merge-driver ...', which it had not (the
    advice of every line was begun with the ledger, git's settings too)."""
    repo = tmp_path / "talks"
    (repo / "desk notes").mkdir(parents=True)
    git(repo, "-c", "init.defaultBranch=main", "init", "-q")
    named = ("--ledger", "desk notes/korea.toml")
    ok(dprk_in(repo, *named, "init", "--example", "korea-2018"))
    said = ok(dprk_in(repo, *named, "git-setup")).err
    assert "git config merge.dprk.driver = 'dprk merge-driver %O %A %B %P'\n" in said
    assert "--ledger" not in said
    assert git(repo, "config", "merge.dprk.driver").out == "dprk merge-driver %O %A %B %P\n"


def test_empty_base_means_added_on_both_sides(tmp_path):
    (tmp_path / "empty").write_bytes(b"")
    (tmp_path / "ours.toml").write_text(BASE_LEDGER_TEXT, encoding="utf-8")
    theirs = BASE_LEDGER_TEXT.replace('notes = "base"', 'notes = "theirs"')
    (tmp_path / "theirs.toml").write_text(theirs, encoding="utf-8")
    ok(dprk_in(tmp_path, "merge-driver", "empty", "ours.toml", "ours.toml"))
    assert (tmp_path / "ours.toml").read_text() == BASE_LEDGER_TEXT
    conflicted = dprk_in(tmp_path, "merge-driver", "empty", "ours.toml", "theirs.toml")
    assert conflicted.code == 1 and conflicted.out == ""
    assert "measure 'a': unresolved merge conflict on field 'notes'" in conflicted.err


@pytest.mark.parametrize("side", ["ours", "theirs"])
@pytest.mark.parametrize("text", ["", "\n  \n", "# a comment alone\n"])
def test_merge_driver_refuses_a_side_that_holds_no_ledger(tmp_path, side, text):
    # (git never hands the driver an empty side of a ledger both sides kept: merging
    # one would remove every measure the other side holds)
    before = _refused_side(tmp_path, side, text, "holds no ledger (it is blank, or comments alone)")
    # (as git runs it, the message says how to merge by hand)
    result = dprk_in(tmp_path, "merge-driver", "base.toml", "ours.toml", "theirs.toml", LEDGER)
    _fails(result, 1, f"{LEDGER}: the ledger of ")
    assert "holds no ledger" in result.err and "'dprk check'" in result.err
    assert (tmp_path / "ours.toml").read_bytes() == before


@pytest.mark.parametrize("side", ["base", "ours", "theirs"])
def test_merge_driver_refuses_a_side_with_an_id_twice(tmp_path, side):
    text = EXAMPLE.read_text(encoding="utf-8")
    twice = text.replace('id = "end-of-war-declaration"', 'id = "second-summit"')
    assert twice != text
    _refused_side(tmp_path, side, twice, "measure id 'second-summit' appears twice")


def _refused_side(tmp_path, side: str, text: str, words: str) -> bytes:
    """The merge of the example with `side` holding `text`, refused in `words`; our
    side, as it stays."""
    for name in ("base.toml", "ours.toml", "theirs.toml"):
        (tmp_path / name).write_bytes(EXAMPLE.read_bytes())
    (tmp_path / f"{side}.toml").write_text(text, encoding="utf-8")
    before = (tmp_path / "ours.toml").read_bytes()
    _fails(
        dprk_in(tmp_path, "merge-driver", "base.toml", "ours.toml", "theirs.toml"),
        1,
        f"{side}.toml ({side}): {words}",
    )
    assert (tmp_path / "ours.toml").read_bytes() == before
    return before


@pytest.mark.parametrize("own", [False, True], ids=["a measure's title", "the ledger's title"])
def test_resolve_refuses_a_value_a_field_rule_refuses_as_a_usage_error(dprk, empty, own):
    """'resolve ID --field title --take' a title of 600 characters exited 1, where 'edit
    --title' with it exits 2 ('--title: is too long'): a value typed on the command line
    that its field's rule refuses is a usage error, naming --take; nothing is written."""
    assert dprk("add-measure", "M", "--actor", "US", "--id", "m").code == 0
    long = "x" * 600
    edited = dprk(*(["edit-ledger"] if own else ["edit", "m"]), "--title", long)
    _fails(edited, 2, "--title: is too long: at most 500 characters (600 given)")
    conflict = '\n[[{}conflicts]]\nfield = "title"\nours = "a"\ntheirs = "b"\n'
    with empty.open("a", encoding="utf-8") as f:
        f.write(conflict.format("" if own else "measures."))
    before = empty.read_bytes()
    resolved = dprk("resolve", *([] if own else ["m"]), "--field", "title", "--take", long)
    _fails(resolved, 2, "--take: is too long: at most 500 characters (600 given)")
    assert resolved.err == "dprk: error: --take: is too long: at most 500 characters (600 given)\n"
    assert empty.read_bytes() == before
    ok(dprk("resolve", *([] if own else ["m"]), "--field", "title", "--take", "x" * 500))
