"""Reads about people that more than one page or rule needs."""

from __future__ import annotations

from sabor.accounts.models import Role, RoleAssignment, User
from sabor.core.models import Municipality


def sole_administrations(user: User) -> list[Municipality]:
    """Municipalities that would be left without an administrator if `user` went."""
    administered = Municipality.objects.filter(memberships__user=user,
                                               memberships__roles__role=Role.ADMINISTRATOR)
    return [municipality for municipality in administered
            if not RoleAssignment.objects.filter(membership__municipality=municipality, role=Role.ADMINISTRATOR)
            .exclude(membership__user=user).exists()]
