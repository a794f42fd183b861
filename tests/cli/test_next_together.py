"""`next` says which measures that can go ahead are to be carried out together
(`sequence A --with B`), as `plan` does, where it listed them as any others: in the
table a note on the row, in JSON (and JSON lines) each ready record's `together_with`
(last), in CSV a last column; drawn anew, served from what was kept, of a past day, with
`--assume` and for one party alike. The report's phased plan names them too."""

import csv
import io
import json

from .test_plan_together import _inf


def _ready(result):
    assert (result.code, result.err) == (0, ""), result.err
    return {r["id"]: r for r in json.loads(result.out)["ready"]}


def test_next_says_which_measures_go_together(dprk, tmp_path):
    _inf(dprk)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    for _ in range(2):  # (found, then read back from what was kept)
        ready = _ready(dprk("next", "--format", "json"))
        assert [list(r)[-4:-2] for r in ready.values()] == [["together_with", "reversed_on"]] * 3
        assert {i: r["together_with"] for i, r in ready.items()} == {
            "glcm": [],
            "p2": ["ss20"],
            "ss20": ["p2"],
        }
    table = dprk("next").out.splitlines()
    assert table[:5] == [
        "Can go ahead now",
        "id    actor  title                      note",
        "glcm  US     US eliminates GLCM",
        "p2    US     US eliminates Pershing II  together with ss20",
        "ss20  USSR   USSR eliminates SS-20      together with p2",
    ]
    lines = [json.loads(line) for line in dprk("next", "--format", "jsonl").out.splitlines()]
    assert [(r["id"], list(r)[-4], r["together_with"]) for r in lines if r["state"] == "ready"] == [
        ("glcm", "together_with", []),
        ("p2", "together_with", ["ss20"]),
        ("ss20", "together_with", ["p2"]),
    ]
    rows = list(csv.DictReader(io.StringIO(dprk("next", "--format", "csv").out)))
    assert list(rows[0])[-4:-2] == ["together_with", "reversed_on"]
    assert [(r["id"], r["together_with"]) for r in rows] == [
        ("glcm", ""),
        ("p2", "ss20"),
        ("ss20", "p2"),
        ("insp", ""),
    ]
    # one party's rows name the other's measure all the same
    theirs = _ready(dprk("next", "--party", "USSR", "--format", "json"))
    assert {i: r["together_with"] for i, r in theirs.items()} == {"ss20": ["p2"]}
    then = _ready(dprk("next", "--as-of", "1987-12-31", "--format", "json"))
    assert then["p2"]["together_with"] == ["ss20"]
    assumed = _ready(dprk("next", "--assume", "glcm=implemented", "--format", "json"))
    assert {i: r["together_with"] for i, r in assumed.items()} == {
        "insp": [],
        "p2": ["ss20"],
        "ss20": ["p2"],
    }
    page = tmp_path / "talks.html"
    assert dprk("report", "--output", str(page)).code == 0
    html = page.read_text()
    assert '<span class="id">p2</span> <small>US</small> <small>together with ss20</small>' in html
    assert '<span class="id">glcm</span> <small>US</small></span>' in html
    assert ledger.read_bytes() == before


def test_next_with_no_group_has_no_note(dprk):
    _inf(dprk)
    assert dprk("sequence", "p2", "--remove", "ss20").code == 0
    table = dprk("next").out.splitlines()
    assert table[1].split() == ["id", "actor", "title"]
    ready = _ready(dprk("next", "--format", "json"))
    assert [r["together_with"] for r in ready.values()] == [[], [], []]


def _escrow(dprk) -> None:
    """Algiers: the escrow paid in stages, the hostages' release to go with the rest."""
    for args in (
        ("init", "--party", "US", "--party", "Iran"),
        ("add-measure", "Release", "--actor", "Iran", "--id", "release", "--status", "agreed",
         "--date", "1981-01-18"),
        ("add-measure", "Escrow", "--actor", "US", "--id", "escrow", "--status", "agreed",
         "--date", "1981-01-18", "--in-exchange-for", "release"),
        ("sequence", "release", "--with", "escrow", "--date", "1981-01-18"),
        ("mark", "escrow", "implemented", "--extent", "intermediate", "--date", "1981-01-19"),
    ):  # fmt: skip
        assert dprk(*args).code == 0, args


def test_the_rest_of_one_done_in_part_goes_with_its_partner(dprk, tmp_path):
    """escrow paid in part, release together with it: `next` and `plan` listed the rest
    of escrow and release apart (together_with empty, "together": []), while `show`
    and `check` held the pair. The rest joins the group: listed together in next, the
    plan's phase, its table, of a past day and with --assume alike."""
    _escrow(dprk)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    for _ in range(2):  # (drawn, then read back from what was kept)
        ready = _ready(dprk("next", "--format", "json"))
        assert {i: r["together_with"] for i, r in ready.items()} == {
            "escrow": ["release"],
            "release": ["escrow"],
        }
        plan = dprk("plan", "--format", "json")
        assert plan.code == 0, plan.err
        assert json.loads(plan.out)["phases"] == [
            {"phase": 1, "measures": ["release"], "verify": [], "verify_by": {},
             "rest": [{"id": "escrow", "extent": "intermediate"}],
             "together": [["escrow", "release"]], "again": [], "deadlines": {},
             "overdue": []}
        ]  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(dprk("next", "--as-of", "1981-01-19",
                                                "--format", "csv").out)))  # fmt: skip
    assert [(r["id"], r["together_with"]) for r in rows] == [
        ("escrow", "release"),
        ("release", "escrow"),
    ]
    table = dprk("plan", "--as-of", "1981-01-19").out.splitlines()
    assert table[1:4] == [
        "phase  step  id       actor  left                           together with  title",
        "    1  act   escrow   US     the rest (done: intermediate)  release        Escrow",
        "    1  act   release  Iran                                  escrow         Release",
    ]
    for assumed in (["--assume", "escrow=implemented:minimal"], ["--assume", "release=agreed"]):
        plan = dprk("plan", *assumed, "--format", "json")
        assert plan.code == 0, plan.err
        assert json.loads(plan.out)["phases"][0]["together"] == [["escrow", "release"]]
    assert ledger.read_bytes() == before


def test_a_rest_its_own_order_holds_goes_in_its_own_phase_apart(dprk):
    """The rest of escrow held by an order of its own (after gold) is not listed with
    release, ready now; gold assumed done, the two go together again."""
    _escrow(dprk)
    assert dprk("add-measure", "Gold", "--actor", "Iran", "--id", "gold", "--status", "agreed",
                "--date", "1981-01-18").code == 0  # fmt: skip
    assert dprk("sequence", "escrow", "--after", "gold", "--date", "1981-01-18").code == 0
    ready = _ready(dprk("next", "--format", "json"))
    assert {i: r["together_with"] for i, r in ready.items()} == {"gold": [], "release": []}
    phases = json.loads(dprk("plan", "--format", "json").out)["phases"]
    assert [(p["phase"], p["measures"], p["rest"], p["together"]) for p in phases] == [
        (1, ["gold", "release"], [], []),
        (2, [], [{"id": "escrow", "extent": "intermediate"}], []),
    ]
    assumed = json.loads(dprk("plan", "--assume", "gold=implemented", "--format", "json").out)
    assert [p["together"] for p in assumed["phases"]] == [[["escrow", "release"]]]
