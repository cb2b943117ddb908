from datetime import UTC, date, datetime
from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import get_language

from sabor.core.audit import action_label, readable_changes
from sabor.core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    return render_markdown(text)


@register.filter
def audit_action(code):
    return action_label(code)



@register.filter
def audit_changes(changes):
    return readable_changes(changes or {})


@register.filter
def localised(obj, field="name"):
    """The object's English `field` on English pages, else its Bulgarian one marked
    with lang="bg" so screen readers pronounce it in Bulgarian."""
    original = getattr(obj, field, "") or ""
    if get_language() != "en":
        return original
    english = getattr(obj, f"{field}_en", "") or ""
    if english:
        return english
    return format_html('<span lang="bg">{}</span>', original) if original else ""


@register.filter
def num(value, places=2):
    """A number for people: at most `places` decimals, no trailing zeros, grouped
    and with the decimal sign of the page's language; "—" for no value."""
    if value is None or value == "":
        return "—"
    quantum = Decimal(1).scaleb(-int(places))
    rounded = Decimal(value).quantize(quantum)
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
