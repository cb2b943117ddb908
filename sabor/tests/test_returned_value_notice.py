"""Across apps: a value returned for correction (monitoring) reaches whoever entered it by
notification (participation) and in their back-office queue (portal)."""

from decimal import Decimal

import pytest

from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.monitoring import services
from sabor.monitoring.testing import make_indicator, make_plan
from sabor.participation.models import Notification
from sabor.planning import services as planning

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator(municipality):
    plan = make_plan(municipality)
    return make_indicator(municipality, planning.add_node(actor=None, plan=plan, parent=None, title="Цел"))


@pytest.fixture
def people(municipality):
    return {"clerk": testing.make_member(municipality, Role.STAFF),
            "colleague": testing.make_member(municipality, Role.STAFF),
            "officer": testing.make_member(municipality, Role.ME_OFFICER)}


def _submitted(indicator, person, period=2023):
    measurement = services.save_measurement(actor=person, indicator=indicator, period=period, value=Decimal("10.4"))
    return services.submit_measurement(actor=person, measurement=measurement)


def test_a_returned_value_reaches_its_clerk_by_notification_and_in_their_queue(client_for, indicator, people):
    measurement = _submitted(indicator, people["clerk"])
    officer = client_for("alpha.test", people["officer"])
    assert officer.post(f"/office/measurements/{measurement.pk}/review/",
                        {"decision": "return", "reason": "Липсва източник"}).status_code == 302

    (notice,) = Notification.objects.filter(user=people["clerk"])
    assert "И1" in notice.text and "2023" in notice.text and "Липсва източник" in notice.text
    assert notice.url == f"/office/indicators/{indicator.pk}/"
    assert not Notification.objects.exclude(user=people["clerk"]).exists()

    clerk = client_for("alpha.test", people["clerk"])
    waiting = {label: (count, url) for label, count, url in clerk.get("/office/").context["waiting"]}
    assert waiting["Вашите стойности, върнати за корекция"] == (1, "/office/indicators/#returned")
    listing = clerk.get("/office/indicators/").content.decode()
    assert 'id="returned"' in listing and "Липсва източник" in listing
    # A colleague has nothing returned to them.
    colleague = client_for("alpha.test", people["colleague"]).get("/office/")
    assert dict((label, count) for label, count, _url in colleague.context["waiting"])[
        "Вашите стойности, върнати за корекция"] == 0

    corrected = services.save_measurement(actor=people["clerk"], indicator=indicator, period=2023,
                                          value=Decimal("10.5"), source="Бюро по труда")
    services.submit_measurement(actor=people["clerk"], measurement=corrected)
    assert 'id="returned"' not in clerk.get("/office/indicators/").content.decode()
