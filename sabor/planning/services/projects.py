"""Projects of the plan: services that change them and the list's query."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sabor.core import audit
from sabor.core.forms import field_error
from sabor.core.models import Municipality
from sabor.planning.models import Funding, Milestone, PlanNode, Project, ProjectStatusChange

PROJECT_FIELDS = ["measure", "title", "title_en", "description", "responsible_unit", "contract_number",
                  "contract_date", "start_date", "end_date", "progress", "spent", "is_public"]


def _check_tenant(municipality: Municipality, measure: PlanNode | None, settlements=(), partners=()) -> None:
    if measure is not None and measure.plan.municipality_id != municipality.pk:
        raise field_error("measure", _("That measure belongs to another municipality."), "foreign")
    if any(item.municipality_id != municipality.pk for item in [*settlements, *partners]):
        raise ValidationError(_("Settlements and partners must be of this municipality."), code="foreign")


@transaction.atomic
def create_project(*, actor, municipality: Municipality, title: str, status: str = Project.Status.IDEA,
                   status_date: date | None = None, funding: list[tuple[str, str, Decimal]] = (),
                   settlements=(), partners=(), **fields: Any) -> Project:
    _check_tenant(municipality, fields.get("measure"), settlements, partners)
    project = Project(municipality=municipality, title=title, status=status, **fields)
    project.full_clean()
    project.save()
    project.settlements.set(settlements)
    project.partners.set(partners)
    for source, programme, amount in funding:
        line = Funding(project=project, source=source, programme=programme, amount=amount)
        line.full_clean()
        line.save()
    ProjectStatusChange.objects.create(project=project, status=status, changed_on=status_date or date.today())
    audit.record(actor=actor, action="project.created", obj=project, municipality=municipality,
                 changes={"status": [None, status]})
    return project


@transaction.atomic
def update_project(*, actor, project: Project, **fields: Any) -> Project:
    _check_tenant(project.municipality, fields.get("measure"))
    audit.save_changes(project, actor=actor, action="project.updated", editable=PROJECT_FIELDS, values=fields,
                       municipality=project.municipality)
    return project


@transaction.atomic
def change_status(*, actor, project: Project, status: str, on: date, note: str = "") -> Project:
    if status not in Project.Status.values:
        raise field_error("status", _("Unknown status."), "unknown_status")
    project = Project.objects.select_for_update().get(pk=project.pk)
    if status == project.status:
        raise field_error("status", _("The project already has this status."), "same_status")
    old = project.status
    project.status = status
    project.save(update_fields=["status"])
    ProjectStatusChange.objects.create(project=project, status=status, changed_on=on, note=note)
    audit.record(actor=actor, action="project.status_changed", obj=project, municipality=project.municipality,
                 changes={"status": [old, status]})
    return project


@transaction.atomic
def set_links(*, actor, project: Project, settlements, partners) -> None:
    _check_tenant(project.municipality, None, settlements, partners)
    before = {"settlements": sorted(str(s) for s in project.settlements.all()),
              "partners": sorted(str(p) for p in project.partners.all())}
    project.settlements.set(settlements)
    project.partners.set(partners)
    after = {"settlements": sorted(str(s) for s in settlements), "partners": sorted(str(p) for p in partners)}
    changes = {key: [", ".join(before[key]), ", ".join(after[key])] for key in before if before[key] != after[key]}
    if changes:
        audit.record(actor=actor, action="project.updated", obj=project, municipality=project.municipality,
                     changes=changes)


@transaction.atomic
def add_funding(*, actor, project: Project, source: str, programme: str, amount: Decimal) -> Funding:
    line = Funding(project=project, source=source, programme=programme, amount=amount)
    line.full_clean()
    line.save()
    audit.record(actor=actor, action="project.updated", obj=project, municipality=project.municipality,
                 changes={"funding": [None, f"{line.get_source_display()} {programme} {amount}".strip()]})
    return line


@transaction.atomic
def add_milestone(*, actor, project: Project, title: str, due: date, done_on: date | None = None) -> Milestone:
    milestone = Milestone(project=project, title=title, due=due, done_on=done_on)
    milestone.full_clean()
    milestone.save()
    audit.record(actor=actor, action="project.updated", obj=project, municipality=project.municipality,
                 changes={"milestone": [None, f"{title} ({due:%d.%m.%Y})"]})
    return milestone


@transaction.atomic
def complete_milestone(*, actor, milestone: Milestone, on: date) -> Milestone:
    milestone.done_on = on
    milestone.save(update_fields=["done_on"])
    audit.record(actor=actor, action="project.updated", obj=milestone.project,
                 municipality=milestone.project.municipality,
                 changes={"milestone": [milestone.title, f"{milestone.title} ✓ {on:%d.%m.%Y}"]})
    return milestone
