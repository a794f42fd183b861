"""The documentation tells the truth.

Every ```console block in README.md and docs/*.md is run: a line starting
with `$ ` is a command (a trailing backslash continues it on the next line),
and the lines after it, up to the next `$ `, are what it prints, standard
output and standard error together, in order. A line holding only `...`
stands for any number of lines. Each file's blocks run in order, in one
fresh temporary folder, with the environment below: the same output
everywhere, whatever the day and the machine.

A plain `dprk ...` line runs the real entry point (`dprk_cli.cli.app.main`)
in this process, which is quick; any other line (a pipeline, a redirection,
`$(...)`, git) runs in bash, with the `dprk` console script of this
environment first on the PATH. Blocks in other fences (sh, toml, json) are
not run.

Also here: the README stays a short front door; docs/reference.md is what
`python docs/build.py` makes from the code; every command is in the
reference and in the guide; links between the documents lead somewhere.
"""

from __future__ import annotations

import difflib
import io
import os
import re
import runpy
import shlex
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from dprk_cli.cli.app import COMMANDS, main
from tests.conftest import missing

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
README = ROOT / "README.md"
DOCUMENTS = [README, *sorted(DOCS.glob("*.md"))]

# The environment of every example (docs/build.py makes the reference in it too).
BUILD = runpy.run_path(str(DOCS / "build.py"))
ENVIRONMENT: dict[str, str] = BUILD["ENVIRONMENT"]
UNSET: tuple[str, ...] = BUILD["UNSET"]
# A line with any of these needs a shell; the others are split like a shell would.
SHELL_CHARACTERS = set("|&;<>()$`\\*?#~{}")
ANY_LINES = "..."


# --- reading the examples -------------------------------------------------------------------


@dataclass
class Example:
    """One command of a console block and what it prints."""

    path: Path
    line: int  # where the command starts, 1-based
    command: str
    expected: list[str]

    @property
    def where(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"


def console_examples(path: Path) -> list[Example]:
    """The commands of every ```console block in `path`, in order."""
    found: list[Example] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        if lines[i].strip() != "```console":
            i += 1
            continue
        i += 1
        body_start = i
        while i < len(lines) and lines[i].strip() != "```":
            i += 1
        body = lines[body_start:i]
        i += 1
        j = 0
        while j < len(body):
            first = body_start + j + 1
            if not body[j].startswith("$ "):
                raise AssertionError(
                    f"{path.relative_to(ROOT)}:{first}: a console block's lines after its "
                    f"output start with '$ ': {body[j]!r}"
                )
            command = body[j][2:]
            while command.endswith("\\") and j + 1 < len(body):
                j += 1
                command = command[:-1].rstrip() + " " + body[j].strip()
            j += 1
            expected = []
            while j < len(body) and not body[j].startswith("$ "):
                expected.append(body[j])
                j += 1
            found.append(Example(path, first, command, expected))
    return found


# --- running them ---------------------------------------------------------------------------


def in_process(args: list[str]) -> str:
    """`dprk ARGS` through the real entry point, stdout and stderr in one stream."""
    stream = io.StringIO()
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = io.StringIO(""), stream, stream
    try:
        main(args)
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
    return stream.getvalue()


def in_bash(command: str, folder: Path) -> str:
    proc = subprocess.run(
        ["bash", "-c", command],
        cwd=folder,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        timeout=120,
    )
    return proc.stdout.decode("utf-8", "replace")


def run(command: str, folder: Path) -> str:
    if not SHELL_CHARACTERS & set(command):
        words = shlex.split(command)
        if words and words[0] == "dprk":
            return in_process(words[1:])
    return in_bash(command, folder)


def _trimmed(lines: list[str]) -> list[str]:
    lines = [line.rstrip() for line in lines]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return lines


def matches(expected: list[str], actual: str) -> bool:
    """Whether `actual` is the output `expected` shows ('...' alone: any lines)."""
    pattern = "".join(
        r"(?:.*\n)*?" if line == ANY_LINES else re.escape(line) + r"\n"
        for line in _trimmed(expected)
    )
    text = "".join(line + "\n" for line in _trimmed(actual.splitlines()))
    return re.fullmatch(pattern, text) is not None


@pytest.fixture
def doc_environment(monkeypatch, tmp_path):
    """A fresh folder and the documented environment, for this process and its children."""
    folder = tmp_path / "docs-example"
    folder.mkdir()
    here = os.path.dirname(sys.executable)  # this environment's `dprk` console script
    path = here + os.pathsep + os.environ.get("PATH", "")
    if shutil.which("dprk", path=path) is None:
        missing("the dprk console script is not installed (pip install -e '.[test]')")
    for name in UNSET:
        monkeypatch.delenv(name, raising=False)
    for name, value in ENVIRONMENT.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("PATH", path)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.chdir(folder)
    return folder


@pytest.mark.slow  # a real process
@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_console_examples_print_what_they_show(path, doc_environment):
    examples = console_examples(path)
    if not examples:
        return  # nothing to run (the reference, the design)
    if any(e.command.startswith("git ") for e in examples) and shutil.which("git") is None:
        missing("the examples use git, which is not installed")
    if any("| jq " in e.command for e in examples) and shutil.which("jq") is None:
        missing("the examples use jq, which is not installed (Debian: apt-get install jq)")
    start = int(ENVIRONMENT["SOURCE_DATE_EPOCH"])
    for number, example in enumerate(examples):
        # (a minute a command, as a reader types them: each recorded after the one before)
        os.environ["SOURCE_DATE_EPOCH"] = str(start + 60 * number)
        actual = run(example.command, doc_environment)
        if not matches(example.expected, actual):
            diff = "\n".join(
                difflib.unified_diff(
                    _trimmed(example.expected),
                    _trimmed(actual.splitlines()),
                    "shown in the document",
                    "printed now",
                    lineterm="",
                )
            )
            pytest.fail(f"{example.where}: $ {example.command}\n{diff}", pytrace=False)


def test_the_guide_says_the_clock_its_examples_run_by():
    """A `(made ... UTC)` stamp is the moment a change was made: the guide says which
    clock its examples show, as the test above sets it, before the first one."""
    from datetime import UTC, datetime

    start = datetime.fromtimestamp(int(ENVIRONMENT["SOURCE_DATE_EPOCH"]), UTC)
    guide = (DOCS / "guide.md").read_text(encoding="utf-8")
    reading = guide[guide.index("**How to read the examples.**") : guide.index("## Contents")]
    said = " ".join(reading.split())
    assert f"the clock set to {start:%Y-%m-%d %H:%M} UTC, a minute later for each command" in said
    assert "`(made " in said
    first = guide.index("\nundid: ")  # (the first undo example)
    assert guide.rfind("How to read the examples", 0, first) > guide.index("## A tour")


NOT_TO_TYPE = "**Not to type:**"


def test_the_guides_blocks_not_typed_are_marked():
    """The guide's examples are typed in order: a block in any other fence (a script, a
    file, a shell's set-up) is not, and the paragraph just before it says so."""
    guide = (DOCS / "guide.md").read_text(encoding="utf-8")
    reading = guide[guide.index("**How to read the examples.**") : guide.index("## Contents")]
    assert NOT_TO_TYPE in reading
    lines = guide.splitlines()
    fences = [i for i, line in enumerate(lines) if line.startswith("```")]
    unmarked = []
    for start in fences[::2]:  # (an opening fence, then its closing one)
        if lines[start].strip() == "```console":
            continue
        before = start - 1
        while before >= 0 and not lines[before].strip():
            before -= 1
        while before >= 0 and lines[before].strip():
            before -= 1  # (back to the first line of the paragraph before the block)
        if not lines[before + 1].startswith(NOT_TO_TYPE):
            unmarked.append(f"docs/guide.md:{start + 1}: {lines[start]}")
    assert not unmarked, "no 'Not to type' paragraph before:\n" + "\n".join(unmarked)


# Words the tour's first table and the README's taste use before the guide explains them.
FIRST_WORDS = (
    "pending", "acted", "extent", "commitment", "ready", "blocked", "deadlocked", "owes",
    "owed", "overdue", "done late",
)  # fmt: skip


def test_the_tours_first_table_has_a_key_and_the_readme_points_to_it():
    guide = (DOCS / "guide.md").read_text(encoding="utf-8")
    look = guide.index("### Look at it\n")
    table_end = guide.index("```\n\n", guide.index("$ dprk status", look)) + 5
    key = guide[table_end : guide.index("\n\n", guide.index("\n- ", table_end) + 1)]
    assert key.startswith("**Key**"), key[:80]
    items = re.split(r"\n- ", key)[1:]
    for word in FIRST_WORDS:
        assert any(f"*{word}*" in item for item in items), f"the key does not say {word}"
    for item in items:
        assert re.search(r"\]\(#[\w-]+\)\)\.$", item.strip()), f"no link to a section: {item}"
    taste = section(README.read_text(encoding="utf-8"), "A taste")
    assert "](docs/guide.md#look-at-it)" in taste


def test_the_matcher():
    assert matches(["a", "...", "d"], "a\nb\nc\nd\n")
    assert matches(["a", "...", "b"], "a\nb")
    assert matches(["...", "b", "..."], "a\nb\nc\n")
    assert not matches(["a", "b"], "a\nb\nc\n")
    assert not matches(["a", "c"], "a\nb\n")
    assert matches(["x (1)  ", ""], "x (1)\n\n")


def test_console_blocks_are_well_formed():
    for path in DOCUMENTS:
        for example in console_examples(path):
            assert example.command.strip(), example.where


# --- the README -----------------------------------------------------------------------------

SET_UP = [
    "pip install . && dprk init --example korea-2018 && dprk status",
    "pip install -e '.[test]' && pytest",
]


def section(text: str, heading: str) -> str:
    """The text under a '## heading', up to the next heading of that level."""
    found = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert found, f"no '## {heading}' section"
    return found.group(1)


def test_readme_is_a_short_front_door():
    size = len(README.read_bytes())
    assert size < 8 * 1024, f"README.md is {size} bytes; keep it under 8 KB"


def test_readme_shows_the_two_set_up_commands_each_in_its_own_block():
    blocks = re.findall(r"^```\w*\n(.*?)^```", section(README.read_text(), "Set up"), re.M | re.S)
    assert [b.strip() for b in blocks] == SET_UP


def test_readme_names_every_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    text = section(README.read_text(), "Dependencies, and why").lower()
    for requirement in wanted:
        name = re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0].lower()
        assert name in text, f"README's 'Dependencies, and why' does not name {name}"


# --- the reference, and every command -------------------------------------------------------


@pytest.mark.slow  # a real process
def test_reference_is_what_the_code_says():
    if shutil.which("git") is None:
        missing("docs/build.py runs git to show 'dprk diff'")
    expected = BUILD["render"]()
    assert (DOCS / "reference.md").read_text(encoding="utf-8") == expected, (
        "docs/reference.md is out of date: run 'python docs/build.py'"
    )


def test_every_command_is_in_the_reference_and_the_guide():
    reference = (DOCS / "reference.md").read_text(encoding="utf-8")
    guide = (DOCS / "guide.md").read_text(encoding="utf-8")
    for name in COMMANDS:
        assert f"### dprk {name}\n" in reference, f"the reference has no section for {name}"
        assert re.search(rf"\bdprk {re.escape(name)}(?![\w-])", guide), (
            f"the guide never shows 'dprk {name}'"
        )


def _anchor(heading: str) -> str:
    """GitHub's anchor for a heading."""
    text = re.sub(r"[`*_]", "", heading.strip().lower())
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^```.*?^```", "", text, flags=re.M | re.S)
    return {_anchor(h) for h in re.findall(r"^#+ (.*)$", text, re.M)}


# Files another change brings (the benchmark results); a link to one is checked once it exists.
PENDING = {ROOT / "benchmarks" / "RESULTS.md"}


def test_links_between_the_documents_lead_somewhere():
    for path in DOCUMENTS:
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"^```.*?^```", "", text, flags=re.M | re.S)
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:", target):
                continue  # a web address
            file, _, anchor = target.partition("#")
            linked = (path.parent / file).resolve() if file else path
            if linked in PENDING and not linked.exists():
                continue
            assert linked.exists(), f"{path.name}: link to missing {target}"
            if anchor and linked.suffix == ".md":
                assert anchor in _anchors(linked), f"{path.name}: no heading for {target}"


def test_docs_python_is_formatted_and_lint_clean():
    for args in (["check"], ["format", "--check"]):
        proc = subprocess.run(
            [sys.executable, "-m", "ruff", *args, "docs"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_python_example_in_operations_runs(tmp_path, monkeypatch):
    """The example in `operations`' docstring, run as written on the bundled example."""
    import textwrap

    from dprk_cli import operations, store
    from tests.conftest import EXAMPLE

    doc = operations.__doc__ or ""
    code = textwrap.dedent(doc[doc.index("    from dprk_cli") :])
    monkeypatch.chdir(tmp_path)
    (tmp_path / "dprk-ledger.toml").write_bytes(EXAMPLE.read_bytes())
    exec(compile(code, "operations example", "exec"), {})
    ledger = store.load(tmp_path / "dprk-ledger.toml")
    added = ledger.index()["close-the-test-site"]
    assert (added.title, added.actor) == ("Close the test site", "DPRK")
