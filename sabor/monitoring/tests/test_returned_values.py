"""What happens around a value between its clerk and the M&E officer: a returned value
comes back to whoever entered it, a draft can be taken back, four eyes on verifying,
and the back office lists indicator codes in the order people count."""

from decimal import Decimal

import pytest

from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.core.models import AuditEntry
from sabor.monitoring import services
from sabor.monitoring.models import Measurement
from sabor.monitoring.testing import make_indicator, make_plan, raises_code
from sabor.planning import services as planning

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(municipality):
    return {"clerk": testing.make_member(municipality, Role.STAFF),
            "colleague": testing.make_member(municipality, Role.STAFF),
            "officer": testing.make_member(municipality, Role.ME_OFFICER),
            "other_officer": testing.make_member(municipality, Role.ME_OFFICER),
            "administrator": testing.make_member(municipality, Role.ADMINISTRATOR),
            "resident": testing.make_member(municipality, Role.RESIDENT)}


def _submitted(indicator, person, period=2023):
    measurement = services.save_measurement(actor=person, indicator=indicator, period=period, value=Decimal("10.4"))
    return services.submit_measurement(actor=person, measurement=measurement)


def test_the_author_deletes_their_draft_and_the_log_keeps_what_it_was(client_for, indicator, people):
    draft = services.save_measurement(actor=people["clerk"], indicator=indicator, period=2024, value=Decimal(7))
    clerk = client_for("alpha.test", people["clerk"])
    page = clerk.get(f"/office/indicators/{indicator.pk}/").content.decode()
    assert f"/office/measurements/{draft.pk}/delete/" in page
    assert clerk.post(f"/office/measurements/{draft.pk}/delete/").status_code == 302
    assert not Measurement.objects.filter(pk=draft.pk).exists()
    entry = AuditEntry.objects.get(action="measurement.deleted")
    assert entry.actor == people["clerk"] and entry.changes["value"][1] is None
    assert Decimal(entry.changes["value"][0]) == 7


@pytest.mark.parametrize("status", ["draft", "submitted", "returned", "verified"])
@pytest.mark.parametrize("persona", ["clerk", "colleague", "officer", "administrator", "resident", "anonymous"])
def test_who_may_delete_a_value(client_for, indicator, people, persona, status):
    measurement = services.save_measurement(actor=people["clerk"], indicator=indicator, period=2024,
                                            value=Decimal(7))
    if status != "draft":
        services.submit_measurement(actor=people["clerk"], measurement=measurement)
    if status == "returned":
        services.return_measurement(actor=people["officer"], measurement=measurement, reason="Провери")
    if status == "verified":
        services.verify_measurement(actor=people["officer"], measurement=measurement)
    measurement.refresh_from_db()
    allowed = persona == "clerk" and status == "draft"
    user = people.get(persona)
    assert bool(user and user.has_perm("monitoring.delete_measurement", measurement)) == allowed
    client = client_for("alpha.test", user)
    response = client.post(f"/office/measurements/{measurement.pk}/delete/")
    assert Measurement.objects.filter(pk=measurement.pk).exists() != allowed
    assert response.status_code in ((302,) if allowed else (302, 403, 404))
    if not allowed and user is not None and user.has_perm("office.access", indicator.municipality):
        assert response.status_code == 403
    if persona == "clerk" and status == "draft":
        page = client.get(f"/office/indicators/{indicator.pk}/").content.decode()
        assert "/delete/" not in page


def test_the_service_refuses_to_delete_anything_but_ones_own_draft(indicator, people):

    draft = services.save_measurement(actor=people["clerk"], indicator=indicator, period=2024, value=Decimal(7))
    with raises_code("not_own_draft"):
        services.delete_measurement(actor=people["colleague"], measurement=draft)
    submitted = _submitted(indicator, people["clerk"])
    with raises_code("wrong_status"):
        services.delete_measurement(actor=people["clerk"], measurement=submitted)
    assert Measurement.objects.count() == 2


def test_the_officer_is_told_why_they_cannot_verify_a_value_they_entered(client_for, indicator, people):
    own = _submitted(indicator, people["officer"], period=2023)
    other = _submitted(indicator, people["clerk"], period=2024)
    officer = client_for("alpha.test", people["officer"])
    page = officer.get("/office/measurements/queue/").content.decode()
    own_card = page.split(f'id="m-{own.pk}"', 1)[1].split("</article>", 1)[0]
    other_card = page.split(f'id="m-{other.pk}"', 1)[1].split("</article>", 1)[0]
    assert 'value="verify"' not in own_card and "четири очи" in own_card
    assert 'value="return"' in own_card
    assert 'value="verify"' in other_card and "четири очи" not in other_card
    # The server holds the rule whatever the page shows.
    assert officer.post(f"/office/measurements/{own.pk}/review/", {"decision": "verify"}).status_code == 400
    own.refresh_from_db()
    assert own.status == "submitted"
    second = client_for("alpha.test", people["other_officer"])
    assert 'value="verify"' in second.get("/office/measurements/queue/").content.decode().split(
        f'id="m-{own.pk}"', 1)[1].split("</article>", 1)[0]


def test_the_back_office_lists_codes_in_natural_order(client_for, municipality, people):
    plan = make_plan(municipality)
    node = planning.add_node(actor=None, plan=plan, parent=None, title="Цел")
    for code in ("О10", "О2", "О1", "О11", "О9"):
        make_indicator(municipality, node, code=code)
    listing = client_for("alpha.test", people["clerk"]).get("/office/indicators/")
    assert [i.code for i in listing.context["indicators"]] == ["О1", "О2", "О9", "О10", "О11"]
