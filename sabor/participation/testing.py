"""Builders for participation tests; text fields carry markup to check escaping."""

from __future__ import annotations

import secrets
import time
from datetime import timedelta

from django.core import signing
from django.utils import timezone

from sabor.accounts.testing import XSS
from sabor.core import antibot
from sabor.participation.models import Idea, Meeting, Process
from sabor.participation.services import ideas, processes


def human(prefix: str = "") -> dict[str, str]:
    """The anti-bot fields of a form filled in by a person who took their time."""
    key = f"{prefix}-started" if prefix else "started"
    return {key: signing.dumps([time.time() - 30, secrets.token_urlsafe(12)], salt=antibot.SALT)}


def make_process(municipality, **fields) -> Process:
    today = timezone.localdate()
    defaults = {"slug": f"process-{Process.objects.count() + 1}", "title": f"Подготовка на ПИРО {XSS}",
                "description": f"Описание {XSS}", "ideas_open_from": today - timedelta(days=10),
                "ideas_open_until": today + timedelta(days=30)}
    return processes.create_process(actor=None, municipality=municipality, **(defaults | fields))


def make_meeting(municipality, *, days: int = 7, **fields) -> Meeting:
    starts = timezone.now() + timedelta(days=days)
    defaults = {"title": f"Мини граждански форум {XSS}", "kind": Meeting.Kind.MINI_FORUM, "starts_at": starts,
                "ends_at": starts + timedelta(hours=3), "address": f"Читалището {XSS}",
                "agenda": f"Дневен ред {XSS}"}
    return processes.create_meeting(actor=None, municipality=municipality, **(defaults | fields))


def make_idea(municipality, author, **fields) -> Idea:
    defaults = {"title": f"Детска площадка {XSS}", "description": f"Нова площадка в парка {XSS}"}
    return ideas.submit(actor=author, municipality=municipality, **(defaults | fields))
