"""The methodology in force and the parameters it sets."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sabor.core import audit
from sabor.core.models import Municipality
from sabor.monitoring.models import Methodology

# The reads live in selectors; named here too, beside the changes that make them true.
from sabor.monitoring.selectors import bands, in_force, report_due  # noqa: F401

METHODOLOGY_FIELDS = ["title", "body", "on_track_from", "behind_from", "report_due_month", "report_due_day",
                      "data_due_days_before"]


@transaction.atomic
def start_draft(*, actor, municipality: Municipality) -> Methodology:
    """A new draft, starting from the version in force (or blank defaults)."""
    existing = municipality.methodologies.filter(status=Methodology.Status.DRAFT).first()
    if existing:
        return existing
    current = in_force(municipality)
    last = municipality.methodologies.order_by("-version").first()
    draft = Methodology(municipality=municipality, version=(last.version + 1) if last else 1,
                        title=current.title if current else _("Methodology for monitoring, analysis and evaluation"),
                        body=current.body if current else "")
    if current:
        for field in METHODOLOGY_FIELDS[2:]:
            setattr(draft, field, getattr(current, field))
    draft.full_clean()
    draft.save()
    audit.record(actor=actor, action="methodology.drafted", obj=draft, municipality=municipality)
    return draft


@transaction.atomic
def update_draft(*, actor, methodology: Methodology, **fields) -> Methodology:
    if methodology.status != Methodology.Status.DRAFT:
        raise ValidationError(_("Only a draft can be changed; start a new version instead."), code="not_draft")
    audit.save_changes(methodology, actor=actor, action="methodology.updated", editable=METHODOLOGY_FIELDS,
                       values=fields, municipality=methodology.municipality)
    return methodology


@transaction.atomic
def adopt(*, actor, methodology: Methodology, decision: str = "") -> Methodology:
    methodology = Methodology.objects.select_for_update().get(pk=methodology.pk)
    if methodology.status != Methodology.Status.DRAFT:
        raise ValidationError(_("Only a draft can be adopted."), code="not_draft")
    if not methodology.body.strip():
        raise ValidationError(_("The methodology has no text yet."), code="empty")
    Methodology.objects.filter(municipality=methodology.municipality, status=Methodology.Status.ADOPTED) \
        .update(status=Methodology.Status.SUPERSEDED)
    methodology.status = Methodology.Status.ADOPTED
    methodology.adopted_at = timezone.now()
    methodology.decision = decision
    methodology.save(update_fields=["status", "adopted_at", "decision", "updated_at"])
    audit.record(actor=actor, action="methodology.adopted", obj=methodology,
                 municipality=methodology.municipality, changes={"decision": [None, decision]})
    return methodology
