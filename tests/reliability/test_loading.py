"""Every way a ledger can fail to load ends in one line: `dprk: error: PATH: reason`.

Checked for a command that reads and one that writes; neither leaves a
traceback or changes the file, and none of them hangs.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import subprocess
import sys
from unittest import mock

import pytest

from dprk_cli import store
from dprk_cli.errors import LedgerError
from dprk_cli.store import codec
from tests.conftest import run_process

GOOD = 'schema = 1\ntitle = "x"\nparties = [\n    "US",\n]\n'
MEASURE = '\n[[measures]]\nid = "a"\ntitle = "A"\nactor = "US"\n'
HISTORY = (  # (its `recorded` written as given)
    'history = [ {{ date = 2018-01-01, event = "created", status = "proposed", recorded = {} }} ]\n'
)

BROKEN = {
    "toml syntax": (b'title = "x"\nparties = [US]\n', "line 2, column 12: TOML syntax error"),
    "unclosed": (b'title = "x"\nparties = ["US"\n', "line 2 (end of file): TOML syntax error"),
    "schema": (
        (GOOD + MEASURE + 'status = "finished"\n').encode(),
        "measure 'a', field 'status': 'finished' is not one of 'proposed', 'agreed', ",
    ),
    "unknown field": ((GOOD + MEASURE + "colour = 1\n").encode(), "field 'colour': is not a field"),
    "strict types": (
        (GOOD + MEASURE).replace('"A"', "1").encode(),
        "field 'title': 1 is not text; write it in quotes",
    ),
    "history field": (
        (GOOD + MEASURE + 'history = [{ date = 2018-01-01, event = "note" }]\n').encode(),
        "measure 'a', field 'history[1].recorded' (its note entry of 2018-01-01): is required; "
        "add the time the entry was recorded, in UTC, as dprk writes one: recorded = "
        "2018-01-01 00:00:00+00:00",
    ),
    "unknown event": (
        (
            GOOD
            + MEASURE
            + 'history = [{ date = 2018-01-01, event = "bogus", recorded = 2018-01-01T00:00:00Z }]\n'
        ).encode(),
        "measure 'a', field 'history[1].event': 'bogus' is not an event dprk knows (one of: "
        "created, status,",
    ),
    "blank title": (
        (GOOD + MEASURE).replace('title = "A"', 'title = "   "').encode(),
        "measure 'a', field 'title': is blank; give some text",
    ),
    "conflict markers": (
        b'title = "x"\n<<<<<<< ours\nparties = ["US"]\n=======\nparties = ["DPRK"]\n>>>>>>> theirs\n',
        "line 2: unresolved git merge conflict markers",
    ),
    # (a day that is none is no TOML date, and the reader said only that the line ended
    # too soon: "Expected newline or end of document after a statement"; then that it was
    # no date, to be written YYYY-MM-DD, as it was: which day the calendar lacks is said)
    "month 13": (
        (GOOD + MEASURE + "deadline = 2018-13-20\n").encode(),
        "line 11, column 16: '2018-13-20' is no day of the calendar: there is no month 13",
    ),
    "february 30": (
        (GOOD + MEASURE + "deadline = 2018-02-30 # by hand\n").encode(),
        "line 11, column 12: '2018-02-30' is no day of the calendar: February 2018 has 28 days",
    ),
    "not written as a day": (
        (GOOD + MEASURE + "deadline = 2018-2-3\n").encode(),
        "'2018-2-3' is not a date; write a day as YYYY-MM-DD",
    ),
    # (a day written another way, which TOML reads as no value at all: only that the line
    # ended too soon was said, where '2018-2-3' was told the day it may be)
    "written day first": (
        (GOOD + MEASURE + "deadline = 30/10/1999\n").encode(),
        "line 11, column 14: '30/10/1999' is not a date; write a day as YYYY-MM-DD (1999-10-30?)\n",
    ),
    "written either way, with dots": (
        (GOOD + MEASURE + "deadline = 3.4.1999 # by hand\n").encode(),
        "'3.4.1999' is not a date; write a day as YYYY-MM-DD (1999-04-03 or 1999-03-04?)",
    ),
    # (a date with a time of day, or in quotes, was said as Python wrote it, or as if
    # its form were wrong)
    "date and time": (
        (GOOD + MEASURE + "deadline = 2018-01-01T10:00:00\n").encode(),
        "field 'deadline': 2018-01-01T10:00:00 has a time of day; write the day alone",
    ),
    # (and in quotes as if it were text, with +00:00 where the file says Z)
    "date and time in UTC": (
        (GOOD + MEASURE + "deadline = 2018-01-01T10:00:00Z\n").encode(),
        "field 'deadline': 2018-01-01T10:00:00Z has a time of day; write the day alone",
    ),
    "date in quotes": (
        (GOOD + MEASURE + 'deadline = "2018-01-01"\n').encode(),
        "field 'deadline': '2018-01-01' is text in quotes; write a date without them: 2018-01-01",
    ),
    "bom": (b"\xef\xbb\xbf" + GOOD.encode(), "byte-order mark (BOM)"),
    "invalid utf-8": (GOOD.encode() + b"# caf\xe9\n", "line 6: invalid UTF-8 (byte 0xe9)"),
    "deep arrays": (b"a = " + b"[" * 100_000 + b"]" * 100_000 + b"\n", "nesting too deep"),
    "deep tables": (b"a = " + b"{b=" * 50_000 + b"1" + b"}" * 50_000 + b"\n", "nesting too deep"),
    "deep unclosed": (b"a = " + b"[" * 100_000, "nesting too deep"),
    "empty": (b"", "file is empty"),
    "blank": (b"\n  \n\t\n", "file is empty"),
    "nul": (b'title = "x\x00"\n', "TOML syntax error"),
    "future schema": (
        b"schema = 2\n",
        "schema 2 is not supported by this dprk (it reads schema 1); upgrade dprk",
    ),
    # (no dprk wrote an earlier one: an upgrade cannot help)
    "past schema": (
        b"schema = 0\n",
        "schema 0 is not supported by this dprk (it reads schema 1); set schema = 1",
    ),
    "not a table": (b"measures = 5\n", "field 'measures': 5 is not a list"),
    # (said in the words of the library that reads it: "String should have at least 1
    # character", "Input should be a valid integer", "datetime.time(10, 0) is not a date")
    "empty title": (
        (GOOD + MEASURE).replace('title = "A"', 'title = ""').encode(),
        "measure 'a', field 'title': is empty; give some text",
    ),
    "schema in quotes": (
        b'schema = "1"\n',
        "field 'schema': '1' is not a whole number (write it without quotes)",
    ),
    # (Python's words: "True is not a whole number"; a conflict field in another case was
    # "not a valid id")
    "schema true": (b"schema = true\n", "field 'schema': true is not a whole number"),
    "conflict field": (
        b'schema = 1\nconflicts = [ { field = "Title" } ]\n',
        "field 'conflicts[1].field': 'Title' is not a field a merge conflict names",
    ),
    # (a conflict of the ledger's own on another field was settled, by 'dprk resolve
    # --field zzz --take ours', by setting the ledger's title to our value)
    "header conflict": (
        b'schema = 1\ntitle = "T"\nconflicts = [ { field = "zzz", ours = "a" } ]\n',
        "the ledger's own merge conflicts are on 'title' or 'party', not 'zzz'",
    ),
    # (in the words of the library that reads it: "Input should be a valid string", or
    # as Python writes a value: "datetime.date(2018, 1, 1) is not a whole number")
    "status a number": (
        (GOOD + MEASURE + "status = 3\n").encode(),
        "field 'status': 3 is not one of 'proposed', 'agreed', 'implemented', ",
    ),
    "title a number": (
        b"schema = 1\ntitle = 5\n",
        "field 'title': 5 is not text; write it in quotes",
    ),
    "schema a date": (b"schema = 2018-01-01\n", "field 'schema': 2018-01-01 is not a whole number"),
    "recorded a date": (
        (GOOD + MEASURE + HISTORY.format("2026-11-27")).encode(),
        "field 'history[1].recorded': 2026-11-27 is not a date and time",
    ),
    "recorded in quotes": (
        (GOOD + MEASURE + HISTORY.format('"2026-11-27T00:00:00Z"')).encode(),
        "'2026-11-27T00:00:00Z' is text in quotes; write a date and time without them",
    ),
    "a time of day": (
        (GOOD + MEASURE + "deadline = 10:00:00\n").encode(),
        "field 'deadline': 10:00:00 is a time of day, not a date; use YYYY-MM-DD",
    ),
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_broken_ledger_is_one_line_for_readers_and_writers(dprk, tmp_path, name):
    raw, words = BROKEN[name]
    path = tmp_path / "dprk-ledger.toml"
    path.write_bytes(raw)
    for args in (
        ["status"],
        ["add-party", "China"],
        ["show", "a"],
        ["log"],
        ["resolve", "--field", "zzz", "--take", "ours"],
    ):
        result = dprk(*args)
        assert result.code == 1, (args, result.err)
        assert result.out == ""
        assert result.err.startswith(f"dprk: error: {path.name}: ") or result.err.startswith(
            f"dprk: error: {path}: "
        ), result.err
        assert words in result.err, result.err
        assert result.err.count("\n") == 1, result.err
        assert "Traceback" not in result.err
        assert path.read_bytes() == raw
    if raw.strip():  # (an empty file is refused when read; as bytes it is no ledger yet)
        with pytest.raises(LedgerError) as caught:
            store.parse_bytes(raw, "L")
        assert "\n" not in caught.value.message


def test_size_cap(dprk, tmp_path, monkeypatch):
    monkeypatch.setattr(codec, "MAX_BYTES", 2 * 2**20)
    path = tmp_path / "dprk-ledger.toml"
    path.write_bytes(GOOD.encode() + b"#" * (3 * 2**20))
    result = dprk("status")
    assert result.code == 1
    assert result.err == f"dprk: error: {path.name}: file is larger than 2 MiB; is it a ledger?\n"
    with pytest.raises(LedgerError, match="larger than 2 MiB"):
        store.parse_bytes(path.read_bytes(), "L")


def test_a_folder_a_symlink_loop_and_a_missing_folder(dprk, tmp_path):
    (tmp_path / "folder.toml").mkdir()
    os.symlink("loop.toml", tmp_path / "loop.toml")
    (tmp_path / "plain").write_text("", encoding="utf-8")
    cases = {
        "folder.toml": "is a folder, not a ledger file",
        "loop.toml": "cannot read: Too many levels of symbolic links",
        # (an init there would fail: the folder is what to make)
        "nowhere/ledger.toml": "no such ledger; folder nowhere does not exist",
    }
    # a file where the folder should be (it said the folder did not exist)
    result = dprk("--ledger", "plain/x.toml", "init")
    assert (result.code, result.err) == (1, "dprk: error: plain/x.toml: plain is not a folder\n")
    for name, words in cases.items():
        for args in (["status"], ["add-party", "China"]):
            result = dprk("--ledger", name, *args)
            assert result.code == 1
            assert result.err.startswith(f"dprk: error: {name}: {words}"), result.err
    assert not (tmp_path / "nowhere").exists()
    assert not (tmp_path / ".dprk").exists()  # a failed write created nothing beside it


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_or_a_device_is_refused_without_hanging(tmp_path):
    os.mkfifo(tmp_path / "pipe.toml")
    for name in ("pipe.toml", os.devnull):
        for args in (["status"], ["add-party", "China"]):
            result = run_process("--ledger", name, *args, cwd=tmp_path, timeout=60)
            assert result.code == 1
            assert result.err == f"dprk: error: {name}: is not a regular file\n"


def test_a_ledger_symlink_is_followed_and_kept(dprk, korea, tmp_path):
    real = tmp_path / "data" / "talks.toml"
    real.parent.mkdir()
    korea.rename(real)
    korea.symlink_to(real)
    os.chmod(real, 0o640)
    assert dprk("add-party", "China").code == 0
    assert korea.is_symlink()
    assert "China" in store.load(real).parties
    assert oct(os.stat(real).st_mode & 0o777) == oct(0o640)
    assert (real.parent / ".dprk" / "talks.toml.lock").exists()  # the lock sits by the real file


def test_a_file_of_comments_alone_is_no_ledger(dprk, tmp_path):
    """A copy cut short after its first comment passed `check` as a sound, empty ledger
    (no title, no parties), where a blank file was refused. (`check` lists it as the
    problem it finds, on standard output, as it lists every file it cannot read.)"""
    path = tmp_path / "dprk-ledger.toml"
    path.write_bytes(b"# Korea desk ledger\n\n  # kept by the desk\n")
    raw = path.read_bytes()
    said = (
        "file holds only comments, not a ledger; restore it (from git or a backup) or start "
        "a new one with 'dprk init --force'"
    )
    result = dprk("check")
    assert (result.code, result.out, result.err) == (
        1,
        f"error: dprk-ledger.toml: {said} [file]\ndprk-ledger.toml cannot be read until this is "
        "mended; its rules are checked then\n1 error, 0 warnings\n",
        "",
    )
    assert path.read_bytes() == raw
    for args in (["status"], ["add-party", "China"]):
        result = dprk(*args)
        assert (result.code, result.out, result.err) == (
            1,
            "",
            f"dprk: error: dprk-ledger.toml: {said}\n",
        ), args
        assert path.read_bytes() == raw
    assert dprk("init", "--force", "--party", "US").code == 0
    assert dprk("check").out == "ok: no problems found\n"


def test_the_advice_for_an_empty_ledger_in_a_parent_folder_names_it(dprk, tmp_path, monkeypatch):
    """Found from a subfolder, an empty ledger advised 'dprk init --force', which made a
    second ledger in the subfolder (init never looks in parent folders), and the empty
    one stayed empty."""
    (tmp_path / "dprk-ledger.toml").write_bytes(b"")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    result = dprk("status")
    assert (result.code, result.err) == (
        1,
        "dprk: error: ../dprk-ledger.toml: file is empty, not a ledger; restore it (from git "
        "or a backup) or start a new one with 'dprk --ledger ../dprk-ledger.toml init --force'\n",
    )
    assert dprk("--ledger", "../dprk-ledger.toml", "init", "--force", "--party", "US").code == 0
    assert not (tmp_path / "sub" / "dprk-ledger.toml").exists()
    assert dprk("status", "--format", "ids").code == 0


def test_a_file_name_with_a_bang_is_advised_in_quotes_an_interactive_shell_keeps(dprk, tmp_path):
    """'dprk --ledger "a!b.toml" undo', pasted into an interactive bash, failed with
    '!b.toml: event not found': a '!' expands in double quotes. It is advised in $'...'."""
    missing = dprk("--ledger", "a!b.toml", "status")
    assert missing.err == (
        "dprk: error: a!b.toml: no such ledger; run 'dprk --ledger $'a!b.toml' init' to create it\n"
    )
    assert dprk("--ledger", "a!b.toml", "init", "--party", "US").code == 0
    added = dprk("--ledger", "a!b.toml", "add-party", "China")
    assert added.code == 0
    script = tmp_path / "paste.sh"
    undo = re.search(r"'(dprk --ledger \$'a!b\.toml' undo)'", dprk("--ledger", "a!b.toml",
                     "init", "--force").err)  # fmt: skip
    assert undo is not None
    script.write_text(f"set -o history -H\necho {undo.group(1)[5:]}\n", encoding="utf-8")
    shown = subprocess.run(["bash", str(script)], capture_output=True, text=True, check=False)
    assert (shown.returncode, shown.stdout) == (0, "--ledger a!b.toml undo\n")


def test_what_stands_in_the_way_of_the_lock_is_named(dprk, tmp_path):
    """'cannot create the lock file beside it: File exists' (or 'Is a directory'), where
    `.dprk` was a file, a link to nothing, or the lock a folder: it named neither what was
    in the way nor that the folder is dprk's own, safe to delete. A ledger that is a link
    to a file in a missing folder was advised 'dprk init', which then failed."""
    assert dprk("init", "--party", "US").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    side = tmp_path / ".dprk"
    tail = ".dprk is dprk's own (its lock, cache and undo journal): moving it away, or deleting it, is safe\n"
    for make, said in (
        (lambda: side.write_text("x"), ".dprk is a file, not a folder"),
        (lambda: os.symlink("nowhere", side), ".dprk is a link to nothing"),
        (lambda: (side / "dprk-ledger.toml.lock").mkdir(parents=True),
         ".dprk/dprk-ledger.toml.lock is a folder"),
    ):  # fmt: skip
        shutil.rmtree(side, ignore_errors=True)
        if side.is_symlink() or side.is_file():
            side.unlink()
        make()
        result = dprk("add-party", "China")
        assert (result.code, result.err) == (
            1,
            "dprk: error: dprk-ledger.toml: cannot make the lock file "
            f".dprk/dprk-ledger.toml.lock beside it ({said}); {tail}",
        )
        assert ledger.read_bytes() == before
    (tmp_path / "x").mkdir()
    os.symlink("../missing/dprk-ledger.toml", tmp_path / "x" / "dprk-ledger.toml")
    gone = tmp_path / "missing" / "dprk-ledger.toml"
    for args, said in (
        (["status"], f"no such ledger: it links to {gone}, which does not exist"),
        (["init"], f"links to {gone}, in a folder that does not exist"),
    ):
        result = dprk("--ledger", "x/dprk-ledger.toml", *args)
        assert (result.code, result.err) == (1, f"dprk: error: x/dprk-ledger.toml: {said}\n")


def test_a_ledger_on_a_read_only_file_system_says_so(dprk, tmp_path, monkeypatch):
    """On a disk mounted read-only, a change was refused with advice to move `.dprk`
    away or delete it, where there was no `.dprk` and nothing could be moved. The refusal
    says the file system takes no writes; reads go on. (The kernel's answer is made here:
    a test cannot mount a file system.)"""
    from dprk_cli.store import fs

    assert dprk("init", "--party", "US").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    shutil.rmtree(tmp_path / ".dprk")
    before = ledger.read_bytes()

    def read_only(path):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))

    monkeypatch.setattr(fs, "ensure_side_dir", read_only)
    result = dprk("add-party", "China")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "dprk: error: dprk-ledger.toml: cannot make the lock file .dprk/dprk-ledger.toml.lock "
        "beside it: the folder is on a read-only file system; dprk reads the ledger there, "
        "and changes it only where it may write beside it (a copy elsewhere, or the disk "
        "mounted read-write)\n"
    )
    assert ledger.read_bytes() == before
    assert not (tmp_path / ".dprk").exists()
    status = dprk("status", "--format", "json")
    assert status.code == 0, status.err
    assert json.loads(status.out)["parties"] == {"US": mock.ANY}


@pytest.mark.parametrize("letter", ["b", "평"])
def test_a_ledger_with_a_name_near_the_longest_a_folder_holds_is_written(dprk, tmp_path, letter):
    """A ledger named with 234 to 255 bytes (78 Hangul letters of a title) could be read,
    never written: 'File name too long', as the temporary file and the files in .dprk/
    add to the name. Their names are shortened where they must be."""
    name = letter * ((250 - 5) // len(letter.encode())) + ".toml"
    assert len(name.encode()) <= 255
    assert dprk("--ledger", name, "init", "--party", "US").code == 0
    before = (tmp_path / name).read_bytes()
    added = dprk("--ledger", name, "add-party", "China")
    assert (added.code, added.err) == (0, "added party China\n")
    assert dprk("--ledger", name, "status", "--format", "json").code == 0
    assert dprk("--ledger", name, "undo").code == 0
    assert (tmp_path / name).read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([name, ".dprk"])


@pytest.mark.skipif(sys.version_info >= (3, 15), reason="tomllib reads TOML 1.1 from 3.15 on")
def test_what_check_finds_toml_1_1_is_what_a_toml_1_0_reader_refuses():
    """dprk reads TOML 1.1 (tomli, rtoml), which TOML 1.0 readers refuse in part; `dprk
    check` warns of a file that holds it (`store.syntax`). Over thousands of random
    documents that read as TOML 1.1 (inline tables and arrays nested and over lines, with
    comments and commas after their last values, strings of every kind holding braces,
    quotes, escapes and times, times with and without seconds, offsets east and west), the
    places found are none exactly when Python 3.11's tomllib, a TOML 1.0 reader, reads the
    document; and the first is on the line tomllib names, or before it, where what it
    refuses begins."""
    import random
    import tomllib

    import tomli

    from dprk_cli.store.syntax import toml_1_1_places

    atoms = [
        "1", "+4", "-3", "1.5", "true", '"s"', "'l'", '"a{b}"', "'#}'", '"x\\ey"', '"\\x41"',
        '"\\\\e"', "'\\e'", '"\\u00e9"', '"10:30"', "07:32", "07:32:00", "07:32:00.5",
        "1979-05-27T07:32Z", "1979-05-27 07:32:00+09:00", "1979-05-27T07:32:00-05:00",
        "1979-05-27 07:32-05:00", "2018-01-01", '"""m\nl"""', "'''m\n{'''", '"""\\e"""',
        '""""q"""', "''''q'''", '"é{ü"', "'日#}'",
    ]  # fmt: skip
    rng = random.Random(20261205)

    def value(depth: int) -> str:
        r = rng.random()
        if depth < 3 and r < 0.25:
            items = [f"k{i} = {value(depth + 1)}" for i in range(rng.randint(0, 3))]
            seps = [rng.choice([", ", ",\n", ", # c\n", ","]) for _ in items]
            body = "".join(i + s for i, s in zip(items, seps, strict=True))
            if body and rng.random() < 0.6:
                body = body.rstrip(", #c\n")
            return "{" + rng.choice([" ", "\n", ""]) + body + rng.choice([" ", "\n", ""]) + "}"
        if depth < 3 and r < 0.4:
            items = [value(depth + 1) for _ in range(rng.randint(0, 3))]
            ending = rng.choice(["", ",", ",\n", " # c\n"])
            return "[" + rng.choice([", ", ",\n ", ", # c\n"]).join(items) + ending + "]"
        return rng.choice(atoms)

    read = 0
    for _ in range(4000):
        keys = range(rng.randint(1, 3))
        text = "".join(f"key{k} = {value(0)}" + rng.choice(["\n", " # x\n"]) for k in keys)
        try:
            tomli.loads(text)
        except tomli.TOMLDecodeError:
            continue
        read += 1
        places = toml_1_1_places(text)
        try:
            tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            assert places, text
            # (the first place is where the first such thing begins: an inline table's
            # first line, say, where tomllib names the line on which it went wrong)
            at = re.search(r"\(at line (\d+),", str(exc))
            assert at is None or places[0][0] <= int(at[1]), (text, places, str(exc))
        else:
            assert places == [], text
    assert read > 3000


def test_a_ledger_named_with_a_typo_is_answered_with_the_one_it_is_near(
    dprk, tmp_path, monkeypatch
):
    """DPRK_LEDGER=dprk-ledgr.toml was answered with advice to create that file, a stray
    second ledger beside the one meant. A TOML file of the folder whose name is near is
    named first; with none near, the advice is as it was."""
    assert dprk("init", "--party", "US").code == 0
    before = (tmp_path / "dprk-ledger.toml").read_bytes()
    monkeypatch.setenv("DPRK_LEDGER", str(tmp_path / "dprk-ledgr.toml"))
    result = dprk("status")
    near, typo = tmp_path / "dprk-ledger.toml", tmp_path / "dprk-ledgr.toml"
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        f"dprk: error: {typo}: no such ledger; did you mean {near}? If not, run "
        f"'dprk --ledger {typo} init' to create it\n"
    )
    assert not typo.exists() and near.read_bytes() == before
    monkeypatch.delenv("DPRK_LEDGER")
    other = dprk("--ledger", "talks.toml", "status")
    assert other.err == (
        "dprk: error: talks.toml: no such ledger; run 'dprk --ledger talks.toml init' to "
        "create it\n"
    )
