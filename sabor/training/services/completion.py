"""Completion: the trainees who meet the programme's rule get their certificate, and
the role the programme offers, which they answer."""

from __future__ import annotations

import secrets
from datetime import date
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from sabor.accounts import services as accounts
from sabor.accounts.models import User
from sabor.accounts.roles import roles_of
from sabor.core import audit, mail
from sabor.core.models import Municipality
from sabor.training import rules as training_rules
from sabor.training.models import Certificate, Enrolment, Programme
from sabor.training.selectors import trainee_progress
from sabor.training.services.enrolments import _changed, _locked

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


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
    training_rules.check("training.answer_role_offer", actor, enrolment)
    programme = enrolment.programme
    if accept:
        membership = accounts.join_municipality(user=actor, municipality=programme.municipality)
        accounts.grant_offered_role(actor=actor, membership=membership, role=programme.offers_role)
    enrolment.role_offer = Enrolment.RoleOffer.ACCEPTED if accept else Enrolment.RoleOffer.DECLINED
    enrolment.save(update_fields=["role_offer"])
    audit.record(actor=actor, action="training.role_offer_answered", obj=enrolment,
                 municipality=programme.municipality, changes={"role_offer": [Enrolment.RoleOffer.OFFERED,
                                                                              enrolment.role_offer]})
    return enrolment
