"""Nothing non-public reaches the public, anywhere.

One object of every non-public kind is made, each text field carrying a marker
("zzleak…"); then an anonymous visitor and a plain resident fetch every URL of the public
site — found by walking the URL resolver, every id and slug filled with those of the
objects made, every format offered — and search for the markers in every answer, with
spreadsheets, documents and PDFs read as text. A new URL is covered by itself, or fails
here until the test learns how to fill it."""

from __future__ import annotations

import html
import io
import itertools
import re
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile

from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.core import files
from sabor.monitoring import services as monitoring
from sabor.monitoring.models import AnnualReport
from sabor.monitoring.services import evaluations, methodology, observations, reports
from sabor.monitoring.testing import make_indicator, make_plan, verified
from sabor.participation.models import IdeaAttachment, Meeting, MeetingAttachment
from sabor.participation.services import ideas, moderation, processes, registrations
from sabor.participation.testing import make_idea, make_meeting, make_process
from sabor.planning import services as planning
from sabor.planning.services import projects
from sabor.tests.urlwalk import every_pattern
from sabor.training.models import Material, Programme
from sabor.training.testing import enrol, make_programme, make_session

pytestmark = pytest.mark.django_db

MARKER = re.compile(r"zzleak-[\w-]+", re.IGNORECASE)
CLOSED_NAMESPACES = {"office", "admin"}


def m(what: str) -> str:
    return f"zzleak-{what}"


def _generated_report(plan, actor, year: int) -> AnnualReport:
    """A report with documents (their generation is tested in monitoring); the files carry markers."""
    report = reports.create_report(actor=actor, plan=plan, year=year)
    reports.update_narrative(actor=actor, report=report, conclusions=m(f"report-{year}-conclusions"))
    report.docx.save("r.docx", ContentFile(m(f"report-{year}-docx").encode()), save=False)
    report.pdf.save("r.pdf", ContentFile(m(f"report-{year}-pdf").encode()), save=False)
    report.status = AnnualReport.Status.READY
    report.save()
    return report


@pytest.fixture
def world(municipality):
    """The public picture with every kind of non-public thing inside and beside it."""
    officer = testing.make_member(municipality, Role.ME_OFFICER, Role.STAFF)
    clerk = testing.make_member(municipality, Role.STAFF)
    author = testing.make_member(municipality, Role.RESIDENT)
    # Personal data that no public page shows: someone who only registered for a forum.
    registrant = testing.make_member(municipality, Role.RESIDENT,
                                     user=testing.make_user(m("registrant@example.org"), name=m("registrant-name")))

    # A public plan with non-public parts.
    plan = make_plan(municipality, slug="public-plan")
    goal = planning.add_node(actor=None, plan=plan, parent=None, title="Растеж")
    shown = make_indicator(municipality, goal, code="П1")
    verified(shown, 2022, "11", entered_by=clerk, verified_by=officer, source="НСИ")
    draft = monitoring.save_measurement(actor=officer, indicator=shown, period=2023, value=Decimal(9),
                                        source=m("draft-value-source"), note=m("draft-value-note"))
    submitted = monitoring.save_measurement(actor=officer, indicator=shown, period=2024, value=Decimal(8),
                                            source=m("submitted-value-source"))
    monitoring.submit_measurement(actor=officer, measurement=submitted)
    returned = monitoring.save_measurement(actor=officer, indicator=shown, period=2025, value=Decimal(7),
                                           source=m("returned-value-source"))
    monitoring.submit_measurement(actor=officer, measurement=returned)
    monitoring.return_measurement(actor=officer, measurement=returned, reason=m("return-reason"))
    hidden_indicator = make_indicator(municipality, goal, code="ZZLEAK1", name=m("internal-indicator"),
                                      is_public=False, source=m("internal-indicator-source"))
    verified(hidden_indicator, 2022, "10", entered_by=clerk, verified_by=officer)
    internal_project = projects.create_project(actor=None, municipality=municipality, measure=goal,
                                               title=m("internal-project"), is_public=False,
                                               description=m("internal-project-description"))
    of_internal_project = make_indicator(municipality, goal, code="ZZLEAK2", name=m("indicator-of-internal-project"),
                                         project=internal_project)
    verified(of_internal_project, 2022, "10", entered_by=clerk, verified_by=officer)
    draft_report = _generated_report(plan, officer, 2022)
    submitted_report = _generated_report(plan, officer, 2023)
    reports.submit_to_council(actor=officer, report=submitted_report)
    approved_report = _generated_report(plan, officer, 2024)
    reports.submit_to_council(actor=officer, report=approved_report)
    reports.record_approval(actor=officer, report=approved_report, number="1", on=date(2025, 3, 1))

    # A plan kept internal, with everything in it public by its own flag.
    internal = make_plan(municipality, slug=m("plan-slug"), short_name=m("plan-short"), title=m("plan-title"),
                         vision=m("plan-vision"), start_year=2014, end_year=2020)
    internal_goal = planning.add_node(actor=None, plan=internal, parent=None, title=m("internal-goal"))
    indicator = make_indicator(municipality, internal_goal, code="ZZLEAK3", name=m("indicator-of-internal-plan"),
                               targets={2020: Decimal(5)}, source=m("indicator-source"))
    verified(indicator, 2018, "9", entered_by=clerk, verified_by=officer, source=m("verified-value-source"))
    monitor = testing.make_member(municipality, Role.CIVIC_MONITOR)
    # Observed while the plan was public; the plan has been kept internal since.
    observations.observe(actor=monitor, indicator=indicator, period=2018, kind="challenge",
                         text=m("observation-of-internal-indicator"))
    planning.update_plan(actor=None, plan=internal, is_public=False)
    project_of_internal_plan = projects.create_project(
        actor=None, municipality=municipality, measure=internal_goal, title=m("project-of-internal-plan"),
        description=m("project-of-internal-plan-description"), responsible_unit=m("unit"),
        funding=[("eu", m("funding-programme"), Decimal(1000))])
    projects.add_milestone(actor=None, project=project_of_internal_plan, title=m("milestone"),
                           due=date(2019, 1, 1))
    evaluation_of_internal_plan = evaluations.create_evaluation(
        actor=None, municipality=municipality, title=m("evaluation-of-internal-plan"), kind="annual", year=2019,
        plan=internal, findings=m("findings-of-internal-plan"))
    evaluations.publish(actor=None, evaluation=evaluation_of_internal_plan)
    report_of_internal_plan = _generated_report(internal, officer, 2019)

    draft_evaluation = evaluations.create_evaluation(actor=None, municipality=municipality,
                                                     title=m("draft-evaluation"), kind="annual", year=2023,
                                                     plan=plan, findings=m("draft-findings"))
    evaluations.add_recommendation(actor=None, evaluation=draft_evaluation, text=m("draft-recommendation"),
                                   owner=m("owner"), deadline=date(2025, 1, 1))
    draft_methodology = methodology.start_draft(actor=officer, municipality=municipality)
    methodology.update_draft(actor=officer, methodology=draft_methodology, title=m("methodology-title"),
                             body=m("methodology-body"))

    # Participation.
    internal_process = make_process(municipality, slug=m("process-slug"), title=m("process-title"),
                                    description=m("process-description"), is_public=False,
                                    results=m("process-results"))
    processes.add_phase(actor=None, process=internal_process, title=m("phase"), description=m("phase-text"),
                        starts_on=date(2025, 1, 1), ends_on=date(2025, 2, 1))
    public_process = make_process(municipality, slug="public-process", plan=internal)
    internal_meeting = make_meeting(municipality, title=m("meeting-title"), agenda=m("meeting-agenda"),
                                    address=m("meeting-address"), is_public=False, process=public_process)
    MeetingAttachment.objects.create(meeting=internal_meeting, title=m("meeting-attachment"),
                                     file=ContentFile(m("meeting-file").encode(), name="minutes.pdf"))
    public_meeting = make_meeting(municipality, process=public_process, capacity=10)
    registrations.register(actor=registrant, meeting=public_meeting, stakeholder_group="residents")
    Meeting.objects.filter(pk=internal_meeting.pk).update(minutes=m("meeting-minutes"))
    hidden_idea = make_idea(municipality, author, title=m("hidden-idea-title"),
                            description=m("hidden-idea-description"), process=public_process,
                            meeting=public_meeting)
    ideas.comment(actor=author, idea=hidden_idea, body=m("comment-on-hidden-idea"))
    IdeaAttachment.objects.create(idea=hidden_idea, title=m("idea-attachment"),
                                  file=ContentFile(m("idea-file").encode(), name="plan.pdf"))
    report = moderation.report(actor=officer, idea=hidden_idea, reason="spam", text=m("moderation-report"))
    moderation.decide(actor=officer, report=report, hide=True, reason="Реклама")
    public_idea = make_idea(municipality, author, title="Пейки в парка", description="Още пейки.",
                            process=public_process, plan_node=internal_goal, project=project_of_internal_plan)
    hidden_comment = ideas.comment(actor=author, idea=public_idea, body=m("hidden-comment"))
    comment_report = moderation.report(actor=officer, comment=hidden_comment, reason="abuse",
                                       text=m("comment-report"))
    moderation.decide(actor=officer, report=comment_report, hide=True, reason="Обида")

    # Training.
    unpublished = make_programme(municipality, title=m("programme-title"), aims=m("programme-aims"),
                                 trainers=m("programme-trainers"), status=Programme.Status.DRAFT,
                                 project=internal_project)
    make_session(unpublished)
    Material.objects.create(programme=unpublished, title=m("material"),
                            file=ContentFile(m("material-file").encode(), name="slides.pdf"))
    enrol(unpublished, name=m("trainee-name"), email=m("trainee@example.org"))
    public_programme = make_programme(municipality, project=project_of_internal_plan)
    enrol(public_programme, name=m("public-trainee-name"), email=m("public-trainee@example.org"))

    # Accounts.
    unlisted = testing.make_organisation(municipality, name=m("organisation"), description=m("organisation-text"),
                                         email=m("organisation@example.org"), is_public=False)
    projects.set_links(actor=None, project=project_of_internal_plan, settlements=[], partners=[unlisted])

    everything = [plan, goal, shown, draft, submitted, returned, hidden_indicator, internal_project,
                  of_internal_project, draft_report, submitted_report, approved_report, internal, internal_goal,
                  indicator, project_of_internal_plan, evaluation_of_internal_plan, report_of_internal_plan,
                  draft_evaluation, draft_methodology, internal_process, public_process, internal_meeting,
                  public_meeting, hidden_idea, public_idea, hidden_comment, unpublished, public_programme, unlisted]
    return {
        "ids": sorted({obj.pk for obj in everything}),
        "slugs": [plan.slug, internal.slug, internal_process.slug, public_process.slug],
        "resident": testing.make_member(municipality, Role.RESIDENT),
    }


def _public_routes():
    """Every route but the back office's and the platform admin's (both closed to visitors
    and residents, tested in tests/test_tenancy.py and accounts), and allauth's
    one-time-key routes, written as regular expressions (a key found is a credential)."""
    for namespace, _pattern, route in every_pattern():
        if namespace not in CLOSED_NAMESPACES and "(?P<" not in route:
            yield route


# How to fill each kind of parameter of a public URL; a new kind fails the test until taught.
FILLERS = {
    "<str:fmt>": lambda world: ["csv", "xlsx", "pdf", "docx", "ics"],
    "<str:table>": lambda world: ["indicators", "values"],
    "<str:kind>": lambda world: ["pre", "post"],
    "<str:token>": lambda world: ["not-a-token"],
    "<slug:slug>": lambda world: world["slugs"],
    "<int:pk>": lambda world: world["ids"],
    "<int:comment_pk>": lambda world: world["ids"],
    # Every stored file of every kind an app registers, so a new kind of upload is covered too.
    "<path:name>": lambda world: sorted(name for kind in files.KINDS for name in kind.model._default_manager
                                        .exclude(**{kind.field: ""}).values_list(kind.field, flat=True)),
}
PARAMETER = re.compile(r"<[^>]+>")
# Searches and filters: every list asked for the markers themselves.
# (The bare word, as pages may echo what was asked; a marker always goes on with a dash.)
QUERIES = ["", "?q=zzleak", "?title=zzleak", "?code=zzleak"]


def _paths(route: str, world) -> list[str]:
    names = PARAMETER.findall(route)
    unknown = set(names) - set(FILLERS)
    assert not unknown, f"The non-public test does not know how to fill {unknown} in {route}; teach it."
    paths = []
    for values in itertools.product(*(FILLERS[name](world) for name in names)):
        path = "/" + route
        for name, value in zip(names, values, strict=True):
            path = path.replace(name, str(value), 1)
        paths.append(path)
    return paths


def _text(response) -> str:
    """The answer as text: documents and spreadsheets unpacked, PDFs read."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body.startswith(b"PK"):
        # XLSX and DOCX: XML parts, whose text may be written as character references.
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return " ".join(html.unescape(archive.read(name).decode("utf-8", "replace"))
                            for name in archive.namelist())
    if body.startswith(b"%PDF-"):
        from pypdf import PdfReader

        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages) + body.decode(
            "latin-1")
    return body.decode("utf-8", "replace")


def test_no_marker_of_anything_non_public_reaches_a_visitor_or_a_resident(client_for, world):
    leaks, fetched = [], 0
    for who in (None, world["resident"]):
        client = client_for("alpha.test", who)
        for route in sorted(set(_public_routes())):
            for path in _paths(route, world):
                for query in QUERIES if "<" not in route else [""]:
                    response = client.get(path + query)
                    assert response.status_code < 500, f"{path}{query} gave {response.status_code}"
                    fetched += 1
                    # A page may name its own address (the language switch); that is no leak.
                    found = set(MARKER.findall(_text(response).replace(path, "")))
                    if found:
                        leaks.append(f"{'resident' if who else 'anonymous'} {path}{query}: {sorted(found)}")
    assert fetched > 300
    assert not leaks, "\n".join(leaks)


def test_the_marker_search_finds_the_markers_where_they_belong(client_for, world, municipality):
    """The test above is only worth something if the markers do show where they may."""
    officer = testing.make_member(municipality, Role.ME_OFFICER, Role.STAFF, Role.MODERATOR)
    client = client_for("alpha.test", officer)
    plan_pk = next(p.pk for p in municipality.plans.all() if not p.is_public)
    assert MARKER.search(_text(client.get(f"/office/plans/{plan_pk}/")))
    assert MARKER.search(_text(client.get("/office/moderation/")))
    draft = municipality.annual_reports.get(year=2022)
    assert m("report-2022-docx") in _text(client.get(f"/reports/{draft.pk}/report.docx"))
    # A spreadsheet is read as text: a public value's source is found in the plan's values.
    export = client_for("alpha.test").get("/plans/public-plan/values.xlsx")
    assert "НСИ" in _text(export)
    # Publishing makes a report public: the very search that found nothing before finds it.
    approved = municipality.annual_reports.get(year=2024)
    reports.publish(actor=officer, report=approved)
    assert m("report-2024-pdf") in _text(client_for("alpha.test").get(f"/reports/{approved.pk}/report.pdf"))
