"""Hostile text: stored exactly and shown literally, or refused at the door.

Text that looks like Rich markup or emoji codes is ordinary text: it is kept
byte for byte and printed as typed in every format. Terminal controls (ESC
sequences, OSC 52 clipboard writes, OSC 8 links, BEL, C1 controls, DEL) and
bidirectional overrides are refused when they come in, and shown as visible
escapes when they appear in an error; no ESC byte ever reaches the terminal
except the colour codes dprk itself asks for.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess

import pytest

from dprk_cli import store
from tests.conftest import dprk_executable, run_process

LITERAL = [
    "[bold red]x[/]",
    "x [/] y",
    "[link=https://example.org]a[/link]",
    ":warning:",
    "trailing\\",
    "[/]",
    "x\\[bold]y",
]
CONTROLS = {
    "ESC[2J": "clear \x1b[2J screen",
    "OSC 52": "copy \x1b]52;c;ZWNobyBvd25lZA==\x07 this",
    "OSC 8": "\x1b]8;;https://example.org\x1b\\a link\x1b]8;;\x1b\\",
    "BEL": "ring \x07 ring",
    "U+202E": "abc \u202e fed",
    "U+2066": "abc \u2066 isolate",
    "CSI (C1)": "c1 \x9b2J",
    "DEL": "del \x7f",
    "CR": "carriage \r return",
}
SGR = re.compile(r"\x1b\[[0-9;]*m")  # colour and bold: the only escapes dprk writes itself


def _no_escape(*texts: str) -> None:
    for text in texts:
        assert "\x1b" not in text, repr(text)
        assert "\x07" not in text and "\x9b" not in text and "\u202e" not in text, repr(text)


@pytest.mark.parametrize("title", LITERAL)
def test_markup_lookalikes_are_stored_exactly_and_shown_literally(dprk, empty, title, monkeypatch):
    added = dprk(
        "add-measure",
        title,
        "--actor",
        "US",
        "--id",
        "hostile",
        "--note",
        title,
        "--source",
        title,
        "--category",
        title,
        "--date",
        "2018-06-12",
    )
    assert added.code == 0, added.err
    measure = store.load(empty).index()["hostile"]
    assert (measure.title, measure.notes, measure.sources, measure.category) == (
        title,
        title,
        [title],
        title,
    )
    assert dprk("mark", "hostile", "implemented", "--note", title).code == 0
    assert dprk("add-party", title).code == 0
    assert (
        dprk("verify", "hostile", "--by", title, "--method", title, "--evidence", title).code == 0
    )

    for args in (["status"], ["show", "hostile"], ["log"], ["log", "hostile"]):
        result = dprk(*args)
        assert result.code == 0, result.err
        assert title in result.out, (args, result.out)
        _no_escape(result.out, result.err)
    doc = json.loads(dprk("show", "hostile", "--format", "json").out)
    assert doc["title"] == doc["notes"] == doc["category"] == title
    assert doc["verifications"][0]["by"] == title
    rows = list(csv.DictReader(io.StringIO(dprk("status", "--format", "csv").out)))
    assert rows[0]["title"] == title
    for fmt in ("jsonl", "tsv", "markdown", "ids"):
        result = dprk("status", "--format", fmt)
        assert result.code == 0
        _no_escape(result.out, result.err)

    # A terminal with colour forced: Rich draws the table, the title is still text.
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    for args in (["status"], ["show", "hostile"], ["log"]):
        result = dprk(*args, tty=True)
        assert result.code == 0
        plain = SGR.sub("", result.out)
        assert title in plain, plain
        _no_escape(plain, result.err)

    # Errors that repeat the text show it as typed.
    for args, words, code in (
        (["show", title], f"ID: '{title}' is not a valid id", 2),
        # (a name another party's by a letter: one by a sign alone, '!', is the party)
        (["add-measure", "x", "--actor", title + "Q"], f"'{title}Q' is not a declared party", 1),
    ):
        result = dprk(*args)
        assert result.code == code
        assert words in result.err
        _no_escape(result.err)


def _refusals(text: str) -> list[tuple[list[str], str]]:
    return [
        (["add-measure", text, "--actor", "US"], "TITLE"),
        (["add-measure", "ok", "--actor", "US", "--note", text], "--note"),
        (["add-measure", "ok", "--actor", "US", "--source", text], "--source"),
        (["add-measure", "ok", "--actor", "US", "--category", text], "--category"),
        (["add-measure", "ok", "--actor", "US", "--id", text], "--id"),
        (["mark", "acted", "reversed", "--note", text], "--note"),
        (["verify", "acted", "--by", text], "--by"),
        (["verify", "acted", "--by", "IAEA", "--method", text], "--method"),
        (["verify", "acted", "--by", "IAEA", "--evidence", text], "--evidence"),
        (["add-party", text], "party name"),
        (["init", "--force", "--title", text], "--title"),
        (["init", "--force", "--party", text], "party name"),
    ]


@pytest.mark.parametrize("name", list(CONTROLS))
def test_terminal_controls_are_refused_at_input(dprk, empty, name):
    text = CONTROLS[name]
    assert dprk("add-measure", "Acted", "--actor", "US", "--id", "acted").code == 0
    assert dprk("mark", "acted", "implemented").code == 0
    before = empty.read_bytes()
    for args, option in _refusals(text):
        result = dprk(*args)
        assert result.code == 2, (args, result.err)
        assert result.out == ""
        assert result.err.startswith(f"dprk: error: {option}: "), result.err
        assert result.err.count("\n") == 1
        _no_escape(result.err)
        assert empty.read_bytes() == before


def test_notes_may_hold_newlines_and_tabs(dprk, empty):
    note = "first line\n\tsecond line, indented"
    assert dprk("add-measure", "ok", "--actor", "US", "--id", "ok", "--note", note).code == 0
    assert store.load(empty).index()["ok"].notes == note
    assert json.loads(dprk("show", "ok", "--format", "json").out)["notes"] == note
    shown = dprk("show", "ok")
    assert "first line" in shown.out and "second line" in shown.out
    assert dprk("add-measure", "a\nb", "--actor", "US").code == 2  # but titles may not


def test_refused_messages_name_the_character(dprk, empty):
    cases = {
        "\x1b[2J": "contains a control character (U+001B)",
        "\u202e": "contains a bidirectional override (U+202E)",
        "\x85": "contains a control character (U+0085)",
    }
    for text, words in cases.items():
        result = dprk("add-measure", text, "--actor", "US")
        assert result.err == f"dprk: error: TITLE: {words}\n"


@pytest.mark.parametrize(
    "ident", ["a b", "a/b", "../up", ".hidden", "-dash", "é", "x\\y", "a" * 101, "a:b"]
)
def test_ids_are_slugs(dprk, empty, ident):
    result = dprk("add-measure", "X", "--actor", "US", "--id", ident)
    assert result.code == 2
    assert any(
        words in result.err for words in ("not a valid id", "too long for an id", "No such option")
    )


def test_errors_repeating_controls_show_them_as_visible_escapes(dprk, korea):
    for args in (
        ["show", "\x1b[2J"],
        ["mark", "inventory-submission", "\x1b]52;c;eA==\x07"],
        ["\x1b[2Jcommand"],
        ["status", "--format", "\x1b[31m"],
        ["status", "--party", "\u202eSU"],
    ):
        result = dprk(*args)
        assert result.code in (1, 2)
        assert result.err.count("\n") == 1
        _no_escape(result.out, result.err)
        shown = ("\\e", "\\x1b", "\\u202e", "(U+001B)", "(U+202E)")  # as typed, or named
        assert any(each in result.err for each in shown), result.err


def test_hand_edited_escape_in_the_file_is_refused_on_load(dprk, tmp_path):
    path = tmp_path / "dprk-ledger.toml"
    path.write_text(
        'title = "x"\nparties = ["US"]\n\n[[measures]]\nid = "a"\n'
        'title = "\\u001b]52;c;eA==\\u0007"\nactor = "US"\n',
        encoding="utf-8",
    )
    result = dprk("status")
    assert result.code == 1
    assert (
        result.err
        == (
            f"dprk: error: {path.name}: measure 'a', field 'title': "
            "contains a control character (U+001B)\n"
        )
        or "field 'title': contains a control character (U+001B)" in result.err
    )
    _no_escape(result.err)


@pytest.mark.slow  # a real process
def test_help_is_plain_text_even_with_colour_forced(tmp_path):
    for args in (["--help"], ["add-measure", "--help"], ["status", "--help"]):
        result = run_process(*args, cwd=tmp_path, env={"FORCE_COLOR": "1", "COLUMNS": "100"})
        assert result.code == 0
        _no_escape(result.out, result.err)


def test_every_command_help_is_plain_text(dprk, monkeypatch):
    from dprk_cli.cli.app import COMMANDS

    monkeypatch.setenv("FORCE_COLOR", "1")
    names = list(COMMANDS)
    assert "add-measure" in names and len(names) > 5
    for name in names:
        result = dprk(name, "--help", tty=True)
        assert result.code == 0, (name, result.err)
        assert result.out.startswith(f"Usage: dprk {name}"), result.out[:80]
        _no_escape(result.out, result.err)


@pytest.mark.slow  # a real process
def test_invalid_utf8_in_arguments_is_a_clear_error(tmp_path):
    """A real process: the shell hands over bytes that are not UTF-8."""
    assert run_process("init", "--party", "US", cwd=tmp_path).code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    cases = [
        (
            [b"add-measure", b"caf\xe9", b"--actor", b"US"],
            2,
            "TITLE: is not valid UTF-8 (byte 0xe9)",
        ),
        ([b"add-measure", b"ok", b"--actor", b"US", b"--note", b"\xff"], 2, "--note: is not valid"),
        ([b"add-party", b"\xffUS"], 2, "party name: is not valid UTF-8 (byte 0xff)"),
        # the documented exit code for text that is not UTF-8, whatever reads it
        ([b"show", b"\xff"], 2, "ID: is not valid UTF-8 (byte 0xff)"),
        ([b"status", b"--party", b"\xc3"], 2, "--party: is not valid UTF-8 (byte 0xc3)"),
        ([b"status", b"--search", b"a\xff"], 2, "--search: is not valid UTF-8 (byte 0xff)"),
        ([b"status", b"--search", b"a\x01"], 2, "--search: contains a control character"),
    ]
    for argv, code, words in cases:
        proc = subprocess.run(
            [dprk_executable().encode(), *argv], cwd=tmp_path, capture_output=True, timeout=60
        )
        err = proc.stderr.decode("utf-8")  # what dprk prints is always UTF-8
        assert proc.returncode == code, err
        assert proc.stdout == b""
        assert err.startswith("dprk: error: ") and err.count("\n") == 1, err
        assert words in err, err
        assert "Traceback" not in err
    assert ledger.read_bytes() == before


@pytest.mark.slow  # a real process
def test_invalid_utf8_on_standard_input_is_a_clear_error(tmp_path):
    assert run_process("init", "--example", "korea-2018", cwd=tmp_path).code == 0
    for env in ({}, {"LC_ALL": "C.UTF-8", "PYTHONUTF8": "1"}):
        proc = subprocess.run(
            [dprk_executable(), "verify", "-", "--by", "IAEA"],
            cwd=tmp_path,
            input=b"punggye-ri-closure\n\xff\xfe\n",
            capture_output=True,
            timeout=60,
            env={**_base_env(), **env},
        )
        err = proc.stderr.decode()
        assert proc.returncode in (1, 2), err
        assert err.startswith("dprk: error: ") and err.count("\n") == 1, err
        assert "Traceback" not in err


@pytest.mark.slow  # a real process
def test_colour_forced_in_a_real_process_writes_only_colour_codes(dprk, empty, tmp_path):
    for title in LITERAL:
        assert dprk("add-measure", title, "--actor", "US").code == 0
    result = run_process("status", cwd=tmp_path, env={"FORCE_COLOR": "1", "COLUMNS": "200"})
    assert result.code == 0
    plain = SGR.sub("", result.out)
    _no_escape(plain, result.err)
    for title in LITERAL:
        assert title in plain


def _base_env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k not in ("DPRK_LEDGER", "FORCE_COLOR")}


READ_COMMANDS = [
    ["status"],
    ["show", "bold"],
    ["log"],
    ["next"],
    ["plan"],
    ["balance"],
    ["check"],
    ["export"],
    ["timeline"],
    ["graph"],
]


def test_no_escape_from_any_reading_command_in_any_format(dprk, empty, monkeypatch):
    """A ledger full of markup lookalikes, through every reading command and format."""
    assert dprk("add-party", "[red]P[/red]").code == 0
    ids = ["bold", "slash", "link", "emoji", "backslash", "brackets", "escaped"]
    for ident, title in zip(ids, LITERAL, strict=True):
        added = dprk("add-measure", title, "--actor", "US", "--id", ident, "--date", "2018-01-01")
        assert added.code == 0
    assert dprk("add-measure", ":x: [b]", "--actor", "[red]P[/red]", "--id", "other").code == 0
    assert dprk("add-measure", "y", "--actor", "US", "--in-exchange-for", "bold").code == 0
    assert dprk("sequence", "slash", "--after", "link").code == 0
    assert dprk("mark", "bold", "implemented", "--date", "2018-06-01").code == 0
    assert dprk("verify", "bold", "--by", "[i]IAEA[/i]", "--evidence", ":warning:").code == 0
    formats = ["table", "json", "jsonl", "csv", "tsv", "markdown", "ids"]
    for args in READ_COMMANDS:
        for fmt in ["mermaid", "dot"] if args == ["graph"] else formats:
            result = dprk(*args, "--format", fmt)
            assert result.code in (0, 1, 2), (args, fmt, result.err)
            _no_escape(result.out, result.err)
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "160")
    for args in READ_COMMANDS:
        result = dprk(*args, tty=True)
        assert result.code in (0, 1), (args, result.err)
        _no_escape(SGR.sub("", result.out), result.err)


def test_a_recording_time_before_year_1_in_utc_is_refused_in_one_line(dprk, tmp_path):
    """A time of 1 January of year 1 written with a positive offset is a moment of year 0
    in UTC, which nothing can hold: ordering the history, or writing it in UTC, ended in
    an internal error ("date value out of range"). (`check` lists it as the problem it
    finds, on standard output, as it lists every problem of a file it cannot read.)"""
    ledger = tmp_path / "dprk-ledger.toml"
    ledger.write_text(
        'schema = 1\ntitle = "T"\nparties = ["A"]\n\n[[measures]]\nid = "x"\ntitle = "X"\n'
        'actor = "A"\nstatus = "proposed"\n\n[[measures.history]]\ndate = 2000-01-01\n'
        'event = "created"\nstatus = "proposed"\nrecorded = 0001-01-01T00:30:00+01:00\n',
        encoding="utf-8",
    )
    before = ledger.read_bytes()
    said = (
        "dprk: error: dprk-ledger.toml: line 15: measure 'x', field 'history[1].recorded': "
        "0001-01-01T00:30:00+01:00 is outside the years 1 to 9999 in UTC\n"
    )
    for args in (("status",), ("note", "x", "n", "--date", "2000-02-01")):
        result = dprk(*args)
        assert (result.code, result.out, result.err) == (1, "", said), args
    result = dprk("check")
    assert (result.code, result.out, result.err) == (
        1,
        "error: x: line 15: field 'history[1].recorded': 0001-01-01T00:30:00+01:00 is outside "
        "the "
        "years 1 to 9999 in UTC [fields]\ndprk-ledger.toml cannot be read until this is "
        "mended; its rules are checked then\n1 error, 0 warnings\n",
        "",
    )
    assert ledger.read_bytes() == before
