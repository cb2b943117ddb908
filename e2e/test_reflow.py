"""WCAG 1.4.10: every public page, in both languages, reads at 320 CSS pixels wide without
scrolling sideways (wide tables scroll inside their own box)."""

import re

import pytest

from e2e.site_pages import ACCOUNT_PAGES, public_pages, set_language
from e2e.test_accounts_flow import _fill_login
from sabor.demo import lyaskovets

# What sticks out: the outermost elements whose right edge passes the window, outside any box that scrolls.
CULPRITS = """(width) => {
  const out = [];
  for (const element of document.body.querySelectorAll('*')) {
    const box = element.getBoundingClientRect();
    if (box.right <= width + 0.5 || box.width === 0) continue;
    let inside = false;
    for (let up = element.parentElement; up; up = up.parentElement) {
      const style = getComputedStyle(up);
      if (['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX)) { inside = true; break; }
    }
    const parent = element.parentElement && element.parentElement.getBoundingClientRect();
    if (!inside && !(parent && parent.right > width + 0.5)) {
      const classes = element.className ? '.' + String(element.className).split(' ').join('.') : '';
      out.push(element.tagName.toLowerCase() + classes + ' (' + Math.round(box.right) + 'px)');
    }
  }
  return out.slice(0, 4);
}"""


def _too_wide(page, address: str) -> str | None:
    width = page.evaluate("document.documentElement.scrollWidth")
    if width <= 320:
        return None
    return f"{address}: {width}px — " + ", ".join(page.evaluate(CULPRITS, 320))


@pytest.mark.parametrize("language", ["bg", "en"])
def test_every_public_page_reflows_at_320_px(site, browser, language):
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="bg-BG")
    page = context.new_page()
    set_language(page, site, language)
    visited, too_wide = 0, []
    for address, _response in public_pages(page, site):
        visited += 1
        too_wide.append(_too_wide(page, address))
    page.goto(site + "/accounts/login/")
    _fill_login(page, "resident@demo.sabor.bg", lyaskovets.DEMO_PASSWORD)
    page.wait_for_url(re.compile(r"/$"))
    for address in ACCOUNT_PAGES:
        assert page.goto(site + address).ok
        too_wide.append(_too_wide(page, address))
    context.close()
    too_wide = [line for line in too_wide if line]
    assert visited > 100
    assert not too_wide, f"{len(too_wide)} pages scroll sideways at 320px:\n" + "\n".join(too_wide)
