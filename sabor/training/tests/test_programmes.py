"""Running a programme from the back office: its plan, curriculum, targets,
materials and sessions, with bad input refused and nothing lost."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.accounts.testing import XSS
from sabor.core import testfiles
from sabor.core.models import AuditEntry
from sabor.training.models import Material, Programme, Session
from sabor.training.services import programmes
from sabor.training.testing import enrol, make_programme, make_session

ESCAPED = "&lt;script&gt;"  # XSS as the page shows it: escaped, not dropped

pytestmark = pytest.mark.django_db


def test_staff_create_a_programme_in_the_back_office(client_for, staff, municipality):
    response = client_for("alpha.test", staff).post("/office/training/", {
        "title": "Прилагане на методологията", "status": "draft", "min_attendance_percent": 80,
        "pass_mark_percent": 60, "final_test_required": "on"})
    programme = Programme.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/office/training/{programme.pk}/"
    assert programme.municipality == municipality and programme.final_test_required
    assert AuditEntry.objects.filter(action="training.programme_created", actor=staff).exists()


def test_a_programme_without_a_title_is_refused_with_a_message(client_for, staff):
    response = client_for("alpha.test", staff).post("/office/training/", {"title": "", "status": "draft",
                                                                          "min_attendance_percent": 180})
    assert response.status_code == 400
    assert Programme.objects.count() == 0
    assert "Това поле е задължително." in response.content.decode()


def test_curriculum_targets_and_sessions_are_added_from_the_programme_page(client_for, staff, municipality):
    programme = make_programme(municipality)
    client = client_for("alpha.test", staff)
    url = f"/office/training/{programme.pk}/"
    assert client.post(url, {"action": "module", "module-title": "Индикатори", "module-hours": "6,5"}
                       ).status_code == 302
    assert client.post(url, {"action": "targets", "targets-administration": "10", "targets-council": "3",
                             "targets-civil_society": "5"}).status_code == 302
    module = programme.modules.get()
    response = client.post(url, {"action": "session", "session-starts_at": "2014-04-07T09:00",
                                 "session-ends_at": "2014-04-07T15:00", "session-hours": "6",
                                 "session-place": "Лясковец, зала 1", "session-modules": [module.pk]})
    assert response.status_code == 302
    assert str(module.hours) == "6.5"
    assert {t.stakeholder_group: t.target for t in programme.targets.all()} == {
        "administration": 10, "council": 3, "civil_society": 5}
    session = Session.objects.get()
    assert list(session.modules.all()) == [module]
    page = client.get(url).content.decode()
    assert XSS not in page and ESCAPED in page and "Индикатори" in page


def test_a_target_cleared_is_removed(municipality):
    programme = make_programme(municipality)
    programmes.set_target(actor=None, programme=programme, stakeholder_group="council", target=3)
    programmes.set_target(actor=None, programme=programme, stakeholder_group="council", target=None)
    assert not programme.targets.exists()


def test_a_session_that_ends_before_it_starts_is_refused(client_for, staff, municipality):
    programme = make_programme(municipality)
    response = client_for("alpha.test", staff).post(f"/office/training/{programme.pk}/", {
        "action": "session", "session-starts_at": "2014-04-07T15:00", "session-ends_at": "2014-04-07T09:00",
        "session-hours": "6", "session-place": "Зала"})
    assert response.status_code == 400
    assert "Занятието трябва да завършва след началото си." in response.content.decode()
    assert not Session.objects.exists()


def test_an_impossible_date_is_refused(client_for, staff, municipality):
    programme = make_programme(municipality)
    response = client_for("alpha.test", staff).post(f"/office/training/{programme.pk}/", {
        "action": "session", "session-starts_at": "2014-02-30T09:00", "session-ends_at": "2014-02-30T12:00",
        "session-hours": "3", "session-place": "Зала"})
    assert response.status_code == 400 and not Session.objects.exists()


def test_a_session_needs_a_place_or_a_link(municipality):
    programme = make_programme(municipality)
    with pytest.raises(ValidationError) as error:
        programmes.add_session(actor=None, programme=programme, starts_at="2014-04-08T09:00+03:00",
                               ends_at="2014-04-08T12:00+03:00", hours=3)
    assert "place" in error.value.message_dict
    assert [e.code for e in error.value.error_dict["place"]] == ["no_place"]
    assert not Session.objects.exists()


def test_materials_of_the_wrong_type_or_too_large_are_refused(client_for, staff, municipality, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    programme = make_programme(municipality)
    client = client_for("alpha.test", staff)
    url = f"/office/training/{programme.pk}/"
    wrong = client.post(url, {"action": "material", "material-title": "Скрипт",
                              "material-file": SimpleUploadedFile("x.exe", b"MZ...")})
    assert wrong.status_code == 400 and "exe" in wrong.content.decode()
    big = SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * (20 * 1024 * 1024 + 1), content_type="application/pdf")
    too_large = client.post(url, {"action": "material", "material-title": "Голям", "material-file": big})
    assert too_large.status_code == 400 and "20 MB" in too_large.content.decode()
    ok = client.post(url, {"action": "material", "material-title": "Наръчник",
                           "material-file": testfiles.upload("guide.pdf")})
    assert ok.status_code == 302
    assert list(Material.objects.values_list("title", flat=True)) == ["Наръчник"]


def test_a_module_of_another_programme_cannot_be_put_in_a_session(municipality):
    programme, other = make_programme(municipality), make_programme(municipality)
    foreign = programmes.add_module(actor=None, programme=other, title="Чужд", hours=2)
    with pytest.raises(ValidationError, match="foreign_module|модули") as error:
        programmes.add_session(actor=None, programme=programme, modules=[foreign],
                               starts_at="2014-04-08T09:00+03:00", ends_at="2014-04-08T12:00+03:00", hours=3,
                               place="Зала")
    assert [e.code for e in error.value.error_dict["modules"]] == ["foreign_module"]


def test_drafts_are_not_public_and_published_programmes_are(client_for, municipality):
    draft = make_programme(municipality, status="draft", title="Чернова")
    open_programme = make_programme(municipality)
    enrol(open_programme)
    anon = client_for("alpha.test")
    listing = anon.get("/training/").content.decode()
    assert "Чернова" not in listing and "Мониторинг и оценка" in listing and XSS not in listing and ESCAPED in listing
    assert anon.get(f"/training/{draft.pk}/").status_code == 404
    assert anon.get(f"/training/{open_programme.pk}/").status_code == 200


def test_the_programme_list_runs_the_same_queries_for_many_programmes(client_for, municipality):
    for _n in range(2):
        enrol(make_programme(municipality))
    client = client_for("alpha.test")
    with CaptureQueriesContext(connection) as few:
        client.get("/training/")
    for _n in range(20):
        enrol(make_programme(municipality))
    with CaptureQueriesContext(connection) as many:
        client.get("/training/")
    assert len(many) == len(few)


def test_the_programme_pages_of_the_back_office_follow_the_permission(client_for, municipality):
    programme = make_programme(municipality)
    session = make_session(programme)
    pages = [f"/office/training/{programme.pk}/", f"/office/training/{programme.pk}/trainees/",
             f"/office/training/{programme.pk}/tests/pre/", f"/office/training/{programme.pk}/participants.xlsx",
             f"/office/training/sessions/{session.pk}/", f"/office/training/sessions/{session.pk}/sheet.pdf"]
    allowed = {Role.STAFF, Role.ME_OFFICER, Role.ADMINISTRATOR}
    for role in (Role.RESIDENT, Role.CIVIC_MONITOR, Role.COUNCILLOR, Role.MODERATOR, *allowed):
        client = client_for("alpha.test", testing.make_member(municipality, role))
        for page in pages:
            assert client.get(page).status_code == (200 if role in allowed else 403), (role, page)
    assert client_for("alpha.test").get(pages[0]).status_code == 302
    assert client_for("alpha.test", testing.make_member(municipality, Role.STAFF)).get(
        f"/office/training/{programme.pk}/tests/middle/").status_code == 404


def test_removing_a_module_with_a_mangled_id_is_not_found_and_removes_nothing(client_for, staff, municipality):
    programme = make_programme(municipality)
    programmes.add_module(actor=None, programme=programme, title="Индикатори", hours=4)
    client = client_for("alpha.test", staff)
    for value in ("x", "", "1; drop table"):
        response = client.post(f"/office/training/{programme.pk}/", {"action": "remove_module", "module": value})
        assert response.status_code == 404, value
    assert programme.modules.count() == 1
