import csv
import io

import pytest
from openpyxl import load_workbook

from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.monitoring.testing import make_indicator, make_plan, verified
from sabor.planning import services as planning

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_with_values(municipality):
    plan = make_plan(municipality)
    goal = planning.add_node(actor=None, plan=plan, parent=None, title="Цел")
    indicator = make_indicator(municipality, goal, code="П2", source="=HYPERLINK(\"http://evil\")")
    clerk, officer = testing.make_member(municipality, Role.STAFF), testing.make_member(municipality, Role.ME_OFFICER)
    verified(indicator, 2023, "10.4", entered_by=clerk, verified_by=officer, source="НСИ")
    return plan


def test_values_download_as_csv_readable_by_spreadsheets(client_for, plan_with_values):
    response = client_for("alpha.test").get("/plans/piro/values.csv")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="piro-values.csv"'
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][:3] == ["П2", rows[1][1], "2023"] and rows[1][6] == "10.4000"
    assert rows[0][4:6] == ["Пол", "Възрастова група"]


def test_indicators_download_as_xlsx_with_formulas_defused(client_for, plan_with_values):
    response = client_for("alpha.test").get("/plans/piro/indicators.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "П2" and rows[1][9] == "2027: 8"
    assert rows[1][10] == "'=HYPERLINK(\"http://evil\")"


@pytest.mark.parametrize("path", ["/plans/piro/secrets.csv", "/plans/piro/values.exe", "/plans/nope/values.csv"])
def test_unknown_exports_are_not_found(client_for, plan_with_values, path):
    assert client_for("alpha.test").get(path).status_code == 404
