"""Annual reports on the public site: the list and the generated documents, for whoever may read them."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from sabor.core.decorators import municipality_required
from sabor.monitoring.models import AnnualReport


def _readable_reports(request):
    """The reports this person may read: published ones for everyone, and those before the
    council for councillors and staff (monitoring.view_report)."""
    everything = request.municipality.annual_reports.select_related("plan")
    if not request.user.is_authenticated:
        return list(everything.public())
    return [report for report in everything if request.user.has_perm("monitoring.view_report", report)]


@municipality_required
def report_list(request):
    return render(request, "monitoring/report_list.html", {"reports": _readable_reports(request)})


@municipality_required
def report_download(request, pk: int, fmt: str):
    """A generated report's document, through the municipality (works with any file storage),
    to whoever may read the report."""
    report = get_object_or_404(request.municipality.annual_reports.filter(status=AnnualReport.Status.READY)
                               .select_related("plan"), pk=pk)
    if fmt not in ("pdf", "docx") or not request.user.has_perm("monitoring.view_report", report):
        raise Http404  # not 403: that would confirm that an unpublished report exists
    document = report.pdf if fmt == "pdf" else report.docx
    return FileResponse(document.open("rb"), as_attachment=True,
                        filename=f"{report.plan.slug}-{report.year}.{fmt}")
