"""The plan page's progress tree: computed, rendered and cached in one place, so
that the view and the background warm-up produce exactly the same page."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from sabor.core.commit import on_commit_once
from sabor.core.numbers import percent
from sabor.monitoring.models import Methodology
from sabor.monitoring.selectors import NodeReport, bands, in_force, plan_report, plan_summary
from sabor.planning.models import Plan
from sabor.planning.selectors import default_year

# Without a shared cache (Redis) each process holds its own copy and sees only its
# own version moves, so cached pages are kept briefly.
CACHE_SECONDS = 24 * 3600 if settings.REDIS_URL else 300


def progress_html(plan: Plan, year: int, language: str,
                  methodology: Methodology | None) -> tuple[str, list[NodeReport] | None]:
    """The rendered progress tree and, when it was computed rather than cached, its data.
    `methodology` is the one in force, which the caller has already looked up."""
    key = (f"sabor:plan-page:{plan.pk}:{plan_version(plan.pk)}:{year}:{language}:"
           f"{methodology.pk if methodology else 0}")
    html = cache.get(key)
    if html is not None:
        return html, None
    with translation.override(language):
        roots = plan_report(plan, year, bands(methodology))
        progress, status = plan_summary(roots, bands(methodology))
        html = render_to_string("monitoring/_plan_progress.html", {
            "plan": plan, "year": year, "roots": roots, "status": status,
            # One URL lookup instead of one per indicator row.
            "indicator_base": reverse("monitoring:indicator_detail", args=[0]).removesuffix("0/"),
            "progress_percent": percent(progress),
            "progress_bar": 0 if progress is None else int(progress * 100)})
    cache.set(key, html, timeout=CACHE_SECONDS)
    return html, roots


@task()
def warm_plan_page(plan_id: int) -> None:
    """After a change, computes the page of the plan's current year in every language,
    so that the next visitor gets it from the cache."""
    plan = Plan.objects.public().select_related("municipality").filter(pk=plan_id).first()
    if plan is None:
        return
    methodology = in_force(plan.municipality)
    for language, _name in settings.LANGUAGES:
        progress_html(plan, default_year(plan), language, methodology)


# --- Caching the plan page ---------------------------------------------------------------------------------
# The plan page rolls up every indicator of the plan. Its rendered tree is cached
# under the plan's data version, which the services move on whenever something
# that the page shows changes (a value verified or returned, a target, an
# indicator, the tree), so a cached page is never stale.

def _version_key(plan_id: int) -> str:
    return f"sabor:plan-version:{plan_id}"


def plan_version(plan_id: int) -> int:
    return cache.get_or_set(_version_key(plan_id), lambda: time.time_ns(), timeout=None)


def plan_changed(plan_id: int | None) -> None:
    """Call inside the changing transaction; the version moves once it commits, and
    the page is rebuilt in the background — once per plan however many changes the
    transaction made (loading a plan makes hundreds)."""
    if plan_id is None:
        return

    def moved():
        cache.set(_version_key(plan_id), time.time_ns(), timeout=None)
        warm_plan_page.enqueue(plan_id)

    on_commit_once(("plan", plan_id), moved)
