"""The half-year report (PDF) over the full volume."""

import json

from .common import Context, summary

SCRIPT = """
import os, time, django, json
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()
from django.utils import timezone
from rapportage.figures import Period
from rapportage.report import half_year_pdf
today = timezone.localdate()
period = Period.half_year(today.year, 1 if today.month <= 6 else 2).previous()
times = []
for _ in range({runs}):
    start = time.perf_counter()
    pdf = half_year_pdf(periode=period)
    times.append(time.perf_counter() - start)
print(json.dumps({{"times": times, "bytes": len(pdf), "periode": str(period)}}))
"""


def measure(ctx: Context) -> list[dict]:
    out = json.loads(ctx.python("-c", SCRIPT.format(runs=ctx.runs)))
    row = summary(out["times"])
    return [
        {
            "sleutel": "halfjaarrapportage_s",
            "meting": f"halfjaarrapportage (PDF, regio, {out['periode']})",
            "eenheid": "s",
            **row,
            "doel": "≤ 2 s",
            "gehaald": row["mediaan"] <= 2.0,
        }
    ]
