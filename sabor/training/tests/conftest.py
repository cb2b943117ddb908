import pytest

from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.training.testing import enrol, make_programme


@pytest.fixture
def trainee(municipality):
    """A resident enrolled in a programme: (enrolment, person)."""
    programme = make_programme(municipality)
    person = testing.make_member(municipality, Role.RESIDENT)
    return enrol(programme, user=person), person
