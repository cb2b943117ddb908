"""A person's own account: completing the sign-up, and the profile they edit."""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied
from django.db import transaction

from sabor.accounts.models import NotificationFrequency, User
from sabor.accounts.services.memberships import _check_settlement, join_municipality
from sabor.core import audit
from sabor.core.models import Municipality
from sabor.territory.models import Settlement


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
    if not rules.has_perm("accounts.edit_profile", actor, user):
        raise PermissionDenied
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
