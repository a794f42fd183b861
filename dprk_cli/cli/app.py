"""The `dprk` command: global options, the commands, and how errors end.

Start-up stays light: the root group knows each command by name (`COMMANDS`)
and imports a command's module only when that command is run, listed in
`--help`, or completed (click's lazily loading group, through Typer's
documented `cls=`). Command modules import only Typer at the top; their
heavy tools load inside the command bodies.
"""

from __future__ import annotations

import functools
import importlib
import os
import re
import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Annotated, Any

import typer
import typer.core

from .. import __version__
from .common import RUNNING, Session

# Every command: its name, the module in `cli/commands` that defines it, and the
# function. The order is the order of `dprk --help`.
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("ledger", "init"),
    "add-party": ("ledger", "add_party"),
    "add-measure": ("measures", "add_measure"),
    "mark": ("measures", "mark"),
    "verify": ("measures", "verify"),
    "note": ("measures", "note"),
    "status": ("reports", "status"),
    "show": ("reports", "show"),
    "log": ("reports", "log"),
    "scorecard": ("reports", "scorecard"),
    "sequence": ("sequencing", "sequence"),
    "next": ("sequencing", "next_steps"),
    "plan": ("sequencing", "plan"),
    "balance": ("sequencing", "balance"),
    "exchanges": ("sequencing", "exchanges"),
    "check": ("sequencing", "check"),
    "edit": ("corrections", "edit"),
    "link": ("corrections", "link"),
    "unlink": ("corrections", "unlink"),
    "rename": ("corrections", "rename"),
    "remove": ("corrections", "remove"),
    "redate": ("corrections", "redate"),
    "renote": ("corrections", "renote"),
    "drop-finding": ("corrections", "drop_finding"),
    "drop-entry": ("corrections", "drop_entry"),
    "edit-ledger": ("ledger", "edit_ledger"),
    "rename-party": ("ledger", "rename_party"),
    "rename-verifier": ("ledger", "rename_verifier"),
    "remove-party": ("ledger", "remove_party"),
    "export": ("interchange", "export"),
    "import": ("interchange", "import_"),
    "undo": ("interchange", "undo"),
    "redo": ("interchange", "redo"),
    "schema": ("interchange", "schema"),
    "timeline": ("pictures", "timeline"),
    "graph": ("pictures", "graph"),
    "report": ("pictures", "report"),
    "git-setup": ("team", "git_setup"),
    "merge-driver": ("team", "merge_driver"),
    "resolve": ("team", "resolve"),
    "diff": ("team", "diff"),
}
CONTEXT = {"help_option_names": ["-h", "--help"]}


def build_command(name: str) -> typer.core.TyperCommand:
    """The click command `name`, made from its function in `cli/commands`."""
    module_name, function_name = COMMANDS[name]
    module = importlib.import_module(f"{__package__}.commands.{module_name}")
    single = typer.Typer(add_completion=False, rich_markup_mode=None, context_settings=CONTEXT)
    single.command(name, cls=_OnceCommand)(getattr(module, function_name))
    command: typer.core.TyperCommand = typer.main.get_command(single)  # type: ignore[assignment]
    command.help = unwrapped_examples(command.help)
    command.short_help = SUMMARIES[name]
    _plain_metavars(name, command)
    _check_values(name, command)
    return command


def unwrapped_examples(text: str | None) -> str | None:
    """A command's help with its examples kept on their lines: Click folds a paragraph
    to the width of the terminal, and an example folded in two is no longer a command
    one can paste (a line beginning '--demanded-by DPRK' runs as a command of its own).
    A paragraph whose first line is '\\b' is left as it is."""
    if text is None:
        return None
    return re.sub(r"(^|\n\n)(Example)", "\\1\b\n\\2", text)


class _OnceCommand(typer.core.TyperCommand):
    """A command that refuses an option given twice where it takes one value: Click
    would keep the last one without a word (`sequence --after b --after c` kept c)."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if not ctx.resilient_parsing:  # (completing a word: nothing is refused)
            _refuse_repeated(self, args)
        return super().parse_args(ctx, args)


def _refuse_repeated(command: Any, args: list[str], *, until_command: bool = False) -> None:
    """Refuse an option of `command` that takes one value, given twice in `args` (up to
    the command's name, `until_command`: the root group's own options come first)."""
    valued: dict[str, str] = {}  # each spelling of an option that takes a value: its name
    once: set[str] = set()  # the names of those that take one
    for param in command.params:
        if param.param_type_name != "option" or getattr(param, "is_flag", False) or param.count:
            continue  # (an argument, a flag or a counter takes no value to repeat)
        long = max(param.opts, key=len)
        valued.update((spelling, long) for spelling in param.opts)
        if not param.multiple:
            once.add(long)
    seen: dict[str, str] = {}
    at = 0
    while at < len(args):
        arg = args[at]
        if arg == "--":
            break
        spelling, given, value = arg.partition("=") if arg.startswith("--") else (arg[:2], "", "")
        if len(arg) > 2 and not arg.startswith("--"):
            given, value = "=", arg[2:]  # (-fjson)
        if until_command and not arg.startswith("-"):
            break  # (the command's name: what follows is the command's)
        name = valued.get(spelling) if arg.startswith("-") else None
        if name is not None:
            if not given:
                at += 1
                value = args[at] if at < len(args) else ""
            if name in once:
                if name in seen:
                    from ..errors import UsageError

                    raise UsageError(
                        f"{name}: given twice ('{seen[name]}' and '{value}'); it takes one value"
                    )
                seen[name] = value
        at += 1


# Every text value given on the command line is checked before the command runs, so
# that a bad one is refused the same way whatever reads it (exit 2, one line): text
# holding control characters or bidirectional overrides, or not valid UTF-8
# (`vocab.text_problem`; a line break or a tab only in a note); an id that cannot be
# one (`rules.id_problem`: it names no measure); and, for what says something (a
# title, a source, a piece of evidence, a verifier, a note, a party), spaces only; and
# for a category, where "" says there is none, spaces only. What says something is
# kept without the spaces around it, as a source typed "S1 " is the source "S1"; but
# for the name of a declared party to rename or remove, taken as the file spells it (a
# hand edit's 'ROK ' beside ROK is reached so; a name no party has names the side it
# names all the same: `rules.party_named`).
_NOT_BLANK = {
    "--title",
    "--source",
    "--add-source",
    "--evidence",
    "--method",
    "--by",
    "--note",
    "--party",
    "--remove-source",
    "--actor",
    "--demanded-by",
}
_NOT_BLANK_ARGUMENTS = {
    ("add-measure", "title"),
    ("note", "text"),
    ("renote", "text"),
    ("add-party", "name"),
    ("rename-party", "old"),
    ("rename-party", "new"),
    ("rename-verifier", "old"),
    ("rename-verifier", "new"),
    ("remove-party", "name"),
}
_AS_SPELT_ARGUMENTS = {("rename-party", "old"), ("remove-party", "name")}
_NONE_OR_TEXT = {"--category", "--notes"}  # "" says none; spaces alone say nothing
# (so of one command: `edit-ledger --note ''` drops the note of the end, as `--notes ''`)
_NONE_OR_TEXT_OF = {("edit-ledger", "--note")}
_LINES = {"--note", "--notes", "--take"}  # (--take: a value of notes may hold them)
_LINES_ARGUMENTS = {("note", "text"), ("renote", "text")}
_ID_OPTIONS = {"--id", "--in-exchange-for", "--after", "--part-of", "--with", "--remove"}
_ID_ARGUMENTS = {"ids", "ident", "other", "new_id"}
# (checked by the command: a note given before the id is told that the id comes first)
_ID_CHECKED_LATER = {("note", "ident")}
_SHOWN: dict[tuple[str, str | None], str] = {
    ("add-party", "name"): "party name",
    ("init", "party"): "party name",
}
_PATHS = {"file", "files", "rev"}  # (a file's name, a git revision: not text dprk keeps)
_FILES = {"file", "files"}  # (a file's name given as text: '-' may say standard input)


def _check_values(name: str, command: typer.core.TyperCommand | typer.core.TyperGroup) -> None:
    for param in command.params:
        long = next((o for o in param.opts if o.startswith("--")), "")
        if param.type.name == "path" or param.name in _FILES:
            # A file's name (--ledger, --output, a merge's versions, what to import):
            # an empty one names none (a path would take it for the current folder).
            shown = (long or param.metavar or str(param.name).upper()).removesuffix("...")
            param.callback = _named_file(shown, param.callback)
            continue
        if param.type.name in ("int", "int range"):
            _whole_numbers_only(param.type)
            if param.name == "number":  # (an entry's: `_entry_arguments_put_right`)
                _keeps_what_was_typed(param)
            continue
        if param.type.name != "str" or param.name in _PATHS:  # (text, not a path or a choice)
            continue
        if isinstance(param, typer.core.TyperArgument):
            shown = _SHOWN.get((name, param.name)) or (
                param.metavar or str(param.name).upper()
            ).removesuffix("...")
            key: tuple[str, str | None] = (name, param.name)
            blank: bool | str = key in _NOT_BLANK_ARGUMENTS
            trim = key not in _AS_SPELT_ARGUMENTS
            lines = key in _LINES_ARGUMENTS
            ident = param.name in _ID_ARGUMENTS and key not in _ID_CHECKED_LATER
        else:
            shown = _SHOWN.get((name, param.name)) or long
            none = long in _NONE_OR_TEXT or (name, long) in _NONE_OR_TEXT_OF
            blank = "none" if none else long in _NOT_BLANK
            lines, ident, trim = long in _LINES, long in _ID_OPTIONS, True
        param.callback = _checked(shown, blank, lines, ident, param.callback, trim=trim)


def _whole_numbers_only(kind: Any) -> None:
    """A number given on the command line (an entry's N, --limit) read only as written in
    digits: Python's own reading also takes '0_4', ' 4' and other scripts' digits ('٤'),
    and an entry taken so would be dropped or redated without a word."""
    convert = kind.convert

    def strict(value: Any, param: Any, ctx: Any) -> Any:
        # (an entry's N, a whole number too: the others may be out of their places)
        if isinstance(value, str) and ctx is not None and getattr(param, "name", "") == "number":
            _entry_arguments_put_right(value, ctx)
        if isinstance(value, str) and not re.fullmatch(r"-?[0-9]+", value):
            kind.fail(f"{value!r} is not a whole number (digits 0-9)", param, ctx)
        return convert(value, param, ctx)

    kind.convert = strict


_TYPED = "dprk.typed"  # (ctx.meta: each argument of the command as typed, by its name)


def _keeps_what_was_typed(param: Any) -> None:
    """Keep, as each of the command's arguments is read in turn, what was typed for every
    one of them (`_TYPED`): a hint made while reading one puts the others right too."""
    handle = param.handle_parse_result

    def handled(ctx: Any, opts: Mapping[str, Any], args: list[str]) -> Any:
        ctx.meta[_TYPED] = dict(opts)
        return handle(ctx, opts, args)

    param.handle_parse_result = handled


_A_DATE = r"\s*[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}\s*"
_A_NUMBER = r"\s*0*[1-9][0-9]*\s*"  # (an entry's number: 1 or more)


def _entry_arguments_put_right(value: str, ctx: Any) -> None:
    """Refuse an entry's arguments given in the wrong places (`redate ID N DATE`,
    `drop-entry ID N`, `drop-finding ID N`), as N (`value`, as typed) is read: a date
    where N goes, the id after N, the date before the id (and, N in its place, the id
    where the date goes; for an entry to drop, its date given before the id). The hint
    is the command put right with what was typed in each place (`_TYPED`); a placeholder
    (ID, N, YYYY-MM-DD) only for a value left out, or not of its kind, and then what
    gives it; the options typed follow it (`_options_typed`), so that, pasted, it loses
    none (a --note). The one home of these hints. Nothing when none of these is so: N no
    whole number, or a date that is none, is then said alone."""
    from ..errors import UsageError
    from ..vocab import ID_PATTERN, shell_word

    names = [p.name for p in ctx.command.params if p.param_type_name == "argument"]
    dated = names[-1] == "new_date"  # (redate ID N DATE; else ID N, and no date after it)
    typed = ctx.meta.get(_TYPED, {})
    given = ctx.params.get("ident")
    ident = given.strip() if isinstance(given, str) else ""
    was = typed.get(names[-1]) if dated else None
    last = was.strip() if isinstance(was, str) else ""
    number = ident if re.fullmatch(r"[0-9]+", ident) else None
    shown = value.strip()
    options = _options_typed(ctx, typed)

    def command(ident: str, number: str, day: str) -> str:
        return f"'dprk {ctx.info_name} {ident} {number}{f' {day}' if dated else ''}{options}'"

    def an_id(text: str) -> bool:  # (of an id's form, and no number or date)
        return bool(re.fullmatch(ID_PATTERN, text)) and not re.fullmatch(r"[0-9-]+", text)

    if re.fullmatch(r"-?[0-9]+", value):  # (N in its place: the date first, the id last)
        if dated and re.fullmatch(_A_DATE, ident) and an_id(last):
            usage = command(shell_word(last), shown, shell_word(ident))
            raise UsageError(
                f"DATE: '{was}' is not a date, and '{given}' a date; if it is the id, the id "
                f"comes first, then N, then the date: {usage}"
            )
        if (
            dated
            and was is None
            and re.fullmatch(_A_DATE, ident)
            and not _names_a_measure(ctx, ident)
        ):
            # (the id left out: the date typed where it goes; one that is an id is missing
            # its date, as click says)
            usage = command("ID", shown, shell_word(ident))
            raise UsageError(f"'{given}' is a date, not a measure's id: {usage}")
        return
    if re.fullmatch(_A_DATE, value):
        if number is not None:  # (N, then the date: the id after them, or left out)
            known = an_id(last)
            usage = command(last if known else "ID", number, shell_word(shown))
            raise UsageError(
                f"N: '{value}' is a date, and '{given}' a number: the measure's id comes first, "
                f"then N: {usage}"
                + ("" if known else " ('dprk status --format ids' lists the ids)")
            )
        of = shell_word(ident) if ident and ident != "-" else "ID"
        log = f" ('dprk log {of}' numbers the entries)"
        if not dated:  # (drop-entry ID N: nothing after it)
            raise UsageError(
                f"N: '{value}' is a date; give the entry's number N: {command(of, 'N', '')}{log}"
            )
        put = last if re.fullmatch(_A_NUMBER, last) else None  # (N after the date)
        usage = command(of, put or "N", shell_word(shown))
        raise UsageError(
            f"N: '{value}' is a date; the entry's number N comes before the date: {usage}"
            + ("" if put else log)
        )
    day = last if re.fullmatch(_A_DATE, last) else None
    if number is not None:  # (N before the id: the date after them, or left out)
        usage = command(shell_word(shown), number, shell_word(day) if day else "YYYY-MM-DD")
        raise UsageError(
            f"N: '{value}' is not a whole number; if it is the id, the id comes first, then "
            f"N: {usage}"
        )
    if dated and re.fullmatch(_A_DATE, ident) and re.fullmatch(ID_PATTERN, shown):
        put = last if re.fullmatch(_A_NUMBER, last) else "N"  # (the date first, then id, N)
        usage = command(shown, put, shell_word(ident))
        raise UsageError(
            f"N: '{value}' is not a whole number, and '{given}' a date; if it is the id, the "
            f"id comes first, then N, then the date: {usage}"
            + ("" if put != "N" else f" ('dprk log {shown}' numbers the entries)")
        )
    if not dated and re.fullmatch(_A_DATE, ident) and an_id(shown):  # (the date, the id)
        raise UsageError(
            f"N: '{value}' is not a whole number, and '{given}' a date; an entry is named by "
            f"the measure's id, then its number N, not by its date: "
            f"{command(shown, 'N', '')} ('dprk log {shown}' numbers the entries)"
        )


def _options_typed(ctx: Any, typed: Mapping[str, Any]) -> str:
    """The command's options in `typed` (`_TYPED`: as typed, in the order typed), each
    with its value as one word of the shell (`shell_word`), a space before each: what a
    hint that puts the command right adds after its arguments."""
    from ..vocab import shell_word

    params = {p.name: p for p in ctx.command.params if p.param_type_name == "option"}
    words = []
    for name, given in typed.items():
        param = params.get(name)
        if param is None:
            continue
        option = max(param.opts, key=len)  # (its long form: '--note')
        for value in given if param.multiple else [given]:
            if param.is_flag:
                words.append(option if value == param.flag_value else param.secondary_opts[0])
            else:
                words.append(f"{option} {shell_word(str(value))}")
    return "".join(f" {w}" for w in words)


def _names_a_measure(ctx: Any, ident: str) -> bool:
    """Whether `ident` is the id of a measure in the command's ledger (False when there is
    none, or it cannot be read: the command would say so), read as the cache holds it."""
    from ..errors import DprkError
    from ..store import find_ledger, snapshot
    from .common import session

    try:
        return ident in snapshot(find_ledger(session(ctx).ledger)).ids
    except (DprkError, OSError):
        return False


def _checked(
    shown: str, blank: bool | str, lines: bool, ident: bool, then: Any, *, trim: bool = True
) -> Any:
    def check(ctx: Any, param: Any, value: Any) -> Any:
        if value is not None and value != param.default:
            value = _as_typed(value)
            given = value if isinstance(value, list | tuple) else [value]
            for each in given:
                problem = _value_problem(each, blank, lines, ident)
                if problem is not None:
                    from ..errors import UsageError

                    if ident and getattr(param, "multiple", False):
                        problem = _ids_joined(shown, each) or problem
                    raise UsageError(f"{shown}: {problem}")
            if blank and trim:  # (text that says something: without the spaces around it)
                value = _trimmed(value)
        return then(ctx, param, value) if then is not None else value

    return check


def _ids_joined(option: str, value: str) -> str | None:
    """For ids given joined by commas to an option given once for each ('--in-exchange-for
    a,b'), each a valid id: that option once for each, as the problem; None otherwise."""
    from ..vocab import id_problem, shell_word

    pieces = [piece.strip() for piece in value.split(",")]
    if len(pieces) < 2 or any(id_problem(piece) is not None for piece in pieces):
        return None
    each = " ".join(f"{option} {shell_word(piece)}" for piece in pieces)
    return f"'{value}' is not one id: give {option} once for each measure: '{each}'"


def _as_typed(value: Any) -> Any:
    """Text as typed: in a locale whose encoding is not UTF-8 (LC_ALL=C without Python's
    UTF-8 mode), the shell passes UTF-8 text on as bytes the locale cannot read, which
    Python keeps as lone surrogates; their bytes, read as UTF-8, are the text typed.
    (Bytes that are not UTF-8 stay as they are, for `vocab.text_problem` to refuse.)"""
    if isinstance(value, list | tuple):
        return type(value)(_as_typed(each) for each in value)
    if not isinstance(value, str) or not any("\udc80" <= ch <= "\udcff" for ch in value):
        return value
    try:
        return os.fsencode(value).decode("utf-8")
    except UnicodeError:
        return value


def _trimmed(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list | tuple):
        return type(value)(each.strip() if isinstance(each, str) else each for each in value)
    return value


_SEPARATORS = tuple({"/", os.sep, os.altsep or "/"})


def _named_file(shown: str, then: Any) -> Any:
    def check(ctx: Any, param: Any, value: Any) -> Any:
        named = value if isinstance(value, list | tuple) else [value]  # (several: import's)
        for each in named if not ctx.resilient_parsing else ():  # (not while completing)
            if not isinstance(each, str):
                continue
            from ..errors import UsageError

            if each == "":
                raise UsageError(f"{shown}: empty path; name a file")
            if each.endswith(_SEPARATORS):  # (a path drops it: 'newdir/' made a file)
                raise UsageError(f"{shown}: '{each}' names a folder; name a file in it")
        return then(ctx, param, value) if then is not None else value

    return check


def _value_problem(value: object, blank: bool | str, lines: bool, ident: bool) -> str | None:
    """What is wrong with a value given on the command line, or None. `blank`: True when
    it must say something, "none" when "" says there is none (spaces alone are refused)."""
    from ..vocab import says_nothing, text_problem

    if not isinstance(value, str):
        return None
    problem = text_problem(value, lines=lines)
    if problem is None and blank == "none" and value and says_nothing(value):
        problem = 'is blank; give some text, or "" for none'
    elif problem is None and blank is True and says_nothing(value):
        problem = "is blank; give some text"
    if problem is None and ident and value != "-":
        from ..vocab import id_problem

        problem = id_problem(value)
    return problem


# What the help shows for a value, in words a reader knows (rather than type names).
_METAVARS = {
    **dict.fromkeys(("--date", "--deadline", "--as-of", "--since", "--until"), "YYYY-MM-DD"),
    **dict.fromkeys(("--id", "--in-exchange-for", "--after", "--part-of"), "ID"),
    **dict.fromkeys(("--actor", "--party", "--demanded-by"), "PARTY"),
    **dict.fromkeys(
        (
            "--title",
            "--category",
            "--source",
            "--add-source",
            "--remove-source",
            "--note",
            "--notes",
            "--method",
            "--evidence",
            "--search",
            "--field",
            "--take",
        ),
        "TEXT",
    ),
    "--ledger": "FILE",
    "--lock-timeout": "SECONDS",
    "--limit": "N",
}
_ARGUMENTS = {"ids": "ID", "ident": "ID", "other": "OTHER", "file": "FILE", "rev": "REV"}


def _plain_metavars(name: str, command: typer.core.TyperCommand) -> None:
    """Name each value in the help as a reader knows it: ID, PARTY, YYYY-MM-DD, TEXT."""
    for param in command.params:
        if param.metavar is not None or getattr(param, "is_flag", False):
            continue
        if isinstance(param, typer.core.TyperArgument):
            plain = _ARGUMENTS.get(param.name or "", (param.name or "").upper())
            param.metavar = f"{plain}..." if param.nargs == -1 else plain
            continue
        long = next((o for o in param.opts if o.startswith("--")), "")
        if name == "verify" and long == "--by":
            param.metavar = "VERIFIER"
        elif long in _METAVARS:
            param.metavar = _METAVARS[long]


class _Commands(Mapping[str, Any]):
    """The group's commands, each built the first time it is asked for."""

    def __init__(self) -> None:
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in COMMANDS:
            raise KeyError(name)
        found = self._built.get(name)
        if found is None:
            found = self._built[name] = build_command(name)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS)


# Each command's line in `dprk --help` (its own help begins with the longer story):
# whole, where Click would cut the docstring's first sentence short with '...'.
SUMMARIES: dict[str, str] = {
    "init": "Create a ledger here or at --ledger: empty, or an example.",
    "add-party": "Declare a party to the talks.",
    "add-measure": "Record a measure a party offers, is asked for, or took.",
    "mark": "Record that a measure changed status.",
    "verify": "Record a verifier's finding on a measure that has acted.",
    "note": "Add a dated note (and a source) to a measure.",
    "status": "Who has acted, what is verified, what each side owes.",
    "show": "All about a measure: links, order, findings, history.",
    "log": "The history of changes, in the order events happened.",
    "scorecard": "How far each side went, scored 0 to 100.",
    "sequence": "Set who moves first: ID after OTHER, or together.",
    "next": "What each side can do now, and what the rest waits for.",
    "plan": "A phased order for what is pending, and the deadlocks.",
    "balance": "What each party is owed and owes, and since when.",
    "exchanges": "Who moved first in each exchange, and the lag in days.",
    "check": "Find problems in the ledger; exit 1 on an error.",
    "edit": "Correct a measure's title, actor, deadline and more.",
    "link": "Record that two measures are exchanged for each other.",
    "unlink": "Drop the exchange link between two measures.",
    "rename": "Give a measure a new id, and every reference to it.",
    "remove": "Remove a measure entered by mistake.",
    "redate": "Correct the date of one entry of a measure's history.",
    "renote": "Reword the note of one entry of a measure's history.",
    "drop-finding": "Drop a verifier's finding entered by mistake.",
    "drop-entry": "Drop a step, note, finding, link, order or edit in error.",
    "edit-ledger": "Change the title, or record the day the talks ended.",
    "rename-party": "Rename a party everywhere, its history too.",
    "rename-verifier": "Correct a verifier's name typed wrong, in every finding.",
    "remove-party": "Remove a declared party that no measure names.",
    "export": "Write the ledger, or measures chosen, as JSON, CSV or TSV.",
    "import": "Add measures from files or standard input.",
    "undo": "Take back the last change dprk made to the ledger.",
    "redo": "Put back the change the last undo took back.",
    "schema": "Print the JSON Schema of the ledger, for editors.",
    "timeline": "Every dated event in order, one lane per party.",
    "graph": "The measures as a graph, for Mermaid or Graphviz.",
    "report": "Write one self-contained HTML page for a briefing.",
    "git-setup": "Make git merge the ledger measure by measure.",
    "merge-driver": "Merge two versions of a ledger (git runs it).",
    "resolve": "Settle a merge conflict: ours, theirs, or a value.",
    "diff": "What changed in the ledger since a git revision.",
}


class LazyGroup(typer.core.TyperGroup):
    """The root group: knows every command's name, builds only those asked for."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = _Commands()  # type: ignore[assignment]
        _check_values("", self)  # (--ledger)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if not ctx.resilient_parsing:  # (--ledger a --ledger b; not while completing)
            args = _shell_apart(args)
            _refuse_repeated(self, args, until_command=True)
            ctx.meta["dprk.line"] = list(args)  # (the line as typed: `_hyphen_left_out`)
        return super().parse_args(ctx, args)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and args[0] not in COMMANDS and not ctx.resilient_parsing:
            _hyphen_left_out(args, ctx.meta.get("dprk.line", args))
        return super().resolve_command(ctx, args)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The list of commands in `--help`, each with its summary (`SUMMARIES`): no
        command is built, nor its module imported, to list them."""
        with formatter.section("Commands"):
            formatter.write_dl([(name, SUMMARIES[name]) for name in COMMANDS])


def _hyphen_left_out(args: list[str], line: list[str]) -> None:
    """Refuse a command named in words where its name joins them with a hyphen ('dprk add
    measure X', 'dprk drop entry'): the command meant, and the line to run (`args`: from
    the unknown name on; `line`: the whole line, dprk's own options first). Nothing for
    a name no command begins with."""
    first, rest = args[0], args[1:]
    from ..errors import UsageError
    from ..vocab import in_prose, shell_word

    joined = f"{first}-{rest[0]}" if rest else ""
    if joined in COMMANDS:
        before = line[: len(line) - len(args)]
        typed = " ".join(shell_word(w) for w in ["dprk", *before, joined, *rest[1:]])
        raise UsageError(f"No such command '{first}'; did you mean {joined}? '{typed}'")
    named = [c for c in COMMANDS if c.startswith(f"{first}-")]
    if named:
        said = in_prose(named, "or")
        raise UsageError(f"No such command '{first}'; did you mean {said}? (see 'dprk --help')")


app = typer.Typer(
    name="dprk",
    cls=LazyGroup,
    help=(
        "Track reciprocal measures in a negotiation: who has acted, what is verified, "
        "what each side still owes.\n\n"
        "Example: dprk init --example korea-2018 && dprk status"
    ),
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    context_settings=CONTEXT,
)


def _version(asked: bool) -> None:
    if asked:
        from ..render import value

        value(f"dprk {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    ledger: Annotated[
        Path | None,
        typer.Option(
            "--ledger",
            "-l",
            metavar="FILE",
            help="The ledger file (default: $DPRK_LEDGER, else the nearest dprk-ledger.toml).",
            show_default=False,
        ),
    ] = None,
    lock_timeout: Annotated[
        float,
        typer.Option(
            "--lock-timeout",
            metavar="SECONDS",
            help="Seconds to wait for another dprk process to finish writing.",
            min=0,
        ),
    ] = 30.0,
    no_pager: Annotated[
        bool,
        typer.Option("--no-pager", help="Print long tables in full, never through a pager."),
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Show the version and exit.", callback=_version, is_eager=True
        ),
    ] = False,
) -> None:
    if lock_timeout != lock_timeout:  # nan (inf waits as long as it takes)
        from ..errors import UsageError

        raise UsageError("--lock-timeout: 'nan' is not a number of seconds")
    if no_pager:
        from ..render import allow_pager

        allow_pager(False)
    ctx.obj = Session(ledger=ledger, lock_timeout=lock_timeout)
    RUNNING.set(ctx.obj)
    from ..render import advise_as

    advise_as("dprk", COMMANDS)  # (the commands a line may advise, by name)
    if ledger is not None:  # (each dprk command a line advises runs on this ledger too)
        from ..vocab import LEDGER_FILENAME, shell_word
        from .common import here

        typed = here(ledger)  # (as found without it: in this folder, $DPRK_LEDGER unset)
        found = typed == LEDGER_FILENAME and not os.environ.get("DPRK_LEDGER")
        advise_as("dprk" if found else f"dprk --ledger {shell_word(typed)}")


READ_ATTEMPTS = 10  # runs of a command whose read the ledger changed under (see `main`)


def _pause_before(attempt: int) -> float:
    """Seconds to wait before running a command again whose read the ledger changed
    under (doubling, at most a tenth of a second): a burst of writes is let through,
    rather than raced, when the machine is busy. About half a second in all."""
    return min(0.1, 0.002 * float(2**attempt))


@functools.cache
def root_command() -> Any:
    """The root group, built once a process (and each command in it, once asked for):
    a program that runs dprk more than once in one process (`main`, as the tests do)
    does not build Click's commands again each time."""
    command = typer.main.get_command(app)
    _completion_options(command)
    return command


def main(argv: list[str] | None = None) -> int:
    """Run dprk; every failure ends as one line on standard error and an exit code."""
    from ..errors import EXIT_INTERRUPTED, EXIT_USAGE, DprkError, LedgerChanged, OutputClosed
    from ..render import (
        after_change,
        closed_exit,
        error,
        flush_output,
        new_command,
        output_started,
        quiet_output,
        said_lacked,
    )

    args = sys.argv[1:] if argv is None else argv
    if sys.stdin is None or sys.stdout is None or sys.stderr is None:
        from ..store.fs import closed_streams_to_null

        closed_streams_to_null()
    if not args:  # `dprk` alone: what it can do
        args = ["--help"]
    try:
        # (refused by every command, as by a write; not by completion, which writes
        # nothing and may show nothing, nor by help or the version)
        if os.environ.get("SOURCE_DATE_EPOCH") and not (
            os.environ.get("_DPRK_COMPLETE") or {"--help", "-h", "--version"} & set(args)
        ):
            from ..clock import now

            now()
        command = root_command()
        RUNNING.set(None)  # (until the top-level callback sets this run's)
        for attempt in range(1, READ_ATTEMPTS + 1):
            new_command()  # (nothing shown yet; tall tables paged until --no-pager)
            try:
                code = command.main(args=args, prog_name="dprk", standalone_mode=False)
                break
            except LedgerChanged:
                # Reads take no lock: another process wrote while this one read. Read
                # again, as the ledger now is, unless something was shown already.
                if attempt == READ_ATTEMPTS or output_started():
                    raise
                time.sleep(_pause_before(attempt))
        flush_output()
        said_lacked()  # (after the output: a table that showed text as '?' says why)
        if code == EXIT_INTERRUPTED:
            from ..render import interrupted

            interrupted()
        return code if isinstance(code, int) else 0
    except DprkError as exc:
        error(_one_line(exc.message))
        return exc.exit_code
    except typer.TyperException as exc:  # Typer's own usage errors (it vendors click)
        ctx = getattr(exc, "ctx", None)
        # (an option missing its value is found before the command's own context is
        # made: the command is then the first word of the line that names one)
        name = ctx.info_name if ctx is not None and ctx.parent else _command_named(args)
        if ctx is not None and ctx.parent is None and getattr(exc, "param", None) is not None:
            name = None  # (a value of dprk's own option, given before the command)
        where = f" (see 'dprk {name} --help')" if name else " (see 'dprk --help')"
        text = _one_line(exc.format_message()).replace("Value error, ", "")
        if getattr(getattr(exc, "param", None), "name", None) == "lock_timeout":
            # (click's words, 'not a valid float range', 'not in the range x>=0')
            given = _value_of("--lock-timeout", args)
            text = f"--lock-timeout: {given} is not a number of seconds (0 or more)"
        elsewhere = (
            _global_after(exc, ctx, name, args)
            or _command_option_before(exc, ctx, args)
            or _as_of_instead(exc, ctx, name)
            or _option_meant(exc, ctx, name, args)
            or _option_of_others(exc, ctx, name)
        )
        if elsewhere is not None:  # (click's guesses among the command's options: none)
            text, where = f"No such option: {getattr(exc, 'option_name', '')}", elsewhere
        meant = _choice_meant(exc)  # (after click's full stop, which it replaces)
        try:
            instead = _a_finding_instead(exc, name, args)
        except DprkError as unknown:  # (advice on an id of no measure: refused as mark is)
            error(_one_line(unknown.message))
            return unknown.exit_code
        instead = instead or _a_result_instead(exc, name)
        text = instead or (text.rstrip(".") + meant if meant else text)
        text = _one_id_noted(exc, name) or text
        error("".join(_ids_first(exc, ctx) or (text, where)))
        return exc.exit_code if exc.exit_code else EXIT_USAGE
    except (KeyboardInterrupt, typer.Abort):
        from ..render import interrupted

        interrupted()
        return EXIT_INTERRUPTED
    except (BrokenPipeError, OutputClosed):
        quiet_output()
        return closed_exit()
    except SystemExit as exc:  # (click's own end, with 1, for a reader gone during --help)
        if isinstance(exc.__context__, BrokenPipeError):
            quiet_output()
            return closed_exit()
        raise
    except typer.Exit as exc:
        return exc.exit_code
    except UnicodeError as exc:  # invalid UTF-8 read, or text the output cannot encode
        error(_unicode_problem(exc))
        return 1
    except OSError as exc:  # the system refused (disk full, permissions): not a bug
        where = f"{exc.filename}: " if exc.filename else ""
        error(after_change(f"{where}{exc.strerror or exc}{_folder_gone(exc)}"))
        return 1
    except Exception as exc:  # a bug: one line, and a traceback only when asked for
        core = sys.modules.get("pydantic_core")
        if core is not None and isinstance(exc, core.ValidationError):
            error(_bad_value(exc, args))  # a model refused a value given on the command line
            return EXIT_USAGE
        if os.environ.get("DPRK_DEBUG", "") not in ("", "0"):
            import traceback

            traceback.print_exc()
        error(
            f"internal error: {type(exc).__name__}: {_one_line(str(exc))} "
            "(run with DPRK_DEBUG=1 for details)"
        )
        return 1


def _a_result_instead(exc: Exception, command: str | None) -> str | None:
    """A status given to `verify --result` that a finding of another result makes a
    measure stand at (`vocab.result_making`: disputed, of a refuted one): the result to
    give. None for any other error."""
    param = getattr(exc, "param", None)
    if getattr(param, "name", None) != "result" or command != "verify":
        return None
    found = re.match(r"'([^']*)' is not one of", str(getattr(exc, "message", "")))
    if found is None:
        return None
    from ..vocab import result_making

    result = result_making(found.group(1))
    if result is None:
        return None
    return (
        f"--result: '{found.group(1).strip()}' is what a {result.value} finding makes a "
        f"measure: use --result {result.value}"
    )


def _a_finding_instead(exc: Exception, command: str | None, args: list[str]) -> str | None:
    """A status given to `mark` or `add-measure --status` that only a verifier's finding
    gives (verified, disputed): what records it instead, with the --date and --note
    given to `mark` (`args`: the command line), which the finding takes as they are, not
    today's. None for any other error."""
    param = getattr(exc, "param", None)
    if getattr(param, "name", None) != "status" or command not in ("mark", "add-measure"):
        return None
    found = re.match(r"'([^']*)' is not one of", str(getattr(exc, "message", "")))
    status = found.group(1).strip().lower() if found else ""
    if status not in ("verified", "disputed"):
        return None
    result = "confirmed" if status == "verified" else "refuted"
    ctx = getattr(exc, "ctx", None)
    ids = getattr(ctx, "params", {}).get("ids") or []
    day = _given_after("--date", command, args) if command == "mark" else None
    # (verify takes several ids as mark does: each one named, and the step first of
    # those that have not acted by the finding's day, dated on or before it, as
    # verify's own refusal has it: an undated step is today's, after the finding)
    named: list[tuple[str, bool]] = [("ID", False)]
    if command == "mark" and ids and "-" not in ids:
        named = [_measure_to_verify(ctx, ident, day) for ident in ids]
    ident = " ".join(word for word, _ in named)
    pending = [word for word, acted in named if not acted]
    kept = ""  # (the day, note and sources of mark's step are the finding's)
    if command == "mark":
        from ..vocab import shell_word

        for option in ("--date", "--note"):
            given = _given_after(option, command, args)
            kept += "" if given is None else f" {option} {shell_word(given)}"
        # (where it is reported: a finding's --evidence, each as given)
        kept += "".join(
            f" --evidence {shell_word(s)}" for s in _all_given("--source", command, args)
        )
    label = "STATUS" if command == "mark" else "--status"
    if command != "mark":
        once = "once it has acted (--status implemented)"
    else:
        who = "it has" if len(named) == 1 else f"{' and '.join(pending)} {_have(pending)}"
        dated = "" if day is None else " --date YYYY-MM-DD"
        before = "" if day is None else f", on or before {shell_word(day)}"
        once = f"once {who} acted ('dprk mark {' '.join(pending)} implemented{dated}'{before})"
    return (
        f"{label}: '{status}' comes only from a verifier's finding: 'dprk verify {ident} --by "
        f"VERIFIER --result {result}{kept}' records one" + (f", {once}" if pending else "")
    )


def _have(words: list[str]) -> str:
    """The verb for the measures `words` names: one has, several have."""
    return "has" if len(words) == 1 else "have"


def _measure_to_verify(ctx: Any, ident: str, day: str | None = None) -> tuple[str, bool]:
    """Measure `ident`, which advice on recording a finding names: its id, for a shell,
    and whether it has acted (no step to advise first): by `day` (YYYY-MM-DD) when one
    is given, as a finding of that day needs. An id of no measure is refused as `mark`
    refuses it, rather than advised a command that fails on it; the id as given where
    the ledger cannot be read (the command would say why)."""
    import datetime as dt

    from ..errors import DprkError
    from ..operations import found_standing
    from ..rules import unknown_id_message
    from ..store import find_ledger, snapshot
    from ..vocab import ACTED, shell_word
    from .common import session

    try:
        read = snapshot(find_ledger(session(ctx).ledger))
        ids = read.ids
        if ident in ids:
            m = read.measures()[ident]
            try:  # (as verify judges the measure on the finding's day)
                then = found_standing(m, dt.date.fromisoformat(day))[0] if day else m
            except ValueError:  # (a day mark itself refuses: as the measure stands)
                then = m
            return shell_word(ident), then is not None and then.status in ACTED
    except (DprkError, OSError):
        return shell_word(ident), False
    raise DprkError(unknown_id_message(ident, ids))


def _folder_gone(exc: OSError) -> str:
    """Why a file named by no path was not found, when it is that the current folder was
    deleted since the shell went into it: what to do then ("" otherwise)."""
    if not isinstance(exc, FileNotFoundError) or exc.filename:
        return ""
    try:
        os.getcwd()
    except FileNotFoundError:
        return (
            ": the current folder no longer exists (deleted since the shell went into "
            "it); cd to a folder that does, or name every file (--ledger, --output...) by "
            "its full path"
        )
    return ""


# The shells whose completion Typer installs and shows; dprk's is tested in the first three.
SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def _completion_options(command: Any) -> None:
    """Make the root's --install-completion and --show-completion take the shell named
    after them ('dprk --install-completion fish'): Typer's read only the shell they were
    run from, and took the word after for a command, unread."""
    for param in command.params:
        if param.name == "install_completion":
            param.callback = _install_completion
            param.help = (
                "Install completion for the current shell, or for the one named after it "
                "(bash, zsh or fish)."
            )
        elif param.name == "show_completion":
            param.callback = _show_completion
            param.help = (
                "Show completion for the current shell (or the one named after it), to "
                "copy it or customize the installation."
            )


def _shell() -> str | None:
    """The shell dprk is run from (as Typer finds it, with shellingham), lower case; None
    when it cannot be told."""
    import shellingham

    try:
        name, _ = shellingham.detect_shell()
    except shellingham.ShellDetectionFailure:
        return None
    return str(name).lower()


COMPLETION_OPTIONS = ("--install-completion", "--show-completion")


def _shell_apart(args: list[str]) -> list[str]:
    """`args` with a shell given to --install-completion or --show-completion after an
    equals sign ('--install-completion=fish', before the command) given as the word after
    it, as `_shell_named` reads it: the two are one."""
    command = _command_named(args)
    end = args.index(command) if command is not None else len(args)
    apart: list[str] = []
    for word in args[:end]:
        option, equals, shell = word.partition("=")
        apart.extend([option, shell] if equals and option in COMPLETION_OPTIONS else [word])
    return apart + args[end:]


def _shell_named(ctx: Any, option: str, value: Any) -> str | None:
    """The shell named after --install-completion or --show-completion (Typer's value,
    when it takes one; else the word after it on the line), or None."""
    from ..errors import UsageError

    if isinstance(value, str):  # (a value of Typer's, in its tests' mode: a Shells)
        return str(getattr(value, "value", value))
    line: list[str] = ctx.meta.get("dprk.line", [])
    after = line[line.index(option) + 1 :] if option in line else []
    if not after or after[0].startswith("-"):
        return None
    if after[0] not in SHELLS:
        raise UsageError(
            f"{option}: '{after[0]}' is not a shell dprk completes; name bash, zsh or "
            "fish, or leave it out for the shell you are in"
        )
    if len(after) > 1:  # (left unread: a second shell, a command)
        raise UsageError(
            f"{option}: '{after[1]}' after {after[0]} is one word too many: name one shell "
            f"('dprk {option} {after[0]}')"
        )
    return after[0]


def _shell_in(option: str) -> str:
    """The shell dprk is run from, for `option` named with no shell."""
    from ..errors import UsageError

    found = None
    if not os.environ.get("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION"):
        found = _shell()
    if found is None:
        raise UsageError(
            f"{option}: cannot tell which shell this is; name it: 'dprk {option} bash' "
            "(or zsh, or fish)"
        )
    return found


def _install_completion(ctx: Any, param: Any, value: Any) -> Any:
    if not value or ctx.resilient_parsing:
        return value
    from .completion import install, refuse_homeless

    named = _shell_named(ctx, "--install-completion", value)
    refuse_homeless(named)
    shell = named or _shell_in("--install-completion")
    path = install(shell, named)
    from ..render import value as said

    said(f"{shell} completion installed in {path}")
    said("Completion will take effect once you restart the terminal")
    raise typer.Exit()


def _show_completion(ctx: Any, param: Any, value: Any) -> Any:
    if not value or ctx.resilient_parsing:
        return value
    shell = _shell_named(ctx, "--show-completion", value) or _shell_in("--show-completion")
    from typer._completion_shared import get_completion_script

    from ..render import Report, emit

    script = get_completion_script(prog_name="dprk", complete_var="_DPRK_COMPLETE", shell=shell)
    emit(Report(document=None, text=script, id_key=None, verbatim=True), "table")
    raise typer.Exit()


def _command_named(args: list[str]) -> str | None:
    """The command a command line runs (its first word naming one, past the global
    options and their values), or None."""
    words = iter(args)
    for word in words:
        if word in ("--ledger", "-l", "--lock-timeout"):
            next(words, None)
        elif word in COMMANDS:
            return word
        elif not word.startswith("-"):
            return None
    return None


def _one_id_noted(exc: Exception, name: str | None) -> str | None:
    """For `note` given more words than an id and its TEXT (two ids, most often: click
    names the last word the extra one): that it takes one id, and how to note several;
    None for any other error."""
    if name != "note" or not str(getattr(exc, "message", "")).startswith("Got unexpected extra"):
        return None
    return (
        "'dprk note' takes one measure id, then TEXT (quoted, if it has spaces); to note "
        "several measures, '-' reads their ids from standard input, one per line: "
        "'... | dprk note - TEXT'"
    )


def _ids_first(exc: Exception, ctx: Any) -> tuple[str, str] | None:
    """For a command whose ids come before another argument (`mark ID... STATUS`), when
    the ids are missing (click takes a lone word for the last argument) or that argument
    was given first: the error and a hint that the ids come first; None else."""
    param = getattr(exc, "param", None)
    if ctx is None or param is None or param.param_type_name != "argument":
        return None
    arguments = [p for p in ctx.command.params if p.param_type_name == "argument"]
    names = [p.name for p in arguments]
    if "ids" not in names or names.index("ids") + 1 >= len(names):
        return None
    then = arguments[names.index("ids") + 1].human_readable_name
    usage = f" (the ids come first, then {then}: 'dprk {ctx.info_name} ID... {then}')"
    if param.name == "ids":
        return f"give the ids and {then}", usage
    choices = [str(c) for c in getattr(param.type, "choices", ())]
    given = ctx.params.get("ids") or ()
    if param.name == arguments[names.index("ids") + 1].name and any(i in choices for i in given):
        return _one_line(exc.format_message()), usage  # type: ignore[attr-defined]
    return None


def _global_after(exc: Any, ctx: Any, name: str | None, args: list[str]) -> str | None:
    """For an option of dprk's own (--ledger, --no-pager...) given after the command,
    which does not take it: where it goes, with the value given (as an option of the
    command given before it is, `_command_option_before`). None for any other error."""
    option = getattr(exc, "option_name", None)
    if not option or ctx is None or ctx.parent is None or not name:
        return None
    root = ctx.find_root().command
    for param in root.params:
        if option in param.opts and not param.is_eager:  # (--version, --help: alone)
            value = ""
            if not getattr(param, "is_flag", False):
                from ..vocab import shell_word

                given = _given_after(option, name, args)
                value = f" {param.metavar or 'VALUE'}" if given is None else f" {shell_word(given)}"
            return (
                f" ({option} is an option of dprk's own: give it before the command, "
                f"'dprk {option}{value} {name} ...')"
            )
    return None


def _given_after(option: str, name: str, args: list[str]) -> str | None:
    """The value given to `option` after the command `name` on the command line
    ('--ledger x.toml', '--ledger=x.toml'); None when none was."""
    return next(iter(_all_given(option, name, args)), None)


def _all_given(option: str, name: str, args: list[str]) -> list[str]:
    """Each value given to `option` after the command `name` on the command line, in
    order (a repeatable option's)."""
    at = args.index(name) if name in args else 0
    found = []
    i = at + 1
    while i < len(args) and args[i] != "--":
        if args[i] == option and i + 1 < len(args):
            found.append(args[i + 1])
            i += 1
        elif args[i].startswith(option + "=") and option.startswith("--"):
            found.append(args[i][len(option) + 1 :])
        i += 1
    return found


def _as_of_instead(exc: Any, ctx: Any, name: str | None) -> str | None:
    """For --as-of given to a command that does not take it (`log`, `check`, ...): what
    it has instead. None for any other error."""
    if getattr(exc, "option_name", None) != "--as-of" or ctx is None or not name:
        return None
    if name == "log":  # (its --until keeps what happened up to that day)
        return f" ('dprk {name}' takes --until DATE: what happened up to the end of that day)"
    return f" ('dprk {name}' reads the ledger as it stands now)"


_DUE = "sets the day it is due by"  # (what --deadline does)

# Options a newcomer guesses, and what does what they mean, per command: the first of
# (commands it holds for, None: any; the command's own option, or its argument named
# in capitals, or another command ('dprk unlink'), given the rest of the line; the
# metavar that option must have to mean it, None: any; what it does) that the command
# has. Click's guess among the command's options goes by spelling ('--party':
# '--part-of'), which misleads, as do the other commands with the option ('link
# --remove': `sequence --remove` drops an order, not a link).
_OPTIONS_MEANT: dict[str, tuple[tuple[tuple[str, ...] | None, str, str | None, str], ...]] = {
    "--party": ((None, "--actor", "PARTY", "names the party that acts"),),
    "--verifier": ((None, "--by", "VERIFIER", "names who verified it"),),
    "--name": (
        (("add-measure",), "TITLE", None, "takes the title as its first argument"),
        (None, "--title", None, "sets the title"),
    ),
    "--title": ((("add-measure",), "TITLE", None, "takes the title as its first argument"),),
    "--actor": ((("status", "next"), "--party", "PARTY", "keeps one party's measures"),),
    "--by": ((("sequence",), "--demanded-by", "PARTY", "names whose demand the order is"),),
    "--remove": ((("link",), "dprk unlink", None, "a link is ended"),),
    "--source": (
        (("verify",), "--evidence", None, "records the report or document the finding rests on"),
        (("edit",), "--add-source", None, "adds a source"),
    ),
    **dict.fromkeys(
        ("--on", "--when"),
        (
            (None, "--date", None, "dates it"),
            (None, "--as-of", None, "reads the ledger as it stood on a day"),
        ),
    ),
    # (click's guess, --date, dates the event, not the day it is due)
    **dict.fromkeys(("--due", "--due-date"), ((None, "--deadline", None, _DUE),)),
    "--until": ((("add-measure", "edit"), "--deadline", None, _DUE),),
}
# An option above given to a command that lacks the option meant, which others take
# ('mark --due', where add-measure and edit set the deadline): the option meant and what
# it does, said with the commands that take it, rather than click's guess.
_MEANT_ELSEWHERE = dict.fromkeys(
    ("--due", "--due-date"), ("--deadline", "the day a measure is due by is set")
)


def _option_meant(exc: Any, ctx: Any, name: str | None, args: list[str]) -> str | None:
    """For an option the command `name` does not take and one of its own does what the
    name says (`add-measure --party`, which is --actor): that option, with the value
    given; or its argument (`add-measure --title X`: the whole line again, X its first
    word after the command, as the shell reads it). None for any other error."""
    option = getattr(exc, "option_name", None)
    if option not in _OPTIONS_MEANT or ctx is None or not name or ctx.parent is None:
        return None
    from ..vocab import shell_word

    given = _given_after(option, name, args)
    for commands, right, metavar, does in _OPTIONS_MEANT[option]:
        if commands is not None and name not in commands:
            continue
        if right.startswith("dprk "):  # (another command, the rest of the line its own)
            line = _line_of_command(option, name, args, right.removeprefix("dprk "))
            return f" ({does} with '{right}': '{line}'; see '{right} --help')"
        for param in ctx.command.params:
            if right.startswith("--") and right in param.opts and metavar in (None, param.metavar):
                value = (param.metavar or "VALUE") if given is None else shell_word(given)
                return (
                    f" ('dprk {name}' {does} with {right}: '{right} {value}'; "
                    f"see 'dprk {name} --help')"
                )
            if param.param_type_name == "argument" and param.name == right.lower():
                line = _line_with_argument(option, name, args, right if given is None else given)
                return f" ('dprk {name}' {does}: '{line}'; see 'dprk {name} --help')"
    if option in _MEANT_ELSEWHERE:
        right, done = _MEANT_ELSEWHERE[option]
        others = _commands_with(ctx, right)
        if others:
            said = " or ".join(f"'dprk {other}'" for other in others)
            return (
                f" ({done} with {right}, an option of {said}, not of 'dprk {name}'; "
                f"see 'dprk {others[-1]} --help')"
            )
    return None


def _commands_with(ctx: Any, option: str) -> list[str]:
    """The commands that take `option`, in the order dprk lists them."""
    root = ctx.find_root()
    return [
        other
        for other in COMMANDS
        if any(
            option in param.opts
            for param in getattr(root.command.get_command(root, other), "params", ())
        )
    ]


def _line_of_command(option: str, name: str, args: list[str], other: str) -> str:
    """The command line `args` with the command `name` replaced by `other`, and the flag
    `option` taken out (its value, given as '--remove=X', kept in its place), for a
    shell."""
    from ..vocab import shell_word

    at = args.index(name) if name in args else 0
    rest = [
        arg.removeprefix(option + "=") if arg.startswith(option + "=") else arg
        for arg in args[at + 1 :]
        if arg != option
    ]
    return "dprk " + " ".join(shell_word(w) for w in [*args[:at], other, *rest])


def _line_with_argument(option: str, name: str, args: list[str], value: str) -> str:
    """The command line `args` with `option` and its value taken out and the value given
    as the first word after the command `name`, for a shell."""
    from ..vocab import shell_word

    at = args.index(name) if name in args else 0
    rest, i = [], at + 1
    while i < len(args):
        if args[i] == option:
            i += 2
            continue
        if not args[i].startswith(option + "="):
            rest.append(args[i])
        i += 1
    words = [*args[: at + 1], value, *rest]
    return "dprk " + " ".join(shell_word(w) for w in words)


def _option_of_others(exc: Any, ctx: Any, name: str | None) -> str | None:
    """For an option the command `name` does not take and other commands do
    ('dprk add-measure --demanded-by', which is `sequence`'s): which ones (click's guess
    among the command's own options misleads there). None for any other error, and for
    an option no command takes."""
    option = getattr(exc, "option_name", None)
    if not option or ctx is None or not name or ctx.parent is None:
        return None
    others = [other for other in _commands_with(ctx, option) if other != name]
    if not others or len(others) > 3:  # (an option of many: the command's help says more)
        return None
    said = " or ".join(f"'dprk {other}'" for other in others)
    return (
        f" ({option} is an option of {said}, not of 'dprk {name}'; see 'dprk {others[0]} --help')"
    )


def _choice_meant(exc: Any) -> str:
    """For a value not among an argument's or option's choices ('implemnted'): the
    choice it is near, as words to end the message with ("" when none is near)."""
    found = re.match(r"'([^']*)' is not one of", str(getattr(exc, "message", "")))
    choices = getattr(getattr(getattr(exc, "param", None), "type", None), "choices", None)
    if found is None or not choices:
        return ""
    from ..vocab import choice_meant

    return choice_meant(found.group(1), map(str, choices))


def _value_of(option: str, args: list[str]) -> str:
    """The value given to `option` on the command line ('--lock-timeout=x' too), quoted."""
    for at, word in enumerate(args):
        if word == option and at + 1 < len(args):
            return repr(args[at + 1])
        if word.startswith(option + "="):
            return repr(word[len(option) + 1 :])
    return "the value"


def _command_option_before(exc: Any, ctx: Any, args: list[str]) -> str | None:
    """For an option of the command given before it ('dprk --format json status'),
    which dprk itself does not take: where it goes. None for any other error."""
    option = getattr(exc, "option_name", None)
    if not option or ctx is None or ctx.parent is not None:
        return None
    at = next((i for i, a in enumerate(args) if a == option or a.startswith(option + "=")), -1)
    if at < 0:
        return None
    name = next((word for word in args[at + 1 :] if word in COMMANDS), None)
    if name is None:
        return None
    from ..vocab import shell_word

    command = ctx.command.get_command(ctx, name)
    for param in getattr(command, "params", ()):
        if option in param.opts:
            given = args[at + 1] if at + 1 < len(args) and args[at + 1] != name else "VALUE"
            if args[at] != option:  # ('--format=json')
                given = args[at][len(option) + 1 :]
            value = "" if getattr(param, "is_flag", False) else f" {shell_word(given)}"
            return (
                f" ({option} is an option of 'dprk {name}': give it after the command, "
                f"'dprk {name} {option}{value} ...')"
            )
    return None


def _one_line(text: str) -> str:
    """A message on one line: each line break, and the spaces around it, one space (the
    spaces inside a line are kept: a value quoted in it reads as it was typed)."""
    return " ".join(line.strip() for line in text.strip().splitlines() if line.strip())


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


def _bad_value(exc: Any, args: list[str]) -> str:
    """A value the models refused, named by the option it came from."""
    from ..model import describe_problem

    first = exc.errors(include_url=False)[0]
    loc = [str(part) for part in first.get("loc", ()) if not isinstance(part, int)]
    field = loc[0] if loc else ""
    if field == "title" and (getattr(exc, "title", "") == "Ledger" or "--title" in args):
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


def entry_point() -> None:
    import gc
    import signal

    from ..errors import EXIT_INTERRUPTED
    from ..render import take_interrupt, was_interrupted

    # A short-lived process loading a large ledger makes many small objects that
    # are never cyclic garbage: collection passes would only cost time.
    gc.disable()

    def on_interrupt(signum: int, frame: object) -> None:
        take_interrupt()  # (known, whatever a library makes of the KeyboardInterrupt)
        raise KeyboardInterrupt

    def unraisable(hook: Any) -> None:  # (an interrupt a finalizer could not raise)
        if not was_interrupted():
            sys.__unraisablehook__(hook)

    signal.signal(signal.SIGINT, on_interrupt)
    sys.unraisablehook = unraisable
    code = main()
    from ..errors import OutputClosed
    from ..render import after_change, error, flush_output, interrupted, quiet_output

    if was_interrupted() and code != 0:  # (whatever error it was made into)
        interrupted()
        code = EXIT_INTERRUPTED
    status = code if isinstance(code, int) and 0 <= code <= 255 else 1
    try:
        flush_output()
    except OutputClosed:
        quiet_output()
    except (OSError, ValueError) as exc:  # (a full disk under a redirection)
        reason = getattr(exc, "strerror", None) or str(exc)
        error(after_change(f"cannot write the output: {reason}"))
        status = status or 1
    # Everything the command made (ten thousand nodes, a plan) would be freed object
    # by object as the interpreter tears down, a tenth of an analysis's time: once
    # the output is out (standard error is written a whole line at a time), the
    # process ends at once. It holds no other buffered file, and registers nothing
    # to run at exit.
    os._exit(status)
