"""Every change to people, roles and organisations goes through these functions.

They take the acting user, run in one transaction and write the audit log, so
views, admin actions and management commands all behave the same."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sabor.accounts.models import (
    DERIVED_ROLES,
    Membership,
    NotificationFrequency,
    Organisation,
    OrganisationMember,
    Role,
    RoleAssignment,
    StakeholderGroup,
    User,
)
from sabor.accounts.roles import forget_roles
from sabor.core import audit, pagecache, registry
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
def register_user(*, user: User, display_name: str, municipality: Municipality | None) -> None:
    """Completes a sign-up: the name shown in public and the membership where it happened."""
    user.display_name = display_name
    user.save(update_fields=["display_name"])
    if municipality is not None:
        join_municipality(user=user, municipality=municipality)
    audit.record(actor=user, action="user.signed_up", obj=user, municipality=municipality)


PROFILE_FIELDS = ["display_name", "preferred_language", "notification_frequency"]


@transaction.atomic
def update_profile(
    *,
    actor: User,
    user: User,
    municipality: Municipality | None,
    display_name: str,
    preferred_language: str,
    notification_frequency: NotificationFrequency | str,
    settlement: Settlement | None = None,
) -> User:
    before = audit.snapshot(user, PROFILE_FIELDS)
    user.display_name = display_name
    user.preferred_language = preferred_language
    user.notification_frequency = notification_frequency
    user.full_clean(exclude=["password"])
    user.save(update_fields=PROFILE_FIELDS)
    changes = audit.diff(before, audit.snapshot(user, PROFILE_FIELDS))
    if municipality is not None:
        _check_settlement(settlement, municipality)
        membership = join_municipality(user=user, municipality=municipality)
        if membership.settlement_id != (settlement.pk if settlement else None):
            changes["settlement"] = [str(membership.settlement or ""), str(settlement or "")]
            membership.settlement = settlement
            membership.save(update_fields=["settlement"])
    if changes:
        audit.record(actor=actor, action="user.profile_updated", obj=user, municipality=municipality,
                     changes=changes)
    return user


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
    from the facts they derive from, never from this choice."""
    _apply_roles(actor=actor, membership=membership, roles=set(roles) - DERIVED_ROLES, keep=DERIVED_ROLES)


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


# What other apps hold about a person: each adds its section of the download and its step of
# the erasure when it loads (``sabor.core.registry.add_personal_data``).


def export_personal_data(*, user: User) -> dict[str, Any]:
    """Everything Sabor holds about the person, as JSON-ready data."""
    from allauth.account.models import EmailAddress

    from sabor.core.models import AuditEntry

    memberships = (Membership.objects.filter(user=user)
                   .select_related("municipality", "settlement").prefetch_related("roles"))
    return {
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "preferred_language": user.preferred_language,
            "notification_frequency": user.notification_frequency,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user)
        ],
        "memberships": [
            {
                "municipality": membership.municipality.name,
                "settlement": membership.settlement.name if membership.settlement else None,
                "stakeholder_group": membership.stakeholder_group,
                "roles": sorted(assignment.role for assignment in membership.roles.all()),
                "joined_at": membership.joined_at.isoformat(),
            }
            for membership in memberships
        ],
        "organisations": [
            {
                "organisation": member.organisation.name,
                "municipality": member.organisation.municipality.name,
                "representative": member.is_representative,
                "position": member.position,
            }
            for member in OrganisationMember.objects.filter(user=user)
            .select_related("organisation__municipality")
        ],
        "activity": [
            {"time": entry.created_at.isoformat(), "action": entry.action, "object": entry.object_repr}
            for entry in AuditEntry.objects.filter(actor=user).order_by("created_at")
        ],
    } | {step.key: step.export(user) for step in registry.personal_data() if step.export}


def sole_administrations(user: User) -> list[Municipality]:
    """Municipalities that would be left without an administrator if `user` went."""
    administered = Municipality.objects.filter(memberships__user=user,
                                               memberships__roles__role=Role.ADMINISTRATOR)
    return [municipality for municipality in administered
            if not RoleAssignment.objects.filter(membership__municipality=municipality, role=Role.ADMINISTRATOR)
            .exclude(membership__user=user).exists()]


@transaction.atomic
def delete_account(*, user: User) -> None:
    """Removes the person's identity but keeps the row, so what they contributed in
    public stays readable under "Deleted user" and the audit trail stays intact —
    without their name in it."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    if sole_administrations(user):
        raise ValidationError(
            _("You are the only administrator of %(names)s. Give the administrator role to someone else first."),
            code="last_administrator",
            params={"names": ", ".join(m.name for m in sole_administrations(user))})
    for membership in Membership.objects.filter(user=user).select_related("municipality").prefetch_related("roles"):
        audit.record(actor=user, action="user.deleted", obj=user, municipality=membership.municipality,
                     changes={"roles": [", ".join(sorted(r.role for r in membership.roles.all())), None]})
    names = {user.audit_label, user.display_name} - {""}
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    OrganisationMember.objects.filter(user=user).delete()
    Membership.objects.filter(user=user).delete()
    for step in registry.personal_data():
        if step.erase:
            step.erase(user)
    user.email = f"deleted-{user.pk}@invalid"
    user.display_name = ""
    user.preferred_language = ""
    user.notification_frequency = NotificationFrequency.NEVER
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.is_anonymised = True
    user.set_unusable_password()
    user.save()
    audit.forget_person(user=user, names=names)
    # Pages cached for anonymous visitors may show the name; they go once this commits.
    pagecache.clear()
    # Other sessions end by themselves: the password hash they were signed with is gone
    # and inactive users are refused by the authentication backends.
