"""Reminders to the people responsible for indicators before the values are due.

The values of year Y are due `data_due_days_before` days before the annual report
on Y (31 March of Y+1 by default). Reminders go out 14, 7 and 1 days before that
date, to each responsible person whose indicators still lack a submitted value.
`manage.py send_reminders` runs daily (cron or a systemd timer) and queues the
emails as background tasks; running it twice on a day sends nothing twice."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from sabor.accounts.models import User
from sabor.core import mail
from sabor.core.models import Municipality
from sabor.monitoring.models import Indicator, Measurement
from sabor.monitoring.services import methodology as methodologies

REMIND_DAYS_BEFORE = (14, 7, 1)


def data_due(municipality: Municipality, year: int) -> date:
    methodology = methodologies.in_force(municipality)
    days = methodology.data_due_days_before if methodology else 45
    return methodologies.report_due(methodology, year) - timedelta(days=days)


def missing_by_person(municipality: Municipality, year: int) -> dict[int, list[Indicator]]:
    """Responsible person → their indicators without a submitted or verified value for `year`."""
    reported = Measurement.objects.totals().filter(
        indicator__municipality=municipality, period=year,
        status__in=[Measurement.Status.SUBMITTED, Measurement.Status.VERIFIED]).values("indicator_id")
    indicators = (Indicator.objects.filter(municipality=municipality, responsible__isnull=False,
                                           responsible__is_active=True)
                  .exclude(pk__in=reported).select_related("plan_node__plan").order_by("code"))
    missing = defaultdict(list)
    for indicator in indicators:
        plan = indicator.plan_node.plan if indicator.plan_node_id else None
        if plan is None or plan.covers(year):
            missing[indicator.responsible_id].append(indicator)
    return missing


def queue_reminders(*, today: date) -> int:
    """Queues today's reminders for every municipality; returns how many were queued."""
    queued = 0
    for municipality in Municipality.objects.filter(is_active=True):
        year = today.year - 1  # the values of a year are due early in the next
        due = data_due(municipality, year)
        if (due - today).days not in REMIND_DAYS_BEFORE:
            continue
        for user_id, indicators in missing_by_person(municipality, year).items():
            # One reminder per person, municipality and day, however often the command runs.
            if not cache.add(f"sabor:reminder:{municipality.pk}:{user_id}:{today.isoformat()}", 1, 2 * 86400):
                continue
            transaction.on_commit(partial(send_reminder.enqueue, municipality.pk, user_id, year,
                                          [i.pk for i in indicators], due.isoformat()))
            queued += 1
    return queued


@task()
def send_reminder(municipality_id: int, user_id: int, year: int, indicator_ids: list[int], due: str) -> None:
    user = User.objects.get(pk=user_id)
    municipality = Municipality.objects.get(pk=municipality_id)
    indicators = Indicator.objects.filter(pk__in=indicator_ids).order_by("code")
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        context = {"user": user, "municipality": municipality, "year": year, "indicators": indicators,
                   "due": date.fromisoformat(due),
                   "link": mail.site_url(municipality) + reverse("office:indicator_list")}
        subject = render_to_string("monitoring/email/reminder_subject.txt", context).strip()
        body = render_to_string("monitoring/email/reminder.txt", context)
    send_mail(subject, body, None, [user.email])
