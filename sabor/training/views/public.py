"""Public training pages: programmes with their targets and results, applying, a
trainee's own page (tests, feedback, certificates, the role offered), and the
verification of a certificate's code."""

from __future__ import annotations

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sabor.core.bar_charts import BarSeries, bar_chart
from sabor.core.decorators import municipality_required
from sabor.core.forms import add_service_errors
from sabor.core.http import submitted
from sabor.core.system_libraries import pdf_response
from sabor.training import documents, selectors
from sabor.training import rules as training_rules
from sabor.training.forms import ApplyForm, FeedbackForm, TestForm, VerifyForm
from sabor.training.models import HOLDING_PLACE, TAKING_PART, Assessment, Certificate, Enrolment
from sabor.training.services import assessments, completion, enrolments
from sabor.training.services import feedback as feedback_service


def _public(request):
    return selectors.public_programmes(request.municipality)


@municipality_required
def programme_list(request):
    programmes = _public(request).annotate(
        planned=Sum("targets__target", distinct=True),
        enrolled=Count("enrolments", filter=Q(enrolments__status__in=TAKING_PART), distinct=True),
        trained=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.COMPLETED), distinct=True))
    return render(request, "training/programme_list.html", {"programmes": programmes})


def results_chart(rows) -> dict:
    return bar_chart([(row.label, [row.target, row.enrolled, row.trained]) for row in rows],
                     [BarSeries(_("planned"), "planned"), BarSeries(_("enrolled"), "enrolled"),
                      BarSeries(_("trained"), "done")])


def feedback_chart(rows) -> dict:
    return bar_chart([(row.label, [row.average]) for row in rows], [BarSeries(_("average rating (1–5)"), "done")],
                     maximum=5)


@municipality_required
def programme_detail(request, pk: int):
    programme = get_object_or_404(_public(request).select_related("project"), pk=pk)
    results = selectors.targets_vs_results(programme)
    responses, feedback_rows, comments = selectors.feedback_summary(programme)
    own = programme.enrolments.filter(user=request.user).first() if request.user.is_authenticated else None
    apply_form = None
    if rules.has_perm("training.apply", request.user, programme):
        apply_form = ApplyForm(user=request.user, municipality=request.municipality)
    return render(request, "training/programme_detail.html", {
        "programme": programme, "modules": programme.modules.all(),
        "curriculum_hours": programme.modules.aggregate(total=Sum("hours"))["total"],
        "sessions": programme.sessions.prefetch_related("modules"), "materials": programme.materials.all(),
        "results": results, "total": selectors.totals(results), "results_chart": results_chart(results),
        "learning": selectors.learning(programme), "responses": responses, "feedback_rows": feedback_rows,
        "feedback_chart": feedback_chart(feedback_rows), "comments": comments, "own": own,
        "apply_form": apply_form, "can_apply": training_rules.applications_open(request.user, programme),
        "places_left": None if programme.capacity is None else max(
            programme.capacity - programme.enrolments.filter(status__in=HOLDING_PLACE).count(), 0)})


@municipality_required
@login_required
@require_POST
def apply(request, pk: int):
    programme = get_object_or_404(_public(request), pk=pk)
    form = ApplyForm(request.POST, user=request.user, municipality=request.municipality)
    if form.is_valid():
        try:
            enrolments.apply(actor=request.user, programme=programme, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your application has been received. You will find it under "
                                        "“My training”."))
            return redirect("training:programme_detail", pk=pk)
    messages.error(request, " ".join(form.non_field_errors()) or _("Please correct the errors below."))
    return render(request, "training/apply_error.html", {"programme": programme, "form": form}, status=400)


def _own(request, pk: int) -> Enrolment:
    return get_object_or_404(Enrolment.objects.filter(programme__municipality=request.municipality,
                                                      user=request.user).select_related("programme"), pk=pk)


@municipality_required
@login_required
def mine(request):
    items = (Enrolment.objects.filter(programme__municipality=request.municipality, user=request.user)
             .select_related("programme", "certificate", "feedback").order_by("-enrolled_on", "-pk"))
    open_tests = {}
    for assessment in Assessment.objects.filter(programme__in=[e.programme_id for e in items], is_open=True) \
            .exclude(attempts__enrolment__user=request.user):
        open_tests.setdefault(assessment.programme_id, []).append(assessment)
    return render(request, "training/mine.html", {"items": [
        (item, open_tests.get(item.programme_id, []) if item.status in TAKING_PART else [],
         getattr(item, "feedback", None), _may(request.user, item)) for item in items]})


def _may(user, enrolment: Enrolment) -> dict[str, bool]:
    """What the person may do with their enrolment, by the rules the services apply."""
    return {action: rules.has_perm(f"training.{action}", user, enrolment)
            for action in ("withdraw", "answer_role_offer", "give_feedback")}


@municipality_required
@login_required
def take_test(request, pk: int, kind: str):
    enrolment = _own(request, pk)
    assessment = get_object_or_404(Assessment.objects.filter(programme=enrolment.programme, is_open=True), kind=kind)
    if not training_rules.test_not_taken(request.user, assessment):
        messages.info(request, _("You have already taken this test."))
        return redirect("training:mine")
    form = TestForm(*submitted(request), assessment=assessment)
    if request.method == "POST" and form.is_valid():
        try:
            attempt = assessments.hand_in(actor=request.user, enrolment=enrolment, assessment=assessment,
                                          answers=form.answers())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Test handed in: %(score)s of %(total)s answers right.")
                             % {"score": attempt.score, "total": attempt.max_score})
            return redirect("training:mine")
    return render(request, "training/test.html", {"enrolment": enrolment, "assessment": assessment, "form": form},
                  status=400 if form.errors else 200)


@municipality_required
@login_required
def feedback(request, pk: int):
    enrolment = _own(request, pk)
    form = FeedbackForm(*submitted(request))
    if request.method == "POST" and form.is_valid():
        try:
            feedback_service.give_feedback(actor=request.user, enrolment=enrolment, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you for your evaluation."))
            return redirect("training:mine")
    return render(request, "training/feedback.html", {"enrolment": enrolment, "form": form},
                  status=400 if form.errors else 200)


def _act(request, pk: int, action, success: str):
    enrolment = _own(request, pk)
    try:
        action(enrolment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return render(request, "training/action_error.html", {"enrolment": enrolment}, status=400)
    messages.success(request, success)
    return redirect("training:mine")


@municipality_required
@login_required
@require_POST
def withdraw(request, pk: int):
    return _act(request, pk, lambda enrolment: enrolments.withdraw(actor=request.user, enrolment=enrolment),
                _("You have given up your place."))


@municipality_required
@login_required
@require_POST
def answer_role_offer(request, pk: int):
    accept = request.POST.get("answer") == "accept"
    return _act(request, pk, lambda enrolment: completion.answer_role_offer(actor=request.user, enrolment=enrolment,
                                                                            accept=accept),
                _("You are now a civic monitor.") if accept else _("The offer has been declined."))


@municipality_required
@login_required
def certificate_pdf(request, pk: int):
    """The certificate as PDF, for its holder and for the staff who run trainings."""
    queryset = Enrolment.objects.filter(programme__municipality=request.municipality)
    if not request.user.has_perm("training.manage", request.municipality):
        queryset = queryset.filter(user=request.user)
    enrolment = get_object_or_404(queryset.select_related("programme__municipality"), pk=pk)
    certificate = getattr(enrolment, "certificate", None)
    if certificate is None:
        raise Http404(_("No certificate has been issued for this enrolment."))
    verify_url = request.build_absolute_uri(reverse("training:verify") + f"?code={certificate.code}")
    return pdf_response(request, lambda: documents.certificate_pdf(certificate, verify_url),
                        f"certificate-{certificate.code}.pdf")


@municipality_required
def verify(request):
    """Shows what the certificate shows (holder, programme, hours, date) and nothing more."""
    form = VerifyForm(request.GET if "code" in request.GET else None)
    certificate = None
    status = 200
    if form.is_bound and not form.is_valid():
        status = 400
    elif form.is_bound:
        certificate = (Certificate.objects.filter(enrolment__programme__municipality=request.municipality,
                                                  code=form.cleaned_data["code"])
                       .select_related("enrolment__programme").first())
        status = 200 if certificate else 404
    return render(request, "training/verify.html", {"form": form, "certificate": certificate}, status=status)
