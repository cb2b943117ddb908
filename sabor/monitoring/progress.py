"""How far an indicator has come: the formulas of docs/methodology.md.

Pure functions over plain numbers, so that every worked example of the
methodology is checked against exactly what the pages and the report show.
Values are Decimals; None means "no data"."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

ONE = Decimal(1)
ZERO = Decimal(0)


class Direction(StrEnum):
    INCREASE = "increase"
    DECREASE = "decrease"
    RANGE = "range"


class Aggregation(StrEnum):
    SUM = "sum"
    LATEST = "latest"
    AVERAGE = "average"


class Status(StrEnum):
    ON_TRACK = "on_track"
    BEHIND = "behind"
    AT_RISK = "at_risk"
    NO_DATA = "no_data"


class Outcome(StrEnum):
    MET = "met"
    EXCEEDED = "exceeded"
    INSIDE = "inside"
    BELOW = "below"
    ABOVE = "above"


@dataclass(frozen=True)
class Bands:
    """Status bands on performance (achieved progress ÷ expected progress)."""

    on_track: Decimal = Decimal("0.90")
    behind: Decimal = Decimal("0.60")


DEFAULT_BANDS = Bands()

QUALITATIVE_SCORES = {"achieved": ONE, "partly": Decimal("0.5"), "not_achieved": ZERO}


def aggregate(values: Sequence[tuple[int, Decimal]], up_to: int, how: Aggregation) -> Decimal | None:
    """The indicator's value "so far" at period `up_to` from (period, value) pairs.
    Missing periods are no data: they add nothing to a sum, a latest value carries
    over, an average is taken over the periods that have values."""
    known = [value for period, value in sorted(values) if period <= up_to and value is not None]
    if not known:
        return None
    if how == Aggregation.SUM:
        return sum(known, ZERO)
    if how == Aggregation.AVERAGE:
        return sum(known, ZERO) / len(known)
    return known[-1]


def progress(*, baseline: Decimal, target: Decimal, actual: Decimal | None, direction: Direction,
             low: Decimal | None = None, high: Decimal | None = None) -> Decimal | None:
    """Share of the way from baseline to target, as a fraction (1 = target met).

    Uncapped: over-achievement gives more than 1, movement the wrong way less than 0.
    A target equal to the baseline ("keep at least/at most this") is met (1) or not (0).
    A range indicator is met (1) inside [low, high] and not (0) outside."""
    if actual is None:
        return None
    if direction == Direction.RANGE:
        inside = (low is None or actual >= low) and (high is None or actual <= high)
        return ONE if inside else ZERO
    if target == baseline:
        met = actual >= target if direction == Direction.INCREASE else actual <= target
        return ONE if met else ZERO
    return (actual - baseline) / (target - baseline)


def outcome(*, progress: Decimal | None, actual: Decimal | None, direction: Direction,
            low: Decimal | None = None, high: Decimal | None = None) -> Outcome | None:
    """What the value means against its target, said in words: a range indicator is
    inside, below or above its range; another has met (progress 1) or exceeded
    (above 1) its target, or neither (None: the percentage says how far it is)."""
    if direction == Direction.RANGE:
        if actual is None:
            return None
        if low is not None and actual < low:
            return Outcome.BELOW
        if high is not None and actual > high:
            return Outcome.ABOVE
        return Outcome.INSIDE
    if progress is None or progress < 1:
        return None
    return Outcome.EXCEEDED if progress > 1 else Outcome.MET


def expected_value(*, baseline: Decimal, baseline_period: int, targets: dict[int, Decimal],
                   period: int) -> Decimal | None:
    """Where the indicator should be at `period`: on the straight line from the
    baseline through each period's target (piecewise), the last target held after."""
    points = [(baseline_period, baseline), *sorted(targets.items())]
    if not targets:
        return None
    if period <= baseline_period:
        return baseline
    for (p0, v0), (p1, v1) in zip(points, points[1:], strict=False):
        if period <= p1:
            return v0 + (v1 - v0) * Decimal(period - p0) / Decimal(p1 - p0)
    return points[-1][1]


def status(*, achieved: Decimal | None, expected: Decimal | None, bands: Bands | None = None) -> Status:
    """on track / behind / at risk from achieved progress against expected progress."""
    bands = bands or DEFAULT_BANDS
    if achieved is None:
        return Status.NO_DATA
    if expected is None or expected <= 0:
        return Status.ON_TRACK if achieved >= 0 else Status.AT_RISK
    performance = achieved / expected
    if performance >= bands.on_track:
        return Status.ON_TRACK
    if performance >= bands.behind:
        return Status.BEHIND
    return Status.AT_RISK


def capped(value: Decimal | None) -> Decimal | None:
    """Progress as it counts in roll-ups: between 0 and 1, so over-achievement
    on one indicator cannot hide a shortfall on another."""
    if value is None:
        return None
    return max(ZERO, min(ONE, value))


def roll_up(parts: Iterable[tuple[Decimal | None, Decimal]]) -> Decimal | None:
    """Weighted mean of capped progress over (progress, weight) parts that have data."""
    known = [(capped(value), weight) for value, weight in parts if value is not None and weight > 0]
    total_weight = sum((weight for _value, weight in known), ZERO)
    if not known or total_weight == 0:
        return None
    return sum((value * weight for value, weight in known), ZERO) / total_weight


@dataclass(frozen=True)
class Forecast:
    value: Decimal
    period: int
    will_meet: bool


def forecast(points: Sequence[tuple[int, Decimal]], *, baseline: Decimal, target: Decimal, target_period: int,
             direction: Direction) -> Forecast | None:
    """The value at `target_period` if the current pace goes on: a least-squares
    line through the (period, value-so-far) points. Needs two periods or more."""
    if direction == Direction.RANGE or len({period for period, _ in points}) < 2:
        return None
    n = Decimal(len(points))
    xs = [Decimal(period) for period, _ in points]
    ys = [value for _, value in points]
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mean_x) ** 2 for x in xs)
    projected = mean_y + slope * (Decimal(target_period) - mean_x)
    reached = progress(baseline=baseline, target=target, actual=projected, direction=direction)
    return Forecast(value=projected, period=target_period, will_meet=reached is not None and reached >= 1)
