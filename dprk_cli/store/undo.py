"""Taking back the last change: the journal's newest entry, put back under the lock.

Every change dprk writes is journalled first (`journal.py`): the content key
it was made from (`before`), the one it produced (`after`), and what it
replaced (the previous text, or the previous version of each measure it
touched). Undo rebuilds the previous file from that, checks that it is
exactly the file the change was made from, writes it through the one commit,
and drops the entry, so that several undos walk further back. Like a write,
it reads only the blocks the change rewrote (where they lie, the journal
says) and brings the cache up to date from them; a file rewritten whole is
read whole.

An entry whose change never landed (the write failed after the journal was
written: the ledger still has its `before` content) is skipped. A ledger that
no longer has the content dprk's last change left (edited by hand, replaced,
merged by git) is refused: undoing would lose those edits; one whose lines an
editor ended otherwise, all of them (LF for CRLF, or the other way), is as dprk
left it, and the file brought back ends them as it now does (`_as_left`: redo's
rule too, of the file an undo left). Changes made to a version of the file that is
gone (another branch, a hand edit thrown away with them) are passed over to take back
the one the file is as it left, said so, and kept, marked (`journal.PASSED_OVER`): later
undos judge the file by the changes before them, and take them back where it holds them
again. Like any write,
the file undo brings back is checked among the measures it changes: it is the file
the change was made from, byte for byte, so an error `dprk check` reports there (a
hand edit's, that the change mended) comes back with it, and undo says so (`Undone.
errors`), but for those of a measure it brings back in merge conflict (undoing
`dprk resolve` brings the conflict back to be resolved, as it was); the file that
`init --force` replaced comes back as it was, ledger or not.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import DprkError, LedgerError
from ..model import Ledger
from ..rules import ERROR, errors_of, neighbours, new_problems
from . import journal
from .blocks import Layout
from .cache import AsRead, content_key
from .codec import check_encoding, read_bytes, render_ledger
from .fs import check_ledger, ledger_lock, read_file, refuse_blank, sweep_temporaries
from .ledger import commit
from .paths import SIDE_DIR, side_file
from .snapshots import remember

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from ..model import Measure
    from ..rules import Problem


@dataclass
class Undone:
    """What an undo took back: the change's own description and when it was made."""

    change: str
    when: str
    remaining: int
    errors: list[str]  # what `dprk check` finds wrong in the file brought back, first
    # what the rules warn of that the file brought back holds and the file undone did not
    # (`rules.new_problems`), as a write that made the file so tells it
    warnings: list[str] = field(default_factory=list)
    unreadable: str | None = None  # why the file `init --force` replaced is no ledger
    line_ends: str | None = None  # the file's line ends, when they alone changed since
    # each measure the undo put back, added or took away, as it was before the undo (None:
    # not there): what the deadlocks it may bring back are told from (`cli.common`)
    was: dict[str, Measure | None] = field(default_factory=dict)
    # the parties declared before the undo, which those measures name (a rename taken back)
    parties: list[str] = field(default_factory=list)
    passed_over: str | None = None  # the changes no longer in the file it passed over, said


def undo(path: Path, *, lock_timeout: float, landed: Callable[[str], None] | None = None) -> Undone:
    """Put the ledger at `path` back as it was before dprk's last change to it; `landed`
    is called once it is (and the journal has let the change go), Ctrl-C held till then,
    with the change as given (what an interrupt then says was taken back)."""
    label = str(path)
    check_ledger(path)  # (no ledger: nothing is made beside it)
    with ledger_lock(path, lock_timeout):
        sweep_temporaries(path)
        raw, over = AsRead.read(path)
        check_encoding(raw, label)  # (as every command says it: no change of dprk's)
        choice = _choose(path, raw, over.key, journal.read(path))
        if choice.marked is not None:  # (kept, should the file hold them again: see `_choose`)
            journal.rewrite(path, choice.marked, trimmed=choice.trimmed, cut=False)
        if choice.refusal is not None:
            raise choice.refusal
        entries, later, trimmed, ends = choice.entries, choice.later, choice.trimmed, choice.ends
        disk, raw = raw, choice.raw  # (the file as it is: what a redo brings back)
        entry = entries.pop()
        spans = _spans(entry, raw, label)  # (None: the entry keeps the whole old file)
        previous = _previous_bytes(entry, raw, label) if spans is None else _unspliced(spans, raw)
        if content_key(previous) != entry.get("before"):
            raise LedgerError(
                f"{label}: the undo journal does not match the ledger (cannot rebuild the "
                "previous version exactly); nothing changed"
            )
        # (what redo writes over the file undo leaves: made before the file is let go)
        redo = _forward(disk, over.key, spans if ends is None else None)
        del disk
        if spans is not None and ends is None:
            raw = b""  # (not held while the blocks are put back; read again should they not be)
        if ends is not None:  # (written back in the file's line ends now, as writes keep them)
            previous = _ended(previous, ends)
        errors: list[str] = []
        warnings: list[str] = []
        unreadable = None
        was: dict[str, Measure | None] = {}
        parties: list[str] = []

        def forget() -> None:
            # The ledger is back; the entry goes with it, before Ctrl-C is taken (a crash
            # in between leaves an entry whose `before` is the current content: the next
            # undo finds the change put back, as by an undo cut short, and says so).
            # (those passed over stay kept, marked: no later undo judges the file by them)
            passed = [{**e, journal.PASSED_OVER: True} for e in later]
            journal.rewrite(path, entries + passed, trimmed=trimmed, cut=False)
            kept = {k: v for k, v in entry.items() if k not in _TOLD}
            since = journal.identity(journal.newest(entries + later))
            item = {"entry": kept, "before": content_key(previous), "since": since, **redo}
            journal.push_redo(path, item, entry, over.key)
            if landed is not None:
                landed(str(entry.get("change") or "a change"))

        key = str(entry["before"])
        if ends is not None:
            spans = None  # (the file written whole, in its line ends)
        if not (
            spans
            and _undo_blocks(
                path, previous, key, spans, label, (errors, warnings), forget, was, parties
            )
        ):
            # (an `init --force`: the command as given, its options too, begins with 'init')
            replaced = str(entry.get("change")).split(" ", 1)[0] == "init"
            back: tuple[Ledger, Layout | None] | None
            try:
                back = _checked(
                    previous,
                    raw or read_file(path),
                    path,
                    (errors, warnings),
                    was,
                    parties,
                    replaced=replaced,
                )
            except _NoLedger as exc:  # (the file `init --force` replaced comes back as it was)
                back, unreadable = None, str(exc)
            commit(path, previous, None, over=over, landed=forget)
            if back is not None:
                remember(path, previous, back[0], back[1])
    return Undone(
        change=str(entry.get("change") or "a change"),
        when=str(entry.get("when") or ""),
        remaining=len(entries),
        errors=errors,
        warnings=warnings,
        unreadable=unreadable,
        line_ends=_ends_named(ends),
        was=was,
        parties=parties,
        passed_over=_passed_said(later) if later else None,
    )


# (told of a change, not of it)
_TOLD = (journal.LANDED, journal.TELLS, journal.PUT_BACK, journal.PASSED_OVER)


def _forward(raw: bytes, key: str, spans: list[Span] | None = None) -> dict[str, Any]:
    """What `dprk redo` writes over the file an undo leaves to bring back `raw` (of content
    `key`), the file before the undo: given the undo's `spans` (ranges of `raw`, and what
    each replaced), each range where it lies in the file the undo leaves and the text it
    takes back; else, or where a range's text is not UTF-8, the whole of `raw`."""
    if spans is not None:
        found: list[list[Any]] = []
        shift = 0  # (how far the file the undo leaves has moved a range on)
        try:
            for start, end, old in spans:
                at = start + shift
                found.append([at, at + len(old), raw[start:end].decode("utf-8")])
                shift += len(old) - (end - start)
        except UnicodeDecodeError:
            pass
        else:
            return {"after": key, "splices": found}
    try:
        return {"after": key, "raw": raw.decode("utf-8")}
    except UnicodeDecodeError:
        import base64

        return {"after": key, "raw_b64": base64.b64encode(raw).decode("ascii")}


@dataclass
class Redone:
    """What a redo put back: the change's own description and when it was made."""

    change: str
    when: str
    # each measure the redo changed, as it was before (None: not there), and the parties
    # declared before: what the deadlocks it may bring back are told from (`cli.common`)
    was: dict[str, Measure | None] = field(default_factory=dict)
    parties: list[str] = field(default_factory=list)
    line_ends: str | None = None  # the file's line ends, when they alone changed since
    passed_over: str | None = None  # (as undo's: a redo passes no change over)
    warnings: list[str] = field(default_factory=list)  # (as undo's: what the rules warn of)
    # the older changes the undo journal let go to keep the change journalled again (None:
    # none), for the command to say as every write does (an undo journals nothing)
    let_go: journal.LetGo | None = None


def redo(path: Path, *, lock_timeout: float, landed: Callable[[str], None] | None = None) -> Redone:
    """Put back the change the last `undo` of the ledger at `path` took back, when the
    ledger is still exactly as that undo left it and dprk made no change since; through
    the one commit, journalled again (undo takes it back again), the change checked as
    any write is. `landed` is called once it is, Ctrl-C held till then, with the change."""
    label = str(path)
    check_ledger(path)  # (no ledger: nothing is made beside it)
    with ledger_lock(path, lock_timeout):
        sweep_temporaries(path)
        raw, over = AsRead.read(path)
        check_encoding(raw, label)
        stack = journal.redos(path)
        raw, ends = _redoable(path, raw, over.key, stack)
        item = stack[-1]
        entry = item["entry"]
        change = str(entry.get("change") or "a change")
        try:
            spans = _spans(item, raw, label)  # (None: the whole file is kept)
            after = _previous_bytes(item, raw, label) if spans is None else _unspliced(spans, raw)
        except LedgerError:
            after, spans = b"", None
        key = str(item.get("after"))
        if content_key(after) != key:
            raise LedgerError(
                f"{label}: dprk's record for redo ({side_file(path, 'redo')}) does not match "
                "the ledger (cannot rebuild the version undo took back exactly); nothing changed"
            )
        if ends is not None:  # (written whole, in the file's line ends now, as undo does)
            after, spans = _ended(after, ends), None
        again = {k: v for k, v in entry.items() if k not in _TOLD}
        was: dict[str, Measure | None] = {}
        parties: list[str] = []
        errors: list[str] = []
        warnings: list[str] = []
        let_go: list[journal.LetGo | None] = [None]

        def refuse(found: list[str]) -> None:
            more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
            raise DprkError(
                f"{label}: cannot redo '{change}': it would bring an error into the ledger "
                f"now: {found[0]}{more}; nothing was written"
            )

        def forget() -> None:
            journal.rewrite_redos(path, stack[:-1])  # (put back: it is undo's again)
            if landed is not None:
                landed(change)

        if not (
            spans
            and _undo_blocks(
                path,
                after,
                key,
                spans,
                label,
                (errors, warnings),
                forget,
                was,
                parties,
                again,
                refuse,
                let_go,
            )
        ):
            try:
                back = _checked(after, raw, path, (errors, warnings), was, parties, replaced=False)
            except DprkError:  # (the file is no ledger: the one `init --force` replaced)
                back = read_bytes(after, label)
            if errors:
                refuse(errors)
            let_go[0] = commit(path, after, again, over=over, landed=forget)
            remember(path, after, back[0], back[1])
    return Redone(
        change=change,
        when=str(entry.get("when") or ""),
        was=was,
        parties=parties,
        line_ends=_ends_named(ends),
        warnings=warnings,
        let_go=let_go[0],
    )


def _redoable(
    path: Path, raw: bytes, current: str, stack: list[dict[str, Any]]
) -> tuple[bytes, bytes | None]:
    """The file `raw` (of content `current`) as the undo whose change the last of `stack`
    keeps left it, and its line ends now where they alone changed since (`_as_left`); a
    `DprkError` saying why redo puts nothing back (nothing undone, a change dprk made
    since, the file not as undo left it). What `redo` and `redo --list` judge by."""
    label = str(path)
    if not stack:
        raise DprkError(
            f"{label}: nothing to redo: 'dprk undo' has taken back no change that is "
            "not put back already (a change dprk made since an undo ends what can be "
            "redone)"
        )
    item = stack[-1]
    change = str(item["entry"].get("change") or "a change")
    kept = journal.changes(journal.entries(path))
    if journal.identity(journal.newest(kept)) != item.get("since"):
        made = _made_since(kept, item.get("since"))
        if made is None:  # (the journal went back past the undo: it names no change)
            raise DprkError(
                f"{label}: cannot redo '{change}': the ledger is not as 'dprk undo' left "
                "it (changed since, by a dprk that keeps no redo record or outside dprk), "
                "which ends what can be redone; nothing was written"
            )
        raise DprkError(
            f"{label}: cannot redo '{change}': dprk changed the ledger since 'dprk undo' "
            f"took it back ('{made.get('change')}'), which ends what can be redone; "
            "nothing was written"
        )
    left = _as_left(raw, current, item.get("before"))
    if left is None:
        raise DprkError(
            f"{label}: cannot redo '{change}': the ledger is not as 'dprk undo' left it (it "
            "was edited by hand, replaced, merged or checked out from another branch "
            "since); redo puts the change back once the file is again as undo left it (a "
            "change dprk makes meanwhile ends what can be redone); nothing was written"
        )
    return left


def redoable(path: Path) -> Takeable:
    """The changes `redo` would put back of the ledger at `path`, one redo after another
    (the one the last undo took back first), as `redo --list` shows them; or, where redo
    would put back nothing, why, as redo says it. Reads the ledger, the journal and redo's
    record; writes nothing, and takes no lock (a reader's view, as `takeable`)."""
    label = str(path)
    check_ledger(path)
    raw = read_file(path)
    check_encoding(raw, label)
    stack = journal.redos(path)
    try:
        _redoable(path, raw, content_key(raw), stack)
    except DprkError as exc:
        return Takeable([], exc.message, False)
    found = [
        (str(item["entry"].get("change") or "a change"), str(item["entry"].get("when") or ""))
        for item in reversed(stack)
    ]
    return Takeable(found, None, False)


def _made_since(kept: list[dict[str, Any]], since: object) -> dict[str, Any] | None:
    """The newest of the journal's changes `kept` when it was made after an undo that left
    `since` (`journal.identity`) the newest: `since` is still kept below it, or was none;
    None when it is not (`since` taken back in turn, by a dprk that keeps no redo record:
    the newest change is one made before the undo, and no change since is known)."""
    made = journal.newest(kept)
    if made is None or since is None:
        return made
    at = kept.index(made)
    return made if any(journal.identity(e) == since for e in kept[:at]) else None


@dataclass
class _Choice:
    """What the journal and the file read say undo takes back: the last of `entries`,
    or, with `refusal` set, nothing (and why)."""

    entries: list[dict[str, Any]]  # the changes up to the one to take back, oldest first
    later: list[dict[str, Any]]  # kept for the version of the file they were made to
    trimmed: bool  # the journal let older changes go
    raw: bytes  # the file, as dprk left it (its line ends, where they alone changed, put back)
    current: str  # its content key
    ends: bytes | None = None  # the file's line ends, where they alone changed since
    refusal: DprkError | None = None  # why nothing is taken back
    marked: list[dict[str, Any]] | None = None  # the journal to keep before the refusal
    why: str | None = None  # the refusal's reason alone (no label, nor what it let go)


def _choose(
    path: Path, raw: bytes, current: str, read: journal.Read, listing: bool = False
) -> _Choice:
    """The change `undo` takes back of the ledger at `path` (holding `raw`, of content
    `current`), its journal `read` so; what `undo --list` lists from, too (`listing`: a
    refusal worded for a command that only lists), so that the list is what undo does.
    Nothing is written here."""
    label = str(path)
    found = read.found
    if journal.unreadable(path, found):
        return _Choice(
            [],
            [],
            False,
            raw,
            current,
            refusal=LedgerError(
                f"{label}: the undo journal ({side_file(path, 'undo')}) could not be read "
                "(damaged: it holds no entry dprk wrote), so nothing was undone and "
                "the ledger is unchanged (dprk's changes from here on can be undone)"
            ),
        )
    if read.damaged is not None:  # (an entry edited by hand: no change is guessed at)
        number, wrong = read.damaged
        return _Choice(
            [],
            [],
            False,
            raw,
            current,
            refusal=LedgerError(
                f"{label}: the undo journal ({side_file(path, 'undo')}) has a damaged entry "
                f"on line {number} ({wrong}: not as dprk writes one), so nothing was undone "
                "and the ledger is unchanged; delete that line from the journal to undo the "
                "changes it keeps besides"
            ),
        )
    trimmed, entries = journal.was_trimmed(found), journal.changes(found)
    return _walk(path, raw, current, entries, trimmed, read.torn, listing)


def _walk(
    path: Path,
    raw: bytes,
    current: str,
    entries: list[dict[str, Any]],
    trimmed: bool,
    torn: int | None,
    listing: bool,
) -> _Choice:
    """`_choose`'s judgement of the journal's `entries` (oldest first): the one home of
    what an undo does, so that an undo that lets changes go can say what the next one
    does (`_put_back_outside`). Those an undo passed over (`later` once) are not what
    the file is judged by: it is the change before them, or none."""
    label = str(path)
    let_go: list[dict[str, Any]] = []

    def refused(
        refusal: DprkError, marked: list[dict[str, Any]] | None = None, why: str | None = None
    ) -> _Choice:
        why = why or refusal.message.removeprefix(f"{label}: ")
        return _Choice([], [], trimmed, raw, current, refusal=refusal, marked=marked, why=why)

    ends = None  # the file's line ends, where they alone changed since dprk's last write
    left = _as_left(raw, current, entries[-1].get("after")) if entries else None
    if left is not None:
        (raw, ends), current = left, entries[-1]["after"]  # (undone as dprk left it)
    later: list[dict[str, Any]] = []  # kept for the version of the file they were made to
    while entries and entries[-1].get("after") != current:
        if entries[-1].get(journal.PASSED_OVER):  # (an undo took back one before it)
            later.insert(0, entries.pop())  # (kept; the file is judged by the one before)
            continue
        put_back = _put_back(entries, current)
        if put_back:  # (no longer in the file: not taken back)
            kept, gone = entries[:-put_back], entries[-put_back:]
            if all(e.get(journal.PUT_BACK) == current for e in gone):
                # (told so once at this content: passed over, and let go of once the
                # change before them is taken back; kept while undo refuses that one)
                entries = kept
                let_go = gone + let_go
                continue
            # Kept, should the file hold them again (the branch they were made on
            # checked out again); passed over by the next undo at this content.
            marked = [{**e, journal.PUT_BACK: current} for e in gone]
            then = _walk(path, raw, current, [*kept, *marked], trimmed, torn, listing)
            said = _put_back_outside(label, gone, kept, then, listing)
            return refused(DprkError(said), [*kept, *marked])
        if entries[-1].get("before") == current:  # (and not landed: `_put_back` is 0)
            entries.pop()  # its write never landed: nothing of it to take back
            continue
        at = _left_by(entries, current)
        if at is not None:  # (the later ones were made to another version of the file)
            later = entries[at + 1 :] + later
            entries = entries[: at + 1]
            break
        if torn is not None:  # (the record of the change that did, likely)
            return refused(LedgerError(_torn(label, path, torn, entries[-1])))
        above = let_go or later
        whose = f"the change before {_them(above)}" if above else "dprk's last change"
        why = (
            f"the ledger is not as {whose} ('{entries[-1].get('change')}') left it (it was "
            "edited by hand, replaced, merged or checked out from another branch since), so "
            "undo cannot take that change back without losing what changed since; restore an "
            "earlier version from git or by hand (dprk's changes from here on can be undone)"
            f"{_passed_said(later, then=True)}"
        )
        if let_go:  # (kept and passed over: this refusal holds at this content)
            said = f"{label}: nothing can be undone at this content: {_passed_over(let_go)}; {why}"
            return refused(DprkError(said), why=why)
        return refused(DprkError(f"{label}: {why}"), why=why)
    passed = _passed_said(later, then=True)  # (passed over by an undo before, and kept)
    if not entries and trimmed:
        return refused(
            DprkError(
                f"{label}: nothing more to undo: the undo journal let the older changes go "
                f"(it keeps at least the last {journal.KEEP}, fewer when they are large: about "
                f"{journal.kept_mb()} MB of them){passed}"
            )
        )
    if not entries and let_go:  # (nothing before them: they stay kept)
        named = ", ".join(f"'{e.get('change')}'" for e in reversed(let_go))
        return refused(
            DprkError(
                f"{label}: nothing to undo here: dprk recorded no change before {named}, "
                "which the file no longer holds (kept: where the file holds it again, on the "
                f"branch it was made on, undo takes it back){passed}"
            )
        )
    if not entries and journal.kept(path):  # (written, and each change taken back)
        return refused(
            DprkError(
                f"{label}: nothing more to undo: every change dprk's undo journal kept of "
                f"it has been taken back{' or passed over' if later else ''} (a ledger 'dprk "
                f"init' made is taken back by deleting the file){passed}"
            )
        )
    if not entries:
        return refused(
            DprkError(
                f"{label}: nothing to undo: dprk's undo journal (in {SIDE_DIR}/ beside the "
                "ledger) holds no change of it; a ledger 'dprk init' made, and nothing since, "
                "is taken back by deleting the file, and a change made before that folder "
                "was removed (or the ledger moved) is not kept"
            )
        )
    return _Choice(entries, later, trimmed, raw, current, ends)


@dataclass
class Takeable:
    """What `undo` can take back, as `undo --list` shows it: each change, newest first
    (the one the next undo takes back first), and what is to be said besides."""

    changes: list[tuple[str, str]]  # (the change as given, when it was made, ISO 8601)
    said: str | None  # why nothing can be taken back (as undo would say it), or None
    let_go: bool  # the journal let older changes go, before the oldest listed
    passed_over: str | None = None  # the changes no longer in the file undo passes over


def takeable(path: Path) -> Takeable:
    """The changes `undo` would take back of the ledger at `path`, one undo after another,
    as `_choose` finds them. Reads the ledger and the journal; writes nothing, and takes
    no lock (a reader's view: whichever whole version is on disk). A journal undo finds
    damaged is refused as undo refuses it."""
    label = str(path)
    check_ledger(path)
    raw = read_file(path)
    check_encoding(raw, label)
    choice = _choose(path, raw, content_key(raw), journal.read(path), listing=True)
    if isinstance(choice.refusal, LedgerError):  # (a damaged journal: nothing to list)
        raise choice.refusal
    if choice.refusal is not None:
        return Takeable([], choice.refusal.message, False)
    entries, current = choice.entries, choice.current
    found: list[tuple[str, str]] = []
    at = len(entries)
    while at:  # (each undo leaves the file as the change before the next found it)
        last = entries[at - 1]
        if last.get("after") == current:
            found.append((str(last.get("change") or "a change"), str(last.get("when") or "")))
            current = str(last.get("before"))
        elif journal.has_landed(last) or last.get("before") != current:
            break  # (not one change after the other: the undo that meets it says why)
        at -= 1  # (a change that never landed is passed over, as undo passes it)
    passed = _passed_said(choice.later, listing=True) or None
    return Takeable(found, None, choice.trimmed and not at, passed)


def _torn(label: str, path: Path, line: int, last: dict[str, Any]) -> str:
    """The refusal of an undo that finds the journal's last line torn (a write to it cut
    short), and the ledger not as the change before it (`last`) left it: the torn line
    was likely the record of the change that did (its end lost: a crash, a copy made
    mid-write), not a hand edit of the ledger."""
    return (
        f"{label}: the undo journal's last line is torn (line {line} of "
        f"{side_file(path, 'undo')}: a write to it was cut short), and the ledger is not as "
        f"the change before it ('{last.get('change')}') left it: the torn line was likely "
        "the record of the change that did, and cannot be read, so nothing was undone and "
        "the ledger is unchanged; restore an earlier version from git or by hand (dprk's "
        "changes from here on can be undone)"
    )


def _as_left(raw: bytes, current: str, left: object) -> tuple[bytes, bytes | None] | None:
    """The file `raw` (of content `current`) as dprk left it, of content `left`, and its
    line ends now where they alone changed since (an editor that ended every line the
    other way: the file is as dprk left it, and what undo or redo writes keeps them;
    None where nothing changed); None when it is not as dprk left it. The one rule of
    both undo and redo."""
    if current == left:
        return raw, None
    other = _other_line_ends(raw)
    if other is None or content_key(other) != left:
        return None
    return other, b"\r\n" if b"\r\n" in raw else b"\n"


def _ended(raw: bytes, ends: bytes) -> bytes:
    """`raw` with every line ended by `ends`."""
    raw = raw.replace(b"\r\n", b"\n")
    return raw.replace(b"\n", ends) if ends != b"\n" else raw


def _ends_named(ends: bytes | None) -> str | None:
    """The line ends `ends` as undo's and redo's lines name them (None: not told)."""
    return None if ends is None else "CRLF" if ends == b"\r\n" else "LF"


def _other_line_ends(raw: bytes) -> bytes | None:
    """The file with its lines ended the other way (CRLF for LF alone, or LF for CRLF),
    when they all end one way; None when they do not (or there is no line)."""
    breaks = raw.count(b"\n")
    if not breaks:
        return None
    crlf = raw.count(b"\r\n")
    if crlf == breaks:
        return raw.replace(b"\r\n", b"\n")
    return raw.replace(b"\n", b"\r\n") if crlf == 0 else None


def _put_back(entries: list[dict[str, Any]], current: str) -> int:
    """How many of dprk's last changes, each of which landed, the ledger no longer holds:
    it is as it was before the first of them (put back outside dprk: by git, an editor,
    an undo cut short); 0 when it is not so."""
    for n, entry in enumerate(reversed(entries), 1):
        if not journal.has_landed(entry):
            return 0
        if entry.get("before") == current:
            return n
        earlier = len(entries) - n - 1
        if earlier < 0 or entries[earlier].get("after") != entry.get("before"):
            return 0  # (not one change after the other: not dprk's own line of changes)
    return 0


def _left_by(entries: list[dict[str, Any]], current: str) -> int | None:
    """The latest of dprk's changes that left the ledger as it is now, when a later one
    does not (made to another version of the file: on a branch checked out, then left,
    or put back by an undo cut short); None when none did. The file holding what the
    change made shows it landed, whether or not the journal was told (a process killed
    as its change landed)."""
    for at in range(len(entries) - 2, -1, -1):
        if entries[at].get("after") == current:
            return at
    return None


def _them(gone: list[dict[str, Any]]) -> str:
    return "it" if len(gone) == 1 else "them"


def _passed_said(passed: list[dict[str, Any]], *, then: bool = False, listing: bool = False) -> str:
    """The clause that names the changes `passed` an undo passes over (no longer in the
    file: made to a version of it that is gone) to take back an older one, and keeps;
    `then`: passed over by an undo before, said after what this one says; `listing`: by
    `undo --list`, of what the undos it lists do ('' for none)."""
    if not passed:
        return ""
    it = _them(passed)
    named = ", ".join(f"'{e.get('change')}'" for e in reversed(passed))
    verb = "'dprk undo' passes over" if listing else "passed over"
    return (
        f"{'; ' if then else ''}{verb} {named}, which the file no longer holds (kept: "
        f"undo takes {it} back where the file holds {it} again)"
    )


def _passed_over(let_go: list[dict[str, Any]]) -> str:
    """What an undo that goes on to refuse says of the changes `let_go` it passed over
    (put back outside dprk, told so by the undo before: `_put_back_outside`): kept in the
    journal, not let go of, so that it claims nothing it did not do."""
    it = _them(let_go)
    named = ", ".join(f"'{e.get('change')}'" for e in reversed(let_go))
    last = "last change" if len(let_go) == 1 else f"last {len(let_go)} changes"
    return (
        f"dprk's {last} ({named}), no longer in the ledger (as an undo said before), "
        f"{'is' if it == 'it' else 'are'} passed over here and kept (undo takes {it} back "
        f"where the file holds {it} again)"
    )


def _put_back_outside(
    label: str,
    gone: list[dict[str, Any]],
    entries: list[dict[str, Any]],
    then: _Choice,
    listing: bool = False,
) -> str:
    """The refusal of an undo that finds the ledger as it was before dprk's last changes
    `gone`, which had landed: put back outside dprk. Undoing the change before them then
    would be a guess; the journal keeps them, should the file hold them again (the branch
    they were made on checked out), and the next undo at this content passes them over
    and does what `then` says (`_walk`'s judgement of the journal so marked): takes back
    the change before them, letting them go, or refuses, and why (a hand edit since that
    change), keeping them, and says so each time after (nothing can be undone at this
    content), so that this one promises nothing the next does not do. `listing`: said by
    `undo --list`, which marks nothing, so that two undos from here take back the change
    before them, the first letting them go."""
    it = _them(gone)
    taken = then.entries[-1] if then.refusal is None else None
    if not entries:
        next_one = f"dprk recorded no change before {it}"
    elif taken is None:  # (the change before them not to be taken back either)
        again = "" if listing else " run again"
        next_one = f"nor does 'dprk undo'{again} take anything back at this content: {then.why}"
    else:
        change = f"'{taken.get('change')}'"
        if taken == entries[-1]:
            change = f"the change before {it} ({change})"
        next_one = (
            f"the next 'dprk undo' lets {it} go, taking nothing back, and the one after takes "
            f"back {change}"
            if listing
            else f"run 'dprk undo' again to let {it} go and take back {change}"
        )
    done = "nothing is listed" if listing else "nothing was undone"
    named = ", ".join(f"'{e.get('change')}'" for e in reversed(gone))
    last = "last change" if len(gone) == 1 else f"last {len(gone)} changes"
    are = "is" if len(gone) == 1 else "are"
    return (
        f"{label}: dprk's {last} ({named}) {are} no longer in the ledger: the file is as it "
        f"was before {it} (put back by git, another branch checked out, an editor, or an "
        f"undo cut short), so {done}; undo takes {it} back where the file holds "
        f"{it} again; {next_one}"
    )


def _undo_blocks(
    path: Path,
    previous: bytes,
    key: str,
    spans: list[Span],
    label: str,
    found_in: tuple[list[str], list[str]],
    landed: Callable[[], None],
    was: dict[str, Measure | None],
    parties: list[str],
    entry: dict[str, Any] | None = None,
    refuse: Callable[[list[str]], None] | None = None,
    let_go: list[journal.LetGo | None] | None = None,
) -> bool:
    """Put `previous` back as a write does (the lock held): only the blocks the change
    rewrote are read (its `spans`: where each lies in the file now, and what it
    replaced), checked as any change is (what is wrong there added to the first list of
    `found_in`, what the rules warn of to the second: `_found`), and the cache brought up
    to date from them; `was` is given the measures it put back, as they
    were before. A redo writes so too: `entry` is then journalled, `refuse` is given
    the errors found, before anything is written, and the first of `let_go` what the
    journal let go to keep the entry (`commit`).
    False, with nothing written, when the cache cannot say where the blocks lie: the
    whole file is then read."""
    from ..draft import Draft
    from .ledger import bring_cache_up
    from .snapshots import open_snapshot

    before = open_snapshot(path, verify=True)
    layout = before.layout
    found = None if layout is None else _blocks_before(layout, spans)
    if layout is None or found is None:
        return False
    old_header, olds, kept, lengths = found
    head = old_header if old_header is not None else previous[: layout.header_end]
    try:
        back, mini = read_bytes(head + b"".join(olds), label)
    except DprkError:
        return False  # (not what dprk wrote: the whole file says what is wrong)
    if len(back.measures) != len(olds):
        return False
    if olds and (
        mini is None or (mini.header_end, mini.lengths) != (len(head), list(map(len, olds)))
    ):
        return False
    restored = iter(back.measures)
    ids = [ident if ident is not None else next(restored).id for ident in kept]
    laid_out = Layout(len(head), ids, lengths)
    if not laid_out.fits(previous):
        return False
    draft = Draft(before.header(), before.measures())
    present = set(ids)
    for ident in layout.ids:
        if ident not in present:
            draft.remove(ident)  # added by the change
    for m in back.measures:
        draft.put(m)  # as it was before the change
    if old_header is not None:
        draft.set_header(
            title=back.title,
            parties=back.parties,
            conflicts=back.conflicts,
            ended=(back.ended, back.ended_note),
        )
    errors = _found(
        new_problems(
            draft.before(), draft.original_parties, draft.index(), draft.parties, draft.touched
        ),
        draft.index(),
        found_in,
    )
    if refuse is not None and errors:
        refuse(errors)
    cut = commit(path, previous, entry, over=before.as_read, landed=landed)
    if let_go is not None:
        let_go[0] = cut
    was.update((ident, draft.before().get(ident)) for ident in sorted(draft.touched))
    parties += draft.original_parties
    bring_cache_up(before, draft, key, len(previous), draft.header(), laid_out.digested(previous))
    return True


def _blocks_before(
    layout: Layout, spans: list[Span]
) -> tuple[bytes | None, list[bytes], list[str | None], list[int]] | None:
    """From the file's layout now and a change's spans (in file order: the header's
    first, then each block rewritten, added — it replaced nothing — or removed — it
    took no room): the header before the change (None: unchanged), the blocks it
    replaced or removed, and the ids and lengths of the blocks before it, in file order
    (an id None: one of those blocks, to be read); None when the splices do not lie on
    the blocks."""
    at = 0
    old_header = None
    if spans[0][0] == 0:
        if spans[0][1] != layout.header_end:
            return None
        old_header = spans[0][2]
        at = 1
    olds: list[bytes] = []
    ids: list[str | None] = []
    lengths: list[int] = []

    def restore(old: bytes) -> None:
        olds.append(old)
        ids.append(None)
        lengths.append(len(old))

    for ident, start, end in layout.spans():
        while at < len(spans) and spans[at][0] == spans[at][1] == start:
            restore(spans[at][2])  # removed by the change: it comes back here
            at += 1
        if at < len(spans) and spans[at][0] == start:
            if spans[at][1] != end:
                return None
            if spans[at][2]:
                restore(spans[at][2])  # rewritten by the change: the old block
            at += 1  # (none: added by the change, gone again)
            continue
        ids.append(ident)
        lengths.append(end - start)
    end = layout.header_end + sum(layout.lengths)
    while at < len(spans) and spans[at][0] == spans[at][1] == end:
        restore(spans[at][2])
        at += 1
    return None if at != len(spans) else (old_header, olds, ids, lengths)


class _NoLedger(Exception):
    """The file `init --force` replaced, which undo brings back, is not a ledger: why."""


def _checked(
    previous: bytes,
    current: bytes,
    path: Path,
    found_in: tuple[list[str], list[str]],
    was: dict[str, Measure | None],
    parties: list[str],
    *,
    replaced: bool,
) -> tuple[Ledger, Layout | None]:
    """The ledger undo brings back (and its layout), the errors it brings back among the
    measures that differ added to the first list of `found_in` (and what the rules warn
    of to the second: `_found`), and those measures as they are now to `was`
    (and the parties declared now to `parties`);
    `_NoLedger`, saying why, for a `replaced` file that is not a ledger (a blank one too,
    as check and every read of it say)."""
    label = str(path)
    try:
        refuse_blank(previous, path, label)
        back, layout = read_bytes(previous, label)
    except DprkError as exc:
        if replaced:
            raise _NoLedger(exc.message.removeprefix(f"{label}: ")) from None
        raise
    now = read_bytes(current, label)[0]  # (as the file holds it, as `back` is)
    before, after = now.index(), back.index()
    differing = {i for i in before.keys() | after.keys() if before.get(i) != after.get(i)}
    was.update((ident, before.get(ident)) for ident in sorted(differing))
    parties += now.parties
    _found(new_problems(before, now.parties, after, back.parties, differing), after, found_in)
    return back, layout


def _found(
    problems: list[Problem], after: Mapping[str, Measure], found_in: tuple[list[str], list[str]]
) -> list[str]:
    """The `problems` the file undo (or redo) brings back adds (`rules.new_problems`): its
    errors (but those `_brought_back` leaves to a conflict) added to the first list of
    `found_in`, which is given back, and its warnings to the second, as a write that made
    the file so tells them (`Draft.finish`)."""
    errors, warnings = found_in
    errors += _said(_brought_back(errors_of(problems), after))
    warnings += _said([p for p in problems if p.severity != ERROR])
    return errors


def _brought_back(problems: list[Problem], after: Mapping[str, Measure]) -> list[Problem]:
    """The `problems` undo refuses: not those of a measure it brings back holding a merge
    conflict, or of the measures it links to or from. Bringing the conflict back is what
    undoing 'dprk resolve' means to do: it waits to be resolved again, as before, and so
    do the errors it explains (two histories that do not fit together, say, until one
    side's is taken; an order together with another measure that it records on one side
    only, until theirs is taken)."""
    named = {p.measure for p in problems if p.measure is not None and p.measure in after}
    conflicted = {i for i in named if after[i].conflicts}
    if any(p.measure is not None and p.measure not in conflicted for p in problems):
        held = [i for i, m in after.items() if m.conflicts]
        conflicted |= neighbours(after, held) if held else set()
    return [p for p in problems if p.measure is None or p.measure not in conflicted]


def _said(problems: list[Problem]) -> list[str]:
    """The problems the file undo brings back holds, as `dprk check` words them (and a
    write's warnings: its measure, then its words)."""
    return [f"{p.measure}: {p.message}" if p.measure else p.message for p in problems]


Span = tuple[int, int, bytes]  # a range of the file now, and the bytes it replaced


def _spans(entry: dict[str, Any], raw: bytes, label: str) -> list[Span] | None:
    """The ranges a change rewrote (in file order, none overlapping, within `raw`) and
    what each replaced, from its journal entry; None for an entry that keeps the whole
    old file instead."""
    splices = entry.get("splices")
    if not isinstance(splices, list):
        return None
    found: list[Span] = []
    at = 0
    try:
        for start, end, old in splices:
            if not (isinstance(start, int) and isinstance(end, int) and at <= start <= end):
                raise ValueError
            if end > len(raw):
                raise ValueError
            found.append((start, end, str(old).encode("utf-8")))
            at = end
    except (TypeError, ValueError):
        raise LedgerError(
            f"{label}: the undo journal's last entry is damaged; nothing changed"
        ) from None
    return found


def _unspliced(spans: list[Span], raw: bytes) -> bytes:
    """The file before a change: each range it rewrote put back to the bytes it
    replaced, the file joined once from the untouched runs and the old bytes."""
    view = memoryview(raw)
    pieces: list[bytes | memoryview] = []
    at = 0
    for start, end, old in spans:
        pieces.append(view[at:start])
        pieces.append(old)
        at = end
    pieces.append(view[at:])
    return b"".join(pieces)


def _previous_bytes(entry: dict[str, Any], raw: bytes, label: str) -> bytes:
    """The file as it was before the entry's change, from an entry that keeps the whole
    old file (or the old version of each measure it touched) and the current file."""
    from pydantic import ValidationError

    text = entry.get("raw")
    if isinstance(text, str):
        return text.encode("utf-8")
    if isinstance(entry.get("raw_b64"), str):
        import base64
        import binascii

        try:
            return base64.b64decode(entry["raw_b64"], validate=True)
        except (binascii.Error, ValueError):
            raise LedgerError(
                f"{label}: the undo journal's last entry is damaged; nothing changed"
            ) from None
    header = entry.get("header")
    changed = entry.get("measures")
    if not isinstance(header, dict) or not isinstance(changed, dict):
        raise LedgerError(f"{label}: the undo journal's last entry is damaged; nothing changed")
    # Start from the file as it is, JSON all through, and put back what the change replaced.
    data = read_bytes(raw, label)[0].model_dump(mode="json", by_alias=True)
    measures = {m["id"]: m for m in data["measures"]}
    for ident, before in changed.items():
        if before is None:
            measures.pop(ident, None)  # the change added it
        else:
            measures[ident] = before
    data.update({key: value for key, value in header.items() if key in Ledger.model_fields})
    data["measures"] = [measures[ident] for ident in sorted(measures)]
    try:
        ledger = Ledger.model_validate_json(json.dumps(data))
    except (ValidationError, TypeError, ValueError):
        raise LedgerError(
            f"{label}: the undo journal's last entry is damaged; nothing changed"
        ) from None
    return render_ledger(ledger).encode("utf-8")
