from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.validators import FileExtensionValidator, RegexValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sabor.core import files
from sabor.core.validators import validate_header_colour, validate_hex_colour

# The national statistics office codes municipalities as three letters of the
# province and two digits, e.g. VTR18 for Lyaskovets.
municipality_code_validator = RegexValidator(
    r"^[A-Z]{3}\d{2}$", _("Enter the municipality code as three capital letters and two digits, e.g. VTR18."),
    code="invalid_municipality_code",
)


def in_current_language(obj, field: str) -> str:
    """The English variant of `field` (`<field>_en`) on English pages when it is
    filled in, else the Bulgarian original."""
    if get_language() == "en":
        english = getattr(obj, f"{field}_en", "")
        if english:
            return english
    return getattr(obj, field)


class BilingualName:
    """For models with `name` and `name_en`."""

    @property
    def display_name(self) -> str:
        return in_current_language(self, "name")


class Municipality(BilingualName, models.Model):
    """The tenant. Everything a municipality owns is reached through it."""

    slug = models.SlugField(_("short name"), unique=True)
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120, blank=True)
    code = models.CharField(_("municipality code"), max_length=5, unique=True,
                            validators=[municipality_code_validator])
    province = models.CharField(_("province"), max_length=120, blank=True)
    province_en = models.CharField(_("province in English"), max_length=120, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown is allowed."))
    description_en = models.TextField(_("description in English"), blank=True)
    coat_of_arms = files.ImageField(_("coat of arms"), upload_to=files.RandomName("municipalities"), blank=True,
                                    max_length=255, validators=[FileExtensionValidator(["png", "jpg", "jpeg"])])
    primary_colour = models.CharField(_("primary colour"), max_length=7, default="#1f4e79",
                                      validators=[validate_header_colour])
    # Only decorates (the coat of arms' rim, borders); it never carries text.
    accent_colour = models.CharField(_("accent colour"), max_length=7, default="#b8860b",
                                     validators=[validate_hex_colour])
    website = models.URLField(_("official website"), blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def emblem_letter(self) -> str:
        """The initial of the place itself, not of the word "Municipality"."""
        name = self.name
        for prefix in ("Община ", "община ", "Municipality of "):
            name = name.removeprefix(prefix)
        return name[:1].upper()

    @property
    def display_description(self) -> str:
        return in_current_language(self, "description")

    @property
    def display_province(self) -> str:
        return in_current_language(self, "province")


class MunicipalityDomain(models.Model):
    """A host name under which a municipality's site is served."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="domains",
                                     verbose_name=_("municipality"))
    host = models.CharField(_("host name"), max_length=253, unique=True,
                            help_text=_("Without scheme or port, e.g. sabor.lyaskovets.bg"))

    class Meta:
        verbose_name = _("domain")
        verbose_name_plural = _("domains")

    def __str__(self) -> str:
        return self.host

    def save(self, *args, **kwargs):
        # Hosts are matched case-insensitively; store them the way requests are compared.
        self.host = self.host.strip().lower()
        super().save(*args, **kwargs)


class AuditEntry(models.Model):
    """Who changed what and when. Written by services, never by signals."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, null=True, blank=True,
                                     related_name="audit_entries", verbose_name=_("municipality"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("actor"))
    # Kept beside the foreign key so the entry still reads after the actor is gone.
    actor_label = models.CharField(_("actor"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=80, db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.SET_NULL, null=True, blank=True,
                                     verbose_name=_("object type"))
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    changes = models.JSONField(_("changed fields"), default=dict, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["municipality", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"

    @property
    def actor_display(self) -> str:
        if self.actor is not None and self.actor.is_anonymised:
            return f"{_('Deleted user')} ({self.actor_label})"
        return self.actor_label or str(_("system"))


class Submission(models.Model):
    """One sending of a form that creates something (a comment, an idea), by the one-time
    key rendered into the form. Recorded in the transaction that creates the object, under
    a unique key, so that the same form sent again (a double click, a resend, ten requests
    at once) creates nothing more and leads to what the first sending created."""

    key = models.CharField(max_length=64, unique=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)  # expired keys are deleted by age

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")

    def __str__(self) -> str:
        return self.key
