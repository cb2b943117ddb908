from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from sabor.accounts import services
from sabor.accounts.models import (
    DERIVED_ROLES,
    Membership,
    NotificationFrequency,
    Organisation,
    OrganisationMember,
    Role,
    StakeholderGroup,
    User,
)
from sabor.core.forms import https_by_default
from sabor.core.models import Municipality
from sabor.territory.models import Settlement


class SignupExtraForm(forms.Form):
    """The fields allauth's sign-up form adds to email and password."""

    display_name = forms.CharField(label=_("Display name"), max_length=100,
                                   help_text=_("Shown next to what you write in public."))

    def signup(self, request, user):
        services.register_user(user=user, display_name=self.cleaned_data["display_name"],
                               municipality=getattr(request, "municipality", None))


class SettlementChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class ProfileForm(forms.Form):
    display_name = forms.CharField(label=_("Display name"), max_length=100)
    settlement = SettlementChoiceField(label=_("Settlement where you live"), queryset=Settlement.objects.none(),
                                       required=False, empty_label=_("— not stated —"))
    preferred_language = forms.ChoiceField(label=_("Preferred language"),
                                           choices=[("", _("— the site's default —")), *settings.LANGUAGES],
                                           required=False)
    notification_frequency = forms.ChoiceField(label=_("Email notifications"),
                                               choices=NotificationFrequency.choices)

    def __init__(self, *args, municipality: Municipality | None, **kwargs):
        super().__init__(*args, **kwargs)
        if municipality is None:
            del self.fields["settlement"]
        else:
            self.fields["settlement"].queryset = Settlement.objects.for_municipality(municipality)


class DeleteAccountForm(forms.Form):
    password = forms.CharField(label=_("Your password"), widget=forms.PasswordInput(
        attrs={"autocomplete": "current-password"}))
    confirm = forms.BooleanField(label=_("I understand that my account will be deleted and cannot be restored."))

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."), code="wrong_password")
        return password


class MembershipForm(forms.Form):
    stakeholder_group = forms.ChoiceField(label=_("Stakeholder group"), choices=StakeholderGroup.choices)
    settlement = SettlementChoiceField(label=_("Settlement"), queryset=Settlement.objects.none(),
                                       required=False, empty_label=_("— not stated —"))

    def __init__(self, *args, municipality: Municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["settlement"].queryset = Settlement.objects.for_municipality(municipality)


class RolesForm(forms.Form):
    # The organisation-representative role follows from representing an organisation
    # (see services.set_roles), so it is not offered here.
    roles = forms.MultipleChoiceField(
        label=_("Roles"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(value, label) for value, label in Role.choices if value not in DERIVED_ROLES])


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        formfield_callback = https_by_default
        fields = ["name", "name_en", "kind", "eik", "settlement", "description", "website", "email", "is_public"]
        field_classes = {"settlement": SettlementChoiceField}

    def __init__(self, *args, municipality: Municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality
        self.fields["settlement"].queryset = Settlement.objects.for_municipality(municipality)
        self.fields["settlement"].empty_label = _("— not stated —")

    def clean_name(self):
        # The municipality is not a form field, so ModelForm's own unique check skips it.
        name = self.cleaned_data["name"]
        clash = Organisation.objects.filter(municipality=self.instance.municipality, name__iexact=name)
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("An organisation with this name already exists in the municipality."),
                                        code="duplicate_name")
        return name


class AddMemberForm(forms.Form):
    email = forms.EmailField(label=_("Email of a registered person"))
    position = forms.CharField(label=_("Position"), max_length=120, required=False)
    is_representative = forms.BooleanField(label=_("May act on behalf of the organisation"), required=False)

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_email(self):
        email = self.cleaned_data["email"]
        # Only people already in this municipality can be added; the message is the
        # same whether or not the address has an account elsewhere.
        membership = (Membership.objects.filter(municipality=self.organisation.municipality,
                                                user__email__iexact=email, user__is_active=True)
                      .select_related("user").first())
        if membership is None:
            raise forms.ValidationError(
                _("No registered person of this municipality uses that address."), code="unknown_person")
        if OrganisationMember.objects.filter(organisation=self.organisation, user=membership.user).exists():
            raise forms.ValidationError(_("This person is already a member of the organisation."),
                                        code="duplicate_member")
        self.cleaned_data["user"] = membership.user
        return email


class MemberForm(forms.Form):
    position = forms.CharField(label=_("Position"), max_length=120, required=False)
    is_representative = forms.BooleanField(label=_("May act on behalf of the organisation"), required=False)

