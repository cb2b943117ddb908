"""Who takes part: enrolment by staff, applications, attendance, completion with
its certificate, the role offered on completion, and the trainees' feedback.

Places are counted under a lock on the programme's row, so two people taking the
last place at once cannot both get it."""

from __future__ import annotations

import secrets
from datetime import date
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from sabor.accounts import services as accounts
from sabor.accounts.models import Membership, Organisation, StakeholderGroup, User
from sabor.accounts.roles import roles_of
from sabor.core import audit, mail
from sabor.core.models import Municipality
from sabor.monitoring import live
from sabor.training.models import (
    HOLDING_PLACE,
    TAKING_PART,
    Attendance,
    Certificate,
    Enrolment,
    Feedback,
    Programme,
    Session,
)
from sabor.training.selectors import trainee_progress

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


def _locked(programme: Programme) -> Programme:
    return Programme.objects.select_for_update().get(pk=programme.pk)


def _check_place(programme: Programme) -> None:
    if programme.capacity is not None and \
            programme.enrolments.filter(status__in=HOLDING_PLACE).count() >= programme.capacity:
        raise ValidationError(_("All %(count)s places of this programme are taken.") % {"count": programme.capacity},
                              code="full")


def _check_organisation(municipality: Municipality, organisation: Organisation | None) -> None:
    if organisation is not None and organisation.municipality_id != municipality.pk:
        raise ValidationError({"organisation": _("That organisation belongs to another municipality.")},
                              code="foreign")


def _changed(programme: Programme) -> None:
    live.refresh(programme.municipality, "training.")


@transaction.atomic
def enrol(*, actor, programme: Programme, name: str, stakeholder_group: str, user: User | None = None,
          email: str = "", organisation: Organisation | None = None, organisation_name: str = "",
          position: str = "", enrolled_on: date | None = None) -> Enrolment:
    """Staff enrol a person: someone with an account, or someone entered by name."""
    programme = _locked(programme)
    _check_organisation(programme.municipality, organisation)
    if user is not None and programme.enrolments.filter(user=user).exists():
        raise ValidationError(_("This person is already on the programme's list."), code="duplicate")
    _check_place(programme)
    enrolment = Enrolment(programme=programme, user=user, name=name or (user.public_name if user else ""),
                          email=email or (user.email if user else ""), stakeholder_group=stakeholder_group,
                          organisation=organisation, organisation_name=organisation_name, position=position,
                          enrolled_on=enrolled_on or timezone.localdate(), status=Enrolment.Status.ENROLLED)
    enrolment.full_clean()
    enrolment.save()
    audit.record(actor=actor, action="training.enrolled", obj=enrolment, municipality=programme.municipality,
                 changes={"programme": [None, programme.title]})
    _changed(programme)
    return enrolment


def can_apply(programme: Programme) -> bool:
    return programme.accepts_applications and programme.status == Programme.Status.OPEN


@transaction.atomic
def apply(*, actor: User, programme: Programme, stakeholder_group: str, organisation: Organisation | None = None,
          position: str = "") -> Enrolment:
    """A signed-in person applies; the application holds a place until staff answer it."""
    programme = _locked(programme)
    if not can_apply(programme):
        raise ValidationError(_("This programme does not take applications now."), code="closed")
    _check_organisation(programme.municipality, organisation)
    if stakeholder_group not in StakeholderGroup.values:
        raise ValidationError({"stakeholder_group": _("Choose a stakeholder group.")}, code="invalid")
    enrolment = programme.enrolments.filter(user=actor).first()
    if enrolment is not None and enrolment.holds_place:
        raise ValidationError(_("You have already applied to this programme."), code="duplicate")
    _check_place(programme)
    enrolment = enrolment or Enrolment(programme=programme, user=actor)
    enrolment.name, enrolment.email = actor.public_name, actor.email
    enrolment.stakeholder_group, enrolment.organisation, enrolment.position = stakeholder_group, organisation, position
    enrolment.status, enrolment.enrolled_on = Enrolment.Status.APPLIED, timezone.localdate()
    enrolment.full_clean()
    try:
        with transaction.atomic():
            enrolment.save()
    except IntegrityError:
        raise ValidationError(_("You have already applied to this programme."), code="duplicate") from None
    accounts.join_municipality(user=actor, municipality=programme.municipality)
    audit.record(actor=actor, action="training.applied", obj=enrolment, municipality=programme.municipality)
    return enrolment


# Which status may follow which, and who decides it.
STAFF_TRANSITIONS = {
    Enrolment.Status.APPLIED: {Enrolment.Status.ENROLLED, Enrolment.Status.DECLINED},
    Enrolment.Status.ENROLLED: {Enrolment.Status.WITHDRAWN},
    Enrolment.Status.WITHDRAWN: {Enrolment.Status.ENROLLED},
    Enrolment.Status.DECLINED: {Enrolment.Status.ENROLLED},
}


@transaction.atomic
def set_status(*, actor, enrolment: Enrolment, status: str) -> Enrolment:
    programme = _locked(enrolment.programme)
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if status not in STAFF_TRANSITIONS.get(enrolment.status, set()):
        raise ValidationError(_("An enrolment that is %(status)s cannot be changed that way.")
                              % {"status": enrolment.get_status_display()}, code="wrong_status")
    if not enrolment.holds_place and status in HOLDING_PLACE:
        _check_place(programme)
    old = enrolment.status
    enrolment.status = status
    enrolment.save(update_fields=["status"])
    audit.record(actor=actor, action="training.enrolment_changed", obj=enrolment,
                 municipality=programme.municipality, changes={"status": [old, status]})
    _changed(programme)
    return enrolment


@transaction.atomic
def withdraw(*, actor: User, enrolment: Enrolment) -> Enrolment:
    """A trainee gives up their application or place."""
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.user_id != actor.pk or enrolment.status not in (Enrolment.Status.APPLIED,
                                                                 Enrolment.Status.ENROLLED):
        raise ValidationError(_("This place cannot be given up now."), code="wrong_status")
    old, enrolment.status = enrolment.status, Enrolment.Status.WITHDRAWN
    enrolment.save(update_fields=["status"])
    audit.record(actor=actor, action="training.enrolment_changed", obj=enrolment,
                 municipality=enrolment.programme.municipality, changes={"status": [old, enrolment.status]})
    _changed(enrolment.programme)
    return enrolment


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


def _new_code(municipality: Municipality) -> str:
    while True:
        random = "".join(secrets.choice(CODE_ALPHABET) for _i in range(8))
        code = f"{municipality.code[:3].upper()}-{random[:4]}-{random[4:]}"
        if not Certificate.objects.filter(code=code).exists():
            return code


@transaction.atomic
def complete(*, actor, programme: Programme, on: date | None = None) -> list[Enrolment]:
    """Completes every enrolled trainee who meets the programme's rule and issues their
    certificate; returns those completed."""
    programme = _locked(programme)
    on = on or timezone.localdate()
    completed = []
    for row in trainee_progress(programme):
        enrolment = row.enrolment
        if enrolment.status != Enrolment.Status.ENROLLED or not row.meets_rule:
            continue
        enrolment.status, enrolment.completed_on = Enrolment.Status.COMPLETED, on
        offer = programme.offers_role and enrolment.user_id and \
            programme.offers_role not in roles_of(enrolment.user, programme.municipality)
        enrolment.role_offer = Enrolment.RoleOffer.OFFERED if offer else ""
        enrolment.save(update_fields=["status", "completed_on", "role_offer"])
        certificate = Certificate.objects.create(
            enrolment=enrolment, code=_new_code(programme.municipality), holder_name=enrolment.name,
            programme_title=programme.title, hours=row.hours_attended, issued_on=on)
        audit.record(actor=actor, action="training.completed", obj=enrolment, municipality=programme.municipality,
                     changes={"certificate": [None, certificate.code]})
        if enrolment.user_id:
            transaction.on_commit(partial(send_completion.enqueue, enrolment.pk))
        completed.append(enrolment)
    if completed:
        _changed(programme)
    return completed


@task()
def send_completion(enrolment_id: int) -> None:
    enrolment = Enrolment.objects.select_related("user", "programme__municipality", "certificate").get(
        pk=enrolment_id)
    user = enrolment.user
    if user is None or not user.is_active or user.is_anonymised:
        return
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        municipality = enrolment.programme.municipality
        context = {"enrolment": enrolment, "user": user, "municipality": municipality,
                   "link": mail.site_url(municipality) + reverse("training:mine")}
        subject = render_to_string("training/email/completed_subject.txt", context).strip()
        body = render_to_string("training/email/completed.txt", context)
    send_mail(subject, body, None, [user.email])


@transaction.atomic
def answer_role_offer(*, actor: User, enrolment: Enrolment, accept: bool) -> Enrolment:
    enrolment = Enrolment.objects.select_for_update().select_related("programme__municipality").get(pk=enrolment.pk)
    if enrolment.user_id != actor.pk or enrolment.role_offer != Enrolment.RoleOffer.OFFERED:
        raise ValidationError(_("There is no role offer to answer."), code="no_offer")
    programme = enrolment.programme
    if accept:
        membership = accounts.join_municipality(user=actor, municipality=programme.municipality)
        current = set(Membership.objects.get(pk=membership.pk).roles.values_list("role", flat=True))
        accounts.set_roles(actor=actor, membership=membership, roles=current | {programme.offers_role})
    enrolment.role_offer = Enrolment.RoleOffer.ACCEPTED if accept else Enrolment.RoleOffer.DECLINED
    enrolment.save(update_fields=["role_offer"])
    audit.record(actor=actor, action="training.role_offer_answered", obj=enrolment,
                 municipality=programme.municipality, changes={"role_offer": [Enrolment.RoleOffer.OFFERED,
                                                                              enrolment.role_offer]})
    return enrolment


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
