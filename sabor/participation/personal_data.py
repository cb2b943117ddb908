"""What participation holds about a person, for the download of one's data."""

from __future__ import annotations

from typing import Any

from sabor.participation.models import Comment, Idea, Registration, Support


def export(user) -> dict[str, list[dict[str, Any]]]:
    return {
        "registrations": [{"meeting": r.meeting.title, "starts_at": r.meeting.starts_at.isoformat(),
                           "status": r.status, "stakeholder_group": r.stakeholder_group,
                           "checked_in": r.checked_in_at is not None}
                          for r in Registration.objects.filter(user=user).select_related("meeting")],
        "ideas": [{"title": i.title, "status": i.status, "submitted": i.created_at.isoformat()}
                  for i in Idea.objects.filter(author=user)],
        "comments": [{"idea": c.idea.title, "text": c.body, "written": c.created_at.isoformat()}
                     for c in Comment.objects.filter(author=user).select_related("idea")],
        "supports": [s.idea.title for s in Support.objects.filter(user=user).select_related("idea")],
    }
