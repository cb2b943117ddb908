from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "sabor.training"
    label = "training"
    verbose_name = _("Training")

    def ready(self):
        from sabor.training import plugin

        plugin.register()
        from sabor.core import registry
        from sabor.training import files, personal_data, selectors  # noqa: F401  (selectors registers live sources)

        files.register()
        registry.add_personal_data("training", export=personal_data.export, erase=personal_data.forget)
