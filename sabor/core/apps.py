from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "sabor.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from sabor.core import files
        from sabor.core.models import Municipality

        # The coat of arms is on every page of its municipality.
        files.register(prefix="municipalities", model=Municipality, field="coat_of_arms", municipality="pk",
                       may_see=lambda request, municipality: True)
