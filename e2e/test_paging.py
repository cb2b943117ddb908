"""Every paged list, followed as a person would: "Next" shows other rows and says page 2,
"Previous" comes back. The lists are found by the pager template they include, so a new
paged list without a row here fails the test."""

import re
from pathlib import Path

from e2e.conftest import audit_accessibility
from e2e.test_accounts_flow import _fill_login, _staff_login
from sabor.accounts import testing

TEMPLATES = Path(__file__).resolve().parent.parent / "sabor" / "templates"
ROWS = "main article.card, main tbody tr, main ul.notifications li"

# address → the template that renders it
PUBLIC = {"/ideas/": "participation/idea_list.html", "/projects/": "planning/project_list.html",
          "/organisations/": "accounts/organisation_list.html",
          "/notifications/": "participation/notifications.html"}
OFFICE = {"/office/people/": "accounts/office/people_list.html",
          "/office/organisations/": "accounts/office/organisation_list.html",
          "/office/ideas/": "participation/office/ideas.html", "/office/audit/": "core/office/audit_log.html"}


def _paged_templates() -> set[str]:
    return {str(path.relative_to(TEMPLATES)) for path in TEMPLATES.rglob("*.html")
            if "core/_pagination.html" in path.read_text()}


def _fill(municipality) -> None:
    """More rows than one page of each list holds."""
    from sabor.accounts import services as accounts
    from sabor.participation.services import notifications
    from sabor.participation.testing import make_idea
    from sabor.planning.services import projects

    author = testing.make_member(municipality)
    for n in range(55):
        make_idea(municipality, author, title=f"Идея за страниците {n:02}")
        accounts.create_organisation(actor=None, municipality=municipality, name=f"Сдружение {n:02}", kind="ngo")
        testing.make_member(municipality)
    for n in range(25):
        projects.create_project(actor=None, municipality=municipality, title=f"Проект за страниците {n:02}")
    reader = testing.make_member(municipality, user=testing.make_user("reader@example.org"))
    notifications.notify(users=[reader] * 35, municipality=municipality,
                         message=lambda user: "Нова идея в Лясковец", url="/ideas/")


def _rows(page) -> list[str]:
    return [row.inner_text() for row in page.locator(ROWS).all()]


def _follow_next_and_back(page, site, path) -> None:
    page.goto(site + path)
    first = _rows(page)
    assert first, f"{path} shows no rows"
    page.locator("nav.pagination a[rel=next]").click()
    page.wait_for_load_state()
    assert re.search(r"[?&]page=2(&|$)", page.url), f"Next on {path} led to {page.url}"
    assert "Страница 2 от" in page.locator("nav.pagination").inner_text(), f"{path}: Next did not show page 2"
    second = _rows(page)
    assert second and second != first, f"{path}: page 2 shows the rows of page 1"
    page.locator("nav.pagination a[rel=prev]").click()
    page.wait_for_load_state()
    assert "Страница 1 от" in page.locator("nav.pagination").inner_text()
    assert _rows(page) == first, f"{path}: Previous did not come back to page 1"


def test_every_paged_list_moves_to_page_2_and_back(site, browser):
    from sabor.core.models import Municipality

    assert _paged_templates() == set(PUBLIC.values()) | set(OFFICE.values()), \
        "a list includes the pager but is not followed here"
    _fill(Municipality.objects.get(slug="lyaskovets"))

    reader = browser.new_context(viewport={"width": 1280, "height": 900}, locale="bg-BG").new_page()
    reader.goto(site + "/accounts/login/")
    _fill_login(reader, "reader@example.org", testing.PASSWORD)
    reader.wait_for_url(site + "/")
    for path in PUBLIC:
        _follow_next_and_back(reader, site, path)
    reader.goto(site + "/ideas/?sort=oldest&page=2")
    audit_accessibility(reader, "idea-list-page-2")

    staff = browser.new_context(viewport={"width": 1280, "height": 900}, locale="bg-BG").new_page()
    _staff_login(staff, site, "admin@demo.sabor.bg")
    for path in OFFICE:
        _follow_next_and_back(staff, site, path)
