from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "sabor.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring and evaluation")

    def ready(self):
        from sabor.core import audit
        from sabor.monitoring import files
        from sabor.monitoring.models import AnnualReport

        # Keys of the log's changes that are not fields of the changed object.
        audit.register_fields({"stage": _("stage"), "decision": _("council decision"), "target": _("target"),
                               "reason": _("reason for returning")},
                              {"stage": dict(AnnualReport.Stage.choices)})
        files.register()
