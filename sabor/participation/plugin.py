"""What the participation app adds to the shared pages (processes, forums, ideas, moderation,
notifications) and to the rest of the site: live indicator sources for monitoring, its stored
files, its steps of a person's data export and erasure, and its notices."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sabor.core import audit, notices, registry


def register() -> None:
    from sabor.participation import files, selectors
    from sabor.participation.models import Idea, Meeting, Notification, Process, Report
    from sabor.participation.services import notifications, personal_data

    audit.register_actions({
    "participation.process_created": _("Participation process created"),
    "participation.process_updated": _("Participation process updated"),
    "participation.meeting_created": _("Forum or meeting created"),
    "participation.meeting_updated": _("Forum or meeting updated"),
    "participation.registered": _("Registered for a meeting"),
    "participation.registration_cancelled": _("Meeting registration cancelled"),
    "participation.checked_in": _("Participant checked in"),
    "participation.check_in_undone": _("Check-in undone"),
    "participation.idea_submitted": _("Idea submitted"),
    "participation.idea_recorded": _("Idea recorded by staff"),
    "participation.idea_edited": _("Idea edited"),
    "participation.idea_answered": _("Idea answered"),
    "participation.commented": _("Comment written"),
    "participation.hidden": _("Content hidden by a moderator"),
    "participation.restored": _("Content restored by a moderator"),
    "participation.report_dismissed": _("Report dismissed"),
    })
    audit.describe(Meeting, labels={"registration": _("registration"), "participant": _("participant"),
                                    "attachment": _("attachment")})
    audit.describe(Process, labels={"phase": _("phase")})
    audit.describe(Idea, labels={"answer": _("the municipality's answer"), "hidden": _("hidden"),
                                 "attachment": _("attachment")})

    registry.site_menu.add(_("Participation"), "participation:process_list", order=40,
                           namespaces=("participation",))
    registry.account_menu.add(_("Notifications"), "participation:notifications", order=10, signed_in=True,
                              badge=lambda user, municipality: Notification.objects.filter(
                                  user=user, municipality=municipality, read_at__isnull=True).count())
    menu = registry.office_menu
    menu.add(_("Participation processes"), "office:processes", permission="participation.manage", order=120,
             current=("office:process",))
    menu.add(_("Forums and meetings"), "office:meetings", permission="participation.manage", order=130,
             current=("office:meeting", "office:check_in"))
    menu.add(_("Ideas"), "office:ideas", permission="participation.manage", order=140,
             current=("office:idea_answer",))
    menu.add(_("Moderation"), "office:moderation", permission="participation.moderate", order=150)

    registry.add_queue("participation.ideas", _("Ideas waiting for an answer"), permission="participation.manage",
                       url_name="office:ideas", query="?status=submitted", order=30,
                       count=lambda user, municipality: municipality.ideas.filter(
                           status=Idea.Status.SUBMITTED, is_hidden=False).count())
    registry.add_queue("participation.reports", _("Reports waiting for a moderator"),
                       permission="participation.moderate", url_name="office:moderation", order=40,
                       count=lambda user, municipality: Report.objects.filter(
                           municipality=municipality, status=Report.Status.OPEN).count())
    registry.add_card("participation.meetings", section="participate", order=10,
                      template="participation/cards/meetings.html", context=_meetings)
    registry.add_card("participation.ideas", section="participate", order=20,
                      template="participation/cards/ideas.html", context=_ideas)
    registry.add_url_fillers("participation", "sabor.participation.testing")
    registry.add_personal_data("participation", export=personal_data.export, erase=personal_data.forget)
    selectors.register_live_sources()
    files.register()
    notices.register(notifications.notify)


def _meetings(request):
    upcoming = request.municipality.meetings.filter(is_public=True, is_cancelled=False, ends_at__gt=timezone.now())
    return {"upcoming_meetings": list(upcoming.select_related("settlement").order_by("starts_at")[:3])}


def _ideas(request):
    from sabor.participation.models import Idea

    popular = request.municipality.ideas.filter(is_hidden=False).exclude(
        status__in=[Idea.Status.REJECTED, Idea.Status.MERGED]).order_by("-supports_count", "-created_at")
    return {"popular_ideas": list(popular[:3])}
