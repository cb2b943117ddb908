
import pytest
from django.db import models, transaction
from django.urls import reverse

from sabor.accounts import testing
from sabor.accounts.models import Membership, Role
from sabor.core.middleware import resolve_municipality
from sabor.tests.urlwalk import Fillers, every_pattern

pytestmark = pytest.mark.django_db


def test_it_resolves_the_municipality_from_the_host(municipality, other_municipality):
    assert resolve_municipality("alpha.test") == municipality
    assert resolve_municipality("BETA.test:8000") == other_municipality


def test_it_falls_back_to_the_configured_default(settings, municipality, other_municipality):
    settings.SABOR_DEFAULT_MUNICIPALITY = "beta"
    assert resolve_municipality("unknown.test") == other_municipality
    assert resolve_municipality("alpha.test") == municipality


def test_it_serves_no_municipality_for_an_unknown_host_without_default(settings, municipality):
    settings.SABOR_DEFAULT_MUNICIPALITY = ""
    assert resolve_municipality("unknown.test") is None


def test_an_inactive_municipality_is_not_served_nor_replaced_by_the_default(settings, municipality,
                                                                          other_municipality):
    settings.SABOR_DEFAULT_MUNICIPALITY = "beta"
    municipality.is_active = False
    municipality.save()
    assert resolve_municipality("alpha.test") is None


def test_the_home_page_shows_the_municipality_of_the_host(client_for, municipality, other_municipality):
    response = client_for("beta.test").get("/")
    assert response.status_code == 200
    assert response.context["municipality"] == other_municipality
    assert "Община beta" in response.content.decode()
    assert "Община alpha" not in response.content.decode()


def test_the_platform_page_lists_municipalities_when_no_host_matches(settings, client_for, municipality):
    settings.SABOR_DEFAULT_MUNICIPALITY = ""
    response = client_for("testserver").get("/")
    assert response.status_code == 200
    assert "alpha.test" in response.content.decode()


def test_pages_of_a_municipality_are_not_found_without_one(settings, client_for, municipality):
    settings.SABOR_DEFAULT_MUNICIPALITY = ""
    assert client_for("testserver").get("/organisations/").status_code == 404


# --- Isolation: nothing of municipality B through any URL of municipality A ----------------------------
#
# Every app names, through sabor.core.registry.add_url_fillers, a module that builds one of each object
# its URLs take and says how each URL is filled. The walk first opens every URL with the host's own
# objects and requires it to answer (a positive control: a filler that points at nothing would give
# 404 and make the isolation check pass for the wrong reason); then it opens the same URL with the
# other municipality's objects and requires 404, and finally checks that nothing of B changed.

NOT_WALKED = {None, "admin"}  # allauth's own pages take keys, not ids; the Django admin is the operator's


def _patterns():
    for namespace, pattern, _route in every_pattern():
        if namespace not in NOT_WALKED:
            yield f"{namespace}:{pattern.name}", pattern


def _routes_with_arguments() -> list[str]:
    return sorted({name for name, pattern in _patterns() if pattern.pattern.regex.groups})


class _Undo(Exception):
    pass


def _undone(send):
    """The response to a request whose writes are rolled back, so that one URL's control
    (a withdrawal, a deletion) leaves the objects of the next one as they were."""
    answer = {}
    try:
        with transaction.atomic():
            answer["response"] = send()
            raise _Undo
    except _Undo:
        pass
    return answer["response"]


POSTED = {"name": "taken over", "position": "x", "remove": "1", "body": "x", "reason": "spam",
          "stakeholder_group": "business", "roles": [Role.ADMINISTRATOR], "form": "roles"}


def _is_login(response) -> bool:
    return response.status_code in (301, 302, 303) and response["Location"].startswith(
        (reverse("account_login"), "/accounts/"))


@pytest.fixture
def fillers():
    return Fillers()


def test_every_url_with_arguments_is_filled_by_its_app(fillers):
    unfilled = [name for name in _routes_with_arguments() if name not in fillers.fill]
    assert not unfilled, f"Teach the app's url fillers (registry.add_url_fillers) these URLs: {unfilled}"
    stale = sorted(set(fillers.fill) - set(_routes_with_arguments()))
    assert not stale, f"Fillers for URLs that no longer exist: {stale}"


def test_nobody_of_municipality_a_reaches_municipality_b_through_any_url(client_for, fillers, municipality,
                                                                        other_municipality):
    a, b = fillers.town(municipality), fillers.town(other_municipality)
    b_before = _state(b["objects"])
    clients = {who: client_for("alpha.test", person) for who, person in a["people"].items()}
    checked = set()
    for name in _routes_with_arguments():
        who = "resident" if name in fillers.owner_only else "administrator"
        client, own, others = clients[who], fillers.path(name, a), fillers.path(name, b)
        answered = client.get(own)
        if answered.status_code != 405:
            assert (200 <= answered.status_code < 300 or answered.status_code in (301, 302, 303)) \
                and not _is_login(answered), f"GET {own} (the host's own objects) gave {answered.status_code}"
        posted = _undone(lambda: client.post(own, POSTED))  # noqa: B023  (called at once)
        if posted.status_code != 405:
            assert posted.status_code not in (404,) and posted.status_code < 500 and not _is_login(posted), (
                f"POST {own} (the host's own objects) gave {posted.status_code}")
        if name in fillers.not_tenant_data or own == others:
            continue  # a credential, or only a format (an export of the host's own list)
        for person, other_client in clients.items():
            for method in ("get", "post"):
                mine = _undone(lambda: getattr(other_client, method)(own, POSTED))  # noqa: B023
                # Refused on the host's own objects for this person's role (403) or method (405):
                # the other town's answer is that refusal or "not found"; otherwise "not found" only.
                expected = {404, mine.status_code} if mine.status_code in (403, 405) else {404}
                response = getattr(other_client, method)(others, POSTED)
                assert response.status_code in expected, (
                    f"{method.upper()} {others} (municipality B) as A's {person} gave {response.status_code}")
        checked.add(name)
    assert len(checked) >= 40
    assert _state(b["objects"]) == b_before, "a request on municipality A's host changed municipality B's data"


def _state(objects: dict) -> dict:
    """Every field of every object of a town, read again from the database."""
    state = {}
    for key, instance in objects.items():
        if isinstance(instance, models.Model):
            fresh = type(instance)._base_manager.filter(pk=instance.pk).first()
            state[key] = fresh and {field.attname: getattr(fresh, field.attname)
                                    for field in fresh._meta.concrete_fields}
    return state


def _mark(objects: dict, marker: str) -> None:
    """Writes `marker` into every free-text field of every object of a town."""
    for instance in objects.values():
        if not isinstance(instance, models.Model):
            continue
        texts = {field.attname: marker for field in instance._meta.concrete_fields
                 if isinstance(field, (models.CharField, models.TextField)) and not field.choices
                 and not field.unique and not isinstance(field, (models.SlugField, models.EmailField))
                 and (field.max_length or 1000) >= len(marker)}
        if texts:
            type(instance)._base_manager.filter(pk=instance.pk).update(**texts)


def test_no_page_of_municipality_a_shows_anything_of_b(client_for, fillers, municipality, other_municipality):
    a, b = fillers.town(municipality), fillers.town(other_municipality)
    _mark({**b["objects"], **b["people"]}, "ZZB-MARK")
    pages = sorted({name for name, pattern in _patterns() if not pattern.pattern.regex.groups})
    opened = 0
    for who, person in a["people"].items():
        client = client_for("alpha.test", person)
        for name in pages:
            response = client.get(reverse(name))
            if response.status_code != 200 or response.get("Content-Disposition", "").endswith('.xlsx"'):
                continue
            body = b"".join(response.streaming_content) if response.streaming else response.content
            assert b"ZZB-MARK" not in body, f"{reverse(name)} as A's {who} shows an object of B"
            assert b["people"]["resident"].email.encode() not in body, reverse(name)
            if response["Content-Type"].startswith("text/html"):
                # The Content-Security-Policy allows no style attribute: one would be ignored.
                assert b' style="' not in body, f"{reverse(name)} carries a style attribute"
            opened += 1
    assert opened >= 40


def test_a_form_of_a_cannot_point_at_a_settlement_of_b(client_for, municipality, other_municipality, resident):
    settlement_b = testing.make_settlement(other_municipality)
    response = client_for("alpha.test", resident).post("/account/profile/", {
        "display_name": "Мария", "settlement": settlement_b.pk, "notification_frequency": "daily"})
    assert response.status_code == 400
    assert Membership.objects.get(user=resident, municipality=municipality).settlement is None


def test_roles_in_b_give_no_rights_in_a(client_for, municipality, other_municipality):
    admin_b = testing.make_member(other_municipality, Role.ADMINISTRATOR)
    client = client_for("alpha.test", admin_b)
    assert client.get("/office/").status_code == 403
    assert client.get("/office/audit/").status_code == 403
