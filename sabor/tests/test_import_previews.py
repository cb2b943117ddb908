"""Across apps: a meeting's sign-in list preview (participation) runs the checks its import runs,
with the spreadsheet reader monitoring's value imports use."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sabor.participation.testing import make_meeting

pytestmark = pytest.mark.django_db


def _csv(rows) -> SimpleUploadedFile:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(rows)
    return SimpleUploadedFile("values.csv", buffer.getvalue().encode(), content_type="text/csv")


def test_a_sign_in_list_preview_reports_what_the_import_would_refuse(client_for, staff, municipality):
    meeting = make_meeting(municipality, days=1)
    client = client_for("alpha.test", staff)
    url = f"/office/meetings/{meeting.pk}/check-in/"
    rows = [["name", "group", "organisation"], ["Петър Петров", "жители", ""],
            ["Анна Колева", "business", "„Агро“ " + "ООД" * 80]]  # longer than an organisation name may be
    preview = client.post(url, {"action": "preview", "list-file": _csv(rows)})
    assert preview.status_code == 400
    (row,) = [row for row in preview.context["preview_rows"] if row.errors]
    assert row.number == 3
    assert meeting.registrations.count() == 0  # the trial saves were rolled back
    assert client.post(url, {"action": "confirm"}).status_code == 302
    assert meeting.registrations.count() == 0
