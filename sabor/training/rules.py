"""Permissions of the training area, with the state they depend on.

Services, views and templates ask the same question, ``rules.has_perm(name, user, obj)``:
django-rules' own function, because ``user.has_perm`` lets a superuser through and would
skip a rule about the programme's state. ``refusal`` turns a refused permission into the
error the person has always been shown, naming the first part of the rule that failed."""

from __future__ import annotations

import rules
from django.utils.translation import gettext_lazy as _

from sabor.accounts.models import Role
from sabor.accounts.rules import has_role
from sabor.core.permissions import Refusal, require
from sabor.training.models import HOLDING_PLACE, TAKING_PART, Enrolment, Programme

# --- Predicates on a programme --------------------------------------------------------------------------------


@rules.predicate
def applications_open(user, programme: Programme) -> bool:
    return programme.accepts_applications and programme.status == Programme.Status.OPEN


@rules.predicate
def holds_no_place(user, programme: Programme) -> bool:
    """The person has no application or place on the programme (one given up or declined may apply again)."""
    if not user.is_authenticated:
        return True
    return not programme.enrolments.filter(user=user, status__in=HOLDING_PLACE).exists()


@rules.predicate
def has_places_left(user, programme: Programme) -> bool:
    return programme.capacity is None or \
        programme.enrolments.filter(status__in=HOLDING_PLACE).count() < programme.capacity


# --- Predicates on an enrolment -------------------------------------------------------------------------------


@rules.predicate
def is_own_enrolment(user, enrolment: Enrolment) -> bool:
    return user.is_authenticated and enrolment.user_id == user.pk


@rules.predicate
def can_be_given_up(user, enrolment: Enrolment) -> bool:
    return enrolment.status in (Enrolment.Status.APPLIED, Enrolment.Status.ENROLLED)


@rules.predicate
def has_role_offer(user, enrolment: Enrolment) -> bool:
    return enrolment.role_offer == Enrolment.RoleOffer.OFFERED


@rules.predicate
def takes_part(user, enrolment: Enrolment) -> bool:
    return enrolment.status in TAKING_PART


@rules.predicate
def has_not_given_feedback(user, enrolment: Enrolment) -> bool:
    # Through the relation, so a list that loaded it (select_related) asks nothing more.
    return not hasattr(enrolment, "feedback")


# --- Predicates on a test (an assessment), for the person taking it --------------------------------------------


def _own_enrolment(user, assessment) -> Enrolment | None:
    if not user.is_authenticated:
        return None
    return Enrolment.objects.filter(programme_id=assessment.programme_id, user=user).first()


@rules.predicate
def trainee_of_the_test(user, assessment) -> bool:
    enrolment = _own_enrolment(user, assessment)
    return enrolment is not None and enrolment.status in TAKING_PART


@rules.predicate
def test_is_open(user, assessment) -> bool:
    return assessment.is_open


@rules.predicate
def test_not_taken(user, assessment) -> bool:
    return not user.is_authenticated or not assessment.attempts.filter(enrolment__user=user).exists()


is_signed_in = rules.is_authenticated

# Municipal staff run trainings; the M&E officer owns the methodology they teach.
rules.add_perm("training.manage", has_role(Role.STAFF, Role.ME_OFFICER, Role.ADMINISTRATOR))
# A signed-in person applies while the programme takes applications, they hold no place on it
# and a place is left.
rules.add_perm("training.apply", is_signed_in & applications_open & holds_no_place & has_places_left)
# Their own application or place, while it is still one.
rules.add_perm("training.withdraw", is_own_enrolment & can_be_given_up)
# The role a completed programme offers, once, by the person it was offered to.
rules.add_perm("training.answer_role_offer", is_own_enrolment & has_role_offer)
# Their own evaluation, while enrolled or after completing, once.
rules.add_perm("training.give_feedback", is_own_enrolment & takes_part & has_not_given_feedback)
# An open test of a programme the person takes part in, once.
rules.add_perm("training.take_test", is_signed_in & trainee_of_the_test & test_is_open & test_not_taken)
# What staff type in from paper is held to the trainee's state only; who may type it in is
# `training.manage`, checked by the back office.
rules.add_rule("training.feedback_on_paper", takes_part & has_not_given_feedback)


def _full(programme: Programme) -> str:
    return _("All %(count)s places of this programme are taken.") % {"count": programme.capacity}


# For each permission with state: its parts in the order they are checked, each with the
# message and code of the refusal when it fails.
REFUSALS: dict[str, list[Refusal]] = {
    "training.apply": [
        Refusal(applications_open, _("This programme does not take applications now."), "closed"),
        Refusal(holds_no_place, _("You have already applied to this programme."), "duplicate"),
        Refusal(has_places_left, _full, "full"),
    ],
    "training.withdraw": [
        Refusal(is_own_enrolment & can_be_given_up, _("This place cannot be given up now."), "wrong_status"),
    ],
    "training.answer_role_offer": [
        Refusal(is_own_enrolment & has_role_offer, _("There is no role offer to answer."), "no_offer"),
    ],
    "training.give_feedback": [
        Refusal(is_own_enrolment & takes_part, _("Only trainees of the programme can evaluate it."),
                "not_trainee"),
        Refusal(has_not_given_feedback, _("You have already evaluated this programme. Thank you!"),
                "duplicate"),
    ],
    "training.feedback_on_paper": [
        Refusal(takes_part, _("Only trainees of the programme can evaluate it."), "not_trainee"),
        Refusal(has_not_given_feedback, _("You have already evaluated this programme. Thank you!"),
                "duplicate"),
    ],
    "training.take_test": [
        Refusal(trainee_of_the_test, _("Only people enrolled in the programme take its tests."),
                "not_trainee"),
        Refusal(test_is_open, _("This test is not open to you now."), "closed"),
        Refusal(test_not_taken, _("This test has already been taken."), "duplicate"),
    ],
}


def check(permission: str, user, obj) -> None:
    """Raises the refusal of `permission`'s first failing part unless `user` may do it on `obj`."""
    require(permission, user, obj, *REFUSALS.get(permission, ()))
