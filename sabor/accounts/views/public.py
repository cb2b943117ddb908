"""The person's own pages (profile, data download, deletion) and the public
organisation pages."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sabor.accounts import services
from sabor.accounts.filters import PublicOrganisationFilter
from sabor.accounts.forms import DeleteAccountForm, OrganisationForm, ProfileForm
from sabor.accounts.models import Membership, Organisation
from sabor.accounts.views.office import save_organisation_form
from sabor.core import audit
from sabor.core.decorators import municipality_required
from sabor.core.filters import filter_status
from sabor.core.http import submitted


@login_required
def profile(request):
    municipality = request.municipality
    membership = (Membership.objects.filter(user=request.user, municipality=municipality).first()
                  if municipality else None)
    initial = {
        "display_name": request.user.display_name,
        "preferred_language": request.user.preferred_language,
        "notification_frequency": request.user.notification_frequency,
        "settlement": membership.settlement if membership else None,
    }
    form = ProfileForm(*submitted(request), initial=initial, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_profile(
                actor=request.user, user=request.user, municipality=municipality,
                display_name=data["display_name"], preferred_language=data["preferred_language"],
                notification_frequency=data["notification_frequency"], settlement=data.get("settlement"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            response = redirect("accounts:profile")
            if data["preferred_language"]:
                translation.activate(data["preferred_language"])
                response.set_cookie(settings.LANGUAGE_COOKIE_NAME, data["preferred_language"],
                                    secure=settings.LANGUAGE_COOKIE_SECURE, samesite="Lax")
            messages.success(request, _("Your profile has been saved."))
            return response
    status = 400 if form.errors else 200
    return render(request, "accounts/profile.html", {"form": form, "membership": membership}, status=status)


@login_required
@require_POST
def export_data(request):
    data = services.export_personal_data(user=request.user)
    audit.record(actor=request.user, action="user.data_exported", obj=request.user,
                 municipality=request.municipality)
    response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2),
                            content_type="application/json; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="sabor-my-data-{stamp}.json"'
    return response


@login_required
def delete_account(request):
    form = DeleteAccountForm(*submitted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.delete_account(user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            logout(request)
            messages.success(request, _("Your account has been deleted. What you wrote in public stays, "
                                        "without your name."))
            return redirect("portal:home")
    status = 400 if form.errors else 200
    return render(request, "accounts/delete_account.html", {"form": form}, status=status)


ORGANISATIONS_PER_PAGE = 24


@municipality_required
def organisation_list(request):
    organisations = (request.municipality.organisations.filter(is_public=True)
                     .select_related("settlement").order_by("name"))
    form = PublicOrganisationFilter(request.GET)
    filters = form.values()
    if "kind" in filters:
        organisations = organisations.filter(kind=filters["kind"])
    page = Paginator(organisations, ORGANISATIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "accounts/organisation_list.html", {
        "page": page, "organisations": page.object_list, "form": form}, status=filter_status(form))


def _get_public_organisation(request, pk: int) -> Organisation:
    # Fetched through the municipality, so another tenant's id is simply not found.
    organisation = get_object_or_404(request.municipality.organisations.select_related("settlement"), pk=pk)
    if not organisation.is_public and not request.user.has_perm("accounts.edit_organisation", organisation):
        # Not 403: that would confirm an unlisted organisation exists.
        raise Http404
    return organisation


@municipality_required
def organisation_detail(request, pk: int):
    organisation = _get_public_organisation(request, pk)
    representatives = organisation.memberships.filter(is_representative=True, user__is_active=True) \
        .select_related("user")
    return render(request, "accounts/organisation_detail.html", {
        "organisation": organisation, "representatives": representatives,
        "can_edit": request.user.has_perm("accounts.edit_organisation", organisation)})


@login_required
@municipality_required
def organisation_edit(request, pk: int):
    organisation = get_object_or_404(request.municipality.organisations, pk=pk)
    if not request.user.has_perm("accounts.edit_organisation", organisation):
        raise PermissionDenied
    form = OrganisationForm(*submitted(request), instance=organisation, municipality=request.municipality)
    if request.method == "POST" and form.is_valid():
        # The form has already written the values onto the instance; reload so the
        # service sees the stored state and can record what changed.
        organisation.refresh_from_db()
        if save_organisation_form(request, form, organisation):
            messages.success(request, _("The organisation has been saved."))
            return redirect("accounts:organisation_detail", pk=organisation.pk)
    status = 400 if form.errors else 200
    return render(request, "accounts/organisation_form.html", {"form": form, "organisation": organisation},
                  status=status)
