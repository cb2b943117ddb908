"""What the planning app adds to the shared pages: plans and projects."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sabor.core import audit, registry


def register() -> None:
    from sabor.planning.models import Project

    audit.register_actions({
    "plan.created": _("Plan created"),
    "plan.updated": _("Plan updated"),
    "plan.node_added": _("Plan goal or measure added"),
    "plan.node_updated": _("Plan goal or measure updated"),
    "project.created": _("Project created"),
    "project.updated": _("Project updated"),
    "project.status_changed": _("Project status changed"),
    })
    audit.describe(Project, labels={"funding": _("funding"), "milestone": _("milestone")})

    registry.site_menu.add(_("Plans"), "planning:plan_list", order=10, current=("monitoring:plan_detail",))
    registry.site_menu.add(_("Projects"), "planning:project_list", order=20, current=("planning:project_detail",))
    registry.office_menu.add(_("Plans and indicators"), "office:plans", permission="planning.edit_plan", order=30,
                             current=("office:plan", "office:plan_node", "office:indicator_edit"))
    registry.office_menu.add(_("Projects"), "office:projects", permission="planning.edit_plan", order=40,
                             current=("office:project",))
    registry.add_card("planning.plans", section="plans", order=10, template="planning/cards/plans.html",
                      context=_plans)
    registry.add_url_fillers("planning", "sabor.planning.testing")


def _plans(request):
    municipality = request.municipality
    plans = list(municipality.plans.public().order_by("-start_year")[:3])
    if not plans:
        return None
    return {"plans": plans, "project_count": municipality.projects.public().count()}
