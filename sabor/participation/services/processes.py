"""Processes, their phases, and the forums and meetings held in them."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from sabor.core import audit
from sabor.core.forms import field_error
from sabor.core.models import Municipality
from sabor.core.validators import check_file_size
from sabor.monitoring import live
from sabor.participation import pages
from sabor.participation.models import Meeting, MeetingAttachment, Phase, Process

PROCESS_FIELDS = ["slug", "title", "title_en", "description", "plan", "ideas_open_from", "ideas_open_until",
                  "results", "is_public"]
MEETING_FIELDS = ["process", "kind", "title", "title_en", "agenda", "starts_at", "ends_at", "settlement", "address",
                  "online_url", "capacity", "invited_groups", "registration_opens_at", "registration_closes_at",
                  "minutes", "is_cancelled", "is_public"]
MAX_ATTACHMENT_MB = 20


def _check_own(municipality: Municipality, fields: dict[str, Any]) -> None:
    for name in ("plan", "process"):
        value = fields.get(name)
        if value is not None and value.municipality_id != municipality.pk:
            raise field_error(name, _("That belongs to another municipality."), "foreign")
    settlement = fields.get("settlement")
    if settlement is not None and settlement.municipality_id != municipality.pk:
        raise field_error("settlement", _("That settlement is not in this municipality."), "foreign")


@transaction.atomic
def create_process(*, actor, municipality: Municipality, **fields: Any) -> Process:
    _check_own(municipality, fields)
    pages.changed(municipality)
    return audit.create(Process(municipality=municipality, **fields), actor=actor,
                        action="participation.process_created", municipality=municipality)


@transaction.atomic
def update_process(*, actor, process: Process, **fields: Any) -> Process:
    _check_own(process.municipality, fields)
    audit.save_changes(process, actor=actor, action="participation.process_updated", editable=PROCESS_FIELDS,
                       values=fields, municipality=process.municipality)
    pages.changed(process.municipality)
    return process


@transaction.atomic
def add_phase(*, actor, process: Process, **fields: Any) -> Phase:
    pages.changed(process.municipality)
    return audit.create(Phase(process=process, **fields), actor=actor, action="participation.process_updated",
                        obj=process, municipality=process.municipality,
                        changes={"phase": [None, fields.get("title", "")]})


@transaction.atomic
def remove_phase(*, actor, phase: Phase) -> None:
    process = phase.process
    audit.record(actor=actor, action="participation.process_updated", obj=process,
                 municipality=process.municipality, changes={"phase": [phase.title, None]})
    phase.delete()
    pages.changed(process.municipality)


def _meetings_changed(municipality: Municipality) -> None:
    live.refresh(municipality, "participation.")
    pages.changed(municipality)


@transaction.atomic
def create_meeting(*, actor, municipality: Municipality, **fields: Any) -> Meeting:
    _check_own(municipality, fields)
    meeting = audit.create(Meeting(municipality=municipality, **fields), actor=actor,
                           action="participation.meeting_created", municipality=municipality)
    _meetings_changed(municipality)
    return meeting


@transaction.atomic
def update_meeting(*, actor, meeting: Meeting, **fields: Any) -> Meeting:
    _check_own(meeting.municipality, fields)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    capacity_before = meeting.capacity
    audit.save_changes(meeting, actor=actor, action="participation.meeting_updated", editable=MEETING_FIELDS,
                       values=fields, municipality=meeting.municipality)
    if meeting.capacity != capacity_before:
        from sabor.participation.services.registrations import fill_places

        fill_places(meeting)
    _meetings_changed(meeting.municipality)
    return meeting


@transaction.atomic
def add_attachment(*, actor, meeting: Meeting, title: str, file) -> MeetingAttachment:
    check_file_size(file, field="file", megabytes=MAX_ATTACHMENT_MB)
    pages.changed(meeting.municipality)
    return audit.create(MeetingAttachment(meeting=meeting, title=title, file=file), actor=actor,
                        action="participation.meeting_updated", obj=meeting, municipality=meeting.municipality,
                        changes={"attachment": [None, title]})
