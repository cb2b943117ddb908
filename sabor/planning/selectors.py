"""Reads of plans and projects that are more than a one-line queryset."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import DecimalField, OuterRef, Prefetch, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from sabor.planning.models import Funding, Plan, Project


def default_year(plan: Plan) -> int:
    """The year a plan's pages show when none is asked for: last year, within the plan's years."""
    return max(plan.start_year, min(plan.end_year, timezone.localdate().year - 1))


def with_budget(projects: QuerySet[Project]) -> QuerySet[Project]:
    """Projects with their total budget and what the list pages show, in a fixed number of queries."""
    budget = (Funding.objects.filter(project=OuterRef("pk")).values("project")
              .annotate(total=Sum("amount")).values("total"))
    return (projects.annotate(budget=Coalesce(Subquery(budget), Value(Decimal(0)),
                                              output_field=DecimalField(max_digits=14, decimal_places=2)))
            .select_related("measure__plan")
            .prefetch_related("settlements", Prefetch("funding", queryset=Funding.objects.order_by("-amount"))))
