from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The Lyaskovets demo: the top of the layers, it imports every app and nothing imports it."""

    name = "sabor.demo"
    label = "demo"
    verbose_name = _("Demo data")
