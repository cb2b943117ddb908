"""List filters read from the query string through forms, so that every value is
checked against an allow-list or a type; a bad value is reported (and the page
answers 400) instead of reaching the database."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sabor.core.audit import ACTIONS


class SearchInput(forms.TextInput):
    input_type = "search"


def search_field(label) -> forms.CharField:
    # CharField also refuses NUL characters, which PostgreSQL cannot store or compare.
    return forms.CharField(label=label, required=False, max_length=100, widget=SearchInput)


def choice_field(label, choices, all_label) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, required=False, choices=[("", all_label), *choices])


class FilterForm(forms.Form):
    def __init__(self, query):
        # An empty query string leaves the form unbound: no filters, no errors.
        super().__init__({key: query.get(key) for key in query if key in self.base_fields} or None,
                         auto_id="f-%s")

    def values(self) -> dict[str, Any]:
        """The filters that passed validation, without empty ones."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items()
                if name not in self.errors and value not in (None, "")}

    @property
    def messages(self) -> list[str]:
        if not self.is_bound or self.is_valid():
            return []
        return [f"{self.fields[name].label}: {' '.join(errors)}" if name in self.fields else " ".join(errors)
                for name, errors in self.errors.items()]


def filter_status(form: FilterForm) -> int:
    return 400 if form.messages else 200



class AuditFilter(FilterForm):
    action = choice_field(_("Action"), [], _("All actions"))
    actor = search_field(_("Who"))
    object = search_field(_("Object"))
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, query):
        super().__init__(query)
        self.fields["action"].choices = [("", _("All actions")), *sorted(
            ((code, str(label)) for code, label in ACTIONS.items()), key=lambda item: item[1])]
