"""A training run in the browser: staff plan a programme and enrol people, a resident
takes the final test, staff issue certificates, and anyone can check one."""

import re

from e2e.conftest import audit_accessibility
from e2e.test_accounts_flow import _fill_login, _staff_login
from sabor.demo import lyaskovets


def test_staff_run_a_programme_from_plan_to_certificates(site, browser):
    staff = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    _staff_login(staff, site, "staff@demo.sabor.bg")
    staff.goto(site + "/office/training/")
    audit_accessibility(staff, "office-training")
    staff.get_by_label("Заглавие:", exact=True).fill("Работа с отворени данни")
    staff.get_by_label("Статус:", exact=True).select_option("open")
    staff.get_by_label("Роля, предлагана при завършване:").select_option("civic_monitor")
    staff.get_by_role("button", name="Създай").click()
    staff.wait_for_url(re.compile(r"/office/training/\d+/$"))
    programme_url = staff.url

    staff.get_by_label("Модул:", exact=True).fill("Отворени данни на общината")
    staff.get_by_label("Часове:", exact=True).fill("4")
    staff.get_by_role("button", name="Добавете модула").click()
    staff.locator("summary", has_text="Задайте целите").click()
    staff.locator("#id_targets-residents").fill("1")
    staff.locator("#id_targets-administration").fill("1")
    staff.get_by_role("button", name="Запазете целите").click()
    staff.locator("summary", has_text="Добавете занятие").click()
    staff.locator("#id_session-starts_at").fill("2026-12-01T09:00")
    staff.locator("#id_session-ends_at").fill("2026-12-01T13:00")
    staff.get_by_label("Учебни часове:", exact=True).fill("4")
    staff.get_by_label("Място:", exact=True).fill("Лясковец, заседателна зала")
    staff.get_by_label("Отворени данни на общината").check()
    staff.get_by_role("button", name="Добавете занятието").click()
    assert "Запазено." in staff.locator(".messages").inner_text()
    audit_accessibility(staff, "office-training-programme")

    staff.get_by_role("link", name="Изходящ тест").click()
    staff.locator("summary", has_text="Добавете въпрос").click()
    staff.get_by_label("Въпрос:", exact=True).fill("Къде общината публикува отворени данни?")
    staff.get_by_label("Отговор 1:").fill("На портала за отворени данни")
    staff.get_by_label("Отговор 2:").fill("Никъде")
    staff.get_by_role("button", name="Добавете въпроса").click()
    staff.get_by_role("button", name="Отворете теста").click()
    audit_accessibility(staff, "office-training-test")

    staff.get_by_role("link", name="Обучаеми и сертификати").click()
    staff.get_by_label("Имейл на човек с профил:").fill("resident@demo.sabor.bg")
    staff.locator("#id_enrol-stakeholder_group").select_option("residents")
    staff.get_by_role("button", name="Запишете", exact=True).click()
    staff.get_by_label("Име:", exact=True).fill("Иван Гостенин")
    staff.locator("#id_enrol-stakeholder_group").select_option("administration")
    staff.get_by_role("button", name="Запишете", exact=True).click()
    assert staff.locator("table:has(#trainees-caption) tbody tr").count() == 2

    staff.goto(programme_url)
    staff.locator("main ul a", has_text="01.12.2026").click()
    staff.get_by_label("Мария Иванова").check()
    staff.get_by_label("Иван Гостенин").check()
    staff.get_by_role("button", name="Запазете присъствието").click()
    assert "2 присъстващи" in staff.locator(".messages").inner_text()
    audit_accessibility(staff, "office-training-session")
    sheet = staff.request.get(site + staff.get_by_role("link", name="Присъствен списък за подпис (PDF)")
                              .get_attribute("href"))
    assert sheet.ok and sheet.body()[:4] == b"%PDF"

    staff.goto(programme_url + "tests/post/")
    staff.locator("#paper-enrolment").select_option(label="Иван Гостенин")
    staff.get_by_label("На портала за отворени данни").check()
    staff.get_by_role("button", name="Въведете и оценете").click()
    assert "1 от 1" in staff.locator(".messages").inner_text()

    resident = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True).new_page()
    resident.goto(site + "/accounts/login/")
    _fill_login(resident, "resident@demo.sabor.bg", lyaskovets.DEMO_PASSWORD)
    resident.wait_for_load_state()
    resident.goto(site + "/training/mine/")
    audit_accessibility(resident, "training-mine")
    resident.get_by_role("link", name="Решете: изходящ тест").click()
    audit_accessibility(resident, "training-test")
    resident.get_by_label("На портала за отворени данни").check()
    resident.get_by_role("button", name="Предайте").click()
    assert "1 от 1 верни" in resident.locator(".messages").inner_text()

    staff.goto(programme_url + "trainees/")
    audit_accessibility(staff, "office-training-trainees")
    staff.get_by_role("button", name="Отбележете завършилите и издайте сертификати").click()
    assert "2 обучаеми завършиха" in staff.locator(".messages").inner_text()

    resident.goto(site + "/training/mine/")
    resident.get_by_role("button", name="Станете граждански наблюдател").click()
    assert "Вече сте граждански наблюдател." in resident.locator(".messages").inner_text()
    code = re.search(r"Сертификат ([A-Z0-9-]+)", resident.locator("main").inner_text()).group(1)
    with resident.expect_download() as download:
        resident.get_by_role("link", name="Изтеглете сертификата (PDF)").click()
    assert download.value.suggested_filename == f"certificate-{code}.pdf"

    visitor = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    visitor.goto(site + "/certificates/")
    visitor.get_by_label("Код на сертификата:").fill(code.lower())
    visitor.keyboard.press("Enter")
    visitor.wait_for_url(re.compile(r"\?code="))
    assert "Сертификатът е истински" in visitor.locator("main").inner_text()
    assert "Мария Иванова" in visitor.locator("main").inner_text()
    audit_accessibility(visitor, "training-verify")
