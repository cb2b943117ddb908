from __future__ import annotations

from functools import wraps

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _


def municipality_required(view):
    """The view serves one municipality's data; without one there is nothing to show."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.municipality is None:
            raise Http404(_("No municipality is served at this address."))
        return view(request, *args, **kwargs)

    return wrapped


def needs_two_factor(user) -> bool:
    """Whether this person must turn on two-factor authentication before reaching what staff
    reach (the back office, drafts, the platform admin)."""
    return settings.SABOR_STAFF_MFA_REQUIRED and not is_mfa_enabled(user)


def may_use_office(request, permission: str) -> bool:
    """Whether `office_view(permission)` would let this visitor in, as a yes or no for what
    answers "not found" instead of asking to sign in (the files of non-public objects)."""
    user = request.user
    return (user.is_authenticated and request.municipality is not None
            and user.has_perm("office.access", request.municipality)
            and not needs_two_factor(user)
            and user.has_perm(permission, request.municipality))


def office_view(permission: str = "office.access"):
    """A back-office view: signed in, holding `permission` in this municipality and,
    for staff roles, protected by two-factor authentication."""

    def decorator(view):
        @wraps(view)
        @login_required
        @municipality_required
        def wrapped(request, *args, **kwargs):
            if not request.user.has_perm("office.access", request.municipality):
                raise PermissionDenied
            if needs_two_factor(request.user):
                messages.warning(request, _("Staff must turn on two-factor authentication before using the "
                                            "back office."))
                return redirect("mfa_activate_totp")
            if not request.user.has_perm(permission, request.municipality):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
