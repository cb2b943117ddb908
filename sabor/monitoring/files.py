"""Who may fetch monitoring's stored files: the same rules as the pages they belong to."""

from __future__ import annotations

from sabor.core import files
from sabor.core.decorators import may_use_office
from sabor.monitoring.models import AnnualReport, Measurement


def _evidence(request, measurement: Measurement) -> bool:
    """A verified value of a public indicator is public, with its evidence; a draft, submitted or
    returned one is seen only in the back office, by those who enter and verify values."""
    if measurement.status == Measurement.Status.VERIFIED and request.municipality.indicators.public().filter(
            pk=measurement.indicator_id).exists():
        return True
    return may_use_office(request, "monitoring.enter_measurement")


def _report(request, report: AnnualReport) -> bool:
    """Whoever may read the report (published: everyone; before the council: councillors; drafts:
    staff with two-factor authentication) may fetch its documents."""
    return request.user.has_perm("monitoring.view_report", report)


def register() -> None:
    files.register(prefix="evidence", model=Measurement, field="evidence_file",
                   municipality="indicator__municipality", may_see=_evidence)
    for field in ("pdf", "docx"):
        files.register(prefix="reports", model=AnnualReport, field=field, municipality="municipality",
                       may_see=_report)
