"""Every permission of monitoring that depends on the state of the thing, over personas × states:
who may submit, verify or delete a value (four eyes included), edit or read an annual report,
and observe or challenge an indicator's values; and the state rules the services apply to
whoever acts."""

from functools import partial

import pytest
import rules
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.monitoring.models import AnnualReport, Measurement
from sabor.monitoring.services import observations
from sabor.monitoring.testing import make_indicator, make_plan

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "resident", "civic_monitor", "councillor", "clerk", "colleague", "officer",
            "other_officer", "administrator", "outsider_officer"]
ENTERING = {"clerk", "colleague", "officer", "other_officer", "administrator"}  # staff, M&E officers, admins
STAFF = ENTERING


@pytest.fixture
def people(municipality, other_municipality):
    return {"anonymous": AnonymousUser(),
            "resident": testing.make_member(municipality, Role.RESIDENT),
            "civic_monitor": testing.make_member(municipality, Role.CIVIC_MONITOR),
            "councillor": testing.make_member(municipality, Role.COUNCILLOR),
            "clerk": testing.make_member(municipality, Role.STAFF),
            "colleague": testing.make_member(municipality, Role.STAFF),
            "officer": testing.make_member(municipality, Role.ME_OFFICER),
            "other_officer": testing.make_member(municipality, Role.ME_OFFICER),
            "administrator": testing.make_member(municipality, Role.ADMINISTRATOR),
            "outsider_officer": testing.make_member(other_municipality, Role.ME_OFFICER)}


@pytest.fixture
def plan(municipality):
    return make_plan(municipality)


@pytest.fixture
def indicator(municipality):
    return make_indicator(municipality)


def _value(indicator, people, status, entered_by):
    return Measurement(indicator=indicator, period=2023, status=status, entered_by=people[entered_by])


# --- Values ------------------------------------------------------------------------------------------

SUBMIT = {"draft": ENTERING, "returned": ENTERING, "submitted": set(), "verified": set()}
VERIFY = {  # four eyes: never whoever entered the value, and only once it is submitted
    "clerk": {"draft": set(), "returned": set(), "submitted": {"officer", "other_officer"}, "verified": set()},
    "officer": {"draft": set(), "returned": set(), "submitted": {"other_officer"}, "verified": set()},
}
DELETE = {  # a draft, by whoever entered it
    "clerk": {"draft": {"clerk"}, "returned": set(), "submitted": set(), "verified": set()},
    "officer": {"draft": {"officer"}, "returned": set(), "submitted": set(), "verified": set()},
}


@pytest.mark.parametrize("status", list(SUBMIT))
@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_submit_a_value(indicator, people, persona, status):
    value = _value(indicator, people, status, "clerk")
    assert people[persona].has_perm("monitoring.submit_this_measurement", value) == (persona in SUBMIT[status])


@pytest.mark.parametrize("entered_by", list(VERIFY))
@pytest.mark.parametrize("status", list(SUBMIT))
@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_verify_a_value(indicator, people, persona, status, entered_by):
    value = _value(indicator, people, status, entered_by)
    expected = persona in VERIFY[entered_by][status]
    assert people[persona].has_perm("monitoring.verify_this_measurement", value) == expected


@pytest.mark.parametrize("entered_by", list(DELETE))
@pytest.mark.parametrize("status", list(SUBMIT))
@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_delete_a_value(indicator, people, persona, status, entered_by):
    value = _value(indicator, people, status, entered_by)
    expected = persona in DELETE[entered_by][status]
    assert people[persona].has_perm("monitoring.delete_measurement", value) == expected


@pytest.mark.parametrize("status, editable", [("draft", True), ("returned", True), ("submitted", False),
                                              ("verified", False)])
def test_the_services_edit_only_drafts_and_returned_values_whoever_acts(indicator, people, status, editable):
    value = _value(indicator, people, status, "clerk")
    for actor in (None, people["clerk"], people["officer"]):
        assert rules.test_rule("monitoring.measurement_editable", actor, value) == editable


def test_sabor_itself_never_counts_as_having_entered_a_value(indicator, people):
    entered_by_nobody = Measurement(indicator=indicator, period=2023, status="submitted", entered_by=None)
    assert not rules.test_rule("monitoring.entered_the_measurement", None, entered_by_nobody)
    assert not rules.test_rule("monitoring.own_draft", None, Measurement(indicator=indicator, status="draft"))
    assert rules.test_rule("monitoring.entered_the_measurement", people["clerk"],
                           _value(indicator, people, "submitted", "clerk"))


# --- Annual reports ----------------------------------------------------------------------------------

EVERYONE = set(PERSONAS)
EDIT_REPORT = {"draft": {"officer", "other_officer", "administrator"}, "submitted": set(), "approved": set(),
               "published": set()}
VIEW_REPORT = {"draft": STAFF, "submitted": STAFF | {"councillor"}, "approved": STAFF | {"councillor"},
               "published": EVERYONE}


def _report(municipality, plan, stage):
    return AnnualReport(municipality=municipality, plan=plan, year=2023, stage=stage,
                        status=AnnualReport.Status.READY)


@pytest.mark.parametrize("stage", list(EDIT_REPORT))
@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_edit_an_annual_report(municipality, plan, people, persona, stage):
    report = _report(municipality, plan, stage)
    assert people[persona].has_perm("monitoring.edit_report", report) == (persona in EDIT_REPORT[stage])


@pytest.mark.parametrize("stage", list(VIEW_REPORT))
@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_read_an_annual_report(municipality, plan, people, persona, stage):
    report = _report(municipality, plan, stage)
    assert people[persona].has_perm("monitoring.view_report", report) == (persona in VIEW_REPORT[stage])


@pytest.mark.parametrize("stage, editable", [("draft", True), ("submitted", False), ("approved", False),
                                             ("published", False)])
def test_the_services_change_only_a_draft_report_whoever_acts(municipality, plan, stage, editable):
    report = _report(municipality, plan, stage)
    assert rules.test_rule("monitoring.report_editable", None, report) == editable


# --- Civic monitoring --------------------------------------------------------------------------------

@pytest.mark.parametrize("public", [True, False])
@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_observe_or_challenge_an_indicators_values(municipality, people, persona, public):
    indicator = make_indicator(municipality, is_public=public)
    expected = persona == "civic_monitor" and public
    assert people[persona].has_perm("monitoring.observe_indicator", indicator) == expected


@pytest.mark.parametrize("public", [True, False])
@pytest.mark.parametrize("persona", ["resident", "civic_monitor", "officer", "outsider_officer"])
def test_the_service_records_an_observation_only_where_the_page_would(municipality, people, persona, public):
    indicator = make_indicator(municipality, is_public=public)
    record = partial(observations.observe, actor=people[persona], indicator=indicator, period=2022,
                     kind="challenge", text="Стойността не отговаря на данните на НСИ.")
    if persona == "civic_monitor" and public:
        assert record().author == people[persona]
    else:
        with pytest.raises(PermissionDenied):
            record()
        assert not indicator.observations.exists()
