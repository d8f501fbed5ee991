"""Benchmarks, measured on PostgreSQL at full volume; results in docs/benchmarks.md/.json.

Run with ``make bench``. Each figure is measured several times; min / median / max are
reported with the machine and the versions.
"""

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DB = os.environ.get("BENCH_DATABASE", "handhaving_bench")
URL = f"postgres://postgres@127.0.0.1:5432/{DB}"
RUNS = int(os.environ.get("BENCH_RUNS", "5"))


def sh(*args: str, **env: str) -> str:
    merged = {**os.environ, "DATABASE_URL": URL, "DEBUG": "true", **env}
    return subprocess.run(
        args, cwd=ROOT, env=merged, check=True, capture_output=True, text=True
    ).stdout


def prepare(meldingen: int, dossiers: int) -> None:
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"DROP DATABASE IF EXISTS {DB}"],
        check=True,
    )
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"CREATE DATABASE {DB}"], check=True
    )
    sh(sys.executable, "manage.py", "migrate", "--noinput")
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "generate_volume",
            "--meldingen",
            str(meldingen),
            "--dossiers",
            str(dossiers),
        ],
        cwd=ROOT,
        check=True,
        env={**os.environ, "DATABASE_URL": URL, "DEBUG": "true"},
    )
    return time.perf_counter() - started


MEASURE_REPORT = """
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


def main() -> None:
    meldingen = int(os.environ.get("BENCH_MELDINGEN", "100000"))
    dossiers = int(os.environ.get("BENCH_DOSSIERS", "20000"))
    generation = prepare(meldingen, dossiers)
    report = json.loads(sh(sys.executable, "-c", MEASURE_REPORT.format(runs=RUNS)))
    times = report["times"]
    result = {
        "datum": time.strftime("%Y-%m-%d %H:%M"),
        "machine": f"{platform.node()} – {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "postgresql": subprocess.run(
            ["psql", "--version"], capture_output=True, text=True
        ).stdout.strip(),
        "volume": {"meldingen": meldingen, "dossiers": dossiers},
        "figuren": {
            "genereren_s": round(generation, 1),
            "halfjaarrapportage_s": {
                "min": round(min(times), 3),
                "mediaan": round(statistics.median(times), 3),
                "max": round(max(times), 3),
                "runs": len(times),
                "periode": report["periode"],
            },
        },
        "doelen": {"halfjaarrapportage_s": 2.0},
    }
    (ROOT / "docs" / "benchmarks.json").write_text(json.dumps(result, indent=2) + "\n")
    r = result["figuren"]["halfjaarrapportage_s"]
    met = "gehaald" if r["mediaan"] <= 2.0 else "NIET gehaald"
    row = (
        f"| halfjaarrapportage (PDF, regio, {r['periode']}) | {r['min']} s | "
        f"{r['mediaan']} s | {r['max']} s | {r['runs']} | ≤ 2 s: {met} |"
    )
    (ROOT / "docs" / "benchmarks.md").write_text(f"""# Benchmarks

Gemeten met `make bench` op {result["datum"]}; machine: {result["machine"]};
{result["postgresql"]}. Volume: {meldingen} meldingen (gewogen) en {dossiers} dossiers,
gegenereerd met `manage.py generate_volume` (zaad 2026) in {result["figuren"]["genereren_s"]} s.

| meting | min | mediaan | max | runs | doel |
|---|---|---|---|---|---|
{row}

De ruwe cijfers staan in `docs/benchmarks.json`, om tussen commits te vergelijken.
De overige metingen (intake per seconde, paginalatentie, fan-out, e-mail, timers, loadtest)
horen bij de benchmark-issue en zijn hier nog niet opgenomen.
""")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
