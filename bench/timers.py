"""The term watch: 100k watched terms of which 1k are due; how long one sweep
(``termijnen.bewaking.sweep``, what ``manage.py termijnen_bewaken`` and Celery beat run)
takes to send their reminders: the history lines, the mails in the outbox and the signals
included."""

import json

from .common import Context, summary

SCRIPT = r"""
import os, json, time, datetime
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import django
django.setup()
from unittest import mock
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from dossieroverleg.models import Dossier
from notifications.models import Notificatie
from termijnen import bewaking
from termijnen.models import Termijn

runs, total, due = {runs}, {total}, {due}
owner, _ = get_user_model().objects.get_or_create(username="bench-eigenaar")
owner.email = "eigenaar@rob.example.org"
owner.save()
now = timezone.now()
dossier_ids = list(Dossier.objects.exclude(status="afgesloten").values_list("pk", flat=True)[:2000])


def terms(count, moment):
    # Re-inspection dates two days ahead: their reminder moment has come (three working
    # days before); ``moment`` is when the sweep looks next.
    day = timezone.localdate() + datetime.timedelta(days=2)
    Termijn.objects.bulk_create([
        Termijn(dossier_id=dossier_ids[i % len(dossier_ids)], soort="herinspectie",
                omschrijving="Herinspectie", start=day, uiterlijk=day,
                uiterlijk_kalender=day, eigenaar=owner, volgende_controle=moment)
        for i in range(count)
    ], batch_size=5000)


watched = Termijn.objects.filter(volgende_controle__isnull=False).count()
terms(max(0, total - due - watched), now + datetime.timedelta(days=30))
times, sent, queries, mails = [], [], [], []
with mock.patch("notifications.tasks.enqueue"):
    for _ in range(runs):
        terms(due, now - datetime.timedelta(minutes=1))
        before = Notificatie.objects.count()
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            sent.append(bewaking.sweep())
            times.append(time.perf_counter() - start)
        queries.append(len(ctx.captured_queries))
        mails.append(Notificatie.objects.count() - before)
watched = Termijn.objects.filter(volgende_controle__isnull=False).count()
print(json.dumps({"times": times, "sent": sent, "queries": queries, "mails": mails,
                  "watched": watched}))
"""


def measure(ctx: Context) -> list[dict]:
    script = (
        SCRIPT.replace("{runs}", str(ctx.runs))
        .replace("{total}", "100000")
        .replace("{due}", "1000")
    )
    out = json.loads(ctx.python("-c", script))
    row = summary(out["times"], digits=2)
    return [
        {
            "sleutel": "timersweep_s",
            "meting": "termijnbewaking: 1.000 termijnen aan de beurt van ~100.000 bewaakte",
            "eenheid": "s",
            **row,
            "doel": "≤ 2 s",
            "gehaald": row["mediaan"] <= 2.0 and all(n >= 1000 for n in out["sent"]),
            "noot": f"herinneringen per run: {out['sent']}; mails in de outbox per run: "
            f"{out['mails']}; queries per run: {out['queries']}; "
            f"daarna {out['watched']} bewaakt",
        }
    ]
