"""Back office of participation: processes and their phases, forums and meetings, the
check-in screen at the door, answering ideas, and the moderation queue."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from sabor.core.decorators import office_view
from sabor.core.forms import add_service_errors
from sabor.core.http import create_from_form, posted_id, submitted
from sabor.core.tables import read_table
from sabor.participation import selectors
from sabor.participation.forms import (
    AnswerForm,
    AttachmentForm,
    DecisionForm,
    MeetingForm,
    PhaseForm,
    ProcessForm,
    RecordIdeaForm,
    SignInListForm,
    WalkInForm,
)
from sabor.participation.models import Comment, Idea, Meeting, Phase, Registration, Report
from sabor.participation.services import ideas, moderation, processes, registrations, signin

MANAGE = "participation.manage"
SIGNIN_SESSION_KEY = "sabor:signin-list"


def _saved(request, name: str, **kwargs):
    messages.success(request, _("Saved."))
    return redirect(name, **kwargs)


@office_view(MANAGE)
def process_list(request):
    return create_from_form(
        request, ProcessForm(*submitted(request), municipality=request.municipality),
        lambda data: processes.create_process(actor=request.user, municipality=request.municipality, **data),
        success_message=_("Saved."), redirect_to=lambda item: reverse("office:process", args=[item.pk]),
        template="participation/office/processes.html", context={"processes": request.municipality.processes.all()})


@office_view(MANAGE)
def process(request, pk: int):
    item = get_object_or_404(request.municipality.processes, pk=pk)
    action = request.POST.get("action") if request.method == "POST" else None
    form = ProcessForm(request.POST if action == "details" else None, instance=item,
                       municipality=request.municipality)
    phase_form = PhaseForm(request.POST if action == "phase" else None, prefix="phase")
    try:
        if action == "details" and form.is_valid():
            item.refresh_from_db()
            processes.update_process(actor=request.user, process=item, **form.cleaned_data)
            return _saved(request, "office:process", pk=pk)
        if action == "phase" and phase_form.is_valid():
            processes.add_phase(actor=request.user, process=item, **phase_form.cleaned_data)
            return _saved(request, "office:process", pk=pk)
        if action == "remove_phase":
            phase = get_object_or_404(Phase.objects.filter(process=item), pk=posted_id(request, "phase"))
            processes.remove_phase(actor=request.user, phase=phase)
            return _saved(request, "office:process", pk=pk)
    except ValidationError as error:
        add_service_errors(phase_form if action == "phase" else form, error)
    if action not in (None, "details", "phase", "remove_phase"):
        raise Http404
    return render(request, "participation/office/process.html", {
        "process": item, "form": form, "phase_form": phase_form, "phases": item.phases.all(),
        "meetings": item.meetings.all()}, status=400 if action else 200)


@office_view(MANAGE)
def meeting_list(request):
    return create_from_form(
        request, MeetingForm(*submitted(request), municipality=request.municipality),
        lambda data: processes.create_meeting(actor=request.user, municipality=request.municipality, **data),
        success_message=_("Saved."), redirect_to=lambda item: reverse("office:meeting", args=[item.pk]),
        template="participation/office/meetings.html",
        context={"meetings": request.municipality.meetings.select_related("settlement")})


def _get_meeting(request, pk: int) -> Meeting:
    return get_object_or_404(request.municipality.meetings.select_related("settlement", "process"), pk=pk)


@office_view(MANAGE)
def meeting(request, pk: int):
    item = _get_meeting(request, pk)
    action = request.POST.get("action") if request.method == "POST" else None
    form = MeetingForm(request.POST if action == "details" else None, instance=item,
                       municipality=request.municipality)
    attachment_form = AttachmentForm(request.POST if action == "attachment" else None,
                                     request.FILES if action == "attachment" else None, prefix="file")
    record_form = RecordIdeaForm(request.POST if action == "idea" else None, municipality=request.municipality,
                                 prefix="idea")
    try:
        if action == "details" and form.is_valid():
            processes.update_meeting(actor=request.user, meeting=item, **form.cleaned_data)
            return _saved(request, "office:meeting", pk=pk)
        if action == "attachment" and attachment_form.is_valid():
            processes.add_attachment(actor=request.user, meeting=item, **attachment_form.cleaned_data)
            return _saved(request, "office:meeting", pk=pk)
        if action == "idea" and record_form.is_valid():
            ideas.record(actor=request.user, municipality=request.municipality, meeting=item,
                         process=item.process, **record_form.cleaned_data)
            messages.success(request, _("The idea has been recorded and published."))
            return redirect("office:meeting", pk=pk)
    except ValidationError as error:
        add_service_errors({"details": form, "attachment": attachment_form, "idea": record_form}[action], error)
    if action not in (None, "details", "attachment", "idea"):
        raise Http404
    stats = selectors.attendance(item.registrations.all())
    return render(request, "participation/office/meeting.html", {
        "meeting": item, "form": form, "attachment_form": attachment_form, "record_form": record_form,
        "stats": stats, "attachments": item.attachments.all(), "ideas": item.ideas.all()},
        status=400 if action else 200)


@office_view(MANAGE)
def check_in(request, pk: int):
    """The screen at the door: find a registrant, check them in, add a walk-in, import
    a paper sign-in list (preview first)."""
    item = _get_meeting(request, pk)
    action = request.POST.get("action") if request.method == "POST" else None
    walk_in_form = WalkInForm(request.POST if action == "walk_in" else None, municipality=request.municipality,
                              prefix="walk")
    list_form = SignInListForm(request.POST if action == "preview" else None,
                               request.FILES if action == "preview" else None, prefix="list")
    preview_rows, preview_errors, status = None, [], 200
    if action in ("in", "out"):
        registration = get_object_or_404(item.registrations, pk=posted_id(request, "registration"))
        registrations.check_in(actor=request.user, registration=registration, present=action == "in")
        messages.success(request, (_("%(name)s is checked in.") if action == "in" else
                                   _("Check-in of %(name)s undone.")) % {"name": registration.name})
        return redirect(f"{request.path}?{urlencode({'q': request.POST.get('q', '')})}")
    if action == "walk_in":
        if walk_in_form.is_valid():
            try:
                registrations.walk_in(actor=request.user, meeting=item, **walk_in_form.cleaned_data)
            except ValidationError as error:
                add_service_errors(walk_in_form, error)
            else:
                messages.success(request, _("%(name)s has been added and checked in.")
                                 % {"name": walk_in_form.cleaned_data["name"]})
                return redirect("office:check_in", pk=pk)
        status = 400
    if action == "preview":
        if list_form.is_valid():
            try:
                table = read_table(list_form.cleaned_data["file"])
            except ValidationError as error:
                list_form.add_error("file", error)
            else:
                preview_rows, preview_errors = signin.preview(meeting=item, table=table)
                if preview_errors or any(row.errors for row in preview_rows):
                    request.session.pop(SIGNIN_SESSION_KEY, None)
                    status = 400
                else:
                    request.session[SIGNIN_SESSION_KEY] = {"meeting": item.pk,
                                                           "rows": [row.values for row in preview_rows]}
        if list_form.errors:
            status = 400
    if action == "confirm":
        pending = request.session.get(SIGNIN_SESSION_KEY)
        if not pending or pending.get("meeting") != item.pk:
            messages.error(request, _("There is nothing to import; upload the list again."))
            return redirect("office:check_in", pk=pk)
        try:
            count = signin.apply(actor=request.user, meeting=item, rows=pending["rows"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("office:check_in", pk=pk)
        del request.session[SIGNIN_SESSION_KEY]
        messages.success(request, ngettext("The sign-in list has been imported: %(count)s person.",
                                           "The sign-in list has been imported: %(count)s people.", count)
                         % {"count": count})
        return redirect("office:check_in", pk=pk)
    if action not in (None, "walk_in", "preview", "confirm"):
        raise Http404
    query = request.GET.get("q", "").replace("\x00", "").strip()[:100]  # PostgreSQL refuses NUL in text
    people = item.registrations.exclude(status=Registration.Status.CANCELLED).select_related("settlement",
                                                                                               "organisation")
    if query:
        people = people.filter(Q(name__icontains=query) | Q(email__icontains=query))
    return render(request, "participation/office/check_in.html", {
        "meeting": item, "people": people.order_by("name", "pk")[:200], "query": query,
        "stats": selectors.attendance(item.registrations.all()), "walk_in_form": walk_in_form,
        "list_form": list_form, "preview_rows": preview_rows, "preview_errors": preview_errors,
        "can_confirm": bool(preview_rows) and status == 200}, status=status)


@office_view(MANAGE)
def idea_list(request):
    items = request.municipality.ideas.select_related("settlement").order_by("status", "-created_at")
    status = request.GET.get("status", "")
    if status in Idea.Status.values:
        items = items.filter(status=status)
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    return render(request, "participation/office/ideas.html", {"page": page, "status": status,
                                                                "statuses": Idea.Status.choices})


@office_view(MANAGE)
def idea_answer(request, pk: int):
    idea = get_object_or_404(request.municipality.ideas, pk=pk)
    form = AnswerForm(*submitted(request), idea=idea, initial={"status": idea.status, "answer": idea.answer,
                                                               "merged_into": idea.merged_into_id,
                                                               "project": idea.project_id})
    if request.method == "POST" and form.is_valid():
        try:
            ideas.answer(actor=request.user, idea=idea, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The answer has been published and the idea's followers told."))
            return redirect("office:ideas")
    return render(request, "participation/office/idea_answer.html", {"idea": idea, "form": form},
                  status=400 if form.errors else 200)


@office_view("participation.moderate")
def moderation_queue(request):
    reports = (Report.objects.filter(municipality=request.municipality, status=Report.Status.OPEN)
               .select_related("idea", "comment__idea", "comment__author", "reporter"))
    hidden_ideas = request.municipality.ideas.filter(is_hidden=True)
    hidden_comments = (Comment.objects.filter(idea__municipality=request.municipality, is_hidden=True)
                       .select_related("idea"))
    return render(request, "participation/office/moderation.html", {
        "reports": reports, "hidden_ideas": hidden_ideas, "hidden_comments": hidden_comments,
        "form": DecisionForm()})


@office_view("participation.moderate")
@require_POST
def moderation_decide(request, pk: int):
    report = get_object_or_404(Report.objects.filter(municipality=request.municipality), pk=pk)
    form = DecisionForm(request.POST)
    form.is_valid()
    try:
        moderation.decide(actor=request.user, report=report, hide=request.POST.get("decision") == "hide",
                          reason=form.cleaned_data.get("reason", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return render(request, "participation/office/moderation_error.html", status=400)
    messages.success(request, _("Decided."))
    return redirect("office:moderation")


@office_view("participation.moderate")
@require_POST
def moderation_restore(request, pk: int):
    kind = request.POST.get("kind")
    form = DecisionForm(request.POST)
    form.is_valid()
    try:
        if kind == "comment":
            target = get_object_or_404(Comment.objects.filter(idea__municipality=request.municipality),
                                       pk=pk)
            moderation.restore(actor=request.user, comment=target, reason=form.cleaned_data.get("reason", ""))
        else:
            target = get_object_or_404(request.municipality.ideas, pk=pk)
            moderation.restore(actor=request.user, idea=target, reason=form.cleaned_data.get("reason", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return render(request, "participation/office/moderation_error.html", status=400)
    messages.success(request, _("Restored."))
    return redirect("office:moderation")
