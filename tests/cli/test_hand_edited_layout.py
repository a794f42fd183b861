"""A file edited by hand keeps its layout through a write: a block pasted with Windows
line ends, a multi-line string, a heading comment over a measure. Where a write cannot
keep it, it says what it rewrote."""

from __future__ import annotations

import pytest

from dprk_cli import store

PASTED = b'\r\n[[measures]]\r\nid = "abc-report"\r\ntitle = "Accept the ABC report"\r\nactor = "Sudan"\r\n'


@pytest.fixture
def cpa(dprk, tmp_path):
    """A ledger of two measures, census and elections, as dprk wrote it."""
    assert dprk("init", "--title", "CPA", "--party", "Sudan", "--party", "SPLM").code == 0
    for title, ident in (("Hold the census", "census"), ("Hold elections", "elections")):
        added = dprk(
            "add-measure", title, "--actor", "Sudan", "--id", ident, "--date", "2005-01-09"
        )
        assert added.code == 0, added.err
    return tmp_path / "dprk-ledger.toml"


def _kept_around(before: bytes, after: bytes, ident: str) -> None:
    """Every byte of `before` but the block of `ident` is in `after`, in place."""
    mark = f'[[measures]]\nid = "{ident}"\n'.encode()
    start = before.index(mark)
    end = before.find(b"\n[[measures]]", start)
    end = len(before) if end < 0 else end
    assert after.startswith(before[:start])
    assert after.endswith(before[end:])


def test_a_block_pasted_with_windows_line_ends_is_kept_as_written(dprk, cpa):
    with cpa.open("ab") as f:
        f.write(PASTED)
    before = cpa.read_bytes()
    noted = dprk("note", "elections", "postponed", "--date", "2009-03-30")
    assert (noted.code, noted.out, noted.err) == (0, "", "elections: note on 2009-03-30\n")
    after = cpa.read_bytes()
    assert after.endswith(PASTED)  # where it was, with its line ends
    _kept_around(before, after, "elections")
    assert after.count(b"\r\n") == PASTED.count(b"\r\n")
    assert dprk("check").out == "ok: no problems found\n"
    assert store.load(cpa).index()["abc-report"].title == "Accept the ABC report"
    assert dprk("undo").code == 0 and cpa.read_bytes() == before


def test_a_file_whose_every_line_ends_crlf_is_changed_where_the_change_is(dprk, cpa):
    text = cpa.read_bytes().replace(b'"Hold elections"\n', b'"Hold elections"  # by hand\n')
    cpa.write_bytes(text.replace(b"\n", b"\r\n"))
    before = cpa.read_bytes()
    noted = dprk("note", "census", "postponed", "--date", "2007-11-01")
    assert (noted.code, noted.err) == (0, "census: note on 2007-11-01\n")
    after = cpa.read_bytes()
    assert after.count(b"\n") == after.count(b"\r\n")  # written with CRLF still
    start = before.index(b'\r\n[[measures]]\r\nid = "elections"')
    assert after.endswith(before[start:])  # the block of elections, as it was
    assert b"# by hand" in after
    assert dprk("check").out == "ok: no problems found\n"
    assert dprk("undo").code == 0 and cpa.read_bytes() == before


def test_a_multi_line_string_does_not_rewrite_the_other_blocks(dprk, cpa):
    text = cpa.read_bytes().replace(
        b'title = "Hold elections"\n',
        b'title = "Hold elections"\nnotes = """\nFirst set for 2009.\n[[measures]]\n"""\n',
    )
    cpa.write_bytes(text)
    before = cpa.read_bytes()
    noted = dprk("note", "census", "postponed", "--date", "2007-11-01")
    assert (noted.code, noted.err) == (0, "census: note on 2007-11-01\n")
    after = cpa.read_bytes()
    _kept_around(before, after, "census")
    assert b'notes = """\nFirst set for 2009.\n[[measures]]\n"""\n' in after
    elections = store.load(cpa).index()["elections"]
    assert elections.notes == "First set for 2009.\n[[measures]]\n"
    assert [e.event for e in elections.history] == ["created"]
    assert dprk("check").out == "ok: no problems found\n"


def test_a_file_rewritten_whole_says_so_and_why(dprk, cpa):
    text = cpa.read_bytes().replace(b"[[measures]]\n", b'[["measures"]]\n', 1)
    cpa.write_bytes(text)
    noted = dprk("note", "census", "postponed", "--date", "2007-11-01")
    assert noted.code == 0
    assert noted.err == (
        "dprk: warning: dprk-ledger.toml: the file was rewritten in dprk's own layout "
        "(a table named in quotes at line 8); 'git diff' will show every measure. "
        "'dprk undo' brings the previous file back.\n"
        "census: note on 2007-11-01\n"
    )
    assert b'[["measures"]]' not in cpa.read_bytes()
    assert dprk("undo").code == 0 and cpa.read_bytes() == text


HEADING = b"# ---- Elections: deadline moved twice ----\n"


def test_a_heading_comment_stays_with_the_measure_below_it(dprk, cpa):
    text = cpa.read_bytes().replace(
        b'\n[[measures]]\nid = "elections"', b"\n" + HEADING + b'[[measures]]\nid = "elections"'
    )
    cpa.write_bytes(text)
    noted = dprk("note", "census", "postponed", "--date", "2007-11-01")
    assert (noted.code, noted.err) == (0, "census: note on 2007-11-01\n")
    after = cpa.read_bytes()
    assert HEADING + b'[[measures]]\nid = "elections"' in after
    # its own measure written anew: the heading stays over it
    again = dprk("note", "elections", "postponed", "--date", "2009-03-30")
    assert (again.code, again.err) == (0, "elections: note on 2009-03-30\n")
    assert HEADING + b'[[measures]]\nid = "elections"' in cpa.read_bytes()
    # a measure added before it goes above its heading
    added = dprk("add-measure", "Demarcate", "--actor", "SPLM", "--id", "demarcation")
    assert added.code == 0, added.err
    written = cpa.read_bytes()
    assert written.index(b'id = "demarcation"') < written.index(HEADING)
    assert HEADING + b'[[measures]]\nid = "elections"' in written
    assert dprk("check").out == "ok: no problems found\n"
    assert dprk("undo").code == 0 and dprk("undo").code == 0 and dprk("undo").code == 0
    assert cpa.read_bytes() == text


SECTION = b"# ---- Naivasha, 2004 ----\n# the protocols signed in Kenya\n"


def test_a_comment_block_set_apart_by_blank_lines_heads_the_measure_below_it(dprk, cpa):
    """A section heading between two measures, a blank line above it and below it, was
    taken for the measure above's and removed when that measure was written anew."""
    text = cpa.read_bytes().replace(
        b'\n[[measures]]\nid = "elections"',
        b"\n" + SECTION + b'\n[[measures]]\nid = "elections"',
    )
    assert b"\n\n" + SECTION + b"\n[[measures]]" in text
    cpa.write_bytes(text)
    kept = text[text.index(b"\n" + SECTION) :]  # (the blank line above it, and on)
    noted = dprk("note", "census", "postponed", "--date", "2007-11-01")
    assert (noted.code, noted.err) == (0, "census: note on 2007-11-01\n")
    after = cpa.read_bytes()
    census = text.index(b'[[measures]]\nid = "census"')
    assert after.startswith(text[:census]) and after.endswith(kept)
    assert b'event = "note"' in after[: after.index(SECTION)]  # (census, above it)
    # the measure below written anew: the heading, and the blank line under it, stay
    again = dprk("note", "elections", "postponed", "--date", "2009-03-30")
    assert (again.code, again.err) == (0, "elections: note on 2009-03-30\n")
    written = cpa.read_bytes()
    assert written.startswith(
        after[: after.index(kept)] + b"\n" + SECTION + b'\n[[measures]]\nid = "elections"'
    )
    # a measure added between them goes above the heading
    added = dprk("add-measure", "Demarcate", "--actor", "SPLM", "--id", "demarcation")
    assert added.code == 0, added.err
    placed = cpa.read_bytes()
    assert placed.index(b'id = "demarcation"') < placed.index(SECTION)
    assert SECTION + b'\n[[measures]]\nid = "elections"' in placed
    assert dprk("check").out == "ok: no problems found\n"
    assert dprk("undo").code == 0 and dprk("undo").code == 0 and dprk("undo").code == 0
    assert cpa.read_bytes() == text
