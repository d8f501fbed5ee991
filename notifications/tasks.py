from celery import shared_task

from .delivery import due_ids, send_one


@shared_task(acks_late=True, ignore_result=True)
def deliver(pk: int) -> str:
    return send_one(pk)


@shared_task(ignore_result=True)
def sweep() -> int:
    """Re-send rows left waiting (broker down, worker lost, a temporary failure's backoff)."""
    ids = due_ids()
    for pk in ids:
        deliver.delay(pk)
    return len(ids)


@shared_task(ignore_result=True)
def weekly_digest() -> int:
    from .digest import send_digests

    return send_digests()
