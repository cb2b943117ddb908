"""Indicators in the back office: created on a plan node's page (a section planning's page
shows), listed in the plan's tree, and edited with their targets."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext as _

from sabor.core.decorators import office_view
from sabor.core.forms import add_service_errors
from sabor.monitoring import services
from sabor.monitoring.forms import IndicatorForm, TargetForm
from sabor.monitoring.models import Indicator
from sabor.planning.extensions import Section


def node_indicator_section(request, node, action: str | None) -> Section:
    """The "New indicator" form of a plan node's page; it handles the "indicator" action."""
    form = IndicatorForm(request.POST if action == "indicator" else None, municipality=request.municipality,
                         prefix="ind")
    if action == "indicator" and form.is_valid():
        try:
            indicator = services.create_indicator(actor=request.user, municipality=request.municipality,
                                                  plan_node=node, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The indicator has been created; now set its targets."))
            return Section(response=redirect("office:indicator_edit", pk=indicator.pk))
    return Section(html=render_to_string("monitoring/office/_node_indicator.html", {"indicator_form": form},
                                         request=request))


def plan_indicator_cells(plan) -> dict[int, str]:
    """The indicators of each node of the plan, as links to their edit pages."""
    by_node: dict[int, list[Indicator]] = {}
    for indicator in Indicator.objects.filter(plan_node__plan=plan).order_by("code"):
        by_node.setdefault(indicator.plan_node_id, []).append(indicator)
    base = reverse("office:indicator_edit", args=[0]).removesuffix("0/edit/")
    return {node_id: format_html_join(", ", '<a href="{}{}/edit/">{}</a>',
                                      ((base, indicator.pk, indicator.code) for indicator in indicators))
            for node_id, indicators in by_node.items()}


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
            services.update_indicator(actor=request.user, indicator=indicator, **form.cleaned_data)
            messages.success(request, _("Saved."))
            return redirect("office:indicator_edit", pk=pk)
        if action == "target" and target_form.is_valid():
            services.set_target(actor=request.user, indicator=indicator, **target_form.cleaned_data)
            messages.success(request, _("The target has been set."))
            return redirect("office:indicator_edit", pk=pk)
    except ValidationError as error:
        add_service_errors(target_form if action == "target" else form, error)
    return render(request, "monitoring/office/indicator.html", {
        "indicator": indicator, "form": form, "target_form": target_form,
        "targets": indicator.targets.all()}, status=400 if action else 200)
