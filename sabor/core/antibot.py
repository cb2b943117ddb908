"""Protection of public forms against bots without a puzzle for people: a field that
people do not see and bots fill in, and a signed time stamp, since no person writes
and sends a form within two seconds of opening it. The stamp carries a random nonce,
which makes it the form's one-time key as well (`submission_key`, see core.submissions)."""

from __future__ import annotations

import secrets
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
        self.initial["started"] = signing.dumps([time.time(), secrets.token_urlsafe(12)], salt=SALT)

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise forms.ValidationError(_("The form could not be sent. Please try again."), code="bot")
        try:
            stamp = signing.loads(data.get("started") or "", salt=SALT)
            # A form rendered before stamps carried a nonce: its signed stamp is unique enough.
            started, nonce = stamp if isinstance(stamp, list) else (stamp, data["started"])
            started = float(started)
        except (signing.BadSignature, TypeError, ValueError):
            raise forms.ValidationError(_("The form has expired. Please send it again."), code="expired") from None
        elapsed = time.time() - started
        if elapsed < MIN_SECONDS:
            raise forms.ValidationError(_("The form was sent too quickly. Please try again."), code="too_fast")
        if elapsed > MAX_SECONDS:
            raise forms.ValidationError(_("The form has expired. Please send it again."), code="expired")
        data.pop("website", None)
        data.pop("started", None)
        self.nonce = str(nonce)
        return data

    def submission_key(self, user, *scope) -> str:
        """The one-time key of this sending: the rendered form's nonce, for this person and,
        since one page renders several forms with the same nonce (a reply form under each
        comment), for the `scope` that tells them apart."""
        return ":".join(map(str, (type(self).__name__, user.pk, self.nonce, *scope)))
