"""The installed `dprk` command as a real process, and real shell pipelines."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_process, shell

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
