"""Sending queued rows: one attempt per call, idempotent, with backoff between attempts.

A row is locked while it is sent and is only sent while ``wachtend``: a row already sent
is never sent again. A temporary failure (connection refused, a 4xx/5xx from the mail
provider) leaves the row ``wachtend`` with its next attempt pushed back exponentially; the
sweep sends it then. After ``NOTIFICATIONS_MAX_ATTEMPTS`` the row is ``mislukt``.
"""

import datetime
import logging
import re
import smtplib
import threading

from anymail.exceptions import AnymailAPIError, AnymailInvalidAddress, AnymailRecipientsRefused
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection, transaction
from django.utils import timezone

from .models import Notificatie, Status

logger = logging.getLogger(__name__)

PERMANENT = (AnymailInvalidAddress, AnymailRecipientsRefused, smtplib.SMTPRecipientsRefused)
# An ESP's 4xx says the request itself is wrong: sending it again gets the same answer.
# 408 and 429 are the provider asking us to wait, so they are temporary.
ESP_WAIT_CODES = (408, 429)


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
    with transaction.atomic():
        # Not before its next attempt is due: a Celery retry and a sweep that both hold the
        # row's id make one attempt between them, not two.
        rows = Notificatie.objects.filter(
            pk=pk, status=Status.WACHTEND, volgende_poging__lte=timezone.now()
        )
        if connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True)
        row = rows.first()
        if row is None:
            return "overgeslagen"  # sent already, or another worker holds it
        row.pogingen += 1
        try:
            message_id = _send(row)
        except Exception as exc:
            row.laatste_fout = _describe(exc, row)
            if is_permanent(exc) or row.pogingen >= settings.NOTIFICATIONS_MAX_ATTEMPTS:
                row.mislukt(fout=row.laatste_fout)
                row.save()
                return "mislukt"
            row.volgende_poging = timezone.now() + backoff(row.pogingen)
            row.save(update_fields=["pogingen", "laatste_fout", "volgende_poging"])
            return "later"
        row.verzonden(message_id=message_id)
        row.save()
        return "verzonden"


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
    """Waiting rows whose attempt was due at least ``late_by`` seconds ago."""
    due = timezone.now() - datetime.timedelta(seconds=late_by)
    return list(
        Notificatie.objects.filter(status=Status.WACHTEND, volgende_poging__lte=due)
        .order_by("volgende_poging")
        .values_list("pk", flat=True)[:limit]
    )
