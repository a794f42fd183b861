"""Commands for a ledger shared through git: git-setup, merge-driver, resolve, diff."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..common import Format, FormatOption, editing, expand_ids, here, session

if TYPE_CHECKING:
    from ...model import Ledger


def merge_driver(
    base: Annotated[Path, typer.Argument(help="The common ancestor's version (git's %O).")],
    ours: Annotated[
        Path, typer.Argument(help="Our version (git's %A); the result is written here.")
    ],
    theirs: Annotated[Path, typer.Argument(help="Their version (git's %B).")],
    path: Annotated[
        str | None,
        typer.Argument(
            help="The ledger's path in the repository (git's %P), named in what the merge says.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the result here instead of into OURS."),
    ] = None,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            help=(
                "Say nothing of conflicts or rules (git merging the common ancestors of a "
                "criss-cross merge into its base; git-setup sets it up)."
            ),
        ),
    ] = False,
) -> None:
    """Merge two versions of a ledger measure by measure (git runs it; see git-setup).

    Exit 0: merged cleanly. Exit 1: merged, with conflicts recorded in the file
    for 'dprk check' to list and 'dprk resolve' to settle, or with an error of
    'dprk check' the two sides make together, to mend with dprk commands (or an
    input could not be read, and nothing was written).

    Example: dprk merge-driver base.toml ours.toml theirs.toml --output merged.toml
    """
    from ... import store
    from ...analysis.merge import (
        deadlocks_made,
        describe,
        gaps_made,
        merge,
        problems_made,
        states_apart,
        unsound,
        verifiers_alike_made,
    )
    from ...analysis.sequencing import deadlock_text, stood_at_the_end
    from ...errors import LedgerError
    from ...lifecycle import MISSING_STEPS
    from ...render import as_advised, message, warning
    from ...store import gitio
    from ...store.ledger import Side
    from ...vocab import counted

    def read(file: Path, side: str) -> Side:
        raw = gitio.read_input(file)
        if path is None:  # (a driver set up without git's %P: the file git gave)
            return store.read_side(raw, f"{file} ({side})")
        try:
            return store.read_side(raw, gitio.side_label(path, side))
        except LedgerError as exc:
            raise LedgerError(f"{exc.message}; {gitio.side_unreadable(path, side)}") from None

    empty = not gitio.read_input(base).strip()  # (the file was added on both sides)
    base_side = None if empty else read(base, "base")
    our_side = read(ours, "ours")
    their_side = read(theirs, "theirs")
    base_ledger = base_side.ledger if base_side is not None else None
    result = merge(base_ledger, our_side.ledger, their_side.ledger)
    target = output if output is not None else ours
    dropped = store.write_merged(target, result.ledger, our_side, base_side, their_side)
    for note in [] if quiet else result.notes:
        warning(f"{path or target}: {note}")
    if quiet:  # (the exit status alone: the merge from this base says what is left)
        if not result.clean or unsound(result.ledger, our_side.ledger, their_side.ledger):
            raise typer.Exit(1)
        return
    if dropped:
        warning(
            f"{path or target}: {dropped} hand-written comment(s) in what the merge changed "
            "were removed (dprk does not keep TOML comments; put remarks in a measure's notes)"
        )
    # (run by hand with --output, or without git's path: the commands name the file
    # written, as from here; git's temporary file, for a driver set up without %P. Run
    # by git, at the top of the work tree: the ledger named from anywhere, `anywhere`)
    prog = gitio.dprk_command(
        here(target) if output is not None or path is None else gitio.anywhere(path)
    )
    # (each side sound, the two together not: git is not to commit it so)
    made = problems_made(result.ledger, our_side.ledger, their_side.ledger)
    errors = unsound(result.ledger, our_side.ledger, their_side.ledger, made)
    if not result.clean:
        count = len(result.conflicts)
        message(
            f"dprk: merged {path or 'the ledger'} with {counted(count, 'conflict')} "
            f"('{prog} check' lists them, '{prog} resolve' settles each):"
        )
        resolve = f"{prog} resolve"
        for conflict in result.conflicts:
            message(f"  {describe(conflict, header=result.ledger.conflicts, resolve=resolve)}")
        if errors:
            message(
                f"and, as merged (ours where in conflict), the two sides together break "
                f"{counted(len(errors), 'rule')} of '{prog} check', to mend with dprk "
                "commands:"
            )
    elif errors:
        message(
            f"dprk: merged {path or 'the ledger'}, but the two sides together break "
            f"{counted(len(errors), 'rule')} of '{prog} check'; mend the ledger with dprk "
            "commands, then commit it:"
        )
    for p in errors:
        said = as_advised(p.message, prog)
        message(f"  {p.measure + ': ' if p.measure else ''}{said} [{p.check}]")
    # (a deadlock neither side held: said as a write that makes one says it)
    end = result.ledger.ended  # (talks over: as of their end, the days it stood then)
    for d in deadlocks_made(result.ledger, our_side.ledger, their_side.ledger):
        since = "" if d.since is None else f"; it stands from {d.since}"
        since = since if end is None else f"; {stood_at_the_end(end, d.since)}"
        warning(f"{path or target}: deadlock: {deadlock_text(d)}{since}; '{prog} plan' shows it")
    # (what the two sides' steps make together, that neither side's said: as a step typed
    # on one desk after the other's says it)
    apart = states_apart(result.ledger, our_side.ledger, their_side.ledger)
    for ident, now, mine, other, whole in apart:
        what, look = ("its parts make", "show") if whole else ("its history makes", "log")
        warning(
            f"{path or target}: {ident}: as merged, {what} it {now}, as neither side had it "
            f"(ours {mine}, theirs {other}); '{prog} {look} {ident}' shows why"
        )
    for p in [
        *gaps_made(made),
        *verifiers_alike_made(result.ledger, our_side.ledger, their_side.ledger),
    ]:
        said = as_advised(p.message, prog)
        look = f"'{prog} log {p.measure}'"
        if p.check == MISSING_STEPS:  # (a step the two sides' histories leave missing)
            said = f"as merged, {said}" + ("" if look in said else f" ({look} shows it)")
        warning(f"{path or target}: {p.measure}: {said} [{p.check}]")
    if errors or not result.clean:
        raise typer.Exit(1)


def resolve(
    ctx: typer.Context,
    field: Annotated[
        str, typer.Option("--field", help="The field in conflict, as 'dprk check' names it.")
    ],
    take: Annotated[
        str,
        typer.Option(
            "--take",
            help="ours, theirs, or the value to keep (a date as YYYY-MM-DD; none to clear).",
        ),
    ],
    ids: Annotated[
        list[str] | None,
        typer.Argument(
            help=(
                "Measure ids ('-' reads them from standard input); none: the ledger's own "
                "(its title, a party)."
            ),
            show_default=False,
        ),
    ] = None,
) -> None:
    """Settle a merge conflict: keep our value, theirs, or one of your own.

    Example: dprk resolve punggye-ri-closure --field notes --take theirs
    """
    from ... import operations
    from ...clock import today
    from ...render import message

    targets = expand_ids(ids) if ids else []
    with editing(ctx, ids=targets) as draft:
        if not targets:
            done = [operations.resolve_title(draft, field, take)]
        else:
            done = [operations.resolve(draft, ident, field, take, today()) for ident in targets]
    for line in done:
        message(line)


def git_setup(ctx: typer.Context) -> None:
    """Make git merge the ledger measure by measure, in this repository (run once per clone).

    Example: dprk git-setup && git add .gitattributes && git commit -m "dprk merges"
    """
    from ...errors import LedgerError
    from ...render import advise_as, message
    from ...store import gitio

    try:
        ledger = session(ctx).ledger_path()
    except LedgerError:
        ledger = None  # no ledger yet: set up for the default name
    advise_as("dprk")  # (its lines say git's settings as written: the driver runs 'dprk')
    for line in gitio.setup(ledger, Path.cwd()):
        message(line)


def diff(
    ctx: typer.Context,
    rev: Annotated[
        str,
        typer.Argument(
            help=(
                "A git revision: HEAD, HEAD~3, a branch, a tag, a commit; or a day "
                "(YYYY-MM-DD): the current branch's last commit made by its end. "
                "REV..TO: the same as REV TO. A name of an existing file is that "
                "file: a copy of the ledger kept outside git."
            )
        ),
    ] = "HEAD",
    to: Annotated[
        str | None,
        typer.Argument(
            help=(
                "A second revision (or day, or file), compared in place of the working "
                "file, which is then not read."
            ),
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """What changed in the ledger since a git revision, or a day, measure by measure.

    A day that no branch or tag is named compares with the ledger as committed in the
    last commit of the current branch (its first-parent history) made on or before the
    end of that day, by its committer's date. With TO (or REV..TO), the ledger as
    committed at TO is compared with REV's, in place of the working file. An argument
    that names an existing file is that file (dprk diff yesterday.toml, or OLD.toml
    NEW.toml): two ledgers compared outside git, or beside it.

    Example: dprk diff HEAD --format json; dprk diff 2026-11-30; dprk diff v1..v2
    """
    from ... import store
    from ...analysis.diff import diff_ledgers
    from ...errors import DprkError, UsageError
    from ...render import emit, warning
    from ...render.team import diff_report, since
    from ...store import gitio

    # (an argument that names an existing file is that file, a ledger kept outside git:
    # read as a revision's ledger is, no cache made of it; any other, a revision)
    old, new = _ledger_file(rev), _ledger_file(to)
    if old is not None and (new is not None or to is None):
        # (no revision given: git is not asked, nor, with NEW.toml, the ledger read)
        now = new if new is not None else store.load(session(ctx).ledger_path())
        emit(diff_report(diff_ledgers(old, now), rev, None, to, None), fmt.value)
        return
    revisions = [r for r, file in ((rev, old), (to, new)) if r is not None and file is None]
    forked = next((r for r in revisions if "..." in r), None)
    if forked is not None:  # (git's 'since they forked': not read as REV..TO)
        raise UsageError(
            f"'{forked}': REV...TO (since the two forked) is not "
            "read; give REV..TO, or their fork point ('git merge-base REV TO') as REV"
        )
    both = next((r for r in revisions if ".." in r), None)
    if to is not None and both is not None:
        raise UsageError(f"'{both}' names two revisions already: give REV TO or REV..TO")
    if ".." in rev and old is None:  # (git's notation: REV..TO, a side left out is HEAD)
        rev, _, to = rev.partition("..")
        rev, to = rev or "HEAD", to or "HEAD"
    path = session(ctx).ledger_path()
    # (the working file, read first as ever; with TO, not read at all)
    current = store.load(path) if to is None else None
    # (a day: the branch's last commit by then)
    commit = None if old is not None else gitio.commit_by_day(path, rev)
    to_commit = None if to is None or new is not None else gitio.commit_by_day(path, to)
    if old is None:
        raw = gitio.file_at(path, rev if commit is None else commit[0], warn=warning)
        before = None if raw is None else store.parse_bytes(raw, f"{rev}:{path.name}")
    else:  # (OLD.toml, and a revision TO)
        raw, before, commit = b"", old, None
    if new is not None:  # (a revision REV, and NEW.toml)
        current, to_commit = new, None
    elif to is not None:  # (the ledger as committed at TO)
        later = gitio.file_at(path, to if to_commit is None else to_commit[0], warn=warning)
        if later is None:
            from ...vocab import shell_word

            _, inside = gitio.ledger_in_repo(path)
            raise DprkError(
                f"{inside} was not committed at {since(to, to_commit)}, so there is nothing "
                f"to compare with it there: give a revision that holds it ('git log "
                f"--oneline -- {shell_word(inside)}' lists those that changed it)"
            )
        current = store.parse_bytes(later, f"{to}:{path.name}")
    assert current is not None  # (the working file's, or TO's)
    report = diff_report(diff_ledgers(before, current), rev, commit, to, to_commit)
    if raw is None:
        report.notes.append(
            f"{path.name} was not committed at {since(rev, commit)}: every measure is new"
        )
    emit(report, fmt.value)


def _ledger_file(given: str | None) -> Ledger | None:
    """The ledger in the file `given` names, for `diff`, read as a revision's is
    (`store.parse_bytes`: no cache, no lock), or None where it names no file (a
    revision). HEAD, the revision asked of by default, is always the revision."""
    if given is None or given == "HEAD" or not Path(given).is_file():
        return None
    from ... import store
    from ...store.fs import read_file

    return store.parse_bytes(read_file(Path(given), label=given), given)
