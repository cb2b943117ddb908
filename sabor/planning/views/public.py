from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from sabor.core.decorators import municipality_required
from sabor.core.exports import FORMATS, export_response
from sabor.core.filters import FilterForm, choice_field, filter_status
from sabor.planning import extensions
from sabor.planning.exports import ProjectsExport
from sabor.planning.models import Funding, PlanNode, Project, public_plan_q
from sabor.planning.selectors import with_budget


@municipality_required
def plan_list(request):
    plans = request.municipality.plans.public()
    return render(request, "planning/plan_list.html", {"plans": plans})


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
    sections = [mark_safe(html)  # noqa: S308 - each section renders its own template
                for html in extensions.render_project_sections(request, project)]
    return render(request, "planning/project_detail.html", {"project": project, "sections": sections})


@municipality_required
def project_export(request, fmt: str):
    if fmt not in FORMATS:
        raise Http404
    return export_response(ProjectsExport(request.municipality), fmt)
