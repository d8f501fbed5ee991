"""Mail at the edge: the claim is committed before the mail goes out, a worker that stops
after the mail server accepted a mail leaves it ``verzenden``, and the sweep sends it again
after the stale time, with the same Message-ID, counted as "mogelijk dubbel"."""

import datetime
import threading
import time

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.db import connection
from django.utils import timezone

from notifications import delivery
from notifications.checks import sending_stale_after_timeout
from notifications.delivery import send_one
from notifications.models import Notificatie, Status
from notifications.tasks import sweep
from regio.events import Event, emit
from regio.roles import Rol
from tests.loopback import Inbox, free_port, send_mail_to
from tests.regio.factories import ZorgaanbiederFactory

SMTP = "django.core.mail.backends.smtp.EmailBackend"


@pytest.fixture(autouse=True)
def fresh_mail_connection():
    """Each test starts as a fresh worker: no mail connection kept from another test."""
    delivery._close()
    yield
    delivery._close()


@pytest.fixture
def inbox(settings):
    """A real SMTP server on 127.0.0.1 and Django's SMTP backend pointed at it."""
    port = free_port()
    send_mail_to(settings, port)
    received = Inbox()
    server = Controller(received, hostname="127.0.0.1", port=port)
    server.start()
    try:
        yield received
    finally:
        delivery._close()
        server.stop()


class StopsAfterAcceptance(SMTPBackend):
    """The worker is killed right after the mail server accepted the mail, before it
    could record that (SystemExit passes every ``except Exception``, as a kill would)."""

    def send_messages(self, messages):
        assert super().send_messages(messages) == len(messages)
        raise SystemExit("worker stopped")


class StopsAfterHandingOver(LocmemBackend):
    def send_messages(self, messages):
        super().send_messages(messages)
        raise SystemExit("worker stopped")


def interrupted(row: Notificatie, *, backend: str, settings) -> Notificatie:
    """Send ``row`` with a worker that stops once the mail is out; the row as it is left."""
    settings.EMAIL_BACKEND = backend
    with pytest.raises(SystemExit):
        send_one(row.pk)
    delivery._close()  # the worker's process, and its connection, are gone
    return Notificatie.objects.get(pk=row.pk)


def attempt_began(row: Notificatie, *, seconds_ago: float) -> None:
    Notificatie.objects.filter(pk=row.pk).update(
        poging_begonnen_op=timezone.now() - datetime.timedelta(seconds=seconds_ago)
    )


# The claim ------------------------------------------------------------------------------


def _row(nummer: str) -> Notificatie:
    # Written directly: in autocommit the outbox's commit hook would send it at once.
    return Notificatie.objects.create(
        event=Event.DOSSIER_GESLOTEN,
        event_id=f"rand:{nummer}",
        nummer=nummer,
        ontvanger="c@nijmegen.example.org",
        sjabloon="dossier.gesloten",
        onderwerp=f"Dossier {nummer} gesloten",
        tekst="Gesloten.",
        html="<p>Gesloten.</p>",
    )


class LooksFromElsewhere(LocmemBackend):
    """While the mail is being sent: whether this connection is inside a transaction, and
    the row as another database connection (another thread) sees it."""

    seen: list = []

    def send_messages(self, messages):
        in_transaction = connection.in_atomic_block

        def look() -> None:
            try:
                row = Notificatie.objects.get()
                self.seen.append((in_transaction, row.status, row.pogingen))
            finally:
                connection.close()

        other = threading.Thread(target=look)
        other.start()
        other.join(timeout=30)
        return super().send_messages(messages)


@pytest.mark.django_db(transaction=True)
def test_the_claim_is_committed_before_the_mail_goes_out(settings):
    row = _row("HH-2026-0202")
    settings.EMAIL_BACKEND = f"{__name__}.LooksFromElsewhere"
    LooksFromElsewhere.seen = []
    assert send_one(row.pk) == "verzonden"
    # No transaction held while the server is talked to, and the claim already visible.
    assert LooksFromElsewhere.seen == [(False, Status.VERZENDEN, 1)]
    row = Notificatie.objects.get()
    assert row.status == Status.VERZONDEN and row.pogingen == 1 and row.poging_begonnen_op
    assert not row.mogelijk_dubbel


class SlowLocmem(LocmemBackend):
    def send_messages(self, messages):
        time.sleep(0.3)
        return super().send_messages(messages)


def _at_once(pk: int, workers: int) -> list[str]:
    barrier = threading.Barrier(workers)
    outcomes, errors = [], []

    def work() -> None:
        try:
            barrier.wait(timeout=30)
            outcomes.append(send_one(pk))
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            delivery._close()
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    return sorted(outcomes)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_workers_racing_for_a_row_make_one_attempt_between_them(settings):
    settings.EMAIL_BACKEND = f"{__name__}.SlowLocmem"
    waiting = _row("HH-2026-0203")
    assert _at_once(waiting.pk, 4) == ["overgeslagen"] * 3 + ["verzonden"]
    assert len(mail.outbox) == 1
    # Interrupted and stale: of several workers sent by sweeps, one sends it again.
    stale = interrupted(
        _row("HH-2026-0204"), backend=f"{__name__}.StopsAfterHandingOver", settings=settings
    )
    settings.EMAIL_BACKEND = f"{__name__}.SlowLocmem"
    attempt_began(stale, seconds_ago=settings.NOTIFICATIONS_SENDING_STALE_SECONDS + 1)
    assert _at_once(stale.pk, 4) == ["overgeslagen"] * 3 + ["verzonden"]
    assert len(mail.outbox) == 3
    stale = Notificatie.objects.get(pk=stale.pk)
    assert stale.pogingen == 2 and stale.mogelijk_dubbel


# The interrupted send -------------------------------------------------------------------


@pytest.mark.integration
def test_an_interrupted_mail_is_sent_again_after_the_stale_time_with_the_same_message_id(
    queued, inbox, settings, client, make_user
):
    row = interrupted(queued, backend=f"{__name__}.StopsAfterAcceptance", settings=settings)
    assert len(inbox.messages) == 1  # the server has it; the row does not know
    assert row.status == Status.VERZENDEN and row.pogingen == 1 and not row.mogelijk_dubbel

    settings.EMAIL_BACKEND = SMTP  # the next worker
    attempt_began(row, seconds_ago=settings.NOTIFICATIONS_SENDING_STALE_SECONDS + 1)
    assert sweep() == 1  # (Celery is eager in tests: sent here)

    row = Notificatie.objects.get()
    assert row.status == Status.VERZONDEN and row.mogelijk_dubbel and row.pogingen == 2
    first, second = inbox.messages
    assert first["Message-ID"] == second["Message-ID"] == row.message_header_id
    assert first["Subject"] == second["Subject"]

    # Counted on the outbox pages: the mails about the provider, and the admin's list.
    client.force_login(make_user(Rol.JURIST))
    page = client.get(f"/notificaties/regio/zorgaanbieder/{row.object_id}/").content.decode()
    assert "verzonden: 1 · mogelijk dubbel: 1" in page
    assert "mogelijk dubbel</td>" in page
    beheer = make_user(Rol.BEHEER)
    beheer.is_staff = True
    beheer.save()
    client.force_login(beheer)
    page = client.get("/beheer/notifications/notificatie/").content.decode()
    assert "mogelijk dubbel (1)" in page and "verzonden (1)" in page and "wachtend (0)" in page


@pytest.mark.integration
def test_a_mail_being_sent_is_not_sent_again_before_the_stale_time(queued, inbox, settings):
    row = interrupted(queued, backend=f"{__name__}.StopsAfterAcceptance", settings=settings)
    settings.EMAIL_BACKEND = SMTP
    # Its worker may still be waiting for the mail server: left alone.
    attempt_began(row, seconds_ago=settings.NOTIFICATIONS_SENDING_STALE_SECONDS - 5)
    assert sweep() == 0
    assert send_one(row.pk) == "overgeslagen"
    assert delivery.due_ids(limit=100_000) == []  # nor by send_notifications
    assert len(inbox.messages) == 1
    assert Notificatie.objects.get().status == Status.VERZENDEN


@pytest.mark.integration
def test_a_sent_mail_is_never_sent_again(queued, inbox, settings):
    assert send_one(queued.pk) == "verzonden"
    # However long ago its attempt began, and also after an interrupted first attempt.
    attempt_began(queued, seconds_ago=settings.NOTIFICATIONS_SENDING_STALE_SECONDS * 10)
    assert sweep() == 0 and send_one(queued.pk) == "overgeslagen"
    Notificatie.objects.filter(pk=queued.pk).update(mogelijk_dubbel=True)
    assert sweep() == 0 and send_one(queued.pk) == "overgeslagen"
    assert len(inbox.messages) == 1


def test_an_interruption_on_the_last_attempt_fails_the_mail_without_sending_it_again(
    queued, settings
):
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 1
    row = interrupted(queued, backend=f"{__name__}.StopsAfterHandingOver", settings=settings)
    assert len(mail.outbox) == 1
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    attempt_began(row, seconds_ago=settings.NOTIFICATIONS_SENDING_STALE_SECONDS + 1)
    assert send_one(row.pk) == "mislukt"
    row = Notificatie.objects.get()
    assert row.status == Status.MISLUKT and "onderbroken" in row.laatste_fout
    assert len(mail.outbox) == 1 and sweep() == 0


def test_a_resent_mail_that_fails_again_waits_and_stays_marked(queued, settings):
    row = interrupted(queued, backend=f"{__name__}.StopsAfterHandingOver", settings=settings)
    settings.EMAIL_BACKEND = SMTP
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    attempt_began(row, seconds_ago=settings.NOTIFICATIONS_SENDING_STALE_SECONDS + 1)
    assert send_one(row.pk) == "later"  # nothing listens on port 9
    row = Notificatie.objects.get()
    assert row.status == Status.WACHTEND and row.pogingen == 2 and row.mogelijk_dubbel
    assert row.volgende_poging > timezone.now()


# The outbox page and the settings -------------------------------------------------------


def test_the_outbox_admin_filters_and_counts_possible_doubles(client, queued, make_user):
    Notificatie.objects.filter(pk=queued.pk).update(
        status=Status.VERZONDEN, mogelijk_dubbel=True, verzonden_op=timezone.now()
    )
    emit(
        Event.DOSSIER_GESLOTEN,
        event_id="rand:2",
        instance=ZorgaanbiederFactory(),
        nummer="HH-2026-0204",
        domein="wmo",
        gemeenten=["GM0268"],
    )
    beheer = make_user(Rol.BEHEER)
    beheer.is_staff = True
    beheer.save()
    client.force_login(beheer)
    page = client.get("/beheer/notifications/notificatie/").content.decode()
    assert "mogelijk dubbel (1)" in page and "wachtend (1)" in page and "verzenden (0)" in page
    doubles = client.get("/beheer/notifications/notificatie/?status=mogelijk_dubbel")
    assert "HH-2026-0201" in doubles.content.decode()
    assert "HH-2026-0204" not in doubles.content.decode()
    waiting = client.get("/beheer/notifications/notificatie/?status=wachtend").content.decode()
    assert "HH-2026-0204" in waiting and "HH-2026-0201" not in waiting


def test_a_stale_time_not_well_above_the_mail_timeout_is_warned_about(settings):
    settings.EMAIL_TIMEOUT, settings.ANYMAIL = 30, {}
    settings.NOTIFICATIONS_SENDING_STALE_SECONDS = 300
    assert sending_stale_after_timeout(None) == []
    settings.NOTIFICATIONS_SENDING_STALE_SECONDS = 60
    assert [w.id for w in sending_stale_after_timeout(None)] == ["notifications.W001"]
    settings.NOTIFICATIONS_SENDING_STALE_SECONDS, settings.EMAIL_TIMEOUT = 300, 120
    assert [w.id for w in sending_stale_after_timeout(None)] == ["notifications.W001"]
