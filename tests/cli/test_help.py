"""Every command's --help is its documentation: a short first line and an example."""

from __future__ import annotations

import pytest
import typer

from dprk_cli.cli.app import app

COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def test_the_commands_of_issue_four_are_registered():
    assert {"export", "import", "undo", "schema", "timeline", "graph", "report"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(dprk, command):
    result = dprk(command, "--help")
    assert result.code == 0, result.err
    assert result.out.startswith(f"Usage: dprk {command} ")
    assert "Example" in result.out, f"'dprk {command} --help' shows no example"
    example = next(line for line in result.out.splitlines() if "Example" in line)
    assert "dprk " in example


def test_top_level_help_and_version(dprk):
    result = dprk("--help")
    assert result.code == 0
    assert "Example" in result.out
    for command in COMMANDS:
        assert command in result.out
    version = dprk("--version")
    assert version.code == 0 and version.out.startswith("dprk ")
