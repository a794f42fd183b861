"""A party's name typed wrong is corrected, not renamed: 'rename-party OLD NEW --typo'
writes NEW wherever the ledger names OLD (the parties list, actors, demands, orders
waiting for its finding, its findings, the renames of it), each measure changed saying so
in a correction, no event of the talks; OLD is no former name afterwards. Before, the
only way was a dated rename, which kept the typo as a name the party once had, in every
measure's log, in 'diff' and in every rename after it. And 'init' declaring two near
names warns, as 'add-party' does."""

import tomllib

from dprk_cli.clock import today


def _ledger(tmp_path):
    return tmp_path / "dprk-ledger.toml"


def _measure(ledger, ident):
    return next(m for m in tomllib.loads(ledger.read_text())["measures"] if m["id"] == ident)


def _run(dprk, *commands):
    for args in commands:
        result = dprk(*args)
        assert result.code == 0, (args, result.err)


def _prespa(dprk):
    _run(
        dprk,
        ["init", "--party", "Greece", "--party", "Macedoina"],
        ["add-measure", "Amend the constitution", "--actor", "Macedoina", "--id",
         "constitution", "--status", "agreed", "--date", "2018-06-17"],
        ["add-measure", "Ratify the agreement", "--actor", "Greece", "--id", "ratify",
         "--status", "agreed", "--date", "2018-06-17"],
        ["add-measure", "Lift the veto on NATO", "--actor", "Greece", "--id", "veto",
         "--status", "agreed", "--date", "2018-06-17"],
        ["sequence", "veto", "--after", "ratify", "--require", "verified", "--demanded-by",
         "Macedoina", "--verified-by", "Macedoina", "--date", "2018-06-18"],
        ["mark", "ratify", "implemented", "--date", "2019-01-25"],
        ["verify", "ratify", "--by", "Macedoina", "--date", "2019-01-26"],
    )  # fmt: skip


CORRECTION = "party name Macedoina corrected to Macedonia (a typo, no event of the talks)"


def test_a_typo_corrected_leaves_no_former_name(dprk, tmp_path):
    _prespa(dprk)
    ledger = _ledger(tmp_path)
    before = ledger.read_bytes()
    done = dprk("rename-party", "Macedoina", "Macedonia", "--typo")
    assert (done.code, done.out) == (0, "")
    assert done.err == (
        "corrected party name Macedoina to Macedonia (3 measures corrected; no rename "
        "recorded: the name was typed wrong)\n"
    )
    data = tomllib.loads(ledger.read_text())
    assert data["parties"] == ["Greece", "Macedonia"]
    constitution, ratify = _measure(ledger, "constitution"), _measure(ledger, "ratify")
    veto = _measure(ledger, "veto")
    assert constitution["actor"] == "Macedonia"
    assert veto["constraints"][0]["demanded_by"] == "Macedonia"
    assert veto["constraints"][0]["verified_by"] == "Macedonia"
    assert ratify["verifications"][0]["by"] == "Macedonia"
    # each measure changed says so, dated today; no rename entry, no event of the talks
    for m in (constitution, ratify, veto):
        last = m["history"][-1]
        assert (last["event"], last["detail"], last["date"]) == ("correction", CORRECTION, today())
        assert not any(h["event"] == "edit" for h in m["history"])
    # the old name is left only in the corrections' words
    text = ledger.read_text()
    assert text.count("Macedoina") == text.count(CORRECTION) == 3
    log = dprk("log", "constitution")
    assert "renamed" not in log.out
    assert "Macedonia" in log.out
    # the typo is no former name: a party option given it is taken for a typo
    refused = dprk("add-measure", "x", "--actor", "Macedoina", "--date", "2018-07-01")
    assert refused.code == 1
    assert "did you mean Macedonia?" in refused.err
    assert "renamed" not in refused.err
    assert dprk("add-party", "Macedoina").err.endswith(
        "dprk: warning: Macedoina is near the declared party Macedonia; if Macedoina was the "
        "typo, 'dprk undo' takes it back; if Macedonia was, 'dprk undo', then 'dprk "
        "rename-party Macedonia Macedoina --typo'\n"
    )
    assert dprk("undo").code == 0
    # a past day reads the new name
    past = dprk("status", "--as-of", "2018-07-01", "--party", "Macedonia", "--format", "ids")
    assert (past.code, past.out) == (0, "constitution\n")
    assert dprk("check").out == "ok: no problems found\n"
    # undone, the file is as it was, byte for byte
    assert dprk("undo").code == 0
    assert ledger.read_bytes() == before


def test_a_typo_in_a_name_renamed_since_is_corrected_in_the_rename(dprk, tmp_path):
    _run(
        dprk,
        ["init", "--party", "Greece", "--party", "Macedoina"],
        ["add-measure", "Amend the constitution", "--actor", "Macedoina", "--id",
         "constitution", "--status", "agreed", "--date", "2018-06-17"],
        ["rename-party", "Macedoina", "North Macedonia", "--date", "2019-02-12"],
    )  # fmt: skip
    ledger = _ledger(tmp_path)
    before = ledger.read_bytes()
    onto = dprk("rename-party", "Macedoina", "north macedonia", "--typo")
    assert (onto.code, onto.err) == (
        1,
        "dprk: error: NEW: party North Macedonia is already declared; 'Macedoina', renamed "
        "North Macedonia on 2019-02-12, cannot take a declared party's name; choose another "
        "name\n",
    )
    assert ledger.read_bytes() == before
    done = dprk("rename-party", "Macedoina", "Macedonia", "--typo")
    assert done.code == 0, done.err
    assert done.err == (
        "corrected party name Macedoina to Macedonia (1 measure corrected; no rename "
        "recorded: the name was typed wrong)\n"
    )
    assert tomllib.loads(ledger.read_text())["parties"] == ["Greece", "North Macedonia"]
    details = [h["detail"] for h in _measure(ledger, "constitution")["history"]]
    assert details[1:] == ["party Macedonia renamed North Macedonia", CORRECTION]
    # the chain now goes through the name corrected: a day before the rename takes it
    made = dprk("add-measure", "Name the border", "--actor", "Macedonia", "--id", "border",
                "--date", "2018-07-01")  # fmt: skip
    assert made.code == 0, made.err
    assert _measure(ledger, "border")["actor"] == "North Macedonia"
    typo = dprk("add-measure", "x", "--actor", "Macedoina", "--date", "2018-07-01")
    assert typo.code == 1
    assert "did you mean" in typo.err and "Macedonia" in typo.err
    assert dprk("check").out == "ok: no problems found\n"


def test_a_typo_of_a_name_a_rename_gave_is_corrected_in_that_rename(dprk, tmp_path):
    _run(
        dprk,
        ["init", "--party", "Greece", "--party", "FYROM"],
        ["add-measure", "Amend the constitution", "--actor", "FYROM", "--id",
         "constitution", "--status", "agreed", "--date", "2018-06-17"],
        ["rename-party", "FYROM", "North Macedoina", "--date", "2019-02-12"],
    )  # fmt: skip
    ledger = _ledger(tmp_path)
    done = dprk("rename-party", "North Macedoina", "North Macedonia", "--typo")
    assert done.code == 0, done.err
    assert tomllib.loads(ledger.read_text())["parties"] == ["Greece", "North Macedonia"]
    details = [h["detail"] for h in _measure(ledger, "constitution")["history"]]
    assert details[1] == "party FYROM renamed North Macedonia"
    assert details[2].startswith("party name North Macedoina corrected to North Macedonia")
    assert dprk("check").out == "ok: no problems found\n"


def test_a_typo_has_no_day(dprk, tmp_path):
    _prespa(dprk)
    ledger = _ledger(tmp_path)
    before = ledger.read_bytes()
    refused = dprk("rename-party", "Macedoina", "Macedonia", "--typo", "--date", "2018-06-17")
    assert (refused.code, refused.out) == (2, "")
    assert refused.err == (
        "dprk: error: --typo corrects a name typed wrong, which has no day; leave out "
        "--date (a rename dated is an event of the talks: give --date without --typo)\n"
    )
    assert ledger.read_bytes() == before


def test_a_typo_corrected_to_another_party_makes_them_one_side_from_the_start(dprk, tmp_path):
    """It was refused ('a typo corrected makes no two parties one'): a name that was a
    spelling of a declared party is that party on every day, as the line says."""
    _prespa(dprk)
    ledger = _ledger(tmp_path)
    before = ledger.read_bytes()
    both = dprk("rename-party", "Macedoina", "Greece", "--typo", "--merge")
    assert both.code == 2
    assert both.err.startswith("dprk: error: give --typo or --merge, not both")
    assert ledger.read_bytes() == before
    # (Macedoina's finding of Greece's ratification would be Greece's own word: refused)
    own = dprk("rename-party", "Macedoina", "greece", "--typo")
    assert (own.code, own.out, ledger.read_bytes()) == (1, "", before)
    assert own.err == (
        "dprk: error: correcting party name Macedoina to Greece would make the finding of "
        "'ratify' by Greece on 2019-01-26 the word of its own actor then (Greece): a party's "
        "own word is not verification\n"
    )
    assert dprk("drop-finding", "ratify", "3").code == 0
    before = ledger.read_bytes()
    done = dprk("rename-party", "Macedoina", "greece", "--typo")
    assert (done.code, done.out) == (0, "")
    assert done.err == (
        "corrected party name Macedoina to Greece, a party declared already: one side from "
        "the start, every day reads Greece (2 measures corrected; no rename recorded: the "
        "name was typed wrong)\n"
    )
    assert tomllib.loads(ledger.read_text())["parties"] == ["Greece"]
    assert _measure(ledger, "constitution")["actor"] == "Greece"
    assert dprk("undo").code == 0
    assert ledger.read_bytes() == before


def test_a_typo_corrected_in_case_or_spacing_alone(dprk, tmp_path):
    _prespa(dprk)
    ledger = _ledger(tmp_path)
    _run(dprk, ["rename-party", "Macedoina", "MacedoinA", "--typo"])
    assert tomllib.loads(ledger.read_text())["parties"] == ["Greece", "MacedoinA"]
    assert _measure(ledger, "constitution")["actor"] == "MacedoinA"
    assert dprk("check").out == "ok: no problems found\n"


def test_init_warns_of_two_near_names(dprk, tmp_path):
    """A name near another declared in the same command, that no measure names, is taken
    out by 'dprk remove-party', as `add-party` advises: renamed (--typo) to the party it
    is near, it was refused, that party being declared."""
    made = dprk("init", "--party", "Greece", "--party", "Grece")
    assert (made.code, made.out) == (0, "")
    assert made.err == (
        "created dprk-ledger.toml (2 parties, 0 measures)\n"
        "dprk: warning: Grece is near the declared party Greece; if Grece was the typo, "
        "'dprk remove-party Grece' corrects it; if Greece was, 'dprk remove-party Greece'\n"
    )
    ledger = _ledger(tmp_path)
    assert tomllib.loads(ledger.read_text())["parties"] == ["Greece", "Grece"]
    # the way it says goes through
    removed = dprk("remove-party", "Grece")
    assert (removed.code, removed.err) == (0, "removed party Grece\n")
    assert tomllib.loads(ledger.read_text())["parties"] == ["Greece"]
    # near a party of the example it starts from, or a former name of one, as well
    example = dprk("init", "--example", "korea-2018", "--party", "Japan", "--party", "DPKR",
                   "--force")  # fmt: skip
    assert example.code == 0
    assert example.err.endswith(
        "dprk: warning: DPKR is near the declared party DPRK; if it was a typo, "
        "'dprk remove-party DPKR' corrects it\n"
    )
    assert dprk("remove-party", "DPKR").code == 0
    assert "DPKR" not in ledger.read_text()
    far = dprk("init", "--party", "Greece", "--party", "Turkey", "--force")
    assert far.code == 0
    assert "warning" not in far.err


def test_init_advises_taking_out_either_name_when_the_first_was_the_typo(dprk, tmp_path):
    """Of two near names declared by `init`, the first may be the typo: it advised
    removing the second alone ('if it was a typo, 'dprk remove-party Greece''), the right
    name, and following it left the typo. It says both ways, as `add-party` does."""
    made = dprk("init", "--title", "t", "--party", "Grece", "--party", "Greece", "--party",
                "Turkey")  # fmt: skip
    assert (made.code, made.out) == (0, "")
    assert made.err == (
        "created dprk-ledger.toml (3 parties, 0 measures)\n"
        "dprk: warning: Greece is near the declared party Grece; if Greece was the typo, "
        "'dprk remove-party Greece' corrects it; if Grece was, 'dprk remove-party Grece'\n"
    )
    ledger = _ledger(tmp_path)
    before = ledger.read_bytes()
    assert tomllib.loads(before.decode())["parties"] == ["Grece", "Greece", "Turkey"]
    # the second way goes through, and leaves the right name
    removed = dprk("remove-party", "Grece")
    assert (removed.code, removed.err) == (0, "removed party Grece\n")
    assert tomllib.loads(ledger.read_text())["parties"] == ["Greece", "Turkey"]
    # a party of the example it starts from is no typo: the name given is taken out
    example = dprk("init", "--example", "korea-2018", "--party", "DPKR", "--force")
    assert example.code == 0
    assert example.err.endswith(
        "dprk: warning: DPKR is near the declared party DPRK; if it was a typo, "
        "'dprk remove-party DPKR' corrects it\n"
    )


def test_a_name_corrected_as_a_typo_is_answered_with_the_correction(dprk, tmp_path):
    """After 'rename-party Sweeden Sweden --typo', '--actor Sweeden' was answered as a
    name never seen, advising 'dprk add-party Sweeden': the typo declared again. The
    ledger records the correction: the refusal says it, with its day, and advises no
    new side, as of a party's initials."""
    _run(
        dprk,
        ["init", "--title", "t", "--party", "DPRK", "--party", "US", "--party", "Sweeden"],
        ["add-measure", "Sweden hosts talks", "--actor", "Sweeden", "--id", "host",
         "--date", "2019-10-01"],
        ["rename-party", "Sweeden", "Sweden", "--typo"],
    )  # fmt: skip
    ledger = _ledger(tmp_path)
    before = ledger.read_bytes()
    refused = dprk("add-measure", "Sweden sends envoy", "--actor", "Sweeden", "--id", "envoy")
    assert (refused.code, refused.out) == (1, "")
    assert refused.err == (
        "dprk: error: --actor: 'Sweeden' is not a declared party (declared: DPRK, US, "
        f"Sweden); 'Sweeden' was corrected to Sweden on {today()}; did you mean Sweden?\n"
    )
    demanded = dprk("sequence", "host", "--after", "host", "--demanded-by", "Sweeden")
    assert demanded.code == 1
    assert demanded.err.endswith(f"was corrected to Sweden on {today()}; did you mean Sweden?\n")
    assert ledger.read_bytes() == before
    # the name meant goes through
    assert dprk("add-measure", "Sweden sends envoy", "--actor", "Sweden", "--id", "envoy").code == 0


def test_a_name_corrected_to_a_party_it_is_not_near_is_answered_with_it(dprk, tmp_path):
    """A spelling corrected to a party declared beside it (RSA to South Africa) is not
    near it by its letters: the correction names the party meant all the same."""
    _run(
        dprk,
        ["init", "--title", "t", "--party", "South Africa", "--party", "RSA", "--party",
         "ANC"],
        ["add-measure", "Release prisoners", "--actor", "RSA", "--id", "release",
         "--date", "1990-02-11"],
        ["rename-party", "RSA", "South Africa", "--typo"],
    )  # fmt: skip
    ledger = _ledger(tmp_path)
    before = ledger.read_bytes()
    refused = dprk("add-measure", "Unban parties", "--actor", "RSA", "--id", "unban")
    assert (refused.code, refused.out) == (1, "")
    assert refused.err == (
        "dprk: error: --actor: 'RSA' is not a declared party (declared: South Africa, ANC); "
        f"'RSA' was corrected to South Africa on {today()}; did you mean South Africa?\n"
    )
    assert ledger.read_bytes() == before


def test_a_name_corrected_as_a_typo_is_answered_in_any_spelling_of_it(dprk, tmp_path):
    """The typo typed again in another case or with dots ('rsa', 'R.S.A.': one name, as
    a party option reads names) is answered with the correction as the typo itself is,
    not as a new side to add."""
    _run(
        dprk,
        ["init", "--title", "t", "--party", "South Africa", "--party", "RSA"],
        ["add-measure", "Release prisoners", "--actor", "RSA", "--id", "release",
         "--date", "1990-02-11"],
        ["rename-party", "RSA", "South Africa", "--typo"],
    )  # fmt: skip
    ledger = _ledger(tmp_path)
    before = ledger.read_bytes()
    for typed in ("rsa", "R.S.A."):
        refused = dprk("add-measure", "Unban parties", "--actor", typed, "--id", "unban")
        assert (refused.code, refused.out) == (1, "")
        assert refused.err == (
            f"dprk: error: --actor: '{typed}' is not a declared party (declared: South "
            f"Africa); '{typed}' was corrected to South Africa on {today()}; did you mean "
            "South Africa?\n"
        )
    assert ledger.read_bytes() == before
