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

# Every action code a service may write, with the label staff read in the log. Each app
# declares its own when it loads (``register_actions`` in its plugin module).
ACTIONS: dict[str, Any] = {}

# How changes read in the log. A changed field reads as the logged model's own verbose name
# and, where it has choices, the label of each value; keys of a model's entries that are not
# its fields (a child's name, a stage) are described per model by the app that logs them.
_KEY_LABELS: dict[type[models.Model], dict[str, Any]] = {}
_KEY_VALUES: dict[type[models.Model], dict[str, dict[Any, Any]]] = {}


def register_actions(actions: dict[str, Any]) -> None:
    ACTIONS.update(actions)


def describe(model: type[models.Model], *, labels: dict[str, Any] | None = None,
             values: dict[str, Any] | None = None) -> None:
    """How keys of `model`'s entries that are not its fields read (`labels`), and the labels of
    their coded values (`values`: key → choices, as a dict or Django's list of pairs)."""
    _KEY_LABELS.setdefault(model, {}).update(labels or {})
    for key, choices in (values or {}).items():
        _KEY_VALUES.setdefault(model, {})[key] = dict(choices)


def action_label(code: str) -> str:
    return str(ACTIONS.get(code, code))


def _value_label(value: Any, choices: dict[Any, Any]) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, (str, int)) and value in choices:
        return str(choices[value])
    return str(value)


def _model_field(model: type[models.Model] | None, name: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _field_label(model: type[models.Model] | None, name: str) -> str:
    """The changed object's own verbose name for the field, in the page's language; else the
    label its app described the key with; a key with a qualifier ("target 2027") keeps it."""
    base, _space, qualifier = name.partition(" ")
    field = _model_field(model, base)
    label = (getattr(field, "verbose_name", None) or _KEY_LABELS.get(model, {}).get(base)
             or base.replace("_", " "))
    return f"{label} {qualifier}" if qualifier else str(label)


def readable_changes(changes: dict[str, list[Any]], model: type[models.Model] | None = None
                     ) -> list[tuple[str, str, str]]:
    """(field label, old value, new value) rows for people to read."""
    rows = []
    for name, (old, new) in changes.items():
        field = _model_field(model, name)
        choices = dict(field.flatchoices) if getattr(field, "choices", None) \
            else _KEY_VALUES.get(model, {}).get(name.partition(" ")[0], {})
        rows.append((_field_label(model, name), _value_label(old, choices), _value_label(new, choices)))
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
        raise ValueError(f"Unknown audit action {action!r}; its app declares it with audit.register_actions.")
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
