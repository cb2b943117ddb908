"""Server-side timings of the foundation's pages, written to bench/RESULTS.md.

Runs in-process with Django's test client against a fresh test database
(SQLite in memory by default, PostgreSQL when DATABASE_URL says so), filled with
the Lyaskovets demo plus BENCH_PEOPLE people and BENCH_ORGANISATIONS organisations.
Timings cover the whole request through the middleware, not the network."""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sabor.test_settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

PEOPLE = int(os.environ.get("BENCH_PEOPLE", "2000"))
ORGANISATIONS = int(os.environ.get("BENCH_ORGANISATIONS", "300"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "100"))
RESULTS = ROOT / "bench" / "RESULTS.md"


def fill():
    from sabor.accounts.models import Membership, Organisation, Role, RoleAssignment, User
    from sabor.accounts.testing import make_member
    from sabor.demo import lyaskovets

    municipality = lyaskovets.load(hosts=["bench.test"])
    users = User.objects.bulk_create(
        User(email=f"bench{i}@example.org", display_name=f"Жител {i}", password="!") for i in range(PEOPLE))
    settlements = list(municipality.settlements.all())
    memberships = Membership.objects.bulk_create(
        Membership(user=user, municipality=municipality, settlement=settlements[i % len(settlements)])
        for i, user in enumerate(users))
    RoleAssignment.objects.bulk_create(RoleAssignment(membership=m, role=Role.RESIDENT) for m in memberships)
    Organisation.objects.bulk_create(
        Organisation(municipality=municipality, name=f"Сдружение {i}", kind=Organisation.Kind.NGO,
                     settlement=settlements[i % len(settlements)]) for i in range(ORGANISATIONS))
    staff = make_member(municipality, Role.STAFF, Role.ADMINISTRATOR, Role.ME_OFFICER)
    return staff


def measure(client: Client, path: str) -> dict:
    with CaptureQueriesContext(connection) as queries:
        status = client.get(path).status_code
    assert status == 200, (path, status)
    # Read the count now: later requests reset the connection's query log.
    query_count = len(queries)
    for _ in range(10):  # warm caches and connections
        client.get(path)
    timings = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return {"path": path, "queries": query_count, "p50": statistics.median(timings),
            "p95": timings[int(len(timings) * 0.95) - 1], "mean": statistics.fmean(timings)}


def main() -> None:
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        staff = fill()
        anonymous = Client(HTTP_HOST="bench.test")
        signed_in = Client(HTTP_HOST="bench.test")
        signed_in.force_login(staff, backend="allauth.account.auth_backends.AuthenticationBackend")
        rows = [measure(anonymous, "/"), measure(anonymous, "/organisations/"),
                measure(anonymous, "/accounts/login/"), measure(signed_in, "/office/"),
                measure(signed_in, "/office/people/"), measure(signed_in, "/office/organisations/"),
                measure(signed_in, "/office/audit/")]
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    write(rows)


def write(rows: list[dict]) -> None:
    engine = connection.vendor
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    section = [f"### Foundation pages on {engine} — {stamp}", "",
               f"{PEOPLE} people, {ORGANISATIONS} organisations, {ROUNDS} requests per page, "
               f"Python {platform.python_version()}, {os.cpu_count()} cores. Server time in-process (ms).", "",
               "| Page | SQL queries | p50 ms | p95 ms | mean ms |", "|---|---:|---:|---:|---:|"]
    section += [f"| `{r['path']}` | {r['queries']} | {r['p50']:.1f} | {r['p95']:.1f} | {r['mean']:.1f} |"
                for r in rows]
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    marker = f"### Foundation pages on {engine}"
    kept = [block for block in text.split("\n\n### ") if not ("### " + block).startswith(marker)
            and not block.startswith(marker)]
    text = "\n\n### ".join(kept).rstrip() + "\n\n" + "\n".join(section) + "\n"
    RESULTS.write_text(text, encoding="utf-8")
    print("\n".join(section))


if __name__ == "__main__":
    main()
