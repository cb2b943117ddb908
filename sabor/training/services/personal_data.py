"""What training holds about a person with an account, for the download of one's data
and for account deletion."""

from __future__ import annotations

from typing import Any

from sabor.core import audit
from sabor.training.models import Attempt, Enrolment, Feedback


def export(user) -> list[dict[str, Any]]:
    enrolments = Enrolment.objects.filter(user=user).select_related("programme__municipality", "certificate")
    attempts = {}
    for attempt in Attempt.objects.filter(enrolment__user=user).select_related("assessment"):
        attempts.setdefault(attempt.enrolment_id, {})[attempt.assessment.kind] = f"{attempt.score}/{attempt.max_score}"
    rated = set(Feedback.objects.filter(enrolment__user=user).values_list("enrolment_id", flat=True))
    return [{
        "programme": enrolment.programme.title,
        "municipality": enrolment.programme.municipality.name,
        "name": enrolment.name, "email": enrolment.email, "stakeholder_group": enrolment.stakeholder_group,
        "organisation": enrolment.organisation_label, "position": enrolment.position, "status": enrolment.status,
        "enrolled_on": enrolment.enrolled_on.isoformat(),
        "completed_on": enrolment.completed_on.isoformat() if enrolment.completed_on else None,
        "certificate": enrolment.certificate.code if hasattr(enrolment, "certificate") else None,
        "tests": attempts.get(enrolment.pk, {}), "gave_feedback": enrolment.pk in rated,
    } for enrolment in enrolments]


def forget(user) -> None:
    """The training record stays, as the municipality must keep it and a certificate
    must still verify; the contact address it copied goes, and so does the name from the
    audit log's entries about it (they read as the deleted person's number)."""
    enrolments = Enrolment.objects.filter(user=user)
    audit.forget_objects(enrolments, label=f"#{user.pk}")
    enrolments.update(email="")
