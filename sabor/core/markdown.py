"""The one path by which user text becomes HTML: Markdown, then nh3 sanitising.

markdown-it runs with raw HTML disabled, so tags typed by a user come out as text;
nh3 then removes anything the Markdown renderer itself could be tricked into
producing (links with `javascript:` or `data:` URLs, attributes, unknown tags).
"""

from __future__ import annotations

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_renderer = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    ["table", "strikethrough"]
)

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "s", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "h2", "h3", "h4", "h5", "h6", "a", "table", "thead", "tbody", "tr", "th", "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"style"}, "td": {"style"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def render_markdown(text: str | None) -> SafeString:
    if not text:
        return mark_safe("")
    html = _renderer.render(text)
    # Headings start at h2: the page itself owns the single h1.
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="nofollow noopener ugc",
        filter_style_properties={"text-align"},
    )
    return mark_safe(cleaned)  # noqa: S308 - sanitised by nh3 just above
