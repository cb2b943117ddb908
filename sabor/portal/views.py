"""The home page and the back office's overview, composed of the cards and queues apps register."""

from __future__ import annotations

from django.shortcuts import render

from sabor.core.decorators import office_view
from sabor.core.models import Municipality
from sabor.core.registry import cards_for, queues_for

# Where on each page the apps' cards go, in the order the page shows them. The two pages share no
# section: a card is on the public home page or on the back office's overview, never on both.
HOME_SECTIONS = ["facts", "plans", "participate", "territory", "organisations"]
OFFICE_SECTIONS = ["office_facts", "office_tables", "office_latest"]


def home(request):
    municipality = request.municipality
    if municipality is None:
        # A multi-municipality installation reached under its own name: list the tenants.
        municipalities = Municipality.objects.filter(is_active=True).prefetch_related("domains")
        return render(request, "portal/platform_home.html", {"municipalities": municipalities})
    return render(request, "portal/home.html", {"cards": cards_for(request, HOME_SECTIONS)})


@office_view()
def office_dashboard(request):
    return render(request, "portal/office/dashboard.html", {
        "waiting": queues_for(request.user, request.municipality),
        "cards": cards_for(request, OFFICE_SECTIONS),
    })
