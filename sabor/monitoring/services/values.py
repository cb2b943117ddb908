"""Indicators, targets and the measurement workflow: draft → submitted → verified
(or returned for correction). Every step is audited."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import rules
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sabor.core import audit, notices
from sabor.core.forms import field_error
from sabor.core.models import Municipality
from sabor.monitoring import live
from sabor.monitoring.models import Indicator, Measurement, Target
from sabor.monitoring.services.plan_page import plan_changed

INDICATOR_FIELDS = ["plan_node", "project", "policy", "code", "name", "name_en", "unit", "unit_en", "kind", "level",
                    "direction", "aggregation", "allows_negative", "baseline_value", "baseline_year", "range_low",
                    "range_high", "weight",
                    "definition", "formula", "source", "collection_method", "frequency", "responsible",
                    "responsible_unit", "quality_checks", "is_public", "live_source", "live_key"]
MEASUREMENT_FIELDS = ["value", "numerator", "denominator", "assessment", "source", "evidence_url", "evidence_file",
                      "note"]
EDITABLE_STATUSES = {Measurement.Status.DRAFT, Measurement.Status.RETURNED}


@transaction.atomic
def create_indicator(*, actor, municipality: Municipality, **fields: Any) -> Indicator:
    if fields.get("plan_node") is not None and fields["plan_node"].plan.municipality_id != municipality.pk:
        raise ValidationError(_("That plan belongs to another municipality."), code="foreign_plan")
    if fields.get("project") is not None and fields["project"].municipality_id != municipality.pk:
        raise ValidationError(_("That project belongs to another municipality."), code="foreign_project")
    live.check(municipality, fields.get("live_source", ""), fields.get("live_key", ""))
    indicator = Indicator(municipality=municipality, **fields)
    indicator.full_clean()
    indicator.save()
    audit.record(actor=actor, action="indicator.created", obj=indicator, municipality=municipality)
    _changed(indicator)
    live.sync(indicator)
    return indicator


@transaction.atomic
def update_indicator(*, actor, indicator: Indicator, **fields: Any) -> Indicator:
    live.check(indicator.municipality, fields.get("live_source", indicator.live_source),
               fields.get("live_key", indicator.live_key))
    audit.save_changes(indicator, actor=actor, action="indicator.updated", editable=INDICATOR_FIELDS,
                       values=fields, municipality=indicator.municipality)
    _changed(indicator)
    live.sync(indicator)
    return indicator


def _changed(indicator: Indicator) -> None:
    if indicator.plan_node_id:
        plan_changed(indicator.plan_node.plan_id)


def check_period(indicator: Indicator, period: int) -> None:
    """A period must fall within the plan of the indicator (or a sane range)."""
    plan = (indicator.plan_node.plan if indicator.plan_node_id else
            indicator.project.measure.plan if indicator.project_id and indicator.project.measure_id else None)
    low, high = (plan.start_year - 1, plan.end_year + 3) if plan else (1990, 2100)
    if not low <= period <= high:
        raise field_error("period", _("The year must be between %(low)s and %(high)s for this indicator.")
                          % {"low": low, "high": high}, "period_outside_plan")


@transaction.atomic
def set_target(*, actor, indicator: Indicator, period: int, value: Decimal) -> Target:
    check_period(indicator, period)
    check_number(indicator, value, "value")
    target, created = Target.objects.update_or_create(indicator=indicator, period=period,
                                                      defaults={"value": value})
    audit.record(actor=actor, action="target.set", obj=indicator, municipality=indicator.municipality,
                 changes={f"target {period}": [None, str(value)]})
    _changed(indicator)
    return target


def check_number(indicator: Indicator, value: Decimal | None, field: str) -> None:
    """The one check of a number given for an indicator (a value or a target), typed in
    or imported: one the database can hold, not below zero unless the indicator allows
    it, a percentage between 0 and 100."""
    if value is None:
        return
    if not value.is_finite():
        raise ValidationError({field: ValidationError(_("Enter a number."), code="not_finite")})
    try:
        Target._meta.get_field("value").run_validators(value)
    except ValidationError as error:
        raise ValidationError({field: [ValidationError(message, code="number_too_large")
                                       for message in error.messages]}) from None
    if value < 0 and not indicator.allows_negative:
        raise ValidationError({field: ValidationError(_("This indicator cannot be below zero."), code="negative")})
    _check_percentage(indicator, value, field)


def _check_percentage(indicator: Indicator, value: Decimal | None, field: str) -> None:
    if indicator.kind == Indicator.Kind.PERCENTAGE and value is not None and not 0 <= value <= 100:
        raise ValidationError({field: ValidationError(
            _("A percentage lies between 0 and 100."), code="percentage_out_of_range")})


def _check_measurement(indicator: Indicator, measurement: Measurement) -> None:
    if indicator.kind == Indicator.Kind.QUALITATIVE:
        if not measurement.assessment:
            raise field_error("assessment", _("Choose how far the indicator was achieved."), "assessment_required")
        return
    if measurement.assessment:
        raise field_error("assessment", _("Only qualitative indicators take an assessment."), "assessment_not_allowed")
    if measurement.numerator is not None or measurement.denominator is not None:
        if indicator.kind != Indicator.Kind.PERCENTAGE:
            raise field_error("numerator", _("Only percentage indicators take a numerator and denominator."),
                              "fraction_not_allowed")
        if measurement.numerator is None or not measurement.denominator:
            raise field_error("denominator", _("Give both a numerator and a denominator above zero."),
                              "fraction_incomplete")
        if measurement.numerator > measurement.denominator or measurement.numerator < 0:
            raise field_error("numerator", _("The numerator must be between 0 and the denominator."),
                              "fraction_out_of_range")
        measurement.value = (measurement.numerator / measurement.denominator * 100).quantize(Decimal("0.0001"))
    if measurement.value is None:
        raise field_error("value", _("Enter the value."), "value_required")
    check_number(indicator, measurement.value, "value")


@transaction.atomic
def save_measurement(*, actor, indicator: Indicator, period: int, settlement=None, sex: str = "",
                     age_group: str = "", **fields: Any) -> Measurement:
    """Creates or edits the draft of a period's value (for the whole municipality, or
    for one settlement, sex or age group)."""
    if indicator.live_source:
        raise ValidationError(_("The values of this indicator are computed by Sabor (%(source)s); they cannot be "
                                "entered by hand.") % {"source": live.describe(indicator)}, code="computed")
    check_period(indicator, period)
    if settlement is not None and settlement.municipality_id != indicator.municipality_id:
        raise field_error("settlement", _("That settlement is not in this municipality."), "foreign_settlement")
    measurement = (Measurement.objects.select_for_update()
                   .filter(indicator=indicator, period=period, settlement=settlement, sex=sex or "",
                           age_group=age_group or "").first())
    if measurement is None:
        measurement = Measurement(indicator=indicator, period=period, settlement=settlement, sex=sex or "",
                                  age_group=age_group or "", entered_by=actor)
    elif not rules.test_rule("monitoring.measurement_editable", actor, measurement):
        raise ValidationError(_("This value has been %(status)s and can no longer be edited.")
                              % {"status": measurement.get_status_display()}, code="not_editable")
    before = audit.snapshot(measurement, MEASUREMENT_FIELDS)
    for name, value in fields.items():
        if name not in MEASUREMENT_FIELDS:
            raise TypeError(f"{name} is not a measurement field")
        setattr(measurement, name, value)
    _check_measurement(indicator, measurement)
    measurement.status = Measurement.Status.DRAFT
    measurement.full_clean()
    measurement.save()
    audit.record(actor=actor, action="measurement.saved", obj=measurement, municipality=indicator.municipality,
                 changes=audit.diff(before, audit.snapshot(measurement, MEASUREMENT_FIELDS)))
    return measurement


def _transition(measurement: Measurement, allowed: set[str]) -> Measurement:
    locked = Measurement.objects.select_for_update().get(pk=measurement.pk)
    if locked.status not in allowed:
        raise ValidationError(_("This value is %(status)s; that step is not possible now.")
                              % {"status": locked.get_status_display()}, code="wrong_status")
    return locked


@transaction.atomic
def submit_measurement(*, actor, measurement: Measurement) -> Measurement:
    measurement = _transition(measurement, EDITABLE_STATUSES)
    measurement.status = Measurement.Status.SUBMITTED
    measurement.save(update_fields=["status", "updated_at"])
    audit.record(actor=actor, action="measurement.submitted", obj=measurement,
                 municipality=measurement.indicator.municipality)
    return measurement


@transaction.atomic
def verify_measurement(*, actor, measurement: Measurement) -> Measurement:
    measurement = _transition(measurement, {Measurement.Status.SUBMITTED})
    if rules.test_rule("monitoring.entered_the_measurement", actor, measurement):
        # Four eyes: whoever entered a value does not also verify it.
        raise ValidationError(_("A value is verified by someone other than the person who entered it."),
                              code="own_measurement")
    measurement.status = Measurement.Status.VERIFIED
    measurement.verified_by = actor
    measurement.verified_at = timezone.now()
    measurement.return_reason = ""
    measurement.save(update_fields=["status", "verified_by", "verified_at", "return_reason", "updated_at"])
    audit.record(actor=actor, action="measurement.verified", obj=measurement,
                 municipality=measurement.indicator.municipality)
    _changed(measurement.indicator)
    return measurement


@transaction.atomic
def return_measurement(*, actor, measurement: Measurement, reason: str) -> Measurement:
    if not reason.strip():
        raise field_error("reason", _("Say what needs correcting."), "reason_required")
    measurement = _transition(measurement, {Measurement.Status.SUBMITTED, Measurement.Status.VERIFIED})
    measurement.status = Measurement.Status.RETURNED
    measurement.return_reason = reason.strip()
    measurement.save(update_fields=["status", "return_reason", "updated_at"])
    indicator = measurement.indicator
    audit.record(actor=actor, action="measurement.returned", obj=measurement,
                 municipality=indicator.municipality, changes={"reason": [None, reason.strip()]})
    _changed(indicator)
    if measurement.entered_by_id and measurement.entered_by_id != getattr(actor, "pk", None):
        # Whoever entered the value corrects it: they hear of it at once, not when they next look.
        notices.notify(users=[measurement.entered_by], municipality=indicator.municipality,
                       url=reverse("office:indicator_values", args=[indicator.pk]),
                       message=lambda user: _("Your value of %(code)s for %(year)s was returned for correction: "
                                              "%(reason)s") % {"code": indicator.code, "year": measurement.period,
                                                               "reason": measurement.return_reason})
    return measurement


@transaction.atomic
def delete_measurement(*, actor, measurement: Measurement) -> None:
    """Its author deletes a draft that should not have been entered. Once submitted a value
    is part of the record: it is returned and corrected, never deleted."""
    measurement = _transition(measurement, {Measurement.Status.DRAFT})
    if not rules.test_rule("monitoring.own_draft", actor, measurement):
        raise ValidationError(_("Only whoever entered a draft can delete it."), code="not_own_draft")
    indicator = measurement.indicator
    audit.record(actor=actor, action="measurement.deleted", obj=measurement, municipality=indicator.municipality,
                 changes={field: [value, None] for field, (_none, value)
                          in audit.diff({}, audit.snapshot(measurement, MEASUREMENT_FIELDS)).items()})
    evidence = measurement.evidence_file
    measurement.delete()
    if evidence:
        transaction.on_commit(lambda: evidence.storage.delete(evidence.name))
