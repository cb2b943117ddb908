from django import template

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
