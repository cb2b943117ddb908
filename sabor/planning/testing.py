"""Builders for planning tests, and the tenancy walk's fillers (sabor.core.registry.add_url_fillers)."""

from __future__ import annotations

from datetime import date

from sabor.planning import projects, services
from sabor.planning.models import Plan


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
