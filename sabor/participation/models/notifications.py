"""Notifications that tell people what happened to what they follow."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sabor.core.models import Municipality


class Notification(models.Model):
    """Something a person should know, shown on the site and sent by email as they chose.
    Who caused it is referred to, never copied: the text holds ACTOR where their name goes,
    filled in when it is shown, so an erased account's name leaves every notification."""

    ACTOR = "{actor}"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications",
                             verbose_name=_("user"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("caused by"))
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+",
                                     verbose_name=_("municipality"))
    text = models.CharField(_("text"), max_length=500)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread"),
                   models.Index(fields=["emailed_at", "created_at"], name="notification_to_email")]

    def __str__(self) -> str:
        return self.display_text[:60]

    @property
    def display_text(self) -> str:
        """The text with the actor's name as it is now, in the language being rendered."""
        if self.ACTOR not in self.text:
            return self.text
        name = self.actor.public_name if self.actor is not None else str(_("Deleted user"))
        return self.text.replace(self.ACTOR, name)
