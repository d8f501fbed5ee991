"""API intake throughput: reports accepted per second through ``POST /api/v1/meldingen/``
on gunicorn (2 sync workers), against a bare view that does one INSERT in the same server;
then the worker's half (ADR 12): the accepted reports processed, none left behind.

The ratio of the two says what the intake costs on top of what any request that writes a
row costs in this stack (middleware, a connection, a commit). Variables:
BENCH_INTAKE_REQUESTS (per run, default 2000) and BENCH_INTAKE_THREADS (default 8).
"""

import itertools
import json
import os
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import requests

from . import server
from .common import Context, summary

REQUESTS = int(os.environ.get("BENCH_INTAKE_REQUESTS", "2000"))
THREADS = int(os.environ.get("BENCH_INTAKE_THREADS", "8"))
WARM_UP = 40
# Acknowledgements to the reporter go to the broker as in production; nobody consumes
# them here and the database is flushed after the run.
REDIS_DB = 14
BROKER = f"redis://127.0.0.1:6379/{REDIS_DB}"

SETUP = """
import json, os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
django.setup()
from django.contrib.auth.models import Group, User
from django.db import connection
from rest_framework.authtoken.models import Token
from bench.bare_urls import CREATE_TABLE
from regio.models import Contract
from regio.roles import Rol
user, _ = User.objects.get_or_create(username="bench-koppeling")
user.groups.set([Group.objects.get(name=Rol.KOPPELING)])
token, _ = Token.objects.get_or_create(user=user)
contract = Contract.objects.filter(gemeenten__isnull=False).order_by("referentie").first()
with connection.cursor() as cursor:
    cursor.execute(CREATE_TABLE)
print(json.dumps({
    "token": token.key,
    "zorgaanbieder": contract.zorgaanbieder_id,
    "domein": contract.domein,
    "contract": contract.referentie,
    "gemeente": contract.gemeenten.order_by("code").first().code,
}))
"""


# The worker's half (ADR 12): every report the runs accepted, processed as a worker does,
# in one process; how many per second, and that none is left open.
WORKER = """
import json, os, time, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()
from unittest import mock
from meldpunt import services
from meldpunt.models import Melding
open_before = Melding.objects.filter(verwerking_open=True).count()
start = time.perf_counter()
with mock.patch("notifications.tasks.enqueue"):
    done = 0
    while n := services.process_open(limit=500):
        done += n
seconds = time.perf_counter() - start
print(json.dumps({"open": open_before, "done": done, "seconds": seconds,
                  "left": Melding.objects.filter(verwerking_open=True).count()}))
"""


def payload(setup: dict) -> dict:
    """A complete report as a municipal form would hand it over, with a reporter who gets
    an acknowledgement."""
    return {
        "kanaal": "api",
        "omschrijving": "Cliënten krijgen hun medicatie niet op tijd (benchmark).",
        "domein": setup["domein"],
        "aard": "kwaliteit",
        "zorgaanbieder": {"id": setup["zorgaanbieder"]},
        "vestiging_gemeente": setup["gemeente"],
        "contracten": [setup["contract"]],
        "melder": {"naam": "Bench Melder", "email": "melder@example.org", "anoniem": False},
    }


def hammer(url: str, *, total: int, threads: int, headers: dict, body: dict | None) -> tuple:
    """``total`` POSTs to ``url`` from ``threads`` threads with a keep-alive session each;
    returns (seconds, Counter of non-2xx statuses or exception names)."""
    tickets = itertools.count()
    errors: Counter = Counter()
    lock = threading.Lock()

    def client() -> None:
        with requests.Session() as session:
            session.headers.update(headers)
            while next(tickets) < total:
                try:
                    response = session.post(
                        url,
                        json=body,
                        headers={"Idempotency-Key": uuid.uuid4().hex},
                        timeout=60,
                    )
                    failed = None if 200 <= response.status_code < 300 else response.status_code
                except requests.RequestException as exc:
                    failed = type(exc).__name__
                if failed is not None:
                    with lock:
                        errors[failed] += 1

    started = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        for future in [pool.submit(client) for _ in range(threads)]:
            future.result()
    return time.perf_counter() - started, errors


def describe(errors: Counter) -> str:
    if not errors:
        return "0 fouten"
    detail = ", ".join(f"{status}: {count}" for status, count in sorted(errors.items(), key=str))
    return f"{sum(errors.values())} fouten ({detail})"


def measure(ctx: Context) -> list[dict]:
    setup = json.loads(ctx.python("-c", SETUP))
    api_headers = {"Authorization": f"Token {setup['token']}"}
    body = payload(setup)
    intake, bare = [], []
    intake_errors: Counter = Counter()
    bare_errors: Counter = Counter()
    server.flush_redis(REDIS_DB)
    try:
        with server.gunicorn(ctx, CELERY_BROKER_URL=BROKER) as base:
            api, yardstick = f"{base}/api/v1/meldingen/", f"{base}/bench/bare/"
            hammer(api, total=WARM_UP, threads=THREADS, headers=api_headers, body=body)
            hammer(yardstick, total=WARM_UP, threads=THREADS, headers={}, body=None)
            for _ in range(ctx.runs):
                seconds, errors = hammer(
                    api, total=REQUESTS, threads=THREADS, headers=api_headers, body=body
                )
                intake.append(REQUESTS / seconds)
                intake_errors += errors
                seconds, errors = hammer(
                    yardstick, total=REQUESTS, threads=THREADS, headers={}, body=None
                )
                bare.append(REQUESTS / seconds)
                bare_errors += errors
    finally:
        server.flush_redis(REDIS_DB)
    worker = json.loads(ctx.python("-c", WORKER))
    return rows(intake, bare, intake_errors=intake_errors, bare_errors=bare_errors) + [
        worker_row(worker)
    ]


def worker_row(worker: dict) -> dict:
    rate = worker["done"] / worker["seconds"] if worker["seconds"] else 0.0
    return {
        "sleutel": "intake_worker_per_s",
        "meting": "verwerking van geaccepteerde meldingen door de worker (1 proces)",
        "eenheid": "meldingen/s",
        **summary([rate], 1),
        "doel": "alles verwerkt, niets blijft liggen",
        "gehaald": worker["left"] == 0 and worker["done"] == worker["open"],
        "noot": f"{worker['done']} van {worker['open']} verwerkt in {worker['seconds']:.1f} s "
        "(historie, werkstroom, registratie, ontvangstbevestiging in de outbox, audit); "
        f"daarna open: {worker['left']}",
    }


def rows(
    intake: list[float], bare: list[float], *, intake_errors: Counter, bare_errors: Counter
) -> list[dict]:
    """The report rows from the per-run rates (paired: run i of each in the same order)."""
    ratio = [b / i for b, i in zip(bare, intake, strict=True)]
    setting = f"{REQUESTS} verzoeken × {len(intake)}, {THREADS} clients, gunicorn 2 sync workers"
    intake_row = summary(intake, 1)
    ratio_row = summary(ratio, 2)
    return [
        {
            "sleutel": "api_intake_per_s",
            "meting": f"API-intake, POST /api/v1/meldingen/ ({setting})",
            "eenheid": "meldingen/s",
            **intake_row,
            "doel": "≥ 300 meldingen/s, zonder fouten",
            "gehaald": intake_row["mediaan"] >= 300 and not intake_errors,
            "noot": f"API-intake: {describe(intake_errors)}; elke melding met een eigen "
            "Idempotency-Key gevalideerd, opgeslagen, genummerd (zonder gaten) en aan de "
            "worker aangeboden via de broker (ADR 12); wat de worker daarna doet staat in "
            "de rij 'verwerking door de worker'",
        },
        {
            "sleutel": "kale_insert_per_s",
            "meting": "kale Django-view met één INSERT (zelfde server, maatstaf)",
            "eenheid": "inserts/s",
            **summary(bare, 1),
            "doel": "maatstaf, zonder fouten",
            "gehaald": None if not bare_errors else False,
            "noot": f"kale view: {describe(bare_errors)}",
        },
        {
            "sleutel": "intake_kostenverhouding",
            "meting": "kostenverhouding kale insert / API-intake (per run)",
            "eenheid": "×",
            **ratio_row,
            "doel": "≤ 2,5×",
            "gehaald": ratio_row["mediaan"] <= 2.5 and not (intake_errors or bare_errors),
        },
    ]
