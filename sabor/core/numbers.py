"""Percentages as people read them: one rounding rule for every page, export and
document. Python's round() and Decimal's default round half to even (62.5 → 62);
people, and the methodology, round half up (62.5 → 63)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)


def half_up(value, places: int = 0) -> Decimal:
    """`value` rounded to `places` decimals, halves away from zero."""
    return Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def percent(part, whole=1) -> int | None:
    """`part` ÷ `whole` as a whole percentage, or None without data (or a zero whole)."""
    if part is None or whole is None or whole == 0:
        return None
    return int(half_up(Decimal(part) * HUNDRED / Decimal(whole)))
