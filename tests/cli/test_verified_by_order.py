"""An order that waits for a named verifier's finding (`sequence --require verified
--verified-by VERIFIER`), through the real entry point: kept in the ledger, judged
everywhere an order's "is it met" is asked, shown, renamed, refused when it cannot be."""

from __future__ import annotations

import json

import pytest

from tests.cli.test_corrections import refused

IAEA_ORDER = (
    "sequence",
    "relief",
    "--after",
    "closure",
    "--require",
    "verified",
    "--verified-by",
    "IAEA",
    "--date",
    "2018-06-02",
)


@pytest.fixture
def talks(dprk, empty):
    """closure (DPRK) carried out on 24 May 2018 and confirmed by 38 North on 1 June;
    relief (US) proposed, with no order yet."""
    for args in (
        ("add-measure", "Close the test site", "--id", "closure", "--actor", "DPRK"),
        ("add-measure", "Ease sanctions", "--id", "relief", "--actor", "US"),
    ):
        assert dprk(*args, "--date", "2018-05-01").code == 0
    assert dprk("mark", "closure", "implemented", "--date", "2018-05-24").code == 0
    found = dprk("verify", "closure", "--by", "38 North", "--new-verifier", "--date", "2018-06-01")
    assert found.code == 0, found.err
    return empty


def ready(dprk, *args: str) -> list[str]:
    result = dprk("status", "--ready", "--format", "ids", *args)
    assert result.code == 0, result.err
    return result.out.split()


def test_the_order_is_kept_with_its_verifier_and_shown(dprk, talks):
    result = dprk(*IAEA_ORDER)
    assert result.code == 0, result.err
    assert result.err == "relief: after closure (verified by IAEA)\n"
    text = talks.read_text()
    assert '{ after = "closure", require = "verified", verified_by = "IAEA" }' in text
    assert 'detail = "after closure (verified by IAEA)"' in text
    shown = dprk("show", "relief").out
    assert "order            after closure (verified by IAEA)" in shown
    record = json.loads(dprk("show", "relief", "--format", "json").out)
    assert record["constraints"] == [
        {"after": "closure", "require": "verified", "demanded_by": None, "verified_by": "IAEA"}
    ]
    assert dprk("check").out == "ok: no problems found\n"


def test_an_order_without_a_verifier_writes_nothing_new(dprk, talks):
    assert dprk("sequence", "relief", "--after", "closure", "--require", "verified").code == 0
    text = talks.read_text()
    assert '{ after = "closure", require = "verified" }' in text
    assert "verified_by" not in text
    record = json.loads(dprk("show", "relief", "--format", "json").out)
    assert record["constraints"][0]["verified_by"] is None
    assert ready(dprk) == ["relief"]  # (38 North's confirmation meets an order naming no one)


def test_another_verifier_s_confirmation_does_not_meet_it_the_named_one_s_does(dprk, talks):
    assert dprk(*IAEA_ORDER).code == 0
    assert ready(dprk) == []  # (verified by 38 North alone)
    said = dprk("next").out
    assert "relief  US     closure (verified by IAEA)" in said
    # (the verification needed to unblock it, by the verifier the order names)
    assert "closure (by IAEA)  DPRK   relief" in said
    assert "'dprk verify closure --by IAEA' records it." in said
    plan = dprk("plan").out
    assert "1  verify  closure (by IAEA)  DPRK   Close the test site" in plan
    assert "2  act     relief             US     Ease sanctions" in plan
    waits = json.loads(dprk("next", "--format", "json").out)["blocked"][0]["waits"]
    assert waits == [
        {
            "measure": "relief",
            "after": "closure",
            "require": "verified",
            "demanded_by": None,
            "verified_by": "IAEA",
            "via": None,
        }
    ]
    # The IAEA confirms it, by a name in another case: that meets the order from that day.
    assert dprk("verify", "closure", "--by", "iaea", "--date", "2018-07-01").code == 0
    assert ready(dprk) == ["relief"]
    assert ready(dprk, "--as-of", "2018-06-30") == []
    assert ready(dprk, "--as-of", "2018-07-01") == ["relief"]
    assert "(nothing can go ahead on 2018-06-30)" in dprk("next", "--as-of", "2018-06-30").out
    # Its finding refuted since by the IAEA: the order waits again.
    assert dprk("verify", "closure", "--by", "IAEA", "--result", "refuted").code == 0
    assert ready(dprk) == []
    assert "closure (verified by IAEA; disputed)" in dprk("next").out


def test_a_confirmation_withdrawn_does_not_meet_it(dprk, talks):
    assert dprk(*IAEA_ORDER).code == 0
    assert dprk("verify", "closure", "--by", "IAEA", "--date", "2018-07-01").code == 0
    assert ready(dprk) == ["relief"]
    number = next(
        line.split()[0] for line in dprk("log", "closure").out.splitlines() if "by IAEA" in line
    )
    assert dprk("drop-finding", "closure", number).code == 0
    assert ready(dprk) == []


def test_an_assumed_verification_names_no_verifier(dprk, talks):
    assert dprk(*IAEA_ORDER).code == 0
    plan = json.loads(dprk("plan", "--assume", "closure=verified", "--format", "json").out)
    assert plan["phases"][0]["verify"] == ["closure"]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ("sequence", "relief", "--after", "closure", "--verified-by", "IAEA"),
            "--verified-by goes with --after OTHER --require verified",
        ),
        (
            ("sequence", "relief", "--with", "closure", "--verified-by", "IAEA"),
            "--verified-by goes with --after OTHER --require verified",
        ),
        (
            (
                "sequence",
                "relief",
                "--after",
                "closure",
                "--require",
                "acted",
                "--verified-by",
                "X",
            ),
            "--verified-by goes with --after OTHER --require verified",
        ),
    ],
)
def test_a_verifier_without_an_order_for_a_finding_is_refused(dprk, talks, args, said):
    err = refused(dprk, talks, *args, code=2)
    assert said in err


def test_a_party_s_own_word_or_a_typo_is_refused(dprk, talks):
    base = ("sequence", "relief", "--after", "closure", "--require", "verified")
    err = refused(dprk, talks, *base, "--verified-by", "dprk", "--date", "2018-06-02")
    assert "'DPRK' is the actor of 'closure' on 2018-06-02: a party's own word is not" in err
    err = refused(dprk, talks, *base, "--verified-by", "38 Nrth")
    assert "did you mean 38 North, a verifier on record?" in err
    err = refused(dprk, talks, *base, "--verified-by", "USA")
    assert "did you mean US?" in err
    # A name near a party's needs the acknowledgement `verify` asks for.
    assert "add --new-verifier" in err
    assert dprk(*base, "--verified-by", "USA", "--new-verifier").code == 0
    assert 'verified_by = "USA"' in talks.read_text()


def test_given_again_with_another_verifier_it_changes_and_undo_restores_it(dprk, talks):
    assert dprk(*IAEA_ORDER).code == 0
    before = talks.read_bytes()
    result = dprk(*IAEA_ORDER[:-3], "38 north", "--date", "2018-06-03")
    assert result.code == 0, result.err
    assert result.err == (
        "relief: after closure (verified by 38 North) "
        "(replaces: relief after closure (verified by IAEA))\n"
    )
    assert ready(dprk) == ["relief"]
    log = dprk("log", "relief").out
    assert "after closure (verified by 38 North) (was: after closure (verified by IAEA))" in log
    after = talks.read_bytes()
    assert dprk("undo").code == 0
    assert talks.read_bytes() == before
    assert ready(dprk) == []
    assert dprk("redo").code == 0
    assert talks.read_bytes() == after
    # As it stood on a day before the change, the IAEA's finding was the one awaited.
    assert ready(dprk, "--as-of", "2018-06-02") == []
    assert ready(dprk, "--as-of", "2018-06-03") == ["relief"]


def test_a_verifier_s_rename_carries_the_order(dprk, talks):
    assert dprk(*IAEA_ORDER).code == 0
    result = dprk("rename-verifier", "IAEA", "I.A.E.A. Agency", "--new-verifier")
    assert result.code == 0, result.err
    assert "1 order waiting for its finding" in result.err
    text = talks.read_text()
    assert 'verified_by = "I.A.E.A. Agency"' in text
    assert 'detail = "after closure (verified by I.A.E.A. Agency)"' in text
    assert "IAEA" not in text
    assert dprk("check").out == "ok: no problems found\n"
    # The order and the findings of one verifier, renamed at once.
    assert dprk("verify", "closure", "--by", "I.A.E.A. Agency", "--date", "2018-07-01").code == 0
    assert ready(dprk) == ["relief"]
    assert dprk("rename-verifier", "I.A.E.A. Agency", "IAEA", "--new-verifier").code == 0
    assert 'verified_by = "IAEA"' in talks.read_text()
    assert ready(dprk) == ["relief"]
    assert dprk("check").out == "ok: no problems found\n"


def _relocation_after_decommissioning(dprk) -> None:
    """reloc-1 (Indonesia) ordered after decom-1 (GAM) stood verified by Monitors; decom-1
    carried out and confirmed by Monitors, then reloc-1 carried out."""
    assert dprk("init", "--party", "GAM", "--party", "Indonesia").code == 0
    for args in (
        ("add-measure", "Decommissioning stage 1", "--actor", "GAM", "--id", "decom-1",
         "--status", "agreed", "--date", "2005-08-15"),
        ("add-measure", "Relocation stage 1", "--actor", "Indonesia", "--id", "reloc-1",
         "--status", "agreed", "--date", "2005-08-15", "--in-exchange-for", "decom-1"),
        ("sequence", "reloc-1", "--after", "decom-1", "--require", "verified",
         "--verified-by", "Monitors", "--date", "2005-08-15"),
        ("mark", "decom-1", "implemented", "--date", "2005-09-15"),
        ("verify", "decom-1", "--by", "Monitors", "--date", "2005-09-17"),
        ("mark", "reloc-1", "implemented", "--date", "2005-09-27"),
    ):  # fmt: skip
        result = dprk(*args)
        assert result.code == 0, (args, result.err)


def test_a_verifier_s_rename_counts_the_orders_of_a_measure_it_found_too(dprk, tmp_path):
    """reloc-1 waits for Monitors' finding of decom-1, and has a finding by the same
    verifier of its own: the rename said only the findings ('2 findings on 2 measures'),
    though it renamed reloc-1's order (and its entry) too. The line counts it."""
    ledger = tmp_path / "dprk-ledger.toml"
    _relocation_after_decommissioning(dprk)
    first = dprk("rename-verifier", "Monitors", "Observers")
    assert (first.code, first.out) == (0, "")
    assert first.err == (
        "renamed verifier Monitors to Observers (1 finding on 1 measure; 1 order waiting "
        "for its finding)\n"
    )
    assert dprk("verify", "reloc-1", "--by", "Observers", "--date", "2005-09-30").code == 0
    before = ledger.read_bytes()
    result = dprk("rename-verifier", "Observers", "Monitors")
    assert (result.code, result.out) == (0, ""), result.err
    assert result.err == (
        "renamed verifier Observers to Monitors (2 findings on 2 measures; 1 order waiting "
        "for its finding)\n"
    )
    reloc = ledger.read_text().split('id = "reloc-1"')[1]
    assert 'verified_by = "Monitors"' in reloc
    assert 'detail = "after decom-1 (verified by Monitors)"' in reloc
    assert "Observers" not in ledger.read_text()
    assert dprk("check").out == "ok: no problems found\n"
    assert dprk("undo").code == 0
    assert ledger.read_bytes() == before


def test_a_verifier_s_rename_counts_the_past_orders_of_a_measure_it_found_too(dprk, tmp_path):
    """The order of reloc-1 removed since, its history alone names the verifier: renamed
    there with reloc-1's own finding, and said as a past order."""
    ledger = tmp_path / "dprk-ledger.toml"
    _relocation_after_decommissioning(dprk)
    for args in (
        ("sequence", "reloc-1", "--remove", "decom-1", "--date", "2005-09-28"),
        ("verify", "reloc-1", "--by", "Monitors", "--date", "2005-09-30"),
    ):
        assert dprk(*args).code == 0, args
    result = dprk("rename-verifier", "Monitors", "Observers", "--new-verifier")
    assert (result.code, result.out) == (0, ""), result.err
    assert result.err == (
        "renamed verifier Monitors to Observers (2 findings on 2 measures; past orders on "
        "1 measure)\n"
    )
    assert "Monitors" not in ledger.read_text()
    assert dprk("check").out == "ok: no problems found\n"


def test_a_party_s_rename_carries_the_order_that_waits_for_its_finding(dprk, talks):
    base = ("sequence", "relief", "--after", "closure", "--require", "verified")
    assert dprk(*base, "--verified-by", "rok", "--date", "2018-06-02").code == 0
    assert 'verified_by = "ROK"' in talks.read_text()
    assert dprk("rename-party", "ROK", "South Korea", "--date", "2018-05-01").code == 0
    text = talks.read_text()
    assert 'verified_by = "South Korea"' in text
    assert 'detail = "after closure (verified by South Korea)"' in text
    assert dprk("check").out == "ok: no problems found\n"
    assert dprk("verify", "closure", "--by", "South Korea", "--date", "2018-07-01").code == 0
    assert ready(dprk) == ["relief"]


def _agreed_framework(dprk) -> None:
    """The freeze (DPRK) and heavy fuel oil (US), both agreed on 1994-10-21; the oil only
    once the IAEA confirmed the freeze (the US's demand); the freeze carried out on
    1994-11-01."""
    assert dprk("init", "--title", "T", "--party", "US", "--party", "DPRK").code == 0
    for args in (
        ("Freeze", "--actor", "DPRK", "--id", "freeze"),
        ("Oil", "--actor", "US", "--id", "hfo"),
    ):
        made = dprk("add-measure", *args, "--status", "agreed", "--date", "1994-10-21")
        assert made.code == 0, made.err
    order = dprk("sequence", "hfo", "--after", "freeze", "--require", "verified",
                 "--verified-by", "IAEA", "--demanded-by", "US", "--date", "1994-10-21")  # fmt: skip
    assert order.code == 0, order.err
    assert dprk("mark", "freeze", "implemented", "--date", "1994-11-01").code == 0


def test_acting_before_the_named_verifier_confirmed_is_acting_out_of_order(dprk, tmp_path):
    """Another verifier's confirmation does not meet the order, so the oil delivered
    after it, and before the IAEA's, acted out of order: the write and check say so, as
    for an order that waits for anyone's finding, naming the verifier."""
    _agreed_framework(dprk)
    assert dprk("verify", "freeze", "--by", "CIA", "--date", "1994-11-10").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    marked = dprk("mark", "hfo", "implemented", "--date", "1995-01-18")
    assert marked.code == 0, marked.err
    said = (
        "hfo: acted on 1995-01-18 although 'freeze', which it was to follow, demanded by "
        "US, has not stood verified by IAEA; no fix needed if that is what happened"
    )
    assert f"dprk: warning: {said}" in marked.err
    assert 'status = "implemented"' in ledger.read_text().split('id = "hfo"')[1]
    checked = dprk("check")
    assert checked.code == 0
    assert f"warning: {said}" in checked.out
    assert "0 errors, 1 warning" in checked.out
    # The IAEA confirms it later: the oil came before that.
    found = dprk("verify", "freeze", "--by", "IAEA", "--date", "1995-02-01")
    assert found.code == 0, found.err
    assert (
        "warning: hfo: acted on 1995-01-18, before 'freeze' was verified by IAEA on "
        "1995-02-01 (it was to follow it, demanded by US)" in dprk("check").out
    )


def test_dropping_the_named_verifier_s_finding_that_released_it_warns(dprk, tmp_path):
    """The oil delivered after the IAEA's confirmation, which is dropped since (entered
    by mistake): the oil acted before the order was met, as the drop of the one finding
    of an order naming no verifier says, though the CIA's confirmation stands."""
    _agreed_framework(dprk)
    assert dprk("verify", "freeze", "--by", "CIA", "--date", "1994-11-10").code == 0
    assert dprk("verify", "freeze", "--by", "IAEA", "--date", "1994-11-12").code == 0
    marked = dprk("mark", "hfo", "implemented", "--date", "1995-01-18")
    assert marked.code == 0 and "warning" not in marked.err, marked.err
    assert dprk("check").out == "ok: no problems found\n"
    dropped = dprk("drop-finding", "freeze", "4")
    assert dropped.code == 0, dropped.err
    said = (
        "hfo: acted on 1995-01-18 although 'freeze', which it was to follow, demanded by "
        "US, has not stood verified by IAEA"
    )
    assert f"dprk: warning: {said}" in dropped.err
    assert '{ by = "IAEA"' not in (tmp_path / "dprk-ledger.toml").read_text()
    assert f"warning: {said}" in dprk("check").out


def test_the_plan_names_the_verifier_an_order_waits_for(dprk, tmp_path):
    """The freeze confirmed by the CIA, the oil waiting for the IAEA's finding: the
    verify step names the IAEA, in the table, its hint, JSON and the rows of a CSV."""
    _agreed_framework(dprk)
    assert dprk("verify", "freeze", "--by", "CIA", "--date", "1994-11-10").code == 0
    before = (tmp_path / "dprk-ledger.toml").read_bytes()
    plan = dprk("plan", "--as-of", "1994-12-01")
    assert plan.code == 0, plan.err
    assert "1  verify  freeze (by IAEA)  DPRK   Freeze" in plan.out
    assert "'dprk verify freeze --by IAEA' records it" in plan.out
    document = json.loads(dprk("plan", "--format", "json").out)
    assert document["phases"] == [
        {
            "phase": 1,
            "measures": [],
            "verify": ["freeze"],
            "verify_by": {"freeze": ["IAEA"]},
            "rest": [],
            "together": [],
            "again": [],
            "deadlines": {},
            "overdue": [],
        },
        {
            "phase": 2,
            "measures": ["hfo"],
            "verify": [],
            "verify_by": {},
            "rest": [],
            "together": [],
            "again": [],
            "deadlines": {},
            "overdue": [],
        },
    ]
    rows = dprk("plan", "--format", "csv").out.splitlines()
    assert rows[1].startswith("1,verify,freeze,DPRK,Freeze,by IAEA,")
    assert dprk("report", "--output", "talks.html").code == 0
    page = (tmp_path / "talks.html").read_text()
    assert 'verify <span class="id">freeze</span> by IAEA</span>' in page
    assert (tmp_path / "dprk-ledger.toml").read_bytes() == before
    # An order naming no verifier: the step names none, and the hint the placeholders.
    assert dprk("sequence", "hfo", "--after", "freeze", "--require", "verified",
                "--demanded-by", "US", "--date", "1994-11-11").code == 0  # fmt: skip
    assert dprk("verify", "freeze", "--by", "CIA", "--result", "refuted",
                "--date", "1994-11-12").code == 0  # fmt: skip
    plan = dprk("plan")
    assert "1  verify  freeze  DPRK   Freeze" in plan.out
    assert "'dprk verify ID --by VERIFIER' records it" in plan.out
    assert json.loads(dprk("plan", "--format", "json").out)["phases"][0]["verify_by"] == {}


def test_a_verifier_named_only_by_an_order_is_on_record_for_a_typo(dprk, tmp_path):
    """The IAEA is named by the oil's order alone, no finding by it yet: a finding by
    'IEAA' is taken for a typo of it, as of a verifier with a finding, and nothing is
    written; the name as the order gives it is recorded, and meets the order."""
    _agreed_framework(dprk)
    ledger = tmp_path / "dprk-ledger.toml"
    err = refused(dprk, ledger, "verify", "freeze", "--by", "IEAA", "--date", "1994-11-10")
    assert "'IEAA' is not a verifier on record, nor a declared party; did you mean IAEA" in err
    assert "add --new-verifier" in err
    # A --verified-by of the status table and a rename's OLD are told of it alike.
    listed = dprk("status", "--verified-by", "IEAA", "--format", "ids")
    assert listed.code == 0 and listed.out == ""
    assert listed.err == (
        "dprk: warning: --verified-by: no finding in the ledger is by 'IEAA' "
        "(did you mean 'IAEA'?)\n"
    )
    listed = dprk("status", "--verified-by", "IAEA", "--format", "ids")
    assert (listed.code, listed.out, listed.err) == (0, "", "")  # (on record: no typo)
    err = refused(dprk, ledger, "rename-verifier", "IEAA", "IAEA")
    assert "OLD: 'IEAA' is not a verifier on record, nor a declared party; did you mean" in err
    # Given in another case, it is the verifier the order names, spelt as it does.
    found = dprk("verify", "freeze", "--by", "iaea", "--date", "1994-11-10")
    assert found.code == 0, found.err
    assert '{ by = "IAEA"' in ledger.read_text()
    assert dprk("status", "--ready", "--format", "ids").out.split() == ["hfo"]
    # The typo is still refused once a finding by the IAEA is on record too.
    err = refused(dprk, ledger, "verify", "freeze", "--by", "IEAA", "--date", "1994-11-12")
    assert "did you mean IAEA" in err


def _ordered_then_changed(dprk, tmp_path, *change: str) -> bytes:
    """The oil's order waits for 'IEAA' (the IAEA typed wrong) from 1994-10-21, 'IEAA'
    confirms the freeze on 1994-11-10, the oil is delivered on 1995-01-18, in order, and
    the order is changed by `change`, dated 1995-03-01; the ledger's bytes."""
    assert dprk("init", "--title", "T", "--party", "US", "--party", "DPRK").code == 0
    for args in (
        ("Freeze", "--actor", "DPRK", "--id", "freeze"),
        ("Oil", "--actor", "US", "--id", "hfo"),
    ):
        assert dprk("add-measure", *args, "--status", "agreed", "--date", "1994-10-21").code == 0
    for args in (
        ("sequence", "hfo", "--after", "freeze", "--require", "verified",
         "--verified-by", "IEAA", "--date", "1994-10-21"),
        ("mark", "freeze", "implemented", "--date", "1994-11-01"),
        ("verify", "freeze", "--by", "IEAA", "--date", "1994-11-10"),
        ("mark", "hfo", "implemented", "--date", "1995-01-18"),
        change,
    ):  # fmt: skip
        result = dprk(*args)
        assert result.code == 0 and "warning" not in result.err, (args, result.err)
    assert dprk("check").out == "ok: no problems found\n"
    return (tmp_path / "dprk-ledger.toml").read_bytes()


@pytest.mark.parametrize(
    "change",
    [
        ("sequence", "hfo", "--remove", "freeze", "--date", "1995-03-01"),
        (
            "sequence",
            "hfo",
            "--after",
            "freeze",
            "--require",
            "verified",
            "--verified-by",
            "38 North",
            "--date",
            "1995-03-01",
        ),
    ],  # fmt: skip
    ids=["removed", "changed"],
)
def test_a_verifier_s_rename_carries_the_orders_of_the_past(dprk, tmp_path, change):
    """An order naming the verifier typed wrong, removed or changed since, is renamed in
    its history too: the oil, delivered after the (renamed) IAEA confirmed the freeze,
    stays in order, in `check` and as of a day the order stood, and the ledger names
    'IEAA' nowhere."""
    ledger = tmp_path / "dprk-ledger.toml"
    before = _ordered_then_changed(dprk, tmp_path, *change)
    as_of = ("status", "--ready", "--format", "ids", "--as-of", "1994-12-01")
    assert dprk(*as_of).out.split() == ["hfo"]
    result = dprk("rename-verifier", "IEAA", "IAEA")
    assert result.code == 0, result.err
    assert result.err == (
        "renamed verifier IEAA to IAEA (1 finding on 1 measure; past orders on 1 measure)\n"
    )
    assert "IEAA" not in ledger.read_text()
    assert "(verified by IAEA)" in ledger.read_text().split('id = "hfo"')[1]
    assert dprk("check").out == "ok: no problems found\n"
    assert dprk(*as_of).out.split() == ["hfo"]
    assert dprk("undo").code == 0
    assert ledger.read_bytes() == before


def test_a_verifier_s_rename_carries_an_order_a_removal_dropped(dprk, tmp_path):
    """The freeze removed, the oil's history says the order it dropped: a rename of the
    verifier it named renames it there, though no finding by it is left."""
    ledger = tmp_path / "dprk-ledger.toml"
    _ordered_then_changed(dprk, tmp_path, "note", "hfo", "delivered", "--date", "1995-01-19")
    assert dprk("remove", "freeze", "--force").code == 0
    assert "no longer after freeze (verified by IEAA)" in ledger.read_text()
    result = dprk("rename-verifier", "IEAA", "IAEA")
    assert result.code == 0, result.err
    assert result.err == "renamed verifier IEAA to IAEA (past orders on 1 measure)\n"
    assert "IEAA" not in ledger.read_text()
    assert "no longer after freeze (verified by IAEA)" in ledger.read_text()
    assert dprk("check").out == "ok: no problems found\n"
