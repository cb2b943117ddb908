"""Control characters pasted into a name or a source (an escape from a terminal, a NUL
from a broken import) reach every export: the download still works for everyone, the
characters are gone, and a formula hidden behind one is still defused."""

import csv
import io

import pytest
from django.db import connection
from docx import Document
from openpyxl import load_workbook

from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.core.exports import printable
from sabor.monitoring.annual_report import generate_annual_report
from sabor.monitoring.services import reports
from sabor.monitoring.testing import make_indicator, make_plan, verified
from sabor.planning import services as planning
from sabor.planning.services import projects
from sabor.training.testing import enrol, make_programme, make_session

pytestmark = pytest.mark.django_db

# PostgreSQL cannot store NUL in text at all (it refuses it), SQLite keeps it.
NUL = "\x00" if connection.vendor == "sqlite" else ""
DIRTY = f"\x1b[31mБезработица\x01 в{NUL} града\x07\x0b"
CLEAN = "[31mБезработица в града"


def test_printable_drops_what_xml_forbids_and_keeps_line_breaks():
    assert printable(DIRTY) == CLEAN == printable("\x00\x1b[31mБезработица\x01 в\x00 града\x07")
    assert printable("ред\tедно\nред\r\nдве") == "ред\tедно\nред\r\nдве"


@pytest.fixture
def dirty_plan(municipality):
    plan = make_plan(municipality, title=f"План {DIRTY}")
    goal = planning.add_node(actor=None, plan=plan, parent=None, title=f"Цел {DIRTY}")
    indicator = make_indicator(municipality, goal, code="П2", name=DIRTY, unit="%\x1b", source="\x01=cmd|' /C calc'!A0")
    clerk, officer = testing.make_member(municipality, Role.STAFF), testing.make_member(municipality, Role.ME_OFFICER)
    verified(indicator, 2023, "10.4", entered_by=clerk, verified_by=officer, source=f"НСИ {DIRTY}")
    projects.create_project(actor=None, municipality=municipality, title=f"Проект {DIRTY}", is_public=True)
    return plan


def _xlsx_rows(response) -> list:
    assert response.status_code == 200
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def test_plan_values_and_indicators_download_with_control_characters_removed(client_for, dirty_plan):
    client = client_for("alpha.test")
    values = _xlsx_rows(client.get("/plans/piro/values.xlsx"))
    assert values[1][1] == CLEAN and values[1][9] == f"НСИ {CLEAN}"
    indicators = _xlsx_rows(client.get("/plans/piro/indicators.xlsx"))
    # The SOH in front of it must not let the formula through once it is dropped.
    assert indicators[1][1] == CLEAN and indicators[1][3] == "%" and indicators[1][10] == "'=cmd|' /C calc'!A0"
    response = client.get("/plans/piro/values.csv")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert "\x1b" not in text and "\x00" not in text and "\x01" not in text
    assert list(csv.reader(io.StringIO(text)))[1][1] == CLEAN


def test_the_project_list_downloads_with_control_characters_removed(client_for, dirty_plan):
    rows = _xlsx_rows(client_for("alpha.test").get("/projects/export.xlsx"))
    assert rows[1][0] == f"Проект {CLEAN}"


def test_the_participant_list_downloads_with_control_characters_removed(client_for, municipality):
    programme = make_programme(municipality)
    session = make_session(programme)
    enrol(programme, name=f"Мария {DIRTY}", position="\x1b=1+1", email="maria@example.org")
    client = client_for("alpha.test", testing.make_member(municipality, Role.STAFF))
    rows = _xlsx_rows(client.get(f"/office/training/{programme.pk}/participants.xlsx"))
    assert rows[1][0] == f"Мария {CLEAN}" and rows[1][3] == "'=1+1"
    assert client.get(f"/office/training/{programme.pk}/participants.csv").status_code == 200
    assert client.get(f"/office/training/sessions/{session.pk}/sheet.pdf").content[:4] == b"%PDF"


def test_the_annual_report_is_generated_with_control_characters_in_its_text(dirty_plan, municipality):
    report = reports.create_report(actor=None, plan=dirty_plan, year=2023)
    reports.update_narrative(actor=None, report=report, general_conditions=f"Условия {DIRTY}",
                             actions_taken="", monitoring_arrangements="", conclusions=DIRTY)
    generate_annual_report.call(report.pk)
    report.refresh_from_db()
    assert report.status == "ready", report.error
    docx = Document(io.BytesIO(report.docx.read()))
    text = "\n".join(paragraph.text for paragraph in docx.paragraphs)
    cells = " ".join(cell.text for table in docx.tables for row in table.rows for cell in row.cells)
    assert f"Условия {CLEAN}" in text and f"Цел {CLEAN}" in text and CLEAN in cells
    assert report.pdf.read()[:4] == b"%PDF"
