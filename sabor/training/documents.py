"""Printed documents of a programme: certificates and attendance sheets (PDF), and the
participant list (XLSX/CSV).

Neither a selector nor a service: it writes nothing, and what it reads comes from the
selectors; it only turns rows and objects into files, with WeasyPrint and the exporters."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from sabor.core import system_libraries
from sabor.core.exports import Exporter
from sabor.core.pdf import WRITE_OPTIONS
from sabor.training.models import TAKING_PART, Certificate, Enrolment, Programme, Session
from sabor.training.selectors import trainee_progress


def _pdf(template: str, context: dict) -> bytes:
    # Heavy, and needs Pango: loaded only when a document is made.
    return system_libraries.weasyprint().HTML(string=render_to_string(template, context)).write_pdf(**WRITE_OPTIONS)


def certificate_pdf(certificate: Certificate, verify_url: str) -> bytes:
    enrolment = certificate.enrolment
    programme = enrolment.programme
    return _pdf("training/documents/certificate.html", {
        "certificate": certificate, "programme": programme, "municipality": programme.municipality,
        "modules": programme.modules.all(), "verify_url": verify_url})


def attendance_sheet_pdf(session: Session) -> bytes:
    """A list to sign on paper: everyone taking part, with an empty signature column."""
    programme = session.programme
    people = programme.enrolments.filter(status__in=TAKING_PART).select_related("organisation")
    return _pdf("training/documents/attendance_sheet.html", {
        "session": session, "programme": programme, "municipality": programme.municipality, "people": people,
        "modules": session.modules.all(), "blank_rows": range(3)})


class ParticipantsExport(Exporter):
    def __init__(self, programme: Programme):
        self.programme = programme
        self.filename = f"training-{programme.pk}-participants"
        self.sheet_title = _("Participants")

    def headers(self):
        return [_("Name"), _("Stakeholder group"), _("Organisation"), _("Position"), _("Email"), _("Status"),
                _("Enrolled on"), _("Hours attended"), _("Attendance (%)"), _("Test before (%)"),
                _("Final test (%)"), _("Completed on"), _("Certificate")]

    def rows(self):
        for row in trainee_progress(self.programme, self.programme.enrolments.order_by("name", "pk")):
            enrolment: Enrolment = row.enrolment
            certificate = getattr(enrolment, "certificate", None)
            yield [enrolment.name, enrolment.get_stakeholder_group_display(), enrolment.organisation_label,
                   enrolment.position, enrolment.email, enrolment.get_status_display(), enrolment.enrolled_on,
                   row.hours_attended, row.attendance_percent, row.pre.percent if row.pre else None,
                   row.post.percent if row.post else None, enrolment.completed_on,
                   certificate.code if certificate else ""]
