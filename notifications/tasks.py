"""The workers' side: sending queued rows and the periodic digests.

One direction only: tasks call ``delivery``, ``digest`` and ``daily``; the outbox writes
rows and announces them (``outbox.queued``), which ``enqueue`` turns into delivery tasks.
"""

import logging

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from .daily import send_daily_overviews
from .delivery import due_ids, send_one
from .digest import send_digests
from .models import Notificatie

logger = logging.getLogger(__name__)


def enqueue(ids: list[int]) -> None:
    for pk in ids:
        try:
            deliver.delay(pk)
        except Exception:  # broker down: the sweep picks the row up later
            logger.warning("Could not enqueue notification %s; the sweep will send it", pk)


def on_queued(sender, *, ids: list[int], **kwargs) -> None:
    enqueue(ids)


@shared_task(bind=True, acks_late=True, ignore_result=True, max_retries=None)
def deliver(self, pk: int) -> str:
    """One attempt at row ``pk``; after a temporary failure, again at the row's backoff.

    The attempts are counted on the row (``NOTIFICATIONS_MAX_ATTEMPTS``), not by Celery,
    so a retry lost with the broker is made up by the sweep without sending twice.
    """
    outcome = send_one(pk)
    if outcome == "later" and not self.request.is_eager:
        # Eager (the embedded default) would retry at once, in the request: the sweep
        # (or ``send_notifications``) makes the next attempt instead.
        due = Notificatie.objects.filter(pk=pk).values_list("volgende_poging", flat=True)[0]
        raise self.retry(countdown=max(1.0, (due - timezone.now()).total_seconds()))
    return outcome


@shared_task(ignore_result=True)
def sweep() -> int:
    """Re-enqueue rows left waiting: the broker was down when they were queued, a worker
    was lost, or a retry went missing. Rows are left alone for
    ``NOTIFICATIONS_SWEEP_AFTER_SECONDS`` past their due time: their own task has them.
    Also rows left ``verzenden`` by a worker that stopped mid-send, once
    ``NOTIFICATIONS_SENDING_STALE_SECONDS`` have passed: sent again with the same
    Message-ID and marked ``mogelijk_dubbel``."""
    ids = due_ids(late_by=settings.NOTIFICATIONS_SWEEP_AFTER_SECONDS)
    for pk in ids:
        deliver.delay(pk)
    return len(ids)


@shared_task(ignore_result=True)
def weekly_digest() -> int:
    return send_digests()


@shared_task(ignore_result=True)
def daily_overview() -> int:
    """Once a day: each contact's informational changes in one mail. Running it twice on a
    day sends nothing twice (``notifications.daily``)."""
    return send_daily_overviews()
