from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from sabor.core.http import parse_id
from sabor.core.models import Municipality

MAX_COAT_OF_ARMS_BYTES = 1024 * 1024
# The browser's own date pickers; they send and show ISO dates whatever the page's language.
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ColourInput(forms.TextInput):
    """The browser's colour picker. It always has a value, of seven characters, so HTML
    forbids `required` and `maxlength` on it, which Django adds for a required CharField."""

    input_type = "color"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for attribute in ("maxlength", "minlength", "required", "placeholder"):
            context["widget"]["attrs"].pop(attribute, None)
        return context


def https_by_default(field, **kwargs):
    """Form fields for model fields, with web addresses typed without a scheme read as https."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class MunicipalityForm(forms.ModelForm):
    class Meta:
        model = Municipality
        formfield_callback = https_by_default
        fields = ["name", "name_en", "province", "province_en", "description", "description_en", "coat_of_arms",
                  "primary_colour", "accent_colour", "website", "contact_email"]
        widgets = {"primary_colour": ColourInput(), "accent_colour": ColourInput()}

    def clean_coat_of_arms(self):
        image = self.cleaned_data.get("coat_of_arms")
        if image and getattr(image, "size", 0) > MAX_COAT_OF_ARMS_BYTES:
            raise ValidationError(_("The coat of arms may be at most 1 MB; this file is %(size)s KB."),
                                  code="too_large", params={"size": image.size // 1024})
        return image


class ModelIdsField(forms.ModelMultipleChoiceField):
    """Several objects chosen by id (checkboxes), refusing a value that is not an id
    before the database sees it: SQLite cannot even bind an integer past 64 bits and
    raises OverflowError, which Django's own field does not expect."""

    def _check_values(self, value):
        if self.to_field_name is None and not isinstance(value, str):
            for pk in value:
                if not parse_id(str(pk)):
                    raise ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value",
                                          params={"pk": pk})
        return super()._check_values(value)


class LocalDecimalField(forms.DecimalField):
    """A decimal as people type it here: "1 250 000,50" as well as "1250000.50"."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip()
            for space in (" ", "\xa0", "\u202f", "\u2009"):
                value = value.replace(space, "")
            if "," in value and "." not in value:
                value = value.replace(",", ".")
        return super().to_python(value)


def accept_local_decimals(form: forms.BaseForm, *names: str) -> None:
    """Turns the named decimal fields of `form` into text boxes that take local notation."""
    for name in names:
        field = form.fields.get(name)
        if field is None:
            continue
        field.__class__ = LocalDecimalField
        field.localize = False
        field.widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})


def field_error(field: str, message, code: str) -> ValidationError:
    """A service's refusal that belongs to a form field, keeping its code (a dict of messages given
    straight to ValidationError drops the code); `add_service_errors` puts it on the field."""
    return ValidationError({field: ValidationError(message, code=code)})


def add_service_errors(form: forms.BaseForm, error) -> None:
    """Shows a service's ValidationError on the form: on its fields where it names
    them, at the top otherwise."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
