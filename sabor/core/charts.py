"""Server-drawn line charts. One chart definition (`line_chart`: the geometry) serves
the page, drawn as SVG by a template, and the report documents, drawn as an image by
`chart_image`; every chart is shown next to a table of its data."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from decimal import Decimal

from PIL import Image

from sabor.core import system_libraries

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


# The document image's colours and dash patterns: those of the page's `.chart` styles
# (static/css), so that series differ by more than colour in print too.
LINE_STYLES = {"expected": ("#5c636a", (6, 4)), "target": ("#7a4d00", (2, 3)), "actual": ("#6b1d3a", ())}
GRID, AXIS_TEXT = "#d5d9de", "#3b3b3b"


def _rgb(colour: str) -> tuple[float, float, float]:
    return tuple(int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))


def chart_image(chart: dict, pixels_across: int = 800) -> bytes:
    """The chart as a JPEG for documents. Drawn straight from the geometry with
    Cairo and encoded as JPEG (best quality, no colour subsampling, which keeps
    thin lines and small text clean): a report has hundreds of charts, and PNG
    encoding — and WeasyPrint re-encoding every PNG it embeds — cost ten times
    more. 800 px across the 14–15 cm of a page is about 140 dpi."""
    from sabor.core.templatetags.sabor import num

    cairo = system_libraries.cairo()  # not at import: the site runs without Cairo, only documents need it
    scale = pixels_across / chart["width"]
    surface = cairo.ImageSurface(cairo.FORMAT_RGB24, pixels_across, round(chart["height"] * scale))
    context = cairo.Context(surface)
    context.scale(scale, scale)
    context.set_source_rgb(1, 1, 1)
    context.paint()
    context.select_font_face("DejaVu Sans")
    context.set_font_size(12)

    def text(label: str, x: float, y: float, align: float, middle: bool) -> None:
        """`align` 0.5 centres the text on x, 1 ends it there; y is the text's middle
        or, if not `middle`, its baseline (as in the SVG)."""
        _xb, y_bearing, _w, height, advance, _ya = context.text_extents(label)
        context.move_to(x - advance * align, y - y_bearing - height / 2 if middle else y)
        context.show_text(label)

    context.set_line_width(1)
    for tick in chart["y_ticks"]:
        context.set_source_rgb(*_rgb(GRID))
        context.move_to(chart["left"], tick["y"])
        context.line_to(chart["right"], tick["y"])
        context.stroke()
        context.set_source_rgb(*_rgb(AXIS_TEXT))
        text(str(num(tick["label"])), chart["left"] - 8, tick["y"], 1, middle=True)
    for label in chart["x_labels"]:
        text(label["label"], label["x"], chart["label_y"], 0.5, middle=False)
    for drawn in chart["series"]:
        colour, dashes = LINE_STYLES[drawn["series"].css_class]
        context.set_source_rgb(*_rgb(colour))
        context.set_line_width(2.5)
        context.set_dash(dashes)
        for index, point in enumerate(drawn["points"]):
            (context.line_to if index else context.move_to)(point.x, point.y)
        context.stroke()
        context.set_dash(())
        for point in drawn["points"]:
            if drawn["series"].marker == "circle":
                context.arc(point.x, point.y, 4, 0, 2 * math.pi)
            elif drawn["series"].marker == "square":
                context.rectangle(point.x - 4, point.y - 4, 8, 8)
            context.fill()
    surface.flush()
    image = Image.frombuffer("RGB", (surface.get_width(), surface.get_height()), bytes(surface.get_data()),
                             "raw", "BGRX", surface.get_stride(), 1)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92, subsampling=0)
    return buffer.getvalue()
