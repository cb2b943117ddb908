from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from sabor.core.exports import Exporter
from sabor.planning.selectors import with_budget


def _money(value) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"))


class ProjectsExport(Exporter):
    def __init__(self, municipality):
        self.municipality = municipality
        self.filename = f"{municipality.slug}-projects"
        self.sheet_title = _("Projects")

    def headers(self):
        return [_("Project"), _("Plan"), _("Measure"), _("Status"), _("Settlements"), _("Budget (BGN)"),
                _("Funding"), _("Spent (BGN)"), _("Progress (%)"), _("Contract"), _("Start"), _("End")]

    def rows(self):
        projects = with_budget(self.municipality.projects.public()).order_by("title")
        for project in projects:
            measure = project.measure
            yield [project.display_title, measure.plan.display_short_name if measure else "",
                   measure.code if measure else "", project.get_status_display(),
                   ", ".join(s.display_name for s in project.settlements.all()), _money(project.budget),
                   "; ".join(f"{line.get_source_display()}: {line.programme}" for line in project.funding.all()),
                   _money(project.spent), project.progress,
                   f"{project.contract_number} / {project.contract_date:%d.%m.%Y}" if project.contract_date else
                   project.contract_number, project.start_date, project.end_date]
