"""Builders for training tests; text fields carry markup to check escaping."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from sabor.accounts.testing import XSS
from sabor.training.models import Assessment, Programme, Session
from sabor.training.services import assessments, enrolments, programmes


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
