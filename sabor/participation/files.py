"""Who may fetch participation's stored files: the same rules as the pages they belong to."""

from __future__ import annotations

from sabor.core import files
from sabor.core.decorators import may_use_office
from sabor.participation import selectors
from sabor.participation.models import IdeaAttachment, MeetingAttachment


def _idea_attachment(request, attachment: IdeaAttachment) -> bool:
    """A hidden idea's files stay with its author, its moderators and the staff who answer ideas."""
    idea = attachment.idea
    return (selectors.visible_ideas(request.municipality).filter(pk=idea.pk).exists()
            or (request.user.is_authenticated and idea.author_id == request.user.pk)
            or may_use_office(request, "participation.moderate") or may_use_office(request, "participation.manage"))


def _meeting_attachment(request, attachment: MeetingAttachment) -> bool:
    return (selectors.public_meetings(request.municipality).filter(pk=attachment.meeting_id).exists()
            or may_use_office(request, "participation.manage"))


def register() -> None:
    files.register(prefix="ideas", model=IdeaAttachment, field="file", municipality="idea__municipality",
                   may_see=_idea_attachment)
    files.register(prefix="meetings", model=MeetingAttachment, field="file", municipality="meeting__municipality",
                   may_see=_meeting_attachment)
