from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sabor.core.charts import Series, line_chart
from sabor.core.decorators import municipality_required
from sabor.core.filters import filter_status
from sabor.monitoring import live
from sabor.monitoring.forms import ObservationForm
from sabor.monitoring.models import Measurement
from sabor.monitoring.selectors import bands, in_force, indicator_report, with_report_data
from sabor.monitoring.services import observations
from sabor.planning.filters import YearFilter


@municipality_required
def indicator_detail(request, pk: int):
    indicators = with_report_data(request.municipality.indicators.public()
                                  .select_related("plan_node__plan", "plan_node__parent"))
    indicator = get_object_or_404(indicators, pk=pk)
    plan = indicator.plan_node.plan if indicator.plan_node_id else None
    form = YearFilter(request.GET, plan) if plan else None
    year = form.chosen_year if form else None
    report = indicator_report(indicator, year or max((t.period for t in indicator.targets.all()), default=2020),
                              bands(in_force(request.municipality)),
                              first_year=plan.start_year - 1 if plan else None)
    labels = [str(row.period) for row in report.years]
    series = [Series(_("Target path"), [row.expected for row in report.years], "expected", "none"),
              Series(_("Targets"), [row.target for row in report.years], "target", "square"),
              Series(_("Actual so far"), [row.so_far if row.measured is not None else None
                                          for row in report.years], "actual", "circle")]
    assessments = [item for item in reversed(indicator.verified_measurements) if item.assessment]
    can_observe = request.user.has_perm("monitoring.observe_indicator", indicator)
    return render(request, "monitoring/indicator_detail.html", {
        "indicator": indicator, "plan": plan, "report": report, "year": year, "form": form,
        "computed_from": live.describe(indicator),
        # A qualitative indicator is read from its assessments, not drawn as a line of scores.
        "chart": None if report.qualitative else line_chart(labels, series),
        "assessments": assessments,
        "latest": next((item for item in assessments if item.period <= report.period), None),
        "observations": indicator.observations.select_related("author", "answered_by"),
        "breakdown": indicator.measurements.filter(status=Measurement.Status.VERIFIED, period=report.period)
        .exclude(settlement__isnull=True, sex="", age_group="").select_related("settlement")
        .order_by("settlement__name", "sex", "age_group"),
        "observation_form": ObservationForm(initial={"period": year}) if can_observe else None,
    }, status=filter_status(form) if form else 200)


@login_required
@municipality_required
@require_POST
def observe(request, pk: int):
    indicator = get_object_or_404(request.municipality.indicators.public(), pk=pk)
    if not request.user.has_perm("monitoring.observe_indicator", indicator):
        raise PermissionDenied
    form = ObservationForm(request.POST)
    if form.is_valid():
        try:
            observations.observe(actor=request.user, indicator=indicator, **form.cleaned_data)
        except ValidationError as error:
            return render(request, "monitoring/observation_error.html",
                          {"indicator": indicator, "errors": error.messages}, status=400)
        messages.success(request, _("Thank you; the municipality will answer here in public."))
        return redirect(f"{indicator_url(indicator)}#observations")
    return render(request, "monitoring/observation_error.html", {
        "indicator": indicator, "errors": [e for errors in form.errors.values() for e in errors]}, status=400)


def indicator_url(indicator) -> str:
    return reverse("monitoring:indicator_detail", args=[indicator.pk])
