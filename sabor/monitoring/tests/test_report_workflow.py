"""The annual report's way to the public: draft (staff only) → submitted to the council →
approved → published; only a published report is public, in the list and as files."""

from datetime import date

import pytest
from django.core.files.base import ContentFile

from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.core.models import AuditEntry
from sabor.monitoring.models import AnnualReport
from sabor.monitoring.services import reports
from sabor.monitoring.testing import make_plan, raises_code

pytestmark = pytest.mark.django_db

STAGES = ["draft", "submitted", "approved", "published"]


@pytest.fixture
def officer(municipality):
    return testing.make_member(municipality, Role.ME_OFFICER)


def _generated(plan, officer, year=2023) -> AnnualReport:
    """A report whose documents exist (generating them for real is tested in test_reports)."""
    report = reports.create_report(actor=officer, plan=plan, year=year)
    report.docx.save("r.docx", ContentFile(b"PK docx of the report"), save=False)
    report.pdf.save("r.pdf", ContentFile(b"%PDF of the report"), save=False)
    report.status = AnnualReport.Status.READY
    report.save()
    return report


def _at(stage: str, plan, officer) -> AnnualReport:
    report = _generated(plan, officer)
    steps = [lambda r: reports.submit_to_council(actor=officer, report=r),
             lambda r: reports.record_approval(actor=officer, report=r, number="12", on=date(2024, 3, 28)),
             lambda r: reports.publish(actor=officer, report=r)]
    for step in steps[:STAGES.index(stage)]:
        report = step(report)
    assert report.stage == stage
    return report


TRANSITIONS = {
    "submit": (lambda actor, r: reports.submit_to_council(actor=actor, report=r), "draft", "submitted"),
    "return": (lambda actor, r: reports.return_to_draft(actor=actor, report=r), "submitted", "draft"),
    "approve": (lambda actor, r: reports.record_approval(actor=actor, report=r, number="7", on=date(2024, 3, 1)),
                "submitted", "approved"),
    "publish": (lambda actor, r: reports.publish(actor=actor, report=r), "approved", "published"),
    "narrative": (lambda actor, r: reports.update_narrative(actor=actor, report=r, conclusions="Нов текст"),
                  "draft", "draft"),
}


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("transition", sorted(TRANSITIONS))
def test_each_step_is_taken_only_from_the_stage_before_it(municipality, officer, stage, transition):
    report = _at(stage, make_plan(municipality), officer)
    service, before, after = TRANSITIONS[transition]
    if stage == before:
        assert service(officer, report).stage == after
    else:
        with raises_code("wrong_stage"):
            service(officer, report)
        report.refresh_from_db()
        assert report.stage == stage


def test_every_step_is_in_the_audit_log(municipality, officer):
    report = _at("published", make_plan(municipality), officer)
    entries = AuditEntry.objects.filter(object_id=str(report.pk), action__startswith="report.").order_by("pk")
    assert [e.action for e in entries] == ["report.created", "report.submitted", "report.approved",
                                           "report.published"]
    assert entries[2].changes == {"stage": ["submitted", "approved"], "decision": [None, "12 / 28.03.2024"]}
    assert all(e.actor == officer for e in entries)


def test_a_report_before_the_council_can_be_neither_changed_nor_generated_again(municipality, officer):
    report = _at("submitted", make_plan(municipality), officer)
    with raises_code("wrong_stage"):
        reports.request_generation(actor=officer, report=report)
    report = reports.return_to_draft(actor=officer, report=report)
    assert reports.update_narrative(actor=officer, report=report, conclusions="Поправено").conclusions == "Поправено"


def test_a_report_of_a_plan_kept_internal_is_never_published(municipality, officer):
    plan = make_plan(municipality, is_public=False)
    report = _at("approved", plan, officer)
    with raises_code("plan_not_public") as error:
        reports.publish(actor=officer, report=report)
    assert error.value.code == "plan_not_public"


# Who reads a report at each stage: (persona, stage) → may read it in the list and as files.
READERS = {
    "anonymous": {"published"},
    "resident": {"published"},
    "civic_monitor": {"published"},
    "councillor": {"submitted", "approved", "published"},
    "staff": set(STAGES),
    "me_officer": set(STAGES),
    "administrator": set(STAGES),
}


@pytest.mark.parametrize("persona", sorted(READERS))
def test_who_reads_a_report_at_each_stage(client_for, municipality, officer, persona):
    user = None if persona == "anonymous" else testing.make_member(municipality, Role(persona))
    client = client_for("alpha.test", user)
    for year, stage in enumerate(STAGES, start=2021):
        report = _generated(make_plan(municipality, slug=f"plan-{stage}", short_name=f"План-{stage}"), officer,
                            year=year)
        report = _at_from(report, stage, officer)
        listed = f"План-{stage}" in client.get("/reports/").content.decode()
        files = [client.get(f"/reports/{report.pk}/report.{fmt}") for fmt in ("pdf", "docx")]
        readable = stage in READERS[persona]
        assert listed == readable, (persona, stage)
        assert [f.status_code for f in files] == ([200, 200] if readable else [404, 404]), (persona, stage)


def _at_from(report, stage, officer):
    if STAGES.index(stage) >= 1:
        report = reports.submit_to_council(actor=officer, report=report)
    if STAGES.index(stage) >= 2:
        report = reports.record_approval(actor=officer, report=report, number="3", on=date(2024, 3, 1))
    if STAGES.index(stage) >= 3:
        report = reports.publish(actor=officer, report=report)
    return report


@pytest.mark.parametrize("persona", ["resident", "councillor", "staff"])
def test_only_the_me_officer_moves_a_report_on(client_for, municipality, officer, persona):
    report = _at("draft", make_plan(municipality), officer)
    client = client_for("alpha.test", testing.make_member(municipality, Role(persona)))
    assert client.post(f"/office/reports/{report.pk}/", {"action": "submit"}).status_code == 403
    report.refresh_from_db()
    assert report.stage == "draft"


def test_the_office_page_walks_the_report_to_the_public(client_for, municipality, officer):
    report = _generated(make_plan(municipality), officer)
    client, anonymous = client_for("alpha.test", officer), client_for("alpha.test")
    page = client.get(f"/office/reports/{report.pk}/").content.decode()
    assert 'value="submit"' in page and 'value="publish"' not in page
    for action in ("submit", "approval", "publish"):
        assert anonymous.get(f"/reports/{report.pk}/report.pdf").status_code == 404
        response = client.post(f"/office/reports/{report.pk}/", {"action": action, "number": "45",
                                                                 "on": "2024-03-28"})
        assert response.status_code == 302, action
    assert anonymous.get(f"/reports/{report.pk}/report.pdf").status_code == 200
    # A step out of order is refused with a message, not a server error.
    response = client.post(f"/office/reports/{report.pk}/", {"action": "submit"})
    assert response.status_code == 400 and "публикуван" in response.content.decode()
