"""Reports of abusive content, waiting in the moderation queue."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sabor.core.models import Municipality
from sabor.participation.models.ideas import Comment, Idea


class Report(models.Model):
    """A report of abusive content, waiting in the moderation queue."""

    class Reason(models.TextChoices):
        ABUSE = "abuse", _("insulting or hateful")
        SPAM = "spam", _("advertising or spam")
        PERSONAL_DATA = "personal_data", _("reveals someone's personal data")
        OFF_TOPIC = "off_topic", _("off topic")
        OTHER = "other", _("something else")

    class Status(models.TextChoices):
        OPEN = "open", _("waiting")
        HIDDEN = "hidden", _("content hidden")
        DISMISSED = "dismissed", _("dismissed")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="reports",
                                     verbose_name=_("municipality"))
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, null=True, blank=True, related_name="reports",
                             verbose_name=_("idea"))
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, null=True, blank=True, related_name="reports",
                                verbose_name=_("comment"))
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
                                 verbose_name=_("reported by"))
    reason = models.CharField(_("reason"), max_length=14, choices=Reason.choices)
    text = models.CharField(_("details"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(idea__isnull=False) | Q(comment__isnull=False),
                                   name="report_has_target"),
            models.UniqueConstraint(fields=["reporter", "idea"], condition=Q(status="open", comment__isnull=True),
                                    name="report_once_per_idea"),
            models.UniqueConstraint(fields=["reporter", "comment"], condition=Q(status="open"),
                                    name="report_once_per_comment"),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} #{self.pk}"
