"""What the monitoring app adds to the shared pages: values to enter and verify, evaluations,
reports and civic monitoring."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sabor.core import audit, registry


def register() -> None:
    from sabor.monitoring.models import (
        AnnualReport,
        CriterionScore,
        Evaluation,
        Indicator,
        Measurement,
        Methodology,
        Observation,
    )

    audit.register_actions({
    "indicator.created": _("Indicator created"),
    "indicator.updated": _("Indicator updated"),
    "target.set": _("Target set"),
    "measurement.saved": _("Measurement saved as draft"),
    "measurement.submitted": _("Measurement submitted"),
    "measurement.verified": _("Measurement verified"),
    "measurement.returned": _("Measurement returned for correction"),
    "measurement.deleted": _("Draft measurement deleted"),
    "methodology.drafted": _("Methodology draft started"),
    "methodology.updated": _("Methodology draft changed"),
    "methodology.adopted": _("Methodology adopted"),
    "evaluation.created": _("Evaluation created"),
    "evaluation.updated": _("Evaluation updated"),
    "evaluation.scored": _("Evaluation criteria scored"),
    "evaluation.published": _("Evaluation published"),
    "recommendation.added": _("Recommendation added"),
    "recommendation.followed_up": _("Recommendation followed up"),
    "report.created": _("Annual report started"),
    "report.updated": _("Annual report text changed"),
    "report.generation_requested": _("Annual report generation requested"),
    "report.approved": _("Annual report approval recorded"),
    "report.submitted": _("Annual report submitted to the council"),
    "report.returned": _("Annual report returned to draft"),
    "report.published": _("Annual report published"),
    "observation.added": _("Civic monitoring observation added"),
    "observation.answered": _("Civic monitoring observation answered"),
    })
    # Keys of entries that are not fields of the logged object.
    audit.describe(Indicator, labels={"target": _("target")})
    audit.describe(Measurement, labels={"reason": _("reason for returning")})
    audit.describe(Methodology, labels={"decision": _("council decision")})
    audit.describe(AnnualReport, labels={"stage": _("stage"), "decision": _("council decision")},
                   values={"stage": AnnualReport.Stage.choices})
    audit.describe(Observation, labels={"answer": _("answer")})
    # Scoring logs each criterion's new score under the criterion's code.
    audit.describe(Evaluation, labels=dict(CriterionScore.Criterion.choices))

    registry.site_menu.add(_("Evaluations"), "monitoring:evaluation_list", order=30,
                           current=("monitoring:evaluation_detail", "monitoring:recommendation_list"))
    menu = registry.office_menu
    menu.add(_("Indicator values"), "office:indicator_list", permission="monitoring.enter_measurement", order=50,
             current=("office:indicator_values",))
    menu.add(_("Values to verify"), "office:verification_queue", permission="monitoring.verify_measurement",
             order=60)
    menu.add(_("Civic monitoring"), "office:observations", permission="monitoring.answer_observation", order=70,
             current=("office:observation_answer",))
    menu.add(_("Methodology"), "office:methodology", permission="monitoring.edit_methodology", order=80)
    menu.add(_("Evaluations"), "office:evaluations", permission="monitoring.evaluate", order=90,
             current=("office:evaluation",))
    menu.add(_("Annual reports"), "office:reports", permission="monitoring.evaluate", order=100,
             current=("office:report",))
    menu.add(_("Recommendations"), "office:recommendations", permission="monitoring.follow_up", order=110,
             current=("office:recommendation_follow_up",))

    registry.add_queue("monitoring.to_verify", _("Values to verify"), permission="monitoring.verify_measurement",
                       url_name="office:verification_queue", order=10,
                       count=lambda user, municipality: Measurement.objects.filter(
                           indicator__municipality=municipality, status=Measurement.Status.SUBMITTED).count())
    registry.add_queue("monitoring.returned", _("Your values returned for correction"),
                       permission="monitoring.enter_measurement", url_name="office:indicator_list",
                       query="#returned", order=20,
                       count=lambda user, municipality: Measurement.objects.filter(
                           indicator__municipality=municipality, status=Measurement.Status.RETURNED,
                           entered_by=user).count())
    registry.add_card("monitoring.reports", section="plans", order=50, template="monitoring/cards/reports.html",
                      context=lambda request: {} if request.municipality.plans.public().exists() else None)
    registry.add_url_fillers("monitoring", "sabor.monitoring.testing")

    # What monitoring hangs on planning's pages, and what it follows of planning's changes.
    from sabor.monitoring import files
    from sabor.monitoring.services import plan_page
    from sabor.monitoring.views.office.indicators import node_indicator_section, plan_indicator_cells
    from sabor.monitoring.views.public.plans import project_indicators
    from sabor.planning import extensions

    extensions.set_plan_page("monitoring:plan_detail")
    extensions.on_plan_changed("monitoring.plan_page", plan_page.plan_changed)
    extensions.add_project_section("monitoring.indicators", project_indicators)
    extensions.add_plan_node_column("monitoring.indicators",
                                    extensions.NodeColumn(_("Indicators"), plan_indicator_cells))
    extensions.add_node_office_section("monitoring.new_indicator", node_indicator_section)

    files.register()
