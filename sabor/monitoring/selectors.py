"""Indicator and plan reports: values so far, progress, status, roll-ups and
forecasts for a period, computed with a fixed number of queries however many
indicators there are. Only verified municipality-wide measurements count."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Context, Decimal

from django.db.models import ExpressionWrapper, F, Field, Prefetch, Q, QuerySet

from sabor.core.models import Municipality
from sabor.core.numbers import percent
from sabor.monitoring import progress as m
from sabor.monitoring.models import Indicator, Measurement, Methodology, Target, shown_in_plan_q
from sabor.monitoring.progress import DEFAULT_BANDS, Bands
from sabor.planning.models import Plan, PlanNode

HUNDRED = Decimal(100)


@dataclass
class YearRow:
    period: int
    measured: Decimal | None
    so_far: Decimal | None
    target: Decimal | None
    expected: Decimal | None


@dataclass
class IndicatorReport:
    indicator: Indicator
    period: int
    value: Decimal | None
    final_target: Decimal | None
    final_period: int | None
    progress: Decimal | None
    expected: Decimal | None
    status: m.Status
    forecast: m.Forecast | None
    years: list[YearRow] = field(default_factory=list)

    @property
    def progress_percent(self) -> int | None:
        return percent(self.progress)

    @property
    def bar_percent(self) -> int:
        capped = m.capped(self.progress)
        return 0 if capped is None else int(capped * HUNDRED)

    @property
    def qualitative(self) -> bool:
        return self.indicator.kind == Indicator.Kind.QUALITATIVE

    @property
    def assessment(self) -> str:
        """The latest assessment of a qualitative indicator ("partly"), from its score."""
        if not self.qualitative or self.value is None:
            return ""
        return next((code for code, score in m.QUALITATIVE_SCORES.items() if score == self.value), "")

    @property
    def outcome(self) -> m.Outcome | None:
        indicator = self.indicator
        if self.qualitative:  # its assessment says it
            return None
        return m.outcome(progress=self.progress, actual=None if self.qualitative else self.value,
                         direction=m.Direction(indicator.direction), low=indicator.range_low,
                         high=indicator.range_high)


@dataclass
class NodeReport:
    node: PlanNode
    progress: Decimal | None
    expected: Decimal | None
    status: m.Status
    indicators: list[IndicatorReport]
    children: list[NodeReport]
    without_data: int

    @property
    def progress_percent(self) -> int | None:
        return percent(self.progress)

    @property
    def bar_percent(self) -> int:
        return 0 if self.progress is None else int(self.progress * HUNDRED)


def measured_value(measurement: Measurement) -> Decimal | None:
    return _value(measurement.value, measurement.numerator, measurement.denominator, measurement.assessment)


def _value(value, numerator, denominator, assessment) -> Decimal | None:
    if assessment:
        return m.QUALITATIVE_SCORES[assessment]
    if value is not None:
        return value
    if numerator is not None and denominator:
        return numerator / denominator * HUNDRED
    return None


# SQLite hands back decimals as floats, and the ORM turns each into a Decimal through a
# per-value converter: for the thousands of values of a plan that cost more than the
# query. Read as the driver gives them (a plain `Field` has no converter), they are
# converted here, to the same value: 15 significant digits, as Django's SQLite backend
# does. PostgreSQL already gives Decimals.
_FROM_FLOAT = Context(prec=15).create_decimal_from_float


def _plain(name: str) -> ExpressionWrapper:
    return ExpressionWrapper(F(name), output_field=Field())


def _decimal(number) -> Decimal | None:
    if number is None or isinstance(number, Decimal):
        return number
    return _FROM_FLOAT(number) if isinstance(number, float) else Decimal(number)


def with_report_data(indicators: QuerySet[Indicator]) -> QuerySet[Indicator]:
    return indicators.prefetch_related(
        Prefetch("targets", queryset=Target.objects.order_by("period")),
        Prefetch("measurements", to_attr="verified_measurements",
                 queryset=Measurement.objects.totals().filter(status=Measurement.Status.VERIFIED)
                 .order_by("period")),
    )


def indicator_report(indicator: Indicator, period: int, bands: m.Bands = m.DEFAULT_BANDS,
                     first_year: int | None = None, detail: bool = True,
                     targets: dict[int, Decimal] | None = None,
                     measured: dict[int, Decimal | None] | None = None) -> IndicatorReport:
    """The indicator at `period`. Its targets and verified values come either from
    the prefetches of `with_report_data` or, for many indicators at once, as plain
    dictionaries. Without `detail`, the year-by-year rows and the forecast (for
    charts) are skipped."""
    if targets is None:
        targets = {target.period: target.value for target in indicator.targets.all()}
    if measured is None:
        measured = {item.period: measured_value(item) for item in indicator.verified_measurements}
    series = sorted((p, v) for p, v in measured.items() if v is not None)
    how = m.Aggregation(indicator.aggregation)
    direction = m.Direction(indicator.direction)
    qualitative = indicator.kind == Indicator.Kind.QUALITATIVE
    baseline = m.ZERO if qualitative else (indicator.baseline_value or m.ZERO)
    baseline_period = indicator.baseline_year or first_year or (min(targets) - 1 if targets else period)
    final_period = max(targets) if targets else None
    final_target = m.ONE if qualitative else (targets[final_period] if final_period else None)

    def at(year):
        so_far = m.aggregate(series, year, m.Aggregation.LATEST if qualitative else how)
        if qualitative:
            achieved = so_far
            expected_share = _time_share(baseline_period, final_period, year)
        elif final_target is None and direction != m.Direction.RANGE:
            return so_far, None, None
        else:
            achieved = m.progress(baseline=baseline, target=final_target or m.ZERO, actual=so_far,
                                  direction=direction, low=indicator.range_low, high=indicator.range_high)
            if direction == m.Direction.RANGE:
                expected_share = m.ONE
            else:
                expected_value = m.expected_value(baseline=baseline, baseline_period=baseline_period,
                                                  targets=targets, period=year)
                expected_share = m.progress(baseline=baseline, target=final_target, actual=expected_value,
                                            direction=direction) if expected_value is not None else None
        return so_far, achieved, expected_share

    value, achieved, expected = at(period)
    if not detail:
        return IndicatorReport(indicator=indicator, period=period, value=value, final_target=final_target,
                               final_period=final_period, progress=achieved, expected=expected,
                               status=m.status(achieved=achieved, expected=expected, bands=bands), forecast=None)
    years = []
    span = sorted({*measured, *targets, period} | ({baseline_period} if indicator.baseline_year else set()))
    for year in range(span[0], max(span) + 1):
        so_far = m.aggregate(series, year, how)
        expected_value = None if qualitative else m.expected_value(
            baseline=baseline, baseline_period=baseline_period, targets=targets, period=year)
        years.append(YearRow(period=year, measured=measured.get(year), so_far=so_far, target=targets.get(year),
                             expected=expected_value))
    forecast = None
    if not qualitative and final_target is not None and final_period is not None:
        points = [(year, m.aggregate(series, year, how)) for year, _v in series if year <= period]
        forecast = m.forecast(points, baseline=baseline, target=final_target, target_period=final_period,
                              direction=direction)
    return IndicatorReport(indicator=indicator, period=period, value=value, final_target=final_target,
                           final_period=final_period, progress=achieved, expected=expected,
                           status=m.status(achieved=achieved, expected=expected, bands=bands), forecast=forecast,
                           years=years)


def _time_share(start: int, end: int | None, year: int) -> Decimal | None:
    if end is None or end <= start:
        return None
    return max(m.ZERO, min(m.ONE, Decimal(year - start) / Decimal(end - start)))


def plan_report(plan: Plan, period: int, bands: m.Bands = m.DEFAULT_BANDS, detail: bool = False) -> list[NodeReport]:
    """The plan's tree with every node rolled up from its indicators and children."""
    nodes = list(PlanNode.objects.filter(plan=plan).order_by("path"))
    for node in nodes:
        node.plan = plan  # tier names come from the plan; no query per node
    indicators = list(Indicator.objects.shown_in_plan().filter(plan_node__plan=plan).order_by("code", "pk"))
    # Plain values, not model objects: for hundreds of indicators with thousands of
    # values, building the objects would cost more than everything else together.
    targets: dict[int, dict[int, Decimal]] = defaultdict(dict)
    in_plan = Q(indicator__plan_node__plan=plan) & shown_in_plan_q("indicator__")
    for indicator_id, year, value in Target.objects.filter(in_plan).order_by().values_list(
            "indicator_id", "period", _plain("value")):
        targets[indicator_id][year] = _decimal(value)
    values = Measurement.objects.totals().filter(in_plan, status=Measurement.Status.VERIFIED)
    if not detail:  # the value so far counts nothing later than the period
        values = values.filter(period__lte=period)
    measured: dict[int, dict[int, Decimal | None]] = defaultdict(dict)
    for indicator_id, year, value, numerator, denominator, assessment in values.order_by().values_list(
            "indicator_id", "period", _plain("value"), _plain("numerator"), _plain("denominator"), "assessment"):
        measured[indicator_id][year] = _value(_decimal(value), _decimal(numerator), _decimal(denominator),
                                              assessment)
    by_node: dict[int, list[IndicatorReport]] = defaultdict(list)
    for indicator in indicators:
        by_node[indicator.plan_node_id].append(indicator_report(
            indicator, period, bands, plan.start_year - 1, detail=detail,
            targets=targets[indicator.pk], measured=measured[indicator.pk]))
    children: dict[int | None, list[PlanNode]] = defaultdict(list)
    for node in nodes:
        children[node.parent_id].append(node)

    def build(node: PlanNode) -> NodeReport:
        child_reports = [build(child) for child in children[node.pk]]
        reports = by_node.get(node.pk, [])
        parts = [(r.progress, r.indicator.weight) for r in reports] + \
                [(c.progress, c.node.weight) for c in child_reports]
        expected_parts = [(r.expected, r.indicator.weight) for r in reports if r.progress is not None] + \
                         [(c.expected, c.node.weight) for c in child_reports if c.progress is not None]
        achieved = m.roll_up(parts)
        expected = m.roll_up(expected_parts)
        without = sum(1 for r in reports if r.progress is None) + sum(c.without_data for c in child_reports)
        return NodeReport(node=node, progress=achieved, expected=expected,
                          status=m.status(achieved=achieved, expected=expected, bands=bands),
                          indicators=reports, children=child_reports, without_data=without)

    return [build(root) for root in children[None]]


def plan_summary(roots: list[NodeReport], bands: m.Bands = m.DEFAULT_BANDS) -> tuple[Decimal | None, m.Status]:
    achieved = m.roll_up([(root.progress, root.node.weight) for root in roots])
    expected = m.roll_up([(root.expected, root.node.weight) for root in roots if root.progress is not None])
    return achieved, m.status(achieved=achieved, expected=expected, bands=bands)


# --- The methodology in force ---------------------------------------------------------------------

def in_force(municipality: Municipality) -> Methodology | None:
    return municipality.methodologies.filter(status=Methodology.Status.ADOPTED).first()


def bands(methodology: Methodology | None) -> Bands:
    if methodology is None:
        return DEFAULT_BANDS
    return Bands(on_track=methodology.on_track_from, behind=methodology.behind_from)


def report_due(methodology: Methodology | None, year: int) -> date:
    """When the annual report on `year` is due to the council (31 March of the next year by default)."""
    month, day = (methodology.report_due_month, methodology.report_due_day) if methodology else (3, 31)
    return date(year + 1, month, day)
