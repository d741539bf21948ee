"""Small bar charts drawn as SVG on the server: no JavaScript, no chart library.

A chart is never the only place a figure appears: each is drawn next to a
table of the same numbers, and carries its own title and description, so a
screen reader user or a printed copy loses nothing. Django's template
engine escapes every label.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    # Drawn stacked on the value, e.g. the late part of the answered enquiries.
    part: float = 0
    # Written instead of the value where there is none to draw (e.g. "none answered").
    note: str = ""

    def text(self, unit: str) -> str:
        return self.note or f"{self.value:g}{unit}"


def bar_chart(
    title: str, bars: Sequence[Bar], *, unit: str = "", part_label: str = "", width: int = 640
) -> SafeString:
    """A horizontal bar chart: one row per bar, its value written at its end."""
    row = 28
    label_width = 200
    chart_width = width - label_width - 60
    biggest = max((b.value for b in bars), default=0) or 1
    rows = []
    for i, b in enumerate(bars):
        length = chart_width * b.value / biggest
        part = chart_width * min(b.part, b.value) / biggest
        rows.append(
            {
                "y": i * row + 8,
                "label": b.label,
                "value": b.text(unit),
                "length": round(length, 1),
                "part": round(part, 1),
                "part_x": round(label_width + length - part, 1),
                "text_x": round(label_width + length + 6, 1),
            }
        )
    return render_to_string(
        "workspace/chart.svg",
        {
            "title": title,
            "rows": rows,
            "width": width,
            "height": max(len(bars), 1) * row + 16,
            "label_width": label_width,
            "label_end": label_width - 8,
            "part_label": part_label,
            "description": "; ".join(f"{b.label}: {b.text(unit)}" for b in bars),
        },
    )
