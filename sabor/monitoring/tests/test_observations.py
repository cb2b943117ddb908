import pytest
from django.utils.html import escape

from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.core.models import AuditEntry
from sabor.monitoring.models import Observation

pytestmark = pytest.mark.django_db


def test_a_civic_monitor_challenges_a_value_and_the_answer_is_public(client_for, municipality, indicator):
    monitor = testing.make_member(municipality, Role.RESIDENT, Role.CIVIC_MONITOR)
    page = client_for("alpha.test", monitor).get(f"/indicators/{indicator.pk}/")
    assert page.context["observation_form"] is not None
    response = client_for("alpha.test", monitor).post(f"/indicators/{indicator.pk}/observe/", {
        "period": 2023, "kind": "challenge", "text": f"Бюрото отчита 11,2%, не 10,4%. {testing.XSS}"})
    assert response.status_code == 302
    observation = Observation.objects.get()
    officer = testing.make_member(municipality, Role.ME_OFFICER)
    assert client_for("alpha.test", officer).post(f"/office/observations/{observation.pk}/answer/", {
        "answer": "Проверихме: 10,4% е за декември."}).status_code == 302
    body = client_for("alpha.test").get(f"/indicators/{indicator.pk}/").content.decode()
    assert "Бюрото отчита 11,2%" in body and "Проверихме: 10,4% е за декември." in body
    assert testing.XSS not in body and escape(testing.XSS) in body
    assert AuditEntry.objects.filter(action__startswith="observation.").count() == 2


def test_only_civic_monitors_may_observe(client_for, municipality, indicator, resident):
    assert client_for("alpha.test", resident).get(f"/indicators/{indicator.pk}/").context["observation_form"] is None
    response = client_for("alpha.test", resident).post(f"/indicators/{indicator.pk}/observe/", {
        "period": 2023, "kind": "observation", "text": "Текст"})
    assert response.status_code == 403
    assert client_for("alpha.test").post(f"/indicators/{indicator.pk}/observe/", {}).status_code == 302
    assert not Observation.objects.exists()


@pytest.mark.parametrize("data", [{"period": 2023, "kind": "observation", "text": ""},
                                  {"period": 1999, "kind": "observation", "text": "Текст"},
                                  {"period": 2023, "kind": "rumour", "text": "Текст"}])
def test_bad_observations_are_refused(client_for, municipality, indicator, data):
    monitor = testing.make_member(municipality, Role.CIVIC_MONITOR)
    response = client_for("alpha.test", monitor).post(f"/indicators/{indicator.pk}/observe/", data)
    assert response.status_code == 400
    assert not Observation.objects.exists()


def test_an_empty_answer_is_refused(client_for, municipality, indicator):
    monitor = testing.make_member(municipality, Role.CIVIC_MONITOR)
    client_for("alpha.test", monitor).post(f"/indicators/{indicator.pk}/observe/", {
        "period": 2023, "kind": "observation", "text": "Текст"})
    officer = testing.make_member(municipality, Role.ME_OFFICER)
    observation = Observation.objects.get()
    assert client_for("alpha.test", officer).post(f"/office/observations/{observation.pk}/answer/",
                                                  {"answer": ""}).status_code == 400
    observation.refresh_from_db()
    assert observation.answer == ""
