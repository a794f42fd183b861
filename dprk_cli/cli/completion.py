"""Installing shell completion: each shell's script, and the lines its start-up file
needs to load it, written all or nothing (`store.fs.write_together`)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from ..errors import DprkError, UsageError

# zsh loads the functions in ~/.zfunc, and the menu style, as Typer installs them.
ZSH_LINES = ("fpath+=~/.zfunc; autoload -Uz compinit; compinit",)
ZSH_STYLE = "zstyle ':completion:*' menu select"


def yourself(shell: str | None) -> str:
    """How to go on without the install: the script of the shell it was for (`shell`, as
    named on the command line; None: the one it is run from, which the advice shows)."""
    named = f" {shell}" if shell else ""
    return f"print the script with 'dprk --show-completion{named}' and install it yourself"


def refuse_homeless(shell: str | None) -> None:
    """Refuse to install where HOME names no folder to install in: set empty (or
    relative), the shell's start-up file was written at the root of the disk; a file,
    the install failed on "File exists"; a path that does not exist, it was made, with
    every folder above it."""
    home = os.environ.get("HOME")
    if home is None:
        return
    if not os.path.isabs(home):
        said = "is empty" if not home else f"is '{home}', not a full path"
    elif os.path.isdir(home):
        return
    elif os.path.exists(home):
        said = f"is '{home}', a file, not a folder"
    else:
        said = f"is '{home}', which does not exist"
    raise UsageError(
        f"--install-completion: HOME {said}: set it to your home folder, or {yourself(shell)}"
    )


def install(shell: str, named: str | None) -> Path:
    """Install completion for `shell` under HOME (bash, zsh, fish; powershell as Typer
    does it): the script first, then the line of the start-up file that loads it, all
    or nothing. `named`: the shell as the command line named it, if it did. The script's
    path."""
    from typer._completion_shared import get_completion_script

    from ..store.fs import NotWritten, write_together

    home = Path.home()
    if shell not in ("bash", "zsh", "fish"):
        from typer._completion_shared import install as typer_install

        try:
            return typer_install(shell=shell, prog_name="dprk")[1]
        except OSError as exc:
            raise DprkError(not_installed(exc, [], named)) from None
    script = get_completion_script(prog_name="dprk", complete_var="_DPRK_COMPLETE", shell=shell)
    changes: list[tuple[Path, Callable[[str | None], str | None]]] = []
    if shell == "bash":
        target = home / ".bash_completions" / "dprk.sh"
        changes = [(target, lambda _: f"{script}\n")]
        changes.append((home / ".bashrc", lambda old: _with_lines(old, [f"source '{target}'"])))
    elif shell == "zsh":
        target = home / ".zfunc" / "_dprk"
        changes = [(target, lambda _: f"{script}\n"), (home / ".zshrc", _zshrc)]
    else:
        target = home / ".config" / "fish" / "completions" / "dprk.fish"
        changes = [(target, lambda _: f"{script}\n")]
    try:
        write_together(changes)
    except NotWritten as exc:
        raise DprkError(not_installed(exc.cause, exc.left, named)) from None
    return target


def _with_lines(text: str | None, lines: list[str]) -> str | None:
    """`text` (a start-up file's) with each of `lines` it does not hold added at its end
    (None: it holds them all)."""
    missing = [line for line in lines if line not in (text or "")]
    if not missing:
        return text
    start = text or ""
    if start and not start.endswith("\n"):
        start += "\n"
    return start + "".join(f"{line}\n" for line in missing)


def _zshrc(text: str | None) -> str | None:
    """~/.zshrc with what loads ~/.zfunc, and the menu style unless it sets a style."""
    styled = "zstyle" in (text or "")
    return _with_lines(text, [*ZSH_LINES, *([] if styled else [ZSH_STYLE])])


def not_installed(cause: Exception, left: list[str], shell: str | None) -> str:
    """Why completion could not be installed, what of it could not be taken back
    (`left`), and how to go on. A file where a folder goes (which the system calls "File
    exists", or "Not a directory") is named as such."""
    from ..vocab import in_prose

    still = f"; left behind, as it could not be taken back: {in_prose(left)}" if left else ""
    if isinstance(cause, FileExistsError | NotADirectoryError) and cause.filename:
        path = os.fsdecode(cause.filename)
        while not os.path.lexists(path) and os.path.dirname(path) != path:
            path = os.path.dirname(path)  # (the nearest that exists, on the way to it)
        if os.path.lexists(path) and not os.path.isdir(path):
            return (
                f"--install-completion: {path} is a file, where a folder is needed{still}: "
                f"move it aside, or {yourself(shell)}"
            )
    if isinstance(cause, DprkError):
        return f"--install-completion: {cause.message}{still}; {yourself(shell)}"
    where = (
        f"{os.fsdecode(cause.filename)}: " if isinstance(cause, OSError) and cause.filename else ""
    )
    text = cause.strerror if isinstance(cause, OSError) and cause.strerror else str(cause)
    return f"--install-completion: {where}{text}{still}; {yourself(shell)}"
