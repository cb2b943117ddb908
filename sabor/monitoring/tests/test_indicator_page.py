"""What a visitor reads on the indicator and plan pages: percentages rounded as people
round, range and qualitative indicators in words, and the year the page shows."""

import re
from decimal import Decimal

import pytest

from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.core.numbers import percent
from sabor.core.templatetags.sabor import num
from sabor.monitoring import progress as m
from sabor.monitoring.models import Indicator
from sabor.monitoring.testing import make_indicator, make_plan, verified
from sabor.planning import selectors
from sabor.planning import services as planning

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(municipality):
    return {"clerk": testing.make_member(municipality, Role.STAFF),
            "officer": testing.make_member(municipality, Role.ME_OFFICER)}


@pytest.fixture
def goal(municipality):
    return planning.add_node(actor=None, plan=make_plan(municipality), parent=None, title="Растеж")


def _facts(body: str) -> str:
    """The "where it stands" list, tags removed."""
    section = body.split('<dl class="facts">', 1)[1].split("</dl>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section))


def _selected_year(body: str) -> str:
    select = re.search(r'<select name="year"[^>]*>(.*?)</select>', body, re.S).group(1)
    return re.search(r'<option value="(\d+)" selected>', select).group(1)


@pytest.mark.parametrize(("part", "whole", "expected"), [
    (Decimal("0.625"), 1, 63), (Decimal("0.615"), 1, 62), (Decimal("0.125"), 1, 13), (Decimal("-0.125"), 1, -13),
    (5, 8, 63), (1, 3, 33), (Decimal("0.004"), 1, 0), (None, 1, None), (1, 0, None)])
def test_percentages_round_half_up(part, whole, expected):
    assert percent(part, whole) == expected


def test_numbers_round_half_up_too():
    assert num(Decimal("2.5"), 0) == "3"
    assert num(Decimal("0.125")) == "0,13"


def test_the_pages_show_62_5_percent_as_63(client_for, municipality, goal, people):
    indicator = make_indicator(municipality, goal, direction="increase", baseline_value=Decimal(0),
                               targets={2027: 8})
    verified(indicator, 2024, 5, entered_by=people["clerk"], verified_by=people["officer"])  # 5 of 8: 62.5 %
    client = client_for("alpha.test")
    assert "63%" in _facts(client.get(f"/indicators/{indicator.pk}/?year=2024").content.decode())
    tree = client.get("/plans/piro/?year=2024").content.decode()
    assert '<span class="num">63%</span>' in tree and '<span class="num">62%</span>' not in tree


def test_a_range_indicator_shows_its_range_and_whether_the_value_is_inside(client_for, municipality, goal,
                                                                          people):
    indicator = make_indicator(municipality, goal, code="П20", unit="души", direction="range",
                               baseline_value=None, range_low=Decimal(12000), targets={})
    verified(indicator, 2023, 11500, entered_by=people["clerk"], verified_by=people["officer"])
    verified(indicator, 2024, 12500, entered_by=people["clerk"], verified_by=people["officer"])
    client = client_for("alpha.test")
    facts = _facts(client.get(f"/indicators/{indicator.pk}/?year=2024").content.decode())
    assert re.search(r"Допустими граници ≥ 12\s000 души", facts.replace("\xa0", " "))
    assert "в допустимите граници" in facts and "%" not in facts
    assert "под допустимите граници" in _facts(client.get(f"/indicators/{indicator.pk}/?year=2023").content.decode())
    assert "в допустимите граници" in client.get("/plans/piro/?year=2024").content.decode()

    planning_range = make_indicator(municipality, goal, code="П21", direction="range", baseline_value=None,
                                    range_low=Decimal(20), range_high=Decimal(25), targets={})
    verified(planning_range, 2024, 27, entered_by=people["clerk"], verified_by=people["officer"])
    facts = _facts(client.get(f"/indicators/{planning_range.pk}/?year=2024").content.decode())
    assert "между 20 и 25" in facts and "над допустимите граници" in facts


def test_met_and_exceeded_targets_are_said_in_words(client_for, municipality, goal, people):
    met = make_indicator(municipality, goal, code="П22", direction="increase", baseline_value=Decimal(0),
                         targets={2024: 6})
    exceeded = make_indicator(municipality, goal, code="П23", direction="increase", baseline_value=Decimal(0),
                              targets={2024: 6})
    verified(met, 2024, 6, entered_by=people["clerk"], verified_by=people["officer"])
    verified(exceeded, 2024, 9, entered_by=people["clerk"], verified_by=people["officer"])
    client = client_for("alpha.test")
    assert "целта е постигната" in _facts(client.get(f"/indicators/{met.pk}/?year=2024").content.decode())
    facts = _facts(client.get(f"/indicators/{exceeded.pk}/?year=2024").content.decode())
    assert "целта е надхвърлена" in facts and "150%" in facts


@pytest.mark.parametrize(("progress", "actual", "direction", "low", "high", "expected"), [
    (Decimal(1), None, "increase", None, None, m.Outcome.MET),
    (Decimal("1.5"), None, "decrease", None, None, m.Outcome.EXCEEDED),
    (Decimal("0.99"), None, "increase", None, None, None),
    (None, Decimal(22), "range", Decimal(20), Decimal(25), m.Outcome.INSIDE),
    (None, Decimal(20), "range", Decimal(20), Decimal(25), m.Outcome.INSIDE),
    (None, Decimal(19), "range", Decimal(20), None, m.Outcome.BELOW),
    (None, Decimal(27), "range", None, Decimal(25), m.Outcome.ABOVE),
    (None, None, "range", Decimal(20), None, None)])
def test_outcomes_of_the_worked_examples(progress, actual, direction, low, high, expected):
    assert m.outcome(progress=progress, actual=actual, direction=m.Direction(direction), low=low,
                     high=high) == expected


def test_a_qualitative_indicator_shows_its_assessments_not_a_percentage(client_for, municipality, goal, people):
    indicator = make_indicator(municipality, goal, code="П30", kind=Indicator.Kind.QUALITATIVE, unit="оценка",
                               baseline_value=None, direction="increase")
    verified(indicator, 2023, assessment="not_achieved", note="Няма приета наредба",
             entered_by=people["clerk"], verified_by=people["officer"])
    verified(indicator, 2024, assessment="partly", note="Наредбата е приета на първо четене",
             entered_by=people["clerk"], verified_by=people["officer"])
    client = client_for("alpha.test")
    body = client.get(f"/indicators/{indicator.pk}/?year=2024").content.decode()
    facts = _facts(body)
    assert "частично постигнат (2024): Наредбата е приета на първо четене" in facts
    assert "Целева стойност постигнат (2027)" in facts
    assert "%" not in facts and "None" not in facts and "0,5" not in facts
    assert 'role="img"' not in body  # a table of assessments, not a chart of scores
    table = body.split('id="assessments-heading"', 1)[1]
    assert table.index("2024") < table.index("2023")
    assert "непостигнат" in table and "Няма приета наредба" in table
    tree = client.get("/plans/piro/?year=2024").content.decode()
    row = tree.split("П30", 1)[1].split("</li>", 1)[0]
    assert "частично постигнат" in row and "%" not in row


def test_the_year_selector_shows_the_year_of_the_page_and_filter_keeps_it(client_for, municipality, goal, people):
    indicator = make_indicator(municipality, goal)
    client = client_for("alpha.test")
    year = selectors.default_year(goal.plan)
    assert year != goal.plan.start_year  # else the test could not tell the two apart
    for path in ("/plans/piro/", f"/indicators/{indicator.pk}/"):
        response = client.get(path)
        body = response.content.decode()
        assert response.context["year"] == year
        assert _selected_year(body) == str(year)
        filtered = client.get(path, {"year": _selected_year(body)})  # "Filter" sends what the selector shows
        assert filtered.context["year"] == year
        assert _selected_year(filtered.content.decode()) == str(year)
