"""Participation's writes, one module per feature."""

from __future__ import annotations

from django.core.exceptions import ValidationError


def field_error(field: str, message, code: str) -> ValidationError:
    """A refusal that belongs to a form field, keeping its code (a dict given straight to
    ValidationError drops it)."""
    return ValidationError({field: ValidationError(message, code=code)})
