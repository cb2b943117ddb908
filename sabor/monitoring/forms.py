from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sabor.core.forms import LocalDecimalField, accept_local_decimals, https_by_default
from sabor.core.models import in_current_language
from sabor.core.uploads import validate_upload
from sabor.monitoring import live
from sabor.monitoring.models import (
    AnnualReport,
    CriterionScore,
    Evaluation,
    Indicator,
    Measurement,
    Methodology,
    Observation,
    Recommendation,
)
from sabor.planning.models import Plan

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024


class MeasurementForm(forms.ModelForm):
    period = forms.TypedChoiceField(label=_("Year"), coerce=int)

    class Meta:
        model = Measurement
        fields = ["period", "settlement", "sex", "age_group", "value", "numerator", "denominator", "assessment",
                  "source", "evidence_url", "evidence_file", "note"]
        formfield_callback = https_by_default
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, indicator: Indicator, **kwargs):
        super().__init__(*args, **kwargs)
        plan: Plan | None = indicator.plan_node.plan if indicator.plan_node_id else None
        self.fields["settlement"].queryset = indicator.municipality.settlements.all()
        self.fields["settlement"].empty_label = _("— the whole municipality —")
        first, last = (plan.start_year - 1, plan.end_year + 3) if plan else (2000, 2040)
        self.fields["period"].choices = [(year, year) for year in range(first, last + 1)]
        # Values are usually reported for the year just ended.
        self.fields["period"].initial = max(first, min(last, timezone.localdate().year - 1))
        if indicator.kind == Indicator.Kind.QUALITATIVE:
            for name in ("value", "numerator", "denominator"):
                del self.fields[name]
            self.fields["assessment"].required = True
        else:
            del self.fields["assessment"]
            if indicator.kind != Indicator.Kind.PERCENTAGE:
                del self.fields["numerator"], self.fields["denominator"]
            self.fields["value"].label = _("Value (%(unit)s)") % {"unit": in_current_language(indicator, "unit")}
        # Text boxes that take "9,7" as well as "9.7": people type the decimal sign of
        # their language, which number inputs handle inconsistently.
        accept_local_decimals(self, "value", "numerator", "denominator")

    def breakdown(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("settlement", "sex", "age_group")}

    def clean_evidence_file(self):
        upload = self.cleaned_data.get("evidence_file")
        if upload and getattr(upload, "size", 0) > MAX_EVIDENCE_BYTES:
            raise ValidationError(_("The evidence file may be at most 10 MB."), code="too_large")
        return upload

    def measurement_fields(self) -> dict:
        fields = {name: self.cleaned_data[name] for name in self.fields
                  if name not in ("period", "settlement", "sex", "age_group")}
        if fields.get("evidence_file") is None:
            fields.pop("evidence_file", None)
        elif fields.get("evidence_file") is False:
            fields["evidence_file"] = ""
        return fields


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("What needs correcting"), widget=forms.Textarea(attrs={"rows": 2}),
                             max_length=2000)


class MethodologyForm(forms.ModelForm):
    class Meta:
        model = Methodology
        fields = ["title", "body", "on_track_from", "behind_from", "report_due_month", "report_due_day",
                  "data_due_days_before"]
        widgets = {"body": forms.Textarea(attrs={"rows": 16})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        accept_local_decimals(self, "on_track_from", "behind_from")


class AdoptForm(forms.Form):
    decision = forms.CharField(label=_("Adopting decision"), max_length=120, required=False,
                               help_text=_("e.g. Order No 123 of 15.01.2026"))


class EvaluationForm(forms.ModelForm):
    class Meta:
        model = Evaluation
        fields = ["title", "kind", "year", "plan", "project", "policy", "evaluator", "questions", "findings",
                  "conclusions"]
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in ("questions", "findings", "conclusions")}

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = municipality.plans.all()
        self.fields["project"].queryset = municipality.projects.all()


class ScoresForm(forms.Form):
    """One score (1–5, or none) and its evidence per OECD DAC criterion."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in CriterionScore.Criterion.choices:
            self.fields[f"{value}_score"] = forms.TypedChoiceField(
                label=_("%(criterion)s: score") % {"criterion": str(label).capitalize()}, coerce=int,
                required=False, empty_value=None, choices=[("", _("— not scored —"))] + [(n, n) for n in range(1, 6)])
            self.fields[f"{value}_evidence"] = forms.CharField(
                label=_("%(criterion)s: evidence") % {"criterion": str(label).capitalize()}, required=False,
                widget=forms.Textarea(attrs={"rows": 2}))

    def scores(self) -> dict[str, tuple[int, str]]:
        return {value: (self.cleaned_data[f"{value}_score"], self.cleaned_data[f"{value}_evidence"])
                for value in CriterionScore.Criterion.values if self.cleaned_data[f"{value}_score"] is not None}


class RecommendationForm(forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = ["text", "owner", "deadline"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2}), "deadline": forms.DateInput(attrs={"type": "date"})}


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = ["status", "response"]
        widgets = {"response": forms.Textarea(attrs={"rows": 2})}


class NewReportForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("Plan"), queryset=Plan.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = municipality.plans.all()


class NarrativeForm(forms.ModelForm):
    class Meta:
        model = AnnualReport
        fields = ["general_conditions", "actions_taken", "monitoring_arrangements", "conclusions"]
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in fields}


class ApprovalForm(forms.Form):
    number = forms.CharField(label=_("Council decision number"), max_length=40)
    on = forms.DateField(label=_("Council decision date"), widget=forms.DateInput(attrs={"type": "date"}))


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["code", "name", "name_en", "project", "unit", "unit_en", "kind", "level", "direction",
                  "aggregation", "allows_negative", "baseline_value",
                  "baseline_year", "range_low", "range_high", "weight", "definition", "formula", "source",
                  "collection_method", "frequency", "responsible_unit", "quality_checks", "is_public"]
        widgets = {name: forms.Textarea(attrs={"rows": 2}) for name in
                   ("definition", "formula", "collection_method", "quality_checks")}

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality
        self.fields["project"].queryset = municipality.projects.all()
        accept_local_decimals(self, "baseline_value", "range_low", "range_high", "weight")
        self.fields["live"] = forms.ChoiceField(
            label=_("Values computed by Sabor from"), required=False,
            choices=[("", _("nothing: values are entered and verified by people"))] + live.choices(municipality),
            initial=f"{self.instance.live_source}{live.SEPARATOR}{self.instance.live_key}"
            if self.instance.live_source else "",
            help_text=_("Counts that Sabor keeps itself, such as people trained, fill the indicator's values "
                        "automatically."))

    def clean(self):
        data = super().clean()
        data["live_source"], data["live_key"] = live.split(data.pop("live", ""))
        return data

    def clean_code(self):
        code = self.cleaned_data["code"]
        clash = Indicator.objects.filter(municipality=self.instance.municipality, code=code) \
            .exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("Another indicator already has this code."), code="duplicate_code")
        return code


class TargetForm(forms.Form):
    period = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    value = LocalDecimalField(label=_("Target value"), max_digits=16, decimal_places=4,
                              widget=forms.TextInput(attrs={"inputmode": "decimal"}))


MAX_IMPORT_BYTES = 5 * 1024 * 1024


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"), choices=[
        ("measurements", _("measured values (code, year, value; optional: ekatte, sex, age_group, source)")),
        ("targets", _("targets (code, year, value)"))])
    file = forms.FileField(label=_("CSV or XLSX file"),
                           validators=[FileExtensionValidator(["csv", "xlsx"]), validate_upload])

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError(_("The file may be at most 5 MB."), code="too_large")
        return upload


class ObservationForm(forms.ModelForm):
    class Meta:
        model = Observation
        fields = ["period", "kind", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)
