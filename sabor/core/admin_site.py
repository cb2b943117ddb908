"""The Django admin of the platform operator, behind the site's own sign-in.

Django's admin has a login form of its own, with no rate limit and no second factor.
The operator signs in where everyone does (allauth: throttled, two-factor) and the
admin's own form is never shown: it redirects there and back."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _


def _mfa_missing(user) -> bool:
    # Imported here: this module is loaded with the app registry, before models can be.
    from sabor.core.decorators import needs_two_factor

    return needs_two_factor(user)


class SaborAdminSite(admin.AdminSite):
    def has_permission(self, request) -> bool:
        return super().has_permission(request) and not _mfa_missing(request.user)

    def login(self, request, extra_context=None):
        user = request.user
        if not user.is_authenticated:
            target = request.GET.get("next", "")
            if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                   require_https=request.is_secure()):
                target = resolve_url("admin:index")
            return redirect(f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': target})}")
        if user.is_active and user.is_staff and _mfa_missing(user):
            messages.warning(request, _("The platform operator must turn on two-factor authentication before "
                                        "using the administration."))
            return redirect("mfa_activate_totp")
        if self.has_permission(request):
            return redirect("admin:index")
        raise PermissionDenied


class SaborAdminConfig(AdminConfig):
    default = False
    default_site = "sabor.core.admin_site.SaborAdminSite"
