from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sabor.accounts.models import StakeholderGroup
from sabor.core.antibot import HumanCheckMixin
from sabor.core.filters import FilterForm, choice_field
from sabor.core.forms import DATE_INPUT, DATETIME_INPUT, accept_local_decimals, https_by_default
from sabor.core.uploads import validate_upload
from sabor.participation.models import Idea, Meeting, MeetingAttachment, Phase, Process, Report
from sabor.planning.models import PlanNode


class ProcessForm(forms.ModelForm):
    class Meta:
        model = Process
        fields = ["slug", "title", "title_en", "description", "plan", "ideas_open_from", "ideas_open_until",
                  "results", "is_public"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "results": forms.Textarea(attrs={"rows": 3}),
                   "ideas_open_from": DATE_INPUT, "ideas_open_until": DATE_INPUT}

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality
        self.fields["plan"].queryset = municipality.plans.all()

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if Process.objects.filter(municipality=self.instance.municipality, slug=slug).exclude(
                pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Another process already uses this short name."), code="duplicate")
        return slug


class PhaseForm(forms.ModelForm):
    class Meta:
        model = Phase
        fields = ["title", "title_en", "starts_on", "ends_on", "description"]
        widgets = {"starts_on": DATE_INPUT, "ends_on": DATE_INPUT, "description": forms.Textarea(attrs={"rows": 2})}


class MeetingForm(forms.ModelForm):
    invited_groups = forms.MultipleChoiceField(label=_("Stakeholder groups invited"), required=False,
                                               choices=StakeholderGroup.choices,
                                               widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Meeting
        fields = ["process", "kind", "title", "title_en", "starts_at", "ends_at", "settlement", "address",
                  "online_url", "capacity", "invited_groups", "registration_opens_at", "registration_closes_at",
                  "agenda", "minutes", "is_cancelled", "is_public"]
        formfield_callback = https_by_default
        widgets = {"starts_at": DATETIME_INPUT, "ends_at": DATETIME_INPUT, "registration_opens_at": DATETIME_INPUT,
                   "registration_closes_at": DATETIME_INPUT, "agenda": forms.Textarea(attrs={"rows": 4}),
                   "minutes": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality
        self.fields["process"].queryset = municipality.processes.all()
        self.fields["settlement"].queryset = municipality.settlements.all()


class AttachmentForm(forms.ModelForm):
    class Meta:
        model = MeetingAttachment
        fields = ["title", "file"]


class RegisterForm(forms.Form):
    stakeholder_group = forms.ChoiceField(label=_("I take part as"), choices=StakeholderGroup.choices)
    settlement = forms.ModelChoiceField(label=_("Where I live"), queryset=None, required=False)
    organisation = forms.ModelChoiceField(label=_("On behalf of"), queryset=None, required=False,
                                          empty_label=_("myself"))

    def __init__(self, *args, user, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["settlement"].queryset = municipality.settlements.all()
        self.fields["organisation"].queryset = municipality.organisations.filter(
            memberships__user=user, memberships__is_representative=True)
        membership = user.memberships.filter(municipality=municipality).first()
        if membership is not None:
            self.fields["stakeholder_group"].initial = membership.stakeholder_group
            self.fields["settlement"].initial = membership.settlement_id


class WalkInForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    stakeholder_group = forms.ChoiceField(label=_("Stakeholder group"), choices=StakeholderGroup.choices)
    settlement = forms.ModelChoiceField(label=_("Settlement"), queryset=None, required=False)
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200, required=False)

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["settlement"].queryset = municipality.settlements.all()


class SignInListForm(forms.Form):
    file = forms.FileField(label=_("Sign-in list (CSV or XLSX)"),
                           help_text=_("First row: name, group, settlement, organisation, email (the first two are "
                                       "required). At most 2 MB."),
                           widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
                           validators=[validate_upload])

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a CSV or XLSX file."), code="bad_type")
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError(_("The file may be at most 2 MB."), code="too_large")
        return upload


class IdeaForm(HumanCheckMixin, forms.ModelForm):
    attachment = forms.FileField(
        label=_("Attachment (optional)"), required=False,
        help_text=_("A document or picture: PDF, DOCX, XLSX, ODT, ODS, JPG or PNG; at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.odt,.ods,.jpg,.jpeg,.png"}))

    class Meta:
        model = Idea
        fields = ["title", "description", "settlement", "place", "plan_node", "estimated_cost", "beneficiaries",
                  "partners_needed", "ppp_potential", "process", "organisation"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, municipality, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["settlement"].queryset = municipality.settlements.all()
        self.fields["plan_node"].queryset = PlanNode.objects.filter(plan__municipality=municipality,
                                                                   plan__is_public=True).select_related("plan")
        self.fields["plan_node"].label_from_instance = lambda node: f"{node.plan.display_short_name} · {node}"
        if "process" in self.fields:
            self.fields["process"].queryset = municipality.processes.filter(is_public=True)
        if "organisation" in self.fields:
            self.fields["organisation"].queryset = municipality.organisations.filter(
                memberships__user=user, memberships__is_representative=True) if user else \
                municipality.organisations.none()
            self.fields["organisation"].empty_label = _("myself")
        accept_local_decimals(self, "estimated_cost")


class EditIdeaForm(IdeaForm):
    attachment = None

    class Meta(IdeaForm.Meta):
        fields = ["title", "description", "settlement", "place", "plan_node", "estimated_cost", "beneficiaries",
                  "partners_needed", "ppp_potential"]


class RecordIdeaForm(forms.ModelForm):
    """Staff record an idea raised at a forum."""

    class Meta:
        model = Idea
        fields = ["proposer_name", "title", "description", "settlement", "place", "plan_node", "estimated_cost",
                  "beneficiaries", "partners_needed", "ppp_potential"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposer_name"].required = True
        self.fields["settlement"].queryset = municipality.settlements.all()
        self.fields["plan_node"].queryset = PlanNode.objects.filter(plan__municipality=municipality) \
            .select_related("plan")
        self.fields["plan_node"].label_from_instance = lambda node: f"{node.plan.display_short_name} · {node}"
        accept_local_decimals(self, "estimated_cost")


class CommentForm(HumanCheckMixin, forms.Form):
    body = forms.CharField(label=_("Your comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("What is wrong with it?"), choices=Report.Reason.choices,
                               widget=forms.RadioSelect)
    text = forms.CharField(label=_("Details (optional)"), max_length=500, required=False)


class DecisionForm(forms.Form):
    reason = forms.CharField(label=_("Reason (shown in public)"), max_length=300, required=False)


class AnswerForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=[
        (value, label) for value, label in Idea.Status.choices if value != Idea.Status.SUBMITTED])
    answer = forms.CharField(label=_("The municipality's answer"), widget=forms.Textarea(attrs={"rows": 4}),
                             max_length=10000)
    merged_into = forms.ModelChoiceField(label=_("Merged into (for a merged idea)"), queryset=None, required=False)
    project = forms.ModelChoiceField(label=_("Project in the plan (for an idea included in the plan)"),
                                     queryset=None, required=False)

    def __init__(self, *args, idea, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["merged_into"].queryset = idea.municipality.ideas.exclude(pk=idea.pk).order_by("title")
        self.fields["project"].queryset = idea.municipality.projects.order_by("title")


class IdeaFilter(FilterForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = choice_field(_("Status"), Idea.Status.choices, _("All statuses"))
    settlement = forms.TypedChoiceField(label=_("Settlement"), required=False, coerce=int)
    process = forms.TypedChoiceField(label=_("Process"), required=False, coerce=int)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=[
        ("newest", _("newest first")), ("supported", _("most supported")), ("commented", _("most discussed")),
        ("oldest", _("oldest first"))])

    def __init__(self, query, municipality):
        super().__init__(query)
        self.fields["settlement"].choices = [("", _("All settlements"))] + [
            (s.pk, s.display_name) for s in municipality.settlements.all()]
        self.fields["process"].choices = [("", _("All processes"))] + [
            (p.pk, p.display_title) for p in municipality.processes.filter(is_public=True)]
