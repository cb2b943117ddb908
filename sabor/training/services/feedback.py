"""The trainees' evaluation of a programme, given once."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from sabor.training import rules as training_rules
from sabor.training.models import Enrolment, Feedback


@transaction.atomic
def give_feedback(*, actor, enrolment: Enrolment, comment: str = "", on_paper: bool = False,
                  **ratings: Any) -> Feedback:
    """A trainee evaluates the programme on the site, or staff type in a form filled in on paper."""
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    # Staff typing in a paper form are checked by the back office; the trainee's state is
    # checked the same way for both.
    training_rules.check("training.feedback_on_paper" if on_paper else "training.give_feedback", actor, enrolment)
    feedback = Feedback(enrolment=enrolment, comment=comment, **ratings)
    feedback.full_clean()
    try:
        with transaction.atomic():
            feedback.save()
    except IntegrityError:
        raise ValidationError(_("You have already evaluated this programme. Thank you!"), code="duplicate") from None
    return feedback
