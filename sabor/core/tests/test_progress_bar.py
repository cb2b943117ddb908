from sabor.core.templatetags.sabor import progress_bar_html


def test_a_bar_is_drawn_to_its_share_without_a_style_attribute():
    html = progress_bar_html("51", 51)
    assert '<rect width="51" height="1">' in html and "style=" not in html
    assert html.endswith('<span class="num">51%</span>')


def test_a_bar_stays_within_its_track_and_no_value_is_a_dash():
    assert '<rect width="100"' in progress_bar_html("130", 130)
    assert '<rect width="0"' in progress_bar_html("-5", -5)
    assert progress_bar_html(None, 0) == '<span class="num">—</span>'
    assert "&lt;b&gt;" in progress_bar_html("<b>", 10)
