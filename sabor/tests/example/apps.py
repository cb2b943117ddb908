"""An app made the way a new Sabor app is made, installed only by ``sabor.tests.example.settings``:
it proves that an app plugs into the back office's menu and overview, the audit log and the
personal-data steps with its own files, its ``INSTALLED_APPS`` line and one ``include``."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExampleConfig(AppConfig):
    name = "sabor.tests.example"
    label = "example"
    verbose_name = _("Example")

    def ready(self):
        from sabor.core import audit, registry
        from sabor.tests.example import services

        audit.register_actions({"example.greeted": "Greeted the example"})
        registry.office_menu.add("Example greetings", "office:example", permission="office.access", order=500)
        registry.add_queue("example.waiting", "Greetings to answer", permission="office.access",
                           url_name="office:example", count=lambda user, municipality: 3)
        registry.add_personal_data("example", export=services.export, erase=services.erase)
