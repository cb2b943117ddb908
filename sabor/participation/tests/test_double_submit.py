"""One sending of a form creates one object: the same rendered comment, reply or idea
form sent twice, or ten times at once, creates it once and leads every sending to it."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.core import antibot
from sabor.core.models import Submission
from sabor.participation.models import Comment, Idea
from sabor.participation.testing import make_idea, make_process

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_waiting(monkeypatch):
    monkeypatch.setattr(antibot, "MIN_SECONDS", 0)  # a person would wait two seconds before sending


def _stamps(html: str) -> list[str]:
    """The one-time stamps of the forms of a page, in order."""
    return re.findall(r'name="(?:c-)?started" value="([^"]+)"', html)


def _signed_in(municipality, user) -> Client:
    client = Client(HTTP_HOST="alpha.test")
    client.force_login(user, backend="allauth.account.auth_backends.AuthenticationBackend")
    return client


def test_a_comment_form_sent_twice_publishes_one_comment(municipality):
    resident = testing.make_member(municipality, Role.RESIDENT)
    idea = make_idea(municipality, resident)
    client = _signed_in(municipality, resident)
    stamp = _stamps(client.get(f"/ideas/{idea.pk}/").content.decode())[-1]
    form = {"c-body": "Подкрепям, но с пейки.", "c-started": stamp, "c-website": ""}
    first = client.post(f"/ideas/{idea.pk}/comment/", form)
    comment = Comment.objects.get()
    assert first.status_code == 302 and first["Location"] == f"/ideas/{idea.pk}/#comment-{comment.pk}"
    again = client.post(f"/ideas/{idea.pk}/comment/", form, follow=True)
    assert Comment.objects.count() == 1
    assert again.redirect_chain[0][0] == f"/ideas/{idea.pk}/#comment-{comment.pk}"
    assert "Формулярът вече е бил изпратен; записан е веднъж." in again.content.decode()
    # A new render is a new form: the next comment is published.
    stamp = _stamps(client.get(f"/ideas/{idea.pk}/").content.decode())[-1]
    client.post(f"/ideas/{idea.pk}/comment/", form | {"c-started": stamp})
    assert Comment.objects.count() == 2


def test_the_reply_forms_of_one_page_are_each_sent_once(municipality):
    resident = testing.make_member(municipality, Role.RESIDENT)
    idea = make_idea(municipality, resident)
    client = _signed_in(municipality, resident)
    for body in ("Първи", "Втори"):
        client.post(f"/ideas/{idea.pk}/comment/",
                    {"c-body": body, "c-started": _stamps(client.get(f"/ideas/{idea.pk}/").content.decode())[-1]})
    first, second = Comment.objects.order_by("pk")
    stamp = _stamps(client.get(f"/ideas/{idea.pk}/").content.decode())[0]  # one page: the same stamp in each form
    for parent in (first, second, first, second):
        client.post(f"/ideas/{idea.pk}/comment/", {"c-body": "Отговор", "c-started": stamp, "parent": parent.pk})
    assert Comment.objects.filter(parent=first).count() == 1 and Comment.objects.filter(parent=second).count() == 1


def test_an_idea_form_sent_twice_submits_one_idea(municipality):
    resident = testing.make_member(municipality, Role.RESIDENT)
    make_process(municipality)
    client = _signed_in(municipality, resident)
    stamp = _stamps(client.get("/ideas/new/").content.decode())[0]
    form = {"title": "Велоалея до Мерданя", "description": "По стария път, отделена от колите.", "started": stamp}
    first = client.post("/ideas/new/", form)
    assert first.status_code == 302
    again = client.post("/ideas/new/", form)
    idea = Idea.objects.get()
    assert again.status_code == 302 and again["Location"] == first["Location"] == f"/ideas/{idea.pk}/"


def test_a_form_refused_for_its_content_can_be_corrected_and_sent(municipality):
    """The key is taken only with what it creates: a sending that creates nothing leaves it free."""
    resident = testing.make_member(municipality, Role.RESIDENT)
    idea = make_idea(municipality, resident)
    client = _signed_in(municipality, resident)
    stamp = _stamps(client.get(f"/ideas/{idea.pk}/").content.decode())[-1]
    assert client.post(f"/ideas/{idea.pk}/comment/", {"c-body": "", "c-started": stamp}).status_code == 400
    assert client.post(f"/ideas/{idea.pk}/comment/", {"c-body": "Сега да", "c-started": stamp}).status_code == 302
    assert Comment.objects.count() == 1 and Submission.objects.count() == 1


@testing.concurrency_test
def test_ten_sendings_of_one_comment_form_at_once_publish_one_comment(municipality):
    resident = testing.make_member(municipality, Role.RESIDENT)
    idea = make_idea(municipality, resident)
    stamp = _stamps(_signed_in(municipality, resident).get(f"/ideas/{idea.pk}/").content.decode())[-1]
    clients = [_signed_in(municipality, resident) for _n in range(10)]
    form = {"c-body": "Изпратено десет пъти", "c-started": stamp}
    responses = testing.at_once([lambda client=client: client.post(f"/ideas/{idea.pk}/comment/", form)
                                 for client in clients])
    comment = Comment.objects.get()
    assert [response.status_code for response in responses] == [302] * 10
    assert {response["Location"] for response in responses} == {f"/ideas/{idea.pk}/#comment-{comment.pk}"}
    idea.refresh_from_db()
    assert idea.comments_count == 1


@testing.concurrency_test
def test_ten_sendings_of_one_idea_form_at_once_submit_one_idea(municipality):
    resident = testing.make_member(municipality, Role.RESIDENT)
    make_process(municipality)
    stamp = _stamps(_signed_in(municipality, resident).get("/ideas/new/").content.decode())[0]
    clients = [_signed_in(municipality, resident) for _n in range(10)]
    form = {"title": "Чешма на площада", "description": "С питейна вода.", "started": stamp}
    responses = testing.at_once([lambda client=client: client.post("/ideas/new/", form) for client in clients])
    idea = Idea.objects.get()
    # Five ideas an hour is the limit of one person; the sendings past it are told so.
    assert {response.status_code for response in responses} == {302, 429}
    assert {response["Location"] for response in responses if response.status_code == 302} == {f"/ideas/{idea.pk}/"}


def test_the_keys_of_expired_forms_are_forgotten_and_the_rest_kept(municipality):
    resident = testing.make_member(municipality, Role.RESIDENT)
    idea = make_idea(municipality, resident)
    old, recent = Submission.objects.create(key="old"), Submission.objects.create(key="recent")
    now = timezone.now()
    Submission.objects.filter(pk=old.pk).update(created_at=now - timedelta(seconds=antibot.MAX_SECONDS, hours=2))
    Submission.objects.filter(pk=recent.pk).update(created_at=now - timedelta(seconds=antibot.MAX_SECONDS))
    client = _signed_in(municipality, resident)
    stamp = _stamps(client.get(f"/ideas/{idea.pk}/").content.decode())[-1]
    assert client.post(f"/ideas/{idea.pk}/comment/", {"c-body": "Да.", "c-started": stamp, "c-website": ""}
                       ).status_code == 302
    assert set(Submission.objects.values_list("key", flat=True)) - {"old", "recent"}, "the comment's key is kept"
    assert Submission.objects.filter(key="recent").exists() and not Submission.objects.filter(key="old").exists()
