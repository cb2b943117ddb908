"""What Sabor holds about a person: the download of one's data and the deletion of one's
account.

What other apps hold about a person: each adds its section of the download and its step of
the erasure when it loads (``sabor.core.registry.add_personal_data``)."""

from __future__ import annotations

from typing import Any

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sabor.accounts.models import Membership, NotificationFrequency, OrganisationMember, User
from sabor.accounts.selectors import sole_administrations
from sabor.core import audit, pagecache, registry


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


@transaction.atomic
def delete_account(*, user: User, actor: User | None = None) -> None:
    """Removes the person's identity but keeps the row, so what they contributed in
    public stays readable under "Deleted user" and the audit trail stays intact —
    without their name in it. Only the person deletes their account (`actor` is they
    unless given), and not while they are a municipality's only administrator."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    if not rules.has_perm("accounts.delete_account", actor or user, user):
        sole = sole_administrations(user)
        if not sole:
            raise PermissionDenied
        raise ValidationError(
            _("You are the only administrator of %(names)s. Give the administrator role to someone else first."),
            code="last_administrator", params={"names": ", ".join(m.name for m in sole)})
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
