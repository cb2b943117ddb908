"""Builders for planning tests."""

from __future__ import annotations

from contextlib import contextmanager

from django.core.exceptions import ValidationError

from sabor.planning import services
from sabor.planning.models import Plan


def make_plan(municipality, **fields) -> Plan:
    defaults = {"slug": "piro", "short_name": "ПИРО 2021–2027", "title": "План <script>x</script>",
                "start_year": 2021, "end_year": 2027, "status": Plan.Status.IMPLEMENTATION}
    return services.create_plan(actor=None, municipality=municipality, **{**defaults, **fields})


def error_codes(error: ValidationError) -> set[str]:
    """The machine-readable codes of a ValidationError, whether it names fields or not."""
    lists = error.error_dict.values() if hasattr(error, "error_dict") else [error.error_list]
    return {item.code for items in lists for item in items}


@contextmanager
def raises_code(code: str):
    """Like pytest.raises(ValidationError), and the error must carry `code`: a test refused
    for another reason than the one it is about fails."""
    import pytest  # test support only: the site itself never loads pytest

    with pytest.raises(ValidationError) as error:
        yield error
    assert code in error_codes(error.value), error_codes(error.value)
