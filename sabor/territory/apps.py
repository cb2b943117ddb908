from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritoryConfig(AppConfig):
    name = "sabor.territory"
    label = "territory"
    verbose_name = _("Territory")

    def ready(self):
        from sabor.territory import plugin

        plugin.register()
