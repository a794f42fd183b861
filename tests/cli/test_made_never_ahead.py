"""When undo says a change was made: never a time ahead of the clock that an entry
written by hand, recorded a little after now, pushed the change's own record to."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta


def test_a_change_after_an_entry_recorded_hours_ahead_is_said_made_now(dprk, tmp_path, monkeypatch):
    """An entry written by hand as recorded two hours after now (less than a day: no
    time typed wrong to warn of) has the next entry recorded a second after it, and
    `undo --list` and `undo` said the change was made then, two hours ahead. They say
    the moment it was written."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    start = datetime.now(UTC).replace(microsecond=0)
    ahead = start + timedelta(hours=2)
    ledger = tmp_path / "dprk-ledger.toml"
    ledger.write_text(
        'schema = 1\ntitle = "Ohrid"\nparties = ["Kosovo", "Serbia"]\n\n'
        '[[measures]]\nid = "ohrid"\ntitle = "Ohrid"\nactor = "Kosovo"\n'
        'status = "proposed"\n\n[[measures.history]]\ndate = 2023-03-18\n'
        'event = "created"\nstatus = "proposed"\n'
        f"recorded = {ahead.isoformat(sep=' ')}\n",
        encoding="utf-8",
    )
    before = ledger.read_bytes()
    noted = dprk("note", "ohrid", "talks resume", "--date", "2023-03-20")
    assert (noted.code, noted.out, noted.err) == (0, "", "ohrid: note on 2023-03-20\n")
    end = datetime.now(UTC)
    # (the file keeps its order: the note is recorded after the entry ahead, as documented)
    held = [line for line in ledger.read_text().splitlines() if line.startswith("recorded = ")]
    assert held[-1] == f"recorded = {(ahead + timedelta(seconds=1)).isoformat(sep=' ')}"

    listed = dprk("undo", "--list", "--format", "json")
    assert (listed.code, listed.err) == (0, "")
    (change,) = json.loads(listed.out)
    made = datetime.fromisoformat(change["made"])
    assert start <= made <= end, (change["made"], start, end)

    undone = dprk("undo")
    said = made.strftime("%Y-%m-%d %H:%M:%S UTC")
    assert (undone.code, undone.out, undone.err) == (
        0,
        "",
        f'undid: note ohrid "talks resume" --date 2023-03-20 (made {said})\n',
    )
    assert ledger.read_bytes() == before
