"""Delivery: the provider's message id, which failures are retried, the sweep, and that a
reporter's address stays out of logs and error texts."""

import datetime
import logging

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from notifications.delivery import send_one
from notifications.models import Notificatie, Status
from notifications.tasks import sweep
from regio.events import Event, emit
from tests.loopback import free_port, send_mail_to
from tests.notifications import fake_esp
from tests.regio.factories import ContactpersoonFactory, ZorgaanbiederFactory

ESP = "tests.notifications.fake_esp.EmailBackend"


@pytest.fixture
def esp(settings, monkeypatch):
    settings.EMAIL_BACKEND = ESP
    mail.outbox = []
    return monkeypatch


def test_the_providers_message_id_is_recorded(queued, esp):
    assert send_one(queued.pk) == "verzonden"
    row = Notificatie.objects.get()
    assert row.status == Status.VERZONDEN and row.message_id == "esp-0"
    assert mail.outbox[0].anymail_status.message_id == "esp-0"


@pytest.mark.parametrize(
    ("status_code", "outcome", "status"),
    [
        (503, "later", Status.WACHTEND),  # provider down for a moment
        (429, "later", Status.WACHTEND),  # provider asks us to slow down
        (400, "mislukt", Status.MISLUKT),  # the request itself is wrong: no use retrying
    ],
)
def test_a_provider_error_is_retried_only_when_it_is_temporary(
    queued, esp, status_code, outcome, status
):
    esp.setattr(fake_esp.EmailBackend, "status_code", status_code)
    assert send_one(queued.pk) == outcome
    row = Notificatie.objects.get()
    assert row.status == status and row.pogingen == 1
    assert f"De aanbieder antwoordde {status_code}" in row.laatste_fout


def test_the_sweep_leaves_fresh_rows_to_their_own_task(queued, esp, settings):
    settings.NOTIFICATIONS_SWEEP_AFTER_SECONDS = 60
    assert sweep() == 0 and not mail.outbox  # due just now: its own task has it
    Notificatie.objects.update(volgende_poging=timezone.now() - datetime.timedelta(minutes=2))
    assert sweep() == 1  # left waiting: sent (eagerly here)
    assert Notificatie.objects.get().status == Status.VERZONDEN and len(mail.outbox) == 1
    assert sweep() == 0


def test_send_notifications_sends_what_waits_with_a_progress_bar(queued, esp, capsys):
    call_command("send_notifications", verbosity=2)
    out = capsys.readouterr().out
    assert "1/1" in out and "verzonden: 1" in out
    assert Notificatie.objects.get().status == Status.VERZONDEN


class RefusesRecipients:
    async def handle_RCPT(self, server, session, envelope, address, options):  # noqa: N802
        return f"550 5.1.1 <{address}>: onbekende gebruiker"


@pytest.mark.integration
def test_a_reporters_address_never_reaches_a_log_or_an_error_text(
    regio, settings, caplog, django_capture_on_commit_callbacks
):
    reporter = "melder.prive@voorbeeld.example.org"
    port = free_port()
    send_mail_to(settings, port)
    smtp = Controller(RefusesRecipients(), hostname="127.0.0.1", port=port)
    smtp.start()
    caplog.set_level(logging.DEBUG)
    try:
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            emit(
                Event.MELDING_ONTVANGEN,
                event_id="ontvangen:1",
                instance=ZorgaanbiederFactory(),
                nummer="RMZ-2026-00101",
                data={"melder_email": reporter},
            )
    finally:
        smtp.stop()
    row = Notificatie.objects.get()
    assert row.status == Status.MISLUKT  # refused recipient: permanent
    assert "SMTPRecipientsRefused" in row.laatste_fout and "<ontvanger>" in row.laatste_fout
    assert reporter not in row.laatste_fout and reporter not in str(row)
    ours = [r for r in caplog.records if r.name != "mail.log"]  # not the test server's own
    assert ours and not [r for r in ours if reporter in r.getMessage()]


class Sink:
    def __init__(self):
        self.sessions, self.messages = set(), 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.sessions.add(id(session))
        self.messages += 1
        return "250 OK"


@pytest.mark.integration
def test_one_smtp_connection_serves_many_mails_and_a_dropped_one_is_reopened(regio, settings):
    """A worker keeps its connection to the mail server; when the server closed it, the
    mail goes out on a fresh one at once (not only at the next attempt)."""
    from notifications import delivery

    port = free_port()
    send_mail_to(settings, port)
    for n in range(3):
        ContactpersoonFactory(
            gemeente=regio["GM0268"], email=f"c{n}@nijmegen.example.org", direct_domeinen=["wmo"]
        )
    emit(
        Event.DOSSIER_GESLOTEN,
        event_id="verbinding:1",
        instance=ZorgaanbiederFactory(),
        nummer="HH-2026-0102",
        domein="wmo",
        gemeenten=["GM0268"],
    )
    sink = Sink()
    smtp = Controller(sink, hostname="127.0.0.1", port=port)
    smtp.start()
    try:
        first, second, third = Notificatie.objects.order_by("pk")
        assert send_one(first.pk) == "verzonden" and send_one(second.pk) == "verzonden"
        assert sink.messages == 2 and len(sink.sessions) == 1  # one connection, two mails
        delivery._open.connection.connection.close()  # the server side went away
        delivery._open.connection.connection.sock = None
        assert send_one(third.pk) == "verzonden"
        assert sink.messages == 3 and len(sink.sessions) == 2
    finally:
        delivery._close()
        smtp.stop()
