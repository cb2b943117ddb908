"""What the training app adds to the shared pages: programmes, applications to answer."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sabor.core import audit, registry


def register() -> None:
    from sabor.training import files, selectors
    from sabor.training.models import Assessment, Enrolment, Programme
    from sabor.training.services import personal_data

    audit.register_actions({
    "training.programme_created": _("Training programme created"),
    "training.programme_updated": _("Training programme updated"),
    "training.module_added": _("Training module added"),
    "training.module_removed": _("Training module removed"),
    "training.target_set": _("Training target set"),
    "training.material_added": _("Training material added"),
    "training.session_added": _("Training session added"),
    "training.session_updated": _("Training session updated"),
    "training.enrolled": _("Trainee enrolled"),
    "training.applied": _("Applied for a training"),
    "training.enrolment_changed": _("Enrolment changed"),
    "training.attendance_recorded": _("Training attendance recorded"),
    "training.test_changed": _("Training test changed"),
    "training.test_taken": _("Training test taken"),
    "training.completed": _("Training completed and certificate issued"),
    "training.role_offer_answered": _("Role offered after training answered"),
    })
    labels = {"module": _("module"), "material": _("material"), "session": _("session"),
              "certificate": _("certificate"), "programme": _("programme"), "role_offer": _("role offer"),
              "target": _("target"),
              # A test's changes are keyed by its kind, read in the language of whoever reads the log.
              **dict(Assessment.Kind.choices)}
    audit.describe(Programme, labels=labels, values={"role_offer": Enrolment.RoleOffer.choices})
    audit.describe(Enrolment, labels=labels, values={"role_offer": Enrolment.RoleOffer.choices})

    registry.site_menu.add(_("Training"), "training:programme_list", order=50, namespaces=("training",))
    registry.account_menu.add(_("My training"), "training:mine", order=20, signed_in=True)
    registry.office_menu.add(_("Training"), "office:programmes", permission="training.manage", order=160,
                             current=("office:programme", "office:trainees", "office:test", "office:session"))
    registry.add_queue("training.applications", _("Training applications to answer"),
                       permission="training.manage", url_name="office:programmes", order=50,
                       count=lambda user, municipality: Enrolment.objects.filter(
                           programme__municipality=municipality, status=Enrolment.Status.APPLIED).count())
    registry.add_card("training.programmes", section="participate", order=30,
                      template="training/cards/programmes.html",
                      context=lambda request: {"open_programmes": request.municipality.training_programmes
                                               .filter(status=Programme.Status.OPEN).count()})
    registry.add_url_fillers("training", "sabor.training.testing")
    registry.add_personal_data("training", export=personal_data.export, erase=personal_data.forget)
    files.register()
    selectors.register_live_sources()
