"""The role-by-action matrix: every permission of the foundation, every persona."""

import pytest
from django.contrib.auth.models import AnonymousUser

from sabor.accounts import services, testing
from sabor.accounts.models import Role
from sabor.accounts.roles import forget_roles

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "resident", "org_representative", "other_representative", "civic_monitor", "staff",
            "me_officer", "councillor", "moderator", "administrator", "administrator_elsewhere"]

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
    "planning.edit_plan": {"me_officer", "administrator"},
    "monitoring.edit_indicator": {"me_officer", "administrator"},
    "monitoring.enter_measurement": {"staff", "me_officer", "administrator"},
    "monitoring.verify_measurement": {"me_officer"},
    "monitoring.edit_methodology": {"me_officer", "administrator"},
    "monitoring.evaluate": {"me_officer", "administrator"},
    "monitoring.follow_up": {"staff", "me_officer", "administrator"},
    "monitoring.observe": {"civic_monitor"},
    "monitoring.answer_observation": {"me_officer", "administrator"},
    "training.manage": {"staff", "me_officer", "administrator"},
    "participation.manage": {"staff", "administrator"},
    "participation.moderate": {"moderator", "administrator"},
}

# page -> personas that may open it; anonymous visitors are sent to log in
PAGES = {
    "/office/": MATRIX["office.access"],
    "/office/people/": MATRIX["accounts.view_people"],
    "/office/organisations/": MATRIX["accounts.manage_organisations"],
    "/office/organisations/new/": MATRIX["accounts.manage_organisations"],
    "/office/audit/": MATRIX["core.view_audit_log"],
    "/office/municipality/": MATRIX["core.edit_municipality"],
    "/office/indicators/": MATRIX["monitoring.enter_measurement"],
    "/office/measurements/queue/": MATRIX["monitoring.verify_measurement"],
    "/office/methodology/": MATRIX["monitoring.edit_methodology"],
    "/office/evaluations/": MATRIX["monitoring.evaluate"],
    "/office/recommendations/": MATRIX["monitoring.follow_up"],
    "/office/reports/": MATRIX["monitoring.evaluate"],
    "/office/plans/": MATRIX["planning.edit_plan"],
    "/office/projects/": MATRIX["planning.edit_plan"],
    "/office/observations/": MATRIX["monitoring.answer_observation"],
    "/office/training/": MATRIX["training.manage"],
    "/office/processes/": MATRIX["participation.manage"],
    "/office/meetings/": MATRIX["participation.manage"],
    "/office/ideas/": MATRIX["participation.manage"],
    "/office/moderation/": MATRIX["participation.moderate"],
}


@pytest.fixture
def world(municipality, other_municipality):
    organisation = testing.make_organisation(municipality)
    other_organisation = testing.make_organisation(municipality)
    people = {
        "anonymous": AnonymousUser(),
        "resident": testing.make_member(municipality, Role.RESIDENT),
        "civic_monitor": testing.make_member(municipality, Role.RESIDENT, Role.CIVIC_MONITOR),
        "staff": testing.make_member(municipality, Role.STAFF),
        "me_officer": testing.make_member(municipality, Role.ME_OFFICER),
        "councillor": testing.make_member(municipality, Role.COUNCILLOR),
        "moderator": testing.make_member(municipality, Role.MODERATOR),
        "administrator": testing.make_member(municipality, Role.ADMINISTRATOR),
        "administrator_elsewhere": testing.make_member(other_municipality, Role.ADMINISTRATOR),
    }
    for name, org in (("org_representative", organisation), ("other_representative", other_organisation)):
        person = testing.make_member(municipality, Role.RESIDENT)
        services.add_organisation_member(actor=None, organisation=org, user=person, is_representative=True)
        forget_roles(person)
        people[name] = person
    return {"people": people, "organisation": organisation}


@pytest.mark.parametrize("permission", sorted(MATRIX))
def test_permission_matrix(world, municipality, permission):
    target = world["organisation"] if permission == "accounts.edit_organisation" else municipality
    holders = {name for name, user in world["people"].items() if user.has_perm(permission, target)}
    assert holders == MATRIX[permission]


def test_every_persona_is_covered_by_the_matrix(world):
    assert set(world["people"]) == set(PERSONAS)


@pytest.mark.parametrize("path", sorted(PAGES))
def test_page_access_follows_the_matrix(world, client_for, path):
    for name, user in world["people"].items():
        client = client_for("alpha.test", None if name == "anonymous" else user)
        response = client.get(path)
        if name == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"], name
        elif name in PAGES[path]:
            assert response.status_code == 200, f"{name} on {path}: {response.status_code}"
        else:
            assert response.status_code == 403, f"{name} on {path}: {response.status_code}"


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
