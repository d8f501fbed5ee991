"""Sending queued rows: one attempt per call, idempotent, with backoff between attempts.

An attempt is three steps, each on its own (no row lock or transaction is held while the
mail server is talked to):

1. the claim: the row goes from ``wachtend`` to ``verzenden`` (the attempt counted, its
   start recorded) in a transaction of its own, committed before the mail goes out. It is
   a conditional UPDATE (still ``wachtend``, due, the attempts as read), so of two workers
   holding the same id (a Celery retry and the sweep) one makes the attempt, the other
   skips; a row already sent is never claimed again;
2. the send, to the mail server or provider;
3. the outcome in a new transaction: ``verzonden``; or ``wachtend`` with the next attempt
   pushed back exponentially after a temporary failure (connection refused, an ESP's
   5xx); or ``mislukt`` after a permanent failure or ``NOTIFICATIONS_MAX_ATTEMPTS``.

A worker that stops between the server's acceptance and step 3 leaves the row
``verzenden``. After ``NOTIFICATIONS_SENDING_STALE_SECONDS`` the sweep sends it again, with
the same Message-ID header so the receiving side can recognise the second copy, and marks
the row ``mogelijk_dubbel``: delivery is at least once, and that moment is the only
window for a duplicate.
"""

import datetime
import logging
import re
import smtplib
import threading

from anymail.exceptions import AnymailAPIError, AnymailInvalidAddress, AnymailRecipientsRefused
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_fsm import can_proceed

from .models import Notificatie, Status, is_interrupted, stale_before

logger = logging.getLogger(__name__)

PERMANENT = (AnymailInvalidAddress, AnymailRecipientsRefused, smtplib.SMTPRecipientsRefused)
# An ESP's 4xx says the request itself is wrong: sending it again gets the same answer.
# 408 and 429 are the provider asking us to wait, so they are temporary.
ESP_WAIT_CODES = (408, 429)
INTERRUPTED_LAST = (
    "Verzending onderbroken tijdens de laatste poging; de e-mail kan wel zijn aangekomen."
)


def is_permanent(exc: Exception) -> bool:
    """Whether another attempt could not succeed; anything else is retried with backoff
    (connection refused or lost, timeouts, an ESP's 5xx, an SMTP 4xx)."""
    if isinstance(exc, PERMANENT):
        return True
    if isinstance(exc, AnymailAPIError) and exc.status_code is not None:
        return 400 <= exc.status_code < 500 and exc.status_code not in ESP_WAIT_CODES
    # RFC 5321 4.2.1: 5yz is a permanent negative reply to the message itself.
    return isinstance(exc, smtplib.SMTPDataError) and 500 <= exc.smtp_code < 600


def backoff(attempt: int) -> datetime.timedelta:
    base = settings.NOTIFICATIONS_RETRY_SECONDS
    return datetime.timedelta(seconds=min(base * 2 ** (attempt - 1), 6 * 3600))


def send_one(pk: int) -> str:
    """Try to send row ``pk`` once; returns what happened (for logs and tests)."""
    row = _claim(pk)
    if row is None:
        return "overgeslagen"  # sent already, not due, or another worker has it
    if row.status == Status.MISLUKT:
        return "mislukt"  # interrupted on its last attempt: not sent once more
    attempt = row.pogingen
    try:
        message_id = _send(row)
    except Exception as exc:
        fout = _describe(exc, row)
        if is_permanent(exc) or attempt >= settings.NOTIFICATIONS_MAX_ATTEMPTS:
            row.mislukt(fout=fout)
            outcome = "mislukt"
        else:
            row.later(fout=fout, volgende_poging=timezone.now() + backoff(attempt))
            outcome = "later"
    else:
        row.verzonden(message_id=message_id)
        outcome = "verzonden"
    if not _write(row, where=Q(status=Status.VERZENDEN, pogingen=attempt)):
        # This attempt took longer than the stale time and the row was claimed again: the
        # newer attempt records its own outcome.
        logger.warning("Notification %s was claimed again during its attempt", pk)
    return outcome


def _claim(pk: int) -> Notificatie | None:
    """Mark the row ``verzenden`` and commit that before anything is sent; ``None`` when
    it is not this worker's to send. A row interrupted on its last attempt comes back
    ``mislukt`` (its outcome unknown) instead of being sent once more."""
    row = Notificatie.objects.filter(pk=pk).first()
    if row is None:
        return None
    # As read, and still so in the UPDATE's WHERE: of two workers, one changes the row.
    where = Q(status=row.status, pogingen=row.pogingen)
    interrupted = row.status == Status.VERZENDEN and is_interrupted(row)
    if can_proceed(row.verzenden):
        row.verzenden()
        where &= Q(volgende_poging__lte=row.poging_begonnen_op)
    elif interrupted:
        where &= Q(poging_begonnen_op__lte=stale_before())
        if can_proceed(row.opnieuw_na_onderbreking):
            row.opnieuw_na_onderbreking()
        else:  # it was the last attempt
            row.mislukt(fout=INTERRUPTED_LAST)
    else:
        return None
    if not _write(row, where=where):
        return None
    if interrupted:
        logger.warning("Notification %s was interrupted mid-send; now %s", pk, row.status)
    return row


def _write(row: Notificatie, *, where: Q) -> bool:
    """Write the row's delivery fields in a transaction of its own, if the row is still as
    ``where`` says. ``durable``: never inside a caller's transaction, which would commit
    only after the mail went out."""
    values = {field: getattr(row, field) for field in Notificatie.DELIVERY_FIELDS}
    with transaction.atomic(durable=True):
        return bool(Notificatie.objects.filter(where, pk=row.pk).update(**values))


_open = threading.local()


def _connection():
    """One open connection to the mail backend per worker thread, reused for every mail
    (SMTP: no new connection and handshake per message); a new one when the settings
    change or the last one failed."""
    key = (settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT)
    if getattr(_open, "key", None) != key or _open.connection is None:
        _close()
        connection = get_connection(fail_silently=False)
        connection.open()
        _open.key, _open.connection = key, connection
    return _open.connection


def _close() -> None:
    connection = getattr(_open, "connection", None)
    _open.connection = None
    if connection is not None:
        try:
            connection.close()
        except Exception:  # closing a broken connection: nothing more to do
            logger.debug("closing the mail connection failed", exc_info=True)


def _send(row: Notificatie) -> str:
    message = EmailMultiAlternatives(
        subject=row.onderwerp,
        body=row.tekst,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[row.ontvanger],
        headers={"Message-ID": row.message_header_id},
    )
    message.attach_alternative(row.html, "text/html")
    try:
        message.connection = _connection()
        message.send(fail_silently=False)
    except smtplib.SMTPServerDisconnected:
        # The server closed an idle connection: once more on a fresh one.
        _close()
        message.connection = _connection()
        try:
            message.send(fail_silently=False)
        except Exception:
            _close()
            raise
    except Exception:
        _close()
        raise
    # anymail backends set it; Django's own (SMTP, file) do not, and receipts then only
    # come from the SMTP server's own bounces.
    message_id = getattr(getattr(message, "anymail_status", None), "message_id", None)
    return "" if message_id is None else str(message_id)


def _describe(exc: Exception, row: Notificatie) -> str:
    # The error class and message; never the mail's content, and not the address (a
    # reporter's is personal data; SMTP errors quote it): the row says who it was for.
    text = f"{type(exc).__name__}: {exc}"
    if row.ontvanger:
        text = re.sub(re.escape(row.ontvanger), "<ontvanger>", text, flags=re.IGNORECASE)
    return text[:1000]


def due_ids(*, limit: int = 1000, late_by: int = 0) -> list[int]:
    """Waiting rows whose attempt was due at least ``late_by`` seconds ago, and rows whose
    attempt was interrupted (``verzenden`` for ``NOTIFICATIONS_SENDING_STALE_SECONDS``)."""
    due = timezone.now() - datetime.timedelta(seconds=late_by)
    return list(
        Notificatie.objects.filter(
            Q(status=Status.WACHTEND, volgende_poging__lte=due)
            | Q(status=Status.VERZENDEN, poging_begonnen_op__lte=stale_before())
        )
        .order_by("volgende_poging")
        .values_list("pk", flat=True)[:limit]
    )
