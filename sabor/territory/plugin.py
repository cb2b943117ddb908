"""What the territory app adds to the shared pages: the settlements on the home page."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sabor.core import audit, registry


def register() -> None:
    audit.register_actions({
    "settlement.saved": _("Settlement saved"),
    })
    registry.add_card("territory.facts", section="facts", order=10, template="territory/cards/facts.html",
                      context=_settlements)
    registry.add_card("territory.settlements", section="territory", order=10,
                      template="territory/cards/settlements.html", context=_settlements)


def _settlements(request):
    settlements = list(request.municipality.settlements.all())
    return {"settlements": settlements, "total_population": sum(s.population or 0 for s in settlements)}
