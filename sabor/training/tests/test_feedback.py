"""The trainees' evaluation of a programme, given once, on the site or typed in from paper,
and its summary that names nobody."""

import pytest
from django.core.exceptions import ValidationError

from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.accounts.testing import XSS
from sabor.training.models import Feedback
from sabor.training.selectors import feedback_summary
from sabor.training.services import enrolments, feedback
from sabor.training.testing import enrol, make_programme

ESCAPED = "&lt;script&gt;"  # XSS as the page shows it: escaped, not dropped

pytestmark = pytest.mark.django_db


def test_feedback_is_given_once_and_summarised_without_names(client_for, municipality):
    programme = make_programme(municipality)
    ratings = [(5, 4, 3, 5, 5), (3, 4, 5, 5, 4)]
    for index, scores in enumerate(ratings):
        person = testing.make_member(municipality, Role.RESIDENT)
        enrolment = enrol(programme, user=person, name=f"Обучаем {index}")
        client = client_for("alpha.test", person)
        data = dict(zip(["relevance", "trainers", "materials", "organisation", "usefulness"], scores, strict=True))
        response = client.post(f"/training/enrolments/{enrolment.pk}/feedback/",
                               data | {"comment": f"Повече примери {XSS}" if index else ""})
        assert response.status_code == 302
        assert client.post(f"/training/enrolments/{enrolment.pk}/feedback/", data).status_code == 400
    count, rows, comments = feedback_summary(programme)
    assert count == 2 and Feedback.objects.count() == 2
    by_field = {row.field: row for row in rows}
    assert str(by_field["relevance"].average) == "4.0" and by_field["relevance"].counts == [0, 0, 1, 0, 1]
    assert str(by_field["usefulness"].average) == "4.5"
    assert comments == [f"Повече примери {XSS}"]
    page = client_for("alpha.test").get(f"/training/{programme.pk}/").content.decode()
    assert "feedback-table" in page and "Обучаем 0" not in page and XSS not in page and ESCAPED in page


def test_ratings_outside_one_to_five_are_refused(client_for, trainee):
    enrolment, person = trainee
    response = client_for("alpha.test", person).post(f"/training/enrolments/{enrolment.pk}/feedback/", {
        "relevance": 9, "trainers": 0, "materials": 3, "organisation": 3, "usefulness": 3})
    assert response.status_code == 400 and not Feedback.objects.exists()


def test_a_withdrawn_trainee_cannot_evaluate(trainee):
    enrolment, person = trainee
    enrolments.withdraw(actor=person, enrolment=enrolment)
    with pytest.raises(ValidationError) as error:
        feedback.give_feedback(actor=person, enrolment=enrolment, relevance=5, trainers=5, materials=5,
                               organisation=5, usefulness=5)
    assert error.value.code == "not_trainee"


def test_staff_type_in_an_evaluation_form_filled_in_on_paper(client_for, staff, municipality):
    programme = make_programme(municipality)
    on_paper = enrol(programme, name="Без профил")
    client = client_for("alpha.test", staff)
    url = f"/office/training/{programme.pk}/trainees/"
    ratings = {"feedback-relevance": 4, "feedback-trainers": 5, "feedback-materials": 3,
               "feedback-organisation": 4, "feedback-usefulness": 5}
    nobody = client.post(url, {"action": "feedback", **ratings})
    assert nobody.status_code == 400 and "Изберете чия е формата за оценка." in nobody.content.decode()
    assert client.post(url, {"action": "feedback", "enrolment": on_paper.pk, **ratings}).status_code == 302
    assert Feedback.objects.get().enrolment == on_paper
    # The same form cannot be typed in twice.
    assert client.post(url, {"action": "feedback", "enrolment": on_paper.pk, **ratings}).status_code == 400
    assert Feedback.objects.count() == 1
