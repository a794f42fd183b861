"""A part that stands rejected, through the real entry point: an offer turned down was
never part of what is to be done, so it counts for nothing in its whole (as if it were no
part of it: `vocab.counted_parts`), in every view, on every day and read anew. A part
withdrawn still counts: a part not carried out, which its whole owes."""

from __future__ import annotations

import json
import shutil

import pytest


def _run(dprk, *commands: tuple[str, ...]) -> None:
    for args in commands:
        done = dprk(*args)
        assert done.code == 0, done.err


def _cold(cold: bool, folder) -> None:
    if cold:
        shutil.rmtree(folder / ".dprk")


def _redeployments(dprk, ended: str = "rejected") -> None:
    """Further redeployments, exchanged for a security plan: a first offer turned down
    (or withdrawn: `ended`), then Wye's first stage carried out and verified."""
    _run(
        dprk,
        ("init", "--title", "T", "--party", "Israel", "--party", "PLO"),
        ("add-measure", "FRD", "--actor", "Israel", "--id", "frd", "--date", "1995-09-28",
         "--status", "agreed"),
        ("add-measure", "Security plan", "--actor", "PLO", "--id", "sec", "--date",
         "1998-10-23", "--status", "agreed", "--in-exchange-for", "frd"),
        ("add-measure", "Israeli 9% offer", "--actor", "Israel", "--id", "frd-1997",
         "--part-of", "frd", "--date", "1997-03-07"),
        ("mark", "frd-1997", ended, "--date", "1997-03-09"),
        ("add-measure", "Wye stage 1", "--actor", "Israel", "--id", "w1", "--part-of", "frd",
         "--date", "1998-10-23", "--status", "agreed"),
        ("mark", "w1", "implemented", "--date", "1998-11-20"),
        ("mark", "sec", "implemented", "--date", "1998-11-05"),
        ("verify", "w1", "--by", "United States", "--new-verifier", "--date", "1998-11-25"),
    )  # fmt: skip


def _record(dprk, ident: str, *options: str) -> dict:
    shown = dprk("status", "--format", "json", *options)
    assert shown.code == 0, shown.err
    return next(m for m in json.loads(shown.out)["measures"] if m["id"] == ident)


@pytest.mark.parametrize("cold", [False, True], ids=["kept", "read-anew"])
def test_a_rejected_part_leaves_its_whole_done_by_its_other_parts(dprk, tmp_path, cold):
    _redeployments(dprk)
    path = tmp_path / "dprk-ledger.toml"
    stored = path.read_text()
    assert 'id = "frd"\ntitle = "FRD"\nactor = "Israel"\nstatus = "verified"\n' in stored
    before = path.read_bytes()
    _cold(cold, tmp_path)
    frd = _record(dprk, "frd")
    assert (frd["status"], frd["extent"], frd["verification"]) == (
        "verified",
        "full",
        "verified (its parts)",
    )
    _cold(cold, tmp_path)
    table = dprk("status")
    assert table.code == 0, table.err
    assert "frd         Israel  verified     full    verified (its parts)" in table.out
    _cold(cold, tmp_path)
    balance = json.loads(dprk("balance", "--format", "json").out)["parties"]
    assert balance == {"Israel": {"owed": [], "owes": []}, "PLO": {"owed": [], "owes": []}}
    _cold(cold, tmp_path)
    assert dprk("next").out == (
        "Can go ahead now\n(nothing can go ahead now)\n\nBlocked\n(nothing is blocked)\n"
    )
    _cold(cold, tmp_path)
    check = dprk("check")
    assert (check.code, check.out) == (0, "ok: no problems found\n")
    # On a day between the rejection and the verification: implemented in full, 0 of 1.
    _cold(cold, tmp_path)
    then = _record(dprk, "frd", "--as-of", "1998-11-21")
    assert (then["status"], then["extent"], then["verification"]) == (
        "implemented",
        "full",
        "unverified (0 of 1 parts verified)",
    )
    # Before the rejection the offer was a part: pending, as its whole.
    _cold(cold, tmp_path)
    offered = dprk("status", "--as-of", "1997-03-08")
    assert (
        "└ frd-1997  Israel  proposed  -       -                              1997-03-07  ready"
        in (offered.out)
    )
    assert path.read_bytes() == before


def test_a_withdrawn_part_still_leaves_its_whole_owing_the_rest(dprk, tmp_path):
    _redeployments(dprk, "withdrawn")
    path = tmp_path / "dprk-ledger.toml"
    before = path.read_bytes()
    frd = _record(dprk, "frd")
    assert (frd["status"], frd["extent"], frd["verification"]) == (
        "implemented",
        "intermediate",
        "unverified (1 of 2 parts verified)",
    )
    owes = json.loads(dprk("balance", "--format", "json").out)["parties"]["Israel"]["owes"]
    assert [(r["measure"], r["counterpart"], r["in_part"]) for r in owes] == [("frd", "sec", True)]
    assert path.read_bytes() == before


def _ordered(dprk) -> None:
    """Further redeployments, ordered by Israel after the charter's amendment is
    verified; the charter amended."""
    _run(
        dprk,
        ("init", "--title", "T", "--party", "Israel", "--party", "PLO"),
        ("add-measure", "Further redeployments", "--actor", "Israel", "--id", "frd",
         "--date", "1995-09-28", "--status", "agreed"),
        ("add-measure", "Charter amendment", "--actor", "PLO", "--id", "charter", "--date",
         "1995-09-28", "--status", "agreed", "--in-exchange-for", "frd"),
        ("mark", "charter", "implemented", "--date", "1996-04-24"),
        ("sequence", "frd", "--after", "charter", "--require", "verified", "--demanded-by",
         "Israel", "--date", "1997-01-15"),
    )  # fmt: skip


BLOCKED = (
    "Can go ahead on 1997-06-01\n"
    "(nothing can go ahead on 1997-06-01)\n"
    "\n"
    "Blocked\n"
    "id   actor   waits for                               note\n"
    "frd  Israel  charter (verified; demanded by Israel)\n"
)


@pytest.mark.parametrize("cold", [False, True], ids=["kept", "read-anew"])
def test_a_whole_whose_only_part_was_rejected_acts_itself(dprk, tmp_path, cold):
    _ordered(dprk)
    path = tmp_path / "dprk-ledger.toml"
    assert dprk("next", "--as-of", "1997-06-01").out.startswith(BLOCKED)
    _run(
        dprk,
        ("add-measure", "Israeli 9% offer", "--actor", "Israel", "--id", "frd-1997",
         "--part-of", "frd", "--date", "1997-03-07"),
        ("mark", "frd-1997", "rejected", "--date", "1997-03-09"),
    )  # fmt: skip
    before = path.read_bytes()
    _cold(cold, tmp_path)
    assert dprk("next", "--as-of", "1997-06-01").out.startswith(BLOCKED)
    _cold(cold, tmp_path)
    plan = json.loads(dprk("plan", "--as-of", "1997-06-01", "--format", "json").out)
    assert [p["measures"] for p in plan["phases"]] == [[], ["frd"]]
    _cold(cold, tmp_path)
    assert _record(dprk, "frd")["status"] == "agreed"
    _cold(cold, tmp_path)
    table = dprk("status", "--blocked", "--format", "ids")
    assert table.out == "frd\n"
    _cold(cold, tmp_path)
    counts = json.loads(dprk("status", "--format", "json").out)["parties"]["Israel"]
    assert (counts["ready"], counts["blocked"]) == (0, 1)
    _cold(cold, tmp_path)
    check = dprk("check")
    assert (check.code, check.out) == (0, "ok: no problems found\n")
    assert path.read_bytes() == before
    # Once the charter is verified, the whole is its own to carry out.
    _run(dprk, ("verify", "charter", "--by", "UN", "--new-verifier", "--date", "1997-07-01"))
    assert dprk("status", "--ready", "--format", "ids").out == "frd\n"
    done = dprk("mark", "frd", "implemented", "--date", "1997-08-01")
    assert done.code == 0, done.err
    assert _record(dprk, "frd")["status"] == "implemented"
    assert dprk("check").out == "ok: no problems found\n"


def _as_written_before(path, old: str, new: str = 'status = "verified"\n') -> bytes:
    """The file as a dprk that counted a part rejected in its whole wrote it: frd stored
    at `old` where the rule now writes `new`."""
    text = path.read_text()
    head = 'id = "frd"\ntitle = "FRD"\nactor = "Israel"\n'
    assert text.count(head + new) == 1
    earlier = text.replace(head + new, head + old).encode()
    path.write_bytes(earlier)
    return earlier


REJECTED_BEFORE = (
    "warning: frd: status 'implemented' in the file was written by an earlier dprk, which "
    "counted a part that stands rejected in its whole; frd-1997 stands rejected and no "
    "longer counts, so it is 'verified'; the next change to frd or its parts writes it (or "
    'set status = "verified" and extent = "full" in the file) [extent-before]\n'
    "0 errors, 1 warning\n"
)


@pytest.mark.parametrize("cold", [False, True], ids=["kept", "read-anew"])
def test_a_whole_an_earlier_dprk_stored_counting_its_rejected_part_reads_as_now(
    dprk, tmp_path, cold
):
    """A ledger written before a rejected part counted for nothing holds frd
    implemented (intermediate): `check` called that an error and every change of frd was
    refused. `check` warns; every view reads frd as its parts give it now; a change of it
    writes that, and undo puts the file back as it was."""
    _redeployments(dprk)
    path = tmp_path / "dprk-ledger.toml"
    earlier = _as_written_before(path, 'status = "implemented"\nextent = "intermediate"\n')
    _cold(cold, tmp_path)
    for _ in range(2):  # (as read, then as kept)
        check = dprk("check")
        assert (check.code, check.out, check.err) == (0, REJECTED_BEFORE, "")
        frd = _record(dprk, "frd")
        assert (frd["status"], frd["extent"], frd["verification"]) == (
            "verified",
            "full",
            "verified (its parts)",
        )
        table = dprk("status")
        assert (table.code, table.err) == (0, "")
        assert "frd         Israel  verified     full    verified (its parts)" in table.out
        balance = dprk("balance", "--format", "json")
        assert (balance.code, balance.err) == (0, "")
        assert json.loads(balance.out)["parties"]["Israel"] == {"owed": [], "owes": []}
        assert dprk("next").out == (
            "Can go ahead now\n(nothing can go ahead now)\n\nBlocked\n(nothing is blocked)\n"
        )
    assert path.read_bytes() == earlier  # (read, not written)
    noted = dprk("note", "frd", "Seen", "--date", "1999-01-01")
    assert (noted.code, noted.out) == (0, ""), noted.err
    written = path.read_text()
    assert 'id = "frd"\ntitle = "FRD"\nactor = "Israel"\nstatus = "verified"\nin_exch' in written
    assert dprk("check").out == "ok: no problems found\n"
    undone = dprk("undo")
    assert undone.code == 0, undone.err
    assert path.read_bytes() == earlier
    assert dprk("check").out == REJECTED_BEFORE


def test_a_whole_with_parts_to_expect_an_earlier_dprk_stored_reads_as_now(dprk, tmp_path):
    """frd is to have two parts, and has three on record, one rejected: counted, the
    two carried out left it implemented (intermediate), 2 of 3; they are all it has."""
    _redeployments(dprk)
    path = tmp_path / "dprk-ledger.toml"
    _run(
        dprk,
        ("edit", "frd", "--expected-parts", "2"),
        ("add-measure", "Wye stage 2", "--actor", "Israel", "--id", "w2", "--part-of", "frd",
         "--date", "1998-10-23", "--status", "agreed"),
        ("mark", "w2", "implemented", "--date", "1998-11-20"),
        ("verify", "w2", "--by", "United States", "--date", "1998-11-25"),
    )  # fmt: skip
    earlier = _as_written_before(path, 'status = "implemented"\nextent = "intermediate"\n')
    check = dprk("check")
    assert check.code == 0, check.out
    assert REJECTED_BEFORE.split("\n")[0] + "\n" in check.out
    frd = _record(dprk, "frd")
    assert (frd["status"], frd["extent"]) == ("verified", "full")
    noted = dprk("note", "frd", "Seen", "--date", "1999-01-01")
    assert noted.code == 0, noted.err
    assert 'actor = "Israel"\nstatus = "verified"\n' in path.read_text()
    assert dprk("undo").code == 0
    assert path.read_bytes() == earlier


def test_a_whole_set_by_hand_to_what_no_earlier_rule_gave_is_still_an_error(dprk, tmp_path):
    """Stored implemented in full: neither rule, old or new, gives that: set by hand."""
    _redeployments(dprk)
    path = tmp_path / "dprk-ledger.toml"
    earlier = _as_written_before(path, 'status = "implemented"\n')
    check = dprk("check")
    assert check.code == 1
    assert "frd: status is 'implemented' but its parts give 'verified'" in check.out
    refused = dprk("note", "frd", "Seen", "--date", "1999-01-01")
    assert refused.code == 1
    assert path.read_bytes() == earlier
