"""Attendance, tests, the completion rule, certificates and their verification."""

import io
import re
from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from openpyxl import load_workbook
from pypdf import PdfReader

from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.accounts.roles import roles_of
from sabor.accounts.testing import XSS
from sabor.training.models import Certificate, Enrolment
from sabor.training.selectors import trainee_progress
from sabor.training.services import assessments, attendance, completion, enrolments, programmes
from sabor.training.testing import answers, enrol, make_programme, make_session, make_test

ESCAPED = "&lt;script&gt;"  # XSS as the page shows it: escaped, not dropped

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(municipality):
    """Five sessions of 4 hours (20 in all), a final test of 5 questions, pass mark 60%."""
    programme = make_programme(municipality, offers_role=Role.CIVIC_MONITOR, signatory_name="Иван Иванов",
                               signatory_position="Кмет на общината")
    sessions = [make_session(programme, hours=4, day=day) for day in range(5)]
    return programme, sessions, make_test(programme, "post", questions=5)


def _attend(sessions, *enrolled):
    for session in sessions:
        attendance.record_attendance(actor=None, session=session, present={e.pk for e in enrolled})


def test_the_rule_needs_enough_hours_and_a_passed_final_test(course):
    programme, sessions, test = course
    full, short, failed, untested = (enrol(programme, name=name) for name in ("А", "Б", "В", "Г"))
    _attend(sessions[:4], full, short, failed, untested)  # 16 of 20 hours = 80%
    attendance.record_attendance(actor=None, session=sessions[4], present={full.pk, failed.pk, untested.pk})
    attendance.record_attendance(actor=None, session=sessions[3], present={full.pk, failed.pk, untested.pk})
    assessments.hand_in(actor=None, enrolment=full, assessment=test, answers=answers(test, 3), on_paper=True)
    assessments.hand_in(actor=None, enrolment=short, assessment=test, answers=answers(test, 5), on_paper=True)
    assessments.hand_in(actor=None, enrolment=failed, assessment=test, answers=answers(test, 2), on_paper=True)
    rows = {row.enrolment.name: row for row in trainee_progress(programme)}
    assert rows["А"].hours_attended == 20 and rows["А"].attendance_percent == 100 and rows["А"].meets_rule
    assert rows["Б"].attendance_percent == 60 and not rows["Б"].attendance_met  # 12 of 20 hours
    assert rows["В"].attendance_met and not rows["В"].test_met  # 2 of 5 = 40% < 60%
    assert rows["Г"].attendance_met and not rows["Г"].test_met  # no final test
    completed = completion.complete(actor=None, programme=programme, on=date(2014, 6, 30))
    assert [e.name for e in completed] == ["А"]
    assert Certificate.objects.get().enrolment == full


def test_exactly_the_threshold_of_hours_completes(course):
    programme, sessions, test = course
    trainee = enrol(programme)
    _attend(sessions[:4], trainee)  # 16 of 20 = exactly 80%
    assessments.hand_in(actor=None, enrolment=trainee, assessment=test, answers=answers(test, 3), on_paper=True)
    assert [e.pk for e in completion.complete(actor=None, programme=programme)] == [trainee.pk]


def test_without_a_required_test_attendance_alone_completes(municipality):
    programme = make_programme(municipality, final_test_required=False, min_attendance_percent=50)
    sessions = [make_session(programme, day=day) for day in range(2)]
    trainee = enrol(programme)
    _attend(sessions[:1], trainee)
    assert len(completion.complete(actor=None, programme=programme)) == 1


def test_attendance_only_of_enrolled_people(course, municipality):
    programme, sessions, _test = course
    other = enrol(make_programme(municipality))
    with pytest.raises(ValidationError) as error:
        attendance.record_attendance(actor=None, session=sessions[0], present={other.pk})
    assert error.value.code == "not_enrolled"
    assert not sessions[0].attendance.exists()


def test_staff_record_attendance_on_the_session_page(client_for, staff, course):
    programme, sessions, _test = course
    trainees = [enrol(programme, name=f"Човек {n}") for n in range(3)]
    client = client_for("alpha.test", staff)
    response = client.post(f"/office/training/sessions/{sessions[0].pk}/", {
        "action": "attendance", "present": [trainees[0].pk, trainees[2].pk]})
    assert response.status_code == 302
    assert set(sessions[0].attendance.values_list("enrolment_id", flat=True)) == {trainees[0].pk, trainees[2].pk}
    bad = client.post(f"/office/training/sessions/{sessions[0].pk}/", {"action": "attendance", "present": ["x"]})
    assert bad.status_code == 400
    assert sessions[0].attendance.count() == 2


def test_completion_issues_certificates_emails_the_trainee_and_offers_the_role(
        client_for, staff, course, municipality, django_capture_on_commit_callbacks):
    programme, sessions, test = course
    person = testing.make_member(municipality, Role.RESIDENT)
    trainee = enrol(programme, user=person, group="civil_society")
    _attend(sessions, trainee)
    assessments.hand_in(actor=None, enrolment=trainee, assessment=test, answers=answers(test, 5), on_paper=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("alpha.test", staff).post(f"/office/training/{programme.pk}/trainees/",
                                                        {"action": "complete"})
    assert response.status_code == 302
    trainee.refresh_from_db()
    certificate = trainee.certificate
    assert trainee.status == "completed" and trainee.role_offer == "offered"
    assert re.fullmatch(r"[A-Z0-9]{3}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}", certificate.code)
    assert certificate.hours == 20 and certificate.holder_name == person.public_name
    assert len(mail.outbox) == 1 and certificate.code in mail.outbox[0].body
    assert "граждански наблюдател" in mail.outbox[0].body
    # Running it again completes nobody twice.
    assert completion.complete(actor=None, programme=programme) == []

    client = client_for("alpha.test", person)
    mine = client.get("/training/mine/").content.decode()
    assert certificate.code in mine and "Станете граждански наблюдател" in mine
    assert Role.CIVIC_MONITOR not in roles_of(person, municipality)
    assert client.post(f"/training/enrolments/{trainee.pk}/role/", {"answer": "accept"}).status_code == 302
    person.__dict__.pop("_sabor_roles", None)
    assert Role.CIVIC_MONITOR in roles_of(person, municipality)
    assert client.post(f"/training/enrolments/{trainee.pk}/role/", {"answer": "accept"}).status_code == 400


def test_the_certificate_pdf_is_in_bulgarian_with_its_code(client_for, course):
    programme, sessions, test = course
    trainee = enrol(programme, name=f"Мария Петрова {XSS}")
    _attend(sessions, trainee)
    assessments.hand_in(actor=None, enrolment=trainee, assessment=test, answers=answers(test, 4), on_paper=True)
    completion.complete(actor=None, programme=programme, on=date(2014, 6, 30))
    code = Certificate.objects.get().code
    staff = testing.make_member(programme.municipality, Role.STAFF)
    response = client_for("alpha.test", staff).get(f"/training/enrolments/{trainee.pk}/certificate.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "СЕРТИФИКАТ" in text and "Мария Петрова" in text and code in text and "30.06.2014" in text
    assert "Кмет на общината" in text
    # Nobody but its holder and the staff can download it.
    stranger = testing.make_member(programme.municipality, Role.RESIDENT)
    assert client_for("alpha.test", stranger).get(
        f"/training/enrolments/{trainee.pk}/certificate.pdf").status_code == 404


def test_the_certificate_is_a_tagged_pdf_in_the_language_it_is_written_in(client_for, course):
    programme, sessions, test = course
    trainee = enrol(programme, name="Мария Петрова")
    _attend(sessions, trainee)
    assessments.hand_in(actor=None, enrolment=trainee, assessment=test, answers=answers(test, 4), on_paper=True)
    completion.complete(actor=None, programme=programme, on=date(2014, 6, 30))
    code = Certificate.objects.get().code
    client = client_for("alpha.test", testing.make_member(programme.municipality, Role.STAFF))
    for language, title in (("bg", "Сертификат"), ("en", "Certificate")):
        client.post("/i18n/setlang/", {"language": language, "next": "/"})
        pdf = PdfReader(io.BytesIO(client.get(f"/training/enrolments/{trainee.pk}/certificate.pdf").content))
        catalogue = pdf.trailer["/Root"]
        assert "/StructTreeRoot" in catalogue and bool(catalogue["/MarkInfo"]["/Marked"])
        assert catalogue["/Lang"] == language and pdf.metadata.title == f"{title} {code}"
        assert bool(catalogue["/ViewerPreferences"]["/DisplayDocTitle"])


def test_verification_shows_what_the_certificate_shows_and_nothing_more(client_for, course, municipality):
    programme, sessions, test = course
    person = testing.make_member(municipality, Role.RESIDENT)
    trainee = enrol(programme, user=person, name="Мария Петрова", email="maria@example.org",
                    position="Секретар", organisation_name="Читалище „Надежда“")
    _attend(sessions, trainee)
    assessments.hand_in(actor=None, enrolment=trainee, assessment=test, answers=answers(test, 4), on_paper=True)
    completion.complete(actor=None, programme=programme, on=date(2014, 6, 30))
    certificate = Certificate.objects.get()
    anon = client_for("alpha.test")
    response = anon.get("/certificates/", {"code": certificate.code.lower()})
    page = response.content.decode()
    assert response.status_code == 200 and "Сертификатът е истински" in page
    assert "Мария Петрова" in page and "30.06.2014" in page and certificate.code in page
    for private in ("maria@example.org", person.email, "Секретар", "Надежда", "80%", "4 / 5"):
        assert private not in page
    assert XSS not in page and ESCAPED in page


def test_an_unknown_code_is_plainly_not_found(client_for, municipality):
    anon = client_for("alpha.test")
    response = anon.get("/certificates/", {"code": "ALP-AAAA-BBBB"})
    assert response.status_code == 404 and "Не е намерен" in response.content.decode()
    assert anon.get("/certificates/", {"code": "x"}).status_code == 400
    assert anon.get("/certificates/").status_code == 200


def test_a_code_of_another_municipality_is_not_found_here(client_for, municipality, other_municipality):
    programme = make_programme(other_municipality, final_test_required=False, min_attendance_percent=0)
    make_session(programme)
    enrol(programme)
    completion.complete(actor=None, programme=programme)
    code = Certificate.objects.get().code
    assert client_for("alpha.test").get("/certificates/", {"code": code}).status_code == 404
    assert client_for("beta.test").get("/certificates/", {"code": code}).status_code == 200


def test_attendance_sheet_and_participant_list(client_for, staff, course):
    programme, sessions, _test = course
    enrol(programme, name="Петър Петров", organisation_name="Община Лясковец", position="Експерт")
    enrol(programme, name="=HYPERLINK(\"x\")", group="council")
    client = client_for("alpha.test", staff)
    sheet = client.get(f"/office/training/sessions/{sessions[0].pk}/sheet.pdf")
    assert sheet.status_code == 200
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(sheet.content)).pages)
    assert "ПРИСЪСТВЕН СПИСЪК" in text and "Петър Петров" in text and "Подпис" in text
    xlsx = client.get(f"/office/training/{programme.pk}/participants.xlsx")
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.values)
    assert rows[0][0] == "Име" and {row[0] for row in rows[1:]} == {"Петър Петров", "'=HYPERLINK(\"x\")"}
    assert client.get(f"/office/training/{programme.pk}/participants.pdf").status_code == 404


def test_enrolment_status_changes_follow_their_rules(course):
    programme, _sessions, _test = course
    trainee = enrol(programme)
    with pytest.raises(ValidationError) as error:
        enrolments.set_status(actor=None, enrolment=trainee, status=Enrolment.Status.DECLINED)
    assert error.value.code == "wrong_status"
    enrolments.set_status(actor=None, enrolment=trainee, status=Enrolment.Status.WITHDRAWN)
    enrolments.set_status(actor=None, enrolment=trainee, status=Enrolment.Status.ENROLLED)
    trainee.refresh_from_db()
    assert trainee.status == "enrolled"


def test_the_session_page_warns_when_more_people_take_part_than_the_room_seats(client_for, staff, municipality):
    programme = make_programme(municipality)
    session = make_session(programme)
    programmes.update_session(actor=None, session=session, capacity=1, starts_at=session.starts_at,
                              ends_at=session.ends_at, hours=session.hours, place=session.place)
    enrol(programme, name="Първи")
    client = client_for("alpha.test", staff)
    assert "Участниците са повече" not in client.get(f"/office/training/sessions/{session.pk}/").content.decode()
    enrol(programme, name="Втори")
    page = client.get(f"/office/training/sessions/{session.pk}/").content.decode()
    assert "Места в залата: 1; участници: 2." in page and "Участниците са повече от местата" in page
