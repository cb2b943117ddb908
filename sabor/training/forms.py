from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sabor.accounts.models import StakeholderGroup, User
from sabor.core.forms import DATE_INPUT, DATETIME_INPUT, ModelIdsField, accept_local_decimals, https_by_default
from sabor.training.models import MATERIAL_EXTENSIONS, Enrolment, Feedback, Material, Programme, Session


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["title", "title_en", "aims", "trainers", "project", "status", "accepts_applications", "capacity",
                  "min_attendance_percent", "final_test_required", "pass_mark_percent", "offers_role",
                  "signatory_name", "signatory_position"]
        widgets = {"aims": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality
        self.fields["project"].queryset = municipality.projects.all()


class ModuleForm(forms.Form):
    title = forms.CharField(label=_("Module"), max_length=250)
    hours = forms.DecimalField(label=_("Hours"), max_digits=5, decimal_places=1, min_value=0.5)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        accept_local_decimals(self, "hours")


class TargetsForm(forms.Form):
    """One number per stakeholder group."""

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        current = {t.stakeholder_group: t.target for t in programme.targets.all()}
        for group, label in StakeholderGroup.choices:
            self.fields[group] = forms.IntegerField(label=label, required=False, min_value=0, max_value=10000,
                                                    initial=current.get(group))


class MaterialForm(forms.ModelForm):
    class Meta:
        model = Material
        fields = ["title", "file"]
        help_texts = {"file": _("PDF, DOCX, PPTX, XLSX, ODT, ODP, ODS or ZIP; at most 20 MB.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ",".join(f".{ext}" for ext in MATERIAL_EXTENSIONS)


class SessionForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = ["starts_at", "ends_at", "hours", "place", "online_url", "capacity", "trainer", "modules"]
        formfield_callback = https_by_default
        widgets = {"starts_at": DATETIME_INPUT, "ends_at": DATETIME_INPUT, "modules": forms.CheckboxSelectMultiple}
        field_classes = {"modules": ModelIdsField}

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.programme = programme
        self.fields["modules"].queryset = programme.modules.all()
        accept_local_decimals(self, "hours")


class EnrolForm(forms.Form):
    email = forms.EmailField(label=_("Email of a person with an account"), required=False,
                             help_text=_("Leave empty for someone without an account and give their name."))
    name = forms.CharField(label=_("Name"), max_length=150, required=False)
    stakeholder_group = forms.ChoiceField(label=_("Stakeholder group"), choices=StakeholderGroup.choices)
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None, required=False)
    organisation_name = forms.CharField(label=_("Organisation or unit not in Sabor"), max_length=200, required=False)
    position = forms.CharField(label=_("Position"), max_length=150, required=False)
    enrolled_on = forms.DateField(label=_("Enrolled on"), required=False, widget=DATE_INPUT)

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.fields["organisation"].queryset = municipality.organisations.all()

    def clean(self):
        data = super().clean()
        email = data.pop("email", "")
        data["user"] = None
        if email:
            # Only people of this municipality can be found, and staff learn nothing of other accounts.
            data["user"] = User.objects.filter(email__iexact=email, memberships__municipality=self.municipality,
                                               is_active=True).first()
            if data["user"] is None:
                self.add_error("email", _("Nobody with this email address has joined this municipality in Sabor. "
                                          "Enter the person by name instead."))
        elif not data.get("name", "").strip():
            self.add_error("name", _("Give the person's name or the email of their account."))
        return data


class ApplyForm(forms.Form):
    stakeholder_group = forms.ChoiceField(label=_("I take part as"), choices=StakeholderGroup.choices)
    organisation = forms.ModelChoiceField(label=_("On behalf of"), queryset=None, required=False,
                                          empty_label=_("myself"))
    position = forms.CharField(label=_("Position"), max_length=150, required=False)

    def __init__(self, *args, user, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = municipality.organisations.filter(members=user)
        membership = user.memberships.filter(municipality=municipality).first()
        if membership is not None:
            self.fields["stakeholder_group"].initial = membership.stakeholder_group


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=[(s, s) for s in (Enrolment.Status.ENROLLED, Enrolment.Status.DECLINED,
                                                         Enrolment.Status.WITHDRAWN)])


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Question"), max_length=500)
    answer_1 = forms.CharField(label=_("Answer 1"), max_length=300)
    answer_2 = forms.CharField(label=_("Answer 2"), max_length=300)
    answer_3 = forms.CharField(label=_("Answer 3"), max_length=300, required=False)
    answer_4 = forms.CharField(label=_("Answer 4"), max_length=300, required=False)
    correct = forms.TypedChoiceField(label=_("The right answer"), coerce=int,
                                     choices=[(i, _("Answer %(n)s") % {"n": i + 1}) for i in range(4)])

    def answers(self) -> list[str]:
        return [self.cleaned_data.get(f"answer_{i}", "") for i in range(1, 5)]


class TestForm(forms.Form):
    """One radio group per question of a test."""

    def __init__(self, *args, assessment, **kwargs):
        super().__init__(*args, **kwargs)
        for question in assessment.questions.prefetch_related("choices"):
            self.fields[f"q{question.pk}"] = forms.TypedChoiceField(
                label=question.text, coerce=int, widget=forms.RadioSelect,
                choices=[(choice.pk, choice.text) for choice in question.choices.all()],
                error_messages={"required": _("Answer this question.")})

    def answers(self) -> dict[int, int]:
        return {int(name[1:]): value for name, value in self.cleaned_data.items()}


RATINGS = [(i, str(i)) for i in range(1, 6)]


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = Feedback
        fields = [name for name, _label in Feedback.QUESTIONS] + ["comment"]
        widgets = {name: forms.RadioSelect(choices=RATINGS) for name, _label in Feedback.QUESTIONS} | {
            "comment": forms.Textarea(attrs={"rows": 3})}
        labels = dict(Feedback.QUESTIONS) | {"comment": _("What would you change?")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, _label in Feedback.QUESTIONS:
            self.fields[name].help_text = _("1 = not at all, 5 = fully")
            self.fields[name].widget.choices = RATINGS


class VerifyForm(forms.Form):
    code = forms.CharField(label=_("Certificate code"), max_length=20, min_length=6,
                           widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}))

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()
