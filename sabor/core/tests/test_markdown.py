import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from sabor.core.markdown import render_markdown

HOSTILE_FRAGMENTS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![img](data:image/svg+xml,<svg onload=alert(1)>)",
    '<div style="background:url(javascript:alert(1))">',
    '<iframe src="https://evil.example"></iframe>',
    "<body onload=alert(1)>",
    '"><script>alert(1)</script>',
    "[x](vbscript:msgbox(1))",
    "<a href='&#106;avascript:alert(1)'>x</a>",
    "[x](&#106;avascript:alert(1))",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
]

FORBIDDEN_TAGS = {"script", "svg", "iframe", "img", "style", "math", "body", "div", "object", "embed", "form",
                  "input", "link", "meta", "base"}
FORBIDDEN_SCHEMES = ("javascript:", "data:", "vbscript:")


class _Elements(HTMLParser):
    """Collects the elements and attributes a browser would build from the HTML."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))

    handle_startendtag = handle_starttag


def assert_safe(html: str) -> None:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    for tag, attributes in parser.elements:
        assert tag not in FORBIDDEN_TAGS, html
        for name, value in attributes:
            assert not name.startswith("on"), html
            assert name != "style" or "url(" not in (value or ""), html
            if name in {"href", "src"}:
                cleaned = re.sub(r"[\x00-\x20]", "", value or "").lower()
                assert not cleaned.startswith(FORBIDDEN_SCHEMES), html


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(HOSTILE_FRAGMENTS), st.text(max_size=20)), min_size=1, max_size=8))
def test_no_hostile_markup_survives_any_mix(parts):
    assert_safe(render_markdown("".join(parts)))


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(HOSTILE_FRAGMENTS), st.sampled_from(["", "**", "> ", "- ", "# ", "`", "[a]("]))
def test_no_hostile_markup_survives_markdown_context(fragment, prefix):
    assert_safe(render_markdown(prefix + fragment))


def test_it_keeps_ordinary_formatting():
    html = render_markdown("# Заглавие\n\n**важно** и [сайт](https://lyaskovets.bg)\n\n- едно\n- две")
    assert "<h2>Заглавие</h2>" in html
    assert "<strong>важно</strong>" in html
    assert '<a href="https://lyaskovets.bg" rel="nofollow noopener ugc">сайт</a>' in html
    assert "<li>едно</li>" in html


def test_it_shows_typed_tags_as_text():
    html = render_markdown("<b>bold</b>")
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_it_drops_javascript_links_but_keeps_their_text():
    html = render_markdown("[натисни](javascript:alert(1))")
    assert "натисни" in html
    assert "href" not in html


def test_empty_text_renders_nothing():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""
