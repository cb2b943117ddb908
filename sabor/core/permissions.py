"""Refusing an action with the reason people read. A permission with state is a django-rules
predicate (declared in each app's rules.py); when a service finds it false, it raises the
ValidationError — message and code — of the first of the permission's parts that fails, or
PermissionDenied when none explains it (someone not signed in, another person's object)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

import rules
from django.core.exceptions import PermissionDenied, ValidationError


class Refusal(NamedTuple):
    """Why an action is refused when `predicate` fails: the message people read (text, or a
    function of the object that gives it) and its code, under `field` when the message belongs
    to a form field."""

    predicate: rules.Predicate
    message: str | Callable[[Any], str]
    code: str
    field: str | None = None


def require(permission: str, user, obj, *refusals: Refusal) -> None:
    """Refuses unless `user` may do `permission` (a permission, or a rule with no role in it)
    on `obj`. ``rules.has_perm``, not ``user.has_perm``: a state rule holds for the platform
    operator too."""
    allowed = rules.has_perm(permission, user, obj) if rules.perm_exists(permission) \
        else rules.test_rule(permission, user, obj)
    if allowed:
        return
    for refusal in refusals:
        if not refusal.predicate.test(user, obj):
            message = refusal.message(obj) if callable(refusal.message) else refusal.message
            error = ValidationError(message, code=refusal.code)
            raise ValidationError({refusal.field: error}) if refusal.field else error
    raise PermissionDenied
