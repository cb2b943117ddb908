from decimal import Decimal

from sabor.core.charts import Series, line_chart


def test_the_axis_covers_every_value():
    chart = line_chart(["2020", "2021"], [Series("a", [Decimal(12), Decimal("11.6")], "actual")])
    top = min(tick["y"] for tick in chart["y_ticks"])
    assert all(point.y >= top for point in chart["series"][0]["points"])
    assert max(tick["label"] for tick in chart["y_ticks"]) >= 12


def test_missing_values_leave_gaps_not_zeros():
    chart = line_chart(["2020", "2021", "2022"], [Series("a", [Decimal(1), None, Decimal(3)], "actual")])
    assert [p.value for p in chart["series"][0]["points"]] == [1, 3]
    assert chart["series"][0]["points"][1].x == chart["x_labels"][2]["x"]


def test_no_values_is_an_empty_chart():
    assert line_chart(["2020"], [Series("a", [None], "actual")])["empty"]


def test_the_document_image_is_a_jpeg_of_the_asked_width():
    from io import BytesIO

    from PIL import Image

    from sabor.core.charts import chart_image

    chart = line_chart(["2020", "2021"], [Series("a", [Decimal(12), Decimal("11.6")], "actual"),
                                          Series("b", [None, Decimal(10)], "target", "square")])
    image = Image.open(BytesIO(chart_image(chart, pixels_across=800)))
    assert (image.format, image.mode, image.size) == ("JPEG", "RGB", (800, 375))
