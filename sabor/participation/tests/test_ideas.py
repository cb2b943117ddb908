"""Ideas: submitting, editing within the window, supports, comments, answers,
notifications, search and similar ideas, and the list's filters."""

import time
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sabor.accounts import services as accounts
from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.accounts.testing import XSS
from sabor.core import antibot, testfiles
from sabor.monitoring.testing import make_plan
from sabor.participation import selectors
from sabor.participation.models import Comment, Follow, Idea, Notification, Support
from sabor.participation.services import ideas, notifications
from sabor.participation.testing import human, make_idea, make_process
from sabor.planning.models import PlanNode
from sabor.planning.services import projects

pytestmark = pytest.mark.django_db

FORM = {"title": "Пейки в парка", "description": "Да се поставят пейки около езерото."}


def test_a_resident_proposes_an_idea_and_it_is_published_escaped(client_for, resident, municipality):
    client = client_for("alpha.test", resident)
    response = client.post("/ideas/new/", {"title": f"Пейки {XSS}", "description": f"Текст {XSS}",
                                           "estimated_cost": "12 500,50", **human()})
    idea = Idea.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/ideas/{idea.pk}/"
    assert idea.author == resident and idea.estimated_cost == Decimal("12500.50")
    assert Follow.objects.filter(idea=idea, user=resident).exists()
    page = client_for("alpha.test").get(f"/ideas/{idea.pk}/").content.decode()
    assert "Пейки" in page and XSS not in page and "Пейки &lt;script&gt;" in page and "Текст &lt;script&gt;" in page


def test_bots_are_turned_away_without_a_puzzle(client_for, resident):
    client = client_for("alpha.test", resident)
    honeypot = client.post("/ideas/new/", FORM | human() | {"website": "http://spam.example"})
    assert honeypot.status_code == 400
    too_fast = client.post("/ideas/new/", FORM | {"started": signing.dumps(time.time(), salt=antibot.SALT)})
    assert too_fast.status_code == 400 and "твърде бързо" in too_fast.content.decode()
    forged = client.post("/ideas/new/", FORM | {"started": "1700000000"})
    assert forged.status_code == 400
    assert not Idea.objects.exists()


def test_submissions_are_rate_limited(client_for, resident):
    client = client_for("alpha.test", resident)
    for n in range(5):
        assert client.post("/ideas/new/", FORM | {"title": f"Идея {n}"} | human()).status_code == 302
    sixth = client.post("/ideas/new/", FORM | {"title": "Шеста"} | human())
    assert sixth.status_code == 429 and Idea.objects.count() == 5


def test_only_a_representative_submits_on_behalf_of_an_organisation(municipality, resident):
    organisation = testing.make_organisation(municipality)
    with pytest.raises(ValidationError) as refused:
        ideas.submit(actor=resident, municipality=municipality, organisation=organisation, **FORM)
    assert refused.value.error_dict["organisation"][0].code == "not_representative"
    accounts.add_organisation_member(actor=None, organisation=organisation, user=resident, is_representative=True)
    assert ideas.submit(actor=resident, municipality=municipality, organisation=organisation, **FORM).organisation


def test_a_closed_idea_call_takes_no_ideas(municipality, resident):
    closed = make_process(municipality, ideas_open_until=timezone.localdate() - timedelta(days=1))
    with pytest.raises(ValidationError) as refused:
        make_idea(municipality, resident, process=closed)
    assert refused.value.error_dict["process"][0].code == "closed"


def test_the_author_edits_within_the_window_and_nobody_else_can(client_for, resident, municipality):
    idea = make_idea(municipality, resident)
    other = testing.make_member(municipality, Role.RESIDENT)
    assert client_for("alpha.test", other).get(f"/ideas/{idea.pk}/edit/").status_code == 404
    client = client_for("alpha.test", resident)
    response = client.post(f"/ideas/{idea.pk}/edit/", FORM | {"title": "Пейки и кошчета"} | human())
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.title == "Пейки и кошчета"
    Idea.objects.filter(pk=idea.pk).update(created_at=idea.created_at - timedelta(hours=49))
    late = client.get(f"/ideas/{idea.pk}/edit/")
    assert late.status_code == 302
    with pytest.raises(ValidationError) as refused:
        ideas.edit(actor=resident, idea=idea, title="Късно")
    assert refused.value.code == "edit_window_closed"


def test_supports_are_one_per_person_and_counted_exactly(client_for, resident, municipality):
    idea = make_idea(municipality, testing.make_member(municipality, Role.RESIDENT))
    client = client_for("alpha.test", resident)
    for _n in range(3):
        client.post(f"/ideas/{idea.pk}/support/")
    idea.refresh_from_db()
    assert idea.supports_count == 1 == Support.objects.count()
    client.post(f"/ideas/{idea.pk}/support/", {"withdraw": "1"})
    idea.refresh_from_db()
    assert idea.supports_count == 0 == Support.objects.count()
    assert client_for("alpha.test").post(f"/ideas/{idea.pk}/support/").status_code == 302  # to log in
    assert Support.objects.count() == 0


def test_comments_are_threaded_and_followers_are_told(client_for, municipality, django_capture_on_commit_callbacks):
    author = testing.make_member(municipality, Role.RESIDENT)
    idea = make_idea(municipality, author)
    commenter = testing.make_member(municipality, Role.RESIDENT)
    client = client_for("alpha.test", commenter)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(f"/ideas/{idea.pk}/comment/", {"c-body": f"Добра идея {XSS}", **human("c")})
    assert first.status_code == 302
    parent = Comment.objects.get()
    assert first["Location"].endswith(f"#comment-{parent.pk}")
    with django_capture_on_commit_callbacks(execute=True):
        client_for("alpha.test", author).post(f"/ideas/{idea.pk}/comment/", {
            "c-body": "Благодаря", "parent": parent.pk, **human("c")})
    reply = Comment.objects.get(parent=parent)
    idea.refresh_from_db()
    assert idea.comments_count == 2
    assert [n.user for n in Notification.objects.order_by("pk")] == [author, commenter]
    assert {message.to[0] for message in mail.outbox} == {author.email, commenter.email}
    thread = selectors.thread(idea)
    assert [node.comment for node in thread] == [parent] and [n.comment for n in thread[0].replies] == [reply]
    page = client_for("alpha.test").get(f"/ideas/{idea.pk}/").content.decode()
    assert f'id="comment-{reply.pk}"' in page and XSS not in page and "Добра идея &lt;script&gt;" in page
    empty = client.post(f"/ideas/{idea.pk}/comment/", {"c-body": "", **human("c")})
    assert empty.status_code == 400 and Comment.objects.count() == 2


def test_the_municipality_answers_and_the_idea_can_be_followed_into_the_plan(
        client_for, staff, municipality, django_capture_on_commit_callbacks):
    author = testing.make_member(municipality, Role.RESIDENT)
    idea = make_idea(municipality, author)
    other = make_idea(municipality, author, title="Друга")
    project = projects.create_project(actor=None, municipality=municipality, title="Парк „Лясковец“")
    client = client_for("alpha.test", staff)
    url = f"/office/ideas/{idea.pk}/answer/"
    assert client.post(url, {"status": "in_plan", "answer": "Включена."}).status_code == 400  # no project
    assert client.post(url, {"status": "merged", "answer": "Обединена."}).status_code == 400  # no idea
    assert client.post(url, {"status": "accepted", "answer": ""}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"status": "in_plan", "answer": f"Включена в плана {XSS}",
                                     "project": project.pk})
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.status == "in_plan" and idea.project == project and idea.answered_at
    assert any("отговори" in message.subject or "отговори" in message.body for message in mail.outbox)
    page = client_for("alpha.test").get(f"/ideas/{idea.pk}/").content.decode()
    assert f"/projects/{project.pk}/" in page and XSS not in page and "Включена в плана &lt;script&gt;" in page
    ideas.answer(actor=staff, idea=other, status="merged", answer="Обединена", merged_into=idea)
    with pytest.raises(ValidationError) as refused:
        ideas.answer(actor=staff, idea=idea, status="merged", answer="В себе си", merged_into=idea)
    assert refused.value.error_dict["merged_into"][0].code == "required"


def test_daily_digest_and_unsubscribing(client_for, municipality, django_capture_on_commit_callbacks):
    person = testing.make_member(municipality, Role.RESIDENT)
    person.notification_frequency = "daily"
    person.save()
    idea = make_idea(municipality, person)
    writer = testing.make_member(municipality, Role.RESIDENT)
    with django_capture_on_commit_callbacks(execute=True):
        ideas.comment(actor=writer, idea=idea, body="Първи")
        ideas.comment(actor=writer, idea=idea, body="Втори")
    assert mail.outbox == []  # nothing at once for someone who chose the digest
    assert notifications.send_digests() == 1
    (digest,) = mail.outbox
    assert digest.to == [person.email] and digest.body.count("Нов коментар") == 2
    assert notifications.send_digests() == 0  # never twice
    token = notifications.unsubscribe_token(person)
    link = f"/notifications/unsubscribe/{token}/"
    assert link in digest.body
    assert client_for("alpha.test").get(link).status_code == 200
    assert client_for("alpha.test").post(link).status_code == 200
    person.refresh_from_db()
    assert person.notification_frequency == "never"
    assert client_for("alpha.test").get("/notifications/unsubscribe/forged/").status_code == 404


def test_notifications_page_lists_and_marks_read(client_for, municipality):
    person = testing.make_member(municipality, Role.RESIDENT)
    idea = make_idea(municipality, person)
    ideas.comment(actor=testing.make_member(municipality, Role.RESIDENT), idea=idea, body="Здравейте")
    client = client_for("alpha.test", person)
    page = client.get("/notifications/").content.decode()
    assert "Нов коментар" in page and "непрочетени" in client.get("/").content.decode()
    client.post("/notifications/")
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_search_and_similar_ideas_understand_bulgarian_word_forms(client_for, municipality, resident):
    playground = make_idea(municipality, resident, title="Нова детска площадка в Джулюница",
                           description="Площадката до училището е стара.")
    make_idea(municipality, resident, title="Ремонт на пътя за Мерданя", description="Дупки по пътя.")
    found = selectors.similar(municipality, "Детски площадки", "площадка за децата")
    assert [idea for idea, _score in found] == [playground]
    assert list(selectors.search(municipality.ideas.all(), "площадките")) == [playground]
    fragment = client_for("alpha.test").get("/ideas/similar/", {"title": "детската площадка"}).content.decode()
    assert "Нова детска площадка" in fragment and "Ремонт" not in fragment


def test_the_idea_list_filters_from_an_allow_list(client_for, municipality, resident):
    settlement = testing.make_settlement(municipality, name="Драгижево")
    make_idea(municipality, resident, title="В Драгижево", settlement=settlement)
    make_idea(municipality, resident, title="Другаде")
    anon = client_for("alpha.test")
    page = anon.get("/ideas/", {"settlement": settlement.pk}).content.decode()
    assert "В Драгижево" in page and "Другаде" not in page
    assert anon.get("/ideas/", {"sort": "price; drop table"}).status_code == 400
    assert anon.get("/ideas/", {"status": "nonsense"}).status_code == 400
    assert anon.get("/ideas/", {"sort": "supported", "q": "драгижево"}).status_code == 200


def test_the_idea_list_runs_the_same_queries_for_ten_and_for_many_ideas(client_for, municipality, resident):
    for n in range(10):
        make_idea(municipality, resident, title=f"Идея {n}")
    client = client_for("alpha.test", resident)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/ideas/", {"sort": "supported"}).status_code == 200
    Idea.objects.bulk_create([Idea(municipality=municipality, author=resident, title=f"Още {n}",
                                   description="…") for n in range(400)])
    with CaptureQueriesContext(connection) as many:
        assert client.get("/ideas/", {"sort": "supported"}).status_code == 200
    assert len(many) == len(few)


def test_an_idea_page_runs_the_same_queries_for_few_and_many_comments(client_for, municipality, resident):
    idea = make_idea(municipality, resident)
    ideas.comment(actor=resident, idea=idea, body="Първи")
    client = client_for("alpha.test", resident)
    with CaptureQueriesContext(connection) as few:
        client.get(f"/ideas/{idea.pk}/")
    for n in range(30):
        ideas.comment(actor=testing.make_member(municipality, Role.RESIDENT), idea=idea, body=f"Коментар {n}",
                      parent=Comment.objects.order_by("pk").first() if n % 3 else None)
    with CaptureQueriesContext(connection) as many:
        client.get(f"/ideas/{idea.pk}/")
    assert len(many) == len(few)



def test_an_idea_page_shows_the_measure_merge_and_project_it_is_linked_to(client_for, municipality, resident):
    plan = make_plan(municipality)
    node = PlanNode.objects.create(plan=plan, position=1, depth=0, code="1", path="0001",
                                   title=f"Зелена община {XSS}")
    target = make_idea(municipality, resident, title=f"Голямата идея {XSS}")
    project = projects.create_project(actor=None, municipality=municipality, title=f"Парк {XSS}")
    idea = make_idea(municipality, resident, plan_node=node)
    Idea.objects.filter(pk=idea.pk).update(status="merged", answer="Обединена.", merged_into=target, project=project)
    client = client_for("alpha.test")
    with CaptureQueriesContext(connection) as linked:
        page = client.get(f"/ideas/{idea.pk}/").content.decode()
    assert "Зелена община" in page and f"/ideas/{target.pk}/" in page and f"/projects/{project.pk}/" in page
    assert f"/plans/{plan.slug}/" in page and XSS not in page and "Зелена община &lt;script&gt;" in page
    # What an idea usually is: linked to none of them, and then nothing is fetched for them.
    with CaptureQueriesContext(connection) as plain:
        assert client.get(f"/ideas/{target.pk}/").status_code == 200
    assert len(plain) == len(linked) - 4


def test_a_comment_is_rendered_once_per_process_however_many_read_it(client_for, municipality, resident):
    idea = make_idea(municipality, resident)
    body = f"Един **коментар** {XSS} {time.time()}"
    ideas.comment(actor=resident, idea=idea, body=body)
    # Signed in, so the page itself is rendered each time (anonymous visitors get it from the page cache).
    client = client_for("alpha.test", testing.make_member(municipality, Role.RESIDENT))
    first = client.get(f"/ideas/{idea.pk}/").content.decode()
    before = selectors._comment_html.cache_info()
    again = client.get(f"/ideas/{idea.pk}/").content.decode()
    after = selectors._comment_html.cache_info()
    assert after.hits == before.hits + 1 and after.misses == before.misses
    rendered = "<p>Един <strong>коментар</strong>"
    assert rendered in first and rendered in again and XSS not in again and "</strong> &lt;script&gt;" in again


@testing.concurrency_test
def test_two_hundred_people_supporting_at_once_give_two_hundred(municipality):
    idea = make_idea(municipality, testing.make_member(municipality, Role.RESIDENT))
    people = [testing.make_user() for _n in range(200)]
    # 50 connections at once (PostgreSQL allows 100 in all), each supporting for four people in turn,
    # as a site's application processes would share the requests of 200 people.
    groups = [people[n::50] for n in range(50)]
    _at_once([lambda group=group: [ideas.support(actor=person, idea=idea) for person in group] for group in groups])
    idea.refresh_from_db()
    assert idea.supports_count == 200 == Support.objects.filter(idea=idea).count()


@testing.concurrency_test
def test_one_person_sending_twenty_supports_at_once_gives_one(municipality):
    idea = make_idea(municipality, testing.make_member(municipality, Role.RESIDENT))
    person = testing.make_user()
    results = _at_once([lambda: ideas.support(actor=person, idea=idea) for _n in range(20)])
    idea.refresh_from_db()
    assert idea.supports_count == 1 == Support.objects.filter(idea=idea).count()
    assert results.count(True) == 1


def _at_once(calls) -> list:
    results = testing.at_once(calls)
    assert [result for result in results if isinstance(result, Exception)] == []
    return results


def test_an_attachment_of_the_wrong_type_or_too_large_is_refused_and_nothing_saved(client_for, resident, settings,
                                                                                    tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client = client_for("alpha.test", resident)
    wrong = client.post("/ideas/new/", FORM | human() | {"attachment": SimpleUploadedFile("run.exe", b"MZ")})
    assert wrong.status_code == 400 and "exe" in wrong.content.decode()
    big = SimpleUploadedFile("plan.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024 + 1))
    too_large = client.post("/ideas/new/", FORM | human() | {"attachment": big})
    assert too_large.status_code == 400 and "10 MB" in too_large.content.decode()
    assert not Idea.objects.exists()
    ok = client.post("/ideas/new/", FORM | human() | {"attachment": testfiles.upload("plan.pdf")})
    assert ok.status_code == 302
    idea = Idea.objects.get()
    assert idea.attachments.get().title == "plan.pdf"
    assert "plan.pdf" in client_for("alpha.test").get(f"/ideas/{idea.pk}/").content.decode()
