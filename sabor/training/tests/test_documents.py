"""The training documents on a server without Pango: the page says what is missing."""

from datetime import date

import pytest

from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.training.models import Certificate
from sabor.training.services import completion
from sabor.training.testing import enrol, make_programme, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def certified(municipality):
    programme = make_programme(municipality, final_test_required=False, min_attendance_percent=0)
    session = make_session(programme)
    trainee = enrol(programme, name="Мария Петрова")
    completion.complete(actor=None, programme=programme, on=date(2014, 6, 30))
    assert Certificate.objects.filter(enrolment=trainee).exists()
    return session, trainee


def _says_pango_is_missing(response) -> None:
    page = response.content.decode()
    assert response.status_code == 503 and response["Content-Type"].startswith("text/html")
    assert "Документът не може да бъде създаден" in page
    assert "Pango" in page and "apt-get install libpango-1.0-0 libpangoft2-1.0-0" in page


def test_without_pango_the_certificate_page_says_what_is_missing(client_for, certified, monkeypatch):
    session, trainee = certified
    testing.without_system_libraries(monkeypatch, "weasyprint")
    staff = testing.make_member(session.programme.municipality, Role.STAFF)
    _says_pango_is_missing(client_for("alpha.test", staff).get(f"/training/enrolments/{trainee.pk}/certificate.pdf"))


def test_without_pango_the_attendance_sheet_says_what_is_missing_in_english_too(
        client_for, certified, monkeypatch):
    session, _trainee = certified
    testing.without_system_libraries(monkeypatch, "weasyprint")
    client = client_for("alpha.test", testing.make_member(session.programme.municipality, Role.STAFF))
    _says_pango_is_missing(client.get(f"/office/training/sessions/{session.pk}/sheet.pdf"))
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(f"/office/training/sessions/{session.pk}/sheet.pdf")
    assert page.status_code == 503 and "the system library Pango is not installed" in page.content.decode()


def test_with_pango_back_the_certificate_is_a_pdf_again(client_for, certified):
    _session, trainee = certified
    staff = testing.make_member(trainee.programme.municipality, Role.STAFF)
    response = client_for("alpha.test", staff).get(f"/training/enrolments/{trainee.pk}/certificate.pdf")
    assert response.status_code == 200 and response.content[:4] == b"%PDF"
