"""The shared pager: its links lead to the next page and keep the list's filters."""

import re
from html import unescape

from sabor.accounts import testing
from sabor.accounts.models import Role
from sabor.participation.models import Idea
from sabor.participation.testing import make_idea


def _link(html: str, rel: str) -> str:
    match = re.search(rf'<a href="([^"]*)" rel="{rel}">', html)
    assert match, f"no {rel} link on the page"
    return unescape(match.group(1))


def test_next_and_previous_keep_the_filters_and_change_the_page(client_for, municipality):
    author = testing.make_member(municipality, Role.RESIDENT)
    for number in range(25):
        make_idea(municipality, author, title=f"Идея {number:02}")
    accepted = make_idea(municipality, author, title="Приета идея")
    Idea.objects.filter(pk=accepted.pk).update(status=Idea.Status.ACCEPTED)
    client = client_for("alpha.test")
    first = client.get("/ideas/?status=submitted&sort=oldest")
    following = _link(first.content.decode(), "next")
    assert following.startswith("?") and not following.startswith("??")
    assert "status=submitted" in following and "sort=oldest" in following and "page=2" in following
    second = client.get("/ideas/" + following)
    assert second.context["page"].number == 2
    assert {i.pk for i in second.context["page"]}.isdisjoint({i.pk for i in first.context["page"]})
    assert all(i.status == Idea.Status.SUBMITTED for i in second.context["page"])
    back = client.get("/ideas/" + _link(second.content.decode(), "prev"))
    assert back.context["page"].number == 1
    assert [i.pk for i in back.context["page"]] == [i.pk for i in first.context["page"]]
