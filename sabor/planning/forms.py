from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sabor.planning.models import Plan, PlanNode


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
        self.fields["weight"].localize = True
        self.fields["weight"].widget = forms.TextInput(attrs={"inputmode": "decimal"})
