from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "sabor.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring and evaluation")

    def ready(self):
        from sabor.core import audit

        # Keys of the log's changes that are not fields of the changed object.
        audit.register_fields({"target": _("target"), "reason": _("reason for returning")})
