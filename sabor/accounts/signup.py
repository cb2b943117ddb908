"""allauth's sign-up form, made to do the same work whether or not the address has an
account. With ACCOUNT_PREVENT_ENUMERATION both paths answer alike, but a taken address
skipped the password hashing (a quarter of a second) and so could be told apart by the
response time. (A module of its own: allauth's forms import sabor.accounts.forms.)"""

from __future__ import annotations

from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.auth.hashers import make_password


class SignupForm(AllauthSignupForm):
    def try_save(self, request):
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1"))  # the hashing a new account costs, thrown away
        return super().try_save(request)
