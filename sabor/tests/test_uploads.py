"""Uploads are checked by what they contain, bodies are bounded in Django itself, and a
storage that fails mid-write (a full disk) is a form error that leaves nothing behind."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.validators import FileExtensionValidator

from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.core import files, testfiles
from sabor.core.files import FileStorage
from sabor.core.models import Municipality
from sabor.core.uploads import CHECKS, validate_upload
from sabor.monitoring.models import Measurement
from sabor.monitoring.testing import make_indicator, make_plan
from sabor.participation.models import Idea, IdeaAttachment, MeetingAttachment
from sabor.participation.testing import human, make_meeting
from sabor.planning import services as planning
from sabor.training.models import Material
from sabor.training.testing import make_programme

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.cookie)</script></svg>'
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56 + b"\x3e\x00"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 48 + b"PE\x00\x00"
PDF_THEN_HTML = b"%PDF-1.7\n<html><body><script>alert(document.cookie)</script></body></html>"
WRONG_CONTENT = "не е във формата"


@pytest.fixture
def officer(municipality):
    return testing.make_member(municipality, Role.ME_OFFICER, Role.STAFF, Role.ADMINISTRATOR, group="administration")


@pytest.fixture
def indicator(municipality):
    node = planning.add_node(actor=None, plan=make_plan(municipality), parent=None, title="Цел")
    return make_indicator(municipality, node)


def _evidence(client, indicator, upload, source="Бюро по труда"):
    return client.post(f"/office/indicators/{indicator.pk}/", {
        "m-period": 2023, "m-value": "10,4", "m-source": source, "m-note": "Бележка", "m-evidence_file": upload})


def _idea(client, upload, title="Пейки в парка"):
    return client.post("/ideas/new/", {"title": title, "description": "Около езерото.", "attachment": upload}
                       | human())


def _meeting_document(client, meeting, upload):
    return client.post(f"/office/meetings/{meeting.pk}/", {"action": "attachment", "file-title": "Протокол",
                                                           "file-file": upload})


def _material(client, programme, upload):
    return client.post(f"/office/training/{programme.pk}/", {"action": "material", "material-title": "Наръчник",
                                                               "material-file": upload})


def _coat_of_arms(client, upload):
    return client.post("/office/municipality/", {"name": "Община Лясковец", "primary_colour": "#1f4e79",
                                                 "accent_colour": "#b8860b", "coat_of_arms": upload})


def _stored(tmp_path: Path) -> list[Path]:
    return [path for path in tmp_path.rglob("*") if path.is_file()]


@pytest.mark.parametrize(("name", "data"), [("герб.png", SVG), ("протокол.pdf", ELF), ("протокол.pdf", EXE),
                                            ("протокол.pdf", PDF_THEN_HTML), ("таблица.xlsx", EXE),
                                            ("снимка.jpg", testfiles.content("png"))])
def test_a_file_that_is_not_what_its_name_says_is_refused_everywhere_and_nothing_is_saved(
        client_for, municipality, officer, resident, indicator, name, data):
    upload = lambda: SimpleUploadedFile(name, data)  # noqa: E731 - each post reads its own copy
    staff = client_for("alpha.test", officer)
    meeting, programme = make_meeting(municipality), make_programme(municipality)
    extension = name.rsplit(".", 1)[1]
    responses = [_evidence(staff, indicator, upload()), _idea(client_for("alpha.test", resident), upload()),
                 _meeting_document(staff, meeting, upload())]
    if extension in ("pdf", "xlsx"):
        responses.append(_material(staff, programme, upload()))
    if extension in ("png", "jpg"):
        responses.append(_coat_of_arms(staff, upload()))
    for response in responses:
        assert response.status_code == 400, response.request["PATH_INFO"]
        body = response.content.decode()
        # The coat of arms' form field opens pictures itself (Django's own message) before ours runs.
        assert WRONG_CONTENT in body or (response.request["PATH_INFO"] == "/office/municipality/"
                                         and "Качете валидно изображение" in body), response.request["PATH_INFO"]
    assert not Measurement.objects.exists() and not Idea.objects.exists()
    assert not MeetingAttachment.objects.exists() and not Material.objects.exists()
    assert not Municipality.objects.get(pk=municipality.pk).coat_of_arms


def test_the_same_uploads_done_right_are_taken(client_for, municipality, officer, resident, indicator):
    staff = client_for("alpha.test", officer)
    assert _evidence(staff, indicator, testfiles.upload("протокол.pdf")).status_code == 302
    assert _idea(client_for("alpha.test", resident), testfiles.upload("скица.jpg")).status_code == 302
    assert _meeting_document(staff, make_meeting(municipality), testfiles.upload("протокол.odt")).status_code == 302
    assert _material(staff, make_programme(municipality), testfiles.upload("наръчник.docx")).status_code == 302
    assert _coat_of_arms(staff, testfiles.upload("герб.png")).status_code == 302


def test_an_import_that_is_a_program_is_refused(client_for, municipality, officer):
    response = client_for("alpha.test", officer).post("/office/import/", {
        "kind": "measurements", "file": SimpleUploadedFile("стойности.csv", ELF)})
    assert response.status_code == 400 and WRONG_CONTENT in response.content.decode()


def test_every_extension_an_upload_field_takes_has_a_content_check():
    allowed = {extension for kind in files.KINDS
               for validator in kind.model._meta.get_field(kind.field).validators
               if isinstance(validator, FileExtensionValidator) for extension in validator.allowed_extensions}
    assert allowed and allowed <= set(CHECKS)


@pytest.mark.parametrize("extension", sorted(CHECKS))
def test_each_format_is_taken_as_itself_and_refused_as_any_other(extension):
    validate_upload(testfiles.upload(f"файл.{extension}"))
    for other in CHECKS:
        same_kind = {extension, other} <= {"jpg", "jpeg"} or {extension, other} <= {"zip", "docx", "xlsx", "pptx",
                                                                                    "odt", "ods", "odp"} and \
            "zip" in (extension, other)
        # A PDF that happens to be all text is text, and CSV asks no more of a file.
        if other != extension and not same_kind and (extension, other) != ("pdf", "csv"):
            with pytest.raises(ValidationError) as refused:
                validate_upload(SimpleUploadedFile(f"файл.{other}", testfiles.content(extension)))
            assert refused.value.code == "wrong_content"


def test_a_body_larger_than_any_upload_is_refused_before_it_is_read(client_for, municipality, officer, settings):
    settings.SABOR_MAX_REQUEST_BYTES = 1024 * 1024
    meeting = make_meeting(municipality)
    staff = client_for("alpha.test", officer)
    response = _meeting_document(staff, meeting, testfiles.upload("протокол.pdf", pad=1024 * 1024))
    assert response.status_code == 413
    assert "твърде голямо" in response.content.decode()
    assert not MeetingAttachment.objects.exists()
    # What counts is the length declared, before any of the body arrives.
    declared = staff.post(f"/office/meetings/{meeting.pk}/", {"action": "attachment"}, CONTENT_LENGTH=str(10 ** 12))
    assert declared.status_code == 413
    assert _meeting_document(staff, meeting, testfiles.upload("протокол.pdf")).status_code == 302


def test_the_default_limit_takes_the_largest_upload_and_no_more(settings):
    assert 20 * 1024 * 1024 < settings.SABOR_MAX_REQUEST_BYTES <= 25 * 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 2.5 * 1024 * 1024


def test_form_fields_beyond_the_memory_limit_are_refused(client_for, resident, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024
    response = client_for("alpha.test", resident).post("/ideas/new/", {
        "title": "Пейки", "description": "дълго " * 20000} | human())
    assert response.status_code == 400
    assert not Idea.objects.exists()


class FullDisk(FileStorage):
    """A disk that fills up after the first kilobyte of a file."""

    def _copy(self, content, target) -> None:
        target.write(next(iter(content.chunks()))[:1024])
        target.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.fixture
def full_disk(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": f"{__name__}.FullDisk",
                                                          "OPTIONS": {"location": str(tmp_path)}}}
    return tmp_path


def test_a_full_disk_is_a_form_error_that_keeps_what_was_typed_and_leaves_no_partial_file(
        client_for, municipality, officer, indicator, full_disk):
    response = _evidence(client_for("alpha.test", officer), indicator, testfiles.upload("протокол.pdf", pad=300_000),
                         source="Бюро по труда, Лясковец")
    assert response.status_code == 400
    page = response.content.decode()
    assert "няма място" in page
    assert 'value="Бюро по труда, Лясковец"' in page and "Бележка" in page
    assert not Measurement.objects.exists()
    assert _stored(full_disk) == []
    # The next try is just as clean (it used to leave an empty file).
    assert _evidence(client_for("alpha.test", officer), indicator, testfiles.upload("протокол.pdf")).status_code == 400
    assert _stored(full_disk) == []


def test_a_full_disk_loses_no_idea_and_no_half_of_one(client_for, municipality, resident, full_disk):
    response = _idea(client_for("alpha.test", resident), testfiles.upload("скица.png", pad=200_000),
                     title="Пейки около езерото")
    assert response.status_code == 400
    page = response.content.decode()
    assert "няма място" in page and 'value="Пейки около езерото"' in page
    assert not Idea.objects.exists() and not IdeaAttachment.objects.exists()
    assert _stored(full_disk) == []


def test_a_file_written_whole_is_kept(settings, tmp_path):
    storage = FileStorage(location=tmp_path)
    name = storage.save("meetings/2026/abc/протокол.pdf", testfiles.upload("протокол.pdf"))
    assert (tmp_path / name).read_bytes() == testfiles.content("pdf")
