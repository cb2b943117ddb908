from datetime import date
from decimal import Decimal

import pytest

from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.monitoring.models import Methodology
from sabor.monitoring.services import methodology
from sabor.monitoring.testing import make_indicator, make_plan, raises_code, verified
from sabor.planning import services as planning

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(municipality):
    return testing.make_member(municipality, Role.ME_OFFICER)


def _adopted(municipality, officer, **fields):
    draft = methodology.start_draft(actor=officer, municipality=municipality)
    methodology.update_draft(actor=officer, methodology=draft, body="Текст", **fields)
    return methodology.adopt(actor=officer, methodology=draft, decision="Заповед 1")


def test_the_bands_in_force_decide_the_status_on_the_public_pages(client_for, municipality, officer):
    plan = make_plan(municipality)
    goal = planning.add_node(actor=None, plan=plan, parent=None, title="Цел")
    indicator = make_indicator(municipality, goal)  # 12 → 8 by 2027; 2024 expects 0.571
    verified(indicator, 2024, "10", entered_by=testing.make_member(municipality, Role.STAFF), verified_by=officer)
    client = client_for("alpha.test")
    assert client.get("/plans/piro/?year=2024").context["roots"][0].status == "behind"  # 0.875 < 0.90
    _adopted(municipality, officer, on_track_from=Decimal("0.85"), behind_from=Decimal("0.5"))
    assert client.get("/plans/piro/?year=2024").context["roots"][0].status == "on_track"
    assert client.get(f"/indicators/{indicator.pk}/?year=2024").context["report"].status == "on_track"


def test_adopting_a_new_version_supersedes_the_old_one(municipality, officer):
    first = _adopted(municipality, officer)
    second = _adopted(municipality, officer, on_track_from=Decimal("0.95"))
    first.refresh_from_db()
    assert (first.status, second.status, second.version) == ("superseded", "adopted", 2)
    assert methodology.in_force(municipality) == second
    assert second.title == first.title  # a new version starts from the one in force


def test_only_a_draft_changes(municipality, officer):
    adopted = _adopted(municipality, officer)
    with raises_code("not_draft"):
        methodology.update_draft(actor=officer, methodology=adopted, body="Друго")
    with raises_code("not_draft"):
        methodology.adopt(actor=officer, methodology=adopted)


@pytest.mark.parametrize("fields, field, code", [
    ({"on_track_from": Decimal("0.5"), "behind_from": Decimal("0.6")}, "behind_from", "bands_reversed"),
    ({"report_due_month": 2, "report_due_day": 30}, "report_due_day", "no_such_day"),
    ({"report_due_month": 13}, "report_due_month", "max_value"),
])
def test_impossible_parameters_are_refused(municipality, officer, fields, field, code):
    draft = methodology.start_draft(actor=officer, municipality=municipality)
    with raises_code(code) as error:
        methodology.update_draft(actor=officer, methodology=draft, **fields)
    assert field in error.value.message_dict


def test_the_report_is_due_by_31_march_by_default(municipality, officer):
    assert methodology.report_due(None, 2024) == date(2025, 3, 31)
    assert methodology.report_due(_adopted(municipality, officer, report_due_month=3, report_due_day=15),
                                  2024) == date(2025, 3, 15)


def test_the_officer_edits_and_adopts_in_the_back_office(client_for, municipality, officer):
    client = client_for("alpha.test", officer)
    assert client.post("/office/methodology/", {"action": "start"}).status_code == 302
    response = client.post("/office/methodology/", {
        "action": "save", "title": "Методология", "body": "## Индикатори", "on_track_from": "0,8",
        "behind_from": "0,5", "report_due_month": 3, "report_due_day": 31, "data_due_days_before": 30})
    assert response.status_code == 302
    assert client.post("/office/methodology/", {"action": "adopt", "decision": "Заповед 7"}).status_code == 302
    current = Methodology.objects.get(status="adopted")
    assert current.on_track_from == Decimal("0.8") and current.decision == "Заповед 7"
    page = client_for("alpha.test").get("/methodology/").content.decode()
    assert "<h2>Индикатори</h2>" in page


def test_bad_methodology_input_gets_a_400(client_for, municipality, officer):
    client = client_for("alpha.test", officer)
    client.post("/office/methodology/", {"action": "start"})
    response = client.post("/office/methodology/", {"action": "save", "title": "", "body": "x",
                                                    "on_track_from": "много", "behind_from": "0,5",
                                                    "report_due_month": 3, "report_due_day": 31,
                                                    "data_due_days_before": 30})
    assert response.status_code == 400
    assert {"title", "on_track_from"} <= set(response.context["form"].errors)
    assert client.post("/office/methodology/", {"action": "nonsense"}).status_code == 400
