"""Filters of pages about a plan, shared by the apps that show one."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sabor.core.filters import FilterForm
from sabor.planning.selectors import default_year


class YearFilter(FilterForm):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)

    def __init__(self, query, plan):
        super().__init__(query)
        self.fields["year"].choices = [(year, year) for year in range(plan.start_year, plan.end_year + 1)]
        # Without ?year= the page shows the plan's default year: the selector says so,
        # and "Filter" keeps it, rather than jumping to the first year of the list.
        self.fields["year"].initial = default_year(plan)

    @property
    def chosen_year(self) -> int:
        return self.values().get("year") or self.fields["year"].initial
