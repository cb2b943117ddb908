from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sabor.core.decorators import municipality_required
from sabor.core.exports import FORMATS, export_response
from sabor.core.filters import FilterForm, choice_field, filter_status
from sabor.monitoring.exports import PlanIndicators, PlanValues
from sabor.monitoring.methodology import bands, in_force
from sabor.monitoring.selectors import indicator_report, with_report_data
from sabor.planning import pages
from sabor.planning.exports import ProjectsExport
from sabor.planning.models import Funding, PlanNode, Project, public_plan_q
from sabor.planning.projects import with_budget


@municipality_required
def plan_list(request):
    plans = request.municipality.plans.public()
    return render(request, "planning/plan_list.html", {"plans": plans})


class YearFilter(FilterForm):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)

    def __init__(self, query, plan):
        super().__init__(query)
        self.fields["year"].choices = [(year, year) for year in range(plan.start_year, plan.end_year + 1)]
        # Without ?year= the page shows the plan's default year: the selector says so,
        # and "Filter" keeps it, rather than jumping to the first year of the list.
        self.fields["year"].initial = pages.default_year(plan)

    @property
    def chosen_year(self) -> int:
        return self.values().get("year") or self.fields["year"].initial


@municipality_required
def plan_detail(request, slug: str):
    plan = get_object_or_404(request.municipality.plans.public(), slug=slug)
    form = YearFilter(request.GET, plan)
    year = form.chosen_year
    methodology = in_force(request.municipality)
    html, roots = pages.progress_html(plan, year, get_language(), methodology)
    return render(request, "planning/plan_detail.html", {
        "plan": plan, "year": year, "form": form, "roots": roots, "methodology": methodology,
        "progress_html": mark_safe(html),  # noqa: S308 - rendered by our own template in pages.progress_html
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


class ProjectFilter(FilterForm):
    status = choice_field(_("Status"), Project.Status.choices, _("All statuses"))
    settlement = forms.TypedChoiceField(label=_("Settlement"), required=False, coerce=int)
    priority = forms.TypedChoiceField(label=_("Priority"), required=False, coerce=int)
    funding = choice_field(_("Funding"), Funding.Source.choices, _("All sources"))

    def __init__(self, query, municipality):
        super().__init__(query)
        self.fields["settlement"].choices = [("", _("All settlements")), *(
            (s.pk, s.display_name) for s in municipality.settlements.all())]
        priorities = PlanNode.objects.filter(public_plan_q("plan__"), plan__municipality=municipality, depth=1) \
            .select_related("plan").order_by("-plan__start_year", "path")
        self.fields["priority"].choices = [("", _("All priorities")), *(
            (node.pk, f"{node.plan.display_short_name} · {node.code} {node.display_title}") for node in priorities)]
        self.priorities = {node.pk: node for node in priorities}


@municipality_required
def project_list(request):
    municipality = request.municipality
    projects = municipality.projects.public()
    form = ProjectFilter(request.GET, municipality)
    filters = form.values()
    if "status" in filters:
        projects = projects.filter(status=filters["status"])
    if "settlement" in filters:
        projects = projects.filter(settlements=filters["settlement"])
    if "priority" in filters:
        priority = form.priorities[filters["priority"]]
        projects = projects.filter(measure__plan=priority.plan, measure__path__startswith=priority.path + ".")
    if "funding" in filters:
        projects = projects.filter(funding__source=filters["funding"])
    page = Paginator(with_budget(projects.distinct()), 20).get_page(request.GET.get("page"))
    return render(request, "planning/project_list.html", {"page": page, "form": form},
                  status=filter_status(form))


@municipality_required
def project_detail(request, pk: int):
    project = get_object_or_404(with_budget(request.municipality.projects.public())
                                .prefetch_related("partners", "status_history", "milestones"), pk=pk)
    year = pages.default_year(project.measure.plan) if project.measure else timezone.localdate().year - 1
    methodology = in_force(request.municipality)
    indicators = [indicator_report(indicator, year, bands(methodology), detail=False)
                  for indicator in with_report_data(project.indicators.public())]
    return render(request, "planning/project_detail.html", {"project": project, "indicators": indicators,
                                                            "year": year})


@municipality_required
def project_export(request, fmt: str):
    if fmt not in FORMATS:
        raise Http404
    return export_response(ProjectsExport(request.municipality), fmt)
