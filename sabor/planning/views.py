from __future__ import annotations

from django import forms
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sabor.core.decorators import municipality_required
from sabor.core.exports import FORMATS, export_response
from sabor.core.filters import FilterForm, filter_status
from sabor.monitoring.exports import PlanIndicators, PlanValues
from sabor.monitoring.methodology import bands, in_force
from sabor.monitoring.selectors import plan_report, plan_summary


@municipality_required
def plan_list(request):
    plans = request.municipality.plans.filter(is_public=True)
    return render(request, "planning/plan_list.html", {"plans": plans})


def default_year(plan) -> int:
    return max(plan.start_year, min(plan.end_year, timezone.localdate().year - 1))


class YearFilter(FilterForm):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)

    def __init__(self, query, plan):
        super().__init__(query)
        self.fields["year"].choices = [(year, year) for year in range(plan.start_year, plan.end_year + 1)]


@municipality_required
def plan_detail(request, slug: str):
    plan = get_object_or_404(request.municipality.plans.filter(is_public=True), slug=slug)
    form = YearFilter(request.GET, plan)
    year = form.values().get("year") or default_year(plan)
    methodology = in_force(request.municipality)
    roots = plan_report(plan, year, bands(methodology))
    progress, status = plan_summary(roots, bands(methodology))
    return render(request, "planning/plan_detail.html", {
        "plan": plan, "year": year, "form": form, "roots": roots, "status": status, "methodology": methodology,
        "progress_percent": None if progress is None else round(progress * 100),
        "progress_bar": 0 if progress is None else int(progress * 100),
    }, status=filter_status(form))


EXPORTS = {"indicators": PlanIndicators, "values": PlanValues}


@municipality_required
def plan_export(request, slug: str, table: str, fmt: str):
    plan = get_object_or_404(request.municipality.plans.filter(is_public=True), slug=slug)
    if table not in EXPORTS or fmt not in FORMATS:
        raise Http404
    return export_response(EXPORTS[table](plan), fmt)


@municipality_required
def methodology_page(request):
    methodology = in_force(request.municipality)
    history = request.municipality.methodologies.exclude(status="draft").order_by("-version")
    return render(request, "monitoring/methodology.html", {"methodology": methodology, "history": history})
