"""Evaluations, their criterion scores and the follow-up of recommendations."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sabor.core import audit
from sabor.core.models import Municipality
from sabor.monitoring.models import CriterionScore, Evaluation, Recommendation

EVALUATION_FIELDS = ["title", "kind", "year", "plan", "project", "policy", "evaluator", "questions", "findings",
                     "conclusions"]


def _check_subject(municipality: Municipality, fields: dict[str, Any]) -> None:
    for name in ("plan", "project"):
        subject = fields.get(name)
        if subject is not None and subject.municipality_id != municipality.pk:
            raise ValidationError({name: ValidationError(_("That belongs to another municipality."), code="foreign")})


@transaction.atomic
def create_evaluation(*, actor, municipality: Municipality, **fields: Any) -> Evaluation:
    _check_subject(municipality, fields)
    evaluation = Evaluation(municipality=municipality, **fields)
    evaluation.full_clean()
    evaluation.save()
    audit.record(actor=actor, action="evaluation.created", obj=evaluation, municipality=municipality)
    return evaluation


@transaction.atomic
def update_evaluation(*, actor, evaluation: Evaluation, **fields: Any) -> Evaluation:
    _check_subject(evaluation.municipality, fields)
    audit.save_changes(evaluation, actor=actor, action="evaluation.updated", editable=EVALUATION_FIELDS,
                       values=fields, municipality=evaluation.municipality)
    return evaluation


@transaction.atomic
def set_scores(*, actor, evaluation: Evaluation, scores: dict[str, tuple[int, str]]) -> None:
    """Scores per DAC criterion: {criterion: (score 1–5, evidence)}; a criterion left out is unscored."""
    changes = {}
    for criterion, (score, evidence) in scores.items():
        if criterion not in CriterionScore.Criterion.values:
            raise ValidationError(_("Unknown criterion."), code="unknown_criterion")
        item = CriterionScore.objects.filter(evaluation=evaluation, criterion=criterion).first() or \
            CriterionScore(evaluation=evaluation, criterion=criterion)
        old = item.score
        item.score, item.evidence = score, evidence
        item.full_clean()
        item.save()
        if old != score:
            changes[criterion] = [old, score]
    CriterionScore.objects.filter(evaluation=evaluation).exclude(criterion__in=scores).delete()
    if changes:
        audit.record(actor=actor, action="evaluation.scored", obj=evaluation, municipality=evaluation.municipality,
                     changes=changes)


@transaction.atomic
def publish(*, actor, evaluation: Evaluation) -> Evaluation:
    if not evaluation.findings.strip():
        raise ValidationError(_("Write the findings before publishing."), code="no_findings")
    evaluation.status = Evaluation.Status.PUBLISHED
    evaluation.published_at = timezone.now()
    evaluation.save(update_fields=["status", "published_at"])
    audit.record(actor=actor, action="evaluation.published", obj=evaluation, municipality=evaluation.municipality)
    return evaluation


@transaction.atomic
def add_recommendation(*, actor, evaluation: Evaluation, text: str, owner: str, deadline: date) -> Recommendation:
    recommendation = Recommendation(evaluation=evaluation, text=text, owner=owner, deadline=deadline)
    recommendation.full_clean()
    recommendation.save()
    audit.record(actor=actor, action="recommendation.added", obj=recommendation,
                 municipality=evaluation.municipality)
    return recommendation


@transaction.atomic
def follow_up(*, actor, recommendation: Recommendation, status: str, response: str) -> Recommendation:
    audit.save_changes(recommendation, actor=actor, action="recommendation.followed_up",
                       editable=["status", "response"], values={"status": status, "response": response},
                       municipality=recommendation.evaluation.municipality)
    return recommendation
