import pytest

from e2e.conftest import audit_accessibility

PUBLIC_PATHS = ["/", "/organisations/", "/projects/", "/evaluations/", "/recommendations/", "/reports/",
                "/plans/", "/plans/piro-2021-2027/", "/plans/opr-2014-2020/", "/methodology/", "/accessibility/",
                "/privacy/", "/training/", "/certificates/", "/processes/", "/processes/opr-2014-2020/", "/meetings/",
                "/ideas/", "/ideas/?sort=supported&status=in_plan", "/accounts/login/", "/accounts/signup/",
                "/accounts/password/reset/", "/no-such-page/"]


@pytest.mark.parametrize("language", ["bg", "en"])
def test_public_pages_meet_wcag_21_aa(site, page, language):
    page.goto(site + "/")
    if language == "en":
        page.click("header button[name=language][value=en]")
        page.wait_for_load_state()
    for path in PUBLIC_PATHS:
        page.goto(site + path)
        assert page.locator("html").get_attribute("lang") == language
        audit_accessibility(page, f"public{path.replace('/', '-').rstrip('-') or '-home'}-{language}")
    page.goto(site + "/organisations/")
    page.locator("main article a").first.click()
    audit_accessibility(page, f"organisation-{language}")
    page.goto(site + "/plans/piro-2021-2027/")
    page.locator(".indicator-row a").nth(1).click()
    assert page.locator("svg[role=img]").count() == 1
    assert page.locator("table#data-table tbody tr").count() >= 7
    audit_accessibility(page, f"indicator-{language}")
    page.goto(site + "/projects/")
    page.locator("main table a").first.click()
    audit_accessibility(page, f"project-{language}")
    page.goto(site + "/evaluations/")
    page.locator("main table a").first.click()
    audit_accessibility(page, f"evaluation-{language}")
    page.goto(site + "/training/")
    page.locator("main article a").first.click()
    assert page.locator("svg[role=img]").count() == 2
    audit_accessibility(page, f"training-programme-{language}")
    page.goto(site + "/meetings/")
    page.locator("main ul a").first.click()
    assert page.locator("table#meeting-stats").count() == 1
    audit_accessibility(page, f"meeting-{language}")
    page.goto(site + "/ideas/?sort=commented")
    page.locator("main article a").first.click()
    assert page.locator(".comments li").count() >= 1
    audit_accessibility(page, f"idea-{language}")
    page.goto(site + "/certificates/?code=XXX-AAAA-BBBB")
    audit_accessibility(page, f"certificate-not-found-{language}")


def test_the_skip_link_is_first_and_moves_focus_to_the_content(site, page):
    page.goto(site + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Към съдържанието"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_the_language_switch_works_by_keyboard(site, page):
    page.goto(site + "/")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('lang')") == "en":
            break
    else:
        pytest.fail("The English button was not reached by keyboard")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"


def test_the_home_page_works_on_a_phone(site, phone_page):
    phone_page.goto(site + "/")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways ({width}px)"
    audit_accessibility(phone_page, "home-phone")


def test_the_idea_list_works_on_a_phone(site, phone_page):
    phone_page.goto(site + "/ideas/")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways ({width}px)"
    audit_accessibility(phone_page, "ideas-phone")
