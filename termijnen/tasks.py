from celery import shared_task


@shared_task(ignore_result=True)
def sweep() -> int:
    """The Celery-beat counterpart of ``manage.py termijnen_bewaken``."""
    from . import bewaking

    return bewaking.sweep()
