from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sabor.core.models import Municipality
from sabor.planning.models import Plan, Project, public_plan_q, public_project_q


class EvaluationQuerySet(models.QuerySet):
    def public(self) -> EvaluationQuerySet:
        """Published evaluations of what is itself public (a plan or project kept internal
        keeps its evaluations internal too)."""
        return self.filter(Q(status=Evaluation.Status.PUBLISHED),
                           Q(plan__isnull=True) | public_plan_q("plan__"),
                           Q(project__isnull=True) | public_project_q("project__"))

    def public_within_plan(self) -> EvaluationQuerySet:
        """What a plan's annual report may show: published, not of a project kept internal."""
        return self.filter(Q(status=Evaluation.Status.PUBLISHED),
                           Q(project__isnull=True) | Q(project__is_public=True))


class Evaluation(models.Model):
    """An evaluation of a plan, project or policy against the OECD DAC criteria."""

    class Kind(models.TextChoices):
        ANNUAL = "annual", _("annual")
        INTERIM = "interim", _("interim")
        EX_POST = "ex_post", _("ex-post")
        AD_HOC = "ad_hoc", _("ad hoc")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="evaluations",
                                     verbose_name=_("municipality"))
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.ANNUAL)
    year = models.PositiveSmallIntegerField(_("year evaluated"),
                                            validators=[MinValueValidator(1990), MaxValueValidator(2100)])
    plan = models.ForeignKey(Plan, on_delete=models.SET_NULL, null=True, blank=True, related_name="evaluations",
                             verbose_name=_("plan"))
    project = models.ForeignKey(Project, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="evaluations", verbose_name=_("project"))
    policy = models.CharField(_("policy"), max_length=200, blank=True)
    evaluator = models.CharField(_("evaluator"), max_length=200, blank=True,
                                 help_text=_("Who carried out the evaluation (internal team, external expert)."))
    questions = models.TextField(_("evaluation questions"), blank=True, help_text=_("Markdown is allowed."))
    findings = models.TextField(_("findings"), blank=True, help_text=_("Markdown is allowed."))
    conclusions = models.TextField(_("conclusions"), blank=True, help_text=_("Markdown is allowed."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    objects = EvaluationQuerySet.as_manager()

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["-year", "-pk"]

    def __str__(self) -> str:
        return self.title


class CriterionScore(models.Model):
    class Criterion(models.TextChoices):
        RELEVANCE = "relevance", _("relevance")
        COHERENCE = "coherence", _("coherence")
        EFFECTIVENESS = "effectiveness", _("effectiveness")
        EFFICIENCY = "efficiency", _("efficiency")
        IMPACT = "impact", _("impact")
        SUSTAINABILITY = "sustainability", _("sustainability")

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="scores",
                                   verbose_name=_("evaluation"))
    criterion = models.CharField(_("criterion"), max_length=16, choices=Criterion.choices)
    score = models.PositiveSmallIntegerField(_("score (1–5)"), validators=[MinValueValidator(1),
                                                                         MaxValueValidator(5)])
    evidence = models.TextField(_("evidence"), blank=True)

    class Meta:
        verbose_name = _("criterion score")
        verbose_name_plural = _("criterion scores")
        constraints = [models.UniqueConstraint(fields=["evaluation", "criterion"], name="score_unique_criterion")]

    def __str__(self) -> str:
        return f"{self.get_criterion_display()}: {self.score}"


class Recommendation(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("not started")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("implemented")
        REJECTED = "rejected", _("not accepted")

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="recommendations",
                                   verbose_name=_("evaluation"))
    text = models.TextField(_("recommendation"))
    owner = models.CharField(_("owner"), max_length=200, help_text=_("The unit or person responsible."))
    deadline = models.DateField(_("deadline"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    response = models.TextField(_("follow-up"), blank=True, help_text=_("What has been done about it."))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["deadline", "pk"]

    def __str__(self) -> str:
        return self.text[:80]
