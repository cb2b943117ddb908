"""What a person meets after sending a form: the errors first, then what happened."""

import re

from e2e.conftest import audit_accessibility
from e2e.test_accounts_flow import _fill_login
from sabor.demo import lyaskovets


def test_after_a_form_error_focus_moves_to_the_error_summary_whose_links_lead_to_the_fields(site, page):
    page.goto(site + "/accounts/signup/")
    page.fill("input[name=email]", "ivana@example.org")
    page.fill("input[name=display_name]", "Ивана Пенева")
    page.fill("input[name=password1]", "lozya-i-vino-2026")
    page.fill("input[name=password2]", "something-else-2026")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    summary = page.locator("main form .error-summary")
    assert summary.count() == 1
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert page.locator(".error-summary [role=alert] h2").inner_text() == "Моля, поправете следното"
    links = summary.locator("a")
    assert links.count() == 1 and links.first.get_attribute("href") == "#id_password2"
    audit_accessibility(page, "signup-errors-bg")
    # By keyboard: the first link of the summary, then to the field it names.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#id_password2"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_password2"


def test_a_back_office_form_error_takes_focus_too(site, page):
    page.goto(site + "/accounts/login/")
    _fill_login(page, "resident@demo.sabor.bg", "wrong password")
    page.wait_for_load_state()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")


def test_a_status_message_is_put_into_its_live_region_after_the_page_is_shown(site, page):
    page.goto(site + "/accounts/login/")
    _fill_login(page, "resident@demo.sabor.bg", lyaskovets.DEMO_PASSWORD)
    page.wait_for_url(re.compile(r"/$"))
    page.goto(site + "/ideas/?sort=supported")
    page.locator("main article a").first.click()
    # Records what is added to a live region once the page is there: what a screen reader announces.
    page.add_init_script("""
        window.announced = [];
        document.addEventListener("DOMContentLoaded", function () {
          new MutationObserver(function (changes) {
            changes.forEach(function (change) {
              var region = change.target.closest("[role=status], [role=alert]");
              if (region && change.addedNodes.length) {
                window.announced.push(region.getAttribute("role") + ": " + region.textContent.trim());
              }
            });
          }).observe(document.body, {childList: true, subtree: true});
        });""")
    page.get_by_role("button", name="Подкрепете идеята").click()
    page.wait_for_load_state()
    assert page.locator(".messages [role=status]").inner_text() == "Благодарим за подкрепата."
    page.wait_for_function("() => window.announced.length > 0")
    assert page.evaluate("window.announced") == ["status: Благодарим за подкрепата."]
    assert page.evaluate("document.activeElement.tagName") == "BODY"  # no error: focus stays where it was
    audit_accessibility(page, "idea-supported")
