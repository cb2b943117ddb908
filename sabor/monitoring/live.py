"""Live indicator values: counts that Sabor keeps itself (people trained, forums
held, participants) feed indicators without anyone typing them in.

An app registers a source: a code, a label, the things it can count (one choice per
training programme, say) and a function that gives {year: value} for one of them.
An indicator that names a source has its municipal totals computed: they are
written as verified values that cite the source, refreshed inside the transaction
of every change to the data they count, and cannot be entered by hand."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sabor.core.forms import field_error
from sabor.core.models import Municipality


@dataclass(frozen=True)
class LiveSource:
    code: str
    label: Any  # a lazy translation
    choices: Callable[[Municipality], list[tuple[str, str]]]  # (key, label) of what can be counted
    values: Callable[[Municipality, str], dict[int, Decimal]]  # key -> {year: value}


SOURCES: dict[str, LiveSource] = {}
SEPARATOR = "|"


def register(source: LiveSource) -> None:
    SOURCES[source.code] = source


def choices(municipality: Municipality) -> list[tuple[str, str]]:
    """Every (source and key, label) the municipality can link an indicator to."""
    return [(f"{source.code}{SEPARATOR}{key}", f"{source.label}: {label}")
            for source in SOURCES.values() for key, label in source.choices(municipality)]


def split(value: str) -> tuple[str, str]:
    code, _sep, key = (value or "").partition(SEPARATOR)
    return code, key


def describe(indicator) -> str:
    source = SOURCES.get(indicator.live_source)
    if source is None:
        return ""
    labels = dict(source.choices(indicator.municipality))
    return f"{source.label}: {labels.get(indicator.live_key, indicator.live_key)}"


def check(municipality: Municipality, code: str, key: str) -> None:
    if not code and not key:
        return
    source = SOURCES.get(code)
    if source is None or key not in dict(source.choices(municipality)):
        raise field_error("live_source", _("Choose one of the counts Sabor keeps."), "unknown_source")


@transaction.atomic
def sync(indicator) -> bool:
    """Makes the indicator's municipal totals the source's values; True if anything changed."""
    from sabor.monitoring.models import Measurement
    from sabor.monitoring.services.values import _changed, check_period

    source = SOURCES.get(indicator.live_source)
    if source is None:
        return False
    wanted = {}
    for year, value in source.values(indicator.municipality, indicator.live_key).items():
        try:
            check_period(indicator, year)
        except ValidationError:
            continue  # a count from outside the plan's years says nothing of the plan
        wanted[year] = Decimal(value)
    label = describe(indicator)[:300]
    changed = bool(Measurement.objects.filter(indicator=indicator).exclude(
        settlement__isnull=True, sex="", age_group="").delete()[0])
    existing = {m.period: m for m in Measurement.objects.select_for_update().totals().filter(indicator=indicator)}
    for year in set(existing) - set(wanted):
        existing.pop(year).delete()
        changed = True
    now = timezone.now()
    for year, value in wanted.items():
        measurement = existing.get(year)
        if measurement is not None and measurement.value == value and measurement.source == label \
                and measurement.status == Measurement.Status.VERIFIED:
            continue
        Measurement.objects.update_or_create(
            indicator=indicator, period=year, settlement=None, sex="", age_group="",
            defaults={"value": value, "numerator": None, "denominator": None, "assessment": "", "source": label,
                      "note": "", "status": Measurement.Status.VERIFIED, "return_reason": "", "entered_by": None,
                      "verified_by": None, "verified_at": now})
        changed = True
    if changed:
        _changed(indicator)
    return changed


def refresh(municipality: Municipality, prefix: str) -> int:
    """Re-computes every live indicator of the municipality whose source starts with `prefix`."""
    from sabor.monitoring.models import Indicator

    indicators = Indicator.objects.filter(municipality=municipality, live_source__startswith=prefix) \
        .select_related("municipality", "plan_node__plan", "project__measure__plan")
    return sum(sync(indicator) for indicator in indicators)
