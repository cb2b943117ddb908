"""What participation holds about a person: the download of their data carries it, and
erasing the account (through the steps apps register) leaves their name and email
nowhere in participation's tables."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import models

from sabor.accounts import services as accounts
from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.participation.models import Registration
from sabor.participation.services import ideas, moderation, registrations
from sabor.participation.testing import make_idea, make_meeting

pytestmark = pytest.mark.django_db

NAME = "Радостина Примерова"
EMAIL = "radostina.primerova@example.org"


@pytest.fixture
def person(municipality):
    return testing.make_member(municipality, Role.RESIDENT, user=testing.make_user(EMAIL, name=NAME))


@pytest.fixture
def took_part(municipality, person, administrator):
    """The person registered (and came), was written down at the door of another meeting
    by their email, proposed an idea, commented, supported, followed and reported."""
    neighbour = testing.make_member(municipality, Role.RESIDENT)
    meeting = make_meeting(municipality)
    registrations.register(actor=person, meeting=meeting, stakeholder_group="residents")
    registrations.check_in(actor=administrator, registration=meeting.registrations.get(user=person))
    registrations.walk_in(actor=administrator, meeting=make_meeting(municipality), name=NAME, email=EMAIL.upper(),
                          stakeholder_group="residents")
    theirs = make_idea(municipality, person, title="Чешма на площада")
    other = make_idea(municipality, neighbour, title="Пейки в парка")
    ideas.comment(actor=person, idea=other, body="Подкрепям.")
    ideas.comment(actor=neighbour, idea=theirs, body="Добра идея.")
    ideas.support(actor=person, idea=other)
    ideas.follow(actor=person, idea=other, on=True)
    moderation.report(actor=person, idea=other, reason="off_topic", text="Не е за тук.")
    return {"meeting": meeting, "neighbour": neighbour}


def _text_with(needles: list[str]) -> list[str]:
    """Every participation row whose text holds one of the needles, as "Model.field"."""
    found = []
    for model in apps.get_app_config("participation").get_models():
        for field in model._meta.get_fields():
            if isinstance(field, (models.CharField, models.TextField)) and field.concrete:
                for needle in needles:
                    if model.objects.filter(**{f"{field.name}__icontains": needle}).exists():
                        found.append(f"{model.__name__}.{field.name}")
    return found


def test_the_download_carries_what_the_person_did_in_participation(person, took_part):
    data = accounts.export_personal_data(user=person)["participation"]
    assert sorted((r["name"], r["email"].lower(), r["checked_in"]) for r in data["registrations"]) == [
        (NAME, EMAIL, True), (NAME, EMAIL, True)]
    assert [i["title"] for i in data["ideas"]] == ["Чешма на площада"]
    assert [c["text"] for c in data["comments"]] == ["Подкрепям."]
    assert data["supports"] == ["Пейки в парка"]
    assert sorted(data["follows"]) == ["Пейки в парка", "Чешма на площада"]
    assert [(r["reason"], r["text"]) for r in data["reports"]] == [("off_topic", "Не е за тук.")]


def test_erasing_the_account_leaves_no_name_or_email_in_participation(person, took_part):
    assert {"Registration.name", "Registration.email"} <= set(_text_with([NAME, EMAIL]))
    accounts.delete_account(user=person)
    assert _text_with([NAME, EMAIL]) == []
    # Attendance still counts the people who came, by stakeholder group.
    assert Registration.objects.filter(checked_in_at__isnull=False).count() == 2
    assert set(Registration.objects.values_list("name", flat=True)) == {"Изтрит потребител"}


def test_erasing_leaves_other_peoples_registrations_alone(municipality, person, took_part):
    neighbour = took_part["neighbour"]
    kept = registrations.register(actor=neighbour, meeting=took_part["meeting"], stakeholder_group="residents")
    accounts.delete_account(user=person)
    kept.refresh_from_db()
    assert (kept.name, kept.email) == (neighbour.public_name, neighbour.email)
