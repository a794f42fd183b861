"""The terminal painters agree: what `screen.Direct` draws is byte for byte what Rich
draws, or Direct declines and Rich draws it (so a table at a terminal looks the same
whichever painted it)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from dprk_cli.render import Column, Report, Section
from dprk_cli.render import one_column as _one_column
from dprk_cli.render.screen import STATUS_STYLE, Direct, pieces


@pytest.fixture(autouse=True)
def colour_terminal(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")


ONE_COLUMN = [chr(c) for c in range(0x20, 0x7F)]
ONE_COLUMN += [chr(c) for c in range(0xA0, 0x250) if c != 0xAD]
ONE_COLUMN += [chr(c) for c in range(0x2010, 0x2028)]
ONE_COLUMN += [chr(c) for c in range(0x2500, 0x25A0)]
ONE_COLUMN += list("●○◐✓✗⊘")


def test_every_character_direct_draws_takes_one_column_for_rich():
    assert all(_one_column(ch) and cell_len(ch) == 1 for ch in ONE_COLUMN)


@pytest.mark.parametrize("ch", ["\u0301", "\u00ad", "\u200b", "한", "\u1160", "\t", "\x1b", "💥"])
def test_direct_declines_what_may_not_take_one_column(ch):
    assert not _one_column(f"a{ch}b")


# Text with the characters Direct draws, and some it must leave to Rich.
text = st.text(
    alphabet=st.sampled_from([*"abc XYZ-.'()", "é", "–", "…", "한", "\u0301", "\t", *"└●○◐✓✗⊘█░"]),
    max_size=30,
)
# Lines for people (leads, titles, notes), long enough to be folded at the width.
prose = st.one_of(
    st.text(alphabet=st.sampled_from([*"ab  c-(),;", "é", "\u00a0"]), max_size=160),
    st.text(alphabet=st.sampled_from([*"abcdefghijklmnopq ", "–"]), max_size=160),
    st.text(alphabet=st.sampled_from([*"ab c", "한"]), max_size=40),
)
values = st.one_of(
    st.none(),
    text,
    st.integers(-5, 100_000),
    st.booleans(),
    st.sampled_from(sorted(STATUS_STYLE)),
    st.lists(text, max_size=3),
)


@st.composite
def sections(draw: st.DrawFn) -> Section:
    n = draw(st.integers(1, 6))
    columns = [
        Column(
            f"k{i}" if i else "status",
            draw(st.text(alphabet="abcdefgh é", min_size=1, max_size=12)),
            wrap=draw(st.booleans()),
            justify=draw(st.sampled_from(["left", "right", "center"])),
            priority=draw(st.integers(0, 100)),
            label=draw(st.booleans()),  # (never left out: may be wider than the terminal)
            whole=draw(st.booleans()),  # (folded, never cut short)
        )
        for i in range(n)
    ]
    rows = draw(st.lists(st.fixed_dictionaries({c.key: values for c in columns}), max_size=8))
    return Section(
        title=draw(prose), columns=columns, rows=rows, empty=draw(st.sampled_from(["(none)", ""]))
    )


@settings(max_examples=300, deadline=None)
@given(
    lead=st.lists(prose, max_size=2),
    found=st.lists(sections(), min_size=1, max_size=3),
    notes=st.lists(prose, max_size=2),
    width=st.integers(20, 140),
)
def test_direct_draws_what_rich_draws(lead, found, notes, width):
    report = Report(document=None, sections=found, notes=notes, lead=lead)
    direct = "".join(pieces(report, width=width, terminal=True, direct=True))
    rich = "".join(pieces(report, width=width, terminal=True, direct=False))
    assert direct == rich


def test_direct_draws_a_status_table_itself():
    rows = [{"status": s, "k1": f"measure-{i}", "k2": i} for i, s in enumerate(STATUS_STYLE)]
    section = Section(
        "Measures",
        [Column("k1", "id"), Column("status", "status"), Column("k2", "n", justify="right")],
        rows,
    )
    drawn = Direct(80).table(section.columns, [12, 12, 3], rows, True)
    assert drawn is not None and "\x1b[34magreed      \x1b[0m" in drawn
    # a note is folded at spaces; a word too long for a line is left to Rich
    assert Direct(20).line("widen it, or use --format json", "dim") == (
        "\x1b[2mwiden it, or use \x1b[0m\n\x1b[2m--format json\x1b[0m\n"
    )
    assert Direct(20).line("x" * 21, "dim") is None


def test_direct_draws_a_timeline_and_parts_itself():
    """A timeline's lanes (centred, with its signs) and a part's └ were left to Rich, row
    by row: `timeline --no-pager` took a minute at a terminal on 20,000 measures, where
    piped it took two seconds. Direct draws them, as Rich does."""
    columns = [
        Column("date", "date"),
        Column("lane", "DPRK", justify="center"),
        Column("after", "days after", justify="right"),
        Column("id", "measure"),
    ]
    rows = [
        {"date": "2018-05-24", "lane": sign, "after": 27, "id": "└ sohae-engine-stand"}
        for sign in "●○◐✓✗⊘"
    ]
    drawn = Direct(80).table(columns, [10, 5, 10, 20], rows, True)
    assert drawn is not None and "2018-05-24     ●     " in drawn
    report = Report(document=None, sections=[Section("Timeline", columns, rows)])
    direct = "".join(pieces(report, width=80, terminal=True, direct=True))
    assert direct == "".join(pieces(report, width=80, terminal=True, direct=False))


def test_no_colour_is_left_to_rich(monkeypatch):
    report = Report(document=None, lead=["What if"])
    monkeypatch.setenv("NO_COLOR", "1")
    no_colour = "".join(pieces(report, width=40, terminal=True, direct=True))
    assert no_colour == "".join(pieces(report, width=40, terminal=True, direct=False))
    assert "\x1b[1;33m" not in no_colour


# A column of cells: text (printable or not, wide or combining), lists of it, nothing.
_CELL = st.one_of(
    st.none(),
    st.text(alphabet=st.sampled_from("ab- └\t\x1b\x07é\u0301한"), max_size=6),
    st.lists(st.text(alphabet=st.sampled_from("ab\x07한"), max_size=4), max_size=3),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_CELL, max_size=8))
def test_a_kept_tables_column_width_is_its_widest_cell(column):
    """The kept status table measures a whole column at once; whatever the cells, that
    is the widest `cell_width` of them, the one rule of a cell's width."""
    from dprk_cli.render import cell_width
    from dprk_cli.render.views import _widest

    assert _widest(column) == max((cell_width(v) for v in column), default=0)


def test_labels_wider_than_the_terminal_are_drawn_whole_by_either_painter():
    """What names a row is never left out nor cut: a table whose labels alone are wider
    than the terminal is drawn as wide as they need, by Direct and by Rich alike, and the
    other columns are left out, lowest priority first."""
    from dprk_cli.render.screen import fit_columns

    rows = [{"k1": "complete-denuclearization-pledge", "status": "agreed", "k2": 7, "k3": "x y"}]
    section = Section(
        "Measures",
        [
            Column("k1", "id", label=True),
            Column("status", "status", label=True),
            Column("k3", "title", wrap=True, priority=10),
            Column("k2", "n", justify="right", priority=90),
        ],
        rows,
    )
    kept, hidden, _ = fit_columns(section, 40)
    assert [c.header for c in kept] == ["id", "status"] and hidden == ["title", "n"]
    report = Report(document=None, sections=[section])
    direct = "".join(pieces(report, width=40, terminal=True, direct=True))
    assert direct == "".join(pieces(report, width=40, terminal=True, direct=False))
    assert "complete-denuclearization-pledge   \x1b[34magreed\x1b[0m" in direct
