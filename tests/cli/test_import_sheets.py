"""import of a sheet made by hand (id, title, actor, status, date) into a ledger that
changed since: a measure renamed, a sheet corrected and imported again."""

from __future__ import annotations

import pytest


def _two_sides(dprk) -> None:
    assert dprk("init", "--party", "GPH", "--party", "MILF").code == 0


SHEET = "id,title,actor,status,date\n{id},Socio-economic packages,GPH,implemented,2020-03-01\n"


@pytest.mark.parametrize("made_by", ["import", "add-measure"])
@pytest.mark.parametrize("sheet_id", ["socioeco", "socio-packages"])
def test_a_sheet_replaces_a_measure_renamed_since(dprk, tmp_path, tick, made_by, sheet_id):
    """A sheet's row (no history) of a measure renamed since was refused with --replace:
    'its history has no creation', whichever id the sheet gave. It is read as the id the
    measure has now, and replaces it, the rename's entry kept."""
    _two_sides(dprk)
    ledger = tmp_path / "dprk-ledger.toml"
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(SHEET.format(id="socioeco"), encoding="utf-8")
    if made_by == "import":
        assert dprk("import", "sheet.csv").code == 0
    else:
        made = dprk(
            "add-measure", "Socio-economic packages", "--actor", "GPH", "--id", "socioeco",
            "--status", "implemented", "--date", "2020-03-01",
        )  # fmt: skip
        assert made.code == 0, made.err
    tick()
    assert dprk("rename", "socioeco", "socio-packages", "--date", "2021-01-01").code == 0
    tick()
    sheet.write_text(
        SHEET.format(id=sheet_id).replace("Socio-economic packages", "Socio-economic aid"),
        encoding="utf-8",
    )
    result = dprk("import", "--replace", "sheet.csv")
    read = "; read socioeco as socio-packages (renamed so on 2021-01-01)" * (sheet_id == "socioeco")
    assert (result.code, result.out) == (0, ""), result.err
    assert result.err.splitlines()[0] == (
        f"imported 1 measure from sheet.csv (0 new, 1 replaced{read})"
    )
    log = dprk("log", "socio-packages").out
    assert "created  implemented" in log and "renamed from socioeco" in log
    text = ledger.read_text(encoding="utf-8")
    assert 'title = "Socio-economic aid"' in text and 'id = "socioeco"' not in text
    assert dprk("check").out == "ok: no problems found\n"
    before = ledger.read_bytes()
    again = dprk("import", "--replace", "sheet.csv")  # (the same sheet: nothing changes)
    assert (again.code, again.err.splitlines()[0]) == (
        0,
        f"imported 1 measure from sheet.csv (0 new, 0 replaced, 1 unchanged{read}; "
        "nothing changed)",
    )
    assert ledger.read_bytes() == before
