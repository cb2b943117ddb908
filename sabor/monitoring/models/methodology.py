from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sabor.core.forms import field_error
from sabor.core.models import Municipality


class Methodology(models.Model):
    """The municipality's methodology for monitoring, analysis and evaluation: a
    versioned document the M&E officer edits and adopts. Its parameters drive the
    software: the status bands and the reporting calendar."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        ADOPTED = "adopted", _("in force")
        SUPERSEDED = "superseded", _("superseded")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="methodologies",
                                     verbose_name=_("municipality"))
    version = models.PositiveSmallIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=250)
    body = models.TextField(_("text"), blank=True, help_text=_("Markdown is allowed."))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    on_track_from = models.DecimalField(
        _("on track from"), max_digits=4, decimal_places=2, default=Decimal("0.90"),
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("Share of the expected progress from which an indicator is on track, e.g. 0.90."))
    behind_from = models.DecimalField(
        _("behind from"), max_digits=4, decimal_places=2, default=Decimal("0.60"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Share of the expected progress from which an indicator is behind rather than at risk."))
    report_due_month = models.PositiveSmallIntegerField(_("annual report due: month"), default=3,
                                                        validators=[MinValueValidator(1), MaxValueValidator(12)])
    report_due_day = models.PositiveSmallIntegerField(_("annual report due: day"), default=31,
                                                      validators=[MinValueValidator(1), MaxValueValidator(31)])
    data_due_days_before = models.PositiveSmallIntegerField(
        _("values due (days before the report)"), default=45,
        help_text=_("The people responsible are reminded by email before this date."))
    adopted_at = models.DateTimeField(_("adopted at"), null=True, blank=True)
    decision = models.CharField(_("adopting decision"), max_length=120, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("methodology")
        verbose_name_plural = _("methodologies")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "version"], name="methodology_unique_version"),
            models.UniqueConstraint(fields=["municipality"], condition=Q(status="adopted"),
                                    name="methodology_one_in_force"),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    def clean(self):
        if self.on_track_from is not None and self.behind_from is not None and self.behind_from >= self.on_track_from:
            raise field_error("behind_from", _("The 'behind' threshold must be below the 'on track' one."),
                              "bands_reversed")
        try:
            date(2001, self.report_due_month or 1, self.report_due_day or 1)  # 2001: not a leap year
        except ValueError:
            raise field_error("report_due_day", _("That day does not exist in that month."), "no_such_day") from None
