from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "sabor.participation"
    label = "participation"
    verbose_name = _("Participation")

    def ready(self):
        from sabor.accounts import services as accounts
        from sabor.core import audit, notices
        from sabor.participation import files, notifications, personal_data, selectors  # noqa: F401  (selectors registers live sources)
        from sabor.participation.models import Idea, Meeting

        audit.register_fields(
            {"agenda": _("agenda"), "minutes": _("minutes"), "starts_at": _("starts"), "ends_at": _("ends"),
             "capacity": _("places"), "is_cancelled": _("cancelled"), "registration": _("registration"),
             "participant": _("participant"), "phase": _("phase"), "attachment": _("attachment"),
             "answer": _("the municipality's answer"), "merged_into": _("merged into"),
             "project": _("project in the plan"), "answered_at": _("answered"), "hidden": _("hidden"),
             "kind": _("kind"), "description": _("description"), "results": _("results")},
            {"kind": dict(Meeting.Kind.choices)},
        )
        audit.VALUE_LABELS.setdefault("status", {})
        for value, label in Idea.Status.choices:
            audit.VALUE_LABELS["status"].setdefault(value, label)
        accounts.PERSONAL_DATA_SECTIONS["participation"] = personal_data.export
        files.register()
        accounts.ACCOUNT_DELETION_STEPS.append(personal_data.forget)
        notices.register(notifications.notify)
