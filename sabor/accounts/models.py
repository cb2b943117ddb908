from __future__ import annotations

from django.conf import settings
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sabor.core.models import BilingualName, Municipality
from sabor.territory.models import Settlement


class Role(models.TextChoices):
    RESIDENT = "resident", _("resident")
    ORGANISATION_REPRESENTATIVE = "org_representative", _("organisation representative")
    CIVIC_MONITOR = "civic_monitor", _("civic monitor")
    STAFF = "staff", _("municipal staff")
    ME_OFFICER = "me_officer", _("M&E officer")
    COUNCILLOR = "councillor", _("councillor")
    MODERATOR = "moderator", _("moderator")
    ADMINISTRATOR = "administrator", _("municipal administrator")


# Roles that follow from other facts and are never granted by hand.
DERIVED_ROLES = frozenset({Role.ORGANISATION_REPRESENTATIVE})

# Roles that act for the municipality; they must use two-factor authentication.
STAFF_ROLES = frozenset({Role.STAFF, Role.ME_OFFICER, Role.MODERATOR, Role.ADMINISTRATOR})


class StakeholderGroup(models.TextChoices):
    ADMINISTRATION = "administration", _("municipal administration")
    COUNCIL = "council", _("municipal council")
    CIVIL_SOCIETY = "civil_society", _("civil society")
    BUSINESS = "business", _("business")
    RESIDENTS = "residents", _("residents")


class NotificationFrequency(models.TextChoices):
    IMMEDIATELY = "immediately", _("immediately")
    DAILY = "daily", _("as a daily digest")
    NEVER = "never", _("never by email")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person. Accounts are global; what a person may do is set per municipality
    by Membership and RoleAssignment. `is_staff`/`is_superuser` are for the platform
    operator only (the Django admin), never for municipal work."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(_("display name"), max_length=100,
                                    help_text=_("Shown next to what you write in public."))
    preferred_language = models.CharField(_("preferred language"), max_length=8, choices=settings.LANGUAGES,
                                          blank=True)
    notification_frequency = models.CharField(_("email notifications"), max_length=12,
                                              choices=NotificationFrequency.choices,
                                              default=NotificationFrequency.IMMEDIATELY)
    is_anonymised = models.BooleanField(_("anonymised"), default=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["display_name", "id"]

    def __str__(self) -> str:
        return self.public_name

    @property
    def public_name(self) -> str:
        if self.is_anonymised:
            return str(_("Deleted user"))
        return self.display_name or str(_("Unnamed user"))

    @property
    def audit_label(self) -> str:
        return f"{self.public_name} (#{self.pk})"

    def get_full_name(self) -> str:
        return self.public_name

    def get_short_name(self) -> str:
        return self.public_name


class Membership(models.Model):
    """A person's place in one municipality: their settlement and stakeholder group."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships",
                             verbose_name=_("user"))
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="memberships",
                                     verbose_name=_("municipality"))
    settlement = models.ForeignKey(Settlement, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("settlement"))
    stakeholder_group = models.CharField(_("stakeholder group"), max_length=20,
                                         choices=StakeholderGroup.choices, default=StakeholderGroup.RESIDENTS)
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "municipality"], name="membership_unique_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.municipality}"


class RoleAssignment(models.Model):
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="roles",
                                   verbose_name=_("membership"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    granted_at = models.DateTimeField(_("granted"), auto_now_add=True)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(fields=["membership", "role"], name="role_unique_per_membership"),
        ]

    def __str__(self) -> str:
        return self.get_role_display()


# Bulgarian unified identification code (ЕИК/БУЛСТАТ): 9 digits, or 13 for branches.
eik_validator = RegexValidator(r"^(\d{9}|\d{13})$", _("An EIK/BULSTAT code has 9 or 13 digits."),
                               code="invalid_eik")


class Organisation(BilingualName, models.Model):
    class Kind(models.TextChoices):
        NGO = "ngo", _("non-governmental organisation")
        COMMUNITY_CENTRE = "community_centre", _("community centre (chitalishte)")
        BUSINESS = "business", pgettext_lazy("organisation kind", "business")
        SCHOOL = "school", _("school or kindergarten")
        PUBLIC_BODY = "public_body", _("public body")
        INFORMAL_GROUP = "informal_group", _("informal group")
        MUNICIPAL_UNIT = "municipal_unit", _("municipal unit")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="organisations",
                                     verbose_name=_("municipality"))
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    eik = models.CharField(_("EIK/BULSTAT"), max_length=13, blank=True, validators=[eik_validator])
    settlement = models.ForeignKey(Settlement, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="organisations", verbose_name=_("settlement"))
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown is allowed."))
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    is_public = models.BooleanField(_("listed publicly"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, through="OrganisationMember",
                                     related_name="organisations", verbose_name=_("members"))

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="organisation_unique_name"),
        ]

    def __str__(self) -> str:
        return self.display_name


class OrganisationMember(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships",
                                     verbose_name=_("organisation"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="organisation_memberships", verbose_name=_("user"))
    is_representative = models.BooleanField(_("representative"), default=False,
                                            help_text=_("May act on behalf of the organisation."))
    position = models.CharField(_("position"), max_length=120, blank=True)
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation member")
        verbose_name_plural = _("organisation members")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="organisation_member_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation}"
