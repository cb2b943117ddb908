"""Progress bars and status badges: simple tags rather than includes, because the
plan page draws hundreds of them."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

register = template.Library()

STATUS_LABELS = {"on_track": _("on track"), "behind": _("behind"), "at_risk": _("at risk"), "no_data": _("no data")}


@register.simple_tag
def status_badge(status):
    return format_html('<span class="status status-{}">{}</span>', status,
                       STATUS_LABELS.get(status, STATUS_LABELS["no_data"]))


@register.simple_tag
def progress_bar(percent, bar):
    if percent is None:
        return mark_safe('<span class="num">—</span>')
    return format_html('<span class="progress" aria-hidden="true"><span style="width: {}%"></span></span> '
                       '<span class="num">{}%</span>', int(bar), percent)
