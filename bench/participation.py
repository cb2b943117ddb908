"""Load benchmark of the participation pages under gunicorn, written to bench/RESULTS.md.

A fresh PostgreSQL test database (from DATABASE_URL, as bench/plans.py makes it) gets
the Lyaskovets demo plus BENCH_USERS people, BENCH_IDEAS ideas (100,000) with
BENCH_SUPPORTS supports (1,000,000, a long tail: a few ideas with thousands, most with
a handful), BENCH_COMMENTS comments (200,000, about a third of them replies), the
search index of every idea, and 60 forums and meetings with registrations. The rows go
in by COPY; the counters on the ideas match them.

gunicorn then serves the site (DEBUG off) on loopback, and wrk loads each page from
loopback with 8 keep-alive connections for BENCH_SECONDS, after a short warm-up. In the
same run a bare view behind the same middleware gives the floor. Goal: every page at
least a third of the floor's requests per second, with p95 under 100 ms.

Needs PostgreSQL (the issue asks for it; on SQLite it says so and does nothing) and
wrk (Debian: `apt-get install wrk`). BENCH_KEEPDB=1 keeps the filled database for the
next run (which then skips the filling), as Django's --keepdb does. BENCH_PROFILE=1 also prints (to stderr) a cProfile
of each page, taken in-process with the test client against the same database."""

from __future__ import annotations

import json
import os
import platform
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sabor.test_settings")

if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
    print("bench/participation.py: skipped, it needs PostgreSQL; run it with "
          "DATABASE_URL=postgres://postgres@127.0.0.1:5432/test make bench")
    sys.exit(0)
WRK = shutil.which("wrk")
if WRK is None:
    sys.exit("bench/participation.py needs the load generator wrk: apt-get install wrk")

import django  # noqa: E402

django.setup()

from django.core.management.color import no_style  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

HOST = "bench.test"
USERS = int(os.environ.get("BENCH_USERS", "12000"))
IDEAS = int(os.environ.get("BENCH_IDEAS", "100000"))
SUPPORTS = int(os.environ.get("BENCH_SUPPORTS", "1000000"))
COMMENTS = int(os.environ.get("BENCH_COMMENTS", "200000"))
MEETINGS = 60
THREAD = 50  # comments on the idea whose page is loaded
SECONDS = int(os.environ.get("BENCH_SECONDS", "15"))
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
WARM_UP_SECONDS = 3
CONNECTIONS = 8
WRK_THREADS = 2
WORKERS = int(os.environ.get("BENCH_WORKERS", "3"))
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
GOAL_SHARE = 1 / 3
GOAL_P95_MS = 100
RESULTS = BENCH / "RESULTS.md"

SETTLEMENT_WORDS = ["в центъра", "до училището", "край реката", "в квартала", "до читалището", "на площада"]
ACTIONS = ["Ремонт на", "Нова", "Обновяване на", "Изграждане на", "Още една", "Поддръжка на", "Озеленяване на",
           "Осветяване на", "Достъпна", "По-безопасна"]
THINGS = ["детска площадка", "пешеходна пътека", "улица", "спортна площадка", "библиотека", "автобусна спирка",
          "велосипедна алея", "градинка", "площадна чешма", "тротоарна настилка", "зала за младежи",
          "кошчета за разделно събиране", "пейка за възрастни", "паркинг за велосипеди", "здравна служба",
          "пазарна площ", "пешеходен мост", "училищен двор", "гробищен парк", "зелена класна стая"]
SENTENCES = [
    "Сегашното състояние е лошо и децата нямат къде да играят.",
    "Предлагаме **общината** да отдели средства в бюджета за следващата година.",
    "Жителите на квартала са готови да помогнат с доброволен труд.",
    "Мястото е опасно вечер, защото няма осветление.",
    "Идеята е обсъдена на срещата с кмета и получи подкрепа.",
    "Може да се кандидатства по програма на Европейския съюз.",
    "Нужни са около 40 000 лв. за материали и труд.",
    "Читалището и училището ще поддържат мястото след ремонта.",
    "Вижте снимките от миналата седмица: [албум](https://example.org/snimki).",
    "Предлагаме три етапа:\n\n1. проект\n2. обществено обсъждане\n3. изпълнение",
    "Възрастните хора трудно минават оттук с бастун или количка.",
    "През лятото няма никаква сянка и хората не спират тук.",
]
REMARKS = [
    "Напълно подкрепям идеята!", "Това е нужно от години.", "А кой ще плаща поддръжката после?",
    "Съгласен съм, но първо трябва да се оправи улицата.", "Бих помогнал с доброволен труд през уикендите.",
    "Мисля, че мястото не е подходящо, по-добре *до парка*.", "Да, и с **повече пейки**.",
    "Децата ми ходят там всеки ден и наистина е опасно.", "Има ли вече оценка на разходите?",
    "Предлагам да се включи и ремонт на осветлението.", "Подкрепям, но с участие на бизнеса.",
    "Вижте как са го направили в съседната община: https://example.org/primer",
    "Моля общината да отговори до края на месеца.", "Ето какво предлагам:\n\n- пейки\n- кошчета\n- дървета",
]
STATUSES = ["submitted"] * 70 + ["under_review"] * 12 + ["accepted"] * 6 + ["rejected"] * 6 + \
    ["merged"] * 2 + ["prioritised"] * 3 + ["in_plan"] * 1


def long_tail(total: int, items: int, exponent: float, rng: random.Random) -> list[int]:
    """`items` counts adding up to `total`, the r-th largest proportional to 1/r^exponent,
    shuffled so that size has nothing to do with age."""
    weights = [1 / (rank ** exponent) for rank in range(1, items + 1)]
    scale = total / sum(weights)
    counts = [int(w * scale) for w in weights]
    for i in range(total - sum(counts)):  # what rounding down left over
        counts[i % items] += 1
    rng.shuffle(counts)
    return counts


def copy(model, columns: list[str], rows) -> int:
    """Writes `rows` (tuples in the order of `columns`, attribute names) with COPY."""
    names = ", ".join(model._meta.get_field(c).column for c in columns)
    written = 0
    with connection.cursor() as cursor, cursor.cursor.copy(
            f"COPY {model._meta.db_table} ({names}) FROM STDIN") as stream:
        for row in rows:
            stream.write_row(row)
            written += 1
    return written


def fill() -> dict:
    from sabor.accounts.models import StakeholderGroup, User
    from sabor.demo import lyaskovets
    from sabor.participation import text
    from sabor.participation.models import Comment, Idea, IdeaTerm, Meeting, Process, Registration, Support

    municipality = lyaskovets.load(hosts=[HOST])
    started = time.perf_counter()
    rng = random.Random(2024)
    settlements = list(municipality.settlements.order_by("pk"))
    now = datetime.now(UTC)
    with transaction.atomic():
        users = User.objects.bulk_create(
            (User(email=f"bench{i}@example.org", display_name=f"Жител {i}", password="!") for i in range(USERS)),
            batch_size=5000)
        user_ids = [u.pk for u in users]
        process = Process.objects.create(municipality=municipality, slug="bench-piro", title="Подготовка на ПИРО",
                                         description="Процес за бенчмарка.")
        meetings = Meeting.objects.bulk_create(
            Meeting(municipality=municipality, process=process, kind=Meeting.Kind.MINI_FORUM,
                    title=f"Граждански форум {i + 1} {SETTLEMENT_WORDS[i % 6]}",
                    agenda="\n".join(f"{n}. {rng.choice(SENTENCES)}" for n in range(1, 6)),
                    minutes="\n\n".join(rng.choice(SENTENCES) for _ in range(8)) if i < MEETINGS // 2 else "",
                    starts_at=now + timedelta(days=(i - MEETINGS // 2) * 7),
                    ends_at=now + timedelta(days=(i - MEETINGS // 2) * 7, hours=3),
                    settlement=settlements[i % len(settlements)], address="Читалището", capacity=200,
                    invited_groups=list(StakeholderGroup.values)) for i in range(MEETINGS))
        past = meetings[: MEETINGS // 2]
        registrations = []
        for meeting in meetings:
            came = meeting in past
            for k, user_id in enumerate(rng.sample(user_ids, rng.randint(60, 180))):
                registrations.append(Registration(
                    meeting=meeting, user_id=user_id, name=f"Жител {user_id}",
                    stakeholder_group=rng.choice(StakeholderGroup.values),
                    settlement=rng.choice(settlements), created_at=meeting.starts_at - timedelta(days=10, minutes=k),
                    checked_in_at=meeting.starts_at if came and rng.random() < 0.8 else None))
        Registration.objects.bulk_create(registrations, batch_size=5000)

        # Ideas: submitted one after another over four years.
        supports = long_tail(SUPPORTS, IDEAS, 0.7, rng)
        comments = long_tail(COMMENTS, IDEAS, 0.7, rng)
        first_idea = (Idea.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        idea_ids = range(first_idea, first_idea + IDEAS)
        # The idea whose page is loaded has exactly THREAD comments; the largest thread makes up the difference.
        nearest = min(range(IDEAS), key=lambda i: abs(comments[i] - THREAD))
        largest = max((i for i in range(IDEAS) if i != nearest), key=comments.__getitem__)
        comments[largest] += comments[nearest] - THREAD
        comments[nearest] = THREAD
        page_idea = idea_ids[nearest]
        hidden = {pk for pk in idea_ids if rng.random() < 0.005} - {page_idea}
        span = timedelta(days=4 * 365) / IDEAS
        start = now - timedelta(days=4 * 365)
        ideas, terms = [], []
        known_terms: dict[str, list[str]] = {}

        def terms_of(value: str) -> list[str]:
            if value not in known_terms:
                known_terms[value] = text.terms(value)
            return known_terms[value]

        for n, pk in enumerate(idea_ids):
            title = f"{rng.choice(ACTIONS)} {rng.choice(THINGS)} {rng.choice(SETTLEMENT_WORDS)}"
            description = " ".join(rng.sample(SENTENCES, rng.randint(2, 5)))
            created = start + span * n
            ideas.append((pk, municipality.pk, process.pk if rng.random() < 0.3 else None,
                          rng.choice(past).pk if rng.random() < 0.01 else None, rng.choice(user_ids), "",
                          title, description, rng.choice(settlements).pk if rng.random() < 0.9 else None, "", "",
                          "", rng.random() < 0.05, rng.choice(STATUSES), "", supports[n], comments[n],
                          pk in hidden, "Обидно съдържание" if pk in hidden else "", created, created))
            title_terms = terms_of(title)
            terms += [(pk, t, True) for t in title_terms]
            terms += [(pk, t, False) for t in terms_of(description) if t not in title_terms]
        copy(Idea, ["id", "municipality_id", "process_id", "meeting_id", "author_id", "proposer_name", "title",
                    "description", "settlement_id", "place", "beneficiaries", "partners_needed", "ppp_potential",
                    "status", "answer", "supports_count", "comments_count", "is_hidden", "hidden_reason",
                    "created_at", "updated_at"], ideas)
        copy(IdeaTerm, ["idea_id", "term", "in_title"], terms)
        created_of = {row[0]: row[-1] for row in ideas}
        del ideas, terms

        # Distinct supporters: a stride coprime with the number of people never repeats one.
        strides = [p for p in (7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47) if USERS % p]

        def support_rows():
            for pk, count in zip(idea_ids, supports, strict=True):
                first, stride = rng.randrange(USERS), rng.choice(strides)
                created = created_of[pk]
                for k in range(count):
                    yield pk, user_ids[(first + k * stride) % USERS], created + timedelta(minutes=k)

        copy(Support, ["idea_id", "user_id", "created_at"], support_rows())

        last_comment = Comment.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

        def comment_rows():  # no queries in here: the connection is busy with COPY meanwhile
            pk = last_comment
            for idea_pk, count in zip(idea_ids, comments, strict=True):
                created = created_of[idea_pk]
                ours = []
                for k in range(count):
                    pk += 1
                    parent = rng.choice(ours) if ours and rng.random() < 0.35 else None
                    ours.append(pk)
                    body = " ".join(rng.sample(REMARKS, rng.randint(1, 3)))
                    yield (pk, idea_pk, parent, rng.choice(user_ids), body, rng.random() < 0.01,
                           rng.random() < 0.005, "", created + timedelta(hours=k + 1))

        copy(Comment, ["id", "idea_id", "parent_id", "author_id", "body", "is_official", "is_hidden",
                       "hidden_reason", "created_at"], comment_rows())
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [Idea, Comment]):
                cursor.execute(sql)
    fill_seconds = time.perf_counter() - started
    # What autovacuum would have done on a live site: planner statistics and the visibility map.
    with connection.cursor() as cursor:
        for model in (Idea, IdeaTerm, Support, Comment, Meeting, Registration, User):
            cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")
    return {"fill_seconds": fill_seconds, "vacuum_seconds": time.perf_counter() - started - fill_seconds}


def describe() -> dict:
    """The sizes of the data, and the idea and forum whose pages are loaded."""
    from django.db.models import Count, Max

    from sabor.participation.models import Comment, Idea, IdeaTerm, Meeting, Registration, Support

    ideas = Idea.objects.filter(municipality__domains__host=HOST)
    forum = (Meeting.objects.filter(municipality__domains__host=HOST, ends_at__lt=datetime.now(UTC))
             .annotate(n=Count("ideas")).order_by("-n", "pk").first())
    return {"idea": ideas.filter(comments_count=THREAD, is_hidden=False).order_by("pk").first().pk,
            "forum": forum.pk, "users": Support.objects.values("user").distinct().count(),
            "ideas": ideas.count(), "hidden": ideas.filter(is_hidden=True).count(),
            "supports": Support.objects.count(), "max_supports": ideas.aggregate(n=Max("supports_count"))["n"],
            "comments": Comment.objects.count(), "replies": Comment.objects.filter(parent__isnull=False).count(),
            "meetings": Meeting.objects.count(), "registrations": Registration.objects.count(),
            "terms": IdeaTerm.objects.count()}


def session_cookie() -> str:
    """A signed-in resident's session, for the pages that are rendered afresh for each person."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from sabor.accounts.models import User

    user = User.objects.get(email="resident@demo.sabor.bg")
    session = SessionStore()
    session[SESSION_KEY], session[HASH_SESSION_KEY] = str(user.pk), user.get_session_auth_hash()
    session[BACKEND_SESSION_KEY] = "allauth.account.auth_backends.AuthenticationBackend"
    session.create()
    return f"sessionid={session.session_key}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(database: str, port: int) -> subprocess.Popen:
    """gunicorn with the benchmark's settings, once it answers."""
    settings = connection.settings_dict
    url = f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT'] or 5432}/{database}"
    # Redis for the cache and sessions, as in production, under a prefix of this run only.
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "server_settings", "DATABASE_URL": url, "DEBUG": "0",
           "DB_CONN_MAX_AGE": "60", "PYTHONPATH": str(BENCH), "REDIS_URL": REDIS_URL,
           "CACHE_KEY_PREFIX": f"bench-{os.getpid()}-{int(time.time())}"}
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "sabor.wsgi:application", "--chdir", str(ROOT),
         "--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS), "--threads", str(THREADS),
         "--worker-class", "gthread", "--log-level", "warning"], env=env, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if fetch(port, "/bench/floor/")[0] == 200:
                return server
        except OSError:
            time.sleep(0.3)
    stop(server)
    raise RuntimeError("gunicorn did not answer within 60 s")


def stop(server: subprocess.Popen) -> None:
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def fetch(port: int, path: str, cookie: str = "") -> tuple[int, bytes]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}",
                                     headers={"Host": HOST, **({"Cookie": cookie} if cookie else {})})
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback only
        return response.status, response.read()


def load(port: int, path: str, seconds: int, cookie: str = "") -> dict:
    command = [WRK, f"-t{WRK_THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "5s",
               "-H", f"Host: {HOST}", *(["-H", f"Cookie: {cookie}"] if cookie else []),
               "-s", str(BENCH / "wrk_report.lua"), f"http://127.0.0.1:{port}{path}"]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    figures = json.loads(output.strip().splitlines()[-1])
    errors = sum(figures[k] for k in ("connect_errors", "read_errors", "write_errors", "status_errors", "timeouts"))
    return {"rps": figures["requests"] / (figures["duration_us"] / 1e6), "requests": figures["requests"],
            "errors": errors, "p50": figures["p50_us"] / 1000, "p95": figures["p95_us"] / 1000,
            "p99": figures["p99_us"] / 1000}


def queries(path: str) -> int:
    client = Client(HTTP_HOST=HOST)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200, path
    return len(captured)


def profile(path: str) -> None:
    import cProfile
    import pstats

    client = Client(HTTP_HOST=HOST)
    client.get(path)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(20):
        client.get(path)
    profiler.disable()
    print(f"\n===== profile of 20 requests to {path} =====", file=sys.stderr)
    stats = pstats.Stats(profiler, stream=sys.stderr).strip_dirs()
    stats.sort_stats("cumulative").print_stats(35)
    stats.sort_stats("tottime").print_stats(20)


def main() -> None:
    setup_test_environment()
    keep = bool(os.environ.get("BENCH_KEEPDB"))
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=keep)
    database = connection.settings_dict["NAME"]
    try:
        from sabor.participation.models import Idea

        filled = Idea.objects.exists()
        data = {"fill_seconds": None} if filled else fill()
        data |= describe()
        signed_in = session_cookie()
        pages = [("floor: a bare view behind the same middleware", "/bench/floor/", None, ""),
                 ("idea list, newest first", "/ideas/", 'class="card"', ""),
                 ("idea list, most supported first", "/ideas/?sort=supported", 'class="card"', ""),
                 (f"idea with {THREAD} comments", f"/ideas/{data['idea']}/", 'class="comment', ""),
                 ("forum page", f"/meetings/{data['forum']}/", "<h1>", ""),
                 (f"idea with {THREAD} comments, signed in (rendered afresh)", f"/ideas/{data['idea']}/",
                  'class="comment', signed_in),
                 ("idea list, signed in (rendered afresh)", "/ideas/", 'class="card"', signed_in)]
        if os.environ.get("BENCH_PROFILE"):
            for _label, path, _expect, _cookie in pages[1:5]:
                profile(path)
        connection.close()  # the server's workers are the database's clients now
        port = free_port()
        server = serve(database, port)
        rows = []
        try:
            for label, path, expect, cookie in pages:
                status, body = fetch(port, path, cookie)
                assert status == 200, (path, status)
                if expect:
                    found = body.decode().count(expect)
                    wanted = THREAD if path.startswith("/ideas/") and "comment" in expect else 1
                    assert found >= wanted, f"{path}: {expect!r} found {found} times"
                load(port, path, WARM_UP_SECONDS, cookie)
                before = os.getloadavg()[0]
                rows.append({"label": label, "path": path, "kb": len(body) / 1024, "load_before": before,
                             "signed_in": bool(cookie)} | load(port, path, SECONDS, cookie))
        finally:
            stop(server)
        for row in rows[1:]:
            if not row["signed_in"]:
                row["queries"] = queries(row["path"])
    finally:
        connection.close()
        connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=keep)
    write(rows, data)


def write(rows: list[dict], data: dict) -> None:
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    floor = rows[0]
    loads = ", ".join(f"{r['load_before']:.2f}" for r in rows)
    section = [
        f"### Participation pages under load on postgresql — {stamp}", "",
        f"{data['ideas']:,} ideas ({data['hidden']} hidden by moderators), {data['supports']:,} supports from "
        f"{data['users']:,} people (a long tail: the most supported idea has {data['max_supports']:,}), "
        f"{data['comments']:,} comments ({data['replies']:,} of them replies), {data['terms']:,} search terms, "
        f"{data['meetings']} forums and meetings with {data['registrations']:,} registrations; " + (
            f"rows written by COPY in {data['fill_seconds']:.0f} s, then VACUUM ANALYZE "
            f"({data['vacuum_seconds']:.0f} s)." if data["fill_seconds"] is not None else
            "the database of an earlier run, kept with BENCH_KEEPDB."), "",
        f"gunicorn {WORKERS} gthread workers × {THREADS} threads, DEBUG off, persistent database connections "
        f"(DB_CONN_MAX_AGE=60), on 127.0.0.1; the load from the same machine by wrk, {WRK_THREADS} threads and "
        f"{CONNECTIONS} keep-alive connections (8 concurrent clients), {SECONDS} s per page after a "
        f"{WARM_UP_SECONDS} s warm-up. Redis holds the cache and the sessions. Anonymous visitors get the public "
        f"pages from the page cache (`sabor/core/pagecache.py`: one render per version of the municipality's "
        f"participation data, moved on by every change); the signed-in rows show the pages rendered afresh. "
        f"PostgreSQL, Redis, the server and wrk share "
        f"{os.cpu_count()} cores; load average before each page: {loads}. Python {platform.python_version()}. "
        f"Latency is measured by wrk at the client, so it includes the loopback network.", "",
        "| Page | SQL queries | HTML KiB | requests/s | of the floor | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        share = r["rps"] / floor["rps"]
        section.append(f"| {r['label']}: `{r['path']}` | {r.get('queries', '–')} | {r['kb']:.0f} | "
                       f"{r['rps']:.0f} | {share:.0%} | {r['p50']:.1f} | {r['p95']:.1f} | {r['p99']:.1f} | "
                       f"{r['errors']} of {r['requests']:,} |")
    section += ["", f"Goal, each page at least a third of the floor's throughput with p95 under {GOAL_P95_MS} ms "
                    f"at {CONNECTIONS} concurrent clients:", ""]
    for r in rows[1:]:
        if r["signed_in"]:
            continue  # the goal is for the public pages; signed-in pages are shown for what they cost
        share = r["rps"] / floor["rps"]
        met = share >= GOAL_SHARE and r["p95"] < GOAL_P95_MS and r["errors"] == 0
        section.append(f"- {r['label']}: **{'met' if met else 'not met'}** ({share:.0%} of the floor, "
                       f"p95 {r['p95']:.0f} ms, {r['errors']} errors)")
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    marker = "### Participation pages under load on postgresql"
    kept = [block for block in text.split("\n\n### ") if not ("### " + block).startswith(marker)
            and not block.startswith(marker)]
    text = "\n\n### ".join(kept).rstrip() + "\n\n" + "\n".join(section) + "\n"
    RESULTS.write_text(text, encoding="utf-8")
    print("\n".join(section))


if __name__ == "__main__":
    main()
