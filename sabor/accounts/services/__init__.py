"""Every change to people, roles and organisations goes through these functions, one
module per feature; their public names are re-exported here, so callers write
``from sabor.accounts import services; services.create_organisation(...)``."""

from sabor.accounts.selectors import sole_administrations
from sabor.accounts.services.memberships import grant_offered_role, join_municipality, set_roles, update_membership
from sabor.accounts.services.organisations import (
    ORGANISATION_FIELDS,
    add_organisation_member,
    create_organisation,
    remove_organisation_member,
    update_organisation,
    update_organisation_member,
)
from sabor.accounts.services.personal_data import delete_account, export_personal_data
from sabor.accounts.services.profile import PROFILE_FIELDS, register_user, update_profile

__all__ = [
    "ORGANISATION_FIELDS", "PROFILE_FIELDS", "add_organisation_member", "create_organisation", "delete_account",
    "export_personal_data", "grant_offered_role", "join_municipality", "register_user",
    "remove_organisation_member", "set_roles", "sole_administrations", "update_membership", "update_organisation",
    "update_organisation_member", "update_profile",
]
