"""Progress bars and status badges: simple tags rather than includes, because the
plan page draws hundreds of them."""

import html

from django import template
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from sabor.core.templatetags.sabor import in_lang, localised, num, progress_bar_html
from sabor.monitoring.models import Measurement

register = template.Library()

STATUS_LABELS = {"on_track": _("on track"), "behind": _("behind"), "at_risk": _("at risk"), "no_data": _("no data")}


OUTCOME_LABELS = {"met": _("target met"), "exceeded": _("target exceeded"), "inside": _("within the range"),
                  "below": _("below the range"), "above": _("above the range")}
ASSESSMENTS = dict(Measurement.Assessment.choices)


@register.filter
def outcome_label(outcome) -> str:
    return str(OUTCOME_LABELS.get(outcome, ""))


@register.filter
def assessment_label(code) -> str:
    return str(ASSESSMENTS.get(code, ""))


@register.filter
def acceptable_range(indicator) -> str:
    """A range indicator's acceptable values in words: "≥ 12 000", "≤ 5", "between 20 and 25"."""
    low, high = indicator.range_low, indicator.range_high
    if low is not None and high is not None:
        return _("between %(low)s and %(high)s") % {"low": num(low), "high": num(high)}
    if low is not None:
        return f"≥ {num(low)}"
    return f"≤ {num(high)}" if high is not None else ""


def status_label(status) -> str:
    return str(STATUS_LABELS.get(status, STATUS_LABELS["no_data"]))


def _escape(value) -> str:
    """Django's escaping (the same characters, by the same `html.escape`), without its
    lazy-string wrapper: the plan tree escapes thousands of values."""
    return value if isinstance(value, SafeData) else html.escape(str(value))


def _figures(report) -> str:
    """An indicator's figures in the plan tree: the assessment of a qualitative one,
    the outcome of a range one (a percentage of "in range" means nothing), else the bar."""
    if report.assessment:
        return f'<span class="assessment">{_escape(assessment_label(report.assessment))}</span>'
    if report.indicator.direction == "range" and report.outcome:
        return f'<span class="outcome">{_escape(outcome_label(report.outcome))}</span>'
    return progress_bar_html(report.progress_percent, report.bar_percent)


def _badge(status) -> str:
    return f'<span class="status status-{_escape(status)}">{_escape(status_label(status))}</span>'


@register.simple_tag
def status_badge(status):
    return mark_safe(_badge(status))  # noqa: S308 - escaped in _badge


@register.simple_tag
def progress_bar(percent, bar):
    return mark_safe(progress_bar_html(percent, bar))  # noqa: S308 - escaped in progress_bar_html


@register.simple_tag
def plan_tree(roots, year, indicator_base):
    """The plan's rolled-up tree as nested lists. Written in Python rather than as a
    recursive template: a large plan has hundreds of rows, and template includes
    made up most of the page's time."""
    parts: list[str] = []
    badges = {status: _badge(status) for status in STATUS_LABELS}  # four labels, drawn once
    link = (_escape(indicator_base), f"/?year={int(year)}")
    for item in roots:
        _node(parts, item, link, badges)
    return mark_safe("".join(parts))  # noqa: S308 - every value is escaped by _escape above


def _node(parts: list[str], item, link: tuple[str, str], badges: dict[str, str]) -> None:
    node = item.node
    without = ""
    if item.without_data:
        without = ' <span class="muted">{}</span>'.format(_escape(ngettext(
            "%(counter)s indicator without data", "%(counter)s indicators without data",
            item.without_data) % {"counter": item.without_data}))
    parts.append(
        f'<li><div class="node depth-{int(node.depth)}"><div class="node-title"><span class="node-code">'
        f'{_escape(in_lang(node.code))}</span> <span class="tag">{_escape(node.tier_name)}</span> '
        f'{_escape(localised(node, "title"))}</div><div class="node-figures">'
        f'{progress_bar_html(item.progress_percent, item.bar_percent)} {badges[item.status]}{without}</div></div>')
    if item.indicators:
        parts.append('<ul class="indicators">')
        for report in item.indicators:
            indicator = report.indicator
            parts.append(
                f'<li class="indicator-row"><a href="{link[0]}{int(indicator.pk)}{link[1]}"><span class="node-code">'
                f'{_escape(in_lang(indicator.code))}</span> {_escape(localised(indicator))}</a> '
                f'<span class="node-figures">{_figures(report)} {badges[report.status]}</span></li>')
        parts.append("</ul>")
    if item.children:
        parts.append('<ul class="tree">')
        for child in item.children:
            _node(parts, child, link, badges)
        parts.append("</ul>")
    parts.append("</li>")
