"""Password rules whose messages Django's own Bulgarian catalogue lacks."""

from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's rule; its error message (new in Django 5.2) is not in Django's Bulgarian
    catalogue, so the sign-up page said it in English. Ours carries the translation."""

    def get_error_message(self) -> str:
        return ngettext("This password is too short. It must contain at least %(count)d character.",
                        "This password is too short. It must contain at least %(count)d characters.",
                        self.min_length) % {"count": self.min_length}
