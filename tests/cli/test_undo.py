"""undo: takes back dprk's last change through the safe write path, says what it
undid, walks further back when repeated, and refuses when the file changed
outside dprk."""

from __future__ import annotations

import json
import shutil
import time
from datetime import UTC, datetime

import pytest

from dprk_cli.store import journal
from dprk_cli.store.cache import content_key
from dprk_cli.store.paths import side_file


def test_undo_takes_back_the_last_change_and_says_what(dprk, korea):
    before = korea.read_bytes()
    assert dprk("mark", "inventory-submission", "agreed", "--date", "2018-09-20").code == 0
    assert korea.read_bytes() != before
    result = dprk("undo")
    assert result.code == 0, result.err
    assert result.out == ""
    assert result.err.startswith("undid: mark inventory-submission agreed --date 2018-09-20 (made ")
    assert korea.read_bytes() == before


@pytest.mark.parametrize("whole", [False, True], ids=["blocks", "written whole"])
def test_undo_says_when_the_ledger_holds_the_change_was_made(dprk, empty, monkeypatch, whole):
    """A change made under a clock set back (a fixed SOURCE_DATE_EPOCH older than the
    file's entries) is recorded a second after the measure's latest entry; undo said it
    was made when the clock said (1970). It says the time the ledger holds for it."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert dprk("add-measure", "M", "--actor", "US", "--id", "a", "--date", "2023-01-01").code == 0
    if whole:  # (a table named in quotes: the file is not cut into blocks, but written whole)
        text = empty.read_text(encoding="utf-8")
        empty.write_text(text.replace("[[measures]]", '[["measures"]]', 1))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert dprk("note", "a", "x", "--date", "2023-03-05").code == 0
    held = [line for line in empty.read_text().splitlines() if line.startswith("recorded = ")]
    assert held == ["recorded = 2023-11-14 22:13:20+00:00", "recorded = 2023-11-14 22:13:21+00:00"]
    result = dprk("undo")
    assert result.code == 0, result.err
    assert result.err == "undid: note a x --date 2023-03-05 (made 2023-11-14 22:13:21 UTC)\n"


@pytest.mark.parametrize("whole", [False, True], ids=["blocks", "written whole"])
def test_undo_says_a_change_was_made_at_the_clock_s_moment_not_an_entry_ahead_s(
    dprk, empty, monkeypatch, whole
):
    """A change recorded after an entry that a SOURCE_DATE_EPOCH five days ahead recorded
    is recorded a second after it, and undo (and its --list) said it was made then, five
    days ahead. It says the clock's moment: no clock gave the time the file holds."""
    moment = int(time.time())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(moment + 5 * 86400))
    assert dprk("add-measure", "M", "--actor", "US", "--id", "a", "--date", "2023-01-01").code == 0
    if whole:  # (a table named in quotes: the file is not cut into blocks, but written whole)
        text = empty.read_text(encoding="utf-8")
        empty.write_text(text.replace("[[measures]]", '[["measures"]]', 1))
    before = empty.read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(moment))
    noted = dprk("note", "a", "x", "--date", "2023-03-05")
    assert noted.code == 0, noted.err
    ahead = datetime.fromtimestamp(moment + 5 * 86400 + 1, UTC)
    held = [line for line in empty.read_text().splitlines() if line.startswith("recorded = ")]
    assert held[-1] == f"recorded = {ahead.isoformat(sep=' ')}"  # (the file's order kept)
    made = datetime.fromtimestamp(moment, UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    listed = dprk("undo", "--list", "--format", "json")
    assert listed.code == 0, listed.err
    assert json.loads(listed.out)[0]["made"].startswith(made[:-4].replace(" ", "T"))
    result = dprk("undo")
    assert (result.code, result.out, result.err) == (
        0,
        "",
        f"undid: note a x --date 2023-03-05 (made {made})\n",
    )
    assert empty.read_bytes() == before


@pytest.mark.parametrize("whole", [False, True], ids=["blocks", "written whole"])
def test_undo_that_brings_a_deadlock_back_says_so(dprk, korea, whole):
    """The DPRK's demand dropped, the stand-off of 2018 was broken; undone, the demand
    and the deadlock came back without a word, as no other write brings one. Undo says
    so, as the write that closes a deadlock does."""
    if whole:  # (a table named in quotes: the file is not cut into blocks, but written whole)
        text = korea.read_text(encoding="utf-8")
        korea.write_text(text.replace("[[measures]]", '[["measures"]]', 1), encoding="utf-8")
    dropped = dprk("sequence", "inventory-submission", "--remove", "end-of-war-declaration")
    assert dropped.code == 0, dropped.err
    assert _said(dropped.err)[1:] == [  # (the deadlock the removal ended)
        "dprk: warning: deadlock on 2018-07-07: inventory-submission waits for "
        "end-of-war-declaration (demanded by DPRK); end-of-war-declaration waits for "
        "inventory-submission (demanded by US); it no longer stands ('dprk plan --as-of "
        "2018-07-07' shows it then)"
    ]
    result = dprk("undo")
    assert result.code == 0, result.err
    assert result.err.splitlines()[1:] == [
        "dprk: warning: deadlock: inventory-submission waits for end-of-war-declaration "
        "(demanded by DPRK); end-of-war-declaration waits for inventory-submission (demanded "
        "by US); it stands from 2018-07-07; 'dprk plan' shows it"
    ]


def test_undo_names_the_extent_it_takes_back(dprk, korea):
    """Two marks of one measure, at two extents: undo says which one it took back."""
    ident = "tongchang-ri-dismantlement"
    assert dprk("mark", ident, "implemented", "--extent", "full", "--date", "2018-09-01").code == 0
    result = dprk("undo")
    assert result.err.startswith(
        f"undid: mark {ident} implemented --date 2018-09-01 --extent full (made "
    )


def test_several_undos_walk_back(dprk, korea):
    states = [korea.read_bytes()]
    dprk("add-party", "Japan")
    states.append(korea.read_bytes())
    dprk("add-measure", "Return abductees", "--actor", "DPRK", "--id", "abductees")
    states.append(korea.read_bytes())
    dprk("verify", "punggye-ri-closure", "--by", "IAEA", "--date", "2019-01-01")
    for expected in reversed(states):
        assert dprk("undo").code == 0
        assert korea.read_bytes() == expected
    result = dprk("undo")  # (every change taken back: it said the journal's folder was gone)
    assert result.code == 1
    assert result.err == (  # (and, as after init alone, how init itself is taken back)
        f"dprk: error: {korea.name}: nothing more to undo: every change dprk's undo journal "
        "kept of it has been taken back (a ledger 'dprk init' made is taken back by deleting "
        "the file)\n"
    )
    assert korea.read_bytes() == states[0]
    shutil.rmtree(korea.parent / ".dprk")
    result = dprk("undo")
    assert result.code == 1
    assert result.err == (  # (and of a ledger init made: init --example, as a plain init)
        f"dprk: error: {korea.name}: nothing to undo: dprk's undo journal (in .dprk/ beside "
        "the ledger) holds no change of it; a ledger 'dprk init' made, and nothing since, is "
        "taken back by deleting the file, and a change made before that folder was removed "
        "(or the ledger moved) is not kept\n"
    )
    assert korea.read_bytes() == states[0]


@pytest.mark.parametrize("separator", ["\u2028", "\u2029"])
def test_undo_walks_back_past_a_title_with_a_unicode_line_separator(dprk, korea, separator):
    """The journal is JSON lines: a title holding a character that Python's
    str.splitlines takes for a line break must not tear its entry."""
    states = [korea.read_bytes()]
    title = f"Second{separator}summit"
    assert dprk("edit", "second-summit", "--title", title, "--date", "2018-09-20").code == 0
    states.append(korea.read_bytes())
    assert dprk("mark", "second-summit", "agreed", "--date", "2018-09-21").code == 0
    for state in reversed(states):
        result = dprk("undo")
        assert result.code == 0, result.err
        assert korea.read_bytes() == state


def test_undo_of_an_import_and_of_a_change_to_many_measures(dprk, korea, tmp_path):
    before = korea.read_bytes()
    dprk("mark", "inventory-submission", "end-of-war-declaration", "agreed", "--date", "2018-09-20")
    (tmp_path / "x.json").write_text('[{"id": "x", "title": "X", "actor": "US"}]')
    dprk("import", "x.json")
    assert "undid: import x.json" in dprk("undo").err
    assert "undid: mark inventory-submission end-of-war-declaration agreed" in dprk("undo").err
    assert korea.read_bytes() == before


def test_undo_refuses_when_the_ledger_changed_outside_dprk(dprk, korea):
    dprk("mark", "inventory-submission", "agreed", "--date", "2018-09-20")
    korea.write_bytes(korea.read_bytes().replace(b"second Trump", b"second Trump\xe2\x80\x93"))
    edited = korea.read_bytes()
    result = dprk("undo")
    assert result.code == 1
    assert result.out == ""
    said = (
        "not as dprk's last change ('mark inventory-submission agreed --date 2018-09-20') left it"
    )
    assert said in result.err
    assert result.err.count("\n") == 1
    assert korea.read_bytes() == edited


def test_undo_brings_back_hand_written_comments(dprk, korea):
    text = korea.read_text(encoding="utf-8")
    # one comment the change keeps (in the header), one it removes (in the measure it
    # rewrites): undo brings back both, byte for byte
    commented = "# kept by hand\n" + text.replace(
        'id = "second-summit"\n', 'id = "second-summit"\n# to be dated\n'
    )
    korea.write_text(commented, encoding="utf-8")
    result = dprk("mark", "second-summit", "agreed", "--date", "2018-09-20")
    assert "1 hand-written comment(s) were removed" in result.err
    assert korea.read_text(encoding="utf-8").startswith("# kept by hand\n")
    assert "# to be dated" not in korea.read_text(encoding="utf-8")
    assert dprk("undo").code == 0
    assert korea.read_text(encoding="utf-8") == commented


def test_undo_skips_a_change_that_never_landed(dprk, korea):
    before = korea.read_bytes()
    dprk("mark", "inventory-submission", "agreed", "--date", "2018-09-20")
    after = korea.read_bytes()
    # A change whose journal entry was written but whose write failed: the ledger
    # still has the content the entry started from.
    journal = side_file(korea, "undo")
    ghost = {
        "when": "2026-11-27T00:00:00+00:00",
        "change": "a write that failed",
        "before": content_key(after),
        "after": "0:nothing",
        "header": {"title": "x", "parties": []},
        "measures": {},
        "tells": True,  # (as this dprk writes every entry: its landing is told)
    }
    with open(journal, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(ghost) + "\n")
    result = dprk("undo")
    assert result.code == 0, result.err
    assert "undid: mark inventory-submission agreed" in result.err
    assert korea.read_bytes() == before


@pytest.mark.parametrize(
    ("damage", "said"),
    [
        (lambda e: e.update(splices=[[0, 10**9, "x"]]), "undo journal's last entry is damaged"),
        (lambda e: e.update(splices=[[5, 2, ""]]), "undo journal's last entry is damaged"),
        (lambda e: e.update(splices="nothing"), "undo journal's last entry is damaged"),
        (lambda e: e["splices"][0].__setitem__(2, "x"), "cannot rebuild the previous version"),
    ],
    ids=["past the end", "backwards", "not a list", "other text"],
)
def test_undo_with_a_damaged_journal_changes_nothing(dprk, korea, damage, said):
    dprk("mark", "inventory-submission", "agreed", "--date", "2018-09-20")
    after = korea.read_bytes()
    journal = side_file(korea, "undo")
    *_, entry, landed = map(json.loads, journal.read_text().splitlines())
    assert landed == {"landed": entry["after"]}  # (the line that says the change landed)
    damage(entry)
    journal.write_text(json.dumps(entry) + "\n")
    result = dprk("undo")
    assert result.code == 1
    assert said in result.err
    assert result.err.count("\n") == 1
    assert korea.read_bytes() == after


def test_an_empty_journal_left_by_an_earlier_version_has_nothing_more_to_undo(dprk, korea):
    """An earlier dprk left a journal whose every change was taken back empty: it still
    reads so (not as a damaged journal), and the ledger is unchanged."""
    assert dprk("mark", "inventory-submission", "agreed", "--date", "2018-09-20").code == 0
    after = korea.read_bytes()
    side_file(korea, "undo").write_bytes(b"")
    result = dprk("undo")
    assert (result.code, result.out) == (1, "")
    assert "nothing more to undo: every change dprk's undo journal kept" in result.err
    assert korea.read_bytes() == after


@pytest.mark.parametrize(
    "damaged",
    [b"\n", bytes(range(256))[::-1] * 2, b'{"when": "2026-11'],
    ids=["a blank line", "random bytes", "torn"],
)
def test_undo_with_a_journal_it_cannot_read_says_so(dprk, korea, damaged):
    """A damaged undo journal (random bytes, a torn line) made undo say that every change
    had been taken back, which was false. It says the journal could not be read, naming
    it, and changes nothing; a later change starts a journal anew, as before."""
    assert dprk("mark", "inventory-submission", "agreed", "--date", "2018-09-20").code == 0
    after = korea.read_bytes()
    journal_path = side_file(korea, "undo")
    journal_path.write_bytes(damaged)
    result = dprk("undo")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        f"dprk: error: {korea.name}: the undo journal ({journal_path}) could not be read "
        "(damaged: it holds no entry dprk wrote), so nothing was undone and the "
        "ledger is unchanged (dprk's changes from here on can be undone)\n"
    )
    assert korea.read_bytes() == after
    assert journal_path.read_bytes() == damaged
    assert dprk("mark", "second-summit", "agreed", "--date", "2018-09-21").code == 0
    result = dprk("undo")
    assert result.code == 0, result.err
    assert result.err.startswith("undid: mark second-summit agreed --date 2018-09-21 (made ")
    assert korea.read_bytes() == after
    result = dprk("undo")  # (every change the journal kept taken back: said so, as before)
    assert (result.code, result.out) == (1, "")
    assert "nothing more to undo: every change dprk's undo journal kept" in result.err
    assert korea.read_bytes() == after


def test_undo_reads_a_torn_last_journal_line_as_torn_not_as_a_hand_edit(dprk, korea):
    """A journal whose last line was cut short (a write killed mid-line), the ledger as
    the change whose line it was left it: undo said the ledger had been edited by hand
    since dprk's last change. It names the journal's torn line, and changes nothing; a
    torn line of a change that never landed leaves the whole entries before it undoable,
    as before."""
    first = korea.read_bytes()
    assert dprk("mark", "inventory-submission", "agreed", "--date", "2018-09-20").code == 0
    marked = korea.read_bytes()
    assert dprk("mark", "second-summit", "agreed", "--date", "2018-09-21").code == 0
    last = korea.read_bytes()
    path = side_file(korea, "undo")
    whole = path.read_bytes()
    entry, landed, other, other_landed, end = whole.split(b"\n")
    assert json.loads(other_landed) == {"landed": json.loads(other)["after"]} and end == b""
    torn = entry + b"\n" + landed + b"\n" + other[:60]  # (its entry cut short: line 3)
    path.write_bytes(torn)
    result = dprk("undo")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        f"dprk: error: {korea.name}: the undo journal's last line is torn (line 3 of {path}: "
        "a write to it was cut short), and the ledger is not as the change before it ('mark "
        "inventory-submission agreed --date 2018-09-20') left it: the torn line was likely "
        "the record of the change that did, and cannot be read, so nothing was undone and "
        "the ledger is unchanged; restore an earlier version from git or by hand (dprk's "
        "changes from here on can be undone)\n"
    )
    assert "edited by hand" not in result.err
    assert korea.read_bytes() == last and path.read_bytes() == torn
    path.write_bytes(whole + other[:60])  # (a change's line cut short: it never landed)
    for said, back in (("second-summit", marked), ("inventory-submission", first)):
        result = dprk("undo")
        assert result.code == 0, result.err
        assert result.err.startswith(f"undid: mark {said} agreed --date 2018-09-2")
        assert korea.read_bytes() == back


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ('{"when": 5}', "its 'when' is 5, not a date and time"),
        ('{"when": "2026-11-27T00:00:00+00:00", "change": "x", "before": "1:a"}',
         "it has no 'after'"),
        ('{"landed": 5}', "its 'landed' is 5, not a content of the ledger"),
        ("[1, 2]", "not a JSON object"),
    ],
    ids=["a number for a time", "no after", "landed a number", "a list"],
)  # fmt: skip
@pytest.mark.parametrize("at", [5, 3])
def test_undo_names_a_damaged_journal_entry_by_its_line(dprk, korea, line, said, at):
    """An entry edited by hand into a wrong shape ({"when": 5}) made undo name the change
    it could not take back as 'None'. It names the journal and the damaged line, changes
    nothing, and once that line is deleted, as it advises, undoes the changes kept."""
    first = korea.read_bytes()
    assert dprk("mark", "inventory-submission", "agreed", "--date", "2018-09-20").code == 0
    assert dprk("mark", "second-summit", "agreed", "--date", "2018-09-21").code == 0
    last = korea.read_bytes()
    path = side_file(korea, "undo")
    lines = path.read_bytes().split(b"\n")
    damaged = b"\n".join([*lines[: at - 1], line.encode(), *lines[at - 1 :]])
    path.write_bytes(damaged)
    result = dprk("undo")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        f"dprk: error: {korea.name}: the undo journal ({path}) has a damaged entry on line "
        f"{at} ({said}: not as dprk writes one), so nothing was undone and the ledger is "
        "unchanged; delete that line from the journal to undo the changes it keeps besides\n"
    )
    assert "None" not in result.err
    assert korea.read_bytes() == last and path.read_bytes() == damaged
    path.write_bytes(b"\n".join(lines))  # (the advice followed: the line deleted)
    assert dprk("undo").code == 0 and dprk("undo").code == 0
    assert korea.read_bytes() == first


@pytest.mark.parametrize(
    ("line", "damage"),
    [
        (1, lambda text: text.removesuffix("}")),
        (1, lambda text: "{x" + text.removeprefix("{")),
        (3, lambda text: text.removesuffix("}")),
        (4, lambda text: text.removesuffix("}")),
    ],
    ids=["an entry's end cut", "text put at an entry's start", "the last entry's end cut",
         "its landing's end cut"],
)  # fmt: skip
def test_undo_names_a_journal_line_damaged_into_broken_json_by_its_line(
    dprk, tmp_path, line, damage
):
    """A journal line edited by hand into broken JSON was skipped without a word: undo
    took back the change after it, then said every change the journal kept had been
    taken back, the party the damaged entry added still declared. A misspelt key was
    named by its line, and nothing undone: broken JSON is now too, and once the line is
    deleted, as advised, the changes kept besides are undone. A line a killed write cut
    short, closed off by the next change's, is still skipped."""
    assert dprk("init", "--party", "Government of Nepal").code == 0
    created = (tmp_path / "dprk-ledger.toml").read_bytes()
    assert dprk("add-party", "CPN-Maoist").code == 0
    one = (tmp_path / "dprk-ledger.toml").read_bytes()
    assert dprk("add-party", "Nepali Congress").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    last = ledger.read_bytes()
    path = side_file(ledger, "undo")
    lines = path.read_text(encoding="utf-8").split("\n")
    assert len(lines) == 5 and lines[-1] == ""
    kept = list(lines)
    lines[line - 1] = damage(lines[line - 1])
    damaged = "\n".join(lines).encode("utf-8")
    path.write_bytes(damaged)
    for _ in range(2):  # (again: the same refusal, nothing taken back meanwhile)
        result = dprk("undo")
        assert (result.code, result.out) == (1, "")
        assert result.err == (
            f"dprk: error: {ledger.name}: the undo journal ({path}) has a damaged entry on "
            f"line {line} (it is not valid JSON: not as dprk writes one), so nothing was "
            "undone and the ledger is unchanged; delete that line from the journal to undo "
            "the changes it keeps besides\n"
        )
        assert ledger.read_bytes() == last and path.read_bytes() == damaged
    path.write_bytes("\n".join(kept).encode("utf-8"))
    # a change whose journal line a killed write cut short, closed off by the next one's
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(kept[2][:60])
    assert dprk("add-party", "Rastriya Prajatantra Party").code == 0
    now = path.read_text(encoding="utf-8").split("\n")
    assert now[4] == kept[2][:60]
    assert json.loads(now[5])["change"] == 'add-party "Rastriya Prajatantra Party"'
    for back in (last, one, created):
        result = dprk("undo")
        assert result.code == 0, result.err
        assert ledger.read_bytes() == back


@pytest.mark.parametrize("thrown_away", [1, 2])
def test_undo_of_changes_put_back_outside_dprk_takes_back_nothing_on_a_guess(
    dprk, korea, thrown_away
):
    """The last change thrown away with git (the file as it was before it): undo took it
    for a write that never landed, and took back the change before it without a word, a
    measure committed long ago. With the last two thrown away, every undo said the file
    was edited by hand, for good. Now undo says so, takes back nothing, and lets the
    changes gone go: undo again takes back the one before them."""
    assert (
        dprk("add-measure", "M1", "--actor", "US", "--id", "m1", "--date", "2020-01-01").code == 0
    )
    kept = korea.read_bytes()
    for n in range(2, 2 + thrown_away):
        assert dprk("add-measure", f"M{n}", "--actor", "US", "--id", f"m{n}",
                    "--date", f"2020-01-0{n}").code == 0  # fmt: skip
    korea.write_bytes(kept)  # (as 'git checkout HEAD~N -- FILE' puts it back)
    result = dprk("undo")
    assert (result.code, result.out) == (1, "")
    gone = ", ".join(
        f"'add-measure M{n} --actor US --id m{n} --date 2020-01-0{n}'"
        for n in range(1 + thrown_away, 1, -1)
    )
    last, it, are = ("last change", "it", "is") if thrown_away == 1 else (
        "last 2 changes", "them", "are")  # fmt: skip
    assert result.err == (
        f"dprk: error: {korea.name}: dprk's {last} ({gone}) {are} no longer in the ledger: "
        f"the file is as it was before {it} (put back by git, another branch checked out, "
        f"an editor, or an undo cut short), so nothing was undone; undo takes {it} back "
        f"where the file holds {it} again; run 'dprk undo' again to let {it} go and take "
        f"back the change before {it} ('add-measure M1 --actor US --id m1 --date 2020-01-01')\n"
    )
    assert korea.read_bytes() == kept
    again = dprk("undo")
    assert again.code == 0, again.err
    assert again.err.startswith("undid: add-measure M1 --actor US --id m1 --date 2020-01-01 (made ")
    assert "m1" not in dprk("status", "--format", "ids").out.split()


def test_a_change_an_earlier_dprk_made_and_git_put_back_is_not_taken_for_one_that_never_landed(
    dprk, korea
):
    """An earlier dprk told no landing in its journal. Its last change thrown away with
    git, undo took it for a write that never landed and took back the change before it
    without a word (a title edited long ago). Its entry is now taken to have landed: undo
    says the change is no longer in the ledger and takes back nothing."""
    assert dprk("edit-ledger", "--title", "T2").code == 0
    kept = korea.read_bytes()
    assert dprk("mark", "second-summit", "agreed", "--date", "2018-10-07").code == 0
    journal = side_file(korea, "undo")
    lines = [json.loads(line) for line in journal.read_text(encoding="utf-8").splitlines()]
    assert lines[-1] == {"landed": lines[-2]["after"]} and lines[-2]["tells"] is True
    earlier = [  # (as an earlier dprk wrote them: no landing told)
        {key: value for key, value in line.items() if key != "tells"}
        for line in lines
        if "landed" not in line
    ]
    journal.write_text("".join(json.dumps(e) + "\n" for e in earlier), encoding="utf-8")
    korea.write_bytes(kept)  # (git checkout -- dprk-ledger.toml)
    refused = dprk("undo")
    assert refused.code == 1
    assert refused.err.startswith(
        f"dprk: error: {korea.name}: dprk's last change ('mark second-summit agreed --date "
        "2018-10-07') is no longer in the ledger"
    )
    assert korea.read_bytes() == kept
    again = dprk("undo")
    assert again.code == 0, again.err
    assert again.err.startswith("undid: edit-ledger --title T2 (made ")  # (its title since)
    assert b"T2" not in korea.read_bytes()


def test_an_undo_on_another_branch_keeps_the_changes_made_on_the_first(dprk, korea):
    """A change made on one branch; undo run on another (the file as it was before the
    change) said nothing was undone, and let the change go from the journal: back on the
    first branch, undo said there was nothing to undo."""
    main = korea.read_bytes()
    assert dprk("mark", "second-summit", "agreed", "--date", "2018-10-01").code == 0
    work = korea.read_bytes()
    korea.write_bytes(main)  # (git switch main)
    refused = dprk("undo")
    assert refused.code == 1 and "so nothing was undone" in refused.err
    assert korea.read_bytes() == main
    # again: nothing before it to take back, and it is kept (it said "nothing to undo
    # (no change recorded by dprk)", and the change was still taken back on its branch)
    again = dprk("undo")
    assert (again.code, again.out) == (1, "")
    assert again.err == (
        f"dprk: error: {korea.name}: nothing to undo here: dprk recorded no change before "
        "'mark second-summit agreed --date 2018-10-01', which the file no longer holds "
        "(kept: where the file holds it again, on the branch it was made on, undo takes it "
        "back)\n"
    )
    assert korea.read_bytes() == main
    korea.write_bytes(work)  # (git switch work)
    undone = dprk("undo")
    assert undone.code == 0, undone.err
    assert undone.err.startswith("undid: mark second-summit agreed --date 2018-10-01 (made ")
    assert korea.read_bytes() == main


def test_undo_takes_back_this_branch_s_change_after_one_made_on_another(dprk, korea):
    """A change made on one branch, another made on a second branch, and the first branch
    checked out again: the file is as dprk's change left it there, and undo said it was
    edited by hand, on every try. It takes that change back, and keeps the other's for
    its branch."""
    main = korea.read_bytes()
    assert dprk("mark", "second-summit", "agreed", "--date", "2018-10-01").code == 0
    work = korea.read_bytes()
    korea.write_bytes(main)  # (git switch main)
    assert dprk("note", "second-summit", "set for Hanoi", "--date", "2019-02-01").code == 0
    on_main = korea.read_bytes()
    korea.write_bytes(work)  # (git switch work)
    undone = dprk("undo")
    assert undone.code == 0, undone.err
    assert undone.err.startswith("undid: mark second-summit agreed --date 2018-10-01 (made ")
    assert korea.read_bytes() == main
    korea.write_bytes(on_main)  # (git switch main)
    undone = dprk("undo")
    assert undone.code == 0, undone.err
    assert undone.err.startswith(
        'undid: note second-summit "set for Hanoi" --date 2019-02-01 (made '
    )
    assert korea.read_bytes() == main


def test_undo_of_a_ledger_no_change_of_dprk_left_names_the_change_and_the_way_on(dprk, korea):
    """The file as no change of dprk's left it (edited by hand, or a branch checked out
    that dprk never wrote on): undo names the change it cannot take back, and says that
    changes made from here on can be undone."""
    assert dprk("mark", "second-summit", "agreed", "--date", "2018-10-01").code == 0
    korea.write_bytes(korea.read_bytes().replace(b"second Trump", b"second  Trump"))
    edited = korea.read_bytes()
    result = dprk("undo")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        f"dprk: error: {korea.name}: the ledger is not as dprk's last change ('mark "
        "second-summit agreed --date 2018-10-01') left it (it was edited by hand, replaced, "
        "merged or checked out from another branch since), so undo cannot take that change back "
        "without losing what changed since; restore an earlier version from git or by "
        "hand (dprk's changes from here on can be undone)\n"
    )
    assert korea.read_bytes() == edited
    assert dprk("mark", "second-summit", "withdrawn", "--date", "2018-11-01").code == 0
    assert dprk("undo").code == 0 and korea.read_bytes() == edited


def test_undo_without_a_ledger(dprk, tmp_path):
    result = dprk("undo")
    assert result.code == 1
    assert "run 'dprk init'" in result.err


def test_undo_is_itself_not_journalled(dprk, korea):
    dprk("mark", "inventory-submission", "agreed", "--date", "2018-09-20")
    dprk("undo")
    assert journal.changes(journal.entries(korea)) == []


def test_a_write_that_never_landed_lets_no_older_change_go(dprk, korea, monkeypatch):
    """A large change's entry pushed the journal past its size, and the journal was cut
    back before the change was written: killed before the ledger was replaced, it left
    the journal with its own entry alone, and undo said "nothing to undo"."""
    monkeypatch.setattr(journal, "TRIM_AT", 2000)  # (each entry here is about 1 KB)
    before = korea.read_bytes()
    assert dprk("mark", "inventory-submission", "agreed", "--date", "2018-09-20").code == 0
    landed = korea.read_bytes()

    from dprk_cli.store import ledger

    def killed(*args, **kwargs):
        raise OSError(5, "Input/output error")

    write = ledger.atomic_write
    monkeypatch.setattr(ledger, "atomic_write", killed)
    failed = dprk("mark", "second-summit", "agreed", "--date", "2018-09-21")
    assert failed.code == 1 and korea.read_bytes() == landed
    monkeypatch.setattr(ledger, "atomic_write", write)
    result = dprk("undo")
    assert result.code == 0, result.err
    assert "undid: mark inventory-submission agreed" in result.err
    assert korea.read_bytes() == before


def test_a_write_that_makes_the_journal_let_changes_go_says_so(dprk, empty, tmp_path):
    """A large change silently pushed older changes out of the journal (it keeps about
    8 MB of them): undo found later it could not go back as far as the user thought. The
    write that makes the journal let changes go warns, counting them, and says how far
    back undo can go; the writes before it say nothing of it."""
    rows = ["id,title,actor,notes"]
    rows += [f"m{i},Measure {i},DPRK,{f'word{i} ' * 3000}" for i in range(100)]
    (tmp_path / "big.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = dprk("import", "big.csv")
    assert result.code == 0, result.err
    told = None
    for turn in range(12):
        old, new = ("DPRK", "Gamma") if turn % 2 == 0 else ("Gamma", "DPRK")
        kept = len(journal.changes(journal.entries(empty)))
        result = dprk("rename-party", old, new, "--typo")
        assert (result.code, result.out) == (0, ""), result.err
        now = len(journal.changes(journal.entries(empty)))
        if now == kept + 1:
            assert "warning" not in result.err
            continue
        written = empty.read_bytes()
        told = (
            f"dprk: warning: {empty.name}: the undo journal let go of {kept + 1 - now} older "
            f"change(s) (it keeps about 8 MB of them); undo can go back {now} changes\n"
        )
        assert result.err.endswith(told)
        assert result.err.count("\n") == 2  # (the rename's line, then the warning)
        listed = dprk("undo", "--list", "--format", "json")
        assert len(json.loads(listed.out)) == now
        assert empty.read_bytes() == written
        break
    assert told is not None, "the journal let no change go"


def test_init_force_and_redo_say_when_the_journal_lets_changes_go(dprk, korea, monkeypatch):
    """An `init --force` (whose entry keeps the whole file it replaced) and a redo cut the
    undo journal back as any write does, yet said nothing of the changes it let go, where
    every other write warns: undo found out later. They warn alike, after their line."""
    monkeypatch.setattr(journal, "TRIM_AT", 60_000)  # (a note's entry: about 1 KB)
    for day in ("2018-09-20", "2018-09-21", "2018-09-22"):
        assert dprk("note", "second-summit", f"Seen on {day}", "--date", day).code == 0
    monkeypatch.setattr(journal, "TRIM_AT", 2000)  # (the old ledger's entry: past it)
    kept = len(journal.changes(journal.entries(korea)))
    result = dprk("init", "--title", "Anew", "--party", "US", "--force")
    assert (result.code, result.out) == (0, ""), result.err
    now = len(journal.changes(journal.entries(korea)))
    assert 0 < now < kept + 1
    assert result.err == (
        f"replaced {korea.name} (1 party, 0 measures)\n"
        "'dprk undo' brings the ledger it replaced back\n"
        f"dprk: warning: {korea.name}: the undo journal let go of {kept + 1 - now} older "
        "change(s) (it keeps about 0 MB of them); undo can go back 1 change\n"
    )
    assert 'title = "Anew"' in korea.read_text(encoding="utf-8")

    monkeypatch.setattr(journal, "TRIM_AT", 60_000)
    for day in ("2018-09-20", "2018-09-21", "2018-09-22"):
        assert dprk("add-measure", f"M {day}", "--actor", "US", "--date", day).code == 0
    assert dprk("undo").code == 0
    undone = korea.read_bytes()
    monkeypatch.setattr(journal, "TRIM_AT", 2000)  # (a journal past its size as redo lands)
    kept = len(journal.changes(journal.entries(korea)))
    result = dprk("redo")
    assert (result.code, result.out) == (0, ""), result.err
    now = len(journal.changes(journal.entries(korea)))
    assert 0 < now < kept + 1 and korea.read_bytes() != undone
    lines = result.err.splitlines()
    assert lines[0].startswith("redid: add-measure ")
    assert lines[1:] == [
        f"dprk: warning: {korea.name}: the undo journal let go of {kept + 1 - now} older "
        f"change(s) (it keeps about 0 MB of them); undo can go back {now} change"
        + ("s" if now > 1 else "")
    ]


def test_an_undo_lets_no_older_change_go(dprk, empty, monkeypatch):
    """The journal keeps at least the last `KEEP` changes, and holds more until it is
    past its size; an undo, which only takes one away, rewrote it to the newest `KEEP`
    and let the older ones go in silence: 'undo --list' listed 7 changes, and after one
    undo 4. The journal is cut back by a write that adds to it (which says so), not by
    an undo."""
    monkeypatch.setattr(journal, "KEEP", 4)
    assert dprk("add-measure", "M", "--actor", "US", "--id", "m", "--date", "2020-01-01").code == 0
    for n in range(6):
        assert dprk("note", "m", f"n{n}", "--date", "2020-01-02").code == 0
    listed = dprk("undo", "--list", "--format", "json")
    assert len(json.loads(listed.out)) == 7
    assert dprk("undo").code == 0
    listed = dprk("undo", "--list", "--format", "json")
    assert (listed.code, listed.err) == (0, "")
    assert len(json.loads(listed.out)) == 6


def test_undo_says_when_older_changes_were_let_go(dprk, korea, monkeypatch):
    """Past its size the journal keeps its newest entries: undo said "no change recorded
    by dprk" of the changes it let go."""
    monkeypatch.setattr(journal, "TRIM_AT", 2000)
    for day in ("2018-09-20", "2018-09-21", "2018-09-22"):
        assert dprk("note", "second-summit", f"Seen on {day}", "--date", day).code == 0
    last = korea.read_bytes()
    undone = [dprk("undo") for _ in range(3)]
    assert undone[0].code == 0
    refused = next(r for r in undone if r.code != 0)
    assert refused.err.startswith(
        f"dprk: error: {korea.name}: nothing more to undo: the undo journal let the older "
        f"changes go (it keeps at least the last {journal.KEEP}, fewer when they are large: about "
    )
    assert korea.read_bytes() != last
    assert dprk("check").code == 0


def test_undo_of_a_change_to_many_measures_names_a_few_and_counts_the_rest(dprk, korea):
    """A change to every measure, undone, said 'undid: note' and every id on one line (80
    KB for 13,333 measures)."""
    ids = dprk("status", "--format", "ids").out.split()
    assert len(ids) > 8
    noted = dprk("note", "-", "Read again", "--date", "2018-10-01", stdin="\n".join(ids))
    assert noted.code == 0, noted.err
    undone = dprk("undo")
    assert undone.code == 0, undone.err
    assert undone.err.startswith(
        'undid: note - "Read again" --date 2018-10-01 (ids on standard input: '
        f"{' '.join(ids[:7])} and {len(ids) - 7} more) (made "
    )
    assert undone.err.count("\n") == 1


def test_undo_brings_back_a_hand_edit_the_change_mended_and_says_so(dprk, empty):
    """A measure written by hand waits for 'ghost', which is not in the ledger (an error
    of check); 'add-measure ... --id ghost' mends it. undo was refused ('would bring back
    an error'), and the only way out, 'remove ghost --force', dropped the hand-written
    order. undo brings the file back as it was, error and all, and says so."""
    with empty.open("a", encoding="utf-8") as f:
        f.write(
            '\n[[measures]]\nid = "m"\ntitle = "Hand-written"\nactor = "US"\n'
            'status = "proposed"\nconstraints = [ { after = "ghost" } ]\n'
        )
    hand = empty.read_bytes()
    assert dprk("check").code == 1
    for args in (
        ["add-measure", "Ghost", "--actor", "US", "--id", "ghost", "--date", "2018-01-01"],
        ["import", "-"],  # (a change whose undo puts back the whole file)
    ):
        stdin = '[{"id": "ghost", "title": "Ghost", "actor": "US"}]' if args[0] == "import" else ""
        assert dprk(*args, stdin=stdin).code == 0
        assert dprk("check").code == 0
        result = dprk("undo")
        assert result.code == 0, result.err
        assert result.err.splitlines()[1] == (
            f"dprk: warning: {empty.name}: the ledger is back as it was, with an error the "
            "change had mended: m: is sequenced after 'ghost', which is not in the ledger; "
            "correct the id or run 'dprk sequence m --remove ghost'; 'dprk check' lists it"
        )
        assert empty.read_bytes() == hand
    assert dprk("undo").code == 1  # (nothing more: the hand edit is no change of dprk's)


def test_undo_walks_back_past_changes_killed_as_they_landed(dprk, empty, monkeypatch):
    """Three notes whose process was killed as each landed (the journal never told so),
    then two undos killed before the journal let their change go: the file held what the
    first note made, and every undo was refused as if the file had been edited by hand."""
    assert dprk("add-measure", "M", "--actor", "US", "--id", "m", "--date", "2020-01-01").code == 0
    saved = [empty.read_bytes()]
    with monkeypatch.context() as patch:
        patch.setattr(journal, "landed", lambda *args, **kwargs: None)  # (killed there)
        for n in (1, 2, 3):
            assert dprk("note", "m", f"n{n}", "--date", "2020-01-01").code == 0
            saved.append(empty.read_bytes())
    with monkeypatch.context() as patch:
        patch.setattr(journal, "rewrite", lambda *args, **kwargs: None)  # (killed there)
        for back in (2, 1):
            assert dprk("undo").code == 0
            assert empty.read_bytes() == saved[back]
    result = dprk("undo")
    assert result.code == 0, result.err
    assert result.err.startswith("undid: note m")
    assert empty.read_bytes() == saved[0]
    assert dprk("undo").err.startswith("undid: add-measure M")


@pytest.mark.parametrize("example", [False, True])
def test_undo_after_a_plain_init_says_how_to_take_it_back(dprk, tmp_path, example):
    """After a plain `init` (or `init --example`), undo spoke only of a journal's folder
    removed; the guide says such an init is taken back by deleting the file, and undo
    now says so."""
    made = dprk("init", *(["--example", "korea-2018"] if example else []))
    assert made.code == 0, made.err
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    result = dprk("undo")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        f"dprk: error: {ledger.name}: nothing to undo: dprk's undo journal (in .dprk/ beside "
        "the ledger) holds no change of it; a ledger 'dprk init' made, and nothing since, is "
        "taken back by deleting the file, and a change made before that folder was removed "
        "(or the ledger moved) is not kept\n"
    )
    assert ledger.read_bytes() == before


def test_undo_after_a_ledger_deleted_and_made_anew_by_init_names_no_change_of_the_old(
    dprk, tmp_path
):
    """A ledger deleted and made anew by `init`: undo blamed a hand edit of the new one,
    named a change of the deleted one and advised restoring an earlier version. A plain
    init starts a new journal: undo (and its list, and redo) say there is nothing to
    take back; the new ledger's own changes are undone as ever."""
    ledger = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--example", "korea-2018").code == 0
    assert dprk("note", "second-summit", "old", "--date", "2018-09-21").code == 0
    assert dprk("undo").code == 0
    assert dprk("note", "second-summit", "old", "--date", "2018-09-21").code == 0
    ledger.unlink()
    made = dprk("init", "--title", "Fresh talks", "--party", "A", "--party", "B")
    assert made.code == 0, made.err
    fresh = ledger.read_bytes()
    nothing = (
        f"{ledger.name}: nothing to undo: dprk's undo journal (in .dprk/ beside "
        "the ledger) holds no change of it; a ledger 'dprk init' made, and nothing since, is "
        "taken back by deleting the file, and a change made before that folder was removed "
        "(or the ledger moved) is not kept\n"
    )
    result = dprk("undo")
    assert (result.code, result.out, result.err) == (1, "", f"dprk: error: {nothing}")
    assert ledger.read_bytes() == fresh
    listed = dprk("undo", "--list")
    assert (listed.code, listed.out, listed.err) == (0, "", nothing)
    result = dprk("redo")
    assert (result.code, result.out) == (1, "")
    assert "nothing to redo" in result.err and "second-summit" not in result.err
    assert ledger.read_bytes() == fresh
    assert dprk("add-party", "C").code == 0
    result = dprk("undo")
    assert result.code == 0 and result.err.startswith("undid: add-party C (made ")
    assert ledger.read_bytes() == fresh


def test_undo_names_the_entry_a_correction_changed_not_its_number_alone(dprk, korea):
    """Two `drop-entry end-of-war-declaration 2` in a row were listed and undone as the
    same line (entries are numbered anew by each drop); a redate or a renote named the
    number alone too. Each names the entry as its confirmation said it was."""
    drop = "drop-entry end-of-war-declaration 2"
    first = (
        f"{drop} (entry 2: the exchange entry of 2018-07-07, and punggye-ri-closure's record of it)"
    )
    second = (
        f"{drop} (entry 2: the exchange entry of 2018-07-07, and test-moratorium's record of it)"
    )
    redate = "redate second-summit 1 2018-09-02 (entry 1: created as proposed on 2018-09-10)"
    renote = 'renote second-summit 1 "New words" (entry 1: created as proposed on 2018-09-02)'
    states = [korea.read_bytes()]
    for args in (
        drop.split(),
        drop.split(),
        redate.split()[:4],
        [*renote.split()[:3], "New words"],
    ):
        result = dprk(*args)
        assert result.code == 0, result.err
        states.append(korea.read_bytes())
    listed = dprk("undo", "--list", "--format", "json")
    assert listed.code == 0, listed.err
    assert [c["command"] for c in json.loads(listed.out)][:4] == [renote, redate, second, first]
    for change, state in zip([renote, redate, second, first], reversed(states[:-1]), strict=True):
        result = dprk("undo")
        assert result.code == 0, result.err
        assert result.err.startswith(f"undid: {change} (made ")
        assert korea.read_bytes() == state
    for change, state in zip([first, second, redate], states[1:4], strict=True):
        result = dprk("redo")
        assert result.code == 0, result.err
        assert result.err.startswith(_redid(change))
        assert korea.read_bytes() == state


def test_undo_names_what_an_edit_changed(dprk, korea):
    """Two edits in a row were both taken back as 'undid: edit remains-repatriation', and
    edit-ledger as 'edit-ledger --title': which was about to go could not be told. The
    journal's line names the options given, with the short values and the day."""
    ident = "remains-repatriation"
    assert dprk("edit", ident, "--title", "Return the remains").code == 0
    assert dprk("edit", ident, "--actor", "US", "--deadline", "2019-01-01", "--add-source",
                "Yonhap", "--date", "2018-08-01").code == 0  # fmt: skip
    assert dprk("edit", ident, "--no-deadline").code == 0
    assert dprk("edit-ledger", "--title", "Talks, 2018").code == 0
    said = [dprk("undo").err.split(" (made ")[0] for _ in range(4)]
    assert said == [
        'undid: edit-ledger --title "Talks, 2018"',
        f"undid: edit {ident} --no-deadline",
        f"undid: edit {ident} --actor US --deadline 2019-01-01 --add-source Yonhap "
        "--date 2018-08-01",
        f'undid: edit {ident} --title "Return the remains"',
    ]


def test_undo_names_each_change_by_the_options_given_with_their_values(dprk, korea, tick):
    """Undo's line is a description each command built by hand, which often could not
    tell two changes apart: two 'sequence second-summit --after pompeo-pyongyang-visit'
    (one --require verified), an edit's --title or --notes without its value, --date
    said for edit and link but not for mark, sequence or note, two notes alike. Each
    change is named by its command as given: its arguments (the ids standard input gave,
    in full), then every option given with its value (a long text shortened with
    '...'), the day among them; the options of the whole program are not."""
    notes = "Announced after Pompeo's fourth visit, and postponed until February"
    for args in (
        ("sequence", "second-summit", "--after", "pompeo-pyongyang-visit",
         "--require", "verified", "--demanded-by", "US"),
        ("sequence", "second-summit", "--after", "pompeo-pyongyang-visit", "--demanded-by", "US"),
        ("--ledger", str(korea), "edit", "second-summit", "--title", "Hanoi summit",
         "--notes", notes),
        ("edit", "second-summit", "--category", "economic", "--date", "2018-10-08"),
        ("mark", "second-summit", "agreed", "--date", "2018-10-07", "--note", "in Pyongyang"),
        ("note", "second-summit", "set for Hanoi", "--date", "2019-02-01"),
        ("note", "second-summit", "set for Hanoi, 27 February"),
    ):  # fmt: skip
        tick()
        assert dprk(*args).code == 0, (args, dprk(*args).err)
    tick()
    piped = dprk("note", "-", "read again", "--date", "2019-02-02",
                 stdin="second-summit\npompeo-pyongyang-visit\n")  # fmt: skip
    assert piped.code == 0, piped.err
    said = [dprk("undo").err.split(" (made ")[0] for _ in range(8)]
    assert said == [
        'undid: note - "read again" --date 2019-02-02 (ids on standard input: second-summit '
        "pompeo-pyongyang-visit)",
        'undid: note second-summit "set for Hanoi, 27 February"',
        'undid: note second-summit "set for Hanoi" --date 2019-02-01',
        'undid: mark second-summit agreed --date 2018-10-07 --note "in Pyongyang"',
        "undid: edit second-summit --category economic --date 2018-10-08",
        'undid: edit second-summit --title "Hanoi summit" --notes '
        '"Announced after Pompeo\'s fourth visit, and post..."',
        "undid: sequence second-summit --after pompeo-pyongyang-visit --demanded-by US",
        "undid: sequence second-summit --after pompeo-pyongyang-visit --require verified "
        "--demanded-by US",
    ]


def test_undo_names_a_party_as_the_ledger_spells_it(dprk, korea, tick):
    """A party typed in another case or with dots (`--by u.s.`) is the declared party:
    undo's line names it as the ledger spells it, as the guide says."""
    tick()
    said = dprk("verify", "joint-exercise-suspension", "--by", "r.o.k.", "--date", "2018-08-01")
    assert said.code == 0, said.err
    before = korea.read_bytes()
    tick()
    said = dprk("verify", "remains-repatriation", "--by", "u.s.", "--date", "2018-08-02")
    assert said.code == 0, said.err
    said = [dprk("undo") for _ in range(2)]
    assert [x.err.split(" (made ")[0] for x in said] == [
        "undid: verify remains-repatriation --by US --date 2018-08-02",
        "undid: verify joint-exercise-suspension --by ROK --date 2018-08-01",
    ]
    assert [x.code for x in said] == [0, 0] and korea.read_bytes() != before


def test_undo_names_an_actor_a_demanding_party_and_a_party_removed_as_the_ledger_spells_them(
    dprk, empty, tick
):
    """`--actor dprk`, `--demanded-by u.s.`, `remove-party rok`: undo repeated each name
    as it was typed, not as the ledger spells the party (DPRK, US, ROK)."""
    tick()
    assert (
        dprk("add-measure", "A", "--actor", "dprk", "--id", "a", "--date", "2018-01-01").code == 0
    )
    tick()
    assert dprk("add-measure", "Untitled", "--actor", "u.s.", "--date", "2018-01-01").code == 0
    tick()
    said = dprk("sequence", "a", "--after", "untitled", "--demanded-by", "u.s.")
    assert said.code == 0, said.err
    tick()
    assert dprk("remove-party", "rok").code == 0
    said = [dprk("undo") for _ in range(4)]
    assert [x.code for x in said] == [0, 0, 0, 0]
    assert [x.err.split(" (made ")[0] for x in said] == [
        "undid: remove-party ROK",
        "undid: sequence a --after untitled --demanded-by US",
        "undid: add-measure Untitled --actor US --id untitled --date 2018-01-01",
        "undid: add-measure A --actor DPRK --id a --date 2018-01-01",
    ]


def test_undo_of_a_ledger_an_editor_gave_a_byte_order_mark_says_so(dprk, korea):
    """An editor saved the ledger with a byte-order mark: every command says so, and how
    to mend it; undo said the file was edited by hand and to restore it from git."""
    before = korea.read_bytes()
    assert dprk("mark", "inventory-submission", "agreed", "--date", "2018-09-20").code == 0
    marked = korea.read_bytes()
    korea.write_bytes(b"\xef\xbb\xbf" + marked)
    said = (
        "dprk: error: dprk-ledger.toml: file starts with a byte-order mark (BOM); save it as "
        "UTF-8 without BOM: 'tail -c +4 dprk-ledger.toml > without-mark.toml' writes a copy "
        "without it, to look at before keeping it\n"
    )
    assert (dprk("status").code, dprk("status").err) == (1, said)
    result = dprk("undo")
    assert (result.code, result.err) == (1, said)
    assert korea.read_bytes() == b"\xef\xbb\xbf" + marked
    korea.write_bytes(marked)  # (as the advice in ledger-format.md does)
    assert dprk("undo").code == 0
    assert korea.read_bytes() == before


@pytest.mark.parametrize("ends", [b"\r\n", b"\n"])
def test_undo_of_a_ledger_whose_line_ends_alone_changed_keeps_them(dprk, korea, ends):
    """An editor ended every line of the ledger otherwise (CRLF for LF, or LF for CRLF
    where dprk had kept a file's CRLF): undo refused, as for a file edited by hand,
    though dprk reads and writes both. The content is as dprk left it: the change is
    taken back, and the file keeps the line ends it has now."""
    other = b"\n" if ends == b"\r\n" else b"\r\n"
    korea.write_bytes(korea.read_bytes().replace(b"\n", other))  # (as dprk would keep it)
    before = korea.read_bytes()
    assert dprk("mark", "inventory-submission", "agreed", "--date", "2018-09-20").code == 0
    assert dprk("note", "inventory-submission", "Still no list", "--date", "2018-09-21").code == 0
    korea.write_bytes(korea.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", ends))
    named = "CRLF" if ends == b"\r\n" else "LF"
    for change in (
        'note inventory-submission "Still no list" --date 2018-09-21',
        "mark inventory-submission agreed --date 2018-09-20",
    ):
        result = dprk("undo")
        assert result.code == 0, result.err
        assert result.err.startswith(f"undid: {change} (made ")
        assert result.err.endswith(f"; the file keeps its {named} line ends\n")
    assert korea.read_bytes() == before.replace(b"\r\n", b"\n").replace(b"\n", ends)
    assert dprk("check").code == 0


def _side_files(ledger) -> dict[str, bytes]:
    """Every file of dprk's own beside the ledger, and the ledger, as bytes."""
    found = {p.name: p.read_bytes() for p in (ledger.parent / ".dprk").iterdir()}
    return {**found, ledger.name: ledger.read_bytes()}


def test_undo_list_names_what_undo_takes_back_newest_first(dprk, korea, tmp_path, tick):
    """undo --list: each change undo can take back, the next first, as the command was
    given and when it was made (as undo's "undid:" line words it, and in ISO 8601 UTC
    in JSON); an import and an init --force are changes like any other."""
    made = []
    (tmp_path / "x.json").write_text('[{"id": "x", "title": "X", "actor": "US"}]')
    for args in (
        ("mark", "inventory-submission", "agreed", "--date", "2018-09-20"),
        ("add-party", "Japan"),
        ("import", "x.json"),
        ("init", "--force", "--party", "US", "--party", "DPRK"),
        ("add-measure", "Talk again", "--actor", "US", "--id", "talk"),
    ):
        tick()
        assert dprk(*args).code == 0
        made.append(
            json.loads(
                korea.parent.joinpath(".dprk", "dprk-ledger.toml.undo").read_text().splitlines()[-2]
            )["when"]
        )
    listed = dprk("undo", "--list", "--format", "json")
    assert listed.code == 0, listed.err
    assert listed.err == ""
    commands = [
        'add-measure "Talk again" --actor US --id talk',
        "init --party US --party DPRK --force",
        "import x.json",
        "add-party Japan",
        "mark inventory-submission agreed --date 2018-09-20",
    ]
    assert json.loads(listed.out) == [
        {"n": n, "command": c, "made": w.replace("+00:00", "Z")}
        for n, (c, w) in enumerate(zip(commands, reversed(made), strict=True), 1)
    ]
    table = dprk("undo", "--list")
    assert table.code == 0, table.err
    assert table.lines[0] == "What 'dprk undo' takes back, the next first"
    assert table.lines[1].split() == ["#", "Command", "Made"]
    first = table.lines[2]
    assert first.split()[0] == "1" and 'add-measure "Talk again" --actor US --id talk' in first
    assert first.endswith(made[-1].replace("T", " ").replace("+00:00", " UTC"))
    assert len(table.lines) == 2 + len(commands)
    assert dprk("undo").err.startswith(f"undid: {commands[0]} (made ")
    again = json.loads(dprk("undo", "--list", "-f", "json").out)
    assert [r["command"] for r in again] == commands[1:] and again[0]["n"] == 1


def test_undo_list_writes_nothing(dprk, korea):
    """The list reads the ledger and its journal, and writes neither (nor the cache),
    whatever it finds: changes to take back, or a ledger edited since."""
    dprk("mark", "inventory-submission", "agreed", "--date", "2018-09-20")
    dprk("note", "second-summit", "Seen", "--date", "2018-09-21")
    for _ in range(2):
        kept = _side_files(korea)
        for fmt in ("table", "json", "csv"):
            result = dprk("undo", "--list", "--format", fmt)
            assert result.code == 0, result.err
            assert _side_files(korea) == kept
        korea.write_bytes(korea.read_bytes() + b"# a hand edit\n")


def test_undo_list_says_when_there_is_nothing_to_take_back_and_why(dprk, korea, monkeypatch):
    """Nothing recorded, every change taken back, a ledger edited outside dprk since the
    last change (what undo says then), older changes let go: each said in one line on
    standard error, the list empty."""
    result = dprk("undo", "--list", "--format", "json")
    assert (result.code, result.out) == (0, "[]\n")
    assert "nothing to undo: dprk's undo journal (in .dprk/ beside the ledger) holds no " in (
        result.err
    )
    dprk("mark", "inventory-submission", "agreed", "--date", "2018-09-20")
    edited = korea.read_bytes() + b"# a hand edit\n"
    korea.write_bytes(edited)
    result = dprk("undo", "--list")
    assert (result.code, result.out) == (0, "")
    assert result.err == dprk("undo").err.removeprefix("dprk: error: ")
    assert result.err.startswith(
        f"{korea.name}: the ledger is not as dprk's last change ('mark inventory-submission "
        "agreed --date 2018-09-20') left it (it was edited by hand, "
    )
    korea.write_bytes(edited.removesuffix(b"# a hand edit\n"))
    assert dprk("undo").code == 0
    result = dprk("undo", "--list")
    assert (result.code, result.out) == (0, "")
    assert result.err == (
        f"{korea.name}: nothing more to undo: every change dprk's undo journal kept of it has "
        "been taken back (a ledger 'dprk init' made is taken back by deleting the file)\n"
    )
    monkeypatch.setattr(journal, "TRIM_AT", 2000)  # (each entry here is about 1 KB)
    for day in ("2018-09-20", "2018-09-21", "2018-09-22"):
        assert dprk("note", "second-summit", f"Seen on {day}", "--date", day).code == 0
    result = dprk("undo", "--list", "--format", "json")
    assert result.code == 0, result.err
    listed = json.loads(result.out)
    assert 0 < len(listed) < 3
    assert result.err == (
        f"{korea.name}: older changes were let go: the undo journal keeps at least the last "
        f"{journal.KEEP}, fewer when they are large (about 0 MB of them)\n"
    )


def test_undo_list_of_a_change_put_back_outside_dprk_says_what_the_next_undos_do(dprk, korea):
    """The ledger put back by a copy as it was before dprk's last change: undo lets that
    change go and takes back the one before only when run again. The list said undo's
    own words ('nothing was undone ... run 'dprk undo' again'), though no undo was run,
    and one undo after it did not take that change back. It says what the next undo and
    the one after do; followed, they do it."""
    original = korea.read_bytes()
    dprk("mark", "inventory-submission", "agreed", "--date", "2018-09-20")
    made = korea.read_bytes()
    dprk("note", "second-summit", "Seen", "--date", "2018-09-21")
    korea.write_bytes(made)  # (a copy from before the note put back)
    kept = _side_files(korea)
    result = dprk("undo", "--list")
    assert (result.code, result.out) == (0, "")
    assert result.err == (
        f"{korea.name}: dprk's last change ('note second-summit Seen --date 2018-09-21') is "
        "no longer in the ledger: the file is as it was before it (put back by git, another "
        "branch checked out, an editor, or an undo cut short), so nothing is listed; undo "
        "takes it back where the file holds it again; the next 'dprk undo' lets it go, "
        "taking nothing back, and the one after takes back the change before it ('mark "
        "inventory-submission agreed --date 2018-09-20')\n"
    )
    assert _side_files(korea) == kept
    first = dprk("undo")  # (lets it go, taking nothing back)
    assert first.code == 1 and "so nothing was undone" in first.err
    assert korea.read_bytes() == made
    second = dprk("undo")
    assert second.code == 0, second.err
    assert second.err.startswith("undid: mark inventory-submission agreed --date 2018-09-20 ")
    assert korea.read_bytes() == original


def test_changes_put_back_over_a_hand_edit_are_let_go_with_no_promise_undo_then_refuses(
    dprk, korea
):
    """A note, then a hand edit (committed), then two notes, thrown away by git: undo
    said 'run dprk undo again to let them go and take back the change before them', and
    the next undo refused that change (the hand edit would be lost), saying nothing of
    the two it let go. The first says what the next does (refuse, and why), and so does
    undo --list; the next says plainly that nothing can be undone at this content, and
    keeps the two (passed over, not let go of)."""
    v = "note second-summit v --date 2018-09-20"
    assert dprk(*v.split()).code == 0
    fixed = korea.read_bytes().replace("Trump–Kim".encode(), b"Trump-Kim", 1)
    assert fixed != korea.read_bytes()
    korea.write_bytes(fixed)  # (a hand fix, committed)
    for n, day in ((1, "2018-09-21"), (2, "2018-09-22")):
        assert dprk("note", "second-summit", f"m{n}", "--date", day).code == 0
    korea.write_bytes(fixed)  # (git checkout -- dprk-ledger.toml)
    gone = (
        "dprk's last 2 changes ('note second-summit m2 --date 2018-09-22', 'note "
        "second-summit m1 --date 2018-09-21')"
    )
    refused = (
        f"the ledger is not as the change before them ('{v}') left it (it was edited by "
        "hand, replaced, merged or checked out from another branch since), so undo cannot "
        "take that change back without losing what changed since; restore an earlier "
        "version from git or by hand (dprk's changes from here on can be undone)"
    )

    def put_back(done: str, then: str) -> str:
        return (
            f"{korea.name}: {gone} are no longer in the ledger: the file is as it was before "
            "them (put back by git, another branch checked out, an editor, or an undo cut "
            f"short), so {done}; undo takes them back where the file holds them again; "
            f"{then}: {refused}\n"
        )

    listed = dprk("undo", "--list")
    assert (listed.code, listed.out) == (0, "")
    assert listed.err == put_back(
        "nothing is listed",
        "nor does 'dprk undo' take anything back at this content",
    )
    first = dprk("undo")
    assert (first.code, first.out) == (1, "")
    assert first.err == "dprk: error: " + put_back(
        "nothing was undone", "nor does 'dprk undo' run again take anything back at this content"
    )
    assert korea.read_bytes() == fixed
    let_go = (
        f"{korea.name}: nothing can be undone at this content: {gone}, no longer in the "
        "ledger (as an undo said before), are passed over here and kept (undo takes them "
        f"back where the file holds them again); {refused}\n"
    )
    for _ in range(2):  # (as the first said; and so again)
        second = dprk("undo")
        assert (second.code, second.out, second.err) == (1, "", f"dprk: error: {let_go}")
        assert korea.read_bytes() == fixed
    listed = dprk("undo", "--list")
    assert (listed.code, listed.out, listed.err) == (0, "", let_go)


def test_undo_over_a_hand_edit_after_git_threw_its_change_away_ends_the_loop(dprk, korea, tmp_path):
    """A note, a hand edit committed, a mark thrown away by 'git checkout': the first
    undo said 'run dprk undo again and it lets it go', and each undo after said, as if
    news, that the mark 'is let go', which it kept (the file holding it again, undo took
    it back), so that a user run again as told met the same line for ever. The first says
    what it found and that no undo takes anything back at this content; each after says
    plainly that nothing can be undone here, why, and what to do; undo --list agrees."""
    from tests.team.helpers import git

    git(tmp_path, "init", "-q")
    git(tmp_path, "add", korea.name)
    git(tmp_path, "commit", "-qm", "base")
    note = 'note second-summit "Date still open" --date 2018-09-21'
    assert dprk("note", "second-summit", "Date still open", "--date", "2018-09-21").code == 0
    text = korea.read_text(encoding="utf-8")
    hand = text.replace("a second Trump–Kim summit", "a second Trump-Kim summit (Hanoi)")
    assert hand != text
    korea.write_text(hand, encoding="utf-8")
    git(tmp_path, "commit", "-qam", "handedit")
    mark = "mark inventory-submission agreed --date 2018-09-22"
    assert dprk(*mark.split()).code == 0
    after_mark = korea.read_bytes()
    git(tmp_path, "checkout", "--", korea.name)
    handedit = korea.read_bytes()
    assert handedit == hand.encode()
    why = (
        f"the ledger is not as the change before it ('{note}') left it (it was edited by "
        "hand, replaced, merged or checked out from another branch since), so undo cannot "
        "take that change back without losing what changed since; restore an earlier "
        "version from git or by hand (dprk's changes from here on can be undone)"
    )
    found = (
        f"{korea.name}: dprk's last change ('{mark}') is no longer in the ledger: the file "
        "is as it was before it (put back by git, another branch checked out, an editor, "
        "or an undo cut short), so nothing {done}; undo takes it back where the file holds "
        "it again; nor does 'dprk undo'{again} take anything back at this content: "
    )
    listed = dprk("undo", "--list")
    assert (listed.code, listed.out) == (0, "")
    assert listed.err == found.format(done="is listed", again="") + why + "\n"
    first = dprk("undo")
    assert (first.code, first.out) == (1, "")
    assert first.err == (
        "dprk: error: " + found.format(done="was undone", again=" run again") + why + "\n"
    )
    assert korea.read_bytes() == handedit
    held = (
        f"{korea.name}: nothing can be undone at this content: dprk's last change "
        f"('{mark}'), no longer in the ledger (as an undo said before), is passed over here "
        f"and kept (undo takes it back where the file holds it again); {why}\n"
    )
    for _ in range(3):
        again = dprk("undo")
        assert (again.code, again.out, again.err) == (1, "", f"dprk: error: {held}")
        assert korea.read_bytes() == handedit
    listed = dprk("undo", "--list")
    assert (listed.code, listed.out, listed.err) == (0, "", held)
    korea.write_bytes(after_mark)  # (kept, as it said: the file holds it again)
    undone = dprk("undo")
    assert undone.code == 0, undone.err
    assert undone.err.startswith(f"undid: {mark} (made ")
    assert korea.read_bytes() == handedit


def test_undo_says_what_it_passed_over_and_then_that_nothing_remains(dprk, tmp_path, monkeypatch):
    """A party added and committed, the title edited by hand, a second party added over
    the edit, both thrown away by 'git checkout': undo took back the first party and
    said nothing of the second it passed over; each undo after judged the file (as
    'init' left it) by the second, and said to restore an earlier version from git. The
    undo and undo --list name what they pass over; after, there is nothing to undo, as
    said when every change is taken back, the second kept for the file holding it."""
    from tests.team.helpers import git

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    ledger = tmp_path / "dprk-ledger.toml"
    git(tmp_path, "init", "-q")
    assert dprk("init").code == 0
    initial = ledger.read_bytes()
    assert dprk("add-party", "A").code == 0
    git(tmp_path, "add", ledger.name)
    git(tmp_path, "commit", "-qm", "base")
    base = ledger.read_bytes()
    text = base.decode()
    edited = text.replace('title = "Untitled negotiation"', 'title = "Hand edited"')
    assert edited != text
    ledger.write_text(edited, encoding="utf-8")  # (by hand, not committed)
    added = dprk("add-party", "B")
    assert (added.code, added.err) == (0, "added party B\n")
    with_b = ledger.read_bytes()
    git(tmp_path, "checkout", "--", ledger.name)
    assert ledger.read_bytes() == base
    passed = (
        "'add-party B', which the file no longer holds (kept: undo takes it back where "
        "the file holds it again)"
    )
    listed = dprk("undo", "--list")
    assert (listed.code, listed.out, listed.err) == (
        0,
        "What 'dprk undo' takes back, the next first\n"
        "#  Command      Made\n"
        "1  add-party A  2023-11-14 22:13:20 UTC\n",
        f"{ledger.name}: 'dprk undo' passes over {passed}\n",
    )
    undone = dprk("undo")
    assert (undone.code, undone.out, undone.err) == (
        0,
        "",
        f"undid: add-party A (made 2023-11-14 22:13:20 UTC); passed over {passed}\n",
    )
    assert ledger.read_bytes() == initial
    nothing = (
        f"{ledger.name}: nothing more to undo: every change dprk's undo journal kept of it "
        "has been taken back or passed over (a ledger 'dprk init' made is taken back by "
        f"deleting the file); passed over {passed}\n"
    )
    for _ in range(2):
        listed = dprk("undo", "--list")
        assert (listed.code, listed.out, listed.err) == (0, "", nothing)
        again = dprk("undo")
        assert (again.code, again.out, again.err) == (1, "", f"dprk: error: {nothing}")
        assert ledger.read_bytes() == initial
    ledger.write_bytes(with_b)  # (kept, as it said: the file holds it again)
    undone = dprk("undo")
    assert (undone.code, undone.out) == (0, "")
    assert undone.err == "undid: add-party B (made 2023-11-14 22:13:20 UTC)\n"
    assert ledger.read_bytes() == edited.encode()


def test_undo_format_is_for_the_list_alone(dprk, korea):
    dprk("mark", "inventory-submission", "agreed", "--date", "2018-09-20")
    before = korea.read_bytes()
    result = dprk("undo", "--format", "json")
    assert result.code == 2
    assert result.err == (
        "dprk: error: --format: lists what undo takes back, with --list; undo prints no report\n"
    )
    assert korea.read_bytes() == before


def _redid(change: str) -> str:
    return f"redid: {change} (made "


MARK = "mark inventory-submission agreed --date 2018-09-20"


@pytest.mark.parametrize("whole", [False, True], ids=["blocks", "written whole"])
def test_redo_puts_back_what_undo_took_back(dprk, korea, whole):
    """redo writes the file the change left, byte for byte, journalled again: undo --list
    lists it again, and undo takes it back again; what the cache serves is the file."""
    if whole:  # (a table named in quotes: the file is not cut into blocks, but written whole)
        text = korea.read_text(encoding="utf-8")
        korea.write_text(text.replace("[[measures]]", '[["measures"]]', 1), encoding="utf-8")
    before = korea.read_bytes()
    assert dprk(*MARK.split()).code == 0
    after = korea.read_bytes()
    shown = dprk("status", "--format", "json").out
    undone = dprk("undo")
    assert undone.code == 0 and korea.read_bytes() == before
    result = dprk("redo")
    assert result.code == 0, result.err
    assert (result.out, result.err) == ("", undone.err.replace("undid: ", "redid: "))
    assert result.err.startswith(_redid(MARK))
    assert korea.read_bytes() == after
    assert dprk("status", "--format", "json").out == shown
    assert dprk("check").code == 0
    listed = json.loads(dprk("undo", "--list", "--format", "json").out)
    assert listed[0]["command"] == MARK
    again = dprk("undo")
    assert again.code == 0 and again.err == undone.err
    assert korea.read_bytes() == before


def test_redo_after_three_undos_puts_them_back_in_reverse_order(dprk, korea):
    states = [korea.read_bytes()]
    changes = [
        ("add-party", "Japan"),
        ("add-measure", "Return abductees", "--actor", "DPRK", "--id", "abductees"),
        ("sequence", "inventory-submission", "--remove", "end-of-war-declaration"),
    ]
    for args in changes:
        assert dprk(*args).code == 0
        states.append(korea.read_bytes())
    for state in reversed(states[:-1]):
        assert dprk("undo").code == 0 and korea.read_bytes() == state
    said = [
        "add-party Japan",
        'add-measure "Return abductees" --actor DPRK --id abductees',
        "sequence inventory-submission --remove end-of-war-declaration",
    ]
    for change, state in zip(said, states[1:], strict=True):
        result = dprk("redo")
        assert result.code == 0, result.err
        assert result.err.startswith(_redid(change))
        assert korea.read_bytes() == state
    assert dprk("check").code == 0
    result = dprk("redo")
    assert result.code == 1
    assert result.err == (
        f"dprk: error: {korea.name}: nothing to redo: 'dprk undo' has taken back no change "
        "that is not put back already (a change dprk made since an undo ends what can be "
        "redone)\n"
    )
    assert korea.read_bytes() == states[-1]
    for state in reversed(states[:-1]):  # (and undo walks back through them again)
        assert dprk("undo").code == 0 and korea.read_bytes() == state


def test_redo_list_shows_what_redo_puts_back_the_next_first(dprk, korea):
    """Nothing showed what `redo` would put back: `redo --list` lists it, numbered and
    named as `undo --list` does, in the order redo puts it back, and writes nothing;
    where redo would refuse, it says why instead, as redo would."""
    changes = [
        ("add-party", "Japan"),
        ("note", "second-summit", "Seen", "--date", "2018-09-21"),
        ("mark", "inventory-submission", "agreed", "--date", "2018-09-20"),
    ]
    for args in changes:
        assert dprk(*args).code == 0
    listed = dprk("redo", "--list")
    assert (listed.code, listed.out) == (0, "")
    assert listed.err.startswith(f"{korea.name}: nothing to redo: ")
    assert dprk("undo").code == 0 and dprk("undo").code == 0
    undone = korea.read_bytes()
    journalled = side_file(korea, "undo").read_bytes(), side_file(korea, "redo").read_bytes()
    listed = dprk("redo", "--list", "--format", "json")
    assert (listed.code, listed.err) == (0, "")
    found = json.loads(listed.out)
    assert [(c["n"], c["command"]) for c in found] == [
        (1, "note second-summit Seen --date 2018-09-21"),
        (2, "mark inventory-submission agreed --date 2018-09-20"),
    ]
    assert list(found[0]) == ["n", "command", "made"]
    assert found[0]["made"].endswith("Z")
    table = dprk("redo", "--list")
    assert table.code == 0, table.err
    assert table.out.splitlines()[0] == "What 'dprk redo' puts back, the next first"
    assert "1  note second-summit Seen --date 2018-09-21" in table.out
    assert korea.read_bytes() == undone
    assert (side_file(korea, "undo").read_bytes(), side_file(korea, "redo").read_bytes()) == (
        journalled
    )
    assert dprk("redo").err.startswith(_redid("note second-summit Seen --date 2018-09-21"))
    listed = dprk("redo", "--list", "--format", "json")
    assert [c["command"] for c in json.loads(listed.out)] == [
        "mark inventory-submission agreed --date 2018-09-20"
    ]
    edited = korea.read_bytes().replace(b"second Trump", b"second Trump\xe2\x80\x93")
    korea.write_bytes(edited)
    listed = dprk("redo", "--list", "--format", "json")
    assert (listed.code, json.loads(listed.out)) == (0, [])
    refused = dprk("redo")
    assert refused.code == 1
    assert listed.err == refused.err.removeprefix("dprk: error: ")
    assert korea.read_bytes() == edited


def test_redo_format_is_for_its_list(dprk, korea):
    assert dprk("note", "second-summit", "Seen", "--date", "2018-09-21").code == 0
    assert dprk("undo").code == 0
    before = korea.read_bytes()
    result = dprk("redo", "--format", "json")
    assert (result.code, result.out) == (2, "")
    assert result.err.count("\n") == 1 and "--list" in result.err
    assert korea.read_bytes() == before


def test_redo_with_nothing_undone(dprk, korea):
    before = korea.read_bytes()
    result = dprk("redo")
    assert (result.code, result.out) == (1, "")
    assert "nothing to redo" in result.err and result.err.count("\n") == 1
    assert korea.read_bytes() == before


def test_redo_is_refused_after_a_change_made_since_the_undo(dprk, korea):
    """A change dprk made after the undo ends what can be redone, even when the file
    was then put back by hand as the undo left it."""
    assert dprk(*MARK.split()).code == 0
    assert dprk("undo").code == 0
    undone = korea.read_bytes()
    assert dprk("note", "second-summit", "Seen", "--date", "2018-09-21").code == 0
    noted = korea.read_bytes()
    result = dprk("redo")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        f"dprk: error: {korea.name}: cannot redo '{MARK}': dprk changed the ledger since "
        "'dprk undo' took it back ('note second-summit Seen --date 2018-09-21'), which ends "
        "what can be redone; nothing was written\n"
    )
    assert korea.read_bytes() == noted
    korea.write_bytes(undone)  # (as git would put it back)
    result = dprk("redo")
    assert result.code == 1 and "dprk changed the ledger since 'dprk undo' took it" in result.err
    assert korea.read_bytes() == undone


def test_redo_after_an_undo_that_kept_no_redo_record_names_no_change(dprk, korea):
    """A desk still on a dprk without redo undid the change before the one undone here:
    redo said dprk changed the ledger since, naming the journal's newest change, which
    was made before the undo. It is not known what changed since: redo says so."""
    note = "note second-summit Seen --date 2018-09-21"
    assert dprk(*MARK.split()).code == 0
    assert dprk(*note.split()).code == 0
    assert dprk("undo").code == 0
    record = side_file(korea, "redo")
    kept = record.read_bytes()
    assert dprk("undo").code == 0
    record.write_bytes(kept)  # (the earlier dprk's undo leaves the redo record as it was)
    undone = korea.read_bytes()
    result = dprk("redo")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        f"dprk: error: {korea.name}: cannot redo '{note}': the ledger is not as 'dprk undo' "
        "left it (changed since, by a dprk that keeps no redo record or outside dprk), which "
        "ends what can be redone; nothing was written\n"
    )
    assert korea.read_bytes() == undone and record.read_bytes() == kept


def test_redo_is_refused_after_a_hand_edit(dprk, korea):
    assert dprk(*MARK.split()).code == 0
    assert dprk("undo").code == 0
    edited = korea.read_bytes().replace(b"second Trump", b"second Trump\xe2\x80\x93")
    korea.write_bytes(edited)
    result = dprk("redo")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        f"dprk: error: {korea.name}: cannot redo '{MARK}': the ledger is not as 'dprk undo' "
        "left it (it was edited by hand, replaced, merged or checked out from another branch "
        "since); redo puts the change back once the file is again as undo left it (a change "
        "dprk makes meanwhile ends what can be redone); nothing was written\n"
    )
    assert korea.read_bytes() == edited


def test_redo_refused_after_a_hand_edit_puts_the_change_back_once_it_is_put_back(dprk, korea):
    """The refusal said a hand edit ends what can be redone; it does not: the edit put
    back byte for byte, redo puts the change back, as the refusal now says."""
    note = "note second-summit A --date 2018-09-21"
    assert dprk(*note.split()).code == 0
    noted = korea.read_bytes()
    assert dprk("undo").code == 0
    undone = korea.read_bytes()
    title = b'title = "US\xe2\x80\x93DPRK denuclearization talks, 2018"'
    assert title in undone
    edited = undone.replace(title, b'title = "X"')
    korea.write_bytes(edited)
    result = dprk("redo")
    assert (result.code, result.out) == (1, "")
    assert "which ends what can be redone" not in result.err
    assert "redo puts the change back once the file is again as undo left it" in result.err
    assert korea.read_bytes() == edited
    korea.write_bytes(undone)
    result = dprk("redo")
    assert result.code == 0, result.err
    assert result.err.startswith(_redid(note))
    assert korea.read_bytes() == noted


def test_redo_help_says_a_hand_edit_put_back_leaves_the_redo_standing(dprk):
    result = dprk("redo", "--help")
    assert result.code == 0
    said = " ".join(result.out.split())
    assert "a change made since, by dprk or by hand, ends" not in said
    assert "an edit by hand holds it off until the file is put back as the undo left it" in said


@pytest.mark.parametrize("ends", [b"\r\n", b"\n"])
def test_redo_of_a_ledger_whose_line_ends_alone_changed_keeps_them(dprk, korea, ends):
    """A Windows editor re-saved the file undo left with CRLF line ends (or one kept in
    CRLF with LF): redo refused it as edited by hand, which undo accepts. The content is
    as undo left it: the change is put back, the file keeping the line ends it has now,
    and undo takes it back again."""
    other = b"\n" if ends == b"\r\n" else b"\r\n"
    korea.write_bytes(korea.read_bytes().replace(b"\n", other))  # (as dprk would keep it)
    before = korea.read_bytes()
    assert dprk(*MARK.split()).code == 0
    made = korea.read_bytes()
    assert dprk("undo").code == 0
    korea.write_bytes(korea.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", ends))
    named = "CRLF" if ends == b"\r\n" else "LF"
    result = dprk("redo")
    assert (result.code, result.out) == (0, "")
    assert result.err.startswith(f"redid: {MARK} (made ")
    assert result.err.endswith(f"; the file keeps its {named} line ends\n")
    assert korea.read_bytes() == made.replace(b"\r\n", b"\n").replace(b"\n", ends)
    assert dprk("check").code == 0
    again = dprk("undo")
    assert again.code == 0 and again.err.startswith(f"undid: {MARK} (made ")
    assert korea.read_bytes() == before.replace(b"\r\n", b"\n").replace(b"\n", ends)


def test_a_redo_whose_write_fails_writes_nothing_and_can_be_made_again(dprk, korea, monkeypatch):
    from dprk_cli.store import ledger

    assert dprk(*MARK.split()).code == 0
    after = korea.read_bytes()
    assert dprk("undo").code == 0
    undone = korea.read_bytes()
    kept = journal.entries(korea)

    def failed(*args, **kwargs):
        raise OSError(28, "No space left on device")

    write = ledger.atomic_write
    monkeypatch.setattr(ledger, "atomic_write", failed)
    result = dprk("redo")
    assert result.code == 1 and result.err.count("\n") == 1, result.err
    assert korea.read_bytes() == undone
    assert journal.entries(korea) == kept
    monkeypatch.setattr(ledger, "atomic_write", write)
    result = dprk("redo")
    assert result.code == 0, result.err
    assert korea.read_bytes() == after


def _said(err: str) -> list[str]:
    """The lines of `err` but the warning that a file was written whole, in dprk's layout."""
    return [line for line in err.splitlines() if "rewritten in dprk's own layout" not in line]


def _written_whole(ledger) -> None:
    """A table named in quotes: the file is not cut into blocks,
    but read and written whole (undo and redo take their other path)."""
    text = ledger.read_text(encoding="utf-8")
    ledger.write_text(text.replace("[[measures]]", '[["measures"]]', 1))


@pytest.mark.parametrize("whole", [False, True], ids=["blocks", "written whole"])
def test_undo_and_redo_warn_of_what_the_rules_warn_of_as_the_write_did(dprk, empty, whole):
    """Two of one party's measures linked in exchange: the link warned of it; a redo of
    the link, or an undo of the unlink that mended it, brought the warning's cause back
    without a word. They say it as the write does, after their own line."""
    for ident in ("a", "b"):
        made = dprk("add-measure", ident.upper(), "--actor", "US", "--id", ident)
        assert made.code == 0, made.err
    if whole:
        _written_whole(empty)
    linked = dprk("link", "a", "b")
    assert linked.code == 0, linked.err
    confirmed, said = _said(linked.err)
    assert confirmed == "a: in exchange for b (recorded on both)"
    assert said.startswith("dprk: warning: a: 'a' and 'b' are both US's: an exchange is ")
    undone = dprk("undo")
    assert (undone.code, undone.out) == (0, "")
    assert undone.err.startswith("undid: link a b (made ")
    assert len(undone.err.splitlines()) == 1  # (the link gone, nothing to warn of)
    unlinked = empty.read_bytes()
    redone = dprk("redo")
    assert (redone.code, redone.out) == (0, "")
    assert redone.err.startswith("redid: link a b (made ")
    assert redone.err.splitlines()[1:] == [said]
    assert empty.read_bytes() != unlinked
    assert dprk("unlink", "a", "b").code == 0
    mended = empty.read_bytes()
    back = dprk("undo")
    assert (back.code, back.out) == (0, "")
    assert back.err.startswith("undid: unlink a b (made ")
    assert back.err.splitlines()[1:] == [said]
    assert empty.read_bytes() != mended
    assert dprk("check").code == 0  # (a warning, no error: nothing was refused)


@pytest.mark.parametrize("whole", [False, True], ids=["blocks", "written whole"])
def test_undo_and_redo_of_a_step_that_ended_a_deadlock_say_it_stands_and_ends(dprk, empty, whole):
    """A waits for B (demanded by US), B for A (demanded by DPRK); A carried out ends the
    deadlock. Undone, it stands again; redone, it no longer stands: each said as the
    write that makes or ends one says it."""
    for ident, actor in (("a", "US"), ("b", "DPRK")):
        made = dprk("add-measure", ident.upper(), "--actor", actor, "--id", ident,
                    "--status", "agreed")  # fmt: skip
        assert made.code == 0, made.err
    if whole:
        _written_whole(empty)
    assert dprk("sequence", "a", "--after", "b", "--demanded-by", "US").code == 0
    made = dprk("sequence", "b", "--after", "a", "--demanded-by", "DPRK")
    assert made.code == 0, made.err
    circle = "b waits for a (demanded by DPRK); a waits for b (demanded by US)"
    (stands,) = made.err.splitlines()[1:]
    assert stands.startswith(f"dprk: warning: deadlock: {circle}; it stands from ")
    ended = dprk("mark", "a", "implemented")
    assert ended.code == 0, ended.err
    no_longer = ended.err.splitlines()[1]
    assert no_longer.startswith(f"dprk: warning: deadlock: {circle}; it no longer stands")
    undone = dprk("undo")
    assert (undone.code, undone.out) == (0, "")
    assert undone.err.splitlines()[1:] == [stands]
    assert json.loads(dprk("show", "a", "--format", "json").out)["status"] == "agreed"
    redone = dprk("redo")
    assert (redone.code, redone.out) == (0, "")
    assert redone.err.splitlines()[1:] == ended.err.splitlines()[1:]
    assert json.loads(dprk("show", "a", "--format", "json").out)["status"] == "implemented"
