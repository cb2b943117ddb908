"""A new resident finds a forum, registers, is checked in at the door, proposes an idea,
sees it supported and answered, and follows it into the plan."""

import re
import time
from datetime import timedelta

from django.utils import timezone

from e2e.conftest import audit_accessibility
from e2e.test_accounts_flow import _fill_login, _staff_login
from sabor.accounts import testing
from sabor.demo import lyaskovets


def _login(page, site, email, password):
    page.goto(site + "/accounts/login/")
    _fill_login(page, email, password)
    page.wait_for_url(re.compile(r"/$"))


def test_a_resident_goes_from_a_forum_to_an_idea_in_the_plan(site, browser):
    from sabor.core.models import Municipality
    from sabor.participation.models import Meeting
    from sabor.participation.services import processes

    municipality = Municipality.objects.get(slug="lyaskovets")
    starts = timezone.now() + timedelta(days=5)
    meeting = processes.create_meeting(actor=None, municipality=municipality, kind=Meeting.Kind.PUBLIC_FORUM,
                                       title="Обществен форум за ПИРО", starts_at=starts,
                                       ends_at=starts + timedelta(hours=2), address="Читалище „Развитие – 1870“",
                                       settlement=municipality.settlements.get(name="Лясковец"), capacity=30,
                                       invited_groups=["residents", "business"])
    newcomer = testing.make_member(municipality, user=testing.make_user("newcomer@example.org", name="Ана Нова"))

    resident = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True).new_page()
    _login(resident, site, newcomer.email, testing.PASSWORD)
    resident.goto(site + "/meetings/")
    resident.get_by_role("link", name="Обществен форум за ПИРО").click()
    audit_accessibility(resident, "meeting-register")
    resident.get_by_role("button", name="Регистрирайте се").click()
    assert "Регистрирани сте." in resident.locator(".messages").inner_text()
    calendar = resident.request.get(site + f"/meetings/{meeting.pk}/calendar.ics")
    assert calendar.ok and b"BEGIN:VEVENT" in calendar.body()

    staff = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    _staff_login(staff, site, "admin@demo.sabor.bg")
    staff.goto(site + f"/office/meetings/{meeting.pk}/check-in/")
    staff.get_by_label("Търсене по име или имейл").fill("Ана")
    staff.get_by_role("button", name="Търси").click()
    staff.get_by_role("button", name="Отбележи присъствие – Ана Нова").click()
    assert "Ана Нова: присъствието е отбелязано." in staff.locator(".messages").inner_text()
    audit_accessibility(staff, "office-check-in")
    # At the door the screen is often a phone: same session, small screen.
    door = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                               storage_state=staff.context.storage_state()).new_page()
    door.goto(site + f"/office/meetings/{meeting.pk}/check-in/?q=Ана")
    width = door.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the check-in screen scrolls sideways on a phone ({width}px)"
    audit_accessibility(door, "office-check-in-phone")
    for path, name in (("/office/processes/", "office-processes"), ("/office/meetings/", "office-meetings"),
                       ("/office/ideas/", "office-ideas"), ("/office/moderation/", "office-moderation")):
        staff.goto(site + path)
        audit_accessibility(staff, name)

    resident.goto(site + "/ideas/new/")
    resident.get_by_label("Заглавие:").fill("Детска площадка до читалището")
    resident.locator("#similar li").first.wait_for()  # similar ideas shown while typing
    audit_accessibility(resident, "idea-new")
    resident.get_by_label("Заглавие:").fill("Пейки и сянка край читалището")
    resident.get_by_label("Описание:").fill("Пейки, дървета и чешма на площадчето пред читалището.")
    time.sleep(2.1)  # people take longer than that; the bot trap refuses faster forms
    resident.get_by_role("button", name="Публикувайте идеята").click()
    resident.wait_for_url(re.compile(r"/ideas/\d+/$"))
    idea_url = resident.url
    audit_accessibility(resident, "idea-own")

    supporter = browser.new_context().new_page()
    _login(supporter, site, "representative@demo.sabor.bg", lyaskovets.DEMO_PASSWORD)
    supporter.goto(idea_url)
    supporter.get_by_role("button", name="Подкрепете идеята").click()
    assert "1 подкрепа" in supporter.locator("main").inner_text()

    idea_id = re.search(r"/ideas/(\d+)/", idea_url).group(1)
    staff.goto(site + f"/office/ideas/{idea_id}/answer/")
    staff.get_by_label("Нов статус:").select_option("in_plan")
    staff.get_by_label("Отговор на общината:").fill("Включваме идеята в проекта за площада.")
    staff.get_by_label("Проект в плана (за идея, включена в плана):").select_option(
        label="Обновяване на читалището в Добри дял")
    staff.get_by_role("button", name="Публикувай отговора").click()
    staff.wait_for_url(re.compile(r"/office/ideas/$"))
    audit_accessibility(staff, "office-ideas-answered")

    resident.goto(site + "/notifications/")
    assert "Общината отговори" in resident.locator("main").inner_text()
    audit_accessibility(resident, "notifications")
    resident.goto(idea_url)
    assert "включена в плана като проект" in resident.locator("main").inner_text()
    resident.get_by_role("link", name="Обновяване на читалището в Добри дял").click()
    resident.wait_for_url(re.compile(r"/projects/\d+/$"))
