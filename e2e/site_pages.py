"""Every public page of the demo, found as a visitor finds them: from the home page and a
few addresses no link leads to (a certificate code, a filtered list, a missing page), by
following each link on each page. Class tests (reflow, language marking, the HTML
checker) run their check on each page as it is visited."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve

SEEDS = ["/", "/ideas/?sort=supported&status=in_plan", "/ideas/?sort=commented", "/certificates/?code=XXX-AAAA-BBBB",
         "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/", "/no-such-page/"]
# Files, feeds and downloads are not pages; the back office, the admin and the language switch are not public.
NOT_PAGES = (".ics", ".pdf", ".csv", ".xlsx", ".docx", ".json", ".xml", ".svg", ".png", ".jpg")
NOT_PUBLIC = ("/office/", "/admin/", "/i18n/", "/accounts/logout/", "/media/", "/static/", "/api/")
# Public views each crawl must reach, so that a page lost from the links is noticed.
PUBLIC_VIEWS = {"portal:home", "core:accessibility", "core:privacy", "accounts:organisation_list",
                "accounts:organisation_detail", "planning:plan_list", "monitoring:plan_detail",
                "monitoring:methodology", "planning:project_list", "planning:project_detail",
                "monitoring:evaluation_list", "monitoring:evaluation_detail", "monitoring:recommendation_list",
                "monitoring:report_list", "monitoring:indicator_detail", "training:programme_list",
                "training:programme_detail", "training:verify", "participation:process_list",
                "participation:process_detail", "participation:meeting_list", "participation:meeting_detail",
                "participation:idea_list", "participation:idea_detail", "account_login", "account_signup",
                "account_reset_password"}
# A signed-in resident's own pages.
ACCOUNT_PAGES = ["/account/profile/", "/account/delete/", "/training/mine/", "/notifications/", "/ideas/new/"]

LINKS = "Array.from(document.querySelectorAll('a[href]'), a => a.href)"


def set_language(page, site: str, language: str) -> None:
    page.goto(site + "/")
    if language != "bg":
        page.click(f"header button[name=language][value={language}]")
        page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == language


def _view_name(path: str) -> str | None:
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def public_pages(page, site: str, *, extra: tuple[str, ...] = ()) -> Iterator[tuple[str, Any]]:
    """Opens every public page in `page`, yielding its address and response once it has loaded."""
    from sabor.training.models import Certificate

    certificate = Certificate.objects.order_by("pk").first()
    queue = [*SEEDS, *extra] + ([f"/certificates/?code={certificate.code}"] if certificate else [])
    seen_paths: set[str] = set()
    queued = set(queue)
    views: set[str] = set()
    while queue:
        address = queue.pop(0)
        response = page.goto(site + address)
        assert response is not None and response.status < 500, f"{address} answered {response and response.status}"
        views.add(_view_name(urlsplit(address).path) or "")
        yield address, response
        for link in page.evaluate(LINKS):
            parts = urlsplit(link)
            if f"{parts.scheme}://{parts.netloc}" != site or parts.path in seen_paths:
                continue
            if parts.path.endswith(NOT_PAGES) or parts.path.startswith(NOT_PUBLIC):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target not in queued:
                queued.add(target)
                seen_paths.add(parts.path)
                queue.append(target)
    missing = PUBLIC_VIEWS - views
    assert not missing, f"no link led to {sorted(missing)}"
