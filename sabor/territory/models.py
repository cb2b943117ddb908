from __future__ import annotations

from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from sabor.core.models import BilingualName, Municipality

# EKATTE (the Unified Classifier of Administrative-Territorial and Territorial Units)
# numbers every settlement in Bulgaria with five digits.
ekatte_validator = RegexValidator(
    r"^\d{5}$", _("An EKATTE code has exactly five digits, e.g. 44793."), code="invalid_ekatte",
)


class SettlementQuerySet(models.QuerySet):
    def for_municipality(self, municipality: Municipality):
        return self.filter(municipality=municipality)


class Settlement(BilingualName, models.Model):
    class Kind(models.TextChoices):
        TOWN = "town", _("town")
        VILLAGE = "village", _("village")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="settlements",
                                     verbose_name=_("municipality"))
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120, blank=True)
    ekatte = models.CharField(_("EKATTE code"), max_length=5, unique=True, validators=[ekatte_validator])
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.VILLAGE)
    is_centre = models.BooleanField(_("administrative centre"), default=False)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True,
                                             validators=[MinValueValidator(0)])
    population_year = models.PositiveSmallIntegerField(_("population year"), null=True, blank=True)

    objects = SettlementQuerySet.as_manager()

    class Meta:
        verbose_name = _("settlement")
        verbose_name_plural = _("settlements")
        ordering = ["-is_centre", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="settlement_unique_name"),
        ]

    def __str__(self) -> str:
        return self.display_name

