from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "sabor.training"
    label = "training"
    verbose_name = _("Training")

    def ready(self):
        from sabor.training import plugin

        plugin.register()
