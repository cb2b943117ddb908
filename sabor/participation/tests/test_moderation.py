"""Reports of abuse, the moderation queue, hiding and restoring with reasons."""

import pytest
from django.core.exceptions import ValidationError

from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.core.models import AuditEntry
from sabor.participation.models import Comment, Report
from sabor.participation.services import ideas, moderation
from sabor.participation.testing import human, make_idea

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(municipality):
    return testing.make_member(municipality, Role.MODERATOR)


def test_a_report_reaches_the_queue_and_the_moderator_hides_the_comment(client_for, municipality, resident,
                                                                       moderator):
    idea = make_idea(municipality, resident)
    troll = testing.make_member(municipality, Role.RESIDENT)
    ideas.comment(actor=troll, idea=idea, body="Обидни думи")
    comment = Comment.objects.get()
    reporter = client_for("alpha.test", resident)
    assert reporter.get(f"/ideas/{idea.pk}/comments/{comment.pk}/report/").status_code == 200
    assert reporter.post(f"/ideas/{idea.pk}/comments/{comment.pk}/report/", {"reason": "abuse"}).status_code == 302
    again = reporter.post(f"/ideas/{idea.pk}/comments/{comment.pk}/report/", {"reason": "abuse"})
    assert again.status_code == 400 and Report.objects.count() == 1
    client = client_for("alpha.test", moderator)
    queue = client.get("/office/moderation/").content.decode()
    assert "Обидни думи" in queue
    report = Report.objects.get()
    no_reason = client.post(f"/office/moderation/reports/{report.pk}/", {"decision": "hide", "reason": ""})
    assert no_reason.status_code == 400
    assert client.post(f"/office/moderation/reports/{report.pk}/", {"decision": "hide",
                                                                      "reason": "Обида"}).status_code == 302
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_reason == "Обида"
    page = client_for("alpha.test").get(f"/ideas/{idea.pk}/").content.decode()
    assert "Обидни думи" not in page and "Скрито от модератор: Обида" in page
    entry = AuditEntry.objects.get(action="participation.hidden")
    assert entry.actor == moderator and "Обида" in str(entry.changes)
    # Restored with a reason, and that is in the log too.
    assert client.post(f"/office/moderation/hidden/{comment.pk}/restore/", {"kind": "comment",
                                                                              "reason": "Грешка"}).status_code == 302
    comment.refresh_from_db()
    assert not comment.is_hidden
    assert AuditEntry.objects.filter(action="participation.restored", actor=moderator).exists()


def test_a_hidden_idea_shows_only_its_notice_and_takes_nothing_more(client_for, municipality, resident, moderator):
    idea = make_idea(municipality, resident, title="Реклама на фирма")
    report = moderation.report(actor=resident, idea=idea, reason="spam")
    moderation.decide(actor=moderator, report=report, hide=True, reason="Реклама")
    anon = client_for("alpha.test")
    page = anon.get(f"/ideas/{idea.pk}/").content.decode()
    assert "Тази идея е скрита от модератор: Реклама" in page and "Нова площадка" not in page
    assert "Реклама на фирма" not in anon.get("/ideas/").content.decode()
    other = client_for("alpha.test", testing.make_member(municipality, Role.RESIDENT))
    other.post(f"/ideas/{idea.pk}/support/")
    other.post(f"/ideas/{idea.pk}/comment/", {"c-body": "Още", **human("c")})
    idea.refresh_from_db()
    assert idea.supports_count == 0 and idea.comments_count == 0


def test_dismissing_a_report_keeps_the_content(municipality, resident, moderator):
    idea = make_idea(municipality, resident)
    report = moderation.report(actor=resident, idea=idea, reason="off_topic")
    moderation.decide(actor=moderator, report=report, hide=False)
    idea.refresh_from_db()
    report.refresh_from_db()
    assert not idea.is_hidden and report.status == "dismissed" and report.decided_by == moderator
    with pytest.raises(ValidationError, match="вече|already") as refused:
        moderation.decide(actor=moderator, report=report, hide=True, reason="x")
    assert refused.value.code == "decided"


def test_only_moderators_decide(client_for, municipality, resident, staff):
    idea = make_idea(municipality, resident)
    report = moderation.report(actor=resident, idea=idea, reason="spam")
    for person in (resident, staff):
        response = client_for("alpha.test", person).post(f"/office/moderation/reports/{report.pk}/",
                                                         {"decision": "hide", "reason": "x"})
        assert response.status_code == 403
    report.refresh_from_db()
    assert report.status == "open"


def test_the_back_office_overview_shows_what_waits_for_each_role(client_for, municipality, resident, moderator,
                                                                 staff):
    idea = make_idea(municipality, resident)
    moderation.report(actor=resident, idea=idea, reason="spam")
    mine = client_for("alpha.test", moderator).get("/office/").content.decode()
    assert "Сигнали, чакащи модератор: <strong>1</strong>" in mine.replace("</a>", "")
    assert "Идеи, чакащи отговор" not in mine
    theirs = client_for("alpha.test", staff).get("/office/").content.decode()
    assert "Идеи, чакащи отговор: <strong>1</strong>" in theirs.replace("</a>", "")
    assert "Сигнали, чакащи модератор" not in theirs
