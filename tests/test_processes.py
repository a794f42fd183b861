"""The installed `dprk` command as a real process, and real shell pipelines."""

from __future__ import annotations

import json
import os
import re
import subprocess

import pytest

from tests.conftest import ROOT, dprk_executable, run_process, shell

pytestmark = pytest.mark.slow  # process-heavy: left out by `pytest -m "not slow"`


def test_readme_quick_start(tmp_path):
    result = shell("dprk init --example korea-2018 && dprk status", cwd=tmp_path)
    assert result.code == 0, result.err
    assert "inventory-submission" in result.out
    assert "Traceback" not in result.err


def test_pipeline_verifies_ids_from_status(tmp_path):
    assert run_process("init", "--example", "korea-2018", cwd=tmp_path).code == 0
    result = shell(
        "dprk status --acted --unverified --party DPRK --format ids | dprk verify - --by IAEA",
        cwd=tmp_path,
    )
    assert result.code == 0, result.err
    doc = json.loads(run_process("status", "--party", "DPRK", "--format", "json", cwd=tmp_path).out)
    acted = [m for m in doc["measures"] if m["acted"]]
    assert acted and all(m["status"] == "verified" for m in acted)


def test_add_measure_id_capture(tmp_path):
    run_process("init", "--party", "US", "--party", "DPRK", cwd=tmp_path)
    result = shell(
        'id=$(dprk add-measure "Lift sanctions on coal" --actor US) && dprk show "$id" --format json',
        cwd=tmp_path,
    )
    assert result.code == 0, result.err
    assert json.loads(result.out)["id"] == "lift-sanctions-on-coal"


def test_broken_pipe_is_quiet(tmp_path):
    run_process("init", "--example", "korea-2018", cwd=tmp_path)
    for _ in range(3):
        result = shell("dprk log | head -1", cwd=tmp_path)
        assert result.code == 0
        assert result.err == ""
        assert len(result.lines) == 1


def test_error_in_a_real_process_is_one_line(tmp_path):
    result = run_process("status", cwd=tmp_path)
    assert result.code == 1
    assert result.out == ""
    assert result.err.startswith("dprk: error: ")
    assert result.err.count("\n") == 1


def test_version_and_help(tmp_path):
    version = run_process("--version", cwd=tmp_path)
    assert version.code == 0 and version.out.startswith("dprk ")
    helped = run_process("--help", cwd=tmp_path)
    assert helped.code == 0 and "add-measure" in helped.out


def test_output_in_a_locale_that_is_not_utf8_is_whole(tmp_path):
    """Standard output in latin-1 or ASCII (a legacy locale): every report ended with
    "cannot write this text" after part of it had gone out, and `export | import -`
    failed on the half-written JSON. Data goes out as UTF-8; a table shows '?'."""
    assert run_process("init", "--example", "korea-2018", cwd=tmp_path).code == 0
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    table = run_process("status", cwd=tmp_path, env={"PYTHONIOENCODING": "latin-1"})
    assert (table.code, table.err) == (0, lacking("latin-1"))  # (the title's dash)
    assert table.out.startswith("US?DPRK denuclearization talks, 2018\n")
    (tmp_path / "copy").mkdir()
    result = shell(
        "PYTHONIOENCODING=ascii dprk export | (cd copy && dprk init >/dev/null && "
        "PYTHONIOENCODING=ascii dprk import -)",
        cwd=tmp_path,
    )
    assert result.code == 0, result.err
    ours = json.loads(run_process("export", cwd=tmp_path).out)
    theirs = json.loads(run_process("export", cwd=tmp_path / "copy").out)
    assert theirs["title"] == ours["title"] == "US\u2013DPRK denuclearization talks, 2018"
    assert theirs["measures"] == ours["measures"]
    assert ledger.read_bytes() == before


def lacking(encoding: str) -> str:
    """The one line a command ends with whose table showed text `encoding` lacks as '?'."""
    return (
        f"dprk: warning: this output's encoding ({encoding}) cannot show some characters of "
        "the ledger (shown as '?'); use a UTF-8 locale, or --format json/csv, which are "
        "always UTF-8\n"
    )


def _shown_in(encoding: str, *args: str, cwd, env: dict[str, str], lacks: bool = False) -> str:
    """What `dprk ARGS` writes to a stream in `encoding` (PYTHONIOENCODING), with `env`
    added, read back in that encoding, its colours taken off; it must end well, saying
    nothing on standard error but, where the table `lacks` text, that it does, once."""
    env = {k: v for k, v in os.environ.items() if k not in ("DPRK_LEDGER", "FORCE_COLOR")} | {
        "PYTHONIOENCODING": encoding,
        **env,
    }
    proc = subprocess.run([dprk_executable(), *args], cwd=cwd, capture_output=True, env=env)
    said = lacking(encoding) if lacks else ""
    assert (proc.returncode, proc.stderr.decode()) == (0, said), proc.stderr
    return re.sub(r"\x1b\[[0-9;]*m", "", proc.stdout.decode(encoding))


def test_a_table_in_an_encoding_without_dprks_signs_shows_ascii_stand_ins(tmp_path):
    """In an ASCII (or latin-1) stream, the scorecard's bars ('??????????') and the
    timeline's marks came out as '?', which tell nothing apart. A sign the stream's
    encoding lacks is shown by its ASCII stand-in (a bar of '#' and '.', '*' a party's
    own step, 'o' another event, 'v' 'x' '~' a finding), in a pipe and drawn as in a
    terminal alike; a sign it has is kept, and other text it lacks is '?' as before
    (the title's dash, which is said: the scorecard's table shows no title)."""
    assert run_process("init", "--example", "korea-2018", cwd=tmp_path).code == 0
    for args in (
        ["verify", "punggye-ri-closure", "--by", "IAEA", "--date", "2018-09-01"],
        ["verify", "test-moratorium", "--by", "IAEA", "--result", "refuted",
         "--date", "2018-09-02"],
        ["verify", "tongchang-ri-dismantlement", "--by", "IAEA", "--result", "partial",
         "--date", "2018-09-03"],
    ):  # fmt: skip
        assert run_process(*args, cwd=tmp_path).code == 0, args
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    drawn = {"FORCE_COLOR": "1", "COLUMNS": "120", "TERM": "xterm"}
    # (into a pipe; drawn as in a terminal by Rich, without colour, and by dprk itself)
    for terminal in ({}, drawn | {"NO_COLOR": "1"}, drawn | {"NO_COLOR": ""}):
        for encoding in ("ascii", "latin-1"):
            card = _shown_in(encoding, "scorecard", cwd=tmp_path, env=terminal)
            # (the bar, before the count of commitments disputed: DPRK has one)
            bars = re.findall(r"^(DPRK|ROK|US) .*  ([^ \n]+) +\d+$", card, re.M)
            assert len(bars) == 3 and all(re.fullmatch(r"#+\.*", b) for _, b in bars), card
            assert ("DPRK", "########..") in bars  # (a score of 78: 8 of 10)
            times = "\u00d7" if encoding == "latin-1" else "x"  # (latin-1 has its own)
            assert f"score = 100 {times} levels / (3 {times} commitments)" in card
            line = _shown_in(encoding, "timeline", cwd=tmp_path, env=terminal, lacks=True)
            assert "US?DPRK denuclearization talks, 2018" in line  # (a title's dash)
            assert re.search(r"^2018-04-21 +\* +test-moratorium", line, re.M), line
            assert re.search(r"^2018-07-07 +o +", line, re.M)
            for sign, measure in (("v", "punggye-ri-closure"), ("x", "test-moratorium"),
                                  ("~", "tongchang-ri-dismantlement")):  # fmt: skip
                assert re.search(rf"^2018-09-0\d +{sign} +{measure}", line, re.M), sign
            assert (
                "* a party's own step; o another event about its measure (a proposal among "
                "them: offered by its party or asked of it, the ledger does not say which); "
                "/ its measure "
                "rejected (turned down by the side it was offered to, or by its own party "
                "when demanded of it: the ledger does not say which, so it is no party's "
                "step); v a verifier's finding (x refuted, ~ partial)" in re.sub(r"\s+", " ", line)
            )
            if terminal:  # (the rule under the header)
                assert re.search(r"^-{40,}$", line, re.M), line
            assert "?" not in (card + line).replace("US?DPRK", ""), card + line
    assert ledger.read_bytes() == before


def test_a_c_locale_is_shown_utf_8_as_python_writes_it_and_the_guide_says_so(tmp_path):
    """Under LANG=C (or LC_ALL=C) Python writes UTF-8 (it coerces the locale to C.UTF-8,
    PEP 538, or runs in UTF-8 mode, PEP 540), so a table showed its signs (●, ─) where
    the guide said a legacy locale shows ASCII stand-ins. It does, as Python writes,
    and the guide says which outputs show ASCII: PYTHONIOENCODING=ascii, or a locale
    whose encoding is not UTF-8 (a Latin-1 one)."""
    assert run_process("init", "--example", "korea-2018", cwd=tmp_path).code == 0
    drawn = {"FORCE_COLOR": "1", "COLUMNS": "120", "TERM": "xterm", "NO_COLOR": "1"}
    for terminal in ({}, drawn):  # (into a pipe; drawn as in a terminal)
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("LC_", "PYTHONIO", "PYTHONUTF8"))
        }
        env |= terminal | {"LANG": "C", "LC_ALL": "C"}
        env.pop("DPRK_LEDGER", None)
        proc = subprocess.run([dprk_executable(), "timeline"], cwd=tmp_path, capture_output=True,
                              env=env)  # fmt: skip
        assert (proc.returncode, proc.stderr) == (0, b"")
        out = proc.stdout.decode("utf-8")
        assert re.search(r"^2018-04-21 +● +test-moratorium", out, re.M), out
        assert ("─" * 40 in out) == bool(terminal)
        assert "US–DPRK denuclearization talks, 2018" in out
    latin = _shown_in("latin-1", "timeline", cwd=tmp_path, env={}, lacks=True)
    assert re.search(r"^2018-04-21 +\* +test-moratorium", latin, re.M), latin
    guide = re.sub(r"\s+", " ", (ROOT / "docs" / "guide.md").read_text(encoding="utf-8"))
    assert "A C or POSIX locale (`LANG=C`) shows the signs all the same" in guide


def test_a_table_shows_text_its_encoding_lacks_as_wide_as_it_was_laid_out(tmp_path):
    """In an ASCII stream, a Hangul name (two columns a character) was one '?' a
    character: the status table's columns slipped and the timeline's mark of 북한's step
    stood under another party's lane. Each column a character takes is a '?', and the
    command ends saying once that the output's encoding lacks some of the ledger's text;
    with only dprk's own signs lacking (shown by their stand-ins), nothing is said."""
    assert run_process("init", "--party", "대한민국", "--party", "북한", "--party", "UNC",
                       cwd=tmp_path).code == 0  # fmt: skip
    added = run_process("add-measure", "GP 철수", "--actor", "북한", "--id", "gp",
                        "--date", "2018-09-19", cwd=tmp_path)  # fmt: skip
    assert added.code == 0, added.err
    ledger = tmp_path / "dprk-ledger.toml"
    before = ledger.read_bytes()
    drawn = {"FORCE_COLOR": "1", "COLUMNS": "120", "TERM": "xterm", "NO_COLOR": "1"}
    for terminal in ({}, drawn):  # (into a pipe; drawn as in a terminal by Rich)
        status = _shown_in("ascii", "status", cwd=tmp_path, env=terminal, lacks=True)
        lines = [line for line in status.splitlines() if line.strip("- ")]  # (no rule)
        head = next(i for i, line in enumerate(lines) if line.lstrip().startswith("party "))
        header, rows = lines[head], lines[head + 1 : head + 4]
        # (대한민국: four characters of two columns each)
        assert [line.split()[0] for line in rows] == ["????????", "????", "UNC"], status
        for line in rows:  # (each count right under its header)
            assert len(line.rstrip()) == len(header.rstrip()), status
            assert line[header.index("overdue") + len("overdue") - 1] == "0", status
        heads = next(line for line in lines if line.lstrip().startswith("id "))
        row = next(line for line in lines if line.lstrip().startswith("gp "))
        for column, value in (("status", "proposed"), ("since", "2018-09-19"), ("title", "GP")):
            assert row.index(value) == heads.index(column), status
        assert row.rstrip().endswith("GP ????"), status
        timeline = _shown_in("ascii", "timeline", cwd=tmp_path, env=terminal, lacks=True)
        lanes = next(line for line in timeline.splitlines() if line.startswith("date "))
        step = next(line for line in timeline.splitlines() if line.startswith("2018-09-19"))
        assert re.search(r"date +\?{8} +\?{4} +UNC ", lanes), timeline
        lane = lanes.index(" ????  ") + 1  # (북한's)
        assert lane <= step.index(" o ") + 1 < lane + 4, timeline  # (a proposal's mark)
    assert ledger.read_bytes() == before
    # (an ASCII ledger: only dprk's signs lacking, each shown by its stand-in)
    (tmp_path / "plain").mkdir()
    assert run_process("init", "--party", "US", cwd=tmp_path / "plain").code == 0
    assert run_process("add-measure", "Talks", "--actor", "US", "--date", "2018-06-12",
                       cwd=tmp_path / "plain").code == 0  # fmt: skip
    for args in (["status"], ["timeline"], ["scorecard"]):
        shown = _shown_in("ascii", *args, cwd=tmp_path / "plain", env=drawn)
        assert "?" not in shown, shown


def test_text_typed_in_a_locale_that_is_not_utf8_is_kept(tmp_path):
    """With LC_ALL=C and Python's UTF-8 mode off, the shell passes typed UTF-8 on as
    bytes the locale cannot read: 'Café' was refused as "not valid UTF-8"."""
    assert run_process("init", "--party", "US", cwd=tmp_path).code == 0
    env = {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
    added = run_process("add-measure", "Café 영변", "--actor", "US", cwd=tmp_path, env=env)
    assert (added.code, added.out) == (0, "cafe\n"), added.err
    noted = run_process("note", "cafe", "Reported by 연합뉴스", cwd=tmp_path, env=env)
    assert noted.code == 0, noted.err
    shown = json.loads(run_process("show", "cafe", "--format", "json", cwd=tmp_path).out)
    assert shown["title"] == "Café 영변"
    assert shown["history"][-1]["note"] == "Reported by 연합뉴스"
    ledger = (tmp_path / "dprk-ledger.toml").read_bytes()
    bad = run_process("note", "cafe", "caf\udce9", cwd=tmp_path, env=env)
    assert bad.code == 2 and bad.err.count("\n") == 1 and "not valid UTF-8 (byte 0xe9)" in bad.err
    assert (tmp_path / "dprk-ledger.toml").read_bytes() == ledger


def test_advice_naming_text_not_seen_works_when_pasted_into_a_shell(tmp_path):
    """A party 'DPRK' with a zero-width space: the advice said
    'dprk rename-party DPRK "DPRK\\u200b"', which a shell reads as a backslash and five
    letters. It is quoted so that the shell reads the character back."""
    assert run_process("init", "--party", "DPRK", cwd=tmp_path).code == 0
    refused = run_process("add-party", "DPRK\u200b", cwd=tmp_path)
    assert refused.code == 1
    advised = refused.err.split("rename it with '", 1)[1].rsplit("' if", 1)[0]
    assert advised == "dprk rename-party DPRK $'DPRK\\u200b'"
    assert shell(advised, cwd=tmp_path).code == 0
    parties = json.loads(run_process("export", cwd=tmp_path).out)["parties"]
    assert parties == ["DPRK\u200b"]


def test_import_reads_a_pipe_named_as_a_file(tmp_path):
    """`dprk import <(...)`, the shell's way to name a command's output as a file, was
    refused: "/dev/fd/63: is not a regular file"."""
    assert run_process("init", "--party", "US", cwd=tmp_path).code == 0
    (tmp_path / "rows.csv").write_text("id,title,actor\nk1,Kay one,US\n", encoding="utf-8")
    result = shell("dprk import <(cat rows.csv) --format csv", cwd=tmp_path)
    assert result.code == 0, result.err
    assert result.err.startswith("imported 1 measure from /dev/fd/")
    shown = json.loads(run_process("show", "k1", "--format", "json", cwd=tmp_path).out)
    assert shown["title"] == "Kay one"
