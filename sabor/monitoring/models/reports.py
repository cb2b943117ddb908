from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sabor.core import files
from sabor.core.models import Municipality
from sabor.planning.models import Plan, public_plan_q


class AnnualReportQuerySet(models.QuerySet):
    def public(self) -> AnnualReportQuerySet:
        """Reports anyone may read: published, with their documents, of a public plan. Pages,
        lists and files ask this (or `publicly_visible` for one report in hand)."""
        return self.filter(public_plan_q("plan__"), stage=AnnualReport.Stage.PUBLISHED,
                           status=AnnualReport.Status.READY)


class AnnualReport(models.Model):
    """The annual report on the implementation of a plan, which the council approves.
    Staff write the narrative parts; the rest is generated from Sabor's data. Its stage
    moves draft → submitted to the council → approved → published (see reports.py);
    `status` is only how far the generation of its documents has got."""

    class Stage(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted to the council")
        APPROVED = "approved", _("approved by the council")
        PUBLISHED = "published", pgettext_lazy("report", "published")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        QUEUED = "queued", _("waiting to be generated")
        GENERATING = "generating", _("being generated")
        READY = "ready", _("ready")
        FAILED = "failed", _("generation failed")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="annual_reports",
                                     verbose_name=_("municipality"))
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="annual_reports", verbose_name=_("plan"))
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1990),
                                                                   MaxValueValidator(2100)])
    general_conditions = models.TextField(_("general conditions"), blank=True,
                                          help_text=_("Changes in the conditions in which the plan is carried out."))
    actions_taken = models.TextField(_("actions taken"), blank=True,
                                     help_text=_("Actions taken to carry out the plan and to publicise it."))
    monitoring_arrangements = models.TextField(_("monitoring arrangements"), blank=True,
                                               help_text=_("How monitoring and evaluation were organised."))
    conclusions = models.TextField(_("conclusions"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    progress = models.PositiveSmallIntegerField(_("generation progress (%)"), default=0)
    error = models.TextField(_("error"), blank=True)
    docx = files.FileField(_("DOCX"), upload_to=files.RandomName("reports"), blank=True, max_length=255)
    pdf = files.FileField(_("PDF"), upload_to=files.RandomName("reports"), blank=True, max_length=255)
    generated_at = models.DateTimeField(_("generated"), null=True, blank=True)
    council_decision_number = models.CharField(_("council decision number"), max_length=40, blank=True)
    council_decision_date = models.DateField(_("council decision date"), null=True, blank=True)
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices, default=Stage.DRAFT)
    submitted_at = models.DateTimeField(_("submitted to the council"), null=True, blank=True)
    published_at = models.DateTimeField(pgettext_lazy("report", "published"), null=True, blank=True)

    objects = AnnualReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["plan", "year"], name="annual_report_unique_year")]

    def __str__(self) -> str:
        return f"{self.plan} – {self.year}"

    @property
    def is_approved(self) -> bool:
        return bool(self.council_decision_number and self.council_decision_date)

    @property
    def publicly_visible(self) -> bool:
        """The instance form of AnnualReportQuerySet.public()."""
        return (self.stage == self.Stage.PUBLISHED and self.status == self.Status.READY
                and self.plan.publicly_visible)
