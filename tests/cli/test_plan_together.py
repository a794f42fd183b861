"""`plan` says which measures of a phase are to be carried out together (`sequence A
--with B`), where it listed them as any other measures of the phase: in the table a
column, in CSV and JSON lines the row's `detail`, in JSON each phase's `together`
(last), as drawn anew, served from what was kept and with `--assume` alike."""

import json


def _inf(dprk):
    for args in (
        ["init", "--title", "INF", "--party", "US", "--party", "USSR"],
        ["add-measure", "US eliminates Pershing II", "--actor", "US", "--id", "p2",
         "--status", "agreed", "--date", "1987-12-08"],
        ["add-measure", "USSR eliminates SS-20", "--actor", "USSR", "--id", "ss20",
         "--status", "agreed", "--date", "1987-12-08"],
        ["add-measure", "US eliminates GLCM", "--actor", "US", "--id", "glcm", "--status",
         "agreed", "--date", "1987-12-08"],
        ["add-measure", "Inspections", "--actor", "USSR", "--id", "insp", "--status",
         "agreed", "--date", "1987-12-08", "--after", "glcm"],
        ["sequence", "p2", "--with", "ss20", "--date", "1987-12-08"],
    ):  # fmt: skip
        result = dprk(*args)
        assert result.code == 0, (args, result.err)


def test_plan_says_which_measures_go_together(dprk, tmp_path):
    _inf(dprk)
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    for _ in range(2):  # (drawn, then read back from what was kept)
        result = dprk("plan", "--as-of", "1987-12-31", "--format", "json")
        assert (result.code, result.err) == (0, ""), result.err
        phases = json.loads(result.out)["phases"]
        assert [list(p)[-4:-2] for p in phases] == [["together", "again"]] * 2
        assert [(p["measures"], p["together"]) for p in phases] == [
            (["glcm", "p2", "ss20"], [["p2", "ss20"]]),
            (["insp"], []),
        ]
    table = dprk("plan", "--as-of", "1987-12-31").out.splitlines()
    assert table[1].split() == ["phase", "step", "id", "actor", "together", "with", "title"]
    assert table[3].split()[:5] == ["1", "act", "p2", "US", "ss20"]
    assert table[4].split()[:5] == ["1", "act", "ss20", "USSR", "p2"]
    csv = dprk("plan", "--format", "csv").out.splitlines()
    assert "1,act,p2,US,US eliminates Pershing II,together with ss20,,,,false" in csv
    assert "1,act,glcm,US,US eliminates GLCM,,,,,false" in csv
    assumed = json.loads(dprk("plan", "--assume", "glcm=implemented", "--format", "json").out)
    assert [(p["measures"], p["together"]) for p in assumed["phases"]] == [
        (["insp", "p2", "ss20"], [["p2", "ss20"]]),
    ]
    assert ledger.read_bytes() == before


def test_a_plan_with_no_group_has_no_column(dprk):
    _inf(dprk)
    assert dprk("sequence", "p2", "--remove", "ss20").code == 0
    table = dprk("plan").out.splitlines()
    assert table[1].split() == ["phase", "step", "id", "actor", "title"]
    phases = json.loads(dprk("plan", "--format", "json").out)["phases"]
    assert [p["together"] for p in phases] == [[], []]
