"""dprk's lock keeps other dprk commands out, not an editor: when another program saves
the ledger while a dprk command is changing it, dprk does not write over what it saved.
The command is run again on the file as it now is (or, should the file keep changing,
ends with one line and nothing written), so the edit is kept either way."""

from __future__ import annotations

from pathlib import Path

import pytest

from dprk_cli.cli.app import READ_ATTEMPTS
from dprk_cli.store.cache import AsRead

OLD_TITLE = b'title = "US declares the 1950\xe2\x80\x9353 Korean War formally over"'
NEW_TITLE = b'title = "US declares the Korean War over (edited in an editor)"'


class Editor:
    """Saves the ledger, as an editor would, just before each of the next `times` dprk
    writes replaces it (the last moment possible): `edit` of its bytes, by default a
    changed title. What it saved, in `saved`."""

    def __init__(self, monkeypatch, path: Path, times: int, edit=None) -> None:
        self.saved: list[bytes] = []
        self.times = times
        real = AsRead.check

        def check(as_read, where):
            if len(self.saved) < self.times:
                raw = path.read_bytes()
                new = edit(raw) if edit else raw.replace(OLD_TITLE, NEW_TITLE, 1)
                path.write_bytes(new)
                self.saved.append(new)
            return real(as_read, where)

        monkeypatch.setattr(AsRead, "check", check)

    def stop(self) -> None:
        self.times = 0


WRITES = {
    "mark": ["mark", "end-of-war-declaration", "agreed", "--date", "2018-10-01"],
    "add-measure": [
        "add-measure",
        "Open a liaison office",
        "--actor",
        "US",
        "--date",
        "2018-10-01",
    ],
    "add-party": ["add-party", "China"],
    "edit": ["edit", "punggye-ri-closure", "--title", "Punggye-ri test site closed"],
}


@pytest.mark.parametrize("command", list(WRITES))
def test_a_change_is_made_on_what_the_editor_saved(dprk, korea, monkeypatch, command):
    editor = Editor(monkeypatch, korea, 1)
    result = dprk(*WRITES[command])
    assert result.code == 0, result.err
    assert len(editor.saved) == 1
    after = korea.read_bytes()
    assert NEW_TITLE in after and OLD_TITLE not in after  # the editor's change is kept
    assert after != editor.saved[0]  # and dprk's is made on it
    editor.stop()
    assert dprk("check").code == 0
    undone = dprk("undo")
    assert undone.code == 0, undone.err
    assert korea.read_bytes() == editor.saved[0]  # undo takes back dprk's change alone


@pytest.mark.parametrize(
    ("args", "stdin", "said"),
    [
        (["note", "-", "Seen again", "--date", "2018-10-01"], "punggye-ri-closure\n", "Seen again"),
        (
            ["import", "--format", "csv", "-"],
            "id,title,actor\nnew-step,A new step,US\n",
            "new-step",
        ),
    ],
    ids=["ids", "rows"],
)
def test_a_change_read_from_standard_input_is_made_on_what_the_editor_saved(
    dprk, korea, monkeypatch, args, stdin, said
):
    """Run again on the file the editor saved, a command read its standard input again,
    found it at its end, and ended with "nothing to do" (exit 0, nothing written) or
    "no measures to import"."""
    editor = Editor(monkeypatch, korea, 1)
    result = dprk(*args, stdin=stdin)
    assert result.code == 0, result.err
    assert "nothing to do" not in result.err
    after = korea.read_bytes()
    assert len(editor.saved) == 1 and NEW_TITLE in after
    assert said.encode() in after and said.encode() not in editor.saved[0]


def test_an_editor_that_keeps_saving_is_never_written_over(dprk, korea, monkeypatch):
    editor = Editor(monkeypatch, korea, 1000, lambda raw: raw + b"# saved again\n")
    result = dprk(*WRITES["mark"])
    assert result.code == 1 and result.out == ""
    assert result.err.splitlines() == [
        f"dprk: error: {korea.name}: the ledger was changed by another program while dprk "
        "was changing it; nothing was written; run the command again"
    ]
    assert len(editor.saved) == READ_ATTEMPTS
    assert korea.read_bytes() == editor.saved[-1]  # the editor's last save, dprk's change not


def test_a_file_saved_unchanged_does_not_stop_the_change(dprk, korea, monkeypatch):
    editor = Editor(monkeypatch, korea, 1000, lambda raw: raw)
    before = korea.read_bytes()
    result = dprk(*WRITES["mark"])
    assert result.code == 0, result.err
    assert len(editor.saved) == 1  # checked once: same bytes, so written
    assert korea.read_bytes() != before


def test_undo_does_not_take_back_a_change_the_editor_saved_over(dprk, korea, monkeypatch):
    assert dprk(*WRITES["mark"]).code == 0
    editor = Editor(monkeypatch, korea, 1)
    result = dprk("undo")
    assert result.code == 1 and result.out == ""
    assert "the ledger is not as dprk's last change ('mark " in result.err
    assert len(result.err.splitlines()) == 1
    assert korea.read_bytes() == editor.saved[0]


def test_init_force_keeps_what_the_editor_saved_for_undo(dprk, korea, monkeypatch):
    editor = Editor(monkeypatch, korea, 1)
    result = dprk("init", "--title", "New talks", "--party", "US", "--force")
    assert result.code == 0, result.err
    assert b"New talks" in korea.read_bytes()
    editor.stop()
    assert dprk("undo").code == 0
    assert korea.read_bytes() == editor.saved[0]
