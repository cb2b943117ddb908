"""Anonymous visitors get the busiest pages from the cache, never stale and each with
their own CSRF token; signed-in people and pages with messages are rendered afresh."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sabor.accounts.models import Role
from sabor.core import testing
from sabor.participation import ideas, moderation, registrations
from sabor.participation.testing import make_idea, make_meeting

pytestmark = pytest.mark.django_db


def test_a_second_anonymous_visit_reads_nothing_but_the_host(client_for, municipality, resident):
    idea = make_idea(municipality, resident)
    anon = client_for("alpha.test")
    for path in ("/ideas/", f"/ideas/{idea.pk}/", f"/meetings/{make_meeting(municipality).pk}/"):
        first = anon.get(path)
        with CaptureQueriesContext(connection) as queries:
            second = anon.get(path)
        # Only the middleware's lookup of the municipality by host name remains.
        assert second.status_code == 200, path
        assert [q["sql"] for q in queries.captured_queries if "core_municipalitydomain" not in q["sql"]] == [], path
        assert re.sub(r'value="[^"]*"', "", first.content.decode()) == re.sub(r'value="[^"]*"', "",
                                                                               second.content.decode())


def test_every_change_shows_at_once(client_for, municipality, resident, django_capture_on_commit_callbacks):
    idea = make_idea(municipality, resident)
    meeting = make_meeting(municipality, capacity=3)
    anon = client_for("alpha.test")
    assert "0 подкрепи" in anon.get(f"/ideas/{idea.pk}/").content.decode()
    anon.get("/ideas/")
    anon.get(f"/meetings/{meeting.pk}/")
    supporter = testing.make_member(municipality, Role.RESIDENT)
    with django_capture_on_commit_callbacks(execute=True):
        ideas.support(actor=supporter, idea=idea)
    assert "1 подкрепа" in anon.get(f"/ideas/{idea.pk}/").content.decode()
    assert "1 подкрепа" in anon.get("/ideas/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        ideas.comment(actor=supporter, idea=idea, body="Нов коментар за кеша")
    assert "Нов коментар за кеша" in anon.get(f"/ideas/{idea.pk}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        registrations.register(actor=supporter, meeting=meeting, stakeholder_group="residents")
    assert "3 (2 свободни)" in anon.get(f"/meetings/{meeting.pk}/").content.decode()
    report = moderation.report(actor=supporter, idea=idea, reason="spam")
    with django_capture_on_commit_callbacks(execute=True):
        moderation.decide(actor=testing.make_member(municipality, Role.MODERATOR), report=report, hide=True,
                          reason="Реклама")
    assert "скрита от модератор: Реклама" in anon.get(f"/ideas/{idea.pk}/").content.decode()
    assert idea.title not in anon.get("/ideas/").content.decode()


def test_each_visitor_gets_their_own_working_csrf_token(municipality, resident):
    idea = make_idea(municipality, resident)
    tokens = []
    for _visitor in range(2):
        client = Client(HTTP_HOST="alpha.test", enforce_csrf_checks=True)
        page = client.get(f"/ideas/{idea.pk}/").content.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        tokens.append(token)
        switched = client.post("/i18n/setlang/", {"language": "en", "next": "/", "csrfmiddlewaretoken": token})
        assert switched.status_code == 302, "the language switch of a cached page must work"
    assert tokens[0] != tokens[1]


def test_signed_in_people_and_pending_messages_get_a_fresh_page(client_for, municipality, resident):
    idea = make_idea(municipality, resident)
    client_for("alpha.test").get(f"/ideas/{idea.pk}/")  # cached for anonymous visitors
    supporter = testing.make_member(municipality, Role.RESIDENT)
    client = client_for("alpha.test", supporter)
    client.post(f"/ideas/{idea.pk}/support/")
    page = client.get(f"/ideas/{idea.pk}/").content.decode()
    assert "Оттеглям подкрепата си" in page and "Благодарим за подкрепата." in page
    # An anonymous visitor with a message waiting (e.g. after logging out) sees it.
    client.post("/accounts/logout/")
    after_logout = client.get(f"/ideas/{idea.pk}/").content.decode()
    assert 'class="messages"' in after_logout


def test_many_changes_in_one_transaction_move_the_version_once(municipality, resident,
                                                               django_capture_on_commit_callbacks, monkeypatch):
    from django.core.cache import caches
    from django.db import transaction

    from sabor.core import pagecache

    idea = make_idea(municipality, resident)
    moved = []

    class Recorder:
        """The cache, noting each time a version is moved on."""

        def __getattr__(self, name):
            return getattr(caches["default"], name)

        def set(self, key, *args, **kwargs):
            if key.startswith("sabor:version:"):
                moved.append(key)
            return caches["default"].set(key, *args, **kwargs)

    monkeypatch.setattr(pagecache, "cache", Recorder())
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for _n in range(5):
            ideas.support(actor=testing.make_member(municipality, Role.RESIDENT), idea=idea)
    assert moved == [f"sabor:version:participation:{municipality.pk}"]
