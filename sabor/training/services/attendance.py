"""Attendance at a programme's sessions, as recorded by staff."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sabor.core import audit
from sabor.training.models import TAKING_PART, Attendance, Session


@transaction.atomic
def record_attendance(*, actor, session: Session, present: set[int]) -> int:
    """Makes the people present at `session` exactly those enrolments; returns how many were present."""
    programme = session.programme
    allowed = set(programme.enrolments.filter(status__in=TAKING_PART).values_list("pk", flat=True))
    unknown = set(present) - allowed
    if unknown:
        raise ValidationError(_("Only people enrolled in the programme can be marked present."), code="not_enrolled")
    before = set(session.attendance.values_list("enrolment_id", flat=True))
    session.attendance.exclude(enrolment_id__in=present).delete()
    Attendance.objects.bulk_create([Attendance(session=session, enrolment_id=pk) for pk in present - before])
    if before != present:
        audit.record(actor=actor, action="training.attendance_recorded", obj=programme,
                     municipality=programme.municipality,
                     changes={f"session {session}": [len(before), len(present)]})
    return len(present)
