"""Erasing an account leaves the person's email and name nowhere but in what the
personal-data notice says is kept (the training record and its certificate).

The person does everything a person does in Sabor; then their account is erased and every
text column of every table, and every entry of the cache, is searched for their email and
name. A new model or a new copy of a name is covered by itself."""

from __future__ import annotations

import pickle
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import models
from django.utils import timezone, translation

from sabor.accounts import services as accounts
from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.monitoring.services import observations
from sabor.monitoring.testing import make_indicator, make_plan, verified
from sabor.participation.models import Notification
from sabor.participation.services import ideas, moderation, registrations
from sabor.participation.testing import make_idea, make_meeting, make_process
from sabor.planning import services as planning
from sabor.training.models import Certificate, Enrolment
from sabor.training.services import attendance, completion, enrolments
from sabor.training.testing import make_programme, make_session

pytestmark = pytest.mark.django_db

EMAIL = "zornitsa.tainova@example.org"
NAME = "Зорница Тайнова"
OLD_NAME = "Зорница Т."
# What the personal-data notice says is kept after erasure, and why: the training record
# and the certificate (the municipality must keep them; a certificate must still verify).
KEPT = {(Enrolment, "name"), (Certificate, "holder_name")}


def _text_columns():
    for model in apps.get_models():
        fields = [f for f in model._meta.concrete_fields
                  if isinstance(f, (models.CharField, models.TextField, models.JSONField))]
        if fields:
            yield model, fields


def _found_in_tables(needles: list[str]) -> list[str]:
    found = []
    for model, fields in _text_columns():
        for row in model._default_manager.values_list("pk", *(f.attname for f in fields)):
            for field, value in zip(fields, row[1:], strict=True):
                text = value if isinstance(value, str) else repr(value) if value is not None else ""
                for needle in needles:
                    if needle.lower() in text.lower() and (model, field.name) not in KEPT:
                        found.append(f"{model._meta.label}.{field.name} #{row[0]}: {needle}")
    return found


def _cache_entries() -> list[tuple[str, bytes]]:
    """Every key and value in the cache, as stored (pickled)."""
    backend = cache._cache
    if isinstance(backend, dict):  # local memory, shared by the tests: only this test's prefix
        return [(key, value) for key, value in list(backend.items()) if key.startswith(cache.key_prefix)]
    client = backend.get_client()
    return [(key, client.get(key) or b"") for key in client.scan_iter(match=f"{cache.key_prefix}*")]


def _found_in_cache(needles: list[str]) -> list[str]:
    found = []
    for key, raw in _cache_entries():
        try:
            text = repr(pickle.loads(raw)) if isinstance(raw, bytes) else repr(raw)  # noqa: S301 - our own cache
        except Exception:  # noqa: BLE001 - not everything in Redis is pickled (counters)
            text = repr(raw)
        found += [f"{key}: {needle}" for needle in needles if needle in text or needle.encode() in raw]
    return found


@pytest.fixture
def life(municipality, client_for):
    """A person who has done everything, and the people around them."""
    person = testing.make_member(municipality, Role.RESIDENT, Role.CIVIC_MONITOR,
                                 user=testing.make_user(EMAIL, name=OLD_NAME))
    accounts.update_profile(actor=person, user=person, municipality=municipality, display_name=NAME,
                            preferred_language="", notification_frequency="daily")
    administrator = testing.make_member(municipality, Role.ADMINISTRATOR, Role.STAFF, Role.MODERATOR)
    neighbour = testing.make_member(municipality, Role.RESIDENT)
    organisation = testing.make_organisation(municipality)
    accounts.add_organisation_member(actor=administrator, organisation=organisation, user=person,
                                     is_representative=True, position="председател")

    # Participation: registered, on a waiting list moved up, wrote, supported, followed, reported.
    process = make_process(municipality)
    meeting = make_meeting(municipality, process=process, capacity=1)
    registrations.register(actor=person, meeting=meeting, stakeholder_group="residents")
    registrations.check_in(actor=administrator, registration=meeting.registrations.get(user=person))
    full = make_meeting(municipality, process=process, capacity=1)
    taken = registrations.register(actor=neighbour, meeting=full, stakeholder_group="residents")
    registrations.register(actor=person, meeting=full, stakeholder_group="residents")
    registrations.cancel(actor=neighbour, registration=taken)  # the person moves up and is told
    theirs = make_idea(municipality, person, title="Чешма на площада", process=process)
    other = make_idea(municipality, neighbour, title="Пейки в парка", process=process)
    ideas.follow(actor=neighbour, idea=theirs, on=True)
    ideas.comment(actor=person, idea=other, body="Подкрепям, и пейки на сянка.")
    ideas.comment(actor=person, idea=theirs, body="Още подробности.")
    ideas.comment(actor=neighbour, idea=theirs, body="Добра идея.")
    ideas.support(actor=person, idea=other)
    moderation.report(actor=person, idea=other, reason="off_topic", text="Не е за тук.")

    # Monitoring: a civic monitor's observation; responsible for an indicator.
    plan = make_plan(municipality)
    goal = planning.add_node(actor=None, plan=plan, parent=None, title="Цел")
    indicator = make_indicator(municipality, goal, responsible=person)
    officer = testing.make_member(municipality, Role.ME_OFFICER)
    verified(indicator, 2022, "10", entered_by=administrator, verified_by=officer)
    observations.observe(actor=person, indicator=indicator, period=2022, kind="observation", text="Вярно е.")

    # Training: enrolled, attended, completed with a certificate (kept).
    programme = make_programme(municipality, final_test_required=False, min_attendance_percent=50)
    session = make_session(programme, hours=8)
    enrolment = enrolments.enrol(actor=administrator, programme=programme, name="", stakeholder_group="residents",
                                 user=person)
    attendance.record_attendance(actor=administrator, session=session, present={enrolment.pk})
    completion.complete(actor=administrator, programme=programme, on=timezone.localdate() - timedelta(days=1))

    # Anonymous visitors' cached pages that show the person's name.
    anonymous = client_for("alpha.test")
    for path in (f"/ideas/{theirs.pk}/", f"/ideas/{other.pk}/", "/ideas/", f"/processes/{process.slug}/",
                 f"/meetings/{meeting.pk}/", f"/indicators/{indicator.pk}/", f"/organisations/{organisation.pk}/"):
        assert anonymous.get(path).status_code == 200, path
    return {"person": person, "neighbour": neighbour, "administrator": administrator,
            "paths": [f"/ideas/{theirs.pk}/", f"/ideas/{other.pk}/", f"/indicators/{indicator.pk}/"]}


def test_the_scenario_leaves_the_name_and_email_in_many_places(life):
    """The search below is worth something only if it finds the person before erasure."""
    needles = [EMAIL, NAME, OLD_NAME]
    found = _found_in_tables(needles)
    for where in ("participation.Registration.email", "participation.Registration.name",
                  "accounts.User.email", "core.AuditEntry"):
        assert any(where in item for item in found), where
    assert any(NAME in found for found in _found_in_cache(needles))
    # The neighbour is told of the comment by the person's name, read when the notice is shown.
    notice = Notification.objects.get(user=life["neighbour"], text__contains="Чешма на площада")
    assert NAME not in notice.text and NAME in notice.display_text


def test_erasing_an_account_leaves_its_email_and_name_only_in_what_is_kept(client_for, life,
                                                                         django_capture_on_commit_callbacks):
    person = life["person"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("alpha.test", person).post("/account/delete/", {"password": testing.PASSWORD,
                                                                             "confirm": "on"})
    assert response.status_code == 302
    needles = [EMAIL, NAME, OLD_NAME]
    assert _found_in_tables(needles) == []
    assert _found_in_cache(needles) == []
    # What is kept, is kept: the training record and the certificate, which still verifies.
    certificate = Certificate.objects.get()
    assert (certificate.holder_name, Enrolment.objects.get().name) == (NAME, NAME)
    assert Enrolment.objects.get().email == ""
    assert NAME in client_for("alpha.test").get(f"/certificates/?code={certificate.code}").content.decode()
    # The neighbour's notice of the person's comment now names a deleted user; pages too.
    for notification in Notification.objects.filter(user=life["neighbour"]):
        assert NAME not in notification.display_text
    page = client_for("alpha.test", life["neighbour"]).get("/notifications/").content.decode()
    assert "Изтрит потребител" in page and NAME not in page
    for path in life["paths"]:
        assert NAME not in client_for("alpha.test").get(path).content.decode(), path


@pytest.mark.parametrize(("language", "kept"), [("bg", "сертификат"), ("en", "certificates")])
def test_the_notice_says_what_is_kept_and_why(client_for, municipality, language, kept):
    client = client_for("alpha.test")
    client.cookies["django_language"] = language
    body = client.get("/privacy/").content.decode()
    section = body.split('id="deleting"')[1]
    assert kept in section and ("провери" in section or "verifiable" in section)


def test_notifications_written_before_they_referred_to_the_person_lose_the_copied_name(municipality, resident):
    person = testing.make_member(municipality, user=testing.make_user(EMAIL, name=NAME))
    old = Notification.objects.create(user=resident, municipality=municipality,
                                      text=f"Нов коментар по „Пейки“ от {NAME}.")
    accounts.delete_account(user=person)
    old.refresh_from_db()
    assert NAME not in old.text
    with translation.override("bg"):
        assert old.display_text == "Нов коментар по „Пейки“ от Изтрит потребител."
    with translation.override("en"):
        assert old.display_text.endswith("от Deleted user.")  # named in the reader's language
