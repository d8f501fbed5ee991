"""Real parts: Django's SMTP backend to a real SMTP server (aiosmtpd on 127.0.0.1) and a
real Celery worker on the local Redis. The SMTP server is stopped mid-run: once it is back,
nothing is lost and nothing is sent twice."""

import os
import socket
import time

import pytest
from aiosmtpd.controller import Controller
from django.db import OperationalError, transaction

from notifications.models import Notificatie, Status
from regio.events import Event, emit
from tests.loopback import Inbox, free_port, send_mail_to
from tests.regio.factories import ContactpersoonFactory, ZorgaanbiederFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

REDIS = ("127.0.0.1", 6379)


def reachable(address) -> bool:
    try:
        with socket.create_connection(address, timeout=1):
            return True
    except OSError:
        return False


def wait_for(predicate, timeout=30.0, nudge=None) -> None:
    """Until ``predicate()`` holds; ``nudge()`` every few seconds meanwhile (the periodic
    sweep, which picks up a delivery task that died)."""
    deadline = time.monotonic() + timeout
    nudged = time.monotonic()
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except OperationalError:
            # SQLite's shared in-memory test database answers "table is locked" (instead
            # of waiting) while the worker thread writes; ask again.
            pass
        if nudge is not None and time.monotonic() - nudged > 3:
            nudge()
            nudged = time.monotonic()
        time.sleep(0.2)
    raise AssertionError("timed out waiting")


@pytest.fixture
def worker(settings):
    if not reachable(REDIS):
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    from celery.contrib.testing.worker import start_worker

    from config.celery import app

    keys = ("broker_url", "task_always_eager", "result_backend")
    old = {key: app.conf.get(key) for key in keys}
    # A Redis database per test process, so that a second run on the same machine is
    # unlikely to take this run's tasks (Redis has 16; 0 stays for other use), and the
    # two processes of one run (pytest-xdist's gw0 and gw1) never share one.
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    database = 1 + (worker % 2) + 2 * (os.getpid() % 7)
    app.conf.update(
        broker_url=f"redis://127.0.0.1:6379/{database}",
        task_always_eager=False,
        result_backend=None,
        broker_connection_retry_on_startup=True,
    )
    _reset_connections(app)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    with start_worker(
        app,
        pool="solo",
        concurrency=1,
        perform_ping_check=False,
        shutdown_timeout=10,
    ):
        yield app
    app.conf.update(old)
    _reset_connections(app)


def _reset_connections(app) -> None:
    # Producers made before the broker URL changed would still talk to the old broker;
    # kombu keeps its pools globally, so they are reset there too (not closed: a closed
    # pool in kombu's registry would be handed out again).
    from kombu import pools

    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


def test_smtp_outage_mid_run_loses_and_doubles_nothing(settings, worker):
    from django.core.management import call_command

    call_command("load_regio", verbosity=0)
    port = free_port()
    inbox = Inbox()
    send_mail_to(settings, port)
    settings.NOTIFICATIONS_RETRY_SECONDS = 1
    # The sweep and the task's own retries both go after the waiting rows: still once each.
    settings.NOTIFICATIONS_SWEEP_AFTER_SECONDS = 0
    from regio.models import Gemeente

    for n, gemeente in enumerate(Gemeente.objects.all()[:5]):
        ContactpersoonFactory(
            gemeente=gemeente, email=f"contact{n}@gemeente.example.org", direct_domeinen=["wmo"]
        )
    codes = list(Gemeente.objects.values_list("code", flat=True)[:5])
    aanbieder = ZorgaanbiederFactory()

    def emit_batch(label: str) -> None:
        with transaction.atomic():
            emit(
                Event.DOSSIER_GESLOTEN,
                event_id=f"integratie:{label}",
                instance=aanbieder,
                nummer=f"HH-2026-{label}",
                domein="wmo",
                gemeenten=codes,
                data={},
            )

    smtp = Controller(inbox, hostname="127.0.0.1", port=port)
    smtp.start()
    emit_batch("0001")
    wait_for(lambda: len(inbox.messages) == 5)

    smtp.stop()  # the mail server goes away
    emit_batch("0002")
    # On SQLite a delivery task can die on "table is locked" under load (PostgreSQL
    # waits instead); as in production, the sweep then picks its row up again.
    from notifications.tasks import sweep

    wait_for(
        lambda: Notificatie.objects.filter(nummer="HH-2026-0002", pogingen__gte=1).count() == 5,
        nudge=sweep.delay,
    )
    assert Notificatie.objects.filter(status=Status.WACHTEND).count() == 5

    smtp = Controller(inbox, hostname="127.0.0.1", port=port)
    smtp.start()  # it is back
    try:
        time.sleep(1.2)  # past the first backoff
        sweep.delay()
        wait_for(
            lambda: Notificatie.objects.filter(status=Status.VERZONDEN).count() == 10,
            nudge=sweep.delay,
        )
        sweep.delay()  # a second sweep finds nothing left to send
        time.sleep(1.0)
    finally:
        smtp.stop()

    ids = [m["Message-ID"] for m in inbox.messages]
    assert len(inbox.messages) == 10 and len(set(ids)) == 10
    assert Notificatie.objects.exclude(status=Status.VERZONDEN).count() == 0
