"""Permissions of the accounts area. Municipality-level permissions take the
municipality as their object; organisation permissions take the organisation."""

from __future__ import annotations

import rules

from sabor.accounts.models import STAFF_ROLES, Organisation, OrganisationMember, Role
from sabor.accounts.roles import roles_of
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


is_administrator = has_role(Role.ADMINISTRATOR)
is_office_staff = has_role(*STAFF_ROLES)
is_people_staff = has_role(Role.STAFF, Role.ADMINISTRATOR)

rules.add_perm("office.access", is_office_staff)
rules.add_perm("accounts.view_people", is_people_staff)
rules.add_perm("accounts.manage_memberships", is_people_staff)
rules.add_perm("accounts.manage_roles", is_administrator)
rules.add_perm("accounts.manage_organisations", is_people_staff)
rules.add_perm("accounts.edit_organisation", is_people_staff | is_representative_of)

# Core's own objects (the audit log, the municipality's details) are guarded by the roles this
# app defines; core itself knows no roles.
rules.add_perm("core.view_audit_log", has_role(Role.ADMINISTRATOR, Role.ME_OFFICER))
rules.add_perm("core.edit_municipality", is_administrator)
