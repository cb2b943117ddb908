"""A server without Pango: a certificate download answers with a page that says what
is missing, readable on a phone and accessible."""

from e2e.conftest import audit_accessibility
from e2e.test_accounts_flow import _fill_login
from sabor.accounts import testing
from sabor.demo import lyaskovets


def test_without_pango_a_certificate_download_says_which_library_is_missing(site, browser, monkeypatch):
    testing.without_system_libraries(monkeypatch, "weasyprint")
    for name, width in (("document-unavailable", 1280), ("document-unavailable-320", 320)):
        monitor = browser.new_context(viewport={"width": width, "height": 800}).new_page()
        monitor.goto(site + "/accounts/login/")
        _fill_login(monitor, "monitor@demo.sabor.bg", lyaskovets.DEMO_PASSWORD)
        monitor.wait_for_load_state()
        monitor.goto(site + "/training/mine/")
        with monitor.expect_response(lambda response: response.url.endswith("/certificate.pdf")) as answer:
            monitor.get_by_role("link", name="Изтеглете сертификата (PDF)").first.click()
        assert answer.value.status == 503
        main = monitor.locator("main").inner_text()
        assert "Документът не може да бъде създаден" in main
        assert "apt-get install libpango-1.0-0 libpangoft2-1.0-0" in main
        assert monitor.evaluate("document.documentElement.scrollWidth") <= width
        audit_accessibility(monitor, name)
        monitor.context.close()
