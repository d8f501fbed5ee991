"""Benchmarks, measured on PostgreSQL at full volume; results in docs/benchmarks.md/.json.

Run with ``make bench`` (variables: BENCH_MELDINGEN, BENCH_DOSSIERS, BENCH_RUNS,
BENCH_DATABASE, BENCH_ONLY=<module,...>, BENCH_REUSE=1 to measure again on the database of
the previous run and keep the other modules' rows; the modules intake, mail and load read
their own, listed in their docstrings). The database is created afresh and filled with
``manage.py generate_volume``; then every module in MODULES measures its figures. Each
module's ``measure(ctx)`` returns rows: a key, a label, a unit, min / median / p95 / max
over repeated runs, the goal and whether it was met.
"""

import importlib
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import ROOT, Context  # noqa: E402

# intake last: the reports it registers would change what the others measure.
MODULES = [
    "bench.report",
    "bench.pages",
    "bench.fanout",
    "bench.timers",
    "bench.mail",
    "bench.load",
    "bench.cluster",
    "bench.intake",
]


def prepare(ctx: Context) -> float:
    for sql in (f"DROP DATABASE IF EXISTS {ctx.database}", f"CREATE DATABASE {ctx.database}"):
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql], check=True)
    ctx.python("manage.py", "migrate", "--noinput")
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "generate_volume",
            "--meldingen",
            str(ctx.meldingen),
            "--dossiers",
            str(ctx.dossiers),
        ],
        cwd=ROOT,
        check=True,
        env=ctx.env(DJANGO_SETTINGS_MODULE="bench.settings"),
    )
    return time.perf_counter() - started


def _cell(row: dict, key: str) -> str:
    value = row.get(key)
    return "–" if value is None else f"{value} {row['eenheid']}".strip()


def _durations(result: dict) -> str:
    durations = result.get("duur_s") or {}
    if not durations:
        return ""
    parts = ", ".join(f"{module} {seconds} s" for module, seconds in durations.items())
    return f" Duur van de metingen: {parts}."


def render(result: dict) -> str:
    lines = [
        "| meting | min | mediaan | p95 | max | runs | doel |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in result["rijen"]:
        met = {True: "gehaald", False: "**niet gehaald**", None: "–"}[row.get("gehaald")]
        lines.append(
            f"| {row['meting']} | {_cell(row, 'min')} | {_cell(row, 'mediaan')} | "
            f"{_cell(row, 'p95')} | {_cell(row, 'max')} | {row.get('runs', '–')} | "
            f"{row.get('doel', '–')}: {met} |"
        )
    notes = "\n".join(
        f"* {row['meting']}: {row['noot']}" for row in result["rijen"] if row.get("noot")
    )
    return f"""# Benchmarks

Gemeten met `make bench` op {result["datum"]}; machine: {result["machine"]};
{result["postgresql"]}. Volume: {result["volume"]["meldingen"]} meldingen en
{result["volume"]["dossiers"]} dossiers, gegenereerd met `manage.py generate_volume`
(zaad 2026) in {result["genereren_s"]} s.{_durations(result)}

{chr(10).join(lines)}

{notes}

De ruwe cijfers staan in `docs/benchmarks.json`, om tussen commits te vergelijken. Wat de
cijfers laten zien, wat is verbeterd en waarom doelen niet gehaald zijn:
[`benchmarks-analyse.md`](benchmarks-analyse.md).
"""


def main() -> None:
    ctx = Context()
    only = [m for m in os.environ.get("BENCH_ONLY", "").split(",") if m]
    previous = {}
    path = ROOT / "docs" / "benchmarks.json"
    if os.environ.get("BENCH_REUSE"):
        # Measure again on the database of the previous run; keep the other modules' rows.
        previous = json.loads(path.read_text())
        generation = previous["genereren_s"]
    else:
        generation = prepare(ctx)
    measured, durations = {}, {}
    for name in MODULES:
        module = name.rsplit(".", 1)[-1]
        if only and module not in only:
            continue
        print(f"== {name}", flush=True)
        started = time.perf_counter()
        measured[module] = [
            {**row, "module": module} for row in importlib.import_module(name).measure(ctx)
        ]
        durations[module] = round(time.perf_counter() - started)
    rows = []
    for name in MODULES:
        module = name.rsplit(".", 1)[-1]
        kept = [r for r in previous.get("rijen", []) if r.get("module") == module]
        rows += measured.get(module, kept)
    result = {
        "datum": time.strftime("%Y-%m-%d %H:%M"),
        "machine": f"{platform.node()} – {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "postgresql": subprocess.run(
            ["psql", "--version"], capture_output=True, text=True
        ).stdout.strip(),
        "volume": {"meldingen": ctx.meldingen, "dossiers": ctx.dossiers},
        "genereren_s": round(generation, 1),
        "duur_s": durations,
        "rijen": rows,
    }
    path.write_text(json.dumps(result, indent=2) + "\n")
    (ROOT / "docs" / "benchmarks.md").write_text(render(result))
    print(render(result))


if __name__ == "__main__":
    main()
