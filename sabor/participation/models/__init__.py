"""Participation: processes with their phases, forums and meetings with registration,
ideas with supports, comments and following, moderation reports, and notifications."""

from sabor.participation.models.ideas import Comment, Follow, Idea, IdeaAttachment, IdeaTerm, Support
from sabor.participation.models.meetings import ATTACHMENT_EXTENSIONS, Meeting, MeetingAttachment, Registration
from sabor.participation.models.moderation import Report
from sabor.participation.models.notifications import Notification
from sabor.participation.models.processes import Phase, Process

__all__ = ["ATTACHMENT_EXTENSIONS", "Comment", "Follow", "Idea", "IdeaAttachment", "IdeaTerm", "Meeting",
           "MeetingAttachment", "Notification", "Phase", "Process", "Registration", "Report", "Support"]
