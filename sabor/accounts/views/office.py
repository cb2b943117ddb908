"""Back-office pages for people, roles and organisations of the municipality."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sabor.accounts import services
from sabor.accounts.filters import OrganisationFilter, PeopleFilter
from sabor.accounts.forms import AddMemberForm, MemberForm, MembershipForm, OrganisationForm, RolesForm
from sabor.accounts.models import Membership, Organisation, OrganisationMember, RoleAssignment
from sabor.core.decorators import office_view
from sabor.core.filters import filter_status
from sabor.core.http import submitted

PAGE_SIZE = 50


@office_view("accounts.view_people")
def people_list(request):
    memberships = (Membership.objects.filter(municipality=request.municipality, user__is_active=True)
                   .select_related("user", "settlement")
                   .prefetch_related(Prefetch("roles", queryset=RoleAssignment.objects.order_by("role")))
                   .order_by("user__display_name", "pk"))
    form = PeopleFilter(request.GET)
    filters = form.values()
    if "q" in filters:
        memberships = memberships.filter(Q(user__display_name__icontains=filters["q"])
                                         | Q(user__email__icontains=filters["q"]))
    if "role" in filters:
        memberships = memberships.filter(roles__role=filters["role"])
    if "group" in filters:
        memberships = memberships.filter(stakeholder_group=filters["group"])
    page = Paginator(memberships, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "accounts/office/people_list.html", {"page": page, "form": form},
                  status=filter_status(form))


def _get_membership(request, pk: int) -> Membership:
    return get_object_or_404(
        Membership.objects.filter(municipality=request.municipality, user__is_active=True)
        .select_related("user", "settlement"), pk=pk)


@office_view("accounts.view_people")
def person_detail(request, pk: int):
    membership = _get_membership(request, pk)
    can_edit = request.user.has_perm("accounts.manage_memberships", request.municipality)
    can_set_roles = request.user.has_perm("accounts.manage_roles", request.municipality)
    current_roles = sorted(membership.roles.values_list("role", flat=True))
    membership_form = MembershipForm(
        initial={"stakeholder_group": membership.stakeholder_group, "settlement": membership.settlement},
        municipality=request.municipality)
    roles_form = RolesForm(initial={"roles": current_roles})
    status = 200
    if request.method == "POST":
        if request.POST.get("form") == "membership" and can_edit:
            membership_form = MembershipForm(request.POST, municipality=request.municipality)
            if membership_form.is_valid():
                services.update_membership(actor=request.user, membership=membership,
                                           stakeholder_group=membership_form.cleaned_data["stakeholder_group"],
                                           settlement=membership_form.cleaned_data["settlement"])
                messages.success(request, _("The membership has been saved."))
                return redirect("office:person_detail", pk=membership.pk)
        elif request.POST.get("form") == "roles" and can_set_roles:
            roles_form = RolesForm(request.POST)
            if roles_form.is_valid():
                try:
                    services.set_roles(actor=request.user, membership=membership,
                                       roles=set(roles_form.cleaned_data["roles"]))
                except ValidationError as error:
                    roles_form.add_error("roles", error)
                else:
                    messages.success(request, _("The roles have been saved."))
                    return redirect("office:person_detail", pk=membership.pk)
        elif request.POST.get("form") in ("membership", "roles"):
            raise PermissionDenied
        else:
            return HttpResponseBadRequest(_("Unknown form."))
        status = 400
    organisations = OrganisationMember.objects.filter(
        user=membership.user, organisation__municipality=request.municipality).select_related("organisation")
    return render(request, "accounts/office/person_detail.html", {
        "membership": membership, "membership_form": membership_form, "roles_form": roles_form,
        "can_edit": can_edit, "can_set_roles": can_set_roles, "current_roles": current_roles,
        "organisations": organisations}, status=status)


@office_view("accounts.manage_organisations")
def organisation_list(request):
    organisations = (Organisation.objects.filter(municipality=request.municipality)
                     .select_related("settlement").order_by("name"))
    form = OrganisationFilter(request.GET)
    filters = form.values()
    if "q" in filters:
        organisations = organisations.filter(Q(name__icontains=filters["q"]) | Q(name_en__icontains=filters["q"]))
    page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "accounts/office/organisation_list.html", {"page": page, "form": form},
                  status=filter_status(form))


@office_view("accounts.manage_organisations")
def organisation_create(request):
    form = OrganisationForm(*submitted(request), municipality=request.municipality)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            organisation = services.create_organisation(actor=request.user, municipality=request.municipality,
                                                        **fields)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The organisation has been created."))
            return redirect("office:organisation_detail", pk=organisation.pk)
    return render(request, "accounts/office/organisation_form.html", {"form": form},
                  status=400 if form.errors else 200)


def _get_organisation(request, pk: int) -> Organisation:
    return get_object_or_404(Organisation.objects.filter(municipality=request.municipality), pk=pk)


@office_view("accounts.manage_organisations")
def organisation_detail(request, pk: int):
    organisation = _get_organisation(request, pk)
    form = OrganisationForm(*submitted(request), instance=organisation, municipality=request.municipality)
    if request.method == "POST" and form.is_valid():
        organisation.refresh_from_db()
        if save_organisation_form(request, form, organisation):
            messages.success(request, _("The organisation has been saved."))
            return redirect("office:organisation_detail", pk=organisation.pk)
    return _render_organisation(request, organisation, form=form, status=400 if form.errors else 200)


def save_organisation_form(request, form, organisation) -> bool:
    fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
    try:
        services.update_organisation(actor=request.user, organisation=organisation, **fields)
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True


def _render_organisation(request, organisation, *, form=None, add_form=None, status=200):
    members = organisation.memberships.select_related("user").order_by("user__display_name")
    return render(request, "accounts/office/organisation_detail.html", {
        "organisation": organisation, "members": members,
        "form": form or OrganisationForm(instance=organisation, municipality=request.municipality),
        "add_form": add_form or AddMemberForm(organisation=organisation, prefix="member")}, status=status)


@office_view("accounts.manage_organisations")
@require_POST
def organisation_member_add(request, pk: int):
    organisation = _get_organisation(request, pk)
    form = AddMemberForm(request.POST, organisation=organisation, prefix="member")
    if form.is_valid():
        try:
            services.add_organisation_member(actor=request.user, organisation=organisation,
                                             user=form.cleaned_data["user"],
                                             is_representative=form.cleaned_data["is_representative"],
                                             position=form.cleaned_data["position"])
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(request, _("The member has been added."))
            return redirect("office:organisation_detail", pk=organisation.pk)
    return _render_organisation(request, organisation, add_form=form, status=400)


def _get_member(request, pk: int, member_pk: int) -> OrganisationMember:
    organisation = _get_organisation(request, pk)
    return get_object_or_404(organisation.memberships.select_related("user", "organisation__municipality"),
                             pk=member_pk)


@office_view("accounts.manage_organisations")
@require_POST
def organisation_member_update(request, pk: int, member_pk: int):
    member = _get_member(request, pk, member_pk)
    if request.POST.get("remove"):
        services.remove_organisation_member(actor=request.user, member=member)
        messages.success(request, _("The member has been removed."))
        return redirect("office:organisation_detail", pk=pk)
    form = MemberForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The member could not be saved: %(errors)s") % {
            "errors": " ".join(error for errors in form.errors.values() for error in errors)})
        return _render_organisation(request, member.organisation, status=400)
    services.update_organisation_member(actor=request.user, member=member,
                                        is_representative=form.cleaned_data["is_representative"],
                                        position=form.cleaned_data["position"])
    messages.success(request, _("The member has been saved."))
    return redirect("office:organisation_detail", pk=pk)
