from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The home page and the back office's overview: pages composed of what the apps register
    (``sabor.core.registry``). The portal knows no app; every app may add to it."""

    name = "sabor.portal"
    label = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from sabor.portal import plugin

        plugin.register()
