"""Every worked example of docs/methodology.md, computed by the software."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from sabor.monitoring import progress as m

DOC = Path(settings.BASE_DIR) / "docs" / "methodology.md"
ROW = re.compile(r"^\| ([A-Z]\d+) \|(.*)\|\s*$")


def _examples(prefix: str) -> list[tuple[str, list[str]]]:
    rows = []
    for line in DOC.read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if match and match.group(1).startswith(prefix):
            rows.append((match.group(1), [cell.strip() for cell in match.group(2).split("|")]))
    assert rows, f"no {prefix} examples found in {DOC.name}"
    return rows


def _number(text: str) -> Decimal | None:
    return None if text in ("", "none") else Decimal(text)


def _series(text: str) -> list[tuple[int, Decimal]]:
    if not text:
        return []
    return [(int(period), Decimal(value)) for period, value in
            (item.split(":") for item in text.split(";"))]


def _close(actual: Decimal | None, expected: Decimal | None) -> bool:
    if expected is None or actual is None:
        return actual is expected
    return abs(actual - expected) < Decimal("0.0001")


@pytest.mark.parametrize("name, cells", _examples("A"))
def test_aggregation_examples(name, cells):
    how, series, up_to, expected = cells
    assert _close(m.aggregate(_series(series), int(up_to), m.Aggregation(how)), _number(expected)), name


@pytest.mark.parametrize("name, cells", _examples("P"))
def test_progress_examples(name, cells):
    direction, baseline, target, actual, value_range, expected = cells
    if direction == "qualitative":
        result = m.QUALITATIVE_SCORES[actual]
    else:
        low, _, high = value_range.partition("–")
        result = m.progress(baseline=_number(baseline) or m.ZERO, target=_number(target) or m.ZERO,
                            actual=_number(actual), direction=m.Direction(direction),
                            low=_number(low), high=_number(high))
    assert _close(result, _number(expected)), f"{name}: {result}"


@pytest.mark.parametrize("name, cells", _examples("S"))
def test_status_examples(name, cells):
    baseline_cell, targets, period, actual, expected_progress, achieved, expected_status = cells
    baseline, baseline_period = re.match(r"(\S+) \((\d+)\)", baseline_cell).groups()
    baseline = Decimal(baseline)
    target_map = dict(_series(targets))
    final = target_map[max(target_map)]
    expected_value = m.expected_value(baseline=baseline, baseline_period=int(baseline_period), targets=target_map,
                                      period=int(period))
    expected = m.progress(baseline=baseline, target=final, actual=expected_value, direction=m.Direction.DECREASE
                          if final < baseline else m.Direction.INCREASE)
    assert _close(expected.quantize(Decimal("0.0001")), _number(expected_progress)), name
    direction = m.Direction.DECREASE if final < baseline else m.Direction.INCREASE
    got = m.progress(baseline=baseline, target=final, actual=_number(actual), direction=direction)
    assert _close(got, _number(achieved)), name
    assert m.status(achieved=got, expected=expected) == m.Status(expected_status.replace(" ", "_")), name


@pytest.mark.parametrize("name, cells", _examples("R"))
def test_roll_up_examples(name, cells):
    parts_cell, expected = cells
    parts = []
    for part in parts_cell.split(";"):
        value, weight = (item.strip() for item in part.split("×"))
        parts.append((_number(value), Decimal(weight)))
    result = m.roll_up(parts)
    assert _close(result.quantize(Decimal("0.0001")) if result is not None else None, _number(expected)), name


@pytest.mark.parametrize("name, cells", _examples("F"))
def test_forecast_examples(name, cells):
    baseline, target_cell, series, expected_value, met = cells
    target, target_period = re.match(r"(\S+) \((\d+)\)", target_cell).groups()
    baseline, target = Decimal(baseline), Decimal(target)
    direction = m.Direction.DECREASE if target < baseline else m.Direction.INCREASE
    result = m.forecast(_series(series), baseline=baseline, target=target, target_period=int(target_period),
                        direction=direction)
    if expected_value == "none":
        assert result is None, name
        return
    assert _close(result.value, Decimal(expected_value)), f"{name}: {result.value}"
    assert result.will_meet is (met == "yes"), name


def test_the_status_bands_are_configurable():
    strict = m.Bands(on_track=Decimal("0.95"), behind=Decimal("0.80"))
    assert m.status(achieved=Decimal("0.9"), expected=Decimal("1")) == m.Status.ON_TRACK
    assert m.status(achieved=Decimal("0.9"), expected=Decimal("1"), bands=strict) == m.Status.BEHIND
    assert m.status(achieved=Decimal("0.7"), expected=Decimal("1"), bands=strict) == m.Status.AT_RISK


def test_nothing_expected_yet_is_on_track_unless_it_went_backwards():
    assert m.status(achieved=Decimal("0"), expected=Decimal("0")) == m.Status.ON_TRACK
    assert m.status(achieved=Decimal("-0.1"), expected=Decimal("0")) == m.Status.AT_RISK


def test_expected_value_holds_the_last_target_after_its_period():
    assert m.expected_value(baseline=Decimal(0), baseline_period=2013, targets={2014: Decimal(6)},
                            period=2020) == 6
    assert m.expected_value(baseline=Decimal(0), baseline_period=2013, targets={}, period=2020) is None
