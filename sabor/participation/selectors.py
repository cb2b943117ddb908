"""Reads of participation: attendance statistics (also live indicator values for the
monitoring module), the idea list with its allow-listed filters and sorts, search,
similar ideas, and a comment thread as a tree."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sabor.accounts.models import StakeholderGroup
from sabor.core.markdown import render_markdown
from sabor.core.models import Municipality
from sabor.monitoring import live
from sabor.participation import text
from sabor.participation.models import Comment, Idea, IdeaTerm, Registration

# --- Attendance ----------------------------------------------------------------------------------------------

PRESENT = Q(checked_in_at__isnull=False)


@dataclass
class Attendance:
    registered: int = 0
    waiting: int = 0
    present: int = 0
    by_group: list[tuple[str, int]] = field(default_factory=list)
    by_settlement: list[tuple[str, int]] = field(default_factory=list)


def attendance(registrations: QuerySet) -> Attendance:
    """Who registered, who waits and who came, by stakeholder group and settlement."""
    counts = registrations.aggregate(
        registered=Count("pk", filter=Q(status=Registration.Status.REGISTERED)),
        waiting=Count("pk", filter=Q(status=Registration.Status.WAITING)), present=Count("pk", filter=PRESENT))
    present = registrations.filter(PRESENT)
    groups = dict(StakeholderGroup.choices)
    by_group = Counter(dict(present.values_list("stakeholder_group").annotate(n=Count("pk"))))
    by_settlement = Counter()
    english = get_language() == "en"
    for name, name_en, n in present.values_list("settlement__name", "settlement__name_en").annotate(n=Count("pk")):
        by_settlement[(name_en if english and name_en else name) or str(_("not given"))] += n
    return Attendance(counts["registered"], counts["waiting"], counts["present"],
                      [(str(groups[g]), by_group[g]) for g in StakeholderGroup.values if by_group[g]],
                      sorted(by_settlement.items(), key=lambda item: (-item[1], item[0])))


def held(municipality: Municipality) -> QuerySet:
    """Meetings that took place (ended, not cancelled)."""
    return municipality.meetings.filter(is_cancelled=False, ends_at__lte=timezone.now())


def _live_choices(municipality: Municipality) -> list[tuple[str, str]]:
    return [("all", str(_("all forums and meetings")))] + [
        (str(process.pk), process.title) for process in municipality.processes.all()]


def _meetings_for(municipality: Municipality, key: str) -> QuerySet:
    meetings = held(municipality)
    return meetings if key == "all" else meetings.filter(process_id=key)


def _by_year(rows) -> dict[int, Decimal]:
    return {row["year"]: Decimal(row["n"]) for row in rows}


def register_live_sources() -> None:
    """Offers the monitoring module the forums held and the participants present as live
    indicator values (called once, from the app's plugin)."""
    live.register(live.LiveSource(
        "participation.meetings_held", _("Participation: forums and meetings held"), _live_choices,
        lambda municipality, key: _by_year(_meetings_for(municipality, key).annotate(year=ExtractYear("starts_at"))
                                           .values("year").annotate(n=Count("pk")).order_by("year"))))
    live.register(live.LiveSource(
        "participation.participants", _("Participation: participants present"), _live_choices,
        lambda municipality, key: _by_year(
            Registration.objects.filter(PRESENT, meeting__in=_meetings_for(municipality, key))
            .annotate(year=ExtractYear("meeting__starts_at")).values("year").annotate(n=Count("pk")).order_by("year"))))


# --- Ideas ---------------------------------------------------------------------------------------------------

SORTS = {
    "newest": ("-created_at", "-pk"),
    "supported": ("-supports_count", "-created_at", "-pk"),
    "commented": ("-comments_count", "-created_at", "-pk"),
    "oldest": ("created_at", "pk"),
}


def visible_ideas(municipality: Municipality) -> QuerySet:
    # Counted through the partial index idea_visible (migration 0002).
    return municipality.ideas.filter(is_hidden=False)


def public_meetings(municipality: Municipality) -> QuerySet:
    """The meetings anyone may see: their pages, calendar files and documents."""
    return municipality.meetings.filter(is_public=True)


def ideas_for_page(municipality: Municipality) -> QuerySet:
    """The municipality's ideas with what an idea's page shows of them. The relations that
    are usually empty are prefetched (no query while they are): joined too, they made
    PostgreSQL spend 5 ms planning each request, ten times the query itself."""
    return municipality.ideas.select_related("settlement", "process", "meeting", "organisation", "author") \
        .prefetch_related("plan_node__plan", "merged_into", "project")


def search(ideas: QuerySet, query: str) -> QuerySet:
    """Ideas that contain every word of the query (any form of it)."""
    for term in text.terms(query)[:8]:
        ideas = ideas.filter(pk__in=IdeaTerm.objects.filter(term=term).values("idea_id"))
    return ideas


def similar(municipality: Municipality, title: str, description: str = "", limit: int = 5,
            exclude: int | None = None) -> list[tuple[Idea, float]]:
    """Existing ideas most like the text being typed, best first, with their likeness."""
    title_terms, body_terms = set(text.terms(title)), set(text.terms(description))
    wanted = list(title_terms | body_terms)[:30]
    if not wanted:
        return []
    # Candidates share the most words; a handful of queries whatever the number of ideas.
    candidates = (IdeaTerm.objects.filter(term__in=wanted, idea__municipality=municipality, idea__is_hidden=False)
                  .values("idea_id").annotate(shared=Count("pk")).order_by("-shared", "-idea_id")[:50])
    ids = [row["idea_id"] for row in candidates if row["idea_id"] != exclude]
    stored = defaultdict(lambda: (set(), set()))
    for idea_id, term, in_title in IdeaTerm.objects.filter(idea_id__in=ids).values_list("idea_id", "term",
                                                                                        "in_title"):
        stored[idea_id][0 if in_title else 1].add(term)
    scored = sorted(((text.likeness(title_terms, body_terms, *stored[pk]), pk) for pk in ids), reverse=True)
    best = [(score, pk) for score, pk in scored if score >= 0.25][:limit]
    ideas = Idea.objects.in_bulk([pk for _score, pk in best])
    return [(ideas[pk], score) for score, pk in best]


@lru_cache(maxsize=4096)
def _comment_html(body: str) -> SafeString:
    return render_markdown(body)


@dataclass
class Node:
    comment: Comment
    replies: list[Node] = field(default_factory=list)

    @property
    def html(self) -> SafeString:
        """The comment rendered; a popular idea's thread is rendered once per process, not
        once per visitor (Markdown and sanitising take a third of its page's time)."""
        return _comment_html(self.comment.body)


def thread(idea: Idea) -> list[Node]:
    """The idea's comments as a tree, in one query."""
    nodes = {c.pk: Node(c) for c in idea.comments.select_related("author").order_by("created_at", "pk")}
    roots = []
    for node in nodes.values():
        parent = nodes.get(node.comment.parent_id)
        (parent.replies if parent else roots).append(node)
    return roots
