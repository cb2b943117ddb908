"""Indicators and their targets in the back office, from a plan node's page onwards."""

from decimal import Decimal

import pytest

from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.core.models import AuditEntry
from sabor.monitoring.models import Indicator
from sabor.planning.models import Plan, PlanNode

pytestmark = pytest.mark.django_db

PLAN = {"slug": "piro", "short_name": "ПИРО 2021–2027", "title": "План за интегрирано развитие",
        "start_year": 2021, "end_year": 2027, "status": "adopted", "is_public": "on"}
INDICATOR = {"ind-code": "П9", "ind-name": "Заетост", "ind-unit": "%", "ind-kind": "percentage",
             "ind-level": "result", "ind-direction": "increase", "ind-aggregation": "latest",
             "ind-baseline_value": "61,5", "ind-baseline_year": 2020, "ind-weight": "1", "ind-frequency": "annual",
             "ind-is_public": "on"}


@pytest.fixture
def officer(municipality):
    return testing.make_member(municipality, Role.ME_OFFICER)


def test_the_officer_builds_a_plan_with_its_tree_indicator_and_targets(client_for, municipality, officer):
    client = client_for("alpha.test", officer)
    assert client.post("/office/plans/", PLAN).status_code == 302
    plan = Plan.objects.get()
    assert client.post(f"/office/plans/{plan.pk}/", {"action": "node", "node-title": "Растеж",
                                                     "node-weight": "1"}).status_code == 302
    goal = PlanNode.objects.get()
    assert client.post(f"/office/plans/{plan.pk}/", {"action": "node", "parent": goal.pk,
                                                     "node-title": "Заетост", "node-weight": "2"}).status_code == 302
    priority = PlanNode.objects.get(parent=goal)
    assert (priority.code, priority.weight) == ("1.1", Decimal(2))
    response = client.post(f"/office/plan-nodes/{priority.pk}/", {"action": "indicator", **INDICATOR})
    assert response.status_code == 302
    indicator = Indicator.objects.get()
    assert indicator.baseline_value == Decimal("61.5") and indicator.plan_node == priority
    assert client.post(f"/office/indicators/{indicator.pk}/edit/", {
        "action": "target", "target-period": 2027, "target-value": "68"}).status_code == 302
    assert indicator.targets.get().value == Decimal(68)
    assert AuditEntry.objects.filter(action__in=["plan.created", "plan.node_added", "indicator.created",
                                                 "target.set"]).count() == 5


def test_bad_indicators_and_targets_are_refused(client_for, municipality, officer):
    client = client_for("alpha.test", officer)
    client.post("/office/plans/", PLAN)
    plan = Plan.objects.get()
    client.post(f"/office/plans/{plan.pk}/", {"action": "node", "node-title": "Растеж", "node-weight": "1"})
    node = PlanNode.objects.get()
    for changes, field in (({"ind-baseline_value": ""}, "baseline_value"),
                           ({"ind-baseline_value": "140"}, "baseline_value"),
                           ({"ind-kind": "magic"}, "kind")):
        response = client.post(f"/office/plan-nodes/{node.pk}/", {"action": "indicator", **INDICATOR, **changes})
        assert response.status_code == 400, changes
        assert field in response.context["indicator_form"].errors, changes
    assert not Indicator.objects.exists()
    client.post(f"/office/plan-nodes/{node.pk}/", {"action": "indicator", **INDICATOR})
    indicator = Indicator.objects.get()
    response = client.post(f"/office/plan-nodes/{node.pk}/", {"action": "indicator", **INDICATOR})
    assert response.status_code == 400 and "code" in response.context["indicator_form"].errors
    for period, value in ((2040, "60"), (2025, "120"), (2025, "много")):
        response = client.post(f"/office/indicators/{indicator.pk}/edit/", {
            "action": "target", "target-period": period, "target-value": value})
        assert response.status_code == 400, (period, value)
    assert not indicator.targets.exists()
