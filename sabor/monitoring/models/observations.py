from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Observation(models.Model):
    """A civic monitor's observation on an indicator's value, or a challenge of it,
    answered in public by the municipality."""

    class Kind(models.TextChoices):
        OBSERVATION = "observation", _("observation")
        CHALLENGE = "challenge", _("challenge of the value")

    indicator = models.ForeignKey("monitoring.Indicator", on_delete=models.CASCADE, related_name="observations",
                                  verbose_name=_("indicator"))
    period = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.OBSERVATION)
    author = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+",
                               verbose_name=_("author"))
    text = models.TextField(_("text"), max_length=4000)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("answered by"))
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period}: {self.text[:40]}"
