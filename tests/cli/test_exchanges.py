"""Who moved first: the day each measure first acted (`acted_on`), and `dprk exchanges`,
which side of each exchange acted first and how many days the other took."""

from __future__ import annotations

import csv
import io
import json
import shutil

from dprk_cli.clock import today

# A hostage deal: escrow paid in stages, the release the day the last stage was paid; a
# suspension answered weeks later; a measure made of parts; one reversed; one not done.
STEPS = (
    ["add-measure", "Escrow", "--actor", "US", "--id", "escrow", "--status", "agreed",
     "--date", "2021-01-01"],
    ["add-measure", "Release", "--actor", "DPRK", "--id", "release", "--status", "agreed",
     "--date", "2021-01-01", "--in-exchange-for", "escrow"],
    ["mark", "escrow", "implemented", "--extent", "minimal", "--date", "2021-01-19"],
    ["mark", "escrow", "implemented", "--date", "2021-01-20"],
    ["mark", "release", "implemented", "--date", "2021-01-20"],
    ["verify", "escrow", "--by", "IAEA", "--date", "2021-01-25"],
    ["add-measure", "Drills", "--actor", "US", "--id", "drills", "--status", "agreed",
     "--date", "2021-01-01"],
    ["add-measure", "Tests", "--actor", "DPRK", "--id", "tests", "--status", "agreed",
     "--date", "2021-01-01", "--in-exchange-for", "drills"],
    ["mark", "drills", "implemented", "--date", "2021-02-01"],
    ["mark", "drills", "reversed", "--date", "2021-04-01"],
    ["mark", "tests", "implemented", "--date", "2021-03-08"],
    ["add-measure", "Whole", "--actor", "ROK", "--id", "whole", "--date", "2021-01-01"],
    ["add-measure", "One", "--actor", "ROK", "--id", "one", "--part-of", "whole",
     "--status", "agreed", "--date", "2021-01-01"],
    ["add-measure", "Two", "--actor", "ROK", "--id", "two", "--part-of", "whole",
     "--status", "agreed", "--date", "2021-01-01"],
    ["mark", "two", "implemented", "--date", "2021-02-20"],  # (the later part first)
    ["mark", "one", "implemented", "--date", "2021-02-10"],
    ["add-measure", "Aid", "--actor", "US", "--id", "aid", "--status", "agreed",
     "--date", "2021-01-01", "--in-exchange-for", "whole"],
    ["add-measure", "Talks", "--actor", "US", "--id", "talks", "--status", "agreed",
     "--date", "2021-01-01"],
    ["add-measure", "Visit", "--actor", "DPRK", "--id", "visit", "--status", "agreed",
     "--date", "2021-01-01", "--in-exchange-for", "talks"],
    ["add-measure", "Swap A", "--actor", "US", "--id", "swap-a", "--status", "agreed",
     "--date", "2021-01-01"],
    ["add-measure", "Swap B", "--actor", "DPRK", "--id", "swap-b", "--status", "agreed",
     "--date", "2021-01-01", "--in-exchange-for", "swap-a"],
    ["mark", "swap-b", "implemented", "--date", "2021-05-05"],
    ["mark", "swap-a", "implemented", "--date", "2021-05-05"],
    ["link", "release", "talks", "--date", "2021-01-02"],  # (exchanged for two)
)  # fmt: skip


def _ledger(dprk, empty):
    for args in STEPS:
        result = dprk(*args)
        assert result.code == 0, (args, result.err)
    return empty


def test_acted_on_is_the_day_a_measure_first_acted_on_the_day_viewed(dprk, empty):
    """`acted_on`, after every other key of `status`'s and `show`'s JSON but
    `verification`, the last column of
    their CSV and JSON lines (and a row of `show`'s table): the day a measure first acted,
    in full or in part; for one made of parts, its first part's action; a reversed one
    keeps it; null before it acted. The JSON records end with `verification` after it, in
    the words of the CSV."""
    ledger = _ledger(dprk, empty)
    before = ledger.read_bytes()
    expected = {
        None: {
            "escrow": "2021-01-19",  # (in part first; status_date is its finding's day)
            "release": "2021-01-20",
            "drills": "2021-02-01",  # (reversed since)
            "whole": "2021-02-10",  # (its first part's action)
            "one": "2021-02-10",
            "two": "2021-02-20",
            "aid": None,
        },
        "2021-01-18": {"escrow": None, "whole": None},
        "2021-01-19": {"escrow": "2021-01-19", "release": None},
        "2021-02-15": {"whole": "2021-02-10", "two": None, "drills": "2021-02-01"},
    }
    for day, acted in expected.items():
        as_of = ["--as-of", day] if day else []
        doc = dprk("status", *as_of, "--format", "json")
        assert (doc.code, doc.err) == (0, "")
        records = json.loads(doc.out)["measures"]
        assert {m["id"]: m["acted_on"] for m in records if m["id"] in acted} == acted, day
        assert all(list(m)[-4:] == ["overdue", "deadlocked", "acted_on", "verification"]
                   for m in records)  # fmt: skip
        shown = json.loads(dprk("show", *acted, *as_of, "--format", "json").out)
        assert {m["id"]: m["acted_on"] for m in shown} == acted, day
        assert all(list(m)[-3:] == ["derived_history", "acted_on", "verification"]
                   for m in shown)  # fmt: skip
        flat = dprk("status", *as_of, "--format", "csv").out
        header = flat.splitlines()[0].split(",")
        assert header[-4:] == ["verification", "late", "days_late", "acted_on"]
        rows = {r["id"]: r for r in csv.DictReader(io.StringIO(flat))}
        assert {i: rows[i]["acted_on"] or None for i in acted} == acted, day
        # (the JSON's verification is the CSV's, word for word)
        assert {m["id"]: m["verification"] for m in records} == {
            i: r["verification"] for i, r in rows.items()
        }
        lines = dprk("status", *as_of, "--format", "jsonl").out.splitlines()
        assert all(list(json.loads(line))[-1] == "acted_on" for line in lines)
    escrow = json.loads(dprk("show", "escrow", "--format", "json").out)
    assert (escrow["status"], escrow["status_date"], escrow["acted_on"]) == (
        "verified",
        "2021-01-25",
        "2021-01-19",
    )
    table = dprk("show", "escrow").out
    assert any(line.split() == ["acted", "on", "2021-01-19"] for line in table.splitlines())
    assert any(line.split() == ["acted", "on", "-"] for line in dprk("show", "aid").lines)
    # read anew (no cache), a measure made of parts is dated as its parts give it
    shutil.rmtree(ledger.parent / ".dprk")
    shown = json.loads(dprk("show", "whole", "--format", "json").out)
    assert shown["acted_on"] == "2021-02-10"
    # as if: the day assumed, for one that had not acted; a reversal keeps the first day
    doc = json.loads(dprk("status", "--assume", "aid=implemented", "--assume",
                          "escrow=reversed", "--format", "json").out)  # fmt: skip
    assumed = {m["id"]: m["acted_on"] for m in doc["measures"]}
    assert (assumed["aid"], assumed["escrow"]) == (today().isoformat(), "2021-01-19")
    assert ledger.read_bytes() == before


COLUMNS = [
    "measure",
    "actor",
    "acted_on",
    "counterpart",
    "counterpart_actor",
    "counterpart_acted_on",
    "first",
    "lag_days",
    "state",
    "status",
    "counterpart_status",
    "full_on",
    "counterpart_full_on",
]
# Each exchange as of today: the one that acted first, in the order of that day.
# (escrow: done in full the day after its first stage; drills: reversed since, so not in
# full; whole: in full the day its second part acted)
ROWS = [
    ["escrow", "US", "2021-01-19", "release", "DPRK", "2021-01-20", "US", 1, "both acted",
     "verified", "implemented", "2021-01-20", "2021-01-20"],
    ["release", "DPRK", "2021-01-20", "talks", "US", None, "DPRK", None, "one acted",
     "implemented", "agreed", "2021-01-20", None],
    ["drills", "US", "2021-02-01", "tests", "DPRK", "2021-03-08", "US", 35, "both acted",
     "reversed", "implemented", None, "2021-03-08"],
    ["whole", "ROK", "2021-02-10", "aid", "US", None, "ROK", None, "one acted",
     "implemented", "agreed", "2021-02-20", None],
    ["swap-a", "US", "2021-05-05", "swap-b", "DPRK", "2021-05-05", "together", 0, "both acted",
     "implemented", "implemented", "2021-05-05", "2021-05-05"],
    ["talks", "US", None, "visit", "DPRK", None, None, None, "neither", "agreed", "agreed",
     None, None],
]  # fmt: skip


def _json(dprk, *args):
    result = dprk("exchanges", *args, "--format", "json")
    assert (result.code, result.err) == (0, ""), result.err
    return json.loads(result.out)


def test_exchanges_say_who_moved_first_and_how_long_the_other_took(dprk, empty):
    """Both acted: who first, and the lag (a measure reversed since keeps its day); the
    same day: together; one acted; neither; a measure exchanged for two, a row each;
    ordered by the first act's day; as of a past day; of one party's exchanges."""
    ledger = _ledger(dprk, empty)
    before = ledger.read_bytes()
    doc = _json(dprk)
    assert list(doc) == ["as_of", "exchanges"]
    assert doc["as_of"] == today().isoformat()
    assert [list(r) for r in doc["exchanges"]] == [COLUMNS] * len(ROWS)
    assert [list(r.values()) for r in doc["exchanges"]] == ROWS
    # as of a past day: what had acted by then
    then = _json(dprk, "--as-of", "2021-02-15")
    assert then["as_of"] == "2021-02-15"
    assert [list(r.values()) for r in then["exchanges"]] == [
        ROWS[0],
        ROWS[1],
        ["drills", "US", "2021-02-01", "tests", "DPRK", None, "US", None, "one acted",
         "implemented", "agreed", "2021-02-01", None],  # (not reversed yet)
        # (implemented by its one part that had acted: not yet in full)
        ["whole", "ROK", "2021-02-10", "aid", "US", None, "ROK", None, "one acted",
         "implemented", "agreed", None, None],
        ["swap-a", "US", None, "swap-b", "DPRK", None, None, None, "neither", "agreed",
         "agreed", None, None],
        ROWS[5],
    ]  # fmt: skip
    # (before any link was made: the one made on 2021-01-02 not yet)
    early = _json(dprk, "--as-of", "2021-01-01")["exchanges"]
    assert ("release", "talks") not in {(r["measure"], r["counterpart"]) for r in early}
    # one party's exchanges: those it is in, on either side
    rok = _json(dprk, "--party", "ROK")["exchanges"]
    assert [list(r.values()) for r in rok] == [ROWS[3]]
    table = dprk("exchanges", "--party", "ROK", "--party", "US")
    assert table.code == 0, table.err
    assert table.lines[0] == f"Exchanges on {today().isoformat()}"
    assert table.lines[1].split() == [
        "measure", "actor", "acted", "on", "counterpart", "counterpart", "actor",
        "counterpart", "acted", "on", "first", "lag", "(days)", "state", "status",
        "counterpart", "status", "in", "full", "on", "counterpart", "in", "full", "on",
    ]  # fmt: skip
    assert table.lines[2].split() == [
        "escrow", "US", "2021-01-19", "release", "DPRK", "2021-01-20", "US", "1", "both",
        "acted", "verified", "implemented", "2021-01-20", "2021-01-20",
    ]  # fmt: skip
    assert len(table.lines) == 2 + len(ROWS)
    assert ledger.read_bytes() == before


def test_exchanges_in_every_format(dprk, empty):
    """Each format's header or keys; `--format ids`, both measures of each, once."""
    ledger = _ledger(dprk, empty)
    before = ledger.read_bytes()
    for fmt, sep in (("csv", ","), ("tsv", "\t")):
        result = dprk("exchanges", "--format", fmt)
        assert result.code == 0, result.err
        rows = list(csv.reader(io.StringIO(result.out), delimiter=sep))
        assert rows[0] == COLUMNS
        assert rows[3] == ["drills", "US", "2021-02-01", "tests", "DPRK", "2021-03-08", "US",
                           "35", "both acted", "reversed", "implemented", "",
                           "2021-03-08"]  # fmt: skip
        assert rows[6] == ["talks", "US", "", "visit", "DPRK", "", "", "", "neither", "agreed",
                           "agreed", "", ""]  # fmt: skip
    lines = dprk("exchanges", "--format", "jsonl").lines
    assert [list(json.loads(line).values()) for line in lines] == ROWS
    assert all(list(json.loads(line)) == COLUMNS for line in lines)
    markdown = dprk("exchanges", "--format", "markdown").out
    assert (
        "| measure | actor | acted on | counterpart | counterpart actor | counterpart acted on "
        "| first |" in markdown
    )
    assert (
        "| swap-a | US | 2021-05-05 | swap-b | DPRK | 2021-05-05 | together | 0 | both acted "
        "| implemented | implemented | 2021-05-05 | 2021-05-05 |" in markdown
    )
    ids = dprk("exchanges", "--format", "ids").lines
    assert ids == ["escrow", "release", "talks", "drills", "tests", "whole", "aid", "swap-a",
                   "swap-b", "visit"]  # fmt: skip
    assert ledger.read_bytes() == before


def test_exchanges_refuse_a_party_not_declared(dprk, korea):
    before = korea.read_bytes()
    result = dprk("exchanges", "--party", "Nope")
    assert result.code != 0 and result.out == ""
    assert result.err.startswith("dprk: error: --party: 'Nope' is not a declared party")
    assert len(result.err.splitlines()) == 1 and "Traceback" not in result.err
    bad = dprk("exchanges", "--as-of", "2018-13-01")
    assert bad.code != 0 and "Traceback" not in bad.err and len(bad.err.splitlines()) == 1
    assert korea.read_bytes() == before


# Exemptions the US granted, handed to the UN months after; remains returned in answer.
HANDED = (
    ["add-measure", "Exemptions", "--actor", "US", "--id", "exemptions",
     "--date", "2019-01-01"],
    ["add-measure", "Remains", "--actor", "DPRK", "--id", "remains", "--date", "2019-01-01",
     "--in-exchange-for", "exemptions"],
    ["mark", "exemptions", "implemented", "--date", "2019-01-10"],
    ["mark", "remains", "implemented", "--date", "2019-02-01"],
    ["edit", "exemptions", "--actor", "ROK", "--date", "2019-06-01"],
    # (one handed over before it acted: the party it acted as; one not acted: its actor
    # on the day viewed)
    ["add-measure", "Visits", "--actor", "US", "--id", "visits", "--date", "2019-01-01"],
    ["add-measure", "Letters", "--actor", "DPRK", "--id", "letters", "--date", "2019-01-01",
     "--in-exchange-for", "visits"],
    ["edit", "visits", "--actor", "ROK", "--date", "2019-03-01"],
    ["mark", "visits", "implemented", "--date", "2019-04-01"],
    ["edit", "letters", "--actor", "US", "--date", "2019-05-01"],
)  # fmt: skip


def test_who_moved_first_is_the_party_that_acted_on_that_day(dprk, empty):
    """A measure handed to another party after it acted: `first` and `actor` name the
    party that acted on that day, as the timeline's lane of that step does, and --party
    finds the exchange by it; one handed over before it acted, the party it acted as; one
    not acted yet, its actor on the day viewed."""
    for args in HANDED:
        result = dprk(*args)
        assert result.code == 0, (args, result.err)
    before = empty.read_bytes()
    rows = [
        ["exemptions", "US", "2019-01-10", "remains", "DPRK", "2019-02-01", "US", 22,
         "both acted", "implemented", "implemented", "2019-01-10", "2019-02-01"],
        ["visits", "ROK", "2019-04-01", "letters", "US", None, "ROK", None, "one acted",
         "implemented", "proposed", "2019-04-01", None],
    ]  # fmt: skip
    assert [list(r.values()) for r in _json(dprk)["exchanges"]] == rows
    # the timeline puts the first act in the same lane
    timeline = csv.DictReader(io.StringIO(dprk("timeline", "--format", "csv").out))
    lanes = {(r["id"], r["date"]): r["party"] for r in timeline if r["event"] == "status"}
    assert (lanes["exemptions", "2019-01-10"], lanes["visits", "2019-04-01"]) == ("US", "ROK")
    # after the hand-over, as before it; and on a day the other had not yet changed hands
    assert [list(r.values()) for r in _json(dprk, "--as-of", "2019-07-01")["exchanges"]] == rows
    then = _json(dprk, "--as-of", "2019-04-15")["exchanges"]
    assert [r["counterpart_actor"] for r in then] == ["DPRK", "DPRK"]
    # --party by the same rule: the US acted first in the one, is to answer in the other
    assert [r["measure"] for r in _json(dprk, "--party", "US")["exchanges"]] == [
        "exemptions",
        "visits",
    ]
    assert [r["measure"] for r in _json(dprk, "--party", "ROK")["exchanges"]] == ["visits"]
    table = dprk("exchanges", "--party", "US")
    assert table.code == 0 and table.err == ""
    assert table.lines[2].split() == [
        "exemptions", "US", "2019-01-10", "remains", "DPRK", "2019-02-01", "US", "22", "both",
        "acted", "implemented", "implemented", "2019-01-10", "2019-02-01",
    ]  # fmt: skip
    flat = list(csv.reader(io.StringIO(dprk("exchanges", "--format", "csv").out)))
    assert flat[1][:2] == ["exemptions", "US"] and flat[1][6] == "US"
    assert empty.read_bytes() == before
    # talks that ended: read as of their end, as every view asked of no day
    assert dprk("edit-ledger", "--ended", "2019-04-15").code == 0
    ended = _json(dprk)
    assert (ended["as_of"], ended["ended"]) == ("2019-04-15", "2019-04-15")
    assert ended["exchanges"] == then
    assert dprk("exchanges").lines[0].startswith("talks ended on 2019-04-15: read as of")


def test_an_exchange_turned_down_or_withdrawn_says_so(dprk, empty):
    """A pair one side rejected is "turned down" (whether the other acted or not), one
    withdrawn is "withdrawn": `state` said "one acted" or "neither", as of an exchange
    still waited on. As of a day before the rejection or withdrawal, as it stood then."""
    for args in (
        ["add-measure", "Lift sanctions", "--actor", "US", "--id", "sanctions", "--status",
         "proposed", "--date", "2021-01-01"],
        ["add-measure", "Freeze", "--actor", "DPRK", "--id", "freeze", "--status", "agreed",
         "--date", "2021-01-01", "--in-exchange-for", "sanctions"],
        ["mark", "freeze", "implemented", "--date", "2021-02-01"],
        ["mark", "sanctions", "rejected", "--date", "2021-03-01"],
        ["add-measure", "Aid", "--actor", "US", "--id", "aid", "--status", "agreed",
         "--date", "2021-01-01"],
        ["add-measure", "Visit", "--actor", "DPRK", "--id", "visit", "--status", "agreed",
         "--date", "2021-01-01", "--in-exchange-for", "aid"],
        ["mark", "visit", "withdrawn", "--date", "2021-03-01"],
        ["add-measure", "Talks", "--actor", "ROK", "--id", "talks", "--status", "proposed",
         "--date", "2021-01-01"],
        ["add-measure", "Drills", "--actor", "US", "--id", "drills", "--status", "proposed",
         "--date", "2021-01-01", "--in-exchange-for", "talks"],
        ["mark", "drills", "rejected", "--date", "2021-03-02"],
        ["mark", "talks", "withdrawn", "--date", "2021-03-03"],
    ):  # fmt: skip
        result = dprk(*args)
        assert result.code == 0, (args, result.err)
    before = empty.read_bytes()
    states = {(r["measure"], r["counterpart"]): r["state"] for r in _json(dprk)["exchanges"]}
    assert states == {
        ("freeze", "sanctions"): "turned down",  # (one acted, the other rejected)
        ("aid", "visit"): "withdrawn",
        ("drills", "talks"): "turned down",  # (rejected and withdrawn: turned down)
    }
    then = _json(dprk, "--as-of", "2021-02-15")["exchanges"]
    assert {(r["measure"], r["counterpart"]): r["state"] for r in then} == {
        ("freeze", "sanctions"): "one acted",
        ("aid", "visit"): "neither",
        ("drills", "talks"): "neither",
    }
    table = dprk("exchanges")
    assert table.code == 0, table.err
    assert table.lines[2].split()[-5:] == ["turned", "down", "implemented", "rejected",
                                           "2021-02-01"]  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(dprk("exchanges", "--format", "csv").out)))
    assert [r["state"] for r in rows] == ["turned down", "withdrawn", "turned down"]
    assert empty.read_bytes() == before


# Freeze for freeze: tests halted, drills suspended weeks later, both undone in 2022; a
# pledge answered by an inspection the IAEA confirmed.
SINCE = (
    ["add-measure", "Test freeze", "--actor", "DPRK", "--id", "freeze", "--status",
     "agreed", "--date", "2018-04-01"],
    ["add-measure", "Drills suspended", "--actor", "US", "--id", "drills", "--status",
     "agreed", "--date", "2018-04-01", "--in-exchange-for", "freeze"],
    ["mark", "freeze", "implemented", "--date", "2018-04-21"],
    ["mark", "drills", "implemented", "--date", "2018-06-18"],
    ["mark", "drills", "reversed", "--date", "2022-03-10"],
    ["mark", "freeze", "reversed", "--date", "2022-01-20"],
    ["add-measure", "Pledge", "--actor", "DPRK", "--id", "pledge", "--status", "agreed",
     "--date", "2018-04-01"],
    ["add-measure", "Inspection", "--actor", "US", "--id", "inspection", "--status",
     "agreed", "--date", "2018-04-01", "--in-exchange-for", "pledge"],
    ["mark", "inspection", "implemented", "--date", "2018-05-01"],
    ["mark", "pledge", "implemented", "--date", "2018-05-02"],
    ["verify", "inspection", "--by", "IAEA", "--date", "2018-06-01"],
)  # fmt: skip


def _steps(dprk, steps):
    for args in steps:
        result = dprk(*args)
        assert result.code == 0, (args, result.err)


def test_each_side_says_what_has_become_of_it_since(dprk, empty):
    """`status` and `counterpart_status`, after `state`: each side's status on the day viewed, as
    `status` gives it: an exchange both sides reversed since still "both acted" (who
    moved first and the lag unchanged), now each "reversed"; one confirmed, "verified";
    as of a day before the reversals, as they stood then."""
    _steps(dprk, SINCE)
    before = empty.read_bytes()
    now = {(r["measure"], r["counterpart"]): r for r in _json(dprk)["exchanges"]}
    freeze = now["freeze", "drills"]
    assert list(freeze)[-4:-2] == ["status", "counterpart_status"]  # (then `full_on`...)
    assert (freeze["first"], freeze["lag_days"], freeze["state"]) == ("DPRK", 58, "both acted")
    assert (freeze["status"], freeze["counterpart_status"]) == ("reversed", "reversed")
    pledge = now["inspection", "pledge"]
    assert (pledge["status"], pledge["counterpart_status"]) == ("verified", "implemented")
    # as `status` gives each, on each day
    for day in ("2018-05-15", "2022-02-01", None):
        as_of = ["--as-of", day] if day else []
        doc = dprk("status", *as_of, "--format", "json")
        assert doc.code == 0, doc.err
        said = {m["id"]: m["status"] for m in json.loads(doc.out)["measures"]}
        for r in _json(dprk, *as_of)["exchanges"]:
            assert (r["status"], r["counterpart_status"]) == (
                said[r["measure"]],
                said[r["counterpart"]],
            ), day
    # before the reversals (and the finding): as they stood then
    then = {
        (r["measure"], r["counterpart"]): r
        for r in _json(dprk, "--as-of", "2021-12-31")["exchanges"]
    }
    assert (then["freeze", "drills"]["status"], then["freeze", "drills"]["counterpart_status"]) == (
        "implemented",
        "implemented",
    )
    early = _json(dprk, "--as-of", "2018-05-15")["exchanges"]
    assert [(r["measure"], r["status"], r["counterpart_status"]) for r in early] == [
        ("freeze", "implemented", "agreed"),
        ("inspection", "implemented", "implemented"),
    ]
    # between the two reversals: one side undone, the other not yet
    between = _json(dprk, "--as-of", "2022-02-01")["exchanges"]
    assert (between[0]["status"], between[0]["counterpart_status"]) == ("reversed", "implemented")
    flat = list(csv.DictReader(io.StringIO(dprk("exchanges", "--format", "csv").out)))
    assert [(r["status"], r["counterpart_status"]) for r in flat] == [
        ("reversed", "reversed"),
        ("verified", "implemented"),
    ]
    table = dprk("exchanges")
    assert (table.code, table.err) == (0, "")
    assert table.lines[2].split()[-4:] == ["both", "acted", "reversed", "reversed"]
    assert empty.read_bytes() == before


# Who finished first: a border ruling accepted "in principle" (a token first step) in
# 2004, carried out in full only in 2018, weeks after the other side withdrew its troops
# all at once.
FINISHED = (
    ["add-measure", "Accept the ruling", "--actor", "ROK", "--id", "acceptance", "--status",
     "agreed", "--date", "2002-04-13"],
    ["add-measure", "Withdraw troops", "--actor", "DPRK", "--id", "withdrawal", "--status",
     "agreed", "--date", "2002-04-13", "--in-exchange-for", "acceptance"],
    ["mark", "acceptance", "implemented", "--extent", "minimal", "--date", "2004-11-25"],
    ["mark", "withdrawal", "implemented", "--date", "2018-07-09"],
    ["mark", "acceptance", "implemented", "--date", "2018-09-11"],
)  # fmt: skip


def test_each_side_says_the_day_it_was_done_in_full(dprk, empty):
    """`full_on` and `counterpart_full_on`, last: the day each side was carried out in
    full, as `status`'s `full_date` gives it (null when it is not): a token first step
    still moved first (`first` and `lag_days` unchanged), while the other side, which did
    everything at once, finished first; one reversed since is not done in full, one
    confirmed since still is; as of a day before the reversal or the last step, as it
    stood then."""
    _steps(dprk, FINISHED)
    _steps(dprk, SINCE)
    before = empty.read_bytes()
    now = {(r["measure"], r["counterpart"]): r for r in _json(dprk)["exchanges"]}
    token = now["acceptance", "withdrawal"]
    assert list(token)[-4:] == ["status", "counterpart_status", "full_on", "counterpart_full_on"]
    assert (token["first"], token["lag_days"], token["acted_on"]) == ("ROK", 4974, "2004-11-25")
    assert (token["full_on"], token["counterpart_full_on"]) == ("2018-09-11", "2018-07-09")
    # reversed since: not in full; confirmed since: in full since the day it was
    freeze = now["freeze", "drills"]
    assert (freeze["full_on"], freeze["counterpart_full_on"]) == (None, None)
    pledge = now["inspection", "pledge"]
    assert (pledge["status"], pledge["full_on"], pledge["counterpart_full_on"]) == (
        "verified",
        "2018-05-01",
        "2018-05-02",
    )
    # as `status` gives each, on each day
    for day in ("2004-12-01", "2018-08-01", "2021-12-31", "2022-02-01", None):
        as_of = ["--as-of", day] if day else []
        doc = dprk("status", *as_of, "--format", "json")
        assert doc.code == 0, doc.err
        said = {m["id"]: m["full_date"] for m in json.loads(doc.out)["measures"]}
        for r in _json(dprk, *as_of)["exchanges"]:
            assert (r["full_on"], r["counterpart_full_on"]) == (
                said[r["measure"]],
                said[r["counterpart"]],
            ), day
    # before the last step: only the side that did everything at once is done in full
    then = _json(dprk, "--as-of", "2018-08-01")["exchanges"]
    assert [(r["measure"], r["full_on"], r["counterpart_full_on"]) for r in then] == [
        ("acceptance", None, "2018-07-09"),
        ("freeze", "2018-04-21", "2018-06-18"),
        ("inspection", "2018-05-01", "2018-05-02"),
    ]
    # before the reversals, both sides of the freeze in full; between them, one
    ahead = _json(dprk, "--as-of", "2021-12-31")["exchanges"][1]
    assert (ahead["full_on"], ahead["counterpart_full_on"]) == ("2018-04-21", "2018-06-18")
    between = _json(dprk, "--as-of", "2022-02-01")["exchanges"][1]
    assert (between["full_on"], between["counterpart_full_on"]) == (None, "2018-06-18")
    flat = list(csv.DictReader(io.StringIO(dprk("exchanges", "--format", "csv").out)))
    assert [(r["full_on"], r["counterpart_full_on"]) for r in flat] == [
        ("2018-09-11", "2018-07-09"),
        ("", ""),
        ("2018-05-01", "2018-05-02"),
    ]
    table = dprk("exchanges")
    assert (table.code, table.err) == (0, "")
    assert table.lines[2].split()[-4:] == ["implemented", "implemented", "2018-09-11",
                                           "2018-07-09"]  # fmt: skip
    assert empty.read_bytes() == before


def test_each_side_s_act_is_the_one_for_the_exchange(dprk, tmp_path):
    """The corridor opened on 2022-08-01, was closed on 2022-10-29 and opened again on
    2022-11-02, the day Ukraine's guarantees were given for it: the exchange dates the
    corridor's act on 2022-11-02 (together, no lag), while `status` and `show` keep the
    day it first acted. An act done before the link and standing on its day was done
    before the deal: it moved first, on its day. One undone before the link and not
    done again has not acted for it."""
    assert dprk("init", "--title", "T", "--party", "Russia", "--party", "Ukraine").code == 0
    for args in (
        ["add-measure", "Corridor safe", "--actor", "Russia", "--id", "corridor", "--status",
         "agreed", "--date", "2022-07-22"],
        ["mark", "corridor", "implemented", "--date", "2022-08-01"],
        ["mark", "corridor", "reversed", "--date", "2022-10-29"],
        ["mark", "corridor", "implemented", "--date", "2022-11-02"],
        ["add-measure", "Ukraine guarantees", "--actor", "Ukraine", "--id", "guarantees",
         "--status", "implemented", "--in-exchange-for", "corridor", "--date", "2022-11-02"],
        # (acted, and standing when the link was made: before the deal)
        ["add-measure", "Grain", "--actor", "Russia", "--id", "grain", "--status",
         "implemented", "--date", "2022-08-01"],
        ["add-measure", "Ammonia", "--actor", "Ukraine", "--id", "ammonia", "--status",
         "agreed", "--in-exchange-for", "grain", "--date", "2022-09-01"],
        ["mark", "ammonia", "implemented", "--date", "2022-09-10"],
        # (acted, undone before the link, not done again)
        ["add-measure", "Ports", "--actor", "Russia", "--id", "ports", "--status",
         "implemented", "--date", "2022-08-01"],
        ["mark", "ports", "reversed", "--date", "2022-10-01"],
        ["add-measure", "Shipping", "--actor", "Ukraine", "--id", "shipping", "--status",
         "implemented", "--in-exchange-for", "ports", "--date", "2022-11-01"],
    ):  # fmt: skip
        result = dprk(*args)
        assert result.code == 0, (args, result.err)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    rows = {r["measure"]: r for r in _json(dprk)["exchanges"]}
    said = {
        m: (r["acted_on"], r["counterpart"], r["counterpart_acted_on"], r["first"],
            r["lag_days"], r["state"])
        for m, r in rows.items()
    }  # fmt: skip
    assert said == {
        "grain": ("2022-08-01", "ammonia", "2022-09-10", "Russia", 40, "both acted"),
        "corridor": ("2022-11-02", "guarantees", "2022-11-02", "together", 0, "both acted"),
        "shipping": ("2022-11-01", "ports", None, "Ukraine", None, "one acted"),
    }
    assert list(rows) == ["grain", "shipping", "corridor"]  # (by the act's day)
    table = dprk("exchanges")
    assert (table.code, table.err) == (0, "")
    row = next(line for line in table.lines if line.startswith("corridor"))
    assert row.split()[:7] == [
        "corridor", "Russia", "2022-11-02", "guarantees", "Ukraine", "2022-11-02", "together"
    ]  # fmt: skip
    # (status keeps the day it first acted)
    status = json.loads(dprk("status", "corridor", "--format", "json").out)
    assert status["measures"][0]["acted_on"] == "2022-08-01"
    assert ledger.read_bytes() == before


# Gross for the Five: both released on 2014-12-17, the Five once Gross was out.
SAME_DAY = (
    ["add-measure", "Cuba releases Alan Gross", "--actor", "Cuba", "--id", "gross",
     "--date", "2014-12-17"],
    ["add-measure", "US releases the Cuban Five", "--actor", "US", "--id", "five",
     "--date", "2014-12-17", "--in-exchange-for", "gross"],
    ["sequence", "five", "--after", "gross", "--demanded-by", "US", "--date", "2014-12-17"],
    ["mark", "gross", "five", "implemented", "--date", "2014-12-17"],
    # (the same day with no order between them: together)
    ["add-measure", "Embassy A", "--actor", "US", "--id", "embassy-a", "--date", "2015-07-20",
     "--status", "implemented"],
    ["add-measure", "Embassy B", "--actor", "Cuba", "--id", "embassy-b", "--date",
     "2015-07-20", "--status", "implemented", "--in-exchange-for", "embassy-a"],
)  # fmt: skip


def test_on_a_shared_day_the_order_on_record_says_who_went_first(dprk, tmp_path):
    """Both acted on one day and one is recorded to go after the other: the one it waited
    for went first (put on the left, lag 0), whatever their ids; with no order between
    them, together, as before."""
    assert dprk("init", "--title", "T", "--party", "US", "--party", "Cuba").code == 0
    _steps(dprk, SAME_DAY)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    said = [
        (r["measure"], r["actor"], r["counterpart"], r["first"], r["lag_days"], r["state"])
        for r in _json(dprk)["exchanges"]
    ]
    assert said == [
        ("gross", "Cuba", "five", "Cuba", 0, "both acted"),
        ("embassy-a", "US", "embassy-b", "together", 0, "both acted"),
    ]
    table = dprk("exchanges")
    assert (table.code, table.err) == (0, "")
    assert table.lines[2].split()[:8] == [
        "gross", "Cuba", "2014-12-17", "five", "US", "2014-12-17", "Cuba", "0"
    ]  # fmt: skip
    flat = list(csv.DictReader(io.StringIO(dprk("exchanges", "--format", "csv").out)))
    assert [(r["measure"], r["first"]) for r in flat] == [
        ("gross", "Cuba"),
        ("embassy-a", "together"),
    ]
    # the party that went first finds it on its side, as the one to answer on the other
    assert [r["first"] for r in _json(dprk, "--party", "US")["exchanges"]] == ["Cuba", "together"]
    # the order dropped: together again
    assert dprk("sequence", "five", "--remove", "gross", "--date", "2014-12-18").code == 0
    assert _json(dprk)["exchanges"][0]["first"] == "together"
    assert _json(dprk)["exchanges"][0]["measure"] == "five"
    assert dprk("undo").code == 0
    assert ledger.read_bytes() == before


def test_each_heading_of_the_exchanges_table_is_its_own(dprk, empty):
    """The table and the markdown name the counterpart's columns as such ("counterpart
    actor", ...), no heading twice; the CSV and JSON keys stay as they were."""
    ledger = _ledger(dprk, empty)
    before = ledger.read_bytes()
    headings = [
        "measure", "actor", "acted on", "counterpart", "counterpart actor",
        "counterpart acted on", "first", "lag (days)", "state", "status",
        "counterpart status", "in full on", "counterpart in full on",
    ]  # fmt: skip
    markdown = dprk("exchanges", "--format", "markdown")
    assert (markdown.code, markdown.err) == (0, "")
    header = next(line for line in markdown.lines if line.startswith("| measure"))
    assert header == "| " + " | ".join(headings) + " |"
    table = dprk("exchanges")
    assert (table.code, table.err) == (0, "")
    assert [h.strip() for h in table.lines[1].split("  ") if h.strip()] == headings
    flat = list(csv.reader(io.StringIO(dprk("exchanges", "--format", "csv").out)))
    assert flat[0] == COLUMNS
    assert [list(r) for r in _json(dprk)["exchanges"]] == [COLUMNS] * len(ROWS)
    assert ledger.read_bytes() == before
