"""Participation processes and their phases."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sabor.core.models import Municipality, in_current_language


class Process(models.Model):
    """A participation process, e.g. "Preparing ПИРО 2021–2027": phases, forums, an idea call."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="processes",
                                     verbose_name=_("municipality"))
    slug = models.SlugField(_("short name"), max_length=80)
    title = models.CharField(_("title"), max_length=250)
    title_en = models.CharField(_("title in English"), max_length=250, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown is allowed."))
    plan = models.ForeignKey("planning.Plan", on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="processes", verbose_name=_("plan it feeds"))
    ideas_open_from = models.DateField(_("idea call opens"), null=True, blank=True)
    ideas_open_until = models.DateField(_("idea call closes"), null=True, blank=True)
    results = models.TextField(_("results"), blank=True, help_text=_("Markdown is allowed."))
    is_public = models.BooleanField(_("public"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("participation process")
        verbose_name_plural = _("participation processes")
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["municipality", "slug"], name="process_unique_slug")]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return in_current_language(self, "title")

    def takes_ideas(self, today=None) -> bool:
        today = today or timezone.localdate()
        return bool(self.ideas_open_from and self.ideas_open_from <= today
                    and (self.ideas_open_until is None or today <= self.ideas_open_until))

    def clean(self):
        if self.ideas_open_from and self.ideas_open_until and self.ideas_open_until < self.ideas_open_from:
            raise ValidationError({"ideas_open_until": _("The idea call cannot close before it opens.")})


class Phase(models.Model):
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="phases",
                                verbose_name=_("process"))
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["starts_on", "pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A phase cannot end before it starts.")})

    def is_current(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.starts_on <= today <= self.ends_on
