"""The role matrix of monitoring's permissions over every persona (accounts.testing.personas), as
predicates and as back-office pages; the states each permission also depends on are in test_rules.py."""

import pytest

from sabor.accounts import testing

pytestmark = pytest.mark.django_db

# permission -> personas that hold it in municipality A
MATRIX = {
    "monitoring.edit_indicator": {"me_officer", "administrator"},
    "monitoring.enter_measurement": {"staff", "me_officer", "administrator"},
    "monitoring.verify_measurement": {"me_officer"},
    "monitoring.edit_methodology": {"me_officer", "administrator"},
    "monitoring.evaluate": {"me_officer", "administrator"},
    "monitoring.follow_up": {"staff", "me_officer", "administrator"},
    "monitoring.observe": {"civic_monitor"},
    "monitoring.answer_observation": {"me_officer", "administrator"},
}

# page -> personas that may open it; anonymous visitors are sent to sign in
PAGES = {
    "/office/indicators/": MATRIX["monitoring.enter_measurement"],
    "/office/measurements/queue/": MATRIX["monitoring.verify_measurement"],
    "/office/methodology/": MATRIX["monitoring.edit_methodology"],
    "/office/evaluations/": MATRIX["monitoring.evaluate"],
    "/office/recommendations/": MATRIX["monitoring.follow_up"],
    "/office/reports/": MATRIX["monitoring.evaluate"],
    "/office/observations/": MATRIX["monitoring.answer_observation"],
}


@pytest.mark.parametrize("permission", sorted(MATRIX))
def test_permission_matrix(personas, municipality, permission):
    assert testing.holders(personas["people"], permission, municipality) == MATRIX[permission]


@pytest.mark.parametrize("path", sorted(PAGES))
def test_page_access_follows_the_matrix(personas, client_for, path):
    assert not testing.page_refusals(client_for, personas["people"], path, PAGES[path])
