from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "sabor.participation"
    label = "participation"
    verbose_name = _("Participation")

    def ready(self):
        from sabor.participation import plugin

        plugin.register()
        from sabor.core import notices, registry
        from sabor.participation import files, notifications, personal_data, selectors  # noqa: F401  (selectors registers live sources)

        files.register()
        registry.add_personal_data("participation", export=personal_data.export, erase=personal_data.forget)
        notices.register(notifications.notify)
