"""Load test: locust (headless, bench/locustfile.py) with 50 users, staff browsing and the
public posting the report form, against gunicorn with 2 sync workers.

Variables: BENCH_LOAD_SECONDS (run time, default 300), BENCH_LOAD_USERS (default 50),
BENCH_LOAD_MAX_REQUESTS (the run stops earlier after this many, default 200000). Reported
from locust's CSV: the number of errors, requests per second, and per kind of request
the latency (min / median / p95 / max over all its requests).
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
from pathlib import Path

from . import server
from .common import Context, summary

SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "300"))
USERS = int(os.environ.get("BENCH_LOAD_USERS", "50"))
MAX_REQUESTS = int(os.environ.get("BENCH_LOAD_MAX_REQUESTS", "200000"))
SPAWN_RATE = 10
REDIS_DB = 12
LOCUSTFILE = Path(__file__).with_name("locustfile.py")

SETUP = """
import json, os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()
from django.contrib.auth.models import Group, User
from dossieroverleg.models import Dossier
from regio.models import Gemeente
from regio.roles import Rol
for rol in (Rol.HANDHAVER, Rol.MELDPUNT, Rol.TEAMLEIDER):
    user, _ = User.objects.get_or_create(username=f"bench-{rol}")
    user.email = f"bench-{rol}@example.org"
    user.set_password(os.environ["BENCH_LOAD_PASSWORD"])
    user.save()
    user.groups.set([Group.objects.get(name=rol)])
print(json.dumps({
    "dossiers": list(Dossier.objects.order_by("?").values_list("pk", flat=True)[:200]),
    "gemeenten": list(Gemeente.objects.values_list("pk", flat=True)),
}))
"""


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


def rows_from_stats(stats: list[dict], failures: list[str], *, setting: str) -> list[dict]:
    total = next(row for row in stats if row["Name"] == "Aggregated")
    errors = int(total["Failure Count"])
    rows = [
        {
            "sleutel": "belasting_fouten",
            "meting": f"belastingstest: fouten ({setting})",
            "eenheid": "fouten",
            **summary([errors], 0),
            "doel": "0 fouten",
            "gehaald": errors == 0,
            "noot": "; ".join(failures[:5]) if failures else "",
        },
        {
            "sleutel": "belasting_verzoeken_per_s",
            "meting": f"belastingstest: verzoeken per seconde ({setting})",
            "eenheid": "verzoeken/s",
            **summary([total["Requests/s"]], 1),
            "doel": "ter informatie",
            "gehaald": None,
            "noot": f"{int(total['Request Count'])} verzoeken in totaal",
        },
    ]
    for row in stats:
        if row["Name"] == "Aggregated" or not row["Request Count"]:
            continue
        rows.append(latency_row(row))
    rows.append(latency_row(total, name="alle verzoeken"))
    return rows


def latency_row(row: dict, name: str | None = None) -> dict:
    """One kind of request: locust's min, median (50%), 95% and max, in ms; ``runs`` is the
    number of requests of that kind. Locust rounds its percentiles (to two significant
    digits above 100 ms), so the p95 is capped at the exact maximum."""
    label = name or f"{row['Type']} {row['Name']}"
    key = "".join(c if c.isalnum() else "_" for c in label.lower()).strip("_")
    return {
        "sleutel": f"belasting_latentie_{key}",
        "meting": f"belastingstest: responstijd {label}",
        "eenheid": "ms",
        "min": round(row["Min Response Time"]),
        "mediaan": round(row["50%"]),
        "p95": round(min(row["95%"], row["Max Response Time"])),
        "max": round(row["Max Response Time"]),
        "runs": int(row["Request Count"]),
        "doel": "ter informatie",
        "gehaald": None,
    }


def measure(ctx: Context) -> list[dict]:
    password = secrets.token_urlsafe(18)
    setup = json.loads(ctx.python("-c", SETUP, BENCH_LOAD_PASSWORD=password))
    workdir = Path(tempfile.mkdtemp(prefix="bench-locust-"))
    prefix = workdir / "load"
    log = workdir / "locust.log"
    server.flush_redis(REDIS_DB)
    locust = None
    try:
        with server.gunicorn(
            ctx,
            TWO_FACTOR_REQUIRED="false",
            PUBLIC_FORM_RATE="100000/h",
            CELERY_BROKER_URL=f"redis://127.0.0.1:6379/{REDIS_DB}",
        ) as base:
            env = {
                **os.environ,
                "BENCH_LOAD_PASSWORD": password,
                "BENCH_LOAD_DOSSIERS": ",".join(map(str, setup["dossiers"])),
                "BENCH_LOAD_GEMEENTEN": ",".join(map(str, setup["gemeenten"])),
                "BENCH_LOAD_MAX_REQUESTS": str(MAX_REQUESTS),
            }
            locust = server.start(
                [
                    sys.executable,
                    "-m",
                    "locust",
                    "-f",
                    str(LOCUSTFILE),
                    "--headless",
                    "-u",
                    str(USERS),
                    "-r",
                    str(SPAWN_RATE),
                    "--run-time",
                    f"{SECONDS}s",
                    "--stop-timeout",
                    "10",
                    "--host",
                    base,
                    "--csv",
                    str(prefix),
                    "--only-summary",
                ],
                env,
                log,
            )
            # Stopped in finally if it overruns; whatever it wrote is reported.
            with contextlib.suppress(subprocess.TimeoutExpired):
                locust.wait(SECONDS + 120)
    finally:
        if locust is not None:
            server.stop(locust)
        server.flush_redis(REDIS_DB)
    stats_file = Path(f"{prefix}_stats.csv")
    if not stats_file.exists():
        raise RuntimeError(f"locust wrote no statistics:\n{log.read_text()[-3000:]}")
    failures_file = Path(f"{prefix}_failures.csv")
    failures = parse_failures(failures_file.read_text()) if failures_file.exists() else []
    setting = f"{USERS} gebruikers, {SECONDS} s, gunicorn 2 sync workers"
    return rows_from_stats(parse_stats(stats_file.read_text()), failures, setting=setting)
