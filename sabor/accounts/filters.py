from django.utils.translation import gettext_lazy as _

from sabor.accounts.models import Organisation, Role, StakeholderGroup
from sabor.core.filters import FilterForm, choice_field, search_field


class PeopleFilter(FilterForm):
    q = search_field(_("Name or email"))
    role = choice_field(_("Role"), Role.choices, _("All roles"))
    group = choice_field(_("Stakeholder group"), StakeholderGroup.choices, _("All groups"))


class OrganisationFilter(FilterForm):
    q = search_field(_("Name"))


class PublicOrganisationFilter(FilterForm):
    kind = choice_field(_("Kind"), Organisation.Kind.choices, _("All kinds"))
