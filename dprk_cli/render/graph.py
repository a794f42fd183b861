"""The graph of what waits for what, as Mermaid or Graphviz DOT text.

Nodes are measures, coloured by status and grouped by party, each labelled with its
state (a verified or disputed one with who found so, a party to the talks said to be
one: `shapes.verified_text`) and, for
one overdue or done late on the day drawn, the flag `status` gives it (`_flag`). Edges:
exchange links (undirected, labelled "exchange": dotted in Mermaid, dashed in
DOT), `after` constraints (an arrow from the prerequisite to the measure that
waits for it, labelled with whose demand it is and "once verified" when it waits for
a verification, or "before" when it is neither), `with` constraints (labelled
"together", carried out together: a thick line in Mermaid, which draws no
double one, a double line in DOT), a part's link to the measure it is part of
(a dotted arrow, "part of"), and the constraints of a deadlock drawn thick and
red, labelled "deadlock". Every link says what it is in words, not by its
line alone, in both formats.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..analysis.overview import flags_text
from ..facts import Node, Nodes
from ..shapes import verified_text
from ..vocab import Require, done_in_part, is_overdue
from . import Report, finders, what_if
from .palette import DEADLOCK, status_colours


@dataclass(frozen=True)
class Edge:
    """One edge of the graph: kind is exchange, after, with, part."""

    kind: str
    source: str
    target: str
    label: str = ""
    deadlock: bool = False


def graph_edges(ledger: Nodes, deadlocked: set[tuple[str, str]]) -> list[Edge]:
    """Every edge once, in a stable order; `deadlocked` holds (measure, after) pairs."""
    known = {m.id for m in ledger.measures}
    edges: list[Edge] = []
    undirected: set[tuple[str, str, str]] = set()

    def link(kind: str, a: str, b: str, label: str) -> None:
        first, second = sorted((a, b))
        if b in known and (kind, first, second) not in undirected:
            undirected.add((kind, first, second))
            edges.append(Edge(kind, first, second, label))

    for m in sorted(ledger.measures, key=lambda m: m.id):
        if m.part_of is not None and m.part_of in known and m.part_of != m.id:
            edges.append(Edge("part", m.id, m.part_of, "part of"))
        for other in m.in_exchange_for:
            link("exchange", m.id, other, "exchange")
        for c in m.constraints:
            if c.with_ is not None:
                link("with", m.id, c.with_, "together")
            elif c.after is not None and c.after in known:
                stuck = (m.id, c.after) in deadlocked
                parts = []
                if c.require == Require.verified:
                    by = f" by {c.verified_by}" if c.verified_by else ""
                    parts.append(f"once verified{by}")
                elif c.require == Require.full:
                    parts.append("once done in full")
                if c.demanded_by:
                    parts.append(f"{c.demanded_by} demands")
                # (an order with nothing more to say says what it is, in a deadlock too:
                # the one waited for comes before the one that waits)
                label = ", ".join(["deadlock"] * stuck + (parts or ["before"]))
                edges.append(Edge("after", c.after, m.id, label, stuck))
    return edges


def with_neighbours(ledger: Nodes, chosen: set[str]) -> Nodes:
    """`ledger` with the `chosen` measures and those linked to them directly (exchanged for
    one, ordered with one, a part or the whole of one), in their order."""
    near = set(chosen)
    for m in ledger.measures:
        linked = {*m.in_exchange_for, *(c.other for c in m.constraints)}
        if m.part_of is not None:
            linked.add(m.part_of)
        if m.id in chosen:
            near |= linked
        elif not linked.isdisjoint(chosen):
            near.add(m.id)
    return ledger.with_measures([m for m in ledger.measures if m.id in near])


def _groups(ledger: Nodes) -> dict[str, list[Node]]:
    groups: dict[str, list[Node]] = {p: [] for p in ledger.parties}
    for m in sorted(ledger.measures, key=lambda m: m.id):
        groups.setdefault(m.actor, []).append(m)
    return {party: ms for party, ms in groups.items() if ms}


def _flag(m: Node, day: date) -> str:
    """What the status table's flags column says of a measure's deadline on `day`:
    'overdue' (`vocab.is_overdue`; 'partly done, overdue' for one carried out in part),
    'done late' (`Node.late`), in its words (`overview.flags_text`); "" for neither."""
    return flags_text(None, is_overdue(m, day), done_in_part(m), m.late is True)


def mermaid(ledger: Nodes, deadlocked: set[tuple[str, str]], title: str, day: date) -> str:
    """A Mermaid flowchart (GitHub and many editors draw it), headed by `title` (in its
    front matter, a YAML string written as JSON writes it: every character as it is);
    deadlines judged on `day`."""
    import json

    node = {m.id: f"m{i}" for i, m in enumerate(sorted(ledger.measures, key=lambda m: m.id))}
    lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}", "---", "flowchart LR"]
    statuses: dict[str, list[str]] = {}
    found_by = finders(ledger.parties)  # (a party's finding said so: 'disputed by Russia, a party')
    for index, (party, measures) in enumerate(_groups(ledger).items()):
        lines.append(f'  subgraph p{index}["{_mermaid_text(party)}"]')
        for m in measures:
            said = verified_text(m, found_by)
            label = f"{_mermaid_text(m.id)}<br/><i>{_mermaid_text(said)}</i>"
            flag = _flag(m, day)
            if flag:
                label += f"<br/><b>{_mermaid_text(flag)}</b>"
            lines.append(f'    {node[m.id]}["{label}"]')
            statuses.setdefault(m.status.value, []).append(node[m.id])
        lines.append("  end")
    red: list[int] = []
    for number, e in enumerate(graph_edges(ledger, deadlocked)):
        a, b = node[e.source], node[e.target]
        label = f'|"{_mermaid_text(e.label)}"|' if e.label and e.kind == "after" else ""
        if e.kind == "exchange":
            lines.append(f'  {a} -.- |"exchange"| {b}')
        elif e.kind == "with":
            lines.append(f'  {a} === |"together"| {b}')
        elif e.kind == "part":
            lines.append(f"  {a} -. part of .-> {b}")
        elif e.deadlock:
            lines.append(f"  {a} ==>{label} {b}")
            red.append(number)
        else:
            lines.append(f"  {a} -->{label} {b}")
    for status, ids in statuses.items():
        fill, stroke = status_colours(status)
        lines.append(f"  classDef {status} fill:{fill},stroke:{stroke},color:#111")
        lines.append(f"  class {','.join(ids)} {status}")
    if red:
        style = f"stroke:{DEADLOCK},stroke-width:3px,color:{DEADLOCK}"
        lines.append(f"  linkStyle {','.join(map(str, red))} {style}")
    return "\n".join(lines) + "\n"


def _mermaid_text(text: str) -> str:
    """Text inside a quoted Mermaid label: quotes and markup characters as entities ('#'
    first, which begins one; a backtick, which after the quote makes Markdown of it)."""
    return (
        text.replace("#", "#35;")
        .replace("`", "#96;")
        .replace("&", "#amp;")
        .replace('"', "#quot;")
        .replace("<", "#lt;")
        .replace(">", "#gt;")
        .replace("|", "#124;")
    )


def dot(ledger: Nodes, deadlocked: set[tuple[str, str]], title: str, day: date) -> str:
    """A Graphviz digraph, headed by `title`: `dprk graph --format dot | dot -Tsvg`;
    deadlines judged on `day`."""
    lines = [
        "digraph dprk {",
        "  rankdir=LR;",
        f"  label={_dot_text(title)}; labelloc=t; fontname=Helvetica;",
        '  node [shape=box, style="rounded,filled", fontname=Helvetica, fontsize=11];',
        "  edge [fontname=Helvetica, fontsize=9];",
    ]
    found_by = finders(ledger.parties)  # (a party's finding said so, as in Mermaid)
    for index, (party, measures) in enumerate(_groups(ledger).items()):
        lines.append(f"  subgraph cluster_{index} {{")
        lines.append(f'    label={_dot_text(party)}; style="rounded"; color="#9ca3af";')
        for m in measures:
            fill, stroke = status_colours(m.status.value)
            flag = _flag(m, day)
            said = verified_text(m, found_by)
            label = _dot_text(f"{m.id}\n{said}" + (f"\n{flag}" if flag else ""))
            lines.append(
                f'    {_dot_text(m.id)} [label={label}, fillcolor="{fill}", color="{stroke}"];'
            )
        lines.append("  }")
    for e in graph_edges(ledger, deadlocked):
        a, b = _dot_text(e.source), _dot_text(e.target)
        if e.kind == "exchange":
            attrs = 'dir=none, style=dashed, color="#6b7280", label="exchange"'
        elif e.kind == "with":
            attrs = 'dir=none, color="#111111:invis:#111111", penwidth=1.5, label="together"'
        elif e.kind == "part":
            attrs = 'style=dotted, arrowhead=empty, color="#6b7280", label="part of"'
        elif e.deadlock:
            attrs = f'color="{DEADLOCK}", fontcolor="{DEADLOCK}", penwidth=3, '
            attrs += f"label={_dot_text(e.label)}"
        else:
            attrs = f"label={_dot_text(e.label)}" if e.label else ""
        lines.append(f"  {a} -> {b}" + (f" [{attrs}];" if attrs else ";"))
    lines.append("}")
    return "\n".join(lines) + "\n"


def _dot_text(text: str) -> str:
    """A DOT quoted string."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def graph_report(
    ledger: Nodes,
    deadlocked: set[tuple[str, str]],
    fmt: str,
    day: date,
    as_of: date | None = None,
    assumed: list[str] | None = None,
) -> Report:
    """The graph, its measures' deadlines judged on `day` (today, or the day asked of),
    titled with the ledger's title (and the day it stood on, with --as-of;
    under --assume, what it assumes, as another view's first line says it: the picture,
    kept or shown apart from the command, is not taken for the record)."""
    title = ledger.title if as_of is None else f"{ledger.title} (as of {as_of.isoformat()})"
    if assumed:
        title = f"{title}. {what_if(assumed)}"
    draw = dot if fmt == "dot" else mermaid
    text = draw(ledger, deadlocked, title, day)
    return Report(document=None, text=text, id_key=None, verbatim=True)
