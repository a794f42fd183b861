"""Hand-written comments: dprk cannot keep them, so a write that drops them says so.

The policy: a change to a ledger that is not in dprk's own form is written in
that form; if the file held comments, one warning line on standard error
says how many were removed and that `dprk undo` brings the previous file
back (the undo journal keeps its exact text). The data always survives.
"""

from __future__ import annotations

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
    result = dprk("mark", "inventory", "agreed", "--date", "2018-09-19")
    assert result.code == 0
    warning, done = result.err.splitlines(keepends=True)
    assert warning == WARNING.format(path=path.name)
    assert done.startswith("inventory: agreed")
    after = store.load(path)
    assert "#" not in path.read_text(encoding="utf-8").replace("item #1", "").replace("'#'", "")
    assert (after.title, after.parties) == (before.title, before.parties)
    assert after.index()["declaration"] == before.index()["declaration"]
    changed = after.index()["inventory"]
    assert changed.status == "agreed"
    assert changed.notes == "a '#' in a string is not a comment"
    # the next write finds the file in dprk's form: no warning any more
    again = dprk("mark", "inventory", "implemented", "--date", "2018-10-01")
    assert again.code == 0 and "warning" not in again.err


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
