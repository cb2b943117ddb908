"""Builders for planning tests, and the tenancy walk's fillers (sabor.core.registry.add_url_fillers)."""

from __future__ import annotations

from datetime import date

from sabor.core.testing import error_codes, raises_code  # noqa: F401  (re-exported)
from sabor.planning import services
from sabor.planning.models import Plan
from sabor.planning.services import projects


def make_plan(municipality, **fields) -> Plan:
    defaults = {"slug": "piro", "short_name": "ПИРО 2021–2027", "title": "План <script>x</script>",
                "start_year": 2021, "end_year": 2027, "status": Plan.Status.IMPLEMENTATION}
    return services.create_plan(actor=None, municipality=municipality, **{**defaults, **fields})


def make_measure(municipality):
    """A measure under a priority under a goal, in a plan of its own."""
    plan = make_plan(municipality)
    goal = services.add_node(actor=None, plan=plan, parent=None, title="Цел")
    priority = services.add_node(actor=None, plan=plan, parent=goal, title="Приоритет")
    return services.add_node(actor=None, plan=plan, parent=priority, title="Мярка")


def make_project(municipality, measure, **fields):
    """A funded project under `measure`, with EU and municipal funding and a settlement."""
    from decimal import Decimal

    from sabor.accounts.testing import XSS, make_settlement

    settlement = fields.pop("settlement", None) or make_settlement(municipality)
    defaults = {"title": f"Проект {XSS}", "status": "funded",
                "funding": [("eu", "ПРР 2021–2027", Decimal("1000000")), ("municipal", "", Decimal("50000.50"))],
                "settlements": [settlement]}
    return projects.create_project(actor=None, municipality=municipality, measure=measure, **{**defaults, **fields})


def objects(municipality, people: dict) -> dict:
    """A plan with one objective and a project under it."""
    plan = services.create_plan(actor=None, municipality=municipality, slug="plan-of-projects",
                                short_name="ПИРО", title="План <script>x</script>", start_year=2021,
                                end_year=2027, status=Plan.Status.IMPLEMENTATION)
    node = services.add_node(actor=None, plan=plan, parent=None, title="Цел <script>x</script>")
    project = projects.create_project(actor=None, municipality=municipality, title="Проект <script>x</script>",
                                      measure=node)
    projects.add_milestone(actor=None, project=project, title="Етап", due=date(2025, 1, 1))
    return {"projects_plan": plan, "plan_node": node, "project": project}


FILL = {
    "planning:project_detail": lambda o: {"pk": o["project"].pk},
    "planning:project_export": lambda o: {"fmt": "csv"},
    "office:plan": lambda o: {"pk": o["projects_plan"].pk},
    "office:plan_node": lambda o: {"pk": o["plan_node"].pk},
    "office:project": lambda o: {"pk": o["project"].pk},
}
