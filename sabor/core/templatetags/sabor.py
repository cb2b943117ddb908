from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import get_language

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
    rounded = half_up(value, int(places))
    text = format(rounded, "f").rstrip("0").rstrip(".") if "." in format(rounded, "f") else format(rounded, "f")
    return number_format(Decimal(text), decimal_pos=None, use_l10n=True, force_grouping=True)
