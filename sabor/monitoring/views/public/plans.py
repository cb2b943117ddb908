"""A plan's dashboard (its tree with the progress of every indicator), its open data, the
methodology, and the indicators shown on a project's page."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from sabor.core.decorators import municipality_required
from sabor.core.exports import FORMATS, export_response
from sabor.core.filters import filter_status
from sabor.monitoring.exports import PlanIndicators, PlanValues
from sabor.monitoring.selectors import bands, in_force, indicator_report, with_report_data
from sabor.monitoring.services import plan_page
from sabor.planning.filters import YearFilter
from sabor.planning.selectors import default_year


@municipality_required
def plan_detail(request, slug: str):
    plan = get_object_or_404(request.municipality.plans.public(), slug=slug)
    form = YearFilter(request.GET, plan)
    year = form.chosen_year
    methodology = in_force(request.municipality)
    html, roots = plan_page.progress_html(plan, year, get_language(), methodology)
    return render(request, "monitoring/plan_detail.html", {
        "plan": plan, "year": year, "form": form, "roots": roots, "methodology": methodology,
        "progress_html": mark_safe(html),  # noqa: S308 - rendered by our own template in plan_page.progress_html
    }, status=filter_status(form))


EXPORTS = {"indicators": PlanIndicators, "values": PlanValues}


@municipality_required
def plan_export(request, slug: str, table: str, fmt: str):
    plan = get_object_or_404(request.municipality.plans.public(), slug=slug)
    if table not in EXPORTS or fmt not in FORMATS:
        raise Http404
    return export_response(EXPORTS[table](plan), fmt)


@municipality_required
def methodology_page(request):
    methodology = in_force(request.municipality)
    history = request.municipality.methodologies.exclude(status="draft").order_by("-version")
    return render(request, "monitoring/methodology.html", {"methodology": methodology, "history": history})


def project_indicators(request, project) -> str:
    """The section of a project's page (planning's) with the progress of the project's own indicators."""
    year = default_year(project.measure.plan) if project.measure else timezone.localdate().year - 1
    methodology = in_force(request.municipality)
    indicators = [indicator_report(indicator, year, bands(methodology), detail=False)
                  for indicator in with_report_data(project.indicators.public())]
    if not indicators:
        return ""
    return render_to_string("monitoring/_project_indicators.html", {"indicators": indicators, "year": year},
                            request=request)
