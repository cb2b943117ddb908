"""Who may do what in participation, and in which state of the object: the same
predicates answer the pages (what to offer), the views (what to accept) and the services
(what to refuse). Citizen actions take the object acted on (the idea, the comment, the
meeting, the registration; the process, or None, for a new idea); the back-office
permissions take the municipality."""

from __future__ import annotations

from datetime import timedelta

import rules
from django.utils import timezone

from sabor.accounts.models import Role
from sabor.accounts.rules import has_role
from sabor.participation.models import Comment, Idea, Registration

# An author may change their idea for 48 hours, until the municipality takes it up.
EDIT_WINDOW = timedelta(hours=48)
ACTIVE_REGISTRATION = (Registration.Status.REGISTERED, Registration.Status.WAITING)

# Staff run processes and forums, check people in and answer ideas; moderators handle reports.
rules.add_perm("participation.manage", has_role(Role.STAFF, Role.ADMINISTRATOR))
rules.add_perm("participation.moderate", has_role(Role.MODERATOR, Role.ADMINISTRATOR))


# --- Ideas -----------------------------------------------------------------------------------------------------

@rules.predicate
def process_takes_ideas(user, process) -> bool:
    """An idea outside any process may come at any time; within one, while its call is open."""
    return process is None or process.takes_ideas()


@rules.predicate
def is_author(user, idea: Idea) -> bool:
    return user.is_authenticated and idea.author_id is not None and idea.author_id == user.pk


@rules.predicate
def is_unanswered(user, idea: Idea) -> bool:
    """Once the municipality has taken the idea up (any status but submitted), it stays as it was taken."""
    return idea.status == Idea.Status.SUBMITTED


@rules.predicate
def within_edit_window(user, idea: Idea) -> bool:
    return timezone.now() - idea.created_at <= EDIT_WINDOW


@rules.predicate
def is_visible(user, content: Idea | Comment) -> bool:
    """Not hidden by a moderator; a comment also needs its idea not hidden."""
    if isinstance(content, Comment):
        return not content.is_hidden and not content.idea.is_hidden
    return not content.is_hidden


@rules.predicate
def takes_supports(user, idea: Idea) -> bool:
    return idea.takes_supports


# --- Meetings --------------------------------------------------------------------------------------------------

@rules.predicate
def registration_is_open(user, meeting) -> bool:
    """Not cancelled, not started, and within the registration dates if it has them. A full
    meeting stays open: whoever registers then joins the waiting list."""
    return meeting.registration_open()


@rules.predicate
def is_registered(user, meeting) -> bool:
    """Has a place or waits for one (a cancelled registration may register again)."""
    return user.is_authenticated and meeting.registrations.filter(user=user,
                                                                  status__in=ACTIVE_REGISTRATION).exists()


@rules.predicate
def owns_registration(user, registration: Registration) -> bool:
    return user.is_authenticated and registration.user_id is not None and registration.user_id == user.pk


@rules.predicate
def registration_is_active(user, registration: Registration) -> bool:
    return registration.status in ACTIVE_REGISTRATION


@rules.predicate
def meeting_not_over(user, registration: Registration) -> bool:
    return not registration.meeting.has_ended


signed_in = rules.is_authenticated

rules.add_perm("participation.propose_idea", signed_in & process_takes_ideas)
rules.add_perm("participation.edit_idea", signed_in & is_author & is_unanswered & within_edit_window)
rules.add_perm("participation.support_idea", signed_in & is_visible & takes_supports)
rules.add_perm("participation.withdraw_support", signed_in)
rules.add_perm("participation.follow_idea", signed_in)
rules.add_perm("participation.comment_idea", signed_in & is_visible)
rules.add_perm("participation.report_content", signed_in & is_visible)
rules.add_perm("participation.register_for_meeting", signed_in & registration_is_open & ~is_registered)
rules.add_perm("participation.cancel_registration",
               signed_in & owns_registration & registration_is_active & meeting_not_over)
