"""Evaluation pages of the public site: published evaluations and the follow-up of their
recommendations."""

from __future__ import annotations

from django.db.models import Avg, Count, Q
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy

from sabor.core.decorators import municipality_required
from sabor.core.filters import FilterForm, choice_field, filter_status
from sabor.monitoring.models import Recommendation


def _published(request):
    return request.municipality.evaluations.public()


@municipality_required
def evaluation_list(request):
    items = _published(request).select_related("plan", "project").annotate(
        average=Avg("scores__score"), open_recommendations=Count(
            "recommendations", filter=~Q(recommendations__status__in=["done", "rejected"])))
    return render(request, "monitoring/evaluation_list.html", {"evaluations": items})


@municipality_required
def evaluation_detail(request, pk: int):
    evaluation = get_object_or_404(_published(request).select_related("plan", "project")
                                   .prefetch_related("scores", "recommendations"), pk=pk)
    return render(request, "monitoring/evaluation_detail.html", {"evaluation": evaluation,
                                                                 "today": timezone.localdate()})


class RecommendationFilter(FilterForm):
    status = choice_field(gettext_lazy("Status"), Recommendation.Status.choices, gettext_lazy("All statuses"))
    overdue = choice_field(gettext_lazy("Deadline"), [("yes", gettext_lazy("overdue only"))],
                           gettext_lazy("Any deadline"))


@municipality_required
def recommendation_list(request):
    items = Recommendation.objects.filter(evaluation__in=_published(request)).select_related("evaluation")
    form = RecommendationFilter(request.GET)
    filters = form.values()
    if "status" in filters:
        items = items.filter(status=filters["status"])
    if filters.get("overdue") == "yes":
        items = items.filter(deadline__lt=timezone.localdate()).exclude(status__in=["done", "rejected"])
    return render(request, "monitoring/recommendation_list.html", {
        "recommendations": items, "form": form, "today": timezone.localdate()}, status=filter_status(form))
