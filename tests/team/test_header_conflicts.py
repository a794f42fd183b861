"""A merge conflict in the ledger's own fields (its title, its parties), as status tells
of it, for people and for scripts."""

from __future__ import annotations

import json
import shutil

import pytest


def _sides(dprk, tmp_path, *init: str):  # type: ignore[no-untyped-def]
    """A ledger made with `dprk init INIT...` as a merge's base, and two copies of it, one
    for each side: their paths."""
    base, ours, theirs = (tmp_path / f"{n}.toml" for n in ("base", "ours", "theirs"))
    assert dprk("--ledger", base, "init", *init).code == 0
    shutil.copy(base, ours)
    shutil.copy(base, theirs)
    return base, ours, theirs


def test_status_names_a_conflict_on_the_parties_as_the_ledgers_own(dprk, tmp_path):
    """Two spellings of one party added on two sides: status called it a conflict "in
    the title", told to settle it with an ID, and its JSON did not have it at all."""
    base, ours, theirs = _sides(dprk, tmp_path, "--title", "T", "--party", "US")
    assert dprk("--ledger", ours, "add-party", "Japan").code == 0
    assert dprk("--ledger", theirs, "add-party", "JAPAN").code == 0
    merged = tmp_path / "merged.toml"
    assert dprk("merge-driver", base, ours, theirs, "-o", merged).code == 1
    written = merged.read_bytes()
    status = dprk("--ledger", merged, "status")
    assert status.code == 0, status.err
    assert status.lines[-1] == (
        "unresolved merge conflicts in the ledger's parties: 'dprk --ledger merged.toml "
        "check' lists them, 'dprk --ledger merged.toml resolve ID --field NAME --take ours|theirs|VALUE' settles each (with no ID "
        "for the ledger's own)"
    )
    doc = json.loads(dprk("--ledger", merged, "status", "--format", "json").out)
    assert doc["conflicts"] == [{"field": "party", "ours": "Japan", "theirs": "JAPAN"}]
    assert merged.read_bytes() == written
    result = dprk("--ledger", merged, "resolve", "--field", "party", "--take", "ours")
    assert (result.code, result.err) == (0, "party: took ours ('Japan')\n")
    doc = json.loads(dprk("--ledger", merged, "status", "--format", "json").out)
    assert "conflicts" not in doc and "Japan" in doc["parties"]
    assert "unresolved" not in dprk("--ledger", merged, "status").out


def test_each_party_named_two_ways_is_a_conflict_of_its_own(dprk, tmp_path):
    """Two parties each added two ways on the two sides: the merge kept one conflict, the
    other party merged as ours without a word, and one resolve dropped both records."""
    base, ours, theirs = _sides(dprk, tmp_path, "--title", "T", "--party", "US")
    for side, names in ((ours, ("rok", "JAPAN")), (theirs, ("ROK", "Japan"))):
        for name in names:
            assert dprk("--ledger", side, "add-party", name).code == 0
    merged = tmp_path / "merged.toml"
    result = dprk("merge-driver", base, ours, theirs, "-o", merged)
    assert result.code == 1
    assert "merged the ledger with 2 conflicts" in result.err
    # (the file written, named: run as suggested, they settled ./dprk-ledger.toml)
    assert "('dprk --ledger merged.toml check' lists them" in result.err
    assert "'dprk --ledger merged.toml resolve --field party:rok --take ours|theirs|VALUE'" in (
        result.err
    )
    doc = json.loads(dprk("--ledger", merged, "status", "--format", "json").out)
    assert doc["conflicts"] == [
        {"field": "party", "ours": "JAPAN", "theirs": "Japan"},
        {"field": "party", "ours": "rok", "theirs": "ROK"},
    ]
    written = merged.read_bytes()
    result = dprk("--ledger", merged, "resolve", "--field", "party", "--take", "theirs")
    assert result.code == 2
    assert result.err == (
        "dprk: error: --field: 2 parties are in conflict; name one: party:JAPAN, party:rok\n"
    )
    assert merged.read_bytes() == written
    result = dprk("--ledger", merged, "resolve", "--field", "party:japan", "--take", "theirs")
    assert result.err == (  # (it listed "party, party")
        "dprk: error: the ledger has no merge conflict on 'party:japan' (conflicts on: "
        "party:JAPAN, party:rok)\n"
    )
    result = dprk("--ledger", merged, "resolve", "--field", "party:rok", "--take", "us")
    assert result.code == 1 and result.err.startswith("dprk: error: --take: party 'US'")
    assert merged.read_bytes() == written
    result = dprk("--ledger", merged, "resolve", "--field", "party:rok", "--take", "theirs")
    assert (result.code, result.err) == (0, "party: took theirs (now 'ROK')\n")
    check = dprk("--ledger", merged, "check")
    assert check.code == 1 and "ours 'JAPAN', theirs 'Japan'" in check.out
    assert "--field party --take" in check.out  # (one left: named by its field alone)
    result = dprk("--ledger", merged, "resolve", "--field", "party", "--take", "ours")
    assert (result.code, result.err) == (0, "party: took ours ('JAPAN')\n")
    assert dprk("--ledger", merged, "check").code == 0
    parties = json.loads(dprk("--ledger", merged, "status", "--format", "json").out)["parties"]
    assert list(parties) == ["US", "ROK", "JAPAN"]


def test_settling_the_ledgers_title_names_the_title_taken(dprk, tmp_path):
    """A measure's settlement names the value ours or theirs held ('took ours ('B')'),
    as which side is ours turns round in a rebase; the ledger's title said only
    'title: took ours'."""
    base, ours, theirs = _sides(dprk, tmp_path, "--title", "T", "--party", "US")
    assert dprk("--ledger", ours, "edit-ledger", "--title", "Talks B").code == 0
    assert dprk("--ledger", theirs, "edit-ledger", "--title", "Talks A").code == 0
    merged = tmp_path / "merged.toml"
    assert dprk("merge-driver", base, ours, theirs, "-o", merged).code == 1
    result = dprk("--ledger", merged, "resolve", "--field", "title", "--take", "theirs")
    assert (result.code, result.err) == (0, "title: took theirs ('Talks A')\n")
    assert json.loads(dprk("--ledger", merged, "status", "-f", "json").out)["title"] == "Talks A"


def test_the_ledgers_title_in_conflict_is_settled_before_it_is_edited(dprk, tmp_path):
    """edit-ledger --title was taken while the title was in conflict, and a settlement
    then threw the edit away without a word, as an edit of a measure's field in conflict
    is refused. A title restated is 'already so', as for a measure (it was an error)."""
    base, ours, theirs = _sides(dprk, tmp_path, "--title", "T", "--party", "US")
    assert dprk("--ledger", ours, "edit-ledger", "--title", "T2").code == 0
    assert dprk("--ledger", theirs, "edit-ledger", "--title", "T1").code == 0
    restated = dprk("--ledger", ours, "edit-ledger", "--title", "T2")
    assert (restated.code, restated.err) == (0, "title: already so; nothing changed\n")
    merged = tmp_path / "merged.toml"
    assert dprk("merge-driver", base, ours, theirs, "-o", merged).code == 1
    written = merged.read_bytes()
    edited = dprk("--ledger", merged, "edit-ledger", "--title", "T3")
    assert (edited.code, edited.out) == (1, "")
    assert edited.err == (
        "dprk: error: the ledger's title is in conflict from a merge; settle it first with "
        "'dprk --ledger merged.toml resolve --field title --take ours|theirs|VALUE' (a value "
        "of your own settles "
        "it too)\n"
    )
    assert merged.read_bytes() == written
    settled = dprk("--ledger", merged, "resolve", "--field", "title", "--take", "T3")
    assert (settled.code, settled.err) == (0, "title: took 'T3'\n")


def test_a_party_renamed_while_an_actor_is_in_conflict_is_renamed_in_the_conflict(dprk, tmp_path):
    """A hand-over to B on one side, to C on the other: the actor in conflict. C renamed
    CC before the conflict was settled: the conflict still named C, and taking ours was
    refused ("'C' is not a declared party")."""
    base, ours, theirs = (tmp_path / f"{n}.toml" for n in ("base", "ours", "theirs"))
    made = ("--party", "A", "--party", "B", "--party", "C")
    assert dprk("--ledger", base, "init", "--title", "T", *made).code == 0
    added = ("add-measure", "X", "--actor", "A", "--id", "x", "--date", "2018-01-01")
    assert dprk("--ledger", base, *added).code == 0
    shutil.copy(base, ours)
    shutil.copy(base, theirs)
    assert dprk("--ledger", ours, "edit", "x", "--actor", "C", "--date", "2018-02-01").code == 0
    assert dprk("--ledger", theirs, "edit", "x", "--actor", "B", "--date", "2018-02-01").code == 0
    merged = tmp_path / "merged.toml"
    assert dprk("merge-driver", base, ours, theirs, "-o", merged).code == 1
    assert dprk("--ledger", merged, "rename-party", "C", "CC").code == 0
    problems = json.loads(dprk("--ledger", merged, "check", "--format", "json").out)["problems"]
    assert [p["message"] for p in problems if p["check"] == "merge-conflicts"] == [
        "unresolved merge conflict on field 'actor': ours 'CC', theirs 'B'; settle it with "
        "'dprk --ledger merged.toml resolve x --field actor --take ours|theirs|VALUE'"
    ]
    settled = dprk("--ledger", merged, "resolve", "x", "--field", "actor", "--take", "ours")
    assert (settled.code, settled.err) == (0, "x: actor: took ours ('CC')\n")
    assert json.loads(dprk("--ledger", merged, "show", "x", "--format", "json").out)["actor"] == (
        "CC"
    )


def test_a_party_in_conflict_is_settled_before_it_is_renamed_added_or_removed(dprk, tmp_path):
    """A party renamed two ways, then renamed again while in conflict: taking theirs
    failed ("OLD: 'SK' is not a declared party"), and taking ours said "took ours ('SK')"
    of a party then called 'SouthK'."""
    base, ours, theirs = (tmp_path / f"{n}.toml" for n in ("base", "ours", "theirs"))
    assert dprk("--ledger", base, "init", "--title", "T", "--party", "ROK").code == 0
    assert dprk("--ledger", base, "add-measure", "M", "--actor", "ROK", "--id", "m").code == 0
    shutil.copy(base, ours)
    shutil.copy(base, theirs)
    assert dprk("--ledger", ours, "rename-party", "ROK", "SK").code == 0
    assert dprk("--ledger", theirs, "rename-party", "ROK", "RK").code == 0
    merged = tmp_path / "merged.toml"
    assert dprk("merge-driver", base, ours, theirs, "-o", merged).code == 1
    written = merged.read_bytes()
    said = (
        "dprk: error: party 'SK' is in conflict from a merge (theirs 'RK'); settle it first "
        "with 'dprk --ledger merged.toml resolve --field party --take ours|theirs|NAME'\n"
    )
    for args in (
        ("rename-party", "SK", "SouthK"),
        ("rename-party", "RK", "X"),
        ("add-party", "RK"),
        ("remove-party", "SK"),
        # (a name typed with spaces around it, taken as typed to reach one so spelt)
        ("rename-party", " SK ", "SouthK"),
        ("remove-party", "SK "),
    ):
        refused = dprk("--ledger", merged, *args)
        assert (refused.code, refused.out, refused.err) == (1, "", said), args
        assert merged.read_bytes() == written
    taken = dprk("--ledger", merged, "resolve", "--field", "party", "--take", "theirs")
    assert (taken.code, taken.err) == (0, "party: took theirs (now 'RK')\n")
    shown = json.loads(dprk("--ledger", merged, "show", "m", "--format", "json").out)
    assert shown["actor"] == "RK"
    assert dprk("--ledger", merged, "rename-party", "RK", "SouthK").code == 0
    assert dprk("--ledger", merged, "check").code == 0


def test_a_history_in_conflict_is_settled_before_an_entry_is_redated_or_dropped(dprk, tmp_path):
    """A creation redated two ways is a conflict on the history; redated a third way
    while in conflict, neither side could be taken ("a measure is created once"), and
    only a hand edit was left."""
    base, ours, theirs = _sides(dprk, tmp_path, "--example", "korea-2018")
    assert dprk("--ledger", ours, "redate", "security-guarantees", "1", "2018-06-13").code == 0
    assert dprk("--ledger", theirs, "redate", "security-guarantees", "1", "2018-06-11").code == 0
    merged = tmp_path / "merged.toml"
    assert dprk("merge-driver", base, ours, theirs, "-o", merged).code == 1
    written = merged.read_bytes()
    said = (
        "dprk: error: measure 'security-guarantees': its history is in conflict from a "
        "merge; settle it first with 'dprk --ledger merged.toml resolve security-guarantees "
        "--field history "
        "--take ours|theirs'\n"
    )
    for args in (
        ("redate", "security-guarantees", "1", "2018-06-10"),
        ("drop-finding", "security-guarantees", "1"),
    ):
        refused = dprk("--ledger", merged, *args)
        assert (refused.code, refused.out, refused.err) == (1, "", said), args
        assert merged.read_bytes() == written
    noted = dprk("--ledger", merged, "note", "security-guarantees", "n", "--date", "2018-07-01")
    assert noted.code == 0  # (a new entry fits either side's history)
    taken = dprk(
        "--ledger", merged, "resolve", "security-guarantees", "--field", "history", "--take",
        "theirs",
    )  # fmt: skip
    assert taken.code == 0, taken.err
    log = json.loads(dprk("--ledger", merged, "log", "security-guarantees", "-f", "json").out)
    assert log[0]["date"] == "2018-06-11" and "n" in [e["note"] for e in log]
    assert dprk("--ledger", merged, "redate", "security-guarantees", "1", "2018-06-10").code == 0
    assert dprk("--ledger", merged, "check").code == 0


def test_a_party_renamed_to_a_name_the_other_side_added_is_said_to_be_one(dprk, tmp_path):
    """One desk renamed DPRK to NK, the other added a party NK of its own: the merge made
    them one party without a word."""
    base, ours, theirs = _sides(dprk, tmp_path, "--example", "korea-2018")
    assert dprk("--ledger", ours, "add-party", "NK").code == 0
    assert dprk("--ledger", ours, "add-measure", "X", "--actor", "NK", "--id", "x").code == 0
    assert dprk("--ledger", theirs, "rename-party", "DPRK", "NK").code == 0
    merged = tmp_path / "merged.toml"
    result = dprk("merge-driver", base, ours, theirs, "-o", merged)
    assert (result.code, result.out) == (0, "")
    assert result.err == (
        f"dprk: warning: {merged}: party DPRK was renamed NK on their side, and our side "
        "added a party NK: they are one party now (set them apart with 'dprk rename-party' "
        "and 'dprk edit ID --actor')\n"
    )
    doc = json.loads(dprk("--ledger", merged, "status", "--format", "json").out)
    assert sorted(doc["parties"]) == ["NK", "ROK", "US"]
    assert doc["parties"]["NK"]["measures"] == 8
    # the other way round: said of our rename
    other = dprk("merge-driver", base, theirs, ours, "-o", tmp_path / "other.toml")
    assert "party DPRK was renamed NK on our side, and their side added a party NK" in other.err


def test_a_merge_with_conflicts_also_names_the_rules_the_sides_break_together(dprk, tmp_path):
    """A clean merge named the rules of check the two sides broke together; one with a
    conflict too named the conflict alone, and the broken rule came to light only after
    it was settled."""
    base, ours, theirs = _sides(dprk, tmp_path, "--example", "korea-2018")
    for side, whole, part, title in (
        (ours, "security-guarantees", "second-summit", "A"),
        (theirs, "second-summit", "security-guarantees", "B"),
    ):
        assert dprk("--ledger", side, "edit", part, "--part-of", whole).code == 0
        assert dprk("--ledger", side, "edit", "test-moratorium", "--title", title).code == 0
    merged = tmp_path / "merged.toml"
    result = dprk("merge-driver", base, ours, theirs, "-o", merged)
    assert (result.code, result.out) == (1, "")
    lines = result.err.splitlines()
    assert lines[0].startswith("dprk: merged the ledger with 1 conflict")
    assert "unresolved merge conflict on field 'title'" in lines[1]
    assert lines[2] == (
        "and, as merged (ours where in conflict), the two sides together break 2 rules of "
        "'dprk --ledger merged.toml check', to mend with dprk commands:"
    )
    assert [line.split(":")[0] for line in lines[3:]] == [
        "  second-summit",
        "  security-guarantees",
    ]
    assert all(line.endswith("[parts]") for line in lines[3:])


@pytest.mark.parametrize("named", [[], ["dprk-ledger.toml"]])
def test_a_rule_a_merge_breaks_advises_commands_that_name_the_file_it_wrote(
    dprk, tmp_path, named, tick
):
    """Run by hand with --output, every line of the merge driver named the file written
    ('dprk --ledger merged.toml check') but the broken rule's own advice ('run dprk
    sequence y --with x'), which, followed where it was given, found no ledger. Given
    the ledger's path too (as git gives it), every line named that path, not the file
    written."""
    base, ours, theirs = _sides(dprk, tmp_path, "--party", "A")
    for side in (base, ours, theirs):
        for ident in ("x", "y"):
            assert dprk("--ledger", side, "add-measure", ident.upper(), "--actor", "A",
                        "--id", ident, "--date", "2020-01-01").code == 0  # fmt: skip
        assert (
            dprk("--ledger", side, "sequence", "y", "--with", "x", "--date", "2020-01-02").code == 0
        )
    # (each side's change a moment after the last: made within one second, which the
    # merge takes first is not said, and the test read one or the other)
    tick()
    assert dprk("--ledger", ours, "remove", "y", "--force").code == 0
    tick()
    assert dprk("--ledger", theirs, "edit", "y", "--title", "Y2").code == 0
    merged = tmp_path / "merged.toml"
    result = dprk("merge-driver", base, ours, theirs, *named, "-o", merged)
    assert (result.code, result.out) == (1, "")
    assert "'dprk --ledger merged.toml check' lists them" in result.err
    advice = result.err.splitlines()[-1]
    assert advice == (
        "  y: is to go together with 'x', but 'x' does not say so; run 'dprk --ledger "
        "merged.toml sequence y --with x --date 2020-01-02' to record it on both (from the "
        "day it was set) [one-sided-with]"
    )
    followed = dprk(*advice.split("'")[-2].split()[1:])
    assert followed.code == 0, followed.err
    assert "together with x (recorded on both)" in followed.err
    assert (
        dprk("--ledger", merged, "resolve", "y", "--field", "measure", "--take", "theirs").code == 0
    )
    assert dprk("--ledger", merged, "check").code == 0


def test_a_party_name_given_to_settle_a_conflict_is_taken_as_any_option_takes_one(dprk, tmp_path):
    """'resolve --field party --take "Nippon "' was refused (the name 'begins or ends
    with a space'), and '--field actor --take "B "' or 'b' ("'B ' is not a declared
    party (declared: ..., B, ...)"), where add-party, rename-party and --actor take
    either: the spaces around a party's name typed are taken off, and a declared
    party is named in any case, as every option naming a party does."""
    base, ours, theirs = _sides(dprk, tmp_path, "--title", "T", "--party", "A", "--party", "B")
    assert dprk("--ledger", base, "add-measure", "X", "--actor", "A", "--id", "x",
                "--date", "2018-01-01").code == 0  # fmt: skip
    shutil.copy(base, ours)
    shutil.copy(base, theirs)
    assert dprk("--ledger", ours, "add-party", "Japan").code == 0
    assert dprk("--ledger", theirs, "add-party", "JAPAN").code == 0
    assert dprk("--ledger", ours, "edit", "x", "--actor", "Japan", "--date", "2018-02-01").code == 0
    assert dprk("--ledger", theirs, "edit", "x", "--actor", "B", "--date", "2018-02-01").code == 0
    merged = tmp_path / "merged.toml"
    assert dprk("merge-driver", base, ours, theirs, "-o", merged).code == 1
    taken = dprk("--ledger", merged, "resolve", "--field", "party", "--take", " Nippon ")
    assert (taken.code, taken.err) == (0, "party: took value (now 'Nippon')\n")
    assert list(json.loads(dprk("--ledger", merged, "status", "-f", "json").out)["parties"]) == [
        "A", "B", "Nippon"
    ]  # fmt: skip
    taken = dprk("--ledger", merged, "resolve", "x", "--field", "actor", "--take", " b ")
    assert (taken.code, taken.err) == (0, "x: actor: took 'B'\n")
    assert json.loads(dprk("--ledger", merged, "show", "x", "-f", "json").out)["actor"] == "B"
    assert dprk("--ledger", merged, "check").code == 0


@pytest.mark.parametrize(
    ("mine", "theirs_args", "said"),
    [
        (
            ("--ended", "2022-02-21"),
            ("--ended", "2022-03-01", "--note", "Talks called off"),
            "the talks ended on 2022-02-21 on our side and on 2022-03-01 on theirs: the "
            "merge keeps ours; 'dprk edit-ledger --ended 2022-03-01 --note \"Talks called "
            "off\"' sets theirs",
        ),
        (
            ("--reopen",),
            ("--ended", "2022-03-01"),
            "the talks were reopened on our side and ended on 2022-03-01 on theirs: the "
            "merge keeps ours; 'dprk edit-ledger --ended 2022-03-01' sets theirs",
        ),
        (
            ("--ended", "2022-03-01"),
            ("--reopen",),
            "the talks ended on 2022-03-01 on our side and were reopened on theirs: the "
            "merge keeps ours; 'dprk edit-ledger --reopen' sets theirs",
        ),
    ],
)
def test_two_days_the_talks_ended_are_said_with_the_command_that_sets_theirs(
    dprk, tmp_path, mine, theirs_args, said
):
    """Each desk set its own day the talks ended (or reopened them): the merge took ours
    without a word."""
    base, ours, theirs = _sides(dprk, tmp_path, "--title", "T", "--party", "US")
    if "--reopen" in (*mine, *theirs_args):
        assert dprk("--ledger", base, "edit-ledger", "--ended", "2022-01-10").code == 0
        shutil.copy(base, ours)
        shutil.copy(base, theirs)
    assert dprk("--ledger", ours, "edit-ledger", *mine).code == 0
    assert dprk("--ledger", theirs, "edit-ledger", *theirs_args).code == 0
    merged = tmp_path / "merged.toml"
    result = dprk("merge-driver", base, ours, theirs, "-o", merged)
    assert (result.code, result.err) == (0, f"dprk: warning: {merged}: {said}\n")
    assert merged.read_bytes() == ours.read_bytes()
    # (both sides one day: nothing said)
    assert dprk("--ledger", theirs, "edit-ledger", *mine).code == 0
    again = dprk("merge-driver", base, ours, theirs, "-o", merged)
    assert (again.code, again.err) == (0, "")
