import io
from datetime import date

import pytest
from docx import Document
from pypdf import PdfReader

from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.monitoring.models import AnnualReport
from sabor.monitoring.services import reports
from sabor.monitoring.testing import make_indicator, make_plan, raises_code, verified
from sabor.planning import services as planning

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(municipality):
    return testing.make_member(municipality, Role.ME_OFFICER)


@pytest.fixture
def plan(municipality, officer):
    plan = make_plan(municipality)
    goal = planning.add_node(actor=None, plan=plan, parent=None, title="Растеж и заетост")
    indicator = make_indicator(municipality, goal, code="П2", name="Равнище на безработица")
    clerk = testing.make_member(municipality, Role.STAFF)
    for year, value in ((2021, "11.6"), (2022, "11"), (2023, "10.4")):
        verified(indicator, year, value, entered_by=clerk, verified_by=officer)
    return plan


def test_the_officer_writes_generates_and_records_approval(client_for, plan, officer,
                                                           django_capture_on_commit_callbacks):
    client = client_for("alpha.test", officer)
    response = client.post("/office/reports/", {"plan": plan.pk, "year": 2023})
    assert response.status_code == 302
    report = AnnualReport.objects.get()
    assert client.post(f"/office/reports/{report.pk}/", {
        "action": "narrative", "general_conditions": "Икономиката се възстановява.", "actions_taken": "",
        "monitoring_arrangements": "Годишен цикъл.", "conclusions": "Планът изостава."}).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/office/reports/{report.pk}/", {"action": "generate"}).status_code == 302
    report.refresh_from_db()
    assert (report.status, report.progress) == ("ready", 100), report.error
    status = client.get(f"/office/reports/{report.pk}/status/").json()
    assert status == {"status": "ready", "label": report.get_status_display(), "progress": 100}

    docx = Document(io.BytesIO(report.docx.read()))
    text = "\n".join(paragraph.text for paragraph in docx.paragraphs)
    assert "Годишен доклад за изпълнението на ПИРО 2021–2027 през 2023 г." in text
    assert "Икономиката се възстановява." in text and "Планът изостава." in text
    assert len(docx.inline_shapes) == 1  # the indicator's chart
    table_text = " ".join(cell.text for table in docx.tables for row in table.rows for cell in row.cells)
    assert "Равнище на безработица" in table_text and "10,4" in table_text

    pdf = PdfReader(io.BytesIO(report.pdf.read()))
    pdf_text = " ".join(page.extract_text() for page in pdf.pages)
    assert "Годишен доклад" in pdf_text and "Растеж и заетост" in pdf_text

    assert client.post(f"/office/reports/{report.pk}/", {"action": "submit"}).status_code == 302
    response = client.post(f"/office/reports/{report.pk}/", {"action": "approval", "number": "245",
                                                             "on": "2024-03-28"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.is_approved and report.council_decision_date == date(2024, 3, 28)
    assert client.post(f"/office/reports/{report.pk}/", {"action": "publish"}).status_code == 302
    public = client_for("alpha.test").get("/reports/").content.decode()
    assert f"/reports/{report.pk}/report.pdf" in public and "245" in public
    download = client_for("alpha.test").get(f"/reports/{report.pk}/report.docx")
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content)[:2] == b"PK"
    assert client_for("alpha.test").get(f"/reports/{report.pk}/report.exe").status_code == 404


def test_a_year_outside_the_plan_or_twice_is_refused(client_for, plan, officer):
    client = client_for("alpha.test", officer)
    assert client.post("/office/reports/", {"plan": plan.pk, "year": 2035}).status_code == 400
    assert client.post("/office/reports/", {"plan": plan.pk, "year": "две"}).status_code == 400
    reports.create_report(actor=officer, plan=plan, year=2024)
    assert client.post("/office/reports/", {"plan": plan.pk, "year": 2024}).status_code == 400
    assert AnnualReport.objects.count() == 1


def test_approval_needs_a_generated_report_submitted_to_the_council(plan, officer):
    report = reports.create_report(actor=officer, plan=plan, year=2023)
    with raises_code("wrong_stage"):
        reports.record_approval(actor=officer, report=report, number="1", on=date(2024, 3, 1))
    with raises_code("not_ready"):
        reports.submit_to_council(actor=officer, report=report)


def test_drafts_are_not_public(client_for, plan, officer):
    draft = reports.create_report(actor=officer, plan=plan, year=2023)
    assert client_for("alpha.test").get(f"/reports/{draft.pk}/report.pdf").status_code == 404
    assert "2023" not in client_for("alpha.test").get("/reports/").content.decode().split("<main")[1]


def test_a_failed_generation_is_shown_not_lost(plan, officer, monkeypatch, django_capture_on_commit_callbacks):
    from sabor.monitoring import annual_report

    def broken(html, images):
        raise RuntimeError("no fonts")

    # The PDF is laid out in a forked process; its failure must reach the page all the same.
    monkeypatch.setattr(annual_report, "_lay_out_pdf", broken)
    report = reports.create_report(actor=officer, plan=plan, year=2023)
    with django_capture_on_commit_callbacks(execute=True):
        reports.request_generation(actor=officer, report=report)
    report.refresh_from_db()
    assert report.status == "failed" and "no fonts" in report.error


def test_each_chart_is_drawn_once_and_placed_under_its_table_in_both_documents(
        plan, officer, monkeypatch, django_capture_on_commit_callbacks):
    from sabor.monitoring import annual_report

    drawn = []
    real = annual_report.chart_image
    monkeypatch.setattr(annual_report, "chart_image", lambda chart: drawn.append(chart) or real(chart))
    goal = planning.add_node(actor=None, plan=plan, parent=None, title="Образование")
    indicator = make_indicator(plan.municipality, goal, code="О1", name="Деца в детските градини")
    clerk = testing.make_member(plan.municipality, Role.STAFF)
    for year, value in ((2021, "11"), (2022, "10")):
        verified(indicator, year, value, entered_by=clerk, verified_by=officer)
    report = reports.create_report(actor=officer, plan=plan, year=2023)
    with django_capture_on_commit_callbacks(execute=True):
        reports.request_generation(actor=officer, report=report)
    report.refresh_from_db()
    assert report.status == "ready", report.error
    assert len(drawn) == 2

    docx = Document(io.BytesIO(report.docx.read()))
    images = [shape._inline.graphic.graphicData.pic.blipFill.blip.embed for shape in docx.inline_shapes]
    assert len(images) == 2 and len(set(images)) == 2
    parts = [docx.part.related_parts[rel_id] for rel_id in images]
    assert {part.content_type for part in parts} == {"image/jpeg"} and parts[0].blob != parts[1].blob
    shape_ids = [shape._inline.docPr.id for shape in docx.inline_shapes]
    assert len(set(shape_ids)) == 2
    # Each chart follows its own goal's heading: П2 under the first goal, О1 under the second.
    body = [p.text for p in docx.paragraphs]
    first, second = (next(i for i, text in enumerate(body) if title in text)
                     for title in ("Растеж и заетост", "Образование"))
    captions = [i for i, text in enumerate(body) if text.startswith("Фигура:")]
    assert first < captions[0] < second < captions[1] and "П2" in body[captions[0]] and "О1" in body[captions[1]]

    pdf = PdfReader(io.BytesIO(report.pdf.read()))
    # WeasyPrint lists the document's images in every page's resources: count them once.
    assert len({image.data for page in pdf.pages for image in page.images}) == 2
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert text.index("Растеж и заетост") < text.index("П2 Равнище на безработица (%)") < text.index("Образование")


def test_the_pdf_fetches_nothing_linked_from_the_narrative(monkeypatch):
    from weasyprint.urls import URLFetcher

    from sabor.monitoring import annual_report

    fetched = []
    monkeypatch.setattr(URLFetcher, "fetch", lambda self, url, headers=None: fetched.append(url))
    html = '<html><body><p>Текст</p><img src="http://192.0.2.1/tracker.png" alt=""></body></html>'
    pdf = annual_report._lay_out_pdf(html, {})
    assert pdf.startswith(b"%PDF") and fetched == []


def _pdf_catalogue(reader: PdfReader) -> dict:
    return reader.trailer["/Root"]


def test_the_pdf_is_tagged_in_bulgarian_with_its_title_and_no_table_row_is_cut_by_a_page(
        plan, officer, django_capture_on_commit_callbacks):
    from sabor.planning.services import projects

    measure = plan.nodes.get(title="Растеж и заетост")
    # Rows of several lines each, enough of them to run over some pages.
    filler = "ремонт на улици, тротоари и осветление в населените места на общината " * 3
    for number in range(1, 41):
        projects.create_project(actor=None, municipality=plan.municipality, measure=measure,
                                title=f"Начало{number} {filler} Край{number}")
    report = reports.create_report(actor=officer, plan=plan, year=2023)
    with django_capture_on_commit_callbacks(execute=True):
        reports.request_generation(actor=officer, report=report)
    report.refresh_from_db()
    assert report.status == "ready", report.error

    pdf = PdfReader(io.BytesIO(report.pdf.read()))
    catalogue = _pdf_catalogue(pdf)
    assert "/StructTreeRoot" in catalogue and bool(catalogue["/MarkInfo"]["/Marked"])
    assert catalogue["/Lang"] == "bg" and bool(catalogue["/ViewerPreferences"]["/DisplayDocTitle"])
    assert pdf.metadata.title == "Годишен доклад за изпълнението на ПИРО 2021–2027 през 2023 г."
    pages = [page.extract_text().replace("\n", " ") for page in pdf.pages]
    table_pages = set()
    for number in range(1, 41):
        first = next(i for i, text in enumerate(pages) if f"Начало{number} " in text)
        assert f"Край{number}" in pages[first], f"the row of project {number} is split across pages"
        table_pages.add(first)
    assert len(table_pages) > 1
    # The header row is repeated on every page the table runs on.
    assert all("Изразходвани, лв." in pages[i] for i in table_pages)


@pytest.mark.parametrize(("package", "library", "debian"), [("cairocffi", "Cairo", "libcairo2"),
                                                              ("weasyprint", "Pango", "libpango-1.0-0")])
def test_without_cairo_or_pango_the_report_page_says_which_library_is_missing(
        client_for, plan, officer, monkeypatch, django_capture_on_commit_callbacks, package, library, debian):
    testing.without_system_libraries(monkeypatch, package)
    client = client_for("alpha.test", officer)
    report = reports.create_report(actor=officer, plan=plan, year=2023)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/office/reports/{report.pk}/", {"action": "generate"}).status_code == 302
    report.refresh_from_db()
    assert report.status == "failed" and not report.pdf and not report.docx
    page = client.get(f"/office/reports/{report.pk}/").content.decode()
    assert f"системната библиотека {library} не е инсталирана" in page and f"apt-get install {debian}" in page
