"""The forums and meetings held in processes, with registration, attendance and minutes."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sabor.accounts.models import Organisation, StakeholderGroup
from sabor.core import files
from sabor.core.models import Municipality, in_current_language
from sabor.participation.models.processes import Process
from sabor.territory.models import Settlement

ATTACHMENT_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "jpg", "jpeg", "png"]


class Meeting(models.Model):
    """A forum or meeting: registration against capacity with a waiting list, check-in
    at the door, minutes and the ideas it produced."""

    class Kind(models.TextChoices):
        PUBLIC_FORUM = "public_forum", _("public forum")
        MINI_FORUM = "mini_forum", _("mini civic forum")
        FOCUS_GROUP = "focus_group", _("focus group")
        WORKING_GROUP = "working_group", _("working group")
        ONLINE = "online", _("online meeting")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="meetings",
                                     verbose_name=_("municipality"))
    process = models.ForeignKey(Process, on_delete=models.SET_NULL, null=True, blank=True, related_name="meetings",
                                verbose_name=_("process"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PUBLIC_FORUM)
    title = models.CharField(_("title"), max_length=250)
    title_en = models.CharField(_("title in English"), max_length=250, blank=True)
    agenda = models.TextField(_("agenda"), blank=True, help_text=_("Markdown is allowed."))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    settlement = models.ForeignKey(Settlement, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                   verbose_name=_("settlement"))
    address = models.CharField(_("address"), max_length=250, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True, validators=[MinValueValidator(1)],
                                           help_text=_("Leave empty for no limit."))
    invited_groups = models.JSONField(_("stakeholder groups invited"), default=list, blank=True)
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    minutes = models.TextField(_("minutes"), blank=True, help_text=_("Markdown is allowed."))
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    is_public = models.BooleanField(_("public"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("forum or meeting")
        verbose_name_plural = _("forums and meetings")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["municipality", "starts_at"], name="meeting_town_start")]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return in_current_language(self, "title")

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("A meeting ends after it starts.")
        if self.registration_opens_at and self.registration_closes_at and \
                self.registration_closes_at <= self.registration_opens_at:
            errors["registration_closes_at"] = _("Registration must close after it opens.")
        if self.kind != self.Kind.ONLINE and not self.address and not self.settlement_id:
            errors["address"] = _("Give the address or the settlement where the meeting is held.")
        if self.kind == self.Kind.ONLINE and not self.online_url:
            errors["online_url"] = _("An online meeting needs its link.")
        unknown = set(self.invited_groups or []) - set(StakeholderGroup.values)
        if unknown:
            errors["invited_groups"] = _("Unknown stakeholder group.")
        if errors:
            raise ValidationError(errors)

    def registration_open(self, now=None) -> bool:
        now = now or timezone.now()
        return (not self.is_cancelled and now < self.starts_at
                and (self.registration_opens_at is None or self.registration_opens_at <= now)
                and (self.registration_closes_at is None or now < self.registration_closes_at))

    @property
    def has_ended(self) -> bool:
        return self.ends_at <= timezone.now()


class MeetingAttachment(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attachments",
                                verbose_name=_("meeting"))
    title = models.CharField(_("title"), max_length=250)
    file = files.FileField(_("file"), upload_to=files.RandomName("meetings"), max_length=255,
                           validators=[FileExtensionValidator(ATTACHMENT_EXTENSIONS)])
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title


class Registration(models.Model):
    """A place at a meeting (or on its waiting list), and whether the person came."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("registered")
        WAITING = "waiting", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")

    class Source(models.TextChoices):
        ONLINE = "online", _("registered online")
        WALK_IN = "walk_in", _("walked in")
        PAPER = "paper", _("paper sign-in list")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="registrations",
                                verbose_name=_("meeting"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="registrations", verbose_name=_("account"))
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email"), blank=True)
    stakeholder_group = models.CharField(_("stakeholder group"), max_length=20, choices=StakeholderGroup.choices)
    settlement = models.ForeignKey(Settlement, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                   verbose_name=_("settlement"))
    organisation = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("organisation"))
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.REGISTERED)
    source = models.CharField(_("source"), max_length=8, choices=Source.choices, default=Source.ONLINE)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], condition=Q(user__isnull=False),
                                    name="registration_unique_user"),
        ]
        indexes = [models.Index(fields=["meeting", "status", "created_at"], name="registration_queue")]

    def __str__(self) -> str:
        return self.name

    @property
    def organisation_label(self) -> str:
        return self.organisation.display_name if self.organisation_id else self.organisation_name
