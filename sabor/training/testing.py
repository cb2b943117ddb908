"""Builders for training tests; text fields carry markup to check escaping."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from sabor.accounts.testing import XSS
from sabor.training.models import Assessment, Programme, Session
from sabor.training.services import assessments, attendance, completion, enrolments, programmes


def make_programme(municipality, **fields) -> Programme:
    defaults = {"title": f"Мониторинг и оценка {XSS}", "aims": f"Да прилагат методологията {XSS}",
                "trainers": f"д-р Иванова {XSS}", "status": Programme.Status.OPEN}
    return programmes.create_programme(actor=None, municipality=municipality, **(defaults | fields))


def make_session(programme: Programme, hours: int | str = 4, day: int = 0) -> Session:
    starts = timezone.make_aware(datetime(2014, 4, 7, 9, 0)) + timedelta(days=day)
    return programmes.add_session(actor=None, programme=programme, starts_at=starts,
                                  ends_at=starts + timedelta(hours=5), hours=Decimal(hours),
                                  place=f"Заседателна зала {XSS}", trainer=f"Треньор {XSS}")


def make_test(programme: Programme, kind: str = "post", questions: int = 2, is_open: bool = True) -> Assessment:
    """A test whose right answer is always the first one."""
    assessment = assessments.assessment_of(programme, kind)
    for n in range(questions):
        assessments.add_question(actor=None, assessment=assessment, text=f"Въпрос {n + 1} {XSS}",
                                 choices=[f"Вярно {XSS}", "Грешно", "Не знам"], correct=0)
    if is_open:
        assessments.set_open(actor=None, assessment=assessment, is_open=True)
    return assessment


def answers(assessment: Assessment, right: int) -> dict[int, int]:
    """Answers with the first `right` questions right and the rest wrong."""
    result = {}
    for index, question in enumerate(assessment.questions.prefetch_related("choices")):
        choices = list(question.choices.all())
        result[question.pk] = choices[0].pk if index < right else choices[1].pk
    return result


def enrol(programme: Programme, name: str = "", group: str = "administration", user=None, **fields):
    name = name or ("" if user else f"Мария {XSS}")
    return enrolments.enrol(actor=None, programme=programme, name=name, stakeholder_group=group, user=user, **fields)


# --- The tenancy walk's fillers (sabor.core.registry.add_url_fillers) -------------------------------

def objects(municipality, people: dict) -> dict:
    """A programme open for applications, with a session and a final test, that the resident
    has completed (so their certificate, feedback and role offer pages answer)."""
    from sabor.accounts.models import Role

    programme = make_programme(municipality, accepts_applications=True, offers_role=Role.CIVIC_MONITOR)
    session = make_session(programme)
    test = make_test(programme, "post")
    enrolment = enrol(programme, user=people["resident"], group="residents")
    attendance.record_attendance(actor=None, session=session, present={enrolment.pk})
    assessments.hand_in(actor=None, enrolment=enrolment, assessment=test, answers=answers(test, 2), on_paper=True)
    completion.complete(actor=None, programme=programme)
    enrolment.refresh_from_db()
    return {"programme": programme, "session": session, "enrolment": enrolment}


FILL = {
    "training:programme_detail": lambda o: {"pk": o["programme"].pk},
    "training:programme_apply": lambda o: {"pk": o["programme"].pk},
    "training:enrolment_test": lambda o: {"pk": o["enrolment"].pk, "kind": "post"},
    "training:enrolment_feedback": lambda o: {"pk": o["enrolment"].pk},
    "training:enrolment_withdraw": lambda o: {"pk": o["enrolment"].pk},
    "training:enrolment_role": lambda o: {"pk": o["enrolment"].pk},
    "training:enrolment_certificate": lambda o: {"pk": o["enrolment"].pk},
    "office:programme": lambda o: {"pk": o["programme"].pk},
    "office:trainees": lambda o: {"pk": o["programme"].pk},
    "office:programme_participants": lambda o: {"pk": o["programme"].pk, "fmt": "csv"},
    "office:test": lambda o: {"pk": o["programme"].pk, "kind": "post"},
    "office:session": lambda o: {"pk": o["session"].pk},
    "office:session_sheet": lambda o: {"pk": o["session"].pk},
    "office:enrolment_status": lambda o: {"pk": o["enrolment"].pk},
}
# A trainee's own pages: the staff who run trainings reach them through the back office.
OWNER_ONLY = {"training:enrolment_test", "training:enrolment_feedback", "training:enrolment_withdraw",
              "training:enrolment_role"}
