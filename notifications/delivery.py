"""Sending queued rows: one attempt per call, idempotent, with backoff between attempts.

A row is locked while it is sent and is only sent while ``wachtend``: a row already sent
is never sent again. A temporary failure (connection refused, a 4xx/5xx from the mail
provider) leaves the row ``wachtend`` with its next attempt pushed back exponentially; the
sweep sends it then. After ``NOTIFICATIONS_MAX_ATTEMPTS`` the row is ``mislukt``.
"""

import datetime
import logging
import smtplib

from anymail.exceptions import AnymailInvalidAddress, AnymailRecipientsRefused
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.utils import timezone

from .models import Notificatie, Status

logger = logging.getLogger(__name__)

PERMANENT = (AnymailInvalidAddress, AnymailRecipientsRefused, smtplib.SMTPRecipientsRefused)


def backoff(attempt: int) -> datetime.timedelta:
    base = settings.NOTIFICATIONS_RETRY_SECONDS
    return datetime.timedelta(seconds=min(base * 2 ** (attempt - 1), 6 * 3600))


def send_one(pk: int) -> str:
    """Try to send row ``pk`` once; returns what happened (for logs and tests)."""
    with transaction.atomic():
        rows = Notificatie.objects.filter(pk=pk, status=Status.WACHTEND)
        if connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True)
        row = rows.first()
        if row is None:
            return "overgeslagen"  # sent already, or another worker holds it
        row.pogingen += 1
        try:
            message_id = _send(row)
        except PERMANENT as exc:
            row.mislukt(fout=_describe(exc))
            row.save()
            return "mislukt"
        except Exception as exc:  # temporary: connection, provider error
            row.laatste_fout = _describe(exc)
            if row.pogingen >= settings.NOTIFICATIONS_MAX_ATTEMPTS:
                row.mislukt(fout=row.laatste_fout)
                row.save()
                return "mislukt"
            row.volgende_poging = timezone.now() + backoff(row.pogingen)
            row.save(update_fields=["pogingen", "laatste_fout", "volgende_poging"])
            return "later"
        row.verzonden(message_id=message_id)
        row.save()
        return "verzonden"


def _send(row: Notificatie) -> str:
    message = EmailMultiAlternatives(
        subject=row.onderwerp,
        body=row.tekst,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[row.ontvanger],
        headers={"Message-ID": row.message_header_id},
    )
    message.attach_alternative(row.html, "text/html")
    message.send(fail_silently=False)
    status = getattr(message, "anymail_status", None)
    return (status.message_id or "") if status is not None else ""


def _describe(exc: Exception) -> str:
    # The error class and message; never the mail's content.
    return f"{type(exc).__name__}: {exc}"[:1000]


def due_ids(limit: int = 1000) -> list[int]:
    return list(
        Notificatie.objects.filter(status=Status.WACHTEND, volgende_poging__lte=timezone.now())
        .order_by("volgende_poging")
        .values_list("pk", flat=True)[:limit]
    )
