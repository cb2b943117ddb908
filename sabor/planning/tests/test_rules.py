"""Who may edit plans, their trees and projects: the M&E officer and the administrator of the
municipality, nobody else and nobody from elsewhere."""

import pytest
from django.contrib.auth.models import AnonymousUser

from sabor.accounts import testing
from sabor.accounts.models import Role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role, expected", [(None, False), (Role.RESIDENT, False), (Role.CIVIC_MONITOR, False),
                                            (Role.COUNCILLOR, False), (Role.STAFF, False),
                                            (Role.ME_OFFICER, True), (Role.ADMINISTRATOR, True)])
def test_who_may_edit_plans(municipality, other_municipality, role, expected):
    person = testing.make_member(municipality, role) if role else AnonymousUser()
    assert person.has_perm("planning.edit_plan", municipality) == expected
    assert not person.has_perm("planning.edit_plan", other_municipality)
