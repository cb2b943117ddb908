"""Anonymous visitors get the busiest pages from the cache, never stale and each with
their own CSRF token; signed-in people and pages with messages are rendered afresh."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.participation.services import ideas, moderation, registrations
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
        # The same page but for what is per visitor: the CSRF token and the CSP nonce.
        per_visitor = r'(value|nonce)="[^"]*"'
        assert re.sub(per_visitor, "", first.content.decode()) == re.sub(per_visitor, "", second.content.decode())


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


def _page_entries() -> int:
    """How many pages the cache holds (this test's own key prefix; locmem or Redis)."""
    from django.core.cache import cache

    store = getattr(cache, "_cache", None)
    if isinstance(store, dict):  # LocMemCache
        return sum(key.startswith(cache.make_key("sabor:page:")) for key in store)
    return len(store.get_client(None).keys(cache.make_key("sabor:page:*")))


def test_junk_query_strings_add_no_cache_entries(client_for, municipality, resident):
    idea = make_idea(municipality, resident)
    meeting = make_meeting(municipality)
    anon = client_for("alpha.test")
    pages = ["/ideas/", f"/ideas/{idea.pk}/", f"/meetings/{meeting.pk}/", "/ideas/?status=submitted&sort=supported"]
    for path in pages:
        assert anon.get(path).status_code == 200
    assert _page_entries() == len(pages)
    for n in range(2000):
        path = pages[n % len(pages)]
        junk = f"utm_{n}=JUNK{n}Z&fbclid={n}" if n % 3 else f"page=1&c-body=JUNK{n}Z&_={n}"
        response = anon.get(f"{path}{'&' if '?' in path else '?'}{junk}")
        assert response.status_code == 200
        assert f"JUNK{n}Z" not in response.content.decode()  # nothing of the junk is echoed into the stored page
    # Pages beyond the last, or written unlike the page's own links, are answered but not stored either.
    for path in ["/ideas/?page=99999", "/ideas/?page=-1", "/ideas/?settlement=0001", "/ideas/?q=парк",
                 "/ideas/?status=nonsense"]:
        assert anon.get(path).status_code in (200, 400)
    assert _page_entries() == len(pages)


def test_the_filters_and_pages_a_page_links_to_are_cached_apart(client_for, municipality, resident):
    for n in range(25):
        make_idea(municipality, resident, title=f"Идея номер {n:02d}")
    anon = client_for("alpha.test")
    first, second = anon.get("/ideas/").content.decode(), anon.get("/ideas/?page=2").content.decode()
    assert "Идея номер 24" in first and "Идея номер 24" not in second
    assert anon.get("/ideas/?page=2&junk=1").content.decode().count("Идея номер") == second.count("Идея номер")
    oldest = anon.get("/ideas/?sort=oldest").content.decode()
    assert oldest.index("Идея номер 00") < oldest.index("Идея номер 01")


def test_a_change_of_the_municipality_shows_on_cached_pages_at_once(client_for, municipality, resident,
                                                                    administrator,
                                                                    django_capture_on_commit_callbacks):
    idea = make_idea(municipality, resident)
    anon = client_for("alpha.test")
    for path in ("/ideas/", f"/ideas/{idea.pk}/"):
        assert "#234d20" not in anon.get(path).content.decode()
    data = {"name": "Община Нова Слава", "name_en": "", "province": "", "province_en": "", "description": "Текст",
            "description_en": "", "primary_colour": "#234d20", "accent_colour": "#6b4400", "website": "",
            "contact_email": ""}
    with django_capture_on_commit_callbacks(execute=True):
        assert client_for("alpha.test", administrator).post("/office/municipality/", data).status_code == 302
    for path in ("/ideas/", f"/ideas/{idea.pk}/"):
        page = anon.get(path).content.decode()
        assert "Община Нова Слава" in page and "#234d20" in page, path


def test_clearing_renders_every_cached_page_afresh(client_for, municipality, other_municipality, resident,
                                                   django_capture_on_commit_callbacks):
    """For changes that reach every page, such as erasing a person's name."""
    from sabor.core import pagecache

    idea = make_idea(municipality, resident)
    other_idea = make_idea(other_municipality, testing.make_member(other_municipality, Role.RESIDENT))
    here, there = client_for("alpha.test"), client_for("beta.test")
    assert here.get(f"/ideas/{idea.pk}/").status_code == there.get(f"/ideas/{other_idea.pk}/").status_code == 200
    type(idea).objects.filter(pk__in=[idea.pk, other_idea.pk]).update(title="Изчистено заглавие")
    assert "Изчистено заглавие" not in here.get(f"/ideas/{idea.pk}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        pagecache.clear()
    assert "Изчистено заглавие" in here.get(f"/ideas/{idea.pk}/").content.decode()
    assert "Изчистено заглавие" in there.get(f"/ideas/{other_idea.pk}/").content.decode()


def test_sessions_outlive_the_cache(client_for, municipality, resident, settings):
    """Sessions live in the database (cached_db with Redis): a cache eviction or flush
    never signs anyone out."""
    from django.core.cache import cache

    assert settings.SESSION_ENGINE in {"django.contrib.sessions.backends.db",
                                       "django.contrib.sessions.backends.cached_db"}
    client = client_for("alpha.test", resident)
    assert client.get("/account/profile/").status_code == 200
    cache.clear()
    assert client.get("/account/profile/").status_code == 200
