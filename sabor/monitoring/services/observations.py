"""Civic monitoring: observations and challenges of indicator values, answered in public."""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sabor.core import audit
from sabor.core.forms import field_error
from sabor.monitoring.models import Indicator, Observation
from sabor.monitoring.services import check_period


@transaction.atomic
def observe(*, actor, indicator: Indicator, period: int, kind: str, text: str) -> Observation:
    """A civic monitor's observation or challenge of a public indicator's value (`actor` None is
    the system, recording one made on paper)."""
    if actor is not None and not rules.has_perm("monitoring.observe_indicator", actor, indicator):
        raise PermissionDenied
    check_period(indicator, period)
    observation = Observation(indicator=indicator, period=period, kind=kind, text=text.strip(), author=actor)
    observation.full_clean()
    observation.save()
    audit.record(actor=actor, action="observation.added", obj=observation, municipality=indicator.municipality,
                 changes={"kind": [None, kind]})
    return observation


@transaction.atomic
def answer(*, actor, observation: Observation, text: str) -> Observation:
    if not text.strip():
        raise field_error("answer", _("Write the answer."), "empty_answer")
    observation = Observation.objects.select_for_update().get(pk=observation.pk)
    old = observation.answer
    observation.answer, observation.answered_by, observation.answered_at = text.strip(), actor, timezone.now()
    observation.save(update_fields=["answer", "answered_by", "answered_at"])
    audit.record(actor=actor, action="observation.answered", obj=observation,
                 municipality=observation.indicator.municipality, changes={"answer": [old or None, text.strip()]})
    return observation
