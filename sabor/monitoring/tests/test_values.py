from decimal import Decimal

import pytest

from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.core.models import AuditEntry
from sabor.monitoring import services
from sabor.monitoring.models import Indicator, Measurement
from sabor.monitoring.testing import make_indicator, make_plan, raises_code
from sabor.planning import services as planning

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator(municipality):
    plan = make_plan(municipality)
    goal = planning.add_node(actor=None, plan=plan, parent=None, title="Икономика")
    return make_indicator(municipality, goal)


def test_a_value_goes_from_draft_to_verified_and_every_step_is_logged(municipality, indicator):
    clerk = testing.make_member(municipality, Role.STAFF)
    officer = testing.make_member(municipality, Role.ME_OFFICER)
    measurement = services.save_measurement(actor=clerk, indicator=indicator, period=2023, value=Decimal("10.4"),
                                            source="Бюро по труда")
    assert measurement.status == Measurement.Status.DRAFT
    services.submit_measurement(actor=clerk, measurement=measurement)
    services.verify_measurement(actor=officer, measurement=measurement)
    measurement.refresh_from_db()
    assert (measurement.status, measurement.verified_by) == (Measurement.Status.VERIFIED, officer)
    actions = list(AuditEntry.objects.filter(object_id=str(measurement.pk), action__startswith="measurement.")
                   .values_list("action", flat=True))
    assert sorted(actions) == ["measurement.saved", "measurement.submitted", "measurement.verified"]


def test_whoever_entered_a_value_cannot_verify_it(municipality, indicator):
    officer = testing.make_member(municipality, Role.ME_OFFICER)
    measurement = services.save_measurement(actor=officer, indicator=indicator, period=2023, value=Decimal(10))
    services.submit_measurement(actor=officer, measurement=measurement)
    with raises_code("own_measurement") as error:
        services.verify_measurement(actor=officer, measurement=measurement)
    assert error.value.code == "own_measurement"


def test_a_returned_value_can_be_corrected_and_submitted_again(municipality, indicator):
    clerk = testing.make_member(municipality, Role.STAFF)
    officer = testing.make_member(municipality, Role.ME_OFFICER)
    measurement = services.save_measurement(actor=clerk, indicator=indicator, period=2023, value=Decimal(10))
    services.submit_measurement(actor=clerk, measurement=measurement)
    with raises_code("reason_required"):
        services.return_measurement(actor=officer, measurement=measurement, reason="  ")
    services.return_measurement(actor=officer, measurement=measurement, reason="Липсва източник")
    corrected = services.save_measurement(actor=clerk, indicator=indicator, period=2023, value=Decimal("10.2"),
                                          source="НСИ")
    assert corrected.pk == measurement.pk and corrected.status == Measurement.Status.DRAFT
    assert corrected.value == Decimal("10.2")


def test_a_verified_value_cannot_be_edited_silently(municipality, indicator):
    clerk = testing.make_member(municipality, Role.STAFF)
    officer = testing.make_member(municipality, Role.ME_OFFICER)
    measurement = services.save_measurement(actor=clerk, indicator=indicator, period=2023, value=Decimal(10))
    services.submit_measurement(actor=clerk, measurement=measurement)
    services.verify_measurement(actor=officer, measurement=measurement)
    with raises_code("not_editable") as error:
        services.save_measurement(actor=clerk, indicator=indicator, period=2023, value=Decimal(1))
    assert error.value.code == "not_editable"
    assert Measurement.objects.get().value == Decimal(10)


@pytest.mark.parametrize("period", [2010, 2031])
def test_periods_outside_the_plan_are_refused(municipality, indicator, period):
    with raises_code("period_outside_plan") as error:
        services.save_measurement(actor=None, indicator=indicator, period=period, value=Decimal(1))
    assert "period" in error.value.message_dict
    assert not Measurement.objects.exists()


def test_percentages_must_lie_between_0_and_100(municipality, indicator):
    indicator.kind = Indicator.Kind.PERCENTAGE
    indicator.save()
    with raises_code("percentage_out_of_range"):
        services.save_measurement(actor=None, indicator=indicator, period=2023, value=Decimal(120))
    with raises_code("fraction_incomplete"):
        services.save_measurement(actor=None, indicator=indicator, period=2023, numerator=Decimal(5),
                                  denominator=Decimal(0))
    measurement = services.save_measurement(actor=None, indicator=indicator, period=2023, numerator=Decimal(1),
                                            denominator=Decimal(8))
    assert measurement.value == Decimal("12.5")


def test_qualitative_indicators_take_an_assessment_only(municipality, indicator):
    indicator.kind = Indicator.Kind.QUALITATIVE
    indicator.save()
    with raises_code("assessment_required"):
        services.save_measurement(actor=None, indicator=indicator, period=2023, value=Decimal(1))
    assert services.save_measurement(actor=None, indicator=indicator, period=2023,
                                     assessment="partly").assessment == "partly"


def test_an_indicator_of_another_municipalitys_plan_is_refused(municipality, other_municipality):
    plan = make_plan(other_municipality)
    node = planning.add_node(actor=None, plan=plan, parent=None, title="Цел")
    with raises_code("foreign_plan"):
        make_indicator(municipality, node)


def test_numbers_follow_the_tree(municipality):
    plan = make_plan(municipality)
    goals = [planning.add_node(actor=None, plan=plan, parent=None, title=f"Цел {i}") for i in range(1, 3)]
    priorities = [planning.add_node(actor=None, plan=plan, parent=goals[1], title=f"Приоритет {i}")
                  for i in range(1, 12)]
    measure = planning.add_node(actor=None, plan=plan, parent=priorities[9], title="Мярка")
    assert measure.code == "2.10.1" and measure.depth == 2
    assert measure.tier_name == "специфична цел"
    ordered = list(plan.nodes.values_list("code", flat=True))
    assert ordered.index("2.2") < ordered.index("2.10") < ordered.index("2.10.1") < ordered.index("2.11")
