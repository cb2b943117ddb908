import pytest
from django.contrib import admin

from sabor.accounts import services, testing
from sabor.accounts.models import Role

pytestmark = pytest.mark.django_db


def test_every_admin_page_of_the_platform_operator_renders(client_for, municipality):
    operator = testing.make_operator()
    organisation = testing.make_organisation(municipality)
    member = testing.make_member(municipality, Role.STAFF)
    services.add_organisation_member(actor=None, organisation=organisation, user=member)
    testing.make_settlement(municipality)
    client = client_for("alpha.test", operator)
    for model, model_admin in admin.site._registry.items():
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        assert client.get(base).status_code == 200, base
        first = model.objects.first()
        if first is not None:
            assert client.get(f"{base}{first.pk}/change/").status_code == 200, base
        expected_add = 200 if model_admin.has_add_permission(type("R", (), {"user": operator})()) else 403
        assert client.get(f"{base}add/").status_code == expected_add, base


def test_the_admin_does_not_let_memberships_be_changed_around_the_audit_log(client_for, municipality, resident):
    from sabor.accounts.models import Membership

    operator = testing.make_operator()
    membership = Membership.objects.get(user=resident)
    response = client_for("alpha.test", operator).post(f"/admin/accounts/membership/{membership.pk}/change/",
                                                       {"stakeholder_group": "business"})
    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.stakeholder_group == "residents"
