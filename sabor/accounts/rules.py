"""Permissions of the accounts area. Municipality-level permissions take the
municipality as their object; organisation permissions take the organisation; permissions
about a person take the User (or, for their roles, their membership).

Services check them with ``rules.has_perm(name, user, obj)``, not ``user.has_perm``, which
lets a superuser through every rule, the ones about a person's state included."""

from __future__ import annotations

import rules

from sabor.accounts.models import STAFF_ROLES, Organisation, OrganisationMember, Role, User
from sabor.accounts.roles import roles_of
from sabor.accounts.selectors import sole_administrations
from sabor.core.models import Municipality


def _municipality_of(obj):
    return obj if isinstance(obj, Municipality) else getattr(obj, "municipality", None)


def has_role(*roles: Role):
    wanted = frozenset(roles)

    @rules.predicate(name=f"has_role({','.join(sorted(wanted))})")
    def predicate(user, obj) -> bool:
        if obj is None:
            return False
        return bool(roles_of(user, _municipality_of(obj)) & wanted)

    return predicate


@rules.predicate
def is_representative_of(user, organisation) -> bool:
    if not isinstance(organisation, Organisation) or not user.is_authenticated:
        return False
    return OrganisationMember.objects.filter(organisation=organisation, user=user,
                                             is_representative=True).exists()


@rules.predicate
def is_self(user, person) -> bool:
    """`person` is the user themselves (a User, or a membership of theirs)."""
    person_id = getattr(person, "user_id", None) if not isinstance(person, User) else person.pk
    return user.is_authenticated and person_id is not None and person_id == user.pk


@rules.predicate
def is_sole_administrator(user, person) -> bool:
    """`person` is the only administrator of some municipality."""
    return isinstance(person, User) and bool(sole_administrations(person))


is_administrator = has_role(Role.ADMINISTRATOR)
is_office_staff = has_role(*STAFF_ROLES)
is_people_staff = has_role(Role.STAFF, Role.ADMINISTRATOR)

rules.add_perm("office.access", is_office_staff)
rules.add_perm("accounts.view_people", is_people_staff)
rules.add_perm("accounts.manage_memberships", is_people_staff)
rules.add_perm("accounts.manage_roles", is_administrator)
# On a membership: another administrator may take its administrator role, never its holder.
rules.add_perm("accounts.revoke_administrator", is_administrator & ~is_self)
# On a user: one's own profile and account; the account not while its holder is a
# municipality's only administrator.
rules.add_perm("accounts.edit_profile", is_self)
rules.add_perm("accounts.delete_account", is_self & ~is_sole_administrator)
rules.add_perm("accounts.manage_organisations", is_people_staff)
rules.add_perm("accounts.edit_organisation", is_people_staff | is_representative_of)

# Core's own objects (the audit log, the municipality's details) are guarded by the roles this
# app defines; core itself knows no roles.
rules.add_perm("core.view_audit_log", has_role(Role.ADMINISTRATOR, Role.ME_OFFICER))
rules.add_perm("core.edit_municipality", is_administrator)
