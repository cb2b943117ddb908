import html
import re
from datetime import UTC, date, datetime
from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import get_language, ngettext

from sabor.core.audit import action_label, readable_changes
from sabor.core.markdown import render_markdown
from sabor.core.numbers import half_up

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    return render_markdown(text)


@register.filter
def audit_action(code):
    return action_label(code)



@register.filter
def audit_changes(entry):
    """An audit entry's changes, named by the changed object's model where it still exists."""
    model = entry.content_type.model_class() if entry.content_type_id else None
    return readable_changes(entry.changes or {}, model)


CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN_WORD = re.compile(r"[a-z]{2}")  # a code (VTR-E8RU, BG051PO002) is no English text


def content_language(text) -> str | None:
    """The language a piece of content is in, as far as its letters tell: Bulgarian with
    Cyrillic letters, English with Latin words only, None without words (a number, a code)."""
    text = str(text or "")
    if CYRILLIC.search(text):
        return "bg"
    return "en" if LATIN_WORD.search(text) else None


def _differs(text) -> str | None:
    language = content_language(text)
    return language if language and language != (get_language() or "bg")[:2] else None


@register.filter
def lang_attr(text):
    """` lang="…"` for the element that holds `text` (user content: a title, a comment,
    Markdown) when it is in another language than the page, so screen readers switch
    voice (WCAG 3.1.2); nothing otherwise."""
    language = _differs(text)
    return format_html(' lang="{}"', language) if language else ""


# A Bulgarian passage inside English text: Cyrillic words with what joins them.
CYRILLIC_PASSAGE = re.compile(r"[\u0400-\u04ff]+(?:[\s\d.,;:!?„“\"'()/–—-]+[\u0400-\u04ff]+)*[.!?“)]?")


@register.filter
def in_lang(text):
    """`text`, escaped, inside <span lang="…"> when it is in another language than the page;
    on an English page, a Bulgarian name inside English words (a count's label naming a
    process) gets the span by itself."""
    if text is None:
        return ""
    language = _differs(text)
    if language == "bg" and LATIN_WORD.search(str(text)):
        return format_html_join("", "{}{}", _passages(str(text)))
    return format_html('<span lang="{}">{}</span>', language, text) if language else text


def _passages(text: str):
    end = 0
    for match in CYRILLIC_PASSAGE.finditer(text):
        yield text[end:match.start()], format_html('<span lang="bg">{}</span>', match.group())
        end = match.end()
    yield text[end:], ""


@register.filter
def localised(obj, field="name"):
    """The object's English `field` on English pages when it has one, else its original,
    which is in Bulgarian: marked so on English pages."""
    if get_language() != "en":
        return getattr(obj, field, "") or ""
    if english := getattr(obj, f"{field}_en", "") or "":
        return english
    original = getattr(obj, field, "") or ""
    return format_html('<span lang="bg">{}</span>', original) if original else ""


@register.filter
def hours(value):
    """A number of hours with its noun in the plural form the number takes; a fraction takes
    the plural in both languages (1,5 часа, 1.5 hours), and gettext counts whole numbers only."""
    number = Decimal(value)
    count = int(number) if number == number.to_integral_value() else 2
    return ngettext("%(hours)s hour", "%(hours)s hours", count) % {"hours": num(number, 1)}


@register.filter
def num(value, places=2):
    """A number for people: at most `places` decimals, no trailing zeros, grouped
    and with the decimal sign of the page's language; "—" for no value."""
    if value is None or value == "":
        return "—"
    rounded = half_up(value, int(places))
    text = format(rounded, "f").rstrip("0").rstrip(".") if "." in format(rounded, "f") else format(rounded, "f")
    return number_format(Decimal(text), decimal_pos=None, use_l10n=True, force_grouping=True)


@register.filter
def machine_datetime(value) -> str:
    """The `datetime` attribute of <time>: a valid HTML date-time string, in UTC to the
    second (HTML allows at most three decimals of a second; Python writes six)."""
    if isinstance(value, datetime) and value.tzinfo:
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return ""


def progress_bar_html(percent, bar) -> str:
    """A bar filled to `bar` percent, labelled `percent`%; "—" for no value. Plain string
    building with `html.escape` (not format_html): list pages draw hundreds of them."""
    if percent is None:
        return '<span class="num">—</span>'
    label = percent if isinstance(percent, SafeData) else html.escape(str(percent))
    # The fill is an SVG rectangle's width: the Content-Security-Policy allows no style attribute.
    filled = max(0, min(100, int(bar)))
    return (f'<span class="progress" aria-hidden="true"><svg viewBox="0 0 100 1" preserveAspectRatio="none">'
            f'<rect width="{filled}" height="1"></rect></svg></span> <span class="num">{label}%</span>')


@register.simple_tag
def progress_bar(percent, bar):
    return mark_safe(progress_bar_html(percent, bar))  # noqa: S308 - escaped in progress_bar_html
