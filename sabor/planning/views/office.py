"""Back office for plans: the plan, its tree of goals and measures, and its projects. What other apps
hang on the tree (indicators, say) comes in through `sabor.planning.extensions`."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from sabor.core.decorators import office_view
from sabor.core.forms import add_service_errors
from sabor.core.http import create_from_form, posted_id, submitted
from sabor.planning import extensions, services
from sabor.planning.forms import FundingForm, MilestoneForm, NodeForm, PlanForm, ProjectForm, StatusForm
from sabor.planning.models import PlanNode
from sabor.planning.services import projects


@office_view("planning.edit_plan")
def plan_list(request):
    form = PlanForm(*submitted(request), municipality=request.municipality)
    return create_from_form(
        request, form,
        lambda data: services.create_plan(actor=request.user, municipality=request.municipality,
                                          **{name: data[name] for name in form.Meta.fields}),
        success_message=_("The plan has been created."),
        redirect_to=lambda plan: reverse("office:plan", args=[plan.pk]),
        template="planning/office/plans.html", context={"plans": request.municipality.plans.all()})


@office_view("planning.edit_plan")
def plan_edit(request, pk: int):
    plan = get_object_or_404(request.municipality.plans, pk=pk)
    action = request.POST.get("action") if request.method == "POST" else None
    form = PlanForm(request.POST if action == "plan" else None, instance=plan, municipality=request.municipality)
    node_form = NodeForm(request.POST if action == "node" else None, prefix="node")
    try:
        if action == "plan" and form.is_valid():
            plan.refresh_from_db()
            services.update_plan(actor=request.user, plan=plan,
                                 **{name: form.cleaned_data[name] for name in form.Meta.fields})
            messages.success(request, _("Saved."))
            return redirect("office:plan", pk=pk)
        if action == "node" and node_form.is_valid():
            parent = (get_object_or_404(plan.nodes, pk=posted_id(request, "parent")) if request.POST.get("parent")
                      else None)
            services.add_node(actor=request.user, plan=plan, parent=parent, **node_form.cleaned_data)
            messages.success(request, _("Added."))
            return redirect("office:plan", pk=pk)
    except ValidationError as error:
        add_service_errors(node_form if action == "node" else form, error)
    nodes = plan.nodes.all()
    for node in nodes:
        node.plan = plan
    columns = list(extensions.plan_node_columns.values())
    cells = [column.cells(plan) for column in columns]
    return render(request, "planning/office/plan.html", {
        "plan": plan, "form": form, "node_form": node_form, "columns": columns,
        "nodes": [(node, [mark_safe(by_node.get(node.pk, "—"))  # noqa: S308 - each column escapes its cells
                          for by_node in cells]) for node in nodes],
    }, status=400 if action else 200)


@office_view("planning.edit_plan")
def node_edit(request, pk: int):
    node = get_object_or_404(PlanNode.objects.filter(plan__municipality=request.municipality)
                             .select_related("plan"), pk=pk)
    action = request.POST.get("action") if request.method == "POST" else None
    form = NodeForm(request.POST if action == "node" else None, instance=node)
    try:
        if action == "node" and form.is_valid():
            node.refresh_from_db()
            services.update_node(actor=request.user, node=node, **form.cleaned_data)
            messages.success(request, _("Saved."))
            return redirect("office:plan", pk=node.plan_id)
    except ValidationError as error:
        add_service_errors(form, error)
    sections = [section(request, node, action) for section in extensions.node_office_sections.values()]
    for section in sections:
        if section.response is not None:
            return section.response
    return render(request, "planning/office/node.html", {
        "node": node, "form": form,
        "sections": [mark_safe(section.html) for section in sections],  # noqa: S308 - rendered by templates
    }, status=400 if action else 200)


PROJECT_FIELDS = ["title", "title_en", "measure", "description", "responsible_unit", "contract_number",
                  "contract_date", "start_date", "end_date", "progress", "spent", "is_public"]


@office_view("planning.edit_plan")
def project_list(request):
    return create_from_form(
        request, ProjectForm(*submitted(request), municipality=request.municipality),
        lambda data: projects.create_project(
            actor=request.user, municipality=request.municipality, settlements=list(data["settlements"]),
            partners=list(data["partners"]), **{name: data[name] for name in PROJECT_FIELDS}),
        success_message=_("The project has been created."),
        redirect_to=lambda project: reverse("office:project", args=[project.pk]),
        template="planning/office/projects.html",
        context={"projects": request.municipality.projects.select_related("measure__plan").order_by("title")})


@office_view("planning.edit_plan")
def project_edit(request, pk: int):
    project = get_object_or_404(request.municipality.projects, pk=pk)
    action = request.POST.get("action") if request.method == "POST" else None
    form = ProjectForm(request.POST if action == "project" else None, instance=project,
                       municipality=request.municipality)
    status_form = StatusForm(request.POST if action == "status" else None, prefix="status")
    funding_form = FundingForm(request.POST if action == "funding" else None, prefix="funding")
    milestone_form = MilestoneForm(request.POST if action == "milestone" else None, prefix="milestone")
    try:
        if action == "project" and form.is_valid():
            data = form.cleaned_data
            project.refresh_from_db()
            projects.update_project(actor=request.user, project=project,
                                    **{name: data[name] for name in PROJECT_FIELDS})
            projects.set_links(actor=request.user, project=project, settlements=list(data["settlements"]),
                               partners=list(data["partners"]))
            return _project_saved(request, pk)
        if action == "status" and status_form.is_valid():
            projects.change_status(actor=request.user, project=project, **status_form.cleaned_data)
            return _project_saved(request, pk)
        if action == "funding" and funding_form.is_valid():
            projects.add_funding(actor=request.user, project=project, **funding_form.cleaned_data)
            return _project_saved(request, pk)
        if action == "milestone" and milestone_form.is_valid():
            projects.add_milestone(actor=request.user, project=project, **milestone_form.cleaned_data)
            return _project_saved(request, pk)
        if action == "milestone_done":
            milestone = get_object_or_404(project.milestones, pk=posted_id(request, "milestone"))
            projects.complete_milestone(actor=request.user, milestone=milestone, on=timezone.localdate())
            return _project_saved(request, pk)
    except ValidationError as error:
        target = {"status": status_form, "funding": funding_form, "milestone": milestone_form}.get(action, form)
        add_service_errors(target, error)
    return render(request, "planning/office/project.html", {
        "project": project, "form": form, "status_form": status_form, "funding_form": funding_form,
        "milestone_form": milestone_form,
    }, status=400 if action else 200)


def _project_saved(request, pk):
    messages.success(request, _("Saved."))
    return redirect("office:project", pk=pk)
