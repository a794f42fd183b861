"""Start-up stays light: what a command imports before it runs, read from `sys.modules`.

A command imports what it needs inside its body. These tests fail when a heavy
module (Rich's tables, the TOML writer, the analysis)
creeps into the start-up of commands that do not need it. No timings: the
modules imported are the same on every machine.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, ROOT

pytestmark = pytest.mark.slow  # process-heavy: left out by `pytest -m "not slow"`


def imported(code: str, cwd: Path) -> set[str]:
    """The modules a fresh interpreter has imported when running `code` ends (all of
    `sys.modules`: an import through importlib escapes `-X importtime`)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DPRK_LEDGER", "FORCE_COLOR")}
    env["PYTHONPATH"] = str(ROOT)
    prologue = (
        "import atexit, json, sys\n"
        "atexit.register(lambda: sys.stderr.write('\\nMODULES ' + json.dumps(sorted(sys.modules))))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", prologue + code],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    last = proc.stderr.rsplit("MODULES ", 1)[-1]
    names = set(json.loads(last))
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


HEAVY = ("rich.table", "rich.console", "tomli_w", "tomli", "tomllib", "rtoml")


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
    assert {"tomli", "tomllib", "rtoml"} & warm  # the first load parsed the TOML
    names = imported(run_dprk("--ledger", str(ledger), "status", "--format", "json"), ledger.parent)
    assert [n for n in names if n in HEAVY] == []


def test_status_to_a_pipe_is_plain_text_without_rich(ledger):
    imported(run_dprk("--ledger", str(ledger), "status"), ledger.parent)
    names = imported(run_dprk("--ledger", str(ledger), "status"), ledger.parent)
    assert not any(n == "rich" or n.startswith("rich.") for n in names)
    assert "dprk_cli.facts" not in names  # the kept rows and counts: no node is read
    assert "dprk_cli.store.blocks" not in names  # (the file is not cut into blocks: warm)
    # (no dataclass on the way either: each costs half a millisecond to define, on every
    # run; the few records a small status makes are `plain.Plain` classes)
    assert "dataclasses" not in names


@pytest.mark.parametrize("command", ["plan", "next", "balance", "check"])
def test_the_order_analyses_define_no_dataclass(ledger, command):
    """plan, next, balance and check define no dataclass on the way to their output: their
    records are `plain.Plain` classes, and those made by the thousand (a wait, a problem,
    a step of a measure's life) named tuples."""
    imported(run_dprk("--ledger", str(ledger), "status"), ledger.parent)
    names = imported(run_dprk("--ledger", str(ledger), command), ledger.parent)
    assert "dprk_cli.cli.commands.sequencing" in names  # (the command did run)
    assert "dataclasses" not in names


@pytest.mark.parametrize("measure", ["end-of-war-declaration", "punggye-ri-closure"])
def test_a_what_if_of_the_plan_defines_no_dataclass_and_loads_no_rules(ledger, measure):
    """`plan --assume` on the ledger as it stands (the kept plan, drawn again around the
    assumption) defines no dataclass (an assumption and what it changes in the plan are
    `plain.Plain` records), and tells whether the id it is given can be one as `vocab`
    says what an id is: the rules a write checks stay unloaded, a verification drawn
    again included (an order that names no verifier asks no party's name)."""
    order = ["sequence", "second-summit", "--after", "punggye-ri-closure"]
    order += ["--require", "verified", "--date", "2018-09-20"]
    imported(run_dprk("--ledger", str(ledger), *order), ledger.parent)
    imported(run_dprk("--ledger", str(ledger), "status"), ledger.parent)
    imported(run_dprk("--ledger", str(ledger), "plan"), ledger.parent)  # (the kept plan)
    args = ["plan", "--assume", f"{measure}=implemented"]
    names = imported(run_dprk("--ledger", str(ledger), *args), ledger.parent)
    assert "dprk_cli.analysis.whatif" in names  # (the what-if did run)
    assert "dataclasses" not in names
    assert "dprk_cli.rules" not in names


def commands_built(names: set[str]) -> set[str]:
    return {n.rsplit(".", 1)[1] for n in names if n.startswith("dprk_cli.cli.commands.")}


def test_only_the_command_run_is_imported(ledger):
    """The root group knows the commands by name and imports the one that runs."""
    names = imported(
        run_dprk("--ledger", str(ledger), "--lock-timeout", "1", "status"), ledger.parent
    )
    assert commands_built(names) == {"reports"}
    names = imported(run_dprk("--ledger", str(ledger), "mark", "--help"), ledger.parent)
    assert commands_built(names) == {"measures"}


def test_help_lists_every_command_without_importing_any(tmp_path):
    """The list gives each command's summary (`SUMMARIES`): it imported every command's
    module to read the first sentence of its docstring."""
    names = imported(run_dprk("--help"), tmp_path)
    assert commands_built(names) == set()


def test_a_mistyped_command_is_answered_without_building_any(tmp_path):
    code = (
        "import sys\n"
        "from dprk_cli.cli.app import main\n"
        "sys.exit(0 if main(['stauts']) == 2 else 1)\n"
    )
    names = imported(code, tmp_path)
    assert commands_built(names) == set()


@pytest.mark.parametrize(
    "args",
    [
        ["status"],
        ["plan"],
        ["next"],
        ["plan", "--assume", "end-of-war-declaration=implemented"],
        ["scorecard", "--format", "json"],
        ["check"],
        ["balance"],
    ],
)
def test_warm_reads_load_neither_pydantic_nor_the_models(ledger, args):
    """A read served from the cache (analyses, what-if included) reads nodes, not
    models: pydantic and the models stay unloaded."""
    imported(run_dprk("--ledger", str(ledger), "status"), ledger.parent)  # builds the cache
    names = imported(run_dprk("--ledger", str(ledger), *args), ledger.parent)
    assert "pydantic" not in names
    assert "dprk_cli.model" not in names


def in_a_terminal(code: str, cwd: Path, env: dict[str, str]) -> tuple[str, set[str]]:
    """Run `code` in a fresh interpreter on a pseudo-terminal of 100 columns and 12 lines:
    what it shows there (line ends as written) and the modules it imported."""
    import pty

    modules = cwd / "modules.json"
    prologue = (
        "import atexit, json, sys\n"
        f"atexit.register(lambda: open({str(modules)!r}, 'w').write(json.dumps(sorted(sys.modules))))\n"
    )
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        import fcntl
        import struct
        import termios

        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 12, 100, 0, 0))
        attrs = termios.tcgetattr(0)
        attrs[1] &= ~termios.ONLCR  # show '\n' as written, not as '\r\n'
        termios.tcsetattr(0, termios.TCSANOW, attrs)
        os.chdir(cwd)
        os.execve(sys.executable, [sys.executable, "-c", prologue + code], env)
    shown = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, shown[-2000:]
    return shown.decode("utf-8"), set(json.loads(modules.read_text(encoding="utf-8")))


def test_a_screenful_of_status_in_a_terminal_is_drawn_without_rich(ledger):
    """Through a pager, a colour terminal's status table is drawn by dprk itself, byte
    for byte as Rich draws it (`--no-pager`, which Rich draws)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DPRK_LEDGER", "FORCE_COLOR")}
    env |= {"PYTHONPATH": str(ROOT), "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "12"}
    env.pop("NO_COLOR", None)
    imported(run_dprk("--ledger", str(ledger), "status"), ledger.parent)  # builds the cache
    paged = ledger.parent / "paged.txt"
    env["DPRK_PAGER"] = f"cat > {paged}"
    shown, names = in_a_terminal(run_dprk("--ledger", str(ledger), "status"), ledger.parent, env)
    assert shown == ""  # all of it went to the pager
    assert "\x1b[34magreed" in paged.read_text(encoding="utf-8")
    assert not any(n == "rich" or n.startswith("rich.") for n in names)
    drawn, names = in_a_terminal(
        run_dprk("--ledger", str(ledger), "status", "--no-pager"), ledger.parent, env
    )
    assert "rich.table" in names
    assert drawn == paged.read_text(encoding="utf-8")
