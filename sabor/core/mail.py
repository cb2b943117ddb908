"""Outgoing email: absolute links, and delivery by the task worker after the commit.

Every link in an email must work from a mail client, so it starts with the site's
address, also on a single-municipality installation that has no domain records. And
no request waits for the mail server: a page that sends mail on one path and not on
another would tell by its response time which path it took (e.g. whether an address
has an account)."""

from __future__ import annotations

from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django_tasks import task


def site_url(municipality=None) -> str:
    """Scheme and host that links in emails start with (no trailing slash): the
    municipality's first domain, else SABOR_SITE_URL, else the first named host of
    ALLOWED_HOSTS."""
    scheme = settings.ACCOUNT_DEFAULT_HTTP_PROTOCOL
    if municipality is not None:
        domain = municipality.domains.order_by("pk").first()
        if domain is not None:
            return f"{scheme}://{domain.host}"
    if settings.SABOR_SITE_URL:
        return settings.SABOR_SITE_URL
    host = next((host for host in settings.ALLOWED_HOSTS if host and "*" not in host and not host.startswith(".")),
                "localhost")
    return f"{scheme}://{host}"


@task()
def deliver(*, subject: str, body: str, to: list[str], from_email: str | None = None,
            headers: dict[str, str] | None = None, html: str | None = None) -> None:
    message = EmailMultiAlternatives(subject, body, from_email, to, headers=headers)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()


def send(*, subject: str, body: str, to: list[str], from_email: str | None = None,
         headers: dict[str, str] | None = None, html: str | None = None) -> None:
    """Queues the email for the task worker once the current transaction commits."""
    transaction.on_commit(partial(deliver.enqueue, subject=subject, body=body, to=list(to), from_email=from_email,
                                  headers=dict(headers or {}), html=html))
