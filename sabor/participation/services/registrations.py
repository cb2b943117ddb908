"""Registration for a meeting against its capacity, the waiting list, and check-in at
the door (registrants, walk-ins and paper sign-in lists).

Places are counted under a lock on the meeting's row: of any number of people
registering at once, exactly `capacity` get a place and the rest queue in the order
they came; when someone with a place cancels, the first in the queue moves up."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sabor.accounts import services as accounts
from sabor.accounts.models import Organisation, StakeholderGroup, User
from sabor.core import audit
from sabor.core.forms import field_error
from sabor.core.permissions import Refusal, require
from sabor.monitoring import live
from sabor.participation import pages
from sabor.participation.models import Meeting, Registration
from sabor.participation.rules import (
    is_registered,
    meeting_not_over,
    owns_registration,
    registration_is_active,
    registration_is_open,
)
from sabor.participation.services.notifications import notify
from sabor.territory.models import Settlement


def _locked(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _has_place(meeting: Meeting) -> bool:
    if meeting.capacity is None:
        return True
    taken = meeting.registrations.filter(status=Registration.Status.REGISTERED).count()
    return taken < meeting.capacity


def _check_own(meeting: Meeting, settlement: Settlement | None, organisation: Organisation | None) -> None:
    if settlement is not None and settlement.municipality_id != meeting.municipality_id:
        raise field_error("settlement", _("That settlement is not in this municipality."), "foreign")
    if organisation is not None and organisation.municipality_id != meeting.municipality_id:
        raise field_error("organisation", _("That organisation belongs to another municipality."), "foreign")


@transaction.atomic
def register(*, actor: User, meeting: Meeting, stakeholder_group: str, settlement: Settlement | None = None,
             organisation: Organisation | None = None) -> Registration:
    """A signed-in person takes a place, or joins the waiting list when the meeting is full."""
    meeting = _locked(meeting)
    require("participation.register_for_meeting", actor, meeting,
            Refusal(registration_is_open, _("Registration for this meeting is not open."), "closed"),
            Refusal(~is_registered, _("You are already registered for this meeting."), "duplicate"))
    _check_own(meeting, settlement, organisation)
    if stakeholder_group not in StakeholderGroup.values:
        raise field_error("stakeholder_group", _("Choose a stakeholder group."), "invalid")
    registration = meeting.registrations.filter(user=actor).first() or Registration(meeting=meeting, user=actor)
    registration.name, registration.email = actor.public_name, actor.email
    registration.stakeholder_group, registration.settlement = stakeholder_group, settlement
    registration.organisation, registration.created_at = organisation, timezone.now()
    registration.status = Registration.Status.REGISTERED if _has_place(meeting) else Registration.Status.WAITING
    registration.source = Registration.Source.ONLINE
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError:
        raise ValidationError(_("You are already registered for this meeting."), code="duplicate") from None
    accounts.join_municipality(user=actor, municipality=meeting.municipality)
    audit.record(actor=actor, action="participation.registered", obj=meeting, municipality=meeting.municipality,
                 changes={"registration": [None, registration.status]})
    pages.changed(meeting.municipality)
    return registration


def fill_places(meeting: Meeting) -> list[Registration]:
    """Moves people up from the waiting list while there are places; call with the meeting locked."""
    promoted = []
    while _has_place(meeting):
        waiting = meeting.registrations.filter(status=Registration.Status.WAITING).order_by("created_at", "pk") \
            .select_related("user").first()
        if waiting is None:
            break
        waiting.status = Registration.Status.REGISTERED
        waiting.save(update_fields=["status"])
        promoted.append(waiting)
    if promoted:
        url = reverse("participation:meeting_detail", args=[meeting.pk])
        notify(users=[r.user for r in promoted if r.user_id], municipality=meeting.municipality, url=url,
               message=lambda user: gettext_lazy("A place has freed up: you are now registered for “%(meeting)s”.")
               % {"meeting": meeting.title})
    return promoted


@transaction.atomic
def cancel(*, actor: User, registration: Registration) -> Registration:
    meeting = _locked(registration.meeting)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    registration.meeting = meeting
    cannot = _("This registration cannot be cancelled.")
    require("participation.cancel_registration", actor, registration,
            Refusal(owns_registration, cannot, "wrong_status"), Refusal(registration_is_active, cannot, "wrong_status"),
            Refusal(meeting_not_over, _("The meeting has already taken place."), "past"))
    registration.status = Registration.Status.CANCELLED
    registration.save(update_fields=["status"])
    audit.record(actor=actor, action="participation.registration_cancelled", obj=meeting,
                 municipality=meeting.municipality)
    fill_places(meeting)
    pages.changed(meeting.municipality)
    return registration


def _attended(meeting: Meeting) -> None:
    live.refresh(meeting.municipality, "participation.")
    pages.changed(meeting.municipality)


@transaction.atomic
def check_in(*, actor, registration: Registration, present: bool = True) -> Registration:
    """Marks (or unmarks) a registrant as present; someone from the waiting list who came is in."""
    registration = Registration.objects.select_for_update(of=("self",)).select_related("meeting", "user") \
        .get(pk=registration.pk)
    if registration.status == Registration.Status.CANCELLED and present:
        registration.status = Registration.Status.REGISTERED
    if registration.status == Registration.Status.WAITING and present:
        registration.status = Registration.Status.REGISTERED
    registration.checked_in_at = timezone.now() if present else None
    registration.save(update_fields=["status", "checked_in_at"])
    # A person with an account is logged by their label, which carries "(#id)": so the
    # name can be taken out of the log if the account is erased (audit.forget_person).
    participant = registration.user.audit_label if registration.user_id else registration.name
    audit.record(actor=actor, action="participation.checked_in" if present else "participation.check_in_undone",
                 obj=registration.meeting, municipality=registration.meeting.municipality,
                 changes={"participant": [None, participant] if present else [participant, None]})
    _attended(registration.meeting)
    return registration


@transaction.atomic
def walk_in(*, actor, meeting: Meeting, name: str, stakeholder_group: str, settlement: Settlement | None = None,
            organisation: Organisation | None = None, organisation_name: str = "", email: str = "",
            source: str = Registration.Source.WALK_IN, at=None) -> Registration:
    """Someone who came without registering, checked in at once (or, from a paper list,
    as of the meeting's start)."""
    _check_own(meeting, settlement, organisation)
    registration = Registration(meeting=meeting, name=name, email=email, stakeholder_group=stakeholder_group,
                                settlement=settlement, organisation=organisation,
                                organisation_name=organisation_name, source=source,
                                status=Registration.Status.REGISTERED, checked_in_at=at or timezone.now(),
                                created_at=at or timezone.now())
    audit.create(registration, actor=actor, action="participation.checked_in", obj=meeting,
                 municipality=meeting.municipality, changes={"participant": [None, name]})
    _attended(meeting)
    return registration
