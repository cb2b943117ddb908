"""Server-side timings of the development-plan dashboard, written to bench/RESULTS.md.

A plan of BENCH_INDICATORS indicators (500) on a tree of 4 goals × 5 priorities ×
5 measures, each indicator with two targets and verified measurements for 12 periods
(2016–2027), one municipality-wide and one per settlement (6) per period: 42,000
measurements in all. The data is bulk-created straight on the models (the services
audit every write and would take minutes). Like bench/run.py it runs in-process with
Django's test client against a fresh test database (SQLite in memory by default,
PostgreSQL when DATABASE_URL says so). Goal: the dashboard under 100 ms.

The dashboard is timed twice: cold, right after the plan's data changed (as when a
value is verified), so the tree is computed and rendered afresh; and cached.
BENCH_PROFILE=1 also prints (to stderr) a cProfile of one cold dashboard request."""

from __future__ import annotations

import gc
import os
import platform
import random
import statistics
import sys
import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sabor.test_settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

HOST = "bench.test"
SLUG = "bench-plan"
YEAR = 2024
INDICATORS = int(os.environ.get("BENCH_INDICATORS", "500"))
GOALS, PRIORITIES, MEASURES = 4, 5, 5
PERIODS = range(2016, 2028)
DASHBOARD_ROUNDS = int(os.environ.get("BENCH_PLAN_ROUNDS", "30"))
INDICATOR_ROUNDS = int(os.environ.get("BENCH_INDICATOR_ROUNDS", "100"))
GOAL_MS = 100
RESULTS = ROOT / "bench" / "RESULTS.md"


def fill() -> dict:
    from sabor.demo import lyaskovets
    from sabor.monitoring.models import Indicator, Measurement, Target
    from sabor.planning.models import Plan, PlanNode

    municipality = lyaskovets.load(hosts=[HOST])
    settlements = list(municipality.settlements.order_by("pk"))
    started = time.perf_counter()
    with transaction.atomic():
        plan = Plan.objects.create(
            municipality=municipality, slug=SLUG, short_name="Бенчмарк 2016–2027",
            title="План за бенчмарка 2016–2027", start_year=PERIODS[0], end_year=PERIODS[-1],
            status=Plan.Status.IMPLEMENTATION)

        def level(parents, count, depth):
            nodes = []
            for parent in parents:
                for position in range(1, count + 1):
                    code = f"{parent.code}.{position}" if parent else str(position)
                    path = f"{parent.path}.{position:04d}" if parent else f"{position:04d}"
                    nodes.append(PlanNode(plan=plan, parent=parent, position=position, depth=depth, code=code,
                                          path=path, title=f"Възел {code}", title_en=f"Node {code}"))
            return PlanNode.objects.bulk_create(nodes)

        goals = level([None], GOALS, 0)
        priorities = level(goals, PRIORITIES, 1)
        measures = level(priorities, MEASURES, 2)

        # Four kinds of indicator in turn; a per-indicator pace spreads them over
        # on track, behind and at risk.
        rng = random.Random(2016)
        kinds = [  # direction, aggregation, baseline, target 2020, target 2027
            (Indicator.DirectionChoice.INCREASE, Indicator.AggregationChoice.LATEST, 100, 140, 200),
            (Indicator.DirectionChoice.INCREASE, Indicator.AggregationChoice.SUM, 0, 50, 120),
            (Indicator.DirectionChoice.DECREASE, Indicator.AggregationChoice.LATEST, 200, 160, 100),
            (Indicator.DirectionChoice.DECREASE, Indicator.AggregationChoice.LATEST, 15, 12, 8),
        ]
        indicators, shapes = [], []
        for i in range(INDICATORS):
            direction, aggregation, baseline, t2020, t2027 = kinds[i % len(kinds)]
            indicators.append(Indicator(
                municipality=municipality, plan_node=measures[i % len(measures)], code=f"B{i + 1:04d}",
                name=f"Показател {i + 1}", name_en=f"Indicator {i + 1}", unit="брой",
                direction=direction, aggregation=aggregation, baseline_value=Decimal(baseline),
                baseline_year=PERIODS[0] - 1, source="Бенчмарк"))
            shapes.append((aggregation, baseline, t2020, t2027, rng.uniform(0.4, 1.2)))
        indicators = Indicator.objects.bulk_create(indicators)
        Target.objects.bulk_create(
            Target(indicator=indicator, period=period, value=Decimal(value))
            for indicator, (_a, _b, t2020, t2027, _p) in zip(indicators, shapes, strict=True)
            for period, value in ((2020, t2020), (2027, t2027)))

        now = datetime.now(UTC)
        measurements = []
        for indicator, (aggregation, baseline, _t2020, t2027, pace) in zip(indicators, shapes, strict=True):
            for period in PERIODS:
                share = (period - PERIODS[0] + 1) / len(PERIODS)
                if aggregation == Indicator.AggregationChoice.SUM:
                    total = Decimal(t2027 - baseline) / len(PERIODS) * Decimal(f"{pace:.3f}")
                else:
                    total = Decimal(baseline) + Decimal(t2027 - baseline) * Decimal(f"{share * pace:.3f}")
                total = total.quantize(Decimal("0.01"))
                for settlement in [None, *settlements]:
                    value = total if settlement is None else (total / len(settlements)).quantize(Decimal("0.01"))
                    measurements.append(Measurement(
                        indicator=indicator, period=period, settlement=settlement, value=value,
                        source="Бенчмарк", status=Measurement.Status.VERIFIED, verified_at=now))
        Measurement.objects.bulk_create(measurements, batch_size=2000)
    return {"plan": plan, "indicator": indicators[len(indicators) // 2], "nodes": len(goals + priorities + measures),
            "indicators": len(indicators), "measurements": len(measurements), "settlements": len(settlements),
            "fill_seconds": time.perf_counter() - started}


def measure(client: Client, path: str, rounds: int, *, label: str = "", before=None, expect: str | None = None,
            times: int = 1) -> dict:
    """`before` runs ahead of every request, outside the timing (e.g. to make the cache cold)."""
    before = before or (lambda: None)
    before()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    # Read the count now: later requests reset the connection's query log.
    query_count = len(queries)
    size = len(response.content)
    if expect is not None:
        found = response.content.decode().count(expect)
        assert found >= times, f"{path}: {expect!r} found {found} times, expected {times}"
    for _ in range(5):  # warm caches and connections
        before()
        client.get(path)
    timings = []
    for _ in range(rounds):
        before()
        start = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return {"path": path, "label": label, "queries": query_count, "rounds": rounds, "kb": size / 1024,
            "p50": statistics.median(timings), "p95": timings[max(0, int(len(timings) * 0.95) - 1)],
            "mean": statistics.fmean(timings)}


def data_changed(plan) -> None:
    """What follows a verified value, a new target or an edited tree: the plan page
    may no longer be served from the cache."""
    from sabor.planning import extensions

    extensions.plan_changed(plan.pk)  # the hook the services call; outside a transaction it acts at once


def profile(client: Client, path: str, plan) -> None:
    import cProfile
    import pstats

    data_changed(plan)
    profiler = cProfile.Profile()
    profiler.enable()
    client.get(path)
    profiler.disable()
    stats = pstats.Stats(profiler, stream=sys.stderr).strip_dirs()
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(25)


def main() -> None:
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        data = fill()
        # As sabor/wsgi.py does at start-up: what is alive before the first request
        # (here also the benchmark's own set-up objects) is kept out of the garbage
        # collector's scans during requests.
        gc.collect()
        gc.freeze()
        client = Client(HTTP_HOST=HOST)
        dashboard = f"/plans/{SLUG}/?year={YEAR}"
        indicator = f"/indicators/{data['indicator'].pk}/?year={YEAR}"
        rows = [measure(client, dashboard, DASHBOARD_ROUNDS, label="cold: plan data just changed",
                        before=lambda: data_changed(data["plan"]), expect='class="indicator-row"',
                        times=data["indicators"]),
                measure(client, dashboard, DASHBOARD_ROUNDS, label="cached", expect='class="indicator-row"',
                        times=data["indicators"]),
                measure(client, indicator, INDICATOR_ROUNDS, expect=data["indicator"].code)]
        if os.environ.get("BENCH_PROFILE"):
            profile(client, dashboard, data["plan"])
        data["report_seconds"] = time_annual_report(data["plan"])
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    write(rows, data)


def time_annual_report(plan) -> float:
    """Seconds to generate the annual report (DOCX and PDF, a chart per indicator) for the plan."""
    from sabor.monitoring.annual_report import generate_annual_report
    from sabor.monitoring.models import AnnualReport

    report = AnnualReport.objects.create(municipality=plan.municipality, plan=plan, year=YEAR,
                                         general_conditions="Текст.", conclusions="Текст.")
    start = time.perf_counter()
    generate_annual_report.call(report.pk)
    seconds = time.perf_counter() - start
    report.refresh_from_db()
    assert report.status == AnnualReport.Status.READY, report.error
    return seconds


def write(rows: list[dict], data: dict) -> None:
    engine = connection.vendor
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    section = [f"### Plan dashboard on {engine} — {stamp}", "",
               f"One plan of {data['nodes']} goals, priorities and measures with {data['indicators']} indicators "
               f"× {len(PERIODS)} periods ({PERIODS[0]}–{PERIODS[-1]}) × ({data['settlements']} settlements + the "
               f"whole municipality) = {data['measurements']:,} verified measurements, 2 targets each; "
               f"year {YEAR}, anonymous visitor. \"Cold\" requests follow a change of the plan's data (what "
               f"verifying a value does), so the page is computed afresh; \"cached\" ones are served from the "
               f"cache ({settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}). Objects alive before the "
               f"first request are frozen for the garbage collector, as `sabor/wsgi.py` does. "
               f"Python {platform.python_version()}, {os.cpu_count()} cores. Server time in-process (ms).", "",
               f"Generating the annual report for {YEAR} (DOCX and PDF, {data['indicators']} indicator tables "
               f"and charts): **{data['report_seconds']:.1f} s** (goal: under 10 s — "
               f"{'met' if data['report_seconds'] < 10 else 'not met'}).", "",
               "| Page | SQL queries | HTML KiB | requests | p50 ms | p95 ms | mean ms |",
               "|---|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        page = f"`{r['path']}` ({r['label']})" if r["label"] else f"`{r['path']}`"
        section.append(f"| {page} | {r['queries']} | {r['kb']:.0f} | {r['rounds']} | {r['p50']:.1f} | "
                       f"{r['p95']:.1f} | {r['mean']:.1f} |")
    verdicts = []
    for r in rows:
        if r["path"].startswith(f"/plans/{SLUG}/"):
            met = r["p95"] < GOAL_MS
            verdicts.append(f"{r['label'] or 'dashboard'}: " + (f"**met** (p95 {r['p95']:.0f} ms)" if met else
                            f"**not met** (p95 {r['p95']:.0f} ms, p50 {r['p50']:.0f} ms)"))
    section += ["", f"Goal, the dashboard under {GOAL_MS} ms at p95 — " + "; ".join(verdicts) + "."]
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    marker = f"### Plan dashboard on {engine}"
    kept = [block for block in text.split("\n\n### ") if not ("### " + block).startswith(marker)
            and not block.startswith(marker)]
    text = "\n\n### ".join(kept).rstrip() + "\n\n" + "\n".join(section) + "\n"
    RESULTS.write_text(text, encoding="utf-8")
    print(f"(benchmark data built in {data['fill_seconds']:.1f} s)")
    print("\n".join(section))


if __name__ == "__main__":
    main()
