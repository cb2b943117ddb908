"""Every email Sabor sends, on the documented single-municipality installation (no domain
record): each link in its body and headers is absolute, so it works from a mail client."""

import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.monitoring.testing import make_indicator, make_plan
from sabor.participation.services import ideas, notifications, registrations
from sabor.participation.testing import make_idea, make_meeting
from sabor.planning import services as planning
from sabor.training.services import assessments, attendance, completion
from sabor.training.testing import answers, enrol, make_programme, make_session, make_test

pytestmark = pytest.mark.django_db

SITE = "https://sabor.example.bg"
HOST = "sabor.test"  # the address people use; no municipality has it as a domain record
ABSOLUTE = re.compile(r"https?://[^\s<>\"')]+")
# A path where a link should be: at the start, after a space, a bracket, a quote or "=".
RELATIVE = re.compile(r"(?:^|[\s<(\"'=„])(/[\w%~.-][^\s<>\"')]*)", re.MULTILINE)


def _texts(message) -> list[str]:
    texts = [message.subject, message.body, *(value for value in message.extra_headers.values())]
    texts += [content for content, _type in getattr(message, "alternatives", [])]
    return texts


def _every_kind_of_email(municipality, django_capture_on_commit_callbacks):
    visitor = Client(HTTP_HOST=HOST)
    owner = testing.make_member(municipality, Role.RESIDENT)
    with django_capture_on_commit_callbacks(execute=True):
        # allauth: a new account, a taken address, a password reset.
        signup = {"display_name": "Нова", "password1": "a-long-pass-phrase-42", "password2": "a-long-pass-phrase-42"}
        assert visitor.post("/accounts/signup/", {**signup, "email": "new@example.org"}).status_code == 302
        assert Client(HTTP_HOST=HOST).post("/accounts/signup/", {**signup, "email": owner.email}).status_code == 302
        assert Client(HTTP_HOST=HOST).post("/accounts/password/reset/", {"email": owner.email}).status_code == 302

        # A notification at once, and a daily digest.
        idea = make_idea(municipality, owner)
        daily = testing.make_member(municipality, Role.RESIDENT)
        daily.notification_frequency = "daily"
        daily.save()
        followed = make_idea(municipality, daily)
        writer = testing.make_member(municipality, Role.RESIDENT)
        ideas.comment(actor=writer, idea=idea, body="Коментар")
        ideas.comment(actor=writer, idea=followed, body="Коментар")
        assert notifications.send_digests() == 1

        # A meeting reminder the day before.
        tomorrow = timezone.localtime() + timedelta(days=1)
        meeting = make_meeting(municipality, starts_at=tomorrow.replace(hour=17, minute=0),
                               ends_at=tomorrow.replace(hour=19, minute=0))
        registrations.register(actor=writer, meeting=meeting, stakeholder_group="residents")
        call_command("send_daily_emails", stdout=io.StringIO())

        # A reminder of indicator values that are due.
        clerk = testing.make_member(municipality, Role.STAFF)
        node = planning.add_node(actor=None, plan=make_plan(municipality), parent=None, title="Цел")
        make_indicator(municipality, node, code="П1", responsible=clerk)
        call_command("send_reminders", "--today", "2025-02-07", stdout=io.StringIO())

        # A completed training programme.
        programme = make_programme(municipality)
        session = make_session(programme, hours=4)
        test = make_test(programme, "post", questions=2)
        trainee = enrol(programme, user=owner, group="residents")
        attendance.record_attendance(actor=None, session=session, present={trainee.pk})
        assessments.hand_in(actor=None, enrolment=trainee, assessment=test, answers=answers(test, 2), on_paper=True)
        assert completion.complete(actor=None, programme=programme)
    return {"new": "new@example.org", "owner": owner.email, "daily": daily.email, "writer": writer.email,
            "clerk": clerk.email}


@pytest.mark.parametrize("site_url, base", [(SITE, SITE), ("", "http://localhost")])
def test_every_link_in_every_email_is_absolute_without_a_domain_record(settings, site_url, base,
                                                                       django_capture_on_commit_callbacks):
    municipality = testing.make_municipality("solo")
    municipality.domains.all().delete()
    settings.SABOR_DEFAULT_MUNICIPALITY = "solo"
    settings.SABOR_SITE_URL = site_url
    settings.ALLOWED_HOSTS = ["localhost", ".test"]  # without SABOR_SITE_URL, the first named host
    people = _every_kind_of_email(municipality, django_capture_on_commit_callbacks)

    received = {}
    for message in mail.outbox:
        received.setdefault(message.to[0], []).append(message)
    # Sign-up, account exists + reset + immediate notification + completion, digest, meeting and value reminders.
    assert {who: len(received.get(email, [])) for who, email in people.items()} == {
        "new": 1, "owner": 4, "daily": 1, "writer": 1, "clerk": 1}
    links = 0
    for message in mail.outbox:
        for text in _texts(message):
            text = re.sub(r"</\w+(>|…)", "", text)  # the test names carry markup; a closing tag is no link
            assert RELATIVE.findall(text) == [], (message.subject, text)
            for link in ABSOLUTE.findall(text):
                links += 1
                assert link.startswith((base + "/", f"http://{HOST}/")), (message.subject, link)
        assert re.search(r"https?://", message.body), f"no link in “{message.subject}”"
        unsubscribe = message.extra_headers.get("List-Unsubscribe")
        if unsubscribe:
            assert re.fullmatch(rf"<{re.escape(base)}/notifications/unsubscribe/[^>]+/>", unsubscribe)
    assert links >= len(mail.outbox)
