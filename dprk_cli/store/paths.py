"""Which ledger file a command uses, and where its side files live."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import LedgerNotRead
from ..plain import Plain
from ..vocab import LEDGER_FILENAME

ENV_VAR = "DPRK_LEDGER"
SIDE_DIR = ".dprk"


def find_ledger(explicit: Path | None = None, start: Path | None = None) -> Path:
    """The ledger for a command: `--ledger`, else `$DPRK_LEDGER`, else the nearest
    `dprk-ledger.toml` in the current folder or one of its parents."""
    if explicit is not None:
        return explicit
    env = _from_environment()
    if env is not None:
        return env
    here = (start or Path.cwd()).absolute()
    for folder in (here, *here.parents):
        candidate = folder / LEDGER_FILENAME
        # (any entry of that name ends the search: a link whose target is gone too, which
        # is then said, rather than a ledger further up changed in its place)
        if os.path.lexists(candidate):
            # named as the user would from here: 'dprk-ledger.toml', '../dprk-ledger.toml'
            return candidate if start is not None else Path(os.path.relpath(candidate))
    raise LedgerNotRead(
        None,
        f"no {LEDGER_FILENAME} here or in any parent folder; run 'dprk init' to create one "
        f"(or name a ledger with --ledger PATH or {ENV_VAR})",
    )


def found_above(explicit: Path | None = None) -> Path | None:
    """The ledger `find_ledger` finds in a parent folder, named from here
    ('../dprk-ledger.toml'), which a user in a new folder may not know they are changing;
    None when one is named (`explicit`, `$DPRK_LEDGER`) or is in the current folder."""
    if explicit is not None or _from_environment() is not None:
        return None
    path = find_ledger()
    return path if path.parent != Path() else None


def new_ledger_path(explicit: Path | None = None) -> Path:
    """Where `dprk init` creates a ledger: never in a parent's folder, nor in a `.dprk/`
    folder, over one of dprk's own files (another ledger's undo journal, say)."""
    path = explicit if explicit is not None else _from_environment() or Path(LEDGER_FILENAME)
    if SIDE_DIR in (real_path(path).parent.name, real_path(path).name):
        from ..errors import UsageError

        raise UsageError(
            f"{path}: is in (or is) a {SIDE_DIR}/ folder, where dprk keeps its own files "
            "beside a ledger; name a file elsewhere"
        )
    return path


def _from_environment() -> Path | None:
    """The ledger `$DPRK_LEDGER` names (None: it is not set), refused as `--ledger` is when
    it names a folder ('x/' would make a file 'x')."""
    env = os.environ.get(ENV_VAR)
    if not env:
        return None
    if env.endswith(tuple({"/", os.sep, os.altsep or "/"})):
        from ..errors import UsageError

        raise UsageError(f"{ENV_VAR}: '{env}' names a folder; name a file in it")
    return Path(env)


def real_path(path: Path) -> Path:
    """The file a ledger path names, symlinks followed (writes replace the real file)."""
    return Path(os.path.realpath(path))


def git_merging(ledger: Path) -> bool:
    """Whether the ledger is in a git work tree where a merge is under way (its git
    folder holds MERGE_HEAD, or the head of a cherry-pick, a revert or a rebase that
    stopped, or the AUTO_MERGE a stopped `git stash pop` leaves: `GIT_STOPS`): a few
    file lookups, no git process."""
    found = merge_head(ledger)
    return found is not None and (found is UNKNOWN or found.exists())


GIT_STOPS = (
    ("MERGE_HEAD", "merge"),
    ("CHERRY_PICK_HEAD", "cherry-pick"),
    ("REVERT_HEAD", "revert"),
    ("REBASE_HEAD", "rebase"),
    ("AUTO_MERGE", "stash"),  # (left by a merge that stopped: a `git stash pop`, say)
)
"""The files git keeps while a command of its that merges stopped for the user (each
merges the ledger with the merge driver, and may leave it unmerged), with the command."""


class Stopped(Plain):
    """A merge git stopped in (`git_stopped`), in the words a message says it in."""

    __slots__ = ("during", "ours", "theirs", "keep", "way_out")

    def __init__(self, during: str, ours: str, theirs: str, keep: str, way_out: str) -> None:
        self.during = during  # " (in a rebase)": which git command merges, "" for `git merge`
        # the side the file holds ("your side"; in a rebase, the branch replayed onto)
        self.ours = ours
        self.theirs = theirs  # the side whose changes are not in it
        self.keep = keep  # what 'git add' of the file as it is does
        self.way_out = way_out  # how to undo the merge and merge again


def stopped_words(verb: str, held: str = "ours") -> Stopped:
    """How a message says the merge `verb` (`git_stopped`) stopped in, the file holding
    the side `held` alone ('ours' or 'theirs': `gitio.merge_not_run`): in a rebase, ours
    is the branch replayed onto, and the commit replayed is theirs."""
    during = "" if verb == "merge" else f" (in a {verb})"
    if verb == "stash":
        out = "run 'git reset --merge' and 'git stash pop' again (git keeps the stash)"
    else:
        out = f"run 'git {verb} --abort' and {verb} again"
    if verb == "rebase":
        ours, theirs = "the branch you are rebasing onto", "the commit being replayed"
        if held == "theirs":
            return Stopped(during, theirs, ours, "to keep the commit's version alone", out)
        return Stopped(during, ours, theirs, "to drop it", out)
    if held == "theirs":
        return Stopped(during, "their side", "your side", "to keep their side alone", out)
    return Stopped(during, "your side", "the other side", "to keep your side alone", out)


def git_stopped(ledger: Path) -> str:
    """The git command merging the ledger ('merge', 'rebase', ...: `GIT_STOPS`); 'merge'
    when none is under way or git cannot say."""
    head = merge_head(ledger)
    return next(
        (verb for name, verb in GIT_STOPS if head is not None and head.name == name), "merge"
    )


UNKNOWN = Path()
"""What `merge_head` gives for a `.git` file it cannot read (let git say)."""


def merge_head(ledger: Path) -> Path | None:
    """The head file of the merge under way in the work tree the ledger is in (the first
    of `GIT_STOPS` there; its MERGE_HEAD, not there, when none is under way); None: in
    no work tree; `UNKNOWN`: a `.git` file that names no git folder. A work tree of its
    own (`git worktree`) names its git folder in a `.git` file."""
    for folder in real_path(ledger).parents:
        dot_git = folder / ".git"
        if dot_git.is_dir():
            return _head_in(dot_git)
        if dot_git.is_file():
            try:
                first = dot_git.read_text(encoding="utf-8").partition("\n")[0]
            except (OSError, UnicodeError):
                return UNKNOWN
            if not first.startswith("gitdir:"):
                return UNKNOWN
            return _head_in(folder / first.removeprefix("gitdir:").strip())
    return None


def _head_in(git_dir: Path) -> Path:
    heads = (git_dir / name for name, _ in GIT_STOPS)
    return next((head for head in heads if head.exists()), git_dir / "MERGE_HEAD")


def side_file(ledger: Path, suffix: str) -> Path:
    """A file of dprk's own beside the real ledger: `.dprk/NAME.SUFFIX` (NAME shortened
    where it is too long for a name of its own with more after it: `short_name`)."""
    real = real_path(ledger)
    return real.parent / SIDE_DIR / f"{short_name(real.name)}.{suffix}"


# The longest a file's name is used as it is in the names of the files dprk makes from
# it (a temporary file beside it, its files in `.dprk/`), which add up to 30 bytes: a
# folder holds names of at most 255 bytes.
NAME_ROOM = 200


def short_name(name: str) -> str:
    """`name`, or, longer than `NAME_ROOM` bytes, its first characters and a digest of
    the whole: a ledger named with 230 to 255 bytes (a long title in Hangul, at three
    bytes a letter) could be read, but no file could be made beside it to write it."""
    encoded = name.encode("utf-8", "surrogateescape")
    if len(encoded) <= NAME_ROOM:
        return name
    from hashlib import sha1

    kept = encoded[: NAME_ROOM - 41].decode("utf-8", "ignore")  # (whole letters only)
    return f"{kept}~{sha1(encoded).hexdigest()}"


def ensure_side_dir(ledger: Path) -> Path:
    """Create `.dprk/` beside the ledger, with a `.gitignore` that keeps it out of git."""
    folder = real_path(ledger).parent / SIDE_DIR
    if not folder.is_dir():
        folder.mkdir(exist_ok=True)
        (folder / ".gitignore").write_text(
            "# dprk's lock, cache and undo journal: local to this machine\n*\n", encoding="utf-8"
        )
    return folder


def is_own_file(ledger: Path, target: Path) -> bool:
    """Whether writing `target` would replace the ledger itself (however named: a
    symlink, a hard link, `sub/../`) or a file of dprk's own in a `.dprk/` folder."""
    real = real_path(target)
    if real.parent.name == SIDE_DIR:
        return True
    if real == real_path(ledger):
        return True
    try:
        return os.path.samefile(real, ledger)
    except OSError:  # (either does not exist)
        return False
