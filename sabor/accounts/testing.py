"""Builders for tests: people with roles, settlements and organisations, on top of
sabor.core.testing (re-exported here, so a test imports one module)."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from sabor.accounts.models import (
    STAFF_ROLES,
    Membership,
    Organisation,
    Role,
    RoleAssignment,
    StakeholderGroup,
    User,
)
from sabor.accounts.roles import forget_roles
from sabor.core.models import Municipality
from sabor.core.testing import (  # noqa: F401  (re-exported)
    PASSWORD,
    XSS,
    _sequence,
    at_once,
    concurrency_test,
    error_codes,
    make_municipality,
    raises_code,
    without_system_libraries,
)
from sabor.territory.models import Settlement


def make_settlement(municipality: Municipality, name: str = "", **fields) -> Settlement:
    n = next(_sequence)
    return Settlement.objects.create(municipality=municipality, name=name or f"Село {n} {XSS}",
                                     ekatte=fields.pop("ekatte", f"{90000 + n:05d}"), **fields)


def make_user(email: str = "", *, name: str = "", verified: bool = True, **fields) -> User:
    n = next(_sequence)
    email = email or f"person{n}@example.org"
    user = User.objects.create_user(email=email, password=PASSWORD, display_name=name or f"Човек {n} {XSS}",
                                    **fields)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def make_operator(email: str = "") -> User:
    """The platform operator (staff and superuser), with the two-factor device the admin demands."""
    user = make_user(email, is_staff=True, is_superuser=True)
    TOTP.activate(user, generate_totp_secret())
    return user


def make_member(municipality: Municipality, *roles: Role, user: User | None = None, mfa: bool | None = None,
                group: StakeholderGroup = StakeholderGroup.RESIDENTS) -> User:
    """A person of `municipality` holding `roles`; staff roles get a TOTP device
    unless mfa=False, as the back office demands."""
    user = user or make_user()
    membership, _ = Membership.objects.get_or_create(user=user, municipality=municipality,
                                                     defaults={"stakeholder_group": group})
    for role in roles or (Role.RESIDENT,):
        RoleAssignment.objects.get_or_create(membership=membership, role=role)
    wants_mfa = mfa if mfa is not None else bool(set(roles) & STAFF_ROLES)
    if wants_mfa and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, generate_totp_secret())
    forget_roles(user)
    return user


def make_organisation(municipality: Municipality, **fields) -> Organisation:
    n = next(_sequence)
    return Organisation.objects.create(municipality=municipality, name=fields.pop("name", f"Сдружение {n} {XSS}"),
                                       kind=fields.pop("kind", Organisation.Kind.NGO),
                                       description=fields.pop("description", f"За нас {XSS}"), **fields)




# --- The tenancy walk's fillers (sabor.core.registry.add_url_fillers) -------------------------------

def objects(municipality: Municipality, people: dict) -> dict:
    from sabor.accounts.models import OrganisationMember

    organisation = make_organisation(municipality)
    member = OrganisationMember.objects.create(organisation=organisation, user=people["resident"])
    return {"organisation": organisation, "organisation_member": member,
            "membership": Membership.objects.get(user=people["resident"], municipality=municipality)}


FILL = {
    "accounts:organisation_detail": lambda o: {"pk": o["organisation"].pk},
    "accounts:organisation_edit": lambda o: {"pk": o["organisation"].pk},
    "office:person_detail": lambda o: {"pk": o["membership"].pk},
    "office:organisation_detail": lambda o: {"pk": o["organisation"].pk},
    "office:organisation_member_add": lambda o: {"pk": o["organisation"].pk},
    "office:organisation_member_update": lambda o: {"pk": o["organisation"].pk,
                                                    "member_pk": o["organisation_member"].pk},
}


# --- The role matrix: every app tests its own permissions over the same personas ---------------------

PERSONAS = ["anonymous", "resident", "org_representative", "other_representative", "civic_monitor", "staff",
            "me_officer", "councillor", "moderator", "administrator", "administrator_elsewhere"]


def personas(municipality: Municipality, other_municipality: Municipality) -> dict:
    """One person per persona of municipality A (an administrator of B among them), and the
    organisation of A that `org_representative` represents (`other_representative` represents
    another one)."""
    from django.contrib.auth.models import AnonymousUser

    from sabor.accounts import services

    organisation, other_organisation = make_organisation(municipality), make_organisation(municipality)
    people = {
        "anonymous": AnonymousUser(),
        "resident": make_member(municipality, Role.RESIDENT),
        "civic_monitor": make_member(municipality, Role.RESIDENT, Role.CIVIC_MONITOR),
        "staff": make_member(municipality, Role.STAFF),
        "me_officer": make_member(municipality, Role.ME_OFFICER),
        "councillor": make_member(municipality, Role.COUNCILLOR),
        "moderator": make_member(municipality, Role.MODERATOR),
        "administrator": make_member(municipality, Role.ADMINISTRATOR),
        "administrator_elsewhere": make_member(other_municipality, Role.ADMINISTRATOR),
    }
    for name, org in (("org_representative", organisation), ("other_representative", other_organisation)):
        person = make_member(municipality, Role.RESIDENT)
        services.add_organisation_member(actor=None, organisation=org, user=person, is_representative=True)
        forget_roles(person)
        people[name] = person
    return {"people": people, "organisation": organisation}


def holders(people: dict, permission: str, target) -> set[str]:
    """The personas that hold `permission` on `target`."""
    return {name for name, user in people.items() if user.has_perm(permission, target)}


def page_refusals(client_for, people: dict, path: str, allowed: set[str]) -> list[str]:
    """Who opens `path` otherwise than the matrix says: anonymous visitors are sent to sign in,
    the personas in `allowed` get the page, everyone else 403."""
    wrong = []
    for name, user in people.items():
        response = client_for("alpha.test", None if name == "anonymous" else user).get(path)
        if name == "anonymous":
            ok = response.status_code == 302 and "/accounts/login/" in response["Location"]
        else:
            ok = response.status_code == (200 if name in allowed else 403)
        if not ok:
            wrong.append(f"{name}: {response.status_code}")
    return wrong
