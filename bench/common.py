"""What every benchmark module shares: where the database is, how often to repeat, and
how a series of measurements is summarised (min / median / p95 / max)."""

import os
import statistics
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Context:
    database: str = os.environ.get("BENCH_DATABASE", "handhaving_bench")
    runs: int = int(os.environ.get("BENCH_RUNS", "5"))
    meldingen: int = int(os.environ.get("BENCH_MELDINGEN", "1000000"))
    dossiers: int = int(os.environ.get("BENCH_DOSSIERS", "200000"))
    extra_env: dict = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:5432/{self.database}"

    def env(self, **more: str) -> dict:
        """Production settings (DEBUG off: cached templates, no query log) on loopback."""
        production = {
            "DATABASE_URL": self.url,
            "DEBUG": "false",
            "SECRET_KEY": "benchmark-only-secret-key-not-for-production-use",
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "SECURE_SSL_REDIRECT": "false",
            "SESSION_COOKIE_SECURE": "false",
            "CSRF_COOKIE_SECURE": "false",
            "SECURE_HSTS_SECONDS": "0",
            "TWO_FACTOR_REQUIRED": "false",
            "LOG_LEVEL": "WARNING",
        }
        return {**os.environ, **production, **self.extra_env, **more}

    def python(self, *args: str, **env: str) -> str:
        """Run ``python <args>`` in the project against the benchmark database."""
        return subprocess.run(
            [sys.executable, *args],
            cwd=ROOT,
            env=self.env(**env),
            check=True,
            capture_output=True,
            text=True,
        ).stdout


def summary(values: list[float], digits: int = 3, **extra) -> dict:
    """min / median / p95 / max of a series (p95 by nearest rank)."""
    ordered = sorted(values)
    p95 = ordered[max(0, int(round(0.95 * len(ordered))) - 1)]
    return {
        "min": round(ordered[0], digits),
        "mediaan": round(statistics.median(ordered), digits),
        "p95": round(p95, digits),
        "max": round(ordered[-1], digits),
        "runs": len(ordered),
        **extra,
    }
