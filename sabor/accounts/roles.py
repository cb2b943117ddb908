"""Which roles a person holds in a municipality, looked up once per request."""

from __future__ import annotations

from sabor.accounts.models import Role, RoleAssignment
from sabor.core.models import Municipality


def roles_of(user, municipality: Municipality | None) -> frozenset[str]:
    if municipality is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cache = user.__dict__.setdefault("_sabor_roles", {})
    if municipality.pk not in cache:
        cache[municipality.pk] = frozenset(
            RoleAssignment.objects.filter(membership__user=user, membership__municipality=municipality)
            .values_list("role", flat=True)
        )
    return cache[municipality.pk]


def forget_roles(user) -> None:
    """Drop the cached roles after they change within the same request."""
    if user is not None:
        user.__dict__.pop("_sabor_roles", None)


def has_any_role(user, municipality: Municipality | None, *roles: Role) -> bool:
    return bool(roles_of(user, municipality) & set(roles))
