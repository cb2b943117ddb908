from __future__ import annotations

from django.utils.translation import gettext as _

from sabor.core.exports import Exporter
from sabor.monitoring.models import Indicator, Measurement, public_indicator_q
from sabor.planning.models import Plan


class PlanIndicators(Exporter):
    """Every public indicator of a plan with its passport, baseline and targets."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self.filename = f"{plan.slug}-indicators"
        self.sheet_title = _("Indicators")

    def headers(self):
        return [_("Code"), _("Indicator"), _("Goal or measure"), _("Unit"), _("Level"), _("Desired change"),
                _("Aggregation"), _("Baseline"), _("Baseline year"), _("Targets"), _("Data source")]

    def rows(self):
        indicators = (Indicator.objects.public().filter(plan_node__plan=self.plan)
                      .select_related("plan_node").prefetch_related("targets").order_by("code"))
        for indicator in indicators:
            targets = "; ".join(f"{t.period}: {t.value.normalize():f}" for t in indicator.targets.all())
            yield [indicator.code, indicator.display_name, indicator.plan_node.code, indicator.unit,
                   indicator.get_level_display(), indicator.get_direction_display(),
                   indicator.get_aggregation_display(), indicator.baseline_value, indicator.baseline_year,
                   targets, indicator.source]


class PlanValues(Exporter):
    """Every verified value of the plan's public indicators."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self.filename = f"{plan.slug}-values"
        self.sheet_title = _("Values")

    def headers(self):
        return [_("Code"), _("Indicator"), _("Year"), _("Settlement"), _("Sex"), _("Age group"), _("Value"),
                _("Unit"), _("Assessment"), _("Source"), _("Verified at")]

    def rows(self):
        measurements = (Measurement.objects.filter(public_indicator_q("indicator__"),
                                                   indicator__plan_node__plan=self.plan,
                                                   status=Measurement.Status.VERIFIED)
                        .select_related("indicator", "settlement").order_by("indicator__code", "period",
                                                                            "settlement__name", "sex", "age_group"))
        for item in measurements:
            yield [item.indicator.code, item.indicator.display_name, item.period,
                   item.settlement.display_name if item.settlement else "", item.get_sex_display() if item.sex else "",
                   item.get_age_group_display() if item.age_group else "", item.value, item.indicator.unit,
                   item.get_assessment_display() if item.assessment else "", item.source,
                   item.verified_at.date().isoformat() if item.verified_at else ""]
