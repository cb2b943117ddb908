"""Reminders the day before a meeting to everyone registered for it."""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial

from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from sabor.accounts.models import NotificationFrequency
from sabor.participation.models import Registration
from sabor.participation.services import notifications


def queue_meeting_reminders(*, today: date) -> int:
    """Queues a reminder for each person registered for a meeting that starts tomorrow;
    running it twice on a day sends nothing twice."""
    tomorrow = today + timedelta(days=1)
    registrations = (Registration.objects.filter(
        meeting__is_cancelled=False, meeting__starts_at__date=tomorrow, status=Registration.Status.REGISTERED,
        user__is_active=True).exclude(user__notification_frequency=NotificationFrequency.NEVER)
        .select_related("meeting"))
    queued = 0
    for registration in registrations:
        if timezone.localtime(registration.meeting.starts_at).date() != tomorrow:
            continue
        if not cache.add(f"sabor:meeting-reminder:{registration.pk}:{today.isoformat()}", 1, 2 * 86400):
            continue
        transaction.on_commit(partial(send_meeting_reminder.enqueue, registration.pk))
        queued += 1
    return queued


@task()
def send_meeting_reminder(registration_id: int) -> None:
    registration = Registration.objects.select_related("user", "meeting__municipality", "meeting__settlement") \
        .get(pk=registration_id)
    meeting = registration.meeting
    notifications.email_person(registration.user, meeting.municipality, "participation/email/reminder", {
        "meeting": meeting, "url": reverse("participation:meeting_detail", args=[meeting.pk]),
        "calendar": reverse("participation:meeting_calendar", args=[meeting.pk])})
