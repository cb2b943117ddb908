"""Planning's template filters."""

from django import template

from sabor.planning import extensions

register = template.Library()


@register.filter
def plan_url(plan) -> str:
    """The address of the plan's own page, wherever the installed apps put it."""
    return extensions.plan_url(plan)
