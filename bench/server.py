"""Processes the load measurements start: gunicorn on a free port of 127.0.0.1, and how
any such process is stopped again (always, also when a measurement fails)."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from .common import ROOT, Context

# The benchmark settings: config.settings plus the bare insert view (bench/bare_urls.py).
SETTINGS = "bench.settings"
# The Redis database of the shared cache (sessions, rate limits) of the measurements that
# run app servers (load, cluster; one at a time); flushed before and after.
CACHE_DB = 15


def flush_redis(db: int) -> None:
    """Empty one Redis database on 127.0.0.1 (each measurement that needs a broker has its
    own number)."""
    import redis

    redis.Redis(host="127.0.0.1", port=6379, db=db).flushdb()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop(process: subprocess.Popen, timeout: float = 15.0) -> None:
    """Stop a process started with ``start_new_session``, its children with it."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(5)


def start(args: list[str], env: dict, log: Path) -> subprocess.Popen:
    """Start ``args`` in the project in a session of its own, output to ``log``."""
    with log.open("wb") as out:
        return subprocess.Popen(
            args,
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def wait_until_up(url: str, process: subprocess.Popen, log: Path, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} stopped:\n{log.read_text()[-3000:]}")
        try:
            urllib.request.urlopen(url, timeout=2).close()  # noqa: S310 - 127.0.0.1 only
            return
        except urllib.error.HTTPError:
            return  # it answers; the status does not matter here
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout} s:\n{log.read_text()[-3000:]}")


@contextlib.contextmanager
def gunicorn(ctx: Context, *, workers: int = 2, **env: str) -> Iterator[str]:
    """gunicorn with ``workers`` sync workers against the benchmark database; yields its
    base URL and stops it on leaving, whatever happened."""
    with serve(ctx, workers=workers, **env) as (base, _):
        yield base


@contextlib.contextmanager
def serve(
    ctx: Context, *, workers: int = 2, worker_class: str = "sync", threads: int = 1, **env: str
) -> Iterator[tuple[str, subprocess.Popen]]:
    """gunicorn with ``workers`` processes of ``worker_class`` (``gthread``: with
    ``threads`` threads each) against the benchmark database; yields its base URL and its
    process, and stops it on leaving, whatever happened."""
    port = free_port()
    log = Path(tempfile.mkdtemp(prefix="bench-gunicorn-")) / "gunicorn.log"
    process = start(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            worker_class,
            "--threads",
            str(threads),
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],
        ctx.env(DJANGO_SETTINGS_MODULE=SETTINGS, **env),
        log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/accounts/login/", process, log)
        yield base, process
    finally:
        stop(process)
