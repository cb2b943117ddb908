import io

import pytest
from django.core.management import CommandError, call_command

from sabor.accounts import testing
from sabor.accounts.models import Membership, Organisation, OrganisationMember, RoleAssignment, User
from sabor.core.models import AuditEntry, Municipality
from sabor.demo import lyaskovets
from sabor.monitoring.models import AnnualReport, Indicator, Measurement, Target
from sabor.participation.models import Idea, Meeting, Registration
from sabor.planning.models import Plan, PlanNode
from sabor.territory.models import Settlement
from sabor.training.models import Certificate, Enrolment, Programme
from sabor.training.selectors import targets_vs_results

pytestmark = pytest.mark.django_db

MODELS = [Municipality, Settlement, Organisation, User, Membership, RoleAssignment, OrganisationMember, AuditEntry,
          Plan, PlanNode, Indicator, Target, Measurement, Programme, Enrolment, Certificate, Meeting, Registration,
          Idea]


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_the_demo_loads_lyaskovets_with_its_six_settlements(client_for):
    call_command("load_demo", "--host", "lyaskovets.test", "--quiet-logins", "--force", "--skip-reports")
    municipality = Municipality.objects.get(slug="lyaskovets")
    assert municipality.code == "VTR18"
    assert dict(municipality.settlements.values_list("name", "ekatte")) == {
        "Лясковец": "44793", "Джулюница": "20835", "Добри дял": "21453", "Козаревец": "37664",
        "Драгижево": "23217", "Мерданя": "47826"}
    assert 12_000 < sum(municipality.settlements.values_list("population", flat=True)) < 14_000
    body = client_for("lyaskovets.test").get("/").content.decode()
    assert "Община Лясковец" in body and "Мерданя" in body


def test_the_demo_has_one_person_per_role():
    lyaskovets.load()
    roles = set(RoleAssignment.objects.values_list("role", flat=True))
    from sabor.accounts.models import Role
    assert roles == set(Role.values)


def test_loading_the_demo_twice_changes_nothing():
    call_command("load_demo", "--quiet-logins", "--force", "--skip-reports")
    first = _counts()
    passwords = dict(User.objects.values_list("email", "password"))
    call_command("load_demo", "--quiet-logins", "--force", "--skip-reports")
    assert _counts() == first
    assert dict(User.objects.values_list("email", "password")) == passwords


def test_demo_logins_work_with_the_printed_password(client_for):
    lyaskovets.load(hosts=["lyaskovets.test"])
    response = client_for("lyaskovets.test").post("/accounts/login/", {"login": "resident@demo.sabor.bg",
                                                                       "password": lyaskovets.DEMO_PASSWORD})
    assert response.status_code == 302


def test_the_demo_refuses_to_load_on_a_live_site(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="published"):
        call_command("load_demo")
    assert not User.objects.exists()


def test_the_demo_has_both_plans_and_the_projects_own_targets():
    lyaskovets.load()
    municipality = Municipality.objects.get(slug="lyaskovets")
    assert set(municipality.plans.values_list("short_name", flat=True)) == {"ОПР 2014–2020", "ПИРО 2021–2027"}
    forums = Indicator.objects.get(code="О4")
    assert forums.targets.get().value == 6
    assert Indicator.objects.get(code="О5").targets.get().value == 150
    assert Indicator.objects.get(code="О7").targets.get().value == 18  # 10 + 3 + 5 trainees
    assert Indicator.objects.get(code="О8").targets.get().value == 8  # 2 + 2 + 4 trainees
    assert not Measurement.objects.exclude(status=Measurement.Status.VERIFIED).exists()


def test_the_demo_command_generates_the_approved_report_once():
    call_command("load_demo", "--quiet-logins", "--force")
    report = AnnualReport.objects.get(year=2020)
    assert report.status == "ready" and report.is_approved
    assert report.pdf.read(4) == b"%PDF"
    generated = report.generated_at
    call_command("load_demo", "--quiet-logins", "--force")
    report.refresh_from_db()
    assert report.generated_at == generated


def test_the_demo_trains_the_people_the_project_promised(client_for):
    municipality = lyaskovets.load(hosts=["lyaskovets.test"])
    methodology, monitoring = (municipality.training_programmes.get(title__startswith=start)
                               for start in ("Прилагане на методологията", "Осъществяване на мониторинг"))
    for programme, expected in ((methodology, {"administration": 10, "council": 3, "civil_society": 5}),
                                (monitoring, {"administration": 2, "council": 2, "civil_society": 4})):
        results = {row.group: row for row in targets_vs_results(programme)}
        assert {group: row.target for group, row in results.items()} == expected
        assert all(row.met and row.trained == row.target for row in results.values())
        assert programme.sessions.filter(starts_at__year=2014).count() == programme.sessions.count() > 0
        assert Certificate.objects.filter(enrolment__programme=programme).count() == sum(expected.values())
    trained = {code: list(Indicator.objects.get(municipality=municipality, code=code).measurements
                          .values_list("period", "value", "status")) for code in ("О7", "О8")}
    assert trained == {"О7": [(2014, 18, "verified")], "О8": [(2014, 8, "verified")]}
    page = client_for("lyaskovets.test").get(f"/training/{methodology.pk}/").content.decode()
    assert "Прилагане на методологията" in page and "feedback-table" in page


def test_the_demo_holds_the_2014_forums_and_their_ideas(client_for):
    municipality = lyaskovets.load(hosts=["lyaskovets.test"])
    process = municipality.processes.get(slug="opr-2014-2020")
    meetings = process.meetings.all()
    assert meetings.count() == 6 and {m.settlement.name for m in meetings} == {
        "Лясковец", "Джулюница", "Добри дял", "Козаревец", "Драгижево", "Мерданя"}
    present = Registration.objects.filter(meeting__process=process, checked_in_at__isnull=False)
    assert present.count() > 150
    assert set(present.values_list("stakeholder_group", flat=True)) == {
        "residents", "civil_society", "business", "administration", "council"}
    ideas = process.ideas.all()
    assert 35 <= ideas.count() <= 45
    assert ideas.filter(supports_count__gt=0).count() > 20 and ideas.filter(comments_count__gt=0).count() > 10
    in_plan = ideas.filter(status="in_plan", project__isnull=False)
    assert in_plan.count() >= 4 and ideas.filter(status="prioritised").count() >= 3
    for idea in ideas:
        assert idea.supports_count == idea.supports.count() and idea.comments_count == idea.comments.count()
    forums, participants = (Indicator.objects.get(municipality=municipality, code=code) for code in ("О4", "О5"))
    assert list(forums.measurements.values_list("period", "value")) == [(2014, 6)]
    assert list(participants.measurements.values_list("period", "value")) == [(2014, present.count())]
    page = client_for("lyaskovets.test").get("/processes/opr-2014-2020/").content.decode()
    assert "Мини граждански форум – Мерданя" in page and "process-stats" in page


def test_without_pango_the_demo_loads_and_says_why_its_report_is_missing(monkeypatch, client_for):
    testing.without_system_libraries(monkeypatch, "weasyprint")
    errors = io.StringIO()
    call_command("load_demo", "--host", "lyaskovets.test", "--quiet-logins", "--force", stderr=errors)
    assert "Pango" in errors.getvalue() and "apt-get install libpango-1.0-0" in errors.getvalue()
    assert AnnualReport.objects.get(year=2020).status == "failed"
    assert "Община Лясковец" in client_for("lyaskovets.test").get("/").content.decode()
