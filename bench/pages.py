"""Staff pages and API reads at full volume: latency (median, p95) and the number of SQL
queries per page, which must not grow with the data: measured again on a database with a
hundred rows of each, and compared."""

import json

from .common import Context, summary

SCRIPT = r"""
import os, json, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["TWO_FACTOR_REQUIRED"] = "false"
import django
django.setup()
from django.conf import settings
settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from dossieroverleg.models import Dossier
from regio.models import Zorgaanbieder

User = get_user_model()
clients = {}
for role in ("handhaver", "meldpunt"):
    user, _ = User.objects.get_or_create(username=f"bench-{role}")
    user.groups.set([Group.objects.get(name=role)])
    clients[role] = Client()
    clients[role].force_login(user)
dossier = Dossier.objects.exclude(status="afgesloten").order_by("pk").first()
provider = Zorgaanbieder.objects.order_by("pk").first()
# Each page as the role that works with it: need to know applies to it (a team lead, who
# sees every dossier, would not show its cost).
pages = {
    "werkvoorraad handhaving": ("handhaver", "/werk-handhaving/queue/"),
    "mijn taken": ("handhaver", "/werk-handhaving/inbox/"),
    "werkvoorraad meldingen": ("meldpunt", "/werk-meldingen/queue/"),
    "meldingenlijst": ("meldpunt", "/meldpunt/meldingen/"),
    "termijnenoverzicht": ("handhaver", "/handhaving/termijnen/"),
    "dossierpagina": ("handhaver", f"/handhaving/dossier/{dossier.pk}/"),
    "dossierlijst met filters": (
        "handhaver",
        "/handhaving/dossiers/?status=in_onderzoek&gemeente=GM0268&prioriteit=normaal",
    ),
    "zorgaanbiederpagina": ("meldpunt", f"/meldpunt/zorgaanbieder/{provider.pk}/"),
    "API dossier": ("handhaver", f"/api/v1/dossiers/{dossier.nummer}/"),
    "API termijnen": ("handhaver", "/api/v1/termijnen/?staat=verlopen"),
}
out = {}
for label, (role, url) in pages.items():
    client = clients[role]
    for _ in range(3):
        client.get(url)  # warm caches
    times, queries, status = [], [], 0
    for _ in range({runs}):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        queries.append(len(ctx.captured_queries))
        status = response.status_code
    out[label] = {
        "times": times, "queries": max(queries), "status": status, "url": url, "rol": role
    }
print(json.dumps(out))
"""


def _measure(ctx: Context, runs: int) -> dict:
    return json.loads(ctx.python("-c", SCRIPT.replace("{runs}", str(runs))))


def measure(ctx: Context) -> list[dict]:
    full = _measure(ctx, max(ctx.runs * 6, 30))
    small_ctx = Context(
        database=f"{ctx.database}_klein", runs=ctx.runs, meldingen=100, dossiers=100
    )
    from .run import prepare

    prepare(small_ctx)
    small = _measure(small_ctx, 5)
    rows = []
    for label, data in full.items():
        row = summary(data["times"], digits=1)
        grows = data["queries"] != small[label]["queries"]
        ok = data["status"] == 200 and row["p95"] <= 100 and data["queries"] <= 20 and not grows
        rows.append(
            {
                "sleutel": f"pagina_{label.replace(' ', '_')}_ms",
                "meting": f"{label} (`{data['url'].split('?')[0]}`, als {data['rol']}), "
                f"{data['queries']} queries",
                "eenheid": "ms",
                **row,
                "queries": data["queries"],
                "queries_bij_100": small[label]["queries"],
                "doel": "p95 ≤ 100 ms, ≤ 20 queries, gelijk bij 100 rijen",
                "gehaald": ok,
                "noot": (
                    f"{data['queries']} queries bij volle omvang, "
                    f"{small[label]['queries']} bij 100 rijen"
                    + ("" if data["status"] == 200 else f"; status {data['status']}")
                ),
            }
        )
    return rows
