"""Progress bars and status badges: simple tags rather than includes, because the
plan page draws hundreds of them."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from sabor.core.templatetags.sabor import localised

register = template.Library()

STATUS_LABELS = {"on_track": _("on track"), "behind": _("behind"), "at_risk": _("at risk"), "no_data": _("no data")}


def status_label(status) -> str:
    return str(STATUS_LABELS.get(status, STATUS_LABELS["no_data"]))


@register.simple_tag
def status_badge(status):
    return format_html('<span class="status status-{}">{}</span>', status, status_label(status))


@register.simple_tag
def progress_bar(percent, bar):
    if percent is None:
        return mark_safe('<span class="num">—</span>')
    return format_html('<span class="progress" aria-hidden="true"><span style="width: {}%"></span></span> '
                       '<span class="num">{}%</span>', int(bar), percent)


@register.simple_tag
def plan_tree(roots, year, indicator_base):
    """The plan's rolled-up tree as nested lists. Written in Python rather than as a
    recursive template: a large plan has hundreds of rows, and template includes
    made up most of the page's time."""
    parts: list[str] = []
    for item in roots:
        _node(parts, item, year, indicator_base)
    return mark_safe("".join(parts))  # noqa: S308 - every value is escaped by format_html below


def _node(parts: list[str], item, year, base) -> None:
    node = item.node
    without = ""
    if item.without_data:
        without = format_html(' <span class="muted">{}</span>', ngettext(
            "%(counter)s indicator without data", "%(counter)s indicators without data",
            item.without_data) % {"counter": item.without_data})
    parts.append(format_html(
        '<li><div class="node depth-{}"><div class="node-title"><span class="node-code">{}</span> '
        '<span class="tag">{}</span> {}</div><div class="node-figures">{} {}{}</div></div>',
        node.depth, node.code, node.tier_name, localised(node, "title"),
        progress_bar(item.progress_percent, item.bar_percent), status_badge(item.status), without))
    if item.indicators:
        parts.append('<ul class="indicators">')
        for report in item.indicators:
            indicator = report.indicator
            parts.append(format_html(
                '<li class="indicator-row"><a href="{}{}/?year={}"><span class="node-code">{}</span> {}</a> '
                '<span class="node-figures">{} {}</span></li>',
                base, indicator.pk, year, indicator.code, localised(indicator),
                progress_bar(report.progress_percent, report.bar_percent), status_badge(report.status)))
        parts.append("</ul>")
    if item.children:
        parts.append('<ul class="tree">')
        for child in item.children:
            _node(parts, child, year, base)
        parts.append("</ul>")
    parts.append("</li>")
