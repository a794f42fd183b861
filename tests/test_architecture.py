"""The layers hold: each module imports only from its own layer or the ones below it,
command modules do not import each other, only the store touches files and only the
renderer writes output. Read from the source (every import, also inside functions)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "dprk_cli"
# Lowest first: a module may import from its own layer and the layers before it.
LAYERS = [
    "plain",
    "errors",
    "vocab",
    "clock",
    "model",
    "lifecycle",
    "changes",
    "facts",
    "shapes",
    "rules",
    "draft",
    "operations",
    "store",
    "analysis",
    "render",
    "cli",
]


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def layer_of(path: Path) -> str | None:
    """The layer of a module of the package (None: the package root's own files)."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    name = parts[0]
    return name if name in LAYERS else None


def dotted(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> list[tuple[int, str]]:
    """Every module of the package `path` imports, as dotted names, with the line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = dotted(path) if path.name == "__init__.py" else dotted(path).rsplit(".", 1)[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if node.module is None or node.level and not node.module:
                found.extend((node.lineno, f"{module}.{alias.name}") for alias in node.names)
            else:
                found.append((node.lineno, module))
    return [(line, name) for line, name in found if name.startswith("dprk_cli")]


def target_layer(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_point_down(path):
    own = layer_of(path)
    if own is None:
        return  # dprk_cli/__init__.py and __main__.py stand outside the layers
    rank = LAYERS.index(own)
    wrong = [
        f"line {line}: {name}"
        for line, name in imports_of(path)
        if (target := target_layer(name)) is not None and LAYERS.index(target) > rank
    ]
    assert not wrong, f"{own} imports from a higher layer: {wrong}"


def test_command_modules_do_not_import_each_other():
    commands = PACKAGE / "cli" / "commands"
    names = {p.stem for p in commands.glob("*.py") if p.stem != "__init__"}
    for path in commands.glob("*.py"):
        for line, name in imports_of(path):
            other = name.split(".")[3] if name.startswith("dprk_cli.cli.commands.") else None
            assert other not in names or other == path.stem, f"{path.name}:{line} imports {name}"


# Calls that reach the file system (bare `open`, the os module's, a path's own methods).
FILE_CALLS = {"open", "os.open", "os.replace", "os.unlink", "os.remove", "os.rename", "io.open"}
PATH_METHODS = {"read_bytes", "read_text", "write_bytes", "write_text", "mkdir", "touch"}
OUTPUT = {"print"}
# The renderer sends standard output to /dev/null once its reader has gone: output, not files.
ALLOWED = {("render/__init__.py", "os.open")}


def _calls(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name):
                found.append((node.lineno, func.id))
            elif isinstance(func, ast.Attribute):
                owner = ast.unparse(func.value)
                found.append((node.lineno, f"{owner}.{func.attr}"))
    return found


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_only_the_store_touches_files(path):
    if layer_of(path) == "store":
        return
    where = str(path.relative_to(PACKAGE))
    touching = [
        f"line {line}: {call}"
        for line, call in _calls(path)
        if (call in FILE_CALLS or call.rsplit(".", 1)[-1] in PATH_METHODS)
        and (where, call) not in ALLOWED
    ]
    assert not touching, touching


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_only_the_renderer_writes_output(path):
    if layer_of(path) == "render":
        return
    writing = [
        f"line {line}: {call}"
        for line, call in _calls(path)
        if call in OUTPUT or call.startswith(("sys.stdout.", "sys.stderr.", "typer.echo"))
    ]
    assert not writing, writing
