from decimal import Decimal

import pytest

from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.planning.models import Plan, PlanNode

pytestmark = pytest.mark.django_db

PLAN = {"slug": "piro", "short_name": "ПИРО 2021–2027", "title": "План за интегрирано развитие",
        "start_year": 2021, "end_year": 2027, "status": "adopted", "is_public": "on"}



@pytest.fixture
def officer(municipality):
    return testing.make_member(municipality, Role.ME_OFFICER)


@pytest.mark.parametrize("changes, field", [({"end_year": 2019}, "end_year"), ({"slug": "не бива"}, "slug"),
                                            ({"start_year": "догодина"}, "start_year")])
def test_bad_plans_are_refused(client_for, municipality, officer, changes, field):
    response = client_for("alpha.test", officer).post("/office/plans/", {**PLAN, **changes})
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Plan.objects.exists()


def test_a_node_of_another_municipalitys_plan_cannot_be_the_parent(client_for, municipality, other_municipality,
                                                                   officer):
    from sabor.planning import services
    from sabor.planning.testing import make_plan

    foreign = services.add_node(actor=None, plan=make_plan(other_municipality), parent=None, title="Чужда")
    client = client_for("alpha.test", officer)
    client.post("/office/plans/", PLAN)
    plan = Plan.objects.get(municipality=municipality)
    response = client.post(f"/office/plans/{plan.pk}/", {"action": "node", "parent": foreign.pk,
                                                         "node-title": "Х", "node-weight": "1"})
    assert response.status_code == 404
    assert not plan.nodes.exists()


def test_the_officer_creates_and_runs_a_project(client_for, municipality, officer):
    from sabor.planning.models import Project

    settlement = testing.make_settlement(municipality)
    client = client_for("alpha.test", officer)
    client.post("/office/plans/", PLAN)
    plan = Plan.objects.get()
    client.post(f"/office/plans/{plan.pk}/", {"action": "node", "node-title": "Мярка", "node-weight": "1"})
    measure = PlanNode.objects.get()
    response = client.post("/office/projects/", {"title": "Нова детска градина", "measure": measure.pk,
                                                 "progress": 0, "spent": "0", "settlements": [settlement.pk],
                                                 "is_public": "on"})
    assert response.status_code == 302
    project = Project.objects.get()
    assert list(project.settlements.all()) == [settlement]
    assert client.post(f"/office/projects/{project.pk}/", {"action": "funding", "funding-source": "eu",
                                                           "funding-programme": "ПРР",
                                                           "funding-amount": "1 250 000,50"}).status_code == 302
    assert project.funding.get().amount == Decimal("1250000.50")
    assert client.post(f"/office/projects/{project.pk}/", {"action": "status", "status-status": "funded",
                                                           "status-on": "2025-05-01"}).status_code == 302
    project.refresh_from_db()
    assert project.status == "funded" and project.status_history.count() == 2


@pytest.mark.parametrize("data, field", [
    ({"progress": 150}, "progress"), ({"spent": "-5"}, "spent"),
    ({"start_date": "2025-05-01", "end_date": "2024-01-01"}, "end_date"), ({"title": ""}, "title")])
def test_bad_projects_are_refused(client_for, municipality, officer, data, field):
    from sabor.planning.models import Project

    response = client_for("alpha.test", officer).post("/office/projects/", {
        "title": "Проект", "progress": 0, "spent": "0", **data})
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Project.objects.exists()


def test_milestones_are_added_and_completed(client_for, municipality, officer):
    from sabor.planning.services import projects as project_services

    project = project_services.create_project(actor=None, municipality=municipality, title="Проект")
    client = client_for("alpha.test", officer)
    assert client.post(f"/office/projects/{project.pk}/", {"action": "milestone", "milestone-title": "Проектиране",
                                                           "milestone-due": "2025-06-30"}).status_code == 302
    milestone = project.milestones.get()
    assert client.post(f"/office/projects/{project.pk}/", {"action": "milestone", "milestone-title": "",
                                                           "milestone-due": "30.06"}).status_code == 400
    assert client.post(f"/office/projects/{project.pk}/", {"action": "milestone_done",
                                                           "milestone": milestone.pk}).status_code == 302
    milestone.refresh_from_db()
    assert milestone.done_on is not None
    assert "Проектиране" in client_for("alpha.test").get(f"/projects/{project.pk}/").content.decode()
