"""Targets against results reach the monitoring module as live indicator values."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.monitoring import services as monitoring
from sabor.monitoring.models import Measurement
from sabor.monitoring.testing import make_indicator, make_plan
from sabor.planning import services as planning
from sabor.training.selectors import targets_vs_results, totals
from sabor.training.services import attendance, completion, programmes
from sabor.training.testing import enrol, make_programme, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def trained_indicator(municipality):
    """ОПР 2014–2020 with an output indicator counting the people a programme trained."""
    plan = make_plan(municipality, slug="opr", short_name="ОПР 2014–2020", start_year=2014, end_year=2020)
    node = planning.add_node(actor=None, plan=plan, parent=None, title="Добро управление")
    programme = make_programme(municipality, final_test_required=False, min_attendance_percent=0)
    for group, target in (("administration", 10), ("council", 3), ("civil_society", 5)):
        programmes.set_target(actor=None, programme=programme, stakeholder_group=group, target=target)
    make_session(programme)
    indicator = make_indicator(municipality, node, code="О7", targets={2014: 18}, baseline_value=0,
                               baseline_year=2013, direction="increase", aggregation="sum",
                               live_source="training.trained", live_key=str(programme.pk))
    return programme, indicator


def test_people_trained_become_the_indicators_verified_values_by_year(trained_indicator):
    programme, indicator = trained_indicator
    for n in range(4):
        enrol(programme, name=f"Служител {n}")
    completion.complete(actor=None, programme=programme, on=date(2014, 6, 30))
    late = enrol(programme, name="Късен")
    attendance.record_attendance(actor=None, session=programme.sessions.get(), present={late.pk})
    completion.complete(actor=None, programme=programme, on=date(2015, 2, 1))
    values = {m.period: (m.value, m.status) for m in indicator.measurements.all()}
    assert values == {2014: (Decimal(4), "verified"), 2015: (Decimal(1), "verified")}
    assert "Обучение: обучени" in indicator.measurements.first().source


def test_a_count_per_stakeholder_group_counts_only_that_group(municipality, trained_indicator):
    programme, indicator = trained_indicator
    monitoring.update_indicator(actor=None, indicator=indicator, live_key=f"{programme.pk}:council")
    enrol(programme, name="Съветник", group="council")
    enrol(programme, name="Служител", group="administration")
    completion.complete(actor=None, programme=programme, on=date(2014, 6, 30))
    assert list(indicator.measurements.values_list("period", "value")) == [(2014, Decimal(1))]


def test_values_of_a_live_indicator_cannot_be_typed_over(trained_indicator):
    _programme, indicator = trained_indicator
    with pytest.raises(ValidationError, match="изчисляват|computed") as error:
        monitoring.save_measurement(actor=None, indicator=indicator, period=2014, value=Decimal(99))
    assert error.value.code == "computed"
    assert not Measurement.objects.filter(value=99).exists()


def test_linking_an_indicator_replaces_the_values_typed_before(municipality):
    plan = make_plan(municipality, slug="opr", start_year=2014, end_year=2020)
    node = planning.add_node(actor=None, plan=plan, parent=None, title="Цел")
    indicator = make_indicator(municipality, node, code="О8", baseline_value=0, baseline_year=2013,
                               direction="increase", targets={2014: 8})
    typed = monitoring.save_measurement(actor=None, indicator=indicator, period=2016, value=Decimal(7))
    programme = make_programme(municipality, final_test_required=False, min_attendance_percent=0)
    make_session(programme)
    enrol(programme)
    completion.complete(actor=None, programme=programme, on=date(2014, 5, 5))
    monitoring.update_indicator(actor=None, indicator=indicator, live_source="training.trained",
                                live_key=str(programme.pk))
    assert not Measurement.objects.filter(pk=typed.pk).exists()
    assert list(indicator.measurements.values_list("period", "value")) == [(2014, Decimal(1))]


def test_an_unknown_source_or_a_programme_of_another_town_is_refused(municipality, other_municipality):
    foreign = make_programme(other_municipality)
    for source, key in (("training.nothing", "1"), ("training.trained", str(foreign.pk))):
        with pytest.raises(ValidationError) as error:
            make_indicator(municipality, code=f"X{key}", live_source=source, live_key=key)
        # Monitoring gives the field, not a code (its ValidationError takes a dict of plain messages).
        assert list(error.value.error_dict) == ["live_source"]


def test_the_indicator_form_offers_the_programmes_and_saves_the_choice(client_for, municipality, trained_indicator):
    programme, indicator = trained_indicator
    officer = testing.make_member(municipality, Role.ME_OFFICER)
    client = client_for("alpha.test", officer)
    page = client.get(f"/office/indicators/{indicator.pk}/edit/").content.decode()
    assert f'value="training.enrolled|{programme.pk}:council"' in page
    assert f'value="training.trained|{programme.pk}" selected' in page


def test_targets_against_results_per_group(municipality, trained_indicator):
    programme, _indicator = trained_indicator
    for group in ["administration"] * 10 + ["council"] * 2 + ["civil_society"] * 6:
        enrol(programme, group=group, name=group)
    completion.complete(actor=None, programme=programme)
    enrol(programme, group="business", name="Фирма")
    rows = {row.group: row for row in targets_vs_results(programme)}
    assert (rows["administration"].target, rows["administration"].trained, rows["administration"].met) == (
        10, 10, True)
    assert (rows["council"].trained, rows["council"].met) == (2, False)
    assert (rows["business"].target, rows["business"].enrolled, rows["business"].trained) == (None, 1, 0)
    total = totals(list(rows.values()))
    assert (total.target, total.enrolled, total.trained) == (18, 19, 18)
