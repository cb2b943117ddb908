"""Annual reports: narrative, generation in the background, and the way to the public:
draft (staff only) → submitted to the council → approved (decision number and date) →
published. Only a published report is public; once submitted, its text and documents
stay as the council received them."""

from __future__ import annotations

from datetime import date
from functools import partial

import rules
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sabor.core import audit
from sabor.core.forms import field_error
from sabor.monitoring.annual_report import generate_annual_report
from sabor.monitoring.models import AnnualReport
from sabor.planning.models import Plan

NARRATIVE_FIELDS = ["general_conditions", "actions_taken", "monitoring_arrangements", "conclusions"]


@transaction.atomic
def create_report(*, actor, plan: Plan, year: int) -> AnnualReport:
    if not plan.covers(year):
        raise field_error("year", _("The plan runs from %(start)s to %(end)s.")
                          % {"start": plan.start_year, "end": plan.end_year}, "year_outside_plan")
    if AnnualReport.objects.filter(plan=plan, year=year).exists():
        raise field_error("year", _("There is already a report for that year."), "duplicate")
    report = AnnualReport(municipality=plan.municipality, plan=plan, year=year)
    report.full_clean()
    report.save()
    audit.record(actor=actor, action="report.created", obj=report, municipality=plan.municipality)
    return report


def _locked(report: AnnualReport, *stages: str) -> AnnualReport:
    """The report locked for a change that only `stages` allow."""
    report = AnnualReport.objects.select_for_update(of=("self",)).select_related("plan").get(pk=report.pk)
    if report.stage not in stages:
        raise ValidationError(_("This cannot be done at the report's stage: %(stage)s.")
                              % {"stage": report.get_stage_display()}, code="wrong_stage")
    return report


def _move(report: AnnualReport, *, actor, stage: str, action: str, fields: dict | None = None,
          changes: dict | None = None) -> AnnualReport:
    old = report.stage
    report.stage = stage
    for name, value in (fields or {}).items():
        setattr(report, name, value)
    report.full_clean()
    report.save(update_fields=["stage", *(fields or {})])
    audit.record(actor=actor, action=action, obj=report, municipality=report.municipality,
                 changes={"stage": [old, stage], **(changes or {})})
    return report


def _locked_draft(report: AnnualReport, actor) -> AnnualReport:
    """The report locked for a change only a draft allows (monitoring.report_editable)."""
    report = _locked(report, *AnnualReport.Stage.values)
    if not rules.test_rule("monitoring.report_editable", actor, report):
        raise ValidationError(_("This cannot be done at the report's stage: %(stage)s.")
                              % {"stage": report.get_stage_display()}, code="wrong_stage")
    return report


@transaction.atomic
def update_narrative(*, actor, report: AnnualReport, **fields) -> AnnualReport:
    report = _locked_draft(report, actor)
    audit.save_changes(report, actor=actor, action="report.updated", editable=NARRATIVE_FIELDS, values=fields,
                       municipality=report.municipality)
    return report


@transaction.atomic
def request_generation(*, actor, report: AnnualReport) -> AnnualReport:
    report = _locked_draft(report, actor)
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
def submit_to_council(*, actor, report: AnnualReport) -> AnnualReport:
    report = _locked(report, AnnualReport.Stage.DRAFT)
    if report.status != AnnualReport.Status.READY:
        raise ValidationError(_("Generate the report before submitting it to the council."), code="not_ready")
    return _move(report, actor=actor, stage=AnnualReport.Stage.SUBMITTED, action="report.submitted",
                 fields={"submitted_at": timezone.now()})


@transaction.atomic
def return_to_draft(*, actor, report: AnnualReport) -> AnnualReport:
    """The council sent the report back (or it was submitted by mistake): staff may change it again."""
    report = _locked(report, AnnualReport.Stage.SUBMITTED)
    return _move(report, actor=actor, stage=AnnualReport.Stage.DRAFT, action="report.returned",
                 fields={"submitted_at": None})


@transaction.atomic
def record_approval(*, actor, report: AnnualReport, number: str, on: date) -> AnnualReport:
    report = _locked(report, AnnualReport.Stage.SUBMITTED)
    return _move(report, actor=actor, stage=AnnualReport.Stage.APPROVED, action="report.approved",
                 fields={"council_decision_number": number, "council_decision_date": on},
                 changes={"decision": [None, f"{number} / {on:%d.%m.%Y}"]})


@transaction.atomic
def publish(*, actor, report: AnnualReport) -> AnnualReport:
    report = _locked(report, AnnualReport.Stage.APPROVED)
    if not report.plan.publicly_visible:
        raise ValidationError(_("The plan of this report is not public; make the plan public first."),
                              code="plan_not_public")
    return _move(report, actor=actor, stage=AnnualReport.Stage.PUBLISHED, action="report.published",
                 fields={"published_at": timezone.now()})
