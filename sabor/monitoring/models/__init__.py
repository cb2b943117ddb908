"""Monitoring's models, one module per thing they hold: indicators with their targets and
measurements, the methodology, evaluations with their scores and recommendations, civic
observations and annual reports."""

from sabor.monitoring.models.evaluations import CriterionScore, Evaluation, EvaluationQuerySet, Recommendation
from sabor.monitoring.models.indicators import (
    EVIDENCE_EXTENSIONS,
    Indicator,
    IndicatorQuerySet,
    Measurement,
    MeasurementQuerySet,
    Target,
    public_indicator_q,
    shown_in_plan_q,
)
from sabor.monitoring.models.methodology import Methodology
from sabor.monitoring.models.observations import Observation
from sabor.monitoring.models.reports import AnnualReport, AnnualReportQuerySet

__all__ = ["EVIDENCE_EXTENSIONS", "AnnualReport", "AnnualReportQuerySet", "CriterionScore", "Evaluation",
           "EvaluationQuerySet", "Indicator", "IndicatorQuerySet", "Measurement", "MeasurementQuerySet",
           "Methodology", "Observation", "Recommendation", "Target", "public_indicator_q", "shown_in_plan_q"]
