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
        assert [list(r)[-2:] for r in ready.values()] == [["together_with", "reversed_on"]] * 3
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
    assert [(r["id"], list(r)[-2], r["together_with"]) for r in lines if r["state"] == "ready"] == [
        ("glcm", "together_with", []),
        ("p2", "together_with", ["ss20"]),
        ("ss20", "together_with", ["p2"]),
    ]
    rows = list(csv.DictReader(io.StringIO(dprk("next", "--format", "csv").out)))
    assert list(rows[0])[-2:] == ["together_with", "reversed_on"]
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
