"""Mail throughput: queued notifications delivered per second by 2 Celery worker processes
through Django's SMTP backend to an SMTP sink (aiosmtpd) on 127.0.0.1.

Every run writes BENCH_MAILS (default 1000) outbox rows with a real rendered mail, hands
their ids to ``notifications.tasks.enqueue`` (as a commit does) and waits until the sink
has them all, at most BENCH_MAIL_TIMEOUT seconds (default 300). The time runs from the
enqueue to the last message the sink received.
"""

import contextlib
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

from . import server
from .common import Context, summary

MAILS = int(os.environ.get("BENCH_MAILS", "1000"))
TIMEOUT = float(os.environ.get("BENCH_MAIL_TIMEOUT", "300"))
# A Redis database of this benchmark's own: flushed before and after.
REDIS_DB = 13
BROKER = f"redis://127.0.0.1:6379/{REDIS_DB}"

QUEUE = """
import json, os, time, uuid, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()
from notifications.models import Notificatie
from notifications.tasks import enqueue
from notifications.rendering import context_for, render
from regio.events import Event
from regio.models import Gemeente
gemeente = Gemeente.objects.order_by("code").first()
event = Event.DOSSIER_GEOPEND
context = context_for(
    event=event, nummer="HH-BENCH", status="geopend",
    data={{"pad": "/handhaving/dossier/1/"}}, gemeente=gemeente,
)
mail = render(event=event, context=context)
run = uuid.uuid4().hex[:12]
rows = Notificatie.objects.bulk_create(
    Notificatie(
        event=event, event_id=f"bench:{{run}}:{{i}}", nummer="HH-BENCH",
        ontvanger=f"contact{{i}}@gemeente.example.org", gemeente=gemeente,
        sjabloon=mail.sjabloon, onderwerp=mail.onderwerp, tekst=mail.tekst, html=mail.html,
    )
    for i in range({mails})
)
started = time.time()
enqueue([row.pk for row in rows])
print(json.dumps({{"started": started, "enqueued": time.time() - started}}))
"""

COUNT_SENT = """
import os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()
from notifications.models import Notificatie, Status
print(Notificatie.objects.filter(event_id__startswith="bench:").exclude(
    status=Status.VERZONDEN).count())
"""


class Sink:
    """An aiosmtpd handler that counts messages and remembers when the last one came."""

    def __init__(self):
        self.lock = threading.Lock()
        self.count = 0
        self.last = 0.0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd API
        with self.lock:
            self.count += 1
            self.last = time.time()
        return "250 OK"

    def reset(self) -> None:
        with self.lock:
            self.count, self.last = 0, 0.0


def wait_for_worker(process, log: Path, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"celery stopped:\n{log.read_text()[-3000:]}")
        if " ready." in log.read_text(errors="replace"):
            return
        time.sleep(0.2)
    raise RuntimeError(f"celery not ready within {timeout} s:\n{log.read_text()[-3000:]}")


def one_run(ctx: Context, sink: Sink) -> tuple[float | None, int]:
    """Seconds from enqueue to the last mail received (None after the timeout), and the
    number received."""
    sink.reset()
    out = json.loads(ctx.python("-c", QUEUE.format(mails=MAILS), CELERY_BROKER_URL=BROKER))
    deadline = time.time() + TIMEOUT
    while sink.count < MAILS and time.time() < deadline:
        time.sleep(0.1)
    if sink.count < MAILS:
        return None, sink.count
    return sink.last - out["started"], sink.count


def measure(ctx: Context) -> list[dict]:
    from aiosmtpd.controller import Controller

    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=server.free_port())
    log = Path(tempfile.mkdtemp(prefix="bench-celery-")) / "celery.log"
    worker = None
    rates, shortfalls = [], []
    server.flush_redis(REDIS_DB)
    controller.start()
    try:
        worker = server.start(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--concurrency",
                "2",
                "-Q",
                "celery",
                "--loglevel",
                "INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            ctx.env(
                CELERY_BROKER_URL=BROKER,
                EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
                EMAIL_HOST="127.0.0.1",
                EMAIL_PORT=str(controller.port),
                EMAIL_TIMEOUT="10",
            ),
            log,
        )
        wait_for_worker(worker, log)
        for _ in range(ctx.runs):
            seconds, received = one_run(ctx, sink)
            if seconds is None:
                shortfalls.append(f"{received} van {MAILS} binnen {TIMEOUT:.0f} s")
                break
            rates.append(MAILS / seconds)
        unsent = int(ctx.python("-c", COUNT_SENT).strip())
    finally:
        if worker is not None:
            server.stop(worker)
        with contextlib.suppress(Exception):
            controller.stop()
        server.flush_redis(REDIS_DB)
    return rows(rates, shortfalls=shortfalls, unsent=unsent)


def rows(rates: list[float], *, shortfalls: list[str], unsent: int) -> list[dict]:
    """The report row from the per-run rates; a run that timed out fails the goal."""
    setting = f"{MAILS} mails per run, 1 Celery-worker met 2 processen, SMTP naar 127.0.0.1"
    row = summary(rates or [0.0], 1)
    notes = [f"{unsent} notificaties niet als verzonden gemarkeerd"] if unsent else []
    notes += [f"te laat: {s}" for s in shortfalls]
    return [
        {
            "sleutel": "mail_per_s",
            "meting": f"e-mail verzenden via de outbox ({setting})",
            "eenheid": "mails/s",
            **row,
            "doel": "≥ 100 mails/s, alle mails aangekomen",
            "gehaald": bool(rates) and row["mediaan"] >= 100 and not shortfalls and not unsent,
            "noot": "; ".join(notes) or "alle mails aangekomen en als verzonden gemarkeerd",
        }
    ]
