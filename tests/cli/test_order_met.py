"""Whether an order is met is one rule (`sequencing.order_met`), through the real entry
point: for every kind of order (to act, to be verified, by a named verifier, in full),
what `next`, `plan` and `status --ready` say can go ahead and what `check` says acted out
of order agree; a measure made of parts verified by a named verifier through its parts
meets an order naming that verifier; a part reversed is for its actor to carry out
again, where an order waits for its whole done in full; and `next` names the verifier a
finding is asked of."""

from __future__ import annotations

import json

import pytest

# (A's measure P, or the measure W made of A's parts p1 and p2; B's F and G both to follow
# it, as the order asks; F carried out on 1 June, after everything P or W's parts did)
AFTER = "2020-01-02"
ACTED = "2020-06-01"


def _ledger(dprk, parts: bool) -> None:
    assert dprk("init", "--title", "T", "--party", "A", "--party", "B").code == 0
    made = [("Whole", "--id", "W")] if parts else [("Prior", "--id", "P")]
    if parts:
        made += [
            ("Part 1", "--id", "p1", "--part-of", "W"),
            ("Part 2", "--id", "p2", "--part-of", "W"),
        ]
    for args in made:
        assert dprk("add-measure", *args, "--actor", "A", "--date", "2020-01-01").code == 0
    for ident in ("F", "G"):
        added = dprk("add-measure", ident, "--id", ident, "--actor", "B", "--date", "2020-01-01")
        assert added.code == 0, added.err


def _run(dprk, *args: str) -> None:
    result = dprk(*args)
    assert result.code == 0, (args, result.err)


# (the order's options, what the measure it names did, and whether that meets it)
CASES = [
    ("acted", (), [("mark", "P", "agreed", "--date", "2020-02-01")], False),
    (
        "acted",
        (),
        [("mark", "P", "implemented", "--extent", "minimal", "--date", "2020-02-01")],
        True,
    ),
    (
        "verified",
        ("--require", "verified"),
        [("mark", "P", "implemented", "--date", "2020-02-01")],
        False,
    ),
    (
        "verified",
        ("--require", "verified"),
        [
            ("mark", "P", "implemented", "--date", "2020-02-01"),
            ("verify", "P", "--by", "38 North", "--new-verifier", "--date", "2020-03-01"),
        ],
        True,
    ),
    (
        "verified-by",
        ("--require", "verified", "--verified-by", "IAEA"),
        [
            ("mark", "P", "implemented", "--date", "2020-02-01"),
            ("verify", "P", "--by", "38 North", "--new-verifier", "--date", "2020-03-01"),
        ],
        False,
    ),
    (
        "verified-by",
        ("--require", "verified", "--verified-by", "IAEA"),
        [
            ("mark", "P", "implemented", "--date", "2020-02-01"),
            ("verify", "P", "--by", "IAEA", "--new-verifier", "--date", "2020-03-01"),
        ],
        True,
    ),
    (
        "verified-by-parts",
        ("--require", "verified", "--verified-by", "IAEA"),
        [
            ("mark", "p1", "implemented", "--date", "2020-02-01"),
            ("mark", "p2", "implemented", "--date", "2020-02-01"),
            ("verify", "p1", "--by", "IAEA", "--new-verifier", "--date", "2020-03-01"),
            ("verify", "p2", "--by", "38 North", "--new-verifier", "--date", "2020-03-01"),
        ],
        False,
    ),
    (
        "verified-by-parts",
        ("--require", "verified", "--verified-by", "IAEA"),
        [
            ("mark", "p1", "implemented", "--date", "2020-02-01"),
            ("mark", "p2", "implemented", "--date", "2020-02-01"),
            ("verify", "p1", "--by", "IAEA", "--new-verifier", "--date", "2020-03-01"),
            ("verify", "p2", "--by", "IAEA", "--date", "2020-03-01"),
        ],
        True,
    ),
    (
        "full",
        ("--require", "full"),
        [
            ("mark", "P", "implemented", "--extent", "minimal", "--date", "2020-02-01"),
            ("verify", "P", "--by", "IAEA", "--new-verifier", "--date", "2020-03-01"),
        ],
        False,
    ),
    ("full", ("--require", "full"), [("mark", "P", "implemented", "--date", "2020-02-01")], True),
    (
        "full-parts",
        ("--require", "full"),
        [
            ("mark", "p1", "implemented", "--date", "2020-02-01"),
            ("mark", "p2", "implemented", "--extent", "intermediate", "--date", "2020-02-01"),
        ],
        False,
    ),
]


@pytest.mark.parametrize(
    ("kind", "options", "steps", "met"),
    CASES,
    ids=[f"{kind}-{'met' if met else 'unmet'}" for kind, _, _, met in CASES],
)
def test_next_plan_status_and_check_agree(dprk, tmp_path, kind, options, steps, met):
    """G, pending, can go ahead in `next`, `plan` and `status --ready` exactly when F,
    which acted after everything the measure both follow did, is not said by `check` to
    have acted out of order."""
    parts = kind.endswith("parts")
    _ledger(dprk, parts)
    first = "W" if parts else "P"
    for ident in ("F", "G"):
        _run(dprk, "sequence", ident, "--after", first, *options, "--date", AFTER)
    for step in steps:
        _run(dprk, *step)
    _run(dprk, "mark", "F", "implemented", "--date", ACTED)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()

    ready = dprk("status", "--ready", "--format", "ids")
    assert ready.code == 0, ready.err
    following = json.loads(dprk("next", "--format", "json").out)
    plan = json.loads(dprk("plan", "--format", "json").out)
    phase_1 = plan["phases"][0]["measures"] if plan["phases"] else []
    checked = json.loads(dprk("check", "--format", "json").out)
    out_of_order = [p["measure"] for p in checked["problems"] if p["check"] == "acted-out-of-order"]

    assert ("G" in ready.out.split()) is met
    assert ("G" in [r["id"] for r in following["ready"]]) is met
    assert ("G" in phase_1) is met
    assert ("F" in out_of_order) is (not met), checked["problems"]
    assert ledger.read_bytes() == before


def test_a_part_reversed_is_to_be_carried_out_again_for_an_order_in_full(dprk, tmp_path):
    """W made of p1 and p2, A's; p1 carried out, p2 carried out and reversed: an order for
    W done in full is met once p2 is carried out again, so `next` and `plan` list p2 for A
    to do, and X after it, where X was said unmeetable ("not through its parts")."""
    _ledger(dprk, parts=True)
    _run(dprk, "add-measure", "X", "--id", "X", "--actor", "B", "--date", "2020-01-01")
    _run(dprk, "mark", "p1", "implemented", "--date", "2020-02-01")
    _run(dprk, "mark", "p2", "implemented", "--date", "2020-02-01")
    _run(dprk, "mark", "p2", "reversed", "--date", "2020-03-01")
    _run(dprk, "sequence", "X", "--after", "W", "--require", "full", "--date", AFTER)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()

    plan = dprk("plan")
    assert plan.code == 0, plan.err
    assert "    1  act   p2  A      again: reversed on 2020-03-01  Part 2" in plan.out, plan.out
    assert "    2  act   X   B                                     X" in plan.out, plan.out
    assert "not through its parts" not in plan.out
    phases = json.loads(dprk("plan", "--format", "json").out)["phases"]
    assert [p["measures"] for p in phases] == [["F", "G", "p2"], ["X"]]
    steps = json.loads(dprk("next", "--format", "json", "--party", "A").out)
    assert [r["id"] for r in steps["ready"]] == ["p2"]
    table = dprk("next").out
    assert "not through its parts" not in table
    assert "X   B      W (in full)" in table, table
    assert ledger.read_bytes() == before

    _run(dprk, "mark", "p2", "implemented", "--date", "2020-04-01")
    assert "X" in dprk("status", "--ready", "--format", "ids").out.split()
    phases = json.loads(dprk("plan", "--format", "json").out)["phases"]
    assert [p["measures"] for p in phases] == [["F", "G", "X"]]


def test_a_part_withdrawn_still_keeps_an_order_in_full_unmeetable(dprk, tmp_path):
    """A part withdrawn can never act: the order for its whole in full stays unmeetable."""
    _ledger(dprk, parts=True)
    _run(dprk, "add-measure", "X", "--id", "X", "--actor", "B", "--date", "2020-01-01")
    _run(dprk, "mark", "p1", "implemented", "--date", "2020-02-01")
    _run(dprk, "mark", "p2", "withdrawn", "--date", "2020-03-01")
    _run(dprk, "sequence", "X", "--after", "W", "--require", "full", "--date", AFTER)
    assert "X   B      W (in full; not through its parts)" in dprk("plan").out


def test_next_names_the_verifier_a_finding_is_asked_of(dprk, tmp_path):
    """F waits for W verified by IAEA, through its parts: each part's finding is asked of
    IAEA (p1's too, which 38 North confirmed), in `next`'s table (as the plan's verify
    step says it) and its JSON (`verify_by`, last)."""
    _ledger(dprk, parts=True)
    _run(dprk, "sequence", "F", "--after", "W", "--require", "verified",
         "--verified-by", "IAEA", "--date", AFTER)  # fmt: skip
    _run(dprk, "mark", "p1", "implemented", "--date", "2020-02-01")
    _run(dprk, "mark", "p2", "implemented", "--date", "2020-02-01")
    _run(dprk, "verify", "p1", "--by", "38 North", "--new-verifier", "--date", "2020-03-01")
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()

    table = dprk("next")
    assert table.code == 0, table.err
    assert "p1 (by IAEA)  A      F (also waits for p2 to be verified)" in table.out, table.out
    assert "p2 (by IAEA)  A      F (also waits for p1 to be verified)" in table.out
    assert "'dprk verify ID --by VERIFIER' records it." in table.out
    verify = json.loads(dprk("next", "--format", "json").out)["verify"]
    assert [(v["id"], list(v)[-1], v["verify_by"]) for v in verify] == [
        ("p1", "verify_by", ["IAEA"]),
        ("p2", "verify_by", ["IAEA"]),
    ]
    plan = dprk("plan").out
    assert "1  verify  p1 (by IAEA)" in plan and "1  verify  p2 (by IAEA)" in plan, plan

    assert ledger.read_bytes() == before
