"""Talking to git: the repository a ledger lives in, a ledger as it was at a revision,
the merge-driver configuration, and what git ignores.

Every call runs the `git` program in the folder it concerns and turns its
failures into one-line errors; nothing here changes a ledger.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

from ..errors import FILE, DprkError, LedgerError, LedgerUnreadable
from .paths import git_merging, real_path

DRIVER_NAME = "dprk"
DRIVER_COMMAND = "dprk merge-driver %O %A %B %P"
DRIVER_DESCRIPTION = "dprk ledger merge (measure by measure)"
# The driver git runs to merge the common ancestors of a criss-cross merge into the base
# it merges from (`merge.<driver>.recursive`): the same merge, saying nothing (a conflict
# there is no one's to settle; the real merge says what is left).
BASE_DRIVER_NAME = "dprk-base"
BASE_DRIVER_COMMAND = "dprk merge-driver --quiet %O %A %B %P"
BASE_DRIVER_DESCRIPTION = "dprk ledger merge of common ancestors (quiet)"


def _git(args: list[str], cwd: Path, *, check: bool = True) -> subprocess.CompletedProcess[bytes]:
    if not cwd.is_dir():
        raise DprkError(f"{cwd}: no such folder")
    env = dict(os.environ)
    env.update({"LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"})
    try:
        proc = subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            stdin=subprocess.DEVNULL,
            env=env,
            timeout=120,
        )
    except FileNotFoundError:
        raise DprkError("git is not installed (or not on PATH)") from None
    except OSError as exc:
        raise DprkError(f"cannot run git: {exc.strerror or exc}") from None
    except subprocess.TimeoutExpired:
        raise DprkError(f"git {args[0]} did not finish within two minutes") from None
    if check and proc.returncode != 0:
        raise DprkError(f"git {args[0]} failed: {_first_line(proc.stderr)}")
    return proc


def _first_line(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace").strip()
    line = text.splitlines()[0] if text else "no message"
    return line.removeprefix("fatal: ").removeprefix("error: ")


def repo_root(folder: Path) -> Path:
    """The top folder of the git working tree that holds `folder`."""
    proc = _git(["rev-parse", "--show-toplevel"], folder, check=False)
    if proc.returncode != 0:
        raise DprkError(
            f"{folder} is not inside a git repository (run 'git init' first, or work in a "
            "clone of your team's repository)"
        )
    return Path(os.fsdecode(proc.stdout.strip()))


def ledger_in_repo(ledger: Path) -> tuple[Path, str]:
    """The repository root of `ledger` and the ledger's path inside it (with '/')."""
    real = real_path(ledger)
    root = real_path(repo_root(real.parent))
    try:
        inside = real.relative_to(root)
    except ValueError:
        raise DprkError(f"{ledger} is not inside the git repository at {root}") from None
    return root, inside.as_posix()


def file_at(ledger: Path, rev: str, *, warn: Callable[[str], None] | None = None) -> bytes | None:
    """The ledger's bytes as committed at `rev`, or None if it did not exist there.
    What git warns of as it reads `rev` (a reflog that does not go back to the day
    `main@{1.week.ago}` asks of: git takes its oldest entry) is told to `warn`, a line
    each, without git's "warning: "."""
    root, inside = ledger_in_repo(ledger)
    if rev.startswith("-") or not rev.strip():
        raise DprkError(f"'{rev}' is not a git revision")
    # (not --quiet: it keeps git's warnings back too)
    commit = _git(["rev-parse", "--verify", f"{rev}^{{commit}}"], root, check=False)
    if commit.returncode == 0 and warn is not None:
        for line in commit.stderr.decode("utf-8", "replace").splitlines():
            if line.strip():
                warn(line.strip().removeprefix("warning: "))
    if commit.returncode != 0:
        from ..vocab import shell_word

        head = _git(["rev-parse", "--verify", "--quiet", "HEAD"], root, check=False)
        if head.returncode != 0:  # (a repository made, nothing committed in it yet)
            here = os.path.relpath(real_path(ledger))  # (as git, run here, names it)
            raise DprkError(
                f"the git repository at {root} has no commit yet, so nothing to compare "
                f"with: commit the ledger first ('git add {shell_word(here)} && git commit "
                "-m ...'); 'dprk diff' then shows what changed since"
            )
        count = _git(["rev-list", "--count", "HEAD"], root, check=False)
        commits = count.stdout.decode().strip() if count.returncode == 0 else ""
        if commits == "1":
            raise DprkError(
                f"unknown git revision '{rev}' (the repository has one commit, HEAD: give "
                "it, a branch, a tag or a commit id; 'git log --oneline' lists them)"
            )
        back = f"HEAD to HEAD~{int(commits) - 1}" if commits.isdigit() else "HEAD, HEAD~1"
        raise DprkError(
            f"unknown git revision '{rev}' (try {back}, a branch, a tag or a commit id; "
            "'git log --oneline' lists them)"
        )
    sha = commit.stdout.decode().strip()
    proc = _git(["cat-file", "blob", f"{sha}:{inside}"], root, check=False)
    if proc.returncode != 0:
        exists = _git(["cat-file", "-e", f"{sha}:{inside}"], root, check=False)
        if exists.returncode != 0:
            return None
        raise LedgerError(f"{rev}:{inside}: git cannot read it: {_first_line(proc.stderr)}")
    return proc.stdout


def commit_by_day(ledger: Path, rev: str) -> tuple[str, str, str] | None:
    """The commit a `rev` written as a day (YYYY-MM-DD: `vocab.day_of`) that names no
    revision of git's (a tag or a branch so named is git's) stands for: the last commit
    of the current branch (HEAD's first-parent history) made, by its committer's clock,
    on or before the end of that day. Its id, its short id and the day it was made (both
    days as this machine's clock reads them, as git reads the day given). None for a
    `rev` that is no such day (or while nothing is committed: `file_at` says so); a day
    before the branch's first commit is refused."""
    from ..vocab import day_of, not_a_day, written_as_day

    day = day_of(rev)
    if day is None and not written_as_day(rev):
        return None
    root, _ = ledger_in_repo(ledger)
    named = _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], root, check=False)
    head = _git(["rev-parse", "--verify", "--quiet", "HEAD"], root, check=False)
    if named.returncode == 0 or head.returncode != 0:
        return None
    if day is None:  # (written as a day, one the calendar lacks: 2026-02-30)
        raise DprkError(f"'{rev}' is no git revision, and {not_a_day(rev).removeprefix('is ')}")
    log = ["log", "-1", "--first-parent", "--date=short-local"]
    found = _git([*log, f"--before={day.isoformat()} 23:59:59", "--format=%H %h %cd", "HEAD"], root)
    said = found.stdout.decode().split()
    if len(said) == 3:
        return said[0], said[1], said[2]
    first = _git([*log, "--max-parents=0", "--format=%cd", "HEAD"], root)
    began = first.stdout.decode().strip()
    raise DprkError(
        f"no commit of the current branch was made on or before {day.isoformat()}"
        + (f" (its first is of {began})" if began else "")
        + ": give a later day, or a revision ('git log --first-parent --oneline' lists them)"
    )


def merge_not_run(ledger: Path) -> str | None:
    """Which side of a merge git is merging `ledger` in the file holds alone, byte for
    byte ('ours' or 'theirs'; None: neither, or no merge): ours when the merge driver
    did not run (dprk not on git's PATH) or failed; either when a side was taken whole
    ('git checkout --ours' or '--theirs'). The other side's changes are then in no file.
    Asks git only while a merge is under way."""
    if not git_merging(ledger):  # (cheap to see)
        return None
    real = real_path(ledger)
    try:
        root, inside = ledger_in_repo(real)
        staged = _git(["ls-files", "-u", "-z", "--", inside], root, check=False).stdout
        stages = {
            line.split(b"\t", 1)[0].rsplit(b" ", 1)[-1]: line.split(b" ")[1]
            for line in staged.split(b"\0")
            if line
        }
        if b"2" not in stages:
            return None  # (not unmerged: merged already, or resolved and added)
        here = _git(["hash-object", "--", inside], root, check=False).stdout.strip()
    except DprkError:  # (no git, or not a repository: nothing to say)
        return None
    held = next(
        (side for side, n in (("ours", b"2"), ("theirs", b"3")) if stages.get(n) == here), None
    )
    return None if held is None or _settled_by_dprk(real) else held


def _settled_by_dprk(ledger: Path) -> bool:
    """Whether dprk wrote the ledger as it is now since the merge began: a conflict
    settled so that the file is our side again (`resolve` of a measure one side
    removed, taking the removal), not a merge the driver missed."""
    from .cache import content_key
    from .fs import read_file
    from .journal import changes, entries
    from .paths import UNKNOWN, merge_head, side_file

    head = merge_head(ledger)
    if head is None or head == UNKNOWN:
        return False
    try:
        began = head.stat().st_mtime_ns
        written = side_file(ledger, "undo").stat().st_mtime_ns
    except OSError:
        return False
    if written <= began:
        return False
    done = changes(entries(ledger))
    try:
        return bool(done) and done[-1].get("after") == content_key(read_file(ledger))
    except DprkError:
        return False


MERGE_SIDES = {
    "base": (1, "the common ancestor"),
    "ours": (2, "your branch"),
    "theirs": (3, "the branch being merged"),
}
"""Each side of a merge: git's stage of it (`git show :N:PATH`), and whose it is."""


def side_label(inside: str, side: str) -> str:
    """One side of a merge of the ledger at `inside` (its path in the repository), as
    the messages name it: 'dprk-ledger.toml: the ledger of your branch (ours)'."""
    return f"{inside}: the ledger of {MERGE_SIDES[side][1]} ({side})"


def side_unreadable(inside: str, side: str) -> str:
    """What to do when one side of a merge of the ledger at `inside` is not a ledger (a
    TOML syntax error, say): the file holds our side alone, and the other side's changes
    are in no file. Fix it where it was made and merge again, or merge here by hand."""
    from ..vocab import shell_word

    q = shell_word(inside)
    if side == "ours":
        fix = f"fix the error in {q} (your side, as git left it)"
        show = (
            f"'git show :1:{q} > base.toml', 'git show :3:{q} > theirs.toml' and 'dprk "
            f"merge-driver base.toml {q} theirs.toml' merge the other side into it"
        )
    else:
        other = "base" if side == "base" else "theirs"
        rest = "theirs" if side == "base" else "base"
        fix = (
            "nothing was merged, and the file holds your side alone: fix the error on "
            f"{MERGE_SIDES[side][1]} and merge again (run 'git merge --abort' first), or "
            f"merge here: 'git show :{MERGE_SIDES[side][0]}:{q} > {other}.toml', fix the "
            f"error in {other}.toml"
        )
        show = (
            f"'git show :{MERGE_SIDES[rest][0]}:{q} > {rest}.toml' and 'dprk merge-driver "
            f"base.toml {q} theirs.toml'"
        )
    # (the two files written to merge by hand are the merge's own: gone once it is done,
    # not to be committed by a 'git add -A')
    return (
        f"{fix}, then {show}; then 'git add {q}' and 'dprk check', and delete base.toml and "
        "theirs.toml"
    )


def anywhere(inside: str) -> str:
    """The ledger at `inside` (its path in the repository, git's %P; git runs a merge
    driver at the top of the work tree) as a command a merge advises names it, to run
    wherever in the repository its user typed 'git merge': by its default name, which
    dprk finds from any folder below the ledger's own; otherwise by its whole path."""
    from ..vocab import LEDGER_FILENAME

    if inside == LEDGER_FILENAME:
        return inside
    whole = Path.cwd() / inside
    return str(whole) if whole.exists() else inside


def dprk_command(inside: str | None) -> str:
    """How a `dprk` command about the ledger at `inside` (its path in the repository,
    git's %P, or as `anywhere` names it), as a merge suggests it, begins: with
    `--ledger` when a `dprk` run at the repository's top would not find that ledger by
    its default name there."""
    from ..vocab import LEDGER_FILENAME, shell_word

    if inside is None or inside == LEDGER_FILENAME:
        return "dprk"
    return f"dprk --ledger {shell_word(inside)}"


def merge_side_unreadable(ledger: Path) -> str | None:
    """Why git left `ledger` holding our side alone, when it is because a side of the
    merge is not a ledger (the driver ran and refused it): that side's error and what
    to do, in one line; None when every side reads (or git cannot say)."""
    from .ledger import parse_bytes

    try:
        root, inside = ledger_in_repo(real_path(ledger))
        for side in ("ours", "theirs", "base"):
            proc = _git(["show", f":{MERGE_SIDES[side][0]}:{inside}"], root, check=False)
            if proc.returncode != 0 or not proc.stdout.strip():
                continue  # (no such stage: added on one side, say)
            try:
                parse_bytes(proc.stdout, side_label(inside, side))
            except LedgerError as exc:
                return f"{exc.message}; {side_unreadable(inside, side)}"
    except DprkError:  # (no git, or not a repository: nothing to say)
        return None
    return None


def markers_advised(exc: LedgerUnreadable, ledger: Path) -> LedgerUnreadable:
    """`exc`, the ledger at `ledger` refused for the conflict markers git left in it
    (`codec.CONFLICT_MARKERS`), saying what gets the user out where resolving is not the
    way: git is merging it, .gitattributes routes it to the dprk driver, and this clone
    has not set the driver up (git does not share its configuration), so git merged it
    as text. `exc` itself otherwise (asks git only then)."""
    from .codec import CONFLICT_MARKERS
    from .paths import git_stopped

    check, measure, text = exc.problems[0]
    line, said, _ = text.partition(f": {CONFLICT_MARKERS}; ")
    if check != FILE or not said or len(exc.problems) > 1 or not git_merging(ledger):
        return exc
    try:
        root, inside = ledger_in_repo(real_path(ledger))
        routed = attribute(root, inside, "merge") == DRIVER_NAME
        if not routed or config_get(root, f"merge.{DRIVER_NAME}.driver") is not None:
            return exc
    except DprkError:  # (no git, or not a repository: as it was said)
        return exc
    verb = git_stopped(ledger)
    if verb == "stash":
        out = "run 'git reset --merge', then 'dprk git-setup', and 'git stash pop' again"
    else:
        out = f"run 'git {verb} --abort', then 'dprk git-setup', and {verb} again"
    return LedgerUnreadable.of_file(
        exc.label,
        f"{line}: {CONFLICT_MARKERS}: git merged it as text, as this clone has not set up "
        f"the dprk merge driver that .gitattributes names; {out}",
    )


def config_get(root: Path, key: str) -> str | None:
    """A value from the repository's git configuration, or None when unset."""
    proc = _git(["config", "--get", key], root, check=False)
    if proc.returncode != 0:
        return None
    return proc.stdout.decode("utf-8", "replace").rstrip("\n")


def config_set(root: Path, key: str, value: str) -> None:
    """Set a value in this repository's own configuration (.git/config)."""
    _git(["config", "--local", key, value], root)


def is_ignored(root: Path, path: str) -> bool:
    """Whether git ignores `path` (relative to `root`), whether or not it exists yet."""
    proc = _git(["check-ignore", "-q", "--no-index", "--", path], root, check=False)
    if proc.returncode not in (0, 1):
        raise DprkError(f"git check-ignore failed: {_first_line(proc.stderr)}")
    return proc.returncode == 0


def tracked(root: Path, folder_name: str) -> list[str]:
    """Files git tracks inside any folder called `folder_name` (e.g. '.dprk/')."""
    pattern = f":(glob)**/{folder_name.rstrip('/')}/**"
    proc = _git(["ls-files", "-z", "--", pattern], root)
    return [os.fsdecode(p) for p in proc.stdout.split(b"\0") if p]


def attribute(root: Path, path: str, name: str) -> str | None:
    """The value of git attribute `name` for `path`, or None when unspecified."""
    proc = _git(["check-attr", name, "--", path], root)
    # "<path>: <attr>: <value>"
    value = proc.stdout.decode("utf-8", "replace").rstrip("\n").rsplit(": ", 1)[-1]
    return None if value in ("unspecified", "") else value


def read_input(path: Path) -> bytes:
    """One of the merge driver's input files (git's temporary copies; may be empty)."""
    from .fs import read_file

    return read_file(path, ledger=False)


def _literal(path: str) -> str:
    """`path` as a .gitattributes pattern that matches it alone: glob characters
    escaped, and each space written as a class (a pattern ends at a space)."""
    for special in "\\[]*?!#":
        path = path.replace(special, "\\" + special)
    return path.replace(" ", "[[:space:]]")


def setup(ledger: Path | None, cwd: Path) -> list[str]:
    """Make git merge the ledger with dprk in the repository holding `cwd`: route the
    ledger to the driver in .gitattributes, configure the driver in this clone, keep
    dprk's side files out of git. What was done (or found done), a line each."""
    from ..vocab import LEDGER_FILENAME, in_prose
    from .fs import append_line
    from .paths import SIDE_DIR, ensure_side_dir

    root = repo_root(cwd)
    if ledger is not None and ledger.exists():
        ledger_root, inside = ledger_in_repo(ledger)
        if ledger_root != real_path(root):
            raise DprkError(f"{ledger} is not inside the git repository at {root}")
    else:
        inside = LEDGER_FILENAME
    name = inside.rsplit("/", 1)[-1]
    folder = inside.rsplit("/", 1)[0] + "/" if "/" in inside else ""
    pattern = LEDGER_FILENAME if name == LEDGER_FILENAME else "/" + _literal(inside)
    said: list[str] = []
    written: list[str] = []
    configured = False

    # 1. .gitattributes: route the ledger to the driver.
    if attribute(root, inside, "merge") == DRIVER_NAME:
        said.append(f".gitattributes: {inside} already uses the dprk merge driver")
    else:
        line = f"{pattern} merge={DRIVER_NAME}"
        append_line(root / ".gitattributes", line)
        written.append(".gitattributes")
        said.append(f".gitattributes: added '{line}'")

    routed = attribute(root, inside, "merge")
    if routed != DRIVER_NAME:  # (a .gitattributes nearer the ledger overrides the line)
        raise DprkError(
            f"git still does not merge {inside} with dprk ('git check-attr merge' says "
            f"'{routed or 'unspecified'}'): a .gitattributes nearer to it overrides the line; "
            "remove the 'merge' setting there"
        )

    # 2. The driver itself, in this clone's git config (git does not share config).
    for key, value in (
        (f"merge.{DRIVER_NAME}.name", DRIVER_DESCRIPTION),
        (f"merge.{DRIVER_NAME}.driver", DRIVER_COMMAND),
        (f"merge.{DRIVER_NAME}.recursive", BASE_DRIVER_NAME),
        (f"merge.{BASE_DRIVER_NAME}.name", BASE_DRIVER_DESCRIPTION),
        (f"merge.{BASE_DRIVER_NAME}.driver", BASE_DRIVER_COMMAND),
    ):
        if config_get(root, key) == value:
            said.append(f"git config {key}: already '{value}'")
        else:
            config_set(root, key, value)
            configured = True
            said.append(f"git config {key} = '{value}'")

    # 3. dprk's side files (lock, cache, undo journal) never get committed: the
    # side folder carries its own .gitignore; the repository's is the fallback.
    if ledger is not None and ledger.exists():
        with contextlib.suppress(OSError):  # a read-only folder: git's answer below decides
            ensure_side_dir(ledger)
    side = f"{folder}{SIDE_DIR}/{name}.lock"
    if is_ignored(root, side):
        said.append(f"git already ignores dprk's side files ({folder}{SIDE_DIR}/)")
    else:
        append_line(root / ".gitignore", f"{SIDE_DIR}/")
        written.append(".gitignore")
        said.append(f".gitignore: added '{SIDE_DIR}/' (dprk's lock, cache and undo journal)")
    committed = tracked(root, f"{SIDE_DIR}/")
    if committed:
        said.append(
            f"note: git already tracks {len(committed)} of dprk's side files; stop with "
            f"'git rm -r --cached {committed[0].rsplit('/', 1)[0]}'"
        )
    if written:
        said.append(
            f"commit {in_prose(written)} so that the whole team shares "
            f"{'them' if len(written) > 1 else 'it'}; git keeps the driver's configuration "
            "per clone, so each teammate runs 'dprk git-setup' once"
        )
    elif not configured:
        said.append("nothing to change: git already merges this ledger with dprk")
    return said
