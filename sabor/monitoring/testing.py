"""Builders for monitoring tests."""

from __future__ import annotations

from decimal import Decimal

from sabor.monitoring import services
from sabor.monitoring.models import Indicator, Measurement
from sabor.planning.testing import error_codes, make_plan, raises_code

__all__ = ["error_codes", "make_indicator", "make_plan", "raises_code", "verified"]


def make_indicator(municipality, node=None, *, code="И1", targets=None, **fields) -> Indicator:
    defaults = {"name": f"Показател {code} <script>x</script>", "unit": "%", "kind": Indicator.Kind.NUMBER,
                "direction": Indicator.DirectionChoice.DECREASE, "aggregation": Indicator.AggregationChoice.LATEST,
                "baseline_value": Decimal(12), "baseline_year": 2020}
    indicator = services.create_indicator(actor=None, municipality=municipality, plan_node=node, code=code,
                                          **{**defaults, **fields})
    for period, value in (targets or {2027: Decimal(8)}).items():
        services.set_target(actor=None, indicator=indicator, period=period, value=Decimal(value))
    return indicator


def verified(indicator, period, value=None, *, entered_by=None, verified_by=None, **fields) -> Measurement:
    """A measurement taken through the whole workflow."""
    if value is not None:
        fields["value"] = Decimal(value)
    measurement = services.save_measurement(actor=entered_by, indicator=indicator, period=period, **fields)
    services.submit_measurement(actor=entered_by, measurement=measurement)
    return services.verify_measurement(actor=verified_by, measurement=measurement)
