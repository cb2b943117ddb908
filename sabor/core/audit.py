"""The audit log: one function writes it, services call it inside their transaction."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from sabor.core.models import AuditEntry, Municipality

# Every action code a service may write, with the label staff read in the log.
ACTIONS: dict[str, Any] = {
    "municipality.created": _("Municipality created"),
    "municipality.updated": _("Municipality updated"),
    "settlement.saved": _("Settlement saved"),
    "user.signed_up": _("Account created"),
    "user.profile_updated": _("Profile updated"),
    "user.data_exported": _("Personal data downloaded"),
    "user.deleted": _("Account deleted and anonymised"),
    "membership.updated": _("Membership updated"),
    "role.granted": _("Role granted"),
    "role.revoked": _("Role revoked"),
    "organisation.created": _("Organisation created"),
    "organisation.updated": _("Organisation updated"),
    "organisation.member_added": _("Organisation member added"),
    "organisation.member_updated": _("Organisation member updated"),
    "organisation.member_removed": _("Organisation member removed"),
    "plan.created": _("Plan created"),
    "plan.updated": _("Plan updated"),
    "plan.node_added": _("Plan goal or measure added"),
    "plan.node_updated": _("Plan goal or measure updated"),
    "indicator.created": _("Indicator created"),
    "indicator.updated": _("Indicator updated"),
    "target.set": _("Target set"),
    "measurement.saved": _("Measurement saved as draft"),
    "measurement.submitted": _("Measurement submitted"),
    "measurement.verified": _("Measurement verified"),
    "measurement.returned": _("Measurement returned for correction"),
    "measurement.deleted": _("Draft measurement deleted"),
    "methodology.drafted": _("Methodology draft started"),
    "methodology.updated": _("Methodology draft changed"),
    "methodology.adopted": _("Methodology adopted"),
    "project.created": _("Project created"),
    "project.updated": _("Project updated"),
    "project.status_changed": _("Project status changed"),
    "evaluation.created": _("Evaluation created"),
    "evaluation.updated": _("Evaluation updated"),
    "evaluation.scored": _("Evaluation criteria scored"),
    "evaluation.published": _("Evaluation published"),
    "recommendation.added": _("Recommendation added"),
    "recommendation.followed_up": _("Recommendation followed up"),
    "report.created": _("Annual report started"),
    "report.updated": _("Annual report text changed"),
    "report.generation_requested": _("Annual report generation requested"),
    "report.approved": _("Annual report approval recorded"),
    "report.submitted": _("Annual report submitted to the council"),
    "report.returned": _("Annual report returned to draft"),
    "report.published": _("Annual report published"),
    "observation.added": _("Civic monitoring observation added"),
    "observation.answered": _("Civic monitoring observation answered"),
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
    "participation.process_created": _("Participation process created"),
    "participation.process_updated": _("Participation process updated"),
    "participation.meeting_created": _("Forum or meeting created"),
    "participation.meeting_updated": _("Forum or meeting updated"),
    "participation.registered": _("Registered for a meeting"),
    "participation.registration_cancelled": _("Meeting registration cancelled"),
    "participation.checked_in": _("Participant checked in"),
    "participation.check_in_undone": _("Check-in undone"),
    "participation.idea_submitted": _("Idea submitted"),
    "participation.idea_recorded": _("Idea recorded by staff"),
    "participation.idea_edited": _("Idea edited"),
    "participation.idea_answered": _("Idea answered"),
    "participation.commented": _("Comment written"),
    "participation.hidden": _("Content hidden by a moderator"),
    "participation.restored": _("Content restored by a moderator"),
    "participation.report_dismissed": _("Report dismissed"),
}


# How changed fields read in the log: a label per field and, where the stored
# value is a code, the label of each code. Apps register theirs when they load.
FIELD_LABELS: dict[str, Any] = {}
VALUE_LABELS: dict[str, dict[str, Any]] = {}


def register_fields(labels: dict[str, Any], values: dict[str, dict[str, Any]] | None = None) -> None:
    FIELD_LABELS.update(labels)
    VALUE_LABELS.update(values or {})


def action_label(code: str) -> str:
    return str(ACTIONS.get(code, code))


def _value_label(field: str, value: Any, choices: dict[Any, Any]) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, str) and value in choices:
        return str(choices[value])
    return str(VALUE_LABELS.get(field, {}).get(value, value))


def _model_field(model: type[models.Model] | None, name: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _field_label(model: type[models.Model] | None, name: str) -> str:
    """The changed object's own verbose name for the field, in the page's language; else
    the label an app registered; a key with a qualifier ("target 2027") keeps it."""
    base, _space, qualifier = name.partition(" ")
    field = _model_field(model, base)
    label = getattr(field, "verbose_name", None) or FIELD_LABELS.get(base) or base.replace("_", " ")
    return f"{label} {qualifier}" if qualifier else str(label)


def readable_changes(changes: dict[str, list[Any]], model: type[models.Model] | None = None
                     ) -> list[tuple[str, str, str]]:
    """(field label, old value, new value) rows for people to read."""
    rows = []
    for name, (old, new) in changes.items():
        field = _model_field(model, name)
        choices = dict(field.flatchoices) if getattr(field, "choices", None) else {}
        rows.append((_field_label(model, name), _value_label(name, old, choices), _value_label(name, new, choices)))
    return rows


def record(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    municipality: Municipality | None = None,
    changes: dict[str, list[Any]] | None = None,
) -> AuditEntry:
    if action not in ACTIONS:
        # A typo here would silently hide entries from the log's filters.
        raise ValueError(f"Unknown audit action {action!r}; add it to sabor.core.audit.ACTIONS.")
    actor_user = actor if getattr(actor, "is_authenticated", False) else None
    # Stored in the installation's language whatever the writer's is, so the log
    # reads the same to everyone; an empty actor label means the system itself.
    with translation.override(settings.LANGUAGE_CODE):
        return AuditEntry.objects.create(
            municipality=municipality,
            actor=actor_user,
            actor_label=actor_user.audit_label if actor_user else "",
            action=action,
            content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
            object_id=str(obj.pk) if obj is not None else "",
            object_repr=str(obj)[:300] if obj is not None else "",
            changes=changes or {},
        )


def forget_person(*, user, names: set[str]) -> None:
    """Takes a deleted person's name out of the log, leaving only their number."""
    placeholder = f"#{user.pk}"
    about_user = AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(user),
                                           object_id=str(user.pk))
    # Names the person went by earlier appear in their own profile history.
    names = set(names)
    for changes in about_user.filter(changes__has_key="display_name").values_list("changes", flat=True):
        names.update(value for value in changes["display_name"] if value)
    AuditEntry.objects.filter(actor=user).update(actor_label=placeholder)
    about_user.update(object_repr=placeholder)
    # Where else the person is named: entries that mention their label, which always
    # carries the ASCII marker "(#id)" (searchable in JSON on every database).
    candidates = AuditEntry.objects.filter(Q(pk__in=about_user.values("pk"))
                                           | Q(changes__icontains=f"(#{user.pk})"))
    ordered = sorted(names, key=len, reverse=True)  # "Мария Т. (#2)" before its part "Мария Т."
    for entry in candidates:
        changes = {}
        for field, values in entry.changes.items():
            scrubbed = []
            for value in values:
                if isinstance(value, str):
                    for name in ordered:
                        value = value.replace(name, placeholder)
                scrubbed.append(value)
            changes[field] = scrubbed
        if changes != entry.changes:
            entry.changes = changes
            entry.save(update_fields=["changes"])


def forget_objects(objects, *, label: str) -> None:
    """Entries about `objects` (of one model) read `label` instead of what the objects were
    called when logged — for objects named after a person whose account is erased."""
    objects = list(objects)
    if objects:
        AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(objects[0]),
                                  object_id__in=[str(obj.pk) for obj in objects]).update(object_repr=label)


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """The fields whose value changed, as {field: [old, new]} with JSON-safe values."""
    changes = {}
    for field, value in after.items():
        old, new = _jsonable(before.get(field)), _jsonable(value)
        if old != new:
            changes[field] = [old, new]
    return changes


def create(instance: models.Model, *, actor, action: str, municipality: Municipality | None, obj=None,
           changes: dict[str, list[Any]] | None = None):
    """Validates and saves a new `instance` and logs it (against `obj` when the entry
    belongs to a parent, such as a programme's module). Call inside the service's
    transaction."""
    instance.full_clean()
    instance.save()
    record(actor=actor, action=action, obj=obj if obj is not None else instance, municipality=municipality,
           changes=changes)
    return instance


def save_changes(instance: models.Model, *, actor, action: str, editable: list[str], values: dict[str, Any],
                 municipality: Municipality | None) -> dict[str, list[Any]]:
    """Sets `values` on `instance`, validates and saves it, and logs what changed.
    Call inside the service's transaction."""
    unknown = set(values) - set(editable)
    if unknown:
        raise TypeError(f"not editable: {', '.join(sorted(unknown))}")
    before = snapshot(instance, editable)
    for name, value in values.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    changes = diff(before, snapshot(instance, editable))
    if changes:
        record(actor=actor, action=action, obj=instance, municipality=municipality, changes=changes)
    return changes


def snapshot(instance: models.Model, fields: list[str]) -> dict[str, Any]:
    return {field: getattr(instance, field) for field in fields}


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    with translation.override(settings.LANGUAGE_CODE):
        return str(value)
