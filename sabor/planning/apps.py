from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "sabor.planning"
    label = "planning"
    verbose_name = _("Development plans")

    def ready(self):
        from sabor.planning import plugin

        plugin.register()
