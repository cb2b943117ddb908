"""The home page and the overview show each app's cards once, each on its own page."""

import pytest

from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.core.registry import _cards
from sabor.portal.views import HOME_SECTIONS, OFFICE_SECTIONS

pytestmark = pytest.mark.django_db


def test_no_section_is_on_both_pages():
    assert not set(HOME_SECTIONS) & set(OFFICE_SECTIONS)
    placed = set(HOME_SECTIONS) | set(OFFICE_SECTIONS)
    assert {card.key for card in _cards.values() if card.section not in placed} == set(), \
        "a card registered for a section no page shows"


def test_the_home_page_shows_the_public_facts_once_and_none_of_the_overviews(client_for, municipality):
    testing.make_organisation(municipality)
    testing.make_settlement(municipality, population=1200, population_year=2021)
    body = client_for("alpha.test").get("/").content.decode()
    # The territory's settlements and residents, the organisations and the registered participants.
    assert body.count('class="stat"') == 4
    assert body.count("регистрирани участници") == 1 and "регистрирани души" not in body
    assert "Последни промени" not in body and "Хора по заинтересовани групи" not in body


def test_the_overview_shows_its_own_facts_and_none_of_the_home_pages(client_for, municipality):
    administrator = testing.make_member(municipality, Role.ADMINISTRATOR)
    body = client_for("alpha.test", administrator).get("/office/").content.decode()
    # The registered people and the organisations, then the table of people by group.
    assert body.count('class="stat"') == 2
    assert "регистриран човек" in body and "регистрирани участници" not in body and "жители" not in body
    assert "Хора по заинтересовани групи" in body and "Последни промени" in body
