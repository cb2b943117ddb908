"""Organisations of a municipality and their members; representing one gives the
organisation-representative role."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sabor.accounts.models import Organisation, OrganisationMember, Role, User
from sabor.accounts.services.memberships import _apply_roles, _check_settlement, join_municipality
from sabor.core import audit
from sabor.core.models import Municipality

ORGANISATION_FIELDS = ["name", "name_en", "kind", "eik", "settlement", "description", "website", "email",
                       "is_public"]


@transaction.atomic
def create_organisation(*, actor: User, municipality: Municipality, **fields: Any) -> Organisation:
    _check_settlement(fields.get("settlement"), municipality)
    organisation = Organisation(municipality=municipality, **fields)
    organisation.full_clean()
    organisation.save()
    audit.record(actor=actor, action="organisation.created", obj=organisation, municipality=municipality)
    return organisation


@transaction.atomic
def update_organisation(*, actor: User, organisation: Organisation, **fields: Any) -> Organisation:
    _check_settlement(fields.get("settlement"), organisation.municipality)
    audit.save_changes(organisation, actor=actor, action="organisation.updated", editable=ORGANISATION_FIELDS,
                       values=fields, municipality=organisation.municipality)
    return organisation


def _sync_representative_role(*, actor: User, organisation: Organisation, user: User) -> None:
    """A person holds the organisation-representative role while they represent
    at least one organisation of the municipality."""
    municipality = organisation.municipality
    membership = join_municipality(user=user, municipality=municipality)
    represents = OrganisationMember.objects.filter(
        user=user, organisation__municipality=municipality, is_representative=True).exists()
    roles = set(membership.roles.values_list("role", flat=True)) - {Role.ORGANISATION_REPRESENTATIVE}
    if represents:
        roles.add(Role.ORGANISATION_REPRESENTATIVE)
    _apply_roles(actor=actor, membership=membership, roles=roles)


@transaction.atomic
def add_organisation_member(*, actor: User, organisation: Organisation, user: User,
                            is_representative: bool = False, position: str = "") -> OrganisationMember:
    # Serialise additions to one organisation so a double submission adds nobody twice.
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    if OrganisationMember.objects.filter(organisation=organisation, user=user).exists():
        raise ValidationError(_("This person is already a member of the organisation."), code="duplicate_member")
    member = OrganisationMember.objects.create(organisation=organisation, user=user,
                                               is_representative=is_representative, position=position)
    audit.record(actor=actor, action="organisation.member_added", obj=organisation,
                 municipality=organisation.municipality,
                 changes={"member": [None, user.audit_label], "is_representative": [None, is_representative]})
    _sync_representative_role(actor=actor, organisation=organisation, user=user)
    return member


@transaction.atomic
def update_organisation_member(*, actor: User, member: OrganisationMember, is_representative: bool,
                               position: str) -> OrganisationMember:
    before = audit.snapshot(member, ["is_representative", "position"])
    member.is_representative = is_representative
    member.position = position
    member.save(update_fields=["is_representative", "position"])
    changes = audit.diff(before, audit.snapshot(member, ["is_representative", "position"]))
    if changes:
        changes["member"] = [member.user.audit_label, member.user.audit_label]
        audit.record(actor=actor, action="organisation.member_updated", obj=member.organisation,
                     municipality=member.organisation.municipality, changes=changes)
    _sync_representative_role(actor=actor, organisation=member.organisation, user=member.user)
    return member


@transaction.atomic
def remove_organisation_member(*, actor: User, member: OrganisationMember) -> None:
    organisation, user = member.organisation, member.user
    member.delete()
    audit.record(actor=actor, action="organisation.member_removed", obj=organisation,
                 municipality=organisation.municipality, changes={"member": [user.audit_label, None]})
    _sync_representative_role(actor=actor, organisation=organisation, user=user)
