"""A person's membership of a municipality and the roles they hold in it.

Every change takes the acting user, runs in one transaction and writes the audit
log, so views, admin actions and management commands all behave the same."""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sabor.accounts.models import DERIVED_ROLES, STAFF_ROLES, Membership, Role, RoleAssignment, StakeholderGroup, User
from sabor.accounts.roles import forget_roles
from sabor.core import audit
from sabor.core.models import Municipality
from sabor.territory.models import Settlement


def _check_settlement(settlement: Settlement | None, municipality: Municipality) -> None:
    if settlement is not None and settlement.municipality_id != municipality.pk:
        raise ValidationError(_("That settlement is not in this municipality."), code="foreign_settlement")


@transaction.atomic
def join_municipality(*, user: User, municipality: Municipality) -> Membership:
    """The person's membership in `municipality`, created as a resident if new."""
    membership, created = Membership.objects.get_or_create(user=user, municipality=municipality)
    if created:
        RoleAssignment.objects.create(membership=membership, role=Role.RESIDENT)
        forget_roles(user)
    return membership


@transaction.atomic
def update_membership(
    *,
    actor: User,
    membership: Membership,
    stakeholder_group: StakeholderGroup | str,
    settlement: Settlement | None,
) -> Membership:
    _check_settlement(settlement, membership.municipality)
    before = audit.snapshot(membership, ["stakeholder_group", "settlement"])
    membership.stakeholder_group = stakeholder_group
    membership.settlement = settlement
    membership.full_clean()
    membership.save(update_fields=["stakeholder_group", "settlement"])
    changes = audit.diff(before, audit.snapshot(membership, ["stakeholder_group", "settlement"]))
    if changes:
        audit.record(actor=actor, action="membership.updated", obj=membership.user,
                     municipality=membership.municipality, changes=changes)
    return membership


@transaction.atomic
def set_roles(*, actor: User | None, membership: Membership, roles: set[str]) -> None:
    """Makes the membership's roles exactly `roles`, logging each grant and revocation.
    Derived roles (organisation representative) are left as they are: they follow
    from the facts they derive from, never from this choice.

    Nobody takes the administrator role from themselves, and only another administrator
    takes it from someone (`accounts.revoke_administrator`); `actor` None is the system
    (the demo loader, the operator's `grant_role` command). Anyone else who sets roles must
    hold `accounts.manage_roles` in the membership's municipality."""
    if actor is not None and not rules.has_perm("accounts.manage_roles", actor, membership.municipality):
        raise PermissionDenied
    if actor is not None and Role.ADMINISTRATOR not in roles and \
            membership.roles.filter(role=Role.ADMINISTRATOR).exists() and \
            not rules.has_perm("accounts.revoke_administrator", actor, membership):
        if membership.user_id == actor.pk:
            raise ValidationError(_("You cannot take the administrator role from yourself."), code="own_administrator")
        raise PermissionDenied
    _apply_roles(actor=actor, membership=membership, roles=set(roles) - DERIVED_ROLES, keep=DERIVED_ROLES)


@transaction.atomic
def grant_offered_role(*, actor: User, membership: Membership, role: str) -> None:
    """A person takes up a role offered to them (training offers the civic monitor role to
    whoever completes it): only their own membership, and never a role that acts for the
    municipality."""
    if membership.user_id != actor.pk or role in STAFF_ROLES or role in DERIVED_ROLES:
        raise PermissionDenied
    current = set(membership.roles.values_list("role", flat=True))
    _apply_roles(actor=actor, membership=membership, roles=current | {role})


def _apply_roles(*, actor: User | None, membership: Membership, roles: set[str],
                 keep: frozenset[str] = frozenset()) -> None:
    unknown = roles - set(Role.values)
    if unknown:
        raise ValidationError(_("Unknown role."), code="unknown_role")
    # Lock the membership so two administrators saving at once cannot both insert.
    Membership.objects.select_for_update().filter(pk=membership.pk).first()
    current = set(membership.roles.values_list("role", flat=True))
    wanted = roles | (current & keep)
    for role in sorted(wanted - current):
        RoleAssignment.objects.create(membership=membership, role=role)
        audit.record(actor=actor, action="role.granted", obj=membership.user,
                     municipality=membership.municipality, changes={"role": [None, role]})
    for role in sorted(current - wanted):
        membership.roles.filter(role=role).delete()
        audit.record(actor=actor, action="role.revoked", obj=membership.user,
                     municipality=membership.municipality, changes={"role": [role, None]})
    forget_roles(membership.user)
    forget_roles(actor)
