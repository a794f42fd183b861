"""What the commands share: the session (which ledger, lock timeout), ids from
standard input, date parsing, and the output-format option.

Kept light: imported at start-up by every command module.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Container, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar, cast

import typer

from ..errors import DprkError, LedgerError, LedgerLocked, LedgerUnreadable, UsageError
from ..plain import Plain, named_first
from ..vocab import CREATED, Status

if TYPE_CHECKING:  # (only for the annotations: nothing heavy loads at start-up)
    from ..analysis.overview import Overview
    from ..analysis.sequencing import Deadlock
    from ..analysis.status import Filters as MeasureFilters
    from ..analysis.whatif import Assumption
    from ..draft import Draft
    from ..facts import Node, Nodes
    from ..model import Ledger, Measure, MeasureIndex
    from ..rules import Problem
    from ..store.journal import LetGo
    from ..store.snapshots import Snapshot
else:
    MeasureFilters = object  # what a @measure_filters command receives as `filters`

__all__ = ["MeasureFilters"]

T = TypeVar("T")  # (commands annotate their `filters` parameter with it)


class Format(StrEnum):
    """Output formats of the reporting commands."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"
    markdown = "markdown"
    ids = "ids"


FormatOption = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        help="Output: table (for people), json, jsonl, csv, tsv, markdown, or ids (one per line).",
        case_sensitive=False,
    ),
]


# The output formats of a report with no measure rows (`scorecard`): Format's, but ids
# (its members made from Format's, which mypy cannot follow).
TableFormat = StrEnum(  # type: ignore[misc]
    "TableFormat", {f.name: f.value for f in Format if f is not Format.ids}
)


TableFormatOption = Annotated[
    TableFormat,
    typer.Option(
        "--format",
        "-f",
        help="Output: table (for people), json, jsonl, csv, tsv, or markdown.",
        case_sensitive=False,
    ),
]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        help="When it happened (YYYY-MM-DD, not after today); default today.",
        show_default=False,
    ),
]


def _date_given_again(what: str) -> Any:
    """The --date of a command whose repeat, undated, changes nothing (`sequence`, `link`:
    the `dated` of `operations.sequence` and `operations.link`), as its help says."""
    return typer.Option(
        "--date",
        help="When it happened (YYYY-MM-DD, not after today); default today, but "
        f"{what} that stands, given again without --date, is left as it is (nothing "
        "changed); with a later --date it is recorded as it stands.",
        show_default=False,
    )


OrderDateOption = Annotated[str | None, _date_given_again("an order")]
LinkDateOption = Annotated[str | None, _date_given_again("a link")]
NoteOption = Annotated[
    str | None, typer.Option("--note", help="A note, kept with this entry of the history.")
]
# (a correction's note: the entry corrected is moved or dropped, not annotated; the note
# is the correction's own, of the day it was made)
CorrectionNoteOption = Annotated[
    str | None,
    typer.Option(
        "--note",
        help="A note, kept with the correction entry this records (dated today), not with "
        "the entry it corrects.",
    ),
]
# (a drop's note says why the entry went: the correction's words, 'X dropped: NOTE')
DropNoteOption = Annotated[
    str | None,
    typer.Option(
        "--note",
        help="Why it is dropped, in the words of the correction entry this records (dated "
        "today): 'dropped: TEXT', where without one they say 'entered by mistake' ('a "
        "finding entered by mistake', of a finding).",
    ),
]


def _past_day(ctx: typer.Context, value: str | None) -> str | None:
    """An --as-of day, checked when the command line is read: a date, not after today
    (the ledger records what has happened; a deadline ahead is judged by today's view).
    Without one, a view stands at the end of today all the same (`Session.held_back`)."""
    if value is None:  # (not while a shell completes the command line)
        if ctx.resilient_parsing:
            return None
        s = session(ctx)
        return _viewed_on(s, s.ended() or s.held_back())
    return _past_day_as_given(ctx, value)


def _viewed_on(s: Session, day: str | None) -> str | None:
    """`day`, the one a view stands on (--as-of, or that of the talks' end), kept for the
    party options to read a name by (`require_party`: the name a party had that day)."""
    s.viewed_on = parse_date(day, "--as-of")
    return day


def _past_day_as_given(ctx: typer.Context, value: str | None) -> str | None:
    """An --as-of day, checked as `_past_day` checks one; without one, the ledger as it
    stands (`show`: an entry a teammate a time zone ahead dated after today, listed at
    once)."""
    if value is None:  # (talks that ended: as of their end, as every view)
        return None if ctx.resilient_parsing else _viewed_on(session(ctx), session(ctx).ended())
    from ..clock import today

    day = parse_date(value, "--as-of")
    now = today()
    if day is not None and day > now:
        raise UsageError(
            f"--as-of: {value} is after today ({now}); the ledger stands as of today at the latest"
        )
    if ctx.resilient_parsing:
        return value
    s = session(ctx)
    if day is not None:  # (talks that ended by then: the end is on record, as an event)
        s.ended_by(day.isoformat())
    return _viewed_on(s, value)


# A long table's own switch (as `dprk --no-pager`): the commands whose tables grow with
# the ledger take it after their name too.
NoPagerOption = Annotated[
    bool,
    typer.Option("--no-pager", help="In a terminal, print a long table in full, unpaged."),
]

_AS_OF_HELP = (
    "Answer as the ledger stood at the end of this day (YYYY-MM-DD, not after today), from "
    "the history."
)
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of", metavar="<date>", help=_AS_OF_HELP, show_default=False, callback=_past_day
    ),
]
# (`show`: without a day, the history as it stands, not held back at the end of today;
# its state, fields and flags are today's, as `status` reads them: `reports.show`)
ShownAsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="<date>",
        help=_AS_OF_HELP,
        show_default=False,
        callback=_past_day_as_given,
    ),
]


AssumeOption = Annotated[
    list[str] | None,
    typer.Option(
        "--assume",
        metavar="ID=STATUS[:EXTENT]",
        help="Answer as if this measure stood so (repeatable); nothing is written.",
        show_default=False,
    ),
]


def assumed(
    s: Session, ledger: Nodes, values: list[str] | None, day: date
) -> tuple[Nodes, list[str]]:
    """The ledger as if each --assume held from `day`, and the assumptions as text.
    The ids the ledger of `day` does not hold are refused in one line, as `show --as-of`
    refuses them (`Session.require`: made after `day`, or no measure as every command
    names one), asked of the measures, which the nodes cannot tell."""
    if not values:
        return ledger, []
    from ..analysis.whatif import assume, parse_assumptions

    assumptions = parse_assumptions(values)
    known = ledger.index()
    s.require([a.id for a in assumptions], known, day, option="--assume")
    changed = assume(ledger, assumptions, day)
    said_idle(known, assumptions, day)
    return changed, [a.text for a in assumptions]


def said_idle(nodes: Mapping[str, Node], assumptions: list[Assumption], day: date) -> None:
    """Warn of each --assume that changes nothing (`whatif.changing_nothing`): every
    command taking --assume, as it reads them (`assumed`, `derived.plan_assuming`)."""
    from ..analysis.whatif import changing_nothing
    from ..render import warning

    for line in changing_nothing(nodes, assumptions, day):
        warning(line)


def _root_ledger(ctx: typer.Context) -> Path | None:
    """The --ledger given on the command line being completed, if any."""
    value = ctx.find_root().params.get("ledger")
    return Path(value) if value else None


def _completion_snapshot(ctx: typer.Context) -> Any:
    """The ledger of the command line being completed, as the cache holds it (no model
    is made): `--ledger ~/talks.toml` as the shell will expand it when the command runs."""
    from ..store import find_ledger, snapshot

    given = _root_ledger(ctx)
    if given is not None:
        given = Path(os.path.expandvars(os.path.expanduser(str(given))))
    return snapshot(find_ledger(given))


def complete_id(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion: measure ids from the ledger (nothing, quietly, when there is none)."""
    try:
        ids = _completion_snapshot(ctx).ids
        return [i for i in dict.fromkeys(ids) if i.startswith(incomplete)]
    except Exception:  # completion must never raise or print
        return []


def complete_id_or_status(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion for `mark IDS... STATUS`: ids, and, once an id is given, the
    statuses a mark sets (the shell cannot tell the last id from the status); nothing
    once the status is given ('-' reads the ids from standard input: then the status)."""
    from ..vocab import MarkStatus

    typed = _words_typed(ctx)
    statuses = [s.value for s in MarkStatus]
    if typed and typed[-1].lower() in statuses:
        return []
    found = [] if "-" in typed else complete_id(ctx, incomplete)
    if typed:
        found += [s for s in statuses if s.startswith(incomplete.lower())]
    return found


def _words_typed(ctx: typer.Context) -> list[str]:
    """The words the command line being completed gives the command's arguments before
    the word completed, its options and their values left out. (Click gives the last
    word typed to the status, the ones before to the ids, and an id is no status: read
    from the line the shell hands over.)"""
    import shlex

    line = os.environ.get("COMP_WORDS") or os.environ.get("_TYPER_COMPLETE_ARGS") or ""
    try:
        words = shlex.split(line)
    except ValueError:
        return list(ctx.params.get("ids") or [])
    if "COMP_CWORD" in os.environ:  # (bash: the words before the one completed)
        words = words[: int(os.environ["COMP_CWORD"] or 0)]
    elif line and not line[-1].isspace():  # (zsh, fish: the last word is the one completed)
        words = words[:-1]
    at = words.index(ctx.info_name) if ctx.info_name in words else len(words)
    rest = iter(words[at + 1 :])
    found = []
    for word in rest:
        if word.startswith("-") and word != "-":
            if "=" not in word:
                next(rest, None)  # (its value)
            continue
        found.append(word)
    return found


def complete_party(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion: declared party names from the ledger (its header). Bash puts
    what it is given on the line as it is: a name with a space or a quote is given as
    the shell reads it back ('North\\ Korea')."""
    try:
        parties = _completion_snapshot(ctx).index.header.get("parties", [])
        found = [p for p in parties if p.startswith(incomplete)]
    except Exception:  # completion must never raise or print
        return []
    if os.environ.get("_DPRK_COMPLETE") == "complete_bash":
        return [
            "".join("\\" + c if c in _BASH_SPECIAL or c.isspace() else c for c in p) for p in found
        ]
    return found


_BASH_SPECIAL = frozenset("'\"\\$`!&;|<>()*?[]{}~#")


IdsArgument = Annotated[
    list[str],
    typer.Argument(
        help="Measure ids; '-' reads ids from standard input, one per line.",
        autocompletion=complete_id,
    ),
]
MarkIdsArgument = Annotated[  # (`mark`: the ids, then the status, completed both)
    list[str],
    typer.Argument(
        help="Measure ids; '-' reads ids from standard input, one per line.",
        autocompletion=complete_id_or_status,
    ),
]

# The shared measure filters: one definition, used by every command that lists
# measures through `@measure_filters`. Help texts are the documentation.
_FILTER_OPTIONS: dict[str, Any] = {
    "party": Annotated[
        list[str] | None,
        typer.Option(
            "--party",
            help="Only this party's measures (repeat for several).",
            autocompletion=complete_party,
            show_default=False,
        ),
    ],
    "status": Annotated[
        list[Status] | None,
        typer.Option(
            "--status",
            help="Only measures with this status (repeat for several): proposed, agreed, "
            "implemented, verified, disputed, reversed, withdrawn, rejected.",
            metavar="<status>",
            case_sensitive=False,
            show_default=False,
        ),
    ],
    "category": Annotated[
        list[str] | None,
        typer.Option(
            "--category",
            help=(
                "Only this category (any case or accents, with or without spaces, hyphens "
                "or other signs between its words, as a party's name; repeat for several)."
            ),
            show_default=False,
        ),
    ],
    "pending": Annotated[
        bool, typer.Option("--pending", help="Only measures not yet acted (proposed or agreed).")
    ],
    "acted": Annotated[
        bool,
        typer.Option(
            "--acted", help="Only measures that have acted (implemented, verified, disputed)."
        ),
    ],
    "unverified": Annotated[
        bool,
        typer.Option(
            "--unverified",
            help="Only acted measures with no verifier's finding of any kind since they "
            "last acted (a finding on an earlier extent, or before a reversal, does not "
            "count; a measure made of parts is verified through its parts, so it is left "
            "out).",
        ),
    ],
    "partial": Annotated[
        bool,
        typer.Option(
            "--partial", help="Only measures whose latest finding since they last acted is partial."
        ),
    ],
    "ready": Annotated[
        bool,
        typer.Option(
            "--ready",
            help="Only pending measures whose every constraint is met, and measures "
            "carried out in part whose rest nothing holds (as 'dprk next' lists them: a "
            "measure made of parts acts through its parts, so it is left out).",
        ),
    ],
    "blocked": Annotated[
        bool,
        typer.Option(
            "--blocked",
            help="Only pending measures still waiting for another, and measures carried "
            "out in part whose rest an order of their own holds (as 'dprk next' lists "
            "them: a measure made of parts waits through its parts, so it is left out).",
        ),
    ],
    "since": Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="<date>",
            help="Only measures with an event on or after this date (YYYY-MM-DD).",
        ),
    ],
    "until": Annotated[
        str | None,
        typer.Option(
            "--until",
            metavar="<date>",
            help="Only measures with an event on or before this date (YYYY-MM-DD).",
        ),
    ],
    "search": Annotated[
        str | None,
        typer.Option(
            "--search",
            help=(
                "Only measures whose id, title, notes (dated ones too), sources or "
                "findings' verifier, method or evidence hold this text (in any case, with or "
                "without accents; with --as-of, as the ledger held them that day)."
            ),
        ),
    ],
}
# (--search of a command with no --as-of: its help names none)
_SEARCH_NOW = Annotated[
    str | None,
    typer.Option(
        "--search",
        help=(
            "Only measures whose id, title, notes (dated ones too), sources or findings' "
            "verifier, method or evidence hold this text (in any case, with or without accents)."
        ),
    ),
]
_FILTER_DEFAULTS: dict[str, Any] = {
    "party": None,
    "status": None,
    "category": None,
    "pending": False,
    "acted": False,
    "unverified": False,
    "partial": False,
    "ready": False,
    "blocked": False,
    "verified_by": None,
    "overdue": False,
    "deadlocked": False,
    "late": False,
    "since": None,
    "until": None,
    "search": None,
}

# The filters by a measure's flags on today or the --as-of day, which `status` alone
# shows (`flag_filters`): the order it keeps beside the ledger serves them.
_FLAG_OPTIONS: dict[str, Any] = {
    "overdue": Annotated[
        bool,
        typer.Option(
            "--overdue",
            help="Only measures overdue at the end of today, or of the --as-of day: past "
            "their deadline and not carried out in full (as the flags column marks them; "
            "one done in part is late for the rest).",
        ),
    ],
    "deadlocked": Annotated[
        bool,
        typer.Option(
            "--deadlocked",
            help="Only measures in a deadlock, a circle of orders (as 'dprk plan' finds "
            "them; the flags column marks them, a measure made of parts that a deadlock "
            "runs through too).",
        ),
    ],
    "late": Annotated[
        bool,
        typer.Option(
            "--late",
            help="Only measures done late: carried out in full after their deadline, as it "
            "stood the day they came to be (one moved later before then counts as moved; "
            "the flags column marks them 'done late'), on today or the --as-of day.",
        ),
    ],
}


# The filter by who confirmed a measure, which `status` alone takes (`flag_filters`): as
# the verification column and `verified_by` name them, on today or the --as-of day.
_VERIFIED_BY_OPTION = Annotated[
    str | None,
    typer.Option(
        "--verified-by",
        metavar="VERIFIER",
        help="Only measures verified by this verifier's confirmation, as the verification "
        "column names who confirmed them on today or the --as-of day (a finding refuted "
        "since, or made before the measure acted anew or was undone, counts no more; a "
        "measure verified through its parts is listed when this verifier confirmed every "
        "part). Any case or spacing, as a party's name.",
    ),
]


def flag_filters(command: Callable[..., Any]) -> Callable[..., Any]:
    """`measure_filters` for `status`, with --verified-by after --partial, and --overdue,
    --deadlocked and --late after --blocked."""
    options: dict[str, Any] = {}
    for name, option in _FILTER_OPTIONS.items():
        options[name] = option
        if name == "partial":
            options["verified_by"] = _VERIFIED_BY_OPTION
        if name == "blocked":
            options |= _FLAG_OPTIONS
    return measure_filters(command, options)


def period_of(what: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """`measure_filters` for a command whose --since and --until choose `what` it lists
    (its entries, its events) by their dates, not the measures."""
    options = dict(_FILTER_OPTIONS)
    for name, side in (("since", "after"), ("until", "before")):
        options[name] = Annotated[
            str | None,
            typer.Option(
                f"--{name}",
                metavar="<date>",
                help=f"Only {what} dated on or {side} this date (YYYY-MM-DD).",
            ),
        ]
    return lambda command: measure_filters(command, options)


def measure_filters(
    command: Callable[..., Any], options: dict[str, Any] | None = None
) -> Callable[..., Any]:
    """Give a command the shared measure filters (--party, --status, ... --search).

    The command declares a parameter named `filters`; in its place the command
    line gets every filter option (`options`: their help said otherwise, `period_of`),
    and the command receives them as one `analysis.status.Filters`. Dates are checked
    here, once.
    """
    import inspect

    options = options or _FILTER_OPTIONS

    original = inspect.signature(command)
    if "as_of" not in original.parameters:
        options = {**options, "search": _SEARCH_NOW}
    params: list[inspect.Parameter] = []
    annotations: dict[str, Any] = {}
    for param in original.parameters.values():
        if param.name == "filters":
            for name, option in options.items():
                params.append(
                    inspect.Parameter(
                        name,
                        inspect.Parameter.KEYWORD_ONLY,
                        default=_FILTER_DEFAULTS[name],
                        annotation=option,
                    )
                )
                annotations[name] = option
            continue
        annotation = param.annotation
        if isinstance(annotation, str):  # postponed annotations: resolve them for Typer
            annotation = eval(annotation, command.__globals__)  # our own source text
        params.append(param.replace(annotation=annotation, kind=inspect.Parameter.KEYWORD_ONLY))
        annotations[param.name] = annotation
    if not any(p.name == "party" for p in params):
        raise TypeError(f"{command.__name__} has no 'filters' parameter")

    def run(**kwargs: Any) -> Any:
        values = {name: kwargs.pop(name) for name in options}
        kwargs["filters"] = build_filters(**values)
        return command(**kwargs)

    run.__name__ = command.__name__
    run.__qualname__ = command.__qualname__
    run.__module__ = command.__module__
    run.__doc__ = command.__doc__
    run.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    run.__annotations__ = annotations
    return run


def build_filters(
    *,
    party: list[str] | None = None,
    status: list[Status] | None = None,
    category: list[str] | None = None,
    pending: bool = False,
    acted: bool = False,
    unverified: bool = False,
    partial: bool = False,
    verified_by: str | None = None,
    ready: bool = False,
    blocked: bool = False,
    overdue: bool = False,
    deadlocked: bool = False,
    late: bool = False,
    since: str | None = None,
    until: str | None = None,
    search: str | None = None,
) -> MeasureFilters:
    """The filters given on the command line, as `analysis.status.Filters`."""
    from ..analysis.status import Filters

    start = parse_date(since, "--since")
    end = parse_date(until, "--until")
    if start is not None and end is not None and end < start:
        raise UsageError(f"--until {until} is before --since {since}")
    if verified_by is not None and not verified_by.strip():
        raise UsageError("--verified-by needs a verifier's name")
    return Filters(
        parties=list(party or []),
        statuses=[Status(s) for s in status or []],
        categories=list(category or []),
        pending=pending,
        acted=acted,
        unverified=unverified,
        partial=partial,
        verified_by=verified_by,
        ready=ready,
        blocked=blocked,
        overdue=overdue,
        deadlocked=deadlocked,
        late=late,
        since=start,
        until=end,
        search=search or None,
    )


def chosen_ids(
    nodes: Callable[[], Nodes],
    filters: MeasureFilters,
    measures: Callable[[], Sequence[Measure]],
    read: Callable[[Measure], str] | None = None,
) -> list[str] | None:
    """The ids of the measures passing `filters`, in file order (`filtered_nodes` of the
    `nodes` given, read only then); None when no filter is given: every measure."""
    from ..analysis.status import Filters

    if filters == Filters():
        return None
    return [n.id for n in filtered_nodes(nodes(), filters, measures, read)]


def filtered_nodes(
    nodes: Nodes,
    filters: MeasureFilters,
    measures: Callable[[], Sequence[Measure]],
    read: Callable[[Measure], str] | None = None,
    overview: Overview | None = None,
    verifiers: Callable[[], Iterable[str]] | None = None,
) -> list[Node]:
    """The nodes passing `filters` (`measures` gives the full records in their places,
    which a period or a search reads: `Session.each`; `read`, what a search reads of
    one on a past day: `Session.searched`; `overview`, the flags --overdue and
    --deadlocked read: `derived.counts`; `verifiers`, the names the ledger's findings
    give, which --verified-by is told of: `Session.verifiers`); a --party that is not
    declared is an error."""
    from ..analysis.status import select

    filters.parties = [require_party(party, nodes.parties) for party in filters.parties]
    if filters.categories:
        _warn_of_unknown_categories(nodes, filters.categories)
    typed = filters.verified_by
    if typed is not None:
        filters.verified_by = _verifier_named_on_the_day(typed, nodes.parties)
        if verifiers is not None:
            _warn_of_unknown_verifier(nodes, typed, filters.verified_by, verifiers)
    return select(nodes, filters, measures() if filters.needs_measures else None, read, overview)


def _warn_of_unknown_categories(nodes: Nodes, asked: list[str]) -> None:
    """Warn of a --category no measure is of (a typo chooses nothing, as any filter may,
    and the answer would look like one): with the category it is near, if any."""
    from ..render import warning
    from ..vocab import category_key, nearest_choice

    known = {category_key(n.category): n.category for n in nodes.measures}
    for name in asked:
        key = category_key(name)
        if key and key not in known:
            near = nearest_choice(key, sorted(k for k in known if k))
            meant = f" (did you mean '{known[near]}'?)" if near is not None else ""
            warning(f"--category: no measure is of category '{name}'{meant}")


def _warn_of_unknown_verifier(
    nodes: Nodes, typed: str, name: str, verifiers: Callable[[], Iterable[str]]
) -> None:
    """Warn of a --verified-by `typed` that no finding in the ledger names (a typo
    chooses nothing, as a --category does, and the answer would look like one): with the
    verifiers on record it is near, if any (`rules.nearest_verifier`, as `verify --by`
    names them). `name`: the one the filter reads, the party `typed` names on the day
    the view stands on (`_verifier_named_on_the_day`), judged by every name it has
    (`_verifier_names`: the ledger records its findings under its name now, the day's
    view under the one it had then). One on record that confirmed nothing on the day is
    no typo (a party's name before a rename is refused before)."""
    from ..analysis.status import confirmed_by
    from ..render import warning
    from ..rules import nearest_verifier, party_key
    from ..vocab import in_prose, party_in_prose

    key = party_key(name)
    if any(confirmed_by(n, key) for n in nodes.measures):  # (on record: none read)
        return
    keys = {party_key(each) for each in _verifier_names(name)}
    recorded = list(verifiers())
    if any(party_key(each) in keys for each in recorded):  # (on record)
        return
    near = nearest_verifier(typed, recorded)
    quoted = (party_in_prose(each, quoted=True) for each in near)
    meant = f" (did you mean {in_prose(quoted, 'or')}?)" if near else ""
    warning(f"--verified-by: no finding in the ledger is by '{typed}'{meant}")


def histories_of(snapshot: Snapshot) -> tuple[MeasureIndex, list[str], Callable[[str], int]]:
    """What the days of a deadlock are read from (`sequencing.deadlock_since` and its
    kin): `snapshot`'s measures, each built when asked for, its declared parties, and each
    measure's place in the file (one not in it, removed by the change read: after every
    one)."""
    index, place, parties = snapshot.measures(), snapshot.positions(), snapshot.header().parties
    return index, parties, lambda ident: place.get(ident, len(place))


def warn_of_deadlocks(
    ctx: typer.Context,
    was: Mapping[str, Measure | None],
    standing: Collection[str] = (),
    parties_before: Collection[str] = (),
) -> None:
    """Warn of the deadlocks a change made (`analysis.sequencing.deadlocks_made`): one
    standing now, with the day it stands from as `plan` gives it; one that stood on a
    day since the change's date and stands no more, said of the first day it stood (as
    `plan --as-of` dates it), and of the day it stood from before the change where that
    moved, and so one that stood then and ended before its run standing now; one
    standing now before the change too
    whose run up to now it made begin on another day, said of both days as `plan`
    gives them (a date corrected, an order given again earlier, a break moved); one it
    ended, or took out of the past, standing on no day now, with the days it stood. `was`:
    each measure the change touched, as it was before it (None: not there). With
    `standing` (ids), also the deadlocks those measures stand in that the change did
    not make (an order given again, or toward a measure outside the circle): still
    deadlocked. Every write asks this (`editing`), whatever it changed: an order, a
    status (an offer made again), a part, a date. `parties_before`: the parties the
    ledger declared before the change, by which the measures as they were name them (a
    party renamed since: `rename-party` makes no deadlock). Of talks that ended
    (`Session.ended_day`), as of their end, as `plan` reads them: one standing then with
    the days it had stood, and none made or ended by a change dated after it.

    Read from the ledger as written (its cache up to date; the write read it under its
    lock, not through the session), and what the change replaced: only the measures a
    circle through those touched could pass are read. Should another process have
    written meanwhile, there is no warning: the change is made, and must not be made
    again by the command being run anew."""
    from ..analysis.sequencing import at_the_end, deadlock_text, deadlocks_made, stood_at_the_end
    from ..clock import today
    from ..draft import overlaid
    from ..errors import LedgerChanged
    from ..render import warning

    try:
        s = session(ctx)
        after, parties, place = histories_of(s.snapshot())
        end = s.ended_day()
        over = date.fromisoformat(end) if end is not None else None
        made = deadlocks_made(
            overlaid(after, was),
            after,
            list(was),
            _either(parties, parties_before),
            today(),
            place,
            standing=standing,
            ended=over,
        )
    except LedgerChanged:
        return
    for d in made.now:  # (with the day it stands from, as `plan` gives it, where known)
        since = "" if d.since is None else f"; it stands from {d.since}"
        if over is not None:  # (talks over: the days it stood up to their end)
            since = f"; {stood_at_the_end(over, d.since)}"
        warning(f"deadlock: {deadlock_text(d)}{since}; 'dprk plan' shows it")
    for d in made.still:
        still = "still deadlocked" if over is None else f"still deadlocked {at_the_end(over)}"
        warning(f"{still}: {deadlock_text(d)}; 'dprk plan' shows it")
    for day, was_from, then, d in made.earlier:  # (standing before too, from another day)
        # (and the stretch it stood from then, ended since before its run now, where it
        # stands still: `plan --history` shows both)
        cut = "" if then is None else f" and stood from {then[0]} until {then[1]}"
        shows = "'dprk plan' shows it" if then is None else "'dprk plan --history' shows both"
        stands = "now stands" if over is None else f"stood {at_the_end(over)}, now"
        warning(
            f"deadlock: {deadlock_text(d)}; it {stands} from {day} (it was from "
            f"{was_from}){cut}; {shows}"
        )
    for day, moved_from, ends, d in made.then:  # (its first day and end, and the ones before)
        warning(no_longer_stands(d, day, moved_from, ends=ends, over=over))
    for stood, ended, d in made.gone:  # (standing on no day since: the days it stood)
        warning(no_longer_stands(d, stood, shown=False, ended=ended, over=over))


def no_longer_stands(
    d: Deadlock,
    day: date | None,
    moved_from: date | None = None,
    *,
    shown: bool = True,
    ended: date | None = None,
    ends: tuple[date, date] | None = None,
    over: date | None = None,
) -> str:
    """The words of a deadlock that no longer stands, as a write says it: one made on a
    past day, ended by the write, or taken out of the past (`sequencing.Made`), alike.
    `shown`: standing still on `day`, the first day it stood (and `moved_from`, the one it
    stood from before the write, where that moved; `ends`, the day it ends on and the
    one it ended on before, where that moved: each day it ended on the first it stood
    no more, as `plan --as-of` shows it), as `plan --as-of` shows it; else
    standing on no day now, `day` the one it stood from before the write (None: not
    known), up to the write (said so: with the change it never stood, a step dated
    before it began, an order dropped) or, one of the past, up to the day it `ended`
    then. `over`: the day the talks ended, which the write read the ledger as of (None:
    not over): standing then no more, said so."""
    from ..analysis.sequencing import at_the_end, deadlock_text
    from ..clock import today

    if not shown or day is None:
        # (standing up to the write: on no day now; one that began today stood on none
        # before it either, and no longer stands)
        if day is not None and ended is None and day < (over or today()):
            return (
                f"deadlock: {deadlock_text(d)}; with this change it never stood (it was "
                f"recorded as standing from {day})"
            )
        stood = ""
        if day is not None and ended is not None:  # (of the past alone: on no day left)
            stood = f" on any day (it stood from {day} until {ended})"
        if not stood and over is not None:
            return f"deadlock: {deadlock_text(d)}; it no longer stood {at_the_end(over)}"
        return f"deadlock: {deadlock_text(d)}; it no longer stands{stood}"
    was = [] if moved_from is None else [f"was from {moved_from}"]
    was += [] if ends is None else [f"ended on {ends[1]}"]
    moved = "" if not was else f"it {' and '.join(was)}; "
    now = "it no longer stands" if over is None else f"it no longer stood {at_the_end(over)}"
    now = now if ends is None else f"it now ended on {ends[0]}"
    return (
        f"deadlock on {day}: {deadlock_text(d)}; {now} ({moved}'dprk plan --as-of {day}' "
        "shows it then)"
    )


def _either(now: Collection[str], before: Collection[str]) -> list[str]:
    """The parties declared after a change, then those declared only before it: the
    names the measures as they were and as they are give the sides (each order's
    demanding party is read by them)."""
    return [*now, *(p for p in before if p not in now)]


# The session of the command being run (set by the top-level callback), for a check deep
# in a command's options that reads the ledger it runs on (`require_party`).
RUNNING: ContextVar[Session | None] = ContextVar("RUNNING", default=None)


def require_party(name: str, parties: list[str], option: str = "--party") -> str:
    """A party named in a report's filter: declared; a name the party had on the day the
    view stands on (`Session.viewed_on`) is the party (`operations.party_named_on`); a
    name it had before a rename, refused, naming the party it is now (as every party
    option refuses it: `operations.renamed_now`); else an error naming the nearest."""
    from ..rules import party_named
    from ..rules import require_party as rule

    former: dict[str, str] = {}
    if party_named(name, parties) is None:
        name = _named_on_the_day(name, parties, option)
    if party_named(name, parties) is None:
        former = _refuse_former_name(name, parties, option)
    return rule(name, parties, option, may_add=False, former=former)


def _named_on_the_day(name: str, parties: list[str], option: str) -> str:
    """The party `name` names on the day the view of the command being run stands on
    (`operations.party_named_on`): as `parties` name it, those of that day's view, which
    name a party renamed since as it was named then (`operations.party_name_then`), or
    the declared ones; `name` itself without such a day."""
    s = RUNNING.get()
    if s is None or s.viewed_on is None:
        return name
    from ..operations import party_name_then, party_named_on
    from ..rules import party_named

    measures = s.snapshot().measures()
    declared = list(s.snapshot().index.header.get("parties", []))
    now = party_named_on(measures, declared, name, s.viewed_on, option)
    if party_named(now, parties) is not None:
        return now
    named = party_named(now, declared)
    then = None if named is None else party_name_then(measures, named, s.viewed_on)
    return then if then is not None and party_named(then, parties) is not None else now


def _verifier_named_on_the_day(name: str, parties: list[str]) -> str:
    """A --verified-by `name`: the party it names on the day the view stands on, as its
    name now (`_named_on_the_day`, as a --party reads it); else `name`. A party's name
    before a rename, given of no day or of a day it did not have it, is refused as a
    --party is (`_former_name_said`): it names no verifier, and the party's findings are
    on record under its name now."""
    from ..rules import party_named

    if party_named(name, parties) is not None:
        return name
    name = _named_on_the_day(name, parties, "--verified-by")
    if party_named(name, parties) is None:
        former = _former_name_said(name, parties, "--verified-by")
        if former is not None:
            raise DprkError(former)
    return name


def _verifier_names(name: str) -> list[str]:
    """Every name of the party (or verifier) `name` names on the day the view of the
    command being run stands on (`Session.viewed_on`): `name`, the one it has now
    (`operations.party_named_on`) and those it had before a rename, as the ledger's
    measures record them (`changes.former_names`): the names the findings of one side
    are on record under, whichever day they are read of. `name` alone when no rename is
    recorded."""
    s = RUNNING.get()
    if s is None:
        return [name]
    from ..changes import former_names
    from ..operations import party_named_on

    measures = s.snapshot().measures()
    renaming = measures.mentioning(" renamed ")
    if not renaming:
        return [name]
    names = [name]
    if s.viewed_on is not None:
        declared = list(s.snapshot().index.header.get("parties", []))
        names.append(party_named_on(measures, declared, name, s.viewed_on, "--verified-by"))
    for each in list(names):
        names.extend(sorted(former_names((measures[i] for i in renaming), each)))
    return list(dict.fromkeys(names))


def _refuse_former_name(name: str, parties: list[str], option: str) -> dict[str, str]:
    """Refuse `name`, a declared party's name before a rename, as the ledger the command
    being run reads records it (`operations.refuse_former_name`); else the former names
    it may be a typo of, each with the party it names now (`operations.former_parties`)."""
    from ..operations import former_parties, refuse_former_name

    s = RUNNING.get()
    if s is None:
        return {}
    measures = s.snapshot().measures()  # (the ledger the command reads)
    refuse_former_name(measures, parties, name, option)
    return former_parties(measures, parties, name)


def _former_name_said(name: str, parties: list[str], option: str) -> str | None:
    """What `_refuse_former_name` would refuse `name` with (`operations.former_name_said`),
    of the ledger the command being run reads; None where it would refuse nothing."""
    from ..operations import former_name_said

    s = RUNNING.get()
    if s is None:
        return None
    return former_name_said(s.snapshot().measures(), parties, name, option)


def _warn_of_ids_twice(twice: list[str]) -> None:
    """A ledger edited by hand may give two measures one id (`twice`, those ids): what is
    read of either may be the other's (one is found by its id), which a read says before
    it answers."""
    if not twice:
        return
    from ..render import warning
    from ..vocab import counted

    others = twice[1:]
    more = f" (and {counted(len(others), 'more id')})" if len(others) > 1 else ""
    if len(others) == 1:  # (one other: named)
        more = f" (and so is '{others[0]}')"
    warning(
        f"measure id '{twice[0]}' is given to more than one measure{more}: what dprk says "
        "of them may mix the two up until one is renamed by hand in the file ('dprk check' "
        "lists them)"
    )


def _warn_of_statuses_against_history(s: Session) -> None:
    """A ledger edited by hand may give a measure a status its history does not give:
    what a report says of it today (its status) then differs from what the same report
    says `--as-of` today (its history replayed), which a read says before it answers,
    naming the first few (`NAMED_BY_HAND`): no `check` is needed to find them. (Found once
    a content, from the rules' findings kept with the cache, and kept: the count, then
    those ids.)"""

    def found() -> list[bytes]:
        ids = s.snapshot().against_history()
        # (one more than are named: one left is named too, `named_first`)
        return [b"%d" % len(ids), *(i.encode("utf-8") for i in ids[: NAMED_BY_HAND + 1])]

    from ..store.snapshots import AGAINST_HISTORY

    kept = s.kept_lines(AGAINST_HISTORY, found)
    count = int(kept[0]) if kept and kept[0].isdigit() else 0
    if count:
        from ..render import warning
        from ..vocab import in_prose, named_first

        shown = len(named_first(range(count), NAMED_BY_HAND))  # (how many: those kept)
        named = [f"'{i.decode('utf-8')}'" for i in kept[1 : shown + 1]]
        more = count - len(named)
        which = f"{', '.join(named)} and {more} more" if more else in_prose(named)
        has = "has" if count == 1 else "have"
        warning(
            f"{here(s.ledger_path())}: {'measure' if count == 1 else 'measures'} {which} {has} "
            "a status its history does not give (a hand edit?): a report gives that status "
            "for today, and the history's with --as-of; 'dprk check' lists them"
        )


# How many measures the warning of statuses set by hand names; the others are counted.
NAMED_BY_HAND = 3


class Session(Plain):
    """Global options, set once by the top-level callback, and the ledger as read: the
    session of the command being run is also `RUNNING`'s."""

    __slots__ = (
        "ledger",
        "lock_timeout",
        "lists_problems",
        "writing",
        "_snapshot",
        "_as_of",
        "_nodes_as_of",
        "viewed_on",
    )

    def __init__(self, ledger: Path | None = None, lock_timeout: float = 30.0) -> None:
        self.ledger = ledger
        self.lock_timeout = lock_timeout
        # (`dprk check`: it lists a ledger's problems, and needs no warning of them)
        self.lists_problems = False
        self.writing = False  # (a write: refused, or written, it says what it must itself)
        self._snapshot: Snapshot | None = None
        self._as_of: dict[date, Ledger] = {}
        self._nodes_as_of: dict[date, Nodes] = {}  # (each replayed once, however often asked)
        self.viewed_on: date | None = None  # (the day a view stands on: `_viewed_on`)

    def ledger_path(self) -> Path:
        from ..store.paths import find_ledger

        return find_ledger(self.ledger)

    def snapshot(self) -> Snapshot:
        """The session's ledger as read (no lock): each piece read when first asked for."""
        if self._snapshot is None:
            from .. import store

            path = self.ledger_path()
            merge_unfinished(path)
            try:
                self._snapshot = store.snapshot(path)
            except LedgerUnreadable as exc:  # (`dprk check` lists its problems)
                raise (exc if self.lists_problems else listed_by_check(exc, path)) from None
            if not self.lists_problems:
                _warn_of_ids_twice(self._snapshot.ids_twice)
                if not self.writing:
                    _warn_of_statuses_against_history(self)
        return self._snapshot

    def load(self, as_of: date | None = None) -> Ledger:
        """The session's ledger, every measure built; as it stood at the end of `as_of`
        (rebuilt from the history), when given."""
        if as_of is None:
            return self.snapshot().ledger()
        if as_of not in self._as_of:
            from ..analysis.asof import as_of as then

            self._as_of[as_of] = then(self.snapshot().ledger(), as_of)
        return self._as_of[as_of]

    def nodes(self, as_of: str | None = None) -> tuple[Nodes, date]:
        """What the analyses read of the session's ledger (as it stood on --as-of), and
        the day to judge deadlines and balances by (that day, or today)."""
        from ..clock import today

        day = parse_date(as_of, "--as-of")
        if day is None:
            return self.snapshot().nodes(), today()
        return self._nodes_on(day), day

    def _nodes_on(self, day: date) -> Nodes:
        """The nodes of the ledger as it stood at the end of `day`, made once."""
        found = self._nodes_as_of.get(day)
        if found is None:
            from ..facts import nodes_of

            found = self._nodes_as_of[day] = nodes_of(self.load(day))
        return found

    def held_back(self) -> str | None:
        """Today (YYYY-MM-DD), for a view asked of no day, when an entry of the ledger may be
        dated after today (by a teammate a time zone ahead, or by hand): the
        view then stands at the end of today, as `--as-of` today does, and counts such an
        entry from its day; None for the ledger as it stands (its kept views)."""
        from ..clock import today

        day = today().isoformat()
        return day if self.snapshot().index.latest > day else None

    def ended_day(self) -> str | None:
        """The day the talks ended (YYYY-MM-DD), as the ledger's header records it; None
        for talks not over."""
        day: str | None = self.snapshot().index.header.get("ended")
        return day

    def ended(self) -> str | None:
        """The day the talks ended (YYYY-MM-DD), for a view asked of no day of a ledger
        that records one (its header's `ended`): the view then reads the ledger as of
        that day, as `--as-of` that day does, and says so (`render.read_as_ended`); None
        for talks not over."""
        day = self.ended_day()
        if day is not None:
            from ..render import read_as_ended

            read_as_ended(day, self.snapshot().index.header.get("ended_note", ""))
        return day

    def ended_by(self, day: str) -> str | None:
        """The day the talks ended (YYYY-MM-DD), for a view asked of `day` (`--as-of`)
        after it: the end is history on that day, which the view says as it says an
        event (`render.read_after_end`: its `ended` in JSON, the timeline's row of it);
        None for talks not over before then (a view of the end's own day is the one asked
        of no day reads, which alone says it reads as of the end). The one home of that
        rule."""
        end = self.ended_day()
        if end is None or end >= day:
            return None
        from ..render import read_after_end

        read_after_end(end, self.snapshot().index.header.get("ended_note", ""), day)
        return end

    def not_in_talks_yet(self, ids: Sequence[str], day: date) -> str:
        """What a view of `day` says of measures `ids`, of the ledger and made after that
        day (`analysis.asof.none_in_talks_yet`): each with the day it came to be."""
        from ..analysis.asof import none_in_talks_yet

        snapshot = self.snapshot()
        made = snapshot.nodes_of(list(ids))
        measures = snapshot.measures()
        return none_in_talks_yet([(measures[i], made[i].created) for i in ids], day)

    def unknown_on(self, ident: str | Sequence[str], day: date) -> str:
        """What a view of `day` says of `ident` (or of each of several ids), which the
        ledger as it stood then does not hold: a measure made after that day
        (`not_in_talks_yet`), or no measure of the ledger as it stands, said as every
        command says it (`unknown_id_message`: in another case, near ids, renamed,
        removed: before its removal, why no past view holds it), not of that day's
        measures, which hold none made since, nor the removals after it. Of several, in
        one line: those of no measure, then those made later."""
        from ..rules import unknown_id_message

        asked = [ident] if isinstance(ident, str) else list(ident)
        measures = self.snapshot().measures()
        unknown = [i for i in asked if i not in measures]
        later = [i for i in asked if i in measures]
        said = [unknown_id_message(unknown, measures, as_of=day)] if unknown else []
        if later:
            said.append(self.not_in_talks_yet(later, day))
        return "; ".join(said)

    def require(
        self,
        ids: Sequence[str],
        known: Container[str],
        as_of: str | date | None,
        *,
        option: str | None = None,
    ) -> None:
        """Refuse a view of the measures `ids` (`show ID...`, `status ID...`, the ids
        `--assume` names: `option`, said first) where `known`, the ledger's measures (or
        those of the --as-of day's ledger), lacks any: every one named in one line, as a
        change names them (`Draft.require`), with the id meant (`unknown_on` on a day
        asked of: --as-of, or the day --assume's view is of)."""
        unknown = [i for i in ids if i not in known]
        if not unknown:
            return
        day = as_of if isinstance(as_of, date) else parse_date(as_of, "--as-of")
        if day is not None:
            message = self.unknown_on(unknown, day)
        else:
            from ..rules import unknown_id_message

            message = unknown_id_message(unknown, self.snapshot().measures())
        raise DprkError(message if option is None else f"{option}: {message}")

    def made_later_left_out(
        self, ids: Sequence[str], known: Container[str], as_of: str | None
    ) -> list[str]:
        """The ids of a list (`status ID...`, `show ID...`, `-`) a view of --as-of shows:
        each measure of the ledger made after that day (not in `known`, that day's
        measures) left out, and named in one warning, each with the day it came to be
        (`not_in_talks_yet`), as a view of that day leaves every such measure out (all
        of them: a list of none, said so, as a filter that keeps none); an id of no
        measure is refused, as `require` does (those made later named with it)."""
        day = parse_date(as_of, "--as-of")
        measures = self.snapshot().measures() if day is not None else ()
        if any(i not in known and i not in measures for i in ids):
            self.require(ids, known, as_of)
        later = [i for i in ids if i not in known]
        kept = [i for i in ids if i in known]
        if later and day is not None:
            from ..render import warning

            said = self.not_in_talks_yet(later, day)
            warning(f"{said}; left out" + ("" if kept else ", none listed"))
        return kept

    def measures(self, as_of: str | None = None) -> Ledger:
        """The full records behind `nodes(as_of)`."""
        return self.load(parse_date(as_of, "--as-of"))

    def verifiers(self) -> Iterator[str]:
        """The verifier of each finding in the ledger, and each an order waits for a
        finding of, as the file has them (on any day: what is on record), read from the
        kept records without building a measure."""
        return (by for _, by in self.snapshot().measures().verifiers(orders=True))

    def each(self, as_of: str | None = None) -> Sequence[Measure]:
        """The full records behind `nodes(as_of)`, in their places: as the file has them,
        each built as a reader reaches it and let go after (a filter reads a hundred
        thousand without holding them); on a past day, the ledger as it stood then."""
        if as_of is None:
            return self.snapshot().in_order()
        return self.measures(as_of).measures

    def searched(self, as_of: str | None = None) -> Callable[[Measure], str] | None:
        """What --search reads of each measure of `each(as_of)` on a past day: only what
        the ledger held then (`analysis.status.searched`, of the measure as the file has
        it: the one `each` gives has today's title, notes and sources, and none of the
        entries that say what they were); None as the ledger stands."""
        day = parse_date(as_of, "--as-of")
        if day is None:
            return None
        from ..analysis.status import searched

        index: list[dict[str, Measure]] = []

        def read(m: Measure) -> str:
            if not index:  # (the ledger `each(as_of)` was rebuilt from: read already)
                index.append(self.snapshot().ledger().index())
            return searched(index[0][m.id], day)

        return read

    def _at_the_end(self, m: Measure, day: date) -> Measure:
        """`m`, of the ledger as it stood when the talks ended on `day`, its history as a
        view of the end lists it (`asof.entries_at_the_end`: the corrections of the
        record made since too), from the measure as it stands (one of that id alone)."""
        now = self.snapshot().measures()
        if m.id not in now:
            return m
        from ..analysis.asof import entries_at_the_end

        history = entries_at_the_end(now[m.id], day)
        return m if len(history) == len(m.history) else m.model_copy(update={"history": history})

    def record_text(
        self, as_of: str | None = None, made: Nodes | None = None
    ) -> Callable[[Node, dict[str, Any]], str]:
        """A measure's JSON record as text, standing as its node says, with extra keys
        last (`shapes.restand`): from the records the cache keeps, or made from the
        ledger as it stood on --as-of. `made`: the nodes (of `nodes(as_of)`, in their
        places) that --assume made, each standing for the measure in its place."""
        from ..clock import today
        from ..rules import party_finder
        from ..shapes import record_json, restand

        day = parse_date(as_of, "--as-of")
        on = today() if day is None else day  # (the day read: how long overdue, then)
        source: dict[int, Node] = {}
        if made is not None:
            source = {id(n): o for n, o in zip(made, self.nodes(as_of)[0], strict=True)}
        if day is None:  # each record read from its own line of the cache, as it is shown
            snapshot = self.snapshot()
            ids = snapshot.ids
            # (a finding by a party declared said so, as the record kept says it)
            party = party_finder(snapshot.index.header.get("parties", []))
            if len(set(ids)) == len(ids):
                return lambda n, extra: restand(
                    snapshot.line("records", n.id).decode(), n, extra, on, party
                )
            # (an id a hand edit held twice: each node's record is the one in its place)
            places = {id(n): i for i, n in enumerate(snapshot.nodes().measures)}
            lines = snapshot.column("records")

            def kept(n: Node, extra: dict[str, Any]) -> str:
                line = lines[places[id(source.get(id(n), n))]]
                return restand(line.decode(), n, extra, on, party)

            return kept
        pairs: dict[int, tuple[Measure, Node]] = {}
        # (talks that ended, read as of their end: a measure's history lists the
        # corrections of the record made since too, as `show` and `log` list them; only
        # where an entry is dated after the end, `Index.latest`)
        ended = (
            as_of is not None and as_of == self.ended_day() and self.snapshot().index.latest > as_of
        )
        then: list[Callable[[str], bool]] = []  # (of the parties of that day, named so)

        def text(n: Node, extra: dict[str, Any]) -> str:
            # (each record made as it is shown: a large ledger's are not held at once)
            if not pairs:
                ledger = self.load(day)
                then.append(party_finder(ledger.parties))
                for m, node in zip(ledger.measures, self._nodes_on(day), strict=True):
                    pairs[id(node)] = (m, node)  # (by its place: an id may be held twice)
            m, node = pairs[id(source.get(id(n), n))]
            if ended and day is not None:
                m = self._at_the_end(m, day)
            return restand(record_json(m, node, then[0]), n, extra, on, then[0])

        return text

    def kept_lines(self, name: str, make: Callable[[], list[bytes]]) -> Sequence[bytes]:
        """Lines `make` derives from the ledger alone, kept beside it for the next reads."""
        return self.snapshot().kept_lines(name, make)

    def memo(self, name: str, make: Callable[[], T]) -> T:
        """What `make` derives from the ledger alone, kept beside it for the next reads
        (JSON data)."""
        snapshot = self.snapshot()
        found = snapshot.memo(name)
        if found is None:
            found = make()
            snapshot.keep(name, found)
        return cast(T, found)


def named(ids: list[str]) -> str:
    """The ids a change names, as its description (what `undo` says it takes back): a
    few in full, many as the first of them and how many more."""
    shown = named_first(ids, NAMED - 1)
    rest = f" and {len(ids) - len(shown)} more" if len(shown) < len(ids) else ""
    return " ".join(shown) + rest


NAMED = 8


# A text value longer than this is shortened in a change's description (`described`).
LONG = 50


# The parameters of the commands that write that name a declared party (`--actor`,
# `--demanded-by`, the party `rename-party` and `remove-party` take, or the one
# `add-party` declares, refused when it names one declared already).
_PARTY_PARAMETERS = frozenset({"actor", "demanded_by", "old", "name"})


def described(ctx: typer.Context, parties: Collection[str] = (), /, **given: object) -> str:
    """What a change is, as the undo journal keeps it and `undo` names it: the command as
    it was given, its arguments, then every option given with its value, in the order
    the command declares them ('sequence second-summit --after pompeo-pyongyang-visit
    --require verified --demanded-by US --date 2018-10-07'; a text longer than `LONG`
    shortened with '...'). `given`: a parameter's value as the command resolved it (the
    ids standard input gave, `named`; the verifier as the ledger records it); a party
    typed in another spelling is named as `parties` (the ledger's, before and after the
    change) spell it (`rules.party_named`). Options of the whole program (--ledger) are
    not part of the change."""
    command = ctx.command
    words = [command.name or ctx.info_name or ""]
    options: list[str] = []
    for param in command.params:
        name = param.name or ""
        if name in given:
            value = given[name]
        else:
            source = ctx.get_parameter_source(name)
            if source is None or source.name in ("DEFAULT", "DEFAULT_MAP"):
                continue  # (not given: the change says only what was)
            value = ctx.params.get(name)
            if name in _PARTY_PARAMETERS and isinstance(value, str) and parties:
                from ..rules import party_named

                value = party_named(value, parties) or value
        if value is None or value is False or (isinstance(value, list | tuple) and not value):
            continue
        if param.param_type_name == "argument":
            if isinstance(value, list | tuple):  # (ids: a few in full, many counted)
                words.append(named([_described_word(v) for v in value]))
            else:
                words.append(_described_word(value))
            continue
        flag = next((o for o in param.opts if o.startswith("--")), param.opts[0])
        if value is True:
            options.append(flag)
            continue
        for each in value if isinstance(value, list | tuple) else [value]:
            options.append(f"{flag} {_described_word(each)}")
    return " ".join(words + options)


def _described_word(value: object) -> str:
    """A value in a change's description: as the command line takes it, one word."""
    from ..vocab import shell_word

    text = str(value.value) if isinstance(value, StrEnum) else str(value)
    if len(text) > LONG:
        text = text[: LONG - 3] + "..."
    return shell_word(text)


@contextmanager
def editing(
    ctx: typer.Context,
    ids: Sequence[str] = (),
    /,
    *,
    standing: Collection[str] = (),
    **given: object,
) -> Iterator[Draft]:
    """Change the session's ledger through the store's one safe write path.

    Every command that writes uses this: it locks, loads, hands over the
    ledger as a `Draft` (once every measure `ids` names is known to be in it), and on
    success writes it and reports anything the user should know: the deadlocks the
    change made, now or on a day since its date (`warn_of_deadlocks`; `standing`: ids
    whose deadlocks standing still are told too, changed or not). The change is
    `described` from the command's own parameters (`given`: those the command resolved,
    as the ids standard input gave); a command may name it more exactly once it is made
    (`Draft.described`).
    """
    from .. import store
    from ..render import change_written, message, warning

    description = described(ctx, **given)
    s = session(ctx)
    s.writing = True
    path = s.ledger_path()
    merge_unfinished(path, writing=True)
    outcome = store.Outcome()
    was: dict[str, Measure | None] = {}
    try:
        with store.edit(
            path, lock_timeout=s.lock_timeout, description=description, outcome=outcome
        ) as draft:
            parties = list(draft.parties)  # (a party the change removes, as it was spelt)
            draft.require(ids)
            yield draft
            was = _as_it_was(draft)  # (each measure the change touched, as it was)
            if draft.described is None:  # (each party named as the ledger spells it)
                draft.described = described(ctx, [*parties, *draft.parties], **given)
    except LedgerUnreadable as exc:
        raise listed_by_check(exc, path) from None
    except DprkError as exc:
        raise _in_ledger_above(ctx, exc) from None
    except KeyboardInterrupt:  # (after the file was written: the change is in it)
        if outcome.written:
            change_written()
        raise
    if outcome.written:
        change_written()
        # (a step that a record rebuilt after the fact still lacks; an order a measure the
        # change touched now acted against, as `check` says it, from the draft's indexes)
        told = [_said(p) for p in draft.warnings] + out_of_order_said(_out_of_order_made(draft))
        told += [_said(p) for p in _more_parts_made(draft)]
        told += [_said(p) for p in _demands_both_ways_made(draft)]
        told += [_said(p) for p in _far_before_made(ctx, draft)]
        # (a measure written by hand, given its history by this change: of no day still)
        made = _made_of_no_day(draft, was)
        if made:

            def tell_made() -> None:  # (after the command's confirmation line)
                for ident in made:
                    message(
                        f"{ident} had no history: its creation is recorded with no day, as "
                        "written by hand"
                    )

            ctx.call_on_close(tell_made)
        if told:

            def tell() -> None:  # (after the command's confirmation line)
                for text in told:
                    warning(text)

            ctx.call_on_close(tell)
    if not outcome.written:
        was = {}
    if standing or _may_close(draft, was, parties):
        ctx.call_on_close(lambda: warn_of_deadlocks(ctx, was, standing, parties))
    if outcome.rewritten is not None:
        warning(
            f"{path}: the file was rewritten in dprk's own layout ({outcome.rewritten}); "
            "'git diff' will show every measure. 'dprk undo' brings the previous file back."
        )
    if outcome.let_go is not None:
        journal_let_go(ctx, path, outcome.let_go)
    if outcome.dropped_comments:
        warning(
            f"{path}: {outcome.dropped_comments} hand-written comment(s) were removed "
            "by this write (dprk does not keep TOML comments; put remarks in a measure's "
            "notes). 'dprk undo' brings the previous file back."
        )
    if outcome.written:
        wrote_above(ctx)


def journal_let_go(ctx: typer.Context, path: Path, let_go: LetGo) -> None:
    """Warn, once the command ends (after its confirmation line), that writing to the
    ledger at `path` made the undo journal let older changes go (`let_go`): undo can no
    longer go back past them. Every write that journals its change says it (`editing`,
    a redo, an `init --force`)."""

    def tell() -> None:
        from ..render import warning
        from ..store import journal
        from ..vocab import counted

        warning(
            f"{path}: the undo journal let go of {let_go.let_go} older change(s) (it "
            f"keeps about {journal.kept_mb()} MB of them); undo can go back "
            f"{counted(let_go.kept, 'change')}"
        )

    ctx.call_on_close(tell)


def wrote_above(ctx: typer.Context, *, now: bool = False) -> None:
    """After a change written (by `editing`, an undo, a redo), the ledger it went to,
    where that is one a parent folder holds (`found_above`): a user in a new folder may
    take it for a new, empty one, as a refusal names it (`_in_ledger_above`). On
    standard error, right after the command's confirmation line: `now` where that is
    said already, else once the command ends (the last callback registered runs first);
    not where `--ledger` or `DPRK_LEDGER` names it, or it is in this folder."""
    from ..render import message
    from ..store.paths import found_above

    above = found_above(session(ctx).ledger)
    if above is None:
        return
    line = f"dprk: wrote {above}, the ledger of a parent folder"
    if now:
        message(line)
    else:
        ctx.call_on_close(lambda: message(line))


def _in_ledger_above(ctx: typer.Context, exc: DprkError) -> DprkError:
    """`exc`, a change refused, naming the ledger it was refused by where that is one a
    parent folder holds (`found_above`): a user in a new folder may take it for a new,
    empty one; an import, made to fill a new ledger more often than not, says how to
    make one here. (A lock held, a file unreadable: their messages name the file.)"""
    if isinstance(exc, LedgerError | LedgerLocked):
        return exc
    from ..store.paths import found_above

    above = found_above(session(ctx).ledger)
    if above is not None:
        anew = "; 'dprk init' makes a new one here" if ctx.info_name == "import" else ""
        exc.message += f" (in {above}, the ledger of a parent folder{anew})"
    return exc


def listed_by_check(exc: LedgerUnreadable, path: Path) -> LedgerUnreadable:
    """`exc`, saying that `dprk check` lists all its problems when it is of the ledger at
    `path` (the file a command was run on: that is the one `check` reads)."""
    return exc.listed() if exc.label == str(path) else exc


# (the most measures a change says it made act against an order, one line each)
EARLY_MOST = 5


def out_of_order_said(early: list[Problem]) -> list[str]:
    """The lines a change says of the measures it made act against an order (`early`,
    `checks.out_of_order_made`): one each, but an import of many names the first
    EARLY_MOST and counts the rest, which `check` lists."""
    told = [_said(p) for p in named_first(early, EARLY_MOST)]
    if len(early) > len(told):
        from ..vocab import counted

        more = counted(len(early) - len(told), "more measure")
        told.append(f"{more} acted against an order; 'dprk check' lists them all")
    return told


def warn_of_out_of_order(
    ctx: typer.Context, was: Mapping[str, Measure | None], parties_before: Collection[str] = ()
) -> None:
    """Warn of the measures an undo or a redo made act against an order, as a write says
    it (`out_of_order_said`): read, as `warn_of_deadlocks` reads it, from the ledger as
    written and what the change replaced (`was`: each measure it changed, as it was;
    `parties_before`: the parties declared before it). Should another process have
    written meanwhile, there is no warning."""
    from ..analysis.checks import out_of_order_made
    from ..draft import overlaid
    from ..errors import LedgerChanged
    from ..render import warning

    try:
        written = session(ctx).snapshot()
        after = written.measures()
        now = written.header().parties
        declared = (parties_before, now)
        early = out_of_order_made(
            overlaid(after, was), after, list(was), _either(now, parties_before), declared
        )
    except LedgerChanged:
        return
    for text in out_of_order_said(early):
        warning(text)


def _said(p: Problem) -> str:
    """A problem as a write's warning says it: the measure it is of, then its words."""
    return f"{p.measure}: {p.message}" if p.measure else p.message


def _out_of_order_made(draft: Draft) -> list[Problem]:
    """The acted-out-of-order warnings a change written made about the measures it
    touched (`checks.out_of_order_made`), read from the draft's measures before and after
    it: a measure that acted against an order is said at once, not only by `check`."""
    if not draft.touched:
        return []
    from ..analysis.checks import out_of_order_made

    return out_of_order_made(
        draft.before(),
        draft.index(),
        draft.touched,
        list(draft.parties),
        (draft.original_parties, draft.parties),
    )


def _more_parts_made(draft: Draft) -> list[Problem]:
    """The more-parts-than-expected warnings a change written made about the measures it
    touched and what they are part of (`checks.more_parts_made`): a part recorded beyond
    the count its measure is to have is said at once, not only by `check`."""
    if not draft.touched:
        return []
    from ..analysis.checks import more_parts_made

    return more_parts_made(draft.before(), draft.index(), draft.touched)


def _demands_both_ways_made(draft: Draft) -> list[Problem]:
    """The demands-both-ways warnings a change written made (`checks.demands_both_ways_made`):
    an order one party demands both ways, typed the wrong way round most likely, is said
    at once, with the undo that takes it back, not only by `check`."""
    if not draft.touched:
        return []
    from ..analysis.checks import demands_both_ways_made

    return demands_both_ways_made(draft.before(), draft.index(), draft.touched)


def _far_before_made(ctx: typer.Context, draft: Draft) -> list[Problem]:
    """The far-before-the-rest warnings (`checks.far_before`) of the measures a change
    written brought an earlier first day to (a creation dated so, most often), said at
    once, not only by `check`. The ledger's other days are read (its nodes, as written)
    only when such a day is more than `FAR_YEARS` years before today, which no other
    write brings; a day typed wrong before the one it lies so far from was recorded
    (the later write brings no such day) is left to `check`: no kept record holds the
    ledger's earliest day, and reading every node on each write that brings a day
    would cost about 0.1 s a write at 10,000 measures."""
    if not draft.touched:
        return []
    from ..analysis.checks import FAR_YEARS, far_before, years_before
    from ..clock import today
    from ..errors import LedgerChanged

    before, bound = draft.before(), years_before(today(), FAR_YEARS)
    brought = []
    for ident in draft.touched:
        if ident not in draft.index():
            continue
        day = _own_first_day(draft.get(ident))
        if day is None or bound is None or day >= bound:
            continue
        if ident not in before or _own_first_day(before[ident]) != day:
            brought.append(ident)
    if not brought:
        return []
    try:
        return far_before(session(ctx).snapshot().nodes(), draft.get, brought)
    except LedgerChanged:  # (another process wrote meanwhile: nothing said)
        return []


def _own_first_day(m: Measure) -> date | None:
    """A measure's first day by its own record: its creation's date, given one; else its
    earliest event or deadline (a pre-filter of `_far_before_made`, as a node's first day
    reads it)."""
    made = next((h for h in m.history if h.event == CREATED and not h.undated), None)
    if made is not None:
        return made.date
    days = [h.date for h in m.history] + [v.date for v in m.verifications]
    if m.deadline is not None:
        days.append(m.deadline)
    return min(days, default=None)


def _made_of_no_day(draft: Draft, was: Mapping[str, Measure | None]) -> list[str]:
    """The ids of the measures a change written gave a history to, that had none (written
    into the file by hand), whose creation it recorded of no day (`lifecycle.of_no_day`:
    no event of a day before the change dates it), in id order."""
    from ..lifecycle import of_no_day

    return [
        ident
        for ident, m in was.items()
        if m is not None
        and not m.history
        and ident in draft.index()
        and of_no_day(draft.get(ident))
    ]


def _as_it_was(draft: Draft) -> dict[str, Measure | None]:
    """Each measure a change touched, and what it is (or was) a part of (which finishing
    the change settles anew), as it was before the change (None: not there)."""
    from ..vocab import ancestors

    before = draft.before()
    touched = set(draft.touched)
    for ident in list(touched):
        touched.update(ancestors(draft.index(), ident))
        touched.update(ancestors(before, ident))
    return {ident: before.get(ident) for ident in sorted(touched)}


def _may_close(draft: Draft, was: Mapping[str, Measure | None], before: list[str]) -> bool:
    """Whether a change written (its measures as they `was`, and as the draft has them
    now) moved what a circle of orders reads of one of them, on some day, while it could
    be in one (`changes.moved_in_orders`), or took one out of a circle another measure
    waited in (`changes.left_circle`, `sequencing.waited_for`: a deadlock it ended), or
    moved a status to or from one that can never act, which a part of a measure waits for
    (`sequencing.parts_waiting`: a circle through that measure closed or broken), or moved
    the state of one a reversed measure is exchanged for (`sequencing.owed_again`: owed, it
    is to be carried out again, and may stand in a circle): most
    changes (a measure carried out, a note, a finding) did neither, and need not read the
    ledger again to know they closed or ended none. (`before`: the parties declared
    before the change.)"""
    from ..analysis.sequencing import owed_again, parts_waiting, settled_since, waited_for
    from ..changes import left_circle, moved_in_orders

    now = draft.changes()
    parties = _either(draft.parties, before)
    out = []
    past: list[date] = []  # (the first day of each stretch of the past it moved)
    # (a state moved of a measure a reversed one is exchanged for: whether that one owes,
    # and so is to be carried out again and in a circle, `owed_again`)
    owed = owed_again(draft.before(), draft.index(), list(was))
    for ident, m in was.items():
        days, moved = moved_in_orders(m, now.get(ident, m), parties, owed_for=ident in owed)
        if moved:
            return True
        past.extend(start for start, _ in days)
        if left_circle(m, now.get(ident, m), parties):
            out.append(ident)
    # (the past it moved reads as the ledger stands, before and after: what it made or
    # ended then, it made or ended as they stand, below)
    if past and not settled_since(draft.before(), draft.index(), min(past)):
        return True
    if out and waited_for(draft.before(), out):
        return True
    # (a status moved to or from one that can never act, which a part of a measure waits
    # for: the circles through that measure may close or break, `parts_waiting`)
    return bool(parts_waiting(draft.before(), draft.index(), list(was)))


def here(path: Path) -> str:
    """`path` as typed from the current folder (relative, when it is inside it)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # (RuntimeError: a loop of links)
        return str(path)


def merge_unfinished(path: Path, *, writing: bool = False) -> None:
    """When git is merging the ledger at `path` and left it holding one side alone (ours:
    dprk's merge driver did not run, or refused a side; either, taken whole with 'git
    checkout --ours' or '--theirs'), the other side's changes are in no file: a read
    warns of it, a write is refused (written on, the file would no longer be that side
    alone, and nothing would say so). 'dprk check' says what to do."""
    from ..store.paths import git_merging

    if not git_merging(path):  # (no git process, no import of its module, most days)
        return
    from ..store.gitio import merge_not_run

    held = merge_not_run(path)
    if held is not None:
        from ..store.paths import git_stopped, stopped_words

        words = stopped_words(git_stopped(path), held)
        why = (
            "taken whole from that side, as 'git checkout --theirs' takes it"
            if held == "theirs"
            else "dprk's merge driver did not run, or refused a side"
        )
        said = (
            f"{path}: git is merging it{words.during} and it holds {words.ours} alone ({why}): "
            f"{words.theirs}'s changes are not in it; "
        )
        if writing:
            raise DprkError(said + "nothing was written; 'dprk check' says what to do")
        from ..render import warning

        warning(said + "'dprk check' says what to do")


def session(ctx: typer.Context) -> Session:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Session) else Session()


def parse_date(value: str | None, option: str = "--date") -> date | None:
    """A YYYY-MM-DD option value, or a usage error saying what was expected."""
    from ..vocab import day_of, not_a_day

    if value is None:
        return None
    day = day_of(value)
    if day is None:
        raise UsageError(f"{option}: '{value}' {not_a_day(value)}")
    return day


def event_date(value: str | None, option: str = "--date") -> date:
    """When an event happened: the given date (not after today), else today."""
    from ..clock import today

    day = parse_date(value, option)
    now = today()
    if day is None:
        return now
    if day > now:
        raise UsageError(
            f"{option}: {value} is after today ({now}); record events once they have "
            "happened (a deadline may be in the future: --deadline)"
        )
    return day


def given_date(value: str | None, option: str = "--date") -> date | None:
    """An event date if one was given (checked as `event_date`), else None."""
    return event_date(value, option) if value is not None else None


def expand_ids(ids: list[str], *, read_only: bool = False) -> list[str]:
    """The ids given, with '-' replaced by the ids on standard input (one per line). None
    there: a change has nothing to do, says so on standard error and ends there (exit 0);
    a read (`read_only`) says so too, and goes on with no ids, so that a script reads an
    empty list, its whole answer (exit 0, as a filter that keeps none)."""
    from ..store.fs import read_input

    result: list[str] = []
    for ident in ids:
        if ident == "-":
            from ..vocab import id_problem

            data = read_input("-", "standard input", arguments=True)
            for number, line in enumerate(data.splitlines(), 1):
                given = line.strip()
                problem = id_problem(given) if given else None
                if problem is not None:  # (as an id given as an argument: exit 2)
                    raise UsageError(f"standard input, line {number}: {problem}")
                if given:
                    result.append(given)
        else:
            result.append(ident)
    unique = list(dict.fromkeys(result))
    if not unique and (not read_only or "-" in ids):
        # A pipeline that found nothing to act on: nothing to do, and no failure; nothing
        # to list, for a read, which lists none.
        from ..render import message

        done = "none listed" if read_only else "nothing to do"
        message(f"dprk: no measure ids on standard input; {done}")
        if not read_only:
            raise typer.Exit(0)
    return unique


def debt_ended(
    draft: Draft, ident: str, note: str | None = None, sources: Sequence[str] = ()
) -> str:
    """What a change of measure `ident` (a step marked, an entry redated or dropped) ended
    of what it owed in 'dprk balance', the balance before and after it compared over the
    days it moved (`balance.debts_ended`: a rejection, the side that would be owed turning
    it down), said with how to record a withdrawal instead, which keeps the debt: a side
    that agreed, or offered, and then backs out has withdrawn its measure; a rejection is
    the refusal of the side it was offered to, or demanded of before it agreed. The
    withdrawal advised carries the rejection's note (`note` as given to `mark`, else the
    rejection's own) and `sources` (the drop or the undo takes them with it). "" when it
    ended none."""
    from datetime import timedelta

    from ..analysis.balance import debts_ended
    from ..changes import step_on
    from ..lifecycle import LedgerLife, in_log_order
    from ..vocab import CREATED, PENDING, in_prose, party_in_prose, shell_word

    m, before = draft.get(ident), draft.before()
    if ident not in before or all(h.status != Status.rejected for h in m.history):
        return ""
    # (an exchange link counts whichever side records it, as in the balance)
    others = [c for c in sorted(draft.index().counterparts(ident)) if c in before]
    was, life = LedgerLife(before), LedgerLife(draft.index())
    ended = debts_ended(was, life, ident, others)
    if not ended:
        return ""
    day = ended[0][1]  # (the first rejection that ends one: its counterparts)
    owed: dict[str, list[str]] = {}
    for c, _, _ in (e for e in ended if e[1] == day):
        acted = life.acted_since(c)
        if acted is None or acted >= day:  # (reversed since, or again: as it had acted then)
            acted = life.acted_since(c, day - timedelta(days=1))
        owed.setdefault(draft.get(c).actor, []).append(c if acted is None else f"{c}, {acted}")
    to = in_prose(
        f"{party_in_prose(party)}, which acted for it ({'; '.join(done)})"
        for party, done in owed.items()
    )
    # (the balance before it went on counting it until then: those days are said, of
    # each counterpart whose debt it ended then, where not of all alike)
    until = {e[0]: e[2] for e in ended if e[1] == day}
    if len(set(until.values())) == 1 and None not in until.values():
        days = f" from {day} to {next(iter(until.values()))}"
    else:
        days = "".join(f", for {c} from {day} to {u}" for c, u in until.items() if u is not None)
    # (what it stood at when rejected: before the change, that day; one moved there, the
    # day before)
    stood = was.state(ident, day)
    if stood is None or stood.status == Status.rejected:
        stood = life.state(ident, day - timedelta(days=1))
    offered = stood is not None and stood.status in PENDING and stood.status != Status.agreed
    backed = "took back what it offered" if offered else "refused to carry out what it agreed"
    step = step_on(m, day, Status.rejected, None)
    if step is not None and step.event != CREATED:
        number = next(n for n, h in enumerate(in_log_order(m), 1) if h is step)
        take_back = f"'dprk drop-entry {ident} {number}'"
    else:
        take_back = "'dprk undo'"
    said = note if note is not None else (step.note if step is not None else "")
    kept = [
        *([f"--note {shell_word(said)}"] if said else []),
        *(f"--source {shell_word(s)}" for s in sources),
    ]
    advised = " ".join(["dprk mark", ident, "withdrawn", f"--date {day}", *kept])
    return (
        f"; balance no longer counts it owed to {to}{days}; if {party_in_prose(m.actor)} "
        f"{backed}, it withdrew it, which keeps the debt: {take_back}, then '{advised}'"
    )
