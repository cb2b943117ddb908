"""Who takes part: enrolment by staff, applications, the staff's answer to them and
withdrawal.

Places are counted under a lock on the programme's row, so two people taking the
last place at once cannot both get it."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sabor.accounts import services as accounts
from sabor.accounts.models import Organisation, StakeholderGroup, User
from sabor.core import audit
from sabor.core.forms import field_error
from sabor.core.models import Municipality
from sabor.monitoring import live
from sabor.training import rules as training_rules
from sabor.training.models import HOLDING_PLACE, Enrolment, Programme


def _locked(programme: Programme) -> Programme:
    return Programme.objects.select_for_update().get(pk=programme.pk)


def _check_place(programme: Programme) -> None:
    if programme.capacity is not None and \
            programme.enrolments.filter(status__in=HOLDING_PLACE).count() >= programme.capacity:
        raise ValidationError(_("All %(count)s places of this programme are taken.") % {"count": programme.capacity},
                              code="full")


def _check_organisation(municipality: Municipality, organisation: Organisation | None) -> None:
    if organisation is not None and organisation.municipality_id != municipality.pk:
        raise field_error("organisation", _("That organisation belongs to another municipality."), "foreign")


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


@transaction.atomic
def apply(*, actor: User, programme: Programme, stakeholder_group: str, organisation: Organisation | None = None,
          position: str = "") -> Enrolment:
    """A signed-in person applies; the application holds a place until staff answer it."""
    programme = _locked(programme)
    # Under the programme's lock, so the last place goes to one person only.
    training_rules.check("training.apply", actor, programme)
    _check_organisation(programme.municipality, organisation)
    if stakeholder_group not in StakeholderGroup.values:
        raise field_error("stakeholder_group", _("Choose a stakeholder group."), "invalid")
    enrolment = programme.enrolments.filter(user=actor).first() or Enrolment(programme=programme, user=actor)
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
    training_rules.check("training.withdraw", actor, enrolment)
    old, enrolment.status = enrolment.status, Enrolment.Status.WITHDRAWN
    enrolment.save(update_fields=["status"])
    audit.record(actor=actor, action="training.enrolment_changed", obj=enrolment,
                 municipality=enrolment.programme.municipality, changes={"status": [old, enrolment.status]})
    _changed(enrolment.programme)
    return enrolment
