"""The workers' side of the intake: an accepted report processed after its commit, and a
sweep for any report a worker never got to (ADR 12)."""

import logging

from celery import shared_task

logger = logging.getLogger(__name__)


def enqueue_intake(pk: int) -> None:
    try:
        process_intake.delay(pk)
    except Exception:  # broker down: the sweep processes the report later
        logger.warning("Could not enqueue the intake of report %s; the sweep will do it", pk)


@shared_task(acks_late=True, ignore_result=True)
def process_intake(pk: int) -> bool:
    from . import services

    return services.process_accepted(pk)


@shared_task(ignore_result=True)
def sweep_intake() -> int:
    """The Celery-beat task that processes accepted reports left behind."""
    from . import services

    return services.process_open()
