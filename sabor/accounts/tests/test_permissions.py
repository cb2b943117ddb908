"""The role matrix of accounts' and core's permissions over every persona; each app tests its
own permissions' rows in its tests/test_roles.py over the same personas (accounts.testing)."""

import pytest

from sabor.accounts import testing
from sabor.accounts.models import Role

pytestmark = pytest.mark.django_db

# permission -> personas that hold it (on municipality A, or on organisation X of A)
MATRIX = {
    "office.access": {"staff", "me_officer", "moderator", "administrator"},
    "accounts.view_people": {"staff", "administrator"},
    "accounts.manage_memberships": {"staff", "administrator"},
    "accounts.manage_roles": {"administrator"},
    "accounts.manage_organisations": {"staff", "administrator"},
    "accounts.edit_organisation": {"staff", "administrator", "org_representative"},
    "core.view_audit_log": {"me_officer", "administrator"},
    "core.edit_municipality": {"administrator"},
}

# page -> personas that may open it; anonymous visitors are sent to log in
PAGES = {
    "/office/": MATRIX["office.access"],
    "/office/people/": MATRIX["accounts.view_people"],
    "/office/organisations/": MATRIX["accounts.manage_organisations"],
    "/office/organisations/new/": MATRIX["accounts.manage_organisations"],
    "/office/audit/": MATRIX["core.view_audit_log"],
    "/office/municipality/": MATRIX["core.edit_municipality"],
}


@pytest.fixture
def world(personas):
    return personas


@pytest.mark.parametrize("permission", sorted(MATRIX))
def test_permission_matrix(world, municipality, permission):
    target = world["organisation"] if permission == "accounts.edit_organisation" else municipality
    assert testing.holders(world["people"], permission, target) == MATRIX[permission]


def test_every_persona_is_covered_by_the_matrix(world):
    assert set(world["people"]) == set(testing.PERSONAS)


@pytest.mark.parametrize("path", sorted(PAGES))
def test_page_access_follows_the_matrix(world, client_for, path):
    assert not testing.page_refusals(client_for, world["people"], path, PAGES[path])


def test_organisation_edit_page_follows_the_matrix(world, client_for):
    path = f"/organisations/{world['organisation'].pk}/edit/"
    for name, user in world["people"].items():
        response = client_for("alpha.test", None if name == "anonymous" else user).get(path)
        if name == "anonymous":
            assert response.status_code == 302
        elif name in MATRIX["accounts.edit_organisation"]:
            assert response.status_code == 200, name
        else:
            assert response.status_code == 403, name


def test_staff_without_two_factor_are_sent_to_set_it_up(client_for, municipality):
    staff = testing.make_member(municipality, Role.STAFF, mfa=False)
    response = client_for("alpha.test", staff).get("/office/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"


def test_two_factor_can_be_relaxed_by_setting(settings, client_for, municipality):
    settings.SABOR_STAFF_MFA_REQUIRED = False
    staff = testing.make_member(municipality, Role.STAFF, mfa=False)
    assert client_for("alpha.test", staff).get("/office/").status_code == 200
