"""`check` and `show` in a narrow terminal: each line fits the window, ids whole."""

from __future__ import annotations

import re

import pytest

IDS = ("association", "no-objection-membership")


@pytest.fixture
def exchanged(dprk, tmp_path, monkeypatch):
    """Two measures exchanged for each other, as a pair of talks records them."""
    monkeypatch.setenv("TERM", "xterm-256color")
    for args in (
        ["init", "--party", "Kosovo", "--party", "Serbia"],
        ["add-measure", "Association of Serb-majority municipalities", "--actor", "Kosovo",
         "--id", "association", "--date", "2023-02-27"],
        ["add-measure", "No objection to membership", "--actor", "Serbia",
         "--id", "no-objection-membership", "--in-exchange-for", "association",
         "--date", "2023-03-18"],
    ):  # fmt: skip
        made = dprk(*args)
        assert made.code == 0, (args, made.err)
    return tmp_path / "dprk-ledger.toml"


def _screen(dprk, monkeypatch, width: int, *args: str):
    monkeypatch.setenv("COLUMNS", str(width))
    found = dprk("--no-pager", *args, tty=True)
    return found, re.sub(r"\x1b\[[0-9;]*m", "", found.out)


@pytest.mark.parametrize("no_color", ["", "1"])
def test_check_folds_its_lines_to_a_narrow_terminal(dprk, exchanged, monkeypatch, no_color):
    """At 40 columns `check` printed a deadlock's warning as one 300-column line, which
    the terminal wrapped mid-word, splitting ids; `plan` folds the same words at spaces.
    In a terminal, check's lines are folded to the window at spaces, as plan's notes
    are, every id whole; into a pipe they are one line each, byte for byte as before."""
    monkeypatch.setenv("NO_COLOR", no_color)
    for args in (
        ["sequence", "association", "--after", "no-objection-membership",
         "--demanded-by", "Kosovo", "--date", "2023-03-18"],
        ["sequence", "no-objection-membership", "--after", "association",
         "--demanded-by", "Serbia", "--date", "2023-03-18"],
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    before = exchanged.read_bytes()
    piped = dprk("check")
    warning = (
        "warning: no-objection-membership: deadlock: no-objection-membership waits for "
        "association (demanded by Serbia); association waits for no-objection-membership "
        "(demanded by Kosovo); to carry the exchanged measures out together, run 'dprk "
        "sequence no-objection-membership --with association' [deadlocks]"
    )
    assert piped.code == 0 and piped.out == f"{warning}\n0 errors, 1 warning\n", piped.out
    for width in (40, 60):
        found, screen = _screen(dprk, monkeypatch, width, "check")
        assert found.code == 0 and found.err == "", found.err
        lines = screen.splitlines()
        assert all(len(line) <= width for line in lines), (width, screen)
        assert " ".join(x.strip() for x in lines[:-1]) == warning, screen  # (folded at spaces)
        assert lines[-1] == "0 errors, 1 warning", screen
        words = [w for line in lines for w in line.split()]
        for ident in IDS:  # (never split across lines: each time it is named, whole)
            named = sum(w.strip("';()") == ident for w in warning.split())
            assert sum(w.strip("';()") == ident for w in words) == named, (ident, screen)
    assert exchanged.read_bytes() == before
    assert dprk("check").out == piped.out


@pytest.mark.parametrize("no_color", ["", "1"])
def test_show_fits_a_narrow_terminal_its_longest_id_fits(dprk, exchanged, monkeypatch, no_color):
    """At 40 columns `show` drew its fields 41 columns wide ('in exchange for' beside
    'no-objection-membership'), so the terminal wrapped every line of the table. A field
    name of several words is folded at its spaces where the window is too narrow for it
    beside the longest word of a value, so that the table fits; it grows past the
    window only by what a word (an id) that cannot fit needs, and a wider terminal or a
    pipe gets what it got."""
    monkeypatch.setenv("NO_COLOR", no_color)
    before = exchanged.read_bytes()
    piped = dprk("show", "association")
    assert piped.code == 0
    assert "\nin exchange for  no-objection-membership\n" in piped.out, piped.out
    found, screen = _screen(dprk, monkeypatch, 40, "show", "association")
    assert found.code == 0 and found.err == "", found.err
    assert max(map(len, screen.splitlines())) == 40, screen
    assert re.search(r"\nin exchange +no-objection-membership *\nfor *\n", screen), screen
    assert all(ident in screen for ident in IDS)
    # (at 30 the id leaves no room for 'verification' beside it: names whole, as before,
    # the table as wide as the id needs beside them)
    _, screen = _screen(dprk, monkeypatch, 30, "show", "association")
    assert max(map(len, screen.splitlines())) == 41, screen
    assert "\nin exchange for   no-objection-membership\n" in screen, screen
    _, wide = _screen(dprk, monkeypatch, 80, "show", "association")
    assert "\nin exchange for   no-objection-membership" in wide, wide
    assert dprk("show", "association").out == piped.out
    assert exchanged.read_bytes() == before
