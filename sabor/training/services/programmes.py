"""Programmes and what they are made of: curriculum, targets, materials, sessions."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from sabor.core import audit
from sabor.core.forms import field_error
from sabor.core.models import Municipality
from sabor.core.validators import check_file_size
from sabor.monitoring import live
from sabor.training.models import GroupTarget, Material, Module, Programme, Session

PROGRAMME_FIELDS = ["title", "title_en", "aims", "trainers", "project", "status", "accepts_applications", "capacity",
                    "min_attendance_percent", "final_test_required", "pass_mark_percent", "offers_role",
                    "signatory_name", "signatory_position"]
SESSION_FIELDS = ["starts_at", "ends_at", "place", "online_url", "capacity", "trainer", "hours"]
MAX_MATERIAL_MB = 20


def _check_project(municipality: Municipality, fields: dict[str, Any]) -> None:
    project = fields.get("project")
    if project is not None and project.municipality_id != municipality.pk:
        raise field_error("project", _("That project belongs to another municipality."), "foreign")


@transaction.atomic
def create_programme(*, actor, municipality: Municipality, **fields: Any) -> Programme:
    _check_project(municipality, fields)
    return audit.create(Programme(municipality=municipality, **fields), actor=actor,
                        action="training.programme_created", municipality=municipality)


@transaction.atomic
def update_programme(*, actor, programme: Programme, **fields: Any) -> Programme:
    _check_project(programme.municipality, fields)
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    audit.save_changes(programme, actor=actor, action="training.programme_updated", editable=PROGRAMME_FIELDS,
                       values=fields, municipality=programme.municipality)
    live.refresh(programme.municipality, "training.")  # the programme's name is part of the source
    return programme


@transaction.atomic
def add_module(*, actor, programme: Programme, title: str, hours: Decimal) -> Module:
    module = Module(programme=programme, title=title, hours=hours, position=programme.modules.count() + 1)
    return audit.create(module, actor=actor, action="training.module_added", obj=programme,
                        municipality=programme.municipality, changes={"module": [None, f"{title} ({hours})"]})


@transaction.atomic
def remove_module(*, actor, module: Module) -> None:
    programme = module.programme
    audit.record(actor=actor, action="training.module_removed", obj=programme, municipality=programme.municipality,
                 changes={"module": [module.title, None]})
    module.delete()


@transaction.atomic
def set_target(*, actor, programme: Programme, stakeholder_group: str, target: int | None) -> None:
    """Sets how many people of a group the programme means to train; None or 0 removes the target."""
    current = programme.targets.filter(stakeholder_group=stakeholder_group).first()
    old = current.target if current else None
    if not target:
        if current:
            current.delete()
    else:
        item = current or GroupTarget(programme=programme, stakeholder_group=stakeholder_group)
        item.target = target
        item.full_clean()
        item.save()
    if old != (target or None):
        audit.record(actor=actor, action="training.target_set", obj=programme, municipality=programme.municipality,
                     changes={f"target {stakeholder_group}": [old, target or None]})


@transaction.atomic
def add_material(*, actor, programme: Programme, title: str, file) -> Material:
    check_file_size(file, field="file", megabytes=MAX_MATERIAL_MB)
    return audit.create(Material(programme=programme, title=title, file=file), actor=actor,
                        action="training.material_added", obj=programme, municipality=programme.municipality,
                        changes={"material": [None, title]})


def _check_modules(programme: Programme, modules) -> None:
    if any(module.programme_id != programme.pk for module in modules):
        raise field_error("modules", _("Choose modules of this programme."), "foreign_module")


@transaction.atomic
def add_session(*, actor, programme: Programme, modules=(), **fields: Any) -> Session:
    _check_modules(programme, modules)
    session = Session(programme=programme, **fields)
    session.full_clean()  # also reads the times that the log entry shows
    audit.create(session, actor=actor, action="training.session_added", obj=programme,
                 municipality=programme.municipality, changes={"session": [None, str(session)]})
    session.modules.set(modules)
    return session


@transaction.atomic
def update_session(*, actor, session: Session, modules=(), **fields: Any) -> Session:
    _check_modules(session.programme, modules)
    audit.save_changes(session, actor=actor, action="training.session_updated", editable=SESSION_FIELDS,
                       values=fields, municipality=session.programme.municipality)
    session.modules.set(modules)
    return session
