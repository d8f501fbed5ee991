"""More than one server: two app servers and two Celery workers share one PostgreSQL
database, one Redis broker and one Redis cache, as a production with two machines would.

Both gunicorn servers (as in bench.load: gthread) run on their own port of 127.0.0.1 with
the same environment: the database, CACHE_URL (sessions read from it, the public form's
rate limit counted in it), the broker on its own Redis database, the files on one
directory (PRIVATE_MEDIA_ROOT: the shared volume). The load test (bench/locustfile.py)
sends every request to the next server, without sticky sessions: a user logged in on one
server is served by the other. Halfway through the run BENCH_CLUSTER_MAILS (default 500)
outbox rows are queued and each is handed to the broker twice, as when a sweep and the
commit both enqueue it; the two workers (one process each, on the same queue) send to an
SMTP sink on 127.0.0.1 that counts every Message-ID. Checked: no failed request, every
mail queued during the run sent and received exactly once.

Variables: BENCH_CLUSTER_SECONDS (run time, default 180), BENCH_CLUSTER_USERS (default
50), BENCH_CLUSTER_MAILS, BENCH_CLUSTER_MAIL_TIMEOUT (seconds to wait for the last mail
after the load, default 120); the servers' workers and threads as in bench.load.
"""

import contextlib
import email.parser
import json
import os
import secrets
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from . import load, server
from .common import Context
from .mail import wait_for_worker

SECONDS = int(os.environ.get("BENCH_CLUSTER_SECONDS", "180"))
USERS = int(os.environ.get("BENCH_CLUSTER_USERS", "50"))
MAILS = int(os.environ.get("BENCH_CLUSTER_MAILS", "500"))
MAIL_TIMEOUT = float(os.environ.get("BENCH_CLUSTER_MAIL_TIMEOUT", "120"))
# The broker's own Redis database (the cache is server.CACHE_DB); flushed before and after.
BROKER_DB = 11
BROKER = f"redis://127.0.0.1:6379/{BROKER_DB}"

LAST_ID = """
import os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()
from notifications.models import Notificatie
print(Notificatie.objects.order_by("-pk").values_list("pk", flat=True).first() or 0)
"""

QUEUE = """
import json, os, uuid, django
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
    event=event, nummer="HH-CLUSTER", status="geopend",
    data={"pad": "/handhaving/dossier/1/"}, gemeente=gemeente,
)
mail = render(event=event, context=context)
run = uuid.uuid4().hex[:12]
rows = Notificatie.objects.bulk_create(
    Notificatie(
        event=event, event_id=f"cluster:{run}:{i}", nummer="HH-CLUSTER",
        ontvanger=f"contact{i}@gemeente.example.org", gemeente=gemeente,
        sjabloon=mail.sjabloon, onderwerp=mail.onderwerp, tekst=mail.tekst, html=mail.html,
    )
    for i in range(int(os.environ["BENCH_CLUSTER_MAILS"]))
)
ids = [row.pk for row in rows]
# Twice: both workers get every row, and only one of them may send it.
enqueue(ids)
enqueue(ids)
print(json.dumps(len(ids)))
"""

# The rows made during the run that are sent at once (not those waiting for a digest),
# by their state; and their Message-IDs.
OUTCOME = """
import json, os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()
from django.db.models import Count
from notifications.models import Notificatie, Status
rows = Notificatie.objects.filter(pk__gt=int(os.environ["BENCH_CLUSTER_AFTER"])).exclude(
    status__in=[Status.VOOR_OVERZICHT, Status.IN_OVERZICHT])
print(json.dumps({
    "states": dict(rows.values_list("status").annotate(n=Count("pk")).order_by()),
    "ids": [row.message_header_id for row in rows.only("pk", "event_id")],
}))
"""


class Sink:
    """An aiosmtpd handler that counts the messages received per Message-ID."""

    def __init__(self):
        self.lock = threading.Lock()
        self.received: Counter = Counter()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd API
        content = envelope.original_content or envelope.content
        headers = email.parser.BytesHeaderParser().parsebytes(content)
        with self.lock:
            self.received[str(headers.get("Message-ID", "")).strip()] += 1
        return "250 OK"


def outcome(ctx: Context, after: int) -> dict:
    return json.loads(ctx.python("-c", OUTCOME, BENCH_CLUSTER_AFTER=str(after)))


def worker(ctx: Context, name: str, env: dict, log: Path):
    return server.start(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "-n",
            f"{name}@%h",
            "--concurrency",
            "1",
            "-Q",
            "celery",
            "--loglevel",
            "INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        ctx.env(**env),
        log,
    )


def measure(ctx: Context) -> list[dict]:
    from aiosmtpd.controller import Controller

    password = secrets.token_urlsafe(18)
    setup = json.loads(ctx.python("-c", load.SETUP, BENCH_LOAD_PASSWORD=password))
    after = int(ctx.python("-c", LAST_ID).strip())
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=server.free_port())
    workdir = Path(tempfile.mkdtemp(prefix="bench-cluster-"))
    env = {
        **load.server_env(cache_db=server.CACHE_DB, broker_db=BROKER_DB),
        "PRIVATE_MEDIA_ROOT": str(workdir / "bestanden"),
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(controller.port),
        "EMAIL_TIMEOUT": "10",
    }
    for db in (BROKER_DB, server.CACHE_DB):
        server.flush_redis(db)
    controller.start()
    queued = {}
    try:
        with contextlib.ExitStack() as stack:
            servers = [
                stack.enter_context(server.serve(ctx, **load.server_options(), **env))
                for _ in range(2)
            ]
            workers = []
            for name in ("worker1", "worker2"):
                log = workdir / f"{name}.log"
                process = worker(ctx, name, env, log)
                stack.callback(server.stop, process)
                wait_for_worker(process, log)
                workers.append(process)

            def queue_mails() -> None:
                out = ctx.python("-c", QUEUE, BENCH_CLUSTER_MAILS=str(MAILS), **env)
                queued["mails"] = json.loads(out)
                queued["at"] = time.time()

            halfway = threading.Timer(SECONDS / 2, queue_mails)
            halfway.start()
            try:
                result = load.run_locust(
                    ctx,
                    hosts=[base for base, _ in servers],
                    servers=[process.pid for _, process in servers],
                    setup=setup,
                    password=password,
                    seconds=SECONDS,
                    users=USERS,
                )
            finally:
                halfway.join()
            deadline = time.monotonic() + MAIL_TIMEOUT
            while time.monotonic() < deadline:
                states = outcome(ctx, after)["states"]
                if not set(states) & {"wachtend", "verzenden"}:
                    break
                time.sleep(2)
            # Room for a late duplicate to arrive, if there were one.
            time.sleep(3)
            sent = outcome(ctx, after)
    finally:
        with contextlib.suppress(Exception):
            controller.stop()
        for db in (BROKER_DB, server.CACHE_DB):
            server.flush_redis(db)
    return rows(result, sent, dict(sink.received), queued=queued.get("mails", 0))


def rows(result: dict, sent: dict, received: dict, *, queued: int) -> list[dict]:
    """The load test's rows for two servers, and whether each mail made during the run
    was sent exactly once."""
    per_server = load.setting()
    setting = (
        f"{USERS} gebruikers, {SECONDS} s, 2 app-servers ({per_server} elk), "
        "2 Celery-workers, één PostgreSQL, Redis als broker en cache"
    )
    ids = sent["ids"]
    once = sum(1 for message_id in ids if received.get(message_id) == 1)
    twice = sum(1 for message_id in ids if received.get(message_id, 0) > 1)
    missing = sum(1 for message_id in ids if not received.get(message_id))
    strangers = sum(count for message_id, count in received.items() if message_id not in ids)
    states = ", ".join(f"{n} {state}" for state, n in sorted(sent["states"].items()))
    ok = bool(ids) and once == len(ids) and not strangers and queued > 0
    mail = {
        "sleutel": "cluster_mail_precies_een_keer",
        "meting": "twee servers: e-mails uit de outbox precies één keer verzonden "
        f"({queued} mails elk twee keer aan de broker gegeven, 2 Celery-workers)",
        "eenheid": "mails",
        "min": once,
        "mediaan": once,
        "p95": once,
        "max": once,
        "runs": 1,
        "doel": "elke mail precies één keer ontvangen",
        "gehaald": ok,
        "noot": f"{len(ids)} mails in de run gemaakt ({states}); {once} precies één keer, "
        f"{twice} dubbel, {missing} niet ontvangen, {strangers} onbekende",
    }
    return [
        *load.rows_from_stats(
            result["stats"],
            result["failures"],
            setting=setting,
            cpu=result["cpu"],
            key="cluster",
            label="twee servers",
        ),
        mail,
    ]
