"""Annual reports in the back office: preparing, generating, approving and publishing."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sabor.core.decorators import office_view
from sabor.core.http import submitted
from sabor.monitoring.forms import ApprovalForm, NarrativeForm, NewReportForm
from sabor.monitoring.models import AnnualReport
from sabor.monitoring.services import reports


@office_view("monitoring.manage_report")
def office_reports(request):
    form = NewReportForm(*submitted(request), municipality=request.municipality)
    if request.method == "POST" and form.is_valid():
        try:
            report = reports.create_report(actor=request.user, plan=form.cleaned_data["plan"],
                                           year=form.cleaned_data["year"])
        except ValidationError as error:
            form.add_error("year", error.messages)
        else:
            return redirect("office:report", pk=report.pk)
    return render(request, "monitoring/office/reports.html", {
        "reports": request.municipality.annual_reports.select_related("plan"), "form": form},
        status=400 if form.errors else 200)


STAGE_ACTIONS = {
    "submit": (reports.submit_to_council, gettext_lazy("The report has been submitted to the council.")),
    "return": (reports.return_to_draft, gettext_lazy("The report is a draft again.")),
    "publish": (reports.publish, gettext_lazy("The report has been published.")),
}


@office_view("monitoring.manage_report")
def office_report(request, pk: int):
    report = get_object_or_404(request.municipality.annual_reports.select_related("plan"), pk=pk)
    action = request.POST.get("action") if request.method == "POST" else None
    form = NarrativeForm(request.POST if action == "narrative" else None, instance=report)
    approval_form = ApprovalForm(request.POST if action == "approval" else None)
    try:
        if action == "narrative" and form.is_valid():
            report.refresh_from_db()
            reports.update_narrative(actor=request.user, report=report, **form.cleaned_data)
            messages.success(request, _("Saved."))
            return redirect("office:report", pk=pk)
        if action == "generate":
            reports.request_generation(actor=request.user, report=report)
            messages.success(request, _("The report is being generated; this page shows how far it has got."))
            return redirect("office:report", pk=pk)
        if action == "approval" and approval_form.is_valid():
            reports.record_approval(actor=request.user, report=report, **approval_form.cleaned_data)
            messages.success(request, _("The council's approval has been recorded."))
            return redirect("office:report", pk=pk)
        if action in STAGE_ACTIONS:
            service, done = STAGE_ACTIONS[action]
            service(actor=request.user, report=report)
            messages.success(request, done)
            return redirect("office:report", pk=pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return render(request, "monitoring/office/report.html", {
        "report": report, "form": form, "approval_form": approval_form, "stages": AnnualReport.Stage.choices,
        "may_edit": request.user.has_perm("monitoring.edit_report", report)},
        status=400 if action else 200)


@office_view("monitoring.manage_report")
def office_report_status(request, pk: int):
    report = get_object_or_404(request.municipality.annual_reports, pk=pk)
    return JsonResponse({"status": report.status, "label": report.get_status_display(),
                         "progress": report.progress})
