"""What training holds about a person: all of it in their data download, and after their
account is erased none of their name or email outside what the personal-data notice says is
kept (the enrolment's name and the certificate's holder, so the certificate still verifies)."""

from __future__ import annotations

import json

import pytest
from django.db import models

from sabor.accounts import services as accounts
from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.core.models import AuditEntry
from sabor.training import models as training_models
from sabor.training.models import Certificate, Enrolment
from sabor.training.services import assessments, attendance, completion, enrolments, feedback
from sabor.training.testing import answers, enrol, make_programme, make_session, make_test

pytestmark = pytest.mark.django_db

EMAIL = "kalina.obuchaema@example.org"
NAME = "Калина Обучаема"
KEPT = {(Enrolment, "name"), (Certificate, "holder_name")}


@pytest.fixture
def trained(municipality, staff):
    """A person who applied, was enrolled, attended, took both tests, evaluated the
    programme and completed it with a certificate."""
    person = testing.make_member(municipality, Role.RESIDENT, user=testing.make_user(EMAIL, name=NAME))
    programme = make_programme(municipality, min_attendance_percent=0, accepts_applications=True)
    session = make_session(programme)
    pre, post = make_test(programme, "pre"), make_test(programme, "post")
    enrolment = enrolments.apply(actor=person, programme=programme, stakeholder_group="residents",
                                 position="Секретар")
    enrolments.set_status(actor=staff, enrolment=enrolment, status=Enrolment.Status.ENROLLED)
    attendance.record_attendance(actor=staff, session=session, present={enrolment.pk})
    assessments.hand_in(actor=person, enrolment=enrolment, assessment=pre, answers=answers(pre, 1))
    assessments.hand_in(actor=person, enrolment=enrolment, assessment=post, answers=answers(post, 2))
    feedback.give_feedback(actor=person, enrolment=enrolment, comment="Полезно.", relevance=5, trainers=5,
                           materials=4, organisation=4, usefulness=5)
    completion.complete(actor=staff, programme=programme)
    return person, Enrolment.objects.get(pk=enrolment.pk)


def test_the_download_holds_the_persons_training(trained):
    person, enrolment = trained
    (entry,) = accounts.export_personal_data(user=person)["training"]
    assert entry["name"] == NAME and entry["email"] == EMAIL
    assert entry["status"] == "completed" and entry["certificate"] == enrolment.certificate.code
    assert entry["tests"] == {"pre": "1/2", "post": "2/2"} and entry["gave_feedback"] is True
    assert entry["position"] == "Секретар"
    json.dumps(entry)  # JSON-ready, as the download is


def _found(needle: str) -> set[tuple[type, str]]:
    """Every (model, field) of the training app whose stored text holds `needle`."""
    found = set()
    for model in (m for m in vars(training_models).values()
                  if isinstance(m, type) and issubclass(m, models.Model) and m._meta.app_label == "training"
                  and not m._meta.abstract):
        for field in model._meta.concrete_fields:
            if isinstance(field, (models.CharField, models.TextField, models.JSONField)):
                for value in model.objects.values_list(field.name, flat=True):
                    if needle in json.dumps(value, ensure_ascii=False):
                        found.add((model, field.name))
    return found


def test_erasure_leaves_the_name_only_where_it_is_kept_and_the_email_nowhere(client_for, trained):
    person, enrolment = trained
    assert (Enrolment, "email") in _found(EMAIL)  # the needles are there before
    accounts.delete_account(user=person)
    assert _found(EMAIL) == set()
    assert _found(NAME) == KEPT
    assert not AuditEntry.objects.filter(object_repr__contains=NAME).exists()
    certificate = Certificate.objects.get()
    page = client_for("alpha.test").get(f"/certificates/?code={certificate.code}").content.decode()
    assert NAME in page  # the certificate still verifies
    enrolment.refresh_from_db()
    assert enrolment.user == person and enrolment.email == ""


def test_ones_training_is_in_the_data_download_and_deletion_keeps_the_record_without_the_address(
        municipality, resident):
    programme = make_programme(municipality, final_test_required=False, min_attendance_percent=0)
    make_session(programme)
    enrolment = enrol(programme, user=resident)
    completion.complete(actor=None, programme=programme)
    code = enrolment.__class__.objects.get(pk=enrolment.pk).certificate.code
    (entry,) = accounts.export_personal_data(user=resident)["training"]
    assert entry["certificate"] == code and entry["email"] == resident.email and entry["status"] == "completed"
    accounts.delete_account(user=resident)
    enrolment.refresh_from_db()
    assert enrolment.email == "" and enrolment.certificate.code == code
