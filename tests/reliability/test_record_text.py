"""A record kept as JSON text, given another standing, is byte for byte the record made
whole: `status --format json` serves the kept text (restanding it for a what-if), and
must print exactly what encoding each measure's record gives."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from dprk_cli.facts import nodes_of
from dprk_cli.model import Ledger, Measure
from dprk_cli.shapes import (
    STANDING_ONLY,
    acted_record,
    encode,
    late_record,
    measure_record,
    record_json,
    restand,
    standing,
    with_extra,
)
from dprk_cli.vocab import Extent, Status

from .test_properties import SETTINGS, measure

extras = st.dictionaries(
    st.sampled_from(["overdue", "deadlocked", "parts"]), st.booleans() | st.lists(st.text())
)


@SETTINGS
@given(
    measure,
    st.sampled_from(Status),
    st.sampled_from(Extent),
    st.none() | st.dates(),
    extras,
    st.none() | st.dates(),
)
def test_a_kept_record_restood_is_the_record_made_whole(m, status, extent, since, extra, day):
    node = nodes_of(Ledger(title="t", measures=[m])).measures[0]
    other = node.replace(status=status, extent=extent, since=since)
    kept = record_json(m, node)
    assert json.loads(kept) == measure_record(m, node)
    # (on a day read, `days_late` counted to it for a measure overdue then)
    made = encode(measure_record(m, other, day, extra))
    assert restand(kept, other, extra, day) == made
    assert restand(kept, node) == kept
    assert with_extra(kept, extra) == encode(measure_record(m, node, None, extra))


def test_the_keys_only_a_report_holds_are_those_no_measure_has():
    """`STANDING_ONLY` (by which an import tells a report's output from a ledger) is every
    key of where a measure stands (`standing`, `late_record`, `acted_record`) that a ledger's measure
    does not hold, in the record's order: a key added to one and not to the other fails."""
    m = Measure(id="a", title="A", actor="US")
    node = nodes_of(Ledger(title="t", parties=["US"], measures=[m])).measures[0]
    said = (*standing(node), *late_record(node), *acted_record(node))
    derived = [k for k in said if k not in Measure.model_fields]
    assert tuple(derived) == STANDING_ONLY
