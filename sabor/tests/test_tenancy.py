from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver

from sabor.accounts import testing
from sabor.accounts.models import Membership, Organisation, OrganisationMember, Role
from sabor.core import testfiles
from sabor.core.middleware import resolve_municipality
from sabor.monitoring import evaluations, observations, reports
from sabor.monitoring import services as monitoring
from sabor.monitoring.models import Measurement, Observation, Recommendation
from sabor.monitoring.testing import make_indicator, make_plan
from sabor.participation.models import Comment, Idea, Registration, Report
from sabor.participation.services import ideas, moderation, registrations
from sabor.participation.testing import make_idea, make_meeting, make_process
from sabor.planning import projects
from sabor.planning import services as planning
from sabor.training.models import Attempt, Attendance, Enrolment, Feedback
from sabor.training.testing import enrol as training_enrol
from sabor.training.testing import make_programme, make_session, make_test

pytestmark = pytest.mark.django_db


def test_it_resolves_the_municipality_from_the_host(municipality, other_municipality):
    assert resolve_municipality("alpha.test") == municipality
    assert resolve_municipality("BETA.test:8000") == other_municipality


def test_it_falls_back_to_the_configured_default(settings, municipality, other_municipality):
    settings.SABOR_DEFAULT_MUNICIPALITY = "beta"
    assert resolve_municipality("unknown.test") == other_municipality
    assert resolve_municipality("alpha.test") == municipality


def test_it_serves_no_municipality_for_an_unknown_host_without_default(settings, municipality):
    settings.SABOR_DEFAULT_MUNICIPALITY = ""
    assert resolve_municipality("unknown.test") is None


def test_an_inactive_municipality_is_not_served_nor_replaced_by_the_default(settings, municipality,
                                                                          other_municipality):
    settings.SABOR_DEFAULT_MUNICIPALITY = "beta"
    municipality.is_active = False
    municipality.save()
    assert resolve_municipality("alpha.test") is None


def test_the_home_page_shows_the_municipality_of_the_host(client_for, municipality, other_municipality):
    response = client_for("beta.test").get("/")
    assert response.status_code == 200
    assert response.context["municipality"] == other_municipality
    assert "Община beta" in response.content.decode()
    assert "Община alpha" not in response.content.decode()


def test_the_platform_page_lists_municipalities_when_no_host_matches(settings, client_for, municipality):
    settings.SABOR_DEFAULT_MUNICIPALITY = ""
    response = client_for("testserver").get("/")
    assert response.status_code == 200
    assert "alpha.test" in response.content.decode()


def test_pages_of_a_municipality_are_not_found_without_one(settings, client_for, municipality):
    settings.SABOR_DEFAULT_MUNICIPALITY = ""
    assert client_for("testserver").get("/organisations/").status_code == 404


# --- Isolation: nothing of municipality B through any URL of municipality A ----------------------------

OUR_NAMESPACES = {"core", "accounts", "office", "planning", "training", "participation"}


def _our_patterns(resolver=None, prefix="", namespace=None):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            yield from _our_patterns(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern) and namespace in OUR_NAMESPACES:
            yield namespace, entry, prefix + str(entry.pattern)


@pytest.fixture
def two_towns(municipality, other_municipality):
    """Municipality B with one of everything, and a user who administers A and B's data ids."""
    organisation_b = testing.make_organisation(other_municipality, is_public=False)
    person_b = testing.make_member(other_municipality, Role.RESIDENT)
    member_b = OrganisationMember.objects.create(organisation=organisation_b, user=person_b)
    admin_a = testing.make_member(municipality, Role.ADMINISTRATOR, Role.STAFF, Role.ME_OFFICER)
    plan_b = make_plan(other_municipality, slug="plan-b")
    indicator_b = make_indicator(other_municipality, planning.add_node(actor=None, plan=plan_b, parent=None,
                                                                        title="Цел Б"))
    measurement_b = monitoring.save_measurement(actor=None, indicator=indicator_b, period=2023, value=Decimal(9))
    monitoring.submit_measurement(actor=None, measurement=measurement_b)
    project_b = projects.create_project(actor=None, municipality=other_municipality, title="Проект Б")
    evaluation_b = evaluations.create_evaluation(actor=None, municipality=other_municipality, title="Оценка Б",
                                                 kind="annual", year=2024, findings="Изводи")
    evaluations.publish(actor=None, evaluation=evaluation_b)
    recommendation_b = evaluations.add_recommendation(actor=None, evaluation=evaluation_b, text="Препоръка Б",
                                                      owner="Б", deadline="2025-01-01")
    report_b = reports.create_report(actor=None, plan=plan_b, year=2023)
    observation_b = observations.observe(actor=None, indicator=indicator_b, period=2023, kind="challenge",
                                         text="Наблюдение Б")
    programme_b = make_programme(other_municipality, accepts_applications=True)
    session_b = make_session(programme_b)
    enrolment_b = training_enrol(programme_b, user=person_b)
    make_test(programme_b, "post")
    process_b = make_process(other_municipality, slug="process-b")
    meeting_b = make_meeting(other_municipality, process=process_b, capacity=5)
    registration_b = registrations.register(actor=person_b, meeting=meeting_b, stakeholder_group="residents")
    idea_b = make_idea(other_municipality, person_b, process=process_b)
    comment_b = ideas.comment(actor=person_b, idea=idea_b, body="Коментар Б")
    report_of_b = moderation.report(actor=person_b, idea=idea_b, reason="spam")
    other_municipality.coat_of_arms.save("b.png", ContentFile(testfiles.content("png")), save=True)
    return {
        "slugs": {"process": process_b.slug},
        "registration": registration_b, "idea_b": idea_b, "comment_b": comment_b, "report_b": report_of_b,
        "pk": {"programme": programme_b.pk, "meeting": meeting_b.pk, "idea": idea_b.pk, "process": process_b.pk,
               "report_of": report_of_b.pk, "session": session_b.pk, "enrolment": enrolment_b.pk,
               "report": report_b.pk, "observation": observation_b.pk, "organisation": organisation_b.pk,
               "plan": plan_b.pk, "plan_node": indicator_b.plan_node_id,
               "membership": Membership.objects.get(user=person_b).pk,
               "indicator": indicator_b.pk, "project": project_b.pk, "evaluation": evaluation_b.pk,
               "recommendation": recommendation_b.pk, "measurement": measurement_b.pk},
        "slug": plan_b.slug,
        "member_pk": member_b.pk,
        "admin_a": admin_a,
        "organisation_b": organisation_b,
        "person_b": person_b,
        "file_b": other_municipality.coat_of_arms.name,
    }


def _fill(pattern_name: str, route: str, data) -> str:
    """The route with every id filled by an object of municipality B."""
    path = "/" + route
    if pattern_name == "measurement_submit" or pattern_name == "measurement_review":
        return path.replace("<int:pk>", str(data["pk"]["measurement"]))
    if "<int:member_pk>" in path:
        path = path.replace("<int:member_pk>", str(data["member_pk"]))
    if "<int:comment_pk>" in path:
        path = path.replace("<int:comment_pk>", str(data["comment_b"].pk))
    if pattern_name == "moderation_restore":
        return path.replace("<int:pk>", str(data["idea_b"].pk))
    if pattern_name == "moderation_decide":
        return path.replace("<int:pk>", str(data["pk"]["report_of"]))
    if "<slug:slug>" in path:
        path = path.replace("<slug:slug>", data["slugs"]["process"] if pattern_name == "process_detail"
                            else data["slug"])
    path = path.replace("<path:name>", data["file_b"])
    # An unsubscribe link's token is a credential of its own, not data of a municipality.
    path = path.replace("<str:token>", "not-a-token")
    path = path.replace("<str:table>", "values").replace("<str:fmt>", "csv").replace("<str:kind>", "post")
    if "<int:pk>" in path:
        by_name = {"plan": "plan", "plan_node": "plan_node", "observation_answer": "observation",
                   "trainees": "programme", "test": "programme", "check_in": "meeting", "process": "process"}
        kind = by_name.get(pattern_name) or {"person": "membership", "indicator": "indicator", "project": "project",
                                             "report": "report", "programme": "programme",
                                             "session": "session", "enrolment": "enrolment",
                                             "meeting": "meeting", "idea": "idea",
                                             "evaluation": "evaluation", "recommendation": "recommendation"}.get(
            pattern_name.split("_")[0], "organisation")
        path = path.replace("<int:pk>", str(data["pk"][kind]))
    assert "<" not in path, f"The isolation test does not know how to fill {route}; teach it."
    return path


def test_nobody_of_municipality_a_reaches_municipality_b_through_any_url(client_for, two_towns):
    client = client_for("alpha.test", two_towns["admin_a"])
    checked = 0
    for _namespace, pattern, route in _our_patterns():
        if "<" not in route.replace("<str:fmt>", "").replace("<str:table>", ""):
            continue  # pages without ids list only the host's municipality; tested per view
        path = _fill(pattern.name, route, two_towns)
        for method in ("get", "post"):
            response = getattr(client, method)(path, {"name": "taken over", "position": "x", "remove": "1",
                                                      "email": two_towns["person_b"].email, "stakeholder_group":
                                                      "business", "roles": [Role.ADMINISTRATOR], "form": "roles"})
            assert response.status_code in (404, 405), f"{method.upper()} {path} gave {response.status_code}"
            checked += 1
    assert checked >= 10
    organisation_b = Organisation.objects.get(pk=two_towns["organisation_b"].pk)
    assert organisation_b.name == two_towns["organisation_b"].name
    assert OrganisationMember.objects.filter(pk=two_towns["member_pk"]).exists()
    assert set(Membership.objects.get(user=two_towns["person_b"]).roles.values_list("role", flat=True)) == {
        Role.RESIDENT}
    assert Measurement.objects.get().status == "submitted"
    assert Recommendation.objects.get().status == "open"
    assert Observation.objects.get().answer == ""
    assert Enrolment.objects.get().status == "enrolled" and not Attendance.objects.exists()
    assert not Attempt.objects.exists() and not Feedback.objects.exists()
    idea_b = Idea.objects.get()
    assert idea_b.status == "submitted" and not idea_b.is_hidden and idea_b.supports_count == 0
    assert Registration.objects.get().checked_in_at is None and Report.objects.get().status == "open"
    assert Comment.objects.count() == 1 and not Comment.objects.get().is_hidden


def test_lists_of_municipality_a_show_nothing_of_b(client_for, two_towns):
    client = client_for("alpha.test", two_towns["admin_a"])
    for path in ("/", "/organisations/", "/plans/", "/projects/", "/projects/export.csv", "/evaluations/",
                 "/recommendations/", "/reports/", "/office/reports/", "/office/evaluations/",
                 "/office/recommendations/", "/office/import/", "/office/plans/", "/office/observations/",
                 "/office/projects/", "/office/",
                 "/office/people/", "/office/organisations/", "/office/indicators/", "/office/audit/"):
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.content.decode()
        assert two_towns["organisation_b"].name not in body, path
        assert "Проект Б" not in body and "Цел Б" not in body and "Оценка Б" not in body, path
        assert two_towns["person_b"].email not in body, path


def test_a_form_of_a_cannot_point_at_a_settlement_of_b(client_for, municipality, other_municipality, resident):
    settlement_b = testing.make_settlement(other_municipality)
    response = client_for("alpha.test", resident).post("/account/profile/", {
        "display_name": "Мария", "settlement": settlement_b.pk, "notification_frequency": "daily"})
    assert response.status_code == 400
    assert Membership.objects.get(user=resident, municipality=municipality).settlement is None


def test_roles_in_b_give_no_rights_in_a(client_for, municipality, other_municipality):
    admin_b = testing.make_member(other_municipality, Role.ADMINISTRATOR)
    client = client_for("alpha.test", admin_b)
    assert client.get("/office/").status_code == 403
    assert client.get("/office/audit/").status_code == 403
