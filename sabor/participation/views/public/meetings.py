"""Public pages of processes and meetings: timeline, forums, registration, the
calendar file, and statistics of who took part."""

from __future__ import annotations

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sabor.core import ratelimit
from sabor.core.bar_charts import BarSeries, bar_chart
from sabor.core.decorators import municipality_required
from sabor.core.forms import add_service_errors
from sabor.participation import ical, pages, selectors
from sabor.participation.forms import RegisterForm
from sabor.participation.models import Meeting, Registration
from sabor.participation.services import registrations


def _processes(request):
    return request.municipality.processes.filter(is_public=True)


def _meetings(request):
    return selectors.public_meetings(request.municipality).select_related("settlement", "process")


def attendance_chart(stats: selectors.Attendance) -> dict:
    return bar_chart([(label, [count]) for label, count in stats.by_group], [BarSeries(_("participants"), "done")])


@municipality_required
def process_list(request):
    return render(request, "participation/process_list.html", {"processes": _processes(request)})


@municipality_required
@pages.cached(timeout=300)  # the current phase and the idea call follow the calendar
def process_detail(request, slug: str):
    process = get_object_or_404(_processes(request).select_related("plan"), slug=slug)
    meetings = _meetings(request).filter(process=process).order_by("starts_at")
    stats = selectors.attendance(Registration.objects.filter(meeting__in=meetings))
    ideas = selectors.visible_ideas(request.municipality).filter(process=process)
    return render(request, "participation/process_detail.html", {
        "process": process, "phases": process.phases.all(), "today": timezone.localdate(), "meetings": meetings,
        "held": sum(1 for m in meetings if m.has_ended and not m.is_cancelled), "stats": stats,
        "chart": attendance_chart(stats), "idea_count": ideas.count(),
        "top_ideas": ideas.select_related("settlement").order_by("-supports_count", "-created_at")[:5],
        "results_ideas": ideas.filter(status__in=["prioritised", "in_plan"]).select_related("project")})


@municipality_required
def meeting_list(request):
    now = timezone.now()
    meetings = _meetings(request)
    return render(request, "participation/meeting_list.html", {
        "upcoming": meetings.filter(ends_at__gt=now).order_by("starts_at"),
        "past": meetings.filter(ends_at__lte=now).order_by("-starts_at")[:50]})


@municipality_required
@pages.cached(timeout=60)  # registration opens and closes with the clock
def meeting_detail(request, pk: int):
    meeting = get_object_or_404(_meetings(request), pk=pk)
    mine = meeting.registrations.filter(user=request.user).first() if request.user.is_authenticated else None
    # A cancelled registration is said to be cancelled, and its holder may register again.
    cancelled = mine is not None and mine.status == Registration.Status.CANCELLED
    own = None if cancelled else mine
    form = RegisterForm(user=request.user, municipality=request.municipality) \
        if rules.has_perm("participation.register_for_meeting", request.user, meeting) else None
    stats = selectors.attendance(meeting.registrations.all())
    return render(request, "participation/meeting_detail.html", {
        "meeting": meeting, "own": own, "cancelled": cancelled, "form": form, "stats": stats,
        "can_cancel": own is not None and rules.has_perm("participation.cancel_registration", request.user, own),
        "chart": attendance_chart(stats),
        "places_left": None if meeting.capacity is None else max(meeting.capacity - stats.registered, 0),
        "attachments": meeting.attachments.all(), "ideas": meeting.ideas.filter(is_hidden=False),
        "groups": [label for value, label in Registration._meta.get_field("stakeholder_group").choices
                   if value in (meeting.invited_groups or [])]})


@municipality_required
def meeting_calendar(request, pk: int):
    meeting = get_object_or_404(_meetings(request), pk=pk)
    url = request.build_absolute_uri(meeting_url(meeting))
    response = HttpResponse(ical.meeting_calendar(meeting, url, request.get_host().split(":")[0]),
                            content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


def meeting_url(meeting: Meeting) -> str:
    return reverse("participation:meeting_detail", args=[meeting.pk])


@municipality_required
@login_required
@require_POST
def register(request, pk: int):
    meeting = get_object_or_404(_meetings(request), pk=pk)
    form = RegisterForm(request.POST, user=request.user, municipality=request.municipality)
    if not ratelimit.allow("registration", request.user.pk):
        messages.error(request, _("Too many registrations in a short time. Please try again later."))
        return redirect("participation:meeting_detail", pk=pk)
    if form.is_valid():
        try:
            registration = registrations.register(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("You are registered.") if registration.status == "registered" else
                             _("The meeting is full: you are on the waiting list and will be told if a place "
                               "frees up."))
            return redirect("participation:meeting_detail", pk=pk)
    messages.error(request, " ".join(form.non_field_errors()) or _("Please correct the errors below."))
    return render(request, "participation/register_error.html", {"meeting": meeting, "form": form}, status=400)


@municipality_required
@login_required
@require_POST
def cancel_registration(request, pk: int):
    meeting = get_object_or_404(_meetings(request), pk=pk)
    registration = get_object_or_404(meeting.registrations, user=request.user)
    try:
        registrations.cancel(actor=request.user, registration=registration)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return render(request, "participation/register_error.html", {"meeting": meeting, "form": None},
                      status=400)
    messages.success(request, _("Your registration has been cancelled."))
    return redirect("participation:meeting_detail", pk=pk)
