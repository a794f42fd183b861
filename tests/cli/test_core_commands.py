"""init, add-party, add-measure, mark, verify: what they print and what they write."""

from __future__ import annotations

import json
import shlex
import tomllib
from datetime import date

import pytest

from dprk_cli.clock import today
from tests.conftest import EXAMPLE
from tests.stories import inf_treaty


def read(path):
    return tomllib.loads(path.read_text(encoding="utf-8"))


def measure(path, ident):
    return next(m for m in read(path)["measures"] if m["id"] == ident)


def test_init_creates_an_empty_ledger_with_parties(dprk, tmp_path):
    result = dprk("init", "--title", "Six-party talks", "--party", "DPRK", "--party", "US")
    assert result.code == 0
    assert result.out == ""
    assert "created" in result.err
    data = read(tmp_path / "dprk-ledger.toml")
    assert data == {"schema": 1, "title": "Six-party talks", "parties": ["DPRK", "US"]}


def test_init_refuses_to_overwrite_without_force(dprk, korea):
    before = korea.read_bytes()
    result = dprk("init", "--title", "Other")
    assert result.code == 1
    assert result.out == ""
    assert "already exists" in result.err and "--force" in result.err
    assert korea.read_bytes() == before
    assert dprk("init", "--title", "Other", "--force").code == 0
    assert read(korea)["title"] == "Other"


def test_init_example_is_the_bundled_file(dprk, korea):
    assert korea.read_bytes() == EXAMPLE.read_bytes()


def test_init_takes_an_example_named_in_any_case(dprk, tmp_path):
    """'--example Korea-2018' was no example, where a status, a format or a category is
    taken in any case; and --help showed its value as '<str>'."""
    result = dprk("init", "--example", "Korea-2018")
    assert (result.code, result.err) == (0, "created dprk-ledger.toml (3 parties, 14 measures)\n")
    assert (tmp_path / "dprk-ledger.toml").read_bytes() == EXAMPLE.read_bytes()
    assert "--example NAME" in dprk("init", "--help").out


def test_init_unknown_example(dprk, tmp_path):
    result = dprk("init", "--example", "iran-2015")
    assert result.code == 2
    assert "korea-2018" in result.err
    assert not (tmp_path / "dprk-ledger.toml").exists()


def test_init_uses_ledger_option_and_env(dprk, tmp_path, monkeypatch):
    assert dprk("--ledger", "a.toml", "init").code == 0
    assert (tmp_path / "a.toml").exists()
    monkeypatch.setenv("DPRK_LEDGER", str(tmp_path / "b.toml"))
    assert dprk("init").code == 0
    assert (tmp_path / "b.toml").exists()


def test_add_party(dprk, empty):
    assert dprk("add-party", "China").code == 0
    assert read(empty)["parties"] == ["DPRK", "US", "ROK", "China"]
    before = empty.read_bytes()
    again = dprk("add-party", "China")
    assert again.code == 1 and "already declared" in again.err
    assert empty.read_bytes() == before


def test_add_party_refuses_a_former_name_of_a_declared_party(dprk, tmp_path):
    """After 'rename-party USSR Russia', 'add-party USSR' was accepted: one side declared
    twice, and a finding by 'USSR' on the SS-20s Russia eliminated (as USSR, that day)
    was then taken as independent verification. A name the ledger's histories record
    as a party's former name is refused, naming the party it is now, in any case or
    with the dots of an abbreviation."""
    assert dprk("init", "--party", "US", "--party", "USSR").code == 0
    assert dprk("add-measure", "Eliminate SS-20s", "--actor", "USSR", "--id", "ss20",
                "--status", "implemented", "--date", "1991-05-12").code == 0  # fmt: skip
    assert dprk("rename-party", "USSR", "Russia", "--date", "1991-12-26").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    for typed in ("USSR", "ussr", "U.S.S.R."):
        result = dprk("add-party", typed)
        assert (result.code, result.out, result.err) == (
            1,
            "",
            f"dprk: error: party '{typed}' was renamed Russia on 1991-12-26, as the ledger's "
            "measures record it: declared again, one side would be two parties; give Russia "
            "where you mean it\n",
        )
        assert ledger.read_bytes() == before
    refused = dprk("verify", "ss20", "--by", "USSR", "--date", "1991-05-12")
    assert refused.code == 1 and ledger.read_bytes() == before
    # renamed back, the old name is the party's again, and the name between a former one
    assert dprk("rename-party", "Russia", "USSR", "--date", "1992-01-01").code == 0
    assert dprk("add-party", "USSR").code == 1  # (declared: already)
    result = dprk("add-party", "Russia")
    assert (result.code, result.err) == (
        1,
        "dprk: error: party 'Russia' was renamed USSR on 1992-01-01, as the ledger's "
        "measures record it: declared again, one side would be two parties; give USSR where "
        "you mean it\n",
    )
    assert dprk("add-party", "China").code == 0


def test_declaring_or_removing_a_party_reads_only_the_measures_that_name_it(dprk, korea):
    """A party added or removed made every measure's model and replayed its history twice
    (the write's check and the cache's), for the one rule a party list changes: at
    100,000 measures, 9 s and about 1 GB to add a party no measure names. Only the
    measures that name a party declared on one side of the change (and those naming an
    undeclared one) are read now; `check` after it answers as on a cold read."""
    import shutil

    from dprk_cli import lifecycle
    from dprk_cli.store import cache
    from tests.spying import answered

    assert dprk("status", "--format", "ids").code == 0  # (the cache is warm)
    with answered(cache, "build_measure") as built, answered(lifecycle, "replay") as replayed:
        added = dprk("add-party", "China")
        assert (added.code, added.err) == (0, "added party China\n")
        removed = dprk("remove-party", "China")
        assert (removed.code, removed.err) == (0, "removed party China\n")
    assert (built, replayed) == ([], [])
    assert read(korea)["parties"] == ["DPRK", "ROK", "US"]
    named = dprk("remove-party", "ROK")  # (two measures name it: refused, as before)
    assert named.code == 1 and "party 'ROK' is named by 2 measures" in named.err
    # (a measure naming a party not declared, its words of how to mend it changed by the
    # parties: 'correct the actor to A' while A is declared, 'add it' once it is not)
    korea.write_text(
        'schema = 1\ntitle = "T"\nparties = ["A"]\n\n[[measures]]\nid = "m"\ntitle = "M"\n'
        'actor = "a"\n',
        encoding="utf-8",
    )
    for args in (("add-party", "B"), ("remove-party", "A"), ("add-party", "C")):
        assert dprk(*args).code == 0, args
        warm = dprk("check", "--format", "json").out
        shutil.rmtree(korea.parent / ".dprk")  # (as a fresh clone reads it)
        assert dprk("check", "--format", "json").out == warm, args
    assert "add it with 'dprk add-party a'" in warm


def test_add_measure_prints_only_the_new_id(dprk, empty):
    result = dprk(
        "add-measure",
        "Shut the Punggye-ri test site",
        "--actor",
        "DPRK",
        "--category",
        "denuclearization",
        "--date",
        "2018-05-24",
        "--status",
        "implemented",
        "--source",
        "press pool",
        "--note",
        "journalists present",
    )
    assert result.code == 0, result.err
    assert result.out == "shut-the-punggye-ri-test-site\n"
    m = measure(empty, "shut-the-punggye-ri-test-site")
    assert m["actor"] == "DPRK"
    assert m["status"] == "implemented"
    assert m["sources"] == ["press pool"]
    assert m["notes"] == "journalists present"
    assert str(m["history"][0]["date"]) == "2018-05-24"
    assert m["history"][0]["event"] == "created"


def test_add_measure_generated_ids_are_unique(dprk, empty):
    first = dprk("add-measure", "Talks resume", "--actor", "US").out.strip()
    second = dprk("add-measure", "Talks resume", "--actor", "US").out.strip()
    assert (first, second) == ("talks-resume", "talks-resume-2")


def test_add_measure_links_exchange_both_ways_and_sequences(dprk, empty):
    dprk("add-measure", "Declare the war over", "--actor", "US", "--id", "eow")
    result = dprk(
        "add-measure",
        "Submit an inventory",
        "--actor",
        "DPRK",
        "--id",
        "inv",
        "--in-exchange-for",
        "eow",
        "--after",
        "eow",
        "--deadline",
        "2018-12-31",
    )
    assert result.code == 0, result.err
    assert measure(empty, "inv")["in_exchange_for"] == ["eow"]
    assert measure(empty, "eow")["in_exchange_for"] == ["inv"]
    assert measure(empty, "inv")["constraints"] == [{"after": "eow"}]
    assert str(measure(empty, "inv")["deadline"]) == "2018-12-31"
    shown = json.loads(dprk("show", "inv", "--format", "json").out)
    assert shown["after"] == ["eow"]


def test_add_measure_part_of_none_says_what_to_do_as_edit_does(dprk, empty):
    """`add-measure --part-of none` said only "no measure with id 'none'", where `edit
    --part-of none` says what to give instead: it says to leave --part-of out, which,
    followed, adds a measure of its own. A measure whose id is 'none' is taken, as edit
    takes it."""
    before = empty.read_bytes()
    for typed in ("none", "None"):
        result = dprk("add-measure", "X", "--actor", "US", "--part-of", typed)
        assert (result.code, result.out) == (1, "")
        assert result.err == (
            f"dprk: error: --part-of: no measure with id '{typed}'; give a measure's id "
            "('dprk status --format ids' lists them), or leave --part-of out to add a "
            "measure of its own\n"
        )
        assert empty.read_bytes() == before
    followed = dprk("add-measure", "X", "--actor", "US")
    assert (followed.code, followed.out) == (0, "x\n")
    assert "part_of" not in measure(empty, "x")
    assert dprk("add-measure", "N", "--actor", "US", "--id", "none").code == 0
    taken = dprk("add-measure", "Y", "--actor", "US", "--part-of", "none")
    assert taken.code == 0, taken.err
    assert measure(empty, "y")["part_of"] == "none"


def test_mark_and_verify_update_status_and_history(dprk, korea):
    assert dprk("mark", "inventory-submission", "agreed", "--date", "2018-10-07").code == 0
    result = dprk(
        "mark", "inventory-submission", "implemented", "--date", "2018-11-01", "--source", "KCNA"
    )
    assert result.code == 0, result.err
    assert result.out == ""
    result = dprk(
        "verify",
        "inventory-submission",
        "--by",
        "IAEA",
        "--method",
        "declaration review",
        "--evidence",
        "GOV/2018/1",
        "--date",
        "2018-12-01",
    )
    assert result.code == 0, result.err
    m = measure(korea, "inventory-submission")
    assert m["status"] == "verified"
    assert m["verifications"] == [
        {
            "by": "IAEA",
            "result": "confirmed",
            "date": m["verifications"][0]["date"],
            "method": "declaration review",
            "evidence": ["GOV/2018/1"],
        }
    ]
    assert [h["event"] for h in m["history"]][-3:] == ["status", "status", "verification"]
    assert "KCNA" in m["sources"]


def test_verify_refuted_disputes_and_partial_keeps_status(dprk, korea):
    assert dprk("verify", "punggye-ri-closure", "--by", "38 North", "--result", "partial").code == 0
    assert measure(korea, "punggye-ri-closure")["status"] == "implemented"
    assert dprk("verify", "punggye-ri-closure", "--by", "IAEA", "--result", "refuted").code == 0
    assert measure(korea, "punggye-ri-closure")["status"] == "disputed"


def test_a_finding_by_the_measures_own_actor_is_refused_whatever_the_order(dprk, korea, tmp_path):
    """A party's own word is not verification (the guide): 'verify --by DPRK' of a DPRK
    measure made it verified everywhere. Refused, by the actor of the finding's day,
    whichever change comes last: the finding, a hand-over dated back, a party renamed, an
    import."""
    before = korea.read_bytes()
    for by in ("DPRK", "dprk"):
        result = dprk("verify", "punggye-ri-closure", "--by", by, "--date", "2018-06-01")
        assert (result.code, result.out) == (1, "")
        named = "'DPRK'"  # (a declared party, as the ledger spells it)
        assert result.err == (
            f"dprk: error: {named} is the actor of 'punggye-ri-closure' on 2018-06-01: a "
            "party's own word is not verification, which needs an independent verifier; "
            "record its claim with 'dprk note punggye-ri-closure TEXT --date 2018-06-01'\n"
        )
        assert korea.read_bytes() == before
    # the other side's finding is one; handed to that side after it, it stays one
    assert dprk("verify", "punggye-ri-closure", "--by", "ROK", "--date", "2018-06-01").code == 0
    assert dprk("edit", "punggye-ri-closure", "--actor", "ROK", "--date", "2018-07-01").code == 0
    assert dprk("check", "--format", "json").code == 0
    assert dprk("undo").code == 0
    # handed over before it, found later: the finding becomes the actor's word, refused
    found = korea.read_bytes()
    result = dprk("edit", "punggye-ri-closure", "--actor", "ROK", "--date", "2018-05-30")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "dprk: error: 'punggye-ri-closure' carried out by ROK would make the finding of "
        "'punggye-ri-closure' by ROK on 2018-06-01 the word of its own actor then (ROK): a "
        "party's own word is not verification\n"
    )
    assert korea.read_bytes() == found
    # a party renamed to the name a verifier of its measure has
    assert dprk("verify", "gaeseong-liaison-office", "--by", "Korea", "--result", "partial",
                "--date", "2018-09-20").code == 0  # fmt: skip
    found = korea.read_bytes()
    result = dprk("rename-party", "ROK", "KOREA")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "dprk: error: renaming ROK to KOREA would make the finding of 'gaeseong-liaison-office' "
        "by Korea on 2018-09-20 the word of its own actor then (KOREA): a party's own word is "
        "not verification\n"
    )
    assert korea.read_bytes() == found
    # an import of a finding by the actor of its day
    (tmp_path / "own.json").write_text(
        '[{"id": "x", "title": "X", "actor": "US", "status": "verified", "history": ['
        '{"date": "2018-01-01", "event": "created", "status": "proposed", '
        '"recorded": "2026-11-27T00:00:00Z"}, '
        '{"date": "2018-02-01", "event": "status", "status": "implemented", '
        '"recorded": "2026-11-27T00:00:00Z"}, '
        '{"date": "2018-03-01", "event": "verification", "status": "verified", '
        '"detail": "confirmed by US", "recorded": "2026-11-27T00:00:00Z"}], '
        '"verifications": [{"by": "US", "result": "confirmed", "date": "2018-03-01"}]}]',
        encoding="utf-8",
    )
    result = dprk("import", "own.json")
    assert result.code == 1 and "the word of its own actor then (US)" in result.err, result.err
    assert korea.read_bytes() == found


def test_late_entries_land_in_date_order(dprk, empty):
    dprk(
        "add-measure",
        "Return remains",
        "--actor",
        "DPRK",
        "--id",
        "remains",
        "--date",
        "2018-06-12",
    )
    dprk("mark", "remains", "implemented", "--date", "2018-07-27")
    # recorded later, happened earlier: the status stays what the latest event says
    assert dprk("mark", "remains", "agreed", "--date", "2018-06-20").code == 0
    m = measure(empty, "remains")
    assert m["status"] == "implemented"
    assert [str(h["date"]) for h in m["history"]] == ["2018-06-12", "2018-06-20", "2018-07-27"]


def test_ids_from_standard_input(dprk, korea):
    ids = dprk("status", "--acted", "--unverified", "--party", "DPRK", "--format", "ids").out
    assert "punggye-ri-closure" in ids.split()
    result = dprk("verify", "-", "--by", "IAEA", stdin=ids)
    assert result.code == 0, result.err
    data = read(korea)
    for m in data["measures"]:
        if m["id"] in ids.split():
            assert m["status"] == "verified"


def test_writes_are_deterministic(dprk, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1537000000")
    for name in ("a.toml", "b.toml"):
        dprk("--ledger", name, "init", "--party", "US", "--party", "DPRK")
        dprk("--ledger", name, "add-measure", "Zeta", "--actor", "US", "--date", "2018-01-01")
        dprk("--ledger", name, "add-measure", "Alpha", "--actor", "DPRK", "--date", "2018-01-01")
    a = (tmp_path / "a.toml").read_text()
    assert a == (tmp_path / "b.toml").read_text()
    assert "recorded = 2018-09-15 08:26:40+00:00" in a
    assert a.index('id = "alpha"') < a.index('id = "zeta"')


def test_a_ledger_given_no_title_is_named_alike_by_every_read(dprk, tmp_path):
    """The default title is not kept in the cache's header: reads from the cache said ""
    where the file, and a read of the file itself, say 'Untitled negotiation'."""
    assert dprk("init", "--party", "A", "--party", "B").code == 0
    assert 'title = "Untitled negotiation"' in (tmp_path / "dprk-ledger.toml").read_text()
    for args in (["status"], ["status", "--as-of", "2026-01-01"]):
        for _ in range(2):  # (the second read is served from what the first kept)
            result = dprk(*args, "--format", "json")
            assert result.code == 0, result.err
            assert json.loads(result.out)["title"] == "Untitled negotiation"
    assert dprk("status").out.startswith("Untitled negotiation\n")


def test_a_finding_by_the_actor_under_a_name_it_had_before_is_its_own_word(dprk, empty):
    """After 'rename-party DPRK "North Korea"', 'verify --by DPRK' on a measure of North
    Korea's was taken as an independent finding: staff who keep the old name recorded a
    party as its own verifier. The actor's former names (its history records the
    renames) are its own word too."""
    assert dprk("add-measure", "A", "--actor", "DPRK", "--id", "a", "--status",
                "implemented", "--date", "2018-05-01").code == 0  # fmt: skip
    assert dprk("rename-party", "DPRK", "North Korea").code == 0
    assert dprk("rename-party", "North Korea", "NK").code == 0
    before = empty.read_bytes()
    for name in ("DPRK", "north  korea"):
        result = dprk("verify", "a", "--by", name, "--date", "2018-06-10")
        assert (result.code, result.out) == (1, "")
        assert result.err == (
            f"dprk: error: '{' '.join(name.split())}' (now NK) is the actor of 'a' on 2018-06-10: a party's own "
            "word is not verification, which needs an independent verifier; record its "
            "claim with 'dprk note a TEXT --date 2018-06-10'\n"
        )
        assert empty.read_bytes() == before
    assert dprk("verify", "a", "--by", "US", "--date", "2018-06-10").code == 0
    # 'add-party' refuses an old name (one side would be two parties); a party declared
    # since under it by hand is another side to a write: its finding is taken, and
    # 'check' reports both (`test_check_finds_a_former_name_declared_again_...`)
    before = empty.read_bytes()
    assert dprk("add-party", "DPRK").code == 1 and empty.read_bytes() == before
    text = empty.read_text(encoding="utf-8")
    empty.write_text(text.replace('"ROK",\n', '"ROK",\n    "DPRK",\n', 1), encoding="utf-8")
    taken = dprk("verify", "a", "--by", "DPRK", "--date", "2018-06-11")
    assert (taken.code, taken.err) == (
        0,
        "a: recorded confirmed by DPRK (a party to the talks) on 2018-06-11; a stays verified (since 2018-06-10)\n",
    )
    assert dprk("check").code == 1


def test_a_former_name_is_the_actor_s_own_word_on_a_measure_made_after_the_rename(dprk, empty):
    """Renamed with a --date before one of its measures was made, that measure had the
    new name from the start (no entry): 'verify --by' the old name was taken there as an
    independent finding (the status verified, check ok), and refused on its other
    measure. The renames the other measures record say it too."""
    for ident, day in (("old", "1990-01-01"), ("wd", "1993-01-01")):
        assert dprk("add-measure", ident, "--actor", "DPRK", "--id", ident, "--status",
                    "implemented", "--date", day).code == 0  # fmt: skip
    renamed = dprk("rename-party", "DPRK", "North Korea", "--date", "1991-12-25")
    assert "1 made after 1991-12-25 had the new name from the start" in renamed.err
    assert dprk("rename-party", "North Korea", "NK", "--date", "1992-01-01").code == 0
    before = empty.read_bytes()
    for name in ("DPRK", "dprk", "North  Korea"):
        result = dprk("verify", "wd", "--by", name, "--date", "1995-01-01")
        assert (result.code, result.out) == (1, ""), result.err
        assert "(now NK) is the actor of 'wd' on 1995-01-01" in result.err
        assert empty.read_bytes() == before
    assert dprk("verify", "wd", "--by", "IAEA", "--date", "1995-01-01").code == 0


def test_a_rename_dated_before_the_name_was_taken_is_refused(dprk, empty, tick):
    """Russia renamed RF on 2023-01-01, then RF renamed Russia dated 2022-01-01: the log
    ended 'party Russia renamed RF' beside the actor Russia, and said the party had the
    name RF before it took it. So with ids. Refused, naming the day the name was taken;
    dated on or after it, taken."""
    assert dprk("add-measure", "M", "--actor", "US", "--id", "m", "--date", "2022-07-22").code == 0
    assert dprk("rename-party", "US", "USA", "--date", "2023-01-01").code == 0
    before = empty.read_bytes()
    result = dprk("rename-party", "USA", "US", "--date", "2022-01-01")
    assert (result.code, result.err) == (
        1,
        "dprk: error: --date: 2022-01-01 is before party 'USA' took that name (2023-01-01, "
        "as 'm' records it); date the rename on or after that day, or, to keep 2022-01-01, "
        "date that one (party US renamed USA) no later first: no measure recording it was "
        "made by 2022-01-01, to keep the old name: if the rename is the last change, 'dprk "
        "undo' takes it back, and then 'dprk rename-party US USA --date 2022-01-01' dates it "
        "so, saying what that forgets; else no command can (a rename given back is dated "
        "after it, and one typed again no earlier)\n",
    )
    assert empty.read_bytes() == before
    tick()
    assert dprk("rename", "m", "m2", "--date", "2023-03-01").code == 0
    before = empty.read_bytes()
    result = dprk("rename", "m2", "m3", "--date", "2023-02-01")
    assert (result.code, result.err) == (
        1,
        "dprk: error: --date: 2023-02-01 is before 'm2' took that id (2023-03-01); date the "
        "rename on or after that day\n",
    )
    assert empty.read_bytes() == before
    tick()
    assert dprk("rename-party", "USA", "US", "--date", "2023-01-01").code == 0
    tick()
    assert dprk("rename", "m2", "m3", "--date", "2023-03-01").code == 0
    log = dprk("log", "m3").out
    assert log.index("party US renamed USA") < log.index("party USA renamed US"), log
    # a redate may not put them out of that order either
    before = empty.read_bytes()
    entries = json.loads(dprk("log", "m3", "--format", "json").out)
    number = next(e["n"] for e in entries if e["detail"] == "renamed from m")
    result = dprk("redate", "m3", str(number), "2023-04-01")
    assert (result.code, result.err) == (
        1,
        "dprk: error: m3: the rename entry of 2023-03-01 would come before the rename entry "
        "of 2023-04-01, the rename it follows (renamed from m, then renamed from m2); "
        "renames keep the order they were made in\n",
    )
    number = next(e["n"] for e in entries if e["detail"] == "party US renamed USA")
    result = dprk("redate", "m3", str(number), "2023-02-01")
    assert result.code == 1 and "(party US renamed USA, then party USA renamed US)" in result.err
    assert empty.read_bytes() == before
    assert dprk("check").code == 0


def test_a_party_s_former_name_as_actor_names_the_party_it_is_now(dprk, empty):
    """'edit --actor Russia' after 'rename-party Russia "Russian Federation"' advised
    'dprk add-party Russia': followed, one side became two parties. The refusal names
    the party the old name is now; a party declared since under that name is taken."""
    assert dprk("add-measure", "A", "--actor", "DPRK", "--id", "a", "--date",
                "2018-05-01").code == 0  # fmt: skip
    assert dprk("add-measure", "C", "--actor", "US", "--id", "c", "--status", "implemented",
                "--date", "2018-05-01").code == 0  # fmt: skip
    assert dprk("rename-party", "DPRK", "North Korea").code == 0
    assert dprk("rename-party", "North Korea", "NK").code == 0
    before = empty.read_bytes()
    # (each rename with the day it was made, today's: the names in turn from the one typed)
    renames = f"North Korea on {today()}, then NK on {today()}"
    for args, option, renamed in (
        (["add-measure", "B", "--actor", "dprk"], "--actor", renames),
        (["edit", "a", "--actor", "North Korea"], "--actor", f"NK on {today()}"),
        (["sequence", "a", "--after", "a", "--demanded-by", "DPRK"], "--demanded-by", renames),
        (["verify", "c", "--by", "DPRK"], "--by", renames),  # (on another party's measure)
    ):
        result = dprk(*args)
        name = args[-1]
        assert (result.code, result.out, result.err) == (
            1,
            "",
            f"dprk: error: {option}: party '{name}' was renamed {renamed}; give NK\n",
        )
        assert empty.read_bytes() == before
    # in characters that look alike (full-width, an invisible one inside): the same
    for typed in ("ＤＰＲＫ", "DP\u200bRK"):
        result = dprk("verify", "c", "--by", typed)
        assert result.code == 1 and f"then NK on {today()}; give NK" in result.err, result.err
    assert empty.read_bytes() == before
    # a former name is not declared again ('add-party' refuses it, naming the party it
    # is now); one declared since by hand, in any case, is the one meant (as any option
    # takes a party's name: in any case, written as the ledger spells it)
    refused = dprk("add-party", "Dprk")
    assert (refused.code, refused.err) == (
        1,
        f"dprk: error: party 'Dprk' was renamed {renames}, as the ledger's measures "
        "record it: declared again, one side would be two parties; give NK where you mean "
        "it\n",
    )
    assert empty.read_bytes() == before
    text = empty.read_text(encoding="utf-8")
    empty.write_text(text.replace('"ROK",\n', '"ROK",\n    "Dprk",\n', 1), encoding="utf-8")
    assert dprk("add-measure", "B", "--actor", "DPRK", "--id", "b").code == 0
    shown = json.loads(dprk("show", "b", "--format", "json").out)
    assert shown["actor"] == "Dprk"


def test_rename_and_remove_party_refuse_a_former_name_naming_the_party_it_is_now(dprk, tmp_path):
    """After 'rename-party USSR Russia', 'rename-party USSR ...' and 'remove-party ussr'
    said "did you mean US?", the other side, and the advice followed renamed US; a typo
    of the former name ('--actor USRR') was offered US too. Both commands refuse a former
    name as every party option does, naming the party it is now, and "did you mean"
    weighs former names: a name nearer one suggests the party it now belongs to."""
    assert dprk("init", "--title", "INF", "--party", "US", "--party", "USSR").code == 0
    assert dprk("add-measure", "Eliminate SS-20", "--actor", "USSR", "--id", "ss20",
                "--date", "1987-12-08").code == 0  # fmt: skip
    assert dprk("rename-party", "USSR", "Russia", "--date", "1991-12-26").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    for args, option in (
        (["rename-party", "USSR", "Soviet Union"], "OLD"),
        (["rename-party", "U.S.S.R.", "Soviet Union"], "OLD"),
        (["remove-party", "ussr"], "NAME"),
    ):
        result = dprk(*args)
        assert (result.code, result.out, result.err) == (
            1,
            "",
            f"dprk: error: {option}: party '{args[1]}' was renamed Russia on 1991-12-26; "
            "give Russia\n",
        )
        assert ledger.read_bytes() == before
    for args, option in (
        (["add-measure", "Eliminate SS-4", "--actor", "USRR", "--date", "1988-01-01"], "--actor"),
        (["rename-party", "USRR", "Soviet Union"], "OLD"),
        (["remove-party", "ussrr"], "NAME"),
        (["status", "--party", "USRR"], "--party"),
    ):
        typed = args[args.index("--actor") + 1] if "--actor" in args else args[-1]
        typed = args[1] if args[0].endswith("-party") else typed
        # (a new side may be so named: an option that may name one says how to add it)
        adding = f" add it with 'dprk add-party {typed}' if it is a new side"
        result = dprk(*args)
        assert (result.code, result.out, result.err) == (
            1,
            "",
            f"dprk: error: {option}: '{typed}' is not a declared party (declared: US, "
            "Russia); did you mean Russia (named USSR before a rename)?"
            f"{adding if option == '--actor' else ''}\n",
        ), args
        assert ledger.read_bytes() == before
    # '--by' weighs them too (a verifier new to the ledger may still be said to be one)
    assert dprk("add-measure", "Withdraw", "--actor", "US", "--id", "w", "--status",
                "implemented", "--date", "1992-01-01").code == 0  # fmt: skip
    before = ledger.read_bytes()
    result = dprk("verify", "w", "--by", "USRR", "--date", "1992-02-01")
    assert (result.code, result.err) == (
        1,
        "dprk: error: --by: 'USRR' is not a declared party (declared: US, Russia); did you "
        "mean Russia (named USSR before a rename)? If 'USRR' is a verifier new to the "
        "ledger and no party, add --new-verifier\n",
    )
    assert ledger.read_bytes() == before
    # a name nearer a declared party than any former name is still that party's typo
    result = dprk("add-measure", "X", "--actor", "USA")
    assert result.code == 1 and result.err.endswith(
        "did you mean US? add it with 'dprk add-party USA' if it is a new side\n"
    ), result.err
    # the advice, followed, renames the party meant (from today: dated on ss20's first
    # day, before Russia took its name, it would be refused, so no advice to)
    result = dprk("rename-party", "Russia", "Soviet Union")
    assert (result.code, result.err) == (
        0,
        "renamed party Russia to Soviet Union (1 measure changed) (from today)\n",
    )
    shown = json.loads(dprk("show", "ss20", "--format", "json").out)
    assert shown["actor"] == "Soviet Union"
    assert dprk("check").code == 0


def test_a_typo_of_the_first_letter_of_a_former_name_suggests_the_party_it_names_now(
    dprk, tmp_path
):
    """After 'rename-party USSR Russia', a typo of USSR anywhere but in its first letter
    ('USRR', 'UZSR') got "did you mean Russia (named USSR before a rename)?", one in its
    first letter ('XSSR', 'SSR', 'XUSSR', 'X.S.S.R.') got no suggestion at all: the
    former names weighed were those of the renames recorded by a party whose name began
    as the typed one did. Any one-letter typo of a former name is weighed now, as one
    of a declared party's name is ('Xussia', 'ussia', 'XRussia'), in every option that
    names a party, '--by' included; the advice, followed, names the party."""
    assert dprk("init", "--title", "INF", "--party", "US", "--party", "USSR").code == 0
    assert dprk("add-measure", "Eliminate SS-20", "--actor", "USSR", "--id", "ss20",
                "--date", "1987-12-08").code == 0  # fmt: skip
    assert dprk("add-measure", "Withdraw", "--actor", "US", "--id", "w", "--status",
                "implemented", "--date", "1992-01-01").code == 0  # fmt: skip
    assert dprk("rename-party", "USSR", "Russia", "--date", "1991-12-26").code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    typos = {name: " (named USSR before a rename)" for name in ("XSSR", "SSR", "XUSSR",
             "X.S.S.R.", "UZSR")}  # fmt: skip
    typos.update(dict.fromkeys(("Xussia", "ussia", "XRussia", "Rusia"), ""))
    for typed, former in typos.items():
        said = (
            f"'{typed}' is not a declared party (declared: US, Russia); did you mean "
            f"Russia{former}?"
        )
        for args, option, after in (
            (("add-measure", "X", "--actor", typed, "--date", "1992-01-01"), "--actor",
             f" add it with 'dprk add-party {typed}' if it is a new side"),
            (("status", "--party", typed), "--party", ""),
            (("verify", "w", "--by", typed, "--date", "1992-02-01"), "--by",
             f" If '{typed}' is a verifier new to the ledger and no party, add --new-verifier"),
        ):  # fmt: skip
            result = dprk(*args)
            assert (result.code, result.out, result.err) == (
                1,
                "",
                f"dprk: error: {option}: {said}{after}\n",
            ), args
            assert ledger.read_bytes() == before
    # the advice, followed
    assert dprk("add-measure", "X", "--actor", "Russia", "--date", "1992-01-01").code == 0


def test_a_former_name_with_the_dots_of_an_abbreviation_is_refused_as_without(dprk, tmp_path):
    """After 'rename-party USSR Russia', '--by USSR' was refused as renamed, but '--by
    U.S.S.R.' was recorded as a new verifier beside Russia (one side counted twice: a
    finding by each on one day both kept), though the own-word check read it as Russia.
    A former name is matched as every party option matches a name: with or without the
    dots of an abbreviation, in any case, either way round."""
    inf_treaty(dprk)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    for typed in ("U.S.S.R.", "U.S.S.R", "u.s.s.r.", "USSR"):
        result = dprk("verify", "p2", "--by", typed, "--date", "1992-01-06")
        assert (result.code, result.out, result.err) == (
            1,
            "",
            f"dprk: error: --by: party '{typed}' was renamed Russia on 1991-12-26; give Russia\n",
        )
        assert ledger.read_bytes() == before
    # (dated when the party had the name, it is the party: `test_a_former_name_on_a_day_...`)
    assert dprk("verify", "p2", "--by", "U.S.S.R.", "--date", "1991-05-06").code == 0
    shown = json.loads(dprk("show", "p2", "--format", "json").out)
    assert shown["verified_by"] == ["Russia"]
    # a former name recorded with the dots, typed without them
    assert dprk("add-party", "U.K.").code == 0
    assert dprk("add-measure", "Withdraw", "--actor", "U.K.", "--id", "uk",
                "--date", "1991-01-01").code == 0  # fmt: skip
    assert dprk("rename-party", "U.K.", "Britain", "--date", "1993-01-01").code == 0
    before = ledger.read_bytes()
    for typed in ("UK", "uk", "U.K"):
        result = dprk("verify", "p2", "--by", typed, "--date", "1994-01-01")
        assert (result.code, result.err) == (
            1,
            f"dprk: error: --by: party '{typed}' was renamed Britain on 1993-01-01; give Britain\n",
        )
        assert ledger.read_bytes() == before


def test_a_finding_by_a_former_name_made_the_actor_s_by_an_import_or_edit_is_refused(
    dprk, empty, tmp_path
):
    """`verify` refused a finding by a party's former name on its measure; an import of
    such a finding, or a dated hand-over that made the measure that party's, took it as
    an independent verification (check ok). An import reads the former name as the
    party's name now, and says so."""
    assert dprk("add-measure", "M1", "--actor", "DPRK", "--id", "m1", "--date",
                "2018-01-01").code == 0  # fmt: skip
    assert dprk("rename-party", "DPRK", "NK", "--date", "2018-06-01").code == 0
    at = "2026-01-01T00:00:00Z"
    history = [
        {"date": "2018-07-01", "event": "created", "status": "proposed", "recorded": at},
        {"date": "2018-07-02", "event": "status", "status": "implemented", "recorded": at},
        {"date": "2018-07-03", "event": "verification", "status": "verified",
         "detail": "confirmed by DPRK", "recorded": at},
    ]  # fmt: skip
    record = {"id": "m9", "title": "M9", "actor": "NK", "status": "verified",
              "verifications": [{"by": "DPRK", "result": "confirmed", "date": "2018-07-03"}],
              "history": history}  # fmt: skip
    (tmp_path / "m.json").write_text(json.dumps({"measures": [record]}), encoding="utf-8")
    before = empty.read_bytes()
    imported = dprk("import", str(tmp_path / "m.json"))
    assert (imported.code, imported.err) == (
        1,
        f"dprk: error: {tmp_path / 'm.json'}: measure #1 (measure 'm9'): importing it would "
        "make the finding of 'm9' by NK on 2018-07-03 the word of its own actor then (NK): "
        "a party's own word is not verification; the file's DPRK read as NK (renamed so on "
        "2018-06-01)\n",
    )
    assert empty.read_bytes() == before
    # (a file's finding by the former name, on another party's measure, is taken, under
    # the name the party has now)
    record = record | {"id": "m3", "title": "M3", "actor": "US"}
    (tmp_path / "m3.json").write_text(json.dumps({"measures": [record]}), encoding="utf-8")
    assert dprk("import", str(tmp_path / "m3.json")).code == 0
    assert json.loads(dprk("show", "m3", "--format", "json").out)["verified_by"] == ["NK"]
    before = empty.read_bytes()
    handed = dprk("edit", "m3", "--actor", "NK", "--date", "2018-07-01")
    assert handed.code == 1
    assert "would make the finding of 'm3' by NK on 2018-07-03 the word of its own actor" in (
        handed.err
    )
    assert empty.read_bytes() == before


def test_a_verifier_spelt_otherwise_is_the_one_on_record(dprk, empty):
    """'38 NORTH' on another day, or '38  North' (two spaces), was stored as typed: the
    status said "confirmed (38  North, 38 NORTH, 38 North)", one organisation three
    times (the report, which folds spaces, "38 North, 38 North"), though the same
    finding in another case was refused as already on record. A later spelling is the
    verifier the measure has on record; a new verifier's spaces are made single."""
    assert dprk("add-measure", "X", "--actor", "DPRK", "--id", "x", "--date", "2018-01-01",
                "--status", "implemented").code == 0  # fmt: skip
    assert dprk("verify", "x", "--by", "38 North", "--date", "2018-06-21").code == 0
    before = empty.read_bytes()
    again = dprk("verify", "x", "--by", "38  north", "--date", "2018-06-21")
    assert (again.code, again.err) == (
        1,
        "dprk: error: measure 'x' already has the finding confirmed by 38 North on 2018-06-21\n",
    )
    assert empty.read_bytes() == before
    later = dprk("verify", "x", "--by", "38 NORTH", "--date", "2018-06-25")
    assert (
        later.err
        == "x: recorded confirmed by 38 North on 2018-06-25; x stays verified (since 2018-06-21)\n"
    )
    other = dprk("verify", "x", "--by", "Some   Body", "--date", "2018-06-26")
    assert other.err.startswith("x: recorded confirmed by Some Body on 2018-06-26;")
    shown = json.loads(dprk("show", "x", "--format", "json").out)
    assert shown["verified_by"] == ["38 North", "Some Body"]
    assert [v["by"] for v in shown["verifications"]] == ["38 North", "38 North", "Some Body"]
    row = next(line for line in dprk("status").lines if line.startswith("x "))
    assert "confirmed (38 North, Some Body)" in row
    assert 'by = "38 North", result = "confirmed", date = 2018-06-25' in empty.read_text()


def test_a_verifier_spelt_otherwise_is_the_one_another_measure_has_on_record(dprk, empty):
    """'iaea' on one measure beside 'IAEA' on another split one verifier in two across the
    ledger (the status said "confirmed (iaea)" beside "confirmed (IAEA)", the CSV's
    verified_by two names): a verifier named on any measure is that one, in any case or
    spacing, in any script; a verifier new to the ledger is kept as typed."""
    for ident in ("freeze", "canning", "trade", "ban"):
        assert dprk("add-measure", ident.title(), "--actor", "DPRK", "--id", ident,
                    "--status", "implemented", "--date", "1994-11-01").code == 0  # fmt: skip
    assert dprk("verify", "freeze", "--by", "IAEA", "--date", "1994-11-28").code == 0
    assert dprk("verify", "trade", "--by", "Комиссия ООН", "--date", "1994-11-28").code == 0
    before = empty.read_bytes()
    line = dprk("verify", "canning", "--by", " iaea", "--date", "2000-04-28")
    assert line.code == 0, line.err
    assert line.err == "canning: confirmed by IAEA on 2000-04-28; canning is verified\n"
    assert dprk("verify", "ban", "--by", "комиссия  оон", "--date", "2000-04-28").code == 0
    assert dprk("verify", "ban", "--by", "38 north", "--date", "2000-04-29").code == 0
    rows = {
        m["id"]: m["verified_by"]
        for m in json.loads(dprk("status", "--format", "json").out)["measures"]
    }
    assert rows == {
        "freeze": ["IAEA"],
        "canning": ["IAEA"],
        "trade": ["Комиссия ООН"],
        "ban": ["38 north", "Комиссия ООН"],
    }
    assert empty.read_bytes() != before
    assert 'by = "IAEA", result = "confirmed", date = 2000-04-28' in empty.read_text()


def test_a_verifier_with_the_dots_of_an_abbreviation_is_the_one_another_measure_has(dprk, empty):
    """'I.A.E.A.' on one measure beside 'IAEA' on another was stored as typed: names are
    one party with or without dots, but the measures that might name the verifier were
    found by its text alone, so the one on record was missed and the ledger held two
    spellings of one verifier. Any spelling of its letters and digits finds it."""
    for ident in ("freeze", "canning", "ban"):
        assert dprk("add-measure", ident.title(), "--actor", "DPRK", "--id", ident,
                    "--status", "implemented", "--date", "1994-11-01").code == 0  # fmt: skip
    assert dprk("verify", "freeze", "--by", "IAEA", "--date", "1994-11-28").code == 0
    assert dprk("verify", "ban", "--by", "38 North", "--date", "1994-11-28").code == 0
    line = dprk("verify", "canning", "--by", "I.A.E.A.", "--date", "2000-04-28")
    assert (line.code, line.err) == (
        0,
        "canning: confirmed by IAEA on 2000-04-28; canning is verified\n",
    )
    assert dprk("verify", "canning", "--by", "38-north", "--date", "2000-04-29").code == 0
    rows = {
        m["id"]: m["verified_by"]
        for m in json.loads(dprk("status", "--format", "json").out)["measures"]
    }
    assert rows == {"freeze": ["IAEA"], "canning": ["38 North", "IAEA"], "ban": ["38 North"]}
    text = empty.read_text()
    assert "I.A.E.A." not in text and "38-north" not in text
    assert 'by = "IAEA", result = "confirmed", date = 2000-04-28' in text


def test_a_merge_sees_a_finding_by_the_merged_name_spelt_without_its_dots(dprk, empty):
    """'NK' verified a US measure; 'N.K.' (the same name, with dots) was then declared
    and merged into the US: accepted, the finding left as NK, no party, though 'nk'
    merged the same way was refused as the US's own word. The findings a rename reads
    are found by the name's letters and digits, whatever signs between them."""
    assert dprk("add-measure", "Suspend drills", "--actor", "US", "--id", "drills",
                "--status", "implemented", "--date", "2018-06-18").code == 0  # fmt: skip
    assert (
        dprk("verify", "drills", "--by", "NK", "--new-verifier", "--date", "2018-08-01").code == 0
    )
    for spelt in ("N.K.", "nk"):
        assert dprk("add-party", spelt).code == 0
        before = empty.read_bytes()
        merged = dprk("rename-party", spelt, "US", "--merge")
        assert (merged.code, merged.out) == (1, "")
        assert merged.err == (
            f"dprk: error: renaming {spelt} to US would make the finding of 'drills' by US on "
            "2018-08-01 the word of its own actor then (US): a party's own word is not "
            "verification; drop it first ('dprk drop-finding drills 2')\n"
        )
        assert empty.read_bytes() == before
        assert dprk("undo").code == 0
    assert dprk("check").out == "ok: no problems found\n"


def test_a_finding_already_on_record_is_refused_as_a_step_is(dprk, korea):
    """The same verify run twice (to be sure it landed) recorded the finding twice: the
    log and the timeline showed two. It is refused, as mark refuses a step already on
    record for its day; another day, result or verifier is a finding of its own."""
    args = ["verify", "punggye-ri-closure", "--by", "IAEA", "--date", "2018-06-01"]
    assert dprk(*args).code == 0
    before = korea.read_bytes()
    again = dprk(*args)
    assert (again.code, again.out) == (1, "")
    assert again.err == (
        "dprk: error: measure 'punggye-ri-closure' already has the finding confirmed by IAEA "
        "on 2018-06-01\n"
    )
    assert korea.read_bytes() == before
    for spelt in ("iaea", " IAEA "):  # (one verifier, as parties are one: any case, spacing)
        assert dprk(*args[:3], spelt, *args[4:]).code == 1
    assert korea.read_bytes() == before
    for more in (["--date", "2018-06-02"], ["--result", "partial"]):
        assert dprk(*args[:-2], *more, *([] if "--date" in more else args[-2:])).code == 0
    findings = json.loads(dprk("show", "punggye-ri-closure", "--format", "json").out)
    assert [(v["by"], v["result"], v["date"]) for v in findings["verifications"]] == [
        ("IAEA", "confirmed", "2018-06-01"),
        ("IAEA", "partial", "2018-06-01"),
        ("IAEA", "confirmed", "2018-06-02"),
    ]


def test_text_typed_with_spaces_around_it_is_kept_without_them(dprk, empty):
    """A source typed "S1 " is the source S1: adding it again changes nothing, and a
    title, category, actor or verifier typed with spaces around it is kept trimmed."""
    result = dprk("add-measure", "  Close the site ", "--actor", " DPRK", "--id", "x",
                  "--category", " energy ", "--source", " S1 ", "--date", "2018-05-24")  # fmt: skip
    assert result.code == 0, result.err
    x = measure(empty, "x")
    assert (x["title"], x["actor"], x["category"], x["sources"]) == (
        "Close the site",
        "DPRK",
        "energy",
        ["S1"],
    )
    before = empty.read_bytes()
    result = dprk("edit", "x", "--add-source", "S1 ")
    assert (result.code, result.err) == (0, "x: already so; nothing changed\n")
    assert empty.read_bytes() == before
    result = dprk("edit", "x", "--title", " Close Punggye-ri  ", "--date", "2018-05-25")
    assert result.code == 0
    assert "title: 'Close the site' -> 'Close Punggye-ri'" in result.err
    assert dprk("mark", "x", "implemented", "--date", "2018-05-24").code == 0
    result = dprk("verify", "x", "--by", " US ", "--date", "2018-06-01")
    assert result.code == 0, result.err
    assert measure(empty, "x")["verifications"][0]["by"] == "US"
    assert measure(empty, "x")["title"] == "Close Punggye-ri"


def test_an_id_that_differs_from_another_in_case_alone_is_refused(dprk, empty, tmp_path):
    """'Foo' and 'foo' were two measures: a reader, a spreadsheet or a file system blind
    to case takes them for one, and `show FOO` suggested neither. A new id (added,
    renamed, imported) may not differ from another in case alone; a measure may change
    its own id's case; an unknown id in another case is suggested."""
    assert dprk("add-measure", "A", "--actor", "US", "--id", "Foo").code == 0
    assert dprk("add-measure", "B", "--actor", "US", "--id", "bar").code == 0
    (tmp_path / "f.csv").write_text("id,title,actor\nBAR,x,US\n", encoding="utf-8")
    (tmp_path / "g.csv").write_text("id,title,actor\nq,x,US\nQ,x,US\n", encoding="utf-8")
    (tmp_path / "h.csv").write_text("id,title,actor,after\nnew,x,US,BAR\n", encoding="utf-8")
    before = empty.read_bytes()
    for args, said in (
        (
            ["add-measure", "C", "--actor", "US", "--id", "foo"],
            "--id: 'foo' differs from the id of measure 'Foo' in case alone; give another id",
        ),
        (
            ["rename", "bar", "FOO"],
            "NEW_ID: 'FOO' differs from the id of measure 'Foo' in case alone; give another id",
        ),
        (
            ["import", "f.csv"],
            "f.csv: row 2 (measure 'BAR'): its id differs from 'bar' in case alone; give it "
            "another id",
        ),
        (
            ["import", "g.csv"],
            "g.csv: row 3 (measure 'Q'): its id differs from 'q' in case alone; give it another id",
        ),
        (["show", "FOO"], "no measure with id 'FOO' (ids are case-sensitive); did you mean Foo?"),
        (
            ["import", "h.csv"],
            "h.csv: row 2 (measure 'new'): refers to 'BAR', which is neither in the ledger "
            "nor the file; did you mean bar?",
        ),
    ):
        result = dprk(*args)
        assert (result.code, result.out, result.err) == (1, "", f"dprk: error: {said}\n"), args
        assert empty.read_bytes() == before
    assert dprk("rename", "Foo", "foo").code == 0
    assert dprk("status", "--format", "ids").out.split() == ["bar", "foo"]


def test_an_id_made_from_a_title_never_differs_from_another_in_case_alone(dprk, empty, tmp_path):
    """Beside a measure given the id 'Yongbyon', a title 'Yongbyon 영변 폐기' was given
    'yongbyon': exit 0 and no word, then `check` warned, and the export would not import
    back. The id a title gives skips one taken in another case, as one taken exactly."""
    assert dprk("add-measure", "Yongbyon", "--actor", "DPRK", "--id", "Yongbyon").code == 0
    added = dprk("add-measure", "Yongbyon 영변 폐기", "--actor", "DPRK")
    assert (added.code, added.out) == (0, "yongbyon-2\n"), added.err
    assert dprk("check").out == "ok: no problems found\n"
    exported = dprk("export")
    assert dprk("--ledger", "copy.toml", "init").code == 0
    copied = dprk("--ledger", "copy.toml", "import", "-", stdin=exported.out)
    assert copied.code == 0, copied.err
    assert (
        dprk("--ledger", "copy.toml", "status", "--format", "ids").out == "Yongbyon\nyongbyon-2\n"
    )


def test_check_names_two_ids_that_differ_in_case_alone(dprk, empty):
    """No command makes a second such id, but a merge of two desks' additions did: `check`
    said ok, and the export of the ledger would not import back. It warns, naming both."""
    assert dprk("add-measure", "A", "--actor", "US", "--id", "Halt.Tests").code == 0
    assert dprk("add-measure", "B", "--actor", "US", "--id", "other").code == 0
    empty.write_text(empty.read_text(encoding="utf-8").replace('id = "other"', 'id = "halt.tests"'))
    result = dprk("check")
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "warning: halt.tests: its id differs from 'Halt.Tests' in case alone: a reader (and "
        "'dprk import', which refuses such an id) does not tell them apart; rename one "
        "('dprk rename halt.tests NEW_ID') [ids-in-case]\n0 errors, 1 warning\n"
    )
    assert dprk("check", "--strict").code == 1
    assert dprk("rename", "halt.tests", "halt.tests-2").code == 0
    assert dprk("check").out == "ok: no problems found\n"


def test_a_measure_added_after_one_given_its_own_id_is_warned_of(dprk, empty):
    """'add-measure "Batch 5" --actor US --id h5', then the same without --id: the second
    was added silently (the id its title gives was free), though 'dprk check' then
    warned [measures-alike]. Every measure added with the title and actor of one on
    record is warned of, by the rule check asks, with the way back."""
    assert dprk("add-measure", "Batch 5", "--actor", "US", "--id", "h5").code == 0
    again = dprk("add-measure", "batch  5", "--actor", "US")
    assert (again.code, again.out) == (0, "batch-5\n")
    assert again.err == (
        "dprk: warning: batch-5: 'h5' has the same title and actor; if it is the same "
        "measure, 'dprk remove batch-5' takes this one back\n"
    )
    assert "[measures-alike]" in dprk("check").out
    kept = empty.read_bytes()
    assert dprk("remove", "batch-5").code == 0
    assert "measures-alike" not in dprk("check").out
    assert dprk("undo").code == 0
    assert empty.read_bytes() == kept
    other = dprk("add-measure", "Batch 5", "--actor", "DPRK")
    assert (other.code, other.err) == (0, "")


def test_the_way_back_of_a_measure_added_twice_is_taken_when_followed(dprk, empty):
    """'add-measure "Prisoner batch 5" --in-exchange-for h5' typed twice: the warning
    said 'dprk remove prisoner-batch-5-2' takes the second back, which was refused, h5
    referring to it. Referred to by another, 'dprk undo' is advised (the add is the last
    change); else the removal by its id, which holds after others' changes too. Each,
    followed, is taken on the first try."""
    assert dprk("add-measure", "Hostage batch 5", "--actor", "DPRK", "--id", "h5").code == 0
    assert dprk("add-measure", "Phase one", "--actor", "US", "--id", "phase").code == 0
    for args, twin in (
        (["--in-exchange-for", "h5"], "prisoner-batch-5"),
        (["--after", "h5"], "prisoner-batch-6"),
        (["--part-of", "phase"], "prisoner-batch-7"),
        ([], "prisoner-batch-8"),
    ):
        title = twin.replace("-", " ").capitalize()
        assert dprk("add-measure", title, "--actor", "US", *args).code == 0
        before = empty.read_bytes()
        again = dprk("add-measure", title, "--actor", "US", *args)
        assert (again.code, again.out) == (0, f"{twin}-2\n")
        way = "'dprk undo'" if twin == "prisoner-batch-5" else f"'dprk remove {twin}-2'"
        assert again.err == (
            f"dprk: warning: {twin}-2: '{twin}' has the same title and actor; if it is the "
            f"same measure, {way} takes this one back\n"
        ), args
        followed = dprk(*shlex.split(way.strip("'"))[1:])
        assert followed.code == 0, (args, followed.err)
        assert dprk("status", "--format", "ids").out.split().count(f"{twin}-2") == 0
        if twin == "prisoner-batch-5":
            assert empty.read_bytes() == before
    assert json.loads(dprk("check", "--format", "json").out)["errors"] == 0


def test_undo_names_a_finding_by_its_verifier_as_recorded(dprk, korea):
    """'verify ... --by rok' records ROK, but undo said 'undid: verify ... by rok', and so
    for a verifier on record in another spelling: its line named another than the file."""
    assert (
        dprk("verify", "punggye-ri-closure", "--by", "38 North", "--date", "2018-06-01").code == 0
    )
    for typed, recorded in (("rok", "ROK"), ("38  NORTH", '"38 North"')):
        assert dprk("verify", "punggye-ri-closure", "--by", typed, "--date", "2018-06-02").code == 0
        undone = dprk("undo")
        assert undone.code == 0
        assert undone.err.startswith(
            f"undid: verify punggye-ri-closure --by {recorded} --date 2018-06-02 (made "
        )


def test_a_measure_added_again_with_the_same_title_and_actor_is_warned_of(dprk, empty):
    """The guide's 'id=$(dprk add-measure "Submit a nuclear inventory" --actor DPRK)',
    typed after the tour had added that measure, quietly made a second one
    ('submit-a-nuclear-inventory-2'), counted twice from then on. It is added (two
    measures may share a title), with a warning and the way back; one of another actor
    is added without one. One given its own --id is warned of too, and so is one added
    after it: the rule is `dprk check`'s measures-alike, whatever the ids."""
    first = dprk("add-measure", "Submit a nuclear inventory", "--actor", "DPRK", "--date",
                 "2018-07-07")  # fmt: skip
    assert (first.code, first.out, first.err) == (0, "submit-a-nuclear-inventory\n", "")
    before = empty.read_bytes()
    again = dprk("add-measure", "Submit a  nuclear Inventory", "--actor", "DPRK")
    assert (again.code, again.out) == (0, "submit-a-nuclear-inventory-2\n")
    # (by its id: in a folder others write to, the last change may be another's)
    assert again.err == (
        "dprk: warning: submit-a-nuclear-inventory-2: 'submit-a-nuclear-inventory' has the "
        "same title and actor; if it is the same measure, 'dprk remove "
        "submit-a-nuclear-inventory-2' takes this one back\n"
    )
    assert dprk("note", "submit-a-nuclear-inventory", "a colleague's change").code == 0
    removed = dprk("remove", "submit-a-nuclear-inventory-2")
    assert removed.code == 0, removed.err
    ids = dprk("status", "--format", "ids").out.split()
    assert "submit-a-nuclear-inventory-2" not in ids and "submit-a-nuclear-inventory" in ids
    assert dprk("check").code == 0
    undone = [dprk("undo") for _ in range(3)]  # (the removal, the note, the second one)
    assert [u.code for u in undone] == [0, 0, 0]
    assert empty.read_bytes() == before
    # (undo names the one it takes back by the id it was given: two alike told apart)
    assert undone[2].err.startswith(
        'undid: add-measure "Submit a  nuclear Inventory" --actor DPRK --id '
        "submit-a-nuclear-inventory-2 (made "
    ), undone[2].err
    other = dprk("add-measure", "Submit a nuclear inventory", "--actor", "US")
    assert (other.code, other.out, other.err) == (0, "submit-a-nuclear-inventory-2\n", "")
    own = dprk("add-measure", "Submit a nuclear inventory", "--actor", "DPRK", "--id", "inv")
    assert (own.code, own.out, own.err) == (
        0,
        "inv\n",
        "dprk: warning: inv: 'submit-a-nuclear-inventory' has the same title and actor; if "
        "it is the same measure, 'dprk remove inv' takes this one back\n",
    )


@pytest.mark.parametrize(
    ("first", "again"),
    [
        ("ＣＬＯＳＥ the site", "close the site"),  # (full-width letters on record)
        ("Close the site", "ｃｌｏｓｅ  THE site"),
        ('Close the "site"', 'close the  "SITE"'),  # (a quote: written escaped)
        ("Close the\\ site", "close  the\\ SITE"),  # (a backslash: written escaped)
        (" Close the site ", "close the site"),
    ],
)
def test_a_measure_added_twice_is_warned_of_in_any_form_of_its_title(dprk, empty, first, again):
    """The warning asks first, of what the cache keeps, whether any title may read as
    the new one, without reading a title (a plain file is searched for its words in any
    case and spacing); every form the rule takes as one title is still found."""
    assert dprk("add-measure", first, "--actor", "DPRK", "--id", "one").code == 0
    assert dprk("status", "--format", "ids").out == "one\n"  # (the cache kept)
    result = dprk("add-measure", again, "--actor", "DPRK", "--id", "two")
    assert (result.code, result.out) == (0, "two\n")
    assert result.err.startswith("dprk: warning: two: 'one' has the same title and actor")
    other = dprk("add-measure", "Close the sites", "--actor", "DPRK", "--id", "three")
    assert (other.code, other.err) == (0, "")


def test_party_filter_by_a_former_name_names_the_party_it_is_now(dprk, tmp_path):
    """After 'rename-party USSR Russia', 'status --party USSR' said "did you mean US?",
    the other side ('--party ussr' suggested Russia, '--party U.S.S.R.' nothing), where
    '--actor USSR' named the party it is now. '--party' says what every party option
    says of a former name, in every report that takes it."""
    assert dprk("init", "--party", "US", "--party", "USSR").code == 0
    assert dprk("add-measure", "Eliminate SS-20s", "--actor", "USSR", "--id", "ss20",
                "--status", "implemented", "--date", "1991-05-12").code == 0  # fmt: skip
    assert dprk("rename-party", "USSR", "Russia", "--date", "1991-12-26").code == 0
    for command in ("status", "balance", "next", "timeline", "scorecard"):
        for typed in ("USSR", "ussr", "U.S.S.R."):
            result = dprk(command, "--party", typed)
            assert (result.code, result.out, result.err) == (
                1,
                "",
                f"dprk: error: --party: party '{typed}' was renamed Russia on 1991-12-26; "
                "give Russia\n",
            ), command
    # asked of a day after the rename, the old name is no party's that day either
    result = dprk("status", "--party", "USSR", "--as-of", "1992-06-01")
    assert result.err == (
        "dprk: error: --party: party 'USSR' was renamed Russia on 1991-12-26; give Russia\n"
    )
    # the advice, followed
    assert "ss20" in dprk("status", "--party", "Russia", "--format", "ids").out
    # a name that is no former name is refused as before
    result = dprk("status", "--party", "USA")
    assert result.code == 1 and "'USA' is not a declared party" in result.err


def test_a_former_name_on_a_day_the_party_had_it_names_the_party(dprk, tmp_path):
    """After 'rename-party USSR Russia --date 1991-12-26', a lecturer asking of 1990
    ('status --party USSR --as-of 1990-01-01') or recording a 1988 demand ('sequence
    --demanded-by USSR --date 1988-01-01') was refused: "give Russia", a name the party
    did not have that day. A name the party had on the day the option is given with is
    that party, as '--actor' so dated reads it; stored under the name it has now, the
    measure recording the rename. Without a day, or on a day after the rename, it is
    refused as before, the ledger unchanged."""
    ledger = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--title", "INF", "--party", "US", "--party", "USSR").code == 0
    assert dprk("add-measure", "USSR eliminates SS-20s", "--actor", "USSR", "--id", "ss20",
                "--status", "agreed", "--date", "1987-12-08").code == 0  # fmt: skip
    assert dprk("add-measure", "US eliminates Pershing II", "--actor", "US", "--id", "p2",
                "--status", "agreed", "--date", "1987-12-08",
                "--in-exchange-for", "ss20").code == 0  # fmt: skip
    assert dprk("rename-party", "USSR", "Russia", "--date", "1991-12-26").code == 0
    refused = "party 'USSR' was renamed Russia on 1991-12-26; give Russia\n"
    # reports asked of a day before the rename: the party then named so
    for command in ("status", "balance", "next", "timeline", "scorecard"):
        asked = dprk(command, "--party", "USSR", "--as-of", "1990-01-01")
        now = dprk(command, "--party", "Russia", "--as-of", "1990-01-01")
        assert (asked.code, asked.err) == (0, ""), command
        assert asked.out == now.out, command
        # (the view of that day names the party as it was named then)
        assert "Russia" not in asked.out, command
        later = dprk(command, "--party", "ussr", "--as-of", "1992-01-01")
        assert (later.code, later.out, later.err) == (
            1,
            "",
            "dprk: error: --party: " + refused.replace("'USSR'", "'ussr'"),
        ), command
    ids = dprk("status", "--party", "U.S.S.R.", "--as-of", "1990-01-01", "--format", "ids")
    assert (ids.code, ids.out) == (0, "ss20\n")
    # a write dated before the rename: the demanding party then named so
    before = ledger.read_bytes()
    for args in (
        ["sequence", "p2", "--after", "ss20", "--demanded-by", "USSR"],
        ["sequence", "p2", "--after", "ss20", "--demanded-by", "USSR", "--date", "1992-01-01"],
    ):
        result = dprk(*args)
        assert (result.code, result.out, result.err) == (
            1,
            "",
            "dprk: error: --demanded-by: " + refused,
        )
        assert ledger.read_bytes() == before
    result = dprk(
        "sequence", "p2", "--after", "ss20", "--demanded-by", "USSR", "--date", "1988-01-01"
    )
    assert (result.code, result.out, result.err) == (0, "", "p2: after ss20, demanded by Russia\n")
    p2 = measure(ledger, "p2")
    assert p2["constraints"] == [{"after": "ss20", "demanded_by": "Russia"}]
    renames = [h for h in p2["history"] if h["detail"] == "party USSR renamed Russia"]
    assert [h["date"].isoformat() for h in renames] == ["1991-12-26"]
    # a finding dated before the rename, by the party then named so
    assert dprk("mark", "p2", "implemented", "--date", "1991-05-06").code == 0
    before = ledger.read_bytes()
    result = dprk("verify", "p2", "--by", "USSR")
    assert (result.code, result.out, result.err) == (1, "", "dprk: error: --by: " + refused)
    assert ledger.read_bytes() == before
    result = dprk("verify", "p2", "--by", "USSR", "--date", "1991-05-06")
    assert (result.code, result.out) == (0, "")
    assert (
        result.err
        == "p2: confirmed by Russia (a party to the talks) on 1991-05-06; p2 is verified\n"
    )
    assert measure(ledger, "p2")["verifications"] == [
        {"by": "Russia", "result": "confirmed", "date": date(1991, 5, 6)}
    ]
    assert dprk("check").code == 0


def test_a_former_name_is_answered_with_the_day_of_each_rename(dprk, tmp_path):
    """After 'rename-party "North Korea" DPRK', '--actor "North Korea"' said it 'was
    renamed DPRK; give DPRK', not when: an analyst entering talks after the fact could not
    tell whether the old name was right on the day of an entry. The refusal gives the
    day of each rename as the ledger records it (its --date), in turn from the name typed."""
    ledger = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--party", "North Korea", "--party", "US").code == 0
    assert dprk("add-measure", "Freeze tests", "--actor", "North Korea", "--id", "freeze",
                "--date", "2018-04-20").code == 0  # fmt: skip

    def refused_old_name(said: str) -> None:
        """`--actor` and `--party` given the first name are refused, `said`; nothing written."""
        before = ledger.read_bytes()
        for args, option in (
            (["add-measure", "Return remains", "--actor", "North Korea"], "--actor"),
            (["status", "--party", "North Korea"], "--party"),
        ):
            result = dprk(*args)
            assert (result.code, result.out, result.err) == (
                1,
                "",
                f"dprk: error: {option}: party 'North Korea' was renamed {said}\n",
            )
            assert ledger.read_bytes() == before

    assert dprk("rename-party", "North Korea", "DPRK", "--date", "2018-06-12").code == 0
    refused_old_name("DPRK on 2018-06-12; give DPRK")
    # renamed again: each name in turn, with its day
    assert dprk("rename-party", "DPRK", "NK", "--date", "2019-02-28").code == 0
    refused_old_name("DPRK on 2018-06-12, then NK on 2019-02-28; give NK")
    before = ledger.read_bytes()
    result = dprk("status", "--party", "DPRK")
    assert (result.code, result.out, result.err) == (
        1,
        "",
        "dprk: error: --party: party 'DPRK' was renamed NK on 2019-02-28; give NK\n",
    )
    assert ledger.read_bytes() == before


def test_every_option_that_names_a_party_takes_it_as_by_takes_it(dprk, tmp_path):
    """Doha: `--by taliban` was the declared Taliban, but `--actor taliban` was refused
    ("did you mean Taliban?"), and so were `--demanded-by` and `--party` spelt so. A name
    is one party in any case, spacing or dots of an abbreviation (`add-party` refuses a
    second party so spelt), so every option takes it as the declared party, written as
    the ledger spells it; a name no party has is still refused, with the nearest."""
    at = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--party", "Kabul", "--party", "Taliban", "--party", "US").code == 0
    for args in (
        ["add-measure", "Taliban free prisoners", "--actor", "taliban", "--id", "b",
         "--status", "agreed", "--date", "2020-03-01"],
        ["add-measure", "Kabul frees prisoners", "--actor", "KABUL", "--id", "a", "--status",
         "agreed", "--date", "2020-03-01", "--in-exchange-for", "b"],
        ["add-measure", "Drawdown", "--actor", "U.S.", "--id", "c", "--date", "2020-03-01"],
        ["sequence", "a", "--after", "b", "--demanded-by", "kabul", "--date", "2020-03-20"],
        ["mark", "b", "implemented", "--date", "2020-04-05"],
        ["verify", "b", "--by", "us", "--date", "2020-04-06"],
        ["edit", "c", "--actor", "taliban"],
        ["add-measure", "Look-alike", "--actor", "\uff35S", "--id", "d", "--date",
         "2020-03-01"],
    ):  # fmt: skip
        result = dprk(*args)
        assert result.code == 0, (args, result.err)
    data = tomllib.loads(at.read_text(encoding="utf-8"))
    made = {m["id"]: m for m in data["measures"]}
    assert {i: m["actor"] for i, m in made.items()} == {
        "a": "Kabul",
        "b": "Taliban",
        "c": "Taliban",
        "d": "US",
    }
    assert made["a"]["constraints"][0]["demanded_by"] == "Kabul"
    assert made["b"]["verifications"][0]["by"] == "US"
    for command in (["status"], ["next"], ["balance"], ["scorecard"], ["timeline"]):
        spelt = dprk(*command, "--party", "taliban", "--format", "json")
        declared = dprk(*command, "--party", "Taliban", "--format", "json")
        assert spelt.code == 0, (command, spelt.err)
        assert spelt.out == declared.out, command
    before = at.read_bytes()
    refused = dprk("add-measure", "X", "--actor", "Talib")
    assert refused.code == 1
    assert refused.err == (
        "dprk: error: --actor: 'Talib' is not a declared party (declared: Kabul, Taliban, US); "
        "did you mean Taliban? add it with 'dprk add-party Talib' if it is a new side\n"
    )
    assert at.read_bytes() == before
    assert dprk("check").out == "ok: no problems found\n"


def test_parties_equally_near_a_typo_are_all_named_in_the_order_declared(dprk, tmp_path):
    """With P5+1 and P5+2 declared, '--actor P5' and '--actor P5+3' were told "did you
    mean P5+2?", though P5+1 is as near: each party as near as the nearest is named, in
    the order the parties are declared; a name nearer one still names that one."""
    at = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--party", "P5+2", "--party", "P5+1").code == 0
    assert dprk("add-measure", "Talk", "--actor", "P5+2", "--id", "talk",
                "--status", "implemented", "--date", "2015-07-14").code == 0  # fmt: skip
    before = at.read_bytes()
    declared = "(declared: P5+2, P5+1)"
    for args, typed, meant in (
        (["add-measure", "X", "--actor", "P5"], "P5", "P5+2 or P5+1"),
        (["add-measure", "X", "--actor", "P5+3"], "P5+3", "P5+2 or P5+1"),
        (["status", "--party", "p5"], "p5", "P5+2 or P5+1"),
        (["verify", "talk", "--by", "P5+3", "--date", "2015-07-15"], "P5+3", "P5+2 or P5+1"),
        (["add-measure", "X", "--actor", "P5+1x"], "P5+1x", "P5+1"),
    ):
        result = dprk(*args)
        assert result.code == 1 and result.out == "", args
        said = f"'{typed}' is not a declared party {declared}; did you mean {meant}?"
        assert said in result.err and result.err.count("\n") == 1, result.err
        assert at.read_bytes() == before
    # (the advice, followed: either is a declared party)
    for meant in ("P5+2", "P5+1"):
        assert dprk("add-measure", "X", "--actor", meant, "--id", f"x{meant[-1]}").code == 0
    assert dprk("check").out == "ok: no problems found\n"


def test_a_name_near_a_party_s_is_also_advised_to_be_added_where_add_party_takes_it(dprk, tmp_path):
    """'--actor P5' beside P5+1 and P5+2 was told "did you mean P5+1 or P5+2?", but not
    how to declare it, as '--actor Iran' is, though 'dprk add-party P5' takes it: both
    are said, where add-party takes the name; where it refuses it, no such advice."""
    at = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--party", "P5+1", "--party", "P5+2").code == 0
    before = at.read_bytes()
    for typed, meant in (("P5", "P5+1 or P5+2"), ("P5+1x", "P5+1")):
        result = dprk("add-measure", "Talks", "--actor", typed, "--id", "talks")
        assert (result.code, result.out, result.err) == (
            1,
            "",
            f"dprk: error: --actor: '{typed}' is not a declared party (declared: P5+1, "
            f"P5+2); did you mean {meant}? add it with 'dprk add-party {typed}' if it is a "
            "new side\n",
        )
        assert at.read_bytes() == before
    # (a name add-party refuses: no advice to add it; nor a typo of P5+1, four letters
    # more than its three: a short name is near one a letter longer or shorter at most)
    result = dprk("add-measure", "Talks", "--actor", "P5+1 (was: a)", "--id", "talks")
    assert (result.code, result.err) == (
        1,
        "dprk: error: --actor: 'P5+1 (was: a)' is not a declared party (declared: P5+1, P5+2)\n",
    )
    assert dprk("add-party", "P5+1 (was: a)").code == 1
    assert at.read_bytes() == before
    # the advice, followed
    assert dprk("add-party", "P5").code == 0
    assert dprk("add-measure", "Talks", "--actor", "P5", "--id", "talks").code == 0
    assert 'actor = "P5"' in at.read_text(encoding="utf-8")
    assert dprk("check").out == "ok: no problems found\n"


def test_a_typo_of_a_party_in_another_case_is_pointed_to_the_party(dprk, tmp_path):
    """'--actor FARC-PE' was told "did you mean FARC-EP?", but '--actor farc-pe' was
    told to declare it ('add it with dprk add-party farc-pe'), which made a second party
    of one side; so were 'dpkr' for DPRK in '--actor', '--demanded-by' and '--party'.
    How near a name is to a party is measured as names are matched: in any case."""
    at = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--party", "Colombia", "--party", "FARC-EP", "--party", "DPRK").code == 0
    assert dprk("add-measure", "Hand over weapons", "--actor", "FARC-EP", "--id", "arms",
                "--date", "2016-11-24").code == 0  # fmt: skip
    assert dprk("add-measure", "Amnesty", "--actor", "Colombia", "--id", "amnesty",
                "--date", "2016-11-24").code == 0  # fmt: skip
    before = at.read_bytes()
    declared = "(declared: Colombia, FARC-EP, DPRK)"
    for args, option, typed, meant in (
        (["add-measure", "X", "--actor", "farc-pe"], "--actor", "farc-pe", "FARC-EP"),
        (["add-measure", "X", "--actor", "dpkr"], "--actor", "dpkr", "DPRK"),
        (["edit", "arms", "--actor", "Farc-Pe"], "--actor", "Farc-Pe", "FARC-EP"),
        (["sequence", "amnesty", "--after", "arms", "--demanded-by", "farc-pe"],
         "--demanded-by", "farc-pe", "FARC-EP"),
        (["sequence", "amnesty", "--after", "arms", "--demanded-by", "dpkr"],
         "--demanded-by", "dpkr", "DPRK"),
        (["status", "--party", "dpkr"], "--party", "dpkr", "DPRK"),
        (["balance", "--party", "farc-pe"], "--party", "farc-pe", "FARC-EP"),
    ):  # fmt: skip
        # (the party meant first; a new side so named, where one may be, is said too)
        adding = f" add it with 'dprk add-party {typed}' if it is a new side"
        result = dprk(*args)
        assert (result.code, result.out, result.err) == (
            1,
            "",
            f"dprk: error: {option}: '{typed}' is not a declared party {declared}; "
            f"did you mean {meant}?{adding if option != '--party' else ''}\n",
        ), args
        assert at.read_bytes() == before
    # a name near none is still a new side to declare, as before
    result = dprk("add-measure", "X", "--actor", "ELN")
    assert result.err.endswith("add it with 'dprk add-party ELN' if it is a new side\n")


def test_a_party_named_with_other_spaces_or_hyphens_is_that_party(dprk, tmp_path):
    """'verify arms --by "FARC EP"' of a FARC-EP measure was taken as an independent
    verifier's finding ("confirmed by FARC EP; arms is verified"), and in the example
    '--by "D P R K"' and '--by D-PRK' confirmed a DPRK measure, where '--by dprk' was
    refused as the DPRK's own word: spaces and hyphens inside a name were not what
    every party option ignores. A name is one party however spaced or hyphenated, in
    every option: the own word is refused, and '--actor "FARC EP"' is FARC-EP."""
    at = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--party", "Colombia", "--party", "FARC-EP").code == 0
    assert dprk("add-measure", "Hand over weapons", "--actor", "FARC-EP", "--id", "arms",
                "--status", "agreed", "--date", "2016-11-24").code == 0  # fmt: skip
    assert dprk("mark", "arms", "implemented", "--date", "2017-06-27").code == 0
    before = at.read_bytes()
    for typed in ("FARC EP", "farc ep", "FARCEP", "FARC - EP", "FARC\u2011EP"):
        result = dprk("verify", "arms", "--by", typed, "--date", "2017-06-28")
        assert (result.code, result.out, result.err) == (
            1,
            "",
            "dprk: error: 'FARC-EP' is the actor of 'arms' on 2017-06-28: a party's own word "
            "is not verification, which needs an independent verifier; record its claim "
            "with 'dprk note arms TEXT --date 2017-06-28'\n",
        ), typed
        assert at.read_bytes() == before
    # every other option takes it as that party, as the ledger spells it
    assert dprk("add-measure", "Amnesty", "--actor", "Colombia", "--id", "amnesty",
                "--date", "2016-11-24").code == 0  # fmt: skip
    assert dprk("add-measure", "Zones", "--actor", "FARC EP", "--id", "zones").code == 0
    assert dprk("sequence", "amnesty", "--after", "arms", "--demanded-by", "Farc Ep",
                "--date", "2016-12-01").code == 0  # fmt: skip
    data = tomllib.loads(at.read_text(encoding="utf-8"))
    made = {m["id"]: m for m in data["measures"]}
    assert made["zones"]["actor"] == "FARC-EP"
    assert made["amnesty"]["constraints"][0]["demanded_by"] == "FARC-EP"
    ids = dprk("status", "--party", "FARC EP", "--format", "ids")
    assert (ids.code, ids.out) == (0, "arms\nzones\n")
    assert data["parties"] == ["Colombia", "FARC-EP"]
    assert dprk("check").out == "ok: no problems found\n"


@pytest.mark.parametrize("typed", ["D P R K", "D-PRK", "d-p-r-k"])
def test_the_dprk_spaced_or_hyphenated_is_refused_as_its_own_verifier(dprk, korea, typed):
    """In the bundled example, '--by "D P R K"' and '--by D-PRK' each confirmed a DPRK
    measure, while '--by dprk' was refused as the DPRK's own word."""
    before = korea.read_bytes()
    result = dprk("verify", "punggye-ri-closure", "--by", typed, "--date", "2018-06-01")
    assert (result.code, result.out) == (1, "")
    assert result.err.startswith(
        "dprk: error: 'DPRK' is the actor of 'punggye-ri-closure' on 2018-06-01: a party's "
        "own word is not verification"
    )
    assert korea.read_bytes() == before


def test_a_verifier_near_a_party_s_name_is_refused_as_a_typo_of_it(dprk, tmp_path):
    """'verify arms --by FRAC-EP' on a FARC-EP measure was recorded as an independent
    verifier's finding, where '--actor FRAC-EP' was refused ("did you mean FARC-EP?").
    A '--by' name that is no party but near one is refused as every party option
    refuses it, naming the nearest; a verifier that is no party, with a name near a
    party's, is recorded with --new-verifier, as the refusal advises, and is then on
    record: named again, it is taken without it."""
    at = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--party", "Colombia", "--party", "FARC-EP").code == 0
    for ident in ("arms", "camps"):
        assert dprk("add-measure", ident.title(), "--actor", "FARC-EP", "--id", ident,
                    "--status", "implemented", "--date", "2017-06-27").code == 0  # fmt: skip
    before = at.read_bytes()
    for typed in ("FRAC-EP", "frac ep", "Colombai"):
        result = dprk("verify", "arms", "--by", typed, "--date", "2017-06-29")
        meant = "Colombia" if typed == "Colombai" else "FARC-EP"
        assert (result.code, result.out, result.err) == (
            1,
            "",
            f"dprk: error: --by: '{typed}' is not a declared party (declared: Colombia, "
            f"FARC-EP); did you mean {meant}? If '{typed}' is a verifier new to the ledger "
            "and no party, add --new-verifier\n",
        ), typed
        assert at.read_bytes() == before
    # the advice, followed
    result = dprk("verify", "arms", "--by", "FRAC-EP", "--date", "2017-06-29", "--new-verifier")
    assert (result.code, result.err) == (
        0,
        "arms: confirmed by FRAC-EP on 2017-06-29; arms is verified\n",
    )
    # on record, it is that verifier, on any measure, without saying so again
    result = dprk("verify", "camps", "--by", "frac-ep", "--date", "2017-06-30")
    assert (result.code, result.err) == (
        0,
        "camps: confirmed by FRAC-EP on 2017-06-30; camps is verified\n",
    )
    # a name near no party is a verifier as before (UN is not near US: one letter of two)
    assert dprk("add-party", "US").code == 0
    for by in ("UN", "UN Mission", "IAEA"):
        assert dprk("verify", "arms", "--by", by, "--date", "2017-07-01").code == 0, by
    # --new-verifier does not make a party's name another's
    before = at.read_bytes()
    result = dprk("verify", "arms", "--by", "colombia", "--date", "2017-07-02", "--new-verifier")
    assert (result.code, result.out, result.err) == (
        1,
        "",
        "dprk: error: --new-verifier: 'colombia' is the declared party Colombia, no new "
        "verifier; leave --new-verifier out to record its finding\n",
    )
    assert at.read_bytes() == before
    assert dprk("verify", "arms", "--by", "colombia", "--date", "2017-07-02").code == 0
    assert dprk("check").out == "ok: no problems found\n"


def test_a_verifier_near_one_on_record_is_refused_as_a_typo_of_it(dprk, tmp_path):
    """Dayton: with IFOR's findings on record, 'verify n --by IFRO' was recorded as a
    second verifier's, where a name near a party's is refused ("did you mean ...?"). A
    name near a verifier on record (on the measure or another), that is no party nor that
    verifier in another case or spacing, is refused the same way, with the same way out:
    --new-verifier (SFOR, which took over from IFOR, is a verifier of its own), after
    which it is on record."""
    at = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--party", "Federation", "--party", "Republika Srpska").code == 0
    for ident, actor in (("m", "Federation"), ("n", "Republika Srpska"), ("o", "Federation")):
        assert dprk("add-measure", ident.upper(), "--actor", actor, "--id", ident,
                    "--status", "implemented", "--date", "1996-01-20").code == 0  # fmt: skip
    assert dprk("verify", "m", "--by", "IFOR", "--date", "1996-01-25").code == 0
    before = at.read_bytes()
    for ident, typed in (("m", "IFRO"), ("n", "IFRO"), ("n", "i.f.r.o")):
        result = dprk("verify", ident, "--by", typed, "--date", "1996-01-26")
        assert (result.code, result.out, result.err) == (
            1,
            "",
            f"dprk: error: --by: '{typed}' is not a verifier on record, nor a declared party; "
            f"did you mean IFOR, a verifier on record? If '{typed}' is a verifier new to the "
            "ledger and no party, add --new-verifier\n",
        ), (ident, typed)
        assert at.read_bytes() == before
    # the verifier on record, in another case or spacing, is that one, as before
    result = dprk("verify", "n", "--by", "i.f.o.r", "--date", "1996-01-26")
    assert (result.code, result.err) == (0, "n: confirmed by IFOR on 1996-01-26; n is verified\n")
    # the advice followed: a verifier new to the ledger, said so, is recorded
    result = dprk("verify", "o", "--by", "SFOR", "--date", "1996-12-21")
    assert result.code == 1 and "did you mean IFOR, a verifier on record?" in result.err
    result = dprk("verify", "o", "--by", "SFOR", "--date", "1996-12-21", "--new-verifier")
    assert (result.code, result.err) == (0, "o: confirmed by SFOR on 1996-12-21; o is verified\n")
    # and is then on record: named again, on any measure, it is taken without saying so
    result = dprk("verify", "m", "--by", "sfor", "--date", "1996-12-22")
    assert result.code == 0, result.err
    # a name only a little alike is not near (UNPROFOR, IPTF beside IFOR and SFOR)
    for by in ("UNPROFOR", "IPTF"):
        assert dprk("verify", "n", "--by", by, "--date", "1996-01-27").code == 0, by
    # one the file writes with a quote in it (escaped, where it is kept) is named as it is
    assert dprk("verify", "n", "--by", 'OHR "Sarajevo"', "--date", "1996-01-28").code == 0
    result = dprk("verify", "m", "--by", 'OHR "Sarajveo"', "--date", "1996-01-28")
    assert 'did you mean OHR "Sarajevo", a verifier on record?' in result.err
    assert dprk("check").out == "ok: no problems found\n"


def test_a_verifier_s_typo_names_the_nearest_of_parties_and_verifiers_on_record(dprk, tmp_path):
    """Dayton: with IFOR's findings on record and FRY declared, 'verify w --by IFR' asked
    "did you mean FRY?", where IFR is one edit from IFOR and two from FRY. Parties and
    verifiers on record are ranked together: the nearest is named, and the hint followed
    records what was meant; both are named where equally near; the import asks the same."""
    at = tmp_path / "dprk-ledger.toml"
    assert dprk("init", "--party", "Federation", "--party", "FRY").code == 0
    assert dprk("add-measure", "Withdraw behind the ZOS", "--actor", "Federation", "--id",
                "w", "--status", "implemented", "--date", "1996-01-19").code == 0  # fmt: skip
    assert dprk("verify", "w", "--by", "IFOR", "--date", "1996-01-20").code == 0
    before = at.read_bytes()
    result = dprk("verify", "w", "--by", "IFR", "--date", "1996-01-21")
    assert (result.code, result.out, result.err) == (
        1,
        "",
        "dprk: error: --by: 'IFR' is not a verifier on record, nor a declared party; did you "
        "mean IFOR, a verifier on record? If 'IFR' is a verifier new to the ledger and no "
        "party, add --new-verifier\n",
    )
    assert at.read_bytes() == before
    # a name nearer the party is still its typo
    result = dprk("verify", "w", "--by", "FRX", "--date", "1996-01-21")
    assert (result.code, at.read_bytes()) == (1, before)
    assert "did you mean FRY? If 'FRX'" in result.err
    # the hint followed records the finding by the verifier meant
    result = dprk("verify", "w", "--by", "IFOR", "--date", "1996-01-21")
    assert (result.code, result.out, result.err) == (
        0,
        "",
        "w: recorded confirmed by IFOR on 1996-01-21; w stays verified (since 1996-01-20)\n",
    )
    assert [v["by"] for v in json.loads(dprk("show", "w", "--format", "json").out)[
        "verifications"]] == ["IFOR", "IFOR"]  # fmt: skip
    # as near a party as a verifier on record: both are named
    assert dprk("add-party", "ABCD").code == 0
    assert dprk("verify", "w", "--by", "ABCE", "--date", "1996-01-22",
                "--new-verifier").code == 0  # fmt: skip
    before = at.read_bytes()
    result = dprk("verify", "w", "--by", "ABCX", "--date", "1996-01-23")
    assert (result.code, result.out, result.err, at.read_bytes()) == (
        1,
        "",
        "dprk: error: --by: 'ABCX' is not a declared party (declared: Federation, FRY, ABCD), "
        "nor a verifier on record; did you mean ABCD, a declared party, or ABCE, a verifier "
        "on record? If 'ABCX' is a verifier new to the ledger and no party, add "
        "--new-verifier\n",
        before,
    )
    # an import's finding is judged alike
    (tmp_path / "v.json").write_text(json.dumps([{
        "id": "z", "title": "Z", "actor": "Federation", "status": "implemented",
        "date": "1996-01-19",
        "verifications": [{"by": "IFR", "result": "confirmed", "date": "1996-01-21"}],
    }]), encoding="utf-8")  # fmt: skip
    result = dprk("import", "v.json")
    assert (result.code, result.out, at.read_bytes()) == (1, "", before)
    assert "its finding by 'IFR' is not a verifier on record, nor a declared party; did you " \
        "mean IFOR, a verifier on record?" in result.err  # fmt: skip
    assert dprk("check").out == "ok: no problems found\n"


def test_a_typo_of_the_dprk_is_refused_as_a_verifier(dprk, korea):
    """In the bundled example, '--by DPKR' confirmed a DPRK measure."""
    before = korea.read_bytes()
    result = dprk("verify", "punggye-ri-closure", "--by", "DPKR", "--date", "2018-06-01")
    assert (result.code, result.out, result.err) == (
        1,
        "",
        "dprk: error: --by: 'DPKR' is not a declared party (declared: DPRK, ROK, US); did you "
        "mean DPRK? If 'DPKR' is a verifier new to the ledger and no party, add "
        "--new-verifier\n",
    )
    assert korea.read_bytes() == before


def test_a_typo_of_the_actor_s_former_name_is_refused_as_a_verifier(dprk, tmp_path):
    """After 'rename-party FARC-EP Comunes', 'verify arms --by FRAC-EP' (refused before
    the rename as a typo of FARC-EP) was recorded as an independent verifier's finding on
    the party's own measure, and 'check' said ok: a typo of a name the measure's actor
    had is near no declared party. It is refused, naming the former name and the actor."""
    at = tmp_path / "dprk-ledger.toml"
    for args in (
        ("init", "--party", "Colombia", "--party", "FARC-EP"),
        ("add-measure", "Hand over weapons", "--actor", "FARC-EP", "--id", "arms",
         "--status", "agreed", "--date", "2016-11-24"),
        ("mark", "arms", "implemented", "--date", "2017-06-27"),
        ("rename-party", "FARC-EP", "Comunes", "--date", "2021-01-24"),
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    before = at.read_bytes()
    for typed in ("FRAC-EP", "FARC-PE"):
        result = dprk("verify", "arms", "--by", typed, "--date", "2021-02-01")
        assert (result.code, result.out, result.err) == (
            1,
            "",
            f"dprk: error: --by: '{typed}' is not a declared party, and is near FARC-EP, the "
            "name Comunes had before a rename: did you mean Comunes, the measure's own actor, "
            f"whose word is not verification? If '{typed}' is a verifier new to the ledger and "
            "no party, add --new-verifier\n",
        ), typed
        assert at.read_bytes() == before
    assert dprk("check").code == 0
    assert json.loads(dprk("show", "arms", "--format", "json").out)["status"] == "implemented"
    # a measure made after the rename records none: the other measures' records tell
    made = ("add-measure", "Seats", "--actor", "Comunes", "--id", "seats", "--status",
            "implemented", "--date", "2022-03-13")  # fmt: skip
    assert dprk(*made).code == 0
    before = at.read_bytes()
    result = dprk("verify", "seats", "--by", "FRAC-EP", "--date", "2022-04-01")
    assert result.code == 1 and "near FARC-EP, the name Comunes had before" in result.err
    assert at.read_bytes() == before


def test_a_party_written_with_other_punctuation_or_accents_is_that_party(dprk, tmp_path):
    """'Côte d’Ivoire' (a curly apostrophe) and 'Cote d'Ivoire' (no accent) each verified a
    measure of the declared Côte d'Ivoire, with --new-verifier, as did 'FARC_EP', 'FARC/EP'
    and 'FARC·EP' one of FARC-EP: a party is known by its letters and digits, whatever the
    signs and accents between them, so each is the party's own word, and a second party
    so named is refused."""
    at = tmp_path / "dprk-ledger.toml"
    for args in (
        ("init", "--party", "Côte d'Ivoire", "--party", "FARC-EP", "--party", "UN"),
        ("add-measure", "Disarm", "--actor", "Côte d'Ivoire", "--id", "ci",
         "--status", "implemented", "--date", "2007-03-04"),
        ("add-measure", "Hand over weapons", "--actor", "FARC-EP", "--id", "arms",
         "--status", "implemented", "--date", "2017-06-27"),
    ):  # fmt: skip
        assert dprk(*args).code == 0, args
    before = at.read_bytes()
    for ident, typed, actor in (
        ("ci", "Côte d’Ivoire", "Côte d'Ivoire"),
        ("ci", "Cote d'Ivoire", "Côte d'Ivoire"),
        ("arms", "FARC_EP", "FARC-EP"),
        ("arms", "FARC/EP", "FARC-EP"),
        ("arms", "FARC·EP", "FARC-EP"),
    ):
        for new in ((), ("--new-verifier",)):
            result = dprk("verify", ident, "--by", typed, "--date", "2017-07-01", *new)
            assert result.code == 1 and result.out == "", (typed, new)
            assert result.err.count("\n") == 1 and actor in result.err, result.err
            assert at.read_bytes() == before
    result = dprk("add-party", "Cote d’Ivoire")
    assert (result.code, result.err) == (
        1,
        "dprk: error: party 'Côte d'Ivoire' is already declared (the names differ only in "
        "other punctuation and accents); rename it with 'dprk rename-party \"Côte d'Ivoire\" "
        '"Cote d’Ivoire"\' if that is what you mean\n',
    )
    assert at.read_bytes() == before
    assert dprk("verify", "ci", "--by", "UN", "--date", "2007-03-05").code == 0


def test_a_status_set_by_hand_has_no_since_in_the_table_or_the_json(dprk, empty):
    """A status set by hand against the history: no entry says when it began, so its
    "since" is empty (`status_date` null), not the day the history's own status began
    (here the reversal's, which read as if it had been implemented since 2006)."""
    dprk("add-measure", "Open road", "--actor", "DPRK", "--id", "road", "--status", "agreed",
         "--date", "2002-02-22")  # fmt: skip
    dprk("mark", "road", "implemented", "--date", "2002-04-08")
    assert dprk("mark", "road", "reversed", "--date", "2006-08-11").code == 0
    text = empty.read_text()
    empty.write_text(text.replace('\nstatus = "reversed"\n', '\nstatus = "implemented"\n', 1))
    edited = empty.read_bytes()
    table = dprk("status")
    assert table.code == 0 and "a status its history does not give" in table.err
    row = next(line for line in table.lines if line.startswith("road "))
    assert "implemented" in row and "2006" not in row and "2002" not in row
    record = json.loads(dprk("show", "road", "--format", "json").out)
    assert (record["status"], record["status_date"]) == ("implemented", None)
    listed = json.loads(dprk("status", "--format", "json").out)["measures"]
    assert [(r["status"], r["status_date"]) for r in listed] == [("implemented", None)]
    assert empty.read_bytes() == edited  # (a read writes nothing)
    # (the history's own status, --as-of, keeps the day it began)
    then = json.loads(dprk("status", "--format", "json", "--as-of", "2026-12-01").out)
    assert [(r["status"], r["status_date"]) for r in then["measures"]] == [
        ("reversed", "2006-08-11")
    ]


def test_the_warning_of_statuses_set_by_hand_names_the_measures(dprk, empty):
    """Every read warns of a status set by hand against the history, naming the measures
    (the first three, the others counted), so that no `check` is needed to find them."""
    for ident in ("road", "rail"):
        dprk("add-measure", ident, "--actor", "DPRK", "--id", ident, "--date", "2002-02-22")
        assert dprk("mark", ident, "agreed", "--date", "2002-03-01").code == 0
    text = empty.read_text()
    hand = ('\nstatus = "agreed"\n\n[[', '\nstatus = "implemented"\n\n[[')  # (not an entry's)
    empty.write_text(text.replace(*hand))
    edited = empty.read_bytes()
    for args in (["status"], ["plan"], ["show", "road"]):
        result = dprk(*args)
        assert result.code == 0
        assert result.err == (
            "dprk: warning: dprk-ledger.toml: measures 'rail' and 'road' have a status its "
            "history does not give (a hand edit?): a report gives that status for today, and "
            "the history's with --as-of; 'dprk check' lists them\n"
        )
    assert empty.read_bytes() == edited  # (a read writes nothing)
