from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "sabor.participation"
    label = "participation"
    verbose_name = _("Participation")

    def ready(self):
        from sabor.participation import plugin

        plugin.register()
