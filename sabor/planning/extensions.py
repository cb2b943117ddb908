"""Where other apps add to planning's pages and follow its changes, without planning knowing
them: an app that hangs things on plans (monitoring's indicators, say) registers here from its
``plugin.register()``. Every entry is keyed, so registering twice replaces rather than repeats.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

# --- Changes -----------------------------------------------------------------------------------------

# Called inside the transaction of every change to a plan or its tree, with the plan's id.
plan_changed_hooks: dict[str, Callable[[int], None]] = {}


def on_plan_changed(key: str, hook: Callable[[int], None]) -> None:
    plan_changed_hooks[key] = hook


def plan_changed(plan_id: int | None) -> None:
    if plan_id is None:
        return
    for hook in plan_changed_hooks.values():
        hook(plan_id)


# --- Sections of planning's pages ---------------------------------------------------------------------

# A project's public page, below its facts: each gives rendered HTML ("" for nothing).
project_sections: dict[str, Callable[[HttpRequest, Any], str]] = {}


def add_project_section(key: str, section: Callable[[HttpRequest, Any], str]) -> None:
    project_sections[key] = section


def render_project_sections(request: HttpRequest, project) -> list[str]:
    return [html for section in project_sections.values() if (html := section(request, project))]


@dataclass(frozen=True)
class NodeColumn:
    """A column of the back office's plan tree: its heading and, per node id, a cell's HTML."""

    heading: Any
    cells: Callable[[Any], dict[int, str]]  # plan -> {node id: HTML}


plan_node_columns: dict[str, NodeColumn] = {}


def add_plan_node_column(key: str, column: NodeColumn) -> None:
    plan_node_columns[key] = column


@dataclass(frozen=True)
class Section:
    """A part of a back-office page: its HTML, or the response when it handled the POST."""

    html: str = ""
    response: HttpResponse | None = None


# A plan node's back-office page: each section is given the request, the node and the posted
# action (None for a GET), handles its own action and returns a Section.
node_office_sections: dict[str, Callable[[HttpRequest, Any, str | None], Section]] = {}


def add_node_office_section(key: str, section: Callable[[HttpRequest, Any, str | None], Section]) -> None:
    node_office_sections[key] = section


# --- The plan's own page ------------------------------------------------------------------------------

# The URL name (taking the plan's slug) of the page that shows one plan, named by the app that
# draws it (monitoring's dashboard); without one, planning's list of plans.
plan_page: dict[str, str] = {}


def set_plan_page(url_name: str) -> None:
    plan_page["url_name"] = url_name


def plan_url(plan) -> str:
    if "url_name" in plan_page:
        return reverse(plan_page["url_name"], args=[plan.slug])
    return reverse("planning:plan_list")
