"""Forums and meetings: registration against capacity with a waiting list, the calendar
file, check-in at the door (registrants, walk-ins, paper lists) and statistics."""

import io
from datetime import UTC, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook

from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.accounts.testing import XSS
from sabor.core import testfiles
from sabor.core.models import AuditEntry
from sabor.monitoring.testing import make_indicator, make_plan
from sabor.participation.models import Meeting, Notification, Registration
from sabor.participation.services import processes, registrations
from sabor.participation.testing import make_meeting, make_process
from sabor.planning import services as planning

pytestmark = pytest.mark.django_db


def _register(person, meeting, group="residents"):
    return registrations.register(actor=person, meeting=meeting, stakeholder_group=group)


def test_staff_schedule_a_forum_and_impossible_dates_are_refused(client_for, staff, municipality):
    client = client_for("alpha.test", staff)
    data = {"kind": "mini_forum", "title": "Форум в Козаревец", "starts_at": "2026-12-10T17:00",
            "ends_at": "2026-12-10T19:00", "address": "Читалището", "capacity": "30",
            "invited_groups": ["residents", "business"], "is_public": "on"}
    assert client.post("/office/meetings/", data).status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.invited_groups == ["residents", "business"] and meeting.capacity == 30
    for bad in ({"ends_at": "2026-12-10T16:00"}, {"starts_at": "2026-02-30T17:00"}, {"capacity": "-3"},
                {"address": "", "kind": "public_forum"}, {"invited_groups": ["aliens"]}):
        response = client.post("/office/meetings/", data | bad)
        assert response.status_code == 400, bad
    assert Meeting.objects.count() == 1
    assert "Срещата трябва да завършва след началото си." in client.post(
        "/office/meetings/", data | {"ends_at": "2026-12-10T16:00"}).content.decode()


def test_a_resident_registers_and_the_page_says_so(client_for, resident, municipality):
    meeting = make_meeting(municipality, capacity=2)
    client = client_for("alpha.test", resident)
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "Регистрирайте се" in page and XSS not in page
    assert "Мини граждански форум &lt;script&gt;" in page and "Дневен ред &lt;script&gt;" in page
    response = client.post(f"/meetings/{meeting.pk}/register/", {"stakeholder_group": "residents"})
    assert response.status_code == 302
    assert Registration.objects.get().status == "registered"
    assert "Регистрирани сте." in client.get(f"/meetings/{meeting.pk}/").content.decode()
    again = client.post(f"/meetings/{meeting.pk}/register/", {"stakeholder_group": "residents"})
    assert again.status_code == 400 and Registration.objects.count() == 1


def test_a_full_meeting_puts_people_on_the_waiting_list_that_moves_up_on_cancellation(
        municipality, django_capture_on_commit_callbacks):
    meeting = make_meeting(municipality, capacity=1)
    first, second, third = (testing.make_member(municipality, Role.RESIDENT) for _n in range(3))
    _register(first, meeting)
    assert _register(second, meeting).status == "waiting"
    assert _register(third, meeting).status == "waiting"
    with django_capture_on_commit_callbacks(execute=True):
        registrations.cancel(actor=first, registration=meeting.registrations.get(user=first))
    statuses = dict(meeting.registrations.values_list("user", "status"))
    assert statuses == {first.pk: "cancelled", second.pk: "registered", third.pk: "waiting"}
    assert Notification.objects.get().user == second
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [second.email]
    assert "/notifications/unsubscribe/" in mail.outbox[0].body and "List-Unsubscribe" in mail.outbox[0].extra_headers


def test_raising_the_capacity_moves_the_waiting_list_up(municipality):
    meeting = make_meeting(municipality, capacity=1)
    people = [testing.make_member(municipality, Role.RESIDENT) for _n in range(3)]
    for person in people:
        _register(person, meeting)
    processes.update_meeting(actor=None, meeting=meeting, capacity=2)
    assert meeting.registrations.filter(status="registered").count() == 2


def test_registration_is_refused_outside_its_window(municipality, resident):
    closed = make_meeting(municipality, registration_closes_at=timezone.now() - timedelta(hours=1))
    past = make_meeting(municipality, days=-3)
    cancelled = make_meeting(municipality, is_cancelled=True)
    for meeting in (closed, past, cancelled):
        with pytest.raises(ValidationError, match="не е отворена|not open") as refused:
            _register(resident, meeting)
        assert refused.value.code == "closed"
    assert not Registration.objects.exists()


def test_the_calendar_file_describes_the_meeting(client_for, municipality):
    meeting = make_meeting(municipality, title="Форум, Лясковец; зала 2", address="пл. „Възраждане“ 1")
    response = client_for("alpha.test").get(f"/meetings/{meeting.pk}/calendar.ics")
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert body.startswith("BEGIN:VCALENDAR\r\n") and "END:VEVENT\r\n" in body
    assert "SUMMARY:Форум\\, Лясковец\\; зала 2" in body
    assert f"DTSTART:{meeting.starts_at.astimezone(UTC):%Y%m%dT%H%M%SZ}" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_the_door_staff_find_check_in_and_add_walk_ins(client_for, staff, municipality):
    meeting = make_meeting(municipality, days=1)
    settlement = testing.make_settlement(municipality, name="Джулюница")
    person = testing.make_member(municipality, Role.RESIDENT)
    registration = _register(person, meeting)
    client = client_for("alpha.test", staff)
    url = f"/office/meetings/{meeting.pk}/check-in/"
    found = client.get(url, {"q": person.email[:6]}).content.decode()
    assert person.email[:6] in person.email and "Отбележи присъствие" in found
    assert client.post(url, {"action": "in", "registration": registration.pk}).status_code == 302
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    walk_in = client.post(url, {"action": "walk_in", "walk-name": f"Иван {XSS}", "walk-stakeholder_group": "business",
                                "walk-settlement": settlement.pk})
    assert walk_in.status_code == 302
    walked = meeting.registrations.get(source="walk_in")
    assert walked.checked_in_at is not None and walked.settlement == settlement
    page = client.get(url).content.decode()
    assert "Иван" in page and XSS not in page and "Иван &lt;script&gt;" in page
    bad = client.post(url, {"action": "walk_in", "walk-name": "", "walk-stakeholder_group": "martians"})
    assert bad.status_code == 400 and meeting.registrations.count() == 2
    assert AuditEntry.objects.filter(action="participation.checked_in").count() == 2


def _csv(rows):
    return SimpleUploadedFile("list.csv", ("\n".join(",".join(row) for row in rows)).encode(), "text/csv")


def test_a_paper_sign_in_list_is_previewed_then_imported_once(client_for, staff, municipality):
    meeting = make_meeting(municipality, days=1)
    testing.make_settlement(municipality, name="Мерданя", ekatte="47826")
    known = testing.make_member(municipality, Role.RESIDENT)
    _register(known, meeting)
    client = client_for("alpha.test", staff)
    url = f"/office/meetings/{meeting.pk}/check-in/"
    broken = _csv([["име", "група", "населено място"], ["Петър", "жители", "Атлантида"], ["", "бизнес", ""],
                   ["Мария", "пришълци", ""]])
    preview = client.post(url, {"action": "preview", "list-file": broken})
    text = preview.content.decode()
    assert preview.status_code == 400 and "Непознато населено място „Атлантида“." in text
    assert "Името липсва." in text and "Непозната заинтересована група „пришълци“." in text
    assert client.post(url, {"action": "confirm"}).status_code == 302
    assert meeting.registrations.count() == 1  # nothing saved from a list with errors

    rows = [["name", "group", "settlement", "organisation", "email"],
            ["Петър Петров", "жители", "Мерданя", "", ""],
            ["Анна Колева", "business", "47826", "„Агро“ ЕООД", ""],
            [known.public_name, "residents", "", "", known.email]]
    for _attempt in range(2):
        assert client.post(url, {"action": "preview", "list-file": _csv(rows)}).status_code == 200
        assert client.post(url, {"action": "confirm"}).status_code == 302
    assert meeting.registrations.count() == 3
    assert meeting.registrations.filter(checked_in_at__isnull=False).count() == 3
    assert meeting.registrations.get(name="Анна Колева").source == "paper"


def test_a_sign_in_list_in_xlsx_and_a_wrong_file_type(client_for, staff, municipality):
    meeting = make_meeting(municipality, days=0)
    workbook = Workbook()
    workbook.active.append(["Име", "Група"])
    workbook.active.append(["Стефан", "общински съвет"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client = client_for("alpha.test", staff)
    url = f"/office/meetings/{meeting.pk}/check-in/"
    upload = SimpleUploadedFile("list.xlsx", buffer.getvalue())
    assert client.post(url, {"action": "preview", "list-file": upload}).status_code == 200
    client.post(url, {"action": "confirm"})
    assert meeting.registrations.get().stakeholder_group == "council"
    wrong = client.post(url, {"action": "preview", "list-file": SimpleUploadedFile("list.exe", b"MZ")})
    assert wrong.status_code == 400 and "Качете файл CSV или XLSX." in wrong.content.decode()


def test_attendance_statistics_and_live_indicator_values(client_for, municipality):
    plan = make_plan(municipality, slug="opr", start_year=2014, end_year=2030)
    node = planning.add_node(actor=None, plan=plan, parent=None, title="Участие")
    process = make_process(municipality)
    held = make_meeting(municipality, process=process, days=-2)
    make_meeting(municipality, process=process, days=5)  # not held yet
    settlement = testing.make_settlement(municipality, name="Козаревец")
    for n, group in enumerate(["residents", "residents", "business"]):
        registrations.walk_in(actor=None, meeting=held, name=f"Човек {n}", stakeholder_group=group,
                              settlement=settlement if n else None)
    forums = make_indicator(municipality, node, code="F1", targets={2030: 6}, baseline_value=0, baseline_year=2013,
                            direction="increase", aggregation="sum", live_source="participation.meetings_held",
                            live_key=str(process.pk))
    people = make_indicator(municipality, node, code="F2", targets={2030: 150}, baseline_value=0,
                            baseline_year=2013, direction="increase", aggregation="sum",
                            live_source="participation.participants", live_key="all")
    year = held.starts_at.year
    assert list(forums.measurements.values_list("period", "value")) == [(year, Decimal(1))]
    assert list(people.measurements.values_list("period", "value")) == [(year, Decimal(3))]
    registrations.walk_in(actor=None, meeting=held, name="Късен", stakeholder_group="council")
    assert people.measurements.get().value == 4  # kept up to date as people are checked in
    page = client_for("alpha.test").get(f"/processes/{process.slug}/").content.decode()
    assert "process-stats" in page and "Козаревец" in page and "1 проведени досега" in page


@testing.concurrency_test
def test_fifty_people_registering_at_once_for_thirty_seats(municipality):
    meeting = make_meeting(municipality, capacity=30)
    people = [testing.make_member(municipality, Role.RESIDENT) for _n in range(50)]
    results = testing.at_once([lambda person=person: _register(person, meeting) for person in people])
    assert [result for result in results if isinstance(result, Exception)] == []
    assert meeting.registrations.filter(status="registered").count() == 30
    assert meeting.registrations.filter(status="waiting").count() == 20


def test_people_registered_are_reminded_the_day_before_once(municipality, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    tomorrow = timezone.localtime() + timedelta(days=1)
    meeting = make_meeting(municipality, starts_at=tomorrow.replace(hour=17, minute=0),
                           ends_at=tomorrow.replace(hour=19, minute=0), capacity=1)
    coming, waiting, silent = (testing.make_member(municipality, Role.RESIDENT) for _n in range(3))
    _register(coming, meeting)
    _register(waiting, meeting)
    silent.notification_frequency = "never"
    silent.save()
    make_meeting(municipality, days=3)  # not tomorrow
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_daily_emails", stdout=io.StringIO())
        call_command("send_daily_emails", stdout=io.StringIO())
    (reminder,) = mail.outbox
    assert reminder.to == [coming.email] and "Утре" in reminder.subject
    assert f"/meetings/{meeting.pk}/calendar.ics" in reminder.body and "/notifications/unsubscribe/" in reminder.body


def test_minutes_documents_of_the_wrong_type_or_too_large_are_refused(client_for, staff, municipality, settings,
                                                                      tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = make_meeting(municipality)
    client = client_for("alpha.test", staff)
    url = f"/office/meetings/{meeting.pk}/"
    wrong = client.post(url, {"action": "attachment", "file-title": "Скрипт",
                              "file-file": SimpleUploadedFile("x.js", b"alert(1)")})
    assert wrong.status_code == 400
    big = testfiles.upload("minutes.pdf", pad=20 * 1024 * 1024)
    too_large = client.post(url, {"action": "attachment", "file-title": "Голям", "file-file": big})
    assert too_large.status_code == 400 and "20 MB" in too_large.content.decode()
    ok = client.post(url, {"action": "attachment", "file-title": f"Протокол {XSS}",
                           "file-file": testfiles.upload("minutes.pdf")})
    assert ok.status_code == 302 and meeting.attachments.count() == 1
    page = client_for("alpha.test").get(f"/meetings/{meeting.pk}/").content.decode()
    assert "Протокол" in page and XSS not in page and "Протокол &lt;script&gt;" in page


def test_a_sign_in_list_over_two_megabytes_is_refused(client_for, staff, municipality):
    meeting = make_meeting(municipality)
    big = SimpleUploadedFile("list.csv", b"name,group\n" + b"x" * (2 * 1024 * 1024 + 1))
    response = client_for("alpha.test", staff).post(f"/office/meetings/{meeting.pk}/check-in/",
                                                    {"action": "preview", "list-file": big})
    assert response.status_code == 400 and "2 MB" in response.content.decode()


def test_a_process_whose_idea_call_closes_before_it_opens_is_refused(client_for, staff):
    response = client_for("alpha.test", staff).post("/office/processes/", {
        "slug": "piro", "title": "ПИРО", "ideas_open_from": "2026-05-01", "ideas_open_until": "2026-04-01"})
    assert response.status_code == 400
    assert "Приемът на идеи не може да приключи, преди да е започнал." in response.content.decode()


def test_the_home_page_shows_upcoming_meetings_and_popular_ideas(client_for, municipality, resident):
    from sabor.participation.testing import make_idea

    make_meeting(municipality, title="Форум за бюджета")
    make_meeting(municipality, title="Отминал форум", days=-2)
    make_idea(municipality, resident, title="Пейки в парка")
    page = client_for("alpha.test").get("/").content.decode()
    assert "Форум за бюджета" in page and "Отминал форум" not in page and "Пейки в парка" in page
    assert XSS not in page and "alpha &lt;script&gt;" in page


def test_statistics_name_settlements_in_the_page_language(municipality):
    from django.utils import translation

    from sabor.participation import selectors

    meeting = make_meeting(municipality, days=-1)
    settlement = testing.make_settlement(municipality, name="Козаревец", name_en="Kozarevets")
    registrations.walk_in(actor=None, meeting=meeting, name="Мария", stakeholder_group="residents",
                          settlement=settlement)
    with translation.override("en"):
        assert selectors.attendance(meeting.registrations.all()).by_settlement == [("Kozarevets", 1)]
    with translation.override("bg"):
        assert selectors.attendance(meeting.registrations.all()).by_settlement == [("Козаревец", 1)]
