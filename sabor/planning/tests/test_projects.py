import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from sabor.accounts import testing
from sabor.core.models import AuditEntry
from sabor.planning.models import Project
from sabor.planning.services import projects
from sabor.planning.testing import make_measure, make_project, raises_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def measure(municipality):
    return make_measure(municipality)


def test_a_project_shows_its_budget_funding_and_status_history(client_for, municipality, measure):
    project = make_project(municipality, measure, status_date=date(2024, 2, 1))
    projects.change_status(actor=None, project=project, status="implementation", on=date(2024, 4, 1))
    response = client_for("alpha.test").get(f"/projects/{project.pk}/")
    assert response.status_code == 200
    assert response.context["project"].budget == Decimal("1050000.50")
    body = response.content.decode()
    assert "1\xa0050\xa0000,5" in body
    assert testing.XSS not in body and escape(testing.XSS) in body
    assert [c.status for c in response.context["project"].status_history.all()] == ["funded", "implementation"]
    assert AuditEntry.objects.filter(action="project.status_changed").count() == 1


def test_the_list_filters_by_status_settlement_priority_and_funding(client_for, municipality, measure):
    here = testing.make_settlement(municipality)
    make_project(municipality, measure, settlement=here)
    make_project(municipality, None, status="idea", funding=[("private", "ПЧП", Decimal(10))])
    client = client_for("alpha.test")

    def count(query):
        response = client.get("/projects/", query)
        assert response.status_code == 200, response.context["form"].messages
        return response.context["page"].paginator.count

    assert count({}) == 2
    assert count({"status": "idea"}) == 1
    assert count({"settlement": here.pk}) == 1
    assert count({"priority": measure.parent.pk}) == 1
    assert count({"funding": "eu"}) == 1
    assert count({"funding": "municipal"}) == 1  # projects with two lines are listed once


@pytest.mark.parametrize("query", ["status=lost", "settlement=abc", "priority=999999", "funding=%00"])
def test_bad_filters_are_reported(client_for, municipality, measure, query):
    make_project(municipality, measure)
    response = client_for("alpha.test").get(f"/projects/?{query}")
    assert response.status_code == 400
    assert response.context["page"].paginator.count == 1


def test_the_list_runs_the_same_queries_for_few_and_many(client_for, municipality, measure):
    client = client_for("alpha.test")
    make_project(municipality, measure)
    with CaptureQueriesContext(connection) as few:
        client.get("/projects/")
    for _ in range(15):
        make_project(municipality, measure)
    with CaptureQueriesContext(connection) as many:
        client.get("/projects/")
    assert len(many) == len(few)


def test_projects_download_as_csv(client_for, municipality, measure):
    make_project(municipality, measure, title="Улици")
    rows = list(csv.reader(io.StringIO(client_for("alpha.test").get("/projects/export.csv")
                                       .content.decode("utf-8-sig"))))
    assert rows[1][0] == "Улици" and rows[1][5] == "1050000.50"


def test_impossible_project_data_is_refused(municipality, measure, other_municipality):
    with raises_code("dates_reversed"):
        make_project(municipality, measure, start_date=date(2025, 1, 1), end_date=date(2024, 1, 1))
    with raises_code("min_value"):
        make_project(municipality, measure, funding=[("eu", "", Decimal("-5"))])
    with raises_code("foreign"):
        make_project(municipality, measure, settlement=testing.make_settlement(other_municipality))
    with raises_code("max_value"):
        make_project(municipality, measure, progress=120)
    assert not Project.objects.exists()
    project = make_project(municipality, measure)
    with raises_code("same_status"):
        projects.change_status(actor=None, project=project, status="funded", on=date(2025, 1, 1))


def test_hidden_projects_are_not_shown(client_for, municipality, measure):
    project = make_project(municipality, measure, is_public=False)
    assert client_for("alpha.test").get(f"/projects/{project.pk}/").status_code == 404
    assert client_for("alpha.test").get("/projects/").context["page"].paginator.count == 0
