"""A project's own indicators, on its page (a section monitoring adds to planning's page)."""

from decimal import Decimal

import pytest

from sabor.accounts import testing
from sabor.planning.services import projects
from sabor.planning.testing import make_measure, make_project, raises_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def measure(municipality):
    return make_measure(municipality)


def test_a_projects_own_indicators_show_on_its_page(client_for, municipality, measure):
    from sabor.accounts.models import Role
    from sabor.monitoring.testing import make_indicator, verified

    project = make_project(municipality, measure)
    indicator = make_indicator(municipality, None, code="ПР1", project=project, name="Обучени служители",
                               direction="increase", baseline_value=Decimal(0), targets={2025: 20})
    verified(indicator, 2025, 10, entered_by=testing.make_member(municipality, Role.STAFF),
             verified_by=testing.make_member(municipality, Role.ME_OFFICER))
    response = client_for("alpha.test").get(f"/projects/{project.pk}/")
    assert [r.progress for r in response.context["indicators"]] == [Decimal("0.5")]
    assert "Обучени служители" in response.content.decode()


def test_an_indicator_cannot_belong_to_another_municipalitys_project(municipality, other_municipality):
    from sabor.monitoring.testing import make_indicator

    foreign = projects.create_project(actor=None, municipality=other_municipality, title="Чужд")
    with raises_code("foreign_project"):
        make_indicator(municipality, None, project=foreign)
