"""What participation holds about a person: for the download of one's data, and what
goes when the account is erased."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from sabor.core.models import Municipality
from sabor.participation import pages
from sabor.participation.models import Comment, Follow, Idea, Notification, Registration, Report, Support


def _registrations(user) -> QuerySet:
    """The person's registrations, and the rows staff entered at the door or from a paper
    sign-in list with the person's email address but no account."""
    theirs = Q(user=user)
    if user.email:
        theirs |= Q(user__isnull=True, email__iexact=user.email)
    return Registration.objects.filter(theirs)


def export(user) -> dict[str, list[dict[str, Any]]]:
    return {
        "registrations": [{"meeting": r.meeting.title, "starts_at": r.meeting.starts_at.isoformat(),
                           "name": r.name, "email": r.email, "status": r.status,
                           "stakeholder_group": r.stakeholder_group, "checked_in": r.checked_in_at is not None}
                          for r in _registrations(user).select_related("meeting")],
        "ideas": [{"title": i.title, "status": i.status, "submitted": i.created_at.isoformat()}
                  for i in Idea.objects.filter(author=user)],
        "comments": [{"idea": c.idea.title, "text": c.body, "written": c.created_at.isoformat()}
                     for c in Comment.objects.filter(author=user).select_related("idea")],
        "supports": [s.idea.title for s in Support.objects.filter(user=user).select_related("idea")],
        "follows": [f.idea.title for f in Follow.objects.filter(user=user).select_related("idea")],
        "reports": [{"reason": r.reason, "text": r.text, "reported": r.created_at.isoformat()}
                    for r in Report.objects.filter(reporter=user)],
    }


def forget(user) -> None:
    """Registrations keep counting (attendance by stakeholder group) without the name and
    address they copied (also the rows entered at the door with the person's address);
    the person's own notifications go; notifications of others that name them read
    "Deleted user" (they refer to the person, and those written before they did lose the
    copied name); the public pages that showed the name are renewed."""
    with translation.override(settings.LANGUAGE_CODE):
        deleted = _("Deleted user")
    touched = {*_registrations(user).values_list("meeting__municipality", flat=True),
               *Idea.objects.filter(author=user).values_list("municipality", flat=True),
               *Comment.objects.filter(author=user).values_list("idea__municipality", flat=True)}
    _registrations(user).update(name=deleted, email="")
    Notification.objects.filter(user=user).delete()
    for name in sorted({user.audit_label, user.display_name} - {""}, key=len, reverse=True):
        for notification in Notification.objects.filter(text__contains=name):
            notification.text = notification.text.replace(name, Notification.ACTOR)
            notification.save(update_fields=["text"])
    for municipality in Municipality.objects.filter(pk__in=touched):
        pages.changed(municipality)
