"""Uploaded files are served by a view that applies the visibility of the object each one
belongs to, under names nobody can guess: for every kind of file, a public and a
non-public owner, fetched by everyone who might try."""

from __future__ import annotations

import re
from decimal import Decimal
from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.core import testfiles
from sabor.monitoring import services as monitoring
from sabor.monitoring.models import AnnualReport
from sabor.monitoring.services import reports
from sabor.monitoring.testing import make_indicator, make_plan, verified
from sabor.participation.models import Idea, IdeaAttachment
from sabor.participation.services import processes
from sabor.participation.testing import make_idea, make_meeting
from sabor.planning import services as planning
from sabor.training.services import programmes
from sabor.training.testing import make_programme


@pytest.fixture
def people(municipality):
    return {"author": testing.make_member(municipality, Role.RESIDENT),
            "resident": testing.make_member(municipality, Role.RESIDENT),
            "officer": testing.make_member(municipality, Role.ME_OFFICER, Role.STAFF, Role.MODERATOR,
                                           group="administration"),
            "staff without two-factor": testing.make_member(municipality, Role.ME_OFFICER, Role.STAFF,
                                                            group="administration", mfa=False)}


def _evidence(municipality, people):
    node = planning.add_node(actor=None, plan=make_plan(municipality), parent=None, title="Цел")
    indicator = make_indicator(municipality, node)
    public = verified(indicator, 2023, 9, evidence_file=testfiles.upload("протокол.pdf"),
                      entered_by=people["staff without two-factor"], verified_by=people["officer"])
    draft = monitoring.save_measurement(actor=people["officer"], indicator=indicator, period=2024,
                                        value=Decimal(7), evidence_file=testfiles.upload("чернова.pdf"))
    return public.evidence_file.name, draft.evidence_file.name


def _idea_attachments(municipality, people):
    names = []
    for hidden in (False, True):
        idea = make_idea(municipality, people["author"])
        attachment = IdeaAttachment.objects.create(idea=idea, title="Скица", file=testfiles.upload("скица.png"))
        Idea.objects.filter(pk=idea.pk).update(is_hidden=hidden)
        names.append(attachment.file.name)
    return tuple(names)


def _meeting_documents(municipality, people):
    return tuple(processes.add_attachment(actor=None, meeting=make_meeting(municipality, is_public=public),
                                          title="Протокол", file=testfiles.upload("протокол.docx")).file.name
                 for public in (True, False))


def _materials(municipality, people):
    return tuple(programmes.add_material(actor=None, programme=make_programme(municipality, status=status),
                                         title="Наръчник", file=testfiles.upload("наръчник.pptx")).file.name
                 for status in ("open", "draft"))


def _reports(municipality, people):
    plan = make_plan(municipality)
    names = []
    # Both generated; only the one the council approved and the municipality published is public.
    for year, stage in ((2022, AnnualReport.Stage.PUBLISHED), (2023, AnnualReport.Stage.DRAFT)):
        report = reports.create_report(actor=None, plan=plan, year=year)
        report.pdf.save(f"{plan.slug}-{year}.pdf", ContentFile(testfiles.content("pdf")), save=False)
        report.status, report.stage = AnnualReport.Status.READY, stage
        report.save()
        names.append(report.pdf.name)
    return tuple(names)


KINDS = {"a value's evidence": _evidence, "an idea's attachment": _idea_attachments,
         "a meeting's document": _meeting_documents, "a training material": _materials,
         "an annual report": _reports}


@pytest.mark.parametrize("kind", KINDS)
def test_a_file_is_seen_by_whoever_sees_its_object_and_by_nobody_else(client_for, municipality, other_municipality,
                                                                      people, kind):
    public, hidden = KINDS[kind](municipality, people)
    sees_hidden = {"officer"} | ({"author"} if kind == "an idea's attachment" else set())
    for persona in [None, *people]:
        client = client_for("alpha.test", people.get(persona))
        assert client.get(f"/files/{public}").status_code == 200, (persona, public)
        expected = 200 if persona in sees_hidden else 404
        assert client.get(f"/files/{hidden}").status_code == expected, (persona, hidden)
    # Another municipality's address never serves this one's files, public or not.
    outsider = testing.make_member(other_municipality, Role.ADMINISTRATOR, Role.ME_OFFICER)
    for name in (public, hidden):
        assert client_for("beta.test", outsider).get(f"/files/{name}").status_code == 404


def test_the_coat_of_arms_is_public_on_its_own_municipalitys_pages_only(client_for, municipality, administrator):
    response = client_for("alpha.test", administrator).post("/office/municipality/", {
        "name": "Община Лясковец", "primary_colour": "#1f4e79", "accent_colour": "#b8860b",
        "coat_of_arms": testfiles.upload("герб.png")})
    assert response.status_code == 302
    home = client_for("alpha.test").get("/").content.decode()
    address = re.search(r'<img src="(/files/municipalities/[^"]+)"', home).group(1)
    picture = client_for("alpha.test").get(address)
    assert picture.status_code == 200 and picture["Content-Type"] == "image/png"
    assert picture["Content-Disposition"].startswith("inline")
    assert b"".join(picture.streaming_content) == testfiles.content("png")
    assert client_for("beta.test").get(address).status_code == 404


def test_a_file_comes_with_its_type_its_name_and_no_sniffing(client_for, municipality):
    meeting = make_meeting(municipality)
    processes.add_attachment(actor=None, meeting=meeting, title="Протокол", file=testfiles.upload("протокол.pdf"))
    page = client_for("alpha.test").get(f"/meetings/{meeting.pk}/").content.decode()
    address = re.search(r'href="(/files/meetings/[^"]+)"', page).group(1)
    response = client_for("alpha.test").get(address)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{quote('протокол.pdf')}"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]


def test_names_cannot_be_guessed_from_the_file_or_from_one_another(municipality):
    meeting = make_meeting(municipality)
    first, second = (processes.add_attachment(actor=None, meeting=meeting, title="Протокол",
                                              file=testfiles.upload("протокол.pdf")).file.name for _ in range(2))
    for name in (first, second):
        prefix, year, token, filename = name.split("/")
        assert (prefix, filename) == ("meetings", "протокол.pdf")
        assert re.fullmatch(r"[A-Za-z0-9_-]{22}", token)  # 128 random bits
    assert first.split("/")[2] != second.split("/")[2]


def test_in_production_nginx_sends_the_bytes_from_its_internal_location(client_for, municipality, settings):
    settings.SABOR_FILES_ACCEL_REDIRECT = "/_files/"
    meeting = make_meeting(municipality)
    name = processes.add_attachment(actor=None, meeting=meeting, title="Протокол",
                                    file=testfiles.upload("протокол.pdf")).file.name
    response = client_for("alpha.test").get(f"/files/{name}")
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == "/_files/" + quote(name)
    assert response["Content-Type"] == "application/pdf" and response["X-Content-Type-Options"] == "nosniff"
    meeting.is_public = False
    meeting.save()
    assert client_for("alpha.test").get(f"/files/{name}").status_code == 404


def test_files_stored_under_the_old_names_are_still_served_by_their_rules(client_for, municipality):
    meeting = make_meeting(municipality)
    old_name = default_storage.save("meetings/2025/протокол.pdf", ContentFile(testfiles.content("pdf")))
    meeting.attachments.create(title="Протокол", file=old_name)
    assert client_for("alpha.test").get(f"/files/{old_name}").status_code == 200
    meeting.is_public = False
    meeting.save()
    assert client_for("alpha.test").get(f"/files/{old_name}").status_code == 404


@pytest.mark.parametrize("name", ["nothing/here.pdf", "meetings/../municipalities/x.png", "meetings/2026/x/y.pdf",
                                  "%00", "evidence/"])
def test_unknown_and_hostile_names_are_not_found(client_for, municipality, name):
    assert client_for("alpha.test").get(f"/files/{name}").status_code == 404


def test_nothing_is_served_from_media(client_for, municipality):
    meeting = make_meeting(municipality)
    name = processes.add_attachment(actor=None, meeting=meeting, title="Протокол",
                                    file=testfiles.upload("протокол.pdf")).file.name
    assert client_for("alpha.test").get(f"/media/{name}").status_code == 404


def test_files_on_disk_are_served_by_the_view(client_for, municipality, settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "sabor.core.files.FileStorage",
                                                          "OPTIONS": {"location": str(tmp_path)}}}
    meeting = make_meeting(municipality)
    name = processes.add_attachment(actor=None, meeting=meeting, title="Протокол",
                                    file=testfiles.upload("протокол.pdf")).file.name
    assert (tmp_path / name).read_bytes() == testfiles.content("pdf")
    response = client_for("alpha.test").get(f"/files/{name}")
    assert response.status_code == 200 and b"".join(response.streaming_content) == testfiles.content("pdf")
    (tmp_path / name).unlink()
    assert client_for("alpha.test").get(f"/files/{name}").status_code == 404
