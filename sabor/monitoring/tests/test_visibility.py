"""What is public in planning and monitoring is decided in one place per model (a queryset's
`public()` and the instance's `publicly_visible`); the two must always agree. The whole
site is searched for leaks in core/tests/test_non_public.py."""

from datetime import date

import pytest

from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.monitoring.annual_report import build_context
from sabor.monitoring.models import Evaluation, Indicator
from sabor.monitoring.services import evaluations, reports
from sabor.monitoring.testing import make_indicator, make_plan
from sabor.planning import services as planning
from sabor.planning.models import Plan, Project
from sabor.planning.services import projects

pytestmark = pytest.mark.django_db


@pytest.fixture
def things(municipality):
    shown, internal = make_plan(municipality, slug="shown"), make_plan(municipality, slug="internal", is_public=False)
    goals = {plan: planning.add_node(actor=None, plan=plan, parent=None, title="Цел") for plan in (shown, internal)}
    made = {"plans": [shown, internal], "projects": [], "indicators": [], "evaluations": []}
    for n, (plan, flag) in enumerate([(shown, True), (shown, False), (internal, True), (None, True),
                                      (None, False)]):
        made["projects"].append(projects.create_project(actor=None, municipality=municipality, is_public=flag,
                                                        title=f"Проект {n}", measure=goals.get(plan)))
    for n, project in enumerate([None, *made["projects"]]):
        for plan in (shown, internal, None):
            for flag in (True, False):
                made["indicators"].append(make_indicator(
                    municipality, goals.get(plan), code=f"К{n}{plan.slug if plan else ''}{flag}", project=project,
                    is_public=flag, policy="" if plan else "Политика"))
    for plan in (shown, internal, None):
        for project in (None, *made["projects"][:3]):
            evaluation = evaluations.create_evaluation(actor=None, municipality=municipality, title="Оценка",
                                                       kind="annual", year=2023, plan=plan, project=project,
                                                       findings="Изводи")
            made["evaluations"].append(evaluations.publish(actor=None, evaluation=evaluation))
    made["evaluations"].append(evaluations.create_evaluation(actor=None, municipality=municipality, title="Чернова",
                                                             kind="annual", year=2023, plan=shown))
    return made


def test_the_queryset_and_the_instance_agree_on_what_is_public(things):
    for model, key in ((Plan, "plans"), (Project, "projects"), (Indicator, "indicators")):
        public = set(model.objects.public().values_list("pk", flat=True))
        assert public == {obj.pk for obj in things[key] if model.objects.get(pk=obj.pk).publicly_visible}, model
        assert 0 < len(public) < len(things[key]), model
    public = set(Evaluation.objects.public().values_list("pk", flat=True))
    assert 0 < len(public) < len(things["evaluations"])


def test_a_project_or_indicator_of_a_plan_kept_internal_is_not_public(things):
    internal = things["plans"][1]
    assert not Project.objects.public().filter(measure__plan=internal).exists()
    assert not Indicator.objects.public().filter(plan_node__plan=internal).exists()
    assert not Indicator.objects.public().filter(project__measure__plan=internal).exists()
    assert not Evaluation.objects.public().filter(plan=internal).exists()
    assert Project.objects.public().filter(measure__isnull=True).count() == 1


def test_the_annual_report_shows_only_what_is_public_in_its_plan(municipality, things):
    shown = things["plans"][0]
    officer = testing.make_member(municipality, Role.ME_OFFICER)
    draft = Evaluation.objects.get(title="Чернова")
    evaluations.add_recommendation(actor=None, evaluation=draft, text="Тайна препоръка", owner="Х",
                                   deadline=date(2025, 1, 1))
    published = Evaluation.objects.filter(plan=shown, project__isnull=True, status="published").first()
    evaluations.add_recommendation(actor=None, evaluation=published, text="Открита препоръка", owner="Х",
                                   deadline=date(2025, 1, 1))
    context = build_context(reports.create_report(actor=officer, plan=shown, year=2023))
    assert [p.title for p in context["projects"]] == ["Проект 0"]
    assert [r.text for r in context["open_recommendations"]] == ["Открита препоръка"]
    internal_project = things["projects"][1]
    assert sorted((e.project.title if e.project else "") for e in context["evaluations"]) == [
        "", "Проект 0", "Проект 2"]
    assert internal_project not in [e.project for e in context["evaluations"]]
