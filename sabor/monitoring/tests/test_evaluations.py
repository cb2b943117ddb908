from datetime import date, timedelta

import pytest
from django.utils import timezone
from django.utils.html import escape

from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.monitoring.models import CriterionScore, Evaluation, Recommendation
from sabor.monitoring.services import evaluations
from sabor.monitoring.testing import make_plan, raises_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(municipality):
    return testing.make_member(municipality, Role.ME_OFFICER)


@pytest.fixture
def evaluation(municipality, officer):
    return evaluations.create_evaluation(actor=officer, municipality=municipality, title=f"Оценка {testing.XSS}",
                                         kind="annual", year=2024, plan=make_plan(municipality),
                                         findings="**Изводи**")


def test_the_officer_writes_scores_recommends_and_publishes_in_the_back_office(client_for, evaluation, officer):
    client = client_for("alpha.test", officer)
    url = f"/office/evaluations/{evaluation.pk}/"
    scores = {"action": "scores", "relevance_score": "5", "relevance_evidence": "Анкета",
              "efficiency_score": "2", "efficiency_evidence": "Разходи"}
    assert client.post(url, scores).status_code == 302
    assert dict(evaluation.scores.values_list("criterion", "score")) == {"relevance": 5, "efficiency": 2}
    assert client.post(url, {"action": "recommendation", "rec-text": "Да се ускорят поръчките",
                             "rec-owner": "Отдел ОП", "rec-deadline": "2025-03-31"}).status_code == 302
    assert client.post(url, {"action": "publish"}).status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.status == Evaluation.Status.PUBLISHED
    page = client_for("alpha.test").get(f"/evaluations/{evaluation.pk}/").content.decode()
    assert "<strong>Изводи</strong>" in page and "Да се ускорят поръчките" in page
    assert testing.XSS not in page and escape(testing.XSS) in page


@pytest.mark.parametrize("data, field", [
    ({"action": "scores", "relevance_score": "7"}, "relevance_score"),
    ({"action": "recommendation", "rec-text": "", "rec-owner": "x", "rec-deadline": "2025-02-30"}, "deadline"),
])
def test_bad_evaluation_input_gets_a_400(client_for, evaluation, officer, data, field):
    response = client_for("alpha.test", officer).post(f"/office/evaluations/{evaluation.pk}/", data)
    assert response.status_code == 400
    assert not CriterionScore.objects.exists() and not Recommendation.objects.exists()


def test_drafts_are_not_public(client_for, evaluation):
    assert client_for("alpha.test").get(f"/evaluations/{evaluation.pk}/").status_code == 404
    assert evaluation.title not in client_for("alpha.test").get("/evaluations/").content.decode()


def test_an_evaluation_without_findings_cannot_be_published(municipality, officer):
    empty = evaluations.create_evaluation(actor=officer, municipality=municipality, title="Празна",
                                          kind="ad_hoc", year=2024)
    with raises_code("no_findings"):
        evaluations.publish(actor=officer, evaluation=empty)


def test_staff_follow_up_a_recommendation_and_overdue_ones_are_flagged(client_for, municipality, evaluation):
    evaluations.publish(actor=None, evaluation=evaluation)
    late = evaluations.add_recommendation(actor=None, evaluation=evaluation, text="Закъсняла", owner="Отдел",
                                          deadline=timezone.localdate() - timedelta(days=3))
    evaluations.add_recommendation(actor=None, evaluation=evaluation, text="Навреме", owner="Отдел",
                                   deadline=timezone.localdate() + timedelta(days=30))
    public = client_for("alpha.test")
    response = public.get("/recommendations/?overdue=yes")
    assert [r.text for r in response.context["recommendations"]] == ["Закъсняла"]
    staff = testing.make_member(municipality, Role.STAFF)
    response = client_for("alpha.test", staff).post(f"/office/recommendations/{late.pk}/", {
        f"r{late.pk}-status": "done", f"r{late.pk}-response": "Изпълнено на 1 март"})
    assert response.status_code == 302
    late.refresh_from_db()
    assert (late.status, late.response) == ("done", "Изпълнено на 1 март")
    assert [r.text for r in public.get("/recommendations/?overdue=yes").context["recommendations"]] == []
    bad = client_for("alpha.test", staff).post(f"/office/recommendations/{late.pk}/", {f"r{late.pk}-status": "x"})
    assert bad.status_code == 400


def test_a_subject_of_another_municipality_is_refused(municipality, other_municipality, officer):
    with raises_code("foreign"):
        evaluations.create_evaluation(actor=officer, municipality=municipality, title="x", kind="annual",
                                      year=2024, plan=make_plan(other_municipality))


def test_recommendation_deadlines_are_dates(municipality, evaluation):
    with raises_code("invalid"):
        evaluations.add_recommendation(actor=None, evaluation=evaluation, text="x", owner="y", deadline="утре")
    assert evaluations.add_recommendation(actor=None, evaluation=evaluation, text="x", owner="y",
                                          deadline=date(2025, 1, 1)).pk
