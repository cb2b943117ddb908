"""Tests before and after, scored automatically."""

import pytest
from django.core.exceptions import ValidationError

from sabor.accounts.testing import XSS
from sabor.training.models import Attempt
from sabor.training.selectors import learning
from sabor.training.services import assessments
from sabor.training.testing import answers, enrol, make_programme, make_test

ESCAPED = "&lt;script&gt;"  # XSS as the page shows it: escaped, not dropped

pytestmark = pytest.mark.django_db


def test_a_trainee_takes_an_open_test_on_the_site_and_it_is_scored(client_for, trainee):
    enrolment, person = trainee
    test = make_test(enrolment.programme, "pre", questions=4)
    client = client_for("alpha.test", person)
    assert f"/training/enrolments/{enrolment.pk}/test/pre/" in client.get("/training/mine/").content.decode()
    page = client.get(f"/training/enrolments/{enrolment.pk}/test/pre/").content.decode()
    assert "Въпрос 1" in page and XSS not in page and ESCAPED in page
    data = {f"q{question}": choice for question, choice in answers(test, 3).items()}
    response = client.post(f"/training/enrolments/{enrolment.pk}/test/pre/", data)
    assert response.status_code == 302
    attempt = Attempt.objects.get()
    assert (attempt.score, attempt.max_score, attempt.percent) == (3, 4, 75) and attempt.recorded_by is None
    # Once only.
    again = client.post(f"/training/enrolments/{enrolment.pk}/test/pre/", data)
    assert again.status_code == 302 and Attempt.objects.count() == 1


def test_every_question_must_be_answered_with_one_of_its_own_answers(client_for, trainee):
    enrolment, person = trainee
    test = make_test(enrolment.programme, "post", questions=2)
    first, second = test.questions.all()
    client = client_for("alpha.test", person)
    url = f"/training/enrolments/{enrolment.pk}/test/post/"
    missing = client.post(url, {f"q{first.pk}": first.choices.first().pk})
    assert missing.status_code == 400 and "Отговорете на този въпрос." in missing.content.decode()
    foreign = client.post(url, {f"q{first.pk}": second.choices.first().pk, f"q{second.pk}": "abc"})
    assert foreign.status_code == 400
    with pytest.raises(ValidationError) as error:
        assessments.hand_in(actor=person, enrolment=enrolment, assessment=test,
                            answers={first.pk: second.choices.first().pk, second.pk: second.choices.first().pk})
    assert error.value.code == "unanswered"
    assert not Attempt.objects.exists()


def test_a_closed_test_cannot_be_taken_on_the_site(client_for, trainee):
    enrolment, person = trainee
    test = make_test(enrolment.programme, "post", is_open=False)
    assert client_for("alpha.test", person).get(
        f"/training/enrolments/{enrolment.pk}/test/post/").status_code == 404
    with pytest.raises(ValidationError) as error:
        assessments.hand_in(actor=person, enrolment=enrolment, assessment=test, answers=answers(test, 2))
    assert error.value.code == "closed"


def test_staff_build_a_test_and_record_one_taken_on_paper(client_for, staff, municipality):
    programme = make_programme(municipality)
    on_paper = enrol(programme, name="Без профил")
    client = client_for("alpha.test", staff)
    url = f"/office/training/{programme.pk}/tests/post/"
    response = client.post(url, {"action": "question", "question-text": "Какво е индикатор за резултат?",
                                 "question-answer_1": "Пряк продукт", "question-answer_2": "Непосредствен ефект",
                                 "question-correct": "1"})
    assert response.status_code == 302
    question = programme.assessments.get(kind="post").questions.get()
    assert [c.is_correct for c in question.choices.all()] == [False, True]
    no_right = client.post(url, {"action": "question", "question-text": "Без верен",
                                 "question-answer_1": "А", "question-answer_2": "Б", "question-correct": "3"})
    assert no_right.status_code == 400 and "Отбележете кой от отговорите е верен." in no_right.content.decode()
    right = question.choices.get(is_correct=True)
    recorded = client.post(url, {"action": "paper", "enrolment": on_paper.pk, f"paper-q{question.pk}": right.pk})
    assert recorded.status_code == 302
    attempt = Attempt.objects.get()
    assert attempt.score == 1 and attempt.recorded_by == staff
    # Once taken, the questions no longer change, so every score stays comparable.
    locked = client.post(url, {"action": "remove_question", "question": question.pk})
    assert locked.status_code == 400 and question.__class__.objects.filter(pk=question.pk).exists()


def test_an_empty_test_cannot_be_opened(municipality):
    assessment = assessments.assessment_of(make_programme(municipality), "pre")
    with pytest.raises(ValidationError) as error:
        assessments.set_open(actor=None, assessment=assessment, is_open=True)
    assert error.value.code == "no_questions"


def test_learning_compares_before_and_after_question_by_question(municipality):
    programme = make_programme(municipality)
    pre, post = make_test(programme, "pre", questions=2), make_test(programme, "post", questions=2)
    people = [enrol(programme, name=f"Т{n}") for n in range(2)]
    for person in people:
        assessments.hand_in(actor=None, enrolment=person, assessment=pre, answers=answers(pre, 1), on_paper=True)
        assessments.hand_in(actor=None, enrolment=person, assessment=post, answers=answers(post, 2), on_paper=True)
    result = learning(programme)
    assert (result.pre_average, result.post_average, result.gain, result.post_passed) == (50, 100, 50, 2)
    assert [(q.pre_right, q.post_right) for q in result.questions] == [(100, 100), (0, 100)]


def test_a_tests_changes_are_logged_by_its_kind_whatever_language_the_writer_used(municipality):
    """The log reads the kind in its reader's language; a label stored in the writer's language
    (English here) would be left unread on a Bulgarian page."""
    from django.utils import translation

    from sabor.core.models import AuditEntry

    with translation.override("en"):
        make_test(make_programme(municipality), "post", questions=2)
    keys = {key for entry in AuditEntry.objects.filter(action="training.test_changed") for key in entry.changes}
    assert keys == {"post", "is_open"}  # its questions, and opening it
