"""What the accounts app adds to the shared pages: people and organisations."""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from sabor.core import audit, registry


def register() -> None:
    from sabor.accounts.models import (
        Membership,
        NotificationFrequency,
        Organisation,
        OrganisationMember,
        Role,
        RoleAssignment,
        StakeholderGroup,
        User,
    )

    audit.register_actions({
    "user.signed_up": _("Account created"),
    "user.profile_updated": _("Profile updated"),
    "user.data_exported": _("Personal data downloaded"),
    "user.deleted": _("Account deleted and anonymised"),
    "membership.updated": _("Membership updated"),
    "role.granted": _("Role granted"),
    "role.revoked": _("Role revoked"),
    "organisation.created": _("Organisation created"),
    "organisation.updated": _("Organisation updated"),
    "organisation.member_added": _("Organisation member added"),
    "organisation.member_updated": _("Organisation member updated"),
    "organisation.member_removed": _("Organisation member removed"),
    })
    # Keys of entries that are not fields of the logged object: a membership's roles, an
    # organisation's members.
    for model in (User, Membership, RoleAssignment, Organisation, OrganisationMember):
        audit.describe(model, labels={
            "role": _("role"), "member": _("member"), "is_representative": _("representative"),
            "position": _("position"), "stakeholder_group": _("stakeholder group"), "settlement": _("settlement"),
            "display_name": _("display name"), "preferred_language": _("preferred language"),
            "notification_frequency": _("email notifications"), "name": _("name"), "name_en": _("name in English"),
            "eik": _("EIK/BULSTAT"), "description": _("description"), "website": _("website"), "email": _("email"),
            "is_public": _("listed publicly"),
        }, values={
            "role": Role.choices, "stakeholder_group": StakeholderGroup.choices,
            "notification_frequency": NotificationFrequency.choices,
        })
    audit.describe(Organisation, labels={"kind": _("kind")}, values={"kind": Organisation.Kind.choices})

    registry.site_menu.add(_("Organisations"), "accounts:organisation_list", order=90)
    registry.office_menu.add(_("People and roles"), "office:people_list", permission="accounts.view_people",
                             current=("office:person_detail",), order=10)
    registry.office_menu.add(_("Organisations"), "office:organisation_list",
                             permission="accounts.manage_organisations", order=20,
                             current=("office:organisation_create", "office:organisation_detail",
                                      "office:organisation_member_add", "office:organisation_member_update"))
    registry.add_card("accounts.facts", section="facts", order=20, template="accounts/cards/facts.html",
                      context=_facts)
    registry.add_card("accounts.organisations", section="organisations", order=10,
                      template="accounts/cards/organisations.html", context=_organisations)
    registry.add_card("accounts.office_facts", section="office_facts", order=10,
                      template="accounts/office/cards/facts.html", context=_office_facts)
    registry.add_card("accounts.office_groups", section="office_tables", order=10,
                      template="accounts/office/cards/groups.html", context=_office_groups)
    registry.add_url_fillers("accounts", "sabor.accounts.testing")


def _facts(request):
    municipality = request.municipality
    return {"organisation_count": municipality.organisations.filter(is_public=True).count(),
            "member_count": municipality.memberships.filter(user__is_active=True).count()}


def _organisations(request):
    recent = list(request.municipality.organisations.filter(is_public=True).order_by("-created_at")[:6])
    return {"organisations": recent} if recent else None


def _office_facts(request):
    municipality = request.municipality
    return {"people_count": municipality.memberships.filter(user__is_active=True).count(),
            "organisation_count": municipality.organisations.count()}


def _office_groups(request):
    from sabor.accounts.models import Membership

    by_group = dict(request.municipality.memberships.filter(user__is_active=True)
                    .values_list("stakeholder_group").annotate(n=Count("id")))
    choices = Membership._meta.get_field("stakeholder_group").choices
    return {"by_group": [(label, by_group.get(value, 0)) for value, label in choices]}
