"""Notifications: a row each person sees on the site, and an email sent after the
transaction commits, at once or in a daily digest as the person chose. Every email
carries a link that turns emails off without logging in."""

from __future__ import annotations

from collections import defaultdict
from functools import partial

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from sabor.accounts.models import NotificationFrequency, User
from sabor.core import mail
from sabor.core.models import Municipality
from sabor.participation.models import Notification

UNSUBSCRIBE_SALT = "sabor.unsubscribe"


def notify(*, users, municipality: Municipality, message, url: str = "", actor: User | None = None
           ) -> list[Notification]:
    """`message(user)` gives the text in that person's language, with Notification.ACTOR
    where the name of `actor` (who caused it) goes. Call inside a transaction."""
    created = []
    for user in users:
        if user is None or not user.is_active or user.is_anonymised:
            continue
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            text = str(message(user))[:500]
        created.append(Notification.objects.create(user=user, municipality=municipality, text=text, url=url,
                                                   actor=actor))
    immediate = [n.pk for n in created if n.user.notification_frequency == NotificationFrequency.IMMEDIATELY]
    if immediate:
        transaction.on_commit(partial(send_notifications.enqueue, immediate))
    return created


def unsubscribe_token(user: User) -> str:
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


def user_for_token(token: str) -> User | None:
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=60 * 60 * 24 * 365)
    except signing.BadSignature:
        return None
    return User.objects.filter(pk=pk, is_active=True).first()


def site_address(municipality: Municipality) -> str:
    return mail.site_url(municipality)  # links in emails are absolute, with or without a domain record


def email_person(user: User, municipality: Municipality, template: str, context: dict) -> None:
    """Emails `user` the subject and body of `template` (…_subject.txt and .txt) in their
    language, with a link that turns these emails off (also as List-Unsubscribe)."""
    site = site_address(municipality)
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        unsubscribe = site + reverse("participation:unsubscribe", args=[unsubscribe_token(user)])
        context = {"user": user, "municipality": municipality, "site": site, "unsubscribe": unsubscribe,
                   **context}
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context)
    EmailMessage(subject, body, None, [user.email], headers={"List-Unsubscribe": f"<{unsubscribe}>"}).send()


def _send(user: User, items: list[Notification], digest: bool) -> None:
    email_person(user, items[0].municipality, "participation/email/notification", {"items": items, "digest": digest})


def _claim(ids) -> list[Notification]:
    """Marks the notifications as emailed and returns those this call claimed, so a
    notification is never emailed twice however many workers run."""
    now = timezone.now()
    with transaction.atomic():
        # Only the notifications are locked (`of`): the actor is an outer join, which PostgreSQL cannot lock.
        rows = list(Notification.objects.select_for_update(skip_locked=True, of=("self",))
                    .filter(pk__in=ids, emailed_at__isnull=True).select_related("user", "municipality", "actor"))
        Notification.objects.filter(pk__in=[n.pk for n in rows]).update(emailed_at=now)
    return rows


@task()
def send_notifications(ids: list[int]) -> None:
    by_user = defaultdict(list)
    for notification in _claim(ids):
        if notification.user.notification_frequency == NotificationFrequency.IMMEDIATELY:
            by_user[notification.user].append(notification)
    for user, items in by_user.items():
        _send(user, items, digest=False)


def send_digests() -> int:
    """Emails each person who chose the daily digest what they have not been sent yet."""
    pending = Notification.objects.filter(emailed_at__isnull=True, read_at__isnull=True,
                                          user__notification_frequency=NotificationFrequency.DAILY,
                                          user__is_active=True).values_list("pk", flat=True)
    by_user = defaultdict(list)
    for notification in _claim(list(pending)):
        by_user[(notification.user, notification.municipality_id)].append(notification)
    for (user, _municipality), items in by_user.items():
        _send(user, items, digest=True)
    return len(by_user)
