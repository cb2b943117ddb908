"""Server-drawn SVG line charts. One chart definition serves the page and (later)
the report documents; every chart is shown next to a table of its data."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 40


@dataclass
class Series:
    label: str
    values: list[Decimal | None]
    css_class: str  # colour and dash pattern, so series differ by more than colour
    marker: str = "circle"


@dataclass
class Point:
    x: float
    y: float
    value: Decimal


def _nice_ticks(low: Decimal, high: Decimal, count: int = 5) -> list[Decimal]:
    if high == low:
        high = low + 1
    raw = (high - low) / count
    magnitude = Decimal(10) ** (len(str(int(abs(raw)))) - 1) if raw >= 1 else Decimal("0.1")
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    start = (low / step).to_integral_value(rounding="ROUND_FLOOR") * step
    ticks = [start]
    while ticks[-1] < high:
        ticks.append(ticks[-1] + step)
    return ticks


def line_chart(labels: list[str], series: list[Series]) -> dict:
    values = [v for s in series for v in s.values if v is not None]
    if not values or not labels:
        return {"empty": True, "width": WIDTH, "height": HEIGHT}
    ticks = _nice_ticks(min(min(values), Decimal(0)), max(values))
    low, high = ticks[0], ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step_x = plot_w / max(len(labels) - 1, 1)

    def x(index: int) -> float:
        return round(LEFT + index * step_x, 1)

    def y(value: Decimal) -> float:
        return round(TOP + plot_h - float((value - low) / (high - low)) * plot_h, 1)

    drawn = []
    for s in series:
        points = [Point(x(i), y(v), v) for i, v in enumerate(s.values) if v is not None]
        drawn.append({"series": s, "points": points, "path": " ".join(f"{p.x},{p.y}" for p in points)})
    return {
        "empty": False, "width": WIDTH, "height": HEIGHT,
        "x_labels": [{"x": x(i), "label": label} for i, label in enumerate(labels)],
        "y_ticks": [{"y": y(t), "label": t.normalize()} for t in ticks],
        "left": LEFT, "right": WIDTH - RIGHT, "bottom": TOP + plot_h, "label_y": HEIGHT - 12,
        "series": drawn,
    }
