from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "sabor.training"
    label = "training"
    verbose_name = _("Training")

    def ready(self):
        from sabor.accounts import services as accounts
        from sabor.core import audit
        from sabor.training import files, personal_data, selectors  # noqa: F401  (selectors registers live sources)
        from sabor.training.models import Enrolment, Programme

        audit.register_fields(
            {"title": _("title"), "title_en": _("title in English"), "aims": _("aims"), "trainers": _("trainers"),
             "accepts_applications": _("people may apply themselves"), "capacity": _("places"),
             "min_attendance_percent": _("attendance needed to complete (percentage of hours)"),
             "final_test_required": _("a passed final test is needed to complete"),
             "pass_mark_percent": _("pass mark of the tests (%)"), "offers_role": _("role offered on completion"),
             "role_offer": _("role offer"), "programme": _("programme"), "certificate": _("certificate"),
             "module": _("module"), "material": _("material"), "session": _("session"),
             "starts_at": _("starts"), "ends_at": _("ends"), "place": _("place"), "online_url": _("online link"),
             "trainer": _("trainer"), "hours": _("training hours"), "is_open": _("open to trainees")},
            {"role_offer": dict(Enrolment.RoleOffer.choices)},
        )
        accounts.PERSONAL_DATA_SECTIONS["training"] = personal_data.export
        files.register()
        accounts.ACCOUNT_DELETION_STEPS.append(personal_data.forget)
        # An enrolment's and a programme's status share the field name; the log shows either's label.
        audit.VALUE_LABELS.setdefault("status", {})
        for choices in (Programme.Status.choices, Enrolment.Status.choices):
            for value, label in choices:
                audit.VALUE_LABELS["status"].setdefault(value, label)
