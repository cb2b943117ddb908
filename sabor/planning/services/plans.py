"""Changes to plans and their tree of goals, priorities and measures."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from sabor.core import audit
from sabor.core.models import Municipality
from sabor.planning.extensions import plan_changed
from sabor.planning.models import Plan, PlanNode

PLAN_FIELDS = ["slug", "short_name", "short_name_en", "title", "title_en", "start_year", "end_year", "status",
               "vision", "vision_en", "decision_number", "decision_date", "tier_names", "tier_names_en",
               "is_public"]
NODE_FIELDS = ["title", "title_en", "description", "weight"]


@transaction.atomic
def create_plan(*, actor, municipality: Municipality, **fields: Any) -> Plan:
    plan = Plan(municipality=municipality, **fields)
    plan.full_clean()
    plan.save()
    audit.record(actor=actor, action="plan.created", obj=plan, municipality=municipality)
    return plan


@transaction.atomic
def update_plan(*, actor, plan: Plan, **fields: Any) -> Plan:
    audit.save_changes(plan, actor=actor, action="plan.updated", editable=PLAN_FIELDS, values=fields,
                       municipality=plan.municipality)
    plan_changed(plan.pk)
    return plan


@transaction.atomic
def add_node(*, actor, plan: Plan, parent: PlanNode | None, title: str, **fields: Any) -> PlanNode:
    """Appends a goal (no parent) or a child node; numbers follow the position."""
    if parent is not None and parent.plan_id != plan.pk:
        raise ValidationError(_("The parent belongs to another plan."), code="foreign_parent")
    # Lock the plan so that two people adding at once do not take the same position.
    Plan.objects.select_for_update().filter(pk=plan.pk).first()
    siblings = PlanNode.objects.filter(plan=plan, parent=parent)
    position = (siblings.aggregate(last=Max("position"))["last"] or 0) + 1
    node = PlanNode(plan=plan, parent=parent, position=position, title=title,
                    depth=parent.depth + 1 if parent else 0, **fields)
    node.full_clean()
    node.save()
    renumber(plan)
    node.refresh_from_db()
    audit.record(actor=actor, action="plan.node_added", obj=node, municipality=plan.municipality)
    plan_changed(plan.pk)
    return node


@transaction.atomic
def update_node(*, actor, node: PlanNode, **fields: Any) -> PlanNode:
    audit.save_changes(node, actor=actor, action="plan.node_updated", editable=NODE_FIELDS, values=fields,
                       municipality=node.plan.municipality)
    plan_changed(node.plan_id)
    return node


def renumber(plan: Plan) -> None:
    """Gives every node its number ("1.2.3") and sort path from the positions."""
    nodes = list(PlanNode.objects.filter(plan=plan).order_by("depth", "position"))
    by_parent: dict[int | None, list[PlanNode]] = {}
    for node in nodes:
        by_parent.setdefault(node.parent_id, []).append(node)
    changed = []

    def walk(parent_id, prefix_code, prefix_path, depth):
        for index, node in enumerate(sorted(by_parent.get(parent_id, []), key=lambda n: n.position), start=1):
            code = f"{prefix_code}.{index}" if prefix_code else str(index)
            path = f"{prefix_path}.{index:04d}" if prefix_path else f"{index:04d}"
            if (node.code, node.path, node.depth) != (code, path, depth):
                node.code, node.path, node.depth = code, path, depth
                changed.append(node)
            walk(node.pk, code, path, depth + 1)

    walk(None, "", "", 0)
    PlanNode.objects.bulk_update(changed, ["code", "path", "depth"])
