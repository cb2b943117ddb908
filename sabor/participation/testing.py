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


# --- The tenancy walk's fillers (sabor.core.registry.add_url_fillers) -------------------------------

def objects(municipality, people: dict) -> dict:
    """A process open for ideas with a meeting the resident registered for, the resident's idea
    with a comment and a report on it, and a second idea hidden by moderation."""
    from sabor.core import testfiles
    from sabor.participation.services import moderation, registrations

    resident = people["resident"]
    process = make_process(municipality, slug=f"process-{municipality.slug}")
    today = timezone.localdate()
    processes.add_phase(actor=None, process=process, title=f"Фаза {XSS}", starts_on=today,
                        ends_on=today + timedelta(days=30))
    meeting = make_meeting(municipality, process=process, capacity=5)
    registration = registrations.register(actor=resident, meeting=meeting, stakeholder_group="residents")
    idea = make_idea(municipality, resident, process=process)
    comment = ideas.comment(actor=resident, idea=idea, body=f"Коментар {XSS}")
    report = moderation.report(actor=people["administrator"], idea=idea, reason="spam")
    attachment = processes.add_attachment(actor=None, meeting=meeting, title=f"Протокол {XSS}",
                                          file=testfiles.upload("протокол.pdf"))
    hidden = make_idea(municipality, resident, process=process)
    moderation.decide(actor=people["administrator"], hide=True, reason="Обидно",
                      report=moderation.report(actor=people["administrator"], idea=hidden, reason="spam"))
    return {"process": process, "meeting": meeting, "registration": registration, "idea": idea,
            "comment": comment, "idea_report": report, "hidden_idea": hidden, "resident": resident,
            "meeting_attachment": attachment}


def _unsubscribe_token(o) -> dict:
    from sabor.participation.services.notifications import unsubscribe_token

    return {"token": unsubscribe_token(o["resident"])}


FILL = {
    "participation:process_detail": lambda o: {"slug": o["process"].slug},
    "participation:meeting_detail": lambda o: {"pk": o["meeting"].pk},
    "participation:meeting_calendar": lambda o: {"pk": o["meeting"].pk},
    "participation:meeting_register": lambda o: {"pk": o["meeting"].pk},
    "participation:meeting_cancel": lambda o: {"pk": o["meeting"].pk},
    "participation:idea_detail": lambda o: {"pk": o["idea"].pk},
    "participation:idea_edit": lambda o: {"pk": o["idea"].pk},
    "participation:idea_support": lambda o: {"pk": o["idea"].pk},
    "participation:idea_follow": lambda o: {"pk": o["idea"].pk},
    "participation:idea_comment": lambda o: {"pk": o["idea"].pk},
    "participation:idea_report": lambda o: {"pk": o["idea"].pk},
    "participation:idea_comment_report": lambda o: {"pk": o["idea"].pk, "comment_pk": o["comment"].pk},
    "participation:unsubscribe": _unsubscribe_token,
    "office:process": lambda o: {"pk": o["process"].pk},
    "office:meeting": lambda o: {"pk": o["meeting"].pk},
    "office:check_in": lambda o: {"pk": o["meeting"].pk},
    "office:idea_answer": lambda o: {"pk": o["idea"].pk},
    "office:moderation_decide": lambda o: {"pk": o["idea_report"].pk},
    "office:moderation_restore": lambda o: {"pk": o["hidden_idea"].pk},
}
# The author's own pages.
OWNER_ONLY = {"participation:idea_edit", "participation:meeting_cancel"}
# An unsubscribe link's token is a credential of its own (it names a person, who may belong to
# several municipalities), not an id of a municipality's data; a forged one is refused in its tests.
NOT_TENANT_DATA = {"participation:unsubscribe": "a person's own unsubscribe link"}
