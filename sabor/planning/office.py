"""Back office for plans: the plan, its tree of goals and measures, its indicators and targets."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from sabor.core.decorators import office_view
from sabor.core.http import submitted
from sabor.monitoring import services as monitoring
from sabor.monitoring.forms import IndicatorForm, TargetForm
from sabor.monitoring.models import Indicator
from sabor.planning import services
from sabor.planning.forms import NodeForm, PlanForm
from sabor.planning.models import PlanNode


def _errors_to(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@office_view("planning.edit_plan")
def plan_list(request):
    form = PlanForm(*submitted(request), municipality=request.municipality)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.create_plan(actor=request.user, municipality=request.municipality,
                                        **{name: form.cleaned_data[name] for name in form.Meta.fields})
        except ValidationError as error:
            _errors_to(form, error)
        else:
            messages.success(request, _("The plan has been created."))
            return redirect("office:plan", pk=plan.pk)
    return render(request, "planning/office/plans.html", {"plans": request.municipality.plans.all(), "form": form},
                  status=400 if form.errors else 200)


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
            parent_id = request.POST.get("parent") or None
            parent = get_object_or_404(plan.nodes, pk=parent_id) if parent_id else None
            services.add_node(actor=request.user, plan=plan, parent=parent, **node_form.cleaned_data)
            messages.success(request, _("Added."))
            return redirect("office:plan", pk=pk)
    except ValidationError as error:
        _errors_to(node_form if action == "node" else form, error)
    nodes = plan.nodes.all()
    for node in nodes:
        node.plan = plan
    indicators = Indicator.objects.filter(plan_node__plan=plan).order_by("code")
    by_node = {}
    for indicator in indicators:
        by_node.setdefault(indicator.plan_node_id, []).append(indicator)
    return render(request, "planning/office/plan.html", {
        "plan": plan, "form": form, "node_form": node_form,
        "nodes": [(node, by_node.get(node.pk, [])) for node in nodes],
    }, status=400 if action else 200)


@office_view("planning.edit_plan")
def node_edit(request, pk: int):
    node = get_object_or_404(PlanNode.objects.filter(plan__municipality=request.municipality)
                             .select_related("plan"), pk=pk)
    action = request.POST.get("action") if request.method == "POST" else None
    form = NodeForm(request.POST if action == "node" else None, instance=node)
    indicator_form = IndicatorForm(request.POST if action == "indicator" else None,
                                   municipality=request.municipality, prefix="ind")
    try:
        if action == "node" and form.is_valid():
            node.refresh_from_db()
            services.update_node(actor=request.user, node=node, **form.cleaned_data)
            messages.success(request, _("Saved."))
            return redirect("office:plan", pk=node.plan_id)
        if action == "indicator" and indicator_form.is_valid():
            indicator = monitoring.create_indicator(actor=request.user, municipality=request.municipality,
                                                    plan_node=node, **indicator_form.cleaned_data)
            messages.success(request, _("The indicator has been created; now set its targets."))
            return redirect("office:indicator_edit", pk=indicator.pk)
    except ValidationError as error:
        _errors_to(indicator_form if action == "indicator" else form, error)
    return render(request, "planning/office/node.html", {"node": node, "form": form,
                                                         "indicator_form": indicator_form},
                  status=400 if action else 200)


@office_view("monitoring.edit_indicator")
def indicator_edit(request, pk: int):
    indicator = get_object_or_404(Indicator.objects.filter(municipality=request.municipality)
                                  .select_related("plan_node__plan"), pk=pk)
    action = request.POST.get("action") if request.method == "POST" else None
    form = IndicatorForm(request.POST if action == "indicator" else None, instance=indicator,
                         municipality=request.municipality)
    target_form = TargetForm(request.POST if action == "target" else None, prefix="target")
    try:
        if action == "indicator" and form.is_valid():
            indicator.refresh_from_db()
            monitoring.update_indicator(actor=request.user, indicator=indicator, **form.cleaned_data)
            messages.success(request, _("Saved."))
            return redirect("office:indicator_edit", pk=pk)
        if action == "target" and target_form.is_valid():
            monitoring.set_target(actor=request.user, indicator=indicator, **target_form.cleaned_data)
            messages.success(request, _("The target has been set."))
            return redirect("office:indicator_edit", pk=pk)
    except ValidationError as error:
        _errors_to(target_form if action == "target" else form, error)
    return render(request, "planning/office/indicator.html", {
        "indicator": indicator, "form": form, "target_form": target_form,
        "targets": indicator.targets.all()}, status=400 if action else 200)
