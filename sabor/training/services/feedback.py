"""The trainees' evaluation of a programme, given once."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from sabor.training.models import TAKING_PART, Enrolment, Feedback


@transaction.atomic
def give_feedback(*, actor, enrolment: Enrolment, comment: str = "", on_paper: bool = False,
                  **ratings: Any) -> Feedback:
    """A trainee evaluates the programme on the site, or staff type in a form filled in on paper."""
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if (not on_paper and enrolment.user_id != getattr(actor, "pk", None)) or enrolment.status not in TAKING_PART:
        raise ValidationError(_("Only trainees of the programme can evaluate it."), code="not_trainee")
    if Feedback.objects.filter(enrolment=enrolment).exists():
        raise ValidationError(_("You have already evaluated this programme. Thank you!"), code="duplicate")
    feedback = Feedback(enrolment=enrolment, comment=comment, **ratings)
    feedback.full_clean()
    try:
        with transaction.atomic():
            feedback.save()
    except IntegrityError:
        raise ValidationError(_("You have already evaluated this programme. Thank you!"), code="duplicate") from None
    return feedback
