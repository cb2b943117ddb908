"""The W3C HTML checker finds no error on any public page, in either language, nor on a
resident's own pages. It reads the HTML as the server sent it (the browser's DOM would
hide what its parser repaired). Back-office pages are checked as the flows visit them
(conftest.audit_accessibility)."""

import re

import pytest

from e2e.html_checker import html_errors
from e2e.site_pages import ACCOUNT_PAGES, public_pages, set_language
from e2e.test_accounts_flow import _fill_login
from sabor.demo import lyaskovets


@pytest.mark.parametrize("language", ["bg", "en"])
def test_every_public_page_passes_the_w3c_html_checker(site, page, language):
    set_language(page, site, language)
    sources = {address: response.text() for address, response in public_pages(page, site)}
    page.goto(site + "/accounts/login/")
    _fill_login(page, "resident@demo.sabor.bg", lyaskovets.DEMO_PASSWORD)
    page.wait_for_url(re.compile(r"/$"))
    for address in ACCOUNT_PAGES:
        sources[address] = page.goto(site + address).text()
    errors = html_errors(sources)
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors[:60])
