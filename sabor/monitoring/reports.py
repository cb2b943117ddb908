"""Annual reports: narrative, generation in the background, council approval."""

from __future__ import annotations

from datetime import date
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sabor.core import audit
from sabor.monitoring.annual_report import generate_annual_report
from sabor.monitoring.models import AnnualReport
from sabor.planning.models import Plan

NARRATIVE_FIELDS = ["general_conditions", "actions_taken", "monitoring_arrangements", "conclusions"]


@transaction.atomic
def create_report(*, actor, plan: Plan, year: int) -> AnnualReport:
    if not plan.covers(year):
        raise ValidationError({"year": _("The plan runs from %(start)s to %(end)s.")
                               % {"start": plan.start_year, "end": plan.end_year}}, code="year_outside_plan")
    if AnnualReport.objects.filter(plan=plan, year=year).exists():
        raise ValidationError({"year": _("There is already a report for that year.")}, code="duplicate")
    report = AnnualReport(municipality=plan.municipality, plan=plan, year=year)
    report.full_clean()
    report.save()
    audit.record(actor=actor, action="report.created", obj=report, municipality=plan.municipality)
    return report


@transaction.atomic
def update_narrative(*, actor, report: AnnualReport, **fields) -> AnnualReport:
    audit.save_changes(report, actor=actor, action="report.updated", editable=NARRATIVE_FIELDS, values=fields,
                       municipality=report.municipality)
    return report


@transaction.atomic
def request_generation(*, actor, report: AnnualReport) -> AnnualReport:
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if report.status in (AnnualReport.Status.QUEUED, AnnualReport.Status.GENERATING):
        raise ValidationError(_("The report is already being generated."), code="busy")
    report.status = AnnualReport.Status.QUEUED
    report.progress = 0
    report.save(update_fields=["status", "progress"])
    audit.record(actor=actor, action="report.generation_requested", obj=report, municipality=report.municipality)
    # Queued only once the transaction commits, so the worker sees the report as saved.
    transaction.on_commit(partial(generate_annual_report.enqueue, report.pk))
    return report


@transaction.atomic
def record_approval(*, actor, report: AnnualReport, number: str, on: date) -> AnnualReport:
    if report.status != AnnualReport.Status.READY:
        raise ValidationError(_("Generate the report before recording its approval."), code="not_ready")
    report.council_decision_number, report.council_decision_date = number, on
    report.full_clean()
    report.save(update_fields=["council_decision_number", "council_decision_date"])
    audit.record(actor=actor, action="report.approved", obj=report, municipality=report.municipality,
                 changes={"decision": [None, f"{number} / {on:%d.%m.%Y}"]})
    return report
