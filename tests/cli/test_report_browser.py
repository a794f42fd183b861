"""The HTML report in a real browser: headless Chromium takes a screenshot and
dumps the page it rendered. Skipped only where Chromium cannot be had."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import zlib
from pathlib import Path

import pytest

from tests.conftest import missing

pytestmark = pytest.mark.slow  # process-heavy: left out by `pytest -m "not slow"`

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Headless, and kept off the network: no background fetches, updates or sync.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def _chromium() -> str | None:
    override = os.environ.get("DPRK_TEST_CHROMIUM")
    if override:
        return override
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def chromium() -> str:
    found = _chromium()
    if found is None:
        missing("Chromium is not installed (Debian: apt-get install chromium; .ci/run installs it)")
    return found


def _run(browser: str, *args: str) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory(prefix="dprk-chromium-") as profile:
        return subprocess.run(
            [browser, *FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=120,
            stdin=subprocess.DEVNULL,
        )


def _png_size_and_colours(path: Path) -> tuple[int, int, int]:
    """Width, height, and how many distinct pixel values a sample of rows holds."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width = int.from_bytes(data[16:20], "big")
    height = int.from_bytes(data[20:24], "big")
    chunks, pos = [], 8
    while pos < len(data):
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        if kind == b"IDAT":
            chunks.append(data[pos + 8 : pos + 8 + length])
        pos += 12 + length
    raw = zlib.decompress(b"".join(chunks))
    # Unfiltered bytes are enough to tell a blank page (a handful of values) from
    # a drawn one (many); no need to undo PNG filtering here.
    return width, height, len(set(raw[: 4 * width * 400]))


def test_report_renders_in_chromium(chromium, dprk, korea, tmp_path):
    result = dprk("report", "--output", "talks.html")
    assert result.code == 0, result.err
    page = (tmp_path / "talks.html").resolve()
    url = page.as_uri()

    shot = tmp_path / "talks.png"
    run = _run(chromium, f"--screenshot={shot}", "--window-size=1280,2000", url)
    assert shot.exists(), f"no screenshot: {run.stderr[-2000:]}"
    width, height, colours = _png_size_and_colours(shot)
    assert (width, height) == (1280, 2000)
    assert shot.stat().st_size > 50_000  # a blank page compresses to a few kilobytes
    assert colours > 50

    run = _run(chromium, "--dump-dom", url)
    dom = run.stdout
    assert "</html>" in dom, run.stderr[-2000:]
    for party in ("DPRK", "ROK", "US"):
        assert f"<h3>{party}</h3>" in dom
    for ident in ("inventory-submission", "end-of-war-declaration", "punggye-ri-closure"):
        assert ident in dom
    assert "Deadlock: end-of-war-declaration, inventory-submission" in dom
    assert "inventory-submission waits for end-of-war-declaration (demanded by DPRK)" in dom
    assert "<svg" in dom and "<circle" in dom


_PROBE = """<html><body><iframe id="f" src="{page}" style="width:{width}px;height:800px"></iframe>
<script>
document.getElementById("f").onload = function () {{
  var doc = this.contentDocument, d = doc.documentElement, broken = [];
  // a word alone (an actor, a header, a number) drawn on one line, not broken
  doc.querySelectorAll("th, td:not(.title)").forEach(function (cell) {{
    var walk = doc.createTreeWalker(cell, NodeFilter.SHOW_TEXT), node;
    while ((node = walk.nextNode())) {{
      var words = node.textContent.trim();
      if (!words || /[\\s-]/.test(words)) continue;  // (an id may break after a hyphen)
      var range = doc.createRange();
      range.selectNodeContents(node);
      if (range.getClientRects().length > 1) broken.push(words);
    }}
  }});
  var p = document.createElement("pre");
  p.id = "out";
  p.textContent = "wide=" + d.scrollWidth + " shown=" + d.clientWidth + " broken=" + broken.join("|");
  document.body.appendChild(p);
}};
</script></body></html>
"""


def _measured(chromium: str, tmp_path: Path, page: str, width: int = 1280) -> tuple[int, int, str]:
    """The report `page` laid out in a frame `width` pixels wide: how wide it is, how wide
    it shows, and the cells of one word that were broken over two lines."""
    # (the page allows no script: a page beside it measures it, in a frame)
    found = _probed(chromium, tmp_path, _PROBE.format(page=page, width=width),
                    r"wide=(\d+) shown=(\d+) broken=([^<]*)")  # fmt: skip
    return int(found.group(1)), int(found.group(2)), found.group(3)


def _probed(chromium: str, tmp_path: Path, probe_page: str, said: str) -> re.Match[str]:
    """What a page beside the report, `probe_page`, wrote out once it measured the report
    in a frame (the report allows no script), matched by `said`."""
    probe = tmp_path / "probe.html"
    probe.write_text(probe_page, encoding="utf-8")
    run = _run(
        chromium,
        "--allow-file-access-from-files",
        "--virtual-time-budget=5000",
        "--dump-dom",
        probe.resolve().as_uri(),
    )
    found = re.search(f'<pre id="out">{said}</pre>', run.stdout)
    assert found is not None, run.stderr[-2000:]
    return found


def test_long_unbroken_text_does_not_push_the_report_off_the_page(chromium, dprk, empty, tmp_path):
    """A title of 400 letters without a space: the tables grew wider than the page, and
    the measures' status went off it. A title breaks where it must; nothing else does
    (the bundled example's actors, headers and numbers stay whole)."""
    assert dprk("add-measure", "A" * 400, "--actor", "DPRK", "--id", "longword").code == 0
    assert dprk("report", "--output", "wide.html").code == 0
    wide, shown, broken = _measured(chromium, tmp_path, "wide.html")
    assert 1000 < shown <= 1280 and wide == shown
    assert broken == ""
    assert dprk("--ledger", "example.toml", "init", "--example", "korea-2018").code == 0
    assert dprk("--ledger", "example.toml", "report", "--output", "example.html").code == 0
    wide, shown, broken = _measured(chromium, tmp_path, "example.html")
    assert wide == shown and broken == ""


def test_on_a_phone_the_page_does_not_scroll_sideways(chromium, dprk, korea, tmp_path):
    """At 375 and 768 pixels the whole page was 1,136 pixels wide (the measures table),
    and a reader scrolled it sideways to reach the deadlines; a table too wide for the
    screen scrolls in its own box."""
    assert dprk("report", "--output", "talks.html").code == 0
    for width in (375, 390, 768):
        wide, shown, _ = _measured(chromium, tmp_path, "talks.html", width)
        assert shown <= width and wide == shown, (width, wide, shown)


_PRINTED = """<html><body><iframe id="f" src="{page}" style="width:680px;height:800px"></iframe>
<script>
document.getElementById("f").onload = function () {{
  var doc = this.contentDocument, broken = [];
  // the page as printed: its print rules applied on screen, in a frame an A4 page wide
  Array.prototype.forEach.call(doc.styleSheets, function (sheet) {{
    Array.prototype.forEach.call(sheet.cssRules, function (rule) {{
      if (rule.media && rule.media.mediaText === "print") {{
        Array.prototype.forEach.call(rule.cssRules, function (inner) {{
          sheet.insertRule(inner.cssText, sheet.cssRules.length);
        }});
      }}
    }});
  }});
  // an id breaks after a hyphen, never between two letters
  doc.querySelectorAll("td.id").forEach(function (cell) {{
    var words = cell.textContent.replace(/^\\u2514\\u00a0/, "").trim();
    var range = doc.createRange();
    range.selectNodeContents(cell);
    var lines = new Set();
    Array.prototype.forEach.call(range.getClientRects(), function (r) {{
      lines.add(Math.round(r.top));
    }});
    if (lines.size > words.split("-").length) broken.push(words);
  }});
  var p = document.createElement("pre");
  p.id = "out";
  p.textContent = "broken=" + broken.join("|");
  document.body.appendChild(p);
}};
</script></body></html>
"""


def test_printed_ids_break_only_after_their_hyphens(chromium, dprk, korea, tmp_path):
    """Printed, the id column collapsed to a letter a line: 'tongchang-ri-dismantlement'
    ran down 25 lines, and the measures table took 13 pages."""
    assert dprk("report", "--output", "talks.html").code == 0
    found = _probed(chromium, tmp_path, _PRINTED.format(page="talks.html"), "broken=([^<]*)")
    assert found.group(1) == ""


_PRINTED_TIMELINE = """<html><body><iframe id="f" src="{page}" style="width:680px;height:800px">
</iframe><script>
document.getElementById("f").onload = function () {{
  var doc = this.contentDocument, said = [];
  Array.prototype.forEach.call(doc.styleSheets, function (sheet) {{
    Array.prototype.forEach.call(sheet.cssRules, function (rule) {{
      if (rule.media && rule.media.mediaText === "print") {{
        Array.prototype.forEach.call(rule.cssRules, function (inner) {{
          sheet.insertRule(inner.cssText, sheet.cssRules.length);
        }});
      }}
    }});
  }});
  var whole = doc.querySelector("svg.timeline-whole");
  said.push("whole=" + doc.defaultView.getComputedStyle(whole).display);
  doc.querySelectorAll("svg.timeline-part").forEach(function (part) {{
    var drawn = part.querySelector("use").getBBox();
    said.push(Math.round(part.getBoundingClientRect().height) + ":" + Math.round(drawn.height));
  }});
  var p = document.createElement("pre");
  p.id = "out";
  p.textContent = said.join(" ");
  document.body.appendChild(p);
}};
</script></body></html>
"""


def test_a_tall_timeline_prints_in_parts_that_show_the_drawing(chromium, dprk, empty, tmp_path):
    """Printed, the timeline's parts show the one drawing through <use> (with the whole
    picture hidden), each part shown, and none taller than an A4 page."""
    from tests.cli.test_pictures import _tall_timeline

    (tmp_path / "tall.html").write_text(_tall_timeline(dprk), encoding="utf-8")
    found = _probed(chromium, tmp_path, _PRINTED_TIMELINE.format(page="tall.html"),
                    r"whole=(\w+) ([\d: ]+)")  # fmt: skip
    assert found.group(1) == "none"
    parts = [tuple(map(int, p.split(":"))) for p in found.group(2).split()]
    assert len(parts) >= 3
    assert all(0 < shown < 1000 and drawn > shown for shown, drawn in parts), parts


_TABLE = """<html><body><iframe id="f" src="{page}" style="width:{width}px;height:800px"></iframe>
<script>
document.getElementById("f").onload = function () {{
  var doc = this.contentDocument;
  if ({printed}) {{  // the page as printed: its print rules applied on screen
    Array.prototype.forEach.call(doc.styleSheets, function (sheet) {{
      Array.prototype.forEach.call(sheet.cssRules, function (rule) {{
        if (rule.media && rule.media.mediaText === "print") {{
          Array.prototype.forEach.call(rule.cssRules, function (inner) {{
            sheet.insertRule(inner.cssText, sheet.cssRules.length);
          }});
        }}
      }});
    }});
  }}
  var table = doc.querySelector("#measures + .wide table");
  var cell = doc.querySelector("td.id"), range = doc.createRange(), lines = new Set();
  range.selectNodeContents(cell);
  Array.prototype.forEach.call(range.getClientRects(), function (r) {{
    lines.add(Math.round(r.top));
  }});
  var p = document.createElement("pre");
  p.id = "out";
  p.textContent = "table=" + Math.round(table.getBoundingClientRect().width) +
    " box=" + table.parentNode.clientWidth + " lines=" + lines.size;
  document.body.appendChild(p);
}};
</script></body></html>
"""


@pytest.mark.parametrize(
    ("printed", "width"),
    # (printed: an A4 page's 717 px inside Chromium's margins, a Letter page's 740)
    [("true", 716), ("false", 1280)],
)
def test_a_long_id_without_hyphens_wraps_in_the_measures_table(
    chromium, dprk, empty, tmp_path, printed, width
):
    """An id of 52 letters without a hyphen did not wrap: the printed measures table ran
    off the page, its last column (the deadline) lost, and on screen it scrolled. It
    breaks between two letters where it must."""
    ident = "abcdefghijklmnopqrstuvwxyz" * 2
    assert dprk("add-measure", "No hyphen", "--actor", "DPRK", "--id", ident, "--status",
                "agreed", "--date", "2004-01-02", "--deadline", "2005-01-01").code == 0  # fmt: skip
    assert dprk("report", "--output", "long.html").code == 0
    probe = _TABLE.format(page="long.html", printed=printed, width=width)
    found = _probed(chromium, tmp_path, probe, r"table=(\d+) box=(\d+) lines=(\d+)")
    table, box, lines = map(int, found.groups())
    assert table <= box and lines >= 2, found.group(0)


_CUT = """<html><body><iframe id="f" src="{page}" style="width:1280px;height:800px"></iframe>
<script>
document.getElementById("f").onload = function () {{
  var doc = this.contentDocument, cut = [];
  function said(text) {{ return text.lastChild.textContent; }}
  // each label of the timeline within its lane, as Chromium draws it, in its own font
  var timeline = doc.querySelector('svg[aria-label^="Timeline of "]');
  var lanes = timeline.querySelectorAll('text[font-size="14"]').length;
  var lane = (1100 - 96) / lanes;
  timeline.querySelectorAll('text[font-size="12.5"], text[font-size="11.5"]').forEach(
    function (text) {{
      var box = text.getBBox(), end = 96 + (Math.floor((box.x - 96) / lane) + 1) * lane;
      if (box.x + box.width > end + 0.5) cut.push(said(text));
    }});
  // the score chart's legend within the chart
  doc.querySelectorAll('svg[viewBox^="0 0 720 "] text').forEach(function (text) {{
    var box = text.getBBox();
    if (box.x + box.width > 720.5) cut.push(said(text));
  }});
  var p = document.createElement("pre");
  p.id = "out";
  p.textContent = "lanes=" + lanes + " cut=" + cut.join("|");
  document.body.appendChild(p);
}};
</script></body></html>
"""

LIBYA = "Jamahiriya al-Arabiya al-Libiya ash-Shabiya al-Ishtirakiya"


def test_labels_of_six_lanes_and_the_score_legend_are_drawn_whole(chromium, dprk, tmp_path):
    """With six parties, labels in the rightmost lane ran past the picture's right edge in
    the machine's sans-serif (DejaVu Sans, wider than the 0.55 em a character was taken
    for): 'measure-2011-03-17' showed as 'measure-2011-03-1', and labels of other lanes
    ran into the next. The score chart's legend showed 'Jamahiriya al-Ar'."""
    parties = [LIBYA, "US", "UK", "IAEA", "OPCW", "Россия"]
    assert dprk("init", "--title", "Six", *[a for p in parties for a in ("--party", p)]).code == 0
    for args in (
        ("Long", "--actor", LIBYA, "--status", "implemented", "--date", "2004-01-01", "--id",
         "destroy-the-entire-remaining-stockpile-of-sulfur-mustard-at-ruwagha-depot"),
        ("No hyphen", "--actor", "Россия", "--id", "abcdefghijklmnopqrstuvwxyz" * 2,
         "--status", "agreed", "--date", "2004-01-02"),
        ("Медведев воздерживается в СБ ООН", "--actor", "Россия", "--date", "2011-03-17",
         "--status", "implemented"),
    ):  # fmt: skip
        assert dprk("add-measure", *args).code == 0
    assert dprk("report", "--output", "six.html").code == 0
    page = (tmp_path / "six.html").read_text(encoding="utf-8")
    assert "measure-2011-03-17" in page
    found = _probed(chromium, tmp_path, _CUT.format(page="six.html"), r"lanes=(\d+) cut=([^<]*)")
    assert found.group(1) == "6" and found.group(2) == "", found.group(0)


_NARROW = """<html><body><iframe id="f" src="{page}" style="width:{width}px;height:800px"></iframe>
<script>
document.getElementById("f").onload = function () {{
  var doc = this.contentDocument, d = doc.documentElement, said = [];
  // each wide picture: how wide it is drawn, and whether its box scrolls sideways
  [["timeline", 'svg[aria-label^="Timeline of "]'], ["chart", 'svg[viewBox^="0 0 720 "]']]
    .forEach(function (pair) {{
      var svg = doc.querySelector(pair[1]), box = svg.parentNode;
      said.push(pair[0] + "=" + Math.round(svg.getBoundingClientRect().width) + ":" +
                (box.scrollWidth > box.clientWidth ? "scrolls" : "fits"));
    }});
  var main = doc.querySelector("main");
  said.push("side=" + parseFloat(doc.defaultView.getComputedStyle(main).paddingLeft));
  said.push("page=" + (d.scrollWidth > d.clientWidth ? "scrolls" : "fits"));
  var p = document.createElement("pre");
  p.id = "out";
  p.textContent = said.join(" ");
  document.body.appendChild(p);
}};
</script></body></html>
"""


def test_on_a_phone_the_pictures_keep_a_readable_size_and_scroll_in_their_box(
    chromium, dprk, korea, tmp_path
):
    """At 375 pixels the timeline (1,100 units wide) and the score chart (720) shrank to
    the screen's width, their words some 4 pixels tall, and the page kept its 40 pixels
    of margin each side. Each is drawn at least 880 and 600 pixels wide, in a box of its
    own that scrolls sideways (the page does not), and the margins are narrower; on a
    wide screen nothing changes."""
    before = korea.read_bytes()
    assert dprk("report", "--output", "talks.html").code == 0
    said = r"timeline=(\d+):(\w+) chart=(\d+):(\w+) side=([\d.]+) page=(\w+)"
    found = _probed(chromium, tmp_path, _NARROW.format(page="talks.html", width=375), said)
    timeline, timeline_box, chart, chart_box, side, page = found.groups()
    assert int(timeline) >= 880 and int(chart) >= 600, found.group(0)
    assert (timeline_box, chart_box, page) == ("scrolls", "scrolls", "fits"), found.group(0)
    assert float(side) <= 16, found.group(0)
    found = _probed(chromium, tmp_path, _NARROW.format(page="talks.html", width=1280), said)
    timeline, timeline_box, chart, chart_box, side, page = found.groups()
    assert (int(timeline), int(chart), float(side)) == (1100, 720, 40), found.group(0)
    assert (timeline_box, chart_box, page) == ("fits", "fits", "fits"), found.group(0)
    assert korea.read_bytes() == before


_AS_PRINTED = """<html><body><iframe id="f" src="{page}" style="width:{width}px;height:800px">
</iframe><script>
document.getElementById("f").onload = function () {{
  var doc = this.contentDocument, d = doc.documentElement, over = [];
  d.style.overflow = "hidden";  // (a page has no scroll bar)
  // the page as printed: its print rules applied, its screen rules not
  Array.prototype.forEach.call(doc.styleSheets, function (sheet) {{
    for (var i = sheet.cssRules.length - 1; i >= 0; i--) {{
      var media = sheet.cssRules[i].media;
      if (media && media.mediaText.indexOf("screen") === 0) sheet.deleteRule(i);
    }}
    Array.prototype.forEach.call(sheet.cssRules, function (rule) {{
      if (rule.media && rule.media.mediaText === "print") {{
        Array.prototype.forEach.call(rule.cssRules, function (inner) {{
          sheet.insertRule(inner.cssText, sheet.cssRules.length);
        }});
      }}
    }});
  }});
  // a cell whose words run out of it (over the next one, or off the page)
  doc.querySelectorAll("td, th").forEach(function (cell) {{
    if (cell.scrollWidth > cell.clientWidth + 1) over.push(cell.textContent.slice(0, 30));
  }});
  var p = document.createElement("pre");
  p.id = "out";
  p.textContent = "wide=" + d.scrollWidth + " page=" + d.clientWidth + " over=" + over.join("|");
  document.body.appendChild(p);
}};
</script></body></html>
"""


@pytest.mark.parametrize("width", [716, 740])  # (A4, Letter: inside Chromium's margins)
def test_the_printed_report_is_no_wider_than_the_page(chromium, dprk, tmp_path, width):
    """The measures table asked some 1,000 px (its dates and the deadline's 'partly done,
    overdue' kept on one line, each column as wide as its words), and Chromium shrank
    every printed page to some 70% to fit it: its text 6 to 7 points. Printed, the page
    is no wider than the paper's printable width, with the bundled example and with long
    titles, ids and party names, and no cell's words run out of it."""
    assert dprk("--ledger", "example.toml", "init", "--example", "korea-2018").code == 0
    assert dprk("--ledger", "example.toml", "report", "--output", "example.html").code == 0
    long_id = "abcdefghijklmnopqrstuvwxyz" * 2
    far = "destroy-the-entire-remaining-stockpile-of-sulfur-mustard-at-ruwagha-depot"
    assert dprk("init", "--title", "Long", "--party", LIBYA, "--party", "US").code == 0
    for args in (
        ("A" * 400, "--actor", LIBYA, "--id", long_id, "--status", "agreed",
         "--date", "2004-01-02", "--deadline", "2004-03-01"),
        ("Destroy the stockpile", "--actor", "US", "--id", far, "--status", "implemented",
         "--extent", "minimal", "--date", "2004-01-03", "--deadline", "2004-02-01",
         "--in-exchange-for", long_id, "--after", long_id),
    ):  # fmt: skip
        assert dprk("add-measure", *args).code == 0
    before = (tmp_path / "dprk-ledger.toml").read_bytes()
    result = dprk("report", "--as-of", "2004-12-31", "--output", "long.html")
    assert result.code == 0, result.err
    assert (tmp_path / "dprk-ledger.toml").read_bytes() == before
    assert "partly done, overdue" in (tmp_path / "long.html").read_text(encoding="utf-8")
    for page in ("example.html", "long.html"):
        probe = _AS_PRINTED.format(page=page, width=width)
        found = _probed(chromium, tmp_path, probe, r"wide=(\d+) page=(\d+) over=([^<]*)")
        wide, shown, over = int(found.group(1)), int(found.group(2)), found.group(3)
        assert shown == width and wide <= width and over == "", (page, found.group(0))
