"""A dossier status change that tells 13 municipalities: the latency of its transaction
(status, history, domain event, 13 rendered mails in the outbox, audit row, commit)."""

import json

from .common import Context, summary

SCRIPT = r"""
import os, json, time, datetime
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import django
django.setup()
from unittest import mock
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from dossieroverleg import services
from dossieroverleg.models import Dossier, Onderzoeksactiviteit
from regio.models import Contactpersoon, Samenwerkingsverband, Zorgaanbieder

runs = {runs}
User = get_user_model()
secretaris, _ = User.objects.get_or_create(username="bench-secretaris")
secretaris.groups.add(Group.objects.get(name="overleg"))
leden = list(Samenwerkingsverband.objects.get(code="bwmo-nr").leden.all())
for g in leden:
    Contactpersoon.objects.get_or_create(
        gemeente=g, email=f"bwmo@{g.code.lower()}.example.org",
        defaults={"naam": f"Contact {g.naam}", "domeinen": ["bw_mo"], "actief": True},
    )
provider, _ = Zorgaanbieder.objects.get_or_create(naam="Fan-out BV", kvk_nummer="99990001")
run = __import__("uuid").uuid4().hex[:5]
dossiers = []
for i in range(runs + 3):
    d = Dossier.objects.create(
        nummer=f"HF{run}{i:03d}", zorgaanbieder=provider, domein="bw_mo", status="in_onderzoek",
        onderzoek_afgerond_op=timezone.now(),
    )
    d.betrokken_gemeenten.set(leden)
    Onderzoeksactiviteit.objects.create(
        dossier=d, soort="gesprek", datum=timezone.localdate(), uitgevoerd_door="x", bevindingen="y"
    )
    dossiers.append(d)
overleg = services.plan_meeting(
    datum=timezone.now() + datetime.timedelta(days=7), voorzitter=secretaris,
    secretaris=secretaris, by=secretaris,
)
times = []
# Delivery is measured on its own (bench.mail): here only the transaction that queues.
with mock.patch("notifications.tasks.enqueue"):
    for i, d in enumerate(dossiers):
        start = time.perf_counter()
        with transaction.atomic():
            services.put_on_agenda(overleg=overleg, dossier=d, by=secretaris)
        elapsed = (time.perf_counter() - start) * 1000
        if i >= 3:  # warm-up
            times.append(elapsed)
from notifications.models import Notificatie
mails = Notificatie.objects.filter(nummer=dossiers[-1].nummer, event="dossier.geagendeerd").count()
print(json.dumps({"times": times, "mails": mails, "gemeenten": len(leden)}))
"""


def measure(ctx: Context) -> list[dict]:
    out = json.loads(ctx.python("-c", SCRIPT.replace("{runs}", str(max(ctx.runs * 4, 20)))))
    row = summary(out["times"], digits=1)
    return [
        {
            "sleutel": "fanout_13_ms",
            "meting": f"statuswijziging dossier met e-mail aan {out['gemeenten']} gemeenten",
            "eenheid": "ms",
            **row,
            "doel": "≤ 20 ms",
            "gehaald": row["mediaan"] <= 20 and out["mails"] == out["gemeenten"],
            "noot": f"{out['mails']} mails in de outbox per wijziging (mediaan gemeten)",
        }
    ]
