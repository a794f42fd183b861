"""Errors a user can see, and the exit codes they end with.

Every failure that reaches the command line is a `DprkError`: one line of
text and an exit code. The command line prints it as `dprk: error: ...`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from .plain import commas_and_more, named_first

T = TypeVar("T")

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_LOCKED = 75
EXIT_INTERRUPTED = 130


class DprkError(Exception):
    """A failure explained in one line; `exit_code` says how the process ends."""

    exit_code = EXIT_ERROR

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code


class UsageError(DprkError):
    """The command was called wrongly: a value that is not a date, an id, a status...
    (an id or a party the ledger does not know is a `DprkError`: exit 1)."""

    exit_code = EXIT_USAGE


class LedgerError(DprkError):
    """The ledger file cannot be found, read, parsed or written."""


class LedgerUnreadable(LedgerError):
    """The ledger file was read, but what it holds is no ledger dprk can read: no UTF-8
    text, a TOML syntax error, a value the format refuses... `problems` holds every one
    found, each `(check, measure, text)`: the check that names it (`FILE`: the file
    itself; `FIELDS`: a value the models refuse), the measure's id (None: the ledger's
    own, or a measure with no id to name it by, which `text` then names) and the problem
    in words. Its message is the first problem, and how many more there are; `dprk
    check` lists them all (`listed`: the message says so)."""

    def __init__(
        self,
        label: str,
        problems: list[tuple[str, str | None, str]],
        first: str | None = None,  # the first problem in one line (its measure named)
        *,
        listed: bool = False,
    ) -> None:
        if first is None:
            _, measure, text = problems[0]
            first = text if measure is None else f"measure '{measure}': {text}"
        said = f" (and {more_problems(len(problems) - 1)}" if len(problems) > 1 else ""
        if said:
            said += ": 'dprk check' lists them)" if listed else ")"
        super().__init__(f"{label}: {first}{said}")
        self.label = label
        self.problems = problems
        self.first = first

    @classmethod
    def of_file(cls, label: str, text: str) -> LedgerUnreadable:
        """The file itself is no ledger (`text`: why, and how to mend it)."""
        return cls(label, [(FILE, None, text)])

    def listed(self) -> LedgerUnreadable:
        """The same problems, the message saying that `dprk check` lists them all (for
        the ledger a command was run on: another file read, `check` checks none)."""
        return LedgerUnreadable(self.label, self.problems, self.first, listed=True)


class LedgerNotRead(LedgerError):
    """No ledger's file could be opened to read: none found, no such file, a folder, a
    device, no permission to read it. `label` names the file (None: none was found) and
    `text` says what is wrong with it, as the message does after the label; `dprk
    check` lists it as a problem of the file (`FILE`), as it lists a `LedgerUnreadable`."""

    def __init__(self, label: str | None, text: str) -> None:
        super().__init__(text if label is None else f"{label}: {text}")
        self.label = label
        self.text = text


FILE = "file"  # the check of a file that is no ledger dprk can read (`LedgerUnreadable`)
FIELDS = "fields"  # the check of the values in it the format refuses


class LedgerChanged(LedgerError):
    """Another process changed the ledger while this one read it (reads take no lock):
    the command is run again on the ledger as it now is, unless it has shown something."""

    UNWRITTEN = "nothing was written; run the command again"

    def unwritten(self) -> LedgerChanged:
        """The same, for a change that it stopped: saying that nothing was written, and
        what to do, should the last run give up."""
        if self.message.endswith(self.UNWRITTEN):
            return self
        return LedgerChanged(f"{self.message}; {self.UNWRITTEN}")


class LedgerLocked(DprkError):
    """Another dprk process holds the ledger's lock."""

    exit_code = EXIT_LOCKED


class OutputClosed(Exception):
    """The reader of standard output went away (`dprk log | head -1`): end quietly."""


_PROBLEMS_NAMED = 10  # (a refusal's problems named after the first; the rest counted)
_ROOM = 1000  # (the characters the problems after the first may take, each given whole)


def also_named(first: str, others: Sequence[str]) -> str:
    """A refusal of several problems: the `first` in full, then each of the `others`
    whole, as many as fit in `_ROOM` characters (the first of them always), at most ten
    (eleven, where one alone would be left: `named_first`), the rest counted, so that
    one run names all there is to mend (a write refused wrote nothing: no `check` could
    list them after). A problem is never cut: cut, it lost its advice, or an id in the
    middle. The one home of these words, for a change refused and an import's record
    alike."""
    if not others:
        return first
    shown: list[str] = []
    room = _ROOM
    for other in named_first(others, _PROBLEMS_NAMED):
        if shown and len(other) > room:
            break
        shown.append(other)
        room -= len(other) + 2  # (and its '; ')
    if len(others) > len(shown):
        shown.append(f"and {more_problems(len(others) - len(shown))}")
    return f"{first}; also {'; '.join(shown)}"


def more_problems(count: int) -> str:
    """'1 more problem', '3 more problems': the problems a message counts after those it
    says. A problem is a sentence, longer than its count: one left over is counted too
    where it is not said (it did not fit: `also_named`; or a message says one problem
    and `dprk check` the others: `LedgerUnreadable`)."""
    return f"{count} more problem{'s' if count > 1 else ''}"


def each_checked(rows: Iterable[T], where: Callable[[T], str], check: Callable[[T], None]) -> None:
    """`check` each of an import's `rows`, every one, then refuse those it refused at once
    (`_rows_refused`; `where` names a row: 'row 2')."""
    refused = []
    for row in rows:
        try:
            check(row)
        except DprkError as exc:
            refused.append((where(row), exc))
    if refused:
        raise _rows_refused(refused)


def _rows_refused(refused: list[tuple[str, DprkError]]) -> DprkError:
    """The error of an import some of whose rows are refused: the first one's, and where
    the others are ('row 2' or 'line 2' each), so that one run names every row to mend."""
    first = refused[0][1]
    others = [place for place, _ in refused[1:]]
    if not others:
        return first
    shown = commas_and_more(others, 10)
    verb = "is" if len(others) == 1 else "are"
    return DprkError(f"{first.message}; {shown} {verb} refused too", first.exit_code)
