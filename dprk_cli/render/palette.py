"""The colours of statuses in pictures (graph, HTML report): one palette, light fills
with dark text, chosen to stay apart for readers with red-green colour blindness, each
text at least 4.5 times as light or dark as its fill (WCAG's AA for small text)."""

from __future__ import annotations

# status -> (fill, stroke / text accent)
STATUS_COLOURS: dict[str, tuple[str, str]] = {
    "proposed": ("#e0f4f8", "#0e7490"),
    "agreed": ("#d6e4ff", "#1d4ed8"),
    "implemented": ("#fff1c9", "#854d0e"),
    "verified": ("#d9f2e3", "#166534"),
    "disputed": ("#fde2e1", "#b91c1c"),
    "reversed": ("#f3e3f6", "#86198f"),
    "withdrawn": ("#ececec", "#4b5563"),
    "rejected": ("#f5e6da", "#9a3412"),
}
DEFAULT_COLOURS = ("#ffffff", "#374151")
DEADLOCK = "#c2410c"


def status_colours(status: str) -> tuple[str, str]:
    return STATUS_COLOURS.get(status, DEFAULT_COLOURS)
