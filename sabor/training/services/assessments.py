"""Tests before and after a programme: multiple-choice questions scored on hand-in,
taken on the site or typed in by staff from paper."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from sabor.core import audit
from sabor.training import rules as training_rules
from sabor.training.models import TAKING_PART, Assessment, Attempt, Choice, Enrolment, Programme, Question


def assessment_of(programme: Programme, kind: str) -> Assessment:
    if kind not in Assessment.Kind.values:
        raise ValidationError(_("Unknown test."), code="unknown_test")
    assessment, _created = Assessment.objects.get_or_create(programme=programme, kind=kind)
    return assessment


def _check_unused(assessment: Assessment) -> None:
    if assessment.attempts.exists():
        raise ValidationError(_("People have taken this test; its questions can no longer change."),
                              code="test_taken")


@transaction.atomic
def add_question(*, actor, assessment: Assessment, text: str, choices: list[str], correct: int) -> Question:
    _check_unused(assessment)
    choices = [choice.strip() for choice in choices if choice and choice.strip()]
    if len(choices) < 2:
        raise ValidationError(_("Give at least two answers."), code="too_few_answers")
    if not 0 <= correct < len(choices):
        raise ValidationError(_("Mark which of the answers is right."), code="no_right_answer")
    question = Question(assessment=assessment, text=text, position=assessment.questions.count() + 1)
    question.full_clean()
    question.save()
    Choice.objects.bulk_create([Choice(question=question, text=choice, is_correct=index == correct)
                                for index, choice in enumerate(choices)])
    programme = assessment.programme
    audit.record(actor=actor, action="training.test_changed", obj=programme, municipality=programme.municipality,
                 changes={assessment.kind: [None, text]})
    return question


@transaction.atomic
def remove_question(*, actor, question: Question) -> None:
    assessment = question.assessment
    _check_unused(assessment)
    programme = assessment.programme
    audit.record(actor=actor, action="training.test_changed", obj=programme, municipality=programme.municipality,
                 changes={assessment.kind: [question.text, None]})
    question.delete()


@transaction.atomic
def set_open(*, actor, assessment: Assessment, is_open: bool) -> Assessment:
    if is_open and not assessment.questions.exists():
        raise ValidationError(_("Add questions before opening the test."), code="no_questions")
    audit.save_changes(assessment, actor=actor, action="training.test_changed", editable=["is_open"],
                       values={"is_open": is_open}, municipality=assessment.programme.municipality)
    return assessment


def score(assessment: Assessment, answers: dict[int, int]) -> tuple[dict[str, int], int, int]:
    """Checks that every question has one of its own answers; returns (answers, right, questions)."""
    questions = list(assessment.questions.prefetch_related("choices"))
    if not questions:
        raise ValidationError(_("This test has no questions yet."), code="no_questions")
    right = 0
    clean = {}
    for question in questions:
        choices = {choice.pk: choice for choice in question.choices.all()}
        chosen = answers.get(question.pk)
        if chosen not in choices:
            raise ValidationError(_("Answer every question."), code="unanswered")
        clean[str(question.pk)] = chosen
        right += choices[chosen].is_correct
    return clean, right, len(questions)


@transaction.atomic
def hand_in(*, actor, enrolment: Enrolment, assessment: Assessment, answers: dict[int, int],
            on_paper: bool = False) -> Attempt:
    """Scores a trainee's answers. Trainees take an open test themselves; staff type in
    a test taken on paper (`on_paper`). Each test is taken once."""
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if assessment.programme_id != enrolment.programme_id:
        raise ValidationError(_("That test belongs to another programme."), code="foreign")
    if on_paper:  # typed in by staff, whom the back office checks
        if enrolment.status not in TAKING_PART:
            raise ValidationError(_("Only people enrolled in the programme take its tests."), code="not_trainee")
    else:
        if enrolment.user_id != getattr(actor, "pk", None):
            raise ValidationError(_("This test is not open to you now."), code="closed")
        training_rules.check("training.take_test", actor, assessment)
    clean, right, total = score(assessment, answers)
    attempt = Attempt(assessment=assessment, enrolment=enrolment, answers=clean, score=right, max_score=total,
                      recorded_by=actor if on_paper else None)
    try:
        with transaction.atomic():
            attempt.save()
    except IntegrityError:
        raise ValidationError(_("This test has already been taken."), code="duplicate") from None
    programme = assessment.programme
    audit.record(actor=actor, action="training.test_taken", obj=enrolment, municipality=programme.municipality,
                 changes={assessment.kind: [None, f"{right}/{total}"]})
    return attempt
