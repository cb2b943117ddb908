"""Planning's writes: `plans` (a plan and its tree) and `projects`. The plan functions, which
most callers use, are also reachable as ``services.create_plan`` and so on."""

from sabor.planning.services.plans import add_node, create_plan, renumber, update_node, update_plan

__all__ = ["add_node", "create_plan", "renumber", "update_node", "update_plan"]
