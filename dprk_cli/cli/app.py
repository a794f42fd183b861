"""The `dprk` command: global options, command registration, and how errors end.

Start-up stays light: only Typer and the command modules (which import their
heavy tools inside the command bodies) load before a command runs.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from .. import __version__
from .common import Session

app = typer.Typer(
    name="dprk",
    help=(
        "Track reciprocal measures in a negotiation: who has acted, what is verified, "
        "what each side still owes.\n\n"
        "Example: dprk init --example korea-2018 && dprk status"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"dprk {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    ledger: Annotated[
        Path | None,
        typer.Option(
            "--ledger",
            "-l",
            help="The ledger file (default: $DPRK_LEDGER, else the nearest dprk-ledger.toml).",
            show_default=False,
        ),
    ] = None,
    lock_timeout: Annotated[
        float,
        typer.Option(
            "--lock-timeout",
            help="Seconds to wait for another dprk process to finish writing.",
            min=0,
        ),
    ] = 30.0,
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Show the version and exit.", callback=_version, is_eager=True
        ),
    ] = False,
) -> None:
    ctx.obj = Session(ledger=ledger, lock_timeout=lock_timeout)


def _register() -> None:
    from .commands import interchange, ledger, measures, pictures, reports, sequencing, team

    for module in (ledger, measures, reports, sequencing, interchange, pictures, team):
        module.register(app)


_register()


def main(argv: list[str] | None = None) -> int:
    """Run dprk; every failure ends as one line on standard error and an exit code."""
    from ..errors import EXIT_INTERRUPTED, EXIT_USAGE, DprkError, OutputClosed
    from ..render import error

    args = sys.argv[1:] if argv is None else argv
    _without_pydantic_plugins()
    try:
        command = _command_line(args)
        code = command.main(args=args, prog_name="dprk", standalone_mode=False)
        sys.stdout.flush()
        if code == EXIT_INTERRUPTED:
            sys.stderr.write("dprk: interrupted\n")
        return code if isinstance(code, int) else 0
    except DprkError as exc:
        error(_one_line(exc.message))
        return exc.exit_code
    except typer.TyperException as exc:  # Typer's own usage errors (it vendors click)
        ctx = getattr(exc, "ctx", None)
        if type(exc).__name__ == "NoArgsIsHelpError" and ctx is not None:
            sys.stdout.write(ctx.get_help() + "\n")
            return 0
        where = f" (see 'dprk {ctx.info_name} --help')" if ctx is not None and ctx.parent else ""
        error(_one_line(exc.format_message()).replace("Value error, ", "") + where)
        return exc.exit_code if exc.exit_code else EXIT_USAGE
    except (KeyboardInterrupt, typer.Abort):
        sys.stderr.write("dprk: interrupted\n")
        return EXIT_INTERRUPTED
    except (BrokenPipeError, OutputClosed):
        _quiet_stdout()
        return 0
    except typer.Exit as exc:
        return exc.exit_code
    except UnicodeError as exc:  # invalid UTF-8 read, or text the output cannot encode
        error(_unicode_problem(exc))
        return 1
    except OSError as exc:  # the system refused (disk full, permissions): not a bug
        where = f"{exc.filename}: " if exc.filename else ""
        error(f"{where}{exc.strerror or exc}")
        return 1
    except Exception as exc:  # a bug: one line, and a traceback only when asked for
        if type(exc).__name__ == "ValidationError" and hasattr(exc, "errors"):
            error(_bad_value(exc))  # a model refused a value given on the command line
            return EXIT_USAGE
        if os.environ.get("DPRK_DEBUG", "") not in ("", "0"):
            import traceback

            traceback.print_exc()
        error(
            f"internal error: {type(exc).__name__}: {_one_line(str(exc))} "
            "(run with DPRK_DEBUG=1 for details)"
        )
        return 1


def _without_pydantic_plugins() -> None:
    """Run with pydantic plugins off, without the cost of looking for them.

    Typer turns plugins off while it builds a parser for each option, but pydantic
    still imports its plugin loader to learn that, and the loader imports
    `importlib.metadata` and the email package: a tenth of a small command's
    start-up. dprk wants no plugins in its own validation either. A stand-in
    loader that finds none takes the real one's place; any other name asked of
    it brings the real loader in.
    """
    import types

    name = "pydantic.plugin._loader"
    if name in sys.modules:
        return

    class NoPlugins(types.ModuleType):
        def get_plugins(self) -> tuple[()]:
            return ()

        def __getattr__(self, attribute: str) -> object:
            if attribute.startswith("__"):  # the import system asking what this is
                raise AttributeError(attribute)
            if sys.modules.get(name) is self:
                del sys.modules[name]
            import importlib

            return getattr(importlib.import_module(name), attribute)

    sys.modules[name] = NoPlugins(name)


def _command_line(args: list[str]) -> typer.core.TyperGroup:
    """The click group to run `args`, holding only the command they name.

    Typer builds every command's options on each start-up, which costs more than
    a small command's own work; the other commands matter only to `dprk --help`,
    an unknown command (to suggest one) and shell completion, which get them all.
    """
    everything = app.registered_commands
    names = {_name(info) for info in everything}
    wanted = None
    if not any(key.endswith("_COMPLETE") for key in os.environ):
        wanted = _named_command(args, names)
    if wanted is None:
        return typer.main.get_command(app)  # type: ignore[return-value]
    app.registered_commands = [info for info in everything if _name(info) == wanted]
    try:
        return typer.main.get_command(app)  # type: ignore[return-value]
    finally:
        app.registered_commands = everything


def _name(info: typer.models.CommandInfo) -> str:
    return info.name or (info.callback.__name__ if info.callback else "").replace("_", "-")


def _named_command(args: list[str], names: set[str]) -> str | None:
    """The command `args` run, found as click will: past the root's options and their values."""
    app.registered_commands, saved = [], app.registered_commands
    try:
        root = typer.main.get_command(app)
    finally:
        app.registered_commands = saved
    taking_value = {
        opt
        for param in root.params
        if isinstance(param, typer.core.TyperOption) and not param.is_flag and not param.count
        for opt in param.opts
    }
    rest = iter(args)
    for arg in rest:
        if arg == "--":
            return None
        if arg in taking_value:
            next(rest, None)
        elif not arg.startswith("-"):
            return arg if arg in names else None
    return None


def _one_line(text: str) -> str:
    return " ".join(text.split())


# The argument or option a model field's value comes from, for error messages.
_FIELD_OPTIONS = {
    "id": "--id",
    "title": "TITLE",
    "actor": "--actor",
    "category": "--category",
    "sources": "--source",
    "notes": "--note",
    "note": "--note",
    "by": "--by",
    "method": "--method",
    "evidence": "--evidence",
    "parties": "party name",
    "deadline": "--deadline",
}


def _bad_value(exc: Any) -> str:
    """A value the models refused, named by the option it came from."""
    from ..store.codec import describe_problem

    first = exc.errors(include_url=False)[0]
    loc = [str(part) for part in first.get("loc", ()) if not isinstance(part, int)]
    field = loc[0] if loc else ""
    if getattr(exc, "title", "") == "Ledger" and field == "title":
        option = "--title"
    else:
        option = _FIELD_OPTIONS.get(field) or ".".join(loc) or "value"
    return f"{option}: {describe_problem(first)}"


def _unicode_problem(exc: UnicodeError) -> str:
    if isinstance(exc, UnicodeDecodeError):
        byte = exc.object[exc.start : exc.start + 1].hex() if exc.object else ""
        return f"input is not valid UTF-8 (byte 0x{byte} at offset {exc.start}); dprk reads UTF-8"
    if isinstance(exc, UnicodeEncodeError):
        return (
            f"cannot write this text as {exc.encoding} ({exc.reason}); use a UTF-8 locale "
            "or set PYTHONIOENCODING=utf-8"
        )
    return f"text encoding problem: {exc}"


def _quiet_stdout() -> None:
    """After the reader of a pipe has gone, make the final flush at exit a no-op."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def entry_point() -> None:
    import gc

    # A short-lived process loading a large ledger makes many small objects that
    # are never cyclic garbage: collection passes would only cost time.
    gc.disable()
    code = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_stdout()
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    if sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(code)  # a profiler or coverage tool writes its report at exit
    # Everything is written and closed: leave without tearing down every object one
    # by one, which takes a tenth of a second after loading a large ledger.
    os._exit(code if isinstance(code, int) and 0 <= code <= 255 else 1)
