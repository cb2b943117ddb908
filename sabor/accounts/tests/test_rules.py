"""The permissions about a person, over personas × states (oneself or someone else, the only
administrator or one of several): the predicate in every cell, and the page or service
refusing the same way in a row per action."""

from __future__ import annotations

import pytest
import rules
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from sabor.accounts import services, testing
from sabor.accounts.models import Membership, Role, User

pytestmark = pytest.mark.django_db

# "superuser" is the platform operator, whom Django's own has_perm would let through.
PERSONAS = ["anonymous", "resident", "staff", "administrator", "elsewhere", "superuser"]


def person(name: str, municipality, other_municipality):
    if name == "anonymous":
        return AnonymousUser()
    if name == "superuser":
        return testing.make_user(is_staff=True, is_superuser=True)
    if name == "elsewhere":  # the administrator of another municipality
        return testing.make_member(other_municipality, Role.ADMINISTRATOR)
    role = {"staff": Role.STAFF, "administrator": Role.ADMINISTRATOR}[name] if name != "resident" else Role.RESIDENT
    return testing.make_member(municipality, role)


def target(whom: str, user, municipality, *roles: Role) -> User:
    """The person acted on: the user themselves (made a member with `roles`), or someone else."""
    if whom == "self" and user.is_authenticated:
        return testing.make_member(municipality, *roles, user=user)
    return testing.make_member(municipality, *roles)


# --- Taking the administrator role ------------------------------------------------------------------------------


@pytest.mark.parametrize("whom", ["self", "other"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_revoke_administrator(persona, whom, municipality, other_municipality):
    user = person(persona, municipality, other_municipality)
    testing.make_member(municipality, Role.ADMINISTRATOR)  # never the last one here
    administrator = target(whom, user, municipality, Role.ADMINISTRATOR)
    membership = Membership.objects.get(user=administrator, municipality=municipality)
    expected = persona == "administrator" and whom == "other"
    assert rules.has_perm("accounts.revoke_administrator", user, membership) == expected


def _roles_form(client, membership, roles):
    return client.post(f"/office/people/{membership.pk}/", {"form": "roles", "roles": roles})


def test_an_administrator_cannot_take_the_role_from_themselves_on_the_page_or_in_the_service(
        client_for, municipality, administrator):
    testing.make_member(municipality, Role.ADMINISTRATOR)
    own = Membership.objects.get(user=administrator, municipality=municipality)
    response = _roles_form(client_for("alpha.test", administrator), own, [Role.RESIDENT])
    assert response.status_code == 400
    assert "Не можете да отнемете ролята на администратор от себе си." in response.content.decode()
    with pytest.raises(ValidationError) as refused:
        services.set_roles(actor=administrator, membership=own, roles={Role.RESIDENT})
    assert refused.value.code == "own_administrator"
    assert set(own.roles.values_list("role", flat=True)) == {Role.ADMINISTRATOR}
    # Keeping the role while changing the others is fine.
    assert _roles_form(client_for("alpha.test", administrator), own,
                       [Role.ADMINISTRATOR, Role.STAFF]).status_code == 302


def test_an_administrator_takes_the_role_from_another(client_for, municipality, administrator):
    other = testing.make_member(municipality, Role.ADMINISTRATOR)
    membership = Membership.objects.get(user=other, municipality=municipality)
    assert _roles_form(client_for("alpha.test", administrator), membership, [Role.RESIDENT]).status_code == 302
    assert set(membership.roles.values_list("role", flat=True)) == {Role.RESIDENT}


@pytest.mark.parametrize("persona", ["resident", "staff", "elsewhere", "superuser"])
def test_set_roles_itself_refuses_whoever_may_not_take_the_administrator_role(persona, municipality,
                                                                               other_municipality, client_for):
    user = person(persona, municipality, other_municipality)
    administrator = testing.make_member(municipality, Role.ADMINISTRATOR)
    membership = Membership.objects.get(user=administrator, municipality=municipality)
    with pytest.raises(PermissionDenied):
        services.set_roles(actor=user, membership=membership, roles={Role.RESIDENT})
    assert set(membership.roles.values_list("role", flat=True)) == {Role.ADMINISTRATOR}
    if persona == "staff":  # the page, too: staff see people but do not set roles
        assert _roles_form(client_for("alpha.test", user), membership, [Role.RESIDENT]).status_code == 403


@pytest.mark.parametrize("persona", ["resident", "staff", "elsewhere", "superuser"])
def test_set_roles_itself_refuses_whoever_may_not_manage_roles_even_to_grant_one(persona, municipality,
                                                                                  other_municipality):
    user = person(persona, municipality, other_municipality)
    resident = testing.make_member(municipality, Role.RESIDENT)
    membership = Membership.objects.get(user=resident, municipality=municipality)
    for whose in (membership, Membership.objects.filter(user=user, municipality=municipality).first()):
        if whose is None:
            continue
        with pytest.raises(PermissionDenied):
            services.set_roles(actor=user, membership=whose, roles={Role.RESIDENT, Role.ADMINISTRATOR})
        assert Role.ADMINISTRATOR not in set(whose.roles.values_list("role", flat=True))


@pytest.mark.parametrize(("whose", "role", "granted"), [
    ("own", Role.CIVIC_MONITOR, True), ("own", Role.ADMINISTRATOR, False), ("own", Role.STAFF, False),
    ("own", Role.ORGANISATION_REPRESENTATIVE, False), ("other", Role.CIVIC_MONITOR, False)])
def test_an_offered_role_is_taken_up_only_by_its_person_and_never_acts_for_the_municipality(
        municipality, resident, whose, role, granted):
    someone = resident if whose == "own" else testing.make_member(municipality, Role.RESIDENT)
    membership = Membership.objects.get(user=someone, municipality=municipality)
    if granted:
        services.grant_offered_role(actor=resident, membership=membership, role=role)
    else:
        with pytest.raises(PermissionDenied):
            services.grant_offered_role(actor=resident, membership=membership, role=role)
    assert (role in set(membership.roles.values_list("role", flat=True))) == granted


# --- One's profile ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("whom", ["self", "other"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_edit_profile(persona, whom, municipality, other_municipality):
    user = person(persona, municipality, other_municipality)
    someone = target(whom, user, municipality)
    expected = persona != "anonymous" and whom == "self"
    assert rules.has_perm("accounts.edit_profile", user, someone) == expected


def test_the_profile_page_edits_ones_own_and_the_service_no_one_elses(client_for, municipality, resident, staff):
    response = client_for("alpha.test", resident).post("/account/profile/", {
        "display_name": "Мария", "preferred_language": "", "notification_frequency": "never"})
    assert response.status_code == 302
    with pytest.raises(PermissionDenied):
        services.update_profile(actor=staff, user=resident, municipality=municipality, display_name="Друго име",
                                preferred_language="", notification_frequency="never")
    resident.refresh_from_db()
    assert resident.display_name == "Мария"


# --- Deleting one's account -------------------------------------------------------------------------------------

DELETE_STATES = ["self", "self, the only administrator", "self, one of two administrators", "other"]


@pytest.mark.parametrize("state", DELETE_STATES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_delete_account(persona, state, municipality, other_municipality):
    user = person(persona, municipality, other_municipality)
    roles = (Role.ADMINISTRATOR,) if "administrator" in state else ()
    if "two" in state:
        testing.make_member(municipality, Role.ADMINISTRATOR)
    someone = target("self" if state.startswith("self") else "other", user, municipality, *roles)
    # The administrator persona is its municipality's only one unless a second was made;
    # the one from elsewhere is the only one there.
    sole = state == "self, the only administrator" or (persona == "elsewhere" and state.startswith("self")) \
        or (persona == "administrator" and state == "self")
    expected = persona != "anonymous" and state.startswith("self") and not sole
    assert rules.has_perm("accounts.delete_account", user, someone) == expected


def test_the_only_administrator_is_refused_on_the_page_and_in_the_service(client_for, municipality,
                                                                          administrator):
    response = client_for("alpha.test", administrator).post("/account/delete/", {
        "password": testing.PASSWORD, "confirm": "on"})
    assert response.status_code == 400
    with pytest.raises(ValidationError) as refused:
        services.delete_account(user=administrator)
    assert refused.value.code == "last_administrator"
    administrator.refresh_from_db()
    assert administrator.is_active and not administrator.is_anonymised


def test_nobody_deletes_someone_elses_account(municipality, resident, administrator):
    with pytest.raises(PermissionDenied):
        services.delete_account(user=resident, actor=administrator)
    resident.refresh_from_db()
    assert resident.is_active
    services.delete_account(user=resident)  # the person themselves may
    resident.refresh_from_db()
    assert resident.is_anonymised
