"""A party typed by the initials of its words ('US' for United States) is taken for that
party wherever a name is judged near one: the refusal of an option names it (it advised
declaring the initials as a new side), `add-party` and `init` warn of a side declared
twice, and a finding by the initials of the measure's actor is its own word."""

import tomllib


def _parties(ledger):
    return tomllib.loads(ledger.read_text())["parties"]


def test_an_option_given_a_party_by_its_initials_names_the_party(dprk, tmp_path):
    ledger = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--party", "United States", "--party", "Soviet Union").code == 0
    before = ledger.read_bytes()
    declared = "(declared: United States, Soviet Union)"
    for typed, meant in (
        ("US", "United States"),
        ("u.s.", "United States"),
        ("SU", "Soviet Union"),
    ):
        result = dprk("add-measure", "Lift the quarantine", "--actor", typed)
        assert (result.code, result.out) == (1, ""), typed
        assert result.err == (
            f"dprk: error: --actor: '{typed}' is not a declared party {declared}; "
            f"did you mean {meant}?\n"
        ), typed
        assert ledger.read_bytes() == before
    # initials of its own words only: the USSR is not the Soviet Union's
    ussr = dprk("add-measure", "Lift the quarantine", "--actor", "USSR")
    assert ussr.code == 1
    assert ussr.err == (
        f"dprk: error: --actor: 'USSR' is not a declared party {declared}; add it with "
        "'dprk add-party USSR' if it is a new side\n"
    )
    assert ledger.read_bytes() == before


def test_initials_leave_small_words_out_or_keep_them(dprk, tmp_path):
    ledger = tmp_path / "dprk-ledger.toml"
    parties = ["Democratic People's Republic of Korea", "Republic of Korea", "United Kingdom"]
    assert dprk("init", *(a for p in parties for a in ("--party", p))).code == 0
    before = ledger.read_bytes()
    for typed, meant in (
        ("DPRK", "Democratic People's Republic of Korea"),
        ("ROK", "Republic of Korea"),
        ("uk", "United Kingdom"),
    ):
        result = dprk("status", "--party", typed)
        assert (result.code, result.out) == (1, ""), typed
        assert result.err.startswith(f"dprk: error: --party: '{typed}' is not a declared party")
        assert result.err.endswith(f"; did you mean {meant}?\n"), (typed, result.err)
    assert ledger.read_bytes() == before


def test_a_party_declared_again_by_its_initials_is_warned_of(dprk, tmp_path):
    ledger = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--party", "United States", "--party", "Soviet Union").code == 0
    added = dprk("add-party", "US")
    assert (added.code, added.out) == (0, "")
    assert added.err == (
        "added party US\n"
        "dprk: warning: US may be the declared party United States by its initials, one "
        "side declared twice; if so, 'dprk remove-party US' takes it out\n"
    )
    assert _parties(ledger) == ["United States", "Soviet Union", "US"]
    taken = dprk("remove-party", "US")
    assert taken.code == 0, taken.err
    assert _parties(ledger) == ["United States", "Soviet Union"]
    # the full name declared after its initials: the same warning, of the full name
    again = tmp_path / "again"
    again.mkdir()
    made = dprk("--ledger", str(again / "l.toml"), "init", "--party", "EU", "--party",
                "European Union")  # fmt: skip
    assert made.code == 0, made.err
    assert made.err.endswith(
        "dprk: warning: European Union may be the declared party EU by its initials, one "
        "side declared twice; if so, 'dprk --ledger again/l.toml remove-party \"European Union\"' "
        "takes it out\n"
    )
    # a name of other initials, as before: no warning
    assert dprk("add-party", "USSR").err == "added party USSR\n"


def test_a_finding_by_the_initials_of_the_actor_is_its_own_word(dprk, tmp_path):
    ledger = tmp_path / "dprk-ledger.toml"
    for args in (
        ["init", "--party", "United States", "--party", "Soviet Union"],
        ["add-measure", "Lift the quarantine", "--id", "quarantine", "--actor",
         "united states", "--status", "implemented", "--date", "1962-11-21"],
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    before = ledger.read_bytes()
    own = (
        "dprk: error: 'US' (United States, by its initials) is the actor of 'quarantine' on "
        "1962-11-22: a party's own word is not verification, which needs an independent "
        "verifier; record its claim with 'dprk note quarantine TEXT --date 1962-11-22'\n"
    )
    refused = dprk("verify", "quarantine", "--by", "US", "--date", "1962-11-22")
    assert (refused.code, refused.out, refused.err) == (1, "", own)
    assert ledger.read_bytes() == before
    # so with US declared as a side of its own (as an earlier dprk advised)
    assert dprk("add-party", "US").code == 0
    before = ledger.read_bytes()
    refused = dprk("verify", "quarantine", "--by", "US", "--date", "1962-11-22")
    assert (refused.code, refused.out, refused.err) == (1, "", own)
    assert ledger.read_bytes() == before
    # the other side's initials: a finding by the Soviet Union, typed so
    soviet = dprk("verify", "quarantine", "--by", "SU", "--date", "1962-11-22")
    assert soviet.code == 1
    assert soviet.err.startswith("dprk: error: --by: 'SU' is not a declared party")
    assert "; did you mean Soviet Union? " in soviet.err
    assert ledger.read_bytes() == before
    # its advice, followed
    noted = dprk("note", "quarantine", "US says the ships have left", "--date", "1962-11-22")
    assert noted.code == 0, noted.err
    assert dprk("verify", "quarantine", "--by", "Soviet Union", "--date", "1962-11-22").code == 0


def test_a_verifier_named_by_its_initials_is_taken_for_a_typo_of_the_one_in_full(dprk, tmp_path):
    ledger = tmp_path / "dprk-ledger.toml"
    for args in (
        ["init", "--party", "United States", "--party", "Soviet Union"],
        ["add-measure", "A", "--id", "a", "--actor", "Soviet Union", "--status",
         "implemented", "--date", "1962-11-01"],
        ["add-measure", "B", "--id", "b", "--actor", "Soviet Union", "--status",
         "implemented", "--date", "1962-11-01"],
        ["verify", "a", "--by", "International Atomic Energy Agency", "--new-verifier",
         "--date", "1962-11-02"],
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    before = ledger.read_bytes()
    typo = dprk("verify", "b", "--by", "IAEA", "--date", "1962-11-03")
    assert typo.code == 1
    assert typo.err.startswith(
        "dprk: error: --by: 'IAEA' is not a verifier on record, nor a declared party; did "
        "you mean International Atomic Energy Agency, a verifier on record?"
    )
    assert ledger.read_bytes() == before
    assert dprk("verify", "b", "--by", "IAEA", "--new-verifier", "--date", "1962-11-03").code == 0
    # (kept apart with --new-verifier, as the refusal offers: meant, and check says nothing)
    assert dprk("check").out == "ok: no problems found\n"
