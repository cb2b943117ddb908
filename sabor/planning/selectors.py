"""Reads of plans and projects that are more than a one-line queryset."""

from __future__ import annotations

from django.utils import timezone

from sabor.planning.models import Plan


def default_year(plan: Plan) -> int:
    """The year a plan's pages show when none is asked for: last year, within the plan's years."""
    return max(plan.start_year, min(plan.end_year, timezone.localdate().year - 1))
