"""Load test: locust (headless, bench/locustfile.py, where the user model is described)
with 50 users, staff browsing and the public posting the report form, against gunicorn as
the product runs it: gthread workers, sessions and the rate limit in a shared Redis cache.

Variables: BENCH_LOAD_SECONDS (run time, default 300), BENCH_LOAD_USERS (default 50),
BENCH_LOAD_SPAWN_RATE (users that start per second, default 1: fifty logins spread over
the first minute, not crowded into five seconds), BENCH_LOAD_MAX_REQUESTS (the run stops
earlier after this many, default 200000); the server: BENCH_LOAD_WORKER_CLASS (gthread),
BENCH_LOAD_WORKERS (2), BENCH_LOAD_THREADS (4); the pace of the users: see the locustfile.
Reported from locust's CSV: the number of errors, requests per second, per kind of request
the latency (min / median / p95 / max over all its requests, goal p95 ≤ 500 ms except the
login itself), and the CPU time per request of the app server, the database and locust.
"""

import contextlib
import csv
import io
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import server
from .common import Context, summary

SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "300"))
USERS = int(os.environ.get("BENCH_LOAD_USERS", "50"))
SPAWN_RATE = float(os.environ.get("BENCH_LOAD_SPAWN_RATE", "1"))
MAX_REQUESTS = int(os.environ.get("BENCH_LOAD_MAX_REQUESTS", "200000"))
WORKER_CLASS = os.environ.get("BENCH_LOAD_WORKER_CLASS", "gthread")
WORKERS = int(os.environ.get("BENCH_LOAD_WORKERS", "2"))
THREADS = int(os.environ.get("BENCH_LOAD_THREADS", "4"))
REDIS_DB = 12
LOCUSTFILE = Path(__file__).with_name("locustfile.py")
# Every page's goal; the login hashes the password on purpose slowly (PBKDF2).
P95_GOAL_MS = 500
LOGIN = "POST /accounts/login/ (inloggen)"

SETUP = """
import json, os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()
from django.contrib.auth.models import Group, User
from dossieroverleg.models import Dossier
from dossieroverleg.selectors import visible_dossiers
from regio.models import Gemeente
from regio.roles import Rol
dossiers = Dossier.objects.all()
for rol in (Rol.HANDHAVER, Rol.MELDPUNT, Rol.TEAMLEIDER):
    user, _ = User.objects.get_or_create(username=f"bench-{rol}")
    user.email = f"bench-{rol}@example.org"
    user.set_password(os.environ["BENCH_LOAD_PASSWORD"])
    user.save()
    user.groups.set([Group.objects.get(name=rol)])
    # Dossiers each role may open: a page that is refused would not measure the page.
    dossiers = dossiers.filter(pk__in=visible_dossiers(user).values("pk"))
print(json.dumps({
    "dossiers": list(dossiers.order_by("?").values_list("pk", flat=True)[:200]),
    "gemeenten": list(Gemeente.objects.values_list("pk", flat=True)),
}))
"""


def setting() -> str:
    threads = f" × {THREADS} threads" if WORKER_CLASS == "gthread" else ""
    return f"gunicorn {WORKERS} {WORKER_CLASS}-workers{threads}"


def server_options() -> dict:
    return {"workers": WORKERS, "worker_class": WORKER_CLASS, "threads": THREADS}


def server_env(*, cache_db: int, broker_db: int) -> dict:
    """The app server's environment in the load measurements: a shared Redis cache (the
    sessions, the rate limit), a broker nobody reads (mails are measured in bench.mail),
    and database connections that last the run, so that the CPU time of their backends
    can be read at the end."""
    return {
        "TWO_FACTOR_REQUIRED": "false",
        "PUBLIC_FORM_RATE": "100000/h",
        "CACHE_URL": f"redis://127.0.0.1:6379/{cache_db}",
        "CELERY_BROKER_URL": f"redis://127.0.0.1:6379/{broker_db}",
        "DATABASE_CONN_MAX_AGE": str(SECONDS + 600),
    }


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time of these processes and all their children."""
    import psutil

    total = 0.0
    for pid in pids:
        with contextlib.suppress(psutil.NoSuchProcess):
            process = psutil.Process(pid)
            for p in [process, *process.children(recursive=True)]:
                with contextlib.suppress(psutil.NoSuchProcess):
                    times = p.cpu_times()
                    total += times.user + times.system
    return total


def backend_pids(ctx: Context) -> list[int]:
    """The PostgreSQL server processes connected to the benchmark database."""
    out = subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-Atc",
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()",
            ctx.database,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [int(pid) for pid in out.split()]


def run_locust(
    ctx: Context,
    *,
    hosts: list[str],
    servers: list[int],
    setup: dict,
    password: str,
    seconds: int = SECONDS,
    users: int = USERS,
) -> dict:
    """Run locust with ``users`` users for ``seconds`` against ``hosts`` until it stops
    by itself; returns its statistics and failures, and the CPU seconds that the servers
    (process ids ``servers``), the database backends and locust itself used."""
    workdir = Path(tempfile.mkdtemp(prefix="bench-locust-"))
    prefix = workdir / "load"
    log = workdir / "locust.log"
    env = {
        **os.environ,
        "BENCH_LOAD_PASSWORD": password,
        "BENCH_LOAD_DOSSIERS": ",".join(map(str, setup["dossiers"])),
        "BENCH_LOAD_GEMEENTEN": ",".join(map(str, setup["gemeenten"])),
        "BENCH_LOAD_MAX_REQUESTS": str(MAX_REQUESTS),
        "BENCH_LOAD_HOSTS": ",".join(hosts),
    }
    started_cpu = cpu_seconds(servers)
    locust = server.start(
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(LOCUSTFILE),
            "--headless",
            "-u",
            str(users),
            "-r",
            str(SPAWN_RATE),
            "--run-time",
            f"{seconds}s",
            "--stop-timeout",
            "10",
            "--host",
            hosts[0],
            "--csv",
            str(prefix),
            "--only-summary",
        ],
        env,
        log,
    )
    locust_cpu = 0.0
    try:
        deadline = time.monotonic() + seconds + 120
        while locust.poll() is None and time.monotonic() < deadline:
            # The last reading before it stops is (within a second) its whole use.
            locust_cpu = cpu_seconds([locust.pid]) or locust_cpu
            time.sleep(1)
    finally:
        server.stop(locust)
    cpu = {
        "app": cpu_seconds(servers) - started_cpu,
        "database": cpu_seconds(backend_pids(ctx)),
        "locust": locust_cpu,
    }
    stats_file = Path(f"{prefix}_stats.csv")
    if not stats_file.exists():
        raise RuntimeError(f"locust wrote no statistics:\n{log.read_text()[-3000:]}")
    failures_file = Path(f"{prefix}_failures.csv")
    failures = parse_failures(failures_file.read_text()) if failures_file.exists() else []
    return {"stats": parse_stats(stats_file.read_text()), "failures": failures, "cpu": cpu}


def parse_stats(text: str) -> list[dict]:
    """Locust's ``<prefix>_stats.csv`` as one dict per kind of request (the aggregate last,
    with ``Name`` ``Aggregated``); numbers as floats."""
    rows = []
    for raw in csv.DictReader(io.StringIO(text)):
        row = {}
        for key, value in raw.items():
            try:
                row[key] = float(value)
            except (TypeError, ValueError):
                row[key] = value
        rows.append(row)
    return rows


def parse_failures(text: str) -> list[str]:
    """Locust's ``<prefix>_failures.csv`` as lines ``<count>× <method> <name>: <error>``."""
    return [
        f"{row['Occurrences']}× {row['Method']} {row['Name']}: {row['Error']}"
        for row in csv.DictReader(io.StringIO(text))
    ]


def rows_from_stats(
    stats: list[dict],
    failures: list[str],
    *,
    setting: str,
    cpu: dict | None = None,
    key: str = "belasting",
    label: str = "belastingstest",
) -> list[dict]:
    total = next(row for row in stats if row["Name"] == "Aggregated")
    errors = int(total["Failure Count"])
    requests = int(total["Request Count"])
    rows = [
        {
            "sleutel": f"{key}_fouten",
            "meting": f"{label}: fouten ({setting})",
            "eenheid": "fouten",
            **summary([errors], 0),
            "doel": "0 fouten",
            "gehaald": errors == 0,
            "noot": "; ".join(failures[:5]) if failures else "",
        },
        {
            "sleutel": f"{key}_verzoeken_per_s",
            "meting": f"{label}: verzoeken per seconde ({setting})",
            "eenheid": "verzoeken/s",
            **summary([total["Requests/s"]], 1),
            "doel": "ter informatie",
            "gehaald": None,
            "noot": f"{requests} verzoeken in totaal",
        },
    ]
    if cpu and requests:
        per_request = {part: round(1000 * seconds / requests, 1) for part, seconds in cpu.items()}
        rows.append(
            {
                "sleutel": f"{key}_cpu_ms_per_verzoek",
                "meting": f"{label}: CPU-tijd per verzoek, app-server + database",
                "eenheid": "ms",
                **summary([per_request["app"] + per_request["database"]], 1),
                "doel": "ter informatie",
                "gehaald": None,
                "cpu_ms": per_request,
                "noot": f"app-server {per_request['app']} ms, database "
                f"{per_request['database']} ms, locust zelf {per_request['locust']} ms per "
                f"verzoek ({round(cpu['locust'], 1)} s CPU in de hele run)",
            }
        )
    for row in stats:
        if row["Name"] == "Aggregated" or not row["Request Count"]:
            continue
        rows.append(latency_row(row, key=key, label=label))
    rows.append(latency_row(total, name="alle verzoeken", key=key, label=label))
    return rows


def latency_row(
    row: dict, name: str | None = None, *, key: str = "belasting", label: str = "belastingstest"
) -> dict:
    """One kind of request: locust's min, median (50%), 95% and max, in ms; ``runs`` is the
    number of requests of that kind. Locust rounds its percentiles (to two significant
    digits above 100 ms), so the p95 is capped at the exact maximum. Each page's goal is a
    p95 of at most 500 ms; the login, which hashes a password, only informs."""
    kind = name or f"{row['Type']} {row['Name']}"
    slug = "".join(c if c.isalnum() else "_" for c in kind.lower()).strip("_")
    p95 = round(min(row["95%"], row["Max Response Time"]))
    informs = kind == LOGIN
    return {
        "sleutel": f"{key}_latentie_{slug}",
        "meting": f"{label}: responstijd {kind}",
        "eenheid": "ms",
        "min": round(row["Min Response Time"]),
        "mediaan": round(row["50%"]),
        "p95": p95,
        "max": round(row["Max Response Time"]),
        "runs": int(row["Request Count"]),
        "doel": "ter informatie" if informs else f"p95 ≤ {P95_GOAL_MS} ms",
        "gehaald": None if informs else p95 <= P95_GOAL_MS,
    }


def measure(ctx: Context) -> list[dict]:
    password = secrets.token_urlsafe(18)
    setup = json.loads(ctx.python("-c", SETUP, BENCH_LOAD_PASSWORD=password))
    env = server_env(cache_db=server.CACHE_DB, broker_db=REDIS_DB)
    for db in (REDIS_DB, server.CACHE_DB):
        server.flush_redis(db)
    try:
        with server.serve(ctx, **server_options(), **env) as (base, process):
            result = run_locust(
                ctx, hosts=[base], servers=[process.pid], setup=setup, password=password
            )
    finally:
        for db in (REDIS_DB, server.CACHE_DB):
            server.flush_redis(db)
    setting_text = f"{USERS} gebruikers, {SECONDS} s, {setting()}"
    return rows_from_stats(
        result["stats"], result["failures"], setting=setting_text, cpu=result["cpu"]
    )
