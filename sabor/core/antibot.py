"""Protection of public forms against bots without a puzzle for people: a field that
people do not see and bots fill in, and a signed time stamp, since no person writes
and sends a form within two seconds of opening it."""

from __future__ import annotations

import time

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

SALT = "sabor.form-started"
MIN_SECONDS = 2
MAX_SECONDS = 24 * 3600


class HumanCheckMixin(forms.Form):
    # Hidden from people (and from assistive technology) by the template and CSS.
    website = forms.CharField(required=False, label=_("Leave this field empty"),
                              widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["started"] = signing.dumps(time.time(), salt=SALT)

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise forms.ValidationError(_("The form could not be sent. Please try again."), code="bot")
        try:
            started = float(signing.loads(data.get("started") or "", salt=SALT))
        except (signing.BadSignature, TypeError, ValueError):
            raise forms.ValidationError(_("The form has expired. Please send it again."), code="expired") from None
        elapsed = time.time() - started
        if elapsed < MIN_SECONDS:
            raise forms.ValidationError(_("The form was sent too quickly. Please try again."), code="too_fast")
        if elapsed > MAX_SECONDS:
            raise forms.ValidationError(_("The form has expired. Please send it again."), code="expired")
        data.pop("website", None)
        data.pop("started", None)
        return data
