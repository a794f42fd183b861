"""Hand-written comments: kept where a change does not reach, and never lost unsaid.

The policy: a change rewrites only the blocks of the measures it touches (and
the header, if the title or the parties change); every other byte of the file
stays as it was, comments and hand layout included. Comments inside a block
that is rewritten are removed, and one warning line on standard error says
how many and that `dprk undo` brings the previous file back (the undo journal
keeps the exact text it replaced). The data always survives.
"""

from __future__ import annotations

import pytest

from dprk_cli import store

COMMENTED = """\
# Talks ledger, kept by hand since March.
schema = 1
title = "US-DPRK talks"   # working title
parties = ["DPRK", "US"]

[[measures]]
id = "inventory"
title = "Submit an inventory (item #1)"
actor = "DPRK"
status = "proposed"
notes = "a '#' in a string is not a comment"

[[measures]]
# the US side's ask
id = "declaration"
title = "Declare the war over"
actor = "US"
"""

WARNING = (
    "dprk: warning: {path}: 3 hand-written comment(s) were removed by this write "
    "(dprk does not keep TOML comments; put remarks in a measure's notes). "
    "'dprk undo' brings the previous file back.\n"
)


def _ledger(tmp_path, text):
    path = tmp_path / "dprk-ledger.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_write_that_drops_comments_warns_once_and_keeps_the_data(dprk, tmp_path):
    path = _ledger(tmp_path, COMMENTED)
    before = store.load(path)
    assert dprk("status").err == ""  # reading changes nothing and says nothing
    result = dprk("add-party", "ROK")  # the header is rewritten: its 2 comments go
    assert result.code == 0
    warning, done = result.err.splitlines(keepends=True)
    assert warning == WARNING.format(path=path.name).replace("3 hand", "2 hand")
    assert done == "added party ROK\n"
    text = path.read_text(encoding="utf-8")
    assert "# Talks ledger" not in text and "# working title" not in text
    assert "# the US side's ask" in text  # a measure the change did not touch
    after = store.load(path)
    assert after.parties == [*before.parties, "ROK"]
    assert after.measures == before.measures
    # a change to the measure that holds the last comment removes it, and says so
    again = dprk("mark", "declaration", "agreed", "--date", "2018-10-01")
    assert again.code == 0
    assert again.err.startswith(f"dprk: warning: {path.name}: 1 hand-written comment(s) were")
    assert "#" not in path.read_text(encoding="utf-8").replace("item #1", "").replace("'#'", "")
    changed = store.load(path).index()["inventory"]
    assert changed.notes == "a '#' in a string is not a comment"


def test_comments_outside_the_change_are_kept_byte_for_byte(dprk, tmp_path):
    path = _ledger(tmp_path, COMMENTED)
    result = dprk("mark", "inventory", "agreed", "--date", "2018-09-19")
    assert result.code == 0
    assert "warning" not in result.err  # the inventory's own block held no comment
    text = path.read_text(encoding="utf-8")
    head, _, rest = COMMENTED.partition('[[measures]]\nid = "inventory"')
    assert text.startswith(head)
    assert text.endswith(COMMENTED[COMMENTED.index("\n[[measures]]\n# the US side's ask") :])
    assert store.load(path).index()["inventory"].status == "agreed"


def test_undo_brings_the_commented_file_back_exactly(dprk, tmp_path):
    path = _ledger(tmp_path, COMMENTED)
    assert dprk("add-party", "ROK").code == 0
    assert "ROK" in store.load(path).parties
    result = dprk("undo")
    assert result.code == 0, result.err
    assert path.read_text(encoding="utf-8") == COMMENTED


def test_no_warning_without_comments(dprk, tmp_path):
    # Not dprk's form (inline arrays, spacing, key order), but nothing to lose.
    text = COMMENTED.replace("# Talks ledger, kept by hand since March.\n", "")
    text = text.replace("   # working title", "").replace("# the US side's ask\n", "")
    path = _ledger(tmp_path, text)
    result = dprk("add-party", "ROK")
    assert result.code == 0
    assert result.err == "added party ROK\n"
    assert "ROK" in store.load(path).parties


def test_no_warning_for_a_canonical_ledger(dprk, korea):
    result = dprk("mark", "inventory-submission", "agreed")
    assert result.code == 0
    assert "warning" not in result.err


def test_a_failed_write_keeps_the_comments(dprk, tmp_path):
    path = _ledger(tmp_path, COMMENTED)
    result = dprk("mark", "nothing-here", "agreed")
    assert result.code == 1
    assert "warning" not in result.err
    assert path.read_text(encoding="utf-8") == COMMENTED


def test_a_ledger_with_windows_line_endings_keeps_them(dprk, tmp_path, monkeypatch):
    """A file whose lines end in CRLF (as a Windows editor, or git's autocrlf, leaves it)
    is written with CRLF again: one write used to turn every line to LF, a change to each
    line of the file for git."""
    monkeypatch.chdir(tmp_path)
    assert dprk("init", "--example", "korea-2018").code == 0
    path = tmp_path / "dprk-ledger.toml"
    lf = path.read_bytes()
    path.write_bytes(lf.replace(b"\n", b"\r\n"))
    before = path.read_bytes()
    assert dprk("note", "second-summit", "Date not set", "--date", "2018-09-11").code == 0
    after = path.read_bytes()
    assert after.count(b"\n") == after.count(b"\r\n")
    gone = set(before.split(b"\r\n")) - set(after.split(b"\r\n"))
    assert len(gone) <= 2  # (the lines the note changed, at most; no other line)
    assert b"Date not set" in after
    assert dprk("check").code == 0
    assert dprk("undo").code == 0
    assert path.read_bytes() == before


def test_a_change_to_a_windows_file_keeps_the_blocks_it_does_not_reach(dprk, tmp_path, monkeypatch):
    """As ledger-format.md says: a change to a CRLF file writes only the blocks it
    changes, with CRLF (it used to rewrite the file whole, its comments dropped)."""
    monkeypatch.chdir(tmp_path)
    assert dprk("init", "--example", "korea-2018").code == 0
    path = tmp_path / "dprk-ledger.toml"
    text = path.read_text(encoding="utf-8").replace(
        'id = "second-summit"\n', 'id = "second-summit"\n# kept by hand\n'
    )
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    before = path.read_bytes()
    result = dprk("note", "punggye-ri-closure", "Seen", "--date", "2018-09-11")
    assert (result.code, result.err) == (0, "punggye-ri-closure: note on 2018-09-11\n")
    after = path.read_bytes()
    assert b"# kept by hand\r\n" in after and after.count(b"\n") == after.count(b"\r\n")
    assert dprk("undo").code == 0
    assert path.read_bytes() == before


@pytest.mark.parametrize("crlf", ["first line", "measures lines"])
def test_the_measures_lines_decide_how_a_file_of_both_endings_is_written(
    dprk, tmp_path, monkeypatch, crlf
):
    """As ledger-format.md says (it said the first line decided, and a file whose first
    line alone ended with CRLF kept it, and its comments, all the same). A file whose
    `[[measures]]` lines alone end with CRLF was rewritten whole; it is cut into blocks
    now, and only the measure noted is written anew, with LF."""
    monkeypatch.chdir(tmp_path)
    assert dprk("init", "--example", "korea-2018").code == 0
    path = tmp_path / "dprk-ledger.toml"
    text = path.read_text(encoding="utf-8").replace(
        'id = "second-summit"\n', 'id = "second-summit"\n# kept by hand\n'
    )
    if crlf == "first line":
        first, rest = text.split("\n", 1)
        text = first + "\r\n" + rest
    else:
        text = text.replace("[[measures]]\n", "[[measures]]\r\n")
    path.write_bytes(text.encode("utf-8"))
    result = dprk("note", "punggye-ri-closure", "Seen", "--date", "2018-09-11")
    assert result.code == 0
    after = path.read_bytes()
    assert "warning" not in result.err  # (only the measure noted is written anew)
    assert b"# kept by hand" in after
    if crlf == "first line":
        assert after.count(b"\r\n") == 1
    else:  # (the block written anew ends its lines with LF; the others as they were)
        assert after.count(b"\r\n") == text.count("\r\n") - 1
    assert dprk("check").code == 0


@pytest.mark.parametrize(
    "edit",
    [
        ('title = "US–DPRK denuclearization talks, 2018"\n', "# see '''minutes'''\n"),
        ('notes = "Reaffirms', "notes = \"Quoted '''as is''': Reaffirms"),
        ("[[measures]]\n", '[["measures"]]\n'),
    ],
    ids=["quotes in a comment", "quotes in a one-line string", "a quoted table name"],
)
def test_a_file_not_cut_into_blocks_safely_is_rewritten_whole_and_says_so(
    dprk, tmp_path, monkeypatch, edit
):
    """As ledger-format.md says: tables named in quotes, and a change rewrites the file
    whole, says so, and a comment in a measure it did not touch is removed and counted
    (undo brings it back). `'''` or `\"\"\"` in a comment or a string no longer has it
    rewritten whole: the header lines are looked for outside them."""
    monkeypatch.chdir(tmp_path)
    assert dprk("init", "--example", "korea-2018").code == 0
    path = tmp_path / "dprk-ledger.toml"
    text = path.read_text(encoding="utf-8")
    old, new = edit
    assert old in text
    text = text.replace(old, old + new if new.startswith("#") else new)
    text = text.replace('id = "second-summit"\n', 'id = "second-summit"  # keep me\n')
    path.write_text(text, encoding="utf-8")
    before = path.read_bytes()
    result = dprk("note", "inventory-submission", "Still no list", "--date", "2018-09-20")
    assert result.code == 0, result.err
    whole = edit[1].startswith("[[")
    assert ("hand-written comment(s) were removed" in result.err) is whole
    assert ("the file was rewritten in dprk's own layout" in result.err) is whole
    assert (b"# keep me" not in path.read_bytes()) is whole
    assert dprk("undo").code == 0
    assert path.read_bytes() == before


def test_the_first_measure_keeps_the_comments_of_a_ledger_without_one(dprk, tmp_path):
    """A ledger with no measure yet could not be cut into blocks, and was written whole:
    the first `add-measure` dropped the desk's comment over the header (with a warning),
    though neither the title nor the parties changed. The header stays as it was
    written, and the measure goes after it; `undo` brings the file back byte for byte."""
    assert dprk("init", "--party", "US").code == 0
    path = tmp_path / "dprk-ledger.toml"
    path.write_text("# Kept by the Korea desk\n" + path.read_text(encoding="utf-8"), "utf-8")
    before = path.read_bytes()
    added = dprk("add-measure", "Close the test site", "--actor", "US", "--date", "2018-05-24")
    assert (added.code, added.out, added.err) == (0, "close-the-test-site\n", "")
    text = path.read_text(encoding="utf-8")
    assert text.startswith(before.decode("utf-8") + "\n[[measures]]\n")
    assert dprk("check").out == "ok: no problems found\n"
    assert dprk("undo").code == 0 and path.read_bytes() == before


def test_the_first_measure_of_a_ledger_whose_header_lists_no_measures_is_written(dprk, tmp_path):
    """A ledger written by hand with `measures = []` holds no block to follow, and its
    header could not be kept as it is: its first `add-measure` failed an internal check
    ('Cannot mutate immutable namespace'). It is written whole, as before."""
    path = tmp_path / "dprk-ledger.toml"
    path.write_text('schema = 1\ntitle = "T"\nparties = ["US"]\nmeasures = []\n', "utf-8")
    added = dprk("add-measure", "A", "--actor", "US", "--date", "2018-01-01")
    assert (added.code, added.out, added.err) == (0, "a\n", "")
    assert dprk("check").out == "ok: no problems found\n"
    assert "measures = []" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("output", [False, True])
def test_the_merge_driver_writes_a_windows_file_back_with_its_line_ends(
    dprk, korea, tmp_path, output
):
    """Our side's lines end CRLF, with a comment in a measure no one changed; their side
    noted another measure. The driver wrote our file back with LF (every line changed)
    and counted the comment as removed 'in what the merge changed'. The file keeps its
    CRLF, its comment where the merge did not reach, and nothing is said of comments."""
    base = tmp_path / "base.toml"
    theirs = tmp_path / "theirs.toml"
    base.write_bytes(korea.read_bytes())
    theirs.write_bytes(korea.read_bytes())
    noted = dprk("--ledger", theirs, "note", "inventory-submission", "Still no list",
                 "--date", "2018-09-20")  # fmt: skip
    assert noted.code == 0, noted.err
    text = korea.read_bytes().replace(
        b'id = "punggye-ri-closure"\n', b'id = "punggye-ri-closure"\n# asked for twice\n'
    )
    ours = tmp_path / "ours.toml"
    ours.write_bytes(text.replace(b"\n", b"\r\n"))
    target = tmp_path / "merged.toml" if output else ours
    args = ["--output", target] if output else []
    result = dprk("merge-driver", base, ours, theirs, *args)
    assert (result.code, result.err) == (0, "")
    merged = target.read_bytes()
    assert merged.count(b"\r\n") == merged.count(b"\n") > 0
    assert merged.count(b"# asked for twice\r\n") == 1
    expected = theirs.read_bytes().replace(
        b'id = "punggye-ri-closure"\n', b'id = "punggye-ri-closure"\n# asked for twice\n'
    )
    assert merged == expected.replace(b"\n", b"\r\n")
