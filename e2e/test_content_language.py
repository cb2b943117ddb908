"""WCAG 3.1.2: on English pages, every passage in Bulgarian (what people and the
municipality wrote, names, places) is marked lang="bg", so that a screen reader reads it
in a Bulgarian voice; a resident's own pages too."""

import re

from e2e.site_pages import ACCOUNT_PAGES, public_pages, set_language
from e2e.test_accounts_flow import _fill_login
from sabor.demo import lyaskovets

# Text nodes with Cyrillic letters whose nearest element with a lang attribute is not Bulgarian.
UNMARKED = """() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const found = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!/[\\u0400-\\u04FF]/.test(node.data)) continue;
    const element = node.parentElement;
    if (element.closest('script, style, [hidden], [aria-hidden=true]')) continue;
    const marked = element.closest('[lang]');
    if (!marked || marked.getAttribute('lang') !== 'bg') {
      found.push(element.tagName.toLowerCase() + (element.className ? '.' + element.className : '') + ': '
                 + node.data.trim().slice(0, 50));
    }
  }
  return found;
}"""


def test_bulgarian_passages_on_english_pages_are_marked_bulgarian(site, page):
    set_language(page, site, "en")
    unmarked = {}
    for address, _response in public_pages(page, site):
        if found := page.evaluate(UNMARKED):
            unmarked[address] = found
    page.goto(site + "/accounts/login/")
    _fill_login(page, "resident@demo.sabor.bg", lyaskovets.DEMO_PASSWORD)
    page.wait_for_url(re.compile(r"/$"))
    for address in ACCOUNT_PAGES:
        page.goto(site + address)
        if found := page.evaluate(UNMARKED):
            unmarked[address] = found
    report = [f"{address}: {'; '.join(found[:6])}" for address, found in unmarked.items()]
    assert not unmarked, f"{len(unmarked)} English pages with unmarked Bulgarian:\n" + "\n".join(report)
