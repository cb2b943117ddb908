from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sabor.core.forms import ModelIdsField, accept_local_decimals
from sabor.planning.models import Funding, Milestone, Plan, PlanNode, Project


class PlanForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["slug", "short_name", "short_name_en", "title", "title_en", "start_year", "end_year", "status",
                  "vision", "vision_en", "decision_number", "decision_date", "is_public"]
        widgets = {"vision": forms.Textarea(attrs={"rows": 4}), "vision_en": forms.Textarea(attrs={"rows": 4}),
                   "decision_date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        clash = Plan.objects.filter(municipality=self.instance.municipality, slug=slug).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("Another plan already uses this short name."), code="duplicate_slug")
        return slug


class NodeForm(forms.ModelForm):
    class Meta:
        model = PlanNode
        fields = ["title", "title_en", "description", "weight"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        accept_local_decimals(self, "weight")


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = ["title", "title_en", "measure", "description", "responsible_unit", "contract_number",
                  "contract_date", "start_date", "end_date", "progress", "spent", "settlements", "partners",
                  "is_public"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}),
                   "contract_date": forms.DateInput(attrs={"type": "date"}),
                   "start_date": forms.DateInput(attrs={"type": "date"}),
                   "end_date": forms.DateInput(attrs={"type": "date"}),
                   "settlements": forms.CheckboxSelectMultiple, "partners": forms.CheckboxSelectMultiple}
        field_classes = {"settlements": ModelIdsField, "partners": ModelIdsField}

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = PlanNode.objects.filter(plan__municipality=municipality) \
            .select_related("plan").order_by("-plan__start_year", "path")
        self.fields["measure"].label_from_instance = lambda node: f"{node.plan.display_short_name} · {node}"
        self.fields["settlements"].queryset = municipality.settlements.all()
        self.fields["partners"].queryset = municipality.organisations.all()
        accept_local_decimals(self, "spent")


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Project.Status.choices)
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class FundingForm(forms.ModelForm):
    class Meta:
        model = Funding
        fields = ["source", "programme", "amount"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        accept_local_decimals(self, "amount")


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due", "done_on"]
        widgets = {"due": forms.DateInput(attrs={"type": "date"}), "done_on": forms.DateInput(attrs={"type": "date"})}
