"""Evaluations in the back office: writing, scoring, publishing, following up."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sabor.core.decorators import office_view
from sabor.core.http import submitted
from sabor.monitoring.forms import EvaluationForm, FollowUpForm, RecommendationForm, ScoresForm
from sabor.monitoring.models import Recommendation
from sabor.monitoring.services import evaluations


@office_view("monitoring.evaluate")
def office_evaluations(request):
    form = EvaluationForm(*submitted(request), municipality=request.municipality)
    if request.method == "POST" and form.is_valid():
        try:
            evaluation = evaluations.create_evaluation(actor=request.user, municipality=request.municipality,
                                                       **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The evaluation has been created as a draft."))
            return redirect("office:evaluation", pk=evaluation.pk)
    items = request.municipality.evaluations.all()
    return render(request, "monitoring/office/evaluations.html", {"evaluations": items, "form": form},
                  status=400 if form.errors else 200)


@office_view("monitoring.evaluate")
def office_evaluation(request, pk: int):
    evaluation = get_object_or_404(request.municipality.evaluations, pk=pk)
    action = request.POST.get("action") if request.method == "POST" else None
    form = EvaluationForm(request.POST if action == "details" else None, instance=evaluation,
                          municipality=request.municipality)
    initial = {f"{s.criterion}_score": s.score for s in evaluation.scores.all()} | {
        f"{s.criterion}_evidence": s.evidence for s in evaluation.scores.all()}
    scores_form = ScoresForm(request.POST if action == "scores" else None, initial=initial)
    recommendation_form = RecommendationForm(request.POST if action == "recommendation" else None,
                                             prefix="rec")
    try:
        if action == "details" and form.is_valid():
            evaluation.refresh_from_db()
            evaluations.update_evaluation(actor=request.user, evaluation=evaluation, **form.cleaned_data)
            return _saved(request, evaluation)
        if action == "scores" and scores_form.is_valid():
            evaluations.set_scores(actor=request.user, evaluation=evaluation, scores=scores_form.scores())
            return _saved(request, evaluation)
        if action == "recommendation" and recommendation_form.is_valid():
            evaluations.add_recommendation(actor=request.user, evaluation=evaluation,
                                           **recommendation_form.cleaned_data)
            return _saved(request, evaluation)
        if action == "publish":
            evaluations.publish(actor=request.user, evaluation=evaluation)
            messages.success(request, _("The evaluation has been published."))
            return redirect("office:evaluation", pk=evaluation.pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    status = 400 if action else 200
    return render(request, "monitoring/office/evaluation.html", {
        "evaluation": evaluation, "form": form, "scores_form": scores_form,
        "recommendation_form": recommendation_form}, status=status)


def _saved(request, evaluation):
    messages.success(request, _("Saved."))
    return redirect("office:evaluation", pk=evaluation.pk)


@office_view("monitoring.follow_up")
def office_recommendations(request):
    items = (Recommendation.objects.filter(evaluation__municipality=request.municipality)
             .exclude(status__in=["done", "rejected"]).select_related("evaluation"))
    return render(request, "monitoring/office/recommendations.html", {
        "recommendations": [(item, FollowUpForm(instance=item, prefix=f"r{item.pk}")) for item in items],
        "today": timezone.localdate()})


@office_view("monitoring.follow_up")
@require_POST
def office_follow_up(request, pk: int):
    recommendation = get_object_or_404(
        Recommendation.objects.filter(evaluation__municipality=request.municipality), pk=pk)
    form = FollowUpForm(request.POST, instance=recommendation, prefix=f"r{pk}")
    if form.is_valid():
        data = form.cleaned_data
        recommendation.refresh_from_db()
        evaluations.follow_up(actor=request.user, recommendation=recommendation, status=data["status"],
                              response=data["response"])
        messages.success(request, _("The follow-up has been saved."))
        return redirect("office:recommendations")
    messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
    items = (Recommendation.objects.filter(evaluation__municipality=request.municipality)
             .exclude(status__in=["done", "rejected"]).select_related("evaluation"))
    return render(request, "monitoring/office/recommendations.html", {
        "recommendations": [(item, form if item.pk == pk else FollowUpForm(instance=item, prefix=f"r{item.pk}"))
                            for item in items], "today": timezone.localdate()}, status=400)
