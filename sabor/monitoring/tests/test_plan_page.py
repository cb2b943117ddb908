from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.monitoring import services
from sabor.monitoring.testing import make_indicator, make_plan, verified
from sabor.planning import services as planning

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(municipality):
    return {"clerk": testing.make_member(municipality, Role.STAFF),
            "officer": testing.make_member(municipality, Role.ME_OFFICER)}


@pytest.fixture
def plan(municipality):
    return make_plan(municipality)


def _grow(municipality, plan, people, goals: int, per_measure: int, first: int = 0):
    for g in range(first, first + goals):
        goal = planning.add_node(actor=None, plan=plan, parent=None, title=f"Цел {g}")
        measure = planning.add_node(actor=None, plan=plan, parent=goal, title=f"Мярка {g}")
        for i in range(per_measure):
            indicator = make_indicator(municipality, measure, code=f"G{g}-{i}")
            verified(indicator, 2023, "10.5", entered_by=people["clerk"], verified_by=people["officer"])


def test_the_plan_page_shows_the_tree_with_progress_and_status(client_for, municipality, plan, people):
    goal = planning.add_node(actor=None, plan=plan, parent=None, title="Растеж")
    indicator = make_indicator(municipality, goal, code="П2")  # unemployment 12 → 8 by 2027
    verified(indicator, 2024, 10, entered_by=people["clerk"], verified_by=people["officer"])
    response = client_for("alpha.test").get("/plans/piro/?year=2024")
    assert response.status_code == 200
    root = response.context["roots"][0]
    assert root.progress == Decimal("0.5") and root.status == "behind"
    body = response.content.decode()
    assert "Растеж" in body and "П2" in body and "50%" in body
    assert "<script>x</script>" not in body and "&lt;script&gt;x&lt;/script&gt;" in body


def test_unverified_values_do_not_count(client_for, municipality, plan, people):
    goal = planning.add_node(actor=None, plan=plan, parent=None, title="Растеж")
    indicator = make_indicator(municipality, goal)
    measurement = services.save_measurement(actor=people["clerk"], indicator=indicator, period=2024,
                                            value=Decimal(10))
    services.submit_measurement(actor=people["clerk"], measurement=measurement)
    root = client_for("alpha.test").get("/plans/piro/?year=2024").context["roots"][0]
    assert root.status == "no_data" and root.without_data == 1


def test_a_year_outside_the_plan_is_refused_with_a_message(client_for, municipality, plan):
    response = client_for("alpha.test").get("/plans/piro/?year=1999")
    assert response.status_code == 400
    assert response.context["form"].messages


def test_a_hidden_plan_is_not_found(client_for, municipality, plan):
    plan.is_public = False
    plan.save()
    assert client_for("alpha.test").get("/plans/piro/").status_code == 404
    assert "ПИРО" not in client_for("alpha.test").get("/plans/").content.decode()


def test_the_indicator_page_has_a_chart_with_a_data_table(client_for, municipality, plan, people):
    goal = planning.add_node(actor=None, plan=plan, parent=None, title="Растеж")
    indicator = make_indicator(municipality, goal)
    for year, value in ((2021, "11.6"), (2022, "11"), (2023, "10.4")):
        verified(indicator, year, value, entered_by=people["clerk"], verified_by=people["officer"])
    response = client_for("alpha.test").get(f"/indicators/{indicator.pk}/?year=2023")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<svg viewBox="0 0 640 300" role="img"' in body and 'aria-describedby="data-table"' in body
    assert '<table id="data-table">' in body
    assert response.context["report"].forecast.will_meet  # 0.6 points a year reaches 8 by 2027
    assert "10,4" in body  # Bulgarian decimal comma in the table


def test_the_plan_page_runs_the_same_queries_for_few_and_many_indicators(client_for, municipality, plan, people,
                                                                        django_capture_on_commit_callbacks):
    client = client_for("alpha.test")
    with django_capture_on_commit_callbacks(execute=True):
        _grow(municipality, plan, people, goals=1, per_measure=2)
    with CaptureQueriesContext(connection) as few:
        client.get("/plans/piro/?year=2023")
    with django_capture_on_commit_callbacks(execute=True):
        _grow(municipality, plan, people, goals=4, per_measure=6, first=1)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/plans/piro/?year=2023")
    assert response.context["roots"] is not None  # computed afresh, not served from the cache
    assert len(many) == len(few)


def test_the_plan_page_is_cached_until_its_data_changes(client_for, municipality, plan, people,
                                                        django_capture_on_commit_callbacks):
    goal = planning.add_node(actor=None, plan=plan, parent=None, title="Растеж")
    indicator = make_indicator(municipality, goal)
    client = client_for("alpha.test")
    assert client.get("/plans/piro/?year=2024").context["roots"] is not None
    cached = client.get("/plans/piro/?year=2024")
    assert cached.context["roots"] is None and "няма данни" in cached.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        verified(indicator, 2024, 10, entered_by=people["clerk"], verified_by=people["officer"])
    fresh = client.get("/plans/piro/?year=2024")
    assert fresh.context["roots"][0].progress == Decimal("0.5")
    assert "50%" in fresh.content.decode()


def test_the_indicator_page_runs_the_same_queries_for_few_and_many_values(client_for, municipality, plan, people):
    client = client_for("alpha.test")
    goal = planning.add_node(actor=None, plan=plan, parent=None, title="Растеж")
    indicator = make_indicator(municipality, goal, targets={2024: 10, 2027: 8})
    verified(indicator, 2021, "11.6", entered_by=people["clerk"], verified_by=people["officer"])
    with CaptureQueriesContext(connection) as few:
        client.get(f"/indicators/{indicator.pk}/")
    for year in (2022, 2023, 2024, 2025):
        verified(indicator, year, "10", entered_by=people["clerk"], verified_by=people["officer"])
    with CaptureQueriesContext(connection) as many:
        client.get(f"/indicators/{indicator.pk}/")
    assert len(many) == len(few)


def test_a_change_rebuilds_the_page_in_the_background_once(client_for, municipality, plan, people,
                                                            django_capture_on_commit_callbacks, monkeypatch):
    from sabor.monitoring.services import plan_page as pages

    warmed = []
    real = pages.warm_plan_page

    class Recorder:
        enqueue = staticmethod(warmed.append)

    monkeypatch.setattr(pages, "warm_plan_page", Recorder)
    goal = planning.add_node(actor=None, plan=plan, parent=None, title="Растеж")
    with django_capture_on_commit_callbacks(execute=True):
        indicator = make_indicator(municipality, goal)
        for year in (2021, 2022, 2023):
            verified(indicator, year, 11, entered_by=people["clerk"], verified_by=people["officer"])
    assert warmed == [plan.pk]
    real.call(plan.pk)
    response = client_for("alpha.test").get("/plans/piro/")  # the default year, warmed just now
    assert response.context["roots"] is None
    assert "Растеж" in response.content.decode()


def test_the_tree_escapes_what_people_typed(client_for, municipality, plan, people):
    goal = planning.add_node(actor=None, plan=plan, parent=None, title=f"Цел {testing.XSS}")
    make_indicator(municipality, goal, code="X<1>", name=f"Показател {testing.XSS}")
    body = client_for("alpha.test").get("/plans/piro/").content.decode()
    assert testing.XSS not in body and escape(testing.XSS) in body
    assert "Цел &lt;script&gt;" in body and "X&lt;1&gt;" in body


def test_the_tree_reads_the_same_values_as_the_indicator_page(municipality, plan, people):
    """The tree reads values as the database driver gives them and converts them itself;
    the indicator page goes through the ORM. Both must agree, decimals, fractions and
    assessments alike, and a later value must not count for an earlier year."""
    from sabor.monitoring.models import Indicator
    from sabor.monitoring.selectors import indicator_report, plan_report, with_report_data

    goal = planning.add_node(actor=None, plan=plan, parent=None, title="Растеж")
    number = make_indicator(municipality, goal, code="Ч", aggregation=Indicator.AggregationChoice.SUM,
                            direction=Indicator.DirectionChoice.INCREASE, baseline_value=Decimal(0),
                            targets={2027: Decimal("0.7")})
    share = make_indicator(municipality, goal, code="Д", kind=Indicator.Kind.PERCENTAGE,
                           direction=Indicator.DirectionChoice.INCREASE, baseline_value=Decimal(10),
                           targets={2027: Decimal(50)})
    quality = make_indicator(municipality, goal, code="К", kind=Indicator.Kind.QUALITATIVE)
    for year, value in ((2022, "0.1"), (2023, "0.2"), (2024, "0.0001"), (2025, "123456789.1234")):
        verified(number, year, value, entered_by=people["clerk"], verified_by=people["officer"])
    verified(share, 2023, numerator=Decimal(1), denominator=Decimal(3), entered_by=people["clerk"],
             verified_by=people["officer"])
    verified(quality, 2023, assessment="partly", entered_by=people["clerk"], verified_by=people["officer"])

    tree = {report.indicator.pk: report for report in plan_report(plan, 2024)[0].indicators}
    for indicator in with_report_data(Indicator.objects.filter(pk__in=[number.pk, share.pk, quality.pk])):
        alone = indicator_report(indicator, 2024, first_year=plan.start_year - 1)
        assert (tree[indicator.pk].value, tree[indicator.pk].progress) == (alone.value, alone.progress)
    assert tree[number.pk].value == Decimal("0.3001")  # 2025 is later than 2024
    assert tree[share.pk].value == Decimal("33.3333")  # stored from 1 ÷ 3 to four places
