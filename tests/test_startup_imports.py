"""Start-up stays light: what a command imports before it runs, checked with -X importtime.

A command imports what it needs inside its body. These tests fail when a heavy
module (Rich's tables, the TOML writer, the analysis, pydantic's plugin loader)
creeps into the start-up of commands that do not need it. No timings: the
modules imported are the same on every machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, ROOT


def imported(code: str, cwd: Path) -> set[str]:
    """The modules a fresh interpreter imports running `code` (from -X importtime)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DPRK_LEDGER", "FORCE_COLOR")}
    env["PYTHONPATH"] = str(ROOT)
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    names = set()
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            name = line.rsplit("|", 1)[1].strip()
            if name != "package":
                names.add(name)
    assert "dprk_cli" in names or "typer" in names, proc.stderr[-2000:]
    return names


def run_dprk(*args: str) -> str:
    """Python code that runs `dprk ARGS` through its entry point's `main`."""
    return (
        "import sys\n"
        "from dprk_cli.cli.app import main\n"
        f"code = main({list(args)!r})\n"
        "sys.stdout.flush()\n"
        "sys.exit(code)\n"
    )


HEAVY = ("rich.table", "rich.console", "tomli_w", "tomli", "tomllib")


def heavy(names: set[str], *, also: tuple[str, ...] = ()) -> list[str]:
    found = [n for n in names if n in HEAVY + also]
    found += [n for n in names if n.startswith("dprk_cli.analysis")]
    return sorted(found)


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    path = tmp_path / "dprk-ledger.toml"
    path.write_bytes(EXAMPLE.read_bytes())
    return path


def test_importing_the_command_line_is_light(tmp_path):
    names = imported("import dprk_cli.cli.app", tmp_path)
    assert heavy(names, also=("pydantic", "dprk_cli.model", "dprk_cli.store")) == []


def test_help_imports_no_tables_writer_or_analysis(tmp_path):
    names = imported(run_dprk("--help"), tmp_path)
    assert heavy(names, also=("pydantic", "dprk_cli.model")) == []


def test_a_command_help_imports_no_tables_writer_or_analysis(tmp_path):
    names = imported(run_dprk("status", "--help"), tmp_path)
    assert heavy(names) == []


def test_status_json_served_from_the_cache_needs_no_toml_or_tables(ledger):
    warm = imported(run_dprk("--ledger", str(ledger), "status"), ledger.parent)  # builds the cache
    assert "tomli" in warm or "tomllib" in warm  # the first load parsed the TOML
    names = imported(run_dprk("--ledger", str(ledger), "status", "--format", "json"), ledger.parent)
    assert [n for n in names if n in HEAVY] == []
    # pydantic's plugin discovery reads every installed package's metadata
    assert "pydantic.plugin._loader" not in names
    assert "importlib.metadata" not in names


def test_status_to_a_pipe_is_plain_text_without_rich(ledger):
    imported(run_dprk("--ledger", str(ledger), "status"), ledger.parent)
    names = imported(run_dprk("--ledger", str(ledger), "status"), ledger.parent)
    assert not any(n == "rich" or n.startswith("rich.") for n in names)


def test_only_the_command_run_is_built(tmp_path, monkeypatch):
    """Typer builds every registered command's options at start-up unless told not to."""
    import typer.main

    from dprk_cli.cli import app as app_module

    built: list[list[str]] = []
    real = typer.main.get_command

    def spy(typer_app):
        built.append([app_module._name(c) for c in typer_app.registered_commands])
        return real(typer_app)

    monkeypatch.setattr(typer.main, "get_command", spy)
    monkeypatch.chdir(tmp_path)
    assert app_module.main(["--lock-timeout", "1", "status"]) == 1  # no ledger here
    assert built[-1] == ["status"]
    app_module.main(["--help"])
    assert "status" in built[-1] and len(built[-1]) > 5
    app_module.main(["stauts"])  # unknown: every command, to suggest the nearest
    assert len(built[-1]) > 5
