"""Browser tests: Debian's Chromium, driven by Playwright, against a live server.

axe-core (vendored from its npm package) audits every page a test visits for WCAG
2.1 AA; screenshots go to e2e/screenshots/ (ignored by git) for people to look at."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls the
# tests make around it are ordinary synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import sync_playwright  # noqa: E402

HERE = Path(__file__).parent
AXE = HERE / "vendor" / "axe-core" / "axe.min.js"
SCREENSHOTS = HERE / "screenshots"
CHROMIUM = os.environ.get("SABOR_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}; install Debian's chromium package.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="bg-BG")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def site(live_server, transactional_db, settings):
    """The Lyaskovets demo served by the live server under its host name."""
    from sabor.demo import lyaskovets

    lyaskovets.load(hosts=["localhost", "127.0.0.1"])
    return live_server.url


# The pages audited during the current test, name → HTML, for the W3C HTML checker.
audited_html: dict[str, str] = {}


@pytest.fixture(autouse=True)
def audited_pages_are_valid_html():
    """Every page a test audits (the flows' back-office pages included) passes the W3C HTML checker."""
    from e2e.html_checker import html_errors

    audited_html.clear()
    yield
    errors = html_errors(audited_html) if audited_html else []
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors[:60])


def audit_accessibility(page, name: str) -> None:
    """Saves a screenshot and fails on any WCAG 2.1 A/AA violation axe-core finds; keeps the
    page's HTML for the HTML checker, which runs once the test is over."""
    audited_html[name] = page.content()
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    # Evaluated through the DevTools protocol: an injected <script> would be refused by the
    # Content-Security-Policy, which lets only Sabor's own files run.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(node["target"][0] for node in v["nodes"][:5])
        for v in result["violations"]
    ]
    assert not violations, f"axe found WCAG violations on {name} ({page.url}):\n" + "\n".join(violations)
