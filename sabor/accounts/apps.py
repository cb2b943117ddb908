from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "sabor.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from sabor.accounts.models import NotificationFrequency, Organisation, Role, StakeholderGroup
        from sabor.core import audit

        audit.register_fields(
            {
                "role": _("role"), "member": _("member"), "is_representative": _("representative"),
                "position": _("position"), "stakeholder_group": _("stakeholder group"),
                "settlement": _("settlement"), "display_name": _("display name"),
                "preferred_language": _("preferred language"), "notification_frequency": _("email notifications"),
                "name": _("name"), "name_en": _("name in English"), "kind": _("kind"), "eik": _("EIK/BULSTAT"),
                "description": _("description"), "website": _("website"), "email": _("email"),
                "is_public": _("listed publicly"), "code": _("municipality code"), "hosts": _("host names"),
            },
            {
                "role": dict(Role.choices),
                "stakeholder_group": dict(StakeholderGroup.choices),
                "notification_frequency": dict(NotificationFrequency.choices),
                "kind": dict(Organisation.Kind.choices),
            },
        )
