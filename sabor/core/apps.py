from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "sabor.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from sabor.core import plugin

        plugin.register()
