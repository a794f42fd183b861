"""A merge conflict in the ledger's own fields (its title, its parties), as status tells
of it, for people and for scripts."""

from __future__ import annotations

import json
import shutil


def test_status_names_a_conflict_on_the_parties_as_the_ledgers_own(dprk, tmp_path):
    """Two spellings of one party added on two sides: status called it a conflict "in
    the title", told to settle it with an ID, and its JSON did not have it at all."""
    base, ours, theirs = (tmp_path / f"{n}.toml" for n in ("base", "ours", "theirs"))
    assert dprk("--ledger", base, "init", "--title", "T", "--party", "US").code == 0
    shutil.copy(base, ours)
    shutil.copy(base, theirs)
    assert dprk("--ledger", ours, "add-party", "Japan").code == 0
    assert dprk("--ledger", theirs, "add-party", "JAPAN").code == 0
    merged = tmp_path / "merged.toml"
    assert dprk("merge-driver", base, ours, theirs, "-o", merged).code == 1
    written = merged.read_bytes()
    status = dprk("--ledger", merged, "status")
    assert status.code == 0, status.err
    assert status.lines[-1] == (
        "unresolved merge conflicts in the ledger's parties: 'dprk check' lists them, "
        "'dprk resolve ID --field NAME --take ours|theirs|VALUE' settles each (with no ID "
        "for the ledger's own)"
    )
    doc = json.loads(dprk("--ledger", merged, "status", "--format", "json").out)
    assert doc["conflicts"] == [{"field": "party", "ours": "Japan", "theirs": "JAPAN"}]
    assert merged.read_bytes() == written
    assert dprk("--ledger", merged, "resolve", "--field", "party", "--take", "ours").code == 0
    doc = json.loads(dprk("--ledger", merged, "status", "--format", "json").out)
    assert "conflicts" not in doc and "Japan" in doc["parties"]
    assert "unresolved" not in dprk("--ledger", merged, "status").out
