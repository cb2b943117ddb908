"""The interactive pages work under the strict Content-Security-Policy: the browser
reports no violation while a resident looks for similar ideas, staff check people in
at the door and the M&E officer waits for a report being generated."""

import re
from datetime import timedelta

from django.utils import timezone

from e2e.conftest import audit_accessibility
from e2e.test_accounts_flow import _fill_login, _staff_login
from sabor.accounts import testing

# Reported by the page itself (init scripts run outside the page's policy).
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


def _watched(browser, **options):
    """A new page whose CSP violations, and console messages about them, are collected."""
    context = browser.new_context(**options)
    context.add_init_script(LISTEN)
    page = context.new_page()
    page.console_messages = []
    page.on("console", lambda message: page.console_messages.append(message.text)
            if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text else None)
    return page


def _no_violations(page, where: str) -> None:
    violations = page.evaluate("window.__violations") + page.console_messages
    assert violations == [], f"CSP violations on {where}:\n" + "\n".join(violations)


def _policy(response) -> str:
    policy = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy, policy
    assert "camera=()" in response.headers.get("permissions-policy", "")
    return policy


def test_the_interactive_pages_work_under_the_policy(site, browser):
    from sabor.core.models import Municipality
    from sabor.monitoring.models import AnnualReport
    from sabor.participation.models import Meeting
    from sabor.participation.services import processes

    municipality = Municipality.objects.get(slug="lyaskovets")
    starts = timezone.now() + timedelta(hours=1)
    meeting = processes.create_meeting(actor=None, municipality=municipality, kind=Meeting.Kind.PUBLIC_FORUM,
                                       title="Форум под строга политика", starts_at=starts,
                                       ends_at=starts + timedelta(hours=2), address="Читалище", capacity=30,
                                       invited_groups=["residents"])
    newcomer = testing.make_member(municipality, user=testing.make_user("csp@example.org", name="Вера Стоева"))

    # A visitor: public pages (the second visit of a page comes from the page cache).
    visitor = _watched(browser)
    for path in ("/", "/ideas/", f"/meetings/{meeting.pk}/", f"/meetings/{meeting.pk}/", "/ideas/", "/plans/"):
        _policy(visitor.goto(site + path))
        assert visitor.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--primary')").strip()
        _no_violations(visitor, path)

    # A resident registers and proposes an idea; similar ideas appear while typing.
    resident = _watched(browser, viewport={"width": 390, "height": 844}, is_mobile=True)
    resident.goto(site + "/accounts/login/")
    _fill_login(resident, newcomer.email, testing.PASSWORD)
    resident.wait_for_url(re.compile(r"/$"))
    resident.goto(site + f"/meetings/{meeting.pk}/")
    resident.get_by_role("button", name="Регистрирайте се").click()
    _policy(resident.goto(site + "/ideas/new/"))
    resident.get_by_label("Заглавие:").fill("Детска площадка до читалището")
    resident.locator("#similar li").first.wait_for()
    _no_violations(resident, "the idea form")

    # Staff check the resident in at the door.
    staff = _watched(browser, viewport={"width": 1280, "height": 900})
    _staff_login(staff, site, "admin@demo.sabor.bg")
    _policy(staff.goto(site + f"/office/meetings/{meeting.pk}/check-in/"))
    staff.get_by_label("Търсене по име или имейл").fill("Вера")
    staff.get_by_role("button", name="Търси").click()
    staff.get_by_role("button", name="Отбележи присъствие – Вера Стоева").click()
    assert "Вера Стоева: присъствието е отбелязано." in staff.locator(".messages").inner_text()
    _no_violations(staff, "the check-in screen")

    # The M&E officer watches a report being generated: the page asks for its progress.
    report = AnnualReport.objects.create(municipality=municipality, plan=municipality.plans.first(), year=2030,
                                         status=AnnualReport.Status.GENERATING, progress=40)
    officer = _watched(browser, viewport={"width": 1280, "height": 900})
    _staff_login(officer, site, "me@demo.sabor.bg")
    _policy(officer.goto(site + f"/office/reports/{report.pk}/"))
    AnnualReport.objects.filter(pk=report.pk).update(progress=70)
    officer.locator("#report-percent", has_text=re.compile(r"^\s*70\s*$")).wait_for()  # polled and shown
    audit_accessibility(officer, "office-report-generating")
    _no_violations(officer, "the report page")

