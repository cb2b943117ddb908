import re
import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail

from e2e.conftest import audit_accessibility
from sabor.demo import lyaskovets


def _demo_code() -> str:
    """The demo's current TOTP code. The server accepts only the current 30-second window,
    so a code is never taken in the last seconds of one, where it could expire on the way."""
    if time.time() % 30 > 26:
        time.sleep(30 - time.time() % 30 + 0.2)
    return format_hotp_value(hotp_value(lyaskovets.DEMO_TOTP_SECRET, int(time.time()) // 30))


def _fill_login(page, email, password):
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.click("main form button[type=submit]")


def test_a_resident_signs_up_confirms_logs_in_switches_language_and_logs_out(site, page):
    page.goto(site + "/")
    assert page.locator("html").get_attribute("lang") == "bg"
    audit_accessibility(page, "home-bg")

    page.click("header >> a[href='/accounts/signup/']")
    audit_accessibility(page, "signup-bg")
    page.fill("input[name=email]", "ivana@example.org")
    page.fill("input[name=display_name]", "Ивана Пенева")
    page.fill("input[name=password1]", "lozya-i-vino-2026")
    page.fill("input[name=password2]", "lozya-i-vino-2026")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/accounts/confirm-email/$"))
    audit_accessibility(page, "verification-sent-bg")

    (confirmation,) = [message for message in mail.outbox if message.to == ["ivana@example.org"]]
    link = re.search(r"http://[^\s]+/accounts/confirm-email/[^\s]+/", confirmation.body).group(0)
    page.goto(link)
    audit_accessibility(page, "confirm-email-bg")
    page.click("main form button[type=submit]")
    page.wait_for_url(site + "/")
    assert page.locator("header").get_by_text("Ивана Пенева").is_visible()

    page.click("header form[action='/accounts/logout/'] button")
    page.wait_for_load_state()
    assert page.locator("header a[href='/accounts/login/']").is_visible()

    page.goto(site + "/accounts/login/")
    audit_accessibility(page, "login-bg")
    _fill_login(page, "ivana@example.org", "lozya-i-vino-2026")
    page.wait_for_url(site + "/")
    page.goto(site + "/account/profile/")
    audit_accessibility(page, "profile-bg")

    page.click("header button[name=language][value=en]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Your profile"
    audit_accessibility(page, "profile-en")

    page.click("header form[action='/accounts/logout/'] button")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("header a[href='/accounts/login/']").inner_text() == "Log in"


def test_staff_log_in_with_their_second_factor_and_use_the_back_office(site, page):
    page.goto(site + "/accounts/login/")
    _fill_login(page, "admin@demo.sabor.bg", lyaskovets.DEMO_PASSWORD)
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    audit_accessibility(page, "two-factor-bg")
    code = _demo_code()
    page.fill("input[name=code]", code)
    page.click("main form button[type=submit]")
    page.wait_for_url(site + "/office/")
    audit_accessibility(page, "office-dashboard")

    for path, name in [("/office/people/", "office-people"), ("/office/organisations/", "office-organisations"),
                       ("/office/audit/", "office-audit"), ("/office/municipality/", "office-municipality")]:
        page.goto(site + path)
        audit_accessibility(page, name)

    page.goto(site + "/office/people/")
    page.get_by_role("link", name="Мария Иванова").click()
    audit_accessibility(page, "office-person")
    page.get_by_label("Граждански наблюдател").check()
    page.get_by_role("button", name="Запази ролите").click()
    page.wait_for_load_state()
    assert page.get_by_label("Граждански наблюдател").is_checked()

    page.goto(site + "/office/organisations/")
    page.get_by_role("link", name="Сдружение „Лясковски лозари и винари“").click()
    audit_accessibility(page, "office-organisation")
    page.get_by_label("Длъжност на Георги Петров").fill("Секретар")
    page.get_by_role("button", name="Запази – Георги Петров").click()
    page.wait_for_load_state()
    assert page.get_by_label("Длъжност на Георги Петров").input_value() == "Секретар"
    assert page.get_by_label("Георги Петров представлява организацията").is_checked()


def test_new_staff_must_turn_on_two_factor_before_the_back_office(site, page):
    from sabor.accounts import testing
    from sabor.accounts.models import Role
    from sabor.core.models import Municipality

    staff = testing.make_member(Municipality.objects.get(slug="lyaskovets"), Role.STAFF, mfa=False)
    page.goto(site + "/accounts/login/")
    _fill_login(page, staff.email, testing.PASSWORD)
    # allauth asks for the password again before a second factor is added.
    page.wait_for_url(re.compile(r"/accounts/reauthenticate/"))
    assert "двустепенна" in page.locator(".messages").inner_text().lower()
    audit_accessibility(page, "reauthenticate-bg")
    page.fill("input[name=password]", testing.PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/accounts/2fa/totp/activate/$"))
    audit_accessibility(page, "two-factor-activate-bg")

    secret = page.locator("#authenticator_secret").input_value()
    page.fill("input[name=code]", format_hotp_value(hotp_value(secret, int(time.time()) // 30)))
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    page.goto(site + "/office/")
    assert page.get_by_role("heading", level=1).inner_text() == "Административен панел"


def _staff_login(page, site, email):
    page.goto(site + "/accounts/login/")
    _fill_login(page, email, lyaskovets.DEMO_PASSWORD)
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    page.fill("input[name=code]", _demo_code())
    page.click("main form button[type=submit]")
    page.wait_for_url(site + "/office/")


def test_a_value_is_entered_verified_and_then_shown_in_public(site, browser):
    clerk = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    _staff_login(clerk, site, "staff@demo.sabor.bg")
    clerk.goto(site + "/office/indicators/")
    audit_accessibility(clerk, "office-indicators")
    clerk.get_by_role("link", name="Равнище на безработица").last.click()
    audit_accessibility(clerk, "office-indicator-values")
    clerk.get_by_label("Година").select_option("2025")
    clerk.get_by_label("Стойност (%)").fill("9,7")
    clerk.get_by_label("Източник").first.fill("Агенция по заетостта, 2025")
    clerk.get_by_role("button", name="Запази и подай за проверка").click()
    clerk.wait_for_load_state()
    assert "подадена" in clerk.locator("table").inner_text().lower()

    officer = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    _staff_login(officer, site, "me@demo.sabor.bg")
    for path, name in (("/office/methodology/", "office-methodology"), ("/office/evaluations/", "office-evaluations"),
                       ("/office/recommendations/", "office-recommendations")):
        officer.goto(site + path)
        audit_accessibility(officer, name)
    officer.goto(site + "/office/evaluations/")
    officer.locator("main ul a").first.click()
    audit_accessibility(officer, "office-evaluation")

    officer.goto(site + "/office/plans/")
    audit_accessibility(officer, "office-plans")
    officer.get_by_role("link", name="ПИРО 2021–2027").click()
    audit_accessibility(officer, "office-plan")
    officer.get_by_role("link", name="Развитие на туризма").click()
    audit_accessibility(officer, "office-plan-node")
    officer.goto(site + "/office/plans/")
    officer.get_by_role("link", name="ПИРО 2021–2027").click()
    officer.get_by_role("link", name="П3").click()
    audit_accessibility(officer, "office-indicator-edit")

    officer.goto(site + "/office/projects/")
    audit_accessibility(officer, "office-projects")
    officer.get_by_role("link", name="Разделно събиране на биоотпадъци").click()
    audit_accessibility(officer, "office-project")

    officer.goto(site + "/office/reports/")
    audit_accessibility(officer, "office-reports")
    officer.get_by_label("План").select_option(label="ПИРО 2021–2027")
    officer.get_by_label("Година").fill("2024")
    officer.get_by_role("button", name="Създай").click()
    officer.wait_for_url(re.compile(r"/office/reports/\d+/$"))
    officer.get_by_label("Общи условия").fill("Растеж на туризма; бавно намаляваща безработица.")
    officer.get_by_role("button", name="Запази").last.click()
    officer.get_by_role("button", name="Генерирай DOCX и PDF").click()
    officer.wait_for_load_state()
    assert "готов" in officer.locator("#report-status-label").inner_text()
    audit_accessibility(officer, "office-report")
    pdf_url = site + officer.get_by_role("link", name="PDF").get_attribute("href")
    assert officer.request.get(pdf_url).body()[:4] == b"%PDF"
    # Not public until the council has approved it and it is published.
    visitor = browser.new_context().new_page()
    assert visitor.request.get(pdf_url).status == 404
    officer.get_by_role("button", name="Внеси в общинския съвет").click()
    officer.wait_for_load_state()
    officer.get_by_label("Номер на решението на общинския съвет").fill("512")
    officer.get_by_label("Дата на решението на общинския съвет").fill("2025-03-27")
    officer.get_by_role("button", name="Впиши приемането").click()
    officer.wait_for_load_state()
    assert visitor.request.get(pdf_url).status == 404
    officer.get_by_role("button", name="Публикуване").click()
    officer.wait_for_load_state()
    audit_accessibility(officer, "office-report-published")
    visitor.goto(site + "/reports/")
    assert "512" in visitor.locator("main").inner_text()
    assert visitor.request.get(pdf_url).status == 200
    officer.goto(site + "/office/measurements/queue/")
    audit_accessibility(officer, "office-verification-queue")
    officer.get_by_role("button", name="Потвърди – П2 2025").click()
    officer.wait_for_load_state()
    assert "Няма стойности, чакащи проверка." in officer.content()

    officer.goto(site + "/plans/piro-2021-2027/?year=2025")
    officer.locator(".indicator-row a", has_text="Равнище на безработица").click()
    row = officer.locator("table#data-table tr", has_text="2025")
    assert "9,7" in row.inner_text()


def test_staff_import_a_file_after_a_preview(site, page):
    _staff_login(page, site, "staff@demo.sabor.bg")
    page.goto(site + "/office/import/")
    audit_accessibility(page, "office-import")
    page.get_by_label("Какво съдържа файлът").select_option("measurements")
    page.get_by_label("Файл CSV или XLSX").set_input_files(files=[{
        "name": "values.csv", "mimeType": "text/csv",
        "buffer": "code;year;value\nП2;2025;девет\n".encode()}])
    page.get_by_role("button", name="Провери файла").click()
    page.wait_for_load_state()
    assert "не е число" in page.locator("table").inner_text()
    audit_accessibility(page, "office-import-errors")
    page.get_by_label("Файл CSV или XLSX").set_input_files(files=[{
        "name": "values.csv", "mimeType": "text/csv", "buffer": "code;year;value\nП2;2025;9,6\n".encode()}])
    page.get_by_role("button", name="Провери файла").click()
    page.get_by_role("button", name="Внеси тези редове").click()
    page.wait_for_load_state()
    assert "Внесено: записан е 1 ред;" in page.locator(".messages").inner_text()


def test_a_civic_monitor_challenges_a_value_on_the_indicator_page(site, page):
    page.goto(site + "/accounts/login/")
    _fill_login(page, "monitor@demo.sabor.bg", lyaskovets.DEMO_PASSWORD)
    page.wait_for_url(site + "/")
    page.goto(site + "/plans/piro-2021-2027/?year=2024")
    page.locator(".indicator-row a", has_text="Равнище на безработица").click()
    page.get_by_label("Вид").select_option("challenge")
    page.get_by_label("Текст").fill("Бюрото по труда отчита 10,6% за 2024 г.")
    page.get_by_role("button", name="Изпрати").click()
    page.wait_for_load_state()
    assert "Бюрото по труда отчита 10,6% за 2024 г." in page.locator("#observations ~ article").first.inner_text()
    audit_accessibility(page, "indicator-with-observation")
