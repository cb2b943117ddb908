from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "sabor.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from sabor.accounts import plugin

        plugin.register()
