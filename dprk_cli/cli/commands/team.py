"""Commands for a ledger shared through git: git-setup, merge-driver, resolve, diff."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..common import Format, FormatOption, editing, expand_ids, session


def merge_driver(
    base: Annotated[Path, typer.Argument(help="The common ancestor's version (git's %O).")],
    ours: Annotated[
        Path, typer.Argument(help="Our version (git's %A); the result is written here.")
    ],
    theirs: Annotated[Path, typer.Argument(help="Their version (git's %B).")],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the result here instead of into OURS."),
    ] = None,
) -> None:
    """Merge two versions of a ledger measure by measure (git runs it; see git-setup).

    Exit 0: merged cleanly. Exit 1: merged, with conflicts recorded in the file
    for 'dprk check' to list and 'dprk resolve' to settle (or an input could not
    be read, and nothing was written).

    Example: dprk merge-driver base.toml ours.toml theirs.toml --output merged.toml
    """
    from ... import store
    from ...analysis.merge import describe, merge
    from ...render import message
    from ...store import gitio
    from ...store.files import atomic_write

    raws = [gitio.read_input(p) for p in (base, ours, theirs)]
    base_ledger = (
        store.parse_bytes(raws[0], f"{base} (base)") if raws[0].strip() else None
    )  # empty: the file was added on both sides
    our_ledger = store.parse_bytes(raws[1], f"{ours} (ours)")
    their_ledger = store.parse_bytes(raws[2], f"{theirs} (theirs)")
    result = merge(base_ledger, our_ledger, their_ledger)
    raw = store.render_ledger(result.ledger).encode("utf-8")
    store.parse_bytes(raw, "merged ledger")  # what is written must read back
    target = output if output is not None else ours
    if target.is_dir():
        from ...errors import LedgerError

        raise LedgerError(f"{target}: is a folder, not a ledger file")
    atomic_write(target, raw, create=output is not None and not output.exists())
    if not result.clean:
        count = len(result.conflicts)
        message(
            f"dprk: merged the ledger with {count} conflict{'s' if count != 1 else ''} "
            "('dprk check' lists them, 'dprk resolve' settles each):"
        )
        for conflict in result.conflicts:
            message(f"  {describe(conflict)}")
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
            help="Measure ids ('-' reads them from standard input); none: the ledger's title.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Settle a merge conflict: keep our value, theirs, or one of your own.

    Example: dprk resolve punggye-ri-closure --field notes --take theirs
    """
    from ... import changes
    from ...analysis.merge import choose, conflict_on, settle
    from ...model import today
    from ...render import message

    targets = expand_ids(ids) if ids else []
    with editing(ctx, f"resolve {' '.join(targets) or 'title'} {field}") as ed:
        if not targets:
            conflict = conflict_on(ed.conflicts, field, "the ledger")
            taken, value = choose(conflict, take)
            ed.set_header(
                title=value or "", conflicts=[c for c in ed.conflicts if c.field != field]
            )
            done = [f"title: took {taken}"]
        else:
            done = []
            for ident in targets:
                settled = settle(ed.get(ident), field, take, ed.parties)
                if settled.measure is None:
                    ed.remove(ident)
                    done.append(f"{ident}: removed (took {settled.taken})")
                    continue
                detail = f"merge conflict on {field} settled: took {settled.taken}"
                ed.put(
                    changes.with_history(
                        settled.measure, changes.entry(today(), "resolve", detail=detail)
                    )
                )
                done.append(f"{ident}: {field}: took {settled.taken}")
    for line in done:
        message(line)


def git_setup(ctx: typer.Context) -> None:
    """Make git merge the ledger measure by measure, in this repository (run once per clone).

    Example: dprk git-setup && git add .gitattributes .gitignore && git commit -m "dprk merges"
    """
    import contextlib

    from ...errors import DprkError, LedgerError
    from ...render import message
    from ...store import gitio
    from ...store.files import append_line
    from ...store.locate import SIDE_DIR, ensure_side_dir, real_path
    from ...vocab import LEDGER_FILENAME

    root = gitio.repo_root(Path.cwd())
    try:
        ledger = session(ctx).ledger_path()
    except LedgerError:
        ledger = None  # no ledger yet: set up for the default name
    if ledger is not None and ledger.exists():
        ledger_root, inside = gitio.ledger_in_repo(ledger)
        if ledger_root != real_path(root):
            raise DprkError(f"{ledger} is not inside the git repository at {root}")
    else:
        inside = LEDGER_FILENAME
    name = inside.rsplit("/", 1)[-1]
    folder = inside.rsplit("/", 1)[0] + "/" if "/" in inside else ""
    pattern = LEDGER_FILENAME if name == LEDGER_FILENAME else "/" + inside
    pattern = pattern.replace(" ", "[[:space:]]")

    written: list[str] = []
    configured = False
    # 1. .gitattributes: route the ledger to the driver.
    if gitio.attribute(root, inside, "merge") == gitio.DRIVER_NAME:
        message(f".gitattributes: {inside} already uses the dprk merge driver")
    else:
        line = f"{pattern} merge={gitio.DRIVER_NAME}"
        append_line(root / ".gitattributes", line)
        written.append(".gitattributes")
        message(f".gitattributes: added '{line}'")

    # 2. The driver itself, in this clone's git config (git does not share config).
    for key, value in (
        (f"merge.{gitio.DRIVER_NAME}.name", gitio.DRIVER_DESCRIPTION),
        (f"merge.{gitio.DRIVER_NAME}.driver", gitio.DRIVER_COMMAND),
    ):
        if gitio.config_get(root, key) == value:
            message(f"git config {key}: already '{value}'")
        else:
            gitio.config_set(root, key, value)
            configured = True
            message(f"git config {key} = '{value}'")

    # 3. dprk's side files (lock, cache, undo journal) never get committed: the
    # side folder carries its own .gitignore; the repository's is the fallback.
    if ledger is not None and ledger.exists():
        with contextlib.suppress(OSError):  # a read-only folder: git's answer below decides
            ensure_side_dir(ledger)
    side = f"{folder}{SIDE_DIR}/{name}.lock"
    if gitio.is_ignored(root, side):
        message(f"git already ignores dprk's side files ({folder}{SIDE_DIR}/)")
    else:
        append_line(root / ".gitignore", f"{SIDE_DIR}/")
        written.append(".gitignore")
        message(f".gitignore: added '{SIDE_DIR}/' (dprk's lock, cache and undo journal)")
    tracked = gitio.tracked(root, f"{SIDE_DIR}/")
    if tracked:
        message(
            f"note: git already tracks {len(tracked)} of dprk's side files; stop with "
            f"'git rm -r --cached {tracked[0].rsplit('/', 1)[0]}'"
        )
    if written:
        message(
            f"commit {' and '.join(written)} so that the whole team shares "
            f"{'them' if len(written) > 1 else 'it'}; git keeps the driver's configuration "
            "per clone, so each teammate runs 'dprk git-setup' once"
        )
    elif not configured:
        message("nothing to change: git already merges this ledger with dprk")


def diff(
    ctx: typer.Context,
    rev: Annotated[
        str, typer.Argument(help="A git revision: HEAD, HEAD~3, a branch, a tag, a commit.")
    ] = "HEAD",
    fmt: FormatOption = Format.table,
) -> None:
    """What changed in the ledger since a git revision, measure by measure.

    Example: dprk diff HEAD~5 --format json
    """
    from ... import store
    from ...analysis.diff import diff_ledgers
    from ...render import emit
    from ...render.team import diff_report
    from ...store import gitio

    path = session(ctx).ledger_path()
    current = store.load(path)
    raw = gitio.file_at(path, rev)
    before = None if raw is None else store.parse_bytes(raw, f"{rev}:{path.name}")
    report = diff_report(diff_ledgers(before, current), rev)
    if raw is None:
        report.notes.append(f"{path.name} was not committed at {rev}: every measure is new")
    emit(report, fmt.value)


def register(app: typer.Typer) -> None:
    app.command("git-setup")(git_setup)
    app.command("merge-driver")(merge_driver)
    app.command("resolve")(resolve)
    app.command("diff")(diff)
