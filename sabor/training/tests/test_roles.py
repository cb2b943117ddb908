"""The role matrix of training's permissions over every persona (accounts.testing.personas), as
predicates and as back-office pages; the states each permission also depends on are in test_rules.py."""

import pytest

from sabor.accounts import testing

pytestmark = pytest.mark.django_db

# permission -> personas that hold it in municipality A
MATRIX = {
    "training.manage": {"staff", "me_officer", "administrator"},
}

# page -> personas that may open it; anonymous visitors are sent to sign in
PAGES = {
    "/office/training/": MATRIX["training.manage"],
}


@pytest.mark.parametrize("permission", sorted(MATRIX))
def test_permission_matrix(personas, municipality, permission):
    assert testing.holders(personas["people"], permission, municipality) == MATRIX[permission]


@pytest.mark.parametrize("path", sorted(PAGES))
def test_page_access_follows_the_matrix(personas, client_for, path):
    assert not testing.page_refusals(client_for, personas["people"], path, PAGES[path])
