"""Builders for monitoring tests."""

from __future__ import annotations

from decimal import Decimal

from sabor.monitoring import services
from sabor.monitoring.models import Indicator, Measurement
from sabor.planning.testing import error_codes, make_plan, raises_code

__all__ = ["error_codes", "make_indicator", "make_plan", "raises_code", "verified"]


def make_indicator(municipality, node=None, *, code="И1", targets=None, **fields) -> Indicator:
    defaults = {"name": f"Показател {code} <script>x</script>", "unit": "%", "kind": Indicator.Kind.NUMBER,
                "direction": Indicator.DirectionChoice.DECREASE, "aggregation": Indicator.AggregationChoice.LATEST,
                "baseline_value": Decimal(12), "baseline_year": 2020}
    indicator = services.create_indicator(actor=None, municipality=municipality, plan_node=node, code=code,
                                          **{**defaults, **fields})
    for period, value in (targets or {2027: Decimal(8)}).items():
        services.set_target(actor=None, indicator=indicator, period=period, value=Decimal(value))
    return indicator


def verified(indicator, period, value=None, *, entered_by=None, verified_by=None, **fields) -> Measurement:
    """A measurement taken through the whole workflow."""
    if value is not None:
        fields["value"] = Decimal(value)
    measurement = services.save_measurement(actor=entered_by, indicator=indicator, period=period, **fields)
    services.submit_measurement(actor=entered_by, measurement=measurement)
    return services.verify_measurement(actor=verified_by, measurement=measurement)


# --- The tenancy walk's fillers (sabor.core.registry.add_url_fillers) -------------------------------

def objects(municipality, people: dict) -> dict:
    """A plan with an indicator that has a verified value and a submitted one, a civic
    observation, a published evaluation with a recommendation, and a generated annual report."""
    from django.core.files.base import ContentFile

    from sabor.core import testfiles
    from sabor.monitoring.models import AnnualReport
    from sabor.monitoring.services import evaluations, observations, reports
    from sabor.planning import services as planning_services

    plan = make_plan(municipality)
    node = planning_services.add_node(actor=None, plan=plan, parent=None, title="Цел <script>x</script>")
    indicator = make_indicator(municipality, node)
    verified(indicator, 2022, 10, entered_by=people["resident"], verified_by=people["administrator"])
    measurement = services.save_measurement(actor=None, indicator=indicator, period=2023, value=Decimal(9))
    services.submit_measurement(actor=None, measurement=measurement)
    from sabor.accounts.models import Role
    from sabor.accounts.testing import make_member

    monitor = make_member(municipality, Role.CIVIC_MONITOR)
    observation = observations.observe(actor=monitor, indicator=indicator, period=2022,
                                       kind="challenge", text="Наблюдение <script>x</script>")
    evaluation = evaluations.create_evaluation(actor=None, municipality=municipality, title="Оценка <b>x</b>",
                                               kind="annual", year=2024, findings="Изводи")
    evaluations.publish(actor=None, evaluation=evaluation)
    recommendation = evaluations.add_recommendation(actor=None, evaluation=evaluation, text="Препоръка",
                                                    owner="Отдел", deadline="2025-01-01")
    report = reports.create_report(actor=None, plan=plan, year=2023)
    report.pdf.save("report.pdf", ContentFile(testfiles.content("pdf")), save=False)
    report.docx.save("report.docx", ContentFile(testfiles.content("docx")), save=False)
    AnnualReport.objects.filter(pk=report.pk).update(status=AnnualReport.Status.READY, pdf=report.pdf.name,
                                                     docx=report.docx.name)
    return {"plan": plan, "indicator": indicator, "measurement": measurement, "observation": observation,
            "evaluation": evaluation, "recommendation": recommendation, "annual_report": report}


FILL = {
    "monitoring:plan_detail": lambda o: {"slug": o["plan"].slug},
    "monitoring:plan_export": lambda o: {"slug": o["plan"].slug, "table": "values", "fmt": "csv"},
    "monitoring:indicator_detail": lambda o: {"pk": o["indicator"].pk},
    "monitoring:indicator_observe": lambda o: {"pk": o["indicator"].pk},
    "monitoring:evaluation_detail": lambda o: {"pk": o["evaluation"].pk},
    "monitoring:report_download": lambda o: {"pk": o["annual_report"].pk, "fmt": "pdf"},
    "office:indicator_edit": lambda o: {"pk": o["indicator"].pk},
    "office:indicator_values": lambda o: {"pk": o["indicator"].pk},
    "office:observation_answer": lambda o: {"pk": o["observation"].pk},
    "office:measurement_submit": lambda o: {"pk": o["measurement"].pk},
    "office:measurement_delete": lambda o: {"pk": o["measurement"].pk},
    "office:measurement_review": lambda o: {"pk": o["measurement"].pk},
    "office:evaluation": lambda o: {"pk": o["evaluation"].pk},
    "office:recommendation_follow_up": lambda o: {"pk": o["recommendation"].pk},
    "office:report": lambda o: {"pk": o["annual_report"].pk},
    "office:report_status": lambda o: {"pk": o["annual_report"].pk},
}
