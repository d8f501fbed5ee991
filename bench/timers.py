"""The timer sweep: 100k scheduled deadline timers of which 1k are due; how long
``workflow_timers`` (viewflow's dispatcher) takes to fire the due ones, each sending its
reminder."""

import json

from .common import Context, summary

SCRIPT = r"""
import os, json, time, datetime
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import django
django.setup()
from unittest import mock
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from viewflow.workflow.models import Process, Task
from viewflow.workflow.timers import fire_due_timers
from dossieroverleg.models import Dossier
from termijnen.models import Termijn
from workflows.flows import TermijnFlow

runs, total, due = {runs}, {total}, {due}
owner, _ = get_user_model().objects.get_or_create(username="bench-eigenaar")
owner.email = "eigenaar@rob.example.org"
owner.save()
now = timezone.now()
ct = ContentType.objects.get_for_model(Termijn)
dossier_ids = list(Dossier.objects.exclude(status="afgesloten").values_list("pk", flat=True)[:2000])


def timers(count, scheduled):
    today = timezone.localdate()
    terms = Termijn.objects.bulk_create([
        Termijn(dossier_id=dossier_ids[i % len(dossier_ids)], soort="herinspectie",
                omschrijving="Herinspectie", start=today + datetime.timedelta(days=2),
                uiterlijk=today + datetime.timedelta(days=2),
                uiterlijk_kalender=today + datetime.timedelta(days=2), eigenaar=owner)
        for i in range(count)
    ], batch_size=5000)
    procs = Process.objects.bulk_create([
        Process(flow_class=TermijnFlow, status="NEW", artifact_content_type=ct,
                artifact_object_id=t.pk) for t in terms
    ], batch_size=5000)
    Task.objects.bulk_create([
        Task(process=p, flow_task=TermijnFlow.wachten, flow_task_type="TIMER",
             status="SCHEDULED", scheduled=scheduled) for p in procs
    ], batch_size=5000)


already = Task.objects.filter(flow_task_type="TIMER", status="SCHEDULED").count()
timers(max(0, total - due - already), now + datetime.timedelta(days=30))
times, fired = [], []
with mock.patch("notifications.tasks.enqueue"):
    for _ in range(runs):
        timers(due, now - datetime.timedelta(minutes=1))
        start = time.perf_counter()
        fired.append(fire_due_timers())
        times.append(time.perf_counter() - start)
scheduled = Task.objects.filter(flow_task_type="TIMER", status="SCHEDULED").count()
print(json.dumps({"times": times, "fired": fired, "scheduled": scheduled}))
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
            "meting": "timers afvuren: 1.000 van ~100.000 geplande termijntimers",
            "eenheid": "s",
            **row,
            "doel": "≤ 2 s",
            "gehaald": row["mediaan"] <= 2.0 and all(n >= 1000 for n in out["fired"]),
            "noot": f"afgevuurd per run: {out['fired']}; daarna {out['scheduled']} gepland",
        }
    ]
