"""Server-drawn SVG bar charts: categories, each with a bar per series. Like the line
charts, every bar chart is shown next to a table of its data."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

WIDTH = 640
LABEL_HEIGHT, BAR_HEIGHT, GAP, VALUE_ROOM = 18, 14, 12, 56


@dataclass
class BarSeries:
    label: str
    css_class: str  # colour and pattern, so series differ by more than colour


def bar_chart(categories: list[tuple[str, list[Decimal | int | None]]], series: list[BarSeries],
              maximum: Decimal | int | None = None) -> dict:
    """`categories` are (label, one value per series); bars are scaled to `maximum`
    (the largest value when not given)."""
    values = [Decimal(v) for _label, row in categories for v in row if v is not None]
    if not values or not series:
        return {"empty": True}
    top = Decimal(maximum) if maximum else max(values)
    top = top or Decimal(1)
    usable = WIDTH - VALUE_ROOM
    drawn, y = [], 0
    for label, row in categories:
        bars = []
        for index, (value, one) in enumerate(zip(row, series, strict=True)):
            width = 0 if value is None else round(float(Decimal(value) / top) * usable, 1)
            bars.append({"series": one, "value": value, "width": max(width, 0),
                         "y": y + LABEL_HEIGHT + index * BAR_HEIGHT})
        drawn.append({"label": label, "label_y": y + LABEL_HEIGHT - 5, "bars": bars})
        y += LABEL_HEIGHT + len(series) * BAR_HEIGHT + GAP
    return {"empty": False, "width": WIDTH, "height": y, "categories": drawn, "series": series,
            "bar_height": BAR_HEIGHT - 3}
