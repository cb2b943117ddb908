"""Back office of training: a programme from its plan (curriculum, targets, materials,
sessions) through its trainees (enrolment, attendance, tests) to certificates."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from sabor.core.decorators import office_view
from sabor.core.exports import FORMATS, export_response
from sabor.core.forms import add_service_errors
from sabor.core.http import create_from_form, parse_id, posted_id, submitted
from sabor.core.system_libraries import pdf_response
from sabor.training import documents, selectors
from sabor.training.forms import (
    EnrolForm,
    FeedbackForm,
    MaterialForm,
    ModuleForm,
    ProgrammeForm,
    QuestionForm,
    SessionForm,
    StatusForm,
    TargetsForm,
    TestForm,
)
from sabor.training.models import TAKING_PART, Assessment, Enrolment, Module, Programme, Session
from sabor.training.services import assessments, attendance, completion, enrolments, feedback, programmes

MANAGE = "training.manage"


def _get_programme(request, pk: int) -> Programme:
    return get_object_or_404(request.municipality.training_programmes, pk=pk)


def _get_session(request, pk: int) -> Session:
    return get_object_or_404(Session.objects.filter(programme__municipality=request.municipality)
                             .select_related("programme"), pk=pk)


def _get_enrolment(request, pk: int) -> Enrolment:
    return get_object_or_404(Enrolment.objects.filter(programme__municipality=request.municipality)
                             .select_related("programme"), pk=pk)


def _failed(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


@office_view(MANAGE)
def programme_list(request):
    return create_from_form(
        request, ProgrammeForm(*submitted(request), municipality=request.municipality),
        lambda data: programmes.create_programme(actor=request.user, municipality=request.municipality, **data),
        success_message=_("The programme has been created; now add its curriculum and sessions."),
        redirect_to=lambda programme: reverse("office:programme", args=[programme.pk]),
        template="training/office/programmes.html",
        context={"programmes": request.municipality.training_programmes.all()})


@office_view(MANAGE)
def programme(request, pk: int):
    programme = _get_programme(request, pk)
    action = request.POST.get("action") if request.method == "POST" else None
    post = {name: (request.POST if action == name else None) for name in
            ("details", "module", "targets", "material", "session")}
    form = ProgrammeForm(post["details"], instance=programme, municipality=request.municipality)
    module_form = ModuleForm(post["module"], prefix="module")
    targets_form = TargetsForm(post["targets"], programme=programme, prefix="targets")
    material_form = MaterialForm(post["material"], request.FILES if action == "material" else None,
                                 prefix="material")
    session_form = SessionForm(post["session"], programme=programme, prefix="session")
    handlers = {
        "details": (form, lambda data: programmes.update_programme(actor=request.user, programme=programme,
                                                                   **data)),
        "module": (module_form, lambda data: programmes.add_module(actor=request.user, programme=programme,
                                                                   **data)),
        "targets": (targets_form, lambda data: [programmes.set_target(
            actor=request.user, programme=programme, stakeholder_group=group, target=value)
            for group, value in data.items()]),
        "material": (material_form, lambda data: programmes.add_material(actor=request.user, programme=programme,
                                                                         **data)),
        "session": (session_form, lambda data: programmes.add_session(actor=request.user, programme=programme,
                                                                      **data)),
    }
    if action in handlers:
        bound, handle = handlers[action]
        if bound.is_valid():
            try:
                handle(bound.cleaned_data)
            except ValidationError as error:
                add_service_errors(bound, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("office:programme", pk=pk)
    elif action == "remove_module":
        module = get_object_or_404(Module.objects.filter(programme=programme), pk=posted_id(request, "module"))
        programmes.remove_module(actor=request.user, module=module)
        messages.success(request, _("The module has been removed."))
        return redirect("office:programme", pk=pk)
    elif action is not None:
        raise Http404
    programme.refresh_from_db()
    return render(request, "training/office/programme.html", {
        "programme": programme, "form": form, "module_form": module_form, "targets_form": targets_form,
        "material_form": material_form, "session_form": session_form, "modules": programme.modules.all(),
        "materials": programme.materials.all(), "sessions": programme.sessions.prefetch_related("modules"),
        "total_hours": selectors.total_hours(programme), "results": selectors.targets_vs_results(programme)},
        status=400 if action else 200)


@office_view(MANAGE)
def trainees(request, pk: int):
    programme = _get_programme(request, pk)
    action = request.POST.get("action") if request.method == "POST" else None
    form = EnrolForm(request.POST if action == "enrol" else None, municipality=request.municipality,
                     prefix="enrol")
    feedback_form = FeedbackForm(request.POST if action == "feedback" else None, prefix="feedback")
    if action == "enrol" and form.is_valid():
        try:
            enrolments.enrol(actor=request.user, programme=programme, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The person has been enrolled."))
            return redirect("office:trainees", pk=pk)
    elif action == "complete":
        try:
            done = completion.complete(actor=request.user, programme=programme)
        except ValidationError as error:
            _failed(request, error)
        else:
            messages.success(request, ngettext(
                "%(count)s trainee completed the programme and received a certificate.",
                "%(count)s trainees completed the programme and received a certificate.", len(done))
                % {"count": len(done)} if done else _("Nobody else meets the completion rule yet."))
            return redirect("office:trainees", pk=pk)
    elif action == "feedback":
        paper = programme.enrolments.filter(status__in=TAKING_PART, feedback__isnull=True)
        enrolment = paper.filter(pk=posted_id(request, "enrolment")).first()
        if enrolment is None:
            feedback_form.add_error(None, _("Choose whose evaluation form this is."))
        elif feedback_form.is_valid():
            try:
                feedback.give_feedback(actor=request.user, enrolment=enrolment, on_paper=True,
                                       **feedback_form.cleaned_data)
            except ValidationError as error:
                add_service_errors(feedback_form, error)
            else:
                messages.success(request, _("The evaluation form has been recorded."))
                return redirect("office:trainees", pk=pk)
    elif action is not None and action != "enrol":
        raise Http404
    rows = selectors.trainee_progress(programme, programme.enrolments.order_by("status", "name", "pk"))
    return render(request, "training/office/trainees.html", {
        "programme": programme, "form": form, "rows": rows, "total_hours": selectors.total_hours(programme),
        "results": selectors.targets_vs_results(programme),
        "eligible": sum(1 for row in rows if row.enrolment.status == Enrolment.Status.ENROLLED and row.meets_rule),
        "learning": selectors.learning(programme), "feedback_form": feedback_form,
        "without_feedback": [row.enrolment for row in rows if row.enrolment.status in TAKING_PART
                             and not hasattr(row.enrolment, "feedback")]},
        status=400 if action else 200)


@office_view(MANAGE)
@require_POST
def enrolment_status(request, pk: int):
    enrolment = _get_enrolment(request, pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what to do with the enrolment."))
        return redirect("office:trainees", pk=enrolment.programme_id)
    try:
        enrolments.set_status(actor=request.user, enrolment=enrolment, status=form.cleaned_data["status"])
    except ValidationError as error:
        _failed(request, error)
    else:
        messages.success(request, _("The enrolment of %(name)s is now: %(status)s.")
                         % {"name": enrolment.name, "status": Enrolment.Status(form.cleaned_data["status"]).label})
    return redirect("office:trainees", pk=enrolment.programme_id)


@office_view(MANAGE)
def participants_export(request, pk: int, fmt: str):
    programme = _get_programme(request, pk)
    if fmt not in FORMATS:
        raise Http404
    return export_response(documents.ParticipantsExport(programme), fmt)


@office_view(MANAGE)
def session(request, pk: int):
    item = _get_session(request, pk)
    programme = item.programme
    action = request.POST.get("action") if request.method == "POST" else None
    form = SessionForm(request.POST if action == "details" else None, instance=item, programme=programme)
    people = programme.enrolments.filter(status__in=TAKING_PART).select_related("organisation")
    if action == "details" and form.is_valid():
        data = dict(form.cleaned_data)
        modules = data.pop("modules")
        item.refresh_from_db()
        try:
            programmes.update_session(actor=request.user, session=item, modules=modules, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("office:session", pk=pk)
    elif action == "attendance":
        try:
            # Every value must be an id: one that is not (0) makes the whole list unreadable
            # rather than quietly leaving someone out.
            present = {parse_id(value) for value in request.POST.getlist("present")}
            if 0 in present:
                raise ValueError
            count = attendance.record_attendance(actor=request.user, session=item, present=present)
        except ValueError:
            messages.error(request, _("The list of people present could not be read."))
        except ValidationError as error:
            _failed(request, error)
        else:
            messages.success(request, ngettext("Attendance saved: %(count)s present.",
                                               "Attendance saved: %(count)s present.", count) % {"count": count})
            return redirect("office:session", pk=pk)
    elif action is not None:
        raise Http404
    present = set(item.attendance.values_list("enrolment_id", flat=True))
    return render(request, "training/office/session.html", {
        "session": item, "programme": programme, "form": form,
        "people": [(person, person.pk in present) for person in people]}, status=400 if action else 200)


@office_view(MANAGE)
def attendance_sheet(request, pk: int):
    item = _get_session(request, pk)
    return pdf_response(request, lambda: documents.attendance_sheet_pdf(item),
                        f"attendance-{item.starts_at:%Y-%m-%d}.pdf")


@office_view(MANAGE)
def test(request, pk: int, kind: str):
    programme = _get_programme(request, pk)
    if kind not in Assessment.Kind.values:
        raise Http404
    assessment = assessments.assessment_of(programme, kind)
    action = request.POST.get("action") if request.method == "POST" else None
    question_form = QuestionForm(request.POST if action == "question" else None, prefix="question")
    paper_enrolment = None
    if request.method == "POST" and request.POST.get("enrolment"):
        paper_enrolment = get_object_or_404(programme.enrolments.filter(status__in=TAKING_PART),
                                            pk=posted_id(request, "enrolment"))
    paper_form = TestForm(request.POST if action == "paper" else None, assessment=assessment, prefix="paper")
    try:
        if action == "question" and question_form.is_valid():
            assessments.add_question(actor=request.user, assessment=assessment,
                                     text=question_form.cleaned_data["text"], choices=question_form.answers(),
                                     correct=question_form.cleaned_data["correct"])
            return _saved(request, "office:test", pk=pk, kind=kind)
        if action == "remove_question":
            question = get_object_or_404(assessment.questions, pk=posted_id(request, "question"))
            assessments.remove_question(actor=request.user, question=question)
            return _saved(request, "office:test", pk=pk, kind=kind)
        if action in ("open", "close"):
            assessments.set_open(actor=request.user, assessment=assessment, is_open=action == "open")
            return _saved(request, "office:test", pk=pk, kind=kind)
        if action == "paper" and paper_enrolment is None:
            messages.error(request, _("Choose whose test this is."))
        elif action == "paper" and paper_form.is_valid():
            attempt = assessments.hand_in(actor=request.user, enrolment=paper_enrolment, assessment=assessment,
                                          answers=paper_form.answers(), on_paper=True)
            messages.success(request, _("Test of %(name)s recorded: %(score)s of %(total)s.")
                             % {"name": paper_enrolment.name, "score": attempt.score, "total": attempt.max_score})
            return redirect("office:test", pk=pk, kind=kind)
    except ValidationError as error:
        _failed(request, error)
    if action is not None and action not in ("question", "remove_question", "open", "close", "paper"):
        raise Http404
    taken = set(assessment.attempts.values_list("enrolment_id", flat=True))
    return render(request, "training/office/test.html", {
        "programme": programme, "assessment": assessment, "question_form": question_form,
        "paper_form": paper_form, "questions": assessment.questions.prefetch_related("choices"),
        "attempts": assessment.attempts.select_related("enrolment").order_by("enrolment__name"),
        "to_record": programme.enrolments.filter(status__in=TAKING_PART).exclude(pk__in=taken)},
        status=400 if action else 200)


def _saved(request, name: str, **kwargs):
    messages.success(request, _("Saved."))
    return redirect(name, **kwargs)
