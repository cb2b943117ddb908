from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sabor.core import files
from sabor.core.models import Municipality, in_current_language
from sabor.monitoring.progress import Aggregation, Direction
from sabor.planning.models import PlanNode, public_plan_q, public_project_q
from sabor.territory.models import Settlement

EVIDENCE_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "csv", "jpg", "jpeg", "png"]


def shown_in_plan_q(prefix: str = "") -> Q:
    """Indicators that the pages, exports and reports of their plan show, the plan's own
    visibility aside: public ones, not of a project kept internal."""
    return Q(**{f"{prefix}is_public": True}) & (Q(**{f"{prefix}project__isnull": True})
                                                 | Q(**{f"{prefix}project__is_public": True}))


def public_indicator_q(prefix: str = "") -> Q:
    """An indicator is public when it is, and so are the plan and the project it belongs to."""
    return (shown_in_plan_q(prefix)
            & (Q(**{f"{prefix}plan_node__isnull": True}) | public_plan_q(f"{prefix}plan_node__plan__"))
            & (Q(**{f"{prefix}project__isnull": True}) | public_project_q(f"{prefix}project__")))


class IndicatorQuerySet(models.QuerySet):
    def public(self) -> IndicatorQuerySet:
        return self.filter(public_indicator_q())

    def shown_in_plan(self) -> IndicatorQuerySet:
        return self.filter(shown_in_plan_q())


class Indicator(models.Model):
    class Kind(models.TextChoices):
        NUMBER = "number", _("number")
        PERCENTAGE = "percentage", _("percentage")
        QUALITATIVE = "qualitative", _("qualitative")

    class Level(models.TextChoices):
        OUTPUT = "output", _("output")
        RESULT = "result", _("result")
        IMPACT = "impact", _("impact")

    class DirectionChoice(models.TextChoices):
        INCREASE = Direction.INCREASE.value, _("increase")
        DECREASE = Direction.DECREASE.value, _("decrease")
        RANGE = Direction.RANGE.value, _("stay within a range")

    class AggregationChoice(models.TextChoices):
        SUM = Aggregation.SUM.value, _("sum over the periods")
        LATEST = Aggregation.LATEST.value, _("latest value")
        AVERAGE = Aggregation.AVERAGE.value, _("average of the periods")

    class Frequency(models.TextChoices):
        ANNUAL = "annual", _("annually")
        SEMIANNUAL = "semiannual", _("every six months")
        QUARTERLY = "quarterly", _("quarterly")
        ONCE = "once", _("once")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="indicators",
                                     verbose_name=_("municipality"))
    plan_node = models.ForeignKey(PlanNode, on_delete=models.CASCADE, null=True, blank=True,
                                  related_name="indicators", verbose_name=_("plan goal or measure"))
    project = models.ForeignKey("planning.Project", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="indicators", verbose_name=_("project"),
                                help_text=_("For an indicator of one project (its outputs and results)."))
    policy = models.CharField(_("policy"), max_length=200, blank=True,
                              help_text=_("For an indicator of a policy outside the plan."))
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=300)
    name_en = models.CharField(_("name in English"), max_length=300, blank=True)
    unit = models.CharField(_("unit"), max_length=40, help_text=_("e.g. %, people, km, BGN"))
    unit_en = models.CharField(_("unit in English"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.NUMBER)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, default=Level.RESULT)
    direction = models.CharField(_("desired change"), max_length=10, choices=DirectionChoice.choices,
                                 default=DirectionChoice.INCREASE)
    aggregation = models.CharField(_("aggregation over periods"), max_length=10, choices=AggregationChoice.choices,
                                   default=AggregationChoice.LATEST)
    baseline_value = models.DecimalField(_("baseline value"), max_digits=16, decimal_places=4, null=True,
                                         blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    range_low = models.DecimalField(_("lowest acceptable value"), max_digits=16, decimal_places=4, null=True,
                                    blank=True)
    range_high = models.DecimalField(_("highest acceptable value"), max_digits=16, decimal_places=4, null=True,
                                     blank=True)
    allows_negative = models.BooleanField(
        _("values may be negative"), default=False,
        help_text=_("Only for a change or a balance; counts, amounts and lengths cannot be below zero."))
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2, default=Decimal(1),
                                 validators=[MinValueValidator(Decimal(0))])
    # The indicator passport.
    definition = models.TextField(_("definition"), blank=True)
    formula = models.TextField(_("formula"), blank=True)
    source = models.CharField(_("data source"), max_length=300, blank=True)
    collection_method = models.TextField(_("collection method"), blank=True)
    frequency = models.CharField(_("frequency"), max_length=12, choices=Frequency.choices,
                                 default=Frequency.ANNUAL)
    responsible = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("responsible person"))
    responsible_unit = models.CharField(_("responsible unit"), max_length=200, blank=True)
    quality_checks = models.TextField(_("quality checks"), blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    # Where Sabor computes the values itself (see sabor.monitoring.live).
    live_source = models.CharField(_("computed from"), max_length=40, blank=True)
    live_key = models.CharField(_("computed from (which)"), max_length=40, blank=True)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["code", "pk"]
        constraints = [models.UniqueConstraint(fields=["municipality", "code"], name="indicator_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.display_name}"

    @property
    def display_name(self) -> str:
        return in_current_language(self, "name")

    @property
    def publicly_visible(self) -> bool:
        """The instance form of IndicatorQuerySet.public()."""
        return (self.is_public and (self.plan_node_id is None or self.plan_node.plan.publicly_visible)
                and (self.project_id is None or self.project.publicly_visible))

    def clean(self):
        errors = {}
        if self.kind != self.Kind.QUALITATIVE and self.direction != self.DirectionChoice.RANGE \
                and self.baseline_value is None:
            errors["baseline_value"] = _("A numeric indicator needs a baseline value.")
        if self.direction == self.DirectionChoice.RANGE and self.range_low is None and self.range_high is None:
            errors["range_low"] = _("Give at least one end of the acceptable range.")
        if self.range_low is not None and self.range_high is not None and self.range_low > self.range_high:
            errors["range_high"] = _("The highest value cannot be below the lowest.")
        if self.baseline_value is not None and self.baseline_value < 0 and not self.allows_negative:
            errors["baseline_value"] = _("This indicator cannot be below zero.")
        if self.kind == self.Kind.PERCENTAGE and self.baseline_value is not None \
                and not Decimal(0) <= self.baseline_value <= Decimal(100):
            errors["baseline_value"] = _("A percentage lies between 0 and 100.")
        if errors:
            raise ValidationError(errors)


class Target(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets",
                                  verbose_name=_("indicator"))
    period = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("target value"), max_digits=16, decimal_places=4)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["period"]
        constraints = [models.UniqueConstraint(fields=["indicator", "period"], name="target_unique_period")]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period}: {self.value}"


class MeasurementQuerySet(models.QuerySet):
    def totals(self):
        """Values for the whole municipality, not broken down by settlement, sex or age."""
        return self.filter(settlement__isnull=True, sex="", age_group="")


class Measurement(models.Model):
    """A reported value of an indicator for a period, entered as a draft, submitted,
    then verified (or returned) by the M&E officer. A value may be broken down by
    settlement, by sex or by age group; the total has none of these."""

    class Sex(models.TextChoices):
        FEMALE = "female", _("women")
        MALE = "male", _("men")

    class AgeGroup(models.TextChoices):
        CHILDREN = "0-17", _("0–17 years")
        YOUNG = "18-34", _("18–34 years")
        MIDDLE = "35-64", _("35–64 years")
        OLDER = "65+", _("65 years and over")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        VERIFIED = "verified", _("verified")
        RETURNED = "returned", _("returned for correction")

    class Assessment(models.TextChoices):
        ACHIEVED = "achieved", _("achieved")
        PARTLY = "partly", _("partly achieved")
        NOT_ACHIEVED = "not_achieved", _("not achieved")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements",
                                  verbose_name=_("indicator"))
    period = models.PositiveSmallIntegerField(_("year"))
    settlement = models.ForeignKey(Settlement, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name=_("settlement"),
                                   help_text=_("Leave empty for the value of the whole municipality."))
    sex = models.CharField(_("sex"), max_length=6, choices=Sex.choices, blank=True,
                           help_text=_("Leave empty for all."))
    age_group = models.CharField(_("age group"), max_length=5, choices=AgeGroup.choices, blank=True,
                                 help_text=_("Leave empty for all ages."))
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4, null=True, blank=True)
    numerator = models.DecimalField(_("numerator"), max_digits=16, decimal_places=4, null=True, blank=True)
    denominator = models.DecimalField(_("denominator"), max_digits=16, decimal_places=4, null=True, blank=True)
    assessment = models.CharField(_("assessment"), max_length=14, choices=Assessment.choices, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    evidence_url = models.URLField(_("evidence (link)"), blank=True)
    evidence_file = files.FileField(_("evidence (file)"), upload_to=files.RandomName("evidence"), blank=True,
                                    max_length=255, validators=[FileExtensionValidator(EVIDENCE_EXTENSIONS)])
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    return_reason = models.TextField(_("reason for returning"), blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("entered by"))
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("verified by"))
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MeasurementQuerySet.as_manager()

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["period"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period", "sex", "age_group"],
                                    condition=Q(settlement__isnull=True),
                                    name="measurement_unique_municipal_period"),
            models.UniqueConstraint(fields=["indicator", "period", "settlement", "sex", "age_group"],
                                    condition=Q(settlement__isnull=False),
                                    name="measurement_unique_settlement_period"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period}"
