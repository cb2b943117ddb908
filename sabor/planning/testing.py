"""Builders for planning tests."""

from __future__ import annotations

from sabor.planning import services
from sabor.planning.models import Plan


def make_plan(municipality, **fields) -> Plan:
    defaults = {"slug": "piro", "short_name": "ПИРО 2021–2027", "title": "План <script>x</script>",
                "start_year": 2021, "end_year": 2027, "status": Plan.Status.IMPLEMENTATION}
    return services.create_plan(actor=None, municipality=municipality, **{**defaults, **fields})
