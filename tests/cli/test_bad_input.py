"""Every bad input: one line on standard error, nothing on standard output,
a non-zero exit, and the ledger byte for byte as it was."""

from __future__ import annotations

import json
import re
import shlex
import shutil

import pytest

from tests.conftest import shell

BAD_COMMANDS = [
    (["--lock-timeout", "nan", "add-party", "China"], 2, "'nan' is not a number of seconds"),
    # (arguments, exit code, words the message must hold)
    (["mark", "no-such-measure", "implemented"], 1, "no measure with id 'no-such-measure'"),
    (["mark", "inventory-submision", "agreed"], 1, "did you mean inventory-submission"),
    (["show", "nothing-here"], 1, "no measure with id"),
    (["add-measure", "Dup", "--actor", "US", "--id", "inventory-submission"], 1, "already exists"),
    (
        ["add-measure", "X", "--actor", "USA"],
        1,
        "'USA' is not a declared party (declared: DPRK, ROK, US)",
    ),
    (
        ["add-measure", "X", "--actor", "US", "--in-exchange-for", "nope"],
        1,
        "no measure with id 'nope'",
    ),
    (["add-measure", "X", "--actor", "US", "--id", "bad id"], 2, "not a valid id"),
    # a blank source to remove is a usage error, as a blank one to add; what was typed is
    # quoted as typed (runs of spaces were squeezed to one)
    (["edit", "second-summit", "--remove-source", " "], 2, "--remove-source: is blank"),
    (["edit", "second-summit", "--remove-source", "a   b"], 1, "has no source 'a   b' (its"),
    # the ledger stands as of today at the latest: a day ahead counted days not yet come
    *(
        ([command, "--as-of", "2099-01-01"], 2, "--as-of: 2099-01-01 is after today (")
        for command in ("status", "balance", "scorecard", "plan", "next", "report")
    ),
    # a rename dated before the measure was made: its advice named the new id's log
    (
        ["rename", "second-summit", "hanoi-summit", "--date", "2018-01-01"],
        1,  # (as an edit or a note dated before the creation: a change the rules refuse)
        "--date: 2018-01-01 is before 'second-summit' was created (2018-09-10)",
    ),
    # an option that takes one value, given twice: Click kept the last without a word
    (
        [
            "sequence",
            "end-of-war-declaration",
            "--after",
            "inventory-submission",
            "--after",
            "punggye-ri-closure",
        ],
        2,
        "--after: given twice ('inventory-submission' and 'punggye-ri-closure'); it takes one",
    ),  # fmt: skip
    (
        ["mark", "inventory-submission", "agreed", "--date", "2018-03-01", "--date=2018-03-05"],
        2,
        "--date: given twice ('2018-03-01' and '2018-03-05')",
    ),
    (["verify", "punggye-ri-closure", "--by", "IAEA", "--by", "38 North"], 2, "--by: given"),
    (["status", "-f", "json", "--format", "csv"], 2, "--format: given twice ('json' and 'csv')"),
    (["--lock-timeout", "1", "--lock-timeout=2", "status"], 2, "--lock-timeout: given twice"),
    # notes of spaces only say nothing ("" clears them): as --note, refused
    (["edit", "second-summit", "--notes", "   "], 2, "--notes: "),
    (["add-measure", "X", "--actor", "US", "--id", "a/b"], 2, "not a valid id"),
    (
        ["add-measure", "X", "--actor", "US", "--date", "2018-02-30"],
        2,
        "'2018-02-30' is no day of the calendar: February 2018 has 28 days",
    ),
    (
        ["add-measure", "X", "--actor", "US", "--deadline", "soon"],
        2,
        "--deadline: 'soon' is not a date",
    ),
    # an ISO week date, which Python's date parser reads, is not YYYY-MM-DD
    (["scorecard", "--as-of", "2018-W38-4"], 2, "--as-of: '2018-W38-4' is not a date"),
    (["edit", "second-summit", "--deadline", "2019-W10-1"], 2, "'2019-W10-1' is not a date"),
    (["add-measure", "X", "--actor", "US", "--status", "done"], 2, "'done' is not one of"),
    (["add-measure", "X"], 2, "Missing option '--actor'"),
    (["mark", "inventory-submission", "done"], 2, "'done' is not one of"),
    (["mark", "inventory-submission", "verified"], 2, "comes only from a verifier's finding"),
    (
        ["mark", "inventory-submission", "reversed", "--date", "2018-07-01"],
        1,
        "reversed on 2018-07-01 comes before its creation on 2018-07-07",
    ),
    (["mark", "punggye-ri-closure", "withdrawn"], 1, "only a pending measure can be withdrawn"),
    (["mark", "punggye-ri-closure", "implemented"], 1, "already implemented"),
    (["verify", "inventory-submission", "--by", "IAEA"], 1, "has not acted"),
    (["verify", "punggye-ri-closure", "--by", "IAEA", "--result", "maybe"], 2, "is not one of"),
    (["verify", "punggye-ri-closure"], 2, "Missing option '--by'"),
    (["status", "--party", "Japan"], 1, "'Japan' is not a declared party"),
    (["status", "--format", "yaml"], 2, "'yaml' is not one of"),
    (["add-party", "DPRK"], 1, "already declared"),
    (["frobnicate"], 2, "No such command 'frobnicate'. (see 'dprk --help')"),
    # an id that cannot be one names no measure: the command line is wrong (exit 2)
    (["show", "Bad Id"], 2, "ID: 'Bad Id' is not a valid id (Latin letters (a-z, A-Z), digits"),
    (["mark", "Bad/Id", "implemented"], 2, "ID: 'Bad/Id' is not a valid id"),
    (["link", "inventory-submission", "no such"], 2, "OTHER: 'no such' is not a valid id"),
    (["rename", "inventory-submission", "new id"], 2, "NEW_ID: 'new id' is not a valid id"),
    (["add-measure", "X", "--actor", "US", "--after", "a b"], 2, "--after: 'a b' is not a"),
    # what says something is never blank
    (["add-measure", "   ", "--actor", "US"], 2, "TITLE: is blank; give some text"),
    (["add-measure", "X", "--actor", "US", "--source", ""], 2, "--source: is blank"),
    (["note", "inventory-submission", " "], 2, "TEXT: is blank"),
    (["link", "inventory-submission", "second-summit", "--note", "   "], 2, "--note: is blank"),
    (["mark", "inventory-submission", "agreed", "--note", "\t"], 2, "--note: is blank"),
    (["note", "inventory-submission", "x", "--source", " "], 2, "--source: is blank"),
    (["mark", "inventory-submission", "agreed", "--source", ""], 2, "--source: is blank"),
    (["edit", "inventory-submission", "--add-source", "  "], 2, "--add-source: is blank"),
    (["edit", "inventory-submission", "--title", " "], 2, "--title: is blank"),
    (["edit-ledger", "--title", " "], 2, "--title: is blank"),
    (["verify", "punggye-ri-closure", "--by", " "], 2, "--by: is blank"),
    (["verify", "punggye-ri-closure", "--by", "X", "--evidence", ""], 2, "--evidence: is blank"),
    (["add-party", "   "], 2, "party name: is blank"),
    (["rename-party", "US", " "], 2, "NEW: is blank"),
    # a blank party said "' ' is not a declared party; add it with 'dprk add-party '"
    (["add-measure", "X", "--actor", "   "], 2, "--actor: is blank"),
    (["add-measure", "X", "--actor", ""], 2, "--actor: is blank"),
    (["edit", "second-summit", "--actor", ""], 2, "--actor: is blank"),
    (
        ["sequence", "second-summit", "--after", "punggye-ri-closure", "--demanded-by", " "],
        2,
        "--demanded-by: is blank",
    ),
    (["remove-party", ""], 2, "NAME: is blank"),
    # a value too long, in dprk's words (it gave pydantic's: "String should have...")
    (
        ["add-measure", "x" * 501, "--actor", "US"],
        2,
        "TITLE: is too long: at most 500 characters (501 given)",
    ),
    (["add-party", "P" * 61], 2, "party name: is too long: at most 60 characters (61 given)"),
    # characters that are not seen say nothing either (an empty card in the report)
    (["add-party", "\u200c"], 2, "party name: is blank"),
    (["add-measure", "\u200b", "--actor", "US"], 2, "TITLE: is blank"),
    (["edit-ledger", "--title", "\u00ad "], 2, "--title: is blank"),
    (["add-party", "\u3164"], 2, "party name: is blank"),  # (a Hangul filler)
    (["add-measure", "\u2800\u115f", "--actor", "US"], 2, "TITLE: is blank"),
    (["verify", "punggye-ri-closure", "--by", "\u034f"], 2, "--by: is blank"),
    # a name near a declared party's is pointed to it (a look-alike is that party:
    # test_every_option_that_names_a_party_takes_it_as_by_takes_it)
    (
        ["add-measure", "X", "--actor", "USA"],
        1,
        "is not a declared party (declared: DPRK, ROK, US); did you mean US?",
    ),
    (["rename-party", " ", "X"], 2, "OLD: is blank"),
    (["status", "--party", " "], 2, "--party: is blank"),
    # a category of spaces only says nothing ("" says there is none)
    (
        ["add-measure", "X", "--actor", "US", "--category", "  "],
        2,
        '--category: is blank; give some text, or "" for none',
    ),
    (
        ["edit", "second-summit", "--category", " "],
        2,
        '--category: is blank; give some text, or "" for none',
    ),
    (["status", "--category", " "], 2, '--category: is blank; give some text, or "" for none'),
    # an empty path names no file (it was taken for the current folder: 'write failed')
    (["report", "-o", ""], 2, "--output: empty path; name a file"),
    (["report", "--output="], 2, "--output: empty path; name a file"),
    (["--ledger", "", "status"], 2, "--ledger: empty path; name a file"),
    (["-l", "", "add-party", "China"], 2, "--ledger: empty path; name a file"),
    (["import", "", "--format", "json"], 2, "FILE: empty path; name a file"),
    (["merge-driver", "", "dprk-ledger.toml", "dprk-ledger.toml"], 2, "BASE: empty path"),
    (
        ["merge-driver", *["dprk-ledger.toml"] * 3, "-o", ""],
        2,
        "--output: empty path; name a file",
    ),
    # a path ending in a separator names a folder ('init' made 'newdir/' a file 'newdir')
    (["--ledger", "newdir/", "init", "--party", "A"], 2,
     "--ledger: 'newdir/' names a folder; name a file in it"),
    (["report", "-o", "out/"], 2, "--output: 'out/' names a folder; name a file in it"),
    # an option given no value points to its command's help (it said 'dprk --help')
    (["mark", "inventory-submission", "agreed", "--date"], 2,
     "Option '--date' requires an argument. (see 'dprk mark --help')"),
    (["--ledger", "dprk-ledger.toml", "status", "--format"], 2,
     "Option '--format' requires an argument. (see 'dprk status --help')"),
    # a bad value of dprk's own option points to dprk's help (it named the command's)
    # (in dprk's words: it said "'abc' is not a valid float range", and of -1 "is not in
    # the range x>=0")
    (["--lock-timeout", "abc", "add-party", "X"], 2,
     "--lock-timeout: 'abc' is not a number of seconds (0 or more) (see 'dprk --help')"),
    (["--lock-timeout=-1", "add-party", "X"], 2,
     "--lock-timeout: '-1' is not a number of seconds (0 or more) (see 'dprk --help')"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "code", "words"),
    BAD_COMMANDS,
    ids=lambda v: " ".join(v) if isinstance(v, list) else None,
)
def test_bad_command_changes_nothing(dprk, korea, args, code, words):
    before = korea.read_bytes()
    result = dprk(*args)
    assert result.code == code, result.err
    assert result.out == ""
    assert words in result.err
    assert result.err.startswith("dprk: error: ")
    assert result.err.count("\n") == 1, result.err
    assert "Traceback" not in result.err
    assert korea.read_bytes() == before


@pytest.mark.parametrize(
    "args",
    [
        ["report", "-o", ""],
        ["--ledger", "", "add-party", "China"],
        ["merge-driver", "a", "b", "c", "-o", ""],
    ],
)
def test_an_empty_path_writes_nothing_anywhere(dprk, korea, tmp_path, args):
    files = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    result = dprk(*args)
    assert (result.code, result.out) == (2, "")
    assert result.err.endswith(": empty path; name a file\n")
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == files


def test_a_ledger_named_as_a_folder_is_made_nowhere(dprk, tmp_path):
    result = dprk("--ledger", "newdir/", "init", "--party", "A")
    assert (result.code, result.out) == (2, "")
    assert list(tmp_path.iterdir()) == []


def test_verify_from_stdin_is_all_or_nothing(dprk, korea):
    before = korea.read_bytes()
    result = dprk("verify", "-", "--by", "IAEA", stdin="punggye-ri-closure\ninventory-submission\n")
    assert result.code == 1
    assert "inventory-submission" in result.err
    assert korea.read_bytes() == before


def test_a_pipeline_with_no_ids_does_nothing_and_says_so(dprk, korea):
    before = korea.read_bytes()
    result = dprk("verify", "-", "--by", "IAEA", stdin="")
    assert result.code == 0 and result.out == ""
    assert result.err == "dprk: no measure ids on standard input; nothing to do\n"
    assert korea.read_bytes() == before


@pytest.mark.parametrize(
    ("command", "fmt", "out"),
    [
        ("show", "json", "[]\n"),
        ("log", "json", "[]\n"),
        ("log", "csv", "id,n,date,event,status,extent,detail,note,recorded,by\n"),
        # (a table of nothing is no table: `log` printed "History (no history)" beside the
        # words that there was nothing to do, `show` nothing, with or without a filter)
        ("show", "table", ""),
        ("log", "table", ""),
    ],
)
def test_a_read_of_no_ids_piped_in_prints_an_empty_list(dprk, korea, command, fmt, out):
    """A read of ids a pipeline found none of printed nothing, which `jq` cannot read.
    It prints an empty list, its answer, and says in one line on standard error that
    none were given ('none listed': 'nothing to do' is a change's word, which does
    nothing), where it said nothing and a pipeline's empty step read as an answer."""
    before = korea.read_bytes()
    for filters in ([], ["--party", "US"]):
        if command == "show" and filters:
            continue
        for stdin in ("\n", ""):
            result = dprk(command, "-", "--format", fmt, *filters, stdin=stdin)
            assert (result.code, result.out, result.err) == (
                0,
                out,
                "dprk: no measure ids on standard input; none listed\n",
            )
            assert korea.read_bytes() == before


@pytest.mark.parametrize("command", [["mark", "-", "implemented"], ["show", "-"]])
def test_an_id_piped_in_that_cannot_be_one_is_a_usage_error(dprk, korea, command):
    """Given as an argument, 'a b' is not a valid id (exit 2); read from standard input
    it was 'no measure with id' (exit 1), and nothing named the line."""
    before = korea.read_bytes()
    result = dprk(*command, stdin="test-moratorium\na b\n")
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith("dprk: error: standard input, line 2: 'a b' is not a valid id")
    assert korea.read_bytes() == before
    # bytes that are not UTF-8, as in an argument: exit 2
    piped = " ".join(command)
    result = shell(f"printf 'test-moratorium\\n\\377\\n' | dprk {piped}", cwd=korea.parent)
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith("dprk: error: standard input, line 2: not valid UTF-8")
    assert korea.read_bytes() == before


def test_no_ledger_found_says_run_init(dprk, tmp_path):
    result = dprk("status")
    assert result.code == 1
    assert result.out == ""
    assert "run 'dprk init'" in result.err
    assert result.err.count("\n") == 1


def test_init_never_makes_a_ledger_among_dprks_own_files(dprk, korea, monkeypatch):
    """'dprk --ledger .dprk/dprk-ledger.toml.undo init --force' replaced the ledger's
    undo journal with a new ledger: undo then had nothing to undo."""
    assert dprk("mark", "second-summit", "agreed", "--date", "2018-10-01").code == 0
    side = korea.parent / ".dprk"
    before = {p.name: p.read_bytes() for p in side.iterdir()}
    journal = side / "dprk-ledger.toml.undo"
    for args in (("--ledger", str(journal), "init", "--force"), ("init",)):
        if args == ("init",):
            monkeypatch.setenv("DPRK_LEDGER", str(side / "new.toml"))
        result = dprk(*args)
        assert (result.code, result.out) == (2, "")
        assert result.err.endswith(
            "is in (or is) a .dprk/ folder, where dprk keeps its own files beside a ledger; "
            "name a file elsewhere\n"
        )
        assert {p.name: p.read_bytes() for p in side.iterdir()} == before
    monkeypatch.delenv("DPRK_LEDGER")
    # the folder itself (it said "a ledger already exists here")
    named = dprk("--ledger", ".dprk", "init", "--party", "A")
    assert (named.code, named.err) == (
        2,
        "dprk: error: .dprk: is in (or is) a .dprk/ folder, where dprk keeps its own files "
        "beside a ledger; name a file elsewhere\n",
    )
    assert dprk("undo").code == 0


def test_ledger_found_in_a_parent_folder(dprk, korea, tmp_path, monkeypatch):
    sub = tmp_path / "notes" / "2018"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    result = dprk("status", "--format", "ids")
    assert result.code == 0
    assert "inventory-submission" in result.lines


def test_a_broken_link_named_as_the_ledger_ends_the_search_upward(
    dprk, korea, tmp_path, monkeypatch
):
    """A `dprk-ledger.toml` in a subfolder that links to a file now gone (a disk not
    mounted): the search went on upward, and a measure meant for that ledger was
    written into the one above it."""
    sub = tmp_path / "desk"
    (sub / "notes").mkdir(parents=True)
    (sub / "dprk-ledger.toml").symlink_to(tmp_path / "gone" / "talks.toml")
    monkeypatch.chdir(sub / "notes")
    before = korea.read_bytes()
    for args in (["add-measure", "Meant elsewhere", "--actor", "US"], ["status"]):
        result = dprk(*args)
        assert (result.code, result.out) == (1, "")
        assert result.err.startswith("dprk: error: ../dprk-ledger.toml: no such ledger")
        assert result.err.count("\n") == 1
    assert korea.read_bytes() == before


def test_missing_file_named_explicitly(dprk, tmp_path):
    result = dprk("--ledger", "missing.toml", "status")
    assert result.code == 1
    assert "missing.toml: no such ledger" in result.err


def test_folder_where_the_file_should_be(dprk, tmp_path):
    (tmp_path / "dir.toml").mkdir()
    result = dprk("--ledger", "dir.toml", "status")
    assert result.code == 1
    assert "is a folder" in result.err
    result = dprk("--ledger", "dir.toml", "init")
    assert result.code == 1
    assert "is a folder" in result.err


def test_a_folder_named_as_the_ledger_is_advised_a_file_in_it(dprk, tmp_path):
    """'dprk --ledger fold init', fold a folder, said only 'fold: is a folder, not a
    ledger file', where 'fold/' added 'name a file in it': the same advice, with or
    without the slash, and nothing made in it or beside it."""
    (tmp_path / "fold").mkdir()
    for args in (["init"], ["status"], ["add-party", "China"], ["undo"]):
        result = dprk("--ledger", "fold", *args)
        assert (result.code, result.out) == (1, "")
        assert (
            result.err == "dprk: error: fold: is a folder, not a ledger file; name a file in it\n"
        )
    result = dprk("--ledger", "fold/", "init")
    assert result.err == "dprk: error: --ledger: 'fold/' names a folder; name a file in it\n"
    assert [p.name for p in tmp_path.rglob("*")] == ["fold"]


def test_a_folder_named_as_an_output_is_advised_a_file_in_it(dprk, korea, tmp_path):
    """'dprk report -o fold', fold a folder, said 'write failed, report left unchanged:
    Is a directory': the advice a ledger named so gets, in one line, and nothing written
    in the folder or to the ledger, a read-only folder alike. (`export` writes to
    standard output alone.)"""
    fold = tmp_path / "fold"
    fold.mkdir()
    before = korea.read_bytes()
    said = "dprk: error: fold: is a folder, not a file; name a file in it\n"
    for args in (["report", "-o", "fold"], ["report", "--output", "fold", "--as-of", "2018-09-01"]):
        result = dprk(*args)
        assert (result.code, result.out, result.err) == (1, "", said)
    fold.chmod(0o555)  # (not 'the file is read-only': it is no file)
    try:
        assert dprk("report", "-o", "fold").err == said
    finally:
        fold.chmod(0o755)
    result = dprk("merge-driver", *["dprk-ledger.toml"] * 3, "--output", "fold")
    assert (result.code, result.out) == (1, "")
    assert result.err == "dprk: error: fold: is a folder, not a ledger file; name a file in it\n"
    result = dprk("report", "-o", "fold/")  # (as with the slash, whose error is of usage)
    assert (result.code, result.err) == (
        2,
        "dprk: error: --output: 'fold/' names a folder; name a file in it\n",
    )
    assert list(fold.iterdir()) == []
    assert korea.read_bytes() == before


def test_no_permission_to_read(dprk, korea, monkeypatch):
    # root reads every file, so the refusal is simulated where the store opens the ledger
    from dprk_cli.store import fs as files

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files, "open", refuse, raising=False)
    result = dprk("status")
    assert result.code == 1
    assert "permission denied" in result.err


def test_no_permission_to_write_the_folder(dprk, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    ledger = folder / "l.toml"
    assert dprk("--ledger", str(ledger), "init", "--party", "US").code == 0
    before = ledger.read_bytes()
    # a file where the side folder should be: the lock cannot be created
    (folder / ".dprk").rename(folder / "side")
    (folder / ".dprk").write_text("not a folder")
    result = dprk("--ledger", str(ledger), "add-measure", "X", "--actor", "US")
    assert result.code == 1
    assert "lock" in result.err
    assert ledger.read_bytes() == before


HAND_EDITS = [
    (
        'title = "x"\nparties = ["US"]\n[[measures]]\nid = "a"\ntitle = "A"\nactor = "US"\nstatus = "done"\n',
        "measure 'a', field 'status'",
    ),
    (
        'title = "x"\nparties = ["US"]\n[[measures]]\nid = "a"\ntitle = "A"\nactor = "US"\nstatsu = "agreed"\n',
        "measure 'a', field 'statsu': is not a field dprk knows",
    ),
    (
        'title = "x"\nparties = ["US"]\n[[measures]]\nid = "a"\nactor = "US"\n',
        "measure 'a', field 'title': is required",
    ),
    ('title = "x"\nparties = ["US"\n', "line 2 (end of file): TOML syntax error: Unclosed array"),
    ('title = "x"\nparties = [US]\n', "line 2, column 12: TOML syntax error"),
    (
        'title = "x"\n<<<<<<< HEAD\nparties = ["US"]\n=======\nparties = ["DPRK"]\n>>>>>>> other\n',
        "line 2: unresolved git merge conflict markers",
    ),
    ('schema = 9\ntitle = "x"\n', "schema 9 is not supported"),
    ("title = 5\n", "field 'title': 5 is not text; write it in quotes"),
    (
        'title = "x"\nparties = ["US"]\n[[measures]]\nid = "a b"\ntitle = "A"\nactor = "US"\n',
        "'a b' is not a valid id",
    ),
]


@pytest.mark.parametrize(("text", "words"), HAND_EDITS)
def test_hand_mangled_ledger_gives_one_line(dprk, tmp_path, text, words):
    path = tmp_path / "dprk-ledger.toml"
    path.write_text(text, encoding="utf-8")
    for args in (["status"], ["add-party", "China"]):
        result = dprk(*args)
        assert result.code == 1
        assert result.out == ""
        assert words in result.err, result.err
        assert result.err.startswith(f"dprk: error: {path.name}") or str(path) in result.err
        assert result.err.count("\n") == 1
        assert path.read_text(encoding="utf-8") == text


def test_bom_and_invalid_utf8(dprk, tmp_path):
    path = tmp_path / "dprk-ledger.toml"
    path.write_bytes(b'\xef\xbb\xbftitle = "x"\n')
    assert "byte-order mark" in dprk("status").err
    path.write_bytes(b'title = "x\xff"\n')
    result = dprk("status")
    assert result.code == 1
    assert "line 1: invalid UTF-8" in result.err


@pytest.mark.parametrize(
    ("encoding", "named"),
    [("utf-16-le", "UTF-16LE"), ("utf-16-be", "UTF-16BE"), ("utf-16", "UTF-16")],
)
def test_a_utf16_ledger_is_named_so_with_a_way_to_convert_it(
    dprk, korea, tmp_path, encoding, named
):
    """A ledger a Windows editor saved as 'Unicode' (UTF-16, without a byte-order mark)
    was refused as 'TOML syntax error: Invalid statement' (with one, as invalid UTF-8).
    It is said to look like UTF-16, with a command that converts it, which works."""
    text = korea.read_text(encoding="utf-8")
    before = korea.read_bytes()
    (tmp_path / "my talks.toml").write_bytes(text.encode(encoding))
    result = dprk("--ledger", "my talks.toml", "status")
    command = (
        f'iconv -f {named} -t UTF-8 "my talks.toml" > utf8.toml && mv utf8.toml "my talks.toml"'
    )
    assert (result.code, result.out, result.err) == (
        1,
        "",
        "dprk: error: my talks.toml: file looks like UTF-16 text (a zero byte beside each "
        f"letter), not UTF-8; save it as UTF-8 without BOM, or convert it with '{command}'\n",
    )
    if shutil.which("iconv") is None:
        pytest.skip("iconv is not installed")
    assert shell(command, cwd=tmp_path).code == 0
    assert (tmp_path / "my talks.toml").read_bytes() == before
    assert dprk("--ledger", "my talks.toml", "check").code == 0


@pytest.mark.parametrize(
    ("marks", "said"),
    [
        (
            b"\xff\xfe\xef\xbb\xbf",
            "file starts with the stray bytes FF FE (a UTF-16 byte-order mark, but the file "
            "is not UTF-16 text: no zero bytes), not UTF-8, then EF BB BF (a byte-order "
            "mark); remove those 5 bytes: '{command}' writes a copy without them",
        ),
        (
            b"\xef\xbb\xbf\xff\xfe",
            "file starts with a byte-order mark (BOM), then the stray bytes FF FE; save it as "
            "UTF-8 without BOM: '{command}' writes a copy without them",
        ),
    ],
)
def test_a_ledger_after_a_bom_and_a_utf16_mark_is_mended_by_one_copy(
    dprk, korea, tmp_path, marks, said
):
    """FF FE before a UTF-8 byte-order mark: the copy the refusal advised kept the BOM,
    and read, was refused again, with no command (the BOM then FF FE the same, the other
    way round). The command strips every mark before the text in one copy, the BOM's
    refusal gives one too, and neither writes over the ledger."""
    text = korea.read_bytes()
    korea.write_bytes(marks + text)
    before = korea.read_bytes()
    result = dprk("status")
    command = "tail -c +6 dprk-ledger.toml > without-mark.toml"
    assert (result.code, result.out, result.err) == (
        1,
        "",
        "dprk: error: dprk-ledger.toml: "
        + said.format(command=command)
        + ", to look at before keeping it\n",
    )
    assert korea.read_bytes() == before
    assert shell(command, cwd=tmp_path).code == 0
    assert (tmp_path / "without-mark.toml").read_bytes() == text
    assert korea.read_bytes() == before
    assert dprk("--ledger", "without-mark.toml", "check").code == 0


@pytest.mark.parametrize("mark", [b"\xff\xfe", b"\xfe\xff"])
def test_a_utf8_ledger_after_a_utf16_mark_is_not_called_utf16(dprk, korea, tmp_path, mark):
    """A UTF-8 ledger that starts with the bytes of a UTF-16 byte-order mark, and no zero
    bytes, was called UTF-16 text, with an iconv command that, followed, wrote garbage
    over it. It is said to start with stray bytes, and the advice writes a copy."""
    text = korea.read_bytes()
    korea.write_bytes(mark + text)
    before = korea.read_bytes()
    result = dprk("status")
    said = f"{mark[0]:02X} {mark[1]:02X}"
    command = "tail -c +3 dprk-ledger.toml > without-mark.toml"
    assert (result.code, result.out, result.err) == (
        1,
        "",
        f"dprk: error: dprk-ledger.toml: file starts with the stray bytes {said} (a UTF-16 "
        "byte-order mark, but the file is not UTF-16 text: no zero bytes), not UTF-8; "
        f"remove those two bytes: '{command}' writes a copy without them, to look at before "
        "keeping it\n",
    )
    assert "iconv" not in result.err and "mv " not in result.err
    assert korea.read_bytes() == before
    assert shell(command, cwd=tmp_path).code == 0
    assert (tmp_path / "without-mark.toml").read_bytes() == text
    assert korea.read_bytes() == before
    # an import file so: the same words, and nothing imported
    (tmp_path / "f.json").write_bytes(mark + b"[]")
    korea.write_bytes(text)
    result = dprk("import", "f.json")
    assert (result.code, result.out, result.err) == (
        1,
        "",
        f"dprk: error: f.json: file starts with the stray bytes {said} (a UTF-16 byte-order "
        "mark, but the file is not UTF-16 text: no zero bytes), not UTF-8; remove them and "
        "import it again\n",
    )
    assert korea.read_bytes() == text


def test_the_way_to_convert_a_utf16_ledger_named_with_a_leading_dash_works(dprk, korea, tmp_path):
    """A ledger whose name starts with '-' was named bare in the iconv command, which
    took it for an option: the name is written './-talks.toml', and the command works."""
    text = korea.read_text(encoding="utf-8")
    before = korea.read_bytes()
    (tmp_path / "-talks.toml").write_bytes(text.encode("utf-16-le"))
    result = dprk("--ledger", "-talks.toml", "status")
    command = "iconv -f UTF-16LE -t UTF-8 ./-talks.toml > utf8.toml && mv utf8.toml ./-talks.toml"
    assert (result.code, result.out) == (1, "")
    assert result.err.endswith(f"convert it with '{command}'\n")
    assert shell(command, cwd=tmp_path).code == 0
    assert (tmp_path / "-talks.toml").read_bytes() == before
    assert dprk("--ledger", "-talks.toml", "check").code == 0


def test_a_recording_time_past_year_9999_is_refused_in_one_line(dprk, korea, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "99999999999999")
    before = korea.read_bytes()
    result = dprk("note", "second-summit", "A note", "--date", "2018-09-11")
    assert result.code == 2 and result.out == ""
    assert result.err.startswith("dprk: error: SOURCE_DATE_EPOCH: 99999999999999 seconds")
    assert result.err.count("\n") == 1
    assert korea.read_bytes() == before


def test_a_recording_time_more_than_a_day_ahead_of_the_clock_is_warned_of(dprk, korea, monkeypatch):
    """A SOURCE_DATE_EPOCH in 2100 was taken in silence: entries were recorded then,
    which check, the variable unset, called a time typed wrong, and every later entry of
    the measure was recorded after them. The write says so (made all the same: a test
    may set a clock ahead); within a day ahead, as two clocks may differ, it says
    nothing."""
    import time

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "4102444800")
    before = korea.read_bytes()
    result = dprk("note", "second-summit", "A note", "--date", "2018-09-11")
    assert (result.code, result.out, result.err) == (
        0,
        "",
        "second-summit: note on 2018-09-11\ndprk: warning: SOURCE_DATE_EPOCH records this "
        "change at 2100-01-01 00:00:00+00:00, more than a day after the system's clock: once "
        "it is unset, 'dprk check' calls that time typed wrong, and each later entry of the "
        "measure is recorded after it; a reproducible file is made at a time past\n",
    )
    assert korea.read_bytes() != before
    assert b"recorded = 2100-01-01 00:00:00+00:00" in korea.read_bytes()
    assert dprk("status").err == ""  # (a read records nothing: nothing to say)
    korea.write_bytes(before)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(time.time()) + 3600))
    done = dprk("note", "second-summit", "A note", "--date", "2018-09-11")
    assert (done.code, done.err) == (0, "second-summit: note on 2018-09-11\n")
    assert dprk("check").code == 0


@pytest.mark.parametrize("epoch", ["abc", "1.5", "-1", "1e9", "\uff11"])
def test_a_recording_time_that_is_no_number_of_seconds_is_refused(dprk, korea, monkeypatch, epoch):
    """It was ignored without a word: the file a user believed reproducible was not."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    before = korea.read_bytes()
    result = dprk("note", "second-summit", "A note", "--date", "2018-09-11")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        f"dprk: error: SOURCE_DATE_EPOCH: '{epoch}' is not a whole number of seconds since "
        "1970-01-01; unset it, or give one (it fixes the time changes are recorded at)\n"
    )
    assert korea.read_bytes() == before
    # a command that records nothing refuses it too, as the reference says (it ended 0)
    for args in (("status",), ("check",), ("log", "second-summit")):
        assert dprk(*args).err == result.err, args
        assert dprk(*args).code == 2


def test_a_read_only_ledger_is_not_replaced(dprk, korea, tmp_path):
    """chmod a-w protects the ledger from dprk as from any editor (dprk writes a new file
    and renames it over the old one, which the folder's permission alone would allow,
    and root may write anything)."""
    assert dprk("mark", "second-summit", "agreed", "--date", "2018-09-20").code == 0
    before = korea.read_bytes()
    korea.chmod(0o444)
    try:
        for args in (
            ["edit", "second-summit", "--category", "summitry"],
            ["undo"],
            ["add-party", "China"],
        ):
            result = dprk(*args)
            assert (result.code, result.out) == (1, ""), args
            assert result.err == (
                "dprk: error: dprk-ledger.toml: the file is read-only, ledger left unchanged "
                "(allow changes with 'chmod u+w dprk-ledger.toml')\n"
            )
            assert korea.read_bytes() == before and korea.stat().st_mode & 0o777 == 0o444
        assert dprk("status").code == 0  # reading it is fine
    finally:
        korea.chmod(0o644)
    assert dprk("undo").code == 0  # the change before is still the one to take back
    assert b'"second-summit"' in korea.read_bytes() and korea.read_bytes() != before
    page = tmp_path / "briefing.html"
    assert dprk("report", "-o", str(page)).code == 0
    page.chmod(0o444)
    result = dprk("report", "-o", str(page))
    assert result.code == 1 and "briefing.html: the file is read-only, report left" in result.err


def test_a_device_or_a_named_pipe_given_as_output_is_written_into_not_replaced(
    dprk, korea, tmp_path
):
    """`report -o` and `merge-driver -o` write into a device or a fifo as the shell's `>`
    does: they replaced it with a file (as root, /dev/null itself)."""
    import os
    import stat
    import threading

    null = os.stat("/dev/null")
    assert dprk("report", "-o", "/dev/null").code == 0
    shutil_copy = korea.read_bytes()
    for name in ("base.toml", "ours.toml", "theirs.toml"):
        (tmp_path / name).write_bytes(shutil_copy)
    merged = dprk("merge-driver", "base.toml", "ours.toml", "theirs.toml", "-o", "/dev/null")
    assert merged.code == 0, merged.err
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == null.st_rdev

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(pipe.read_bytes()))
    reader.start()
    result = dprk("report", "-o", str(pipe))
    reader.join(timeout=60)
    assert result.code == 0, result.err
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert got and got[0].startswith(b"<!DOCTYPE html>")


@pytest.mark.slow  # real pipes
def test_standard_output_named_as_output_is_written_into(korea, tmp_path):
    """`-o /dev/stdout` (or `/dev/fd/1`) into a pipe writes there, as `-o -` does: it named
    a pipe that has no name in a folder, and the temporary file beside it could not be
    made ('No such file or directory')."""
    from tests.conftest import shell

    page = shell("dprk report -o -", cwd=tmp_path)
    assert page.code == 0 and page.out.startswith("<!DOCTYPE html>")
    for target in ("/dev/stdout", "/dev/fd/1"):
        result = shell(f"dprk report -o {target} | cat", cwd=tmp_path)
        assert (result.code, result.err) == (0, f"wrote {target}\n")
        assert result.out == page.out
    result = shell("dprk report -o /dev/stderr 2>&1 >/dev/null | cat", cwd=tmp_path)
    assert result.code == 0 and result.out == page.out + "wrote /dev/stderr\n"
    for name in ("base.toml", "ours.toml", "theirs.toml"):
        (tmp_path / name).write_bytes(korea.read_bytes())
    merged = shell(
        "dprk merge-driver base.toml ours.toml theirs.toml -o /dev/stdout | cat", cwd=tmp_path
    )
    assert (merged.code, merged.err) == (0, "")
    assert merged.out.encode() == korea.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir() if "tmp" in p.name) == []


@pytest.mark.parametrize(
    "args, said",
    [
        (["mark", "second-summit", "--date", "2018-09-20"], "dprk: error: give the ids and STATUS"),
        (
            ["mark", "implemented", "second-summit"],
            "dprk: error: Invalid value for 'STATUS': 'second-summit' is not one of",
        ),
    ],
)
def test_mark_without_a_status_or_with_it_first_says_the_ids_come_first(dprk, korea, args, said):
    before = korea.read_bytes()
    result = dprk(*args)
    assert result.code == 2 and result.out == ""
    assert result.err.startswith(said)
    assert result.err.endswith(" (the ids come first, then STATUS: 'dprk mark ID... STATUS')\n")
    assert result.err.count("\n") == 1
    assert korea.read_bytes() == before


def test_note_with_its_text_first_says_the_id_comes_first(dprk, korea):
    """`dprk note "Tunnels seen sealed" punggye-ri-closure` said only that the text was
    not a valid id (and a one-word note, that no measure had it as its id), where `mark`
    says that the ids come first."""
    before = korea.read_bytes()
    hint = " (the id comes first, then TEXT: 'dprk note ID TEXT')"
    for args, code, said in (
        (["note", "Tunnels seen sealed", "punggye-ri-closure"], 2,
         f"ID: 'Tunnels seen sealed' is not a valid id; TEXT 'punggye-ri-closure' looks like "
         f"one{hint}"),
        (["note", "Tunnels", "punggye-ri-closure", "--date", "2018-06-01"], 1,
         f"no measure with id 'Tunnels'; TEXT 'punggye-ri-closure' is one{hint}"),
        # (a text that is no id, or an id unknown: no hint)
        (["note", "Bad/id", "seen sealed"], 2, "ID: 'Bad/id' is not a valid id (Latin letters"),
        (["note", "Tunnels", "seen sealed"], 1, "no measure with id 'Tunnels'; 'dprk status"),
        (["note", "Tunnels", "nope-nope"], 1, "no measure with id 'Tunnels'; 'dprk status"),
    ):  # fmt: skip
        result = dprk(*args)
        assert (result.code, result.out) == (code, ""), args
        assert result.err.startswith(f"dprk: error: {said}"), result.err
        assert result.err.count("\n") == 1 and ("comes first" in result.err) == (hint in said)
        assert korea.read_bytes() == before


def test_a_finding_on_a_measure_that_has_not_acted_says_to_record_the_action(dprk, korea):
    before = korea.read_bytes()
    result = dprk("verify", "second-summit", "--by", "IAEA", "--date", "2018-09-20")
    assert result.code == 1
    assert result.err == (
        "dprk: error: measure 'second-summit' has not acted by 2018-09-20 (it is proposed "
        "then): a finding needs an action to find; record it first with 'dprk mark "
        "second-summit implemented --date YYYY-MM-DD' (on a day from 2018-09-10 to "
        "2018-09-20)\n"
    )
    assert korea.read_bytes() == before


def test_a_finding_on_a_measure_reversed_by_then_says_what_can_be_recorded(dprk, korea):
    """The refusal was worded as check's for a finding already written: it advised
    dropping the finding ('dprk drop-finding'), which was never recorded. It names the
    reversal and what can be recorded instead, and each way out works when followed. (A
    refuted or partial finding of the reversal is recorded since; a confirmation, which
    would say it is carried out, is what stays refused.)"""
    assert dprk("mark", "test-moratorium", "reversed", "--date", "2019-07-08").code == 0
    before = korea.read_bytes()
    result = dprk("verify", "test-moratorium", "--by", "IAEA", "--date", "2019-07-10")
    assert (result.code, result.out) == (1, "")
    assert result.err == (  # (confirmed: a refuted or partial finding is recorded)
        "dprk: error: measure 'test-moratorium' was reversed on 2019-07-08, before "
        "2019-07-10: a confirmation would say it is carried out; record it implemented "
        "again first with 'dprk mark test-moratorium implemented --date YYYY-MM-DD' (on a "
        "day from 2019-07-09 to 2019-07-10), or record what the verifier found as refuted "
        "or partial ('--result refuted', '--result partial')\n"
    )
    assert korea.read_bytes() == before
    refuted = dprk("verify", "test-moratorium", "--by", "IAEA", "--result", "refuted",
                   "--date", "2019-07-10")  # fmt: skip
    assert refuted.code == 0, refuted.err
    assert dprk("undo").code == 0
    assert dprk("mark", "test-moratorium", "implemented", "--date", "2019-07-09").code == 0
    again = dprk("verify", "test-moratorium", "--by", "IAEA", "--date", "2019-07-10")
    assert again.code == 0, again.err
    assert dprk("check").code == 0


def test_a_finding_on_the_day_of_a_reversal_finds_what_came_before_it(dprk, korea):
    """A finding dated the day of the reversal: the refusal said 'reversed on D, before D'
    and advised marking it implemented again, which, on that day, replays before the
    reversal and leaves it reversed: the finding was refused again. Then it was refused
    as finding nothing to find, and advised a note; but a finding of a reversal's day
    replays before it, and typed before the reversal the same finding was taken (an
    inspection's report found after the news of the reversal could not go in). It finds
    the measure as it stood before the reversal, in either order."""
    assert dprk("mark", "test-moratorium", "reversed", "--date", "2019-07-08").code == 0
    before = korea.read_bytes()
    result = dprk("verify", "test-moratorium", "--by", "IAEA", "--date", "2019-07-08")
    assert (result.code, result.out) == (0, "")
    assert result.err == (
        "test-moratorium: recorded confirmed by IAEA on 2019-07-08; test-moratorium stays "
        "reversed (since 2019-07-08); taken as a finding of the action the reversal of that "
        "day undid (it was implemented until then), as a finding of a reversal's day comes "
        "before it\n"
    )
    assert korea.read_bytes() != before
    log = json.loads(dprk("log", "test-moratorium", "--format", "json").out)
    assert [(e["date"], e["event"], e["status"]) for e in log[-2:]] == [
        ("2019-07-08", "verification", "verified"),
        ("2019-07-08", "status", "reversed"),
    ]
    assert dprk("check").out.endswith("0 errors, 1 warning\n")  # (the example's deadlock)
    # typed the other way round, the same two give the same record
    assert dprk("undo").code == 0 and dprk("undo").code == 0
    assert dprk("verify", "test-moratorium", "--by", "IAEA", "--date", "2019-07-08").code == 0
    assert dprk("mark", "test-moratorium", "reversed", "--date", "2019-07-08").code == 0
    again = json.loads(dprk("log", "test-moratorium", "--format", "json").out)
    assert [(e["date"], e["event"], e["status"]) for e in again] == [
        (e["date"], e["event"], e["status"]) for e in log
    ]


def test_a_finding_between_a_reversal_and_a_new_action_names_the_new_one(dprk, korea):
    """Reversed, then carried out again: a finding dated between the two was refused with
    check's words for a finding already written ('drop the finding', 'dprk drop-finding'),
    which was never recorded. It names the reversal and the day it acted again, and a
    finding dated from that day is taken."""
    assert dprk("mark", "punggye-ri-closure", "reversed", "--date", "2019-01-10").code == 0
    assert dprk("mark", "punggye-ri-closure", "implemented", "--date", "2019-03-01").code == 0
    before = korea.read_bytes()
    result = dprk("verify", "punggye-ri-closure", "--by", "IAEA", "--date", "2019-02-01")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "dprk: error: measure 'punggye-ri-closure' was reversed on 2019-01-10, before "
        "2019-02-01: a confirmation would say it is carried out; record what the verifier "
        "found as refuted or partial ('--result refuted', '--result partial'); it acted "
        "again on 2019-03-01: a finding of that is dated on or after it\n"
    )
    assert korea.read_bytes() == before
    taken = dprk("verify", "punggye-ri-closure", "--by", "IAEA", "--date", "2019-03-01")
    assert (
        taken.err
        == "punggye-ri-closure: confirmed by IAEA on 2019-03-01; punggye-ri-closure is verified\n"
    )
    assert dprk("check").code == 0


def test_a_reversal_entered_before_what_it_undoes_leaves_a_gap(dprk, empty):
    """A researcher entering the collapse first (a reversal on a measure whose action is
    not recorded yet) was refused until the action's day was known: a guessed date was
    the only way in. A reversal says the measure acted; the action is the step yet to be
    found, a gap (a warning) until it is recorded, as a step found early is. (The advice
    said 'a day after the first' until the creation, dated by the reversal itself, was
    seen to move back to any earlier step: it now says 'on or before'.)"""
    assert dprk("add-measure", "Ceasefire", "--actor", "US", "--id", "cf").code == 0
    result = dprk("mark", "cf", "reversed", "--date", "2025-03-18")
    assert (result.code, result.out) == (0, "")
    assert result.err == (
        "cf: reversed on 2025-03-18\n"
        "dprk: warning: cf: created as proposed on 2025-03-18 comes before reversed on "
        "2025-03-18: nothing on record has it carried out between the two: record when it "
        "was, on or before 2025-03-18 ('dprk mark cf implemented --date YYYY-MM-DD'), or correct one of the two dates "
        "('dprk log cf' numbers the entries, 'dprk redate' corrects one); one dropped before "
        "it was carried out is withdrawn ('dprk drop-entry cf 2', then 'dprk mark cf "
        "withdrawn --date 2025-03-18')\n"
    )
    assert 'status = "reversed"' in empty.read_text(encoding="utf-8")
    checked = dprk("check", "--format", "json")
    assert checked.code == 0
    assert [p["check"] for p in json.loads(checked.out)["problems"]] == ["missing-steps"]
    assert dprk("check", "--strict").code == 1
    filled = dprk("mark", "cf", "implemented", "--date", "2025-01-19")
    assert (filled.code, filled.err) == (
        0,
        "cf: recorded implemented on 2025-01-19; cf stays reversed (since 2025-03-18)\n",
    )
    assert dprk("check").out == "ok: no problems found\n"
    on = json.loads(dprk("status", "--as-of", "2025-02-01", "--format", "json").out)
    assert on["measures"][0]["status"] == "implemented"


def test_a_reversal_of_a_rejected_measure_is_refused_with_advice_that_works(dprk, empty, tick):
    """A rejected measure never acted, and a reversal typed after the rejection is refused.
    The refusal said to record what the measure did first, dated before the reversal;
    followed, that was refused too (a rejected measure cannot be carried out). It says to
    record the offer made again and the action, between the two; followed, it works."""
    assert (
        dprk("add-measure", "Talks", "--actor", "US", "--id", "t", "--date", "2019-01-01").code == 0
    )
    assert dprk("mark", "t", "rejected", "--date", "2019-02-01").code == 0
    tick()  # (typed after the rejection was on record: found in the other order, a gap)
    before = empty.read_bytes()
    result = dprk("mark", "t", "reversed", "--date", "2019-09-01")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "dprk: error: t: rejected on 2019-02-01 comes before reversed on 2019-09-01: only a "
        "measure that has acted can be reversed, and a rejected one has not: if it was "
        "offered again and carried out, record those first, dated after the rejection and "
        "by the reversal; nothing was written\n"
    )
    assert empty.read_bytes() == before
    assert dprk("mark", "t", "agreed", "--date", "2019-03-01").code == 0
    assert dprk("mark", "t", "implemented", "--date", "2019-04-01").code == 0
    assert dprk("mark", "t", "reversed", "--date", "2019-09-01").code == 0
    assert dprk("check").out == "ok: no problems found\n"


def test_a_reversal_of_a_withdrawn_measure_is_advised_the_action_it_undid(dprk, empty, tick):
    """Withdrawn, then reversed the same day: the refusal advised recording the offer
    made again and the action 'dated between the two', and there is no day between one
    day and itself (an offer of that day replays before the withdrawal). A withdrawn
    measure may be carried out after all, from the day of the withdrawal on: that is
    the advice, and followed on that day, it works."""
    assert dprk("add-measure", "Q", "--actor", "US", "--id", "q", "--date", "2018-01-01").code == 0
    assert dprk("mark", "q", "withdrawn", "--date", "2018-03-01").code == 0
    tick()
    before = empty.read_bytes()
    result = dprk("mark", "q", "reversed", "--date", "2018-03-01")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "dprk: error: q: withdrawn on 2018-03-01 comes before reversed on 2018-03-01: only a "
        "measure that has acted can be reversed, and a withdrawn one has not: if it was "
        "carried out after all, record that first, dated from the day of the withdrawal to "
        "that of the reversal; nothing was written\n"
    )
    assert empty.read_bytes() == before
    assert dprk("mark", "q", "implemented", "--date", "2018-03-01").code == 0
    assert dprk("mark", "q", "reversed", "--date", "2018-03-01").code == 0
    assert dprk("check").out == "ok: no problems found\n"


def test_a_change_of_several_measures_refused_names_the_others_it_is_refused_for(dprk, empty):
    """'mark a b reversed' on two measures that could not take the step ended "(and 1 more
    problem)", naming neither the second measure nor its problem: the user fixed a and
    was refused again. Then "(and 1 more problem, of b)" named the measure, not what was
    wrong with it, and nothing written, no 'dprk check' could say. Each other problem is
    named after the first, whole, as an import's record names its fields'; past what a
    line holds, counted."""
    for ident in ("a", "b"):
        made = dprk("add-measure", ident.upper(), "--actor", "US", "--id", ident, "--date",
                    "2020-03-28")  # fmt: skip
        assert made.code == 0
    before = empty.read_bytes()
    result = dprk("mark", "a", "b", "reversed", "--date", "2020-01-01")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "dprk: error: a: reversed on 2020-01-01 comes before its creation on 2020-03-28; "
        "correct one of the two dates ('dprk log a' numbers the entries, 'dprk redate' "
        "corrects one); also b: reversed on 2020-01-01 comes before its creation on "
        "2020-03-28; correct one of the two dates ('dprk log b' numbers the entries, 'dprk "
        "redate' corrects one); nothing was written\n"
    )
    assert empty.read_bytes() == before
    for n in range(11):
        made = dprk("add-measure", f"C{n}", "--actor", "US", "--id", f"c{n:02}", "--date",
                    "2020-03-28")  # fmt: skip
        assert made.code == 0
    before = empty.read_bytes()
    ids = [f"c{n:02}" for n in range(11)]
    result = dprk("mark", "a", "b", *ids, "reversed", "--date", "2020-01-01")
    assert (result.code, result.out) == (1, "")
    # (each whole, as many as the line holds, the rest counted: never cut in the middle)
    assert result.err.count("; c0") == 5 and "; c05: " not in result.err
    assert "…" not in result.err
    assert result.err.endswith(
        "; c04: reversed on 2020-01-01 comes before its creation on 2020-03-28; correct one "
        "of the two dates ('dprk log c04' numbers the entries, 'dprk redate' corrects one); "
        "and 6 more problems; nothing was written\n"
    )
    assert empty.read_bytes() == before


def test_a_refusal_of_two_problems_gives_the_second_whole(dprk, empty):
    """A part added to a measure whose own history had acted then was refused for two
    steps; the second problem was cut in the middle of an id ('(lwr-key…'), its advice
    lost. Each problem after the first is given whole."""
    for args in (
        ("add-party", "KEDO"),
        ("add-measure", "LWR", "--actor", "KEDO", "--id", "lwr", "--status", "agreed",
         "--date", "1994-10-21"),
        ("mark", "lwr", "implemented", "--extent", "minimal", "--date", "1997-08-19"),
        ("mark", "lwr", "reversed", "--date", "2003-11-21"),
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    before = empty.read_bytes()
    result = dprk("add-measure", "Key components", "--actor", "KEDO", "--id",
                  "lwr-key-components", "--part-of", "lwr", "--status", "agreed", "--date",
                  "1994-10-21")  # fmt: skip
    assert (result.code, result.out) == (1, "")

    def said(step: str) -> str:
        return (
            f"lwr: is {step} by its own history, on a day it was made of parts "
            "(lwr-key-components): what it does then is its parts' to record; drop its own "
            "step, and first any finding of it ('dprk log lwr' numbers the entries, 'dprk "
            "drop-finding lwr N' and 'dprk drop-entry lwr N' drop them), and record it on the "
            "parts, or correct the date of one of the two ('dprk redate')"
        )

    assert result.err == (
        f"dprk: error: {said('implemented on 1997-08-19')}; also "
        f"{said('reversed on 2003-11-21')}; nothing was written\n"
    )
    assert empty.read_bytes() == before


def test_a_refused_finding_advises_days_from_the_step_that_set_the_state_not_a_note(dprk, empty):
    """The days a refused finding advises for the action began at the measure's latest
    entry of any kind on or before the finding's day (a note, an order), leaving out the
    days from its creation, which the record takes alike: from the step that set its state
    then (its creation here, then an agreement), each one taken as advised."""
    for args in (
        ("add-measure", "x", "--actor", "DPRK", "--id", "x", "--date", "2020-01-01"),
        ("add-measure", "y", "--actor", "US", "--id", "y", "--date", "2020-01-01"),
        ("note", "x", "Talks on it", "--date", "2020-02-15"),
        ("sequence", "x", "--after", "y", "--demanded-by", "US", "--date", "2020-03-01"),
    ):
        assert dprk(*args).code == 0, args
    before = empty.read_bytes()
    refused = dprk("verify", "x", "--by", "UN", "--date", "2020-06-01")
    assert (refused.code, refused.out) == (1, "")
    assert refused.err.endswith(
        "record it first with 'dprk mark x implemented --date YYYY-MM-DD' (on a day from "
        "2020-01-01 to 2020-06-01)\n"
    ), refused.err
    assert empty.read_bytes() == before
    assert dprk("mark", "x", "agreed", "--date", "2020-04-01").code == 0
    agreed = dprk("verify", "x", "--by", "UN", "--date", "2020-06-01")
    assert agreed.code == 1
    assert agreed.err.endswith("(on a day from 2020-04-01 to 2020-06-01)\n"), agreed.err
    for day in ("2020-04-01", "2020-06-01"):
        tried = empty.read_bytes()
        marked = dprk("mark", "x", "implemented", "--date", day)
        assert marked.code == 0 and "error" not in marked.err, marked.err
        found = dprk("verify", "x", "--by", "UN", "--date", "2020-06-01")
        assert found.code == 0, found.err
        assert dprk("check").code == 0
        empty.write_bytes(tried)


def test_the_action_a_refused_finding_advises_stands_when_recorded(dprk, empty):
    """A finding dated before the measure was agreed, or before its creation was redated
    to: the advice, 'dprk mark ID implemented --date YYYY-MM-DD', named no day, and every
    day on or before the finding put the action before the agreement (out of order) or
    before the creation (refused). It names the days an action stands on and what is in
    the way; followed, the action and the finding go in, and nothing is left to check."""
    assert (
        dprk("add-measure", "F", "--actor", "DPRK", "--id", "f", "--date", "2025-01-01").code == 0
    )
    assert dprk("mark", "f", "agreed", "--date", "2025-03-01").code == 0
    before = empty.read_bytes()
    early = dprk("verify", "f", "--by", "US", "--date", "2025-02-01")
    assert (early.code, early.out) == (1, "")
    assert early.err == (
        "dprk: error: measure 'f' has not acted by 2025-02-01 (it is proposed then): a "
        "finding needs an action to find; record it first with 'dprk mark f implemented "
        "--date YYYY-MM-DD' (on or after 2025-03-01: agreed on 2025-03-01 may not follow an "
        "action), then the finding, dated on or after it\n"
    )
    assert empty.read_bytes() == before
    assert dprk("mark", "f", "implemented", "--date", "2025-03-01").err == (
        "f: implemented on 2025-03-01\n"
    )
    assert dprk("verify", "f", "--by", "US", "--date", "2025-03-01").code == 0
    assert dprk("add-measure", "R", "--actor", "DPRK", "--id", "r", "--status", "agreed",
                "--date", "2025-01-01").code == 0  # fmt: skip
    assert dprk("mark", "r", "withdrawn", "--date", "2025-03-01").code == 0
    assert dprk("redate", "r", "1", "2025-05-01").code == 0
    before = empty.read_bytes()
    moved = dprk("verify", "r", "--by", "US", "--date", "2025-03-01")
    assert (moved.code, moved.out) == (1, "")
    assert moved.err == (
        "dprk: error: measure 'r' has not acted by 2025-03-01 (it is withdrawn then): a "
        "finding needs an action to find; record it first with 'dprk mark r implemented "
        "--date YYYY-MM-DD' (on or after 2025-05-01: created as agreed on 2025-05-01 may "
        "not follow an action), then the finding, dated on or after it\n"
    )
    assert empty.read_bytes() == before
    assert dprk("mark", "r", "implemented", "--date", "2025-05-01").code == 0
    assert dprk("verify", "r", "--by", "US", "--date", "2025-05-01").code == 0
    assert dprk("check").out == "ok: no problems found\n"


def test_a_finding_before_an_undated_measure_acted_says_the_same(dprk, empty):
    """On a measure added without a date, the refusal advised dropping the finding it had
    just refused to write ('dprk drop-finding y N')."""
    assert dprk("add-measure", "Y", "--actor", "DPRK", "--id", "y").code == 0
    before = empty.read_bytes()
    result = dprk("verify", "y", "--by", "US", "--date", "2019-01-05")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "dprk: error: measure 'y' has not acted by 2019-01-05 (it is proposed then): a "
        "finding needs an action to find; record it first with 'dprk mark y implemented "
        "--date YYYY-MM-DD' (on or before 2019-01-05)\n"
    )
    assert empty.read_bytes() == before


def test_a_finding_before_a_creation_says_the_measure_has_not_acted(dprk, tmp_path):
    """A finding dated before a measure added as agreed, which never acted, was refused
    as though the finding were its action ('... comes before its creation as agreed on
    2020-02-29: a measure that has acted is not agreed after', and an unnamed '(and 1
    more problem)'). It has not acted by then, nor was it made: said so, as after its
    creation. A finding redated before the creation says the action it comes before; a
    step marked before it is an action, which a creation as agreed may not follow."""
    assert dprk("init", "--party", "UN", "--party", "Taliban").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    added = dprk("add-measure", "Remove Taliban members from UN sanctions lists", "--actor",
                 "UN", "--id", "un-delisting", "--status", "agreed", "--date", "2020-02-29")  # fmt: skip
    assert added.code == 0, added.err
    before = ledger.read_bytes()
    result = dprk("verify", "un-delisting", "--by", "UN Monitoring Team", "--date", "2020-01-15")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "dprk: error: measure 'un-delisting' has not acted by 2020-01-15, nor was it made "
        "yet (created as agreed on 2020-02-29, after that day): a finding needs an action to "
        "find; record it first with 'dprk mark un-delisting implemented --date YYYY-MM-DD' "
        "(on or after 2020-02-29), then the finding, dated on or after it\n"
    )
    assert ledger.read_bytes() == before
    assert dprk("mark", "un-delisting", "implemented", "--date", "2020-03-01").code == 0
    found = dprk("verify", "un-delisting", "--by", "UN Monitoring Team", "--date", "2020-03-10")
    assert found.code == 0, found.err
    before = ledger.read_bytes()
    for args, said in (
        (["redate", "un-delisting", "3", "2020-01-15"],
         "un-delisting: confirmed by UN Monitoring Team on 2020-01-15 comes before the "
         "measure acted (implemented on 2020-03-01); correct one of the two dates"),
        (["mark", "un-delisting", "implemented", "--date", "2020-01-01"],
         "un-delisting: implemented on 2020-01-01 comes before its creation as agreed on "
         "2020-02-29: a measure that has acted is not agreed after; correct one of the two "
         "dates"),
        (["drop-entry", "un-delisting", "2"],
         "entry 2 of 'un-delisting' (implemented on 2020-03-01) is the action that entry 3 "
         "(confirmed by UN Monitoring Team on 2020-03-10) found; drop the finding first"),
    ):  # fmt: skip
        result = dprk(*args)
        assert (result.code, result.out) == (1, ""), args
        assert result.err.startswith(f"dprk: error: {said}"), result.err
        assert "more problem" not in result.err and result.err.count("\n") == 1
        assert ledger.read_bytes() == before


@pytest.mark.parametrize("args", [["init", "--party", "A"], ["status"]])
def test_a_ledger_named_by_the_environment_as_a_folder_is_refused(
    dprk, tmp_path, monkeypatch, args
):
    """DPRK_LEDGER=x/ made a file 'x' where --ledger x/ is refused (exit 2)."""
    monkeypatch.setenv("DPRK_LEDGER", "newdir/")
    result = dprk(*args)
    assert (result.code, result.out) == (2, "")
    assert result.err == "dprk: error: DPRK_LEDGER: 'newdir/' names a folder; name a file in it\n"
    assert list(tmp_path.iterdir()) == []


def test_no_message_advises_declaring_a_party_that_add_party_refuses(dprk, empty, tmp_path):
    """An imported row's actor 'us' (US declared) was to be added with 'dprk add-party
    us', which add-party refuses: that side is declared, spelt US. `check` advised the
    same of a hand-edited actor."""
    rows = tmp_path / "rows.csv"
    rows.write_text("id,title,actor\nm1,Test,uss\n", encoding="utf-8")
    before = empty.read_bytes()
    result = dprk("import", str(rows))
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        f"dprk: error: {rows}: row 2 (measure 'm1'): actor 'uss' is not a declared party "
        "(declared: DPRK, US, ROK); did you mean US?\n"
    )
    assert empty.read_bytes() == before
    # ('us', the declared US in another case, is the US, as --actor takes it)
    rows.write_text("id,title,actor\nm0,Test,us\n", encoding="utf-8")
    assert dprk("import", str(rows)).code == 0
    assert json.loads(dprk("show", "m0", "--format", "json").out)["actor"] == "US"
    assert dprk("add-party", "us").code == 1  # (the advice it no longer gives)
    rows.write_text("id,title,actor\nm1,Test,UK\n", encoding="utf-8")
    assert dprk("import", str(rows)).err.endswith("; add it with 'dprk add-party UK'\n")
    assert dprk("add-measure", "A", "--actor", "US", "--id", "a").code == 0
    empty.write_text(empty.read_text(encoding="utf-8").replace('actor = "US"', 'actor = "us"'))
    found = dprk("check")
    assert found.code == 1
    assert (
        "a: actor 'us' is not a declared party; correct the actor to 'US' (the parties list "
        "spells that side so) [undeclared-parties]"
    ) in found.out
    empty.write_text(empty.read_text(encoding="utf-8").replace('actor = "us"', 'actor = "UK"'))
    assert "add it with 'dprk add-party UK' or correct the actor" in dprk("check").out


def test_the_commands_errors_advise_quote_a_party_name_of_two_words(dprk, empty):
    """'dprk add-party North Korea' declares two parties: every command a message
    advises names a party as one shell word."""
    err = dprk("add-measure", "X", "--actor", "North Korea").err
    assert "add it with 'dprk add-party \"North Korea\"' if it is a new side" in err
    assert dprk("add-party", "South Korea").code == 0
    err = dprk("add-party", "south korea").err
    assert 'rename it with \'dprk rename-party "South Korea" "south korea"\'' in err
    assert dprk("add-measure", "Y", "--actor", "South Korea", "--id", "y").code == 0
    err = dprk("remove-party", "South Korea").err
    assert "'dprk rename-party \"South Korea\" NEW'" in err
    assert dprk("add-measure", "Z", "--actor", "US", "--id", "z", "--part-of", "y").code == 0
    warned = dprk("check").out
    assert '(\'dprk edit z --actor "South Korea" --date ' in warned
    # a name the shell reads as one word is left as it is
    assert "'dprk add-party Iran' if" in dprk("add-measure", "X", "--actor", "Iran").err


@pytest.mark.parametrize(
    "args",
    [
        ["redate", "tongchang-ri-dismantlement", "0_2", "2018-07-22"],
        ["redate", "tongchang-ri-dismantlement", "\uff12", "2018-07-22"],
        ["drop-entry", "tongchang-ri-dismantlement", " 2"],
        ["drop-finding", "punggye-ri-closure", "+4"],
        ["status", "--limit", "1_0"],
    ],
)
def test_a_number_is_read_only_as_written_in_digits(dprk, korea, args):
    """'0_2', a full-width '2', ' 2' were read as 2, and '1_0' as 10: an entry was
    redated or dropped without a word about how its number was read."""
    before = korea.read_bytes()
    result = dprk(*args)
    assert (result.code, result.out) == (2, "")
    assert f"{args[2]!r} is not a whole number" in result.err
    assert result.err.count("\n") == 1
    assert korea.read_bytes() == before


def test_a_date_given_for_an_entry_s_number_says_where_the_number_goes(dprk, korea):
    """`dprk redate ID 2018-05-25`, the entry's number left out, said that '2018-05-25'
    was not a whole number: it says that N comes before the date, and what numbers the
    entries (and so for the commands that drop an entry)."""
    before = korea.read_bytes()
    log = "('dprk log punggye-ri-closure' numbers the entries)"
    for args, said in (
        (["redate", "punggye-ri-closure", "2018-05-25"],
         "N: '2018-05-25' is a date; the entry's number N comes before the date: "
         f"'dprk redate punggye-ri-closure N 2018-05-25' {log}"),
        (["redate", "punggye-ri-closure", "2018-05-25", "2"],
         "N: '2018-05-25' is a date; the entry's number N comes before the date: "
         "'dprk redate punggye-ri-closure 2 2018-05-25'"),
        (["drop-entry", "punggye-ri-closure", "2018-05-24"],
         "N: '2018-05-24' is a date; give the entry's number N: "
         f"'dprk drop-entry punggye-ri-closure N' {log}"),
        # (another value, or --limit N given a date: no whole number, as before)
        (["redate", "punggye-ri-closure", "x", "2018-05-25"],
         "Invalid value for 'N': 'x' is not a whole number (digits 0-9) "
         "(see 'dprk redate --help')"),
        (["status", "--limit", "2018-01-01"],
         "Invalid value for '--limit': '2018-01-01' is not a whole number (digits 0-9) "
         "(see 'dprk status --help')"),
    ):  # fmt: skip
        result = dprk(*args)
        assert (result.code, result.out, result.err) == (2, "", f"dprk: error: {said}\n")
        assert korea.read_bytes() == before


def test_an_entry_s_number_given_before_the_id_says_the_id_comes_first(dprk, korea):
    """`dprk drop-entry 3 ID` said only that the id was not a whole number; `note` and
    `redate ID DATE N` say which comes first. The advice, followed, runs."""
    before = korea.read_bytes()
    for args, usage in (
        (["drop-entry", "3", "punggye-ri-closure"], "'dprk drop-entry punggye-ri-closure 3'"),
        (["drop-finding", "2", "punggye-ri-closure"], "'dprk drop-finding punggye-ri-closure 2'"),
        (["redate", "1", "punggye-ri-closure", "2018-05-25"],
         "'dprk redate punggye-ri-closure 1 2018-05-25'"),
        (["redate", "1", "punggye-ri-closure"], "'dprk redate punggye-ri-closure 1 YYYY-MM-DD'"),
    ):  # fmt: skip
        result = dprk(*args)
        said = (
            "dprk: error: N: 'punggye-ri-closure' is not a whole number; if it is the id, the id "
            f"comes first, then N: {usage}\n"
        )
        assert (result.code, result.out, result.err) == (2, "", said)
        assert korea.read_bytes() == before
    assert dprk("redate", "punggye-ri-closure", "1", "2018-05-20").code == 0
    log = json.loads(dprk("log", "punggye-ri-closure", "--format", "json").out)
    assert log[0]["date"] == "2018-05-20"
    # (the id left out: 'redate 2 DATE' advised 'dprk redate 2 N DATE', 2 taken for an id)
    before = korea.read_bytes()
    result = dprk("redate", "2", "2018-05-25")
    assert (result.code, result.err) == (
        2,
        "dprk: error: N: '2018-05-25' is a date, and '2' a number: the measure's id comes "
        "first, then N: 'dprk redate ID 2 2018-05-25' ('dprk status --format ids' lists the "
        "ids)\n",
    )
    assert korea.read_bytes() == before


_LOG = "('dprk log shutdown' numbers the entries)"
_FIRST = "if it is the id, the id comes first, then N"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        # (the date where N goes: N after it, or left out)
        (["redate", "shutdown", "2008-07-11", "1"],
         "N: '2008-07-11' is a date; the entry's number N comes before the date: "
         "'dprk redate shutdown 1 2008-07-11'"),
        (["redate", "shutdown", "2008-07-11"],
         "N: '2008-07-11' is a date; the entry's number N comes before the date: "
         f"'dprk redate shutdown N 2008-07-11' {_LOG}"),
        (["redate", "shutdown", "2008-07-11", "x"],
         "N: '2008-07-11' is a date; the entry's number N comes before the date: "
         f"'dprk redate shutdown N 2008-07-11' {_LOG}"),
        (["drop-entry", "shutdown", "2008-07-11"],
         f"N: '2008-07-11' is a date; give the entry's number N: 'dprk drop-entry shutdown N' "
         f"{_LOG}"),
        # (N before the id: the date after them, or left out)
        (["redate", "1", "shutdown", "2008-07-11"],
         f"N: 'shutdown' is not a whole number; {_FIRST}: 'dprk redate shutdown 1 2008-07-11'"),
        (["redate", "1", "shutdown"],
         f"N: 'shutdown' is not a whole number; {_FIRST}: 'dprk redate shutdown 1 YYYY-MM-DD'"),
        (["drop-entry", "2", "shutdown"],
         f"N: 'shutdown' is not a whole number; {_FIRST}: 'dprk drop-entry shutdown 2'"),
        (["drop-finding", "4", "shutdown"],
         f"N: 'shutdown' is not a whole number; {_FIRST}: 'dprk drop-finding shutdown 4'"),
        # (N, then the date: the id after them, or left out)
        (["redate", "1", "2008-07-11", "shutdown"],
         "N: '2008-07-11' is a date, and '1' a number: the measure's id comes first, then N: "
         "'dprk redate shutdown 1 2008-07-11'"),
        (["redate", "1", "2008-07-11"],
         "N: '2008-07-11' is a date, and '1' a number: the measure's id comes first, then N: "
         "'dprk redate ID 1 2008-07-11' ('dprk status --format ids' lists the ids)"),
        # (the date first, then the id and N)
        (["redate", "2008-07-11", "shutdown", "1"],
         "N: 'shutdown' is not a whole number, and '2008-07-11' a date; if it is the id, the "
         "id comes first, then N, then the date: 'dprk redate shutdown 1 2008-07-11'"),
        (["redate", "2008-07-11", "shutdown"],
         "N: 'shutdown' is not a whole number, and '2008-07-11' a date; if it is the id, the "
         f"id comes first, then N, then the date: 'dprk redate shutdown N 2008-07-11' {_LOG}"),
        # (an entry to drop named by its date, then the id: the id, then N)
        (["drop-finding", "2007-03-05", "shutdown"],
         "N: 'shutdown' is not a whole number, and '2007-03-05' a date; an entry is named by "
         f"the measure's id, then its number N, not by its date: 'dprk drop-finding shutdown "
         f"N' {_LOG}"),
        (["drop-entry", "2007-02-20", "shutdown"],
         "N: 'shutdown' is not a whole number, and '2007-02-20' a date; an entry is named by "
         f"the measure's id, then its number N, not by its date: 'dprk drop-entry shutdown N' "
         f"{_LOG}"),
        # (the date first, then N, then the id: N in its place, the date where the id goes)
        (["redate", "2008-07-11", "1", "shutdown"],
         "DATE: 'shutdown' is not a date, and '2008-07-11' a date; if it is the id, the id "
         "comes first, then N, then the date: 'dprk redate shutdown 1 2008-07-11'"),
        # (the date where the id goes, the id left out: N in its place, no date after it)
        (["redate", "2008-07-11", "1"],
         "'2008-07-11' is a date, not a measure's id: 'dprk redate ID 1 2008-07-11'"),
    ],
)  # fmt: skip
def test_an_entry_s_arguments_out_of_order_are_put_right_as_typed(dprk, tmp_path, args, said):
    """`redate shutdown 2008-07-11 1` advised 'dprk redate shutdown N 2008-07-11', and
    `redate 1 shutdown 2008-07-11` 'dprk redate shutdown 1 YYYY-MM-DD': the N, the date
    typed were lost. The advice is the command put right with every value typed (a
    placeholder only for one not typed, or not of its kind), and it runs."""
    assert dprk("init", "--party", "US", "--party", "DPRK").code == 0
    assert dprk("add-measure", "Shut down Yongbyon", "--actor", "DPRK", "--id", "shutdown",
                "--date", "2007-02-13").code == 0  # fmt: skip
    if args[0] != "redate":  # (entries to drop: a note, a step, a finding of it)
        for more in (
            ["note", "shutdown", "Announced", "--date", "2007-02-20"],
            ["mark", "shutdown", "implemented", "--date", "2007-03-01"],
            ["verify", "shutdown", "--by", "US", "--date", "2007-03-05"],
        ):
            assert dprk(*more).code == 0  # fmt: skip
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    result = dprk(*args)
    assert (result.code, result.out, result.err) == (2, "", f"dprk: error: {said}\n")
    assert ledger.read_bytes() == before
    advised = re.search(r"'(dprk (?:redate|drop-entry|drop-finding) [^']*)'", said)
    assert advised is not None
    typed = shlex.split(advised.group(1))[1:]
    # (a placeholder given what the user would put there)
    number = {"redate": "1", "drop-finding": "4"}.get(args[0], "2")  # (the finding: 4)
    given = {"N": number, "ID": "shutdown", "YYYY-MM-DD": "2008-07-11"}
    done = dprk(*(given.get(word, word) for word in typed))
    assert done.code == 0, done.err
    assert ledger.read_bytes() != before


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["redate", "shutdown", "2007-02-25", "2", "--note", "KCNA date"],
         "N: '2007-02-25' is a date; the entry's number N comes before the date: "
         "'dprk redate shutdown 2 2007-02-25 --note \"KCNA date\"'"),
        (["drop-entry", "--note", "typed twice", "2", "shutdown"],
         f"N: 'shutdown' is not a whole number; {_FIRST}: "
         "'dprk drop-entry shutdown 2 --note \"typed twice\"'"),
        (["drop-finding", "4", "shutdown", "--note=not by the US"],
         f"N: 'shutdown' is not a whole number; {_FIRST}: "
         "'dprk drop-finding shutdown 4 --note \"not by the US\"'"),
    ],
)  # fmt: skip
def test_an_entry_s_arguments_put_right_keep_the_options_typed(dprk, tmp_path, args, said):
    """`redate shut 2007-07-15 2 --note "KCNA date"` advised 'dprk redate shut 2
    2007-07-15', which, pasted, lost the note. The command put right keeps each option
    typed, its value quoted for the shell, and, run, writes the note."""
    assert dprk("init", "--party", "US", "--party", "DPRK").code == 0
    assert dprk("add-measure", "Shut down Yongbyon", "--actor", "DPRK", "--id", "shutdown",
                "--date", "2007-02-13").code == 0  # fmt: skip
    for more in (
        ["note", "shutdown", "Announced", "--date", "2007-02-20"],
        ["mark", "shutdown", "implemented", "--date", "2007-03-01"],
        ["verify", "shutdown", "--by", "US", "--date", "2007-03-05"],
    ):
        assert dprk(*more).code == 0  # fmt: skip
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    result = dprk(*args)
    assert (result.code, result.out, result.err) == (2, "", f"dprk: error: {said}\n")
    assert ledger.read_bytes() == before
    typed = shlex.split(said[said.index("'dprk ") + 1 : -1])[1:]
    note = typed[-1]
    assert note not in ledger.read_text(encoding="utf-8")
    done = dprk(*typed)
    assert done.code == 0, done.err
    assert note in ledger.read_text(encoding="utf-8")


def test_a_date_that_is_a_measure_s_id_is_missing_its_date(dprk, tmp_path):
    """`redate 2018-03-01 1` said only "Missing argument 'DATE'", where the id was left
    out and the date typed in its place; it is put right as typed. A measure whose id is
    that date is named so, its date left out: that is still said."""
    assert dprk("init", "--party", "US", "--party", "DPRK").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    result = dprk("redate", "2018-03-01", "1")
    assert (result.code, result.out, result.err) == (
        2,
        "",
        "dprk: error: '2018-03-01' is a date, not a measure's id: 'dprk redate ID 1 2018-03-01'\n",
    )
    assert ledger.read_bytes() == before
    assert dprk("add-measure", "Summit", "--actor", "US", "--id", "2018-03-01").code == 0
    before = ledger.read_bytes()
    result = dprk("redate", "2018-03-01", "1")
    assert (result.code, result.out, result.err) == (
        2,
        "",
        "dprk: error: Missing argument 'DATE'. (see 'dprk redate --help')\n",
    )
    assert ledger.read_bytes() == before


@pytest.mark.parametrize(
    "args",
    [["add-measure", "T", "--actor", "US"], ["init", "--force"], ["init"], ["undo"]],
)
def test_a_ledger_that_is_no_file_is_refused_with_nothing_made_beside_it(dprk, tmp_path, args):
    """`--ledger` naming a FIFO or a folder: the command was refused, but left a .dprk/
    folder and a lock file beside it (as root, `--ledger /dev/null` made /dev/.dprk/)."""
    import os

    os.mkfifo(tmp_path / "pipe.toml")
    (tmp_path / "folder.toml").mkdir()
    for name, said in (("pipe.toml", "is not a regular file"), ("folder.toml", "is a folder")):
        result = dprk("--ledger", name, *args)
        assert (result.code, result.out) == (1, ""), result.err
        assert result.err.startswith(f"dprk: error: {name}: {said}"), result.err
        assert sorted(p.name for p in tmp_path.iterdir()) == ["folder.toml", "pipe.toml"]


def test_a_value_too_long_to_read_is_shortened_in_an_error(dprk, korea):
    """A source of 100,000 characters pasted by mistake: the error echoed it whole, a
    line no one reads; it gives its start and its length."""
    before = korea.read_bytes()
    result = dprk("edit", "second-summit", "--remove-source", "y" * 100_000)
    assert (result.code, result.out) == (1, "")
    assert (
        result.err
        == (
            f"dprk: error: measure 'second-summit' has no source '{'y' * 60}...' (100,000 "
            "characters) (its sources: "
        )
        + result.err.split("(its sources: ", 1)[1]
    )
    assert len(result.err) < 1000
    assert korea.read_bytes() == before


def test_the_withdrawal_a_reversal_s_gap_advises_keeps_the_reversal_s_day(dprk, empty):
    """The gap a reversal with no action on record leaves advised, for a measure dropped
    before it was carried out, 'dprk mark ID withdrawn': followed, that recorded the
    withdrawal today, not on the day the reversal had. The drop before it named the
    entry 'N' (Wye River, 1998: a step reversed with none on record): it gives the
    number `log` shows for the entry just written, and followed as given, it mends it."""
    assert dprk("add-measure", "Talks", "--actor", "US", "--id", "t", "--date",
                "2019-01-01").code == 0  # fmt: skip
    result = dprk("mark", "t", "reversed", "--date", "2019-05-04")
    assert (result.code, result.out) == (0, "")
    drop, mark = re.findall(r"'(dprk (?:drop-entry|mark) t [^']*)'", result.err)[1:]
    assert (drop, mark) == ("dprk drop-entry t 2", "dprk mark t withdrawn --date 2019-05-04")
    log = json.loads(dprk("log", "t", "--format", "json").out)
    assert [(e["n"], e["status"]) for e in log][-1] == (2, "reversed")
    result = dprk(*drop.split()[1:])
    assert (result.code, result.err) == (
        0,
        "t: dropped entry 2 (reversed on 2019-05-04); t is now proposed (since 2019-01-01; it "
        "was reversed since 2019-05-04)\n",
    )
    assert b"reversed on 2019-05-04 dropped" in empty.read_bytes()
    assert dprk(*mark.split()[1:]).code == 0
    assert json.loads(dprk("show", "t", "--format", "json").out)["status_date"] == "2019-05-04"
    assert dprk("check").out == "ok: no problems found\n"


@pytest.mark.parametrize("first", ["rejected", "withdrawn"])
def test_a_rejection_and_a_withdrawal_with_no_offer_between_leave_a_gap(dprk, empty, tick, first):
    """Rejected in March, withdrawn in May, typed in that order: refused ("only a pending
    measure can be withdrawn (one carried out and undone is reversed)"), while the same
    two typed the other way round, or the same ending twice, left a gap. An offer made
    again came between; it is a gap whatever order they were found in."""
    second = "withdrawn" if first == "rejected" else "rejected"
    assert dprk("add-measure", "T", "--actor", "US", "--id", "t", "--date",
                "2018-01-01").code == 0  # fmt: skip
    assert dprk("mark", "t", first, "--date", "2018-03-01").code == 0
    tick()
    result = dprk("mark", "t", second, "--date", "2018-05-01")
    assert (result.code, result.out) == (0, "")
    assert result.err == (
        f"t: {second} on 2018-05-01\n"
        f"dprk: warning: t: {first} on 2018-03-01 comes before {second} on 2018-05-01: "
        "nothing on record has it offered again between the two: record when it was, on a "
        "day from 2018-03-02 to 2018-05-01 ('dprk mark t proposed --date YYYY-MM-DD'), or "
        "correct one of the two dates ('dprk "
        "log t' numbers the entries, 'dprk redate' corrects one)\n"
    )
    tick()
    assert dprk("mark", "t", "proposed", "--date", "2018-04-01").code == 0
    assert dprk("check").out == "ok: no problems found\n"


@pytest.mark.parametrize(
    "args",
    [
        ("note", "-", "x", "--date", "2018-09-20"),
        ("mark", "-", "agreed"),
        ("verify", "-", "--by", "IAEA"),
        ("edit", "-", "--category", "x"),
        ("remove", "-"),
        ("sequence", "-", "--after", "second-summit"),
    ],
    ids=lambda a: a[0],
)
def test_a_change_of_many_ids_names_every_unknown_one(dprk, korea, args):
    """A list of ids from a stale pipeline, two of them unknown: the refusal named the
    first only, and the user found the next one run after run."""
    before = korea.read_bytes()
    ids = "test-moratorium\nbad-one\npunggye-ri-closure\nsecnd-summit\n"
    result = dprk(*args, stdin=ids)
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "dprk: error: no measures with ids 'bad-one', 'secnd-summit' (did you mean "
        "second-summit?); 'dprk status --format ids' lists them\n"
    )
    assert korea.read_bytes() == before


def test_a_finding_on_the_day_of_a_reversal_with_no_action_says_so(dprk, empty):
    """Agreed, then reversed with no action on record (a gap), and a finding of the
    reversal's day: the refusal said 'has not acted by D (it is agreed then)', where
    every report gives the measure as reversed that day. It names the reversal, how the
    measure stood until it, and the action to record; followed, the finding goes in."""
    assert dprk("add-measure", "F", "--actor", "US", "--id", "f", "--status", "agreed",
                "--date", "2015-07-14").code == 0  # fmt: skip
    assert dprk("mark", "f", "reversed", "--date", "2019-11-06").code == 0
    before = empty.read_bytes()
    result = dprk("verify", "f", "--by", "IAEA", "--date", "2019-11-06")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "dprk: error: measure 'f' was reversed on 2019-11-06 with no action on record before "
        "it (it was agreed until then): a finding needs an action to find; record it first "
        "with 'dprk mark f implemented --date 2019-11-06'\n"
    )
    assert empty.read_bytes() == before
    assert dprk("mark", "f", "implemented", "--date", "2019-11-06").code == 0
    assert dprk("verify", "f", "--by", "IAEA", "--date", "2019-11-06").code == 0
    assert dprk("check").out == "ok: no problems found\n"


@pytest.mark.parametrize("mark", ["\u0301", "\u20e3", " \u0301\u200b "])
def test_a_title_or_a_party_of_a_combining_mark_alone_is_blank(dprk, empty, mark):
    """A combining accent with no letter to go on showed as an accent over an empty cell,
    and was taken as a title, where a zero-width space alone was refused as blank; a
    hand edit that writes one is refused as the command line refuses it."""
    before = empty.read_bytes()
    for args, what in (
        (["add-measure", mark, "--actor", "US"], "TITLE"),
        (["add-party", mark], "party name"),
    ):
        result = dprk(*args)
        assert (result.code, result.out, result.err) == (
            2,
            "",
            f"dprk: error: {what}: is blank; give some text\n",
        )
        assert empty.read_bytes() == before
    accented = dprk("add-measure", "e\u0301", "--actor", "US", "--id", "e")
    assert accented.code == 0, accented.err
    text = empty.read_text(encoding="utf-8").replace('title = "é"', f'title = "{mark}"')
    empty.write_text(text.replace('title = "e\u0301"', f'title = "{mark}"'), encoding="utf-8")
    read = dprk("status")
    assert read.code == 1 and "field 'title': is blank; give some text" in read.err, read.err


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["add-measure", "M", "--actor", "US", "--date", "2018-02-29"],
         "--date: '2018-02-29' is no day of the calendar: February 2018 has 28 days"),
        (["status", "--as-of", "2018-13-01"],
         "--as-of: '2018-13-01' is no day of the calendar: there is no month 13"),
        (["add-measure", "M", "--actor", "US", "--deadline", "2023-04-31"],
         "--deadline: '2023-04-31' is no day of the calendar: April 2023 has 30 days"),
        (["status", "--as-of", "2018/02/01"], "--as-of: '2018/02/01' is not a date; use YYYY-MM-DD (2018-02-01?)"),
        # (written YYYY-MM-DD, but no year dprk takes: there is no year 0; a year of five
        # digits or more is said so, where both were "not a date; use YYYY-MM-DD")
        (["add-measure", "M", "--actor", "US", "--date", "0000-01-01"],
         "--date: '0000-01-01' is no day of the calendar: there is no year 0 (the first year "
         "dprk takes is 0001)"),
        (["add-measure", "M", "--actor", "US", "--deadline", "10000-01-01"],
         "--deadline: '10000-01-01' is not a date dprk takes: its year has more than 4 digits "
         "(the last year is 9999); use YYYY-MM-DD"),
        (["status", "--as-of", "123456-12-31"],
         "--as-of: '123456-12-31' is not a date dprk takes: its year has more than 4 digits "
         "(the last year is 9999); use YYYY-MM-DD"),
    ],
)  # fmt: skip
def test_a_day_the_calendar_lacks_is_said_so(dprk, korea, args, said):
    """'2018-02-29' was refused as 'not a date; use YYYY-MM-DD', the form it was written
    in: the day the calendar lacks is named."""
    before = korea.read_bytes()
    result = dprk(*args)
    assert (result.code, result.out, result.err) == (2, "", f"dprk: error: {said}\n")
    assert korea.read_bytes() == before


def test_an_import_s_date_with_spaces_around_it_is_read(dprk, empty, tmp_path):
    """A spreadsheet's date cell ' 2018-09-19' was refused, where a title's spaces are
    taken off; a day the calendar lacks is named."""
    (tmp_path / "d.csv").write_text("id,title,actor,date\nx,X,US, 2018-09-19 \n", encoding="utf-8")
    assert dprk("import", "d.csv").code == 0
    assert json.loads(dprk("show", "x", "--format", "json").out)["history"][0]["date"] == (
        "2018-09-19"
    )
    (tmp_path / "dl.csv").write_text(  # (and a deadline's, the next column)
        "id,title,actor,deadline\nz,Z,US, 2019-03-30 \n", encoding="utf-8"
    )
    assert dprk("import", "dl.csv").code == 0
    assert json.loads(dprk("show", "z", "--format", "json").out)["deadline"] == "2019-03-30"
    (tmp_path / "e.csv").write_text("id,title,actor,date\ny,Y,US,2018-02-29\n", encoding="utf-8")
    refused = dprk("import", "e.csv")
    assert refused.err == (
        "dprk: error: e.csv: row 2 (measure 'y'): date '2018-02-29' is no day of the "
        "calendar: February 2018 has 28 days\n"
    )


def test_an_import_names_the_measure_of_every_bad_date(dprk, empty, tmp_path):
    """A bad `deadline` of an import's row named its measure, a bad `date` did not
    ('row 2: date ...'): every bad day names the row and the measure's id; a year 0 or of
    more than four digits is said so."""
    before = empty.read_bytes()
    (tmp_path / "d.csv").write_text(
        "id,title,actor,date,deadline\n"
        "a,A,US,0000-01-01,\nb,B,US,,10000-01-01\nc,C,US,10000-01-01,\n",
        encoding="utf-8",
    )
    refused = dprk("import", "d.csv")
    assert (refused.code, refused.out) == (1, "")
    assert refused.err == (
        "dprk: error: d.csv: row 2 (measure 'a'): date '0000-01-01' is no day of the "
        "calendar: there is no year 0 (the first year dprk takes is 0001); row 3, row 4 are "
        "refused too\n"
    )
    (tmp_path / "d.json").write_text(
        '[{"id": "c", "title": "C", "actor": "US", "date": "10000-01-01"}]', encoding="utf-8"
    )
    refused = dprk("import", "d.json")
    assert refused.err == (
        "dprk: error: d.json: measure #1 (measure 'c'): date '10000-01-01' is not a date dprk "
        "takes: its year has more than 4 digits (the last year is 9999); use YYYY-MM-DD\n"
    )
    (tmp_path / "e.csv").write_text("id,title,actor,deadline\nb,B,US,10000-01-01\n")
    assert dprk("import", "e.csv").err == (
        "dprk: error: e.csv: row 2 (measure 'b'): field 'deadline': '10000-01-01' is not a "
        "date dprk takes: its year has more than 4 digits (the last year is 9999); use "
        "YYYY-MM-DD\n"
    )
    assert empty.read_bytes() == before


def test_an_unknown_id_that_is_a_word_of_some_ids_suggests_them(dprk, korea):
    """'dprk show punggye' said there was no such measure and no more, where 'dprk show
    inventory' suggested inventory-submission (spelt nearly so): the ids that hold the
    words typed are suggested."""
    before = korea.read_bytes()
    for args, said in (
        (["show", "punggye"], "no measure with id 'punggye'; did you mean punggye-ri-closure?"),
        (["mark", "Punggye-closure", "implemented"],
         "no measure with id 'Punggye-closure'; did you mean punggye-ri-closure?"),
        (["note", "summit", "x"], "no measure with id 'summit'; did you mean "
         "pyongyang-inter-korean-summit, second-summit?"),
        (["log", "ri"], "no measure with id 'ri'; did you mean punggye-ri-closure, "
         "tongchang-ri-dismantlement?"),
        # (a word of one letter, which most ids hold, is no hint; one of two letters is
        # a word of an id, not a piece of one: 'us' is no hint of 'suspension')
        (["show", "a"], "no measure with id 'a'; 'dprk status --format ids' lists them"),
        (["show", "us"], "no measure with id 'us'; 'dprk status --format ids' lists them"),
    ):  # fmt: skip
        result = dprk(*args)
        assert (result.code, result.out, result.err) == (1, "", f"dprk: error: {said}\n")
        assert korea.read_bytes() == before
    # (more ids hold it than are named: how many more, and the search that finds them)
    assert dprk("add-measure", "S", "--actor", "US", "--id", "third-summit").code == 0
    for ident, named, more in (  # fmt: skip
        (
            "fourth-summit",
            "fourth-summit, pyongyang-inter-korean-summit, second-summit",
            "1 more holds",
        ),
        (
            "fifth-summit",
            "fifth-summit, fourth-summit, pyongyang-inter-korean-summit",
            "2 more hold",
        ),
    ):
        assert dprk("add-measure", "S", "--actor", "US", "--id", ident).code == 0
        before = korea.read_bytes()
        result = dprk("show", "summit")
        assert (result.code, result.out, result.err) == (1, "", (
            f"dprk: error: no measure with id 'summit'; did you mean {named}? "
            f"({more} 'summit'; see 'dprk status --search summit')\n"
        ))  # fmt: skip
        assert korea.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["show", "pp-5"], "no measure with id 'pp-5'; did you mean pp-05, pp-53, pp-52?"),
        (["mark", "pp-7", "implemented"],
         "no measure with id 'pp-7'; did you mean pp-07, pp-47, pp-37?"),
        (["log", "PP-9"], "no measure with id 'PP-9'; did you mean pp-09?"),
        (["show", "pp-005"], "no measure with id 'pp-005'; did you mean pp-05, pp-53, pp-52?"),
    ],
)  # fmt: skip
def test_an_unknown_id_that_is_one_with_its_number_padded_suggests_it_first(
    dprk, empty, tmp_path, args, said
):
    """Among parts pp-01 to pp-53, 'show pp-5' suggested pp-53, pp-52, pp-51 (spelt
    nearly so) and never pp-05, the one meant."""
    rows = "".join(f"pp-{n:02},Part {n},US\n" for n in range(1, 54))
    (tmp_path / "p.csv").write_text("id,title,actor\n" + rows, encoding="utf-8")
    assert dprk("import", "p.csv").code == 0
    before = empty.read_bytes()
    result = dprk(*args)
    assert (result.code, result.out, result.err) == (1, "", f"dprk: error: {said}\n")
    assert empty.read_bytes() == before


def test_a_command_named_in_two_words_is_advised_with_its_hyphen(dprk, korea):
    """'dprk add measure ...' (a space for the hyphen) said "No such command 'add'" and no
    more: the command meant, with the rest of the line (dprk's own options first, each
    word quoted for the shell where it needs it); a first word that begins commands,
    those commands."""
    before = korea.read_bytes()
    for args, said in (
        (["add", "measure", "Talks resume", "--actor", "US"],
         "No such command 'add'; did you mean add-measure? "
         "'dprk add-measure \"Talks resume\" --actor US'"),
        (["--ledger", "dprk-ledger.toml", "add", "party", "China"],
         "No such command 'add'; did you mean add-party? "
         "'dprk --ledger dprk-ledger.toml add-party China'"),
        (["drop", "entry", "punggye-ri-closure", "2"],
         "No such command 'drop'; did you mean drop-entry? "
         "'dprk drop-entry punggye-ri-closure 2'"),
        (["add", "China"],
         "No such command 'add'; did you mean add-party or add-measure? (see 'dprk --help')"),
    ):  # fmt: skip
        result = dprk(*args)
        assert (result.code, result.out, result.err) == (2, "", f"dprk: error: {said}\n")
        assert korea.read_bytes() == before
    assert dprk("add-measure", "Talks resume", "--actor", "US").code == 0  # (as advised)


def test_a_folder_deleted_under_the_shell_is_named_with_what_to_do(tmp_path):
    """Run from a folder deleted since the shell went into it, every command said only
    'No such file or directory': it says the folder is gone, and what to do; a ledger
    given by its full path is still read."""
    ledger = tmp_path / "dprk-ledger.toml"
    assert shell("dprk init --example korea-2018", cwd=tmp_path).code == 0
    before = ledger.read_bytes()
    (tmp_path / "gone").mkdir()
    for command in ("status", "init --example korea-2018"):
        result = shell(f"cd gone && rmdir ../gone && dprk {command}", cwd=tmp_path)
        assert (result.code, result.out) == (1, "")
        assert result.err == (
            "dprk: error: No such file or directory: the current folder no longer exists "
            "(deleted since the shell went into it); cd to a folder that does, or name every "
            "file (--ledger, --output...) by its full path\n"
        )
        (tmp_path / "gone").mkdir()
    written = shell(
        f"cd gone && rmdir ../gone && dprk --ledger {ledger} report --output r.html", cwd=tmp_path
    )
    assert written.code == 1 and "name every file (--ledger, --output...)" in written.err
    (tmp_path / "gone").mkdir()
    read = shell(
        f"cd gone && rmdir ../gone && dprk --ledger {ledger} status --format ids", cwd=tmp_path
    )
    assert read.code == 0 and "punggye-ri-closure" in read.out.split()
    assert ledger.read_bytes() == before


def test_mark_verified_of_an_undated_measure_done_advises_the_finding_verify_takes(dprk, empty):
    """A measure added as implemented without a date is dated by its earliest event, so
    `verify` takes a finding dated before the day it was added; `mark ID verified --date
    D` advised acting first all the same, judging it by a replay of its own. The advice
    asks verify's own judgement (`operations.found_standing`), and followed, it works."""
    added = dprk("add-measure", "Close site", "--actor", "DPRK", "--status", "implemented",
                 "--id", "site")  # fmt: skip
    assert added.code == 0, added.err
    before = empty.read_bytes()
    result = dprk("mark", "site", "verified", "--date", "2020-01-01")
    assert (result.code, result.out) == (2, "")
    advised = "dprk verify site --by VERIFIER --result confirmed --date 2020-01-01"
    assert result.err == (
        f"dprk: error: STATUS: 'verified' comes only from a verifier's finding: '{advised}' "
        "records one (see 'dprk mark --help')\n"
    )
    assert empty.read_bytes() == before
    followed = dprk(*shlex.split(advised.replace("VERIFIER", "IAEA"))[1:])
    assert followed.code == 0, followed.err
    assert "site is verified" in followed.err


def test_a_status_only_a_finding_gives_points_to_verify(dprk, korea):
    """`mark ID verified` (what users type first) gave the bare list of statuses a mark
    sets: it says a finding gives it, with the commands that record one, which work."""
    before = korea.read_bytes()
    result = dprk("mark", "inventory-submission", "verified")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "dprk: error: STATUS: 'verified' comes only from a verifier's finding: 'dprk verify "
        "inventory-submission --by VERIFIER --result confirmed' records one, once it has "
        "acted ('dprk mark inventory-submission implemented') (see 'dprk mark --help')\n"
    )
    added = dprk("add-measure", "X", "--actor", "US", "--status", "Disputed")
    assert added.code == 2 and added.err.startswith(
        "dprk: error: --status: 'disputed' comes only from a verifier's finding: 'dprk verify "
        "ID --by VERIFIER --result refuted' records one, once it has acted (--status "
        "implemented)"
    )
    assert korea.read_bytes() == before
    assert dprk("mark", "inventory-submission", "implemented", "--date", "2018-09-20").code == 0
    verified = dprk("verify", "inventory-submission", "--by", "IAEA", "--result", "confirmed",
                    "--date", "2018-09-21")  # fmt: skip
    assert verified.code == 0, verified.err
    assert "is verified" in verified.err


def test_a_status_only_a_finding_gives_is_advised_on_a_measure_that_exists(dprk, korea):
    """`mark no-such-id verified` advised 'dprk verify no-such-id ...', and `mark
    Inventory-Submission verified` named the id as typed: commands that then fail. The id
    is refused first, as mark refuses it; a measure that has acted is advised verify
    alone, not a step it has taken."""
    before = korea.read_bytes()
    for typed, said in (
        ("no-such-id", "no measure with id 'no-such-id'; 'dprk status --format ids' lists them"),
        ("Inventory-Submission", "no measure with id 'Inventory-Submission' (ids are "
         "case-sensitive); did you mean inventory-submission?"),
    ):  # fmt: skip
        for status in ("verified", "disputed"):
            result = dprk("mark", typed, status)
            assert (result.code, result.out, result.err) == (1, "", f"dprk: error: {said}\n")
            assert korea.read_bytes() == before
            assert dprk("mark", typed, "implemented").err == f"dprk: error: {said}\n"
    acted = dprk("mark", "punggye-ri-closure", "disputed")
    assert (acted.code, acted.out) == (2, "")
    assert acted.err == (
        "dprk: error: STATUS: 'disputed' comes only from a verifier's finding: 'dprk verify "
        "punggye-ri-closure --by VERIFIER --result refuted' records one (see 'dprk mark "
        "--help')\n"
    )
    assert korea.read_bytes() == before
    refuted = dprk("verify", "punggye-ri-closure", "--by", "IAEA", "--result", "refuted",
                   "--date", "2018-09-21")  # fmt: skip
    assert refuted.code == 0 and "is disputed" in refuted.err, refuted.err


def test_a_status_only_a_finding_gives_on_a_day_advises_the_step_dated_and_every_id(dprk, tmp_path):
    """`mark x verified --date D` advised 'dprk mark x implemented' first: undated, today,
    after the finding, so the verify then advised was refused. The step is advised dated
    on or before D; with several ids, verify is advised with them all, and the step only
    for those that have not acted by D."""
    ledger = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--party", "A", "--party", "B").code == 0
    for ident in ("x", "y"):
        made = dprk("add-measure", ident.upper(), "--actor", "A", "--id", ident,
                    "--date", "2018-01-01")  # fmt: skip
        assert made.code == 0, made.err
    before = ledger.read_bytes()
    one = dprk("mark", "x", "verified", "--date", "2018-03-01")
    assert (one.code, one.out) == (2, "")
    assert one.err == (
        "dprk: error: STATUS: 'verified' comes only from a verifier's finding: 'dprk verify "
        "x --by VERIFIER --result confirmed --date 2018-03-01' records one, once it has acted "
        "('dprk mark x implemented --date YYYY-MM-DD', on or before 2018-03-01) (see 'dprk "
        "mark --help')\n"
    )
    assert ledger.read_bytes() == before
    assert dprk("mark", "x", "implemented", "--date", "2018-02-01").code == 0
    before = ledger.read_bytes()
    both = dprk("mark", "x", "y", "verified", "--date", "2018-03-01")
    assert (both.code, both.out) == (2, "")
    assert both.err == (
        "dprk: error: STATUS: 'verified' comes only from a verifier's finding: 'dprk verify "
        "x y --by VERIFIER --result confirmed --date 2018-03-01' records one, once y has "
        "acted ('dprk mark y implemented --date YYYY-MM-DD', on or before 2018-03-01) (see "
        "'dprk mark --help')\n"
    )
    assert ledger.read_bytes() == before
    verify, step = re.findall(r"'(dprk (?:mark|verify) [^']*)'", both.err)[:2]
    acted = dprk(*shlex.split(step.replace("YYYY-MM-DD", "2018-02-15"))[1:])
    assert acted.code == 0, acted.err
    found = dprk(*shlex.split(verify)[1:])
    assert found.code == 0, found.err
    assert found.err == (
        "x: confirmed by VERIFIER on 2018-03-01; x is verified\n"
        "y: confirmed by VERIFIER on 2018-03-01; y is verified\n"
    )
    done = dprk("mark", "x", "y", "verified", "--date", "2018-03-01")
    assert done.code == 2 and "records one (see 'dprk mark --help')" in done.err


def test_a_status_only_a_finding_gives_is_advised_with_the_day_note_and_sources_given(dprk, korea):
    """`mark ID verified --date D --note N` advised a verify without the day and the note:
    followed, it recorded the finding today. The advice keeps them, and the sources as
    the finding's evidence, quoted for the shell; followed as printed (VERIFIER a name),
    the finding is the one mark was told."""
    before = korea.read_bytes()
    result = dprk("mark", "punggye-ri-closure", "verified", "--date", "2018-06-01", "--note",
                  "seen by reporters", "--source", "38 North", "--source=AP")  # fmt: skip
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "dprk: error: STATUS: 'verified' comes only from a verifier's finding: 'dprk verify "
        'punggye-ri-closure --by VERIFIER --result confirmed --date 2018-06-01 --note "seen '
        'by reporters" --evidence "38 North" --evidence AP\' records one (see \'dprk mark '
        "--help')\n"
    )
    assert korea.read_bytes() == before
    advised = re.search(r"'(dprk verify [^']*)'", result.err)
    assert advised is not None
    followed = dprk(*shlex.split(advised.group(1))[1:])
    assert followed.code == 0, followed.err
    finding = json.loads(dprk("show", "punggye-ri-closure", "--format", "json").out)
    (entry,) = [h for h in finding["history"] if h["note"] == "seen by reporters"]
    assert entry["date"] == "2018-06-01"
    (found,) = [v for v in finding["verifications"] if v["by"] == "VERIFIER"]
    assert (found["date"], found["result"], found["evidence"]) == (
        "2018-06-01",
        "confirmed",
        ["38 North", "AP"],
    )


@pytest.mark.parametrize(
    ("given", "meant"),
    [
        ("22/02/2019", " (2019-02-22?)"),
        ("02/03/2019", " (2019-03-02 or 2019-02-03?)"),
        ("2019/02/22", " (2019-02-22?)"),
        ("22.2.2019", " (2019-02-22?)"),
        ("2019-2-22", " (2019-02-22?)"),
        ("20190222", " (2019-02-22?)"),
        ("20191322", ""),
        ("31/02/2019", ""),
        ("yesterday", ""),
    ],
)
def test_a_day_written_another_way_is_answered_with_the_days_it_may_be(dprk, korea, given, meant):
    """'22/02/2019' was answered 'is not a date; use YYYY-MM-DD' alone: the day it
    writes, or both readings of one that could be day-month or month-day, are given."""
    before = korea.read_bytes()
    result = dprk("mark", "inventory-submission", "implemented", "--date", given)
    assert (result.code, result.out) == (2, "")
    assert result.err == f"dprk: error: --date: '{given}' is not a date; use YYYY-MM-DD{meant}\n"
    assert korea.read_bytes() == before


@pytest.mark.parametrize(
    "args, words",
    [
        (
            ["unlink", "inventory-submission", "End-Of-War-Declaration"],
            "no measure with id 'End-Of-War-Declaration' (ids are case-sensitive); did you mean "
            "end-of-war-declaration?",
        ),
        (
            ["sequence", "inventory-submission", "--remove", "End-Of-War-Declaration"],
            "no measure with id 'End-Of-War-Declaration' (ids are case-sensitive); did you mean "
            "end-of-war-declaration?",
        ),
        (
            ["unlink", "second-summit", "nosuch"],
            "no measure with id 'nosuch'; 'dprk status --format ids' lists them",
        ),
        (
            ["unlink", "inventory-submission", "inventory-submission"],
            "measure 'inventory-submission' cannot be exchanged for itself",
        ),
        (
            ["sequence", "second-summit", "--remove", "second-summit"],
            "measure 'second-summit' cannot be sequenced after or together with itself",
        ),
    ],
)
def test_the_other_id_of_unlink_and_a_removal_is_checked_as_link_checks_it(
    dprk, korea, args, words
):
    """The second id was not checked: a mistyped one was told it was not linked, with
    advice to 'dprk link' it (or to enter an order with it) that refuses the id."""
    before = korea.read_bytes()
    result = dprk(*args)
    assert (result.code, result.out) == (1, "")
    assert result.err == f"dprk: error: {words}\n"
    assert "dprk link" not in result.err
    assert korea.read_bytes() == before


def test_an_exchange_with_a_measure_gone_from_the_ledger_is_still_unlinked(dprk, empty):
    """What the check of the other id keeps: a link to an id no measure has now, left in
    the file, is dropped by unlink (as a removal drops an order with one)."""
    assert dprk("add-measure", "X", "--actor", "US", "--id", "x").code == 0
    text = empty.read_text()
    assert text.count('actor = "US"\n') == 1
    empty.write_text(
        text.replace('actor = "US"\n', 'actor = "US"\nin_exchange_for = ["old-typo"]\n')
    )
    assert dprk("check").code == 1
    result = dprk("unlink", "x", "old-typo")
    assert (result.code, result.out, result.err) == (
        0,
        "",
        "x: dropped the exchange link to old-typo, no measure of this ledger "
        "(a correction of the record, no event of the talks)\n",
    )
    assert "old-typo" not in empty.read_text().split("[[measures.history]]")[0]
    assert 'event = "correction"' in empty.read_text()
    assert dprk("check").code == 0


@pytest.mark.parametrize(
    "args",
    [
        ["unlink", "x", "y", "--date", "2020-03-01"],
        ["link", "x", "y", "--date", "2020-02-01", "--until", "2020-03-01"],
        ["sequence", "x", "--remove", "y", "--date", "2020-03-01"],
    ],
)
def test_a_measure_removed_with_its_link_is_said_to_be_removed_by_link_unlink_and_sequence(
    dprk, empty, args
):
    """y removed with --force, its link dropped from x: unlink advised 'dprk link x y
    --date YYYY-MM-DD --until ...', which refused y ('did you mean yy?', a measure never
    linked), as sequence --remove did. Each says y was removed, as x records, and advises
    nothing that cannot work."""
    for ident, more in (("x", []), ("y", ["--in-exchange-for", "x"]), ("yy", [])):
        added = dprk(
            "add-measure", ident, "--actor", "US", "--id", ident, "--date", "2020-01-01", *more
        )
        assert added.code == 0, added.err
    assert dprk("remove", "y", "--force", "--date", "2020-06-01").code == 0
    before = empty.read_bytes()
    result = dprk(*args)
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "dprk: error: no measure with id 'y': it was removed from the ledger on 2020-06-01 "
        "(its removal is recorded on x)\n"
    )
    assert empty.read_bytes() == before


@pytest.mark.parametrize(
    "typo, near, other",
    [
        (["unlink", "site", "sites"], "site-survey, site-visit", ["site-visit"]),
        (["sequence", "relief", "--remove", "relif"], "relief-fund, relic", ["relic"]),
    ],
)
def test_a_mistyped_second_id_is_not_answered_with_the_first(dprk, empty, typo, near, other):
    """'unlink site sites' was answered 'did you mean site?', and 'sequence relief
    --remove relif' 'did you mean relief?': the first id, which given so is refused as
    itself. It is left out, and the measures the first is linked or ordered with come
    first among the near ids, site-survey before site-visit, spelt nearer but never
    linked: the hint followed, the change is made."""
    added = [
        ("site", ["--actor", "US"]),
        ("site-survey", ["--actor", "DPRK", "--in-exchange-for", "site"]),
        ("site-visit", ["--actor", "DPRK"]),
        ("relic", ["--actor", "US"]),
        ("relief-fund", ["--actor", "US"]),
        ("relief", ["--actor", "DPRK", "--in-exchange-for", "site", "--after", "relief-fund"]),
    ]
    for ident, more in added:
        made = dprk("add-measure", ident, "--id", ident, "--date", "2020-01-01", *more)
        assert made.code == 0, made.err
    before = empty.read_bytes()
    result = dprk(*typo, "--date", "2020-03-01")
    assert (result.code, result.out) == (1, "")
    assert result.err == f"dprk: error: no measure with id '{typo[-1]}'; did you mean {near}?\n"
    assert empty.read_bytes() == before
    hinted = near.split(", ")[0]
    followed = dprk(*typo[:-1], hinted, "--date", "2020-03-01")
    assert followed.code == 0, followed.err
    assert empty.read_bytes() != before
    # (the near id it is neither linked nor ordered with, which the command refuses)
    assert dprk(*typo[:-1], *other, "--date", "2020-03-01").code == 1


@pytest.mark.parametrize(
    ("option", "given", "pieces"),
    [
        ("--in-exchange-for", "a,b,c", ["a", "b", "c"]),
        ("--after", "a, b", ["a", "b"]),
    ],
)
def test_ids_joined_by_commas_are_answered_with_the_option_once_for_each(
    dprk, tmp_path, option, given, pieces
):
    """'add-measure "EU lifts" --in-exchange-for a,b,c' was told 'a,b,c' is not a valid
    id: the option is given once for each measure, which the line now says."""
    assert dprk("init", "--party", "Iran", "--party", "EU").code == 0
    for ident in ("a", "b", "c"):
        assert dprk("add-measure", ident, "--actor", "Iran", "--id", ident).code == 0
    path = tmp_path / "dprk-ledger.toml"
    before = path.read_bytes()
    result = dprk("add-measure", "EU lifts", "--actor", "EU", option, given)
    advice = " ".join(f"{option} {p}" for p in pieces)
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        f"dprk: error: {option}: '{given}' is not one id: give {option} once for each "
        f"measure: '{advice}'\n"
    )
    assert path.read_bytes() == before
    # (followed, it works)
    assert dprk("add-measure", "EU lifts", "--actor", "EU", *advice.split()).code == 0
    # (one piece no id, or an option that takes one: as before)
    for args in ((option, "a,b c"), ("--part-of", "a,b")):
        result = dprk("add-measure", "EU eases", "--actor", "EU", *args)
        assert result.code == 2 and "is not a valid id" in result.err, result.err
