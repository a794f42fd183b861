"""Text typed in one Unicode form and on record in the other: Hangul or an accent typed
on macOS arrives decomposed (NFD: a syllable as two or three code points), text pasted
from a web page composed (NFC). The two look the same; dprk takes them as the same."""

from __future__ import annotations

import json
import unicodedata

import pytest


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.fixture
def korean(dprk, tmp_path):
    """Parties declared as pasted from the web (composed), one measure of each."""
    assert dprk("init", "--party", "북한", "--party", "미국").code == 0
    for args in (
        ["풍계리 폐쇄", "--actor", "북한", "--id", "pg", "--category", "비핵화"],
        ["종전 선언", "--actor", "미국", "--id", "eow", "--category", "외교"],
    ):
        done = dprk("add-measure", *args, "--status", "implemented", "--date", "2018-05-24")
        assert done.code == 0, done.err
    return tmp_path / "dprk-ledger.toml"


def test_a_party_typed_decomposed_is_the_party_on_record(dprk, korean):
    """'--actor 북한' typed on macOS was refused: "'북한' is not a declared party ...; did
    you mean 북한?", a suggestion the same on screen as what was typed. In every command
    that names a party, it is the declared one, and is written as the ledger spells it."""
    added = dprk("add-measure", "동창리 폐기", "--actor", nfd("북한"), "--id", "dc")
    assert added.code == 0, added.err
    assert dprk("edit", "eow", "--actor", nfd("북한")).code == 0
    assert dprk("sequence", "dc", "--after", "eow", "--demanded-by", nfd("미국")).code == 0
    text = korean.read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text), "a name is written as the ledger spells it"
    for command in ("status", "balance", "timeline", "log", "scorecard", "next", "export"):
        result = dprk(command, "--party", nfd("북한"), "--format", "json")
        assert result.code == 0, (command, result.err)
        assert "북한" in result.out, command
    ids = dprk("status", "--party", nfd("북한"), "--format", "ids")
    assert ids.out.split() == ["dc", "eow", "pg"]
    renamed = dprk("rename-party", nfd("미국"), "US")
    assert renamed.code == 0 and renamed.err.startswith("renamed party 미국 to US"), renamed.err
    assert list(json.loads(dprk("status", "--format", "json").out)["parties"]) == ["북한", "US"]
    assert dprk("check").code == 0


def test_a_party_declared_decomposed_is_written_composed(dprk, korean):
    """A name typed on macOS is declared in the one form the ledger writes: the same
    party, typed later either way."""
    added = dprk("add-party", nfd("한국"))
    assert (added.code, added.err) == (0, "added party 한국\n")
    assert '"한국"' in korean.read_text(encoding="utf-8")
    for typed in ("한국", nfd("한국")):
        assert dprk("add-measure", "판문점 선언", "--actor", typed).code == 0
    again = dprk("add-party", "한국")
    assert again.code == 1 and "already declared" in again.err


def test_a_search_and_a_category_find_text_in_either_form(dprk, korean):
    """`--search 풍계리` typed decomposed found nothing; `--category 비핵화` missed a
    measure whose category was typed decomposed; the scorecard by category had two rows
    that looked alike."""
    assert dprk("add-measure", "동창리 폐기", "--actor", "북한", "--id", "dc", "--category",
                nfd("비핵화"), "--status", "implemented").code == 0  # fmt: skip
    before = korean.read_bytes()
    assert dprk("status", "--search", nfd("풍계리"), "--format", "ids").out == "pg\n"
    assert dprk("status", "--category", "비핵화", "--format", "ids").out.split() == ["dc", "pg"]
    card = json.loads(dprk("scorecard", "--by", "category", "--format", "json").out)
    assert [(g["name"], g["measures"]) for g in card["groups"]] == [("비핵화", 2), ("외교", 1)]
    assert korean.read_bytes() == before


def test_a_search_finds_text_with_or_without_its_accents(dprk, korean):
    """`--search fein` did not find 'Sinn Féin', the way most people type it; nor 'Féin'
    a source spelt 'Fein'. A search takes a letter with or without the marks over or
    under it, typed in either form; a Hangul syllable stays whole (its parts are no
    accents: '폐' does not find '페')."""
    assert dprk("add-party", "Sinn Féin").code == 0
    for args in (
        ["Sinn Féin backs policing", "--actor", "Sinn Féin", "--id", "sf"],
        ["Policing board seats", "--actor", "Sinn Féin", "--id", "pb",
         "--source", "Irish Times: Sinn Fein to join the board"],
        ["화해 페스티벌", "--actor", "미국", "--id", "fest"],
    ):  # fmt: skip
        assert dprk("add-measure", *args, "--date", "2007-01-28").code == 0, args
    before = korean.read_bytes()
    for typed, found in (
        ("fein", ["pb", "sf"]),
        ("FÉIN", ["pb", "sf"]),
        (nfd("Féin backs"), ["sf"]),
        ("폐", ["pg"]),
        ("페", ["fest"]),
    ):
        said = dprk("status", "--search", typed, "--format", "ids")
        assert (said.code, said.out.split()) == (0, found), typed
        logged = json.loads(dprk("log", "--search", typed, "--format", "json").out)
        assert sorted({e["id"] for e in logged}) == found, typed
    assert korean.read_bytes() == before


def test_a_search_reads_letters_plain_as_an_id_is_made_of_them(dprk, empty):
    """`--search lodz` found nothing of 'Łódź talks' (only through its id, made plain),
    `--search łodz` found it (ó taken plain, ł not), `--search strom` missed
    'Strømfjord', and `--search "d'ivoire"` missed 'Côte d’Ivoire', where a party's
    name takes a curly apostrophe as a straight one. A search reads a letter as an id
    is made of it, and a quote straight."""
    for title, ident in (
        ("Łódź talks, second round", "t1"),
        ("Søndre Strømfjord handover", "t2"),
        ("Embassy in Côte d\u2019Ivoire", "t3"),
        ("Straße closure", "t4"),
    ):
        added = dprk("add-measure", title, "--actor", "US", "--id", ident, "--date", "2020-01-01")
        assert added.code == 0, added.err
    before = empty.read_bytes()
    for typed, found in (
        ("lodz", ["t1"]),
        ("ŁODZ", ["t1"]),
        ("łódź", ["t1"]),
        ("strom", ["t2"]),
        ("sondre strømfjord", ["t2"]),
        ("d'ivoire", ["t3"]),
        ("D\u2019IVOIRE", ["t3"]),
        ("strasse", ["t4"]),
    ):
        said = dprk("status", "--search", typed, "--format", "ids")
        assert (said.code, said.out.split(), said.err) == (0, found, ""), typed
        logged = json.loads(dprk("log", "--search", typed, "--format", "json").out)
        assert sorted({e["id"] for e in logged}) == found, typed
    assert empty.read_bytes() == before


def test_a_table_with_decomposed_hangul_stays_aligned_in_a_pipe(dprk, korean):
    """A verifier typed on macOS ('국제원자력기구', 7 syllables as 17 code points) was
    measured as 24 columns where a terminal shows 14: the columns after it began 10
    columns early in plain (piped) output."""
    assert dprk("verify", "pg", "--by", nfd("국제원자력기구"), "--date", "2018-06-01").code == 0
    lines = dprk("status").lines
    header = next(i for i, line in enumerate(lines) if line.startswith("id "))
    table = lines[header : header + 3]
    starts = {_column_of(line, "2018-") for line in table[1:]}
    assert len(starts) == 1, table  # the 'since' column starts at one column in every row


def _column_of(line: str, text: str) -> int:
    """The terminal column `text` starts at in `line` (wide characters count two)."""
    from rich.cells import cell_len

    return cell_len(line[: line.index(text)])


def test_an_import_names_the_parties_as_the_ledger_spells_them(dprk, korean, tmp_path):
    """A file written on macOS (names decomposed): its actor was taken, its demanding
    party refused as undeclared. Both are the declared parties, written as the ledger
    spells them."""
    record = {"id": "b", "title": "B", "actor": nfd("북한"),
              "constraints": [{"after": "pg", "demanded_by": nfd("미국")}]}  # fmt: skip
    (tmp_path / "b.json").write_text(json.dumps({"measures": [record]}), encoding="utf-8")
    result = dprk("import", str(tmp_path / "b.json"))
    assert result.code == 0, result.err
    text = korean.read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text)
    shown = json.loads(dprk("show", "b", "--format", "json").out)
    assert (shown["actor"], shown["constraints"][0]["demanded_by"]) == ("북한", "미국")
    assert dprk("check").code == 0


def test_an_id_made_from_a_title_writes_latin_letters_with_a_stroke_plain(dprk, empty):
    """Accents were taken off ('Nẵng' -> 'nang'), but a letter with a stroke or a
    ligature was dropped: 'Straße closure' gave 'strae-closure', 'Łódź meeting'
    'odz-meeting', and a title of such letters alone an id of the actor and the date."""
    for title, ident in (
        ("Đà Nẵng summit", "da-nang-summit"),
        ("Straße closure", "strasse-closure"),
        ("Łódź meeting", "lodz-meeting"),
        ("Øresund talks", "oresund-talks"),
        ("Þingvellir", "thingvellir"),
        ("İstanbul ıslak", "istanbul-islak"),
        ("Æbeltoft", "aebeltoft"),
        ("Əliyev visit", "aliyev-visit"),
        ("Ƶabrze ɨtem", "zabrze-item"),
        ("Ꜳrhus talks", "aarhus-talks"),
        ("Ɛ ɔ ƒ", "e-o-f"),
    ):
        added = dprk("add-measure", title, "--actor", "US", "--date", "2020-01-01")
        assert (added.code, added.out) == (0, f"{ident}\n"), added.err


def test_an_id_made_from_a_title_parts_words_at_a_dash_or_an_arrow(dprk, empty):
    """'Kravchuk–Yeltsin summit' gave 'kravchukyeltsin-summit' and 'HEU→LEU swap'
    'heuleu-swap', where a space, '/', "'" or '.' parts two words: a dash of any kind
    (en, em, minus, Unicode's dash punctuation), an arrow or another symbol does too.
    An invisible character (a zero-width space, a soft hyphen) still parts none."""
    for title, ident in (
        ("Kravchuk\u2013Yeltsin summit", "kravchuk-yeltsin-summit"),
        ("Trilateral 1994\u20131996", "trilateral-1994-1996"),
        ("HEU\u2192LEU swap", "heu-leu-swap"),
        ("Kim\u2014Moon meeting", "kim-moon-meeting"),
        ("Tariffs \u2212 10 percent", "tariffs-10-percent"),
        ("North\u2010South\u2e3aline\u301ctalks", "north-south-line-talks"),
        ("US\u21d4DPRK \u2022 ROK\u00a7Japan", "us-dprk-rok-japan"),
        ("Moon\u2019s visit", "moon-s-visit"),
        ("Denucle\u00adarize Yong\u200bbyon", "denuclearize-yongbyon"),
    ):
        added = dprk("add-measure", title, "--actor", "US", "--date", "2020-01-01")
        assert (added.code, added.out) == (0, f"{ident}\n"), (title, added.err)


def test_a_category_is_known_as_it_looks(dprk, empty):
    """'Diplomatic', 'ＤＩＰＬＯＭＡＴＩＣ' (full-width) and 'Diplomat' with a zero-width
    space inside were three categories in the scorecard, and `--category diplomatic`
    found one measure of the three, where a party's name is known as it looks."""
    for n, name in enumerate(("Diplomatic", "ＤＩＰＬＯＭＡＴＩＣ", "Diplomat\u200bic")):
        added = dprk("add-measure", f"Step {n}", "--actor", "US", "--id", f"s{n}",
                     "--category", name, "--status", "agreed", "--date", "2020-01-01")  # fmt: skip
        assert added.code == 0, added.err
    found = dprk("status", "--category", "diplomatic", "--format", "ids")
    assert found.out == "s0\ns1\ns2\n"
    card = json.loads(dprk("scorecard", "--by", "category", "--format", "json").out)
    assert [(r["name"], r["measures"]) for r in card["groups"]] == [("Diplomatic", 3)]


@pytest.mark.parametrize("decomposed", ["parties", "actor"])
def test_check_says_how_two_spellings_of_a_party_that_look_the_same_differ(
    dprk, korean, decomposed
):
    """A party's name saved decomposed by an editor, in the parties list or in one
    measure's actor: `check` said "correct the actor to '미국'", a name that looked the
    same as the one it named wrong. It says how the two differ, and which is decomposed."""
    text = korean.read_text(encoding="utf-8")
    if decomposed == "parties":
        text = text.replace('"미국",', f'"{nfd("미국")}",', 1)
    else:
        text = text.replace('actor = "미국"', f'actor = "{nfd("미국")}"', 1)
    korean.write_text(text, encoding="utf-8")
    before = korean.read_bytes()
    checked = dprk("check")
    which = "the parties list's" if decomposed == "parties" else "the actor's"
    listed = nfd("미국") if decomposed == "parties" else "미국"
    assert checked.code == 1
    assert (
        f"correct the actor to '{listed}' as the parties list has it: the two are the same letters "
        f"stored in two Unicode forms ({which} decomposed, as some editors save them); "
        "retype one of them in the file [undeclared-parties]"
    ) in checked.out, checked.out
    assert korean.read_bytes() == before


def test_a_category_of_a_mark_alone_written_by_hand_is_no_category(dprk, empty):
    """A category written by hand as a lone combining accent was a category of its own
    in the scorecard (an accent over an empty cell), which `--category` could not ask
    for: the command line refuses it as blank. It counts as none, as one of spaces."""
    for ident, extra in (("a", ["--category", "diplomatic"]), ("b", [])):
        assert dprk("add-measure", ident, "--actor", "US", "--id", ident, *extra,
                    "--status", "agreed", "--date", "2018-01-01").code == 0  # fmt: skip
    text = empty.read_text(encoding="utf-8")
    empty.write_text(text.replace('category = "diplomatic"', 'category = "\\u0301"'), "utf-8")
    card = json.loads(dprk("scorecard", "--by", "category", "--format", "json").out)
    assert [(g["name"], g["measures"]) for g in card["groups"]] == [("", 2)]
